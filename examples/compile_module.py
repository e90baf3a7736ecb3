"""(a) Compile an existing plain-torch module: ``backend=npu_backend`` or ``backend="nsa_fusion"``."""
import torch

import nsa_fusion
from nsa_fusion.testing.formulations import FORMULATIONS, CompressStep, make_inputs


def main():
    step = CompressStep(FORMULATIONS[0], l=32, d=16)  # a plain-torch compression step
    inputs = make_inputs(B=8, N=4, D=64, l=32, d=16, P=64, qualifying="some")
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    for backend in (nsa_fusion.npu_backend, "nsa_fusion"):
        torch._dynamo.reset()
        nsa_fusion.stats.clear()
        eager, compiled = inputs["cache"].clone(), inputs["cache"].clone()
        step(*args, eager)
        # the second backend's compile is served from Inductor's FX graph cache (same graph, same
        # pass): stats still count its fused step (stored with the graph), plus stats["cached"]
        torch.compile(step, backend=backend)(*args, compiled)
        diff = (eager.float() - compiled.float()).abs().max().item()
        print(f"backend={getattr(backend, '__name__', backend)!s:12} fused={nsa_fusion.stats['fused']} max|diff|={diff:.2e}")
        assert nsa_fusion.stats["fused"] == 1 and diff < 1e-2, (nsa_fusion.stats, diff)


if __name__ == "__main__":
    main()
