"""Sixty-second adversarial review of the recogniser (round 62; a877247 frozen at /tmp/base67: round 61's Q1 fix --
exactness._picked_by_value, _carries_integers through tuple ops, an add's alpha as a number or size,
fusion_pass._specialize refusing a guard false at the compiled sizes -- and be22303, round 60's M2 fix:
evaluate.guard_breaks_a_marked_dim / _marked_dims holding every guard the pass installs to dynamo's dim constraints,
automatic-dynamic (warn_only) dims taking guards again; and the whole recogniser through them).

Same format as redteam43 .. redteam61: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify62`.  The two findings need what the runner cannot do (a ``mark_dynamic`` range;
inputs that share storage, which the runner clones apart): their repros are functions of this file, ``--t1`` and
``--a1`` (add ``--dialect inductor_graph|torchair_like`` for the graph dialects; real Inductor by default).

    cp /work/main/tests/corpora/redteam62.py /tmp/base67/tests/corpora/ && cd /tmp/base67 && \\
    PYTHONPATH=/tmp/base67 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam62.py [--dialect D] [--mode M] [name ...]
    ... tests/corpora/redteam62.py --t1 [--dialect inductor|inductor_graph|torchair_like]     (T1)
    ... tests/corpora/redteam62.py --a1 [--dialect inductor|inductor_graph|torchair_like]     (A1)

First try on the frozen tree (``_FIRST``; /tmp/base67 = a877247, by this machine's ``date -u`` 2026-12-06, one
process at a time, theme by theme as each was written: tq1_ inductor_graph 23:36:35-23:37:35; ad_ inductor_graph
23:37:37-23:38:09; tq1_ + ad_ torchair_like 23:38:11-23:39:35): 24 attacks, 72 runs per graph dialect (every attack
in static, batch, dynamic):

    inductor_graph  72 runs: 0 FALSE FUSION / 0 CRASH / 26 fused & equal / 46 refused / 0 control differs
    torchair_like   72 runs: 0 FALSE FUSION / 0 CRASH / 26 fused & equal / 46 refused / 0 control differs

Per theme (inductor_graph | torchair_like, the same in both):
  tq1_ 20 red team 61 Q1's tuple ops at B = 1 (BatchPlan never runs) on every integer path OTHER than the page ids
         (which _picked_by_value now covers): slots (min.dim / sort / unbind of ``stack([slots, 63])``), the page
         column ``pos // P`` (8 pages, length 480), the offset ``pos % P``, the positions, the lengths; float page
         ids through frexp (Q1 lead 4), page ids picked by min.dim's INDICES or argmin, tensor_split, and split /
         unbind / chunk controls on the page ids:             14 EQ (the 3 page-id controls and col_unbind in every
         mode, tensor_split static / batch) / 46 R  -- slots: check_slot_path ("computed with getitem / select",
         the unbind control too: the slot walk takes no getitem, a safe loss); column, offset,
         positions: the gather probe (static capacity: every qualifying length probed) or, under dynamic=True,
         _check_length_ops ("min.dim computes from the lengths in None"); lengths: the mask probe / the mask's
         dynamic-capacity rule; frexp, min.dim-indices: _picked_by_value; argmin: _TABLE_SAFE.
  ad_   4 be22303's relaxation (automatic-dynamic dims take guards again): int16 ``page * 64`` read flat, B = 12, the
         block count 300 -> 500 -> 600 over three calls (batch mode: the second call recompiles with the blocks
         automatic-dynamic and guards ``blocks <= 512``; the third is past it), also with the capacity 4 -> 8 pages
         or the cache rows 29 -> 100 -> 200; an int32 control:  12 EQ ("fused 2" static: three static graphs, the
         600-block one refused; "fused 2" batch: the automatic-dynamic graph guarded ``blocks <= 512``, the third
         call recompiled and refused; "fused 1" dynamic: the same from the first call; equal on every call)

Standalone first tries (real Inductor, nsa_fusion_backend; scripts /tmp/rt62/*.py, outputs /tmp/rt62/*.txt), in order:

* tied_range.py (23:31:51-23:32:41), theme "a guard on a symbol dynamo TIED to a marked dim" as first written: 6
  cases x pass off / on, dynamic=None: all 12 CONTROL CRASHES TOO (an attack bug: without dynamic=True the unmarked
  extra input's dim is static, and the tie itself specializes the marked dim, pass off too).
* tied_range.py rerun with dynamic=True (23:32:44-23:33:42): i16_mark_kv_range_tie and i16_mark_kv_range_tie_yfirst
  CRASH with the pass (ConstraintViolationError), pass off equal: T1.  i16_mark_y_range(_yfirst) (the range on the
  extra input) refused ("narrows that range"); pval_mark_y_plain / pval_mark_y_range: control crashes too (an attack bug:
  P = 32 = l, so y's size also meets the window length, static; redone with P = 64 in tied_p.py, below).
* tied2 (23:33:56-23:34:41): flat_mark_kvf_range_tie CRASH (rewrite._divides' ``rows % 32 == 0``), pass off equal:
  T1 (b); d_mark_y_plain refused; d_mark_y_plain_i64 fused & equal (no guard on D); flat_mark_y_range refused.
* tied3 (23:34:45-23:35:23): d_mark_kv_plain_tie refused (there dynamo kept kv's own symbol); p_mark_kv_plain_tie
  control crashes too; d_mark_kv_plain_notie_control refused.
* alias.py (23:40:55-23:41:27) theme "the cache sharing the paged KV's storage": aliased AT the compile: refused
  (AOTAutograd's synthetic base: "as_strided reads the storage of arg0_1 at an absolute storage offset"), static and
  dynamic; alias2 (23:41:35-23:42:02) kv or the cache as a module buffer: refused the same way; alias3
  (23:42:12-23:42:40) a first call with a cache of its own, then the aliased one: FALSE FUSION, pass off equal: A1.
* a1w.py (23:45:56-23:46:15): the weight a view of the cache's storage, same sequence: equal (see Not found).

Later runs (``_LATER``, not the first try):

* Real Inductor (``--dialect inductor``, 23:42:59-23:44:06): ad_* (12 runs: 12 EQ) and tq1_page_frexp,
  tq1_page_frexp_mantissa, tq1_page_max_indices_pick (9 runs: 9 R), as in the graph dialects.
* /tmp/rt62/dbg.py (about 23:40): T1's mechanism (guard_breaks_a_marked_dim spied): ``SPY s17 at_most 1024 -> None |
  marked: {'s91': 'StrictMinMaxConstraint'} | replacements: {'s91': 's17'} | sources: {'s17': ["L['y'].size()[0]"]}``.
* ``--t1`` (this file, 23:44:27-23:44:54) and ``--a1`` (real Inductor 23:44:56-23:45:21; inductor_graph and
  torchair_like 23:45:29-23:45:46): the findings below, reproduced from this file.
* tied_names.py (23:47:25-23:47:56): a plain mark on kv's head dim D tied to an extra input under five argument
  names: refused every time (dynamo keeps kv's s64).  tied_p.py (23:48:04-23:48:29): the page size used as a value
  (``pos // P``, P = 64) with ``y`` of [P] tied to it and a PLAIN ``mark_dynamic(kv, 1)``: CRASH (T1 (c)); with
  ``min=2, max=4096``: CRASH; the mark on y: refused.
* ``--t1`` with T1 (c) added (real Inductor 23:48:39-23:49:16; inductor_graph and torchair_like 23:49:21-23:49:52):
  int16_pages_mark_kv_tied, flat_kv_mark_kvf_tied, page_size_mark_kv_tied CRASH with the pass and equal without it
  in all three dialects; the two mirror images (mark on y) refused.

FOUND:

* T1 CRASH (real Inductor, inductor_graph and torchair_like; dynamic=True; a dim the user marked dynamic -- with a
  range, or plain -- that the program TIES to a size of another, unmarked input; the pass-off control compiles and
  equals eager).  Minimal (``--t1``,
  int16_pages_mark_kv_tied; build(B=12, P=32, block_num=600, high_ids=True), int16 table):

      def step(kv, w, slots, table, lens, cache, y):             # y: float16 [kv.shape[0]]
          P = kv.shape[1]
          pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
          rows = table.gather(1, pos // P) * P + pos % P          # int16 page * 32: the proof needs blocks <= 1024
          write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
          return cache, y + kv[:, 0, 0, 0]                       # ties y.shape[0] to kv.shape[0]
      torch._dynamo.mark_dynamic(kv, 0, min=2, max=100000)
      torch.compile(step, backend=nsa_fusion_backend, fullgraph=True, dynamic=True)(kv, w, slots, table, lens, cache, y)

      pass off: equal
      pass on : fused "guarded s31 == 2, s64 == 16, s17 <= 1024", then CRASH ConstraintViolationError: Constraints
                violated (L['kv'].size()[0])! Not all values of L['kv'].size()[0] in the specified range
                L['kv'].size()[0] <= 100000 satisfy the generated guard 2 <= L['kv'].size()[0] and
                L['kv'].size()[0] <= 1024
      (the same with the range on y instead: refused, "s17 is a dim marked dynamic in [2, 100000]")

  (b) flat_kv_mark_kvf_tied: a flat KV ``kvf [NB * 32, N, D]`` read at ``page * 32 + pos % 32`` with ``y`` of [NB * 32]
  added to ``kvf[:, 0, 0]`` and ``mark_dynamic(kvf, 0, min=2, max=10**6)``: CRASH "... satisfy the generated guard
  (L['kvf'].size()[0] % 32) == 0" (rewrite._divides), pass off equal.
  (c) page_size_mark_kv_tied: round 59's M1 through a tie, NO range needed -- the int64 contract with ``pos // P``
  (P = kv.shape[1] = 64, a size used as a value, guarded to 64), ``y`` of [P] added to ``kv[0, :, 0, 0]``, a plain
  ``mark_dynamic(kv, 1)``: fused "guarded s17 == 64", then CRASH "You marked L['kv'].size()[1] as dynamic but your
  code specialized it to be a constant (64)"; pass off equal (also with ``min=2, max=4096``).
  Why (dbg.py): the tie ``Eq(s91, s17)`` makes dynamo REPLACE the marked symbol s91 (kv.size(0)) by y's s17
  (``ShapeEnv.replacements {s91: s17}``), and every size the pass reads is in s17.  evaluate._marked_dims maps a
  symbol to a constraint only through ``env.var_to_sources[sym]`` (s17's sources: ``L['y'].size()[0]``, unmarked), so
  guard_breaks_a_marked_dim(env, s17, ...) answers None, verify.Recognizer._refuse_marked_specializations lets the
  bound through, fusion_pass._specialize installs ``s17 <= 1024``, and produce_guards finds kv.size(0)'s range
  narrowed.  Rules at fault: nsa_fusion/patterns/evaluate.py: _marked_dims (and so guard_breaks_a_marked_dim's every
  caller: verify._refuse_marked_specializations, rewrite._divides, rewrite._unguardable, pool_tables._short_page_list).
  Fix direction: map constraints through the replacements -- for every marked symbol ``m`` also mark the free
  symbols of ``env.replace(m)`` (``env.replacements`` / ``env._find``) with m's constraint (for a range, the range
  of the expression; an affine replacement ``m -> 2 * s`` narrows s's allowed range accordingly, or refuse), or
  simply: test the guard on the constraint sources' own expressions (``env.replace`` of every marked source's
  symbol) rather than on the guarded expression's symbols.

* A1 FALSE FUSION (inductor_graph, torchair_like AND real Inductor; static and dynamic=True; the pass-off control
  equal to eager on every call): the cache passed in as a VIEW OF THE PAGED KV's STORAGE on a later call of a graph
  compiled (and fused) for separate tensors.  verify.Recognizer.check_cache_aliases_no_input refuses a cache carved
  out of the paged input (red team 11 F3), and a first call with aliased inputs is refused too (AOTAutograd's
  synthetic base); but nothing guards the compiled graph against inputs that alias on a LATER call: dynamo reuses
  it (no recompile: one "fused" event), and the fused op writes row b's slot while later rows still read their
  windows.  Minimal (``--a1``; build(B=12, lengths=[48] * 12), every window on column 0, kv's NaN made 0):

      step = contract                                       # the reference spelling
      fn = torch.compile(step, backend=nsa_fusion_backend, fullgraph=True, dynamic=False)   # (or True)
      fn(kv1, w, slots, table, lens, cache1)                # own storage: fused, equal
      start = int(table[11, 0]) * P                         # the LAST row's window page
      cache2 = kv2.view(-1, N, D)[start:start + S]          # a compressed cache carved out of the pool
      fn(kv2, w, slots, table, lens, cache2)                # same sizes: the fused graph runs

      inductor / inductor_graph / torchair_like, static and dynamic=True:
          pass off ['own: equal', 'aliased: equal'];  pass on ['own: equal', 'aliased: DIFFERS (2 rows)']
      (the two rows are one: cache row 4, row 11's slot, seen through the cache and through kv; rows 0-3, 7 and 10
      wrote slots 17, 26, 16, 22, 23, 25 -- tokens 16..47 of page 24, row 11's window -- before the fused op read
      it; eager read it first: /tmp/rt62/a1row.py, 23:50)

  Rule at fault: nsa_fusion/patterns/verify.py: Recognizer.check_cache_aliases_no_input (holds only for the
  aliasing visible in the traced graph; the fused graph carries no guard that the cache and the paged input stay
  disjoint) with the fused op's order (nsa_fusion/ops.py and the lowerings: write as each row completes).  Fix
  direction: make the op eager-exact under any overlap -- compute every row's new value before writing any (a
  [B, N, D] temporary; eager's order), or check at run time (storage identity and byte ranges of cache vs kv, a
  host-side pointer check, no sync) and take the two-phase path there; or install a storage-overlap guard for the
  cache and the paged input's sources (dynamo's ``install_storage_overlapping_guard`` style) so an aliased call
  recompiles (and is refused).  The weight needs nothing (a1w: it is cast to fp32, a copy, before the op).

Not found (equal or refused; the idea each tried):

* tq1_: Q1's tuple ops on slots, page columns, offsets, positions and lengths at B = 1 (the slot walk, the gather /
  mask probes at a static capacity and _check_length_ops at a dynamic one refuse them); frexp of float page ids
  (Q1 lead 4) and min.dim's indices as a picker: refused by _picked_by_value; split / unbind / chunk /
  tensor_split on page ids: fused and equal (pieces, no choice).
* ad_: be22303's relaxation: a bound installed on an automatic-dynamic block count holds -- the call past it
  recompiles and is refused there, equal on every call, all three dialects (batch mode is automatic dynamic).
* T1's mirror images: the range on the extra input (dynamo keeps that symbol: refused), a plain mark on kv's head
  dim tied to an extra input (dynamo kept kv's symbol: refused) -- whether a tie crashes depends on which symbol
  dynamo keeps, so the fix must not rely on the direction.
* Aliasing at the compile (kv or cache as module buffers, or both arguments): refused (synthetic base); the weight
  aliasing the cache on a later call (a1w): equal.

Read, not demonstrated: (1) T1's other callers: rewrite._unguardable (a stacked split's G guarded equal) and
pool_tables._short_page_list (a page list's length) read guard_breaks_a_marked_dim the same way; a tie that makes a
marked dim's symbol the replaced one crashes them likewise.  (2) guard_breaks_a_marked_dim's "at_most" exemption
needs ``expr == sym``: a compound bound (``64 * s <= 2**31 - 1``, _int32_sizes) on a dim with a range is refused even
where the range implies it (safe; a lost fusion).  (3) sizes.Generalize._generalize drops the rerun's bounds (round
61 lead 3): the bounds that depend on a moving size (int16 ``page * P``) have P pinned by size_values (a size used as
a value), so the hint's bound is the rerun's; not attacked further.  (4) torchair's aten.arange interval at the hint
(round 61 lead 1): not attacked (time).  (5) A1 extends to any input the op reads while writing, were another read
directly (kv is; the weight is copied; table, lengths and slots are integer tensors, never the float cache's storage
in a model, but an int cache through ``view(dtype)`` was not tried).

Fixed (1a7875b, by the maintainers after this review): T1 -- a marked dim's constraint is carried to the free symbols
of dynamo's replacement of its symbol (evaluate._marked_dims via ``ShapeEnv.replace``): ``--t1`` in real Inductor,
inductor_graph and torchair_like: every case compiles, equal to eager, the step refused ("s17 is a dim marked
dynamic ..."; the flat KV case left as written and refused later).  A1 -- every kernel computes all rows before it
writes where the cache shares storage with the paged KV or the block table (native: a buffer copied in after; Triton:
a copy of the cache; the NPU op and its eager entry: the portable kernel): ``--a1`` equal in every dialect and mode,
pass on and off.
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


# ONE row (B = 1: static in every mode, sizes.SizesProof.check_rows returns early and BatchPlan never runs), the row's
# length qualifying (112, then 240), 600 blocks with high ids (redteam61's _ONE)
_ONE = ((1, 0, {"block_num": 600, "high_ids": True, "lengths": [112]}),
        (1, 1, {"block_num": 600, "high_ids": True, "lengths": [240]}))
# the same with 8 pages (capacity 512) and a length past the fourth page
_ONE8 = ((1, 0, {"block_num": 600, "high_ids": True, "lengths": [112], "pages": 8}),
         (1, 1, {"block_num": 600, "high_ids": True, "lengths": [480], "pages": 8}))
# the same, 600 cache rows, slots from the top
_ONE_SLOTS = ((1, 0, {"block_num": 600, "high_ids": True, "lengths": [112], "num_slots": 600, "high_slots": True}),
              (1, 1, {"block_num": 600, "high_ids": True, "lengths": [240], "num_slots": 600, "high_slots": True}))


def _pair_min(x, cap, how):
    """min(x, cap) spelled with a tuple op (``how``) or, for the controls, as data movement of x only."""
    pair = torch.stack([x, torch.full_like(x, cap)], -1)
    if how == "min_dim":
        return pair.min(-1).values
    if how == "sort":
        return pair.sort(-1).values[..., 0]
    if how == "kthvalue":
        return pair.kthvalue(1, -1).values
    if how == "unbind":  # (control: a split, data movement)
        return pair.unbind(-1)[0]
    raise ValueError(how)


# --- 1. tq1_: red team 61 Q1's tuple ops (a choice by value the probes' small values cannot tell from the identity)
# at B = 1 on every OTHER integer path than the page ids, which a877247's _picked_by_value covers: the slots, the page
# column (pos // P), the offset in the page (pos % P), the positions, the lengths; and Q1's lead (4), float page ids
# through frexp (a float getitem of a tuple op), plus split / unbind controls on the page ids ----------------------
def _tq(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        ln = lens.long()
        s = slots.long()
        if kind.startswith("lens_"):
            ln = _pair_min(ln, 200, kind[5:])
        pos = (ln[:, None] - L + torch.arange(L)).clamp(min=0)
        if kind.startswith("pos_"):
            pos = _pair_min(pos, 150, kind[4:])
        col, off = pos // P, pos % P
        if kind.startswith("col_"):
            col = _pair_min(col, 3, kind[4:])
        if kind.startswith("off_"):
            off = off.sort(-1).values if kind == "off_sort" else _pair_min(off, 40, kind[4:])
        page = table.long().gather(1, col)
        if kind == "page_frexp":
            m, e = torch.frexp(page.double())
            page = torch.ldexp(m, e).long()
        elif kind == "page_frexp_mantissa":  # (mantissa * 2**e spelled by hand: float arithmetic, the float rule)
            m, e = torch.frexp(page.double())
            page = (m * torch.pow(2.0, e.double())).long()
        elif kind == "page_unbind_control":
            page = torch.stack(page.unbind(1), 1)
        elif kind == "page_split_control":
            page = torch.cat(page.split([10, 22], 1), 1)
        elif kind == "page_chunk_control":
            page = torch.cat(page.chunk(4, 1), 1)
        elif kind == "page_tensor_split":
            page = torch.cat(torch.tensor_split(page, 3, dim=1), 1)
        elif kind == "page_max_indices_pick":  # (pick page or 63 by the index max.dim returns: a clamp by index)
            pair = torch.stack([page, torch.full_like(page, 63)], -1)
            page = pair.gather(-1, pair.min(-1).indices[..., None])[..., 0]
        elif kind == "page_argmin_pick":  # (the same with argmin: a tensor op, the control of the one above)
            pair = torch.stack([page, torch.full_like(page, 63)], -1)
            page = pair.gather(-1, pair.argmin(-1, keepdim=True))[..., 0]
        if kind.startswith("slot_"):
            s = _pair_min(s, 63, kind[5:])
        new = pool(kv[page, off], w)
        cache[s] = torch.where(completes(ln)[:, None, None], new.to(cache.dtype), cache[s])
        return cache
    return step


_I64 = dict(index_dtype=torch.int64, length_dtype=torch.int64)
TQ = []
for _k in ("slot_min_dim", "slot_sort", "slot_unbind"):
    TQ.append((f"tq1_{_k}", _mk(_tq(_k), _calls(sizes=_ONE_SLOTS, **_I64), MODES3),
               f"B = 1: the slots through {_k[5:]} (min(slot, 63)); 600 cache rows, slots from the top"))
for _k in ("col_min_dim", "col_sort", "col_kthvalue", "col_unbind"):
    TQ.append((f"tq1_{_k}", _mk(_tq(_k), _calls(sizes=_ONE8, **_I64), MODES3),
               f"B = 1: the page column pos // P through {_k[4:]} (min(col, 3)); 8 pages, length 480"))
for _k in ("off_min_dim", "off_sort"):
    TQ.append((f"tq1_{_k}", _mk(_tq(_k), _calls(sizes=_ONE, **_I64), MODES3),
               f"B = 1: the offset pos % P through {_k[4:]}"))
for _k in ("pos_min_dim", "lens_min_dim", "lens_sort"):
    TQ.append((f"tq1_{_k}", _mk(_tq(_k), _calls(sizes=_ONE8, **_I64), MODES3),
               f"B = 1: the {'positions' if _k.startswith('pos') else 'lengths'} through a tuple-op clamp"))
for _k in ("page_frexp", "page_frexp_mantissa", "page_unbind_control", "page_split_control", "page_chunk_control",
           "page_tensor_split", "page_max_indices_pick", "page_argmin_pick"):
    TQ.append((f"tq1_{_k}", _mk(_tq(_k), _calls(sizes=_ONE, **_I64), MODES3),
               f"B = 1: page ids through {_k[5:]}; 600 blocks, high ids"))


# --- 2. ad_: be22303 lets a dim dynamic after an automatic-dynamic recompile (warn_only) take the proof's guards
# again.  int16 ``page * 64`` needs blocks <= 512; B = 12 throughout, the block count 300 -> 500 -> 600 (the second
# call recompiles with the blocks automatic-dynamic under "batch" (dynamic=None), the third passes 512: the guard
# must send it to a recompile, not to the fused code); also the capacity and the cache rows grown ------------------
def _ad(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        page = table.gather(1, pos // P)
        if kind == "flat":
            rows = page * P + pos % P
            new = pool(kv.flatten(0, 1)[rows.long()], w)
        elif kind == "i32_control":
            new = pool(kv[page.long(), pos % P], w)
        else:
            raise ValueError(kind)
        write(cache, slots, completes(lens), new)
        return cache
    return step


_BLK3 = ((12, 0, {"block_num": 300, "high_ids": True}), (12, 1, {"block_num": 500, "high_ids": True}),
         (12, 2, {"block_num": 600, "high_ids": True}))
_BLK3_CAP = ((12, 0, {"block_num": 300, "high_ids": True}), (12, 1, {"block_num": 500, "high_ids": True, "pages": 8}),
             (12, 2, {"block_num": 600, "high_ids": True, "pages": 8}))
_BLK3_ROWS = ((12, 0, {"block_num": 300, "high_ids": True}), (12, 1, {"block_num": 500, "high_ids": True,
                                                                      "num_slots": 100}),
              (12, 2, {"block_num": 600, "high_ids": True, "num_slots": 200}))
AD = [("ad_flat_blocks", _mk(_ad("flat"), _calls(extra=_table_as(torch.int16), sizes=_BLK3, **_I64), MODES3),
       "int16 page * 64 flat read; blocks 300 -> 500 -> 600 (automatic dynamic, then past the 512 bound)"),
      ("ad_flat_blocks_cap", _mk(_ad("flat"), _calls(extra=_table_as(torch.int16), sizes=_BLK3_CAP, **_I64), MODES3),
       "the same, the capacity 4 -> 8 pages at the second call"),
      ("ad_flat_blocks_rows", _mk(_ad("flat"), _calls(extra=_table_as(torch.int16), sizes=_BLK3_ROWS, **_I64),
                                  MODES3), "the same, the cache rows 29 -> 100 -> 200"),
      ("ad_i32_control", _mk(_ad("i32_control"), _calls(extra=_table_as(torch.int32), sizes=_BLK3, **_I64), MODES3),
       "control: int32 page ids indexing the paged KV, blocks 300 -> 500 -> 600")]


# --- 3. standalone repros (real Inductor, nsa_fusion_backend; not classify7: the user's marks with a range and inputs
# that share storage cannot pass through the runner, which clones each input and marks only the batch) -------------
def _t1_int16_pages_tied(kv, w, slots, table, lens, cache, y):
    """T1: the contract with int16 ``page * P`` (a proof bound on the block count, blocks <= 1024 at P = 32) and an
    extra input ``y`` of [blocks] that the program adds to ``kv[:, 0, 0, 0]``: dynamo ties the two sizes."""
    P = kv.shape[1]
    pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
    rows = table.gather(1, pos // P) * P + pos % P
    write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[rows.long()], w))
    return cache, y + kv[:, 0, 0, 0]


def _t1_flat_kv_tied(kvf, w, slots, table, lens, cache, y):
    """T1 (b): a flat KV ``[NB * 32, N, D]`` read at ``page * 32 + offset`` (rewrite._divides guards its rows to a
    multiple of 32), ``y`` of [NB * 32] tied to its rows."""
    pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
    rows = table.long().gather(1, pos // 32) * 32 + pos % 32
    write(cache, slots, completes(lens), pool(kvf[rows], w))
    return cache, y + kvf[:, 0, 0]


def _t1_page_size_tied(kv, w, slots, table, lens, cache, y):
    """T1 (c): the contract with the page size used as a value (``pos // P``: the proof guards it to its value) and
    ``y`` of [P] tied to ``kv.shape[1]``; a PLAIN ``mark_dynamic(kv, 1)`` (round 59's M1, through a tie)."""
    P = kv.shape[1]
    pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)
    page = table.long().gather(1, pos // P)
    write(cache, slots, completes(lens), pool(kv[page, pos % P], w))
    return cache, y + kv[0, :, 0, 0]


def _same(got, ref):
    return torch.equal(torch.nan_to_num(got, 7.0), torch.nan_to_num(ref, 7.0)) and torch.equal(got.isnan(), ref.isnan())


def _pass_env(on):
    import os
    os.environ["NSA_FUSION_DISABLE"] = "0" if on else "1"


def t1_repro(dialect="inductor"):
    """T1: dynamic=True, ``mark_dynamic(kv, 0, min=2, max=100000)`` (or kvf's rows, max=10**6; or a plain
    ``mark_dynamic(kv, 1)`` on the page size), y unmarked; and the mirror images (the mark on y: refused)."""
    from nsa_fusion import diagnostics
    from nsa_fusion.backend import nsa_fusion_backend
    from tests.fusion_harness import InductorGraphBackend, TorchairLikeBackend, no_compile_caches

    R, R6 = {"min": 2, "max": 100000}, {"min": 2, "max": 10**6}
    for name, step, kind, (mark, dim, rng) in (("int16_pages_mark_kv_tied", _t1_int16_pages_tied, "i16", (0, 0, R)),
                                               ("int16_pages_mark_y_tied", _t1_int16_pages_tied, "i16", (6, 0, R)),
                                               ("flat_kv_mark_kvf_tied", _t1_flat_kv_tied, "flat", (0, 0, R6)),
                                               ("page_size_mark_kv_tied", _t1_page_size_tied, "P", (0, 1, {})),
                                               ("page_size_mark_y_tied", _t1_page_size_tied, "P", (6, 0, {}))):
        for on in (False, True):
            if kind == "P":
                a = list(build(B=12, seed=0, P=64, index_dtype=torch.int64, length_dtype=torch.int64).args)
            else:
                a = list(build(B=12, seed=0, P=32, block_num=600, high_ids=True, index_dtype=torch.int64,
                               length_dtype=torch.int64).args)
            if kind == "flat":
                a[0] = a[0].flatten(0, 1)
            elif kind == "i16":
                a[3] = a[3].to(torch.int16)
            a.append(torch.arange(a[0].shape[1 if kind == "P" else 0], dtype=torch.float16))
            ref = step(*[x.clone() for x in a])[0]
            b = [x.clone() for x in a]
            torch._dynamo.mark_dynamic(b[mark], dim, **rng)
            torch._dynamo.reset()
            diagnostics.reset()
            _pass_env(on)
            try:
                with no_compile_caches():
                    backend = {"inductor": lambda: nsa_fusion_backend, "inductor_graph": InductorGraphBackend,
                               "torchair_like": TorchairLikeBackend}[dialect]()
                    got = torch.compile(step, backend=backend, fullgraph=True, dynamic=True)(*b)[0]
                out = "equal" if _same(got, ref) else "DIFFERS"
            except Exception as exc:  # noqa: BLE001
                out = f"CRASH {type(exc).__name__}: {' '.join(str(exc).split())[:260]}"
            ev = [f"{e.kind}: {e.reason[:160]}" for e in diagnostics.events]
            print(f"T1 {dialect:14s} {name:26s} pass {'on ' if on else 'off'} {out} {ev}", flush=True)


def _a1_inputs(aliased: bool, B=12):
    """The contract's inputs, every row's length 48 (its window on column 0); with ``aliased`` the cache is
    ``kv.view(-1, N, D)[start:start + S]``, ``start`` the first token of the LAST row's page 0 (a later row's window
    reads the rows earlier rows write); without it the same values in a cache of its own."""
    kv, w, slots, table, lens, cache = build(B=B, seed=0, index_dtype=torch.int64, length_dtype=torch.int64,
                                             lengths=[48] * B).args
    NB, P, N, D = kv.shape
    kv = torch.nan_to_num(kv, 0.0)
    start = int(table[B - 1, 0]) * P
    view = kv.view(-1, N, D)[start:start + cache.shape[0]]
    return [kv, w, slots, table, lens, view if aliased else view.clone()]


def _a1_clone(a):
    kv = a[0].clone()
    if a[5].untyped_storage().data_ptr() != a[0].untyped_storage().data_ptr():
        return [kv] + [x.clone() for x in a[1:]]
    N, D = kv.shape[2:]
    start = a[5].storage_offset() // (N * D)
    return [kv] + [x.clone() for x in a[1:5]] + [kv.view(-1, N, D)[start:start + a[5].shape[0]]]


def a1_repro(dialect="inductor"):
    """A1: call 1 with a cache of its own (compiled, fused), call 2 (same sizes, no recompile) with the cache a view
    of the paged KV's storage; kv (which holds the cache) compared with eager after each call."""
    from tests.corpora.attacks import contract
    from nsa_fusion import diagnostics
    from nsa_fusion.backend import nsa_fusion_backend
    from tests.fusion_harness import InductorGraphBackend, TorchairLikeBackend, no_compile_caches

    def step(kv, w, slots, table, lens, cache):
        return contract(kv, w, slots, table, lens, cache)

    for seq in (("own", "aliased"), ("aliased",)):
        for dynamic in (False, True):
            for on in (False, True):
                torch._dynamo.reset()
                diagnostics.reset()
                _pass_env(on)
                outs = []
                with no_compile_caches():
                    backend = {"inductor": lambda: nsa_fusion_backend, "inductor_graph": InductorGraphBackend,
                               "torchair_like": TorchairLikeBackend}[dialect]()
                    fn = torch.compile(step, backend=backend, fullgraph=True, dynamic=dynamic)
                    for kind in seq:
                        a = _a1_inputs(kind == "aliased")
                        e, g = _a1_clone(a), _a1_clone(a)
                        step(*e)
                        fn(*g)
                        diff = int((g[0] != e[0]).any(-1).any(-1).sum()) + int((g[5] != e[5]).any(-1).any(-1).sum())
                        outs.append(f"{kind}: " + ("equal" if _same(g[0], e[0]) and _same(g[5], e[5]) else
                                                   f"DIFFERS ({diff} rows)"))
                ev = [f"{x.kind}: {x.reason[:100]}" for x in diagnostics.events]
                print(f"A1 {dialect:14s} {'+'.join(seq):12s} {'dynamic' if dynamic else 'static ':7s} pass {'on ' if on else 'off'} "
                      f"{outs} {ev}", flush=True)


ATTACKS = TQ + AD

_FIRST = [
    ('tq1_slot_min_dim', 'inductor_graph', 'static', _R),
    ('tq1_slot_min_dim', 'inductor_graph', 'batch', _R),
    ('tq1_slot_min_dim', 'inductor_graph', 'dynamic', _R),
    ('tq1_slot_sort', 'inductor_graph', 'static', _R),
    ('tq1_slot_sort', 'inductor_graph', 'batch', _R),
    ('tq1_slot_sort', 'inductor_graph', 'dynamic', _R),
    ('tq1_slot_unbind', 'inductor_graph', 'static', _R),
    ('tq1_slot_unbind', 'inductor_graph', 'batch', _R),
    ('tq1_slot_unbind', 'inductor_graph', 'dynamic', _R),
    ('tq1_col_min_dim', 'inductor_graph', 'static', _R),
    ('tq1_col_min_dim', 'inductor_graph', 'batch', _R),
    ('tq1_col_min_dim', 'inductor_graph', 'dynamic', _R),
    ('tq1_col_sort', 'inductor_graph', 'static', _R),
    ('tq1_col_sort', 'inductor_graph', 'batch', _R),
    ('tq1_col_sort', 'inductor_graph', 'dynamic', _R),
    ('tq1_col_kthvalue', 'inductor_graph', 'static', _R),
    ('tq1_col_kthvalue', 'inductor_graph', 'batch', _R),
    ('tq1_col_kthvalue', 'inductor_graph', 'dynamic', _R),
    ('tq1_col_unbind', 'inductor_graph', 'static', _EQ),
    ('tq1_col_unbind', 'inductor_graph', 'batch', _EQ),
    ('tq1_col_unbind', 'inductor_graph', 'dynamic', _EQ),
    ('tq1_off_min_dim', 'inductor_graph', 'static', _R),
    ('tq1_off_min_dim', 'inductor_graph', 'batch', _R),
    ('tq1_off_min_dim', 'inductor_graph', 'dynamic', _R),
    ('tq1_off_sort', 'inductor_graph', 'static', _R),
    ('tq1_off_sort', 'inductor_graph', 'batch', _R),
    ('tq1_off_sort', 'inductor_graph', 'dynamic', _R),
    ('tq1_pos_min_dim', 'inductor_graph', 'static', _R),
    ('tq1_pos_min_dim', 'inductor_graph', 'batch', _R),
    ('tq1_pos_min_dim', 'inductor_graph', 'dynamic', _R),
    ('tq1_lens_min_dim', 'inductor_graph', 'static', _R),
    ('tq1_lens_min_dim', 'inductor_graph', 'batch', _R),
    ('tq1_lens_min_dim', 'inductor_graph', 'dynamic', _R),
    ('tq1_lens_sort', 'inductor_graph', 'static', _R),
    ('tq1_lens_sort', 'inductor_graph', 'batch', _R),
    ('tq1_lens_sort', 'inductor_graph', 'dynamic', _R),
    ('tq1_page_frexp', 'inductor_graph', 'static', _R),
    ('tq1_page_frexp', 'inductor_graph', 'batch', _R),
    ('tq1_page_frexp', 'inductor_graph', 'dynamic', _R),
    ('tq1_page_frexp_mantissa', 'inductor_graph', 'static', _R),
    ('tq1_page_frexp_mantissa', 'inductor_graph', 'batch', _R),
    ('tq1_page_frexp_mantissa', 'inductor_graph', 'dynamic', _R),
    ('tq1_page_unbind_control', 'inductor_graph', 'static', _EQ),
    ('tq1_page_unbind_control', 'inductor_graph', 'batch', _EQ),
    ('tq1_page_unbind_control', 'inductor_graph', 'dynamic', _EQ),
    ('tq1_page_split_control', 'inductor_graph', 'static', _EQ),
    ('tq1_page_split_control', 'inductor_graph', 'batch', _EQ),
    ('tq1_page_split_control', 'inductor_graph', 'dynamic', _EQ),
    ('tq1_page_chunk_control', 'inductor_graph', 'static', _EQ),
    ('tq1_page_chunk_control', 'inductor_graph', 'batch', _EQ),
    ('tq1_page_chunk_control', 'inductor_graph', 'dynamic', _EQ),
    ('tq1_page_tensor_split', 'inductor_graph', 'static', _EQ),
    ('tq1_page_tensor_split', 'inductor_graph', 'batch', _EQ),
    ('tq1_page_tensor_split', 'inductor_graph', 'dynamic', _R),
    ('tq1_page_max_indices_pick', 'inductor_graph', 'static', _R),
    ('tq1_page_max_indices_pick', 'inductor_graph', 'batch', _R),
    ('tq1_page_max_indices_pick', 'inductor_graph', 'dynamic', _R),
    ('tq1_page_argmin_pick', 'inductor_graph', 'static', _R),
    ('tq1_page_argmin_pick', 'inductor_graph', 'batch', _R),
    ('tq1_page_argmin_pick', 'inductor_graph', 'dynamic', _R),
    ('ad_flat_blocks', 'inductor_graph', 'static', _EQ),
    ('ad_flat_blocks', 'inductor_graph', 'batch', _EQ),
    ('ad_flat_blocks', 'inductor_graph', 'dynamic', _EQ),
    ('ad_flat_blocks_cap', 'inductor_graph', 'static', _EQ),
    ('ad_flat_blocks_cap', 'inductor_graph', 'batch', _EQ),
    ('ad_flat_blocks_cap', 'inductor_graph', 'dynamic', _EQ),
    ('ad_flat_blocks_rows', 'inductor_graph', 'static', _EQ),
    ('ad_flat_blocks_rows', 'inductor_graph', 'batch', _EQ),
    ('ad_flat_blocks_rows', 'inductor_graph', 'dynamic', _EQ),
    ('ad_i32_control', 'inductor_graph', 'static', _EQ),
    ('ad_i32_control', 'inductor_graph', 'batch', _EQ),
    ('ad_i32_control', 'inductor_graph', 'dynamic', _EQ),
    ('tq1_slot_min_dim', 'torchair_like', 'static', _R),
    ('tq1_slot_min_dim', 'torchair_like', 'batch', _R),
    ('tq1_slot_min_dim', 'torchair_like', 'dynamic', _R),
    ('tq1_slot_sort', 'torchair_like', 'static', _R),
    ('tq1_slot_sort', 'torchair_like', 'batch', _R),
    ('tq1_slot_sort', 'torchair_like', 'dynamic', _R),
    ('tq1_slot_unbind', 'torchair_like', 'static', _R),
    ('tq1_slot_unbind', 'torchair_like', 'batch', _R),
    ('tq1_slot_unbind', 'torchair_like', 'dynamic', _R),
    ('tq1_col_min_dim', 'torchair_like', 'static', _R),
    ('tq1_col_min_dim', 'torchair_like', 'batch', _R),
    ('tq1_col_min_dim', 'torchair_like', 'dynamic', _R),
    ('tq1_col_sort', 'torchair_like', 'static', _R),
    ('tq1_col_sort', 'torchair_like', 'batch', _R),
    ('tq1_col_sort', 'torchair_like', 'dynamic', _R),
    ('tq1_col_kthvalue', 'torchair_like', 'static', _R),
    ('tq1_col_kthvalue', 'torchair_like', 'batch', _R),
    ('tq1_col_kthvalue', 'torchair_like', 'dynamic', _R),
    ('tq1_col_unbind', 'torchair_like', 'static', _EQ),
    ('tq1_col_unbind', 'torchair_like', 'batch', _EQ),
    ('tq1_col_unbind', 'torchair_like', 'dynamic', _EQ),
    ('tq1_off_min_dim', 'torchair_like', 'static', _R),
    ('tq1_off_min_dim', 'torchair_like', 'batch', _R),
    ('tq1_off_min_dim', 'torchair_like', 'dynamic', _R),
    ('tq1_off_sort', 'torchair_like', 'static', _R),
    ('tq1_off_sort', 'torchair_like', 'batch', _R),
    ('tq1_off_sort', 'torchair_like', 'dynamic', _R),
    ('tq1_pos_min_dim', 'torchair_like', 'static', _R),
    ('tq1_pos_min_dim', 'torchair_like', 'batch', _R),
    ('tq1_pos_min_dim', 'torchair_like', 'dynamic', _R),
    ('tq1_lens_min_dim', 'torchair_like', 'static', _R),
    ('tq1_lens_min_dim', 'torchair_like', 'batch', _R),
    ('tq1_lens_min_dim', 'torchair_like', 'dynamic', _R),
    ('tq1_lens_sort', 'torchair_like', 'static', _R),
    ('tq1_lens_sort', 'torchair_like', 'batch', _R),
    ('tq1_lens_sort', 'torchair_like', 'dynamic', _R),
    ('tq1_page_frexp', 'torchair_like', 'static', _R),
    ('tq1_page_frexp', 'torchair_like', 'batch', _R),
    ('tq1_page_frexp', 'torchair_like', 'dynamic', _R),
    ('tq1_page_frexp_mantissa', 'torchair_like', 'static', _R),
    ('tq1_page_frexp_mantissa', 'torchair_like', 'batch', _R),
    ('tq1_page_frexp_mantissa', 'torchair_like', 'dynamic', _R),
    ('tq1_page_unbind_control', 'torchair_like', 'static', _EQ),
    ('tq1_page_unbind_control', 'torchair_like', 'batch', _EQ),
    ('tq1_page_unbind_control', 'torchair_like', 'dynamic', _EQ),
    ('tq1_page_split_control', 'torchair_like', 'static', _EQ),
    ('tq1_page_split_control', 'torchair_like', 'batch', _EQ),
    ('tq1_page_split_control', 'torchair_like', 'dynamic', _EQ),
    ('tq1_page_chunk_control', 'torchair_like', 'static', _EQ),
    ('tq1_page_chunk_control', 'torchair_like', 'batch', _EQ),
    ('tq1_page_chunk_control', 'torchair_like', 'dynamic', _EQ),
    ('tq1_page_tensor_split', 'torchair_like', 'static', _EQ),
    ('tq1_page_tensor_split', 'torchair_like', 'batch', _EQ),
    ('tq1_page_tensor_split', 'torchair_like', 'dynamic', _R),
    ('tq1_page_max_indices_pick', 'torchair_like', 'static', _R),
    ('tq1_page_max_indices_pick', 'torchair_like', 'batch', _R),
    ('tq1_page_max_indices_pick', 'torchair_like', 'dynamic', _R),
    ('tq1_page_argmin_pick', 'torchair_like', 'static', _R),
    ('tq1_page_argmin_pick', 'torchair_like', 'batch', _R),
    ('tq1_page_argmin_pick', 'torchair_like', 'dynamic', _R),
    ('ad_flat_blocks', 'torchair_like', 'static', _EQ),
    ('ad_flat_blocks', 'torchair_like', 'batch', _EQ),
    ('ad_flat_blocks', 'torchair_like', 'dynamic', _EQ),
    ('ad_flat_blocks_cap', 'torchair_like', 'static', _EQ),
    ('ad_flat_blocks_cap', 'torchair_like', 'batch', _EQ),
    ('ad_flat_blocks_cap', 'torchair_like', 'dynamic', _EQ),
    ('ad_flat_blocks_rows', 'torchair_like', 'static', _EQ),
    ('ad_flat_blocks_rows', 'torchair_like', 'batch', _EQ),
    ('ad_flat_blocks_rows', 'torchair_like', 'dynamic', _EQ),
    ('ad_i32_control', 'torchair_like', 'static', _EQ),
    ('ad_i32_control', 'torchair_like', 'batch', _EQ),
    ('ad_i32_control', 'torchair_like', 'dynamic', _EQ),
]
_LATER = [
    ('tq1_page_frexp', 'inductor', 'static', _R),
    ('tq1_page_frexp', 'inductor', 'batch', _R),
    ('tq1_page_frexp', 'inductor', 'dynamic', _R),
    ('tq1_page_frexp_mantissa', 'inductor', 'static', _R),
    ('tq1_page_frexp_mantissa', 'inductor', 'batch', _R),
    ('tq1_page_frexp_mantissa', 'inductor', 'dynamic', _R),
    ('tq1_page_max_indices_pick', 'inductor', 'static', _R),
    ('tq1_page_max_indices_pick', 'inductor', 'batch', _R),
    ('tq1_page_max_indices_pick', 'inductor', 'dynamic', _R),
    ('ad_flat_blocks', 'inductor', 'static', _EQ),
    ('ad_flat_blocks', 'inductor', 'batch', _EQ),
    ('ad_flat_blocks', 'inductor', 'dynamic', _EQ),
    ('ad_flat_blocks_cap', 'inductor', 'static', _EQ),
    ('ad_flat_blocks_cap', 'inductor', 'batch', _EQ),
    ('ad_flat_blocks_cap', 'inductor', 'dynamic', _EQ),
    ('ad_flat_blocks_rows', 'inductor', 'static', _EQ),
    ('ad_flat_blocks_rows', 'inductor', 'batch', _EQ),
    ('ad_flat_blocks_rows', 'inductor', 'dynamic', _EQ),
    ('ad_i32_control', 'inductor', 'static', _EQ),
    ('ad_i32_control', 'inductor', 'batch', _EQ),
    ('ad_i32_control', 'inductor', 'dynamic', _EQ),
]


def classify62(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-61)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    if "--t1" in sys.argv:
        t1_repro(sys.argv[sys.argv.index("--dialect") + 1] if "--dialect" in sys.argv else "inductor")
    elif "--a1" in sys.argv:
        a1_repro(sys.argv[sys.argv.index("--dialect") + 1] if "--dialect" in sys.argv else "inductor")
    else:
        redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify62)
