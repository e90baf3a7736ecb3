"""Twelfth adversarial review of the recogniser (issue 18), full round: flat per-request slots whose offset comes
from values valid input does not bound (unread table entries, float scaling, narrowing casts, a size), the fused op's
edges (metadata dtypes, mixed cache dtypes, transposed caches / KV, special weights), FlashInfer ragged page lists
spelled as real servers spell them (starts from a cumsum, take / index_select), several steps on several caches with
reads of the old cache between them, integer overflow where check_int_paths is not "bounded", copies Inductor's
remove_noop_ops drops after the pass, kept rows at other indices, abs / neg of a narrow integer's minimum.

Same format as redteam11: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; runner and classification are redteam7's ``classify7`` (via redteam2's main / table), imported.

    python tests/corpora/redteam12.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam12.py --table OUT.md [--dialect D ...] [name ...]

First try (13:57-14:15 UTC, snapshot of 7f7405d in /tmp/base12, PYTHONPATH=/tmp/base12, run from that tree): 63
attacks in 11 themes, 253 runs (inductor_graph 118, torchair_like 118, Inductor codegen 15 (nsa_fusion_backend,
confirmation), real torchair 2).  inductor_graph 5 FALSE FUSION / 0 CRASH / 55 equal / 57 refused / 1 eager fails;
torchair_like 5 FALSE FUSION / 0 CRASH / 52 equal / 60 refused / 1 eager fails; Inductor codegen 4 FALSE FUSION
(F1, confirmed) / 2 equal / 7 refused / F2: 1 CONTROL DIFFERS (plain Inductor cannot compile |int8|: CppCompileError,
the pass's graph compiles and gives other numbers than eager), 1 CONTROL CRASHES TOO (process abort in Inductor's
bounds check); real torchair 1 CONTROL DIFFERS (F1: the pass's numbers wrong; the control cannot compile on this CPU
stand-in, no GE converter for index_put, as in round 11) / 1 equal.  Attacks were added in batches while running
(themes 1-5 13:57-14:04, their additions 14:05, 6-8 14:06-14:10, first commit f3e2aed 14:12, 9-10 14:13, 11 14:17).  Eager fails:
flat_offset_uint8_wrap (attack bug: a slot past the cache in the second batch; fixed, rerun: refused in both dialects,
check_int_paths sees the uint8 cast of [-241, 15]).  Two classes (/work/briefs/redteam12_findings.md, repro
/work/briefs/redteam12_repro.py):

* F1 FALSE FUSION (every dialect, Inductor codegen confirmed; static): ``sizes.check_flat_slots`` bounds the offset of
  slots ``arange(B) * M + offset`` by ``exactness.Intervals`` over ``check_int_paths``' seeds, which give every
  block-table entry ``[0, num_blocks)``; valid input bounds only the entries a window reads.  ``offset =
  clamp(table[:, 0], max=14)`` is "[0, 14]" but -1 on a row that writes nothing whose column 0 holds -1: slot 15 b - 1,
  the slot row b - 1 writes; eager's duplicate index_put keeps the old row, the fused op writes the new one
  (flat_offset_unread_table_clamp_max / _minimum / _gather_last / _per_request).  batch / dynamic: refused (the
  static cache is not >= B * 15 rows at every B; a symbolic block count leaves the table unbounded).
* F2 FALSE FUSION (inductor_graph, torchair_like; static): ``Intervals.of`` clips every non-add/sub/mul result to its
  dtype's range, but ``abs`` (and ``neg``) of the dtype's minimum wraps: |-128| is -128 in int8.  ``offset =
  |where(s >= 32, int8(x), -128)|.clamp(max=14)`` is "[0, 14]" ([0, 128] clipped to [0, 127], clamped), -128 on rows
  that write nothing: slot 15 b - 128, Python-wrapped onto row b - 1's entry 7 (flat_offset_int8_abs_min_clamped).
  check_int_paths checks casts and add/sub/mul for wraps, not abs / neg.  Inductor codegen: the control does not compile
  (CppCompileError on int8 abs), the fused graph compiles and differs from eager.

Not found (equal or refused): flat offsets scaled by a float (fp32 rounding to 15: refused, the float's interval is
unbounded), wrapped by uint8 / int8 casts (refused by check_int_paths), clamped by B + 6 under a growing batch
(refused at B * M <= rows), masks and slot shifts read from unread table entries (refused: the mask depends on the
lengths only, slot arithmetic); int16 slots / table / lengths, uint8 lengths (batch: fused equal, static: refused on the
uint8 sub's wrap; the wrap of (s - 32) % 16 is harmless), a uint8 condition that always holds (refused), mixed cache /
KV dtypes (refused), transposed caches and KV, NaN / inf / -0.0 weights, all -0.0 windows, P < l, B = 1 then 8, N = D =
1 (equal); FlashInfer ragged lists with starts from cumsum of page counts, packed, -1 padded, read through index /
take / a materialised indptr (equal; take in torchair and index_select refused); four steps (2 layers x K/V) into one
cache with attention reads and copies of the old cache through unfold, view(int16), diagonal between them, layer 1's
KV computed from layer 0's cache, K/V caches unbind(0) of one input, both steps into one half (equal); int32 / int16
overflow in the mask or the positions under static, batch (a symbolic cache: check_int_paths not "bounded", mask.py
and sizes still refuse) and dynamic=True (refused); the paged input or the weight a same-layout clone of a cache view
(Inductor's remove_noop_ops would drop it after the pass: refused earlier by the keep proof, the new rows depend on the
cache); kept rows read at clamp / abs / where / % of slots with -1 padding (refused); a global float scale (refused
static and dynamic=True); a non-contiguous [B, 15, N, D] cache reshaped (a copy) (equal static, refused batch); masks on unread columns (s + 1000 > table[:, 0],
table[:, 0] + s >= 0: refused by mask); the cache every other row of a buffer, the KV every other page at a page's
offset (equal); a float scalar inf / NaN in the offset (clamp(max=inf), where(.., nan)): Intervals.number calls
int(inf) / int(nan) and raises OverflowError / ValueError, caught by fusion_pass._consider ("internal error", refused,
a traceback logged; a defect, not a crash).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import _batches_plain, classify7  # noqa: E402


# --- 1. sizes.check_flat_slots: offsets valid input does not bound --------------------------------------------
M_ROWS = 15   # rows per request; capacity 256, l = 32, d = 16: (s - l) // d in [-2, 14]


def _x(s):
    return torch.div(s - L, STRIDE, rounding_mode="floor")


def _flat(offset_of, per_request_cache=False):
    """Slots arange(B) * 15 + offset(s, table, B); the cache [B * 15, N, D] (or [B, 15, N, D] viewed flat)."""
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        flat = cache.view(-1, cache.shape[-2], cache.shape[-1]) if per_request_cache else cache
        rows = torch.arange(B, device=lens.device) * M_ROWS + offset_of(lens.long(), table, B)
        new = torch.where(completes(lens)[:, None, None], pool(tokens(kv, table, positions(lens)), w)
                          .to(flat.dtype), flat[rows])
        flat[rows] = new
        return cache
    return step


def _flat_inputs(lengths_list, table_fix=None, pages=4, per_request_cache=False):
    def make():
        out = []
        for k, lens in enumerate(lengths_list):
            a = build(B=len(lens), pages=pages, num_slots=len(lens) * M_ROWS, lengths=lens, seed=k, specials=False)
            if table_fix is not None:
                table_fix(a.args[3], a.args[4])
            if per_request_cache:
                c = a.args[5]
                a.args[5] = c.view(len(lens), M_ROWS, *c.shape[1:])
            out.append(a)
        return out
    return make


def _unread_first_pages(table, lens):
    """Rows that write nothing: page id -1 in column 0 (unread by the op: valid); rows that write: a page id >= 14
    (valid), so clamp(table[:, 0], max=14) is 14 there and -1 on the next row (slot 15 b - 1 = row b - 1's)."""
    q = (lens >= L) & ((lens - L) % STRIDE == 0)
    table[~q, 0] = -1
    table[q, 0] = torch.arange(14, 14 + int(q.sum()), dtype=table.dtype)


_UNREAD = [[256, 20, 256, 17, 48, 0, 64, 31], [48, 0, 256, 31, 256, 30, 48, 16]]
# c just below 15/14 in double (14 c < 15), fp32(c) above it: 14 * fp32(c) == 15.0 in fp32
_C = 1.0714285714285712
_FLOAT = [[256, 20, 256, 17, 48, 0, 256, 31], [256, 0, 256, 31, 48, 30, 256, 16]]
_WRAP = [[0, 32, 0, 32, 256, 48, 0, 32], [0, 32, 33, 256, 0, 32, 0, 32]]
ATTACKS = [
    ("flat_offset_unread_table_clamp_max", _mk(_flat(lambda s, t, B: t[:, 0].long().clamp(max=M_ROWS - 1)),
                                               _flat_inputs(_UNREAD, _unread_first_pages), ("static",)),
     "offset min(table[b, 0], 14): the table's seed [0, blocks) holds only on entries a window reads; -1 on a row "
     "that writes nothing names row b - 1's written slot"),
    ("flat_offset_unread_table_clamped", _mk(_flat(lambda s, t, B: t[:, 0].long().clamp(0, M_ROWS - 1)),
                                             _flat_inputs(_UNREAD, _unread_first_pages), ("static",)),
     "control: clamp(table[b, 0], 0, 14) (in range on every value)"),
    ("flat_offset_unread_table_remainder", _mk(_flat(lambda s, t, B: t[:, 0].long() % M_ROWS),
                                               _flat_inputs(_UNREAD, _unread_first_pages), ("static",)),
     "control: table[b, 0] % 15"),
    ("flat_offset_float_scale", _mk(_flat(lambda s, t, B: (_x(s).clamp(min=0).float() * _C).long()),
                                    _flat_inputs(_FLOAT), ("static",)),
     "offset (x * c).long(), c = 15/14 - ulp: the interval in double says < 15, fp32 computes 15 at x = 14"),
    ("flat_offset_float_scale_double", _mk(_flat(lambda s, t, B: (_x(s).clamp(min=0).double() * _C).long()),
                                           _flat_inputs(_FLOAT), ("static",)),
     "control: the same in float64 (14 c < 15 there too)"),
    ("flat_offset_uint8_wrap", _mk(_flat(lambda s, t, B: torch.where(s >= L, _x(s).clamp(min=0), s - 241)
                                         .to(torch.uint8).long()), _flat_inputs(_WRAP), ("static",)),
     "offset uint8(where(s >= 32, x, s - 241)): [-241, 14] clipped to [0, 14], wraps to 15 + s at s < 32"),
    ("flat_offset_int8_wrap", _mk(_flat(lambda s, t, B: torch.where(s >= L, _x(s).clamp(min=0), s + 127)
                                        .to(torch.int8).long().clamp(max=M_ROWS - 1)), _flat_inputs(_WRAP),
                                  ("static",)),
     "offset min(int8(where(s >= 32, x, s + 127)), 14): s + 127 wraps to -128.. at 1 <= s < 32"),
    ("flat_offset_clamp_by_batch", _mk(_flat(lambda s, t, B: _x(s).clamp(min=0).clamp(max=B + 6), True),
                                       _flat_inputs([[272, 20, 32, 256, 17, 48, 0, 31],
                                                     [272, 20, 32, 272, 17, 48, 0, 31, 272, 0]], pages=8,
                                                    per_request_cache=True), ("static", "batch", "dynamic")),
     "offset min(x, B + 6), capacity 512: [0, 14] at B = 8, 15 at B = 10 (row b + 1's entry 0)"),
    ("flat_offset_bool_sum", _mk(_flat(lambda s, t, B: (s >= L).long() * 14 - (s > 200).long() * 0
                                       + (s < 1).long() * 0), _flat_inputs(_WRAP), ("static",)),
     "control: 14 * (s >= 32)"),
]


def _unread_last_pages(table, lens):
    """Column -1 is read only at s > 192: rows that write nothing there hold -1, rows that write 14.. (valid)."""
    q = (lens >= L) & ((lens - L) % STRIDE == 0)
    table[~q, -1] = -1
    table[q, -1] = torch.arange(14, 14 + int(q.sum()), dtype=table.dtype)


ATTACKS += [
    ("flat_offset_unread_table_per_request", _mk(_flat(lambda s, t, B: t[:, 0].long().clamp(max=M_ROWS - 1), True),
                                                 _flat_inputs(_UNREAD, _unread_first_pages, per_request_cache=True),
                                                 ("static", "batch", "dynamic")),
     "F1 with the HF layout: cache [B, 15, N, D] viewed flat (batch: B symbolic)"),
    ("flat_offset_unread_table_minimum", _mk(_flat(lambda s, t, B: torch.minimum(t[:, 0].long(),
                                                                                 torch.full_like(s, M_ROWS - 1))),
                                             _flat_inputs(_UNREAD, _unread_first_pages), ("static",)),
     "F1 spelled minimum(table[:, 0], 14)"),
    ("flat_offset_unread_table_gather_last", _mk(_flat(lambda s, t, B: t.long().gather(1, torch.full_like(
        s, t.shape[1] - 1)[:, None])[:, 0].clamp(max=M_ROWS - 1)), _flat_inputs(_UNREAD, _unread_last_pages),
        ("static",)),
     "F1 through the last column (unread below s = 193): gather(1, [[pages - 1]])"),
]



def _table_condition(kind):
    """The table's seed [0, blocks) used beyond the slots: in the mask, in the slot arithmetic."""
    def step(kv, w, slots, table, lens, cache):
        first = table[:, 0].long()
        valid, s = completes(lens), slots.long()
        if kind == "mask_nonneg":
            valid = valid & (first >= 0)
        elif kind == "mask_below_blocks":
            valid = valid & (first < kv.shape[0])
        elif kind == "slot_minus_negative":
            s = s - (first < 0).long()
        cache[s] = torch.where(valid[:, None, None], pool(tokens(kv, table, positions(lens)), w).to(cache.dtype),
                               cache[s])
        return cache
    return step


def _unread_negative_pages(slot_next=False):
    """Rows whose window does not read page 0 (s > 64 + 32... here s = 256: pages 3) hold page id -1 or blocks in
    column 0 (valid: unread); with ``slot_next`` rows that write nothing and read no page 0... hold -1 and the slot
    one above a written row's."""
    def make():
        out = []
        for k in range(2):
            a = build(B=8, seed=k, lengths=[256, 20, 256, 17, 128, 0, 256, 31], specials=False, num_slots=21)
            table, slots = a.args[3], a.args[2]
            table[[0, 6], 0] = -1
            table[2, 0] = a.args[0].shape[0]
            if slot_next:
                slots[:] = torch.tensor([3, 9, 5, 11, 7, 13, 15, 17], dtype=slots.dtype)
                table[[1, 3], 0] = -1      # rows 1, 3 (s = 20, 17: write nothing; eager reads page -1, wrapped)
                slots[1], slots[3] = 4, 6   # 4 - 1 = 3 (row 0's), 6 - 1 = 5 (row 2's)
            out.append(a)
        return out
    return make


ATTACKS += [
    ("table_mask_nonneg", _mk(_table_condition("mask_nonneg"), _unread_negative_pages(), ("static", "batch")),
     "valid & (table[:, 0] >= 0): page 0 unread at s = 256 (-1 there: eager writes nothing)"),
    ("table_mask_below_blocks", _mk(_table_condition("mask_below_blocks"), _unread_negative_pages(),
                                    ("static", "batch")),
     "valid & (table[:, 0] < blocks): blocks in an unread column 0"),
    ("table_slot_minus_negative", _mk(_table_condition("slot_minus_negative"), _unread_negative_pages(True),
                                      ("static", "batch")),
     "slots - (table[:, 0] < 0): -1 on rows that write nothing names a written row's slot"),
]

# --- 2. the fused op's edges ----------------------------------------------------------------------------------
def _contract(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _edges(**kw):
    return lambda: [build(**kw), build(**{**kw, "seed": 11})]


def _uint8_wrap_step(kv, w, slots, table, lens, cache):
    x = lens - L   # uint8: wraps below 32
    return write(cache, slots, (x >= 0) & (x % STRIDE == 0), pool(tokens(kv, table, positions(lens)), w))


def _retyped(slot_dtype=None, table_dtype=None, len_dtype=None, cache_dtype=None, B=9, pages=4):
    def make():
        out = []
        for k, b in enumerate((B, B + 3)):
            a = build(B=b, seed=k, pages=pages, specials=False)
            if slot_dtype is not None:
                a.args[2] = a.args[2].to(slot_dtype)
            if table_dtype is not None:
                a.args[3] = a.args[3].to(table_dtype)
            if len_dtype is not None:
                a.args[4] = a.args[4].to(len_dtype)
            if cache_dtype is not None:
                a.args[5] = a.args[5].to(cache_dtype)
            out.append(a)
        return out
    return make


def _transposed(which):
    """The cache (or the paged KV) a transposed view of a contiguous tensor."""
    def make():
        out = []
        for k, b in enumerate((8, 10)):
            a = build(B=b, seed=k)
            if which == "cache":
                a.args[5] = a.args[5].transpose(0, 1).contiguous().transpose(0, 1)   # [S, N, D] strides (D, S D, 1)
            else:
                a.args[0] = a.args[0].permute(1, 0, 2, 3).contiguous().permute(1, 0, 2, 3)
            out.append(a)
        return out
    return make


def _special_weights():
    out = []
    for k in range(2):
        a = build(B=9, seed=k)
        w = a.args[1]
        w[0, 0], w[1, 1], w[2, 0], w[3, 1], w[4, 0] = float("nan"), float("inf"), float("-inf"), -0.0, 0.0
        out.append(a)
    return out


def _negzero_windows():
    return [build(B=9, seed=k, specials=False, window=lambda row, s: [-0.0] * L) for k in range(2)]


ATTACKS += [
    ("edge_int16_slots", _mk(_contract, _retyped(slot_dtype=torch.int16), ("static", "batch")),
     "int16 slot mapping (outside the contract's int32/int64; eager indexes with .long())"),
    ("edge_int16_table", _mk(_contract, _retyped(table_dtype=torch.int16), ("static", "batch")),
     "int16 block table"),
    ("edge_uint8_lengths", _mk(_contract, _retyped(len_dtype=torch.uint8, pages=3), ("static", "batch")),
     "uint8 lengths (capacity 192): lens - 32 wraps in uint8 (guarded by lens >= 32)"),
    ("edge_uint8_lengths_wrapping_ge", _mk(_uint8_wrap_step, _retyped(len_dtype=torch.uint8, pages=3),
                                           ("static", "batch")),
     "uint8 lengths, condition (lens - 32 >= 0) & ((lens - 32) % 16 == 0) in uint8: always >= 0 (eager writes at "
     "s = 0, 16: 224, 240 divisible by 16), the op only at s >= 32"),
    ("edge_int16_lengths", _mk(_contract, _retyped(len_dtype=torch.int16), ("static", "batch", "dynamic")),
     "int16 lengths"),
    ("edge_cache_fp32_kv_fp16", _mk(_contract, _retyped(cache_dtype=torch.float32), ("static", "dynamic")),
     "fp32 cache, fp16 KV and weight (new.to(fp32))"),
    ("edge_cache_bf16_kv_fp16", _mk(_contract, _retyped(cache_dtype=torch.bfloat16), ("static",)),
     "bf16 cache, fp16 KV: fp32 sum rounded to bf16 once"),
    ("edge_cache_fp16_kv_fp32", _mk(_contract, lambda: [_fp32_kv_fp16_cache(k) for k in range(2)], ("static",)),
     "fp32 KV and weight, fp16 cache"),
    ("edge_cache_transposed", _mk(_contract, _transposed("cache"), ("static", "batch")),
     "the cache [S, N, D] with strides (D, S D, 1)"),
    ("edge_kv_transposed", _mk(_contract, _transposed("kv"), ("static", "batch")),
     "the paged KV [NB, P, N, D] with strides (N D, NB N D, D, 1)"),
    ("edge_weight_specials", _mk(_contract, _special_weights, ("static",)),
     "weights NaN, +inf, -inf, -0.0, 0.0 (tokens NaN / inf in some windows)"),
    ("edge_negzero_windows", _mk(_contract, _negzero_windows, ("static",)),
     "every window -0.0: the sum is +0.0 (acc = +0.0), eager's sum too"),
    ("edge_window_spans_pages", _mk(_contract, _edges(B=6, P=16, pages=16), ("static", "dynamic")),
     "P = 16 < l = 32: each window spans 2-3 pages"),
    ("edge_b1_then_batch", _mk(_contract, lambda: [build(B=1, lengths=[256]), build(B=8, seed=3)],
                               ("static", "batch", "dynamic")),
     "B = 1 first (dynamo specializes 0/1), then B = 8"),
    ("edge_n1_d1", _mk(_contract, _edges(B=9, N=1, D=1), ("static", "dynamic")), "N = 1, D = 1"),
]


def _fp32_kv_fp16_cache(k):
    a = build(B=9, seed=k, dtype=torch.float32)
    a.args[5] = a.args[5].half()
    return a


# --- 3. FlashInfer ragged page lists spelled as servers spell them --------------------------------------------
def _ragged_real(read):
    """``table`` passed packed (kv_indices: row b's ceil(s / P) pages from kv_indptr[b], then -1 padding); the starts
    are computed from the lengths, kv_indptr = cumsum of page counts (FlashInfer's plan)."""
    def step(kv, w, slots, indices, lens, cache):
        P = kv.shape[1]
        counts = (lens.long() + P - 1) // P
        starts = torch.cumsum(counts, 0) - counts
        pos = positions(lens)
        j = starts[:, None] + pos // P
        if read == "index":
            ids = indices[j]
        elif read == "take":
            ids = torch.take(indices, j)
        elif read == "index_select":
            ids = indices.index_select(0, j.flatten()).view(j.shape)
        elif read == "indptr":   # kv_indptr materialised [B + 1] and sliced, as FlashInfer passes it
            indptr = torch.cat([torch.zeros_like(counts[:1]), torch.cumsum(counts, 0)])
            ids = indices[indptr[:-1, None] + pos // P]
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _ragged_inputs(batches=(8, 10)):
    def make():
        out = []
        for k, b in enumerate(batches):
            a = build(B=b, seed=k, specials=False)
            table, lens, P = a.args[3], a.args[4], a.args[0].shape[1]
            counts = (lens.long() + P - 1) // P
            packed = torch.cat([table[i, :int(counts[i])] for i in range(b)])
            pad = torch.full((table.numel() - packed.numel(),), -1, dtype=table.dtype)
            a.args[3] = torch.cat([packed, pad]).contiguous()
            out.append(a)
        return out
    return make


ATTACKS += [
    ("ragged_cumsum_index", _mk(_ragged_real("index"), _ragged_inputs(), ("static", "batch", "dynamic")),
     "kv_indices[(cumsum(c) - c)[:, None] + j], c = ceil(s / P), packed pages, -1 padding"),
    ("ragged_cumsum_take", _mk(_ragged_real("take"), _ragged_inputs(), ("static", "batch", "dynamic")),
     "the same through torch.take"),
    ("ragged_cumsum_index_select", _mk(_ragged_real("index_select"), _ragged_inputs(), ("static", "batch")),
     "the same through index_select of the flattened indices"),
    ("ragged_indptr_sliced", _mk(_ragged_real("indptr"), _ragged_inputs(), ("static", "batch", "dynamic")),
     "kv_indptr = cat([0], cumsum(c)) materialised, starts kv_indptr[:-1]"),
]


# --- 4. several steps, several caches, reads of the old cache -------------------------------------------------
def _layers(kind):
    """Two layers x (K, V): the KV's head dim split in 4 parts [NB, P, N, 4 x 4] (layer, K/V), the cache's last dim
    the same; four steps, four weights (w, flipped, negated, rolled).  ``kind``: what else the model does."""
    def step(kv, w, slots, table, lens, cache):
        weights = [w, w.flip(0), -w, w.roll(1, 0)]
        pos = positions(lens)
        valid = completes(lens)
        outs = []
        for i in range(4):
            part = kv[..., 4 * i:4 * i + 4]
            c = cache[..., 4 * i:4 * i + 4]
            if kind == "attn_between" and i == 2:   # layer 1 reads layer 0's rows (attention) before writing
                outs.append(cache[slots.long(), :, 0:8].float().sum((1, 2)))
            if kind == "snap_unfold" and i == 1:
                outs.append(cache.unfold(0, 2, 2)[..., 0] * 1)      # a copy of the old cache through unfold
            if kind == "snap_dtype_view" and i == 0:
                outs.append(cache.view(torch.int16)[::2] + 0)       # the old cache's bits, every other row
            if kind == "snap_diagonal" and i == 3:
                outs.append(torch.diagonal(cache, 0, 0, 2).float() + 0)
            if kind == "layer1_from_layer0" and i >= 2:              # layer 1's KV part computed from layer 0's cache
                part = part + cache[0, :, 4 * (i - 2):4 * (i - 2) + 4][None, None]
            write(c, slots, valid, pool(tokens(part, table, pos), weights[i]))
        return (cache, *outs)
    return step


ATTACKS += [
    ("layers_four_steps", _mk(_layers("plain"), _batches_plain, ("static", "batch", "dynamic")),
     "four steps (2 layers x K/V) into four last-dim quarters of one cache"),
    ("layers_attn_between", _mk(_layers("attn_between"), _batches_plain, ("static", "batch")),
     "layer 0's rows read (attention) between layer 0's and layer 1's writes"),
    ("layers_snap_unfold", _mk(_layers("snap_unfold"), _batches_plain, ("static", "batch")),
     "a copy of the old cache through unfold(0, 2, 2) taken after step 0, before step 1"),
    ("layers_snap_dtype_view", _mk(_layers("snap_dtype_view"), _batches_plain, ("static",)),
     "the old cache's bits through view(int16)[::2] + 0 before every step"),
    ("layers_snap_diagonal", _mk(_layers("snap_diagonal"), _batches_plain, ("static",)),
     "the old cache through diagonal(0, 0, 2) before the last step"),
    ("layers_kv_from_cache", _mk(_layers("layer1_from_layer0"), _batches_plain, ("static", "batch")),
     "layer 1's paged input computed from layer 0's cache row 0 (written by layer 0 when a slot is 0)"),
]


def _two_caches_one_kv(kind):
    """K and V caches passed as one [2, S, N, D] input; ``kind`` aliases them."""
    def step(kv, w, slots, table, lens, cache):
        pos, valid = positions(lens), completes(lens)
        k_cache, v_cache = cache.unbind(0)
        if kind == "v_is_k_shifted":           # V writes k_cache's next slots (distinct rows, one tensor)
            v_cache, v_slots = k_cache, slots.long() + lens.shape[0] + 2
        else:
            v_slots = slots.long()
        write(k_cache, slots, valid, pool(tokens(kv, table, pos), w))
        write(v_cache, v_slots, valid, pool(tokens(kv, table, pos), w.flip(0)))
        return cache
    return step


def _kv_pair_inputs(span):
    def make():
        out = []
        for k, b in enumerate((8, 10)):
            a = build(B=b, seed=k, num_slots=span * b + 5, specials=False)
            a.args[2] = torch.randperm(b + 2, generator=torch.Generator().manual_seed(k))[:b].to(a.args[2].dtype)
            a.args[5] = torch.stack([a.args[5], a.args[5].flip(0)])
            out.append(a)
        return out
    return make


ATTACKS += [
    ("kv_pair_unbind", _mk(_two_caches_one_kv("plain"), _kv_pair_inputs(2), ("static", "batch", "dynamic")),
     "K and V caches unbind(0) of one input"),
    ("kv_pair_same_half", _mk(_two_caches_one_kv("v_is_k_shifted"), _kv_pair_inputs(3), ("static", "batch")),
     "both steps into the K half, V at slots + B + 2 (slots < B + 2: distinct)"),
]



# --- 5. a flat view that copies; a float the model reads from a global -------------------------------------------
def _flat_reshape_copy(kv, w, slots, table, lens, cache):
    """The [B, 15, N, D] cache passed with its rows transposed (non-contiguous): reshape(-1, N, D) copies, so eager
    writes a copy and leaves the input as it was."""
    B = lens.shape[0]
    flat = cache.reshape(-1, cache.shape[-2], cache.shape[-1])
    rows = torch.arange(B, device=lens.device) * M_ROWS + _x(lens.long()).clamp(0, M_ROWS - 1)
    flat[rows] = torch.where(completes(lens)[:, None, None], pool(tokens(kv, table, positions(lens)), w)
                             .to(flat.dtype), flat[rows])
    return cache, flat


def _transposed_rows(lengths_list):
    base = _flat_inputs(lengths_list, per_request_cache=True)

    def make():
        out = []
        for a in base():
            c = a.args[5]
            a.args[5] = c.transpose(1, 2).contiguous().transpose(1, 2)   # [B, 15, N, D], heads outermost per request
            out.append(a)
        return out
    return make


SCALE = 0.1


def _global_scale(kv, w, slots, table, lens, cache):
    """pool * SCALE, a module-level float (under dynamic=True dynamo may pass it as a tensor input, unbound)."""
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w) * SCALE)


ATTACKS += [
    ("flat_reshape_copies", _mk(_flat_reshape_copy, _transposed_rows(_UNREAD), ("static", "batch")),
     "HF [B, 15, N, D] cache, non-contiguous: reshape(-1, N, D) is a copy; eager's input cache unchanged"),
    ("global_float_scale", _mk(_global_scale, _batches_plain, ("static", "dynamic")),
     "pool * SCALE (0.1, a global float): rounding after the sum"),
]


# --- 6. integer overflow where check_int_paths is not "bounded" (a symbolic cache / block count) -----------------
def _overflow_mask(shift):
    """valid = ((lens * 2**shift) // 2**shift >= 32) & ((lens - 32) % 16 == 0) in the lengths' own dtype: the product
    wraps at s >= 2**(31 - shift) (int32), so eager drops rows at the capacity; in Python integers it is s >= 32."""
    def step(kv, w, slots, table, lens, cache):
        big = (lens * (1 << shift)) // (1 << shift)
        valid = (big >= L) & ((lens - L) % STRIDE == 0)
        return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
    return step


def _overflow_inputs(dtype=torch.int32):
    """Calls of B = 8, 11, 9 (cache 2B + 5 rows: automatic dynamic makes the cache symbolic on the second call), the
    capacity 256 on rows 0, 2, 4 (they complete)."""
    def make():
        out = []
        for k, b in enumerate((8, 11, 9)):
            a = build(B=b, seed=k, specials=False, length_dtype=dtype)
            a.args[4][[0, 2, 4]] = 256
            out.append(a)
        return out
    return make



def _overflow_positions(shift):
    """positions from (lens * 2**shift) // 2**shift in the lengths' dtype: s - 512 at s = 256 (window clamped to 0)."""
    def step(kv, w, slots, table, lens, cache):
        big = (lens * (1 << shift)) // (1 << shift)
        pos = (big[:, None] - L + torch.arange(L, device=lens.device, dtype=lens.dtype)).long().clamp(min=0)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
    return step

ATTACKS += [
    ("overflow_mask_int32", _mk(_overflow_mask(23), _overflow_inputs(), ("static", "batch", "dynamic")),
     "(s * 2**23) // 2**23 >= 32 in int32: -256 at s = 256 (eager drops the capacity rows)"),
    ("overflow_positions_int32", _mk(_overflow_positions(23), _overflow_inputs(), ("static", "batch", "dynamic")),
     "window positions from (s * 2**23) // 2**23 in int32: window at -256.. (clamped to 0) at s = 256"),
    ("overflow_positions_int16", _mk(_overflow_positions(7), _overflow_inputs(torch.int16),
                                     ("static", "batch", "dynamic")),
     "the same in int16 (s * 128)"),
    ("overflow_mask_int16", _mk(_overflow_mask(7), _overflow_inputs(torch.int16), ("static", "batch", "dynamic")),
     "(s * 128) // 128 >= 32 in int16: -256 at s = 256"),
]


# --- 7. a copy of the cache that Inductor's remove_noop_ops takes for a no-op (after the pass) -------------------
def _pages_from_cache_copy(kind):
    """The step reads a COPY of the cache (``cache.view(8, 64, N, D).clone()``: pages of compressed rows, a second
    level of compression) and writes the cache.  The pass sees the clone (its own storage: check_cache_aliases_no_input
    passes); Inductor's remove_noop_ops, after the pass, drops a same-layout clone of a view."""
    def step(kv, w, slots, table, lens, cache):
        N, D = cache.shape[1], cache.shape[2]
        if kind == "pages":
            pages = cache.view(-1, 64, N, D).clone()
            new = pool(tokens(pages, table, positions(lens)), w)
        else:   # the weight a copy of the cache's first rows
            pages = kv
            new = pool(tokens(kv, table, positions(lens)), cache[:2].reshape(L, N).clone())
        return write(cache, slots, completes(lens), new)
    return step


def _pages_inputs():
    """B = 8, a cache of 8 pages x 64 rows read as the paged input; row 0 (s = 256) writes slot 32 (page 0, token
    32), row 1 (s = 64) reads page 0's tokens 32..63."""
    out = []
    for k, b in enumerate((8, 10)):
        a = build(B=b, seed=k, num_slots=512, block_num=8, distinct_pages=False, specials=False,
                  lengths=[256, 64] + [256, 100, 48, 33, 96, 128, 64, 32][:b - 2])
        g = torch.Generator().manual_seed(k)
        slots = torch.randperm(512, generator=g)[:b]
        slots = torch.where(slots == 32, torch.full_like(slots, 511), slots)
        slots[0] = 32
        a.args[2] = slots.to(a.args[2].dtype)
        a.args[3][1, 0] = 0
        out.append(a)
    return out


def _weight_inputs():
    """Slot 0 and 1 (the rows the weight copies) written by rows 0 and 2."""
    out = []
    for k, b in enumerate((8, 10)):
        a = build(B=b, seed=k, specials=False, lengths=[256, 64, 48, 100] + [256, 33, 96, 128, 64, 32][:b - 4])
        slots = a.args[2]
        slots[slots < 2] = 2 * b + 3 + torch.arange(int((slots < 2).sum()), dtype=slots.dtype)[:1]
        slots[0], slots[2] = 0, 1
        out.append(a)
    return out


ATTACKS += [
    ("noop_clone_pages_of_cache", _mk(_pages_from_cache_copy("pages"), _pages_inputs, ("static", "batch")),
     "paged input cache.view(8, 64, N, D).clone(): a copy in eager, the cache itself after remove_noop_ops"),
    ("noop_clone_weight_of_cache", _mk(_pages_from_cache_copy("weight"), _weight_inputs, ("static", "batch")),
     "weight cache[:2].reshape(32, N).clone(), rows 0 and 1 written by the step"),
]


# --- 8. kept rows read at other rows than the write's (slot -1 padding on rows that write nothing) ----------------
def _kept_at(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        if kind == "clamp":
            k = s.clamp(min=0)
        elif kind == "abs":
            k = s.abs()
        elif kind == "where":
            k = torch.where(s < 0, torch.zeros_like(s), s)
        elif kind == "wrap":      # control: Python's wrap written out
            k = s % cache.shape[0]
        cache[s] = torch.where(completes(lens)[:, None, None], pool(tokens(kv, table, positions(lens)), w)
                               .to(cache.dtype), cache[k])
        return cache
    return step


def _pad_minus_one():
    out = []
    for k, b in enumerate((8, 10)):
        a = build(B=b, seed=k, num_slots=2 * b + 5)
        q = completes(a.args[4])
        a.args[2][~q] = -1
        out.append(a)
    return out


ATTACKS += [
    (f"kept_at_{kind}", _mk(_kept_at(kind), _pad_minus_one, ("static", "batch")),
     f"cache[s] = where(valid, new, cache[{kind}(s)]), s = -1 on rows that write nothing")
    for kind in ("clamp", "abs", "where", "wrap")
]


# --- 9. (after the first commit) the table's seed in a mask that also reads the lengths; strided caches / KV -------
def _table_and_lengths_mask(kind):
    def step(kv, w, slots, table, lens, cache):
        first, s = table[:, 0].long(), lens.long()
        if kind == "lt":
            extra = first < s + 1000            # always true on page ids < 1000: false at 5000 (an unread entry)
        elif kind == "ge":
            extra = first + s >= 0              # false at -1000 (an unread entry)
        return write(cache, slots, completes(lens) & extra, pool(tokens(kv, table, positions(lens)), w))
    return step


def _far_unread_pages(value):
    def make():
        out = []
        for k in range(2):
            a = build(B=8, seed=k, lengths=[256, 20, 256, 17, 128, 0, 256, 31], specials=False)
            a.args[3][[0, 2, 6], 0] = value     # rows at the capacity read page 3 only: column 0 unread (valid)
            out.append(a)
        return out
    return make


def _strided(which):
    def make():
        out = []
        for k, b in enumerate((8, 10)):
            a = build(B=b, seed=k)
            if which == "cache_rows":
                c = a.args[5]
                a.args[5] = torch.stack([c, c * 2], 1).flatten(0, 1)[::2]          # rows at stride 2 S
            elif which == "kv_pages":
                kv = a.args[0]
                a.args[0] = torch.stack([kv * 3, kv], 1).flatten(0, 1)[1::2]        # pages at stride 2, offset 1 page
            out.append(a)
        return out
    return make


ATTACKS += [
    ("table_mask_with_lengths_lt", _mk(_table_and_lengths_mask("lt"), _far_unread_pages(5000), ("static", "batch")),
     "valid & (table[:, 0] < s + 1000): true on every page id the seed admits, false at 5000 in an unread column"),
    ("table_mask_with_lengths_ge", _mk(_table_and_lengths_mask("ge"), _far_unread_pages(-1000), ("static", "batch")),
     "valid & (table[:, 0] + s >= 0): false at -1000 in an unread column"),
    ("edge_cache_rows_strided", _mk(_contract, _strided("cache_rows"), ("static", "batch")),
     "the cache every other row of a [2 S, N, D] buffer"),
    ("edge_kv_pages_strided", _mk(_contract, _strided("kv_pages"), ("static", "batch")),
     "the paged KV every other page of a [2 NB, P, N, D] buffer, storage offset one page"),
]


# --- 10. Intervals: abs / neg of a narrow integer's minimum wrap (|-128| = -128 in int8), clipped to the dtype ------
def _int8_abs_offset(op):
    def offset(s, t, B):
        v = torch.where(s >= L, _x(s).clamp(min=0).to(torch.int8), torch.full_like(s, -128, dtype=torch.int8))
        return (v.abs() if op == "abs" else -v if op == "neg" else v.abs().clamp(max=M_ROWS - 1))
    return offset


# row 1 (s = 0: writes nothing) gets offset -128: slot 15 - 128 = -113, row 7 of a 120-row cache, which row 0 (s = 144,
# x = 7) writes
_ABS = [[144, 0, 256, 17, 48, 0, 256, 31], [144, 0, 32, 144, 20, 0, 64, 31]]
ATTACKS += [
    ("flat_offset_int8_abs_min", _mk(_flat(_int8_abs_offset("abs")), _flat_inputs(_ABS), ("static",)),
     "offset |where(s >= 32, int8(x), -128)|: [0, 128] clipped to [0, 127]; |-128| is -128 in int8"),
    ("flat_offset_int8_abs_min_clamped", _mk(_flat(_int8_abs_offset("abs_clamp")), _flat_inputs(_ABS), ("static",)),
     "the same clamped to max 14: intervals [0, 14], the value -128"),
    ("flat_offset_int8_neg_min", _mk(_flat(_int8_abs_offset("neg")), _flat_inputs(_ABS), ("static",)),
     "offset -where(s >= 32, int8(-x), -128) spelled as neg of where(.., int8(x), -128): -(-128) = -128 (control: "
     "neg's interval already includes negatives)"),
]


# --- 11. Intervals.number on a float scalar that is not finite (int(inf) raises) ----------------------------------
ATTACKS += [
    ("flat_offset_clamp_float_inf", _mk(_flat(lambda s, t, B: _x(s).clamp(min=0).float().clamp(max=float("inf"))
                                              .long()), _flat_inputs(_FLOAT), ("static",)),
     "offset x.float().clamp(max=inf).long(): Intervals.number(inf) calls int(inf)"),
    ("flat_offset_where_float_nan", _mk(_flat(lambda s, t, B: torch.where(s >= L, _x(s).clamp(min=0).float(),
                                                                          float("nan")).nan_to_num(0.0).long()),
                                        _flat_inputs(_FLOAT), ("static",)),
     "offset where(s >= 32, x, nan).nan_to_num(0).long(): a NaN scalar in where"),
]

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_FIRST = [
    ('flat_offset_unread_table_clamp_max', 'inductor_graph', 'static', _FF),
    ('flat_offset_unread_table_clamped', 'inductor_graph', 'static', _EQ),
    ('flat_offset_unread_table_remainder', 'inductor_graph', 'static', _EQ),
    ('flat_offset_float_scale', 'inductor_graph', 'static', _R),
    ('flat_offset_float_scale_double', 'inductor_graph', 'static', _R),
    ('flat_offset_uint8_wrap', 'inductor_graph', 'static', _EF),
    ('flat_offset_int8_wrap', 'inductor_graph', 'static', _R),
    ('flat_offset_clamp_by_batch', 'inductor_graph', 'static', _EQ),
    ('flat_offset_clamp_by_batch', 'inductor_graph', 'batch', _R),
    ('flat_offset_clamp_by_batch', 'inductor_graph', 'dynamic', _R),
    ('flat_offset_bool_sum', 'inductor_graph', 'static', _EQ),
    ('table_mask_nonneg', 'inductor_graph', 'static', _R),
    ('table_mask_nonneg', 'inductor_graph', 'batch', _R),
    ('table_mask_below_blocks', 'inductor_graph', 'static', _R),
    ('table_mask_below_blocks', 'inductor_graph', 'batch', _R),
    ('table_slot_minus_negative', 'inductor_graph', 'static', _R),
    ('table_slot_minus_negative', 'inductor_graph', 'batch', _R),
    ('edge_int16_slots', 'inductor_graph', 'static', _EQ),
    ('edge_int16_slots', 'inductor_graph', 'batch', _EQ),
    ('edge_int16_table', 'inductor_graph', 'static', _EQ),
    ('edge_int16_table', 'inductor_graph', 'batch', _EQ),
    ('edge_uint8_lengths', 'inductor_graph', 'static', _R),
    ('edge_uint8_lengths', 'inductor_graph', 'batch', _EQ),
    ('edge_int16_lengths', 'inductor_graph', 'static', _EQ),
    ('edge_int16_lengths', 'inductor_graph', 'batch', _EQ),
    ('edge_int16_lengths', 'inductor_graph', 'dynamic', _EQ),
    ('edge_cache_fp32_kv_fp16', 'inductor_graph', 'static', _R),
    ('edge_cache_fp32_kv_fp16', 'inductor_graph', 'dynamic', _R),
    ('edge_cache_bf16_kv_fp16', 'inductor_graph', 'static', _R),
    ('edge_cache_fp16_kv_fp32', 'inductor_graph', 'static', _R),
    ('edge_cache_transposed', 'inductor_graph', 'static', _EQ),
    ('edge_cache_transposed', 'inductor_graph', 'batch', _EQ),
    ('edge_kv_transposed', 'inductor_graph', 'static', _EQ),
    ('edge_kv_transposed', 'inductor_graph', 'batch', _EQ),
    ('edge_weight_specials', 'inductor_graph', 'static', _EQ),
    ('edge_negzero_windows', 'inductor_graph', 'static', _EQ),
    ('edge_window_spans_pages', 'inductor_graph', 'static', _EQ),
    ('edge_window_spans_pages', 'inductor_graph', 'dynamic', _EQ),
    ('edge_b1_then_batch', 'inductor_graph', 'static', _EQ),
    ('edge_b1_then_batch', 'inductor_graph', 'batch', _EQ),
    ('edge_b1_then_batch', 'inductor_graph', 'dynamic', _EQ),
    ('edge_n1_d1', 'inductor_graph', 'static', _EQ),
    ('edge_n1_d1', 'inductor_graph', 'dynamic', _EQ),
    ('ragged_cumsum_index', 'inductor_graph', 'static', _EQ),
    ('ragged_cumsum_index', 'inductor_graph', 'batch', _EQ),
    ('ragged_cumsum_index', 'inductor_graph', 'dynamic', _EQ),
    ('ragged_cumsum_take', 'inductor_graph', 'static', _EQ),
    ('ragged_cumsum_take', 'inductor_graph', 'batch', _EQ),
    ('ragged_cumsum_take', 'inductor_graph', 'dynamic', _EQ),
    ('ragged_cumsum_index_select', 'inductor_graph', 'static', _R),
    ('ragged_cumsum_index_select', 'inductor_graph', 'batch', _R),
    ('ragged_indptr_sliced', 'inductor_graph', 'static', _EQ),
    ('ragged_indptr_sliced', 'inductor_graph', 'batch', _EQ),
    ('ragged_indptr_sliced', 'inductor_graph', 'dynamic', _EQ),
    ('layers_four_steps', 'inductor_graph', 'static', _EQ),
    ('layers_four_steps', 'inductor_graph', 'batch', _EQ),
    ('layers_four_steps', 'inductor_graph', 'dynamic', _EQ),
    ('layers_attn_between', 'inductor_graph', 'static', _EQ),
    ('layers_attn_between', 'inductor_graph', 'batch', _EQ),
    ('layers_snap_unfold', 'inductor_graph', 'static', _EQ),
    ('layers_snap_unfold', 'inductor_graph', 'batch', _EQ),
    ('layers_snap_dtype_view', 'inductor_graph', 'static', _EQ),
    ('layers_snap_diagonal', 'inductor_graph', 'static', _EQ),
    ('layers_kv_from_cache', 'inductor_graph', 'static', _EQ),
    ('layers_kv_from_cache', 'inductor_graph', 'batch', _EQ),
    ('kv_pair_unbind', 'inductor_graph', 'static', _EQ),
    ('kv_pair_unbind', 'inductor_graph', 'batch', _EQ),
    ('kv_pair_unbind', 'inductor_graph', 'dynamic', _EQ),
    ('kv_pair_same_half', 'inductor_graph', 'static', _EQ),
    ('kv_pair_same_half', 'inductor_graph', 'batch', _EQ),
    ('flat_offset_unread_table_clamp_max', 'torchair_like', 'static', _FF),
    ('flat_offset_unread_table_clamped', 'torchair_like', 'static', _EQ),
    ('flat_offset_unread_table_remainder', 'torchair_like', 'static', _EQ),
    ('flat_offset_float_scale', 'torchair_like', 'static', _R),
    ('flat_offset_float_scale_double', 'torchair_like', 'static', _R),
    ('flat_offset_uint8_wrap', 'torchair_like', 'static', _EF),
    ('flat_offset_int8_wrap', 'torchair_like', 'static', _R),
    ('flat_offset_clamp_by_batch', 'torchair_like', 'static', _EQ),
    ('flat_offset_clamp_by_batch', 'torchair_like', 'batch', _R),
    ('flat_offset_clamp_by_batch', 'torchair_like', 'dynamic', _R),
    ('flat_offset_bool_sum', 'torchair_like', 'static', _EQ),
    ('table_mask_nonneg', 'torchair_like', 'static', _R),
    ('table_mask_nonneg', 'torchair_like', 'batch', _R),
    ('table_mask_below_blocks', 'torchair_like', 'static', _R),
    ('table_mask_below_blocks', 'torchair_like', 'batch', _R),
    ('table_slot_minus_negative', 'torchair_like', 'static', _R),
    ('table_slot_minus_negative', 'torchair_like', 'batch', _R),
    ('edge_int16_slots', 'torchair_like', 'static', _EQ),
    ('edge_int16_slots', 'torchair_like', 'batch', _EQ),
    ('edge_int16_table', 'torchair_like', 'static', _EQ),
    ('edge_int16_table', 'torchair_like', 'batch', _EQ),
    ('edge_uint8_lengths', 'torchair_like', 'static', _R),
    ('edge_uint8_lengths', 'torchair_like', 'batch', _EQ),
    ('edge_int16_lengths', 'torchair_like', 'static', _EQ),
    ('edge_int16_lengths', 'torchair_like', 'batch', _EQ),
    ('edge_int16_lengths', 'torchair_like', 'dynamic', _EQ),
    ('edge_cache_fp32_kv_fp16', 'torchair_like', 'static', _R),
    ('edge_cache_fp32_kv_fp16', 'torchair_like', 'dynamic', _R),
    ('edge_cache_bf16_kv_fp16', 'torchair_like', 'static', _R),
    ('edge_cache_fp16_kv_fp32', 'torchair_like', 'static', _R),
    ('edge_cache_transposed', 'torchair_like', 'static', _EQ),
    ('edge_cache_transposed', 'torchair_like', 'batch', _EQ),
    ('edge_kv_transposed', 'torchair_like', 'static', _EQ),
    ('edge_kv_transposed', 'torchair_like', 'batch', _EQ),
    ('edge_weight_specials', 'torchair_like', 'static', _EQ),
    ('edge_negzero_windows', 'torchair_like', 'static', _EQ),
    ('edge_window_spans_pages', 'torchair_like', 'static', _EQ),
    ('edge_window_spans_pages', 'torchair_like', 'dynamic', _EQ),
    ('edge_b1_then_batch', 'torchair_like', 'static', _EQ),
    ('edge_b1_then_batch', 'torchair_like', 'batch', _EQ),
    ('edge_b1_then_batch', 'torchair_like', 'dynamic', _EQ),
    ('edge_n1_d1', 'torchair_like', 'static', _EQ),
    ('edge_n1_d1', 'torchair_like', 'dynamic', _EQ),
    ('ragged_cumsum_index', 'torchair_like', 'static', _EQ),
    ('ragged_cumsum_index', 'torchair_like', 'batch', _EQ),
    ('ragged_cumsum_index', 'torchair_like', 'dynamic', _EQ),
    ('ragged_cumsum_take', 'torchair_like', 'static', _R),
    ('ragged_cumsum_take', 'torchair_like', 'batch', _R),
    ('ragged_cumsum_take', 'torchair_like', 'dynamic', _R),
    ('ragged_cumsum_index_select', 'torchair_like', 'static', _R),
    ('ragged_cumsum_index_select', 'torchair_like', 'batch', _R),
    ('ragged_indptr_sliced', 'torchair_like', 'static', _EQ),
    ('ragged_indptr_sliced', 'torchair_like', 'batch', _EQ),
    ('ragged_indptr_sliced', 'torchair_like', 'dynamic', _EQ),
    ('layers_four_steps', 'torchair_like', 'static', _EQ),
    ('layers_four_steps', 'torchair_like', 'batch', _EQ),
    ('layers_four_steps', 'torchair_like', 'dynamic', _EQ),
    ('layers_attn_between', 'torchair_like', 'static', _EQ),
    ('layers_attn_between', 'torchair_like', 'batch', _EQ),
    ('layers_snap_unfold', 'torchair_like', 'static', _EQ),
    ('layers_snap_unfold', 'torchair_like', 'batch', _EQ),
    ('layers_snap_dtype_view', 'torchair_like', 'static', _EQ),
    ('layers_snap_diagonal', 'torchair_like', 'static', _EQ),
    ('layers_kv_from_cache', 'torchair_like', 'static', _EQ),
    ('layers_kv_from_cache', 'torchair_like', 'batch', _EQ),
    ('kv_pair_unbind', 'torchair_like', 'static', _EQ),
    ('kv_pair_unbind', 'torchair_like', 'batch', _EQ),
    ('kv_pair_unbind', 'torchair_like', 'dynamic', _EQ),
    ('kv_pair_same_half', 'torchair_like', 'static', _EQ),
    ('kv_pair_same_half', 'torchair_like', 'batch', _EQ),
    ('flat_offset_unread_table_per_request', 'inductor_graph', 'static', _FF),
    ('flat_offset_unread_table_per_request', 'inductor_graph', 'batch', _R),
    ('flat_offset_unread_table_per_request', 'inductor_graph', 'dynamic', _R),
    ('flat_offset_unread_table_minimum', 'inductor_graph', 'static', _FF),
    ('flat_offset_unread_table_gather_last', 'inductor_graph', 'static', _FF),
    ('edge_uint8_lengths_wrapping_ge', 'inductor_graph', 'static', _R),
    ('edge_uint8_lengths_wrapping_ge', 'inductor_graph', 'batch', _R),
    ('flat_reshape_copies', 'inductor_graph', 'static', _EQ),
    ('flat_reshape_copies', 'inductor_graph', 'batch', _R),
    ('global_float_scale', 'inductor_graph', 'static', _R),
    ('global_float_scale', 'inductor_graph', 'dynamic', _R),
    ('flat_offset_unread_table_per_request', 'torchair_like', 'static', _FF),
    ('flat_offset_unread_table_per_request', 'torchair_like', 'batch', _R),
    ('flat_offset_unread_table_per_request', 'torchair_like', 'dynamic', _R),
    ('flat_offset_unread_table_minimum', 'torchair_like', 'static', _FF),
    ('flat_offset_unread_table_gather_last', 'torchair_like', 'static', _FF),
    ('edge_uint8_lengths_wrapping_ge', 'torchair_like', 'static', _R),
    ('edge_uint8_lengths_wrapping_ge', 'torchair_like', 'batch', _R),
    ('flat_reshape_copies', 'torchair_like', 'static', _EQ),
    ('flat_reshape_copies', 'torchair_like', 'batch', _R),
    ('global_float_scale', 'torchair_like', 'static', _R),
    ('global_float_scale', 'torchair_like', 'dynamic', _R),
    ('overflow_mask_int32', 'inductor_graph', 'static', _R),
    ('overflow_mask_int32', 'inductor_graph', 'batch', _R),
    ('overflow_mask_int32', 'inductor_graph', 'dynamic', _R),
    ('overflow_mask_int16', 'inductor_graph', 'static', _R),
    ('overflow_mask_int16', 'inductor_graph', 'batch', _R),
    ('overflow_mask_int16', 'inductor_graph', 'dynamic', _R),
    ('overflow_mask_int32', 'torchair_like', 'static', _R),
    ('overflow_mask_int32', 'torchair_like', 'batch', _R),
    ('overflow_mask_int32', 'torchair_like', 'dynamic', _R),
    ('overflow_mask_int16', 'torchair_like', 'static', _R),
    ('overflow_mask_int16', 'torchair_like', 'batch', _R),
    ('overflow_mask_int16', 'torchair_like', 'dynamic', _R),
    ('overflow_positions_int32', 'inductor_graph', 'static', _R),
    ('overflow_positions_int32', 'inductor_graph', 'batch', _R),
    ('overflow_positions_int32', 'inductor_graph', 'dynamic', _R),
    ('overflow_positions_int16', 'inductor_graph', 'static', _R),
    ('overflow_positions_int16', 'inductor_graph', 'batch', _R),
    ('overflow_positions_int16', 'inductor_graph', 'dynamic', _R),
    ('overflow_positions_int32', 'torchair_like', 'static', _R),
    ('overflow_positions_int32', 'torchair_like', 'batch', _R),
    ('overflow_positions_int32', 'torchair_like', 'dynamic', _R),
    ('overflow_positions_int16', 'torchair_like', 'static', _R),
    ('overflow_positions_int16', 'torchair_like', 'batch', _R),
    ('overflow_positions_int16', 'torchair_like', 'dynamic', _R),
    ('noop_clone_pages_of_cache', 'inductor', 'static', _R),
    ('noop_clone_pages_of_cache', 'inductor', 'batch', _R),
    ('noop_clone_weight_of_cache', 'inductor', 'static', _R),
    ('noop_clone_weight_of_cache', 'inductor', 'batch', _R),
    ('noop_clone_pages_of_cache', 'inductor_graph', 'static', _R),
    ('noop_clone_pages_of_cache', 'inductor_graph', 'batch', _R),
    ('noop_clone_weight_of_cache', 'inductor_graph', 'static', _R),
    ('noop_clone_weight_of_cache', 'inductor_graph', 'batch', _R),
    ('noop_clone_pages_of_cache', 'torchair_like', 'static', _R),
    ('noop_clone_pages_of_cache', 'torchair_like', 'batch', _R),
    ('noop_clone_weight_of_cache', 'torchair_like', 'static', _R),
    ('noop_clone_weight_of_cache', 'torchair_like', 'batch', _R),
    ('kept_at_clamp', 'inductor_graph', 'static', _R),
    ('kept_at_clamp', 'inductor_graph', 'batch', _R),
    ('kept_at_abs', 'inductor_graph', 'static', _R),
    ('kept_at_abs', 'inductor_graph', 'batch', _R),
    ('kept_at_where', 'inductor_graph', 'static', _R),
    ('kept_at_where', 'inductor_graph', 'batch', _R),
    ('kept_at_wrap', 'inductor_graph', 'static', _R),
    ('kept_at_wrap', 'inductor_graph', 'batch', _R),
    ('kept_at_clamp', 'torchair_like', 'static', _R),
    ('kept_at_clamp', 'torchair_like', 'batch', _R),
    ('kept_at_abs', 'torchair_like', 'static', _R),
    ('kept_at_abs', 'torchair_like', 'batch', _R),
    ('kept_at_where', 'torchair_like', 'static', _R),
    ('kept_at_where', 'torchair_like', 'batch', _R),
    ('kept_at_wrap', 'torchair_like', 'static', _R),
    ('kept_at_wrap', 'torchair_like', 'batch', _R),
    ('flat_offset_unread_table_clamp_max', 'inductor', 'static', _FF),
    ('flat_offset_unread_table_clamped', 'inductor', 'static', _EQ),
    ('flat_offset_unread_table_remainder', 'inductor', 'static', _EQ),
    ('flat_offset_unread_table_per_request', 'inductor', 'static', _FF),
    ('flat_offset_unread_table_per_request', 'inductor', 'batch', _R),
    ('flat_offset_unread_table_per_request', 'inductor', 'dynamic', _R),
    ('flat_offset_unread_table_minimum', 'inductor', 'static', _FF),
    ('flat_offset_unread_table_gather_last', 'inductor', 'static', _FF),
    ('flat_offset_unread_table_clamp_max', 'torchair', 'static', _CD),
    ('flat_offset_unread_table_clamped', 'torchair', 'static', _EQ),
    ('table_mask_with_lengths_lt', 'inductor_graph', 'static', _R),
    ('table_mask_with_lengths_lt', 'inductor_graph', 'batch', _R),
    ('table_mask_with_lengths_ge', 'inductor_graph', 'static', _R),
    ('table_mask_with_lengths_ge', 'inductor_graph', 'batch', _R),
    ('edge_cache_rows_strided', 'inductor_graph', 'static', _EQ),
    ('edge_cache_rows_strided', 'inductor_graph', 'batch', _EQ),
    ('edge_kv_pages_strided', 'inductor_graph', 'static', _EQ),
    ('edge_kv_pages_strided', 'inductor_graph', 'batch', _EQ),
    ('table_mask_with_lengths_lt', 'torchair_like', 'static', _R),
    ('table_mask_with_lengths_lt', 'torchair_like', 'batch', _R),
    ('table_mask_with_lengths_ge', 'torchair_like', 'static', _R),
    ('table_mask_with_lengths_ge', 'torchair_like', 'batch', _R),
    ('edge_cache_rows_strided', 'torchair_like', 'static', _EQ),
    ('edge_cache_rows_strided', 'torchair_like', 'batch', _EQ),
    ('edge_kv_pages_strided', 'torchair_like', 'static', _EQ),
    ('edge_kv_pages_strided', 'torchair_like', 'batch', _EQ),
    ('flat_offset_int8_abs_min', 'inductor_graph', 'static', _R),
    ('flat_offset_int8_abs_min_clamped', 'inductor_graph', 'static', _FF),
    ('flat_offset_int8_neg_min', 'inductor_graph', 'static', _R),
    ('flat_offset_int8_abs_min', 'torchair_like', 'static', _R),
    ('flat_offset_int8_abs_min_clamped', 'torchair_like', 'static', _FF),
    ('flat_offset_int8_neg_min', 'torchair_like', 'static', _R),
    ('flat_offset_int8_abs_min', 'inductor', 'static', _CCT),
    ('flat_offset_int8_abs_min_clamped', 'inductor', 'static', _CD),
    ('flat_offset_int8_neg_min', 'inductor', 'static', _R),
    ('flat_offset_clamp_float_inf', 'inductor_graph', 'static', _R),
    ('flat_offset_where_float_nan', 'inductor_graph', 'static', _R),
    ('flat_offset_clamp_float_inf', 'torchair_like', 'static', _R),
    ('flat_offset_where_float_nan', 'torchair_like', 'static', _R),
]
if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
