"""(d) Debugging: ``nsa_fusion.explain``, ``NSA_FUSION_DISABLE=1``, ``TORCH_LOGS``, the eager path.

    python examples/debugging.py
    TORCH_LOGS="+nsa_fusion" python examples/debugging.py      # every match and refusal, logged
    NSA_FUSION_DISABLE=1 python examples/debugging.py          # the pass off: nothing fuses
"""
import torch

import nsa_fusion
from nsa_fusion.testing.formulations import FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs


def main():
    inputs = make_inputs(B=8, N=4, D=64, l=32, d=16, P=64)
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    print("== a model that fuses")
    nsa_fusion.explain(CompressStep(FORMULATIONS[0], 32, 16), *args, inputs["cache"])
    print("== a near miss (a data-dependent gate on the weight): why it did not fuse")
    nsa_fusion.explain(CompressStep(NEAR_MISSES[0], 32, 16), *args, inputs["cache"])
    print("== the eager path: no compile, same numbers")
    eager = inputs["cache"].clone()
    CompressStep(FORMULATIONS[0], 32, 16)(*args, eager)
    fused = inputs["cache"].clone()
    torch._dynamo.reset()
    torch.compile(CompressStep(FORMULATIONS[0], 32, 16), backend=nsa_fusion.npu_backend)(*args, fused)
    print(f"max |eager - compiled| = {(eager.float() - fused.float()).abs().max().item():.2e}")


if __name__ == "__main__":
    main()
