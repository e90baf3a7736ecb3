"""Forty-eighth adversarial review of the recogniser (round 48; c926b44 frozen at /tmp/base52: the WHOLE landed
recogniser, first every rule that reads "no value changes" from intervals or from the probes -- Intervals' transfer
functions, exactness._changes_no_value and its callers, check_int_paths' casts -- then the rules added since fd41b21:
sizes._reads_step_input, the page-id clamp on the table itself, rewrite.prefix_row_reads' own prefix slice,
rewrite._strided_window / _windows_inside / _val_or, token-major unfold windows of cache inputs).

Same format as redteam43 .. redteam47: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache)``; the as_ attacks a per-request ``[B, T,
N, D]`` KV in the kv place, the pr_ attacks ``(dense, w, lens, lens, lens, cmp)``).  Runner: redteam7's ``classify7``
through :func:`classify48`.

    cp /work/main/tests/corpora/redteam48.py /tmp/base52/tests/corpora/ && cd /tmp/base52 && \\
    PYTHONPATH=/tmp/base52 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam48.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base52 = c926b44, 05:06:09-05:14:58 UTC 2026-12-06, the two graph
dialects side by side, one process each; the file as it stood then is every family below but cw_ and gt_ and the
five fc_ entries of ``FC2``): 85 attacks in 6 families (fc_ 17 float casts of page ids / slots / positions, cl_ 14
element-wise clamps of page ids and slots, lv_ 12 length-derived values under a grown capacity, rs_ 13 step inputs
read at positional indices, as_ 18 HF as_strided windows, pr_ 11 batch prefixes), 223 runs per graph dialect (fc_,
cl_, lv_, rs_ in static, batch, dynamic except the two 2113-block fc_ and one fc_ slot attack in static and batch;
as_, pr_ in static and dynamic):

    inductor_graph  223 runs: 21 FALSE FUSION / 0 CRASH /  85 fused & equal / 117 refused / 0 control differs
    torchair_like   223 runs: 21 FALSE FUSION / 0 CRASH /  89 fused & equal / 113 refused / 0 control differs

Per theme (inductor_graph | torchair_like): fc_ 21 FF / 4 EQ / 23 R | the same; cl_ 10 EQ / 32 R | 13 EQ / 29 R; lv_
23 EQ / 13 R | 24 EQ / 12 R; rs_ 19 EQ / 20 R | the same; as_ 13 EQ / 23 R | the same; pr_ 16 EQ / 6 R | the same.
The dialects differ in: cl_clamp_tensor_lo_only (clamp_min by a varying bound below every id, a real no-op; static,
batch, dynamic) and lv_min_len_row_bound_on_pos (batch): refused in inductor_graph, fused & equal in torchair_like.
Every first-try FALSE FUSION is F1.

Later runs (``_LATER``):

* SECOND (05:11-05:17 UTC, one process per dialect): the five ``FC2`` entries (float64 -> int8, float32 -> uint8,
  the bf16 round trip under ``clamp(0, blocks - 1)`` and under ``clamp_min(0)``, an exact float64 -> float32) and the
  cw_ family (int64 wrap-around of page ids, a clamp between): inductor_graph and torchair_like alike 30 runs: 15
  FALSE FUSION (11 F1 + 4 F2) / 4 fused & equal / 11 refused.
* gt_ (05:18 UTC, static, both graph dialects): float8 round trips, lookups built from the KV read at the ids, page
  ids or positions gated on values the dyadic probes never hold (the weight, the KV, the slots, the kept rows): 9
  refused each (gt_int_f8e4m3 as an internal error: see "Read, not demonstrated").
* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend), 05:09-05:19 UTC: fc_ids_f32_bf16 (static,
  batch), fc_table_f64_bf16 and fc_table_f64_bf16_grow (static, batch, dynamic), fc_table_f32_bf16,
  fc_table_f32_bf16_int, fc_table_f32_f16_2113_blocks, fc_table_f32_u8, fc_table_f64_bf16_clamp_blocks,
  fc_table_f64_bf16_clamp_min0 (static), fc_table_f32_bf16_int16_table (static, dynamic), fc_table_f64_i8 (dynamic):
  FALSE FUSION each (F1); and at batch (05:21 UTC) fc_ids_where_f32_bf16, fc_table_f64_f16_2113_blocks,
  fc_table_f32_bf16_int16_table, fc_table_f64_i8: FALSE FUSION (F1); cw_add_maximum_sub and cw_add_clamp_min_sub
  (dynamic): FALSE FUSION (F2); cw_mul_* (dynamic): CONTROL DIFFERS (the pass-off control's kernel raises in
  Inductor's codegen: those two do not count; the add spellings do); cw_mul_no_clamp (dynamic): fused & equal.
* vllm_post (redteam6's runner of the vLLM adapters' mutating call, 05:15 UTC): fc_table_f64_bf16,
  fc_table_f64_bf16_grow, fc_table_f32_bf16_int16_table, fc_table_f64_i8, fc_table_f64_bf16_clamp_blocks,
  fc_table_f64_bf16_clamp_min0 in static, batch and dynamic: FALSE FUSION (F1); cw_add_maximum_sub: refused static /
  batch, FALSE FUSION dynamic (F2).

Every FALSE FUSION above has the pass-off control equal to eager (classify6's comparison); the inputs are valid (page
ids in range, slots unique and in range, lengths within capacity).

FOUND:

F1. Page ids through a cast whose SOURCE is a float are never checked, and Intervals clips a cast's interval to the
    destination's exact range instead of giving up.  check_int_paths holds every cast "of an integer value" to its
    interval (``if not isinstance(src_node, fx.Node) or not _integral(src_node): continue``): a float32 -> bfloat16,
    float32 -> float16, float64 -> bfloat16 / float16, float64 -> int8 or float32 -> uint8 cast of integer-valued page
    ids has a float source and is skipped; the first loop over _page_valued lets float page ids through where they
    are casts (``n.target in T.CASTS or T.is_data_movement(n)``); and Intervals.of clips every non-arithmetic node to
    ``dtype_range`` of its dtype, so ``table.double().bfloat16()`` gets [0, 256] (int8: [0, 127]) and the int cast
    after it, ``.long()`` (a bf16 / int8 source checked against that clipped interval), passes.  The pooling probes
    draw page ids below ``min(2 * pages + 2, 64)`` (pooling._run_pooling_probes), where bf16 (exact to 256), fp16 (to
    2048), int8 and uint8 are all exact, so nothing tells the rounding (or wrap) from the identity.  The int -> float
    step is checked (``table.bfloat16()`` directly is refused, fc_table_bf16_direct) -- but only its own interval: an
    int32 table through float64 passes even at a symbolic block count (seeds: the int32 range, exact in float64), so
    F1 reaches dynamic=True as well (fc_table_f64_bf16, fc_table_f64_i8; an int16 table through float32 likewise).
    The 2e70ae5 no-op ``clamp_min(table, 0)`` and _clamps_to_the_blocks' ``clamp(ids, 0, blocks - 1)`` walk through
    the casts and fuse too (fc_table_f64_bf16_clamp_min0, _clamp_blocks).  Repro (fc_table_f64_bf16; B = 12, 4
    pages of 64, 513 blocks with page ids drawn from the top, 465 .. 512; static, batch and dynamic=True; every
    dialect incl. real Inductor and vllm_post):

      pos = (lens.long()[:, None] - 32 + torch.arange(32)).clamp(min=0)
      ids = table.double().bfloat16().long()          # the identity up to 256; 465 -> 464, 467 -> 468, ...
      tok = kv[ids.gather(1, pos // P), pos % P]
      new = (tok.float() * w.float()[None, :, :, None]).sum(1)
      s = slots.long(); valid = (lens >= 32) & ((lens - 32) % 16 == 0)
      cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
      # fused: reads the table's block (465); eager reads 464 (an unowned, NaN-filled block): got 0.6147, eager NaN

    Also: ``table.float().bfloat16().long()`` / ``.int()`` (static, batch), ``table.float().half().long()`` with 2113
    blocks (ids above 2048), ``table.float().to(torch.uint8).long()``, ``table.double().to(torch.int8).long()``, the
    gathered ids cast instead of the table, the rounded ids picked by a ``where`` whose condition is off the table;
    fc_table_f64_bf16_grow compiles on 51 blocks (exact there) and is called with 513.  Why false fusions: eager
    indexes the KV with the rounded (wrapped) ids, the op with the table's.
    Rules at fault: nsa_fusion/patterns/exactness.py: ``check_int_paths`` (casts with a float source skipped; float
    page ids allowed through casts), ``Intervals.of`` (the ``dtype_range`` clip of a cast's interval: a cast that does
    not hold its operand's interval must give None, not the clipped range); the probes (pooling._run_pooling_probes,
    ids < 64) cannot stand in.  A fix: on paths of page ids (and slots, lengths), hold every cast -- whatever its
    source dtype -- to the interval of the integer value it carries (for a float source, the interval of the integer
    node it was cast from), and let Intervals return None for a cast whose destination does not hold the operand's
    interval.

F2. Int64 wrap-around of page ids at a symbolic bound, then a clamp read as "changes no value" on the unwrapped
    interval.  check_int_paths checks add / sub / mul of integers for overflow only ``if bounded`` (static block count
    and capacity); under dynamic=True page-id arithmetic may wrap, and ``_changes_no_value`` (new, the round-47 F1 fix)
    compares the bound with Intervals' unwrapped interval: ``y = ids + (2**63 - 256)`` has the interval [2^63 - 256,
    2^63 + 256] while every id >= 256 wraps negative; ``maximum(y, 2**63 - 256)`` (or ``clamp_min``) has its lower
    bound at the interval's low end, so "it returns its operand"; ``- (2**63 - 256)`` then gives the id below 256 and
    0 above.  Probe ids are below 64.  Repro (cw_add_maximum_sub; B = 12, 513 blocks, ids 465 .. 512; dynamic=True:
    FALSE FUSION in inductor_graph, torchair_like, real Inductor and vllm_post; static and batch refused by the
    overflow check):

      C = (1 << 63) - 256
      ids = table.long().gather(1, pos // P)
      ids = torch.maximum(ids + C, torch.full_like(ids, C)) - C     # 0 for every id >= 256
      tok = kv[ids, pos % P]                                        # then as F1
      # fused: reads block 465 (the table's); eager block 0: got 0.6147, eager NaN

    (cw_mul_*: the same with ``ids * (2**55 + 1)``, clamp_min(0), times the inverse of 2**55 + 1 mod 2**64: FALSE
    FUSION in both graph dialects; in real Inductor the pass-off control's kernel raises, so not counted there.)
    Rules at fault: exactness.``check_int_paths`` (the ``bounded`` guard on the wrap check of page-id arithmetic:
    _check_length_ops holds length-derived arithmetic to its dtype at every size, page ids get no such check) with
    exactness.``_changes_no_value`` / Intervals (interval arithmetic without wrap read as the values).  A fix: seed
    the table at a symbolic block count with ``MAX_LENGTH // P - 1`` (as check_length_thresholds does) and check the
    wrap of page-id arithmetic at every size, or let ``_changes_no_value`` answer False where its operand's interval
    leaves the operand's dtype.

Not found (equal or refused; the idea each tried):

* fc_ (float casts) that held: ``table.bfloat16()`` directly (the int -> float cast checked: refused); an exact
  float32 / float64 -> float32 round trip (fused & equal); the flat index ``page * P + offset`` through float32 ->
  bf16 (the flat values exceed 256 on the probes too: refused, gather); the page index ``pos // P`` through bf16
  (exact below 256: fused & equal); positions through bf16 at capacity 512 (every qualifying length is probed:
  refused); slots through float32 / float64 -> bf16 with a bf16 or fp16 cache (keep: "an index of the kept rows
  from float values" / "kept rows cast to bf16": refused); under dynamic=True everything through float32 from an
  int32 / int64 value (the int32 range is not exact in float32: refused).
* cl_ (element-wise clamps of page ids and slots, exactness._changes_no_value): ``clamp(ids, lo_tensor,
  hi_tensor)`` (clamp.Tensor: "not the identity", refused), the bound first (``minimum(cap, ids)``), a bound
  computed from the table (``t[:, :1] * 0 + cap``: the "data" operand is then the bound, and the answer is still
  right), two page-id operands, a varying clamp_min of the table, a real no-op ``maximum(ids, ids - 1 - (j > 0))``
  (refused: a missed fusion, not unsound); ``clamp_min(table, 0)``, ``where(ids >= -5, ids, 0)``,
  ``add(2 ids, ids, alpha=-1)``: fused & equal; ``ids + 2^62 + 2^62 - 2^62 - 2^62`` (a wrap and back, no clamp):
  refused static / batch, fused & equal dynamic; slots capped / raised by a per-row varying bound or a clamp.Tensor:
  refused (write: "may send two rows to one cache row").
* lv_ (length-derived values, capacity grown 256 -> 512 under dynamic=True): clamp.Tensor / keyword clamps of the
  positions by ``where(j == 0, 2^62, 330)``, the bound first, a bound of two where's, ``pos % 2^40``, ``pos & (2^40 -
  1)``, trunc division of a negative offset, ``abs(-pos)``, ``where(pos < 330, pos, 329)``, int32 ``p * 2^20 //
  2^20``, ``minimum(pos, s - 1 + [2^62, 0, ..])``: refused under dynamic=True (each by its own rule: clamp.Tensor not
  a length op, threshold beyond the probes, a period of 2^36, trunc division, abs, int32 wrap, two length-derived
  values), fused & equal static / batch.
* rs_ (sizes._reads_step_input): the table read at ``minimum(arange(B), 11)``, ``arange(B).clamp(max=13)``,
  ``arange(B) % 12``, ``(arange(B) - B) + B``: refused at batch / dynamic (row mixing), fused & equal static (the
  same rows there); ``arange(B) - B`` / ``- 12`` (negative rows): refused everywhere; blind1's flat KV read and
  ``+ (B - B)`` on it: fused & equal; the KV written with each row's number before the step (a clone, or in place
  on the input): fused & equal (the op reads the written KV); the table rolled in place, ``table[:, 0] += B - 12``:
  refused.
* as_ (_strided_window): the HF windows (``(S, W, l, N, D)``, ``(T N D, d N D, N D, D, 1)``), ``i - W``, a
  view of a flattened input, the token appended (row update) first, T growing 256 -> 512, T = 264, W = 20 at T = 352
  (static): fused & equal; rows overlapping (row stride short by a token), windows every 8 read at 16 i, a
  transposed-contiguous (strided) input, heads flipped, ``i - W + 1``, W = 20 under dynamic=True, and every window
  of a prefix ``dense[:B]`` of a longer input (W + 1 windows reading into the next row, a one-token storage offset,
  ``dense[:, 1:]``, W = 20 past the row, the short row stride -- and the plain windows): refused (no block table /
  not the last l tokens / the wrap check at an unknown bound).  _windows_inside and the contiguity / offset checks
  held: no as_strided window reaching past its row was fused.
* pr_ (prefix_row_reads' own prefix slice): two prefix writes in one graph (other index, the same index nodes), the
  whole written at the same index first, a write to ``cmp[1:B + 1]`` between the prefix view and the step, a
  mutation between the prefix view and the read, the prefix length from another input's size, ``cmp[:B + 0 * M]``,
  rows ``arange(cmp[:B].shape[0])``: fused & equal (no crash in torchair_like: the round-47 F2 fix holds); the read
  from ``cmp[:B + 1]`` or from a clone taken before a mutation, a prefix written after the read: refused (keep).
* gt_ (later): ids through float8 (e4m3: exact to 16 only, the probes' ids reach 63: refused); lookups
  ``arange(blocks) + isnan(kv[:, P - 1, 0, 0])`` / ``+ (kv > 1e4)`` read at the ids (pooling: "not part of a
  weighted sum"); ids or positions gated on ``(w == 1234).any()``, on the KV, on the slots, on the kept rows: refused
  (weight / pooling / roles / keep).
* Masks as index (focus 3): a uint8 (or bool) index into ``aten.index`` fails dynamo's fake-tensor propagation under
  fullgraph (a data-dependent output shape; the runner does not set ``capture_dynamic_output_shape_ops``), so no such
  gather reaches the recogniser's graph; a bool mask ``y[m] = 0.0`` is captured, but only as a write (index_put), not
  as a gather the pusher or _unfolded_window reads.  Not demonstrated (see below).

Read, not demonstrated:
* exactness.check_int_paths: ``lo, hi = dtype_range(dst)`` raises TypeError for a destination that ``_INT_RANGE`` does
  not list (``table.to(torch.float8_e4m3fn)``, gt_int_f8e4m3): caught by fusion_pass as an internal error and left
  unfused (refused, not a crash), but every ``dtype_range`` caller that unpacks it has the same hole.
* Intervals' clip to ``dtype_range`` also narrows int -> int casts (``x.to(torch.uint8)`` of [-1, 5] reads [0, 5]);
  check_int_paths refuses those where it sees them, but any other reader of Intervals on a path check_int_paths does
  not cover inherits the narrow interval.  Float arithmetic on integer values (``pos.float() + 2**24``) is
  interval-exact in Intervals (no rounding) -- harmless only because float arithmetic is refused on page ids and on
  lengths at a symbolic capacity, and probed exhaustively at a static one.
* The F2 reasoning applies to every reader of Intervals at a symbolic bound where wrap is not checked (only page-id
  arithmetic was found unchecked; _check_length_ops checks the lengths' arithmetic).
* The pusher's gather rule / _unfolded_window counting a mask index as one dim (round 47): still read only; no
  fullgraph graph carries a mask gather (above).
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
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
SD = ("static", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"


def _calls(**kw):
    return lambda: [list(build(B=12, **kw).args), list(build(B=16, seed=1, **kw).args)]


def _same_b(**kw):
    """B = 12 twice (the block count fixed by the inputs, so every mode reads the same geometry)."""
    return lambda: [list(build(B=12, seed=k, **kw).args) for k in (0, 1)]


# --- 1. page ids, slots and positions through a float -> narrower float cast (check_int_paths' casts) --------------
# check_int_paths holds every cast *of an integer value* to its interval; a float -> float cast (float32 -> bf16,
# float64 -> bfloat16) of integer-valued ids has a float source and is skipped, and Intervals clips the cast's interval
# to the narrow float's exact-integer range ([-256, 256] for bf16) instead of widening it.  The probes draw small ids.
def _fc(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        t = table.long()
        if kind == "ids_f32_bf16":  # the gathered ids through float32 then bf16
            tok = kv[t.gather(1, pos // P).float().bfloat16().long(), pos % P]
        elif kind == "table_f32_bf16":  # the table itself
            tok = kv[table.float().bfloat16().long().gather(1, pos // P), pos % P]
        elif kind == "table_f32_f16":  # float16: exact to 2048 (blocks past it)
            tok = kv[table.float().half().long().gather(1, pos // P), pos % P]
        elif kind == "table_f64_bf16":  # through float64 (exact for any int32 table: passes a symbolic bound too)
            tok = kv[table.double().bfloat16().long().gather(1, pos // P), pos % P]
        elif kind == "table_f64_f16":
            tok = kv[table.double().half().long().gather(1, pos // P), pos % P]
        elif kind == "table_bf16_direct":  # int -> bf16 directly (checked: refused)
            tok = kv[table.bfloat16().long().gather(1, pos // P), pos % P]
        elif kind == "table_f32_bf16_int":  # back to int32, not int64
            tok = kv[table.float().bfloat16().int().gather(1, pos // P), pos % P]
        elif kind == "flat_f32_bf16":  # the flat index page * P + offset in float32 then bf16
            flat = (t.gather(1, pos // P) * P + pos % P).float().bfloat16().long()
            tok = kv.flatten(0, 1)[flat]
        elif kind == "ids_f32_roundtrip_exact":  # float32 only (exact: should fuse and stay equal)
            tok = kv[t.gather(1, pos // P).float().long(), pos % P]
        elif kind == "ids_where_f32_bf16":  # the rounded ids picked by a where not on the table
            ids = t.gather(1, pos // P)
            ids = torch.where(pos >= 0, ids.float().bfloat16().long(), ids)
            tok = kv[ids, pos % P]
        elif kind == "table_f64_i8":  # float64 -> int8 (a float source: unchecked; 465 .. 512 wrap) -> int64
            tok = kv[table.double().to(torch.int8).long().gather(1, pos // P), pos % P]
        elif kind == "table_f32_u8":  # float32 -> uint8 -> int64
            tok = kv[table.float().to(torch.uint8).long().gather(1, pos // P), pos % P]
        elif kind == "table_f64_bf16_clamp_blocks":  # then clamp(0, blocks - 1) (_clamps_to_the_blocks walks casts)
            t2 = table.double().bfloat16().long().clamp(0, kv.shape[0] - 1)
            tok = kv[t2.gather(1, pos // P), pos % P]
        elif kind == "table_f64_bf16_clamp_min0":  # clamp_min(0) after the round trip (the 2e70ae5 no-op)
            t2 = table.double().bfloat16().long().clamp_min(0)
            tok = kv[t2.gather(1, pos // P), pos % P]
        elif kind == "ids_f64_f32_exact":  # float64 -> float32 (exact below 2^24): fuses and is equal
            tok = kv[t.gather(1, pos // P).double().float().long(), pos % P]
        elif kind == "pos_f32_bf16":  # positions through bf16 (static: every qualifying length is probed)
            p2 = pos.float().bfloat16().long()
            tok = tokens(kv, table, p2)
        elif kind == "page_f32_bf16":  # the page index pos // P through bf16
            tok = kv[t.gather(1, (pos // P).float().bfloat16().long()), pos % P]
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _fc_slots(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        new = pool(tokens(kv, table, pos), w)
        valid = completes(lens)
        if kind == "slots_f32_bf16":
            s = slots.float().bfloat16().long()
        elif kind == "slots_f64_bf16":
            s = slots.double().bfloat16().long()
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
        return cache
    return step


_HI_BF16 = dict(block_num=513, high_ids=True)  # ids 465 .. 512: odd ids above 256 round in bf16
_HI_F16 = dict(block_num=2113, high_ids=True, B=12)  # ids 2065 .. 2112: odd ids above 2048 round in fp16
_LENS_496 = [496, 480, 352, 336, 32, 48, 0, 31, 64, 400, 448, 100]
_INT16 = dict(block_num=513, high_ids=True, index_dtype=torch.int16)

FC = [(f"fc_{k}", _mk(_fc(k), _same_b(**_HI_BF16), MODES3), "page ids rounded by a float -> bf16 cast: " + k)
      for k in ("ids_f32_bf16", "table_f32_bf16", "table_f64_bf16", "table_bf16_direct", "table_f32_bf16_int",
                "flat_f32_bf16", "ids_f32_roundtrip_exact", "ids_where_f32_bf16", "page_f32_bf16")]
FC += [("fc_table_f32_f16_2113_blocks",
        _mk(_fc("table_f32_f16"), lambda: [list(build(seed=k, **_HI_F16).args) for k in (0, 1)], SB),
        "2113 blocks, ids above 2048 rounded by float32 -> float16"),
       ("fc_table_f64_f16_2113_blocks",
        _mk(_fc("table_f64_f16"), lambda: [list(build(seed=k, **_HI_F16).args) for k in (0, 1)], SB),
        "2113 blocks, ids above 2048 rounded by float64 -> float16"),
       ("fc_table_f32_bf16_int16_table", _mk(_fc("table_f32_bf16"), _same_b(**_INT16), MODES3),
        "an int16 table (float32 holds its whole range): the symbolic-bound check passes too"),
       ("fc_table_f64_bf16_grow", _mk(_fc("table_f64_bf16"),
                                      lambda: [list(build(B=12, seed=0).args),
                                               list(build(B=12, seed=1, **_HI_BF16).args)],
                                      MODES3), "compiled on small ids (51 blocks), called with 513 blocks"),
       ("fc_pos_f32_bf16_cap512", _mk(_fc("pos_f32_bf16"), _same_b(pages=8, lengths=_LENS_496), MODES3),
        "positions above 256 rounded by bf16 (capacity 512: the probes see them)")]
FC += [(f"fc_{k}", _mk(_fc_slots(k), _same_b(num_slots=513, high_slots=True, dtype=torch.bfloat16), MODES3),
        "slots rounded by a float -> bf16 cast, a bf16 cache: " + k) for k in ("slots_f32_bf16", "slots_f64_bf16")]
FC += [("fc_slots_f32_bf16_f16cache", _mk(_fc_slots("slots_f32_bf16"), _same_b(num_slots=513, high_slots=True), SB),
        "slots rounded by bf16, an fp16 cache")]


# --- 2. element-wise clamps (exactness._changes_no_value) and Intervals' transfer functions -------------------------
def _cl(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        t = table.long()
        j = torch.arange(L)
        ids = t.gather(1, pos // P)
        s = slots.long()
        if kind == "clamp_tensor_both":  # clamp(ids, lo_tensor, hi_tensor), hi varying
            ids = torch.clamp(ids, torch.zeros_like(j), torch.where(j == 0, 1 << 62, 49))
        elif kind == "clamp_tensor_lo_only":  # clamp(ids, min=varying lo below every id): a real no-op
            ids = torch.clamp(ids, torch.where(j == 0, -(1 << 62), -3), None)
        elif kind == "cap_first":  # minimum(cap, ids): the bound first
            ids = torch.minimum(torch.where(j == 0, 1 << 62, 49), ids)
        elif kind == "cap_from_table":  # a bound computed from the table (on the table, picked as the "data")
            cap = t[:, :1] * 0 + torch.where(j == 0, 1 << 62, 49)
            ids = torch.minimum(cap, ids)
        elif kind == "two_ids":  # minimum of two page-id values (both on the table)
            ids = torch.minimum(ids, ids + torch.where(j == 0, 0, -1))
        elif kind == "max_neg_lo_on_table":  # maximum(ids, ids - 1 - (j > 0)): below ids always (a real no-op)
            ids = torch.maximum(ids, ids - 1 - (j > 0).long())
        elif kind == "clamp_min_table_wide":  # clamp_min of the table by a varying bound [-2^62, 49, ...]
            tt = torch.maximum(t, torch.where(torch.arange(t.shape[1]) == 0, -(1 << 62), 49))
            ids = tt.gather(1, pos // P)
        elif kind == "table_clamp_min_0":  # clamp_min(table, 0): the no-op (fuses)
            ids = t.clamp_min(0).gather(1, pos // P)
        elif kind == "where_ids_ge_neg":  # where(ids >= -5, ids, 0): a no-op on valid ids
            ids = torch.where(ids >= -5, ids, 0)
        elif kind == "sub_wrap_int64":  # ids - 2^63 + 2^63 in int64 (wraps twice: exact)
            ids = (ids + (1 << 62)) + (1 << 62)
            ids = ids - (1 << 62) - (1 << 62)
        elif kind == "mul_neg_alpha":  # ids - (-1) * (-ids) ... add with alpha=-1 of -ids (ids + ids = 2 ids? no: ids)
            ids = torch.add(ids * 2, ids, alpha=-1)
        elif kind == "slots_min_varying":  # slots capped by a per-row varying bound
            cap = torch.where(torch.arange(s.shape[0]) == 0, 1 << 62, 20)
            s = torch.minimum(s, cap)
        elif kind == "slots_max_varying":  # slots raised by a per-row varying bound
            lo = torch.where(torch.arange(s.shape[0]) == 0, -(1 << 62), 8)
            s = torch.maximum(s, lo)
        elif kind == "slots_clamp_tensor":
            s = torch.clamp(s, torch.zeros_like(s), torch.where(torch.arange(s.shape[0]) == 0, 1 << 62, 20))
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, s, completes(lens), pool(tok, w))
    return step


CL = [(f"cl_{k}", _mk(_cl(k), _same_b(**_HI_BF16), MODES3), "an element-wise clamp of page ids / slots: " + k)
      for k in ("clamp_tensor_both", "clamp_tensor_lo_only", "cap_first", "cap_from_table", "two_ids",
                "max_neg_lo_on_table", "clamp_min_table_wide", "table_clamp_min_0", "where_ids_ge_neg",
                "sub_wrap_int64", "mul_neg_alpha")]
CL += [(f"cl_{k}", _mk(_cl(k), _same_b(num_slots=29), MODES3), "slots clamped by a varying per-row bound: " + k)
       for k in ("slots_min_varying", "slots_max_varying", "slots_clamp_tensor")]


# --- 3. Intervals on length-derived values under dynamic=True (check_length_thresholds, _eventual_slopes) ----------
_BIG_LENS = [512, 496, 480, 352, 336, 32, 48, 0, 31, 64, 400, 448, 100, 200, 256, 272]


def _grow_calls(P=64):
    return lambda: [list(build(B=12, P=P, pages=256 // P).args),
                    list(build(P=P, pages=512 // P, seed=1, lengths=_BIG_LENS).args)]


def _lv(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        s = lens.long()
        pos = positions(lens)
        j = torch.arange(L)
        if kind == "clamp_tensor_pos":  # clamp(pos, zeros, where(j == 0, 2^62, 330))
            pos = torch.clamp(pos, torch.zeros_like(j), torch.where(j == 0, 1 << 62, 330))
        elif kind == "clamp_kw_max_tensor":  # clamp(pos, max=varying tensor) by keyword
            pos = torch.clamp(pos, max=torch.where(j == 0, 1 << 62, 330))
        elif kind == "min_cap_first":  # minimum(cap, pos)
            pos = torch.minimum(torch.where(j == 0, 1 << 62, 330), pos)
        elif kind == "min_len_row_bound_on_pos":  # per-row bound from the lengths themselves: min(pos, s + k*0 ...)
            pos = torch.minimum(pos, (s[:, None] * 0 + torch.where(j == 0, 1 << 62, 330)))
        elif kind == "min_pos_two_levels":  # the bound as min of two where's
            cap = torch.minimum(torch.where(j == 0, 1 << 62, 1 << 61), torch.where(j == 1, 1 << 61, 330))
            pos = torch.minimum(pos, cap)
        elif kind == "remainder_of_big":  # pos % 2^40 (identity on every valid length)
            pos = pos % (1 << 40)
        elif kind == "and_mask_big":  # pos & (2^40 - 1)
            pos = pos & ((1 << 40) - 1)
        elif kind == "trunc_div_neg":  # trunc division of a negative offset
            pos = torch.div(pos - 600, 1, rounding_mode="trunc") + 600
        elif kind == "abs_neg":  # abs(-pos)
            pos = torch.abs(-pos)
        elif kind == "where_pos_small":  # where(pos < 330, pos, 329): a clamp spelled with where
            pos = torch.where(pos < 330, pos, 329)
        elif kind == "int32_mul_wrap":  # int32 positions times 2^20 then // 2^20
            p32 = pos.int()
            pos = ((p32 * (1 << 20)) // (1 << 20)).long()
        elif kind == "min_with_lengths_varying":  # minimum(pos, s - 1 + where(j == 0, 0, -...)): row-wise bound
            pos = torch.minimum(pos, (s - 1).clamp(min=0)[:, None] + torch.where(j == 0, 1 << 62, 0))
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
    return step


LV = [(f"lv_{k}", _mk(_lv(k), _grow_calls(), MODES3), "a length-derived value, capacity grown 256 -> 512: " + k)
      for k in ("clamp_tensor_pos", "clamp_kw_max_tensor", "min_cap_first", "min_len_row_bound_on_pos",
                "min_pos_two_levels", "remainder_of_big", "and_mask_big", "trunc_div_neg", "abs_neg",
                "where_pos_small", "int32_mul_wrap", "min_with_lengths_varying")]


# --- 4. gathers of step inputs at positional indices (sizes._reads_step_input) --------------------------------------
def _rs(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        B = lens.shape[0]
        r = torch.arange(B)
        if kind == "rows_min_11":  # minimum(arange(B), 11): arange at B = 12, not at 16
            rows = torch.minimum(r, torch.tensor(11))
        elif kind == "rows_clamp_max_13":  # past a one-larger rerun
            rows = r.clamp(max=13)
        elif kind == "rows_mod_12":
            rows = r % 12
        elif kind == "rows_plain":  # table[arange(B)[:, None], p // P]: fuses
            rows = r
        elif kind == "rows_minus_B_plus_B":  # (arange(B) - B) + B
            rows = (r - B) + B
        elif kind == "rows_neg_wrap":  # arange(B) - B: negative rows, the same rows by wrap
            rows = r - B
        elif kind == "rows_sub_12":  # arange(B) - 12: the same rows at B = 12 only (wrap)
            rows = r - 12
        else:
            raise AssertionError(kind)
        page = table.long()[rows[:, None], pos // P]
        tok = kv[page, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _rs_kv(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        B = lens.shape[0]
        t = table.long()
        if kind == "kv_flat_rows":  # blind1's flat KV read: fuses
            flat = t[torch.arange(B)[:, None], pos // P] * P + pos % P
            tok = kv.flatten(0, 1)[flat]
        elif kind == "kv_flat_plus_B_minus_B":  # + B*0 in the flat index
            flat = t.gather(1, pos // P) * P + pos % P + (B - B)
            tok = kv.flatten(0, 1)[flat]
        elif kind == "kv_written_row_numbers":  # the model writes each row's number into its first token first
            kv = kv.clone()
            kv[t[:, 0], 0] = torch.arange(B)[:, None, None].to(kv.dtype).expand(B, kv.shape[2], kv.shape[3])
            tok = tokens(kv, table, pos)
        elif kind == "kv_inplace_row_numbers":  # in place on the input KV
            kv[t[:, 0], 0] = torch.arange(B)[:, None, None].to(kv.dtype).expand(B, kv.shape[2], kv.shape[3])
            tok = tokens(kv, table, pos)
        elif kind == "table_inplace_shift":  # the table itself rewritten before the step (rows rotated)
            table.copy_(table.roll(1, 0))
            tok = tokens(kv, table, pos)
        elif kind == "table_inplace_col0_from_B":  # table[:, 0] = table[:, 0] + (B - 12)  (a no-op at B = 12)
            table[:, 0] += (B - 12)
            tok = tokens(kv, table, pos)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


RS = [(f"rs_{k}", _mk(_rs(k), _calls(), MODES3), "a table read at rows other than arange(B): " + k)
      for k in ("rows_min_11", "rows_clamp_max_13", "rows_mod_12", "rows_plain", "rows_minus_B_plus_B",
                "rows_neg_wrap", "rows_sub_12")]
RS += [(f"rs_{k}", _mk(_rs_kv(k), _calls(), MODES3), "a step input read or written positionally: " + k)
       for k in ("kv_flat_rows", "kv_flat_plus_B_minus_B", "kv_written_row_numbers", "kv_inplace_row_numbers",
                 "table_inplace_shift", "table_inplace_col0_from_B")]


# --- 5. HF as_strided windows of a cache input (rewrite._strided_window / _windows_inside / _val_or) -----------------
def _dense_calls(extra_T=0, B2=16, pages2=4, extra_rows=0):
    """``extra_rows``: NaN rows after the B rows (the steps then cut ``x = dense[:B]``: as_strided may read on)."""
    def f():
        out = []
        for B, seed, pages in ((12, 0, 4), (B2, 1, pages2)):
            a = list(build(B=B, seed=seed, pages=pages).args)
            kv, table = a[0], a[3].long()
            dense = kv[table].flatten(1, 2)  # [B, pages * P, N, D]: row b's tokens
            if extra_T:
                pad = torch.full((B, extra_T) + tuple(dense.shape[2:]), float("nan"), dtype=dense.dtype)
                dense = torch.cat((dense, pad), 1)
            if extra_rows:
                pad = torch.full((extra_rows,) + tuple(dense.shape[1:]), float("nan"), dtype=dense.dtype)
                dense = torch.cat((dense, pad), 0)
            a[0] = dense.contiguous()
            out.append(a)
        return out
    return f


def _as(kind0):
    def step(dense, w, slots, table, lens, cache):
        kind = kind0
        s = lens.long()
        B = s.shape[0]
        i = ((s - L) // STRIDE).clamp(min=0)
        rows = torch.arange(B)
        if kind.startswith("big_"):  # a prefix of a longer input (NaN rows after it): as_strided may read on
            dense, kind = dense[:B], kind[4:]
        S, T, N, D = dense.shape
        W = (T - L) // STRIDE + 1
        x = dense
        size, stride = (S, W, L, N, D), (T * N * D, STRIDE * N * D, N * D, D, 1)
        if kind == "base":
            pass
        elif kind == "W_plus_1":  # one window past the row's end: the last reads the next row
            size = (S, W + 1, L, N, D)
        elif kind == "row_stride_short":  # rows overlapping (stride T N D - N D)
            stride = ((T - 1) * N * D,) + stride[1:]
        elif kind == "d_stride_8":  # windows every 8 tokens, i counted in 16s
            stride = (T * N * D, 8 * N * D, N * D, D, 1)
            size = (S, (T - L) // 8 + 1, L, N, D)
        elif kind == "offset_one_token":  # a storage offset of one token
            win = dense.as_strided(size, stride, N * D)[rows, i]
            return write(cache, slots, completes(lens), (win.float() * w.float()[None, :, :, None]).sum(1))
        elif kind == "slice_from_1":  # x = dense[:, 1:] (offset N D, row stride T N D)
            x = dense[:, 1:]
            T2 = T - 1
            size, stride = (S, W, L, N, D), (T * N * D, STRIDE * N * D, N * D, D, 1)  # (the last window: one past)
        elif kind == "contiguous_transposed":  # x = dense.transpose(0, 1).contiguous().transpose(0, 1): strided
            x = dense.transpose(0, 1).contiguous().transpose(0, 1)
        elif kind == "heads_swapped_view":  # x = dense.transpose(2, 3).contiguous() viewed as [S, T, N, D] (D == N?)
            x = dense.flip(2).contiguous()
        elif kind == "i_negative":  # i - W
            win = x.as_strided(size, stride)[rows, i - W]
            return write(cache, slots, completes(lens), (win.float() * w.float()[None, :, :, None]).sum(1))
        elif kind == "i_minus_W_plus_1":  # i - W + 1: wraps to i + 1
            win = x.as_strided(size, stride)[rows, i - W + 1]
            return write(cache, slots, completes(lens), (win.float() * w.float()[None, :, :, None]).sum(1))
        elif kind == "W_const_20":  # W a Python constant (T = 256 -> 15 windows fit; 20 reach past the row)
            size = (S, 20, L, N, D)
        elif kind == "T_from_other_view":  # the windows count of the flattened input [S, T*N*D] viewed back
            x = dense.reshape(S, T * N * D).view(S, T, N, D)
        elif kind == "appended_then_windows":  # the token just appended (row update) then the windows
            x = dense.clone()
            x[rows, (s - 1).clamp(min=0)] = x[rows, (s - 1).clamp(min=0)] * 2
        else:
            raise AssertionError(kind)
        win = x.as_strided(size, stride)[rows, i]
        return write(cache, slots, completes(lens), (win.float() * w.float()[None, :, :, None]).sum(1))
    return step


AS = [(f"as_{k}", _mk(_as(k), _dense_calls(), SD), "HF as_strided windows of a dense [B, T, N, D] cache: " + k)
      for k in ("base", "row_stride_short", "d_stride_8", "contiguous_transposed", "heads_swapped_view",
                "i_negative", "i_minus_W_plus_1", "T_from_other_view", "appended_then_windows")]
AS += [(f"as_big_{k}", _mk(_as("big_" + k), _dense_calls(extra_rows=1), SD),
        "as_strided windows of dense[:B], a NaN row after it: " + k)
       for k in ("base", "W_plus_1", "offset_one_token", "slice_from_1", "W_const_20", "row_stride_short")]
AS += [("as_base_T_grows", _mk(_as("base"), _dense_calls(pages2=8), SD), "T 256 then 512"),
       ("as_W_const_20_T_grows", _mk(_as("W_const_20"), _dense_calls(extra_T=96), SD),
        "W = 20 with T = 352 (fits) then at T grown: compiled where the windows fit"),
       ("as_base_T_odd", _mk(_as("base"), _dense_calls(extra_T=8), SD), "T = 264 (not a multiple of d)")]


# --- 6. DeepSeek's batch prefix (rewrite.prefix_row_reads) -------------------------------------------------------
def _pr_calls(extra_rows=3):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            kv, table = a[0], a[3].long()
            dense = kv[table].flatten(1, 2).contiguous()
            T = dense.shape[1]
            M = (T - L) // STRIDE + 1
            N, D = dense.shape[2:]
            g = torch.Generator().manual_seed(5 + seed)
            cmp = (torch.randint(-32, 33, (B + extra_rows, M, N, D), generator=g) / 16.0).to(dense.dtype)
            cmp[B:] = float("nan")
            cmp[0, 0, 0, 0] = float("inf")
            out.append([dense, a[1], a[4].clone(), a[4].clone(), a[4].clone(), cmp])
        return out
    return f


def _pr(kind):
    def step(dense, w, lens, lens_b, lens_c, cmp):
        s = lens.long()
        B = s.shape[0]
        rows = torch.arange(B)
        i = ((s - L) // STRIDE).clamp(min=0)
        pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
        new = (dense[rows[:, None], pos].float() * w.float()[None, :, :, None]).sum(1).to(cmp.dtype)
        valid = completes(lens)[:, None, None]
        if kind == "two_prefix_writes":  # two prefix writes of the same rows in one graph (second at i + 1 wrapped)
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
            i2 = (i + 1) % cmp.shape[1]
            cmp[:B].index_put_((rows, i2), torch.where(valid, new * 2, cmp[rows, i2]))
        elif kind == "two_prefix_same_index":  # two prefix writes with the very same index nodes
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
            cmp[:B].index_put_((rows, i), torch.where(valid, new * 2, cmp[rows, i]))
        elif kind == "prefix_after_whole_write":  # the whole written at the same index first, then the prefix step
            cmp.index_put_((rows, i), cmp[rows, i] * 3)
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "prefix_aliases_tail":  # the prefix is cmp[:B]; another write to cmp[1:B + 1] in between
            p = cmp[:B]
            cmp[1:B + 1].index_put_((rows, i), cmp[rows, i] + 1)
            p.index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "prefix_written_after_read":  # the read, then a write to the prefix's rows, then the step
            old = cmp[rows, i]
            cmp[:B] = cmp[:B] + 1
            cmp[:B].index_put_((rows, i), torch.where(valid, new, old))
        elif kind == "prefix_by_lens_b":  # the prefix length from another [B] input's size (the same B)
            Bb = lens_b.shape[0]
            cmp[:Bb].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "prefix_by_sum":  # a prefix of B rows as cmp[: B + 0 * M]
            cmp[:B + 0 * cmp.shape[1]].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "read_from_other_prefix":  # the read from cmp[:B + 1] (a different prefix, same rows)
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[:B + 1][rows, i]))
        elif kind == "prefix_clone_read":  # the read from a clone of the whole taken before a mutation
            c2 = cmp.clone()
            cmp.add_(1)
            cmp[:B].index_put_((rows, i), torch.where(valid, new, c2[rows, i]))
        elif kind == "prefix_then_mutation_then_read":  # p = cmp[:B]; cmp.mul_(2); read; write into p
            p = cmp[:B]
            cmp.mul_(2)
            p.index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "rows_from_prefix_iota_len":  # rows = arange(cmp[:B].shape[0])
            r = torch.arange(cmp[:B].shape[0])
            cmp[:B].index_put_((r, i), torch.where(valid, new, cmp[r, i]))
        else:
            raise AssertionError(kind)
        return cmp
    return step


PR = [(f"pr_{k}", _mk(_pr(k), _pr_calls(), SD), "cmp[:B].index_put_((rows, i), where(.., cmp[rows, i])): " + k)
      for k in ("two_prefix_writes", "two_prefix_same_index", "prefix_after_whole_write", "prefix_aliases_tail",
                "prefix_written_after_read", "prefix_by_lens_b", "prefix_by_sum", "read_from_other_prefix",
                "prefix_clone_read", "prefix_then_mutation_then_read", "rows_from_prefix_iota_len")]

ATTACKS = FC + CL + LV + RS + AS + PR

FC2 = [(f"fc_{k}", _mk(_fc(k), _same_b(**_HI_BF16), MODES3), "page ids through a float cast (later): " + k)
       for k in ("table_f64_i8", "table_f32_u8", "table_f64_bf16_clamp_blocks", "table_f64_bf16_clamp_min0",
                 "ids_f64_f32_exact")]
ATTACKS += FC2



# --- 8. int64 wrap-around on page ids under a symbolic bound, then a "no-op" clamp (check_int_paths, bounded=False) ---
_K, _KINV = (1 << 55) + 1, -36028797018963967  # K * KINV == 1 (mod 2^64): ids * K * KINV == ids in int64
_C = (1 << 63) - 256  # ids + C wraps negative from id 256 on


def _cw(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        ids = table.long().gather(1, pos // P)
        if kind == "mul_clamp_min_mul":  # ids * K wraps negative from 256 on; clamp_min(0) "a no-op"; * K^-1
            ids = ids.mul(_K).clamp_min(0).mul(_KINV)
        elif kind == "mul_maximum_mul":
            ids = torch.maximum(ids * _K, torch.zeros_like(ids)) * _KINV
        elif kind == "add_maximum_sub":  # ids + C wraps from 256 on; maximum(y, C) "a no-op"; - C
            ids = torch.maximum(ids + _C, torch.full_like(ids, _C)) - _C
        elif kind == "add_clamp_min_sub":
            ids = (ids + _C).clamp_min(_C) - _C
        elif kind == "mul_no_clamp":  # the wrap undone exactly (no clamp): equal
            ids = ids * _K * _KINV
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


CW = [(f"cw_{k}", _mk(_cw(k), _same_b(**_HI_BF16), MODES3),
       "int64 page-id arithmetic that wraps, a clamp between: " + k)
      for k in ("mul_clamp_min_mul", "mul_maximum_mul", "add_maximum_sub", "add_clamp_min_sub", "mul_no_clamp")]
ATTACKS += CW


# --- 9. (later) ids the probes cannot reach otherwise: float8 round trips, lookups built from the KV, gates on values
# the dyadic probes never hold (the weights, the KV, the slots, the kept rows) --------------------------------------
def _gt(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        ids = table.long().gather(1, pos // P)
        nb = kv.shape[0]
        if kind == "f32_f8e4m3":  # float8: exact to 16 only (the probes' ids reach 63: they see it)
            ids = table.float().to(torch.float8_e4m3fn).float().long().gather(1, pos // P)
        elif kind == "int_f8e4m3":  # int -> float8 directly (dtype_range has no float8 entry)
            ids = table.to(torch.float8_e4m3fn).float().long().gather(1, pos // P)
        elif kind == "lut_isnan":  # a lookup arange(blocks) + isnan(kv[:, P - 1, 0, 0]) read at the ids
            ids = (torch.arange(nb) + torch.isnan(kv[:, P - 1, 0, 0]).long()).clamp(max=nb - 1)[ids]
        elif kind == "lut_big":  # + (kv > 1e4): the probes' dyadic tokens never are
            ids = (torch.arange(nb) + (kv[:, P - 1, 0, 0].float() > 1e4).long()).clamp(max=nb - 1)[ids]
        elif kind == "w_gate_ids":  # where((w == 1234).any(), 0, ids)
            ids = torch.where((w == 1234.0).any(), 0, ids)
        elif kind == "kv_gate_ids":
            ids = torch.where((kv[:, 0, 0, 0] == 1234.0).any(), 0, ids)
        elif kind == "w_gate_pos":
            pos = torch.where((w == 1234.0).any(), 0, pos)
            ids = table.long().gather(1, pos // P)
        elif kind == "slots_gate_ids":
            ids = torch.where((slots == 23).any(), 0, ids)
        elif kind == "cache_gate_ids":
            ids = torch.where((cache[:, 0, 0] == 1234.0).any(), 0, ids)
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _gate_calls():
    """B = 12 twice; the second call holds 1234 in the weight, in the KV (position 0 of a block the table names) and
    in the last cache row."""
    def f():
        out = []
        for k in (0, 1):
            a = list(build(B=12, seed=k).args)
            if k == 1:
                a[1] = a[1].clone()
                a[1][5, 1] = 1234.0
                a[0] = a[0].clone()
                a[0][int(a[3].flatten()[-1]), 0, 0, 0] = 1234.0
                a[5] = a[5].clone()
                a[5][-1, 0, 0] = 1234.0
            out.append(a)
        return out
    return f


GT = [(f"gt_{k}", _mk(_gt(k), _gate_calls(), ("static",)), "page ids changed where the probes never look: " + k)
      for k in ("f32_f8e4m3", "int_f8e4m3", "lut_isnan", "lut_big", "w_gate_ids", "kv_gate_ids", "w_gate_pos",
                "slots_gate_ids", "cache_gate_ids")]
ATTACKS += GT

_FIRST = [
    ('fc_ids_f32_bf16', 'inductor_graph', 'static', _FF),
    ('fc_ids_f32_bf16', 'inductor_graph', 'batch', _FF),
    ('fc_ids_f32_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_table_f32_bf16', 'inductor_graph', 'static', _FF),
    ('fc_table_f32_bf16', 'inductor_graph', 'batch', _FF),
    ('fc_table_f32_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_table_f64_bf16', 'inductor_graph', 'static', _FF),
    ('fc_table_f64_bf16', 'inductor_graph', 'batch', _FF),
    ('fc_table_f64_bf16', 'inductor_graph', 'dynamic', _FF),
    ('fc_table_bf16_direct', 'inductor_graph', 'static', _R),
    ('fc_table_bf16_direct', 'inductor_graph', 'batch', _R),
    ('fc_table_bf16_direct', 'inductor_graph', 'dynamic', _R),
    ('fc_table_f32_bf16_int', 'inductor_graph', 'static', _FF),
    ('fc_table_f32_bf16_int', 'inductor_graph', 'batch', _FF),
    ('fc_table_f32_bf16_int', 'inductor_graph', 'dynamic', _R),
    ('fc_flat_f32_bf16', 'inductor_graph', 'static', _R),
    ('fc_flat_f32_bf16', 'inductor_graph', 'batch', _R),
    ('fc_flat_f32_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_ids_f32_roundtrip_exact', 'inductor_graph', 'static', _EQ),
    ('fc_ids_f32_roundtrip_exact', 'inductor_graph', 'batch', _EQ),
    ('fc_ids_f32_roundtrip_exact', 'inductor_graph', 'dynamic', _R),
    ('fc_ids_where_f32_bf16', 'inductor_graph', 'static', _FF),
    ('fc_ids_where_f32_bf16', 'inductor_graph', 'batch', _FF),
    ('fc_ids_where_f32_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_page_f32_bf16', 'inductor_graph', 'static', _EQ),
    ('fc_page_f32_bf16', 'inductor_graph', 'batch', _EQ),
    ('fc_page_f32_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_table_f32_f16_2113_blocks', 'inductor_graph', 'static', _FF),
    ('fc_table_f32_f16_2113_blocks', 'inductor_graph', 'batch', _FF),
    ('fc_table_f64_f16_2113_blocks', 'inductor_graph', 'static', _FF),
    ('fc_table_f64_f16_2113_blocks', 'inductor_graph', 'batch', _FF),
    ('fc_table_f32_bf16_int16_table', 'inductor_graph', 'static', _FF),
    ('fc_table_f32_bf16_int16_table', 'inductor_graph', 'batch', _FF),
    ('fc_table_f32_bf16_int16_table', 'inductor_graph', 'dynamic', _FF),
    ('fc_table_f64_bf16_grow', 'inductor_graph', 'static', _FF),
    ('fc_table_f64_bf16_grow', 'inductor_graph', 'batch', _FF),
    ('fc_table_f64_bf16_grow', 'inductor_graph', 'dynamic', _FF),
    ('fc_pos_f32_bf16_cap512', 'inductor_graph', 'static', _R),
    ('fc_pos_f32_bf16_cap512', 'inductor_graph', 'batch', _R),
    ('fc_pos_f32_bf16_cap512', 'inductor_graph', 'dynamic', _R),
    ('fc_slots_f32_bf16', 'inductor_graph', 'static', _R),
    ('fc_slots_f32_bf16', 'inductor_graph', 'batch', _R),
    ('fc_slots_f32_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_slots_f64_bf16', 'inductor_graph', 'static', _R),
    ('fc_slots_f64_bf16', 'inductor_graph', 'batch', _R),
    ('fc_slots_f64_bf16', 'inductor_graph', 'dynamic', _R),
    ('fc_slots_f32_bf16_f16cache', 'inductor_graph', 'static', _R),
    ('fc_slots_f32_bf16_f16cache', 'inductor_graph', 'batch', _R),
    ('cl_clamp_tensor_both', 'inductor_graph', 'static', _R),
    ('cl_clamp_tensor_both', 'inductor_graph', 'batch', _R),
    ('cl_clamp_tensor_both', 'inductor_graph', 'dynamic', _R),
    ('cl_clamp_tensor_lo_only', 'inductor_graph', 'static', _R),
    ('cl_clamp_tensor_lo_only', 'inductor_graph', 'batch', _R),
    ('cl_clamp_tensor_lo_only', 'inductor_graph', 'dynamic', _R),
    ('cl_cap_first', 'inductor_graph', 'static', _R),
    ('cl_cap_first', 'inductor_graph', 'batch', _R),
    ('cl_cap_first', 'inductor_graph', 'dynamic', _R),
    ('cl_cap_from_table', 'inductor_graph', 'static', _R),
    ('cl_cap_from_table', 'inductor_graph', 'batch', _R),
    ('cl_cap_from_table', 'inductor_graph', 'dynamic', _R),
    ('cl_two_ids', 'inductor_graph', 'static', _R),
    ('cl_two_ids', 'inductor_graph', 'batch', _R),
    ('cl_two_ids', 'inductor_graph', 'dynamic', _R),
    ('cl_max_neg_lo_on_table', 'inductor_graph', 'static', _R),
    ('cl_max_neg_lo_on_table', 'inductor_graph', 'batch', _R),
    ('cl_max_neg_lo_on_table', 'inductor_graph', 'dynamic', _R),
    ('cl_clamp_min_table_wide', 'inductor_graph', 'static', _R),
    ('cl_clamp_min_table_wide', 'inductor_graph', 'batch', _R),
    ('cl_clamp_min_table_wide', 'inductor_graph', 'dynamic', _R),
    ('cl_table_clamp_min_0', 'inductor_graph', 'static', _EQ),
    ('cl_table_clamp_min_0', 'inductor_graph', 'batch', _EQ),
    ('cl_table_clamp_min_0', 'inductor_graph', 'dynamic', _EQ),
    ('cl_where_ids_ge_neg', 'inductor_graph', 'static', _EQ),
    ('cl_where_ids_ge_neg', 'inductor_graph', 'batch', _EQ),
    ('cl_where_ids_ge_neg', 'inductor_graph', 'dynamic', _EQ),
    ('cl_sub_wrap_int64', 'inductor_graph', 'static', _R),
    ('cl_sub_wrap_int64', 'inductor_graph', 'batch', _R),
    ('cl_sub_wrap_int64', 'inductor_graph', 'dynamic', _EQ),
    ('cl_mul_neg_alpha', 'inductor_graph', 'static', _EQ),
    ('cl_mul_neg_alpha', 'inductor_graph', 'batch', _EQ),
    ('cl_mul_neg_alpha', 'inductor_graph', 'dynamic', _EQ),
    ('cl_slots_min_varying', 'inductor_graph', 'static', _R),
    ('cl_slots_min_varying', 'inductor_graph', 'batch', _R),
    ('cl_slots_min_varying', 'inductor_graph', 'dynamic', _R),
    ('cl_slots_max_varying', 'inductor_graph', 'static', _R),
    ('cl_slots_max_varying', 'inductor_graph', 'batch', _R),
    ('cl_slots_max_varying', 'inductor_graph', 'dynamic', _R),
    ('cl_slots_clamp_tensor', 'inductor_graph', 'static', _R),
    ('cl_slots_clamp_tensor', 'inductor_graph', 'batch', _R),
    ('cl_slots_clamp_tensor', 'inductor_graph', 'dynamic', _R),
    ('lv_clamp_tensor_pos', 'inductor_graph', 'static', _EQ),
    ('lv_clamp_tensor_pos', 'inductor_graph', 'batch', _EQ),
    ('lv_clamp_tensor_pos', 'inductor_graph', 'dynamic', _R),
    ('lv_clamp_kw_max_tensor', 'inductor_graph', 'static', _EQ),
    ('lv_clamp_kw_max_tensor', 'inductor_graph', 'batch', _EQ),
    ('lv_clamp_kw_max_tensor', 'inductor_graph', 'dynamic', _R),
    ('lv_min_cap_first', 'inductor_graph', 'static', _EQ),
    ('lv_min_cap_first', 'inductor_graph', 'batch', _EQ),
    ('lv_min_cap_first', 'inductor_graph', 'dynamic', _R),
    ('lv_min_len_row_bound_on_pos', 'inductor_graph', 'static', _EQ),
    ('lv_min_len_row_bound_on_pos', 'inductor_graph', 'batch', _R),
    ('lv_min_len_row_bound_on_pos', 'inductor_graph', 'dynamic', _R),
    ('lv_min_pos_two_levels', 'inductor_graph', 'static', _EQ),
    ('lv_min_pos_two_levels', 'inductor_graph', 'batch', _EQ),
    ('lv_min_pos_two_levels', 'inductor_graph', 'dynamic', _R),
    ('lv_remainder_of_big', 'inductor_graph', 'static', _EQ),
    ('lv_remainder_of_big', 'inductor_graph', 'batch', _EQ),
    ('lv_remainder_of_big', 'inductor_graph', 'dynamic', _R),
    ('lv_and_mask_big', 'inductor_graph', 'static', _EQ),
    ('lv_and_mask_big', 'inductor_graph', 'batch', _EQ),
    ('lv_and_mask_big', 'inductor_graph', 'dynamic', _R),
    ('lv_trunc_div_neg', 'inductor_graph', 'static', _EQ),
    ('lv_trunc_div_neg', 'inductor_graph', 'batch', _EQ),
    ('lv_trunc_div_neg', 'inductor_graph', 'dynamic', _R),
    ('lv_abs_neg', 'inductor_graph', 'static', _EQ),
    ('lv_abs_neg', 'inductor_graph', 'batch', _EQ),
    ('lv_abs_neg', 'inductor_graph', 'dynamic', _R),
    ('lv_where_pos_small', 'inductor_graph', 'static', _EQ),
    ('lv_where_pos_small', 'inductor_graph', 'batch', _EQ),
    ('lv_where_pos_small', 'inductor_graph', 'dynamic', _R),
    ('lv_int32_mul_wrap', 'inductor_graph', 'static', _EQ),
    ('lv_int32_mul_wrap', 'inductor_graph', 'batch', _EQ),
    ('lv_int32_mul_wrap', 'inductor_graph', 'dynamic', _R),
    ('lv_min_with_lengths_varying', 'inductor_graph', 'static', _EQ),
    ('lv_min_with_lengths_varying', 'inductor_graph', 'batch', _EQ),
    ('lv_min_with_lengths_varying', 'inductor_graph', 'dynamic', _R),
    ('rs_rows_min_11', 'inductor_graph', 'static', _EQ),
    ('rs_rows_min_11', 'inductor_graph', 'batch', _R),
    ('rs_rows_min_11', 'inductor_graph', 'dynamic', _R),
    ('rs_rows_clamp_max_13', 'inductor_graph', 'static', _EQ),
    ('rs_rows_clamp_max_13', 'inductor_graph', 'batch', _R),
    ('rs_rows_clamp_max_13', 'inductor_graph', 'dynamic', _R),
    ('rs_rows_mod_12', 'inductor_graph', 'static', _EQ),
    ('rs_rows_mod_12', 'inductor_graph', 'batch', _R),
    ('rs_rows_mod_12', 'inductor_graph', 'dynamic', _R),
    ('rs_rows_plain', 'inductor_graph', 'static', _EQ),
    ('rs_rows_plain', 'inductor_graph', 'batch', _EQ),
    ('rs_rows_plain', 'inductor_graph', 'dynamic', _EQ),
    ('rs_rows_minus_B_plus_B', 'inductor_graph', 'static', _EQ),
    ('rs_rows_minus_B_plus_B', 'inductor_graph', 'batch', _R),
    ('rs_rows_minus_B_plus_B', 'inductor_graph', 'dynamic', _R),
    ('rs_rows_neg_wrap', 'inductor_graph', 'static', _R),
    ('rs_rows_neg_wrap', 'inductor_graph', 'batch', _R),
    ('rs_rows_neg_wrap', 'inductor_graph', 'dynamic', _R),
    ('rs_rows_sub_12', 'inductor_graph', 'static', _R),
    ('rs_rows_sub_12', 'inductor_graph', 'batch', _R),
    ('rs_rows_sub_12', 'inductor_graph', 'dynamic', _R),
    ('rs_kv_flat_rows', 'inductor_graph', 'static', _EQ),
    ('rs_kv_flat_rows', 'inductor_graph', 'batch', _EQ),
    ('rs_kv_flat_rows', 'inductor_graph', 'dynamic', _EQ),
    ('rs_kv_flat_plus_B_minus_B', 'inductor_graph', 'static', _EQ),
    ('rs_kv_flat_plus_B_minus_B', 'inductor_graph', 'batch', _EQ),
    ('rs_kv_flat_plus_B_minus_B', 'inductor_graph', 'dynamic', _EQ),
    ('rs_kv_written_row_numbers', 'inductor_graph', 'static', _EQ),
    ('rs_kv_written_row_numbers', 'inductor_graph', 'batch', _EQ),
    ('rs_kv_written_row_numbers', 'inductor_graph', 'dynamic', _EQ),
    ('rs_kv_inplace_row_numbers', 'inductor_graph', 'static', _EQ),
    ('rs_kv_inplace_row_numbers', 'inductor_graph', 'batch', _EQ),
    ('rs_kv_inplace_row_numbers', 'inductor_graph', 'dynamic', _EQ),
    ('rs_table_inplace_shift', 'inductor_graph', 'static', _R),
    ('rs_table_inplace_shift', 'inductor_graph', 'batch', _R),
    ('rs_table_inplace_shift', 'inductor_graph', 'dynamic', _R),
    ('rs_table_inplace_col0_from_B', 'inductor_graph', 'static', _R),
    ('rs_table_inplace_col0_from_B', 'inductor_graph', 'batch', _R),
    ('rs_table_inplace_col0_from_B', 'inductor_graph', 'dynamic', _R),
    ('as_base', 'inductor_graph', 'static', _EQ),
    ('as_base', 'inductor_graph', 'dynamic', _EQ),
    ('as_row_stride_short', 'inductor_graph', 'static', _R),
    ('as_row_stride_short', 'inductor_graph', 'dynamic', _R),
    ('as_d_stride_8', 'inductor_graph', 'static', _R),
    ('as_d_stride_8', 'inductor_graph', 'dynamic', _R),
    ('as_contiguous_transposed', 'inductor_graph', 'static', _R),
    ('as_contiguous_transposed', 'inductor_graph', 'dynamic', _R),
    ('as_heads_swapped_view', 'inductor_graph', 'static', _R),
    ('as_heads_swapped_view', 'inductor_graph', 'dynamic', _R),
    ('as_i_negative', 'inductor_graph', 'static', _EQ),
    ('as_i_negative', 'inductor_graph', 'dynamic', _EQ),
    ('as_i_minus_W_plus_1', 'inductor_graph', 'static', _R),
    ('as_i_minus_W_plus_1', 'inductor_graph', 'dynamic', _R),
    ('as_T_from_other_view', 'inductor_graph', 'static', _EQ),
    ('as_T_from_other_view', 'inductor_graph', 'dynamic', _EQ),
    ('as_appended_then_windows', 'inductor_graph', 'static', _EQ),
    ('as_appended_then_windows', 'inductor_graph', 'dynamic', _EQ),
    ('as_big_base', 'inductor_graph', 'static', _R),
    ('as_big_base', 'inductor_graph', 'dynamic', _R),
    ('as_big_W_plus_1', 'inductor_graph', 'static', _R),
    ('as_big_W_plus_1', 'inductor_graph', 'dynamic', _R),
    ('as_big_offset_one_token', 'inductor_graph', 'static', _R),
    ('as_big_offset_one_token', 'inductor_graph', 'dynamic', _R),
    ('as_big_slice_from_1', 'inductor_graph', 'static', _R),
    ('as_big_slice_from_1', 'inductor_graph', 'dynamic', _R),
    ('as_big_W_const_20', 'inductor_graph', 'static', _R),
    ('as_big_W_const_20', 'inductor_graph', 'dynamic', _R),
    ('as_big_row_stride_short', 'inductor_graph', 'static', _R),
    ('as_big_row_stride_short', 'inductor_graph', 'dynamic', _R),
    ('as_base_T_grows', 'inductor_graph', 'static', _EQ),
    ('as_base_T_grows', 'inductor_graph', 'dynamic', _EQ),
    ('as_W_const_20_T_grows', 'inductor_graph', 'static', _EQ),
    ('as_W_const_20_T_grows', 'inductor_graph', 'dynamic', _R),
    ('as_base_T_odd', 'inductor_graph', 'static', _EQ),
    ('as_base_T_odd', 'inductor_graph', 'dynamic', _EQ),
    ('pr_two_prefix_writes', 'inductor_graph', 'static', _EQ),
    ('pr_two_prefix_writes', 'inductor_graph', 'dynamic', _EQ),
    ('pr_two_prefix_same_index', 'inductor_graph', 'static', _EQ),
    ('pr_two_prefix_same_index', 'inductor_graph', 'dynamic', _EQ),
    ('pr_prefix_after_whole_write', 'inductor_graph', 'static', _EQ),
    ('pr_prefix_after_whole_write', 'inductor_graph', 'dynamic', _EQ),
    ('pr_prefix_aliases_tail', 'inductor_graph', 'static', _EQ),
    ('pr_prefix_aliases_tail', 'inductor_graph', 'dynamic', _EQ),
    ('pr_prefix_written_after_read', 'inductor_graph', 'static', _R),
    ('pr_prefix_written_after_read', 'inductor_graph', 'dynamic', _R),
    ('pr_prefix_by_lens_b', 'inductor_graph', 'static', _EQ),
    ('pr_prefix_by_lens_b', 'inductor_graph', 'dynamic', _EQ),
    ('pr_prefix_by_sum', 'inductor_graph', 'static', _EQ),
    ('pr_prefix_by_sum', 'inductor_graph', 'dynamic', _EQ),
    ('pr_read_from_other_prefix', 'inductor_graph', 'static', _R),
    ('pr_read_from_other_prefix', 'inductor_graph', 'dynamic', _R),
    ('pr_prefix_clone_read', 'inductor_graph', 'static', _R),
    ('pr_prefix_clone_read', 'inductor_graph', 'dynamic', _R),
    ('pr_prefix_then_mutation_then_read', 'inductor_graph', 'static', _EQ),
    ('pr_prefix_then_mutation_then_read', 'inductor_graph', 'dynamic', _EQ),
    ('pr_rows_from_prefix_iota_len', 'inductor_graph', 'static', _EQ),
    ('pr_rows_from_prefix_iota_len', 'inductor_graph', 'dynamic', _EQ),
    ('fc_ids_f32_bf16', 'torchair_like', 'static', _FF),
    ('fc_ids_f32_bf16', 'torchair_like', 'batch', _FF),
    ('fc_ids_f32_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_table_f32_bf16', 'torchair_like', 'static', _FF),
    ('fc_table_f32_bf16', 'torchair_like', 'batch', _FF),
    ('fc_table_f32_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_table_f64_bf16', 'torchair_like', 'static', _FF),
    ('fc_table_f64_bf16', 'torchair_like', 'batch', _FF),
    ('fc_table_f64_bf16', 'torchair_like', 'dynamic', _FF),
    ('fc_table_bf16_direct', 'torchair_like', 'static', _R),
    ('fc_table_bf16_direct', 'torchair_like', 'batch', _R),
    ('fc_table_bf16_direct', 'torchair_like', 'dynamic', _R),
    ('fc_table_f32_bf16_int', 'torchair_like', 'static', _FF),
    ('fc_table_f32_bf16_int', 'torchair_like', 'batch', _FF),
    ('fc_table_f32_bf16_int', 'torchair_like', 'dynamic', _R),
    ('fc_flat_f32_bf16', 'torchair_like', 'static', _R),
    ('fc_flat_f32_bf16', 'torchair_like', 'batch', _R),
    ('fc_flat_f32_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_ids_f32_roundtrip_exact', 'torchair_like', 'static', _EQ),
    ('fc_ids_f32_roundtrip_exact', 'torchair_like', 'batch', _EQ),
    ('fc_ids_f32_roundtrip_exact', 'torchair_like', 'dynamic', _R),
    ('fc_ids_where_f32_bf16', 'torchair_like', 'static', _FF),
    ('fc_ids_where_f32_bf16', 'torchair_like', 'batch', _FF),
    ('fc_ids_where_f32_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_page_f32_bf16', 'torchair_like', 'static', _EQ),
    ('fc_page_f32_bf16', 'torchair_like', 'batch', _EQ),
    ('fc_page_f32_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_table_f32_f16_2113_blocks', 'torchair_like', 'static', _FF),
    ('fc_table_f32_f16_2113_blocks', 'torchair_like', 'batch', _FF),
    ('fc_table_f64_f16_2113_blocks', 'torchair_like', 'static', _FF),
    ('fc_table_f64_f16_2113_blocks', 'torchair_like', 'batch', _FF),
    ('fc_table_f32_bf16_int16_table', 'torchair_like', 'static', _FF),
    ('fc_table_f32_bf16_int16_table', 'torchair_like', 'batch', _FF),
    ('fc_table_f32_bf16_int16_table', 'torchair_like', 'dynamic', _FF),
    ('fc_table_f64_bf16_grow', 'torchair_like', 'static', _FF),
    ('fc_table_f64_bf16_grow', 'torchair_like', 'batch', _FF),
    ('fc_table_f64_bf16_grow', 'torchair_like', 'dynamic', _FF),
    ('fc_pos_f32_bf16_cap512', 'torchair_like', 'static', _R),
    ('fc_pos_f32_bf16_cap512', 'torchair_like', 'batch', _R),
    ('fc_pos_f32_bf16_cap512', 'torchair_like', 'dynamic', _R),
    ('fc_slots_f32_bf16', 'torchair_like', 'static', _R),
    ('fc_slots_f32_bf16', 'torchair_like', 'batch', _R),
    ('fc_slots_f32_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_slots_f64_bf16', 'torchair_like', 'static', _R),
    ('fc_slots_f64_bf16', 'torchair_like', 'batch', _R),
    ('fc_slots_f64_bf16', 'torchair_like', 'dynamic', _R),
    ('fc_slots_f32_bf16_f16cache', 'torchair_like', 'static', _R),
    ('fc_slots_f32_bf16_f16cache', 'torchair_like', 'batch', _R),
    ('cl_clamp_tensor_both', 'torchair_like', 'static', _R),
    ('cl_clamp_tensor_both', 'torchair_like', 'batch', _R),
    ('cl_clamp_tensor_both', 'torchair_like', 'dynamic', _R),
    ('cl_clamp_tensor_lo_only', 'torchair_like', 'static', _EQ),
    ('cl_clamp_tensor_lo_only', 'torchair_like', 'batch', _EQ),
    ('cl_clamp_tensor_lo_only', 'torchair_like', 'dynamic', _EQ),
    ('cl_cap_first', 'torchair_like', 'static', _R),
    ('cl_cap_first', 'torchair_like', 'batch', _R),
    ('cl_cap_first', 'torchair_like', 'dynamic', _R),
    ('cl_cap_from_table', 'torchair_like', 'static', _R),
    ('cl_cap_from_table', 'torchair_like', 'batch', _R),
    ('cl_cap_from_table', 'torchair_like', 'dynamic', _R),
    ('cl_two_ids', 'torchair_like', 'static', _R),
    ('cl_two_ids', 'torchair_like', 'batch', _R),
    ('cl_two_ids', 'torchair_like', 'dynamic', _R),
    ('cl_max_neg_lo_on_table', 'torchair_like', 'static', _R),
    ('cl_max_neg_lo_on_table', 'torchair_like', 'batch', _R),
    ('cl_max_neg_lo_on_table', 'torchair_like', 'dynamic', _R),
    ('cl_clamp_min_table_wide', 'torchair_like', 'static', _R),
    ('cl_clamp_min_table_wide', 'torchair_like', 'batch', _R),
    ('cl_clamp_min_table_wide', 'torchair_like', 'dynamic', _R),
    ('cl_table_clamp_min_0', 'torchair_like', 'static', _EQ),
    ('cl_table_clamp_min_0', 'torchair_like', 'batch', _EQ),
    ('cl_table_clamp_min_0', 'torchair_like', 'dynamic', _EQ),
    ('cl_where_ids_ge_neg', 'torchair_like', 'static', _EQ),
    ('cl_where_ids_ge_neg', 'torchair_like', 'batch', _EQ),
    ('cl_where_ids_ge_neg', 'torchair_like', 'dynamic', _EQ),
    ('cl_sub_wrap_int64', 'torchair_like', 'static', _R),
    ('cl_sub_wrap_int64', 'torchair_like', 'batch', _R),
    ('cl_sub_wrap_int64', 'torchair_like', 'dynamic', _EQ),
    ('cl_mul_neg_alpha', 'torchair_like', 'static', _EQ),
    ('cl_mul_neg_alpha', 'torchair_like', 'batch', _EQ),
    ('cl_mul_neg_alpha', 'torchair_like', 'dynamic', _EQ),
    ('cl_slots_min_varying', 'torchair_like', 'static', _R),
    ('cl_slots_min_varying', 'torchair_like', 'batch', _R),
    ('cl_slots_min_varying', 'torchair_like', 'dynamic', _R),
    ('cl_slots_max_varying', 'torchair_like', 'static', _R),
    ('cl_slots_max_varying', 'torchair_like', 'batch', _R),
    ('cl_slots_max_varying', 'torchair_like', 'dynamic', _R),
    ('cl_slots_clamp_tensor', 'torchair_like', 'static', _R),
    ('cl_slots_clamp_tensor', 'torchair_like', 'batch', _R),
    ('cl_slots_clamp_tensor', 'torchair_like', 'dynamic', _R),
    ('lv_clamp_tensor_pos', 'torchair_like', 'static', _EQ),
    ('lv_clamp_tensor_pos', 'torchair_like', 'batch', _EQ),
    ('lv_clamp_tensor_pos', 'torchair_like', 'dynamic', _R),
    ('lv_clamp_kw_max_tensor', 'torchair_like', 'static', _EQ),
    ('lv_clamp_kw_max_tensor', 'torchair_like', 'batch', _EQ),
    ('lv_clamp_kw_max_tensor', 'torchair_like', 'dynamic', _R),
    ('lv_min_cap_first', 'torchair_like', 'static', _EQ),
    ('lv_min_cap_first', 'torchair_like', 'batch', _EQ),
    ('lv_min_cap_first', 'torchair_like', 'dynamic', _R),
    ('lv_min_len_row_bound_on_pos', 'torchair_like', 'static', _EQ),
    ('lv_min_len_row_bound_on_pos', 'torchair_like', 'batch', _EQ),
    ('lv_min_len_row_bound_on_pos', 'torchair_like', 'dynamic', _R),
    ('lv_min_pos_two_levels', 'torchair_like', 'static', _EQ),
    ('lv_min_pos_two_levels', 'torchair_like', 'batch', _EQ),
    ('lv_min_pos_two_levels', 'torchair_like', 'dynamic', _R),
    ('lv_remainder_of_big', 'torchair_like', 'static', _EQ),
    ('lv_remainder_of_big', 'torchair_like', 'batch', _EQ),
    ('lv_remainder_of_big', 'torchair_like', 'dynamic', _R),
    ('lv_and_mask_big', 'torchair_like', 'static', _EQ),
    ('lv_and_mask_big', 'torchair_like', 'batch', _EQ),
    ('lv_and_mask_big', 'torchair_like', 'dynamic', _R),
    ('lv_trunc_div_neg', 'torchair_like', 'static', _EQ),
    ('lv_trunc_div_neg', 'torchair_like', 'batch', _EQ),
    ('lv_trunc_div_neg', 'torchair_like', 'dynamic', _R),
    ('lv_abs_neg', 'torchair_like', 'static', _EQ),
    ('lv_abs_neg', 'torchair_like', 'batch', _EQ),
    ('lv_abs_neg', 'torchair_like', 'dynamic', _R),
    ('lv_where_pos_small', 'torchair_like', 'static', _EQ),
    ('lv_where_pos_small', 'torchair_like', 'batch', _EQ),
    ('lv_where_pos_small', 'torchair_like', 'dynamic', _R),
    ('lv_int32_mul_wrap', 'torchair_like', 'static', _EQ),
    ('lv_int32_mul_wrap', 'torchair_like', 'batch', _EQ),
    ('lv_int32_mul_wrap', 'torchair_like', 'dynamic', _R),
    ('lv_min_with_lengths_varying', 'torchair_like', 'static', _EQ),
    ('lv_min_with_lengths_varying', 'torchair_like', 'batch', _EQ),
    ('lv_min_with_lengths_varying', 'torchair_like', 'dynamic', _R),
    ('rs_rows_min_11', 'torchair_like', 'static', _EQ),
    ('rs_rows_min_11', 'torchair_like', 'batch', _R),
    ('rs_rows_min_11', 'torchair_like', 'dynamic', _R),
    ('rs_rows_clamp_max_13', 'torchair_like', 'static', _EQ),
    ('rs_rows_clamp_max_13', 'torchair_like', 'batch', _R),
    ('rs_rows_clamp_max_13', 'torchair_like', 'dynamic', _R),
    ('rs_rows_mod_12', 'torchair_like', 'static', _EQ),
    ('rs_rows_mod_12', 'torchair_like', 'batch', _R),
    ('rs_rows_mod_12', 'torchair_like', 'dynamic', _R),
    ('rs_rows_plain', 'torchair_like', 'static', _EQ),
    ('rs_rows_plain', 'torchair_like', 'batch', _EQ),
    ('rs_rows_plain', 'torchair_like', 'dynamic', _EQ),
    ('rs_rows_minus_B_plus_B', 'torchair_like', 'static', _EQ),
    ('rs_rows_minus_B_plus_B', 'torchair_like', 'batch', _R),
    ('rs_rows_minus_B_plus_B', 'torchair_like', 'dynamic', _R),
    ('rs_rows_neg_wrap', 'torchair_like', 'static', _R),
    ('rs_rows_neg_wrap', 'torchair_like', 'batch', _R),
    ('rs_rows_neg_wrap', 'torchair_like', 'dynamic', _R),
    ('rs_rows_sub_12', 'torchair_like', 'static', _R),
    ('rs_rows_sub_12', 'torchair_like', 'batch', _R),
    ('rs_rows_sub_12', 'torchair_like', 'dynamic', _R),
    ('rs_kv_flat_rows', 'torchair_like', 'static', _EQ),
    ('rs_kv_flat_rows', 'torchair_like', 'batch', _EQ),
    ('rs_kv_flat_rows', 'torchair_like', 'dynamic', _EQ),
    ('rs_kv_flat_plus_B_minus_B', 'torchair_like', 'static', _EQ),
    ('rs_kv_flat_plus_B_minus_B', 'torchair_like', 'batch', _EQ),
    ('rs_kv_flat_plus_B_minus_B', 'torchair_like', 'dynamic', _EQ),
    ('rs_kv_written_row_numbers', 'torchair_like', 'static', _EQ),
    ('rs_kv_written_row_numbers', 'torchair_like', 'batch', _EQ),
    ('rs_kv_written_row_numbers', 'torchair_like', 'dynamic', _EQ),
    ('rs_kv_inplace_row_numbers', 'torchair_like', 'static', _EQ),
    ('rs_kv_inplace_row_numbers', 'torchair_like', 'batch', _EQ),
    ('rs_kv_inplace_row_numbers', 'torchair_like', 'dynamic', _EQ),
    ('rs_table_inplace_shift', 'torchair_like', 'static', _R),
    ('rs_table_inplace_shift', 'torchair_like', 'batch', _R),
    ('rs_table_inplace_shift', 'torchair_like', 'dynamic', _R),
    ('rs_table_inplace_col0_from_B', 'torchair_like', 'static', _R),
    ('rs_table_inplace_col0_from_B', 'torchair_like', 'batch', _R),
    ('rs_table_inplace_col0_from_B', 'torchair_like', 'dynamic', _R),
    ('as_base', 'torchair_like', 'static', _EQ),
    ('as_base', 'torchair_like', 'dynamic', _EQ),
    ('as_row_stride_short', 'torchair_like', 'static', _R),
    ('as_row_stride_short', 'torchair_like', 'dynamic', _R),
    ('as_d_stride_8', 'torchair_like', 'static', _R),
    ('as_d_stride_8', 'torchair_like', 'dynamic', _R),
    ('as_contiguous_transposed', 'torchair_like', 'static', _R),
    ('as_contiguous_transposed', 'torchair_like', 'dynamic', _R),
    ('as_heads_swapped_view', 'torchair_like', 'static', _R),
    ('as_heads_swapped_view', 'torchair_like', 'dynamic', _R),
    ('as_i_negative', 'torchair_like', 'static', _EQ),
    ('as_i_negative', 'torchair_like', 'dynamic', _EQ),
    ('as_i_minus_W_plus_1', 'torchair_like', 'static', _R),
    ('as_i_minus_W_plus_1', 'torchair_like', 'dynamic', _R),
    ('as_T_from_other_view', 'torchair_like', 'static', _EQ),
    ('as_T_from_other_view', 'torchair_like', 'dynamic', _EQ),
    ('as_appended_then_windows', 'torchair_like', 'static', _EQ),
    ('as_appended_then_windows', 'torchair_like', 'dynamic', _EQ),
    ('as_big_base', 'torchair_like', 'static', _R),
    ('as_big_base', 'torchair_like', 'dynamic', _R),
    ('as_big_W_plus_1', 'torchair_like', 'static', _R),
    ('as_big_W_plus_1', 'torchair_like', 'dynamic', _R),
    ('as_big_offset_one_token', 'torchair_like', 'static', _R),
    ('as_big_offset_one_token', 'torchair_like', 'dynamic', _R),
    ('as_big_slice_from_1', 'torchair_like', 'static', _R),
    ('as_big_slice_from_1', 'torchair_like', 'dynamic', _R),
    ('as_big_W_const_20', 'torchair_like', 'static', _R),
    ('as_big_W_const_20', 'torchair_like', 'dynamic', _R),
    ('as_big_row_stride_short', 'torchair_like', 'static', _R),
    ('as_big_row_stride_short', 'torchair_like', 'dynamic', _R),
    ('as_base_T_grows', 'torchair_like', 'static', _EQ),
    ('as_base_T_grows', 'torchair_like', 'dynamic', _EQ),
    ('as_W_const_20_T_grows', 'torchair_like', 'static', _EQ),
    ('as_W_const_20_T_grows', 'torchair_like', 'dynamic', _R),
    ('as_base_T_odd', 'torchair_like', 'static', _EQ),
    ('as_base_T_odd', 'torchair_like', 'dynamic', _EQ),
    ('pr_two_prefix_writes', 'torchair_like', 'static', _EQ),
    ('pr_two_prefix_writes', 'torchair_like', 'dynamic', _EQ),
    ('pr_two_prefix_same_index', 'torchair_like', 'static', _EQ),
    ('pr_two_prefix_same_index', 'torchair_like', 'dynamic', _EQ),
    ('pr_prefix_after_whole_write', 'torchair_like', 'static', _EQ),
    ('pr_prefix_after_whole_write', 'torchair_like', 'dynamic', _EQ),
    ('pr_prefix_aliases_tail', 'torchair_like', 'static', _EQ),
    ('pr_prefix_aliases_tail', 'torchair_like', 'dynamic', _EQ),
    ('pr_prefix_written_after_read', 'torchair_like', 'static', _R),
    ('pr_prefix_written_after_read', 'torchair_like', 'dynamic', _R),
    ('pr_prefix_by_lens_b', 'torchair_like', 'static', _EQ),
    ('pr_prefix_by_lens_b', 'torchair_like', 'dynamic', _EQ),
    ('pr_prefix_by_sum', 'torchair_like', 'static', _EQ),
    ('pr_prefix_by_sum', 'torchair_like', 'dynamic', _EQ),
    ('pr_read_from_other_prefix', 'torchair_like', 'static', _R),
    ('pr_read_from_other_prefix', 'torchair_like', 'dynamic', _R),
    ('pr_prefix_clone_read', 'torchair_like', 'static', _R),
    ('pr_prefix_clone_read', 'torchair_like', 'dynamic', _R),
    ('pr_prefix_then_mutation_then_read', 'torchair_like', 'static', _EQ),
    ('pr_prefix_then_mutation_then_read', 'torchair_like', 'dynamic', _EQ),
    ('pr_rows_from_prefix_iota_len', 'torchair_like', 'static', _EQ),
    ('pr_rows_from_prefix_iota_len', 'torchair_like', 'dynamic', _EQ),
]

_LATER = [
    # SECOND: FC2 and cw_ (inductor_graph, torchair_like), gt_
    ('fc_table_f64_i8', 'inductor_graph', 'static', _FF),
    ('fc_table_f64_i8', 'inductor_graph', 'batch', _FF),
    ('fc_table_f64_i8', 'inductor_graph', 'dynamic', _FF),
    ('fc_table_f32_u8', 'inductor_graph', 'static', _FF),
    ('fc_table_f32_u8', 'inductor_graph', 'batch', _FF),
    ('fc_table_f32_u8', 'inductor_graph', 'dynamic', _R),
    ('fc_table_f64_bf16_clamp_blocks', 'inductor_graph', 'static', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'inductor_graph', 'batch', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'inductor_graph', 'dynamic', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'inductor_graph', 'static', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'inductor_graph', 'batch', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'inductor_graph', 'dynamic', _FF),
    ('fc_ids_f64_f32_exact', 'inductor_graph', 'static', _EQ),
    ('fc_ids_f64_f32_exact', 'inductor_graph', 'batch', _EQ),
    ('fc_ids_f64_f32_exact', 'inductor_graph', 'dynamic', _EQ),
    ('cw_mul_clamp_min_mul', 'inductor_graph', 'static', _R),
    ('cw_mul_clamp_min_mul', 'inductor_graph', 'batch', _R),
    ('cw_mul_clamp_min_mul', 'inductor_graph', 'dynamic', _FF),
    ('cw_mul_maximum_mul', 'inductor_graph', 'static', _R),
    ('cw_mul_maximum_mul', 'inductor_graph', 'batch', _R),
    ('cw_mul_maximum_mul', 'inductor_graph', 'dynamic', _FF),
    ('cw_add_maximum_sub', 'inductor_graph', 'static', _R),
    ('cw_add_maximum_sub', 'inductor_graph', 'batch', _R),
    ('cw_add_maximum_sub', 'inductor_graph', 'dynamic', _FF),
    ('cw_add_clamp_min_sub', 'inductor_graph', 'static', _R),
    ('cw_add_clamp_min_sub', 'inductor_graph', 'batch', _R),
    ('cw_add_clamp_min_sub', 'inductor_graph', 'dynamic', _FF),
    ('cw_mul_no_clamp', 'inductor_graph', 'static', _R),
    ('cw_mul_no_clamp', 'inductor_graph', 'batch', _R),
    ('cw_mul_no_clamp', 'inductor_graph', 'dynamic', _EQ),
    ('fc_table_f64_i8', 'torchair_like', 'static', _FF),
    ('fc_table_f64_i8', 'torchair_like', 'batch', _FF),
    ('fc_table_f64_i8', 'torchair_like', 'dynamic', _FF),
    ('fc_table_f32_u8', 'torchair_like', 'static', _FF),
    ('fc_table_f32_u8', 'torchair_like', 'batch', _FF),
    ('fc_table_f32_u8', 'torchair_like', 'dynamic', _R),
    ('fc_table_f64_bf16_clamp_blocks', 'torchair_like', 'static', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'torchair_like', 'batch', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'torchair_like', 'dynamic', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'torchair_like', 'static', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'torchair_like', 'batch', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'torchair_like', 'dynamic', _FF),
    ('fc_ids_f64_f32_exact', 'torchair_like', 'static', _EQ),
    ('fc_ids_f64_f32_exact', 'torchair_like', 'batch', _EQ),
    ('fc_ids_f64_f32_exact', 'torchair_like', 'dynamic', _EQ),
    ('cw_mul_clamp_min_mul', 'torchair_like', 'static', _R),
    ('cw_mul_clamp_min_mul', 'torchair_like', 'batch', _R),
    ('cw_mul_clamp_min_mul', 'torchair_like', 'dynamic', _FF),
    ('cw_mul_maximum_mul', 'torchair_like', 'static', _R),
    ('cw_mul_maximum_mul', 'torchair_like', 'batch', _R),
    ('cw_mul_maximum_mul', 'torchair_like', 'dynamic', _FF),
    ('cw_add_maximum_sub', 'torchair_like', 'static', _R),
    ('cw_add_maximum_sub', 'torchair_like', 'batch', _R),
    ('cw_add_maximum_sub', 'torchair_like', 'dynamic', _FF),
    ('cw_add_clamp_min_sub', 'torchair_like', 'static', _R),
    ('cw_add_clamp_min_sub', 'torchair_like', 'batch', _R),
    ('cw_add_clamp_min_sub', 'torchair_like', 'dynamic', _FF),
    ('cw_mul_no_clamp', 'torchair_like', 'static', _R),
    ('cw_mul_no_clamp', 'torchair_like', 'batch', _R),
    ('cw_mul_no_clamp', 'torchair_like', 'dynamic', _EQ),
    ('gt_f32_f8e4m3', 'inductor_graph', 'static', _R),
    ('gt_int_f8e4m3', 'inductor_graph', 'static', _R),
    ('gt_lut_isnan', 'inductor_graph', 'static', _R),
    ('gt_lut_big', 'inductor_graph', 'static', _R),
    ('gt_w_gate_ids', 'inductor_graph', 'static', _R),
    ('gt_kv_gate_ids', 'inductor_graph', 'static', _R),
    ('gt_w_gate_pos', 'inductor_graph', 'static', _R),
    ('gt_slots_gate_ids', 'inductor_graph', 'static', _R),
    ('gt_cache_gate_ids', 'inductor_graph', 'static', _R),
    ('gt_f32_f8e4m3', 'torchair_like', 'static', _R),
    ('gt_int_f8e4m3', 'torchair_like', 'static', _R),
    ('gt_lut_isnan', 'torchair_like', 'static', _R),
    ('gt_lut_big', 'torchair_like', 'static', _R),
    ('gt_w_gate_ids', 'torchair_like', 'static', _R),
    ('gt_kv_gate_ids', 'torchair_like', 'static', _R),
    ('gt_w_gate_pos', 'torchair_like', 'static', _R),
    ('gt_slots_gate_ids', 'torchair_like', 'static', _R),
    ('gt_cache_gate_ids', 'torchair_like', 'static', _R),
    # real Inductor codegen (--dialect inductor): confirmations
    ('fc_ids_f32_bf16', 'inductor', 'static', _FF),
    ('fc_ids_f32_bf16', 'inductor', 'batch', _FF),
    ('fc_ids_f32_bf16', 'inductor', 'dynamic', _R),
    ('fc_table_f64_bf16', 'inductor', 'static', _FF),
    ('fc_table_f64_bf16', 'inductor', 'batch', _FF),
    ('fc_table_f64_bf16', 'inductor', 'dynamic', _FF),
    ('fc_table_f64_bf16_grow', 'inductor', 'static', _FF),
    ('fc_table_f64_bf16_grow', 'inductor', 'batch', _FF),
    ('fc_table_f64_bf16_grow', 'inductor', 'dynamic', _FF),
    ('fc_table_f32_bf16', 'inductor', 'static', _FF),
    ('fc_table_f32_bf16_int', 'inductor', 'static', _FF),
    ('fc_table_f32_f16_2113_blocks', 'inductor', 'static', _FF),
    ('fc_table_f32_u8', 'inductor', 'static', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'inductor', 'static', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'inductor', 'static', _FF),
    ('fc_table_f32_bf16_int16_table', 'inductor', 'static', _FF),
    ('fc_table_f32_bf16_int16_table', 'inductor', 'dynamic', _FF),
    ('fc_table_f64_i8', 'inductor', 'dynamic', _FF),
    ('fc_ids_where_f32_bf16', 'inductor', 'batch', _FF),
    ('fc_table_f64_f16_2113_blocks', 'inductor', 'batch', _FF),
    ('fc_table_f32_bf16_int16_table', 'inductor', 'batch', _FF),
    ('fc_table_f64_i8', 'inductor', 'batch', _FF),
    ('cw_mul_clamp_min_mul', 'inductor', 'dynamic', _CD),
    ('cw_mul_maximum_mul', 'inductor', 'dynamic', _CD),
    ('cw_add_maximum_sub', 'inductor', 'dynamic', _FF),
    ('cw_add_clamp_min_sub', 'inductor', 'dynamic', _FF),
    ('cw_mul_no_clamp', 'inductor', 'dynamic', _EQ),
    # vllm_post
    ('fc_table_f64_bf16', 'vllm_post', 'static', _FF),
    ('fc_table_f64_bf16', 'vllm_post', 'batch', _FF),
    ('fc_table_f64_bf16', 'vllm_post', 'dynamic', _FF),
    ('fc_table_f64_bf16_grow', 'vllm_post', 'static', _FF),
    ('fc_table_f64_bf16_grow', 'vllm_post', 'batch', _FF),
    ('fc_table_f64_bf16_grow', 'vllm_post', 'dynamic', _FF),
    ('fc_table_f32_bf16_int16_table', 'vllm_post', 'static', _FF),
    ('fc_table_f32_bf16_int16_table', 'vllm_post', 'batch', _FF),
    ('fc_table_f32_bf16_int16_table', 'vllm_post', 'dynamic', _FF),
    ('fc_table_f64_i8', 'vllm_post', 'static', _FF),
    ('fc_table_f64_i8', 'vllm_post', 'batch', _FF),
    ('fc_table_f64_i8', 'vllm_post', 'dynamic', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'vllm_post', 'static', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'vllm_post', 'batch', _FF),
    ('fc_table_f64_bf16_clamp_blocks', 'vllm_post', 'dynamic', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'vllm_post', 'static', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'vllm_post', 'batch', _FF),
    ('fc_table_f64_bf16_clamp_min0', 'vllm_post', 'dynamic', _FF),
    ('cw_add_maximum_sub', 'vllm_post', 'static', _R),
    ('cw_add_maximum_sub', 'vllm_post', 'batch', _R),
    ('cw_add_maximum_sub', 'vllm_post', 'dynamic', _FF),
]


def classify48(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-47)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify48)
