"""Thirty-second adversarial review of the recogniser (round 32; reviewer focus: the SIZES rules -- sizes.size_values
with _positional / _sizes_picked / _sizes_reduced, check_size_modular_views' R5, check_symbolic_iotas, and
evaluate.BatchPlan's batch-free nodes: other ways a size the graph is reused at reaches the values).

Same format as redteam25 / redteam31: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7``.

    python tests/corpora/redteam32.py [--dialect D] [--mode M] [name ...]      # names match as substrings

Every attack computes ``count`` (== X, a size) in some spelling, then ``rare = count >= T`` and writes
``where(rare, other, contract)``: ``other`` is 33 tokens under ``cat([0], w)`` (0 * the NaN of the unread position
before the window: valid input) or, for so_, a reversed add chain on a cancelling window.  Compiled at X < T, called at
X >= T (X = the batch 8 -> 40 under mark_dynamic / dynamic=True; the table width 4 -> 8, the head dim 16 -> 32, the KV
block count 35 -> 80, the cache rows 21 -> 50 under dynamic=True; thresholds past the Generalize rerun sizes h + 1).

First try (06:12-07:10 UTC 2026-12-05, frozen snapshot of b929c95 in /tmp/base32, PYTHONPATH=/tmp/base32, run from that
tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1): 251 attacks in 6 themes (sx_ a size as a view offset /
slice length of a static tensor 145 (29 spellings x 5 sizes), ss_ a size as a Python scalar argument 50 (25 spellings x
batch / width), sr_ combinations that keep the symbol 20, sc_ the size in the condition 9, so_ reversed-chain spellings
3, wm_ 2-4 layer models 24), ``_FIRST``:

    inductor_graph  283 runs: 90 FALSE FUSION (80 attacks: F1 27, F2 33, F3 17, F5 3) / 0 CRASH / 72 fused & equal /
                              114 refused / 5 control crashes too (the user's code specializes a mark_dynamic batch) /
                              2 eager fails
    torchair_like   283 runs: 105 FALSE FUSION (93 attacks: F1 27, F2 38, F3 15, F4 3, F5 10) / 0 CRASH / 64 fused & equal /
                              107 refused / 5 control crashes too / 2 eager fails
    inductor         62 runs (real Inductor codegen, nsa_fusion_backend: every spelling of F1-F3 at batch and width, narrow
                     and flip at every size, so_batch_narrow_static, two wm_ models, conv1d / cdist): 60 FALSE FUSION /
                     1 fused & equal (sx_moreblocks_flip_slice_2d: the slice of a 64-wide view clamps at 64, dynamo
                     guards it) / 1 CONTROL DIFFERS (sr_batch_conv1d_square: the pass differs from eager, plain Inductor's
                     control fails, ConstraintViolationError: the convolution specializes the mark_dynamic batch)
    torchair          3 runs (real torchair on CPU, run_eagerly; sx_pages_narrow_static, ss_batch_arange_start_end,
                     ss_pages_full_mul_float): 3 CONTROL DIFFERS: the pass's outputs differ from eager exactly as in the
                     graph dialects, but plain torchair's control fails to compile these dynamic graphs
                     (BackendCompilerFailed), so the yardstick cannot call them.

FIVE FINDINGS, all FALSE FUSION on valid input with control == eager, under mark_dynamic on the batch and dynamic=True
(static mode was not run: there dynamo guards every size to its compiled value); /work/briefs/redteam32_findings.md; standalone repro /work/briefs/redteam32_repro.py:

    cd /tmp/base32 && PYTHONPATH=/tmp/base32 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/briefs/redteam32_repro.py [batch|pages|D|blocks|rows] \
            [narrow|flip|as_strided|symfloat|symbool|conv|cdist|arange_start] [big] [ta]

* F1 (sx_*narrow_static, *slice_len1, *as_strided_off, *narrow_2x; so_batch_narrow_static / _as_strided_off; wm_*narrow*
  leak): a size as the OFFSET of a length-1 (or length-k, offset k * X) view of a STATIC tensor:
  ``torch.arange(4096).narrow(0, X, 1)[0]``, ``arange(4096)[X:X + 1][0]``, ``arange(4096).as_strided((1,), (1,), X)[0]``,
  ``arange(4096).narrow(0, 2 * X, 2)[0] // 2``.  Every X, both dialects, real Inductor.  Rules:
  sizes.SizesProof.size_values (all args past the first of a T.VIEWS op are skipped, ``skip = "all"``);
  sizes._size_modular_offset (R5: an offset with symbols passes where ``_a_multiple(offset, extent)``, and every offset
  is a multiple of extent 1; X of 1 and 2X of 2 pass, while select at X, slice [X:] and as_strided stride X are refused);
  SizesProof._sizes_picked (symbolic picks only on "positional" data: arange(4096) is static);
  evaluate.BatchPlan._plan (no root among the inputs: batch-free).
* F2 (sx_*flip_slice, *flip_slice_2d, *fliplr_slice, *flip_col, *flip_cumsum_static, *index_neg, torchair_like also
  *take_neg; so_batch_flip_slice; wm_*flip_slice_leak): a size as the LENGTH of a slice of a static tensor, read from its
  end: ``arange(4096)[:X].flip(0)[0] + 1``, ``torch.ones(4096).cumsum(0)[:X].flip(0)[0]``, ``fliplr(arange(4096).view(64,
  64)[:, :X])[0, 0] + 1``, ``arange(4096)[:X][torch.tensor([-1])][0] + 1``, ``take(arange(4096)[:X], tensor(-1)) + 1``.
  Rules: SizesProof._positional (only factories / iotas / scans over a SYMBOLIC shape are positional; a slice [:X] of
  a static tensor is not), so _sizes_picked ignores the flip (in _MOVES) and the aten.index / take at -1 of it; R5
  (_size_modular_offset) has no flip (not in _MODULAR_VIEWS) and no constant negative tensor index (a plain ``[-1]``
  select and ``roll`` ARE refused there); BatchPlan: batch-free.  (In Inductor graphs take decomposes to a select:
  refused.)
* F3 (ss_*full_truediv, *full_mul_float, *masked_fill_float, *scalar_tensor_float, *mul_symfloat, *float_cast,
  *pow_half, ss_pages_symbool_ge; inductor_graph also ss_*masked_fill with the int X, which Inductor's decomposition
  turns into ``scalar_tensor(sym_float(X))``): a size as a SymFloat or SymBool scalar: ``torch.full((1,), X * 1.0)[0]``,
  ``full((1,), float(X))``, ``full((1,), X ** 0.5) ** 2``, ``torch.full((1,), X / 2)[0] * 2``, ``torch.scalar_tensor(X *
  0.5)``, ``torch.ones(1)[0] * (X / 4) * 4``, ``full((1,), X >= 6)``.  Batch and width, both dialects, real Inductor.
  Rule: SizesProof.size_values' argument loop looks at ``torch.SymInt`` only (``if not isinstance(v, torch.SymInt): continue``): a SymFloat fill
  (``full([1], mul)`` with ``mul = operator.mul(sym_float(X), 1.0)``) is skipped, and the ``torch.sym_float`` /
  ``operator.mul`` nodes that read X are not in the value region (proof.value_ancestors follows tensor values only).
  (``zeros(1)[0] + X * 1.0`` is refused: dynamo makes it a scalar_tensor of the SymInt.)
* F4 (torchair_like only, the batch only: sx_batch_arange_start, ss_batch_arange_start_end, ss_batch_arange_start_neg):
  ``torch.arange(B, 4096)[0]``, ``arange(B, B + 1)[0]``, ``-arange(-B, 0)[0]``.  Rule: proof._SHAPE_ARGS lists both
  ``start`` and ``end`` of aten.arange.start as shape arguments, so size_values skips the start, which is a value; and
  check_symbolic_iotas exempts the batch symbols (``syms - batch``); BatchPlan: batch-free.  Inductor's graph holds
  ``prims.iota(.., start=B)`` (a kwarg, caught: "uses the batch size as a value"); for the width and other sizes
  check_symbolic_iotas refuses it.
* F5 (sr_*conv1d_square both dialects; sr_pages_cdist_square inductor_graph, sr_*cdist_square, *addmv_square,
  *batch_norm_slice, *instance_norm_slice torchair_like): an op that combines elements along a symbolic dim but keeps
  that symbol in its output shape, and is not in sizes._combined_dims: ``conv1d(ones(1, X, X), ones(X, X, 1))[0, 0, 0]``
  (aten.convolution), ``cdist(ones(X, X), zeros(X, X))[0, 0] ** 2`` (_cdist_forward), ``addmv(zeros(X), ones(X, X),
  ones(X))[0]``, ``batch_norm`` / ``instance_norm`` of ``arange(4096)[:X]`` (native_batch_norm: mean and variance over X,
  the first element is -sqrt(3 (X - 1) / (X + 1))).  Rule: sizes._combined_dims lists sums, dim reductions, norms, mm /
  bmm / mv / addmm / baddbmm and accumulating writes only; for other ops SizesProof._sizes_reduced falls back to "input
  symbols minus output symbols", empty when the output keeps X (the gap red-team 31 F1 closed for sum / mm, open for
  these).  (linear -> mm, layer_norm / group_norm, addmv in Inductor graphs -> var_mean / sum: caught or guarded.)

What was tried that did not break (refused or fused & equal, both dialects unless said):
* views with a symbolic offset that R5 / R4 do catch: ``arange(4096)[X]`` (select), ``[X:][0]``, ``[:X][-1]``, ``ones(4096)
  .cumsum(0)[:X][-1]``, ``roll(X)``, ``as_strided((2,), (X,))[1]`` (stride), ``select_scatter`` at X, ``index_select`` by
  ``arange(X)``; unfold (``[0, -1]`` of ``unfold(0, X, 1)``, ``unfold(0, X, 4096)[0].flip(0)``), ``diagonal(X)``, ``[:, X]``
  of a 2-D view, ``rot90`` of a slice, ``slice_scatter`` of ones into [:X] or [X:X + 1] then ``sum`` / ``argmax``
  (width / head dim: fused & equal, dynamo guards these sizes; batch / blocks / rows: refused).
* SymInt scalars: ``full((1,), X)``, ``scalar_tensor(X)``, ``new_full``, ``fill_``, ``clamp(max=X)``, ``where(c, X, 0)``,
  ``masked_fill(.., X)`` (torchair_like), ``add(.., alpha=X)``, ``index_add(alpha=X)``, ``pad(value=X)``, ``topk(X)``,
  ``kthvalue(X)``, ``arange(0, 8192, X)`` step, ``bincount(minlength=X)`` (refused: internal KeyError u0 -- an unbacked
  size, refusal not crash): batch refused, width guarded (fused & equal).
* sc_ (the size in the CONDITION, ``completes(lens) & ~rare``, nothing written once X >= T; narrow / flip / as_strided):
  refused by the mask stage ("false for every length" under mark_dynamic; "uses iota" with a symbolic capacity).
  wm_heads*_cond (one layer of a 2-4 layer model stops writing): fused & equal (that layer is left as written).
* sr_ caught: ``linear`` (-> mm), ``layer_norm`` / ``group_norm`` (var_mean or native_*_norm with the SymInt),
  ``addmv`` / ``cdist`` (batch) in Inductor graphs, ``adaptive_avg_pool1d`` over [1, X, X] (-> mean.dim: batch refused,
  width guarded), ``interpolate(linear, align_corners)`` of ``arange(4096)[:X]`` (refused: an unbounded int64 cast).
* wm_heads4 with the width: fused & equal (4 heads and a width of 4: probably one duck-sized symbol, guarded; not
  examined).

Not attacked for lack of time: sizes reaching the slot (the op writes the slots the graph computes, so a slot shift is
not a divergence by itself), guards on tied symbols, vLLM's config.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_CANCEL16 = [65504.0, 1e-3, -65504.0, 1e-3] + [0.0] * (L - 4)


def _products(kv, w, table, lens, l=L):
    tok = tokens(kv, table, positions(lens, l))
    return tok.float() * w.float()[None, :, :, None]


def _rev_chain(p):
    acc = p[:, -1]
    for j in range(p.shape[1] - 2, -1, -1):
        acc = acc + p[:, j]
    return acc


def _fwd_chain_zeros(p):
    acc = torch.zeros_like(p[:, 0])
    for j in range(p.shape[1]):
        acc = acc + p[:, j]
    return acc


def _size(which, kv, w, table, lens, cache):
    return {"pages": table.shape[1], "blocks": kv.shape[0], "P": kv.shape[1], "D": kv.shape[3], "N": kv.shape[2],
            "rows": cache.shape[0], "batch": lens.shape[0]}[which]


# --- theme 1 (sx_): a size reaching the values through a VIEW of a STATIC tensor --------------------------------------
# size_values skips every argument past the first of a view (T.VIEWS: select, slice, narrow, unfold, as_strided,
# roll, diagonal ...), and _sizes_picked looks at end-relative / symbolic picks only where the data is "positional"
# (a factory or scan over a SYMBOLIC shape).  A static arange picked at a symbolic index is neither.
_BIG = 4096


def _count(spelling, X):
    a = torch.arange(_BIG)
    if spelling == "sel_static":
        return a[X]
    if spelling == "sel_static_float":
        return torch.arange(_BIG, dtype=torch.float32)[X]
    if spelling == "narrow_static":
        return a.narrow(0, X, 1)[0]
    if spelling == "slice_start_static":
        return a[X:][0]
    if spelling == "slice_end_last":
        return a[:X][-1] + 1
    if spelling == "cumsum_static_end_last":
        return torch.ones(_BIG).cumsum(0)[:X][-1]
    if spelling == "arange_start":
        return torch.arange(X, _BIG)[0]
    if spelling == "unfold_last":
        return a.unfold(0, X, 1)[0, -1] + 1
    if spelling == "as_strided_off":
        return a.as_strided((1,), (1,), X)[0]
    if spelling == "roll_static":
        return _BIG - a.roll(X)[0]
    if spelling == "diagonal_off":
        return torch.arange(64 * 64).view(64, 64).diagonal(X)[0]
    if spelling == "ones_tail_sum":  # control: a reduction over a symbolic dim (caught)
        return _BIG - torch.ones(_BIG)[X:].sum()
    if spelling == "slice_write_sum":
        z = torch.zeros(_BIG)
        z[:X] = 1
        return z.sum()
    if spelling == "select_write_argmax":
        z = torch.zeros(_BIG)
        z[X] = 1
        return z.argmax()
    if spelling == "select_static_2d":
        return torch.arange(_BIG).view(64, 64)[:, X][0]
    if spelling == "flip_slice":
        return a[:X].flip(0)[0] + 1
    if spelling == "flip_slice_2d":
        return torch.arange(_BIG).view(64, 64)[:, :X].flip(1)[0, 0] + 1
    if spelling == "fliplr_slice":
        return torch.fliplr(torch.arange(_BIG).view(64, 64)[:, :X])[0, 0] + 1
    if spelling == "rot90_slice":
        return torch.rot90(torch.arange(_BIG).view(64, 64)[:X, :1], 1, (0, 1))[0, 0] + 1
    if spelling == "unfold_flip":
        return a.unfold(0, X, _BIG)[0].flip(0)[0] + 1
    if spelling == "flip_cumsum_static":
        return torch.ones(_BIG).cumsum(0)[:X].flip(0)[0]
    if spelling == "slice_len1":
        return a[X:X + 1][0]
    if spelling == "narrow_2x":
        return a.narrow(0, 2 * X, 2)[0] // 2
    if spelling == "index_neg":
        return a[:X][torch.tensor([-1])][0] + 1
    if spelling == "take_neg":
        return torch.take(a[:X], torch.tensor(-1)) + 1
    if spelling == "as_strided_stride":
        return a.as_strided((2,), (X,))[1]
    if spelling == "slice_scatter_1":
        z = torch.zeros(_BIG)
        z[X:X + 1] = 1
        return z.argmax()
    if spelling == "flip_col":
        return torch.arange(_BIG).view(64, 64)[:X, 0].flip(-1)[0] // 64 + 1
    # scalar SymInt routes (size_values' argument loop)
    if spelling == "full_fill":
        return torch.full((1,), X)[0]
    if spelling == "scalar_tensor":
        return torch.scalar_tensor(X)
    if spelling == "new_full":
        return a.new_full((1,), X)[0]
    if spelling == "fill_":
        return torch.zeros(1).fill_(X)[0]
    if spelling == "clamp_max":
        return torch.full((1,), _BIG).clamp(max=X)[0]
    if spelling == "where_scalar":
        return torch.where(torch.ones(1, dtype=torch.bool), X, 0)[0]
    if spelling == "masked_fill":
        return torch.zeros(1).masked_fill(torch.ones(1, dtype=torch.bool), X)[0]
    if spelling == "arange_step":
        return torch.arange(0, 2 * _BIG, X)[1]
    if spelling == "topk_k":
        return torch.arange(_BIG).float().topk(X, largest=False).values.sum() * 0 + X
    if spelling == "kthvalue":
        return torch.arange(_BIG).float().kthvalue(X).values + 1
    if spelling == "bincount_min":
        return torch.bincount(torch.zeros(1, dtype=torch.long), minlength=X).numel() * torch.ones(())
    if spelling == "index_add":
        return torch.zeros(1).index_add(0, torch.zeros(1, dtype=torch.long), torch.ones(1), alpha=X)[0]
    if spelling == "add_alpha":
        return torch.zeros(1).add(torch.ones(1), alpha=X)[0]
    if spelling == "arange_start_end":
        return torch.arange(X, X + 1)[0]
    if spelling == "arange_start_neg":
        return -torch.arange(-X, 0)[0]
    if spelling == "full_truediv":  # a SymFloat fill
        return torch.full((1,), X / 2)[0] * 2
    if spelling == "full_mul_float":
        return torch.full((1,), X * 1.0)[0]
    if spelling == "masked_fill_float":
        return torch.zeros(1).masked_fill(torch.ones(1, dtype=torch.bool), X * 1.0)[0]
    if spelling == "scalar_tensor_float":
        return torch.scalar_tensor(X * 0.5) * 2
    if spelling == "add_symfloat":
        return torch.zeros(1)[0] + X * 1.0
    if spelling == "mul_symfloat":
        return torch.ones(1)[0] * (X / 4) * 4
    if spelling == "float_cast":
        return torch.full((1,), float(X))[0]
    if spelling == "pow_half":
        return (torch.full((1,), X ** 0.5)[0] ** 2).round()
    if spelling == "symbool_ge":  # a SymBool fill: 1000 where X >= 6 (the width's threshold) -- batch: X >= 6 always
        return torch.full((1,), X >= 6, dtype=torch.float32)[0] * 1000
    # combinations whose output keeps the symbol (the _sizes_reduced set difference finds nothing)
    if spelling == "conv1d_square":
        return torch.nn.functional.conv1d(torch.ones(1, X, X), torch.ones(X, X, 1))[0, 0, 0]
    if spelling == "addmv_square":
        return torch.addmv(torch.zeros(X), torch.ones(X, X), torch.ones(X))[0]
    if spelling == "cdist_square":
        return (torch.cdist(torch.ones(X, X), torch.zeros(X, X))[0, 0] ** 2).round()
    if spelling == "linear_square":
        return torch.nn.functional.linear(torch.ones(X, X), torch.ones(X, X))[0, 0]
    if spelling in ("layer_norm_slice", "group_norm_slice", "batch_norm_slice", "instance_norm_slice"):
        x = a[:X].float()
        F = torch.nn.functional
        y = {"layer_norm_slice": lambda: F.layer_norm(x, (X,))[0],
             "group_norm_slice": lambda: F.group_norm(x[None, None], 1)[0, 0, 0],
             "batch_norm_slice": lambda: F.batch_norm(x[:, None], None, None, training=True)[0, 0],
             "instance_norm_slice": lambda: F.instance_norm(x[None, None])[0, 0, 0]}[spelling]()
        y = y * y  # 3 (X - 1) / (X + 1) for the population variance: X = (3 + y) / (3 - y)
        return ((3 + y) / (3 - y)).round()
    if spelling == "adaptive_pool":  # mean over X of the row 0 .. X - 1, output [1, X, 1]
        return torch.nn.functional.adaptive_avg_pool1d(a[:X].float()[None].expand(X, X)[None], 1)[0, 0, 0] * 2 + 1
    if spelling == "interp_linear":  # element 1 of an align_corners x2 upsampling of 0 .. X - 1: (X - 1) / (2X - 1)
        y = torch.nn.functional.interpolate(a[:X].float()[None, None], scale_factor=2, mode="linear",
                                            align_corners=True)[0, 0, 1]
        return ((1 - y) / (1 - 2 * y)).round()
    if spelling == "pad_value":
        return torch.nn.functional.pad(torch.zeros(1), (0, 1), value=X)[1]
    if spelling == "index_select_arange":
        return a.index_select(0, torch.arange(X)).max()
    raise AssertionError(spelling)


def _sv(which, spelling, thr, op="ge", kind="leak"):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        cnt = _count(spelling, X)
        rare = (cnt >= thr) if op == "ge" else (cnt < thr)
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        if kind == "leak":
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            other = (tok * w1[None, :, :, None]).sum(1)
            clean = p.sum(1)
        else:
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        if kind == "cond":  # the size reaches the CONDITION: no row writes once X >= thr
            return write(cache, slots, completes(lens) & ~rare, p.sum(1))
        new = torch.where(rare, other, clean)
        return write(cache, slots, completes(lens), new)
    return step


def _sv_inputs(first, later):
    """Compile at ``first`` (build kwargs), then call at ``later`` (a list of build kwargs)."""
    def make():
        out = [build(seed=1, **first).args]
        for k, kw in enumerate(later):
            out.append(build(seed=2 + k, **kw).args)
        return out
    return make


_L4 = [48, 64, 80, 256, 32, 100, 0, 128]
_L8 = [48, 64, 80, 512, 32, 100, 0, 496]

_SX = ("sel_static", "sel_static_float", "narrow_static", "slice_start_static", "slice_end_last",
       "cumsum_static_end_last", "arange_start", "unfold_last", "as_strided_off", "roll_static", "diagonal_off",
       "ones_tail_sum", "slice_write_sum", "select_write_argmax", "select_static_2d", "index_select_arange",
       "flip_slice", "flip_slice_2d", "fliplr_slice", "rot90_slice", "unfold_flip", "flip_cumsum_static",
       "slice_len1", "narrow_2x", "index_neg", "take_neg", "as_strided_stride", "slice_scatter_1", "flip_col")

ATTACKS = []
for _sp in _SX:
    ATTACKS.append((f"sx_batch_{_sp}", _mk(_sv("batch", _sp, 36), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch", "dynamic")),
        f"batch as a value via {_sp}; leak at B >= 36 (compiled at 8, called at 40)"))
    ATTACKS.append((f"sx_pages_{_sp}", _mk(_sv("pages", _sp, 6), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8), dict(B=8, pages=4, lengths=_L4)]),
        ("dynamic",)), f"table width as a value via {_sp}; leak at width >= 6 (4 -> 8)"))
    ATTACKS.append((f"sx_D_{_sp}", _mk(_sv("D", _sp, 24), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, D=32, lengths=_L4)]), ("dynamic",)),
        f"head dim as a value via {_sp}; leak at D >= 24 (16 -> 32)"))
    ATTACKS.append((f"sx_moreblocks_{_sp}", _mk(_sv("blocks", _sp, 60), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, block_num=80)]), ("dynamic",)),
        f"KV block count as a value via {_sp}; 35 -> 80 blocks, leak at >= 60"))
    ATTACKS.append((f"sx_morerows_{_sp}", _mk(_sv("rows", _sp, 40), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, num_slots=50)]), ("dynamic",)),
        f"cache rows as a value via {_sp}; 21 -> 50 rows, leak at >= 40"))

# the size in the CONDITION (no row writes once X >= thr), three spellings
for _sp in ("narrow_static", "flip_slice", "as_strided_off"):
    ATTACKS.append((f"sc_batch_{_sp}", _mk(_sv("batch", _sp, 36, kind="cond"), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch", "dynamic")),
        f"batch in the condition via {_sp}: nothing written at B >= 36"))
    ATTACKS.append((f"sc_pages_{_sp}", _mk(_sv("pages", _sp, 6, kind="cond"), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"table width in the condition via {_sp}: nothing written at width >= 6"))
    ATTACKS.append((f"sc_morerows_{_sp}", _mk(_sv("rows", _sp, 40, kind="cond"), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, num_slots=50)]), ("dynamic",)),
        f"cache rows in the condition via {_sp}: nothing written at >= 40 rows"))
    ATTACKS.append((f"so_batch_{_sp}", _mk(_sv("batch", _sp, 36, kind="order"), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5, window=lambda b, s: _CANCEL16,
                                                weight=torch.ones(L, 2, dtype=torch.float16))]), ("batch",)),
        f"batch via {_sp}: reversed add chain at B >= 36 (cancelling window)"))


# --- theme 4 (ss_): a size as a Python SymInt scalar argument (full, scalar_tensor, fill_, clamp, where, alpha, pad ...)
_SS = ("full_fill", "scalar_tensor", "new_full", "fill_", "clamp_max", "where_scalar", "masked_fill", "arange_step",
       "topk_k", "kthvalue", "bincount_min", "index_add", "add_alpha", "pad_value",
       "arange_start_end", "arange_start_neg", "full_truediv", "full_mul_float", "masked_fill_float",
       "scalar_tensor_float", "add_symfloat", "mul_symfloat", "float_cast", "pow_half", "symbool_ge")
for _sp in _SS:
    ATTACKS.append((f"ss_batch_{_sp}", _mk(_sv("batch", _sp, 36), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch",)),
        f"batch as a SymInt scalar via {_sp}; leak at B >= 36"))
    ATTACKS.append((f"ss_pages_{_sp}", _mk(_sv("pages", _sp, 6), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"table width as a SymInt scalar via {_sp}; leak at width >= 6"))


# --- theme 5 (sr_): ops that combine along a symbolic dim but keep the symbol in their output (conv, addmv, cdist,
# normalizations over a slice [:X] of a static arange)
for _sp in ("conv1d_square", "addmv_square", "cdist_square", "linear_square", "layer_norm_slice", "group_norm_slice",
            "batch_norm_slice", "instance_norm_slice", "adaptive_pool", "interp_linear"):
    ATTACKS.append((f"sr_batch_{_sp}", _mk(_sv("batch", _sp, 36), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch",)),
        f"batch as a value via {_sp}; leak at B >= 36"))
    ATTACKS.append((f"sr_pages_{_sp}", _mk(_sv("pages", _sp, 6), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"table width as a value via {_sp}; leak at width >= 6"))


# --- theme 3 (wm_): whole models (2-4 layers over head slices of one KV / weight / cache), the count computed once ----
def _layers_heads(nlayers, spelling, which, thr, where_layer, kind="leak"):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        rare = _count(spelling, X) >= thr
        ll = lens.long()
        for h in range(nlayers):
            kvh, wh = kv[:, :, h:h + 1], w[:, h:h + 1]
            new = _products(kvh, wh, table, lens).sum(1)
            valid = completes(lens)
            if h == where_layer:
                if kind == "leak":
                    pos = (ll[:, None] - (L + 1) + torch.arange(L + 1)).clamp(min=0)
                    tok = tokens(kvh, table, pos).float()
                    w1 = torch.cat([torch.zeros(1, 1, dtype=w.dtype), wh]).float()
                    new = torch.where(rare, (tok * w1[None, :, :, None]).sum(1), new)
                else:  # this layer's compression count: it stops writing once X >= thr
                    valid = valid & ~rare
            write(cache[:, h:h + 1], slots, completes(lens) if h != where_layer else valid, new)
        return cache
    return step


for _n, _wl in ((2, 1), (3, 0), (4, 2)):
    for _sp in ("narrow_static", "flip_slice"):
        for _kind in ("leak", "cond"):
            ATTACKS.append((f"wm_heads{_n}_batch_{_sp}_{_kind}", _mk(_layers_heads(_n, _sp, "batch", 36, _wl, _kind),
                            _sv_inputs(dict(B=8, pages=4, lengths=_L4, N=_n),
                                       [dict(B=40, pages=4, lengths=_L4 * 5, N=_n)]), ("batch",)),
                            f"{_n} layers (head slices of one cache), batch via {_sp} ({_kind}) in layer {_wl}"))
            ATTACKS.append((f"wm_heads{_n}_pages_{_sp}_{_kind}", _mk(_layers_heads(_n, _sp, "pages", 6, _wl, _kind),
                            _sv_inputs(dict(B=8, pages=4, lengths=_L4, N=_n),
                                       [dict(B=8, pages=8, lengths=_L8, N=_n)]), ("dynamic",)),
                            f"{_n} layers (head slices of one cache), table width via {_sp} ({_kind}) in layer {_wl}"))


_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_EF, _CD, _RCD = "EAGER FAILS", "CONTROL DIFFERS", "REFUSED (control differs)"

_CCT = "CONTROL CRASHES TOO"

_FIRST = [
    ('sx_batch_sel_static', 'inductor_graph', 'batch', _R),
    ('sx_batch_sel_static', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_sel_static', 'inductor_graph', 'dynamic', _R),
    ('sx_D_sel_static', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_sel_static', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_sel_static', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_sel_static_float', 'inductor_graph', 'batch', _R),
    ('sx_batch_sel_static_float', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_sel_static_float', 'inductor_graph', 'dynamic', _R),
    ('sx_D_sel_static_float', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_sel_static_float', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_sel_static_float', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_narrow_static', 'inductor_graph', 'batch', _FF),
    ('sx_batch_narrow_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_narrow_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_narrow_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_narrow_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_narrow_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_slice_start_static', 'inductor_graph', 'batch', _R),
    ('sx_batch_slice_start_static', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_slice_start_static', 'inductor_graph', 'dynamic', _R),
    ('sx_D_slice_start_static', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_slice_start_static', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_slice_start_static', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_slice_end_last', 'inductor_graph', 'batch', _R),
    ('sx_batch_slice_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_slice_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_D_slice_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_slice_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_slice_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_cumsum_static_end_last', 'inductor_graph', 'batch', _R),
    ('sx_batch_cumsum_static_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_cumsum_static_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_D_cumsum_static_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_cumsum_static_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_cumsum_static_end_last', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_arange_start', 'inductor_graph', 'batch', _R),
    ('sx_batch_arange_start', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_arange_start', 'inductor_graph', 'dynamic', _R),
    ('sx_D_arange_start', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_arange_start', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_arange_start', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_unfold_last', 'inductor_graph', 'batch', _CCT),
    ('sx_batch_unfold_last', 'inductor_graph', 'dynamic', _EQ),
    ('sx_pages_unfold_last', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_unfold_last', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_unfold_last', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_unfold_last', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_as_strided_off', 'inductor_graph', 'batch', _FF),
    ('sx_batch_as_strided_off', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_as_strided_off', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_as_strided_off', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_as_strided_off', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_as_strided_off', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_roll_static', 'inductor_graph', 'batch', _R),
    ('sx_batch_roll_static', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_roll_static', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_roll_static', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_roll_static', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_roll_static', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_diagonal_off', 'inductor_graph', 'batch', _CCT),
    ('sx_batch_diagonal_off', 'inductor_graph', 'dynamic', _EQ),
    ('sx_pages_diagonal_off', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_diagonal_off', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_diagonal_off', 'inductor_graph', 'dynamic', _EF),
    ('sx_morerows_diagonal_off', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_ones_tail_sum', 'inductor_graph', 'batch', _R),
    ('sx_batch_ones_tail_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_ones_tail_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_D_ones_tail_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_ones_tail_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_ones_tail_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_slice_write_sum', 'inductor_graph', 'batch', _R),
    ('sx_batch_slice_write_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_slice_write_sum', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_slice_write_sum', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_slice_write_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_slice_write_sum', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_select_write_argmax', 'inductor_graph', 'batch', _R),
    ('sx_batch_select_write_argmax', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_select_write_argmax', 'inductor_graph', 'dynamic', _R),
    ('sx_D_select_write_argmax', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_select_write_argmax', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_select_write_argmax', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_select_static_2d', 'inductor_graph', 'batch', _CCT),
    ('sx_batch_select_static_2d', 'inductor_graph', 'dynamic', _EQ),
    ('sx_pages_select_static_2d', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_select_static_2d', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_select_static_2d', 'inductor_graph', 'dynamic', _EF),
    ('sx_morerows_select_static_2d', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_index_select_arange', 'inductor_graph', 'batch', _R),
    ('sx_batch_index_select_arange', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_index_select_arange', 'inductor_graph', 'dynamic', _R),
    ('sx_D_index_select_arange', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_index_select_arange', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_index_select_arange', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_flip_slice', 'inductor_graph', 'batch', _FF),
    ('sx_batch_flip_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_flip_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_flip_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_flip_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_flip_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_flip_slice_2d', 'inductor_graph', 'batch', _FF),
    ('sx_batch_flip_slice_2d', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_flip_slice_2d', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_flip_slice_2d', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_flip_slice_2d', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_flip_slice_2d', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_fliplr_slice', 'inductor_graph', 'batch', _FF),
    ('sx_batch_fliplr_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_fliplr_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_fliplr_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_fliplr_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_fliplr_slice', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_rot90_slice', 'inductor_graph', 'batch', _EQ),
    ('sx_batch_rot90_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sx_pages_rot90_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_rot90_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_rot90_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_rot90_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_unfold_flip', 'inductor_graph', 'batch', _CCT),
    ('sx_batch_unfold_flip', 'inductor_graph', 'dynamic', _EQ),
    ('sx_pages_unfold_flip', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_unfold_flip', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_unfold_flip', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_unfold_flip', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_flip_cumsum_static', 'inductor_graph', 'batch', _FF),
    ('sx_batch_flip_cumsum_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_flip_cumsum_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_flip_cumsum_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_flip_cumsum_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_flip_cumsum_static', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_slice_len1', 'inductor_graph', 'batch', _FF),
    ('sx_batch_slice_len1', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_slice_len1', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_slice_len1', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_slice_len1', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_slice_len1', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_narrow_2x', 'inductor_graph', 'batch', _FF),
    ('sx_batch_narrow_2x', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_narrow_2x', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_narrow_2x', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_narrow_2x', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_narrow_2x', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_index_neg', 'inductor_graph', 'batch', _FF),
    ('sx_batch_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('sx_morerows_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('sx_batch_take_neg', 'inductor_graph', 'batch', _R),
    ('sx_batch_take_neg', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_take_neg', 'inductor_graph', 'dynamic', _R),
    ('sx_D_take_neg', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_take_neg', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_take_neg', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_as_strided_stride', 'inductor_graph', 'batch', _R),
    ('sx_batch_as_strided_stride', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_as_strided_stride', 'inductor_graph', 'dynamic', _R),
    ('sx_D_as_strided_stride', 'inductor_graph', 'dynamic', _R),
    ('sx_moreblocks_as_strided_stride', 'inductor_graph', 'dynamic', _R),
    ('sx_morerows_as_strided_stride', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_slice_scatter_1', 'inductor_graph', 'batch', _R),
    ('sx_batch_slice_scatter_1', 'inductor_graph', 'dynamic', _R),
    ('sx_pages_slice_scatter_1', 'inductor_graph', 'dynamic', _EQ),
    ('sx_D_slice_scatter_1', 'inductor_graph', 'dynamic', _EQ),
    ('sx_moreblocks_slice_scatter_1', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_slice_scatter_1', 'inductor_graph', 'dynamic', _EQ),
    ('sx_batch_flip_col', 'inductor_graph', 'batch', _FF),
    ('sx_batch_flip_col', 'inductor_graph', 'dynamic', _FF),
    ('sx_pages_flip_col', 'inductor_graph', 'dynamic', _FF),
    ('sx_D_flip_col', 'inductor_graph', 'dynamic', _FF),
    ('sx_moreblocks_flip_col', 'inductor_graph', 'dynamic', _EQ),
    ('sx_morerows_flip_col', 'inductor_graph', 'dynamic', _FF),
    ('sc_batch_narrow_static', 'inductor_graph', 'batch', _R),
    ('sc_batch_narrow_static', 'inductor_graph', 'dynamic', _R),
    ('sc_pages_narrow_static', 'inductor_graph', 'dynamic', _R),
    ('sc_morerows_narrow_static', 'inductor_graph', 'dynamic', _R),
    ('so_batch_narrow_static', 'inductor_graph', 'batch', _FF),
    ('sc_batch_flip_slice', 'inductor_graph', 'batch', _R),
    ('sc_batch_flip_slice', 'inductor_graph', 'dynamic', _R),
    ('sc_pages_flip_slice', 'inductor_graph', 'dynamic', _R),
    ('sc_morerows_flip_slice', 'inductor_graph', 'dynamic', _R),
    ('so_batch_flip_slice', 'inductor_graph', 'batch', _FF),
    ('sc_batch_as_strided_off', 'inductor_graph', 'batch', _R),
    ('sc_batch_as_strided_off', 'inductor_graph', 'dynamic', _R),
    ('sc_pages_as_strided_off', 'inductor_graph', 'dynamic', _R),
    ('sc_morerows_as_strided_off', 'inductor_graph', 'dynamic', _R),
    ('so_batch_as_strided_off', 'inductor_graph', 'batch', _FF),
    ('wm_heads2_batch_narrow_static_leak', 'inductor_graph', 'batch', _FF),
    ('wm_heads2_pages_narrow_static_leak', 'inductor_graph', 'dynamic', _FF),
    ('wm_heads2_batch_narrow_static_cond', 'inductor_graph', 'batch', _EQ),
    ('wm_heads2_pages_narrow_static_cond', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads2_batch_flip_slice_leak', 'inductor_graph', 'batch', _FF),
    ('wm_heads2_pages_flip_slice_leak', 'inductor_graph', 'dynamic', _FF),
    ('wm_heads2_batch_flip_slice_cond', 'inductor_graph', 'batch', _EQ),
    ('wm_heads2_pages_flip_slice_cond', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads3_batch_narrow_static_leak', 'inductor_graph', 'batch', _FF),
    ('wm_heads3_pages_narrow_static_leak', 'inductor_graph', 'dynamic', _FF),
    ('wm_heads3_batch_narrow_static_cond', 'inductor_graph', 'batch', _EQ),
    ('wm_heads3_pages_narrow_static_cond', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads3_batch_flip_slice_leak', 'inductor_graph', 'batch', _FF),
    ('wm_heads3_pages_flip_slice_leak', 'inductor_graph', 'dynamic', _FF),
    ('wm_heads3_batch_flip_slice_cond', 'inductor_graph', 'batch', _EQ),
    ('wm_heads3_pages_flip_slice_cond', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads4_batch_narrow_static_leak', 'inductor_graph', 'batch', _FF),
    ('wm_heads4_pages_narrow_static_leak', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads4_batch_narrow_static_cond', 'inductor_graph', 'batch', _EQ),
    ('wm_heads4_pages_narrow_static_cond', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads4_batch_flip_slice_leak', 'inductor_graph', 'batch', _FF),
    ('wm_heads4_pages_flip_slice_leak', 'inductor_graph', 'dynamic', _EQ),
    ('wm_heads4_batch_flip_slice_cond', 'inductor_graph', 'batch', _EQ),
    ('wm_heads4_pages_flip_slice_cond', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_full_fill', 'inductor_graph', 'batch', _R),
    ('ss_pages_full_fill', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_scalar_tensor', 'inductor_graph', 'batch', _R),
    ('ss_pages_scalar_tensor', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_new_full', 'inductor_graph', 'batch', _R),
    ('ss_pages_new_full', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_fill_', 'inductor_graph', 'batch', _R),
    ('ss_pages_fill_', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_clamp_max', 'inductor_graph', 'batch', _R),
    ('ss_pages_clamp_max', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_where_scalar', 'inductor_graph', 'batch', _R),
    ('ss_pages_where_scalar', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_masked_fill', 'inductor_graph', 'batch', _FF),
    ('ss_pages_masked_fill', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_arange_step', 'inductor_graph', 'batch', _R),
    ('ss_pages_arange_step', 'inductor_graph', 'dynamic', _R),
    ('ss_batch_topk_k', 'inductor_graph', 'batch', _R),
    ('ss_pages_topk_k', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_kthvalue', 'inductor_graph', 'batch', _R),
    ('ss_pages_kthvalue', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_bincount_min', 'inductor_graph', 'batch', _R),
    ('ss_pages_bincount_min', 'inductor_graph', 'dynamic', _R),
    ('ss_batch_index_add', 'inductor_graph', 'batch', _R),
    ('ss_pages_index_add', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_add_alpha', 'inductor_graph', 'batch', _R),
    ('ss_pages_add_alpha', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_pad_value', 'inductor_graph', 'batch', _CCT),
    ('ss_pages_pad_value', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_arange_start_end', 'inductor_graph', 'batch', _R),
    ('ss_pages_arange_start_end', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_arange_start_neg', 'inductor_graph', 'batch', _R),
    ('ss_pages_arange_start_neg', 'inductor_graph', 'dynamic', _R),
    ('ss_batch_full_truediv', 'inductor_graph', 'batch', _FF),
    ('ss_pages_full_truediv', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_full_mul_float', 'inductor_graph', 'batch', _FF),
    ('ss_pages_full_mul_float', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_masked_fill_float', 'inductor_graph', 'batch', _FF),
    ('ss_pages_masked_fill_float', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_scalar_tensor_float', 'inductor_graph', 'batch', _FF),
    ('ss_pages_scalar_tensor_float', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_add_symfloat', 'inductor_graph', 'batch', _R),
    ('ss_pages_add_symfloat', 'inductor_graph', 'dynamic', _EQ),
    ('ss_batch_mul_symfloat', 'inductor_graph', 'batch', _FF),
    ('ss_pages_mul_symfloat', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_float_cast', 'inductor_graph', 'batch', _FF),
    ('ss_pages_float_cast', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_pow_half', 'inductor_graph', 'batch', _FF),
    ('ss_pages_pow_half', 'inductor_graph', 'dynamic', _FF),
    ('ss_batch_symbool_ge', 'inductor_graph', 'batch', _R),
    ('ss_pages_symbool_ge', 'inductor_graph', 'dynamic', _FF),
    ('sr_batch_conv1d_square', 'inductor_graph', 'batch', _FF),
    ('sr_pages_conv1d_square', 'inductor_graph', 'dynamic', _FF),
    ('sr_batch_addmv_square', 'inductor_graph', 'batch', _R),
    ('sr_pages_addmv_square', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_cdist_square', 'inductor_graph', 'batch', _EQ),
    ('sr_pages_cdist_square', 'inductor_graph', 'dynamic', _FF),
    ('sr_batch_linear_square', 'inductor_graph', 'batch', _R),
    ('sr_pages_linear_square', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_layer_norm_slice', 'inductor_graph', 'batch', _R),
    ('sr_pages_layer_norm_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_group_norm_slice', 'inductor_graph', 'batch', _R),
    ('sr_pages_group_norm_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_batch_norm_slice', 'inductor_graph', 'batch', _R),
    ('sr_pages_batch_norm_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_instance_norm_slice', 'inductor_graph', 'batch', _R),
    ('sr_pages_instance_norm_slice', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_adaptive_pool', 'inductor_graph', 'batch', _R),
    ('sr_pages_adaptive_pool', 'inductor_graph', 'dynamic', _EQ),
    ('sr_batch_interp_linear', 'inductor_graph', 'batch', _R),
    ('sr_pages_interp_linear', 'inductor_graph', 'dynamic', _R),
    ('sx_batch_sel_static', 'torchair_like', 'batch', _R),
    ('sx_batch_sel_static', 'torchair_like', 'dynamic', _R),
    ('sx_pages_sel_static', 'torchair_like', 'dynamic', _R),
    ('sx_D_sel_static', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_sel_static', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_sel_static', 'torchair_like', 'dynamic', _R),
    ('sx_batch_sel_static_float', 'torchair_like', 'batch', _R),
    ('sx_batch_sel_static_float', 'torchair_like', 'dynamic', _R),
    ('sx_pages_sel_static_float', 'torchair_like', 'dynamic', _R),
    ('sx_D_sel_static_float', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_sel_static_float', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_sel_static_float', 'torchair_like', 'dynamic', _R),
    ('sx_batch_narrow_static', 'torchair_like', 'batch', _FF),
    ('sx_batch_narrow_static', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_narrow_static', 'torchair_like', 'dynamic', _FF),
    ('sx_D_narrow_static', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_narrow_static', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_narrow_static', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_slice_start_static', 'torchair_like', 'batch', _R),
    ('sx_batch_slice_start_static', 'torchair_like', 'dynamic', _R),
    ('sx_pages_slice_start_static', 'torchair_like', 'dynamic', _R),
    ('sx_D_slice_start_static', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_slice_start_static', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_slice_start_static', 'torchair_like', 'dynamic', _R),
    ('sx_batch_slice_end_last', 'torchair_like', 'batch', _R),
    ('sx_batch_slice_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_pages_slice_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_D_slice_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_slice_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_slice_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_batch_cumsum_static_end_last', 'torchair_like', 'batch', _R),
    ('sx_batch_cumsum_static_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_pages_cumsum_static_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_D_cumsum_static_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_cumsum_static_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_cumsum_static_end_last', 'torchair_like', 'dynamic', _R),
    ('sx_batch_arange_start', 'torchair_like', 'batch', _FF),
    ('sx_batch_arange_start', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_arange_start', 'torchair_like', 'dynamic', _R),
    ('sx_D_arange_start', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_arange_start', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_arange_start', 'torchair_like', 'dynamic', _R),
    ('sx_batch_unfold_last', 'torchair_like', 'batch', _CCT),
    ('sx_batch_unfold_last', 'torchair_like', 'dynamic', _EQ),
    ('sx_pages_unfold_last', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_unfold_last', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_unfold_last', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_unfold_last', 'torchair_like', 'dynamic', _EQ),
    ('sx_batch_as_strided_off', 'torchair_like', 'batch', _FF),
    ('sx_batch_as_strided_off', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_as_strided_off', 'torchair_like', 'dynamic', _FF),
    ('sx_D_as_strided_off', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_as_strided_off', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_as_strided_off', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_roll_static', 'torchair_like', 'batch', _R),
    ('sx_batch_roll_static', 'torchair_like', 'dynamic', _R),
    ('sx_pages_roll_static', 'torchair_like', 'dynamic', _R),
    ('sx_D_roll_static', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_roll_static', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_roll_static', 'torchair_like', 'dynamic', _R),
    ('sx_batch_diagonal_off', 'torchair_like', 'batch', _CCT),
    ('sx_batch_diagonal_off', 'torchair_like', 'dynamic', _EQ),
    ('sx_pages_diagonal_off', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_diagonal_off', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_diagonal_off', 'torchair_like', 'dynamic', _EF),
    ('sx_morerows_diagonal_off', 'torchair_like', 'dynamic', _EQ),
    ('sx_batch_ones_tail_sum', 'torchair_like', 'batch', _R),
    ('sx_batch_ones_tail_sum', 'torchair_like', 'dynamic', _R),
    ('sx_pages_ones_tail_sum', 'torchair_like', 'dynamic', _R),
    ('sx_D_ones_tail_sum', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_ones_tail_sum', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_ones_tail_sum', 'torchair_like', 'dynamic', _R),
    ('sx_batch_slice_write_sum', 'torchair_like', 'batch', _R),
    ('sx_batch_slice_write_sum', 'torchair_like', 'dynamic', _R),
    ('sx_pages_slice_write_sum', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_slice_write_sum', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_slice_write_sum', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_slice_write_sum', 'torchair_like', 'dynamic', _R),
    ('sx_batch_select_write_argmax', 'torchair_like', 'batch', _R),
    ('sx_batch_select_write_argmax', 'torchair_like', 'dynamic', _R),
    ('sx_pages_select_write_argmax', 'torchair_like', 'dynamic', _R),
    ('sx_D_select_write_argmax', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_select_write_argmax', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_select_write_argmax', 'torchair_like', 'dynamic', _R),
    ('sx_batch_select_static_2d', 'torchair_like', 'batch', _CCT),
    ('sx_batch_select_static_2d', 'torchair_like', 'dynamic', _EQ),
    ('sx_pages_select_static_2d', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_select_static_2d', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_select_static_2d', 'torchair_like', 'dynamic', _EF),
    ('sx_morerows_select_static_2d', 'torchair_like', 'dynamic', _EQ),
    ('sx_batch_index_select_arange', 'torchair_like', 'batch', _R),
    ('sx_batch_index_select_arange', 'torchair_like', 'dynamic', _R),
    ('sx_pages_index_select_arange', 'torchair_like', 'dynamic', _R),
    ('sx_D_index_select_arange', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_index_select_arange', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_index_select_arange', 'torchair_like', 'dynamic', _R),
    ('sx_batch_flip_slice', 'torchair_like', 'batch', _FF),
    ('sx_batch_flip_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_flip_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_D_flip_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_flip_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_flip_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_flip_slice_2d', 'torchair_like', 'batch', _FF),
    ('sx_batch_flip_slice_2d', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_flip_slice_2d', 'torchair_like', 'dynamic', _FF),
    ('sx_D_flip_slice_2d', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_flip_slice_2d', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_flip_slice_2d', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_fliplr_slice', 'torchair_like', 'batch', _FF),
    ('sx_batch_fliplr_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_fliplr_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_D_fliplr_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_fliplr_slice', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_fliplr_slice', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_rot90_slice', 'torchair_like', 'batch', _EQ),
    ('sx_batch_rot90_slice', 'torchair_like', 'dynamic', _EQ),
    ('sx_pages_rot90_slice', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_rot90_slice', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_rot90_slice', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_rot90_slice', 'torchair_like', 'dynamic', _EQ),
    ('sx_batch_unfold_flip', 'torchair_like', 'batch', _CCT),
    ('sx_batch_unfold_flip', 'torchair_like', 'dynamic', _EQ),
    ('sx_pages_unfold_flip', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_unfold_flip', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_unfold_flip', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_unfold_flip', 'torchair_like', 'dynamic', _EQ),
    ('sx_batch_flip_cumsum_static', 'torchair_like', 'batch', _FF),
    ('sx_batch_flip_cumsum_static', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_flip_cumsum_static', 'torchair_like', 'dynamic', _FF),
    ('sx_D_flip_cumsum_static', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_flip_cumsum_static', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_flip_cumsum_static', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_slice_len1', 'torchair_like', 'batch', _FF),
    ('sx_batch_slice_len1', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_slice_len1', 'torchair_like', 'dynamic', _FF),
    ('sx_D_slice_len1', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_slice_len1', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_slice_len1', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_narrow_2x', 'torchair_like', 'batch', _FF),
    ('sx_batch_narrow_2x', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_narrow_2x', 'torchair_like', 'dynamic', _FF),
    ('sx_D_narrow_2x', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_narrow_2x', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_narrow_2x', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_index_neg', 'torchair_like', 'batch', _FF),
    ('sx_batch_index_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_index_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_D_index_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_index_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_index_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_take_neg', 'torchair_like', 'batch', _FF),
    ('sx_batch_take_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_take_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_D_take_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_take_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_morerows_take_neg', 'torchair_like', 'dynamic', _FF),
    ('sx_batch_as_strided_stride', 'torchair_like', 'batch', _R),
    ('sx_batch_as_strided_stride', 'torchair_like', 'dynamic', _R),
    ('sx_pages_as_strided_stride', 'torchair_like', 'dynamic', _R),
    ('sx_D_as_strided_stride', 'torchair_like', 'dynamic', _R),
    ('sx_moreblocks_as_strided_stride', 'torchair_like', 'dynamic', _R),
    ('sx_morerows_as_strided_stride', 'torchair_like', 'dynamic', _R),
    ('sx_batch_slice_scatter_1', 'torchair_like', 'batch', _R),
    ('sx_batch_slice_scatter_1', 'torchair_like', 'dynamic', _R),
    ('sx_pages_slice_scatter_1', 'torchair_like', 'dynamic', _EQ),
    ('sx_D_slice_scatter_1', 'torchair_like', 'dynamic', _EQ),
    ('sx_moreblocks_slice_scatter_1', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_slice_scatter_1', 'torchair_like', 'dynamic', _EQ),
    ('sx_batch_flip_col', 'torchair_like', 'batch', _FF),
    ('sx_batch_flip_col', 'torchair_like', 'dynamic', _FF),
    ('sx_pages_flip_col', 'torchair_like', 'dynamic', _FF),
    ('sx_D_flip_col', 'torchair_like', 'dynamic', _FF),
    ('sx_moreblocks_flip_col', 'torchair_like', 'dynamic', _EQ),
    ('sx_morerows_flip_col', 'torchair_like', 'dynamic', _FF),
    ('sc_batch_narrow_static', 'torchair_like', 'batch', _R),
    ('sc_batch_narrow_static', 'torchair_like', 'dynamic', _R),
    ('sc_pages_narrow_static', 'torchair_like', 'dynamic', _R),
    ('sc_morerows_narrow_static', 'torchair_like', 'dynamic', _R),
    ('so_batch_narrow_static', 'torchair_like', 'batch', _FF),
    ('sc_batch_flip_slice', 'torchair_like', 'batch', _R),
    ('sc_batch_flip_slice', 'torchair_like', 'dynamic', _R),
    ('sc_pages_flip_slice', 'torchair_like', 'dynamic', _R),
    ('sc_morerows_flip_slice', 'torchair_like', 'dynamic', _R),
    ('so_batch_flip_slice', 'torchair_like', 'batch', _FF),
    ('sc_batch_as_strided_off', 'torchair_like', 'batch', _R),
    ('sc_batch_as_strided_off', 'torchair_like', 'dynamic', _R),
    ('sc_pages_as_strided_off', 'torchair_like', 'dynamic', _R),
    ('sc_morerows_as_strided_off', 'torchair_like', 'dynamic', _R),
    ('so_batch_as_strided_off', 'torchair_like', 'batch', _FF),
    ('wm_heads2_batch_narrow_static_leak', 'torchair_like', 'batch', _FF),
    ('wm_heads2_pages_narrow_static_leak', 'torchair_like', 'dynamic', _FF),
    ('wm_heads2_batch_narrow_static_cond', 'torchair_like', 'batch', _EQ),
    ('wm_heads2_pages_narrow_static_cond', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads2_batch_flip_slice_leak', 'torchair_like', 'batch', _FF),
    ('wm_heads2_pages_flip_slice_leak', 'torchair_like', 'dynamic', _FF),
    ('wm_heads2_batch_flip_slice_cond', 'torchair_like', 'batch', _EQ),
    ('wm_heads2_pages_flip_slice_cond', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads3_batch_narrow_static_leak', 'torchair_like', 'batch', _FF),
    ('wm_heads3_pages_narrow_static_leak', 'torchair_like', 'dynamic', _FF),
    ('wm_heads3_batch_narrow_static_cond', 'torchair_like', 'batch', _EQ),
    ('wm_heads3_pages_narrow_static_cond', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads3_batch_flip_slice_leak', 'torchair_like', 'batch', _FF),
    ('wm_heads3_pages_flip_slice_leak', 'torchair_like', 'dynamic', _FF),
    ('wm_heads3_batch_flip_slice_cond', 'torchair_like', 'batch', _EQ),
    ('wm_heads3_pages_flip_slice_cond', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads4_batch_narrow_static_leak', 'torchair_like', 'batch', _FF),
    ('wm_heads4_pages_narrow_static_leak', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads4_batch_narrow_static_cond', 'torchair_like', 'batch', _EQ),
    ('wm_heads4_pages_narrow_static_cond', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads4_batch_flip_slice_leak', 'torchair_like', 'batch', _FF),
    ('wm_heads4_pages_flip_slice_leak', 'torchair_like', 'dynamic', _EQ),
    ('wm_heads4_batch_flip_slice_cond', 'torchair_like', 'batch', _EQ),
    ('wm_heads4_pages_flip_slice_cond', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_full_fill', 'torchair_like', 'batch', _R),
    ('ss_pages_full_fill', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_scalar_tensor', 'torchair_like', 'batch', _R),
    ('ss_pages_scalar_tensor', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_new_full', 'torchair_like', 'batch', _R),
    ('ss_pages_new_full', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_fill_', 'torchair_like', 'batch', _R),
    ('ss_pages_fill_', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_clamp_max', 'torchair_like', 'batch', _R),
    ('ss_pages_clamp_max', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_where_scalar', 'torchair_like', 'batch', _R),
    ('ss_pages_where_scalar', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_masked_fill', 'torchair_like', 'batch', _R),
    ('ss_pages_masked_fill', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_arange_step', 'torchair_like', 'batch', _R),
    ('ss_pages_arange_step', 'torchair_like', 'dynamic', _R),
    ('ss_batch_topk_k', 'torchair_like', 'batch', _R),
    ('ss_pages_topk_k', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_kthvalue', 'torchair_like', 'batch', _R),
    ('ss_pages_kthvalue', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_bincount_min', 'torchair_like', 'batch', _R),
    ('ss_pages_bincount_min', 'torchair_like', 'dynamic', _R),
    ('ss_batch_index_add', 'torchair_like', 'batch', _R),
    ('ss_pages_index_add', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_add_alpha', 'torchair_like', 'batch', _R),
    ('ss_pages_add_alpha', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_pad_value', 'torchair_like', 'batch', _CCT),
    ('ss_pages_pad_value', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_arange_start_end', 'torchair_like', 'batch', _FF),
    ('ss_pages_arange_start_end', 'torchair_like', 'dynamic', _R),
    ('ss_batch_arange_start_neg', 'torchair_like', 'batch', _FF),
    ('ss_pages_arange_start_neg', 'torchair_like', 'dynamic', _R),
    ('ss_batch_full_truediv', 'torchair_like', 'batch', _FF),
    ('ss_pages_full_truediv', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_full_mul_float', 'torchair_like', 'batch', _FF),
    ('ss_pages_full_mul_float', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_masked_fill_float', 'torchair_like', 'batch', _FF),
    ('ss_pages_masked_fill_float', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_scalar_tensor_float', 'torchair_like', 'batch', _FF),
    ('ss_pages_scalar_tensor_float', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_add_symfloat', 'torchair_like', 'batch', _R),
    ('ss_pages_add_symfloat', 'torchair_like', 'dynamic', _EQ),
    ('ss_batch_mul_symfloat', 'torchair_like', 'batch', _FF),
    ('ss_pages_mul_symfloat', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_float_cast', 'torchair_like', 'batch', _FF),
    ('ss_pages_float_cast', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_pow_half', 'torchair_like', 'batch', _FF),
    ('ss_pages_pow_half', 'torchair_like', 'dynamic', _FF),
    ('ss_batch_symbool_ge', 'torchair_like', 'batch', _R),
    ('ss_pages_symbool_ge', 'torchair_like', 'dynamic', _FF),
    ('sr_batch_conv1d_square', 'torchair_like', 'batch', _FF),
    ('sr_pages_conv1d_square', 'torchair_like', 'dynamic', _FF),
    ('sr_batch_addmv_square', 'torchair_like', 'batch', _FF),
    ('sr_pages_addmv_square', 'torchair_like', 'dynamic', _FF),
    ('sr_batch_cdist_square', 'torchair_like', 'batch', _FF),
    ('sr_pages_cdist_square', 'torchair_like', 'dynamic', _FF),
    ('sr_batch_linear_square', 'torchair_like', 'batch', _R),
    ('sr_pages_linear_square', 'torchair_like', 'dynamic', _EQ),
    ('sr_batch_layer_norm_slice', 'torchair_like', 'batch', _R),
    ('sr_pages_layer_norm_slice', 'torchair_like', 'dynamic', _EQ),
    ('sr_batch_group_norm_slice', 'torchair_like', 'batch', _R),
    ('sr_pages_group_norm_slice', 'torchair_like', 'dynamic', _EQ),
    ('sr_batch_batch_norm_slice', 'torchair_like', 'batch', _FF),
    ('sr_pages_batch_norm_slice', 'torchair_like', 'dynamic', _FF),
    ('sr_batch_instance_norm_slice', 'torchair_like', 'batch', _FF),
    ('sr_pages_instance_norm_slice', 'torchair_like', 'dynamic', _FF),
    ('sr_batch_adaptive_pool', 'torchair_like', 'batch', _R),
    ('sr_pages_adaptive_pool', 'torchair_like', 'dynamic', _EQ),
    ('sr_batch_interp_linear', 'torchair_like', 'batch', _R),
    ('sr_pages_interp_linear', 'torchair_like', 'dynamic', _R),
    ('sx_batch_narrow_static', 'inductor', 'batch', _FF),
    ('sx_batch_narrow_static', 'inductor', 'dynamic', _FF),
    ('sx_pages_narrow_static', 'inductor', 'dynamic', _FF),
    ('sx_D_narrow_static', 'inductor', 'dynamic', _FF),
    ('sx_moreblocks_narrow_static', 'inductor', 'dynamic', _FF),
    ('sx_morerows_narrow_static', 'inductor', 'dynamic', _FF),
    ('sx_batch_as_strided_off', 'inductor', 'batch', _FF),
    ('sx_batch_as_strided_off', 'inductor', 'dynamic', _FF),
    ('sx_pages_as_strided_off', 'inductor', 'dynamic', _FF),
    ('sx_batch_flip_slice', 'inductor', 'batch', _FF),
    ('sx_batch_flip_slice', 'inductor', 'dynamic', _FF),
    ('sx_pages_flip_slice', 'inductor', 'dynamic', _FF),
    ('sx_D_flip_slice', 'inductor', 'dynamic', _FF),
    ('sx_moreblocks_flip_slice', 'inductor', 'dynamic', _FF),
    ('sx_morerows_flip_slice', 'inductor', 'dynamic', _FF),
    ('sx_batch_flip_slice_2d', 'inductor', 'batch', _FF),
    ('sx_batch_flip_slice_2d', 'inductor', 'dynamic', _FF),
    ('sx_pages_flip_slice_2d', 'inductor', 'dynamic', _FF),
    ('sx_D_flip_slice_2d', 'inductor', 'dynamic', _FF),
    ('sx_moreblocks_flip_slice_2d', 'inductor', 'dynamic', _EQ),
    ('sx_morerows_flip_slice_2d', 'inductor', 'dynamic', _FF),
    ('sx_batch_fliplr_slice', 'inductor', 'batch', _FF),
    ('sx_batch_fliplr_slice', 'inductor', 'dynamic', _FF),
    ('sx_pages_fliplr_slice', 'inductor', 'dynamic', _FF),
    ('sx_batch_flip_cumsum_static', 'inductor', 'batch', _FF),
    ('sx_batch_flip_cumsum_static', 'inductor', 'dynamic', _FF),
    ('sx_pages_flip_cumsum_static', 'inductor', 'dynamic', _FF),
    ('sx_batch_slice_len1', 'inductor', 'batch', _FF),
    ('sx_batch_slice_len1', 'inductor', 'dynamic', _FF),
    ('sx_pages_slice_len1', 'inductor', 'dynamic', _FF),
    ('sx_batch_narrow_2x', 'inductor', 'batch', _FF),
    ('sx_batch_narrow_2x', 'inductor', 'dynamic', _FF),
    ('sx_pages_narrow_2x', 'inductor', 'dynamic', _FF),
    ('sx_batch_index_neg', 'inductor', 'batch', _FF),
    ('sx_batch_index_neg', 'inductor', 'dynamic', _FF),
    ('sx_pages_index_neg', 'inductor', 'dynamic', _FF),
    ('sx_batch_flip_col', 'inductor', 'batch', _FF),
    ('sx_batch_flip_col', 'inductor', 'dynamic', _FF),
    ('sx_pages_flip_col', 'inductor', 'dynamic', _FF),
    ('so_batch_narrow_static', 'inductor', 'batch', _FF),
    ('wm_heads2_batch_narrow_static_leak', 'inductor', 'batch', _FF),
    ('wm_heads2_pages_flip_slice_leak', 'inductor', 'dynamic', _FF),
    ('ss_batch_masked_fill', 'inductor', 'batch', _FF),
    ('ss_pages_masked_fill', 'inductor', 'dynamic', _FF),
    ('ss_batch_full_truediv', 'inductor', 'batch', _FF),
    ('ss_pages_full_truediv', 'inductor', 'dynamic', _FF),
    ('ss_batch_full_mul_float', 'inductor', 'batch', _FF),
    ('ss_pages_full_mul_float', 'inductor', 'dynamic', _FF),
    ('ss_batch_masked_fill_float', 'inductor', 'batch', _FF),
    ('ss_pages_masked_fill_float', 'inductor', 'dynamic', _FF),
    ('ss_batch_scalar_tensor_float', 'inductor', 'batch', _FF),
    ('ss_pages_scalar_tensor_float', 'inductor', 'dynamic', _FF),
    ('ss_batch_mul_symfloat', 'inductor', 'batch', _FF),
    ('ss_pages_mul_symfloat', 'inductor', 'dynamic', _FF),
    ('ss_batch_float_cast', 'inductor', 'batch', _FF),
    ('ss_pages_float_cast', 'inductor', 'dynamic', _FF),
    ('ss_batch_pow_half', 'inductor', 'batch', _FF),
    ('ss_pages_pow_half', 'inductor', 'dynamic', _FF),
    ('ss_pages_symbool_ge', 'inductor', 'dynamic', _FF),
    ('sr_batch_conv1d_square', 'inductor', 'batch', _CD),
    ('sr_pages_conv1d_square', 'inductor', 'dynamic', _FF),
    ('sr_pages_cdist_square', 'inductor', 'dynamic', _FF),
    ('sx_pages_narrow_static', 'torchair', 'dynamic', _CD),
    ('ss_batch_arange_start_end', 'torchair', 'batch', _CD),
    ('ss_pages_full_mul_float', 'torchair', 'dynamic', _CD),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
