"""Slow, loop-based reference of the NSA compress-infer decode step (written from CONTRACT.md only),
plus a generator of random valid inputs.

Contract, for each batch row b with s = seq_lens[b]:
  if s >= l and (s - l) % d == 0:
      token(p) = kv_pages[block_table[b, p // P], p % P]            p = s-l .. s-1
      cache[slot_mapping[b], h, :] = round( sum_j f32(weight[j, h]) * f32(token(s-l+j)[h, :]) )
  otherwise nothing is written; rows of cache not named by a qualifying row are never written.
"""
from __future__ import annotations

import math

import torch


def qualifies(s: int, l: int, d: int) -> bool:
    return s >= l and (s - l) % d == 0


def golden_compress(kv_pages, weight, slot_mapping, block_table, seq_lens, cache, l, d, P):
    """Returns a NEW cache (the argument is not touched). fp32 accumulation in j order, one rounding."""
    out = cache.clone()
    w32 = weight.to(torch.float32)
    B = int(slot_mapping.shape[0])
    N, D = kv_pages.shape[2], kv_pages.shape[3]
    for b in range(B):
        s = int(seq_lens[b])
        if not qualifies(s, l, d):
            continue
        acc = torch.zeros(N, D, dtype=torch.float32)
        for j in range(l):
            p = s - l + j
            page = int(block_table[b, p // P])
            tok = kv_pages[page, p % P].to(torch.float32)          # [N, D]
            prod = w32[j].unsqueeze(-1) * tok                        # fp32 product (rounded once)
            acc = acc + prod                                         # fp32 add (rounded once)
        out[int(slot_mapping[b])] = acc.to(cache.dtype)             # the single rounding to dtype
    return out


def exact_reference(kv_pages, weight, slot_mapping, block_table, seq_lens, cache, l, d, P):
    """fp64 value of the exact sum and S = sum_j |w_j * x_j| for every written row.

    Returns (rows, exact64 [R, N, D], S [R, N, D]) with rows = the cache slots that the contract writes."""
    rows, ex, mag = [], [], []
    w64 = weight.to(torch.float64)
    for b in range(int(slot_mapping.shape[0])):
        s = int(seq_lens[b])
        if not qualifies(s, l, d):
            continue
        acc = torch.zeros(kv_pages.shape[2], kv_pages.shape[3], dtype=torch.float64)
        sm = torch.zeros_like(acc)
        for j in range(l):
            p = s - l + j
            tok = kv_pages[int(block_table[b, p // P]), p % P].to(torch.float64)
            t = w64[j].unsqueeze(-1) * tok
            acc += t
            sm += t.abs()
        rows.append(int(slot_mapping[b]))
        ex.append(acc)
        mag.append(sm)
    if not rows:
        z = torch.zeros(0, kv_pages.shape[2], kv_pages.shape[3], dtype=torch.float64)
        return [], z, z
    return rows, torch.stack(ex), torch.stack(mag)


def golden_append(kv_pages, new_token, weight, slot_mapping, block_table, seq_lens, cache, l, d, P):
    """Append variant: write new_token[b] at position seq_lens[b]-1 of batch b, then the contract step.
    Returns (new_kv_pages, new_cache); arguments untouched."""
    kv = kv_pages.clone()
    for b in range(int(slot_mapping.shape[0])):
        p = int(seq_lens[b]) - 1
        kv[int(block_table[b, p // P]), p % P] = new_token[b]
    return kv, golden_compress(kv, weight, slot_mapping, block_table, seq_lens, cache, l, d, P)


def _pick_lengths(B, l, d, P, T, flags, gen, min_len):
    qual = [s for s in range(l, T + 1) if (s - l) % d == 0]
    nonq = [s for s in range(min_len, T + 1) if not qualifies(s, l, d)]
    if any(flags) and not qual:
        raise ValueError("no qualifying length fits in pages_per_seq * P")

    def rnd(seq):
        return seq[int(torch.randint(len(seq), (1,), generator=gen))]

    crossing = [s for s in qual if (s - l) // P != (s - 1) // P]   # window spans two or more pages
    q_special = [l]
    if crossing:
        q_special.append(rnd(crossing))
    q_special.append(qual[-1])
    n_special = [s for s in (l + 1, l - 1, min_len, l + d - 1, l + d + 1, T - 1, 1) if s in nonq]
    lens, qi, ni = [], 0, 0
    for f in flags:
        if f:
            lens.append(q_special[qi] if qi < len(q_special) else rnd(qual))
            qi += 1
        else:
            lens.append(n_special[ni] if ni < len(n_special) else rnd(nonq))
            ni += 1
    return lens



def make_inputs(B, N, D, l, d, P, pages_per_seq, dtype, seed, qualifying=None, min_len=0, poison=True):
    """Random valid inputs.

    qualifying: None (about half the rows), an int (that many rows qualify) or a sequence of B bools.
    min_len: smallest sequence length produced (use 1 for the append variant).
    poison: fill unreferenced pages with NaN, and put NaN/Inf into some cache rows (named by qualifying
            rows, named by non-qualifying rows, and not named at all).
    Returns a dict with kv_pages, weight, slot_mapping, block_table, seq_lens, cache (and 'qualifies', a
    list of bools)."""
    gen = torch.Generator().manual_seed(seed)
    T = pages_per_seq * P
    if qualifying is None:
        nq = (B + 1) // 2
        flags = [True] * nq + [False] * (B - nq)
    elif isinstance(qualifying, int):
        flags = [True] * qualifying + [False] * (B - qualifying)
    else:
        flags = [bool(x) for x in qualifying]
        assert len(flags) == B
    lens = _pick_lengths(B, l, d, P, T, flags, gen, min_len)
    order = torch.randperm(B, generator=gen).tolist()
    lens = [lens[i] for i in order]
    flags = [flags[i] for i in order]

    spare = 3
    num_blocks = B * pages_per_seq + spare
    perm = torch.randperm(num_blocks, generator=gen)
    block_table = perm[: B * pages_per_seq].view(B, pages_per_seq).to(torch.int32).contiguous()
    kv_pages = torch.randn(num_blocks, P, N, D, generator=gen).to(dtype)
    if poison:
        kv_pages[perm[B * pages_per_seq:]] = float("nan")
    weight = torch.randn(l, N, generator=gen).to(dtype)

    num_slots = 2 * B + 3
    slots = torch.randperm(num_slots, generator=gen)
    slot_mapping = slots[:B].to(torch.int32).contiguous()
    cache = torch.randn(num_slots, N, D, generator=gen).to(dtype)
    if poison:
        q_rows = [int(slot_mapping[b]) for b in range(B) if flags[b]]
        n_rows = [int(slot_mapping[b]) for b in range(B) if not flags[b]]
        free = [int(x) for x in slots[B:]]
        if q_rows:
            cache[q_rows[0]] = float("nan")
        if len(q_rows) > 1:
            cache[q_rows[1], 0] = float("inf")
        if n_rows:
            cache[n_rows[0]] = float("nan")
        if len(n_rows) > 1:
            cache[n_rows[1]] = float("-inf")
        cache[free[0]] = float("nan")
        cache[free[1]] = float("inf")
    seq_lens = torch.tensor(lens, dtype=torch.int32)
    return dict(kv_pages=kv_pages.contiguous(), weight=weight, slot_mapping=slot_mapping,
                block_table=block_table, seq_lens=seq_lens, cache=cache.contiguous(), qualifies=flags)
