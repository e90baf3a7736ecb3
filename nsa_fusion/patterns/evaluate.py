"""Concrete evaluation of subgraphs of a compiled FX graph, on CPU, at chosen sizes.

The recogniser proves what a piece of the user's graph computes by running it: the mask on every
length, the gather and pooling on probe inputs, the write on a probe cache.  A :class:`Subgraph` is
the part of the graph between some *frontier* nodes (whose values the caller provides) and some
outputs, copied into its own ``GraphModule`` (so it can be called many times for the price of one
extraction) with every device argument rewritten to CPU (a check must never launch device kernels).

Sizes: a static graph bakes its sizes into shape lists (``iota(8)``, ``reshape([8, 1, 1])``), so it is
evaluated at its compiled sizes.  A dynamic graph carries SymInts: :class:`Sizes` maps every symbol
to an integer (its hint, or a perturbed assignment) and gives each frontier node its concrete shape.

Big tensors: the paged KV input and the cache can be gigabytes.  Only their leading dimension (pages,
slots) is large, and the recogniser's probes touch a few rows of it, so :class:`Subgraph` can shrink
that dimension: the reshapes on the tensor's path are re-derived for the smaller size, and anything
else whose shape depends on it makes the shrink impossible (then the caller evaluates at full size
or refuses).  See :meth:`Subgraph.__init__` (``shrink``).

Big batches: gather + pooling cost grows with the batch, and the compile does not, so a static graph's
step is evaluated at a few batch rows where :class:`BatchPlan` proves that every output row is the
same function of its own block-table row and length (see there).
"""
from __future__ import annotations

import contextvars
import math
import operator
from typing import Iterable, Sequence

import sympy
import torch
import torch.fx as fx

from . import optable as T
from .optable import CASTS, GATHERS, RESHAPES, SHAPE_ONLY, WRITES, is_mutation, val

aten = torch.ops.aten
prims = torch.ops.prims
# Ops that keep the leading dimension of their first input (a shrunk tensor stays shrunk through them).
SAME_SHAPE = CASTS | {aten.clone.default, aten.contiguous.default, aten.alias.default, aten.detach.default,
                      aten.copy.default, aten.where.self}
WRITE_BASE = set(WRITES)
GATHER_DATA = {t for t, pos in GATHERS.items() if pos == 0}


class EvaluationError(RuntimeError):
    """A subgraph could not be evaluated (an op that fails on CPU, an impossible shape...)."""


def shape_env_of(graph: fx.Graph):
    for node in graph.nodes:
        v = val(node)
        if isinstance(v, torch.Tensor) and getattr(v, "fake_mode", None) is not None:
            return v.fake_mode.shape_env
        if isinstance(v, torch.SymInt):
            return v.node.shape_env
    return None


def _marked_dims(env) -> dict | None:
    """symbol -> ``[(constraint, exact)]``, the constraints dynamo holds the input dims it stands for to (``exact``:
    the dim's size is the symbol itself, not an expression in it): ``RelaxedUnspecConstraint`` (a plain
    ``mark_dynamic``; ``warn_only`` for a dim dynamic after an automatic-dynamic recompile) or
    ``StrictMinMaxConstraint`` (``mark_dynamic(t, d, min=.., max=..)``).  Read from dynamo's tracing context (its
    ``tensor_to_context``, the symbolic contexts it fakified the inputs with), the only place that keeps the
    user's range apart from what later guards narrowed (``ShapeEnv.var_to_range`` holds both).  None where no
    dynamo tracing context is at hand (a graph handed to the pass outside ``torch.compile``)."""
    from torch._dynamo.source import TensorProperty
    from torch._guards import TracingContext

    context = TracingContext.try_get()
    if env is None or context is None:
        return None
    by_dim = {}
    for symbolic in list(context.tensor_to_context.values()):
        source, constraints = getattr(symbolic, "tensor_source", None), getattr(symbolic, "constraint_sizes", None)
        for dim, constraint in enumerate(constraints or ()):
            if source is not None and constraint is not None:
                by_dim[(source.name, dim)] = constraint
    marked = {}
    for sym, sources in env.var_to_sources.items():
        for source in sources:
            if getattr(source, "prop", None) is not TensorProperty.SIZE:
                continue
            constraint = by_dim.get((source.base.name, source.idx))
            if constraint is None:
                continue
            # (dynamo may have replaced the marked symbol by another one it is tied to, y + kv[:, 0, 0, 0]: the
            # graph's sizes are in the replacement's symbols, which carry the constraint; exact where the
            # replacement is a symbol itself, red team 62 T1)
            replaced = env.replace(sym)
            for free in getattr(replaced, "free_symbols", ()):
                marked.setdefault(free, []).append((constraint, replaced == free))
    return marked


def guard_breaks_a_marked_dim(env, expr, kind: str, most: int | None = None) -> str | None:
    """Why guarding ``expr`` -- ``kind`` ``"equal"`` (to its compiled value), ``"at_most"`` (``expr <= most``) or
    ``"divisible"`` (by a constant) -- would fail the compile, else None.  Dynamo raises ConstraintViolationError
    where a guard specializes a dim the user marked dynamic (red team 59 M1) or narrows the range the user gave it
    (red team 60 M2); a dim dynamic after an automatic-dynamic recompile (``warn_only``) or under
    ``dynamic=True`` (no constraint) takes any guard.  Without dynamo's tracing context, a symbol that is not
    duck-sized (``ShapeEnv.val_to_var``) is taken as marked for ``"equal"``, and other guards as free."""
    from torch.fx.experimental.symbolic_shapes import StrictMinMaxConstraint

    marked = _marked_dims(env)
    for sym in sorted(getattr(expr, "free_symbols", ()), key=str):
        if marked is None:
            if kind == "equal" and sym not in set(env.val_to_var.values()):
                return f"{sym} is not duck-sized (a dim marked dynamic): guarding it to one value fails the compile"
            continue
        for constraint, exact in marked.get(sym, ()):
            if getattr(constraint, "warn_only", False):
                continue
            if not isinstance(constraint, StrictMinMaxConstraint):
                if kind == "equal":
                    return f"{sym} is a dim marked dynamic: guarding it to one value fails the compile"
                continue
            vr = constraint.vr
            if kind == "equal" and vr.lower == vr.upper and exact:
                continue
            if kind == "at_most" and expr == sym and exact and most is not None and vr.upper <= most:
                continue
            shown = {"equal": "to one value", "at_most": f"to {expr} <= {most}", "divisible": "to a multiple"}[kind]
            return (f"{sym} is a dim marked dynamic in [{vr.lower}, {vr.upper}]: guarding it {shown} narrows that "
                    "range, which fails the compile")
    return None


def _hints(env) -> dict:
    """symbol -> hint (``backed_var_to_val`` on newer torch, ``var_to_val`` before)."""
    hints = getattr(env, "backed_var_to_val", None)
    return dict(hints if hints is not None else env.var_to_val)


def _expr(x):
    """The sympy expression of a SymInt, SymFloat or SymBool (or the number itself)."""
    if isinstance(x, (torch.SymInt, torch.SymFloat, torch.SymBool)):
        return x.node.expr
    return x


class Sizes:
    """A concrete value for every symbol of a dynamic graph (static graphs have none)."""

    def __init__(self, shape_env, assignment: dict | None = None):
        self.shape_env = shape_env
        self.assignment = dict(assignment or {})

    @classmethod
    def hints(cls, graph: fx.Graph) -> "Sizes":
        env = shape_env_of(graph)
        return cls(env, _hints(env) if env is not None else {})

    def with_values(self, changes: dict) -> "Sizes":
        return Sizes(self.shape_env, {**self.assignment, **changes})

    def int(self, x) -> int:
        e = _expr(x)
        if isinstance(e, (int, bool)):
            return int(e)
        if self.shape_env is not None:
            e = self.shape_env.replace(e)
        r = sympy.sympify(e).xreplace({s: sympy.Integer(v) for s, v in self.assignment.items()})
        if not r.is_number:
            raise EvaluationError(f"size {x} has no value in this assignment")
        return int(r)

    def shape(self, node_or_tensor) -> tuple[int, ...]:
        v = val(node_or_tensor) if isinstance(node_or_tensor, fx.Node) else node_or_tensor
        return tuple(self.int(s) for s in v.shape)

    def expr(self, x):
        """``x`` as a sympy expression in the graph's canonical symbols (an int stays an int)."""
        e = _expr(x)
        if isinstance(e, (int, bool)):
            return int(e)
        return sympy.sympify(self.shape_env.replace(e) if self.shape_env is not None else e)

    def symbols(self, x) -> set:
        e = _expr(x)
        if isinstance(e, (int, bool)):
            return set()
        if self.shape_env is not None:
            e = self.shape_env.replace(e)
        return set(sympy.sympify(e).free_symbols)

    def tied(self, symbols) -> set:
        """``symbols`` and every symbol a guard ``Eq(a, b)`` (or ``Eq(k * a, m * b)``, e.g. two flattened
        sizes) ties to them (dynamo's shape unification): a consistent perturbation moves them together,
        by the same factor."""
        env = self.shape_env
        out = set(symbols)
        if env is None:
            return out
        pairs = [p for p in map(_proportional_pair, (g.expr for g in env.guards)) if p]
        changed = True
        while changed:
            changed = False
            for a, b in pairs:
                if (a in out) != (b in out):
                    out |= {a, b}
                    changed = True
        return out

    def guards_hold(self) -> bool:
        """Whether this assignment satisfies the graph's guards (so a graph compiled under them could
        run at these sizes)."""
        env = self.shape_env
        if env is None:
            return True
        subs = {s: sympy.Integer(v) for s, v in self.assignment.items()}
        for s, v in self.assignment.items():
            rng = env.var_to_range.get(s)
            if rng is not None and not (rng.lower <= v <= rng.upper):
                return False
        for guard in env.guards:
            try:
                # (through dynamo's replacements, as ``int`` reads sizes: a symbol it replaced, s73 -> s37 + 1 for
                # FlashInfer's kv_indptr of B + 1 entries, moves with the symbols it was replaced by)
                ok = env.replace(guard.expr).xreplace(subs)
            except Exception:
                return False
            if ok is not sympy.true and ok is not True:
                return False
        return True


def _proportional_pair(expr):
    """``(a, b)`` if ``expr`` is ``Eq(k * a, m * b)`` for two symbols (a homogeneous linear equation in
    exactly two symbols), else None."""
    if not isinstance(expr, sympy.Eq) or len(expr.free_symbols) != 2:
        return None
    try:
        poly = sympy.Poly(sympy.expand(expr.lhs - expr.rhs), *sorted(expr.free_symbols, key=str))
    except sympy.PolynomialError:  # Mod, FloorDiv, ...
        return None
    if poly.total_degree() != 1 or poly.coeff_monomial(1) != 0:
        return None
    return tuple(sorted(expr.free_symbols, key=str))


def ancestors(outputs: Iterable[fx.Node], stop: Iterable[fx.Node] = (), *, past_sizes: bool = True) -> set[fx.Node]:
    """Every node ``outputs`` depend on (through any argument), not looking past ``stop``; with ``past_sizes``
    false, not past a size read (:func:`_is_size_read`) either."""
    stop = set(stop)
    seen: set[fx.Node] = set()
    work = [o for o in outputs if isinstance(o, fx.Node)]
    while work:
        n = work.pop()
        if n in seen or n in stop:
            continue
        seen.add(n)
        if past_sizes or not _is_size_read(n):
            work.extend(n.all_input_nodes)
    return seen


def _is_size_read(n: fx.Node) -> bool:
    """``sym_size(x, d)`` (or numel, stride) of a symbolic size: a number the size assignment gives, whatever computed
    ``x``.  (Not a static one: a static graph is evaluated at fewer batch rows than it has (:class:`BatchPlan`), where
    a size read must read the tensor as evaluated.)"""
    return n.op == "call_function" and n.target in (aten.sym_size.int, aten.sym_numel.default, aten.sym_stride.int) \
        and isinstance(val(n), torch.SymInt)


def _to_cpu(x):
    if isinstance(x, torch.device) and x.type != "cpu":
        return torch.device("cpu")
    if isinstance(x, (list, tuple)):
        return type(x)(_to_cpu(y) for y in x)
    return x


class Subgraph:
    """``outputs`` as a function of ``inputs`` (frontier nodes), callable on concrete tensors.

    Every other leaf the outputs reach must be a SymInt (given by :class:`Sizes`), a tensor read only
    for its shape (given as an empty tensor), or a ``get_attr`` constant holding a real tensor; any
    other leaf raises :class:`EvaluationError` naming it (the caller turns that into a role error).

    ``replace``: node -> callable(value of its first argument) -> its value instead (used to evaluate
    the pooled value before its rounding cast).

    ``shrink``: frontier node -> smaller leading size to evaluate it at (a static graph's paged KV or
    cache: only a few of their rows matter to a probe, and they may be gigabytes).  Possible when
    everything that carries the big leading dimension only casts, copies, reshapes, reads rows from or
    writes rows into the tensor; the reshapes are re-derived for the smaller size.  :meth:`can_shrink`
    says whether it is; otherwise the caller evaluates at full size.

    ``batch``: ``(roots, B, rows)``: evaluate at ``rows`` batch rows instead of ``B``, ``roots`` being
    the frontier nodes indexed by batch row (given ``rows`` rows); see :class:`BatchPlan`.  Raises
    :class:`EvaluationError` where the plan cannot prove the rows independent.
    """

    def __init__(self, outputs: Sequence[fx.Node], inputs: Sequence[fx.Node], *, replace=None, shrink=None,
                 batch=None):
        self.outputs = list(outputs)
        self.inputs = list(inputs)
        graph = self.outputs[0].graph
        inside = ancestors(self.outputs, self.inputs, past_sizes=False)
        # a size read of a tensor the step computes nothing else from (``sym_size(kv_after_append, 2)`` in a
        # reshape of the pooled rows, models23 vllm_v0_x_split_key_2l under dynamic=True) is a leaf, given by the
        # sizes like a shape-only leaf: evaluating what computed that tensor (the KV append, at slots the probes
        # never draw) would only fail.  A size read of a tensor that is evaluated anyway reads the real tensor.
        self.nodes = [n for n in graph.nodes if n in inside]
        self.leaves = [n for n in self.nodes if n.op in ("placeholder", "get_attr")
                       or _is_size_read(n) and n.args[0] not in inside and n.args[0] not in self.inputs]
        # leaves whose values matter (not only their shapes, e.g. zeros_like(cache.float()))
        self._values_read = _value_ancestors(self.outputs, set(self.inputs))
        for n in self.nodes:
            if n.op == "call_function" and is_mutation(n):
                raise EvaluationError(f"{n.name} ({n.target}) mutates a tensor inside the step")
        self._replace = dict(replace or {})
        self._shrink = dict(shrink or {})
        self._rescale: dict[fx.Node, tuple[int, int]] = {}
        for node, new in self._shrink.items():
            fixes = self.shrink_plan(node)
            if fixes is None:
                raise EvaluationError(f"cannot evaluate {node.name} at a smaller size")
            self._rescale.update({n: (_static_lead(node), new) for n in fixes})
        # batch: (row-indexed frontier nodes, their static batch size, the batch to evaluate at)
        self._batch = BatchPlan(self, *batch) if batch else None
        if self._batch is not None and set(self._batch.fixes) & set(self._rescale):
            raise EvaluationError("a reshape carries both the paged input's blocks and the batch")
        self._graph = None

    def shrink_plan(self, node: fx.Node) -> set | None:
        """The reshapes to re-derive if ``node``'s (static) leading size is shrunk, or None if some op
        depends on that size in another way."""
        old = _static_lead(node)
        if old is None:
            return None
        region, fixes = {node}, set()
        for n in self.nodes:
            if n is node:
                continue
            touched = [a for a in n.all_input_nodes if a in region]
            if not touched:
                if any(isinstance(a, int) and not isinstance(a, bool) and a >= old and a % old == 0
                       for a in _flat_args(n)):
                    return None  # a literal that may be the big size (a full(), an expand, ...)
                continue
            t = n.target
            lead = _static_lead(n)
            if t in GATHER_DATA and n.args[0] in region and not any(a in region for a in n.all_input_nodes[1:]):
                continue  # reads rows: its output no longer carries the big dimension
            if t is aten.sym_size.int and n.args[1] != 0:
                continue
            if lead is None or lead % old:
                return None
            if t in RESHAPES:
                fixes.add(n)
            elif not (t in SAME_SHAPE or (t in WRITE_BASE and n.args[0] in region)):
                return None
            region.add(n)
        return fixes

    # -- building ------------------------------------------------------------------------------------
    def _build(self):
        g = fx.Graph()
        env: dict[fx.Node, fx.Node] = {}
        for i, n in enumerate(self.inputs):
            env[n] = g.placeholder(f"in{i}_{n.name}")
        for i, n in enumerate(self.leaves):
            env[n] = g.placeholder(f"leaf{i}_{n.name}")
        self._calls = []
        for n in self.nodes:
            if n in env:
                continue
            args = fx.map_arg(n.args, lambda a: env[a])
            kwargs = {k: _to_cpu(v) for k, v in fx.map_arg(n.kwargs, lambda a: env[a]).items()}
            args = _to_cpu(args)
            new = g.call_function(n.target, args, kwargs)
            env[n] = new
        out = [env[o] for o in self.outputs]
        g.output(tuple(out))
        # run by an Interpreter over the bare graph: a GraphModule would generate and compile Python
        # code that is never called (about 1 ms per subgraph, in every compile the pass runs in)
        self._graph = g
        self._env = env

    def leaf_values(self, sizes: Sizes) -> list:
        """Values for the non-frontier leaves: SymInts from ``sizes``, shape-only tensors as empty
        tensors, constants from the owning module."""
        values = []
        for n in self.leaves:
            v = val(n)
            if isinstance(v, torch.SymInt) or isinstance(v, int):
                values.append(sizes.int(v))
                continue
            if isinstance(v, torch.Tensor) and n not in self._values_read:
                values.append(torch.empty(sizes.shape(n), dtype=v.dtype))
                continue
            if n.op == "get_attr":
                real = attr_value(n)
                if isinstance(real, torch.Tensor) and not _is_fake(real):
                    values.append(real.detach().cpu())
                    continue
            raise EvaluationError(f"the computation reads {n.name}, which is none of the step's inputs")
        return values

    def __call__(self, values: Sequence, sizes: Sizes) -> tuple:
        """Evaluate with ``values`` for ``inputs`` (in order)."""
        if self._graph is None:
            self._build()
        leaves = self.leaf_values(sizes)
        interp = _Runner(self, sizes)
        try:
            return interp.run(*values, *leaves)
        except EvaluationError:
            raise
        except Exception as exc:  # an op that cannot run at these sizes/values
            raise EvaluationError(f"{type(exc).__name__}: {exc}") from exc


def _static_lead(node: fx.Node):
    v = val(node)
    if isinstance(v, torch.Tensor) and v.dim() and isinstance(v.shape[0], int):
        return v.shape[0]
    return None


def _flat_args(node: fx.Node):
    out = []
    for a in list(node.args) + list(node.kwargs.values()):
        out.extend(a if isinstance(a, (list, tuple)) else [a])
    return out


def _value_ancestors(outputs, stop: set) -> set:
    """Nodes whose values (not only shapes) reach ``outputs``, not looking past ``stop``.  Unlike
    ``verify.value_ancestors`` it also follows SymInt arguments: a size computed from a tensor's values
    (``.item()``) makes that tensor's values matter to the evaluation."""
    seen, work = set(), list(outputs)
    while work:
        n = work.pop()
        if n in seen or n in stop:
            continue
        seen.add(n)
        if n.op == "call_function" and n.target not in SHAPE_ONLY:
            work.extend(a for a in n.all_input_nodes)
    return seen


def attr_value(node: fx.Node):
    """What a ``get_attr`` node names on its graph's module (None if it is not there)."""
    obj = node.graph.owning_module
    try:
        for part in str(node.target).split("."):
            obj = getattr(obj, part)
    except AttributeError:
        return None
    return obj


def _is_fake(t: torch.Tensor) -> bool:
    from torch._subclasses.fake_tensor import FakeTensor

    return isinstance(t, FakeTensor) or t.device.type == "meta"


_NO_MODULE = torch.nn.Module()  # the extracted graphs call functions only: no attributes, no submodules


class _Runner(fx.Interpreter):
    """Runs the extracted module node by node, applying ``replace``."""

    def __init__(self, sub: Subgraph, sizes: Sizes):
        super().__init__(_NO_MODULE, garbage_collect_values=True, graph=sub._graph)
        self.sub = sub
        self.sizes = sizes
        self.back = {v: k for k, v in sub._env.items()}  # new node -> original node

    def run_node(self, n):
        orig = self.back.get(n)
        if orig is not None and orig in self.sub._replace:
            args, _ = self.fetch_args_kwargs_from_env(n)
            return self.sub._replace[orig](args[0])
        if orig is not None and orig in self.sub._rescale:
            old, new = self.sub._rescale[orig]
            args, kwargs = self.fetch_args_kwargs_from_env(n)
            shape = list(args[1])
            if shape[0] != -1:
                shape[0] = shape[0] // old * new
            return n.target(args[0], shape, *args[2:], **kwargs)
        if orig is not None and self.sub._batch is not None and orig in self.sub._batch.fixes:
            args, kwargs = self.fetch_args_kwargs_from_env(n)
            args, kwargs = self.sub._batch.fixes[orig](list(args), dict(kwargs))
            return n.target(*args, **kwargs)
        return super().run_node(n)

    def call_function(self, target, args, kwargs):
        try:
            return super().call_function(target, args, kwargs)
        except RuntimeError:
            if target is not aten.view.default:
                raise
            # a view of a probe laid out otherwise than the graph's tensor (an expanded or permuted probe input, a
            # subgraph cut at a non-contiguous node): the same values as a reshape; nothing here writes through it
            # (the extracted subgraphs are functional), so the aliasing a view gives does not matter
            return aten.reshape.default(*args, **kwargs)


# --- evaluating a static graph at fewer batch rows -------------------------------------------------
# Ops whose output has the shape of their first input and whose values do not depend on it (or only
# elementwise): a batch-indexed input stays batch-indexed, row for row.
_LIKE = {aten.zeros_like.default, aten.ones_like.default, aten.full_like.default, aten.alias.default,
         aten.detach.default, aten.contiguous.default, aten._to_copy.default,
         aten.floor_divide.default}  # (elementwise, but not tagged pointwise)
_NEW_FILLS = {aten.new_zeros.default, aten.new_ones.default, aten.new_full.default}
_SHAPE_ARG = RESHAPES - {aten.flatten.using_ints, aten.unflatten.int}  # (those two take dims, not a shape)
_SHAPE_DERIVED = {aten.unsqueeze.default, aten.squeeze.dim, aten.squeeze.dims, aten.squeeze.default,
                  aten.flatten.using_ints}
_DIM_REDUCTIONS = {aten.sum.dim_IntList, aten.mean.dim, aten.amax.default, aten.amin.default, aten.any.dim,
                   aten.all.dim, aten.any.dims, aten.all.dims, aten.prod.dim_int}
# Scans along one dimension (the output keeps every dimension).
_SCANS = {aten.cumsum.default, aten.cumprod.default, aten.logcumsumexp.default}
# Ops returning a list of tensors along one dimension (read through getitem).
_SPLITS = {aten.split.Tensor, aten.split_with_sizes.default, aten.unbind.int, aten.chunk.default}
# Pooling over the last n dimensions, each leading index on its own.
_POOLS = {aten.avg_pool1d.default: 1, aten.avg_pool2d.default: 2, aten.avg_pool3d.default: 3,
          aten._adaptive_avg_pool2d.default: 2, aten.adaptive_avg_pool1d.default: 1}
# Constants evaluated to check how they vary along the batch (iota(B), full([B, 1], v)) stay small.
_MAX_CONSTANT = 1 << 16


def _is_pointwise(target) -> bool:
    tags = getattr(target, "tags", ())
    return torch.Tag.pointwise in tags and torch.Tag.nondeterministic_seeded not in tags


# Sizes at which a row-independence proof (BatchPlan with ``prove_only``) reads symbolic shapes.
_PROOF_SIZES: contextvars.ContextVar = contextvars.ContextVar("nsa_fusion_proof_sizes", default=None)


def _static_shape(node) -> tuple | None:
    v = val(node) if isinstance(node, fx.Node) else None
    if not isinstance(v, torch.Tensor):
        return None
    if not all(isinstance(s, int) for s in v.shape):
        sizes = _PROOF_SIZES.get()
        return None if sizes is None else tuple(sizes.shape(node))
    return tuple(v.shape)


class BatchPlan:
    """Evaluate a static graph's subgraph at ``rows`` of its ``B`` batch rows, soundly.

    What it proves, structurally, before anything runs: every node that depends on the ``roots``
    (the block table and lengths, ``B`` rows each) has one *batch dimension* ``k`` of size ``c * B``,
    batch-major, and its slab ``[b*c, (b+1)*c)`` along ``k`` is ``F(table[b], lengths[b])`` with one
    function ``F`` for every ``b`` (and independent of ``B``).  It holds for the roots, and each op
    keeps it: elementwise ops whose other operands are constant along the batch (size 1 there, or a
    constant tensor checked by evaluation to be constant along it); views and reshapes that keep the
    batch the major part of one dimension; reductions, gathers, matmuls, slices and selects over
    other dimensions; indexing where batch-indexed indices pick rows of batch-free data, or where the
    batch dimension of the data is indexed by the identity (``table[arange(B)[:, None], cols]``,
    checked by evaluation).  Anything else (an op over the batch dimension, rows read by data-dependent
    indices, a tensor that varies along the batch but is not derived from the roots) has no plan, and
    the caller evaluates at full size.

    Then the graph with each batch dimension cut to ``c * rows`` (shape arguments rewritten, constant
    operands narrowed: :attr:`fixes`) computes rows ``0 .. rows-1`` of the full graph, and a probe that
    puts each length in some row tests ``F`` exactly as a full-size probe would.
    """

    def __init__(self, sub: Subgraph, roots, B: int, rows: int):
        self.sub, self.B, self.rows = sub, B, rows
        if not 2 <= rows < B:
            raise EvaluationError(f"cannot cut a batch of {B} rows to {rows}")
        self._plan(roots)

    @classmethod
    def prove(cls, sub: "Subgraph", roots, sizes: "Sizes", B: int) -> "BatchPlan":
        """The plan's proof alone, for any graph: that every output row ``b`` is one function of the
        roots' row ``b`` (no row number, no batch size, no other row's values), read at the sizes
        ``sizes`` (a dynamic graph's shapes at one assignment: the rules look at which dimension holds
        the batch and at size-1 dimensions, which dynamo never makes symbolic).  Raises
        :class:`EvaluationError` where there is no plan."""
        plan = cls.__new__(cls)
        plan.sub, plan.B, plan.rows = sub, B, 1
        token = _PROOF_SIZES.set(sizes)
        try:
            plan._plan(roots)
        finally:
            _PROOF_SIZES.reset(token)
        return plan

    def _plan(self, roots):
        sub, B = self.sub, self.B
        self.dim: dict[fx.Node, tuple[int, int]] = {}  # node -> (batch dimension, c)
        self.fixes: dict[fx.Node, object] = {}  # node -> (args, kwargs) -> (args, kwargs) at ``rows``
        self.flat: dict[fx.Node, int] = {}  # flat row index b * R + q (see _row_offset_add) -> R
        self.flat_bounds: list = []  # (q, R): the caller proves 0 <= q < R on valid input
        # node -> (k, outer, c, outer as a polynomial in the sizes): the batch merged behind ``outer`` elements
        # of other dims (see _merged_behind)
        self.behind: dict[fx.Node, tuple] = {}
        for r in roots:
            shape = _static_shape(r)
            if shape is None or not shape or shape[0] != B and not self._rows_gathered(r):
                raise EvaluationError(f"{r.name} is not indexed by a static batch of {B} rows")
            self.dim[r] = (0, 1)
        for n in sub.nodes:
            if n in self.dim or n.op != "call_function" or \
                    not any(a in self.dim or a in self.behind for a in n.all_input_nodes):
                continue  # batch-free: does not change when the batch is cut
            if any(a in self.behind for a in n.all_input_nodes):
                if not self._rule_behind(n):
                    raise EvaluationError(f"{n.name} ({n.target}) mixes or reshapes batch rows (merged behind "
                                          "another dimension, which only copies, casts, reshapes and a batched "
                                          "matmul may read before its split)")
                continue
            if n.target in _SPLITS and n.args[0] in self.dim and not n.kwargs:
                # a list along another dimension than the batch: each part keeps it (unbind drops its dim)
                k, c = self.dim[n.args[0]]
                rank = _dim_of(n.args[0])
                d = _arg(n, 2 if n.target is not aten.unbind.int else 1, "dim", 0) % rank
                if d == k:
                    raise EvaluationError(f"{n.name} ({n.target}) splits the batch dimension")
                self.dim[n] = (k - 1 if n.target is aten.unbind.int and d < k else k, c)
                continue
            if n.target is operator.getitem and n.args[0] in self.dim and n.args[0].target in _SPLITS:
                self.dim[n] = self.dim[n.args[0]]
                continue
            if n.target in _NEW_FILLS and T.fill_value(n) is not None:
                continue  # x.new_zeros(shape): reads x's dtype and device only, a fill like full(shape, 0)
            if any(a in self.flat for a in n.all_input_nodes):
                out = None if _static_shape(n) is None else self._rule_flat(n)
                if out is None:
                    raise EvaluationError(f"{n.name} ({n.target}) uses a flat row index b * R + q other than to "
                                          "read row b's R entries")
                self.dim[n] = out
                continue
            if _static_shape(n) is None or any(isinstance(a, fx.Node) and a in self.dim for a in n.kwargs.values()):
                raise EvaluationError(f"{n.name} ({n.target}): no batch rule")
            try:
                out = self._rule(n)
            except Exception as exc:  # an argument of an unexpected form: no plan, never a crash
                raise EvaluationError(f"{n.name} ({n.target}): {type(exc).__name__}: {exc}") from exc
            if out is None and (self._merged_behind(n) or self._cat_behind(n)):
                continue
            if out is None:
                raise EvaluationError(f"{n.name} ({n.target}) mixes or reshapes batch rows")
            self.dim[n] = out
        for o in sub.outputs:
            if o not in self.dim:
                raise EvaluationError(f"{o.name} does not depend on the batch")

    # -- helpers ---------------------------------------------------------------------------------------
    def _cut(self, c: int) -> int:
        return c * self.rows

    def _same_slabs(self, node, d: int, c: int, identity: bool = False) -> bool:
        """Whether the batch-free ``node`` (``c * B`` long along ``d``) has the same slab
        ``[b*c, (b+1)*c)`` along ``d`` for every ``b`` (constant along ``d`` for ``c == 1``) or, with
        ``identity``, equals its index along ``d``.  Structurally (a broadcast, see
        ``_expanded_along``), else by evaluating it (a constant: it reads no frontier value)."""
        shape = _static_shape(node)
        if shape is None or shape[d] != c * self.B:
            return False
        if not identity and _expanded_along(node, d, self.B):
            return True
        if not identity and _filled(node):
            return True
        if _PROOF_SIZES.get() is not None and _reads_symbols(node):
            # its values at one size assignment say nothing about the others (iota(B) < 40 is constant
            # for B = 8): only structure counts, and an iota is its own index at every size
            return identity and _is_iota(node)
        if math.prod(shape) > _MAX_CONSTANT:
            return False
        try:
            v = Subgraph([node], [])([], _PROOF_SIZES.get() or Sizes(None))[0]
        except EvaluationError:
            return False
        if identity:
            view = [1] * v.dim()
            view[d] = -1
            want = torch.arange(v.shape[d]).reshape(view).expand_as(v)
            return not v.dtype.is_floating_point and torch.equal(v.to(torch.int64), want)
        slabs = v.unflatten(d, (self.B, c))
        return torch.equal(slabs, slabs.narrow(d, 0, 1).expand_as(slabs))

    def _narrow_args(self, narrow: dict):
        """A fix narrowing positional tensor args: {position: (dim, new size)}; position may be
        ``(i, j)`` for element j of a list argument."""
        def fix(args, kwargs):
            for pos, (d, size) in narrow.items():
                if isinstance(pos, tuple):
                    i, j = pos
                    args[i] = list(args[i])
                    args[i][j] = args[i][j].narrow(d, 0, size)
                else:
                    args[pos] = args[pos].narrow(d, 0, size)
            return args, kwargs
        return fix

    def _broadcast(self, operands, out_rank: int):
        """Operands (position, node) of a broadcasting op: the output's batch dimension (where the
        first batch-indexed operand puts it), c, and the batch-free operands to narrow; None if the
        operands do not all agree with it (see _align) or none is batch-indexed."""
        first = next((a for _, a in operands if a in self.dim), None)
        shape = _static_shape(first) if first is not None else None
        if shape is None:
            return None
        k, c = self.dim[first]
        q = k + out_rank - len(shape)
        narrow = self._align(operands, out_rank, q, c)
        return None if narrow is None else (q, c, narrow)

    def _align(self, operands, out_rank: int, q: int, c: int):
        """Check that broadcast operands agree with batch dimension ``q`` of the output: batch-indexed
        ones have it there, batch-free ones are constant along it (size 1, or a constant tensor found
        constant along it: narrowed at run time).  Returns {position: (dim, size)} to narrow, or None."""
        narrow = {}
        for pos, a in operands:
            shape = _static_shape(a)
            if shape is None:
                return None
            d = q - (out_rank - len(shape))
            if a in self.dim:
                if self.dim[a] != (d, c):
                    return None
                continue
            if d < 0 or shape[d] == 1:
                continue
            if not self._same_slabs(a, d, c):
                return None
            narrow[pos] = (d, self._cut(c))
        return narrow

    # -- rules -----------------------------------------------------------------------------------------
    def _rows_gathered(self, r: fx.Node) -> bool:
        """``r`` has more rows than the batch and is read only by gathers along another dim whose index has the
        batch's rows (models19's ``cmp_block_table.gather(1, col[:, None])`` with a table that dynamo does not tie
        to the batch: a gather's index may be shorter than its input on the other dims): row ``b`` of each reads
        ``r[b]`` alone, rows ``>= B`` are never read, so ``r`` is its first ``B`` rows here (the gather rule then
        needs the index batch-indexed)."""
        shape, B = _static_shape(r), self.B
        if shape is None or len(shape) < 2 or not shape[0] > B:
            return False
        users = [u for u in r.users if u in self.sub.nodes]
        return bool(users) and all(
            u.target is aten.gather.default and u.args[0] is r and not u.kwargs and _arg(u, 1, "dim") % len(shape) != 0
            and (_static_shape(_arg(u, 2, "index")) or [None])[0] == B for u in users)

    def _rule(self, n: fx.Node):
        t, args = n.target, n.args
        out_shape = _static_shape(n)
        x = args[0] if args else None
        if t in _LIKE or _is_pointwise(t):
            ops = [(i, a) for i, a in enumerate(args) if isinstance(a, fx.Node) and isinstance(val(a), torch.Tensor)]
            got = self._broadcast(ops, len(out_shape))
            if got is None:
                return self._row_offset_add(n)
            q, c, narrow = got
            if narrow:
                self.fixes[n] = self._narrow_args(narrow)
            return q, c
        if t is aten.baddbmm.default:  # beta * bias + alpha * bmm(b1, b2): each batch row of the bmm on its own
            return self._baddbmm_batch(n)
        if not isinstance(x, fx.Node) or x not in self.dim:
            return self._rule_batch_operand_elsewhere(n)
        k, c = self.dim[x]
        in_shape = _static_shape(x)
        if t in _SHAPE_ARG or t in _SHAPE_DERIVED:
            q = _reshaped_dim(in_shape, k, out_shape, self.B)
            if q is None:
                return None
            cq = out_shape[q] // self.B
            if t in _SHAPE_ARG:
                shape = list(out_shape)
                shape[q] = self._cut(cq)
                self.fixes[n] = lambda a, kw, shape=shape: ([a[0], shape, *a[2:]], kw)
            return q, cq
        if t is aten.expand.default:
            q = k + len(out_shape) - len(in_shape)
            sizes = list(args[1])
            sizes[q] = -1
            self.fixes[n] = lambda a, kw, sizes=sizes: ([a[0], sizes, *a[2:]], kw)
            return q, c
        if t is aten.permute.default:
            return [d % len(in_shape) for d in _arg(n, 1, "dims")].index(k), c
        if t in (aten.transpose.int, aten.t.default):
            d0, d1 = (_arg(n, 1, "dim0") % len(in_shape), _arg(n, 2, "dim1") % len(in_shape)) \
                if t is aten.transpose.int else (0, 1)
            return (d1 if k == d0 else d0 if k == d1 else k), c
        if t in (aten.slice.Tensor, aten.select.int, aten.unfold.default):
            d = _arg(n, 1, "dimension" if t is aten.unfold.default else "dim", 0) % len(in_shape)
            if d == k:
                return None
            return (k - 1 if t is aten.select.int and d < k else k), c
        if t in _DIM_REDUCTIONS:
            dims = _arg(n, 1, "dim")
            if not dims and dims != 0:  # None or []: over every dimension
                return None
            dims = {d % len(in_shape) for d in ([dims] if isinstance(dims, int) else dims)}
            keep = _arg(n, 2, "keepdim", False)
            if k in dims:
                return None
            return (k if keep else k - sum(1 for d in dims if d < k)), c
        if t is aten.gather.default:
            d, index = _arg(n, 1, "dim") % len(in_shape), _arg(n, 2, "index")
            if index in self.dim and self.dim[index] == (k, c) and d != k:
                return k, c
            return None
        if t is aten.index_select.default:
            d = _arg(n, 1, "dim") % len(in_shape)
            return (k, c) if d != k and _arg(n, 2, "index") not in self.dim else None
        if t is aten.index.Tensor:
            return self._rule_index(n)
        if t is aten.bmm.default:
            other = _arg(n, 1, "mat2")
            if k == 0:  # the bmm's own batch: the other operand batch-indexed there too, or constant
                return self._bmm_batch(n, c)
            return (1, c) if k == 1 and other not in self.dim else None
        if t is aten.mm.default:
            return (0, c) if k == 0 and _arg(n, 1, "mat2") not in self.dim else None
        if t is aten.mv.default:  # row m of the matrix times a batch-free vector (torchair's matmul([l], [B, l, C]))
            return (0, c) if k == 0 and _arg(n, 1, "vec") not in self.dim else None
        if t in _POOLS:
            return (k, c) if k < len(in_shape) - _POOLS[t] else None
        if t in _SCANS:
            return None if _arg(n, 1, "dim") % len(in_shape) == k else (k, c)
        if t is aten.convolution.default:  # each sample of the input's dim 0 convolved on its own
            weight = _arg(n, 1, "weight")
            if k != 0 or weight in self.dim or _arg(n, 2, "bias") in self.dim or len(in_shape) != _dim_of(weight):
                return None
            return 0, c
        if t is aten.as_strided.default:
            return self._rule_as_strided(n, c)
        if t is aten.diagonal.default:  # the two dims go, their diagonal comes last
            dims = {_arg(n, 2, "dim1", 0) % len(in_shape), _arg(n, 3, "dim2", 1) % len(in_shape)}
            return None if k in dims else (k - sum(1 for d in dims if d < k), c)
        return None

    # -- the batch merged behind another dimension (a matmul that broadcasts over the heads) ---------------
    # ``torch.matmul(w[:, None, None, :], x.permute(2, 0, 1, 3))`` ([N, 1, 1, l] @ [N, B, l, D]) runs as one bmm
    # over the heads and the batch merged into one dimension, heads first: ``reshape([N, B, l, D], [N * B, l,
    # D])``, ``bmm``, ``reshape(.., [N, B, 1, D])`` (models4 vllm_index_select_3l).  Along such a merged dimension
    # element ``m * B * c + b * c + j`` (m < outer, j < c) is still a function of row b's inputs alone, but row
    # b's elements are not one slab, so no rule above applies; these follow it from the merge to the split.
    # A plan with such a node is not cut (its elements of rows < ``rows`` are no prefix): proof only.

    def _merged_behind(self, n: fx.Node) -> bool:
        """A reshape that merges the batch dimension ``k`` of ``x`` (state ``(k, c)``) into one output
        dimension ``q`` behind input dimensions ``i0 .. k-1`` (``outer`` elements, at least 2) and with
        ``k+1 .. i1`` (``s`` elements): element ``(m, b * c + j, i)`` goes to ``m * B * c * s + b * c * s +
        j * s + i`` (row-major), the state ``(q, outer, c * s)``."""
        x = n.args[0] if n.args else None
        if self.rows != 1 or not (n.target in _SHAPE_ARG or n.target in _SHAPE_DERIVED) or x not in self.dim:
            return False
        k, c = self.dim[x]
        merged = _merged_group(x, k, n)
        if merged is None:
            return False
        q, i0, i1 = merged
        in_shape = _static_shape(x)
        outer = math.prod(in_shape[i0:k])
        if outer < 2:
            return False
        self.behind[n] = (q, outer, c * math.prod(in_shape[k + 1:i1 + 1]), sympy.Mul(*_shape_exprs(x)[i0:k]))
        return True

    def _cat_behind(self, n: fx.Node) -> bool:
        """``cat`` along the batch dimension ``k`` of two or more parts batch-indexed alike (state ``(k, c)``, one
        shape): part ``p``'s element ``b * c + j`` goes to ``p * B * c + b * c + j``, the batch merged behind the
        parts (``torch.stack(partials).sum(0)`` as Inductor decomposes it: a ``cat`` of the partials, then a split
        into ``[parts, B * c]``), state ``(k, parts, c)``; what follows must split it back (:meth:`_rule_behind`)."""
        parts = n.args[0] if n.target is aten.cat.default and n.args else []
        if self.rows != 1 or len(parts) < 2 or not all(isinstance(a, fx.Node) and a in self.dim for a in parts):
            return False
        k, c = self.dim[parts[0]]
        if any(self.dim[a] != (k, c) for a in parts) or _arg(n, 1, "dim", 0) % _dim_of(n) != k:
            return False  # (parts alike along k, c * B each, and a cat's other dims agree: one shape)
        self.behind[n] = (k, len(parts), c, sympy.Integer(len(parts)))
        return True

    def _rule_behind(self, n: fx.Node) -> bool:
        """Ops on a node whose batch is merged behind another dimension (state ``(k, outer, c)``): copies and
        casts keep it; a reshape keeps dimension ``k`` whole or splits it back into ``outer`` elements of
        other dimensions and a dimension of ``B * c2`` elements (state ``(q, c2)``); a ``bmm`` over it (its
        dim 0) with the other operand merged alike or the same for every b there (a weight expanded over the
        batch, then merged: :func:`_expanded_behind`).  Nothing else."""
        t = n.target
        tensors = [a for a in n.args if isinstance(a, fx.Node) and isinstance(val(a), torch.Tensor)]
        if n.kwargs and any(isinstance(a, fx.Node) for a in n.kwargs.values()):
            return False
        x = n.args[0] if n.args else None
        if t in _VALUE_KEEPING or _is_pointwise(t):
            if tensors != [x]:  # (one tensor operand, the merged one: another may vary along the merged batch)
                return False
            self.behind[n] = self.behind[x]
            return True
        if (t in _SHAPE_ARG or t in _SHAPE_DERIVED) and x in self.behind:
            k, outer, c, outer_expr = self.behind[x]
            kept = _merged_group(x, k, n, whole=True)
            if kept is not None:
                self.behind[n] = (kept[0], outer, c, outer_expr)
                return True
            split = _split_group(x, k, n)
            if split is None:
                return False
            q0, q1 = split
            out_shape, out_exprs = _static_shape(n), _shape_exprs(n)
            for qb in range(q0, q1 + 1):
                if not _same_count(out_exprs[q0:qb], [outer_expr]):
                    continue  # (then dims qb .. q1 hold B * c elements at every size)
                if out_shape[qb] % self.B == 0 and \
                        (out_shape[qb] // self.B) * math.prod(out_shape[qb + 1:q1 + 1]) == c:
                    self.dim[n] = (qb, out_shape[qb] // self.B)
                    return True
            return False
        if t is aten.bmm.default and len(tensors) == 2 and len(n.args) == 2:
            states = {self.behind[a] for a in tensors if a in self.behind}
            if len(states) != 1 or any(a in self.dim for a in tensors):
                return False
            k, outer, c, outer_expr = states.pop()
            if k != 0 or not all(a in self.behind or _expanded_behind(a, outer_expr, self.B, c) for a in tensors):
                return False
            self.behind[n] = (0, outer, c, outer_expr)
            return True
        return False

    def _row_offset_add(self, n: fx.Node):
        """``q + b * R`` (``arange(B)[:, None] * R + pos // P``): a flat index into a table of ``R``
        entries per row, flattened (``table.flatten()[row * pages + page]``, ``take``).  Its values are
        not a function of row b's inputs (they hold b), so it is tagged (:attr:`flat`) and may only be
        reshaped, kept in int64, and used to read a batch-indexed tensor whose rows have ``R`` entries
        along the indexed dimension (:meth:`_rule_flat`); there ``b * R + q`` is entry ``q`` of row b
        exactly when ``0 <= q < R``, which the caller proves on every valid input from ``flat_bounds``
        (interval arithmetic, ``sizes.SizesProof.check_rows``).  The offset must be structurally
        ``arange(B) * R`` in int64 along the batch (R a Python int, size 1 elsewhere)."""
        if n.target is not aten.add.Tensor or n.kwargs or len(n.args) != 2 or T.dtype_of(n) != torch.int64:
            return None
        out_rank = len(_static_shape(n))
        for i in (0, 1):
            q, off = n.args[i], n.args[1 - i]
            if not (isinstance(q, fx.Node) and q in self.dim and isinstance(off, fx.Node) and off not in self.dim):
                continue
            k, c = self.dim[q]
            qs, os_ = _static_shape(q), _static_shape(off)
            if c != 1 or qs is None or os_ is None:
                continue
            kq = k + out_rank - len(qs)  # the batch dimension of the sum
            R = _row_stride(off, kq - (out_rank - len(os_)), self.B)
            if R is None:
                continue
            self.flat[n] = R
            self.flat_bounds.append((q, R))
            self.fixes[n] = self._narrow_args({1 - i: (kq - (out_rank - len(os_)), self._cut(1))})
            return kq, c
        return None

    def _rule_flat(self, n: fx.Node):
        """Uses of a flat row index (:meth:`_row_offset_add`): reshapes and int64 copies keep it flat;
        a gather reading a batch-indexed tensor with it (one index, on that tensor's batch dimension,
        whose rows hold ``R`` entries there: ``index``, ``index_select``, ``take`` of a batch-major
        tensor) reads row b's entries, and is batch-indexed like its index.  Nothing else."""
        t, args = n.target, n.args
        x = args[0] if args else None
        if isinstance(x, fx.Node) and x in self.flat and (t in _SHAPE_ARG or t in _SHAPE_DERIVED or
                                                         (t in _VALUE_KEEPING and T.dtype_of(n) == torch.int64)):
            out = self._rule(n)
            if out is not None:
                self.flat[n] = self.flat[x]
            return out
        if not isinstance(x, fx.Node) or x not in self.dim or x in self.flat:
            return None
        kd, cd = self.dim[x]
        shape = _static_shape(x)
        if t in (aten.index.Tensor, aten._unsafe_index.Tensor):
            indices = list(args[1])
            if len(indices) <= kd or any(a is not None for i, a in enumerate(indices) if i != kd):
                return None
            index = indices[kd]
            if index not in self.flat or self.flat[index] != cd:
                return None
            ki, ci = self.dim[index]
            return kd + ki, ci
        if t is aten.index_select.default:
            index = _arg(n, 2, "index")
            if _arg(n, 1, "dim") % len(shape) != kd or index not in self.flat or self.flat[index] != cd:
                return None
            return kd, self.dim[index][1]
        if t is aten.take.default:
            index = _arg(n, 1, "index")
            if kd != 0 or index not in self.flat or self.flat[index] != cd * math.prod(shape[1:]):
                return None
            return self.dim[index]
        return None

    def _rule_as_strided(self, n: fx.Node, c: int):
        """``as_strided`` of a contiguous tensor batch-indexed at dim 0 (``R`` elements a row): output
        slab ``b`` (``c'`` rows of dim 0) reads exactly input slab ``b`` when ``c' * stride[0] == c * R``
        and every offset within a slab stays in ``[0, c * R)`` (non-negative strides, no storage
        offset).  Then it is one function of the input slab, for every ``b``.  Under dynamic shapes the
        sizes and strides are polynomials in the size symbols (``T * N * D``, windows ``(T - l) // d + 1``):
        each condition is proven for every value of the symbols (:func:`_provably_below` for the extent),
        not at the sizes the graph was traced at."""
        x = n.args[0]
        v = val(x)
        size, stride = [_sym(s) for s in _arg(n, 1, "size")], [_sym(s) for s in _arg(n, 2, "stride")]
        offset = _arg(n, 3, "storage_offset")
        x_shape = _shape_exprs(x)
        if self.dim[x][0] != 0 or v.storage_offset() != 0 or offset not in (None, 0) or not _contiguous(v, x_shape):
            return None
        if len(stride) != len(size) or not all(st.is_nonnegative for st in stride) or any(sz == 0 for sz in size):
            return None
        c_out = sympy.simplify(size[0] / (x_shape[0] / c))  # output rows per batch row, at every size
        if not (c_out.is_Integer and c_out > 0):
            return None
        slab = c * sympy.Mul(*x_shape[1:])
        extent = (c_out - 1) * stride[0] + sum((sz - 1) * st for sz, st in zip(size[1:], stride[1:]))
        # (the extent bound follows from the other two where x's storage is exactly x; kept in case it is not)
        if sympy.expand(c_out * stride[0] - slab) != 0 or not _provably_below(extent, slab):
            return None
        c_out = int(c_out)
        self.fixes[n] = lambda a, kw, cut=self._cut(c_out): ([a[0], [cut, *a[1][1:]], *a[2:]], kw)
        return 0, c_out

    def _rule_batch_operand_elsewhere(self, n: fx.Node):
        """Ops whose first operand is batch-free: batch-indexed indices or a right-hand matrix."""
        t, x = n.target, n.args[0] if n.args else None
        if t in (aten.gather.default, aten.index_select.default):
            d, index = _arg(n, 1, "dim") % _dim_of(x), _arg(n, 2, "index")
            if index not in self.dim:
                return None
            if t is aten.gather.default:
                return self.dim[index] if self.dim[index][0] == d else None
            return d, self.dim[index][1]
        if t is aten.index.Tensor:
            return self._rule_index(n)
        if t is aten.take.default:  # batch-free data read at batch-indexed flat indices: the indices' shape
            index = _arg(n, 1, "index")
            return self.dim[index] if index in self.dim else None
        if t is aten.embedding.default:  # weight[indices] (padding_idx acts on gradients only): the same
            index = _arg(n, 1, "indices")
            return self.dim[index] if index in self.dim else None
        if t is aten.cat.default:
            return self._rule_cat(n)
        if t is aten.stack.default:
            return self._rule_stack(n)
        other = _arg(n, 1, "mat2")
        if t is aten.bmm.default and other in self.dim and self.dim[other][0] == 0:
            return self._bmm_batch(n, self.dim[other][1])
        if (t is aten.bmm.default and other in self.dim and self.dim[other][0] == 2) or \
                (t is aten.mm.default and other in self.dim and self.dim[other][0] == 1):
            return self.dim[other]
        return None

    def _baddbmm_batch(self, n: fx.Node):
        """baddbmm over the bmm's batch (dim 0): the bias and both operands batch-indexed there, or constant
        along it (a zero bias: full(shape, 0))."""
        first = next((a for a in n.args[:3] if isinstance(a, fx.Node) and a in self.dim), None)
        if first is None or self.dim[first][0] != _dim_of(first) - 3:
            return None
        c = self.dim[first][1]
        narrow = self._align([(i, n.args[i]) for i in range(3)], 3, 0, c)
        if narrow is None:
            return None
        if narrow:
            self.fixes[n] = self._narrow_args(narrow)
        return 0, c

    def _bmm_batch(self, n: fx.Node, c: int):
        """bmm over the batch (its dim 0): both operands batch-indexed there, or one constant along it."""
        narrow = self._align([(0, n.args[0]), (1, n.args[1])], 3, 0, c)
        if narrow is None:
            return None
        if narrow:
            self.fixes[n] = self._narrow_args(narrow)
        return 0, c

    def _rule_cat(self, n: fx.Node):
        """cat along another dimension than the batch: every part batch-indexed alike, or constant."""
        parts = [a for a in n.args[0] if isinstance(a, fx.Node)]
        if len(parts) != len(n.args[0]):
            return None
        out_shape = _static_shape(n)
        first = next((a for a in parts if a in self.dim), None)
        shapes = [_static_shape(a) for a in parts]
        if first is None or any(s is None or len(s) != len(out_shape) for s in shapes):
            return None  # (a legacy empty 1-D part)
        k, c = self.dim[first]
        if _arg(n, 1, "dim", 0) % len(out_shape) == k:
            return None
        narrow = self._align([((0, i), a) for i, a in enumerate(parts)], len(out_shape), k, c)
        if narrow is None:
            return None
        if narrow:
            self.fixes[n] = self._narrow_args(narrow)
        return k, c

    def _rule_stack(self, n: fx.Node):
        """stack along a new dimension: every part batch-indexed alike (or constant along the batch); the
        batch dimension moves up by one where the new dimension comes before it."""
        parts = [a for a in n.args[0] if isinstance(a, fx.Node)]
        if len(parts) != len(n.args[0]):
            return None
        first = next((a for a in parts if a in self.dim), None)
        shapes = [_static_shape(a) for a in parts]
        if first is None or any(s is None or s != shapes[0] for s in shapes):
            return None
        k, c = self.dim[first]
        rank = len(shapes[0])
        narrow = self._align([((0, i), a) for i, a in enumerate(parts)], rank, k, c)
        if narrow is None:
            return None
        if narrow:
            self.fixes[n] = self._narrow_args(narrow)
        sd = _arg(n, 1, "dim", 0) % (rank + 1)
        return (k + 1 if sd <= k else k), c

    def _rule_index(self, n: fx.Node):
        """``data[indices]`` (advanced indexing).  Batch-free data: batch-indexed indices pick its rows.
        Batch-indexed data: its batch dimension is sliced whole (then no index may be batch-indexed:
        that would pair every row with every row), or indexed by the identity along the indices'
        batch dimension (``table[arange(B)[:, None], cols]``, checked by evaluation)."""
        data, indices = n.args[0], list(n.args[1])
        positions = [i for i, t in enumerate(indices) if t is not None]
        shapes = {i: _static_shape(indices[i]) for i in positions}
        if not positions or any(v is None for v in shapes.values()):
            return None
        bshape = torch.broadcast_shapes(*shapes.values())
        ops = [((1, i), indices[i]) for i in positions]
        kd, cd = self.dim.get(data, (None, None))
        if kd is None:
            got = self._broadcast(ops, len(bshape))
            if got is None:
                return None
            q, c, narrow = got
        elif kd >= len(indices) or indices[kd] is None:
            if any(a in self.dim for _, a in ops):
                return None
            q, c, narrow = None, cd, {}
        else:
            ident, ishape = indices[kd], shapes[kd]
            varying = [d for d, size in enumerate(ishape) if size != 1 and d not in _broadcast_dims(ident)]
            if ident in self.dim or len(varying) != 1 or not self._same_slabs(ident, varying[0], cd, identity=True):
                return None
            q, c = varying[0] + len(bshape) - len(ishape), cd
            narrow = self._align([op for op in ops if op[0] != (1, kd)], len(bshape), q, c)
            if narrow is None:
                return None
            narrow[(1, kd)] = (varying[0], self._cut(c))
        adjacent = positions == list(range(positions[0], positions[-1] + 1))
        if q is not None:  # the indices' batch dimension: in place of the indexed dims, or in front
            out = positions[0] + q if adjacent else q
        elif adjacent:  # the data's batch dimension, sliced whole, before or after the indexed dims
            out = kd if kd < positions[0] else kd - len(positions) + len(bshape)
        else:
            out = len(bshape) + sum(1 for i in range(kd) if i not in positions)
        if narrow:
            self.fixes[n] = self._narrow_args(narrow)
        return out, c


def _reads_symbols(node: fx.Node) -> bool:
    """Whether ``node``'s value may depend on a size symbol: a symbolic shape or SymInt anywhere in
    what it is computed from."""
    for n in ancestors([node]):
        v = val(n)
        if isinstance(v, torch.SymInt) or (isinstance(v, torch.Tensor) and not all(isinstance(x, int) for x in v.shape)):
            return True
        if any(isinstance(a, torch.SymInt) for a in _flat_args(n)):
            return True
    return False


def _filled(node: fx.Node) -> bool:
    """``full(shape, v)`` with a number ``v`` (``zeros_like`` and friends decompose to it), through
    value-keeping ops and views: the same value everywhere, at every size."""
    while isinstance(node, fx.Node) and node.op == "call_function":
        t = node.target
        if t is not aten.scalar_tensor.default and (t in T.FILL_ARGS or t in T._FIXED_FILLS):
            return T.fill_value(node) is not None
        if t in _VALUE_KEEPING or t in _SHAPE_ARG or t in _SHAPE_DERIVED or t is aten.expand.default:
            node = node.args[0]
            continue
        return False
    return False


def _is_iota(node: fx.Node) -> bool:
    """``arange(n)`` (0, 1, ..., n-1) through casts and size-1 unsqueezes/views: its own index.  In
    int32/int64 only, every step of the way: an int8 or int16 iota wraps at 128 or 32768 rows."""
    while isinstance(node, fx.Node) and node.op == "call_function":
        t = node.target
        if T.dtype_of(node) not in (torch.int32, torch.int64):
            return False
        if t is prims.iota.default:
            return node.kwargs.get("start", 0) == 0 and node.kwargs.get("step", 1) == 1
        if t is aten.arange.default or (t is aten.arange.start and node.args[0] == 0) or \
                (t is aten.arange.start_step and node.args[0] == 0 and node.args[2] == 1):
            return True
        if t in _VALUE_KEEPING or t in (aten.unsqueeze.default, aten.view.default, aten.reshape.default,
                                        aten._unsafe_view.default):
            x = node.args[0]
            if t not in _VALUE_KEEPING and _non_unit_dims(node) > 1:
                return False
            node = x
            continue
        if t is aten.expand.default:  # arange(B)[:, None].expand(B, l): still its own index along the kept dim
            shape, x = _static_shape(node), node.args[0]
            in_shape = _static_shape(x)
            if shape is None or in_shape is None or sum(1 for s in in_shape if s != 1) > 1:
                return False
            kept = [d + len(shape) - len(in_shape) for d, s in enumerate(in_shape) if s != 1]
            if any(shape[q] != in_shape[q - len(shape) + len(in_shape)] for q in kept):
                return False
            node = x
            continue
        return False
    return False


def _non_unit_dims(node: fx.Node) -> int:
    """How many dims of ``node`` may be longer than 1: a symbolic size counts (``arange(B * l).view(B, l)`` under
    dynamic shapes is no iota along either dim), and an unknown shape counts as many."""
    v = val(node)
    if not isinstance(v, torch.Tensor):
        return 2
    return sum(1 for s in v.shape if not (isinstance(s, int) and s == 1))


def _row_stride(node: fx.Node, d: int, B: int):
    """``R`` where ``node`` is ``arange(B) * R`` laid along dimension ``d`` (size 1 elsewhere) in int64,
    structurally: a multiple of an int32/int64 ``arange(B)`` by a positive Python int (or an ``arange``
    with step R), through size-1 unsqueezes/views and int64 copies.  Else None."""
    shape = _static_shape(node)
    if shape is None or not 0 <= d < len(shape) or shape[d] != B or any(s != 1 for i, s in enumerate(shape) if i != d):
        return None
    while isinstance(node, fx.Node) and node.op == "call_function" and T.dtype_of(node) == torch.int64 and (
            node.target in _VALUE_KEEPING or node.target in (aten.unsqueeze.default, aten.view.default,
                                                             aten.reshape.default, aten._unsafe_view.default)):
        node = node.args[0]
    if not isinstance(node, fx.Node) or node.op != "call_function" or T.dtype_of(node) != torch.int64:
        return None
    t, args = node.target, node.args
    if t in (aten.mul.Tensor, aten.mul.Scalar) and len(args) == 2:
        x, r = (args[1], args[0]) if not isinstance(args[0], fx.Node) else args
        if isinstance(r, int) and not isinstance(r, bool) and r > 0 and _iota_numel(x) == B:
            return r
        return None
    if t is prims.iota.default and node.kwargs.get("start", 0) == 0 and _static_shape(node) == (B,):
        r = node.kwargs.get("step", 1)
        return r if isinstance(r, int) and r > 0 else None
    if t is aten.arange.start_step and args[0] == 0 and isinstance(args[2], int) and args[2] > 0 and \
            _static_shape(node) == (B,):
        return args[2]
    return None


def _iota_numel(node) -> int | None:
    """n where ``node`` is ``arange(n)`` (from 0, step 1, int32/int64) through casts and views that keep
    at most one dimension longer than 1 (no expand): its elements are 0 .. n-1 in order."""
    while isinstance(node, fx.Node) and node.op == "call_function":
        shape = _static_shape(node)
        if T.dtype_of(node) not in (torch.int32, torch.int64) or shape is None or sum(1 for s in shape if s != 1) > 1:
            return None
        t = node.target
        if t is prims.iota.default:
            ok = node.kwargs.get("start", 0) == 0 and node.kwargs.get("step", 1) == 1
            return math.prod(shape) if ok else None
        if t is aten.arange.default or (t is aten.arange.start and node.args[0] == 0) or \
                (t is aten.arange.start_step and node.args[0] == 0 and node.args[2] == 1):
            return math.prod(shape)
        if t in _VALUE_KEEPING or t in (aten.unsqueeze.default, aten.view.default, aten.reshape.default,
                                        aten._unsafe_view.default):
            node = node.args[0]
            continue
        return None
    return None


def _broadcast_dims(node: fx.Node) -> set:
    """Dimensions along which ``node`` is structurally constant: those an ``expand`` (through
    value-keeping ops) made from size 1 or added."""
    while isinstance(node, fx.Node) and node.op == "call_function" and node.target in _VALUE_KEEPING:
        node = node.args[0]
    if not (isinstance(node, fx.Node) and node.op == "call_function" and node.target is aten.expand.default):
        return set()
    shape, in_shape = _static_shape(node), _static_shape(node.args[0])
    if shape is None or in_shape is None:
        return set()
    lead = len(shape) - len(in_shape)
    return {d for d in range(len(shape)) if d < lead or (in_shape[d - lead] == 1 and shape[d] != 1)}


_VALUE_KEEPING = {aten.clone.default, aten.contiguous.default, aten.alias.default, aten.detach.default,
                  aten._to_copy.default, prims.convert_element_type.default}


def _expanded_along(node: fx.Node, d: int, B: int) -> bool:
    """Whether ``node``, ``c * B`` long along ``d``, is structurally a broadcast over the ``B`` batch
    slabs of dimension ``d``: an expand of a size-1 dimension, through copies, casts and reshapes that
    keep the slabs (a weight expanded to the batch and merged with the heads for a bmm)."""
    while isinstance(node, fx.Node) and node.op == "call_function":
        shape = _static_shape(node)
        x = node.args[0] if node.args else None
        in_shape = _static_shape(x)
        if shape is not None and _filled(node):  # the same value everywhere (ones(B, l) for window offsets)
            return shape[d] % B == 0
        if shape is None or in_shape is None:
            return False
        if node.target in (aten.expand.default, aten.expand_as.default):
            dx = d - (len(shape) - len(in_shape))
            if dx >= 0 and in_shape[dx] == shape[d]:  # not expanded along d here (an expand of an expand)
                node, d = x, dx
                continue
            return shape[d] % B == 0 and (dx < 0 or in_shape[dx] == 1)
        if node.target is aten.repeat.default:  # whole copies of x per slab: a slab's length is a multiple of x's
            dx = d - (len(shape) - len(in_shape))
            return shape[d] % B == 0 and (dx < 0 or (shape[d] // B) % in_shape[dx] == 0)
        if node.target in _VALUE_KEEPING:
            node = x
        elif node.target in _SCANS and _arg(node, 1, "dim") % len(shape) != d:  # each slab scanned on its own
            node = x
        elif node.target is aten.permute.default:  # (einsum's operand layouts) dim d is the input's dims[d]
            d = _arg(node, 1, "dims")[d] % len(in_shape)
            node = x
        elif node.target in _SHAPE_ARG or node.target in _SHAPE_DERIVED:
            d = _reshaped_dim(shape, d, in_shape, B)  # the input dimension holding the same slabs
            if d is None:
                return False
            node = x
        else:
            return False
    return False


def _arg(n: fx.Node, i: int, name: str, default=None):
    """Argument ``i`` of ``n``, positional or by keyword."""
    return n.args[i] if len(n.args) > i else n.kwargs.get(name, default)


def _dim_of(node) -> int:
    return val(node).dim()


def _sym(x):
    """A size argument (an int, a SymInt, or a node computing one) as a sympy expression."""
    return sympy.sympify(_expr(val(x) if isinstance(x, fx.Node) else x))


def _shape_exprs(node) -> list:
    """``node``'s shape as sympy expressions (ints in a static graph)."""
    return [sympy.sympify(_expr(s)) for s in val(node).shape]


def _contiguous(v: torch.Tensor, shape: list) -> bool:
    """``v``'s strides are the row-major strides of ``shape`` (sympy expressions) at every size (size-1 dims
    aside), without asking the fake tensor (whose answer holds at its hints and may add a guard)."""
    want = sympy.Integer(1)
    for sz, st in reversed(list(zip(shape, v.stride()))):
        if sz != 1 and sympy.expand(sympy.sympify(_expr(st)) - want) != 0:
            return False
        want = want * sz
    return True


def _provably_below(a, b) -> bool:
    """``a < b`` for every value of the size symbols (positive integers), ``a`` and ``b`` integer-valued
    polynomials in them and in floor divisions.  Each floor division ``p // q`` (``q`` a positive integer)
    that ``a`` holds linearly with a coefficient that is never negative is bounded above by ``p / q``;
    what remains must be a polynomial with ``b - a > 0`` (sympy's sign rules over positive symbols).  Anything
    else (a floor in ``b``, a negative coefficient, a remainder, a max) is unproven: False."""
    from torch.utils._sympy.functions import FloorDiv

    a, b = sympy.expand(sympy.sympify(a)), sympy.expand(sympy.sympify(b))
    for _ in range(8):
        floors = list(a.atoms(FloorDiv, sympy.floor))
        if not floors:
            break
        f = floors[0]
        bound = f.args[0] / f.args[1] if isinstance(f, FloorDiv) else f.args[0]
        if isinstance(f, FloorDiv) and not (f.args[1].is_Integer and f.args[1] > 0):
            return False
        t = sympy.Dummy("t")
        with_t = sympy.expand(a.xreplace({f: t}))
        coeff = with_t.coeff(t, 1)
        if sympy.expand(with_t - coeff * t).has(t) or coeff.has(t) or coeff.is_nonnegative is not True:
            return False
        a = sympy.expand(with_t.xreplace({t: bound}))
    if not (a.is_polynomial() and b.is_polynomial()) or a.atoms(sympy.Function) or b.atoms(sympy.Function):
        return False
    return sympy.expand(b - a).is_positive is True


def _same_count(a, b) -> bool:
    """Two products of sizes are the same polynomial in the size symbols (the same number at every size)."""
    return sympy.expand(sympy.Mul(*a) - sympy.Mul(*b)) == 0


def _merged_group(x: fx.Node, k: int, n: fx.Node, whole: bool = False):
    """For the reshape ``n`` of ``x``: ``(q, i0, i1)`` where output dimension ``q`` is input dimensions ``i0 ..
    i1`` merged, ``i0 < k <= i1`` (``whole``: ``i0 == i1 == k``, the dimension kept as it is), compared as
    polynomials in the sizes so that it is that merge at every size; None if there is none."""
    src, dst = _shape_exprs(x), _shape_exprs(n)
    for q in range(len(dst)):
        for i0 in ([k] if whole else range(k)):
            if not _same_count(src[:i0], dst[:q]):
                continue
            for i1 in ([k] if whole else range(k, len(src))):
                if _same_count(src[i0:i1 + 1], dst[q:q + 1]):
                    return q, i0, i1
    return None


def _split_group(x: fx.Node, k: int, n: fx.Node):
    """For the reshape ``n`` of ``x``: ``(q0, q1)`` where output dimensions ``q0 .. q1`` are input dimension
    ``k`` split (as polynomials in the sizes, as :func:`_merged_group`); None if there are none."""
    src, dst = _shape_exprs(x), _shape_exprs(n)
    for q0 in range(len(dst)):
        if _same_count(src[:k], dst[:q0]):
            for q1 in range(q0, len(dst)):
                if _same_count(src[k:k + 1], dst[q0:q1 + 1]):
                    return q0, q1
    return None


def _expanded_behind(node: fx.Node, outer, B: int, c: int) -> bool:
    """Whether the batch-free ``node`` (dim 0 of ``outer * B * c`` elements, ``outer`` a polynomial in the sizes)
    holds the same values at ``m * B * c + b * c + j`` for every b: a merge (through copies) of a tensor whose
    dimensions before ``qb`` hold ``outer`` elements at every size and dimension ``qb`` is a broadcast over the
    ``B`` slabs (``_expanded_along``), or a fill."""
    shape = _static_shape(node)
    sizes = _PROOF_SIZES.get()
    count = int(sizes.int(outer)) if sizes is not None and getattr(outer, "free_symbols", None) else int(outer)
    if shape is None or not shape or shape[0] != count * B * c:
        return False
    if _filled(node):
        return True
    while isinstance(node, fx.Node) and node.op == "call_function" and node.target in _VALUE_KEEPING:
        node = node.args[0]
    if not (isinstance(node, fx.Node) and node.op == "call_function" and
            (node.target in _SHAPE_ARG or node.target in _SHAPE_DERIVED)):
        return False
    x = node.args[0]
    in_shape = _static_shape(x)
    if in_shape is None:
        return False
    for qb in range(1, len(in_shape)):
        if not _same_count(_shape_exprs(x)[:qb], [outer]):
            continue
        merged = _merged_group(x, qb, node)
        if merged is not None and merged[:2] == (0, 0) and in_shape[qb] % B == 0 and \
                (in_shape[qb] // B) * math.prod(in_shape[qb + 1:merged[2] + 1]) == c and \
                _expanded_along(x, qb, B):
            return True
    return False


def _reshaped_dim(in_shape, k: int, out_shape, B: int):
    """Where a reshape of ``in_shape`` puts its batch dimension ``k`` (batch-major): the output dimension
    with as many elements before it as before ``k`` and a size that is a multiple of ``B``.  Cutting
    both to the same number of batch rows then cuts the same elements (row-major order: ``k``'s slab
    of each batch row is contiguous within its group).  None if there is no such dimension."""
    before, acc = math.prod(in_shape[:k]), 1
    for q, s in enumerate(out_shape):
        if acc == before and s != 1:
            return q if s % B == 0 else None
        acc *= s
        if acc > before:
            return None
    return None
