"""Fifty-ninth adversarial review of the recogniser (round 59; e230d7c frozen at /tmp/base64: round 58's fixes --
rewrite.settle_stacked_splits / _read_off_the_joint_write (a split KV append's joint write put back, the fused call
reading ``select(joint, dim, h)``), sizes.SizesProof._check_page_arithmetic (page-id arithmetic under a symbolic block
count) --, the int32 guards, the whole recogniser through them).

Same format as redteam43 .. redteam58: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``, except mp_, see there).  Runner:
redteam7's ``classify7`` through :func:`classify59`.

    cp /work/main/tests/corpora/redteam59.py /tmp/base64/tests/corpora/ && cd /tmp/base64 && \\
    PYTHONPATH=/tmp/base64 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam59.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base64 = e230d7c, by this machine's ``date -u`` 2026-12-06:
inductor_graph 20:22:51-20:26:40, then torchair_like 20:26:40-20:30:39 UTC, one process at a time; the 29 attacks of
the themes ps_, pm_, gd_, jw_, mp_ as they stand): 87 runs per graph dialect (every attack in static, batch, dynamic):

    inductor_graph  87 runs: 23 FALSE FUSION / 0 CRASH / 44 fused & equal / 20 refused / 0 control differs
    torchair_like   87 runs: 21 FALSE FUSION / 0 CRASH / 40 fused & equal / 26 refused / 0 control differs
    of which 6 per dialect (jw_append_over_window_before, jw_window_over_own_pages; every mode) are NOT false fusions:
    window-sum ORDER differences the contract allows (docs/contract.md "The one difference it allows": torch's
    ``sum`` may add the l products in any order; these two attacks append non-dyadic fp32 values into the windows,
    and the plain contract on full-mantissa fp32 tokens differs the same way, /tmp/rt59/ord.py) -- an attack-design
    artefact, not counted below.  Real false fusions: 17 (inductor_graph) / 15 (torchair_like), all class P1.

Per theme (inductor_graph | torchair_like):
  ps_  9 int16 page-id arithmetic (page * P + p % P, T1's form and variants) where the CAPACITY is symbolic (the page
         size or the table's width grown between calls, or dynamic=True), the block count static or grown:
                                                                  12 FF / 10 EQ / 5 R | 12 FF / 10 EQ / 5 R
         FF: ps_P32_then_P64 dynamic; ps_P32_then_P64_grow batch+dynamic; ps_pages4_then_8 dynamic (call 0, one
         compile); ps_pages4_then_8_grow batch+dynamic; ps_pages_grow_3calls batch+dynamic; ps_twice_pages_grow batch;
         ps_shift_pages_grow batch; ps_index_pages_grow batch+dynamic.  ps_i32_control fused & equal everywhere.
  pm_  4 int16 page ids mixed with int16 slots ((page + 0 * slot) * P...) where the cache rows are symbolic:
                                                                   2 FF / 4 EQ / 6 R | 12 R
         (the slot-mixed reads are refused, "the new rows read the cache or the slot mapping", except ``slots * 0``
         in inductor_graph (fused there -- presumably folded to page before the pass; not checked): its 2 FF, pm_zero_grow / pm_zero_blocks_only under
         dynamic=True, are P1 again, not the slot exclusion; torchair_like refuses all four)
  gd_  2 _check_page_arithmetic's bisection guard (int16 page * 32, blocks grown past 1024; P grown 32 -> 64):
                                                                   3 FF / 3 EQ | 3 FF / 3 EQ (P1)
  jw_ 11 a joint KV append put back (settle_stacked_splits / _read_off_the_joint_write), the fused step reading a
         half: both halves, a second append before / after the step into the tokens it reads, the stack scaled or
         a half mutated in place / accumulated after the step, the half returned, a [3, ...] stack, a stacked
         COMPRESSED cache appended jointly, the per-token [NB, P, 2, N, D] where-split (dim 1):
                                                       27 EQ / 6 sum-order (allowed) | 27 EQ / 6 sum-order (allowed)
  mp_  3 the page size MARKED dynamic through the harness (KV passed [P, NB, N, D] at arg 2, slots and lengths in one
         [B, 2] arg): refused by the slots' select in every mode -- the harness cannot mark the page size without it;
         the crash below (M1) was shown outside the harness:                                      9 R | 9 R

Later runs (``_LATER``, not the first try):

* REAL Inductor codegen (``--dialect inductor``): ps_pages4_then_8, ps_pages4_then_8_grow, gd_p32_grow_past_guard,
  gd_p32_then_p64_grow, pm_zero_grow, pm_zero_blocks_only in all three modes (20:33:45-20:39:45 UTC): 8 FALSE FUSION
  (ps_pages4_then_8 dynamic; ps_pages4_then_8_grow batch + dynamic; gd_p32_grow_past_guard dynamic;
  gd_p32_then_p64_grow batch + dynamic; pm_zero_grow dynamic; pm_zero_blocks_only dynamic) / 8 fused & equal /
  2 refused: P1 confirmed in real codegen, controls equal.
* Standalone repros (real Inductor, nsa_fusion_backend; 20:18-20:43 UTC): /tmp/rt59/repro_p1.py (P1), /tmp/rt59/ps.py
  (M1 with int16 / int64 tables) and /tmp/rt59/mp.py (M1 on the reference spelling); outputs quoted below.

FOUND:

* P1 FALSE FUSION (graph dialects AND real Inductor; dynamic=True, and automatic dynamic once the page size or the
  table's width grew -- a SYMBOLIC CAPACITY --; the pass-off control equal to eager): round 58's T1 (int16 page-id
  arithmetic that wraps on valid page ids) is still fused whenever the capacity is symbolic.  Minimal
  (ps_pages4_then_8 under dynamic=True: ONE call, one compile; 600 blocks, high page ids, int16 block table, int64
  lengths):

      def step(kv, w, slots, table, lens, cache):
          P = kv.shape[1]                                              # 64
          pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
          rows = table.gather(1, pos // P) * P + pos % P               # int16 page * 64: wraps for pages >= 512
          write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
          return cache

      inductor_graph / torchair_like / REAL Inductor, dynamic=True: FALSE FUSION, call 0: NaN at [7, 0, 0]:
      got -2.974609375, eager nan          (eager reads the wrapped token rows, the op the right pages)

  Standalone (/tmp/rt59/repro_p1.py: round 58's repro_tr.py on /tmp/base64, dynamic=True, real Inductor):

      B=12 seed=0 dynamic=True table int16 pass off: fused 0, 0 values differ
      B=12 seed=0 dynamic=True table int16 pass on : fused 1, 160 values differ, first at [7, 0, 0]: got
                                                     -2.974609375, eager nan
      B=12 seed=1                          pass on : fused 1, 144 values differ (got inf, eager nan)
      B=16 seed=0 / seed=1                 pass on : fused 0 (refused)

  Round 58 ran this repro at B = 16 only and recorded "dynamic=True: refused": B = 16 is the head dim (D = 16), a
  duck-sized coincidence that refuses for another reason; at any other batch dynamic=True fuses T1's wrap.

  Also after a page-size change (ps_P32_then_P64, gd_p32_then_p64_grow: compiled at P = 32, called at P = 64), a
  table widened together with a grown KV under the batch marks (ps_pages4_then_8_grow: 51 blocks / 4 pages, then
  600 / 8: batch FF), ``(page * 2) * (P // 2)``, ``(page + 2**14) * 2 - 2**15 + page * (P - 2)``, advanced
  indexing ``table[arange(B)[:, None], p // P]``; and the bisection guard never installed under dynamic=True
  (gd_p32_grow_past_guard: int16 page * 32, 2000 blocks: FF on the third call).  Why: sizes.SizesProof.check_int_paths
  (the round-58 fix) checks page-id arithmetic only over ``depending_on(region, {table}) - depending_on(region,
  unknown)`` with ``unknown = {lengths}`` wherever the capacity is symbolic; but T1's page ids are READ at
  length-derived columns (``table.gather(1, pos // P)``), so every op on them depends on the lengths and the region
  is empty; ``bounded`` is False (capacity / block count symbolic), so exactness.check_int_paths skips every
  overflow check; and the check meant to take over (check_length_thresholds -> exactness._check_length_ops) does
  not look at them either: "Values gathered *with* length-derived indices are tokens, not lengths" -- the table
  gather's result is not length-valued, so ``page * P`` is checked by nothing.  (The docstring's "the rest is checked
  as a symbolic size's, check_length_thresholds" does not hold for page ids.)  Rules at fault:
  nsa_fusion/patterns/sizes.py: SizesProof.check_int_paths (the ``unknown`` exclusion: the lengths should be left out
  only where they reach the arithmetic as VALUES, not through the column index of the table gather) with
  exactness._check_length_ops (page ids read at length-derived columns: values no rule holds to their dtype).
  Fix direction: compute the excluded set with the table gather as a barrier (``depending_on`` of the lengths
  through value inputs only, not through a gather's index), or check all page-id arithmetic with the table seed
  (dtype max or the guarded bound) and the lengths' seed at the dtype's max whatever the capacity.

* M1 CRASH (real Inductor; mark_dynamic on the PAGE SIZE, i.e. dim 1 of the paged KV; pass-off control compiles
  and is eager-equal): the REFERENCE spelling (attacks.contract, fp16, int32 metadata, B = 16) with
  ``torch._dynamo.mark_dynamic(kv, 1)``:

      pass off: fused 0, 0 differ
      pass on : CRASH ConstraintViolationError: Constraints violated (L['kv'].size()[1])! ... You marked
                L['kv'].size()[1] as dynamic but your code specialized it to be a constant (64).
      (the specializing guard: "s44 = 64 range_refined_to_singleton" from fusion_pass._consider -> _specialize,
       fusion_pass.py line 508: env.evaluate_expr(Eq(sym, 64)))

  Same with kv dims 0 and 1 marked, with the flat int64 form and with int16 tables (/tmp/rt59/ps.py).  Marking the
  table's width (the capacity), the block count or the cache rows: fused, no crash; marking heads / head dim / the
  weight's l: the control crashes too (not the pass).  Why: sizes.Generalize._generalize keeps the page size at its
  hint ("keep the page size, heads and head dim at their hints too (guarded)") and fusion_pass._specialize guards
  every symbol in ``step.specialize`` with ``evaluate_expr(Eq(sym, value))`` without asking whether the symbol is a
  dim the user MARKED dynamic (the _tied_by_guards / _raw_symbols care of red team 20 F2 covers only the duck-shared
  batch): dynamo rejects the specialization.  Rules at fault: nsa_fusion/fusion_pass.py: _specialize with
  nsa_fusion/patterns/sizes.py: Generalize._generalize.  Fix direction: refuse (do not guard) where a symbol to be
  specialized is a marked dim (dynamo's ``constraint``/``dynamic_dims`` on its source, or try the guard on a copy of
  the shape env and catch ConstraintViolation), as the batch is refused (docs/soundness.md "guarding one breaks
  the compile").  Outside the brief's listed modes (mark_dynamic on the batch), hence reported as a CRASH of a
  user-chosen mark, not of the harness's batch mode.

Not found (equal or refused; the idea each tried):

* jw_ _read_off_the_joint_write / settle_stacked_splits: the fused call reading ``select(joint, 0, h)`` for both
  halves, 3 parts, after a second append, with the stack or the half mutated in place / accumulated after the step
  (ordering against the restored joint write), the half returned, a stacked compressed cache appended jointly and
  then written by the step, the per-token dim-1 split (``where(m, stack((k, v), 1) * c, flat[tok])``): fused & equal
  in both graph dialects (torchair's GE write lowering of the restored joint write included).  The only
  differences (two attacks) are the contract's allowed window-sum order on non-dyadic fp32 windows.
* pm_ the slots exclusion (``unknown = {slots}`` with symbolic cache rows): every read that depends on the slots is
  refused by the roles ("the new rows read the cache or the slot mapping"), so the exclusion is not reachable that way.
* gd_ the bisection guard in batch mode (static capacity): int16 page * 32 grown 51 -> 600 -> 2000 blocks: guarded,
  recompiled, equal.
* mp_ the harness cannot mark the page size without a select of the slots (refused); see M1 for the direct run.

Read, not demonstrated: (1) _check_page_arithmetic uses ``per_page = self.sizes.int(P)`` (the hint) for ``top``,
and its bisection bound is a guard on the block count only: with the page size symbolic as well it is no longer
exact for a larger page size at the same block count (in the corpus that path is shadowed by P1, which skips the
check entirely).  (2) fusion_pass._safely continues after a failed rewrite with ``graph.lint()`` only (as round 58's
(2)); no failing rewrite found.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, _qualifies, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_RCD = "REFUSED (control differs)"


def _calls(dtype=torch.float16, extra=None, sizes=((12, 0, {}), (16, 1, {})), **kw):
    def f():
        out = []
        for B, seed, more in sizes:
            a = list(build(B=B, seed=seed, dtype=dtype, **{**kw, **more}).args)
            if extra is not None:
                a = extra(a)
            out.append(a)
        return out
    return f


def _then(*fs):
    def f(a):
        for fn in fs:
            a = fn(a)
        return a
    return f


def _table_as(dt):
    def f(a):
        a[3] = a[3].to(dt)
        return a
    return f


def _slots_as(dt):
    def f(a):
        a[2] = a[2].to(dt)
        return a
    return f


# --- 1. ps_: page-id arithmetic in int16 where the CAPACITY is symbolic (the page size or the table's width changed
# between calls, or dynamic=True): _check_page_arithmetic leaves out every op that depends on the lengths there, and
# the T1 form's page ids are read at length-derived columns (table.gather(1, pos // P)) ----------------------------
def _t1(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "plain":  # int16 page * P + offset (the offset int64: promoted after the product)
            rows = page * P + pos % P
        elif kind == "plain_i32":  # control: int32 page ids (no wrap at these sizes)
            rows = page.int() * P + pos % P
        elif kind == "twice":  # (page * 2) * (P // 2): the product in int16 twice
            rows = (page * 2) * (P // 2) + pos % P
        elif kind == "shift":  # (page + 16384) * 2 - 32768 + page * (P - 2): wraps on every page id
            rows = (page + 16384) * 2 - 32768 + page * (P - 2) + pos % P
        elif kind == "index":  # table[b, p // P] by advanced indexing, not gather
            page = table[torch.arange(table.shape[0])[:, None], pos // P]
            rows = page * P + pos % P
        else:
            raise ValueError(kind)
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


_I16 = dict(index_dtype=torch.int64, length_dtype=torch.int64, extra=_table_as(torch.int16))
PS = [
    ("ps_P32_then_P64", _mk(_t1("plain"), _calls(**_I16, sizes=((12, 0, {"P": 32, "block_num": 600, "high_ids": True}),
                                                              (16, 1, {"P": 64, "block_num": 600, "high_ids": True}))),
                            MODES3),
     "int16 page * P, 600 blocks (high ids), P = 32 then 64: the page size symbolic, the block count static"),
    ("ps_P32_then_P64_grow", _mk(_t1("plain"), _calls(**_I16, sizes=((12, 0, {"P": 32}),
                                                                   (16, 1, {"P": 64, "block_num": 600, "high_ids": True}))),
                                 MODES3),
     "int16 page * P, P = 32 at 51 blocks, then P = 64 at 600 blocks: page size and block count symbolic"),
    ("ps_pages4_then_8", _mk(_t1("plain"), _calls(**_I16, sizes=((12, 0, {"block_num": 600, "high_ids": True}),
                                                               (16, 1, {"pages": 8, "block_num": 600, "high_ids": True}))),
                             MODES3),
     "int16 page * 64, 600 blocks, the table 4 then 8 pages wide: the capacity symbolic, the block count static"),
    ("ps_pages4_then_8_grow", _mk(_t1("plain"), _calls(**_I16, sizes=((12, 0, {}),
                                                                    (16, 1, {"pages": 8, "block_num": 600,
                                                                             "high_ids": True}))), MODES3),
     "int16 page * 64, 51 blocks / 4 pages, then 600 blocks / 8 pages: capacity and block count symbolic"),
    ("ps_pages_grow_3calls", _mk(_t1("plain"), _calls(**_I16, sizes=((12, 0, {}), (16, 1, {"pages": 8}),
                                                                   (16, 2, {"pages": 6, "block_num": 600,
                                                                            "high_ids": True}))), MODES3),
     "int16 page * 64: 51 blocks / 4 pages, 8 pages (recompiled symbolic), then 600 blocks / 6 pages"),
    ("ps_twice_pages_grow", _mk(_t1("twice"), _calls(**_I16, sizes=((12, 0, {}),
                                                                  (16, 1, {"pages": 8, "block_num": 600,
                                                                           "high_ids": True}))), MODES3),
     "int16 (page * 2) * (P // 2), capacity and blocks grown"),
    ("ps_shift_pages_grow", _mk(_t1("shift"), _calls(**_I16, sizes=((12, 0, {}),
                                                                  (16, 1, {"pages": 8, "block_num": 600}))), MODES3),
     "int16 (page + 2**14) * 2 - 2**15 + page * (P - 2): wraps for every page, capacity and blocks grown"),
    ("ps_index_pages_grow", _mk(_t1("index"), _calls(**_I16, sizes=((12, 0, {}),
                                                                  (16, 1, {"pages": 8, "block_num": 600,
                                                                           "high_ids": True}))), MODES3),
     "int16 table[b, p // P] * P (advanced index), capacity and blocks grown"),
    ("ps_i32_control", _mk(_t1("plain_i32"), _calls(**_I16, sizes=((12, 0, {}),
                                                                 (16, 1, {"pages": 8, "block_num": 600,
                                                                          "high_ids": True}))), MODES3),
     "control: int16 page ids widened to int32 before * P"),
]


# --- 2. pm_: page-id arithmetic that also depends on the SLOTS where the cache rows are symbolic (left out of
# _check_page_arithmetic's region), the capacity static -----------------------------------------------------------
def _pm(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "zero":  # (page + 0 * slot) * P in int16
            rows = (page + (slots * 0)[:, None]) * P + pos % P
        elif kind == "bool":  # page + (slot > 32767), never true for int16 slots
            rows = (page + (slots[:, None] > 32767).to(page.dtype)) * P + pos % P
        elif kind == "min":  # page - slot + slot
            rows = (page - slots[:, None] + slots[:, None]) * P + pos % P
        else:
            raise ValueError(kind)
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


_PM = dict(index_dtype=torch.int64, length_dtype=torch.int64, extra=_then(_table_as(torch.int16),
                                                                          _slots_as(torch.int16)))
PM = [(f"pm_{k}_grow", _mk(_pm(k), _calls(**_PM, sizes=((12, 0, {}), (16, 1, {"block_num": 600, "high_ids": True,
                                                                              "num_slots": 600}))), MODES3),
       f"int16 page ids mixed with int16 slots ({k}) times P; blocks and cache rows grown (51 -> 600, 29 -> 600)")
      for k in ("zero", "bool", "min")]
PM += [("pm_zero_blocks_only", _mk(_pm("zero"), _calls(**_PM, sizes=((12, 0, {}), (16, 1, {"block_num": 600,
                                                                                          "high_ids": True}))),
                                   MODES3), "control: the same, the cache rows unchanged (static)")]


# --- 3. gd_: _check_page_arithmetic's bisection guard (blocks <= the largest exact count) and its use of the page
# size's hint --------------------------------------------------------------------------------------------------
GD = [
    ("gd_p32_grow_past_guard", _mk(_t1("plain"), _calls(**_I16, P=32, sizes=((12, 0, {}), (16, 1, {"block_num": 600}),
                                                                           (16, 2, {"block_num": 2000,
                                                                                    "high_ids": True}))), MODES3),
     "int16 page * 32: 51 blocks, 600 (guarded <= 1024), then 2000 with high ids (past the guard)"),
    ("gd_p32_then_p64_grow", _mk(_t1("plain"), _calls(**_I16, sizes=((12, 0, {"P": 32}), (16, 1, {"P": 32, "block_num": 600}),
                                                                   (16, 2, {"P": 64, "block_num": 1000,
                                                                            "high_ids": True}))), MODES3),
     "int16 page * P: P = 32 at 51 and 600 blocks (guard from P's hint 32: <= 1024), then P = 64 at 1000 blocks"),
]


# --- 4. jw_: a joint KV append (split_stacked_writes) put back, the fused call reading select(joint, dim, h) --------
def _kv_pair(a, G=2):
    """kvpair [G, NB, P, N, D] (fp32): half h = kv * (h + 1); the append goes to token slots of unread pages."""
    kv, table = a[0], a[3]
    NB, P, N, D = kv.shape
    pair = torch.stack([kv * (h + 1) for h in range(G)]).float()
    owned = set(table.flatten().tolist())
    free = [p for p in range(NB) if p not in owned]
    B = a[4].shape[0]
    toks = torch.tensor([free[i % len(free)] * P + i // len(free) for i in range(B)], dtype=torch.int64)
    g = torch.Generator().manual_seed(3)
    knew = (torch.randint(-32, 33, (B, N, D), generator=g) / 16.0).float()
    vnew = (torch.randint(-32, 33, (B, N, D), generator=g) / 16.0).float()
    return a + [pair, toks, knew, vnew]


def _read_toks(a):
    """Token rows the windows read (last position of each qualifying row; else an unread free token)."""
    kv, table, lens = a[0], a[3], a[4]
    P = kv.shape[1]
    out = []
    for b in range(lens.shape[0]):
        s = int(lens[b])
        p = max(s - 1, 0)
        out.append(int(table[b, p // P]) * P + p % P)
    return torch.tensor(out, dtype=torch.int64)


def _kv_pair_read(a):
    a = _kv_pair(a)
    toks = _read_toks(a)
    # distinct rows only (a valid index_put target: duplicates would leave the order to the kernel)
    seen, keep = set(), []
    for i, t in enumerate(toks.tolist()):
        keep.append(t not in seen)
        seen.add(t)
    toks = torch.where(torch.tensor(keep), toks, a[7])
    return a + [toks]


def _const_pair(D, lo, G=2, vals=(0.1, 1 / 3, 1 / 7)):
    return torch.stack([torch.full((D,), vals[h]) for h in range(G)]).to(lo)[:, None, None, :]


def _jw(kind):
    def step(kv, w, slots, table, lens, cache, kvpair, tok_slots, knew, vnew, *more):
        D = cache.shape[-1]
        vals = torch.stack((knew, vnew)) * _const_pair(D, torch.float16)
        if kind == "both_halves":  # two steps, one on K, one on V (both halves read off the joint write)
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            c2 = cache.clone()
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            write(c2, slots, completes(lens), pool(tokens(kvpair[1], table, positions(lens)), w))
            return cache, c2, kvpair
        if kind == "append_over_window_after":  # a second joint append after the step, into tokens it read
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            kvpair.flatten(1, 2)[:, more[0]] = torch.stack((vnew, knew)) * 3
            return cache, kvpair
        if kind == "append_over_window_before":  # two joint appends, the second into tokens the step reads
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            kvpair.flatten(1, 2)[:, more[0]] = torch.stack((vnew, knew)) * _const_pair(D, torch.float16)
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            return cache, kvpair
        if kind == "mul_after":  # the whole stacked KV scaled in place after the step
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            kvpair.mul_(2)
            return cache, kvpair
        if kind == "half_inplace_after":  # the read half itself scaled in place after the step
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            kvpair[0].add_(1)
            return cache, kvpair
        if kind == "return_half_raw":  # the read half returned (a view of the joint write) beside the step
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            k = kvpair[0]
            write(cache, slots, completes(lens), pool(tokens(k, table, positions(lens)), w))
            return cache, k * 1.0
        if kind == "window_over_own_pages":  # the append into tokens the step reads (a KV append then compress)
            kvpair.flatten(1, 2)[:, more[0]] = vals
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            return cache, kvpair
        if kind == "accumulate_after":  # an index_put accumulate into the read half after the step
            kvpair.flatten(1, 2)[:, tok_slots] = vals
            write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
            kvpair[0].flatten(0, 1).index_put_((more[0],), knew, accumulate=True)
            return cache, kvpair
        raise ValueError(kind)
    return step


def _jw3(kv, w, slots, table, lens, cache, kv3, tok_slots, knew, vnew):
    """A [3, NB, P, N, D] stack appended jointly (per-part fp16 constants), the step on part 2."""
    D = cache.shape[-1]
    kv3.flatten(1, 2)[:, tok_slots] = torch.stack((knew, vnew, knew + vnew)) * _const_pair(D, torch.float16, 3)
    write(cache, slots, completes(lens), pool(tokens(kv3[2], table, positions(lens)), w))
    return cache, kv3


def _jw_cache_stacked(kv, w, slots, table, lens, cache, kvpair, tok_slots, knew, vnew):
    """The COMPRESSED cache stacked [2, S, N, D], appended jointly at other rows, the step writing its half 0."""
    D = cache.shape[-1]
    cmp = torch.stack((cache.float(), cache.float() * 2))
    rows = (slots.long() + 7) % cache.shape[0]  # any rows (the step's own write lands after)
    cmp[:, rows] = torch.stack((knew, vnew)) * _const_pair(D, torch.float16)
    write(cmp[0], slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return cmp


def _jw_token(kind):
    def step(kv, w, slots, table, lens, cache, kvpair, tok_slots, knew, vnew):
        """Per-token K/V [NB, P, 2, N, D]: flat[tok] = where(m, stack((k, v), 1) * c, flat[tok]) (the dim-1 split)."""
        D = cache.shape[-1]
        kv5 = kvpair.permute(1, 2, 0, 3, 4).contiguous() if kind != "raw" else kvpair
        flat = kv5.flatten(0, 1)
        m = (knew[:, :1, :1] > -100)[:, :, :, None].expand(-1, 2, -1, -1) if kind == "raw" else \
            (knew.sum((1, 2)) > -1e9)[:, None, None, None]
        c = torch.stack((torch.full((D,), 0.1), torch.full((D,), 1 / 3))).half()[None, :, None, :]
        flat[tok_slots] = torch.where(m, torch.stack((knew, vnew), 1) * c, flat[tok_slots])
        write(cache, slots, completes(lens), pool(tokens(kv5[:, :, 0], table, positions(lens)), w))
        return cache, kv5
    return step


_JW = dict(dtype=torch.float32)
JW = [(f"jw_{k}", _mk(_jw(k), _calls(**_JW, extra=_kv_pair_read if "window" in k or "accumulate" in k else _kv_pair),
                      MODES3), "a joint KV append put back, the fused step reading a half: " + k)
      for k in ("both_halves", "append_over_window_after", "append_over_window_before", "mul_after",
                "half_inplace_after", "return_half_raw", "window_over_own_pages", "accumulate_after")]
JW += [("jw_three_parts", _mk(_jw3, _calls(**_JW, extra=lambda a: _kv_pair(a, 3)), MODES3),
        "a [3, NB, P, N, D] joint append with per-part fp16 constants, the step on part 2"),
       ("jw_cache_stacked", _mk(_jw_cache_stacked, _calls(**_JW, extra=_kv_pair), MODES3),
        "a stacked compressed cache appended jointly at other rows, the step writing half 0"),
       ("jw_token_where", _mk(_jw_token("perm"), _calls(**_JW, extra=_kv_pair), MODES3),
        "a per-token [NB, P, 2, N, D] KV appended with where(m, stack((k, v), 1) * c, flat[tok]), the step on K")]



# --- 5. mp_: the page size MARKED dynamic (the harness's batch mode marks dim 0 of args 2-4: the KV passed as
# [P, NB, N, D] at arg 2, read as its transpose), the step the contract's: the pass guards the page size -------------
def _mp(kind):
    def step(w, cache, kvT, table, meta, pad):  # (meta: [B, 2] = slots, lengths: one marked batch for both)
        kv = kvT.transpose(0, 1)
        slots, lens = meta[:, 0], meta[:, 1]
        P = kv.shape[1]
        pos = positions(lens)
        if kind == "contract":
            tok = tokens(kv, table, pos)
        elif kind == "flat":  # vLLM's flat token rows (int64)
            tok = kv.flatten(0, 1)[table.long().gather(1, pos // P) * P + pos % P]
        elif kind == "mean":
            return write(cache, slots, completes(lens), tokens(kv, table, pos).float().mean(1))
        else:
            raise ValueError(kind)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _kv_T(a):
    return [a[1], a[5], a[0].transpose(0, 1).contiguous(), a[3], torch.stack((a[2].long(), a[4].long()), 1),
            torch.zeros(1)]


MP = [(f"mp_kvT_{k}", _mk(_mp(k), _calls(extra=_kv_T), MODES3),
       f"the KV [P, NB, N, D] at arg 2 (batch mode marks its page size), read transposed: {k}")
      for k in ("contract", "mean")]
MP += [("mp_kvT_contract_fp32_int64", _mk(_mp("contract"), _calls(torch.float32, extra=_kv_T, index_dtype=torch.int64,
                                                                   length_dtype=torch.int64), MODES3),
        "the same, fp32, int64 metadata")]

ATTACKS = PS + PM + GD + JW + MP

# (the six _FF rows of jw_append_over_window_before / jw_window_over_own_pages per dialect are the contract's allowed
# window-sum order on non-dyadic fp32 windows, not false fusions: see the docstring)
_FIRST = [
    ('ps_P32_then_P64', 'inductor_graph', 'static', _EQ),
    ('ps_P32_then_P64', 'inductor_graph', 'batch', _EQ),
    ('ps_P32_then_P64', 'inductor_graph', 'dynamic', _FF),
    ('ps_P32_then_P64_grow', 'inductor_graph', 'static', _EQ),
    ('ps_P32_then_P64_grow', 'inductor_graph', 'batch', _FF),
    ('ps_P32_then_P64_grow', 'inductor_graph', 'dynamic', _FF),
    ('ps_pages4_then_8', 'inductor_graph', 'static', _R),
    ('ps_pages4_then_8', 'inductor_graph', 'batch', _R),
    ('ps_pages4_then_8', 'inductor_graph', 'dynamic', _FF),
    ('ps_pages4_then_8_grow', 'inductor_graph', 'static', _EQ),
    ('ps_pages4_then_8_grow', 'inductor_graph', 'batch', _FF),
    ('ps_pages4_then_8_grow', 'inductor_graph', 'dynamic', _FF),
    ('ps_pages_grow_3calls', 'inductor_graph', 'static', _EQ),
    ('ps_pages_grow_3calls', 'inductor_graph', 'batch', _FF),
    ('ps_pages_grow_3calls', 'inductor_graph', 'dynamic', _FF),
    ('ps_twice_pages_grow', 'inductor_graph', 'static', _EQ),
    ('ps_twice_pages_grow', 'inductor_graph', 'batch', _FF),
    ('ps_twice_pages_grow', 'inductor_graph', 'dynamic', _R),
    ('ps_shift_pages_grow', 'inductor_graph', 'static', _R),
    ('ps_shift_pages_grow', 'inductor_graph', 'batch', _FF),
    ('ps_shift_pages_grow', 'inductor_graph', 'dynamic', _R),
    ('ps_index_pages_grow', 'inductor_graph', 'static', _EQ),
    ('ps_index_pages_grow', 'inductor_graph', 'batch', _FF),
    ('ps_index_pages_grow', 'inductor_graph', 'dynamic', _FF),
    ('ps_i32_control', 'inductor_graph', 'static', _EQ),
    ('ps_i32_control', 'inductor_graph', 'batch', _EQ),
    ('ps_i32_control', 'inductor_graph', 'dynamic', _EQ),
    ('pm_zero_grow', 'inductor_graph', 'static', _EQ),
    ('pm_zero_grow', 'inductor_graph', 'batch', _EQ),
    ('pm_zero_grow', 'inductor_graph', 'dynamic', _FF),
    ('pm_bool_grow', 'inductor_graph', 'static', _R),
    ('pm_bool_grow', 'inductor_graph', 'batch', _R),
    ('pm_bool_grow', 'inductor_graph', 'dynamic', _R),
    ('pm_min_grow', 'inductor_graph', 'static', _R),
    ('pm_min_grow', 'inductor_graph', 'batch', _R),
    ('pm_min_grow', 'inductor_graph', 'dynamic', _R),
    ('pm_zero_blocks_only', 'inductor_graph', 'static', _EQ),
    ('pm_zero_blocks_only', 'inductor_graph', 'batch', _EQ),
    ('pm_zero_blocks_only', 'inductor_graph', 'dynamic', _FF),
    ('gd_p32_grow_past_guard', 'inductor_graph', 'static', _EQ),
    ('gd_p32_grow_past_guard', 'inductor_graph', 'batch', _EQ),
    ('gd_p32_grow_past_guard', 'inductor_graph', 'dynamic', _FF),
    ('gd_p32_then_p64_grow', 'inductor_graph', 'static', _EQ),
    ('gd_p32_then_p64_grow', 'inductor_graph', 'batch', _FF),
    ('gd_p32_then_p64_grow', 'inductor_graph', 'dynamic', _FF),
    ('jw_both_halves', 'inductor_graph', 'static', _EQ),
    ('jw_both_halves', 'inductor_graph', 'batch', _EQ),
    ('jw_both_halves', 'inductor_graph', 'dynamic', _EQ),
    ('jw_append_over_window_after', 'inductor_graph', 'static', _EQ),
    ('jw_append_over_window_after', 'inductor_graph', 'batch', _EQ),
    ('jw_append_over_window_after', 'inductor_graph', 'dynamic', _EQ),
    ('jw_append_over_window_before', 'inductor_graph', 'static', _FF),
    ('jw_append_over_window_before', 'inductor_graph', 'batch', _FF),
    ('jw_append_over_window_before', 'inductor_graph', 'dynamic', _FF),
    ('jw_mul_after', 'inductor_graph', 'static', _EQ),
    ('jw_mul_after', 'inductor_graph', 'batch', _EQ),
    ('jw_mul_after', 'inductor_graph', 'dynamic', _EQ),
    ('jw_half_inplace_after', 'inductor_graph', 'static', _EQ),
    ('jw_half_inplace_after', 'inductor_graph', 'batch', _EQ),
    ('jw_half_inplace_after', 'inductor_graph', 'dynamic', _EQ),
    ('jw_return_half_raw', 'inductor_graph', 'static', _EQ),
    ('jw_return_half_raw', 'inductor_graph', 'batch', _EQ),
    ('jw_return_half_raw', 'inductor_graph', 'dynamic', _EQ),
    ('jw_window_over_own_pages', 'inductor_graph', 'static', _FF),
    ('jw_window_over_own_pages', 'inductor_graph', 'batch', _FF),
    ('jw_window_over_own_pages', 'inductor_graph', 'dynamic', _FF),
    ('jw_accumulate_after', 'inductor_graph', 'static', _EQ),
    ('jw_accumulate_after', 'inductor_graph', 'batch', _EQ),
    ('jw_accumulate_after', 'inductor_graph', 'dynamic', _EQ),
    ('jw_three_parts', 'inductor_graph', 'static', _EQ),
    ('jw_three_parts', 'inductor_graph', 'batch', _EQ),
    ('jw_three_parts', 'inductor_graph', 'dynamic', _EQ),
    ('jw_cache_stacked', 'inductor_graph', 'static', _EQ),
    ('jw_cache_stacked', 'inductor_graph', 'batch', _EQ),
    ('jw_cache_stacked', 'inductor_graph', 'dynamic', _EQ),
    ('jw_token_where', 'inductor_graph', 'static', _EQ),
    ('jw_token_where', 'inductor_graph', 'batch', _EQ),
    ('jw_token_where', 'inductor_graph', 'dynamic', _EQ),
    ('mp_kvT_contract', 'inductor_graph', 'static', _R),
    ('mp_kvT_contract', 'inductor_graph', 'batch', _R),
    ('mp_kvT_contract', 'inductor_graph', 'dynamic', _R),
    ('mp_kvT_mean', 'inductor_graph', 'static', _R),
    ('mp_kvT_mean', 'inductor_graph', 'batch', _R),
    ('mp_kvT_mean', 'inductor_graph', 'dynamic', _R),
    ('mp_kvT_contract_fp32_int64', 'inductor_graph', 'static', _R),
    ('mp_kvT_contract_fp32_int64', 'inductor_graph', 'batch', _R),
    ('mp_kvT_contract_fp32_int64', 'inductor_graph', 'dynamic', _R),
    ('ps_P32_then_P64', 'torchair_like', 'static', _EQ),
    ('ps_P32_then_P64', 'torchair_like', 'batch', _EQ),
    ('ps_P32_then_P64', 'torchair_like', 'dynamic', _FF),
    ('ps_P32_then_P64_grow', 'torchair_like', 'static', _EQ),
    ('ps_P32_then_P64_grow', 'torchair_like', 'batch', _FF),
    ('ps_P32_then_P64_grow', 'torchair_like', 'dynamic', _FF),
    ('ps_pages4_then_8', 'torchair_like', 'static', _R),
    ('ps_pages4_then_8', 'torchair_like', 'batch', _R),
    ('ps_pages4_then_8', 'torchair_like', 'dynamic', _FF),
    ('ps_pages4_then_8_grow', 'torchair_like', 'static', _EQ),
    ('ps_pages4_then_8_grow', 'torchair_like', 'batch', _FF),
    ('ps_pages4_then_8_grow', 'torchair_like', 'dynamic', _FF),
    ('ps_pages_grow_3calls', 'torchair_like', 'static', _EQ),
    ('ps_pages_grow_3calls', 'torchair_like', 'batch', _FF),
    ('ps_pages_grow_3calls', 'torchair_like', 'dynamic', _FF),
    ('ps_twice_pages_grow', 'torchair_like', 'static', _EQ),
    ('ps_twice_pages_grow', 'torchair_like', 'batch', _FF),
    ('ps_twice_pages_grow', 'torchair_like', 'dynamic', _R),
    ('ps_shift_pages_grow', 'torchair_like', 'static', _R),
    ('ps_shift_pages_grow', 'torchair_like', 'batch', _FF),
    ('ps_shift_pages_grow', 'torchair_like', 'dynamic', _R),
    ('ps_index_pages_grow', 'torchair_like', 'static', _EQ),
    ('ps_index_pages_grow', 'torchair_like', 'batch', _FF),
    ('ps_index_pages_grow', 'torchair_like', 'dynamic', _FF),
    ('ps_i32_control', 'torchair_like', 'static', _EQ),
    ('ps_i32_control', 'torchair_like', 'batch', _EQ),
    ('ps_i32_control', 'torchair_like', 'dynamic', _EQ),
    ('pm_zero_grow', 'torchair_like', 'static', _R),
    ('pm_zero_grow', 'torchair_like', 'batch', _R),
    ('pm_zero_grow', 'torchair_like', 'dynamic', _R),
    ('pm_bool_grow', 'torchair_like', 'static', _R),
    ('pm_bool_grow', 'torchair_like', 'batch', _R),
    ('pm_bool_grow', 'torchair_like', 'dynamic', _R),
    ('pm_min_grow', 'torchair_like', 'static', _R),
    ('pm_min_grow', 'torchair_like', 'batch', _R),
    ('pm_min_grow', 'torchair_like', 'dynamic', _R),
    ('pm_zero_blocks_only', 'torchair_like', 'static', _R),
    ('pm_zero_blocks_only', 'torchair_like', 'batch', _R),
    ('pm_zero_blocks_only', 'torchair_like', 'dynamic', _R),
    ('gd_p32_grow_past_guard', 'torchair_like', 'static', _EQ),
    ('gd_p32_grow_past_guard', 'torchair_like', 'batch', _EQ),
    ('gd_p32_grow_past_guard', 'torchair_like', 'dynamic', _FF),
    ('gd_p32_then_p64_grow', 'torchair_like', 'static', _EQ),
    ('gd_p32_then_p64_grow', 'torchair_like', 'batch', _FF),
    ('gd_p32_then_p64_grow', 'torchair_like', 'dynamic', _FF),
    ('jw_both_halves', 'torchair_like', 'static', _EQ),
    ('jw_both_halves', 'torchair_like', 'batch', _EQ),
    ('jw_both_halves', 'torchair_like', 'dynamic', _EQ),
    ('jw_append_over_window_after', 'torchair_like', 'static', _EQ),
    ('jw_append_over_window_after', 'torchair_like', 'batch', _EQ),
    ('jw_append_over_window_after', 'torchair_like', 'dynamic', _EQ),
    ('jw_append_over_window_before', 'torchair_like', 'static', _FF),
    ('jw_append_over_window_before', 'torchair_like', 'batch', _FF),
    ('jw_append_over_window_before', 'torchair_like', 'dynamic', _FF),
    ('jw_mul_after', 'torchair_like', 'static', _EQ),
    ('jw_mul_after', 'torchair_like', 'batch', _EQ),
    ('jw_mul_after', 'torchair_like', 'dynamic', _EQ),
    ('jw_half_inplace_after', 'torchair_like', 'static', _EQ),
    ('jw_half_inplace_after', 'torchair_like', 'batch', _EQ),
    ('jw_half_inplace_after', 'torchair_like', 'dynamic', _EQ),
    ('jw_return_half_raw', 'torchair_like', 'static', _EQ),
    ('jw_return_half_raw', 'torchair_like', 'batch', _EQ),
    ('jw_return_half_raw', 'torchair_like', 'dynamic', _EQ),
    ('jw_window_over_own_pages', 'torchair_like', 'static', _FF),
    ('jw_window_over_own_pages', 'torchair_like', 'batch', _FF),
    ('jw_window_over_own_pages', 'torchair_like', 'dynamic', _FF),
    ('jw_accumulate_after', 'torchair_like', 'static', _EQ),
    ('jw_accumulate_after', 'torchair_like', 'batch', _EQ),
    ('jw_accumulate_after', 'torchair_like', 'dynamic', _EQ),
    ('jw_three_parts', 'torchair_like', 'static', _EQ),
    ('jw_three_parts', 'torchair_like', 'batch', _EQ),
    ('jw_three_parts', 'torchair_like', 'dynamic', _EQ),
    ('jw_cache_stacked', 'torchair_like', 'static', _EQ),
    ('jw_cache_stacked', 'torchair_like', 'batch', _EQ),
    ('jw_cache_stacked', 'torchair_like', 'dynamic', _EQ),
    ('jw_token_where', 'torchair_like', 'static', _EQ),
    ('jw_token_where', 'torchair_like', 'batch', _EQ),
    ('jw_token_where', 'torchair_like', 'dynamic', _EQ),
    ('mp_kvT_contract', 'torchair_like', 'static', _R),
    ('mp_kvT_contract', 'torchair_like', 'batch', _R),
    ('mp_kvT_contract', 'torchair_like', 'dynamic', _R),
    ('mp_kvT_mean', 'torchair_like', 'static', _R),
    ('mp_kvT_mean', 'torchair_like', 'batch', _R),
    ('mp_kvT_mean', 'torchair_like', 'dynamic', _R),
    ('mp_kvT_contract_fp32_int64', 'torchair_like', 'static', _R),
    ('mp_kvT_contract_fp32_int64', 'torchair_like', 'batch', _R),
    ('mp_kvT_contract_fp32_int64', 'torchair_like', 'dynamic', _R),
]

# real Inductor codegen (20:33-20:39 UTC; ps_pages4_then_8* / gd_* / pm_zero_*), not the first try
_LATER = [
    ('ps_pages4_then_8', 'inductor', 'static', _R),
    ('ps_pages4_then_8', 'inductor', 'batch', _R),
    ('ps_pages4_then_8', 'inductor', 'dynamic', _FF),
    ('ps_pages4_then_8_grow', 'inductor', 'static', _EQ),
    ('ps_pages4_then_8_grow', 'inductor', 'batch', _FF),
    ('ps_pages4_then_8_grow', 'inductor', 'dynamic', _FF),
    ('pm_zero_grow', 'inductor', 'static', _EQ),
    ('pm_zero_grow', 'inductor', 'batch', _EQ),
    ('pm_zero_grow', 'inductor', 'dynamic', _FF),
    ('pm_zero_blocks_only', 'inductor', 'static', _EQ),
    ('pm_zero_blocks_only', 'inductor', 'batch', _EQ),
    ('pm_zero_blocks_only', 'inductor', 'dynamic', _FF),
    ('gd_p32_grow_past_guard', 'inductor', 'static', _EQ),
    ('gd_p32_grow_past_guard', 'inductor', 'batch', _EQ),
    ('gd_p32_grow_past_guard', 'inductor', 'dynamic', _FF),
    ('gd_p32_then_p64_grow', 'inductor', 'static', _EQ),
    ('gd_p32_then_p64_grow', 'inductor', 'batch', _FF),
    ('gd_p32_then_p64_grow', 'inductor', 'dynamic', _FF),
]


def classify59(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-58)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify59)
