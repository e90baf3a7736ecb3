"""Thirteenth adversarial review of the recogniser (issue 18), full round with fresh eyes: what the rewrite leaves to
later users of the step's nodes, the keep proof after in-place changes and across caches, whole models (2-4 layers,
K and V, KV appends, attention over the compressed rows, level 2 reading level 1), the fused op's edges (l = d,
B = 1, lengths 0 / l / capacity, slot -1 padding, full-mantissa fp32 / bf16 / fp16 windows in window order, subnormal
weights, D = 13, head groups, transposed caches, stride-0 weights, ties onto inf), scalings hidden in an op's own
scalar argument (add's alpha, addmm / baddbmm's alpha), inputs that alias each other (AOT synthetic bases), masks
reading the slots, the same rows written twice, module buffers aliasing each other, torchair's GE writes, partial
writes (a head mask, scatter indices naming another row or fewer columns).

Same format as redteam12: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; runner and classification are redteam7's ``classify7`` (via redteam2's main / table), imported.

    python tests/corpora/redteam13.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam13.py --table OUT.md [--dialect D ...] [name ...]

First try (15:36-16:28 UTC, snapshot of 5e1914a in /tmp/base13, PYTHONPATH=/tmp/base13, run from that tree): 67
attacks in 12 themes, 280 runs (``_FIRST``).  inductor_graph 5 FALSE FUSION / 0 CRASH / 75 equal / 28 refused;
torchair_like 5 FALSE FUSION / 0 CRASH / 75 equal / 28 refused (in each: F1 x 4 runs, and
model_four_layers_exact_attention, the accepted open-sum order, see below); Inductor codegen (nsa_fusion_backend,
confirmation) 3 FALSE FUSION (F2) / 9 CONTROL DIFFERS (F1 x 4: plain Inductor differs too; models whose attention
rounds in fp16 or sums in open order) / 19 equal / 1 refused; vllm_post (Inductor codegen behind the vLLM adapters'
mutating call) 18 equal / 2 refused; bound_ig / bound_ta / inductor (module buffers offered) 3 equal / 3 refused;
real torchair 1 CONTROL DIFFERS (F1: the pass's numbers differ from eager; the CPU stand-in cannot compile the
control) / 1 equal; the Triton kernel under TRITON_INTERPRET=1 (NSA_FUSION_FORCE_TRITON=1) 6 equal.  Attacks were
added in batches while running (themes 1-4 15:36-15:41, 5 15:43, 6-10 15:45-15:55, 11-12 15:58-16:01, the exact
and loop models 16:08-16:17, the sub spelling of F1 16:25, baddbmm chains 16:27); the full two-dialect table ran
15:56-16:01, later attacks in their own runs.  No CRASH anywhere.  Two findings (/work/briefs/redteam13_findings.md,
repro /work/briefs/redteam13_repro.py, inlined there):

* F1 FALSE FUSION (inductor_graph, torchair_like; static, mark_dynamic, dynamic=True): mean pooling written as a
  window-order loop ``acc = torch.add(acc, x_j.float(), alpha=1/l)`` from zeros fuses with fp32 KV.
  ``pooling._check_exact_arithmetic`` counts scalings in mul/div operands only and never reads a SUMS node's
  ``alpha``; eager's CPU ``add`` computes ``acc + alpha * x`` as one fused multiply-add, the op rounds ``fp32(1/l) *
  x`` first: window [2^-144, 2^-145, 0, ..] gives 2^-148 in eager, 2^-149 fused (pool_loop_add_alpha_fp32; fp16 KV:
  x / 32 exact, equal; ``acc = torch.sub(acc, x_j, alpha=-1/l)`` after a first term scaled by a mul likewise:
  pool_loop_sub_alpha_after_first_fp32, 16:25).  Inductor codegen: CONTROL DIFFERS (Inductor itself lowers alpha as
  a rounded product, the op's arithmetic); torchair lowers add(alpha) to GE's AxpyV2.
* F2 (Inductor codegen only, by the letter of the bar): in 2- and 4-layer models every step fuses and every cache /
  KV / read-back row is bit-exact, but the layer outputs differ from eager by one fp16 ulp where plain Inductor
  matches: the fused steps change Inductor's kernel boundaries, and Inductor's ``emulate_precision_casts=False``
  then skips an fp16 round trip in the user's attention (``.to(fp16)`` then ``.float()`` next layer).  With
  ``emulate_precision_casts=True`` equal.  model_four_layers_exact_loop has no open-order sum anywhere (FALSE
  FUSION), model_two_layers_exact_attention none outside the step (FALSE FUSION), model_four_layers_kv (FALSE FUSION)
  and model_two_layers_kv (first try CONTROL DIFFERS: its attention then rounded to fp16 twice, which plain Inductor
  skipped; FALSE FUSION once rewritten to round once) have open-order sums too.  Not the recogniser's; for the lead
  to rule on.

Not findings: model_four_layers_exact_attention's FALSE FUSION in both graph dialects is the accepted open-sum order
(``.sum(1)`` over full-mantissa tokens after three layers; the same model in window order, model_four_layers_exact_loop,
is equal); edge_subnormal_weights_fp16 first written with ``.sum(1)`` differed by one fp16 ulp, the op giving the
window-order value (checked against nsa_fusion.compress_infer): the accepted order again, rewritten as a window-order
loop (equal).  Equal or refused: the select's rows, the fp32 pooled value, the old rows, the mask, the gathered tokens,
views of the written cache returned or reused (static, batch, dynamic; vllm_post too); kept rows read before
``cache.mul_(2)``, ``cache[0] = 0``, a rolled row write or a slice add (refused: keep); V's kept rows from the K cache
(K fused, V left); 2 and 4 layers with appends and attention, one shared cache at slots and slots + B (static, batch,
dynamic); level 2 compressing level 1's cache before and after level 1 writes it (fused, equal, Inductor codegen
too); l = d = 16, full-mantissa fp32 / bf16 / fp16 windows summed in window order, D = 13, subnormal weights, slot -1
on every row that writes nothing with row S - 1 NaN, B = 1 at capacity / 0 / l, N = 3 x D = 1536 (the native
kernel's head groups), a transposed cache, a stride-0 weight, ties rounding onto inf in fp16 and bf16 (native and
Triton-interpreted kernels); addmm / baddbmm with beta = 0 and alpha = 1/l (refused: batch plan / scaling), a
window-order chain of K = 1 baddbmm steps, weighted or mean, fp32 (refused: scaling); kept rows
from a second input over the cache's storage (refused), that input read before / after the write, the KV and the
cache as views of one buffer, disjoint or with the cache on the pages a window reads (equal: AOT's synthetic base);
masks reading the slots (refused); the same rows written twice (at s and (s + 1) % S; the batch flipped); a buffer
aliasing another (equal, checked) or written in the step (refused); KV appends lowered to GE scatters with apart
indices, negative int32 offsets, a 0-d index, a broadcast row; a head mask in the select, scatter indices naming row
b - 1's slot or D - 1 columns (refused).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import _sc, classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")


def _new(kv, w, table, lens, l=L):
    return pool(tokens(kv, table, positions(lens, l)), w)


def _loop_new(kv, w, table, lens, l=L):
    """The window sum written out in window order from zeros (the op's order: no open-order sum)."""
    tok = tokens(kv, table, positions(lens, l))
    acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float32)
    for j in range(l):
        acc = acc + tok[:, j].float() * w[j].float()[None, :, None]
    return acc


def _std(n=2, **kw):
    """``n`` calls of valid adversarial inputs (the first compiled)."""
    return lambda: [build(seed=k, **kw) for k in range(n)]


# --- 1. the rewrite: what later users of the step's nodes read -------------------------------------------------
def _out(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        valid = completes(lens)
        tok = tokens(kv, table, positions(lens))
        new = pool(tok, w)
        old = cache[s]
        rows = torch.where(valid[:, None, None], new.to(cache.dtype), old)
        cache[s] = rows
        if kind == "rows":
            return cache, rows
        if kind == "new":
            return cache, new
        if kind == "new_rounded":
            return cache, new.to(cache.dtype) * 1
        if kind == "old":
            return cache, old
        if kind == "valid":
            return cache, valid.int()
        if kind == "tokens":
            return cache, tok.float().sum((1, 2, 3))
        if kind == "read_after":
            return cache, cache[s].float().sum((1, 2))
        if kind == "cache_views":
            return cache.view(cache.shape[0], -1), cache[:1], cache.transpose(1, 2)
        if kind == "new_plus_old":
            return cache, new + old.float()
        raise AssertionError(kind)
    return step


ATTACKS = [
    ("out_rows_returned", _mk(_out("rows"), _std(), MODES3), "the select's rows (written) also returned"),
    ("out_new_fp32_returned", _mk(_out("new"), _std(), MODES3), "the fp32 pooled value returned"),
    ("out_new_rounded_returned", _mk(_out("new_rounded"), _std(), ("static",)), "new.to(dt) returned"),
    ("out_old_rows_returned", _mk(_out("old"), _std(), MODES3), "cache[s] read before the write, returned"),
    ("out_valid_returned", _mk(_out("valid"), _std(), ("static",)), "the mask returned"),
    ("out_tokens_reused", _mk(_out("tokens"), _std(), ("static", "batch")), "gathered tokens summed and returned"),
    ("out_read_after_write", _mk(_out("read_after"), _std(), ("static",)), "cache[s] after the write, returned"),
    ("out_cache_views_returned", _mk(_out("cache_views"), _std(), ("static",)), "views of the written cache returned"),
    ("out_new_plus_old", _mk(_out("new_plus_old"), _std(), ("static",)), "new + old rows returned"),
]


# --- 2. the keep proof: kept rows read from the cache before something else changed it ---------------------------
def _keep_stale(change):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        old = cache[s]
        change(cache, s)
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), old)
        return cache
    return step


def _mul2(cache, s):
    cache.mul_(2)


def _zero_row0(cache, s):
    cache[0] = 0


def _write_rolled(cache, s):
    cache[s.roll(1)] = cache[s] * 0 + 1.5


def _add_slice(cache, s):
    cache[:, :, :4] += 1


ATTACKS += [
    ("keep_stale_before_mul", _mk(_keep_stale(_mul2), _std(), ("static", "batch")),
     "old = cache[s]; cache.mul_(2); cache[s] = where(valid, new, old): kept rows get the pre-mul values back"),
    ("keep_stale_before_row0", _mk(_keep_stale(_zero_row0), _std(), ("static",)),
     "old read before cache[0] = 0 (row 0 may be a kept slot)"),
    ("keep_stale_before_rows_write", _mk(_keep_stale(_write_rolled), _std(), ("static",)),
     "old read before another row write at the same slots rolled"),
    ("keep_stale_before_slice_add", _mk(_keep_stale(_add_slice), _std(), ("static",)),
     "old read before cache[..., :4] += 1"),
]


def _keep_other(kind):
    def step(kv, w, slots, table, lens, ck, cv):
        s, valid = slots.long(), completes(lens)
        nk = _new(kv, w, table, lens)
        nv = nk * 0.5 + 0.25
        if kind == "v_keeps_k":
            ck[s] = torch.where(valid[:, None, None], nk.to(ck.dtype), ck[s])
            cv[s] = torch.where(valid[:, None, None], nv.to(cv.dtype), ck[s])
        elif kind == "k_keeps_v_before":
            old_v = cv[s]
            cv[s] = torch.where(valid[:, None, None], nv.to(cv.dtype), cv[s])
            ck[s] = torch.where(valid[:, None, None], nk.to(ck.dtype), old_v)
        elif kind == "swap_caches_rows":
            old_k, old_v = ck[s], cv[s]
            ck[s] = torch.where(valid[:, None, None], nk.to(ck.dtype), old_k)
            cv[s] = torch.where(valid[:, None, None], nv.to(cv.dtype), old_v)
            return ck, cv, old_k - old_v
        return ck, cv
    return step


def _two_caches(n=2, **kw):
    def make():
        out = []
        for k in range(n):
            a = build(seed=k, **kw).args
            out.append(a + [(a[5] * 2).flip(0).contiguous()])
        return out
    return make


ATTACKS += [
    ("keep_v_from_k_cache", _mk(_keep_other("v_keeps_k"), _two_caches(), ("static",)),
     "V's kept rows read from the K cache (another cache of the same shape)"),
    ("keep_k_from_old_v_cache", _mk(_keep_other("k_keeps_v_before"), _two_caches(), ("static",)),
     "K's kept rows from V's rows read before V's step"),
    ("keep_two_caches_old_rows_returned", _mk(_keep_other("swap_caches_rows"), _two_caches(), ("static", "batch")),
     "control: K and V steps, each keeping its own rows; old_k - old_v returned"),
]


# --- 3. whole models: 2 layers, K and V, appends, attention reads of the same caches ----------------------------
def _layers(n_layers=2, shared=False, exact_attention=False, loop=False):
    """Per layer: append the new token's K/V at position s - 1 of the paged KV (kv[page, off] = x), compress K and V
    windows into their caches, attend over the compressed caches' rows at the slots; the next layer's token is the
    attention output.  ``shared``: both layers' K (and V) in one cache at slots and slots + B."""
    def step(kvk, kvv, slots, table, lens, w, ck, cv):
        B, P = lens.shape[0], kvk.shape[1]
        x = (kvk[table[:, 0].long(), 1].float() * 0.5).to(kvk.dtype)   # the layer-0 token (no [B] input)
        s, valid = slots.long(), completes(lens)
        p = (lens.long() - 1).clamp(min=0)
        page, off = table.long().gather(1, (p // P)[:, None])[:, 0], p % P
        outs = []
        for layer in range(n_layers):
            kk, vv = x, -x
            kvk[page, off] = kk.to(kvk.dtype)
            kvv[page, off] = vv.to(kvv.dtype)
            sl = (s + B * layer) % ck.shape[0] if shared else s
            ck_l = ck if shared else ck[layer]
            cv_l = cv if shared else cv[layer]
            pool_of = _loop_new if loop else _new
            ck_l[sl] = torch.where(valid[:, None, None], pool_of(kvk, w[layer], table, lens).to(ck.dtype), ck_l[sl])
            cv_l[sl] = torch.where(valid[:, None, None], pool_of(kvv, w[layer], table, lens).to(cv.dtype), cv_l[sl])
            if exact_attention:  # no open-order sum outside the step: max and one add, the same bits in any order
                scores = (ck_l[sl].float() * x.float()).amax(-1, keepdim=True)
                x = (x.float() + (scores > 0).float() * cv_l[sl].float()).to(x.dtype)
            else:
                scores = (ck_l[sl].float() * x.float()).sum(-1, keepdim=True)
                x = (x.float() + scores.clamp(-4, 4) * cv_l[sl].float()).to(x.dtype)   # one rounding (Inductor's too)
            outs.append(x)
        return torch.stack(outs)
    return step


def _layer_inputs(n_layers=2, shared=False, n=2, B=12):
    def make():
        out = []
        for k in range(n):
            a = build(B=B, seed=k, specials=False, num_slots=2 * B * n_layers + 3).args
            kv, w, slots, table, lens, cache = a
            ws = torch.stack([w * (i + 1) for i in range(n_layers)])
            if shared:
                slots = torch.randperm(B, generator=torch.Generator().manual_seed(k)).to(slots.dtype)
                ck, cv = cache.clone(), (-cache).clone()
            else:
                ck = torch.stack([cache] * n_layers)
                cv = torch.stack([-cache] * n_layers)
            out.append([kv, kv.clone().flip(1), slots, table, lens, ws, ck, cv])
        return out
    return make


ATTACKS += [
    ("model_two_layers_kv", _mk(_layers(2), _layer_inputs(2), MODES3),
     "2 layers: append K/V, compress K and V (stacked per-layer caches), attention over the compressed rows"),
    ("model_two_layers_shared_cache", _mk(_layers(2, shared=True), _layer_inputs(2, shared=True), MODES3),
     "2 layers writing one K cache (and one V) at slots and slots + B"),
    ("model_four_layers_kv", _mk(_layers(4), _layer_inputs(4), ("static",)),
     "4 layers, 8 steps"),
    ("model_two_layers_exact_attention", _mk(_layers(2, exact_attention=True), _layer_inputs(2), MODES3),
     "2 layers, the attention with no open-order sum (amax, one add): any difference is the step's"),
    ("model_four_layers_exact_attention", _mk(_layers(4, exact_attention=True), _layer_inputs(4), ("static",)),
     "4 layers, 8 steps, the attention with no open-order sum"),
    ("model_four_layers_exact_loop", _mk(_layers(4, exact_attention=True, loop=True), _layer_inputs(4), MODES3),
     "4 layers, the window sums written in the op's order, the attention with no open-order sum: no accepted "
     "difference left anywhere"),
]


# --- 4. the fused op's edges ---------------------------------------------------------------------------------
def _l16(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens, 16, 16), pool(tokens(kv, table, positions(lens, 16)), w[:16]))


def _loop_from_zero(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens))
    acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float32)
    for j in range(L):
        acc = acc + tok[:, j].float() * w[j].float()[None, :, None]
    return write(cache, slots, completes(lens), acc)


def _contract(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), _new(kv, w, table, lens))


def _full_mantissa(dtype, n=2, **kw):
    def make():
        out = []
        for k in range(n):
            a = build(seed=k, dtype=dtype, specials=False, **kw).args
            g = torch.Generator().manual_seed(100 + k)
            a[0] = (torch.randn(a[0].shape, generator=g) * 3).to(dtype)
            a[1] = (torch.randn(a[1].shape, generator=g)).to(dtype)
            out.append(a)
        return out
    return make


def _subnormal_weights(dtype=torch.float16):
    def make():
        a = build(seed=3, dtype=dtype).args
        tiny = {torch.float16: 2.0 ** -24, torch.bfloat16: 2.0 ** -133, torch.float32: 2.0 ** -149}[dtype]
        a[1][::2] = tiny
        a[1][1::4] = -tiny
        a[0] = torch.where(a[0].isfinite(), a[0] * 1024, a[0]).to(dtype)
        return [a, build(seed=4, dtype=dtype).args]
    return make


def _padding_minus_one():
    """vLLM padding: rows that write nothing carry slot -1 (row S - 1 is a kept row of nobody, holding NaN)."""
    def make():
        out = []
        for k in range(2):
            a = build(seed=k, index_dtype=torch.int32).args
            lens = a[4]
            q = (lens >= L) & ((lens - L) % STRIDE == 0)
            S = a[5].shape[0]
            a[2][~q] = -1
            a[2][q] = torch.randperm(S - 1)[: int(q.sum())].to(a[2].dtype)
            a[5][S - 1] = float("nan")
            out.append(a)
        return out
    return make


def _capacity_b1():
    return lambda: [build(B=1, lengths=[256], seed=0), build(B=1, lengths=[0], seed=1),
                    build(B=1, lengths=[32], seed=2)]


def _heads_groups():
    return lambda: [build(B=6, N=3, D=1536, seed=0, specials=False), build(B=6, N=3, D=1536, seed=1)]


def _d_tail(dtype=torch.float32):
    return _full_mantissa(dtype, D=13)


def _cache_transposed():
    def make():
        out = []
        for k in range(2):
            a = build(seed=k).args
            c = a[5]
            a[5] = c.transpose(1, 2).contiguous().transpose(1, 2)  # [S, N, D] with strides (N D, 1, N)
            out.append(a)
        return out
    return make


def _weight_stride0():
    def make():
        out = []
        for k in range(2):
            a = build(seed=k).args
            a[1] = a[1][:1].expand(L, -1)
            out.append(a)
        return out
    return make


ATTACKS += [
    ("edge_l_eq_d_16", _mk(_l16, _std(), MODES3), "l = d = 16 (every 16th length), weight w[:16]"),
    ("edge_loop_fp32_full_mantissa", _mk(_loop_from_zero, _full_mantissa(torch.float32), ("static", "batch")),
     "window-order loop from zeros, fp32 KV and weight with full mantissas: fused bits must be eager's"),
    ("edge_loop_bf16_full_mantissa", _mk(_loop_from_zero, _full_mantissa(torch.bfloat16), ("static",)),
     "the same in bf16"),
    ("edge_loop_fp16_full_mantissa", _mk(_loop_from_zero, _full_mantissa(torch.float16), ("static",)),
     "the same in fp16"),
    ("edge_loop_fp32_d13", _mk(_loop_from_zero, _d_tail(), ("static",)), "loop order, fp32, D = 13 (vector tail)"),
    ("edge_subnormal_weights_fp16", _mk(_loop_from_zero, _subnormal_weights(), ("static",)),
     "fp16 weights at the smallest subnormal, tokens * 1024 (loop order: with sum(1) the order differs, accepted)"),
    ("edge_subnormal_weights_fp32", _mk(_loop_from_zero, _subnormal_weights(torch.float32), ("static",)),
     "fp32 weights 2^-149 (loop order)"),
    ("edge_padding_minus_one", _mk(_contract, _padding_minus_one(), MODES3),
     "slot -1 on every row that writes nothing, row S - 1 NaN"),
    ("edge_b1_capacity", _mk(_contract, _capacity_b1(), ("static", "batch")), "B = 1: s = capacity, 0, l"),
    ("edge_heads_groups", _mk(_contract, _heads_groups(), ("static",)), "N = 3, D = 1536: the kernel's head groups"),
    ("edge_cache_dims_transposed", _mk(_contract, _cache_transposed(), ("static", "batch")),
     "cache with strides (N D, 1, N)"),
    ("edge_weight_stride0", _mk(_contract, _weight_stride0(), ("static",)), "weight expanded from one row"),
]


# --- 5. pooling: scalings inside an op's own scalar argument (add's alpha, addmm / baddbmm's alpha) ----------------
def _loop_add_alpha(op="add", alpha=1.0 / L):
    """Mean pooling written as a loop in window order from zeros: acc = torch.add(acc, x_j, alpha=1/l).  torch's CPU
    add computes acc + alpha * x_j as one fused multiply-add (one rounding); the op rounds fp32(1/l) * x_j first."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float32)
        for j in range(L):
            if op == "add":
                acc = torch.add(acc, tok[:, j].float(), alpha=alpha)
            elif op == "sub_after_first" and j == 0:  # the first term scaled by a mul (the one scaling counted)
                acc = acc + tok[:, j].float() * alpha
            else:
                acc = torch.sub(acc, tok[:, j].float(), alpha=-alpha)
        return write(cache, slots, completes(lens), acc)
    return step


def _mm_alpha(op):
    """Mean pooling as one matrix product scaled by its alpha: sum first, then * 1/l (inside the op)."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()               # [B, l, N, D]
        B, _, N, D = tok.shape
        x = tok.permute(0, 2, 3, 1).reshape(B * N * D, L)
        ones = torch.ones(L, 1, dtype=torch.float32)
        if op == "addmm":
            s = torch.addmm(torch.zeros(B * N * D, 1), x, ones, beta=0, alpha=1.0 / L)
        else:
            s = torch.baddbmm(torch.zeros(B * N * D, 1, 1), x[:, None, :], ones.expand(B * N * D, L, 1), beta=0,
                              alpha=1.0 / L)
        return write(cache, slots, completes(lens), s.reshape(B, N, D))
    return step


def _loop_baddbmm(weighted=True):
    """A window-order chain of K = 1 baddbmm steps from zeros: acc = baddbmm(acc, x_j [B N, D, 1], w_j [B N, 1, 1]),
    the weighted sum in the op's order, each step acc + x_j * w_j through the BLAS (which may fuse the multiply-add);
    ``weighted=False``: the mean, w_j = 1/l."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        B, _, N, D = tok.shape
        acc = torch.zeros(B * N, D, 1, dtype=torch.float32)
        for j in range(L):
            wj = (w[j].float()[None, :].expand(B, N) if weighted else torch.full((B, N), 1.0 / L)).reshape(B * N, 1, 1)
            acc = torch.baddbmm(acc, tok[:, j].float().reshape(B * N, D, 1), wj)
        return write(cache, slots, completes(lens), acc.reshape(B, N, D))
    return step


def _tiny_fp32_weighted():
    """fp32 windows [2^-144, 2^-145, 0, ..] under weights 1/32 (fp32): as _tiny_fp32_windows, with the weight."""
    def window(b, s):
        return [2.0 ** -144, 2.0 ** -145] + [0.0] * (L - 2)
    weight = torch.full((L, 2), 1.0 / L)
    return lambda: [build(seed=0, dtype=torch.float32, window=window, weight=weight),
                    build(seed=1, dtype=torch.float32)]


def _tiny_fp32_windows():
    """fp32 windows 2^-144, 2^-145, 0, ...: fp32(1/32) * 2^-145 = 2^-150 rounds to 0 (ties to even), so the op sums
    2^-149 + 0; a fused multiply-add sums 2^-149 + 2^-150 exactly and rounds to 2^-148."""
    def window(b, s):
        return [2.0 ** -144, 2.0 ** -145] + [0.0] * (L - 2)
    return lambda: [build(seed=0, dtype=torch.float32, window=window), build(seed=1, dtype=torch.float32)]


def _huge_windows(dtype=torch.bfloat16):
    """Windows of the dtype's max: their fp32 sum overflows (inf) before a scaling by 1/32; the op's scaled sum is
    finite."""
    top = torch.finfo(dtype).max
    return lambda: [build(seed=0, dtype=dtype, window=lambda b, s: [top] * L), build(seed=1, dtype=dtype)]


ATTACKS += [
    ("pool_loop_add_alpha_fp32", _mk(_loop_add_alpha(), _tiny_fp32_windows(), MODES3),
     "mean as acc = add(acc, x_j, alpha=1/32) from zeros, fp32 KV: alpha is no scaling the pooling rules see"),
    ("pool_loop_sub_alpha_fp32", _mk(_loop_add_alpha("sub"), _tiny_fp32_windows(), ("static",)),
     "the same as acc = sub(acc, x_j, alpha=-1/32)"),
    ("pool_loop_sub_alpha_after_first_fp32", _mk(_loop_add_alpha("sub_after_first"), _tiny_fp32_windows(), ("static",)),
     "acc = 0 + x_0 * (1/32), then acc = sub(acc, x_j, alpha=-1/32): sub's alpha, past the zero-start rule"),
    ("pool_loop_baddbmm_fp32", _mk(_loop_baddbmm(), _tiny_fp32_weighted(), ("static", "batch")),
     "weighted sum as a window-order chain of K = 1 baddbmm from zeros, fp32: the BLAS's multiply-add"),
    ("pool_loop_baddbmm_mean_fp32", _mk(_loop_baddbmm(False), _tiny_fp32_windows(), ("static",)),
     "the same chain with a constant 1/l weight (mean)"),
    ("pool_loop_add_alpha_fp16", _mk(_loop_add_alpha(), _std(), ("static",)),
     "control: the same with fp16 KV (x / 32 exact in fp32: one rounding either way)"),
    ("pool_addmm_alpha_mean_bf16", _mk(_mm_alpha("addmm"), _huge_windows(), ("static",)),
     "mean as addmm(0, x, ones, beta=0, alpha=1/32), bf16 windows at the max: eager inf, the op finite"),
    ("pool_baddbmm_alpha_mean_bf16", _mk(_mm_alpha("baddbmm"), _huge_windows(), ("static",)),
     "mean as baddbmm(0, x, ones, beta=0, alpha=1/32), bf16 windows at the max"),
    ("pool_addmm_alpha_mean_fp32", _mk(_mm_alpha("addmm"), _huge_windows(torch.float32), ("static",)),
     "the same with fp32 windows at the max"),
]


# --- 6. inputs that alias each other (AOTAutograd's synthetic bases) ---------------------------------------------
def _alias_step(kind):
    def step(kv, w, slots, table, lens, cache, other):
        s, valid = slots.long(), completes(lens)
        new = _new(kv, w, table, lens).to(cache.dtype)
        if kind == "keep_from_other":
            cache[s] = torch.where(valid[:, None, None], new, other[s])
            return cache
        if kind == "read_other_after":
            cache[s] = torch.where(valid[:, None, None], new, cache[s])
            return cache, other[s] * 1
        if kind == "read_other_before":
            before = other[s] * 1
            cache[s] = torch.where(valid[:, None, None], new, cache[s])
            return cache, before
        raise AssertionError(kind)
    return step


def _alias_inputs(shift):
    """cache = big[:-1] and other = big[shift:shift + S] (one storage, rows shifted by ``shift``)."""
    def make():
        out = []
        for k in range(2):
            a = build(seed=k).args
            S = a[5].shape[0]
            big = torch.cat([a[5], a[5][:1] * 0 + 0.75])
            a[5] = big[:S]
            out.append(a + [big[shift:shift + S]])
        return out
    return make


def _kv_cache_shared_storage(overlap):
    """The paged KV and the compressed cache views of one flat buffer: disjoint, or the cache's rows on the pages
    the windows read (then eager gathers every window before writing; a fused op writing row by row would not)."""
    def make():
        out = []
        for k in range(2):
            a = build(seed=k, B=8, specials=False).args
            kv, cache = a[0], a[5]
            NB, P, N, D = kv.shape
            flat = torch.cat([kv.reshape(-1), cache.reshape(-1)])
            a[0] = flat[: kv.numel()].view(NB, P, N, D)
            if overlap:
                # the cache's row r is token r of the last qualifying row's window (its page, its offset); the
                # other qualifying rows write slots 0.. (rows the window reads), the slots are a permutation
                lens = a[4].long()
                q = ((lens >= L) & ((lens - L) % STRIDE == 0)).nonzero().flatten().tolist()
                b = q[-1]
                p0 = int(lens[b]) - L
                start = (int(a[3][b, p0 // P]) * P + p0 % P) * N * D
                assert start + cache.numel() <= kv.numel()
                a[5] = flat[start: start + cache.numel()].view(cache.shape)
                a[2] = torch.arange(cache.shape[0] - 1, cache.shape[0] - 1 - lens.shape[0], -1).to(a[2].dtype)
                a[2][q[:-1]] = torch.arange(len(q) - 1).to(a[2].dtype)
            else:
                a[5] = flat[kv.numel():].view(cache.shape)
            out.append(a)
        return out
    return make


def _contract_returning_kv(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), _new(kv, w, table, lens)), kv * 1


ATTACKS += [
    ("alias_keep_from_shifted_view", _mk(_alias_step("keep_from_other"), _alias_inputs(1), ("static",)),
     "kept rows read from another input that is the cache's storage shifted by one row"),
    ("alias_keep_from_same_view", _mk(_alias_step("keep_from_other"), _alias_inputs(0), ("static",)),
     "control: kept rows from another input over the same rows (a second view of the cache)"),
    ("alias_read_other_after", _mk(_alias_step("read_other_after"), _alias_inputs(1), ("static", "batch")),
     "a second view of the cache (shifted) read after the write"),
    ("alias_read_other_before", _mk(_alias_step("read_other_before"), _alias_inputs(1), ("static", "batch")),
     "a second view of the cache (shifted) read before the write, used after it"),
    ("alias_kv_cache_disjoint", _mk(_contract_returning_kv, _kv_cache_shared_storage(False), ("static",)),
     "the KV and the cache disjoint views of one buffer, the KV returned"),
    ("alias_kv_cache_overlap", _mk(_contract_returning_kv, _kv_cache_shared_storage(True), ("static",)),
     "the cache's rows on a page row 0's window reads (one buffer, two inputs)"),
]


# --- 7. masks that read the slots; the same rows written twice ------------------------------------------------------
def _mask_slots(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        valid = completes(lens)
        if kind == "nonneg":
            valid = valid & (s >= 0)
        elif kind == "below_rows":
            valid = valid & (s < cache.shape[0] - 1)
        cache[s] = torch.where(valid[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
        return cache
    return step


def _completing_minus_one():
    """A completing row (the last) whose slot is -1: the model's mask (slots >= 0) skips it."""
    def make():
        out = []
        for k in range(2):
            a = build(seed=k).args
            lens = a[4]
            q = ((lens >= L) & ((lens - L) % STRIDE == 0)).nonzero().flatten()
            a[2][q[-1]] = -1
            a[2][q[-2]] = a[5].shape[0] - 2
            out.append(a)
        return out
    return make


def _write_twice(kind):
    def step(kv, w, slots, table, lens, cache):
        s, valid = slots.long(), completes(lens)
        new = _new(kv, w, table, lens).to(cache.dtype)
        cache[s] = torch.where(valid[:, None, None], new, cache[s])
        s2 = (s + 1) % cache.shape[0] if kind == "shifted" else s.flip(0)
        v2 = valid if kind == "shifted" else valid.flip(0)
        n2 = new if kind == "shifted" else new.flip(0)
        cache[s2] = torch.where(v2[:, None, None], n2, cache[s2])
        return cache
    return step


def _slots_spaced():
    """Slots 2b (+1 is nobody's slot): the second write at s + 1 never lands on a first-write row."""
    def make():
        out = []
        for k in range(2):
            a = build(seed=k, num_slots=100).args
            a[2] = (torch.randperm(40, generator=torch.Generator().manual_seed(k)) * 2).to(a[2].dtype)
            out.append(a)
        return out
    return make


ATTACKS += [
    ("mask_slots_nonneg", _mk(_mask_slots("nonneg"), _completing_minus_one(), ("static", "batch")),
     "valid & (slots >= 0): a completing row with slot -1 writes nothing in eager"),
    ("mask_slots_below_last_row", _mk(_mask_slots("below_rows"), _completing_minus_one(), ("static",)),
     "valid & (slots < S - 1): a completing row at slot S - 2 writes, S - 1 not"),
    ("write_twice_shifted", _mk(_write_twice("shifted"), _slots_spaced(), ("static", "batch")),
     "the same new rows written at s and at (s + 1) % S (two steps sharing the pooling)"),
    ("write_twice_flipped_batch", _mk(_write_twice("flipped"), _std(), ("static", "batch")),
     "the same rows written again with the batch flipped (slots, mask, rows alike: the same writes)"),
]


# --- 8. bound_inputs: module buffers that alias each other (one written by the graph) ------------------------------
class _AliasedBuffers(torch.nn.Module):
    """Window offsets in ``off``; ``off2`` is another buffer over the same storage (``off.view(L)``).  ``mode``:
    "read_alias" reads off2 (off changed between calls by the hooks), "write_alias_first" adds 1 to off2 inside
    the step, before the offsets are read from off (eager reads off + 1: windows one token late), then subtracts
    it again: bound to off's value at compile time, the step would be the contract's."""

    def __init__(self, w, mode):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("off", torch.arange(L), persistent=False)
        self.register_buffer("off2", self.off.view(L), persistent=False)
        self.mode = mode

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        if self.mode == "write_alias_first":
            self.off2.add_(1)
        offsets = self.off2 if self.mode == "read_alias" else self.off
        pos = (lens.long()[:, None] - L + offsets).clamp(0, table.shape[1] * P - 1)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        out = write(cache, slots, completes(lens), pool(tok, self.w))
        if self.mode == "write_alias_first":
            self.off2.sub_(1)
        return out


def _aliased_make(mode):
    return lambda: _AliasedBuffers(build().args[1], mode)


def _shift_off(i, m):
    if i == 1:
        m.off.add_(1)


def _bound_std():
    return [build(), build(seed=2)]


ATTACKS += [
    ("bound_alias_read_changed", _sc(_aliased_make("read_alias"), _bound_std, _shift_off),
     "offsets read from off2 = off.view(L), a second buffer; off changed between calls"),
    ("bound_alias_written_in_step", _sc(_aliased_make("write_alias_first"), _bound_std),
     "off2 (= off's storage) += 1 inside the step before off is read: eager's windows end one token late"),
]


# --- 9. torchair GE writes (lowering/ge_writes.py): KV appends spelled with apart / negative / 0-d indices ---------
def _ge_append(kind):
    """A KV append before the step (the step reads the appended token where its window ends at s)."""
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        p = (lens.long() - 1).clamp(min=0)
        page = table.long().gather(1, (p // P)[:, None])[:, 0]
        tok = (kv[page, p % P].float() * 0.5 + 0.25).to(kv.dtype)          # [B, N, D]
        if kind == "hnd_apart":                                            # kv viewed [NB, N, P, D]
            kv.permute(0, 2, 1, 3)[page, :, p % P] = tok
        elif kind == "negative_int32":                                     # offsets counted from the page's end
            kv[page.int(), (p % P - P).int()] = tok
        elif kind == "scalar_index":                                       # one 0-d index: page 0, offset 3
            kv[torch.tensor(0), torch.tensor(3)] = tok[0]
        elif kind == "broadcast_row":                                      # one row written at every token
            kv[page, p % P] = tok[:1].expand(tok.shape[0], -1, -1)[0]
        return write(cache, slots, completes(lens), _new(kv, w, table, lens))
    return step


ATTACKS += [
    (f"ge_append_{kind}", _mk(_ge_append(kind), _std(specials=False), ("static", "batch")),
     f"KV append ({kind}) lowered to npu_scatter_nd_update in torchair graphs, then the step")
    for kind in ("hnd_apart", "negative_int32", "scalar_index", "broadcast_row")
]


# --- 10. the op's rounding at the top of the range (ties to even onto inf) -----------------------------------------
def _round_to_inf(dtype):
    """Windows [max, max's half ulp, 0, ...] under weights [1, 1, 0, ...]: the fp32 sum is the tie between max and
    the next power of two; round-to-nearest-even (max's last mantissa bit is 1) gives inf.  Also [max, just below
    the half ulp] (rounds to max) on another row."""
    top = torch.finfo(dtype).max
    half = {torch.float16: 16.0, torch.bfloat16: 2.0 ** 119}[dtype]

    def window(b, s):
        return [top, half if b % 4 == 0 else half * 0.75] + [0.0] * (L - 2)

    weight = torch.zeros(L, 2, dtype=dtype)
    weight[:2] = 1
    return lambda: [build(seed=0, dtype=dtype, window=window, weight=weight, specials=False),
                    build(seed=1, dtype=dtype, window=window, weight=weight)]


ATTACKS += [
    ("edge_round_to_inf_fp16", _mk(_loop_from_zero, _round_to_inf(torch.float16), ("static", "batch")),
     "fp16: 65504 + 16 is a tie, rounded to even: inf (the kernels' final rounding at the top of the range)"),
    ("edge_round_to_inf_bf16", _mk(_loop_from_zero, _round_to_inf(torch.bfloat16), ("static", "batch")),
     "bf16: max + 2^119 is a tie, rounded to even: inf"),
]


# --- 11. two levels in one graph: level 2 compresses level 1's cache before / after level 1's step writes it ------
P1 = 8  # level 1's cache read as pages of 8 rows


def _levels(order):
    def step(kv, w, slots, table, lens, c1, slots2, table2, lens2, c2):
        def level1():
            c1[slots.long()] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(c1.dtype),
                                           c1[slots.long()])

        def level2():
            pages = c1.view(-1, P1, c1.shape[1], c1.shape[2])
            c2[slots2.long()] = torch.where(completes(lens2)[:, None, None],
                                            _new(pages, w, table2, lens2).to(c2.dtype), c2[slots2.long()])
        if order == "read_first":
            level2()
            level1()
        else:
            level1()
            level2()
        return c1, c2
    return step


def _level_inputs():
    def make():
        out = []
        for k in range(2):
            a = build(seed=k, B=12, num_slots=128, specials=False).args
            g = torch.Generator().manual_seed(50 + k)
            table2 = torch.randperm(128 // P1, generator=g)[:12 * 4 // 3].view(4, 4).to(torch.int32)
            lens2 = torch.tensor([32, 31, 16, 32], dtype=torch.int32)
            slots2 = torch.randperm(20, generator=g)[:4].to(torch.int32)
            c2 = (torch.randint(-8, 9, (20,) + a[5].shape[1:], generator=g) / 8).to(a[5].dtype)
            out.append(a + [slots2, table2, lens2, c2])
        return out
    return make


ATTACKS += [
    ("levels_read_before_write", _mk(_levels("read_first"), _level_inputs(), ("static",)),
     "level 2 compresses level 1's cache (as 8-row pages) before level 1's step writes it in the same graph"),
    ("levels_read_after_write", _mk(_levels("write_first"), _level_inputs(), ("static",)),
     "control: level 2 after level 1's write"),
]


# --- 12. partial writes: a head mask in the select, scatter indices that name another row or fewer columns ---------
def _partial(kind):
    def step(kv, w, slots, table, lens, cache):
        s, valid = slots.long(), completes(lens)
        new = _new(kv, w, table, lens).to(cache.dtype)
        B, N, D = new.shape
        if kind == "head_mask":
            heads = torch.arange(N) < 1                                  # head 0 only (a constant)
            cache[s] = torch.where(valid[:, None, None] & heads[None, :, None], new, cache[s])
            return cache
        rows = torch.where(valid[:, None, None], new, cache[s])
        idx = s[:, None, None].expand(B, N, D)
        if kind == "scatter_head_rolled":
            idx = torch.cat([idx[:, :1], s.roll(1)[:, None, None].expand(B, N - 1, D)], 1)
        elif kind == "scatter_fewer_columns":
            idx, rows = idx[:, :, : D - 1], rows
        return cache.scatter_(0, idx, rows)
    return step


ATTACKS += [
    ("partial_head_mask", _mk(_partial("head_mask"), _std(), ("static", "batch")),
     "where(valid & (h < 1), new, old): only head 0 of a completing row is new"),
    ("partial_scatter_head_rolled", _mk(_partial("scatter_head_rolled"), _std(), ("static",)),
     "scatter_ with heads 1.. of row b at row b - 1's slot"),
    ("partial_scatter_fewer_columns", _mk(_partial("scatter_fewer_columns"), _std(), ("static", "batch")),
     "scatter_ with an index of D - 1 columns: the last column is never written"),
    ("partial_scatter_control", _mk(_partial("scatter"), _std(), ("static", "batch")),
     "control: scatter_(0, s[:, None, None].expand_as(rows), rows)"),
]


# First-try results: (attack, dialect, mode, result).  Snapshot of 5e1914a in /tmp/base13, 15:36-16:25 UTC.
# "inductor": real Inductor codegen (nsa_fusion_backend); "vllm_post": redteam6's runner for the vLLM adapters'
# mutating call; "bound_ig" / "bound_ta": the graph dialects with the buffers offered; "torchair": real torchair on
# CPU; "triton_interp": inductor_graph with NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1 (run by hand).
_FF, _EQ, _R, _CD = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CONTROL DIFFERS"
_FIRST = [
    ('out_rows_returned', 'inductor_graph', 'static', _EQ),
    ('out_rows_returned', 'inductor_graph', 'batch', _EQ),
    ('out_rows_returned', 'inductor_graph', 'dynamic', _EQ),
    ('out_rows_returned', 'torchair_like', 'static', _EQ),
    ('out_rows_returned', 'torchair_like', 'batch', _EQ),
    ('out_rows_returned', 'torchair_like', 'dynamic', _EQ),
    ('out_new_fp32_returned', 'inductor_graph', 'static', _EQ),
    ('out_new_fp32_returned', 'inductor_graph', 'batch', _EQ),
    ('out_new_fp32_returned', 'inductor_graph', 'dynamic', _EQ),
    ('out_new_fp32_returned', 'torchair_like', 'static', _EQ),
    ('out_new_fp32_returned', 'torchair_like', 'batch', _EQ),
    ('out_new_fp32_returned', 'torchair_like', 'dynamic', _EQ),
    ('out_new_rounded_returned', 'inductor_graph', 'static', _EQ),
    ('out_new_rounded_returned', 'torchair_like', 'static', _EQ),
    ('out_old_rows_returned', 'inductor_graph', 'static', _EQ),
    ('out_old_rows_returned', 'inductor_graph', 'batch', _EQ),
    ('out_old_rows_returned', 'inductor_graph', 'dynamic', _EQ),
    ('out_old_rows_returned', 'torchair_like', 'static', _EQ),
    ('out_old_rows_returned', 'torchair_like', 'batch', _EQ),
    ('out_old_rows_returned', 'torchair_like', 'dynamic', _EQ),
    ('out_valid_returned', 'inductor_graph', 'static', _EQ),
    ('out_valid_returned', 'torchair_like', 'static', _EQ),
    ('out_tokens_reused', 'inductor_graph', 'static', _EQ),
    ('out_tokens_reused', 'inductor_graph', 'batch', _EQ),
    ('out_tokens_reused', 'torchair_like', 'static', _EQ),
    ('out_tokens_reused', 'torchair_like', 'batch', _EQ),
    ('out_read_after_write', 'inductor_graph', 'static', _EQ),
    ('out_read_after_write', 'torchair_like', 'static', _EQ),
    ('out_cache_views_returned', 'inductor_graph', 'static', _EQ),
    ('out_cache_views_returned', 'torchair_like', 'static', _EQ),
    ('out_new_plus_old', 'inductor_graph', 'static', _EQ),
    ('out_new_plus_old', 'torchair_like', 'static', _EQ),
    ('keep_stale_before_mul', 'inductor_graph', 'static', _R),
    ('keep_stale_before_mul', 'inductor_graph', 'batch', _R),
    ('keep_stale_before_mul', 'torchair_like', 'static', _R),
    ('keep_stale_before_mul', 'torchair_like', 'batch', _R),
    ('keep_stale_before_row0', 'inductor_graph', 'static', _R),
    ('keep_stale_before_row0', 'torchair_like', 'static', _R),
    ('keep_stale_before_rows_write', 'inductor_graph', 'static', _R),
    ('keep_stale_before_rows_write', 'torchair_like', 'static', _R),
    ('keep_stale_before_slice_add', 'inductor_graph', 'static', _R),
    ('keep_stale_before_slice_add', 'torchair_like', 'static', _R),
    ('keep_v_from_k_cache', 'inductor_graph', 'static', _EQ),
    ('keep_v_from_k_cache', 'torchair_like', 'static', _EQ),
    ('keep_k_from_old_v_cache', 'inductor_graph', 'static', _R),
    ('keep_k_from_old_v_cache', 'torchair_like', 'static', _R),
    ('keep_two_caches_old_rows_returned', 'inductor_graph', 'static', _EQ),
    ('keep_two_caches_old_rows_returned', 'inductor_graph', 'batch', _EQ),
    ('keep_two_caches_old_rows_returned', 'torchair_like', 'static', _EQ),
    ('keep_two_caches_old_rows_returned', 'torchair_like', 'batch', _EQ),
    ('model_two_layers_kv', 'inductor_graph', 'static', _EQ),
    ('model_two_layers_kv', 'inductor_graph', 'batch', _EQ),
    ('model_two_layers_kv', 'inductor_graph', 'dynamic', _EQ),
    ('model_two_layers_kv', 'torchair_like', 'static', _EQ),
    ('model_two_layers_kv', 'torchair_like', 'batch', _EQ),
    ('model_two_layers_kv', 'torchair_like', 'dynamic', _EQ),
    ('model_two_layers_shared_cache', 'inductor_graph', 'static', _EQ),
    ('model_two_layers_shared_cache', 'inductor_graph', 'batch', _EQ),
    ('model_two_layers_shared_cache', 'inductor_graph', 'dynamic', _EQ),
    ('model_two_layers_shared_cache', 'torchair_like', 'static', _EQ),
    ('model_two_layers_shared_cache', 'torchair_like', 'batch', _EQ),
    ('model_two_layers_shared_cache', 'torchair_like', 'dynamic', _EQ),
    ('model_four_layers_kv', 'inductor_graph', 'static', _EQ),
    ('model_four_layers_kv', 'torchair_like', 'static', _EQ),
    ('edge_l_eq_d_16', 'inductor_graph', 'static', _EQ),
    ('edge_l_eq_d_16', 'inductor_graph', 'batch', _EQ),
    ('edge_l_eq_d_16', 'inductor_graph', 'dynamic', _EQ),
    ('edge_l_eq_d_16', 'torchair_like', 'static', _EQ),
    ('edge_l_eq_d_16', 'torchair_like', 'batch', _EQ),
    ('edge_l_eq_d_16', 'torchair_like', 'dynamic', _EQ),
    ('edge_loop_fp32_full_mantissa', 'inductor_graph', 'static', _EQ),
    ('edge_loop_fp32_full_mantissa', 'inductor_graph', 'batch', _EQ),
    ('edge_loop_fp32_full_mantissa', 'torchair_like', 'static', _EQ),
    ('edge_loop_fp32_full_mantissa', 'torchair_like', 'batch', _EQ),
    ('edge_loop_bf16_full_mantissa', 'inductor_graph', 'static', _EQ),
    ('edge_loop_bf16_full_mantissa', 'torchair_like', 'static', _EQ),
    ('edge_loop_fp16_full_mantissa', 'inductor_graph', 'static', _EQ),
    ('edge_loop_fp16_full_mantissa', 'torchair_like', 'static', _EQ),
    ('edge_loop_fp32_d13', 'inductor_graph', 'static', _EQ),
    ('edge_loop_fp32_d13', 'torchair_like', 'static', _EQ),
    ('edge_subnormal_weights_fp16', 'inductor_graph', 'static', _EQ),
    ('edge_subnormal_weights_fp16', 'torchair_like', 'static', _EQ),
    ('edge_subnormal_weights_fp32', 'inductor_graph', 'static', _EQ),
    ('edge_subnormal_weights_fp32', 'torchair_like', 'static', _EQ),
    ('edge_padding_minus_one', 'inductor_graph', 'static', _EQ),
    ('edge_padding_minus_one', 'inductor_graph', 'batch', _EQ),
    ('edge_padding_minus_one', 'inductor_graph', 'dynamic', _EQ),
    ('edge_padding_minus_one', 'torchair_like', 'static', _EQ),
    ('edge_padding_minus_one', 'torchair_like', 'batch', _EQ),
    ('edge_padding_minus_one', 'torchair_like', 'dynamic', _EQ),
    ('edge_b1_capacity', 'inductor_graph', 'static', _EQ),
    ('edge_b1_capacity', 'inductor_graph', 'batch', _EQ),
    ('edge_b1_capacity', 'torchair_like', 'static', _EQ),
    ('edge_b1_capacity', 'torchair_like', 'batch', _EQ),
    ('edge_heads_groups', 'inductor_graph', 'static', _EQ),
    ('edge_heads_groups', 'torchair_like', 'static', _EQ),
    ('edge_cache_dims_transposed', 'inductor_graph', 'static', _EQ),
    ('edge_cache_dims_transposed', 'inductor_graph', 'batch', _EQ),
    ('edge_cache_dims_transposed', 'torchair_like', 'static', _EQ),
    ('edge_cache_dims_transposed', 'torchair_like', 'batch', _EQ),
    ('edge_weight_stride0', 'inductor_graph', 'static', _EQ),
    ('edge_weight_stride0', 'torchair_like', 'static', _EQ),
    ('pool_loop_add_alpha_fp32', 'inductor_graph', 'static', _FF),
    ('pool_loop_add_alpha_fp32', 'inductor_graph', 'batch', _FF),
    ('pool_loop_add_alpha_fp32', 'torchair_like', 'static', _FF),
    ('pool_loop_add_alpha_fp32', 'torchair_like', 'batch', _FF),
    ('pool_loop_sub_alpha_fp32', 'inductor_graph', 'static', _R),
    ('pool_loop_sub_alpha_fp32', 'torchair_like', 'static', _R),
    ('pool_loop_sub_alpha_after_first_fp32', 'inductor_graph', 'static', _FF),
    ('pool_loop_sub_alpha_after_first_fp32', 'torchair_like', 'static', _FF),
    ('pool_loop_sub_alpha_after_first_fp32', 'inductor', 'static', _CD),
    ('pool_loop_baddbmm_fp32', 'inductor_graph', 'static', _R),
    ('pool_loop_baddbmm_fp32', 'inductor_graph', 'batch', _R),
    ('pool_loop_baddbmm_mean_fp32', 'inductor_graph', 'static', _R),
    ('pool_loop_baddbmm_fp32', 'torchair_like', 'static', _R),
    ('pool_loop_baddbmm_fp32', 'torchair_like', 'batch', _R),
    ('pool_loop_baddbmm_mean_fp32', 'torchair_like', 'static', _R),
    ('pool_loop_add_alpha_fp16', 'inductor_graph', 'static', _EQ),
    ('pool_loop_add_alpha_fp16', 'torchair_like', 'static', _EQ),
    ('pool_addmm_alpha_mean_bf16', 'inductor_graph', 'static', _R),
    ('pool_addmm_alpha_mean_bf16', 'torchair_like', 'static', _R),
    ('pool_baddbmm_alpha_mean_bf16', 'inductor_graph', 'static', _R),
    ('pool_baddbmm_alpha_mean_bf16', 'torchair_like', 'static', _R),
    ('pool_addmm_alpha_mean_fp32', 'inductor_graph', 'static', _R),
    ('pool_addmm_alpha_mean_fp32', 'torchair_like', 'static', _R),
    ('alias_keep_from_shifted_view', 'inductor_graph', 'static', _R),
    ('alias_keep_from_shifted_view', 'torchair_like', 'static', _R),
    ('alias_keep_from_same_view', 'inductor_graph', 'static', _R),
    ('alias_keep_from_same_view', 'torchair_like', 'static', _R),
    ('alias_read_other_after', 'inductor_graph', 'static', _EQ),
    ('alias_read_other_after', 'inductor_graph', 'batch', _EQ),
    ('alias_read_other_after', 'torchair_like', 'static', _EQ),
    ('alias_read_other_after', 'torchair_like', 'batch', _EQ),
    ('alias_read_other_before', 'inductor_graph', 'static', _EQ),
    ('alias_read_other_before', 'inductor_graph', 'batch', _EQ),
    ('alias_read_other_before', 'torchair_like', 'static', _EQ),
    ('alias_read_other_before', 'torchair_like', 'batch', _EQ),
    ('alias_kv_cache_disjoint', 'inductor_graph', 'static', _EQ),
    ('alias_kv_cache_disjoint', 'torchair_like', 'static', _EQ),
    ('alias_kv_cache_overlap', 'inductor_graph', 'static', _EQ),
    ('alias_kv_cache_overlap', 'torchair_like', 'static', _EQ),
    ('mask_slots_nonneg', 'inductor_graph', 'static', _R),
    ('mask_slots_nonneg', 'inductor_graph', 'batch', _R),
    ('mask_slots_nonneg', 'torchair_like', 'static', _R),
    ('mask_slots_nonneg', 'torchair_like', 'batch', _R),
    ('mask_slots_below_last_row', 'inductor_graph', 'static', _R),
    ('mask_slots_below_last_row', 'torchair_like', 'static', _R),
    ('write_twice_shifted', 'inductor_graph', 'static', _EQ),
    ('write_twice_shifted', 'inductor_graph', 'batch', _EQ),
    ('write_twice_shifted', 'torchair_like', 'static', _EQ),
    ('write_twice_shifted', 'torchair_like', 'batch', _EQ),
    ('write_twice_flipped_batch', 'inductor_graph', 'static', _EQ),
    ('write_twice_flipped_batch', 'inductor_graph', 'batch', _EQ),
    ('write_twice_flipped_batch', 'torchair_like', 'static', _EQ),
    ('write_twice_flipped_batch', 'torchair_like', 'batch', _EQ),
    ('bound_alias_read_changed', 'inductor_graph', 'static', _R),
    ('bound_alias_read_changed', 'torchair_like', 'static', _R),
    ('bound_alias_written_in_step', 'inductor_graph', 'static', _R),
    ('bound_alias_written_in_step', 'torchair_like', 'static', _R),
    ('ge_append_hnd_apart', 'inductor_graph', 'static', _EQ),
    ('ge_append_hnd_apart', 'inductor_graph', 'batch', _EQ),
    ('ge_append_hnd_apart', 'torchair_like', 'static', _EQ),
    ('ge_append_hnd_apart', 'torchair_like', 'batch', _EQ),
    ('ge_append_negative_int32', 'inductor_graph', 'static', _EQ),
    ('ge_append_negative_int32', 'inductor_graph', 'batch', _EQ),
    ('ge_append_negative_int32', 'torchair_like', 'static', _EQ),
    ('ge_append_negative_int32', 'torchair_like', 'batch', _EQ),
    ('ge_append_scalar_index', 'inductor_graph', 'static', _R),
    ('ge_append_scalar_index', 'inductor_graph', 'batch', _R),
    ('ge_append_scalar_index', 'torchair_like', 'static', _R),
    ('ge_append_scalar_index', 'torchair_like', 'batch', _R),
    ('ge_append_broadcast_row', 'inductor_graph', 'static', _EQ),
    ('ge_append_broadcast_row', 'inductor_graph', 'batch', _EQ),
    ('ge_append_broadcast_row', 'torchair_like', 'static', _EQ),
    ('ge_append_broadcast_row', 'torchair_like', 'batch', _EQ),
    ('edge_round_to_inf_fp16', 'inductor_graph', 'static', _EQ),
    ('edge_round_to_inf_fp16', 'inductor_graph', 'batch', _EQ),
    ('edge_round_to_inf_fp16', 'torchair_like', 'static', _EQ),
    ('edge_round_to_inf_fp16', 'torchair_like', 'batch', _EQ),
    ('edge_round_to_inf_bf16', 'inductor_graph', 'static', _EQ),
    ('edge_round_to_inf_bf16', 'inductor_graph', 'batch', _EQ),
    ('edge_round_to_inf_bf16', 'torchair_like', 'static', _EQ),
    ('edge_round_to_inf_bf16', 'torchair_like', 'batch', _EQ),
    ('pool_loop_add_alpha_fp32', 'inductor_graph', 'dynamic', _FF),
    ('pool_loop_add_alpha_fp32', 'torchair_like', 'dynamic', _FF),
    ('levels_read_before_write', 'inductor_graph', 'static', _EQ),
    ('levels_read_before_write', 'torchair_like', 'static', _EQ),
    ('levels_read_after_write', 'inductor_graph', 'static', _EQ),
    ('levels_read_after_write', 'torchair_like', 'static', _EQ),
    ('partial_head_mask', 'inductor_graph', 'static', _R),
    ('partial_head_mask', 'inductor_graph', 'batch', _R),
    ('partial_head_mask', 'torchair_like', 'static', _R),
    ('partial_head_mask', 'torchair_like', 'batch', _R),
    ('partial_scatter_head_rolled', 'inductor_graph', 'static', _R),
    ('partial_scatter_head_rolled', 'torchair_like', 'static', _R),
    ('partial_scatter_fewer_columns', 'inductor_graph', 'static', _R),
    ('partial_scatter_fewer_columns', 'inductor_graph', 'batch', _R),
    ('partial_scatter_fewer_columns', 'torchair_like', 'static', _R),
    ('partial_scatter_fewer_columns', 'torchair_like', 'batch', _R),
    ('partial_scatter_control', 'inductor_graph', 'static', _EQ),
    ('partial_scatter_control', 'inductor_graph', 'batch', _EQ),
    ('partial_scatter_control', 'torchair_like', 'static', _EQ),
    ('partial_scatter_control', 'torchair_like', 'batch', _EQ),
    ('out_rows_returned', 'inductor', 'static', _EQ),
    ('out_rows_returned', 'inductor', 'batch', _EQ),
    ('out_rows_returned', 'inductor', 'dynamic', _EQ),
    ('out_old_rows_returned', 'inductor', 'static', _EQ),
    ('out_old_rows_returned', 'inductor', 'batch', _EQ),
    ('out_old_rows_returned', 'inductor', 'dynamic', _EQ),
    ('keep_v_from_k_cache', 'inductor', 'static', _EQ),
    ('model_two_layers_kv', 'inductor', 'static', _CD),
    ('model_two_layers_kv', 'inductor', 'batch', _CD),
    ('model_two_layers_kv', 'inductor', 'dynamic', _CD),
    ('edge_loop_fp32_full_mantissa', 'inductor', 'static', _EQ),
    ('edge_loop_fp32_full_mantissa', 'inductor', 'batch', _EQ),
    ('pool_loop_add_alpha_fp32', 'inductor', 'static', _CD),
    ('pool_loop_add_alpha_fp32', 'inductor', 'batch', _CD),
    ('pool_loop_add_alpha_fp32', 'inductor', 'dynamic', _CD),
    ('pool_loop_add_alpha_fp16', 'inductor', 'static', _EQ),
    ('alias_read_other_before', 'inductor', 'static', _EQ),
    ('alias_read_other_before', 'inductor', 'batch', _EQ),
    ('write_twice_shifted', 'inductor', 'static', _EQ),
    ('write_twice_shifted', 'inductor', 'batch', _EQ),
    ('levels_read_before_write', 'inductor', 'static', _EQ),
    ('levels_read_after_write', 'inductor', 'static', _EQ),
    ('model_two_layers_exact_attention', 'inductor_graph', 'static', _EQ),
    ('model_two_layers_exact_attention', 'inductor_graph', 'batch', _EQ),
    ('model_two_layers_exact_attention', 'inductor_graph', 'dynamic', _EQ),
    ('model_two_layers_exact_attention', 'torchair_like', 'static', _EQ),
    ('model_two_layers_exact_attention', 'torchair_like', 'batch', _EQ),
    ('model_two_layers_exact_attention', 'torchair_like', 'dynamic', _EQ),
    ('model_four_layers_exact_attention', 'inductor_graph', 'static', _FF),
    ('model_four_layers_exact_attention', 'torchair_like', 'static', _FF),
    ('model_four_layers_exact_loop', 'torchair_like', 'static', _EQ),
    ('model_four_layers_exact_loop', 'torchair_like', 'batch', _EQ),
    ('model_four_layers_exact_loop', 'torchair_like', 'dynamic', _R),
    ('model_four_layers_exact_loop', 'inductor_graph', 'static', _EQ),
    ('model_four_layers_exact_loop', 'inductor_graph', 'batch', _EQ),
    ('model_four_layers_exact_loop', 'inductor_graph', 'dynamic', _R),
    ('out_rows_returned', 'vllm_post', 'static', _EQ),
    ('out_new_fp32_returned', 'vllm_post', 'static', _EQ),
    ('out_new_rounded_returned', 'vllm_post', 'static', _EQ),
    ('out_old_rows_returned', 'vllm_post', 'static', _EQ),
    ('out_valid_returned', 'vllm_post', 'static', _EQ),
    ('out_tokens_reused', 'vllm_post', 'static', _EQ),
    ('out_read_after_write', 'vllm_post', 'static', _EQ),
    ('out_cache_views_returned', 'vllm_post', 'static', _EQ),
    ('out_new_plus_old', 'vllm_post', 'static', _EQ),
    ('keep_v_from_k_cache', 'vllm_post', 'static', _EQ),
    ('keep_two_caches_old_rows_returned', 'vllm_post', 'static', _EQ),
    ('model_two_layers_kv', 'vllm_post', 'static', _EQ),
    ('model_two_layers_shared_cache', 'vllm_post', 'static', _EQ),
    ('model_four_layers_kv', 'vllm_post', 'static', _EQ),
    ('alias_read_other_after', 'vllm_post', 'static', _EQ),
    ('alias_read_other_before', 'vllm_post', 'static', _EQ),
    ('alias_kv_cache_disjoint', 'vllm_post', 'static', _EQ),
    ('alias_kv_cache_overlap', 'vllm_post', 'static', _EQ),
    ('alias_keep_from_shifted_view', 'vllm_post', 'static', _R),
    ('alias_keep_from_same_view', 'vllm_post', 'static', _R),
    ('bound_alias_read_changed', 'bound_ig', 'static', _EQ),
    ('bound_alias_read_changed', 'bound_ta', 'static', _EQ),
    ('bound_alias_read_changed', 'inductor', 'static', _EQ),
    ('bound_alias_written_in_step', 'bound_ig', 'static', _R),
    ('bound_alias_written_in_step', 'bound_ta', 'static', _R),
    ('bound_alias_written_in_step', 'inductor', 'static', _R),
    ('pool_loop_add_alpha_fp32', 'torchair', 'static', _CD),
    ('pool_loop_add_alpha_fp16', 'torchair', 'static', _EQ),
    ('model_two_layers_shared_cache', 'inductor', 'static', _CD),
    ('model_four_layers_kv', 'inductor', 'static', _FF),
    ('model_two_layers_exact_attention', 'inductor', 'static', _FF),
    ('model_four_layers_exact_attention', 'inductor', 'static', _CD),
    ('model_four_layers_exact_loop', 'inductor', 'static', _FF),
    ('alias_kv_cache_disjoint', 'inductor', 'static', _EQ),
    ('alias_kv_cache_overlap', 'inductor', 'static', _EQ),
    ('edge_loop_bf16_full_mantissa', 'triton_interp', 'static', _EQ),
    ('edge_loop_fp32_d13', 'triton_interp', 'static', _EQ),
    ('edge_padding_minus_one', 'triton_interp', 'static', _EQ),
    ('edge_cache_dims_transposed', 'triton_interp', 'static', _EQ),
    ('edge_b1_capacity', 'triton_interp', 'static', _EQ),
    ('edge_round_to_inf_bf16', 'triton_interp', 'static', _EQ),
]
if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
