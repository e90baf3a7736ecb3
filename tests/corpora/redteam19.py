"""Nineteenth adversarial review of the recogniser (round 19; reviewer focus: the proof's core after round 18).

Focus: round 18's fix (exactness._probed_span / _evaluated_movement: the period check evaluates the length-derived
value at the first and the last probed length and takes every element's least move) and its neighbours: values that
move monotonically but in steps of more than one, divisors and masks of either sign, the "within" escape of
check_length_thresholds with a length-derived second bound, mask.py's periodicity bound under dynamic=True, and what
_check_length_ops lets through between them (products, lookups).  Same format as redteam14 / 18: every entry of
``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step, inputs, modes)``; every step takes ``(kv, w,
slots, table, lens, cache)`` (attacks.build's inputs: l = 32, d = 16, P = 64 baked in); runner and classification are
redteam7's ``classify7``.  Dynamic attacks compile at capacity 256 (4 pages, B = 8) and are then called at a wider
block table (``_grow``: 16, 32, 128 or 512 pages, B = 6, block pool of 64 pages, lengths past 256; valid: page ids in
range for every window read, lengths <= capacity, slots unique).

    python tests/corpora/redteam19.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam19.py --table OUT.md [--dialect D ...] [name ...]

First try (22:36-23:08 UTC, snapshot of e3e6567 in /tmp/base19, PYTHONPATH=/tmp/base19, run from that tree): 70 attacks in 6 themes, 185 runs.  inductor_graph 72 runs: 30 FALSE FUSION / 0 CRASH / 10 equal / 32
refused / 0 control differs; torchair_like 72 runs: 30 FALSE FUSION / 0 CRASH / 10 equal / 32 refused; Inductor codegen
(nsa_fusion_backend) 33 runs (every false-fusion class in several spellings, the static / batch controls, the threshold
and condition samples): 19 FALSE FUSION (all confirmed) / 9 equal / 5 refused; real torchair (CPU GE emulation) 8 runs:
4 CONTROL DIFFERS (F1, F2, F3: plain torchair fails to compile the step, BackendCompilerFailed, as in round 18; with the
pass it compiles and differs from eager) / 2 equal / 2 refused.  By attack: 32 with a false fusion (three classes, F1
F2 F3; /work/briefs/redteam19_findings.md), 9 equal in some mode and never wrong, 29 refused.

* F1 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen; dynamic=True only; fp16 / bf16 / fp32, int32 /
  int64 lengths and tables): the period check (``exactness.check_length_thresholds``: a remainder / bit mask / floor
  division of a length-derived x by a constant m must have had its period spanned twice) measures the span with
  ``_evaluated_movement``: ``min_e (x_e(s_last) - x_e(s_first)) + 1``, the count of INTEGERS between an element's
  first and last value.  That counts the residues x met only where x moves in steps of one.  ``x = 5 * (pos // 64)``
  moves 0 -> 15 over the probed pages 0..3 (span 16 = 2 * 8) but meets only the residues 0, 5, 2, 7 of 8 (4 more at
  the proof's rerun at pages + 1, sizes.Generalize._SCALES[0]); residue 1 appears at page 5.  What turns an unmet
  residue into a different result without a check: a product of two length-derived values (``mul.Tensor`` is in
  ``_MONOTONE_PAIR``: _check_length_ops only wrap-checks it; mask.py refuses it in the condition, the new rows do not):
  ``q + r (r - 2) (r - 4) (r - 5) (r - 7)``, r = 5 q % 8, is q on every probed page and q + 72 on page 5 (a 128-page
  table); or a lookup of length-derived data (F3): ``r = s % 101`` over the qualifying lengths 32, 48, ..., 256 (the
  lattice steps by d = 16: span 225 >= 202, 15 of 101 residues met) indexing an offset table (lu_len_rem101).  Eager
  reads table[b, 5 + 72] (or the token before), the fused op the contract's.  Attacks rs_page_skip_poly58 (+ _first,
  _and58, _rem78, _int32, _int64_inputs, _fp32, _bf16, _clamped_where, _cube_term, _mul_mask, _lens_small),
  rs_row_skip58 (the row's last page), rs_len_skip58 (s // 64 of the lengths, 512-page table), rs_flat_skip (a flat
  token index), mo_skip_in_where, mo_skip_then_floordiv (inductor_graph: Inductor folds ``(r // 4) * 0``),
  lu_len_rem101.  Equal under static / batch (rs_page_skip_static: every length probed).  Repro
  /work/briefs/redteam19_repro_f1.py.
* F2 FALSE FUSION (same dialects and modes): the same check refuses where ``2 * b[1] > span`` for the divisor's (the
  mask's) interval b; for a NEGATIVE constant (``% -8``, ``& -8``, ``& tensor(-8)``, ``% full(l, -8)``) 2 * b[1] is
  below every span, so it passes with any span.  ``-((-q) % -8)`` and ``q - (q & -8)`` (``x & -8`` is ``x - x % 8``)
  are q on pages 0..7 (every probe, the rerun's page 4 too) and q - 8 on pages 8..15: compiled at 4 pages, reused at
  16.  Attacks ng_page_rem_negdiv, ng_page_and_negmask (+ _int32, _int64), ng_page_rem_negdiv_fp32,
  ng_page_rem_negdiv_plus0, ng_page_and_negtensor, ng_page_rem_negtensor, ng_flat_negmask, ng_row_negmask,
  ng_page_and_neg16 (period 16, 32 pages).  The condition is not affected (mask.py takes ``abs`` of its constants:
  ng_cond_negdiv equal, mk_negmask_512 / mk_rem_negdiv refused by the bound).  Repro /work/briefs/redteam19_repro_f2.py.
* F3 FALSE FUSION (same dialects and modes): ``_check_length_ops`` refuses a gather that reads a CONSTANT at
  length-derived indices, but reads a gather of length-valued data as "lengths moved" and checks nothing more.  A
  constant table plus a length-derived value is length-valued: ``(q[..., None] + c).gather(-1, q[..., None])`` is
  ``q + c[q]``, c = ``where((arange(64) >= 8) & (arange(64) < 16), -8, 0)``: q on every probe, q - 8 on pages 8..15.
  Attacks lu_page_plus_derived, lu_page_times_zero (torchair_like; Inductor folds ``q * 0`` and the rows check
  refuses), lu_len_rem101 (with F1).  Repro /work/briefs/redteam19_repro_f3.py.

Attack bugs (first run; fixed and rerun, the table holds the rerun): the rs_ attacks built by ``_skip(c, m, roots)``
were first closures over Python ints, which dynamo lifts to symbolic inputs under dynamic=True (``q * c`` with c an
input: not shown monotone, refused): they now write the constants into the source (the closure version refused 11 of
them that the literal spelling fuses; rs_page_skip_poly58_first is the literal spelling run first, FALSE FUSION at the
first try).  rs_len_skip58 first added the product where its value is negative (eager read page -235; now subtracts
it); th_clamp_hi_derived_scalar_lo first called torch.clamp(q, 0, tensor) (a TypeError in eager); ng_row_negmask first
had a length 528 whose window straddles pages 7 / 8 (eager read page -1); lu_page_plus_derived / _take_along /
lu_positions first built c by index assignment (no interval: refused by the wrap check before the lookup was
reached; now a where of an arange); lu_len_rem101 first shifted the page by -4 (eager read page -4 on the compile
inputs' short rows; now the offset by -1 in the flat pool).

Not found (equal or refused), by theme:
1. residue skips: rs_page_skip_poly (c = 3, m = 5: the rerun at 5 pages meets the missing residue: refused), the floor
   division spellings x - (x // 8) * 8 / div(rounding_mode='floor') (their interval leaves int64 through the product:
   refused), fmod (refused under dynamic=True), a clamp after the product (refused), a residue in the condition
   (mask.py: the bound is evaluated, or a product of derived values is refused), a residue gather from a stack of q
   (refused: a tiling cat / stack).
2. thresholds: clamp(q, 0, Y) / clamp(q, Y, 1000) / clamp(pos, 0, 2000 - 2 s) with a length-derived second bound
   (``clamp_min.Tensor`` / ``clamp_max.Tensor`` are not length ops: refused), minimum(q, Y) and where(q > Y, Y, q) (the
   slope check: refused), q + 4 (q == -5) (equal) and clamp(q, -1, s // 64) (a no-op: equal in torchair_like,
   refused in inductor_graph).
3. negative divisors: (q - 7) % -8 + 7 (wrap check: refused), q - (q & -4) (the rerun at 5 pages meets page 4:
   refused), positions p - (p & -512) (a floor division of a non-monotone value: refused), offsets -((-p) % -64)
   (= p % 64: equal), the window end s - (s & -512) (clamp: refused).
4. the monotone walk: a size as the factor (equal: folded), clamp(q, max=2) (not the contract: refused), a per-column
   threshold (refused), a dead conjunction (equal), a NaN threshold in a clamp-like where (refused).
5. conditions under dynamic=True: a slope of 1/42 (s // 2 - s // 3 - s // 7 < 50: the bound covered the flip at
   ~2100, refused), negative masks / divisors (abs in the bound: refused past MAX_MASK_RANGE), a [0, 1] factor (equal),
   (s % 4) * (s % 3) * 0 (refused), where(s > 300, s % 7, 0) (refused).  The periodicity bound held every time.
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
from tests.corpora.redteam7 import classify7  # noqa: E402

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
P = 64
S, SB, ALL, D = ("static",), ("static", "batch"), ("static", "batch", "dynamic"), ("dynamic",)


def _grow(big_pages, lens_big, dtype=F16, length_dtype=torch.int32, index_dtype=torch.int32, block_num=64):
    """Compiled at capacity 256 (4 pages, B = 8), then called at ``big_pages`` pages (B = len(lens_big))."""
    def make():
        kw = dict(dtype=dtype, length_dtype=length_dtype, index_dtype=index_dtype)
        return [build(B=8, **kw), build(B=len(lens_big), pages=big_pages, distinct_pages=False, block_num=block_num,
                                          lengths=lens_big, specials=False, seed=1, **kw)]
    return make


def _std(B=40, **kw):
    return lambda: [build(B=B, **kw)]


_J = lambda: torch.arange(L)  # noqa: E731


def _tail(pos, kv, w, slots, table, lens, cache, pidx=None):
    pidx = pos // P if pidx is None else pidx
    tok = kv[table.long().gather(1, pidx), pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


def _page_op(op):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        return _tail(pos, kv, w, slots, table, lens, cache, pidx=op(pos // P))
    return step


# --- 1. residues that skip: x steps by c > 1 per page, so x % m over the probed pages meets only some residues ----------
def _vanish(r, roots):
    """prod(r - a) over ``roots``: 0 on the residues the probes met, non-zero on the others (length-derived
    products are allowed outside the condition: only clamps, comparisons, divisors and masks are checked)."""
    out = r - roots[0]
    for a in roots[1:]:
        out = out * (r - a)
    return out


def _skip_poly(q):
    r = (q * 3) % 5
    return q + r * (r - 1) * (r - 3) * (r - 4)  # + 4 where r == 2 (q = 4, 9, 14), 0 on every probed page


_KINDS = {"rem": "x % {m}", "and": "x & {m1}", "floordiv": "x - (x // {m}) * {m}", "fmod": "torch.fmod(x, {m})",
          "div_floor": "x - torch.div(x, {m}, rounding_mode='floor') * {m}"}


def _skip(c, m, roots, kind="rem", pre=None, cast=None, sign=1):
    """Page index q + sign * prod(r - a), r = (c q) mod m spelled ``kind``; ``roots``: the residues of q = 0..4 (the
    hint's pages 0..3 and the proof's rerun at pages + 1).  The constants are written into the source as literals
    (closure ints become symbolic inputs under dynamic=True, which the monotone walk refuses)."""
    poly = " * ".join(f"(r - {a})" for a in roots)
    src = (f"def op(q):\n"
           f"    q = pre(q) if pre is not None else q\n"
           f"    q = q.to(cast) if cast is not None else q\n"
           f"    x = q * {c}\n"
           f"    r = {_KINDS[kind].format(m=m, m1=m - 1)}\n"
           f"    return (q + {sign} * ({poly})).long()\n")
    env = {"torch": torch, "pre": pre, "cast": cast}
    exec(src, env)
    return env["op"]


_pg_skip_poly = _page_op(_skip_poly)


def _skip_poly58(q):
    """The first spelling: r (r - 2) (r - 4) (r - 5) (r - 7), r = 5 q % 8."""
    r = (q * 5) % 8
    return q + r * (r - 2) * (r - 4) * (r - 5) * (r - 7)
R58 = [0, 5, 2, 7, 4]  # 5 q % 8 for q = 0..4; q = 5 meets 1 (product 72), 6 meets 6 (-48), 7 meets 3 (-24)
R78 = [0, 7, 6, 5, 4]  # 7 q % 8 for q = 0..4; q = 5 meets 3 (product 72), 6 meets 2 (-48? no: 2*-2*-3*-4*-5 = 240)
LENS58 = [352, 600, 700, 544, 560, 800]  # page 5 (-> 77); pages 8..12 (r = 0, 5, 2, 7, 4: + 0); never 6, 7, 13..15
LENS58_I = [352, 300, 200, 100, 48, 340]  # only pages 3..5 (fewer pages read past the capacity)


def _row_skip58(kv, w, slots, table, lens, cache):
    """The skip on the row's page of its last token ((s - 1) // 64), added to every window page."""
    pos = positions(lens)
    qs = ((lens.long() - 1).clamp(min=0) // P)[:, None]
    r = (qs * 5) % 8
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=pos // P + r * (r - 2) * (r - 4) * (r - 5) * (r - 7))


def _len_skip58(kv, w, slots, table, lens, cache):
    """The skip on s // 64 (the lengths, not the positions): hint s <= 256 meets 0..4, the rerun 0..5 (residues 0, 5,
    2, 7, 4, 1); s // 64 = 6 meets 6 (product -240), 7 meets 3 (-48): pages pos // 64 - product."""
    pos = positions(lens)
    qs = (lens.long() // P)[:, None]
    r = (qs * 5) % 8
    return _tail(pos, kv, w, slots, table, lens, cache,
                 pidx=pos // P - r * (r - 1) * (r - 2) * (r - 4) * (r - 5) * (r - 7))


def _skip_in_offset(kv, w, slots, table, lens, cache):
    """The skip in the flat token index: page id * 64 + offset + 64 * g (g = prod(r - a) / 72-scale, reading a
    later page of the kv pool; in range for the chosen lengths)."""
    pos = positions(lens)
    q = pos // P
    r = (q * 5) % 8
    g = _vanish(r, R58)
    flat = table.long().gather(1, q) * P + pos % P + g
    tok = kv.view(-1, *kv.shape[2:])[flat]
    return write(cache, slots, completes(lens), pool(tok, w))


def _skip_cond(kv, w, slots, table, lens, cache):
    """The skip in the condition: ((s // 64) * 5) % 8 != 1 (the mask's own bound: evaluated, refused or equal)."""
    s = lens.long()
    valid = completes(lens) & (((s // P) * 5) % 8 != 1)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _skip_cond_poly(kv, w, slots, table, lens, cache):
    """The skip as a product in the condition: prod(r - a) == 0 (products of length-derived values)."""
    s = lens.long()
    r = ((s // P) * 5) % 8
    valid = completes(lens) & (_vanish(r, [0, 5, 2, 7, 4, 1]) == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _skip_clamp_after(q):
    r = (q * 5) % 8
    return (q + _vanish(r, R58)).clamp(min=0)


def _skip_square(q):
    """A one-root polynomial squared: (r - 5)^2 * (r - 2)^2 ... through r * r (a different product shape)."""
    r = (q * 5) % 8
    return q + (r * r * r) * 0 + _vanish(r, R58)


def _skip_mul_mask(q):
    """The residue times a 0/1 length mask that is 1 on every probed page (q >= 0)."""
    r = (q * 5) % 8
    return q + _vanish(r, R58) * (q >= 0).long()


# --- 2. thresholds: clamps with one constant bound (the "within" escape) and a length-derived other bound ----------
def _th_clamp_hi(kv, w, slots, table, lens, cache):
    """Page index clamp(q, 0, Y), Y = 12 - s // 64 (>= 7 on every probed length; below q from page 10 on): the
    check reads only the constant bound (0, passed by every element at the last probed length)."""
    pos = positions(lens)
    q = pos // P
    y = (12 - lens.long() // P)[:, None]
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=torch.clamp(q, torch.zeros_like(q), y))


def _th_clamp_hi_scalar(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    q = pos // P
    y = (12 - lens.long() // P)[:, None]
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q.clamp(min=0).clamp(max=y))


def _th_clamp_hi_minmax(kv, w, slots, table, lens, cache):
    """The same as minimum(maximum(q, 0), Y) (two derived values compared: the slope check)."""
    pos = positions(lens)
    q = pos // P
    y = (12 - lens.long() // P)[:, None]
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=torch.minimum(q.clamp(min=0), y))


def _th_clamp_lo_derived(kv, w, slots, table, lens, cache):
    """clamp(q, Y, 1000) with Y = s // 64 - 12 (a derived lower bound, constant upper bound 1000 never reached)."""
    pos = positions(lens)
    q = pos // P
    y = (lens.long() // P - 12)[:, None]
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=torch.clamp(q, y, torch.full_like(q, 1000)))


def _th_clamp_pos_hi(kv, w, slots, table, lens, cache):
    """Positions clamp(s - l + j, 0, Z), Z = 2000 - 2 s (>= 1488 on probes; below the window from s = 690 on)."""
    s = lens.long()[:, None]
    pos = torch.clamp(s - L + _J(), torch.zeros(1, L, dtype=torch.long), 2000 - 2 * s)
    return _tail(pos, kv, w, slots, table, lens, cache)


def _th_where_derived(kv, w, slots, table, lens, cache):
    """where(q > Y, Y, q): a comparison of two derived values of different slopes (control: refused)."""
    pos = positions(lens)
    q = pos // P
    y = (12 - lens.long() // P)[:, None]
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=torch.where(q > y, y, q))


def _th_eq_passed(kv, w, slots, table, lens, cache):
    """Page index q + 8 * (q == 1) * 0 ... (q == -5): a threshold every probed element passed (within): right."""
    pos = positions(lens)
    q = pos // P
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q + 4 * (q == -5).long())


def _th_clamp_min_vs_max(kv, w, slots, table, lens, cache):
    """clamp(q, min=7, max=Y2): Y2 = s // 64 (a derived max below the constant min up to page 7: torch returns max)."""
    pos = positions(lens)
    q = pos // P
    y = (lens.long() // P)[:, None].clamp(min=0)
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=torch.clamp(q, torch.full_like(q, -1), y))


# --- 3. negative divisors and masks: the period check compares 2 * divisor with the span ---------------------------
def _ng_rem_negdiv(q):
    """-((-q) % -8): q for q <= 7 (every probed page), q - 8 for q in 8..15 (a remainder by -8 has period 8)."""
    return -((-q) % -8)


def _ng_and_negmask(q):
    """q - (q & -8): q & -8 is 8 * (q // 8), 0 on every probed page: q - 8 from page 8 on."""
    return q - (q & -8)


def _ng_and_negmask_int32(q):
    q = q.int()
    return (q - (q & -8)).long()


def _ng_rem_negdiv_shift(q):
    """(q - 7) % -8 + 7: q for q <= 7, q - 8 for 8..15 (the shifted form)."""
    return (q - 7) % -8 + 7


def _ng_and_negmask_large(q):
    """q - (q & -1024) (period 1024: probed spans of 4 would need 2048): q - 1024 ... only past page 1024."""
    return q - (q & -4)


def _ng_pos_negmask(kv, w, slots, table, lens, cache):
    """Positions p - (p & -512) (p % 512 through a negative mask): the page p' // 64 of a value not shown monotone."""
    pos = positions(lens)
    p = pos - (pos & -512)
    return _tail(p, kv, w, slots, table, lens, cache)


def _ng_offset_negdiv(kv, w, slots, table, lens, cache):
    """Offsets -((-p) % -64) == p % 64 (right everywhere: a control that must fuse or refuse, never differ)."""
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P), -((-pos) % -P)]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ng_cond_negdiv(kv, w, slots, table, lens, cache):
    """The condition (s - l) % -16 == 0 (same as % 16 == 0): control."""
    s = lens.long()
    valid = (s >= L) & ((s - L) % -STRIDE == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _ng_len_negmask(kv, w, slots, table, lens, cache):
    """Row length s - (s & -512) (s % 512 for s >= 0) as the window's end: positions (s % 512) - l + j."""
    s = lens.long()
    s2 = (s - (s & -512))[:, None]
    return _tail((s2 - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _ng_and_negtensor(q):
    """q - (q & torch.tensor(-8)) (a lifted tensor constant as the mask)."""
    return q - (q & torch.tensor(-8))


def _ng_rem_negtensor(q):
    return -((-q) % torch.full((L,), -8, dtype=torch.long))


def _ng_rem_negdiv_desc(q):
    """x = -q decreasing, % -8 of x's negation: q % 8 spelled -((q - 16) % -8) ... (x = q - 16 < 0 at probes)."""
    return -((-q) % -8) + 0 * q


def _ng_flat_negmask(kv, w, slots, table, lens, cache):
    """The negative mask on the page of a flat token index."""
    pos = positions(lens)
    q = pos // P
    flat = table.long().gather(1, q - (q & -8)) * P + pos % P
    tok = kv.view(-1, *kv.shape[2:])[flat]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ng_row_negmask(kv, w, slots, table, lens, cache):
    """The row's last page (s - 1) // 64 folded by & -8 and added as a page shift."""
    pos = positions(lens)
    qs = ((lens.long() - 1).clamp(min=0) // P)[:, None]
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=pos // P - (qs & -8))


def _ng_and_neg_big(q):
    """q - (q & -16) (period 16): q - 16 only from page 16 (table of 32)."""
    return q - (q & -16)


# --- 4. the monotone walk and the "within" escape: controls and size-valued factors --------------------------------
def _mo_mul_size(kv, w, slots, table, lens, cache):
    """x = q * heads (a size symbol as the factor) % 8: not shown monotone (refused)."""
    pos = positions(lens)
    q = pos // P
    r = (q * kv.shape[2] * 4) % 8
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q + r * (r - 8 // 8 * 0) * 0)


def _mo_clamp_passed(q):
    """clamp(q, max=2): every element passed 2 at the last probed length (q = 3): right beyond (equal)."""
    return q.clamp(max=2)


def _mo_clamp_col_threshold(kv, w, slots, table, lens, cache):
    """clamp(q, max=per-column threshold 2..3): the last column's 3 is not passed (refused)."""
    pos = positions(lens)
    q = pos // P
    t = torch.tensor([2] * (L - 1) + [3])
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=torch.minimum(q, t))


def _mo_ge_passed(kv, w, slots, table, lens, cache):
    """q - (q >= 2) * 0 + ((q >= 2) & (q < 0)) (a passed threshold and a dead one)."""
    pos = positions(lens)
    q = pos // P
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q + ((q >= 2) & (q < 0)).long())


def _mo_where_clamp_nan(q):
    """where(q < nan, -5, q) (a NaN threshold: never true; _clamped_below reads -5 <= nan as False)."""
    return torch.where(q < float("nan"), -5, q)


def _mo_skip_then_floordiv(q):
    """r = 5 q % 8 then r // 4 (a floor division of a non-monotone value: refused)."""
    r = (q * 5) % 8
    return q + (r // 4) * 0 + r * (r - 2) * (r - 4) * (r - 5) * (r - 7)


def _mo_skip_in_where(q):
    """The skip's product inside a where whose condition is q >= 0 (true on every valid row)."""
    r = (q * 5) % 8
    return torch.where(q >= 0, q + r * (r - 2) * (r - 4) * (r - 5) * (r - 7), q)


# --- 5. conditions under dynamic=True (mask.py's bound) -------------------------------------------------------------
def _cond(extra):
    def step(kv, w, slots, table, lens, cache):
        s = lens.long()
        return write(cache, slots, completes(lens) & extra(s), pool(tokens(kv, table, positions(lens)), w))
    return step


_mk_tiny_slope = _cond(lambda s: (s // 2 - s // 3 - s // 7) < 50)  # flips near 2100: the bound covers it
_mk_negmask = _cond(lambda s: (s & -4096) == 0)  # s < 4096
_mk_negmask_small = _cond(lambda s: (s & -512) == 0)  # s < 512: past the compiled 256
_mk_rem_negdiv = _cond(lambda s: -((-s) % -512) == s)  # s <= 512 (a negative divisor in the condition)
_mk_factor01 = _cond(lambda s: (s >= 32).long() * (s % 16) == 0)
_mk_neg_product = _cond(lambda s: (s % 4) * (s % 3) * 0 == 0)
_mk_where_big = _cond(lambda s: torch.where(s > 300, s % 7, s % 16 * 0) == 0)  # s > 300 and s % 7 != 0 drop


def _skip_lookup(q):
    """No product: the residue indexes a stack of length-derived values, [q, q + 72, q, q, q, q, q, q][r] (a gather of
    length-derived data at length-derived indices is 'lengths moved' for _check_length_ops)."""
    r = (q * 5) % 8
    t = torch.stack([q, q + 72, q, q, q, q, q, q], dim=-1)
    return t.gather(-1, r[..., None]).squeeze(-1)


def _skip_lookup_index(q):
    """The same through advanced indexing of a [8, ...] stack."""
    r = (q * 5) % 8
    t = torch.stack([q, q + 72, q, q, q, q, q, q], dim=0)
    return t.gather(0, r[None]).squeeze(0)


# --- 6. lookup tables of length-derived data (a constant plus a length-derived value is "lengths moved") ---------
def _lut_plus_derived(q):
    """(q + c)[q] with c[8..15] = -8, else 0: the constant table c read at q, through data that depends on q."""
    ar = torch.arange(64)
    c = torch.where((ar >= 8) & (ar < 16), -8, 0)  # (a where of an arange: intervals know it, [-8, 0])
    t = q[..., None] + c
    return t.gather(-1, q[..., None]).squeeze(-1)


def _lut_times_zero(q):
    """(q * 0 + lut)[q], lut = arange(64).clamp(max=7) (Inductor may fold q * 0: then a constant, refused)."""
    t = (q * 0)[..., None] + torch.arange(64).clamp(max=7)
    return t.gather(-1, q[..., None]).squeeze(-1)


def _lut_index(q):
    """(q + c)[..., q] by advanced indexing (take_along_dim)."""
    ar = torch.arange(64)
    c = torch.where((ar >= 8) & (ar < 16), -8, 0)
    t = q[..., None] + c
    return torch.take_along_dim(t, q[..., None], dim=-1).squeeze(-1)


def _lut_positions(kv, w, slots, table, lens, cache):
    """Window end looked up: (s + c)[s], c[s] = 0 below 512, -256 from 512 (a fold the probes never see)."""
    s = lens.long()
    c = torch.where(torch.arange(4097) >= 512, -256, 0)
    e = (s[:, None] + c).gather(1, s[:, None])
    return _tail((e - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _len_rem101_lookup(kv, w, slots, table, lens, cache):
    """r = s % 101 over the qualifying lengths 32, 48, ..., 256 (320 at the rerun): span 225 >= 202, but only 19 of
    the 101 residues met (16 k mod 101, k = 2..20); the offset (p % 64 + c)[r] with c = -1 at every residue not met
    (first at s = 336): the token before, in the flat pool (c from (19 r) % 101 in [2, 20]: 16^-1 = 19 mod 101)."""
    pos = positions(lens)
    s = lens.long()
    r = (s % 101)[:, None, None].expand(-1, L, 1)
    k = (torch.arange(101) * 19) % 101
    c = ((k >= 2) & (k <= 20)).long() - 1
    off = ((pos % P)[..., None] + c).gather(-1, r).squeeze(-1)
    flat = table.long().gather(1, pos // P) * P + off
    tok = kv.view(-1, *kv.shape[2:])[flat]
    return write(cache, slots, completes(lens), pool(tok, w))


def _grow512(lens_big, **kw):
    return _grow(512, lens_big, **kw)


LENS_LEN = [400, 480, 352, 544, 560, 300]  # s // 64 = 6 (r = 6), 7 (r = 3), 5 / 8 / 8 / 4 (seen residues)
LENS_TH = [700, 800, 352, 544, 560, 600]  # Y = 12 - s // 64 = 2, 0, 7, 4, 4, 3; q up to 12
LENS_POS = [700, 800, 352, 544, 560, 680]

ATTACKS = [
    # 1. residue skips (dynamic=True, compiled at 4 pages, called at a wider table)
    ("rs_page_skip_poly", _mk(_pg_skip_poly, _grow(16, [300, 600, 1000, 544, 560, 1024]), D),
     "page q + r(r-1)(r-3)(r-4), r = 3 q % 5: span 10 = 2 * 5 at the hint, but the rerun at 5 pages probes r = 2"),
    ("rs_page_skip_poly58", _mk(_page_op(_skip(5, 8, R58)), _grow(128, LENS58), D),
     "page q + prod(r - a), r = 5 q % 8, a over the residues of q = 0..4: page 5 reads page 77 (table of 128)"),
    ("rs_page_skip_poly58_first", _mk(_page_op(_skip_poly58), _grow(128, LENS58), D),
     "the first spelling: q + r (r - 2) (r - 4) (r - 5) (r - 7)"),
    ("rs_page_skip_and58", _mk(_page_op(_skip(5, 8, R58, "and")), _grow(128, LENS58), D), "(5 q) & 7"),
    ("rs_page_skip_floordiv58", _mk(_page_op(_skip(5, 8, R58, "floordiv")), _grow(128, LENS58), D),
     "x - (x // 8) * 8, x = 5 q (a floor division's span)"),
    ("rs_page_skip_divfloor58", _mk(_page_op(_skip(5, 8, R58, "div_floor")), _grow(128, LENS58), D),
     "x - div(x, 8, rounding_mode='floor') * 8"),
    ("rs_page_skip_fmod58", _mk(_page_op(_skip(5, 8, R58, "fmod")), _grow(128, LENS58), D),
     "fmod(5 q, 8) (x >= 0: the remainder; fmod is refused under dynamic=True?)"),
    ("rs_page_skip_rem78", _mk(_page_op(_skip(7, 8, R78)), _grow(128, LENS58), D),
     "r = 7 q % 8 (residues 0, 7, 6, 5, 4): page 5 meets 3, product 72"),
    ("rs_page_skip_int32", _mk(_page_op(_skip(5, 8, R58, cast=torch.int32)), _grow(128, LENS58), D),
     "the same in int32"),
    ("rs_page_skip_int64_inputs", _mk(_page_op(_skip(5, 8, R58)), _grow(128, LENS58, length_dtype=torch.int64,
                                                                      index_dtype=torch.int64), D),
     "int64 lengths and tables"),
    ("rs_page_skip_fp32", _mk(_page_op(_skip(5, 8, R58)), _grow(128, LENS58, dtype=F32), D), "fp32 data"),
    ("rs_page_skip_bf16", _mk(_page_op(_skip(5, 8, R58)), _grow(128, LENS58, dtype=BF16), D), "bf16 data"),
    ("rs_page_skip_clamped_where", _mk(_page_op(_skip(5, 8, R58, pre=lambda q: torch.where(q < 0, 0, q))),
                                       _grow(128, LENS58), D), "x = 5 where(q < 0, 0, q) (a clamp-like where)"),
    ("rs_page_skip_clamp_after", _mk(_page_op(_skip_clamp_after), _grow(128, LENS58), D), "... then clamp(min=0)"),
    ("rs_page_skip_cube_term", _mk(_page_op(_skip_square), _grow(128, LENS58), D), "plus r * r * r * 0"),
    ("rs_page_skip_mul_mask", _mk(_page_op(_skip_mul_mask), _grow(128, LENS58), D), "times (q >= 0)"),
    ("rs_page_skip_lens_small", _mk(_page_op(_skip(5, 8, R58)), _grow(128, LENS58_I), D),
     "lengths <= 352 only (page 5 is the only page past the compiled capacity)"),
    ("rs_page_skip_static", _mk(_page_op(_skip(5, 8, R58)), _std(), SB), "static / batch (every length: equal)"),
    ("rs_row_skip58", _mk(_row_skip58, _grow(128, LENS58), D),
     "the row's last page (s - 1) // 64 through the skip, added to every window page"),
    ("rs_len_skip58", _mk(_len_skip58, _grow(512, LENS_LEN), D),
     "s // 64 (0..4 at the hint, 0..5 at the rerun) through 5 x % 8: pages pos // 64 - prod(r - a), + 240 at "
     "s // 64 = 6, + 48 at 7 (table of 512)"),
    ("rs_flat_skip", _mk(_skip_in_offset, _grow(128, LENS58), D), "the skip added to a flat token index"),
    ("rs_cond_skip", _mk(_skip_cond, _grow(16, [352, 600, 700, 544, 560, 800]), D),
     "condition ((s // 64) * 5) % 8 != 1 (mask.py: evaluated up to its bound)"),
    ("rs_cond_skip_poly", _mk(_skip_cond_poly, _grow(16, [400, 480, 352, 544, 560, 800]), D),
     "condition prod(r - a) == 0 (products of length-derived values in the condition)"),
    ("rs_page_skip_lookup", _mk(_page_op(_skip_lookup), _grow(128, LENS58), D),
     "no product: stack([q, q + 72, q, ...])[..., 5 q % 8] (a gather of length-derived data)"),
    ("rs_page_skip_lookup_dim0", _mk(_page_op(_skip_lookup_index), _grow(128, LENS58), D),
     "the same stacked along dim 0"),
    # 3. negative divisors / masks in the period check
    ("ng_page_rem_negdiv", _mk(_page_op(_ng_rem_negdiv), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page -((-q) % -8): 2 * (-8) <= any span, so the period check passes; q - 8 from page 8"),
    ("ng_page_and_negmask", _mk(_page_op(_ng_and_negmask), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page q - (q & -8)"),
    ("ng_page_and_negmask_int32", _mk(_page_op(_ng_and_negmask_int32), _grow(16, [544, 560, 1024, 48, 528, 1008]),
                                      D), "the same in int32"),
    ("ng_page_rem_negdiv_shift", _mk(_page_op(_ng_rem_negdiv_shift), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page (q - 7) % -8 + 7"),
    ("ng_page_and_negmask4", _mk(_page_op(_ng_and_negmask_large), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page q - (q & -4): wrong from page 4 (the rerun at 5 pages probes page 4: refused?)"),
    ("ng_page_rem_negdiv_static", _mk(_page_op(_ng_rem_negdiv), _std(), SB), "static / batch: equal"),
    ("ng_page_rem_negdiv_fp32", _mk(_page_op(_ng_rem_negdiv), _grow(16, [544, 560, 1024, 48, 528, 1008], dtype=F32),
                                    D), "fp32 data"),
    ("ng_page_and_negmask_int64", _mk(_page_op(_ng_and_negmask), _grow(16, [544, 560, 1024, 48, 528, 1008],
                                                                       length_dtype=torch.int64,
                                                                       index_dtype=torch.int64), D), "int64 inputs"),
    ("ng_pos_negmask", _mk(_ng_pos_negmask, _grow(16, [544, 560, 1008, 552, 600, 1000]), D),
     "positions p - (p & -512) (p % 512): // 64 of a non-monotone value"),
    ("ng_offset_negdiv", _mk(_ng_offset_negdiv, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "control: offsets -((-p) % -64) == p % 64"),
    ("ng_cond_negdiv", _mk(_ng_cond_negdiv, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "control: condition (s - l) % -16 == 0"),
    ("ng_len_negmask", _mk(_ng_len_negmask, _grow(16, [544, 560, 1008, 552, 600, 1000]), D),
     "window end s - (s & -512) (s % 512): the window positions beyond 512 fold"),
    ("ng_page_and_negtensor", _mk(_page_op(_ng_and_negtensor), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page q - (q & tensor(-8))"),
    ("ng_page_rem_negtensor", _mk(_page_op(_ng_rem_negtensor), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page -((-q) % full(l, -8))"),
    ("ng_page_rem_negdiv_plus0", _mk(_page_op(_ng_rem_negdiv_desc), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "page -((-q) % -8) + 0 q"),
    ("ng_flat_negmask", _mk(_ng_flat_negmask, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "flat token index page(q - (q & -8)) * 64 + p % 64"),
    ("ng_row_negmask", _mk(_ng_row_negmask, _grow(16, [544, 560, 1024, 48, 600, 1008]), D),
     "window pages pos // 64 - (((s - 1) // 64) & -8) (first run with a length 528 whose window straddles pages 7 / 8: "
     "eager read page -1, attack bug; 600 now)"),
    ("ng_page_and_neg16", _mk(_page_op(_ng_and_neg_big), _grow(32, [1100, 1500, 2048, 48, 528, 1900]), D),
     "page q - (q & -16), called at 32 pages (lengths past 1024)"),
    # 4. the monotone walk and the within escape
    ("mo_mul_size", _mk(_mo_mul_size, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "x = q * heads * 4 (a size as the factor) % 8"),
    ("mo_clamp_passed", _mk(_page_op(_mo_clamp_passed), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "clamp(q, max=2): wrong against the contract at every capacity (refused) or consistent"),
    ("mo_clamp_col_threshold", _mk(_mo_clamp_col_threshold, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "minimum(q, [2.., 3])"),
    ("mo_ge_passed_dead", _mk(_mo_ge_passed, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "q + ((q >= 2) & (q < 0)): a dead conjunction (equal)"),
    ("mo_where_nan_threshold", _mk(_page_op(_mo_where_clamp_nan), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "where(q < nan, -5, q)"),
    ("mo_skip_then_floordiv", _mk(_page_op(_mo_skip_then_floordiv), _grow(128, LENS58), D),
     "F1's product plus (r // 4) * 0 (a floor division of a non-monotone value)"),
    ("mo_skip_in_where", _mk(_page_op(_mo_skip_in_where), _grow(128, LENS58), D),
     "F1's product inside where(q >= 0, ..., q)"),
    # 5. conditions under dynamic=True
    ("mk_tiny_slope", _mk(_mk_tiny_slope, _grow(64, [2048, 2112, 4000, 48, 528, 1008]), D),
     "condition s // 2 - s // 3 - s // 7 < 50 (slope 1/42: flips near 2100)"),
    ("mk_negmask_4096", _mk(_mk_negmask, _grow(16, [544, 560, 1024, 48, 528, 1008]), D), "(s & -4096) == 0"),
    ("mk_negmask_512", _mk(_mk_negmask_small, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "(s & -512) == 0: false from 512 (a negative mask in the condition)"),
    ("mk_rem_negdiv", _mk(_mk_rem_negdiv, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "-((-s) % -512) == s: false from 513"),
    ("mk_factor01", _mk(_mk_factor01, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "(s >= 32) * (s % 16) == 0 (a [0, 1] factor times a derived value)"),
    ("mk_zero_product", _mk(_mk_neg_product, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "(s % 4) * (s % 3) * 0 == 0"),
    ("mk_where_big", _mk(_mk_where_big, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "where(s > 300, s % 7, 0) == 0"),
    # 6. lookups of length-derived data
    ("lu_page_plus_derived", _mk(_page_op(_lut_plus_derived), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "(q + c)[q], c = -8 on pages 8..15: a constant table read at a length-derived index through derived data"),
    ("lu_page_times_zero", _mk(_page_op(_lut_times_zero), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "(q * 0 + arange(64).clamp(max=7))[q]"),
    ("lu_page_take_along", _mk(_page_op(_lut_index), _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "take_along_dim(q + c, q)"),
    ("lu_positions", _mk(_lut_positions, _grow(16, [544, 560, 1024, 48, 528, 1008]), D),
     "window end (s + c)[s], c = -256 from 512"),
    ("lu_len_rem101", _mk(_len_rem101_lookup, _grow(16, [608, 560, 1024, 48, 528, 1008]), D),
     "s % 101 (span 225 >= 202; 15-19 of 101 residues met on the length lattice) through (q + c)[r]"),
    # 2. thresholds: a clamp with one constant bound and one length-derived bound
    ("th_clamp_hi_derived", _mk(_th_clamp_hi, _grow(16, LENS_TH), D),
     "clamp(q, zeros, 12 - s // 64): the 'within' escape reads the constant bound only"),
    ("th_clamp_hi_derived_scalar_lo", _mk(_th_clamp_hi_scalar, _grow(16, LENS_TH), D), "q.clamp(min=0).clamp(max=Y) (first spelled torch.clamp(q, 0, Y): a TypeError in eager, attack bug)"),
    ("th_clamp_hi_minmax", _mk(_th_clamp_hi_minmax, _grow(16, LENS_TH), D), "minimum(q.clamp(min=0), Y)"),
    ("th_clamp_lo_derived", _mk(_th_clamp_lo_derived, _grow(16, [352, 600, 700, 1000, 960, 900]), D),
     "clamp(q, s // 64 - 12, 1000): the derived lower bound lifts q from s = 832 + ... on"),
    ("th_clamp_pos_hi", _mk(_th_clamp_pos_hi, _grow(16, LENS_POS), D), "positions clamp(s - l + j, 0, 2000 - 2 s)"),
    ("th_where_derived", _mk(_th_where_derived, _grow(16, LENS_TH), D), "where(q > Y, Y, q) (control)"),
    ("th_eq_passed", _mk(_th_eq_passed, _grow(16, LENS_TH), D), "q + 4 (q == -5): never true (equal)"),
    ("th_clamp_max_derived_only", _mk(_th_clamp_min_vs_max, _grow(16, LENS_TH), D),
     "clamp(q, -1, s // 64) (a no-op: s // 64 >= q always; equal)"),
]

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_FIRST = [
    ('rs_page_skip_poly', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_poly', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_poly58', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_poly58', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_poly58', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_poly58_first', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_poly58_first', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_poly58_first', 'torchair', 'dynamic', 'CONTROL DIFFERS'),
    ('rs_page_skip_poly58_first', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_and58', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_and58', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_and58', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_floordiv58', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_floordiv58', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_divfloor58', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_divfloor58', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_fmod58', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_fmod58', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_rem78', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_rem78', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_int32', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_int32', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_int32', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_int64_inputs', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_int64_inputs', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_fp32', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_fp32', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_bf16', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_bf16', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_clamped_where', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_clamped_where', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_clamp_after', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_clamp_after', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_cube_term', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_cube_term', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_mul_mask', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_mul_mask', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_lens_small', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_lens_small', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_page_skip_static', 'inductor', 'batch', 'FUSED & EQUAL'),
    ('rs_page_skip_static', 'inductor', 'static', 'FUSED & EQUAL'),
    ('rs_page_skip_static', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('rs_page_skip_static', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('rs_page_skip_static', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('rs_page_skip_static', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('rs_row_skip58', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_row_skip58', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_row_skip58', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_len_skip58', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_len_skip58', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_len_skip58', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_flat_skip', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('rs_flat_skip', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('rs_flat_skip', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('rs_cond_skip', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_cond_skip', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_cond_skip_poly', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_cond_skip_poly', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_lookup', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_lookup', 'torchair_like', 'dynamic', 'REFUSED'),
    ('rs_page_skip_lookup_dim0', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('rs_page_skip_lookup_dim0', 'torchair_like', 'dynamic', 'REFUSED'),
    ('ng_page_rem_negdiv', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv', 'torchair', 'dynamic', 'CONTROL DIFFERS'),
    ('ng_page_rem_negdiv', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask_int32', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask_int32', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask_int32', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv_shift', 'inductor', 'dynamic', 'REFUSED'),
    ('ng_page_rem_negdiv_shift', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('ng_page_rem_negdiv_shift', 'torchair', 'dynamic', 'REFUSED'),
    ('ng_page_rem_negdiv_shift', 'torchair_like', 'dynamic', 'REFUSED'),
    ('ng_page_and_negmask4', 'inductor', 'dynamic', 'REFUSED'),
    ('ng_page_and_negmask4', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('ng_page_and_negmask4', 'torchair_like', 'dynamic', 'REFUSED'),
    ('ng_page_rem_negdiv_static', 'inductor', 'batch', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'inductor', 'static', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'torchair', 'batch', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'torchair', 'static', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_static', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('ng_page_rem_negdiv_fp32', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv_fp32', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv_fp32', 'torchair', 'dynamic', 'CONTROL DIFFERS'),
    ('ng_page_rem_negdiv_fp32', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask_int64', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask_int64', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negmask_int64', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_pos_negmask', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('ng_pos_negmask', 'torchair_like', 'dynamic', 'REFUSED'),
    ('ng_offset_negdiv', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('ng_offset_negdiv', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('ng_offset_negdiv', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('ng_cond_negdiv', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('ng_cond_negdiv', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('ng_cond_negdiv', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('ng_len_negmask', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('ng_len_negmask', 'torchair_like', 'dynamic', 'REFUSED'),
    ('ng_page_and_negtensor', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_negtensor', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negtensor', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negtensor', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv_plus0', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv_plus0', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_rem_negdiv_plus0', 'torchair', 'dynamic', 'REFUSED'),
    ('ng_page_rem_negdiv_plus0', 'torchair_like', 'dynamic', 'REFUSED'),
    ('ng_flat_negmask', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_flat_negmask', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_flat_negmask', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_row_negmask', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_row_negmask', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_row_negmask', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_neg16', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_neg16', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('ng_page_and_neg16', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('mo_mul_size', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mo_mul_size', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mo_clamp_passed', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mo_clamp_passed', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mo_clamp_col_threshold', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mo_clamp_col_threshold', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mo_ge_passed_dead', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('mo_ge_passed_dead', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mo_ge_passed_dead', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('mo_where_nan_threshold', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mo_where_nan_threshold', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mo_skip_then_floordiv', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('mo_skip_then_floordiv', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mo_skip_in_where', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('mo_skip_in_where', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('mo_skip_in_where', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('mk_tiny_slope', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_tiny_slope', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mk_negmask_4096', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_negmask_4096', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mk_negmask_512', 'inductor', 'dynamic', 'REFUSED'),
    ('mk_negmask_512', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_negmask_512', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mk_rem_negdiv', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_rem_negdiv', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mk_factor01', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('mk_factor01', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mk_factor01', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('mk_zero_product', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_zero_product', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mk_where_big', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mk_where_big', 'torchair_like', 'dynamic', 'REFUSED'),
    ('lu_page_plus_derived', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('lu_page_plus_derived', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('lu_page_plus_derived', 'torchair', 'dynamic', 'CONTROL DIFFERS'),
    ('lu_page_plus_derived', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('lu_page_times_zero', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('lu_page_times_zero', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('lu_page_take_along', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('lu_page_take_along', 'torchair_like', 'dynamic', 'REFUSED'),
    ('lu_positions', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('lu_positions', 'torchair_like', 'dynamic', 'REFUSED'),
    ('lu_len_rem101', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('lu_len_rem101', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('lu_len_rem101', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('th_clamp_hi_derived', 'inductor', 'dynamic', 'REFUSED'),
    ('th_clamp_hi_derived', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_clamp_hi_derived', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('th_clamp_hi_derived_scalar_lo', 'inductor', 'dynamic', 'REFUSED'),
    ('th_clamp_hi_derived_scalar_lo', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_clamp_hi_derived_scalar_lo', 'torchair_like', 'dynamic', 'REFUSED'),
    ('th_clamp_hi_minmax', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_clamp_hi_minmax', 'torchair_like', 'dynamic', 'REFUSED'),
    ('th_clamp_lo_derived', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_clamp_lo_derived', 'torchair_like', 'dynamic', 'REFUSED'),
    ('th_clamp_pos_hi', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_clamp_pos_hi', 'torchair_like', 'dynamic', 'REFUSED'),
    ('th_where_derived', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_where_derived', 'torchair_like', 'dynamic', 'REFUSED'),
    ('th_eq_passed', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('th_eq_passed', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('th_eq_passed', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('th_clamp_max_derived_only', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('th_clamp_max_derived_only', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
