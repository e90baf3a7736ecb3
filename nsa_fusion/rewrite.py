"""What a recognised step becomes in the graph, and how the cache is then written in place.

Replacement (:func:`replace_step`), for a :class:`~nsa_fusion.patterns.verify.Step`::

    before:  new = <the user's ~30 nodes>(kv, w, slots, table, lengths, cache)     # ends in a row write
    after:   new = cache.clone(); nsa_fusion.compress_infer_(kv, w[l, N], slots, table, lengths, new, l, d, P)

The replacement is traced from a plain-torch function with Inductor's own ``fwd_only`` (in the
graph's dialect: Inductor decompositions, or none for torchair) and inserted by the pattern
matcher's ``Match.replace_by_example``, which keeps the fake values and metadata consistent.
Below the op, :func:`nsa_fusion.lowering.emit_compress` picks the target (NPU op, GE scatter
fallback, portable op).

Re-inplacing (:func:`reinplace_clones`): a functionalized graph writes the cache back with
``copy_(cache_input, new)``.  When nothing reads the old cache after the fused call, the clone is
dead weight::

    before:  c = clone(cache); compress_infer_(.., c, ..); copy_(cache, c)
    after:   compress_infer_(.., cache, ..)

so the cost of the step grows with the rows it writes, never with the cache.  When the updated
cache is a graph output instead (a functional spelling such as ``return cache.to(dtype)``), the
clone stays: the caller asked for a new tensor.
"""
from __future__ import annotations

import dataclasses
import functools
import operator
from typing import Callable

import torch
import torch.fx as fx
from torch._inductor.decomposition import select_decomp_table
from torch._inductor.pattern_matcher import Match, MatchContext, fwd_only

from .patterns.verify import Step

aten = torch.ops.aten


@dataclasses.dataclass(frozen=True)
class Dialect:
    """How a graph family spells ops: the decompositions a replacement is traced with, and the
    lowering target name (``nsa_fusion.lowering.lowering_for``)."""

    name: str
    get_decomp_fn: Callable[[], dict]


def _no_decompositions():
    return {}


INDUCTOR = Dialect("inductor", select_decomp_table)
TORCHAIR = Dialect("torchair", _no_decompositions)
DIALECTS = {d.name: d for d in (INDUCTOR, TORCHAIR)}

FUSED_OP = torch.ops.nsa_fusion.compress_infer_.default


def _fused(step: Step, dialect: Dialect):
    """The replacement function for ``step``: the op's [l, N] weight from the user's weight tensor,
    then the lowering."""
    l, d, layout = step.l, step.d, step.weight_layout

    def op_weight(input, weight):
        N = input.shape[2]
        if layout == "mean":  # 1/l is exact in the input dtype: the recogniser proved l is a power of two
            return torch.full((l, N), 1.0 / l, dtype=input.dtype, device=input.device)
        if layout == "lN":
            return weight.reshape(l, N)
        return weight.reshape(N, l).t()

    def lower(input, weight, slots, table, lengths, cache):
        from .lowering import emit_compress, lowering_for

        # .to(): a frozen fp32 constant holding values of the input dtype (checked exact by the recogniser)
        w = op_weight(input, weight).to(input.dtype).contiguous()
        # int8/int16/uint8 ids and lengths (which the user's code widened on its own): the op takes
        # int32/int64; widening is exact
        slots, table, lengths = (x if x.dtype in (torch.int32, torch.int64) else x.to(torch.int64)
                                 for x in (slots, table, lengths))
        with lowering_for(dialect.name):
            return emit_compress(input, w, slots, table, lengths, cache, l, d)

    if layout == "mean":
        return lambda input, slots, table, lengths, cache: lower(input, None, slots, table, lengths, cache)
    return lower


def replace_step(step: Step, dialect: Dialect) -> fx.Node:
    """Replace the user's computation of ``step.new_cache`` by the fused call; returns the new node
    that now stands for the updated cache.  The replaced nodes become dead (the pass's DCE)."""
    graph = step.new_cache.graph
    args = [step.input] + ([step.weight] if step.weight_layout != "mean" else []) + \
        [step.slots, step.block_table, step.lengths, step.cache]
    ctx = MatchContext([step.new_cache], {step.new_cache: step.new_cache}, graph=graph)
    match = Match(ctx, step.new_cache)
    match.nodes = [step.new_cache]
    trace = functools.partial(fwd_only, run_functional_passes=False, get_decomp_fn=dialect.get_decomp_fn)
    users = list(step.new_cache.users)
    added = match.replace_by_example(_fused(step, dialect), args, trace_fn=trace)
    new = next((n for u in users for n in u.all_input_nodes if n in set(added)), None)
    return new if new is not None else added[-1]


def _view_key(node: fx.Node):
    """(tensor, dim, index) for ``select(x, dim, index)`` and ``unbind(x, dim)[index]`` (the same view
    of ``x``), else None."""
    if node.op != "call_function":
        return None
    if node.target is aten.select.int:
        x, dim, index = node.args[:3]
    elif node.target is operator.getitem and isinstance(node.args[0], fx.Node) \
            and node.args[0].op == "call_function" and node.args[0].target is aten.unbind.int:
        unbind = node.args[0]
        x, dim, index = unbind.args[0], (unbind.args[1] if len(unbind.args) > 1 else unbind.kwargs.get("dim", 0)), \
            node.args[1]
    else:
        return None
    shape = getattr(x.meta.get("val"), "shape", None) if isinstance(x, fx.Node) else None
    if shape is None or not isinstance(dim, int) or not isinstance(index, int):
        return None
    dim = dim % len(shape)
    size = shape[dim]
    if index < 0:
        if not isinstance(size, int):
            return None
        index += size
    return x, dim, index


def merge_duplicate_views(graph: fx.Graph) -> int:
    """Make every ``select(x, d, i)`` / ``unbind(x, d)[i]`` of one ``x`` the same node (the first).

    A stacked cache (``cmp_kv[0][slots] = where(..., cmp_kv[0][slots])``) is read and written through two
    separate picks of the same half in graphs without common-subexpression elimination (torchair's);
    the write's cache and the kept rows' cache must be one node for the keep to be proven.  Both picks
    are the same view of the same value, so merging them changes no value; a tensor mutated in the
    graph before the later pick is left alone."""
    order = {n: i for i, n in enumerate(graph.nodes)}
    mutated: dict[fx.Node, int] = {}
    for n in graph.nodes:
        schema = getattr(n.target, "_schema", None) if n.op == "call_function" else None
        if schema is not None and schema.is_mutable:
            for a in n.all_input_nodes:
                mutated.setdefault(a, order[n])
    first: dict = {}
    merged = 0
    for n in list(graph.nodes):
        key = _view_key(n)
        if key is None:
            continue
        earlier = first.setdefault(key, n)
        if earlier is n or mutated.get(key[0], len(order)) < order[n]:
            continue
        if n.meta.get("val") is not None and earlier.meta.get("val") is not None \
                and n.meta["val"].shape != earlier.meta["val"].shape:
            continue
        n.replace_all_uses_with(earlier)
        merged += 1
    if merged:
        graph.eliminate_dead_code()
    return merged


def fused_calls(graph: fx.Graph) -> list[fx.Node]:
    return [n for n in graph.nodes if n.op == "call_function" and n.target == FUSED_OP]


def reinplace_clones(graph: fx.Graph) -> int:
    """Make ``out = clone(cache); compress_infer_(.., out, ..); copy_(cache, out)`` write ``cache``
    (see the module docstring).  Only when every other reader of ``cache`` runs before the fused call
    (they must see the old value) and nothing writes ``out`` besides the op and the final ``copy_``."""
    done = 0
    order = {n: i for i, n in enumerate(graph.nodes)}
    for op in fused_calls(graph):
        clone = op.args[5]
        if not (isinstance(clone, fx.Node) and clone.target == aten.clone.default):
            continue
        base = clone.args[0]
        if base.op != "placeholder":
            continue
        copies = [u for u in clone.users if u.target == aten.copy_.default and u.args[0] is base and u.args[1] is clone]
        if len(copies) != 1:
            continue
        copy = copies[0]
        # every other reader of the cache input must see the value from before the write.  Left as it is,
        # the clone-op-copy_ form reaches Inductor 2.13's own reinplacing, which writes the input in place
        # regardless of a later reader (pytorch#198031, #198096)
        later = [u for u in base.users if u not in (clone, copy) and order[u] > order[op]]
        if later:
            # other readers of the old cache after the fused call (a second step reading the same cache,
            # functionalized): run the call after the last of them, if nothing reads its result before
            last = max(later, key=order.__getitem__)
            if any(u is not op and order[u] <= order[last] for u in clone.users):
                continue
            last.append(op)
            order[op] = order[last] + 0.5
        # readers of the new value must come after the op and no write other than the final copy_ may
        # touch the clone
        if any(u is not op and u is not copy and order[u] < order[op] for u in clone.users):
            continue
        op.update_arg(5, base)
        copy.replace_all_uses_with(base)
        graph.erase_node(copy)
        clone.replace_all_uses_with(base)
        graph.erase_node(clone)
        done += 1
    return done


def reinplace_mutation_outputs(graph: fx.Graph) -> int:
    """The same for graphs that *return* the updated cache instead of copying it back (AOTAutograd
    without ``keep_inference_input_mutations``, as vllm-ascend compiles): when AOTAutograd's metadata
    says the output is the cache input's mutation, the fused call writes the input itself and the graph
    returns the input; the runtime then copies the input onto itself, which torch skips::

        before:  c = clone(cache); compress_infer_(.., c, ..); return (c, ...)   # runtime: cache.copy_(c)
        after:   compress_infer_(.., cache, ..); return (cache, ...)             # runtime: cache.copy_(cache)

    A functional step (``return cache.to(dtype)``, the argument left untouched) is not a mutation of
    the input in that metadata, so it keeps its clone."""
    from torch._guards import TracingContext

    ctx = TracingContext.try_get()
    meta = getattr(ctx, "fw_metadata", None) if ctx is not None else None
    if meta is None or not getattr(meta, "mutated_inp_runtime_indices", None):
        return 0
    placeholders = [n for n in graph.nodes if n.op == "placeholder"]
    output = next(n for n in reversed(graph.nodes) if n.op == "output")
    outs = output.args[0] if isinstance(output.args[0], (list, tuple)) else [output.args[0]]
    order = {n: i for i, n in enumerate(graph.nodes)}
    done = 0
    for k, inp in enumerate(meta.mutated_inp_runtime_indices):
        if k >= len(outs) or inp >= len(placeholders):
            break
        clone, base = outs[k], placeholders[inp]
        info = meta.input_info[inp]
        if not (isinstance(clone, fx.Node) and clone.target == aten.clone.default and clone.args[0] is base) \
                or getattr(info, "mutates_metadata", False):
            continue
        ops = [u for u in clone.users if u.target == FUSED_OP and u.args[5] is clone]
        if len(ops) != 1 or any(u is not ops[0] and u is not output for u in clone.users):
            continue
        op = ops[0]
        if any(order[u] > order[op] for u in base.users if u is not clone):
            continue  # the old cache is read after the write
        op.update_arg(5, base)
        clone.replace_all_uses_with(base)
        graph.erase_node(clone)
        done += 1
    return done


# --- NPU streams (torchair's npu_stream_switch scopes) -------------------------------------------------
_SCOPE_ENTER, _SCOPE_EXIT = "air.scope_enter.default", "air.scope_exit.default"


def stream_labels(graph: fx.Graph) -> dict[fx.Node, object]:
    """The NPU stream each node runs on, from torchair's ``npu_stream_switch`` scope nodes (None: the
    default stream), as torchair's own ``add_stream_label_to_node_meta`` assigns them."""
    labels, stack, current = {}, [], None
    for node in graph.nodes:
        target = str(node.target)
        if target == _SCOPE_ENTER:
            stack.append(current)
            keys, values = (tuple(node.args) + ([], []))[:2]
            if "_user_stream_label" in keys:
                current = values[list(keys).index("_user_stream_label")]
            labels[node] = current
        elif target == _SCOPE_EXIT:
            labels[node] = current
            current = stack.pop() if stack else None
        else:
            labels[node] = current
    return labels


def has_stream_scopes(graph: fx.Graph) -> bool:
    return any(str(n.target) == _SCOPE_ENTER for n in graph.nodes if n.op == "call_function")
