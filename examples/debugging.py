"""(d) Debugging: ``nsa_fusion.explain``, strict mode, in-graph value checks, ``NSA_FUSION_DISABLE=1``,
``TORCH_LOGS``, the eager path.

    python examples/debugging.py
    TORCH_LOGS="+nsa_fusion" python examples/debugging.py      # every match, refusal and ignored write, logged
    NSA_FUSION_DISABLE=1 python examples/debugging.py          # the pass off: nothing fuses
"""
import torch

import nsa_fusion
from nsa_fusion.testing.formulations import FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs


class AppendAndCompress(torch.nn.Module):
    """A decode step: append the new token to the paged KV, then compress (the append is no
    compression step: explain lists it as ignored, never as a refusal)."""

    def __init__(self, l=32, d=16):
        super().__init__()
        self.compress = CompressStep(FORMULATIONS[0], l, d)

    def forward(self, kv, token, weight, slots, block_table, lengths, cache):
        pos = lengths - 1
        page = block_table.gather(1, (pos // kv.shape[1])[:, None].to(block_table.dtype))[:, 0]
        kv[page.long(), pos % kv.shape[1]] = token
        return self.compress(kv, weight, slots, block_table, lengths, cache)


def main():
    inputs = make_inputs(B=8, N=4, D=64, l=32, d=16, P=64)
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    print("== a model that fuses")
    print(nsa_fusion.explain(CompressStep(FORMULATIONS[0], 32, 16), *args, inputs["cache"]))
    print("== a near miss (a data-dependent gate on the weight): why it did not fuse")
    print(nsa_fusion.explain(CompressStep(NEAR_MISSES[0], 32, 16), *args, inputs["cache"]))
    print("== append + compress in one step: the append is ignored, the compression fuses")
    token = torch.randn(8, 4, 64).to(inputs["input"].dtype)
    print(nsa_fusion.explain(AppendAndCompress(), inputs["input"], token, *args[1:], inputs["cache"]))

    print("== strict mode: a refused compression step fails the compile")
    previous = nsa_fusion.set_strict(True)
    try:
        torch.compile(CompressStep(NEAR_MISSES[0], 32, 16), backend=nsa_fusion.npu_backend)(*args, inputs["cache"].clone())
    except nsa_fusion.FusionRefused as refusal:
        print(f"FusionRefused: {len(refusal.report.refused)} refused step(s); the report is the message")
    finally:
        nsa_fusion.set_strict(previous)

    print("== debug checks: duplicated slots inside a compiled call")
    dup = args[2].clone()
    dup[1] = dup[0]
    all_done = make_inputs(B=8, N=4, D=64, l=32, d=16, P=64, qualifying="all")
    previous = nsa_fusion.set_debug_checks(True)
    try:
        cache = all_done["cache"].clone()
        torch.compile(CompressStep(FORMULATIONS[0], 32, 16), backend=nsa_fusion.npu_backend)(
            all_done["input"], all_done["weight"], dup, all_done["block_table"], all_done["lengths"], cache)
        print("no error (NSA_FUSION_DISABLE=1: no fused call, so no check)")
    except ValueError as exc:
        print(f"ValueError: {exc}; cache untouched: {torch.equal(cache, all_done['cache'])}")
    finally:
        nsa_fusion.set_debug_checks(previous)

    print("== the eager path: no compile; the same numbers up to the order of the window sum, which "
          "torch leaves open for this formulation (docs/contract.md)")
    eager = inputs["cache"].clone()
    CompressStep(FORMULATIONS[0], 32, 16)(*args, eager)
    fused = inputs["cache"].clone()
    torch.compile(CompressStep(FORMULATIONS[0], 32, 16), backend=nsa_fusion.npu_backend)(*args, fused)
    print(f"max |eager - compiled| = {(eager.float() - fused.float()).abs().max().item():.2e}")


if __name__ == "__main__":
    main()
