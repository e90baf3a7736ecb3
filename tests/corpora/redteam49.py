"""Forty-ninth adversarial review of the recogniser (round 49; 308fca0 frozen at /tmp/base54: the WHOLE landed
recogniser, first the rules added since round 48's tree c926b44 -- exactness._carries_integers, Intervals no longer
clipping to a dtype, float8 casts, _changes_no_value's "interval leaves its dtype" answer; rewrite._one_hot_entries,
full_range_indices, _is_headless / _one_head_rows on scatter, concatenated_reads on dim 2, _chunked_window's head-major
form -- then every rule that reads "no value changes" from intervals).

Same format as redteam43 .. redteam48: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache)``; the cb_ attacks a head-major per-request
``[B, N, T, D]`` KV in the kv place, the pk_ attacks a packed ``[NB, P, 2N, D]`` paged KV, the sc_ attacks a flat
``[S, N * D]`` cache, the hr_ attacks a head-major ``[N, S, D]`` cache, the oh_ attacks attacks.py's one-hot memories).
Runner: redteam7's ``classify7`` through :func:`classify49`.

    cp /work/main/tests/corpora/redteam49.py /tmp/base54/tests/corpora/ && cd /tmp/base54 && \\
    PYTHONPATH=/tmp/base54 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam49.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base54 = 308fca0, 08:41:00-08:46:57 UTC 2026-12-06, the two graph
dialects side by side, one process each, the whole file as it stands; before it, while writing the attacks, single
families were tried on the same tree -- the first FULL run is this one): 105 attacks in 8 families (wb_ 29 page-id /
length clamps and selects by a bound computed with int64 wrap-around, fb_ 17 the same bounds computed in floats, fg_ 8
page ids moved as floats (gather / index / where / clone / cat / flip) before a narrowing cast, oh_ 21 one-hot entry
writes, sc_ 8 headless scatter writes, pk_ 9 packed-head slices of the gather, cb_ 6 head-major block views, hr_ 7
explicit head aranges), 280 runs per graph dialect (wb_, fb_, fg_, pk_, hr_ in static, batch, dynamic; oh_, sc_ in
static and batch; cb_ in static and dynamic):

    inductor_graph  280 runs: 50 FALSE FUSION / 2 CRASH /  64 fused & equal / 164 refused / 0 control differs
    torchair_like   280 runs: 48 FALSE FUSION / 0 CRASH /  61 fused & equal / 171 refused / 0 control differs

Per theme (inductor_graph | torchair_like): wb_ 8 FF / 2 EQ / 77 R | the same; fb_ 28 FF / 10 EQ / 13 R | 25 FF / 10
EQ / 16 R; fg_ 14 FF / 10 R | 15 FF / 9 R; oh_ 2 CRASH / 11 EQ / 29 R | 11 EQ / 31 R; sc_ 6 EQ / 10 R | the same;
pk_ 14 EQ / 13 R | the same; cb_ 6 EQ / 6 R | the same; hr_ 15 EQ / 6 R | 12 EQ / 9 R.  The dialects differ in:
fb_ids_min_d_slots static (FF | refused: "the new rows read the cache or the slot mapping"), fb_table_min_d and
fb_table_min_f32 dynamic (FF | refused: "arange numbers a dimension whose size changes"), wb_table_min_ub_arange
dynamic (FF | refused), wb_table_min_ub dynamic (refused: "the new row b may depend on other rows" | FF), fg_cat_bf16
static (refused | FF), hr_start_step (fused & equal | "no candidate"), oh_j_int8 (CRASH | "no candidate").  Every
first-try FALSE FUSION is F1, F2 or F3; the CRASH is C1.

Later runs (``_LATER``), 08:48:58-08:53:45 UTC, one process per dialect, every attack with a first-try FALSE FUSION or
CRASH and fb_ids_min_f32_int (the name filter's substring match; 31 attacks, 92 runs each):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend): 39 FALSE FUSION / 2 CRASH / 4 fused & equal / 32
  refused / 15 CONTROL DIFFERS.  FALSE FUSION: the eight wb_ ``*_arange`` first-try FFs (dynamic; wb_table_min_ub, FF in
  torchair_like only, is refused here and in vllm_post as "the new row b may depend on other rows");
  fb_ids_min_d, fb_ids_min_d_first, fb_table_min_d, fb_ids_where_ne_d (static, batch, dynamic), fb_ids_min_d_slots
  (static), fb_ids_min_floordiv_int, fb_pos_min_floordiv_int, fb_pos_min_d, fb_pos_where_lt_d (dynamic); fg_gather_bf16,
  fg_gather_f64_i8, fg_index_bf16, fg_where_bf16 (static, batch, dynamic), fg_f32_gather_bf16 (static, batch).  CRASH:
  oh_j_int8 (static, batch: ``InductorError: PendingUnbackedSymbolNotFound``).  CONTROL DIFFERS (not counted): the
  five float32 fb_ spellings (``*_f32``): Inductor's CPU code adds float32 values to double constants, so its pass-off
  control keeps the 2^41 that eager's float32 loses -- the float64 spellings with integer constants (``*_d``) are the
  ones confirmed.  fg_cat_bf16: refused (as inductor_graph).
* vllm_post (redteam6's runner of the vLLM adapters' mutating call): 50 FALSE FUSION / 2 CRASH / 8 fused & equal / 32
  refused: every real-Inductor FALSE FUSION above, and the float32 fb_ spellings too (static, batch, dynamic for the
  page-id ones, dynamic for the positions).

Every FALSE FUSION above has the pass-off control equal to eager (classify6's comparison); the inputs are valid (page
ids in range, slots unique and in range, lengths within capacity): they are redteam48's (B = 12, 513 blocks, the
table's ids 465 .. 512; lengths up to 512 for the capacity-grown ones).

FOUND:

F1. A clamp / select BOUND computed with int64 wrap-around is read at its unwrapped interval (dynamic=True).  The
    round-48 F2 fix holds only the clamped operand's interval to its dtype (``_changes_no_value``: ``span`` of ``x``);
    the bound's interval (``intervals.number(bound)``) is used as it is, and Intervals keeps the affine ops' unclipped
    interval (``_MONOTONE_PAIR`` is exempt from the new "beyond the dtype: unknown" rule, so that check_int_paths can
    read it as an overflow) -- but check_int_paths reads it so only ``if bounded`` (static block count and capacity).
    Under dynamic=True, ``b = arange(l) * 0 + 2^62 + 2^62 + 2^62 + 2^62 + 300`` is [2^64 + 300] to Intervals and 300 in
    int64; ``minimum(ids, b)`` "changes no value", and eager clamps every id above 300.  The same bound passes
    exactness._keeps_valid_page_ids (``where(ids != k, ids, 0)`` with ``k`` read as -2^64 + 480 <= -1, is 480),
    check_length_thresholds (``minimum(pos, b)`` at 330 on a capacity grown 256 -> 512: _changes_no_value; ``where(pos
    < k, pos, 0)``: _constant_comparison reads "always true"), and a floor division launders the interval back into
    the dtype (``(arange(l) * 0 + 4 * 2^62 + 1200) // 4`` reads 2^62 + 300 -- inside int64 -- and is 300:
    fb_ids_min_floordiv_int, fb_pos_min_floordiv_int), so a fix that only holds the BOUND's own interval to its dtype
    is not enough.  Repro (wb_ids_min_ub_arange; dynamic=True; inductor_graph, torchair_like, real Inductor,
    vllm_post; static and batch refused by the bounded overflow check):

      pos = (lens.long()[:, None] - 32 + torch.arange(32)).clamp(min=0)
      ids = table.long().gather(1, pos // P)
      b = torch.arange(32) * 0 + (1 << 62) + (1 << 62) + (1 << 62) + (1 << 62) + 300   # [2^64 + 300]; is 300
      ids = torch.minimum(ids, b)                      # "a no-op": eager reads block 300 for ids 465 .. 512
      tok = kv[ids, pos % P]; new = (tok.float() * w.float()[None, :, :, None]).sum(1)
      s = slots.long(); valid = (lens >= 32) & ((lens - 32) % 16 == 0)
      cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
      # fused: reads the table's block 465; eager block 300 (unowned, NaN): got 0.6147, eager NaN

    Also: the bound first (``minimum(b, ids)``), on the table before the gather, ``where(ids != k, ids, 0)``, the page
    index ``minimum(pos // P, b)``, positions ``minimum(pos, b)`` / ``where(pos < k, pos, 0)`` (capacity grown 256 ->
    512).  (A bound of shape [B, 1] -- built from the slots, the ids or ``table[:, :1]`` -- is refused at batch /
    dynamic in inductor_graph as "the new row b may depend on other rows"; torchair_like fuses wb_table_min_ub.)
    Why false fusions: eager clamps (selects) at the wrapped value, the op reads the table's ids / the real window.
    Rules at fault: nsa_fusion/patterns/exactness.py: ``_changes_no_value`` (the bounds' intervals unchecked),
    ``_keeps_valid_page_ids`` (``k``), ``check_length_thresholds`` (``_constant_comparison`` on ``ins``), all reading
    ``Intervals.of`` of a ``_MONOTONE_PAIR`` node whose interval leaves its dtype (``Intervals.of``: the exemption), with
    ``check_int_paths``' wrap check gated on ``bounded``.  A fix: let Intervals.of answer None for EVERY node whose
    interval leaves its dtype (affine ops included), and let check_int_paths' overflow check compute the unclipped
    interval itself (or keep it in a separate map); then nothing downstream of a wrap (a // 4 included) has an interval.

F2. Intervals computes float arithmetic exactly.  The ``_MONOTONE_PAIR`` transfer functions (add, sub, mul) do not look
    at the node's dtype: on a float tensor they add the operands' intervals in Python integers (or Python floats where
    a constant is a float), never rounding as float32 / float64 do; a float -> int cast then takes that interval
    (``T.CASTS``: ``self.of(args[0])``), and check_int_paths does not hold the cast (its source is float arithmetic, not
    ``_carries_integers``).  ``((arange(l) * 0).double() + 2^53 + 1 - 2^53) * 2^41 + 300`` is [2^41 + 300] to Intervals
    (2^53 + 1 exact) and 300 in float64 (2^53 + 1 rounds to 2^53): the bound of F1, now without any int64 wrap, so
    static and batch pass too (the bounded overflow check looks at integer nodes only).  Repro (fb_ids_min_d; static,
    batch, dynamic; every dialect incl. real Inductor and vllm_post):

      b = (((torch.arange(32) * 0).double() + (1 << 53) + 1 - (1 << 53)) * (1 << 41) + 300).long()   # is 300
      ids = torch.minimum(table.long().gather(1, pos // P), b)                                  # then as F1
      # fused: reads block 465; eager block 300: got 0.6147, eager NaN

    Also: the bound first, on the table, ``where(ids != k, ids, 0)`` (k read as -2^41 + 480), the slots as the base
    (static), positions ``minimum(pos, b)`` / ``where(pos < k, pos, 0)`` under dynamic=True (static / batch: the
    probes cover the capacity, fused & equal); the float32 spellings (``arange(l).float() * 0 + 2^80 + 2^41 - 2^80 +
    300``) in inductor_graph, torchair_like and vllm_post (real Inductor's control differs for those).  (A float
    ``x * 0`` becomes ``full(0.0)`` in Inductor's graph, and Intervals then adds in Python floats -- float64's rounding:
    fb_ids_min_f64, written that way, is refused; ``.int()`` of 2^41 + 300 is refused as a cast.)
    Rules at fault: exactness.``Intervals._compute`` (``_MONOTONE_PAIR`` on float nodes; ``number`` of float constants)
    and ``Intervals.of`` (the exemption again), exactness.``check_int_paths`` (float -> int casts of computed floats not
    held).  A fix: Intervals answers None for arithmetic on float nodes (integers carried in floats come only through
    casts and data movement, whose intervals are exact where the cast is checked).

F3. Page ids MOVED as floats before the narrowing cast (round-48 F1 again, past the fix).  ``_carries_integers`` walks
    back through ``T.CASTS`` and ``T.VIEWS`` only; a float gather, ``aten.index`` or ``where`` between ``table.double()``
    and ``.bfloat16()`` ends the walk, so check_int_paths skips the bf16 (int8) cast and the ``.long()`` after it, while
    the first loop lets float page ids through gathers and selects (``T.is_data_movement``).  Intervals now answers
    None for the bf16 node (the round-48 fix) -- but nothing on this path asks.  Repro (fg_gather_bf16; static, batch,
    dynamic; every dialect incl. real Inductor and vllm_post):

      ids = table.double().gather(1, pos // P).bfloat16().long()   # 465 -> 464, 467 -> 468, ...
      tok = kv[ids, pos % P]                                         # then as F1
      # fused: reads block 465; eager 464 (unowned, NaN): got 0.6147, eager NaN

    Also: ``.to(torch.int8)`` instead of bf16 (fg_gather_f64_i8), ``td[arange(rows)[:, None], pos // P]``
    (fg_index_bf16), ``where(pos >= 0, td.gather(..), 0.0)`` (fg_where_bf16), ``table.float()`` before the gather
    (static, batch; dynamic refuses the int32 -> float32 cast itself), ``torch.cat([td, td], 1)[:, :pages]``
    (torchair_like static only).  clone, flip and the cat elsewhere are refused (the walk, or Inductor's graph, reaches
    the integer source).  Rules at fault: exactness.``_carries_integers`` (CASTS and VIEWS only) and
    ``check_int_paths`` (the cast loop skips a cast whose source does not "carry integers").  A fix: on paths of page
    ids, slots and lengths, hold EVERY cast to ``Intervals.of`` of its source and refuse where that is None (F1/F2's
    fixes make None the answer wherever a value may have changed), rather than deciding by the source's dtype chain.

C1. A one-hot entry write with an int8 entry index breaks the compile.  ``_one_hot_entries`` builds ``jj =
    reshape(j, [-1])``, ``jc = jj * ok`` in ``j``'s dtype and ``index(mem, [r, None, jc])`` / ``index_put(mem, [r, None,
    jc], ..)``; an int8 index is no index dtype (eager raises "tensors used as indices must be long, int, byte or bool
    tensors"), and the meta kernel takes an int8 index as a mask (``nonzero``: an unbacked size), so Inductor's
    post-grad fake-tensor update of the new nodes raises ``PendingUnbackedSymbolNotFound`` (the nodes are inserted
    before ``_is_head_major_per_request`` decides, so even a candidate given up afterwards leaves them in the graph;
    which of the two happened here was not traced).  Repro (oh_j_int8; static and
    batch; inductor_graph and real Inductor (``InductorError``), vllm_post; torchair_like: no candidate):

      j = torch.div(lens.long() - 32, 16, rounding_mode="floor").clamp(min=0).to(torch.int8)
      hit = (torch.arange(M)[None, :] == j[:, None]) & valid[:, None]            # then attacks._one_hot_step
      out = torch.where(hit[:, None, :, None], new, mem)
      # pass off: compiles, equal to eager; pass on: BackendCompilerFailed

    (int16 and uint8 ``j``: no candidate; int32 ``j`` and an int32 ``arange``: fused & equal.)  Rule at fault:
    nsa_fusion/rewrite.py: ``_one_hot_entries`` (``jj`` not cast to int64, or ``j``'s dtype not required int32 /
    int64; and the nodes built before the last check).  A fix: ``jj = j.reshape(-1).long()`` (or refuse other dtypes)
    and insert nothing until every check has passed.

Not found (equal or refused; the idea each tried):

* wb_ that held: bounds of shape [B, 1] (from the ids, the slots, ``table[:, :1]``): refused at static / batch by the
  overflow check and at dynamic as "the new row b may depend on other rows" (inductor_graph); ``maximum(ids, k)`` with
  k 470 (read as -2^64 + 470) and ``where(ids >= k, ids, 0)``: the probes' small ids change (refused);
  ``clamp(0, blocks - 1)`` after a wrapped ``maximum``: refused (clamp not a no-op); the condition ``valid & (lens <
  k)`` / ``where(lens < k, valid, False)`` and the length itself ``minimum(lens, k)``: refused ("would need lengths up
  to 2^70 checked", "lengths the step compares are computed"); ``maximum(pos, k)`` with k 0 read as -2^64: a real
  no-op, fused & equal (batch, dynamic).
* fb_ that held: the float64 bound with float constants (Intervals rounds as float64 does: refused), ``.int()`` of
  the bound (a cast checked), the condition ``lens < k`` in float64 under dynamic=True (refused: float arithmetic in
  the condition), every positions / condition spelling at static and batch (the probes cover the capacity: fused &
  equal).
* fg_ that held: ``td.clone()``, ``td.flip(1).flip(1)``, ``torch.cat([td, td], 1)[:, :pages]`` (inductor_graph):
  refused (the cast held to [0, 512]); ``table.float()`` under dynamic=True (the int32 -> float32 cast: refused).
* oh_ (rewrite._one_hot_entries): the eq's operands swapped, the validity factor first, ``logical_and``, the mask
  expanded to the memory's shape or reshaped, int32 ``j``, an int32 arange, two one-hot writes (the second over the
  first), the memories returned instead of written back, written back and returned: fused & equal (static);
  ``j + 1`` (entry M for the last), ``j - 1`` unclamped (-1 for the first window), ``j + M`` / ``j - M`` (no entry at
  all), ``j`` from the slots, ``arange(1, M + 1) - 1``, int16 / uint8 ``j``, ``new[:1]`` for every row: refused
  (mask: not the contract's condition; "no candidate"; rows mixed).  At batch every oh_ spelling is refused ("the
  condition is False for length 64": attacks._one_hot_inputs' memories are sized by B).  No one-hot mask that
  matched a wrong entry was fused.
* sc_ (headless scatter): the contract, ``repeat`` for ``expand``, the functional ``scatter`` copied back: fused &
  equal; an index varying along the row that equals the slot only for small slots (``minimum(s, 300 + c)``, ``s % 64``
  on half the row, ``s & (1023 - c)``), ``s + c * 0``, the kept row gathered at the plain slot but written at a
  varying index: refused ("the write index is not derived from a [B] slot tensor").
* pk_ (concatenated_reads on dim 2): the low / high / middle heads, ``narrow(-2, ..)``, a float cast first, an end
  past the dim, [l] offsets broadcast: fused & equal (static, batch); ``[:, :, ::2]`` and a transposed gather: refused;
  every pk_ at dynamic: refused ("do not share [N, D]").
* cb_ (_chunked_window head-major): ``[rows, :, i]``, ``i - W``, ``reshape``: fused & equal; ``i + 1``, rows
  flipped, a token-major tensor viewed head-major: refused.
* hr_ (full_range_indices): ``arange(N)``, ``arange(0, N, 1)``, an int32 arange, the kept rows read ``[:, s]`` with
  the write at ``(arange, s)`` and the reverse: fused & equal; the kept rows read at flipped heads: refused (keep);
  ``accumulate=True``: no candidate.

Read, not demonstrated:
* rewrite._one_hot_entries / _mask_factors: ``_aligned`` labels a factor's dims by position from the right and never
  compares sizes; ``_through_unit_view`` matches non-unit sizes in order only.  Where the batch S equals the entry
  count M, a ``view`` of an [S, M] mask as [M, S] keeps the labels (views cannot transpose, so it is still right);
  a transpose is not in ``_MASK_VIEWS`` (refused).  Not found unsound.
* evaluate._is_iota: the "one non-unit dim" test of a view is skipped where the shape is symbolic (``_static_shape``
  None outside a proof), so ``arange(n * k).view(n, k)`` is an iota to it under dynamic=True; full_range_indices and
  _one_hot_entries then require a unit dim / one labelled dim, which rules that out there; other callers not checked.
* F1's reasoning applies to every reader of ``Intervals.of`` at a symbolic bound (sizes, slot checks, the pusher);
  only the three above were demonstrated.  F2's to every float node Intervals answers for (``where`` of float
  branches, ``full`` with a float fill, casts between float types inside the exact range).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora.attacks import _one_hot_inputs  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
SD = ("static", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"


def _same_b(**kw):
    return lambda: [list(build(B=12, seed=k, **kw).args) for k in (0, 1)]


_HI_BF16 = dict(block_num=513, high_ids=True)  # ids 465 .. 512 (the probes draw ids below 64)
_BIG_LENS = [512, 496, 480, 352, 336, 32, 48, 0, 31, 64, 400, 448, 100, 200, 256, 272]


def _grow_calls(P=64):
    return lambda: [list(build(B=12, P=P, pages=256 // P).args),
                    list(build(P=P, pages=512 // P, seed=1, lengths=_BIG_LENS).args)]


# --- 1. bounds computed with int64 wrap-around (exactness._changes_no_value reads the BOUND's unwrapped interval) ---
# The round-48 F2 fix holds the clamped operand's interval to its dtype; the bound's interval is read as it is.
# Intervals keeps the affine ops' unclipped interval (_MONOTONE_PAIR), and under dynamic=True (bounded=False) nothing
# refuses a wrapping add.  base * 0 + 2^62 + 2^62 + 2^62 + 2^62 + v is [2^64 + v] to Intervals and v in int64.
_Q = 1 << 62


def _wrap_up(base, v):
    """unwrapped 2^64 + v, in int64 v"""
    return base * 0 + _Q + _Q + _Q + _Q + v


def _wrap_down(base, v):
    """unwrapped -2^64 + v, in int64 v"""
    return base * 0 - _Q - _Q - _Q - _Q + v


def _wb(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        t = table.long()
        ids = t.gather(1, pos // P)
        s = slots.long()
        valid = completes(lens)
        if kind == "ids_min_ub_from_ids":  # minimum(ids, bound) with the bound 300 (read as 2^64 + 300)
            ids = torch.minimum(ids, _wrap_up(ids, 300))
        elif kind == "ids_min_ub_from_slots":
            ids = torch.minimum(ids, _wrap_up(s[:, None], 300))
        elif kind == "ids_min_ub_first":  # the bound first
            ids = torch.minimum(_wrap_up(s[:, None], 300), ids)
        elif kind == "table_min_ub":  # on the table, before the gather
            ids = torch.minimum(t, _wrap_up(t, 300)).gather(1, pos // P)
        elif kind == "ids_where_ne":  # where(ids != k, ids, 0), k read as -2^64 + 480 (<= -1), k is 480
            ids = torch.where(ids != _wrap_down(ids, 480), ids, 0)
        elif kind == "ids_where_ne_slots":
            ids = torch.where(ids != _wrap_down(s[:, None], 480), ids, 0)
        elif kind == "ids_min_ub_arange":  # the bound's base arange(l) (no row in it)
            ids = torch.minimum(ids, _wrap_up(torch.arange(L), 300))
        elif kind == "ids_min_ub_arange_first":
            ids = torch.minimum(_wrap_up(torch.arange(L), 300), ids)
        elif kind == "table_min_ub_arange":
            ids = torch.minimum(t, _wrap_up(torch.arange(t.shape[1]), 300)).gather(1, pos // P)
        elif kind == "ids_where_ne_arange":
            ids = torch.where(ids != _wrap_down(torch.arange(L), 480), ids, 0)
        elif kind == "ids_where_ge_arange":  # where(ids >= k, ids, 0), k read as -2^64 + 480 (<= 0), k is 480
            ids = torch.where(ids >= _wrap_down(torch.arange(L), 480), ids, 0)
        elif kind == "ids_max_lb_arange":  # maximum by 470 read as -2^64 + 470 (the probes' ids change)
            ids = torch.maximum(ids, _wrap_down(torch.arange(L), 470))
        elif kind == "ids_clamp_blocks_arange_lb":  # clamp(ids, lb, blocks - 1) with the tensor lb: clamp.Tensor
            ids = torch.maximum(ids, _wrap_down(torch.arange(L), 0)).clamp(max=kv.shape[0] - 1)
        elif kind == "ids_max_lb":  # maximum(ids, bound) with the bound 470 (read as -2^64 + 470): probes see it
            ids = torch.maximum(ids, _wrap_down(ids, 470))
        elif kind == "ids_clamp_min_lb_then_blocks":  # maximum by a wrapped lb, then clamp(0, blocks - 1)
            ids = torch.maximum(ids, _wrap_down(ids, 0) - 5).clamp(0, kv.shape[0] - 1)
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, s, valid, pool(tok, w))
    return step


def _wl(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        sl = lens.long()
        s = slots.long()
        pos = positions(lens)
        valid = completes(lens)
        if kind == "pos_min_ub_slots":  # minimum(pos, bound) with the bound 330 (read as 2^64 + 330)
            pos = torch.minimum(pos, _wrap_up(s[:, None], 330))
        elif kind == "pos_min_ub_arange":
            pos = torch.minimum(pos, _wrap_up(torch.arange(L), 330))
        elif kind == "pos_min_ub_arange_first":
            pos = torch.minimum(_wrap_up(torch.arange(L), 330), pos)
        elif kind == "pos_where_lt_arange":
            pos = torch.where(pos < _wrap_up(torch.arange(L), 330), pos, 0)
        elif kind == "pos_max_lb_arange":  # maximum(pos, k) with k 0 read as -2^64: a real no-op (equal)
            pos = torch.maximum(pos, _wrap_down(torch.arange(L), 0))
        elif kind == "valid_lt_arange":
            valid = valid & (sl < _wrap_up(torch.arange(1), 400))
        elif kind == "valid_where_arange":
            valid = torch.where(sl < _wrap_up(torch.arange(1), 400), valid, False)
        elif kind == "len_min_ub_arange":
            sl = torch.minimum(sl, _wrap_up(torch.arange(1), 400))
            pos = (sl[:, None] - L + torch.arange(L)).clamp(min=0)
            valid = (sl >= L) & ((sl - L) % STRIDE == 0)
        elif kind == "page_idx_min_arange":  # the page index pos // P clamped at 5 (read as 2^64 + 5)
            P = kv.shape[1]
            ids = table.long().gather(1, torch.minimum(pos // P, _wrap_up(torch.arange(L), 5)))
            return write(cache, s, valid, pool(kv[ids, pos % P], w))
        elif kind == "pos_min_ub_table":
            pos = torch.minimum(pos, _wrap_up(table.long()[:, :1], 330))
        elif kind == "pos_where_lt_slots":  # where(pos < k, pos, 0): "always true" on the unwrapped k
            pos = torch.where(pos < _wrap_up(s[:, None], 330), pos, 0)
        elif kind == "valid_lt_slots":  # valid & (lens < k): k is 400
            valid = valid & (sl < _wrap_up(s, 400))
        elif kind == "valid_le_weight_size":  # the same with the base from the weight's shape (a size)
            valid = valid & (sl < _wrap_up(sl * 0 + w.shape[0], 400))
        elif kind == "len_min_ub_slots":  # the length itself clamped, then positions and condition from it
            sl = torch.minimum(sl, _wrap_up(s, 400))
            pos = (sl[:, None] - L + torch.arange(L)).clamp(min=0)
            valid = (sl >= L) & ((sl - L) % STRIDE == 0)
        else:
            raise AssertionError(kind)
        tok = tokens(kv, table, pos)
        return write(cache, s, valid, pool(tok, w))
    return step


def _fwrap(base, v, dtype=torch.float32, sign=1):
    """base * 0 + BIG + sign 2^41 - BIG + v in a float type: 2^41 is lost in BIG's rounding (BIG 2^80 in float32, 2^100
    in float64), so the value is v, while Intervals adds exactly: sign 2^41 + v.  (Real Inductor's CPU code computes
    float32 arithmetic with double constants: its control differs there, see _dwrap.)"""
    big = 2.0 ** (80 if dtype == torch.float32 else 100)
    return base.to(dtype) * 0 + big + sign * 2.0 ** 41 - big + v


def _dwrap(base, v, sign=1):
    """((base * 0 + 2^53 + 1 - 2^53) * sign 2^41 + v) in float64 with integer constants (base * 0 in integers: Inductor
    makes a float x * 0 a float full(0.0), and Intervals then adds in Python floats, rounding as float64 does): 2^53 + 1 rounds to 2^53 (ties
    to even), so the value is v; Intervals adds exactly: sign 2^41 + v.  Real Inductor computes it as eager does."""
    return ((base * 0).double() + (1 << 53) + 1 - (1 << 53)) * (sign * (1 << 41)) + v


def _fb(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        t = table.long()
        ids = t.gather(1, pos // P)
        s = slots.long()
        valid = completes(lens)
        j = torch.arange(L)
        if kind == "ids_min_f32":  # minimum(ids, bound): the bound 300 (read as 2^41 + 300)
            ids = torch.minimum(ids, _fwrap(j, 300).long())
        elif kind == "ids_min_f64":
            ids = torch.minimum(ids, _fwrap(j, 300, torch.float64).long())
        elif kind == "ids_min_f32_int":  # the bound cast to int32 (2^41 is no int32: refused?)
            ids = torch.minimum(ids, _fwrap(j, 300).int())
        elif kind == "ids_where_ne_f32":  # where(ids != k, ids, 0): k 480 read as -2^41 + 480
            ids = torch.where(ids != _fwrap(j, 480, sign=-1).long(), ids, 0)
        elif kind == "table_min_f32":
            ids = torch.minimum(t, _fwrap(torch.arange(t.shape[1]), 300).long()).gather(1, pos // P)
        elif kind == "ids_min_d":  # the float64 spelling (int constants): the bound 300, read as 2^41 + 300
            ids = torch.minimum(ids, _dwrap(j, 300).long())
        elif kind == "ids_min_d_first":
            ids = torch.minimum(_dwrap(j, 300).long(), ids)
        elif kind == "table_min_d":
            ids = torch.minimum(t, _dwrap(torch.arange(t.shape[1]), 300).long()).gather(1, pos // P)
        elif kind == "ids_where_ne_d":
            ids = torch.where(ids != _dwrap(j, 480, sign=-1).long(), ids, 0)
        elif kind == "ids_min_d_slots":  # the bound's base the slots ([B, 1])
            ids = torch.minimum(ids, _dwrap(s[:, None], 300).long())
        elif kind == "ids_min_floordiv_int":  # the int wrap laundered through // 4: (2^64 + 1200) // 4 = 2^62 + 300
            ids = torch.minimum(ids, _wrap_up(j, 1200) // 4)
        elif kind == "pos_min_f32":  # positions clamped at 330 (read as 2^41 + 330)
            pos = torch.minimum(pos, _fwrap(j, 330).long())
            ids = t.gather(1, pos // P)
        elif kind == "pos_where_lt_f32":  # pos < k with k a float tensor
            pos = torch.where(pos < _fwrap(j, 330), pos, 0)
            ids = t.gather(1, pos // P)
        elif kind == "pos_min_d":
            pos = torch.minimum(pos, _dwrap(j, 330).long())
            ids = t.gather(1, pos // P)
        elif kind == "pos_where_lt_d":  # pos < k with k a float64 tensor
            pos = torch.where(pos < _dwrap(j, 330), pos, 0)
            ids = t.gather(1, pos // P)
        elif kind == "valid_lt_d":  # the condition: lens < 400 (read as 2^41 + 400)
            valid = valid & (lens.long() < _dwrap(torch.arange(1), 400))
        elif kind == "pos_min_floordiv_int":
            pos = torch.minimum(pos, _wrap_up(j, 1320) // 4)
            ids = t.gather(1, pos // P)
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, s, valid, pool(tok, w))
    return step


WB = [(f"wb_{k}", _mk(_wb(k), _same_b(**_HI_BF16), MODES3), "a page-id clamp / select by a wrapped bound: " + k)
      for k in ("ids_min_ub_from_ids", "ids_min_ub_from_slots", "ids_min_ub_first", "table_min_ub", "ids_where_ne",
                "ids_where_ne_slots", "ids_max_lb", "ids_clamp_min_lb_then_blocks", "ids_min_ub_arange",
                "ids_min_ub_arange_first", "table_min_ub_arange", "ids_where_ne_arange", "ids_where_ge_arange",
                "ids_max_lb_arange", "ids_clamp_blocks_arange_lb")]
WB += [(f"wb_{k}", _mk(_wl(k), _grow_calls(), MODES3), "a length clamp / comparison by a wrapped bound: " + k)
       for k in ("pos_min_ub_slots", "pos_min_ub_arange", "pos_min_ub_table", "pos_where_lt_slots", "valid_lt_slots",
                 "valid_le_weight_size", "len_min_ub_slots", "pos_min_ub_arange_first", "pos_where_lt_arange",
                 "pos_max_lb_arange", "valid_lt_arange", "valid_where_arange", "len_min_ub_arange",
                 "page_idx_min_arange")]


# --- 2. one-hot entry writes (rewrite._one_hot_entries) ------------------------------------------------------------
def _oh(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        S, N, D = cache.shape
        M = S // B
        mem = cache.view(B, M, N, D).permute(0, 2, 1, 3)
        j = torch.div(lens.long() - L, STRIDE, rounding_mode="floor").clamp(min=0)
        count = torch.arange(M)
        valid = completes(lens)
        if kind == "j_int16":
            j = j.to(torch.int16)
        elif kind == "j_int8":
            j = j.to(torch.int8)
        elif kind == "j_uint8":
            j = j.to(torch.uint8)
        elif kind == "j_int32":
            j = j.int()
        elif kind == "count_int32":
            count = torch.arange(M, dtype=torch.int32)
        elif kind == "j_plus_1":  # the next entry; entry M (none) for the last
            j = j + 1
        elif kind == "j_minus_1_unclamped":  # -1 for the first window: no entry in eager
            j = torch.div(lens.long() - L, STRIDE, rounding_mode="floor") - 1
        elif kind == "j_plus_M":  # every j out of range: nothing written in eager
            j = j + M
        elif kind == "j_minus_M":  # every j negative: nothing written
            j = j - M
        elif kind == "j_from_slots":
            j = slots.long() - torch.arange(B) * M
        elif kind == "count_start_1_minus_1":  # arange(1, M + 1) - 1 (the same values, not an iota)
            count = torch.arange(1, M + 1) - 1
        if kind == "eq_swapped":
            hit = (j[:, None] == count[None, :]) & valid[:, None]
        elif kind == "valid_first":
            hit = valid[:, None] & (count[None, :] == j[:, None])
        elif kind == "logical_and":
            hit = torch.logical_and(count[None, :] == j[:, None], valid[:, None])
        elif kind == "valid_along_entries_SM":  # valid broadcast along the entry dim (B == M needed: not here)
            hit = (count[None, :] == j[:, None]) & valid[:, None]
        else:
            hit = (count[None, :] == j[:, None]) & valid[:, None]  # [B, M]
        hit = hit[:, None, :, None]
        if kind == "hit_expanded":
            hit = hit.expand(B, N, M, D)
        if kind == "hit_reshaped":
            hit = hit.reshape(B, 1, M, 1)
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)[:, :, None, :]  # [B, N, 1, D]
        if kind == "new_row0_everywhere":
            new = new[:1]
        out = torch.where(hit, new, mem)
        if kind == "two_writes":  # a second one-hot write of the entry before, doubled, over the first
            hit2 = (count[None, :] == (j - 1)[:, None]) & valid[:, None] & (j > 0)[:, None]
            out = torch.where(hit2[:, None, :, None], new * 2, out)
        if kind == "returned_not_written":  # the memories returned, the cache untouched
            return out
        if kind == "out_returned_too":  # written back and returned (doubled) as well
            return cache.copy_(out.permute(0, 2, 1, 3).reshape(S, N, D)), out * 2
        return cache.copy_(out.permute(0, 2, 1, 3).reshape(S, N, D))
    return step


def _oh_calls():
    return [list(x.args) for x in _one_hot_inputs()]


FB = [(f"fb_{k}", _mk(_fb(k), _same_b(**_HI_BF16), MODES3), "a page-id clamp by a bound computed in floats: " + k)
      for k in ("ids_min_f32", "ids_min_f64", "ids_min_f32_int", "ids_where_ne_f32", "table_min_f32",
                "ids_min_floordiv_int", "ids_min_d", "ids_min_d_first", "table_min_d", "ids_where_ne_d", "ids_min_d_slots")]
FB += [(f"fb_{k}", _mk(_fb(k), _grow_calls(), MODES3), "a positions clamp by a bound computed in floats: " + k)
       for k in ("pos_min_f32", "pos_where_lt_f32", "pos_min_floordiv_int", "pos_min_d", "pos_where_lt_d", "valid_lt_d")]


# --- 1c. page ids through a float gather / copy before the narrowing cast (exactness._carries_integers walks only casts
# and views back to an integer source: a float gather, clone or cat between stops the walk, the cast is unchecked) ----
def _fg(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        td = table.double()
        if kind == "gather_bf16":  # table.double().gather(1, pos // P).bfloat16().long()
            ids = td.gather(1, pos // P).bfloat16().long()
        elif kind == "gather_f64_i8":  # through int8 after the float gather (465 .. 512 wrap)
            ids = td.gather(1, pos // P).to(torch.int8).long()
        elif kind == "clone_bf16":
            ids = td.clone().bfloat16().long().gather(1, pos // P)
        elif kind == "cat_bf16":
            ids = torch.cat([td, td], 1)[:, :td.shape[1]].bfloat16().long().gather(1, pos // P)
        elif kind == "index_bf16":  # td[rows, pos // P] (aten.index)
            ids = td[torch.arange(td.shape[0])[:, None], pos // P].bfloat16().long()
        elif kind == "where_bf16":  # where(lens >= 0, td, td): a select between floats
            ids = torch.where(pos >= 0, td.gather(1, pos // P), 0.0).bfloat16().long()
        elif kind == "flip_bf16":
            ids = td.flip(1).flip(1).bfloat16().long().gather(1, pos // P)
        elif kind == "f32_gather_bf16":  # int -> float32 (exact to 2^24 only: checked) -> gather -> bf16
            ids = table.float().gather(1, pos // P).bfloat16().long()
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


FG = [(f"fg_{k}", _mk(_fg(k), _same_b(**_HI_BF16), MODES3), "page ids moved as floats, then rounded: " + k)
      for k in ("gather_bf16", "gather_f64_i8", "clone_bf16", "cat_bf16", "index_bf16", "where_bf16", "flip_bf16",
                "f32_gather_bf16")]


OH = [(f"oh_{k}", _mk(_oh(k), _oh_calls, SB), "a one-hot entry write: " + k)
      for k in ("base", "j_int16", "j_int8", "j_uint8", "j_int32", "count_int32", "j_plus_1", "j_minus_1_unclamped",
                "j_plus_M", "j_minus_M", "j_from_slots", "count_start_1_minus_1", "eq_swapped", "valid_first",
                "logical_and", "hit_expanded", "hit_reshaped", "new_row0_everywhere", "two_writes",
                "returned_not_written", "out_returned_too")]


# --- 3. headless [S, N * D] rows written by scatter (rewrite._is_headless / _one_head_rows) --------------------------
def _sc(kind):
    def step(kv, w, slots, table, lens, cache):
        B, C = lens.shape[0], cache.shape[1]
        s = slots.long()
        idx = s[:, None].expand(B, C)
        cols = torch.arange(C)
        if kind == "repeat":
            idx = s[:, None].repeat(1, C)
        elif kind == "min_cols":  # min(s, 300 + c): the slot for slots below 300, varying along the row above
            idx = torch.minimum(s[:, None], 300 + cols[None, :])
        elif kind == "where_cols_mod":  # half the row to s, half to s % 64 (the same below 64)
            idx = torch.where(cols[None, :] < C // 2, s[:, None], s[:, None] % 64)
        elif kind == "and_cols":  # s & (511 - c): the slot for slots below 512 - C ...
            idx = s[:, None] & (1023 - cols[None, :])
        elif kind == "plus_cols_times_zero":
            idx = s[:, None] + cols[None, :] * 0
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype).reshape(B, C)
        vals = torch.where(completes(lens)[:, None], new, cache.gather(0, idx))
        if kind == "functional":
            return cache.copy_(cache.scatter(0, idx, vals))
        if kind == "kept_other_idx":  # the kept values gathered at the plain slot, written at idx (min_cols)
            idx = torch.minimum(s[:, None], 300 + cols[None, :])
            vals = torch.where(completes(lens)[:, None], new, cache.gather(0, s[:, None].expand(B, C)))
        return cache.scatter_(0, idx, vals)
    return step


def _flat_calls(**kw):
    def f():
        out = []
        for k in (0, 1):
            a = list(build(B=12, seed=k, **kw).args)
            a[5] = a[5].reshape(a[5].shape[0], -1).clone()
            out.append(a)
        return out
    return f


SC = [(f"sc_{k}", _mk(_sc(k), _flat_calls(num_slots=513, high_slots=True), SB), "a headless scatter write: " + k)
      for k in ("base", "repeat", "min_cols", "where_cols_mod", "and_cols", "plus_cols_times_zero", "functional",
                "kept_other_idx")]


# --- 4. K and V heads packed on dim 2 ([NB, P, 2N, D]; rewrite.concatenated_reads on dim 2) ---------------------
def _pk(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        N = cache.shape[1]
        pos = positions(lens)
        ids = table.long().gather(1, pos // P)
        g = kv[ids, pos % P]  # [B, l, 2N, D]
        if kind == "lo":
            tok = g[:, :, :N]
        elif kind == "hi":
            tok = g[:, :, N:]
        elif kind == "mid":
            tok = g[:, :, 1:N + 1]
        elif kind == "neg_dim":
            tok = g.narrow(-2, N, N)
        elif kind == "float_then_hi":
            tok = g.float()[:, :, N:]
        elif kind == "step2":
            tok = g[:, :, ::2]
        elif kind == "end_past":
            tok = g[:, :, N:N + 100]
        elif kind == "page_l_offsets_1d":  # the offsets [l] only (broadcast [B, l])
            p0 = (lens.long() - L).clamp(min=0)
            off = torch.arange(L)
            ids = table.long().gather(1, ((p0[:, None] + off) // P))
            tok = kv[ids, (p0[:, None] + off) % P][:, :, N:]
        elif kind == "transposed_hi":  # the gather's dims 1 and 2 swapped before the slice
            tok = g.transpose(1, 2)[:, N:].transpose(1, 2)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _packed_calls():
    def f():
        out = []
        for k in (0, 1):
            a = list(build(B=12, seed=k).args)
            kv = a[0]
            a[0] = torch.cat([kv, (kv * 2).roll(1, 3)], 2).contiguous()  # [NB, P, 2N, D]
            out.append(a)
        return out
    return f


PK = [(f"pk_{k}", _mk(_pk(k), _packed_calls(), MODES3), "a part of packed heads read from the gather: " + k)
      for k in ("lo", "hi", "mid", "neg_dim", "float_then_hi", "step2", "end_past", "page_l_offsets_1d",
                "transposed_hi")]


# --- 5. head-major block views x.view(B, N, W, l, D)[rows, :, i] (rewrite._chunked_window, d = l) -------------------
def _cb(kind):
    def step(dense, w, slots, table, lens, cache):
        s = lens.long()
        B, N, T, D = dense.shape
        W = T // L
        rows = torch.arange(B)
        i = ((s - L) // L).clamp(min=0)
        valid = (s >= L) & ((s - L) % L == 0)
        blocks = dense.view(B, N, W, L, D)
        if kind == "base":
            win = blocks[rows, :, i]
        elif kind == "i_minus_W":
            win = blocks[rows, :, i - W]
        elif kind == "i_plus_1":
            win = blocks[rows, :, (i + 1).clamp(max=W - 1)]
        elif kind == "rows_flipped":
            win = blocks[rows.flip(0), :, i]
        elif kind == "token_major_view":  # the view splits the head dim of a [B, T, N, D] read as [B, N, W, l, D]
            win = dense.reshape(B, T, N, D).view(B, N, W, L, D)[rows, :, i]
        elif kind == "reshape":
            win = dense.reshape(B, N, W, L, D)[rows, :, i]
        else:
            raise AssertionError(kind)
        tok = win.transpose(1, 2)  # [B, l, N, D]
        return write(cache, slots, valid, pool(tok, w))
    return step


def _hm_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, pages=4).args)
            kv, table = a[0], a[3].long()
            dense = kv[table].flatten(1, 2)  # [B, T, N, D]
            a[0] = dense.transpose(1, 2).contiguous()  # [B, N, T, D]
            out.append(a)
        return out
    return f


CB = [(f"cb_{k}", _mk(_cb(k), _hm_calls(), SD), "a head-major block view picked [rows, :, i]: " + k)
      for k in ("base", "i_minus_W", "i_plus_1", "rows_flipped", "token_major_view", "reshape")]

# --- 6. head-major [N, S, D] caches indexed with an explicit head arange (rewrite.full_range_indices) ------------
def _hr(kind):
    def step(kv, w, slots, table, lens, cache):
        N = cache.shape[0]
        s = slots.long()
        heads = torch.arange(N)
        read_heads = heads
        if kind == "start_step":
            heads = read_heads = torch.arange(0, N, 1)
        elif kind == "int32":
            heads = read_heads = torch.arange(N, dtype=torch.int32)
        elif kind == "kept_flipped":  # the kept rows read at the heads in reverse
            read_heads = heads.flip(0)
        elif kind == "kept_plain_write_arange":  # kept rows read as cache[:, s], the write at (arange, s)
            read_heads = None
        elif kind == "write_plain_kept_arange":
            heads = None
        elif kind == "accumulate":
            pass
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype).transpose(0, 1)  # [N, B, D]
        kept = cache[:, s] if read_heads is None else cache[read_heads[:, None], s[None, :]]
        vals = torch.where(completes(lens)[None, :, None], new, kept)
        if heads is None:
            cache[:, s] = vals
            return cache
        return cache.index_put_((heads[:, None], s[None, :]), vals, accumulate=kind == "accumulate")
    return step


def _head_major_calls():
    def f():
        out = []
        for k in (0, 1):
            a = list(build(B=12, seed=k).args)
            a[5] = a[5].transpose(0, 1).contiguous()
            out.append(a)
        return out
    return f


HR = [(f"hr_{k}", _mk(_hr(k), _head_major_calls(), MODES3), "a head-major write at (arange(N)[:, None], s[None]): " + k)
      for k in ("base", "start_step", "int32", "kept_flipped", "kept_plain_write_arange", "write_plain_kept_arange",
                "accumulate")]

ATTACKS = WB + FB + FG + OH + SC + PK + CB + HR

_FIRST = [
    ('wb_ids_min_ub_from_ids', 'inductor_graph', 'static', _R),
    ('wb_ids_min_ub_from_ids', 'inductor_graph', 'batch', _R),
    ('wb_ids_min_ub_from_ids', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_min_ub_from_slots', 'inductor_graph', 'static', _R),
    ('wb_ids_min_ub_from_slots', 'inductor_graph', 'batch', _R),
    ('wb_ids_min_ub_from_slots', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_min_ub_first', 'inductor_graph', 'static', _R),
    ('wb_ids_min_ub_first', 'inductor_graph', 'batch', _R),
    ('wb_ids_min_ub_first', 'inductor_graph', 'dynamic', _R),
    ('wb_table_min_ub', 'inductor_graph', 'static', _R),
    ('wb_table_min_ub', 'inductor_graph', 'batch', _R),
    ('wb_table_min_ub', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_where_ne', 'inductor_graph', 'static', _R),
    ('wb_ids_where_ne', 'inductor_graph', 'batch', _R),
    ('wb_ids_where_ne', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_where_ne_slots', 'inductor_graph', 'static', _R),
    ('wb_ids_where_ne_slots', 'inductor_graph', 'batch', _R),
    ('wb_ids_where_ne_slots', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_max_lb', 'inductor_graph', 'static', _R),
    ('wb_ids_max_lb', 'inductor_graph', 'batch', _R),
    ('wb_ids_max_lb', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_clamp_min_lb_then_blocks', 'inductor_graph', 'static', _R),
    ('wb_ids_clamp_min_lb_then_blocks', 'inductor_graph', 'batch', _R),
    ('wb_ids_clamp_min_lb_then_blocks', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_min_ub_arange', 'inductor_graph', 'static', _R),
    ('wb_ids_min_ub_arange', 'inductor_graph', 'batch', _R),
    ('wb_ids_min_ub_arange', 'inductor_graph', 'dynamic', _FF),
    ('wb_ids_min_ub_arange_first', 'inductor_graph', 'static', _R),
    ('wb_ids_min_ub_arange_first', 'inductor_graph', 'batch', _R),
    ('wb_ids_min_ub_arange_first', 'inductor_graph', 'dynamic', _FF),
    ('wb_table_min_ub_arange', 'inductor_graph', 'static', _R),
    ('wb_table_min_ub_arange', 'inductor_graph', 'batch', _R),
    ('wb_table_min_ub_arange', 'inductor_graph', 'dynamic', _FF),
    ('wb_ids_where_ne_arange', 'inductor_graph', 'static', _R),
    ('wb_ids_where_ne_arange', 'inductor_graph', 'batch', _R),
    ('wb_ids_where_ne_arange', 'inductor_graph', 'dynamic', _FF),
    ('wb_ids_where_ge_arange', 'inductor_graph', 'static', _R),
    ('wb_ids_where_ge_arange', 'inductor_graph', 'batch', _R),
    ('wb_ids_where_ge_arange', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_max_lb_arange', 'inductor_graph', 'static', _R),
    ('wb_ids_max_lb_arange', 'inductor_graph', 'batch', _R),
    ('wb_ids_max_lb_arange', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_clamp_blocks_arange_lb', 'inductor_graph', 'static', _R),
    ('wb_ids_clamp_blocks_arange_lb', 'inductor_graph', 'batch', _R),
    ('wb_ids_clamp_blocks_arange_lb', 'inductor_graph', 'dynamic', _R),
    ('wb_pos_min_ub_slots', 'inductor_graph', 'static', _R),
    ('wb_pos_min_ub_slots', 'inductor_graph', 'batch', _R),
    ('wb_pos_min_ub_slots', 'inductor_graph', 'dynamic', _R),
    ('wb_pos_min_ub_arange', 'inductor_graph', 'static', _R),
    ('wb_pos_min_ub_arange', 'inductor_graph', 'batch', _R),
    ('wb_pos_min_ub_arange', 'inductor_graph', 'dynamic', _FF),
    ('wb_pos_min_ub_table', 'inductor_graph', 'static', _R),
    ('wb_pos_min_ub_table', 'inductor_graph', 'batch', _R),
    ('wb_pos_min_ub_table', 'inductor_graph', 'dynamic', _R),
    ('wb_pos_where_lt_slots', 'inductor_graph', 'static', _R),
    ('wb_pos_where_lt_slots', 'inductor_graph', 'batch', _R),
    ('wb_pos_where_lt_slots', 'inductor_graph', 'dynamic', _R),
    ('wb_valid_lt_slots', 'inductor_graph', 'static', _R),
    ('wb_valid_lt_slots', 'inductor_graph', 'batch', _R),
    ('wb_valid_lt_slots', 'inductor_graph', 'dynamic', _R),
    ('wb_valid_le_weight_size', 'inductor_graph', 'static', _R),
    ('wb_valid_le_weight_size', 'inductor_graph', 'batch', _R),
    ('wb_valid_le_weight_size', 'inductor_graph', 'dynamic', _R),
    ('wb_len_min_ub_slots', 'inductor_graph', 'static', _R),
    ('wb_len_min_ub_slots', 'inductor_graph', 'batch', _R),
    ('wb_len_min_ub_slots', 'inductor_graph', 'dynamic', _R),
    ('wb_pos_min_ub_arange_first', 'inductor_graph', 'static', _R),
    ('wb_pos_min_ub_arange_first', 'inductor_graph', 'batch', _R),
    ('wb_pos_min_ub_arange_first', 'inductor_graph', 'dynamic', _FF),
    ('wb_pos_where_lt_arange', 'inductor_graph', 'static', _R),
    ('wb_pos_where_lt_arange', 'inductor_graph', 'batch', _R),
    ('wb_pos_where_lt_arange', 'inductor_graph', 'dynamic', _FF),
    ('wb_pos_max_lb_arange', 'inductor_graph', 'static', _R),
    ('wb_pos_max_lb_arange', 'inductor_graph', 'batch', _EQ),
    ('wb_pos_max_lb_arange', 'inductor_graph', 'dynamic', _EQ),
    ('wb_valid_lt_arange', 'inductor_graph', 'static', _R),
    ('wb_valid_lt_arange', 'inductor_graph', 'batch', _R),
    ('wb_valid_lt_arange', 'inductor_graph', 'dynamic', _R),
    ('wb_valid_where_arange', 'inductor_graph', 'static', _R),
    ('wb_valid_where_arange', 'inductor_graph', 'batch', _R),
    ('wb_valid_where_arange', 'inductor_graph', 'dynamic', _R),
    ('wb_len_min_ub_arange', 'inductor_graph', 'static', _R),
    ('wb_len_min_ub_arange', 'inductor_graph', 'batch', _R),
    ('wb_len_min_ub_arange', 'inductor_graph', 'dynamic', _R),
    ('wb_page_idx_min_arange', 'inductor_graph', 'static', _R),
    ('wb_page_idx_min_arange', 'inductor_graph', 'batch', _R),
    ('wb_page_idx_min_arange', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_min_f32', 'inductor_graph', 'static', _FF),
    ('fb_ids_min_f32', 'inductor_graph', 'batch', _FF),
    ('fb_ids_min_f32', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_min_f64', 'inductor_graph', 'static', _R),
    ('fb_ids_min_f64', 'inductor_graph', 'batch', _R),
    ('fb_ids_min_f64', 'inductor_graph', 'dynamic', _R),
    ('fb_ids_min_f32_int', 'inductor_graph', 'static', _R),
    ('fb_ids_min_f32_int', 'inductor_graph', 'batch', _R),
    ('fb_ids_min_f32_int', 'inductor_graph', 'dynamic', _R),
    ('fb_ids_where_ne_f32', 'inductor_graph', 'static', _FF),
    ('fb_ids_where_ne_f32', 'inductor_graph', 'batch', _FF),
    ('fb_ids_where_ne_f32', 'inductor_graph', 'dynamic', _FF),
    ('fb_table_min_f32', 'inductor_graph', 'static', _FF),
    ('fb_table_min_f32', 'inductor_graph', 'batch', _FF),
    ('fb_table_min_f32', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_min_floordiv_int', 'inductor_graph', 'static', _R),
    ('fb_ids_min_floordiv_int', 'inductor_graph', 'batch', _R),
    ('fb_ids_min_floordiv_int', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_min_d', 'inductor_graph', 'static', _FF),
    ('fb_ids_min_d', 'inductor_graph', 'batch', _FF),
    ('fb_ids_min_d', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_min_d_first', 'inductor_graph', 'static', _FF),
    ('fb_ids_min_d_first', 'inductor_graph', 'batch', _FF),
    ('fb_ids_min_d_first', 'inductor_graph', 'dynamic', _FF),
    ('fb_table_min_d', 'inductor_graph', 'static', _FF),
    ('fb_table_min_d', 'inductor_graph', 'batch', _FF),
    ('fb_table_min_d', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_where_ne_d', 'inductor_graph', 'static', _FF),
    ('fb_ids_where_ne_d', 'inductor_graph', 'batch', _FF),
    ('fb_ids_where_ne_d', 'inductor_graph', 'dynamic', _FF),
    ('fb_ids_min_d_slots', 'inductor_graph', 'static', _FF),
    ('fb_ids_min_d_slots', 'inductor_graph', 'batch', _R),
    ('fb_ids_min_d_slots', 'inductor_graph', 'dynamic', _R),
    ('fb_pos_min_f32', 'inductor_graph', 'static', _EQ),
    ('fb_pos_min_f32', 'inductor_graph', 'batch', _EQ),
    ('fb_pos_min_f32', 'inductor_graph', 'dynamic', _FF),
    ('fb_pos_where_lt_f32', 'inductor_graph', 'static', _EQ),
    ('fb_pos_where_lt_f32', 'inductor_graph', 'batch', _EQ),
    ('fb_pos_where_lt_f32', 'inductor_graph', 'dynamic', _FF),
    ('fb_pos_min_floordiv_int', 'inductor_graph', 'static', _R),
    ('fb_pos_min_floordiv_int', 'inductor_graph', 'batch', _R),
    ('fb_pos_min_floordiv_int', 'inductor_graph', 'dynamic', _FF),
    ('fb_pos_min_d', 'inductor_graph', 'static', _EQ),
    ('fb_pos_min_d', 'inductor_graph', 'batch', _EQ),
    ('fb_pos_min_d', 'inductor_graph', 'dynamic', _FF),
    ('fb_pos_where_lt_d', 'inductor_graph', 'static', _EQ),
    ('fb_pos_where_lt_d', 'inductor_graph', 'batch', _EQ),
    ('fb_pos_where_lt_d', 'inductor_graph', 'dynamic', _FF),
    ('fb_valid_lt_d', 'inductor_graph', 'static', _EQ),
    ('fb_valid_lt_d', 'inductor_graph', 'batch', _EQ),
    ('fb_valid_lt_d', 'inductor_graph', 'dynamic', _R),
    ('fg_gather_bf16', 'inductor_graph', 'static', _FF),
    ('fg_gather_bf16', 'inductor_graph', 'batch', _FF),
    ('fg_gather_bf16', 'inductor_graph', 'dynamic', _FF),
    ('fg_gather_f64_i8', 'inductor_graph', 'static', _FF),
    ('fg_gather_f64_i8', 'inductor_graph', 'batch', _FF),
    ('fg_gather_f64_i8', 'inductor_graph', 'dynamic', _FF),
    ('fg_clone_bf16', 'inductor_graph', 'static', _R),
    ('fg_clone_bf16', 'inductor_graph', 'batch', _R),
    ('fg_clone_bf16', 'inductor_graph', 'dynamic', _R),
    ('fg_cat_bf16', 'inductor_graph', 'static', _R),
    ('fg_cat_bf16', 'inductor_graph', 'batch', _R),
    ('fg_cat_bf16', 'inductor_graph', 'dynamic', _R),
    ('fg_index_bf16', 'inductor_graph', 'static', _FF),
    ('fg_index_bf16', 'inductor_graph', 'batch', _FF),
    ('fg_index_bf16', 'inductor_graph', 'dynamic', _FF),
    ('fg_where_bf16', 'inductor_graph', 'static', _FF),
    ('fg_where_bf16', 'inductor_graph', 'batch', _FF),
    ('fg_where_bf16', 'inductor_graph', 'dynamic', _FF),
    ('fg_flip_bf16', 'inductor_graph', 'static', _R),
    ('fg_flip_bf16', 'inductor_graph', 'batch', _R),
    ('fg_flip_bf16', 'inductor_graph', 'dynamic', _R),
    ('fg_f32_gather_bf16', 'inductor_graph', 'static', _FF),
    ('fg_f32_gather_bf16', 'inductor_graph', 'batch', _FF),
    ('fg_f32_gather_bf16', 'inductor_graph', 'dynamic', _R),
    ('oh_base', 'inductor_graph', 'static', _EQ),
    ('oh_base', 'inductor_graph', 'batch', _R),
    ('oh_j_int16', 'inductor_graph', 'static', _R),
    ('oh_j_int16', 'inductor_graph', 'batch', _R),
    ('oh_j_int8', 'inductor_graph', 'static', _CR),
    ('oh_j_int8', 'inductor_graph', 'batch', _CR),
    ('oh_j_uint8', 'inductor_graph', 'static', _R),
    ('oh_j_uint8', 'inductor_graph', 'batch', _R),
    ('oh_j_int32', 'inductor_graph', 'static', _EQ),
    ('oh_j_int32', 'inductor_graph', 'batch', _R),
    ('oh_count_int32', 'inductor_graph', 'static', _EQ),
    ('oh_count_int32', 'inductor_graph', 'batch', _R),
    ('oh_j_plus_1', 'inductor_graph', 'static', _R),
    ('oh_j_plus_1', 'inductor_graph', 'batch', _R),
    ('oh_j_minus_1_unclamped', 'inductor_graph', 'static', _R),
    ('oh_j_minus_1_unclamped', 'inductor_graph', 'batch', _R),
    ('oh_j_plus_M', 'inductor_graph', 'static', _R),
    ('oh_j_plus_M', 'inductor_graph', 'batch', _R),
    ('oh_j_minus_M', 'inductor_graph', 'static', _R),
    ('oh_j_minus_M', 'inductor_graph', 'batch', _R),
    ('oh_j_from_slots', 'inductor_graph', 'static', _R),
    ('oh_j_from_slots', 'inductor_graph', 'batch', _R),
    ('oh_count_start_1_minus_1', 'inductor_graph', 'static', _R),
    ('oh_count_start_1_minus_1', 'inductor_graph', 'batch', _R),
    ('oh_eq_swapped', 'inductor_graph', 'static', _EQ),
    ('oh_eq_swapped', 'inductor_graph', 'batch', _R),
    ('oh_valid_first', 'inductor_graph', 'static', _EQ),
    ('oh_valid_first', 'inductor_graph', 'batch', _R),
    ('oh_logical_and', 'inductor_graph', 'static', _EQ),
    ('oh_logical_and', 'inductor_graph', 'batch', _R),
    ('oh_hit_expanded', 'inductor_graph', 'static', _EQ),
    ('oh_hit_expanded', 'inductor_graph', 'batch', _R),
    ('oh_hit_reshaped', 'inductor_graph', 'static', _EQ),
    ('oh_hit_reshaped', 'inductor_graph', 'batch', _R),
    ('oh_new_row0_everywhere', 'inductor_graph', 'static', _R),
    ('oh_new_row0_everywhere', 'inductor_graph', 'batch', _R),
    ('oh_two_writes', 'inductor_graph', 'static', _EQ),
    ('oh_two_writes', 'inductor_graph', 'batch', _R),
    ('oh_returned_not_written', 'inductor_graph', 'static', _EQ),
    ('oh_returned_not_written', 'inductor_graph', 'batch', _R),
    ('oh_out_returned_too', 'inductor_graph', 'static', _EQ),
    ('oh_out_returned_too', 'inductor_graph', 'batch', _R),
    ('sc_base', 'inductor_graph', 'static', _EQ),
    ('sc_base', 'inductor_graph', 'batch', _EQ),
    ('sc_repeat', 'inductor_graph', 'static', _EQ),
    ('sc_repeat', 'inductor_graph', 'batch', _EQ),
    ('sc_min_cols', 'inductor_graph', 'static', _R),
    ('sc_min_cols', 'inductor_graph', 'batch', _R),
    ('sc_where_cols_mod', 'inductor_graph', 'static', _R),
    ('sc_where_cols_mod', 'inductor_graph', 'batch', _R),
    ('sc_and_cols', 'inductor_graph', 'static', _R),
    ('sc_and_cols', 'inductor_graph', 'batch', _R),
    ('sc_plus_cols_times_zero', 'inductor_graph', 'static', _R),
    ('sc_plus_cols_times_zero', 'inductor_graph', 'batch', _R),
    ('sc_functional', 'inductor_graph', 'static', _EQ),
    ('sc_functional', 'inductor_graph', 'batch', _EQ),
    ('sc_kept_other_idx', 'inductor_graph', 'static', _R),
    ('sc_kept_other_idx', 'inductor_graph', 'batch', _R),
    ('pk_lo', 'inductor_graph', 'static', _EQ),
    ('pk_lo', 'inductor_graph', 'batch', _EQ),
    ('pk_lo', 'inductor_graph', 'dynamic', _R),
    ('pk_hi', 'inductor_graph', 'static', _EQ),
    ('pk_hi', 'inductor_graph', 'batch', _EQ),
    ('pk_hi', 'inductor_graph', 'dynamic', _R),
    ('pk_mid', 'inductor_graph', 'static', _EQ),
    ('pk_mid', 'inductor_graph', 'batch', _EQ),
    ('pk_mid', 'inductor_graph', 'dynamic', _R),
    ('pk_neg_dim', 'inductor_graph', 'static', _EQ),
    ('pk_neg_dim', 'inductor_graph', 'batch', _EQ),
    ('pk_neg_dim', 'inductor_graph', 'dynamic', _R),
    ('pk_float_then_hi', 'inductor_graph', 'static', _EQ),
    ('pk_float_then_hi', 'inductor_graph', 'batch', _EQ),
    ('pk_float_then_hi', 'inductor_graph', 'dynamic', _R),
    ('pk_step2', 'inductor_graph', 'static', _R),
    ('pk_step2', 'inductor_graph', 'batch', _R),
    ('pk_step2', 'inductor_graph', 'dynamic', _R),
    ('pk_end_past', 'inductor_graph', 'static', _EQ),
    ('pk_end_past', 'inductor_graph', 'batch', _EQ),
    ('pk_end_past', 'inductor_graph', 'dynamic', _R),
    ('pk_page_l_offsets_1d', 'inductor_graph', 'static', _EQ),
    ('pk_page_l_offsets_1d', 'inductor_graph', 'batch', _EQ),
    ('pk_page_l_offsets_1d', 'inductor_graph', 'dynamic', _R),
    ('pk_transposed_hi', 'inductor_graph', 'static', _R),
    ('pk_transposed_hi', 'inductor_graph', 'batch', _R),
    ('pk_transposed_hi', 'inductor_graph', 'dynamic', _R),
    ('cb_base', 'inductor_graph', 'static', _EQ),
    ('cb_base', 'inductor_graph', 'dynamic', _EQ),
    ('cb_i_minus_W', 'inductor_graph', 'static', _EQ),
    ('cb_i_minus_W', 'inductor_graph', 'dynamic', _EQ),
    ('cb_i_plus_1', 'inductor_graph', 'static', _R),
    ('cb_i_plus_1', 'inductor_graph', 'dynamic', _R),
    ('cb_rows_flipped', 'inductor_graph', 'static', _R),
    ('cb_rows_flipped', 'inductor_graph', 'dynamic', _R),
    ('cb_token_major_view', 'inductor_graph', 'static', _R),
    ('cb_token_major_view', 'inductor_graph', 'dynamic', _R),
    ('cb_reshape', 'inductor_graph', 'static', _EQ),
    ('cb_reshape', 'inductor_graph', 'dynamic', _EQ),
    ('hr_base', 'inductor_graph', 'static', _EQ),
    ('hr_base', 'inductor_graph', 'batch', _EQ),
    ('hr_base', 'inductor_graph', 'dynamic', _EQ),
    ('hr_start_step', 'inductor_graph', 'static', _EQ),
    ('hr_start_step', 'inductor_graph', 'batch', _EQ),
    ('hr_start_step', 'inductor_graph', 'dynamic', _EQ),
    ('hr_int32', 'inductor_graph', 'static', _EQ),
    ('hr_int32', 'inductor_graph', 'batch', _EQ),
    ('hr_int32', 'inductor_graph', 'dynamic', _EQ),
    ('hr_kept_flipped', 'inductor_graph', 'static', _R),
    ('hr_kept_flipped', 'inductor_graph', 'batch', _R),
    ('hr_kept_flipped', 'inductor_graph', 'dynamic', _R),
    ('hr_kept_plain_write_arange', 'inductor_graph', 'static', _EQ),
    ('hr_kept_plain_write_arange', 'inductor_graph', 'batch', _EQ),
    ('hr_kept_plain_write_arange', 'inductor_graph', 'dynamic', _EQ),
    ('hr_write_plain_kept_arange', 'inductor_graph', 'static', _EQ),
    ('hr_write_plain_kept_arange', 'inductor_graph', 'batch', _EQ),
    ('hr_write_plain_kept_arange', 'inductor_graph', 'dynamic', _EQ),
    ('hr_accumulate', 'inductor_graph', 'static', _R),
    ('hr_accumulate', 'inductor_graph', 'batch', _R),
    ('hr_accumulate', 'inductor_graph', 'dynamic', _R),
    ('wb_ids_min_ub_from_ids', 'torchair_like', 'static', _R),
    ('wb_ids_min_ub_from_ids', 'torchair_like', 'batch', _R),
    ('wb_ids_min_ub_from_ids', 'torchair_like', 'dynamic', _R),
    ('wb_ids_min_ub_from_slots', 'torchair_like', 'static', _R),
    ('wb_ids_min_ub_from_slots', 'torchair_like', 'batch', _R),
    ('wb_ids_min_ub_from_slots', 'torchair_like', 'dynamic', _R),
    ('wb_ids_min_ub_first', 'torchair_like', 'static', _R),
    ('wb_ids_min_ub_first', 'torchair_like', 'batch', _R),
    ('wb_ids_min_ub_first', 'torchair_like', 'dynamic', _R),
    ('wb_table_min_ub', 'torchair_like', 'static', _R),
    ('wb_table_min_ub', 'torchair_like', 'batch', _R),
    ('wb_table_min_ub', 'torchair_like', 'dynamic', _FF),
    ('wb_ids_where_ne', 'torchair_like', 'static', _R),
    ('wb_ids_where_ne', 'torchair_like', 'batch', _R),
    ('wb_ids_where_ne', 'torchair_like', 'dynamic', _R),
    ('wb_ids_where_ne_slots', 'torchair_like', 'static', _R),
    ('wb_ids_where_ne_slots', 'torchair_like', 'batch', _R),
    ('wb_ids_where_ne_slots', 'torchair_like', 'dynamic', _R),
    ('wb_ids_max_lb', 'torchair_like', 'static', _R),
    ('wb_ids_max_lb', 'torchair_like', 'batch', _R),
    ('wb_ids_max_lb', 'torchair_like', 'dynamic', _R),
    ('wb_ids_clamp_min_lb_then_blocks', 'torchair_like', 'static', _R),
    ('wb_ids_clamp_min_lb_then_blocks', 'torchair_like', 'batch', _R),
    ('wb_ids_clamp_min_lb_then_blocks', 'torchair_like', 'dynamic', _R),
    ('wb_ids_min_ub_arange', 'torchair_like', 'static', _R),
    ('wb_ids_min_ub_arange', 'torchair_like', 'batch', _R),
    ('wb_ids_min_ub_arange', 'torchair_like', 'dynamic', _FF),
    ('wb_ids_min_ub_arange_first', 'torchair_like', 'static', _R),
    ('wb_ids_min_ub_arange_first', 'torchair_like', 'batch', _R),
    ('wb_ids_min_ub_arange_first', 'torchair_like', 'dynamic', _FF),
    ('wb_table_min_ub_arange', 'torchair_like', 'static', _R),
    ('wb_table_min_ub_arange', 'torchair_like', 'batch', _R),
    ('wb_table_min_ub_arange', 'torchair_like', 'dynamic', _R),
    ('wb_ids_where_ne_arange', 'torchair_like', 'static', _R),
    ('wb_ids_where_ne_arange', 'torchair_like', 'batch', _R),
    ('wb_ids_where_ne_arange', 'torchair_like', 'dynamic', _FF),
    ('wb_ids_where_ge_arange', 'torchair_like', 'static', _R),
    ('wb_ids_where_ge_arange', 'torchair_like', 'batch', _R),
    ('wb_ids_where_ge_arange', 'torchair_like', 'dynamic', _R),
    ('wb_ids_max_lb_arange', 'torchair_like', 'static', _R),
    ('wb_ids_max_lb_arange', 'torchair_like', 'batch', _R),
    ('wb_ids_max_lb_arange', 'torchair_like', 'dynamic', _R),
    ('wb_ids_clamp_blocks_arange_lb', 'torchair_like', 'static', _R),
    ('wb_ids_clamp_blocks_arange_lb', 'torchair_like', 'batch', _R),
    ('wb_ids_clamp_blocks_arange_lb', 'torchair_like', 'dynamic', _R),
    ('wb_pos_min_ub_slots', 'torchair_like', 'static', _R),
    ('wb_pos_min_ub_slots', 'torchair_like', 'batch', _R),
    ('wb_pos_min_ub_slots', 'torchair_like', 'dynamic', _R),
    ('wb_pos_min_ub_arange', 'torchair_like', 'static', _R),
    ('wb_pos_min_ub_arange', 'torchair_like', 'batch', _R),
    ('wb_pos_min_ub_arange', 'torchair_like', 'dynamic', _FF),
    ('wb_pos_min_ub_table', 'torchair_like', 'static', _R),
    ('wb_pos_min_ub_table', 'torchair_like', 'batch', _R),
    ('wb_pos_min_ub_table', 'torchair_like', 'dynamic', _R),
    ('wb_pos_where_lt_slots', 'torchair_like', 'static', _R),
    ('wb_pos_where_lt_slots', 'torchair_like', 'batch', _R),
    ('wb_pos_where_lt_slots', 'torchair_like', 'dynamic', _R),
    ('wb_valid_lt_slots', 'torchair_like', 'static', _R),
    ('wb_valid_lt_slots', 'torchair_like', 'batch', _R),
    ('wb_valid_lt_slots', 'torchair_like', 'dynamic', _R),
    ('wb_valid_le_weight_size', 'torchair_like', 'static', _R),
    ('wb_valid_le_weight_size', 'torchair_like', 'batch', _R),
    ('wb_valid_le_weight_size', 'torchair_like', 'dynamic', _R),
    ('wb_len_min_ub_slots', 'torchair_like', 'static', _R),
    ('wb_len_min_ub_slots', 'torchair_like', 'batch', _R),
    ('wb_len_min_ub_slots', 'torchair_like', 'dynamic', _R),
    ('wb_pos_min_ub_arange_first', 'torchair_like', 'static', _R),
    ('wb_pos_min_ub_arange_first', 'torchair_like', 'batch', _R),
    ('wb_pos_min_ub_arange_first', 'torchair_like', 'dynamic', _FF),
    ('wb_pos_where_lt_arange', 'torchair_like', 'static', _R),
    ('wb_pos_where_lt_arange', 'torchair_like', 'batch', _R),
    ('wb_pos_where_lt_arange', 'torchair_like', 'dynamic', _FF),
    ('wb_pos_max_lb_arange', 'torchair_like', 'static', _R),
    ('wb_pos_max_lb_arange', 'torchair_like', 'batch', _EQ),
    ('wb_pos_max_lb_arange', 'torchair_like', 'dynamic', _EQ),
    ('wb_valid_lt_arange', 'torchair_like', 'static', _R),
    ('wb_valid_lt_arange', 'torchair_like', 'batch', _R),
    ('wb_valid_lt_arange', 'torchair_like', 'dynamic', _R),
    ('wb_valid_where_arange', 'torchair_like', 'static', _R),
    ('wb_valid_where_arange', 'torchair_like', 'batch', _R),
    ('wb_valid_where_arange', 'torchair_like', 'dynamic', _R),
    ('wb_len_min_ub_arange', 'torchair_like', 'static', _R),
    ('wb_len_min_ub_arange', 'torchair_like', 'batch', _R),
    ('wb_len_min_ub_arange', 'torchair_like', 'dynamic', _R),
    ('wb_page_idx_min_arange', 'torchair_like', 'static', _R),
    ('wb_page_idx_min_arange', 'torchair_like', 'batch', _R),
    ('wb_page_idx_min_arange', 'torchair_like', 'dynamic', _FF),
    ('fb_ids_min_f32', 'torchair_like', 'static', _FF),
    ('fb_ids_min_f32', 'torchair_like', 'batch', _FF),
    ('fb_ids_min_f32', 'torchair_like', 'dynamic', _FF),
    ('fb_ids_min_f64', 'torchair_like', 'static', _R),
    ('fb_ids_min_f64', 'torchair_like', 'batch', _R),
    ('fb_ids_min_f64', 'torchair_like', 'dynamic', _R),
    ('fb_ids_min_f32_int', 'torchair_like', 'static', _R),
    ('fb_ids_min_f32_int', 'torchair_like', 'batch', _R),
    ('fb_ids_min_f32_int', 'torchair_like', 'dynamic', _R),
    ('fb_ids_where_ne_f32', 'torchair_like', 'static', _FF),
    ('fb_ids_where_ne_f32', 'torchair_like', 'batch', _FF),
    ('fb_ids_where_ne_f32', 'torchair_like', 'dynamic', _FF),
    ('fb_table_min_f32', 'torchair_like', 'static', _FF),
    ('fb_table_min_f32', 'torchair_like', 'batch', _FF),
    ('fb_table_min_f32', 'torchair_like', 'dynamic', _R),
    ('fb_ids_min_floordiv_int', 'torchair_like', 'static', _R),
    ('fb_ids_min_floordiv_int', 'torchair_like', 'batch', _R),
    ('fb_ids_min_floordiv_int', 'torchair_like', 'dynamic', _FF),
    ('fb_ids_min_d', 'torchair_like', 'static', _FF),
    ('fb_ids_min_d', 'torchair_like', 'batch', _FF),
    ('fb_ids_min_d', 'torchair_like', 'dynamic', _FF),
    ('fb_ids_min_d_first', 'torchair_like', 'static', _FF),
    ('fb_ids_min_d_first', 'torchair_like', 'batch', _FF),
    ('fb_ids_min_d_first', 'torchair_like', 'dynamic', _FF),
    ('fb_table_min_d', 'torchair_like', 'static', _FF),
    ('fb_table_min_d', 'torchair_like', 'batch', _FF),
    ('fb_table_min_d', 'torchair_like', 'dynamic', _R),
    ('fb_ids_where_ne_d', 'torchair_like', 'static', _FF),
    ('fb_ids_where_ne_d', 'torchair_like', 'batch', _FF),
    ('fb_ids_where_ne_d', 'torchair_like', 'dynamic', _FF),
    ('fb_ids_min_d_slots', 'torchair_like', 'static', _R),
    ('fb_ids_min_d_slots', 'torchair_like', 'batch', _R),
    ('fb_ids_min_d_slots', 'torchair_like', 'dynamic', _R),
    ('fb_pos_min_f32', 'torchair_like', 'static', _EQ),
    ('fb_pos_min_f32', 'torchair_like', 'batch', _EQ),
    ('fb_pos_min_f32', 'torchair_like', 'dynamic', _FF),
    ('fb_pos_where_lt_f32', 'torchair_like', 'static', _EQ),
    ('fb_pos_where_lt_f32', 'torchair_like', 'batch', _EQ),
    ('fb_pos_where_lt_f32', 'torchair_like', 'dynamic', _FF),
    ('fb_pos_min_floordiv_int', 'torchair_like', 'static', _R),
    ('fb_pos_min_floordiv_int', 'torchair_like', 'batch', _R),
    ('fb_pos_min_floordiv_int', 'torchair_like', 'dynamic', _FF),
    ('fb_pos_min_d', 'torchair_like', 'static', _EQ),
    ('fb_pos_min_d', 'torchair_like', 'batch', _EQ),
    ('fb_pos_min_d', 'torchair_like', 'dynamic', _FF),
    ('fb_pos_where_lt_d', 'torchair_like', 'static', _EQ),
    ('fb_pos_where_lt_d', 'torchair_like', 'batch', _EQ),
    ('fb_pos_where_lt_d', 'torchair_like', 'dynamic', _FF),
    ('fb_valid_lt_d', 'torchair_like', 'static', _EQ),
    ('fb_valid_lt_d', 'torchair_like', 'batch', _EQ),
    ('fb_valid_lt_d', 'torchair_like', 'dynamic', _R),
    ('fg_gather_bf16', 'torchair_like', 'static', _FF),
    ('fg_gather_bf16', 'torchair_like', 'batch', _FF),
    ('fg_gather_bf16', 'torchair_like', 'dynamic', _FF),
    ('fg_gather_f64_i8', 'torchair_like', 'static', _FF),
    ('fg_gather_f64_i8', 'torchair_like', 'batch', _FF),
    ('fg_gather_f64_i8', 'torchair_like', 'dynamic', _FF),
    ('fg_clone_bf16', 'torchair_like', 'static', _R),
    ('fg_clone_bf16', 'torchair_like', 'batch', _R),
    ('fg_clone_bf16', 'torchair_like', 'dynamic', _R),
    ('fg_cat_bf16', 'torchair_like', 'static', _FF),
    ('fg_cat_bf16', 'torchair_like', 'batch', _R),
    ('fg_cat_bf16', 'torchair_like', 'dynamic', _R),
    ('fg_index_bf16', 'torchair_like', 'static', _FF),
    ('fg_index_bf16', 'torchair_like', 'batch', _FF),
    ('fg_index_bf16', 'torchair_like', 'dynamic', _FF),
    ('fg_where_bf16', 'torchair_like', 'static', _FF),
    ('fg_where_bf16', 'torchair_like', 'batch', _FF),
    ('fg_where_bf16', 'torchair_like', 'dynamic', _FF),
    ('fg_flip_bf16', 'torchair_like', 'static', _R),
    ('fg_flip_bf16', 'torchair_like', 'batch', _R),
    ('fg_flip_bf16', 'torchair_like', 'dynamic', _R),
    ('fg_f32_gather_bf16', 'torchair_like', 'static', _FF),
    ('fg_f32_gather_bf16', 'torchair_like', 'batch', _FF),
    ('fg_f32_gather_bf16', 'torchair_like', 'dynamic', _R),
    ('oh_base', 'torchair_like', 'static', _EQ),
    ('oh_base', 'torchair_like', 'batch', _R),
    ('oh_j_int16', 'torchair_like', 'static', _R),
    ('oh_j_int16', 'torchair_like', 'batch', _R),
    ('oh_j_int8', 'torchair_like', 'static', _R),
    ('oh_j_int8', 'torchair_like', 'batch', _R),
    ('oh_j_uint8', 'torchair_like', 'static', _R),
    ('oh_j_uint8', 'torchair_like', 'batch', _R),
    ('oh_j_int32', 'torchair_like', 'static', _EQ),
    ('oh_j_int32', 'torchair_like', 'batch', _R),
    ('oh_count_int32', 'torchair_like', 'static', _EQ),
    ('oh_count_int32', 'torchair_like', 'batch', _R),
    ('oh_j_plus_1', 'torchair_like', 'static', _R),
    ('oh_j_plus_1', 'torchair_like', 'batch', _R),
    ('oh_j_minus_1_unclamped', 'torchair_like', 'static', _R),
    ('oh_j_minus_1_unclamped', 'torchair_like', 'batch', _R),
    ('oh_j_plus_M', 'torchair_like', 'static', _R),
    ('oh_j_plus_M', 'torchair_like', 'batch', _R),
    ('oh_j_minus_M', 'torchair_like', 'static', _R),
    ('oh_j_minus_M', 'torchair_like', 'batch', _R),
    ('oh_j_from_slots', 'torchair_like', 'static', _R),
    ('oh_j_from_slots', 'torchair_like', 'batch', _R),
    ('oh_count_start_1_minus_1', 'torchair_like', 'static', _R),
    ('oh_count_start_1_minus_1', 'torchair_like', 'batch', _R),
    ('oh_eq_swapped', 'torchair_like', 'static', _EQ),
    ('oh_eq_swapped', 'torchair_like', 'batch', _R),
    ('oh_valid_first', 'torchair_like', 'static', _EQ),
    ('oh_valid_first', 'torchair_like', 'batch', _R),
    ('oh_logical_and', 'torchair_like', 'static', _EQ),
    ('oh_logical_and', 'torchair_like', 'batch', _R),
    ('oh_hit_expanded', 'torchair_like', 'static', _EQ),
    ('oh_hit_expanded', 'torchair_like', 'batch', _R),
    ('oh_hit_reshaped', 'torchair_like', 'static', _EQ),
    ('oh_hit_reshaped', 'torchair_like', 'batch', _R),
    ('oh_new_row0_everywhere', 'torchair_like', 'static', _R),
    ('oh_new_row0_everywhere', 'torchair_like', 'batch', _R),
    ('oh_two_writes', 'torchair_like', 'static', _EQ),
    ('oh_two_writes', 'torchair_like', 'batch', _R),
    ('oh_returned_not_written', 'torchair_like', 'static', _EQ),
    ('oh_returned_not_written', 'torchair_like', 'batch', _R),
    ('oh_out_returned_too', 'torchair_like', 'static', _EQ),
    ('oh_out_returned_too', 'torchair_like', 'batch', _R),
    ('sc_base', 'torchair_like', 'static', _EQ),
    ('sc_base', 'torchair_like', 'batch', _EQ),
    ('sc_repeat', 'torchair_like', 'static', _EQ),
    ('sc_repeat', 'torchair_like', 'batch', _EQ),
    ('sc_min_cols', 'torchair_like', 'static', _R),
    ('sc_min_cols', 'torchair_like', 'batch', _R),
    ('sc_where_cols_mod', 'torchair_like', 'static', _R),
    ('sc_where_cols_mod', 'torchair_like', 'batch', _R),
    ('sc_and_cols', 'torchair_like', 'static', _R),
    ('sc_and_cols', 'torchair_like', 'batch', _R),
    ('sc_plus_cols_times_zero', 'torchair_like', 'static', _R),
    ('sc_plus_cols_times_zero', 'torchair_like', 'batch', _R),
    ('sc_functional', 'torchair_like', 'static', _EQ),
    ('sc_functional', 'torchair_like', 'batch', _EQ),
    ('sc_kept_other_idx', 'torchair_like', 'static', _R),
    ('sc_kept_other_idx', 'torchair_like', 'batch', _R),
    ('pk_lo', 'torchair_like', 'static', _EQ),
    ('pk_lo', 'torchair_like', 'batch', _EQ),
    ('pk_lo', 'torchair_like', 'dynamic', _R),
    ('pk_hi', 'torchair_like', 'static', _EQ),
    ('pk_hi', 'torchair_like', 'batch', _EQ),
    ('pk_hi', 'torchair_like', 'dynamic', _R),
    ('pk_mid', 'torchair_like', 'static', _EQ),
    ('pk_mid', 'torchair_like', 'batch', _EQ),
    ('pk_mid', 'torchair_like', 'dynamic', _R),
    ('pk_neg_dim', 'torchair_like', 'static', _EQ),
    ('pk_neg_dim', 'torchair_like', 'batch', _EQ),
    ('pk_neg_dim', 'torchair_like', 'dynamic', _R),
    ('pk_float_then_hi', 'torchair_like', 'static', _EQ),
    ('pk_float_then_hi', 'torchair_like', 'batch', _EQ),
    ('pk_float_then_hi', 'torchair_like', 'dynamic', _R),
    ('pk_step2', 'torchair_like', 'static', _R),
    ('pk_step2', 'torchair_like', 'batch', _R),
    ('pk_step2', 'torchair_like', 'dynamic', _R),
    ('pk_end_past', 'torchair_like', 'static', _EQ),
    ('pk_end_past', 'torchair_like', 'batch', _EQ),
    ('pk_end_past', 'torchair_like', 'dynamic', _R),
    ('pk_page_l_offsets_1d', 'torchair_like', 'static', _EQ),
    ('pk_page_l_offsets_1d', 'torchair_like', 'batch', _EQ),
    ('pk_page_l_offsets_1d', 'torchair_like', 'dynamic', _R),
    ('pk_transposed_hi', 'torchair_like', 'static', _R),
    ('pk_transposed_hi', 'torchair_like', 'batch', _R),
    ('pk_transposed_hi', 'torchair_like', 'dynamic', _R),
    ('cb_base', 'torchair_like', 'static', _EQ),
    ('cb_base', 'torchair_like', 'dynamic', _EQ),
    ('cb_i_minus_W', 'torchair_like', 'static', _EQ),
    ('cb_i_minus_W', 'torchair_like', 'dynamic', _EQ),
    ('cb_i_plus_1', 'torchair_like', 'static', _R),
    ('cb_i_plus_1', 'torchair_like', 'dynamic', _R),
    ('cb_rows_flipped', 'torchair_like', 'static', _R),
    ('cb_rows_flipped', 'torchair_like', 'dynamic', _R),
    ('cb_token_major_view', 'torchair_like', 'static', _R),
    ('cb_token_major_view', 'torchair_like', 'dynamic', _R),
    ('cb_reshape', 'torchair_like', 'static', _EQ),
    ('cb_reshape', 'torchair_like', 'dynamic', _EQ),
    ('hr_base', 'torchair_like', 'static', _EQ),
    ('hr_base', 'torchair_like', 'batch', _EQ),
    ('hr_base', 'torchair_like', 'dynamic', _EQ),
    ('hr_start_step', 'torchair_like', 'static', _R),
    ('hr_start_step', 'torchair_like', 'batch', _R),
    ('hr_start_step', 'torchair_like', 'dynamic', _R),
    ('hr_int32', 'torchair_like', 'static', _EQ),
    ('hr_int32', 'torchair_like', 'batch', _EQ),
    ('hr_int32', 'torchair_like', 'dynamic', _EQ),
    ('hr_kept_flipped', 'torchair_like', 'static', _R),
    ('hr_kept_flipped', 'torchair_like', 'batch', _R),
    ('hr_kept_flipped', 'torchair_like', 'dynamic', _R),
    ('hr_kept_plain_write_arange', 'torchair_like', 'static', _EQ),
    ('hr_kept_plain_write_arange', 'torchair_like', 'batch', _EQ),
    ('hr_kept_plain_write_arange', 'torchair_like', 'dynamic', _EQ),
    ('hr_write_plain_kept_arange', 'torchair_like', 'static', _EQ),
    ('hr_write_plain_kept_arange', 'torchair_like', 'batch', _EQ),
    ('hr_write_plain_kept_arange', 'torchair_like', 'dynamic', _EQ),
    ('hr_accumulate', 'torchair_like', 'static', _R),
    ('hr_accumulate', 'torchair_like', 'batch', _R),
    ('hr_accumulate', 'torchair_like', 'dynamic', _R),
]

# confirmation runs (see the docstring): real Inductor codegen and vllm_post
_LATER = [
    ('wb_table_min_ub', 'inductor', 'static', _R),
    ('wb_table_min_ub', 'inductor', 'batch', _R),
    ('wb_table_min_ub', 'inductor', 'dynamic', _R),
    ('wb_ids_min_ub_arange', 'inductor', 'static', _R),
    ('wb_ids_min_ub_arange', 'inductor', 'batch', _R),
    ('wb_ids_min_ub_arange', 'inductor', 'dynamic', _FF),
    ('wb_ids_min_ub_arange_first', 'inductor', 'static', _R),
    ('wb_ids_min_ub_arange_first', 'inductor', 'batch', _R),
    ('wb_ids_min_ub_arange_first', 'inductor', 'dynamic', _FF),
    ('wb_table_min_ub_arange', 'inductor', 'static', _R),
    ('wb_table_min_ub_arange', 'inductor', 'batch', _R),
    ('wb_table_min_ub_arange', 'inductor', 'dynamic', _FF),
    ('wb_ids_where_ne_arange', 'inductor', 'static', _R),
    ('wb_ids_where_ne_arange', 'inductor', 'batch', _R),
    ('wb_ids_where_ne_arange', 'inductor', 'dynamic', _FF),
    ('wb_pos_min_ub_arange', 'inductor', 'static', _R),
    ('wb_pos_min_ub_arange', 'inductor', 'batch', _R),
    ('wb_pos_min_ub_arange', 'inductor', 'dynamic', _FF),
    ('wb_pos_min_ub_arange_first', 'inductor', 'static', _R),
    ('wb_pos_min_ub_arange_first', 'inductor', 'batch', _R),
    ('wb_pos_min_ub_arange_first', 'inductor', 'dynamic', _FF),
    ('wb_pos_where_lt_arange', 'inductor', 'static', _R),
    ('wb_pos_where_lt_arange', 'inductor', 'batch', _R),
    ('wb_pos_where_lt_arange', 'inductor', 'dynamic', _FF),
    ('wb_page_idx_min_arange', 'inductor', 'static', _R),
    ('wb_page_idx_min_arange', 'inductor', 'batch', _R),
    ('wb_page_idx_min_arange', 'inductor', 'dynamic', _FF),
    ('fb_ids_min_f32', 'inductor', 'static', _CD),
    ('fb_ids_min_f32', 'inductor', 'batch', _CD),
    ('fb_ids_min_f32', 'inductor', 'dynamic', _CD),
    ('fb_ids_min_f32_int', 'inductor', 'static', _R),
    ('fb_ids_min_f32_int', 'inductor', 'batch', _R),
    ('fb_ids_min_f32_int', 'inductor', 'dynamic', _R),
    ('fb_ids_where_ne_f32', 'inductor', 'static', _CD),
    ('fb_ids_where_ne_f32', 'inductor', 'batch', _CD),
    ('fb_ids_where_ne_f32', 'inductor', 'dynamic', _CD),
    ('fb_table_min_f32', 'inductor', 'static', _CD),
    ('fb_table_min_f32', 'inductor', 'batch', _CD),
    ('fb_table_min_f32', 'inductor', 'dynamic', _CD),
    ('fb_ids_min_floordiv_int', 'inductor', 'static', _R),
    ('fb_ids_min_floordiv_int', 'inductor', 'batch', _R),
    ('fb_ids_min_floordiv_int', 'inductor', 'dynamic', _FF),
    ('fb_ids_min_d', 'inductor', 'static', _FF),
    ('fb_ids_min_d', 'inductor', 'batch', _FF),
    ('fb_ids_min_d', 'inductor', 'dynamic', _FF),
    ('fb_ids_min_d_first', 'inductor', 'static', _FF),
    ('fb_ids_min_d_first', 'inductor', 'batch', _FF),
    ('fb_ids_min_d_first', 'inductor', 'dynamic', _FF),
    ('fb_table_min_d', 'inductor', 'static', _FF),
    ('fb_table_min_d', 'inductor', 'batch', _FF),
    ('fb_table_min_d', 'inductor', 'dynamic', _FF),
    ('fb_ids_where_ne_d', 'inductor', 'static', _FF),
    ('fb_ids_where_ne_d', 'inductor', 'batch', _FF),
    ('fb_ids_where_ne_d', 'inductor', 'dynamic', _FF),
    ('fb_ids_min_d_slots', 'inductor', 'static', _FF),
    ('fb_ids_min_d_slots', 'inductor', 'batch', _R),
    ('fb_ids_min_d_slots', 'inductor', 'dynamic', _R),
    ('fb_pos_min_f32', 'inductor', 'static', _CD),
    ('fb_pos_min_f32', 'inductor', 'batch', _CD),
    ('fb_pos_min_f32', 'inductor', 'dynamic', _CD),
    ('fb_pos_where_lt_f32', 'inductor', 'static', _CD),
    ('fb_pos_where_lt_f32', 'inductor', 'batch', _CD),
    ('fb_pos_where_lt_f32', 'inductor', 'dynamic', _CD),
    ('fb_pos_min_floordiv_int', 'inductor', 'static', _R),
    ('fb_pos_min_floordiv_int', 'inductor', 'batch', _R),
    ('fb_pos_min_floordiv_int', 'inductor', 'dynamic', _FF),
    ('fb_pos_min_d', 'inductor', 'static', _EQ),
    ('fb_pos_min_d', 'inductor', 'batch', _EQ),
    ('fb_pos_min_d', 'inductor', 'dynamic', _FF),
    ('fb_pos_where_lt_d', 'inductor', 'static', _EQ),
    ('fb_pos_where_lt_d', 'inductor', 'batch', _EQ),
    ('fb_pos_where_lt_d', 'inductor', 'dynamic', _FF),
    ('fg_gather_bf16', 'inductor', 'static', _FF),
    ('fg_gather_bf16', 'inductor', 'batch', _FF),
    ('fg_gather_bf16', 'inductor', 'dynamic', _FF),
    ('fg_gather_f64_i8', 'inductor', 'static', _FF),
    ('fg_gather_f64_i8', 'inductor', 'batch', _FF),
    ('fg_gather_f64_i8', 'inductor', 'dynamic', _FF),
    ('fg_cat_bf16', 'inductor', 'static', _R),
    ('fg_cat_bf16', 'inductor', 'batch', _R),
    ('fg_cat_bf16', 'inductor', 'dynamic', _R),
    ('fg_index_bf16', 'inductor', 'static', _FF),
    ('fg_index_bf16', 'inductor', 'batch', _FF),
    ('fg_index_bf16', 'inductor', 'dynamic', _FF),
    ('fg_where_bf16', 'inductor', 'static', _FF),
    ('fg_where_bf16', 'inductor', 'batch', _FF),
    ('fg_where_bf16', 'inductor', 'dynamic', _FF),
    ('fg_f32_gather_bf16', 'inductor', 'static', _FF),
    ('fg_f32_gather_bf16', 'inductor', 'batch', _FF),
    ('fg_f32_gather_bf16', 'inductor', 'dynamic', _R),
    ('oh_j_int8', 'inductor', 'static', _CR),
    ('oh_j_int8', 'inductor', 'batch', _CR),
    ('wb_table_min_ub', 'vllm_post', 'static', _R),
    ('wb_table_min_ub', 'vllm_post', 'batch', _R),
    ('wb_table_min_ub', 'vllm_post', 'dynamic', _R),
    ('wb_ids_min_ub_arange', 'vllm_post', 'static', _R),
    ('wb_ids_min_ub_arange', 'vllm_post', 'batch', _R),
    ('wb_ids_min_ub_arange', 'vllm_post', 'dynamic', _FF),
    ('wb_ids_min_ub_arange_first', 'vllm_post', 'static', _R),
    ('wb_ids_min_ub_arange_first', 'vllm_post', 'batch', _R),
    ('wb_ids_min_ub_arange_first', 'vllm_post', 'dynamic', _FF),
    ('wb_table_min_ub_arange', 'vllm_post', 'static', _R),
    ('wb_table_min_ub_arange', 'vllm_post', 'batch', _R),
    ('wb_table_min_ub_arange', 'vllm_post', 'dynamic', _FF),
    ('wb_ids_where_ne_arange', 'vllm_post', 'static', _R),
    ('wb_ids_where_ne_arange', 'vllm_post', 'batch', _R),
    ('wb_ids_where_ne_arange', 'vllm_post', 'dynamic', _FF),
    ('wb_pos_min_ub_arange', 'vllm_post', 'static', _R),
    ('wb_pos_min_ub_arange', 'vllm_post', 'batch', _R),
    ('wb_pos_min_ub_arange', 'vllm_post', 'dynamic', _FF),
    ('wb_pos_min_ub_arange_first', 'vllm_post', 'static', _R),
    ('wb_pos_min_ub_arange_first', 'vllm_post', 'batch', _R),
    ('wb_pos_min_ub_arange_first', 'vllm_post', 'dynamic', _FF),
    ('wb_pos_where_lt_arange', 'vllm_post', 'static', _R),
    ('wb_pos_where_lt_arange', 'vllm_post', 'batch', _R),
    ('wb_pos_where_lt_arange', 'vllm_post', 'dynamic', _FF),
    ('wb_page_idx_min_arange', 'vllm_post', 'static', _R),
    ('wb_page_idx_min_arange', 'vllm_post', 'batch', _R),
    ('wb_page_idx_min_arange', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_min_f32', 'vllm_post', 'static', _FF),
    ('fb_ids_min_f32', 'vllm_post', 'batch', _FF),
    ('fb_ids_min_f32', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_min_f32_int', 'vllm_post', 'static', _R),
    ('fb_ids_min_f32_int', 'vllm_post', 'batch', _R),
    ('fb_ids_min_f32_int', 'vllm_post', 'dynamic', _R),
    ('fb_ids_where_ne_f32', 'vllm_post', 'static', _FF),
    ('fb_ids_where_ne_f32', 'vllm_post', 'batch', _FF),
    ('fb_ids_where_ne_f32', 'vllm_post', 'dynamic', _FF),
    ('fb_table_min_f32', 'vllm_post', 'static', _FF),
    ('fb_table_min_f32', 'vllm_post', 'batch', _FF),
    ('fb_table_min_f32', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_min_floordiv_int', 'vllm_post', 'static', _R),
    ('fb_ids_min_floordiv_int', 'vllm_post', 'batch', _R),
    ('fb_ids_min_floordiv_int', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_min_d', 'vllm_post', 'static', _FF),
    ('fb_ids_min_d', 'vllm_post', 'batch', _FF),
    ('fb_ids_min_d', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_min_d_first', 'vllm_post', 'static', _FF),
    ('fb_ids_min_d_first', 'vllm_post', 'batch', _FF),
    ('fb_ids_min_d_first', 'vllm_post', 'dynamic', _FF),
    ('fb_table_min_d', 'vllm_post', 'static', _FF),
    ('fb_table_min_d', 'vllm_post', 'batch', _FF),
    ('fb_table_min_d', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_where_ne_d', 'vllm_post', 'static', _FF),
    ('fb_ids_where_ne_d', 'vllm_post', 'batch', _FF),
    ('fb_ids_where_ne_d', 'vllm_post', 'dynamic', _FF),
    ('fb_ids_min_d_slots', 'vllm_post', 'static', _FF),
    ('fb_ids_min_d_slots', 'vllm_post', 'batch', _R),
    ('fb_ids_min_d_slots', 'vllm_post', 'dynamic', _R),
    ('fb_pos_min_f32', 'vllm_post', 'static', _EQ),
    ('fb_pos_min_f32', 'vllm_post', 'batch', _EQ),
    ('fb_pos_min_f32', 'vllm_post', 'dynamic', _FF),
    ('fb_pos_where_lt_f32', 'vllm_post', 'static', _EQ),
    ('fb_pos_where_lt_f32', 'vllm_post', 'batch', _EQ),
    ('fb_pos_where_lt_f32', 'vllm_post', 'dynamic', _FF),
    ('fb_pos_min_floordiv_int', 'vllm_post', 'static', _R),
    ('fb_pos_min_floordiv_int', 'vllm_post', 'batch', _R),
    ('fb_pos_min_floordiv_int', 'vllm_post', 'dynamic', _FF),
    ('fb_pos_min_d', 'vllm_post', 'static', _EQ),
    ('fb_pos_min_d', 'vllm_post', 'batch', _EQ),
    ('fb_pos_min_d', 'vllm_post', 'dynamic', _FF),
    ('fb_pos_where_lt_d', 'vllm_post', 'static', _EQ),
    ('fb_pos_where_lt_d', 'vllm_post', 'batch', _EQ),
    ('fb_pos_where_lt_d', 'vllm_post', 'dynamic', _FF),
    ('fg_gather_bf16', 'vllm_post', 'static', _FF),
    ('fg_gather_bf16', 'vllm_post', 'batch', _FF),
    ('fg_gather_bf16', 'vllm_post', 'dynamic', _FF),
    ('fg_gather_f64_i8', 'vllm_post', 'static', _FF),
    ('fg_gather_f64_i8', 'vllm_post', 'batch', _FF),
    ('fg_gather_f64_i8', 'vllm_post', 'dynamic', _FF),
    ('fg_cat_bf16', 'vllm_post', 'static', _R),
    ('fg_cat_bf16', 'vllm_post', 'batch', _R),
    ('fg_cat_bf16', 'vllm_post', 'dynamic', _R),
    ('fg_index_bf16', 'vllm_post', 'static', _FF),
    ('fg_index_bf16', 'vllm_post', 'batch', _FF),
    ('fg_index_bf16', 'vllm_post', 'dynamic', _FF),
    ('fg_where_bf16', 'vllm_post', 'static', _FF),
    ('fg_where_bf16', 'vllm_post', 'batch', _FF),
    ('fg_where_bf16', 'vllm_post', 'dynamic', _FF),
    ('fg_f32_gather_bf16', 'vllm_post', 'static', _FF),
    ('fg_f32_gather_bf16', 'vllm_post', 'batch', _FF),
    ('fg_f32_gather_bf16', 'vllm_post', 'dynamic', _R),
    ('oh_j_int8', 'vllm_post', 'static', _CR),
    ('oh_j_int8', 'vllm_post', 'batch', _CR),
]


def classify49(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-48)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify49)
