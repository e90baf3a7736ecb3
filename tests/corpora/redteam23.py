"""Twenty-third adversarial review of the recogniser (round 23; reviewer focus: the proof under dynamic=True,
especially the new period rule of 4fdea74: exactness.check_periods / _eventual_slopes / _outcomes, the changes in
check_length_thresholds and _check_length_ops, sizes.SizesProof.check_length_thresholds's (d, K, P), the Generalize
reruns and the static-capacity fallback).

Same format as redteam14 / 21: every entry of ``ATTACKS`` is ``(name, factory, notes)``, the factory returns ``(step,
inputs, modes)``; steps take ``(kv, w, slots, table, lens, cache)`` (attacks.build's inputs: l = 32, d = 16, P = 64);
runner and classification redteam7's ``classify7``.  Dynamic attacks compile at capacity 256 (4 pages, B = 8;
redteam19._grow; Generalize reruns at 5 pages, capacity 320) and are then called at a 16- or 32-page table (B = 6,
block pool of 64, lengths past 256; valid: page ids in range for every window read, lengths <= capacity, slots
unique).

    python tests/corpora/redteam23.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam23.py --table OUT.md [--dialect D ...] [name ...]

First try (01:39-02:01 UTC 2026-12-05, frozen snapshot of 806b2f9 in /tmp/base23, PYTHONPATH=/tmp/base23, run from
that tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1): 70 attacks in 7 themes, 189 runs:

    inductor_graph  81 runs: 17 FALSE FUSION (all F2) / 0 CRASH / 15 equal / 49 refused / 0 control differs
    torchair_like   81 runs: 10 FALSE FUSION (all F2) / 0 CRASH / 10 equal / 61 refused / 0 control differs
    inductor        23 runs (Inductor codegen, nsa_fusion_backend; every F2 spelling flagged by the graph dialects,
                    the static / batch controls, three trunc spellings): 14 FALSE FUSION (all confirmed: plain
                    Inductor equal to eager, the pass differs) / 7 equal / 2 refused
    torchair        4 runs (real torchair, sz_new_ones, sz_ones_float, sz_batch_ones_shape batch + dynamic): 4 CONTROL
                    DIFFERS (plain torchair BackendCompilerFailed; with the pass it compiles and differs from eager)
By attack: 15 with a false fusion (one class, F2), 9 equal and never wrong, 46 refused.  (Themes 5-7 and the last
F2 variants were added 01:48-02:01 while the first runs went on; each attack's first run on the frozen tree is the one
counted.)

One class of false fusion on the frozen tree (F2, sizes used as values), and one class found before the freeze on
6b9405c that 77ec30a (in the frozen tree) had already closed (F1, trunc division):

* F2 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen confirmed with its control; dynamic=True AND
  mark_dynamic on the batch): a size used as a VALUE through a shape-only op is neither guarded nor moved past the two
  sizes the proof evaluates.  ``sizes.SizesProof.size_values`` guards the symbols it finds in value arguments (fills
  included) and refuses the batch's; the shape argument of ``ones_like`` / ``new_ones`` / ``ones`` / ``zeros_like`` is
  skipped (``proof._SHAPE_ARGS``, ``optable.SHAPE_ONLY``), ``T.value_inputs(ones_like(x)) == []`` makes
  ``exactness._constant_node(ones_like(table[0]).sum())`` True (slope 0, "a constant"), and ``evaluate.BatchPlan``
  sees no row mixing in ``torch.ones(lens.shape[0]).sum()`` (nor, in Inductor's graph, in ``ones_like(lens).sum()``,
  which Inductor turns into a full).  So W = ``ones_like(table[0]).sum()`` (the table width; also ``new_ones(W)``,
  ``torch.ones(W)``, ``zeros_like(..) + 1``, ``table[0] * 0 + 1`` folded by Inductor), the heads ``ones_like(w[0]).sum()``,
  the head dim ``ones_like(kv[0, 0, 0]).sum()``, the cache rows ``ones_like(cache[:, 0, 0]).sum()`` and the batch
  ``torch.ones(lens.shape[0]).sum()`` enter the step as tensors whose values the proof sees at the compiled size and
  at Generalize's rerun (+ 1) only (the batch also at the pooling probes' cut of 32).  g = ((V - a) (V - b) % 7)
  .clamp(max=1) is 0 at those sizes and 1 elsewhere; the page index (q - g).clamp(min=0) is the contract on every
  probe, the previous page at the sizes the graph is then reused at (16 pages; 4 heads; head dim 32; 17 cache rows;
  B = 6).  The batch spelling is a false fusion under mark_dynamic on the batch too (sz_batch_value_only_batch in
  inductor_graph, sz_batch_ones_shape in both graph dialects: the same KV pool, cache and table width, B 8 -> 6).
  Attacks sz_ones_sum, sz_new_ones, sz_ones_float, sz_zeros_plus_one, sz_table_times_zero, sz_heads_value,
  sz_headdim_value, sz_cache_rows_value, sz_batch_value, sz_batch_value_same_width, sz_batch_value_only_batch,
  sz_batch_ones_shape, sz_new_ones_fp32, sz_new_ones_bf16_int64, sz_new_ones_offset (g on the in-page offset).  Not reached: the condition (mask.py refuses sum), the weight / pooling scale (refused), the
  kept rows' index (the keep proof refuses arithmetic on the slots), a row number cumsum(ones) - 1 (the batch plan
  refuses it); torchair's graph keeps ``ones_like(table[0])`` as a row read of the table, which its batch plan
  refuses (sz_ones_sum, sz_zeros_plus_one refused there; sz_new_ones, sz_ones_float fuse falsely).  Findings
  /work/briefs/redteam23_findings.md; repro /work/briefs/redteam23_repro_f2.py (width dynamic=True, batch
  dynamic=True, batch mark_dynamic; Inductor codegen: control True, fused False each).  A fix: a reduction (or any
  value) computed from a shape-only op with a symbolic shape is a size used as a value: guard its symbols (refuse
  the batch's), i.e. _constant_node / size_values must not treat ones_like(x) / new_ones(n) / ones(n) / full(n, c)
  with a symbolic n as size-free.

* F1 (found 01:16 on a private snapshot of 6b9405c, the HEAD before the freeze; NOT in the frozen tree): 4fdea74's
  ``exactness._eventual_slopes`` (and check_length_thresholds' dividing branch) took ``div(x, m, rounding_mode=
  "trunc")`` (aten.div.Tensor_mode is in _FLOOR_DIVS for every mode) for a floor division, quasi-affine with slope a / m;
  trunc is ceil below 0, so e = trunc(x/2) % 2 - floor((x+1)/2) % 2 with x = p - 400 is 0 on every probe and +-1 past
  400 (no comparison to settle): Inductor codegen FALSE FUSION (control equal) on 6b9405c.  77ec30a (committed
  01:25, before the freeze) refuses trunc under a symbolic capacity: every trunc attack of theme 1 is REFUSED on the
  frozen tree in both graph dialects and in Inductor codegen ("rounds a length-derived quotient towards zero").
  Repro /work/briefs/redteam23_repro_f1.py (NSA_ROOT=/tmp/rt23pre shows it on 6b9405c; on /tmp/base23 both refused).

Themes (first try on the frozen tree; IG inductor_graph, TA torchair_like, IN Inductor codegen):
1. trunc division against the period rule (F1's spellings on positions, pages, offsets, weights, the condition; fp32,
   bf16, int32, int64; 8-page compile, page size 16, d = 32, two layers, 32 pages; a tensor divisor; trunc written with
   where): all refused under dynamic=True (77ec30a), the static / mark_dynamic-batch controls fused and equal.
2. masks with their constant first (bitwise_and(tensor(7), q), tensor(7) & q, 7 & q, negative and 32-page variants,
   in the condition): refused ("divides by a length-derived value": args[1] is the length-derived operand); 7 & q is
   reordered by torch and refused by the period rule (32 > 14); static / batch: equal.
3. sizes used as values through shape-only ops (F2): see above; table.shape[1] as a Python int (guarded: equal), the
   block count (evaluated at the probes' shrunk 10 blocks: refused), the new rows or the weight scaled by (1 - g)
   (refused: pooling / weight), the condition (refused: sum), a cumsum(..)[-1] spelling (refused: a size-modular select).
4. values the probes never draw deciding the page (a token, a cache value, the weight, a slot): all refused.
5. more F2 spellings and reach (heads, head dim, cumsum, zeros + 1, table * 0 + 1, a row number from cumsum: refused).
6. the settled outcomes, casts and Generalize's reach: the trunc kink between the compiled capacity and the rerun's
   (refused), a size value guarded by the page index % table.shape[1] (equal), a select whose comparison settles inside
   the last period (refused, conservative: where(p >= 200, q, q)), positions through int16 (refused), an in-range cast
   of a remainder (equal), trunc in the condition (mask.py: refused by its bound).
7. F2 on the keep path (refused) and the cache rows / batch only (false fusions).

Not found (equal or refused on the frozen tree): the new period rule's argument held for every op its walker admits
that I could drive (trunc closed by 77ec30a; bitwise_and with its constant first refused; 0/1 factors in dividends;
& of booleans as logic); the settled check (comparisons that change within the last period are refused, never
accepted); casts that wrap (the cast rule); selects on values the probes do not draw (pooling / keep / weight / roles
refuse them); Generalize's rerun catches size dependence that differs at W + 1 (sz_kv_blocks, sz_cache_rows with the
wrong roots, gen_kink_in_rerun); the static-capacity fallback is kept only with the capacity guarded (gen_width_value_guarded
equal).  The size-value class (F2) is the one gap: any value computed from a shape-only op escapes both the guards and
the two-size evaluation.  Read, not attacked by a run: 806b2f9's page = 1 where only the page size is symbolic (a
paged step with a static table width needs P as a value, which is guarded, or a shape-only sequence gather, whose flat
index is affine in the length; the step's own divisions still set the period); mask.py's bound (a kink of a quasi-affine
condition lies within (sum of constants) x (product of divisors); trunc / fmod / abs kinks sit at a constant operand;
arithmetic on a trunc result has no interval and is refused as a possible wrap).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam19 import _grow, _tail  # noqa: E402

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
P = 64
S, SB, ALL, D = ("static",), ("static", "batch"), ("static", "batch", "dynamic"), ("dynamic",)

# lengths for a 16-page table (windows past position 512: page 8 and beyond) and a 32-page one; every window read
# stays in the table (positions <= 1023 after the +-1 shifts below)
LENS16 = [608, 1008, 544, 704, 1000, 288]
LENS32 = [1104, 2032, 1504, 600, 1040, 304]


def _grow_from(small_pages, big_pages, lens_big, P_=64, dtype=F16, B0=8, **kw):
    def make():
        return [build(B=B0, pages=small_pages, P=P_, dtype=dtype, **kw),
                build(B=len(lens_big), pages=big_pages, P=P_, distinct_pages=False, block_num=64, lengths=lens_big,
                      specials=False, seed=1, dtype=dtype, **kw)]
    return make


def _tr(x, m):
    return torch.div(x, m, rounding_mode="trunc")


def _fl(x, m):
    return torch.div(x, m, rounding_mode="floor")


def _pos_shift(shift):
    """positions p2 = p + shift(p) (page and offset both from p2)."""
    def step(kv, w, slots, table, lens, cache):
        p = positions(lens)
        return _tail(p + shift(p), kv, w, slots, table, lens, cache)
    return step


def _page_of_pos(pidx_of):
    """page index pidx_of(p), offset p % 64."""
    def step(kv, w, slots, table, lens, cache):
        p = positions(lens)
        return _tail(p, kv, w, slots, table, lens, cache, pidx=pidx_of(p))
    return step


def _page_op(op):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        return _tail(pos, kv, w, slots, table, lens, cache, pidx=op(pos // P))
    return step


ATTACKS = []


def A(name, step, inputs, modes, notes):
    ATTACKS.append((name, _mk(step, inputs, modes), notes))


# --- 1. trunc division read as floor division by the period rule -------------------------------------------------
# x = p - 400 is negative on every probed position (capacity 256, the rerun's 320) and positive past 400.  trunc(x / 2)
# is ceil(x / 2) there, floor beyond; floor((x + 1) / 2) is ceil(x / 2) everywhere.  e = trunc(x/2) % 2 - floor((x+1)/2)
# % 2 is 0 on every probe and +-1 on odd x >= 0.  _eventual_slopes gives trunc the floor division's slope (8 per
# qualifying length here, period 1): nothing to refuse, no comparison to settle.
def _odd(p):
    x = p - 400
    return _tr(x, 2) % 2 - _fl(x + 1, 2) % 2


A("tr_shift_odd", _pos_shift(_odd), _grow(16, LENS16), D,
  "p + (trunc(x/2) % 2 - floor((x+1)/2) % 2), x = p - 400: 0 on every probe, +-1 on odd x >= 0")
A("tr_shift_odd_static", _pos_shift(_odd), _grow(16, LENS16), S, "control: static (every length probed, then "
  "a 16-page table recompiles)")
A("tr_shift_odd_batch", _pos_shift(_odd), _grow(16, LENS16), SB, "control: static / mark_dynamic batch")
A("tr_shift_odd_fp32", _pos_shift(_odd), _grow(16, LENS16, dtype=F32), D, "fp32 data")
A("tr_shift_odd_bf16", _pos_shift(_odd), _grow(16, LENS16, dtype=BF16), D, "bf16 data")
A("tr_shift_odd_int64", _pos_shift(_odd), _grow(16, LENS16, length_dtype=torch.int64, index_dtype=torch.int64), D,
  "int64 lengths and tables")
A("tr_shift_odd_int32", _pos_shift(lambda p: _odd(p.int()).long()), _grow(16, LENS16), D,
  "the shift computed in int32")
def _page_level(p):
    """e = trunc(x / 64) % 2 - floor((x + 63) / 64) % 2, x = p - 400 (slope 1/4 per length, then 1/8: period 8 <= 14): 0
    on every probe (trunc = ceil below 0), +-1 past 400 off multiples of 64; the page q - (e % 2)"""
    x = p - 400
    e = _tr(x, 64) % 2 - _fl(x + 63, 64) % 2
    return p // P - e % 2


A("tr_page_level", _page_of_pos(_page_level), _grow(16, LENS16), D,
  "page q - (e % 2), e = trunc(x/64) % 2 - floor((x+63)/64) % 2, x = p - 400: the previous page past 400")
A("tr_page_back7_neg", _page_of_pos(lambda p: 7 - _tr((p - 511).neg(), 64)), _grow(16, LENS16), D,
  "page 7 - trunc((511 - p) / 64): an add on trunc's result has no interval (refused: may wrap)")
A("tr_page_q_period16", _page_op(lambda q: q + _tr(q - 8, 2) % 2 - _fl(q - 7, 2) % 2),
  _grow(16, [608, 960, 544, 704, 900, 288]), D,
  "on the page index (slope 1/4 per length): period 16 > K = 14 (refused: the period rule sees trunc's slope)")
A("tr_tensor_divisor", _pos_shift(lambda p: torch.div(p - 400, torch.tensor(2), rounding_mode="trunc") % 2
                                   - _fl(p - 399, 2) % 2), _grow(16, LENS16), D,
  "trunc by a 0-dim tensor divisor (slope unknown: refused?)")
A("tr_where_spelled", _pos_shift(lambda p: torch.where(p - 400 < 0, -((400 - p) // 2), (p - 400) // 2) % 2
                                 - _fl(p - 399, 2) % 2), _grow(16, LENS16), D,
  "control: trunc written with where(x < 0, ...): the comparison x < 0 is past the probes (refused)")


def _weight_index_trunc(kv, w, slots, table, lens, cache):
    """the weight row j read as (j + e) % l with e the trunc shift of the window's first position: w[j] on every probe,
    w[j +- 1] past position 400"""
    p = positions(lens)
    tok = kv[table.long().gather(1, p // P), p % P]
    jj = (torch.arange(L) + _odd(p[:, :1])) % L  # [B, l]
    wj = w[jj]  # [B, l, N]
    new = (tok.float() * wj.float()[:, :, :, None]).sum(1)
    return write(cache, slots, completes(lens), new)


A("tr_weight_index", _weight_index_trunc, _grow(16, LENS16), D,
  "weight row (j + e) % l, e = the trunc shift of the window's first position")


def _cond_trunc(kv, w, slots, table, lens, cache):
    """the condition completes(s) & (trunc((s - 400) / 16) ... ): trunc(x/16) * 16 <= x is true for x < 0 only where
    16 divides x, false for x > 0 not a multiple: in the condition mask.py's bound covers 400"""
    s = lens.long()
    x = s - 400
    extra = _tr(x, 16) - _fl(x + 15, 16) == 0
    return write(cache, slots, completes(lens) & extra, pool(tokens(kv, table, positions(lens)), w))


A("tr_cond", _cond_trunc, _grow(16, LENS16), D, "trunc in the condition (mask.py evaluates past 400: refused?)")
A("tr_cap8", _pos_shift(lambda p: _tr(p - 700, 2) % 2 - _fl(p - 699, 2) % 2),
  _grow_from(8, 16, [736, 1008, 704, 768, 1000, 288], B0=7), D,
  "compiled at 8 pages (B = 7, rerun at 9: capacity 576), x = p - 700")
A("tr_p16", lambda kv, w, slots, table, lens, cache: _tail16(kv, w, slots, table, lens, cache),
  _grow_from(4, 16, [144, 240, 160, 176, 224, 48], P_=16), D,
  "page size 16 (4 -> 16 pages), x = p - 100")


def _tail16(kv, w, slots, table, lens, cache):
    p = positions(lens)
    p2 = p + (_tr(p - 100, 2) % 2 - _fl(p - 99, 2) % 2)
    tok = kv[table.long().gather(1, p2 // 16), p2 % 16]
    return write(cache, slots, completes(lens), pool(tok, w))


def _offset_only(kv, w, slots, table, lens, cache):
    p = positions(lens)
    off = (p + _odd(p)) % P
    tok = kv[table.long().gather(1, p // P), off]
    return write(cache, slots, completes(lens), pool(tok, w))


A("tr_offset_only", _offset_only, _grow(16, LENS16), D, "only the in-page offset shifted ((p + e) % 64)")
A("tr_d32", lambda kv, w, slots, table, lens, cache: write(
    cache, slots, completes(lens, d=32), pool(tokens(kv, table, positions(lens) + _odd(positions(lens))), w)),
  _grow(16, [608, 1024 - 32 + 0, 544, 736, 1000, 288]), D, "stride d = l = 32 (T = 2)")


def _two_layers(kv, w, slots, table, lens, cache):
    c2 = cache.clone()
    out1 = _pos_shift(lambda p: p * 0)(kv, w, slots, table, lens, cache)
    out2 = _pos_shift(_odd)(kv.flip(2), w, slots, table, lens, c2)
    return out1, out2


A("tr_two_layers", _two_layers, _grow(16, LENS16), D, "two layers, the second with the trunc shift")


# --- 2. a mask with its constant first: bitwise_and(tensor(7), x) ------------------------------------------------
# check_length_thresholds reads a dividing op's constants from args[1:] (symmetric only for comparisons and
# minimum / maximum); check_periods takes args[0] as the dividend and probed.number(args[1]) as the divisor, so
# and(tensor(7), x) has no constants (skipped: "one positive constant" never checked), dividend slope 0 (a constant),
# "divisor" the low end of x's probed interval (0: m = 1).  No period: q & 7 = q on pages 0..4, q - 8 on 8..15.
def _and_first(c, x):
    return torch.bitwise_and(torch.tensor(c), x)


A("and_first_q7", _page_op(lambda q: _and_first(7, q)), _grow(16, LENS16), D,
  "page bitwise_and(tensor(7), q): q on 0..7, q - 8 on 8..15")
A("and_first_9q", _page_op(lambda q: _and_first(7, q * 9)), _grow(16, LENS16), D,
  "page bitwise_and(tensor(7), 9 q) (round 21's (9 q) & 7, constant first)")
A("and_first_dunder", _page_op(lambda q: torch.tensor(7) & q), _grow(16, LENS16), D, "tensor(7) & q (__and__)")
A("and_first_pyint", _page_op(lambda q: 7 & q), _grow(16, LENS16), D, "7 & q (__rand__: the constant second?)")
A("and_second_q7", _page_op(lambda q: q & 7), _grow(16, LENS16), D, "control: q & 7 (period 32 > 14: refused)")
A("and_first_static", _page_op(lambda q: _and_first(7, q)), _grow(16, LENS16), SB,
  "control: static / batch (every length probed; the 16-page call recompiles)")
A("and_first_int64", _page_op(lambda q: _and_first(7, q)),
  _grow(16, LENS16, length_dtype=torch.int64, index_dtype=torch.int64), D, "int64 lengths and tables")
A("and_first_32", _page_op(lambda q: _and_first(15, q * 17)), _grow(32, LENS32), D,
  "bitwise_and(tensor(15), 17 q) at 32 pages: q - 16 on 16..31")
A("and_first_offset", _pos_shift(lambda p: _and_first(63, p) - p % 64), _grow(16, LENS16), D,
  "control: p + (63 & p) - p % 64 (the identity everywhere: equal)")
A("and_first_cond", lambda kv, w, slots, table, lens, cache: write(
    cache, slots, completes(lens) & (_and_first(1024, lens.long()) == 0), pool(tokens(kv, table, positions(lens)), w)),
  _grow(32, LENS32), D, "condition (tensor(1024) & s) == 0 (mask.py)")
A("and_first_neg_mask", _page_op(lambda q: q - _and_first(-8, q)), _grow(16, LENS16), D,
  "q - (tensor(-8) & q): a negative mask first (q - 8 from page 8)")


# --- 3. sizes used as values through shape-only ops: the table width W as a tensor value ----------------------------
# size_values guards symbols found in value arguments (fills included), not shape arguments; ones(W).sum() is W.
def _width_of(table):
    return torch.ones_like(table[0]).long().sum()


def _g_of(W):
    return (((W - 4) * (W - 5)) % 7).clamp(max=1)  # 0 at W = 4, 5 (the compiled width, the rerun's); 1 at 16


def _sz_ones_sum(kv, w, slots, table, lens, cache):
    p = positions(lens)
    g = _g_of(_width_of(table))
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


def _sz_new_ones(kv, w, slots, table, lens, cache):
    p = positions(lens)
    W = table.new_ones(table.shape[1]).long().sum()
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - _g_of(W)).clamp(min=0))


def _sz_ones_float(kv, w, slots, table, lens, cache):
    p = positions(lens)
    W = torch.ones(table.shape[1]).sum().long()
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - _g_of(W)).clamp(min=0))


def _sz_direct(kv, w, slots, table, lens, cache):
    p = positions(lens)
    W = table.shape[1]
    g = min(((W - 4) * (W - 5)) % 7, 1)
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


def _sz_scale_new(kv, w, slots, table, lens, cache):
    p = positions(lens)
    g = _g_of(_width_of(table))
    new = pool(tokens(kv, table, p), w) * (1 - g).float()
    return write(cache, slots, completes(lens), new)


def _sz_weight_scale(kv, w, slots, table, lens, cache):
    g = _g_of(_width_of(table))
    w2 = w * (1 - g).to(w.dtype)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w2))


def _sz_cond(kv, w, slots, table, lens, cache):
    g = _g_of(_width_of(table))
    return write(cache, slots, completes(lens) & (g == 0), pool(tokens(kv, table, positions(lens)), w))


def _sz_kv_blocks(kv, w, slots, table, lens, cache):
    """the block count (kv.shape[0]) as a value: 64 at both calls here, so the control of the class"""
    p = positions(lens)
    NB = torch.ones_like(kv[:, 0, 0, 0]).long().sum()
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - ((NB - 64) % 7).clamp(max=1)).clamp(min=0))


def _sz_cache_rows(kv, w, slots, table, lens, cache):
    """the number of cache rows as a value (21 at B = 8, 17 at B = 6): g = ((S - 21) * (S - 23)) % 7 clamp 1"""
    p = positions(lens)
    S_ = torch.ones_like(cache[:, 0, 0]).long().sum()
    g = (((S_ - 21) * (S_ - 23)) % 7).clamp(max=1)
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


def _sz_batch_value(kv, w, slots, table, lens, cache):
    """the batch size as a value through ones_like(lens).sum() (8 compiled; 6 at the second call)"""
    p = positions(lens)
    Bv = torch.ones_like(lens).long().sum()
    g = (((Bv - 8) * (Bv - 9) * (Bv - 7)) % 5).clamp(max=1)
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


A("sz_ones_sum", _sz_ones_sum, _grow(16, LENS16), D,
  "W = ones_like(table[0]).sum(); page (q - g(W)).clamp(min=0), g = 0 at W = 4, 5, 1 at 16")
A("sz_new_ones", _sz_new_ones, _grow(16, LENS16), D, "W = table.new_ones(table.shape[1]).sum()")
A("sz_ones_float", _sz_ones_float, _grow(16, LENS16), D, "W = torch.ones(table.shape[1]).sum().long() (fp32 sum)")
A("sz_direct", _sz_direct, _grow(16, LENS16), D, "control: table.shape[1] as a Python int (guarded: recompiles)")
A("sz_scale_new", _sz_scale_new, _grow(16, LENS16), D, "new rows times (1 - g(W)) (0 at 16 pages)")
A("sz_weight_scale", _sz_weight_scale, _grow(16, LENS16), D, "weight times (1 - g(W))")
A("sz_cond", _sz_cond, _grow(16, LENS16), D, "condition & (g(W) == 0)")
A("sz_ones_sum_batch", _sz_ones_sum, _grow(16, LENS16), SB, "control: static / batch")
A("sz_kv_blocks", _sz_kv_blocks, _grow(16, LENS16), D, "control: block count as a value (64 in both calls)")
A("sz_cache_rows", _sz_cache_rows, _grow(16, LENS16), D,
  "the cache's row count as a value (21 compiled, 22 at the rerun's B + 1?, 17 at the second call)")
A("sz_batch_value", _sz_batch_value, _grow(16, LENS16), ALL, "the batch size as a value through ones_like(lens).sum()")


def _same_width(B0=8, B1=6, lens1=(256, 240, 48, 32, 0, 100)):
    """compiled at B = 8, 4 pages; called at B = 6, the same 4 pages (a batch the mark_dynamic graph serves)"""
    return lambda: [build(B=B0), build(B=B1, lengths=list(lens1), seed=3)]


A("sz_batch_value_same_width", _sz_batch_value, _same_width(), ("batch", "dynamic"),
  "the batch size as a value, the second call at B = 6 with the same 4-page table (mark_dynamic batch too)")



# --- 4. values the probes never draw deciding an integer path (a select whose condition no length rule sees) -----------
def _with_kv00(value, **kw):
    """the usual compile inputs; then the same sizes with kv[0, 0, 0, 0] = value (a token nobody's window reads)"""
    def make():
        a, b = build(B=8, **kw), build(B=8, seed=5, **kw)
        b.args[0][0, 0, 0, 0] = value
        return [a, b]
    return make


def _tok_select_page(kv, w, slots, table, lens, cache):
    """page index where(kv[0, 0, 0, 0] == 1000, 0, q): a token (any value of its dtype) picks the page"""
    p = positions(lens)
    flag = kv[0, 0, 0, 0] == 1000.0
    return _tail(p, kv, w, slots, table, lens, cache, pidx=torch.where(flag, 0, p // P))


def _tok_select_offset(kv, w, slots, table, lens, cache):
    p = positions(lens)
    flag = kv[0, 0, 0, 0] == 1000.0
    return _tail(torch.where(flag, p * 0, p), kv, w, slots, table, lens, cache, pidx=p // P)


A("tok_select_page", _tok_select_page, _with_kv00(1000.0), ("static", "dynamic"),
  "page where(kv[0,0,0,0] == 1000, 0, q): block 0's first token 1000 in the second call")
A("tok_select_offset", _tok_select_offset, _with_kv00(1000.0), ("static",),
  "positions where(kv[0,0,0,0] == 1000, 0, p)")


def _with_cache00(value):
    def make():
        a, b = build(B=8), build(B=8, seed=5)
        b.args[5][:, 0, 0] = value  # (every cache row: kept rows may hold any value)
        return [a, b]
    return make


def _cache_select_page(kv, w, slots, table, lens, cache):
    """page index where(cache[0, 0, 0] == 1000, 0, q): a cache value (any value) picks the page"""
    p = positions(lens)
    flag = cache[0, 0, 0] == 1000.0
    return _tail(p, kv, w, slots, table, lens, cache, pidx=torch.where(flag, 0, p // P))


def _w_select_page(kv, w, slots, table, lens, cache):
    p = positions(lens)
    flag = w[0, 0] == 1000.0
    return _tail(p, kv, w, slots, table, lens, cache, pidx=torch.where(flag, 0, p // P))


def _with_w00(value):
    def make():
        a, b = build(B=8), build(B=8, seed=5)
        b.args[1][0, 0] = value
        return [a, b]
    return make


def _slot_select_page(kv, w, slots, table, lens, cache):
    """page index where(slots.max() >= 1000, 0, q) per row: the slots decide (valid slots < num_slots; control)"""
    p = positions(lens)
    flag = (slots.long() == 20)[:, None]
    return _tail(p, kv, w, slots, table, lens, cache, pidx=torch.where(flag, 0, p // P))


A("cache_select_page", _cache_select_page, _with_cache00(1000.0), ("static",),
  "page where(cache[0,0,0] == 1000, 0, q)")
A("w_select_page", _w_select_page, _with_w00(1000.0), ("static",), "page where(w[0,0] == 1000, 0, q)")
A("slot_select_page", _slot_select_page, lambda: [build(B=8), build(B=8, seed=5)], ("static",),
  "page where(slot == 20, 0, q) per row (slot 20 of 21 rows: drawn?)")


# --- 5. more sizes as values through shape-only ops (F2's spellings and reach) ----------------------------------------
def _sz_from(value_of, roots):
    """page (q - g).clamp(min=0), g = ((V - a) (V - b) % 7).clamp(max=1): 0 at V in roots"""
    a, b = roots

    def step(kv, w, slots, table, lens, cache):
        p = positions(lens)
        V = value_of(kv, w, table, lens, cache)
        g = (((V - a) * (V - b)) % 7).clamp(max=1)
        return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))
    return step


def _heads_of(kv, w, table, lens, cache):
    return torch.ones_like(w[0]).long().sum()


def _headdim_of(kv, w, table, lens, cache):
    return torch.ones_like(kv[0, 0, 0]).long().sum()


def _cumsum_width(kv, w, table, lens, cache):
    return torch.ones_like(table[0]).long().cumsum(0)[-1]


def _zeros_plus_one(kv, w, table, lens, cache):
    return (torch.zeros_like(table[0]).long() + 1).sum()


def _table_times_zero(kv, w, table, lens, cache):
    return (table[0].long() * 0 + 1).sum()


def _heads_grow(N1):
    def make():
        return [build(B=8), build(B=6, N=N1, lengths=[256, 240, 48, 32, 0, 100], seed=3)]
    return make


def _headdim_grow(D1):
    def make():
        return [build(B=8), build(B=6, D=D1, lengths=[256, 240, 48, 32, 0, 100], seed=3)]
    return make


A("sz_heads_value", _sz_from(_heads_of, (2, 3)), _heads_grow(4), D,
  "the head count as a value (ones_like(w[0]).sum(): 2 compiled, 3 at the rerun?, 4 at the second call)")
A("sz_headdim_value", _sz_from(_headdim_of, (16, 17)), _headdim_grow(32), D,
  "the head dim as a value (ones_like(kv[0, 0, 0]).sum(): 16, 17, then 32)")
A("sz_cumsum_width", _sz_from(_cumsum_width, (4, 5)), _grow(16, LENS16), D, "W as ones_like(table[0]).cumsum(0)[-1]")
A("sz_zeros_plus_one", _sz_from(_zeros_plus_one, (4, 5)), _grow(16, LENS16), D, "W as (zeros_like(table[0]) + 1).sum()")
A("sz_table_times_zero", _sz_from(_table_times_zero, (4, 5)), _grow(16, LENS16), D,
  "W as (table[0] * 0 + 1).sum() (reads the table's values: refused?)")


def _row_number_page(kv, w, slots, table, lens, cache):
    """the row number without an iota: r = cumsum(ones_like(lens)) - 1; rows from 100 on read the previous page"""
    p = positions(lens)
    r = torch.ones_like(lens).long().cumsum(0) - 1
    g = (r >= 100).long()[:, None]
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


def _big_batch():
    return lambda: [build(B=8), build(B=160, seed=3)]


A("row_number_cumsum", _row_number_page, _big_batch(), ("batch", "dynamic"),
  "row number cumsum(ones_like(lens)) - 1, rows >= 100 read page q - 1; called at B = 160 (same 4 pages)")


# --- 6. the settled outcomes, casts and Generalize's reach (controls around F1) -------------------------------------
A("gen_kink_in_rerun", _pos_shift(lambda p: _tr(p - 300, 2) % 2 - _fl(p - 299, 2) % 2), _grow(16, LENS16), D,
  "control: the trunc kink at 300, between the compiled capacity 256 and the rerun's 320 (the rerun's probes see it)")


def _width_guarded_pidx(kv, w, slots, table, lens, cache):
    p = positions(lens)
    return _tail(p + _odd(p), kv, w, slots, table, lens, cache, pidx=(p + _odd(p)) // P % table.shape[1])


A("gen_width_value_guarded", _width_guarded_pidx, _grow(16, LENS16), D,
  "control: the trunc shift with the page index % table.shape[1] (a size value: guarded, the 16-page call recompiles)")
A("st_identity_select_in_last_period", _page_of_pos(lambda p: torch.where(p >= 200, p // P, p // P)),
  _grow(16, LENS16), D, "where(p >= 200, q, q): its outcome changes within the last period (refused: conservative)")
A("cast_int16_positions", _pos_shift(lambda p: p.to(torch.int16).long() - p), _grow(16, LENS16), D,
  "positions through int16 (wraps past 32767: refused by the cast rule)")
A("cast_int32_offset", _pos_shift(lambda p: (p % 64).int().long() - p % 64), _grow(16, LENS16), D,
  "control: an in-range cast of a remainder (equal)")


def _cond_trunc_kink(kv, w, slots, table, lens, cache):
    """the condition completes(s) & (trunc((s - 1000) / 7) != -200): only s = 1000 - 7 * 200 - ... (never true for
    valid lengths up to 1024 except s in (-400, -393]); a constant true: mask.py's bound covers 1000 (equal or refused)"""
    s = lens.long()
    return write(cache, slots, completes(lens) & (_tr(s - 1000, 7) != -200),
                 pool(tokens(kv, table, positions(lens)), w))


A("mk_cond_trunc_kink", _cond_trunc_kink, _grow(16, LENS16), D, "trunc in the condition with its kink at 1000")
A("tr_shift_odd_32pages", _pos_shift(_odd), _grow(32, LENS32), D,
  "the trunc shift reused at a 32-page table (lengths to 2032)")


# --- 7. F2's reach: the size value in the kept rows' index, the cache rows' count as the value -----------------------
def _keep_shift(mod):
    """kept rows cache[s'] with s' = (s + g(W)) % 21 (mod) or (s - g(W)).clamp(min=0): the row itself at the
    compiled and the rerun widths, the next (previous) row at 16 pages; rows that write nothing then change in eager"""
    def step(kv, w, slots, table, lens, cache):
        g = _g_of(_width_of(table))
        s = slots.long()
        s2 = (s + g) % 21 if mod else (s - g).clamp(min=0)
        new = pool(tokens(kv, table, positions(lens)), w)
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s2])
        return cache
    return step


def _grow21(big_pages, lens_big):
    """_grow with 21 cache rows in both calls (the compiled B = 8 has 21)"""
    def make():
        return [build(B=8, num_slots=21), build(B=len(lens_big), pages=big_pages, distinct_pages=False, block_num=64,
                                                lengths=lens_big, specials=False, seed=1, num_slots=21)]
    return make


A("sz_keep_shift_mod", _keep_shift(True), _grow21(16, LENS16), D,
  "kept rows cache[(s + g(W)) % 21]: a size value on the keep path")
A("sz_keep_shift_clamp", _keep_shift(False), _grow21(16, LENS16), D, "kept rows cache[(s - g(W)).clamp(min=0)]")
A("sz_cache_rows_value", _sz_from(lambda kv, w, table, lens, cache: torch.ones_like(cache[:, 0, 0]).long().sum(),
                                  (21, 22)), _grow(16, LENS16), D,
  "the cache's row count as a value (21 compiled, 22 at the rerun, 17 at the second call)")


def _same_sizes_b6():
    """compiled at B = 8 (35 blocks, 21 cache rows); called at B = 6 with the same KV pool, cache and 4-page table width:
    only the batch (marked dynamic) changes"""
    return lambda: [build(B=8), build(B=6, lengths=[256, 240, 48, 32, 0, 100], seed=3, block_num=35, num_slots=21)]


A("sz_batch_value_only_batch", _sz_batch_value, _same_sizes_b6(), ("batch", "dynamic"),
  "the batch size as a value (ones_like(lens).sum()), the second call differing in the batch only (B 8 -> 6)")


def _sz_batch_ones_shape(kv, w, slots, table, lens, cache):
    """the batch size as a value through torch.ones(lens.shape[0]).sum() (no read of lens' rows: torchair's graph keeps
    ones_like(lens) as a row read that the batch plan refuses)"""
    p = positions(lens)
    Bv = torch.ones(lens.shape[0], dtype=torch.long).sum()
    g = (((Bv - 8) * (Bv - 9) * (Bv - 7)) % 5).clamp(max=1)
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


A("sz_batch_ones_shape", _sz_batch_ones_shape, _same_sizes_b6(), ("batch", "dynamic"),
  "the batch size as torch.ones(lens.shape[0]).sum(), the second call differing in the batch only")
A("sz_width_ones_shape_batch", _sz_from(lambda kv, w, table, lens, cache: torch.ones(table.shape[1], dtype=torch.long)
                                        .sum(), (4, 5)), _grow(16, LENS16), ("batch",),
  "control: W as torch.ones(table.shape[1]).sum() under mark_dynamic batch (W static: recompiles)")


def _row_number_ones_shape(kv, w, slots, table, lens, cache):
    """the row number as torch.ones(lens.shape[0]).cumsum(0) - 1 (no read of lens); rows >= 100 read page q - 1"""
    p = positions(lens)
    r = torch.ones(lens.shape[0], dtype=torch.long).cumsum(0) - 1
    g = (r >= 100).long()[:, None]
    return _tail(p, kv, w, slots, table, lens, cache, pidx=(p // P - g).clamp(min=0))


A("row_number_ones_shape", _row_number_ones_shape, _big_batch(), ("batch", "dynamic"),
  "row number torch.ones(B).cumsum(0) - 1, rows >= 100 read page q - 1; called at B = 160")
A("sz_new_ones_fp32", _sz_new_ones, _grow(16, LENS16, dtype=F32), D, "F2 (new_ones width), fp32 data")
A("sz_new_ones_bf16_int64", _sz_new_ones, _grow(16, LENS16, dtype=BF16, length_dtype=torch.int64,
                                                index_dtype=torch.int64), D, "F2 (new_ones width), bf16 data, int64")
A("sz_new_ones_offset", lambda kv, w, slots, table, lens, cache: _tail(
    positions(lens) + _g_of(table.new_ones(table.shape[1]).long().sum()), kv, w, slots, table, lens, cache,
    pidx=positions(lens) // P), _grow(16, LENS16), D, "F2 on the in-page offset (p + g) % 64 (the page kept)")


# First-try results on the frozen snapshot of 806b2f9 (/tmp/base23): (attack, dialect, mode, result).
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _RCD, _CCT, _EF = "CONTROL DIFFERS", "REFUSED (control differs)", "CONTROL CRASHES TOO", "EAGER FAILS"
_FIRST = [
    ('tr_shift_odd', 'inductor_graph', 'dynamic', _R),
    ('tr_shift_odd_static', 'inductor_graph', 'static', _EQ),
    ('tr_shift_odd_batch', 'inductor_graph', 'static', _EQ),
    ('tr_shift_odd_batch', 'inductor_graph', 'batch', _EQ),
    ('tr_shift_odd_fp32', 'inductor_graph', 'dynamic', _R),
    ('tr_shift_odd_bf16', 'inductor_graph', 'dynamic', _R),
    ('tr_shift_odd_int64', 'inductor_graph', 'dynamic', _R),
    ('tr_shift_odd_int32', 'inductor_graph', 'dynamic', _R),
    ('tr_page_level', 'inductor_graph', 'dynamic', _R),
    ('tr_page_back7_neg', 'inductor_graph', 'dynamic', _R),
    ('tr_page_q_period16', 'inductor_graph', 'dynamic', _R),
    ('tr_tensor_divisor', 'inductor_graph', 'dynamic', _R),
    ('tr_where_spelled', 'inductor_graph', 'dynamic', _R),
    ('tr_weight_index', 'inductor_graph', 'dynamic', _R),
    ('tr_cond', 'inductor_graph', 'dynamic', _R),
    ('tr_cap8', 'inductor_graph', 'dynamic', _R),
    ('tr_p16', 'inductor_graph', 'dynamic', _R),
    ('tr_offset_only', 'inductor_graph', 'dynamic', _R),
    ('tr_d32', 'inductor_graph', 'dynamic', _R),
    ('tr_two_layers', 'inductor_graph', 'dynamic', _EQ),
    ('and_first_q7', 'inductor_graph', 'dynamic', _R),
    ('and_first_9q', 'inductor_graph', 'dynamic', _R),
    ('and_first_dunder', 'inductor_graph', 'dynamic', _R),
    ('and_first_pyint', 'inductor_graph', 'dynamic', _R),
    ('and_second_q7', 'inductor_graph', 'dynamic', _R),
    ('and_first_static', 'inductor_graph', 'static', _EQ),
    ('and_first_static', 'inductor_graph', 'batch', _EQ),
    ('and_first_int64', 'inductor_graph', 'dynamic', _R),
    ('and_first_32', 'inductor_graph', 'dynamic', _R),
    ('and_first_offset', 'inductor_graph', 'dynamic', _R),
    ('and_first_cond', 'inductor_graph', 'dynamic', _R),
    ('and_first_neg_mask', 'inductor_graph', 'dynamic', _R),
    ('sz_ones_sum', 'inductor_graph', 'dynamic', _FF),
    ('sz_new_ones', 'inductor_graph', 'dynamic', _FF),
    ('sz_ones_float', 'inductor_graph', 'dynamic', _FF),
    ('sz_direct', 'inductor_graph', 'dynamic', _EQ),
    ('sz_scale_new', 'inductor_graph', 'dynamic', _R),
    ('sz_weight_scale', 'inductor_graph', 'dynamic', _R),
    ('sz_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_ones_sum_batch', 'inductor_graph', 'static', _EQ),
    ('sz_ones_sum_batch', 'inductor_graph', 'batch', _EQ),
    ('sz_kv_blocks', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_value', 'inductor_graph', 'static', _EQ),
    ('sz_batch_value', 'inductor_graph', 'batch', _EQ),
    ('sz_batch_value', 'inductor_graph', 'dynamic', _FF),
    ('sz_batch_value_same_width', 'inductor_graph', 'batch', _EQ),
    ('sz_batch_value_same_width', 'inductor_graph', 'dynamic', _FF),
    ('tok_select_page', 'inductor_graph', 'static', _R),
    ('tok_select_page', 'inductor_graph', 'dynamic', _R),
    ('tok_select_offset', 'inductor_graph', 'static', _R),
    ('cache_select_page', 'inductor_graph', 'static', _R),
    ('w_select_page', 'inductor_graph', 'static', _R),
    ('slot_select_page', 'inductor_graph', 'static', _R),
    ('sz_heads_value', 'inductor_graph', 'dynamic', _FF),
    ('sz_headdim_value', 'inductor_graph', 'dynamic', _FF),
    ('sz_cumsum_width', 'inductor_graph', 'dynamic', _R),
    ('sz_zeros_plus_one', 'inductor_graph', 'dynamic', _FF),
    ('sz_table_times_zero', 'inductor_graph', 'dynamic', _FF),
    ('row_number_cumsum', 'inductor_graph', 'batch', _R),
    ('row_number_cumsum', 'inductor_graph', 'dynamic', _R),
    ('gen_kink_in_rerun', 'inductor_graph', 'dynamic', _R),
    ('gen_width_value_guarded', 'inductor_graph', 'dynamic', _EQ),
    ('st_identity_select_in_last_period', 'inductor_graph', 'dynamic', _R),
    ('cast_int16_positions', 'inductor_graph', 'dynamic', _R),
    ('cast_int32_offset', 'inductor_graph', 'dynamic', _EQ),
    ('mk_cond_trunc_kink', 'inductor_graph', 'dynamic', _R),
    ('tr_shift_odd_32pages', 'inductor_graph', 'dynamic', _R),
    ('sz_keep_shift_mod', 'inductor_graph', 'dynamic', _R),
    ('sz_keep_shift_clamp', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_value', 'inductor_graph', 'dynamic', _FF),
    ('sz_batch_value_only_batch', 'inductor_graph', 'batch', _FF),
    ('sz_batch_value_only_batch', 'inductor_graph', 'dynamic', _FF),
    ('sz_batch_ones_shape', 'inductor_graph', 'batch', _FF),
    ('sz_batch_ones_shape', 'inductor_graph', 'dynamic', _FF),
    ('sz_width_ones_shape_batch', 'inductor_graph', 'batch', _EQ),
    ('row_number_ones_shape', 'inductor_graph', 'batch', _R),
    ('row_number_ones_shape', 'inductor_graph', 'dynamic', _R),
    ('sz_new_ones_fp32', 'inductor_graph', 'dynamic', _FF),
    ('sz_new_ones_bf16_int64', 'inductor_graph', 'dynamic', _FF),
    ('sz_new_ones_offset', 'inductor_graph', 'dynamic', _FF),
    ('sz_keep_shift_mod', 'torchair_like', 'dynamic', _R),
    ('sz_keep_shift_clamp', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows_value', 'torchair_like', 'dynamic', _FF),
    ('sz_batch_value_only_batch', 'torchair_like', 'batch', _R),
    ('sz_batch_value_only_batch', 'torchair_like', 'dynamic', _R),
    ('sz_batch_ones_shape', 'torchair_like', 'batch', _FF),
    ('sz_batch_ones_shape', 'torchair_like', 'dynamic', _FF),
    ('sz_width_ones_shape_batch', 'torchair_like', 'batch', _EQ),
    ('row_number_ones_shape', 'torchair_like', 'batch', _R),
    ('row_number_ones_shape', 'torchair_like', 'dynamic', _R),
    ('tr_shift_odd', 'torchair_like', 'dynamic', _R),
    ('tr_shift_odd_static', 'torchair_like', 'static', _EQ),
    ('tr_shift_odd_batch', 'torchair_like', 'static', _EQ),
    ('tr_shift_odd_batch', 'torchair_like', 'batch', _EQ),
    ('tr_shift_odd_fp32', 'torchair_like', 'dynamic', _R),
    ('tr_shift_odd_bf16', 'torchair_like', 'dynamic', _R),
    ('tr_shift_odd_int64', 'torchair_like', 'dynamic', _R),
    ('tr_shift_odd_int32', 'torchair_like', 'dynamic', _R),
    ('tr_page_level', 'torchair_like', 'dynamic', _R),
    ('tr_page_back7_neg', 'torchair_like', 'dynamic', _R),
    ('tr_page_q_period16', 'torchair_like', 'dynamic', _R),
    ('tr_tensor_divisor', 'torchair_like', 'dynamic', _R),
    ('tr_where_spelled', 'torchair_like', 'dynamic', _R),
    ('tr_weight_index', 'torchair_like', 'dynamic', _R),
    ('tr_cond', 'torchair_like', 'dynamic', _R),
    ('tr_cap8', 'torchair_like', 'dynamic', _R),
    ('tr_p16', 'torchair_like', 'dynamic', _R),
    ('tr_offset_only', 'torchair_like', 'dynamic', _R),
    ('tr_d32', 'torchair_like', 'dynamic', _R),
    ('tr_two_layers', 'torchair_like', 'dynamic', _EQ),
    ('and_first_q7', 'torchair_like', 'dynamic', _R),
    ('and_first_9q', 'torchair_like', 'dynamic', _R),
    ('and_first_dunder', 'torchair_like', 'dynamic', _R),
    ('and_first_pyint', 'torchair_like', 'dynamic', _R),
    ('and_second_q7', 'torchair_like', 'dynamic', _R),
    ('and_first_static', 'torchair_like', 'static', _EQ),
    ('and_first_static', 'torchair_like', 'batch', _EQ),
    ('and_first_int64', 'torchair_like', 'dynamic', _R),
    ('and_first_32', 'torchair_like', 'dynamic', _R),
    ('and_first_offset', 'torchair_like', 'dynamic', _R),
    ('and_first_cond', 'torchair_like', 'dynamic', _R),
    ('and_first_neg_mask', 'torchair_like', 'dynamic', _R),
    ('sz_ones_sum', 'torchair_like', 'dynamic', _R),
    ('sz_new_ones', 'torchair_like', 'dynamic', _FF),
    ('sz_ones_float', 'torchair_like', 'dynamic', _FF),
    ('sz_direct', 'torchair_like', 'dynamic', _EQ),
    ('sz_scale_new', 'torchair_like', 'dynamic', _R),
    ('sz_weight_scale', 'torchair_like', 'dynamic', _R),
    ('sz_cond', 'torchair_like', 'dynamic', _R),
    ('sz_ones_sum_batch', 'torchair_like', 'static', _R),
    ('sz_ones_sum_batch', 'torchair_like', 'batch', _R),
    ('sz_kv_blocks', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows', 'torchair_like', 'dynamic', _R),
    ('sz_batch_value', 'torchair_like', 'static', _R),
    ('sz_batch_value', 'torchair_like', 'batch', _R),
    ('sz_batch_value', 'torchair_like', 'dynamic', _R),
    ('sz_batch_value_same_width', 'torchair_like', 'batch', _R),
    ('sz_batch_value_same_width', 'torchair_like', 'dynamic', _R),
    ('tok_select_page', 'torchair_like', 'static', _R),
    ('tok_select_page', 'torchair_like', 'dynamic', _R),
    ('tok_select_offset', 'torchair_like', 'static', _R),
    ('cache_select_page', 'torchair_like', 'static', _R),
    ('w_select_page', 'torchair_like', 'static', _R),
    ('slot_select_page', 'torchair_like', 'static', _R),
    ('sz_heads_value', 'torchair_like', 'dynamic', _FF),
    ('sz_headdim_value', 'torchair_like', 'dynamic', _FF),
    ('sz_cumsum_width', 'torchair_like', 'dynamic', _R),
    ('sz_zeros_plus_one', 'torchair_like', 'dynamic', _R),
    ('sz_table_times_zero', 'torchair_like', 'dynamic', _R),
    ('row_number_cumsum', 'torchair_like', 'batch', _R),
    ('row_number_cumsum', 'torchair_like', 'dynamic', _R),
    ('gen_kink_in_rerun', 'torchair_like', 'dynamic', _R),
    ('gen_width_value_guarded', 'torchair_like', 'dynamic', _EQ),
    ('st_identity_select_in_last_period', 'torchair_like', 'dynamic', _R),
    ('cast_int16_positions', 'torchair_like', 'dynamic', _R),
    ('cast_int32_offset', 'torchair_like', 'dynamic', _EQ),
    ('mk_cond_trunc_kink', 'torchair_like', 'dynamic', _R),
    ('tr_shift_odd_32pages', 'torchair_like', 'dynamic', _R),
    ('sz_new_ones_fp32', 'torchair_like', 'dynamic', _FF),
    ('sz_new_ones_bf16_int64', 'torchair_like', 'dynamic', _FF),
    ('sz_new_ones_offset', 'torchair_like', 'dynamic', _FF),
    ('tr_shift_odd_static', 'inductor', 'static', _EQ),
    ('tr_shift_odd_int64', 'inductor', 'dynamic', _R),
    ('tr_page_level', 'inductor', 'dynamic', _R),
    ('sz_ones_sum', 'inductor', 'dynamic', _FF),
    ('sz_new_ones', 'inductor', 'dynamic', _FF),
    ('sz_ones_float', 'inductor', 'dynamic', _FF),
    ('sz_direct', 'inductor', 'dynamic', _EQ),
    ('sz_ones_sum_batch', 'inductor', 'static', _EQ),
    ('sz_ones_sum_batch', 'inductor', 'batch', _EQ),
    ('sz_batch_value', 'inductor', 'static', _EQ),
    ('sz_batch_value', 'inductor', 'batch', _EQ),
    ('sz_batch_value', 'inductor', 'dynamic', _FF),
    ('sz_batch_value_same_width', 'inductor', 'batch', _EQ),
    ('sz_batch_value_same_width', 'inductor', 'dynamic', _FF),
    ('sz_heads_value', 'inductor', 'dynamic', _FF),
    ('sz_headdim_value', 'inductor', 'dynamic', _FF),
    ('sz_zeros_plus_one', 'inductor', 'dynamic', _FF),
    ('sz_table_times_zero', 'inductor', 'dynamic', _FF),
    ('sz_cache_rows_value', 'inductor', 'dynamic', _FF),
    ('sz_batch_value_only_batch', 'inductor', 'batch', _FF),
    ('sz_batch_value_only_batch', 'inductor', 'dynamic', _FF),
    ('sz_batch_ones_shape', 'inductor', 'batch', _FF),
    ('sz_batch_ones_shape', 'inductor', 'dynamic', _FF),
    ('sz_new_ones', 'torchair', 'dynamic', _CD),
    ('sz_ones_float', 'torchair', 'dynamic', _CD),
    ('sz_batch_ones_shape', 'torchair', 'batch', _CD),
    ('sz_batch_ones_shape', 'torchair', 'dynamic', _CD),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
