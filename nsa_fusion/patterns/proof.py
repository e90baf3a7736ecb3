"""The vocabulary every part of the proof shares: the refusal, the recognised step, graph walks,
the probes' value generators and comparisons, and the op sets the parts read.

Nothing here decides anything; the parts (``write``, ``roles``, ``mask``, ``pooling``, ``sizes``,
``exactness``) do, and ``verify`` runs them in order.  docs/soundness.md has the argument.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Optional

import torch
import torch.fx as fx

from . import optable as T
from .evaluate import EvaluationError, Sizes, Subgraph, attr_value
from .optable import val

aten = torch.ops.aten
prims = torch.ops.prims

# How far the mask is evaluated when the capacity is symbolic: past the largest constant in it times
# the product of its divisors (see _mask_range), but never beyond this.  A budget, not part of the argument:
# 2**18 lengths are 64 evaluations of the condition (4096 rows each), a few ms; two divisions by d = 16
# (the count of compressed blocks grew: (s - l) // d vs (s - 1 - l) // d) need 84992.
MAX_MASK_RANGE = 1 << 18
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


class NeedsStaticCapacity(Refused):
    """Refused by a rule that holds only for a static cache capacity (a length threshold, divisor or flat-index
    bound beyond the lengths the probes reach; ``sizes``, ``mask``): a capacity that stays symbolic in the
    fused graph serves lengths no probe saw.  ``verify.Recognizer`` proves the step again as for a static
    capacity and fuses it only where the graph guards the capacity anyway."""

    @classmethod
    def of(cls, exc: Refused) -> "NeedsStaticCapacity":
        return cls(exc.part, exc.reason, exc.node, exc.hint)


class Declined(Refused):
    """The step *is* the contract, but the pass leaves it to Inductor on purpose: the fused op would be
    slower there (the cost rule) or the device's lowering is off (CUDA until the Triton kernel is timed).
    Reported as declined, never as a refusal; strict mode does not fail on it."""


@dataclasses.dataclass
class Step:
    """A recognised compression step: the nodes the fused op takes, and what it replaces."""

    write: fx.Node  # the row write (index_put / index_copy / scatter)
    new_cache: fx.Node  # the updated cache value (the write, or a cast of it back to the cache dtype)
    input: fx.Node
    weight: Optional[fx.Node]  # None: mean pooling (constant 1/l)
    weight_layout: str  # "lN": weight.reshape(l, N); "Nl": weight.reshape(N, l).t(); "l1": weight.reshape(l, 1)
    # expanded to [l, N] (one column for every head); "mean"
    slots: fx.Node
    block_table: fx.Node
    lengths: fx.Node
    cache: fx.Node
    l: int
    d: int
    nodes: set  # nodes of the verified computation (for stream checks and reports)
    specialize: dict  # symbol -> value the verification assumed (guarded when the step is fused)
    size_values: dict = dataclasses.field(default_factory=dict)  # symbols used as values (guarded too)
    bounds: dict = dataclasses.field(default_factory=dict)  # symbol -> largest value the proof assumed (guarded too)
    # proven as for a static capacity: the refusal the symbolic capacity met, raised unless the capacity is guarded
    static_capacity: Optional[Refused] = None
    # a matrix product proven exact under this device type's fp32 matmul settings as they were read (pooling.
    # fp32_matmul_settings): the fused graph is right only while they hold
    matmul_device: Optional[str] = None


# --- small graph helpers ----------------------------------------------------------------------------
def _chain_back(node: fx.Node, ops) -> list[fx.Node]:
    """``node`` and its first-argument ancestors while they are calls of ``ops``, not past a node
    written in place (a copy an already fused step wrote holds that step's rows, not its source's)."""
    chain = [node]
    while chain[-1].op == "call_function" and chain[-1].target in ops and chain[-1].args \
            and isinstance(chain[-1].args[0], fx.Node) and T.written_in_place(chain[-1]) is None:
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
    """Random multiples of 1/denom in [-k/denom, k/denom): exact in fp16/bf16 (k a power of two <= 128),
    and sums of products of two of them are exact in fp32 in any order (see module docstring)."""
    # The probe is up to a few million elements, drawn in every round: one random 64-bit word per 8
    # elements (a quarter of randint's cost), each byte an int8 whose top bits are a uniform integer in
    # [-k, k) (an arithmetic shift), converted exactly (integers up to 256 and their quotients by a
    # power of two are exact in every float dtype)
    shift = 8 - k.bit_length()  # k = 2**(bit_length - 1): int8 >> shift lies in [-k, k)
    if k & (k - 1) or not 0 <= shift <= 7:
        raise ValueError(f"k must be a power of two up to 128, got {k}")
    n = math.prod(shape)
    words = torch.empty((n + 7) // 8, dtype=torch.int64).random_(-2 ** 63, 2 ** 63 - 1, generator=gen)
    return (words.view(torch.int8)[:n] >> shift).reshape(shape).to(dtype).div_(denom)


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
    """The contract's (docs/contract.md) window tokens [B, l, N, D] of every row (positions below 0 clamped; those rows are
    never compared)."""
    P = inp.shape[1]
    pos = (lengths.to(torch.int64)[:, None] - l + torch.arange(l)).clamp(min=0)
    return inp[table.to(torch.int64).gather(1, pos // P), pos % P]


def contract_pooled(tokens: torch.Tensor, weight_lN: torch.Tensor, dtype=torch.float32) -> torch.Tensor:
    """The contract's (docs/contract.md) pooled rows [B, N, D] before rounding, in fp32: exact for dyadic probes in any order.
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
# (arange(start, end): only the end is a shape argument; the start is the first value, red-team 32 F4)
_SHAPE_ARGS = {aten.full.default: (0,), aten.empty.memory_format: (0,), aten.zeros.default: (0,),
               aten.ones.default: (0,), prims.iota.default: (0,), aten.arange.default: (0,),
               aten.arange.start: (1,), aten.new_zeros.default: (1,), aten.new_full.default: (1,),
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


_STAGES = ["internal", "write", "keep", "gather", "roles", "mask", "weight", "pooling", "dtype", "sizes", "device"]  # run order


class _CutFailed(Exception):
    """The batch plan has no proof for this graph, or the cut graph does not run: probe the whole batch."""
