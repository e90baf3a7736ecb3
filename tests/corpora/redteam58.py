"""Fifty-eighth adversarial review of the recogniser (round 58; 684fa20 frozen at /tmp/base63: the int32 guards under
dynamic=True -- exactness._bounded_rows, sizes.SizesProof._int32_token_rows / _int32_sizes, fusion_pass._specialize's
``step.bounds`` --, rewrite._settle_pushed_pick and split_stacked_writes' kept halves, fusion_pass._safely; the whole
recogniser through them).

Same format as redteam43 .. redteam57: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``, except the ``*_marked`` attacks,
which take the cache second, meant to let ``mark_dynamic`` reach its rows -- it does not: the batch mode marks
args 2-4, see "Not found").  Runner: redteam7's ``classify7`` through
:func:`classify58`.

    cp /work/main/tests/corpora/redteam58.py /tmp/base63/tests/corpora/ && cd /tmp/base63 && \\
    PYTHONPATH=/tmp/base63 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam58.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base63 = 684fa20, by this machine's ``date -u`` 2026-12-06:
inductor_graph 19:42:29-19:44:40, then torchair_like 19:44:48-19:47:18 UTC, one process at a time; the 42 attacks of
the themes sw_, tr_, ic_, ka_, pp_ as they stand): 126 runs per graph dialect (every attack in static, batch, dynamic):

    inductor_graph  126 runs: 1 FALSE FUSION / 0 CRASH / 109 fused & equal / 16 refused / 0 control differs
    torchair_like   126 runs: 1 FALSE FUSION / 0 CRASH / 109 fused & equal / 16 refused / 0 control differs
    FALSE FUSION (both dialects): tr_i16_regrow under mark_dynamic (batch).

Per theme (inductor_graph | torchair_like, identical up to node names):
  sw_ 14 slot maps wrapped / reduced by the cache rows in int8 / int16 / int32 (exactness._bounded_rows), grown past
         the narrow dtype after the compile, the cache second in the signature (*_marked):  36 EQ / 6 R | 36 EQ / 6 R
  tr_  8 flat token rows table[b, p // P] * P + p % P in int32 / int16 (_int32_token_rows), a literal P, a grown KV,
         a page size changed after the compile:                                        1 FF / 20 EQ / 3 R | same
  ic_  8 int32 / int16 casts of int64 lengths, page ids, columns, slots (_int32_sizes):            17 EQ / 7 R | same
  ka_  6 a stacked [2, NB, P, N, D] KV append (split_stacked_writes) whose values carry a per-half fp16 / bf16
         constant, the step reading one half:                                                          18 EQ | 18 EQ
  pp_  6 the step's cache a pushed pick (rewrite._settle_pushed_pick after round 57's fix): returned raw, reduced
         after the write, two chained steps, written in place:                                         18 EQ | 18 EQ
The graph dialects run the rewritten graph without Inductor's codegen, so K1 below (a difference in Inductor's
arithmetic for the rewritten graph, as round 57's C1) is fused & equal there.

Later runs (``_LATER``, not the first try):

* REAL Inductor codegen (``--dialect inductor``) for tr_i16_regrow (19:48:50-19:49:19 UTC): static fused & equal (the
  recompile at 600 blocks refused), batch FALSE FUSION (T1 confirmed, control equal to eager), dynamic refused.
* REAL Inductor for ka_ and pp_ in all three modes (19:51:46-19:54:47 UTC): 12 FALSE FUSION (ka_scale_half,
  ka_scale_half_v, ka_bias_half, ka_scale_bf16; static, batch and dynamic=True) / 24 fused & equal (ka_plain,
  ka_cast_half and all six pp_).
* SECOND (t1_, 4 attacks written after the first try: T1's rule through other dtypes and sizes), inductor_graph
  19:50:01-19:50:18 and torchair_like 19:55:26-19:55:51 UTC, 12 runs each: 1 FALSE FUSION (t1_table16_plus_regrow
  batch) / 3 fused & equal (t1_table16_p32_regrow, the control) / 8 refused, both dialects alike.
* Standalone repros (real Inductor, nsa_fusion_backend): /tmp/rt58/repro_tr.py (T1) and /tmp/rt58/repro_ka.py (K1);
  /tmp/rt58/repro_tr32.py (the int32 form of T1 fuses unguarded: "Read, not demonstrated" (1)); outputs quoted below.

Rerun after the fixes (e230d7c, by the team, not the red team): the whole corpus (46 attacks x 3 modes) 0 FALSE FUSION
/ 0 CRASH / 113 fused & equal / 25 refused in inductor_graph and in torchair_like; real Inductor on ka_, pp_,
tr_i16_regrow, t1_table16_plus_regrow, tr_i32_P_sym_regrow: 0 FALSE FUSION (tr_i16_regrow batch: the first compile
fused, the grown one refused; t1_table16_plus_regrow refused).

FOUND:

* K1 FALSE FUSION (REAL Inductor codegen; static, mark_dynamic batch and dynamic=True; the pass-off control equal to
  eager; the graph dialects fused & equal): a KV append into a STACKED paged KV (vLLM's [2, NB, P, N, D]) whose values
  carry a per-half low-precision constant (a dequant scale or bias per K / V), beside a step that reads one half as
  its pages.  Minimal (/tmp/rt58/repro_ka.py; fp32 KV and cache, any valid input):

      def step(kv, w, slots, table, lens, cache, kvpair, tok_slots, knew, vnew):
          D = cache.shape[-1]
          scale = torch.stack((torch.full((D,), 0.1), torch.full((D,), 1 / 3))).half()[:, None, None, :]
          kvpair.flatten(1, 2)[:, tok_slots] = torch.stack((knew, vnew)) * scale    # the joint KV append
          write(cache, slots, completes(lens), pool(tokens(kvpair[0], table, positions(lens)), w))
          return cache, kvpair

      inductor        pass off fused 0: equal
      inductor        pass on  fused 1: output 1: 759 differ, first at [0, 23, 0, 0, 0]: got 0.05625000223517418,
                      eager 0.05623626708984375          (0.5625 * 0.1 unrounded, where eager multiplies by fp16(0.1))
      inductor_graph  pass off fused 0: equal / pass on fused 1: equal

  The appended K and V tokens (every appended value, 759 of 768 per call; the KV is the model's persistent state, so
  the next decode step's windows read them) differ.  Same with a bias pair (ka_bias_half), bf16 constants
  (ka_scale_bf16) and with the step on the V half (ka_scale_half_v).  Controls: no constant (ka_plain) or a cast only
  (ka_cast_half) fused & equal in real Inductor.  Why: rewrite.split_stacked_writes splits the joint append
  ``index_put(flat, [None, tok], stack((k, v)) * scale)`` into one index_put per half with the values pushed
  (_Pusher.operand_along: ``k * convert(full(0.1), fp16)``); the append itself never fuses (no step), but
  rewrite.settle_stacked_splits KEEPS the split form wherever a fused call reads a half (``h in read``: the step's
  pages are ``select(view(cat(halves)), 0, 0)``), with no look at what the kept halves compute.  Real Inductor lowers
  the split form's uniform ``convert(full(0.1), fp16)`` without the fp16 rounding, where the user's joint form (the
  constant STACK cast to fp16, a rounded buffer) matches eager -- round 57 C1 / round 44 F1's Inductor behaviour,
  which _consider_joint (parts of a compressed write: all or none) and _settle_pushed_pick (a pushed pick: the user's
  pick back) now guard, but a KV append's kept halves do not.  Rules at fault: nsa_fusion/rewrite.py:
  settle_stacked_splits (the ``h in read`` keep of a split that did not fuse) with split_stacked_writes /
  _Pusher.operand_along (pushing the appended values' constants into the halves).  Fix direction: as for C1, use the
  split form for recognition only -- where no half of a split write fused, put the user's joint write back and let
  the fused call read ``select(joint_write, 0, h)`` (the halves it read), or keep a split only where every pushed
  value is the joint value's own part (no constants or arithmetic pushed).

* T1 FALSE FUSION (graph dialects AND real Inductor; mark_dynamic only -- a symbolic block count with a static
  capacity; the pass-off control equal to eager): page-id arithmetic in a NARROW dtype that overflows on valid page
  ids is never overflow-checked once the KV's block count is symbolic.  Minimal (/tmp/rt58/repro_tr.py; one call,
  600 blocks, int16 block table, page ids <= 599 fit int16, int64 lengths):

      def step(kv, w, slots, table, lens, cache):
          P = kv.shape[1]                                    # 64
          pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
          rows = table.gather(1, pos // P) * P + pos % P     # int16 page * 64: wraps for pages >= 512
          write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
          return cache

      dynamic=None mark_dynamic(kv,0)=False pass on : fused 0, 0 values differ   (refused: "[0, 38336] in int16")
      dynamic=None mark_dynamic(kv,0)=True  pass off: fused 0, 0 values differ
      dynamic=None mark_dynamic(kv,0)=True  pass on : fused 1, 192 values differ, first at [6, 0, 0]: got
                   -8.0234375, eager nan                 (eager reads the wrapped token rows; the op reads the pages)
      dynamic=True                          pass on : fused 0                     (refused)

  In the corpus: tr_i16_regrow (compiled at 51 blocks, called at 600: the recompile makes the block count symbolic),
  t1_table16_plus_regrow (``(page + 2**14) * 2 - 2**15 + page * (P - 2)`` in int16), batch mode in both dialects;
  real Inductor confirms tr_i16_regrow.  Why: sizes.SizesProof (the int-path check, sizes.py ``bounded = all(x is not
  None for x in (upto(cap_pages), upto(P), hi_block, n_slots))``) passes ``bounded=False`` when the block count is
  symbolic (``hi_block`` None), and exactness.check_int_paths then skips every overflow check of integer arithmetic
  (``if bounded and _integral(n) and n.target in _MONOTONE_PAIR``); the wrap checks meant to stand in for it
  (exactness.check_length_thresholds with page ids probed up to the table dtype's max, and the new
  _int32_token_rows) run only for a SYMBOLIC CAPACITY (check_length_thresholds: "a static one returns early"), and
  the pooling probes draw small page ids, so a static-capacity graph with a symbolic block count (mark_dynamic on
  the KV, or dynamo's automatic dynamic after a KV of another size) checks page-id arithmetic nowhere.  The lengths
  are still caught by the probes (``(lens * 128) // 128`` in int16 under mark_dynamic(kv, 0): refused, /tmp/rt58/
  repro_t1b.py), the slots by check_slot_path.  Rules at fault: nsa_fusion/patterns/sizes.py (SizesProof's int-path
  check, ``bounded``) with nsa_fusion/patterns/exactness.py:check_int_paths.  Fix direction: with a symbolic block
  count, check page-id arithmetic with page ids up to the table dtype's max (or the int32 bound, guarded as
  _int32_token_rows does) whatever the capacity; or run the _int32_token_rows narrowing + guard for a static capacity
  too, and refuse narrower dtypes.

Not found (equal or refused; the idea each tried):

* sw_ _bounded_rows: int16 / int8 slot maps wrapped (``where(s < 0, s + S, s)``), reduced (``s % S``,
  ``torch.remainder``), wrapped in int8 then reduced in int32, by another tensor's equal rows: fused & equal in every
  mode, the bound guarded (``S <= 127`` / ``32767``); a cache grown past the narrow dtype after the compile
  (sw_rem_int8_regrow: S = 29 then 200, where int8(200) = -56 sends written slot 5 to row 149 in eager;
  sw_rem_int16_regrow, sw_wrap_int16_regrow_big at S = 40000): the guard fails, the recompile refuses, equal;
  ``fmod``: refused; a wrap in int64 cast to int8 before the remainder: refused (cast).  No CRASH from the bound guards
  (sw_*_marked meant to mark the cache rows through the signature, but redteam2's batch mode marks args 2-4, not
  arg 1: those ran as plain attacks -- an attack bug; the grown caches above reach the bound guard on an
  automatic-dynamic symbol instead).
* tr_ _int32_token_rows: int32 token rows with P from the shape, a literal 64, ``P * page``, ``(page + 1) * P - P``,
  int64 rows cast to int32, a page size changed between calls (64 then 32): fused & equal or refused
  (dynamic: "casts int64 values ... to int32" for the cast-after form).
* ic_ _int32_sizes: int32 casts of int64 lengths, table, columns (DeepSeek), slots: fused & equal (dynamic: guarded or
  refused); int16 casts and ``2 * p`` in int32: refused under dynamic=True; an int16 cast of slots on a 40000-row
  cache: refused.
* pp_ _settle_pushed_pick: C1's spelling rerun (fused & equal in REAL Inductor now), an fp32 constant, the pick
  returned raw beside the write, reduced after it, two chained steps into it, written in place: fused & equal in every
  dialect incl. real Inductor.
* _safely: no input found that makes one of the wrapped rewrites raise (not attacked by a corpus entry).

Read, not demonstrated: (1) the int32 form of T1 (vLLM's int32 token rows ``table[b, p // P] * P + p % P`` with an
int32 table) under mark_dynamic(kv, 0) fuses with NO guard (/tmp/rt58/repro_tr32.py: ``fused 1 [l=32, d=16, lN
weight]``, no "guarded blocks <= ..."), where dynamic=True guards ``blocks <= (2**31 - 1) // P``: the new guard is
installed only for a symbolic capacity, so a static-capacity graph with a symbolic block count wraps past 2**31
tokens (33.5M pages of 64) unguarded -- the int16 T1 shows the mechanism; the int32 sizes do not fit this machine.
(2) fusion_pass._safely runs ``graph.lint()`` after a failed rewrite and otherwise continues: a rewrite that raised
after replacing SOME uses (merge_duplicate_views rewires users one by one) leaves a graph that computes the same
values only if every replacement is value-preserving on its own; the undo functions (pool_tables.restore,
lengths_from_positions.restore...) returning None on failure then leave the exposed form in place for Inductor,
which is the same values in eager arithmetic -- not shown to differ.  (3) K1's mechanism through
split_concatenated_writes / normalize_row_writes records kept by ``h in read``: a [NB, P, N, 2D] KV appended with
``cat((k, v), -1) * cat((full(0.1), full(1/3))).half()``, the step on ``kv[..., :D]`` (/tmp/rt58/repro_kc.py, a
scratch run after the first try, not in ATTACKS, 19:56 UTC): fused & equal in real Inductor (the append is not
split); other spellings of a kept concatenated / row-normalized append not tried.
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


def _padded_slots(lens, S, dtype, hi=None, seed=0):
    """Written (completing) rows: distinct slots in [0, min(S - 1, hi)); every other row: -1 (row S - 1, unused)."""
    g = torch.Generator().manual_seed(seed)
    top = min(S - 1, hi) if hi is not None else S - 1
    perm = torch.randperm(top, generator=g)
    out = torch.full((lens.shape[0],), -1, dtype=torch.int64)
    k = 0
    for b in range(lens.shape[0]):
        if _qualifies(int(lens[b])):
            out[b] = perm[k]
            k += 1
    return out.to(dtype)


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


def _slots_as(dtype, hi=None):
    def f(a):
        top = hi if hi is not None else (torch.iinfo(dtype).max if dtype != torch.int64 else None)
        a[2] = _padded_slots(a[4], a[5].shape[0], dtype, top)
        return a
    return f


def _big_cache(S, dtype):
    """A cache of S rows (finite), written rows' slots large (S - 1, S - 8, ...), other rows' small (0, 1, ...)."""
    def f(a):
        N, D = a[5].shape[1:]
        g = torch.Generator().manual_seed(5)
        a[5] = (torch.randint(-32, 33, (S, N, D), generator=g) / 16.0).to(a[5].dtype)
        lens = a[4]
        out = torch.zeros(lens.shape[0], dtype=torch.int64)
        k = j = 0
        for b in range(lens.shape[0]):
            if _qualifies(int(lens[b])):
                out[b] = S - 1 - 7 * k
                k += 1
            else:
                out[b] = j
                j += 1
        a[2] = out.to(dtype)
        return a
    return f


# --- 1. sw_: the slot mapping wrapped (where(s < 0, s + S, s)) or reduced (s % S) in a NARROW dtype: _bounded_rows
# bounds a symbolic S to that dtype's max and guards it; int8 / int16 make a wrap past the bound observable ----------
def _sw(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)[:, None, None]
        S = cache.shape[0]
        if kind == "wrap":
            s = torch.where(slots < 0, slots + S, slots)
        elif kind == "rem":
            s = slots % S
        elif kind == "fmod":
            s = torch.fmod(slots, S)
        elif kind == "remainder_fn":
            s = torch.remainder(slots, S)
        elif kind == "two_dtypes":  # the wrap in the narrow dtype, then a remainder in int32
            s = torch.where(slots < 0, slots + S, slots).int() % S
        elif kind == "wrap_then_rem":  # wrap in int64, then a remainder in the narrow dtype
            s = torch.where(slots.long() < 0, slots.long() + S, slots.long()).to(slots.dtype) % S
        elif kind == "wrap_other_cache":  # the wrap by another tensor's rows (equal in every call)
            s = torch.where(slots < 0, slots + kv.new_empty(S).shape[0], slots)
        else:
            raise ValueError(kind)
        s = s.long()
        cache[s] = torch.where(v, new.to(cache.dtype), cache[s])
        return cache
    return step


SW = [(f"sw_{k}_{dt}", _mk(_sw(k), _calls(extra=_slots_as(getattr(torch, dt))), MODES3),
       f"slots {dt}, {k} by the cache rows in that dtype")
      for k, dt in (("wrap", "int16"), ("rem", "int16"), ("wrap", "int8"), ("rem", "int8"), ("fmod", "int8"),
                    ("remainder_fn", "int16"), ("two_dtypes", "int8"), ("wrap_then_rem", "int8"),
                    ("wrap_other_cache", "int16"))]
# a cache grown past the narrow dtype after the compile: the guard must recompile (and then refuse)
SW += [
    ("sw_rem_int8_regrow", _mk(_sw("rem"), _calls(extra=_slots_as(torch.int8),
                                                   sizes=((12, 0, {}), (16, 1, {"num_slots": 200}))), MODES3),
     "int8 s % S, compiled at S = 29, called at S = 200: int8(200) = -56, written slot 5 lands on row 149 in eager"),
    ("sw_rem_int16_regrow", _mk(_sw("rem"), _calls(extra=_slots_as(torch.int16),
                                                    sizes=((12, 0, {}), (16, 1, {"num_slots": 40000}))), MODES3),
     "int16 s % S, compiled at S = 29, called at S = 40000"),
    ("sw_wrap_int16_regrow_big", _mk(_sw("wrap"), _calls(extra=_slots_as(torch.int16),
                                                          sizes=((12, 0, {}), (16, 1, {"num_slots": 40000}))),
                                     MODES3),
     "int16 wrap, compiled at S = 29, called at S = 40000 (padding -1 wraps to int16(39999))"),
]


def _sw_marked(kind):
    inner = _sw(kind)

    def step(kv, cache, slots, table, lens, w):  # (the cache second: mark_dynamic marks its rows)
        return inner(kv, w, slots, table, lens, cache)
    return step


def _swap_w_cache(a):
    a[1], a[5] = a[5], a[1]
    return a


def _then(*fs):
    def f(a):
        for fn in fs:
            a = fn(a)
        return a
    return f


SW += [(f"sw_{k}_{dt}_marked", _mk(_sw_marked(k), _calls(extra=_then(_slots_as(getattr(torch, dt)), _swap_w_cache)),
                                    MODES3),
        f"slots {dt}, {k} by the cache rows; the cache's rows marked dynamic (the bound guard on a marked symbol)")
       for k, dt in (("wrap", "int32"), ("rem", "int16"))]


# --- 2. tr_: int32 (and narrower) flat token rows table[b, p // P] * P + p % P (_int32_token_rows) ------------------
def _tr(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens[:, None] - L + torch.arange(L, dtype=lens.dtype)).clamp(min=0)
        if kind == "i32":
            rows = table.gather(1, (pos // P).long()) * P + pos % P
        elif kind == "i32_const_P":  # the page size a literal
            rows = table.gather(1, (pos // 64).long()) * 64 + pos % 64
        elif kind == "i64_cast_i32":  # int64 arithmetic, the token row cast to int32 after
            rows = (table.long().gather(1, (pos // P).long()) * P + pos % P).int()
        elif kind == "i32_page_plus":  # (page + 1) * P - P + offset: a shift of the page ids in int32
            rows = (table.gather(1, (pos // P).long()) + 1) * P - P + pos % P
        elif kind == "i32_P_first":  # P * page, page on the right
            rows = P * table.gather(1, (pos // P).long()) + pos % P
        elif kind == "i16":
            rows = table.gather(1, (pos // P).long()) * P + pos % P
        else:
            raise ValueError(kind)
        tok = kv.flatten(0, 1)[rows.long()]
        write(cache, slots, completes(lens), pool(tok, w))
        return cache
    return step


TR = [(f"tr_{k}", _mk(_tr(k), _calls(index_dtype=dt, length_dtype=dt), MODES3), "flat token rows: " + k)
      for k, dt in (("i32", torch.int32), ("i32_const_P", torch.int32), ("i64_cast_i32", torch.int32),
                    ("i32_page_plus", torch.int32), ("i32_P_first", torch.int32), ("i16", torch.int16))]
TR += [("tr_i16_regrow", _mk(_tr("i16"), _calls(index_dtype=torch.int16, length_dtype=torch.int16,
                                                 sizes=((12, 0, {}), (16, 1, {"block_num": 600, "high_ids": True}))),
                             MODES3),
        "int16 token rows, compiled at 51 blocks, called at 600 (high page ids: page * 64 wraps int16 in eager)"),
       ("tr_i32_P_sym_regrow", _mk(_tr("i32"), _calls(index_dtype=torch.int32, length_dtype=torch.int32,
                                                      sizes=((12, 0, {}), (16, 1, {"P": 32, "pages": 8}))), MODES3),
        "int32 token rows, compiled at P = 64, called at P = 32 (the bound computed with P's hint)")]


# --- 3. ic_: int32 casts of int64 lengths / page ids / slots under symbolic sizes (_int32_sizes) ---------------------
def _ic(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        if kind == "lens_int":
            pos = (lens.int()[:, None] - L + torch.arange(L, dtype=torch.int32)).clamp(min=0)
            new = pool(kv[table.long().gather(1, (pos // P).long()), (pos % P).long()], w)
            write(cache, slots, completes(lens.int()), new)
            return cache
        if kind == "lens_int16":
            pos = (lens.to(torch.int16)[:, None] - L + torch.arange(L, dtype=torch.int16)).clamp(min=0)
            new = pool(kv[table.long().gather(1, (pos // P).long()), (pos % P).long()], w)
            write(cache, slots, completes(lens), new)
            return cache
        pos = positions(lens)
        if kind == "table_int":
            new = pool(kv[table.int().gather(1, pos // P).long(), pos % P], w)
        elif kind == "cols_int":
            new = pool(kv[table.gather(1, (pos // P).int().long()), pos % P], w)
        elif kind == "slots_int":
            new = pool(tokens(kv, table, pos), w)
            s = slots.int().long()
            cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
            return cache
        elif kind == "slots_int16":
            new = pool(tokens(kv, table, pos), w)
            s = slots.to(torch.int16).long()
            cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
            return cache
        elif kind == "pos_int_times_two":  # 2 * p in int32, halved: wraps past 2**30 positions
            p2 = (pos.int() * 2) // 2
            new = pool(kv[table.long().gather(1, (p2 // P).long()), (p2 % P).long()], w)
        else:
            raise ValueError(kind)
        write(cache, slots, completes(lens), new)
        return cache
    return step


IC = [(f"ic_{k}", _mk(_ic(k), _calls(index_dtype=torch.int64, length_dtype=torch.int64), MODES3), "int64 metadata: " + k)
      for k in ("lens_int", "lens_int16", "table_int", "cols_int", "slots_int", "slots_int16", "pos_int_times_two")]
IC += [("ic_slots_int16_regrow", _mk(_ic("slots_int16"), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                               extra=_big_cache(40000, torch.int64)), MODES3),
        "int64 slots cast to int16 on a 40000-row cache (written slots up to 39999)")]


# --- 4. ka_: a KV append into a stacked [2, NB, P, N, D] KV (split_stacked_writes), its values carrying a per-half
# low-precision constant; the fused step reads the K half as its pages, so the split append is kept -------------------
def _ka(kind):
    def step(kv, w, slots, table, lens, cache, kvpair, tok_slots, knew, vnew):
        D = cache.shape[-1]
        lo = torch.bfloat16 if "bf16" in kind else torch.float16
        if kind.startswith("scale"):
            pair = torch.stack((torch.full((D,), 0.1), torch.full((D,), 1 / 3))).to(lo)[:, None, None, :]
            vals = torch.stack((knew, vnew)) * pair
        elif kind.startswith("bias"):
            pair = torch.stack((torch.full((D,), 1 / 7), torch.full((D,), 1 / 3))).to(lo)[:, None, None, :]
            vals = torch.stack((knew, vnew)) + pair
        elif kind == "plain":
            vals = torch.stack((knew, vnew))
        elif kind == "cast_half":
            vals = torch.stack((knew, vnew)).half().float()
        else:
            raise ValueError(kind)
        kvpair.flatten(1, 2)[:, tok_slots] = vals.to(kvpair.dtype)
        h = 1 if kind.endswith("_v") else 0
        write(cache, slots, completes(lens), pool(tokens(kvpair[h], table, positions(lens)), w))
        return cache, kvpair
    return step


def _kv_pair(a):
    """kvpair: K = kv, V = kv * 2 (fp32); the append goes to token slots of pages nobody reads (finite there)."""
    kv, table = a[0], a[3]
    NB, P, N, D = kv.shape
    pair = torch.stack((kv, kv * 2)).float()
    owned = set(table.flatten().tolist())
    free = [p for p in range(NB) if p not in owned]
    B = a[4].shape[0]
    toks = torch.tensor([free[i % len(free)] * P + i // len(free) for i in range(B)], dtype=torch.int64)
    g = torch.Generator().manual_seed(3)
    knew = (torch.randint(-32, 33, (B, N, D), generator=g) / 16.0).float()
    vnew = (torch.randint(-32, 33, (B, N, D), generator=g) / 16.0).float()
    return a + [pair, toks, knew, vnew]


KA = [(f"ka_{k}", _mk(_ka(k), _calls(torch.float32, extra=_kv_pair), MODES3),
       "a stacked KV append carrying a per-half constant, the step on one half: " + k)
      for k in ("scale_half", "scale_half_v", "bias_half", "scale_bf16", "plain", "cast_half")]


# --- 5. pp_: rewrite._settle_pushed_pick after the round-57 fix: the pick of a stacked computation as the step's cache,
# every reader back on the user's pick ---------------------------------------------------------------------------------
def _bias(D, lo, pair=(1 / 7, 1 / 3)):
    return torch.stack((torch.full((D,), pair[0]), torch.full((D,), pair[1]))).to(lo)[:, None, None, :]


def _pp(kind):
    def step(kv, w, slots, table, lens, cache):
        D = cache.shape[-1]
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)[:, None, None]
        s = slots.long()
        if kind == "fp32_const":
            c = (torch.stack((cache, cache.flip(0))) + _bias(D, torch.float32))[1]
        else:
            c = (torch.stack((cache, cache.flip(0))) + _bias(D, torch.float16))[1]
        if kind == "ret_raw":  # the pick itself returned beside the write (an output that must keep the old values)
            return c.index_put((s,), torch.where(v, new.to(c.dtype), c[s])), c
        if kind == "read_after":  # a reduction of the pick used after the write
            out = c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
            return out, c.sum(0)
        if kind == "chained":  # two steps into the pick, one after the other
            out = c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
            return out.index_put((s,), torch.where(v, new2.to(c.dtype), out[s]))
        if kind == "inplace_pick":  # written in place into the pick, the pick returned
            c[s] = torch.where(v, new.to(c.dtype), c[s])
            return c
        return c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
    return step


PP = [(f"pp_{k}", _mk(_pp(k), _calls(torch.float32), MODES3), "the cache a pushed pick (round 57 C1 fixed): " + k)
      for k in ("bias_half", "fp32_const", "ret_raw", "read_after", "chained", "inplace_pick")]




# --- SECOND (written after the first try, not part of it): T1's rule (exactness.check_int_paths checks integer
# overflow only where every size is ``bounded``) through other sizes and dtypes -----------------------------------------
def _t1(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        if kind == "lens16_scaled":  # int16 lengths scaled by 128 and back: wraps at s = 256 (the capacity)
            s16 = (lens * 128) // 128
            pos = (s16.long()[:, None] - L + torch.arange(L)).clamp(min=0)
            write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
            return cache
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        if kind == "table8":  # int8 page ids times P in int8
            rows = table.gather(1, pos // P) * P + pos % P
        elif kind == "table16_plus":  # int16 (page + 2**14) * P - 2**14 * P: wraps for every page
            rows = (table.gather(1, pos // P) + 16384) * 2 - 32768 + (table.gather(1, pos // P) * (P - 2)) + pos % P
        elif kind == "table16_p32":  # int32 positions, int16 pages times an int32 P: promoted, no wrap (control)
            rows = table.gather(1, pos // P).int() * P + pos % P
        else:
            raise ValueError(kind)
        write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
        return cache
    return step


def _table_as(dt):
    def f(a):
        a[3] = a[3].to(dt)
        return a
    return f


T1 = [("t1_table8_regrow", _mk(_t1("table8"), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                     extra=_table_as(torch.int8),
                                                     sizes=((12, 0, {}), (16, 1, {"block_num": 100, "high_ids": True}))),
                                MODES3), "int8 page ids times P in int8 (51 then 100 blocks)"),
      ("t1_table16_plus_regrow", _mk(_t1("table16_plus"), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                                 extra=_table_as(torch.int16),
                                                                 sizes=((12, 0, {}), (16, 1, {"block_num": 600}))),
                                     MODES3), "int16 (page + 2**14) * 2 - 2**15 + page * (P - 2): wraps then unwraps"),
      ("t1_table16_p32_regrow", _mk(_t1("table16_p32"), _calls(index_dtype=torch.int64, length_dtype=torch.int64,
                                                               extra=_table_as(torch.int16),
                                                               sizes=((12, 0, {}), (16, 1, {"block_num": 600,
                                                                                             "high_ids": True}))),
                                    MODES3), "control: int16 page ids cast to int32 before times P"),
      ("t1_lens16_scaled_regrow", _mk(_t1("lens16_scaled"), _calls(index_dtype=torch.int64, length_dtype=torch.int16,
                                                                   sizes=((12, 0, {}), (16, 1, {"num_slots": 300}))),
                                      MODES3), "int16 lengths * 128 // 128 (wraps at the capacity 256), cache rows grown")]
SECOND = T1

ATTACKS = SW + TR + IC + KA + PP + SECOND


_FIRST = [
    ('sw_wrap_int16', 'inductor_graph', 'static', _EQ),
    ('sw_wrap_int16', 'inductor_graph', 'batch', _EQ),
    ('sw_wrap_int16', 'inductor_graph', 'dynamic', _EQ),
    ('sw_rem_int16', 'inductor_graph', 'static', _EQ),
    ('sw_rem_int16', 'inductor_graph', 'batch', _EQ),
    ('sw_rem_int16', 'inductor_graph', 'dynamic', _EQ),
    ('sw_wrap_int8', 'inductor_graph', 'static', _EQ),
    ('sw_wrap_int8', 'inductor_graph', 'batch', _EQ),
    ('sw_wrap_int8', 'inductor_graph', 'dynamic', _EQ),
    ('sw_rem_int8', 'inductor_graph', 'static', _EQ),
    ('sw_rem_int8', 'inductor_graph', 'batch', _EQ),
    ('sw_rem_int8', 'inductor_graph', 'dynamic', _EQ),
    ('sw_fmod_int8', 'inductor_graph', 'static', _R),
    ('sw_fmod_int8', 'inductor_graph', 'batch', _R),
    ('sw_fmod_int8', 'inductor_graph', 'dynamic', _R),
    ('sw_remainder_fn_int16', 'inductor_graph', 'static', _EQ),
    ('sw_remainder_fn_int16', 'inductor_graph', 'batch', _EQ),
    ('sw_remainder_fn_int16', 'inductor_graph', 'dynamic', _EQ),
    ('sw_two_dtypes_int8', 'inductor_graph', 'static', _EQ),
    ('sw_two_dtypes_int8', 'inductor_graph', 'batch', _EQ),
    ('sw_two_dtypes_int8', 'inductor_graph', 'dynamic', _EQ),
    ('sw_wrap_then_rem_int8', 'inductor_graph', 'static', _R),
    ('sw_wrap_then_rem_int8', 'inductor_graph', 'batch', _R),
    ('sw_wrap_then_rem_int8', 'inductor_graph', 'dynamic', _R),
    ('sw_wrap_other_cache_int16', 'inductor_graph', 'static', _EQ),
    ('sw_wrap_other_cache_int16', 'inductor_graph', 'batch', _EQ),
    ('sw_wrap_other_cache_int16', 'inductor_graph', 'dynamic', _EQ),
    ('sw_rem_int8_regrow', 'inductor_graph', 'static', _EQ),
    ('sw_rem_int8_regrow', 'inductor_graph', 'batch', _EQ),
    ('sw_rem_int8_regrow', 'inductor_graph', 'dynamic', _EQ),
    ('sw_rem_int16_regrow', 'inductor_graph', 'static', _EQ),
    ('sw_rem_int16_regrow', 'inductor_graph', 'batch', _EQ),
    ('sw_rem_int16_regrow', 'inductor_graph', 'dynamic', _EQ),
    ('sw_wrap_int16_regrow_big', 'inductor_graph', 'static', _EQ),
    ('sw_wrap_int16_regrow_big', 'inductor_graph', 'batch', _EQ),
    ('sw_wrap_int16_regrow_big', 'inductor_graph', 'dynamic', _EQ),
    ('sw_wrap_int32_marked', 'inductor_graph', 'static', _EQ),
    ('sw_wrap_int32_marked', 'inductor_graph', 'batch', _EQ),
    ('sw_wrap_int32_marked', 'inductor_graph', 'dynamic', _EQ),
    ('sw_rem_int16_marked', 'inductor_graph', 'static', _EQ),
    ('sw_rem_int16_marked', 'inductor_graph', 'batch', _EQ),
    ('sw_rem_int16_marked', 'inductor_graph', 'dynamic', _EQ),
    ('tr_i32', 'inductor_graph', 'static', _EQ),
    ('tr_i32', 'inductor_graph', 'batch', _EQ),
    ('tr_i32', 'inductor_graph', 'dynamic', _EQ),
    ('tr_i32_const_P', 'inductor_graph', 'static', _EQ),
    ('tr_i32_const_P', 'inductor_graph', 'batch', _EQ),
    ('tr_i32_const_P', 'inductor_graph', 'dynamic', _EQ),
    ('tr_i64_cast_i32', 'inductor_graph', 'static', _EQ),
    ('tr_i64_cast_i32', 'inductor_graph', 'batch', _EQ),
    ('tr_i64_cast_i32', 'inductor_graph', 'dynamic', _R),
    ('tr_i32_page_plus', 'inductor_graph', 'static', _EQ),
    ('tr_i32_page_plus', 'inductor_graph', 'batch', _EQ),
    ('tr_i32_page_plus', 'inductor_graph', 'dynamic', _EQ),
    ('tr_i32_P_first', 'inductor_graph', 'static', _EQ),
    ('tr_i32_P_first', 'inductor_graph', 'batch', _EQ),
    ('tr_i32_P_first', 'inductor_graph', 'dynamic', _EQ),
    ('tr_i16', 'inductor_graph', 'static', _EQ),
    ('tr_i16', 'inductor_graph', 'batch', _EQ),
    ('tr_i16', 'inductor_graph', 'dynamic', _R),
    ('tr_i16_regrow', 'inductor_graph', 'static', _EQ),
    ('tr_i16_regrow', 'inductor_graph', 'batch', _FF),
    ('tr_i16_regrow', 'inductor_graph', 'dynamic', _R),
    ('tr_i32_P_sym_regrow', 'inductor_graph', 'static', _EQ),
    ('tr_i32_P_sym_regrow', 'inductor_graph', 'batch', _EQ),
    ('tr_i32_P_sym_regrow', 'inductor_graph', 'dynamic', _EQ),
    ('ic_lens_int', 'inductor_graph', 'static', _EQ),
    ('ic_lens_int', 'inductor_graph', 'batch', _EQ),
    ('ic_lens_int', 'inductor_graph', 'dynamic', _R),
    ('ic_lens_int16', 'inductor_graph', 'static', _EQ),
    ('ic_lens_int16', 'inductor_graph', 'batch', _EQ),
    ('ic_lens_int16', 'inductor_graph', 'dynamic', _R),
    ('ic_table_int', 'inductor_graph', 'static', _EQ),
    ('ic_table_int', 'inductor_graph', 'batch', _EQ),
    ('ic_table_int', 'inductor_graph', 'dynamic', _EQ),
    ('ic_cols_int', 'inductor_graph', 'static', _EQ),
    ('ic_cols_int', 'inductor_graph', 'batch', _EQ),
    ('ic_cols_int', 'inductor_graph', 'dynamic', _EQ),
    ('ic_slots_int', 'inductor_graph', 'static', _EQ),
    ('ic_slots_int', 'inductor_graph', 'batch', _EQ),
    ('ic_slots_int', 'inductor_graph', 'dynamic', _EQ),
    ('ic_slots_int16', 'inductor_graph', 'static', _EQ),
    ('ic_slots_int16', 'inductor_graph', 'batch', _EQ),
    ('ic_slots_int16', 'inductor_graph', 'dynamic', _R),
    ('ic_pos_int_times_two', 'inductor_graph', 'static', _EQ),
    ('ic_pos_int_times_two', 'inductor_graph', 'batch', _EQ),
    ('ic_pos_int_times_two', 'inductor_graph', 'dynamic', _R),
    ('ic_slots_int16_regrow', 'inductor_graph', 'static', _R),
    ('ic_slots_int16_regrow', 'inductor_graph', 'batch', _R),
    ('ic_slots_int16_regrow', 'inductor_graph', 'dynamic', _R),
    ('ka_scale_half', 'inductor_graph', 'static', _EQ),
    ('ka_scale_half', 'inductor_graph', 'batch', _EQ),
    ('ka_scale_half', 'inductor_graph', 'dynamic', _EQ),
    ('ka_scale_half_v', 'inductor_graph', 'static', _EQ),
    ('ka_scale_half_v', 'inductor_graph', 'batch', _EQ),
    ('ka_scale_half_v', 'inductor_graph', 'dynamic', _EQ),
    ('ka_bias_half', 'inductor_graph', 'static', _EQ),
    ('ka_bias_half', 'inductor_graph', 'batch', _EQ),
    ('ka_bias_half', 'inductor_graph', 'dynamic', _EQ),
    ('ka_scale_bf16', 'inductor_graph', 'static', _EQ),
    ('ka_scale_bf16', 'inductor_graph', 'batch', _EQ),
    ('ka_scale_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('ka_plain', 'inductor_graph', 'static', _EQ),
    ('ka_plain', 'inductor_graph', 'batch', _EQ),
    ('ka_plain', 'inductor_graph', 'dynamic', _EQ),
    ('ka_cast_half', 'inductor_graph', 'static', _EQ),
    ('ka_cast_half', 'inductor_graph', 'batch', _EQ),
    ('ka_cast_half', 'inductor_graph', 'dynamic', _EQ),
    ('pp_bias_half', 'inductor_graph', 'static', _EQ),
    ('pp_bias_half', 'inductor_graph', 'batch', _EQ),
    ('pp_bias_half', 'inductor_graph', 'dynamic', _EQ),
    ('pp_fp32_const', 'inductor_graph', 'static', _EQ),
    ('pp_fp32_const', 'inductor_graph', 'batch', _EQ),
    ('pp_fp32_const', 'inductor_graph', 'dynamic', _EQ),
    ('pp_ret_raw', 'inductor_graph', 'static', _EQ),
    ('pp_ret_raw', 'inductor_graph', 'batch', _EQ),
    ('pp_ret_raw', 'inductor_graph', 'dynamic', _EQ),
    ('pp_read_after', 'inductor_graph', 'static', _EQ),
    ('pp_read_after', 'inductor_graph', 'batch', _EQ),
    ('pp_read_after', 'inductor_graph', 'dynamic', _EQ),
    ('pp_chained', 'inductor_graph', 'static', _EQ),
    ('pp_chained', 'inductor_graph', 'batch', _EQ),
    ('pp_chained', 'inductor_graph', 'dynamic', _EQ),
    ('pp_inplace_pick', 'inductor_graph', 'static', _EQ),
    ('pp_inplace_pick', 'inductor_graph', 'batch', _EQ),
    ('pp_inplace_pick', 'inductor_graph', 'dynamic', _EQ),
    ('sw_wrap_int16', 'torchair_like', 'static', _EQ),
    ('sw_wrap_int16', 'torchair_like', 'batch', _EQ),
    ('sw_wrap_int16', 'torchair_like', 'dynamic', _EQ),
    ('sw_rem_int16', 'torchair_like', 'static', _EQ),
    ('sw_rem_int16', 'torchair_like', 'batch', _EQ),
    ('sw_rem_int16', 'torchair_like', 'dynamic', _EQ),
    ('sw_wrap_int8', 'torchair_like', 'static', _EQ),
    ('sw_wrap_int8', 'torchair_like', 'batch', _EQ),
    ('sw_wrap_int8', 'torchair_like', 'dynamic', _EQ),
    ('sw_rem_int8', 'torchair_like', 'static', _EQ),
    ('sw_rem_int8', 'torchair_like', 'batch', _EQ),
    ('sw_rem_int8', 'torchair_like', 'dynamic', _EQ),
    ('sw_fmod_int8', 'torchair_like', 'static', _R),
    ('sw_fmod_int8', 'torchair_like', 'batch', _R),
    ('sw_fmod_int8', 'torchair_like', 'dynamic', _R),
    ('sw_remainder_fn_int16', 'torchair_like', 'static', _EQ),
    ('sw_remainder_fn_int16', 'torchair_like', 'batch', _EQ),
    ('sw_remainder_fn_int16', 'torchair_like', 'dynamic', _EQ),
    ('sw_two_dtypes_int8', 'torchair_like', 'static', _EQ),
    ('sw_two_dtypes_int8', 'torchair_like', 'batch', _EQ),
    ('sw_two_dtypes_int8', 'torchair_like', 'dynamic', _EQ),
    ('sw_wrap_then_rem_int8', 'torchair_like', 'static', _R),
    ('sw_wrap_then_rem_int8', 'torchair_like', 'batch', _R),
    ('sw_wrap_then_rem_int8', 'torchair_like', 'dynamic', _R),
    ('sw_wrap_other_cache_int16', 'torchair_like', 'static', _EQ),
    ('sw_wrap_other_cache_int16', 'torchair_like', 'batch', _EQ),
    ('sw_wrap_other_cache_int16', 'torchair_like', 'dynamic', _EQ),
    ('sw_rem_int8_regrow', 'torchair_like', 'static', _EQ),
    ('sw_rem_int8_regrow', 'torchair_like', 'batch', _EQ),
    ('sw_rem_int8_regrow', 'torchair_like', 'dynamic', _EQ),
    ('sw_rem_int16_regrow', 'torchair_like', 'static', _EQ),
    ('sw_rem_int16_regrow', 'torchair_like', 'batch', _EQ),
    ('sw_rem_int16_regrow', 'torchair_like', 'dynamic', _EQ),
    ('sw_wrap_int16_regrow_big', 'torchair_like', 'static', _EQ),
    ('sw_wrap_int16_regrow_big', 'torchair_like', 'batch', _EQ),
    ('sw_wrap_int16_regrow_big', 'torchair_like', 'dynamic', _EQ),
    ('sw_wrap_int32_marked', 'torchair_like', 'static', _EQ),
    ('sw_wrap_int32_marked', 'torchair_like', 'batch', _EQ),
    ('sw_wrap_int32_marked', 'torchair_like', 'dynamic', _EQ),
    ('sw_rem_int16_marked', 'torchair_like', 'static', _EQ),
    ('sw_rem_int16_marked', 'torchair_like', 'batch', _EQ),
    ('sw_rem_int16_marked', 'torchair_like', 'dynamic', _EQ),
    ('tr_i32', 'torchair_like', 'static', _EQ),
    ('tr_i32', 'torchair_like', 'batch', _EQ),
    ('tr_i32', 'torchair_like', 'dynamic', _EQ),
    ('tr_i32_const_P', 'torchair_like', 'static', _EQ),
    ('tr_i32_const_P', 'torchair_like', 'batch', _EQ),
    ('tr_i32_const_P', 'torchair_like', 'dynamic', _EQ),
    ('tr_i64_cast_i32', 'torchair_like', 'static', _EQ),
    ('tr_i64_cast_i32', 'torchair_like', 'batch', _EQ),
    ('tr_i64_cast_i32', 'torchair_like', 'dynamic', _R),
    ('tr_i32_page_plus', 'torchair_like', 'static', _EQ),
    ('tr_i32_page_plus', 'torchair_like', 'batch', _EQ),
    ('tr_i32_page_plus', 'torchair_like', 'dynamic', _EQ),
    ('tr_i32_P_first', 'torchair_like', 'static', _EQ),
    ('tr_i32_P_first', 'torchair_like', 'batch', _EQ),
    ('tr_i32_P_first', 'torchair_like', 'dynamic', _EQ),
    ('tr_i16', 'torchair_like', 'static', _EQ),
    ('tr_i16', 'torchair_like', 'batch', _EQ),
    ('tr_i16', 'torchair_like', 'dynamic', _R),
    ('tr_i16_regrow', 'torchair_like', 'static', _EQ),
    ('tr_i16_regrow', 'torchair_like', 'batch', _FF),
    ('tr_i16_regrow', 'torchair_like', 'dynamic', _R),
    ('tr_i32_P_sym_regrow', 'torchair_like', 'static', _EQ),
    ('tr_i32_P_sym_regrow', 'torchair_like', 'batch', _EQ),
    ('tr_i32_P_sym_regrow', 'torchair_like', 'dynamic', _EQ),
    ('ic_lens_int', 'torchair_like', 'static', _EQ),
    ('ic_lens_int', 'torchair_like', 'batch', _EQ),
    ('ic_lens_int', 'torchair_like', 'dynamic', _R),
    ('ic_lens_int16', 'torchair_like', 'static', _EQ),
    ('ic_lens_int16', 'torchair_like', 'batch', _EQ),
    ('ic_lens_int16', 'torchair_like', 'dynamic', _R),
    ('ic_table_int', 'torchair_like', 'static', _EQ),
    ('ic_table_int', 'torchair_like', 'batch', _EQ),
    ('ic_table_int', 'torchair_like', 'dynamic', _EQ),
    ('ic_cols_int', 'torchair_like', 'static', _EQ),
    ('ic_cols_int', 'torchair_like', 'batch', _EQ),
    ('ic_cols_int', 'torchair_like', 'dynamic', _EQ),
    ('ic_slots_int', 'torchair_like', 'static', _EQ),
    ('ic_slots_int', 'torchair_like', 'batch', _EQ),
    ('ic_slots_int', 'torchair_like', 'dynamic', _EQ),
    ('ic_slots_int16', 'torchair_like', 'static', _EQ),
    ('ic_slots_int16', 'torchair_like', 'batch', _EQ),
    ('ic_slots_int16', 'torchair_like', 'dynamic', _R),
    ('ic_pos_int_times_two', 'torchair_like', 'static', _EQ),
    ('ic_pos_int_times_two', 'torchair_like', 'batch', _EQ),
    ('ic_pos_int_times_two', 'torchair_like', 'dynamic', _R),
    ('ic_slots_int16_regrow', 'torchair_like', 'static', _R),
    ('ic_slots_int16_regrow', 'torchair_like', 'batch', _R),
    ('ic_slots_int16_regrow', 'torchair_like', 'dynamic', _R),
    ('ka_scale_half', 'torchair_like', 'static', _EQ),
    ('ka_scale_half', 'torchair_like', 'batch', _EQ),
    ('ka_scale_half', 'torchair_like', 'dynamic', _EQ),
    ('ka_scale_half_v', 'torchair_like', 'static', _EQ),
    ('ka_scale_half_v', 'torchair_like', 'batch', _EQ),
    ('ka_scale_half_v', 'torchair_like', 'dynamic', _EQ),
    ('ka_bias_half', 'torchair_like', 'static', _EQ),
    ('ka_bias_half', 'torchair_like', 'batch', _EQ),
    ('ka_bias_half', 'torchair_like', 'dynamic', _EQ),
    ('ka_scale_bf16', 'torchair_like', 'static', _EQ),
    ('ka_scale_bf16', 'torchair_like', 'batch', _EQ),
    ('ka_scale_bf16', 'torchair_like', 'dynamic', _EQ),
    ('ka_plain', 'torchair_like', 'static', _EQ),
    ('ka_plain', 'torchair_like', 'batch', _EQ),
    ('ka_plain', 'torchair_like', 'dynamic', _EQ),
    ('ka_cast_half', 'torchair_like', 'static', _EQ),
    ('ka_cast_half', 'torchair_like', 'batch', _EQ),
    ('ka_cast_half', 'torchair_like', 'dynamic', _EQ),
    ('pp_bias_half', 'torchair_like', 'static', _EQ),
    ('pp_bias_half', 'torchair_like', 'batch', _EQ),
    ('pp_bias_half', 'torchair_like', 'dynamic', _EQ),
    ('pp_fp32_const', 'torchair_like', 'static', _EQ),
    ('pp_fp32_const', 'torchair_like', 'batch', _EQ),
    ('pp_fp32_const', 'torchair_like', 'dynamic', _EQ),
    ('pp_ret_raw', 'torchair_like', 'static', _EQ),
    ('pp_ret_raw', 'torchair_like', 'batch', _EQ),
    ('pp_ret_raw', 'torchair_like', 'dynamic', _EQ),
    ('pp_read_after', 'torchair_like', 'static', _EQ),
    ('pp_read_after', 'torchair_like', 'batch', _EQ),
    ('pp_read_after', 'torchair_like', 'dynamic', _EQ),
    ('pp_chained', 'torchair_like', 'static', _EQ),
    ('pp_chained', 'torchair_like', 'batch', _EQ),
    ('pp_chained', 'torchair_like', 'dynamic', _EQ),
    ('pp_inplace_pick', 'torchair_like', 'static', _EQ),
    ('pp_inplace_pick', 'torchair_like', 'batch', _EQ),
    ('pp_inplace_pick', 'torchair_like', 'dynamic', _EQ),
]
_LATER = [
    ('tr_i16_regrow', 'inductor', 'static', _EQ),
    ('tr_i16_regrow', 'inductor', 'batch', _FF),
    ('tr_i16_regrow', 'inductor', 'dynamic', _R),
    ('ka_scale_half', 'inductor', 'static', _FF),
    ('ka_scale_half', 'inductor', 'batch', _FF),
    ('ka_scale_half', 'inductor', 'dynamic', _FF),
    ('ka_scale_half_v', 'inductor', 'static', _FF),
    ('ka_scale_half_v', 'inductor', 'batch', _FF),
    ('ka_scale_half_v', 'inductor', 'dynamic', _FF),
    ('ka_bias_half', 'inductor', 'static', _FF),
    ('ka_bias_half', 'inductor', 'batch', _FF),
    ('ka_bias_half', 'inductor', 'dynamic', _FF),
    ('ka_scale_bf16', 'inductor', 'static', _FF),
    ('ka_scale_bf16', 'inductor', 'batch', _FF),
    ('ka_scale_bf16', 'inductor', 'dynamic', _FF),
    ('ka_plain', 'inductor', 'static', _EQ),
    ('ka_plain', 'inductor', 'batch', _EQ),
    ('ka_plain', 'inductor', 'dynamic', _EQ),
    ('ka_cast_half', 'inductor', 'static', _EQ),
    ('ka_cast_half', 'inductor', 'batch', _EQ),
    ('ka_cast_half', 'inductor', 'dynamic', _EQ),
    ('pp_bias_half', 'inductor', 'static', _EQ),
    ('pp_bias_half', 'inductor', 'batch', _EQ),
    ('pp_bias_half', 'inductor', 'dynamic', _EQ),
    ('pp_fp32_const', 'inductor', 'static', _EQ),
    ('pp_fp32_const', 'inductor', 'batch', _EQ),
    ('pp_fp32_const', 'inductor', 'dynamic', _EQ),
    ('pp_ret_raw', 'inductor', 'static', _EQ),
    ('pp_ret_raw', 'inductor', 'batch', _EQ),
    ('pp_ret_raw', 'inductor', 'dynamic', _EQ),
    ('pp_read_after', 'inductor', 'static', _EQ),
    ('pp_read_after', 'inductor', 'batch', _EQ),
    ('pp_read_after', 'inductor', 'dynamic', _EQ),
    ('pp_chained', 'inductor', 'static', _EQ),
    ('pp_chained', 'inductor', 'batch', _EQ),
    ('pp_chained', 'inductor', 'dynamic', _EQ),
    ('pp_inplace_pick', 'inductor', 'static', _EQ),
    ('pp_inplace_pick', 'inductor', 'batch', _EQ),
    ('pp_inplace_pick', 'inductor', 'dynamic', _EQ),
    ('t1_table8_regrow', 'inductor_graph', 'static', _R),
    ('t1_table8_regrow', 'inductor_graph', 'batch', _R),
    ('t1_table8_regrow', 'inductor_graph', 'dynamic', _R),
    ('t1_table16_plus_regrow', 'inductor_graph', 'static', _R),
    ('t1_table16_plus_regrow', 'inductor_graph', 'batch', _FF),
    ('t1_table16_plus_regrow', 'inductor_graph', 'dynamic', _R),
    ('t1_table16_p32_regrow', 'inductor_graph', 'static', _EQ),
    ('t1_table16_p32_regrow', 'inductor_graph', 'batch', _EQ),
    ('t1_table16_p32_regrow', 'inductor_graph', 'dynamic', _EQ),
    ('t1_lens16_scaled_regrow', 'inductor_graph', 'static', _R),
    ('t1_lens16_scaled_regrow', 'inductor_graph', 'batch', _R),
    ('t1_lens16_scaled_regrow', 'inductor_graph', 'dynamic', _R),
    ('t1_table8_regrow', 'torchair_like', 'static', _R),
    ('t1_table8_regrow', 'torchair_like', 'batch', _R),
    ('t1_table8_regrow', 'torchair_like', 'dynamic', _R),
    ('t1_table16_plus_regrow', 'torchair_like', 'static', _R),
    ('t1_table16_plus_regrow', 'torchair_like', 'batch', _FF),
    ('t1_table16_plus_regrow', 'torchair_like', 'dynamic', _R),
    ('t1_table16_p32_regrow', 'torchair_like', 'static', _EQ),
    ('t1_table16_p32_regrow', 'torchair_like', 'batch', _EQ),
    ('t1_table16_p32_regrow', 'torchair_like', 'dynamic', _EQ),
    ('t1_lens16_scaled_regrow', 'torchair_like', 'static', _R),
    ('t1_lens16_scaled_regrow', 'torchair_like', 'batch', _R),
    ('t1_lens16_scaled_regrow', 'torchair_like', 'dynamic', _R),
]


def classify58(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-57)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify58)
