"""Compile helpers shared by the fusion tests: one backend per graph dialect, each recording the
graph it produced, so tests assert on the *final* graph (fused op present, replaced ops gone), the
number of matches, the outputs and the cache that was written."""
from __future__ import annotations

import torch
from torch._functorch.aot_autograd import aot_module_simplified
from torch._inductor.utils import run_and_get_code

import nsa_fusion
from nsa_fusion import diagnostics
from nsa_fusion.backend import nsa_fusion_backend
from nsa_fusion.fusion_pass import NsaFusionPass
from nsa_fusion.patterns import TORCHAIR

FUSED_OP = "nsa_fusion.compress_infer_"


def no_compile_caches():
    """The pass (and so ``stats``) does not run when Inductor serves a graph from its caches."""
    return torch._inductor.config.patch(fx_graph_cache=False, fx_graph_remote_cache=False,
                                        autotune_local_cache=False)


class TorchairLikeBackend:
    """torchair's graph shape without torchair: AOT with no decompositions and
    ``keep_inference_input_mutations=True``, our pass, then the graph runs eagerly."""

    def __init__(self):
        self.graphs: list[torch.fx.GraphModule] = []

    def __call__(self, gm, example_inputs):
        def fw(g, _inputs):
            NsaFusionPass(TORCHAIR, reinplace=True)(g.graph)
            g.recompile()
            self.graphs.append(g)
            return g

        return aot_module_simplified(gm, example_inputs, fw_compiler=fw, decompositions={},
                                     keep_inference_input_mutations=True)

    def code(self) -> str:
        return "\n".join(g.code for g in self.graphs)


def compile_and_run(model, args, dialect: str, dynamic=False):
    """Compile ``model`` for ``dialect`` ("inductor" | "torchair_like"), run once on ``args``;
    returns (output, final code as text, fusion stats of this compile).  ``dynamic``: False,
    True (everything symbolic), or "batch" (``mark_dynamic`` on the batch dim, as decode loops do)."""
    torch._dynamo.reset()
    diagnostics.reset()
    if dynamic == "batch":
        for t in args[2:5]:  # slots, block_table, lengths
            torch._dynamo.mark_dynamic(t, 0)
        dynamic = None
    if dialect == "inductor":
        compiled = torch.compile(model, backend=nsa_fusion_backend, dynamic=dynamic, fullgraph=True)
        with no_compile_caches():
            out, codes = run_and_get_code(compiled, *args)
        code = "\n".join(codes)
    else:
        backend = TorchairLikeBackend()
        out = torch.compile(model, backend=backend, dynamic=dynamic, fullgraph=True)(*args)
        code = backend.code()
    return out, code, dict(diagnostics.stats)


def count_fused_calls(code: str) -> int:
    return code.count(FUSED_OP + ".default(")
