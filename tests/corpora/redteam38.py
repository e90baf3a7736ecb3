"""Thirty-eighth adversarial review of the recogniser (round 38; reviewer focus: the newest rules of commits
33c6827..9846f76 -- the matrix-product rule (pooling._check_exact_arithmetic / _lowered_as_mul_sum), the arithmetic slot
wrap (exactness._python_wrap), sizes reaching values through ops the size tables do not list (split_with_sizes,
slice/select_scatter, interpolate, adaptive pooling, unfold, narrow_copy, masked_select, nonzero, stack / cat / where /
broadcast of X-expanded static data read flat)).

Same format as redteam25 / redteam37: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7``.  Every factory sets the process-wide fp32 matmul precision it needs (``_mkp`` / ``_mkm``:
"highest" / oneDNN "ieee" unless the attack names another), so themes may share a process.

    cd /tmp/base39 && PYTHONPATH=/tmp/base39 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam38.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base39 = 9846f76, 13:36-13:54 UTC 2026-12-05, run niced): 90 attacks in
6 themes (mp_ 20, mx_ 6, mc_ 6, sz_ 46, wr_ 8, wr2_ 4 -- sz_ = 23 spellings x {batch, pages}), 181 runs per graph dialect:

    inductor_graph  181 runs: 64 FALSE FUSION / 0 CRASH / 51 fused & equal / 61 refused / 3 CONTROL DIFFERS / 2 CONTROL CRASHES TOO
    torchair_like   181 runs: 67 FALSE FUSION / 0 CRASH / 50 fused & equal / 62 refused / 2 CONTROL CRASHES TOO
    inductor (real codegen; mp_, mx_, mc_, wr_, wr2_ in every mode): 112 runs: 55 FALSE FUSION / 12 CONTROL DIFFERS /
              34 fused & equal / 11 refused

Per theme, inductor_graph | torchair_like | inductor: mp_ 24 FF 16 EQ | 24 FF 16 EQ | 15 FF 9 CD 16 EQ; mx_ 4 FF 3 CD 11 R |
7 FF 11 R | 4 FF 3 CD 11 R; mc_ 6 FF 12 EQ (all three); sz_ 17 EQ 50 R 2 CCT | 16 EQ 51 R 2 CCT | -; wr_ 18 FF 6 EQ (all
three); wr2_ 12 FF (all three).  Method notes: the first inductor_graph / inductor runs of mp_mm_diag_fp16, mp_mul_sum_fp16
(static) and of wr_* printed to the terminal (same results as the logged runs, transcribed into ``_FIRST``); two wr_
controls first written with a flag of int64 / int32 ran on INVALID inputs (the written row's slot was S - 1, the padding
row's -1 aliased it: FALSE FUSION, not a finding) and were replaced by wr_long_ctl / wr_int32_ctl on the int8 attack's
inputs before any other run; they are left out of ``_FIRST``.  The sz_ / mx_ "CONTROL CRASHES TOO" are mark_dynamic
constraint violations (the spelling specializes the batch).  Graph-dialect FALSE FUSIONs of one-output-column products
(mp_einsum / matmul / bmm, mx_mv) are CONTROL DIFFERS in real codegen (Inductor lowers them as mul + sum), not counted.

FOUND (/work/briefs/redteam38_findings.md):

* F1 FALSE FUSION (mp_{mm_diag, einsum_diag, linear_diag, tensordot_diag, mm_heads_loop}_fp16, mx_{bmm_two_cols,
  matmul_4d_two_cols, einsum_two_cols}_fp16, mc_{mm_diag, linear_diag}_mm_bf16; both graph dialects and REAL Inductor
  codegen, control equal to eager): fp16 data (valid, full 11-bit mantissas) pooled by a matrix product while
  ``torch.set_float32_matmul_precision("medium")`` (or ``torch.backends.mkldnn.matmul.fp32_precision = "bf16"``) is set:
  on this CPU (amx_bf16 / avx512_bf16) oneDNN then runs fp32 matmuls with bf16 inputs, so eager and plain Inductor's
  extern mm round the tokens to bf16 and the fused op does not.  Corpus inputs: 464 cache values differ; repro: 231 of
  512; realistic sizes without the small-step override, 29314 of 65536 (repro ``mm_diag static big``).  Rule: pooling.PoolingProof.
  _check_exact_arithmetic accepts every contraction for fp16 tokens ("products exact in fp32") and never consults
  torch.get_float32_matmul_precision() / torch.backends.mkldnn.matmul.fp32_precision.  Precision "high" and oneDNN conv
  precision bf16 (mc_*_conv_bf16, mp_conv1d_*): fused & equal (no change on this CPU / for this conv path).
  Repro: /work/briefs/redteam38_repro.py [mm_diag|einsum_diag|linear_diag|mul_sum] [static|dynamic] [highest] [big].
* F2 FALSE FUSION (wr_int8, wr_uint8, wr_int16, wr_int8_bool_first, wr_int8_mul_rev, wr_int8_big, wr2_char, wr2_byte_lt,
  wr2_int8_mul_fn, wr2_int8_size; every mode, both graph dialects and REAL Inductor codegen, control equal): the padding
  slot wrapped in arithmetic with a NARROW flag, ``x + (x < 0).to(torch.int8) * S``: the product stays int8 and wraps
  (1 * 200 = -56; uint8 1 * 300 = 44; int16 1 * 40000 = -25536), so slot -1 (valid padding: row S - 1 is nobody's) names
  row S - 57 (43, 14463), which a completing row earlier in the batch writes; eager's where-keep write puts that row's old
  value back, the fused op writes nothing for the padding row.  Rule: exactness._negative_times (via _python_wrap)
  strips every cast of the flag without checking that the cast's dtype holds S (docs/soundness.md only claims the
  ``.long()`` spelling).  Controls wr_long_ctl / wr_int32_ctl (same inputs, int64 / int32 flag): fused & equal.
  Repro: /work/briefs/redteam38_repro_wrap.py [int8|uint8|int16|long] [static|dynamic].

Not found (equal, guarded or refused; the idea each tried):

* sz_ (a size X -- the batch under mark_dynamic / dynamic=True, the table width under dynamic=True -- reaching a value
  through split_with_sizes (the second part starts at X), tensor_split, slice_scatter / z[:X] = 1, select_scatter /
  z[X] = 1, F.interpolate nearest / linear to X entries, adaptive_avg_pool1d into X bins, narrow_copy at X, unfold of an
  X-expand and with step X, a transposed X-outer expand made contiguous and flattened, stack / cat along the inner dim
  of an X-expand, where / broadcast-add / clone of an X-expand read flat, masked_select, nonzero of a cat with an
  X-expand): the batch refused (size_values / _sizes_picked / _sizes_reduced / the size-modular offset rule /
  the int-to-float cast rule / an internal KeyError u0 on unbacked sizes, reported as refused) except sz_batch_adaptive_pool / sz_batch_unfold_step_sym under
  dynamic=True (fused, guarded: equal); the table width fused but guarded (a second compile at the new width: equal)
  or refused.
* mx_ addmm (zeros + x @ w) and baddbmm: refused by the gather rule ("new row b may depend on other rows"); the [..., 0]
  column select of a two-column product under mark_dynamic / dynamic: refused by the sizes rule.
* mc_ oneDNN conv fp32_precision bf16: the depthwise conv1d and the mm spellings fused & equal.
* F1's repro under torch.autocast("cpu", dtype=torch.bfloat16) instead of the precision setting (standalone,
  /tmp/rt38/autocast_repro.py, 13:56 UTC): mm_diag refused (autocast's bf16 casts are in the graph), mul_sum fused & equal.
* Read but not attacked for lack of time (reasoned sound): roles._per_row_page (the probes substitute random tables for
  the [B, 1] iota node, which is a valid table at run time wherever the user's gather is in range); check_flat_slots'
  symbolic M (pinned by size_values); mask._number reading a cast constant uncast (abs of the uncast value bounds the
  mask check; a uint8 cast can only move a threshold below the bound, where the check evaluates the real graph).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base39, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam34 import _SIZES, _sv_inputs  # noqa: E402
from tests.corpora.redteam36 import _leak_step, _BIG  # noqa: E402
from tests.corpora.redteam37 import _fm, _two_calls32  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")


def _mkp(step, inputs, modes=("static",), precision="highest"):
    """redteam2._mk, and the process-wide fp32 matmul precision set for this attack (every attack sets its own:
    "highest" is torch's default)."""
    def make():
        torch.set_float32_matmul_precision(precision)
        torch.backends.mkldnn.conv.fp32_precision = "ieee"
        return step, inputs(), modes
    return make


ATTACKS = []

# --- theme 1 (mp_): fp16 data pooled by a matrix product while torch.set_float32_matmul_precision("medium") ----------
# pooling._check_exact_arithmetic accepts every contraction for fp16 tokens (products exact in fp32).  With precision
# "medium" the CPU's oneDNN runs fp32 matmuls in bf16 (AMX / avx512_bf16 here): eager's and plain Inductor's extern mm
# round the fp16 tokens to bf16; the fused op does not.
for _k in ("mm_diag", "einsum_diag", "linear_diag", "tensordot_diag", "conv1d", "mm_heads_loop", "einsum", "matmul",
           "bmm", "mul_sum"):
    ATTACKS.append((f"mp_{_k}_fp16", _mkp(_fm(_k), _two_calls32(dtype=torch.float16), MODES3, "medium"),
                    f"fp16 full-mantissa data, {_k}, float32_matmul_precision medium"))
    ATTACKS.append((f"mp_{_k}_fp16_high", _mkp(_fm(_k), _two_calls32(dtype=torch.float16), ("static",), "high"),
                    f"fp16 full-mantissa data, {_k}, float32_matmul_precision high"))


# --- theme 2 (sz_): a size X reaching values through ops the size tables do not list ---------------------------------
# redteam36's harness: rare = f(X) >= thr, then where(rare, other, contract); compiled below thr, called above.
def _sz(sp, which):
    def rare_fn(X, thr, lens, table, kv):
        a = torch.arange(_BIG)
        k = torch.tensor([thr])
        if sp == "split_sizes_first":  # the second part of split_with_sizes starts at element X
            v = torch.split(a, [X, _BIG - X])[1][0]
        elif sp == "split_sizes_take":
            v = torch.split(a, [X, _BIG - X])[1][:1]
        elif sp == "split_sizes_len_sum":  # ones in the first part
            v = torch.split(torch.ones(_BIG, dtype=torch.long), [X, _BIG - X])[0].sum()
        elif sp == "tensor_split_first":
            v = torch.tensor_split(a, [X])[1][0]
        elif sp == "slice_scatter_take":
            z = torch.zeros(_BIG, dtype=torch.long)
            v = torch.take(z.slice_scatter(torch.ones(1, dtype=torch.long).expand(X), 0, 0, X), k) * 1000
        elif sp == "slice_scatter_sum":
            z = torch.zeros(_BIG, dtype=torch.long)
            v = z.slice_scatter(torch.ones(1, dtype=torch.long).expand(X), 0, 0, X).sum()
        elif sp == "setslice_take":  # z[:X] = 1 in place
            z = torch.zeros(_BIG, dtype=torch.long)
            z[:X] = 1
            v = torch.take(z, k) * 1000
        elif sp == "select_scatter_take":
            z = torch.zeros(_BIG, dtype=torch.long)
            v = z.select_scatter(torch.tensor(1000), 0, X)[torch.tensor([0])] + torch.take(
                z.select_scatter(torch.tensor(1000), 0, X), torch.tensor([thr + 1]))
            v = v * 0 + (torch.take(z.select_scatter(torch.tensor(1), 0, X), a[thr + 1:thr + 2]) == 0).long() * 0 + \
                z.select_scatter(torch.tensor(1), 0, X)[: thr + 1].sum() * 0 + \
                (z.select_scatter(torch.tensor(1), 0, X)[thr + 1:].sum()) * 1000
        elif sp == "setitem_sym_take":  # z[X] = 1 in place; reads whether it landed past thr
            z = torch.zeros(_BIG, dtype=torch.long)
            z[X] = 1
            v = z[thr + 1:].sum() * 1000
        elif sp == "interp_nearest":  # upsampling static data to X entries
            src = torch.arange(8, dtype=torch.float32)[None, None]
            v = F.interpolate(src, size=X, mode="nearest")[0, 0, 1].long() * 1000
        elif sp == "interp_linear":
            src = torch.arange(2, dtype=torch.float32)[None, None]
            v = (F.interpolate(src, size=X, mode="linear", align_corners=True)[0, 0, 1] * 1000 < 1000 / (thr - 1)).long() * 1000
        elif sp == "adaptive_pool":  # adaptive average pooling of static data into X bins
            src = torch.arange(_BIG, dtype=torch.float32)[None, None]
            v = (F.adaptive_avg_pool1d(src, X)[0, 0, 0] < _BIG / (2 * thr)).long() * 1000
        elif sp == "narrow_copy_first":
            v = a.narrow_copy(0, X, 1)[0]
        elif sp == "unfold_expand_take":  # unfold (size 1, step 1) of an X-expanded static tensor, read flat
            v = torch.take(a[:, None].expand(_BIG, X).unfold(1, 1, 1), k)
        elif sp == "unfold_step_sym":
            v = a.unfold(0, 1, X)[1, 0]
        elif sp == "expand_unsafe_view_index":  # _unsafe_view spelled through matmul's reshape: ones @ expand
            v = (a[:, None].expand(_BIG, X).float().reshape(-1)[k]).long()
        elif sp == "view_as_strided_inner":  # [X, BIG] with X outer (safe) then transposed and flattened contiguous
            v = a[None].expand(X, _BIG).t().contiguous().view(-1)[k]
        elif sp == "stack_expand_take":  # stack of two X-expanded parts along dim 1: element k is (k // 2) // X
            e = a[:, None].expand(_BIG, X)
            v = torch.take(torch.stack([e, e], 2), k)
        elif sp == "cat_dim1_take":  # cat of X-expanded parts along the INNER dim (parts' boundary is X)
            e = a[:, None].expand(_BIG, X)
            v = torch.take(torch.cat([e, e], 1), k)
        elif sp == "repeat_outer_take":  # repeat (X, 1) of a [1, BIG]: X outer -> element k is k % BIG (control)
            v = torch.take(a[None].repeat(X, 1), k)
        elif sp == "where_expand_take":  # where() broadcasting an X-expanded operand, read flat
            e = a[:, None].expand(_BIG, X)
            v = torch.take(torch.where(e >= 0, e, e), k)
        elif sp == "add_bcast_reshape_index":  # broadcast add creates [BIG, X] (no expand node), reshape
            v = (a[:, None] + torch.zeros(X, dtype=torch.long)[None, :] * 0).reshape(-1)[k]
        elif sp == "clone_expand_take":
            v = torch.take(a[:, None].expand(_BIG, X).clone(), k)
        elif sp == "masked_select":
            e = a[:, None].expand(_BIG, X)
            v = torch.masked_select(e, e >= 0)[k]
        elif sp == "nonzero_expand":
            e = torch.ones(1, dtype=torch.long).expand(X)
            v = torch.nonzero(torch.cat([e, torch.zeros(_BIG, dtype=torch.long)]) == 0)[0, 0]
        elif sp == "pixel_unshuffle":
            e = a[:, None].expand(_BIG, X).float()[None, None]
            v = torch.take(F.pixel_unshuffle(e[..., :64, :], 1), k).long()
        else:
            raise AssertionError(sp)
        return (v >= thr).reshape(())
    return rare_fn


_SZ = ("split_sizes_first", "split_sizes_take", "split_sizes_len_sum", "tensor_split_first", "slice_scatter_take",
       "slice_scatter_sum", "setslice_take", "setitem_sym_take", "interp_nearest", "interp_linear", "adaptive_pool",
       "narrow_copy_first", "unfold_expand_take", "unfold_step_sym", "view_as_strided_inner", "stack_expand_take",
       "cat_dim1_take", "repeat_outer_take", "where_expand_take", "add_bcast_reshape_index", "clone_expand_take",
       "masked_select", "nonzero_expand")
for _which in ("batch", "pages"):
    _thr, _first, _later, _modes = _SIZES[_which]
    for _sp in _SZ:
        ATTACKS.append((f"sz_{_which}_{_sp}", _mkp(_leak_step(_sz(_sp, _which), _which, _thr), _sv_inputs(_first, _later),
                                                   _modes),
                        f"{_which} reaches a value via {_sp}; leak at > {_thr}"))


# --- theme 3 (wr_): the arithmetic Python wrap of padding slots, x + (x < 0).to(NARROW) * S -------------------------
# exactness._negative_times looks through ANY cast of the flag (x < 0): an int8 / uint8 / int16 flag times the number
# of cache rows S stays in that dtype and wraps (int8: 1 * 200 = -56), so the padding slot -1 becomes -57 (row S - 57),
# not S - 1.  Valid input: slot -1 on a row that writes nothing; row S - 57 is a completing row's slot, written FIRST;
# eager's where-keep write then puts row S - 57's OLD value back (the padding row comes later), the op writes nothing
# for the padding row.
_WR = {"int8": (torch.int8, 200), "uint8": (torch.uint8, 300), "int16": (torch.int16, 40000),
       "int8_bool_first": (torch.int8, 200), "int8_mul_rev": (torch.int8, 200), "int8_big": (torch.int8, 456),
       "long_ctl": (torch.int64, 200), "int32_ctl": (torch.int32, 200)}
# (controls: the int64 / int32 flag, on the int8 attack's inputs, row S - 57 written and the padding row on -1 -> S - 1)


def _wrapped(dt, S):
    return (torch.tensor([-1]) + (torch.tensor([-1]) < 0).to(dt) * S).item() % S


def _wr_inputs(kind, seed=0, B=40, dtype=torch.float16):
    dt, S = _WR[kind]
    if kind.endswith("_ctl"):
        dt = torch.int8
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, num_slots=S, dtype=dtype).args
    q = completes(lens)
    wr = int(q.nonzero()[0])
    pad = int((~q).nonzero()[-1])
    assert wr < pad, (wr, pad)
    target = _wrapped(dt, S)
    g = torch.Generator().manual_seed(seed + 5)
    free = [r for r in torch.randperm(S, generator=g).tolist() if r not in (target, S - 1)][:B]
    sl = torch.tensor(free)
    sl[wr] = target
    sl[pad] = -1
    return [kv, w, sl.to(slots.dtype), table, lens, cache]


def _wr_calls(kind, n=2):
    return lambda: [_wr_inputs(kind, seed=k, B=40 - 16 * k) for k in range(n)]


def _wr(kind):
    dt, _ = _WR[kind]

    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        x = slots.long()
        if kind == "int8_mul_rev":
            s2 = x + S * (x < 0).to(dt)
        elif kind == "int8_bool_first":
            s2 = (x < 0).to(dt) * S + x
        else:
            s2 = x + (x < 0).to(dt) * S
        return write(cache, s2, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


for _k in _WR:
    ATTACKS.append((f"wr_{_k}", _mkp(_wr(_k), _wr_calls(_k), MODES3),
                    f"padding slot -1 wrapped by x + (x < 0).to({_WR[_k][0]}) * S, S = {_WR[_k][1]}: the flag product wraps"))


# --- theme 4 (mc_): oneDNN fp32 precision for convolutions / matmuls set through torch.backends.mkldnn ---------------
def _mkm(step, inputs, modes, conv=None, matmul=None):
    def make():
        torch.set_float32_matmul_precision("highest")
        if conv is not None:
            torch.backends.mkldnn.conv.fp32_precision = conv
        if matmul is not None:
            torch.backends.mkldnn.matmul.fp32_precision = matmul
        return step, inputs(), modes
    return make


for _k in ("conv1d", "mm_diag", "linear_diag"):
    ATTACKS.append((f"mc_{_k}_conv_bf16", _mkm(_fm(_k), _two_calls32(dtype=torch.float16), MODES3, conv="bf16",
                                               matmul="ieee"),
                    f"fp16 data, {_k}, torch.backends.mkldnn.conv.fp32_precision = bf16"))
    ATTACKS.append((f"mc_{_k}_mm_bf16", _mkm(_fm(_k), _two_calls32(dtype=torch.float16), MODES3, conv="ieee",
                                             matmul="bf16"),
                    f"fp16 data, {_k}, torch.backends.mkldnn.matmul.fp32_precision = bf16"))


# --- theme 1b (mx_): more contraction spellings of fp16 pooling under float32_matmul_precision("medium") --------------
def _mx(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        wf = w.float()
        B, l, N, D = tok.shape
        x = tok.permute(0, 3, 2, 1).reshape(B * D * N, l)
        if kind == "addmm_diag":  # zeros + x @ w
            y = torch.addmm(torch.zeros(B * D * N, N), x, wf)
            new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        elif kind == "baddbmm_heads":  # per head: [N, B*D, l] @ [N, l, 2] (two columns: w and 0), column 0 kept
            xh = tok.permute(2, 0, 3, 1).reshape(N, B * D, l)
            wh = torch.stack([wf.t(), torch.zeros_like(wf.t())], 2)  # [N, l, 2]
            y = torch.baddbmm(torch.zeros(N, B * D, 2), xh, wh)[..., 0]
            new = y.reshape(N, B, D).permute(1, 0, 2)
        elif kind == "bmm_two_cols":  # the same with bmm
            xh = tok.permute(2, 0, 3, 1).reshape(N, B * D, l)
            wh = torch.stack([wf.t(), torch.zeros_like(wf.t())], 2)
            new = torch.bmm(xh, wh)[..., 0].reshape(N, B, D).permute(1, 0, 2)
        elif kind == "mv_heads":  # one mv per head
            outs = [torch.mv(tok[:, :, h].permute(0, 2, 1).reshape(B * D, l), wf[:, h]).view(B, D) for h in range(N)]
            new = torch.stack(outs, 1)
        elif kind == "matmul_4d_two_cols":
            wh = torch.stack([wf.t(), torch.zeros_like(wf.t())], 2)  # [N, l, 2]
            new = (tok.permute(0, 2, 3, 1) @ wh)[..., 0]
        elif kind == "einsum_two_cols":
            wh = torch.stack([wf, torch.zeros_like(wf)], 2)  # [l, N, 2]
            new = torch.einsum("bjhd,jhk->bhdk", tok, wh)[..., 0]
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


for _k in ("addmm_diag", "baddbmm_heads", "bmm_two_cols", "mv_heads", "matmul_4d_two_cols", "einsum_two_cols"):
    ATTACKS.append((f"mx_{_k}_fp16", _mkp(_mx(_k), _two_calls32(dtype=torch.float16), MODES3, "medium"),
                    f"fp16 full-mantissa data, {_k}, float32_matmul_precision medium"))

# more flag spellings for wr_ (F2)
def _wr2(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        x = slots.long()
        if kind == "char":
            s2 = x + (x < 0).char() * S
        elif kind == "byte_lt":
            s2 = x + torch.lt(x, 0).byte() * S
        elif kind == "int8_mul_fn":
            s2 = torch.add(x, torch.mul(torch.lt(x, 0).to(torch.int8), S))
        elif kind == "int8_size":
            s2 = x + (x < 0).to(torch.int8) * cache.size(0)
        else:
            raise AssertionError(kind)
        return write(cache, s2, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


for _k, _base in (("char", "int8"), ("byte_lt", "uint8"), ("int8_mul_fn", "int8"), ("int8_size", "int8")):
    ATTACKS.append((f"wr2_{_k}", _mkp(_wr2(_k), _wr_calls(_base), MODES3), f"F2 spelling {_k}"))

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT = "CONTROL DIFFERS", "CONTROL CRASHES TOO"
_FIRST = [
    ('mp_mm_diag_fp16', 'inductor_graph', 'static', _FF),
    ('mp_mm_diag_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_mm_diag_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_mm_diag_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_einsum_diag_fp16', 'inductor_graph', 'static', _FF),
    ('mp_einsum_diag_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_einsum_diag_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_einsum_diag_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_linear_diag_fp16', 'inductor_graph', 'static', _FF),
    ('mp_linear_diag_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_linear_diag_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_linear_diag_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_tensordot_diag_fp16', 'inductor_graph', 'static', _FF),
    ('mp_tensordot_diag_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_tensordot_diag_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_tensordot_diag_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_conv1d_fp16', 'inductor_graph', 'static', _EQ),
    ('mp_conv1d_fp16', 'inductor_graph', 'batch', _EQ),
    ('mp_conv1d_fp16', 'inductor_graph', 'dynamic', _EQ),
    ('mp_conv1d_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_mm_heads_loop_fp16', 'inductor_graph', 'static', _FF),
    ('mp_mm_heads_loop_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_mm_heads_loop_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_mm_heads_loop_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_einsum_fp16', 'inductor_graph', 'static', _FF),
    ('mp_einsum_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_einsum_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_einsum_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_matmul_fp16', 'inductor_graph', 'static', _FF),
    ('mp_matmul_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_matmul_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_matmul_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_bmm_fp16', 'inductor_graph', 'static', _FF),
    ('mp_bmm_fp16', 'inductor_graph', 'batch', _FF),
    ('mp_bmm_fp16', 'inductor_graph', 'dynamic', _FF),
    ('mp_bmm_fp16_high', 'inductor_graph', 'static', _EQ),
    ('mp_mul_sum_fp16', 'inductor_graph', 'static', _EQ),
    ('mp_mul_sum_fp16', 'inductor_graph', 'batch', _EQ),
    ('mp_mul_sum_fp16', 'inductor_graph', 'dynamic', _EQ),
    ('mp_mul_sum_fp16_high', 'inductor_graph', 'static', _EQ),
    ('sz_batch_split_sizes_first', 'inductor_graph', 'batch', _R),
    ('sz_batch_split_sizes_first', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_split_sizes_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_split_sizes_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_split_sizes_len_sum', 'inductor_graph', 'batch', _R),
    ('sz_batch_split_sizes_len_sum', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_tensor_split_first', 'inductor_graph', 'batch', _R),
    ('sz_batch_tensor_split_first', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_slice_scatter_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_slice_scatter_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_slice_scatter_sum', 'inductor_graph', 'batch', _R),
    ('sz_batch_slice_scatter_sum', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_setslice_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_setslice_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_setitem_sym_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_setitem_sym_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_interp_nearest', 'inductor_graph', 'batch', _R),
    ('sz_batch_interp_nearest', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_interp_linear', 'inductor_graph', 'batch', _R),
    ('sz_batch_interp_linear', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_adaptive_pool', 'inductor_graph', 'batch', _CCT),
    ('sz_batch_adaptive_pool', 'inductor_graph', 'dynamic', _EQ),
    ('sz_batch_narrow_copy_first', 'inductor_graph', 'batch', _R),
    ('sz_batch_narrow_copy_first', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_unfold_expand_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_unfold_expand_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_unfold_step_sym', 'inductor_graph', 'batch', _CCT),
    ('sz_batch_unfold_step_sym', 'inductor_graph', 'dynamic', _EQ),
    ('sz_batch_view_as_strided_inner', 'inductor_graph', 'batch', _R),
    ('sz_batch_view_as_strided_inner', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_stack_expand_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_stack_expand_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_cat_dim1_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_cat_dim1_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_repeat_outer_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_repeat_outer_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_where_expand_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_where_expand_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_add_bcast_reshape_index', 'inductor_graph', 'batch', _R),
    ('sz_batch_add_bcast_reshape_index', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_clone_expand_take', 'inductor_graph', 'batch', _R),
    ('sz_batch_clone_expand_take', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_masked_select', 'inductor_graph', 'batch', _R),
    ('sz_batch_masked_select', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_nonzero_expand', 'inductor_graph', 'batch', _R),
    ('sz_batch_nonzero_expand', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_split_sizes_first', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_split_sizes_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_split_sizes_len_sum', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_tensor_split_first', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_slice_scatter_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_slice_scatter_sum', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_setslice_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_setitem_sym_take', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_interp_nearest', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_interp_linear', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_adaptive_pool', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_narrow_copy_first', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_unfold_expand_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_unfold_step_sym', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_view_as_strided_inner', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_stack_expand_take', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_cat_dim1_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_repeat_outer_take', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_where_expand_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_add_bcast_reshape_index', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_clone_expand_take', 'inductor_graph', 'dynamic', _EQ),
    ('sz_pages_masked_select', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_nonzero_expand', 'inductor_graph', 'dynamic', _R),
    ('wr_int8', 'inductor_graph', 'static', _FF),
    ('wr_int8', 'inductor_graph', 'batch', _FF),
    ('wr_int8', 'inductor_graph', 'dynamic', _FF),
    ('wr_uint8', 'inductor_graph', 'static', _FF),
    ('wr_uint8', 'inductor_graph', 'batch', _FF),
    ('wr_uint8', 'inductor_graph', 'dynamic', _FF),
    ('wr_int16', 'inductor_graph', 'static', _FF),
    ('wr_int16', 'inductor_graph', 'batch', _FF),
    ('wr_int16', 'inductor_graph', 'dynamic', _FF),
    ('wr_int8_bool_first', 'inductor_graph', 'static', _FF),
    ('wr_int8_bool_first', 'inductor_graph', 'batch', _FF),
    ('wr_int8_bool_first', 'inductor_graph', 'dynamic', _FF),
    ('wr_int8_mul_rev', 'inductor_graph', 'static', _FF),
    ('wr_int8_mul_rev', 'inductor_graph', 'batch', _FF),
    ('wr_int8_mul_rev', 'inductor_graph', 'dynamic', _FF),
    ('wr_int8_big', 'inductor_graph', 'static', _FF),
    ('wr_int8_big', 'inductor_graph', 'batch', _FF),
    ('wr_int8_big', 'inductor_graph', 'dynamic', _FF),
    ('mc_conv1d_conv_bf16', 'inductor_graph', 'static', _EQ),
    ('mc_conv1d_conv_bf16', 'inductor_graph', 'batch', _EQ),
    ('mc_conv1d_conv_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('mc_conv1d_mm_bf16', 'inductor_graph', 'static', _EQ),
    ('mc_conv1d_mm_bf16', 'inductor_graph', 'batch', _EQ),
    ('mc_conv1d_mm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('mc_mm_diag_conv_bf16', 'inductor_graph', 'static', _EQ),
    ('mc_mm_diag_conv_bf16', 'inductor_graph', 'batch', _EQ),
    ('mc_mm_diag_conv_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('mc_mm_diag_mm_bf16', 'inductor_graph', 'static', _FF),
    ('mc_mm_diag_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('mc_mm_diag_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('mc_linear_diag_conv_bf16', 'inductor_graph', 'static', _EQ),
    ('mc_linear_diag_conv_bf16', 'inductor_graph', 'batch', _EQ),
    ('mc_linear_diag_conv_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('mc_linear_diag_mm_bf16', 'inductor_graph', 'static', _FF),
    ('mc_linear_diag_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('mc_linear_diag_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('wr_long_ctl', 'inductor_graph', 'static', _EQ),
    ('wr_long_ctl', 'inductor_graph', 'batch', _EQ),
    ('wr_long_ctl', 'inductor_graph', 'dynamic', _EQ),
    ('wr_int32_ctl', 'inductor_graph', 'static', _EQ),
    ('wr_int32_ctl', 'inductor_graph', 'batch', _EQ),
    ('wr_int32_ctl', 'inductor_graph', 'dynamic', _EQ),
    ('mx_addmm_diag_fp16', 'inductor_graph', 'static', _R),
    ('mx_addmm_diag_fp16', 'inductor_graph', 'batch', _R),
    ('mx_addmm_diag_fp16', 'inductor_graph', 'dynamic', _R),
    ('mx_baddbmm_heads_fp16', 'inductor_graph', 'static', _R),
    ('mx_baddbmm_heads_fp16', 'inductor_graph', 'batch', _R),
    ('mx_baddbmm_heads_fp16', 'inductor_graph', 'dynamic', _R),
    ('mx_bmm_two_cols_fp16', 'inductor_graph', 'static', _FF),
    ('mx_bmm_two_cols_fp16', 'inductor_graph', 'batch', _R),
    ('mx_bmm_two_cols_fp16', 'inductor_graph', 'dynamic', _R),
    ('mx_mv_heads_fp16', 'inductor_graph', 'static', _CD),
    ('mx_mv_heads_fp16', 'inductor_graph', 'batch', _CD),
    ('mx_mv_heads_fp16', 'inductor_graph', 'dynamic', _CD),
    ('mx_matmul_4d_two_cols_fp16', 'inductor_graph', 'static', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'inductor_graph', 'batch', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'inductor_graph', 'dynamic', _R),
    ('mx_einsum_two_cols_fp16', 'inductor_graph', 'static', _FF),
    ('mx_einsum_two_cols_fp16', 'inductor_graph', 'batch', _R),
    ('mx_einsum_two_cols_fp16', 'inductor_graph', 'dynamic', _R),
    ('wr2_char', 'inductor_graph', 'static', _FF),
    ('wr2_char', 'inductor_graph', 'batch', _FF),
    ('wr2_char', 'inductor_graph', 'dynamic', _FF),
    ('wr2_byte_lt', 'inductor_graph', 'static', _FF),
    ('wr2_byte_lt', 'inductor_graph', 'batch', _FF),
    ('wr2_byte_lt', 'inductor_graph', 'dynamic', _FF),
    ('wr2_int8_mul_fn', 'inductor_graph', 'static', _FF),
    ('wr2_int8_mul_fn', 'inductor_graph', 'batch', _FF),
    ('wr2_int8_mul_fn', 'inductor_graph', 'dynamic', _FF),
    ('wr2_int8_size', 'inductor_graph', 'static', _FF),
    ('wr2_int8_size', 'inductor_graph', 'batch', _FF),
    ('wr2_int8_size', 'inductor_graph', 'dynamic', _FF),
    ('mp_mm_diag_fp16', 'torchair_like', 'static', _FF),
    ('mp_mm_diag_fp16', 'torchair_like', 'batch', _FF),
    ('mp_mm_diag_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_mm_diag_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_einsum_diag_fp16', 'torchair_like', 'static', _FF),
    ('mp_einsum_diag_fp16', 'torchair_like', 'batch', _FF),
    ('mp_einsum_diag_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_einsum_diag_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_linear_diag_fp16', 'torchair_like', 'static', _FF),
    ('mp_linear_diag_fp16', 'torchair_like', 'batch', _FF),
    ('mp_linear_diag_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_linear_diag_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_tensordot_diag_fp16', 'torchair_like', 'static', _FF),
    ('mp_tensordot_diag_fp16', 'torchair_like', 'batch', _FF),
    ('mp_tensordot_diag_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_tensordot_diag_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_conv1d_fp16', 'torchair_like', 'static', _EQ),
    ('mp_conv1d_fp16', 'torchair_like', 'batch', _EQ),
    ('mp_conv1d_fp16', 'torchair_like', 'dynamic', _EQ),
    ('mp_conv1d_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_mm_heads_loop_fp16', 'torchair_like', 'static', _FF),
    ('mp_mm_heads_loop_fp16', 'torchair_like', 'batch', _FF),
    ('mp_mm_heads_loop_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_mm_heads_loop_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_einsum_fp16', 'torchair_like', 'static', _FF),
    ('mp_einsum_fp16', 'torchair_like', 'batch', _FF),
    ('mp_einsum_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_einsum_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_matmul_fp16', 'torchair_like', 'static', _FF),
    ('mp_matmul_fp16', 'torchair_like', 'batch', _FF),
    ('mp_matmul_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_matmul_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_bmm_fp16', 'torchair_like', 'static', _FF),
    ('mp_bmm_fp16', 'torchair_like', 'batch', _FF),
    ('mp_bmm_fp16', 'torchair_like', 'dynamic', _FF),
    ('mp_bmm_fp16_high', 'torchair_like', 'static', _EQ),
    ('mp_mul_sum_fp16', 'torchair_like', 'static', _EQ),
    ('mp_mul_sum_fp16', 'torchair_like', 'batch', _EQ),
    ('mp_mul_sum_fp16', 'torchair_like', 'dynamic', _EQ),
    ('mp_mul_sum_fp16_high', 'torchair_like', 'static', _EQ),
    ('sz_batch_split_sizes_first', 'torchair_like', 'batch', _R),
    ('sz_batch_split_sizes_first', 'torchair_like', 'dynamic', _R),
    ('sz_batch_split_sizes_take', 'torchair_like', 'batch', _R),
    ('sz_batch_split_sizes_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_split_sizes_len_sum', 'torchair_like', 'batch', _R),
    ('sz_batch_split_sizes_len_sum', 'torchair_like', 'dynamic', _R),
    ('sz_batch_tensor_split_first', 'torchair_like', 'batch', _R),
    ('sz_batch_tensor_split_first', 'torchair_like', 'dynamic', _R),
    ('sz_batch_slice_scatter_take', 'torchair_like', 'batch', _R),
    ('sz_batch_slice_scatter_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_slice_scatter_sum', 'torchair_like', 'batch', _R),
    ('sz_batch_slice_scatter_sum', 'torchair_like', 'dynamic', _R),
    ('sz_batch_setslice_take', 'torchair_like', 'batch', _R),
    ('sz_batch_setslice_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_setitem_sym_take', 'torchair_like', 'batch', _R),
    ('sz_batch_setitem_sym_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_interp_nearest', 'torchair_like', 'batch', _R),
    ('sz_batch_interp_nearest', 'torchair_like', 'dynamic', _R),
    ('sz_batch_interp_linear', 'torchair_like', 'batch', _R),
    ('sz_batch_interp_linear', 'torchair_like', 'dynamic', _R),
    ('sz_batch_adaptive_pool', 'torchair_like', 'batch', _CCT),
    ('sz_batch_adaptive_pool', 'torchair_like', 'dynamic', _EQ),
    ('sz_batch_narrow_copy_first', 'torchair_like', 'batch', _R),
    ('sz_batch_narrow_copy_first', 'torchair_like', 'dynamic', _R),
    ('sz_batch_unfold_expand_take', 'torchair_like', 'batch', _R),
    ('sz_batch_unfold_expand_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_unfold_step_sym', 'torchair_like', 'batch', _CCT),
    ('sz_batch_unfold_step_sym', 'torchair_like', 'dynamic', _EQ),
    ('sz_batch_view_as_strided_inner', 'torchair_like', 'batch', _R),
    ('sz_batch_view_as_strided_inner', 'torchair_like', 'dynamic', _R),
    ('sz_batch_stack_expand_take', 'torchair_like', 'batch', _R),
    ('sz_batch_stack_expand_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_cat_dim1_take', 'torchair_like', 'batch', _R),
    ('sz_batch_cat_dim1_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_repeat_outer_take', 'torchair_like', 'batch', _R),
    ('sz_batch_repeat_outer_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_where_expand_take', 'torchair_like', 'batch', _R),
    ('sz_batch_where_expand_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_add_bcast_reshape_index', 'torchair_like', 'batch', _R),
    ('sz_batch_add_bcast_reshape_index', 'torchair_like', 'dynamic', _R),
    ('sz_batch_clone_expand_take', 'torchair_like', 'batch', _R),
    ('sz_batch_clone_expand_take', 'torchair_like', 'dynamic', _R),
    ('sz_batch_masked_select', 'torchair_like', 'batch', _R),
    ('sz_batch_masked_select', 'torchair_like', 'dynamic', _R),
    ('sz_batch_nonzero_expand', 'torchair_like', 'batch', _R),
    ('sz_batch_nonzero_expand', 'torchair_like', 'dynamic', _R),
    ('sz_pages_split_sizes_first', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_split_sizes_take', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_split_sizes_len_sum', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_tensor_split_first', 'torchair_like', 'dynamic', _R),
    ('sz_pages_slice_scatter_take', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_slice_scatter_sum', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_setslice_take', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_setitem_sym_take', 'torchair_like', 'dynamic', _R),
    ('sz_pages_interp_nearest', 'torchair_like', 'dynamic', _R),
    ('sz_pages_interp_linear', 'torchair_like', 'dynamic', _R),
    ('sz_pages_adaptive_pool', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_narrow_copy_first', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_unfold_expand_take', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_unfold_step_sym', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_view_as_strided_inner', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_stack_expand_take', 'torchair_like', 'dynamic', _R),
    ('sz_pages_cat_dim1_take', 'torchair_like', 'dynamic', _R),
    ('sz_pages_repeat_outer_take', 'torchair_like', 'dynamic', _R),
    ('sz_pages_where_expand_take', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_add_bcast_reshape_index', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_clone_expand_take', 'torchair_like', 'dynamic', _EQ),
    ('sz_pages_masked_select', 'torchair_like', 'dynamic', _R),
    ('sz_pages_nonzero_expand', 'torchair_like', 'dynamic', _R),
    ('wr_int8', 'torchair_like', 'static', _FF),
    ('wr_int8', 'torchair_like', 'batch', _FF),
    ('wr_int8', 'torchair_like', 'dynamic', _FF),
    ('wr_uint8', 'torchair_like', 'static', _FF),
    ('wr_uint8', 'torchair_like', 'batch', _FF),
    ('wr_uint8', 'torchair_like', 'dynamic', _FF),
    ('wr_int16', 'torchair_like', 'static', _FF),
    ('wr_int16', 'torchair_like', 'batch', _FF),
    ('wr_int16', 'torchair_like', 'dynamic', _FF),
    ('wr_int8_bool_first', 'torchair_like', 'static', _FF),
    ('wr_int8_bool_first', 'torchair_like', 'batch', _FF),
    ('wr_int8_bool_first', 'torchair_like', 'dynamic', _FF),
    ('wr_int8_mul_rev', 'torchair_like', 'static', _FF),
    ('wr_int8_mul_rev', 'torchair_like', 'batch', _FF),
    ('wr_int8_mul_rev', 'torchair_like', 'dynamic', _FF),
    ('wr_int8_big', 'torchair_like', 'static', _FF),
    ('wr_int8_big', 'torchair_like', 'batch', _FF),
    ('wr_int8_big', 'torchair_like', 'dynamic', _FF),
    ('wr_long_ctl', 'torchair_like', 'static', _EQ),
    ('wr_long_ctl', 'torchair_like', 'batch', _EQ),
    ('wr_long_ctl', 'torchair_like', 'dynamic', _EQ),
    ('wr_int32_ctl', 'torchair_like', 'static', _EQ),
    ('wr_int32_ctl', 'torchair_like', 'batch', _EQ),
    ('wr_int32_ctl', 'torchair_like', 'dynamic', _EQ),
    ('mc_conv1d_conv_bf16', 'torchair_like', 'static', _EQ),
    ('mc_conv1d_conv_bf16', 'torchair_like', 'batch', _EQ),
    ('mc_conv1d_conv_bf16', 'torchair_like', 'dynamic', _EQ),
    ('mc_conv1d_mm_bf16', 'torchair_like', 'static', _EQ),
    ('mc_conv1d_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('mc_conv1d_mm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('mc_mm_diag_conv_bf16', 'torchair_like', 'static', _EQ),
    ('mc_mm_diag_conv_bf16', 'torchair_like', 'batch', _EQ),
    ('mc_mm_diag_conv_bf16', 'torchair_like', 'dynamic', _EQ),
    ('mc_mm_diag_mm_bf16', 'torchair_like', 'static', _FF),
    ('mc_mm_diag_mm_bf16', 'torchair_like', 'batch', _FF),
    ('mc_mm_diag_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('mc_linear_diag_conv_bf16', 'torchair_like', 'static', _EQ),
    ('mc_linear_diag_conv_bf16', 'torchair_like', 'batch', _EQ),
    ('mc_linear_diag_conv_bf16', 'torchair_like', 'dynamic', _EQ),
    ('mc_linear_diag_mm_bf16', 'torchair_like', 'static', _FF),
    ('mc_linear_diag_mm_bf16', 'torchair_like', 'batch', _FF),
    ('mc_linear_diag_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('mx_addmm_diag_fp16', 'torchair_like', 'static', _R),
    ('mx_addmm_diag_fp16', 'torchair_like', 'batch', _R),
    ('mx_addmm_diag_fp16', 'torchair_like', 'dynamic', _R),
    ('mx_baddbmm_heads_fp16', 'torchair_like', 'static', _R),
    ('mx_baddbmm_heads_fp16', 'torchair_like', 'batch', _R),
    ('mx_baddbmm_heads_fp16', 'torchair_like', 'dynamic', _R),
    ('mx_bmm_two_cols_fp16', 'torchair_like', 'static', _FF),
    ('mx_bmm_two_cols_fp16', 'torchair_like', 'batch', _R),
    ('mx_bmm_two_cols_fp16', 'torchair_like', 'dynamic', _R),
    ('mx_mv_heads_fp16', 'torchair_like', 'static', _FF),
    ('mx_mv_heads_fp16', 'torchair_like', 'batch', _FF),
    ('mx_mv_heads_fp16', 'torchair_like', 'dynamic', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'torchair_like', 'static', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'torchair_like', 'batch', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'torchair_like', 'dynamic', _R),
    ('mx_einsum_two_cols_fp16', 'torchair_like', 'static', _FF),
    ('mx_einsum_two_cols_fp16', 'torchair_like', 'batch', _R),
    ('mx_einsum_two_cols_fp16', 'torchair_like', 'dynamic', _R),
    ('wr2_char', 'torchair_like', 'static', _FF),
    ('wr2_char', 'torchair_like', 'batch', _FF),
    ('wr2_char', 'torchair_like', 'dynamic', _FF),
    ('wr2_byte_lt', 'torchair_like', 'static', _FF),
    ('wr2_byte_lt', 'torchair_like', 'batch', _FF),
    ('wr2_byte_lt', 'torchair_like', 'dynamic', _FF),
    ('wr2_int8_mul_fn', 'torchair_like', 'static', _FF),
    ('wr2_int8_mul_fn', 'torchair_like', 'batch', _FF),
    ('wr2_int8_mul_fn', 'torchair_like', 'dynamic', _FF),
    ('wr2_int8_size', 'torchair_like', 'static', _FF),
    ('wr2_int8_size', 'torchair_like', 'batch', _FF),
    ('wr2_int8_size', 'torchair_like', 'dynamic', _FF),
    ('wr_int8', 'inductor', 'static', _FF),
    ('wr_int8', 'inductor', 'batch', _FF),
    ('wr_int8', 'inductor', 'dynamic', _FF),
    ('wr_uint8', 'inductor', 'static', _FF),
    ('wr_uint8', 'inductor', 'batch', _FF),
    ('wr_uint8', 'inductor', 'dynamic', _FF),
    ('wr_int8_bool_first', 'inductor', 'static', _FF),
    ('wr_int8_bool_first', 'inductor', 'batch', _FF),
    ('wr_int8_bool_first', 'inductor', 'dynamic', _FF),
    ('wr_int8_mul_rev', 'inductor', 'static', _FF),
    ('wr_int8_mul_rev', 'inductor', 'batch', _FF),
    ('wr_int8_mul_rev', 'inductor', 'dynamic', _FF),
    ('wr_int8_big', 'inductor', 'static', _FF),
    ('wr_int8_big', 'inductor', 'batch', _FF),
    ('wr_int8_big', 'inductor', 'dynamic', _FF),
    ('mx_addmm_diag_fp16', 'inductor', 'static', _R),
    ('mx_addmm_diag_fp16', 'inductor', 'batch', _R),
    ('mx_addmm_diag_fp16', 'inductor', 'dynamic', _R),
    ('mx_baddbmm_heads_fp16', 'inductor', 'static', _R),
    ('mx_baddbmm_heads_fp16', 'inductor', 'batch', _R),
    ('mx_baddbmm_heads_fp16', 'inductor', 'dynamic', _R),
    ('mx_bmm_two_cols_fp16', 'inductor', 'static', _FF),
    ('mx_bmm_two_cols_fp16', 'inductor', 'batch', _R),
    ('mx_bmm_two_cols_fp16', 'inductor', 'dynamic', _R),
    ('mx_mv_heads_fp16', 'inductor', 'static', _CD),
    ('mx_mv_heads_fp16', 'inductor', 'batch', _CD),
    ('mx_mv_heads_fp16', 'inductor', 'dynamic', _CD),
    ('mx_matmul_4d_two_cols_fp16', 'inductor', 'static', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'inductor', 'batch', _FF),
    ('mx_matmul_4d_two_cols_fp16', 'inductor', 'dynamic', _R),
    ('mx_einsum_two_cols_fp16', 'inductor', 'static', _FF),
    ('mx_einsum_two_cols_fp16', 'inductor', 'batch', _R),
    ('mx_einsum_two_cols_fp16', 'inductor', 'dynamic', _R),
    ('wr2_char', 'inductor', 'static', _FF),
    ('wr2_char', 'inductor', 'batch', _FF),
    ('wr2_char', 'inductor', 'dynamic', _FF),
    ('wr2_byte_lt', 'inductor', 'static', _FF),
    ('wr2_byte_lt', 'inductor', 'batch', _FF),
    ('wr2_byte_lt', 'inductor', 'dynamic', _FF),
    ('wr2_int8_mul_fn', 'inductor', 'static', _FF),
    ('wr2_int8_mul_fn', 'inductor', 'batch', _FF),
    ('wr2_int8_mul_fn', 'inductor', 'dynamic', _FF),
    ('wr2_int8_size', 'inductor', 'static', _FF),
    ('wr2_int8_size', 'inductor', 'batch', _FF),
    ('wr2_int8_size', 'inductor', 'dynamic', _FF),
    ('mp_mm_diag_fp16', 'inductor', 'static', _FF),
    ('mp_mm_diag_fp16', 'inductor', 'batch', _FF),
    ('mp_mm_diag_fp16', 'inductor', 'dynamic', _FF),
    ('mp_mm_diag_fp16_high', 'inductor', 'static', _EQ),
    ('mp_einsum_diag_fp16', 'inductor', 'static', _FF),
    ('mp_einsum_diag_fp16', 'inductor', 'batch', _FF),
    ('mp_einsum_diag_fp16', 'inductor', 'dynamic', _FF),
    ('mp_einsum_diag_fp16_high', 'inductor', 'static', _EQ),
    ('mp_linear_diag_fp16', 'inductor', 'static', _FF),
    ('mp_linear_diag_fp16', 'inductor', 'batch', _FF),
    ('mp_linear_diag_fp16', 'inductor', 'dynamic', _FF),
    ('mp_linear_diag_fp16_high', 'inductor', 'static', _EQ),
    ('mp_tensordot_diag_fp16', 'inductor', 'static', _FF),
    ('mp_tensordot_diag_fp16', 'inductor', 'batch', _FF),
    ('mp_tensordot_diag_fp16', 'inductor', 'dynamic', _FF),
    ('mp_tensordot_diag_fp16_high', 'inductor', 'static', _EQ),
    ('mp_conv1d_fp16', 'inductor', 'static', _EQ),
    ('mp_conv1d_fp16', 'inductor', 'batch', _EQ),
    ('mp_conv1d_fp16', 'inductor', 'dynamic', _EQ),
    ('mp_conv1d_fp16_high', 'inductor', 'static', _EQ),
    ('mp_mm_heads_loop_fp16', 'inductor', 'static', _FF),
    ('mp_mm_heads_loop_fp16', 'inductor', 'batch', _FF),
    ('mp_mm_heads_loop_fp16', 'inductor', 'dynamic', _FF),
    ('mp_mm_heads_loop_fp16_high', 'inductor', 'static', _EQ),
    ('mp_einsum_fp16', 'inductor', 'static', _CD),
    ('mp_einsum_fp16', 'inductor', 'batch', _CD),
    ('mp_einsum_fp16', 'inductor', 'dynamic', _CD),
    ('mp_einsum_fp16_high', 'inductor', 'static', _EQ),
    ('mp_matmul_fp16', 'inductor', 'static', _CD),
    ('mp_matmul_fp16', 'inductor', 'batch', _CD),
    ('mp_matmul_fp16', 'inductor', 'dynamic', _CD),
    ('mp_matmul_fp16_high', 'inductor', 'static', _EQ),
    ('mp_bmm_fp16', 'inductor', 'static', _CD),
    ('mp_bmm_fp16', 'inductor', 'batch', _CD),
    ('mp_bmm_fp16', 'inductor', 'dynamic', _CD),
    ('mp_bmm_fp16_high', 'inductor', 'static', _EQ),
    ('mp_mul_sum_fp16', 'inductor', 'static', _EQ),
    ('mp_mul_sum_fp16', 'inductor', 'batch', _EQ),
    ('mp_mul_sum_fp16', 'inductor', 'dynamic', _EQ),
    ('mp_mul_sum_fp16_high', 'inductor', 'static', _EQ),
    ('wr_int16', 'inductor', 'static', _FF),
    ('wr_int16', 'inductor', 'batch', _FF),
    ('wr_int16', 'inductor', 'dynamic', _FF),
    ('wr_long_ctl', 'inductor', 'static', _EQ),
    ('wr_long_ctl', 'inductor', 'batch', _EQ),
    ('wr_long_ctl', 'inductor', 'dynamic', _EQ),
    ('wr_int32_ctl', 'inductor', 'static', _EQ),
    ('wr_int32_ctl', 'inductor', 'batch', _EQ),
    ('wr_int32_ctl', 'inductor', 'dynamic', _EQ),
    ('mc_conv1d_conv_bf16', 'inductor', 'static', _EQ),
    ('mc_conv1d_conv_bf16', 'inductor', 'batch', _EQ),
    ('mc_conv1d_conv_bf16', 'inductor', 'dynamic', _EQ),
    ('mc_conv1d_mm_bf16', 'inductor', 'static', _EQ),
    ('mc_conv1d_mm_bf16', 'inductor', 'batch', _EQ),
    ('mc_conv1d_mm_bf16', 'inductor', 'dynamic', _EQ),
    ('mc_mm_diag_conv_bf16', 'inductor', 'static', _EQ),
    ('mc_mm_diag_conv_bf16', 'inductor', 'batch', _EQ),
    ('mc_mm_diag_conv_bf16', 'inductor', 'dynamic', _EQ),
    ('mc_mm_diag_mm_bf16', 'inductor', 'static', _FF),
    ('mc_mm_diag_mm_bf16', 'inductor', 'batch', _FF),
    ('mc_mm_diag_mm_bf16', 'inductor', 'dynamic', _FF),
    ('mc_linear_diag_conv_bf16', 'inductor', 'static', _EQ),
    ('mc_linear_diag_conv_bf16', 'inductor', 'batch', _EQ),
    ('mc_linear_diag_conv_bf16', 'inductor', 'dynamic', _EQ),
    ('mc_linear_diag_mm_bf16', 'inductor', 'static', _FF),
    ('mc_linear_diag_mm_bf16', 'inductor', 'batch', _FF),
    ('mc_linear_diag_mm_bf16', 'inductor', 'dynamic', _FF),
]



if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
