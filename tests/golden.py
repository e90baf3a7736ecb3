"""Independent golden for the NSA compression step, written from the contract (docs/contract.md) alone.

A deliberately slow per-batch, per-position loop in numpy.  It shares no code with
``nsa_fusion.reference`` or any kernel, so a bug in either cannot hide here.

Accumulation order is fixed: j = 0 .. l-1, ``acc = acc + float32(w[j, h]) * float32(x_j[h, :])``
with the product rounded to fp32 before the add (no FMA), then one round-to-nearest-even to the
cache dtype.  Kernels that follow the same order are bit-exact against it.
"""
from __future__ import annotations

import numpy as np
import torch


def _to_f32(t: torch.Tensor) -> np.ndarray:
    return t.detach().to(torch.float32).cpu().numpy()


def _round_f32_to_bf16_bits(a: np.ndarray) -> np.ndarray:
    """fp32 -> bf16 with round-to-nearest-even, returned as fp32 values (bf16 is a prefix of fp32)."""
    bits = a.astype(np.float32).view(np.uint32).astype(np.uint64)
    lsb = (bits >> 16) & 1
    rounded = ((bits + 0x7FFF + lsb) >> 16) << 16
    out = rounded.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(a), a, out)


def round_to(a: np.ndarray, dtype: torch.dtype) -> np.ndarray:
    """Round an fp32 array once to ``dtype`` (RNE); returns values as float32."""
    if dtype == torch.float32:
        return a.astype(np.float32)
    if dtype == torch.float16:
        return a.astype(np.float16).astype(np.float32)
    if dtype == torch.bfloat16:
        return _round_f32_to_bf16_bits(a)
    raise TypeError(f"golden: unsupported dtype {dtype}")


def golden_compress_infer(input, weight, slot_mapping, l, d, P, *, block_table, actual_seq_len, cache):
    """Return the expected new cache as a new tensor (inputs are not modified)."""
    x = _to_f32(input)  # [block_num, P, N, D]
    w = _to_f32(weight)  # [l, N]
    out = _to_f32(cache).copy()  # [slots, N, D]
    bt = block_table.detach().cpu().numpy().astype(np.int64)
    slots = slot_mapping.detach().cpu().numpy().astype(np.int64)
    if isinstance(actual_seq_len, torch.Tensor):
        lens = [int(v) for v in actual_seq_len.detach().cpu().tolist()]
    else:
        lens = [int(v) for v in actual_seq_len]
    n_heads = w.shape[1]
    for b, s in enumerate(lens):
        if s < l or (s - l) % d != 0:
            continue
        for h in range(n_heads):
            acc = np.zeros(x.shape[-1], dtype=np.float32)
            for j in range(l):
                p = s - l + j
                page = bt[b, p // P]
                token = x[page, p % P, h, :]
                prod = (np.float32(w[j, h]) * token).astype(np.float32)
                acc = (acc + prod).astype(np.float32)
            out[slots[b], h, :] = round_to(acc, cache.dtype)
    return torch.from_numpy(out).to(cache.dtype)


def qualifies(s: int, l: int, d: int) -> bool:
    return s >= l and (s - l) % d == 0
