"""Twenty-eighth adversarial review of the recogniser (round 28; reviewer focus: the integer side under dynamic
shapes: sizes entering values, periodic arithmetic of the lengths past the compiled capacity, lengths read as
positions; mark_dynamic on the batch and dynamic=True, calls after compile at other batch sizes, capacities, block
counts, cache rows, heads and head dims).

Same format as redteam25: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; the first input is compiled, the others
are called after it (most at another size); runner and classification are redteam7's ``classify7``.

    python tests/corpora/redteam28.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam28.py --table OUT.md [--dialect D ...] [name ...]

First try (02:45-03:12 UTC 2026-12-05, frozen snapshot of 1679bb7 in /tmp/base28, PYTHONPATH=/tmp/base28, run from
that tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1): 108 attacks in 5 themes (bsz_ 71: the batch size as a value; sz_ 15
and far_ 13: other sizes as values; per_ 7: the period / divisor rules; lp_ 2: lengths read as positions), 244 runs
per graph dialect (``_FIRST``; far_D_*, far_N_*, far_pages_symint_pos_control and the new_scale / new_div spellings
were added and first run at 03:07-03:11):

* inductor_graph: 66 FALSE FUSION / 4 CRASH (lp_, borderline) / 64 equal / 110 refused / 0 control differs;
* torchair_like:  74 FALSE FUSION (4 of them lp_, borderline) / 0 CRASH / 65 equal / 105 refused / 0 control
  differs (differences: ``take`` at a constant -1 is kept by torchair's graphs, decomposed to ``select(-1)`` (R5:
  refused) in Inductor's; far_D_flip_weight batch fused & equal; lp_ FALSE FUSION where Inductor graphs CRASH);
* Inductor codegen (``--dialect inductor``, nsa_fusion_backend; confirmation): 22 runs of 10 attacks: 16 FALSE FUSION
  (every one the graph dialects found in those attacks, batch and dynamic) / 2 CRASH (lp_gt_self, as in
  inductor_graph) / 3 equal (static controls) / 1 refused (as in the graph dialects).  Standalone repros
  /work/briefs/redteam28_repro.py (F1) and /work/briefs/redteam28_repro_f2.py (F2) confirm with real Inductor,
  the control (backend="inductor") equal to eager.

Two findings (/work/briefs/redteam28_findings.md), both FALSE FUSIONs on valid input where plain Inductor equals eager,
one root cause (a size reaches the step's values with no node that ``size_values`` counts as using it):

* F1 (bsz_*, far_batch_*; 30 attacks in inductor_graph, 33 in torchair_like): the batch size as a value, spelled
  without a reduction over the batch, an iota over another symbol or a SymInt argument: ``arange(B).flip(0)[0]``,
  ``ones(B).cumsum(0).flip(0)[0]``, ``arange(B).narrow(0, B - 1, 1)``, ``arange(B)[B - 1:]``,
  ``arange(B)[tensor([-1])]``, ``take(arange(B), tensor(-1))`` (torchair_like), ``cumsum(..).sort(..).values[0]``,
  ``cummax(arange(B)).values.flip(0)[0]``.  Used to move the window down a token, reverse the weight, mask the
  condition (``& (B != 48)``, batch mode; a symbolic capacity's mask rule refuses iota / cumsum), or rotate the kept
  rows past B > 100: compiled at B = 40, called at B = 48 (120).  Rules: ``sizes.SizesProof.size_values`` /
  ``_sizes_reduced`` (views, gathers, scans and sorts exempt; the length of ``ones`` / ``arange`` a shape argument);
  ``sizes._size_modular_offset`` (R5: ``flip`` is not in ``_MODULAR_VIEWS``; offset ``B - 1`` with extent 1 is "a
  multiple of the extent"; ``index`` / ``take`` are gathers); ``evaluate.BatchPlan._plan`` (a node that reads no root is
  batch-free, a 0-dim operand broadcasts as constant along the batch); ``exactness.check_kept_path`` (a batch-derived
  constant is a constant); ``sizes.Generalize._generalize`` re-proves at B + 1 only.  Repro
  /work/briefs/redteam28_repro.py (flip|narrow, batch|dynamic).
* F2 (far_pages_*, far_blocks_*, far_rows_*, far_D_*, far_N_*; 9 attacks in each graph dialect): the same spellings
  on other sizes (``ones(n).cumsum(0).flip(0)[0]`` with n the table width, the KV block count, the cache rows, the
  head dim, the heads), used past a threshold above the sizes ``Generalize._generalize`` re-proves at (h + 1, else
  2h, 2h + 1, 3h, h - 1, h / 2): not guarded, so a dynamic graph compiled at 4 pages (163 blocks, 85 rows, D = 16,
  N = 2) fuses a step that moves the window / reverses the weight / rotates kept heads at 24 pages (700 blocks,
  400 rows, D = 80, N = 8).  dynamic=True, and mark_dynamic on the batch with calls at other sizes (automatic
  dynamic).  The same step with the size as a SymInt value (far_pages_symint_pos_control) is guarded: equal.
  Repro /work/briefs/redteam28_repro_f2.py.

Borderline, not counted (B1, lp_gt_self, lp_next_block): redteam24 F1's step (33 tokens ending at position lens,
condition ``completes(lens)``) plus one comparison reading both ``lens`` and ``lens + 1`` (``lens + 1 > lens``,
``(lens + 1) // 16 >= lens // 16``): ``lengths_from_positions.expose`` / ``_compared`` take lens for positions,
s' = lens + 1 is bounded to [0, capacity], and at lens = capacity the op raises (Inductor graphs, codegen: CRASH) or
writes nothing (torchair_like: FALSE FUSION) where eager writes.  Valid only if lens = capacity is valid for a model
whose condition compares lens as lengths; docs/soundness.md's rule reads such an input as positions.

Not found (equal or refused; the class each tried):
* the batch through ``select(-1)``, ``[-1:]`` (R5), a float arange (its cast's interval, or R5),
  ``ones_like(lens).cumsum(0)[-1]`` (R5, or the row proof), ``take`` in Inductor graphs (decomposed to select(-1));
  ``arange(B, 0, -1)`` (the batch as a start: a value, refused); kept rows rotated past B > 40 (generalisation at
  B + 1) or through ``arange(B)`` (the keep rule on iotas over the batch); slots moved by a batch-derived constant
  (fused & equal: the op gets those slots); the pooled value scaled or divided by a batch-derived 0/1 factor
  (pooling: a constant scaling).
* other sizes (sz_: ``size == compiled size`` in the condition or the window, called at another size): static and
  batch fused & equal (the later call recompiles and is proven again), dynamic=True refused (R5 on ``select(-1)``,
  ``check_symbolic_iotas`` on ``arange(pages)``, the mask rule on iota / cumsum / ones in a condition under a symbolic
  capacity, or the generalisation, which reaches the changed size).
* the period rule: ``(pos // 64) & 7`` in every operand order and spelling (``bitwise_and(tensor(7), q)``,
  ``7 & q``, ``__and__``, ``full`` mask first): refused under dynamic=True (period 32 > 14 probed, or "divides by a
  length-derived value" where the mask comes first); equal where static (each capacity reproven).  The contract at
  4, 5, 10 pages fuses and is equal in all modes.  (Read, not broken: ``_eventual_slopes``, ``check_periods``'
  settled-outcome check, ``_constant_comparison``, ``_check_length_ops``, ``MaskProof._mask_bound``'s bound.)
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F  # noqa: F401

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
BD = ("batch", "dynamic")


def _calls(*specs):
    """Calls: build(**spec) for each spec (the first is compiled, the rest run after)."""
    return lambda: [build(seed=k, **s) for k, s in enumerate(specs)]


# --- 1. the batch size entering values through a view of a batch-long constant ---------------------------------
def _bval(kind, lens):
    """B (or B - 1) as a 0-dim tensor, spelled without a reduction over the batch."""
    B = lens.shape[0]
    if kind == "arange_last":
        return torch.arange(B)[-1] + 1
    if kind == "ones_cumsum_last":
        return torch.ones(B, dtype=torch.int64).cumsum(0)[-1]
    if kind == "arange_flip_first":
        return torch.arange(B).flip(0)[0] + 1
    if kind == "arange_narrow":
        return torch.arange(B).narrow(0, B - 1, 1)[0] + 1
    if kind == "arange_slice_last":
        return torch.arange(1, B + 1)[-1:]
    if kind == "zeros_like_cumsum":
        return torch.ones_like(lens, dtype=torch.int64).cumsum(0)[-1]
    if kind == "arange_float_last":
        return torch.arange(B, dtype=torch.float32)[-1] + 1
    if kind == "cumsum_flip_first":
        return torch.ones(B, dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "arange_down_first":  # arange(B, 0, -1): the batch as a start, a shape argument
        return torch.arange(B, 0, -1)[0]
    if kind == "arange_slice_sym":  # a slice [B - 1:] (offset B - 1, extent 1: "a multiple of the extent")
        return torch.arange(B)[B - 1:][0] + 1
    if kind == "arange_flip_narrow0":
        return torch.arange(B).flip(0).narrow(0, 0, 1)[0] + 1
    if kind == "arange_index_neg":  # a gather at a constant index -1 (aten.index wraps it)
        return torch.arange(B)[torch.tensor([-1])][0] + 1
    if kind == "arange_take_neg":
        return torch.take(torch.arange(B), torch.tensor(-1)) + 1
    if kind == "cumsum_sort_first":
        return torch.ones(B, dtype=torch.int64).cumsum(0).sort(descending=True).values[0]
    if kind == "cummax_flip":
        return torch.cummax(torch.arange(B), 0).values.flip(0)[0] + 1
    if kind == "ones_flip_cumsum_first":  # flip after the scan, then an index 0
        return torch.ones(B, dtype=torch.int32).cumsum(0, dtype=torch.int32).flip(0)[0].long()
    raise AssertionError(kind)


def _batch_cond(kind, how="cond"):
    def step(kv, w, slots, table, lens, cache):
        nb = _bval(kind, lens)
        if how == "cond":
            valid = completes(lens) & (nb <= 40)
            return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
        if how == "cond_ne48":  # true at every batch but 48
            valid = completes(lens) & (nb != 48)
            return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
        if how == "cond_lens":  # a threshold on the length that moves with the batch
            valid = completes(lens) & (lens.long() < nb * 8)
            return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
        if how == "pos":  # the window shifted down by one past 40 rows
            pos = (lens.long()[:, None] - L + torch.arange(L) - (nb > 40).long()).clamp(min=0)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
        if how == "weight":  # the weight reversed past 40 rows
            ww = torch.where(nb > 40, w.flip(0), w)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), ww))
        if how == "keep_dims":  # kept rows read with their head-dim elements rotated past 40 rows
            s = slots.long()
            old = cache[s]
            D = old.shape[-1]
            old = old[:, :, (torch.arange(D) + (nb > 40).long()) % D]
            new = pool(tokens(kv, table, positions(lens)), w)
            cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
            return cache
        if how == "keep_heads":
            s = slots.long()
            old = cache[s]
            N = old.shape[1]
            old = old.index_select(1, (torch.arange(N) + (nb > 40).long()) % N)
            new = pool(tokens(kv, table, positions(lens)), w)
            cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
            return cache
        if how == "slot_shift":  # the slots moved by one row past 40 rows (one-to-one, the op gets them: control)
            S = cache.shape[0]
            s2 = (slots.long() + (nb > 40).long()) % S
            return write(cache, s2, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        if how == "new_div":
            new = pool(tokens(kv, table, positions(lens)), w) / (1 + (nb > 40).float())
            return write(cache, slots, completes(lens), new)
        if how == "new_scale":
            new = pool(tokens(kv, table, positions(lens)), w) * (nb <= 40)
            return write(cache, slots, completes(lens), new)
        raise AssertionError(how)
    return step


_B40_48 = _calls(dict(B=40), dict(B=48), dict(B=33))

ATTACKS = []
for _k in ("arange_last", "ones_cumsum_last", "arange_flip_first", "arange_narrow", "arange_slice_last",
           "zeros_like_cumsum", "arange_float_last"):
    for _h in ("cond", "cond_lens", "pos", "weight"):
        ATTACKS.append((f"bsz_{_k}_{_h}", _mk(_batch_cond(_k, _h), _B40_48, BD),
                        f"the batch size as a 0-dim value ({_k}) in the {_h}: constant at the compiled batch, "
                        "different at B = 48"))
for _k in ("arange_flip_first", "arange_narrow", "cumsum_flip_first", "arange_down_first", "arange_slice_sym",
           "arange_flip_narrow0", "ones_flip_cumsum_first"):
    for _h in (("cond_ne48",) if _k in ("arange_flip_first", "arange_narrow") else ("cond_ne48", "pos", "weight")):
        ATTACKS.append((f"bsz_{_k}_{_h}", _mk(_batch_cond(_k, _h), _B40_48, BD),
                        f"the batch size as a 0-dim value ({_k}) in the {_h}: constant at the compiled batch, "
                        "different at B = 48"))
for _k in ("arange_index_neg", "arange_take_neg", "cumsum_sort_first", "cummax_flip"):
    for _h in ("cond_ne48", "pos", "weight"):
        ATTACKS.append((f"bsz_{_k}_{_h}", _mk(_batch_cond(_k, _h), _B40_48, BD),
                        f"the batch size as a 0-dim value ({_k}) in the {_h}"))
for _k in ("cumsum_flip_first", "arange_flip_first", "arange_slice_sym"):
    for _h in ("keep_dims", "keep_heads", "slot_shift"):
        ATTACKS.append((f"bsz_{_k}_{_h}", _mk(_batch_cond(_k, _h), _B40_48, BD),
                        f"the batch size as a 0-dim value ({_k}) in the {_h}"))
for _k in ("cumsum_flip_first", "arange_narrow"):
    ATTACKS.append((f"bsz_{_k}_new_scale", _mk(_batch_cond(_k, "new_scale"), _B40_48, BD),
                    f"the new rows times (B <= 40) ({_k}): a 0/1 factor after the window sum"))
    ATTACKS.append((f"bsz_{_k}_new_div", _mk(_batch_cond(_k, "new_div"), _B40_48, BD),
                    f"the new rows divided by (1 + (B > 40)) ({_k}): halved past 40 rows"))
ATTACKS.append(("bsz_arange_last_new_scale", _mk(_batch_cond("arange_last", "new_scale"), _B40_48, BD),
                "the new rows times (B <= 40)"))


# --- 2. other sizes (pages, blocks, cache rows, page size) entering values without a reduction ---------------------
def _sval(kind, kv, table, cache):
    if kind == "pages_cumsum":
        return torch.ones(table.shape[1], dtype=torch.int64).cumsum(0)[-1]
    if kind == "pages_arange":
        return torch.arange(table.shape[1])[-1] + 1
    if kind == "blocks_cumsum":
        return torch.ones(kv.shape[0], dtype=torch.int64).cumsum(0)[-1]
    if kind == "rows_cumsum":
        return torch.ones(cache.shape[0], dtype=torch.int64).cumsum(0)[-1]
    if kind == "P_cumsum":
        return torch.ones(kv.shape[1], dtype=torch.int64).cumsum(0)[-1]
    if kind == "pages_like_cumsum":
        return torch.ones_like(table[0], dtype=torch.int64).cumsum(0)[-1]
    if kind == "pages_flipc":
        return torch.ones(table.shape[1], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "batch_flip":
        return torch.ones(table.shape[0], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "D_flip":
        return torch.ones(kv.shape[3], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "N_flip":
        return torch.ones(kv.shape[2], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "pages_flip":
        return torch.arange(table.shape[1]).flip(0)[0] + 1
    if kind == "pages_narrow":
        n = table.shape[1]
        return torch.ones(n, dtype=torch.int64).cumsum(0).narrow(0, n - 1, 1)[0]
    if kind == "blocks_flip":
        return torch.ones(kv.shape[0], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "rows_flip":
        return torch.ones(cache.shape[0], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "P_flip":
        return torch.ones(kv.shape[1], dtype=torch.int64).cumsum(0).flip(0)[0]
    if kind == "D_cumsum":
        return torch.ones(kv.shape[3], dtype=torch.int64).cumsum(0)[-1]
    raise AssertionError(kind)


def _size_cond(kind, ref, how="cond"):
    def step(kv, w, slots, table, lens, cache):
        v = _sval(kind, kv, table, cache)
        if how == "cond":
            valid = completes(lens) & (v == ref)
            return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
        if how == "pos":
            pos = (lens.long()[:, None] - L + torch.arange(L) - (v != ref).long()).clamp(min=0)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
        raise AssertionError(how)
    return step


def _grow(key, a, b, **kw):
    return _calls({key: a, **kw}, {key: b, **kw})


ATTACKS += [
    ("sz_pages_cumsum_cond", _mk(_size_cond("pages_cumsum", 4), _grow("pages", 4, 6), MODES3),
     "table width as a value via ones(pages).cumsum(0)[-1] == 4 in the condition; later call at 6 pages"),
    ("sz_pages_cumsum_pos", _mk(_size_cond("pages_cumsum", 4, "pos"), _grow("pages", 4, 6), MODES3),
     "table width via cumsum shifts the window at 6 pages"),
    ("sz_pages_arange_cond", _mk(_size_cond("pages_arange", 4), _grow("pages", 4, 6), MODES3),
     "table width via arange(pages)[-1] + 1 == 4"),
    ("sz_pages_like_cumsum_cond", _mk(_size_cond("pages_like_cumsum", 4), _grow("pages", 4, 6), MODES3),
     "table width via ones_like(table[0]).cumsum(0)[-1]"),
    ("sz_blocks_cumsum_cond", _mk(_size_cond("blocks_cumsum", 163), _grow("block_num", 163, 200), MODES3),
     "number of KV blocks via ones(NB).cumsum(0)[-1] == 163"),
    ("sz_rows_cumsum_cond", _mk(_size_cond("rows_cumsum", 85), _grow("num_slots", 85, 120), MODES3),
     "number of cache rows via ones(S).cumsum(0)[-1] == 85"),
    ("sz_P_cumsum_cond", _mk(_size_cond("P_cumsum", 64), _grow("P", 64, 32, pages=8), MODES3),
     "page size via ones(P).cumsum(0)[-1] == 64"),
    ("sz_D_cumsum_cond", _mk(_size_cond("D_cumsum", 16), _grow("D", 16, 32), MODES3),
     "head dim via ones(D).cumsum(0)[-1] == 16"),
]

ATTACKS += [
    ("sz_pages_flip_cond", _mk(_size_cond("pages_flip", 4), _grow("pages", 4, 6), MODES3),
     "table width via arange(pages).flip(0)[0] + 1 == 4 in the condition"),
    ("sz_pages_flip_pos", _mk(_size_cond("pages_flip", 4, "pos"), _grow("pages", 4, 6), MODES3),
     "table width via arange(pages).flip(0)[0] shifts the window at 6 pages"),
    ("sz_pages_narrow_cond", _mk(_size_cond("pages_narrow", 4), _grow("pages", 4, 6), MODES3),
     "table width via ones(pages).cumsum(0).narrow(0, pages - 1, 1)"),
    ("sz_blocks_flip_cond", _mk(_size_cond("blocks_flip", 163), _grow("block_num", 163, 200), MODES3),
     "number of KV blocks via cumsum().flip(0)[0]"),
    ("sz_rows_flip_cond", _mk(_size_cond("rows_flip", 85), _grow("num_slots", 85, 120), MODES3),
     "number of cache rows via cumsum().flip(0)[0]"),
    ("sz_rows_flip_pos", _mk(_size_cond("rows_flip", 85, "pos"), _grow("num_slots", 85, 120), MODES3),
     "number of cache rows shifts the window"),
    ("sz_P_flip_cond", _mk(_size_cond("P_flip", 64), _grow("P", 64, 32, pages=8), MODES3),
     "page size via cumsum().flip(0)[0]"),
]



# --- 3. other sizes past the sizes the generalisation tries (h + 1, 2h, 2h + 1, 3h, h - 1, h / 2) ------------------
def _far_step(kind, thresh):
    """The window moves down one token once the size (a value without a reduction: cumsum + flip + select 0)
    exceeds ``thresh``; no condition op the symbolic-capacity mask rule refuses (only the new rows read it)."""
    def step(kv, w, slots, table, lens, cache):
        v = _sval(kind, kv, table, cache)
        pos = (lens.long()[:, None] - L + torch.arange(L) - (v > thresh).long()).clamp(min=0)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
    return step


def _far_weight(kind, thresh):
    def step(kv, w, slots, table, lens, cache):
        v = _sval(kind, kv, table, cache)
        ww = torch.where(v > thresh, w.flip(0), w)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), ww))
    return step


def _far_keep(kind, thresh, what):
    """Kept rows read with their head-dim elements (or heads) rotated once the size exceeds ``thresh``."""
    def step(kv, w, slots, table, lens, cache):
        v = _sval(kind, kv, table, cache)
        s = slots.long()
        old = cache[s]
        if what == "dims":
            D = old.shape[-1]
            old = old[:, :, (torch.arange(D) + (v > thresh).long()) % D]
        else:
            N = old.shape[1]
            old = old.index_select(1, (torch.arange(N) + (v > thresh).long()) % N)
        new = pool(tokens(kv, table, positions(lens)), w)
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
        return cache
    return step


def _far_symint(thresh):
    """Control: the table width as a SymInt value (scalar_tensor(table.shape[1])): size_values guards it."""
    def step(kv, w, slots, table, lens, cache):
        v = torch.scalar_tensor(table.shape[1], dtype=torch.int64)
        pos = (lens.long()[:, None] - L + torch.arange(L) - (v > thresh).long()).clamp(min=0)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
    return step


ATTACKS += [
    ("far_pages_symint_pos_control", _mk(_far_symint(20), _calls(dict(pages=4), dict(pages=5), dict(pages=24)),
                                         ("dynamic",)),
     "control: the table width as scalar_tensor(table.shape[1]) > 20 (a SymInt value: guarded)"),
    ("far_batch_keep_dims", _mk(_far_keep("batch_flip", 100, "dims"),
                                _calls(dict(B=40), dict(B=41), dict(B=120, num_slots=300)), SB),
     "kept rows' head-dim elements rotated once the batch (ones(B).cumsum(0).flip(0)[0]) exceeds 100"),
    ("far_batch_keep_heads", _mk(_far_keep("batch_flip", 100, "heads"),
                                 _calls(dict(B=40), dict(B=41), dict(B=120, num_slots=300)), SB),
     "kept rows' heads rotated once the batch exceeds 100"),
    ("far_rows_keep_heads", _mk(_far_keep("rows_flip", 300, "heads"),
                                _calls(dict(num_slots=85), dict(num_slots=90), dict(num_slots=400)), SB),
     "kept rows' heads rotated once the cache has more than 300 rows"),
    ("far_pages_flip_pos", _mk(_far_step("pages_flipc", 20), _calls(dict(pages=4), dict(pages=5), dict(pages=24)),
                               MODES3),
     "window shifted once the table width (ones(pages).cumsum(0).flip(0)[0]) exceeds 20; calls at 4, 5, 24 pages"),
    ("far_pages_flip_weight", _mk(_far_weight("pages_flipc", 20),
                                  _calls(dict(pages=4), dict(pages=5), dict(pages=24)), MODES3),
     "weight reversed once the table width exceeds 20"),
    ("far_blocks_flip_pos", _mk(_far_step("blocks_flip", 600),
                                _calls(dict(block_num=163), dict(block_num=170), dict(block_num=700)), MODES3),
     "window shifted once the KV block count exceeds 600; calls at 163, 170, 700 blocks"),
    ("far_blocks_flip_weight", _mk(_far_weight("blocks_flip", 600),
                                   _calls(dict(block_num=163), dict(block_num=170), dict(block_num=700)), MODES3),
     "weight reversed once the KV block count exceeds 600"),
    ("far_rows_flip_pos", _mk(_far_step("rows_flip", 300),
                              _calls(dict(num_slots=85), dict(num_slots=90), dict(num_slots=400)), MODES3),
     "window shifted once the cache row count exceeds 300; calls at 85, 90, 400 rows"),
    ("far_rows_flip_weight", _mk(_far_weight("rows_flip", 300),
                                 _calls(dict(num_slots=85), dict(num_slots=90), dict(num_slots=400)), MODES3),
     "weight reversed once the cache row count exceeds 300"),
    ("far_D_flip_weight", _mk(_far_weight("D_flip", 64), _calls(dict(D=16), dict(D=17), dict(D=80)), MODES3),
     "weight reversed once the head dim exceeds 64; calls at D = 16, 17, 80"),
    ("far_N_flip_weight", _mk(_far_weight("N_flip", 7), _calls(dict(N=2), dict(N=3), dict(N=8)), MODES3),
     "weight reversed once the head count exceeds 7; calls at N = 2, 3, 8"),
    ("far_batch_flip_pos", _mk(_far_step("batch_flip", 100),
                               _calls(dict(B=40), dict(B=41), dict(B=120, num_slots=300)), MODES3),
     "window shifted once the batch exceeds 100 (generalisation moves the batch to at most 3B)"),
]



# --- 4. the period rule (exactness.check_periods) and the divisor rule under a symbolic capacity ---------------------
def _page_of(kind):
    """The page column of each window position, ``pos // 64`` (the contract), masked with 7 in some spelling: the
    identity below page 8 (512 tokens), a wrap to page 0 beyond it."""
    def f(pos):
        q = pos // 64
        if kind == "contract":
            return q
        if kind == "and_const_first":  # bitwise_and(tensor(7), q): the mask as the first operand
            return torch.bitwise_and(torch.tensor(7), q)
        if kind == "and_int_first":
            return 7 & q
        if kind == "and_dunder":
            return q.__and__(torch.tensor(7))
        if kind == "and_plain":  # control: (pos // 64) & 7, mask second (period 32 > 14: refused)
            return q & 7
        if kind == "and_full_first":
            return torch.bitwise_and(torch.full((1, 1), 7), q)
        if kind == "and_const_first_15":  # wraps at page 16 (1024 tokens)
            return torch.bitwise_and(torch.tensor(15), q)
        raise AssertionError(kind)
    return f


def _per_step(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        page = table.long().gather(1, _page_of(kind)(pos))
        tok = kv[page, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _cap_calls(*pages, B=40):
    """Calls at these table widths (64-token pages), lengths drawn up to each capacity (the last call: rows at the
    top of the capacity)."""
    def make():
        out = []
        for k, pg in enumerate(pages):
            out.append(build(seed=k, pages=pg, B=B))
        return out
    return make


ATTACKS += [
    ("per_and_const_first", _mk(_per_step("and_const_first"), _cap_calls(4, 5, 10), MODES3),
     "page = bitwise_and(tensor(7), pos // 64): the mask as the first operand; the identity up to 512 tokens, "
     "page 8 -> 0 at 10 pages"),
    ("per_and_int_first", _mk(_per_step("and_int_first"), _cap_calls(4, 5, 10), MODES3),
     "page = 7 & (pos // 64)"),
    ("per_and_dunder", _mk(_per_step("and_dunder"), _cap_calls(4, 5, 10), MODES3),
     "page = (pos // 64).__and__(tensor(7))"),
    ("per_and_plain", _mk(_per_step("and_plain"), _cap_calls(4, 5, 10), MODES3),
     "control: (pos // 64) & 7 (period 32 past 14 probed: refused)"),
    ("per_and_full_first", _mk(_per_step("and_full_first"), _cap_calls(4, 5, 10), MODES3),
     "page = bitwise_and(full((1, 1), 7), pos // 64)"),
    ("per_and_const_first_15", _mk(_per_step("and_const_first_15"), _cap_calls(4, 5, 18), ("dynamic",)),
     "page = bitwise_and(tensor(15), pos // 64) at 18 pages"),
    ("per_contract", _mk(_per_step("contract"), _cap_calls(4, 5, 10), MODES3),
     "control: the contract at 4, 5, 10 pages"),
]



# --- 5. lengths read as positions (lengths_from_positions.expose: one comparison reads p and p + 1) ----------------
def _w33_calls(B=40, seeds=(0, 3)):
    def make():
        out = []
        for sd in seeds:
            x = build(B=B, dtype=torch.float32, seed=sd)
            g = torch.Generator().manual_seed(sd + 33)
            x.args[1] = (torch.randint(-2047, 2048, (L + 1, x.args[1].shape[1]), generator=g) / 1024).float()
            out.append(x)
        return out
    return make


def _lp_step(kind):
    """redteam24's lp_window_to_s_inclusive (33 tokens ending at position lens, clamped; the condition on lens,
    l = 32, d = 16: lens are lengths, 0..capacity), with one comparison that reads both lens and lens + 1."""
    def step(kv, w, slots, table, lens, cache):
        cap = table.shape[1] * kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L + 1)).clamp(0, cap - 1)
        new = pool(tokens(kv, table, pos), w)
        if kind == "gt_self":  # (lens + 1 > lens): always true
            valid = completes(lens) & (lens + 1 > lens)
        elif kind == "next_block":  # the compressed-block count does not shrink: n(lens + 1) >= n(lens)
            valid = completes(lens) & ((lens + 1) // 16 >= lens // 16)
        else:
            raise AssertionError(kind)
        return write(cache, slots, valid, new)
    return step


ATTACKS += [
    ("lp_gt_self", _mk(_lp_step("gt_self"), _w33_calls(), SB),
     "BORDERLINE (validity is the model's reading of lens): lens compared as itself and in lens + 1 > lens; a window "
     "of 33 ending at position lens; row 0 at lens = capacity"),
    ("lp_next_block", _mk(_lp_step("next_block"), _w33_calls(), SB),
     "BORDERLINE: (lens + 1) // 16 >= lens // 16 beside completes(lens), the same window"),
]

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _EF = "CONTROL DIFFERS", "EAGER FAILS"
# First-try results on the frozen tree (1679bb7, /tmp/base28): (attack, dialect, mode, result).  "inductor" (real
# Inductor codegen, nsa_fusion_backend) rows are confirmation runs.
_FIRST = [
    ('bsz_arange_last_cond', 'inductor_graph', 'batch', _R),
    ('bsz_arange_last_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_last_cond_lens', 'inductor_graph', 'batch', _R),
    ('bsz_arange_last_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_last_pos', 'inductor_graph', 'batch', _R),
    ('bsz_arange_last_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_last_weight', 'inductor_graph', 'batch', _R),
    ('bsz_arange_last_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_ones_cumsum_last_cond', 'inductor_graph', 'batch', _R),
    ('bsz_ones_cumsum_last_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_ones_cumsum_last_cond_lens', 'inductor_graph', 'batch', _R),
    ('bsz_ones_cumsum_last_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_ones_cumsum_last_pos', 'inductor_graph', 'batch', _R),
    ('bsz_ones_cumsum_last_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_ones_cumsum_last_weight', 'inductor_graph', 'batch', _R),
    ('bsz_ones_cumsum_last_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_first_cond', 'inductor_graph', 'batch', _R),
    ('bsz_arange_flip_first_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_first_cond_lens', 'inductor_graph', 'batch', _EQ),
    ('bsz_arange_flip_first_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_first_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_flip_first_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_flip_first_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_flip_first_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_narrow_cond', 'inductor_graph', 'batch', _R),
    ('bsz_arange_narrow_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_narrow_cond_lens', 'inductor_graph', 'batch', _EQ),
    ('bsz_arange_narrow_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_narrow_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_narrow_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_narrow_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_narrow_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_slice_last_cond', 'inductor_graph', 'batch', _R),
    ('bsz_arange_slice_last_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_last_cond_lens', 'inductor_graph', 'batch', _R),
    ('bsz_arange_slice_last_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_last_pos', 'inductor_graph', 'batch', _R),
    ('bsz_arange_slice_last_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_last_weight', 'inductor_graph', 'batch', _R),
    ('bsz_arange_slice_last_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_cond', 'inductor_graph', 'batch', _R),
    ('bsz_zeros_like_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_cond_lens', 'inductor_graph', 'batch', _R),
    ('bsz_zeros_like_cumsum_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_pos', 'inductor_graph', 'batch', _R),
    ('bsz_zeros_like_cumsum_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_weight', 'inductor_graph', 'batch', _R),
    ('bsz_zeros_like_cumsum_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_float_last_cond', 'inductor_graph', 'batch', _R),
    ('bsz_arange_float_last_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_float_last_cond_lens', 'inductor_graph', 'batch', _R),
    ('bsz_arange_float_last_cond_lens', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_float_last_pos', 'inductor_graph', 'batch', _R),
    ('bsz_arange_float_last_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_float_last_weight', 'inductor_graph', 'batch', _R),
    ('bsz_arange_float_last_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_last_new_scale', 'inductor_graph', 'batch', _R),
    ('bsz_arange_last_new_scale', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_cumsum_cond', 'inductor_graph', 'static', _EQ),
    ('sz_pages_cumsum_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_cumsum_pos', 'inductor_graph', 'static', _EQ),
    ('sz_pages_cumsum_pos', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_cumsum_pos', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_arange_cond', 'inductor_graph', 'static', _EQ),
    ('sz_pages_arange_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_arange_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_like_cumsum_cond', 'inductor_graph', 'static', _EQ),
    ('sz_pages_like_cumsum_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_like_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_blocks_cumsum_cond', 'inductor_graph', 'static', _EQ),
    ('sz_blocks_cumsum_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_blocks_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_rows_cumsum_cond', 'inductor_graph', 'static', _EQ),
    ('sz_rows_cumsum_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_rows_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_P_cumsum_cond', 'inductor_graph', 'static', _EQ),
    ('sz_P_cumsum_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_P_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_D_cumsum_cond', 'inductor_graph', 'static', _EQ),
    ('sz_D_cumsum_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_D_cumsum_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_first_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_flip_first_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_narrow_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_narrow_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_flip_first_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_cumsum_flip_first_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_flip_first_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_cumsum_flip_first_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_cumsum_flip_first_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_cumsum_flip_first_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_down_first_cond_ne48', 'inductor_graph', 'batch', _R),
    ('bsz_arange_down_first_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_down_first_pos', 'inductor_graph', 'batch', _R),
    ('bsz_arange_down_first_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_down_first_weight', 'inductor_graph', 'batch', _R),
    ('bsz_arange_down_first_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_sym_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_slice_sym_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_sym_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_slice_sym_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_slice_sym_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_slice_sym_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_flip_narrow0_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_flip_narrow0_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_narrow0_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_flip_narrow0_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_flip_narrow0_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_flip_narrow0_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_ones_flip_cumsum_first_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_ones_flip_cumsum_first_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_ones_flip_cumsum_first_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_ones_flip_cumsum_first_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_ones_flip_cumsum_first_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_ones_flip_cumsum_first_weight', 'inductor_graph', 'dynamic', _FF),
    ('sz_pages_flip_cond', 'inductor_graph', 'static', _EQ),
    ('sz_pages_flip_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_flip_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_flip_pos', 'inductor_graph', 'static', _EQ),
    ('sz_pages_flip_pos', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_flip_pos', 'inductor_graph', 'dynamic', _R),
    ('sz_pages_narrow_cond', 'inductor_graph', 'static', _EQ),
    ('sz_pages_narrow_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_pages_narrow_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_blocks_flip_cond', 'inductor_graph', 'static', _EQ),
    ('sz_blocks_flip_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_blocks_flip_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_rows_flip_cond', 'inductor_graph', 'static', _EQ),
    ('sz_rows_flip_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_rows_flip_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_rows_flip_pos', 'inductor_graph', 'static', _EQ),
    ('sz_rows_flip_pos', 'inductor_graph', 'batch', _EQ),
    ('sz_rows_flip_pos', 'inductor_graph', 'dynamic', _R),
    ('sz_P_flip_cond', 'inductor_graph', 'static', _EQ),
    ('sz_P_flip_cond', 'inductor_graph', 'batch', _EQ),
    ('sz_P_flip_cond', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_index_neg_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_index_neg_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_index_neg_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_index_neg_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_index_neg_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_arange_index_neg_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_arange_take_neg_cond_ne48', 'inductor_graph', 'batch', _R),
    ('bsz_arange_take_neg_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_take_neg_pos', 'inductor_graph', 'batch', _R),
    ('bsz_arange_take_neg_pos', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_take_neg_weight', 'inductor_graph', 'batch', _R),
    ('bsz_arange_take_neg_weight', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_sort_first_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_cumsum_sort_first_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_sort_first_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_cumsum_sort_first_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_cumsum_sort_first_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_cumsum_sort_first_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_cummax_flip_cond_ne48', 'inductor_graph', 'batch', _FF),
    ('bsz_cummax_flip_cond_ne48', 'inductor_graph', 'dynamic', _R),
    ('bsz_cummax_flip_pos', 'inductor_graph', 'batch', _FF),
    ('bsz_cummax_flip_pos', 'inductor_graph', 'dynamic', _FF),
    ('bsz_cummax_flip_weight', 'inductor_graph', 'batch', _FF),
    ('bsz_cummax_flip_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_cumsum_flip_first_keep_dims', 'inductor_graph', 'batch', _R),
    ('bsz_cumsum_flip_first_keep_dims', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_flip_first_keep_heads', 'inductor_graph', 'batch', _R),
    ('bsz_cumsum_flip_first_keep_heads', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_flip_first_slot_shift', 'inductor_graph', 'batch', _EQ),
    ('bsz_cumsum_flip_first_slot_shift', 'inductor_graph', 'dynamic', _EQ),
    ('bsz_arange_flip_first_keep_dims', 'inductor_graph', 'batch', _R),
    ('bsz_arange_flip_first_keep_dims', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_first_keep_heads', 'inductor_graph', 'batch', _R),
    ('bsz_arange_flip_first_keep_heads', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_flip_first_slot_shift', 'inductor_graph', 'batch', _EQ),
    ('bsz_arange_flip_first_slot_shift', 'inductor_graph', 'dynamic', _EQ),
    ('bsz_arange_slice_sym_keep_dims', 'inductor_graph', 'batch', _R),
    ('bsz_arange_slice_sym_keep_dims', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_sym_keep_heads', 'inductor_graph', 'batch', _R),
    ('bsz_arange_slice_sym_keep_heads', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_slice_sym_slot_shift', 'inductor_graph', 'batch', _EQ),
    ('bsz_arange_slice_sym_slot_shift', 'inductor_graph', 'dynamic', _EQ),
    ('far_pages_flip_pos', 'inductor_graph', 'static', _EQ),
    ('far_pages_flip_pos', 'inductor_graph', 'batch', _FF),
    ('far_pages_flip_pos', 'inductor_graph', 'dynamic', _FF),
    ('far_pages_flip_weight', 'inductor_graph', 'static', _EQ),
    ('far_pages_flip_weight', 'inductor_graph', 'batch', _FF),
    ('far_pages_flip_weight', 'inductor_graph', 'dynamic', _FF),
    ('far_blocks_flip_pos', 'inductor_graph', 'static', _EQ),
    ('far_blocks_flip_pos', 'inductor_graph', 'batch', _FF),
    ('far_blocks_flip_pos', 'inductor_graph', 'dynamic', _FF),
    ('far_blocks_flip_weight', 'inductor_graph', 'static', _EQ),
    ('far_blocks_flip_weight', 'inductor_graph', 'batch', _FF),
    ('far_blocks_flip_weight', 'inductor_graph', 'dynamic', _FF),
    ('far_rows_flip_pos', 'inductor_graph', 'static', _EQ),
    ('far_rows_flip_pos', 'inductor_graph', 'batch', _FF),
    ('far_rows_flip_pos', 'inductor_graph', 'dynamic', _FF),
    ('far_rows_flip_weight', 'inductor_graph', 'static', _EQ),
    ('far_rows_flip_weight', 'inductor_graph', 'batch', _FF),
    ('far_rows_flip_weight', 'inductor_graph', 'dynamic', _FF),
    ('far_batch_flip_pos', 'inductor_graph', 'static', _EQ),
    ('far_batch_flip_pos', 'inductor_graph', 'batch', _FF),
    ('far_batch_flip_pos', 'inductor_graph', 'dynamic', _FF),
    ('per_and_const_first', 'inductor_graph', 'static', _EQ),
    ('per_and_const_first', 'inductor_graph', 'batch', _EQ),
    ('per_and_const_first', 'inductor_graph', 'dynamic', _R),
    ('per_and_int_first', 'inductor_graph', 'static', _EQ),
    ('per_and_int_first', 'inductor_graph', 'batch', _EQ),
    ('per_and_int_first', 'inductor_graph', 'dynamic', _R),
    ('per_and_dunder', 'inductor_graph', 'static', _EQ),
    ('per_and_dunder', 'inductor_graph', 'batch', _EQ),
    ('per_and_dunder', 'inductor_graph', 'dynamic', _R),
    ('per_and_plain', 'inductor_graph', 'static', _EQ),
    ('per_and_plain', 'inductor_graph', 'batch', _EQ),
    ('per_and_plain', 'inductor_graph', 'dynamic', _R),
    ('per_and_full_first', 'inductor_graph', 'static', _EQ),
    ('per_and_full_first', 'inductor_graph', 'batch', _EQ),
    ('per_and_full_first', 'inductor_graph', 'dynamic', _R),
    ('per_and_const_first_15', 'inductor_graph', 'dynamic', _R),
    ('per_contract', 'inductor_graph', 'static', _EQ),
    ('per_contract', 'inductor_graph', 'batch', _EQ),
    ('per_contract', 'inductor_graph', 'dynamic', _EQ),
    ('far_batch_keep_dims', 'inductor_graph', 'static', _EQ),
    ('far_batch_keep_dims', 'inductor_graph', 'batch', _FF),
    ('far_batch_keep_heads', 'inductor_graph', 'static', _EQ),
    ('far_batch_keep_heads', 'inductor_graph', 'batch', _FF),
    ('far_rows_keep_heads', 'inductor_graph', 'static', _EQ),
    ('far_rows_keep_heads', 'inductor_graph', 'batch', _FF),
    ('lp_gt_self', 'inductor_graph', 'static', _CR),
    ('lp_gt_self', 'inductor_graph', 'batch', _CR),
    ('lp_next_block', 'inductor_graph', 'static', _CR),
    ('lp_next_block', 'inductor_graph', 'batch', _CR),
    ('far_pages_symint_pos_control', 'inductor_graph', 'dynamic', _EQ),
    ('far_D_flip_weight', 'inductor_graph', 'static', _EQ),
    ('far_D_flip_weight', 'inductor_graph', 'batch', _FF),
    ('far_D_flip_weight', 'inductor_graph', 'dynamic', _FF),
    ('far_N_flip_weight', 'inductor_graph', 'static', _EQ),
    ('far_N_flip_weight', 'inductor_graph', 'batch', _FF),
    ('far_N_flip_weight', 'inductor_graph', 'dynamic', _FF),
    ('bsz_cumsum_flip_first_new_scale', 'inductor_graph', 'batch', _R),
    ('bsz_cumsum_flip_first_new_scale', 'inductor_graph', 'dynamic', _R),
    ('bsz_cumsum_flip_first_new_div', 'inductor_graph', 'batch', _R),
    ('bsz_cumsum_flip_first_new_div', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_narrow_new_scale', 'inductor_graph', 'batch', _R),
    ('bsz_arange_narrow_new_scale', 'inductor_graph', 'dynamic', _R),
    ('bsz_arange_narrow_new_div', 'inductor_graph', 'batch', _R),
    ('bsz_arange_narrow_new_div', 'inductor_graph', 'dynamic', _R),
    ('far_pages_symint_pos_control', 'torchair_like', 'dynamic', _EQ),
    ('far_D_flip_weight', 'torchair_like', 'static', _EQ),
    ('far_D_flip_weight', 'torchair_like', 'batch', _EQ),
    ('far_D_flip_weight', 'torchair_like', 'dynamic', _FF),
    ('far_N_flip_weight', 'torchair_like', 'static', _EQ),
    ('far_N_flip_weight', 'torchair_like', 'batch', _FF),
    ('far_N_flip_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_cumsum_flip_first_new_scale', 'torchair_like', 'batch', _R),
    ('bsz_cumsum_flip_first_new_scale', 'torchair_like', 'dynamic', _R),
    ('bsz_cumsum_flip_first_new_div', 'torchair_like', 'batch', _R),
    ('bsz_cumsum_flip_first_new_div', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_narrow_new_scale', 'torchair_like', 'batch', _R),
    ('bsz_arange_narrow_new_scale', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_narrow_new_div', 'torchair_like', 'batch', _R),
    ('bsz_arange_narrow_new_div', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_last_cond', 'torchair_like', 'batch', _R),
    ('bsz_arange_last_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_last_cond_lens', 'torchair_like', 'batch', _R),
    ('bsz_arange_last_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_last_pos', 'torchair_like', 'batch', _R),
    ('bsz_arange_last_pos', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_last_weight', 'torchair_like', 'batch', _R),
    ('bsz_arange_last_weight', 'torchair_like', 'dynamic', _R),
    ('bsz_ones_cumsum_last_cond', 'torchair_like', 'batch', _R),
    ('bsz_ones_cumsum_last_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_ones_cumsum_last_cond_lens', 'torchair_like', 'batch', _R),
    ('bsz_ones_cumsum_last_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_ones_cumsum_last_pos', 'torchair_like', 'batch', _R),
    ('bsz_ones_cumsum_last_pos', 'torchair_like', 'dynamic', _R),
    ('bsz_ones_cumsum_last_weight', 'torchair_like', 'batch', _R),
    ('bsz_ones_cumsum_last_weight', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_first_cond', 'torchair_like', 'batch', _R),
    ('bsz_arange_flip_first_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_first_cond_lens', 'torchair_like', 'batch', _EQ),
    ('bsz_arange_flip_first_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_first_pos', 'torchair_like', 'batch', _FF),
    ('bsz_arange_flip_first_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_flip_first_weight', 'torchair_like', 'batch', _FF),
    ('bsz_arange_flip_first_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_narrow_cond', 'torchair_like', 'batch', _R),
    ('bsz_arange_narrow_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_narrow_cond_lens', 'torchair_like', 'batch', _EQ),
    ('bsz_arange_narrow_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_narrow_pos', 'torchair_like', 'batch', _FF),
    ('bsz_arange_narrow_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_narrow_weight', 'torchair_like', 'batch', _FF),
    ('bsz_arange_narrow_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_slice_last_cond', 'torchair_like', 'batch', _R),
    ('bsz_arange_slice_last_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_last_cond_lens', 'torchair_like', 'batch', _R),
    ('bsz_arange_slice_last_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_last_pos', 'torchair_like', 'batch', _R),
    ('bsz_arange_slice_last_pos', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_last_weight', 'torchair_like', 'batch', _R),
    ('bsz_arange_slice_last_weight', 'torchair_like', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_cond', 'torchair_like', 'batch', _R),
    ('bsz_zeros_like_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_cond_lens', 'torchair_like', 'batch', _R),
    ('bsz_zeros_like_cumsum_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_pos', 'torchair_like', 'batch', _R),
    ('bsz_zeros_like_cumsum_pos', 'torchair_like', 'dynamic', _R),
    ('bsz_zeros_like_cumsum_weight', 'torchair_like', 'batch', _R),
    ('bsz_zeros_like_cumsum_weight', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_float_last_cond', 'torchair_like', 'batch', _R),
    ('bsz_arange_float_last_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_float_last_cond_lens', 'torchair_like', 'batch', _R),
    ('bsz_arange_float_last_cond_lens', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_float_last_pos', 'torchair_like', 'batch', _R),
    ('bsz_arange_float_last_pos', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_float_last_weight', 'torchair_like', 'batch', _R),
    ('bsz_arange_float_last_weight', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_first_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_arange_flip_first_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_narrow_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_arange_narrow_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_cumsum_flip_first_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_cumsum_flip_first_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_cumsum_flip_first_pos', 'torchair_like', 'batch', _FF),
    ('bsz_cumsum_flip_first_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_cumsum_flip_first_weight', 'torchair_like', 'batch', _FF),
    ('bsz_cumsum_flip_first_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_down_first_cond_ne48', 'torchair_like', 'batch', _R),
    ('bsz_arange_down_first_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_down_first_pos', 'torchair_like', 'batch', _R),
    ('bsz_arange_down_first_pos', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_down_first_weight', 'torchair_like', 'batch', _R),
    ('bsz_arange_down_first_weight', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_sym_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_arange_slice_sym_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_sym_pos', 'torchair_like', 'batch', _FF),
    ('bsz_arange_slice_sym_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_slice_sym_weight', 'torchair_like', 'batch', _FF),
    ('bsz_arange_slice_sym_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_flip_narrow0_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_arange_flip_narrow0_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_narrow0_pos', 'torchair_like', 'batch', _FF),
    ('bsz_arange_flip_narrow0_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_flip_narrow0_weight', 'torchair_like', 'batch', _FF),
    ('bsz_arange_flip_narrow0_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_ones_flip_cumsum_first_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_ones_flip_cumsum_first_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_ones_flip_cumsum_first_pos', 'torchair_like', 'batch', _FF),
    ('bsz_ones_flip_cumsum_first_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_ones_flip_cumsum_first_weight', 'torchair_like', 'batch', _FF),
    ('bsz_ones_flip_cumsum_first_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_last_new_scale', 'torchair_like', 'batch', _R),
    ('bsz_arange_last_new_scale', 'torchair_like', 'dynamic', _R),
    ('sz_pages_cumsum_cond', 'torchair_like', 'static', _EQ),
    ('sz_pages_cumsum_cond', 'torchair_like', 'batch', _EQ),
    ('sz_pages_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('sz_pages_cumsum_pos', 'torchair_like', 'static', _EQ),
    ('sz_pages_cumsum_pos', 'torchair_like', 'batch', _EQ),
    ('sz_pages_cumsum_pos', 'torchair_like', 'dynamic', _R),
    ('sz_pages_arange_cond', 'torchair_like', 'static', _EQ),
    ('sz_pages_arange_cond', 'torchair_like', 'batch', _EQ),
    ('sz_pages_arange_cond', 'torchair_like', 'dynamic', _R),
    ('sz_pages_like_cumsum_cond', 'torchair_like', 'static', _EQ),
    ('sz_pages_like_cumsum_cond', 'torchair_like', 'batch', _EQ),
    ('sz_pages_like_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('sz_blocks_cumsum_cond', 'torchair_like', 'static', _EQ),
    ('sz_blocks_cumsum_cond', 'torchair_like', 'batch', _EQ),
    ('sz_blocks_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('sz_rows_cumsum_cond', 'torchair_like', 'static', _EQ),
    ('sz_rows_cumsum_cond', 'torchair_like', 'batch', _EQ),
    ('sz_rows_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('sz_P_cumsum_cond', 'torchair_like', 'static', _EQ),
    ('sz_P_cumsum_cond', 'torchair_like', 'batch', _EQ),
    ('sz_P_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('sz_D_cumsum_cond', 'torchair_like', 'static', _EQ),
    ('sz_D_cumsum_cond', 'torchair_like', 'batch', _EQ),
    ('sz_D_cumsum_cond', 'torchair_like', 'dynamic', _R),
    ('sz_pages_flip_cond', 'torchair_like', 'static', _EQ),
    ('sz_pages_flip_cond', 'torchair_like', 'batch', _EQ),
    ('sz_pages_flip_cond', 'torchair_like', 'dynamic', _R),
    ('sz_pages_flip_pos', 'torchair_like', 'static', _EQ),
    ('sz_pages_flip_pos', 'torchair_like', 'batch', _EQ),
    ('sz_pages_flip_pos', 'torchair_like', 'dynamic', _R),
    ('sz_pages_narrow_cond', 'torchair_like', 'static', _EQ),
    ('sz_pages_narrow_cond', 'torchair_like', 'batch', _EQ),
    ('sz_pages_narrow_cond', 'torchair_like', 'dynamic', _R),
    ('sz_blocks_flip_cond', 'torchair_like', 'static', _EQ),
    ('sz_blocks_flip_cond', 'torchair_like', 'batch', _EQ),
    ('sz_blocks_flip_cond', 'torchair_like', 'dynamic', _R),
    ('sz_rows_flip_cond', 'torchair_like', 'static', _EQ),
    ('sz_rows_flip_cond', 'torchair_like', 'batch', _EQ),
    ('sz_rows_flip_cond', 'torchair_like', 'dynamic', _R),
    ('sz_rows_flip_pos', 'torchair_like', 'static', _EQ),
    ('sz_rows_flip_pos', 'torchair_like', 'batch', _EQ),
    ('sz_rows_flip_pos', 'torchair_like', 'dynamic', _R),
    ('sz_P_flip_cond', 'torchair_like', 'static', _EQ),
    ('sz_P_flip_cond', 'torchair_like', 'batch', _EQ),
    ('sz_P_flip_cond', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_index_neg_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_arange_index_neg_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_index_neg_pos', 'torchair_like', 'batch', _FF),
    ('bsz_arange_index_neg_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_index_neg_weight', 'torchair_like', 'batch', _FF),
    ('bsz_arange_index_neg_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_take_neg_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_arange_take_neg_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_take_neg_pos', 'torchair_like', 'batch', _FF),
    ('bsz_arange_take_neg_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_arange_take_neg_weight', 'torchair_like', 'batch', _FF),
    ('bsz_arange_take_neg_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_cumsum_sort_first_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_cumsum_sort_first_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_cumsum_sort_first_pos', 'torchair_like', 'batch', _FF),
    ('bsz_cumsum_sort_first_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_cumsum_sort_first_weight', 'torchair_like', 'batch', _FF),
    ('bsz_cumsum_sort_first_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_cummax_flip_cond_ne48', 'torchair_like', 'batch', _FF),
    ('bsz_cummax_flip_cond_ne48', 'torchair_like', 'dynamic', _R),
    ('bsz_cummax_flip_pos', 'torchair_like', 'batch', _FF),
    ('bsz_cummax_flip_pos', 'torchair_like', 'dynamic', _FF),
    ('bsz_cummax_flip_weight', 'torchair_like', 'batch', _FF),
    ('bsz_cummax_flip_weight', 'torchair_like', 'dynamic', _FF),
    ('bsz_cumsum_flip_first_keep_dims', 'torchair_like', 'batch', _R),
    ('bsz_cumsum_flip_first_keep_dims', 'torchair_like', 'dynamic', _R),
    ('bsz_cumsum_flip_first_keep_heads', 'torchair_like', 'batch', _R),
    ('bsz_cumsum_flip_first_keep_heads', 'torchair_like', 'dynamic', _R),
    ('bsz_cumsum_flip_first_slot_shift', 'torchair_like', 'batch', _EQ),
    ('bsz_cumsum_flip_first_slot_shift', 'torchair_like', 'dynamic', _EQ),
    ('bsz_arange_flip_first_keep_dims', 'torchair_like', 'batch', _R),
    ('bsz_arange_flip_first_keep_dims', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_first_keep_heads', 'torchair_like', 'batch', _R),
    ('bsz_arange_flip_first_keep_heads', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_flip_first_slot_shift', 'torchair_like', 'batch', _EQ),
    ('bsz_arange_flip_first_slot_shift', 'torchair_like', 'dynamic', _EQ),
    ('bsz_arange_slice_sym_keep_dims', 'torchair_like', 'batch', _R),
    ('bsz_arange_slice_sym_keep_dims', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_sym_keep_heads', 'torchair_like', 'batch', _R),
    ('bsz_arange_slice_sym_keep_heads', 'torchair_like', 'dynamic', _R),
    ('bsz_arange_slice_sym_slot_shift', 'torchair_like', 'batch', _EQ),
    ('bsz_arange_slice_sym_slot_shift', 'torchair_like', 'dynamic', _EQ),
    ('far_pages_flip_pos', 'torchair_like', 'static', _EQ),
    ('far_pages_flip_pos', 'torchair_like', 'batch', _FF),
    ('far_pages_flip_pos', 'torchair_like', 'dynamic', _FF),
    ('far_pages_flip_weight', 'torchair_like', 'static', _EQ),
    ('far_pages_flip_weight', 'torchair_like', 'batch', _FF),
    ('far_pages_flip_weight', 'torchair_like', 'dynamic', _FF),
    ('far_blocks_flip_pos', 'torchair_like', 'static', _EQ),
    ('far_blocks_flip_pos', 'torchair_like', 'batch', _FF),
    ('far_blocks_flip_pos', 'torchair_like', 'dynamic', _FF),
    ('far_blocks_flip_weight', 'torchair_like', 'static', _EQ),
    ('far_blocks_flip_weight', 'torchair_like', 'batch', _FF),
    ('far_blocks_flip_weight', 'torchair_like', 'dynamic', _FF),
    ('far_rows_flip_pos', 'torchair_like', 'static', _EQ),
    ('far_rows_flip_pos', 'torchair_like', 'batch', _FF),
    ('far_rows_flip_pos', 'torchair_like', 'dynamic', _FF),
    ('far_rows_flip_weight', 'torchair_like', 'static', _EQ),
    ('far_rows_flip_weight', 'torchair_like', 'batch', _FF),
    ('far_rows_flip_weight', 'torchair_like', 'dynamic', _FF),
    ('far_batch_flip_pos', 'torchair_like', 'static', _EQ),
    ('far_batch_flip_pos', 'torchair_like', 'batch', _FF),
    ('far_batch_flip_pos', 'torchair_like', 'dynamic', _FF),
    ('far_batch_keep_dims', 'torchair_like', 'static', _EQ),
    ('far_batch_keep_dims', 'torchair_like', 'batch', _FF),
    ('far_batch_keep_heads', 'torchair_like', 'static', _EQ),
    ('far_batch_keep_heads', 'torchair_like', 'batch', _FF),
    ('far_rows_keep_heads', 'torchair_like', 'static', _EQ),
    ('far_rows_keep_heads', 'torchair_like', 'batch', _FF),
    ('per_and_const_first', 'torchair_like', 'static', _EQ),
    ('per_and_const_first', 'torchair_like', 'batch', _EQ),
    ('per_and_const_first', 'torchair_like', 'dynamic', _R),
    ('per_and_int_first', 'torchair_like', 'static', _EQ),
    ('per_and_int_first', 'torchair_like', 'batch', _EQ),
    ('per_and_int_first', 'torchair_like', 'dynamic', _R),
    ('per_and_dunder', 'torchair_like', 'static', _EQ),
    ('per_and_dunder', 'torchair_like', 'batch', _EQ),
    ('per_and_dunder', 'torchair_like', 'dynamic', _R),
    ('per_and_plain', 'torchair_like', 'static', _EQ),
    ('per_and_plain', 'torchair_like', 'batch', _EQ),
    ('per_and_plain', 'torchair_like', 'dynamic', _R),
    ('per_and_full_first', 'torchair_like', 'static', _EQ),
    ('per_and_full_first', 'torchair_like', 'batch', _EQ),
    ('per_and_full_first', 'torchair_like', 'dynamic', _R),
    ('per_and_const_first_15', 'torchair_like', 'dynamic', _R),
    ('per_contract', 'torchair_like', 'static', _EQ),
    ('per_contract', 'torchair_like', 'batch', _EQ),
    ('per_contract', 'torchair_like', 'dynamic', _EQ),
    ('lp_gt_self', 'torchair_like', 'static', _FF),
    ('lp_gt_self', 'torchair_like', 'batch', _FF),
    ('lp_next_block', 'torchair_like', 'static', _FF),
    ('lp_next_block', 'torchair_like', 'batch', _FF),
    ('bsz_arange_narrow_weight', 'inductor', 'batch', _FF),
    ('bsz_arange_narrow_weight', 'inductor', 'dynamic', _FF),
    ('bsz_arange_flip_first_cond_ne48', 'inductor', 'batch', _FF),
    ('bsz_arange_flip_first_cond_ne48', 'inductor', 'dynamic', _R),
    ('bsz_cumsum_flip_first_pos', 'inductor', 'batch', _FF),
    ('bsz_cumsum_flip_first_pos', 'inductor', 'dynamic', _FF),
    ('bsz_arange_slice_sym_pos', 'inductor', 'batch', _FF),
    ('bsz_arange_slice_sym_pos', 'inductor', 'dynamic', _FF),
    ('bsz_arange_index_neg_pos', 'inductor', 'batch', _FF),
    ('bsz_arange_index_neg_pos', 'inductor', 'dynamic', _FF),
    ('far_pages_flip_pos', 'inductor', 'static', _EQ),
    ('far_pages_flip_pos', 'inductor', 'batch', _FF),
    ('far_pages_flip_pos', 'inductor', 'dynamic', _FF),
    ('far_rows_flip_weight', 'inductor', 'static', _EQ),
    ('far_rows_flip_weight', 'inductor', 'batch', _FF),
    ('far_rows_flip_weight', 'inductor', 'dynamic', _FF),
    ('bsz_cumsum_sort_first_weight', 'inductor', 'batch', _FF),
    ('bsz_cumsum_sort_first_weight', 'inductor', 'dynamic', _FF),
    ('far_batch_keep_dims', 'inductor', 'static', _EQ),
    ('far_batch_keep_dims', 'inductor', 'batch', _FF),
    ('lp_gt_self', 'inductor', 'static', _CR),
    ('lp_gt_self', 'inductor', 'batch', _CR),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
