"""Counters, events and logging of the fusion pass.

* ``stats``: a ``collections.Counter`` — ``"candidates"`` (row writes of a ``[num_slots, N, D]`` cache
  considered), ``"fused"``, ``"rejected"`` (candidates refused: the step is not the op's contract, or
  cannot be proven to be), ``"declined"`` (candidates that are the contract but are left to Inductor on
  purpose: the cost rule keeps a small CPU step unfused where Inductor's code is faster, or the device's
  lowering is off, e.g. CUDA without ``NSA_FUSION_FORCE_TRITON=1``), ``"ignored"`` (writes that are no
  compression step at all: a KV append ``kv[page, off] = token``, any write that is not a row write of a
  3-D cache; never a refusal), per-kind keys (``"fused:<what>"``, ``"rejected:<part>"`` with part one of
  write, keep, mask, roles, gather, weight, pooling, dtype, sizes, device, ``"declined:<why>"`` with why
  cost or device, ``"ignored:<op>"``), lowering
  targets (``"target.npu"``, ``"target.portable"``, ``"target.ge_scatter"``, ``"target.triton"``), ``"ge_scatter_nd_writes"`` (torchair graphs: other
  writes GE cannot convert, written as ``npu_scatter_nd_update``: ``lowering/ge_writes.py``), ``"batch_cut"`` (gather +
  pooling probed at fewer batch rows than the graph has, see ``patterns.evaluate.BatchPlan``) and
  ``"cached"`` (graphs served from Inductor's compile cache).  ``stats.clear()`` resets it.

  The counts are true on compile-cache hits too: every count is also kept in
  ``torch._dynamo.utils.counters["inductor"]`` (keys ``"nsa_fusion.<key>"``), which Inductor stores with
  each compiled graph and adds again whenever it serves that graph from its FX graph cache (or
  AOTAutograd's cache).  ``stats`` reads those replayed counts in, so a cached graph counts what the
  pass did when the graph was compiled, and ``"cached"`` says how many graphs came from the cache.
* ``events``: one :class:`Event` per decision, in order (not replayed on a cache hit: ``explain``
  compiles without caches); ``nsa_fusion.explain`` reports them.
* logging: the ``nsa_fusion`` logger, registered with ``torch._logging`` so that
  ``TORCH_LOGS="+nsa_fusion"`` (or ``torch._logging.set_logs(nsa_fusion=logging.DEBUG)``) shows every
  match, refusal and ignored write, and every graph served from the cache.
* strict mode: ``NSA_FUSION_STRICT=1`` or :func:`set_strict` — a refused compression candidate fails
  the compile with ``nsa_fusion.FusionRefused`` (explain's report); declined candidates and ignored
  writes never do.
"""
from __future__ import annotations

import collections
import dataclasses
import logging
import os
import sys

log = logging.getLogger("nsa_fusion")


def _inside_torch_log_init() -> bool:
    """True while torch's own ``_init_logs`` runs: ``TORCH_LOGS="+nsa_fusion"`` makes torch import this
    package to check that the name is a module, from inside ``_init_logs``; that call sets up our
    handler itself once we are registered, and a second ``_init_logs`` from here would give every
    registered logger (ours and torch's) two handlers: every line printed twice."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "_init_logs" and frame.f_globals.get("__name__") == "torch._logging._internal":
            return True
        frame = frame.f_back
    return False


try:  # make TORCH_LOGS know our logger (private but stable API used by torch's own components)
    from torch._logging import _internal as _torch_logging

    _torch_logging.register_log("nsa_fusion", "nsa_fusion")
    if _torch_logging.os.environ.get(_torch_logging.LOG_ENV_VAR, "") and not _inside_torch_log_init():
        _torch_logging._init_logs()  # TORCH_LOGS was parsed before we registered: parse again
except Exception:  # pragma: no cover - logging is a convenience, never a failure
    pass

_PREFIX = "nsa_fusion."  # our keys in torch._dynamo.utils.counters["inductor"]
_GRAPHS = "nsa_fusion_graphs"  # graphs the pass ran on (replayed once per cached graph: "cached")
_seen: dict[str, int] = {}  # counter key -> the value already reflected in ``stats``


def _inductor_counters():
    """``counters["inductor"]`` once torch._dynamo is loaded (a compile has run); None before."""
    utils = sys.modules.get("torch._dynamo.utils")
    return None if utils is None else utils.counters["inductor"]


def _alias(key):
    if isinstance(key, str) and (key == "refused" or key.startswith("refused:")):
        return "rejected" + key[len("refused"):]
    return key


class _Stats(collections.Counter):
    """A ``Counter`` whose increments are mirrored into Inductor's counters (stored with compiled
    graphs) and whose reads take in what Inductor replayed from its compile cache."""

    def __setitem__(self, key, value):
        delta = value - dict.get(self, key, 0)
        dict.__setitem__(self, key, value)
        counters = _inductor_counters()
        if counters is not None and delta and isinstance(key, str):  # (a decrement: reclassify_as_ignored)
            counters[_PREFIX + key] += delta
            _seen[_PREFIX + key] = counters[_PREFIX + key]

    def _sync(self) -> None:
        counters = _inductor_counters()
        if counters is None:
            return
        for ckey in [k for k in counters if isinstance(k, str) and (k.startswith(_PREFIX) or k == _GRAPHS)]:
            current, seen = counters[ckey], _seen.get(ckey, 0)
            if current < seen:  # someone cleared torch's counters
                seen = 0
            if current > seen:
                _seen[ckey] = current
                key = "cached" if ckey == _GRAPHS else ckey[len(_PREFIX):]
                dict.__setitem__(self, key, dict.get(self, key, 0) + current - seen)
                if ckey == _GRAPHS:
                    log.info("nsa_fusion: %d graph%s served from Inductor's compile cache (the pass ran when %s "
                             "compiled; its counts are in nsa_fusion.stats)", current - seen,
                             "s" if current - seen != 1 else "", "they were" if current - seen != 1 else "it was")
                elif ckey == _PREFIX + "fused":
                    log.debug("nsa_fusion: %d fused step%s in graphs served from Inductor's compile cache",
                              current - seen, "s" if current - seen != 1 else "")

    def clear(self) -> None:
        dict.clear(self)
        counters = _inductor_counters()
        if counters is not None:  # what torch's counters hold now is history, not news
            for ckey in [k for k in counters if isinstance(k, str) and (k.startswith(_PREFIX) or k == _GRAPHS)]:
                _seen[ckey] = counters[ckey]

    # every read takes in replayed counts first; "refused" (explain's word) reads "rejected" (the key)
    def __getitem__(self, key):
        self._sync()
        return super().__getitem__(_alias(key))

    def __missing__(self, key):
        return 0

    def get(self, key, default=None):
        self._sync()
        return dict.get(self, _alias(key), default)

    def __contains__(self, key):
        self._sync()
        return dict.__contains__(self, key)

    def __iter__(self):
        self._sync()
        return dict.__iter__(self)

    def __len__(self):
        self._sync()
        return dict.__len__(self)

    def keys(self):
        self._sync()
        return dict.keys(self)

    def values(self):
        self._sync()
        return dict.values(self)

    def items(self):
        self._sync()
        return dict.items(self)

    def copy(self):
        self._sync()
        return collections.Counter(dict(dict.items(self)))

    def __reduce__(self):  # copies and pickles are plain Counters (no mirroring)
        return collections.Counter, (self.copy(),)

    def __eq__(self, other):
        self._sync()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self):
        self._sync()
        return f"Counter({dict(dict.items(self))!r})" if dict.__len__(self) else "Counter()"


stats: collections.Counter = _Stats()


_after_compile = None  # our dynamo compile-end callback, once registered


def watch_compiles() -> None:
    """After every dynamo compile, take in what Inductor replayed from its cache, so that
    ``TORCH_LOGS="+nsa_fusion"`` reports graphs served from the cache when they are served, not only
    when ``stats`` is read next (``torch._dynamo.callback.on_compile_end``).  ``torch._dynamo.reset()``
    drops the callbacks, so the pass calls this again whenever Inductor asks for its cache key."""
    global _after_compile
    try:
        from torch._dynamo.callback import callback_handler, on_compile_end
    except Exception:  # pragma: no cover - an older torch: stats still sync when read
        return
    if _after_compile is not None and _after_compile in getattr(callback_handler, "end_callbacks", ()):
        return
    _after_compile = on_compile_end(lambda *args, **kwargs: stats._sync())


def graph_seen() -> None:
    """The pass ran on one graph (kept with Inductor's compiled graph: a cache hit replays it as
    ``stats["cached"]``)."""
    counters = _inductor_counters()
    if counters is not None:
        stats._sync()  # take in what a cache hit replayed before this graph, or it is lost below
        counters[_GRAPHS] += 1
        _seen[_GRAPHS] = counters[_GRAPHS]


@dataclasses.dataclass
class Event:
    kind: str  # "fused" | "rejected" | "declined" | "ignored" | "target"
    pattern: str  # fused: what was recognised; rejected: the part that failed (mask, gather, pooling, ...);
    # declined: why the contract was left to Inductor (cost, device)
    reason: str = ""
    dialect: str = ""
    node: str = ""  # the node where the step diverged (rejected) or the fused call
    source: str = ""  # the user's source line for that node
    hint: str = ""
    anchor: str = ""  # the row write the recogniser started from
    write_op: str = ""  # the anchor's op (aten.index_put.default, ...): what GE would have to convert
    ge_write: str = ""  # torchair graphs: the op the pass wrote the anchor as, so that GE converts it


events: list[Event] = []


def record(key: str, reason: str = "", *, pattern: str = "", dialect: str = "", node: str = "", source: str = "",
           hint: str = "", anchor: str = "", write_op: str = "") -> None:
    """Count ``key`` and remember why (``target.*`` keys are lowering choices)."""
    stats[key] += 1
    if key.startswith("target."):
        events.append(Event("target", key, reason, dialect, node))
        if reason:
            log.info("nsa_fusion: lowering to %s: %s", key[len("target."):], reason)
        return
    events.append(Event(key, pattern, reason, dialect, node, source, hint, anchor, write_op))
    if pattern:
        stats[f"{key}:{pattern}"] += 1
    if key == "fused":
        log.debug("nsa_fusion: fused %s at %s (%s graph)", pattern, node, dialect)
    elif key == "ignored":
        log.debug("nsa_fusion: ignored %s (%s graph): %s (not a compression step)", node, dialect, reason)
    elif key == "declined":
        log.debug("nsa_fusion: declined %s (%s, %s graph): %s (the op's contract, left to Inductor on purpose)",
                  node, pattern, dialect, reason)
    else:
        log.debug("nsa_fusion: %s %s at %s (%s graph): %s", key, pattern, node, dialect, reason)


def reclassify_as_ignored(event: Event, reason: str, *, pattern: str, node: str, source: str) -> None:
    """A refused candidate that, once the whole graph was seen, is no compression step (a KV append): it is
    counted and reported as an ignored write from then on."""
    for key in ("rejected", f"rejected:{event.pattern}", "candidates"):
        stats[key] -= 1
        if not dict.get(stats, key):
            dict.__delitem__(stats, key)
    event.kind, event.pattern, event.reason, event.node, event.source, event.hint = \
        "ignored", pattern, reason, node, source, ""
    stats["ignored"] += 1
    stats[f"ignored:{pattern}"] += 1


def reset() -> None:
    stats.clear()
    events.clear()


# --- strict mode ----------------------------------------------------------------------------------------
_strict: bool | None = None


def set_strict(enabled: bool | None) -> bool | None:
    """Strict mode on (``True``) or off (``False``) for this process, overriding ``NSA_FUSION_STRICT``;
    ``None`` drops the override (the environment variable decides again).  Returns the previous
    override (``None`` when there was none), so that ``previous = set_strict(True)`` ...
    ``set_strict(previous)`` restores exactly what was there, the environment variable included.

    In strict mode a compression candidate the pass *refuses* (the step is not the op's contract, or
    cannot be proven to be) fails the compile with ``nsa_fusion.FusionRefused``, whose message is
    ``explain``'s report of that graph.  A graph served from Inductor's compile cache fails the same way
    (strict mode is part of the pass's cache key, so a strict compile never reuses a graph compiled
    without it).  Set it before compiling: a function dynamo already compiled is not compiled again.
    Never failing: writes that are no compression step (ignored, e.g. the KV append) and candidates the
    pass *declines* on purpose although they are the contract (``stats["declined"]``: the cost rule
    leaves a small step to Inductor, or the device's lowering is off, e.g. CUDA without
    ``NSA_FUSION_FORCE_TRITON=1``)."""
    global _strict
    previous = _strict
    _strict = None if enabled is None else bool(enabled)
    return previous


def strict_enabled() -> bool:
    if _strict is not None:
        return _strict
    return os.environ.get("NSA_FUSION_STRICT", "0") not in ("", "0")
