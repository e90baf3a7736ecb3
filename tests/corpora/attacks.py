"""Near-miss families for issue 18: code that looks like the compression step but computes something
else (or the same thing only in IEEE arithmetic), one family per class of the issue, several spellings
each, with inputs that exercise the class.

Every model takes ``(kv, weight, slots, block_table, lengths, cache)`` with l = 32, d = 16 baked in,
writes the cache in place like model code does, and returns what it returns.  ``tests/test_soundness.py``
compiles each one with and without the pass and holds the compiled model to eager's numbers.

Inputs (:func:`build`) are valid in the sense of docs/contract.md (page ids in range for the windows that
are read, slots unique and in range, lengths 0..capacity) and adversarial everywhere else:

* tokens are multiples of 1/16 (|t| <= 2) and weights multiples of 2^-10 (2^-7 in bf16, |w| < 2), so every
  fp32 window sum is exact in any order: eager, plain Inductor and the fused op agree bit for bit
  unless the code computes something else (the tests compare bits, NaN-aware);
* unread KV positions (after the length in the last page, before the window, pages nobody owns) hold
  NaN and +-inf; some windows that are read hold NaN, +inf, or +inf and -inf;
* kept cache rows hold NaN, +-inf, -0.0, subnormals, the dtype's max and values with a full mantissa;
* at least 40 rows, qualifying rows beyond the first 32, lengths 0, l - 1, l and the capacity.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Callable

import torch
import torch.nn.functional as F

L, STRIDE = 32, 16


# --- the contract's parts, spelled the usual way --------------------------------------------------------
def positions(lens, l=L):
    return (lens.long()[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)


def tokens(kv, table, pos):
    P = kv.shape[1]
    return kv[table.long().gather(1, pos // P), pos % P]


def pool(tok, w):
    return (tok.float() * w.float()[None, :, :, None]).sum(1)


def completes(lens, l=L, d=STRIDE):
    return (lens >= l) & ((lens - l) % d == 0)


def write(cache, slots, valid, new):
    s = slots.long()
    cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
    return cache


def contract(kv, w, slots, table, lens, cache):
    """The reference spelling (fuses)."""
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


# --- class 1: a lossy cast between the select and the write ----------------------------------------------
def c1_where_then_bf16_roundtrip(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s]).to(torch.bfloat16).to(torch.float32)
    return cache


def c1_where_then_half_index_copy(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    rows = torch.where(completes(lens)[:, None, None], new, cache[s]).half().float()
    cache.index_copy_(0, s, rows)
    return cache


def c1_both_branches_bf16(kv, w, slots, table, lens, cache):
    """Both branches rounded to bf16 before the select ("store compressed rows in bf16")."""
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    rows = torch.where(completes(lens)[:, None, None], new.to(torch.bfloat16), cache[s].to(torch.bfloat16))
    cache.index_put_((s,), rows.to(cache.dtype))
    return cache


def c1_fp8_storage_roundtrip(kv, w, slots, table, lens, cache):
    """fp16 cache, rows passed through fp8 (a quantised compressed cache)."""
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    s = slots.long()
    rows = torch.where(completes(lens)[:, None, None], new, cache[s])
    cache[s] = rows.to(torch.float8_e4m3fn).to(cache.dtype)
    return cache


def c1_fp16_roundtrip_in_bf16_cache(kv, w, slots, table, lens, cache):
    """bf16 cache, rows selected in fp16 and cast back (range lost: 1e10 -> inf).  (Leaving the cast back to
    ``cache[s] = rows`` does not compile: Inductor's index_put wants matching dtypes.)"""
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.half(), cache[s].half()).to(cache.dtype)
    return cache


# --- class 2: value-dependent float code (or lossy casts) on the kept rows --------------------------------
def _keep_variant(keep):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], new, keep(cache[s]))
        return cache

    return step


c2_halve_large_kept = _keep_variant(lambda old: torch.where(old.isfinite() & (old.abs() > 1e3), old / 2, old))
c2_nan_to_num_kept = _keep_variant(lambda old: old.nan_to_num())
c2_clamp_kept = _keep_variant(lambda old: old.clamp(-1e4, 1e4))
c2_flush_tiny_kept = _keep_variant(lambda old: torch.where(old.abs() < 2.0 ** -14, torch.zeros_like(old), old))
c2_bf16_roundtrip_kept = _keep_variant(lambda old: old.to(torch.bfloat16).to(old.dtype))
c2_sign_times_abs_kept = _keep_variant(lambda old: old.sign() * old.abs())
c2_rescaled_kept = _keep_variant(lambda old: ((old.float() * 1024).to(old.dtype) / 1024).to(old.dtype))


# value-dependent code on the new rows or the tokens ("safety" code that probes without specials never see)
def _new_variant(change):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), change(pool(tokens(kv, table, positions(lens)), w)))

    return step


c2_nan_to_num_new = _new_variant(lambda new: torch.nan_to_num(new))
c2_saturate_new = _new_variant(lambda new: new.clamp(-65504.0, 65504.0))  # fp16 max instead of inf


def c2_tokens_nan_to_num(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float().nan_to_num(nan=0.0)
    return write(cache, slots, completes(lens), pool(tok, w))


def c2_skip_nonfinite_windows(kv, w, slots, table, lens, cache):
    """The window is written only when every token in it is finite."""
    tok = tokens(kv, table, positions(lens))
    valid = completes(lens) & tok.isfinite().flatten(1).all(1)
    return write(cache, slots, valid, pool(tok, w))


# --- class 3: a lossy cast on the weight path --------------------------------------------------------------
def _weight_variant(weight_of):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        new = (tok.float() * weight_of(w)[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), new)

    return step


c3_weight_bf16_roundtrip = _weight_variant(lambda w: w.to(torch.bfloat16).float())
c3_weight_fp8 = _weight_variant(lambda w: w.to(torch.float8_e4m3fn).float())
c3_weight_bf16_then_own_dtype = _weight_variant(lambda w: w.bfloat16().to(w.dtype).float())
c3_weight_clamped = _weight_variant(lambda w: w.float().clamp(-1e4, 1e4))  # value-dependent
c3_weight_through_half = _weight_variant(lambda w: w.half().float())  # in a bf16 model: range lost


# --- class 4: mean forms ---------------------------------------------------------------------------------
def _mean_variant(pool_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), pool_of(tokens(kv, table, positions(lens)).float()))

    return step


c4_mean = _mean_variant(lambda x: x.mean(1))
c4_sum_div_l = _mean_variant(lambda x: x.sum(1) / L)
c4_sum_times_reciprocal = _mean_variant(lambda x: x.sum(1) * (1.0 / L))
c4_mean_keepdim_squeeze = _mean_variant(lambda x: x.mean(dim=1, keepdim=True).squeeze(1))
# identical to the op's sum_j fp32(1/l) * x_j in IEEE arithmetic when l is a power of two (x / 32 and
# x * (1/32) are the same correctly rounded value, subnormals and overflow included)
c4_scaled_then_sum = _mean_variant(lambda x: (x / L).sum(1))
c4_reciprocal_then_sum = _mean_variant(lambda x: (x * (1.0 / L)).sum(1))


# --- class 5: window selected by a 0/1 mask or a one-hot matmul over the whole sequence --------------------
def _sequence(kv, table):
    return kv[table.long()].flatten(1, 2)  # [B, pages * P, N, D]


def c5_mask_multiply(kv, w, slots, table, lens, cache):
    seq = _sequence(kv, table)
    j = torch.arange(seq.shape[1]) - (lens.long()[:, None] - L)  # position in the window
    inwin = ((j >= 0) & (j < L)).float()
    wfull = w.float()[j.clamp(0, L - 1)] * inwin[..., None]  # [B, cap, N]
    new = (seq.float() * wfull[..., None]).sum(1)
    return write(cache, slots, completes(lens), new)


def c5_onehot_einsum(kv, w, slots, table, lens, cache):
    seq = _sequence(kv, table)
    onehot = F.one_hot(positions(lens), seq.shape[1]).float()  # [B, l, cap]
    tok = torch.einsum("bjc,bchd->bjhd", onehot, seq.float())
    return write(cache, slots, completes(lens), pool(tok, w))


def c5_selection_bmm(kv, w, slots, table, lens, cache):
    seq = _sequence(kv, table)
    B, cap, N, D = seq.shape
    sel = (torch.arange(cap)[None, None, :] == positions(lens)[:, :, None]).float()  # [B, l, cap]
    tok = torch.bmm(sel, seq.float().reshape(B, cap, N * D)).reshape(B, L, N, D)
    return write(cache, slots, completes(lens), pool(tok, w))


def c5_masked_window_sum(kv, w, slots, table, lens, cache):
    """The last l positions by multiplying the sequence with a 0/1 window, then a weighted sum."""
    seq = _sequence(kv, table).float()
    cap = seq.shape[1]
    start = lens.long()[:, None] - L
    j = torch.arange(cap)[None, :] - start
    windowed = seq * ((j >= 0) & (j < L))[..., None, None]
    new = torch.einsum("bchd,bch->bhd", windowed, w.float()[j.clamp(0, L - 1)])
    return write(cache, slots, completes(lens), new)


# --- class 6: the condition depends on the row number ----------------------------------------------------
def _cond_variant(cond):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        rows = torch.arange(lens.shape[0], device=lens.device)
        return write(cache, slots, cond(lens, rows), new)

    return step


c6_every_16th_row = _cond_variant(lambda s, r: completes(s) & (r % 16 == 0))
c6_last_rows_are_padding = _cond_variant(lambda s, r: completes(s) & (r < s.shape[0] - 4))
c6_skip_row_33 = _cond_variant(lambda s, r: completes(s) & (r != 33))
c6_first_36_rows = _cond_variant(lambda s, r: completes(s) & (r < 36))


# --- class 7: new or kept rows depend on the row number beyond the probed batch sizes -------------------
def _rows_variant(change_new=None, change_old=None):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        r = torch.arange(lens.shape[0], device=lens.device)[:, None, None]
        s = slots.long()
        old = cache[s]
        if change_new is not None:
            new = change_new(new, r)
        if change_old is not None:
            old = change_old(old, r)
        cache[s] = torch.where(completes(lens)[:, None, None], new, old)
        return cache

    return step


c7_new_zeroed_beyond_40 = _rows_variant(change_new=lambda new, r: torch.where(r < 40, new, torch.zeros_like(new)))
c7_new_halved_beyond_44 = _rows_variant(change_new=lambda new, r: torch.where(r < 44, new, new / 2))
c7_kept_zeroed_beyond_40 = _rows_variant(change_old=lambda old, r: torch.where(r < 40, old, torch.zeros_like(old)))
c7_new_negated_beyond_48 = _rows_variant(change_new=lambda new, r: torch.where(r >= 48, -new, new))


# --- class 8: the condition depends on the batch size ------------------------------------------------------
c8_length_bound_by_batch = _cond_variant(lambda s, r: completes(s) & (s <= 16 * s.shape[0]))
c8_scaled_bound = _cond_variant(lambda s, r: completes(s) & (s * 2 < 64 * s.shape[0]))
c8_batch_as_tensor = _cond_variant(lambda s, r: completes(s) & (torch.full_like(s, s.shape[0]) > 16))


# --- class 9: new rows depend on whether other rows qualify ---------------------------------------------
def _others_variant(scale):
    def step(kv, w, slots, table, lens, cache):
        valid = completes(lens)
        new = scale(pool(tokens(kv, table, positions(lens)), w), valid)
        return write(cache, slots, valid, new)

    return step


c9_times_all = _others_variant(lambda new, v: new * v.all())
c9_times_fraction = _others_variant(lambda new, v: new * v.float().mean())
c9_where_most = _others_variant(lambda new, v: torch.where(v.float().mean() > 0.75, new, torch.zeros_like(new)))
c9_cumsum_budget = _cond_variant(lambda s, r: completes(s) & (completes(s).cumsum(0) <= 12))  # first 12 only
c9_divided_by_count = _others_variant(lambda new, v: new / v.sum().clamp(min=1))


# --- class 10: narrowing integer casts on slots, table, lengths ------------------------------------------
def c10_slots_int16(kv, w, slots, table, lens, cache):
    return write(cache, slots.to(torch.int16).long(), completes(lens), pool(tokens(kv, table, positions(lens)), w))


def c10_slots_half(kv, w, slots, table, lens, cache):
    return write(cache, slots.half().long(), completes(lens), pool(tokens(kv, table, positions(lens)), w))


def c10_table_uint8(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table.to(torch.uint8), positions(lens)), w)
    return write(cache, slots, completes(lens), new)


def c10_table_int16(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table.to(torch.int16), positions(lens)), w)
    return write(cache, slots, completes(lens), new)


def c10_positions_from_int16_lengths(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens.to(torch.int16))), w)
    return write(cache, slots, completes(lens), new)


def c10_positions_from_bf16_lengths(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens.to(torch.bfloat16))), w)
    return write(cache, slots, completes(lens), new)


# --- class 11: clamps of page ids, positions or slots with constants -----------------------------------
def c11_page_id_clamp(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P).clamp(0, 1023)  # "max blocks - 1"
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def c11_position_clamp(kv, w, slots, table, lens, cache):
    pos = positions(lens).clamp(0, 4095)  # "max_model_len - 1"
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def c11_page_index_clamp(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, (pos // P).clamp(max=63))  # "max pages per sequence - 1"
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def c11_slot_clamp(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w)
    return write(cache, slots.long().clamp(0, 4095), completes(lens), new)


def c11_slot_bound_in_condition(kv, w, slots, table, lens, cache):
    """Rows whose slot is past a constant are skipped (a cache "known" to hold 4096 rows)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    return write(cache, slots, completes(lens) & (slots < 4096), new)


def c11_page_bound_in_condition(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w)
    return write(cache, slots, completes(lens) & (table < 1024).all(1), new)


# --- class 12: dynamic=True, lengths beyond the capacity seen at compile time ---------------------------
def c12_position_clamp_1023(kv, w, slots, table, lens, cache):
    pos = positions(lens).clamp(0, 1023)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def c12_short_sequences_only(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w)
    new = torch.where((lens <= 1024)[:, None, None], new, torch.zeros_like(new))
    return write(cache, slots, completes(lens), new)


def c12_page_index_clamp_15(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, (pos // P).clamp(max=15))
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def c12_weight_zeroed_for_long(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float()
    coef = w.float()[None, :, :] * (lens <= 1024).float()[:, None, None]  # [B, l, N]
    return write(cache, slots, completes(lens), (tok * coef[..., None]).sum(1))


# --- class 13: narrowing casts inside the condition -------------------------------------------------------
def _cast_cond(cast, both=True):
    def cond(s, r):
        c = cast(s)
        return (c >= L) & (((c if both else s) - L) % STRIDE == 0)

    return _cond_variant(cond)


c13_int16_condition = _cast_cond(lambda s: s.to(torch.int16))
c13_int16_threshold_only = _cast_cond(lambda s: s.to(torch.int16), both=False)
c13_half_condition = _cast_cond(lambda s: s.half())
c13_int32_then_int16 = _cast_cond(lambda s: s.int().to(torch.int16))


# --- class 14: off-by-one on a residue class (small batch, large capacity) -----------------------------
def c14_window_shift_at_residue(kv, w, slots, table, lens, cache):
    shift = ((lens.long() % 128) == 64).long()[:, None]
    pos = (lens.long()[:, None] - L + torch.arange(L) - shift).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def c14_page_off_by_one_at_residue(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    bump = ((lens.long() % 512) == 288).long()[:, None]
    page = table.long().gather(1, pos // P - bump * (pos // P > 0))
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def c14_coefficient_at_residue(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w)
    new = new * torch.where((lens % 256) == 160, 2.0, 1.0)[:, None, None]
    return write(cache, slots, completes(lens), new)


def c14_reversed_window_at_residue(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    pos = torch.where(((lens.long() % 384) == 336)[:, None], pos.flip(1), pos)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


# --- class 15: aliasing around the step -------------------------------------------------------------------
def _rows(kv, w, table, lens, cache, s):
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    return torch.where(completes(lens)[:, None, None], new, cache[s])


def c15_clone_then_second_step_into_clone(kv, w, slots, table, lens, cache):
    """K and V steps sharing one cache argument: V's cache is a clone taken before K's in-place step."""
    v_cache = cache.clone()
    s = slots.long()
    cache[s] = _rows(kv, w, table, lens, cache, s)
    v_cache[s] = _rows(kv.flip(0), w, table, lens, v_cache, s)
    return cache, v_cache


def c15_functional_twice(kv, w, slots, table, lens, cache):
    """Functional code: two updates of the same cache, both returned."""
    s = slots.long()
    k_new = cache.index_put((s,), _rows(kv, w, table, lens, cache, s))
    v_new = cache.index_put((s,), _rows(kv.flip(0), w, table, lens, cache, s))
    return k_new, v_new


def c15_snapshot_before_step(kv, w, slots, table, lens, cache):
    """The step in place, and a copy taken before it returned beside the cache."""
    before = cache.clone()
    s = slots.long()
    cache[s] = _rows(kv, w, table, lens, cache, s)
    return cache, before


def c15_step_on_view(kv, w, slots, table, lens, cache):
    """The step writes through a view of the cache; the view and the base are both returned."""
    view = cache.view(cache.shape[0], -1).view(cache.shape)
    s = slots.long()
    view[s] = _rows(kv, w, table, lens, view, s)
    return cache, view


def c15_clone_stepped_returned(kv, w, slots, table, lens, cache):
    """Functional via a clone: the step writes a copy, the caller's cache stays as it was."""
    out = cache.clone()
    s = slots.long()
    out[s] = _rows(kv, w, table, lens, cache, s)
    return out


# --- class 16: narrow integer index dtypes (a compile must never crash) ----------------------------------
def c16_long_casts(kv, w, slots, table, lens, cache):
    """Every index cast with .long(), as models that take int8/int16 indices write it."""
    lens = lens.long()
    return write(cache, slots.long(), completes(lens), pool(tokens(kv, table.long(), positions(lens)), w))


# --- borderline: a padding row carries slot -1 ------------------------------------------------------------
pad_minus_one_setitem = contract


def pad_minus_one_index_put(kv, w, slots, table, lens, cache):
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    s = slots.long()
    cache.index_put_((s,), torch.where(completes(lens)[:, None, None], new, cache[s]))
    return cache


# --- the written-out sum order ---------------------------------------------------------------------------
def _ordered(order, start_from_first=False):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        wf = w.float()
        acc = None if start_from_first else torch.zeros_like(tok[:, 0])
        for j in order:
            p = tok[:, j] * wf[j][None, :, None]
            acc = p if acc is None else acc + p
        return write(cache, slots, completes(lens), acc)

    return step


order_forward_from_zero = _ordered(range(L))  # the op's own order: equal
order_reversed = _ordered(range(L - 1, -1, -1))
order_even_then_odd = _ordered(list(range(0, L, 2)) + list(range(1, L, 2)))
order_from_first_product = _ordered(range(L), start_from_first=True)


def order_two_chunks(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    halves = []
    for lo in (0, L // 2):
        acc = torch.zeros_like(tok[:, 0])
        for j in range(lo, lo + L // 2):
            acc = acc + tok[:, j] * wf[j][None, :, None]
        halves.append(acc)
    return write(cache, slots, completes(lens), halves[0] + halves[1])


def order_pairwise_tree(kv, w, slots, table, lens, cache):
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    terms = [tok[:, j] * wf[j][None, :, None] for j in range(L)]
    while len(terms) > 1:
        terms = [terms[i] + terms[i + 1] for i in range(0, len(terms), 2)]
    return write(cache, slots, completes(lens), terms[0])


# --- inputs --------------------------------------------------------------------------------------------------
def _special_values(dtype):
    fi = torch.finfo(dtype)
    tiny = {torch.float16: 2.0 ** -20, torch.bfloat16: 2.0 ** -130, torch.float32: 2.0 ** -140}[dtype]
    return [float("nan"), float("inf"), float("-inf"), -0.0, tiny, -tiny, fi.max, -fi.max, 1 + fi.eps, 1 / 3]


def _qualifies(s):
    return s >= L and (s - L) % STRIDE == 0


def default_lengths(B, cap, g):
    """Mixed: even rows complete a window, odd rows do not; 0, l - 1, l and the capacity on rows 0-3
    (and the capacity beside rows beyond 32)."""
    k = torch.randint(0, (cap - L) // STRIDE + 1, (B,), generator=g)
    q = L + STRIDE * k
    off = torch.randint(1, STRIDE, (B,), generator=g)
    lens = torch.where(torch.arange(B) % 2 == 0, q, (q - off).clamp(min=0))
    for i, v in enumerate((cap if _qualifies(cap) else L, 0, L, L - 1)):
        if i < B:
            lens[i] = v
    return lens


@dataclasses.dataclass
class Inputs:
    args: list  # kv, weight, slots, block_table, lengths, cache
    note: str = ""
    layout: str = "rows"  # the cache's: "rows" [S, N, D], "flat_heads" [S, N * D], "head_major" [N, S, D]

    def as_rows(self, cache: torch.Tensor) -> torch.Tensor:
        """``cache`` (in this input's layout) as the contract's [S, N, D] rows."""
        N, D = self.args[0].shape[2:]
        if self.layout == "flat_heads":
            return cache.view(cache.shape[0], N, D)
        return cache.transpose(0, 1) if self.layout == "head_major" else cache

    def clone(self):
        return [a.clone() for a in self.args]


def build(*, B=40, N=2, D=16, P=64, pages=4, dtype=torch.float16, num_slots=None, block_num=None,
          lengths=None, seed=0, specials=True, high_ids=False, high_slots=False, distinct_pages=True,
          window=None, weight=None, length_dtype=torch.int32, index_dtype=torch.int32, note="") -> Inputs:
    """Valid inputs with adversarial values (see the module docstring).

    ``window``: fn(row, s) -> l values (or None) written into the row's window (all heads and dims);
    ``weight``: an [l, N] weight to use instead of the dyadic one; ``high_ids``/``high_slots``: draw
    page ids / slots from the top of their range; ``distinct_pages=False``: rows may share pages (then
    no specials in unread positions, which another row may read)."""
    g = torch.Generator().manual_seed(seed)
    cap = pages * P
    lens = default_lengths(B, cap, g) if lengths is None else torch.as_tensor(lengths, dtype=torch.int64)
    B = lens.shape[0]
    if distinct_pages:
        block_num = block_num or B * pages + 3
        ids = torch.randperm(block_num, generator=g)[: B * pages] if not high_ids else \
            block_num - 1 - torch.randperm(B * pages, generator=g)
        table = ids.view(B, pages)
    else:
        block_num = block_num or pages + 3
        lo = block_num // 2 if high_ids else 0
        table = torch.randint(lo, block_num, (B, pages), generator=g)
    num_slots = num_slots or 2 * B + 5
    slots = torch.randperm(num_slots, generator=g)[:B] if not high_slots else \
        num_slots - 1 - torch.randperm(min(num_slots, 4 * B), generator=g)[:B]

    kv = (torch.randint(-32, 33, (block_num, P, N, D), generator=g) / 16.0).to(dtype)
    if weight is None:
        scale = 128 if dtype == torch.bfloat16 else 1024
        weight = (torch.randint(-2 * scale + 1, 2 * scale, (L, N), generator=g) / scale).to(dtype)
    cache = (torch.randint(-32, 33, (num_slots, N, D), generator=g) / 16.0).to(dtype)

    if specials and distinct_pages:
        unowned = torch.ones(block_num, dtype=torch.bool)
        unowned[table.flatten()] = False
        kv[unowned] = float("nan")
        p = torch.arange(cap)[None, :].expand(B, cap)
        unread = (p >= lens[:, None]) | (p < lens[:, None] - L)  # after the length, before the window
        b_idx, p_idx = unread.nonzero(as_tuple=True)
        fill = torch.tensor([float("nan"), float("inf"), float("-inf")])[p_idx % 3].to(dtype)
        kv[table[b_idx, p_idx // P], p_idx % P] = fill[:, None, None].expand(-1, N, D)
    rowvals = {}
    if specials:
        q_rows = [b for b in range(B) if _qualifies(int(lens[b]))]
        for k, b in enumerate(q_rows[1:4]):  # specials in windows that are read
            rowvals[b] = {0: (float("nan"),), 1: (float("inf"),), 2: (float("inf"), float("-inf"))}[k]
        kept = [int(slots[b]) for b in range(B) if not _qualifies(int(lens[b]))]
        vals = _special_values(dtype)
        for i, slot in enumerate(kept):
            cache[slot, :, :] = torch.tensor(vals[i % len(vals)], dtype=torch.float32).to(dtype)
            cache[slot, 0, 0] = vals[(i + 3) % len(vals)]
        taken = set(slots.tolist())
        others = [r for r in range(min(num_slots, 4 * B + len(vals))) if r not in taken][:len(vals)]
        for i, r in enumerate(others):
            cache[r] = vals[i]
    for b in range(B):
        s = int(lens[b])
        if s < L:
            continue
        if window is not None and (vals := window(b, s)) is not None:
            p = torch.arange(s - L, s)
            kv[table[b, p // P], p % P] = torch.tensor(vals).to(dtype)[:, None, None].expand(-1, N, D)
        for j, v in enumerate(rowvals.get(b, ())):
            p = s - L + 5 + 7 * j
            kv[table[b, p // P], p % P] = v
    return Inputs([kv, weight, slots.to(index_dtype), table.to(index_dtype), lens.to(length_dtype), cache], note)


# --- the families ------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Attack:
    name: str
    cls: str  # issue 18's class: "1".."16", "pad" (padding slot -1), "order" (written-out sum order)
    step: Callable
    inputs: Callable  # () -> list[Inputs]: the first is compiled, the rest are called after compiling
    modes: tuple = ("static",)  # "static", "batch" (mark_dynamic on the batch), "dynamic" (dynamic=True)
    # "refuse": a near miss, must stay unfused; "fuse": equal to the contract in IEEE arithmetic, must fuse;
    # "any": only eager's numbers are asserted (fusing is right when done right, e.g. widening casts)
    expect: str = "refuse"
    note: str = ""


def _std(**kw):
    return lambda: [build(**kw)]


def _fp32_kept():
    x = build(dtype=torch.float32)
    g = torch.Generator().manual_seed(7)
    cache = x.args[5]
    kept = torch.randn(cache.shape, generator=g) * 1000  # full fp32 mantissas: bf16/fp16 round them
    finite = cache.isfinite() & (cache.abs() < 10)
    x.args[5] = torch.where(finite, kept, cache)
    return [x]


def _weight_with(values, dtype=torch.float16):
    def make():
        x = build(dtype=dtype)
        w = x.args[1]
        for (j, h), v in values.items():
            w[j, h] = v
        return [x, build(dtype=dtype, seed=1, specials=False)]

    return make


def _bf16_beyond_fp16_kept():
    """bf16 model whose kept rows hold values fp16 cannot (1e10, 1e-10) beside the usual specials."""
    x = build(dtype=torch.bfloat16)
    cache = x.args[5]
    cache[::3, 0, :4] = 1e10
    cache[1::3, 1, 4:8] = 1e-10
    return [x]


def _bf16_weight_beyond_fp16():
    """A bf16 weight of 2^16 (fp16 overflows); the other weights quarter-integers, so every sum stays
    exact in fp32."""
    x = build(dtype=torch.bfloat16)
    g = torch.Generator().manual_seed(5)
    w = (torch.randint(-8, 9, x.args[1].shape, generator=g) / 4.0)
    w[3, 0] = 2.0 ** 16
    x.args[1] = w.to(torch.bfloat16)
    return [x, build(dtype=torch.bfloat16, seed=1, specials=False)]


def _huge_windows(dtype):
    big = torch.tensor(1.5 * 2.0 ** 126, dtype=torch.float32).to(dtype).item()
    tiny = 2.0 ** -149 if dtype == torch.float32 else 2.0 ** -133

    def window(b, s):
        if b % 4 == 0:
            return [big] * L
        if b % 4 == 2:
            return [tiny] * L
        return None

    return lambda: [build(dtype=dtype, window=window, specials=False), build(dtype=dtype, window=window, seed=2)]


def _all_qualify(B=40, seed=3, **kw):
    g = torch.Generator().manual_seed(seed)
    lens = L + STRIDE * torch.randint(0, 15, (B,), generator=g)
    return build(lengths=lens, specials=False, seed=seed, **kw)


def _dyn_batch():
    """Compiled at B = 8, then called at B = 50 and 70 (rows 40.. qualify); the KV and the cache keep
    their sizes, so a graph compiled for a dynamic batch serves every call."""
    fixed = dict(block_num=283, num_slots=150)
    return [build(B=8, **fixed), _all_qualify(B=50, seed=4, **fixed), build(B=70, seed=5, **fixed)]


def _batch_sizes():
    """Compiled at B = 8 (capacity 256), then B = 4 and 20."""
    def lens(B):
        return [L + STRIDE * k for k in range(B)]  # 32 .. 32 + 16 (B - 1), all qualify
    fixed = dict(block_num=83, num_slots=45)
    return [build(B=8, lengths=[32, 48, 144, 160, 240, 256, 33, 250], **fixed),
            build(B=4, lengths=lens(4), seed=1, **fixed),
            build(B=20, lengths=[32 + 16 * (k % 15) for k in range(20)], seed=2, **fixed)]


def _rows_beyond_32():
    fixed = dict(block_num=200, num_slots=110)
    return [_all_qualify(B=40, **fixed), _all_qualify(B=48, seed=6, **fixed)]


def _mixed():
    return [build(), build(B=36, seed=1)]


def _big_slots_int16():
    return [build(num_slots=33000, high_slots=True, N=1)]


def _big_slots_half():
    return [build(num_slots=4200, high_slots=True, N=1)]


def _big_page_ids(block_num, **kw):
    return lambda: [build(block_num=block_num, high_ids=True, **kw)]


def _long_lengths(cap_pages, B=6, **kw):
    """Lengths far beyond the usual: capacity cap_pages * 64, rows at the top of it."""
    cap = cap_pages * 64

    def make():
        top = [cap, cap - 16, cap - 33, cap - 160, L, 0][:B]
        return [build(B=B, pages=cap_pages, N=1, distinct_pages=False, block_num=64, lengths=top, specials=False,
                      **kw)]

    return make


def _grow_capacity(big_pages, lens_big):
    """Compiled at capacity 256 (4 pages), then called at ``big_pages`` pages with long lengths."""
    def make():
        return [build(B=8), build(B=len(lens_big), pages=big_pages, distinct_pages=False, block_num=64,
                                  lengths=lens_big, specials=False, seed=1)]  # no size 1: dynamo would recompile

    return make


def _small_batch_large_capacity():
    return [build(B=1, pages=64, N=1, lengths=[192], distinct_pages=False, block_num=80),
            build(B=1, pages=64, N=1, lengths=[416], distinct_pages=False, block_num=80, seed=5),
            build(B=1, pages=64, N=1, lengths=[800], distinct_pages=False, block_num=80, seed=6),
            build(B=1, pages=64, N=1, lengths=[720], distinct_pages=False, block_num=80, seed=7),
            build(B=2, pages=64, N=1, lengths=[320, 4032], distinct_pages=False, block_num=80, seed=1),
            build(B=2, pages=64, N=1, lengths=[800, 1312], distinct_pages=False, block_num=80, seed=2),
            build(B=2, pages=64, N=1, lengths=[336, 720], distinct_pages=False, block_num=80, seed=3),
            build(B=2, pages=64, N=1, lengths=[416, 1184], distinct_pages=False, block_num=80, seed=4)]


def _narrow_index(length_dtype=torch.int32, index_dtype=torch.int32):
    """Capacity 128, lengths <= 112 (int8 holds them), 27 pages and 30 slots (int8 holds their ids)."""
    lens = [112, 0, 32, 31, 48, 50, 64, 70, 96, 100, 80, 33]
    return lambda: [build(lengths=lens, pages=2, length_dtype=length_dtype, index_dtype=index_dtype, num_slots=30)]


def _padding_minus_one():
    x = build(B=8, specials=False, lengths=[48, 64, 33, 80, 0, 96, 31, 5])  # rows 2, 4, 6, 7 write nothing
    cache, slots = x.args[5], x.args[2]
    last = cache.shape[0] - 1
    slots[slots == last] = int(max(set(range(last)) - set(slots.tolist())))  # S - 1 on row 1 only
    slots[1] = last  # a qualifying row writes the last slot ...
    slots[4] = -1  # ... and a later padding row carries -1 (README: allowed for rows that write nothing)
    return [x]


def _cancellation(with_negative_zero=False):
    """Windows +big, small at j = 0, 1 and -big, small at j = 16, 17: forward from +0.0 gives 2, reversed,
    chunked and pairwise give 0, even-then-odd 4.  Then zero windows with negative weights (-0.0)."""
    w = torch.full((L, 2), 1024.0)  # products 65504 * 1024 (ulp 8) and 2^-9 * 1024 = 2, lost beside them
    vals = [0.0] * L
    vals[0], vals[1], vals[16], vals[17] = 65504.0, 2.0 ** -9, -65504.0, 2.0 ** -9
    neg = -torch.ones(L, 2)  # zero windows with negative weights: -0.0 products

    cancel = build(window=lambda b, s: vals, weight=w.half(), specials=False)
    if not with_negative_zero:
        return [cancel]
    return [cancel, build(window=lambda b, s: [0.0] * L, weight=neg.half(), specials=False, seed=1)]


# --- rewrites into the contract's write (rewrite._one_head_rows, full_range_indices): exact, or left alone ---------
def rw_flat_heads_scatter(kv, w, slots, table, lens, cache):
    """vllm-ascend's [S, N * D] cache written by scatter_ at the slot broadcast over the row (the contract)."""
    B, C = lens.shape[0], cache.shape[1]
    idx = slots.long()[:, None].expand(B, C)
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype).reshape(B, C)
    return cache.scatter_(0, idx, torch.where(completes(lens)[:, None], new, cache.gather(0, idx)))


def rw_flat_heads_scatter_half_to_other_row(kv, w, slots, table, lens, cache):
    """The second half of each row (head 1) goes to the slot of row B - 1 - b: a scatter index that varies along
    the row, not a row write."""
    B, C = lens.shape[0], cache.shape[1]
    s = slots.long()
    idx = torch.cat([s[:, None].expand(B, C // 2), s.flip(0)[:, None].expand(B, C - C // 2)], 1)
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype).reshape(B, C)
    return cache.scatter_(0, idx, torch.where(completes(lens)[:, None], new, cache.gather(0, idx)))


def _head_major_write(cache, heads, slots, lens, new):
    idx = (heads[:, None], slots.long()[None, :])
    return cache.index_put_(idx, torch.where(completes(lens)[None, :, None], new.to(cache.dtype).transpose(0, 1),
                                             cache[idx]))


def rw_head_arange_index_put(kv, w, slots, table, lens, cache):
    """A head-major [N, S, D] cache written at (arange(N)[:, None], slots[None, :]): cache[:, slots] (the contract)."""
    return _head_major_write(cache, torch.arange(cache.shape[0]), slots, lens,
                             pool(tokens(kv, table, positions(lens)), w))


def rw_head_arange_flipped(kv, w, slots, table, lens, cache):
    """The heads written in reverse: head h's window sum lands in head N - 1 - h."""
    return _head_major_write(cache, torch.arange(cache.shape[0]).flip(0), slots, lens,
                             pool(tokens(kv, table, positions(lens)), w))


def rw_head_arange_first_head_only(kv, w, slots, table, lens, cache):
    """arange(N - 1): the last head keeps its old row."""
    return _head_major_write(cache, torch.arange(cache.shape[0] - 1), slots, lens,
                             pool(tokens(kv, table, positions(lens)), w)[:, :-1])


def _one_hot_step(kv, w, slots, table, lens, cache, head_factor=False, per_entry=False):
    """Per-request memories ``[B, N, M, D]`` (a head-major view of the cache's rows ``b * M + e``) written by a
    whole-memory select with a one-hot mask over the entries (lucidrains-style functional code), copied back."""
    B = lens.shape[0]
    S, N, D = cache.shape
    M = S // B
    mem = cache.view(B, M, N, D).permute(0, 2, 1, 3)
    j = torch.div(lens.long() - L, STRIDE, rounding_mode="floor").clamp(min=0)
    hit = (torch.arange(M)[None, :] == j[:, None]) & completes(lens)[:, None]  # [B, M]
    hit = hit[:, None, :, None]
    if head_factor:
        hit = hit & (torch.arange(N) == 0)[None, :, None, None]
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)[:, :, None, :]  # [B, N, 1, D]
    if per_entry:
        new = new * (torch.arange(M) % 2 + 1).to(cache.dtype)[None, None, :, None]
    out = torch.where(hit, new, mem)
    return cache.copy_(out.permute(0, 2, 1, 3).reshape(S, N, D))


def rw_one_hot_entries(kv, w, slots, table, lens, cache):
    """The contract: row b's entry (s - l) // d of its memories, where its window completes."""
    return _one_hot_step(kv, w, slots, table, lens, cache)


def rw_one_hot_first_head_only(kv, w, slots, table, lens, cache):
    """A mask factor that varies along the heads: only head 0 is written."""
    return _one_hot_step(kv, w, slots, table, lens, cache, head_factor=True)


def rw_one_hot_scaled_per_entry(kv, w, slots, table, lens, cache):
    """New values that vary along the entries (doubled at odd entries)."""
    return _one_hot_step(kv, w, slots, table, lens, cache, per_entry=True)


def _one_hot_inputs():
    """Memories of M = (capacity - l) // d + 1 entries per row: cache rows B * M, slots b * M + (s - l) // d."""
    B, pages, P = 40, 4, 64
    M = (pages * P - L) // STRIDE + 1
    x = build(B=B, pages=pages, P=P, num_slots=B * M)
    lens = x.args[4].long()
    x.args[2] = (torch.arange(B) * M + torch.div(lens - L, STRIDE, rounding_mode="floor").clamp(min=0)).to(
        x.args[2].dtype)
    return [x]


def _cache_as(layout):
    def inputs():
        x = build()
        c = x.args[5]
        x.args[5] = c.reshape(c.shape[0], -1).clone() if layout == "flat_heads" else c.transpose(0, 1).contiguous()
        x.layout = layout
        return [x]
    return inputs


def _special_weights():
    """The adversarial defaults, then the same with inf and NaN in the weight, then another batch."""
    x = build(seed=8)
    x.args[1][5, 1] = float("inf")
    x.args[1][9, 0] = float("nan")
    return [build(), x]


def _attacks():
    # the contract itself: the check can pass for a fused step on these inputs (a positive control)
    a = [Attack("contract_reference", "0", contract, _special_weights, modes=("static", "batch", "dynamic"),
                expect="fuse")]
    for step in (c1_where_then_bf16_roundtrip, c1_where_then_half_index_copy, c1_both_branches_bf16):
        a.append(Attack(step.__name__, "1", step, _fp32_kept))
    a.append(Attack("c1_fp8_storage_roundtrip", "1", c1_fp8_storage_roundtrip, _std()))
    a.append(Attack("c1_fp16_roundtrip_in_bf16_cache", "1", c1_fp16_roundtrip_in_bf16_cache, _bf16_beyond_fp16_kept))
    for name in ("c2_halve_large_kept", "c2_nan_to_num_kept", "c2_clamp_kept", "c2_flush_tiny_kept",
                 "c2_bf16_roundtrip_kept", "c2_rescaled_kept", "c2_sign_times_abs_kept"):
        a.append(Attack(name, "2", globals()[name], _std()))
    for name in ("c2_nan_to_num_new", "c2_saturate_new", "c2_tokens_nan_to_num", "c2_skip_nonfinite_windows"):
        a.append(Attack(name, "2", globals()[name], _std()))
    a.append(Attack("c3_weight_bf16_roundtrip", "3", c3_weight_bf16_roundtrip, _weight_with({})))
    a.append(Attack("c3_weight_fp8", "3", c3_weight_fp8, _weight_with({(3, 0): 1000.0})))
    a.append(Attack("c3_weight_bf16_then_own_dtype", "3", c3_weight_bf16_then_own_dtype, _weight_with({})))
    a.append(Attack("c3_weight_through_half_bf16_model", "3", c3_weight_through_half, _bf16_weight_beyond_fp16))
    a.append(Attack("c3_weight_clamped", "3", c3_weight_clamped, _special_weights))
    for dtype, tag in ((torch.bfloat16, "bf16"), (torch.float32, "fp32")):
        for name in ("c4_mean", "c4_sum_div_l", "c4_sum_times_reciprocal", "c4_mean_keepdim_squeeze"):
            a.append(Attack(f"{name}_{tag}", "4", globals()[name], _huge_windows(dtype)))
        for name in ("c4_scaled_then_sum", "c4_reciprocal_then_sum"):
            a.append(Attack(f"{name}_{tag}", "4", globals()[name], _huge_windows(dtype), expect="fuse",
                            note="x / 32 and x * (1/32) are one correctly rounded value: the op's math"))
    a.append(Attack("c4_mean_fp16", "4", c4_mean, _std(), expect="fuse",
                    note="fp16 tokens in fp32: no overflow, no underflow, so sum / 32 == sum(x / 32)"))
    for step in (c5_mask_multiply, c5_onehot_einsum, c5_selection_bmm, c5_masked_window_sum):
        a.append(Attack(step.__name__, "5", step, _std(B=36)))
    for name in ("c6_every_16th_row", "c6_last_rows_are_padding", "c6_skip_row_33", "c6_first_36_rows"):
        a.append(Attack(name, "6", globals()[name], _rows_beyond_32, modes=("static", "batch")))
    for name in ("c7_new_zeroed_beyond_40", "c7_new_halved_beyond_44", "c7_kept_zeroed_beyond_40",
                 "c7_new_negated_beyond_48"):
        a.append(Attack(name, "7", globals()[name], _dyn_batch, modes=("batch", "dynamic")))
    for name in ("c8_length_bound_by_batch", "c8_scaled_bound", "c8_batch_as_tensor"):
        a.append(Attack(name, "8", globals()[name], _batch_sizes, modes=("batch", "dynamic")))
    for name in ("c9_times_all", "c9_times_fraction", "c9_where_most", "c9_divided_by_count", "c9_cumsum_budget"):
        a.append(Attack(name, "9", globals()[name], _mixed))
    a.append(Attack("c10_slots_int16", "10", c10_slots_int16, _big_slots_int16))
    a.append(Attack("c10_slots_half", "10", c10_slots_half, _big_slots_half))
    a.append(Attack("c10_table_uint8", "10", c10_table_uint8, _big_page_ids(400)))
    a.append(Attack("c10_table_int16", "10", c10_table_int16, _big_page_ids(33000, N=1, D=16, P=16, B=8, pages=8)))
    a.append(Attack("c10_positions_from_int16_lengths", "10", c10_positions_from_int16_lengths,
                    _long_lengths(516)))
    # (lengths.half() is no near miss: qualifying lengths are multiples of 16, exact in fp16 up to 65504, and
    # past that eager itself fails on inf.long(); bf16 rounds multiples of 16 from 4096 on)
    a.append(Attack("c10_positions_from_bf16_lengths", "10", c10_positions_from_bf16_lengths, _long_lengths(80)))
    a.append(Attack("c11_page_id_clamp", "11", c11_page_id_clamp, _big_page_ids(1100)))
    a.append(Attack("c11_position_clamp", "11", c11_position_clamp, _long_lengths(80)))
    a.append(Attack("c11_page_index_clamp", "11", c11_page_index_clamp, _long_lengths(80)))
    a.append(Attack("c11_slot_bound_in_condition", "11", c11_slot_bound_in_condition, _big_slots_half))
    a.append(Attack("c11_page_bound_in_condition", "11", c11_page_bound_in_condition, _big_page_ids(1100)))
    a.append(Attack("c11_slot_clamp", "11", c11_slot_clamp, _big_slots_half, expect="any",
                    note="slots computed in the graph are the op's slot_mapping: the clamp still runs, before the "
                         "op; but the clamped slots repeat (4095), and which repeated row wins is the kernel's order"))
    grow = _grow_capacity(32, [2048, 2032, 1040, 1056, 1024, 512, 2047, 0])
    for step in (c12_position_clamp_1023, c12_short_sequences_only, c12_page_index_clamp_15,
                 c12_weight_zeroed_for_long):
        a.append(Attack(step.__name__, "12", step, grow, modes=("dynamic",)))
    grow16 = _grow_capacity(516, [32768, 32784, 33008, 32800, 32, 48, 0, 32783])
    a.append(Attack("c13_int16_condition", "13", c13_int16_condition, grow16, modes=("dynamic",)))
    a.append(Attack("c13_int16_threshold_only", "13", c13_int16_threshold_only, grow16, modes=("dynamic",)))
    a.append(Attack("c13_int32_then_int16", "13", c13_int32_then_int16, grow16, modes=("dynamic",)))
    a.append(Attack("c13_half_condition", "13", c13_half_condition,
                    _grow_capacity(40, [2049, 2065, 2545, 2048, 2050, 32, 0, 2063]), modes=("dynamic",)))
    for step in (c14_window_shift_at_residue, c14_page_off_by_one_at_residue, c14_coefficient_at_residue,
                 c14_reversed_window_at_residue):
        a.append(Attack(step.__name__, "14", step, _small_batch_large_capacity))
    for step in (c15_clone_then_second_step_into_clone, c15_functional_twice, c15_snapshot_before_step,
                 c15_step_on_view, c15_clone_stepped_returned):
        a.append(Attack(step.__name__, "15", step, _std(B=12, pages=2), expect="any",
                        note="a real step among clones and views: fusing it is right if every alias gets eager's rows"))
    for tag, kw in (("lengths_int16", dict(length_dtype=torch.int16)),
                    ("lengths_int8", dict(length_dtype=torch.int8)),
                    ("indices_int16", dict(index_dtype=torch.int16)),
                    ("indices_int8", dict(index_dtype=torch.int8))):
        a.append(Attack(f"c16_{tag}", "16", c16_long_casts, _narrow_index(**kw), expect="any",
                        note="widening .long() casts keep every value: fusing is right, crashing is not"))
    a.append(Attack("pad_minus_one_setitem", "pad", pad_minus_one_setitem, _padding_minus_one))
    a.append(Attack("pad_minus_one_index_put", "pad", pad_minus_one_index_put, _padding_minus_one))
    a.append(Attack("order_forward_from_zero", "order", order_forward_from_zero, _cancellation, expect="any",
                    note="the op's own order: sum_j from +0.0, j = 0 .. l-1"))
    with_zero = functools.partial(_cancellation, with_negative_zero=True)
    a[-1] = dataclasses.replace(a[-1], inputs=with_zero)
    for name in ("order_reversed", "order_even_then_odd", "order_two_chunks", "order_pairwise_tree"):
        a.append(Attack(name, "order", globals()[name], _cancellation))
    # differs from the op only in the sign of a zero sum; Inductor's own add(full(0), x) -> x does the same
    a.append(Attack("order_from_first_product", "order", order_from_first_product, with_zero))
    # (batch, not dynamic=True: N and D read off kv.shape are symbols there, and the [S, N * D] rows are split
    # into heads of constant sizes only, as models write them with their config's N and D)
    a.append(Attack("rw_flat_heads_scatter", "rw", rw_flat_heads_scatter, _cache_as("flat_heads"),
                    modes=("static", "batch"), expect="fuse"))
    a.append(Attack("rw_flat_heads_scatter_half_to_other_row", "rw", rw_flat_heads_scatter_half_to_other_row,
                    _cache_as("flat_heads")))
    a.append(Attack("rw_head_arange_index_put", "rw", rw_head_arange_index_put, _cache_as("head_major"),
                    modes=("static", "dynamic"), expect="fuse"))
    for step in (rw_head_arange_flipped, rw_head_arange_first_head_only):
        a.append(Attack(step.__name__, "rw", step, _cache_as("head_major")))
    # (static only: the memories' M is the cache rows // B here, which dynamic shapes make a quotient of symbols)
    a.append(Attack("rw_one_hot_entries", "rw", rw_one_hot_entries, _one_hot_inputs, expect="fuse"))
    for step in (rw_one_hot_first_head_only, rw_one_hot_scaled_per_entry):
        a.append(Attack(step.__name__, "rw", step, _one_hot_inputs))
    return a


ATTACKS = _attacks()
BY_NAME = {a.name: a for a in ATTACKS}
