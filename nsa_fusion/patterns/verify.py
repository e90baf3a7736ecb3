"""Recognise the NSA compression step in a graph by what it computes.

Every spelling of the step ends in a row write into the compressed cache.  Starting from each such
write, the recogniser cuts the graph into the parts the contract (SPEC §2) talks about, gives each
input its role from how it flows, and proves each part by meaning::

    Z = cache with rows slots[b] <- V[b]                          write   (evaluated on a probe cache)
    V = cond ? cast(A) : cache[slots]   (bit-exact, inf/nan too)  keep    (evaluated, cond forced)
    cond[b] = s_b >= l and (s_b - l) % d == 0                      mask    (every length, exhaustive)
    A[b] = sum_j fp32(w[j, h]) * fp32(kv[page(b, j), off(b, j)])  gather + pooling (probes, exact)
    one rounding from fp32 to the cache dtype between A and Z      dtype   (structural)

What is proved how (the README's "How recognition works" has the argument):

* structurally, from the graph: roles (which node is the paged input, weight, block table, lengths,
  slots, cache), that the pooled value is *linear* in the tokens (only sums, products with one token
  operand, divisions by token-free values, data movement), that all arithmetic is fp32 and rounded
  once, that the weight reaches the pooling through views and casts only;
* exhaustively, by evaluation: the mask, on every length from 0 to the cache capacity (static
  graphs) or up to a bound past its last threshold and period (dynamic graphs);
* by evaluation on probes: the write, the keep branch, and gather + pooling: for every qualifying
  length, on random block tables, with random dyadic inputs and weights for which fp32 arithmetic is
  exact in any summation order, so a pooled value is compared bit for bit with the contract's (on
  the rows holding each length first; every other row through an exact random projection).  A
  linear map that differs from the contract's differs on such a random probe except with negligible
  probability.  A static graph with a big batch is probed at a few batch rows where
  ``evaluate.BatchPlan`` proves every row the same function of its own table row and length.

A :class:`Refused` carries the part that failed, the node where it diverged and a hint; the pass
reports it through ``nsa_fusion.explain``.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Optional

import torch
import torch.fx as fx

from .. import diagnostics
from . import exactness
from . import optable as T
from .evaluate import BatchPlan, EvaluationError, Sizes, Subgraph, ancestors, attr_value
from .optable import val

aten = torch.ops.aten
prims = torch.ops.prims

# How far the mask is evaluated when the capacity is symbolic: past the largest constant in it times
# the product of its divisors (see _mask_range), but never beyond this.
MAX_MASK_RANGE = 1 << 16
# Probe evaluations of gather + pooling per table draw after the first (each evaluates B lengths); the
# first draw evaluates every qualifying length once, in at most MAX_LENGTH_EVALS evaluations.
MAX_POOLING_EVALS = 96
MAX_LENGTH_EVALS = 4096
# Batch rows gather + pooling are evaluated at (when the batch plan allows it, see check_pooling).
PROBE_BATCH = 32


# What to change, per part of the contract, where a refusal has no more specific hint.
PART_HINTS = {
    "write": "end the step with a row write of the [num_slots, N, D] cache: cache[slots] = rows, index_put_, "
             "index_copy_(0, slots, rows) or scatter_(0, slots[:, None, None].expand_as(rows), rows)",
    "keep": "keep the rows of sequences whose window did not complete with torch.where(valid, new, cache[slots])",
    "mask": "the window completes when (s >= l) & ((s - l) % d == 0), s the sequence length",
    "roles": "the step may read only the paged KV, an [l, N] weight, the block table, the lengths, the slots "
             "and the cache",
    "gather": "window tokens are kv[block_table[b, p // P], p % P] for p = s - l .. s - 1",
    "weight": "pass the [l, N] weight in the data dtype; views and float casts of it are fine",
    "pooling": "pool with sum_j w[j, h] * token_j[h, :] (a weighted sum, einsum, matmul or mean), nothing else",
    "dtype": "upcast tokens and weight to fp32 before multiplying and summing; round once to the cache dtype",
    "sizes": "write sizes the step depends on as tensor shapes (kv.shape[1]) rather than Python ints",
    "device": "",
}


class Refused(Exception):
    """The write is not the compression step (or cannot be proven to be): the part of the contract
    that failed, the node where the code diverged from it, and what to change."""

    def __init__(self, part: str, reason: str, node: fx.Node | None = None, hint: str = ""):
        super().__init__(reason)
        self.part, self.reason, self.node = part, reason, node
        self.hint = hint or PART_HINTS.get(part, "")


class NotACandidate(Refused):
    """The write is not a row write of a ``[num_slots, N, D]`` cache at all (a KV append
    ``kv[page, off] = token``, a write along another dim): not a compression step, so the pass reports
    it as ignored, never as a refusal."""

    def __init__(self, reason: str, node: fx.Node | None = None):
        super().__init__("write", reason, node)


@dataclasses.dataclass
class Step:
    """A recognised compression step: the nodes the fused op takes, and what it replaces."""

    write: fx.Node  # the row write (index_put / index_copy / scatter)
    new_cache: fx.Node  # the updated cache value (the write, or a cast of it back to the cache dtype)
    input: fx.Node
    weight: Optional[fx.Node]  # None: mean pooling (constant 1/l)
    weight_layout: str  # "lN": weight.reshape(l, N); "Nl": weight.reshape(N, l).t(); "mean"
    slots: fx.Node
    block_table: fx.Node
    lengths: fx.Node
    cache: fx.Node
    l: int
    d: int
    nodes: set  # nodes of the verified computation (for stream checks and reports)
    specialize: dict  # symbol -> value the verification assumed (guarded when the step is fused)
    size_values: dict = dataclasses.field(default_factory=dict)  # symbols used as values (guarded too)


# --- small graph helpers ----------------------------------------------------------------------------
def _chain_back(node: fx.Node, ops) -> list[fx.Node]:
    """``node`` and its first-argument ancestors while they are calls of ``ops``."""
    chain = [node]
    while chain[-1].op == "call_function" and chain[-1].target in ops and chain[-1].args \
            and isinstance(chain[-1].args[0], fx.Node):
        chain.append(chain[-1].args[0])
    return chain


def _dim(node) -> int:
    v = val(node)
    return v.dim() if isinstance(v, torch.Tensor) else -1


def value_ancestors(outputs, stop=()) -> set[fx.Node]:
    """Nodes whose *values* reach ``outputs`` (size-only uses do not count), not past ``stop``."""
    stop = set(stop)
    seen: set[fx.Node] = set()
    work = list(outputs)
    while work:
        n = work.pop()
        if n in seen:
            continue
        seen.add(n)
        if n in stop:
            continue
        work.extend(T.value_inputs(n))
    return seen


def depending_on(region, sources) -> set[fx.Node]:
    """The nodes of ``region`` whose values depend on ``sources`` (forward propagation, one pass)."""
    order = in_order(region)
    dep = set(sources) & set(region) | set(sources)
    for n in order:
        if n not in dep and any(a in dep for a in T.value_inputs(n)):
            dep.add(n)
    return dep & set(region)


def in_order(nodes, reverse: bool = False) -> list[fx.Node]:
    """``nodes`` in graph (topological) order.  Positions are cached per graph and recomputed, for
    all nodes at once before sorting, when a node is new (the pass inserts nodes as it fuses): a
    sort must never mix positions from before and after an insertion."""
    nodes = list(nodes)
    if not nodes:
        return nodes
    graph = nodes[0].graph
    cache = getattr(graph, "_nsa_fusion_order", None)
    if cache is None or any(n not in cache for n in nodes):
        cache = {n: i for i, n in enumerate(graph.nodes)}
        graph._nsa_fusion_order = cache
    return sorted(nodes, key=cache.__getitem__, reverse=reverse)


def value_leaves(outputs, stop=()) -> set[fx.Node]:
    """Graph inputs (and ``stop`` nodes) whose values reach ``outputs``."""
    stop = set(stop)
    return {n for n in value_ancestors(outputs, stop) if n in stop or n.op in ("placeholder", "get_attr")}


def _constant_leaf(node: fx.Node) -> bool:
    """A ``get_attr`` holding a real tensor (a lifted constant): evaluated, not a role."""
    if node.op != "get_attr":
        return False
    obj = attr_value(node)
    from torch._subclasses.fake_tensor import FakeTensor

    return isinstance(obj, torch.Tensor) and not isinstance(obj, FakeTensor) and obj.device.type != "meta"


def _holds_dtype(node: fx.Node, dtype) -> bool:
    """A constant (frozen parameter) whose values are exactly representable in ``dtype``: freezing
    folds ``weight.float()`` into an fp32 constant of fp16 values, which the op takes back exactly."""
    if T.dtype_of(node) == dtype:
        return True
    if not _constant_leaf(node):
        return False
    obj = node.graph.owning_module
    for part in str(node.target).split("."):
        obj = getattr(obj, part)
    return bool(torch.equal(obj.to(dtype).to(obj.dtype), obj))


def dominators(target: fx.Node, candidates, stop=()) -> list[fx.Node]:
    """The ``candidates`` that every value path from a graph input to ``target`` passes through,
    nearest to ``target`` first."""
    found = []
    for c in in_order(candidates, reverse=True):
        leaves = {n for n in value_leaves([target], set(stop) | {c}) if n is not c and not _constant_leaf(n)}
        if not leaves:
            found.append(c)
    return found


def source_line(node: fx.Node | None) -> str:
    """The user's source line for ``node`` (its last stack frame), or ''."""
    trace = node.meta.get("stack_trace") if node is not None else None
    if not trace:
        return ""
    lines = [ln for ln in trace.strip().splitlines()]
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i].strip()
        if ln.startswith("File "):
            code = lines[i + 1].strip() if i + 1 < len(lines) else ""
            where = ln[len("File "):].replace('"', "")
            return f"{where}: {code}"
    return ""


# --- probes -----------------------------------------------------------------------------------------
def _dyadic(shape, dtype, gen, k: int, denom: int) -> torch.Tensor:
    """Random multiples of 1/denom in [-k/denom, k/denom]: exact in fp16/bf16 (k <= 256), and sums of
    products of two of them are exact in fp32 in any order (see module docstring)."""
    # drawn as small integers (the cheapest draw), converted exactly (integers up to 256 and their
    # quotients by a power of two are exact in every float dtype): the probe is a few million elements
    small = torch.int8 if k < 128 else torch.int16
    return torch.randint(-k, k + 1, shape, generator=gen, dtype=small).to(dtype).div_(denom)


def _bits_equal(a: torch.Tensor, b: torch.Tensor) -> bool:
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.is_floating_point:
        same_width = {1: torch.int8, 2: torch.int16, 4: torch.int32, 8: torch.int64}[a.element_size()]
        if torch.equal(a.view(same_width), b.view(same_width)):
            return True  # identical bits (the common case, and ten times cheaper than the test below)
        nan_a, nan_b = torch.isnan(a), torch.isnan(b)
        if not torch.equal(nan_a, nan_b):
            return False
        a, b = a.masked_fill(nan_a, 0), b.masked_fill(nan_b, 0)
        # -0.0 and +0.0 are different cache contents
        return torch.equal(a, b) and torch.equal(torch.signbit(a), torch.signbit(b))
    return torch.equal(a, b)


def contract_tokens(inp, table, lengths, l):
    """SPEC §2 window tokens [B, l, N, D] of every row (positions below 0 clamped; those rows are
    never compared)."""
    P = inp.shape[1]
    pos = (lengths.to(torch.int64)[:, None] - l + torch.arange(l)).clamp(min=0)
    return inp[table.to(torch.int64).gather(1, pos // P), pos % P]


def contract_pooled(tokens: torch.Tensor, weight_lN: torch.Tensor, dtype=torch.float32) -> torch.Tensor:
    """SPEC §2 pooled rows [B, N, D] before rounding, in fp32: exact for dyadic probes in any order.
    In fp64 for projected tokens (see _Verification._probe_pooling): exact there too."""
    # (a broadcast product and a sum: several times cheaper than einsum's batched matmul on CPU)
    return (tokens.to(dtype) * weight_lN.to(dtype)[None, :, :, None]).sum(1)


class _PoolingProbe:
    """One probe of gather + pooling: the contract's rows for paged input ``inp``, block table ``table``
    and lengths ``lens``, compared with the evaluated rows bit for bit on the ``exact`` rows and, on
    every row, through an exact random projection over D: ``proj`` holds random integers below 2**16,
    so for dyadic probes (tokens k/8, weights k/16, |k| <= 32) every projected sum is an integer
    multiple of 1/128 below 2**53 and exact in fp64 in any order, and a row that differs survives the
    projection with probability at most 2**-17."""

    def __init__(self, inp, inp_proj, proj, table, lens, l, exact):
        self.exact = exact
        self.tokens = contract_tokens(inp, table[exact], lens[exact], l)
        self.tokens_proj = contract_tokens(inp_proj, table, lens, l)[..., None]  # [B, l, N, 1]
        self.proj = proj

    def agrees(self, new: torch.Tensor, weight_lN: torch.Tensor) -> bool:
        exact = new[self.exact]
        # (tried on one row first: most wrong weight candidates differ there already)
        return torch.equal(exact[:1], contract_pooled(self.tokens[:1], weight_lN)) \
            and torch.equal(exact, contract_pooled(self.tokens, weight_lN)) \
            and torch.equal(new.to(torch.float64) @ self.proj,
                            contract_pooled(self.tokens_proj, weight_lN, torch.float64)[..., 0])


# Tensors with fewer elements are evaluated at full size; bigger ones (a serving engine's paged KV and
# cache) at a few rows when their ops allow it (evaluate.Subgraph's shrink), and never beyond the cap.
SHRINK_ABOVE = 1 << 20
MAX_EVAL_ELEMENTS = 1 << 28


def _subgraphs(specs, big: dict, sizes: Sizes):
    """``Subgraph(outputs, inputs, **kw)`` for each spec, evaluating each node of ``big`` (node -> rows
    wanted) at that many rows where every subgraph allows it.  Returns (subgraphs, {node: rows})."""
    shrink = {}
    for node, rows in big.items():
        shape = sizes.shape(node)
        v = val(node)
        if isinstance(v.shape[0], int) and shape[0] > rows and math.prod(shape) > SHRINK_ABOVE:
            shrink[node] = rows
    try:
        return [Subgraph(o, i, shrink={n: r for n, r in shrink.items() if n in i}, **kw) for o, i, kw in specs], \
            {n: r for n, r in shrink.items()}
    except EvaluationError:
        if not shrink:
            raise
    for node in big:
        if math.prod(sizes.shape(node)) > MAX_EVAL_ELEMENTS:
            raise EvaluationError(f"{node.name} ({list(sizes.shape(node))}) is too large to verify at full size, "
                                  "and its ops do not allow evaluating a few rows of it")
    return [Subgraph(o, i, **kw) for o, i, kw in specs], {}


def _smaller_symbols(sizes: Sizes, big: dict, keep) -> Sizes:
    """Under dynamic shapes a big tensor's leading size is a symbol, which _subgraphs cannot shrink:
    evaluate at a smaller value of that symbol instead (node -> rows wanted).  Any assignment the
    graph's guards allow is one the compiled graph serves, so it witnesses the proof as well as the
    hints do (and the proof is repeated at another assignment, Recognizer._generalize).  Symbols that
    also size a ``keep`` node (the batch, heads, ...) are left alone."""
    if not sizes.assignment:
        return sizes
    held = set().union(*(sizes.symbols(d) for n in keep if n is not None for d in val(n).shape))
    changes = {}
    for node, rows in big.items():
        lead = val(node).shape[0]
        syms = sizes.symbols(lead)
        if len(syms) != 1 or syms & held or math.prod(sizes.shape(node)) <= SHRINK_ABOVE:
            continue
        trial = sizes.with_values({**changes, next(iter(syms)): rows})
        if trial.int(lead) < sizes.int(lead) and trial.guards_hold():
            changes[next(iter(syms))] = rows
    return sizes.with_values(changes) if changes else sizes


def _probe_shape(node, sizes: Sizes, rows: dict) -> tuple:
    shape = list(sizes.shape(node))
    if node in rows:
        shape[0] = rows[node]
    return tuple(shape)


# Argument positions that give a shape or a length, not a value (``size_values``).
_SHAPE_ARGS = {aten.full.default: (0,), aten.empty.memory_format: (0,), aten.zeros.default: (0,),
               aten.ones.default: (0,), prims.iota.default: (0,), aten.arange.default: (0,),
               aten.arange.start: (0, 1), aten.new_zeros.default: (1,), aten.new_full.default: (1,),
               aten.new_empty.default: (1,), aten.new_ones.default: (1,)}

_ELEMENTWISE_PRODUCTS = {aten.mul.Tensor, aten.mul.Scalar, aten.addcmul.default}

# Value-preserving copies (a functional step writes into cache.clone()).
_COPIES = {aten.clone.default, aten.contiguous.default, aten.alias.default, aten.detach.default,
           aten.lift_fresh_copy.default}

# Ops a length condition may use when the capacity is symbolic (see _Verification._mask_bound).
_DIVIDING = {aten.remainder.Scalar, aten.remainder.Tensor, aten.fmod.Scalar, aten.fmod.Tensor,
             aten.floor_divide.default, aten.floor_divide.Scalar, aten.div.Tensor_mode, aten.div.Scalar_mode}
_BITMASKING = {aten.bitwise_and.Scalar, aten.bitwise_and.Tensor}
_MASK_OPS = _DIVIDING | _BITMASKING | {
    aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar, aten.rsub.Scalar, aten.mul.Tensor,
    aten.mul.Scalar, aten.neg.default, aten.abs.default, aten.clamp.default, aten.clamp_min.default,
    aten.clamp_max.default, aten.relu.default, aten.where.self, aten.ge.Scalar, aten.ge.Tensor, aten.gt.Scalar,
    aten.gt.Tensor, aten.le.Scalar, aten.le.Tensor, aten.lt.Scalar, aten.lt.Tensor, aten.eq.Scalar, aten.eq.Tensor,
    aten.ne.Scalar, aten.ne.Tensor, aten.logical_and.default, aten.logical_or.default, aten.logical_not.default,
    aten.logical_xor.default, aten.bitwise_or.Tensor, aten.bitwise_or.Scalar, aten.bitwise_xor.Tensor,
    aten.bitwise_not.default, aten.maximum.default, aten.minimum.default, aten.sym_size.int}
_CONSTANT_MAKERS = {aten.full.default, aten.scalar_tensor.default, aten.lift_fresh_copy.default,
                    aten.zeros_like.default, aten.ones_like.default, aten.full_like.default}


# --- the recogniser ---------------------------------------------------------------------------------
class Recognizer:
    """Recognises compression steps in one graph.  ``sizes``: the symbol assignment to evaluate at
    (hints for dynamic graphs); ``seed`` makes probes reproducible."""

    def __init__(self, graph: fx.Graph, sizes: Sizes | None = None, seed: int = 0):
        self.graph = graph
        graph._nsa_fusion_order = None  # node positions are recomputed for this graph
        self.sizes = sizes or Sizes.hints(graph)
        self.seed = seed

    def writes(self) -> list[fx.Node]:
        """Every row write in the graph: the anchors the recogniser starts from."""
        return [n for n in self.graph.nodes if n.op == "call_function" and n.target in T.WRITES]

    # -- entry ---------------------------------------------------------------------------------------
    def recognize(self, write: fx.Node) -> Step:
        """The :class:`Step` rooted at ``write``, or :class:`Refused` saying why not."""
        from torch._subclasses.fake_tensor import unset_fake_temporarily

        with unset_fake_temporarily():  # probes are real tensors, whatever mode the compiler runs in
            return self._recognize(write)

    def _recognize(self, write: fx.Node) -> Step:
        step = self._verify(write)
        if self.sizes.assignment:
            step.specialize = {**self._generalize(write, step), **step.size_values}
        return step

    def _generalize(self, write: fx.Node, step: Step) -> dict:
        """A dynamic graph serves every size its guards allow, but the proof so far holds at the hints.
        Repeat it at other sizes.  The op takes any batch, page count, number of blocks and slots, page
        size, heads and head dim, so those symbols are moved first, everything else (a window length
        read from a shape, a size the user wrote as a Python int...) stays at its hint and is
        specialized.  If the proof fails with the op's sizes moved, the spelling bakes one of them in
        (``pos // 64`` on a page dim that is symbolic): keep the page size, heads and head dim at their
        hints too (guarded), and move only the batch, pages, blocks and slots.  Returns the symbols to
        specialize: symbol -> value."""
        sizes = self.sizes
        used = set()
        for n in step.nodes:
            v = val(n)
            for x in (v.shape if isinstance(v, torch.Tensor) else [v] if isinstance(v, torch.SymInt) else []):
                used |= sizes.symbols(x)
        if not used:
            return {}

        def dims(node, which):
            out = set()
            for i in which:
                out |= sizes.symbols(val(node).shape[i])
            return out

        loose = dims(step.lengths, [0]) | dims(step.block_table, [0, 1]) | dims(step.input, [0]) | \
            dims(step.cache, [0])
        tight = dims(step.input, [1, 2, 3]) | dims(step.cache, [1, 2])
        tried = []
        loose, tight = loose & used, (tight & used) - loose
        # the op's sizes all moving; then keeping one of page size / heads / head dim fixed (a spelling
        # that bakes in one of them); then keeping them all fixed
        attempts = [loose | tight] + [loose | tight - {t} for t in sorted(tight, key=str)] + [loose]
        for moving in attempts:
            keep = used - moving
            if not moving:
                return {s: sizes.assignment[s] for s in keep}
            other, moved = self._other_sizes(sizes.tied(moving) - sizes.tied(keep), self._reachable(step))
            if other is None:
                continue
            try:
                again = Recognizer(self.graph, other, self.seed)._verify(write)
            except Refused as exc:
                tried.append(exc)
                continue
            if (again.l, again.d, again.weight_layout) == (step.l, step.d, step.weight_layout):
                return {s: sizes.assignment[s] for s in used - moved}  # what could not move is guarded
            tried.append(Refused("sizes", f"at other sizes the step has l={again.l}, d={again.d}", write))
        why = tried[-1] if tried else None
        raise Refused("sizes", "the step is the contract at the compiled sizes but not at other sizes this "
                      "dynamic graph serves" + (f" ({why.part}: {why.reason})" if why else
                                                " (no other sizes satisfy the graph's guards)"),
                      why.node if why else write,
                      "write sizes the step depends on as tensor shapes (input.shape[1]) rather than Python "
                      "ints, or compile with dynamic=False / mark_dynamic on the batch only")

    # other values tried for a symbol: grown first, then shrunk (a batch that cannot grow past its cache)
    _SCALES = (lambda h: 2 * h, lambda h: h + 1, lambda h: 2 * h + 1, lambda h: 3 * h,
               lambda h: max(2, h - 1), lambda h: max(2, h // 2))

    @staticmethod
    def _reachable(step: "Step"):
        """Assignments valid input can reach: a batch no larger than the cache (slots of written rows are
        unique).  Others exist under the guards but no valid call runs there."""
        def ok(sizes) -> bool:
            return sizes.int(val(step.slots).shape[0]) <= sizes.int(val(step.cache).shape[0])
        return ok

    def _other_sizes(self, moving: set, reachable=lambda sizes: True):
        """A size assignment that satisfies the graph's guards (and ``reachable``) with as many of
        ``moving`` changed as possible: all of them scaled alike, else moved one tied group at a time (a
        guard such as ``3 * s >= k * s`` pins ``k`` to a few values while the batch and pages stay free).
        Returns ``(sizes, moved symbols)``, or ``(None, set())`` when nothing can move."""
        sizes = self.sizes
        for scale in self._SCALES:
            other = sizes.with_values({s: scale(sizes.assignment[s]) for s in moving})
            if other.assignment != sizes.assignment and other.guards_hold() and reachable(other):
                return other, set(moving)
        values, moved = {}, set()
        for sym in sorted(moving, key=str):
            if sym in moved:
                continue
            group = sizes.tied({sym})
            for scale in self._SCALES:
                trial = {**values, **{g: scale(sizes.assignment[g]) for g in group}}
                other = sizes.with_values(trial)
                if any(trial[g] != sizes.assignment[g] for g in group) and other.guards_hold() and reachable(other):
                    values, moved = trial, moved | group
                    break
        return (sizes.with_values(values), moved) if values else (None, set())

    def _verify(self, write: fx.Node) -> Step:
        w = _WriteSide(self, write)
        best: Refused | None = None
        for lengths in w.length_candidates():
            try:
                return _Verification(self, w, lengths).run()
            except Refused as exc:
                if best is None or _STAGES.index(exc.part) > _STAGES.index(best.part):
                    best = exc
        if best is None:
            raise Refused("mask", "the select condition does not depend on a [B] integer tensor (the lengths)",
                          w.cond, "mask with the sequence lengths: (s >= l) & ((s - l) % d == 0)")
        raise best

    def gen(self, salt: int) -> torch.Generator:
        return torch.Generator().manual_seed(self.seed * 1000003 + salt)


_STAGES = ["internal", "write", "keep", "gather", "roles", "mask", "weight", "pooling", "dtype", "sizes", "device"]  # run order


class _WriteSide:
    """The write, the cache it updates, the slots, and the select feeding it (parts "write"/"keep")."""

    def __init__(self, rec: Recognizer, write: fx.Node):
        self.rec = rec
        self.write = write
        base_pos, index_pos, values_pos = T.WRITES[write.target]
        self.base = write.args[base_pos]
        self.values = write.args[values_pos]
        sizes = rec.sizes
        if write.target in (aten.index_put.default, aten._unsafe_index_put.default):
            indices = list(write.args[index_pos])
            if not indices or indices[0] is None:
                raise NotACandidate("the write does not index the cache rows", write)
            # cache[slots] or cache[slots[:, None, None], arange(N)[:, None], arange(D)]: the indices
            # after the first may only be constants (the write check then proves it writes whole rows)
            for extra in indices[1:]:
                if extra is not None and {n for n in value_leaves([extra]) if not _constant_leaf(n)}:
                    raise NotACandidate("the write indexes inside the cache rows with data-dependent "
                                        "indices", extra)
            index = indices[0]
            accumulate = write.args[3] if len(write.args) > 3 else write.kwargs.get("accumulate", False)
            if accumulate:
                raise Refused("write", "the write accumulates into the cache (index_put accumulate=True)", write)
        else:
            dim = write.args[1]
            if dim not in (0, -_dim(self.base)):
                raise NotACandidate(f"the write is along dim {dim}, not the cache rows", write)
            index = write.args[index_pos]
        # the cache: the write's base through exact casts, copies and reshapes, back to a 3-D float tensor
        chain = _chain_back(self.base, T.CASTS | T.RESHAPES | _COPIES)
        cands = [n for n in chain if T.is_float(n) and _dim(n) == 3]
        if not cands:
            raise NotACandidate("the written tensor is not a [num_slots, N, D] cache", write)
        self.cache = cands[-1]
        self.dtype = T.dtype_of(self.cache)
        for n in chain[:chain.index(self.cache)]:
            if T.dtype_of(n) not in (self.dtype, torch.float32):
                raise Refused("dtype", f"the cache is cast to {T.dtype_of(n)} before the write", n)
        # the updated cache: the write, or casts/reshapes of it back to the cache's shape and dtype
        z = write
        while not (T.dtype_of(z) == self.dtype and _dim(z) == 3 and
                   sizes.shape(z) == sizes.shape(self.cache)):
            users = list(z.users)
            if len(users) == 1 and users[0].target == aten.copy_.default and users[0].args[0] is self.cache \
                    and users[0].args[1] is z and sizes.shape(z) == sizes.shape(self.cache):
                break  # copied back into the cache, and rounded to its dtype on the way (cache.copy_(upcast))
            if len(users) == 1 and users[0].target == aten.copy.default and users[0].args[1] is z \
                    and T.dtype_of(users[0]) in (self.dtype, torch.float32):
                z = users[0]  # functional copy(cache, new): new converted to the cache's dtype
                continue
            if len(users) != 1 or users[0].target not in (T.CASTS | T.RESHAPES):
                raise Refused("write", "the written tensor is not read back as the cache "
                              f"(its users: {', '.join(u.name for u in users) or 'none'})", z)
            z = users[0]
            if T.dtype_of(z) not in (self.dtype, torch.float32):
                raise Refused("dtype", f"the updated cache is cast to {T.dtype_of(z)}", z)
        self.new_cache = z
        if z is not write and len(write.users) != 1:
            raise Refused("write", "the cache before the final cast is also read elsewhere", write)
        # the slots: the write index through casts and views, back to a [B] integer tensor
        chain = _chain_back(index, T.CASTS | T.VIEWS)
        cands = [n for n in chain if T.is_int(n) and _dim(n) == 1]
        if not cands:
            raise Refused("write", "the write index is not derived from a [B] slot tensor", index)
        self.slots = cands[-1]
        # the select: where(cond, new, keep), through casts and reshapes
        chain = _chain_back(self.values, T.CASTS | T.RESHAPES | {aten.unsqueeze.default, aten.squeeze.dim,
                                                                  aten.expand.default})
        select = chain[-1]
        if select.op != "call_function" or select.target != aten.where.self:
            raise Refused("keep", "no masked select (torch.where) before the write: rows of batches whose "
                          "window did not complete would be overwritten", select,
                          "write torch.where(valid, new_rows, cache[slots]) (a 0/1 blend is not exact for inf/nan)")
        self.select = select
        self.cond, t, f = select.args[:3]
        reach = [self.cache in value_ancestors([b]) if isinstance(b, fx.Node) else False for b in (t, f)]
        if reach == [False, True]:
            self.new, self.keep, self.polarity = t, f, True
        elif reach == [True, False]:
            self.new, self.keep, self.polarity = f, t, False
        else:
            raise Refused("keep", "cannot tell the kept cache rows from the new rows in the select", select)
        self.B = sizes.int(val(self.slots).shape[0])
        self.S = sizes.int(val(self.cache).shape[0])
        self.row_shape = sizes.shape(self.base)[1:]
        exactness.check_select_chain(self.values, select, self.dtype)
        exactness.check_kept_path(self.keep, self.cache, self.slots, self.dtype)
        self.check_write()
        self.check_keep()

    def check_write(self):
        """Z = cache with rows slots[b] replaced by V[b] (any spelling of the row write)."""
        rec = self.rec
        sizes = _smaller_symbols(rec.sizes, {self.cache: 2 * self.B + 8}, [self.slots, self.values])
        if self.S < self.B:
            raise Refused("write", f"{self.B} slots cannot be unique in a cache of {self.S} rows", self.write)
        gen = rec.gen(1)
        try:
            (sub, to_base, to_new), rows = _subgraphs(
                [([self.new_cache], [self.cache, self.slots, self.values], {}),
                 ([self.base], [self.cache], {}),
                 ([self.new_cache], [self.write, self.cache], {})],
                {self.cache: 2 * self.B + 8, self.write: 2 * self.B + 8}, sizes)
            S = _probe_shape(self.cache, sizes, rows)[0]
            cache = torch.randn(_probe_shape(self.cache, sizes, rows), generator=gen).to(self.dtype)
            slots = torch.randperm(S, generator=gen)[: self.B].to(T.dtype_of(self.slots))
            v = torch.randn(sizes.shape(self.values), generator=gen).to(T.dtype_of(self.values))
            z = sub([cache, slots, v], sizes)[0]
            base = to_base([cache], sizes)[0].clone()
            base[slots.long()] = v.to(base.dtype).broadcast_to((self.B, *base.shape[1:]))
            want = to_new([base, cache], sizes)[0] if self.new_cache is not self.write else base
        except EvaluationError as exc:
            raise Refused("write", f"the write could not be evaluated: {exc}", self.write)
        if not _bits_equal(z, want):
            raise Refused("write", "the write does not put row b at cache[slots[b]] and leave the other rows "
                          "untouched", self.write)

    def check_keep(self):
        """V = cond ? cast(new) : cache[slots], bit-exactly (inf and nan included)."""
        rec = self.rec
        sizes = _smaller_symbols(rec.sizes, {self.cache: 2 * self.B + 8},
                                 [self.cond, self.new, self.slots, self.select])
        gen = rec.gen(2)
        cond_shape = sizes.shape(self.cond)
        if len(cond_shape) == 0 or cond_shape[0] != self.B:
            raise Refused("keep", "the select condition is not per batch row", self.cond)
        # which rows are kept must not depend on slot values except through the read itself (then one
        # probe with distinct values proves the keep branch for every slot mapping)
        for n in value_ancestors([self.keep], {self.cache, self.slots}) - {self.cache, self.slots}:
            if n.op == "call_function" and T.is_int(n) and not (n.target in T.CASTS or n.target in T.VIEWS) \
                    and self.slots in value_ancestors([n]):
                raise Refused("keep", f"the kept rows are read at indices computed by {T.op_name(n)}, not at the "
                              "written slots", n)
        try:
            (sub, to_base, to_values), rows = _subgraphs(
                [([self.values], [self.cond, self.new, self.cache, self.slots], {}),
                 ([self.base], [self.cache], {}),
                 ([self.values], [self.select], {})],
                {self.cache: 2 * self.B + 8}, sizes)
            S = _probe_shape(self.cache, sizes, rows)[0]
            cache = torch.randn(_probe_shape(self.cache, sizes, rows), generator=gen).to(self.dtype)
            cache[0] = float("nan")
            if S > 2:
                cache[1] = float("inf")
                cache[2] = -0.0  # a kept row must stay -0.0 (x + 0.0 would make it +0.0)
            slots = torch.randperm(S, generator=gen)[: self.B]
            for i in range(min(self.B, S, 3)):  # make sure the special rows are read
                slots[slots == i] = slots[i]
                slots[i] = i
            slots = slots.to(T.dtype_of(self.slots))
            new = torch.randn(sizes.shape(self.new), generator=gen).to(T.dtype_of(self.new))
            if new.dim() and new.shape[0] == self.B and self.B > 2:
                new[2] = float("inf")
            rows_pattern = torch.rand(self.B, generator=gen) < 0.5
            base = to_base([cache], sizes)[0]
            where_shape = sizes.shape(self.select)
            kept = base[slots.long()].to(T.dtype_of(self.select)).reshape(where_shape)
            fresh = new.to(T.dtype_of(self.select)).broadcast_to(where_shape)
            for pattern in (torch.zeros(self.B, dtype=torch.bool), torch.ones(self.B, dtype=torch.bool),
                            rows_pattern):
                c = pattern.reshape((self.B,) + (1,) * (len(cond_shape) - 1)).expand(cond_shape).clone()
                take_new = pattern if self.polarity else ~pattern
                got = sub([c, new, cache, slots], sizes)[0]
                sel = torch.where(take_new.reshape((self.B,) + (1,) * (len(where_shape) - 1)), fresh, kept)
                want = to_values([sel], sizes)[0]
                if not _bits_equal(got, want):
                    raise Refused("keep", "rows whose window did not complete are not kept bit-exactly as "
                                  "cache[slots[b]] (or the new rows are changed on the way to the write)",
                                  self.keep, "keep rows with torch.where(valid, new, cache[slots]); blends "
                                  "like new*m + old*(1-m) turn inf/nan rows into nan")
        except EvaluationError as exc:
            raise Refused("keep", f"the kept rows could not be evaluated: {exc}", self.keep)

    def length_candidates(self) -> list[fx.Node]:
        """[B] integer tensors that every input of the condition flows through, nearest first."""
        anc = value_ancestors([self.cond])
        cands = [n for n in anc if T.is_int(n) and _dim(n) == 1 and n is not self.cond]
        return dominators(self.cond, cands)


class _CutFailed(Exception):
    """The batch plan has no proof for this graph, or the cut graph does not run: probe the whole batch."""


class _Verification:
    """Roles, mask, gather, pooling, dtype and size checks for one choice of the lengths node."""

    def __init__(self, rec: Recognizer, w: _WriteSide, lengths: fx.Node):
        self.rec, self.w, self.lengths = rec, w, lengths
        self.sizes = rec.sizes

    def run(self) -> Step:
        w = self.w
        if self.sizes.int(val(self.lengths).shape[0]) != w.B:
            raise Refused("mask", "the lengths do not have one entry per written row", self.lengths)
        self.find_input()
        self.find_table()
        self.check_int_paths()
        self.check_rows()
        self.check_mask()
        self.check_length_thresholds()
        self.find_weight()
        self.check_structure()
        self.check_pooling()
        self.check_device()
        return Step(write=w.write, new_cache=w.new_cache, input=self.input, weight=self.weight,
                    weight_layout=self.layout, slots=w.slots, block_table=self.table, lengths=self.lengths,
                    cache=w.cache, l=self.l, d=self.d, nodes=self.nodes(), specialize={},
                    size_values=self.size_values())

    def size_values(self) -> dict:
        """Symbols the step uses as *values* (``s <= 16 * B``, ``pos // P`` with a symbolic page size,
        ``clamp(max=pages * P - 1)``): the proof evaluated them at one assignment, so they are guarded
        to it (symbol -> value).  The batch size as a value is refused instead: guarding it would make
        a ``mark_dynamic`` batch static, and a per-row step never needs it."""
        if not self.sizes.assignment:
            return {}
        w = self.w
        stop = {self.input, self.table, self.lengths, w.slots, w.cache}
        batch = self.sizes.tied(self.sizes.symbols(val(self.lengths).shape[0]))
        found = {}
        for n in value_ancestors([w.new_cache], stop) - stop:
            if n.op != "call_function":
                continue
            skip = _SHAPE_ARGS.get(n.target, ())
            if n.target in T.VIEWS or n.target in T.RESHAPES or n.target in T.SHAPE_ONLY:
                skip = "all"
            for i, a in enumerate(list(n.args) + list(n.kwargs.values())):
                if (i > 0 if skip == "all" else i in skip):
                    continue
                for x in (a if isinstance(a, (list, tuple)) else [a]):
                    v = val(x) if isinstance(x, fx.Node) else x
                    if not isinstance(v, torch.SymInt):
                        continue
                    for sym in self.sizes.symbols(v):
                        if sym in batch:
                            raise Refused("sizes", f"{T.op_name(n)} uses the batch size as a value: row b's result "
                                          "then changes with the number of rows", n,
                                          "compute each row from its own length, table row and slot")
                        found[sym] = self.sizes.assignment[sym]
        return found

    # -- roles -------------------------------------------------------------------------------------
    def find_input(self):
        """The paged KV input: the tensor whose elements the token gathers move into the new rows
        (through any data movement: views, casts, concatenation, a where between two gathers...)."""
        w = self.w
        # (not past other writes: behind a KV append lies the model's earlier work, e.g. the previous
        # layer's attention, whose gathers from its own caches are no part of this step)
        writes = {n for n in w.write.graph.nodes if n.op == "call_function" and n.target in T.WRITES}
        self.region = value_ancestors([w.new], {self.lengths} | writes)
        gathers = []
        for n in self.region:
            if n.op == "call_function" and n.target in T.GATHERS:
                data = n.args[T.GATHERS[n.target]]
                idx = [a for a in n.all_input_nodes if a is not data]
                if T.is_float(data) and any(value_leaves([i], {self.lengths}) - {n for n in self.region
                                                                                  if _constant_leaf(n)}
                                            for i in idx):
                    gathers.append(n)
        if not gathers:
            raise Refused("gather", "the new rows are not gathered from a paged KV tensor with indices computed "
                          "from the lengths", w.new, "gather the last l tokens: kv[block_table[b, p // P], p % P]")
        roots, ends = set(), set()
        for g in gathers:
            for root, end in self._sources(g.args[T.GATHERS[g.target]]):
                ends.add(end)
                if root is not None:
                    roots.add(root)
        if not roots:
            end = in_order(ends)[0]
            raise Refused("gather", f"tokens are gathered from {end.name} ({T.op_name(end) if end.op == 'call_function' else end.op}),"
                          f" which is not a [num_blocks, P, N, D] {w.dtype} tensor", end)
        if len(roots) != 1:
            raise Refused("gather", "tokens are gathered from more than one tensor: "
                          + ", ".join(sorted(r.name for r in roots)), gathers[0])
        self.input = roots.pop()
        self.gathers = gathers
        shape = self.sizes.shape(self.input)
        if tuple(shape[2:]) != tuple(self.sizes.shape(w.cache)[1:]):
            raise Refused("gather", f"paged input {tuple(shape)} and cache {self.sizes.shape(w.cache)} do not "
                          "share [N, D]", self.input)

    def _sources(self, start: fx.Node):
        """Walk back from a gather's data operand through data movement.  Yields, per path, the
        root-most [*, *, N, D] tensor of the cache dtype on it (None if there is none) and the node
        where the walk stopped.  Paths that end in arithmetic (a gather of already pooled values, as
        in pool-then-select spellings) yield no root."""
        dtype = self.w.dtype
        seen = set()
        work = [(start, None)]
        while work:
            n, best = work.pop()
            if n in seen:
                continue
            seen.add(n)
            if _dim(n) == 4 and T.dtype_of(n) == dtype:
                best = n
            if T.is_data_movement(n):
                ins = T.data_inputs(n)
                if ins:
                    work.extend((a, best) for a in ins)
                    continue
            if n.op == "call_function" and n.target in T.ARITHMETIC:
                yield None, n
            else:
                yield best, n

    def find_table(self):
        """The block table: the other integer input of the new rows (a [B, max_pages] tensor).  Also
        collects the float inputs besides the paged KV (the weight, see find_weight)."""
        w = self.w
        leaves = value_leaves([w.new], {self.lengths, self.input})
        constants = {n for n in leaves if _constant_leaf(n)}
        if w.cache in leaves or w.slots in leaves:
            raise Refused("roles", "the new rows read the cache or the slot mapping", w.new)
        if self.lengths not in leaves:
            raise Refused("roles", "the new rows do not depend on the lengths", w.new)
        leaves -= constants | {self.lengths, self.input}
        ints = [n for n in leaves if T.is_int(n)]
        self.floats = [n for n in leaves if T.is_float(n)]
        self.float_constants = [n for n in constants if T.is_float(n)]
        other = leaves - set(ints) - set(self.floats)
        if other:
            n = next(iter(other))
            raise Refused("roles", f"the new rows depend on {n.name}, which is none of the step's inputs", n)
        tables = [n for n in ints if _dim(n) == 2]
        if len(tables) != 1:
            raise Refused("roles", "the gather does not read exactly one [B, max_pages] block table: "
                          + (", ".join(sorted(n.name for n in ints)) or "none"), w.new)
        extra = [n for n in ints if n is not tables[0]]
        if extra:
            raise Refused("roles", f"the index arithmetic reads {extra[0].name} (a graph input, e.g. a module "
                          "buffer), whose values are only known at run time", extra[0],
                          "compute window offsets in the step (torch.arange(l)) instead of reading a buffer, "
                          "or compile with torch._inductor.config.freezing=True so buffers are constants")
        self.table = tables[0]
        if self.sizes.int(val(self.table).shape[0]) != w.B:
            raise Refused("roles", "the block table does not have one row per written row", self.table)

    def check_rows(self):
        """Row b of the condition is a function of length b alone, and row b of the new rows of
        (table row b, length b) alone: no row number, no batch size, no other row's values
        (``evaluate.BatchPlan.prove``, structural).  The mask and pooling probes put each length in
        some row; this is what makes their verdict hold for every row, at every batch size."""
        w = self.w
        if w.B == 1 and not self.sizes.symbols(val(self.lengths).shape[0]):
            return  # one row, and a static graph serves no other batch size
        for part, outputs, frontier, roots, what in (
                ("mask", [w.cond], [self.lengths], [self.lengths], "the condition of row b"),
                ("gather", [w.new], [self.input, self.table, self.lengths], [self.table, self.lengths],
                 "the new row b")):
            try:
                BatchPlan.prove(Subgraph(outputs, frontier), roots, self.sizes, w.B)
            except EvaluationError as exc:
                raise Refused(part, f"{what} may depend on other rows, the row number or the batch size, not "
                              f"only on row b's own inputs ({exc})", outputs[0],
                              "compute each row from its own length, block-table row and slot "
                              "(no arange over the batch, no reductions over the batch)")

    def check_int_paths(self):
        """Integer casts and page-id clamps are exact on every valid value (``exactness``): lengths
        in [0, capacity], page ids in [0, num_blocks), slots in [-num_slots, num_slots).  A symbolic
        bound leaves the dtype's range."""
        w = self.w

        def upto(size):
            return None if self.sizes.symbols(size) else int(size)

        cap_pages, P = val(self.table).shape[1], val(self.input).shape[1]
        blocks, S = val(self.input).shape[0], val(w.cache).shape[0]
        seeds = {}
        if upto(cap_pages) is not None and upto(P) is not None:
            seeds[self.lengths] = (0, int(cap_pages) * int(P))
        else:
            seeds[self.lengths] = (0, exactness.dtype_range(T.dtype_of(self.lengths))[1])
        hi_block = upto(blocks)
        seeds[self.table] = (0, hi_block - 1 if hi_block is not None else
                             exactness.dtype_range(T.dtype_of(self.table))[1])
        n_slots = upto(S)
        seeds[w.slots] = (-n_slots, n_slots - 1) if n_slots is not None else \
            exactness.dtype_range(T.dtype_of(w.slots))
        stop = {self.input, self.table, self.lengths, w.slots, w.cache}
        region = value_ancestors([w.new_cache], stop) - stop
        self.int_seeds = seeds
        exactness.check_int_paths(region, exactness.Intervals(self.sizes, seeds), self.table)

    def check_length_thresholds(self):
        """Constants compared with (or clamping) length-derived values in the new rows hold for every
        capacity a dynamic graph serves (``exactness.check_length_thresholds``)."""
        symbolic = bool(self.sizes.symbols(val(self.table).shape[1]) or self.sizes.symbols(val(self.input).shape[1]))
        seeds = dict(self.int_seeds)
        seeds[self.lengths] = (self.l, seeds[self.lengths][1])  # (only qualifying rows' new values are kept)
        region = value_ancestors([self.w.new], {self.input, self.table, self.lengths}) - {self.input, self.table}
        exactness.check_length_thresholds(region, exactness.Intervals(self.sizes, seeds), self.lengths, symbolic)

    # -- mask ----------------------------------------------------------------------------------------
    def capacity(self) -> int:
        return self.sizes.int(val(self.table).shape[1]) * self.sizes.int(val(self.input).shape[1])

    def check_mask(self):
        """The condition, as a function of the lengths alone, is exactly s >= l and (s - l) % d == 0 on
        every length the cache can hold (exhaustive)."""
        w = self.w
        leaves = {n for n in value_leaves([w.cond], {self.lengths}) if not _constant_leaf(n)}
        if leaves != {self.lengths}:
            bad = sorted(n.name for n in leaves - {self.lengths})
            raise Refused("mask", f"the condition reads {', '.join(bad)} besides the lengths", w.cond)
        hi = max(self.capacity(), self._mask_bound())
        s = torch.arange(hi + 1)
        got = self.eval_mask(s)
        if w.polarity is False:
            got = ~got
        trues = s[got]
        if trues.numel() == 0:
            raise Refused("mask", f"the condition is false for every length 0..{hi}", w.cond)
        l = int(trues[0])
        d = int(trues[1] - trues[0]) if trues.numel() > 1 else l
        if d <= 0 or l < d or l <= 0:
            raise Refused("mask", f"the condition selects lengths {trues[:4].tolist()}..., not a window "
                          "length l >= stride d > 0", w.cond)
        want = (s >= l) & ((s - l) % d == 0)
        if not torch.equal(got, want):
            bad = int((got != want).nonzero()[0])
            raise Refused("mask", f"the condition is {bool(got[bad])} for length {bad}, where s >= {l} and "
                          f"(s - {l}) % {d} == 0 is {bool(want[bad])}", w.cond,
                          "the window completes when (s >= l) & ((s - l) % d == 0)")
        self.l, self.d = l, d

    def eval_mask(self, lengths: torch.Tensor) -> torch.Tensor:
        """The condition per row for each length in ``lengths``, B rows per evaluation (static graphs);
        in a dynamic graph the batch is a symbol, so thousands of lengths go in one evaluation."""
        w = self.w
        sub = Subgraph([w.cond], [self.lengths])
        dtype = T.dtype_of(self.lengths)
        sizes, rows = self.sizes, w.B
        batch = self.sizes.symbols(val(self.lengths).shape[0])
        if len(batch) == 1 and val(self.lengths).shape[0].node.expr in batch:
            rows = min(lengths.numel(), 4096)
            sizes = self.sizes.with_values({sym: rows for sym in self.sizes.tied(batch)})
        where_shape = sizes.shape(w.select)
        out = []
        for start in range(0, lengths.numel(), rows):
            chunk = lengths[start:start + rows]
            pad = torch.cat([chunk, chunk.new_zeros(rows - chunk.numel())])
            try:
                c = sub([pad.to(dtype)], sizes)[0]
            except EvaluationError as exc:
                raise Refused("mask", f"the condition could not be evaluated: {exc}", w.cond)
            c = c.to(torch.bool).broadcast_to(where_shape).reshape(rows, -1)
            if not torch.equal(c.all(1), c.any(1)):
                raise Refused("mask", "the condition differs within a batch row", w.cond)
            out.append(c[: chunk.numel(), 0])
        return torch.cat(out)

    def _mask_bound(self) -> int:
        """For a symbolic capacity: a length past which the condition repeats.  For conditions built
        from integer affine arithmetic, comparisons, floor division / remainder / bit masks by constants
        and logical ops, the condition is periodic with the product of its divisors beyond its largest
        threshold, which is at most the sum of its constants times that product: evaluating twice that
        far covers every length.  Other ops: refused (the capacity cannot bound the check)."""
        if not self.sizes.symbols(val(self.table).shape[1]) and not self.sizes.symbols(val(self.input).shape[1]):
            return 0
        consts, divisors = [], []
        for n in value_ancestors([self.w.cond], {self.lengths}):
            if n.op != "call_function" or n is self.lengths:
                continue
            if n.target in T.VIEWS or n.target in T.CASTS or n.target in _CONSTANT_MAKERS:
                continue
            if n.target not in _MASK_OPS:
                raise Refused("mask", f"the condition uses {T.op_name(n)}; with a symbolic cache capacity only "
                              "integer arithmetic, comparisons, floor division, remainder and logical ops can "
                              "be checked for every length", n, "compile with mark_dynamic on the batch only, or "
                              "write the condition as (s >= l) & ((s - l) % d == 0)")
            nums = [abs(x) for x in (self._number(a) for a in n.args) if x is not None]
            consts += nums
            if n.target in _DIVIDING:
                divisors += [x for x in nums[-1:] if x]
            elif n.target in _BITMASKING:
                divisors += [1 << max(x.bit_length(), 1) for x in nums[-1:]]
        period = math.prod(divisors) if divisors else 1
        bound = (sum(consts) + 2) * period * 2
        if bound > MAX_MASK_RANGE:
            raise Refused("mask", f"the condition's constants and divisors (period {period}) would need lengths "
                          f"up to {bound} checked", self.w.cond, "compile with mark_dynamic on the batch only")
        return bound

    def _number(self, a):
        """An int operand of a mask op: a literal, a SymInt (at this assignment) or a constant tensor."""
        if isinstance(a, bool):
            return None
        if isinstance(a, (int, torch.SymInt)):
            return self.sizes.int(a)
        if isinstance(a, fx.Node):
            v = val(a)
            if isinstance(v, (int, torch.SymInt)):
                return self.sizes.int(v)
            if a.op == "call_function" and a.target in _CONSTANT_MAKERS and not a.all_input_nodes:
                fill = a.args[1] if len(a.args) > 1 else (a.args[0] if a.args else None)
                return int(fill) if isinstance(fill, (int, float)) and not isinstance(fill, bool) else None
        return None

    # -- weight ------------------------------------------------------------------------------------
    def find_weight(self):
        """The tensors that could be the op's [l, N] weight: nodes in the input dtype on the weight's
        way to the pooling (the parameter itself, or a view/exact cast of it) that every use of the
        parameter passes through.  Anything computed from the parameter is a different pooling."""
        w, sizes = self.w, self.sizes
        self.weight_nodes: list[fx.Node] = []
        N = sizes.shape(w.cache)[1]
        in_dtype = T.dtype_of(self.input)
        for n in self.floats:
            if self._numel(n) == 1:
                raise Refused("roles", f"the pooled value depends on {n.name}, a scalar graph input (a Python "
                              "float that dynamo passes in at run time), whose value cannot be checked", n,
                              "write the constant inline, or set torch._dynamo.config.specialize_float = True")
        if len(self.floats) > 1:
            raise Refused("roles", "the pooled value depends on more than one float input besides the paged KV: "
                          + ", ".join(sorted(n.name for n in self.floats)), self.floats[0],
                          "only a [l, N] weight may enter the pooling (a gate, bias or computed weight is "
                          "different math)")
        # a frozen parameter (torch._inductor.config.freezing) is a constant: it is the weight if it has
        # the weight's size; other constants are evaluated as what they are
        frozen = [n for n in self.float_constants if self._numel(n) == self.l * N and _holds_dtype(n, in_dtype)]
        self.weight_leaf = self.floats[0] if self.floats else (frozen[0] if len(frozen) == 1 else None)
        if self.weight_leaf is None:
            return
        leaf = self.weight_leaf
        region = self.region - {self.input}
        tokens = depending_on(region | {self.input}, {self.input})
        weight_region = depending_on(region, {leaf}) - tokens
        for n in in_order(weight_region):
            if n is not leaf and n.op == "call_function" and not (T.is_data_movement(n) and n.target not in T.GATHERS):
                raise Refused("weight", f"the weight is computed by {T.op_name(n)} before the pooling", n,
                              "pass the [l, N] weight parameter itself (views and float casts are fine)")
        exactness.check_weight_casts(weight_region, leaf)
        cands = [n for n in in_order(weight_region)
                 if T.is_tensor(n) and self._numel(n) == self.l * N and (T.dtype_of(n) == in_dtype or
                                                       (n is leaf and _holds_dtype(n, in_dtype)))]
        cands = [c for c in cands if c is leaf or leaf not in value_leaves([w.new], {self.lengths, self.input, c})]
        if not cands:
            shape = sizes.shape(leaf)
            if math.prod(shape) != self.l * N:
                # a per-head weight with another window length: the condition is what disagrees (a
                # weight without a heads dimension, e.g. one [l] vector for all heads, is a weight issue)
                if N in shape and math.prod(shape) % N == 0 and math.prod(shape) // N != self.l:
                    raise Refused("mask", f"the condition selects windows of l={self.l} (stride {self.d}) but the "
                                  f"weight {leaf.name} {list(shape)} has {math.prod(shape) // N} positions: the "
                                  "condition is not s >= l and (s - l) % d == 0 for the pooled window", w.cond,
                                  "the window completes when (s >= l) & ((s - l) % d == 0)")
                raise Refused("weight", f"the weight {leaf.name} has shape {list(shape)}, but the mask's window "
                              f"length l={self.l} and N={N} need an [l, N] = [{self.l}, {N}] weight", leaf)
            raise Refused("weight", f"the weight is used as {T.dtype_of(leaf)} without passing through the input "
                          f"dtype {in_dtype} (the fused op takes it in the input dtype, which would round it)", leaf,
                          f"store the weight in {in_dtype} (an fp32 copy of fp16 values cannot be told apart "
                          "from fp32 values at compile time)")
        self.weight_nodes = cands

    def _numel(self, node) -> int:
        return math.prod(self.sizes.shape(node))

    # -- structure of the pooling ------------------------------------------------------------------
    def check_structure(self):
        """Between the gathered tokens and the new rows: data movement, then fp32 arithmetic that is
        linear in the tokens, rounded at most once to the cache dtype and never before the sum is
        complete.  Records the rounding casts (neutralised when probing).  A bias or any other
        token-free term, and any wrong coefficient, shows up in the probes (check_pooling)."""
        w = self.w
        region = value_ancestors([w.new], {self.lengths, self.input})
        tokens = depending_on(region, {self.input})
        in_dtype = T.dtype_of(self.input)
        self.rounding: list[fx.Node] = []
        arith, rounded = set(), set()
        summed: set[fx.Node] = set()  # window sums (and data movement of them)
        self.written_order = False  # a sum the user spelled out as adds, whose order the op must keep
        for n in in_order(tokens):
            if n is self.input:
                continue
            ins = [a for a in T.value_inputs(n) if a in tokens]
            derived = any(a in arith for a in ins)
            if any(a in summed for a in ins) and (T.is_data_movement(n) or n.target in T.SUMS
                                                   or n.target in T.REDUCTIONS):
                summed.add(n)
            self._check_sum_then_scale(n, ins, summed, in_dtype)
            if n.target in T.REDUCTIONS or (n.target in T.PRODUCTS and n.target not in _ELEMENTWISE_PRODUCTS):
                summed.add(n)  # (bmm, matmul, conv...: products summed inside)
            elif n.target in T.SUMS and sum(1 for a in n.args[:2] if isinstance(a, fx.Node) and a in tokens) == 2:
                summed.add(n)
                self.written_order = True
            if any(a in rounded for a in ins):
                if n.target in T.ARITHMETIC:
                    raise Refused("dtype", "arithmetic on a value already rounded to the cache dtype: the sum "
                                  "is rounded more than once", n)
                rounded.add(n)
            t = n.target
            if t in T.CASTS:
                to = T.dtype_of(n)
                if derived:
                    if to not in (torch.float32, w.dtype):
                        raise Refused("dtype", f"the pooled value is cast to {to}", n)
                    arith.add(n)
                    if to != torch.float32:
                        rounded.add(n)
                        self.rounding.append(n)
                elif to not in (torch.float32, in_dtype):
                    raise Refused("dtype", f"tokens are cast to {to}, which does not hold {in_dtype} exactly", n)
                continue
            if T.is_data_movement(n):
                if t in T.SELECTS:
                    condition = n.args[0] if t is aten.where.self else n.args[1]
                    if condition in tokens:
                        raise Refused("pooling", "a condition on token values (data-dependent selection)", n)
                if derived:
                    arith.add(n)
                continue
            if t not in T.ARITHMETIC:
                raise Refused("pooling", f"{T.op_name(n)} on the tokens is not part of a weighted sum", n,
                              "pool with a weighted sum, einsum/matmul or mean (fp32), nothing else")
            if T.dtype_of(n) != torch.float32:
                raise Refused("dtype", f"{T.op_name(n)} computes in {T.dtype_of(n)}, not fp32", n,
                              "upcast before pooling: (tokens.float() * weight.float()).sum(...), then .to(dtype)")
            if t in T.PRODUCTS:
                factors = [n.args[i] for i in T.PRODUCTS[t] if i < len(n.args)]
                if sum(1 for f in factors if f in tokens) > 1:
                    raise Refused("pooling", f"{T.op_name(n)} multiplies tokens by tokens (not linear)", n)
            if t in T.QUOTIENTS and (n.args[0] not in tokens or any(a in tokens for a in n.args[1:])):
                raise Refused("pooling", f"{T.op_name(n)} divides by a token-dependent value", n)
            arith.add(n)
        if not arith:
            raise Refused("pooling", "the new rows are copied tokens, not a pooled window", w.new)
        self.arith = arith
        self.tokens = tokens

    # Scaling a window sum after summing it (mean, sum / l) equals the op's sum of scaled products
    # (the op pools with weight 1/l) only where no partial sum overflows or underflows in fp32.  For
    # fp16 data that is always so (|sum| <= l * 65504; every nonzero sum of fp16 values is a multiple of
    # 2**-24, which stays normal after scaling by a power of two down to 2**-102); for bf16 and fp32
    # data near the dtype's max or among subnormals it is not, so those forms are refused there.
    _SUM_THEN_SCALE = {aten.mean.dim, aten.mean.default, aten.avg_pool2d.default, aten.avg_pool1d.default,
                       aten._adaptive_avg_pool2d.default}

    def _check_sum_then_scale(self, n, ins, summed, in_dtype):
        if in_dtype == torch.float16:
            return
        scaled_sum = n.target in self._SUM_THEN_SCALE or (
            (n.target in T.PRODUCTS or n.target in T.QUOTIENTS) and any(a in summed for a in ins))
        if scaled_sum:
            raise Refused("pooling", f"{T.op_name(n)} scales the window sum after summing it: for {in_dtype} data "
                          "it overflows (or underflows to subnormals) where the op's sum of scaled products does "
                          "not", n, "scale each token before summing: (tokens.float() * (1 / l)).sum(1), "
                          "or pass the weights")

    # -- gather + pooling by probes ----------------------------------------------------------------
    def qualifying_lengths(self) -> list[int]:
        return list(range(self.l, self.capacity() + 1, self.d))

    def check_pooling(self):
        """For every qualifying length, on random block tables, the new rows before their rounding are
        exactly sum_j fp32(w[j, h]) * fp32(token_j[h, :]) with the op's weight (bit-exact probes).
        Probed at a few batch rows where the batch plan allows it (``evaluate.BatchPlan``)."""
        qual = self.qualifying_lengths()
        if not qual:
            raise Refused("mask", "no length up to the cache capacity completes a window", self.w.cond)
        # batch rows for a cut probe: enough for every qualifying length within MAX_POOLING_EVALS chunks
        cut = min(self.w.B, max(PROBE_BATCH, -(-len(qual) // MAX_POOLING_EVALS)))
        self.batch = None
        if cut < self.w.B:
            try:
                return self._probe_pooling(qual, cut)
            except _CutFailed:
                self.batch = None  # no proof that the rows are independent: probe the whole batch
            finally:
                if self.batch is not None:
                    diagnostics.stats["batch_cut"] += 1
        self._probe_pooling(qual, None)

    def _probe_pooling(self, qual, cut):
        """check_pooling at ``cut`` batch rows (raises _CutFailed where that is not possible) or, with
        ``cut`` None, at the graph's batch."""
        w, leaf = self.w, self.weight_leaf
        pages = self.sizes.shape(self.table)[1]
        # paged-input rows drawn from: two pages of one table row coincide once in 2 * pages + 2
        # pairs, so a gather that reads the wrong page still differs on most of the probe's rows
        want_blocks = min(2 * pages + 2, 64)
        sizes = self.eval_sizes = _smaller_symbols(self.sizes, {self.input: want_blocks},
                                                   [self.table, self.lengths, leaf, w.select, w.cache])
        N = sizes.shape(w.cache)[1]
        in_dtype = T.dtype_of(self.input)
        frontier = [self.input, self.table, self.lengths] + ([leaf] if leaf is not None else [])
        replace = {c: (lambda x: x.to(torch.float32)) for c in self.rounding}
        where_shape = sizes.shape(w.select)
        batch = ({self.table, self.lengths}, w.B, cut) if cut else None
        try:
            sub = self._pooling_subgraph(frontier, replace, want_blocks, batch, where_shape)
            views = Subgraph(self.weight_nodes, [leaf]) if self.weight_nodes else None
        except EvaluationError as exc:
            if cut:
                raise _CutFailed() from exc
            raise Refused("pooling", str(exc), w.new)
        probe_B = cut or w.B
        where_shape = (probe_B, *where_shape[1:])
        blocks = _probe_shape(self.input, sizes, self.rows)[0]
        alive = None  # (weight node, layout) pairs still consistent with every probe
        for draw in range(2):
            gen = self.rec.gen(10 + draw)
            inp = _dyadic(_probe_shape(self.input, sizes, self.rows), in_dtype, gen, 16, 8)
            wprobe = _dyadic(sizes.shape(leaf), T.dtype_of(leaf), gen, 32, 16) if leaf is not None else None
            cands = self.weight_candidates(views, wprobe, N, in_dtype)
            alive = list(cands) if alive is None else [k for k in alive if k in cands]
            order = qual if draw == 0 else qual[::-1]
            batches = [order[i:i + probe_B] for i in range(0, len(order), probe_B)]
            if draw == 0 and len(batches) > MAX_LENGTH_EVALS:
                raise Refused("sizes", f"{len(qual)} qualifying lengths at a batch of {probe_B} rows are too many "
                              "to evaluate each once", w.new, "compile with a larger batch or mark_dynamic on it")
            if draw > 0 and len(batches) > MAX_POOLING_EVALS:  # (the first draw evaluates every length)
                step = len(batches) / MAX_POOLING_EVALS
                batches = [batches[int(i * step)] for i in range(MAX_POOLING_EVALS - 1)] + [batches[-1]]
            # every row is compared: bit for bit on the rows holding each length of the chunk once
            # (all of them for a cut batch), and through an exact random projection on the others
            # (rows of an uncut batch may differ in more than their inputs: the row number, ...)
            proj = torch.randint(-(1 << 16), (1 << 16) + 1, (inp.shape[-1],), generator=gen, dtype=torch.float64)
            inp_proj = inp.to(torch.float64) @ proj
            for chunk in batches:
                distinct = len(chunk)
                chunk = (chunk * ((probe_B + len(chunk) - 1) // len(chunk)))[: probe_B]
                perm = torch.randperm(probe_B, generator=gen)
                lens = torch.tensor(chunk)[perm]
                table = torch.randint(0, blocks, (probe_B, pages), generator=gen).to(T.dtype_of(self.table))
                values = [inp, table, lens.to(T.dtype_of(self.lengths))] + ([wprobe] if wprobe is not None else [])
                try:
                    new = sub(values, sizes)[0]
                except EvaluationError as exc:
                    if cut:
                        raise _CutFailed() from exc
                    raise Refused("gather", f"the new rows could not be evaluated at lengths "
                                  f"{lens.tolist()[:4]}...: {exc}", w.new)
                self.batch = batch
                new = new.to(torch.float32).broadcast_to(where_shape).reshape(probe_B, N, -1)
                probe = _PoolingProbe(inp, inp_proj, proj, table, lens, self.l,
                                      exact=perm.argsort()[: max(distinct, min(probe_B, 32))])
                alive = [k for k in alive if probe.agrees(new, cands[k])]
                if not alive:
                    self.explain_pooling_mismatch(inp, table, lens)
        self._probe_specials(sub, views, sizes, alive[0], probe_B, blocks, pages, qual, N, in_dtype, where_shape)
        node, self.layout = alive[0]
        self.weight = node

    def _probe_specials(self, sub, views, sizes, key, probe_B, blocks, pages, qual, N, in_dtype, where_shape):
        """Probes of what dyadic draws never hold (docs/soundness.md, "second line"):

        * IEEE specials: NaN and +-inf in every KV position no window reads (an unread position must
          not leak into a new row, e.g. through ``0 * nan`` of a 0/1 window mask) and in some read
          tokens, -0.0 and subnormal tokens, a NaN weight;
        * rows that do not qualify beside rows that do (a new row must not depend on whether other
          rows qualify);
        * where the user wrote the window sum out as adds, values whose sum depends on its order,
          compared with the op's order (j = 0..l-1 from +0.0), and a window of -0.0 products.
        Compared bit for bit (NaN-aware) on the qualifying rows."""
        w, l, d, gen = self.w, self.l, self.d, self.rec.gen(40)
        leaf = self.weight_leaf
        P = sizes.shape(self.input)[1]
        capacity = self.capacity()
        qual_set = set(qual)
        # lengths that do not qualify, past the window (in range for unclamped gathers) where there are any
        other = [s for s in range(l, capacity + 1) if s not in qual_set] or list(range(l))
        rounds = [("specials", True)] + ([("order", False)] if self.written_order else [])
        for what, mixed in rounds:
            lens = torch.tensor([qual[int(i)] for i in torch.randint(0, len(qual), (probe_B,), generator=gen)])
            qualifying = torch.ones(probe_B, dtype=torch.bool)
            if mixed and other and probe_B > 1:
                qualifying = torch.rand(probe_B, generator=gen) < 0.5
                qualifying[0], qualifying[-1] = True, False
                lens = torch.where(qualifying, lens, torch.tensor(other)[torch.randint(0, len(other), (probe_B,),
                                                                                       generator=gen)])
            table = torch.randint(0, blocks, (probe_B, pages), generator=gen).to(T.dtype_of(self.table))
            shape = _probe_shape(self.input, sizes, self.rows)
            if what == "order":  # wide exponents: sums of these depend on their order
                mant = torch.rand(shape, generator=gen) + 1
                expo = torch.randint(-6, 7, shape, generator=gen).to(torch.float32)
                sign = torch.randint(0, 2, shape, generator=gen) * 2 - 1
                inp = (sign * mant * torch.exp2(expo)).to(in_dtype)
            else:
                inp = _dyadic(shape, in_dtype, gen, 16, 8)
            # positions read by the qualifying rows
            pos = lens[:, None] - l + torch.arange(l)
            read_page = table.to(torch.int64).gather(1, (pos.clamp(min=0) // P))
            read = torch.zeros(shape[:2], dtype=torch.bool)
            q = qualifying.nonzero().flatten()
            read[read_page[q].flatten(), (pos[q] % P).flatten()] = True
            if what == "specials":
                specials = torch.tensor([float("nan"), float("inf"), -float("inf")], dtype=in_dtype)
                fill = specials[torch.randint(0, 3, shape[:2], generator=gen)]
                inp = torch.where(read[..., None, None], inp, fill[..., None, None])
                # some read tokens special too: a NaN, an inf, -0.0 and a subnormal in the first rows
                b0 = int(q[0])
                page0, off0 = int(read_page[b0, 0]), int(pos[b0, 0] % P)
                inp[page0, off0, 0, 0] = float("nan")
                inp[page0, off0, 0, -1] = -0.0
                inp[page0, off0, -1, -1] = torch.finfo(in_dtype).tiny / 2
                if len(q) > 1:
                    b1 = int(q[1])
                    inp[int(read_page[b1, l - 1]), int(pos[b1, l - 1] % P), -1, 0] = float("inf")
            wprobe = None
            if leaf is not None:
                wprobe = _dyadic(sizes.shape(leaf), T.dtype_of(leaf), gen, 32, 16)
                if what == "order":
                    wprobe = wprobe.sign() * torch.rand(wprobe.shape, generator=gen).add(1).to(wprobe.dtype)
                    wprobe[wprobe == 0] = 1
            if what == "order":  # row 0: zero tokens under negative weights make -0.0 products
                for j in range(l):
                    inp[int(read_page[0, j]), int(pos[0, j] % P)] = 0.0
                if leaf is not None:
                    wprobe = -wprobe.abs()
            weight = self.weight_candidates(views, wprobe, N, in_dtype)[key] if leaf is not None else \
                self.weight_candidates(None, None, N, in_dtype)[key]
            try:
                new = sub([inp, table, lens.to(T.dtype_of(self.lengths))] + ([wprobe] if wprobe is not None else []),
                          sizes)[0]
            except EvaluationError as exc:
                if mixed:  # rows that do not qualify may index out of bounds in an unclamped spelling
                    rounds.append((what, False)) if (what, False) not in rounds else None
                    continue
                raise Refused("gather", f"the new rows could not be evaluated on a probe with IEEE specials: {exc}",
                              w.new)
            new = new.to(torch.float32).broadcast_to((probe_B, *where_shape[1:])).reshape(probe_B, N, -1)[q]
            tokens = contract_tokens(inp, table[q], lens[q], l).to(torch.float32)
            wf = weight.to(torch.float32)[:, :, None]
            acc = torch.zeros(tokens.shape[0], N, tokens.shape[-1])
            for j in range(l):  # the op's order
                acc = acc + wf[j] * tokens[:, j]
            # (dyadic values and specials sum alike in any order: one comparison with the op's order)
            if what == "specials":
                if not _bits_equal(new, acc):
                    raise Refused("pooling", "with IEEE specials (NaN/inf in positions no window reads, or in "
                                  "read tokens), or with rows that do not qualify beside rows that do, the new "
                                  "rows are not the contract's", w.new,
                                  "read only the window tokens (a 0/1 mask over the sequence turns nan into "
                                  "0 * nan = nan), and compute each row from its own inputs")
            elif not _bits_equal(new, acc):
                raise Refused("pooling", "the window sum is written out (adds) in another order than the op's, "
                              "j = 0 .. l-1 starting from +0.0", w.new,
                              "sum the window with .sum(dim) (its order is left to torch) or add the products "
                              "in window order onto zeros")

    def _pooling_subgraph(self, frontier, replace, blocks, batch, where_shape) -> Subgraph:
        """The new rows as a function of the frontier, cut to fewer batch rows (``batch``, see
        ``evaluate.Subgraph``) or not; sets ``self.rows`` (paged-input rows)."""
        w, sizes = self.w, self.eval_sizes
        big = {self.input: blocks}
        spec = dict(replace=replace, batch=batch) if batch else dict(replace=replace)
        (sub,), self.rows = _subgraphs([([w.new], frontier, spec)], big, sizes)
        # cut: the new rows must be batch-indexed where the select puts the batch (its dim 0)
        if batch and (where_shape[0] != w.B or sub._batch.dim[w.new] != (_dim(w.new) - len(where_shape), 1)):
            raise EvaluationError("the new rows do not keep the batch where the write expects it")
        return sub

    def weight_candidates(self, views, wprobe, N, in_dtype) -> dict:
        """(weight node, layout) -> the [l, N] op weight it stands for, under this probe."""
        l = self.l
        if views is None:
            return {(None, "mean"): torch.full((l, N), 1.0 / l, dtype=in_dtype)}
        out = {}
        for node, value in zip(self.weight_nodes, views([wprobe], self.eval_sizes)):
            flat = value.reshape(-1)
            out[(node, "lN")] = flat.reshape(l, N)
            out[(node, "Nl")] = flat.reshape(N, l).t()
        return out

    def explain_pooling_mismatch(self, inp, table, lens):
        """Say whether the tokens or the pooling diverged, and where."""
        w = self.w
        want_tokens = contract_tokens(inp, table, lens, self.l).to(torch.float32)
        frontier = [self.input, self.table, self.lengths]
        for g in in_order(self.token_boundaries()):
            try:
                shrink = {n: r for n, r in self.rows.items() if n is self.input}
                got = Subgraph([g], frontier, shrink=shrink, batch=self.batch)([inp, table, lens.to(T.dtype_of(self.lengths))],
                                                             self.eval_sizes)[0]
            except EvaluationError:
                continue
            if tuple(got.shape) == tuple(want_tokens.shape):
                if not torch.equal(got.to(torch.float32), want_tokens):
                    raise Refused("gather", f"the window tokens read by {g.name} are not the last l={self.l} "
                                  f"tokens of each sequence (checked at lengths {lens.tolist()[:4]}...)", g,
                                  "positions are s - l + arange(l); page = block_table[b, p // P], offset p % P")
        for n in in_order(self.arith):
            if n.target in T.SUMS:
                free = [a for a in n.args[:2] if not (isinstance(a, fx.Node) and a in self.tokens)]
                if free:
                    raise Refused("pooling", f"{T.op_name(n)} adds a term that does not depend on the tokens "
                                  f"({free[0].name if isinstance(free[0], fx.Node) else free[0]}): a bias", n)
        if self.weight_leaf is None:
            raise Refused("pooling", f"the pooled value is not the mean over the l={self.l} window tokens "
                          + ("(1/l is not exact in the input dtype)" if self.l & (self.l - 1) else ""), w.new,
                          "mean pooling fuses only for a power-of-two l (the op multiplies by 1/l)")
        raise Refused("pooling", "the pooled value is not sum_j w[j, h] * token_j[h, :] with the weight "
                      f"{self.weight_leaf.name} (as [l, N] or [N, l])", w.new,
                      "pool with (tokens.float() * weight.float()[None, :, :, None]).sum(1) or an einsum; "
                      "a gate, bias, softmax or any computed weight is different math")

    def token_boundaries(self) -> set[fx.Node]:
        """Token tensors entering arithmetic: data movement whose user computes."""
        return {a for n in self.tokens if n.op == "call_function" and n.target in T.ARITHMETIC
                for a in T.value_inputs(n) if a in self.tokens and a not in self.arith}

    # -- device ------------------------------------------------------------------------------------
    def check_device(self):
        from ..lowering import fuses_on

        devices = {val(n).device for n in (self.input, self.table, self.lengths, self.w.slots, self.w.cache)}
        if self.weight is not None:
            devices.add(val(self.weight).device)
        if len(devices) != 1:
            raise Refused("device", "the step's tensors live on different devices", self.w.write)
        ok, why = fuses_on(devices.pop())
        if not ok:
            raise Refused("device", why, self.w.write)

    def nodes(self) -> set[fx.Node]:
        w = self.w
        stop = {self.input, self.table, self.lengths, w.cache, w.slots}
        if self.weight is not None:
            stop.add(self.weight)
        return ancestors([w.new_cache], stop) | stop
