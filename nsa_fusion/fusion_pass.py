"""The fusion pass: every plain-torch NSA compression step in a graph -> one in-place fused call.

Before (Inductor's post-grad graph of one spelling; other spellings and torchair's graph differ)::

    pos = clamp_min(sub(unsqueeze(lengths), l) + iota(l), 0); pages = gather(block_table, 1, pos // P)
    tokens = index(input, [pages, pos % P]); pooled = convert(sum(mul(convert(tokens), w), [1]))
    valid = (lengths >= l) & ((lengths - l) % d == 0)
    new = index_put(cache, [slots], where(valid, pooled, index(cache, [slots]))); copy_(cache, new)

After::

    nsa_fusion.compress_infer_(input, weight, slots, block_table, lengths, cache, l, d, P)

One self-contained graph pass, three rooms: recognition (``patterns/``: anchor on every row write,
prove by evaluation that it computes the contract), rewrite (``rewrite.py``: trace the replacement,
write the cache in place) and this module, which runs them over a graph and reports each decision.
Integrations (Inductor's custom passes, torchair's ``CompilerConfig`` hooks, vLLM's pass manager)
are thin adapters in ``backend.py`` that call :class:`NsaFusionPass` on a graph.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import time
import warnings

import torch.fx as fx
from torch._inductor.custom_graph_pass import CustomGraphPass

from . import bound_inputs, diagnostics
from .patterns.evaluate import Sizes
from .patterns.verify import Declined, NotACandidate, Recognizer, Refused, source_line
from .patterns.optable import WRITES as WRITE_OPS
from .patterns.optable import data_inputs, is_data_movement
from .rewrite import DIALECTS, INDUCTOR, TORCHAIR, Dialect, drop_asserts_on_dead_sizes, fused_calls, has_stream_scopes, \
    keep_copies_torchair_would_drop, merge_duplicate_views, keep_stacked_halves_out_of_place, keep_intermediate_caches_out_of_place, protect_old_cache_readers, reinplace_clones, remove_noops_keeping_snapshots, reinplace_mutation_outputs, replace_step, restore_kept_read_index, share_kept_read_index, settle_stacked_splits, split_stacked_writes, stream_labels


# node.meta key on a row write the pass has decided about: a second pass over the same graph (torchair's
# global pattern pass after our CompilerConfig hook) neither redoes nor re-reports it
CONSIDERED = "nsa_fusion_considered"


def disabled() -> bool:
    """``NSA_FUSION_DISABLE=1`` turns the pass into a no-op (A/B runs, debugging)."""
    return os.environ.get("NSA_FUSION_DISABLE", "0") not in ("", "0")


def _source_hash() -> str:
    root = pathlib.Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted([*root.glob("patterns/*.py"), *root.glob("lowering/*.py"), root / "fusion_pass.py",
                        root / "rewrite.py", root / "ops.py", root / "lengths_from_positions.py", root / "pool_tables.py",
                        root / "bound_inputs.py"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _as_graph(graph) -> fx.Graph:
    return graph.graph if isinstance(graph, fx.GraphModule) else graph


class NsaFusionPass(CustomGraphPass):
    """The pass, callable on an ``fx.Graph`` (or a ``GraphModule``).

    A ``CustomGraphPass`` so that Inductor's FX graph cache keys on :meth:`uuid` (a hash of the
    recogniser, rewrite and lowering sources: edits invalidate cached graphs).  ``dialect`` picks how
    the replacement is traced and lowered (Inductor's post-grad graph, or torchair's).  ``reinplace``:
    write the cache in place when the graph copies the update back into the cache input.
    """

    def __init__(self, dialect: Dialect | str = INDUCTOR, *, reinplace: bool = True, functional_calls: bool | None = None):
        self.dialect = DIALECTS[dialect] if isinstance(dialect, str) else dialect
        self.reinplace = reinplace
        # Inductor's graphs get the call as auto_functionalized (rewrite.protect_old_cache_readers); the vLLM
        # adapters ask for the mutating call (see nsa_fusion/vllm.py)
        self.functional_calls = self.dialect is INDUCTOR if functional_calls is None else functional_calls
        self.matched_count = 0
        self.seconds = 0.0  # time spent in this pass (benchmarks report it against compile time)
        diagnostics.watch_compiles()  # log graphs served from Inductor's cache when they are served

    def __call__(self, graph) -> int:
        """Fuse every compression step in ``graph``; returns how many were fused."""
        graph = _as_graph(graph)
        if disabled():
            if diagnostics.strict_enabled():  # (a CI job asserting fusion must not pass with the pass off)
                warnings.warn("nsa_fusion: strict mode is on but NSA_FUSION_DISABLE turns the pass off: nothing is "
                              "fused or checked", stacklevel=2)
            return 0
        start = time.perf_counter()
        diagnostics.graph_seen()
        try:
            return self._run(graph)
        finally:
            self.seconds += time.perf_counter() - start

    def _run(self, graph: fx.Graph) -> int:
        from . import lengths_from_positions, pool_tables

        shared = []
        if _has_writes(graph):  # (before the rewrites below, which restore the nodes they stood in for)
            _safely(merge_duplicate_views, graph, index_views=True)
            shared = _safely(share_kept_read_index, graph) or []
        # (p + 1) - 1 for p read beside p + 1 (see there); not across torchair's stream scopes (p + 1 moves up front)
        shifted = [] if has_stream_scopes(graph) else _safely(lengths_from_positions.expose, graph) or []
        counted = _safely(lengths_from_positions.expose_page_counts, graph) or []  # FlashInfer's n - 1 as (s - 1) // P
        # T[r[:, None], p] read as T[r][arange(B)[:, None], p] (see there)
        rerouted = _safely(pool_tables.expose, graph, iota=self.dialect is not TORCHAIR) or []
        try:
            return self._run_exposed(graph)
        finally:
            _safely(pool_tables.restore, graph, rerouted)
            _safely(lengths_from_positions.restore_page_counts, graph, counted)
            _safely(lengths_from_positions.restore, graph, shifted)
            _safely(restore_kept_read_index, graph, shared)

    def _run_exposed(self, graph: fx.Graph) -> int:
        rec, labels = self._prepare(graph)
        try:  # cmp[:, slots] = ... on a stacked cache: one write per half (never breaks the user's compile)
            splits = split_stacked_writes(graph, iota=self.dialect is not TORCHAIR)  # (arange as Inductor spells it)
        except Exception as exc:  # pragma: no cover - a bug in the split
            diagnostics.log.warning("nsa_fusion: splitting stacked writes failed (%s); left as written", exc)
            splits = []
        if splits:
            _safely(merge_duplicate_views, graph)
        joint = {split.write for split in splits}
        for write in joint:
            write.meta[CONSIDERED] = True
        fused, fused_writes = 0, set()
        first_event = len(diagnostics.events)
        parts_of = {part: split.halves for split in splits if split.joint_write for part in split.halves}
        for write in rec.writes():
            if write.graph is not graph or write not in set(graph.nodes) or write in joint:
                continue  # removed by an earlier replacement (or split into halves)
            if write in parts_of:
                if write.meta.get(CONSIDERED):
                    continue  # (a part considered with the first of its joint write)
                done = self._consider_joint(rec, parts_of[write], labels)
            else:
                done = {write} if self._consider(rec, write, labels) else set()
            fused += len(done)
            fused_writes |= done
        _report_kv_appends(rec, diagnostics.events[first_event:])
        if splits:
            settle_stacked_splits(graph, splits, fused_writes)
        if fused:
            self._finish(graph)
        if self.dialect is TORCHAIR:
            self._lower_writes_for_ge(graph, diagnostics.events[first_event:])
        self.matched_count += fused
        _fail_if_strict(diagnostics.events[first_event:])
        return fused

    def fuse_write(self, write: fx.Node) -> bool:
        """Recognise and fuse the step ending in one row write (for pattern passes that visit writes
        one by one, such as torchair's global pattern pass, see ``backend.register_with_torchair``)."""
        if disabled() or write.meta.get(CONSIDERED):
            return False
        start = time.perf_counter()
        try:
            rec, labels = self._prepare(write.graph, index_views=True)
            first_event = len(diagnostics.events)
            fused = self._consider(rec, write, labels)
            if fused:
                self._finish(rec.graph)
                self.matched_count += 1
            _fail_if_strict(diagnostics.events[first_event:])
            return bool(fused)
        finally:
            self.seconds += time.perf_counter() - start

    def _prepare(self, graph: fx.Graph, index_views: bool = False):
        if _has_writes(graph):
            if self.dialect is TORCHAIR:
                # torchair's graph is not simplified like Inductor's: under dynamic shapes it keeps full
                # slices and slice_scatters (``cache[slots, :, :] = ...``) that change no value (see
                # rewrite.remove_noops_keeping_snapshots for why not Inductor's remove_noop_ops itself)
                _safely(remove_noops_keeping_snapshots, graph)
            _safely(merge_duplicate_views, graph, index_views)  # one node per half of a stacked cache (see rewrite.py)
        rec = Recognizer(graph, Sizes.hints(graph), matmul_fma=self.dialect is not TORCHAIR)
        labels = stream_labels(graph) if has_stream_scopes(graph) else None
        return rec, labels

    def _consider_joint(self, rec: Recognizer, parts: list, labels) -> set:
        """The parts of one user write split per half or last-dim part (``rewrite.split_stacked_writes``,
        ``split_concatenated_writes``): fused only where every part is a step that fuses, else none, so that the
        user's joint write stays as written (``settle_stacked_splits``).  A part left unfused beside a fused one
        would be compiled by Inductor in the split form, which is the same values in eager arithmetic but not in
        Inductor's (red team 44: a part's fp16 rounding of a constant, which the joint form folds into a rounded
        tensor, dropped in the fused kernel of the split form).  Returns the parts fused."""
        first, failed = None, []
        for part in parts:
            try:
                step = self._verdict(rec, part, labels)
                first = first or step
            except Exception:  # (a refusal, or a recogniser error: each reported by _consider below)
                failed.append(part)
        if not failed:
            # (the first part's step as recognised; the others again, after the replacements before them)
            done = {part for part in parts if self._consider(rec, part, labels, first if part is parts[0] else None)}
            if done and len(done) < len(parts):  # pragma: no cover - a part refused after its sibling was replaced
                diagnostics.log.warning("nsa_fusion: only %d of the %d parts of %s fused", len(done), len(parts),
                                        parts[0].name)
            return done
        for part in parts:
            if part in failed:
                self._consider(rec, part, labels)  # (its own reason)
                continue
            part.meta[CONSIDERED] = True
            diagnostics.stats["candidates"] += 1
            other = ", ".join(f.name for f in failed)
            diagnostics.record("rejected", f"this part of a joint write is the contract, but the write's other part(s) "
                               f"({other}) are not: the write fuses whole or not at all, and stays as written",
                               pattern="write", dialect=self.dialect.name, node=_describe(part),
                               source=source_line(part), anchor=part.name, write_op=str(part.target),
                               hint="write the parts that are compressions into caches (or views) of their own")
        return set()

    def _verdict(self, rec: Recognizer, write: fx.Node, labels):
        """The recognised :class:`Step` ending in ``write`` where it is to fuse; else raises Refused (Declined) or
        NotACandidate."""
        step = rec.recognize(write)
        if step.matmul_device is not None and not bound_inputs.can_check_settings() and self.dialect is not TORCHAIR:
            # (torchair's global pattern pass, vllm-ascend's path, fuses it still: GE cannot compile the unfused
            # step at all, so refusing would break the model; the settings are the ones read now, docs/soundness.md)
            raise Refused("pooling", "the matrix product is exact only under the fp32 matmul precision settings in "
                          "force now (no TF32 / bf16 / HF32 inputs), which torch.compile does not guard; outside "
                          "nsa_fusion's own backends nothing checks them before each call", step.write,
                          "compile with backend='nsa_fusion' (or nsa_fusion.npu_backend), or pool with "
                          "(tokens.float() * weight.float()[..., None]).sum(1)")
        if labels is not None:
            _single_stream(step, labels)
        if self.dialect is not TORCHAIR:  # GE cannot compile the composite: its graphs always fuse
            _check_cost(step, write)
        return step

    def _consider(self, rec: Recognizer, write: fx.Node, labels, step=None) -> int:
        """Recognise the step ending in ``write`` (``step``: recognised already, on this graph), replace it, report
        the decision; 1 if fused."""
        write.meta[CONSIDERED] = True
        try:
            step = step or self._verdict(rec, write, labels)
        except NotACandidate as what:  # a KV append or another write that is no compression step
            diagnostics.record("ignored", _what_it_is(write, what.reason), pattern=_op_name(write),
                               dialect=self.dialect.name, node=_describe(write), source=source_line(write),
                               anchor=write.name, write_op=str(write.target))
            return 0
        except Refused as refusal:
            diagnostics.stats["candidates"] += 1
            kind = "declined" if isinstance(refusal, Declined) else "rejected"  # declined: the contract, on purpose
            diagnostics.record(kind, refusal.reason, pattern=refusal.part, dialect=self.dialect.name,
                               node=_describe(refusal.node or write), source=source_line(refusal.node or write),
                               hint=refusal.hint, anchor=write.name, write_op=str(write.target))
            return 0
        except Exception as exc:  # a bug in the recogniser must never break the user's compile
            return self._internal_error("recognising", write, exc)
        try:
            guards = _specialize(step)
            new = replace_step(step, self.dialect, self.functional_calls)
        except Exception as exc:  # nor in the rewrite (traced before the graph changes: nothing half-done)
            return self._internal_error("replacing", write, exc)
        if step.matmul_device is not None:  # (checked before every call: bound_inputs.CheckedCall)
            bound_inputs.rely_on_matmul_settings(step.matmul_device)
            guards += "; exact under the fp32 matmul settings in force now (" + (
                "checked before every call)" if bound_inputs.can_check_settings() else
                "not checked in this pipeline: do not change them after compiling)")
        diagnostics.stats["candidates"] += 1
        diagnostics.record("fused", f"l={step.l}, d={step.d}, {step.weight_layout} weight" + guards,
                           pattern=_pattern_name(step), dialect=self.dialect.name, node=new.name,
                           source=source_line(step.write), anchor=write.name)
        return 1

    def _lower_writes_for_ge(self, graph: fx.Graph, events) -> None:
        """The writes left in torchair's graph (KV appends, refused steps) as ``npu_scatter_nd_update``,
        which GE converts (``lowering/ge_writes.py``); never breaks the user's compile."""
        from .lowering import ge_writes

        try:
            rewritten = ge_writes.rewrite_writes_for_ge(graph)
        except Exception as exc:  # pragma: no cover - a bug in the rewrite: leave the writes as they are
            diagnostics.log.warning("nsa_fusion: writing index_put as npu_scatter_nd_update failed (%s: %s); "
                                    "left as written", type(exc).__name__, exc, exc_info=True)
            return
        for event in events:  # explain's GE notes: these writes convert now
            if event.anchor in rewritten:
                event.ge_write = "npu_scatter_nd_update"
        if rewritten:
            diagnostics.stats["ge_scatter_nd_writes"] += len(rewritten)
            diagnostics.log.info("nsa_fusion: %d write(s) as npu_scatter_nd_update for GE: %s",
                                 len(rewritten), ", ".join(rewritten))

    def _internal_error(self, doing: str, write: fx.Node, exc: Exception) -> int:
        diagnostics.stats["candidates"] += 1
        diagnostics.log.warning("nsa_fusion: %s %s failed (%s: %s); left unfused",
                                doing, write.name, type(exc).__name__, exc, exc_info=True)
        diagnostics.record("rejected", f"internal error: {type(exc).__name__}: {exc}", pattern="internal",
                           dialect=self.dialect.name, node=_describe(write), source=source_line(write),
                           hint="please report this with the model code", anchor=write.name,
                           write_op=str(write.target))
        return 0

    def _finish(self, graph: fx.Graph) -> None:
        """Drop what the replacements left dead, then write the caches in place."""
        drop_asserts_on_dead_sizes(graph)
        graph.eliminate_dead_code()
        if self.reinplace:
            reinplace_clones(graph, lazy_reads=self.dialect is INDUCTOR and not self.functional_calls)
            reinplace_mutation_outputs(graph)
        protect_old_cache_readers(graph)
        if self.dialect is INDUCTOR:
            keep_stacked_halves_out_of_place(graph)
            keep_intermediate_caches_out_of_place(graph)
        else:  # (torchair runs Inductor's remove_noop_ops after our hook)
            keep_copies_torchair_would_drop(graph)
        graph.lint()

    def uuid(self) -> str:
        # NSA_FUSION_DISABLE is part of the key: a graph compiled with the pass off must never be
        # served to a compile with it on (or the reverse).
        diagnostics.watch_compiles()  # asked on every compile, cache hits included
        state = "off" if disabled() else "on"
        if diagnostics.strict_enabled():  # a cached graph skips the pass, and with it strict mode's check
            state += "-strict"
        from .debug_checks import debug_checks_enabled

        if debug_checks_enabled():  # the graph holds the value checks
            state += "-checked"
        from .lowering import cost

        if cost.cpu_kernel() != "native":  # the cost rule leaves small CPU steps unfused then
            state += "-puretorch"
        elif cost.fuse_small():  # ... and with the native kernel unless this is set
            state += "-fusesmall"
        from .lowering import triton_forced

        if triton_forced():  # CUDA graphs fuse only under the switch (fuses_on): not the same graph
            state += "-triton"
        if not self.functional_calls:
            state += "-mutating"
        # the fp32 matmul settings a fused matrix product may rely on (Inductor's own key has CUDA's only): a graph
        # fused under one is never served to a compile under another (red-team 39 F2)
        from .patterns.pooling import all_fp32_matmul_settings

        state += "-" + hashlib.sha256(repr(all_fp32_matmul_settings()).encode()).hexdigest()[:12]
        return f"nsa_fusion-{self.dialect.name}-{_source_hash()}-{state}{'-reinplace' if self.reinplace else ''}"


def _check_cost(step, write: fx.Node) -> None:
    """Decline (part "cost") where the fused op would be slower than Inductor's code for the composite
    (``nsa_fusion.lowering.cost``: CPU steps of small static sizes)."""
    from .lowering import cost

    ok, why = cost.pays_off_for(step)
    if not ok:
        hint = ("none needed: Inductor's code is the faster one at this size (NSA_FUSION_FUSE_SMALL=1 fuses it anyway)"
                if cost.cpu_kernel() == "native" else
                "build the native CPU kernel (a C++ compiler: g++ or $CXX), or keep the step unfused; "
                "NSA_FUSION_NO_NATIVE=1 also selects the pure-torch kernel")
        raise Declined("cost", why, write, hint)


def _op_name(node: fx.Node) -> str:
    return getattr(node.target, "__name__", str(node.target)).split(".")[0]


def _what_it_is(write: fx.Node, why: str) -> str:
    """What a write that is no compression candidate is, for the report: its op, the tensor it
    writes, and why it is not a row write of a [num_slots, N, D] cache."""
    base = write.args[0] if write.args and isinstance(write.args[0], fx.Node) else None
    shape = getattr(base.meta.get("val"), "shape", None) if base is not None else None
    where = f"{base.name} {list(shape)}" if shape is not None else "a tensor"
    if _op_name(write) in ("index_put", "index_put_", "_unsafe_index_put") and shape is not None and len(shape) == 4:
        indices = [i for i in write.args[1] if i is not None] if len(write.args) > 1 else []
        if len(indices) >= 2:
            return f"the KV append: a token write into the paged KV {where} at (page, offset) positions"
    return f"a write into {where}: {why}"


def _has_writes(graph: fx.Graph) -> bool:
    return any(n.op == "call_function" and n.target in WRITE_OPS for n in graph.nodes)


def _report_kv_appends(rec: Recognizer, events) -> None:
    """A row write refused for having no select, whose result a compression step of this graph reads as its
    paged input (through data movement), is that step's KV append (``pool[loc] = k``: a [num_tokens, N, D]
    token pool looks like a compressed cache): it is reported as ignored, not as a refused candidate; an append
    already ignored for its shape (``cache.scatter_(2, pos, k)``) is named the KV append too."""
    appends = _appends_read_by_refused_steps(rec.graph, events)  # write -> the write of the step reading it
    for paged, reader in rec.paged_inputs.items():
        work, seen = [paged], set()
        while work:
            n = work.pop()
            if n in seen:
                continue
            seen.add(n)
            appends.setdefault(n, reader)
            if is_data_movement(n):
                work.extend(data_inputs(n))
    by_name = {n.name: n for n in appends}
    for e in events:
        write = by_name.get(e.anchor)
        if write is None or write.op != "call_function" or write.target not in WRITE_OPS:
            continue
        what = f"the KV append: it writes the tokens that the compression step of {appends[write].name} reads (no " \
               "compressed rows)"
        if e.kind == "rejected" and e.pattern == "keep" and e.reason.startswith("no masked select"):
            diagnostics.reclassify_as_ignored(e, what, pattern=_op_name(write), node=_describe(write),
                                              source=source_line(write))
        elif e.kind == "ignored" and not e.reason.startswith("the KV append"):  # (set aside for its shape: scatter_)
            e.reason = what


def _appends_read_by_refused_steps(graph: fx.Graph, events) -> dict:
    """Writes whose result a REFUSED step's new rows read through a gather, with no other write between, into a
    cache that step does not write: its KV append (a step refused before its roles were found leaves no paged input
    in ``rec.paged_inputs``; models17's HF cache class).  Not a write into the step's own cache (a K half written
    before the V half of one stacked cache) and not one behind another write (layer 1's caches, read by layer 2's
    attention before layer 2's append).  {append: the refused step's write}."""
    from .patterns.optable import GATHERS, VIEWS, WRITES
    from .patterns.proof import _chain_back, value_ancestors

    writes = [n for n in graph.nodes if n.op == "call_function" and n.target in WRITE_OPS]
    writes_set = set(writes)
    by_name = {n.name: n for n in writes}

    def cache_of(write):  # the tensor a chain of writes (functional: each one's base is the last one's result) updates
        node = write
        while node in writes_set:
            node = _chain_back(node.args[WRITES[node.target][0]], VIEWS)[-1]
        return node

    found = {}
    for e in events:
        step = by_name.get(e.anchor) if e.kind == "rejected" else None
        if step is None:
            continue
        values = step.args[WRITES[step.target][2]]
        if not isinstance(values, fx.Node):
            continue
        for g in value_ancestors([values], set(writes)):
            if g.op != "call_function" or g.target not in GATHERS or not isinstance(g.args[0], fx.Node):
                continue
            source = _chain_back(g.args[0], VIEWS)[-1]
            if source in writes_set and source is not step and cache_of(source) is not cache_of(step):
                found.setdefault(source, step)
    return found


def _fail_if_strict(events) -> None:
    """Strict mode (``NSA_FUSION_STRICT=1``, ``nsa_fusion.set_strict(True)``): a refused compression
    candidate fails the compile with the report of this graph.  Ignored writes and declined
    candidates (the contract, left to Inductor on purpose: cost rule, lowering off) never do."""
    if diagnostics.strict_enabled() and any(e.kind == "rejected" for e in events):
        from .explaining import FusionRefused, Report

        raise FusionRefused(Report.of(events))


def _safely(rewrite, graph: fx.Graph, *args, **kwargs):
    """``rewrite(graph, ...)``, one of the value-preserving rewrites around recognition (equal views merged, ``p + 1 -
    1`` exposed, a pool-table read rerouted, and their undos): an error in one must not break the user's compile.
    Each replaces whole nodes by nodes computing the same values, so a graph it stopped in the middle of still
    computes what the user wrote; it is logged and the rewrite's result taken as empty (None).  A graph left
    malformed (``lint`` fails) cannot be compiled either way: that error is raised."""
    try:
        return rewrite(graph, *args, **kwargs)
    except Exception as exc:
        diagnostics.log.warning("nsa_fusion: %s failed (%s: %s); continuing without it", rewrite.__name__,
                                type(exc).__name__, exc, exc_info=True)
        graph.lint()
        return None


def _pattern_name(step) -> str:
    return f"{step.write.target.__name__.split('.')[0]}:{step.weight_layout}"


def _describe(node: fx.Node) -> str:
    target = node.target if node.op == "call_function" else node.op
    return f"{node.name} ({target})"


def _single_stream(step, labels) -> None:
    """All of the step's ops run on one NPU stream: one fused op would silently move work between
    torchair's ``npu_stream_switch`` scopes (torchair's own replacements refuse the same)."""
    used = {labels.get(n) for n in step.nodes if n.op == "call_function"}
    if len(used) > 1:
        shown = sorted("default" if x is None else repr(x) for x in used)
        raise Refused("device", f"the step spans NPU streams ({', '.join(shown)}): fusing would move work "
                      "between streams", step.write)


def _specialize(step) -> str:
    """Guard the sizes the proof held fixed (a dynamic graph whose spelling bakes in a size) and the bounds it
    assumed (an int32 remainder by the cache rows, exactness._bounded_rows): the compiled code is then only
    reused where they hold, and recompiled elsewhere."""
    if not step.specialize and not step.bounds:
        return ""
    import sympy

    from .patterns.evaluate import shape_env_of

    env = shape_env_of(step.write.graph)
    shown = []
    guards = [(sympy.Eq(sym, sympy.Integer(value)), f"{sym} == {value}")
              for sym, value in sorted(step.specialize.items(), key=str)]
    guards += [(sympy.Le(expr, sympy.Integer(most)), f"{expr} <= {most}")
               for expr, most in sorted(step.bounds.items(), key=str)]
    for guard, text in guards:
        # (evaluate_expr guards the expression as it holds at the compiled sizes: one that does not hold there
        # would be guarded negated, and the step must not fuse; every rule checks the hint first, red team 61)
        if not env.evaluate_expr(guard):
            raise RuntimeError(f"the proof's assumption {text} does not hold at the compiled sizes")
        shown.append(text)
    return "; guarded " + ", ".join(shown)


def fused_count(graph) -> int:
    return len(fused_calls(_as_graph(graph)))
