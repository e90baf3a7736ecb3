"""``nsa_fusion.explain(model, *inputs)``: compile, then say what fused, what did not, and why."""
from __future__ import annotations

import dataclasses

import torch

from . import diagnostics

# torchair 2.13 has no GE converter for these (SPEC §3): an unfused write-back cannot run in GE mode.
_NO_GE_CONVERTER = ("index_put", "index_copy", "_unsafe_index_put")


@dataclasses.dataclass
class Report:
    fused: list
    rejected: list
    not_fused: list
    targets: list
    notes: list

    @property
    def fused_count(self) -> int:
        return len(self.fused)

    def __str__(self) -> str:
        lines = [f"nsa_fusion: {len(self.fused)} fused, {len(self.not_fused)} candidate(s) not fused"]
        for e in self.fused:
            lines.append(f"  fused      {e.pattern} ({e.dialect} graph, node {e.node})")
        for e in self.rejected:
            lines.append(f"  refused    {e.pattern}: {e.reason}")
        for e in self.not_fused:
            lines.append(f"  not fused  {e.node}: {e.reason}")
        for e in self.targets:
            if e.reason:
                lines.append(f"  lowering   {e.pattern[len('target.'):]}: {e.reason}")
        lines += [f"  note       {n}" for n in self.notes]
        if not self.fused and not self.not_fused and not self.rejected:
            lines.append("  no candidate: no paged window gather (last l tokens via block_table) was found; "
                         "see the README's 'How to write model code that fuses'")
        return "\n".join(lines)


def explain(model, *inputs, backend=None, print_report: bool = True, **compile_kwargs) -> Report:
    """Compile ``model`` (a fresh compile, caches off, on copies of tensor inputs so nothing the
    caller owns is mutated), run it once, and report every candidate with its outcome."""
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
        if f"aten.{op}." in text:
            notes.append(f"the compiled graph still writes with aten.{op}, which has no torchair GE converter: "
                         "under torchair max-autotune (GE) this model will not compile until the step fuses")
    report = Report([e for e in events if e.kind == "fused"], [e for e in events if e.kind == "rejected"],
                    [e for e in events if e.kind == "not_fused"], [e for e in events if e.kind == "target"], notes)
    if print_report:
        print(report)
    return report
