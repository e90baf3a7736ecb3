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
"""
from __future__ import annotations

from typing import Iterable, Sequence

import sympy
import torch
import torch.fx as fx

from .optable import CASTS, GATHERS, RESHAPES, SHAPE_ONLY, WRITES, is_mutation, val

aten = torch.ops.aten
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


def _hints(env) -> dict:
    """symbol -> hint (``backed_var_to_val`` on newer torch, ``var_to_val`` before)."""
    hints = getattr(env, "backed_var_to_val", None)
    return dict(hints if hints is not None else env.var_to_val)


def _expr(x):
    """The sympy expression of a SymInt (or the int itself)."""
    if isinstance(x, torch.SymInt):
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
                ok = guard.expr.xreplace(subs)
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


def ancestors(outputs: Iterable[fx.Node], stop: Iterable[fx.Node] = ()) -> set[fx.Node]:
    """Every node ``outputs`` depend on (through any argument), not looking past ``stop``."""
    stop = set(stop)
    seen: set[fx.Node] = set()
    work = [o for o in outputs if isinstance(o, fx.Node)]
    while work:
        n = work.pop()
        if n in seen or n in stop:
            continue
        seen.add(n)
        work.extend(n.all_input_nodes)
    return seen


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
    """

    def __init__(self, outputs: Sequence[fx.Node], inputs: Sequence[fx.Node], *, replace=None, shrink=None):
        self.outputs = list(outputs)
        self.inputs = list(inputs)
        graph = self.outputs[0].graph
        inside = ancestors(self.outputs, self.inputs)
        self.nodes = [n for n in graph.nodes if n in inside]
        self.leaves = [n for n in self.nodes if n.op in ("placeholder", "get_attr")]
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
        return super().run_node(n)
