"""Sixty-first adversarial review of the recogniser (round 61; e506119 frozen at /tmp/base66: round 60's fixes,
b279ac6 -- sizes._computed_from with data movement carrying only its data (W1), Intervals for getitem of unbind /
split and the unknown-interval refusal of narrow page arithmetic (U1), the page-arithmetic check whenever the proof
is not bounded (S1) --, 2a4dd16 (M2 left open), 5c04c63 (round 59), and the whole recogniser through them).

Same format as redteam43 .. redteam60: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify61`.

    cp /work/main/tests/corpora/redteam61.py /tmp/base66/tests/corpora/ && cd /tmp/base66 && \\
    PYTHONPATH=/tmp/base66 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam61.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base66 = e506119, by this machine's ``date -u`` 2026-12-06, one
process at a time, theme by theme as each was written: sl_ + ls_ inductor_graph 22:50:58-22:51:44, torchair_like
22:51:48-22:52:26; fb_ inductor_graph 22:52:56-22:53:16; lu_ inductor_graph 22:57:58-22:58:27; op_ inductor_graph
22:58:55-22:59:56; fb_ + lu_ + op_ torchair_like 23:00:05-23:01:45): 43 attacks, 129 runs per graph dialect (every
attack in static, batch, dynamic):

    inductor_graph  129 runs: 0 FALSE FUSION / 0 CRASH / 10 fused & equal / 116 refused / 0 control differs
                              (+ 3 EAGER FAILS: op_sort_values as first written, a harness bug, sort(1, stable=True))
    torchair_like   129 runs: 0 FALSE FUSION / 0 CRASH /  4 fused & equal / 122 refused / 0 control differs
                              (+ 3 EAGER FAILS: the same)

Per theme (inductor_graph | torchair_like):
  sl_ 14 int16 page ids plus a SLOT-derived zero before ``* 64`` (``(page + (slots[:, None] * 0).to(int16)) * P``,
         ``slots - slots``, a slot column cat'ed and cut off, slice_scatter over a slot base, a slot where-condition,
         int16 slots), cache rows 29 -> 100 or B 12 -> 16 (``unknown = {slots}`` leaves them out of
         _check_page_arithmetic):                             6 EQ (i32 controls) / 36 R | 42 R
         refused by "the new rows read the cache or the slot mapping" (roles), or, where Inductor folds ``x * 0``,
         by the overflow check at the static first call; torchair also refuses the int32 control by the roles rule.
  ls_  3 the same with a LENGTH-derived zero, table 4 -> 8 pages:            9 R | 9 R   (_check_length_ops' interval
         check covers every length-valued add / mul)
  fb_  4 ``table.flatten()[arange(B, dtype=int16)[:, None] * W + col]`` (B 12 -> 520, W 64: b * W wraps from row 512):
                                                                 2 EQ (int64 control) / 10 R | 2 EQ / 10 R
         (BatchPlan._row_offset_add requires the flat row index in int64; dynamic: the int16 cast of the columns)
  lu_  6 page ids through an identity lookup ``arange(NB, int16) + (KV comparison, always 0)``:   18 R | 18 R
         (pooling: a KV comparison is "on the tokens"; dynamic: arange / iota over a symbolic dim)
  op_ 16 the brief's list between int16 page ids and ``* 64`` (topk, cumsum, scatter, index_select, flip / roll,
         ``& -1``, ``| self``, dtype views, clamps, int32 round trip, where with a 0-d zero, maximum with 0,
         ``torch.add(off, page, alpha=P)``):                 3 EF / 2 EQ (add_alpha static, batch) / 43 R | the same

Later runs (``_LATER``, not the first try):

* op_sort_values fixed (``sort(dim=1, stable=True)``), 23:04:24-23:04:46: refused in both graph dialects, every mode
  -- by the U1 rule on the mul, NOT by "page ids pass through sort": that led to tp_.
* tp_ (9 attacks, B = 12: tuple ops clamping int64 page ids to 63; inductor_graph 23:05:12-23:05:54, torchair_like
  23:06:59-23:08:22): 27 R | 27 R (BatchPlan: "sort / topk / min.dim / cummin / kthvalue: no batch rule"; aminmax:
  Inductor decomposes it to amin, refused as such).
* tp1_ (the same at B = 1, static in every mode; 9 attacks): inductor_graph (23:06:03-23:06:52) 15 FALSE FUSION /
  3 fused & equal / 9 refused; torchair_like 18 FALSE FUSION (aminmax kept whole) / 3 fused & equal / 6 refused;
  REAL Inductor (``--dialect inductor``, 23:08:23-23:10:26) 15 FALSE FUSION / 3 fused & equal / 9 refused.  The
  controls (``min(page, 2**40)``, tp1_sort_control) fuse and are equal; tp1_plain_min (``torch.minimum``) is refused;
  tp1_median is refused by its own probes (my median is not the clamp).
* tp1_sort_int32 / tp1_min_dim_int32 / tp1_sort_int16 / tp1_min_dim_int16 (23:10:39-23:13:50): 12 FALSE FUSION in
  each of inductor_graph, torchair_like and REAL Inductor (the int16 pair first failed in eager: int16 cannot index;
  fixed by indexing with ``.long()`` and rerun).
* Standalone /tmp/rt61/q1.py (real Inductor, nsa_fusion_backend, 23:13:58-23:14:26; output /tmp/rt61/q1.txt): Q1
  with the PASS-OFF CONTROL: static and dynamic=True, pass off 0 cache rows differ, pass on 1 row differs (fused;
  dynamic=True "guarded s44 == 64").
* Standalone /tmp/rt61/unbacked.py (22:55-22:57), tied.py (23:02), m3.py (23:03): see Not found.
* kp_ (5 attacks, inductor_graph 23:15:41-23:16:09): Q1's skip on the KEPT path (exactness.check_kept_path skips
  tuple nodes too): 15 refused -- the clamp's constant (``full_like``) is itself "computed, not read" there, and a
  constant-free tuple op on the kept rows alone is the identity or visible to the keep probe.

FOUND:

* Q1 FALSE FUSION (inductor_graph, torchair_like AND real Inductor; ONE request row, B = 1, which dynamo keeps static
  in every mode -- static, batch, dynamic=True --; int64, int32 or int16 block tables; the pass-off control equal to
  eager): a TUPLE-RETURNING op on page ids escapes the "page ids pass through X" rule.  Minimal (tp1_min_dim_int32,
  600 blocks, the row's window on pages 596..599, length 112):

      def step(kv, w, slots, table, lens, cache):
          P = kv.shape[1]
          pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
          page = table.gather(1, pos // P)
          pg = torch.stack([page, torch.full_like(page, 63)], -1).min(-1).values   # min(page, 63) via min.dim
          write(cache, slots, completes(lens), pool(kv[pg, pos % P], w))
          return cache

      inductor_graph / torchair_like / REAL Inductor, static (also batch, dynamic=True): FALSE FUSION, call 0: NaN
      at [2, 0, 0]: got 0.1865234375, eager nan  (eager reads page 63, the fused op the row's own pages)

  Also ``.sort(-1).values[..., 0]``, ``.topk(1, -1, largest=False).values[..., 0]``, ``.cummin(-1).values[..., 1]``,
  ``.kthvalue(1, -1).values``, and (torchair's graph, where it stays whole) ``torch.aminmax(.., dim=-1).min``; the
  same clamp as ``torch.minimum(page, 63)`` is refused ("clamps page ids").  Why: exactness.check_int_paths loops
  ``for n in region: if n.op != "call_function" or not T.is_tensor(n): continue`` -- a node whose value is a TUPLE
  (sort, topk, min.dim, max.dim, cummin, cummax, kthvalue, aminmax, mode, median.dim ...) is skipped by every rule
  there (_TABLE_SAFE, the clamp rule, the float rule), and the ``operator.getitem`` that reads its values is in
  T.ASSEMBLE, hence in _TABLE_SAFE; its interval is None, which the U1 rule refuses only for page arithmetic below
  int64 (and ``kv[pg, off]`` has no arithmetic at all).  The probes draw at most 64 blocks (pooling's
  want_blocks), where ``min(page, 63)`` is the identity.  With more than one row BatchPlan refuses the same steps
  ("no batch rule" for tuple ops: tp_), but sizes.SizesProof.check_rows returns early for a static B = 1 ("one row,
  and a static graph serves no other batch size"), so nothing else looks at the op.  Rules at fault:
  nsa_fusion/patterns/exactness.py: check_int_paths (the ``not T.is_tensor(n)`` skip; getitem's membership in
  _TABLE_SAFE regardless of what it reads) with _page_valued (a getitem of a non-ASSEMBLE tuple op is "page
  valued" but treated as data movement).  Fix direction: in check_int_paths treat a tuple node like a tensor one
  (check ``n.target`` against _TABLE_SAFE / _CLAMPS for every call_function in on_table, tuple or not), or make
  getitem safe only when its tuple comes from an ASSEMBLE op (unbind / split), as Intervals._compute already does
  (``args[0].target in T.ASSEMBLE``); the same getitem test belongs in exactness._carries_integers and the float rule.

Observed, not a fault: op_add_alpha under dynamic=True (``torch.add(pos % P, page, alpha=P)`` with P symbolic) is
"rejected: internal error: TypeError: '>=' not supported between instances of 'Node' and 'int'" in both graph
dialects: exactness.Intervals._compute reads ``n.kwargs["alpha"]`` as a Python number (``alpha >= 0``) and gets the
SymInt's node.  The step is left unfused (no crash); fix direction: ``alpha = self.number(alpha)`` and None where it
is not a single value.

Not found (equal or refused; the idea each tried):

* sl_: page arithmetic mixed with a slot-derived value, which sizes.SizesProof.check_int_paths leaves out of
  _check_page_arithmetic (``_computed_from(region, {slots})``) once the cache rows are symbolic, with no overflow
  check in the main pass (bounded False): unreachable, the roles refuse any new row that reads the slot mapping.
* ls_: the same with the lengths under a symbolic capacity: _check_length_ops' interval check sees every
  length-valued add / mul (a cat / slice or a plain ``+ pos * 0`` alike).
* fb_: the batch row number in int16 inside a flat table index: BatchPlan takes ``b * R + q`` in int64 only.
* lu_: identity lookup tables on page ids built from arange(NB): the lookup rule, the pooling rule (a KV-derived
  zero is "on the tokens") and the positional iota / arange rule under dynamic shapes.
* op_: every op of the brief's list between int16 page ids and ``* 64``: refused (the U1 rule catches the tuple
  ops sort / topk here because the mul follows them; the int64 form is tp_ / Q1).
* kp_: Q1's tuple ops on the kept rows (``min(cache[slots], 60000)`` via min.dim / sort / kthvalue): refused, the
  constant operand is a computed value on the keep path.
* unbacked.py: ``torch._dynamo.decorators.mark_unbacked`` on the batch, the block count or the cache rows (int16 page *
  64, 300 then 600 blocks): pass on and off equal on every call (each size compiled, 600 blocks refused).
* tied.py / m3.py: the pass specializing a symbol that dynamo unified with a dim the user marked dynamic (an extra
  ``x`` of [P] added to ``kv[0, :, 0, 0]``, ``mark_dynamic(x, 0)``, the page size baked as 64): fused with
  "guarded s45 == 64" and equal, NO ConstraintViolationError (the user's mark is silently specialized: a recompile
  at another P); ``mark_dynamic(table, 1)`` with ``pos // 64``: fused, guarded, equal.  M2 (a range) not re-run.

Read, not demonstrated: (1) exactness.Intervals._compute's arange rule reads a symbolic end through ``number`` (the
hint) while sizes.SizesProof.size_values skips arange's end (proof._SHAPE_ARGS): in torchair's graphs (aten.arange
kept) an ``arange(X)`` over a symbolic X gets the interval at the hint, unguarded; every try here was refused first
by the positional rule ("arange numbers a dimension whose size changes"), Inductor's prims.iota gives None.  (2)
fusion_pass._specialize ignores ``env.evaluate_expr``'s result: a bound whose hint is already past it would install
the NEGATED guard and still fuse; every caller checks the hint first today (_check_page_arithmetic, _int32_sizes,
_int32_token_rows).  (3) sizes.Generalize._generalize keeps the step's bounds from the hint proof and drops the
rerun's; sound while every bound depends on sizes that are guarded (the page size used as a value is).  (4) The
tuple-op skip of Q1 also reaches ``_carries_integers`` (a float getitem of a non-ASSEMBLE tuple stops the walk) and
the float-arithmetic rule on page ids (getitem counts as data movement), e.g. a frexp of float page ids, at B = 1.
(5) fusion_pass._safely and the partial-failure paths were read (guards of _specialize stay installed where
replace_step then fails: a recompile, no fault), not attacked.

Fixed (a877247, by the maintainers after this review): Q1 -- a part (getitem) of a tuple op that is no split is a
choice by value, refused on page ids (exactness._picked_by_value; _carries_integers walks tuple ops); the add's alpha
is read as a number or a size; fusion_pass._specialize raises where a guard does not hold at the compiled sizes (lead
2).  Rerun of all 70 attacks on a877247 (23:30-23:47 UTC): inductor_graph 0 FALSE FUSION / 11 fused & equal / 199
refused; torchair_like 0 FALSE FUSION / 5 fused & equal / 205 refused; every tp1_ attack refused in both (the
tp1_sort_control ``min(page, 2**40)`` through ``sort`` too: a choice by value is refused whatever its operands).
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


def _table_as(dt, slots_dt=None):
    def f(a):
        a[3] = a[3].to(dt)
        if slots_dt is not None:
            a[2] = a[2].to(slots_dt)
        return a
    return f


_I16 = dict(index_dtype=torch.int64, length_dtype=torch.int64, extra=_table_as(torch.int16))
_I16S = dict(index_dtype=torch.int64, length_dtype=torch.int64, extra=_table_as(torch.int16, torch.int16))
# 600 blocks, high ids, every size static; B 12 -> 16 (cache rows 29 -> 37 under the batch marks)
_STATIC600 = ((12, 0, {"block_num": 600, "high_ids": True}), (16, 1, {"block_num": 600, "high_ids": True}))
# 600 blocks, B = 12 both calls, only the cache rows grown 29 -> 100 (redteam60 s1_plain_rows_grow)
_ROWS600 = ((12, 0, {"block_num": 600, "high_ids": True}), (12, 1, {"block_num": 600, "high_ids": True,
                                                                    "num_slots": 100}))
# 600 blocks, the table 4 then 8 pages (capacity symbolic)
_DYN = ((12, 0, {"block_num": 600, "high_ids": True}), (16, 1, {"pages": 8, "block_num": 600, "high_ids": True}))


# --- 1. sl_: page arithmetic mixed with a SLOT-derived value (a zero).  sizes.SizesProof.check_int_paths leaves out
# of _check_page_arithmetic every node _computed_from the slots once the cache rows are symbolic (``unknown``), and
# exactness.check_int_paths runs with bounded False (no overflow check); nothing like _check_length_ops checks the
# slot-valued arithmetic ------------------------------------------------------------------------------------------
def _sl(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "zero_add":
            pg = (page + (slots.long()[:, None] * 0).to(torch.int16)) * P
        elif kind == "sub_self":
            pg = (page + (slots.long() - slots.long())[:, None].to(torch.int16)) * P
        elif kind == "cat_slice":  # a slot-derived column appended and cut off again (data movement, ASSEMBLE)
            z = (slots.long()[:, None] * 0).to(torch.int16)
            pg = torch.cat([page, z], 1)[:, :page.shape[1]] * P
        elif kind == "slice_scatter":  # the page ids scattered over a slot-derived base (ASSEMBLE)
            base = (slots.long()[:, None] * 0).to(torch.int16).expand_as(page)
            pg = torch.slice_scatter(base, page, 1) * P
        elif kind == "where_cond":  # control: a slot CONDITION (data movement since round 60: checked)
            pg = torch.where(slots.long()[:, None] >= -(1 << 40), page, 0) * P
        elif kind == "i16_slots":  # the slots themselves int16: (page + slots * 0) stays int16
            pg = (page + slots[:, None] * 0) * P
        elif kind == "i32_control":
            pg = (page.int() + (slots.long()[:, None] * 0).int()) * P
        else:
            raise ValueError(kind)
        rows = pg + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


SL = []
for _k in ("zero_add", "sub_self", "cat_slice", "slice_scatter", "where_cond", "i16_slots", "i32_control"):
    _kw = _I16S if _k == "i16_slots" else _I16
    SL.append((f"sl_{_k}_rows", _mk(_sl(_k), _calls(**_kw, sizes=_ROWS600), MODES3),
               f"int16 page ids + a slot-derived zero ({_k}), * 64; 600 blocks, B = 12, cache rows 29 -> 100"))
    SL.append((f"sl_{_k}_batch", _mk(_sl(_k), _calls(**_kw, sizes=_STATIC600), MODES3),
               f"int16 page ids + a slot-derived zero ({_k}), * 64; 600 blocks, B 12 -> 16"))


# --- 2. ls_: the same with a LENGTH-derived zero under a symbolic capacity (_check_length_ops should see it: its
# interval check covers length-valued arithmetic) --------------------------------------------------------------------
def _ls(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "zero_add":
            pg = (page + (pos * 0).to(torch.int16)) * P
        elif kind == "cat_slice":
            pg = torch.cat([page, (pos * 0).to(torch.int16)], 1)[:, :page.shape[1]] * P
        elif kind == "lens_zero":
            pg = (page + (lens.long()[:, None] * 0).to(torch.int16)) * P
        else:
            raise ValueError(kind)
        rows = pg + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


LS = [(f"ls_{k}", _mk(_ls(k), _calls(**_I16, sizes=_DYN), MODES3),
       f"int16 page ids + a length-derived zero ({k}), * 64; 600 blocks, table 4 then 8 pages")
      for k in ("zero_add", "cat_slice", "lens_zero")]


# --- 3. fb_: the BATCH ROW NUMBER in a narrow dtype inside a flat table index, ``table.flatten()[b * W + col]`` with
# ``b = arange(B, dtype=int16)``: sizes._check_flat_rows proves 0 <= col < W, but nothing checks that ``b * W`` itself
# fits its dtype once the batch is symbolic (bounded False: no overflow check; the index depends on no page id, so
# _check_page_arithmetic never sees it; iota with a symbolic length has interval None) ------------------------------
def _fb(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        B, W = table.shape
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        dt = torch.int64 if kind == "i64_control" else torch.int16
        b = torch.arange(B, dtype=dt)[:, None]
        idx = b * W + (pos // P).to(dt)  # int16: wraps for b * W > 32767 (a negative index reads from the end)
        if kind == "take":
            page = table.take(idx.long())
        elif kind == "plus_first":  # the column first, the row after
            page = table.flatten()[((pos // P).to(dt) + b * W).long()]
        else:
            page = table.flatten()[idx.long()]
        write(cache, slots, completes(lens), pool(kv[page.long(), pos % P], w))
        return cache
    return step


# P = 16, 64 pages (capacity 1024): call 0 B = 12, call 1 B = 520 (520 * 64 = 33280 > 32767: rows from 512 wrap)
_FB = ((12, 0, {"P": 16, "pages": 64}), (520, 1, {"P": 16, "pages": 64}))
FB = [(f"fb_{k}", _mk(_fb(k), _calls(index_dtype=torch.int64, length_dtype=torch.int64, sizes=_FB), MODES3),
       f"table.flatten()[arange(B, int16) * W + col] ({k}); P 16, 64 pages, B 12 then 520")
      for k in ("flat", "take", "plus_first", "i64_control")]


# --- 4. lu_: page ids passed through an IDENTITY LOOKUP TABLE built from ``arange(num_blocks)`` (int16) that also
# reads the paged KV (a comparison of KV values that is always False: never folded, NaN-proof), so the lookup rule
# (exactness.check_int_paths: "page ids index X, which is not the paged KV") accepts it.  ``lut[page]`` is a gather
# whose data is not page-valued: not in _page_valued, so an unknown interval of ``lut[page] * P`` is not refused;
# Intervals give arange(NB) the interval (0, NB_hint - 1) from the HINT (torchair's aten.arange; size_values skips
# arange's end, proof._SHAPE_ARGS) and None (Inductor's prims.iota with a symbolic length) ------------------------
def _lu(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        c = kv[:, 0, 0, 0]
        never = ((c == 7) & (c != 7))
        dt = torch.int32 if kind == "i32_control" else torch.int16
        lut = torch.arange(kv.shape[0], dtype=dt)
        if kind != "nodep":
            lut = lut + never.to(dt)  # (the identity on every KV value, NaN included)
        if kind == "gather":
            pg = lut.gather(0, page.long().flatten()).view(page.shape)
        elif kind == "take":
            pg = lut.take(page.long())
        else:
            pg = lut[page.long()]
        rows = pg * P + pos % P  # int16 page * 64: wraps for pages >= 512
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


# 300 blocks (299 * 64 fits int16), then 600 (pages >= 512 wrap); B = 12 both calls
_GROW300 = ((12, 0, {"block_num": 300, "high_ids": True}), (12, 1, {"block_num": 600, "high_ids": True}))
LU = [(f"lu_{k}", _mk(_lu(k), _calls(**_I16, sizes=_GROW300), MODES3),
       f"int16 page ids through an identity lookup arange(NB) + (KV-read zero) ({k}), * 64; 300 then 600 blocks")
      for k in ("index", "gather", "take", "nodep", "i32_control")]
LU += [("lu_index_static600", _mk(_lu("index"), _calls(**_I16, sizes=_STATIC600), MODES3),
        "control: the lookup at 600 blocks from the first call")]


# --- 5. op_: the brief's list of integer ops between int16 page ids and ``* P`` (sort / topk / cumsum / scatter /
# index_select / flip / roll / bitwise / dtype views / clamps / round trips), 600 blocks and high ids from the first
# call, B 12 -> 16: every one must be refused or exact ----------------------------------------------------------------
def _op(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "sort_values":  # sorted window ids, read back in order by argsort of argsort
            v, i = page.sort(dim=1, stable=True)
            pg = v.gather(1, i.argsort(1))
        elif kind == "topk_all":
            v, i = page.topk(page.shape[1], 1)
            pg = v.gather(1, i.argsort(1))
        elif kind == "cumsum_diff":
            c = page.cumsum(1)
            pg = (c - torch.nn.functional.pad(c[:, :-1], (1, 0))).to(torch.int16)
        elif kind == "scatter":
            pg = torch.zeros_like(page).scatter(1, torch.arange(page.shape[1]).expand_as(page).contiguous(), page)
        elif kind == "index_select":
            pg = page.index_select(1, torch.arange(page.shape[1]))
        elif kind == "flip_roll":
            pg = page.flip(1).roll(3, 1).roll(-3, 1).flip(1)
        elif kind == "and_m1":
            pg = page & -1
        elif kind == "or_self":
            pg = page | page
        elif kind == "view_same":
            pg = page.view(torch.int16)
        elif kind == "view_u8_pairs":  # int16 viewed as two uint8 and back
            pg = page.contiguous().view(torch.uint8).view(torch.int16)
        elif kind == "clamp_i16max":
            pg = page.clamp(0, 32767)
        elif kind == "clamp_blocks":
            pg = page.clamp(0, kv.shape[0] - 1)
        elif kind == "i32_round_trip":
            pg = page.to(torch.int32).to(torch.int16)
        elif kind == "where_zero_tensor":
            pg = torch.where(pos >= 0, page, page.new_zeros(()))
        elif kind == "maximum_zero":
            pg = torch.maximum(page, torch.zeros_like(page))
        elif kind == "add_alpha":  # page * P as an add with alpha (no mul node)
            rows = torch.add(pos % P, page, alpha=P)
        else:
            raise ValueError(kind)
        if kind != "add_alpha":
            rows = pg * P + pos % P
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


OP = [(f"op_{k}", _mk(_op(k), _calls(**_I16, sizes=_STATIC600), MODES3),
       f"int16 page ids through {k}, * 64; 600 blocks, high ids, B 12 -> 16")
      for k in ("sort_values", "topk_all", "cumsum_diff", "scatter", "index_select", "flip_roll", "and_m1",
                "or_self", "view_same", "view_u8_pairs", "clamp_i16max", "clamp_blocks", "i32_round_trip",
                "where_zero_tensor", "maximum_zero", "add_alpha")]


# --- 6. tp_ (later, from op_sort_values): TUPLE-RETURNING ops on int64 page ids.  exactness.check_int_paths skips every
# node that is not a tensor (``not T.is_tensor(n)``: sort, topk, min.dim, aminmax, cummin, kthvalue return tuples),
# and the getitem reading their values is in _TABLE_SAFE (ASSEMBLE): the op itself never meets the "page ids pass
# through X" rule.  Its interval is None, which the U1 rule refuses only below int64.  ``min(page, 63)`` spelled
# through them is the identity on every id the probes draw (at most 64 blocks) and clamps every larger one ----------
def _tp(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        cap = 2**40 if kind.endswith("control") else 63
        pair = torch.stack([page, torch.full_like(page, cap)], -1)
        if kind.startswith("sort"):
            pg = pair.sort(-1).values[..., 0]
        elif kind == "topk":
            pg = pair.topk(1, -1, largest=False).values[..., 0]
        elif kind == "min_dim":
            pg = pair.min(-1).values
        elif kind == "aminmax":
            pg = torch.aminmax(pair, dim=-1).min
        elif kind == "cummin":
            pg = pair.cummin(-1).values[..., 1]
        elif kind == "kthvalue":
            pg = pair.kthvalue(1, -1).values
        elif kind == "median":
            pg = torch.stack([page, torch.full_like(page, cap), torch.full_like(page, cap)], -1).median(-1).values
        elif kind == "plain_min":  # the same clamp spelled as a tensor op: refused by _TABLE_SAFE / the clamp rule
            pg = torch.minimum(page, torch.full_like(page, cap))
        else:
            raise ValueError(kind)
        if pg.dtype == torch.int16:  # (int16 cannot index: the later int16-table variants index with .long())
            pg = pg.long()
        write(cache, slots, completes(lens), pool(kv[pg, pos % P], w))
        return cache
    return step


TP = [(f"tp_{k}", _mk(_tp(k), _calls(index_dtype=torch.int64, length_dtype=torch.int64, sizes=_STATIC600), MODES3),
       f"int64 page ids clamped to 63 through {k} (a tuple op); 600 blocks, high ids, B 12 -> 16")
      for k in ("sort", "topk", "min_dim", "aminmax", "cummin", "kthvalue", "median", "plain_min", "sort_control")]

# ONE row (B = 1, static in every mode: dynamo specializes a size of 1): sizes.SizesProof.check_rows returns early
# there ("one row, and a static graph serves no other batch size"), and with it BatchPlan, whose missing batch rule
# for tuple ops refused the B = 12 forms above.  The row's length qualifies (112 = 32 + 5 * 16), 600 blocks, high ids
_ONE = ((1, 0, {"block_num": 600, "high_ids": True, "lengths": [112]}),
        (1, 1, {"block_num": 600, "high_ids": True, "lengths": [240]}))
TP += [(f"tp1_{k}", _mk(_tp(k), _calls(index_dtype=torch.int64, length_dtype=torch.int64, sizes=_ONE), MODES3),
        f"B = 1: int64 page ids clamped to 63 through {k}; 600 blocks, high ids")
       for k in ("sort", "topk", "min_dim", "aminmax", "cummin", "kthvalue", "median", "plain_min", "sort_control")]

# (later) the same with the vLLM / narrow block tables: no arithmetic on the clamped ids, so no dtype rule applies
for _dt in (torch.int32, torch.int16):
    _nm = str(_dt).split(".")[1]
    for _k in ("sort", "min_dim"):
        TP.append((f"tp1_{_k}_{_nm}", _mk(_tp(_k), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                           extra=_table_as(_dt), sizes=_ONE), MODES3),
                   f"B = 1: {_nm} page ids clamped to 63 through {_k}; 600 blocks, high ids"))


# --- 7. kp_ (later, from Q1): the same tuple-op skip on the KEPT path.  exactness.check_kept_path also skips every
# node that is not a tensor and lets a getitem (ASSEMBLE) after the slots' gather through; BatchPlan never looks at
# the kept rows, so B = 12.  ``min(cache[slots], 60000)`` through a tuple op is the identity on every kept value the
# keep probe draws below 60000 and changes a kept inf (build's kept rows hold fp16 specials) -------------------------
def _kp(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        s = slots.long()
        kept = cache[s]
        cap = float("inf") if kind.endswith("control") else 60000.0
        pair = torch.stack([kept, torch.full_like(kept, cap)], -1)
        if kind.startswith("min_dim"):
            kept2 = pair.min(-1).values
        elif kind == "sort":
            kept2 = pair.sort(-1).values[..., 0]
        elif kind == "kthvalue":
            kept2 = pair.kthvalue(1, -1).values
        elif kind == "plain_min":
            kept2 = torch.minimum(kept, torch.full_like(kept, cap))
        else:
            raise ValueError(kind)
        new = pool(tokens(kv, table, pos), w)
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), kept2)
        return cache
    return step


KP = [(f"kp_{k}", _mk(_kp(k), _calls(sizes=((12, 0, {}), (16, 1, {}))), MODES3),
       f"kept rows min(cache[slots], 60000) through {k} (fp16 cache, specials in kept rows), B 12 -> 16")
      for k in ("min_dim", "sort", "kthvalue", "plain_min", "min_dim_control")]


ATTACKS = SL + LS + FB + LU + OP + TP + KP

_FIRST = [
    ('sl_zero_add_rows', 'inductor_graph', 'static', _R),
    ('sl_zero_add_rows', 'inductor_graph', 'batch', _R),
    ('sl_zero_add_rows', 'inductor_graph', 'dynamic', _R),
    ('sl_zero_add_batch', 'inductor_graph', 'static', _R),
    ('sl_zero_add_batch', 'inductor_graph', 'batch', _R),
    ('sl_zero_add_batch', 'inductor_graph', 'dynamic', _R),
    ('sl_sub_self_rows', 'inductor_graph', 'static', _R),
    ('sl_sub_self_rows', 'inductor_graph', 'batch', _R),
    ('sl_sub_self_rows', 'inductor_graph', 'dynamic', _R),
    ('sl_sub_self_batch', 'inductor_graph', 'static', _R),
    ('sl_sub_self_batch', 'inductor_graph', 'batch', _R),
    ('sl_sub_self_batch', 'inductor_graph', 'dynamic', _R),
    ('sl_cat_slice_rows', 'inductor_graph', 'static', _R),
    ('sl_cat_slice_rows', 'inductor_graph', 'batch', _R),
    ('sl_cat_slice_rows', 'inductor_graph', 'dynamic', _R),
    ('sl_cat_slice_batch', 'inductor_graph', 'static', _R),
    ('sl_cat_slice_batch', 'inductor_graph', 'batch', _R),
    ('sl_cat_slice_batch', 'inductor_graph', 'dynamic', _R),
    ('sl_slice_scatter_rows', 'inductor_graph', 'static', _R),
    ('sl_slice_scatter_rows', 'inductor_graph', 'batch', _R),
    ('sl_slice_scatter_rows', 'inductor_graph', 'dynamic', _R),
    ('sl_slice_scatter_batch', 'inductor_graph', 'static', _R),
    ('sl_slice_scatter_batch', 'inductor_graph', 'batch', _R),
    ('sl_slice_scatter_batch', 'inductor_graph', 'dynamic', _R),
    ('sl_where_cond_rows', 'inductor_graph', 'static', _R),
    ('sl_where_cond_rows', 'inductor_graph', 'batch', _R),
    ('sl_where_cond_rows', 'inductor_graph', 'dynamic', _R),
    ('sl_where_cond_batch', 'inductor_graph', 'static', _R),
    ('sl_where_cond_batch', 'inductor_graph', 'batch', _R),
    ('sl_where_cond_batch', 'inductor_graph', 'dynamic', _R),
    ('sl_i16_slots_rows', 'inductor_graph', 'static', _R),
    ('sl_i16_slots_rows', 'inductor_graph', 'batch', _R),
    ('sl_i16_slots_rows', 'inductor_graph', 'dynamic', _R),
    ('sl_i16_slots_batch', 'inductor_graph', 'static', _R),
    ('sl_i16_slots_batch', 'inductor_graph', 'batch', _R),
    ('sl_i16_slots_batch', 'inductor_graph', 'dynamic', _R),
    ('sl_i32_control_rows', 'inductor_graph', 'static', _EQ),
    ('sl_i32_control_rows', 'inductor_graph', 'batch', _EQ),
    ('sl_i32_control_rows', 'inductor_graph', 'dynamic', _EQ),
    ('sl_i32_control_batch', 'inductor_graph', 'static', _EQ),
    ('sl_i32_control_batch', 'inductor_graph', 'batch', _EQ),
    ('sl_i32_control_batch', 'inductor_graph', 'dynamic', _EQ),
    ('ls_zero_add', 'inductor_graph', 'static', _R),
    ('ls_zero_add', 'inductor_graph', 'batch', _R),
    ('ls_zero_add', 'inductor_graph', 'dynamic', _R),
    ('ls_cat_slice', 'inductor_graph', 'static', _R),
    ('ls_cat_slice', 'inductor_graph', 'batch', _R),
    ('ls_cat_slice', 'inductor_graph', 'dynamic', _R),
    ('ls_lens_zero', 'inductor_graph', 'static', _R),
    ('ls_lens_zero', 'inductor_graph', 'batch', _R),
    ('ls_lens_zero', 'inductor_graph', 'dynamic', _R),
    ('fb_flat', 'inductor_graph', 'static', _R),
    ('fb_flat', 'inductor_graph', 'batch', _R),
    ('fb_flat', 'inductor_graph', 'dynamic', _R),
    ('fb_take', 'inductor_graph', 'static', _R),
    ('fb_take', 'inductor_graph', 'batch', _R),
    ('fb_take', 'inductor_graph', 'dynamic', _R),
    ('fb_plus_first', 'inductor_graph', 'static', _R),
    ('fb_plus_first', 'inductor_graph', 'batch', _R),
    ('fb_plus_first', 'inductor_graph', 'dynamic', _R),
    ('fb_i64_control', 'inductor_graph', 'static', _EQ),
    ('fb_i64_control', 'inductor_graph', 'batch', _EQ),
    ('fb_i64_control', 'inductor_graph', 'dynamic', _R),
    ('lu_index', 'inductor_graph', 'static', _R),
    ('lu_index', 'inductor_graph', 'batch', _R),
    ('lu_index', 'inductor_graph', 'dynamic', _R),
    ('lu_gather', 'inductor_graph', 'static', _R),
    ('lu_gather', 'inductor_graph', 'batch', _R),
    ('lu_gather', 'inductor_graph', 'dynamic', _R),
    ('lu_take', 'inductor_graph', 'static', _R),
    ('lu_take', 'inductor_graph', 'batch', _R),
    ('lu_take', 'inductor_graph', 'dynamic', _R),
    ('lu_nodep', 'inductor_graph', 'static', _R),
    ('lu_nodep', 'inductor_graph', 'batch', _R),
    ('lu_nodep', 'inductor_graph', 'dynamic', _R),
    ('lu_i32_control', 'inductor_graph', 'static', _R),
    ('lu_i32_control', 'inductor_graph', 'batch', _R),
    ('lu_i32_control', 'inductor_graph', 'dynamic', _R),
    ('lu_index_static600', 'inductor_graph', 'static', _R),
    ('lu_index_static600', 'inductor_graph', 'batch', _R),
    ('lu_index_static600', 'inductor_graph', 'dynamic', _R),
    ('op_sort_values', 'inductor_graph', 'static', _EF),
    ('op_sort_values', 'inductor_graph', 'batch', _EF),
    ('op_sort_values', 'inductor_graph', 'dynamic', _EF),
    ('op_topk_all', 'inductor_graph', 'static', _R),
    ('op_topk_all', 'inductor_graph', 'batch', _R),
    ('op_topk_all', 'inductor_graph', 'dynamic', _R),
    ('op_cumsum_diff', 'inductor_graph', 'static', _R),
    ('op_cumsum_diff', 'inductor_graph', 'batch', _R),
    ('op_cumsum_diff', 'inductor_graph', 'dynamic', _R),
    ('op_scatter', 'inductor_graph', 'static', _R),
    ('op_scatter', 'inductor_graph', 'batch', _R),
    ('op_scatter', 'inductor_graph', 'dynamic', _R),
    ('op_index_select', 'inductor_graph', 'static', _R),
    ('op_index_select', 'inductor_graph', 'batch', _R),
    ('op_index_select', 'inductor_graph', 'dynamic', _R),
    ('op_flip_roll', 'inductor_graph', 'static', _R),
    ('op_flip_roll', 'inductor_graph', 'batch', _R),
    ('op_flip_roll', 'inductor_graph', 'dynamic', _R),
    ('op_and_m1', 'inductor_graph', 'static', _R),
    ('op_and_m1', 'inductor_graph', 'batch', _R),
    ('op_and_m1', 'inductor_graph', 'dynamic', _R),
    ('op_or_self', 'inductor_graph', 'static', _R),
    ('op_or_self', 'inductor_graph', 'batch', _R),
    ('op_or_self', 'inductor_graph', 'dynamic', _R),
    ('op_view_same', 'inductor_graph', 'static', _R),
    ('op_view_same', 'inductor_graph', 'batch', _R),
    ('op_view_same', 'inductor_graph', 'dynamic', _R),
    ('op_view_u8_pairs', 'inductor_graph', 'static', _R),
    ('op_view_u8_pairs', 'inductor_graph', 'batch', _R),
    ('op_view_u8_pairs', 'inductor_graph', 'dynamic', _R),
    ('op_clamp_i16max', 'inductor_graph', 'static', _R),
    ('op_clamp_i16max', 'inductor_graph', 'batch', _R),
    ('op_clamp_i16max', 'inductor_graph', 'dynamic', _R),
    ('op_clamp_blocks', 'inductor_graph', 'static', _R),
    ('op_clamp_blocks', 'inductor_graph', 'batch', _R),
    ('op_clamp_blocks', 'inductor_graph', 'dynamic', _R),
    ('op_i32_round_trip', 'inductor_graph', 'static', _R),
    ('op_i32_round_trip', 'inductor_graph', 'batch', _R),
    ('op_i32_round_trip', 'inductor_graph', 'dynamic', _R),
    ('op_where_zero_tensor', 'inductor_graph', 'static', _R),
    ('op_where_zero_tensor', 'inductor_graph', 'batch', _R),
    ('op_where_zero_tensor', 'inductor_graph', 'dynamic', _R),
    ('op_maximum_zero', 'inductor_graph', 'static', _R),
    ('op_maximum_zero', 'inductor_graph', 'batch', _R),
    ('op_maximum_zero', 'inductor_graph', 'dynamic', _R),
    ('op_add_alpha', 'inductor_graph', 'static', _EQ),
    ('op_add_alpha', 'inductor_graph', 'batch', _EQ),
    ('op_add_alpha', 'inductor_graph', 'dynamic', _R),
    ('sl_zero_add_rows', 'torchair_like', 'static', _R),
    ('sl_zero_add_rows', 'torchair_like', 'batch', _R),
    ('sl_zero_add_rows', 'torchair_like', 'dynamic', _R),
    ('sl_zero_add_batch', 'torchair_like', 'static', _R),
    ('sl_zero_add_batch', 'torchair_like', 'batch', _R),
    ('sl_zero_add_batch', 'torchair_like', 'dynamic', _R),
    ('sl_sub_self_rows', 'torchair_like', 'static', _R),
    ('sl_sub_self_rows', 'torchair_like', 'batch', _R),
    ('sl_sub_self_rows', 'torchair_like', 'dynamic', _R),
    ('sl_sub_self_batch', 'torchair_like', 'static', _R),
    ('sl_sub_self_batch', 'torchair_like', 'batch', _R),
    ('sl_sub_self_batch', 'torchair_like', 'dynamic', _R),
    ('sl_cat_slice_rows', 'torchair_like', 'static', _R),
    ('sl_cat_slice_rows', 'torchair_like', 'batch', _R),
    ('sl_cat_slice_rows', 'torchair_like', 'dynamic', _R),
    ('sl_cat_slice_batch', 'torchair_like', 'static', _R),
    ('sl_cat_slice_batch', 'torchair_like', 'batch', _R),
    ('sl_cat_slice_batch', 'torchair_like', 'dynamic', _R),
    ('sl_slice_scatter_rows', 'torchair_like', 'static', _R),
    ('sl_slice_scatter_rows', 'torchair_like', 'batch', _R),
    ('sl_slice_scatter_rows', 'torchair_like', 'dynamic', _R),
    ('sl_slice_scatter_batch', 'torchair_like', 'static', _R),
    ('sl_slice_scatter_batch', 'torchair_like', 'batch', _R),
    ('sl_slice_scatter_batch', 'torchair_like', 'dynamic', _R),
    ('sl_where_cond_rows', 'torchair_like', 'static', _R),
    ('sl_where_cond_rows', 'torchair_like', 'batch', _R),
    ('sl_where_cond_rows', 'torchair_like', 'dynamic', _R),
    ('sl_where_cond_batch', 'torchair_like', 'static', _R),
    ('sl_where_cond_batch', 'torchair_like', 'batch', _R),
    ('sl_where_cond_batch', 'torchair_like', 'dynamic', _R),
    ('sl_i16_slots_rows', 'torchair_like', 'static', _R),
    ('sl_i16_slots_rows', 'torchair_like', 'batch', _R),
    ('sl_i16_slots_rows', 'torchair_like', 'dynamic', _R),
    ('sl_i16_slots_batch', 'torchair_like', 'static', _R),
    ('sl_i16_slots_batch', 'torchair_like', 'batch', _R),
    ('sl_i16_slots_batch', 'torchair_like', 'dynamic', _R),
    ('sl_i32_control_rows', 'torchair_like', 'static', _R),
    ('sl_i32_control_rows', 'torchair_like', 'batch', _R),
    ('sl_i32_control_rows', 'torchair_like', 'dynamic', _R),
    ('sl_i32_control_batch', 'torchair_like', 'static', _R),
    ('sl_i32_control_batch', 'torchair_like', 'batch', _R),
    ('sl_i32_control_batch', 'torchair_like', 'dynamic', _R),
    ('ls_zero_add', 'torchair_like', 'static', _R),
    ('ls_zero_add', 'torchair_like', 'batch', _R),
    ('ls_zero_add', 'torchair_like', 'dynamic', _R),
    ('ls_cat_slice', 'torchair_like', 'static', _R),
    ('ls_cat_slice', 'torchair_like', 'batch', _R),
    ('ls_cat_slice', 'torchair_like', 'dynamic', _R),
    ('ls_lens_zero', 'torchair_like', 'static', _R),
    ('ls_lens_zero', 'torchair_like', 'batch', _R),
    ('ls_lens_zero', 'torchair_like', 'dynamic', _R),
    ('fb_flat', 'torchair_like', 'static', _R),
    ('fb_flat', 'torchair_like', 'batch', _R),
    ('fb_flat', 'torchair_like', 'dynamic', _R),
    ('fb_take', 'torchair_like', 'static', _R),
    ('fb_take', 'torchair_like', 'batch', _R),
    ('fb_take', 'torchair_like', 'dynamic', _R),
    ('fb_plus_first', 'torchair_like', 'static', _R),
    ('fb_plus_first', 'torchair_like', 'batch', _R),
    ('fb_plus_first', 'torchair_like', 'dynamic', _R),
    ('fb_i64_control', 'torchair_like', 'static', _EQ),
    ('fb_i64_control', 'torchair_like', 'batch', _EQ),
    ('fb_i64_control', 'torchair_like', 'dynamic', _R),
    ('lu_index', 'torchair_like', 'static', _R),
    ('lu_index', 'torchair_like', 'batch', _R),
    ('lu_index', 'torchair_like', 'dynamic', _R),
    ('lu_gather', 'torchair_like', 'static', _R),
    ('lu_gather', 'torchair_like', 'batch', _R),
    ('lu_gather', 'torchair_like', 'dynamic', _R),
    ('lu_take', 'torchair_like', 'static', _R),
    ('lu_take', 'torchair_like', 'batch', _R),
    ('lu_take', 'torchair_like', 'dynamic', _R),
    ('lu_nodep', 'torchair_like', 'static', _R),
    ('lu_nodep', 'torchair_like', 'batch', _R),
    ('lu_nodep', 'torchair_like', 'dynamic', _R),
    ('lu_i32_control', 'torchair_like', 'static', _R),
    ('lu_i32_control', 'torchair_like', 'batch', _R),
    ('lu_i32_control', 'torchair_like', 'dynamic', _R),
    ('lu_index_static600', 'torchair_like', 'static', _R),
    ('lu_index_static600', 'torchair_like', 'batch', _R),
    ('lu_index_static600', 'torchair_like', 'dynamic', _R),
    ('op_sort_values', 'torchair_like', 'static', _EF),
    ('op_sort_values', 'torchair_like', 'batch', _EF),
    ('op_sort_values', 'torchair_like', 'dynamic', _EF),
    ('op_topk_all', 'torchair_like', 'static', _R),
    ('op_topk_all', 'torchair_like', 'batch', _R),
    ('op_topk_all', 'torchair_like', 'dynamic', _R),
    ('op_cumsum_diff', 'torchair_like', 'static', _R),
    ('op_cumsum_diff', 'torchair_like', 'batch', _R),
    ('op_cumsum_diff', 'torchair_like', 'dynamic', _R),
    ('op_scatter', 'torchair_like', 'static', _R),
    ('op_scatter', 'torchair_like', 'batch', _R),
    ('op_scatter', 'torchair_like', 'dynamic', _R),
    ('op_index_select', 'torchair_like', 'static', _R),
    ('op_index_select', 'torchair_like', 'batch', _R),
    ('op_index_select', 'torchair_like', 'dynamic', _R),
    ('op_flip_roll', 'torchair_like', 'static', _R),
    ('op_flip_roll', 'torchair_like', 'batch', _R),
    ('op_flip_roll', 'torchair_like', 'dynamic', _R),
    ('op_and_m1', 'torchair_like', 'static', _R),
    ('op_and_m1', 'torchair_like', 'batch', _R),
    ('op_and_m1', 'torchair_like', 'dynamic', _R),
    ('op_or_self', 'torchair_like', 'static', _R),
    ('op_or_self', 'torchair_like', 'batch', _R),
    ('op_or_self', 'torchair_like', 'dynamic', _R),
    ('op_view_same', 'torchair_like', 'static', _R),
    ('op_view_same', 'torchair_like', 'batch', _R),
    ('op_view_same', 'torchair_like', 'dynamic', _R),
    ('op_view_u8_pairs', 'torchair_like', 'static', _R),
    ('op_view_u8_pairs', 'torchair_like', 'batch', _R),
    ('op_view_u8_pairs', 'torchair_like', 'dynamic', _R),
    ('op_clamp_i16max', 'torchair_like', 'static', _R),
    ('op_clamp_i16max', 'torchair_like', 'batch', _R),
    ('op_clamp_i16max', 'torchair_like', 'dynamic', _R),
    ('op_clamp_blocks', 'torchair_like', 'static', _R),
    ('op_clamp_blocks', 'torchair_like', 'batch', _R),
    ('op_clamp_blocks', 'torchair_like', 'dynamic', _R),
    ('op_i32_round_trip', 'torchair_like', 'static', _R),
    ('op_i32_round_trip', 'torchair_like', 'batch', _R),
    ('op_i32_round_trip', 'torchair_like', 'dynamic', _R),
    ('op_where_zero_tensor', 'torchair_like', 'static', _R),
    ('op_where_zero_tensor', 'torchair_like', 'batch', _R),
    ('op_where_zero_tensor', 'torchair_like', 'dynamic', _R),
    ('op_maximum_zero', 'torchair_like', 'static', _R),
    ('op_maximum_zero', 'torchair_like', 'batch', _R),
    ('op_maximum_zero', 'torchair_like', 'dynamic', _R),
    ('op_add_alpha', 'torchair_like', 'static', _EQ),
    ('op_add_alpha', 'torchair_like', 'batch', _EQ),
    ('op_add_alpha', 'torchair_like', 'dynamic', _R),
]
_LATER = [
    ('op_sort_values', 'inductor_graph', 'static', _R),
    ('op_sort_values', 'inductor_graph', 'batch', _R),
    ('op_sort_values', 'inductor_graph', 'dynamic', _R),
    ('op_sort_values', 'torchair_like', 'static', _R),
    ('op_sort_values', 'torchair_like', 'batch', _R),
    ('op_sort_values', 'torchair_like', 'dynamic', _R),
    ('tp_sort', 'inductor_graph', 'static', _R),
    ('tp_sort', 'inductor_graph', 'batch', _R),
    ('tp_sort', 'inductor_graph', 'dynamic', _R),
    ('tp_topk', 'inductor_graph', 'static', _R),
    ('tp_topk', 'inductor_graph', 'batch', _R),
    ('tp_topk', 'inductor_graph', 'dynamic', _R),
    ('tp_min_dim', 'inductor_graph', 'static', _R),
    ('tp_min_dim', 'inductor_graph', 'batch', _R),
    ('tp_min_dim', 'inductor_graph', 'dynamic', _R),
    ('tp_aminmax', 'inductor_graph', 'static', _R),
    ('tp_aminmax', 'inductor_graph', 'batch', _R),
    ('tp_aminmax', 'inductor_graph', 'dynamic', _R),
    ('tp_cummin', 'inductor_graph', 'static', _R),
    ('tp_cummin', 'inductor_graph', 'batch', _R),
    ('tp_cummin', 'inductor_graph', 'dynamic', _R),
    ('tp_kthvalue', 'inductor_graph', 'static', _R),
    ('tp_kthvalue', 'inductor_graph', 'batch', _R),
    ('tp_kthvalue', 'inductor_graph', 'dynamic', _R),
    ('tp_median', 'inductor_graph', 'static', _R),
    ('tp_median', 'inductor_graph', 'batch', _R),
    ('tp_median', 'inductor_graph', 'dynamic', _R),
    ('tp_plain_min', 'inductor_graph', 'static', _R),
    ('tp_plain_min', 'inductor_graph', 'batch', _R),
    ('tp_plain_min', 'inductor_graph', 'dynamic', _R),
    ('tp_sort_control', 'inductor_graph', 'static', _R),
    ('tp_sort_control', 'inductor_graph', 'batch', _R),
    ('tp_sort_control', 'inductor_graph', 'dynamic', _R),
    ('tp1_sort', 'inductor_graph', 'static', _FF),
    ('tp1_sort', 'inductor_graph', 'batch', _FF),
    ('tp1_sort', 'inductor_graph', 'dynamic', _FF),
    ('tp1_topk', 'inductor_graph', 'static', _FF),
    ('tp1_topk', 'inductor_graph', 'batch', _FF),
    ('tp1_topk', 'inductor_graph', 'dynamic', _FF),
    ('tp1_min_dim', 'inductor_graph', 'static', _FF),
    ('tp1_min_dim', 'inductor_graph', 'batch', _FF),
    ('tp1_min_dim', 'inductor_graph', 'dynamic', _FF),
    ('tp1_aminmax', 'inductor_graph', 'static', _R),
    ('tp1_aminmax', 'inductor_graph', 'batch', _R),
    ('tp1_aminmax', 'inductor_graph', 'dynamic', _R),
    ('tp1_cummin', 'inductor_graph', 'static', _FF),
    ('tp1_cummin', 'inductor_graph', 'batch', _FF),
    ('tp1_cummin', 'inductor_graph', 'dynamic', _FF),
    ('tp1_kthvalue', 'inductor_graph', 'static', _FF),
    ('tp1_kthvalue', 'inductor_graph', 'batch', _FF),
    ('tp1_kthvalue', 'inductor_graph', 'dynamic', _FF),
    ('tp1_median', 'inductor_graph', 'static', _R),
    ('tp1_median', 'inductor_graph', 'batch', _R),
    ('tp1_median', 'inductor_graph', 'dynamic', _R),
    ('tp1_plain_min', 'inductor_graph', 'static', _R),
    ('tp1_plain_min', 'inductor_graph', 'batch', _R),
    ('tp1_plain_min', 'inductor_graph', 'dynamic', _R),
    ('tp1_sort_control', 'inductor_graph', 'static', _EQ),
    ('tp1_sort_control', 'inductor_graph', 'batch', _EQ),
    ('tp1_sort_control', 'inductor_graph', 'dynamic', _EQ),
    ('tp_sort', 'torchair_like', 'static', _R),
    ('tp_sort', 'torchair_like', 'batch', _R),
    ('tp_sort', 'torchair_like', 'dynamic', _R),
    ('tp_topk', 'torchair_like', 'static', _R),
    ('tp_topk', 'torchair_like', 'batch', _R),
    ('tp_topk', 'torchair_like', 'dynamic', _R),
    ('tp_min_dim', 'torchair_like', 'static', _R),
    ('tp_min_dim', 'torchair_like', 'batch', _R),
    ('tp_min_dim', 'torchair_like', 'dynamic', _R),
    ('tp_aminmax', 'torchair_like', 'static', _R),
    ('tp_aminmax', 'torchair_like', 'batch', _R),
    ('tp_aminmax', 'torchair_like', 'dynamic', _R),
    ('tp_cummin', 'torchair_like', 'static', _R),
    ('tp_cummin', 'torchair_like', 'batch', _R),
    ('tp_cummin', 'torchair_like', 'dynamic', _R),
    ('tp_kthvalue', 'torchair_like', 'static', _R),
    ('tp_kthvalue', 'torchair_like', 'batch', _R),
    ('tp_kthvalue', 'torchair_like', 'dynamic', _R),
    ('tp_median', 'torchair_like', 'static', _R),
    ('tp_median', 'torchair_like', 'batch', _R),
    ('tp_median', 'torchair_like', 'dynamic', _R),
    ('tp_plain_min', 'torchair_like', 'static', _R),
    ('tp_plain_min', 'torchair_like', 'batch', _R),
    ('tp_plain_min', 'torchair_like', 'dynamic', _R),
    ('tp_sort_control', 'torchair_like', 'static', _R),
    ('tp_sort_control', 'torchair_like', 'batch', _R),
    ('tp_sort_control', 'torchair_like', 'dynamic', _R),
    ('tp1_sort', 'torchair_like', 'static', _FF),
    ('tp1_sort', 'torchair_like', 'batch', _FF),
    ('tp1_sort', 'torchair_like', 'dynamic', _FF),
    ('tp1_topk', 'torchair_like', 'static', _FF),
    ('tp1_topk', 'torchair_like', 'batch', _FF),
    ('tp1_topk', 'torchair_like', 'dynamic', _FF),
    ('tp1_min_dim', 'torchair_like', 'static', _FF),
    ('tp1_min_dim', 'torchair_like', 'batch', _FF),
    ('tp1_min_dim', 'torchair_like', 'dynamic', _FF),
    ('tp1_aminmax', 'torchair_like', 'static', _FF),
    ('tp1_aminmax', 'torchair_like', 'batch', _FF),
    ('tp1_aminmax', 'torchair_like', 'dynamic', _FF),
    ('tp1_cummin', 'torchair_like', 'static', _FF),
    ('tp1_cummin', 'torchair_like', 'batch', _FF),
    ('tp1_cummin', 'torchair_like', 'dynamic', _FF),
    ('tp1_kthvalue', 'torchair_like', 'static', _FF),
    ('tp1_kthvalue', 'torchair_like', 'batch', _FF),
    ('tp1_kthvalue', 'torchair_like', 'dynamic', _FF),
    ('tp1_median', 'torchair_like', 'static', _R),
    ('tp1_median', 'torchair_like', 'batch', _R),
    ('tp1_median', 'torchair_like', 'dynamic', _R),
    ('tp1_plain_min', 'torchair_like', 'static', _R),
    ('tp1_plain_min', 'torchair_like', 'batch', _R),
    ('tp1_plain_min', 'torchair_like', 'dynamic', _R),
    ('tp1_sort_control', 'torchair_like', 'static', _EQ),
    ('tp1_sort_control', 'torchair_like', 'batch', _EQ),
    ('tp1_sort_control', 'torchair_like', 'dynamic', _EQ),
    ('tp1_sort', 'inductor', 'static', _FF),
    ('tp1_sort', 'inductor', 'batch', _FF),
    ('tp1_sort', 'inductor', 'dynamic', _FF),
    ('tp1_topk', 'inductor', 'static', _FF),
    ('tp1_topk', 'inductor', 'batch', _FF),
    ('tp1_topk', 'inductor', 'dynamic', _FF),
    ('tp1_min_dim', 'inductor', 'static', _FF),
    ('tp1_min_dim', 'inductor', 'batch', _FF),
    ('tp1_min_dim', 'inductor', 'dynamic', _FF),
    ('tp1_aminmax', 'inductor', 'static', _R),
    ('tp1_aminmax', 'inductor', 'batch', _R),
    ('tp1_aminmax', 'inductor', 'dynamic', _R),
    ('tp1_cummin', 'inductor', 'static', _FF),
    ('tp1_cummin', 'inductor', 'batch', _FF),
    ('tp1_cummin', 'inductor', 'dynamic', _FF),
    ('tp1_kthvalue', 'inductor', 'static', _FF),
    ('tp1_kthvalue', 'inductor', 'batch', _FF),
    ('tp1_kthvalue', 'inductor', 'dynamic', _FF),
    ('tp1_median', 'inductor', 'static', _R),
    ('tp1_median', 'inductor', 'batch', _R),
    ('tp1_median', 'inductor', 'dynamic', _R),
    ('tp1_plain_min', 'inductor', 'static', _R),
    ('tp1_plain_min', 'inductor', 'batch', _R),
    ('tp1_plain_min', 'inductor', 'dynamic', _R),
    ('tp1_sort_control', 'inductor', 'static', _EQ),
    ('tp1_sort_control', 'inductor', 'batch', _EQ),
    ('tp1_sort_control', 'inductor', 'dynamic', _EQ),
    ('tp1_sort_int32', 'inductor_graph', 'static', _FF),
    ('tp1_sort_int32', 'inductor_graph', 'batch', _FF),
    ('tp1_sort_int32', 'inductor_graph', 'dynamic', _FF),
    ('tp1_min_dim_int32', 'inductor_graph', 'static', _FF),
    ('tp1_min_dim_int32', 'inductor_graph', 'batch', _FF),
    ('tp1_min_dim_int32', 'inductor_graph', 'dynamic', _FF),
    ('tp1_sort_int32', 'torchair_like', 'static', _FF),
    ('tp1_sort_int32', 'torchair_like', 'batch', _FF),
    ('tp1_sort_int32', 'torchair_like', 'dynamic', _FF),
    ('tp1_min_dim_int32', 'torchair_like', 'static', _FF),
    ('tp1_min_dim_int32', 'torchair_like', 'batch', _FF),
    ('tp1_min_dim_int32', 'torchair_like', 'dynamic', _FF),
    ('tp1_sort_int32', 'inductor', 'static', _FF),
    ('tp1_sort_int32', 'inductor', 'batch', _FF),
    ('tp1_sort_int32', 'inductor', 'dynamic', _FF),
    ('tp1_min_dim_int32', 'inductor', 'static', _FF),
    ('tp1_min_dim_int32', 'inductor', 'batch', _FF),
    ('tp1_min_dim_int32', 'inductor', 'dynamic', _FF),
    ('tp1_sort_int16', 'inductor_graph', 'static', _FF),
    ('tp1_sort_int16', 'inductor_graph', 'batch', _FF),
    ('tp1_sort_int16', 'inductor_graph', 'dynamic', _FF),
    ('tp1_min_dim_int16', 'inductor_graph', 'static', _FF),
    ('tp1_min_dim_int16', 'inductor_graph', 'batch', _FF),
    ('tp1_min_dim_int16', 'inductor_graph', 'dynamic', _FF),
    ('tp1_sort_int16', 'torchair_like', 'static', _FF),
    ('tp1_sort_int16', 'torchair_like', 'batch', _FF),
    ('tp1_sort_int16', 'torchair_like', 'dynamic', _FF),
    ('tp1_min_dim_int16', 'torchair_like', 'static', _FF),
    ('tp1_min_dim_int16', 'torchair_like', 'batch', _FF),
    ('tp1_min_dim_int16', 'torchair_like', 'dynamic', _FF),
    ('tp1_sort_int16', 'inductor', 'static', _FF),
    ('tp1_sort_int16', 'inductor', 'batch', _FF),
    ('tp1_sort_int16', 'inductor', 'dynamic', _FF),
    ('tp1_min_dim_int16', 'inductor', 'static', _FF),
    ('tp1_min_dim_int16', 'inductor', 'batch', _FF),
    ('tp1_min_dim_int16', 'inductor', 'dynamic', _FF),
    ('kp_min_dim', 'inductor_graph', 'static', _R),
    ('kp_min_dim', 'inductor_graph', 'batch', _R),
    ('kp_min_dim', 'inductor_graph', 'dynamic', _R),
    ('kp_sort', 'inductor_graph', 'static', _R),
    ('kp_sort', 'inductor_graph', 'batch', _R),
    ('kp_sort', 'inductor_graph', 'dynamic', _R),
    ('kp_kthvalue', 'inductor_graph', 'static', _R),
    ('kp_kthvalue', 'inductor_graph', 'batch', _R),
    ('kp_kthvalue', 'inductor_graph', 'dynamic', _R),
    ('kp_plain_min', 'inductor_graph', 'static', _R),
    ('kp_plain_min', 'inductor_graph', 'batch', _R),
    ('kp_plain_min', 'inductor_graph', 'dynamic', _R),
    ('kp_min_dim_control', 'inductor_graph', 'static', _R),
    ('kp_min_dim_control', 'inductor_graph', 'batch', _R),
    ('kp_min_dim_control', 'inductor_graph', 'dynamic', _R),
]


def classify61(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-60)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify61)
