"""Second adversarial review of the recogniser (issue 18, "a fresh adversarial review of the landed code").

White-box attacks *not* in issue 18's list of 16 classes (plus a few re-tests of it): code that looks
like the compression step, and inputs (valid in the sense of docs/contract.md) that exercise what the
recogniser's structural rules and probes let through.  Every entry of ``ATTACKS`` is ``(name, model
factory, notes)``; the factory returns ``(step, inputs, modes)`` where ``step`` takes
``(kv, weight, slots, block_table, lengths, cache)`` like ``tests/corpora/attacks.py``, ``inputs`` is a list
of argument lists (the first is compiled, the rest are called after compiling), and ``modes`` the compile
modes ("static", "batch": mark_dynamic on the batch, "dynamic": dynamic=True).  A factory of None is a
re-test of one of issue 18's families from ``tests/corpora/attacks.py`` in another mode.

    python tests/corpora/redteam2.py [--dialect inductor_graph|inductor|torchair_like] [name-substring ...]

prints, per attack and mode: REFUSED, FUSED & EQUAL, FALSE FUSION (fused, differs from eager where the
pass-off control NSA_FUSION_DISABLE=1 does not), CONTROL DIFFERS (plain torch.compile already differs from
eager), or CRASH (compiling or running with the pass raised).
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import (L, STRIDE, build, completes, contract, pool, positions,  # noqa: E402
                                   tokens, write)

# --- 1. the pooling arithmetic is "linear in the tokens", but IEEE arithmetic is not linear ----------------
# Dyadic probes (k/16 tokens, k/32 weights) make every one of these identities exact, so they pass every
# probe; on full-mantissa, tiny or huge values they round differently from the op's sum of products.


def a_bias_round_trip(kv, w, slots, table, lens, cache):
    """+1.0 then -1.0 on each product: exact for the probes' multiples of 2^-9, rounds tiny products to 2^-23."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), ((prod + 1.0) - 1.0).sum(1))


def a_scale7_round_trip(kv, w, slots, table, lens, cache):
    """*7 then /7 on each product: 11 + 11 + 3 bits > 24, so full-mantissa fp16 products round."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), (prod * 7.0 / 7.0).sum(1))


def a_underflow_round_trip(kv, w, slots, table, lens, cache):
    """Scale each product into fp32's subnormal range and back (a "numerically safe" rescaling)."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), (prod * 2.0 ** -135 * 2.0 ** 135).sum(1))


def a_overflow_sum_then_scale_fp16(kv, w, slots, table, lens, cache):
    """fp16 data: sum-then-scale is accepted for fp16 (no partial sum overflows *unscaled*) but here the
    sum is scaled up first: S * 2^113 overflows for |S| >= 2^15 (< fp16 max), then * 2^-113."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), prod.sum(1) * 2.0 ** 113 * 2.0 ** -113)


def a_sum_times_third_times_three_fp16(kv, w, slots, table, lens, cache):
    """fp16 data, sum-then-scale with a non-power-of-two pair: (S * 3) / 3 rounds for a full-mantissa S."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), prod.sum(1) * 3.0 / 3.0)


def a_double_minus_self(kv, w, slots, table, lens, cache):
    """2x - x: linear, exact for every finite x unless 2x overflows (bf16/fp32 tokens near the max)."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), (prod * 2.0 - prod).sum(1))


def a_two_half_weights(kv, w, slots, table, lens, cache):
    """The sum split in two halves of the weight: w/2 + w/2 = w, but (t*w/2) rounds where t*w does not
    (t*w subnormal in fp32 for bf16/fp32 data)."""
    tok = tokens(kv, table, positions(lens)).float()
    half = w.float()[None, :, :, None] * 0.5
    return write(cache, slots, completes(lens), (tok * half).sum(1) + (tok * half).sum(1))


def a_addcmul_pooling(kv, w, slots, table, lens, cache):
    """addcmul(zeros, tok, w, value=0.1) * 10: a non-dyadic coefficient pair."""
    tok = tokens(kv, table, positions(lens)).float()
    prod = torch.addcmul(torch.zeros_like(tok), tok, w.float()[None, :, :, None], value=0.1)
    return write(cache, slots, completes(lens), (prod * 10.0).sum(1))


def a_baddbmm_beta_zero(kv, w, slots, table, lens, cache):
    """baddbmm with beta=0 on an uninitialised/NaN bias: beta=0 ignores NaN; here a NaN-free bias of
    the pooled shape times beta=1 then subtracted (torch.ones * 3 - 3): bias is exactly zero."""
    tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
    B, _, N, D = tok.shape
    x = tok.permute(0, 2, 3, 1).reshape(B * N, D, L)
    wf = w.float().t().reshape(N, L, 1).repeat(B, 1, 1)
    bias = torch.full((B * N, D, 1), 3.0)
    out = torch.baddbmm(bias, x, wf) - 3.0
    return write(cache, slots, completes(lens), out.reshape(B, N, D))


# --- 2. integer paths: overflow before a cast, remainders and masks of lengths -----------------------------
def a_int32_overflow_positions(kv, w, slots, table, lens, cache):
    """(s * 65536) // 65536 in int32: s for s < 32768, wraps past it (documented limit: overflow before
    a cast is not checked; here there is no cast at all)."""
    s = (lens.int() * 65536) // 65536
    pos = (s.long()[:, None] - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def a_length_remainder_in_positions(kv, w, slots, table, lens, cache):
    """Positions from s % 4096 (a "ring buffer" of 4096): equal below 4096 only."""
    s = lens.long() % 4096
    pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def a_length_remainder_no_clamp(kv, w, slots, table, lens, cache):
    """Positions from s % 4096 without a clamp: s = 4096 reads positions -32..-1 (Python-style wrap of the
    page index to the table's last page) in eager."""
    s = lens.long() % 4096
    pos = s[:, None] - L + torch.arange(L)
    P = kv.shape[1]
    page = table.long()[torch.arange(s.shape[0])[:, None], pos // P]
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def a_length_bitand_in_positions(kv, w, slots, table, lens, cache):
    """Positions from s & 4095: equal below 4096 only."""
    s = lens.long() & 4095
    pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def a_condition_remainder_4096(kv, w, slots, table, lens, cache):
    """(s % 4096 >= l) in the condition: differs at s = 4096, 8192, ... (a period larger than probed?)."""
    c = lens.long() % 4096
    valid = (c >= L) & ((lens - L) % STRIDE == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def a_condition_bitand(kv, w, slots, table, lens, cache):
    """(s & 4095) >= l in the condition (bitwise_and is not in the interval ops)."""
    valid = ((lens.long() & 4095) >= L) & ((lens - L) % STRIDE == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def a_page_id_remainder(kv, w, slots, table, lens, cache):
    """page id % 1024 (a "pool of 1024 pages"): a no-op on ids below 1024 only."""
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P) % 1024
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def a_page_id_bitand(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P) & 1023
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def a_page_id_where_big(kv, w, slots, table, lens, cache):
    """where(page >= 1024, 0, page): a select on page ids (not a clamp)."""
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P)
    page = torch.where(page >= 1024, torch.zeros_like(page), page)
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def a_page_id_int32_overflow(kv, w, slots, table, lens, cache):
    """Flat token index page * P + off in int32 (kv viewed flat): wraps only past 2^31 / P blocks;
    here page * 2^20 wraps at page >= 2048 (then // 2^20 recovers a wrong page)."""
    pos = positions(lens)
    P = kv.shape[1]
    page = table.int().gather(1, (pos // P))
    page = (page * (1 << 20)) // (1 << 20)
    return write(cache, slots, completes(lens), pool(kv[page.long(), pos % P], w))


def a_slot_remainder_kept(kv, w, slots, table, lens, cache):
    """Slots % 4096 for the write and the kept read alike (a no-op below 4096)."""
    s = slots.long() % 4096
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])
    return cache


def a_kept_read_at_other_slots_by_length(kv, w, slots, table, lens, cache):
    """Kept rows read at a row chosen by the length (rows past 4000 tokens keep their neighbour's row)."""
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    r = torch.arange(s.shape[0])
    other = torch.where(lens.long() > 4000, r.flip(0), r)
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s][other])
    return cache


# --- 3. the keep path and the write ----------------------------------------------------------------------
def a_new_plus_zero_times_kept(kv, w, slots, table, lens, cache):
    """new + 0 * cache[s] on the new side: NaN/inf kept rows poison written rows in eager."""
    s = slots.long()
    old = cache[s]
    new = pool(tokens(kv, table, positions(lens)), w) + 0.0 * old.float()
    cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
    return cache


def a_index_put_accumulate(kv, w, slots, table, lens, cache):
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache.index_put_((s,), torch.where(completes(lens)[:, None, None], new, torch.zeros_like(new)),
                     accumulate=True)
    return cache


def a_scatter_add(kv, w, slots, table, lens, cache):
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    rows = torch.where(completes(lens)[:, None, None], new, cache[s])
    idx = s[:, None, None].expand_as(rows)
    return cache.scatter_(0, idx, rows, reduce="add")


def a_scatter_reduce_amax(kv, w, slots, table, lens, cache):
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    rows = torch.where(completes(lens)[:, None, None], new, cache[s])
    idx = s[:, None, None].expand_as(rows)
    return cache.scatter_reduce_(0, idx, rows, reduce="amax")


def a_write_cols_swapped(kv, w, slots, table, lens, cache):
    """index_put with a second (constant) index that swaps the two heads."""
    s = slots.long()
    N = cache.shape[1]
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    rows = torch.where(completes(lens)[:, None, None], new, cache[s][:, torch.arange(N).flip(0)])
    cache.index_put_((s[:, None], torch.arange(N).flip(0)[None, :]), rows)
    return cache


def a_cache_fp32_view_of_half(kv, w, slots, table, lens, cache):
    """Kept rows through a bit reinterpretation pair (view(int16).view(fp16)): exact, movement only."""
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    old = cache[s].view(torch.int16).view(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], new, old)
    return cache


def a_kept_negated_twice(kv, w, slots, table, lens, cache):
    """-(-x): bit-exact for every x (NaN payloads aside): a neg on the kept path."""
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], new, -(-cache[s]))
    return cache


def a_new_written_through_fp64(kv, w, slots, table, lens, cache):
    """Pool in fp32, detour through fp64 with an fp64 op (x * 1.0 in fp64), round to the cache dtype."""
    new = pool(tokens(kv, table, positions(lens)), w).double() * 1.0000000001
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
    return cache


def a_pool_in_fp64(kv, w, slots, table, lens, cache):
    """The whole pooling in fp64 (more precise than the op's fp32 sum): double rounding differs."""
    tok = tokens(kv, table, positions(lens)).double()
    new = (tok * w.double()[None, :, :, None]).sum(1)
    return write(cache, slots, completes(lens), new)


def a_select_in_fp64(kv, w, slots, table, lens, cache):
    """The select in fp64: new rows rounded fp32 -> fp64 -> cache dtype (one rounding: equal)."""
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).double()
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s].double()).to(cache.dtype)
    return cache


def a_new_rounded_twice_bf16_then_fp16(kv, w, slots, table, lens, cache):
    """fp16 cache, new rows rounded through bf16 (double rounding) before the select."""
    new = pool(tokens(kv, table, positions(lens)), w).to(torch.bfloat16).to(cache.dtype)
    return write(cache, slots, completes(lens), new)


# --- 4. tokens and weights: where the structural rules look --------------------------------------------
def a_weight_from_table(kv, w, slots, table, lens, cache):
    """The weight rows picked by a length-dependent index (rows past 4000 tokens use the reversed weight)."""
    tok = tokens(kv, table, positions(lens)).float()
    j = torch.arange(L)[None, :].expand(lens.shape[0], L)
    j = torch.where((lens.long() > 4000)[:, None], j.flip(1), j)
    wf = w.float()[j]  # [B, l, N]
    return write(cache, slots, completes(lens), (tok * wf[..., None]).sum(1))


def a_weight_abs(kv, w, slots, table, lens, cache):
    """|w| instead of w (abs on the weight path)."""
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * w.float().abs()[None, :, :, None]).sum(1))


def a_weight_softmax(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * w.float().softmax(0)[None, :, :, None]).sum(1))


def a_weight_times_zero_plus(kv, w, slots, table, lens, cache):
    """w * 1.0 + 0.0 on the weight path (exact except -0.0 weights become +0.0)."""
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * (w.float() + 0.0)[None, :, :, None]).sum(1))


def a_weight_nan_guard(kv, w, slots, table, lens, cache):
    """where(isnan(w), 0, w): a select on the weight path, value-dependent on the weight."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = torch.where(w.isnan(), torch.zeros_like(w), w).float()
    return write(cache, slots, completes(lens), (tok * wf[None, :, :, None]).sum(1))


def a_weight_masked_fill_big(kv, w, slots, table, lens, cache):
    """masked_fill of weights beyond 1e3 (a "safety" clip the probes' |w| < 2 never reach)."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.masked_fill(w.abs() > 1000, 0).float()
    return write(cache, slots, completes(lens), (tok * wf[None, :, :, None]).sum(1))


def a_tokens_zeroed_on_big_page(kv, w, slots, table, lens, cache):
    """Tokens from pages >= 1024 read as zero (a select on the token path whose condition is a page id)."""
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P)
    tok = kv[page, pos % P]
    tok = torch.where((page >= 1024)[..., None, None], torch.zeros_like(tok), tok)
    return write(cache, slots, completes(lens), pool(tok, w))


def a_row5_times_zero(kv, w, slots, table, lens, cache):
    """pooled + 0 * pooled[5:6]: every row reads row 5 (0 * nan = nan when row 5's window holds a NaN)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    return write(cache, slots, completes(lens), new + 0.0 * new[5:6])


def a_kv_heads_major(kv, w, slots, table, lens, cache):
    """The paged KV stored heads-major ([blocks, N, P, D]) and transposed: a non-contiguous input."""
    return contract(kv.transpose(1, 2), w, slots, table, lens, cache)


def a_window_of_one(kv, w, slots, table, lens, cache):
    """l = d = 1: every nonzero length completes a one-token window (a corner the recogniser must not
    crash on); weight row 0 only."""
    s = lens.long()
    pos = (s - 1).clamp(min=0)
    P = kv.shape[1]
    tok = kv[table.long().gather(1, (pos // P)[:, None])[:, 0], pos % P]  # [B, N, D]
    new = tok.float() * w.float()[0][None, :, None]
    return write(cache, slots, s >= 1, new)


def a_token_abs(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float().abs()
    return write(cache, slots, completes(lens), pool(tok, w))


def a_token_view_as_int_roundtrip(kv, w, slots, table, lens, cache):
    """Tokens through view(int16).view(fp16): bit-exact movement."""
    tok = tokens(kv, table, positions(lens)).view(torch.int16).view(kv.dtype)
    return write(cache, slots, completes(lens), pool(tok, w))


def a_token_int_cast(kv, w, slots, table, lens, cache):
    """Tokens truncated to integers (a quantised path): tok.long().float()."""
    tok = tokens(kv, table, positions(lens)).long().float()
    return write(cache, slots, completes(lens), pool(tok, w))


def a_token_round(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float().round(decimals=3)
    return write(cache, slots, completes(lens), pool(tok, w))


def a_other_head_mix(kv, w, slots, table, lens, cache):
    """Each head pooled with the weight of head (h + 1) % N only where the length is past 4000."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    wsh = torch.where((lens.long() > 4000)[:, None, None], wf.roll(1, 1)[None], wf[None])
    return write(cache, slots, completes(lens), (tok * wsh[..., None]).sum(1))


def a_tokens_from_window_end(kv, w, slots, table, lens, cache):
    """Window read backwards past 4000 (flip the positions): the coefficient/position rule by lengths."""
    pos = positions(lens)
    pos = torch.where((lens.long() > 4000)[:, None], pos.flip(1), pos)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


# --- 5. aliasing and two steps -------------------------------------------------------------------------
def a_two_steps_second_reads_first_cache(kv, w, slots, table, lens, cache):
    """Step 2 pools from step 1's cache viewed as a paged input (the compressed cache re-compressed)."""
    cache = contract(kv, w, slots, table, lens, cache)
    S, N, D = cache.shape
    kv2 = cache[: (S // 64) * 64].view(S // 64, 64, N, D)
    c2 = torch.zeros_like(cache)
    return cache, contract(kv2, w, slots, table.remainder(max(S // 64, 1)), lens.clamp(max=(S // 64) * 64), c2)


def a_two_steps_same_cache(kv, w, slots, table, lens, cache):
    """K and V steps into one cache, V's slots shifted by one (rows overlap between the two steps)."""
    cache = contract(kv, w, slots, table, lens, cache)
    return contract(kv.flip(0), w, (slots.long() + 1) % cache.shape[0], table, lens, cache)


def a_cache_is_kv(kv, w, slots, table, lens, cache):
    """The compressed cache is the paged KV's own storage (cache = kv.view(-1, N, D)): writes alias reads."""
    N, D = kv.shape[2], kv.shape[3]
    flat = kv.view(-1, N, D)
    return contract(kv, w, slots, table, lens, flat), kv


def a_read_cache_between(kv, w, slots, table, lens, cache):
    """The cache read (a row sum) after the select is built and before the write."""
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    rows = torch.where(completes(lens)[:, None, None], new, cache[s])
    snap = cache.float().sum()
    cache[s] = rows
    return cache, snap


def a_cache_transposed_view(kv, w, slots, table, lens, cache):
    """The cache is a non-contiguous view (heads-major storage permuted)."""
    c = cache.permute(1, 0, 2).contiguous().permute(1, 0, 2)
    return contract(kv, w, slots, table, lens, c), c


# --- inputs ------------------------------------------------------------------------------------------------
def _full_mantissa(dtype=torch.float16, B=40, seed=11, **kw):
    """Random values with full mantissas in tokens and weights (probes draw dyadic ones only); the weight
    is zero but at one window position, so the window sum is exact in any order (the one difference the
    contract allows, the order of an open sum, cannot show)."""
    x = build(dtype=dtype, seed=seed, specials=False, B=B, **kw)
    g = torch.Generator().manual_seed(seed)
    kv = x.args[0]
    x.args[0] = (torch.randn(kv.shape, generator=g) * torch.exp2(torch.randint(-8, 4, kv.shape, generator=g).float())
                 ).to(dtype)
    w = torch.zeros(x.args[1].shape)
    w[5] = torch.randn(w.shape[1], generator=g)  # one nonzero window position: every sum order agrees
    x.args[1] = w.to(dtype)
    return x


def _tiny_tokens(dtype=torch.float16):
    x = build(dtype=dtype, seed=12, specials=False)
    g = torch.Generator().manual_seed(12)
    tiny = {torch.float16: 2.0 ** -20, torch.bfloat16: 2.0 ** -120, torch.float32: 2.0 ** -135}[dtype]
    x.args[0] = (torch.randn(x.args[0].shape, generator=g) * tiny).to(dtype)
    w = torch.zeros(x.args[1].shape)
    w[7] = torch.rand(w.shape[1], generator=g) * 0.01  # one nonzero window position: every sum order agrees
    x.args[1] = w.to(dtype)
    return x


def _nan_weight():
    x = build(seed=15)
    x.args[1][4, 0] = float("nan")
    return x


def _big_weight():
    x = build(seed=16, specials=False)
    x.args[1][4, 0] = 2000.0
    return x


def _nan_in_row5():
    """Row 5 completes a window holding a NaN; the other rows' windows are finite."""
    lens = [48] * 12
    return build(B=12, lengths=lens, specials=False, seed=17,
                 window=lambda b, s: [float("nan")] + [1.0] * (L - 1) if b == 5 else None)


def _heads_major(x):
    x.args[0] = x.args[0].transpose(1, 2).contiguous()
    return x


def _two_terms(dtype=torch.float16, seed=18):
    """Two nonzero window positions (2^10 apart in magnitude) and full-mantissa tokens: the fp32 sum has
    more than 24 significant bits and is rounded, the same in every order (two terms and zeros)."""
    x = _full_mantissa(dtype=dtype, seed=seed)
    g = torch.Generator().manual_seed(seed)
    w = torch.zeros(x.args[1].shape)
    w[5] = torch.randn(w.shape[1], generator=g)
    w[6] = torch.randn(w.shape[1], generator=g) * 2.0 ** -10
    x.args[1] = w.to(dtype)
    return x


def _fp32_weight_fp16_kv():
    """fp16 KV and cache, an fp32 weight with full mantissas (the model upcasts both to fp32)."""
    x = _full_mantissa(seed=19)
    g = torch.Generator().manual_seed(19)
    w = torch.zeros(L, x.args[1].shape[1])
    w[3] = torch.randn(w.shape[1], generator=g)
    x.args[1] = w
    return x


def _fp32_cache_fp16_kv():
    x = _full_mantissa(seed=20)
    x.args[5] = x.args[5].float()
    return x


def _big_sums_fp16():
    """fp16 windows whose pooled sum is in [2^15, 65504): products 1200 * 1 * 32 = 38400."""
    return build(window=lambda b, s: [1200.0] * L, weight=torch.ones(L, 2).half(), specials=False, seed=13)


def _huge_tokens(dtype):
    big = 0.75 * torch.finfo(dtype).max
    return build(dtype=dtype, window=lambda b, s: [big] + [0.0] * (L - 1),
                 weight=torch.ones(L, 2).to(dtype), specials=False, seed=14)


def _long(cap_pages, top, B=6, block_num=64, **kw):
    """Capacity cap_pages * 64 with lengths ``top``; rows share pages (a 64-block pool)."""
    return build(B=B, pages=cap_pages, N=1, distinct_pages=False, block_num=block_num, lengths=top,
                 specials=False, **kw)


def _grow(big_pages, lens_big):
    """Compiled at capacity 256, then called at ``big_pages`` pages with long lengths (dynamic=True)."""
    return [build(B=8), build(B=len(lens_big), pages=big_pages, distinct_pages=False, block_num=64,
                              lengths=lens_big, specials=False, seed=1)]


def _big_ids(block_num, B=8, pages=4, **kw):
    return build(B=B, pages=pages, block_num=block_num, high_ids=True, N=1, **kw)


def _big_slots(num_slots, B=8):
    return build(B=B, num_slots=num_slots, high_slots=True, N=1)


def _std(**kw):
    return build(**kw)


def _mk(step, inputs, modes=("static",)):
    return lambda: (step, inputs(), modes)


GROW_32K = [32768, 32784, 33008, 32800, 32, 48, 0, 32783]
GROW_8K = [4096, 4112, 8192, 8208, 4097, 48, 0, 4128]

ATTACKS = [
    # (1) IEEE non-linearity inside the "linear" pooling
    ("bias_round_trip", _mk(a_bias_round_trip, lambda: [_std(), _full_mantissa(), _tiny_tokens()]),
     "(x + 1) - 1 per product: exact on dyadic probes, rounds tiny products"),
    ("scale7_round_trip", _mk(a_scale7_round_trip, lambda: [_std(), _full_mantissa()]),
     "x * 7 / 7 per product: 25 significant bits for full-mantissa fp16 products"),
    ("scale7_round_trip_fp32", _mk(a_scale7_round_trip, lambda: [_std(dtype=torch.float32),
                                                                  _full_mantissa(dtype=torch.float32)]),
     "x * 7 / 7 per product, fp32 data: full 24-bit products round"),
    ("bias_round_trip_bf16", _mk(a_bias_round_trip, lambda: [_std(dtype=torch.bfloat16),
                                                              _full_mantissa(dtype=torch.bfloat16)]),
     "(x + 1) - 1 per product, bf16 data"),
    ("underflow_round_trip", _mk(a_underflow_round_trip, lambda: [_std(), _full_mantissa()]),
     "x * 2^-135 * 2^135 per product: subnormal fp32 loses the low bits"),
    ("overflow_sum_then_scale_fp16", _mk(a_overflow_sum_then_scale_fp16, lambda: [_std(), _big_sums_fp16()]),
     "fp16 sum-then-scale accepted; S * 2^113 overflows for S >= 2^15 (fp16 range)"),
    ("sum_x3_div3_fp16", _mk(a_sum_times_third_times_three_fp16, lambda: [_std(), _full_mantissa()]),
     "fp16 sum-then-scale accepted: (S * 3) / 3 rounds"),
    ("sum_x3_div3_fp16_two_terms", _mk(a_sum_times_third_times_three_fp16, lambda: [_std(), _two_terms()]),
     "fp16 sum-then-scale (S * 3) / 3 with a 25+-bit sum (two terms, order-free)"),
    ("fp32_weight_fp16_kv", _mk(contract, lambda: [_fp32_weight_fp16_kv()]),
     "the contract spelling, weight fp32 (full mantissa) beside fp16 KV: the op takes the input dtype"),
    ("fp32_cache_fp16_kv", _mk(contract, lambda: [_fp32_cache_fp16_kv()]),
     "the contract spelling, fp32 cache beside fp16 KV: eager writes the unrounded fp32 sum"),
    ("double_minus_self_bf16", _mk(a_double_minus_self, lambda: [_std(dtype=torch.bfloat16),
                                                                  _huge_tokens(torch.bfloat16)]),
     "2x - x overflows for bf16 tokens near the max"),
    ("double_minus_self_fp32", _mk(a_double_minus_self, lambda: [_std(dtype=torch.float32),
                                                                  _huge_tokens(torch.float32)]),
     "2x - x overflows for fp32 tokens near the max"),
    ("two_half_weights_fp32", _mk(a_two_half_weights, lambda: [_std(dtype=torch.float32),
                                                                _tiny_tokens(torch.float32)]),
     "sum(t*w/2) + sum(t*w/2): subnormal halves round"),
    ("addcmul_tenth_times_ten", _mk(a_addcmul_pooling, lambda: [_std(), _full_mantissa()]),
     "addcmul(value=0.1) then * 10: non-dyadic coefficient pair"),
    ("baddbmm_bias_minus_bias", _mk(a_baddbmm_beta_zero, lambda: [_std(), _full_mantissa()]),
     "baddbmm(3, x, w) - 3: a bias that cancels on dyadic probes only"),
    # (2) integer paths
    ("int32_overflow_positions_dyn", _mk(a_int32_overflow_positions, lambda: _grow(516, GROW_32K), ("dynamic",)),
     "(s*65536)//65536 in int32 wraps past s = 32767 (compiled at capacity 256)"),
    ("int32_overflow_positions_static", _mk(a_int32_overflow_positions, lambda: [_long(516, GROW_32K)]),
     "same at a static capacity of 33024 (every length probed)"),
    ("length_remainder_positions_dyn", _mk(a_length_remainder_in_positions, lambda: _grow(130, GROW_8K),
                                           ("dynamic",)),
     "positions from s % 4096, compiled at capacity 256"),
    ("length_remainder_noclamp_dyn", _mk(a_length_remainder_no_clamp, lambda: _grow(130, GROW_8K),
                                         ("dynamic",)),
     "positions from s % 4096, no clamp, compiled at capacity 256"),
    ("length_remainder_noclamp_static", _mk(a_length_remainder_no_clamp, lambda: [_long(130, GROW_8K, B=8)]),
     "same at a static capacity of 8320 (every length probed)"),
    ("length_bitand_positions_dyn", _mk(a_length_bitand_in_positions, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s & 4095, compiled at capacity 256"),
    ("condition_remainder_4096_dyn", _mk(a_condition_remainder_4096, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "(s % 4096 >= l) in the condition under dynamic capacity"),
    ("condition_bitand_dyn", _mk(a_condition_bitand, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "(s & 4095 >= l) in the condition under dynamic capacity"),
    ("page_id_remainder", _mk(a_page_id_remainder, lambda: [_big_ids(1100)]),
     "page % 1024 with 1100 blocks (ids > 1023 are valid)"),
    ("page_id_bitand", _mk(a_page_id_bitand, lambda: [_big_ids(1100)]), "page & 1023 with 1100 blocks"),
    ("page_id_where_big", _mk(a_page_id_where_big, lambda: [_big_ids(1100)]),
     "where(page >= 1024, 0, page) with 1100 blocks"),
    ("page_id_int32_overflow", _mk(a_page_id_int32_overflow, lambda: [_big_ids(2100)]),
     "(page * 2^20) // 2^20 in int32 wraps at page >= 2048"),
    ("page_id_int32_overflow_dyn", _mk(a_page_id_int32_overflow, lambda: [_std(B=8), _big_ids(2100)],
                                       ("dynamic",)),
     "same, compiled with 35 blocks under dynamic=True, called with 2100"),
    ("slot_remainder_4096", _mk(a_slot_remainder_kept, lambda: [_big_slots(4200)]),
     "slots % 4096 for write and keep: the op gets the computed slots (equal expected)"),
    ("kept_read_by_length", _mk(a_kept_read_at_other_slots_by_length,
                                lambda: [_long(66, [4001, 4016, 4030, 33, 4003, 100])]),
     "kept rows read at another row's slot when s > 4000"),
    # (3) keep and write
    ("new_plus_zero_times_kept", _mk(a_new_plus_zero_times_kept, lambda: [_std()]),
     "new + 0 * cache[s]: NaN/inf kept rows poison the new rows"),
    ("index_put_accumulate", _mk(a_index_put_accumulate, lambda: [_std()]), "accumulate=True write"),
    ("scatter_reduce_add", _mk(a_scatter_add, lambda: [_std()]), "scatter_(reduce='add')"),
    ("scatter_reduce_amax", _mk(a_scatter_reduce_amax, lambda: [_std()]), "scatter_reduce_(amax)"),
    ("write_heads_swapped", _mk(a_write_cols_swapped, lambda: [_std()]),
     "index_put with a constant head index that swaps heads"),
    ("kept_bitcast_roundtrip", _mk(a_cache_fp32_view_of_half, lambda: [_std()]),
     "view(int16).view(fp16) on kept rows (exact)"),
    ("kept_negated_twice", _mk(a_kept_negated_twice, lambda: [_std()]), "-(-x) on kept rows"),
    ("new_through_fp64_op", _mk(a_new_written_through_fp64, lambda: [_std(), _full_mantissa()]),
     "fp64 op (* 1.0000000001) on the pooled value before the rounding"),
    ("pool_in_fp64", _mk(a_pool_in_fp64, lambda: [_std(), _full_mantissa(dtype=torch.float32)]),
     "the whole pooling in fp64"),
    ("select_in_fp64", _mk(a_select_in_fp64, lambda: [_std(), _full_mantissa()]),
     "select in fp64 (one rounding: equal expected)"),
    ("new_rounded_bf16_then_fp16", _mk(a_new_rounded_twice_bf16_then_fp16, lambda: [_std(), _full_mantissa()]),
     "new rows rounded through bf16 into an fp16 cache"),
    # (4) tokens and weights
    ("weight_rows_by_length", _mk(a_weight_from_table, lambda: [_long(66, [4016, 4032, 48, 33, 4000, 100])]),
     "weight rows reversed when s > 4000 (static capacity 4224)"),
    ("weight_abs", _mk(a_weight_abs, lambda: [_std()]), "abs on the weight path"),
    ("weight_softmax", _mk(a_weight_softmax, lambda: [_std()]), "softmax on the weight path"),
    ("weight_plus_zero", _mk(a_weight_times_zero_plus, lambda: [_std(weight=-torch.zeros(L, 2).half() -
                                                                      torch.eye(L, 2).half())]),
     "w + 0.0: -0.0 weights become +0.0 (t=inf: -0*inf = nan either way; t=-1: +0 vs -0 products)"),
    ("weight_nan_guard", _mk(a_weight_nan_guard, lambda: [_std(), _nan_weight()]),
     "where(isnan(w), 0, w) on the weight, called with a NaN weight"),
    ("weight_masked_fill_big", _mk(a_weight_masked_fill_big, lambda: [_std(), _big_weight()]),
     "masked_fill(|w| > 1000, 0) on the weight, called with a weight of 2000"),
    ("tokens_zeroed_on_big_page", _mk(a_tokens_zeroed_on_big_page, lambda: [_big_ids(1100)]),
     "where(page >= 1024, 0, token) with 1100 blocks"),
    ("row5_times_zero", _mk(a_row5_times_zero, lambda: [_std(), _nan_in_row5()]),
     "pooled + 0 * pooled[5:6]: row mixing through a batch slice, NaN in row 5's window"),
    ("kv_heads_major_noncontig", _mk(a_kv_heads_major, lambda: [_heads_major(_std())]),
     "non-contiguous paged input (transpose of a heads-major buffer): equal expected"),
    ("window_of_one", _mk(a_window_of_one, lambda: [_std(), _std(B=36, seed=1)]),
     "l = d = 1 (one-token windows): equal or refused, never a crash"),
    ("token_abs", _mk(a_token_abs, lambda: [_std()]), "abs on the tokens"),
    ("token_bitcast_roundtrip", _mk(a_token_view_as_int_roundtrip, lambda: [_std()]),
     "view(int16).view(fp16) on the tokens (exact)"),
    ("token_int_cast", _mk(a_token_int_cast, lambda: [_std(specials=False), _full_mantissa()]),
     "tokens truncated by .long().float()"),
    ("token_round", _mk(a_token_round, lambda: [_std(), _full_mantissa()]), "round(decimals=3) on tokens"),
    ("heads_mixed_by_length", _mk(a_other_head_mix, lambda: [_long(66, [4016, 4032, 48, 33, 4000, 100])]),
     "weight heads rolled when s > 4000"),
    ("window_flipped_by_length", _mk(a_tokens_from_window_end, lambda: [_long(66, [4016, 4032, 48, 33, 4000, 100])]),
     "window reversed when s > 4000"),
    # (5) aliasing and two steps
    ("second_step_reads_first_cache", _mk(a_two_steps_second_reads_first_cache,
                                          lambda: [_std(num_slots=256, B=12, pages=2)]),
     "step 2 compresses step 1's cache"),
    ("two_steps_same_cache_overlap", _mk(a_two_steps_same_cache, lambda: [_std(B=12, pages=2)]),
     "K and V steps into one cache, slots shifted by one"),
    ("cache_is_kv_storage", _mk(a_cache_is_kv, lambda: [_std(B=8, pages=2, num_slots=None)]),
     "cache = kv.view(-1, N, D): writes alias window reads"),
    ("read_cache_between", _mk(a_read_cache_between, lambda: [_std()]),
     "a reader of the cache between the select and the write"),
    ("cache_noncontiguous_copy", _mk(a_cache_transposed_view, lambda: [_std()]),
     "the step on a permuted copy of the cache"),
    # re-tests of issue 18 classes under other modes
    ("retest_c5_mask_multiply_batch", None, "issue 18 class 5 under mark_dynamic"),
    ("retest_c9_times_all_batch", None, "issue 18 class 9 under mark_dynamic"),
    ("retest_c11_page_id_clamp", None, "issue 18 class 11"),
    ("retest_c2_halve_large_kept_dyn", None, "issue 18 class 2 under dynamic=True"),
]


def _retest(name):
    from tests.corpora import attacks as A

    base = {"retest_c5_mask_multiply_batch": ("c5_mask_multiply", ("batch",)),
            "retest_c9_times_all_batch": ("c9_times_all", ("batch",)),
            "retest_c11_page_id_clamp": ("c11_page_id_clamp", ("static",)),
            "retest_c2_halve_large_kept_dyn": ("c2_halve_large_kept", ("dynamic",))}[name]
    att = A.BY_NAME[base[0]]
    return att.step, [x.args for x in att.inputs()], base[1]


# --- running ---------------------------------------------------------------------------------------------
def materialise(name, factory):
    if factory is None:
        return _retest(name)
    step, inputs, modes = factory()
    inputs = [x.args if hasattr(x, "args") else x for x in inputs]
    if step is a_cache_is_kv:  # the cache argument is the KV itself (aliasing inputs)
        inputs = [[a[0], a[1], a[2].remainder(a[0].shape[0] * a[0].shape[1]), a[3], a[4], a[0]] for a in inputs]
    return step, inputs, modes


def _clone_args(args):
    out = [a.clone() for a in args]
    if args[5] is args[0]:
        out[5] = out[0]
    return out


def _leave(result, args):
    res = list(result) if isinstance(result, (tuple, list)) else [result]
    return [t.clone() for t in res + list(args) if isinstance(t, torch.Tensor)]


@contextlib.contextmanager
def _pass(on: bool):
    old = os.environ.get("NSA_FUSION_DISABLE")
    os.environ["NSA_FUSION_DISABLE"] = "0" if on else "1"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("NSA_FUSION_DISABLE", None)
        else:
            os.environ["NSA_FUSION_DISABLE"] = old


def run_compiled(step, inputs, dialect, mode, pass_on):
    from nsa_fusion import diagnostics
    from nsa_fusion.backend import nsa_fusion_backend
    from tests.fusion_harness import InductorGraphBackend, TorchairLikeBackend, no_compile_caches

    torch._dynamo.reset()
    diagnostics.reset()
    backend = {"inductor": lambda: nsa_fusion_backend, "inductor_graph": InductorGraphBackend,
               "torchair_like": TorchairLikeBackend}[dialect]()
    dynamic = {"static": False, "batch": None, "dynamic": True}[mode]
    calls, error = [], None
    with no_compile_caches(), _pass(pass_on):
        compiled = torch.compile(step, backend=backend, dynamic=dynamic, fullgraph=True)
        try:
            for a in inputs:
                args = _clone_args(a)
                if mode == "batch":
                    for i in (2, 3, 4):
                        torch._dynamo.mark_dynamic(args[i], 0)
                calls.append(_leave(compiled(*args), args))
        except Exception as exc:  # noqa: BLE001 - a crash is an outcome
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        finally:
            torch._dynamo.reset()
    rejected = [e for e in diagnostics.events if e.kind == "rejected"]
    return calls, diagnostics.stats.get("fused", 0), error, rejected


def classify(name, factory, dialect, mode=None):
    from tests.test_soundness import differences

    step, inputs, modes = materialise(name, factory)
    out = []
    for m in ([mode] if mode else modes):
        want = []
        try:
            for a in inputs:
                args = _clone_args(a)
                want.append(_leave(step(*args), args))
        except Exception as exc:  # noqa: BLE001
            out.append((m, "EAGER FAILS", f"{type(exc).__name__}: {exc}"[:160]))
            continue
        got, fused, error, rejected = run_compiled(step, inputs, dialect, m, True)
        if error is not None:
            ctl, _, cerr, _ = run_compiled(step, inputs, dialect, m, False)
            out.append((m, "CRASH" if cerr is None else "CONTROL CRASHES TOO", error))
            continue
        diff = differences(got, want)
        if not fused:
            why = f"{rejected[0].pattern}: {rejected[0].reason}" if rejected else "no candidate"
            out.append((m, "REFUSED" if not diff else "REFUSED (control differs)", why))
            continue
        if not diff:
            out.append((m, "FUSED & EQUAL", f"fused {fused}"))
            continue
        ctl, _, cerr, _ = run_compiled(step, inputs, dialect, m, False)
        cdiff = differences(ctl, want) if cerr is None else [cerr]
        if cdiff:
            out.append((m, "CONTROL DIFFERS", f"pass: {diff[0]}; control: {cdiff[0]}"))
        else:
            out.append((m, "FALSE FUSION", diff[0]))
    return out


def table(argv, attacks, first_try, classify):
    """``--table OUT [--dialect D ...] [names]`` (redteam4, redteam5): run every attack and write a markdown
    table (attack, idea, dialect/mode, first try, this run)."""
    out = argv[argv.index("--table") + 1]
    argv = [a for i, a in enumerate(argv) if a != "--table" and (i == 0 or argv[i - 1] != "--table")]
    dialects = []
    while "--dialect" in argv:
        i = argv.index("--dialect")
        dialects.append(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    dialects = dialects or ["inductor_graph", "torchair_like"]
    picked = [a for a in attacks if not argv or any(p in a[0] for p in argv)]
    rows = []
    with open(out, "a") as f:
        for name, factory, notes in picked:
            for d in dialects:
                for m, result, detail in classify(name, factory, d):
                    ft = first_try.get((name, d, m), "-")
                    row = f"| {name} | {notes[:90]} | {d}/{m} | {ft} | {result} |"
                    rows.append(row)
                    print(row, "|", detail[:100], flush=True)
                    f.write(row + "\n")
                    f.flush()
    return rows


def cli(argv, attacks, first, classify_fn):
    """Every later round's command line (``python tests/corpora/redteamN.py``): the runner, or with ``--table`` the
    markdown table against its first try (``first``: ``(attack, dialect, mode, result)`` rows)."""
    if "--table" in argv:
        table(argv, attacks, first if isinstance(first, dict) else {(n, d, m): r for n, d, m, r in first}, classify_fn)
    else:
        main(argv, attacks, classify_fn)


def main(argv, attacks=None, classify_fn=None):
    """The runner (also redteam3's: it passes its own attacks and classifier)."""
    attacks, classify_fn = attacks or ATTACKS, classify_fn or classify
    dialect = "inductor_graph"
    if "--dialect" in argv:
        i = argv.index("--dialect")
        dialect = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    mode = None
    if "--mode" in argv:
        i = argv.index("--mode")
        mode = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    picked = [a for a in attacks if not argv or any(p in a[0] for p in argv)]
    tally = {}
    for name, factory, notes in picked:
        for m, result, detail in classify_fn(name, factory, dialect, mode):
            tally[result] = tally.get(result, 0) + 1
            print(f"{name:38s} {dialect:15s} {m:8s} {result:22s} {detail[:150]}", flush=True)
    print("summary:", ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
