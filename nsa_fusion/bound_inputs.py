"""Integer module buffers read by a step's index arithmetic: bound to their value when the graph is
compiled, checked before every call (issue 19, item 6; docs/soundness.md, "Inputs read by index
arithmetic").

HF ports keep window offsets in a buffer (``register_buffer("offsets", torch.arange(l))``, then
``pos = s[:, None] - l + self.offsets``).  Under ``inline_inbuilt_nn_modules`` the buffer is an input of
the graph, and its value is not in the graph: the post-grad pass sees fake tensors only, and
``torch.compile`` does not guard on tensor values, so the graph is reused after ``model.offsets.add_(1)``.
Only the backend that dynamo calls sees the real example inputs.  So nsa_fusion's backends
(:func:`checked_compile` around Inductor's and torchair's) *offer* the pass the values of the graph's
small integer buffers:

* while the pass runs (:func:`run_pass`), every read of an offered buffer reads a constant of the graph
  instead (a ``get_attr`` of a copy of the value), which the recogniser proves on like any constant;
  afterwards every read still in the graph reads the buffer again, so only fused steps keep the value;
* where a fused step consumed a read, the compiled function is specialised on the value, like a
  dynamo guard on it: the backend returns it behind :class:`CheckedCall`, which compares each bound
  buffer with the value before every call (``torch.equal``: O(numel), on CUDA one host sync per call,
  outside any captured graph) and, where one differs, runs the graph dynamo captured as it is (the
  model's own code, eager's numbers) and warns once.  The fused graph never runs on another value.

A Python float attribute (``self.scale = 1 / l``) is a graph input too under ``dynamic=True``: dynamo passes it
as a 0-d float64 tensor (``specialize_float=False``) and guards nothing on its value.  It is offered and checked
the same way (:func:`_attribute_float`), compared bit for bit (``torch.equal`` holds ``-0.0 == 0.0``).

The same check keeps a fused matrix product honest (red-team 39): pooling by a matrix product is proven exact only
under the fp32 matmul settings read when the step compiles (``patterns.pooling.fp32_matmul_settings``: oneDNN's,
CUDA's or torch_npu's precision switches, which dynamo does not guard).  The pass records the settings such a step
relied on in the offer (:func:`rely_on_matmul_settings`), and :class:`CheckedCall` compares them before every
call: where one changed, that call runs the graph unfused, as the model's own code follows the new setting.

Where the backend is not nsa_fusion's (``enable_inductor``, vLLM's pass manager, torchair's global pattern
pass), nothing is offered: a buffer in the index arithmetic is refused as before, and so is a matrix product
that is exact only under the current matmul settings (:func:`can_check_settings`).  A graph served
from Inductor's FX graph cache was compiled under the same offered values (they are part of the pass's
cache key, :func:`cache_key`), and is checked on every call, whether its compile bound them or not.
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import hashlib
import re
import warnings

import torch
import torch.fx as fx

from .patterns.optable import written_args

aten = torch.ops.aten

__all__ = ["checked_compile", "run_pass", "cache_key", "offering", "Offer", "CheckedCall", "MAX_BOUND_NUMEL"]

# buffers up to this many elements are offered (window offsets hold l values; the check reads them all)
MAX_BOUND_NUMEL = 4096
_CONSTANT_PREFIX = "_nsa_fusion_bound_"
# a graph input whose dynamo source is a module buffer: L['self']._modules['layers']._buffers['offsets']
_BUFFER_SOURCE = re.compile(r"\._buffers\['[^']+'\]$")


@dataclasses.dataclass
class Bound:
    """An offered buffer: the graph input at ``index``, its module path, and its value at compile time."""
    index: int
    name: str
    value: torch.Tensor
    kind: str = "buffer"  # or "attribute": a Python float attribute (:func:`_attribute_float`)

    def __str__(self):
        return f"{self.kind} {self.name}"


@dataclasses.dataclass
class Offer:
    """The buffers a backend offers the pass for one graph, and what the pass did with them."""
    n_inputs: int
    buffers: dict  # input index -> Bound
    ran: bool = False  # the pass ran with the offer in place (on the first graph it saw: the one fed by dynamo's inputs)
    used: set = dataclasses.field(default_factory=set)  # indices a fused step consumed
    cached: bool = False  # Inductor served the graph from its cache: the pass will not run for it
    settings: dict = dataclasses.field(default_factory=dict)  # device type -> the fp32 matmul settings a fused step relied on

    @classmethod
    def of(cls, gm: fx.GraphModule, example_inputs) -> Offer:
        """The small integer buffers among ``gm``'s inputs (none where the graph's inputs do not line up)."""
        placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
        if len(placeholders) != len(example_inputs):
            return cls(len(example_inputs), {})
        buffers = {}
        for i, (node, x) in enumerate(zip(placeholders, example_inputs)):
            arg = node.meta.get("grapharg")
            source = getattr(arg, "source", None)
            if source is None:
                continue
            if _attribute_float(arg, x):
                buffers[i] = Bound(i, _module_path(source.name), x.detach().clone(), "attribute")
                continue
            if not _BUFFER_SOURCE.search(source.name):
                continue
            if type(x) is not torch.Tensor or x.is_floating_point() or x.is_complex() or x.dtype is torch.bool \
                    or x.requires_grad or x.numel() > MAX_BOUND_NUMEL or not _owns_its_storage(x):
                continue
            buffers[i] = Bound(i, _module_path(source.name), x.detach().clone())
        return cls(len(example_inputs), buffers)

    def holds(self, inputs) -> bool:
        """Every buffer a fused step was compiled on (or may have been) holds its compile-time value, and the
        matmul settings a fused step relied on are still in force."""
        return all(_equal(inputs[i], self.buffers[i].value) for i in self._checked()) and not self._changed_settings()

    def _checked(self):
        return self.used if self.ran else self.buffers  # (not ran: a cached graph, or torchair before its first call)

    def _changed_settings(self) -> list:
        from .patterns.pooling import fp32_matmul_settings

        return [device for device, at_compile in self.settings.items() if fp32_matmul_settings(device) != at_compile]

    def needs_checks(self) -> bool:
        """Calls must go through :class:`CheckedCall`: something to compare, or the pass still to run (torchair
        runs it on the first call)."""
        if not (self.ran or self.cached):
            return True
        return bool(self._checked()) or bool(self.settings)


def _attribute_float(arg, x) -> bool:
    """``x`` is a Python float attribute (``self.scale = 1 / l``) that dynamo passes as a 0-d float64 tensor
    input under ``dynamic=True`` (``specialize_float=False``): its value is not guarded."""
    from torch._dynamo.source import AttrSource

    return getattr(arg, "pass_arg_as_tensor", False) and not getattr(arg, "is_tensor", True) \
        and isinstance(arg.source, AttrSource) and type(x) is torch.Tensor and x.dim() == 0 \
        and x.is_floating_point() and _owns_its_storage(x)


def _module_path(source_name: str) -> str:
    """``L['self']._modules['layers']._modules['0']._buffers['offsets']`` -> ``layers.0.offsets``."""
    path = re.sub(r"\._(?:modules|buffers|parameters)\['([^']+)'\]", r".\1", source_name)
    return re.sub(r"^L\['[^']+'\]\.", "", path)


def _owns_its_storage(x: torch.Tensor) -> bool:
    """``x`` is its whole storage, in row-major order.  The bound constant is a contiguous copy; ops that read
    the layout rather than the values (``as_strided``, with its absolute storage offset) read the same
    elements from ``x`` only then: a strided or offset view's storage holds other elements too (red-team K1)."""
    return x.is_contiguous() and x.storage_offset() == 0 \
        and x.untyped_storage().nbytes() == x.numel() * x.element_size()


def _equal(x, value: torch.Tensor) -> bool:
    if not (isinstance(x, torch.Tensor) and x.device == value.device and x.dtype == value.dtype
            and _owns_its_storage(x)):
        return False
    if value.is_floating_point():  # bit for bit: torch.equal holds -0.0 == 0.0 (x + 0.0 and x + -0.0 differ)
        return torch.equal(_bits(x), _bits(value))
    return torch.equal(x, value)


def _bits(x: torch.Tensor) -> torch.Tensor:
    return x.reshape(-1).view(_SAME_SIZE_INT[x.element_size()])


_SAME_SIZE_INT = {8: torch.int64, 4: torch.int32, 2: torch.int16, 1: torch.int8}


_offer: contextvars.ContextVar = contextvars.ContextVar("nsa_fusion_bound_offer", default=None)


@contextlib.contextmanager
def offering(offer: Offer | None):
    token = _offer.set(offer)
    try:
        yield offer
    finally:
        _offer.reset(token)


def can_check_settings() -> bool:
    """The backend compiling this graph checks the settings a fused step relied on before every call."""
    return _offer.get() is not None


def rely_on_matmul_settings(device_type: str) -> None:
    """A step fused here is exact only under ``device_type``'s fp32 matmul settings as they are now: record them
    for :class:`CheckedCall`, and count it where Inductor keeps counts with a cached graph (a graph served from
    the cache is checked too, see :func:`checked_compile`)."""
    from .patterns.pooling import fp32_matmul_settings

    offer = _offer.get()
    if offer is not None:
        offer.settings[device_type] = fp32_matmul_settings(device_type)
    from .diagnostics import _inductor_counters

    counters = _inductor_counters()
    if counters is not None:
        counters[_SETTINGS_COUNTER] += 1


_SETTINGS_COUNTER = "nsa_fusion_relies_on_matmul_settings"  # (not an nsa_fusion.stats key)


def _replayed_counts() -> tuple:
    """(graphs the pass ran on, fused steps that relied on matmul settings) in torch's counters, which Inductor
    stores with each cached graph and replays when it serves one."""
    from .diagnostics import _GRAPHS, _inductor_counters

    counters = _inductor_counters()
    return (0, 0) if counters is None else (counters[_GRAPHS], counters[_SETTINGS_COUNTER])


def cache_key() -> str:
    """The offered values, for the pass's key in Inductor's FX graph cache ("" when nothing is offered):
    a graph fused on one value is never served to a compile that offers another."""
    offer = _offer.get()
    if offer is None:
        return ""
    h = hashlib.sha256()
    for i, b in sorted(offer.buffers.items()):
        h.update(f"{i}:{b.value.dtype}:{tuple(b.value.shape)}:".encode())
        h.update(b.value.cpu().reshape(-1).view(torch.uint8).numpy().tobytes())  # (reshape: a 0-d float)
    return "bound-" + h.hexdigest()[:16]


def run_pass(graph: fx.Graph, fusion_pass) -> int:
    """Run ``fusion_pass`` on ``graph`` with the offered buffers' reads bound to their values (see the
    module docstring); returns what the pass returns.  Without an offer, just the pass."""
    offer = _offer.get()
    if offer is None or offer.ran:  # (bound on the graph dynamo's inputs feed only: not a backward graph after it)
        return fusion_pass(graph)
    offer.ran = True
    bound = _bind(graph, offer) if graph.owning_module is not None else {}
    if not bound:
        return fusion_pass(graph)
    from . import diagnostics

    first_event = len(diagnostics.events)
    reads, named = _writes_reading(graph, bound)
    try:
        return fusion_pass(graph)
    finally:
        _unbind(graph, bound)
        everything = [b for _, b in bound.values()]
        for event in diagnostics.events[first_event:]:
            if event.kind != "fused":
                continue
            # a step fused from a write whose value did not depend on a buffer is exact whatever it holds; a
            # write the pass rewrote before fusing (a new name, the original's source line) counts as reading what
            # every write of that line read, and one without a source line as reading every bound buffer
            used = reads.get(event.anchor, reads.get((event.source,), everything))
            offer.used |= {b.index for b in used}
            # (the reason names what the step reads besides its paged input; what lies behind a KV append, a
            # model's RMSNorm eps, is compared as well but not named)
            shown = named.get(event.anchor, named.get((event.source,), everything))
            if shown:
                names = sorted(str(b) for b in shown)
                more = f" and {len(names) - 4} more" if len(names) > 4 else ""
                event.reason += "; bound to the value of " + ", ".join(names[:4]) + more + \
                    " at compile time (checked before every call)"


def _bind(graph: fx.Graph, offer: Offer) -> dict:
    """Reads of each offered buffer -> a ``get_attr`` of its value.  Returns {constant: (placeholder,
    Bound)}.  Skipped where the graph's inputs do not line up with the offer
    (AOTAutograd dropped a duplicate), where the input's fake value is not the buffer's, or where the
    graph writes the buffer."""
    placeholders = [n for n in graph.nodes if n.op == "placeholder"]
    if len(placeholders) != offer.n_inputs:
        return {}
    module = graph.owning_module
    first = next((n for n in graph.nodes if n.op != "placeholder"), None)
    bound = {}
    for i, b in offer.buffers.items():
        ph = placeholders[i]
        fake = ph.meta.get("val")
        if not isinstance(fake, torch.Tensor) or getattr(fake, "fake_mode", None) is None \
                or fake.dtype != b.value.dtype or fake.device != b.value.device \
                or not all(isinstance(s, int) for s in fake.shape) or tuple(fake.shape) != tuple(b.value.shape) \
                or not ph.users or any(_mutates(u, ph) for u in ph.users):
            continue
        name = f"{_CONSTANT_PREFIX}{i}"
        module.register_buffer(name, b.value, persistent=False)
        with graph.inserting_before(first):
            const = graph.get_attr(name)
        const.meta["val"] = fake.fake_mode.from_tensor(b.value, static_shapes=True)
        ph.replace_all_uses_with(const)
        bound[const] = (ph, b)
    return bound


def _mutates(node: fx.Node, arg: fx.Node) -> bool:
    """``node`` writes ``arg`` by its schema; a call without a schema counts as writing."""
    if getattr(node.target, "_schema", None) is None:
        return node.op == "call_function" and not isinstance(node.target, torch._ops.OpOverload)
    return any(value is arg for value in written_args(node))


def _unbind(graph: fx.Graph, bound: dict) -> None:
    """Every read of a constant that is still in the graph reads its buffer again."""
    module, nodes = graph.owning_module, set(graph.nodes)
    for const in bound:
        if const in nodes:  # (else the pass's dead-code elimination took it with the fused steps)
            const.replace_all_uses_with(bound[const][0])
            graph.erase_node(const)
        delattr(module, const.target)


def _writes_reading(graph: fx.Graph, bound: dict) -> tuple:
    """``(checked, named)``, each {name of each row write: bound buffers its value depends on, (its source line,):
    those of every write of that line}, before the pass, in one walk.  ``checked``: through every input of every
    node: tensors, the SymInts a ``.item()`` carries (red-team 41 F2), and other writes (the buffer copied by
    ``index_put`` / ``scatter`` into a fresh tensor, red-team 41 F1, or into a clone of the weight, red-team 42 F1,
    before the index arithmetic reads it): the buffers compared before every call, since a step whose value depends
    on one in any way is.  ``named``: the same but not past a float write into a graph input (a KV append,
    :func:`_appends_to_an_input`), the buffers a fused step's reason names: behind an append lie the tokens it wrote
    (the model's RMSNorm eps, its rotary tables), which the step reads as its paged input, whatever their values."""
    from .patterns.optable import WRITES
    from .patterns.proof import source_line

    consts = set(bound)
    every: dict = {}  # node -> the bound constants its value depends on
    short: dict = {}  # (the same, not past a KV append)
    inherited: dict = {}  # node -> what its users inherit of ``short``: nothing from a KV append
    for n in graph.nodes:  # (in order: every input already has its sets)
        got, got_short = set(), set()
        for a in n.all_input_nodes:
            got |= every.get(a, set())
            got_short |= inherited.get(a, set())
            if a in consts:
                got.add(a)
                got_short.add(a)
        every[n], short[n] = got, got_short
        inherited[n] = set() if _appends_to_an_input(n) else got_short
    tables = ({}, {})
    for n in graph.nodes:
        if n.op != "call_function" or n.target not in WRITES:
            continue
        for reads, deps in zip(tables, (every, short)):
            reads[n.name] = [bound[c][1] for c in sorted(deps[n], key=lambda c: c.name)]
            line = reads.setdefault((source_line(n),), [])
            line += [b for b in reads[n.name] if all(b is not seen for seen in line)]
    for reads in tables:
        reads.pop(("",), None)
    return tables


def _appends_to_an_input(n: fx.Node) -> bool:
    """``n`` writes floats into a graph input (through aliasing views and earlier writes into it, never a copy: a
    write into ``w[:, 0].clone()`` is into a fresh tensor, red-team 42 F1): a KV append."""
    from .patterns.optable import WRITES

    if n.op != "call_function" or n.target not in WRITES or not isinstance(n.meta.get("val"), torch.Tensor) \
            or not n.meta["val"].is_floating_point():
        return False
    base = n.args[0] if n.args else None
    while isinstance(base, fx.Node) and base.op == "call_function" and (base.target in _ALIASES or base.target in WRITES):
        base = base.args[0]
    return isinstance(base, fx.Node) and base.op == "placeholder"


_ALIASES = {aten.view.default, aten._unsafe_view.default, aten.alias.default, aten.unsqueeze.default,
            aten.squeeze.dim, aten.squeeze.dims, aten.squeeze.default, aten.permute.default, aten.t.default,
            aten.transpose.int, aten.expand.default, aten.slice.Tensor, aten.select.int, aten.narrow.default,
            aten.as_strided.default, aten.diagonal.default, aten.flatten.using_ints, aten.unflatten.int}


class CheckedCall:
    """A compiled function specialised on bound buffers: before every call, the buffers are compared with
    their values at compile time; the compiled function runs where they hold, the graph dynamo captured
    (the model's code, unfused) where one differs.  Keeps the compiled function's calling convention."""

    def __init__(self, compiled, offer: Offer, unfused: fx.GraphModule):
        self.compiled, self.offer, self.unfused = compiled, offer, unfused
        self._boxed_call = getattr(compiled, "_boxed_call", False)
        self._warned = False

    def __call__(self, *args):
        # dynamo calls a backend's result as compiled(*inputs); a boxed caller passes the list itself
        boxed = self._boxed_call and len(args) == 1 and isinstance(args[0], list)
        inputs = args[0] if boxed else args
        offer = self.offer
        if not offer.needs_checks():
            return self.compiled(*args)
        if not offer.holds(inputs):
            return self._run_unfused(inputs, boxed)
        if offer.ran or offer.cached:
            return self.compiled(*args)
        with offering(offer):  # torchair runs the pass on the first call
            return self.compiled(*args)

    def _run_unfused(self, inputs, boxed):
        if not self._warned:
            self._warned = True
            changed = [str(b) for i, b in sorted(self.offer.buffers.items())
                       if i in self.offer._checked() and not _equal(inputs[i], b.value)]
            if changed:
                warnings.warn(f"nsa_fusion: {', '.join(changed)} no longer holds the value this graph was "
                              "fused on; running the graph unfused (the model's code as written) while it differs. "
                              "Recompile (torch._dynamo.reset()) to fuse on the new value.", stacklevel=3)
            else:
                warnings.warn(f"nsa_fusion: the fp32 matmul precision settings ({', '.join(self.offer._changed_settings())}"
                              ") changed since this graph fused a matrix product that is exact only under the old ones; "
                              "running the graph unfused (the model's code as written, under the new settings) while "
                              "they differ. Recompile (torch._dynamo.reset()) to decide again.", stacklevel=3)
        out = self.unfused(*inputs)
        if boxed:
            inputs.clear()  # (the boxed convention: the callee frees its arguments)
        return out


def _copy_of(gm: fx.GraphModule) -> fx.GraphModule:
    """``gm`` as dynamo captured it, before the backend's passes may change it in place."""
    graph = fx.Graph()
    graph._codegen = gm.graph._codegen
    out = graph.graph_copy(gm.graph, {})
    graph.output(out)
    return fx.GraphModule(gm, graph)


def checked_compile(compile_fn, gm: fx.GraphModule, example_inputs, **kwargs):
    """``compile_fn(gm, example_inputs, **kwargs)`` with the graph's small integer buffers offered to the
    pass; the result behind :class:`CheckedCall` where a fused step was bound to a buffer or relied on the
    matmul settings (or, for a graph served from Inductor's cache, may have been), or the pass is still to run."""
    offer = Offer.of(gm, example_inputs)
    unfused = _copy_of(gm)
    before = _replayed_counts()
    with offering(offer):
        compiled = compile_fn(gm, example_inputs, **kwargs)
    if not offer.ran:
        graphs, relied = (now - then for now, then in zip(_replayed_counts(), before))
        offer.cached = graphs > 0  # (replayed with a graph Inductor served from its cache)
        if relied:  # a fused matrix product in it: the settings now are those it was fused under (the pass's key)
            from .patterns.pooling import all_fp32_matmul_settings

            offer.settings = all_fp32_matmul_settings()
    if not offer.needs_checks():
        return compiled
    return CheckedCall(compiled, offer, unfused)
