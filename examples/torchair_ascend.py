"""(b) The torchair way on Ascend: CompilerConfig, max-autotune (GE) and reduce-overhead (aclgraph).

On an Ascend machine (torch_npu + CANN) this compiles in both torchair modes.  Elsewhere it runs the
same code through torchair's Python with ``debug.run_eagerly`` when torchair is importable (see
``nsa_fusion.testing.torchair_cpu``), and otherwise explains why it skipped.
"""

import torch

import nsa_fusion
from nsa_fusion.testing.formulations import FORMULATIONS, CompressStep, make_inputs


def load_torchair():
    try:
        import torch_npu  # noqa: F401  (real Ascend stack)
        import torchair

        return torchair, True
    except Exception:
        pass
    try:
        from nsa_fusion.testing.torchair_cpu import load_torchair as load_cpu

        return load_cpu(), False
    except Exception as exc:  # no wheel cache and no network, for instance
        print(f"skipped: torchair is not importable here ({exc})")
        return None, False


def main():
    torchair, on_npu = load_torchair()
    if torchair is None:
        return
    step = CompressStep(FORMULATIONS[0], l=32, d=16)
    inputs = make_inputs(B=4, N=2, D=32, l=32, d=16, P=64, qualifying="all")
    device = "npu" if on_npu else "cpu"
    args = [inputs[k].to(device) for k in ("input", "weight", "slots", "block_table", "lengths")]
    modes = ["max-autotune", "reduce-overhead"] if on_npu else ["max-autotune"]
    for mode in modes:
        config = torchair.CompilerConfig()
        config.mode = mode
        if not on_npu:
            config.debug.run_eagerly = True  # no CANN: run the optimized FX graph eagerly
        # a user's own hook keeps running: nsa_fusion chains in front of it
        backend = nsa_fusion.get_npu_backend(compiler_config=config)
        torch._dynamo.reset()
        nsa_fusion.stats.clear()
        cache = inputs["cache"].clone().to(device)
        torch.compile(step, backend=backend)(*args, cache)
        print(f"torchair mode={mode}: fused={nsa_fusion.stats['fused']}")
    if not on_npu:
        print("reduce-overhead (aclgraph) needs real torch_npu on an Ascend device: not run on this machine")


if __name__ == "__main__":
    main()
