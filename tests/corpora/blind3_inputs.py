"""Inputs and loop golden for the blind3 corpus: the same generator as blind2_inputs (it is not matcher-specific; kept as a copy so each corpus is self-contained).

Slow, loop-based reference of the NSA compress-infer decode step, written from CONTRACT.md.

For each batch row b with s = seq_lens[b]:
  if s >= l and (s - l) % d == 0:
      positions p = s-l .. s-1, token(p) = kv_pages[block_table[b, p // P], p % P]   ([N, D])
      cache[slot_mapping[b], h, :] = round( sum_j f32(weight[j, h]) * f32(token_j[h, :]) )
  otherwise nothing is written.  Rows not named by a qualifying batch are never written.
"""
import math

import torch


def qualifies(s, l, d):
    return s >= l and (s - l) % d == 0


def golden_full(kv_pages, weight, slot_mapping, block_table, seq_lens, cache, l, d, P):
    """Returns (new_cache, values_f32, absref, written) where
    new_cache  : a fresh tensor = cache after the op (the argument is not touched),
    values_f32 : [num_slots, N, D] float32, the unrounded fp32 sums in the written rows (0 elsewhere),
    absref     : [num_slots, N, D] float32, sum_j |w_j * x_j| in the written rows (error scale),
    written    : [num_slots] bool, rows that the op writes."""
    num_slots, N, D = cache.shape
    out = cache.clone()
    vals = torch.zeros(num_slots, N, D, dtype=torch.float32)
    absref = torch.zeros(num_slots, N, D, dtype=torch.float32)
    written = torch.zeros(num_slots, dtype=torch.bool)
    B = seq_lens.shape[0]
    for b in range(B):
        s = int(seq_lens[b])
        if not qualifies(s, l, d):
            continue
        acc = torch.zeros(N, D, dtype=torch.float32)
        aacc = torch.zeros(N, D, dtype=torch.float32)
        for j in range(l):
            p = s - l + j
            page = int(block_table[b, p // P])
            tok = kv_pages[page, p % P].to(torch.float32)          # [N, D]
            w = weight[j].to(torch.float32)[:, None]               # [N, 1]
            prod = w * tok
            acc = acc + prod
            aacc = aacc + prod.abs()
        slot = int(slot_mapping[b])
        out[slot] = acc.to(cache.dtype)
        vals[slot] = acc
        absref[slot] = aacc
        written[slot] = True
    return out, vals, absref, written


def golden(kv_pages, weight, slot_mapping, block_table, seq_lens, cache, l, d, P):
    """Contract semantics, out of place: returns the updated copy of cache."""
    return golden_full(kv_pages, weight, slot_mapping, block_table, seq_lens, cache, l, d, P)[0]


def golden_append(kv_pages, new_token, weight, slot_mapping, block_table, seq_lens, cache, l, d, P):
    """Append variant: write new_token[b] at position seq_lens[b]-1 of the paged KV, then compress.
    Returns (new_kv_pages, new_cache, values_f32, absref, written); the arguments are not touched."""
    kv = kv_pages.clone()
    for b in range(seq_lens.shape[0]):
        p = int(seq_lens[b]) - 1
        kv[int(block_table[b, p // P]), p % P] = new_token[b]
    out, vals, absref, written = golden_full(kv, weight, slot_mapping, block_table, seq_lens, cache, l, d, P)
    return kv, out, vals, absref, written


def _role_lengths(roles, l, d, P, max_len, min_len, g):
    """Pick a length for every role: 'Q' qualifying, 'N' non-qualifying with s >= l, 'S' short (s < l)."""
    def randint(lo, hi):  # inclusive
        return int(torch.randint(lo, hi + 1, (1,), generator=g))

    lens = []
    nq = roles.count("Q")
    q_seen = 0
    s_seen = 0
    kmin = max(0, math.ceil((min_len - l) / d))
    kmax = (max_len - l) // d
    for r in roles:
        if r == "Q":
            if nq >= 2 and q_seen == 0:
                k = kmin                       # s == l (when min_len allows): window at the very start
            elif nq >= 3 and q_seen == 1:
                k = kmax                       # window ending at the last slot of the last page
            else:
                k = randint(kmin, kmax)
            q_seen += 1
            lens.append(l + k * d)
        elif r == "N":
            while True:
                k = randint(kmin, kmax)
                rr = randint(1, d - 1)
                s = l + k * d + rr
                if min_len <= s <= max_len:
                    break
            lens.append(s)
        else:  # short
            if s_seen == 0 and l - d >= min_len:
                s = l - d                      # a multiple of the stride below l (must NOT qualify)
            elif s_seen == 1:
                s = min_len
            else:
                s = randint(min_len, l - 1)
            s_seen += 1
            lens.append(s)
    return lens


def make_inputs(B, N, D, l, d, P, pages_per_seq, dtype, seed, qualifying=None, min_len=0):
    """Random valid inputs for the decode step.

    qualifying: None  -> a mix of qualifying rows, non-qualifying rows with s >= l and short rows (s < l);
                int k -> exactly k qualifying rows, the others alternate non-qualifying / short;
                list/tuple of bools (length B) -> True rows qualify, False rows alternate non-qualifying / short.
    min_len   : lower bound of every length (e.g. 1 for the append variant); short rows use [min_len, l-1].
    Cache rows the op must not write contain NaN / +-Inf; the target row of one qualifying batch is NaN too.
    kv positions at or past each sequence's length and pages no sequence owns hold NaN (stale memory)."""
    g = torch.Generator().manual_seed(seed)
    max_len = pages_per_seq * P
    assert l <= max_len
    can_short = min_len < l
    can_nonq = d > 1

    def fill(n_other):
        other = []
        kinds = ([("N" if can_nonq else "S"), ("S" if can_short else "N")])
        for i in range(n_other):
            other.append(kinds[i % 2])
        return other

    if qualifying is None:
        roles = ["Q"] + (["S"] if can_short else ["Q"]) + (["N"] if can_nonq else ["Q"])
        roles = roles[:B]
        while len(roles) < B:
            pick = int(torch.randint(0, 3, (1,), generator=g))
            r = "QSN"[pick]
            if (r == "S" and not can_short) or (r == "N" and not can_nonq):
                r = "Q"
            roles.append(r)
        perm = torch.randperm(B, generator=g).tolist()
        roles = [roles[i] for i in perm]
    elif isinstance(qualifying, int):
        roles = ["Q"] * qualifying + fill(B - qualifying)
    else:
        assert len(qualifying) == B
        others = iter(fill(B))
        roles = ["Q" if q else next(others) for q in qualifying]
    if ("S" in roles and not can_short) or ("N" in roles and not can_nonq):
        raise ValueError("cannot build the requested rows with these l, d, min_len")

    lens = _role_lengths(roles, l, d, P, max_len, min_len, g)
    seq_lens = torch.tensor(lens, dtype=torch.int32)

    num_blocks = B * pages_per_seq + 5
    block_table = torch.randperm(num_blocks, generator=g)[: B * pages_per_seq].view(B, pages_per_seq)
    block_table = block_table.to(torch.int32).contiguous()

    kv_pages = torch.randn(num_blocks, P, N, D, generator=g).to(dtype)
    # stale memory: pages nobody owns and positions at/after each sequence's length
    owned = torch.zeros(num_blocks, dtype=torch.bool)
    owned[block_table.long().flatten()] = True
    kv_pages[~owned] = float("nan")
    for b, s in enumerate(lens):
        if s < max_len:
            kv_pages[int(block_table[b, s // P]), s % P] = float("nan")
        if s + 1 < max_len:
            kv_pages[int(block_table[b, (s + 1) // P]), (s + 1) % P, 0, 0] = float("inf")

    weight = (torch.randn(l, N, generator=g) / math.sqrt(l)).to(dtype)

    num_slots = 2 * B + 4
    slot_mapping = torch.randperm(num_slots, generator=g)[:B].to(torch.int32)
    cache = torch.randn(num_slots, N, D, generator=g).to(dtype)
    # poison: a qualifying target row (fully NaN), a non-qualifying target row, and rows nobody names
    q_rows = [b for b, r in enumerate(roles) if r == "Q"]
    nq_rows = [b for b, r in enumerate(roles) if r != "Q"]
    if q_rows:
        cache[int(slot_mapping[q_rows[0]])] = float("nan")
    if nq_rows:
        row = int(slot_mapping[nq_rows[0]])
        cache[row, 0, :2] = float("nan")
        cache[row, -1, -1] = float("inf")
        cache[row, 0, -1] = float("-inf")
    named = set(int(x) for x in slot_mapping)
    free = [i for i in range(num_slots) if i not in named]
    cache[free[0]] = float("nan")
    cache[free[1], :, ::3] = float("-inf")
    cache[free[2], 0, 0] = -0.0

    return dict(kv_pages=kv_pages, weight=weight, slot_mapping=slot_mapping, block_table=block_table,
                seq_lens=seq_lens, cache=cache)


def make_append_inputs(B, N, D, l, d, P, pages_per_seq, dtype, seed, qualifying=None, min_len=1):
    """make_inputs (lengths >= 1) plus new_token [B, N, D]; seq_lens already counts the new token."""
    inp = make_inputs(B, N, D, l, d, P, pages_per_seq, dtype, seed, qualifying, max(1, min_len))
    g = torch.Generator().manual_seed(seed + 7919)
    inp["new_token"] = torch.randn(B, N, D, generator=g).to(dtype)
    return inp
