"""What the recogniser knows about ATen ops: which ones move data, which ones compute, which ones write.

The recogniser never matches spellings; it only needs to know, for an op, *what kind of thing it
does to values*, so it can decide which subgraph plays which role and which arithmetic may sit
between the gathered tokens and the pooled row.  Both graph dialects appear here: Inductor's
post-grad graph (decomposed: ``prims.convert_element_type``, ``prims.iota``, ``bmm``) and torchair's
(un-decomposed: ``_to_copy``, ``arange``, ``floor_divide``, ``einsum``-free ``bmm``).
"""
from __future__ import annotations

import operator

import torch

aten = torch.ops.aten
prims = torch.ops.prims

FLOATS = (torch.float16, torch.bfloat16, torch.float32)
INTS = (torch.int32, torch.int64)

# Exact value-preserving reshuffles of one tensor (no arithmetic, no reads of other elements' values).
VIEWS = {
    aten.view.default, aten.reshape.default, aten._unsafe_view.default, aten.alias.default,
    aten.unsqueeze.default, aten.squeeze.dim, aten.squeeze.dims, aten.squeeze.default,
    aten.permute.default, aten.t.default, aten.transpose.int, aten.movedim.int, aten.expand.default,
    aten.expand_as.default, aten.clone.default, aten.contiguous.default, aten.detach.default,
    aten.flatten.using_ints, aten.unflatten.int, aten.slice.Tensor, aten.select.int, aten.narrow.default,
    aten.unfold.default, aten.as_strided.default, aten.diagonal.default, aten.lift_fresh_copy.default,
    aten.view_copy.default, aten._reshape_copy.default, aten.permute_copy.default, aten.expand_copy.default,
    aten.squeeze_copy.dim, aten.unsqueeze_copy.default, aten.t_copy.default, aten.transpose_copy.int,
    aten.slice_copy.Tensor, aten.select_copy.int, aten.alias_copy.default, aten.flip.default,
    aten.roll.default, aten.repeat.default, prims.rev.default,
}
# Views that keep the row-major element order of a contiguous tensor (safe to re-derive after the
# leading dimension of their input changes, see evaluate.py).
RESHAPES = {aten.view.default, aten.reshape.default, aten._unsafe_view.default, aten.view_copy.default,
            aten._reshape_copy.default, aten.flatten.using_ints, aten.unflatten.int}

CASTS = {prims.convert_element_type.default, aten._to_copy.default, aten.to.dtype}

# Gathers: output elements are copies of elements of the data operand chosen by index tensors.
# value -> the position of the data operand.
GATHERS = {
    aten.index.Tensor: 0, aten._unsafe_index.Tensor: 0, aten.gather.default: 0,
    aten.index_select.default: 0, aten.take.default: 0, aten.embedding.default: 0,
}
# Ops that assemble one tensor from several without arithmetic.
ASSEMBLE = {aten.cat.default, aten.stack.default, aten.split.Tensor, aten.split_with_sizes.default,
            aten.unbind.int, aten.slice_scatter.default, aten.select_scatter.default, operator.getitem}
# Data selection by a condition: where(cond, a, b), masked_fill(x, mask, value).
SELECTS = {aten.where.self, aten.masked_fill.Scalar}

# Arithmetic the pooling may contain.  Each is linear in the tokens as long as at most one factor of
# every product carries tokens (verify.py checks that); any token-free term (a bias) or wrong
# coefficient then shows up in the probes.  Values: the argument positions of the factors.
PRODUCTS = {aten.mul.Tensor: (0, 1), aten.mul.Scalar: (0,), aten.bmm.default: (0, 1), aten.mm.default: (0, 1),
            aten.matmul.default: (0, 1), aten.dot.default: (0, 1), aten.mv.default: (0, 1),
            aten.convolution.default: (0, 1), aten.addmm.default: (1, 2), aten.baddbmm.default: (1, 2),
            aten.addcmul.default: (1, 2)}
QUOTIENTS = {aten.div.Tensor, aten.div.Scalar}
SUMS = {aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar}
REDUCTIONS = {aten.sum.dim_IntList, aten.sum.default, aten.mean.dim, aten.mean.default, aten.avg_pool2d.default,
              aten.avg_pool1d.default, aten._adaptive_avg_pool2d.default}
NEGATIONS = {aten.neg.default}
ARITHMETIC = set(PRODUCTS) | QUOTIENTS | SUMS | REDUCTIONS | NEGATIONS

# Ops whose tensor argument contributes only its shape/dtype/device, never its values.
SHAPE_ONLY = {aten.sym_size.int, aten.sym_numel.default, aten.sym_stride.int, aten.zeros_like.default,
              aten.ones_like.default, aten.empty_like.default, aten.full_like.default, aten.new_zeros.default,
              aten.new_ones.default, aten.new_empty.default, aten.new_full.default}
# ...except the fill value of these, a scalar the filled tensor holds (a SymInt there is a size used as a value).
FILL_ARGS = {aten.full_like.default: 1, aten.new_full.default: 2, aten.full.default: 1, aten.scalar_tensor.default: 0}
_FIXED_FILLS = {aten.zeros.default: 0, aten.zeros_like.default: 0, aten.new_zeros.default: 0,
                aten.ones.default: 1, aten.ones_like.default: 1, aten.new_ones.default: 1}


def fill_value(node):
    """The scalar a constant fill writes everywhere (``full``, ``full_like``, ``new_full``,
    ``scalar_tensor``, zeros/ones and their ``_like``/``new_`` forms): the Python number or bool, or None
    for another op or a fill that is not a Python scalar (a SymInt)."""
    if not isinstance(node, torch.fx.Node) or node.op != "call_function":
        return None
    if node.target in _FIXED_FILLS:
        return _FIXED_FILLS[node.target]
    i = FILL_ARGS.get(node.target)
    if i is None:
        return None
    fill = node.args[i] if len(node.args) > i else node.kwargs.get("fill_value")
    return fill if isinstance(fill, (int, float, bool)) else None

# Row writes into the cache (functional forms, as functionalization leaves them), with the positions
# of (base, index, values) and the dim they write along (None: index_put's index list).
WRITES = {
    aten.index_put.default: (0, 1, 2), aten._unsafe_index_put.default: (0, 1, 2),
    aten.index_copy.default: (0, 2, 3), aten.scatter.src: (0, 2, 3),
}


def val(node):
    """The fake value recorded for ``node`` (tensor, SymInt, or None)."""
    if not isinstance(node, torch.fx.Node):
        return node
    v = node.meta.get("val")
    return v if v is not None else node.meta.get("example_value")


def size_hint(size) -> int | None:
    """An int size, or a symbolic size's compiled value (its hint); None where the shape env has none."""
    if isinstance(size, int):
        return size
    hint = getattr(getattr(size, "node", None), "hint", None)
    return int(hint) if isinstance(hint, int) else None


def tighten_bound(bounds: dict, expr, most: int) -> None:
    """Record ``expr <= most`` among the size bounds a proof needs guarded (fusion_pass._specialize), keeping the
    tightest where several rules bound one size."""
    bounds[expr] = min(most, bounds.get(expr, most))


def is_tensor(node) -> bool:
    return isinstance(val(node), torch.Tensor)


def holds_tensors(node) -> bool:
    """A tensor, or a tuple/list of them (split, unbind)."""
    v = val(node)
    return isinstance(v, torch.Tensor) or (isinstance(v, (tuple, list)) and any(isinstance(x, torch.Tensor) for x in v))


def dtype_of(node):
    v = val(node)
    return v.dtype if isinstance(v, torch.Tensor) else None


def is_float(node) -> bool:
    return dtype_of(node) in FLOATS + (torch.float64,)


def is_int(node) -> bool:
    return dtype_of(node) in (torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8)


def target_of(node) -> object:
    return node.target if node.op == "call_function" else node.op


def op_name(node) -> str:
    t = node.target
    return f"{t.__module__}.{t.__name__}" if callable(t) and t.__module__ == "_operator" else str(t)


def value_inputs(node: torch.fx.Node) -> list[torch.fx.Node]:
    """The tensor-valued inputs whose *values* ``node`` reads (not those it only takes a size from)."""
    if node.op != "call_function":
        return []
    if node.target in SHAPE_ONLY:
        return []
    return [a for a in node.all_input_nodes if holds_tensors(a)]


def data_inputs(node: torch.fx.Node) -> list[torch.fx.Node]:
    """For a data-movement node, the inputs whose *elements* it moves (not its indices or conditions)."""
    t = node.target
    if t in GATHERS:
        return [node.args[GATHERS[t]]]
    if t in VIEWS or t in CASTS:
        return [node.args[0]]
    if t is aten.where.self:
        return [a for a in node.args[1:3] if isinstance(a, torch.fx.Node)]
    if t is aten.masked_fill.Scalar:
        return [node.args[0]]
    if t in ASSEMBLE:
        return [a for a in node.all_input_nodes if holds_tensors(a)]
    return []


def is_data_movement(node: torch.fx.Node) -> bool:
    return node.op == "call_function" and (node.target in VIEWS or node.target in CASTS or node.target in GATHERS
                                           or node.target in ASSEMBLE or node.target in SELECTS)


def data_root(n):
    """The tensor whose elements ``n`` moves: back through data movement (casts, views, the data operand of gathers:
    ``T[r]``, a batch's pool rows, is ``T``'s) while it has one data input, to a graph input or the first
    computation."""
    seen = set()
    while isinstance(n, torch.fx.Node) and n not in seen and is_data_movement(n):
        seen.add(n)
        data = data_inputs(n)
        if len(data) != 1 or not isinstance(data[0], torch.fx.Node):
            break
        n = data[0]
    return n


def slice_args(n: torch.fx.Node) -> tuple:
    """(dim, start, end, step) of a ``slice`` or ``slice_scatter`` node with its defaults spelled out (two spellings
    of one slice compare equal)."""
    first = 1 if n.target is aten.slice.Tensor else 2
    return tuple((list(n.args[first:]) + [0, None, None, 1][len(n.args) - first:])[:4])


def is_mutation(node: torch.fx.Node) -> bool:
    schema = getattr(node.target, "_schema", None)
    return bool(schema is not None and schema.is_mutable)


def written_args(node: torch.fx.Node) -> list:
    """The arguments an ATen op's schema says it writes (``copy_``'s self, the fused op's cache ...)."""
    if node.op != "call_function" or not isinstance(node.target, torch._ops.OpOverload):
        return []
    return [node.args[i] if i < len(node.args) else node.kwargs.get(arg.name)
            for i, arg in enumerate(node.target._schema.arguments)
            if arg.alias_info is not None and arg.alias_info.is_write]


# Views that may share storage with their input (a write through one writes the input).
ALIASING_VIEWS = VIEWS - {aten.clone.default, aten.lift_fresh_copy.default, aten.view_copy.default,
                          aten._reshape_copy.default, aten.permute_copy.default, aten.expand_copy.default,
                          aten.squeeze_copy.dim, aten.unsqueeze_copy.default, aten.t_copy.default,
                          aten.transpose_copy.int, aten.slice_copy.Tensor, aten.select_copy.int,
                          aten.alias_copy.default, aten.flip.default, aten.roll.default, aten.repeat.default,
                          prims.rev.default}


def written_in_place(node: torch.fx.Node) -> torch.fx.Node | None:
    """An op that writes ``node`` in place, directly or through a view of it, or None.  A functional
    graph has none but its epilogue ``copy_`` into inputs; a step already fused on a copy of the cache
    (``out = cache.clone(); compress_infer_(.., out)``) writes that copy, so ``out`` no longer holds what
    its producers compute: walks and evaluations must stop at it (red team round 6, J3)."""
    seen, work = set(), [node]
    while work:
        n = work.pop()
        if n in seen:
            continue
        seen.add(n)
        for user in n.users:
            if any(arg is n for arg in written_args(user)):
                return user
            if user.op == "call_function" and user.target in ALIASING_VIEWS and user.args and user.args[0] is n:
                work.append(user)
    return None
