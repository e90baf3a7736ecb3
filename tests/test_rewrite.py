"""The rewrite room: re-inplacing the fused call on the cache input (``nsa_fusion.rewrite``)."""
from __future__ import annotations

import torch
import torch.fx as fx

import nsa_fusion  # noqa: F401  (registers the op)
from nsa_fusion.rewrite import FUSED_OP, reinplace_clones

aten = torch.ops.aten


def _graph(read_after: bool) -> fx.Graph:
    """out = clone(cache); compress_infer_(.., out, ..); [a read of the *old* cache]; copy_(cache, out)."""
    g = fx.Graph()
    names = ["input", "weight", "slots", "table", "lengths", "cache"]
    ph = {n: g.placeholder(n) for n in names}
    out = g.call_function(aten.clone.default, (ph["cache"],))
    g.call_function(FUSED_OP, (ph["input"], ph["weight"], ph["slots"], ph["table"], ph["lengths"], out, 32, 16, 64))
    results = [g.call_function(aten.copy_.default, (ph["cache"], out))]
    if read_after:
        old_row = g.call_function(aten.select.int, (ph["cache"], 0, 0))
        results.append(old_row)
        # the old value is read after the op: move that read behind the fused call
        results[0].append(old_row)
    g.output(tuple(results))
    return g


def test_reinplace_writes_the_cache_input_and_drops_clone_and_copy():
    g = _graph(read_after=False)
    assert reinplace_clones(g) == 1
    (op,) = [n for n in g.nodes if n.target == FUSED_OP]
    assert op.args[5].op == "placeholder" and op.args[5].name == "cache"
    assert not [n for n in g.nodes if n.target in (aten.clone.default, aten.copy_.default)]


def test_reinplace_keeps_the_clone_when_the_old_cache_is_read_later():
    g = _graph(read_after=True)
    assert reinplace_clones(g) == 0
    (op,) = [n for n in g.nodes if n.target == FUSED_OP]
    assert op.args[5].target == aten.clone.default
