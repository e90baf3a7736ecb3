"""(c) A graph-captured decode loop: lengths advance as a tensor, one compile, no recompiles.

On CUDA the step is compiled with ``mode="reduce-overhead"`` (the pass enabled for the default
Inductor backend; on CUDA it currently leaves the composite to Inductor, see
``nsa_fusion.lowering.fuses_on``); on CPU it is the plain compiled loop with the fused op.
"""
import torch

import nsa_fusion
from nsa_fusion.testing.formulations import FORMULATIONS, CompressStep, make_inputs


def main(steps=40):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    inputs = make_inputs(B=8, N=4, D=64, l=32, d=16, P=64, pages_per_seq=4, qualifying="none", device=device)
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table")]
    step = CompressStep(FORMULATIONS[0], l=32, d=16)
    compiles = []

    def counting(gm, example_inputs):
        compiles.append(gm)
        return nsa_fusion.npu_backend(gm, example_inputs)

    if device == "cuda":
        nsa_fusion.enable_inductor()  # CUDA graphs come from Inductor's reduce-overhead mode
        compiled = torch.compile(step, mode="reduce-overhead")
    else:
        compiled = torch.compile(step, backend=counting)
    lengths = torch.tensor([3, 17, 31, 32, 47, 60, 90, 100], device=device)
    eager, fused = inputs["cache"].clone(), inputs["cache"].clone()
    nsa_fusion.stats.clear()
    with torch._inductor.config.patch(fx_graph_cache=False):  # so stats see this compile
        for _ in range(steps):
            step(*args, lengths, eager)
            compiled(*args, lengths, fused)
            lengths = lengths + 1
    diff = (eager.float() - fused.float()).abs().max().item()
    print(f"{steps} steps on {device}: compiles={len(compiles) or 'n/a'} fused={nsa_fusion.stats['fused']} "
          f"max|diff|={diff:.2e}")
    from nsa_fusion.lowering import fuses_on

    expected = 1 if fuses_on(torch.device(device))[0] else 0  # CUDA: left to Inductor's own kernels
    assert diff < 1e-2 and len(compiles) <= 1 and nsa_fusion.stats["fused"] == expected


if __name__ == "__main__":
    main()
