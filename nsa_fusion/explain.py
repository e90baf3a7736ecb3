"""``nsa_fusion.explain(model, *inputs)``: compile, then say what fused, what did not, and why.

The recogniser starts from every row write in the graph.  For each one the report says either what
was fused (window length, stride, weight layout, any size it had to guard) or which part of the
contract the code does not compute — write, keep, mask, roles, gather, weight, pooling, dtype, sizes,
device — the first node where it diverged, the user's source line for that node, and a hint::

    nsa_fusion: 0 fused, 1 refused (1 row write considered)
      refused  pooling  at mul_2 (aten.mul.Tensor)  model.py:41: pooled = (tok * gate * w).sum(1)
               aten.mul.Tensor multiplies tokens by tokens (not linear)
               hint: pool with a weighted sum, einsum/matmul or mean (fp32), nothing else
"""
from __future__ import annotations

import dataclasses
import re

import torch

from . import diagnostics

# torchair 2.13 has no GE converter for these (SPEC §3): an unfused write-back cannot run in GE mode.
_NO_GE_CONVERTER = ("index_put", "index_copy", "_unsafe_index_put")


@dataclasses.dataclass
class Report:
    fused: list  # diagnostics.Event, kind "fused"
    refused: list  # diagnostics.Event, kind "rejected" (pattern = the part that failed)
    targets: list
    notes: list

    @property
    def fused_count(self) -> int:
        return len(self.fused)

    @property
    def rejected(self) -> list:  # the name ``stats`` uses
        return self.refused

    def __str__(self) -> str:
        considered = len(self.fused) + len(self.refused)
        lines = [f"nsa_fusion: {len(self.fused)} fused, {len(self.refused)} refused "
                 f"({considered} row write{'s' if considered != 1 else ''} considered)"]
        for e in self.fused:
            lines.append(f"  fused    {e.reason} ({e.dialect} graph, {e.anchor} -> {e.node})"
                         + (f"  {e.source}" if e.source else ""))
        for e in self.refused:
            lines.append(f"  refused  {e.pattern:8s} at {e.node}" + (f"  {e.source}" if e.source else ""))
            lines.append(f"           {e.reason}")
            if e.hint:
                lines.append(f"           hint: {e.hint}")
        for e in self.targets:
            if e.reason:
                lines.append(f"  lowering {e.pattern[len('target.'):]}: {e.reason}")
        lines += [f"  note     {n}" for n in self.notes]
        if not considered:
            lines.append("  no row write into a cache was found: the step must end by writing rows of a "
                         "[num_slots, N, D] cache (index_put_/index_copy_/setitem/scatter_ or a returned copy)")
        return "\n".join(lines)


def explain(model, *inputs, backend=None, print_report: bool = True, **compile_kwargs) -> Report:
    """Compile ``model`` (a fresh compile, caches off, on copies of tensor inputs so nothing the
    caller owns is mutated), run it once, and report every row write the pass considered."""
    from .backend import nsa_fusion_backend

    backend = backend or nsa_fusion_backend
    inputs = [x.clone() if isinstance(x, torch.Tensor) else x for x in inputs]
    diagnostics.reset()
    torch._dynamo.reset()
    graphs: list[str] = []

    def after(graph):  # records the final graph text for the near-miss notes
        graphs.append(str(graph))

    with torch._inductor.config.patch(fx_graph_cache=False, post_grad_custom_post_pass=after):
        torch.compile(model, backend=backend, **compile_kwargs)(*inputs)
    torch._dynamo.reset()
    events = list(diagnostics.events)
    notes = []
    text = "\n".join(graphs)
    for op in _NO_GE_CONVERTER:
        if re.search(rf"aten\.{op}_?\.", text):
            notes.append(f"the compiled graph still writes with aten.{op}, which has no torchair GE converter: "
                         "under torchair max-autotune (GE) this model will not compile until the step fuses")
    report = Report([e for e in events if e.kind == "fused"], [e for e in events if e.kind == "rejected"],
                    [e for e in events if e.kind == "target"], notes)
    if print_report:
        print(report)
    return report
