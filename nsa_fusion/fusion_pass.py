"""The fusion pass: plain-torch NSA compression composite -> one in-place fused call.

Before (Inductor post-grad graph, ~30 nodes; torchair's graph spells the same ops differently)::

    pos = clamp_min(sub(unsqueeze(lengths), l) + iota(l), 0); pages = gather(block_table, 1, pos // P)
    tokens = index(input, [pages, pos % P]); pooled = convert(sum(mul(convert(tokens), w), [1]))
    valid = (lengths >= l) & ((lengths - l) % d == 0)
    new = index_put(cache, [slots], where(valid, pooled, index(cache, [slots]))); copy_(cache, new)

After::

    nsa_fusion.compress_infer_(input, weight, slots, block_table, lengths, cache, l, d, P)

Three stages, each a ``PatternMatcherPass`` per dialect: gather front-ends -> ``window_gather``
(stage A), pooling x write-back around it -> fused op (stage B), and a restore pass that turns any
``window_gather`` stage B did not consume back into plain ops (so a near miss leaves the graph as the
model wrote it).  Inductor runs all three in its post-grad custom pass.  Under torchair, stage B is
registered with ``torchair.register_replacement`` and runs in torchair's own pattern pass (after its
stream labels and sym-input rewrite), between stage A in the ``CompilerConfig``'s
``post_grad_custom_pre_pass`` and :meth:`NsaFusionPass.finish` in its ``post_grad_custom_post_pass``.
The fused op mutates a clone of the cache; Inductor re-inplaces that itself, and
:func:`reinplace_clones` does it for torchair's graph, so no full-cache copy remains.
"""
from __future__ import annotations

import contextvars
import functools
import hashlib
import inspect
import os
import pathlib
import time
import weakref

import torch
from torch._inductor.custom_graph_pass import CustomGraphPass
from torch._inductor.fx_passes.post_grad import remove_noop_ops
from torch._inductor.pattern_matcher import PatternMatcherPass, register_replacement

from . import diagnostics
from .diagnostics import record
from .lowering import lowering_for
from .patterns import DIALECTS, INDUCTOR, Dialect, checks, compress, frontends

aten = torch.ops.aten


def disabled() -> bool:
    """``NSA_FUSION_DISABLE=1`` turns the pass into a no-op (A/B runs, debugging)."""
    return os.environ.get("NSA_FUSION_DISABLE", "0") not in ("", "0")


class _Run:
    """What happened to one graph from stage A to :meth:`NsaFusionPass.finish`: the candidates, the
    checks' refusals (one anchor may be tried by several patterns) and accepted matches.  Kept per
    graph, not per call, because under torchair stage B runs in torchair's own pass between our
    hooks.  Holds node *names*, never nodes, so the entry in ``_runs`` does not keep its graph alive
    when ``finish`` never runs (an exception between the hooks)."""

    def __init__(self, fused_before: set[str]):
        self.fused_before = fused_before  # names of fused ops already in the graph (not ours to count)
        self.candidates = 0
        self.refusals: dict[str, tuple[str, str]] = {}  # anchor node name -> (pattern, reason)
        self.accepted: list[str] = []


_runs: "weakref.WeakKeyDictionary[torch.fx.Graph, _Run]" = weakref.WeakKeyDictionary()


def _run_of(match) -> "_Run | None":
    return _runs.get(match.output_nodes()[0].graph)


def _refuse(match, pattern: str, reason: str) -> None:
    """Remember a refusal for the match's anchor node (reported by ``finish`` if no pattern took it)."""
    run = _run_of(match)
    if run is not None:
        run.refusals[match.output_nodes()[0].name] = (pattern, reason)


# The matcher's first, structural match of a pattern.  register_replacement re-traces the search
# function with the matched values and hands extra_check only the re-traced match; torch 2.13 fills
# that match's kwargs in from the first one, older torch leaves out every scalar the re-trace baked
# in as a literal (l, d, P, and static sizes).  Each entry's check is wrapped (``_guarded``) to
# remember the first match, so the checks see the same bindings on every torch.
_first_match: contextvars.ContextVar = contextvars.ContextVar("nsa_fusion_first_match", default=None)


def _guarded(check_fn):
    """The outermost check of each of our pattern entries, run on the structural match before the
    re-trace (and, in torchair's pass, before torchair's own cross-stream check): refuse a match
    that spans NPU streams, with the reason; remember the match for :func:`_recorded`."""
    def check(match) -> bool:
        ok, reason = checks.single_stream(match)
        if not ok:
            _refuse(match, "single_stream", reason)
            return False
        token = _first_match.set(match)
        try:
            return check_fn(match)
        finally:
            _first_match.reset(token)

    return check


def _recorded(pattern_name: str, check, *, fuses: bool):
    """``extra_check`` from a ``match -> (ok, reason)`` check: a refusal is remembered for its anchor
    node with the reason (reported if the anchor is still in the graph at the end, i.e. no other
    pattern took it); an accepted stage-B match is counted as a fusion."""
    def extra_check(match) -> bool:
        first = _first_match.get()
        if first is not None and first is not match:
            for name, value in first.kwargs.items():
                match.kwargs.setdefault(name, value)
        ok, reason = check(match)
        if not ok:
            _refuse(match, pattern_name, reason)
        elif fuses and (run := _run_of(match)) is not None:
            run.accepted.append(pattern_name)
        return ok

    extra_check.__name__ = f"check_{pattern_name}"
    return extra_check


def _taking_supported_kwargs(register_fn):
    """``register_fn`` called with only the keyword arguments it accepts.  Feature detection, not
    version strings: Inductor's register_replacement gained pattern_name/get_decomp_fn in newer torch
    (older ones, 2.11 on the GPU image, reject them), and torchair's takes neither."""
    params = frozenset(inspect.signature(register_fn).parameters)

    def register(search, replace, example_inputs, **kwargs):
        return register_fn(search, replace, example_inputs, **{k: v for k, v in kwargs.items() if k in params})

    return register


_register = _taking_supported_kwargs(register_replacement)


def _dialect_trace(trace_fn, dialect: Dialect):
    """The dialect, not the caller, picks the decompositions (newer register_replacement passes its
    own ``get_decomp_fn`` to the trace function; older ones pass none)."""
    def trace(fn, args, **_ignored):
        return trace_fn(fn, args, get_decomp_fn=dialect.get_decomp_fn)

    return trace


def _lowered_for(dialect_name: str, replace):
    """``replace`` emitting the dialect's lowering (the NPU op / GE scatter for torchair, the op for
    Inductor): the replacement is traced inside whichever pattern pass applies it, ours or torchair's."""
    @functools.wraps(replace)  # keeps the signature register_replacement reads
    def lowered(*args):
        with lowering_for(dialect_name):
            return replace(*args)

    return lowered


def _register_compress_patterns(dialect: Dialect, register) -> None:
    """Stage B: every pooling x write-back x slot spelling, through ``register`` (Inductor's
    register_replacement into our pass, or torchair's into its own)."""
    for trace_fn in dialect.trace_fns:
        for cp in compress.compress_patterns():
            dtype = torch.float16 if cp.pooling.casts else torch.float32
            register(cp.search, _lowered_for(dialect.name, cp.replace), cp.example_inputs(dtype),
                     trace_fn=_dialect_trace(trace_fn, dialect), skip_duplicates=True, scalar_workaround=cp.scalars,
                     extra_check=_recorded(cp.name, cp.check, fuses=True), pattern_name=cp.name)


def _guard_entries(matcher_pass: PatternMatcherPass, skip=frozenset()) -> None:
    """Wrap each entry's check (register_replacement's re-trace, then ours) in :func:`_guarded`."""
    for entries in matcher_pass.patterns.values():
        for entry in entries:
            if id(entry) not in skip:
                entry.extra_check = _guarded(entry.extra_check)


def _entry_ids(matcher_pass: PatternMatcherPass) -> frozenset:
    return frozenset(id(e) for entries in matcher_pass.patterns.values() for e in entries)


@functools.cache
def frontend_passes(dialect_name: str) -> tuple[PatternMatcherPass, PatternMatcherPass]:
    """Build (once per dialect) stage A and the restore pass.  Tracing patterns costs a few
    seconds, so this runs lazily on the first compile that needs it."""
    dialect = DIALECTS[dialect_name]
    gather = PatternMatcherPass(pass_name=f"nsa_fusion_gather_{dialect.name}")
    restore = PatternMatcherPass(pass_name=f"nsa_fusion_restore_{dialect.name}")
    for trace_fn in dialect.trace_fns:
        common = dict(trace_fn=_dialect_trace(trace_fn, dialect), skip_duplicates=True)
        for index_dtype in (torch.int32, torch.int64):
            for fe in frontends.frontends():
                _register(fe.search, fe.replace, frontends.example_inputs(index_dtype=index_dtype),
                          pass_dicts=gather, scalar_workaround=fe.scalars, pattern_name=f"gather:{fe.name}",
                          extra_check=_recorded(f"gather:{fe.name}", fe.check, fuses=False), **common)
        _register(frontends.restore_search, frontends.restore, frontends.example_inputs(), pass_dicts=restore,
                  scalar_workaround=frontends.RESTORE_SCALARS, pattern_name="restore", **common)
    for matcher_pass in (gather, restore):
        _guard_entries(matcher_pass)
    return gather, restore


@functools.cache
def compress_pass(dialect_name: str) -> PatternMatcherPass:
    """Stage B as our own pass (Inductor; torchair-shaped graphs outside torchair's pattern pass)."""
    fuse = PatternMatcherPass(pass_name=f"nsa_fusion_compress_{dialect_name}")
    _register_compress_patterns(DIALECTS[dialect_name], functools.partial(_register, pass_dicts=fuse))
    _guard_entries(fuse)
    return fuse


def pattern_passes(dialect_name: str) -> tuple[PatternMatcherPass, PatternMatcherPass, PatternMatcherPass]:
    """(stage A, stage B, restore) for ``dialect_name``, built on first use."""
    gather, restore = frontend_passes(dialect_name)
    return gather, compress_pass(dialect_name), restore


@functools.cache
def register_compress_with_torchair() -> bool:
    """Register stage B with ``torchair.register_replacement``, once per process, so that torchair's
    own pattern pass runs it.  Returns whether torchair runs stage B from now on; False where torchair
    does not import, its register_replacement cannot take these patterns (no ``scalar_workaround``),
    or registering failed: the torchair pre-pass then runs stage B itself.

    torchair's registry is global: every later torchair compile in this process carries these
    patterns, with or without our hooks.  That is harmless: they are anchored on ``window_gather``,
    which only our stage A creates."""
    try:
        import torchair
        from torchair.patterns import pattern_pass_manager
    except Exception:
        return False
    needed = {"scalar_workaround", "extra_check", "trace_fn"}
    if not needed <= set(inspect.signature(torchair.register_replacement).parameters):
        return False
    if torch.torch_version.TorchVersion(torch.__version__) < (2, 6):
        return False  # torchair skips its pattern pass there

    # torchair keeps one PatternMatcherPass for every registered pattern: guard only the entries
    # added here (see _guarded).  It is a private attribute; where a torchair moved it, the entries
    # stay unguarded: torchair's own stream check still refuses split composites (reported without
    # their reason), and on older torch our checks refuse what they cannot verify.
    torchair_pass = getattr(pattern_pass_manager._pattern_manager(), "pass_dict", None)
    before = _entry_ids(torchair_pass) if isinstance(torchair_pass, PatternMatcherPass) else None
    try:
        _register_compress_patterns(DIALECTS["torchair"], _taking_supported_kwargs(torchair.register_replacement))
    except Exception as exc:  # anything registered so far is skip_duplicates-safe and still checked
        diagnostics.log.warning("nsa_fusion: registering with torchair.register_replacement failed (%s); "
                                "stage B runs in our own pre-pass instead", exc)
        return False
    finally:
        if before is not None:
            _guard_entries(torchair_pass, skip=before)
    return True


def _compress_nodes(graph: torch.fx.Graph):
    return [n for n in graph.nodes if n.op == "call_function" and n.target == torch.ops.nsa_fusion.compress_infer_.default]


def _gather_nodes(graph: torch.fx.Graph):
    return [n for n in graph.nodes if n.op == "call_function" and n.target == torch.ops.nsa_fusion.window_gather.default]


def reinplace_clones(graph: torch.fx.Graph) -> int:
    """Make ``out = clone(cache); compress_infer_(.., out, ..); copy_(cache, out)`` write ``cache``.

    Functionalized graphs (torchair's, with ``keep_inference_input_mutations``) end a cache update
    with ``copy_(cache_input, new)``.  When the only other readers of ``cache`` run before the fused
    call, the clone is dead weight: point the op at the input itself and drop clone and copy_.
    Inductor does the same on its own graph; this is the torchair-side equivalent.
    """
    done = 0
    order = {n: i for i, n in enumerate(graph.nodes)}
    for op in _compress_nodes(graph):
        clone = op.args[5]
        if not (isinstance(clone, torch.fx.Node) and clone.target == aten.clone.default):
            continue
        base = clone.args[0]
        if base.op != "placeholder":
            continue
        copies = [u for u in clone.users if u.target == aten.copy_.default and u.args[0] is base and u.args[1] is clone]
        if len(copies) != 1:
            continue
        copy = copies[0]
        # every other reader of the cache input must see the value from before the write
        if any(order[u] > order[op] for u in base.users if u not in (clone, copy)):
            continue
        # readers of the new value must come after the op (they do, in a valid graph) and no write
        # other than the final copy_ may touch the clone
        if any(u is not op and u is not copy and order[u] < order[op] for u in clone.users):
            continue
        op.update_arg(5, base)
        copy.replace_all_uses_with(base)
        graph.erase_node(copy)
        clone.replace_all_uses_with(base)
        graph.erase_node(clone)
        done += 1
    return done


_SCOPE_ENTER, _SCOPE_EXIT = "air.scope_enter.default", "air.scope_exit.default"


def label_streams(graph: torch.fx.Graph) -> None:
    """Mark each node with the NPU stream it runs on (``checks.STREAM_LABEL``), from torchair's
    ``npu_stream_switch`` scope nodes, as torchair's ``add_stream_label_to_node_meta`` does for its
    own pattern pass; ``None`` is the default stream.  Re-run after a stage: replacement nodes are new."""
    stack, current = [], None
    for node in graph.nodes:
        target = str(node.target)
        if target == _SCOPE_ENTER:
            stack.append(current)
            keys, values = (node.args + ([], []))[:2]
            if "_user_stream_label" in keys:
                current = values[list(keys).index("_user_stream_label")]
            node.meta[checks.STREAM_LABEL] = current
        elif target == _SCOPE_EXIT:
            node.meta[checks.STREAM_LABEL] = current
            current = stack.pop() if stack else None
        else:
            node.meta[checks.STREAM_LABEL] = current


def _has_stream_scopes(graph: torch.fx.Graph) -> bool:
    return any(str(n.target) == _SCOPE_ENTER for n in graph.nodes if n.op == "call_function")


def _as_graph(graph) -> torch.fx.Graph:
    return graph.graph if isinstance(graph, torch.fx.GraphModule) else graph


def _source_hash() -> str:
    root = pathlib.Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted([*root.glob("patterns/*.py"), *root.glob("lowering/*.py"), root / "fusion_pass.py",
                        root / "ops.py"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _timed(method):
    """A pass stage: a no-op returning False under NSA_FUSION_DISABLE, its time added to
    ``self.seconds`` (under torchair, stage B's time is torchair's pattern pass's, not counted)."""
    @functools.wraps(method)
    def timed(self, graph, *args, **kwargs):
        graph = _as_graph(graph)
        if disabled():
            return False
        start = time.perf_counter()
        try:
            return method(self, graph, *args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start

    return timed


class NsaFusionPass(CustomGraphPass):
    """The pass, callable on an ``fx.Graph``; a ``CustomGraphPass`` so Inductor's FX graph cache keys
    on :meth:`uuid` (a hash of the pattern and lowering sources: edits invalidate cached graphs)."""

    def __init__(self, dialect: Dialect = INDUCTOR, *, reinplace: bool = False):
        self.dialect = dialect
        self.reinplace = reinplace
        self.matched_count = 0
        self.seconds = 0.0  # time spent in this pass (benchmarks report it against compile time)

    def __call__(self, graph: torch.fx.Graph) -> None:
        """The whole pass on one graph: stage A, stage B, :meth:`finish`."""
        graph = _as_graph(graph)
        if self.begin(graph):
            self.fuse(graph)
        self.finish(graph)

    @_timed
    def begin(self, graph: torch.fx.Graph) -> bool:
        """Stage A: paged window gathers -> ``window_gather``.  Returns whether the graph has any
        (only then can stage B match).  Running it again before :meth:`finish` adds to the same run."""
        if not any(n.op == "call_function" and n.target in (aten.index.Tensor, aten._unsafe_index.Tensor)
                   for n in graph.nodes):
            return bool(_gather_nodes(graph))  # no plain gather (left) here
        gather, _ = frontend_passes(self.dialect.name)
        if self.dialect.name == "torchair":
            # Under dynamic shapes torchair's (un-simplified) graph keeps full slices such as the
            # ``[:, None]`` of ``lengths[:, None]``; Inductor has already removed these no-ops from
            # its own graph, and the patterns are traced without them.
            remove_noop_ops(graph)
        run = _runs.get(graph)
        if run is None:
            run = _runs[graph] = _Run({n.name for n in _compress_nodes(graph)})
        streams = _has_stream_scopes(graph)
        if streams:
            label_streams(graph)
        found = gather.apply(graph)
        if found:
            run.candidates += found
            diagnostics.stats["candidates"] += found
            if streams:
                label_streams(graph)  # the window_gather nodes are new
        return bool(_gather_nodes(graph))

    @_timed
    def fuse(self, graph: torch.fx.Graph) -> None:
        """Stage B with our own matcher pass (under torchair, torchair's pattern pass runs it)."""
        compress_pass(self.dialect.name).apply(graph)

    @_timed
    def finish(self, graph: torch.fx.Graph) -> None:
        """Report what stages A and B decided, restore every ``window_gather`` stage B left, and
        (torchair) write the cache in place."""
        run = _runs.pop(graph, None)
        if run is None:
            return  # stage A did not run on this graph: it is untouched
        # every accepted match was replaced: by the fused op, or (torchair, outside the vendor limits)
        # by the GE-compilable scatter write-back
        new_ops = [n.name for n in _compress_nodes(graph) if n.name not in run.fused_before]
        for i, name in enumerate(run.accepted):
            record("fused", pattern=name, dialect=self.dialect.name,
                   node=new_ops[i] if len(new_ops) == len(run.accepted) else "scatter_writeback")
        self.matched_count += len(run.accepted)
        live = {n.name for n in graph.nodes}
        for anchor, (pattern, reason) in run.refusals.items():
            if anchor in live:
                record("rejected", reason, pattern=pattern, dialect=self.dialect.name, node=anchor)
        if not run.candidates:
            return  # the graph is untouched
        leftovers = _gather_nodes(graph)
        for g in leftovers:
            users = ", ".join(sorted({str(u.target) for u in g.users}))
            record("not_fused", "a paged window gather was found, but the pooling / masked write-back "
                   f"around it is not the compression contract (its users: {users})",
                   pattern="window_gather", dialect=self.dialect.name, node=g.name)
        if leftovers:
            _, restore = frontend_passes(self.dialect.name)
            restore.apply(graph)
        if self.reinplace:
            reinplace_clones(graph)
        graph.eliminate_dead_code()
        graph.lint()

    def uuid(self) -> str:
        # NSA_FUSION_DISABLE is part of the key: a graph compiled with the pass off must never be
        # served to a compile with it on (or the reverse).
        state = "off" if disabled() else "on"
        return f"nsa_fusion-{self.dialect.name}-{_source_hash()}-{state}{'-reinplace' if self.reinplace else ''}"
