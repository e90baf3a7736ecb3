"""Eighteenth adversarial review of the recogniser (round 18; reviewer focus: the proof's core).

Focus: the proof's core (docs/soundness.md's integer-path, condition, rows, sizes and pooling arguments; exactness.py's
intervals, monotone walks and ``_probed_span``; mask.py's periodicity bound; sizes.py's size values; evaluate.py's
probe batch; pooling.py's accepted IEEE forms).  Same format as redteam14: every entry of ``ATTACKS`` is ``(name,
factory, notes)``; the factory returns ``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens,
cache)`` (attacks.build's inputs: l = 32, d = 16, P = 64 baked in); runner and classification are redteam7's
``classify7``.  Dynamic attacks compile at capacity 256 (4 pages, B = 8) and are then called at a larger capacity
(``_grow``: 16 or 32 pages, B = 6, lengths past 512 / 1024; valid: page ids in range, lengths <= capacity).

    python tests/corpora/redteam18.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam18.py --table OUT.md [--dialect D ...] [name ...]

First try (21:46-22:27 UTC, snapshot of 0a646da in /tmp/base18, PYTHONPATH=/tmp/base18, run from that tree): 92
attacks in 6 themes, 384 runs.  inductor_graph 151 runs: 15 FALSE FUSION / 0 CRASH / 77 equal / 59 refused / 0
control differs; torchair_like 151 runs: 15 FALSE FUSION / 0 CRASH / 78 equal / 58 refused; Inductor codegen
(nsa_fusion_backend) 62 runs (every period-check attack, the sizes attacks, rows, and a sample of the integer /
condition / pooling attacks in every mode they run): 15 FALSE FUSION (all confirmed) / 26 equal / 21 refused; real
torchair (CPU GE emulation) 20 runs: 15 CONTROL DIFFERS (the F1 attacks: plain torchair fails to compile the step,
BackendCompilerFailed, as it does for the refused pd_page_and_plain (CONTROL CRASHES TOO); with the pass it compiles
and differs from eager) / 2 equal / 2 refused / 1 control crashes too.  By attack: 15 false fusions, one class (F1;
/work/briefs/redteam18_findings.md, repro /work/briefs/redteam18_repro_f1.py), 40 equal in some mode, 37 refused.

* F1 FALSE FUSION (inductor_graph, torchair_like, Inductor codegen; dynamic=True only; fp16 / bf16 / fp32, int32 /
  int64 lengths and tables): the period check of ``exactness.check_length_thresholds`` (a remainder, bit mask or
  floor division of a length-derived value by a constant must have had its period spanned twice by the probed
  lengths) measures the span with ``_probed_span``: ``last.hi - first.lo + 1`` from x's intervals at the first and
  the last probed length.  That counts the values ONE element of x covered only when the interval at one length is a
  point.  A term that does not change with the length widens it: (a) a constant per-column offset, ``x = pos // 64 +
  arange(l) * 8`` ([q, q + 248] at each length, or one column offset by 8000); (b) the dead branch of a clamp-like
  ``where`` that ``_monotone`` accepts (``_clamped_below``), ``x = where(q < 0, -1000, q)`` (interval [-1000, q] though
  q >= 0 on every input).  So ``(q + 8 j) % 8``, ``(q + 8 j) & 7``, ``where(q < 0, -1000, q) % 8`` (also ``q >= 0``
  orientation) and ``q - 8 * ((q + 8 j) // 8 - j)`` pass with spans of 252 / 1004, where each element of x took 4
  values (pages 0..3 at the compiled capacity 256): the identity on every probe, ``q - 8`` from page 8 on.  The
  dynamic graph is reused at 16 pages; eager reads ``block_table[b, p // 64 - 8]``, the fused op ``block_table[b, p //
  64]``; plain Inductor matches eager.  Attacks pd_page_rem_cols, pd_page_and_cols, pd_page_rem_dead_branch,
  pd_page_and_dead_branch, pd_page_rem_dead_branch_ge, pd_page_floordiv_cols, pd_page_floordiv_dead_branch,
  pd_page_rem_cols_desc, _int32, _neg, _fp32, _bf16, _int64, pd_page_rem_one_col, pd_page_rem_cols_then_clamp.
  The same spellings are equal under static / batch (pd_page_rem_cols_static: every length probed).  Not reached
  through the window positions themselves (pd_pos_rem_cols, pd_pos_rem_dead_branch: the ``// 64`` after the widened
  remainder is not monotone, refused) or the condition (mask.py's bound sums the constants, pd_cond_rem_dead_branch).

Attack bugs (first run EAGER FAILS, my inputs invalid; fixed and rerun, the table holds the rerun): pd_pos_rem_cols /
pd_pos_rem_dead_branch (a length with s % 512 < l read position -1: lengths changed), ie_shift_int32_big (int32
``(pos << 24) >> 24`` wraps to negative positions at capacity 256: now capacity 128, equal), ie_bf16_pos_cap512
(bf16 rounded position 511 to 512, past the table: lengths <= 480 now; refused), ie_floordiv_neg_divisor (a ceil
division read page 4 of 4: rewritten as the floor it is meant to be, equal), sz_page_from_width (page size 128 over
64-token pages read offsets past the page: now 3 pages of width 48, refused).  pd_cond_rem_dead_branch was first
spelled with ``+ 0 * s`` in a comparison (refused by the batch plan) and simplified (refused by the mask bound).

Not found (equal or refused), by theme:
1. period checks: plain ``q % 8`` / ``q & 7`` (refused: span 4), ``(q + 4 j) % 4`` (refused at the generalised sizes),
   thresholds on a widened value (``clamp(max=7)``, ``where(q >= 8, 0, q)``: the "within" rule reads the last length's
   interval, which the widening lowers: refused), a widened offset ``% 64`` (right everywhere: equal).
2. integer intervals: |s - l + j| unclamped, |s - 1 - (l - 1 - j)|, trunc division and fmod of negative positions,
   minimum(s, capacity from the shapes), maximum(pos, zeros), s - l * sign(s), -(-s), s ^ 0, (s // 16 * 16) | (s & 15),
   pos >> 6 / pos & 63, int32 shifts, floor(pos / 64.0), positions through fp16 / bf16 (exact at these capacities),
   pos % -64, a ceil of the negation, int32 flat indices (also at 40M / 2048 blocks), int64 clamp(max=2**31 - 1):
   equal in static / batch; refused under dynamic=True where the rules say so (abs, sign, xor, fmod, float casts,
   int32 adds that may wrap).  s + (2**31 - 1) - (2**31 - 1) in int32 (wraps and back): refused (a refusal of an
   exact spelling).  abs() of page ids: refused.
3. conditions: & 15, shifts, fmod, trunc, a sign bit (>> 62), a big mask 0x10F, xor with a constant, |s - l| == s - l,
   minimum(s, l) == l, % 4096 % 16, s < 100000, (l - s) % 16: equal in static / batch and where the dynamic bound is
   small; refused past MAX_MASK_RANGE.  The periodicity bound held every time.
4. pooling: computed weights (-(-w), w * 1, w / 1, sqrt(w * w) * sign(w), NaN / inf guards, w - (w - w)): refused
   ("weight is computed"); (t * w) / 1, einsum * 1 (fp32), fp16 products, fp64 accumulation, an accumulator from
   -0.0: refused; tokens + 0.0 and tokens + (-0.0): equal (both exact for the op's sum from +0.0, checked on windows of
   signed zeros).
5. sizes: page size baked in as 64 under a symbolic P (called at P = 128), page size table.shape[1] * 16, stride
   kv.shape[1] // 4, window s - 2 D + j, s <= 64 * B, (pos // 64) % table.shape[1], page ids % kv.shape[0], clamps to
   the block count and the capacity read off the shapes, positions looked up in arange(cap).clamp(max=1023) /
   (ones(cap).cumsum(0) - 1).clamp / % 1024 / kv.new_ones(4096)...: guarded (recompiled), equal or refused.
6. rows: a [B, l] constant arange(B * l).view(B, l) that shifts rows >= 32 (past the probe cut): refused by the batch
   plan; its % l control: equal.
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
P = 64  # the page size, baked in as a constant (kv.shape[1] under dynamic=True is a symbol: _monotone needs ints)


# --- inputs ------------------------------------------------------------------------------------------------
def _grow(big_pages, lens_big, dtype=F16, length_dtype=torch.int32, index_dtype=torch.int32):
    """Compiled at capacity 256 (4 pages, B = 8), then called at ``big_pages`` pages (B = len(lens_big), not 8: no
    duck-sized coincidence that would recompile) with long lengths."""
    def make():
        kw = dict(dtype=dtype, length_dtype=length_dtype, index_dtype=index_dtype)
        return [build(B=8, **kw), build(B=len(lens_big), pages=big_pages, distinct_pages=False, block_num=64,
                                          lengths=lens_big, specials=False, seed=1, **kw)]
    return make


def _std(B=40, **kw):
    return lambda: [build(B=B, **kw)]


def _two(B=40, **kw):
    """Two calls (the second at other values, same sizes)."""
    return lambda: [build(B=B, **kw), build(B=B, seed=7, **kw)]


BIG16 = [544, 560, 1024, 48, 528, 1008]  # capacity 1024 (16 pages): positions 512..1023 read pages 8..15
BIG_POS = [544, 560, 1008, 552, 600, 1000]  # (every row has s % 512 >= l: eager reads no negative position)


def _tail(pos, kv, w, slots, table, lens, cache, pidx=None):
    """Tokens at ``pos`` (page index ``pidx``, default pos // P), the reference pooling and write."""
    pidx = pos // P if pidx is None else pidx
    tok = kv[table.long().gather(1, pidx), pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


# --- 1. period checks: a remainder / mask / floor division whose "span" a length-constant term widens ----------
def _page_op(op):
    """Page index ``op(pos // P)``: the identity on the pages a capacity of 256 reaches (0..3), not beyond."""
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        return _tail(pos, kv, w, slots, table, lens, cache, pidx=op(pos // P))
    return step


_J = lambda: torch.arange(L)  # noqa: E731
_pg_rem_cols = _page_op(lambda q: (q + _J() * 8) % 8)
_pg_and_cols = _page_op(lambda q: (q + _J() * 8) & 7)
_pg_rem_cols_k4 = _page_op(lambda q: (q + _J() * 4) % 4)  # (4 == pages at compile: q in 0..3, identity)
_pg_rem_plain = _page_op(lambda q: q % 8)  # control of the check: no widening, refused
_pg_and_plain = _page_op(lambda q: q & 7)
_pg_rem_dead_branch = _page_op(lambda q: torch.where(q < 0, -1000, q) % 8)  # q >= 0 always: a dead branch widens
_pg_rem_dead_branch_and = _page_op(lambda q: torch.where(q < 0, -1000, q) & 7)
_pg_floordiv_cols = _page_op(lambda q: q - ((q + _J() * 8) // 8 - _J()) * 8)  # q - 8 * (q // 8) through a widened //
_pg_rem_cols_desc = _page_op(lambda q: (q + _J().flip(0) * 8) % 8)
_pg_rem_cols_int32 = _page_op(lambda q: (q.int() + _J().int() * 8) % 8)
_pg_rem_cols_neg = _page_op(lambda q: (q - _J() * 8) % 8)  # (negative column offsets: % floors to the same)
_pg_rem_one_col = _page_op(lambda q: (q + torch.tensor([0] * (L - 1) + [8 * 1000])) % 8)  # one wide column
_pg_rem_cols_then_clamp = _page_op(lambda q: ((q + _J() * 8) % 8).clamp(min=0))


def _pos_op(op):
    """Positions ``op(s)`` with ``s`` clamped to [l, ..]: the window's last position + 1 changed past 512."""
    def step(kv, w, slots, table, lens, cache):
        s = lens.long().clamp(min=L)
        pos = op(s)[:, None] - L + torch.arange(L) if op is not None else None
        return _tail(pos, kv, w, slots, table, lens, cache)
    return step


def _pos_rem_cols(kv, w, slots, table, lens, cache):
    """pos = (s + 512 j) % 512 - l + j: s % 512 per column, widened by 512 j."""
    s = lens.long().clamp(min=L)
    pos = (s[:, None] + _J() * 512) % 512 - L + _J()
    return _tail(pos, kv, w, slots, table, lens, cache)


def _pos_rem_dead_branch(kv, w, slots, table, lens, cache):
    s = lens.long().clamp(min=L)
    s2 = torch.where(s < 0, -100000, s) % 512
    return _tail(s2[:, None] - L + _J(), kv, w, slots, table, lens, cache)


def _offset_rem_dead_branch(kv, w, slots, table, lens, cache):
    """The offset in the page through a widened remainder by 64 (correct everywhere: a control that must fuse)."""
    pos = positions(lens)
    off = torch.where(pos < 0, -100000, pos) % P
    tok = kv[table.long().gather(1, pos // P), off]
    return write(cache, slots, completes(lens), pool(tok, w))


def _cond_rem_dead_branch(kv, w, slots, table, lens, cache):
    """The condition's remainder through a dead branch (the mask's own bound: constants summed)."""
    s = lens.long()
    x = torch.where(s < 0, -100000, s - L)
    valid = (s >= L) & (x % 16 == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _thr_widened(kv, w, slots, table, lens, cache):
    """A clamp threshold under a widened interval: page index clamp(max=7) of q + 0 * j (no-op below 8 pages)."""
    pos = positions(lens)
    q = (pos // P).clamp(max=7)
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q)


def _thr_where_widened(kv, w, slots, table, lens, cache):
    """where(q >= 8, 0, q) with q widened by a dead branch."""
    pos = positions(lens)
    q = torch.where(pos // P < 0, -1000, pos // P)
    q = torch.where(q >= 8, torch.zeros_like(q), q)
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q)


# --- 2. integer interval edges (static, batch): abs, sign, trunc / floor of negatives, wraps, min / max ----------
def _pos_expr(f):
    """Positions f(s [B, 1] int64, j [l]) (clamped below by 0 where f leaves them)."""
    def step(kv, w, slots, table, lens, cache):
        pos = f(lens.long()[:, None], _J())
        return _tail(pos, kv, w, slots, table, lens, cache)
    return step


_ie_abs_window = _pos_expr(lambda s, j: (s - L + j).abs())  # |p| = p on qualifying rows
_ie_abs_reversed = _pos_expr(lambda s, j: (s - 1 - (L - 1 - j)).abs())


def _ie_trunc_pages(kv, w, slots, table, lens, cache):
    """Unclamped positions, pages by trunc division and offsets by fmod (rows that do not qualify read -l..-1:
    trunc / fmod give page 0 and offsets -31..-1, which index from the end of the page)."""
    pos = lens.long()[:, None] - L + _J()
    tok = kv[table.long().gather(1, torch.div(pos, P, rounding_mode="trunc")), torch.fmod(pos, P)]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ie_int32_wrap_back(kv, w, slots, table, lens, cache):
    """s + (2**31 - 1) - (2**31 - 1) in int32: wraps and wraps back (exact modulo 2**32)."""
    s = lens.int() + (2 ** 31 - 1)
    s = s - (2 ** 31 - 1)
    pos = (s.long()[:, None] - L + _J()).clamp(min=0)
    return _tail(pos, kv, w, slots, table, lens, cache)


def _ie_minimum_capacity(kv, w, slots, table, lens, cache):
    """minimum(s, capacity) (a no-op on valid lengths), capacity read off the shapes."""
    cap = table.shape[1] * kv.shape[1]
    s = torch.minimum(lens.long(), torch.full_like(lens.long(), cap))
    return _tail((s[:, None] - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _ie_maximum_pos(kv, w, slots, table, lens, cache):
    pos = torch.maximum(lens.long()[:, None] - L + _J(), torch.zeros(1, L, dtype=torch.long))
    return _tail(pos, kv, w, slots, table, lens, cache)


def _ie_sign_times(kv, w, slots, table, lens, cache):
    """pos = s - l * sign(s) + j: s - l + j for s > 0."""
    s = lens.long()[:, None]
    return _tail((s - L * s.sign() + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _ie_neg_neg(kv, w, slots, table, lens, cache):
    s = -(-lens.long())
    return _tail((s[:, None] - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _ie_xor_zero(kv, w, slots, table, lens, cache):
    s = lens.long() ^ 0
    return _tail((s[:, None] - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _ie_or_low_bits(kv, w, slots, table, lens, cache):
    """(s // 16 * 16) | (s & 15) == s (bits disjoint)."""
    s = lens.long()
    s = (s // 16 * 16) | (s & 15)
    return _tail((s[:, None] - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


def _ie_shift_pair(kv, w, slots, table, lens, cache):
    """pos >> 6 for the page, pos & 63 for the offset."""
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos >> 6), pos & 63]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ie_shift_int32_big(kv, w, slots, table, lens, cache):
    """int32 positions shifted left by 24 and back: exact below 128 (capacity 128 here), no wrap."""
    pos = positions(lens).int()
    pos = (pos << 24) >> 24
    return _tail(pos.long(), kv, w, slots, table, lens, cache)


def _ie_float_floor_page(kv, w, slots, table, lens, cache):
    """Page index through float32: floor(pos / 64.0) (exact for these sizes)."""
    pos = positions(lens)
    q = torch.floor(pos.float() / P).long()
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=q)


def _ie_float_round_pos(kv, w, slots, table, lens, cache):
    """Positions round-tripped through float16 (exact up to 2048: capacity 256 here)."""
    pos = positions(lens).half().long()
    return _tail(pos, kv, w, slots, table, lens, cache)


def _ie_bf16_pos(kv, w, slots, table, lens, cache):
    """Positions round-tripped through bf16 (exact only up to 256: 257 rounds)."""
    pos = positions(lens).bfloat16().long()
    return _tail(pos, kv, w, slots, table, lens, cache)


def _ie_remainder_neg_divisor(kv, w, slots, table, lens, cache):
    """Offsets by remainder with a negative divisor: pos % -64 is in (-64, 0], indexes from the page's end."""
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P), pos % -P]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ie_floordiv_neg_divisor(kv, w, slots, table, lens, cache):
    """-((-pos) // 64) - (pos % 64 != 0): floor through a ceil of the negation (equal)."""
    pos = positions(lens)
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=(-((-pos) // P)) - (pos % P != 0).long())


def _ie_page_abs(kv, w, slots, table, lens, cache):
    """abs() of page ids (valid ids are >= 0: the identity)."""
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P).abs(), pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ie_page_int32_mul(kv, w, slots, table, lens, cache):
    """A flat token index page * 64 + offset computed in int32 (table int32)."""
    pos = positions(lens)
    flat = table.gather(1, (pos // P).int().long()) * P + (pos % P).int()
    tok = kv.view(-1, *kv.shape[2:])[flat.long()]
    return write(cache, slots, completes(lens), pool(tok, w))


def _ie_len_clamp_dtype_max(kv, w, slots, table, lens, cache):
    """lens.clamp(max=2**31 - 1) of int64 lengths: a no-op."""
    s = lens.long().clamp(max=2 ** 31 - 1)
    return _tail((s[:, None] - L + _J()).clamp(min=0), kv, w, slots, table, lens, cache)


# --- 3. conditions the mask proof reads (dynamic: the periodicity bound) ---------------------------------------
def _cond(cond_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, cond_of(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


_mk_and15 = _cond(lambda s: (s >= L) & (((s.long() - L) & 15) == 0))
_mk_shift = _cond(lambda s: (s >= L) & (((s.long() - L) >> 4) << 4 == s.long() - L))
_mk_fmod = _cond(lambda s: (s >= L) & (torch.fmod(s.long() - L, 16) == 0))
_mk_trunc = _cond(lambda s: (s >= L) & (torch.div(s.long() - L, 16, rounding_mode="trunc") * 16 == s.long() - L))
_mk_sign_bit = _cond(lambda s: ((s.long() - L) >> 62 == 0) & ((s.long() - L) % 16 == 0))  # s >= l as a sign bit
_mk_bigmask = _cond(lambda s: (s >= L) & (((s.long() - L) & 0x10F) & 15 == 0))
_mk_xor_const = _cond(lambda s: (s >= L) & (((s.long() ^ 4096) - (s.long() ^ 4096)) + (s.long() - L) % 16 == 0))
_mk_abs = _cond(lambda s: ((s.long() - L).abs() == s.long() - L) & ((s.long() - L) % 16 == 0))
_mk_min_max = _cond(lambda s: (torch.minimum(s.long(), torch.full_like(s.long(), L)) == L) & ((s.long() - L) % 16 == 0))
_mk_mod_of_mod = _cond(lambda s: (s >= L) & ((s.long() - L) % 4096 % 16 == 0))  # (s - l) % 4096 % 16: same
_mk_far_threshold = _cond(lambda s: (s >= L) & ((s.long() - L) % 16 == 0) & (s.long() < 100000))  # past 100000
_mk_neg_rem = _cond(lambda s: (s >= L) & ((L - s.long()) % 16 == 0))


# --- 4. pooling: IEEE forms of the weighted sum --------------------------------------------------------------
def _pool_form(f):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        return write(cache, slots, completes(lens), f(tok, w.float()[None, :, :, None]))
    return step


_pl_neg_neg_w = _pool_form(lambda t, w: (t * -(-w)).sum(1))
_pl_sub_neg_products = _pool_form(lambda t, w: -((t * -w).sum(1)))  # -(sum of -p): the sign of a zero sum
_pl_w_times_one = _pool_form(lambda t, w: (t * (w * 1.0)).sum(1))
_pl_w_div_one = _pool_form(lambda t, w: (t * (w / 1.0)).sum(1))
_pl_products_div_one = _pool_form(lambda t, w: ((t * w) / 1.0).sum(1))
_pl_w_sq_sqrt = _pool_form(lambda t, w: (t * (w * w).sqrt() * w.sign()).sum(1))  # |w| * sign(w): w, except -0/NaN
_pl_sub_chain = _pool_form(lambda t, w: sum((t[:, j] * -w[:, j]).neg() for j in range(L)))  # (python sum from int 0)


def _pl_acc_minus_negprod(kv, w, slots, table, lens, cache):
    """acc = acc - x_j * (-w_j) from +0.0 in window order: a - (-b) == a + b in IEEE."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    acc = torch.zeros(tok.shape[0], *tok.shape[2:])
    for j in range(L):
        acc = acc - tok[:, j] * (-wf[j])[None, :, None]
    return write(cache, slots, completes(lens), acc)


def _pl_acc_fp64(kv, w, slots, table, lens, cache):
    """fp64 accumulation in window order, rounded to fp32 then to the cache dtype (double rounding)."""
    tok = tokens(kv, table, positions(lens)).double()
    new = (tok * w.double()[None, :, :, None]).sum(1).float()
    return write(cache, slots, completes(lens), new)


def _pl_acc_from_minus_zero(kv, w, slots, table, lens, cache):
    """acc from -0.0, window order (the op starts from +0.0; -0.0 + -0.0 = -0.0)."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    acc = torch.full((tok.shape[0], *tok.shape[2:]), -0.0)
    for j in range(L):
        acc = acc + tok[:, j] * wf[j][None, :, None]
    return write(cache, slots, completes(lens), acc)


def _pl_weight_fp16_product(kv, w, slots, table, lens, cache):
    """Products in fp16, then summed in fp32 (products round in fp16)."""
    tok = tokens(kv, table, positions(lens))
    new = (tok * w[None, :, :, None]).float().sum(1)
    return write(cache, slots, completes(lens), new)


def _pl_einsum_then_scale_one(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float()
    new = torch.einsum("bjnd,jn->bnd", tok, w.float()) * 1.0
    return write(cache, slots, completes(lens), new)


def _pl_weight_where_nan(kv, w, slots, table, lens, cache):
    """The weight with NaNs replaced by 0 ("safety"): differs on a NaN weight."""
    wf = torch.where(w.isnan(), torch.zeros_like(w), w).float()
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * wf[None, :, :, None]).sum(1))


def _pl_weight_inf_clamped(kv, w, slots, table, lens, cache):
    """The weight's infinities clamped to the dtype's max (NaN kept)."""
    fi = torch.finfo(w.dtype)
    wf = w.float()
    wf = torch.where(wf.isinf(), wf.sign() * fi.max, wf)
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * wf[None, :, :, None]).sum(1))


def _pl_weight_max_minus(kv, w, slots, table, lens, cache):
    """w - (w - w): NaN for infinite weights, w elsewhere."""
    wf = w.float()
    wf = wf - (wf - wf)
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * wf[None, :, :, None]).sum(1))


def _pl_tokens_plus_minus_zero(kv, w, slots, table, lens, cache):
    """tokens + (-0.0): the identity in IEEE (x + -0 == x, -0 + -0 == -0)."""
    tok = tokens(kv, table, positions(lens)).float() + (-0.0)
    return write(cache, slots, completes(lens), (tok * w.float()[None, :, :, None]).sum(1))


def _pl_tokens_plus_zero(kv, w, slots, table, lens, cache):
    """tokens + 0.0: -0.0 tokens become +0.0 (products change sign of zero)."""
    tok = tokens(kv, table, positions(lens)).float() + 0.0
    return write(cache, slots, completes(lens), (tok * w.float()[None, :, :, None]).sum(1))


def _weights_special(dtype=F16):
    """Inputs whose weight holds NaN, +-inf, -0.0, the max and subnormals in some entries."""
    def make():
        a = build(B=40, dtype=dtype)
        w = a.args[1]
        fi = torch.finfo(dtype)
        vals = [float("nan"), float("inf"), float("-inf"), -0.0, fi.max, -fi.max, fi.tiny / 4, 0.0]
        for i, v in enumerate(vals):
            w[3 * i + 1, i % w.shape[1]] = v
        return [a]
    return make


def _zero_windows(dtype=F16):
    """Every window read is -0.0 or +0.0 tokens (sign-of-zero sums)."""
    return lambda: [build(B=40, dtype=dtype, window=lambda b, s: [(-0.0 if (b + j) % 3 else 0.0) for j in range(L)])]


# --- 5. sizes: constants and size values against symbolic page sizes, widths and head dims --------------------
def _other_sizes(**kw):
    """Compiled at the usual sizes (B = 8, P = 64, 4 pages), then called at other sizes ``kw`` (B = 6)."""
    def make():
        lens = kw.pop("lengths", [256, 240, 48, 32, 0, 100])
        return [build(B=8), build(B=6, lengths=lens, seed=3, **kw)]
    return make


def _sz_const_page(kv, w, slots, table, lens, cache):
    """The reference step with the page size baked in as 64 (kv.shape[1] is a symbol under dynamic=True)."""
    return _tail(positions(lens), kv, w, slots, table, lens, cache)


def _sz_page_from_width(kv, w, slots, table, lens, cache):
    """Page size read as table.shape[1] * 16 (64 at 4 pages)."""
    pos = positions(lens)
    Pw = table.shape[1] * 16
    tok = kv[table.long().gather(1, pos // Pw), pos % Pw]
    return write(cache, slots, completes(lens), pool(tok, w))


def _sz_stride_from_shape(kv, w, slots, table, lens, cache):
    """Stride read as kv.shape[1] // 4 (16 at P = 64)."""
    d = kv.shape[1] // 4
    valid = (lens >= L) & ((lens - L) % d == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _sz_window_from_head_dim(kv, w, slots, table, lens, cache):
    """Window positions s - 2 D + j for j < l (2 D = 32 = l at D = 16): another window at D = 32."""
    D = kv.shape[3]
    pos = (lens.long()[:, None] - 2 * D + _J()).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def _sz_batch_value(kv, w, slots, table, lens, cache):
    """A condition on s <= 64 * B (true for every valid length at B = 8, capacity 256)."""
    B = lens.shape[0]
    valid = completes(lens) & (lens <= 64 * B)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _sz_rem_by_width(kv, w, slots, table, lens, cache):
    """Page index (pos // 64) % table.shape[1]: the identity on valid positions at every width."""
    pos = positions(lens)
    return _tail(pos, kv, w, slots, table, lens, cache, pidx=(pos // P) % table.shape[1])


def _sz_rem_by_blocks(kv, w, slots, table, lens, cache):
    """Page ids % kv.shape[0] (the identity on valid ids, at every block count)."""
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P) % kv.shape[0], pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


def _sz_clamp_to_blocks_minus2(kv, w, slots, table, lens, cache):
    """Page ids clamp(0, kv.shape[0] - 1) (a no-op) and a position clamp(max=cap - 1) read off the shapes."""
    cap = table.shape[1] * kv.shape[1]
    pos = positions(lens).clamp(max=cap - 1)
    tok = kv[table.long().gather(1, pos // P).clamp(0, kv.shape[0] - 1), pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


def _lut(make):
    """Positions looked up in a table ``make(cap, kv)`` (cap = table.shape[1] * 64, a symbol under dynamic=True)
    at the contract's positions: the identity below 1024, clamped or wrapped beyond."""
    def step(kv, w, slots, table, lens, cache):
        ar = make(table.shape[1] * P, kv)
        return _tail(ar[positions(lens)], kv, w, slots, table, lens, cache)
    return step


_lut_arange_clamp = _lut(lambda c, kv: torch.arange(c).clamp(max=1023))
_lut_cumsum_clamp = _lut(lambda c, kv: (torch.ones(c, dtype=torch.long).cumsum(0) - 1).clamp(max=1023))
_lut_arange_rem = _lut(lambda c, kv: torch.arange(c) % 1024)
_lut_cumsum = _lut(lambda c, kv: torch.ones(c, dtype=torch.long).cumsum(0) - 1)
_lut_new_ones_fixed = _lut(lambda c, kv: (kv.new_ones((4096,), dtype=torch.long).cumsum(0) - 1).clamp(max=1023))
_pg_rem_dead_branch_ge = _page_op(lambda q: torch.where(q >= 0, q, -1000) % 8)
_pg_floordiv_dead_branch = _page_op(lambda q: q - (torch.where(q < 0, -1000, q) // 8) * 8)


def _rows_const_shift(kv, w, slots, table, lens, cache):
    """j from a [B, l] constant arange(B * l).view(B, l) % l, plus row // 32 from the same constant: rows past the
    probe cut of 32 read a window shifted by one (static B = 40)."""
    B = lens.shape[0]
    c = torch.arange(B * L).view(B, L)
    pos = (lens.long()[:, None] - L + c % L + c // (32 * L)).clamp(min=0)
    return _tail(pos, kv, w, slots, table, lens, cache)


def _rows_const_mod(kv, w, slots, table, lens, cache):
    """Control: j = arange(B * l).view(B, l) % l (the same j on every row)."""
    B = lens.shape[0]
    pos = (lens.long()[:, None] - L + torch.arange(B * L).view(B, L) % L).clamp(min=0)
    return _tail(pos, kv, w, slots, table, lens, cache)


S, SB, ALL, D = ("static",), ("static", "batch"), ("static", "batch", "dynamic"), ("dynamic",)
ATTACKS = [
    # 1. period checks widened by length-constant terms (dynamic=True, compiled at capacity 256, called at 1024)
    ("pd_page_rem_cols", _mk(_pg_rem_cols, _grow(16, BIG16), D),
     "page index (q + 8 j) % 8, q = pos // 64: the span of x = q + 8 j widened by the column offsets 8 j"),
    ("pd_page_and_cols", _mk(_pg_and_cols, _grow(16, BIG16), D), "(q + 8 j) & 7"),
    ("pd_page_rem_cols_k4", _mk(_pg_rem_cols_k4, _grow(16, BIG16), D), "(q + 4 j) % 4: wrong from page 4 on"),
    ("pd_page_rem_plain", _mk(_pg_rem_plain, _grow(16, BIG16), D), "control of the check: q % 8, no widening"),
    ("pd_page_and_plain", _mk(_pg_and_plain, _grow(16, BIG16), D), "control of the check: q & 7"),
    ("pd_page_rem_dead_branch", _mk(_pg_rem_dead_branch, _grow(16, BIG16), D),
     "where(q < 0, -1000, q) % 8: a dead branch of a clamp-like where widens the interval at each length"),
    ("pd_page_and_dead_branch", _mk(_pg_rem_dead_branch_and, _grow(16, BIG16), D), "where(q < 0, -1000, q) & 7"),
    ("pd_page_floordiv_cols", _mk(_pg_floordiv_cols, _grow(16, BIG16), D),
     "q - 8 ((q + 8 j) // 8 - j): q % 8 through a floor division whose span the columns widen"),
    ("pd_page_rem_cols_desc", _mk(_pg_rem_cols_desc, _grow(16, BIG16), D), "(q + 8 (l - 1 - j)) % 8"),
    ("pd_page_rem_cols_int32", _mk(_pg_rem_cols_int32, _grow(16, BIG16), D), "the same in int32"),
    ("pd_page_rem_cols_neg", _mk(_pg_rem_cols_neg, _grow(16, BIG16), D), "(q - 8 j) % 8"),
    ("pd_page_rem_one_col", _mk(_pg_rem_one_col, _grow(16, BIG16), D), "one column offset 8000, the rest 0"),
    ("pd_page_rem_cols_then_clamp", _mk(_pg_rem_cols_then_clamp, _grow(16, BIG16), D), "... then clamp(min=0)"),
    ("pd_page_rem_cols_fp32", _mk(_pg_rem_cols, _grow(16, BIG16, dtype=F32), D), "pd_page_rem_cols, fp32 data"),
    ("pd_page_rem_cols_bf16", _mk(_pg_rem_cols, _grow(16, BIG16, dtype=BF16), D), "pd_page_rem_cols, bf16 data"),
    ("pd_page_rem_cols_int64", _mk(_pg_rem_cols, _grow(16, BIG16, length_dtype=torch.int64,
                                                       index_dtype=torch.int64), D), "int64 lengths / tables"),
    ("pd_page_rem_cols_static", _mk(_pg_rem_cols, _std(), SB), "static / batch: every length probed (equal)"),
    ("pd_pos_rem_cols", _mk(_pos_rem_cols, _grow(16, BIG_POS), D), "positions (s + 512 j) % 512 - l + j"),
    ("pd_pos_rem_dead_branch", _mk(_pos_rem_dead_branch, _grow(16, BIG_POS), D),
     "positions where(s < 0, -100000, s) % 512 - l + j"),
    ("pd_offset_rem_dead_branch", _mk(_offset_rem_dead_branch, _grow(16, BIG16), D),
     "control: the offset where(pos < 0, -1e5, pos) % 64 (right at every length)"),
    ("pd_cond_rem_dead_branch", _mk(_cond_rem_dead_branch, _grow(16, BIG16), D),
     "condition with where(s < 0, -1e5, s) % 4096 < 3000 (the mask's bound sums its constants)"),
    ("pd_thr_clamp_max7", _mk(_thr_widened, _grow(16, BIG16), D), "page index clamp(max=7) (threshold past probes)"),
    ("pd_thr_where_widened", _mk(_thr_where_widened, _grow(16, BIG16), D), "where(q >= 8, 0, q), q widened"),
    # 2. integer interval edges
    ("ie_abs_window", _mk(_ie_abs_window, _std(), ALL), "|s - l + j| unclamped (rows that do not qualify: |neg|)"),
    ("ie_abs_reversed", _mk(_ie_abs_reversed, _std(), S), "|s - 1 - (l - 1 - j)|"),
    ("ie_trunc_pages", _mk(_ie_trunc_pages, _std(), ALL), "unclamped positions, trunc division and fmod"),
    ("ie_int32_wrap_back", _mk(_ie_int32_wrap_back, _std(), ALL), "s + (2**31 - 1) - (2**31 - 1) in int32"),
    ("ie_minimum_capacity", _mk(_ie_minimum_capacity, _std(), ALL), "minimum(s, table.shape[1] * P)"),
    ("ie_maximum_pos", _mk(_ie_maximum_pos, _std(), ALL), "maximum(pos, zeros(1, l))"),
    ("ie_sign_times", _mk(_ie_sign_times, _std(), ALL), "s - l * sign(s) + j"),
    ("ie_neg_neg", _mk(_ie_neg_neg, _std(), ALL), "-(-s)"),
    ("ie_xor_zero", _mk(_ie_xor_zero, _std(), ALL), "s ^ 0"),
    ("ie_or_low_bits", _mk(_ie_or_low_bits, _std(), ALL), "(s // 16 * 16) | (s & 15)"),
    ("ie_shift_pair", _mk(_ie_shift_pair, _std(), ALL), "page pos >> 6, offset pos & 63"),
    ("ie_shift_int32_big", _mk(_ie_shift_int32_big, _std(pages=2), SB), "(pos << 24) >> 24 in int32, capacity 128"),
    ("ie_float_floor_page", _mk(_ie_float_floor_page, _std(), ALL), "floor(pos / 64.0)"),
    ("ie_float_half_pos", _mk(_ie_float_round_pos, _std(), ALL), "positions through fp16 (exact below 2048)"),
    ("ie_bf16_pos", _mk(_ie_bf16_pos, _std(), S), "positions through bf16 (exact up to 256 = capacity)"),
    ("ie_bf16_pos_cap512", _mk(_ie_bf16_pos, lambda: [build(B=6, pages=8, lengths=[480, 272, 304, 258, 32, 0])], S),
     "positions through bf16, capacity 512 (lengths <= 480: 257 rounds to 256, eager stays in range)"),
    ("ie_remainder_neg_divisor", _mk(_ie_remainder_neg_divisor, _std(), S), "offset pos % -64"),
    ("ie_floordiv_neg_divisor", _mk(_ie_floordiv_neg_divisor, _std(), ALL), "page -((-pos) // 64) - (pos % 64 != 0)"),
    ("ie_page_abs", _mk(_ie_page_abs, _std(), ALL), "abs() of page ids"),
    ("ie_page_int32_flat", _mk(_ie_page_int32_mul, _std(), ALL), "page * 64 + offset in int32"),
    ("ie_page_int32_flat_big", _mk(_ie_page_int32_mul, lambda: [build(B=8, block_num=40_000_000 // (64 * 32),
                                                                       N=1, D=16, specials=False)], S),
     "the same with many blocks (no wrap at these sizes: control)"),
    ("ie_len_clamp_dtype_max", _mk(_ie_len_clamp_dtype_max, _std(length_dtype=torch.int64), ALL),
     "int64 lengths clamp(max=2**31 - 1)"),
    # 3. conditions
    ("mk_and15", _mk(_mk_and15, _std(), ALL), "(s >= l) & ((s - l) & 15 == 0)"),
    ("mk_shift", _mk(_mk_shift, _std(), ALL), "((s - l) >> 4) << 4 == s - l"),
    ("mk_fmod", _mk(_mk_fmod, _std(), ALL), "fmod(s - l, 16) == 0"),
    ("mk_trunc", _mk(_mk_trunc, _std(), ALL), "trunc((s - l) / 16) * 16 == s - l"),
    ("mk_sign_bit", _mk(_mk_sign_bit, _std(), ALL), "(s - l) >> 62 == 0 for s >= l"),
    ("mk_bigmask", _mk(_mk_bigmask, _std(), ALL), "((s - l) & 0x10F) & 15 == 0"),
    ("mk_xor_const", _mk(_mk_xor_const, _std(), ALL), "(s ^ 4096) - (s ^ 4096) + ..."),
    ("mk_abs", _mk(_mk_abs, _std(), ALL), "|s - l| == s - l as s >= l"),
    ("mk_min_max", _mk(_mk_min_max, _std(), ALL), "minimum(s, l) == l as s >= l"),
    ("mk_mod_of_mod", _mk(_mk_mod_of_mod, _std(), ALL), "(s - l) % 4096 % 16"),
    ("mk_far_threshold", _mk(_mk_far_threshold, _std(), ALL), "... & (s < 100000)"),
    ("mk_neg_rem", _mk(_mk_neg_rem, _std(), ALL), "(l - s) % 16 == 0"),
    # 4. pooling forms
    ("pl_neg_neg_w", _mk(_pl_neg_neg_w, _weights_special(), S), "t * -(-w)"),
    ("pl_sub_neg_products", _mk(_pl_sub_neg_products, _zero_windows(), S), "-(sum(t * -w)): zero sums' sign"),
    ("pl_w_times_one", _mk(_pl_w_times_one, _weights_special(), S), "t * (w * 1.0)"),
    ("pl_w_div_one", _mk(_pl_w_div_one, _weights_special(), S), "t * (w / 1.0)"),
    ("pl_products_div_one", _mk(_pl_products_div_one, _weights_special(), S), "(t * w) / 1.0"),
    ("pl_w_sq_sqrt", _mk(_pl_w_sq_sqrt, _weights_special(), S), "|w| * sign(w) via sqrt(w * w): overflows"),
    ("pl_sub_chain", _mk(_pl_sub_chain, _zero_windows(), S), "python sum of -(t_j * -w_j) from int 0"),
    ("pl_acc_minus_negprod", _mk(_pl_acc_minus_negprod, _weights_special(), S), "acc - t_j * (-w_j) from +0.0"),
    ("pl_acc_minus_negprod_zero", _mk(_pl_acc_minus_negprod, _zero_windows(), S), "the same on zero windows"),
    ("pl_acc_fp64", _mk(_pl_acc_fp64, _std(), S), "fp64 accumulation (refused: a double rounding)"),
    ("pl_acc_from_minus_zero", _mk(_pl_acc_from_minus_zero, _zero_windows(), S), "acc from -0.0"),
    ("pl_fp16_products", _mk(_pl_weight_fp16_product, _std(), S), "products in fp16, sum in fp32"),
    ("pl_einsum_times_one", _mk(_pl_einsum_then_scale_one, _weights_special(F32), S), "einsum(...) * 1.0, fp32"),
    ("pl_weight_where_nan", _mk(_pl_weight_where_nan, _weights_special(), S), "NaN weights zeroed"),
    ("pl_weight_inf_clamped", _mk(_pl_weight_inf_clamped, _weights_special(), S), "inf weights to +-max"),
    ("pl_weight_minus_diff", _mk(_pl_weight_max_minus, _weights_special(), S), "w - (w - w)"),
    ("pl_tokens_plus_minus_zero", _mk(_pl_tokens_plus_minus_zero, _zero_windows(), S), "tokens + (-0.0)"),
    ("pl_tokens_plus_zero", _mk(_pl_tokens_plus_zero, _zero_windows(), S), "tokens + 0.0: -0 -> +0"),
    # 5. sizes
    ("sz_const_page_p128", _mk(_sz_const_page, _other_sizes(P=128), D),
     "page size baked in as 64, called with P = 128 (eager reads 64-token halves of 128-token pages)"),
    ("sz_page_from_width", _mk(_sz_page_from_width, _other_sizes(pages=3, lengths=[64, 48, 32, 0, 60, 50]), D),
     "page size table.shape[1] * 16: 48 at 3 pages (lengths <= 64: eager stays in range; a size value: guarded?)"),
    ("sz_stride_from_shape", _mk(_sz_stride_from_shape, _other_sizes(P=128), D), "stride kv.shape[1] // 4"),
    ("sz_window_from_head_dim", _mk(_sz_window_from_head_dim, _other_sizes(D=32), D), "window s - 2 D + j"),
    ("sz_batch_value", _mk(_sz_batch_value, _other_sizes(), ("batch", "dynamic")), "s <= 64 * B"),
    ("sz_rem_by_width", _mk(_sz_rem_by_width, _grow(16, BIG16), D), "(pos // 64) % table.shape[1]"),
    ("sz_rem_by_blocks", _mk(_sz_rem_by_blocks, _grow(16, BIG16), D), "page ids % kv.shape[0]"),
    ("sz_clamp_to_blocks", _mk(_sz_clamp_to_blocks_minus2, _grow(16, BIG16), D),
     "ids clamp(0, kv.shape[0] - 1), positions clamp(max=cap - 1)"),
    ("sz_lut_arange_clamp", _mk(_lut_arange_clamp, _grow(32, [1056, 1072, 2048, 1040, 48, 0]), D),
     "positions looked up in arange(cap).clamp(max=1023)"),
    ("sz_lut_cumsum_clamp", _mk(_lut_cumsum_clamp, _grow(32, [1056, 1072, 2048, 1040, 48, 0]), D),
     "positions looked up in (ones(cap).cumsum(0) - 1).clamp(max=1023) (no iota)"),
    ("sz_lut_arange_rem", _mk(_lut_arange_rem, _grow(32, [1056, 1072, 2048, 1040, 48, 0]), D), "arange(cap) % 1024"),
    ("sz_lut_cumsum", _mk(_lut_cumsum, _grow(32, [1056, 1072, 2048, 1040, 48, 0]), D),
     "control: ones(cap).cumsum(0) - 1 (arange at every size)"),
    ("sz_lut_new_ones_fixed", _mk(_lut_new_ones_fixed, _grow(32, [1056, 1072, 2048, 1040, 48, 0]), D),
     "kv.new_ones(4096).cumsum(0) - 1 clamped (reads kv's dtype only: a constant?)"),
    ("pd_page_rem_dead_branch_ge", _mk(_pg_rem_dead_branch_ge, _grow(16, BIG16), D), "where(q >= 0, q, -1000) % 8"),
    ("pd_page_floordiv_dead_branch", _mk(_pg_floordiv_dead_branch, _grow(16, BIG16), D),
     "q - (where(q < 0, -1000, q) // 8) * 8"),
    ("rw_const_shift_past_32", _mk(_rows_const_shift, _std(), S), "a [B, l] constant shifting rows >= 32 by one"),
    ("rw_const_mod", _mk(_rows_const_mod, _std(), S), "control: arange(B * l).view(B, l) % l"),
]

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
# First try (attack bugs: their rerun), snapshot of 0a646da in /tmp/base18: (attack, dialect, mode, result).
_FIRST = [
    ('pd_page_rem_cols', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_and_cols', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_k4', 'inductor_graph', 'dynamic', _R),
    ('pd_page_rem_plain', 'inductor_graph', 'dynamic', _R),
    ('pd_page_and_plain', 'inductor_graph', 'dynamic', _R),
    ('pd_page_rem_dead_branch', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_and_dead_branch', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_floordiv_cols', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_desc', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_int32', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_neg', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_one_col', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_then_clamp', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_fp32', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_int64', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_rem_cols_static', 'inductor_graph', 'batch', _EQ),
    ('pd_page_rem_cols_static', 'inductor_graph', 'static', _EQ),
    ('pd_pos_rem_cols', 'inductor_graph', 'dynamic', _R),
    ('pd_pos_rem_dead_branch', 'inductor_graph', 'dynamic', _R),
    ('pd_offset_rem_dead_branch', 'inductor_graph', 'dynamic', _EQ),
    ('pd_cond_rem_dead_branch', 'inductor_graph', 'dynamic', _R),
    ('pd_thr_clamp_max7', 'inductor_graph', 'dynamic', _R),
    ('pd_thr_where_widened', 'inductor_graph', 'dynamic', _R),
    ('ie_abs_window', 'inductor_graph', 'batch', _EQ),
    ('ie_abs_window', 'inductor_graph', 'dynamic', _R),
    ('ie_abs_window', 'inductor_graph', 'static', _EQ),
    ('ie_abs_reversed', 'inductor_graph', 'static', _EQ),
    ('ie_trunc_pages', 'inductor_graph', 'batch', _EQ),
    ('ie_trunc_pages', 'inductor_graph', 'dynamic', _R),
    ('ie_trunc_pages', 'inductor_graph', 'static', _EQ),
    ('ie_int32_wrap_back', 'inductor_graph', 'batch', _R),
    ('ie_int32_wrap_back', 'inductor_graph', 'dynamic', _R),
    ('ie_int32_wrap_back', 'inductor_graph', 'static', _R),
    ('ie_minimum_capacity', 'inductor_graph', 'batch', _EQ),
    ('ie_minimum_capacity', 'inductor_graph', 'dynamic', _R),
    ('ie_minimum_capacity', 'inductor_graph', 'static', _EQ),
    ('ie_maximum_pos', 'inductor_graph', 'batch', _EQ),
    ('ie_maximum_pos', 'inductor_graph', 'dynamic', _EQ),
    ('ie_maximum_pos', 'inductor_graph', 'static', _EQ),
    ('ie_sign_times', 'inductor_graph', 'batch', _EQ),
    ('ie_sign_times', 'inductor_graph', 'dynamic', _R),
    ('ie_sign_times', 'inductor_graph', 'static', _EQ),
    ('ie_neg_neg', 'inductor_graph', 'batch', _EQ),
    ('ie_neg_neg', 'inductor_graph', 'dynamic', _EQ),
    ('ie_neg_neg', 'inductor_graph', 'static', _EQ),
    ('ie_xor_zero', 'inductor_graph', 'batch', _EQ),
    ('ie_xor_zero', 'inductor_graph', 'dynamic', _R),
    ('ie_xor_zero', 'inductor_graph', 'static', _EQ),
    ('ie_or_low_bits', 'inductor_graph', 'batch', _EQ),
    ('ie_or_low_bits', 'inductor_graph', 'dynamic', _R),
    ('ie_or_low_bits', 'inductor_graph', 'static', _EQ),
    ('ie_shift_pair', 'inductor_graph', 'batch', _EQ),
    ('ie_shift_pair', 'inductor_graph', 'dynamic', _EQ),
    ('ie_shift_pair', 'inductor_graph', 'static', _EQ),
    ('ie_shift_int32_big', 'inductor_graph', 'batch', _EQ),
    ('ie_shift_int32_big', 'inductor_graph', 'static', _EQ),
    ('ie_float_floor_page', 'inductor_graph', 'batch', _EQ),
    ('ie_float_floor_page', 'inductor_graph', 'dynamic', _R),
    ('ie_float_floor_page', 'inductor_graph', 'static', _EQ),
    ('ie_float_half_pos', 'inductor_graph', 'batch', _EQ),
    ('ie_float_half_pos', 'inductor_graph', 'dynamic', _R),
    ('ie_float_half_pos', 'inductor_graph', 'static', _EQ),
    ('ie_bf16_pos', 'inductor_graph', 'static', _EQ),
    ('ie_bf16_pos_cap512', 'inductor_graph', 'static', _R),
    ('ie_remainder_neg_divisor', 'inductor_graph', 'static', _EQ),
    ('ie_floordiv_neg_divisor', 'inductor_graph', 'batch', _EQ),
    ('ie_floordiv_neg_divisor', 'inductor_graph', 'dynamic', _R),
    ('ie_floordiv_neg_divisor', 'inductor_graph', 'static', _EQ),
    ('ie_page_abs', 'inductor_graph', 'batch', _R),
    ('ie_page_abs', 'inductor_graph', 'dynamic', _R),
    ('ie_page_abs', 'inductor_graph', 'static', _R),
    ('ie_page_int32_flat', 'inductor_graph', 'batch', _EQ),
    ('ie_page_int32_flat', 'inductor_graph', 'dynamic', _R),
    ('ie_page_int32_flat', 'inductor_graph', 'static', _EQ),
    ('ie_page_int32_flat_big', 'inductor_graph', 'static', _EQ),
    ('ie_len_clamp_dtype_max', 'inductor_graph', 'batch', _EQ),
    ('ie_len_clamp_dtype_max', 'inductor_graph', 'dynamic', _R),
    ('ie_len_clamp_dtype_max', 'inductor_graph', 'static', _EQ),
    ('mk_and15', 'inductor_graph', 'batch', _EQ),
    ('mk_and15', 'inductor_graph', 'dynamic', _EQ),
    ('mk_and15', 'inductor_graph', 'static', _EQ),
    ('mk_shift', 'inductor_graph', 'batch', _EQ),
    ('mk_shift', 'inductor_graph', 'dynamic', _EQ),
    ('mk_shift', 'inductor_graph', 'static', _EQ),
    ('mk_fmod', 'inductor_graph', 'batch', _EQ),
    ('mk_fmod', 'inductor_graph', 'dynamic', _EQ),
    ('mk_fmod', 'inductor_graph', 'static', _EQ),
    ('mk_trunc', 'inductor_graph', 'batch', _EQ),
    ('mk_trunc', 'inductor_graph', 'dynamic', _R),
    ('mk_trunc', 'inductor_graph', 'static', _EQ),
    ('mk_sign_bit', 'inductor_graph', 'batch', _EQ),
    ('mk_sign_bit', 'inductor_graph', 'dynamic', _R),
    ('mk_sign_bit', 'inductor_graph', 'static', _EQ),
    ('mk_bigmask', 'inductor_graph', 'batch', _EQ),
    ('mk_bigmask', 'inductor_graph', 'dynamic', _R),
    ('mk_bigmask', 'inductor_graph', 'static', _EQ),
    ('mk_xor_const', 'inductor_graph', 'batch', _EQ),
    ('mk_xor_const', 'inductor_graph', 'dynamic', _R),
    ('mk_xor_const', 'inductor_graph', 'static', _EQ),
    ('mk_abs', 'inductor_graph', 'batch', _EQ),
    ('mk_abs', 'inductor_graph', 'dynamic', _EQ),
    ('mk_abs', 'inductor_graph', 'static', _EQ),
    ('mk_min_max', 'inductor_graph', 'batch', _EQ),
    ('mk_min_max', 'inductor_graph', 'dynamic', _EQ),
    ('mk_min_max', 'inductor_graph', 'static', _EQ),
    ('mk_mod_of_mod', 'inductor_graph', 'batch', _EQ),
    ('mk_mod_of_mod', 'inductor_graph', 'dynamic', _R),
    ('mk_mod_of_mod', 'inductor_graph', 'static', _EQ),
    ('mk_far_threshold', 'inductor_graph', 'batch', _EQ),
    ('mk_far_threshold', 'inductor_graph', 'dynamic', _R),
    ('mk_far_threshold', 'inductor_graph', 'static', _EQ),
    ('mk_neg_rem', 'inductor_graph', 'batch', _EQ),
    ('mk_neg_rem', 'inductor_graph', 'dynamic', _EQ),
    ('mk_neg_rem', 'inductor_graph', 'static', _EQ),
    ('pl_neg_neg_w', 'inductor_graph', 'static', _R),
    ('pl_sub_neg_products', 'inductor_graph', 'static', _R),
    ('pl_w_times_one', 'inductor_graph', 'static', _R),
    ('pl_w_div_one', 'inductor_graph', 'static', _R),
    ('pl_products_div_one', 'inductor_graph', 'static', _R),
    ('pl_w_sq_sqrt', 'inductor_graph', 'static', _R),
    ('pl_sub_chain', 'inductor_graph', 'static', _R),
    ('pl_acc_minus_negprod', 'inductor_graph', 'static', _R),
    ('pl_acc_minus_negprod_zero', 'inductor_graph', 'static', _R),
    ('pl_acc_fp64', 'inductor_graph', 'static', _R),
    ('pl_acc_from_minus_zero', 'inductor_graph', 'static', _R),
    ('pl_fp16_products', 'inductor_graph', 'static', _R),
    ('pl_einsum_times_one', 'inductor_graph', 'static', _R),
    ('pl_weight_where_nan', 'inductor_graph', 'static', _R),
    ('pl_weight_inf_clamped', 'inductor_graph', 'static', _R),
    ('pl_weight_minus_diff', 'inductor_graph', 'static', _R),
    ('pl_tokens_plus_minus_zero', 'inductor_graph', 'static', _EQ),
    ('pl_tokens_plus_zero', 'inductor_graph', 'static', _EQ),
    ('sz_const_page_p128', 'inductor_graph', 'dynamic', _EQ),
    ('sz_page_from_width', 'inductor_graph', 'dynamic', _R),
    ('sz_stride_from_shape', 'inductor_graph', 'dynamic', _EQ),
    ('sz_window_from_head_dim', 'inductor_graph', 'dynamic', _R),
    ('sz_batch_value', 'inductor_graph', 'batch', _R),
    ('sz_batch_value', 'inductor_graph', 'dynamic', _R),
    ('sz_rem_by_width', 'inductor_graph', 'dynamic', _EQ),
    ('sz_rem_by_blocks', 'inductor_graph', 'dynamic', _R),
    ('sz_clamp_to_blocks', 'inductor_graph', 'dynamic', _EQ),
    ('sz_lut_arange_clamp', 'inductor_graph', 'dynamic', _R),
    ('sz_lut_cumsum_clamp', 'inductor_graph', 'dynamic', _R),
    ('sz_lut_arange_rem', 'inductor_graph', 'dynamic', _R),
    ('sz_lut_cumsum', 'inductor_graph', 'dynamic', _R),
    ('sz_lut_new_ones_fixed', 'inductor_graph', 'dynamic', _R),
    ('pd_page_rem_dead_branch_ge', 'inductor_graph', 'dynamic', _FF),
    ('pd_page_floordiv_dead_branch', 'inductor_graph', 'dynamic', _FF),
    ('rw_const_shift_past_32', 'inductor_graph', 'static', _R),
    ('rw_const_mod', 'inductor_graph', 'static', _EQ),
    ('pd_page_rem_cols', 'torchair_like', 'dynamic', _FF),
    ('pd_page_and_cols', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_k4', 'torchair_like', 'dynamic', _R),
    ('pd_page_rem_plain', 'torchair_like', 'dynamic', _R),
    ('pd_page_and_plain', 'torchair_like', 'dynamic', _R),
    ('pd_page_rem_dead_branch', 'torchair_like', 'dynamic', _FF),
    ('pd_page_and_dead_branch', 'torchair_like', 'dynamic', _FF),
    ('pd_page_floordiv_cols', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_desc', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_int32', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_neg', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_one_col', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_then_clamp', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_fp32', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_bf16', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_int64', 'torchair_like', 'dynamic', _FF),
    ('pd_page_rem_cols_static', 'torchair_like', 'batch', _EQ),
    ('pd_page_rem_cols_static', 'torchair_like', 'static', _EQ),
    ('pd_pos_rem_cols', 'torchair_like', 'dynamic', _R),
    ('pd_pos_rem_dead_branch', 'torchair_like', 'dynamic', _R),
    ('pd_offset_rem_dead_branch', 'torchair_like', 'dynamic', _EQ),
    ('pd_cond_rem_dead_branch', 'torchair_like', 'dynamic', _R),
    ('pd_thr_clamp_max7', 'torchair_like', 'dynamic', _R),
    ('pd_thr_where_widened', 'torchair_like', 'dynamic', _R),
    ('ie_abs_window', 'torchair_like', 'batch', _EQ),
    ('ie_abs_window', 'torchair_like', 'dynamic', _R),
    ('ie_abs_window', 'torchair_like', 'static', _EQ),
    ('ie_abs_reversed', 'torchair_like', 'static', _EQ),
    ('ie_trunc_pages', 'torchair_like', 'batch', _EQ),
    ('ie_trunc_pages', 'torchair_like', 'dynamic', _R),
    ('ie_trunc_pages', 'torchair_like', 'static', _EQ),
    ('ie_int32_wrap_back', 'torchair_like', 'batch', _R),
    ('ie_int32_wrap_back', 'torchair_like', 'dynamic', _R),
    ('ie_int32_wrap_back', 'torchair_like', 'static', _R),
    ('ie_minimum_capacity', 'torchair_like', 'batch', _EQ),
    ('ie_minimum_capacity', 'torchair_like', 'dynamic', _EQ),
    ('ie_minimum_capacity', 'torchair_like', 'static', _EQ),
    ('ie_maximum_pos', 'torchair_like', 'batch', _EQ),
    ('ie_maximum_pos', 'torchair_like', 'dynamic', _EQ),
    ('ie_maximum_pos', 'torchair_like', 'static', _EQ),
    ('ie_sign_times', 'torchair_like', 'batch', _EQ),
    ('ie_sign_times', 'torchair_like', 'dynamic', _R),
    ('ie_sign_times', 'torchair_like', 'static', _EQ),
    ('ie_neg_neg', 'torchair_like', 'batch', _EQ),
    ('ie_neg_neg', 'torchair_like', 'dynamic', _EQ),
    ('ie_neg_neg', 'torchair_like', 'static', _EQ),
    ('ie_xor_zero', 'torchair_like', 'batch', _EQ),
    ('ie_xor_zero', 'torchair_like', 'dynamic', _R),
    ('ie_xor_zero', 'torchair_like', 'static', _EQ),
    ('ie_or_low_bits', 'torchair_like', 'batch', _EQ),
    ('ie_or_low_bits', 'torchair_like', 'dynamic', _R),
    ('ie_or_low_bits', 'torchair_like', 'static', _EQ),
    ('ie_shift_pair', 'torchair_like', 'batch', _EQ),
    ('ie_shift_pair', 'torchair_like', 'dynamic', _EQ),
    ('ie_shift_pair', 'torchair_like', 'static', _EQ),
    ('ie_shift_int32_big', 'torchair_like', 'batch', _EQ),
    ('ie_shift_int32_big', 'torchair_like', 'static', _EQ),
    ('ie_float_floor_page', 'torchair_like', 'batch', _EQ),
    ('ie_float_floor_page', 'torchair_like', 'dynamic', _R),
    ('ie_float_floor_page', 'torchair_like', 'static', _EQ),
    ('ie_float_half_pos', 'torchair_like', 'batch', _EQ),
    ('ie_float_half_pos', 'torchair_like', 'dynamic', _R),
    ('ie_float_half_pos', 'torchair_like', 'static', _EQ),
    ('ie_bf16_pos', 'torchair_like', 'static', _EQ),
    ('ie_bf16_pos_cap512', 'torchair_like', 'static', _R),
    ('ie_remainder_neg_divisor', 'torchair_like', 'static', _EQ),
    ('ie_floordiv_neg_divisor', 'torchair_like', 'batch', _EQ),
    ('ie_floordiv_neg_divisor', 'torchair_like', 'dynamic', _R),
    ('ie_floordiv_neg_divisor', 'torchair_like', 'static', _EQ),
    ('ie_page_abs', 'torchair_like', 'batch', _R),
    ('ie_page_abs', 'torchair_like', 'dynamic', _R),
    ('ie_page_abs', 'torchair_like', 'static', _R),
    ('ie_page_int32_flat', 'torchair_like', 'batch', _EQ),
    ('ie_page_int32_flat', 'torchair_like', 'dynamic', _R),
    ('ie_page_int32_flat', 'torchair_like', 'static', _EQ),
    ('ie_page_int32_flat_big', 'torchair_like', 'static', _EQ),
    ('ie_len_clamp_dtype_max', 'torchair_like', 'batch', _EQ),
    ('ie_len_clamp_dtype_max', 'torchair_like', 'dynamic', _R),
    ('ie_len_clamp_dtype_max', 'torchair_like', 'static', _EQ),
    ('mk_and15', 'torchair_like', 'batch', _EQ),
    ('mk_and15', 'torchair_like', 'dynamic', _EQ),
    ('mk_and15', 'torchair_like', 'static', _EQ),
    ('mk_shift', 'torchair_like', 'batch', _EQ),
    ('mk_shift', 'torchair_like', 'dynamic', _EQ),
    ('mk_shift', 'torchair_like', 'static', _EQ),
    ('mk_fmod', 'torchair_like', 'batch', _EQ),
    ('mk_fmod', 'torchair_like', 'dynamic', _EQ),
    ('mk_fmod', 'torchair_like', 'static', _EQ),
    ('mk_trunc', 'torchair_like', 'batch', _EQ),
    ('mk_trunc', 'torchair_like', 'dynamic', _R),
    ('mk_trunc', 'torchair_like', 'static', _EQ),
    ('mk_sign_bit', 'torchair_like', 'batch', _EQ),
    ('mk_sign_bit', 'torchair_like', 'dynamic', _R),
    ('mk_sign_bit', 'torchair_like', 'static', _EQ),
    ('mk_bigmask', 'torchair_like', 'batch', _EQ),
    ('mk_bigmask', 'torchair_like', 'dynamic', _R),
    ('mk_bigmask', 'torchair_like', 'static', _EQ),
    ('mk_xor_const', 'torchair_like', 'batch', _EQ),
    ('mk_xor_const', 'torchair_like', 'dynamic', _R),
    ('mk_xor_const', 'torchair_like', 'static', _EQ),
    ('mk_abs', 'torchair_like', 'batch', _EQ),
    ('mk_abs', 'torchair_like', 'dynamic', _EQ),
    ('mk_abs', 'torchair_like', 'static', _EQ),
    ('mk_min_max', 'torchair_like', 'batch', _EQ),
    ('mk_min_max', 'torchair_like', 'dynamic', _EQ),
    ('mk_min_max', 'torchair_like', 'static', _EQ),
    ('mk_mod_of_mod', 'torchair_like', 'batch', _EQ),
    ('mk_mod_of_mod', 'torchair_like', 'dynamic', _R),
    ('mk_mod_of_mod', 'torchair_like', 'static', _EQ),
    ('mk_far_threshold', 'torchair_like', 'batch', _EQ),
    ('mk_far_threshold', 'torchair_like', 'dynamic', _R),
    ('mk_far_threshold', 'torchair_like', 'static', _EQ),
    ('mk_neg_rem', 'torchair_like', 'batch', _EQ),
    ('mk_neg_rem', 'torchair_like', 'dynamic', _EQ),
    ('mk_neg_rem', 'torchair_like', 'static', _EQ),
    ('pl_neg_neg_w', 'torchair_like', 'static', _R),
    ('pl_sub_neg_products', 'torchair_like', 'static', _R),
    ('pl_w_times_one', 'torchair_like', 'static', _R),
    ('pl_w_div_one', 'torchair_like', 'static', _R),
    ('pl_products_div_one', 'torchair_like', 'static', _R),
    ('pl_w_sq_sqrt', 'torchair_like', 'static', _R),
    ('pl_sub_chain', 'torchair_like', 'static', _R),
    ('pl_acc_minus_negprod', 'torchair_like', 'static', _R),
    ('pl_acc_minus_negprod_zero', 'torchair_like', 'static', _R),
    ('pl_acc_fp64', 'torchair_like', 'static', _R),
    ('pl_acc_from_minus_zero', 'torchair_like', 'static', _R),
    ('pl_fp16_products', 'torchair_like', 'static', _R),
    ('pl_einsum_times_one', 'torchair_like', 'static', _R),
    ('pl_weight_where_nan', 'torchair_like', 'static', _R),
    ('pl_weight_inf_clamped', 'torchair_like', 'static', _R),
    ('pl_weight_minus_diff', 'torchair_like', 'static', _R),
    ('pl_tokens_plus_minus_zero', 'torchair_like', 'static', _EQ),
    ('pl_tokens_plus_zero', 'torchair_like', 'static', _EQ),
    ('sz_const_page_p128', 'torchair_like', 'dynamic', _EQ),
    ('sz_page_from_width', 'torchair_like', 'dynamic', _R),
    ('sz_stride_from_shape', 'torchair_like', 'dynamic', _EQ),
    ('sz_window_from_head_dim', 'torchair_like', 'dynamic', _R),
    ('sz_batch_value', 'torchair_like', 'batch', _R),
    ('sz_batch_value', 'torchair_like', 'dynamic', _R),
    ('sz_rem_by_width', 'torchair_like', 'dynamic', _EQ),
    ('sz_rem_by_blocks', 'torchair_like', 'dynamic', _R),
    ('sz_clamp_to_blocks', 'torchair_like', 'dynamic', _EQ),
    ('sz_lut_arange_clamp', 'torchair_like', 'dynamic', _R),
    ('sz_lut_cumsum_clamp', 'torchair_like', 'dynamic', _R),
    ('sz_lut_arange_rem', 'torchair_like', 'dynamic', _R),
    ('sz_lut_cumsum', 'torchair_like', 'dynamic', _R),
    ('sz_lut_new_ones_fixed', 'torchair_like', 'dynamic', _R),
    ('pd_page_rem_dead_branch_ge', 'torchair_like', 'dynamic', _FF),
    ('pd_page_floordiv_dead_branch', 'torchair_like', 'dynamic', _FF),
    ('rw_const_shift_past_32', 'torchair_like', 'static', _R),
    ('rw_const_mod', 'torchair_like', 'static', _EQ),
    ('pd_page_rem_cols', 'inductor', 'dynamic', _FF),
    ('pd_page_and_cols', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_k4', 'inductor', 'dynamic', _R),
    ('pd_page_rem_plain', 'inductor', 'dynamic', _R),
    ('pd_page_and_plain', 'inductor', 'dynamic', _R),
    ('pd_page_rem_dead_branch', 'inductor', 'dynamic', _FF),
    ('pd_page_and_dead_branch', 'inductor', 'dynamic', _FF),
    ('pd_page_floordiv_cols', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_desc', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_int32', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_neg', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_one_col', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_then_clamp', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_fp32', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_bf16', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_int64', 'inductor', 'dynamic', _FF),
    ('pd_page_rem_cols_static', 'inductor', 'batch', _EQ),
    ('pd_page_rem_cols_static', 'inductor', 'static', _EQ),
    ('pd_pos_rem_cols', 'inductor', 'dynamic', _R),
    ('pd_pos_rem_dead_branch', 'inductor', 'dynamic', _R),
    ('pd_offset_rem_dead_branch', 'inductor', 'dynamic', _EQ),
    ('pd_cond_rem_dead_branch', 'inductor', 'dynamic', _R),
    ('pd_thr_clamp_max7', 'inductor', 'dynamic', _R),
    ('pd_thr_where_widened', 'inductor', 'dynamic', _R),
    ('ie_abs_window', 'inductor', 'batch', _EQ),
    ('ie_abs_window', 'inductor', 'dynamic', _R),
    ('ie_abs_window', 'inductor', 'static', _EQ),
    ('ie_trunc_pages', 'inductor', 'batch', _EQ),
    ('ie_trunc_pages', 'inductor', 'dynamic', _R),
    ('ie_trunc_pages', 'inductor', 'static', _EQ),
    ('ie_shift_pair', 'inductor', 'batch', _EQ),
    ('ie_shift_pair', 'inductor', 'dynamic', _EQ),
    ('ie_shift_pair', 'inductor', 'static', _EQ),
    ('ie_remainder_neg_divisor', 'inductor', 'static', _EQ),
    ('mk_and15', 'inductor', 'batch', _EQ),
    ('mk_and15', 'inductor', 'dynamic', _EQ),
    ('mk_and15', 'inductor', 'static', _EQ),
    ('mk_abs', 'inductor', 'batch', _EQ),
    ('mk_abs', 'inductor', 'dynamic', _EQ),
    ('mk_abs', 'inductor', 'static', _EQ),
    ('mk_neg_rem', 'inductor', 'batch', _EQ),
    ('mk_neg_rem', 'inductor', 'dynamic', _EQ),
    ('mk_neg_rem', 'inductor', 'static', _EQ),
    ('pl_tokens_plus_zero', 'inductor', 'static', _EQ),
    ('sz_const_page_p128', 'inductor', 'dynamic', _EQ),
    ('sz_page_from_width', 'inductor', 'dynamic', _R),
    ('sz_stride_from_shape', 'inductor', 'dynamic', _EQ),
    ('sz_window_from_head_dim', 'inductor', 'dynamic', _R),
    ('sz_batch_value', 'inductor', 'batch', _R),
    ('sz_batch_value', 'inductor', 'dynamic', _R),
    ('sz_rem_by_width', 'inductor', 'dynamic', _EQ),
    ('sz_rem_by_blocks', 'inductor', 'dynamic', _R),
    ('sz_clamp_to_blocks', 'inductor', 'dynamic', _EQ),
    ('sz_lut_arange_clamp', 'inductor', 'dynamic', _R),
    ('sz_lut_cumsum_clamp', 'inductor', 'dynamic', _R),
    ('sz_lut_arange_rem', 'inductor', 'dynamic', _R),
    ('sz_lut_cumsum', 'inductor', 'dynamic', _R),
    ('sz_lut_new_ones_fixed', 'inductor', 'dynamic', _R),
    ('pd_page_rem_dead_branch_ge', 'inductor', 'dynamic', _FF),
    ('pd_page_floordiv_dead_branch', 'inductor', 'dynamic', _FF),
    ('rw_const_shift_past_32', 'inductor', 'static', _R),
    ('rw_const_mod', 'inductor', 'static', _EQ),
    ('pd_page_rem_cols', 'torchair', 'dynamic', _CD),
    ('pd_page_and_cols', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_k4', 'torchair', 'dynamic', _R),
    ('pd_page_rem_plain', 'torchair', 'dynamic', _R),
    ('pd_page_and_plain', 'torchair', 'dynamic', _CCT),
    ('pd_page_rem_dead_branch', 'torchair', 'dynamic', _CD),
    ('pd_page_and_dead_branch', 'torchair', 'dynamic', _CD),
    ('pd_page_floordiv_cols', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_desc', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_int32', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_neg', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_one_col', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_then_clamp', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_fp32', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_bf16', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_int64', 'torchair', 'dynamic', _CD),
    ('pd_page_rem_cols_static', 'torchair', 'batch', _EQ),
    ('pd_page_rem_cols_static', 'torchair', 'static', _EQ),
    ('pd_page_rem_dead_branch_ge', 'torchair', 'dynamic', _CD),
    ('pd_page_floordiv_dead_branch', 'torchair', 'dynamic', _CD),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
