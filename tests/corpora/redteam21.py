"""Twenty-first adversarial review of the recogniser (round 21; reviewer focus: the proof's core and the lengths,
after rounds 18-20).

Focus: round 19's fix and its argument (docs/soundness.md, the period check: "a remainder can only enter the new rows
affinely ... a residue enters as ``c * r`` with ``c`` fixed per element, which equals the contract on the probes only
with ``c = 0`` where a nonzero residue was met, and an element that met only residue 0 of ``x = a * q + b`` over
consecutive pages has ``a = 0 (mod m)``"), exactness.check_length_thresholds / _probed_span / _evaluated_movement /
_check_length_ops / _monotone, mask.py's bound, and what an affine use of a remainder can still do (coefficient 1,
per-column coefficients, where branches, casts, cat / stack, two residues, floor divisions, masks not 2^k - 1).
Same format as redteam14 / 19: every entry of ``ATTACKS`` is ``(name, factory, notes)``, the factory returns
``(step, inputs, modes)``; steps take ``(kv, w, slots, table, lens, cache)`` (attacks.build's inputs: l = 32, d = 16,
P = 64); runner and classification redteam7's ``classify7``.  Dynamic attacks compile at capacity 256 (4 pages,
B = 8; redteam19._grow) and are then called at a 16-, 32- or 48-page table (B = 6, block pool of 64, lengths past
256; valid: page ids in range for every window read, lengths <= capacity, slots unique).

    python tests/corpora/redteam21.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam21.py --table OUT.md [--dialect D ...] [name ...]

First try (23:31-23:55 UTC 2026-12-04, frozen snapshot of 8808eed in /tmp/base21, PYTHONPATH=/tmp/base21, run from
that tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1): 74 attacks in 13 themes, 175 runs:

    inductor_graph  75 runs: 43 FALSE FUSION (36 F1, 5 F2, 2 F3) / 0 CRASH / 8 equal / 24 refused / 0 control differs
    torchair_like   75 runs: 43 FALSE FUSION (36 F1, 5 F2, 2 F3) / 0 CRASH / 8 equal / 24 refused
    torchair        1 run: CONTROL DIFFERS (m1_rem9_8: plain torchair BackendCompilerFailed, the pass differs)
    inductor        24 runs (Inductor codegen, nsa_fusion_backend; the F1 spellings of themes 1-4, 7, the static
                    control, two_layers_one_bad, four F2 and both F3 spellings): 22 FALSE FUSION (all confirmed:
                    plain Inductor equal to eager, the pass differs) / 2 equal
By attack: 43 with a false fusion (three classes, F1 36, F2 5, F3 2), 7 equal and never wrong, 24 refused.
(Themes 11 (cap* / p16_*), 12 (bool_*) and 13 (cmp_const_first_*) were added 23:44-23:55 after the first
commit; their first try is in the counts.)

* F1 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen; dynamic=True only; fp16 / bf16 / fp32, int32 /
  int64 lengths and tables): the period check (``exactness.check_length_thresholds`` -> ``_probed_span`` ->
  ``_evaluated_movement``) lets ``x % m`` (``x & mask``, ``x // m``) through once every element of x moved over
  ``2 m`` INTEGERS between the first and the last probed length; round 19 then relied on "a residue enters only
  affinely, and an affine use with c != 0 would show on the probes".  That is false: an affine use with coefficient
  1 can STAND IN for the value it came from.  With a multiplier ``a = 1 (mod m)``, ``(a q) % m = q % m = q`` for
  q < m: ``x = 9 q`` (q = pos // 64, probed pages 0..3, page 4 at the Generalize rerun) moves over 28+ integers
  (>= 16 = 2 * 8) yet ``(9 q) % 8`` met exactly the residues q did, in step: the page index ``(9 q) % 8`` is the
  contract on every probe and ``q - 8`` on pages 8..15.  Compiled with dynamic=True at 4 pages and reused at a
  16-page table, eager reads ``table[b, q - 8]`` and the fused op ``table[b, q]`` (plain Inductor equals eager).
  The argument's second half fails too: (b) a mask that is not ``2^k - 1`` picks a bit the probes never saw set
  (``q - ((17 q) & 8)`` = ``q - (q & 8)``: 0 on pages 0..7); (c) a remainder of a MONOTONE, non-affine x meets only
  some residues (``(17 q // 8) % 2``: 17 q // 8 = 0, 2, 4, 6, 8 on the probes, odd on pages 8..15), and even two
  floor divisions with no remainder do it (``17q // 8 - 2 (17q // 16)``); (d) two residues with fixed coefficients
  cancel on the probes (``q - 17q % 16 + 17q % 8``).  The residue also survives where() branches, clamp-like
  where, int8 casts, clamp(min=0), * 1, per-column 0/1 coefficients, cat / stack, tensor divisors / masks, the
  floor-division and div(rounding_mode='floor') spellings, ``q + 8 q`` and a negative multiplier (``-7 q``).
  Attacks: m1_rem9_8 (+ _int64, _fp32, _bf16, _int32, _plus8), m1_rem17_16, m1_rem33_32_big, m1_and9_7,
  m1_rem_minus7, m1_floordiv_form, mk_bit8_of_17q, mk_mask_12, fd_rem_of_floordiv, fd_floordiv_of_floordiv,
  two_rem_cancel, two_rem_swap, wh_rem_branch, wh_clamped_rem, cast_int8_rem, col_coeff, col_coeff_rows,
  clamp_after, rem_then_mul, sp_add_form, sp_rem_tensor, sp_rem_scalar_tensor, sp_div_floor_mode,
  sp_rem_then_plus, sp_pos_multiplier, sp_and_tensor, row_last_page_m1 (the row's last page, then back by the
  window), dund_and_rem (aten.__and__.Tensor, decomposed to bitwise_and), cat_halves, stack_pick,
  cap8_rem17_16_b7 (compiled at 8 pages, (17 q) % 16 = q - 16 on pages 16..31 of 32).  Equal under
  static / mark_dynamic batch (m1_rem9_8_static, m1_rem9_8_batch: every length probed).  Findings
  /work/briefs/redteam21_findings.md; repro /work/briefs/redteam21_repro_f1.py (four spellings, Inductor codegen:
  control True, fused False each).  A fix has to count the residues x meets (or the bits a mask sees), not the
  integers it moves over: e.g. every element of x taking >= 2 m CONSECUTIVE values (slope 1 per probed step), or the
  masked / divided value checked over a full period of its argument.

* F2 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen; dynamic=True only): a comparison with 0 hidden
  in a cast to bool or in a logical op on integers.  ``exactness._check_length_ops`` lets casts of length-valued
  nodes through (bool included: integral), and ``_from_bool`` takes a 0/1 factor cast from a bool as "a select whose
  comparison is checked"; but ``check_length_thresholds`` checks only nodes with an explicit constant operand among
  ``_COMPARISONS`` / ``_CLAMPS`` / remainders / masks / floor divisions (``if not consts: continue``), and a cast is
  none of them.  ``(s - 448).bool()`` (also ``.to(torch.bool)``), ``~logical_not(s - 448)`` and ``logical_and(s - 448,
  s - 448)`` are ``s != 448``, which spelled as ``ne`` is refused (bool_ne_control: 448 is past the compiled capacity
  256); ``((s - 448) // 64).bool()`` is false on [448, 511].  The page ``pos // 64 + 8 - 8 * bool(s - 448)`` is the
  contract on every probed length; reused at a 16-page table, eager reads page + 8 for the row of length 448 (the
  fused op the contract's).  Attacks bool_cast_page, bool_cast_floordiv, bool_to_dtype, bool_logical_not,
  bool_logical_and_self.  Not in the condition (bool_cast_cond: mask.py evaluates up to its bound, 448 counted, and
  refuses); bool_logical_or_zero refused (``s * 0`` has another slope / a constant).  Repro
  /work/briefs/redteam21_repro_f2.py (control True, fused False).  A fix: treat a cast to bool (and logical ops on
  integers) of a length-derived value as the comparison ``x != 0`` (held to the threshold rule, 0 as its constant).

* F3 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen; dynamic=True only): ``check_length_thresholds``
  reads a comparison's constants from ``n.args[1:]`` only (``consts = [a for a in n.args[1:] ...]``), so a comparison
  whose constant is its FIRST operand, ``torch.ne(torch.tensor(448), s)`` or ``gt(tensor(448), s) | lt(tensor(511),
  s)``, has no constants and is skipped (``if not consts: continue``); the same comparison written ``s != 448`` is
  refused.  Page ``pos // 64 + 8 - 8 * ne(tensor(448), s)``: the contract on every probe, page + 8 at s = 448 on a
  16-page table.  Attacks cmp_const_first_ne, cmp_const_first_lt (cmp_const_first_le refused by its second, usual
  comparison).  Repro /work/briefs/redteam21_repro_f3.py (control True, fused False).  A fix: take the constants
  from every operand not derived from the lengths (args[0] included), and x from the derived one.

Attack bugs (first run, fixed and rerun; the table holds the rerun): mk_bit8_of_9q (9 q & 8 is 8 at page 1, page -7:
now the identity control), mk_bit16_of_q ((16 q) & 128 subtracted unscaled: page -120; now // 16), two_rem_swap
(q + 16 past a 32-page table; now q - 16), cast_int16_x (an int16 gather index: TypeError in eager; now .long()),
m1_rem33_32_big (its long rows did not complete a window: equal; lengths now multiples of 16), sp_rem_then_plus
(``(9 q + 3) % 8`` is not q on page 0: read page 6 of 4; now ``(9 q - 8) % 8``), cmp_const_first_lt (first
built with ``full((6,), 448)``, not broadcastable at B = 8: now 0-dim tensors).

Not found (equal or refused), by theme:
1. multipliers: ``(5 q) % 4`` (the rerun at 5 pages meets the wrap: refused by Generalize), ``(16 q - 7 q) % 8`` (an
   increasing minus an increasing term: not shown monotone, refused), ``q * tensor(9)`` (refused), a flat position
   ``(p // 64 * 9) % 8 * 64 + p % 64`` and ``p // 64 * 64 + (65 p) % 64`` (refused: the outer ``// 64`` spans too
   little), two layers with the second ``(9 q) % 8`` written into a clone (one step fused, equal).
2. masks: ``(16 q) & 128`` (16 q moves 49 < 256: refused), ``__and__`` with a length-derived mask (refused).
3. conditions (mask.py): ``(17 s) & 2048 == 0``, ``(1025 s) % 1024 >= 32``, ``s & 1024 == 0``, ``__and__(s, 1024)``
   and the lengths through ``(513 s) % 512`` (window and condition): refused by the period bound (past
   MAX_MASK_RANGE) or the int32 wrap rule; the window on ``(513 s) % 512`` with the condition on s refused by the
   positions' clamp(min=0) check.  The condition's bound held every time.
4. other capacities: compiled at 2 pages (the positions' // 64 spans too little: refused), at 8 pages with B = 8
   (cap8_rem17_16: the batch duck-shares the table width's symbol, guarded; the second call recompiles at 32 pages
   and the proof refuses there: equal), page size 16 (p16_rem9_8: refused).
5. constant-first clamps: ``minimum(tensor(400), s)`` / ``-maximum(tensor(-400), -s)`` as the window's end (refused: the
   positions' ``// 64`` is not shown monotone through a minimum with a tensor operand first).
6. real torchair (CPU GE emulation), 1 run: m1_rem9_8 dynamic CONTROL DIFFERS (as in rounds 18 / 19: plain torchair
   fails to compile the step, BackendCompilerFailed; with the pass it compiles and differs from eager: F1).
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
from tests.corpora.redteam19 import _grow, _page_op, _tail  # noqa: E402

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
P = 64
S, SB, ALL, D = ("static",), ("static", "batch"), ("static", "batch", "dynamic"), ("dynamic",)

# lengths for a 16-page table (windows on pages 8..15, where (9 q) % 8 = q - 8) and a 32-page one
LENS16 = [600, 1000, 544, 700, 1024, 300]
LENS32 = [1100, 2048, 1500, 600, 1040, 300]
LENS48 = [1104, 2048, 1504, 3008, 1040, 304]


def _pos_op(op):
    """positions rewritten by ``op(pos)`` (page and offset both from it)."""
    def step(kv, w, slots, table, lens, cache):
        pos = op(positions(lens))
        return _tail(pos, kv, w, slots, table, lens, cache)
    return step


def _cond_op(extra):
    """the contract's read, the condition completes(s) & extra(s)."""
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        return write(cache, slots, completes(lens) & extra(lens), pool(tok, w))
    return step


ATTACKS = []


def A(name, step, inputs, modes, notes):
    ATTACKS.append((name, _mk(step, inputs, modes), notes))


# --- 1. a multiplier = 1 (mod m): x = c q moves over >= 2 m values, yet x % m is q itself on the probed pages --------
A("m1_rem9_8", _page_op(lambda q: (q * 9) % 8), _grow(16, LENS16), D,
  "page (9 q) % 8: 9 q spans 28+ >= 16 at pages 0..3, residues met 0..4 only; = q on pages 0..7, q - 8 on 8..15")
A("m1_rem17_16", _page_op(lambda q: (q * 17) % 16), _grow(32, LENS32), D, "page (17 q) % 16: q - 16 on pages 16..31")
A("m1_and9_7", _page_op(lambda q: (q * 9) & 7), _grow(16, LENS16), D, "page (9 q) & 7")
A("m1_rem9_8_static", _page_op(lambda q: (q * 9) % 8), _grow(16, LENS16), S, "control: static (every length probed)")
A("m1_rem9_8_int64", _page_op(lambda q: (q * 9) % 8),
  _grow(16, LENS16, length_dtype=torch.int64, index_dtype=torch.int64), D, "int64 lengths and tables")
A("m1_rem9_8_fp32", _page_op(lambda q: (q * 9) % 8), _grow(16, LENS16, dtype=F32), D, "fp32 data")
A("m1_rem9_8_bf16", _page_op(lambda q: (q * 9) % 8), _grow(16, LENS16, dtype=BF16), D, "bf16 data")
A("m1_rem9_8_int32", _page_op(lambda q: (q.int() * 9) % 8), _grow(16, LENS16), D, "in int32")
A("m1_rem_minus7", _page_op(lambda q: (q * -7) % 8), _grow(16, LENS16), D,
  "(-7 q) % 8 = q % 8 (a negative multiplier = 1 mod 8: x non-increasing)")
A("m1_rem9_8_plus8", _page_op(lambda q: (q * 9 + 8) % 8), _grow(16, LENS16), D, "(9 q + 8) % 8")
A("m1_floordiv_form", _page_op(lambda q: q * 9 - ((q * 9) // 8) * 8), _grow(16, LENS16), D,
  "x - (x // 8) * 8, x = 9 q (the floor-division spelling)")
A("m1_flat_rem", _pos_op(lambda p: (p // 64 * 9) % 8 * 64 + p % 64), _grow(16, LENS16), D,
  "flat position ((p // 64 * 9) % 8) * 64 + p % 64")
A("m1_len_rem", _pos_op(lambda p: p), _grow(16, LENS16), D, "control: plain positions dynamic")

# --- 2. bit masks that are not 2^k - 1: x & 8 picks a bit whose value the probes never saw set ---------------------
A("mk_bit8_of_17q", _page_op(lambda q: q - ((q * 17) & 8)), _grow(16, LENS16), D,
  "q - ((17 q) & 8): 17 q & 8 = q & 8 (0 on pages 0..7), q - 8 on 8..15; span of 17 q 52 >= 2 * 8")
A("mk_bit8_of_9q", _page_op(lambda q: q + ((q * 9) & 8) - ((q * 9) & 8)), _grow(16, LENS16), D,
  "q + (9 q & 8) - (9 q & 8) (control: the identity)")
A("mk_bit16_of_q", _page_op(lambda q: q - ((q * 16) & 128) // 16), _grow(16, LENS16), D,
  "q - ((16 q) & 128) // 16: 16 q moves 0..64, bit 7 set from q = 8")
A("mk_mask_12", _page_op(lambda q: q - ((q * 17) & 12) + ((q * 17) & 4)), _grow(16, LENS16), D,
  "q - (17 q & 12) + (17 q & 4) = q - (q & 8)")

# --- 3. a remainder of a floor division (x monotone, not affine): only even values met ------------------------------
A("fd_rem_of_floordiv", _page_op(lambda q: q - ((q * 17) // 8) % 2 * 8), _grow(16, LENS16), D,
  "q - 8 ((17 q // 8) % 2): 17 q // 8 = 0, 2, 4, 6, 8 (even) on probes, odd on pages 8..15")
A("fd_floordiv_of_floordiv", _page_op(lambda q: q - ((q * 17) // 8 - (q * 17) // 16 * 2) * 8),
  _grow(16, LENS16), D, "the same without a remainder: 17q//8 - 2 (17q//16)")

# --- 4. two remainders that agree on the probes (an affine combination of residues) --------------------------------
A("two_rem_cancel", _page_op(lambda q: q - (q * 17) % 16 + (q * 17) % 8), _grow(16, LENS16), D,
  "q - (17q % 16) + (17 q % 8) = q - 8 bit3(q): two residues, c fixed, cancelling on the probes")
A("two_rem_swap", _page_op(lambda q: q - (q * 33) % 32 + (q * 33) % 16), _grow(32, LENS32), D,
  "q - 33q%32 + 33q%16 = q - 16 bit4(q): q - 16 on pages 16..31")

# --- 5. lengths themselves: s-derived pages ---------------------------------------------------------------------------
A("len_rem_page", _page_op(lambda q: q), _grow(16, LENS16), D, "control")
A("cond_mask_bit", _cond_op(lambda s: ((s.long() * 17) & 2048) == 0), _grow(32, LENS32), D,
  "condition (17 s) & 2048 == 0 (mask.py), int64")
A("cond_rem_mult", _cond_op(lambda s: (s.long() * 1025) % 1024 >= 32), _grow(32, LENS32), D,
  "condition (1025 s) % 1024 >= 32: s % 1024 >= 32, true on probes (s <= 256), false at s = 1040")
A("cond_bit_1024", _cond_op(lambda s: (s.long() & 1024) == 0), _grow(32, LENS32), D,
  "condition (s & 1024) == 0 (a single bit)")


# --- 6. the lengths through a multiplier = 1 (mod m): s2 = (513 s) % 512 = s below 512 -------------------------------
def _len_m1(kv, w, slots, table, lens, cache):
    s = (lens.long() * 513) % 512
    pos = positions(s)
    tok = kv[table.long().gather(1, pos // P), pos % P]
    return write(cache, slots, completes(s), pool(tok, w))


def _len_m1_pos_only(kv, w, slots, table, lens, cache):
    s = (lens.long() * 513) % 512
    pos = positions(s)
    tok = kv[table.long().gather(1, pos // P), pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


A("len_m1_all", _len_m1, _grow(16, LENS16), D, "s2 = (513 s) % 512 used as the lengths (window and condition)")
A("len_m1_pos", _len_m1_pos_only, _grow(16, LENS16), D, "s2 = (513 s) % 512 for the window, the condition on s")

# --- 7. where branches, casts and per-element coefficients around a residue -----------------------------------------
A("wh_rem_branch", _page_op(lambda q: torch.where(q >= 0, (q * 9) % 8, q)), _grow(16, LENS16), D,
  "where(q >= 0, 9q % 8, q): a branch every valid input takes")
A("wh_clamped_rem", _page_op(lambda q: torch.where((q * 9) % 8 < 0, 0, (q * 9) % 8)), _grow(16, LENS16), D,
  "a clamp-like where around the residue (_clamped_below)")
A("cast_int8_rem", _page_op(lambda q: ((q * 9) % 8).to(torch.int8).long()), _grow(16, LENS16), D,
  "the residue through int8")
A("cast_int16_x", _page_op(lambda q: ((q.to(torch.int16) * 9) % 8).long()), _grow(16, LENS16), D, "x in int16 (wraps?)")
A("col_coeff", _page_op(lambda q: q + ((q * 9) % 8 - q) * (torch.arange(32) >= 16).long()), _grow(16, LENS16), D,
  "a per-column coefficient 0/1 on (9q % 8 - q): half the window's columns")
A("col_coeff_rows", _page_op(lambda q: q * 0 + (q * 9) % 8), _grow(16, LENS16), D, "q * 0 + 9q % 8")
A("clamp_after", _page_op(lambda q: ((q * 9) % 8).clamp(min=0)), _grow(16, LENS16), D, "clamp(min=0) after")
A("rem_then_mul", _page_op(lambda q: ((q * 9) % 8) * 1), _grow(16, LENS16), D, "times 1")
A("m1_rem33_32_big", _page_op(lambda q: (q * 33) % 32), _grow(48, LENS48), D, "(33 q) % 32 at 48 pages")
A("m1_rem5_4", _page_op(lambda q: (q * 5) % 4), _grow(16, [300, 600, 1000, 544, 560, 200]), D,
  "(5 q) % 4: 5 q spans 16+ >= 8; = q on pages 0..3, the rerun's page 4 reads 0 (probed: refused?)")


# --- 8. more spellings of the multiplier and the divisor -----------------------------------------------------------
A("sp_add_form", _page_op(lambda q: (q + q * 8) % 8), _grow(16, LENS16), D, "x = q + 8 q (slope 9 by an add)")
A("sp_sub_form", _page_op(lambda q: (q * 16 - q * 7) % 8), _grow(16, LENS16), D, "x = 16 q - 7 q")
A("sp_rem_tensor", _page_op(lambda q: (q * 9) % torch.full_like(q, 8)), _grow(16, LENS16), D,
  "remainder.Tensor by full_like(q, 8)")
A("sp_rem_scalar_tensor", _page_op(lambda q: (q * 9) % torch.tensor(8)), _grow(16, LENS16), D,
  "remainder by a 0-dim tensor constant")
A("sp_div_floor_mode", _page_op(lambda q: q * 9 - torch.div(q * 9, 8, rounding_mode="floor") * 8),
  _grow(16, LENS16), D, "x - div(x, 8, rounding_mode='floor') * 8")
A("sp_mult_65_64", _page_op(lambda q: (q * 65) % 64 - (q * 65) % 8 + q % 8), _grow(16, LENS16), D,
  "65q % 64 - 65q % 8 + q % 8 (q % 8 alone: span 4, refused?)")
A("sp_rem_then_plus", _page_op(lambda q: (q * 9 - 8) % 8), _grow(16, LENS16), D,
  "(9 q - 8) % 8: x starts negative (-8 at page 0)")
A("sp_pos_multiplier", _page_op(lambda q: (q * 9) % 8 + (q * 0)), _grow(16, LENS16, block_num=16), D,
  "a smaller block pool (16 blocks)")


def _two_layers(kv, w, slots, table, lens, cache):
    """layer 1 the contract, layer 2 (9 q) % 8 into a clone"""
    c2 = cache.clone()
    out1 = _page_op(lambda q: q)(kv, w, slots, table, lens, cache)
    out2 = _page_op(lambda q: (q * 9) % 8)(kv.flip(2), w, slots, table, lens, c2)
    return out1, out2


A("two_layers_one_bad", _two_layers, _grow(16, LENS16), D, "two layers, the second (9 q) % 8")


def _row_last_page(kv, w, slots, table, lens, cache):
    """the page of each position from the row's last page: q_last - (last - pos) // 64 with q_last = (9 ((s-1)//64)) % 8"""
    s = lens.long()
    pos = positions(lens)
    ql = ((s - 1).clamp(min=0) // P * 9) % 8
    pidx = ql[:, None] - ((s - 1).clamp(min=0)[:, None] // P - pos // P)
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=pidx)


A("row_last_page_m1", _row_last_page, _grow(16, LENS16), D, "row's last page (9 q_last) % 8, then back by the window")

A("m1_rem9_8_batch", _page_op(lambda q: (q * 9) % 8), _grow(16, LENS16), SB,
  "control: static / mark_dynamic batch at one capacity (every length probed)")
A("sp_mult_tensor", _page_op(lambda q: (q * torch.tensor(9)) % 8), _grow(16, LENS16), D,
  "the multiplier a 0-dim tensor constant")
A("sp_and_tensor", _page_op(lambda q: q - ((q * 17) & torch.tensor(8))), _grow(16, LENS16), D,
  "bitwise_and.Tensor by tensor(8)")
A("sp_offset_m1", _pos_op(lambda p: p // 64 * 64 + (p * 65) % 64), _grow(16, LENS16), D,
  "control: the offset (65 p) % 64 = p % 64 everywhere (equal)")


# --- 9. ops named differently in the graph: aten.__and__.Tensor is a length op, but not among the period check's masks
A("dund_and_rem", _page_op(lambda q: torch.ops.aten.__and__.Tensor(q * 9, torch.tensor(7))), _grow(16, LENS16), D,
  "aten.__and__.Tensor(9 q, tensor(7)) called explicitly")
A("dund_and_plain_q", _page_op(lambda q: torch.ops.aten.__and__.Tensor(q, torch.tensor(7))), _grow(16, LENS16), D,
  "aten.__and__.Tensor(q, tensor(7)): q & 7 with span 4 (bitwise_and is refused: the period check)")
A("dund_and_derived", _page_op(lambda q: torch.ops.aten.__and__.Tensor(q, q * 0 + 7)), _grow(16, LENS16), D,
  "aten.__and__.Tensor(q, q * 0 + 7): a length-derived mask")
A("dund_and_cond", _cond_op(lambda s: torch.ops.aten.__and__.Tensor(s.long(), torch.tensor(1024)) == 0),
  _grow(32, LENS32), D, "condition __and__(s, tensor(1024)) == 0")


# --- 10. assembled values: half the window's pages from the residue (cat), a stack of both
A("cat_halves", _page_op(lambda q: torch.cat([q[:, :16], (q[:, 16:] * 9) % 8], 1)), _grow(16, LENS16), D,
  "cat of q (first 16 columns) and (9 q) % 8 (last 16)")
A("stack_pick", _page_op(lambda q: torch.stack([q, (q * 9) % 8], 0)[1]), _grow(16, LENS16), D,
  "stack([q, 9q % 8])[1]")


# --- 11. other compile capacities and page sizes (added after the first commit) -----------------------------------
def _grow_from(small_pages, big_pages, lens_big, P_=64, dtype=F16, B0=8):
    def make():
        return [build(B=B0, pages=small_pages, P=P_, dtype=dtype),
                build(B=len(lens_big), pages=big_pages, P=P_, distinct_pages=False, block_num=64, lengths=lens_big,
                      specials=False, seed=1, dtype=dtype)]
    return make


def _page_op_P(op, P_):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        tok = kv[table.long().gather(1, op(pos // P_)), pos % P_]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


A("cap2_rem9_4", _page_op(lambda q: (q * 9) % 4), _grow_from(2, 8, [288, 512, 320, 400, 448, 96]), D,
  "compiled at 2 pages (q = 0..1, rerun 0..2): (9 q) % 4 = q on pages 0..3, q - 4 on 4..7")
A("cap8_rem17_16", _page_op(lambda q: (q * 17) % 16), _grow_from(8, 32, [1104, 2048, 1504, 1040, 1056, 304]), D,
  "compiled at 8 pages, B = 8 (duck-shared with the table width: guarded, the second call recompiles: equal)")
A("cap8_rem17_16_b7", _page_op(lambda q: (q * 17) % 16), _grow_from(8, 32, [1104, 2048, 1504, 1040, 1056, 304],
                                                                      B0=7), D,
  "compiled at 8 pages, B = 7: (17 q) % 16, q - 16 on pages 16..31")
A("p16_rem9_8", _page_op_P(lambda q: (q * 9) % 8, 16), _grow_from(4, 16, [144, 256, 160, 176, 192, 48], P_=16), D,
  "page size 16 (literal in the step), 4 -> 16 pages: (9 q) % 8")


# --- 12. casts to bool: a comparison in disguise (x != 0) that the threshold check does not see ----------------------
def _bool_cast_page(kv, w, slots, table, lens, cache):
    s = lens.long()
    pos = positions(lens)
    far = (s - 448).bool().long()[:, None]  # 0 only at s = 448, past the compiled capacity
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=pos // P + 8 - 8 * far)


def _bool_cast_floordiv(kv, w, slots, table, lens, cache):
    s = lens.long()
    pos = positions(lens)
    far = ((s - 448) // 64).bool().long()[:, None]  # 0 for s in [448, 511]: floor division spans 225 >= 128
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=pos // P + 8 - 8 * far)


def _bool_cast_cond(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P), pos % P]
    return write(cache, slots, completes(lens) & (lens.long() - 448).bool(), pool(tok, w))


LENS_B = [448, 1024, 480, 464, 544, 300]
A("bool_cast_page", _bool_cast_page, _grow(16, LENS_B), D,
  "page q + 8 - 8 bool(s - 448): (s != 448) spelled as a cast; at s = 448 eager reads page q + 8")
A("bool_cast_floordiv", _bool_cast_floordiv, _grow(16, LENS_B), D,
  "page q + 8 - 8 bool((s - 448) // 64): 0 for s in [448, 511]")
A("bool_cast_cond", _bool_cast_cond, _grow(16, LENS_B), D, "condition completes(s) & bool(s - 448)")



def _hidden_cmp(f):
    def step(kv, w, slots, table, lens, cache):
        s = lens.long()
        pos = positions(lens)
        far = f(s).long()[:, None]  # 0 only at s = 448 (or 448..511)
        return _tail(pos, kv, w, slots, table, lens, cache, pidx=pos // P + 8 - 8 * far)
    return step


A("bool_to_dtype", _hidden_cmp(lambda s: (s - 448).to(torch.bool)), _grow(16, LENS_B), D, "(s - 448).to(bool)")
A("bool_logical_not", _hidden_cmp(lambda s: ~torch.logical_not(s - 448)), _grow(16, LENS_B), D,
  "~logical_not(s - 448): a comparison op with no constant operand (check_length_thresholds skips it)")
A("bool_logical_and_self", _hidden_cmp(lambda s: torch.logical_and(s - 448, s - 448)), _grow(16, LENS_B), D,
  "logical_and(s - 448, s - 448): two length-derived operands of one slope")
A("bool_logical_or_zero", _hidden_cmp(lambda s: torch.logical_or(s - 448, s * 0)), _grow(16, LENS_B), D,
  "logical_or(s - 448, s * 0)")
A("bool_ne_control", _hidden_cmp(lambda s: s != 448), _grow(16, LENS_B), D, "control: s != 448 (checked: refused)")


# --- 13. the constant first: comparisons whose constant operand is args[0] (consts are read from args[1:]) ------------
A("cmp_const_first_ne", _hidden_cmp(lambda s: torch.ne(torch.tensor(448), s)), _grow(16, LENS_B), D,
  "ne(tensor(448), s): the constant is args[0]")
A("cmp_const_first_lt", _hidden_cmp(lambda s: torch.gt(torch.tensor(448), s) | torch.lt(torch.tensor(511), s)),
  _grow(16, LENS_B), D, "gt(tensor(448), s) | lt(tensor(511), s): false on [448, 511]")
A("cmp_const_first_le", _hidden_cmp(lambda s: torch.le(torch.tensor(1000), s) | (s < 1000)), _grow(16, LENS_B), D,
  "le(tensor(1000), s) | (s < 1000) is always true (the second comparison is checked: refused)")



def _min_first(kind):
    def step(kv, w, slots, table, lens, cache):
        s = lens.long()
        s2 = torch.minimum(torch.tensor(400), s) if kind == "min" else -torch.maximum(torch.tensor(-400), -s)
        pos = positions(s2)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


A("cmp_const_first_minimum", _min_first("min"), _grow(16, LENS_B), D,
  "window at minimum(tensor(400), s): a clamp with its constant first (eager reads the window ending at 400)")
A("cmp_const_first_maximum", _min_first("max"), _grow(16, LENS_B), D, "-maximum(tensor(-400), -s)")


_FIRST = [
    ('cmp_const_first_minimum', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cmp_const_first_minimum', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cmp_const_first_maximum', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cmp_const_first_maximum', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cmp_const_first_ne', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('cmp_const_first_ne', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('cmp_const_first_lt', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('cmp_const_first_lt', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('cmp_const_first_le', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cmp_const_first_le', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cmp_const_first_ne', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('cmp_const_first_lt', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('bool_cast_page', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('bool_cast_page', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('bool_cast_floordiv', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('bool_cast_floordiv', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('bool_cast_cond', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bool_cast_cond', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bool_to_dtype', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('bool_to_dtype', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('bool_logical_not', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('bool_logical_not', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('bool_logical_and_self', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('bool_logical_and_self', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('bool_logical_or_zero', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bool_logical_or_zero', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bool_ne_control', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bool_ne_control', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bool_cast_page', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('bool_cast_floordiv', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('bool_to_dtype', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('bool_logical_not', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('cap2_rem9_4', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cap2_rem9_4', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cap8_rem17_16', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('cap8_rem17_16', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('cap8_rem17_16_b7', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('cap8_rem17_16_b7', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('p16_rem9_8', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('p16_rem9_8', 'torchair_like', 'dynamic', 'REFUSED'),
    ('m1_rem9_8', 'torchair', 'dynamic', 'CONTROL DIFFERS'),
    ('cast_int16_x', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cast_int16_x', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cast_int8_rem', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('cast_int8_rem', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('cast_int8_rem', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('cat_halves', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('cat_halves', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('clamp_after', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('clamp_after', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('col_coeff', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('col_coeff', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('col_coeff', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('col_coeff_rows', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('col_coeff_rows', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('col_coeff_rows', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('cond_bit_1024', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cond_bit_1024', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cond_mask_bit', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cond_mask_bit', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cond_rem_mult', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cond_rem_mult', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dund_and_cond', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dund_and_cond', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dund_and_derived', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dund_and_derived', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dund_and_plain_q', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dund_and_plain_q', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dund_and_rem', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('dund_and_rem', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('fd_floordiv_of_floordiv', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('fd_floordiv_of_floordiv', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('fd_floordiv_of_floordiv', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('fd_rem_of_floordiv', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('fd_rem_of_floordiv', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('fd_rem_of_floordiv', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('len_m1_all', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('len_m1_all', 'torchair_like', 'dynamic', 'REFUSED'),
    ('len_m1_pos', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('len_m1_pos', 'torchair_like', 'dynamic', 'REFUSED'),
    ('len_rem_page', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('len_rem_page', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('m1_and9_7', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_and9_7', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_flat_rem', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('m1_flat_rem', 'torchair_like', 'dynamic', 'REFUSED'),
    ('m1_floordiv_form', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_floordiv_form', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_len_rem', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('m1_len_rem', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('m1_rem17_16', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem17_16', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem17_16', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem33_32_big', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem33_32_big', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem5_4', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('m1_rem5_4', 'torchair_like', 'dynamic', 'REFUSED'),
    ('m1_rem9_8', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_batch', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('m1_rem9_8_batch', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('m1_rem9_8_batch', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('m1_rem9_8_batch', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('m1_rem9_8_bf16', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_bf16', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_bf16', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_fp32', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_fp32', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_fp32', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_int32', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_int32', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_int32', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_int64', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_int64', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_int64', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_plus8', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_plus8', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_plus8', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('m1_rem9_8_static', 'inductor', 'static', 'FUSED & EQUAL'),
    ('m1_rem9_8_static', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('m1_rem9_8_static', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('m1_rem_minus7', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('m1_rem_minus7', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('mk_bit16_of_q', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_bit16_of_q', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mk_bit8_of_17q', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('mk_bit8_of_17q', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('mk_bit8_of_17q', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('mk_bit8_of_9q', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mk_bit8_of_9q', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('mk_mask_12', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('mk_mask_12', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rem_then_mul', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rem_then_mul', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('row_last_page_m1', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('row_last_page_m1', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('row_last_page_m1', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_add_form', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_add_form', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_and_tensor', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_and_tensor', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_div_floor_mode', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_div_floor_mode', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_mult_65_64', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('sp_mult_65_64', 'torchair_like', 'dynamic', 'REFUSED'),
    ('sp_mult_tensor', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('sp_mult_tensor', 'torchair_like', 'dynamic', 'REFUSED'),
    ('sp_offset_m1', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('sp_offset_m1', 'torchair_like', 'dynamic', 'REFUSED'),
    ('sp_pos_multiplier', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_pos_multiplier', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_rem_scalar_tensor', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_rem_scalar_tensor', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_rem_tensor', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_rem_tensor', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_rem_then_plus', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('sp_rem_then_plus', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('sp_sub_form', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('sp_sub_form', 'torchair_like', 'dynamic', 'REFUSED'),
    ('stack_pick', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('stack_pick', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('two_layers_one_bad', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('two_layers_one_bad', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('two_layers_one_bad', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('two_rem_cancel', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('two_rem_cancel', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('two_rem_cancel', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('two_rem_swap', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('two_rem_swap', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('wh_clamped_rem', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('wh_clamped_rem', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('wh_rem_branch', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('wh_rem_branch', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('wh_rem_branch', 'torchair_like', 'dynamic', 'FALSE FUSION'),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
