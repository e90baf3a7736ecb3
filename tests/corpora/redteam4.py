"""Fourth adversarial review of the recogniser (issue 18, "a fresh adversarial review, attacks not listed").

White-box attacks that neither issue 18's classes (``tests/corpora/attacks.py``) nor the second and third
reviews (``redteam2.py``, ``redteam3.py``) have.  Same format as redteam3: every entry of ``ATTACKS`` is
``(name, factory, notes)``; the factory returns ``(step, inputs, modes)``; the runner and classification
(REFUSED / FUSED & EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH, with the NSA_FUSION_DISABLE=1 control)
are redteam2's.

    python tests/corpora/redteam4.py [--dialect inductor_graph|inductor|torchair_like] [--mode M] [name ...]
    python tests/corpora/redteam4.py --table OUT.md [--dialect D ...] [name ...]   # markdown: first try vs now

First try (16:00-17:10, each attack on the code as it was then, while a fixer closed findings in the same tree):
false fusions G1-G10, G12, G13 and crashes G11, written up in /work/briefs/redteam4_findings.md:

* G1/G4/G5/G9 the slot path: a constant vector added to the slots, ``add(.., alpha=0)``, a duplicating or permuting
  view before a remainder, constant (computed) slots with duplicates: two rows on one cache row, eager's later
  write wins, the op's does not;
* G2/G8/G12 the mask bound under a symbolic capacity: products of length values, products of constants (torchair),
  a floor division by a length-derived value -- all nonlinear, the sum-of-constants bound does not hold;
* G3 bf16 addcmul accumulation: eager's CPU addcmul is a fused multiply-add (overflow to -inf vs NaN);
* G6 zero-weight / re-read token terms at elements the positions probe left finite;
* G7 int32 wraps the interval arithmetic did not clamp (``s * s >= 0``, ``s + (2**31 - 5000) > 0``);
* G10 torchair's scatter_writeback summed with torch.sum (not window order) outside the vendor limits;
* G11 lengths or slots computed in the step leave 0..capacity / 0..S: the fused op raises where eager computes;
* G13 "within the probed values" judged on an over-approximating interval (non-monotone length functions).

FIRST_TRY below holds every first-try result (40 false-fusion and 6 crash runs, 22 attacks).  Re-runs at 17:13
(HEAD dd3b0cf) and 17:28 (HEAD 2718839), each with the fixer's uncommitted working tree, all 64 attacks in
inductor_graph and torchair_like: 130 refused, 26 fused & equal, no false fusion, no crash; under --dialect inductor
the 16 first-try failures are refused too.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import (L, STRIDE, build, completes, contract, pool, positions,  # noqa: E402
                                   tokens, write, _qualifies)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _grow, _mk, GROW_8K  # noqa: E402
from tests.corpora.redteam3 import _view_of, classify_any  # noqa: E402


def _new(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


# --- 1. slot path: "adding a constant" is one-to-one only for a scalar constant ---------------------------
def s_slots_plus_const_vector(kv, w, slots, table, lens, cache):
    """slots + c, c a constant [B] vector (1 at row 3, else 0): two rows can land on one cache row."""
    B = slots.shape[0]
    c = (torch.arange(B) == 3).long()
    s = (slots.long() + c) % cache.shape[0]
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


def _slots_step(slot_of):
    def step(kv, w, slots, table, lens, cache):
        s = slot_of(slots.long(), cache.shape[0])
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
        return cache
    return step


s_slots_const_iota_mod3 = _slots_step(lambda s, S: torch.arange(s.shape[0]) % 3)     # slots input unused
s_slots_const_even_stride = _slots_step(lambda s, S: (torch.arange(s.shape[0]) * 2) % S)   # distinct iff B <= S/2 (S even)
s_slots_const_literal = _slots_step(lambda s, S: torch.tensor([0, 1, 2, 0] * 10))
s_slots_plus_arange = _slots_step(lambda s, S: (s + torch.arange(s.shape[0])) % S)
s_slots_add_alpha_zero = _slots_step(lambda s, S: torch.add(torch.zeros(s.shape[0], dtype=torch.long), s, alpha=0))
s_slots_rolled_mod = _slots_step(lambda s, S: s.roll(1, 0) % S)
s_slots_first_expanded_mod = _slots_step(lambda s, S: s[:1].expand(s.shape[0]) % S)
s_slots_plus_literal = _slots_step(lambda s, S: (s + torch.tensor([0, 0, 0, 1] + [0] * 36)) % S)
s_slots_minus_iota_plus_iota = _slots_step(lambda s, S: (s - torch.arange(s.shape[0])) % S)


def _padding_rolled():
    """Rows 2 and 5 do not complete and carry padding -1 (valid: row S - 1 is written by nobody); row 3
    completes.  With slots.roll(1), row 3 gets -1 (writes row S - 1) and row 6 (not completing) too."""
    x = build(specials=False)
    slots, lens, S = x.args[2], x.args[4], x.args[5].shape[0]
    lens[2], lens[3], lens[5], lens[6] = 47, 48, 47, 33
    for r in (2, 5):
        slots[r] = -1
    # nobody writes row S - 1
    free = [v for v in range(S - 1) if v not in set(slots.tolist())]
    for i in (slots == S - 1).nonzero().flatten().tolist():
        slots[i] = -1 if not _qualifies(int(lens[i])) else free.pop()
    assert not any(int(slots[b]) == S - 1 for b in range(len(lens)) if _qualifies(int(lens[b])))
    return x


def _collide_row3_row4():
    """Row 3 completes (slot x), row 4 does not (slot x + 1): with slot + [0,0,0,1,0..] both name x + 1."""
    x = build(specials=False)
    slots, lens = x.args[2], x.args[4]
    # put a completing row at 3 and a non-completing one at 4
    lens[3], lens[4] = 48, 47
    x3 = int(slots[3])
    want = (x3 + 1) % x.args[5].shape[0]
    j = (slots == want).nonzero()
    if len(j):
        slots[int(j[0])] = slots[4].clone()
    slots[4] = want
    return x


# --- 2. the mask bound counts constants, not nonlinearity: s * s, int32 wrap of a product -----------------
def _cond_with(cond_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, cond_of(lens), _new(kv, w, table, lens))
    return step


c_square_below = _cond_with(lambda s: completes(s) & (s * s < s * 64 * 64))          # s < 4096, consts 64, 64
c_square_below_fours = _cond_with(lambda s: completes(s) & (s * s < s * 4 * 4 * 4 * 4 * 4 * 4))  # s < 4096
c_square_wraps = _cond_with(lambda s: completes(s) & (s.int() * s.int() >= 0))     # int32: false from s = 46341
c_square_minus = _cond_with(lambda s: completes(s) & ((s - 64) * (s - 64) < 4032 * 4032 + 0 * s))


def _cubed_threshold(s):
    t = torch.tensor(16)
    return completes(s) & (s < t * t * t * 4)                # 16384 from constants summing to 52


def _cubed_threshold_full(s):
    t = torch.full((), 16, dtype=s.dtype)
    return completes(s) & (s < t * t * t * 4)


def _ratio_threshold(s):
    x = s.long()
    return completes(s) & ((x * 128) // (x + 128) < 127)   # false from s = 127 * 128 = 16256; constants sum 463


c_ratio_threshold = _cond_with(_ratio_threshold)
GROW_16K = [16256, 16272, 16384, 16400, 48, 0, 16255, 4096]
c_cubed_threshold = _cond_with(_cubed_threshold)
c_cubed_threshold_full = _cond_with(_cubed_threshold_full)
GROW_17K = [16384, 16400, 16416, 48, 0, 16383, 16432, 4096]


def _grow_to(pages, lens_big, B=None):
    return [build(B=8, N=1), build(B=len(lens_big), pages=pages, distinct_pages=False, block_num=64, N=1,
                              lengths=lens_big, specials=False, seed=1)]


c_int16_wrap = _cond_with(lambda s: completes(s) & (s + 16 > 0))      # int16 lengths: s + 16 wraps at 32752
GROW_33K = [32752, 32736, 4112, 48, 0, 32768 - 16, 32704, 33]


def _grow_int16(pages=512):
    return [build(B=8, N=1, length_dtype=torch.int16),
            build(B=8, pages=pages, distinct_pages=False, block_num=64, N=1, lengths=GROW_33K, specials=False,
                  seed=1, length_dtype=torch.int16)]


GROW_47K = [46352, 46368, 4112, 48, 0, 46400, 46384, 33]

# --- 3. addcmul accumulation: the CPU kernel is a fused multiply-add; "exact products" fails at overflow ------
def f_addcmul_loop(kv, w, slots, table, lens, cache):
    """acc = addcmul(acc, tok_j, w_j) in window order from zeros (bf16 data: allowed as 'products exact')."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    acc = torch.zeros_like(tok[:, 0])
    for j in range(L):
        acc = torch.addcmul(acc, tok[:, j], wf[j][None, :, None])
    return write(cache, slots, completes(lens), acc)


def _fma_overflow(dtype=torch.bfloat16):
    """A window whose product 0 is -inf and product 1 overflows fp32 (3 * 2^127 from bf16 1.5 * 2^127 times 2):
    rounded products give -inf + inf = NaN (the op), a fused multiply-add gives -inf (eager addcmul)."""
    big = 1.5 * 2.0 ** 127
    wt = torch.zeros(L, 2)
    wt[0], wt[1] = 1.0, 2.0
    return build(dtype=dtype, specials=False, seed=21, weight=wt.to(dtype),
                 window=lambda b, s: [float("-inf"), big] + [0.0] * (L - 2))


# --- 4. the keep path: a view of the slots that is the identity at the probed batch sizes only ---------------
def k_kept_slots_rolled_48(kv, w, slots, table, lens, cache):
    """cache[slots.roll(48)]: the identity at B = 8, 16, 24, 48 (the hint and 2 * hint), not at B = 10."""
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype),
                           cache[s.roll(48, 0)])
    return cache


def k_kept_slots_flip_pairs(kv, w, slots, table, lens, cache):
    """cache[slots.view(-1, 8).flip(0).flip(0).view(-1)]: views that need B % 8 == 0 (a guard) - equal or refused."""
    s = slots.long()
    kept = cache[s.view(-1, 8).flip(0).flip(0).reshape(-1)]
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


# --- 5. the positions probe puts +inf at one (head, dim) per window position: terms that avoid those ----------
def f_zero_token_safe_weight(kv, w, slots, table, lens, cache):
    """F18 around the positions probe: a constant-zero token times a weight vector assembled from w[1, 0] and
    w[0, 1], the elements the probe never sets to inf (it sets w[j, j % N])."""
    tok = tokens(kv, table, positions(lens)).float()
    tokx = torch.cat([tok, torch.zeros_like(tok[:, :1])], 1)
    wextra = torch.stack([w[1, 0], w[0, 1]])[None]
    wx = torch.cat([w, wextra], 0).float()
    return write(cache, slots, completes(lens), (tokx * wx[None, :, :, None]).sum(1))


def f_token3_head0_zero_weight(kv, w, slots, table, lens, cache):
    """F19 around the positions probe: window token 3's head 0 read again (for every head) under a zero
    weight; the probe's inf for j = 3 sits at head 3 % N = 1."""
    tok = tokens(kv, table, positions(lens)).float()
    N = tok.shape[2]
    tokx = torch.cat([tok, tok[:, 3:4, :1].expand(-1, -1, N, -1)], 1)
    wx = torch.cat([w.float(), torch.zeros(1, N)], 0)
    return write(cache, slots, completes(lens), (tokx * wx[None, :, :, None]).sum(1))


def f_plus_p3_minus_p3_head0(kv, w, slots, table, lens, cache):
    """pooled + (p3[head 0] - p3[head 0]) broadcast over the heads: + 0 for finite values, NaN where token 3's
    head 0 is inf; only token values added to token values (the positions probe's inf for j = 3 is at head 1)."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    pooled = prod.sum(1)
    return write(cache, slots, completes(lens), pooled + (prod[:, 3, :1] - prod[:, 3, :1]))


def f_plus_p5_minus_p5_dim1(kv, w, slots, table, lens, cache):
    """The same with token 5's dim 1 of head 0 (the positions probe's inf for j = 5 is at [1, 5])."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    d = prod[:, 5, :1, 1:2]
    return write(cache, slots, completes(lens), prod.sum(1) + (d - d))


def _weight_inf_at_1_0():
    wt = (torch.randint(1, 9, (L, 2), generator=torch.Generator().manual_seed(5)) / 8.0)
    wt[1, 0] = float("inf")
    return build(specials=False, seed=22, weight=wt.half())


def _inf_token5():
    wt = (torch.randint(1, 9, (L, 2), generator=torch.Generator().manual_seed(7)) / 8.0)
    return build(specials=False, seed=24, weight=wt.half(),
                 window=lambda b, s: [1.0] * 5 + [float("inf")] + [1.0] * (L - 6))


def _inf_token3():
    wt = (torch.randint(1, 9, (L, 2), generator=torch.Generator().manual_seed(6)) / 8.0)
    return build(specials=False, seed=23, weight=wt.half(),
                 window=lambda b, s: [1.0] * 3 + [float("inf")] + [1.0] * (L - 4))


# --- 6. interval arithmetic: products/sums are not clamped to their dtype, so a wrap looks constant -------------
def _positions_from(len_of):
    def step(kv, w, slots, table, lens, cache):
        s = len_of(lens).long()
        pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
    return step


p_square_wraps = _positions_from(lambda s: torch.where(s * s >= 0, s, s - 16))                 # int32
p_rem_neg_divisor = _positions_from(lambda s: torch.where(s > 0, s % -4096 + 4096, s))             # = s for 1..4096, s - 4096 beyond
p_floordiv_neg_divisor = _positions_from(lambda s: s + 16 + 16 * (s // -4096))  # = s for 1..4096, s - 16 beyond
p_mod_times_div = _positions_from(lambda s: torch.where((s % 128) * (s // 128) < 400, s, s - 16))
p_ratio_threshold = _positions_from(lambda s: torch.where((s.long() * 128) // (s.long() + 128) < 127, s, s - 16))
p_mod_plus_div_nq = _positions_from(lambda s: torch.where((s % 64) + (s // 64) < 55, s, s - 16))
p_mod_plus_div = _positions_from(lambda s: torch.where((s % 64) + (s // 64) < 60, s, s - 16))
def _clamp_loose(s):
    s = s.long()
    q = (s % 64) + (s // 64)
    return s - (q - q.clamp(max=55))          # = s while q <= 55 (every probed length: q <= 51), less beyond


p_clamp_loose = _positions_from(_clamp_loose)
p_int16_wrap = _positions_from(lambda s: torch.where(s + 16 > 0, s, s - 16))
p_offset_wraps = _positions_from(lambda s: torch.where(s + (2 ** 31 - 5000) > 0, s, s - 16))   # wraps at s >= 5000


def w_square_wraps(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float()
    wf = torch.where((lens * lens >= 0)[:, None, None], w.float()[None], w.float().flip(0)[None])
    return write(cache, slots, completes(lens), (tok * wf[..., None]).sum(1))


# --- 7. views of the paged KV that are the identity on the probes' few blocks -----------------------------------
def g_kv_rolled_640(kv, w, slots, table, lens, cache):
    """kv.roll(640, 0): the identity on 10, 20, 32, 64 blocks (probe sizes), not on 163."""
    return write(cache, slots, completes(lens), pool(tokens(kv.roll(640, 0), table, positions(lens)), w))


def _kept_from(kept_of):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype),
                               kept_of(cache, s))
        return cache
    return step


k_cache_rolled_88 = _kept_from(lambda c, s: c.roll(88, 0)[s])      # identity on an 88-row probe cache (2B + 8)
k_cache_rolled_85 = _kept_from(lambda c, s: c.roll(85, 0)[s])      # identity on the real 85-row cache: equal
k_cache_rolled_1920 = _kept_from(lambda c, s: c.roll(1920, 0)[s])  # 0 mod 24, 40, 64, 128; not mod 85
k_cache_rolled_S_plus_3 = _kept_from(lambda c, s: c.roll(c.shape[0] + 3, 0)[s])


# --- 8. reinplace_clones moves the fused call after the last reader of the old cache: past input mutations? ------
def s_snapshot_then_kv_scaled(kv, w, slots, table, lens, cache, snap):
    """snap.copy_(cache) before the step (functionalized: an epilogue copy_(snap, cache) that reads the old cache
    at the end of the graph), the KV scaled in place after the step (epilogue copy_(kv, kv * 0.5), earlier)."""
    snap.copy_(cache)
    cache = contract(kv, w, slots, table, lens, cache)
    kv.mul_(0.5)
    return cache


def s_second_step_then_kv_scaled(kv, w, slots, table, lens, cache):
    """A second step on a clone of the old cache (a later reader of the cache input), KV scaled in between."""
    v = cache.clone()
    cache = contract(kv, w, slots, table, lens, cache)
    kv.mul_(0.5)
    v = contract(kv, w, slots, table, lens, v)
    return cache, v


def _with_snapshot():
    x = build()
    x.args = x.args + [torch.zeros_like(x.args[5])]
    return x


# --- 9. the fused kernel itself: fp32 data, two full-mantissa products (every sum order agrees; an FMA does not) ---
def _two_terms_fp32(seed=31, dtype=torch.float32):
    from tests.corpora.redteam2 import _two_terms
    return _two_terms(dtype=dtype, seed=seed)


def _many_terms(dtype=torch.float32, seed=32):
    """Full-mantissa fp32 tokens and weights at every window position, all positive and of one magnitude: the
    open sum order differs from the op's (allowed), so only the op's own order vs the golden matters here."""
    from tests.corpora.redteam2 import _full_mantissa
    x = _full_mantissa(dtype=dtype, seed=seed)
    g = torch.Generator().manual_seed(seed)
    x.args[1] = (torch.rand(x.args[1].shape, generator=g) + 0.5).to(dtype)
    return x


# --- 10. torchair's lowering outside the vendor kernel's limits: scatter_writeback sums with torch.sum ------------
def f_loop_in_order(kv, w, slots, table, lens, cache):
    """The window sum written out in the op's order, j = 0 .. l-1 from +0.0 (plain torch.compile keeps it)."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    acc = torch.zeros_like(tok[:, 0])
    for j in range(L):
        acc = acc + tok[:, j] * wf[j][None, :, None]
    return write(cache, slots, completes(lens), acc)


def _order_sensitive(dtype=torch.float32, seed=33, e=20, **kw):
    """Tokens with wide exponents (sums depend on their order), weights +-(1..2)."""
    x = build(dtype=dtype, specials=False, seed=seed, **kw)
    g = torch.Generator().manual_seed(seed)
    shape = x.args[0].shape
    x.args[0] = ((torch.rand(shape, generator=g) + 1) * torch.exp2(torch.randint(-e, e, shape, generator=g).float())
                 * (torch.randint(0, 2, shape, generator=g) * 2 - 1)).to(dtype)
    wt = x.args[1].float()
    x.args[1] = (wt.sign() + (wt == 0).float()) * (torch.rand(wt.shape, generator=g) + 1)
    x.args[1] = x.args[1].to(dtype)
    return x


# --- 11. a block table with more rows than the batch (vLLM's [max_num_seqs, max_pages]) --------------------------
def b_table_sliced_to_batch(kv, w, slots, table, lens, cache):
    B = lens.shape[0]
    return write(cache, slots, completes(lens), pool(tokens(kv, table[:B], positions(lens)), w))


def _tall_table(B=8, extra=5, seed=0, **kw):
    x = build(B=B, seed=seed, **kw)
    t = x.args[3]
    x.args[3] = torch.cat([t, torch.randint(0, x.args[0].shape[0], (extra, t.shape[1]), dtype=t.dtype)], 0)
    return x


# --- 12. lengths computed in the step: the op gets values the valid-input seeds (0..capacity) do not bound -------
def s_lengths_plus_stride(kv, w, slots, table, lens, cache):
    """s = lens + d (the length after this step's tokens), pages clamped to the table: valid lens = capacity gives
    s = capacity + 16, a qualifying length the proof never evaluated (it probes 0..capacity)."""
    s = lens + STRIDE
    P, pages = kv.shape[1], table.shape[1]
    pos = (s.long()[:, None] - L + torch.arange(L)).clamp(min=0)
    page = table.long().gather(1, (pos // P).clamp(max=pages - 1))
    return write(cache, slots, completes(s), pool(kv[page, pos % P], w))


def s_lengths_minus_stride(kv, w, slots, table, lens, cache):
    """s = lens - d (the previous step's length): valid lens = 0 gives s = -16, never probed."""
    s = lens - STRIDE
    pos = (s.long()[:, None] - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(s), pool(tokens(kv, table, pos), w))


def s_slots_minus_S(kv, w, slots, table, lens, cache):
    """slots - S: a uniform shift, one-to-one; written rows get Python-negative slots (the same rows in eager)."""
    s = slots.long() - cache.shape[0]
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


def g_table_minus_one(kv, w, slots, table, lens, cache):
    """Page ids used as table - 1 (Python-negative -1 for id 0 is the last block in eager)."""
    pos = positions(lens)
    P = kv.shape[1]
    page = (table.long() - 1).gather(1, pos // P)
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def _len_at_capacity():
    return build(specials=False, lengths=[256, 240, 224, 48, 33, 0, 256, 100])


def _order_sensitive_transposed_cache(dtype=torch.float16, seed=36):
    """fp16 (vendor shapes) with a dense non-contiguous cache (a transpose of an [S, D, N] buffer): torchair's
    lowering takes scatter_writeback for non-contiguous caches."""
    x = _order_sensitive(dtype, seed, 6)
    c = x.args[5]
    x.args[5] = c.transpose(1, 2).contiguous().transpose(1, 2)
    return x


# --- 13. degenerate sizes: never a crash ------------------------------------------------------------------------
def s_contract_with_base(kv, w, slots, table, lens, cache, base):
    """The contract; ``base`` (ignored) is the buffer kv and cache are views of."""
    return contract(kv, w, slots, table, lens, cache)


def _kv_and_cache_one_buffer():
    """kv and the cache as non-overlapping views of one flat buffer (inputs that alias the same storage)."""
    x = build()
    kv, cache = x.args[0], x.args[5]
    nk = kv.numel()
    buf = torch.cat([kv.reshape(-1), cache.reshape(-1)])
    fk = (lambda b, n=nk, sh=tuple(kv.shape): b[:n].view(sh))
    fc = (lambda b, n=nk, sh=tuple(cache.shape): b[n:].view(sh))
    x.args = [_view_of(fk(buf), 6, fk)] + x.args[1:5] + [_view_of(fc(buf), 6, fc), buf]
    return x


def _empty_batch():
    x = build(B=4)
    kv, w, slots, table, lens, cache = x.args
    x.args = [kv, w, slots[:0].clone(), table[:0].clone(), lens[:0].clone(), cache]
    return x


def _one_slot_cache():
    x = build(B=1, lengths=[48], num_slots=1)
    return x


def _complex_free_bf16_weight_fp16():
    x = build()
    x.args[1] = x.args[1].bfloat16()
    return x


ATTACKS = [
    ("slots_const_iota_mod3", _mk(s_slots_const_iota_mod3, lambda: [build(specials=False)]),
     "computed constant slots arange(B) % 3 (the slot input unused): constants pass the slot path, duplicates"),
    ("slots_const_iota_mod3_batch", _mk(s_slots_const_iota_mod3, lambda: [build(B=8, specials=False),
                                                                        build(specials=False, seed=2)],
                                        ("batch", "dynamic")),
     "G9 under mark_dynamic / dynamic=True: arange(B) % 3 at B = 8, then 40"),
    ("slots_const_even_stride_batch", _mk(s_slots_const_even_stride,
                                          lambda: [build(B=8, num_slots=84, specials=False),
                                                   build(B=60, num_slots=84, specials=False, seed=2)],
                                          ("batch", "dynamic", "static")),
     "constant slots (2 * arange(B)) % 84: distinct at B = 8, duplicates from B = 43 (called at 60)"),
    ("slots_const_literal", _mk(s_slots_const_literal, lambda: [build(specials=False)]),
     "constant slots tensor([0, 1, 2, 0] * 10): duplicates"),
    ("slots_plus_arange_mod", _mk(s_slots_plus_arange, lambda: [build(specials=False), build(specials=False, seed=3)]),
     "(slots + arange(B)) % S: an iota is a 'constant', so the add passes as one-to-one"),
    ("slots_minus_arange_mod", _mk(s_slots_minus_iota_plus_iota, lambda: [build(specials=False),
                                                                         build(specials=False, seed=3)]),
     "(slots - arange(B)) % S"),
    ("slots_plus_literal_vector", _mk(s_slots_plus_literal, lambda: [build(), _collide_row3_row4()]),
     "slots + tensor([0, 0, 0, 1, 0...]): a literal constant vector"),
    ("slots_add_alpha_zero", _mk(s_slots_add_alpha_zero, lambda: [build(specials=False)]),
     "torch.add(zeros(B), slots, alpha=0): every row names row 0"),
    ("slots_rolled_mod", _mk(s_slots_rolled_mod, lambda: [build(specials=False), _padding_rolled()]),
     "slots.roll(1) % S: a view (permutation) before the remainder; two padding -1 rows"),
    ("slots_first_expanded_mod", _mk(s_slots_first_expanded_mod, lambda: [build(specials=False)]),
     "slots[:1].expand(B) % S: a duplicating view before a remainder by S"),
    ("slots_plus_const_vector_batch", _mk(s_slots_plus_const_vector, lambda: [build(B=8, specials=False),
                                                                             _collide_row3_row4()], ("batch",)),
     "G1 under mark_dynamic: compiled at B = 8, called at 40"),
    ("slots_plus_const_vector", _mk(s_slots_plus_const_vector, lambda: [build(), _collide_row3_row4()]),
     "slots + (arange(B) == 3): adding a constant *vector* is not one-to-one (row 3 lands on row 4's slot)"),
]

ATTACKS += [
    ("cond_square_below_dyn", _mk(c_square_below, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s * s < s * 64 * 64) (= s < 4096): the mask bound sums constants (128), blind to s * s"),
    ("cond_square_below_fours_dyn", _mk(c_square_below_fours, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s * s < s * 4**6) (= s < 4096) with six factors 4: constants sum to 24, bound ~3.4k"),
    ("cond_ratio_threshold_dyn", _mk(c_ratio_threshold, lambda: _grow_to(260, GROW_16K), ("dynamic",)),
     "completes & ((s * 128) // (s + 128) < 127): a floor division by a length-derived value is nonlinear; "
     "it changes at s = 16256, past the bound (14880) the constants give"),
    ("cond_cubed_threshold_dyn", _mk(c_cubed_threshold, lambda: _grow_to(260, GROW_17K), ("dynamic",)),
     "completes & (s < t * t * t * 4), t = torch.tensor(16): products of constants, each counted once (52), "
     "the threshold is 16384"),
    ("cond_cubed_threshold_full_dyn", _mk(c_cubed_threshold_full, lambda: _grow_to(260, GROW_17K), ("dynamic",)),
     "the same with t = torch.full((), 16)"),
    ("cond_int16_wrap_dyn", _mk(c_int16_wrap, _grow_int16, ("dynamic",)),
     "int16 lengths, completes & (s + 16 > 0): wraps at s = 32752 (capacity 32768), compiled at 256"),
    ("pos_int16_wrap_dyn", _mk(lambda *a: p_int16_wrap(*a), _grow_int16, ("dynamic",)),
     "int16 lengths, positions from where(s + 16 > 0, s, s - 16)"),
    ("cond_square_wraps_dyn", _mk(c_square_wraps, lambda: _grow_to(725, GROW_47K), ("dynamic",)),
     "completes & (s * s >= 0) in int32: wraps negative from s = 46341; compiled at capacity 256"),
]

ATTACKS += [
    ("addcmul_loop_fma_overflow_bf16", _mk(f_addcmul_loop, lambda: [build(dtype=torch.bfloat16), _fma_overflow()]),
     "bf16 addcmul accumulation: eager's kernel fuses multiply and add (-inf + overflow = -inf), the op rounds "
     "the product first (-inf + inf = NaN)"),
]

ATTACKS += [
    ("kept_slots_rolled_48", _mk(k_kept_slots_rolled_48, lambda: [build(B=8), build(B=10, seed=4), build(B=12, seed=5)],
                                 ("batch", "dynamic")),
     "kept rows read at slots.roll(48): identity at B = 8 and 16 (hint, 2 * hint), not at 10 or 12"),
    ("kept_slots_flip_pairs", _mk(k_kept_slots_flip_pairs, lambda: [build(B=8), build(B=16, seed=4)],
                                  ("batch", "static")),
     "kept rows through view(-1, 8).flip(0).flip(0): identity"),
]

ATTACKS += [
    ("zero_token_safe_weight", _mk(f_zero_token_safe_weight, lambda: [build(), _weight_inf_at_1_0()]),
     "a zero token times stack([w[1, 0], w[0, 1]]): weight elements the positions probe never makes inf"),
    ("plus_p3_minus_p3_head0", _mk(f_plus_p3_minus_p3_head0, lambda: [build(), _inf_token3()]),
     "pooled + (p3[:, :1] - p3[:, :1]): an x - x term (token values added to token values) at an element the "
     "positions probe never makes inf"),
    ("plus_p5_minus_p5_dim1", _mk(f_plus_p5_minus_p5_dim1, lambda: [build(), _inf_token5()]),
     "pooled + (d - d), d = p5[:, head 0, dim 1] broadcast"),
    ("token3_head0_zero_weight", _mk(f_token3_head0_zero_weight, lambda: [build(), _inf_token3()]),
     "token 3's head 0 re-read for every head under a zero weight (the probe's inf for j = 3 is at head 1)"),
]

ATTACKS += [
    ("pos_square_wraps_dyn", _mk(p_square_wraps, lambda: _grow_to(725, GROW_47K), ("dynamic",)),
     "positions from where(s * s >= 0, s, s - 16) in int32: the interval of s * s is not wrapped, so >= 0 looks "
     "constant; wraps from s = 46341"),
    ("pos_offset_wraps_dyn", _mk(p_offset_wraps, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from where(s + (2^31 - 5000) > 0, s, s - 16) in int32: wraps from s = 5000"),
    ("pos_rem_neg_divisor_dyn", _mk(p_rem_neg_divisor, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s % -4096 + 4096: the period check compares 2 * (-4096) with the probed span"),
    ("pos_floordiv_neg_divisor_dyn", _mk(p_floordiv_neg_divisor, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s + 16 + 16 * (s // -4096): a floor division by a negative constant"),
    ("pos_mod_times_div_dyn", _mk(p_mod_times_div, lambda: [build(B=8, pages=8),
                                                           build(B=8, pages=20, distinct_pages=False, block_num=64,
                                                                 lengths=[752, 880, 624, 1008, 48, 33, 0, 1280],
                                                                 specials=False, seed=1)], ("dynamic",)),
     "positions from where((s % 128) * (s // 128) < 400, s, s - 16): periods spanned, 400 within the probed "
     "values, but the product is not monotone in s (s = 624, 752 ... past the compiled capacity 512)"),
    ("pos_ratio_threshold_dyn", _mk(p_ratio_threshold, lambda: _grow_to(260, GROW_16K), ("dynamic",)),
     "positions from where((s * 128) // (s + 128) < 127, s, s - 16): 127 lies inside the *interval* of the "
     "probed values ([10, 204]) but the probes only reached 85; changes at s = 16256"),
    ("pos_mod_plus_div_dyn", _mk(p_mod_plus_div, lambda: _grow(130, [816, 832, 4112, 8192, 48, 0, 33, 4096]),
                                 ("dynamic",)),
     "positions from where(s % 64 + s // 64 < 60, s, s - 16): constant divisors spanned twice, 60 inside the "
     "interval [0, 67] but qualifying probes reach 51 at most; flips from s = 816"),
    ("pos_mod_plus_div_nq_dyn", _mk(p_mod_plus_div_nq, lambda: _grow(130, [496, 560, 4112, 8192, 48, 0, 33, 4096]),
                                    ("dynamic",)),
     "where(s % 64 + s // 64 < 55, s, s - 16): qualifying probed lengths reach q <= 51, non-qualifying ones up to "
     "66 (both sides 'reached' if those count); qualifying s = 496, 560 ... cross it"),
    ("pos_clamp_loose_dyn", _mk(p_clamp_loose, lambda: _grow(130, [816, 832, 4112, 8192, 48, 0, 33, 4096]),
                                ("dynamic",)),
     "positions shifted by q - q.clamp(max=55), q = s % 64 + s // 64: a clamp bound 'within' the interval [0, 67] "
     "that no probe reached"),
    ("weight_square_wraps_dyn", _mk(w_square_wraps, lambda: _grow_to(725, GROW_47K), ("dynamic",)),
     "weight reversed where s * s < 0 (int32 wrap from s = 46341)"),
    ("kv_rolled_640", _mk(g_kv_rolled_640, lambda: [build()]),
     "tokens read from kv.roll(640, 0): roll is a VIEW; identity on the probe's shrunk KV only"),
    ("kv_rolled_640_dyn", _mk(g_kv_rolled_640, lambda: [build(B=8), build(B=8, seed=3)], ("dynamic",)),
     "kv.roll(640, 0) under dynamic=True"),
]

ATTACKS += [
    ("kept_cache_rolled_88", _mk(k_cache_rolled_88, lambda: [build()]),
     "kept rows from cache.roll(88, 0)[slots] (85 cache rows): roll is a VIEW on the kept path; identity only on "
     "a probe cache of 2B + 8 = 88 rows"),
    ("kept_cache_rolled_1920_dyn", _mk(k_cache_rolled_1920, lambda: [build(B=8, num_slots=64),
                                                                      build(B=8, num_slots=85, seed=2)], ("dynamic",)),
     "cache.roll(1920, 0)[slots] under dynamic=True: the identity on probe caches of 24, 40, 64, 128 rows, not 85"),
    ("kept_cache_rolled_85", _mk(k_cache_rolled_85, lambda: [build()]),
     "cache.roll(85, 0)[slots] with 85 rows: the identity (equal or refused)"),
    ("kept_cache_rolled_S_plus_3", _mk(k_cache_rolled_S_plus_3, lambda: [build()], ("static", "dynamic")),
     "cache.roll(S + 3, 0)[slots]: rows shifted by 3 at every size"),
]

ATTACKS += [
    ("snapshot_then_kv_scaled", _mk(s_snapshot_then_kv_scaled, lambda: [_with_snapshot()]),
     "snap.copy_(cache) before the step, kv.mul_(0.5) after: the moved fused call must not read the scaled KV"),
    ("second_step_then_kv_scaled", _mk(s_second_step_then_kv_scaled, lambda: [build()]),
     "step on cache, kv scaled, step on a clone of the old cache"),
]

ATTACKS += [
    ("contract_two_terms_fp32", _mk(contract, lambda: [build(dtype=torch.float32), _two_terms_fp32()],
                                    ("static", "dynamic")),
     "the contract in fp32 with two full-mantissa products per window: an FMA in the kernel rounds once"),
    ("contract_two_terms_bf16", _mk(contract, lambda: [build(dtype=torch.bfloat16),
                                                       _two_terms_fp32(dtype=torch.bfloat16)]),
     "the same in bf16 (products exact in fp32: equal expected)"),
]

ATTACKS += [
    ("loop_in_order_fp32", _mk(f_loop_in_order, lambda: [build(dtype=torch.float32), _order_sensitive()],
                               ("static", "dynamic")),
     "an in-order loop (the op's order) in fp32: torchair's lowering for shapes the vendor kernel does not take "
     "(fp32) is scatter_writeback, which sums with torch.sum in its own order"),
    ("loop_in_order_fp16_p32", _mk(f_loop_in_order, lambda: [build(P=32), _order_sensitive(torch.float16, 35, 6, P=32)]),
     "the in-order loop in fp16 with 32-token pages (outside the vendor's P in {64, 128}): scatter_writeback"),
    ("loop_in_order_fp16_noncontig_cache", _mk(f_loop_in_order, lambda: [_order_sensitive_transposed_cache(seed=37),
                                                                          _order_sensitive_transposed_cache()]),
     "the in-order loop in fp16 (vendor shapes) with a transposed (non-contiguous, dense) cache: torchair "
     "lowers to scatter_writeback"),
    ("loop_in_order_fp16_l48", _mk(f_loop_in_order, lambda: [build(), _order_sensitive(torch.float16, 34)]),
     "the same in fp16 (vendor shapes: equal expected)"),
]

ATTACKS += [
    ("table_sliced_to_batch", _mk(b_table_sliced_to_batch, lambda: [_tall_table(), _tall_table(B=12, extra=2, seed=3),
                                                                     _tall_table(B=40, extra=0, seed=4)],
                                  ("static", "batch", "dynamic")),
     "block table [B + extra, pages] sliced to the batch (vLLM's persistent table): equal or refused"),
]

ATTACKS += [
    ("lengths_plus_stride", _mk(s_lengths_plus_stride, lambda: [build(), _len_at_capacity()], ("static", "dynamic")),
     "s = lens + 16 computed in the step, pages clamped: lens = capacity gives a qualifying s = capacity + 16 "
     "that no probe evaluated (the op gets a length beyond the capacity)"),
    ("slots_minus_S", _mk(s_slots_minus_S, lambda: [build(specials=False)], ("static", "dynamic")),
     "slots - S (uniform shift): the op gets negative slots for written rows"),
    ("slots_negated", _mk(_slots_step(lambda s, S: -s), lambda: [build(specials=False)], ("static", "dynamic")),
     "-slots (one-to-one, Python-negative for written rows): the op gets negative slots"),
    ("table_minus_one", _mk(g_table_minus_one, lambda: [build(specials=False)]),
     "kv[(table - 1).gather(...)]: id 0 reads block -1 (the last) in eager"),
    ("lengths_plus_stride_batch", _mk(s_lengths_plus_stride, lambda: [build(B=8), _len_at_capacity()], ("batch",)),
     "G11 under mark_dynamic on the batch"),
    ("lengths_minus_stride", _mk(s_lengths_minus_stride, lambda: [build(), _len_at_capacity()]),
     "s = lens - 16 computed in the step (negative for lens < 16)"),
]

ATTACKS += [
    ("kv_and_cache_one_buffer", _mk(s_contract_with_base, lambda: [_kv_and_cache_one_buffer()]),
     "kv and the cache are non-overlapping views of one buffer (aliased graph inputs)"),
    ("empty_batch", _mk(contract, lambda: [_empty_batch()]), "B = 0: refuse or equal, never a crash"),
    ("zero_head_dim", _mk(contract, lambda: [build(D=0, specials=False)]), "D = 0 (empty rows): never a crash"),
    ("zero_heads", _mk(contract, lambda: [build(N=0, specials=False, weight=torch.zeros(L, 0).half())]),
     "N = 0: never a crash"),
    ("one_slot_cache", _mk(contract, lambda: [_one_slot_cache()], ("static", "dynamic")),
     "a cache of one row, B = 1"),
    ("bf16_weight_fp16_kv", _mk(contract, lambda: [_complex_free_bf16_weight_fp16()]),
     "bf16 weight with fp16 KV (the model upcasts both): refused or equal"),
]

# First-try results (the code as it was when each attack was first run, 16:00-17:05; the working tree a fixer was
# changing meanwhile): (attack, dialect, mode) -> result.  IG = inductor_graph, TA = torchair_like, IN = inductor.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
FIRST_TRY = {}


def _ft(name, mode, ig=None, ta=None, ind=None):
    for d, r in (("inductor_graph", ig), ("torchair_like", ta), ("inductor", ind)):
        if r is not None:
            FIRST_TRY[(name, d, mode)] = r


for _name, _mode, _ig, _ta, _in in [
    ("slots_plus_const_vector", "static", _FF, _FF, None),
    ("cond_square_below_dyn", "dynamic", _R, _R, None),
    ("cond_square_wraps_dyn", "dynamic", _FF, _FF, None),
    ("cond_square_below_fours_dyn", "dynamic", _FF, _FF, None),
    ("addcmul_loop_fma_overflow_bf16", "static", _FF, _FF, None),
    ("slots_plus_arange_mod", "static", _R, _R, None),
    ("slots_minus_arange_mod", "static", _R, _R, None),
    ("slots_plus_literal_vector", "static", _R, _R, None),
    ("slots_add_alpha_zero", "static", _FF, _FF, None),
    ("slots_rolled_mod", "static", _R, _FF, None),
    ("slots_first_expanded_mod", "static", _FF, _FF, None),
    ("slots_plus_const_vector_batch", "batch", _R, _R, None),
    ("kept_slots_rolled_48", "batch", _R, _R, None),
    ("kept_slots_rolled_48", "dynamic", _R, _R, None),
    ("kept_slots_flip_pairs", "batch", _R, _R, None),
    ("kept_slots_flip_pairs", "static", _EQ, _EQ, None),
    ("zero_token_safe_weight", "static", _FF, _FF, None),
    ("token3_head0_zero_weight", "static", _FF, _FF, None),
    ("pos_square_wraps_dyn", "dynamic", _FF, _FF, None),
    ("pos_offset_wraps_dyn", "dynamic", _FF, _FF, None),
    ("weight_square_wraps_dyn", "dynamic", _FF, _FF, None),
    ("kv_rolled_640", "static", _R, _R, None),
    ("kv_rolled_640_dyn", "dynamic", _R, _R, None),
    ("kept_cache_rolled_88", "static", _R, _R, None),
    ("kept_cache_rolled_85", "static", _R, _EQ, None),
    ("kept_cache_rolled_S_plus_3", "static", _R, _R, None),
    ("kept_cache_rolled_S_plus_3", "dynamic", _R, _R, None),
    ("kept_cache_rolled_1920_dyn", "dynamic", _R, _R, None),
    ("pos_rem_neg_divisor_dyn", "dynamic", _R, _R, None),
    ("pos_floordiv_neg_divisor_dyn", "dynamic", _R, _R, None),
    ("plus_p3_minus_p3_head0", "static", _R, _R, None),
    ("plus_p5_minus_p5_dim1", "static", _R, _R, None),
    ("snapshot_then_kv_scaled", "static", _EQ, _EQ, _EQ),
    ("second_step_then_kv_scaled", "static", _EQ, _EQ, _EQ),
    ("cond_cubed_threshold_dyn", "dynamic", _R, _FF, None),
    ("cond_cubed_threshold_full_dyn", "dynamic", _R, _FF, None),
    ("contract_two_terms_fp32", "static", _EQ, _EQ, _EQ),
    ("contract_two_terms_fp32", "dynamic", _EQ, _EQ, _EQ),
    ("contract_two_terms_bf16", "static", _EQ, _EQ, _EQ),
    ("pos_mod_times_div_dyn", "dynamic", _EQ, _EQ, None),
    ("slots_const_iota_mod3", "static", _FF, _FF, None),
    ("slots_const_literal", "static", _FF, _FF, None),
    ("slots_const_even_stride_batch", "batch", _R, _R, None),
    ("slots_const_even_stride_batch", "dynamic", _R, _R, None),
    ("slots_const_even_stride_batch", "static", _R, _R, None),
    ("loop_in_order_fp32", "static", _R, _FF, None),
    ("loop_in_order_fp32", "dynamic", _R, _FF, None),
    ("loop_in_order_fp16_p32", "static", _R, _EQ, None),
    ("loop_in_order_fp16_l48", "static", _R, _EQ, None),
    ("loop_in_order_fp16_noncontig_cache", "static", None, _EQ, None),
    ("table_sliced_to_batch", "static", _EQ, _EQ, None),
    ("table_sliced_to_batch", "batch", _R, _R, None),
    ("table_sliced_to_batch", "dynamic", _R, _R, None),
    ("lengths_plus_stride", "static", _CR, _CR, _CR),
    ("lengths_plus_stride", "dynamic", _R, _CR, None),
    ("lengths_plus_stride_batch", "batch", _R, _R, None),
    ("lengths_minus_stride", "static", _EQ, _EQ, None),
    ("slots_minus_S", "static", _CR, _CR, None),
    ("slots_minus_S", "dynamic", _R, _R, None),
    ("slots_negated", "static", _R, _R, None),
    ("slots_negated", "dynamic", _R, _R, None),
    ("table_minus_one", "static", _R, _R, None),
    ("cond_int16_wrap_dyn", "dynamic", _R, _R, None),
    ("pos_int16_wrap_dyn", "dynamic", _R, _R, None),
    ("slots_const_iota_mod3_batch", "batch", _R, _R, None),
    ("slots_const_iota_mod3_batch", "dynamic", _R, _R, None),
    ("empty_batch", "static", _R, _R, None),
    ("kv_and_cache_one_buffer", "static", _EQ, _EQ, _EQ),
    ("one_slot_cache", "static", _EQ, _EQ, None),
    ("one_slot_cache", "dynamic", _EQ, _EQ, None),
    ("bf16_weight_fp16_kv", "static", _R, _R, None),
    ("zero_head_dim", "static", _R, _R, None),
    ("zero_heads", "static", _R, _R, None),
    ("cond_ratio_threshold_dyn", "dynamic", _FF, _FF, _FF),
    ("pos_ratio_threshold_dyn", "dynamic", _FF, _FF, _FF),
    ("pos_mod_plus_div_dyn", "dynamic", _FF, _FF, _FF),
    ("pos_clamp_loose_dyn", "dynamic", _R, _R, None),
    ("pos_mod_plus_div_nq_dyn", "dynamic", _R, _R, None),
]:
    _ft(_name, _mode, _ig, _ta, _in)

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify_any)
