"""Thirty-fourth adversarial review of the recogniser (round 34; reviewer focus: the SIZES rules and the INTEGER side --
sizes.size_values with _positional / _sizes_picked / _sizes_reduced / _VIEW_VALUE_ARGS, the slot path, the positions
reading, negative indices, Generalize -- and where a size the graph is reused at reaches the values).

Same format as redteam25 / redteam32: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7`` (modes static / batch = mark_dynamic on the batch / dynamic = dynamic=True).

    cd /tmp/base34 && PYTHONPATH=/tmp/base34 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam34.py [--dialect D] [--mode M] [name ...]

Most attacks (wx_, ap_, vw_, sc_, sc2_, kp_, np_) compute ``count`` (== X, a size) in some spelling, then ``rare =
count >= T`` and write ``where(rare, other, contract)``: ``other`` is 33 tokens under ``cat([0], w)`` (0 * the NaN of
the unread position before the window: valid input).  Compiled at X < T, called at X >= T (X = the batch 8 -> 40 under
mark_dynamic / dynamic=True; the table width 4 -> 8, the head dim 16 -> 32, the KV block count 35 -> 80, the cache rows
21 -> 50 under dynamic=True; T past Generalize's h + 1).  sc_/sc2_ put ``rare`` in the condition, kp_ in the kept rows'
index.

First try on the frozen tree (``_FIRST``; /tmp/base34 = 8aa542f, 09:17-10:06 UTC 2026-12-05, PYTHONPATH=/tmp/base34,
run from that tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1): 379 attacks in 10 themes (wx_ 97, sc_ 15,
sc2_ 15, vw_ 62, ap_ 123, np_ 32, sl_ 16, bp_ 5, kp_ 6, ng_ 8), each run once per dialect and mode it applies to
(themes were added while the round ran; ap_ for the sizes other than the batch, and np_, have subsets of spellings;
torchair_like ran 326 of the 379: its ap_ run took 12 of the 63 ap_batch_ spellings, for time).  Of the FALSE FUSIONs,
4 per dialect are F2's sl_ runs (not counted as a finding, below); the rest are F1 / F3 / F5 (/ F4 and F6 in
torchair_like).

    inductor_graph  524 runs of 379 attacks: 189 FALSE FUSION / 8 CRASH / 40 FUSED & EQUAL / 280 REFUSED / 7 CONTROL CRASHES TOO
        ap_   7 CONTROL CRASHES TOO, 64 FALSE FUSION, 10 FUSED & EQUAL, 107 REFUSED
        bp_   8 CRASH, 2 REFUSED
        kp_   6 FALSE FUSION, 2 FUSED & EQUAL
        ng_   10 FUSED & EQUAL, 6 REFUSED
        np_   52 REFUSED
        sc_   18 REFUSED
        sc2_  3 FALSE FUSION, 15 REFUSED
        sl_   4 FALSE FUSION, 4 FUSED & EQUAL, 16 REFUSED
        vw_   32 FALSE FUSION, 2 FUSED & EQUAL, 40 REFUSED
        wx_   80 FALSE FUSION, 12 FUSED & EQUAL, 24 REFUSED
    torchair_like   418 runs of 326 attacks: 180 FALSE FUSION / 34 FUSED & EQUAL / 204 REFUSED
        ap_   42 FALSE FUSION, 4 FUSED & EQUAL, 36 REFUSED
        bp_   8 FALSE FUSION, 2 REFUSED
        kp_   6 FALSE FUSION, 2 FUSED & EQUAL
        ng_   10 FUSED & EQUAL, 6 REFUSED
        np_   5 FALSE FUSION, 47 REFUSED
        sc_   18 REFUSED
        sc2_  3 FALSE FUSION, 15 REFUSED
        sl_   4 FALSE FUSION, 4 FUSED & EQUAL, 16 REFUSED
        vw_   32 FALSE FUSION, 2 FUSED & EQUAL, 40 REFUSED
        wx_   80 FALSE FUSION, 12 FUSED & EQUAL, 24 REFUSED
    inductor (real Inductor codegen, nsa_fusion_backend; confirmation runs, not first tries): 13 runs: 9 FALSE FUSION
                    (wx_batch_kx_scatter_value_2d batch + dynamic, sc2_batch_index_put_sum batch, ap_batch_exv_cat_flip
                    batch + dynamic, vw_rows_ones_cumsum_view_row, kp_batch_index_put dynamic, kp_pages_index_put,
                    kp_rows_as_flip) / 2 CRASH (bp_trunc static, batch) / 1 equal (kp_batch_index_put batch) / 1 refused
                    (sc2_batch_index_put_sum dynamic); plus the standalone repros below (F1 batch, pages, blocks, rows;
                    F3 batch, pages; F5 pages, blocks, batch; F4 trunc, float_floor): every one FALSE FUSION / CRASH
                    with plain Inductor equal to eager.  F6 (torchair_like only): /work/briefs/redteam34_repro_f6.py.

"CONTROL CRASHES TOO" (ap_batch_*_unbind_last in batch mode): the user's code specializes the mark_dynamic batch
(unbind over a symbolic dim), ConstraintViolationError with and without the pass: an attack bug, not a result.

FINDINGS (/work/briefs/redteam34_findings.md; standalone repros /work/briefs/redteam34_repro*.py):

    cd /tmp/base34 && PYTHONPATH=/tmp/base34 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/briefs/redteam34_repro.py [batch|pages|D|blocks|rows] SPELLING

* F1 FALSE FUSION (wx_*, sc2_batch_*, kp_*_index_put): a size as the EXTENT of a write's index (or values) into a
  static tensor: ``torch.zeros(4096).index_put((torch.arange(4096)[:X],), torch.tensor(1.0)).sum()`` == X (also
  index_copy, scatter.src, ``z[idx] = 1``, an index ``ones(X).cumsum(0) - 1``, ``arange(B)`` for the batch, int dtype,
  2-D, argmin / max instead of the sum; ``zeros(X, 4096).scatter(1, idx, 1.0).sum(1)[0]``; the 1-D index_fill).  Every
  size: the batch (batch, dynamic), the table width, D, the KV block count, the cache rows (dynamic).  It reaches the
  new rows, the CONDITION (sc2_batch_*, mark_dynamic) and the KEPT rows (kp_*, dynamic).  Rule:
  sizes.SizesProof._sizes_reduced returns set() for T.WRITES ("writes move or pick elements") and reads
  _KNOWN_NOT_COMBINING ops (scatter.value) as input symbols minus output symbols; _sizes_picked looks at a write's
  BASE only and lets a positional INDEX through; the slice end is an extent (_VIEW_VALUE_ARGS); BatchPlan:
  batch-free.  Repro: ``redteam34_repro.py batch index_put_sum`` (pages, blocks index_copy_sum, rows scatter_src_sum,
  D cumsum_index_sum, batch kx_index_fill_2d: refused in real Inductor).
* F3 FALSE FUSION (ap_*_as_*, as2_*, ex_*, exn_*, exc_*, exv_*: flip / [tensor([-1])] / cat + flip): a prefix of
  symbolic length that sizes._positional does not count as positional: ``arange(4096).as_strided((X,), (1,))``
  (_PREFIXES lists slice / slice_copy / narrow only; size_values skips as_strided's size; R4 accepts contiguous
  strides) and ``arange(4096)[None].expand(X, 4096)[:, :X][0]`` (the prefix adds no NEW symbol:
  ``_symbolic_dims(n) - _symbolic_dims(n.args[0])`` is empty).  _sizes_picked then ignores the flip / the end-relative
  gather (data not positional).  Every size.  Repro: ``redteam34_repro.py batch as_flip`` (pages as_flip, batch
  ex_flip).
* F5 FALSE FUSION (vw_*_ones_cumsum_view_row, vw2 spellings, vw_batch_iota_view_row): positional data reshaped so
  that flat element X lands at a fixed index: ``torch.ones(64 * X).cumsum(0).view(64, X)[1, 0] - 1`` == X,
  ``torch.arange(64 * B).view(64, B)[1, 0]`` == B.  Rule: _sizes_picked treats reshapes as views that keep every
  element at its index and a pick at a non-negative int as the same element at every size; splitting a dim of
  symbolic extent renumbers it (R3 looks for merged-and-resplit groups only; R5 sees the [1] on the static dim).
  Repro: ``redteam34_repro.py pages cumsum_view_row`` (blocks cumsum_view_row, batch iota_view_row).
* F4 CRASH, BORDERLINE (bp_trunc, bp_float_floor, bp_flat, bp_take; red-team 28 B1's class): lp_next_block's step
  (positions reading of lens, a 33-token window clamped to the capacity) with the table column
  ``torch.div(pos, P, rounding_mode="trunc")`` or ``(pos.double() / P).floor().long()``, or the table read flat
  (``table.flatten()[arange(B)[:, None] * W + pos // P]``, ``torch.take``): sizes.SizesProof.check_position_past_the_cache
  refuses only where sizes._table_column recognises the read (``table[rows, col]``, gather / index_select along dim 1)
  and ``Intervals.of(column)`` is known (None for trunc division and float arithmetic); otherwise the step fuses and the
  op raises ValueError (actual_seq_len 257 > capacity 256) at lens = capacity, where eager and plain Inductor run
  (control == eager): CRASH in inductor_graph and real Inductor; in torchair_like (GE, no host check) the op writes
  nothing for that row where eager writes it: FALSE FUSION.  Valid only if lens = capacity is (the model reads lens
  as lengths; the project's rule refuses the // P spelling: bp_floor_control refused).  Repro: /work/briefs/redteam34_repro_f4.py [trunc|float_floor].
* F6 FALSE FUSION, torchair_like graphs only (np_batch_index_neg, _index_neg2, _index_neg_list, _index_neg_long,
  _index_neg_int32): the batch as the length of a PER-ROW prefix read from its end: ``(lens[:, None].long() * 0 + torch.arange(4096))[:, :B][:, torch.tensor([-1])][:, 0] + 1``
  == B in every row (mark_dynamic; dynamic=True refused).  Rules: evaluate.BatchPlan accepts the slice ``[:, :B]``
  along a non-batch dim whose END is the batch size as "a slice over another dimension" (row b's slab then depends
  on B); sizes._positional does not count the prefix as positional (a non-constant value leaf, the lengths, and no
  new symbol: B already sizes dim 0), so _sizes_picked ignores the gather at -1.  inductor_graph refuses it (its
  decomposition: "where mixes or reshapes batch rows").  Repro: /work/briefs/redteam34_repro_f6.py (torchair's graph
  shape without torchair, with and without the pass).
* F2 NOT COUNTED (sl_mod_rows, sl_plus_mod, sl_neg_mod, sl_remainder_fn, dynamic): slots ``arange(B) % S`` (S =
  cache.shape[0]) called at B = 40 > S = 24: rows b and b + S share a slot.  exactness.check_slot_path takes "a
  remainder by the cache rows of an iota" as distinct, and write.check_write's ``S < B`` refusal is evaluated at the
  compiled assignment only.  inductor_graph differs from eager; but eager's index_put with repeated indices is undefined
  in torch and real Inductor's control differs from eager too (/work/briefs/redteam34_repro_f2.py).

What was tried that did not break (refused or fused & equal, both dialects unless said):
* ng_ (negative indices that wrap at the compiled size: ``table[rows, p // P - 4]``, ``(p - 256) // P``, an int32
  column, ``kv[page - 35]``): fused & equal in static mode, refused under dynamic=True (Generalize reruns the proof at
  width / blocks h + 1, where the wrap no longer holds).
* sc_ (F1 in the condition): mark_dynamic batch refused ("false for every length": the mask of a dynamic batch is
  evaluated at capacity + 1 = 257 rows, inside the window [36, 1000)); dynamic=True refused by the mask op list (iota,
  cumsum).  sc2_ with the window [36, 100) breaks under mark_dynamic (F1).
* ap_ that R5 / the reduction rules catch: ``[-1]`` select, ``take(.., -1)``, roll, sort, max of the same prefixes;
  ``unbind(0)[-1]`` (dynamic: fused & equal, dynamo specializes); a module-level tensor ``_IOTA[:X]`` (gl_: refused,
  "the index arithmetic reads a graph input"); torch.cond around the flip (hop_: refused, the evaluator cannot run the
  branch subgraph).
* vw_ of a STATIC arange (``arange(4096).view(-1, X)[1, 0]``, reshape, unflatten, ``.t()``, ``view(X, -1)[1, 0]``):
  refused by R5 (the select at 1 is on the symbolic dim 4096 / X); iota over a non-batch size: check_symbolic_iotas.
* wx_ with arange(X) as the index for a non-batch X (check_symbolic_iotas); 2-D writes into a positional base
  ``zeros(X, 4096)`` (index_put / index_copy / scatter.src / index_fill: _sizes_picked sees the positional base; width
  and D: fused & equal).
* np_ (positional data with a non-constant leaf, ``lens[:, None] * 0 + arange(4096)``, the weight, the table, the
  slots): refused by the batch plan (flip / cat / max along the row, a batch-free form broadcast over B), by R5
  (``[:, -1]``), by the page-id rule (the table) or the roles (the slots) -- except F6.
* sl_ with a literal modulus, fmod, an int32 cast, slots + arange: refused by the slot path; static B = 40 > 24 rows:
  refused ("40 slots cannot be unique").
* kp_ under mark_dynamic batch (fused & equal: not examined why).
* the heads N (2 -> 4) and the page size P (64 -> 128) as the leaked size under dynamic=True (wx_N_ / wx_P_ / ap_N_ /
  ap_P_ / vw_N_ / vw_P_, one spelling of F1 / F3 / F5 each): fused & equal (the second call recompiles; not examined
  whether N / P are guarded by Generalize's tight sizes or by dynamo).
* HOPs (torch.cond) in the value region: refused.

Not attacked for lack of time: int32 flat indices ``page * P + p % P`` under a symbolic block count past 2**31 tokens
(docs/soundness.md lists it as a known limit; needs an overlapping as_strided KV of ~2**26 blocks); real torchair;
calls at B = 1 / B = 300 (not run; mark_dynamic specializes B = 1).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base34 so the frozen tree's nsa_fusion and tests win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_BIG = 4096


def _products(kv, w, table, lens, l=L):
    tok = tokens(kv, table, positions(lens, l))
    return tok.float() * w.float()[None, :, :, None]


def _size(which, kv, w, table, lens, cache):
    return {"pages": table.shape[1], "blocks": kv.shape[0], "P": kv.shape[1], "D": kv.shape[3], "N": kv.shape[2],
            "rows": cache.shape[0], "batch": lens.shape[0]}[which]


# --- theme wx_: a size as the EXTENT of a write's index / values into a static tensor ----------------------------
# sizes._sizes_reduced returns nothing for T.WRITES (index_put, index_copy, scatter.src), and _sizes_picked looks at a
# write's BASE only; a positional index (a prefix of a constant arange, a scan over a symbolic shape) stays allowed
# as an index.  The result has a static shape, so the sum after it reduces no symbol.
def _count_wx(sp, X, lens):
    a = torch.arange(_BIG)
    z = torch.zeros(_BIG)
    if sp == "index_put_sum":
        return z.index_put((a[:X],), torch.tensor(1.0)).sum()
    if sp == "index_put_vals_sum":
        return z.index_put((a[:X],), torch.ones(X)).sum()
    if sp == "index_put_max":
        return z.index_put((a[:X],), a[:X].float() + 1).max()
    if sp == "index_put_argmin":  # the first zero past the ones
        return z.index_put((a[:X],), torch.tensor(1.0)).argmin()
    if sp == "setitem_sum":
        z = z.clone()
        z[a[:X]] = 1.0
        return z.sum()
    if sp == "index_copy_sum":
        return z.index_copy(0, a[:X], torch.ones(X)).sum()
    if sp == "scatter_src_sum":
        return z.scatter(0, a[:X], torch.ones(X)).sum()
    if sp == "cumsum_index_sum":  # index from a scan over a symbolic shape (positional, allowed as an index)
        return z.index_put((torch.ones(X, dtype=torch.long).cumsum(0) - 1,), torch.tensor(1.0)).sum()
    if sp == "arange_index_sum":  # arange(X) as the index (check_symbolic_iotas exempts the batch only)
        return z.index_put((torch.arange(X),), torch.tensor(1.0)).sum()
    if sp == "int_index_put_sum":
        zi = torch.zeros(_BIG, dtype=torch.long)
        return zi.index_put((a[:X],), torch.tensor(1)).sum()
    if sp == "index_put_2d_sum":
        z2 = torch.zeros(64, 64)
        return z2.index_put((a[:X] // 64, a[:X] % 64), torch.tensor(1.0)).sum()
    if sp == "index_put_nonzero":  # count by the position of the last one: (z * arange).max() + 1
        return (z.index_put((a[:X],), torch.tensor(1.0)) * a).max() + 1
    # ops _sizes_reduced reads as "inputs minus outputs" (pointwise or _KNOWN_NOT_COMBINING) or exempts (T.WRITES), on
    # a positional base [X, 4096] that keeps X in the output while the write's extent X lands in the values
    zx = torch.zeros(X, _BIG)
    idx2 = a[:X][None].expand(X, X)
    if sp == "kx_index_fill_2d":
        return zx.index_fill(1, a[:X], 1.0).sum(1)[0]
    if sp == "kx_scatter_value_2d":
        return zx.scatter(1, idx2, 1.0).sum(1)[0]
    if sp == "kx_scatter_src_2d":
        return zx.scatter(1, idx2, torch.ones(X, X)).sum(1)[0]
    if sp == "kx_index_copy_2d":
        return zx.index_copy(1, a[:X], torch.ones(X, X)).sum(1)[0]
    if sp == "kx_index_put_2d":
        return zx.index_put((torch.arange(X)[:, None], idx2), torch.tensor(1.0)).sum(1)[0]
    if sp == "kx_index_fill_1d":  # the 1-D form: X leaves the shape (caught by inputs - outputs: control)
        return z.index_fill(0, a[:X], 1.0).sum()
    if sp == "kx_scatter_value_1d":
        return z.scatter(0, a[:X], 1.0).sum()
    raise AssertionError(sp)


# --- theme np_: positional data whose value leaves are not constant (a prefix of a per-row [B, 4096] arange) --------
# sizes._positional counts a prefix [:X] of symbolic length as positional only where all its value leaves are
# constants (`all(_constant_leaf(..))`): lens[:, None] * 0 + arange(4096) has the lengths as a leaf.
def _count_np(sp, X, lens, table, slots, w):
    a = torch.arange(_BIG)
    if sp.startswith("w_"):
        w00 = w[0, 0]
        zero = ((w00 != w00) & (w00 == w00)).long()  # always 0 (NaN too), a value of the weight
        base = (zero + a)[None, :].expand(lens.shape[0], _BIG)
        sp = sp[2:]
    elif sp.startswith("t_"):
        base = table[:, :1].long() * 0 + a  # row b's own table entry times 0
        sp = sp[2:]
    elif sp.startswith("s_"):
        base = slots[:, None].long() * 0 + a
        sp = sp[2:]
    else:
        base = lens[:, None].long() * 0 + a  # [B, 4096], row b's own length times 0
    pre = base[:, :X]
    if sp == "flip":
        return pre.flip(1)[:, 0] + 1
    if sp == "last":
        return pre[:, -1] + 1
    if sp == "index_neg":
        return pre[:, torch.tensor([-1])][:, 0] + 1
    if sp == "roll":
        return pre.roll(1, 1)[:, 0] + 1
    if sp == "cat_flip":
        return torch.cat([pre, pre], 1).flip(1)[:, 0] + 1
    if sp == "fliplr":
        return torch.fliplr(pre)[:, 0] + 1
    if sp == "sort_desc":
        return pre.sort(1, descending=True).values[:, 0] + 1
    if sp == "cummax_last":
        return pre.cummax(1).values[:, -1] + 1
    if sp == "gather_neg":
        return pre.gather(1, torch.full((pre.shape[0], 1), X - 1))[:, 0] + 1  # (X - 1 a value: control)
    if sp == "max":  # control: a reduction over the symbolic dim
        return pre.max(1).values + 1
    # (F6 follow-ups, added 10:05: other end-relative reads of the per-row prefix)
    if sp == "index_neg2":
        return (pre[:, torch.tensor([-1, -2])].sum(1) + 3) // 2
    if sp == "index_neg_list":
        return pre[:, [-1]][:, 0] + 1
    if sp == "narrow_neg":
        return pre.narrow(1, -1, 1)[:, 0] + 1
    if sp == "slice_neg":
        return pre[:, -1:][:, 0] + 1
    if sp == "roll1":
        return pre.roll(1, 1)[:, 0] + 1
    if sp == "index_select_neg":
        return pre.index_select(1, torch.tensor([-1]) % pre.shape[1])[:, 0] + 1
    if sp == "index_neg_long":
        return pre.long()[:, torch.tensor([-1], dtype=torch.long)][:, 0] + 1
    if sp == "index_neg_int32":
        return pre[:, torch.tensor([-1], dtype=torch.int32)][:, 0] + 1
    if sp == "rev_index":
        return pre[:, torch.arange(pre.shape[1] - 1, -1, -1)][:, 0] + 1
    if sp == "unbind_last":
        return pre.unbind(1)[-1] + 1
    if sp == "split_last":
        return pre.split(1, 1)[-1][:, 0] + 1
    if sp == "chunk_last":
        return pre.chunk(pre.shape[1], 1)[-1][:, 0] + 1
    raise AssertionError(sp)


# --- theme ap_ / ep_: prefixes of symbolic length that sizes._positional does not count as positional ----------------
# _PREFIXES lists slice / slice_copy / narrow only: as_strided((X,), (1,)) of a static arange is the same prefix (R4:
# contiguous strides, R5: offset 0; size_values skips as_strided's size).  And a prefix [:, :X] of data whose shape
# already holds X ([X, 4096], an expand of a static arange) adds no new symbol: `_symbolic_dims(n) - _symbolic_dims(
# n.args[0])` is empty.  A flip / end-relative pick of either then reads X from the values.
_IOTA = torch.arange(_BIG)  # a module-level tensor (a RoPE-style table): the graph reads it as an input or attribute


def _count_ap(sp, X):
    a = torch.arange(_BIG)
    kind, sp = sp.split("_", 1)
    if kind == "gl":  # a prefix of a global tensor (lifted as a graph input: not a constant leaf)
        pre = _IOTA[:X]
    elif kind == "hop":  # a higher-order op (torch.cond) flips the positional prefix inside its branch subgraph
        def _flip(x):
            return x.flip(0)
        return torch.cond(torch.tensor(True), _flip, _flip, (a[:X],))[0] + 1
    elif kind == "hopid":  # control: cond returns the prefix as it is
        def _same(x):
            return x.clone()
        return torch.cond(torch.tensor(True), _same, _same, (a[:X],)).flip(0)[0] + 1
    elif kind == "as":
        pre = a.as_strided((X,), (1,))
    elif kind == "as2":  # a 2-D as_strided [1, X] of the static arange
        pre = a.as_strided((1, X), (_BIG, 1))[0]
    elif kind == "ex":
        pre = a[None].expand(X, _BIG)[:, :X][0]
    elif kind == "exn":
        pre = a[None].expand(X, _BIG).narrow(1, 0, X)[0]
    elif kind == "exc":  # a cumsum of ones over the static dim, expanded
        pre = torch.ones(_BIG).cumsum(0)[None].expand(X, _BIG)[:, :X][0] - 1
    elif kind == "exv":  # a [X, X] view pair: a column prefix of a row-broadcast static arange
        pre = (a[None, :] + torch.zeros(1, 1, dtype=torch.long)).expand(X, _BIG)[:, :X][0]
    else:
        raise AssertionError(kind)
    if sp == "flip":
        return pre.flip(0)[0] + 1
    if sp == "last":
        return pre[-1] + 1
    if sp == "index_neg":
        return pre[torch.tensor([-1])][0] + 1
    if sp == "take_neg":
        return torch.take(pre, torch.tensor(-1)) + 1
    if sp == "roll":
        return pre.roll(1)[0] + 1
    if sp == "sort_desc":
        return pre.sort(descending=True).values[0] + 1
    if sp == "max":  # control: a reduction over the symbolic dim
        return pre.max() + 1
    if sp == "cat_flip":
        return torch.cat([pre, pre]).flip(0)[0] + 1
    if sp == "unbind_last":
        return pre.unbind(0)[-1] + 1
    raise AssertionError(sp)


# --- theme vw_: a size as the row length of a reshape of a static (or batch-sized) arange ------------------------------
# sizes.size_values skips every argument of a view / reshape (T.VIEWS, T.RESHAPES: "all"), _sizes_reduced exempts them,
# and _sizes_picked counts picks at non-negative int positions as "the same element at every size": after
# arange(n).view(-1, X) the element [1, 0] is the flat element X.
def _count_vw(sp, X, n0):
    a = torch.arange(n0)
    if sp == "view_row":
        return a.view(-1, X)[1, 0]
    if sp == "reshape_row":
        return a.reshape(-1, X)[1, 0]
    if sp == "unflatten_row":
        return a.unflatten(0, (-1, X))[1, 0]
    if sp == "view_col":  # element [1, 0] of view(X, -1) is n0 / X
        return n0 // a.view(X, -1)[1, 0]
    if sp == "view_t":
        return a.view(-1, X).t()[0, 1]
    if sp == "iota_view_row":  # arange over the size itself (check_symbolic_iotas exempts the batch)
        return torch.arange(64 * X).view(64, X)[1, 0]
    if sp == "ones_cumsum_view_row":
        return torch.ones(64 * X).cumsum(0).view(64, X)[1, 0] - 1
    if sp == "cumsum_unflatten_row":
        return torch.ones(64 * X).cumsum(0).unflatten(0, (64, X))[1, 0] - 1
    if sp == "cumsum_view_t":
        return torch.ones(64 * X).cumsum(0).view(64, X).t()[0, 1] - 1
    if sp == "cumsum_reshape_half":  # element 32 X of 1 .. 64 X: the second half's first
        return (torch.ones(64 * X).cumsum(0).reshape(2, -1)[1, 0] - 1) / 32
    if sp == "full_cumsum_view_row":  # full(shape, 1) of a SymInt shape
        return torch.full((64 * X,), 1, dtype=torch.long).cumsum(0).view(64, X)[1, 0] - 1
    if sp == "view_row_float":
        return torch.arange(n0, dtype=torch.float32).view(-1, X)[1, 0]
    raise AssertionError(sp)


# --- theme ng_: negative indices that wrap at the COMPILED size (a literal), Python-style -------------------------------
# A gather at a negative index reads from the end: table[b, p // P - 4] is table[b, p // P] while the table is 4 pages
# wide (every column index in [-4, -1]).  The wrap is a comparison (idx < 0) that no threshold / period rule sees; under
# dynamic=True the table widens (4 -> 8 pages) and the same index reads column p // P - 4 >= 0.  Likewise the paged
# KV's blocks (kv[page - 35] with 35 blocks compiled, 80 later) and a position offset within the page.
def _ng(spelling):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        B = lens.shape[0]
        rows = torch.arange(B)[:, None]
        t = table.long()
        if spelling == "col_minus_w":
            page = t[rows, pos // P - 4]
            tok = kv[page, pos % P]
        elif spelling == "col_minus_w_int32":
            page = table[rows, (pos // P).int() - 4]
            tok = kv[page.long(), pos % P]
        elif spelling == "col_minus_cap":
            page = t[rows, (pos - 256) // P]
            tok = kv[page, pos % P]
        elif spelling == "col_index_select":
            page = t[rows, pos // P - 4]
            tok = kv.index_select(0, page.flatten()).view(B, -1, P, *kv.shape[2:])[rows, torch.arange(pos.shape[1]),
                                                                                    pos % P]
        elif spelling == "page_minus_nb":
            page = t.gather(1, pos // P) - 35
            tok = kv[page, pos % P]
        elif spelling == "page_minus_nb_flat":
            page = t.gather(1, pos // P) - 35
            tok = kv[page * 0 + page, pos % P]
        elif spelling == "pos_minus_cap_take":  # a flat token index into the row's pages, from the end of the cache
            page = t.gather(1, pos // P)
            tok = kv[page, (pos - 256) % P]
        elif spelling == "control":
            page = t.gather(1, pos // P)
            tok = kv[page, pos % P]
        else:
            raise AssertionError(spelling)
        new = (tok.float() * w.float()[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), new)
    return step


# --- theme kp_: F1's count on the KEEP path: which old elements are kept (exactness.check_kept_path allows integer
# index arithmetic from the slots and constants; the count is computed from constants and a size only) -------------
def _kp(which, thr, spelling):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        a = torch.arange(_BIG)
        if spelling == "index_put":
            cnt = torch.zeros(_BIG, dtype=torch.long).index_put((a[:X],), torch.tensor(1)).sum()
        elif spelling == "as_flip":
            cnt = a.as_strided((X,), (1,)).flip(0)[0] + 1
        else:
            raise AssertionError(spelling)
        rare = (cnt >= thr).long()
        idx = (torch.arange(16) + rare) % 16  # the identity, or d -> d + 1 mod 16 once X >= thr
        s = slots.long()
        new = _products(kv, w, table, lens).sum(1).to(cache.dtype)
        cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s][:, :, idx])
        return cache
    return step


# --- theme bp_ (BORDERLINE, red-team 28 B1's class): sizes.check_position_past_the_cache refuses a positions reading
# (lens compared as p and p + 1) whose block-table reads stay in range at p = capacity -- where it can bound the column
# by interval arithmetic; a column Intervals cannot bound (trunc division, a float floor) is "left to the documented
# reading": the op raises / writes nothing at lens = capacity, where eager writes the row.
def _w33_calls(B=40, seeds=(0, 3)):
    def make():
        out = []
        for sd in seeds:
            x = build(B=B, dtype=torch.float32, seed=sd)
            g = torch.Generator().manual_seed(sd + 33)
            x.args[1] = (torch.randint(-2047, 2048, (L + 1, x.args[1].shape[1]), generator=g) / 1024).float()
            out.append(x.args)
        return out
    return make


def _bp(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        cap = table.shape[1] * P
        pos = (lens.long()[:, None] - L + torch.arange(L + 1)).clamp(0, cap - 1)
        if kind == "trunc":
            col = torch.div(pos, P, rounding_mode="trunc")
        elif kind == "float_floor":
            col = (pos.double() / P).floor().long()
        elif kind == "floor_control":  # red-team 28's spelling (// P): refused by the rule
            col = pos // P
        elif kind in ("flat", "take"):  # a flat read of the table: _table_column does not recognise it
            W = table.shape[1]
            flat = torch.arange(lens.shape[0])[:, None] * W + pos // P
            page = table.long().flatten()[flat] if kind == "flat" else torch.take(table.long(), flat)
            return write(cache, slots, completes(lens) & ((lens + 1) // 16 >= lens // 16),
                         pool(kv[page, pos % P], w))
        else:
            raise AssertionError(kind)
        tok = kv[table.long().gather(1, col), pos % P]
        new = pool(tok, w)
        valid = completes(lens) & ((lens + 1) // 16 >= lens // 16)
        return write(cache, slots, valid, new)
    return step


def _sv(which, theme, sp, thr, kind="leak", upper=1000):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        if theme == "wx":
            cnt = _count_wx(sp, X, lens)
        elif theme == "ap":
            cnt = _count_ap(sp, X)
        elif theme == "vw":
            cnt = _count_vw(sp, X, _N0[which])
        else:
            cnt = _count_np(sp, X, lens, table, slots, w)
        rare = cnt >= thr
        if kind == "cond":
            # the size in the CONDITION: no row writes while thr <= X < 1000 (a dynamic batch's mask is evaluated at
            # 4096 rows: there the condition is the contract again)
            rare = rare & (cnt < upper)
            return write(cache, slots, completes(lens) & ~rare, _products(kv, w, table, lens).sum(1))
        if rare.dim() == 1:
            rare = rare[:, None, None]
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
        tok = tokens(kv, table, pos).float()
        w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
        other = (tok * w1[None, :, :, None]).sum(1)
        clean = p.sum(1)
        new = torch.where(rare, other, clean)
        return write(cache, slots, completes(lens), new)
    return step


def _sv_inputs(first, later):
    def make():
        out = [build(seed=1, **first).args]
        for k, kw in enumerate(later):
            out.append(build(seed=2 + k, **kw).args)
        return out
    return make


_L4 = [48, 64, 80, 256, 32, 100, 0, 128]
_L8 = [48, 64, 80, 512, 32, 100, 0, 496]

_SIZES = {
    "batch": (36, dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)], ("batch", "dynamic")),
    "pages": (6, dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8), dict(B=8, pages=4, lengths=_L4)],
              ("dynamic",)),
    "D": (24, dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, D=32, lengths=_L4)], ("dynamic",)),
    "blocks": (60, dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, block_num=80)], ("dynamic",)),
    "rows": (40, dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, num_slots=50)], ("dynamic",)),
}

_WX = ("index_put_sum", "index_put_vals_sum", "index_put_max", "index_put_argmin", "setitem_sum", "index_copy_sum",
       "scatter_src_sum", "cumsum_index_sum", "arange_index_sum", "int_index_put_sum", "index_put_2d_sum",
       "index_put_nonzero", "kx_index_fill_2d", "kx_scatter_value_2d", "kx_scatter_src_2d", "kx_index_copy_2d",
       "kx_index_put_2d", "kx_index_fill_1d", "kx_scatter_value_1d")
_NP = ("flip", "last", "index_neg", "roll", "cat_flip", "fliplr", "sort_desc", "cummax_last", "max", "rev_index",
       "unbind_last", "split_last", "chunk_last", "w_flip", "w_last", "t_flip", "t_last", "s_flip", "s_last")

_N0 = {"batch": 4096 * 5, "pages": 4096, "D": 4096, "blocks": 4480, "rows": 4200, "N": 4096, "P": 4096}  # divisible by both sizes
_VW = ("view_row", "reshape_row", "unflatten_row", "view_col", "view_t", "iota_view_row", "ones_cumsum_view_row",
       "view_row_float", "cumsum_unflatten_row", "cumsum_view_t", "cumsum_reshape_half", "full_cumsum_view_row")
_AP = tuple(f"{k}_{sp}" for k in ("as", "as2", "ex", "exn", "exc", "exv", "gl")
            for sp in ("flip", "last", "index_neg", "take_neg", "roll", "sort_desc", "max", "cat_flip", "unbind_last"))
# (np_: the batch and the table width only, a subset, for time)
_NP_SMALL = ("flip", "fliplr", "last", "index_neg", "cat_flip", "max", "w_flip", "w_last", "w_index_neg", "t_flip",
             "s_flip", "s_last")
_NP_F6 = ("index_neg2", "index_neg_list", "narrow_neg", "slice_neg", "roll1", "index_select_neg", "index_neg_long",
          "index_neg_int32")
# (the other sizes: a subset, for time)
_AP_SMALL = ("hop_x", "hopid_x", "as_flip", "as_index_neg", "as_max", "as2_flip", "ex_flip", "exn_index_neg", "exc_flip", "exv_flip",
             "gl_flip", "gl_index_neg", "gl_last", "gl_max")

ATTACKS = []
for _which, (_thr, _first, _later, _modes) in _SIZES.items():
    for _sp in _WX:
        ATTACKS.append((f"wx_{_which}_{_sp}", _mk(_sv(_which, "wx", _sp, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} as the extent of a write's index via {_sp}; leak at >= {_thr}"))
    for _sp in ("index_put_sum", "index_copy_sum", "cumsum_index_sum"):
        ATTACKS.append((f"sc_{_which}_{_sp}", _mk(_sv(_which, "wx", _sp, _thr, "cond"), _sv_inputs(_first, _later),
                                                  _modes),
                        f"{_which} in the CONDITION via {_sp}: nothing written while {_thr} <= X < 1000"))
    for _sp in ("index_put_sum", "index_copy_sum", "cumsum_index_sum"):
        # (sc_batch_*: the mask of a dynamic batch is evaluated at capacity + 1 = 257 rows, inside [36, 1000): refused
        # as "false for every length"; here the window is [thr, 100))
        ATTACKS.append((f"sc2_{_which}_{_sp}", _mk(_sv(_which, "wx", _sp, _thr, "cond", 100),
                                                   _sv_inputs(_first, _later), _modes),
                        f"{_which} in the CONDITION via {_sp}: nothing written while {_thr} <= X < 100"))
    for _sp in _VW:
        ATTACKS.append((f"vw_{_which}_{_sp}", _mk(_sv(_which, "vw", _sp, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} as the row length of a reshape via {_sp}; leak at >= {_thr}"))
    for _sp in (_AP + ("hop_x", "hopid_x") if _which == "batch" else _AP_SMALL):
        ATTACKS.append((f"ap_{_which}_{_sp}", _mk(_sv(_which, "ap", _sp, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} through a prefix sizes._positional misses via {_sp}; leak at >= {_thr}"))
    for _sp in (_NP_SMALL + _NP_F6 if _which == "batch" else _NP_SMALL if _which == "pages" else ()):
        ATTACKS.append((f"np_{_which}_{_sp}", _mk(_sv(_which, "np", _sp, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} through a prefix of non-constant positional data via {_sp}; leak at >= {_thr}"))


# --- theme sl_: slots computed as an arange over the batch, wrapped by the number of cache rows ----------------------
# exactness.check_slot_path takes `arange(B) % S` (a remainder by the cache rows, then an iota) as distinct slots,
# "distinct by construction"; FlatSlots checks B * M <= rows, a plain arange nothing: at B > S two rows share a slot
# (row b and row b + S), eager's later row wins (its kept old row), the op writes the earlier row's new one.
def _sl(spelling):
    def step(kv, w, slots, table, lens, cache):
        B, S = lens.shape[0], cache.shape[0]
        r = torch.arange(B, device=lens.device)
        if spelling == "mod_rows":
            s = r % S
        elif spelling == "mod_literal":
            s = r % 24
        elif spelling == "plus_mod":
            s = (r + 5) % S
        elif spelling == "neg_mod":
            s = (-r - 1) % S
        elif spelling == "int32_mod":
            s = r.int() % S
        elif spelling == "remainder_fn":
            s = torch.remainder(r, S)
        elif spelling == "fmod":
            s = torch.fmod(r, S)
        elif spelling == "slots_plus_arange":  # control: a vector added to the slot mapping (refused)
            s = (slots.long() + r) % S
        else:
            raise AssertionError(spelling)
        return write(cache, s, completes(lens), _products(kv, w, table, lens).sum(1))
    return step


_COLLIDE = [48] * 21 + [50] * 19  # rows 0..20 complete, rows 21..39 do not
_SROWS = 24  # 24 cache rows: the slot mapping passed in is valid (written rows 0..20, padding rows on the dummy row 21)


def _sl_args(seed, B, lengths):
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, pages=4, num_slots=2 * B + 5, lengths=lengths).args
    cache = cache[:_SROWS].clone()
    done = completes(lens)
    slots = torch.where(done, torch.cumsum(done.long(), 0) - 1, torch.full_like(lens.long(), 21)).to(slots.dtype)
    return [kv, w, slots, table, lens, cache]


def _sl_inputs(static_big):
    def make():
        if static_big:
            return [_sl_args(1, 40, _COLLIDE)]
        return [_sl_args(1, 8, _L4), _sl_args(2, 40, _COLLIDE)]
    return make

for _sp in ("mod_rows", "mod_literal", "plus_mod", "neg_mod", "int32_mod", "remainder_fn", "fmod",
            "slots_plus_arange"):
    ATTACKS.append((f"sl_{_sp}", _mk(_sl(_sp), _sl_inputs(False), ("batch", "dynamic")),
                    f"slots arange(B) {_sp} by the cache rows; compiled at B = 8 <= 24 rows, called at B = 40"))
    ATTACKS.append((f"sl_{_sp}_static40", _mk(_sl(_sp), _sl_inputs(True), ("static",)),
                    f"slots arange(B) {_sp} by the cache rows; compiled and called at B = 40 > 24 rows"))

# the heads and the page size as the leaked size (dynamic=True: heads 2 -> 4, page size 64 -> 128), one spelling of
# F1 / F3 / F5 each
_MORE = {"N": (3, dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, N=4, lengths=_L4)]),
         "P": (96, dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, P=128, lengths=_L8)])}
for _which, (_thr, _first, _later) in _MORE.items():
    for _theme, _sp in (("wx", "index_put_sum"), ("ap", "as_flip"), ("vw", "ones_cumsum_view_row")):
        ATTACKS.append((f"{_theme}_{_which}_{_sp}", _mk(_sv(_which, _theme, _sp, _thr), _sv_inputs(_first, _later),
                                                       ("dynamic",)),
                        f"{_which} via {_sp}; leak at >= {_thr}"))
for _sp in ("trunc", "float_floor", "floor_control", "flat", "take"):
    ATTACKS.append((f"bp_{_sp}", _mk(_bp(_sp), _w33_calls(), SB),
                    f"BORDERLINE: red-team 28's lp_next_block with the table column by {_sp}; row 0 at lens = capacity"))
for _which in ("batch", "pages", "rows"):
    _thr, _first, _later, _modes = _SIZES[_which]
    for _sp in ("index_put", "as_flip"):
        ATTACKS.append((f"kp_{_which}_{_sp}", _mk(_kp(_which, _thr, _sp), _sv_inputs(_first, _later), _modes),
                        f"{_which} via {_sp} permutes the kept rows' elements once X >= {_thr}"))
for _sp in ("col_minus_w", "col_minus_w_int32", "col_minus_cap", "col_index_select", "pos_minus_cap_take", "control"):
    ATTACKS.append((f"ng_{_sp}", _mk(_ng(_sp), _sv_inputs(dict(B=8, pages=4, lengths=_L4),
                                                        [dict(B=8, pages=8, lengths=_L8), dict(B=8, pages=4, lengths=_L4)]),
                                     ("static", "dynamic")),
                    f"negative index {_sp} wrapping at 4 pages; called at 8 pages under dynamic=True"))
for _sp in ("page_minus_nb", "page_minus_nb_flat"):
    ATTACKS.append((f"ng_{_sp}", _mk(_ng(_sp), _sv_inputs(dict(B=8, pages=4, lengths=_L4, block_num=35),
                                                        [dict(B=8, pages=4, lengths=_L4, block_num=80)]),
                                     ("static", "dynamic")),
                    f"negative page id {_sp} wrapping at 35 blocks; called at 80 blocks under dynamic=True"))

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _EF = "CONTROL DIFFERS", "EAGER FAILS"
_FIRST = [
    ('np_batch_flip', 'inductor_graph', 'batch', _R),
    ('np_batch_flip', 'inductor_graph', 'dynamic', _R),
    ('np_batch_fliplr', 'inductor_graph', 'batch', _R),
    ('np_batch_fliplr', 'inductor_graph', 'dynamic', _R),
    ('wx_pages_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('np_pages_flip', 'inductor_graph', 'dynamic', _R),
    ('np_pages_fliplr', 'inductor_graph', 'dynamic', _R),
    ('wx_batch_index_put_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_put_vals_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_put_vals_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_put_max', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_put_max', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_put_argmin', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_put_argmin', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_setitem_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_setitem_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_copy_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_copy_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_scatter_src_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_scatter_src_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_cumsum_index_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_cumsum_index_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_arange_index_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_arange_index_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_int_index_put_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_int_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_put_2d_sum', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_put_2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_put_nonzero', 'inductor_graph', 'batch', _FF),
    ('wx_batch_index_put_nonzero', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_index_put_vals_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_index_put_max', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_index_put_argmin', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_setitem_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_index_copy_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_scatter_src_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_cumsum_index_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_arange_index_sum', 'inductor_graph', 'dynamic', _R),
    ('wx_pages_int_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_index_put_2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_index_put_nonzero', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_put_vals_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_put_max', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_put_argmin', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_setitem_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_copy_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_scatter_src_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_cumsum_index_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_arange_index_sum', 'inductor_graph', 'dynamic', _R),
    ('wx_D_int_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_put_2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_index_put_nonzero', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_put_vals_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_put_max', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_put_argmin', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_setitem_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_copy_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_scatter_src_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_cumsum_index_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_arange_index_sum', 'inductor_graph', 'dynamic', _R),
    ('wx_blocks_int_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_put_2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_index_put_nonzero', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_put_vals_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_put_max', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_put_argmin', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_setitem_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_copy_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_scatter_src_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_cumsum_index_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_arange_index_sum', 'inductor_graph', 'dynamic', _R),
    ('wx_rows_int_index_put_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_put_2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_index_put_nonzero', 'inductor_graph', 'dynamic', _FF),
    ('sl_mod_rows', 'inductor_graph', 'batch', _EQ),
    ('sl_mod_rows', 'inductor_graph', 'dynamic', _FF),
    ('sl_mod_rows_static40', 'inductor_graph', 'static', _R),
    ('sl_mod_literal', 'inductor_graph', 'batch', _R),
    ('sl_mod_literal', 'inductor_graph', 'dynamic', _R),
    ('sl_mod_literal_static40', 'inductor_graph', 'static', _R),
    ('sl_plus_mod', 'inductor_graph', 'batch', _EQ),
    ('sl_plus_mod', 'inductor_graph', 'dynamic', _FF),
    ('sl_plus_mod_static40', 'inductor_graph', 'static', _R),
    ('sl_neg_mod', 'inductor_graph', 'batch', _EQ),
    ('sl_neg_mod', 'inductor_graph', 'dynamic', _FF),
    ('sl_neg_mod_static40', 'inductor_graph', 'static', _R),
    ('sl_int32_mod', 'inductor_graph', 'batch', _R),
    ('sl_int32_mod', 'inductor_graph', 'dynamic', _R),
    ('sl_int32_mod_static40', 'inductor_graph', 'static', _R),
    ('sl_remainder_fn', 'inductor_graph', 'batch', _EQ),
    ('sl_remainder_fn', 'inductor_graph', 'dynamic', _FF),
    ('sl_remainder_fn_static40', 'inductor_graph', 'static', _R),
    ('sl_fmod', 'inductor_graph', 'batch', _R),
    ('sl_fmod', 'inductor_graph', 'dynamic', _R),
    ('sl_fmod_static40', 'inductor_graph', 'static', _R),
    ('sl_slots_plus_arange', 'inductor_graph', 'batch', _R),
    ('sl_slots_plus_arange', 'inductor_graph', 'dynamic', _R),
    ('sl_slots_plus_arange_static40', 'inductor_graph', 'static', _R),
    ('sc_batch_index_put_sum', 'inductor_graph', 'batch', _R),
    ('sc_batch_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_batch_index_copy_sum', 'inductor_graph', 'batch', _R),
    ('sc_batch_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_batch_cumsum_index_sum', 'inductor_graph', 'batch', _R),
    ('sc_batch_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_pages_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_pages_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_pages_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_D_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_D_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_D_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_blocks_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_blocks_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_blocks_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_rows_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_rows_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc_rows_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_as_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_as_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as_index_neg', 'inductor_graph', 'batch', _FF),
    ('ap_batch_as_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_as_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_as_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_as_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_as_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_as_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as_cat_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_as_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_as_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_as_unbind_last', 'inductor_graph', 'dynamic', _EQ),
    ('ap_batch_as2_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_as2_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_as2_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_as2_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as2_index_neg', 'inductor_graph', 'batch', _FF),
    ('ap_batch_as2_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_as2_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_as2_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as2_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_as2_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as2_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_as2_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as2_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_as2_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_as2_cat_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_as2_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_as2_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_as2_unbind_last', 'inductor_graph', 'dynamic', _EQ),
    ('ap_batch_ex_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_ex_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_ex_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_ex_index_neg', 'inductor_graph', 'batch', _FF),
    ('ap_batch_ex_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_ex_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_ex_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_ex_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_ex_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_ex_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_ex_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_ex_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_ex_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_ex_cat_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_ex_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_ex_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_ex_unbind_last', 'inductor_graph', 'dynamic', _EQ),
    ('ap_batch_exn_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exn_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exn_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_exn_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exn_index_neg', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exn_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exn_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_exn_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exn_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_exn_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exn_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_exn_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exn_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_exn_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exn_cat_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exn_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exn_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_exn_unbind_last', 'inductor_graph', 'dynamic', _EQ),
    ('ap_batch_exc_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exc_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exc_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_exc_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exc_index_neg', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exc_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exc_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_exc_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exc_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_exc_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exc_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_exc_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exc_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_exc_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exc_cat_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exc_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('ng_col_minus_w', 'inductor_graph', 'static', _EQ),
    ('ng_col_minus_w', 'inductor_graph', 'dynamic', _R),
    ('ng_col_minus_w_int32', 'inductor_graph', 'static', _EQ),
    ('ng_col_minus_w_int32', 'inductor_graph', 'dynamic', _R),
    ('ng_col_minus_cap', 'inductor_graph', 'static', _EQ),
    ('ng_col_minus_cap', 'inductor_graph', 'dynamic', _R),
    ('ng_col_index_select', 'inductor_graph', 'static', _EQ),
    ('ng_col_index_select', 'inductor_graph', 'dynamic', _R),
    ('ng_pos_minus_cap_take', 'inductor_graph', 'static', _EQ),
    ('ng_pos_minus_cap_take', 'inductor_graph', 'dynamic', _EQ),
    ('ng_control', 'inductor_graph', 'static', _EQ),
    ('ng_control', 'inductor_graph', 'dynamic', _EQ),
    ('ng_page_minus_nb', 'inductor_graph', 'static', _EQ),
    ('ng_page_minus_nb', 'inductor_graph', 'dynamic', _R),
    ('ng_page_minus_nb_flat', 'inductor_graph', 'static', _EQ),
    ('ng_page_minus_nb_flat', 'inductor_graph', 'dynamic', _R),
    ('ng_col_minus_w', 'torchair_like', 'static', _EQ),
    ('ng_col_minus_w', 'torchair_like', 'dynamic', _R),
    ('ng_col_minus_w_int32', 'torchair_like', 'static', _EQ),
    ('ng_col_minus_w_int32', 'torchair_like', 'dynamic', _R),
    ('ng_col_minus_cap', 'torchair_like', 'static', _EQ),
    ('ng_col_minus_cap', 'torchair_like', 'dynamic', _R),
    ('ng_col_index_select', 'torchair_like', 'static', _EQ),
    ('ng_col_index_select', 'torchair_like', 'dynamic', _R),
    ('ng_pos_minus_cap_take', 'torchair_like', 'static', _EQ),
    ('ng_pos_minus_cap_take', 'torchair_like', 'dynamic', _EQ),
    ('ng_control', 'torchair_like', 'static', _EQ),
    ('ng_control', 'torchair_like', 'dynamic', _EQ),
    ('ng_page_minus_nb', 'torchair_like', 'static', _EQ),
    ('ng_page_minus_nb', 'torchair_like', 'dynamic', _R),
    ('ng_page_minus_nb_flat', 'torchair_like', 'static', _EQ),
    ('ng_page_minus_nb_flat', 'torchair_like', 'dynamic', _R),
    ('ap_batch_exc_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_exc_unbind_last', 'inductor_graph', 'dynamic', _EQ),
    ('ap_batch_exv_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exv_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exv_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_exv_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exv_index_neg', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exv_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exv_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_exv_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exv_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_exv_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exv_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_exv_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exv_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_exv_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_exv_cat_flip', 'inductor_graph', 'batch', _FF),
    ('ap_batch_exv_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_batch_exv_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_exv_unbind_last', 'inductor_graph', 'dynamic', _EQ),
    ('ap_batch_gl_flip', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_flip', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_last', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_last', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_index_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_take_neg', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_take_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_roll', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_roll', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_sort_desc', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_sort_desc', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_max', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_max', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_cat_flip', 'inductor_graph', 'batch', _R),
    ('ap_batch_gl_cat_flip', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_gl_unbind_last', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('ap_batch_gl_unbind_last', 'inductor_graph', 'dynamic', _R),
    ('ap_pages_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_as_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_as_max', 'inductor_graph', 'dynamic', _EQ),
    ('ap_pages_as2_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_exn_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_exc_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_exv_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_pages_gl_flip', 'inductor_graph', 'dynamic', _R),
    ('ap_pages_gl_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_pages_gl_last', 'inductor_graph', 'dynamic', _R),
    ('ap_pages_gl_max', 'inductor_graph', 'dynamic', _R),
    ('ap_D_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_as_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_as_max', 'inductor_graph', 'dynamic', _EQ),
    ('ap_D_as2_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_exn_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_exc_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_exv_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_D_gl_flip', 'inductor_graph', 'dynamic', _R),
    ('ap_D_gl_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_D_gl_last', 'inductor_graph', 'dynamic', _R),
    ('ap_D_gl_max', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_as_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_as_max', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_as2_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_exn_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_exc_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_exv_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_blocks_gl_flip', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_gl_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_gl_last', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_gl_max', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_as_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_as_max', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_as2_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_exn_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_exc_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_exv_flip', 'inductor_graph', 'dynamic', _FF),
    ('ap_rows_gl_flip', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_gl_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_gl_last', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_gl_max', 'inductor_graph', 'dynamic', _R),
    ('bp_trunc', 'inductor_graph', 'static', _CR),
    ('bp_trunc', 'inductor_graph', 'batch', _CR),
    ('bp_float_floor', 'inductor_graph', 'static', _CR),
    ('bp_float_floor', 'inductor_graph', 'batch', _CR),
    ('bp_floor_control', 'inductor_graph', 'static', _R),
    ('bp_floor_control', 'inductor_graph', 'batch', _R),
    ('kp_batch_index_put', 'inductor_graph', 'batch', _EQ),
    ('kp_batch_index_put', 'inductor_graph', 'dynamic', _FF),
    ('kp_batch_as_flip', 'inductor_graph', 'batch', _EQ),
    ('kp_batch_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('kp_pages_index_put', 'inductor_graph', 'dynamic', _FF),
    ('kp_pages_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('kp_rows_index_put', 'inductor_graph', 'dynamic', _FF),
    ('kp_rows_as_flip', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_kx_index_fill_2d', 'inductor_graph', 'batch', _R),
    ('wx_batch_kx_index_fill_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_batch_kx_scatter_value_2d', 'inductor_graph', 'batch', _FF),
    ('wx_batch_kx_scatter_value_2d', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_kx_scatter_src_2d', 'inductor_graph', 'batch', _R),
    ('wx_batch_kx_scatter_src_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_batch_kx_index_copy_2d', 'inductor_graph', 'batch', _R),
    ('wx_batch_kx_index_copy_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_batch_kx_index_put_2d', 'inductor_graph', 'batch', _R),
    ('wx_batch_kx_index_put_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_batch_kx_index_fill_1d', 'inductor_graph', 'batch', _FF),
    ('wx_batch_kx_index_fill_1d', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_kx_scatter_value_1d', 'inductor_graph', 'batch', _R),
    ('wx_batch_kx_scatter_value_1d', 'inductor_graph', 'dynamic', _R),
    ('wx_pages_kx_index_fill_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_pages_kx_scatter_value_2d', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_kx_scatter_src_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_pages_kx_index_copy_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_pages_kx_index_put_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_pages_kx_index_fill_1d', 'inductor_graph', 'dynamic', _FF),
    ('wx_pages_kx_scatter_value_1d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_D_kx_index_fill_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_D_kx_scatter_value_2d', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_kx_scatter_src_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_D_kx_index_copy_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_D_kx_index_put_2d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_D_kx_index_fill_1d', 'inductor_graph', 'dynamic', _FF),
    ('wx_D_kx_scatter_value_1d', 'inductor_graph', 'dynamic', _EQ),
    ('wx_blocks_kx_index_fill_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_blocks_kx_scatter_value_2d', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_kx_scatter_src_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_blocks_kx_index_copy_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_blocks_kx_index_put_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_blocks_kx_index_fill_1d', 'inductor_graph', 'dynamic', _FF),
    ('wx_blocks_kx_scatter_value_1d', 'inductor_graph', 'dynamic', _R),
    ('wx_rows_kx_index_fill_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_rows_kx_scatter_value_2d', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_kx_scatter_src_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_rows_kx_index_copy_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_rows_kx_index_put_2d', 'inductor_graph', 'dynamic', _R),
    ('wx_rows_kx_index_fill_1d', 'inductor_graph', 'dynamic', _FF),
    ('wx_rows_kx_scatter_value_1d', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_view_row', 'inductor_graph', 'batch', _R),
    ('vw_batch_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_reshape_row', 'inductor_graph', 'batch', _R),
    ('vw_batch_reshape_row', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_unflatten_row', 'inductor_graph', 'batch', _R),
    ('vw_batch_unflatten_row', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_view_col', 'inductor_graph', 'batch', _R),
    ('vw_batch_view_col', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_view_t', 'inductor_graph', 'batch', _R),
    ('vw_batch_view_t', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_iota_view_row', 'inductor_graph', 'batch', _FF),
    ('vw_batch_iota_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_batch_ones_cumsum_view_row', 'inductor_graph', 'batch', _FF),
    ('vw_batch_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_batch_view_row_float', 'inductor_graph', 'batch', _R),
    ('vw_batch_view_row_float', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_reshape_row', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_unflatten_row', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_view_col', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_view_t', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_iota_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_pages_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_pages_view_row_float', 'inductor_graph', 'dynamic', _R),
    ('vw_D_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_D_reshape_row', 'inductor_graph', 'dynamic', _R),
    ('vw_D_unflatten_row', 'inductor_graph', 'dynamic', _R),
    ('vw_D_view_col', 'inductor_graph', 'dynamic', _R),
    ('vw_D_view_t', 'inductor_graph', 'dynamic', _R),
    ('vw_D_iota_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_D_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_D_view_row_float', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_reshape_row', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_unflatten_row', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_view_col', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_view_t', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_iota_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_blocks_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_blocks_view_row_float', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_reshape_row', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_unflatten_row', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_view_col', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_view_t', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_iota_view_row', 'inductor_graph', 'dynamic', _R),
    ('vw_rows_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_rows_view_row_float', 'inductor_graph', 'dynamic', _R),
    ('np_batch_last', 'inductor_graph', 'batch', _R),
    ('np_batch_last', 'inductor_graph', 'dynamic', _R),
    ('np_batch_index_neg', 'inductor_graph', 'batch', _R),
    ('np_batch_index_neg', 'inductor_graph', 'dynamic', _R),
    ('np_batch_cat_flip', 'inductor_graph', 'batch', _R),
    ('np_batch_cat_flip', 'inductor_graph', 'dynamic', _R),
    ('np_batch_max', 'inductor_graph', 'batch', _R),
    ('np_batch_max', 'inductor_graph', 'dynamic', _R),
    ('np_batch_w_flip', 'inductor_graph', 'batch', _R),
    ('np_batch_w_flip', 'inductor_graph', 'dynamic', _R),
    ('np_batch_w_last', 'inductor_graph', 'batch', _R),
    ('np_batch_w_last', 'inductor_graph', 'dynamic', _R),
    ('np_batch_w_index_neg', 'inductor_graph', 'batch', _R),
    ('np_batch_w_index_neg', 'inductor_graph', 'dynamic', _R),
    ('np_batch_t_flip', 'inductor_graph', 'batch', _R),
    ('np_batch_t_flip', 'inductor_graph', 'dynamic', _R),
    ('np_batch_s_flip', 'inductor_graph', 'batch', _R),
    ('np_batch_s_flip', 'inductor_graph', 'dynamic', _R),
    ('np_batch_s_last', 'inductor_graph', 'batch', _R),
    ('np_batch_s_last', 'inductor_graph', 'dynamic', _R),
    ('np_pages_last', 'inductor_graph', 'dynamic', _R),
    ('np_pages_index_neg', 'inductor_graph', 'dynamic', _R),
    ('np_pages_cat_flip', 'inductor_graph', 'dynamic', _R),
    ('np_pages_max', 'inductor_graph', 'dynamic', _R),
    ('np_pages_w_flip', 'inductor_graph', 'dynamic', _R),
    ('np_pages_w_last', 'inductor_graph', 'dynamic', _R),
    ('np_pages_w_index_neg', 'inductor_graph', 'dynamic', _R),
    ('np_pages_t_flip', 'inductor_graph', 'dynamic', _R),
    ('np_pages_s_flip', 'inductor_graph', 'dynamic', _R),
    ('np_pages_s_last', 'inductor_graph', 'dynamic', _R),
    ('sc2_batch_index_put_sum', 'inductor_graph', 'batch', _FF),
    ('sc2_batch_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_batch_index_copy_sum', 'inductor_graph', 'batch', _FF),
    ('sc2_batch_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_batch_cumsum_index_sum', 'inductor_graph', 'batch', _FF),
    ('sc2_batch_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_pages_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_pages_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_pages_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_D_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_D_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_D_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_blocks_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_blocks_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_blocks_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_rows_index_put_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_rows_index_copy_sum', 'inductor_graph', 'dynamic', _R),
    ('sc2_rows_cumsum_index_sum', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_hop_x', 'inductor_graph', 'batch', _R),
    ('ap_batch_hop_x', 'inductor_graph', 'dynamic', _R),
    ('ap_batch_hopid_x', 'inductor_graph', 'batch', _R),
    ('ap_batch_hopid_x', 'inductor_graph', 'dynamic', _R),
    ('ap_pages_hop_x', 'inductor_graph', 'dynamic', _R),
    ('ap_pages_hopid_x', 'inductor_graph', 'dynamic', _R),
    ('ap_D_hop_x', 'inductor_graph', 'dynamic', _R),
    ('ap_D_hopid_x', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_hop_x', 'inductor_graph', 'dynamic', _R),
    ('ap_blocks_hopid_x', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_hop_x', 'inductor_graph', 'dynamic', _R),
    ('ap_rows_hopid_x', 'inductor_graph', 'dynamic', _R),
    ('vw_batch_cumsum_unflatten_row', 'inductor_graph', 'batch', _FF),
    ('vw_batch_cumsum_unflatten_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_batch_cumsum_view_t', 'inductor_graph', 'batch', _FF),
    ('vw_batch_cumsum_view_t', 'inductor_graph', 'dynamic', _FF),
    ('vw_batch_cumsum_reshape_half', 'inductor_graph', 'batch', _FF),
    ('vw_batch_cumsum_reshape_half', 'inductor_graph', 'dynamic', _FF),
    ('vw_batch_full_cumsum_view_row', 'inductor_graph', 'batch', _FF),
    ('vw_batch_full_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_pages_cumsum_unflatten_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_pages_cumsum_view_t', 'inductor_graph', 'dynamic', _FF),
    ('vw_pages_cumsum_reshape_half', 'inductor_graph', 'dynamic', _FF),
    ('vw_pages_full_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_D_cumsum_unflatten_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_D_cumsum_view_t', 'inductor_graph', 'dynamic', _FF),
    ('vw_D_cumsum_reshape_half', 'inductor_graph', 'dynamic', _FF),
    ('vw_D_full_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_blocks_cumsum_unflatten_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_blocks_cumsum_view_t', 'inductor_graph', 'dynamic', _FF),
    ('vw_blocks_cumsum_reshape_half', 'inductor_graph', 'dynamic', _FF),
    ('vw_blocks_full_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_rows_cumsum_unflatten_row', 'inductor_graph', 'dynamic', _FF),
    ('vw_rows_cumsum_view_t', 'inductor_graph', 'dynamic', _FF),
    ('vw_rows_cumsum_reshape_half', 'inductor_graph', 'dynamic', _FF),
    ('vw_rows_full_cumsum_view_row', 'inductor_graph', 'dynamic', _FF),
    ('wx_batch_index_put_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_index_put_vals_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_put_vals_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_index_put_max', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_put_max', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_index_put_argmin', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_put_argmin', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_setitem_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_setitem_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_index_copy_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_copy_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_scatter_src_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_scatter_src_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_cumsum_index_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_cumsum_index_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_arange_index_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_arange_index_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_int_index_put_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_int_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_index_put_2d_sum', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_put_2d_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_index_put_nonzero', 'torchair_like', 'batch', _FF),
    ('wx_batch_index_put_nonzero', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_kx_index_fill_2d', 'torchair_like', 'batch', _FF),
    ('wx_batch_kx_index_fill_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_kx_scatter_value_2d', 'torchair_like', 'batch', _FF),
    ('wx_batch_kx_scatter_value_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_batch_kx_scatter_src_2d', 'torchair_like', 'batch', _R),
    ('wx_batch_kx_scatter_src_2d', 'torchair_like', 'dynamic', _R),
    ('wx_batch_kx_index_copy_2d', 'torchair_like', 'batch', _R),
    ('wx_batch_kx_index_copy_2d', 'torchair_like', 'dynamic', _R),
    ('wx_batch_kx_index_put_2d', 'torchair_like', 'batch', _R),
    ('wx_batch_kx_index_put_2d', 'torchair_like', 'dynamic', _R),
    ('wx_batch_kx_index_fill_1d', 'torchair_like', 'batch', _R),
    ('wx_batch_kx_index_fill_1d', 'torchair_like', 'dynamic', _R),
    ('wx_batch_kx_scatter_value_1d', 'torchair_like', 'batch', _R),
    ('wx_batch_kx_scatter_value_1d', 'torchair_like', 'dynamic', _R),
    ('wx_pages_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_index_put_vals_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_index_put_max', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_index_put_argmin', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_setitem_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_index_copy_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_scatter_src_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_cumsum_index_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_arange_index_sum', 'torchair_like', 'dynamic', _R),
    ('wx_pages_int_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_index_put_2d_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_index_put_nonzero', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_kx_index_fill_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_kx_scatter_value_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_pages_kx_scatter_src_2d', 'torchair_like', 'dynamic', _EQ),
    ('wx_pages_kx_index_copy_2d', 'torchair_like', 'dynamic', _EQ),
    ('wx_pages_kx_index_put_2d', 'torchair_like', 'dynamic', _EQ),
    ('wx_pages_kx_index_fill_1d', 'torchair_like', 'dynamic', _EQ),
    ('wx_pages_kx_scatter_value_1d', 'torchair_like', 'dynamic', _EQ),
    ('wx_D_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_index_put_vals_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_index_put_max', 'torchair_like', 'dynamic', _FF),
    ('wx_D_index_put_argmin', 'torchair_like', 'dynamic', _FF),
    ('wx_D_setitem_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_index_copy_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_scatter_src_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_cumsum_index_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_arange_index_sum', 'torchair_like', 'dynamic', _R),
    ('wx_D_int_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_index_put_2d_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_D_index_put_nonzero', 'torchair_like', 'dynamic', _FF),
    ('wx_D_kx_index_fill_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_D_kx_scatter_value_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_D_kx_scatter_src_2d', 'torchair_like', 'dynamic', _EQ),
    ('wx_D_kx_index_copy_2d', 'torchair_like', 'dynamic', _EQ),
    ('wx_D_kx_index_put_2d', 'torchair_like', 'dynamic', _EQ),
    ('wx_D_kx_index_fill_1d', 'torchair_like', 'dynamic', _EQ),
    ('wx_D_kx_scatter_value_1d', 'torchair_like', 'dynamic', _EQ),
    ('wx_blocks_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_index_put_vals_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_index_put_max', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_index_put_argmin', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_setitem_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_index_copy_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_scatter_src_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_cumsum_index_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_arange_index_sum', 'torchair_like', 'dynamic', _R),
    ('wx_blocks_int_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_index_put_2d_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_index_put_nonzero', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_kx_index_fill_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_kx_scatter_value_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_blocks_kx_scatter_src_2d', 'torchair_like', 'dynamic', _R),
    ('wx_blocks_kx_index_copy_2d', 'torchair_like', 'dynamic', _R),
    ('wx_blocks_kx_index_put_2d', 'torchair_like', 'dynamic', _R),
    ('wx_blocks_kx_index_fill_1d', 'torchair_like', 'dynamic', _R),
    ('wx_blocks_kx_scatter_value_1d', 'torchair_like', 'dynamic', _R),
    ('wx_rows_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_index_put_vals_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_index_put_max', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_index_put_argmin', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_setitem_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_index_copy_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_scatter_src_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_cumsum_index_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_arange_index_sum', 'torchair_like', 'dynamic', _R),
    ('wx_rows_int_index_put_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_index_put_2d_sum', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_index_put_nonzero', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_kx_index_fill_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_kx_scatter_value_2d', 'torchair_like', 'dynamic', _FF),
    ('wx_rows_kx_scatter_src_2d', 'torchair_like', 'dynamic', _R),
    ('wx_rows_kx_index_copy_2d', 'torchair_like', 'dynamic', _R),
    ('wx_rows_kx_index_put_2d', 'torchair_like', 'dynamic', _R),
    ('wx_rows_kx_index_fill_1d', 'torchair_like', 'dynamic', _R),
    ('wx_rows_kx_scatter_value_1d', 'torchair_like', 'dynamic', _R),
    ('bp_flat', 'inductor_graph', 'static', _CR),
    ('bp_flat', 'inductor_graph', 'batch', _CR),
    ('bp_take', 'inductor_graph', 'static', _CR),
    ('bp_take', 'inductor_graph', 'batch', _CR),
    ('wx_N_index_put_sum', 'inductor_graph', 'dynamic', _EQ),
    ('ap_N_as_flip', 'inductor_graph', 'dynamic', _EQ),
    ('vw_N_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _EQ),
    ('wx_P_index_put_sum', 'inductor_graph', 'dynamic', _EQ),
    ('ap_P_as_flip', 'inductor_graph', 'dynamic', _EQ),
    ('vw_P_ones_cumsum_view_row', 'inductor_graph', 'dynamic', _EQ),
    ('vw_batch_view_row', 'torchair_like', 'batch', _R),
    ('vw_batch_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_batch_reshape_row', 'torchair_like', 'batch', _R),
    ('vw_batch_reshape_row', 'torchair_like', 'dynamic', _R),
    ('vw_batch_unflatten_row', 'torchair_like', 'batch', _R),
    ('vw_batch_unflatten_row', 'torchair_like', 'dynamic', _R),
    ('vw_batch_view_col', 'torchair_like', 'batch', _R),
    ('vw_batch_view_col', 'torchair_like', 'dynamic', _R),
    ('vw_batch_view_t', 'torchair_like', 'batch', _R),
    ('vw_batch_view_t', 'torchair_like', 'dynamic', _R),
    ('vw_batch_iota_view_row', 'torchair_like', 'batch', _FF),
    ('vw_batch_iota_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_batch_ones_cumsum_view_row', 'torchair_like', 'batch', _FF),
    ('vw_batch_ones_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_batch_view_row_float', 'torchair_like', 'batch', _R),
    ('vw_batch_view_row_float', 'torchair_like', 'dynamic', _R),
    ('vw_batch_cumsum_unflatten_row', 'torchair_like', 'batch', _FF),
    ('vw_batch_cumsum_unflatten_row', 'torchair_like', 'dynamic', _FF),
    ('vw_batch_cumsum_view_t', 'torchair_like', 'batch', _FF),
    ('vw_batch_cumsum_view_t', 'torchair_like', 'dynamic', _FF),
    ('vw_batch_cumsum_reshape_half', 'torchair_like', 'batch', _FF),
    ('vw_batch_cumsum_reshape_half', 'torchair_like', 'dynamic', _FF),
    ('vw_batch_full_cumsum_view_row', 'torchair_like', 'batch', _FF),
    ('vw_batch_full_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_pages_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_pages_reshape_row', 'torchair_like', 'dynamic', _R),
    ('vw_pages_unflatten_row', 'torchair_like', 'dynamic', _R),
    ('vw_pages_view_col', 'torchair_like', 'dynamic', _R),
    ('vw_pages_view_t', 'torchair_like', 'dynamic', _R),
    ('vw_pages_iota_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_pages_ones_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_pages_view_row_float', 'torchair_like', 'dynamic', _R),
    ('vw_pages_cumsum_unflatten_row', 'torchair_like', 'dynamic', _FF),
    ('vw_pages_cumsum_view_t', 'torchair_like', 'dynamic', _FF),
    ('vw_pages_cumsum_reshape_half', 'torchair_like', 'dynamic', _FF),
    ('vw_pages_full_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_D_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_D_reshape_row', 'torchair_like', 'dynamic', _R),
    ('vw_D_unflatten_row', 'torchair_like', 'dynamic', _R),
    ('vw_D_view_col', 'torchair_like', 'dynamic', _R),
    ('vw_D_view_t', 'torchair_like', 'dynamic', _R),
    ('vw_D_iota_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_D_ones_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_D_view_row_float', 'torchair_like', 'dynamic', _R),
    ('vw_D_cumsum_unflatten_row', 'torchair_like', 'dynamic', _FF),
    ('vw_D_cumsum_view_t', 'torchair_like', 'dynamic', _FF),
    ('vw_D_cumsum_reshape_half', 'torchair_like', 'dynamic', _FF),
    ('vw_D_full_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_blocks_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_reshape_row', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_unflatten_row', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_view_col', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_view_t', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_iota_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_ones_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_blocks_view_row_float', 'torchair_like', 'dynamic', _R),
    ('vw_blocks_cumsum_unflatten_row', 'torchair_like', 'dynamic', _FF),
    ('vw_blocks_cumsum_view_t', 'torchair_like', 'dynamic', _FF),
    ('vw_blocks_cumsum_reshape_half', 'torchair_like', 'dynamic', _FF),
    ('vw_blocks_full_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_rows_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_rows_reshape_row', 'torchair_like', 'dynamic', _R),
    ('vw_rows_unflatten_row', 'torchair_like', 'dynamic', _R),
    ('vw_rows_view_col', 'torchair_like', 'dynamic', _R),
    ('vw_rows_view_t', 'torchair_like', 'dynamic', _R),
    ('vw_rows_iota_view_row', 'torchair_like', 'dynamic', _R),
    ('vw_rows_ones_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_rows_view_row_float', 'torchair_like', 'dynamic', _R),
    ('vw_rows_cumsum_unflatten_row', 'torchair_like', 'dynamic', _FF),
    ('vw_rows_cumsum_view_t', 'torchair_like', 'dynamic', _FF),
    ('vw_rows_cumsum_reshape_half', 'torchair_like', 'dynamic', _FF),
    ('vw_rows_full_cumsum_view_row', 'torchair_like', 'dynamic', _FF),
    ('vw_N_ones_cumsum_view_row', 'torchair_like', 'dynamic', _EQ),
    ('vw_P_ones_cumsum_view_row', 'torchair_like', 'dynamic', _EQ),
    ('kp_batch_index_put', 'torchair_like', 'batch', _EQ),
    ('kp_batch_index_put', 'torchair_like', 'dynamic', _FF),
    ('kp_batch_as_flip', 'torchair_like', 'batch', _EQ),
    ('kp_batch_as_flip', 'torchair_like', 'dynamic', _FF),
    ('kp_pages_index_put', 'torchair_like', 'dynamic', _FF),
    ('kp_pages_as_flip', 'torchair_like', 'dynamic', _FF),
    ('kp_rows_index_put', 'torchair_like', 'dynamic', _FF),
    ('kp_rows_as_flip', 'torchair_like', 'dynamic', _FF),
    ('bp_trunc', 'torchair_like', 'static', _FF),
    ('bp_trunc', 'torchair_like', 'batch', _FF),
    ('bp_float_floor', 'torchair_like', 'static', _FF),
    ('bp_float_floor', 'torchair_like', 'batch', _FF),
    ('bp_floor_control', 'torchair_like', 'static', _R),
    ('bp_floor_control', 'torchair_like', 'batch', _R),
    ('bp_flat', 'torchair_like', 'static', _FF),
    ('bp_flat', 'torchair_like', 'batch', _FF),
    ('bp_take', 'torchair_like', 'static', _FF),
    ('bp_take', 'torchair_like', 'batch', _FF),
    ('sc_batch_index_put_sum', 'torchair_like', 'batch', _R),
    ('sc_batch_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc_batch_index_copy_sum', 'torchair_like', 'batch', _R),
    ('sc_batch_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc_batch_cumsum_index_sum', 'torchair_like', 'batch', _R),
    ('sc_batch_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_batch_index_put_sum', 'torchair_like', 'batch', _FF),
    ('sc2_batch_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_batch_index_copy_sum', 'torchair_like', 'batch', _FF),
    ('sc2_batch_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_batch_cumsum_index_sum', 'torchair_like', 'batch', _FF),
    ('sc2_batch_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc_pages_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc_pages_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc_pages_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_pages_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_pages_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_pages_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc_D_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc_D_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc_D_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_D_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_D_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_D_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc_blocks_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc_blocks_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc_blocks_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_blocks_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_blocks_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_blocks_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc_rows_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc_rows_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc_rows_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_rows_index_put_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_rows_index_copy_sum', 'torchair_like', 'dynamic', _R),
    ('sc2_rows_cumsum_index_sum', 'torchair_like', 'dynamic', _R),
    ('sl_mod_rows', 'torchair_like', 'batch', _EQ),
    ('sl_mod_rows', 'torchair_like', 'dynamic', _FF),
    ('sl_mod_rows_static40', 'torchair_like', 'static', _R),
    ('sl_mod_literal', 'torchair_like', 'batch', _R),
    ('sl_mod_literal', 'torchair_like', 'dynamic', _R),
    ('sl_mod_literal_static40', 'torchair_like', 'static', _R),
    ('sl_plus_mod', 'torchair_like', 'batch', _EQ),
    ('sl_plus_mod', 'torchair_like', 'dynamic', _FF),
    ('sl_plus_mod_static40', 'torchair_like', 'static', _R),
    ('sl_neg_mod', 'torchair_like', 'batch', _EQ),
    ('sl_neg_mod', 'torchair_like', 'dynamic', _FF),
    ('sl_neg_mod_static40', 'torchair_like', 'static', _R),
    ('sl_int32_mod', 'torchair_like', 'batch', _R),
    ('sl_int32_mod', 'torchair_like', 'dynamic', _R),
    ('sl_int32_mod_static40', 'torchair_like', 'static', _R),
    ('sl_remainder_fn', 'torchair_like', 'batch', _EQ),
    ('sl_remainder_fn', 'torchair_like', 'dynamic', _FF),
    ('sl_remainder_fn_static40', 'torchair_like', 'static', _R),
    ('sl_fmod', 'torchair_like', 'batch', _R),
    ('sl_fmod', 'torchair_like', 'dynamic', _R),
    ('sl_fmod_static40', 'torchair_like', 'static', _R),
    ('sl_slots_plus_arange', 'torchair_like', 'batch', _R),
    ('sl_slots_plus_arange', 'torchair_like', 'dynamic', _R),
    ('sl_slots_plus_arange_static40', 'torchair_like', 'static', _R),
    ('ap_batch_as_flip', 'torchair_like', 'batch', _FF),
    ('ap_batch_as_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_as_last', 'torchair_like', 'batch', _R),
    ('ap_batch_as_last', 'torchair_like', 'dynamic', _R),
    ('ap_batch_as_index_neg', 'torchair_like', 'batch', _FF),
    ('ap_batch_as_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_as_max', 'torchair_like', 'batch', _R),
    ('ap_batch_as_max', 'torchair_like', 'dynamic', _R),
    ('ap_batch_as2_flip', 'torchair_like', 'batch', _FF),
    ('ap_batch_as2_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_ex_flip', 'torchair_like', 'batch', _FF),
    ('ap_batch_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_exn_index_neg', 'torchair_like', 'batch', _FF),
    ('ap_batch_exn_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_exc_flip', 'torchair_like', 'batch', _FF),
    ('ap_batch_exc_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_exv_flip', 'torchair_like', 'batch', _FF),
    ('ap_batch_exv_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_batch_exv_cat_flip', 'torchair_like', 'batch', _R),
    ('ap_batch_exv_cat_flip', 'torchair_like', 'dynamic', _R),
    ('ap_batch_gl_flip', 'torchair_like', 'batch', _R),
    ('ap_batch_gl_flip', 'torchair_like', 'dynamic', _R),
    ('ap_batch_hop_x', 'torchair_like', 'batch', _R),
    ('ap_batch_hop_x', 'torchair_like', 'dynamic', _R),
    ('ap_pages_hop_x', 'torchair_like', 'dynamic', _R),
    ('ap_pages_hopid_x', 'torchair_like', 'dynamic', _R),
    ('ap_pages_as_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_as_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_as_max', 'torchair_like', 'dynamic', _EQ),
    ('ap_pages_as2_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_exn_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_exc_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_exv_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_pages_gl_flip', 'torchair_like', 'dynamic', _R),
    ('ap_pages_gl_index_neg', 'torchair_like', 'dynamic', _R),
    ('ap_pages_gl_last', 'torchair_like', 'dynamic', _R),
    ('ap_pages_gl_max', 'torchair_like', 'dynamic', _R),
    ('ap_D_hop_x', 'torchair_like', 'dynamic', _R),
    ('ap_D_hopid_x', 'torchair_like', 'dynamic', _R),
    ('ap_D_as_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_D_as_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_D_as_max', 'torchair_like', 'dynamic', _EQ),
    ('ap_D_as2_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_D_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_D_exn_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_D_exc_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_D_exv_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_D_gl_flip', 'torchair_like', 'dynamic', _R),
    ('ap_D_gl_index_neg', 'torchair_like', 'dynamic', _R),
    ('ap_D_gl_last', 'torchair_like', 'dynamic', _R),
    ('ap_D_gl_max', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_hop_x', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_hopid_x', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_as_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_as_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_as_max', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_as2_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_exn_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_exc_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_exv_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_blocks_gl_flip', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_gl_index_neg', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_gl_last', 'torchair_like', 'dynamic', _R),
    ('ap_blocks_gl_max', 'torchair_like', 'dynamic', _R),
    ('ap_rows_hop_x', 'torchair_like', 'dynamic', _R),
    ('ap_rows_hopid_x', 'torchair_like', 'dynamic', _R),
    ('ap_rows_as_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_as_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_as_max', 'torchair_like', 'dynamic', _R),
    ('ap_rows_as2_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_exn_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_exc_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_exv_flip', 'torchair_like', 'dynamic', _FF),
    ('ap_rows_gl_flip', 'torchair_like', 'dynamic', _R),
    ('ap_rows_gl_index_neg', 'torchair_like', 'dynamic', _R),
    ('ap_rows_gl_last', 'torchair_like', 'dynamic', _R),
    ('ap_rows_gl_max', 'torchair_like', 'dynamic', _R),
    ('wx_N_index_put_sum', 'torchair_like', 'dynamic', _EQ),
    ('ap_N_as_flip', 'torchair_like', 'dynamic', _EQ),
    ('wx_P_index_put_sum', 'torchair_like', 'dynamic', _EQ),
    ('ap_P_as_flip', 'torchair_like', 'dynamic', _EQ),
    ('np_batch_flip', 'torchair_like', 'batch', _R),
    ('np_batch_flip', 'torchair_like', 'dynamic', _R),
    ('np_batch_fliplr', 'torchair_like', 'batch', _R),
    ('np_batch_fliplr', 'torchair_like', 'dynamic', _R),
    ('np_batch_last', 'torchair_like', 'batch', _R),
    ('np_batch_last', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_neg', 'torchair_like', 'batch', _FF),
    ('np_batch_index_neg', 'torchair_like', 'dynamic', _R),
    ('np_batch_cat_flip', 'torchair_like', 'batch', _R),
    ('np_batch_cat_flip', 'torchair_like', 'dynamic', _R),
    ('np_batch_max', 'torchair_like', 'batch', _R),
    ('np_batch_max', 'torchair_like', 'dynamic', _R),
    ('np_batch_w_flip', 'torchair_like', 'batch', _R),
    ('np_batch_w_flip', 'torchair_like', 'dynamic', _R),
    ('np_batch_w_last', 'torchair_like', 'batch', _R),
    ('np_batch_w_last', 'torchair_like', 'dynamic', _R),
    ('np_batch_w_index_neg', 'torchair_like', 'batch', _R),
    ('np_batch_w_index_neg', 'torchair_like', 'dynamic', _R),
    ('np_batch_t_flip', 'torchair_like', 'batch', _R),
    ('np_batch_t_flip', 'torchair_like', 'dynamic', _R),
    ('np_batch_s_flip', 'torchair_like', 'batch', _R),
    ('np_batch_s_flip', 'torchair_like', 'dynamic', _R),
    ('np_batch_s_last', 'torchair_like', 'batch', _R),
    ('np_batch_s_last', 'torchair_like', 'dynamic', _R),
    ('np_pages_flip', 'torchair_like', 'dynamic', _R),
    ('np_pages_fliplr', 'torchair_like', 'dynamic', _R),
    ('np_pages_last', 'torchair_like', 'dynamic', _R),
    ('np_pages_index_neg', 'torchair_like', 'dynamic', _R),
    ('np_pages_cat_flip', 'torchair_like', 'dynamic', _R),
    ('np_pages_max', 'torchair_like', 'dynamic', _R),
    ('np_pages_w_flip', 'torchair_like', 'dynamic', _R),
    ('np_pages_w_last', 'torchair_like', 'dynamic', _R),
    ('np_pages_w_index_neg', 'torchair_like', 'dynamic', _R),
    ('np_pages_t_flip', 'torchair_like', 'dynamic', _R),
    ('np_pages_s_flip', 'torchair_like', 'dynamic', _R),
    ('np_pages_s_last', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_neg2', 'torchair_like', 'batch', _FF),
    ('np_batch_index_neg2', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_neg_list', 'torchair_like', 'batch', _FF),
    ('np_batch_index_neg_list', 'torchair_like', 'dynamic', _R),
    ('np_batch_narrow_neg', 'torchair_like', 'batch', _R),
    ('np_batch_narrow_neg', 'torchair_like', 'dynamic', _R),
    ('np_batch_slice_neg', 'torchair_like', 'batch', _R),
    ('np_batch_slice_neg', 'torchair_like', 'dynamic', _R),
    ('np_batch_roll1', 'torchair_like', 'batch', _R),
    ('np_batch_roll1', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_select_neg', 'torchair_like', 'batch', _R),
    ('np_batch_index_select_neg', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_neg_long', 'torchair_like', 'batch', _FF),
    ('np_batch_index_neg_long', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_neg_int32', 'torchair_like', 'batch', _FF),
    ('np_batch_index_neg_int32', 'torchair_like', 'dynamic', _R),
    ('np_batch_index_neg2', 'inductor_graph', 'batch', _R),
    ('np_batch_index_neg2', 'inductor_graph', 'dynamic', _R),
    ('np_batch_index_neg_list', 'inductor_graph', 'batch', _R),
    ('np_batch_index_neg_list', 'inductor_graph', 'dynamic', _R),
    ('np_batch_narrow_neg', 'inductor_graph', 'batch', _R),
    ('np_batch_narrow_neg', 'inductor_graph', 'dynamic', _R),
    ('np_batch_slice_neg', 'inductor_graph', 'batch', _R),
    ('np_batch_slice_neg', 'inductor_graph', 'dynamic', _R),
    ('np_batch_roll1', 'inductor_graph', 'batch', _R),
    ('np_batch_roll1', 'inductor_graph', 'dynamic', _R),
    ('np_batch_index_select_neg', 'inductor_graph', 'batch', _R),
    ('np_batch_index_select_neg', 'inductor_graph', 'dynamic', _R),
    ('np_batch_index_neg_long', 'inductor_graph', 'batch', _R),
    ('np_batch_index_neg_long', 'inductor_graph', 'dynamic', _R),
    ('np_batch_index_neg_int32', 'inductor_graph', 'batch', _R),
    ('np_batch_index_neg_int32', 'inductor_graph', 'dynamic', _R),
    ('wx_batch_kx_scatter_value_2d', 'inductor', 'batch', _FF),
    ('wx_batch_kx_scatter_value_2d', 'inductor', 'dynamic', _FF),
    ('sc2_batch_index_put_sum', 'inductor', 'batch', _FF),
    ('sc2_batch_index_put_sum', 'inductor', 'dynamic', _R),
    ('ap_batch_exv_cat_flip', 'inductor', 'batch', _FF),
    ('ap_batch_exv_cat_flip', 'inductor', 'dynamic', _FF),
    ('vw_rows_ones_cumsum_view_row', 'inductor', 'dynamic', _FF),
    ('bp_trunc', 'inductor', 'static', _CR),
    ('bp_trunc', 'inductor', 'batch', _CR),
    ('kp_batch_index_put', 'inductor', 'batch', _EQ),
    ('kp_batch_index_put', 'inductor', 'dynamic', _FF),
    ('kp_pages_index_put', 'inductor', 'dynamic', _FF),
    ('kp_rows_as_flip', 'inductor', 'dynamic', _FF),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
