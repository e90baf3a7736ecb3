"""Third adversarial review of the recogniser (issue 18, "a fresh adversarial review, attacks not listed").

White-box attacks that neither issue 18's 16 classes (``tests/corpora/attacks.py``) nor the second review
(``tests/corpora/redteam2.py``) has: gaps between what docs/soundness.md claims and what the code checks.
Same format as redteam2: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``, ``step`` taking ``(kv, weight, slots, block_table, lengths, cache)``, ``inputs``
a list of argument lists (the first is compiled, the rest are called after compiling), ``modes`` the compile
modes ("static", "batch": mark_dynamic on the batch, "dynamic": dynamic=True).  The runner and the
classification (REFUSED / FUSED & EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH, with the
NSA_FUSION_DISABLE=1 control) are redteam2's.

    python tests/corpora/redteam3.py [--dialect inductor_graph|inductor|torchair_like] [--mode M] [name ...]

Attacks named in ``BIT_EXACT`` are compared bit for bit (NaN payloads included) instead of NaN-aware.
Aliasing attacks (section 5) are meant for ``--dialect inductor`` (Inductor's own reinplacing); their inputs
may alias each other (``_view_of``), which this module teaches redteam2's runner to rebuild.

Re-run at 14:20 (commit 2b13c94), inductor_graph and torchair_like: every attack refused or equal except
kept_nan_payload_* / whole_cache_fp32_nan_payload (NaN payloads of kept rows through an fp32 select, bit level),
contract_bits_bf16 (the op's bf16 NaN encoding), padding_slots_clamped* / slots_dummy_where (computed slots
that alias a written row), pos_min_fold_dyn / pos_where_fold_dyn / weight_where_fold_dyn (two length-derived
values compared beyond the compiled capacity), and, in torchair_like only, cond_tensor_const_bound_dyn.
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
                                   tokens, write)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _full_mantissa, _huge_tokens, classify  # noqa: E402


def _keep_with(kept_of):
    """The contract, with the kept rows computed by ``kept_of(cache, s, valid, lens)`` (reads only)."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        valid = completes(lens)
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        cache[s] = torch.where(valid[:, None, None], new, kept_of(cache, s, valid, lens))
        return cache
    return step


def _cond_with(cond_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, cond_of(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


def _positions_with(len_of):
    """The contract with the window positions computed from ``len_of(lens)`` instead of the lengths."""
    def step(kv, w, slots, table, lens, cache):
        s = len_of(lens)
        pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
        return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
    return step


# --- 1. the kept path: int/bool nodes on it are skipped by check_kept_path ("the index path") ----------
# The kept rows are cache[s] *gathered by an index the keep probe's three patterns never move*.

def _rolled_cols(cache, s, flag):
    """cache[s] with the D columns rotated by ``flag`` (0 or 1): a gather with an integer index."""
    D = cache.shape[-1]
    idx = (torch.arange(D) + flag.long()) % D
    return cache[s][:, :, idx]


k_roll_when_one_completes = _keep_with(lambda c, s, v, lens: _rolled_cols(c, s, v.sum() == 1))
k_roll_when_few_complete = _keep_with(lambda c, s, v, lens: _rolled_cols(c, s, v.int().sum(0) <= 2))
k_roll_on_large_finite = _keep_with(
    lambda c, s, v, lens: _rolled_cols(c, s, ((c > 60000) & (c < float("inf"))).any()))
k_roll_on_exact_value = _keep_with(lambda c, s, v, lens: _rolled_cols(c, s, (c == 12345.0).any()))


def _mirror_last_row(cache, s, v, lens):
    """cache with its last row replaced by row 0 (slice_scatter: an ASSEMBLE op, allowed on the kept path),
    then gathered by the slots: a kept row at slot S - 1 comes back as row 0."""
    S = cache.shape[0]
    return cache.slice_scatter(cache[:1], 0, S - 1, S)[s]


def _cat_last_row(cache, s, v, lens):
    return torch.cat([cache[:-1], cache[:1]], 0)[s]


def _cache_row_lut(cache, s, v, lens):
    """cache.index_select(0, lut)[s], lut the identity except its last entry (0)."""
    S = cache.shape[0]
    lut = torch.arange(S)
    lut = torch.where(lut == S - 1, 0, lut)
    return cache.index_select(0, lut)[s]


def _cache_row_literal_lut(cache, s, v, lens):
    """The same lookup as a tensor literal (no iota in the graph)."""
    lut = torch.tensor(list(range(3999)) + [0])
    return cache[lut][s]


k_mirror_last_row = _keep_with(_mirror_last_row)
k_cache_row_lut = _keep_with(_cache_row_lut)
k_cache_row_literal_lut = _keep_with(_cache_row_literal_lut)
k_cat_last_row = _keep_with(_cat_last_row)


def k_select_in_fp32(kv, w, slots, table, lens, cache):
    """The select in fp32 and one rounding back: kept rows round-trip fp16/bf16 -> fp32 -> fp16/bf16, which
    canonicalises NaN payloads in eager and plain Inductor (bit-exact comparison: see BIT_EXACT)."""
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w)
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s].float()).to(cache.dtype)
    return cache


def k_select_in_fp64(kv, w, slots, table, lens, cache):
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).double()
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s].double()).to(cache.dtype)
    return cache


def k_whole_cache_in_fp32(kv, w, slots, table, lens, cache):
    """The whole cache upcast, written in fp32, copied back: every row (not only the kept ones) round-trips."""
    c32 = cache.float()
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w)
    c32[s] = torch.where(completes(lens)[:, None, None], new, c32[s])
    cache.copy_(c32)
    return cache


def _nan_payload_unwritten(dtype=torch.float16):
    """NaN payloads in cache rows no sequence names (and in kept rows)."""
    x = _nan_payload_kept(dtype)
    cache, slots = x.args[5], x.args[2]
    free = sorted(set(range(cache.shape[0])) - set(slots.tolist()))
    cache.view(torch.int16)[free[:2], 1, :2] = 0x7C07
    return x


def _nan_payload_kept(dtype=torch.float16):
    x = build(dtype=dtype, specials=False)
    cache, slots, lens = x.args[5], x.args[2], x.args[4]
    kept = [int(slots[b]) for b in range(len(lens)) if not bool(completes(lens[b:b + 1])[0])]
    payload = {torch.float16: [0x7C01, 0x7D55, 0xFD00 - 65536], torch.bfloat16: [0x7F81, 0xFFA5 - 65536, 0x7FC1]}[dtype]
    bits = cache.view(torch.int16)
    for i, k in enumerate(kept[:3]):
        bits[k, 0, :3] = payload[i]
    return x


def _rows_shifted_beyond(cache, s, n):
    r = torch.arange(s.shape[0])
    return cache[s][torch.where(r < n, r, r - 1)]


def _cols_beyond(cache, s, n):
    c = torch.arange(cache.shape[-1])
    return cache[s][:, :, torch.where(c < n, c, 0)]


k_cols_beyond_40 = _keep_with(lambda c, s, v, lens: _cols_beyond(c, s, 40))
def _rows_sliced_beyond_40(cache, s, v, lens):
    """cat([old[:40], old[39:-1]]): the identity for B <= 40 (the second part is empty), rows 40.. shifted
    by one beyond; slices with constant bounds along the batch, no iota."""
    old = cache[s]
    return torch.cat([old[:40], old[39:-1]], 0)


k_rows_sliced_beyond_40 = _keep_with(_rows_sliced_beyond_40)
k_rows_shifted_beyond_40 = _keep_with(lambda c, s, v, lens: _rows_shifted_beyond(c, s, 40))


def k_kept_by_cond_gather(kv, w, slots, table, lens, cache):
    """Kept rows' columns rotated when exactly one row completes, the count read from the select's own
    condition tensor (the keep probe gives it as an input)."""
    s = slots.long()
    v3 = completes(lens)[:, None, None]
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(v3, new, _rolled_cols(cache, s, v3.sum() == 1))
    return cache


def k_roll_when_new_has_nan(kv, w, slots, table, lens, cache):
    """Kept rows rotated when any row's pooled value (rows that do not complete included) holds a NaN."""
    s = slots.long()
    v3 = completes(lens)[:, None, None]
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(v3, new, _rolled_cols(cache, s, new.isnan().any()))
    return cache


def n_cols_beyond_40(kv, w, slots, table, lens, cache):
    """New rows' columns >= 40 taken from column 0 (an int index over the head dim, built from iota(D)):
    the identity at D = 16 and 32, where the proof runs under dynamic=True."""
    new = pool(tokens(kv, table, positions(lens)), w)
    c = torch.arange(new.shape[-1])
    return write(cache, slots, completes(lens), new[:, :, torch.where(c < 40, c, 0)])


def n_cols_beyond_20(kv, w, slots, table, lens, cache):
    """Columns >= 20 from column 0: differs at D = 32 already, so the proof keeps D at its hint and
    guards it (a recompile at any other D must follow)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    c = torch.arange(new.shape[-1])
    return write(cache, slots, completes(lens), new[:, :, torch.where(c < 20, c, 0)])


def n_cols_doubled_16(kv, w, slots, table, lens, cache):
    """cat([new[..., :16], new[..., :16]])[..., :D]: the identity at D = 16 only, no iota; the proof must
    keep D at 16 and guard it (any other D recompiles)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    D = new.shape[-1]
    return write(cache, slots, completes(lens), torch.cat([new[..., :16], new[..., :16]], -1)[..., :D])


def n_flip_when_one_completes(kv, w, slots, table, lens, cache):
    """New rows' D columns reversed (a select between data movements, condition from the batch's count of
    completing rows) when exactly one row completes: never so in the pooling probes."""
    valid = completes(lens)
    new = pool(tokens(kv, table, positions(lens)), w)
    one = (valid.int().sum(0) == 1)
    return write(cache, slots, valid, torch.where(one, new.flip(-1), new))


def n_flip_when_most_complete(kv, w, slots, table, lens, cache):
    """New rows reversed when between 25% and 45% of the rows complete (the specials probe mixes ~50%)."""
    valid = completes(lens)
    new = pool(tokens(kv, table, positions(lens)), w)
    frac = valid.int().sum(0)
    flag = (frac * 100 >= 25 * valid.shape[0]) & (frac * 100 <= 45 * valid.shape[0])
    return write(cache, slots, valid, torch.where(flag, new.flip(-1), new))


# --- 2. the condition of a static graph: the batch plan may fail, _reads_rows lists some row-mixing ops only
# The mask is evaluated on chunks of *consecutive* lengths (0..B-1, B..2B-1, ...): a condition that mixes rows
# in a way that is invisible on increasing, sparse-qualifying chunks passes.

c_not_after_completing = _cond_with(lambda lens: completes(lens) & ~completes(lens).roll(1, 0))
c_budget_sum_dim = _cond_with(lambda lens: completes(lens) & (completes(lens).int().sum(0) <= 12))
c_cummax_lengths = _cond_with(lambda lens: completes(lens.cummax(0).values))
c_max_dim_lengths = _cond_with(lambda lens: completes(lens) & (lens.max(0).values - lens < 1000))
c_skip_when_all_complete = _cond_with(lambda lens: completes(lens) & ~completes(lens).all(0))
c_row_number_offset_iota = _cond_with(
    lambda lens: completes(lens) & ((torch.arange(lens.shape[0] + 1)[1:] - 1) % 16 != 5))
c_row_number_step_iota = _cond_with(
    lambda lens: completes(lens) & ((torch.arange(0, 2 * lens.shape[0], 2) // 2) % 16 != 5))
c_float_const_dyn = _cond_with(lambda lens: completes(lens) & (lens < 4096.0))
c_float_clamp_dyn = _cond_with(lambda lens: completes(lens.clamp(max=4095.5)))
c_float_times_dyn = _cond_with(lambda lens: completes(lens) & (lens * 0.25 < 1024.0))
c_sub_alpha_dyn = _cond_with(lambda lens: completes(lens) & (torch.sub(lens, 1, alpha=4096) < 0))
c_add_alpha_dyn = _cond_with(lambda lens: completes(lens) & (torch.add(lens, torch.ones_like(lens), alpha=-4096) < 0))
p_sub_alpha_dyn = _positions_with(lambda lens: torch.where(torch.sub(lens.long(), 1, alpha=4096) < 0, lens.long(), 0))
def c_swap_rows_5_6(kv, w, slots, table, lens, cache):
    """Rows 5 and 6 swap their lengths in the condition (a constant permutation as a tensor literal):
    the mask's consecutive-length chunks never put a completing length on either row."""
    perm = torch.tensor([0, 1, 2, 3, 4, 6, 5] + list(range(7, 40)))
    return write(cache, slots, completes(lens[perm]), pool(tokens(kv, table, positions(lens)), w))


c_not_both_of_two = _cond_with(lambda lens: completes(lens) & ~completes(lens).flip(0))
c_sorted_lengths = _cond_with(lambda lens: completes(lens.sort(stable=True).values))


def b_table_rows_by_int8_iota(kv, w, slots, table, lens, cache):
    """table[arange(B, dtype=int8)[:, None], p // P]: _is_iota accepts any iota as the identity, but an int8
    iota wraps at 128 (row 128 reads table row B - 128)."""
    pos = positions(lens)
    P = kv.shape[1]
    r = torch.arange(lens.shape[0], dtype=torch.int8).long()
    page = table.long()[r[:, None], pos // P]
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def b_lengths_by_int8_iota(kv, w, slots, table, lens, cache):
    r = torch.arange(lens.shape[0], dtype=torch.int8).long()
    s = lens.long()[r]
    pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def b_table_rows_by_bf16_iota(kv, w, slots, table, lens, cache):
    """The same with a bf16 iota (exact up to 256): row 257 reads table row 256."""
    pos = positions(lens)
    P = kv.shape[1]
    r = torch.arange(lens.shape[0], dtype=torch.bfloat16).long()
    page = table.long()[r[:, None], pos // P]
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def _dyn_batch_300():
    fixed = dict(block_num=1210, num_slots=620)
    return [build(B=8, **fixed), build(B=258, seed=4, **fixed)]


def _dyn_batch_200():
    fixed = dict(block_num=810, num_slots=420)
    return [build(B=8, **fixed), build(B=200, seed=4, **fixed)]


# --- 3. dynamic capacity: length-derived ops check_length_thresholds does not look at ------------------
p_shift_mod_4096 = _positions_with(lambda lens: lens.long() - ((lens.long() >> 12) << 12))
p_bitor_4096 = _positions_with(lambda lens: (lens.long() | 4096) - 4096)
p_xor_bit12 = _positions_with(lambda lens: lens.long() ^ (lens.long() & 4096))
p_float_floor_mod = _positions_with(
    lambda lens: lens.long() - (lens.double() / 4096).floor().long() * 4096)
p_sign_shift = _positions_with(lambda lens: lens.long() - (torch.sign(lens.long() - 4096) + 1))
p_trunc_div = _positions_with(lambda lens: lens.long() - torch.div(lens.long(), 4096, rounding_mode="trunc") * 4096)


# folds: two length-derived values compared (exempt: "probed where they differ"), or an abs, equal to s up to
# 4096 and folding back beyond it
p_min_fold = _positions_with(lambda lens: torch.minimum(lens.long(), 8192 - lens.long()))
p_where_fold = _positions_with(lambda lens: torch.where(lens.long() > 8192 - lens.long(), 8192 - lens.long(), lens.long()))
def w_where_fold(kv, w, slots, table, lens, cache):
    """The weight reversed where s > 8192 - s (two length-derived values compared; s > 4096)."""
    s = lens.long()
    tok = tokens(kv, table, positions(lens)).float()
    wf = torch.where((s > 8192 - s)[:, None, None], w.flip(0)[None], w[None]).float()
    return write(cache, slots, completes(lens), (tok * wf[..., None]).sum(1))


p_abs_fold = _positions_with(lambda lens: 4096 - (lens.long() - 4096).abs())
c_min_fold = _cond_with(lambda lens: completes(torch.minimum(lens, 8192 - lens)))


def p_sign_shift_clamped_base(kv, w, slots, table, lens, cache):
    """sign(s - 4096) moves the window one token back at s = 4096 and two beyond (clamp only on s - l)."""
    s = lens.long()
    shift = torch.sign(s - 4096) + 1
    pos = (s - L).clamp(min=0)[:, None] + torch.arange(L) - shift[:, None]
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos.clamp(min=0)), w))


def p_sign_shift_no_clamp(kv, w, slots, table, lens, cache):
    s = lens.long()
    shift = torch.sign(s - 4096) + 1
    pos = (s - L).clamp(min=0)[:, None] + torch.arange(L) - shift[:, None]
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos.abs()), w))


def _seq_gather_tokens(kv, table, pos):
    """Window tokens gathered from the whole sequence by position (no // P, no % P on the positions)."""
    seq = kv[table.long()].flatten(1, 2)  # [B, pages * P, N, D]
    return seq[torch.arange(pos.shape[0])[:, None], pos]


def p_seq_sign_shift(kv, w, slots, table, lens, cache):
    s = lens.long()
    pos = (s[:, None] - L + torch.arange(L) - (torch.sign(s - 4096) + 1)[:, None]).abs()
    return write(cache, slots, completes(lens), pool(_seq_gather_tokens(kv, table, pos), w))


def p_seq_bitor(kv, w, slots, table, lens, cache):
    s = (lens.long() | 4096) - 4096
    pos = (s[:, None] - L + torch.arange(L)).abs()
    return write(cache, slots, completes(lens), pool(_seq_gather_tokens(kv, table, pos), w))


# lookup tables: a constant gathered by lengths or page ids is data movement; the clamp / remainder sits on
# the constant, not on the length- or page-derived path the threshold and page-id rules look at
def p_length_lut_dyn(kv, w, slots, table, lens, cache):
    lut = torch.arange(1 << 14).clamp(max=4095)
    s = lut[lens.long()]
    pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def w_flipped_by_length_lut(kv, w, slots, table, lens, cache):
    flag = (torch.arange(1 << 14) >= 4096)[lens.long()]
    tok = tokens(kv, table, positions(lens)).float()
    wf = torch.where(flag[:, None, None], w.flip(0)[None], w[None]).float()  # [B, l, N]
    return write(cache, slots, completes(lens), (tok * wf[..., None]).sum(1))


def g_page_lut_clamp(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    lut = torch.arange(1 << 12).clamp(max=1023)
    page = lut[table.long().gather(1, pos // P)]
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def g_page_lut_remainder(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    lut = torch.arange(1 << 12) % 1024
    page = torch.take(lut, table.long().gather(1, pos // P))
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def g_kv_last_block_mirrored(kv, w, slots, table, lens, cache):
    """Tokens gathered from cat([kv[:-1], kv[:1]]): the last block reads as block 0 (data movement only)."""
    kv2 = torch.cat([kv[:-1], kv[:1]], 0)
    return write(cache, slots, completes(lens), pool(tokens(kv2, table, positions(lens)), w))


def g_kv_block_lut(kv, w, slots, table, lens, cache):
    """Tokens gathered from kv.index_select(0, lut), lut the identity except its last entry (0)."""
    nb = kv.shape[0]
    lut = torch.arange(nb)
    lut = torch.where(lut == nb - 1, 0, lut)
    return write(cache, slots, completes(lens), pool(tokens(kv.index_select(0, lut), table, positions(lens)), w))


def _last_block_read(block_num=20000):
    """A KV of 20000 blocks (N = 1); row 0 (it completes) reads the last block."""
    x = build(B=8, N=1, block_num=block_num, specials=False)
    table = x.args[3]
    lens = x.args[4]
    table[table == block_num - 1] = int(table[0, 0])
    p = (int(lens[0]) - 1) // 64
    table[0, p] = block_num - 1
    return x


def g_page_float_scale(kv, w, slots, table, lens, cache):
    """Page ids through fp32 times (1 + 2^-13), truncated back: page + page // 8192 (a float mul on the
    table path, where only the affine arithmetic of a flat index is meant to pass)."""
    pos = positions(lens)
    P = kv.shape[1]
    page = (table.long().gather(1, pos // P).float() * (1.0 + 2.0 ** -13)).long()
    return write(cache, slots, completes(lens), pool(kv[page, pos % P], w))


def _ids_above_8192():
    x = build(B=8, N=1, block_num=8300, specials=False)
    g = torch.Generator().manual_seed(23)
    x.args[3] = (8192 + torch.randperm(100, generator=g)[:32]).view(8, 4).to(torch.int32)
    return x


def g_flat_index_sub_alpha_int16(kv, w, slots, table, lens, cache):
    """Flat token index off - (-P) * page: sub's alpha is not in the interval rule, so the int16 cast looks
    exact; it wraps for page ids >= 512 (P = 64)."""
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P)
    flat = torch.sub(pos % P, page, alpha=-P).to(torch.int16).long()
    return write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[flat], w))


def g_flat_index_rsub_alpha_int16(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[1]
    page = table.long().gather(1, pos // P)
    flat = torch.rsub(page, pos % P, alpha=-P).to(torch.int16).long()  # (pos % P) - (-P) * page
    return write(cache, slots, completes(lens), pool(kv.flatten(0, 1)[flat], w))


# --- 4. the pooling arithmetic -----------------------------------------------------------------------
def f_neg_of_zero_minus(kv, w, slots, table, lens, cache):
    """-(0.0 - pooled): equal to pooled except that an exact +0.0 sum becomes -0.0 (the op never gives -0.0)."""
    new = pool(tokens(kv, table, positions(lens)), w)
    return write(cache, slots, completes(lens), -(0.0 - new))


def f_double_add_sub(kv, w, slots, table, lens, cache):
    """(p + p) - p per product: token values added to token values only, but p + p overflows fp32 for
    bf16/fp32 data near the max."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    return write(cache, slots, completes(lens), ((prod + prod) - prod).sum(1))


def f_kahan_sum(kv, w, slots, table, lens, cache):
    """Kahan-compensated window sum in window order: token values added/subtracted only, so it is
    "linear"; it rounds differently from the op's plain order (written order: the order probe's job)."""
    prod = tokens(kv, table, positions(lens)).float() * w.float()[None, :, :, None]
    acc = torch.zeros_like(prod[:, 0])
    c = torch.zeros_like(acc)
    for j in range(L):
        y = prod[:, j] - c
        t = acc + y
        c = (t - acc) - y
        acc = t
    return write(cache, slots, completes(lens), acc)


def _kahan_inputs():
    """Two terms 2^12 apart at positions 0 and 1 (exact in any order), then small ones that Kahan keeps."""
    vals = [4096.0, 1.0 + 2 ** -10] + [2 ** -12] * (L - 2)
    return build(window=lambda b, s: vals, weight=torch.ones(L, 2).half(), specials=False, seed=5)


def f_times_w_div_w(kv, w, slots, table, lens, cache):
    """(t * w * w) / w: every factor is "the weight"; exact on dyadic probes without zero weights."""
    wf = w.float()[None, :, :, None]
    prod = tokens(kv, table, positions(lens)).float() * wf
    return write(cache, slots, completes(lens), ((prod * wf) / wf).sum(1))


def f_weight_squared_over_weight_no_zero(kv, w, slots, table, lens, cache):
    """t * w where w is first squared by the token path: (t * w) * w / w, zero weights made safe by where."""
    wf = w.float()[None, :, :, None]
    prod = tokens(kv, table, positions(lens)).float() * wf
    return write(cache, slots, completes(lens), (prod * wf / torch.where(wf == 0, 1.0, wf)).sum(1))


def f_extra_zero_token_times_weight(kv, w, slots, table, lens, cache):
    """One extra window slot: a constant-zero token times a copy of w[0] (cat on both paths: data movement
    only). 0 * w[0] is +0.0 for every finite weight the probes draw, NaN for an inf weight."""
    tok = tokens(kv, table, positions(lens)).float()
    tokx = torch.cat([tok, torch.zeros_like(tok[:, :1])], 1)   # [B, l + 1, N, D]
    wx = torch.cat([w, w[:1]], 0).float()                        # [l + 1, N]
    return write(cache, slots, completes(lens), (tokx * wx[None, :, :, None]).sum(1))


def f_token3_times_zero_weight(kv, w, slots, table, lens, cache):
    """One extra window slot: token 3 again, times a constant-zero weight. 0 * t3 is +0.0 for every token
    the probes put at window position 3 (their specials sit at positions 0 and l - 1), NaN for an inf t3."""
    tok = tokens(kv, table, positions(lens)).float()
    tokx = torch.cat([tok, tok[:, 3:4]], 1)
    wx = torch.cat([w, torch.zeros_like(w[:1])], 0).float()
    return write(cache, slots, completes(lens), (tokx * wx[None, :, :, None]).sum(1))


def f_extra_token_where_zero(kv, w, slots, table, lens, cache):
    """F18 with the constant zero token made by a select (where(False, token, 0)) instead of zeros_like."""
    tok = tokens(kv, table, positions(lens)).float()
    zero_tok = torch.where(torch.zeros((1, 1, 1, 1), dtype=torch.bool), tok[:, :1], 0.0)
    tokx = torch.cat([tok, zero_tok], 1)
    wx = torch.cat([w, w[:1]], 0).float()
    return write(cache, slots, completes(lens), (tokx * wx[None, :, :, None]).sum(1))


def f_token3_indexed_twice(kv, w, slots, table, lens, cache):
    """F19 with token 3 re-read by an index list and the zero weight made by a select."""
    tok = tokens(kv, table, positions(lens)).float()
    tokx = tok[:, list(range(L)) + [3]]
    wz = torch.where(torch.zeros((1, 1), dtype=torch.bool), w[:1], 0.0)
    wx = torch.cat([w, wz], 0).float()
    return write(cache, slots, completes(lens), (tokx * wx[None, :, :, None]).sum(1))


def _inf_at_position_3():
    return build(specials=False, window=lambda b, s: [0.5] * 3 + [float("inf")] + [0.25] * (L - 4) if b % 4 == 0
                 else None)


def _inf_weight(dtype=torch.float16):
    x = build(specials=False, dtype=dtype)
    x.args[1][0, 0] = float("inf")
    return x


# hidden constants: a tensor constant is no literal the mask bound / thresholds read
c_tensor_const_bound = _cond_with(lambda lens: completes(lens) & (lens < torch.tensor(4096)))
c_tensor_const_xor = _cond_with(
    lambda lens: completes(lens) & ((lens ^ torch.tensor(4096, dtype=lens.dtype)) > lens - 4096))


# --- 5. aliasing, views, two steps (run with --dialect inductor: the real reinplacing) -------------------
# Inputs that alias each other: ``_view_of(t, j, fn)`` marks argument ``t`` to be rebuilt by the runner as
# fn(clone of argument j) instead of being cloned (redteam2's runner clones every argument).
def _view_of(t, j, fn):
    t._rt3_view = (j, fn)
    return t


def _aliasing_clone_args(args):
    out = [None] * len(args)
    for i, a in enumerate(args):
        if getattr(a, "_rt3_view", None) is None:
            out[i] = a.clone()
    if args[5] is args[0]:
        out[5] = out[0]
    for i, a in enumerate(args):
        if getattr(a, "_rt3_view", None) is not None:
            j, fn = a._rt3_view
            out[i] = fn(out[j])
    return out


redteam2._clone_args = _aliasing_clone_args


def s_append_after_compress(kv, w, slots, table, lens, cache):
    """Compress, then append a token to the paged KV in place (the write the fused op must not see)."""
    cache = contract(kv, w, slots, table, lens, cache)
    P = kv.shape[1]
    s = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.long().gather(1, (s // P)[:, None])[:, 0]
    kv.index_put_((page, s % P), torch.full_like(kv[0, 0], 7.0).expand(s.shape[0], *kv.shape[2:]))
    kv[table.long()[:, 0], 0] = 3.0  # and overwrite the first token of every sequence (read by short windows)
    return cache, kv


def s_append_before_compress(kv, w, slots, table, lens, cache):
    """vLLM's order: append the newest token (position s - 1), then compress windows ending at s."""
    P = kv.shape[1]
    s = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (s // P)[:, None])[:, 0]
    kv.index_put_((page, s % P), torch.full_like(kv[0, 0], 5.0).expand(s.shape[0], *kv.shape[2:]))
    return contract(kv, w, slots, table, lens, cache), kv


def s_lengths_advanced_in_place(kv, w, slots, table, lens, cache):
    lens.add_(STRIDE)
    lens.clamp_(max=table.shape[1] * kv.shape[1])
    return contract(kv, w, slots, table, lens, cache), lens


def s_returns_cache_and_views(kv, w, slots, table, lens, cache):
    """Returns the stepped cache, a view of it and a view taken before the step."""
    before = cache.view(-1)
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, cache[1:], before


def s_functional_step_returns_input(kv, w, slots, table, lens, cache):
    """A functional step (index_put on a clone) returning the untouched input cache beside the result."""
    out = cache.clone()
    s = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    out[s] = torch.where(completes(lens)[:, None, None], new, cache[s])
    return out, cache


def s_step_then_copy_into_input(kv, w, slots, table, lens, cache):
    """Functional step on a clone, then copied into the input cache, and the clone returned too."""
    out = contract(kv, w, slots, table, lens, cache.clone())
    cache.copy_(out)
    return out, cache.sum()


def _weight_in_cache():
    """The weight is a view of cache rows 0..l-1 (column 0), and a completing row writes slot 3."""
    x = build(specials=False, num_slots=90)
    slots, lens = x.args[2], x.args[4]
    done = [b for b in range(len(lens)) if bool(completes(lens[b:b + 1])[0])]
    taken = {int(v) for v in slots}
    for b, slot in zip(done[:2], (3, 5)):
        other = slots == slot
        if other.any():
            slots[other] = int(slots[b])
        slots[b] = slot
    assert len(set(slots.tolist())) == len(slots) and taken is not None
    cache = x.args[5]
    fn = lambda c: c[:L, :, 0]  # noqa: E731
    x.args[1] = _view_of(fn(cache), 5, fn)
    return x


def _strided_cache():
    x = build()
    S = x.args[5].shape[0]
    big = torch.randn(2 * S, *x.args[5].shape[1:]).half()
    big[::2] = x.args[5]
    fn = lambda b: b[::2]  # noqa: E731
    x.args = x.args[:5] + [_view_of(fn(big), 6, fn), big]  # (big: the 7th argument, the step ignores it)
    return x


def _noncontig_everything():
    """Weight, slots, table, lengths and KV all non-contiguous views (strides, a storage offset)."""
    x = build()
    kv, w, slots, table, lens, cache = x.args
    wbuf = w.t().contiguous()                      # [N, l] storage, the step gets its transpose
    sbuf = torch.stack([slots, slots.flip(0)], 1)  # [B, 2]: slots = column 0 (stride 2)
    tbuf = torch.cat([table, torch.full_like(table, -1)], 1)  # [B, 2 * pages]: first half
    lbuf = torch.stack([lens, lens], 1)
    kbuf = torch.cat([kv[:1], kv], 0)               # storage offset of one block
    pages = table.shape[1]
    x.args = [_view_of(kbuf[1:], 6, lambda b: b[1:]),
              _view_of(wbuf.t(), 7, lambda b: b.t()),
              _view_of(sbuf[:, 0], 8, lambda b: b[:, 0]),
              _view_of(tbuf[:, :pages], 9, lambda b, p=pages: b[:, :p]),
              _view_of(lbuf[:, 1], 10, lambda b: b[:, 1]),
              cache, kbuf, wbuf, sbuf, tbuf, lbuf]
    return x


def _transposed_cache_input():
    """The cache argument is buf.transpose(1, 2) of a [S, D, N] buffer (D not innermost)."""
    x = build()
    buf = x.args[5].transpose(1, 2).contiguous()
    x.args = x.args[:5] + [_view_of(buf.transpose(1, 2), 6, lambda b: b.transpose(1, 2)), buf]
    return x


def s_noncontig(kv, w, slots, table, lens, cache, *bufs):
    return contract(kv, w, slots, table, lens, cache)


def s_strided_cache(kv, w, slots, table, lens, cache, big=None):
    return contract(kv, w, slots, table, lens, cache)


def s_snapshot_float_before(kv, w, slots, table, lens, cache):
    old = cache.float()
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, old


def s_snapshot_row_sum_before(kv, w, slots, table, lens, cache):
    old = cache.float().sum(-1)
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, old


def s_two_steps_chained(kv, w, slots, table, lens, cache):
    """Two decode steps in one graph: the next length (s + 16) steps the same cache after the first."""
    cache = contract(kv, w, slots, table, lens, cache)
    return contract(kv, w, slots, table, (lens + STRIDE).clamp(max=table.shape[1] * kv.shape[1]), cache)


def s_old_rows_read_after(kv, w, slots, table, lens, cache):
    """The old rows at the slots read before the step and returned after it (a functional snapshot)."""
    before = cache[slots.long()] * 1.0
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, before


def s_view_of_cache_returned(kv, w, slots, table, lens, cache):
    flat = cache.view(cache.shape[0], -1)
    cache = contract(kv, w, slots, table, lens, cache)
    return flat.sum(1), cache


def s_pool_is_cache_view(kv, w, slots, table, lens, cache):
    """A flat token pool (P = 1, SGLang's req_to_token addressing) that is a view of the compressed cache
    itself: windows read cache rows that this very step writes (eager reads them before the write)."""
    pool_ = cache.view(cache.shape)
    pos = positions(lens)
    tok = pool_[table.long().gather(1, pos)]  # [B, l, N, D]
    return write(cache, slots, completes(lens), pool(tok, w))


def s_flat_pool_last_row_mirrored(kv, w, slots, table, lens, cache):
    """A flat token pool assembled with its last row mirrored from row 0 (F17 for flat pools)."""
    N, D = cache.shape[1:]
    flat = kv.reshape(-1, N, D)
    flat = torch.cat([flat[:-1], flat[:1]], 0)
    pos = positions(lens)
    return write(cache, slots, completes(lens), pool(flat[table.long().gather(1, pos)], w))


def s_flat_pool_contract(kv, w, slots, table, lens, cache):
    """SGLang's addressing: the KV as a flat token pool [num_tokens, N, D], the table holding token ids."""
    pos = positions(lens)
    return write(cache, slots, completes(lens), pool(kv[table.long().gather(1, pos)], w))


def _flat_pool_inputs(B=8, seed=24):
    """kv: a [4096, 1, 16] token pool (3-D), table [B, 256] of token ids."""
    x = build(B=B, N=1, block_num=64, distinct_pages=False, specials=False, seed=seed)
    g = torch.Generator().manual_seed(seed)
    x.args[0] = x.args[0].reshape(-1, 1, 16)
    x.args[3] = torch.randint(0, 4096, (B, 256), generator=g, dtype=torch.int32)
    return x


def _pool_in_cache():
    """Cache of 200 rows read as a flat pool: table [8, 256] of row ids, completing rows write rows that
    other rows' windows read."""
    g = torch.Generator().manual_seed(21)
    x = build(B=8, pages=4, specials=False, num_slots=200, lengths=[48, 64, 80, 96, 112, 128, 33, 40])
    x.args[3] = torch.randint(0, 200, (8, 256), generator=g, dtype=torch.int32)
    return x


def _flat_pool_last():
    """kv as a flat pool of 64 * 64 = 4096 tokens (N = 1); row 0's window reads token 4095."""
    x = build(B=8, N=1, block_num=64, distinct_pages=False, specials=False,
              lengths=[48, 64, 80, 96, 112, 128, 33, 40])
    g = torch.Generator().manual_seed(22)
    t = torch.randint(0, 4095, (8, 256), generator=g, dtype=torch.int32)
    t[0, 47] = 4095
    x.args[3] = t
    return x


# --- 6. corners that must never crash (run with --dialect inductor) ----------------------------------
def s_torch_cond_in_new_rows(kv, w, slots, table, lens, cache):
    """A torch.cond (higher-order op with subgraphs) on the pooled rows: refuse, never crash."""
    new = pool(tokens(kv, table, positions(lens)), w)
    new = torch.cond(lens.sum() > 0, lambda x: x * 1.0, lambda x: x * 1.0, (new,))
    return write(cache, slots, completes(lens), new)


def s_torch_cond_elsewhere(kv, w, slots, table, lens, cache):
    """A torch.cond beside the step (on another output): the step itself is plain."""
    other = torch.cond(lens.sum() > 0, lambda x: x + 1, lambda x: x - 1, (lens.float(),))
    return contract(kv, w, slots, table, lens, cache), other


def s_padding_slots_clamped(kv, w, slots, table, lens, cache):
    """Padding slot -1 clamped to 0 by the model: a padding row then names row 0, which a completing row
    writes (eager's index_put: the later duplicate wins)."""
    s = slots.long().clamp(min=0)
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])
    return cache


def s_slots_halved(kv, w, slots, table, lens, cache):
    """Slots // 2 (a cache of row pairs): two completing rows with slots 2k and 2k+1 write the same row."""
    s = slots.long() // 2
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])
    return cache


def s_slots_dummy_where(kv, w, slots, table, lens, cache):
    """vLLM's dummy-slot idiom: rows that do not complete are sent to row 0."""
    valid = completes(lens)
    s = torch.where(valid, slots.long(), 0)
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    cache[s] = torch.where(valid[:, None, None], new, cache[s])
    return cache


def _pair_slots():
    x = build(B=8, specials=False, lengths=[48, 64, 33, 80, 0, 96, 31, 5])
    slots = x.args[2]
    slots[:] = torch.tensor([10, 11, 3, 20, 30, 21, 7, 9])  # rows 0, 1 -> 5; rows 3, 5 -> 10
    return x


def s_padding_slots_clamped_index_copy(kv, w, slots, table, lens, cache):
    """F25 with index_copy_ as the write."""
    s = slots.long().clamp(min=0)
    new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
    return cache.index_copy_(0, s, torch.where(completes(lens)[:, None, None], new, cache[s]))


def _padding_after_slot0():
    x = build(B=8, specials=False, lengths=[48, 64, 33, 80, 0, 96, 31, 5])
    slots = x.args[2]
    slots[slots == 0] = int(slots.max()) + 1
    slots[0] = 0    # a completing row writes row 0
    slots[4] = -1   # a later padding row carries -1 (valid: no row writes S - 1)
    return x


def s_op_then_plain_step(kv, w, slots, table, lens, cache):
    """The model calls the fused op itself on the cache, then a plain step (next lengths) on the same cache."""
    import nsa_fusion
    nsa_fusion.compress_infer(kv, w, slots, L, STRIDE, kv.shape[1], block_table=table, actual_seq_len=lens,
                              cache=cache)
    return contract(kv, w, slots, table, (lens + STRIDE).clamp(max=table.shape[1] * kv.shape[1]), cache)


def _f64():
    x = build(specials=False)
    x.args[0] = x.args[0].double()
    x.args[1] = x.args[1].double()
    x.args[5] = x.args[5].double()
    return x


def _tiny_shapes():
    """B = 2, N = 1, D = 1, one page of 32 tokens (l = P = capacity)."""
    return build(B=2, N=1, D=1, P=32, pages=1, lengths=[32, 31], specials=False)


def _one_row():
    return build(B=1, lengths=[48], specials=False)


def _int64_everything():
    return build(length_dtype=torch.int64, index_dtype=torch.int64)


def _grow(big_pages, lens_big):
    """Compiled at capacity 256, then called at ``big_pages`` pages with long lengths (dynamic=True)."""
    return [build(B=8), build(B=len(lens_big), pages=big_pages, distinct_pages=False, block_num=64,
                              lengths=lens_big, specials=False, seed=1)]


GROW_8K = [4096, 4112, 8192, 8208, 4097, 48, 0, 4128]


def _one_completes(B=40, row=7, **kw):
    lens = [33] * B
    lens[row] = 48
    return build(lengths=lens, **kw)


def _last_slot_kept():
    """4000 cache rows, 8 sequences; row 1 (length 0, not completing) writes the last slot."""
    x = build(B=8, num_slots=4000, N=1)
    slots = x.args[2]
    slots[slots == 3999] = 3998 if 3998 not in slots.tolist() else 3997
    slots[1] = 3999
    return x


def _few_complete():
    lens = [33] * 40
    lens[3], lens[21] = 48, 64
    return build(lengths=lens)


def _kept_large_finite(value=60000.0):
    x = build()
    cache, slots, lens = x.args[5], x.args[2], x.args[4]
    kept = [int(slots[b]) for b in range(len(lens)) if not bool(completes(lens[b:b + 1])[0])]
    cache[kept[-1], 0, 3] = value
    return x


def _adjacent_completing():
    lens = [48, 64, 33, 80, 96, 31, 112, 0] * 5
    return build(lengths=lens)


def _many_complete():
    return build(lengths=[32 + 16 * (k % 14) for k in range(40)])


def _shuffled():
    g = torch.Generator().manual_seed(3)
    lens = torch.randint(0, 257, (40,), generator=g)
    lens[::3] = 32 + 16 * torch.randint(0, 14, lens[::3].shape, generator=g)
    return build(lengths=lens)


def _dyn_batch_keep():
    fixed = dict(block_num=283, num_slots=150)
    return [build(B=8, **fixed), build(B=50, seed=4, **fixed), build(B=70, seed=5, **fixed)]


def _zero_sum_windows():
    return build(window=lambda b, s: [1.0, -1.0] + [0.0] * (L - 2), weight=torch.ones(L, 2).half(),
                 specials=False, seed=2)


def _row5_completes():
    lens = [33] * 40
    lens[5], lens[21], lens[0] = 48, 64, 80
    return build(lengths=lens)


def _third_complete():
    lens = [33] * 40
    for b in range(0, 40, 3):
        lens[b] = 48 + 16 * (b % 5)
    return build(lengths=lens)


def _big_ids(block_num, B=8, pages=4, **kw):
    return build(B=B, pages=pages, block_num=block_num, high_ids=True, N=1, **kw)


def _mk(step, inputs, modes=("static",)):
    return lambda: (step, inputs(), modes)


ATTACKS = [
    # (1) the kept path
    ("keep_roll_when_one_completes", _mk(k_roll_when_one_completes, lambda: [build(), _one_completes()]),
     "kept rows' D columns rotated when exactly one row completes (v.sum() == 1 as an index)"),
    ("keep_roll_when_few_complete", _mk(k_roll_when_few_complete, lambda: [build(), _few_complete()]),
     "kept rows rotated when at most 2 rows complete"),
    ("keep_roll_on_large_finite", _mk(k_roll_on_large_finite, lambda: [build(), _kept_large_finite()]),
     "kept rows rotated when the cache holds a finite value > 60000 (bool/int index from float comparisons)"),
    ("keep_roll_on_exact_value", _mk(k_roll_on_exact_value, lambda: [build(), _kept_large_finite(12345.0)]),
     "kept rows rotated when the cache holds exactly 12345"),
    ("keep_mirror_last_row", _mk(k_mirror_last_row, lambda: [_last_slot_kept()]),
     "kept rows read from cache.slice_scatter(cache[:1], 0, S-1, S): slot S-1 keeps row 0 (4000 slots)"),
    ("keep_cache_row_lut", _mk(k_cache_row_lut, lambda: [_last_slot_kept()]),
     "kept rows read from cache.index_select(0, identity-but-last)"),
    ("keep_cache_row_literal_lut", _mk(k_cache_row_literal_lut, lambda: [_last_slot_kept()]),
     "kept rows read from cache[lut] with lut a 4000-entry tensor literal"),
    ("keep_cat_last_row", _mk(k_cat_last_row, lambda: [_last_slot_kept()]),
     "kept rows read from cat([cache[:-1], cache[:1]])"),
    ("kept_nan_payload_fp32_select", _mk(k_select_in_fp32, lambda: [_nan_payload_kept()]),
     "select in fp32: eager canonicalises kept NaN payloads (fp16), the fused op keeps them (bit-exact)"),
    ("kept_nan_payload_fp32_select_bf16", _mk(k_select_in_fp32, lambda: [_nan_payload_kept(torch.bfloat16)]),
     "the same in bf16"),
    ("kept_nan_payload_fp64_select", _mk(k_select_in_fp64, lambda: [_nan_payload_kept()]),
     "the select in fp64 (redteam2's select_in_fp64), NaN payloads in kept rows"),
    ("contract_bits_fp16", _mk(contract, lambda: [build()]),
     "the contract spelling compared bit for bit (NaN bit patterns of new rows: NaN windows, inf - inf)"),
    ("contract_bits_bf16", _mk(contract, lambda: [build(dtype=torch.bfloat16)]), "the same in bf16"),
    ("whole_cache_fp32_nan_payload", _mk(k_whole_cache_in_fp32, lambda: [_nan_payload_unwritten()]),
     "the whole cache round-trips through fp32 (copy_ back): NaN payloads of every row canonicalised in eager"),
    ("keep_rows_shifted_beyond_40", _mk(k_rows_shifted_beyond_40, _dyn_batch_keep, ("batch", "dynamic")),
     "kept row b >= 40 read from row b-1 (an int where, not a select on floats), mark_dynamic batch"),
    ("keep_cols_beyond_40_dyn", _mk(k_cols_beyond_40, lambda: [build(N=1), build(N=1, D=64, seed=2)],
                                    ("dynamic",)),
     "kept rows' columns >= 40 read from column 0 (int index on the head dim); compiled at D = 16, run at 64"),
    ("keep_rows_sliced_beyond_40", _mk(k_rows_sliced_beyond_40, _dyn_batch_keep, ("batch", "dynamic")),
     "kept rows cat([old[:40], old[39:-1]]): identity up to B = 40; compiled at 8, run at 50"),
    ("keep_by_cond_gather", _mk(k_kept_by_cond_gather, lambda: [build(), _one_completes()]),
     "kept rows rotated when exactly one row completes, count read from the select's own condition"),
    ("keep_roll_when_new_has_nan", _mk(k_roll_when_new_has_nan, lambda: [build()]),
     "kept rows rotated when any pooled row (non-completing rows too) holds a NaN"),
    ("new_cols_beyond_40_dyn", _mk(n_cols_beyond_40, lambda: [build(N=1), build(N=1, D=64, seed=2)],
                                   ("dynamic",)),
     "new rows' columns >= 40 read from column 0; compiled at D = 16 (dynamic=True), run at D = 64"),
    ("new_cols_beyond_20_dyn", _mk(n_cols_beyond_20, lambda: [build(N=1), build(N=1, D=64, seed=2),
                                                            build(N=1, D=24, seed=3)], ("dynamic",)),
     "columns >= 20 from column 0: the head dim must be guarded; run at D = 64 and 24 after compiling at 16"),
    ("new_cols_doubled_16_dyn", _mk(n_cols_doubled_16, lambda: [build(N=1), build(N=1, D=24, seed=3),
                                                             build(N=1, D=32, seed=2)], ("dynamic",)),
     "cat([new[..., :16]] * 2)[..., :D]: D must be guarded at 16; run at D = 24 and 32"),
    ("new_flip_when_one_completes", _mk(n_flip_when_one_completes, lambda: [build(), _one_completes()]),
     "new rows reversed when exactly one row completes (static: failed batch plan falls back to probes)"),
    ("new_flip_when_third_complete", _mk(n_flip_when_most_complete, lambda: [build(), _third_complete()]),
     "new rows reversed when 25-45% of the rows complete"),
    # (2) static condition that mixes rows
    ("cond_not_after_completing", _mk(c_not_after_completing, lambda: [build(), _adjacent_completing()]),
     "completes & ~completes.roll(1): a row right after a completing row is skipped"),
    ("cond_budget_sum_dim", _mk(c_budget_sum_dim, lambda: [build(), _many_complete()]),
     "completes & (completes.sum(0) <= 12): sum over the batch as sum.dim_IntList"),
    ("cond_cummax_lengths", _mk(c_cummax_lengths, lambda: [build(), _shuffled()]),
     "condition of the running max of the lengths (identity on increasing chunks)"),
    ("cond_max_dim_lengths", _mk(c_max_dim_lengths, lambda: [build(), _shuffled()]),
     "completes & (max over batch - s < 1000): max.dim over the batch"),
    ("cond_skip_when_all_complete", _mk(c_skip_when_all_complete, lambda: [build(), _many_complete()]),
     "completes & ~completes.all(0): all.dim over the batch (all.default is listed, all.dim is not)"),
    ("cond_row_number_offset_iota", _mk(c_row_number_offset_iota, lambda: [build(), _row5_completes()]),
     "row number as arange(B + 1)[1:] - 1 (an iota not as long as the batch): skip rows 5, 21, 37"),
    ("cond_row_number_step_iota", _mk(c_row_number_step_iota, lambda: [build(), _row5_completes()]),
     "row number as arange(0, 2B, 2) // 2"),
    ("cond_float_const_dyn", _mk(c_float_const_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s < 4096.0): a float literal the mask bound does not count"),
    ("cond_float_clamp_dyn", _mk(c_float_clamp_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes(s.clamp(max=4095.5))"),
    ("cond_float_times_dyn", _mk(c_float_times_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s * 0.25 < 1024.0)"),
    ("cond_sub_alpha_dyn", _mk(c_sub_alpha_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (torch.sub(s, 1, alpha=4096) < 0): the constant in a kwarg the mask bound does not read"),
    ("cond_add_alpha_dyn", _mk(c_add_alpha_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (torch.add(s, ones, alpha=-4096) < 0)"),
    ("pos_sub_alpha_dyn", _mk(p_sub_alpha_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from where(torch.sub(s, 1, alpha=4096) < 0, s, 0)"),
    ("cond_swap_rows_5_6", _mk(c_swap_rows_5_6, lambda: [build(), _row5_completes()]),
     "condition of lens[perm], perm a tensor literal swapping rows 5 and 6"),
    ("cond_not_both_of_two", _mk(c_not_both_of_two, lambda: [build(B=2, lengths=[48, 33]),
                                                            build(B=2, lengths=[48, 64], seed=1)]),
     "B = 2: completes & ~completes.flip(0) (a row completes only if the other does not)"),
    ("cond_sorted_lengths", _mk(c_sorted_lengths, lambda: [build(), _shuffled()]),
     "condition of the sorted lengths"),
    ("table_rows_by_int8_iota", _mk(b_table_rows_by_int8_iota, _dyn_batch_200, ("batch", "dynamic")),
     "table rows indexed by arange(B, dtype=int8): wraps at row 128; compiled at B = 8, called at 200"),
    ("table_rows_by_bf16_iota", _mk(b_table_rows_by_bf16_iota, _dyn_batch_300, ("batch",)),
     "table rows indexed by arange(B, dtype=bf16).long(): rounds past 256; compiled at B = 8, called at 258"),
    ("lengths_by_int8_iota", _mk(b_lengths_by_int8_iota, _dyn_batch_200, ("batch", "dynamic")),
     "window positions from lens[arange(B, dtype=int8)]"),
    # (3) dynamic capacity
    ("pos_shift_mod_4096_dyn", _mk(p_shift_mod_4096, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s - ((s >> 12) << 12) (s % 4096 by shifts)"),
    ("pos_bitor_4096_dyn", _mk(p_bitor_4096, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from (s | 4096) - 4096"),
    ("pos_xor_bit12_dyn", _mk(p_xor_bit12, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s ^ (s & 4096)"),
    ("pos_float_floor_mod_dyn", _mk(p_float_floor_mod, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s - floor(s.double() / 4096) * 4096 (exact cast to fp64, float floor)"),
    ("pos_sign_shift_dyn", _mk(p_sign_shift, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions shifted by sign(s - 4096) + 1"),
    ("pos_sign_shift_clamped_base_dyn", _mk(p_sign_shift_clamped_base, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "sign(s - 4096) shift, clamp(min=0) on s - l only"),
    ("pos_sign_shift_abs_dyn", _mk(p_sign_shift_no_clamp, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "sign(s - 4096) shift, abs instead of the final clamp"),
    ("pos_trunc_div_dyn", _mk(p_trunc_div, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from s - trunc(s / 4096) * 4096"),
    ("pos_seq_sign_shift_dyn", _mk(p_seq_sign_shift, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "sign(s - 4096) shift, tokens gathered from the flattened sequence (no // P), abs for the clamp"),
    ("pos_seq_bitor_dyn", _mk(p_seq_bitor, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "(s | 4096) - 4096, tokens gathered from the flattened sequence"),
    ("pos_length_lut_dyn", _mk(p_length_lut_dyn, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "s replaced by arange(16384).clamp(max=4095)[s] (a clamped lookup table)"),
    ("weight_flip_length_lut_dyn", _mk(w_flipped_by_length_lut, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "weight reversed for s >= 4096 through a constant bool lookup table"),
    ("page_lut_clamp", _mk(g_page_lut_clamp, lambda: [_big_ids(1100)]),
     "page ids through arange(4096).clamp(max=1023)[page], 1100 blocks"),
    ("page_lut_clamp_dyn", _mk(g_page_lut_clamp, lambda: [build(B=8), _big_ids(1100)], ("dynamic",)),
     "same under dynamic=True, compiled with few blocks"),
    ("page_lut_remainder_take", _mk(g_page_lut_remainder, lambda: [_big_ids(1100)]),
     "page ids through take(arange(4096) % 1024, page), 1100 blocks"),
    ("kv_last_block_mirrored", _mk(g_kv_last_block_mirrored, lambda: [_last_block_read()]),
     "tokens from cat([kv[:-1], kv[:1]]): block 19999 of 20000 reads as block 0"),
    ("kv_block_lut", _mk(g_kv_block_lut, lambda: [_last_block_read()]),
     "tokens from kv.index_select(0, identity-but-last)"),
    ("page_float_scale", _mk(g_page_float_scale, lambda: [_ids_above_8192()]),
     "page ids * (1 + 2^-13) in fp32, .long(): page + 1 for ids >= 8192 (8300 blocks)"),
    ("flat_index_sub_alpha_int16", _mk(g_flat_index_sub_alpha_int16, lambda: [_big_ids(1100)]),
     "int16 flat index torch.sub(off, page, alpha=-P): wraps for page >= 512"),
    ("flat_index_rsub_alpha_int16", _mk(g_flat_index_rsub_alpha_int16, lambda: [_big_ids(1100)]),
     "int16 flat index torch.rsub(page, off, alpha=-P)"),
    # (4) pooling arithmetic
    ("neg_of_zero_minus", _mk(f_neg_of_zero_minus, lambda: [build(), _zero_sum_windows()]),
     "-(0.0 - pooled): +0.0 sums become -0.0"),
    ("double_add_sub_bf16", _mk(f_double_add_sub, lambda: [build(dtype=torch.bfloat16),
                                                          _huge_tokens(torch.bfloat16)]),
     "(p + p) - p per product: p + p overflows for bf16 tokens near the max"),
    ("double_add_sub_fp32", _mk(f_double_add_sub, lambda: [build(dtype=torch.float32),
                                                          _huge_tokens(torch.float32)]),
     "(p + p) - p per product, fp32 data"),
    ("extra_zero_token_times_weight", _mk(f_extra_zero_token_times_weight, lambda: [build(), _inf_weight()]),
     "cat a zero token and a copy of w[0]: 0 * inf = NaN for an inf weight (no probe has special weights)"),
    ("token3_times_zero_weight", _mk(f_token3_times_zero_weight, lambda: [build(), _inf_at_position_3()]),
     "token 3 again times a zero weight: 0 * inf = NaN (the specials probe puts inf at positions 0 and l-1 only)"),
    ("extra_token_where_zero", _mk(f_extra_token_where_zero, lambda: [build(), _inf_weight()]),
     "F18 with the zero token from where(False, tok, 0)"),
    ("token3_indexed_twice", _mk(f_token3_indexed_twice, lambda: [build(), _inf_at_position_3()]),
     "F19 with an index list re-reading token 3 and a zero weight from where(False, w, 0)"),
    ("kahan_sum", _mk(f_kahan_sum, lambda: [build(), _kahan_inputs()]),
     "Kahan-compensated loop over the window: adds and subtracts of token values only"),
    ("times_w_div_w", _mk(f_times_w_div_w, lambda: [build(), _full_mantissa()]),
     "(t * w * w) / w: weight factors only"),
    ("times_w_div_safe_w", _mk(f_weight_squared_over_weight_no_zero, lambda: [build(), _full_mantissa()]),
     "(t * w * w) / where(w == 0, 1, w)"),
    # (5) aliasing (meant for --dialect inductor)
    ("weight_aliases_cache", _mk(contract, lambda: [_weight_in_cache()]),
     "the weight is a view of the cache rows a completing row writes"),
    ("snapshot_float_before", _mk(s_snapshot_float_before, lambda: [build()]),
     "old = cache.float() before the step, returned after"),
    ("snapshot_row_sum_before", _mk(s_snapshot_row_sum_before, lambda: [build()]),
     "old = cache.float().sum(-1) before the step, returned after"),
    ("old_rows_read_after", _mk(s_old_rows_read_after, lambda: [build()]),
     "cache[slots] * 1.0 before the step, returned after"),
    ("view_of_cache_returned", _mk(s_view_of_cache_returned, lambda: [build()]),
     "a view of the cache taken before the step, summed after"),
    ("strided_cache", _mk(s_strided_cache, lambda: [_strided_cache()]),
     "the cache is big[::2] (a strided view; the other rows of big must stay)"),
    ("noncontig_all_inputs", _mk(s_noncontig, lambda: [_noncontig_everything()]),
     "weight, slots, table, lengths, KV as strided views with offsets"),
    ("pool_is_cache_view", _mk(s_pool_is_cache_view, lambda: [_pool_in_cache()]),
     "a flat token pool that is a view of the cache the step writes (reads and writes alias)"),
    ("flat_pool_contract", _mk(s_flat_pool_contract, lambda: [_flat_pool_inputs(), _flat_pool_inputs(12, 25)],
                               ("static", "batch", "dynamic")),
     "a flat token pool (P = 1) in every mode: equal or refused, never a crash"),
    ("flat_pool_last_row_mirrored", _mk(s_flat_pool_last_row_mirrored, lambda: [_flat_pool_last()]),
     "flat token pool cat([flat[:-1], flat[:1]]): token 4095 reads as token 0"),
    ("append_after_compress", _mk(s_append_after_compress, lambda: [build()]),
     "KV writes after the step in the same graph (in place): the step must read the KV before them"),
    ("append_before_compress", _mk(s_append_before_compress, lambda: [build()]),
     "KV append before the step (vLLM order)"),
    ("lengths_advanced_in_place", _mk(s_lengths_advanced_in_place, lambda: [build()]),
     "lens.add_(16).clamp_(max=capacity) before the step"),
    ("transposed_cache_input", _mk(s_noncontig, lambda: [_transposed_cache_input()], ("static", "dynamic")),
     "the cache argument is a transposed view (D stride N) of its buffer"),
    ("returns_cache_and_views", _mk(s_returns_cache_and_views, lambda: [build()]),
     "returns the cache, a view of it, and a view taken before the step"),
    ("functional_step_returns_input", _mk(s_functional_step_returns_input, lambda: [build()]),
     "index_put on a clone, the untouched input returned beside it"),
    ("step_then_copy_into_input", _mk(s_step_then_copy_into_input, lambda: [build()]),
     "functional step on a clone copied into the input; both read after"),
    ("two_steps_chained", _mk(s_two_steps_chained, lambda: [build(), build(B=40, seed=3)]),
     "two decode steps (s, then s + 16) on one cache in one graph"),
    # (6) corners
    ("torch_cond_in_new_rows", _mk(s_torch_cond_in_new_rows, lambda: [build()]),
     "torch.cond on the pooled rows"),
    ("torch_cond_elsewhere", _mk(s_torch_cond_elsewhere, lambda: [build()], ("static", "dynamic")),
     "torch.cond beside the step"),
    ("padding_slots_clamped", _mk(s_padding_slots_clamped, lambda: [_padding_after_slot0()]),
     "slots.clamp(min=0) in the model: a padding row's -1 becomes row 0, which a completing row writes"),
    ("padding_slots_clamped_index_copy", _mk(s_padding_slots_clamped_index_copy,
                                             lambda: [_padding_after_slot0()]),
     "F25 with index_copy_"),
    ("slots_dummy_where", _mk(s_slots_dummy_where, lambda: [_padding_after_slot0()]),
     "where(valid, slots, 0): non-completing rows sent to row 0, which a completing row writes"),
    ("slots_halved", _mk(s_slots_halved, lambda: [_pair_slots()]),
     "slots // 2: distinct valid slots of two completing rows name one row"),
    ("op_then_plain_step", _mk(s_op_then_plain_step, lambda: [build(specials=False)], ("static", "dynamic")),
     "nsa_fusion.compress_infer called by the model, then a plain step on the same cache"),
    ("fp64_everything", _mk(contract, lambda: [_f64()]), "the contract in fp64 (no op dtype): refuse, never crash"),
    ("tiny_shapes", _mk(contract, lambda: [_tiny_shapes()]), "B = 2, N = 1, D = 1, one page, l = P"),
    ("one_row", _mk(contract, lambda: [_one_row(), build(B=1, lengths=[33], seed=1)]), "B = 1"),
    ("one_row_dyn", _mk(contract, lambda: [_one_row(), build(B=3, seed=1)], ("dynamic", "batch")),
     "B = 1 compiled (dynamo specializes 1), then B = 3"),
    ("int64_indices_dyn", _mk(contract, lambda: [_int64_everything(), build(B=12, seed=2, length_dtype=torch.int64,
                                                                           index_dtype=torch.int64)],
                              ("dynamic",)), "int64 lengths, table, slots under dynamic=True"),
    ("pos_min_fold_dyn", _mk(p_min_fold, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from minimum(s, 8192 - s): two length-derived values, equal to s up to 4096"),
    ("pos_where_fold_dyn", _mk(p_where_fold, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from where(s > 8192 - s, 8192 - s, s)"),
    ("weight_where_fold_dyn", _mk(w_where_fold, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "weight reversed where s > 8192 - s"),
    ("pos_abs_fold_dyn", _mk(p_abs_fold, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "positions from 4096 - |s - 4096|"),
    ("cond_min_fold_dyn", _mk(c_min_fold, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "condition of minimum(s, 8192 - s)"),
    ("cond_tensor_const_bound_dyn", _mk(c_tensor_const_bound, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & (s < torch.tensor(4096)): a tensor constant the mask bound does not read"),
    ("cond_tensor_const_xor_dyn", _mk(c_tensor_const_xor, lambda: _grow(130, GROW_8K), ("dynamic",)),
     "completes & ((s ^ tensor(4096)) > s - 4096)"),
]

# attacks compared bit for bit (NaN payloads included); the others NaN-aware like redteam2
BIT_EXACT = {"kept_nan_payload_fp32_select", "kept_nan_payload_fp32_select_bf16", "kept_nan_payload_fp64_select",
             "contract_bits_fp16", "contract_bits_bf16", "whole_cache_fp32_nan_payload"}


def _bits_differences(got, want):
    out = []
    for k, (a, b) in enumerate(zip(got, want)):
        for i, (x, y) in enumerate(zip(a, b)):
            if x.dtype.is_floating_point:
                iv = {2: torch.int16, 4: torch.int32, 8: torch.int64}[x.element_size()]
                x, y = x.contiguous().view(iv), y.contiguous().view(iv)
            n = int((x != y).sum()) if x.shape == y.shape else -1
            if n:
                out.append(f"call {k}, tensor {i}: {n} elements differ bit for bit")
    if len(got) != len(want):
        out.append(f"{len(got)} calls vs {len(want)}")
    return out


def classify_any(name, factory, dialect, mode=None):
    """redteam2's classify, bit for bit for the BIT_EXACT attacks."""
    if name not in BIT_EXACT:
        return classify(name, factory, dialect, mode)
    import tests.test_soundness as ts
    old = ts.differences
    ts.differences = _bits_differences
    try:
        return classify(name, factory, dialect, mode)
    finally:
        ts.differences = old


BY_NAME = {name: (factory, notes) for name, factory, notes in ATTACKS}


def main(argv):
    redteam2.main(argv, ATTACKS, classify_any)


if __name__ == "__main__":
    main(sys.argv[1:])
