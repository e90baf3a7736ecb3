"""Argument checks for the NSA compression op (docs/contract.md, "Bad input").

Two levels, because a compiled graph must never sync with the host:

* :func:`check_signature` looks only at ranks, shapes, dtypes and Python ints.  It runs at trace time
  on fake tensors (from the fake kernel and the eager entry) and costs nothing per decode step.
* :func:`check_values` reads tensor *values* (lengths vs. capacity, page ids, slot ids, uniqueness).
  It runs in eager calls of :func:`nsa_fusion.compress_infer` unless turned off with
  ``NSA_FUSION_CHECK_VALUES=0`` or :func:`set_value_checks`.  The op's kernels additionally bounds-check
  the indices they actually read (memory safety), before writing anything.

Every failure names the argument, the rule and the offending value; nothing is written on failure
because all checks run before the kernel.

:func:`npu_supports` is separate: the vendor kernel's limits are not errors for the portable op, they
only decide whether the NPU lowering may fire.
"""
from __future__ import annotations

import os
from typing import Sequence, Union

import numpy as np
import torch

Lengths = Union[Sequence[int], torch.Tensor]

FLOAT_DTYPES = (torch.float16, torch.bfloat16, torch.float32)
INDEX_DTYPES = (torch.int32, torch.int64)

_value_checks = os.environ.get("NSA_FUSION_CHECK_VALUES", "1") != "0"


def set_value_checks(enabled: bool) -> bool:
    """Turn the eager value checks on or off; returns the previous setting."""
    global _value_checks
    previous, _value_checks = _value_checks, bool(enabled)
    return previous


def value_checks_enabled() -> bool:
    return _value_checks


def _require_tensor(name: str, t) -> None:
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")


def _require_int(name: str, v) -> None:
    if isinstance(v, bool) or not isinstance(v, (int, torch.SymInt)):
        raise TypeError(f"{name} must be an int, got {type(v).__name__}")


def check_signature(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                    block_table, actual_seq_len, cache) -> None:
    """Shape/dtype/int checks; safe on fake tensors and under tracing (no tensor values read)."""
    for name, t in (("input", input), ("weight", weight), ("slot_mapping", slot_mapping), ("cache", cache)):
        _require_tensor(name, t)
    if block_table is None:
        raise ValueError("block_table is required: the portable op only supports the paged layout "
                         "input[block_num, page_block_size, N, D]")
    _require_tensor("block_table", block_table)
    if actual_seq_len is None:
        raise ValueError("actual_seq_len is required (a list of ints or an int tensor of shape [B])")
    for name, v in (("compress_block_size", compress_block_size), ("compress_stride", compress_stride),
                    ("page_block_size", page_block_size)):
        _require_int(name, v)
        if v <= 0:
            raise ValueError(f"{name} must be positive, got {v}")
    l, d, P = compress_block_size, compress_stride, page_block_size
    if l < d:
        raise ValueError(f"compress_block_size must be >= compress_stride, got {l} < {d}")

    if input.dim() != 4:
        raise ValueError(f"input must have rank 4 [block_num, page_block_size, N, D], got shape {tuple(input.shape)}")
    block_num, page, N, D = input.shape
    if page != P:
        raise ValueError(f"input.shape[1] must equal page_block_size ({P}), got {page}")
    if input.dtype not in FLOAT_DTYPES:
        raise TypeError(f"input must be float16, bfloat16 or float32, got {input.dtype}")
    if weight.dim() != 2 or tuple(weight.shape) != (l, N):
        raise ValueError(f"weight must have shape [compress_block_size, N] = [{l}, {N}], got {tuple(weight.shape)}")
    if cache.dim() != 3 or tuple(cache.shape[1:]) != (N, D):
        raise ValueError(f"cache must have shape [num_slots, N, D] = [*, {N}, {D}], got {tuple(cache.shape)}")
    for name, t in (("weight", weight), ("cache", cache)):
        if t.dtype != input.dtype:
            raise TypeError(f"{name} must have the dtype of input ({input.dtype}), got {t.dtype}")
    if slot_mapping.dim() != 1:
        raise ValueError(f"slot_mapping must have rank 1 [B], got shape {tuple(slot_mapping.shape)}")
    B = slot_mapping.shape[0]
    if slot_mapping.dtype not in INDEX_DTYPES:
        raise TypeError(f"slot_mapping must be int32 or int64, got {slot_mapping.dtype}")
    if block_table.dim() != 2 or block_table.shape[0] != B:
        raise ValueError(f"block_table must have shape [B, max_pages] with B = len(slot_mapping) = {B}, "
                         f"got {tuple(block_table.shape)}")
    if block_table.shape[1] == 0:
        raise ValueError("block_table must have at least one page column (max_pages >= 1), got shape "
                         f"{tuple(block_table.shape)}")
    if block_table.dtype not in INDEX_DTYPES:
        raise TypeError(f"block_table must be int32 or int64, got {block_table.dtype}")
    if isinstance(actual_seq_len, torch.Tensor):
        if actual_seq_len.dim() != 1 or actual_seq_len.shape[0] != B:
            raise ValueError(f"actual_seq_len must have shape [B] = [{B}], got {tuple(actual_seq_len.shape)}")
        if actual_seq_len.dtype not in INDEX_DTYPES:
            raise TypeError(f"actual_seq_len must be an int32 or int64 tensor, got {actual_seq_len.dtype}")
    else:
        if not isinstance(actual_seq_len, (list, tuple)):
            raise TypeError(f"actual_seq_len must be a list of ints or an int tensor, got {type(actual_seq_len).__name__}")
        if len(actual_seq_len) != B:
            raise ValueError(f"actual_seq_len must have B = {B} entries, got {len(actual_seq_len)}")
        for s in actual_seq_len:
            _require_int("actual_seq_len[i]", s)
    for name, t in (("input", input), ("weight", weight), ("slot_mapping", slot_mapping),
                    ("block_table", block_table), ("cache", cache)):
        if t.device != input.device:
            raise ValueError(f"{name} must be on the device of input ({input.device}), got {t.device}")


def lengths_tensor(actual_seq_len: Lengths, device) -> torch.Tensor:
    """actual_seq_len as an int tensor on ``device`` (a list is converted; a tensor is kept as is)."""
    if isinstance(actual_seq_len, torch.Tensor):
        return actual_seq_len if actual_seq_len.device == torch.device(device) else actual_seq_len.to(device)
    return torch.tensor(list(actual_seq_len), dtype=torch.int64, device=device)


def qualifying_mask(lengths: torch.Tensor, l: int, d: int) -> torch.Tensor:
    """The contract's condition (docs/contract.md): a window just completed, ``s >= l and (s - l) % d == 0``."""
    return (lengths >= l) & (torch.remainder(lengths - l, d) == 0)


def _host(t: torch.Tensor) -> np.ndarray:
    """A host view of an index tensor (zero-copy on CPU; one device-to-host copy elsewhere)."""
    return t.detach().cpu().numpy()


def check_values(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                 block_table, lengths: torch.Tensor, cache) -> None:
    """Value checks (host reads).  Eager/debug only; see module docstring.

    Vectorised numpy over host views of the index tensors, touching only the rows that are written:
    about ten array operations whatever B is, so the checked eager call costs little more than the
    kernel (``python -m nsa_fusion bench`` reports both)."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    capacity = block_table.shape[1] * P
    lens = _host(lengths).astype(np.int64, copy=False)
    if lens.size and lens.min() < 0:
        b = int(np.argmax(lens < 0))
        raise ValueError(f"actual_seq_len must be >= 0, got actual_seq_len[{b}] = {int(lens[b])}")
    if lens.size and lens.max() > capacity:
        b = int(np.argmax(lens > capacity))
        raise ValueError(f"actual_seq_len[{b}] = {int(lens[b])} exceeds the block table's capacity "
                         f"max_pages * page_block_size = {block_table.shape[1]} * {P} = {capacity}")
    q = check_window_indices(input, l, d, P, block_table, lengths, slot_mapping, cache.shape[0])
    if q.size > 1:
        q_slots = np.sort(_host(slot_mapping)[q])
        dups = q_slots[1:][q_slots[1:] == q_slots[:-1]]
        if dups.size:
            raise ValueError(f"slot_mapping values of the rows whose window completes must be unique; slot "
                             f"{int(dups[0])} appears more than once")
    if q.size and q.size < lens.size:
        # a padding slot that names a written row (slot -1 is row num_slots - 1 to Python indexing):
        # eager code that writes every row (cache[slots] = where(valid, new, cache[slots])) writes that
        # row twice and keeps the padding row's old value; the op writes it once (docs/contract.md)
        n_slots = cache.shape[0]
        slots_h = _host(slot_mapping).astype(np.int64)
        pad = np.setdiff1d(np.arange(lens.size), q)
        pad_slots = slots_h[pad]
        in_range = (pad_slots >= -n_slots) & (pad_slots < n_slots)
        alias = in_range & np.isin(pad_slots % n_slots, slots_h[q])
        if alias.any():
            b = int(pad[np.argmax(alias)])
            raise ValueError(f"slot_mapping[{b}] = {int(slots_h[b])} is a padding slot (its window does not complete) "
                             f"that names cache row {int(slots_h[b]) % n_slots}, which another row writes: padding "
                             "slots must not alias written rows")


def check_window_indices(input, l, d, P, block_table, lens, slots, num_slots) -> np.ndarray:
    """Bounds-check exactly what a kernel will dereference: the slots and the window page ids of the
    qualifying rows (memory safety for the pure-torch CPU kernel; the native one checks in C++).
    Returns those rows.  Only rows whose window completes are written, and only their slots and pages
    are read, by every kernel including the vendor's: other rows may hold padding, e.g. vLLM's slot -1
    or a shared dummy slot."""
    lens = _host(lens).astype(np.int64, copy=False)
    q = np.flatnonzero((lens >= l) & ((lens - l) % d == 0))
    _check_written_rows(input.shape[0], num_slots, l, P, _host(block_table), lens, _host(slots), q)
    return q


def _check_written_rows(block_num, num_slots, l, P, table, lens, slots, q) -> None:
    if q.size == 0:
        return
    q_slots = slots[q].astype(np.int64)
    bad = (q_slots < 0) | (q_slots >= num_slots)
    if bad.any():
        i = int(np.argmax(bad))
        raise IndexError(f"slot_mapping[{int(q[i])}] = {int(q_slots[i])} is out of range for cache "
                         f"with {num_slots} slots")
    ends = lens[q]
    capacity = table.shape[1] * P
    if ends.max() > capacity:
        i = int(np.argmax(ends > capacity))
        raise ValueError(f"actual_seq_len[{int(q[i])}] = {int(ends[i])} exceeds the block table's "
                         f"capacity max_pages * page_block_size = {capacity}")
    first_page, last_page = (ends - l) // P, (ends - 1) // P
    cols = first_page[:, None] + np.arange(int((last_page - first_page).max()) + 1)[None, :]
    in_window = cols <= last_page[:, None]
    cols = np.where(in_window, cols, first_page[:, None])
    pages = table[q[:, None], cols].astype(np.int64)
    bad = in_window & ((pages < 0) | (pages >= block_num))
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise IndexError(f"block_table[{int(q[r])}, {int(cols[r, c])}] = {int(pages[r, c])} is out of range: "
                         f"page ids must be in [0, block_num = {block_num})")


# Vendor limits of torch_npu.npu_nsa_compress_infer (docs/contract.md, "On Ascend").  Not errors for the portable op.
NPU_DTYPES = (torch.float16, torch.bfloat16)


def npu_supports(*, compress_block_size: int, compress_stride: int, page_block_size: int,
                 num_heads: int, head_dim: int, dtype: torch.dtype, batch: int | None = None) -> tuple[bool, str]:
    """Whether the Ascend kernel accepts this configuration; ``(False, reason)`` names the first
    limit that fails.  int32 index tensors are the lowering's job (it inserts casts), not a limit.

    The limits are the kernel's own checks (CANN ops-transformer, ``attention/nsa_compress_with_cache/
    op_host/nsa_compress_with_cache_tiling.cpp`` and ``op_api/aclnn_nsa_compress_with_cache.cpp`` at
    commit b122ed2221889164dbb12553dc7db6f88d9d6cd1: fp16/bf16 everywhere; l and d multiples of 16,
    l >= d, l <= 64; head_num <= 64 and even above 50; head_dim a multiple of 16; batch <= 2048),
    plus two that its documentation states and its code does not check (page_block_size 64 or 128,
    head_dim <= 256): kept, because the kernel is only specified there."""
    l, d, P, N, D = compress_block_size, compress_stride, page_block_size, num_heads, head_dim
    if dtype not in NPU_DTYPES:
        return False, f"dtype {dtype} is not float16/bfloat16"
    if l % 16 or d % 16:
        return False, f"compress_block_size ({l}) and compress_stride ({d}) must be multiples of 16"
    if l < d:
        return False, f"compress_block_size ({l}) must be >= compress_stride ({d})"
    if l > 64:
        return False, f"compress_block_size ({l}) must be <= 64"
    if d not in (16, 32, 48, 64):
        return False, f"compress_stride ({d}) must be one of 16, 32, 48, 64"
    if P not in (64, 128):
        return False, f"page_block_size ({P}) must be 64 or 128"
    if D % 16 or D > 256:
        return False, f"head_dim ({D}) must be a multiple of 16 and <= 256"
    if N > 64:
        return False, f"head_num ({N}) must be <= 64"
    if N > 50 and N % 2:
        return False, f"head_num ({N}) must be even when > 50"
    if batch is not None and batch > 2048:
        return False, f"batch ({batch}) must be <= 2048"
    return True, ""
