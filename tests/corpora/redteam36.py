"""Thirty-sixth adversarial review of the recogniser (round 36; reviewer focus: the INTEGER and SIZE side -- every way a
size the compiled graph serves reaches the values written, spellings the newest sizes rules (_INDEXED_WRITES,
_symbolic_prefix, _renumbered, _row_pick / _table_column) do not see).

Same format as redteam25 / redteam34: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7`` (modes static / batch = mark_dynamic on the batch / dynamic = dynamic=True).

    cd /tmp/base37 && PYTHONPATH=/tmp/base37 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam36.py [--dialect D] [--mode M] [name ...]

Harness (redteam34's ``_sv``, here ``_leak_step``): a boolean ``rare`` computed from a size X (in some spelling that
does not depend on the data), then ``where(rare, other, contract)`` with ``other`` = 33 tokens under ``cat([0], w)`` (0
times the NaN at the unread position before the window: valid input).  Compiled at X below the threshold T, called at
X above it: X = the batch (8 -> 40, T = 36, mark_dynamic and dynamic=True), the table width (4 -> 8, T = 6), the head
dim D (16 -> 32, T = 24), the KV block count (35 -> 80, T = 60), the cache rows (21 -> 50, T = 40) (dynamic=True).
xk_ puts ``rare`` into the kept rows' index (``cache[s][:, :, (arange(16) + rare) % 16]``), xc_ into the condition
(no row written while T < X <= 100).

First try on the frozen tree (``_FIRST``; /tmp/base37 = 33c6827, 12:16-13:15 UTC 2026-12-05, PYTHONPATH=/tmp/base37, run
from that tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1): 280 attacks in 9 themes -- xr_ (expand / repeat of static data
read in flat order), dg_ (diagonal / as_strided of an expand), xv_ (views of static data read by index tensors /
transposed), ct_ (cat / pad whose parts' extents hold X), ps_ (prefixes of positions made without a listed factory),
xk_ / xc_ (F1's value in the kept rows / the condition), sy_ (the size made a tensor in Python), tb_ (BORDERLINE: block
table reads past check_position_past_the_cache) -- each run once per dialect and mode it applies to (the sizes other
than the batch and the table width got a subset of the ps_ / dg_ / xv_ / ct_ spellings, for time).  "inductor" rows
are real-Inductor confirmation runs of the corpus (``--dialect inductor``), "torchair" real torchair on CPU.

Method notes: the first xr_batch_ run's positional control (then named xr_batch_ones_expand_cumsum_flat) had a bug (its
value never depended on X: refused by pooling); it was replaced by xr_*_ones_cumsum_flat before any other run and is
left out of ``_FIRST``.  ps_ got the es_ / eye_ / lin_ / ones_ spellings after the weight-derived ones were refused by
the weight rule (first tries of those names are their first runs); ct_ got cat1d_take / pad_* after the first ct_ run,
xr_ the symmax / sizearith spellings after the first xr_ run.  Real-Inductor confirmations of F1-F4 are the standalone
repros (/work/briefs/redteam36_repro.py, _repro2.py), listed per finding below.

    inductor_graph  378 runs of 280 attacks: 8 CONTROL CRASHES TOO, 191 FALSE FUSION, 23 FUSED & EQUAL, 143 REFUSED, 13 CRASH
        ct_  1 CONTROL CRASHES TOO, 30 FALSE FUSION, 5 FUSED & EQUAL, 9 REFUSED
        dg_  30 FALSE FUSION, 2 FUSED & EQUAL, 13 REFUSED
        ps_  6 CONTROL CRASHES TOO, 8 FUSED & EQUAL, 61 REFUSED
        sy_  1 CONTROL CRASHES TOO, 1 FUSED & EQUAL, 14 REFUSED
        tb_  7 REFUSED, 13 CRASH
        xc_  3 FALSE FUSION, 12 REFUSED
        xk_  12 FALSE FUSION, 3 FUSED & EQUAL
        xr_  102 FALSE FUSION, 2 FUSED & EQUAL, 16 REFUSED
        xv_  14 FALSE FUSION, 2 FUSED & EQUAL, 11 REFUSED
    torchair_like   378 runs of 280 attacks: 2 CONTROL CRASHES TOO, 230 FALSE FUSION, 16 FUSED & EQUAL, 130 REFUSED
        ct_  1 CONTROL CRASHES TOO, 30 FALSE FUSION, 5 FUSED & EQUAL, 9 REFUSED
        dg_  30 FALSE FUSION, 2 FUSED & EQUAL, 13 REFUSED
        ps_  24 FALSE FUSION, 1 FUSED & EQUAL, 50 REFUSED
        sy_  1 CONTROL CRASHES TOO, 1 FUSED & EQUAL, 14 REFUSED
        tb_  15 FALSE FUSION, 5 REFUSED
        xc_  3 FALSE FUSION, 12 REFUSED
        xk_  12 FALSE FUSION, 3 FUSED & EQUAL
        xr_  102 FALSE FUSION, 2 FUSED & EQUAL, 16 REFUSED
        xv_  14 FALSE FUSION, 2 FUSED & EQUAL, 11 REFUSED
    inductor        5 runs of 5 attacks: 3 FALSE FUSION, 2 CRASH
        tb_  2 CRASH
        xc_  1 FALSE FUSION
        xk_  2 FALSE FUSION
    torchair        2 runs of 2 attacks: 2 CONTROL DIFFERS
        ps_  1 CONTROL DIFFERS
        xr_  1 CONTROL DIFFERS

By finding (first-try FALSE FUSION / CRASH runs, inductor_graph | torchair_like): F1 xr_ 102 | 102, xk_ 12 | 12, xc_ 3 |
3; F2 dg_ 30 | 30 (18 | 18 diagonal, 12 | 12 as_strided: the as_strided ones differ in plain Inductor too in real
codegen, not counted there); F3 xv_ 14 | 14; F4 ct_ 30 | 30; F5 ps_ 0 | 24 (torchair_like only); B1 tb_ 13 CRASH | 15
FALSE FUSION (borderline validity).  Real Inductor codegen (standalone repros, plain Inductor equal to eager in each):
F1 batch expand_take, pages expand_take, blocks repeat_interleave, rows expand_reshape_index, D repeat_take; F2 batch and
rows dg_flip (pages dg_as: the control differs too); F3 batch xv_index2; F4 batch ct_sum, pages ct_take; F1 reach: the
corpus ``--dialect inductor`` xk_pages / xk_rows_expand_take (dynamic), xc_batch_expand_take (batch): FALSE FUSION; B1
tb_t_index / tb_stack_unbind_gather (static) CRASH and redteam36_repro_tb.py t_index / plus0 / sub_ge_col: ValueError
where the control equals eager (floor: refused).  Real torchair on CPU (2 runs, xr_batch_expand_take, ps_batch_es_prefix_
flip, batch): the pass's run differs from eager the same way, but torchair WITHOUT the pass fails to compile these models
(BackendCompilerFailed): CONTROL DIFFERS, not counted.

FINDINGS (/work/briefs/redteam36_findings.md; standalone repros /work/briefs/redteam36_repro*.py):

* F1 FALSE FUSION (xr_*, xk_*, xc_batch_*; both graph dialects, real Inductor): a size as the SIZE ARGUMENT of an
  expand / repeat / tile / repeat_interleave of STATIC data, read in row-major flat order: ``torch.take(torch.arange(
  4096)[:, None].expand(4096, X), torch.tensor([T]))`` is ``T // X`` (also ``.reshape(-1)[tensor([T])]``, flatten +
  gather / index_select, ``.contiguous().view(-1)``, ``arange(4096).repeat_interleave(X)``, ``repeat(1, X)``,
  ``tile``, ``expand(X, 4096).movedim(0, 1)`` / ``.t()`` + reshape, 3-D, float, a broadcast against
  ``zeros(1).expand(X)``, unflatten, the expand size through ``torch.sym_max(X, 1)`` or ``3 * X - 2 * X``).  Every size:
  batch (mark_dynamic, dynamic=True), table width, D, KV blocks, cache rows (dynamic=True).  It reaches the new rows,
  the KEPT rows (xk_: the kept elements' index, dynamic=True) and the CONDITION (xc_batch_: mark_dynamic).  Rule:
  sizes.SizesProof.size_values skips every argument of T.VIEWS (expand, repeat are there); _positional counts only
  factories / iotas / scans over a symbolic shape and symbolic prefixes, so an expand of static data is not
  positional; _renumbered needs positional data; _sizes_picked counts gathers / takes of positional data only; R5
  sees select offsets, not index tensors.  Repro: ``redteam36_repro.py [batch|pages|D|blocks|rows] [expand_take|
  expand_reshape_index|repeat_interleave|repeat_take]``.
* F2 FALSE FUSION (dg_*; both graph dialects, real Inductor for the diagonal): the DIAGONAL of ``arange(4096)[None].
  expand(X, 4096)`` is ``arange(X)``, read from its end (flip, ``[tensor([-1])]``, cat + flip): X.  Every size.  Rule:
  sizes.SizesProof._symbolic_prefix knows slice / narrow / as_strided only (diagonal is no prefix), and as_strided only
  where its output gains a symbol its input lacks: ``ex.as_strided((X,), (1,))`` of the expand is no prefix either (the
  as_strided spellings differ in plain Inductor too in real codegen: graph-dialect results only).  Repro:
  ``redteam36_repro2.py batch dg_flip`` (rows dg_flip).
* F3 FALSE FUSION (xv_batch_*; both graph dialects, real Inductor): ``arange(20480).view(-1, X)`` read by index
  tensors (``[tensor([1]), tensor([0])]``) or transposed (``take(.t(), tensor([1]))``, permute, ``.t().reshape(-1)``,
  ``.t().gather``): X.  Red-team 34's vw_ read it by a select (R5 refuses); index tensors pass.  The batch only (the
  other sizes: Generalize refuses, or D fused & equal).  Rule: size_values skips view / reshape arguments;
  _renumbered needs positional data (a static arange is not); R5 does not look at index tensors.  Repro:
  ``redteam36_repro2.py batch xv_index2``.
* F4 FALSE FUSION (ct_*; both graph dialects, real Inductor): a concatenation whose parts' extents hold X while its
  output keeps X: ``cat([ones(1, 1).expand(X, X), zeros(1, 1).expand(X, 4096 - X)], 1).sum(1)[0]`` == X (int64, mean,
  amax of ones * positions, the transposed cat), ``take(cat([ones(1).expand(X), zeros(1).expand(4096)]), T)`` and the
  same with ``F.pad(.., (0, 4096))``.  Every size.  Rule: sizes.SizesProof._sizes_reduced reads cat and
  constant_pad_nd (_KNOWN_NOT_COMBINING) as "input symbols minus output symbols", empty while the output keeps X;
  _sizes_picked ignores a cat of non-positional parts.  Repro: ``redteam36_repro2.py batch ct_sum`` / ``pages ct_take``.
* F5 FALSE FUSION (ps_batch_es_*, ps_batch_eye_*, ps_batch_lin_*; torchair_like only): a symbolic prefix ``[:X]`` of
  positions made by a factory the rules do not list (``empty_strided(..).fill_(1).cumsum(0)``, ``eye(512).sum(0).
  cumsum(0)``, ``linspace(1, 512, 512)``), read from its end: X.  Rule: sizes.SizesProof._positional's prefix clause
  asks for a ``_constant_leaf`` or a ``_FACTORIES`` / ``_IOTAS`` ancestor, and _FACTORIES lacks empty_strided, eye,
  linspace (which torchair's graphs keep; Inductor decomposes them into listed ops: refused there).  Every size (the
  batch, width; es_ for D, blocks, rows).  Repro: the corpus,
  ``--dialect torchair_like ps_batch_es ps_batch_eye ps_batch_lin``.
* B1 CRASH, BORDERLINE validity (tb_*; red-team 28 B1 / 34 F4's class: a position AT the capacity, which
  docs/contract.md does not count as valid): sizes.check_position_past_the_cache follows the table through casts,
  views, reshapes and _row_pick only and reads the column of ``table[rows, col]`` / gather / index_select: a table
  read transposed (``t.t()[col, rows]``: it checks ``rows`` as the column), a gather from ``t + 0`` / ``t * 1`` /
  ``stack(t.unbind(1), 1)`` ("arithmetic on page ids: no read of the table"), or a column clamped by a select the
  intervals over-approximate (``where(c >= W, W - 1, c)``, ``c - (c >= W)``) fuses; the op raises ValueError
  (actual_seq_len 257 > capacity 256) where eager computes the row.  Repro: ``redteam36_repro_tb.py [t_index|plus0|
  sub_ge_col]``.  torchair_like (GE writes nothing there): FALSE FUSION, 15 runs.

Not found (refused or fused & equal; the idea each tried):

* xr_ controls: a SELECT at a constant index on the symbolic flat dim (``.reshape(-1)[T]``: R5), ``reshape(-1, 64)``
  after the expand (R3, a merge and re-split), and a positional scan renumbered (``ones(4096, X).cumsum(1).reshape(-1)``:
  _renumbered) -- refused (fused & equal under dynamic=True for the table width and D: recompiled or guarded).
* ps_ with the positions made from the weight (``(w00 != w00) & (w00 == w00)`` + 1, a scan over a static dim, tril +
  sum): refused by the weight rule ("the weight is computed by aten.ne.Tensor"); in inductor_graph the empty_strided /
  linspace prefixes are refused (batch) or fused & equal (width, D; blocks / rows refused), eye crashes the control
  (arange_cpu UInt16); ``torch.ones(512)`` prefixes refused in both dialects (the control).
* dg_: ``diagonal()[-1]`` and ``take(.., -1)`` (R5 in inductor_graph), roll (check_symbolic_iotas), max / sort (reductions
  and sorts along the symbolic dim); cat + flip refused in torchair_like (R2).
* xv_ for the table width / KV blocks / cache rows: refused by Generalize (the rerun at another size differs); D: fused &
  equal.
* ct_: argmin along the cat (a sort-like op over the symbolic dim), a cat of two views of one tensor (R2), the 1-D cat
  summed (its output drops X), one_hot over X classes (mark_dynamic: the user's code specializes the batch, control
  crashes too; dynamic=True: fused & equal).
* xc_ under dynamic=True: refused (the mask's op list: iota); xk_ under mark_dynamic: fused & equal (not examined why).
* tb_: a table read through ``where(t >= 0, t, t)`` (page ids through a comparison: refused), the plain ``gather(1, pos //
  P)`` (control, refused), the transposed read and the cat of columns under mark_dynamic (refused by the mask / R2).
* sy_ (the size turned into a tensor in Python: ``torch.tensor([X])``, as_tensor, new_tensor, ``empty(1).fill_(X)``,
  a SymBool, a SymFloat, ``zeros(1).add(X)``, ``full((1,), X)``): all refused in both graph dialects (scalar_tensor / full / fill / add take the SymInt, SymBool or SymFloat as an argument: size_values sees it); as_tensor under mark_dynamic specializes the batch (control crashes too), dynamic=True fused & equal (recompiled).

Not attacked for lack of time: bincount(minlength=X) (data-dependent output size), searchsorted / bucketize over an
expand (a whole reduction in _WHOLE_REDUCTIONS), the slot path with F1's value added (``(slots + c) % S``: the op gets the
same computed slots, a padding collision is eager's undefined duplicate index_put), real torchair beyond the two runs
noted, int32 flat indices under a symbolic block count (a documented limit).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base37, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam34 import _L4, _L8, _SIZES, _products, _size, _sv_inputs, _w33_calls  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_BIG = 4096


# --- harness (redteam34's _sv): ``rare`` is a boolean (0-d or [B]) computed from a size X; the step writes
# where(rare, other, contract), ``other`` = 33 tokens under cat([0], w) (0 * the NaN at the unread position before the
# window: valid input).  Compiled at X below the threshold, called at X above it.
def _leak_step(rare_fn, which, thr, kind="leak", upper=1000):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        rare = rare_fn(X, thr, lens, table, kv)
        if kind == "cond":
            rare = rare & ~rare_fn(X, upper, lens, table, kv)
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


# --- theme xr_: X enters only as the size argument of an expand / repeat (a VIEW: size_values skips every argument
# of T.VIEWS) of STATIC constant data (not positional: sizes._positional counts factories over a symbolic shape,
# scans and symbolic prefixes only); then the row-major flat order (a reshape, take, flatten) renumbers it: element
# k of arange(n)[:, None].expand(n, X).reshape(-1) is k // X.  _renumbered needs positional data; a gather / take
# at a constant index of non-positional data is no pick for _sizes_picked.  rare = (flat[thr] == 0) <=> X > thr.
def _xr(sp):
    def rare_fn(X, thr, lens, table, kv):
        a = torch.arange(_BIG)
        k = torch.tensor([thr])
        if sp == "expand_reshape_index":
            v = a[:, None].expand(_BIG, X).reshape(-1)[k]
        elif sp == "expand_take":
            v = torch.take(a[:, None].expand(_BIG, X), k)
        elif sp == "expand_flatten_gather":
            v = a[:, None].expand(_BIG, X).flatten().gather(0, k)
        elif sp == "expand_flatten_index_select":
            v = a[:, None].expand(_BIG, X).flatten().index_select(0, k)
        elif sp == "expand_reshape_select":  # (a select at a constant on the symbolic dim: R5)
            v = a[:, None].expand(_BIG, X).reshape(-1)[thr][None]
        elif sp == "expand_contig_view_index":
            v = a[:, None].expand(_BIG, X).contiguous().view(-1)[k]
        elif sp == "repeat_interleave_index":
            v = a.repeat_interleave(X)[k]
        elif sp == "repeat_reshape_index":
            v = a[:, None].repeat(1, X).reshape(-1)[k]
        elif sp == "repeat_take":
            v = torch.take(a[:, None].repeat(1, X), k)
        elif sp == "tile_take":
            v = torch.take(a[:, None].tile((1, X)), k)
        elif sp == "movedim_reshape_index":
            v = a[None, :].expand(X, _BIG).movedim(0, 1).reshape(-1)[k]
        elif sp == "t_reshape_index":
            v = a[None, :].expand(X, _BIG).t().reshape(-1)[k]
        elif sp == "expand_3d_take":
            v = torch.take(a[:, None, None].expand(_BIG, X, 1), k)
        elif sp == "float_expand_take":
            v = torch.take(a.float()[:, None].expand(_BIG, X), k).long()
        elif sp == "bcast_add_take":  # broadcasting against a static zero tensor of X entries made by expand
            z = torch.zeros(1, dtype=torch.long).expand(X)
            v = torch.take(a[:, None] + z[None, :], k)
        elif sp == "expand_unflatten_take":
            v = torch.take(a[:, None].expand(_BIG, X).unflatten(1, (1, X)), k)
        elif sp == "expand_2d_index":  # reshape to [-1, 64]: element [0, thr] (R3? a merge then a split by 64)
            v = a[:, None].expand(_BIG, X).reshape(-1, 64)[torch.tensor([0]), k]
        elif sp == "symmax_expand_take":  # the expand size through torch.sym_max (a SymInt the model computes)
            v = torch.take(a[:, None].expand(_BIG, torch.sym_max(X, 1)), k)
        elif sp == "sizearith_expand_take":  # tensor.size() arithmetic in the model
            v = torch.take(a[:, None].expand(_BIG, 3 * X - 2 * X), k)
        elif sp == "ones_cumsum_flat":  # control: a scan along X (positional), renumbered: element k is k % X + 1
            v = torch.ones(_BIG, X, dtype=torch.long).cumsum(1).reshape(-1)[k] - 1 - thr
        else:
            raise AssertionError(sp)
        return (v == 0).reshape(())
    return rare_fn


def _rows_rare(rare_fn):
    """The same per row: [B] (row b's own length times 0 added)."""
    def f(X, thr, lens, table, kv):
        return rare_fn(X, thr, lens, table, kv) | (lens * 0 != 0)
    return f


_XRF = {}

_XR = ("expand_reshape_index", "expand_take", "expand_flatten_gather", "expand_flatten_index_select",
       "expand_reshape_select", "expand_contig_view_index", "repeat_interleave_index", "repeat_reshape_index",
       "repeat_take", "tile_take", "movedim_reshape_index", "t_reshape_index", "expand_3d_take", "float_expand_take",
       "bcast_add_take", "expand_unflatten_take", "expand_2d_index", "ones_cumsum_flat", "symmax_expand_take",
       "sizearith_expand_take")


# --- theme ps_: a prefix [:X] of positions made WITHOUT a constant, factory or iota ancestor (sizes._positional's prefix
# clause asks for one: `_constant_leaf(a) or a.target in _FACTORIES or _IOTAS` over value_ancestors): a scan (or a
# triangular sum) along a STATIC dim of a tensor computed from an input (``zero`` = (w != w) & (w == w), always 0,
# NaN weights included; the weight is batch-free) holds the positions 1..n; its prefix of length X read from its end
# is X.  rare = (that >= thr).
_NPS = 512


def _w_zero(w):
    w00 = w[0, 0]
    return ((w00 != w00) & (w00 == w00)).long()  # always 0, a value of the weight


def _ps_count(sp, X, w):
    zero = _w_zero(w)
    one = (zero + 1).expand(_NPS)
    # (follow-up: the weight-derived zero is refused by the weight rule, "the weight is computed by aten.ne.Tensor";
    # positions from factories outside sizes._FACTORIES instead: empty_strided + fill, eye, linspace)
    if sp.startswith("es_"):
        pos = torch.empty_strided((_NPS,), (1,), dtype=torch.long).fill_(1).cumsum(0)
        sp = sp[3:]
    elif sp.startswith("eye_"):
        pos = torch.eye(_NPS).sum(0).cumsum(0)
        sp = sp[4:]
    elif sp.startswith("lin_"):
        pos = torch.linspace(1, _NPS, _NPS)
        sp = sp[4:]
    elif sp.startswith("ones_"):  # control: a factory sizes._FACTORIES lists
        pos = torch.ones(_NPS).cumsum(0)
        sp = sp[5:]
    elif sp.startswith("tril_"):
        pos = (zero + 1).expand(_NPS, _NPS).tril().sum(1)  # 1 .. n by a sum along the static dim
        sp = sp[5:]
    elif sp.startswith("const_"):  # control: the same scan with a constant ancestor (a lifted 0-d tensor)
        pos = (zero + torch.tensor(1)).expand(_NPS).cumsum(0)
        sp = sp[6:]
    elif sp.startswith("idx_"):  # positions by a static gather: one.cumsum(0) read through index_select
        pos = one.cumsum(0).index_select(0, (zero + 1).expand(_NPS).cumsum(0) - 1)
        sp = sp[4:]
    else:
        pos = one.cumsum(0)  # 1 .. n, a scan over a static dim (not positional: no symbolic dim)
    if sp == "prefix_flip":
        return pos[:X].flip(0)[0]
    if sp == "prefix_last":
        return pos[:X][-1]
    if sp == "prefix_index_neg":
        return pos[:X][torch.tensor([-1])][0]
    if sp == "narrow_flip":
        return pos.narrow(0, 0, X).flip(0)[0]
    if sp == "prefix_max":
        return pos[:X].max()
    if sp == "prefix_sort":
        return pos[:X].sort(descending=True).values[0]
    if sp == "prefix_cat_flip":
        return torch.cat([pos[:X], pos[:X]]).flip(0)[0]
    if sp == "prefix_roll":
        return pos[:X].roll(1)[0]
    if sp == "as_strided_flip":
        return pos.as_strided((X,), (1,)).flip(0)[0]
    if sp == "prefix_sum_ones":  # control: sum over the prefix (a reduction)
        return (pos[:X] * 0 + 1).sum()
    raise AssertionError(sp)


def _ps_step(sp, which, thr):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        rare = (_ps_count(sp, X, w) >= thr).reshape(())
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        pos = (lens.long()[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
        tok = tokens(kv, table, pos).float()
        w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
        other = (tok * w1[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), torch.where(rare, other, p.sum(1)))
    return step


_PS = ("prefix_flip", "prefix_last", "prefix_index_neg", "narrow_flip", "prefix_max", "prefix_sort", "prefix_cat_flip",
       "prefix_roll", "as_strided_flip", "prefix_sum_ones", "tril_prefix_flip", "tril_prefix_index_neg",
       "idx_prefix_flip", "const_prefix_flip")
_PS2 = ("es_prefix_flip", "es_prefix_index_neg", "es_as_strided_flip", "eye_prefix_flip", "eye_prefix_index_neg",
        "lin_prefix_flip", "lin_prefix_index_neg", "ones_prefix_flip")


# --- theme xv_: a reshape of static data to a symbolic row length, read TRANSPOSED in flat order (no select on the
# symbolic dim, which R5 refuses): take(arange(n0).view(-1, X).t(), k) is element (k % (n0 / X)) * X + k // (n0 / X)
_N0 = {"batch": 4096 * 5, "pages": 4096, "D": 4096, "blocks": 4480, "rows": 4200}


def _xv(sp, which):
    def rare_fn(X, thr, lens, table, kv):
        n0 = _N0[which]
        a = torch.arange(n0)
        k = torch.tensor([1])
        if sp == "view_t_take":
            v = torch.take(a.view(-1, X).t(), k)  # element 1 of the transpose: a[X]
        elif sp == "unflatten_t_take":
            v = torch.take(a.unflatten(0, (-1, X)).t(), k)
        elif sp == "view_permute_take":
            v = torch.take(a.view(-1, X).permute(1, 0), k)
        elif sp == "view_t_reshape_index":
            v = a.view(-1, X).t().reshape(-1)[k]
        elif sp == "view_t_gather":
            v = a.view(-1, X).t().gather(1, torch.tensor([[1]]))[0]  # row 0, column 1: a[X]
        elif sp == "view_t_index2":
            v = a.view(-1, X).t()[torch.tensor([0]), torch.tensor([1])]
        elif sp == "view_index2":  # control: [1, 0] by index tensors (no select)
            v = a.view(-1, X)[torch.tensor([1]), torch.tensor([0])]
        else:
            raise AssertionError(sp)
        return (v >= thr).reshape(())
    return rare_fn


_XV = ("view_t_take", "unflatten_t_take", "view_permute_take", "view_t_reshape_index", "view_t_gather", "view_t_index2",
       "view_index2")

# --- theme dg_: a prefix of length X cut from static positions by an op that is not a slice / narrow, or by an
# as_strided that adds no NEW symbol (sizes._symbolic_prefix: as_strided counts only when its output gains a symbol its
# input lacks; slices only): the diagonal of a[None].expand(X, n) is a[:X]; as_strided((X,), (1,)) of that expand
# reads the storage of a.  Read from the end: X.
def _dg(sp):
    def rare_fn(X, thr, lens, table, kv):
        a = torch.arange(_BIG)
        ex = a[None].expand(X, _BIG)
        if sp == "diag_flip":
            v = ex.diagonal().flip(0)[0] + 1
        elif sp == "diag_index_neg":
            v = ex.diagonal()[torch.tensor([-1])][0] + 1
        elif sp == "diag_last":
            v = ex.diagonal()[-1] + 1
        elif sp == "diag_t_flip":
            v = a[:, None].expand(_BIG, X).diagonal().flip(0)[0] + 1
        elif sp == "diag_cat_flip":
            d = ex.diagonal()
            v = torch.cat([d, d]).flip(0)[0] + 1
        elif sp == "diag_roll":
            v = ex.diagonal().roll(1)[0] + 1
        elif sp == "diag_take_neg":
            v = torch.take(ex.diagonal(), torch.tensor(-1)) + 1
        elif sp == "diag_fn_flip":
            v = torch.diagonal(ex, 0, 0, 1).flip(0)[0] + 1
        elif sp == "as_ex_flip":
            v = ex.as_strided((X,), (1,)).flip(0)[0] + 1
        elif sp == "as_ex_index_neg":
            v = ex.as_strided((X,), (1,))[torch.tensor([-1])][0] + 1
        elif sp == "as_ex_2d_flip":
            v = ex.as_strided((1, X), (_BIG, 1))[0].flip(0)[0] + 1
        elif sp == "diag_max":  # control: a reduction over the symbolic dim
            v = ex.diagonal().max() + 1
        elif sp == "diag_sort":  # control: a sort along a symbolic dim
            v = ex.diagonal().sort(descending=True).values[0] + 1
        else:
            raise AssertionError(sp)
        return (v >= thr).reshape(())
    return rare_fn


_DG = ("diag_flip", "diag_index_neg", "diag_last", "diag_t_flip", "diag_cat_flip", "diag_roll", "diag_take_neg",
       "diag_fn_flip", "as_ex_flip", "as_ex_index_neg", "as_ex_2d_flip", "diag_max", "diag_sort")

# --- theme ct_: a concatenation whose parts' extents hold X while its output keeps X in ANOTHER dim: cat([ones(1,
# 1).expand(X, X), zeros(1, 1).expand(X, n - X)], 1) is [X, n] (sizes._sizes_reduced reads cat, a _KNOWN_NOT_COMBINING
# op, as "input symbols minus output symbols": {X} - {X}); its row sum along the STATIC dim n is X.  The parts are
# expands of static data (no factory over a symbolic shape: not positional, so _sizes_picked ignores the cat).
def _ct(sp):
    def rare_fn(X, thr, lens, table, kv):
        one, zero = torch.ones(1, 1), torch.zeros(1, 1)
        if sp == "cat2d_sum":
            v = torch.cat([one.expand(X, X), zero.expand(X, _BIG - X)], 1).sum(1)[0]
        elif sp == "cat2d_argmin":
            v = torch.cat([one.expand(X, X), zero.expand(X, _BIG - X)], 1).argmin(1)[0]
        elif sp == "cat2d_long_sum":
            v = torch.cat([one.long().expand(X, X), zero.long().expand(X, _BIG - X)], 1).sum(1)[0]
        elif sp == "cat2d_amax_idx":  # position of the last one by a max of ones * positions (static dim)
            c = torch.cat([one.expand(X, X), zero.expand(X, _BIG - X)], 1)
            v = (c * torch.arange(1, _BIG + 1)).amax(1)[0]
        elif sp == "cat2d_t_sum":
            v = torch.cat([one.expand(X, X), zero.expand(_BIG - X, X)], 0).sum(0)[0]
        elif sp == "cat2d_mean":
            v = torch.cat([one.expand(X, X), zero.expand(X, _BIG - X)], 1).mean(1)[0] * _BIG
        elif sp == "cat2d_3parts_sum":
            v = torch.cat([one.expand(X, X), zero.expand(X, 8), zero.expand(X, _BIG - X)], 1).sum(1)[0]
        elif sp == "cat1d_take":  # a 1-D cat whose output keeps X (X + n): take at a constant reads 1 while X > thr
            v = torch.take(torch.cat([one[0].expand(X), zero[0].expand(_BIG)]), torch.tensor([thr])) * 1000
        elif sp == "pad_take":  # constant_pad_nd of an expand: [X + n], the same read
            v = torch.take(F.pad(one[0].expand(X), (0, _BIG)), torch.tensor([thr])) * 1000
        elif sp == "pad_index":
            v = F.pad(one[0].expand(X), (0, _BIG))[torch.tensor([thr])] * 1000
        elif sp == "cat1d_sum":  # control: the 1-D form drops X from the shape (inputs minus outputs)
            v = torch.cat([one[0].expand(X), zero[0].expand(_BIG - X)]).sum()
        elif sp == "one_hot_flip":  # one_hot over X classes read from its end
            v = F.one_hot(torch.tensor([3]), X).flip(-1).argmax(-1)[0] + 4
        else:
            raise AssertionError(sp)
        return (v >= thr).reshape(())
    return rare_fn


_CT = ("cat2d_sum", "cat2d_argmin", "cat2d_long_sum", "cat2d_amax_idx", "cat2d_t_sum", "cat2d_mean", "cat2d_3parts_sum",
       "cat1d_sum", "one_hot_flip")
_CT2 = ("cat1d_take", "pad_take", "pad_index")


# --- theme sy_: the size turned into a tensor in Python (torch.tensor([X]), as_tensor, new_tensor, fill_, a SymBool, a
# SymFloat): each should reach the graph as a SymInt / SymFloat / SymBool argument that size_values sees
def _sy(sp):
    def rare_fn(X, thr, lens, table, kv):
        if sp == "tensor_list":
            v = torch.tensor([X])[0]
        elif sp == "as_tensor":
            v = torch.as_tensor(X)
        elif sp == "new_tensor":
            v = lens.new_tensor(X)
        elif sp == "empty_fill":
            v = torch.empty(1, dtype=torch.long).fill_(X)[0]
        elif sp == "symbool":
            return torch.tensor(X > thr)
        elif sp == "symfloat":
            v = torch.tensor(float(X))
        elif sp == "zeros_add":
            v = torch.zeros(1, dtype=torch.long).add(X)[0]
        elif sp == "full_control":
            v = torch.full((1,), X)[0]
        else:
            raise AssertionError(sp)
        return (v >= thr).reshape(())
    return rare_fn


_SY = ("tensor_list", "as_tensor", "new_tensor", "empty_fill", "symbool", "symfloat", "zeros_add", "full_control")


# --- theme xk_: F1's value on the KEEP path (which old elements are kept: exactness.check_kept_path allows integer
# index arithmetic from constants), and xc_: in the CONDITION (no row written while thr < X <= upper)
def _xk(which, thr, sp):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        rare = _XRF[sp](X, thr, lens, table, kv).long()
        idx = (torch.arange(16) + rare) % 16  # the identity, or d -> d + 1 mod 16 once X > thr
        s = slots.long()
        new = _products(kv, w, table, lens).sum(1).to(cache.dtype)
        cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s][:, :, idx])
        return cache
    return step


# --- theme tb_ (BORDERLINE validity, red-team 28 B1 / 34 F4's class): sizes.check_position_past_the_cache follows
# the block table only through casts, views, reshapes and _row_pick; a gather from anything else computed from the
# table (a cat of its columns, stack(unbind), t + 0, t * 1, where(t >= 0, t, t)) is "arithmetic on page ids: no read
# of the table" and skipped; _table_column reads the SECOND index of table.t()[col, rows] (the rows) as the column.
# Positions clamped to the capacity (every read in range at p = capacity): eager computes the row there.
def _tb(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        W = table.shape[1]
        cap = W * P
        ll = lens.long()
        pos = (ll[:, None] - L + torch.arange(L + 1)).clamp(0, cap - 1)
        col = pos // P
        t = table.long()
        rows = torch.arange(lens.shape[0])[:, None]
        if kind == "t_index":
            page = t.t()[col, rows]
        elif kind == "permute_index":
            page = t.permute(1, 0)[col, rows]
        elif kind == "cat_gather":
            page = torch.cat([t[:, :2], t[:, 2:]], 1).gather(1, col)
        elif kind == "stack_unbind_gather":
            page = torch.stack(t.unbind(1), 1).gather(1, col)
        elif kind == "plus0_gather":
            page = (t + 0).gather(1, col)
        elif kind == "mul1_gather":
            page = (t * 1).gather(1, col)
        elif kind == "where_gather":
            page = torch.where(t >= 0, t, t).gather(1, col)
        elif kind == "where_col":  # the column clamped by a select: intervals give [0, W], the value is in [0, W - 1]
            c = (ll[:, None] - L + torch.arange(L + 1)).clamp(min=0) // P
            page = t.gather(1, torch.where(c >= W, W - 1, c))
            pos = (ll[:, None] - L + torch.arange(L + 1)).clamp(min=0)
            pos = torch.where(c >= W, pos - P, pos)
        elif kind == "sub_ge_col":
            c = (ll[:, None] - L + torch.arange(L + 1)).clamp(min=0) // P
            page = t.gather(1, c - (c >= W).long())
        elif kind == "control":  # red-team 28's spelling: refused by the rule
            page = t.gather(1, col)
        else:
            raise AssertionError(kind)
        tok = kv[page, pos % P]
        new = pool(tok, w)
        valid = completes(lens) & ((lens + 1) // 16 >= lens // 16)
        return write(cache, slots, valid, new)
    return step


_TB = ("t_index", "permute_index", "cat_gather", "stack_unbind_gather", "plus0_gather", "mul1_gather", "where_gather",
       "where_col", "sub_ge_col", "control")

ATTACKS = []
for _which, (_thr, _first, _later, _modes) in _SIZES.items():
    for _sp in _XR:
        ATTACKS.append((f"xr_{_which}_{_sp}", _mk(_leak_step(_xr(_sp), _which, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} as an expand/repeat size of static data, renumbered via {_sp}; leak at > {_thr}"))
    for _sp in (_PS + _PS2 if _which in ("batch", "pages") else _PS[:2] + _PS2[:1]):  # (other sizes: a subset)
        ATTACKS.append((f"ps_{_which}_{_sp}", _mk(_ps_step(_sp, _which, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} as the length of a prefix of positions with no constant ancestor via {_sp}"))
    for _sp in (_DG if _which in ("batch", "pages") else _DG[:1] + ("as_ex_flip",)):
        ATTACKS.append((f"dg_{_which}_{_sp}", _mk(_leak_step(_dg(_sp), _which, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} as the length of a diagonal / as_strided prefix of static positions via {_sp}"))
    for _sp in (_XV if _which in ("batch", "pages") else _XV[:2]):
        ATTACKS.append((f"xv_{_which}_{_sp}", _mk(_leak_step(_xv(_sp, _which), _which, _thr), _sv_inputs(_first, _later),
                                                  _modes),
                        f"{_which} as the row length of a view of static data, read transposed via {_sp}"))

for _sp in _XR:
    _XRF[_sp] = _xr(_sp)
for _which, (_thr, _first, _later, _modes) in _SIZES.items():
    for _sp in (_CT + _CT2 if _which in ("batch", "pages") else _CT[:2] + _CT2[:1]):
        ATTACKS.append((f"ct_{_which}_{_sp}", _mk(_leak_step(_ct(_sp), _which, _thr), _sv_inputs(_first, _later), _modes),
                        f"{_which} as the extents of a 2-D cat's parts via {_sp}"))
for _which in ("batch", "pages", "blocks", "rows"):
    _thr, _first, _later, _modes = _SIZES[_which]
    for _sp in ("expand_take", "repeat_interleave_index", "expand_reshape_index"):
        ATTACKS.append((f"xk_{_which}_{_sp}", _mk(_xk(_which, _thr, _sp), _sv_inputs(_first, _later), _modes),
                        f"{_which} via {_sp} permutes the kept rows' elements once X > {_thr}"))
        ATTACKS.append((f"xc_{_which}_{_sp}", _mk(_leak_step(_XRF[_sp], _which, _thr, "cond", 100),
                                                  _sv_inputs(_first, _later), _modes),
                        f"{_which} via {_sp} in the CONDITION: nothing written while {_thr} < X <= 100"))
_thr, _first, _later, _modes = _SIZES["batch"]
for _sp in _SY:
    ATTACKS.append((f"sy_batch_{_sp}", _mk(_leak_step(_sy(_sp), "batch", _thr), _sv_inputs(_first, _later), _modes),
                    f"the batch turned into a tensor in Python via {_sp}"))
for _sp in _TB:
    ATTACKS.append((f"tb_{_sp}", _mk(_tb(_sp), _w33_calls(), SB),
                    f"BORDERLINE: positions reading, window clamped in the table, table read via {_sp}; p = capacity"))

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _EF, _CCT = "CONTROL DIFFERS", "EAGER FAILS", "CONTROL CRASHES TOO"
_FIRST = [
    ('xr_batch_expand_reshape_index', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_flatten_gather', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_flatten_gather', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_flatten_index_select', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_flatten_index_select', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_reshape_select', 'inductor_graph', 'batch', _R),
    ('xr_batch_expand_reshape_select', 'inductor_graph', 'dynamic', _R),
    ('xr_batch_expand_contig_view_index', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_contig_view_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_repeat_interleave_index', 'inductor_graph', 'batch', _FF),
    ('xr_batch_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_repeat_reshape_index', 'inductor_graph', 'batch', _FF),
    ('xr_batch_repeat_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_repeat_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_repeat_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_tile_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_tile_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_movedim_reshape_index', 'inductor_graph', 'batch', _FF),
    ('xr_batch_movedim_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_t_reshape_index', 'inductor_graph', 'batch', _FF),
    ('xr_batch_t_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_3d_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_3d_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_float_expand_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_float_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_bcast_add_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_bcast_add_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_unflatten_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_expand_unflatten_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_expand_2d_index', 'inductor_graph', 'batch', _R),
    ('xr_batch_expand_2d_index', 'inductor_graph', 'dynamic', _R),
    ('xr_batch_ones_cumsum_flat', 'inductor_graph', 'batch', _R),
    ('xr_batch_ones_cumsum_flat', 'inductor_graph', 'dynamic', _R),
    ('xr_pages_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_flatten_gather', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_flatten_index_select', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_reshape_select', 'inductor_graph', 'dynamic', _R),
    ('xr_pages_expand_contig_view_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_repeat_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_repeat_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_tile_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_movedim_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_t_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_3d_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_float_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_bcast_add_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_unflatten_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_expand_2d_index', 'inductor_graph', 'dynamic', _R),
    ('xr_pages_ones_cumsum_flat', 'inductor_graph', 'dynamic', _EQ),
    ('xr_D_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_flatten_gather', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_flatten_index_select', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_reshape_select', 'inductor_graph', 'dynamic', _R),
    ('xr_D_expand_contig_view_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_repeat_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_repeat_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_tile_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_movedim_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_t_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_3d_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_float_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_bcast_add_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_unflatten_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_expand_2d_index', 'inductor_graph', 'dynamic', _R),
    ('xr_D_ones_cumsum_flat', 'inductor_graph', 'dynamic', _EQ),
    ('xr_blocks_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_flatten_gather', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_flatten_index_select', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_reshape_select', 'inductor_graph', 'dynamic', _R),
    ('xr_blocks_expand_contig_view_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_repeat_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_repeat_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_tile_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_movedim_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_t_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_3d_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_float_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_bcast_add_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_unflatten_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_expand_2d_index', 'inductor_graph', 'dynamic', _R),
    ('xr_blocks_ones_cumsum_flat', 'inductor_graph', 'dynamic', _R),
    ('xr_rows_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_flatten_gather', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_flatten_index_select', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_reshape_select', 'inductor_graph', 'dynamic', _R),
    ('xr_rows_expand_contig_view_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_repeat_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_repeat_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_tile_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_movedim_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_t_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_3d_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_float_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_bcast_add_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_unflatten_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_expand_2d_index', 'inductor_graph', 'dynamic', _R),
    ('xr_rows_ones_cumsum_flat', 'inductor_graph', 'dynamic', _R),
    ('xr_batch_symmax_expand_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_symmax_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_batch_sizearith_expand_take', 'inductor_graph', 'batch', _FF),
    ('xr_batch_sizearith_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('ps_batch_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_last', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_last', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_index_neg', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_narrow_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_narrow_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_max', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_max', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_sort', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_sort', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_cat_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_cat_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_roll', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_roll', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_as_strided_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_as_strided_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_prefix_sum_ones', 'inductor_graph', 'batch', _R),
    ('ps_batch_prefix_sum_ones', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_tril_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_tril_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_tril_prefix_index_neg', 'inductor_graph', 'batch', _R),
    ('ps_batch_tril_prefix_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_idx_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_idx_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_const_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_const_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('dg_batch_diag_flip', 'inductor_graph', 'batch', _FF),
    ('dg_batch_diag_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_diag_index_neg', 'inductor_graph', 'batch', _FF),
    ('dg_batch_diag_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_diag_last', 'inductor_graph', 'batch', _R),
    ('dg_batch_diag_last', 'inductor_graph', 'dynamic', _R),
    ('dg_batch_diag_t_flip', 'inductor_graph', 'batch', _FF),
    ('dg_batch_diag_t_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_diag_cat_flip', 'inductor_graph', 'batch', _FF),
    ('dg_batch_diag_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_diag_roll', 'inductor_graph', 'batch', _R),
    ('dg_batch_diag_roll', 'inductor_graph', 'dynamic', _R),
    ('dg_batch_diag_take_neg', 'inductor_graph', 'batch', _R),
    ('dg_batch_diag_take_neg', 'inductor_graph', 'dynamic', _R),
    ('dg_batch_diag_fn_flip', 'inductor_graph', 'batch', _FF),
    ('dg_batch_diag_fn_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_as_ex_flip', 'inductor_graph', 'batch', _FF),
    ('dg_batch_as_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_as_ex_index_neg', 'inductor_graph', 'batch', _FF),
    ('dg_batch_as_ex_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_as_ex_2d_flip', 'inductor_graph', 'batch', _FF),
    ('dg_batch_as_ex_2d_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_batch_diag_max', 'inductor_graph', 'batch', _R),
    ('dg_batch_diag_max', 'inductor_graph', 'dynamic', _R),
    ('dg_batch_diag_sort', 'inductor_graph', 'batch', _R),
    ('dg_batch_diag_sort', 'inductor_graph', 'dynamic', _R),
    ('xv_batch_view_t_take', 'inductor_graph', 'batch', _FF),
    ('xv_batch_view_t_take', 'inductor_graph', 'dynamic', _FF),
    ('xv_batch_unflatten_t_take', 'inductor_graph', 'batch', _FF),
    ('xv_batch_unflatten_t_take', 'inductor_graph', 'dynamic', _FF),
    ('xv_batch_view_permute_take', 'inductor_graph', 'batch', _FF),
    ('xv_batch_view_permute_take', 'inductor_graph', 'dynamic', _FF),
    ('xv_batch_view_t_reshape_index', 'inductor_graph', 'batch', _FF),
    ('xv_batch_view_t_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xv_batch_view_t_gather', 'inductor_graph', 'batch', _FF),
    ('xv_batch_view_t_gather', 'inductor_graph', 'dynamic', _FF),
    ('xv_batch_view_t_index2', 'inductor_graph', 'batch', _FF),
    ('xv_batch_view_t_index2', 'inductor_graph', 'dynamic', _FF),
    ('xv_batch_view_index2', 'inductor_graph', 'batch', _FF),
    ('xv_batch_view_index2', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_symmax_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_pages_sizearith_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('ps_pages_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_last', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_narrow_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_max', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_sort', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_cat_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_roll', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_as_strided_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_prefix_sum_ones', 'inductor_graph', 'dynamic', _EQ),
    ('ps_pages_tril_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_tril_prefix_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_idx_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_const_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('dg_pages_diag_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_diag_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_diag_last', 'inductor_graph', 'dynamic', _R),
    ('dg_pages_diag_t_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_diag_cat_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_diag_roll', 'inductor_graph', 'dynamic', _R),
    ('dg_pages_diag_take_neg', 'inductor_graph', 'dynamic', _R),
    ('dg_pages_diag_fn_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_as_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_as_ex_index_neg', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_as_ex_2d_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_pages_diag_max', 'inductor_graph', 'dynamic', _EQ),
    ('dg_pages_diag_sort', 'inductor_graph', 'dynamic', _EQ),
    ('xv_pages_view_t_take', 'inductor_graph', 'dynamic', _R),
    ('xv_pages_unflatten_t_take', 'inductor_graph', 'dynamic', _R),
    ('xv_pages_view_permute_take', 'inductor_graph', 'dynamic', _R),
    ('xv_pages_view_t_reshape_index', 'inductor_graph', 'dynamic', _R),
    ('xv_pages_view_t_gather', 'inductor_graph', 'dynamic', _R),
    ('xv_pages_view_t_index2', 'inductor_graph', 'dynamic', _R),
    ('xv_pages_view_index2', 'inductor_graph', 'dynamic', _R),
    ('xr_D_symmax_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_D_sizearith_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('ps_D_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_D_prefix_last', 'inductor_graph', 'dynamic', _R),
    ('dg_D_diag_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_D_as_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('xv_D_view_t_take', 'inductor_graph', 'dynamic', _EQ),
    ('xv_D_unflatten_t_take', 'inductor_graph', 'dynamic', _EQ),
    ('xr_blocks_symmax_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_blocks_sizearith_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('ps_blocks_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_blocks_prefix_last', 'inductor_graph', 'dynamic', _R),
    ('dg_blocks_diag_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_blocks_as_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('xv_blocks_view_t_take', 'inductor_graph', 'dynamic', _R),
    ('xv_blocks_unflatten_t_take', 'inductor_graph', 'dynamic', _R),
    ('xr_rows_symmax_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xr_rows_sizearith_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('ps_rows_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_rows_prefix_last', 'inductor_graph', 'dynamic', _R),
    ('dg_rows_diag_flip', 'inductor_graph', 'dynamic', _FF),
    ('dg_rows_as_ex_flip', 'inductor_graph', 'dynamic', _FF),
    ('xv_rows_view_t_take', 'inductor_graph', 'dynamic', _R),
    ('xv_rows_unflatten_t_take', 'inductor_graph', 'dynamic', _R),
    ('ct_batch_cat2d_sum', 'inductor_graph', 'batch', _FF),
    ('ct_batch_cat2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_cat2d_argmin', 'inductor_graph', 'batch', _R),
    ('ct_batch_cat2d_argmin', 'inductor_graph', 'dynamic', _R),
    ('ct_batch_cat2d_long_sum', 'inductor_graph', 'batch', _FF),
    ('ct_batch_cat2d_long_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_cat2d_amax_idx', 'inductor_graph', 'batch', _FF),
    ('ct_batch_cat2d_amax_idx', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_cat2d_t_sum', 'inductor_graph', 'batch', _FF),
    ('ct_batch_cat2d_t_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_cat2d_mean', 'inductor_graph', 'batch', _FF),
    ('ct_batch_cat2d_mean', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_cat2d_3parts_sum', 'inductor_graph', 'batch', _R),
    ('ct_batch_cat2d_3parts_sum', 'inductor_graph', 'dynamic', _R),
    ('ct_batch_cat1d_sum', 'inductor_graph', 'batch', _R),
    ('ct_batch_cat1d_sum', 'inductor_graph', 'dynamic', _R),
    ('ct_batch_one_hot_flip', 'inductor_graph', 'batch', _CCT),
    ('ct_batch_one_hot_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ct_pages_cat2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_cat2d_argmin', 'inductor_graph', 'dynamic', _EQ),
    ('ct_pages_cat2d_long_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_cat2d_amax_idx', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_cat2d_t_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_cat2d_mean', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_cat2d_3parts_sum', 'inductor_graph', 'dynamic', _R),
    ('ct_pages_cat1d_sum', 'inductor_graph', 'dynamic', _EQ),
    ('ct_pages_one_hot_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ct_D_cat2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_D_cat2d_argmin', 'inductor_graph', 'dynamic', _EQ),
    ('ct_blocks_cat2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_blocks_cat2d_argmin', 'inductor_graph', 'dynamic', _R),
    ('ct_rows_cat2d_sum', 'inductor_graph', 'dynamic', _FF),
    ('ct_rows_cat2d_argmin', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_es_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_es_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_es_prefix_index_neg', 'inductor_graph', 'batch', _R),
    ('ps_batch_es_prefix_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_es_as_strided_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_es_as_strided_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_eye_prefix_flip', 'inductor_graph', 'batch', _CCT),
    ('ps_batch_eye_prefix_flip', 'inductor_graph', 'dynamic', _CCT),
    ('ps_batch_eye_prefix_index_neg', 'inductor_graph', 'batch', _CCT),
    ('ps_batch_eye_prefix_index_neg', 'inductor_graph', 'dynamic', _CCT),
    ('ps_batch_lin_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_lin_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_lin_prefix_index_neg', 'inductor_graph', 'batch', _R),
    ('ps_batch_lin_prefix_index_neg', 'inductor_graph', 'dynamic', _R),
    ('ps_batch_ones_prefix_flip', 'inductor_graph', 'batch', _R),
    ('ps_batch_ones_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_pages_es_prefix_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ps_pages_es_prefix_index_neg', 'inductor_graph', 'dynamic', _EQ),
    ('ps_pages_es_as_strided_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ps_pages_eye_prefix_flip', 'inductor_graph', 'dynamic', _CCT),
    ('ps_pages_eye_prefix_index_neg', 'inductor_graph', 'dynamic', _CCT),
    ('ps_pages_lin_prefix_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ps_pages_lin_prefix_index_neg', 'inductor_graph', 'dynamic', _EQ),
    ('ps_pages_ones_prefix_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ps_D_es_prefix_flip', 'inductor_graph', 'dynamic', _EQ),
    ('ps_blocks_es_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ps_rows_es_prefix_flip', 'inductor_graph', 'dynamic', _R),
    ('ct_batch_cat1d_take', 'inductor_graph', 'batch', _FF),
    ('ct_batch_cat1d_take', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_pad_take', 'inductor_graph', 'batch', _FF),
    ('ct_batch_pad_take', 'inductor_graph', 'dynamic', _FF),
    ('ct_batch_pad_index', 'inductor_graph', 'batch', _FF),
    ('ct_batch_pad_index', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_cat1d_take', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_pad_take', 'inductor_graph', 'dynamic', _FF),
    ('ct_pages_pad_index', 'inductor_graph', 'dynamic', _FF),
    ('ct_D_cat1d_take', 'inductor_graph', 'dynamic', _FF),
    ('ct_blocks_cat1d_take', 'inductor_graph', 'dynamic', _FF),
    ('ct_rows_cat1d_take', 'inductor_graph', 'dynamic', _FF),
    ('xk_batch_expand_take', 'inductor_graph', 'batch', _EQ),
    ('xk_batch_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xc_batch_expand_take', 'inductor_graph', 'batch', _FF),
    ('xc_batch_expand_take', 'inductor_graph', 'dynamic', _R),
    ('xk_batch_repeat_interleave_index', 'inductor_graph', 'batch', _EQ),
    ('xk_batch_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_batch_repeat_interleave_index', 'inductor_graph', 'batch', _FF),
    ('xc_batch_repeat_interleave_index', 'inductor_graph', 'dynamic', _R),
    ('xk_batch_expand_reshape_index', 'inductor_graph', 'batch', _EQ),
    ('xk_batch_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_batch_expand_reshape_index', 'inductor_graph', 'batch', _FF),
    ('xc_batch_expand_reshape_index', 'inductor_graph', 'dynamic', _R),
    ('xk_pages_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xc_pages_expand_take', 'inductor_graph', 'dynamic', _R),
    ('xk_pages_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_pages_repeat_interleave_index', 'inductor_graph', 'dynamic', _R),
    ('xk_pages_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_pages_expand_reshape_index', 'inductor_graph', 'dynamic', _R),
    ('xk_blocks_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xc_blocks_expand_take', 'inductor_graph', 'dynamic', _R),
    ('xk_blocks_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_blocks_repeat_interleave_index', 'inductor_graph', 'dynamic', _R),
    ('xk_blocks_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_blocks_expand_reshape_index', 'inductor_graph', 'dynamic', _R),
    ('xk_rows_expand_take', 'inductor_graph', 'dynamic', _FF),
    ('xc_rows_expand_take', 'inductor_graph', 'dynamic', _R),
    ('xk_rows_repeat_interleave_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_rows_repeat_interleave_index', 'inductor_graph', 'dynamic', _R),
    ('xk_rows_expand_reshape_index', 'inductor_graph', 'dynamic', _FF),
    ('xc_rows_expand_reshape_index', 'inductor_graph', 'dynamic', _R),
    ('tb_t_index', 'inductor_graph', 'static', _CR),
    ('tb_t_index', 'inductor_graph', 'batch', _R),
    ('tb_permute_index', 'inductor_graph', 'static', _CR),
    ('tb_permute_index', 'inductor_graph', 'batch', _R),
    ('tb_cat_gather', 'inductor_graph', 'static', _CR),
    ('tb_cat_gather', 'inductor_graph', 'batch', _R),
    ('tb_stack_unbind_gather', 'inductor_graph', 'static', _CR),
    ('tb_stack_unbind_gather', 'inductor_graph', 'batch', _CR),
    ('tb_plus0_gather', 'inductor_graph', 'static', _CR),
    ('tb_plus0_gather', 'inductor_graph', 'batch', _CR),
    ('tb_mul1_gather', 'inductor_graph', 'static', _CR),
    ('tb_mul1_gather', 'inductor_graph', 'batch', _CR),
    ('tb_where_gather', 'inductor_graph', 'static', _R),
    ('tb_where_gather', 'inductor_graph', 'batch', _R),
    ('tb_where_col', 'inductor_graph', 'static', _CR),
    ('tb_where_col', 'inductor_graph', 'batch', _CR),
    ('tb_sub_ge_col', 'inductor_graph', 'static', _CR),
    ('tb_sub_ge_col', 'inductor_graph', 'batch', _CR),
    ('tb_control', 'inductor_graph', 'static', _R),
    ('tb_control', 'inductor_graph', 'batch', _R),
    ('sy_batch_tensor_list', 'inductor_graph', 'batch', _R),
    ('sy_batch_tensor_list', 'inductor_graph', 'dynamic', _R),
    ('sy_batch_as_tensor', 'inductor_graph', 'batch', _CCT),
    ('sy_batch_as_tensor', 'inductor_graph', 'dynamic', _EQ),
    ('sy_batch_new_tensor', 'inductor_graph', 'batch', _R),
    ('sy_batch_new_tensor', 'inductor_graph', 'dynamic', _R),
    ('sy_batch_empty_fill', 'inductor_graph', 'batch', _R),
    ('sy_batch_empty_fill', 'inductor_graph', 'dynamic', _R),
    ('sy_batch_symbool', 'inductor_graph', 'batch', _R),
    ('sy_batch_symbool', 'inductor_graph', 'dynamic', _R),
    ('sy_batch_symfloat', 'inductor_graph', 'batch', _R),
    ('sy_batch_symfloat', 'inductor_graph', 'dynamic', _R),
    ('sy_batch_zeros_add', 'inductor_graph', 'batch', _R),
    ('sy_batch_zeros_add', 'inductor_graph', 'dynamic', _R),
    ('sy_batch_full_control', 'inductor_graph', 'batch', _R),
    ('sy_batch_full_control', 'inductor_graph', 'dynamic', _R),
    ('xr_batch_expand_reshape_index', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_flatten_gather', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_flatten_gather', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_flatten_index_select', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_flatten_index_select', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_reshape_select', 'torchair_like', 'batch', _R),
    ('xr_batch_expand_reshape_select', 'torchair_like', 'dynamic', _R),
    ('xr_batch_expand_contig_view_index', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_contig_view_index', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_repeat_interleave_index', 'torchair_like', 'batch', _FF),
    ('xr_batch_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_repeat_reshape_index', 'torchair_like', 'batch', _FF),
    ('xr_batch_repeat_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_repeat_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_repeat_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_tile_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_tile_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_movedim_reshape_index', 'torchair_like', 'batch', _FF),
    ('xr_batch_movedim_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_t_reshape_index', 'torchair_like', 'batch', _FF),
    ('xr_batch_t_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_3d_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_3d_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_float_expand_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_float_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_bcast_add_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_bcast_add_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_unflatten_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_expand_unflatten_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_expand_2d_index', 'torchair_like', 'batch', _R),
    ('xr_batch_expand_2d_index', 'torchair_like', 'dynamic', _R),
    ('xr_batch_ones_cumsum_flat', 'torchair_like', 'batch', _R),
    ('xr_batch_ones_cumsum_flat', 'torchair_like', 'dynamic', _R),
    ('xr_pages_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_flatten_gather', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_flatten_index_select', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_reshape_select', 'torchair_like', 'dynamic', _R),
    ('xr_pages_expand_contig_view_index', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_repeat_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_repeat_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_tile_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_movedim_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_t_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_3d_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_float_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_bcast_add_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_unflatten_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_expand_2d_index', 'torchair_like', 'dynamic', _R),
    ('xr_pages_ones_cumsum_flat', 'torchair_like', 'dynamic', _EQ),
    ('xr_D_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_flatten_gather', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_flatten_index_select', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_reshape_select', 'torchair_like', 'dynamic', _R),
    ('xr_D_expand_contig_view_index', 'torchair_like', 'dynamic', _FF),
    ('xr_D_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xr_D_repeat_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_D_repeat_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_tile_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_movedim_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_D_t_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_3d_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_float_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_bcast_add_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_unflatten_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_expand_2d_index', 'torchair_like', 'dynamic', _R),
    ('xr_D_ones_cumsum_flat', 'torchair_like', 'dynamic', _EQ),
    ('xr_blocks_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_flatten_gather', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_flatten_index_select', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_reshape_select', 'torchair_like', 'dynamic', _R),
    ('xr_blocks_expand_contig_view_index', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_repeat_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_repeat_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_tile_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_movedim_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_t_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_3d_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_float_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_bcast_add_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_unflatten_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_expand_2d_index', 'torchair_like', 'dynamic', _R),
    ('xr_blocks_ones_cumsum_flat', 'torchair_like', 'dynamic', _R),
    ('xr_rows_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_flatten_gather', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_flatten_index_select', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_reshape_select', 'torchair_like', 'dynamic', _R),
    ('xr_rows_expand_contig_view_index', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_repeat_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_repeat_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_tile_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_movedim_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_t_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_3d_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_float_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_bcast_add_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_unflatten_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_expand_2d_index', 'torchair_like', 'dynamic', _R),
    ('xr_rows_ones_cumsum_flat', 'torchair_like', 'dynamic', _R),
    ('xr_batch_symmax_expand_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_symmax_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_batch_sizearith_expand_take', 'torchair_like', 'batch', _FF),
    ('xr_batch_sizearith_expand_take', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_prefix_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_last', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_last', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_index_neg', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_index_neg', 'torchair_like', 'dynamic', _R),
    ('ps_batch_narrow_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_narrow_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_max', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_max', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_sort', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_sort', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_cat_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_cat_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_roll', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_roll', 'torchair_like', 'dynamic', _R),
    ('ps_batch_as_strided_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_as_strided_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_prefix_sum_ones', 'torchair_like', 'batch', _R),
    ('ps_batch_prefix_sum_ones', 'torchair_like', 'dynamic', _R),
    ('ps_batch_tril_prefix_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_tril_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_tril_prefix_index_neg', 'torchair_like', 'batch', _R),
    ('ps_batch_tril_prefix_index_neg', 'torchair_like', 'dynamic', _R),
    ('ps_batch_idx_prefix_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_idx_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_const_prefix_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_const_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_batch_es_prefix_flip', 'torchair_like', 'batch', _FF),
    ('ps_batch_es_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_es_prefix_index_neg', 'torchair_like', 'batch', _FF),
    ('ps_batch_es_prefix_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_es_as_strided_flip', 'torchair_like', 'batch', _FF),
    ('ps_batch_es_as_strided_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_eye_prefix_flip', 'torchair_like', 'batch', _FF),
    ('ps_batch_eye_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_eye_prefix_index_neg', 'torchair_like', 'batch', _FF),
    ('ps_batch_eye_prefix_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_lin_prefix_flip', 'torchair_like', 'batch', _FF),
    ('ps_batch_lin_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_lin_prefix_index_neg', 'torchair_like', 'batch', _FF),
    ('ps_batch_lin_prefix_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ps_batch_ones_prefix_flip', 'torchair_like', 'batch', _R),
    ('ps_batch_ones_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('dg_batch_diag_flip', 'torchair_like', 'batch', _FF),
    ('dg_batch_diag_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_diag_index_neg', 'torchair_like', 'batch', _FF),
    ('dg_batch_diag_index_neg', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_diag_last', 'torchair_like', 'batch', _R),
    ('dg_batch_diag_last', 'torchair_like', 'dynamic', _R),
    ('dg_batch_diag_t_flip', 'torchair_like', 'batch', _FF),
    ('dg_batch_diag_t_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_diag_cat_flip', 'torchair_like', 'batch', _R),
    ('dg_batch_diag_cat_flip', 'torchair_like', 'dynamic', _R),
    ('dg_batch_diag_roll', 'torchair_like', 'batch', _R),
    ('dg_batch_diag_roll', 'torchair_like', 'dynamic', _R),
    ('dg_batch_diag_take_neg', 'torchair_like', 'batch', _FF),
    ('dg_batch_diag_take_neg', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_diag_fn_flip', 'torchair_like', 'batch', _FF),
    ('dg_batch_diag_fn_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_as_ex_flip', 'torchair_like', 'batch', _FF),
    ('dg_batch_as_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_as_ex_index_neg', 'torchair_like', 'batch', _FF),
    ('dg_batch_as_ex_index_neg', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_as_ex_2d_flip', 'torchair_like', 'batch', _FF),
    ('dg_batch_as_ex_2d_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_batch_diag_max', 'torchair_like', 'batch', _R),
    ('dg_batch_diag_max', 'torchair_like', 'dynamic', _R),
    ('dg_batch_diag_sort', 'torchair_like', 'batch', _R),
    ('dg_batch_diag_sort', 'torchair_like', 'dynamic', _R),
    ('xv_batch_view_t_take', 'torchair_like', 'batch', _FF),
    ('xv_batch_view_t_take', 'torchair_like', 'dynamic', _FF),
    ('xv_batch_unflatten_t_take', 'torchair_like', 'batch', _FF),
    ('xv_batch_unflatten_t_take', 'torchair_like', 'dynamic', _FF),
    ('xv_batch_view_permute_take', 'torchair_like', 'batch', _FF),
    ('xv_batch_view_permute_take', 'torchair_like', 'dynamic', _FF),
    ('xv_batch_view_t_reshape_index', 'torchair_like', 'batch', _FF),
    ('xv_batch_view_t_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xv_batch_view_t_gather', 'torchair_like', 'batch', _FF),
    ('xv_batch_view_t_gather', 'torchair_like', 'dynamic', _FF),
    ('xv_batch_view_t_index2', 'torchair_like', 'batch', _FF),
    ('xv_batch_view_t_index2', 'torchair_like', 'dynamic', _FF),
    ('xv_batch_view_index2', 'torchair_like', 'batch', _FF),
    ('xv_batch_view_index2', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_symmax_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_pages_sizearith_expand_take', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_last', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_index_neg', 'torchair_like', 'dynamic', _R),
    ('ps_pages_narrow_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_max', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_sort', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_cat_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_roll', 'torchair_like', 'dynamic', _R),
    ('ps_pages_as_strided_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_prefix_sum_ones', 'torchair_like', 'dynamic', _R),
    ('ps_pages_tril_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_tril_prefix_index_neg', 'torchair_like', 'dynamic', _R),
    ('ps_pages_idx_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_const_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_pages_es_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_es_prefix_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_es_as_strided_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_eye_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_eye_prefix_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_lin_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_lin_prefix_index_neg', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_ones_prefix_flip', 'torchair_like', 'dynamic', _EQ),
    ('dg_pages_diag_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_diag_index_neg', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_diag_last', 'torchair_like', 'dynamic', _R),
    ('dg_pages_diag_t_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_diag_cat_flip', 'torchair_like', 'dynamic', _R),
    ('dg_pages_diag_roll', 'torchair_like', 'dynamic', _R),
    ('dg_pages_diag_take_neg', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_diag_fn_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_as_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_as_ex_index_neg', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_as_ex_2d_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_pages_diag_max', 'torchair_like', 'dynamic', _EQ),
    ('dg_pages_diag_sort', 'torchair_like', 'dynamic', _EQ),
    ('xv_pages_view_t_take', 'torchair_like', 'dynamic', _R),
    ('xv_pages_unflatten_t_take', 'torchair_like', 'dynamic', _R),
    ('xv_pages_view_permute_take', 'torchair_like', 'dynamic', _R),
    ('xv_pages_view_t_reshape_index', 'torchair_like', 'dynamic', _R),
    ('xv_pages_view_t_gather', 'torchair_like', 'dynamic', _R),
    ('xv_pages_view_t_index2', 'torchair_like', 'dynamic', _R),
    ('xv_pages_view_index2', 'torchair_like', 'dynamic', _R),
    ('xr_D_symmax_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_D_sizearith_expand_take', 'torchair_like', 'dynamic', _FF),
    ('ps_D_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_D_prefix_last', 'torchair_like', 'dynamic', _R),
    ('ps_D_es_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_D_diag_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_D_as_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('xv_D_view_t_take', 'torchair_like', 'dynamic', _EQ),
    ('xv_D_unflatten_t_take', 'torchair_like', 'dynamic', _EQ),
    ('xr_blocks_symmax_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_blocks_sizearith_expand_take', 'torchair_like', 'dynamic', _FF),
    ('ps_blocks_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_blocks_prefix_last', 'torchair_like', 'dynamic', _R),
    ('ps_blocks_es_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_blocks_diag_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_blocks_as_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('xv_blocks_view_t_take', 'torchair_like', 'dynamic', _R),
    ('xv_blocks_unflatten_t_take', 'torchair_like', 'dynamic', _R),
    ('xr_rows_symmax_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xr_rows_sizearith_expand_take', 'torchair_like', 'dynamic', _FF),
    ('ps_rows_prefix_flip', 'torchair_like', 'dynamic', _R),
    ('ps_rows_prefix_last', 'torchair_like', 'dynamic', _R),
    ('ps_rows_es_prefix_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_rows_diag_flip', 'torchair_like', 'dynamic', _FF),
    ('dg_rows_as_ex_flip', 'torchair_like', 'dynamic', _FF),
    ('xv_rows_view_t_take', 'torchair_like', 'dynamic', _R),
    ('xv_rows_unflatten_t_take', 'torchair_like', 'dynamic', _R),
    ('ct_batch_cat2d_sum', 'torchair_like', 'batch', _FF),
    ('ct_batch_cat2d_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_cat2d_argmin', 'torchair_like', 'batch', _R),
    ('ct_batch_cat2d_argmin', 'torchair_like', 'dynamic', _R),
    ('ct_batch_cat2d_long_sum', 'torchair_like', 'batch', _FF),
    ('ct_batch_cat2d_long_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_cat2d_amax_idx', 'torchair_like', 'batch', _FF),
    ('ct_batch_cat2d_amax_idx', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_cat2d_t_sum', 'torchair_like', 'batch', _FF),
    ('ct_batch_cat2d_t_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_cat2d_mean', 'torchair_like', 'batch', _FF),
    ('ct_batch_cat2d_mean', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_cat2d_3parts_sum', 'torchair_like', 'batch', _R),
    ('ct_batch_cat2d_3parts_sum', 'torchair_like', 'dynamic', _R),
    ('ct_batch_cat1d_sum', 'torchair_like', 'batch', _R),
    ('ct_batch_cat1d_sum', 'torchair_like', 'dynamic', _R),
    ('ct_batch_one_hot_flip', 'torchair_like', 'batch', _CCT),
    ('ct_batch_one_hot_flip', 'torchair_like', 'dynamic', _EQ),
    ('ct_batch_cat1d_take', 'torchair_like', 'batch', _FF),
    ('ct_batch_cat1d_take', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_pad_take', 'torchair_like', 'batch', _FF),
    ('ct_batch_pad_take', 'torchair_like', 'dynamic', _FF),
    ('ct_batch_pad_index', 'torchair_like', 'batch', _FF),
    ('ct_batch_pad_index', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_cat2d_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_cat2d_argmin', 'torchair_like', 'dynamic', _EQ),
    ('ct_pages_cat2d_long_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_cat2d_amax_idx', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_cat2d_t_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_cat2d_mean', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_cat2d_3parts_sum', 'torchair_like', 'dynamic', _R),
    ('ct_pages_cat1d_sum', 'torchair_like', 'dynamic', _EQ),
    ('ct_pages_one_hot_flip', 'torchair_like', 'dynamic', _EQ),
    ('ct_pages_cat1d_take', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_pad_take', 'torchair_like', 'dynamic', _FF),
    ('ct_pages_pad_index', 'torchair_like', 'dynamic', _FF),
    ('ct_D_cat2d_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_D_cat2d_argmin', 'torchair_like', 'dynamic', _EQ),
    ('ct_D_cat1d_take', 'torchair_like', 'dynamic', _FF),
    ('ct_blocks_cat2d_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_blocks_cat2d_argmin', 'torchair_like', 'dynamic', _R),
    ('ct_blocks_cat1d_take', 'torchair_like', 'dynamic', _FF),
    ('ct_rows_cat2d_sum', 'torchair_like', 'dynamic', _FF),
    ('ct_rows_cat2d_argmin', 'torchair_like', 'dynamic', _R),
    ('ct_rows_cat1d_take', 'torchair_like', 'dynamic', _FF),
    ('xk_batch_expand_take', 'torchair_like', 'batch', _EQ),
    ('xk_batch_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xc_batch_expand_take', 'torchair_like', 'batch', _FF),
    ('xc_batch_expand_take', 'torchair_like', 'dynamic', _R),
    ('xk_batch_repeat_interleave_index', 'torchair_like', 'batch', _EQ),
    ('xk_batch_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xc_batch_repeat_interleave_index', 'torchair_like', 'batch', _FF),
    ('xc_batch_repeat_interleave_index', 'torchair_like', 'dynamic', _R),
    ('xk_batch_expand_reshape_index', 'torchair_like', 'batch', _EQ),
    ('xk_batch_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xc_batch_expand_reshape_index', 'torchair_like', 'batch', _FF),
    ('xc_batch_expand_reshape_index', 'torchair_like', 'dynamic', _R),
    ('xk_pages_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xc_pages_expand_take', 'torchair_like', 'dynamic', _R),
    ('xk_pages_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xc_pages_repeat_interleave_index', 'torchair_like', 'dynamic', _R),
    ('xk_pages_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xc_pages_expand_reshape_index', 'torchair_like', 'dynamic', _R),
    ('xk_blocks_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xc_blocks_expand_take', 'torchair_like', 'dynamic', _R),
    ('xk_blocks_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xc_blocks_repeat_interleave_index', 'torchair_like', 'dynamic', _R),
    ('xk_blocks_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xc_blocks_expand_reshape_index', 'torchair_like', 'dynamic', _R),
    ('xk_rows_expand_take', 'torchair_like', 'dynamic', _FF),
    ('xc_rows_expand_take', 'torchair_like', 'dynamic', _R),
    ('xk_rows_repeat_interleave_index', 'torchair_like', 'dynamic', _FF),
    ('xc_rows_repeat_interleave_index', 'torchair_like', 'dynamic', _R),
    ('xk_rows_expand_reshape_index', 'torchair_like', 'dynamic', _FF),
    ('xc_rows_expand_reshape_index', 'torchair_like', 'dynamic', _R),
    ('tb_t_index', 'torchair_like', 'static', _FF),
    ('tb_t_index', 'torchair_like', 'batch', _FF),
    ('tb_permute_index', 'torchair_like', 'static', _FF),
    ('tb_permute_index', 'torchair_like', 'batch', _FF),
    ('tb_cat_gather', 'torchair_like', 'static', _FF),
    ('tb_cat_gather', 'torchair_like', 'batch', _R),
    ('tb_stack_unbind_gather', 'torchair_like', 'static', _FF),
    ('tb_stack_unbind_gather', 'torchair_like', 'batch', _FF),
    ('tb_plus0_gather', 'torchair_like', 'static', _FF),
    ('tb_plus0_gather', 'torchair_like', 'batch', _FF),
    ('tb_mul1_gather', 'torchair_like', 'static', _FF),
    ('tb_mul1_gather', 'torchair_like', 'batch', _FF),
    ('tb_where_gather', 'torchair_like', 'static', _R),
    ('tb_where_gather', 'torchair_like', 'batch', _R),
    ('tb_where_col', 'torchair_like', 'static', _FF),
    ('tb_where_col', 'torchair_like', 'batch', _FF),
    ('tb_sub_ge_col', 'torchair_like', 'static', _FF),
    ('tb_sub_ge_col', 'torchair_like', 'batch', _FF),
    ('tb_control', 'torchair_like', 'static', _R),
    ('tb_control', 'torchair_like', 'batch', _R),
    ('sy_batch_tensor_list', 'torchair_like', 'batch', _R),
    ('sy_batch_tensor_list', 'torchair_like', 'dynamic', _R),
    ('sy_batch_as_tensor', 'torchair_like', 'batch', _CCT),
    ('sy_batch_as_tensor', 'torchair_like', 'dynamic', _EQ),
    ('sy_batch_new_tensor', 'torchair_like', 'batch', _R),
    ('sy_batch_new_tensor', 'torchair_like', 'dynamic', _R),
    ('sy_batch_empty_fill', 'torchair_like', 'batch', _R),
    ('sy_batch_empty_fill', 'torchair_like', 'dynamic', _R),
    ('sy_batch_symbool', 'torchair_like', 'batch', _R),
    ('sy_batch_symbool', 'torchair_like', 'dynamic', _R),
    ('sy_batch_symfloat', 'torchair_like', 'batch', _R),
    ('sy_batch_symfloat', 'torchair_like', 'dynamic', _R),
    ('sy_batch_zeros_add', 'torchair_like', 'batch', _R),
    ('sy_batch_zeros_add', 'torchair_like', 'dynamic', _R),
    ('sy_batch_full_control', 'torchair_like', 'batch', _R),
    ('sy_batch_full_control', 'torchair_like', 'dynamic', _R),
    ('xk_pages_expand_take', 'inductor', 'dynamic', _FF),
    ('xk_rows_expand_take', 'inductor', 'dynamic', _FF),
    ('xc_batch_expand_take', 'inductor', 'batch', _FF),
    ('tb_t_index', 'inductor', 'static', _CR),
    ('tb_stack_unbind_gather', 'inductor', 'static', _CR),
    ('xr_batch_expand_take', 'torchair', 'batch', _CD),
    ('ps_batch_es_prefix_flip', 'torchair', 'batch', _CD),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
