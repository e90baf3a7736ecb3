"""Sixtieth adversarial review of the recogniser (round 60; c68922c frozen at /tmp/base65: round 59's fixes --
sizes._computed_from in SizesProof.check_int_paths (P1), verify.Recognizer._refuse_marked_specializations (M1),
pool_tables._mark_pool_rows (every T[r]), exactness._check_length_ops (unbind / split as data movement) --, the whole
recogniser through them).

Same format as redteam43 .. redteam59: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify60`.

    cp /work/main/tests/corpora/redteam60.py /tmp/base65/tests/corpora/ && cd /tmp/base65 && \\
    PYTHONPATH=/tmp/base65 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam60.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base65 = c68922c, by this machine's ``date -u`` 2026-12-06:
inductor_graph 20:53:01-20:54:40, then torchair_like 20:54:40-20:56:06 UTC, one process at a time; the 28 attacks of
the themes wp_, gp_, us_, n8_ as they stood; u1_ was written after it, from us_split_i16_pages): 84 runs per graph
dialect (every attack in static, batch, dynamic):

    inductor_graph  84 runs: 14 FALSE FUSION / 0 CRASH / 17 fused & equal / 53 refused / 0 control differs
    torchair_like   84 runs: 13 FALSE FUSION / 0 CRASH / 17 fused & equal / 54 refused / 0 control differs

Per theme (inductor_graph | torchair_like):
  wp_ 17 int16 page ids chosen by a WHERE on a length condition, then ``* P`` (where(pos >= 0, page, 0) and
         variants; 600 blocks, high ids, the table 4 then 8 pages; or 51 -> 600 blocks grown; or P 32 -> 64):
                                                       12 FF / 13 EQ / 26 R | 11 FF / 13 EQ / 27 R
         FF: wp_pos_ge0, wp_lens_ge0, wp_flip, wp_same, wp_zeros_like, wp_index, wp_cast_back, wp_offset_first,
         wp_masked_fill (inductor_graph only: torchair keeps masked_fill, refused "page ids pass through
         masked_fill") under dynamic; wp_pos_ge0_grow batch + dynamic; wp_twice_grow batch.  Static / batch at a
         static capacity: refused (the overflow check sees the where).  wp_i32_control fused & equal everywhere;
         wp_*_P32_then_P64 fused & equal ("fused 1": the P = 32 call,
         where 599 * 32 fits int16; the P = 64 call not fused); wp_qualify / wp_twice dynamic
         refused by other rules (an eq threshold, an int64 add of unknown interval).
  gp_  2 page ids picked between two gathers / a cat by a length-derived index:                6 R | 6 R
  us_  3 unbind / split on positions (models26's data movement) and on int16 page ids:
                                                       2 FF / 4 EQ / 3 R | 2 FF / 4 EQ / 3 R
         FF: us_split_i16_pages (``stack([c * P for c in page.unbind(1)], 1)``) STATIC and batch: class U1 below.
         us_unbind_stack / us_split_cat (positions): fused & equal static / batch, refused dynamic.
  n8_  6 int8 / uint8 block tables (page * 64 wraps from page 2 / 4), plain and through a where, small static block
         count, capacity 4 -> 8 pages or static:                                            18 R | 18 R

Later runs (``_LATER``, not the first try):

* u1_ (7 attacks, 20:56:27-21:00:09 UTC): inductor_graph, torchair_like and REAL Inductor codegen (``--dialect
  inductor``) each: 11 FALSE FUSION / 2 fused & equal / 8 refused -- u1_unbind_each, u1_restack, u1_split_cat,
  u1_chunk_cat static + batch, u1_table_restack static + batch + dynamic; u1_i32_control fused & equal; u1_restack_int8
  refused (window check).  U1 confirmed in real codegen, controls equal.
* REAL Inductor (``--dialect inductor``, 21:00:12-21:01:57 UTC): wp_pos_ge0, wp_same, wp_masked_fill (dynamic),
  wp_pos_ge0_grow (batch + dynamic), wp_twice_grow (batch), us_split_i16_pages (static + batch): 8 FALSE FUSION
  (W1 and U1 confirmed in real codegen, controls equal) / 5 fused & equal / 8 refused.
* Standalone /tmp/rt60/m2.py (real Inductor, nsa_fusion_backend, 21:02 UTC; output /tmp/rt60/m2.txt): class M2.
* u2_ (8 attacks: abs, | 0, ^ 0, flip twice, << 6, * tensor(P), maximum(page, page), roll and back, between the
  int16 ids and ``* 64``; 21:03:12-21:03:38 inductor_graph, 21:05:05-21:05:29 torchair_like): 3 / 2 FALSE FUSION,
  the rest refused.  The FFs (u2_lshift, u2_tensor_P both dialects, u2_roll2 inductor_graph) are all in BATCH mode at
  call 1 and are the plain ``page * 64`` after Inductor's folding: they led to S1.
* s1_plain_cap_grow (21:05:56-21:06:03, inductor_graph): the same plain form with only the TABLE widened (capacity
  symbolic, rows static): refused in every mode (the capacity path recompiles at a static capacity, where the
  overflow check runs).
* s1_ (3 attacks, 21:03:51-21:04:59 UTC): inductor_graph, torchair_like and REAL Inductor each: 2 FALSE FUSION
  (s1_plain_batch_grow, s1_plain_rows_grow, batch) / 3 fused & equal (s1_i32_control) / 4 refused.  S1 confirmed in
  real codegen, controls equal.

FOUND:

* W1 FALSE FUSION (graph dialects AND real Inductor; a SYMBOLIC capacity: dynamic=True, or automatic dynamic after
  the table widened; pass-off control equal to eager): round 59's P1 is back through a where.  Minimal
  (wp_pos_ge0 under dynamic=True, one call, one compile; 600 blocks, high page ids, int16 table, int64 lengths):

      def step(kv, w, slots, table, lens, cache):
          P = kv.shape[1]                                              # 64
          pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
          page = table.gather(1, pos // P)
          pg = torch.where(pos >= 0, page, 0)                          # always page: a no-op select
          rows = pg * P + pos % P                                      # int16 page * 64: wraps for pages >= 512
          write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
          return cache

      inductor_graph / torchair_like / REAL Inductor, dynamic=True: FALSE FUSION, call 0: NaN at [7, 0, 0]:
      got -2.974609375, eager nan

  Also ``where(lens[:, None] >= 0, page, 0)``, ``where(pos < 0, 0, page)``, ``where(c, page, page)``,
  ``where(c, page, zeros_like(page))``, ``where(c, page.int(), 0).to(int16)``, ``where(c, page + 0, 0)``, advanced
  indexing ``table[arange(B)[:, None], pos // P]`` then the where, ``page.masked_fill(pos < 0, 0)`` (Inductor's graph
  decomposes it to a where), and after a grown table + block count under the batch marks (wp_pos_ge0_grow,
  wp_twice_grow ``(where(..) * 2) * (P // 2)``).  Why: the P1 fix, sizes._computed_from, takes a GATHER's result
  from its data only, but every other op from all its value inputs: ``where(cond, page, 0)`` has the length-derived
  condition among them, so it and everything after it (``* P``) count as "computed from the lengths" and are left
  out of _check_page_arithmetic (``unknown = {lengths}`` under a symbolic capacity); exactness.check_int_paths runs
  with ``bounded`` False (no overflow check); and exactness._check_length_ops skips a where whose branches are not
  length-valued ("a choice between tokens ... the condition is checked") without marking it, so ``pg * P`` is never
  length-valued and no interval check sees it.  Rules at fault: nsa_fusion/patterns/sizes.py: _computed_from (a
  where / masked_fill is data movement of its branches, as the gather of its data: the condition must be a barrier
  too; more generally only values, never conditions or indices, carry "computed from") with
  SizesProof.check_int_paths; exactness._check_length_ops (the where skip drops page ids that later meet
  arithmetic).  Fix direction: in _computed_from use T.data_inputs for every data-movement op (SELECTS included),
  or invert the rule: check every node that depends on the table with the table's seed, and the lengths seeded at
  their dtype's max wherever the capacity is symbolic.

* U1 FALSE FUSION (graph dialects AND real Inductor; STATIC shapes -- every size static, one call -- and batch; the
  pass-off control equal to eager): int16 page ids moved through a TUPLE (unbind / split / chunk, read back by
  getitem) are multiplied by P unchecked.  Minimal (u1_restack, static, 600 blocks, high ids, int16 table):

      page = table.gather(1, pos // P)
      rows = torch.stack(page.unbind(1), 1) * P + pos % P               # int16 * 64: wraps for pages >= 512
      write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))

      inductor_graph / torchair_like / REAL Inductor, static: FALSE FUSION, call 0: NaN at [7, 0, 0]:
      got -2.974609375, eager nan

  Also ``stack([c * P for c in page.unbind(1)], 1)``, ``cat(page.split(8, 1), 1) * P``, ``cat(page.chunk(2, 1), 1) *
  P``, and the TABLE itself restacked, ``stack(table.unbind(1), 1).gather(1, pos // P) * P`` (fused even under
  dynamic=True).  The plain ``page * P`` in the same setting is refused ("computes integers in [0, 38336] in
  int16"); the int32 control fuses and is equal.  Why: exactness.Intervals._compute has no rule for
  ``operator.getitem`` (the ASSEMBLE rule excludes it explicitly and needs every part's interval), so each part of an
  unbind / split and everything computed from it has interval None; exactness.check_int_paths' overflow check is
  ``span is not None and (span leaves the dtype)``: an UNKNOWN interval passes as exact (the cast check next to it
  falls back to the dtype's range, the monotone-op check does not).  Rules at fault:
  nsa_fusion/patterns/exactness.py: check_int_paths (unknown interval of an integer add/sub/mul on page ids, slots
  or lengths must refuse, or fall back to the operands' dtype ranges) with Intervals._compute (getitem of an
  unbind / split / chunk: its input's interval).

* S1 FALSE FUSION (graph dialects AND real Inductor; the harness's BATCH mode -- automatic dynamic --; the pass-off
  control equal to eager): round 58's T1 in its PLAIN spelling, with a static block count and a static capacity,
  is fused as soon as the number of CACHE ROWS is symbolic.  Minimal (s1_plain_rows_grow: B = 12 both calls, 600
  blocks, high ids, int16 table, int64 lengths; only the compressed cache grows, 29 -> 100 rows):

      page = table.gather(1, pos // P)
      rows = page * P + pos % P                                         # int16 page * 64: wraps for pages >= 512
      write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))

      call 0 (static): refused ("aten.mul.Tensor computes integers in [0, 38336] in torch.int16 ...")
      call 1 (cache rows symbolic after the recompile): inductor_graph / torchair_like / REAL Inductor: FALSE FUSION,
      NaN at [23, 0, 0]: got 5.4296875, eager nan

  Also with the batch grown 12 -> 16 (cache rows 2B + 5; s1_plain_batch_grow), and any spelling Inductor folds to it
  (``page << 6``, ``page * torch.tensor(64, int16)``, ``roll(1).roll(-1)``).  dynamic=True refuses (the block count
  is symbolic there, so _check_page_arithmetic runs).  Why: sizes.SizesProof.check_int_paths computes ``bounded =
  all(x is not None for x in (cap_pages, P, hi_block, n_slots))`` -- a symbolic number of cache rows alone makes it
  False, and exactness.check_int_paths then skips EVERY overflow check (``if bounded and ...``), page-id arithmetic
  included, although the page ids are bounded by the static block count (seeds[table] = (0, 599)); the page-id
  check meant to take over, _check_page_arithmetic, runs only ``if hi_block is None`` (a symbolic block count).
  Rules at fault: nsa_fusion/patterns/sizes.py: SizesProof.check_int_paths (``bounded`` / ``hi_block is None``)
  with nsa_fusion/patterns/exactness.py: check_int_paths (``bounded`` disables the overflow check wholesale).  Fix
  direction: run the overflow check on the nodes whose seeds are bounded (page arithmetic with a static block count
  is bounded whatever the cache rows), i.e. call _check_page_arithmetic whenever the table's seed is finite, not only
  under a symbolic block count.

* M2 CRASH (real Inductor; a dim the user marked dynamic WITH A RANGE, ``mark_dynamic(t, d, min=.., max=..)``; the
  pass-off control compiles and is eager-equal): round 59's M1 fix checks only ``step.specialize`` (Eq guards) and
  only for non-duck symbols; the proof's other guards on the same marked symbol still fail the compile.
  (a) int16 ``page * 32`` (the bisection bound of _check_page_arithmetic), 600 blocks, ``mark_dynamic(kv, 0, min=2,
  max=100000)``:

      pass off: fused 0, 0 differ
      pass on : CRASH ConstraintViolationError: Constraints violated (L['kv'].size()[0])! ... Not all values of
                L['kv'].size()[0] in the specified range L['kv'].size()[0] <= 100000 satisfy the generated guard
                2 <= L['kv'].size()[0] and L['kv'].size()[0] <= 1024
      (plain mark_dynamic(kv, 0): fused 1, equal, "guarded s91 <= 1024")

  (b) a flat KV ``kvf [NB * 32, N, D]`` read ``kvf[table.long().gather(1, pos // 32) * 32 + pos % 32]`` with
  ``mark_dynamic(kvf, 0, min=2, max=10**6)``: CRASH ConstraintViolationError "... satisfy the generated guard
  (L['kvf'].size()[0] % 32) == 0" (rewrite.paged_flat_reads -> rewrite._divides' evaluate_expr(Eq(Mod(rows, P), 0)));
  plain mark_dynamic: fused, equal.  Rules at fault: nsa_fusion/fusion_pass.py: _specialize (``step.bounds``:
  Le guards) and nsa_fusion/rewrite.py: _divides, neither asked by verify.Recognizer._refuse_marked_specializations
  (which sees only ``step.specialize``).  Fix direction: try every guard the pass adds on a copy of the shape env
  (or check ``env.var_to_range`` / the source's constraint) and refuse where a marked dim's range is narrowed.

Not found (equal or refused; the idea each tried):

* gp_ page ids picked between two table gathers by a length threshold, or from ``cat([page, page])`` at a
  length-derived column: refused (threshold / overflow rules).
* us_unbind_stack / us_split_cat: positions unbound / split and put back (models26's unbind as data movement):
  fused & equal static and batch, refused under dynamic=True ("divides a value whose slope in the lengths is not
  known": the getitem's slope is unknown too -- the same missing getitem rule, here on the safe side).
* n8_ int8 / uint8 block tables, plain and through a where, a small static block count with a static or widened
  capacity: refused everywhere (the overflow check sees the plain product; under dynamic=True the where form is
  refused by the window check because int8 ``page * 64`` already wraps at the probes' small ids).
* wp_ at a static capacity (static / batch before any growth) and with only the page size symbolic at a static
  block count (wp_*_P32_then_P64): refused or fused & equal.
* s1_plain_cap_grow: the plain int16 form with only the capacity symbolic (blocks and cache rows static): refused.
* u2_ abs, ``| 0``, ``^ 0``, flip twice, maximum(page, page) on int16 page ids: refused ("page ids pass through
  ..." / the overflow check) wherever the shapes are static.
* Theme 3's pool_tables._mark_pool_rows (every ``T[r]`` marked) was read, not attacked (time).

Read, not demonstrated: (1) exactness.check_int_paths lets an unknown interval through for every _MONOTONE_PAIR op,
not only after a getitem: any integer op the Intervals do not model (a bitwise op, abs of a difference, a sort /
flip the roles accept as data movement) between the page ids and ``* P`` is a candidate for U1.  (2)
exactness._check_length_ops' ``continue`` on a where of non-length branches also drops a where whose branches are
page ids combined later with lengths in int32 under a symbolic capacity (the same W1 in vLLM's int32 form is only
reachable past 2**25 blocks, not testable here).  (3) _refuse_marked_specializations reads "not in
env.val_to_var.values()" as marked; a dim that is dynamic only after an automatic-dynamic recompile is refused by
it (documented as safe), which makes some recompiles lose their fusion (a refusal, not a fault).
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


def _table_as(dt):
    def f(a):
        a[3] = a[3].to(dt)
        return a
    return f


_I16 = dict(index_dtype=torch.int64, length_dtype=torch.int64, extra=_table_as(torch.int16))
# ps_pages4_then_8 (round 59): 600 blocks, high ids, the table 4 then 8 pages wide (capacity symbolic)
_DYN = ((12, 0, {"block_num": 600, "high_ids": True}), (16, 1, {"pages": 8, "block_num": 600, "high_ids": True}))
# ps_pages4_then_8_grow: 51 blocks / 4 pages, then 600 blocks / 8 pages (capacity and block count symbolic)
_GROW = ((12, 0, {}), (16, 1, {"pages": 8, "block_num": 600, "high_ids": True}))
# ps_P32_then_P64: the page size symbolic, 600 blocks
_PSZ = ((12, 0, {"P": 32, "block_num": 600, "high_ids": True}), (16, 1, {"P": 64, "block_num": 600, "high_ids": True}))


# --- 1. wp_: page ids chosen by a WHERE on a length condition before the int16 page * P.  _computed_from (the P1 fix)
# takes a gather's result from its data only, but a where's condition is one of its value inputs: where(pos >= 0,
# page, 0) is "computed from the lengths" and left out of _check_page_arithmetic; _check_length_ops skips a where
# whose branches are not length-valued ("a choice between tokens"), so the page * P after it is checked by nothing
# under a symbolic capacity ------------------------------------------------------------------------------------
def _wp(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "pos_ge0":
            pg = torch.where(pos >= 0, page, 0)
        elif kind == "lens_ge0":
            pg = torch.where(lens.long()[:, None] >= 0, page, 0)
        elif kind == "flip":
            pg = torch.where(pos < 0, 0, page)
        elif kind == "same":
            pg = torch.where(pos >= 0, page, page)
        elif kind == "zeros_like":
            pg = torch.where(pos >= 0, page, torch.zeros_like(page))
        elif kind == "qualify":
            pg = torch.where(completes(lens)[:, None], page, 0)
        elif kind == "twice":
            pg = torch.where(pos >= 0, page, 0) * 2
            rows = pg * (P // 2) + pos % P
        elif kind == "i32_control":
            pg = torch.where(pos >= 0, page.int(), 0)
        elif kind == "masked_fill":
            pg = page.masked_fill(pos < 0, 0)
        elif kind == "index":
            page = table[torch.arange(table.shape[0])[:, None], pos // P]
            pg = torch.where(pos >= 0, page, 0)
        elif kind == "cast_back":  # where in int32, cast back to int16 (exact: the where holds table values)
            pg = torch.where(pos >= 0, page.int(), 0).to(torch.int16)
        elif kind == "offset_first":  # the where after an int16 + 0 on the ids
            pg = torch.where(pos >= 0, page + 0, 0)
        else:
            raise ValueError(kind)
        if kind != "twice":
            rows = pg * P + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


WP = [(f"wp_{k}", _mk(_wp(k), _calls(**_I16, sizes=_DYN), MODES3),
       f"int16 where(cond, page, 0) * 64 ({k}), 600 blocks, high ids, table 4 then 8 pages")
      for k in ("pos_ge0", "lens_ge0", "flip", "same", "zeros_like", "qualify", "twice", "i32_control",
                "masked_fill", "index", "cast_back", "offset_first")]
WP += [(f"wp_{k}_grow", _mk(_wp(k), _calls(**_I16, sizes=_GROW), MODES3),
        f"int16 where(cond, page, 0) * 64 ({k}), 51 blocks / 4 pages then 600 / 8 (capacity, blocks symbolic)")
       for k in ("pos_ge0", "qualify", "twice")]
WP += [(f"wp_{k}_P32_then_P64", _mk(_wp(k), _calls(**_I16, sizes=_PSZ), MODES3),
        f"int16 where(cond, page, 0) * P ({k}), 600 blocks, P = 32 then 64 (page size symbolic)")
       for k in ("pos_ge0", "lens_ge0")]


# --- 2. gp_: the page id picked between two gathers by a length condition (a where with page ids in BOTH branches,
# the second at a length-derived column too), then int16 * P ---------------------------------------------------
def _gp(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        if kind == "two_gathers":  # same column twice: the pick is the identity
            a, b = table.gather(1, pos // P), table.gather(1, (pos // P).clamp(max=table.shape[1] - 1))
            pg = torch.where(pos >= P * table.shape[1], b, a)
        elif kind == "cat_pick":  # [page, page] concatenated and a half picked by a length-derived index
            page = table.gather(1, pos // P)
            both = torch.cat([page, page], 1)
            pg = both.gather(1, torch.arange(L)[None, :].expand_as(pos) + L * (pos < 0).long())
        else:
            raise ValueError(kind)
        rows = pg * P + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


GP = [(f"gp_{k}", _mk(_gp(k), _calls(**_I16, sizes=_DYN), MODES3),
       f"int16 page ids picked ({k}) then * 64, 600 blocks, table 4 then 8 pages") for k in ("two_gathers", "cat_pick")]


# --- 3. us_: unbind / split of length-valued positions read as data movement (models26's change) ------------------
def _us(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        if kind == "unbind_stack":
            pos = torch.stack(pos.unbind(1), 1)
        elif kind == "split_cat":
            pos = torch.cat(pos.split(3, 1), 1)
        elif kind == "unbind_shift":  # position j read from column j - 1 .. (a shifted window past the capacity)
            parts = pos.unbind(1)
            pos = torch.stack([parts[0]] + [p for p in parts[1:]], 1)
        elif kind == "split_i16_pages":  # page ids unbound, int16 * P per column
            page = table.gather(1, pos // P)
            rows = torch.stack([c * P for c in page.unbind(1)], 1) + pos % P
            write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
            return cache
        else:
            raise ValueError(kind)
        write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
        return cache
    return step


US = [(f"us_{k}", _mk(_us(k), _calls(**_I16, sizes=_DYN if k == "split_i16_pages" else ((12, 0, {}),
                                                                                         (16, 1, {"pages": 8}))),
                      MODES3), f"unbind / split on positions or page ids ({k})")
      for k in ("unbind_stack", "split_cat", "split_i16_pages")]


# --- 4. n8_: 8-bit block tables (int8 / uint8 page ids: page * 64 wraps from page 2 / 4), plain and through a where;
# a SMALL static block count (120 / 250) with the capacity symbolic (table 4 then 8 pages): _check_page_arithmetic
# runs only under a symbolic block count, check_int_paths' overflow check only where everything is bounded ---------
def _n8(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "where":
            page = torch.where(pos >= 0, page, 0)
        rows = page * P + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


def _n8_sizes(nb):
    return ((12, 0, {"block_num": nb, "high_ids": True}), (14, 1, {"pages": 8, "block_num": nb, "high_ids": True}))


N8 = []
for _dt, _nb in ((torch.int8, 120), (torch.uint8, 250)):
    for _k in ("plain", "where"):
        _nm = str(_dt).split(".")[1]
        N8.append((f"n8_{_nm}_{_k}", _mk(_n8(_k), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                         extra=_table_as(_dt), sizes=_n8_sizes(_nb)), MODES3),
                   f"{_nm} page ids ({_k}) * 64, {_nb} blocks (static), table 4 then 8 pages"))
    N8.append((f"n8_{_nm}_plain_static_cap", _mk(_n8("plain"), _calls(index_dtype=torch.int64,
                                                                       length_dtype=torch.int64, extra=_table_as(_dt),
                                                                       sizes=((12, 0, {"block_num": _nb, "high_ids": True}),
                                                                              (14, 1, {"block_num": _nb, "high_ids": True}))),
                                              MODES3), f"control: {_nm} page ids * 64, capacity static"))


# --- 5. u1_ (after the first try, from us_split_i16_pages): page ids moved through a TUPLE (unbind / split / chunk,
# read back by getitem) have no interval (exactness.Intervals._compute: no rule for operator.getitem, and ASSEMBLE's
# rule needs every part's interval), and check_int_paths' overflow check passes an unknown interval: int16 page * 64
# fused under a STATIC shape --------------------------------------------------------------------------------------
def _u1(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "unbind_each":
            pg = torch.stack([c * P for c in page.unbind(1)], 1)
        elif kind == "restack":  # the ids put back whole, then one int16 * P
            pg = torch.stack(page.unbind(1), 1) * P
        elif kind == "split_cat":
            pg = torch.cat(page.split(8, 1), 1) * P
        elif kind == "chunk_cat":
            pg = torch.cat(page.chunk(2, 1), 1) * P
        elif kind == "table_restack":  # the TABLE unbound by column and restacked before the gather
            pg = torch.stack(table.unbind(1), 1).gather(1, pos // P) * P
        elif kind == "i32_control":
            pg = torch.stack(page.int().unbind(1), 1) * P
        else:
            raise ValueError(kind)
        rows = pg + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


_STATIC600 = ((12, 0, {"block_num": 600, "high_ids": True}), (16, 1, {"block_num": 600, "high_ids": True}))
U1 = [(f"u1_{k}", _mk(_u1(k), _calls(**_I16, sizes=_STATIC600), MODES3),
       f"int16 page ids through a tuple ({k}), * 64; 600 blocks, high ids, every size static")
      for k in ("unbind_each", "restack", "split_cat", "chunk_cat", "table_restack", "i32_control")]
U1 += [("u1_restack_int8", _mk(_u1("restack"), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                       extra=_table_as(torch.int8),
                                                       sizes=((12, 0, {"block_num": 120, "high_ids": True}),
                                                              (14, 1, {"block_num": 120, "high_ids": True}))), MODES3),
        "int8 page ids restacked, * 64 (wraps from page 2); 120 blocks, static")]


# --- 6. u2_ (later): other integer ops between the int16 page ids and ``* P`` whose interval the Intervals may not
# model (check_int_paths passes an unknown interval), every size static ---------------------------------------------
def _u2(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "abs":
            pg = page.abs()
        elif kind == "or0":
            pg = page | 0
        elif kind == "xor0":
            pg = page ^ 0
        elif kind == "flip2":
            pg = page.flip(1).flip(1)
        elif kind == "lshift":
            pg = page << 6
        elif kind == "tensor_P":
            pg = page * torch.tensor(P, dtype=torch.int16)
        elif kind == "max_self":
            pg = torch.maximum(page, page)
        elif kind == "sort":  # (ids sorted per row and back: not the identity in general -- expected refused)
            pg = page
        elif kind == "roll2":
            pg = page.roll(1, 1).roll(-1, 1)
        elif kind == "cumsum_diff":
            pg = page
        else:
            raise ValueError(kind)
        if kind not in ("lshift", "tensor_P"):
            pg = pg * P
        rows = pg + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


U2 = [(f"u2_{k}", _mk(_u2(k), _calls(**_I16, sizes=_STATIC600), MODES3),
       f"int16 page ids through {k} then * 64; 600 blocks, high ids, every size static")
      for k in ("abs", "or0", "xor0", "flip2", "lshift", "tensor_P", "max_self", "roll2")]


# --- 7. s1_ (later, from u2_lshift / u2_tensor_P / u2_roll2 batch, which Inductor folds to the plain page * 64): the
# plain int16 page * P with a STATIC block count and capacity, the number of CACHE ROWS grown (automatic dynamic):
# ``bounded`` is False once the cache rows are symbolic (check_int_paths then skips the overflow check) and
# _check_page_arithmetic runs only for a symbolic block count ---------------------------------------------------
def _s1(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "i32_control":
            page = page.int()
        rows = page * P + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


S1 = [("s1_plain_batch_grow", _mk(_s1("plain"), _calls(**_I16, sizes=_STATIC600), MODES3),
       "int16 page * 64, 600 blocks (static), 4 pages (static), B 12 -> 16 (cache rows 29 -> 37)"),
      ("s1_plain_rows_grow", _mk(_s1("plain"), _calls(**_I16, sizes=((12, 0, {"block_num": 600, "high_ids": True}),
                                                                    (12, 1, {"block_num": 600, "high_ids": True,
                                                                             "num_slots": 100}))), MODES3),
       "int16 page * 64, 600 blocks, B = 12 both calls, only the cache rows grown 29 -> 100"),
      ("s1_plain_cap_grow", _mk(_s1("plain"), _calls(**_I16, sizes=((12, 0, {"block_num": 600, "high_ids": True}),
                                                                    (12, 1, {"block_num": 600, "high_ids": True,
                                                                             "pages": 8}))), MODES3),
       "int16 page * 64, 600 blocks, B = 12 both calls, cache rows static, only the table widened 4 -> 8 pages"),
      ("s1_i32_control", _mk(_s1("i32_control"), _calls(**_I16, sizes=_STATIC600), MODES3),
       "control: int32 page ids, B 12 -> 16")]


ATTACKS = WP + GP + US + N8 + U1 + U2 + S1  # (the first try ran the 28 of WP .. N8; U1, U2, S1 came after it)

_FIRST = [
    ('wp_pos_ge0', 'inductor_graph', 'static', _R),
    ('wp_pos_ge0', 'inductor_graph', 'batch', _R),
    ('wp_pos_ge0', 'inductor_graph', 'dynamic', _FF),
    ('wp_lens_ge0', 'inductor_graph', 'static', _R),
    ('wp_lens_ge0', 'inductor_graph', 'batch', _R),
    ('wp_lens_ge0', 'inductor_graph', 'dynamic', _FF),
    ('wp_flip', 'inductor_graph', 'static', _R),
    ('wp_flip', 'inductor_graph', 'batch', _R),
    ('wp_flip', 'inductor_graph', 'dynamic', _FF),
    ('wp_same', 'inductor_graph', 'static', _R),
    ('wp_same', 'inductor_graph', 'batch', _R),
    ('wp_same', 'inductor_graph', 'dynamic', _FF),
    ('wp_zeros_like', 'inductor_graph', 'static', _R),
    ('wp_zeros_like', 'inductor_graph', 'batch', _R),
    ('wp_zeros_like', 'inductor_graph', 'dynamic', _FF),
    ('wp_qualify', 'inductor_graph', 'static', _R),
    ('wp_qualify', 'inductor_graph', 'batch', _R),
    ('wp_qualify', 'inductor_graph', 'dynamic', _R),
    ('wp_twice', 'inductor_graph', 'static', _R),
    ('wp_twice', 'inductor_graph', 'batch', _R),
    ('wp_twice', 'inductor_graph', 'dynamic', _R),
    ('wp_i32_control', 'inductor_graph', 'static', _EQ),
    ('wp_i32_control', 'inductor_graph', 'batch', _EQ),
    ('wp_i32_control', 'inductor_graph', 'dynamic', _EQ),
    ('wp_masked_fill', 'inductor_graph', 'static', _R),
    ('wp_masked_fill', 'inductor_graph', 'batch', _R),
    ('wp_masked_fill', 'inductor_graph', 'dynamic', _FF),
    ('wp_index', 'inductor_graph', 'static', _R),
    ('wp_index', 'inductor_graph', 'batch', _R),
    ('wp_index', 'inductor_graph', 'dynamic', _FF),
    ('wp_cast_back', 'inductor_graph', 'static', _R),
    ('wp_cast_back', 'inductor_graph', 'batch', _R),
    ('wp_cast_back', 'inductor_graph', 'dynamic', _FF),
    ('wp_offset_first', 'inductor_graph', 'static', _R),
    ('wp_offset_first', 'inductor_graph', 'batch', _R),
    ('wp_offset_first', 'inductor_graph', 'dynamic', _FF),
    ('wp_pos_ge0_grow', 'inductor_graph', 'static', _EQ),
    ('wp_pos_ge0_grow', 'inductor_graph', 'batch', _FF),
    ('wp_pos_ge0_grow', 'inductor_graph', 'dynamic', _FF),
    ('wp_qualify_grow', 'inductor_graph', 'static', _EQ),
    ('wp_qualify_grow', 'inductor_graph', 'batch', _EQ),
    ('wp_qualify_grow', 'inductor_graph', 'dynamic', _R),
    ('wp_twice_grow', 'inductor_graph', 'static', _EQ),
    ('wp_twice_grow', 'inductor_graph', 'batch', _FF),
    ('wp_twice_grow', 'inductor_graph', 'dynamic', _R),
    ('wp_pos_ge0_P32_then_P64', 'inductor_graph', 'static', _EQ),
    ('wp_pos_ge0_P32_then_P64', 'inductor_graph', 'batch', _EQ),
    ('wp_pos_ge0_P32_then_P64', 'inductor_graph', 'dynamic', _EQ),
    ('wp_lens_ge0_P32_then_P64', 'inductor_graph', 'static', _EQ),
    ('wp_lens_ge0_P32_then_P64', 'inductor_graph', 'batch', _EQ),
    ('wp_lens_ge0_P32_then_P64', 'inductor_graph', 'dynamic', _EQ),
    ('gp_two_gathers', 'inductor_graph', 'static', _R),
    ('gp_two_gathers', 'inductor_graph', 'batch', _R),
    ('gp_two_gathers', 'inductor_graph', 'dynamic', _R),
    ('gp_cat_pick', 'inductor_graph', 'static', _R),
    ('gp_cat_pick', 'inductor_graph', 'batch', _R),
    ('gp_cat_pick', 'inductor_graph', 'dynamic', _R),
    ('us_unbind_stack', 'inductor_graph', 'static', _EQ),
    ('us_unbind_stack', 'inductor_graph', 'batch', _EQ),
    ('us_unbind_stack', 'inductor_graph', 'dynamic', _R),
    ('us_split_cat', 'inductor_graph', 'static', _EQ),
    ('us_split_cat', 'inductor_graph', 'batch', _EQ),
    ('us_split_cat', 'inductor_graph', 'dynamic', _R),
    ('us_split_i16_pages', 'inductor_graph', 'static', _FF),
    ('us_split_i16_pages', 'inductor_graph', 'batch', _FF),
    ('us_split_i16_pages', 'inductor_graph', 'dynamic', _R),
    ('n8_int8_plain', 'inductor_graph', 'static', _R),
    ('n8_int8_plain', 'inductor_graph', 'batch', _R),
    ('n8_int8_plain', 'inductor_graph', 'dynamic', _R),
    ('n8_int8_where', 'inductor_graph', 'static', _R),
    ('n8_int8_where', 'inductor_graph', 'batch', _R),
    ('n8_int8_where', 'inductor_graph', 'dynamic', _R),
    ('n8_int8_plain_static_cap', 'inductor_graph', 'static', _R),
    ('n8_int8_plain_static_cap', 'inductor_graph', 'batch', _R),
    ('n8_int8_plain_static_cap', 'inductor_graph', 'dynamic', _R),
    ('n8_uint8_plain', 'inductor_graph', 'static', _R),
    ('n8_uint8_plain', 'inductor_graph', 'batch', _R),
    ('n8_uint8_plain', 'inductor_graph', 'dynamic', _R),
    ('n8_uint8_where', 'inductor_graph', 'static', _R),
    ('n8_uint8_where', 'inductor_graph', 'batch', _R),
    ('n8_uint8_where', 'inductor_graph', 'dynamic', _R),
    ('n8_uint8_plain_static_cap', 'inductor_graph', 'static', _R),
    ('n8_uint8_plain_static_cap', 'inductor_graph', 'batch', _R),
    ('n8_uint8_plain_static_cap', 'inductor_graph', 'dynamic', _R),
    ('wp_pos_ge0', 'torchair_like', 'static', _R),
    ('wp_pos_ge0', 'torchair_like', 'batch', _R),
    ('wp_pos_ge0', 'torchair_like', 'dynamic', _FF),
    ('wp_lens_ge0', 'torchair_like', 'static', _R),
    ('wp_lens_ge0', 'torchair_like', 'batch', _R),
    ('wp_lens_ge0', 'torchair_like', 'dynamic', _FF),
    ('wp_flip', 'torchair_like', 'static', _R),
    ('wp_flip', 'torchair_like', 'batch', _R),
    ('wp_flip', 'torchair_like', 'dynamic', _FF),
    ('wp_same', 'torchair_like', 'static', _R),
    ('wp_same', 'torchair_like', 'batch', _R),
    ('wp_same', 'torchair_like', 'dynamic', _FF),
    ('wp_zeros_like', 'torchair_like', 'static', _R),
    ('wp_zeros_like', 'torchair_like', 'batch', _R),
    ('wp_zeros_like', 'torchair_like', 'dynamic', _FF),
    ('wp_qualify', 'torchair_like', 'static', _R),
    ('wp_qualify', 'torchair_like', 'batch', _R),
    ('wp_qualify', 'torchair_like', 'dynamic', _R),
    ('wp_twice', 'torchair_like', 'static', _R),
    ('wp_twice', 'torchair_like', 'batch', _R),
    ('wp_twice', 'torchair_like', 'dynamic', _R),
    ('wp_i32_control', 'torchair_like', 'static', _EQ),
    ('wp_i32_control', 'torchair_like', 'batch', _EQ),
    ('wp_i32_control', 'torchair_like', 'dynamic', _EQ),
    ('wp_masked_fill', 'torchair_like', 'static', _R),
    ('wp_masked_fill', 'torchair_like', 'batch', _R),
    ('wp_masked_fill', 'torchair_like', 'dynamic', _R),
    ('wp_index', 'torchair_like', 'static', _R),
    ('wp_index', 'torchair_like', 'batch', _R),
    ('wp_index', 'torchair_like', 'dynamic', _FF),
    ('wp_cast_back', 'torchair_like', 'static', _R),
    ('wp_cast_back', 'torchair_like', 'batch', _R),
    ('wp_cast_back', 'torchair_like', 'dynamic', _FF),
    ('wp_offset_first', 'torchair_like', 'static', _R),
    ('wp_offset_first', 'torchair_like', 'batch', _R),
    ('wp_offset_first', 'torchair_like', 'dynamic', _FF),
    ('wp_pos_ge0_grow', 'torchair_like', 'static', _EQ),
    ('wp_pos_ge0_grow', 'torchair_like', 'batch', _FF),
    ('wp_pos_ge0_grow', 'torchair_like', 'dynamic', _FF),
    ('wp_qualify_grow', 'torchair_like', 'static', _EQ),
    ('wp_qualify_grow', 'torchair_like', 'batch', _EQ),
    ('wp_qualify_grow', 'torchair_like', 'dynamic', _R),
    ('wp_twice_grow', 'torchair_like', 'static', _EQ),
    ('wp_twice_grow', 'torchair_like', 'batch', _FF),
    ('wp_twice_grow', 'torchair_like', 'dynamic', _R),
    ('wp_pos_ge0_P32_then_P64', 'torchair_like', 'static', _EQ),
    ('wp_pos_ge0_P32_then_P64', 'torchair_like', 'batch', _EQ),
    ('wp_pos_ge0_P32_then_P64', 'torchair_like', 'dynamic', _EQ),
    ('wp_lens_ge0_P32_then_P64', 'torchair_like', 'static', _EQ),
    ('wp_lens_ge0_P32_then_P64', 'torchair_like', 'batch', _EQ),
    ('wp_lens_ge0_P32_then_P64', 'torchair_like', 'dynamic', _EQ),
    ('gp_two_gathers', 'torchair_like', 'static', _R),
    ('gp_two_gathers', 'torchair_like', 'batch', _R),
    ('gp_two_gathers', 'torchair_like', 'dynamic', _R),
    ('gp_cat_pick', 'torchair_like', 'static', _R),
    ('gp_cat_pick', 'torchair_like', 'batch', _R),
    ('gp_cat_pick', 'torchair_like', 'dynamic', _R),
    ('us_unbind_stack', 'torchair_like', 'static', _EQ),
    ('us_unbind_stack', 'torchair_like', 'batch', _EQ),
    ('us_unbind_stack', 'torchair_like', 'dynamic', _R),
    ('us_split_cat', 'torchair_like', 'static', _EQ),
    ('us_split_cat', 'torchair_like', 'batch', _EQ),
    ('us_split_cat', 'torchair_like', 'dynamic', _R),
    ('us_split_i16_pages', 'torchair_like', 'static', _FF),
    ('us_split_i16_pages', 'torchair_like', 'batch', _FF),
    ('us_split_i16_pages', 'torchair_like', 'dynamic', _R),
    ('n8_int8_plain', 'torchair_like', 'static', _R),
    ('n8_int8_plain', 'torchair_like', 'batch', _R),
    ('n8_int8_plain', 'torchair_like', 'dynamic', _R),
    ('n8_int8_where', 'torchair_like', 'static', _R),
    ('n8_int8_where', 'torchair_like', 'batch', _R),
    ('n8_int8_where', 'torchair_like', 'dynamic', _R),
    ('n8_int8_plain_static_cap', 'torchair_like', 'static', _R),
    ('n8_int8_plain_static_cap', 'torchair_like', 'batch', _R),
    ('n8_int8_plain_static_cap', 'torchair_like', 'dynamic', _R),
    ('n8_uint8_plain', 'torchair_like', 'static', _R),
    ('n8_uint8_plain', 'torchair_like', 'batch', _R),
    ('n8_uint8_plain', 'torchair_like', 'dynamic', _R),
    ('n8_uint8_where', 'torchair_like', 'static', _R),
    ('n8_uint8_where', 'torchair_like', 'batch', _R),
    ('n8_uint8_where', 'torchair_like', 'dynamic', _R),
    ('n8_uint8_plain_static_cap', 'torchair_like', 'static', _R),
    ('n8_uint8_plain_static_cap', 'torchair_like', 'batch', _R),
    ('n8_uint8_plain_static_cap', 'torchair_like', 'dynamic', _R),
]
_LATER = [
    ('s1_plain_cap_grow', 'inductor_graph', 'static', _R),
    ('s1_plain_cap_grow', 'inductor_graph', 'batch', _R),
    ('s1_plain_cap_grow', 'inductor_graph', 'dynamic', _R),
    ('u2_abs', 'inductor_graph', 'static', _R),
    ('u2_abs', 'inductor_graph', 'batch', _R),
    ('u2_abs', 'inductor_graph', 'dynamic', _R),
    ('u2_or0', 'inductor_graph', 'static', _R),
    ('u2_or0', 'inductor_graph', 'batch', _R),
    ('u2_or0', 'inductor_graph', 'dynamic', _R),
    ('u2_xor0', 'inductor_graph', 'static', _R),
    ('u2_xor0', 'inductor_graph', 'batch', _R),
    ('u2_xor0', 'inductor_graph', 'dynamic', _R),
    ('u2_flip2', 'inductor_graph', 'static', _R),
    ('u2_flip2', 'inductor_graph', 'batch', _R),
    ('u2_flip2', 'inductor_graph', 'dynamic', _R),
    ('u2_lshift', 'inductor_graph', 'static', _R),
    ('u2_lshift', 'inductor_graph', 'batch', _FF),
    ('u2_lshift', 'inductor_graph', 'dynamic', _R),
    ('u2_tensor_P', 'inductor_graph', 'static', _R),
    ('u2_tensor_P', 'inductor_graph', 'batch', _FF),
    ('u2_tensor_P', 'inductor_graph', 'dynamic', _R),
    ('u2_max_self', 'inductor_graph', 'static', _R),
    ('u2_max_self', 'inductor_graph', 'batch', _R),
    ('u2_max_self', 'inductor_graph', 'dynamic', _R),
    ('u2_roll2', 'inductor_graph', 'static', _R),
    ('u2_roll2', 'inductor_graph', 'batch', _FF),
    ('u2_roll2', 'inductor_graph', 'dynamic', _R),
    ('u2_abs', 'torchair_like', 'static', _R),
    ('u2_abs', 'torchair_like', 'batch', _R),
    ('u2_abs', 'torchair_like', 'dynamic', _R),
    ('u2_or0', 'torchair_like', 'static', _R),
    ('u2_or0', 'torchair_like', 'batch', _R),
    ('u2_or0', 'torchair_like', 'dynamic', _R),
    ('u2_xor0', 'torchair_like', 'static', _R),
    ('u2_xor0', 'torchair_like', 'batch', _R),
    ('u2_xor0', 'torchair_like', 'dynamic', _R),
    ('u2_flip2', 'torchair_like', 'static', _R),
    ('u2_flip2', 'torchair_like', 'batch', _R),
    ('u2_flip2', 'torchair_like', 'dynamic', _R),
    ('u2_lshift', 'torchair_like', 'static', _R),
    ('u2_lshift', 'torchair_like', 'batch', _FF),
    ('u2_lshift', 'torchair_like', 'dynamic', _R),
    ('u2_tensor_P', 'torchair_like', 'static', _R),
    ('u2_tensor_P', 'torchair_like', 'batch', _FF),
    ('u2_tensor_P', 'torchair_like', 'dynamic', _R),
    ('u2_max_self', 'torchair_like', 'static', _R),
    ('u2_max_self', 'torchair_like', 'batch', _R),
    ('u2_max_self', 'torchair_like', 'dynamic', _R),
    ('u2_roll2', 'torchair_like', 'static', _R),
    ('u2_roll2', 'torchair_like', 'batch', _R),
    ('u2_roll2', 'torchair_like', 'dynamic', _R),
    ('s1_plain_batch_grow', 'inductor_graph', 'static', _R),
    ('s1_plain_batch_grow', 'inductor_graph', 'batch', _FF),
    ('s1_plain_batch_grow', 'inductor_graph', 'dynamic', _R),
    ('s1_plain_rows_grow', 'inductor_graph', 'static', _R),
    ('s1_plain_rows_grow', 'inductor_graph', 'batch', _FF),
    ('s1_plain_rows_grow', 'inductor_graph', 'dynamic', _R),
    ('s1_i32_control', 'inductor_graph', 'static', _EQ),
    ('s1_i32_control', 'inductor_graph', 'batch', _EQ),
    ('s1_i32_control', 'inductor_graph', 'dynamic', _EQ),
    ('s1_plain_batch_grow', 'torchair_like', 'static', _R),
    ('s1_plain_batch_grow', 'torchair_like', 'batch', _FF),
    ('s1_plain_batch_grow', 'torchair_like', 'dynamic', _R),
    ('s1_plain_rows_grow', 'torchair_like', 'static', _R),
    ('s1_plain_rows_grow', 'torchair_like', 'batch', _FF),
    ('s1_plain_rows_grow', 'torchair_like', 'dynamic', _R),
    ('s1_i32_control', 'torchair_like', 'static', _EQ),
    ('s1_i32_control', 'torchair_like', 'batch', _EQ),
    ('s1_i32_control', 'torchair_like', 'dynamic', _EQ),
    ('s1_plain_batch_grow', 'inductor', 'static', _R),
    ('s1_plain_batch_grow', 'inductor', 'batch', _FF),
    ('s1_plain_batch_grow', 'inductor', 'dynamic', _R),
    ('s1_plain_rows_grow', 'inductor', 'static', _R),
    ('s1_plain_rows_grow', 'inductor', 'batch', _FF),
    ('s1_plain_rows_grow', 'inductor', 'dynamic', _R),
    ('s1_i32_control', 'inductor', 'static', _EQ),
    ('s1_i32_control', 'inductor', 'batch', _EQ),
    ('s1_i32_control', 'inductor', 'dynamic', _EQ),
    ('u1_unbind_each', 'inductor_graph', 'static', _FF),
    ('u1_unbind_each', 'inductor_graph', 'batch', _FF),
    ('u1_unbind_each', 'inductor_graph', 'dynamic', _R),
    ('u1_restack', 'inductor_graph', 'static', _FF),
    ('u1_restack', 'inductor_graph', 'batch', _FF),
    ('u1_restack', 'inductor_graph', 'dynamic', _R),
    ('u1_split_cat', 'inductor_graph', 'static', _FF),
    ('u1_split_cat', 'inductor_graph', 'batch', _FF),
    ('u1_split_cat', 'inductor_graph', 'dynamic', _R),
    ('u1_chunk_cat', 'inductor_graph', 'static', _FF),
    ('u1_chunk_cat', 'inductor_graph', 'batch', _FF),
    ('u1_chunk_cat', 'inductor_graph', 'dynamic', _R),
    ('u1_table_restack', 'inductor_graph', 'static', _FF),
    ('u1_table_restack', 'inductor_graph', 'batch', _FF),
    ('u1_table_restack', 'inductor_graph', 'dynamic', _FF),
    ('u1_i32_control', 'inductor_graph', 'static', _EQ),
    ('u1_i32_control', 'inductor_graph', 'batch', _EQ),
    ('u1_i32_control', 'inductor_graph', 'dynamic', _R),
    ('u1_restack_int8', 'inductor_graph', 'static', _R),
    ('u1_restack_int8', 'inductor_graph', 'batch', _R),
    ('u1_restack_int8', 'inductor_graph', 'dynamic', _R),
    ('u1_unbind_each', 'torchair_like', 'static', _FF),
    ('u1_unbind_each', 'torchair_like', 'batch', _FF),
    ('u1_unbind_each', 'torchair_like', 'dynamic', _R),
    ('u1_restack', 'torchair_like', 'static', _FF),
    ('u1_restack', 'torchair_like', 'batch', _FF),
    ('u1_restack', 'torchair_like', 'dynamic', _R),
    ('u1_split_cat', 'torchair_like', 'static', _FF),
    ('u1_split_cat', 'torchair_like', 'batch', _FF),
    ('u1_split_cat', 'torchair_like', 'dynamic', _R),
    ('u1_chunk_cat', 'torchair_like', 'static', _FF),
    ('u1_chunk_cat', 'torchair_like', 'batch', _FF),
    ('u1_chunk_cat', 'torchair_like', 'dynamic', _R),
    ('u1_table_restack', 'torchair_like', 'static', _FF),
    ('u1_table_restack', 'torchair_like', 'batch', _FF),
    ('u1_table_restack', 'torchair_like', 'dynamic', _FF),
    ('u1_i32_control', 'torchair_like', 'static', _EQ),
    ('u1_i32_control', 'torchair_like', 'batch', _EQ),
    ('u1_i32_control', 'torchair_like', 'dynamic', _R),
    ('u1_restack_int8', 'torchair_like', 'static', _R),
    ('u1_restack_int8', 'torchair_like', 'batch', _R),
    ('u1_restack_int8', 'torchair_like', 'dynamic', _R),
    ('u1_unbind_each', 'inductor', 'static', _FF),
    ('u1_unbind_each', 'inductor', 'batch', _FF),
    ('u1_unbind_each', 'inductor', 'dynamic', _R),
    ('u1_restack', 'inductor', 'static', _FF),
    ('u1_restack', 'inductor', 'batch', _FF),
    ('u1_restack', 'inductor', 'dynamic', _R),
    ('u1_split_cat', 'inductor', 'static', _FF),
    ('u1_split_cat', 'inductor', 'batch', _FF),
    ('u1_split_cat', 'inductor', 'dynamic', _R),
    ('u1_chunk_cat', 'inductor', 'static', _FF),
    ('u1_chunk_cat', 'inductor', 'batch', _FF),
    ('u1_chunk_cat', 'inductor', 'dynamic', _R),
    ('u1_table_restack', 'inductor', 'static', _FF),
    ('u1_table_restack', 'inductor', 'batch', _FF),
    ('u1_table_restack', 'inductor', 'dynamic', _FF),
    ('u1_i32_control', 'inductor', 'static', _EQ),
    ('u1_i32_control', 'inductor', 'batch', _EQ),
    ('u1_i32_control', 'inductor', 'dynamic', _R),
    ('u1_restack_int8', 'inductor', 'static', _R),
    ('u1_restack_int8', 'inductor', 'batch', _R),
    ('u1_restack_int8', 'inductor', 'dynamic', _R),
    ('wp_pos_ge0', 'inductor', 'static', _R),
    ('wp_pos_ge0', 'inductor', 'batch', _R),
    ('wp_pos_ge0', 'inductor', 'dynamic', _FF),
    ('wp_same', 'inductor', 'static', _R),
    ('wp_same', 'inductor', 'batch', _R),
    ('wp_same', 'inductor', 'dynamic', _FF),
    ('wp_masked_fill', 'inductor', 'static', _R),
    ('wp_masked_fill', 'inductor', 'batch', _R),
    ('wp_masked_fill', 'inductor', 'dynamic', _FF),
    ('wp_pos_ge0_grow', 'inductor', 'static', _EQ),
    ('wp_pos_ge0_grow', 'inductor', 'batch', _FF),
    ('wp_pos_ge0_grow', 'inductor', 'dynamic', _FF),
    ('wp_twice_grow', 'inductor', 'static', _EQ),
    ('wp_twice_grow', 'inductor', 'batch', _FF),
    ('wp_twice_grow', 'inductor', 'dynamic', _R),
    ('wp_pos_ge0_P32_then_P64', 'inductor', 'static', _EQ),
    ('wp_pos_ge0_P32_then_P64', 'inductor', 'batch', _EQ),
    ('wp_pos_ge0_P32_then_P64', 'inductor', 'dynamic', _EQ),
    ('us_split_i16_pages', 'inductor', 'static', _FF),
    ('us_split_i16_pages', 'inductor', 'batch', _FF),
    ('us_split_i16_pages', 'inductor', 'dynamic', _R),
]


def classify60(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-59)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify60)
