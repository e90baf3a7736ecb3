"""(e) The pass inside a vLLM-style custom pass pipeline.

vLLM-style pipelines install one ``CustomGraphPass`` as Inductor's post-grad pass and run their own
passes from it; each pass exposes a stable ``uuid()`` so Inductor's FX graph cache keys on it.
``NsaFusionPass`` is such a pass: its uuid is a hash of its pattern and lowering sources.
"""
import hashlib

import torch
from torch._inductor.custom_graph_pass import CustomGraphPass

import nsa_fusion
from nsa_fusion.fusion_pass import NsaFusionPass
from nsa_fusion.testing.formulations import FORMULATIONS, CompressStep, make_inputs


class PassManager(CustomGraphPass):
    """A minimal pipeline: runs its passes in order, uuid = hash of theirs."""

    def __init__(self, *passes):
        self.passes = passes

    def __call__(self, graph):
        for p in self.passes:
            p(graph)

    def uuid(self):
        return hashlib.sha256("|".join(p.uuid() for p in self.passes).encode()).hexdigest()


class CountNodes(CustomGraphPass):
    def __init__(self):
        self.seen = []

    def __call__(self, graph):
        self.seen.append(len(graph.nodes))

    def uuid(self):
        return "count-nodes-v1"


def main():
    counter = CountNodes()
    manager = PassManager(NsaFusionPass(), counter)
    inputs = make_inputs(B=8, N=4, D=64, l=32, d=16, P=64)
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    nsa_fusion.stats.clear()
    torch._dynamo.reset()
    with torch._inductor.config.patch(post_grad_custom_post_pass=manager, fx_graph_cache=False):
        torch.compile(CompressStep(FORMULATIONS[0], 32, 16))(*args, inputs["cache"].clone())
    print(f"pipeline uuid {manager.uuid()[:16]}…  fused={nsa_fusion.stats['fused']}  "
          f"nodes after fusion={counter.seen}")
    assert nsa_fusion.stats["fused"] == 1


if __name__ == "__main__":
    main()
