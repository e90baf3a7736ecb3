"""(f) Serving with vLLM: the pass in vLLM's own compilation backend.

vLLM compiles a model decorated with ``@support_torch_compile`` with its ``VllmBackend``
(``CompilationMode.VLLM_COMPILE``) and runs custom post-grad passes from its ``PostGradPassManager``.
One line of config adds nsa_fusion there::

    CompilationConfig(mode=CompilationMode.VLLM_COMPILE,
                      inductor_compile_config={"post_grad_custom_post_pass": nsa_fusion.vllm_pass()})

This example compiles one NSA decode step (append the new K/V token to the paged caches, compress
both) that way, checks the numbers against eager, shows that the generated code writes both caches
in place (no copy of a 50 MB cache), and times vLLM with and without the pass against nsa_fusion's own
backend.  Needs vLLM: ``pip install '.[vllm]'`` (see the README); without it, it says so and exits.
"""
import os
import re
import statistics
import time

import torch

import nsa_fusion
from nsa_fusion import diagnostics

os.environ.setdefault("VLLM_DISABLE_COMPILE_CACHE", "1")
B, N, D, P, L, S = 64, 4, 128, 64, 32, 16
PAGES = 8
SLOTS = 50 * 2 ** 20 // (N * D * 2)  # a 50 MB compressed cache per layer


class DecodeStep(torch.nn.Module):
    """Append this step's K and V to the paged caches, then compress both (plain torch)."""

    def __init__(self, wk, wv):
        super().__init__()
        self.wk = torch.nn.Parameter(wk, requires_grad=False)
        self.wv = torch.nn.Parameter(wv, requires_grad=False)

    def forward(self, k_pages, v_pages, k_new, v_new, slots, block_table, lengths, k_cmp, v_cmp):
        last = lengths.long() - 1
        page = block_table.long().gather(1, (last // P)[:, None]).squeeze(1)
        k_pages[page, last % P] = k_new
        v_pages[page, last % P] = v_new
        pos = (lengths.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        done = ((lengths >= L) & ((lengths - L) % S == 0))[:, None, None]
        s = slots.long()
        for kv, w, cmp in ((k_pages, self.wk, k_cmp), (v_pages, self.wv, v_cmp)):
            pooled = torch.einsum("bjhd,jh->bhd", kv[pages, pos % P].float(), w.float()).to(cmp.dtype)
            cmp[s] = torch.where(done, pooled, cmp[s])
        return k_cmp, v_cmp


def inputs():
    g = torch.Generator().manual_seed(0)
    lengths = torch.randint(L, PAGES * P, (B,), generator=g).int()
    lengths[::2] = (L + S * torch.randint(0, (PAGES * P - L) // S, (B // 2,), generator=g)).int()
    return dict(k_pages=torch.randn(B * PAGES, P, N, D, generator=g).half(),
                v_pages=torch.randn(B * PAGES, P, N, D, generator=g).half(),
                k_new=torch.randn(B, N, D, generator=g).half(), v_new=torch.randn(B, N, D, generator=g).half(),
                slots=torch.randperm(SLOTS, generator=g)[:B].int(),
                block_table=torch.randperm(B * PAGES, generator=g).view(B, PAGES).int(), lengths=lengths,
                k_cmp=torch.randn(SLOTS, N, D, generator=g).half(), v_cmp=torch.randn(SLOTS, N, D, generator=g).half())


def fresh(x):
    return {k: v.clone() for k, v in x.items()}


def timed(fn, x, reps=20):
    fn(**fresh(x))  # compile / warm up
    times = []
    for _ in range(reps):
        args = fresh(x)
        t = time.perf_counter()
        fn(**args)
        times.append(time.perf_counter() - t)
    return 1e3 * statistics.median(times)


def vllm_step(weights, with_pass):
    from vllm.compilation.decorators import support_torch_compile
    from vllm.config import CompilationConfig, CompilationMode, VllmConfig, set_current_vllm_config
    from vllm.forward_context import set_forward_context

    @support_torch_compile(dynamic_arg_dims={"slots": 0, "block_table": 0, "lengths": 0, "k_new": 0, "v_new": 0})
    class Model(torch.nn.Module):
        def __init__(self, *, vllm_config, prefix="", **kwargs):
            super().__init__()
            self.step = DecodeStep(*weights)

        def forward(self, k_pages, v_pages, k_new, v_new, slots, block_table, lengths, k_cmp, v_cmp):
            return self.step(k_pages, v_pages, k_new, v_new, slots, block_table, lengths, k_cmp, v_cmp)

    extra = {"inductor_compile_config": {"post_grad_custom_post_pass": nsa_fusion.vllm_pass()}} if with_pass else {}
    config = VllmConfig(compilation_config=CompilationConfig(mode=CompilationMode.VLLM_COMPILE, backend="inductor",
                                                             **extra))
    with set_current_vllm_config(config):
        model = Model(vllm_config=config)

    def run(**args):
        with set_forward_context(None, vllm_config=config), torch.inference_mode():
            return model(**args)

    return run


def main():
    try:
        import vllm  # noqa: F401
    except ImportError:
        print("vLLM is not installed: pip install '.[vllm]' (see the README); skipped")
        return
    from torch._inductor.utils import fresh_cache, run_and_get_code

    torch.manual_seed(0)
    weights = (torch.randn(L, N).half(), torch.randn(L, N).half())
    x = inputs()
    eager = fresh(x)
    DecodeStep(*weights)(**eager)

    diagnostics.reset()
    fused_run = vllm_step(weights, with_pass=True)
    got = fresh(x)
    # vLLM always turns Inductor's FX graph cache on: in a second run of this script the graph (already
    # fused) would be served from it and the pass, which reports the fusions, would not run at all
    with fresh_cache():
        _, codes = run_and_get_code(lambda: fused_run(**got))
    code = "\n".join(codes)
    calls = re.findall(r"compress_infer_\.default\(([^)]*)\)", code)
    in_place = all(c.split(",")[5].strip().startswith("arg") for c in calls) and ".copy_(" not in code
    exact = all(torch.allclose(got[k].float(), eager[k].float(), atol=2e-3) for k in ("k_cmp", "v_cmp", "k_pages"))
    print(f"vLLM (VLLM_COMPILE, Inductor) with nsa_fusion.vllm_pass(): {diagnostics.stats['fused']} of 2 compression "
          f"steps fused; fused calls write the cache inputs in place: {in_place}; numbers match eager: {exact}")

    unfused_ms = timed(vllm_step(weights, with_pass=False), x)
    fused_ms = timed(vllm_step(weights, with_pass=True), x)
    own = torch.compile(DecodeStep(*weights), backend=nsa_fusion.npu_backend)
    own_ms = timed(lambda **a: own(**a), x)
    print(f"ms/step (B={B}, two 50 MB compressed caches): vLLM without the pass {unfused_ms:.3f}, "
          f"vLLM with it {fused_ms:.3f}, nsa_fusion's own backend {own_ms:.3f} "
          f"(vLLM path / own backend: {fused_ms / own_ms:.2f}x)")
    assert diagnostics.stats["fused"] >= 2 and in_place and exact


if __name__ == "__main__":
    main()
