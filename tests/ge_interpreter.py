"""A small interpreter for the GE graphs torchair builds, so that the tests get numbers from the GE
graph itself and not only from torchair's eager FX fallback (``debug.run_eagerly``).

How a graph is obtained (:func:`capture_ge_graphs`, pytest ``monkeypatch``; torchair is not edited):

* ``GeConcreteGraph.optimize_graph_without_runtime`` is wrapped to record the concrete graph once
  torchair has run its GE passes on it (dead-Data removal and Data re-indexing, the ref-op / Assign
  optimisation, the graph-output-to-ref-input mapping, control edges for side-effect ops).  That is
  the graph torchair would hand to GE; with ``run_eagerly`` torchair then drops it and returns the FX
  graph.
* ``_NpuFxCompiler._gen_compiled_gm`` is wrapped so that the callable it returns records its
  runtime arguments (the FX graph's flat inputs, SymInts included) on the first call, as clones
  taken *before* the eager run mutates them.

How a graph is run (:meth:`CapturedGraph.run`): torchair's own ``GeConcreteGraph.__call__`` is
called on fresh clones of those arguments, with the graph's native executor (``TorchNpuGraph``, a
no-op fake on CPU) replaced by :class:`GeExecutor`.  So torchair itself maps FX arguments to Data
indices (its generated input-process code), passes ``assigned_outputs`` for outputs that reuse an
input's memory, copies ref Data back into cloned (non-contiguous) inputs, and builds the FX outputs
(``ViewOfInput`` outputs are read back from the arguments after the run).  :class:`GeExecutor.load`
receives what GE receives -- the serialized ``ModelDef`` -- and evaluates it with torch on CPU.

Evaluation rules (:func:`evaluate`):

* GE prunes every node that the NetOutput does not reach through data or control edges (torchair adds
  a control edge from each ``dont_prune_me`` op), so only those nodes are evaluated, in dependency
  order.  A converter that forgets ``dont_prune_me`` on a side-effect-only op therefore loses its
  effect here too.
* An op type without a handler raises :class:`UnsupportedGeOp` naming it: nothing is skipped.
* Data ``index`` selects the runtime input; the input tensor itself (not a copy) flows through the
  graph, so a ref op that writes its ref input writes the caller's tensor, as on the device.  All
  other handlers are functional and never write their inputs.
* Checks that GE or the vendor kernel would fail on raise :class:`GeCheckError`.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import Callable

import numpy as np
import torch

__all__ = ["UnsupportedGeOp", "GeCheckError", "CapturedGraph", "GeExecutor", "capture_ge_graphs", "evaluate",
           "producer", "SUPPORTED_OPS"]


class UnsupportedGeOp(NotImplementedError):
    """The graph holds an op type this interpreter has no semantics for."""


class GeCheckError(AssertionError):
    """Something GE, or the vendor op's IR / tiling, would reject."""


# --- capture -------------------------------------------------------------------------------------------


def _snapshot(value):
    return value.detach().clone() if isinstance(value, torch.Tensor) else value


@dataclasses.dataclass
class CapturedGraph:
    """One GE graph torchair built, and the FX runtime arguments of its first call."""

    concrete: object  # torchair's GeConcreteGraph, after its GE passes
    runtime_args: list | None = None  # snapshot (clones) of the first call's arguments, before it ran
    originals: list | None = None  # the argument objects of that call (to locate a caller's tensor)

    @property
    def graph_def(self):
        """The GE GraphDef proto (as built; :class:`GeExecutor` evaluates its serialized copy)."""
        return self.concrete.graph._proto

    def ops(self, op_type: str | None = None) -> list:
        return [op for op in self.graph_def.op if op_type is None or op.type == op_type]

    def arg_index(self, tensor: torch.Tensor) -> int:
        """Position, among the FX runtime arguments, of the caller's ``tensor`` (by identity or storage)."""
        for i, arg in enumerate(self.originals or ()):
            if arg is tensor or (isinstance(arg, torch.Tensor) and arg.data_ptr() == tensor.data_ptr()
                                 and arg.shape == tensor.shape and arg.dtype == tensor.dtype):
                return i
        raise LookupError("tensor is not one of the graph's runtime arguments")

    def fx_arg_of_data(self, index: int) -> int:
        """The FX runtime argument torchair binds to the Data with ``index`` (its input-process table)."""
        return self.concrete._input_info_list[index].func.fx_input_idx

    def fresh_args(self) -> list:
        if self.runtime_args is None:
            raise RuntimeError("the compiled graph was never called: no runtime arguments recorded")
        return [_snapshot(a) for a in self.runtime_args]

    def run(self, args: list | None = None):
        """Run the GE graph through torchair's ``GeConcreteGraph.__call__`` on ``args`` (default: fresh
        clones of the recorded arguments).  Returns ``(fx_outputs, args)``; ref inputs of ``args`` are
        updated in place, as GE updates the caller's tensors."""
        args = self.fresh_args() if args is None else args
        graph = self.concrete.graph
        if not isinstance(graph._executor, GeExecutor):
            graph._executor = GeExecutor()
            self.concrete._is_compiled = False  # makes __call__ load (serialize) the graph into our executor
        torchair_logger = logging.getLogger("torchair")
        level = torchair_logger.level
        torchair_logger.setLevel(logging.ERROR)  # __call__ logs an EVENT line per run
        try:
            return tuple(self.concrete(*args)), args
        finally:
            torchair_logger.setLevel(level)


def capture_ge_graphs(monkeypatch) -> list[CapturedGraph]:
    """Record every GE graph torchair builds while ``monkeypatch`` is active (see the module doc)."""
    from torchair import npu_fx_compiler
    from torchair._ge_concrete_graph.fx2ge_converter import GeConcreteGraph

    captured: list[CapturedGraph] = []
    built: list = []
    real_optimize = GeConcreteGraph.optimize_graph_without_runtime
    real_gen = npu_fx_compiler._NpuFxCompiler._gen_compiled_gm

    def optimize_graph_without_runtime(self, *args, **kwargs):
        result = real_optimize(self, *args, **kwargs)
        built.append(self)
        return result

    def _gen_compiled_gm(self, gm, example_inputs, observer):
        start = len(built)
        runner = real_gen(self, gm, example_inputs, observer)
        if len(built) == start:  # not a GE (max-autotune) graph
            return runner
        cap = CapturedGraph(built[-1])
        captured.append(cap)

        def run_and_record(*args, **kwargs):
            if cap.runtime_args is None:
                cap.originals = list(args)
                cap.runtime_args = [_snapshot(a) for a in args]
            return runner(*args, **kwargs)

        return run_and_record

    monkeypatch.setattr(GeConcreteGraph, "optimize_graph_without_runtime", optimize_graph_without_runtime)
    monkeypatch.setattr(npu_fx_compiler._NpuFxCompiler, "_gen_compiled_gm", _gen_compiled_gm)
    return captured


class GeExecutor:
    """Stands in for torchair's ``TorchNpuGraph`` (the native GE session) behind a ``GeGraph``."""

    def __init__(self):
        self.graph_def = None
        self.options: dict = {}
        self.runs = 0

    def load(self, ge_graph, options=None):
        from torchair._ge_concrete_graph.ge_ir_pb2 import ModelDef

        model = ModelDef()
        model.ParseFromString(ge_graph.SerializeToString())  # exactly the bytes GE would be given
        self.graph_def = model.graph[0]
        self.options = dict(options or {})

    def compile(self):
        if self.graph_def is None:
            raise RuntimeError("GeExecutor.compile before load")

    def auto_tune(self, *args, **kwargs):
        raise UnsupportedGeOp("auto_tune")

    def run(self, inputs, assigned_outputs=(), stream=None):
        self.runs += 1
        return evaluate(self.graph_def, list(inputs), list(assigned_outputs or ()))


# --- evaluation ----------------------------------------------------------------------------------------

_HANDLERS: dict[str, Callable] = {}


def _op(*types):
    def register(fn):
        for t in types:
            _HANDLERS[t] = fn
        return fn

    return register


def _edge(name: str) -> tuple[str, int]:
    op, _, idx = name.rpartition(":")
    return op, int(idx)


def producer(graph_def, edge: str):
    """The op that produces ``edge`` ("op_name:index")."""
    name, _ = _edge(edge)
    return next(op for op in graph_def.op if op.name == name)


def _order(graph_def) -> list:
    """The ops NetOutput reaches through data and control edges, producers first (GE prunes the rest)."""
    ops = {op.name: op for op in graph_def.op}
    outs = [op for op in graph_def.op if op.type == "NetOutput"]
    if len(outs) != 1:
        raise GeCheckError(f"expected one NetOutput, found {len(outs)}")
    order, state = [], {}
    stack = [(outs[0], False)]
    while stack:
        op, done = stack.pop()
        if done:
            state[op.name] = 2
            order.append(op)
            continue
        if state.get(op.name) == 2:
            continue
        if state.get(op.name) == 1:
            raise GeCheckError(f"cycle through {op.name}")
        state[op.name] = 1
        stack.append((op, True))
        for edge in op.input:
            src = ops.get(_edge(edge)[0])
            if src is None:
                raise GeCheckError(f"{op.type} {op.name}: input {edge} has no producer")
            if state.get(src.name) != 2:
                stack.append((src, False))
    return order


def evaluate(graph_def, inputs: list, assigned_outputs: list = ()) -> list:
    """Evaluate ``graph_def`` on ``inputs`` (by Data index); outputs in NetOutput order.  An output with
    an ``assigned_outputs`` tensor is written into it (GE's ``outputReuseInputMemIndexes``)."""
    values: dict[tuple[str, int], torch.Tensor] = {}
    outputs = None
    for op in _order(graph_def):
        data_in = [values[_edge(e)] for e in op.input if _edge(e)[1] >= 0]
        if op.type == "NetOutput":
            outputs = data_in
            continue
        handler = _HANDLERS.get(op.type)
        if handler is None:
            raise UnsupportedGeOp(f"GE interpreter: no semantics for op type {op.type!r} (node {op.name})")
        results = handler(op, data_in, inputs)
        for i, value in enumerate(results):
            values[(op.name, i)] = value
    for i, buffer in enumerate(assigned_outputs or ()):
        if buffer is not None:
            if buffer.shape != outputs[i].shape or buffer.dtype != outputs[i].dtype:
                raise GeCheckError(f"output {i} {tuple(outputs[i].shape)}/{outputs[i].dtype} cannot reuse input "
                                   f"memory {tuple(buffer.shape)}/{buffer.dtype}")
            if buffer.data_ptr() != outputs[i].data_ptr():
                buffer.copy_(outputs[i])
            outputs[i] = buffer
    return outputs


# --- helpers -------------------------------------------------------------------------------------------


def _torch_dtype(ge_dtype: int) -> torch.dtype:
    """``DataType`` attr value (Cast ``dst_type``, ...) -> torch dtype, with torchair's own table."""
    from torchair.ge._ge_graph import ge_type_to_torch_type

    return ge_type_to_torch_type(ge_dtype)


def _proto_dtype(proto_dtype: int) -> torch.dtype:
    """Tensor-descriptor dtype (the proto enum, numbered differently) -> torch dtype."""
    from torchair.ge._ge_graph import _ge_proto_dtype_to_ge_dtype

    return _torch_dtype(_ge_proto_dtype_to_ge_dtype(proto_dtype))


def _ints(attr) -> list[int]:
    return list(attr.list.i)


def _same_dtype(op, *ts):
    """GE's elementwise binaries take one type ``T`` for both operands; torchair inserts Casts."""
    if len({t.dtype for t in ts}) != 1:
        raise GeCheckError(f"{op.type} {op.name}: operand dtypes differ: {[t.dtype for t in ts]}")


# --- op semantics --------------------------------------------------------------------------------------
# Each handler: (op proto, data inputs in order, graph inputs) -> list of outputs.


@_op("Data", "RefData")
def _data(op, ins, inputs):
    """Graph input number ``index``: the caller's tensor itself (ref ops may write it).  GE checks the
    runtime tensor against the Data's declared dtype and shape (-1: any size, -2: any rank)."""
    value = inputs[op.attr["index"].i]
    desc = op.output_desc[0]
    if isinstance(value, torch.Tensor):
        if value.dtype != _proto_dtype(desc.dtype):
            raise GeCheckError(f"Data {op.name}: runtime dtype {value.dtype} != declared {_proto_dtype(desc.dtype)}")
        dims = list(desc.shape.dim)
        if dims != [-2] and (len(dims) != value.dim() or any(d >= 0 and d != s for d, s in zip(dims, value.shape))):
            raise GeCheckError(f"Data {op.name}: runtime shape {list(value.shape)} does not fit declared {dims}")
    return [value]


@_op("Const")
def _const(op, ins, inputs):
    """``value`` attr: a TensorDef whose data is the raw storage bytes torchair wrote (``ge.Const``)."""
    t = op.attr["value"].t
    dtype = _proto_dtype(t.desc.dtype)
    shape = list(t.desc.shape.dim)
    raw = bytearray(t.data)
    flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
    return [flat[: int(np.prod(shape))].reshape(shape).clone()]


@_op("Cast")
def _cast(op, ins, inputs):
    """``dst_type`` is a GE ``DataType`` value; values convert like torch's ``.to`` (GE rounds to nearest
    even for float narrowing, truncates float->int; the graphs here only cast ints and widen floats)."""
    return [ins[0].to(_torch_dtype(op.attr["dst_type"].i))]


@_op("Identity")
def _identity(op, ins, inputs):
    return [ins[0]]


@_op("Reshape")
def _reshape(op, ins, inputs):
    """``x`` with the shape given by an input tensor (one -1 allowed); ``axis``/``num_axes`` must be the
    whole shape."""
    if "num_axes" in op.attr and op.attr["num_axes"].i != -1:
        raise UnsupportedGeOp(f"Reshape num_axes={op.attr['num_axes'].i}")
    return [ins[0].reshape([int(s) for s in ins[1].reshape(-1).tolist()])]


@_op("Cumsum")
def _cumsum(op, ins, inputs):
    """Running sum along ``axis`` (a scalar input); ``exclusive`` / ``reverse`` attrs must be off."""
    for flag in ("exclusive", "reverse"):
        if flag in op.attr and op.attr[flag].b:
            raise UnsupportedGeOp(f"Cumsum {flag}=True")
    return [torch.cumsum(ins[0], dim=int(ins[1].reshape(()).item())).to(ins[0].dtype)]


@_op("ZerosLike")
def _zeros_like(op, ins, inputs):
    return [torch.zeros_like(ins[0])]


@_op("TensorMove")
def _tensor_move(op, ins, inputs):
    """A copy into new memory (torchair puts it in front of ref ops so they do not write a Data)."""
    return [ins[0].clone()]


@_op("Assign")
def _assign(op, ins, inputs):
    """Ref op: writes ``value`` into ``ref`` (a Data: the caller's tensor) and outputs ``ref``.  torchair
    lowers an input mutation (``copy_`` into a graph input) to it."""
    ref, value = ins
    if ref.shape != value.shape or ref.dtype != value.dtype:
        raise GeCheckError(f"Assign {op.name}: {tuple(value.shape)}/{value.dtype} into {tuple(ref.shape)}/{ref.dtype}")
    if ref.data_ptr() != value.data_ptr():
        ref.copy_(value)
    return [ref]


@_op("Unsqueeze")
def _unsqueeze(op, ins, inputs):
    """``axes`` are positions in the output (negative: counted from the output's end)."""
    x = ins[0]
    rank = x.dim() + len(_ints(op.attr["axes"]))
    for axis in sorted(a % rank for a in _ints(op.attr["axes"])):
        x = x.unsqueeze(axis)
    return [x]


def _binary(fn):
    def handler(op, ins, inputs):
        _same_dtype(op, *ins)
        return [fn(*ins)]

    return handler


_op("Add")(_binary(torch.add))
_op("Sub")(_binary(torch.sub))
_op("Mul")(_binary(torch.mul))
_op("FloorDiv")(_binary(torch.floor_divide))  # GE FloorDiv / FloorMod round toward -inf, like torch's
_op("FloorMod")(_binary(torch.remainder))
_op("Equal")(_binary(torch.eq))
_op("GreaterEqual")(_binary(torch.ge))
_op("Less")(_binary(torch.lt))
_op("LessEqual")(_binary(torch.le))
_op("Greater")(_binary(torch.gt))
_op("LogicalAnd")(_binary(torch.logical_and))


@_op("Range")
def _range(op, ins, inputs):
    """``[start, limit)`` by ``delta`` (scalar tensors)."""
    start, limit, delta = (t.item() for t in ins)
    dtype = torch.promote_types(torch.promote_types(ins[0].dtype, ins[1].dtype), ins[2].dtype)
    return [torch.arange(start, limit, delta, dtype=dtype)]


@_op("ClipByValueV2")
def _clip(op, ins, inputs):
    x, lo, hi = ins
    _same_dtype(op, x, lo, hi)
    return [torch.minimum(torch.maximum(x, lo), hi)]


@_op("GatherElements")
def _gather_elements(op, ins, inputs):
    """``out[i][j] = x[i][index[i][j]]`` along ``dim`` (torch.gather)."""
    return [torch.gather(ins[0], op.attr["dim"].i, ins[1].long())]


@_op("IndexByTensor")
def _index_by_tensor(op, ins, inputs):
    """aten.index: ``indices_mask[k]`` says whether dim k takes the next index tensor (else a full slice);
    the index tensors broadcast together, like torch advanced indexing."""
    x, index_tensors = ins[0], iter(ins[1:])
    mask = _ints(op.attr["indices_mask"])
    key = tuple(next(index_tensors).long() if m else slice(None) for m in mask)
    return [x[key]]


@_op("ReduceSum")
def _reduce_sum(op, ins, inputs):
    """Sum over ``axes`` (an input tensor); ``keep_dims`` attr.  Order of the adds is GE's own; torch's is
    used (the graphs here reduce in fp32 and are compared with a tolerance)."""
    axes = [int(a) for a in ins[1].reshape(-1).tolist()]
    keep = op.attr["keep_dims"].b if "keep_dims" in op.attr else False
    return [torch.sum(ins[0], dim=axes, keepdim=keep)]


@_op("ReduceMean")
def _reduce_mean(op, ins, inputs):
    """Mean over ``axes`` (an input tensor); ``keep_dims`` attr; torch's order of the adds, as for ReduceSum."""
    axes = [int(a) for a in ins[1].reshape(-1).tolist()]
    keep = op.attr["keep_dims"].b if "keep_dims" in op.attr else False
    return [torch.mean(ins[0], dim=axes, keepdim=keep)]


@_op("SelectV2")
def _select_v2(op, ins, inputs):
    cond, a, b = ins
    _same_dtype(op, a, b)
    return [torch.where(cond.bool(), a, b)]


@_op("BroadcastTo")
def _broadcast_to(op, ins, inputs):
    return [ins[0].expand([int(s) for s in ins[1].tolist()]).clone()]


@_op("Transpose")
def _transpose(op, ins, inputs):
    """``perm`` is an input tensor; GE tensors are dense, so the result is laid out anew."""
    return [ins[0].permute([int(p) for p in ins[1].tolist()]).contiguous()]


@_op("Shape")
def _shape(op, ins, inputs):
    """The input's runtime shape as a 1-D tensor of ``dtype`` (dynamic-shape graphs)."""
    return [torch.tensor(list(ins[0].shape), dtype=_torch_dtype(op.attr["dtype"].i))]


@_op("Gather")
def _gather(op, ins, inputs):
    """GE ``Gather`` (no axis input, unlike GatherV2): rows ``indices`` of ``x`` along axis 0."""
    if op.attr["batch_dims"].i != 0:
        raise UnsupportedGeOp(f"Gather batch_dims={op.attr['batch_dims'].i}")
    return [ins[0][ins[1].long()]]


@_op("GatherV2")
def _gather_v2(op, ins, inputs):
    """``x`` indexed by ``indices`` along ``axis`` (a scalar input tensor); a 0-d index drops the axis
    (torchair's aten.select)."""
    if "batch_dims" in op.attr and op.attr["batch_dims"].i != 0:
        raise UnsupportedGeOp(f"GatherV2 batch_dims={op.attr['batch_dims'].i}")
    x, indices, axis = ins
    axis = int(axis.reshape(()).item())
    picked = torch.index_select(x, axis, indices.reshape(-1).long())
    return [picked.reshape(*x.shape[:axis], *indices.shape, *x.shape[axis + 1:])]


@_op("Pack")
def _pack(op, ins, inputs):
    """Stacks its ``N`` (dynamic) inputs along ``axis``."""
    if op.attr["N"].i != len(ins):
        raise GeCheckError(f"Pack {op.name}: N={op.attr['N'].i} but {len(ins)} inputs")
    _same_dtype(op, *ins)
    return [torch.stack(ins, dim=op.attr["axis"].i)]


@_op("ConcatV2")
def _concat_v2(op, ins, inputs):
    """``N`` tensors, then ``concat_dim`` as a scalar input tensor (aten.cat)."""
    *xs, dim = ins
    if op.attr["N"].i != len(xs):
        raise GeCheckError(f"ConcatV2 {op.name}: N={op.attr['N'].i} but {len(xs)} inputs")
    _same_dtype(op, *xs)
    return [torch.cat(xs, dim=int(dim.reshape(()).item()))]


@_op("ArgMaxWithValue")
def _arg_max_with_value(op, ins, inputs):
    """aten.max.dim: outputs (indice, values) along ``dimension``; ``keep_dims`` attr.  Only the values
    are used here, and they do not depend on which of equal maxima is picked."""
    dim = op.attr["dimension"].i
    keep = op.attr["keep_dims"].b if "keep_dims" in op.attr else False
    values, indices = torch.max(ins[0], dim=dim, keepdim=keep)
    return [indices.to(torch.int32), values]


@_op("Fill")
def _fill(op, ins, inputs):
    """A tensor of shape ``dims`` filled with the scalar ``value`` (its dtype)."""
    dims, value = ins
    return [value.reshape(()).expand([int(s) for s in dims.tolist()]).clone()]


@_op("ScatterElements")
def _scatter_elements(op, ins, inputs):
    """Functional: a copy of ``data`` with ``data[index[i][j]][j] = updates[i][j]`` along ``axis``
    (reduction "none"); the write-back to the cache is the graph output reusing the cache input."""
    data, index, updates = ins
    reduction = op.attr["reduction"].s.decode() if "reduction" in op.attr else "none"
    if reduction != "none":
        raise UnsupportedGeOp(f"ScatterElements reduction {reduction!r}")
    _same_dtype(op, data, updates)
    return [torch.scatter(data, op.attr["axis"].i, index.long(), updates)]


@_op("ScatterNdUpdate")
def _scatter_nd_update(op, ins, inputs):
    """Ref op: writes ``updates[j]`` into ``var`` at the coordinates ``indices[j]`` (the last index
    dimension addresses the leading dimensions of ``var``) and outputs ``var``.  torchair puts a
    TensorMove in front of ``var`` (a copy), which its reference-op optimisation removes where the
    result is assigned back to the Data: the write then lands in the caller's tensor."""
    var, indices, updates = ins
    _same_dtype(op, var, updates)
    if indices.dtype not in (torch.int32, torch.int64):
        raise GeCheckError(f"ScatterNdUpdate {op.name}: indices of {indices.dtype}")
    k = indices.shape[-1]
    coords = indices.reshape(-1, k).long()
    if ((coords < 0) | (coords >= torch.tensor(var.shape[:k]))).any():
        raise GeCheckError(f"ScatterNdUpdate {op.name}: coordinates outside {tuple(var.shape[:k])}")
    var[tuple(coords.unbind(1))] = updates.reshape(-1, *var.shape[k:])
    return [var]


# --- NsaCompressWithCache ------------------------------------------------------------------------------

_ATTR_FIELD = {"VT_INT": "i", "VT_STRING": "s", "VT_FLOAT": "f", "VT_BOOL": "b", "VT_DATA_TYPE": "dt",
               "VT_LIST_INT": "list"}


def _bind_to_ir(op, ins) -> tuple[dict, dict]:
    """Inputs by name and attrs by name, checked against the IR definition registered for the op type
    (``torchair.core._torchair.get_registered_ir_def``: the vendor's on CPU, see torchair_cpu.py)."""
    from nsa_fusion.testing.torchair_cpu import VENDOR_IR_OPTIONAL_ATTRS
    from torchair.core import _torchair

    status, ir_inputs, ir_outputs, ir_attrs = _torchair.get_registered_ir_def(op.type)
    if status != "SUCCESS" or not ir_inputs:
        raise GeCheckError(f"{op.type}: no IR definition registered")
    names = [d.name for d in op.input_desc]
    if len(names) != len(ins):
        raise GeCheckError(f"{op.type}: {len(ins)} data inputs but {len(names)} input descs")
    order = [n for n, _ in ir_inputs]
    unknown = [n for n in names if n not in order]
    if unknown:
        raise GeCheckError(f"{op.type}: inputs {unknown} are not in its IR {order}")
    if names != [n for n in order if n in names]:
        raise GeCheckError(f"{op.type}: inputs {names} are not in IR order {order}")
    missing = [n for n, kind in ir_inputs if kind == "required" and n not in names]
    if missing:
        raise GeCheckError(f"{op.type}: required inputs {missing} missing")
    if [d.name for d in op.output_desc] != [n for n, _ in ir_outputs]:
        raise GeCheckError(f"{op.type}: outputs {[d.name for d in op.output_desc]} != IR {ir_outputs}")
    ir_attr_kinds = dict(ir_attrs)
    optional = VENDOR_IR_OPTIONAL_ATTRS.get(op.type, {})
    attrs = {}
    for name, value in op.attr.items():
        if name.startswith("_"):  # torchair's private annotations
            continue
        if name not in ir_attr_kinds:
            raise GeCheckError(f"{op.type}: attr {name!r} is not in its IR {list(ir_attr_kinds)}")
        field = _ATTR_FIELD[ir_attr_kinds[name]]
        if value.WhichOneof("value") != field:
            raise GeCheckError(f"{op.type}: attr {name!r} is {value.WhichOneof('value')}, IR says "
                               f"{ir_attr_kinds[name]}")
        attrs[name] = getattr(value, field)
    for name in ir_attr_kinds:
        if name not in attrs:
            if name not in optional:
                raise GeCheckError(f"{op.type}: required attr {name!r} missing")
            attrs[name] = optional[name]
    attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in attrs.items()}
    return dict(zip(names, ins)), attrs


def _check_vendor_dtypes(op_type, named):
    from nsa_fusion.testing.torchair_cpu import VENDOR_IR_DTYPES

    got = {k: str(v.dtype).replace("torch.", "") for k, v in named.items()}
    if not any(all(combo[k] == got[k] for k in got) for combo in VENDOR_IR_DTYPES[op_type]):
        raise GeCheckError(f"{op_type}: input dtypes {got} match no dtype combination of the IR")


@_op("NsaCompressWithCache")
def _nsa_compress_with_cache(op, ins, inputs):
    """docs/contract.md / the vendor kernel (op_kernel/nsa_compress_with_cache.cpp): for batch b with
    ``s = act_seq_len[b]``, if ``s >= l and (s - l) % d == 0``:
    ``output_cache[slot_mapping[b]] = round(sum_j fp32(weight[j]) * fp32(token(s - l + j)))``, the sum in
    fp32 in window order; ``token(p)`` is row ``block_table[b, p // P] * P + p % P`` of ``input`` seen as
    ``[-1, N, D]`` with ``P = page_block_size`` (the kernel addresses it so).  ``output_cache`` is a ref:
    written in place, and it is the output.  The checks are the IR's and the tiling's
    (op_host/nsa_compress_with_cache_tiling*.cpp, docs/ascend_vendor_sources.md §2.2)."""
    named, attrs = _bind_to_ir(op, ins)
    if "act_seq_len" not in named or "block_table" not in named:
        raise UnsupportedGeOp("NsaCompressWithCache without act_seq_len / block_table (unpaged TND)")
    _check_vendor_dtypes(op.type, named)
    x, w, slots, cache = named["input"], named["weight"], named["slot_mapping"], named["output_cache"]
    lens, table = named["act_seq_len"], named["block_table"]
    l, d, P = attrs["compress_block_size"], attrs["compress_stride"], attrs["page_block_size"]

    def require(checks):
        for ok, why in checks:
            if not ok:
                raise GeCheckError(f"NsaCompressWithCache: {why} (l={l}, d={d}, P={P}, input {list(x.shape)}, "
                                   f"weight {list(w.shape)}, cache {list(cache.shape)}, block_table "
                                   f"{list(table.shape)})")

    require([
        (x.numel() and w.numel() and cache.numel(), "do not support empty input/weight/outputCache"),
        (l % 16 == 0, "compressBlockSize should be divisible by 16"),
        (d % 16 == 0, "compressStride should be divisible by 16"),
        (l >= d, "expect compressBlockSize >= compressStride"),
        (attrs["act_seq_len_type"] == 1, "actSeqLenType only support 1"),
        (attrs["layout"].upper() in ("BSH", "SBH", "BSND", "BNSD", "TND"), "layout"),
        (x.dim() == 4, "input must be [blockNum, pageBlockSize, N, D]"),
        (w.dim() == 2 and cache.dim() == 3 and table.dim() == 2, "weight [l, N], outputCache [slots, N, D], "
                                                                "blockTable [B, pages]"),
    ])
    N, D = x.shape[2], x.shape[3]  # the rank checks above come first: they make these reads valid
    require([
        (N == w.shape[1], "2nd dim of weight should equal to headNum"),
        (l == w.shape[0], "1st dim of weight should equal to compressBlockSize"),
        (N == cache.shape[1] and D == cache.shape[2], "outputCache must be [slots, headNum, headDim]"),
        (D % 16 == 0, "headDim should be divisible by 16"),
        (l <= 64, "do not support compressBlockSize larger than 64"),
        (0 < N <= 64 and not (N > 50 and N % 2), "headNum"),
        (lens.dim() == 1 and lens.shape[0] <= 2048, "act_seq_len [B], B <= 2048"),
        (slots.numel() >= lens.shape[0] and table.shape[0] >= lens.shape[0], "slot_mapping / block_table < B"),
    ])
    s = lens.long()
    batches = torch.nonzero((s >= l) & ((s - l) % d == 0)).flatten()
    if batches.numel() == 0:
        return [cache]
    pos = s[batches, None] - l + torch.arange(l)  # [Bq, l]
    rows = table.long()[batches[:, None], pos // P] * P + pos % P
    tokens = x.reshape(-1, N, D)[rows].float()  # [Bq, l, N, D]
    w32 = w.float()
    acc = torch.zeros(batches.numel(), N, D, dtype=torch.float32)
    for j in range(l):  # sequential fp32 accumulation in window order, product rounded first
        acc = acc + w32[j][None, :, None] * tokens[:, j]
    cache[slots.reshape(-1).long()[batches]] = acc.to(cache.dtype)
    return [cache]


SUPPORTED_OPS = frozenset(_HANDLERS) | {"NetOutput"}
