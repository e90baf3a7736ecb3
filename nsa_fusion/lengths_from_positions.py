"""Steps that read both the positions and ``positions + 1`` (issue 19, item 2): vLLM's "the compressed block count
grew" test, ``n_blocks(positions + 1) > n_blocks(positions)``, reads the positions beside the lengths, so the
lengths are no node every input of the condition passes through, and the recogniser would take the positions as
the lengths (a window of l - 1).

While the pass runs, every other read of ``p`` reads ``(p + 1) - 1`` instead: the same value for every integer
``p`` (both ops wrap modulo 2**bits, and undo each other), so the graph computes what it computed, and the
condition now depends on ``p`` only through ``s = p + 1``, which the recogniser takes as the lengths
(``sizes._lengths_source``: valid input bounds ``s`` to [0, capacity]).  Afterwards every read of ``(p + 1) - 1``
still in the graph (the KV append, attention, a step that did not fuse) reads ``p`` again.

Only an input that one comparison reads both as ``p`` and as ``p + 1`` is taken for positions (vLLM's block-count
test compares the two): valid input bounds positions to [-1, capacity - 1], lengths to [0, capacity], and an input
the model compares as itself and merely advances (``return cache, lens + 1``; ``lens.add_(1)`` after the step) is
lengths, which may reach the capacity, where ``lens + 1`` would pass it (red-team 24 F1: the op raised there, or
in GE graphs wrote nothing, where eager wrote the row).  And the positions reading must not cut off a position
the model itself serves: where a step still reads only table entries in range at ``p = capacity`` (its window
clamped, red-team 28 B1), eager serves that position and the op (``s = capacity + 1``) cannot, so the step is
refused (``sizes.SizesProof.check_position_past_the_cache``).
"""
from __future__ import annotations

import torch
import torch.fx as fx

aten = torch.ops.aten
# node.meta key of a ``p + 1`` that :func:`expose` made the lengths of the steps reading ``p``
EXPOSED = "nsa_fusion_positions_exposed"


def expose(graph: fx.Graph) -> list:
    """Reroute the other reads of each ``p`` that has a ``p + 1`` in ``graph`` through ``(p + 1) - 1``; returns
    [(p, the ``- 1`` node)] for :func:`restore`."""
    done = []
    for plus in list(graph.nodes):
        if not _plus_one(plus):
            continue
        p = plus.args[0]
        others = [u for u in p.users if u is not plus]
        if not others or not (_compared(plus) & _compared(*others)):
            continue
        # (p + 1 reads only the input p: it may move up front, before the reads of p it now feeds)
        first = next(n for n in graph.nodes if n.op != "placeholder")
        if first is not plus:
            first.prepend(plus)
        with graph.inserting_after(plus):
            minus = graph.call_function(aten.sub.Tensor, (plus, 1))
        val = plus.meta["val"]
        with val.fake_mode:
            minus.meta["val"] = val - 1
        for u in others:
            u.replace_input_with(p, minus)
        plus.meta[EXPOSED] = True  # (sizes.SizesProof.check_position_past_the_cache reads it)
        done.append((p, minus))
    return done


def restore(graph: fx.Graph, done: list) -> None:
    """Every read of a ``(p + 1) - 1`` left in the graph reads ``p`` again."""
    nodes = set(graph.nodes)
    for p, minus in done:
        if minus in nodes:
            minus.replace_all_uses_with(p)
            graph.erase_node(minus)


def _plus_one(n: fx.Node) -> bool:
    """``p + 1`` on a [B] int32/int64 graph input ``p`` (the positions)."""
    if n.op != "call_function" or n.target is not aten.add.Tensor or n.args[1:] != (1,) or n.kwargs.get("alpha", 1) != 1:
        return False
    p = n.args[0]
    v = p.meta.get("val") if isinstance(p, fx.Node) else None
    return p.op == "placeholder" and isinstance(v, torch.Tensor) and v.dim() == 1 \
        and v.dtype in (torch.int32, torch.int64) and getattr(n.meta.get("val"), "fake_mode", None) is not None


_COMPARISONS = {aten.ge.Tensor, aten.ge.Scalar, aten.gt.Tensor, aten.gt.Scalar, aten.le.Tensor, aten.le.Scalar,
                aten.lt.Tensor, aten.lt.Scalar, aten.eq.Tensor, aten.eq.Scalar, aten.ne.Tensor, aten.ne.Scalar}


def _compared(*starts: fx.Node) -> set:
    """The comparisons that read any of ``starts`` (through any ops)."""
    seen, work, found = set(), list(starts), set()
    while work:
        n = work.pop()
        if n in seen:
            continue
        seen.add(n)
        if n.op == "call_function" and n.target in _COMPARISONS:
            found.add(n)
        work.extend(n.users)
    return found


def expose_page_counts(graph: fx.Graph) -> list:
    """FlashInfer's page counts read beside its lengths (models18 ``flashinfer_cudagraph_nhd_seqlens``): with
    ``s = (n - 1) * P + last_page_len`` (``n = indptr[1:] - indptr[:-1]``, ``sizes.flashinfer_lengths_parts``), a
    window clamped to the request's pages, ``minimum(p // P, (n - 1)[:, None])``, reads the indptr in its index
    arithmetic, whose values valid input does not bound.  While the pass runs, every other read of ``n - 1`` reads
    ``(s - 1) // P`` instead: equal on valid FlashInfer metadata (docs/contract.md: ``n >= 1``,
    ``1 <= last_page_len <= P``, so ``s - 1 = (n - 1) * P + (last_page_len - 1)`` with the remainder in
    ``[0, P)``), the metadata rule the lengths themselves are proven under.  The window then depends on the lengths
    alone.  Afterwards every read of ``(s - 1) // P`` still in the graph (attention, a step that did not fuse) reads
    ``n - 1`` again.  Returns [(``(s - 1) // P``, ``n - 1`` or how to build it)] for :func:`restore_page_counts`."""
    order = {n: i for i, n in enumerate(graph.nodes)}
    done = []
    for s in list(order):
        try:
            _expose_counts_of(graph, s, order, done)
        except Exception as exc:  # pragma: no cover - a spelling the matchers do not expect: read as written
            from .diagnostics import log

            log.warning("nsa_fusion: reading the page counts beside %s failed (%s); left as written", s.name, exc)
    return done


def _expose_counts_of(graph: fx.Graph, s: fx.Node, order: dict, done: list) -> None:
    """:func:`expose_page_counts` for one lengths node ``s``; each reroute is recorded in ``done`` before it is made
    (a failure half-way is restored like the rest)."""
    from .patterns.sizes import _pages_minus_one, flashinfer_lengths_parts
    from .pool_tables import _call

    parts = flashinfer_lengths_parts(s) if s.op == "call_function" else None
    if parts is None or not isinstance(parts[1], int) or parts[1] <= 0:
        return
    count, P = parts
    indptr = _pages_minus_one(count)
    counts = [m for m in count.args[0].users if m is not count and _pages_minus_one(m) is not None
              and _same_read(_pages_minus_one(m), indptr) and m.meta.get("val") is not None]
    counts += [m for m in _twins(count, indptr) if m not in counts]
    readers = [(m, [u for u in m.users if order.get(u, -1) > order[s]]) for m in counts]
    readers = [(m, us) for m, us in readers if us]
    if not readers:
        return
    with graph.inserting_after(s):
        minus = _call(graph, aten.sub.Tensor, (s, 1))
    with graph.inserting_after(minus):
        whole = _call(graph, aten.div.Tensor_mode, (minus, P), {"rounding_mode": "floor"})
    for m, users in readers:
        new = whole
        if m.meta["val"].dtype != whole.meta["val"].dtype:
            with graph.inserting_after(whole):
                new = _call(graph, torch.ops.prims.convert_element_type.default, (whole, m.meta["val"].dtype))
        done.append((new, m, m.args, m.kwargs, m.target, [new, whole, minus]))
        for u in users:
            u.replace_input_with(m, new)


def restore_page_counts(graph: fx.Graph, done: list) -> None:
    """Every read of a ``(s - 1) // P`` left in the graph reads ``n - 1`` again (built again where the pass removed
    it); what the exposure added and nothing reads is removed."""
    nodes = set(graph.nodes)
    for new, m, args, kwargs, target, _ in done:
        if new not in nodes or not new.users:
            continue
        if m not in nodes:
            if not all(a in nodes for a in fx.node.map_arg(args, lambda a: a) if isinstance(a, fx.Node)):
                continue  # pragma: no cover - (the count's own inputs gone: the equal value stays)
            with graph.inserting_before(new):
                m = graph.call_function(target, args, kwargs)
            nodes.add(m)
        new.replace_all_uses_with(m)
    for *_, added in done:
        for n in added:  # (in the order they read each other: the cast, the division, the subtraction)
            if n in nodes and not n.users:
                graph.erase_node(n)
                nodes.discard(n)


def _same_read(a: fx.Node, b: fx.Node) -> bool:
    """The same indptr: one node, or two prefix slices of one input with the same arguments."""
    return a is b or (a.op == b.op == "call_function" and a.target is b.target and a.args == b.args
                      and a.kwargs == b.kwargs)


def _twins(count: fx.Node, indptr: fx.Node) -> list:
    """Other ``n - 1`` nodes over other ``n`` nodes of the same indptr (the difference spelled twice)."""
    from .patterns.sizes import _pages_minus_one

    found = []
    roots = [indptr] + ([indptr.args[0]] if indptr.op == "call_function" else [])
    for root in roots:
        for sl in root.users:
            for diff in sl.users:
                for m in diff.users:
                    if m is not count and m not in found and _pages_minus_one(m) is not None and \
                            _same_read(_pages_minus_one(m), indptr) and m.meta.get("val") is not None:
                        found.append(m)
    return found
