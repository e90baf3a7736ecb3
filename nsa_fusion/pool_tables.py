"""Tables read through a batch index (issue 19, SGLang): ``req_to_token[req_pool_indices[:, None], p]`` and
``cmp_req_to_token[req_pool_indices, i]``.  SGLang keeps one ``[R, cap]`` pool table for all requests and
hands each step the batch's pool rows ``req_pool_indices`` (``[B]``); row ``b``'s block table (page size 1)
and compressed rows are row ``req_pool_indices[b]`` of the pool tables.

While the pass runs, each such read ``index(T, [f(r), J])`` (``r`` the ``[B]`` batch index, ``f`` views and
widening casts: ``r``, ``r[:, None]``, ``r.long().unsqueeze(1)``) reads ``index(T[r], [f(arange(B)), J])``
instead: the batch's own table ``T[r]`` (``[B, cap]``), indexed at row ``b`` where the original is indexed at
row ``r[b]``.  Element for element the same value on every input (``f`` only moves elements, so where ``f(r)``
holds ``r[b]``, ``f(arange(B))`` holds ``b``, and ``T[r][b] = T[r[b]]``; out-of-range pool indices raise in
both), so the graph computes what it computed, and the recogniser finds the ``[B, cap]`` table it proves
steps over (:data:`POOL_ROWS` marks it: ``roles`` takes it as the block table, ``exactness`` as a table of
compressed rows).  Afterwards every such read still in the graph (the attention's window reads, steps that
did not fuse) reads the pool table as the user wrote it again, where that read is still there (a graph in
which a step fused has lost it to dead-code elimination: there the rerouted read, the same values, stays).

A ragged page list (FlashInfer's ``kv_indices[kv_indptr[:-1, None] + j]``) is read likewise through a ``[B, L]``
block table built from it (:func:`_ragged_table`, marked :data:`RAGGED_ROWS`): a block table, never a table of
compressed rows.

Slots read from ``T[r]`` are distinct across the batch only where the batch's pool indices are: docs/contract.md
states that as valid input (SGLang's scheduler never puts one request twice in a batch), and the op's value
checks check the slots that result.
"""
from __future__ import annotations

import sys

import torch
import torch.fx as fx
from torch.fx.experimental.symbolic_shapes import statically_known_true

aten = torch.ops.aten

POOL_ROWS = "nsa_fusion_pool_rows"  # node.meta key: T[r], the batch's rows of a pool table read through r
# node.meta key: arange(S * M).view(S, M), the flat row of each entry of a per-request [S, M, N, D] cache, which
# rewrite._per_request_rows builds (distinct entries by construction): a table of compressed rows like T[r]
ROW_SLOTS = "nsa_fusion_row_slots"
# node.meta key: a ragged page list as a [B, L] block table (_ragged_table).  A block table only, never a table of
# compressed rows: its rows overlap (row b's entries past its own pages are the next request's), so a slot read from
# it is not held distinct by the rule that holds T[r]'s (exactness._slot_table)
RAGGED_ROWS = "nsa_fusion_ragged_rows"

# Ops that only move elements (the same values, rearranged or repeated): replayed on arange(B).  A slice only
# where it keeps every entry (``_keeps_every_entry``): T[r[:1], j] reads pool row r[0] alone, and the rerouted
# T[r] would read every r[b], raising on padding pool indices eager never reads (red-team 8 L3).
_MOVES = {aten.unsqueeze.default, aten.view.default, aten.reshape.default, aten._unsafe_view.default,
          aten.expand.default, aten.alias.default, aten.clone.default, aten.squeeze.dim, aten.slice.Tensor}
_CASTS = {torch.ops.prims.convert_element_type.default, aten._to_copy.default}


def _val(n):
    return n.meta.get("val") if isinstance(n, fx.Node) else None


def _keeps_every_entry(n: fx.Node) -> bool:
    """Not a slice that drops entries: a slice must run from 0 to the end (or past it) in steps of 1."""
    if n.target is not aten.slice.Tensor:
        return True
    args = list(n.args) + [None] * 5
    dim = args[1] if args[1] is not None else 0
    start, end, step = args[2], args[3], args[4]
    size = _val(n.args[0]).shape[dim]
    return start in (None, 0) and step in (None, 1) and (end is None or _at_least(end, size))


def _at_least(end, size) -> bool:
    end = _val(end) if isinstance(end, fx.Node) else end
    if isinstance(end, int) and end >= sys.maxsize:
        return True  # (``x[a:]`` as traced: a slice clamps its end to the size, which may have no upper bound)
    try:
        return bool(statically_known_true(end >= size))
    except Exception:  # (an end the shape env cannot compare: not known to keep every entry)
        return False


def _int_tensor(n, dim=None) -> bool:
    v = _val(n)
    return isinstance(v, torch.Tensor) and v.dtype in (torch.int32, torch.int64) and (dim is None or v.dim() == dim)


def _batch_index(index: fx.Node):
    """``(r, chain)`` where ``index`` is ``f(r)``: ``r`` a ``[B]`` int32/int64 graph input, ``chain`` the ops of
    ``f`` from ``r`` out (views and int32 -> int64 casts, which keep every value); else None."""
    chain, n = [], index
    while isinstance(n, fx.Node) and n.op == "call_function" and (
            (n.target in _MOVES and _int_tensor(n.args[0]) and _keeps_every_entry(n)) or _widening_cast(n)):
        chain.append(n)
        n = n.args[0]
    # (a graph input: valid input makes the batch's pool rows distinct; rows computed in the step, rpi % 2, may not be)
    if not (isinstance(n, fx.Node) and n.op == "placeholder" and _int_tensor(n, 1)):
        return None
    return n, chain[::-1]


def _widening_cast(n: fx.Node) -> bool:
    """A cast to int64 from int32 or int64: it keeps every value (a narrowing one wraps pool rows onto others)."""
    return n.target in _CASTS and set(n.kwargs) <= {"dtype"} and _int_tensor(n.args[0]) \
        and _val(n).dtype == torch.int64


def _call(graph, target, args, kwargs=None):
    """A new node with its fake value (the op run on the fake values of its inputs); also rewrite's."""
    kwargs = kwargs or {}
    vals = fx.node.map_arg((args, kwargs), lambda a: a.meta["val"])
    value = target(*vals[0], **vals[1])  # (first: an op that fails on these inputs adds no node to the graph)
    node = graph.call_function(target, tuple(args), kwargs)
    node.meta["val"] = value
    return node


def _replay(graph, chain, base):
    """``f(base)``: the ops of ``chain`` applied to ``base`` instead of ``r`` (same other arguments)."""
    out = base
    for op in chain:
        out = _call(graph, op.target, (out, *op.args[1:]), dict(op.kwargs))
    return out


def _arange(graph, r, iota):
    """``arange(B)`` in int64 with ``B = r.shape[0]`` (a ``sym_size`` node where it is symbolic)."""
    B = _val(r).shape[0]
    if isinstance(B, torch.SymInt):
        size = graph.call_function(aten.sym_size.int, (r, 0))
        size.meta["val"] = B
        B = size
    return arange_node(graph, B, _val(r), iota)


def arange_node(graph, count, like: torch.Tensor, iota: bool) -> fx.Node:
    """``arange(count)`` in int64 on ``like``'s device (``count`` an int or a size node); as ``prims.iota`` where
    ``iota`` (Inductor's post-grad graphs, decomposed: Inductor lowers no ``arange``)."""
    if iota:
        node = graph.call_function(torch.ops.prims.iota.default, (count,), dict(
            start=0, step=1, dtype=torch.int64, device=like.device, requires_grad=False))
    else:
        node = graph.call_function(aten.arange.default, (count,), {"dtype": torch.int64, "device": like.device})
    with like.fake_mode:
        node.meta["val"] = torch.arange(_val(count) if isinstance(count, fx.Node) else count, dtype=torch.int64,
                                        device=like.device)
    return node


def _row_starts(o) -> bool:
    """``o`` is a ``[B, 1]`` integer column (``kv_indptr[:-1, None]``, FlashInfer's row starts).  Any values: the
    table built from them is read exactly where the user's read is (:func:`_ragged_table`), whatever they are."""
    return isinstance(o, fx.Node) and _int_tensor(o, 2) and _val(o).shape[1] == 1


_RESHAPES = (aten.view.default, aten.reshape.default, aten._unsafe_view.default)


def _flat_read(node: fx.Node):
    """``(user, idx)`` where ``node`` reads a 1-D integer graph input ``x`` at ``idx`` flattened, ``x.index_select(0,
    idx.reshape(-1))`` or ``x[idx.reshape(-1)]`` (Inductor's decomposition of the former), and its one user views
    the result back to ``idx``'s 2-D shape: that user is ``x[idx]`` (FlashInfer's page lists gathered flat,
    models20).  Else None.  (``index_select`` raises on a negative index where ``x[idx]`` wraps it: the same on
    every index valid input gives, ``indptr[b] + j`` with ``j >= 0``.)"""
    if node.target is aten.index_select.default and node.args[1] in (0, -1):
        x, flat = node.args[0], node.args[2]
    elif node.target is aten.index.Tensor and len(node.args[1]) == 1:
        x, (flat,) = node.args
    else:
        return None
    if not (isinstance(x, fx.Node) and x.op == "placeholder" and _int_tensor(x, 1)) or len(node.users) != 1 or \
            not isinstance(flat, fx.Node) or flat.op != "call_function" or flat.target not in _RESHAPES or \
            _val(flat) is None or _val(flat).dim() != 1:
        return None
    (user,), index2d = node.users, flat.args[0]
    if user.op != "call_function" or user.target not in _RESHAPES or user.kwargs or _val(index2d) is None or \
            _val(index2d).dim() != 2 or _val(user).dim() != 2 or \
            not all(statically_known_true(a == b) for a, b in zip(_val(user).shape, _val(index2d).shape)):
        return None
    return user, index2d


def _flat_rebuilder(graph, target, indexed):
    """A callable that builds the user's flat read of ``indexed = x[idx]`` again, ``x.index_select(0,
    idx.reshape(-1)).view(idx.shape)`` (``target``: index_select or index), from nodes ``indexed`` still reads: the
    user's flattened index and sizes may be gone by then (red team 45 F2: a transposed ``idx``'s flat copy, removed as
    dead code once rerouted, was read again by the rebuilt node)."""
    def rebuild():
        x, (idx,) = indexed.args
        flat = _call(graph, aten.reshape.default, (idx, [-1]))
        read = _call(graph, target, (x, 0, flat) if target is aten.index_select.default else (x, [flat]))
        sizes = [size if isinstance(size, int) else _call(graph, aten.sym_size.int, (idx, d))
                 for d, size in enumerate(_val(idx).shape)]
        return _call(graph, aten.reshape.default, (read, sizes))
    return rebuild


def _flat_pool_read(node: fx.Node):
    """``(T, r, chain, scaled, W, j)`` where ``node`` is ``T.view(-1)[f(r) * W + j]``: ``T`` a ``[R, W]`` integer graph
    input read through its flat view (SGLang's ``req_to_token``, models21 ``sglang_flat_table_view_2l``), ``f(r)`` a
    batch index (:func:`_batch_index`) scaled by ``T``'s own row width ``W`` (``scaled``), ``j`` the column; else None.
    Rerouted as ``T[r].view(-1)[f(arange(B)) * W + j]``: element for element the same value where ``0 <= j < W``
    (``T[r][b]`` is ``T[r[b]]``), and nowhere else necessarily (``j = W`` reads row ``r[b] + 1`` there and row
    ``r[b + 1]`` here).  The rerouted read is a flat read of a batch-indexed table, which the recogniser fuses only
    with ``0 <= j < W`` proven on every valid input (``evaluate.BatchPlan``'s flat bounds, ``sizes.check_rows``), and
    :func:`restore` builds the user's read again wherever a rerouted one is left."""
    if node.target is not aten.index.Tensor or node.kwargs or len(node.args[1]) != 1:
        return None
    flat, (idx,) = node.args
    if not (isinstance(flat, fx.Node) and flat.op == "call_function" and flat.target in _RESHAPES
            and isinstance(flat.args[0], fx.Node) and flat.args[0].op == "placeholder" and _int_tensor(flat.args[0], 2)
            and _val(flat).dim() == 1):
        return None
    table = flat.args[0]
    if not (isinstance(idx, fx.Node) and idx.op == "call_function" and idx.target is aten.add.Tensor
            and not idx.kwargs and _val(idx).dtype == torch.int64):
        return None
    W = _val(table).shape[1]
    for scaled, column in (idx.args[:2], idx.args[1::-1]):
        if not (isinstance(scaled, fx.Node) and scaled.op == "call_function" and scaled.target is aten.mul.Tensor
                and not scaled.kwargs and isinstance(column, fx.Node) and _int_tensor(column)):
            continue
        x, width = scaled.args
        w = _val(width) if isinstance(width, fx.Node) else width
        if isinstance(w, bool) or not isinstance(w, (int, torch.SymInt)) or not statically_known_true(w == W):
            continue
        found = _batch_index(x)
        if found is not None and _val(found[0]).dtype == torch.int64:
            return table, found[0], found[1], scaled, width, column
    return None


def _ragged_read(node: fx.Node):
    """``(indices, starts, j)`` where ``node`` is ``indices[starts[:, None] + j]``: a 1-D integer graph input (the
    pages of every request, concatenated) read at row b's start plus ``j`` (``[B, X]``, int64): page ``j`` of
    request b in a ragged page list.  Else None."""
    if node.target is not aten.index.Tensor or node.kwargs or len(node.args[1]) != 1:
        return None
    indices, (idx,) = node.args
    widened = isinstance(idx, fx.Node) and idx.op == "call_function" and _widening_cast(idx) and \
        isinstance(idx.args[0], fx.Node) and idx.args[0].op == "call_function" and \
        idx.args[0].target is aten.add.Tensor and _val(idx.args[0]).dtype == torch.int32
    if widened and _short_page_list(indices):
        # (int32 metadata: the add in int32, then widened.  It wraps only where starts + j leaves int32, and with
        # fewer than 2**30 pages (guarded) and |j| <= len(indices) the wrapped index is outside [-L, L) there:
        # eager raises, so on every input eager reads, T[b, j] below is what it reads; models14 flashinfer_hnd_unbind)
        idx = idx.args[0]
    if not (isinstance(indices, fx.Node) and indices.op == "placeholder" and _int_tensor(indices, 1)) or \
            not (isinstance(idx, fx.Node) and idx.op == "call_function" and idx.target is aten.add.Tensor) or \
            idx.kwargs or _val(idx).dim() not in (1, 2) or _val(idx).dtype != (torch.int32 if widened else torch.int64):
        return None
    if _val(idx).dim() == 1:
        # one page per row, indices[kv_indptr[:-1] + j] (a window read position by position, models22
        # flashinfer_ragged_stacked_tokens): the starts are the operand read off a graph input by views alone
        for o, j in (idx.args[:2], idx.args[1::-1]):
            if _view_of_input(o) and isinstance(j, fx.Node) and _val(j).dtype in (torch.int32, torch.int64) and \
                    _val(j).dim() == 1 and statically_known_true(_val(o).shape[0] == _val(idx).shape[0]) and \
                    statically_known_true(_val(j).shape[0] == _val(idx).shape[0]) and not _view_of_input(j):
                return indices, o, j
        return None
    for o, j in (idx.args[:2], idx.args[1::-1]):
        # (one start per row: kv_indptr[:1, None] broadcast over the batch builds a [1, L] table, which no gather
        # of a [B, X] index can read)
        if _row_starts(o) and isinstance(j, fx.Node) and _val(j).dtype in (torch.int32, torch.int64) and \
                statically_known_true(_val(o).shape[0] == _val(idx).shape[0]) and len(_val(j).shape) == 2 and \
                all(statically_known_true(a == b) for a, b in zip(_val(j).shape, _val(idx).shape)):
            return indices, o, j
    return None


def _view_of_input(n) -> bool:
    """``n`` is a 1-D integer graph input or a view of one (``kv_indptr[:-1]``)."""
    while isinstance(n, fx.Node) and n.op == "call_function" and n.target in (aten.slice.Tensor, *_RESHAPES):
        n = n.args[0]
    return isinstance(n, fx.Node) and n.op == "placeholder" and _int_tensor(n, 1)


def _padded_table(node: fx.Node) -> bool:
    """``node`` is ``indices[idx]`` with ``indices`` a 1-D integer graph input (a ragged page list) and ``idx`` a ``[B,
    M]`` integer index computed from one other 1-D integer graph input (the row starts) and constants alone
    (``(kv_indptr[:-1, None] + arange(M)).clamp(max=len(kv_indices) - 1)``, models21
    ``flashinfer_ragged_padded_table``): the model builds its own ``[B, M]`` block table.  ``roles`` takes it as the
    block table, as it is (the proof holds for every table; the step reads the page list only through it, else
    the list is a second integer input and refused).  A block table only, never a table of compressed rows."""
    from .patterns.proof import _constant_leaf, value_leaves

    if node.target is not aten.index.Tensor or node.kwargs or len(node.args[1]) != 1:
        return False
    indices, (idx,) = node.args
    if not (isinstance(indices, fx.Node) and indices.op == "placeholder" and _int_tensor(indices, 1)) or \
            not (isinstance(idx, fx.Node) and _int_tensor(idx, 2)):
        return False
    leaves = {n for n in value_leaves([idx]) if not _constant_leaf(n)}
    return len(leaves) == 1 and all(n.op == "placeholder" and n is not indices and _int_tensor(n, 1) for n in leaves)


def _reads_a_table(node: fx.Node) -> bool:
    """``node`` reads entries of a 2-D tensor per row: ``x.gather(1, idx)`` or ``x[rows, idx]``."""
    if node.target is aten.gather.default:
        return node.args[1] in (1, -1) and not node.kwargs
    return node.target is aten.index.Tensor and len(node.args[1]) == 2 and \
        all(isinstance(i, fx.Node) for i in node.args[1]) and not node.kwargs


def _built_table(x) -> bool:
    """``x`` is a ``[B, M]`` integer table the model computes from one ``[B, *]`` integer graph input and constants
    alone (vLLM's hybrid allocator maps each logical block to kernel blocks, ``(block_table[:, :, None] * k +
    arange(k)).flatten(1)``, models24 ``vllm_kernel_block_split_2l``): ``roles`` takes it as the block table, as it
    is, like :func:`_padded_table`'s (the proof holds for every table, and the op reads this one as the user's
    gathers do; the input behind it is read only through it, else it is a second integer input and refused).  A
    block table only, never a table of compressed rows.  Only a table computed from its source's values (not only
    moved) and of another width (the split blocks): one of the same width is the user's table cast or clamped, one
    only moved the user's table repeated, which the page-id rules read through."""
    from .patterns import optable as T
    from .patterns.proof import _constant_leaf, value_leaves

    if not (isinstance(x, fx.Node) and x.op == "call_function" and _int_tensor(x, 2)) or x.meta.get(POOL_ROWS):
        return False
    leaves = {n for n in value_leaves([x]) if not _constant_leaf(n)}
    if len(leaves) != 1:
        return False
    (source,) = leaves
    # (computed from the values, not only moved: the user's table moved or repeated, LMDeploy's per-token
    # block_offsets.repeat_interleave(P, 1), models24, stays the user's table, read through the moves as before)
    if T.data_root(x) is source:
        return False
    # (of another width: a table of the same width computed from the user's, a cast or a clamp of it, stays the
    # user's table, read through the ops that exactness checks on page ids)
    return source.op == "placeholder" and _int_tensor(source, 2) and \
        bool(statically_known_true(_val(source).shape[0] == _val(x).shape[0])) and \
        not statically_known_true(_val(source).shape[1] == _val(x).shape[1])


def _short_page_list(indices) -> bool:
    """``indices`` has fewer than ``2**30`` entries (a symbolic length is guarded so, unless that narrows a range the
    user gave the dim: dynamo would fail the compile, red team 60 M2)."""
    from .patterns.evaluate import guard_breaks_a_marked_dim

    L = _val(indices).shape[0] if isinstance(_val(indices), torch.Tensor) else None
    if L is None:
        return False
    if isinstance(L, int):
        return L < 2 ** 30
    if guard_breaks_a_marked_dim(L.node.shape_env, L.node.expr, "at_most", 2 ** 30 - 1) is not None:
        return False
    return bool(L < 2 ** 30)  # (a guard on the graph: recompiled, unfused, past it)


def _ragged_table(graph, indices, starts, iota):
    """``T[b, k] = indices[(starts[b] + k) % L]`` for ``k`` in ``[0, L)``, ``L = len(indices)``: row b's page
    list as a ``[B, L]`` block table.  ``T[b, j] = indices[starts[b] + j]`` wherever the right side reads
    ``indices`` without raising (``starts[b] + j`` in ``[-L, L)``, which Python indexing wraps as ``% L`` does);
    beyond, eager raises and ``T`` holds some page (the gather of ``j`` raises for ``j`` outside ``[0, L)``).
    Its cost: ``B * L`` entries built in every step (once per graph, shared by every layer's reads), where the
    user's reads touch ``B * l``; at hundreds of requests with long page lists that is megabytes per step."""
    k = _arange(graph, indices, iota)
    L = _val(indices).shape[0]
    if isinstance(L, torch.SymInt):
        L = graph.call_function(aten.sym_size.int, (indices, 0))
        L.meta["val"] = _val(indices).shape[0]
    flat = _call(graph, aten.add.Tensor, (starts, _call(graph, aten.unsqueeze.default, (k, 0))))
    table = _call(graph, aten.index.Tensor, (indices, [_call(graph, aten.remainder.Scalar, (flat, L))]))
    table.meta[RAGGED_ROWS] = True
    return table


def expose(graph: fx.Graph, iota: bool) -> list:
    """Reroute each read of a 2-D integer graph input ``T`` through a batch index (see the module docstring)
    through ``T[r]``, and each ragged page-list read through a table built from it; returns [(new read, original
    read, how to build the original again or None)] for :func:`restore`.  ``iota``: spell ``arange`` as
    ``prims.iota`` (Inductor's graphs)."""
    done, rows = [], {}
    for node in list(graph.nodes):
        if node.op == "call_function" and _reads_a_table(node) and _built_table(node.args[0]):
            node.args[0].meta[RAGGED_ROWS] = True  # (a block table the model builds from its own: see _built_table)
        if node.op != "call_function" or node.target not in (aten.index.Tensor, aten.index_select.default) \
                or node.kwargs:
            continue
        try:
            _expose_read(graph, node, rows, done, iota)
        except Exception as exc:  # pragma: no cover - a spelling the matchers do not expect: read as written
            from .diagnostics import log

            log.warning("nsa_fusion: rerouting the table read %s failed (%s); left as written", node.name, exc)
    return done


def _expose_read(graph, node, rows, done, iota):
    flat_read = _flat_read(node)
    if flat_read is not None:  # pages.index_select(0, idx.flatten()).view(idx.shape): read as pages[idx]
        user, index2d = flat_read
        with graph.inserting_before(user):
            indexed = _call(graph, aten.index.Tensor, (node.args[0], [index2d]))
        _reroute(user, indexed, done, _flat_rebuilder(graph, node.target, indexed))
        _expose_read(graph, indexed, rows, done, iota)
        return
    if node.target is aten.index_select.default:  # T.index_select(0, r): T[r] (raising on a negative r; T[r] wraps it)
        table, dim, index = node.args
        if dim in (0, -2) and isinstance(table, fx.Node) and table.op == "placeholder" and _int_tensor(table, 2):
            _mark_pool_rows(node, table, index, rows)
        return
    flat_pool = _flat_pool_read(node)
    if flat_pool is not None:  # SGLang's req_to_token.view(-1)[r[:, None] * W + j]: read as T[r].view(-1)[b * W + j]
        table, r, chain, scaled, width, column = flat_pool
        with graph.inserting_before(node):
            if (table, r) not in rows:
                rows[(table, r)] = picked = _call(graph, aten.index.Tensor, (table, [r]))
                picked.meta[POOL_ROWS] = (table, r)
            own = _call(graph, aten.mul.Tensor, (_replay(graph, chain, _arange(graph, r, iota)), width))
            index = _call(graph, aten.add.Tensor, (own, column) if scaled is node.args[1][0].args[0] else (column, own))
            new = _call(graph, aten.index.Tensor, (_call(graph, aten.reshape.default, (rows[(table, r)], [-1])), [index]))

        def rebuild(table=table, r=r, chain=chain, width=width, column=column):
            scaled = _call(graph, aten.mul.Tensor, (_replay(graph, chain, r), width))
            return _call(graph, aten.index.Tensor, (_call(graph, aten.reshape.default, (table, [-1])),
                                                    [_call(graph, aten.add.Tensor, (scaled, column))]))
        _reroute(node, new, done, rebuild)
        return
    ragged = _ragged_read(node)
    if ragged is not None:  # FlashInfer's kv_indices[kv_indptr[:-1, None] + j]: read as T[b, j]
        indices, starts, j = ragged
        one = _val(j).dim() == 1  # (one page per row: read as T[b, j[b]], a [B, 1] gather squeezed)
        with graph.inserting_before(node):
            if (indices, starts) not in rows:
                column = _call(graph, aten.unsqueeze.default, (starts, 1)) if one else starts
                rows[(indices, starts)] = _ragged_table(graph, indices, column, iota)
            if _val(j).dtype != torch.int64:
                j = _call(graph, torch.ops.prims.convert_element_type.default, (j, torch.int64))
            if one:
                j = _call(graph, aten.unsqueeze.default, (j, 1))
            new = _call(graph, aten.gather.default, (rows[(indices, starts)], 1, j))
            if one:
                new = _call(graph, aten.squeeze.dim, (new, 1))
        # (where a fused step took the user's read out of the graph, restore builds it again for the reads
        # left: the gather raises for j outside [0, L), where eager's indices[starts + j] reads as long as
        # starts + j is in [-L, L), a negative j included)
        rebuild = _index_rebuilder(graph, node.args[1][0])  # (its operands now: the add may be gone at restore)
        _reroute(node, new, done, lambda: _call(graph, aten.index.Tensor, (indices, [rebuild()])))
        return
    if _padded_table(node):  # kv_indices[(kv_indptr[:-1, None] + arange(M)).clamp(max=L - 1)]: the user's own table
        node.meta[RAGGED_ROWS] = True
        return
    table, indices = node.args[0], node.args[1]
    if not (isinstance(table, fx.Node) and table.op == "placeholder" and _int_tensor(table, 2)) \
            or len(indices) not in (1, 2) or not all(isinstance(i, fx.Node) for i in indices):
        return
    if len(indices) == 1:  # T[r] as the user wrote it (``req_to_token[req_pool_indices].gather(1, pos)``)
        _mark_pool_rows(node, table, indices[0], rows)
        return
    found = _batch_index(indices[0])
    if found is None or _val(found[0]).shape[0] == _val(table).shape[0] and not found[1]:
        return  # (T[r, i] with as many pool rows as the batch is read as it is)
    r, chain = found
    with graph.inserting_before(node):
        if (table, r) not in rows:
            rows[(table, r)] = picked = _call(graph, aten.index.Tensor, (table, [r]))
            picked.meta[POOL_ROWS] = (table, r)
        new = _call(graph, aten.index.Tensor, (rows[(table, r)], [_replay(graph, chain, _arange(graph, r, iota)),
                                                                  indices[1]]))
    _reroute(node, new, done)


def _index_rebuilder(graph, index):
    """A callable that builds the user's ``starts + j`` (or its widening cast) again from the same operands."""
    if _widening_cast(index):
        (a, b), target, rest, kwargs = index.args[0].args[:2], index.target, index.args[1:], dict(index.kwargs)
        return lambda: _call(graph, target, (_call(graph, aten.add.Tensor, (a, b)), *rest), kwargs)
    a, b = index.args[:2]
    return lambda: _call(graph, aten.add.Tensor, (a, b))


def _mark_pool_rows(node, table, index, rows):
    """Mark ``node`` (``T[r]`` or ``T.index_select(0, r)``, as the user wrote it) as the batch's rows of the pool
    table ``T``: ``r`` itself or a widening cast of it (any other move, ``r[:1].expand(B)``, would repeat a pool
    row).  Every such node is marked, not only the first: a graph without CSE across layers (writes in between)
    reads ``T[r]`` again for each layer (models26 sglang_layer_list_pool_2l, layer 2)."""
    found = _batch_index(index)
    if found is not None and all(_widening_cast(op) for op in found[1]):
        rows.setdefault((table, found[0]), node)
        node.meta[POOL_ROWS] = (table, found[0])


def _reroute(node, new, done, rebuild=None):
    """``node``'s users read ``new``; ``rebuild`` (for :func:`restore`) builds ``node``'s read again."""
    for k in ("stack_trace", "nn_module_stack", "source_fn_stack"):
        if k in node.meta:
            new.meta[k] = node.meta[k]
    node.replace_all_uses_with(new)
    done.append((new, node, rebuild))


def restore(graph: fx.Graph, done: list) -> None:
    """Every rerouted read left in the graph reads the pool table as the user wrote it (where that read is still
    in the graph); what the rerouting added and nothing reads any more is removed."""
    nodes = set(graph.nodes)
    added = set()
    for new, old, rebuild in done:
        if new in nodes and old not in nodes and rebuild is not None:
            try:
                with graph.inserting_before(new):
                    old = rebuild()
                nodes |= {old, old.args[1][0]}
            except Exception:  # pragma: no cover - (the rerouted read stays: it raises where eager may not)
                continue
        if new not in nodes or old not in nodes:
            continue
        new.replace_all_uses_with(old)
        added |= {new} | set(new.all_input_nodes)
    while True:  # the reads' arange chains and T[r] nodes, once unused
        dead = [n for n in added if n in nodes and not n.users and n.op == "call_function"]
        if not dead:
            return
        for n in dead:
            added |= set(n.all_input_nodes)
            added.discard(n)
            graph.erase_node(n)
            nodes.discard(n)
