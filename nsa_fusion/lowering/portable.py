"""Portable kernels of ``nsa_fusion::compress_infer_`` (everything that is not the Ascend kernel).

Importing this module registers the op's default kernel (``CompositeExplicitAutograd``, i.e. every
device without a kernel of its own):

* CPU: only the qualifying batches are touched.  The native C++ kernel (``native_kernel.py``,
  ``csrc/nsa_compress.cpp``) registers itself on the op's CPU key when it loads, so this default
  runs on CPU only until then: its first call builds and loads the library, and where that fails
  :func:`compress_qualifying_torch` (the same arithmetic in vectorised torch) runs instead.
  :func:`pure_torch_cpu` puts the pure-torch kernel above the native one (tests, debugging).
* Other devices (CUDA, …): :func:`compress_masked_torch`, a fixed-shape formulation with no host
  sync and no data-dependent shapes, so CUDA-graph capture works.  It reads ``l`` tokens and one
  cache row per batch (never the whole cache).

All of them accumulate ``j = 0 .. l-1`` in fp32 in order and round once, which makes them
bit-identical to each other and to the golden in the tests.
"""
from __future__ import annotations

import contextlib
import warnings

import torch

from .. import ops
from .._validation import check_window_indices, qualifying_mask
from . import native_kernel


def _weighted_window_sum(tokens: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """tokens [R, l, N, D], weight [l, N] -> fp32 [R, N, D], summed over j in window order from +0.0
    (bit-exact to the golden) on every device: a batched matmul would be one kernel instead of 2*l,
    but it adds in the BLAS's order, and a model that writes the sum out in window order would then
    get other numbers from the fused step than from its own code.  Out of place (``acc = acc + ...``):
    the GE write-back (``scatter_writeback``) traces this into a torchair graph, where an in-place
    add on a fresh buffer is one more mutation for functionalization to undo."""
    w = weight.float()
    acc = torch.zeros(tokens.shape[0], tokens.shape[2], tokens.shape[3], dtype=torch.float32,
                      device=tokens.device)
    for j in range(tokens.shape[1]):
        acc = acc + w[j][None, :, None] * tokens[:, j].float()
    return acc


def window_tokens(input, block_table, lengths, l, P, read=None):
    """Gather the window [R, l, N, D] ending at ``lengths`` (positions clamp into ``[0, capacity)``).

    ``read`` ([R] bool, optional): the rows whose window is read.  The fixed-shape formulations gather
    every row's window and discard the others, but the contract lets the page ids of windows that are
    not read be anything (padding, ids out of range): those rows gather page 0 instead.  The upper clamp
    is a no-op on valid lengths (``s <= capacity``); on a row beyond the capacity whose window is not read
    it keeps the table gather in range, where the graph has no host check to raise."""
    capacity = block_table.shape[1] * P
    positions = (lengths.to(torch.int64)[:, None] - l + torch.arange(l, device=lengths.device)).clamp(0, capacity - 1)
    pages = block_table.to(torch.int64).gather(1, positions // P)
    if read is not None:
        pages = torch.where(read[:, None], pages, 0)
    return input[pages, positions % P]


def compress_qualifying_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P):
    """Vectorised-torch CPU fallback; ``lengths`` must be on the host."""
    q = qualifying_mask(lengths, l, d).nonzero().flatten()
    if q.numel() == 0:
        return
    pooled = _weighted_window_sum(window_tokens(input, block_table[q], lengths[q], l, P), weight)
    cache.index_copy_(0, slot_mapping[q].to(torch.int64), pooled.to(cache.dtype))


def compress_cpu(input, weight, slot_mapping, block_table, lengths, cache, l, d, P):
    """CPU: the native kernel (built and loaded on first use), else the pure-torch one."""
    kernel = native_kernel.load_native()
    if kernel is not None:  # validates what it dereferences, then writes (see csrc/nsa_compress.cpp)
        kernel.compress_(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)
        return
    compress_cpu_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)


def compress_cpu_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P):
    """The pure-torch CPU kernel: bounds checks, then :func:`compress_qualifying_torch`."""
    # Memory safety before anything is written: ids the kernel will dereference must be in range.
    check_window_indices(input, l, d, P, block_table, lengths, slot_mapping, cache.shape[0])
    compress_qualifying_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)


def _default_kernel(input, weight, slot_mapping, block_table, lengths, cache, l, d, P):
    if input.device.type == "cpu":
        compress_cpu(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)
    else:  # devices without a dedicated kernel get the capture-safe masked formulation
        compress_masked_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)


_LIB = torch.library.Library("nsa_fusion", "IMPL")
_LIB.impl("compress_infer_", _default_kernel, "CompositeExplicitAutograd")


_pure_torch_depth = 0


def pure_torch_active() -> bool:
    """Whether :func:`pure_torch_cpu` is in effect."""
    return _pure_torch_depth > 0


@contextlib.contextmanager
def pure_torch_cpu():
    """Within the block the op's CPU kernel is the pure-torch one and eager calls check values in
    Python, as on a machine where the native kernel cannot be built (tests, debugging)."""
    lib = torch.library.Library("nsa_fusion", "IMPL")
    entry = ops._eager_cpu
    with warnings.catch_warnings():  # "overriding a previously registered kernel": that is the point
        warnings.simplefilter("ignore")
        lib.impl("compress_infer_", compress_cpu_torch, "CPU")
    ops.register_eager_entry("cpu", None)
    global _pure_torch_depth
    _pure_torch_depth += 1
    try:
        yield
    finally:
        _pure_torch_depth -= 1
        ops.register_eager_entry("cpu", entry)
        lib._destroy()  # the kernel registered before (the native one) is the CPU kernel again


def _byte_span(t: torch.Tensor) -> tuple[int, int] | None:
    """The bytes ``[lo, hi)`` a tensor's elements may occupy (from its pointer, sizes and strides); None if empty."""
    if t.numel() == 0:
        return None
    lo = hi = t.data_ptr()
    for size, stride in zip(t.shape, t.stride()):
        reach = (size - 1) * stride * t.element_size()
        lo, hi = (lo, hi + reach) if reach >= 0 else (lo + reach, hi)
    return lo, hi + t.element_size()


def overlaps(cache: torch.Tensor, *others: torch.Tensor) -> bool:
    """``cache`` may share memory with one of ``others``: their byte spans intersect (host metadata only,
    capture-safe; conservative for interleaved views).  Eager reads every window before it writes a row; a kernel
    that writes rows while others still read (the native and Triton kernels, the vendor op) must not write such a
    cache in place: a view of the paged KV (red team 62 A1), the same bytes through a second storage (``from_dlpack``,
    ``from_numpy``: 63 A2), a weight inside the cache (63 W1)."""
    span = _byte_span(cache)
    if span is None:
        return False
    return any(other is not None and (o := _byte_span(other)) is not None and span[0] < o[1] and o[0] < span[1]
               for other in others)


def masked_rows(pooled, valid, slot_mapping, cache):
    """``(index, rows)`` such that writing ``rows`` at ``index`` (``index_put_`` / ``scatter``, one row
    per batch) is the op's write, with fixed shapes and no host read (graph capture, GE graphs).

    Every batch writes one row, so a batch whose window did not complete must rewrite a row with the
    value that row ends up with.  Its slot may be padding (vLLM's -1, a shared dummy slot, an id out
    of range) that aliases a written row: the index is clamped into the cache, and every batch that
    lands on a row a qualifying batch writes carries that batch's pooled value, so writes to one row
    agree and the write order (undefined for duplicate indices on accelerators) does not matter.
    Cost: a [B, B] comparison of slots (B <= 2048 on Ascend), never a pass over the cache."""
    index = slot_mapping.to(torch.int64).clamp(0, cache.shape[0] - 1)
    batch = torch.arange(index.shape[0], device=index.device)
    writes_same_row = (index[:, None] == index[None, :]) & valid[None, :]  # [b, b']: b' qualifies, same row
    candidates = torch.where(writes_same_row, batch[None, :], -1)
    # max over b' (aten.max.dim: GE has a converter, none for amax); the -1 column keeps B = 0 valid
    writer = torch.cat([candidates, torch.full_like(index, -1)[:, None]], dim=1).max(dim=1).values
    rows = torch.where((writer >= 0)[:, None, None], pooled[writer.clamp(min=0)], cache[index])
    return index, rows


def compress_masked_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P):
    """Capture-safe: fixed shapes, no host reads (see :func:`masked_rows`)."""
    valid = qualifying_mask(lengths, l, d)
    pooled = _weighted_window_sum(window_tokens(input, block_table, lengths, l, P, valid), weight).to(cache.dtype)
    index, rows = masked_rows(pooled, valid, slot_mapping, cache)
    cache.index_put_((index,), rows)
