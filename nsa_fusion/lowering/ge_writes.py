"""Row writes GE cannot convert, written the way the vendor writes them: ``npu_scatter_nd_update``.

torchair 2.13 has no GE converter for ``aten.index_put`` / ``aten._unsafe_index_put`` /
``aten.index_copy`` (each raises "ge_converter is not implemented").  A plain-torch decode model
always holds one besides its compressions: the KV append ``kv[page, offset] = token``.  So with every
compression fused, such a model still could not compile in torchair's GE mode (max-autotune); nor
could a compression step the recogniser refuses.  This lowering, run on torchair's graph after the
fusion pass, rewrites each such functional write as torch_npu's ``npu_scatter_nd_update`` -- the write
torch_npu itself offers for this, whose GE converter emits ``TensorMove`` + ``ScatterNdUpdate``.  Where
the graph copies the result back into the written input (``copy_(kv, write)``, what functionalisation
makes of ``kv[...] = ...``), torchair's reference-op optimisation (``optimize_reference_op_redundant_copy``)
drops the ``TensorMove`` and the ``Assign``: the scatter then writes the cache in place on the device,
as the hand-written vendor call would.

Why the numbers do not change.  ``index_put(self, [i_0, ..., i_{k-1}], v)`` (``accumulate=False``,
integer indices on the leading ``k`` dimensions) writes ``v[j]`` at ``(i_0[j], ..., i_{k-1}[j])`` for
every ``j`` of the indices' broadcast shape, each index counted from the end when negative, and ``v``
broadcast to ``indices_shape + self.shape[k:]``.  The replacement builds exactly those coordinates
(negative ones wrapped by ``where(i < 0, i + size, i)``, as index_put does), stacks them into the
``[..., k]`` index ``ScatterNdUpdate`` takes, and expands ``v`` the same way.  Full slices in front of
the indices (``kv[:, slots] = stack((k, v))``, vLLM's stacked K/V) take every coordinate of their
dimensions, and ``v`` broadcasts to ``self.shape[:p] + indices_shape + self.shape[p+k:]``, as in
index_put.  ``index_copy(self, 0, index, source)`` is the same write with ``k = 1``.  Two cases are not pinned down by torch either way:
repeated coordinates (torch documents the result as undefined for ``accumulate=False``; valid inputs
of an NSA step never repeat a slot or a token position) and coordinates out of range (an error in
eager; invalid input).  Index tensors apart (a full slice between them, FlashInfer's HND append
``kv[page, :, offset] = token``: index_put then moves their dimensions to the front of ``v``'s layout) are
the leading-index write into ``self`` permuted to put those dimensions first, permuted back.  Everything
else -- boolean masks, ``accumulate=True``, ``index_copy`` along another dimension, mixed dtypes -- is left
as written, and ``explain`` keeps its GE note for it.

It needs the op: on Ascend torch_npu defines ``npu::npu_scatter_nd_update``; off Ascend only the test
stand-in (``nsa_fusion.testing.torchair_cpu``) does, and without it nothing is rewritten.
"""
from __future__ import annotations

import functools
import logging

import torch
import torch.fx as fx

from . import replace_with_traced

__all__ = ["available", "rewrite_writes_for_ge"]

aten = torch.ops.aten
log = logging.getLogger("nsa_fusion")
_INDEX_PUTS = (aten.index_put.default, aten._unsafe_index_put.default)
_INDEX_COPY = aten.index_copy.default
_INDEX_DTYPES = (torch.int32, torch.int64)


def available() -> bool:
    """torch_npu's ``npu_scatter_nd_update`` is defined (on Ascend; or the CPU test stand-in)."""
    return hasattr(torch.ops, "npu") and hasattr(torch.ops.npu, "npu_scatter_nd_update")


def _val(node):
    return node.meta.get("val") if isinstance(node, fx.Node) else None


def _leading_indices(write: fx.Node):
    """``(self, [index nodes], values, dims)`` of a write this lowering can express, else None; ``dims``: the
    indexed dimensions where the indices lie apart (None where they are adjacent)."""
    dims = None
    if write.target in _INDEX_PUTS:
        self, indices, values = write.args[:3]
        accumulate = write.args[3] if len(write.args) > 3 else write.kwargs.get("accumulate", False)
        if accumulate:
            return None
        first = 0  # full slices in front of the indices (``cache[:, slots] = ...``) are written whole
        while first < len(indices) and indices[first] is None:
            first += 1
        k = first
        while k < len(indices) and indices[k] is not None:
            k += 1
        if k == first:
            return None
        if any(i is not None for i in indices[k:]):  # indices apart (FlashInfer's HND kv[page, :, offset] = token)
            dims = [d for d, i in enumerate(indices) if i is not None]
            indices = [i for i in indices if i is not None]
        else:
            indices = list(indices[:k])
    elif write.target is _INDEX_COPY:
        self, dim, index, values = write.args[:4]
        if dim != 0:
            return None
        indices = [index]
    else:
        return None
    base, vals = _val(self), _val(values)
    index_vals = [_val(i) for i in indices if i is not None]
    if not isinstance(base, torch.Tensor) or not isinstance(vals, torch.Tensor) or vals.dtype != base.dtype:
        return None
    if any(not isinstance(i, torch.Tensor) or i.dtype not in _INDEX_DTYPES for i in index_vals):
        return None  # boolean / uint8 masks select by value, not by coordinate
    if write.target is _INDEX_COPY and (index_vals[0].dim() != 1 or vals.dim() != base.dim()):
        return None
    if not _broadcasts_without_guards(base, index_vals, vals, indices, dims):
        return None
    return self, indices, values, dims


def _same_size(a, b) -> bool:
    """``a == b`` for every size the graph serves known without a guard, or a guard between two symbols (two batch
    symbols dynamo told apart, equal at the hint: the trace relates them, as the user's graph's own broadcasts would),
    never one that pins a symbol to a number (a marked dim specialized: dynamo fails the compile)."""
    from torch.fx.experimental.symbolic_shapes import statically_known_true

    if a is b or statically_known_true(a == b):
        return True
    return not isinstance(a, int) and not isinstance(b, int)


def _broadcasts_without_guards(base, index_vals, vals, indices, dims) -> bool:
    """The indices broadcast to one shape, and the values to the rows they write, with sizes that are equal (or 1)
    for every size the graph serves.  Tracing the rewrite on fake values checks each broadcast against the traced
    shape environment; a size equal only at the hint (an index's batch ``mark_dynamic``, the values' not) would add
    a guard the user's graph never had, and dynamo then fails the compile for a marked dim it must specialize (red
    team 54 H3).  Such a write is left as written."""
    rank = max(i.dim() for i in index_vals)
    shape = []
    for k in range(rank):  # (right-aligned, as torch.broadcast_shapes)
        sizes = [i.shape[i.dim() - rank + k] for i in index_vals if i.dim() - rank + k >= 0]
        wide = [n for n in sizes if not (isinstance(n, int) and n == 1)]
        if any(not _same_size(n, wide[0]) for n in wide[1:]):
            return False
        shape.append(wide[0] if wide else 1)
    if dims is None:
        first = sum(i is None for i in indices)
        target = [*base.shape[:first], *shape, *base.shape[first + len(index_vals):]]
    else:  # (the indexed dims first, then the others, as index_put lays the values out)
        target = [*shape, *(base.shape[d] for d in range(base.dim()) if d not in dims)]
    if vals.dim() > len(target):
        return False
    return all((isinstance(v, int) and v == 1) or _same_size(v, t)
               for v, t in zip(vals.shape, target[len(target) - vals.dim():]))


def _scatter_nd(self, values, *indices):
    """``index_put(self, indices, values)`` as ``npu_scatter_nd_update`` (module docstring); a None in
    ``indices`` is a full slice in front of the index tensors, whose coordinates are all of that dim."""
    first = sum(i is None for i in indices)
    shape = torch.broadcast_shapes(*(i.shape for i in indices[first:]))
    full = [self.shape[dim] for dim in range(first)]  # index_put's result: these dims, then the indices'
    coords = []
    for dim in range(first):
        # 0 .. size-1 (an arange, built from ``self``: a factory call would trace to a constant here)
        every = self.new_ones(self.shape[dim], dtype=torch.int64).cumsum(0) - 1
        coords.append(every.reshape(-1, *[1] * (first - 1 - dim + len(shape))).expand(*full, *shape))
    for dim, index in enumerate(indices[first:], start=first):
        index = index.to(torch.int64)
        index = torch.where(index < 0, index + self.shape[dim], index)  # counted from the end, as index_put
        coords.append(index.expand(*full, *shape))
    rows = values.expand(*full, *shape, *self.shape[len(indices):])
    return torch.ops.npu.npu_scatter_nd_update(self, torch.stack(coords, dim=-1), rows)


def _scatter_nd_apart(self, values, *indices, dims):
    """``index_put(self, indices, values)`` with the index tensors on ``dims``, not adjacent: index_put then
    puts the indices' broadcast dims first in ``values``, then the other dims of ``self`` in order, which is
    the leading-index write into ``self`` permuted to ``dims + the other dims``; permuted back after it."""
    perm = list(dims) + [d for d in range(self.dim()) if d not in dims]
    back = [perm.index(d) for d in range(self.dim())]
    return _scatter_nd(self.permute(perm), values, *indices).permute(back)


def rewrite_writes_for_ge(graph: fx.Graph) -> list[str]:
    """Rewrite every functional ``index_put`` / ``index_copy`` of ``graph`` this lowering can express;
    returns the names of the writes it replaced (none where the op is not defined)."""
    if not available():
        return []
    done = []
    for write in list(graph.nodes):
        if write.op != "call_function" or (write.target not in _INDEX_PUTS and write.target is not _INDEX_COPY):
            continue
        parts = _leading_indices(write)
        if parts is None:
            continue
        self, indices, values, dims = parts  # index_copy(self, 0, index, values) is index_put(self, [index], values)
        fn = _scatter_nd if dims is None else functools.partial(_scatter_nd_apart, dims=dims)
        try:  # traced before the graph changes: a write that fails to trace is left as written
            replace_with_traced(write, fn, [self, values, *indices], get_decomp_fn=dict)  # torchair: no decompositions
        except Exception as exc:  # noqa: BLE001 - e.g. values of more dims than index_put's broadcast target
            log.debug("nsa_fusion: %s left as written for GE (%s: %s)", write.name, type(exc).__name__, exc)
            continue
        done.append(write.name)
    if done:
        graph.eliminate_dead_code()
        graph.lint()
    return done
