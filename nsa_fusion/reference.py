"""The NSA compression step in plain torch — the eager debugging path and the contract's reference.

Written the way a model author writes it (torch_npu's own golden, the first formulation of
``nsa_fusion/testing/formulations.py``): paged gather of the last ``l`` tokens, fp32 weighted sum
over the window, one rounding, masked in-place write of one row per batch::

    pos    = s - l + arange(l)                      # [B, l] token positions of the window
    tokens = input[block_table.gather(1, pos // P), pos % P]     # [B, l, N, D]
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(1).to(dtype)
    valid  = (s >= l) & ((s - l) % d == 0)
    cache.index_put_((slots,), where(valid, pooled, cache[slots]))

Graph-capture safe: no ``.item()``/``.tolist()``, no branching on tensor values, fixed shapes.  This
is also what the fusion pass recognises, so compiling a model that calls it fuses to the fused op.

Padding slots: like any plain-torch spelling, it writes a row for every batch (non-qualifying ones
rewrite their slot with its own value), so a padding slot must lie in the cache and must not alias
a slot written in the same call; the fused op has neither restriction (README, "The op contract").
"""
from __future__ import annotations

import torch

from ._validation import Lengths, check_signature, lengths_tensor

__all__ = ["compress_infer"]


def compress_infer(input: torch.Tensor, weight: torch.Tensor, slot_mapping: torch.Tensor,
                   compress_block_size: int, compress_stride: int, page_block_size: int, *,
                   block_table: torch.Tensor | None = None, actual_seq_len: Lengths | None = None,
                   cache: torch.Tensor) -> torch.Tensor:
    """Plain-torch ``npu_nsa_compress_infer``: updates ``cache`` in place and returns it."""
    check_signature(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                    block_table, actual_seq_len, cache)
    l, d, P = compress_block_size, compress_stride, page_block_size
    lengths = lengths_tensor(actual_seq_len, input.device)
    slots = slot_mapping.long()

    positions = lengths[:, None] - l + torch.arange(l, device=input.device)  # [B, l]
    positions = positions.clamp(min=0)  # short sequences: any in-range index, the row is masked out
    pages = block_table.gather(1, positions // P)  # [B, l] page id of each position
    tokens = input[pages, positions % P]  # [B, l, N, D]
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)  # [B, N, D]

    valid = (lengths >= l) & ((lengths - l) % d == 0)
    new_rows = torch.where(valid[:, None, None], pooled, cache[slots])
    cache.index_put_((slots,), new_rows)
    return cache
