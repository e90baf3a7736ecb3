"""Inputs for blind corpus #11, written for it (same signature as the other corpora's generators).

``make_inputs(B, N, D, l, d, P, pages_per_seq, dtype, seed, qualifying=None, min_len=0)`` returns a dict with
``kv_pages`` [num_blocks, P, N, D], ``weight`` [l, N], ``slot_mapping`` [B] int64, ``block_table``
[B, pages_per_seq] int32, ``seq_lens`` [B] int32 and ``cache`` [num_slots, N, D].

Valid input (docs/contract.md), chosen to make mistakes visible:

* the last row is a CUDA-graph padding row: length 0, slot -1 (row num_slots - 1, which no other row names),
  block-table row all -1;
* lengths mix windows that complete (``l``, the capacity, one above 127) and ones that do not (``l - 1``,
  ``l + 1``, ``l - d`` where ``d < l``, 0);
* page ids 128 and up (at least 164 pages) and 300 cache rows with slots above 127 (narrowing casts bite);
* NaN / inf / -0.0 / subnormal tokens inside completing windows and NaN outside; kept and written cache rows
  poisoned with NaN / inf / -0.0; one -0.0 and one subnormal weight.
"""
from __future__ import annotations

import os
import sys

import torch

_TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS not in sys.path:
    sys.path.append(_TESTS)


def qualifies(s: int, l: int, d: int) -> bool:
    return s >= l and (s - l) % d == 0


def _lengths(B, l, d, cap, qualifying, min_len, g):
    cap_q = l + ((cap - l) // d) * d
    big_q = l + ((max(128 - l, 0) + d - 1) // d) * d
    if big_q > cap:
        big_q = cap_q
    q = [l, cap_q, big_q, l + d if l + d <= cap else l]
    nq = [l + 1, l - 1, (l - d) if d < l else 3, cap - 1 if not qualifies(cap - 1, l, d) else l + 2]
    if qualifying is True:
        pool = q * B
    elif qualifying is False:
        pool = nq * B
    else:
        pool = [q[0], nq[0], q[1], nq[1], q[2], nq[2], q[3], nq[3]] * B
    lens = pool[: B - 1]
    lens = [max(v, min_len) for v in lens]
    perm = torch.randperm(B - 1, generator=g).tolist()
    lens = [lens[i] for i in perm]
    return lens + [max(0, min_len)]  # padding row last


def make_inputs(B, N, D, l, d, P, pages_per_seq, dtype, seed, qualifying=None, min_len=0):
    g = torch.Generator().manual_seed(1000 + seed)
    cap = pages_per_seq * P
    n_pool = max(32, B * pages_per_seq)
    num_blocks = 128 + n_pool + 4
    num_slots = max(4 * B, 300)
    kv = torch.randn(num_blocks, P, N, D, generator=g).to(dtype)
    weight = (torch.randn(l, N, generator=g) * 0.25).to(dtype)
    weight[1, 0] = -0.0
    weight[2, N - 1] = 6e-8 if dtype == torch.float16 else 1e-39
    # distinct pages, all ids >= 128 (so int8 page ids wrap); ids below 128 are pages nobody owns
    perm = 128 + torch.randperm(n_pool, generator=g)[: B * pages_per_seq]
    bt = perm.view(B, pages_per_seq).to(torch.int32)
    lens = _lengths(B, l, d, cap, qualifying, min_len, g)
    slots = torch.randperm(num_slots - 1, generator=g)[:B].to(torch.int64)
    if not bool((slots[: B - 1] > 127).any()):
        slots[0] = 250
    slots[B - 1] = -1
    bt[B - 1] = -1
    lens_t = torch.tensor(lens, dtype=torch.int32)
    cache = torch.randn(num_slots, N, D, generator=g).to(dtype)
    cache[num_slots - 1] = float("nan")
    done = [b for b in range(B) if qualifies(lens[b], l, d)]
    kept = [b for b in range(B - 1) if not qualifies(lens[b], l, d)]
    for i, b in enumerate(kept):  # kept rows: NaN, inf, -0.0
        cache[int(slots[b])] = [float("nan"), float("inf"), -0.0][i % 3]
    if done:
        cache[int(slots[done[-1]]), 0] = float("nan")  # a written row's old value
    specials = [float("nan"), float("inf"), -0.0, 3e-6 if dtype == torch.float16 else 1e-38, -float("inf")]
    for i, b in enumerate(done):
        s = lens[b]
        p = s - l + (3 * i + 1) % l
        page = int(bt[b, p // P])
        kv[page, p % P, i % N, (5 * i) % D] = specials[i % len(specials)]
        # NaN beyond the end of the sequence (never read) where that position has a page
        if s < cap:
            kv[int(bt[b, s // P]), s % P, 0, 0] = float("nan")
    return {"kv_pages": kv, "weight": weight, "slot_mapping": slots, "block_table": bt, "seq_lens": lens_t,
            "cache": cache}


def golden(x, l, d, P, weight=None):
    from golden import golden_compress_infer

    return golden_compress_infer(x["kv_pages"], x["weight"] if weight is None else weight, x["slot_mapping"], l, d,
                                 P, block_table=x["block_table"], actual_seq_len=x["seq_lens"], cache=x["cache"])
