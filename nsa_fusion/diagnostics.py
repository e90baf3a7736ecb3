"""Counters, events and logging of the fusion pass.

* ``stats``: a ``collections.Counter`` — ``"candidates"`` (row writes considered), ``"fused"``,
  ``"rejected"``, per-kind keys (``"fused:<what>"``, ``"rejected:<part>"`` with part one of write, keep,
  mask, roles, gather, weight, pooling, dtype, sizes, device), plus lowering targets
  (``"target.npu"``, ``"target.portable"``, ``"target.ge_scatter"``), ``"cached"`` (a graph served
  from Inductor's compile cache: the pass did not run for it), and ``"batch_cut"`` (gather + pooling
  probed at fewer batch rows than the graph has, see ``patterns.evaluate.BatchPlan``).  ``stats.clear()`` resets it.
* ``events``: one :class:`Event` per decision, in order; ``nsa_fusion.explain`` prints them.
* logging: the ``nsa_fusion`` logger, registered with ``torch._logging`` so that
  ``TORCH_LOGS="+nsa_fusion"`` (or ``torch._logging.set_logs(nsa_fusion=logging.DEBUG)``) shows every
  match and refusal.
"""
from __future__ import annotations

import collections
import dataclasses
import logging

log = logging.getLogger("nsa_fusion")

try:  # make TORCH_LOGS know our logger (private but stable API used by torch's own components)
    from torch._logging import _internal as _torch_logging

    _torch_logging.register_log("nsa_fusion", "nsa_fusion")
    if _torch_logging.os.environ.get(_torch_logging.LOG_ENV_VAR, ""):
        _torch_logging._init_logs()  # TORCH_LOGS was parsed before we registered: parse again
except Exception:  # pragma: no cover - logging is a convenience, never a failure
    pass

stats: collections.Counter = collections.Counter()


@dataclasses.dataclass
class Event:
    kind: str  # "fused" | "rejected" | "target"
    pattern: str  # fused: what was recognised; rejected: the part that failed (mask, gather, pooling, ...)
    reason: str = ""
    dialect: str = ""
    node: str = ""  # the node where the step diverged (rejected) or the fused call
    source: str = ""  # the user's source line for that node
    hint: str = ""
    anchor: str = ""  # the row write the recogniser started from


events: list[Event] = []


def record(key: str, reason: str = "", *, pattern: str = "", dialect: str = "", node: str = "", source: str = "",
           hint: str = "", anchor: str = "") -> None:
    """Count ``key`` and remember why (``target.*`` keys are lowering choices)."""
    stats[key] += 1
    if key.startswith("target."):
        events.append(Event("target", key, reason, dialect, node))
        if reason:
            log.info("nsa_fusion: lowering to %s: %s", key[len("target."):], reason)
        return
    events.append(Event(key, pattern, reason, dialect, node, source, hint, anchor))
    if pattern:
        stats[f"{key}:{pattern}"] += 1
    if key == "fused":
        log.debug("nsa_fusion: fused %s at %s (%s graph)", pattern, node, dialect)
    else:
        log.debug("nsa_fusion: %s %s at %s (%s graph): %s", key, pattern, node, dialect, reason)


def reset() -> None:
    stats.clear()
    events.clear()
