"""``nsa_fusion.explain(model, *inputs)``: compile a private copy, say what fused, what did not, and why.

The recogniser starts from every write in the graph.  A write that is no row write of a
``[num_slots, N, D]`` cache (the KV append ``kv[page, off] = token``) is *ignored*: it is no
compression step, and the report says what it is.  For every row write of a cache, the report says
what was fused (window length, stride, weight layout, any size it had to guard); or that the step was
*declined*: it is the contract, but the pass leaves it to Inductor on purpose (the cost rule: a small
CPU step, where Inductor's code is faster; or a device whose lowering is off, e.g. CUDA) and says why; or
that it was *refused*: which part of the contract (``docs/contract.md``) the code does not compute, or
cannot be proven to compute — write, keep, mask, roles, gather, weight, pooling, dtype, sizes,
device — the first node where it diverged, the user's source line for that node, and a hint.
Strict mode fails only on refusals.  Graph inputs are named as the caller knows them (``weight``, ``self.w_k``),
not by their FX placeholder names::

    nsa_fusion: 0 fused, 1 refused (1 compression candidate)
      refused  pooling  at mul_2 (aten.mul.Tensor)  model.py:41: pooled = (tok * gate * w).sum(1)
               aten.mul.Tensor multiplies tokens by tokens (not linear)
               hint: pool with a weighted sum, einsum/matmul or mean (fp32), nothing else

``explain`` returns the :class:`Report` (its ``str`` is the text above; ``print(explain(...))`` prints
it once) and prints nothing itself.  It leaves the caller's state alone: it compiles a private entry
function (a fresh code object, so dynamo's caches for the caller's own compiled functions are neither
reset nor extended), on copies of the tensor inputs, with compile caches off, and restores
``nsa_fusion.stats`` and ``events`` afterwards.  By default it stops after Inductor's post-grad
passes (where the pass runs) instead of generating and compiling C++: the decisions are the same, in
a fraction of the time; ``backend=`` compiles with another backend (a torchair backend, for GE notes).
"""
from __future__ import annotations

import collections
import contextlib
import dataclasses
import importlib
import inspect
import re
import time
import types

import torch
import torch._dynamo.exc

from . import diagnostics

# torchair 2.13 has no GE converter for these: a write left in the graph cannot run in GE mode.
_NO_GE_CONVERTER = ("index_put", "index_copy", "_unsafe_index_put")


def _ge_note(e) -> str | None:
    """The GE note for an unfused write of a torchair graph whose op GE cannot convert."""
    if e.dialect != "torchair" or not any(f"aten.{op}" in e.write_op for op in _NO_GE_CONVERTER):
        return None
    op = e.write_op.split(".")[1] if e.write_op.count(".") >= 2 else e.write_op
    if e.ge_write:  # the pass wrote it as the vendor's scatter (lowering/ge_writes.py): GE converts it
        where = f"{e.anchor} (aten.{op})"
        if e.kind == "ignored":
            return (f"under torchair's GE mode the write {where}, which GE cannot convert as written, runs as "
                    f"torch_npu's {e.ge_write} (in place on the written tensor)")
        return (f"under torchair's GE mode the refused step runs unfused: its write {where} runs as torch_npu's "
                f"{e.ge_write}, slower than the fused kernel")
    if e.kind == "ignored":  # the event is the write itself: its source line is the write's
        where = f"{e.anchor} (aten.{op}{', ' + e.source if e.source and '(no source line' not in e.source else ''})"
        return (f"under torchair's GE mode (max-autotune) the write {where} cannot be converted: torchair has no "
                f"GE converter for aten.{op}, and this write is no compression step the pass could replace; "
                "write it with a GE-capable op (torch_npu.scatter_update_, torch_npu._npu_reshape_and_cache)")
    where = f"{e.anchor} (aten.{op})"  # a refusal's source line is where the step diverged, not the write's
    return (f"under torchair's GE mode (max-autotune) the refused step's write {where} cannot be converted "
            f"(no GE converter for aten.{op}): the model compiles in GE mode once this step fuses")


def _shared_weight_hint(e) -> str:
    """A weight vector shared by all heads ([l] or [l, 1]) is the most common weight-shape miss."""
    text = f"{e.reason} {e.node}"
    if e.kind == "rejected" and e.pattern in ("weight", "roles", "pooling") and \
            re.search(r"without a heads dimension|shape \[\d+\]|shape \[\d+, 1\]|shared by all heads", text):
        return ("one weight vector [l] shared by all heads is not the op's [l, N] weight: expand it to [l, N] in "
                "the data dtype (w[:, None].expand(l, N).contiguous(), once, outside the step)")
    return ""


@dataclasses.dataclass
class Report:
    fused: list  # diagnostics.Event, kind "fused"
    refused: list  # diagnostics.Event, kind "rejected" (pattern = the part that failed)
    targets: list
    notes: list
    ignored: list = dataclasses.field(default_factory=list)  # diagnostics.Event, kind "ignored"
    timings: dict = dataclasses.field(default_factory=dict)  # seconds: where explain's time went
    error: str = ""  # the compile failed after the pass ran (e.g. torchair's GE conversion): why
    declined: list = dataclasses.field(default_factory=list)  # diagnostics.Event, kind "declined" (on purpose)
    graphs: int = 0  # graphs dynamo made of the model (explain's compile; 0 when unknown)
    graph_breaks: list = dataclasses.field(default_factory=list)  # dynamo's reasons for splitting them

    @classmethod
    def of(cls, events, timings=None) -> "Report":
        events = list(events)
        report = cls([e for e in events if e.kind == "fused"], [e for e in events if e.kind == "rejected"],
                     [e for e in events if e.kind == "target"], [],
                     [e for e in events if e.kind == "ignored"], dict(timings or {}),
                     declined=[e for e in events if e.kind == "declined"])
        report.notes = [n for n in (_ge_note(e) for e in report.refused + report.ignored) if n]
        return report

    @property
    def fused_count(self) -> int:
        return len(self.fused)

    @property
    def rejected(self) -> list:  # the name ``stats`` uses
        return self.refused

    def __str__(self) -> str:
        considered = len(self.fused) + len(self.refused) + len(self.declined)
        head = (f"nsa_fusion: {len(self.fused)} fused, {len(self.refused)} refused"
                + (f", {len(self.declined)} declined" if self.declined else "")
                + f" ({considered} compression candidate{'s' if considered != 1 else ''})")
        if self.ignored:
            head += f", {len(self.ignored)} other write{'s' if len(self.ignored) != 1 else ''} ignored"
        lines = [head]
        for e in self.fused:
            lines.append(f"  fused    {e.reason} ({e.dialect} graph, {e.anchor} -> {e.node})"
                         + (f"  {e.source}" if e.source else ""))
        for e in self.refused:
            lines.append(f"  refused  {e.pattern:8s} at {e.node}" + (f"  {e.source}" if e.source else ""))
            lines.append(f"           {e.reason}")
            hint = _shared_weight_hint(e) or e.hint
            if hint:
                lines.append(f"           hint: {hint}")
        for e in self.declined:
            lines.append(f"  declined {e.pattern:8s} at {e.node}: the op's contract, left to Inductor on purpose"
                         + (f"  {e.source}" if e.source else ""))
            lines.append(f"           {e.reason}")
            if e.hint:
                lines.append(f"           hint: {e.hint}")
        for e in self.ignored:
            lines.append(f"  ignored  {e.node}: {e.reason} (not a compression step)"
                         + (f"  {e.source}" if e.source else ""))
        for e in self.targets:
            if e.reason:
                lines.append(f"  lowering {e.pattern[len('target.'):]}: {e.reason}{_flat_pool_note(e)}")
        lines += [f"  note     {n}" for n in self.notes]
        if self.error:
            lines.append(f"  compile  failed after the pass: {self.error}")
        if self.graph_breaks:
            lines += _split_lines(self.graphs, self.graph_breaks, considered)
        elif not considered and _pass_disabled():
            lines.append("  the pass is off (NSA_FUSION_DISABLE is set): nothing was looked at; unset it to see "
                         "what fuses")
        elif not considered:
            lines.append("  no row write into a cache was found: the step must end by writing rows of a "
                         "[num_slots, N, D] cache (index_put_/index_copy_/setitem/scatter_ or a returned copy)")
        return "\n".join(lines)

    __repr__ = __str__


def _flat_pool_note(e) -> str:
    """A page size of 1 outside the vendor kernel: the step reads a flat token pool (issue 19)."""
    if not re.search(r"page_block_size \(1\)", e.reason or ""):
        return ""
    by = "a functional scatter write-back in the GE graph" if e.pattern == "target.ge_scatter" else "the portable op"
    return (f" (a flat token pool [num_tokens, N, D] read through req_to_token is the contract with P = 1, which "
            f"the Ascend kernel does not take (P in {{64, 128}}): {by} computes it)")


_SPLIT_ADVICE = ("a compression step fuses only where it lies in one graph; a per-request Python loop "
                 "(for b in range(B): if s[b] >= l and (s[b] - l) % d == 0: cache[slot[b]] = ...) breaks the graph "
                 "at every `if` on a tensor value (and .item()/.tolist() break it too): write the step for the whole "
                 "batch, valid = (s >= l) & ((s - l) % d == 0); cache[slots] = torch.where(valid[:, None, None], "
                 "pooled, cache[slots])")
_DATA_SHAPE_ADVICE = ("a break at nonzero (or a boolean-mask index) splits a compaction, cache[slots[done]] = "
                      "pooled[done] with done = valid.nonzero(), from its pooling: set "
                      "torch._dynamo.config.capture_dynamic_output_shape_ops = True to keep the step in one graph, "
                      "where it fuses, or write every row: cache[slots] = torch.where(valid[:, None, None], pooled, "
                      "cache[slots])")


def _split_lines(graphs: int, breaks: list, considered: int) -> list:
    """The report's lines for a model dynamo split into several graphs (graph breaks)."""
    shown = list(dict.fromkeys(breaks))
    head = (f"  split    the model was split across graphs: dynamo broke the graph {len(breaks)} "
            f"time{'s' if len(breaks) != 1 else ''} and compiled {graphs} graph{'s' if graphs != 1 else ''}"
            + (" (the frame around the break ran eagerly)" if not graphs else ""))
    if not considered:
        head += ": no graph holds a whole compression step (none of them writes rows of a cache)"
    lines = [head]
    lines += [f"           break: {r}" for r in shown[:4]]
    if len(shown) > 4:
        lines.append(f"           ... and {len(shown) - 4} other reasons")
    if any("output shape depends on input Tensor data" in r for r in shown):
        lines.append(f"           hint: {_DATA_SHAPE_ADVICE}")
    lines.append(f"           hint: {_SPLIT_ADVICE}")
    return lines


def _graph_break_reasons(before: dict) -> list:
    """dynamo's graph-break reasons recorded since ``before`` (a copy of its counter), one per break."""
    from torch._dynamo.utils import counters

    out = []
    for reason, n in counters["graph_break"].items():
        out += [_short_break(reason)] * (n - before.get(reason, 0))
    return out


def _short_break(reason: str) -> str:
    lines = [x.strip() for x in str(reason).splitlines() if x.strip()]
    for x in lines:  # dynamo's explanation line, where it gives one
        if x.startswith("Explanation:"):
            return x[len("Explanation:"):].strip()[:200]
    return (lines[0] if lines else str(reason))[:200]


class FusionRefused(torch._dynamo.exc.ShortenTraceback):
    """Strict mode (``NSA_FUSION_STRICT=1`` / ``nsa_fusion.set_strict(True)``): a compression candidate
    was refused.  The message is explain's report of the graph; ``report`` is the :class:`Report`.
    Declined candidates (the contract, left to Inductor on purpose) and ignored writes never raise it.

    Compiling with nsa_fusion's backends (``npu_backend``, ``"nsa_fusion"``, ``get_npu_backend``), the
    compile raises it as it is.  Through the default ``"inductor"`` backend (``enable_inductor``) or a
    serving engine, Inductor wraps it in its own error first: :func:`refusal_of` finds it in either.
    A ``RuntimeError`` (dynamo hands exceptions of this base class on unwrapped)."""

    def __init__(self, report: Report):
        super().__init__("strict mode (NSA_FUSION_STRICT / nsa_fusion.set_strict): a compression step was "
                         f"refused\n{report}", first_useful_frame=None)
        self.report = report


def refusal_of(exc: BaseException) -> FusionRefused | None:
    """The :class:`FusionRefused` behind ``exc`` (itself, or dynamo's wrapper around it), else None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, FusionRefused):
            return exc
        seen.add(id(exc))
        exc = getattr(exc, "inner_exception", None) or exc.__cause__ or exc.__context__
    return None


# --- naming graph inputs as the caller knows them ---------------------------------------------------------
def _pretty_source(name: str, params: list[str]) -> str:
    """dynamo's source name -> the caller's spelling: ``L['args'][1]`` -> ``weight`` (the forward's
    parameter), ``L['model']._modules['attn']._parameters['w']`` -> ``self.attn.w``."""
    m = re.fullmatch(r"L\['args'\]\[(\d+)\](.*)", name)
    if m:
        i = int(m.group(1))
        name = (params[i] if i < len(params) else f"args[{i}]") + m.group(2)
    name = re.sub(r"^L\['model'\]", "self", name)
    name = re.sub(r"^L\['(\w+)'\]", r"\1", name)
    name = re.sub(r"\._(?:modules|parameters|buffers)\['(\w+)'\]", r".\1", name)
    name = re.sub(r"\['(\w+)'\]", r".\1", name)
    return name


def _input_names(gm: torch.fx.GraphModule, params: list[str]) -> list[str]:
    """The caller's names of the inputs AOTAutograd gives the graph, in its order: the dynamo graph's
    own parameters and buffers (lifted first), then its placeholders."""
    names = [f"self.{n}" for n, _ in gm.named_parameters()] + [f"self.{n}" for n, _ in gm.named_buffers()]
    for node in gm.graph.find_nodes(op="placeholder"):
        arg = node.meta.get("grapharg")
        source = getattr(arg, "source", None)
        name = getattr(source, "name", None)
        names.append(_pretty_source((name() if callable(name) else name) if name is not None else node.name, params))
    return names


def _name_inputs(events, marks) -> None:
    """Name each event's graph inputs by the graph handed to the backend last before the event:
    Inductor's pass runs while the backend compiles, torchair's on the graph's first call, after the
    backend returned (and before the next graph of a model split by graph breaks is compiled)."""
    for i, event in enumerate(events):
        named = [names for first, names in marks if first <= i]
        if named:
            _rename(event, named[-1])


def _rename(event, names: list[str]) -> None:
    def sub(m):
        i = int(m.group(1)) if m.group(1) is not None else int(m.group(2)) - 1
        return f"`{names[i]}`" if 0 <= i < len(names) else m.group(0)

    for field in ("node", "reason", "hint", "anchor"):
        text = getattr(event, field)
        if text:
            text = re.sub(r"\b(?:arg(\d+)_1|primals_(\d+))\b", sub, text)
            setattr(event, field, re.sub(r"(`[^`]+`) \(placeholder\)", r"\1 (an input of the compiled function)", text))
    if event.node.endswith("(an input of the compiled function)") and not event.source:
        event.source = "(no source line: it is an argument, parameter or buffer of the model)"


# --- the default compile: Inductor up to its post-grad passes -----------------------------------------------
def _post_grad_backend(timings):
    """Inductor's AOT step, decompositions, joint-graph and post-grad passes (the pass among them),
    then nothing: no code generation, no C++ compile.  The frame runs the dynamo graph eagerly."""

    def backend(gm, example_inputs):
        from torch._functorch.aot_autograd import make_boxed_func
        from torch._inductor.compile_fx import _recursive_post_grad_passes, compile_fx, fake_tensor_prop
        from torch._inductor.fx_passes.post_grad import view_to_reshape
        from torch._inductor.virtualized import V

        from .backend import with_fusion_passes

        def inner(g, inputs, **kwargs):
            start = time.perf_counter()
            view_to_reshape(g)
            fake_mode = fake_tensor_prop(g, inputs)
            with V.set_fake_mode(fake_mode):
                _recursive_post_grad_passes(g, is_inference=kwargs.get("is_inference", True))
            timings["post-grad passes (the pass among them)"] += time.perf_counter() - start
            return make_boxed_func(g.forward)

        from .bound_inputs import Offer, offering

        start, passes = time.perf_counter(), timings["post-grad passes (the pass among them)"]
        # (module buffers offered as nsa_fusion's backend offers them; the dynamo graph runs as it is, no check needed)
        with with_fusion_passes(), offering(Offer.of(gm, example_inputs)):
            compile_fx(gm, example_inputs, inner_compile=inner)
        passes = timings["post-grad passes (the pass among them)"] - passes
        timings["AOT + decompositions"] += time.perf_counter() - start - passes
        return gm.forward

    return backend


def _entry_for(model):
    """A private entry function with its own code object: dynamo keeps compiled code per code object,
    so compiling this leaves the caller's compiled functions (their cache entries) untouched."""

    def entry(*args, **kwargs):
        return model(*args, **kwargs)

    code = entry.__code__.replace(co_name=f"nsa_fusion_explain_{id(model):x}")
    return types.FunctionType(code, entry.__globals__, code.co_name, None, entry.__closure__)


def _param_names(model) -> list[str]:
    try:
        sig = inspect.signature(model.forward if isinstance(model, torch.nn.Module) else model)
    except (TypeError, ValueError):
        return []
    return [p.name for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


@contextlib.contextmanager
def _caller_diagnostics_kept():
    saved_stats, saved_events = dict(dict.items(diagnostics.stats)), list(diagnostics.events)
    diagnostics.reset()
    try:
        yield
    finally:
        diagnostics.reset()
        dict.update(diagnostics.stats, saved_stats)
        diagnostics.events[:] = saved_events


def explain(model, *inputs, backend=None, print_report: bool = False, **compile_kwargs) -> Report:
    """Compile a private copy of ``model`` (see the module docstring), run it once on copies of the
    tensor inputs, and return the :class:`Report` of every write the pass considered.  Nothing is
    printed unless ``print_report=True``; ``print(report)`` prints it."""
    timings: dict = collections.defaultdict(float)
    inputs = [x.clone() if isinstance(x, torch.Tensor) else x for x in inputs]
    if isinstance(backend, str):
        from torch._dynamo import lookup_backend

        backend = lookup_backend(backend)
    compile_backend = backend or _post_grad_backend(timings)
    params = _param_names(model)

    graphs = [0]

    marks = []  # per graph handed to the backend: (index of its first event, the caller's names of its inputs)

    def naming_backend(gm, example_inputs):
        graphs[0] += 1
        marks.append((len(diagnostics.events), _input_names(gm, params)))  # before: the compile may raise
        return compile_backend(gm, example_inputs)

    start = time.perf_counter()
    importlib.import_module("torch._inductor.compile_fx")  # torch's own imports: seconds, once per process
    importlib.import_module(".backend", __package__)

    timings["imports (once per process)"] = time.perf_counter() - start
    error = ""
    from torch._dynamo.utils import counters

    breaks_before = dict(counters["graph_break"])
    strict, diagnostics._strict = diagnostics._strict, False  # report every decision, stop at none
    try:
        with _caller_diagnostics_kept(), torch._inductor.config.patch(fx_graph_cache=False), \
                torch._functorch.config.patch(enable_autograd_cache=False):
            try:
                torch.compile(_entry_for(model), backend=naming_backend, **compile_kwargs)(*inputs)
            except Exception as exc:  # e.g. torchair's GE cannot convert a write: the report says which
                inner = getattr(exc, "inner_exception", None) or exc
                error = f"{type(inner).__name__}: {str(inner).strip().splitlines()[0] if str(inner).strip() else ''}"
            _name_inputs(diagnostics.events, marks)
            events = list(diagnostics.events)
    finally:
        diagnostics._strict = strict
    total = time.perf_counter() - start
    timings = dict(timings)
    timings["dynamo trace, guards and one run"] = total - sum(timings.values())
    timings["total"] = total
    report = Report.of(events, timings)
    report.error = error
    report.graphs = graphs[0]
    report.graph_breaks = _graph_break_reasons(breaks_before)
    if print_report:
        print(report)
    return report


def _pass_disabled() -> bool:
    from .fusion_pass import disabled

    return disabled()
