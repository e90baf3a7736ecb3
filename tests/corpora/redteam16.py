"""Sixteenth adversarial review of the recogniser (round 16; reviewer focus: values, windows, layouts, rewrites).

Focus: values (casts on tokens / weights / pooled and kept rows, pooling forms, IEEE specials through the fused
kernels), windows (page sizes, KV layouts, slices of the last dim, per-request caches), layouts (strides and storage
the probes do not reproduce) and rewrites (per-request / head-major / concatenated reads), plus several steps and
clones of caches in one graph.

First try (18:27-19:21 UTC, snapshot of 97e6e77 in /tmp/base16, PYTHONPATH=/tmp/base16, run from that tree): 125
attacks in 6 themes, 503 runs.  inductor_graph 152 runs: 33 FALSE FUSION / 0 CRASH / 74 equal / 44 refused / 1
control differs; torchair_like 150 runs: 16 FALSE FUSION / 1 CRASH / 90 equal / 43 refused; Inductor codegen
(nsa_fusion_backend) 162 runs (every attack static, the F1 / F2 attacks and the controls also batch and
dynamic=True): 44 FALSE FUSION (every one confirmed) / 79 equal / 38 refused / 1 CONTROL DIFFERS
(clone_then_mutate_input: plain Inductor's own pytorch#198031-style bug, the clone of an input mutated after it);
vllm_post (the vLLM adapters' mutating call) 19 runs: 5 FALSE FUSION (F1) / 14 equal (F2 does not reach it); real
torchair (CPU GE emulation) 20 runs: 9 equal / 3 refused / 1 CRASH / 7 control differs (F1 attacks: the control fails to
compile, BackendCompilerFailed, the pass compiles and differs); the Triton kernel (NSA_FUSION_FORCE_TRITON=1
TRITON_INTERPRET=1, Inductor codegen) 11 runs: the kt_ kernels attacks equal, F1 / F2 false fusions as with the
native kernel.  By attack: 23 false fusions in two classes, 1 crash (findings: /work/briefs/redteam16_findings.md; repros
/work/briefs/redteam16_repro_f1.py, _f1b.py, _f2.py, _f2b.py, _f2c.py):

* F1 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen, vllm_post; static, batch, dynamic=True; fp32,
  fp16, bf16): ``as_strided`` over a graph input whose strides or storage offset the probes do not reproduce.  Every
  evaluation probe builds its frontier values as fresh contiguous tensors at storage offset 0 (pooling
  ``_run_pooling_probes`` / ``_probe_specials`` via ``proof._dyadic``, ``weight_candidates``, the keep probe's
  ``torch.randn`` cache), whatever the fake value's strides; ``as_strided`` reads the storage, so it is one function
  on the probe and another on the input: ``x.as_strided(x.shape, row-major strides)`` is the identity on the probe
  and a permutation of a non-contiguous input (a weight stored transposed, a KV stored head-major inside its pages,
  a compressed cache stored head-major); ``w.as_strided(w.shape, w.stride())`` is the identity in eager but a
  transpose on the probe (the pass then reads the weight as "Nl"); ``w.as_strided((l, N), (N, 1), 0)`` of a weight
  with a storage offset reads other storage (repro_f1b: the runner's clone drops offsets, so not in ATTACKS).  The
  op is given the graph input itself, read through its real strides.  R4 (sizes.py) checks only symbolic
  as_strided, and only against the view's own contiguity.  Reached through the weight (as_w_transposed_param*,
  as_w_own_strides, as_w_then_t), the paged KV (as_kv_head_major_storage*, as_kv_flat_pool), the kept rows
  (as_kept_head_major_cache*); not through the written cache, lengths, slots (equal: the op gets the view) or the
  block table (refused).
* F2 FALSE FUSION (inductor_graph and Inductor codegen; static, batch, dynamic=True; not torchair_like, not
  vllm_post): the fused call's cache is an intermediate ``X`` (not a graph input) whose old value is still needed.
  (a) The step written into ``v = X.clone()`` where ``X`` is the new value of
  a cache input mutated earlier in the graph (``cache.mul_(1)`` / ``add_(0.0)`` / ``cache[0] = 5`` /
  ``cache.copy_(..)``, then the clone: the epilogue copies X into the input), or an intermediate read after the
  step (``c2 = cache * 1; v = c2.clone(); ...; return v, c2 * 2``; ``c2 = zeros_like(cache); c2[:4] = ...``).  The
  pass emits ``auto_functionalized(compress_infer_, cache=clone(X))`` and Inductor's reinplacing drops the clone:
  the generated code calls ``compress_infer_(.., buf0)`` in place on X's buffer, then copies buf0 into the cache
  input / computes ``c2 * 2`` from it.  Plain Inductor keeps the clone for its index_put (controls equal), so the
  caller's cache (or the later read) gets the step's rows only with the pass.  (b) The step in place into ``X``,
  the value of a cache input after an in-place prelude (``cache.mul_(1)``), with a snapshot ``old = cache.clone()``
  taken before and read after (``old * 2``), also into the half ``cache[1]`` of a stacked cache: the snapshot sees
  the new rows.  Without the prelude both are equal (stacked_snapshot_then_half_step): the reader protection
  (``rewrite.protect_old_cache_readers``, ``keep_stacked_halves_out_of_place``) looks at readers of the cache graph
  input only.  (c) Minimal: ``c2 = cache * 1; r = c2 * 2``, the step in place into ``c2``, ``r`` returned: Inductor
  computes ``r`` after the fused call (intermediate_read_before_step, repro /work/briefs/redteam16_repro_f2c.py):
  the hazard docs/soundness.md protects against for a cache graph input, unprotected for an intermediate cache.  docs/soundness.md ("Plain Inductor
  2.13's own reinplacing bugs ... do not reach the fused call") holds for a clone of an unmutated input
  (clone_after_nothing_control, clone_of_input_read_after: equal), not for these.  Attacks
  clone_mutated_input_then_step, clone_after_mul1, clone_after_row_write, clone_after_mul1_not_returned,
  step_on_flat_clone_after_mutation, two_clones_two_steps_after_mutation, copy_into_input_then_clone,
  step_into_clone_of_stacked_half, intermediate_clone_read_after, intermediate_written_then_clone,
  mutated_then_snapshot_then_step, stacked_mutated_then_half_step, intermediate_read_before_step.

* C1 CRASH (torchair_like and real torchair, static; low severity, likely the CPU stand-in only): zero-width rows
  (D = 0: KV [NB, P, N, 0], cache [S, N, 0]; size_d_0).  The step is refused ("mask: the condition differs within a
  batch row"), and ``lowering/ge_writes.py`` lowers the unfused ``index_put`` to ``npu_scatter_nd_update``, whose CPU
  stand-in (``nsa_fusion/testing/torchair_cpu._scatter_nd_update``) raises ``cannot reshape tensor of 0 elements
  into shape [-1, 2, 0]`` at ``updates.reshape(-1, *self.shape[k:])``; the compile without the pass runs.  Whether
  GE's ScatterNdUpdate takes zero-width updates is not known here.  (B = 0, size_batch_0: refused everywhere.)

Not found (equal or refused): casts: fp64 pooling (refused), fp16 tokens through bf16, fp32 pooled row through fp16,
fp16-then-bf16 rounding, fp64 kept rows, fp16/bf16/fp32 mixes of KV, weight and cache (refused; an fp16 weight with
fp32 data is an exact widening: equal), int16 bit views of the KV / kept rows and a bf16 KV reinterpreted as fp16
(equal: the view is the op's input), a pooled row's bits xor-ed twice (refused), fp16 .float().half().float() tokens
and an fp16 row selected in fp32 (equal); pooling: einsum, matmul, sum over the last dim, stack + sum, mean /
mean(dtype=fp32) / avg_pool1d for fp16 (equal) and bf16 (refused), fp16 products summed with dtype=fp32, nansum,
cumsum, weight scaled twice, addmm with alpha (refused), baddbmm with a zero bias and with beta=0 over a NaN bias
(equal), written loops from zeros, in place, commuted (equal), from -0.0 and from the first product (refused), from
an fp16 zeros accumulator (refused in Inductor's graph, equal in torchair_like: fp16 + fp32 promotes, the same
sums); windows: a [NB, N, P, D] KV (equal), [NB, P, D, N] (refused), P = 16 < l, P = 1, P = 24, N = D = 1, N = D
= 3, the K or V half of a concatenated last dim before / after the gather, kv[..., ::2], F.embedding /
index_select / take over the flat pool, fla chunks (d = l) also of a transposed-stored KV (equal), kv[1:] and heads
flipped on both tokens and weight (refused), token selects on page-id values (page < 20, page < 34 -> NaN, page <
kv.shape[0] - 24: refused, "page ids pass through lt"), a head-major select with a [B, 1, 1] condition at B == N
(refused); per-request caches written at [arange(B), j] and by scatter, also stored [M, S, N, D] (equal; batch:
refused by sizes); several steps: K and V halves of one input into halves of one cache, a stacked [2, ...] KV and
cache, two steps at the same slots, the step on a clone (returned with the cache, or followed by a second step),
the KV / weight input mutated after a clone the step reads, the KV mutated after the step, the cache input read
after a step on its clone, cache.contiguous() / cache.to(cache.dtype) aliases, a
read of a stacked half (or of a flat view of the stack) taken before the step and used after (equal), the weight a view of the
cache (refused), two layers on halves of one KV (refused); kernels: written loops over fp32 full-mantissa, near-max
and subnormal tokens, bf16 full mantissa, fp16 rows that round to inf, sums of full-mantissa fp16 (equal with the
native kernel and with the Triton kernel under TRITON_INTERPRET=1).  (No attack bug: two_layers_one_graph was first
written with a computed weight ``w * (1 - 2k)``, refused for that, then with ``w``: refused, evaluation error.)

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes six arguments ``(kv, w, slots, table, lens, cache)`` (``batch`` marks args 2, 3, 4
dynamic on dim 0); runner and classification are redteam7's ``classify7``.

    python tests/corpora/redteam16.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam16.py --table OUT.md [--dialect D ...] [name ...]

The ``kt_`` attacks (kernels) are also meant to run with ``NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1`` (the
Triton kernel on CPU tensors) and with the native kernel (the default), ``--dialect inductor``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam14 import _entry, _head_major, _hm, _per_request, _scatter, _std_at  # noqa: E402

F32, F16, BF16 = torch.float32, torch.float16, torch.bfloat16


# --- inputs ------------------------------------------------------------------------------------------------
def _inputs(batches, dtype=F32, kv_nc=False, w_nc=False, cache_nc=False, table_nc=False, lens_strided=False,
            slots_strided=False, tweak=None, **kw):
    """attacks.build's adversarial valid inputs, with layouts: ``kv_nc`` the KV stored head-major inside its pages
    (``[NB, P, N, D]`` with strides of ``[NB, N, P, D]``), ``w_nc`` the ``[l, N]`` weight stored transposed,
    ``cache_nc`` the ``[S, N, D]`` cache stored head-major, ``table_nc`` the block table stored transposed,
    ``lens_strided`` / ``slots_strided`` column 0 of a ``[B, 2]`` tensor (stride 2; the other column is another
    valid length / another set of distinct slots).  (The runner clones inputs: ``clone`` keeps the strides of a
    dense tensor, not a storage offset.)"""
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, seed=k, dtype=dtype, **kw)
            kv, w, slots, table, lens, cache = a.args
            if kv_nc:
                kv = kv.permute(0, 2, 1, 3).contiguous().permute(0, 2, 1, 3)
            if w_nc:
                w = w.t().contiguous().t()
            if cache_nc:
                cache = cache.transpose(0, 1).contiguous().transpose(0, 1)
            if table_nc:
                table = table.t().contiguous().t()
            if lens_strided:
                other = lens.flip(0)  # valid lengths too (a permutation of them)
                lens = torch.stack([lens, other], 1)[:, 0]
            if slots_strided:
                S = cache.shape[0]
                perm = torch.randperm(S, generator=torch.Generator().manual_seed(k))[: 2 * B].to(slots.dtype)
                slots = perm.view(B, 2)[:, 0]  # the interleaved first B entries are distinct too
            args = [kv, w, slots, table, lens, cache]
            if tweak is not None:
                args = tweak(args)
            out.append(args)
        return out
    return make


def _contig(x):
    """``x.as_strided(x.shape, row-major strides)``: "the contiguous view" a helper assumes it has."""
    st, acc = [], 1
    for s in reversed(x.shape):
        st.append(acc)
        acc *= s
    return x.as_strided(x.shape, tuple(reversed(st)))


def _std_step(kv_of=lambda kv: kv, w_of=lambda w: w, kept_of=lambda c, s: c[s], lens_of=lambda x: x,
              table_of=lambda t: t, slots_of=lambda s: s, cache_of=lambda c: c):
    def step(kv, w, slots, table, lens, cache):
        lens, table, slots = lens_of(lens), table_of(table), slots_of(slots)
        c = cache_of(cache)
        new = pool(tokens(kv_of(kv), table, positions(lens)), w_of(w))
        s = slots.long()
        c[s] = torch.where(completes(lens)[:, None, None], new.to(c.dtype), kept_of(c, s))
        return cache
    return step


# --- 1. as_strided over inputs whose layout the probes do not reproduce ------------------------------------
as_w = _std_step(w_of=_contig)
as_kv = _std_step(kv_of=_contig)
as_kept = _std_step(kept_of=lambda c, s: _contig(c)[s])
as_write = _std_step(cache_of=_contig)
as_lens = _std_step(lens_of=_contig)
as_table = _std_step(table_of=_contig)
as_slots = _std_step(slots_of=_contig)
as_w_own_strides = _std_step(w_of=lambda w: w.as_strided(w.shape, w.stride()))


def as_kv_flat_pool(kv, w, slots, table, lens, cache):
    """A flat ``[NB * P, N, D]`` token pool taken with as_strided (contiguous strides) of a head-major-stored KV, read
    at ``page * P + off`` (rewrite.paged_flat_reads)."""
    NB, P, N, D = kv.shape
    flat = kv.as_strided((NB * P, N, D), (N * D, D, 1))
    pos = positions(lens)
    tok = flat[table.long().gather(1, pos // P) * P + pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


def as_w_then_t(kv, w, slots, table, lens, cache):
    """The weight read as ``[N, l]`` through as_strided over an ``[l, N]`` parameter stored transposed, then t()."""
    wt = w.as_strided((w.shape[1], w.shape[0]), (w.shape[0], 1)).t()  # reads w's storage as [N, l] row-major
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), wt))


def as_kept_rows_view(kv, w, slots, table, lens, cache):
    """Kept rows read through ``as_strided`` of the gathered rows ``cache[s]`` (a fresh contiguous tensor: the
    identity in eager too)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), _contig(cache[s]))
    return cache


# --- 2. casts on tokens / weights / the pooled row / the kept rows ---------------------------------------------
def cast_pool_fp64(kv, w, slots, table, lens, cache):
    """Products and sum in fp64, rounded to the cache dtype (double rounding via fp64 is not the op's fp32 sum)."""
    tok = tokens(kv, table, positions(lens)).double()
    new = (tok * w.double()[None, :, :, None]).sum(1)
    return write(cache, slots, completes(lens), new)


def cast_pool_fp64_to_fp32(kv, w, slots, table, lens, cache):
    """fp64 pooling rounded to fp32 first, then to the cache dtype."""
    tok = tokens(kv, table, positions(lens)).double()
    new = (tok * w.double()[None, :, :, None]).sum(1).float()
    return write(cache, slots, completes(lens), new)


def cast_tokens_bf16(kv, w, slots, table, lens, cache):
    """fp16 tokens passed through bf16 (loses mantissa)."""
    tok = tokens(kv, table, positions(lens)).to(BF16)
    return write(cache, slots, completes(lens), pool(tok, w))


def cast_new_fp16_roundtrip(kv, w, slots, table, lens, cache):
    """fp32 data: the pooled fp32 row rounded through fp16 and back before the write."""
    new = pool(tokens(kv, table, positions(lens)), w).half().float()
    return write(cache, slots, completes(lens), new)


def cast_kept_fp64(kv, w, slots, table, lens, cache):
    """Kept rows through fp64 and back (exact)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.double(), cache[s].double()).to(cache.dtype)
    return cache


def cast_kept_bitview(kv, w, slots, table, lens, cache):
    """Kept rows through a bit view (int16 and back: the same bits)."""
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    s = slots.long()
    old = cache[s].view(torch.int16).view(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], new, old)
    return cache


def cast_new_bitview_sign(kv, w, slots, table, lens, cache):
    """The pooled row's bits xor the sign bit twice (the same bits, written through an int view)."""
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    bits = new.view(torch.int16) ^ -32768
    new = (bits ^ -32768).view(cache.dtype)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])
    return cache


def cast_tokens_noop_chain(kv, w, slots, table, lens, cache):
    """fp16 tokens: .float().half().float() (exact)."""
    tok = tokens(kv, table, positions(lens)).float().half().float()
    return write(cache, slots, completes(lens), pool(tok, w))


def cast_select_fp32(kv, w, slots, table, lens, cache):
    """fp16 data: the select in fp32 (new rounded to fp16 and back, kept upcast), rounded to fp16 after."""
    new = pool(tokens(kv, table, positions(lens)), w).half().float()
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s].float()).half()
    return cache


def cast_new_fp16_then_bf16(kv, w, slots, table, lens, cache):
    """bf16 data and cache: the fp32 row rounded to fp16 first, then to bf16 (range and precision of fp16)."""
    new = pool(tokens(kv, table, positions(lens)), w).half()
    return write(cache, slots, completes(lens), new)


def mixed_cache_dtype(kv, w, slots, table, lens, cache):
    """The cache's dtype differs from the KV's (the op needs one dtype): the pooled fp32 row rounded to the cache's."""
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _cache_dtype(dtype):
    def tweak(args):
        args[5] = args[5].to(dtype)
        return args
    return tweak


def _weight_dtype(dtype):
    def tweak(args):
        args[1] = args[1].to(dtype)
        return args
    return tweak


def kv_bits_view(kv, w, slots, table, lens, cache):
    """The KV passed as int16 bits and viewed as fp16 in the step."""
    return write(cache, slots, completes(lens), pool(tokens(kv.view(F16), table, positions(lens)), w))


def _kv_as_int16(args):
    args[0] = args[0].view(torch.int16)
    return args


def kv_bits_view_bf16_as_fp16(kv, w, slots, table, lens, cache):
    """bf16 KV reinterpreted as fp16 (other values), fp16 weight and cache."""
    return write(cache, slots, completes(lens), pool(tokens(kv.view(F16), table, positions(lens)), w))


def _kv_bf16_bits(args):
    args[0] = args[0].to(BF16)
    return args


# --- 3. pooling forms ---------------------------------------------------------------------------------------
def _pooled(fn):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))  # [B, l, N, D]
        return write(cache, slots, completes(lens), fn(tok, w))
    return step


pool_einsum = _pooled(lambda t, w: torch.einsum("bjnd,jn->bnd", t.float(), w.float()))
pool_tensordot = _pooled(lambda t, w: (t.float() * w.float()[None, :, :, None]).permute(0, 2, 3, 1).sum(-1))
pool_matmul = _pooled(lambda t, w: (w.float().t()[None, :, None, :] @ t.float().permute(0, 2, 1, 3)).squeeze(2))
pool_sum_dtype_fp16_product = _pooled(lambda t, w: (t * w[None, :, :, None]).sum(1, dtype=torch.float32))
pool_mean = _pooled(lambda t, w: t.float().mean(1))
pool_mean_dtype = _pooled(lambda t, w: t.mean(1, dtype=torch.float32))
pool_avgpool = _pooled(lambda t, w: F.avg_pool1d(t.float().permute(0, 2, 3, 1).reshape(t.shape[0], -1, L),
                                                 L).reshape(t.shape[0], t.shape[2], t.shape[3]))
pool_nansum = _pooled(lambda t, w: (t.float() * w.float()[None, :, :, None]).nansum(1))
pool_stack_sum = _pooled(lambda t, w: torch.stack([t[:, j].float() * w[j].float()[None, :, None]
                                                   for j in range(L)]).sum(0))
pool_cumsum_last = _pooled(lambda t, w: (t.float() * w.float()[None, :, :, None]).cumsum(1)[:, -1])
pool_scale_half_twice = _pooled(lambda t, w: (t.float() * (w.float() * 0.5)[None, :, :, None]).sum(1) * 2)


def _loop(start="zeros", inplace=False, commuted=False, reverse=False, fp16_acc=False):
    def fn(t, w):
        B, _, N, D = t.shape
        if start == "zeros":
            acc = torch.zeros(B, N, D, dtype=F16 if fp16_acc else F32)
        elif start == "negzero":
            acc = torch.full((B, N, D), -0.0, dtype=F32)
        elif start == "first":
            acc = t[:, 0].float() * w[0].float()[None, :, None]
        js = range(1 if start == "first" else 0, L)
        for j in (reversed(js) if reverse else js):
            p = (w[j].float()[None, :, None] * t[:, j].float()) if commuted else (t[:, j].float() * w[j].float()[None, :, None])
            if inplace:
                acc += p
            else:
                acc = acc + p
        return acc
    return fn


pool_loop = _pooled(_loop())
pool_loop_inplace = _pooled(_loop(inplace=True, commuted=True))
pool_loop_negzero_start = _pooled(_loop(start="negzero"))
pool_loop_first_start = _pooled(_loop(start="first"))
pool_loop_fp16_acc = _pooled(_loop(fp16_acc=True))


def pool_baddbmm_zero(kv, w, slots, table, lens, cache):
    """baddbmm(zeros, w^T, tokens): the bias operand a zero fill."""
    tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
    B, _, N, D = tok.shape
    t = tok.permute(0, 2, 1, 3).reshape(B * N, L, D)
    wt = w.float().t().reshape(N, 1, L).repeat(B, 1, 1)
    new = torch.baddbmm(torch.zeros(B * N, 1, D), wt, t).reshape(B, N, D)
    return write(cache, slots, completes(lens), new)


def pool_baddbmm_beta0_nan(kv, w, slots, table, lens, cache):
    """baddbmm(nan, w^T, tokens, beta=0): eager ignores the NaN bias."""
    tok = tokens(kv, table, positions(lens)).float()
    B, _, N, D = tok.shape
    t = tok.permute(0, 2, 1, 3).reshape(B * N, L, D)
    wt = w.float().t().reshape(N, 1, L).repeat(B, 1, 1)
    new = torch.baddbmm(torch.full((B * N, 1, D), float("nan")), wt, t, beta=0).reshape(B, N, D)
    return write(cache, slots, completes(lens), new)


def pool_addmm_alpha2_half_weight(kv, w, slots, table, lens, cache):
    """addmm(zeros, tokens, w/2 ... ) with alpha = 2: the weight read, then scaled twice."""
    tok = tokens(kv, table, positions(lens)).float()
    B, _, N, D = tok.shape
    outs = []
    for h in range(N):
        x = tok[:, :, h].permute(0, 2, 1).reshape(B * D, L)  # [B*D, l]
        outs.append(torch.addmm(torch.zeros(B * D, 1), x, w.float()[:, h:h + 1], alpha=2.0).reshape(B, D) / 2)
    return write(cache, slots, completes(lens), torch.stack(outs, 1))


# --- 4. windows read from other layouts -------------------------------------------------------------------------
def win_kv_npd(kv, w, slots, table, lens, cache):
    """KV ``[NB, N, P, D]`` (heads before offsets) read ``kv[page, :, off]``."""
    P = kv.shape[2]
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P), :, pos % P]  # [B, l, N, D]
    return write(cache, slots, completes(lens), pool(tok, w))


def _kv_npd(args):
    args[0] = args[0].permute(0, 2, 1, 3).contiguous()
    return args


def win_kv_pdn(kv, w, slots, table, lens, cache):
    """KV ``[NB, P, D, N]`` (heads last), tokens permuted back to ``[B, l, N, D]``."""
    P = kv.shape[1]
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P), pos % P].transpose(-1, -2)
    return write(cache, slots, completes(lens), pool(tok, w))


def _kv_pdn(args):
    args[0] = args[0].permute(0, 1, 3, 2).contiguous()
    return args


win_std = _std_step()


def win_heads_swapped_kv(kv, w, slots, table, lens, cache):
    """KV read with heads reversed, the weight read with heads reversed too (the same products), N = 2."""
    return write(cache, slots, completes(lens),
                 pool(tokens(kv.flip(2), table, positions(lens)), w.flip(1)).flip(1))


def win_kv_slice_of_pages(kv, w, slots, table, lens, cache):
    """The step reads pages ``kv[1:]`` (the block table counts from page 1 of the input)."""
    return write(cache, slots, completes(lens), pool(tokens(kv[1:], table, positions(lens)), w))


def _shift_pages(args):
    kv = args[0]
    args[0] = torch.cat([torch.full_like(kv[:1], float("nan")), kv])
    return args


def win_kv_dim_slice(kv, w, slots, table, lens, cache):
    """The step reads ``kv[..., :D]`` of a ``[NB, P, N, 2D]`` input (K half of a concatenated K|V cache)."""
    D = cache.shape[2]
    return write(cache, slots, completes(lens), pool(tokens(kv[..., :D], table, positions(lens)), w))


def win_kv_dim_slice_upper(kv, w, slots, table, lens, cache):
    """The step reads ``kv[..., D:]`` (the V half) after gathering the whole last dim (rewrite.concatenated_reads)."""
    D = cache.shape[2]
    tok = tokens(kv, table, positions(lens)).float()[..., D:]
    return write(cache, slots, completes(lens), pool(tok, w))


def _kv_concat_dims(args):
    kv = args[0]
    args[0] = torch.cat([kv, -kv * 2 + 1], -1)
    return args


def win_dim_strided(kv, w, slots, table, lens, cache):
    """``kv[..., ::2]`` of a ``[NB, P, N, 2D]`` input (every other element of the last dim)."""
    return write(cache, slots, completes(lens), pool(tokens(kv[..., ::2], table, positions(lens)), w))


def _tokens_where_page(limit, fill=0.0):
    """Tokens of pages with an id >= ``limit`` replaced by ``fill`` (a select on page-id values, not on tokens)."""
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        page = table.long().gather(1, pos // P)
        tok = kv[page, pos % P]
        tok = torch.where((page < limit)[:, :, None, None], tok, torch.full_like(tok, fill))
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _tokens_where_kv_blocks(kv, w, slots, table, lens, cache):
    """Tokens of pages past block 11 zeroed, the bound written as kv.shape[0] - 24 (11 at 35 blocks, negative at 10)."""
    P = kv.shape[1]
    pos = positions(lens)
    page = table.long().gather(1, pos // P)
    tok = kv[page, pos % P]
    tok = torch.where((page < kv.shape[0] - 24)[:, :, None, None], tok, torch.zeros_like(tok))
    return write(cache, slots, completes(lens), pool(tok, w))


def per_request_index_put(kv, w, slots, table, lens, cmp):
    """HF-style per-request ``[S, M, N, D]`` cache written ``cmp[arange(B), j] = where(valid, new, cmp[arange(B), j])``
    (rewrite._per_request_rows)."""
    B = lens.shape[0]
    rows, j = torch.arange(B), _entry(lens)
    new = pool(tokens(kv, table, positions(lens)), w).to(cmp.dtype)
    cmp[rows, j] = torch.where(completes(lens)[:, None, None], new, cmp[rows, j])
    return cmp


def _per_request_transposed(batches, **kw):
    """_per_request's ``[S, M, N, D]`` cache stored ``[M, S, N, D]`` (a transposed view: reshape(-1, N, D) copies)."""
    def make():
        out = []
        for a in _per_request(batches, **kw)():
            a[5] = a[5].transpose(0, 1).contiguous().transpose(0, 1)
            out.append(a)
        return out
    return make


def win_embedding(kv, w, slots, table, lens, cache):
    """Tokens by ``F.embedding`` over the flat ``[NB * P, N * D]`` pool at ``page * P + off``."""
    NB, P, N, D = kv.shape
    pos = positions(lens)
    idx = table.long().gather(1, pos // P) * P + pos % P
    tok = F.embedding(idx, kv.reshape(NB * P, N * D)).view(*idx.shape, N, D)
    return write(cache, slots, completes(lens), pool(tok, w))


def win_index_select(kv, w, slots, table, lens, cache):
    """Tokens by ``index_select`` of the flat ``[NB * P, N, D]`` pool at the flattened indices."""
    NB, P, N, D = kv.shape
    pos = positions(lens)
    idx = table.long().gather(1, pos // P) * P + pos % P
    tok = kv.reshape(NB * P, N, D).index_select(0, idx.flatten()).view(*idx.shape, N, D)
    return write(cache, slots, completes(lens), pool(tok, w))


def win_take(kv, w, slots, table, lens, cache):
    """Tokens by ``take`` of single elements: ``((page * P + off) * N + h) * D + e``."""
    NB, P, N, D = kv.shape
    pos = positions(lens)
    row = table.long().gather(1, pos // P) * P + pos % P  # [B, l]
    el = (row[:, :, None, None] * N + torch.arange(N)[:, None]) * D + torch.arange(D)
    return write(cache, slots, completes(lens), pool(kv.take(el), w))


def _chunked(transposed=False):
    """fla-style chunks (d = l = 32) of a per-request ``[S, T, N, D]`` KV: ``x.view(S, W, l, N, D)[rows, i]`` with
    ``i = (s - l) // l`` (rewrite._chunked_window); ``transposed``: reshape of a [S, T, N, D] view stored [S, N, T, D]."""
    def step(kv, w, slots, table, lens, cache):
        S, T, N, D = kv.shape
        B = lens.shape[0]
        x = kv.reshape(S, T // L, L, N, D) if transposed else kv.view(S, T // L, L, N, D)
        i = (lens.long() - L) // L
        win = x[torch.arange(B), i]  # [B, l, N, D]
        valid = (lens >= L) & ((lens - L) % L == 0)
        return write(cache, slots, valid, pool(win, w))
    return step


def _dense_seq(batches, dtype=F16, transposed=False):
    """A per-request ``[S, T, N, D]`` KV (request b's pages in order), lengths moved to multiples of l = 32 on the
    even rows (so that d = l windows complete)."""
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, seed=k, dtype=dtype)
            kv, w, slots, table, lens, cache = a.args
            dense = kv[table.long()].reshape(B, -1, *kv.shape[2:])
            if transposed:
                dense = dense.transpose(1, 2).contiguous().transpose(1, 2)
            lens = torch.where(torch.arange(B) % 2 == 0, (lens // L) * L, lens).to(lens.dtype)
            out.append([dense, w, slots, torch.arange(B), lens, cache])
        return out
    return make


def _empty_batch(dtype=F16, D=16):
    """Batch 0 (slots, table, lengths empty), or D = 0 (zero-width rows)."""
    def make():
        a = build(B=8, dtype=dtype, D=D if D else 16)
        kv, w, slots, table, lens, cache = a.args
        if D == 0:
            return [[kv[..., :0].contiguous(), w, slots, table, lens, cache[..., :0].contiguous()]]
        return [[kv, w, slots[:0].clone(), table[:0].clone(), lens[:0].clone(), cache]]
    return make


# --- 5. several steps, caches shared or cloned ------------------------------------------------------------------
def two_steps_kv_stacked(kv, w, slots, table, lens, cache):
    """K and V compressed from halves of one input (kv[..., :D], kv[..., D:]) into two halves of one cache
    ``[S, N, 2D]`` (cache[..., :D], cache[..., D:]): in-place writes into views of one cache input."""
    D = kv.shape[-1] // 2
    s = slots.long()
    v = completes(lens)[:, None, None]
    pos = positions(lens)
    for k in range(2):
        half = cache[..., k * D:(k + 1) * D]
        new = pool(tokens(kv[..., k * D:(k + 1) * D], table, pos), w)
        half[s] = torch.where(v, new.to(cache.dtype), half[s])
    return cache


def _cache_concat_dims(args):
    c = args[5]
    args[5] = torch.cat([c, c.flip(0)], -1)
    return args


def step_on_clone_return_both(kv, w, slots, table, lens, cache):
    """The step on ``v = cache.clone()``; both returned (pytorch#198031 family)."""
    v = cache.clone()
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache


def step_then_clone_then_step(kv, w, slots, table, lens, cache):
    """Step into the cache, snapshot ``c2 = cache.clone()``, a second step (weights negated) into the snapshot."""
    write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    c2 = cache.clone()
    write(c2, slots, completes(lens), pool(tokens(kv, table, positions(lens)), -w))
    return cache, c2


def clone_mutated_input_then_step(kv, w, slots, table, lens, cache):
    """The cache input mutated first (``cache.mul_(1)``: -0.0 stays, NaN stays), cloned, the step on the clone."""
    cache.add_(0.0)  # (+0.0 added: -0.0 becomes +0.0 in eager)
    v = cache.clone()
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache


def _clone_after(mutate, ret_cache=True):
    def step(kv, w, slots, table, lens, cache):
        mutate(cache)
        v = cache.clone()
        write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        return (v, cache) if ret_cache else v
    return step


def _row0(c):
    c[0] = 5.0


clone_after_mul1 = _clone_after(lambda c: c.mul_(1.0))
clone_after_row_write = _clone_after(_row0)
clone_after_mul1_not_returned = _clone_after(lambda c: c.mul_(1.0), ret_cache=False)
clone_after_nothing = _clone_after(lambda c: None)


def clone_then_mutate_input(kv, w, slots, table, lens, cache):
    """``v = cache.clone()``, then the input scaled in place, then the step into ``v`` (v must hold the old rows)."""
    v = cache.clone()
    cache.mul_(2.0)
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache


def step_on_contiguous_alias(kv, w, slots, table, lens, cache):
    """``v = cache.contiguous()`` (the cache itself in eager: an alias), the step into ``v``, then ``v`` scaled."""
    v = cache.contiguous()
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return cache * 1


def step_on_to_same_dtype(kv, w, slots, table, lens, cache):
    """``v = cache.to(cache.dtype)`` (an alias in eager), the step into ``v``; the cache input returned."""
    v = cache.to(cache.dtype)
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return cache


def step_on_flat_clone(kv, w, slots, table, lens, cache):
    """The cache input mutated (``mul_(1)``), ``v = cache.view(-1, D).clone().view(S, N, D)``, the step into ``v``."""
    cache.mul_(1.0)
    S, N, D = cache.shape
    v = cache.view(-1, D).clone().view(S, N, D)
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache


def two_steps_after_mutation(kv, w, slots, table, lens, cache):
    """``cache.mul_(1)``, the step into ``cache`` itself, then the step on a clone with other slots."""
    cache.mul_(1.0)
    write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    v = cache.clone()
    write(v, (cache.shape[0] - 1 - slots.long()).flip(0), completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache


def two_clones_two_steps(kv, w, slots, table, lens, cache):
    """``cache.mul_(1)``; two clones of the cache, the step into each (the second at other slots); all returned."""
    cache.mul_(1.0)
    v1, v2 = cache.clone(), cache.clone()
    new = pool(tokens(kv, table, positions(lens)), w)
    write(v1, slots, completes(lens), new)
    write(v2, (cache.shape[0] - 1 - slots.long()).flip(0), completes(lens), new)
    return v1, v2, cache


def copy_into_input_then_clone(kv, w, slots, table, lens, cache):
    """``cache.copy_(cache.flip(0))`` (the input overwritten), clone, the step into the clone."""
    cache.copy_(cache.flip(0))
    v = cache.clone()
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache


def _intermediate_clone(after):
    """``c2 = cache * 1`` (not an input), ``v = c2.clone()``, the step into ``v``; ``after(c2)`` returned too."""
    def step(kv, w, slots, table, lens, cache):
        c2 = cache * 1.0
        v = c2.clone()
        write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        return v, after(c2)
    return step


intermediate_clone_returned = _intermediate_clone(lambda c2: c2)
intermediate_clone_read_after = _intermediate_clone(lambda c2: c2 * 2)
intermediate_clone_view_returned = _intermediate_clone(lambda c2: c2.view(-1))


def kv_clone_then_input_mutated(kv, w, slots, table, lens, cache):
    """``kv2 = kv.clone()``; the KV input scaled in place; the step reads ``kv2`` (the old tokens)."""
    kv2 = kv.clone()
    kv.mul_(2)
    write(cache, slots, completes(lens), pool(tokens(kv2, table, positions(lens)), w))
    return cache, kv


def w_clone_then_input_mutated(kv, w, slots, table, lens, cache):
    """``w2 = w.clone()``; the weight input negated in place; the step pools with ``w2``."""
    w2 = w.clone()
    w.neg_()
    write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w2))
    return cache, w


def intermediate_written_then_clone(kv, w, slots, table, lens, cache):
    """``c2 = zeros_like(cache); c2[:4] = cache[:4]`` (an intermediate built by a write), ``v = c2.clone()``, the
    step into ``v``, ``c2.sum()`` read after."""
    c2 = torch.zeros_like(cache)
    c2[:4] = cache[:4]
    v = c2.clone()
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, c2.float().nan_to_num().sum()


def stacked_kv_two_steps(kv, w, slots, table, lens, cache):
    """A stacked ``[2, NB, P, N, D]`` KV and ``[2, S, N, D]`` compressed cache: K and V steps on ``kv[i]`` / ``cache[i]``."""
    for i in range(2):
        write(cache[i], slots, completes(lens), pool(tokens(kv[i], table, positions(lens)), w))
    return cache


def _stacked(args):
    kv, c = args[0], args[5]
    args[0] = torch.stack([kv, kv.flip(2)])
    args[5] = torch.stack([c, c.flip(1)])
    return args


def two_steps_same_slots(kv, w, slots, table, lens, cache):
    """Two steps into one cache at the same slots (the second, from the head-flipped KV, overwrites the first)."""
    write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    write(cache, slots, completes(lens), pool(tokens(kv.flip(2), table, positions(lens)), w))
    return cache


def step_into_clone_of_stacked_half(kv, w, slots, table, lens, cache):
    """``cache.mul_(1)`` on a stacked ``[2, S, N, D]`` cache, ``v = cache[1].clone()``, the step into ``v``."""
    cache.mul_(1.0)
    v = cache[1].clone()
    write(v, slots, completes(lens), pool(tokens(kv[0], table, positions(lens)), w))
    return v, cache


def clone_of_input_read_after(kv, w, slots, table, lens, cache):
    """``v = cache.clone()``, the step into ``v``, the cache input read after (``cache * 2`` returned)."""
    v = cache.clone()
    write(v, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return v, cache * 2


def kv_cast_before_gather(kv, w, slots, table, lens, cache):
    """The whole fp16 KV upcast first (``kv.float()``), the window gathered from the fp32 copy."""
    return write(cache, slots, completes(lens), pool(tokens(kv.float(), table, positions(lens)), w))


def stacked_half_read_before_used_after(kv, w, slots, table, lens, cache):
    """``old = cache[0] * 1`` taken before the step into the stacked half ``cache[0]``, returned after it."""
    old = cache[0] * 1
    write(cache[0], slots, completes(lens), pool(tokens(kv[0], table, positions(lens)), w))
    return cache, old


def stacked_half_flat_view_read_before(kv, w, slots, table, lens, cache):
    """``old = cache.view(2, -1)[0] + 0`` (a flat view of the stack) before the step into ``cache[0]``."""
    old = cache.view(2, -1)[0] + 0
    write(cache[0], slots, completes(lens), pool(tokens(kv[0], table, positions(lens)), w))
    return cache, old


def stacked_mutated_then_half_step(kv, w, slots, table, lens, cache):
    """``cache.mul_(1)`` on the stacked cache, then the step into the half ``cache[1]`` in place; both halves
    returned with a read of the old half taken between."""
    cache.mul_(1.0)
    old = cache[1].clone()
    write(cache[1], slots, completes(lens), pool(tokens(kv[1], table, positions(lens)), w))
    return cache, old * 2


def stacked_snapshot_then_half_step(kv, w, slots, table, lens, cache):
    """stacked_mutated_then_half_step without the ``mul_``: ``old = cache[1].clone()``, the step into ``cache[1]``."""
    old = cache[1].clone()
    write(cache[1], slots, completes(lens), pool(tokens(kv[1], table, positions(lens)), w))
    return cache, old * 2


def mutated_then_snapshot_then_step(kv, w, slots, table, lens, cache):
    """Unstacked: ``cache.mul_(1)``; ``old = cache.clone()``; the step into ``cache`` in place; ``old * 2``."""
    cache.mul_(1.0)
    old = cache.clone()
    write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return cache, old * 2


def intermediate_read_before_step(kv, w, slots, table, lens, cache):
    """``c2 = cache * 1``; ``r = c2 * 2`` read before the step into ``c2`` in place; both returned."""
    c2 = cache * 1.0
    r = c2 * 2
    write(c2, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return c2, r


def step_kv_updated_after(kv, w, slots, table, lens, cache):
    """The step, then every page of the KV scaled in place (the step must read the old tokens)."""
    write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    kv.mul_(2)
    return cache, kv


def weight_view_of_cache(kv, w, slots, table, lens, cache):
    """The weight is a view of the cache being written (cache[:l, :, 0]): eager reads it before writing."""
    ww = cache[:L, :, 0]
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), ww))


def two_layers_one_graph(kv, w, slots, table, lens, cache):
    """Two layers: layer 1 compresses kv[0] into cache[0], layer 2 kv[1] into cache[1] (a [2, ...] stack of both)."""
    NB = kv.shape[0] // 2
    S = cache.shape[0] // 2
    for k in range(2):
        c = cache[k * S:(k + 1) * S]
        write(c, slots, completes(lens), pool(tokens(kv[k * NB:(k + 1) * NB], table, positions(lens)), w))
    return cache


def _two_layers(args):
    kv, c = args[0], args[5]
    args[0] = torch.cat([kv, kv.flip(1)])
    args[5] = torch.cat([c, c.flip(0)])
    return args


# --- 6. kernels: values the probes do not draw ---------------------------------------------------------------
def _full_mantissa(dtype, scale=1.0, tiny=False):
    """Random full-mantissa tokens and weights (fp32 products round), optionally huge or subnormal."""
    def tweak(args):
        g = torch.Generator().manual_seed(7)
        kv = args[0]
        finite = torch.isfinite(kv)
        vals = torch.randn(kv.shape, generator=g) * scale
        if tiny:
            vals = vals * 2.0 ** -130
        args[0] = torch.where(finite, vals.to(kv.dtype), kv)
        args[1] = (torch.randn(args[1].shape, generator=g) * 1.7).to(args[1].dtype)
        return args
    return tweak


kt_loop = _pooled(_loop())
kt_sum = _pooled(lambda t, w: (t.float() * w.float()[None, :, :, None]).sum(1))


S, SB, ALL = ("static",), ("static", "batch"), ("static", "batch", "dynamic")
ATTACKS = [
    # 1. as_strided over inputs laid out otherwise than the probes' contiguous tensors
    ("as_w_transposed_param", _mk(as_w, _inputs([8], w_nc=True), ALL),
     "w.as_strided(w.shape, row-major strides) of an [l, N] weight stored transposed: eager reads w's storage"),
    ("as_w_transposed_param_fp16", _mk(as_w, _inputs([8], F16, w_nc=True), S), "as_w_transposed_param, fp16"),
    ("as_w_transposed_param_bf16", _mk(as_w, _inputs([8], BF16, w_nc=True), S), "as_w_transposed_param, bf16"),
    ("as_w_contiguous_control", _mk(as_w, _inputs([8]), SB), "control: the same step on a contiguous weight"),
    ("as_w_own_strides", _mk(as_w_own_strides, _inputs([8], w_nc=True), S),
     "w.as_strided(w.shape, w.stride()) (the identity in eager) of a transposed weight"),
    ("as_w_then_t", _mk(as_w_then_t, _inputs([8], w_nc=True), S),
     "the weight read [N, l] by as_strided of a transposed-stored [l, N] parameter, then .t()"),
    ("as_kv_head_major_storage", _mk(as_kv, _inputs([8], kv_nc=True), ALL),
     "kv.as_strided(kv.shape, row-major strides) of a KV stored head-major inside pages"),
    ("as_kv_head_major_storage_fp16", _mk(as_kv, _inputs([8], F16, kv_nc=True), S), "as_kv_head_major_storage, fp16"),
    ("as_kv_contiguous_control", _mk(as_kv, _inputs([8]), S), "control: contiguous KV"),
    ("as_kv_flat_pool", _mk(as_kv_flat_pool, _inputs([8], kv_nc=True), S),
     "flat [NB * P, N, D] pool by as_strided of a head-major-stored KV, read at page * P + off"),
    ("as_kept_head_major_cache", _mk(as_kept, _inputs([8], cache_nc=True), ALL),
     "kept rows read from cache.as_strided(row-major strides) of a cache stored head-major"),
    ("as_kept_head_major_cache_fp16", _mk(as_kept, _inputs([8], F16, cache_nc=True), S), "as_kept, fp16"),
    ("as_write_head_major_cache", _mk(as_write, _inputs([8], cache_nc=True), S),
     "the whole write (kept read and write) through cache.as_strided(row-major) of a head-major-stored cache"),
    ("as_kept_rows_view", _mk(as_kept_rows_view, _inputs([8], cache_nc=True), S),
     "as_strided of the gathered kept rows (fresh and contiguous: identity in eager too)"),
    ("as_lens_strided", _mk(as_lens, _inputs([8], lens_strided=True), SB),
     "lens column 0 of [B, 2] (stride 2) read by as_strided((B,), (1,)): eager reads the interleaved storage"),
    ("as_table_transposed", _mk(as_table, _inputs([8], table_nc=True), S),
     "block table stored transposed, read by as_strided(row-major strides)"),
    ("as_slots_strided", _mk(as_slots, _inputs([8], slots_strided=True), S),
     "slots column 0 of [B, 2] read by as_strided((B,), (1,)) (interleaved storage: other distinct slots)"),
    # 2. casts on tokens / weights / the pooled row / the kept rows
    ("cast_pool_fp64", _mk(cast_pool_fp64, _inputs([8], F16), S), "products and sum in fp64, rounded to fp16"),
    ("cast_pool_fp64_fp32_data", _mk(cast_pool_fp64, _inputs([8], F32), S), "fp64 pooling, fp32 data and cache"),
    ("cast_pool_fp64_to_fp32", _mk(cast_pool_fp64_to_fp32, _inputs([8], F16), S), "fp64 pooling, .float(), fp16 cache"),
    ("cast_tokens_bf16", _mk(cast_tokens_bf16, _inputs([8], F16), S), "fp16 tokens through bf16"),
    ("cast_new_fp16_roundtrip_fp32", _mk(cast_new_fp16_roundtrip, _inputs([8], F32), S),
     "fp32 data: pooled row through fp16 and back"),
    ("cast_kept_fp64", _mk(cast_kept_fp64, _inputs([8], F16), S), "kept rows and the select in fp64"),
    ("cast_kept_bitview", _mk(cast_kept_bitview, _inputs([8], F16), S), "kept rows through an int16 bit view"),
    ("cast_new_bitview_sign", _mk(cast_new_bitview_sign, _inputs([8], F16), S),
     "pooled row's bits xor the sign twice through an int16 view"),
    ("cast_tokens_noop_chain", _mk(cast_tokens_noop_chain, _inputs([8], F16), S), "fp16 tokens .float().half().float()"),
    ("cast_select_fp32", _mk(cast_select_fp32, _inputs([8], F16), SB), "fp16 rounded row selected in fp32, rounded again"),
    ("cast_new_fp16_then_bf16", _mk(cast_new_fp16_then_bf16, _inputs([8], BF16), S),
     "bf16 data: the fp32 row rounded to fp16 first, then to bf16"),
    ("mixed_fp16_kv_fp32_cache", _mk(mixed_cache_dtype, _inputs([8], F16, tweak=_cache_dtype(F32)), S),
     "fp16 KV and weight, fp32 cache (no rounding)"),
    ("mixed_bf16_kv_fp16_cache", _mk(mixed_cache_dtype, _inputs([8], BF16, tweak=_cache_dtype(F16)), S),
     "bf16 KV and weight, fp16 cache"),
    ("mixed_fp32_kv_fp16_cache", _mk(mixed_cache_dtype, _inputs([8], F32, tweak=_cache_dtype(F16)), S),
     "fp32 KV and weight, fp16 cache"),
    ("mixed_bf16_weight_fp16_kv", _mk(mixed_cache_dtype, _inputs([8], F16, tweak=_weight_dtype(BF16)), S),
     "bf16 weight with fp16 data"),
    ("mixed_fp16_weight_bf16_kv", _mk(mixed_cache_dtype, _inputs([8], BF16, tweak=_weight_dtype(F16)), S),
     "fp16 weight with bf16 data (the op takes the weight in the data dtype)"),
    ("mixed_fp16_weight_fp32_kv", _mk(mixed_cache_dtype, _inputs([8], F32, tweak=_weight_dtype(F16)), S),
     "fp16 weight with fp32 data (an exact widening)"),
    ("kv_int16_bits_view", _mk(kv_bits_view, _inputs([8], F16, tweak=_kv_as_int16), S),
     "the KV passed as int16 bits, viewed fp16 in the step"),
    ("kv_bf16_bits_as_fp16", _mk(kv_bits_view_bf16_as_fp16, _inputs([8], F16, tweak=_kv_bf16_bits), S),
     "a bf16 KV reinterpreted as fp16"),
    # 3. pooling forms
    ("pool_einsum", _mk(pool_einsum, _inputs([8], F16), SB), "control: einsum"),
    ("pool_tensordot_last", _mk(pool_tensordot, _inputs([8], F16), S), "products permuted, summed over the last dim"),
    ("pool_matmul", _mk(pool_matmul, _inputs([8], F16), S), "w^T @ tokens per head"),
    ("pool_sum_dtype_fp16_product", _mk(pool_sum_dtype_fp16_product, _inputs([8], F16), S),
     "fp16 products, sum(dtype=float32)"),
    ("pool_mean_fp16", _mk(pool_mean, _inputs([8], F16), S), "mean pooling, fp16 data"),
    ("pool_mean_bf16", _mk(pool_mean, _inputs([8], BF16), S), "mean pooling, bf16 data (sum then scale)"),
    ("pool_mean_dtype_fp16", _mk(pool_mean_dtype, _inputs([8], F16), S), "t.mean(1, dtype=float32) of fp16 tokens"),
    ("pool_mean_dtype_bf16", _mk(pool_mean_dtype, _inputs([8], BF16), S), "t.mean(1, dtype=float32) of bf16 tokens"),
    ("pool_avgpool1d_fp16", _mk(pool_avgpool, _inputs([8], F16), S), "avg_pool1d over the window, fp16"),
    ("pool_nansum", _mk(pool_nansum, _inputs([8], F16), S), "nansum (NaN tokens become 0)"),
    ("pool_stack_sum", _mk(pool_stack_sum, _inputs([8], F16), S), "stack of products, sum(0)"),
    ("pool_cumsum_last", _mk(pool_cumsum_last, _inputs([8], F32), S), "cumsum over the window, last entry"),
    ("pool_scale_half_twice", _mk(pool_scale_half_twice, _inputs([8], F32), S),
     "weight halved, sum doubled (overflow / subnormal rounding)"),
    ("pool_loop", _mk(pool_loop, _inputs([8], F32), S), "control: written-out loop from zeros, window order"),
    ("pool_loop_inplace_commuted", _mk(pool_loop_inplace, _inputs([8], F32), S), "acc += w[j] * t[j] from zeros"),
    ("pool_loop_negzero_start", _mk(pool_loop_negzero_start, _inputs([8], F32), S), "loop from full(-0.0)"),
    ("pool_loop_first_start", _mk(pool_loop_first_start, _inputs([8], F32), S), "loop from the first product"),
    ("pool_loop_fp16_acc", _mk(pool_loop_fp16_acc, _inputs([8], F16), S), "loop from an fp16 zeros accumulator"),
    ("pool_baddbmm_zero", _mk(pool_baddbmm_zero, _inputs([8], F16), S), "baddbmm(zeros, w^T, tokens)"),
    ("pool_baddbmm_beta0_nan", _mk(pool_baddbmm_beta0_nan, _inputs([8], F16), S), "baddbmm(nan, .., beta=0)"),
    ("pool_addmm_alpha2", _mk(pool_addmm_alpha2_half_weight, _inputs([8], F32), S),
     "addmm(zeros, x, w, alpha=2) / 2 per head (fp32: scaled product rounds)"),
    # 4. windows from other layouts, page sizes
    ("win_kv_npd", _mk(win_kv_npd, _inputs([8], F16, tweak=_kv_npd), S), "KV [NB, N, P, D] read kv[page, :, off]"),
    ("win_kv_pdn", _mk(win_kv_pdn, _inputs([8], F16, tweak=_kv_pdn), S), "KV [NB, P, D, N], tokens transposed back"),
    ("win_P16_l_gt_P", _mk(win_std, _inputs([8], F16, P=16, pages=16), SB), "P = 16 < l = 32 (windows over 2-3 pages)"),
    ("win_P1", _mk(win_std, _inputs([8], F16, P=1, pages=256), S), "P = 1: one token per page"),
    ("win_P24", _mk(win_std, _inputs([8], F16, P=24, pages=8), S), "P = 24 (not a power of two)"),
    ("win_N1_D1", _mk(win_std, _inputs([8], F32, N=1, D=1), S), "N = 1, D = 1"),
    ("win_N3_D3_fp16", _mk(win_std, _inputs([8], F16, N=3, D=3), S), "N = 3, D = 3"),
    ("win_heads_flipped_both", _mk(win_heads_swapped_kv, _inputs([8], F16), S),
     "tokens and weight both head-flipped, result flipped back"),
    ("win_kv_slice_of_pages", _mk(win_kv_slice_of_pages, _inputs([8], F16, tweak=_shift_pages), S),
     "pages read from kv[1:] (one NaN page in front)"),
    ("win_kv_dim_slice_k", _mk(win_kv_dim_slice, _inputs([8], F16, tweak=_kv_concat_dims), S),
     "kv[..., :D] of a K|V concatenated input"),
    ("win_kv_dim_slice_v_after_gather", _mk(win_kv_dim_slice_upper, _inputs([8], F16, tweak=_kv_concat_dims), S),
     "whole last dim gathered, then [..., D:] (rewrite.concatenated_reads)"),
    ("win_dim_strided", _mk(win_dim_strided, _inputs([8], F16, tweak=_kv_concat_dims), S),
     "kv[..., ::2] of a [NB, P, N, 2D] input"),
    ("win_tokens_where_page_lt_20", _mk(_tokens_where_page(20), _inputs([8], F16), ALL),
     "tokens of page ids >= 20 zeroed (35 blocks): a select on page-id values the probes may not reach"),
    ("win_tokens_where_page_lt_34_nan", _mk(_tokens_where_page(34, float("nan")), _inputs([8], F16), ALL),
     "tokens of page id 34 (the last block) replaced by NaN"),
    ("win_tokens_where_kv_blocks_minus_24", _mk(_tokens_where_kv_blocks, _inputs([8], F16), ALL),
     "tokens of page ids >= kv.shape[0] - 24 zeroed"),
    ("hm_cond_b11_b_eq_n", _mk(_hm(cond_of=lambda v: v[:, None, None]), _head_major([4], N=4), S),
     "head-major [N, B, D] select with a [B, 1, 1] condition, B == N: eager selects by head (cond[n])"),
    ("hm_cond_b11_b_eq_n_fp16", _mk(_hm(cond_of=lambda v: v[:, None, None]), _head_major([4], N=4, dtype=F16), S),
     "hm_cond_b11_b_eq_n, fp16"),
    ("pr_index_put_control", _mk(per_request_index_put, _per_request([8], S=8), SB),
     "control: per-request [S, M, N, D] cache written at [arange(B), j]"),
    ("pr_index_put_transposed_storage", _mk(per_request_index_put, _per_request_transposed([8], S=8), SB),
     "per-request cache stored [M, S, N, D] (non-contiguous: the flat [S * M, N, D] reshape is a copy)"),
    ("pr_scatter_transposed_storage", _mk(_scatter(_std_at), _per_request_transposed([8], S=8), S),
     "per-request scatter write (rewrite._scattered_rows) into a cache stored [M, S, N, D]"),
    ("win_embedding", _mk(win_embedding, _inputs([8], F16), SB), "F.embedding over the flat [NB * P, N * D] pool"),
    ("win_index_select", _mk(win_index_select, _inputs([8], F16), SB), "index_select of the flat [NB * P, N, D] pool"),
    ("win_take", _mk(win_take, _inputs([8], F16), S), "take of single elements of the KV"),
    ("win_chunked_d_eq_l", _mk(_chunked(), _dense_seq([8]), SB), "fla chunks x.view(S, W, l, N, D)[rows, i], d = l"),
    ("win_chunked_transposed_storage", _mk(_chunked(transposed=True), _dense_seq([8], transposed=True), S),
     "fla chunks by reshape of a per-request KV stored [S, N, T, D]"),
    ("size_batch_0", _mk(win_std, _empty_batch(), S), "an empty batch (B = 0)"),
    ("size_d_0", _mk(win_std, _empty_batch(D=0), S), "zero-width rows (D = 0)"),
    # 5. several steps, shared / cloned caches
    ("two_steps_kv_halves_cache_halves", _mk(two_steps_kv_stacked,
                                             _inputs([8], F16, tweak=lambda a: _cache_concat_dims(_kv_concat_dims(a))),
                                             S),
     "K and V halves of one input into the two halves (last dim) of one cache"),
    ("step_on_clone_return_both", _mk(step_on_clone_return_both, _inputs([8], F16), SB),
     "step on cache.clone(), both returned"),
    ("step_then_clone_then_step", _mk(step_then_clone_then_step, _inputs([8], F16), S),
     "step, snapshot clone, second step on the snapshot"),
    ("clone_mutated_input_then_step", _mk(clone_mutated_input_then_step, _inputs([8], F16), S),
     "cache.add_(0.0) in place, clone, step on the clone"),
    ("clone_after_mul1", _mk(clone_after_mul1, _inputs([8], F16), SB), "cache.mul_(1.0), clone, step on the clone"),
    ("clone_after_row_write", _mk(clone_after_row_write, _inputs([8], F32), S), "cache[0] = 5, clone, step on the clone"),
    ("clone_after_mul1_not_returned", _mk(clone_after_mul1_not_returned, _inputs([8], F16), S),
     "cache.mul_(1.0), clone, step on the clone; only the clone returned (the cache input still compared)"),
    ("clone_after_nothing_control", _mk(clone_after_nothing, _inputs([8], F16), S),
     "control: clone of the unmutated cache input, step on the clone"),
    ("clone_then_mutate_input", _mk(clone_then_mutate_input, _inputs([8], F16), S),
     "v = cache.clone(); cache.mul_(2); the step into v"),
    ("step_on_contiguous_alias", _mk(step_on_contiguous_alias, _inputs([8], F16), S),
     "the step into cache.contiguous() (an alias of the input in eager)"),
    ("step_on_to_same_dtype", _mk(step_on_to_same_dtype, _inputs([8], F16), S),
     "the step into cache.to(cache.dtype) (an alias in eager)"),
    ("step_on_flat_clone_after_mutation", _mk(step_on_flat_clone, _inputs([8], F16), S),
     "cache.mul_(1); v = cache.view(-1, D).clone().view(S, N, D); the step into v"),
    ("two_steps_after_mutation", _mk(two_steps_after_mutation, _inputs([8], F16), S),
     "cache.mul_(1); the step into cache; v = cache.clone(); a second step into v"),
    ("two_clones_two_steps_after_mutation", _mk(two_clones_two_steps, _inputs([8], F16), S),
     "cache.mul_(1); two clones, a step into each"),
    ("copy_into_input_then_clone", _mk(copy_into_input_then_clone, _inputs([8], F16), S),
     "cache.copy_(cache.flip(0)); clone; the step into the clone"),
    ("intermediate_clone_returned", _mk(intermediate_clone_returned, _inputs([8], F16), S),
     "c2 = cache * 1; v = c2.clone(); the step into v; v and c2 returned"),
    ("intermediate_clone_read_after", _mk(intermediate_clone_read_after, _inputs([8], F16), ALL),
     "c2 = cache * 1; v = c2.clone(); the step into v; c2 * 2 returned (a read after the step)"),
    ("intermediate_clone_view_returned", _mk(intermediate_clone_view_returned, _inputs([8], F16), S),
     "c2 = cache * 1; v = c2.clone(); the step into v; c2.view(-1) returned"),
    ("kv_clone_then_input_mutated", _mk(kv_clone_then_input_mutated, _inputs([8], F16), S),
     "kv2 = kv.clone(); kv.mul_(2); the step reads kv2"),
    ("w_clone_then_input_mutated", _mk(w_clone_then_input_mutated, _inputs([8], F16), S),
     "w2 = w.clone(); w.neg_(); the step pools with w2"),
    ("intermediate_written_then_clone", _mk(intermediate_written_then_clone, _inputs([8], F16), S),
     "c2 = zeros_like(cache); c2[:4] = cache[:4]; v = c2.clone(); step into v; c2 summed after"),
    ("stacked_kv_two_steps", _mk(stacked_kv_two_steps, _inputs([8], F16, tweak=_stacked), S),
     "stacked [2, ...] KV and cache, K and V steps on the halves"),
    ("two_steps_same_slots", _mk(two_steps_same_slots, _inputs([8], F16), S),
     "two steps into one cache at the same slots (the second overwrites)"),
    ("step_into_clone_of_stacked_half", _mk(step_into_clone_of_stacked_half, _inputs([8], F16, tweak=_stacked), S),
     "stacked cache mul_(1), v = cache[1].clone(), the step into v"),
    ("clone_of_input_read_after", _mk(clone_of_input_read_after, _inputs([8], F16), S),
     "v = cache.clone(); the step into v; cache * 2 returned (the cache input read after)"),
    ("kv_cast_before_gather", _mk(kv_cast_before_gather, _inputs([8], F16), S), "kv.float() before the gather"),
    ("stacked_half_read_before_used_after", _mk(stacked_half_read_before_used_after,
                                                _inputs([8], F16, tweak=_stacked), S),
     "old = cache[0] * 1 before the step into the stacked half cache[0], returned"),
    ("stacked_half_flat_view_read_before", _mk(stacked_half_flat_view_read_before, _inputs([8], F16, tweak=_stacked), S),
     "old = cache.view(2, -1)[0] + 0 before the step into cache[0]"),
    ("stacked_mutated_then_half_step", _mk(stacked_mutated_then_half_step, _inputs([8], F16, tweak=_stacked), S),
     "stacked cache mul_(1); old = cache[1].clone(); the step into cache[1]; old * 2 returned"),
    ("stacked_snapshot_then_half_step", _mk(stacked_snapshot_then_half_step, _inputs([8], F16, tweak=_stacked), S),
     "old = cache[1].clone(); the step into the stacked half cache[1]; old * 2 returned (no mutation before)"),
    ("mutated_then_snapshot_then_step", _mk(mutated_then_snapshot_then_step, _inputs([8], F16), S),
     "cache.mul_(1); old = cache.clone(); the step into cache in place; old * 2 returned"),
    ("intermediate_read_before_step", _mk(intermediate_read_before_step, _inputs([8], F16), SB),
     "c2 = cache * 1; r = c2 * 2 taken before the step into c2 in place; both returned"),
    ("step_kv_updated_after", _mk(step_kv_updated_after, _inputs([8], F16), S), "step, then kv.mul_(2)"),
    ("weight_view_of_cache", _mk(weight_view_of_cache, _inputs([16], F16), S),
     "the weight is cache[:l, :, 0], a view of the cache the step writes"),
    ("two_layers_one_graph", _mk(two_layers_one_graph, _inputs([8], F16, tweak=_two_layers), S),
     "two layers' steps on halves (dim 0) of one KV and one cache"),
    # 6. kernels: values the probes do not draw
    ("kt_loop_fp32_full_mantissa", _mk(kt_loop, _inputs([8], F32, tweak=_full_mantissa(F32)), S),
     "written loop (window order), fp32 full-mantissa tokens and weights: products round"),
    ("kt_loop_fp32_huge", _mk(kt_loop, _inputs([8], F32, tweak=_full_mantissa(F32, scale=1e37)), S),
     "written loop, fp32 tokens near max (products and partial sums overflow)"),
    ("kt_loop_fp32_subnormal", _mk(kt_loop, _inputs([8], F32, tweak=_full_mantissa(F32, tiny=True)), S),
     "written loop, fp32 subnormal tokens"),
    ("kt_loop_bf16_full_mantissa", _mk(kt_loop, _inputs([8], BF16, tweak=_full_mantissa(BF16)), S),
     "written loop, bf16 (rounding ties of the final bf16 rounding)"),
    ("kt_loop_fp16_big", _mk(kt_loop, _inputs([8], F16, tweak=_full_mantissa(F16, scale=3000.0)), S),
     "written loop, fp16 tokens ~3000 (the row rounds to fp16 inf / 65504)"),
    ("kt_sum_fp16_full_mantissa", _mk(kt_sum, _inputs([8], F16, tweak=_full_mantissa(F16)), S),
     "sum over the window, fp16 full mantissa (exact products)"),
]
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CCT, _CD = "CONTROL CRASHES TOO", "CONTROL DIFFERS"
# First-try results (attack, dialect, mode, result); "inductor" is real Inductor codegen.
_FIRST = [
    ('as_w_transposed_param', 'inductor_graph', 'static', _FF),
    ('as_w_transposed_param', 'inductor_graph', 'batch', _FF),
    ('as_w_transposed_param', 'inductor_graph', 'dynamic', _FF),
    ('as_w_transposed_param_fp16', 'inductor_graph', 'static', _FF),
    ('as_w_transposed_param_bf16', 'inductor_graph', 'static', _FF),
    ('as_w_contiguous_control', 'inductor_graph', 'static', _EQ),
    ('as_w_contiguous_control', 'inductor_graph', 'batch', _EQ),
    ('as_w_own_strides', 'inductor_graph', 'static', _FF),
    ('as_w_then_t', 'inductor_graph', 'static', _FF),
    ('as_kv_head_major_storage', 'inductor_graph', 'static', _FF),
    ('as_kv_head_major_storage', 'inductor_graph', 'batch', _FF),
    ('as_kv_head_major_storage', 'inductor_graph', 'dynamic', _FF),
    ('as_kv_head_major_storage_fp16', 'inductor_graph', 'static', _FF),
    ('as_kv_contiguous_control', 'inductor_graph', 'static', _EQ),
    ('as_kv_flat_pool', 'inductor_graph', 'static', _FF),
    ('as_kept_head_major_cache', 'inductor_graph', 'static', _FF),
    ('as_kept_head_major_cache', 'inductor_graph', 'batch', _FF),
    ('as_kept_head_major_cache', 'inductor_graph', 'dynamic', _FF),
    ('as_kept_head_major_cache_fp16', 'inductor_graph', 'static', _FF),
    ('as_write_head_major_cache', 'inductor_graph', 'static', _EQ),
    ('as_kept_rows_view', 'inductor_graph', 'static', _EQ),
    ('as_lens_strided', 'inductor_graph', 'static', _EQ),
    ('as_lens_strided', 'inductor_graph', 'batch', _EQ),
    ('as_table_transposed', 'inductor_graph', 'static', _R),
    ('as_slots_strided', 'inductor_graph', 'static', _EQ),
    ('cast_pool_fp64', 'inductor_graph', 'static', _R),
    ('cast_pool_fp64_fp32_data', 'inductor_graph', 'static', _R),
    ('cast_pool_fp64_to_fp32', 'inductor_graph', 'static', _R),
    ('cast_tokens_bf16', 'inductor_graph', 'static', _R),
    ('cast_new_fp16_roundtrip_fp32', 'inductor_graph', 'static', _R),
    ('cast_kept_fp64', 'inductor_graph', 'static', _R),
    ('cast_kept_bitview', 'inductor_graph', 'static', _EQ),
    ('cast_new_bitview_sign', 'inductor_graph', 'static', _R),
    ('cast_tokens_noop_chain', 'inductor_graph', 'static', _EQ),
    ('cast_select_fp32', 'inductor_graph', 'static', _EQ),
    ('cast_select_fp32', 'inductor_graph', 'batch', _EQ),
    ('cast_new_fp16_then_bf16', 'inductor_graph', 'static', _R),
    ('mixed_fp16_kv_fp32_cache', 'inductor_graph', 'static', _R),
    ('mixed_bf16_kv_fp16_cache', 'inductor_graph', 'static', _R),
    ('mixed_fp32_kv_fp16_cache', 'inductor_graph', 'static', _R),
    ('mixed_bf16_weight_fp16_kv', 'inductor_graph', 'static', _R),
    ('mixed_fp16_weight_bf16_kv', 'inductor_graph', 'static', _R),
    ('mixed_fp16_weight_fp32_kv', 'inductor_graph', 'static', _EQ),
    ('kv_int16_bits_view', 'inductor_graph', 'static', _EQ),
    ('kv_bf16_bits_as_fp16', 'inductor_graph', 'static', _EQ),
    ('pool_einsum', 'inductor_graph', 'static', _EQ),
    ('pool_einsum', 'inductor_graph', 'batch', _EQ),
    ('pool_tensordot_last', 'inductor_graph', 'static', _EQ),
    ('pool_matmul', 'inductor_graph', 'static', _EQ),
    ('pool_sum_dtype_fp16_product', 'inductor_graph', 'static', _R),
    ('pool_mean_fp16', 'inductor_graph', 'static', _EQ),
    ('pool_mean_bf16', 'inductor_graph', 'static', _R),
    ('pool_mean_dtype_fp16', 'inductor_graph', 'static', _EQ),
    ('pool_mean_dtype_bf16', 'inductor_graph', 'static', _R),
    ('pool_avgpool1d_fp16', 'inductor_graph', 'static', _EQ),
    ('pool_nansum', 'inductor_graph', 'static', _R),
    ('pool_stack_sum', 'inductor_graph', 'static', _EQ),
    ('pool_cumsum_last', 'inductor_graph', 'static', _R),
    ('pool_scale_half_twice', 'inductor_graph', 'static', _R),
    ('pool_loop', 'inductor_graph', 'static', _EQ),
    ('pool_loop_inplace_commuted', 'inductor_graph', 'static', _EQ),
    ('pool_loop_negzero_start', 'inductor_graph', 'static', _R),
    ('pool_loop_first_start', 'inductor_graph', 'static', _R),
    ('pool_loop_fp16_acc', 'inductor_graph', 'static', _R),
    ('pool_baddbmm_zero', 'inductor_graph', 'static', _EQ),
    ('pool_baddbmm_beta0_nan', 'inductor_graph', 'static', _EQ),
    ('pool_addmm_alpha2', 'inductor_graph', 'static', _R),
    ('win_kv_npd', 'inductor_graph', 'static', _EQ),
    ('win_kv_pdn', 'inductor_graph', 'static', _R),
    ('win_P16_l_gt_P', 'inductor_graph', 'static', _EQ),
    ('win_P16_l_gt_P', 'inductor_graph', 'batch', _EQ),
    ('win_P1', 'inductor_graph', 'static', _EQ),
    ('win_P24', 'inductor_graph', 'static', _EQ),
    ('win_N1_D1', 'inductor_graph', 'static', _EQ),
    ('win_N3_D3_fp16', 'inductor_graph', 'static', _EQ),
    ('win_heads_flipped_both', 'inductor_graph', 'static', _R),
    ('win_kv_slice_of_pages', 'inductor_graph', 'static', _R),
    ('win_kv_dim_slice_k', 'inductor_graph', 'static', _EQ),
    ('win_kv_dim_slice_v_after_gather', 'inductor_graph', 'static', _EQ),
    ('win_dim_strided', 'inductor_graph', 'static', _EQ),
    ('two_steps_kv_halves_cache_halves', 'inductor_graph', 'static', _EQ),
    ('step_on_clone_return_both', 'inductor_graph', 'static', _EQ),
    ('step_on_clone_return_both', 'inductor_graph', 'batch', _EQ),
    ('step_then_clone_then_step', 'inductor_graph', 'static', _EQ),
    ('clone_mutated_input_then_step', 'inductor_graph', 'static', _FF),
    ('step_kv_updated_after', 'inductor_graph', 'static', _EQ),
    ('weight_view_of_cache', 'inductor_graph', 'static', _R),
    ('two_layers_one_graph', 'inductor_graph', 'static', _R),
    ('kt_loop_fp32_full_mantissa', 'inductor_graph', 'static', _EQ),
    ('kt_loop_fp32_huge', 'inductor_graph', 'static', _EQ),
    ('kt_loop_fp32_subnormal', 'inductor_graph', 'static', _EQ),
    ('kt_loop_bf16_full_mantissa', 'inductor_graph', 'static', _EQ),
    ('kt_loop_fp16_big', 'inductor_graph', 'static', _EQ),
    ('kt_sum_fp16_full_mantissa', 'inductor_graph', 'static', _EQ),
    ('win_tokens_where_page_lt_20', 'inductor_graph', 'static', _R),
    ('win_tokens_where_page_lt_20', 'inductor_graph', 'batch', _R),
    ('win_tokens_where_page_lt_20', 'inductor_graph', 'dynamic', _R),
    ('win_tokens_where_page_lt_34_nan', 'inductor_graph', 'static', _R),
    ('win_tokens_where_page_lt_34_nan', 'inductor_graph', 'batch', _R),
    ('win_tokens_where_page_lt_34_nan', 'inductor_graph', 'dynamic', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'inductor_graph', 'static', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'inductor_graph', 'batch', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'inductor_graph', 'dynamic', _R),
    ('hm_cond_b11_b_eq_n', 'inductor_graph', 'static', _R),
    ('hm_cond_b11_b_eq_n_fp16', 'inductor_graph', 'static', _R),
    ('clone_then_mutate_input', 'inductor_graph', 'static', _CD),
    ('step_on_contiguous_alias', 'inductor_graph', 'static', _EQ),
    ('step_on_to_same_dtype', 'inductor_graph', 'static', _EQ),
    ('step_on_flat_clone_after_mutation', 'inductor_graph', 'static', _FF),
    ('two_steps_after_mutation', 'inductor_graph', 'static', _EQ),
    ('two_clones_two_steps_after_mutation', 'inductor_graph', 'static', _FF),
    ('copy_into_input_then_clone', 'inductor_graph', 'static', _FF),
    ('intermediate_clone_returned', 'inductor_graph', 'static', _EQ),
    ('intermediate_clone_read_after', 'inductor_graph', 'static', _FF),
    ('intermediate_clone_view_returned', 'inductor_graph', 'static', _EQ),
    ('pr_index_put_control', 'inductor_graph', 'static', _EQ),
    ('pr_index_put_control', 'inductor_graph', 'batch', _R),
    ('pr_index_put_transposed_storage', 'inductor_graph', 'static', _EQ),
    ('pr_index_put_transposed_storage', 'inductor_graph', 'batch', _R),
    ('pr_scatter_transposed_storage', 'inductor_graph', 'static', _EQ),
    ('intermediate_clone_read_after', 'inductor_graph', 'batch', _FF),
    ('intermediate_clone_read_after', 'inductor_graph', 'dynamic', _FF),
    ('kv_clone_then_input_mutated', 'inductor_graph', 'static', _EQ),
    ('w_clone_then_input_mutated', 'inductor_graph', 'static', _EQ),
    ('intermediate_written_then_clone', 'inductor_graph', 'static', _FF),
    ('stacked_kv_two_steps', 'inductor_graph', 'static', _EQ),
    ('two_steps_same_slots', 'inductor_graph', 'static', _EQ),
    ('step_into_clone_of_stacked_half', 'inductor_graph', 'static', _FF),
    ('clone_of_input_read_after', 'inductor_graph', 'static', _EQ),
    ('kv_cast_before_gather', 'inductor_graph', 'static', _EQ),
    ('clone_after_mul1', 'inductor_graph', 'static', _FF),
    ('clone_after_mul1', 'inductor_graph', 'batch', _FF),
    ('clone_after_row_write', 'inductor_graph', 'static', _FF),
    ('clone_after_mul1_not_returned', 'inductor_graph', 'static', _FF),
    ('clone_after_nothing_control', 'inductor_graph', 'static', _EQ),
    ('pr_index_put_control', 'torchair_like', 'static', _EQ),
    ('pr_index_put_control', 'torchair_like', 'batch', _R),
    ('pr_index_put_transposed_storage', 'torchair_like', 'static', _EQ),
    ('pr_index_put_transposed_storage', 'torchair_like', 'batch', _R),
    ('pr_scatter_transposed_storage', 'torchair_like', 'static', _EQ),
    ('win_tokens_where_page_lt_20', 'inductor', 'static', _R),
    ('win_tokens_where_page_lt_34_nan', 'inductor', 'static', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'inductor', 'static', _R),
    ('hm_cond_b11_b_eq_n', 'inductor', 'static', _R),
    ('hm_cond_b11_b_eq_n_fp16', 'inductor', 'static', _R),
    ('win_embedding', 'inductor_graph', 'static', _EQ),
    ('win_embedding', 'inductor_graph', 'batch', _EQ),
    ('win_index_select', 'inductor_graph', 'static', _EQ),
    ('win_index_select', 'inductor_graph', 'batch', _EQ),
    ('win_take', 'inductor_graph', 'static', _EQ),
    ('win_chunked_d_eq_l', 'inductor_graph', 'static', _EQ),
    ('win_chunked_d_eq_l', 'inductor_graph', 'batch', _EQ),
    ('win_chunked_transposed_storage', 'inductor_graph', 'static', _EQ),
    ('stacked_half_read_before_used_after', 'inductor_graph', 'static', _EQ),
    ('stacked_half_flat_view_read_before', 'inductor_graph', 'static', _EQ),
    ('stacked_mutated_then_half_step', 'inductor_graph', 'static', _FF),
    ('stacked_snapshot_then_half_step', 'inductor_graph', 'static', _EQ),
    ('mutated_then_snapshot_then_step', 'inductor_graph', 'static', _FF),
    ('intermediate_read_before_step', 'inductor_graph', 'static', _FF),
    ('intermediate_read_before_step', 'inductor_graph', 'batch', _FF),
    ('size_batch_0', 'inductor_graph', 'static', _R),
    ('size_d_0', 'inductor_graph', 'static', _R),
    ('as_w_transposed_param', 'torchair_like', 'static', _FF),
    ('as_w_transposed_param', 'torchair_like', 'batch', _FF),
    ('as_w_transposed_param', 'torchair_like', 'dynamic', _FF),
    ('as_w_transposed_param_fp16', 'torchair_like', 'static', _FF),
    ('as_w_transposed_param_bf16', 'torchair_like', 'static', _FF),
    ('as_w_contiguous_control', 'torchair_like', 'static', _EQ),
    ('as_w_contiguous_control', 'torchair_like', 'batch', _EQ),
    ('as_w_own_strides', 'torchair_like', 'static', _FF),
    ('as_w_then_t', 'torchair_like', 'static', _FF),
    ('as_kv_head_major_storage', 'torchair_like', 'static', _FF),
    ('as_kv_head_major_storage', 'torchair_like', 'batch', _FF),
    ('as_kv_head_major_storage', 'torchair_like', 'dynamic', _FF),
    ('as_kv_head_major_storage_fp16', 'torchair_like', 'static', _FF),
    ('as_kv_contiguous_control', 'torchair_like', 'static', _EQ),
    ('as_kv_flat_pool', 'torchair_like', 'static', _FF),
    ('as_kept_head_major_cache', 'torchair_like', 'static', _FF),
    ('as_kept_head_major_cache', 'torchair_like', 'batch', _FF),
    ('as_kept_head_major_cache', 'torchair_like', 'dynamic', _FF),
    ('as_kept_head_major_cache_fp16', 'torchair_like', 'static', _FF),
    ('as_write_head_major_cache', 'torchair_like', 'static', _EQ),
    ('as_kept_rows_view', 'torchair_like', 'static', _EQ),
    ('as_lens_strided', 'torchair_like', 'static', _EQ),
    ('as_lens_strided', 'torchair_like', 'batch', _EQ),
    ('as_table_transposed', 'torchair_like', 'static', _R),
    ('as_slots_strided', 'torchair_like', 'static', _EQ),
    ('cast_pool_fp64', 'torchair_like', 'static', _R),
    ('cast_pool_fp64_fp32_data', 'torchair_like', 'static', _R),
    ('cast_pool_fp64_to_fp32', 'torchair_like', 'static', _R),
    ('cast_tokens_bf16', 'torchair_like', 'static', _R),
    ('cast_new_fp16_roundtrip_fp32', 'torchair_like', 'static', _R),
    ('cast_kept_fp64', 'torchair_like', 'static', _R),
    ('cast_kept_bitview', 'torchair_like', 'static', _R),
    ('cast_new_bitview_sign', 'torchair_like', 'static', _R),
    ('cast_tokens_noop_chain', 'torchair_like', 'static', _EQ),
    ('cast_select_fp32', 'torchair_like', 'static', _EQ),
    ('cast_select_fp32', 'torchair_like', 'batch', _EQ),
    ('cast_new_fp16_then_bf16', 'torchair_like', 'static', _R),
    ('mixed_fp16_kv_fp32_cache', 'torchair_like', 'static', _R),
    ('mixed_bf16_kv_fp16_cache', 'torchair_like', 'static', _R),
    ('mixed_fp32_kv_fp16_cache', 'torchair_like', 'static', _R),
    ('mixed_bf16_weight_fp16_kv', 'torchair_like', 'static', _R),
    ('mixed_fp16_weight_bf16_kv', 'torchair_like', 'static', _R),
    ('mixed_fp16_weight_fp32_kv', 'torchair_like', 'static', _EQ),
    ('kv_int16_bits_view', 'torchair_like', 'static', _EQ),
    ('kv_bf16_bits_as_fp16', 'torchair_like', 'static', _EQ),
    ('pool_einsum', 'torchair_like', 'static', _EQ),
    ('pool_einsum', 'torchair_like', 'batch', _EQ),
    ('pool_tensordot_last', 'torchair_like', 'static', _EQ),
    ('pool_matmul', 'torchair_like', 'static', _EQ),
    ('pool_sum_dtype_fp16_product', 'torchair_like', 'static', _R),
    ('pool_mean_fp16', 'torchair_like', 'static', _EQ),
    ('pool_mean_bf16', 'torchair_like', 'static', _R),
    ('pool_mean_dtype_fp16', 'torchair_like', 'static', _EQ),
    ('pool_mean_dtype_bf16', 'torchair_like', 'static', _R),
    ('pool_avgpool1d_fp16', 'torchair_like', 'static', _EQ),
    ('pool_nansum', 'torchair_like', 'static', _R),
    ('pool_stack_sum', 'torchair_like', 'static', _EQ),
    ('pool_cumsum_last', 'torchair_like', 'static', _R),
    ('pool_scale_half_twice', 'torchair_like', 'static', _R),
    ('pool_loop', 'torchair_like', 'static', _EQ),
    ('pool_loop_inplace_commuted', 'torchair_like', 'static', _EQ),
    ('pool_loop_negzero_start', 'torchair_like', 'static', _R),
    ('pool_loop_first_start', 'torchair_like', 'static', _R),
    ('pool_loop_fp16_acc', 'torchair_like', 'static', _EQ),
    ('pool_baddbmm_zero', 'torchair_like', 'static', _EQ),
    ('pool_baddbmm_beta0_nan', 'torchair_like', 'static', _EQ),
    ('pool_addmm_alpha2', 'torchair_like', 'static', _R),
    ('win_kv_npd', 'torchair_like', 'static', _EQ),
    ('win_kv_pdn', 'torchair_like', 'static', _R),
    ('win_P16_l_gt_P', 'torchair_like', 'static', _EQ),
    ('win_P16_l_gt_P', 'torchair_like', 'batch', _EQ),
    ('win_P1', 'torchair_like', 'static', _EQ),
    ('win_P24', 'torchair_like', 'static', _EQ),
    ('win_N1_D1', 'torchair_like', 'static', _EQ),
    ('win_N3_D3_fp16', 'torchair_like', 'static', _EQ),
    ('win_heads_flipped_both', 'torchair_like', 'static', _R),
    ('win_kv_slice_of_pages', 'torchair_like', 'static', _R),
    ('win_kv_dim_slice_k', 'torchair_like', 'static', _EQ),
    ('win_kv_dim_slice_v_after_gather', 'torchair_like', 'static', _EQ),
    ('win_dim_strided', 'torchair_like', 'static', _EQ),
    ('two_steps_kv_halves_cache_halves', 'torchair_like', 'static', _EQ),
    ('step_on_clone_return_both', 'torchair_like', 'static', _EQ),
    ('step_on_clone_return_both', 'torchair_like', 'batch', _EQ),
    ('step_then_clone_then_step', 'torchair_like', 'static', _EQ),
    ('clone_mutated_input_then_step', 'torchair_like', 'static', _EQ),
    ('clone_after_mul1', 'torchair_like', 'static', _EQ),
    ('clone_after_mul1', 'torchair_like', 'batch', _EQ),
    ('clone_after_row_write', 'torchair_like', 'static', _EQ),
    ('clone_after_mul1_not_returned', 'torchair_like', 'static', _EQ),
    ('clone_after_nothing_control', 'torchair_like', 'static', _EQ),
    ('step_kv_updated_after', 'torchair_like', 'static', _EQ),
    ('weight_view_of_cache', 'torchair_like', 'static', _R),
    ('two_layers_one_graph', 'torchair_like', 'static', _R),
    ('kt_loop_fp32_full_mantissa', 'torchair_like', 'static', _EQ),
    ('kt_loop_fp32_huge', 'torchair_like', 'static', _EQ),
    ('kt_loop_fp32_subnormal', 'torchair_like', 'static', _EQ),
    ('kt_loop_bf16_full_mantissa', 'torchair_like', 'static', _EQ),
    ('kt_loop_fp16_big', 'torchair_like', 'static', _EQ),
    ('kt_sum_fp16_full_mantissa', 'torchair_like', 'static', _EQ),
    ('win_tokens_where_page_lt_20', 'torchair_like', 'static', _R),
    ('win_tokens_where_page_lt_20', 'torchair_like', 'batch', _R),
    ('win_tokens_where_page_lt_20', 'torchair_like', 'dynamic', _R),
    ('win_tokens_where_page_lt_34_nan', 'torchair_like', 'static', _R),
    ('win_tokens_where_page_lt_34_nan', 'torchair_like', 'batch', _R),
    ('win_tokens_where_page_lt_34_nan', 'torchair_like', 'dynamic', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'torchair_like', 'static', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'torchair_like', 'batch', _R),
    ('win_tokens_where_kv_blocks_minus_24', 'torchair_like', 'dynamic', _R),
    ('hm_cond_b11_b_eq_n', 'torchair_like', 'static', _R),
    ('hm_cond_b11_b_eq_n_fp16', 'torchair_like', 'static', _R),
    ('clone_then_mutate_input', 'torchair_like', 'static', _EQ),
    ('step_on_contiguous_alias', 'torchair_like', 'static', _EQ),
    ('step_on_to_same_dtype', 'torchair_like', 'static', _EQ),
    ('step_on_flat_clone_after_mutation', 'torchair_like', 'static', _EQ),
    ('two_steps_after_mutation', 'torchair_like', 'static', _EQ),
    ('two_clones_two_steps_after_mutation', 'torchair_like', 'static', _EQ),
    ('copy_into_input_then_clone', 'torchair_like', 'static', _EQ),
    ('intermediate_clone_returned', 'torchair_like', 'static', _EQ),
    ('intermediate_clone_read_after', 'torchair_like', 'static', _EQ),
    ('intermediate_clone_view_returned', 'torchair_like', 'static', _EQ),
    ('kv_clone_then_input_mutated', 'torchair_like', 'static', _EQ),
    ('w_clone_then_input_mutated', 'torchair_like', 'static', _EQ),
    ('intermediate_written_then_clone', 'torchair_like', 'static', _EQ),
    ('stacked_kv_two_steps', 'torchair_like', 'static', _EQ),
    ('two_steps_same_slots', 'torchair_like', 'static', _EQ),
    ('step_into_clone_of_stacked_half', 'torchair_like', 'static', _EQ),
    ('clone_of_input_read_after', 'torchair_like', 'static', _EQ),
    ('kv_cast_before_gather', 'torchair_like', 'static', _EQ),
    ('win_embedding', 'torchair_like', 'static', _EQ),
    ('win_embedding', 'torchair_like', 'batch', _EQ),
    ('win_index_select', 'torchair_like', 'static', _EQ),
    ('win_index_select', 'torchair_like', 'batch', _EQ),
    ('win_take', 'torchair_like', 'static', _EQ),
    ('win_chunked_d_eq_l', 'torchair_like', 'static', _EQ),
    ('win_chunked_d_eq_l', 'torchair_like', 'batch', _EQ),
    ('win_chunked_transposed_storage', 'torchair_like', 'static', _EQ),
    ('stacked_half_read_before_used_after', 'torchair_like', 'static', _EQ),
    ('stacked_half_flat_view_read_before', 'torchair_like', 'static', _EQ),
    ('stacked_mutated_then_half_step', 'torchair_like', 'static', _EQ),
    ('stacked_snapshot_then_half_step', 'torchair_like', 'static', _EQ),
    ('mutated_then_snapshot_then_step', 'torchair_like', 'static', _EQ),
    ('intermediate_read_before_step', 'torchair_like', 'static', _EQ),
    ('intermediate_read_before_step', 'torchair_like', 'batch', _EQ),
    ('size_batch_0', 'torchair_like', 'static', _R),
    ('size_d_0', 'torchair_like', 'static', _CR),
    ('as_w_transposed_param', 'inductor', 'static', _FF),
    ('as_w_transposed_param_fp16', 'inductor', 'static', _FF),
    ('as_w_transposed_param_bf16', 'inductor', 'static', _FF),
    ('as_w_contiguous_control', 'inductor', 'static', _EQ),
    ('as_w_own_strides', 'inductor', 'static', _FF),
    ('as_w_then_t', 'inductor', 'static', _FF),
    ('as_kv_head_major_storage', 'inductor', 'static', _FF),
    ('as_kv_head_major_storage_fp16', 'inductor', 'static', _FF),
    ('as_kv_contiguous_control', 'inductor', 'static', _EQ),
    ('as_kv_flat_pool', 'inductor', 'static', _FF),
    ('as_kept_head_major_cache', 'inductor', 'static', _FF),
    ('as_kept_head_major_cache_fp16', 'inductor', 'static', _FF),
    ('as_write_head_major_cache', 'inductor', 'static', _EQ),
    ('as_kept_rows_view', 'inductor', 'static', _EQ),
    ('as_lens_strided', 'inductor', 'static', _EQ),
    ('as_table_transposed', 'inductor', 'static', _R),
    ('as_slots_strided', 'inductor', 'static', _EQ),
    ('cast_pool_fp64', 'inductor', 'static', _R),
    ('cast_pool_fp64_fp32_data', 'inductor', 'static', _R),
    ('cast_pool_fp64_to_fp32', 'inductor', 'static', _R),
    ('cast_tokens_bf16', 'inductor', 'static', _R),
    ('cast_new_fp16_roundtrip_fp32', 'inductor', 'static', _R),
    ('cast_kept_fp64', 'inductor', 'static', _R),
    ('cast_kept_bitview', 'inductor', 'static', _EQ),
    ('cast_new_bitview_sign', 'inductor', 'static', _R),
    ('cast_tokens_noop_chain', 'inductor', 'static', _EQ),
    ('cast_select_fp32', 'inductor', 'static', _EQ),
    ('cast_new_fp16_then_bf16', 'inductor', 'static', _R),
    ('mixed_fp16_kv_fp32_cache', 'inductor', 'static', _R),
    ('mixed_bf16_kv_fp16_cache', 'inductor', 'static', _R),
    ('mixed_fp32_kv_fp16_cache', 'inductor', 'static', _R),
    ('mixed_bf16_weight_fp16_kv', 'inductor', 'static', _R),
    ('mixed_fp16_weight_bf16_kv', 'inductor', 'static', _R),
    ('mixed_fp16_weight_fp32_kv', 'inductor', 'static', _EQ),
    ('kv_int16_bits_view', 'inductor', 'static', _EQ),
    ('kv_bf16_bits_as_fp16', 'inductor', 'static', _EQ),
    ('pool_einsum', 'inductor', 'static', _EQ),
    ('pool_tensordot_last', 'inductor', 'static', _EQ),
    ('pool_matmul', 'inductor', 'static', _EQ),
    ('pool_sum_dtype_fp16_product', 'inductor', 'static', _R),
    ('pool_mean_fp16', 'inductor', 'static', _EQ),
    ('pool_mean_bf16', 'inductor', 'static', _R),
    ('pool_mean_dtype_fp16', 'inductor', 'static', _EQ),
    ('pool_mean_dtype_bf16', 'inductor', 'static', _R),
    ('pool_avgpool1d_fp16', 'inductor', 'static', _EQ),
    ('pool_nansum', 'inductor', 'static', _R),
    ('pool_stack_sum', 'inductor', 'static', _EQ),
    ('pool_cumsum_last', 'inductor', 'static', _R),
    ('pool_scale_half_twice', 'inductor', 'static', _R),
    ('pool_loop', 'inductor', 'static', _EQ),
    ('pool_loop_inplace_commuted', 'inductor', 'static', _EQ),
    ('pool_loop_negzero_start', 'inductor', 'static', _R),
    ('pool_loop_first_start', 'inductor', 'static', _R),
    ('pool_loop_fp16_acc', 'inductor', 'static', _R),
    ('pool_baddbmm_zero', 'inductor', 'static', _EQ),
    ('pool_baddbmm_beta0_nan', 'inductor', 'static', _EQ),
    ('pool_addmm_alpha2', 'inductor', 'static', _R),
    ('win_kv_npd', 'inductor', 'static', _EQ),
    ('win_kv_pdn', 'inductor', 'static', _R),
    ('win_P16_l_gt_P', 'inductor', 'static', _EQ),
    ('win_P1', 'inductor', 'static', _EQ),
    ('win_P24', 'inductor', 'static', _EQ),
    ('win_N1_D1', 'inductor', 'static', _EQ),
    ('win_N3_D3_fp16', 'inductor', 'static', _EQ),
    ('win_heads_flipped_both', 'inductor', 'static', _R),
    ('win_kv_slice_of_pages', 'inductor', 'static', _R),
    ('win_kv_dim_slice_k', 'inductor', 'static', _EQ),
    ('win_kv_dim_slice_v_after_gather', 'inductor', 'static', _EQ),
    ('win_dim_strided', 'inductor', 'static', _EQ),
    ('two_steps_kv_halves_cache_halves', 'inductor', 'static', _EQ),
    ('step_on_clone_return_both', 'inductor', 'static', _EQ),
    ('step_then_clone_then_step', 'inductor', 'static', _EQ),
    ('clone_mutated_input_then_step', 'inductor', 'static', _FF),
    ('clone_after_mul1', 'inductor', 'static', _FF),
    ('clone_after_row_write', 'inductor', 'static', _FF),
    ('clone_after_mul1_not_returned', 'inductor', 'static', _FF),
    ('clone_after_nothing_control', 'inductor', 'static', _EQ),
    ('clone_then_mutate_input', 'inductor', 'static', _CD),
    ('step_on_contiguous_alias', 'inductor', 'static', _EQ),
    ('step_on_to_same_dtype', 'inductor', 'static', _EQ),
    ('step_on_flat_clone_after_mutation', 'inductor', 'static', _FF),
    ('two_steps_after_mutation', 'inductor', 'static', _EQ),
    ('two_clones_two_steps_after_mutation', 'inductor', 'static', _FF),
    ('copy_into_input_then_clone', 'inductor', 'static', _FF),
    ('step_kv_updated_after', 'inductor', 'static', _EQ),
    ('weight_view_of_cache', 'inductor', 'static', _R),
    ('two_layers_one_graph', 'inductor', 'static', _R),
    ('kt_loop_fp32_full_mantissa', 'inductor', 'static', _EQ),
    ('kt_loop_fp32_huge', 'inductor', 'static', _EQ),
    ('kt_loop_fp32_subnormal', 'inductor', 'static', _EQ),
    ('kt_loop_bf16_full_mantissa', 'inductor', 'static', _EQ),
    ('kt_loop_fp16_big', 'inductor', 'static', _EQ),
    ('kt_sum_fp16_full_mantissa', 'inductor', 'static', _EQ),
    ('intermediate_clone_returned', 'inductor', 'static', _EQ),
    ('intermediate_clone_read_after', 'inductor', 'static', _FF),
    ('intermediate_clone_view_returned', 'inductor', 'static', _EQ),
    ('pr_index_put_control', 'inductor', 'static', _EQ),
    ('pr_index_put_control', 'inductor', 'batch', _R),
    ('pr_index_put_transposed_storage', 'inductor', 'static', _EQ),
    ('pr_index_put_transposed_storage', 'inductor', 'batch', _R),
    ('pr_scatter_transposed_storage', 'inductor', 'static', _EQ),
    ('kv_clone_then_input_mutated', 'inductor', 'static', _EQ),
    ('w_clone_then_input_mutated', 'inductor', 'static', _EQ),
    ('intermediate_written_then_clone', 'inductor', 'static', _FF),
    ('intermediate_clone_read_after', 'inductor', 'batch', _FF),
    ('intermediate_clone_read_after', 'inductor', 'dynamic', _FF),
    ('as_w_transposed_param', 'inductor', 'batch', _FF),
    ('as_w_transposed_param_fp16', 'inductor', 'batch', _FF),
    ('as_w_transposed_param_bf16', 'inductor', 'batch', _FF),
    ('as_w_contiguous_control', 'inductor', 'batch', _EQ),
    ('as_kv_head_major_storage', 'inductor', 'batch', _FF),
    ('as_kv_head_major_storage_fp16', 'inductor', 'batch', _FF),
    ('as_kept_head_major_cache', 'inductor', 'batch', _FF),
    ('as_kept_head_major_cache_fp16', 'inductor', 'batch', _FF),
    ('as_lens_strided', 'inductor', 'batch', _EQ),
    ('cast_select_fp32', 'inductor', 'batch', _EQ),
    ('pool_einsum', 'inductor', 'batch', _EQ),
    ('win_P16_l_gt_P', 'inductor', 'batch', _EQ),
    ('step_on_clone_return_both', 'inductor', 'batch', _EQ),
    ('clone_after_mul1', 'inductor', 'batch', _FF),
    ('clone_after_mul1_not_returned', 'inductor', 'batch', _FF),
    ('as_w_transposed_param', 'inductor', 'dynamic', _FF),
    ('as_w_transposed_param_fp16', 'inductor', 'dynamic', _FF),
    ('as_w_transposed_param_bf16', 'inductor', 'dynamic', _FF),
    ('as_w_contiguous_control', 'inductor', 'dynamic', _EQ),
    ('as_kv_head_major_storage', 'inductor', 'dynamic', _FF),
    ('as_kv_head_major_storage_fp16', 'inductor', 'dynamic', _FF),
    ('as_kept_head_major_cache', 'inductor', 'dynamic', _FF),
    ('as_kept_head_major_cache_fp16', 'inductor', 'dynamic', _FF),
    ('as_lens_strided', 'inductor', 'dynamic', _EQ),
    ('cast_select_fp32', 'inductor', 'dynamic', _EQ),
    ('pool_einsum', 'inductor', 'dynamic', _EQ),
    ('win_P16_l_gt_P', 'inductor', 'dynamic', _EQ),
    ('pr_index_put_control', 'inductor', 'dynamic', _EQ),
    ('pr_index_put_transposed_storage', 'inductor', 'dynamic', _EQ),
    ('step_on_clone_return_both', 'inductor', 'dynamic', _EQ),
    ('clone_after_mul1', 'inductor', 'dynamic', _FF),
    ('clone_after_mul1_not_returned', 'inductor', 'dynamic', _FF),
    ('stacked_kv_two_steps', 'inductor', 'static', _EQ),
    ('two_steps_same_slots', 'inductor', 'static', _EQ),
    ('step_into_clone_of_stacked_half', 'inductor', 'static', _FF),
    ('clone_of_input_read_after', 'inductor', 'static', _EQ),
    ('kv_cast_before_gather', 'inductor', 'static', _EQ),
    ('win_embedding', 'inductor', 'static', _EQ),
    ('win_index_select', 'inductor', 'static', _EQ),
    ('win_take', 'inductor', 'static', _EQ),
    ('win_chunked_d_eq_l', 'inductor', 'static', _EQ),
    ('win_chunked_transposed_storage', 'inductor', 'static', _EQ),
    ('stacked_half_read_before_used_after', 'inductor', 'static', _EQ),
    ('stacked_half_flat_view_read_before', 'inductor', 'static', _EQ),
    ('stacked_mutated_then_half_step', 'inductor', 'static', _FF),
    ('stacked_snapshot_then_half_step', 'inductor', 'static', _EQ),
    ('mutated_then_snapshot_then_step', 'inductor', 'static', _FF),
    ('intermediate_read_before_step', 'inductor', 'static', _FF),
    ('intermediate_read_before_step', 'inductor', 'batch', _FF),
    ('size_batch_0', 'inductor', 'static', _R),
    ('size_d_0', 'inductor', 'static', _R),
    ('as_w_transposed_param', 'vllm_post', 'static', _FF),
    ('as_w_transposed_param_fp16', 'vllm_post', 'static', _FF),
    ('as_w_transposed_param_bf16', 'vllm_post', 'static', _FF),
    ('as_kept_head_major_cache', 'vllm_post', 'static', _FF),
    ('as_kept_head_major_cache_fp16', 'vllm_post', 'static', _FF),
    ('step_on_clone_return_both', 'vllm_post', 'static', _EQ),
    ('step_then_clone_then_step', 'vllm_post', 'static', _EQ),
    ('clone_mutated_input_then_step', 'vllm_post', 'static', _EQ),
    ('clone_after_mul1', 'vllm_post', 'static', _EQ),
    ('clone_after_row_write', 'vllm_post', 'static', _EQ),
    ('clone_after_mul1_not_returned', 'vllm_post', 'static', _EQ),
    ('clone_after_nothing_control', 'vllm_post', 'static', _EQ),
    ('clone_then_mutate_input', 'vllm_post', 'static', _EQ),
    ('step_on_contiguous_alias', 'vllm_post', 'static', _EQ),
    ('step_on_to_same_dtype', 'vllm_post', 'static', _EQ),
    ('step_on_flat_clone_after_mutation', 'vllm_post', 'static', _EQ),
    ('two_steps_after_mutation', 'vllm_post', 'static', _EQ),
    ('two_clones_two_steps_after_mutation', 'vllm_post', 'static', _EQ),
    ('copy_into_input_then_clone', 'vllm_post', 'static', _EQ),
    ('as_w_transposed_param', 'torchair', 'static', _CD),
    ('as_w_transposed_param_fp16', 'torchair', 'static', _CD),
    ('as_w_transposed_param_bf16', 'torchair', 'static', _CD),
    ('as_w_contiguous_control', 'torchair', 'static', _EQ),
    ('as_kv_head_major_storage', 'torchair', 'static', _CD),
    ('as_kv_head_major_storage_fp16', 'torchair', 'static', _CD),
    ('as_kept_head_major_cache', 'torchair', 'static', _CD),
    ('as_kept_head_major_cache_fp16', 'torchair', 'static', _CD),
    ('cast_select_fp32', 'torchair', 'static', _EQ),
    ('pool_loop', 'torchair', 'static', _EQ),
    ('pool_loop_inplace_commuted', 'torchair', 'static', _EQ),
    ('pool_loop_negzero_start', 'torchair', 'static', _R),
    ('pool_loop_first_start', 'torchair', 'static', _R),
    ('pool_loop_fp16_acc', 'torchair', 'static', _EQ),
    ('clone_after_mul1', 'torchair', 'static', _EQ),
    ('clone_after_mul1_not_returned', 'torchair', 'static', _EQ),
    ('intermediate_clone_read_after', 'torchair', 'static', _EQ),
    ('kt_loop_fp32_full_mantissa', 'torchair', 'static', _EQ),
    ('size_batch_0', 'torchair', 'static', _R),
    ('size_d_0', 'torchair', 'static', _CR),
]
if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
