"""Against real vLLM (issue 12): the pass in vLLM's ``PostGradPassManager``, called the way vLLM's own
compile tests call it, and through vLLM's compilation backend with the documented config key.

Opt-in (vLLM is a large install): ``pip install ".[test,vllm]"`` next to the CPU torch, remove
torchvision/torchaudio/torchcodec, then ``python -m pytest -m vllm``.  Skipped where vLLM does not import.
"""
from __future__ import annotations

import os

import pytest
import torch

import nsa_fusion
from fusion_harness import count_fused_calls, fused_calls_write_inputs, strip_comments, unavailable, unfused_writes
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.testing.formulations import BY_NAME, FORMULATIONS, CompressStep, make_inputs

pytestmark = pytest.mark.vllm
vllm = pytest.importorskip("vllm", reason="vLLM is not installed (pip install '.[vllm]', see the README)")
os.environ.setdefault("VLLM_DISABLE_COMPILE_CACHE", "1")
import vllm._custom_ops  # noqa: E402,F401  (registers torch.ops._C, which vLLM's own passes reference)

from vllm.compilation.passes.inductor_pass import InductorPass, pass_context  # noqa: E402
from vllm.compilation.passes.pass_manager import PostGradPassManager  # noqa: E402
from vllm.config import CompilationConfig, CompilationMode, VllmConfig, set_current_vllm_config  # noqa: E402
from vllm.config.utils import Range  # noqa: E402

ARGS = ("input", "weight", "slots", "block_table", "lengths")


def _case(formulation, dtype=torch.float16, **kw):
    x = make_inputs(dtype=dtype, weight_layout=formulation.weight_layout, **kw)
    args = [x[k] for k in ARGS] + [x["cache"].clone()]
    want = golden_compress_infer(x["input"], x["op_weight"], x["slots"], x["l"], x["d"], x["P"],
                                 block_table=x["block_table"], actual_seq_len=x["lengths"], cache=x["cache"])
    return CompressStep(formulation, x["l"], x["d"]), args, want


def test_vllm_pass_is_an_inductor_pass_the_manager_accepts():
    p = nsa_fusion.vllm_pass()
    assert isinstance(p, InductorPass)
    assert p.is_applicable_for_range(Range(start=1, end=8))
    from nsa_fusion.fusion_pass import NsaFusionPass

    assert p.uuid() == NsaFusionPass("inductor", reinplace=True, functional_calls=False).uuid()
    manager = PostGradPassManager()
    with pass_context(Range(start=1, end=8)):
        manager.configure(VllmConfig())
        manager.add(p)
        assert p in manager.passes and manager.uuid()


def test_string_form_resolves_to_an_inductor_pass():
    """``inductor_passes`` names resolve in a top-level module's namespace: ``nsa_fusion.vllm_post_grad_pass``."""
    cc = CompilationConfig(inductor_passes={"post_grad_custom_post_pass": "nsa_fusion.vllm_post_grad_pass"})
    resolved = cc.inductor_compile_config["post_grad_custom_post_pass"]
    assert isinstance(resolved, InductorPass) and resolved.callable is nsa_fusion.vllm_post_grad_pass


def _manager_backend(manager, codes):
    """vLLM's own compile tests' backend: Inductor with vLLM's pass manager as the post-grad post pass."""
    from torch._inductor.compile_fx import compile_fx

    def backend(gm, example_inputs):
        return compile_fx(gm, example_inputs, config_patches={"post_grad_custom_post_pass": manager,
                                                              "force_disable_caches": True})

    return backend


@pytest.mark.parametrize("formulation", FORMULATIONS, ids=lambda f: f.name)
def test_pass_manager_fuses_every_formulation_in_place(formulation):
    from torch._inductor.utils import run_and_get_code

    model, args, want = _case(formulation)
    vllm_config = VllmConfig()
    with set_current_vllm_config(vllm_config), pass_context(Range(start=1, end=8)):
        manager = PostGradPassManager()
        manager.configure(vllm_config)
        manager.add(nsa_fusion.vllm_pass())
        torch._dynamo.reset()
        diagnostics.reset()
        compiled = torch.compile(model, backend=_manager_backend(manager, []), fullgraph=True)
        _, codes = run_and_get_code(compiled, *args)
    code = strip_comments("\n".join(codes))
    assert diagnostics.stats.get("fused") == 1, dict(diagnostics.stats)
    assert count_fused_calls(code) == 1 and not unfused_writes(code), code
    assert fused_calls_write_inputs(code), code  # the cache input is written in place, never copied
    torch.testing.assert_close(args[-1], want, rtol=0, atol=0)


def test_vllm_compilation_backend_with_the_config_key():
    """vLLM's real compilation backend (``CompilationMode.VLLM_COMPILE``) on a decode step, with
    ``inductor_compile_config={"post_grad_custom_post_pass": nsa_fusion.vllm_pass()}``."""
    from torch._inductor.utils import fresh_cache, run_and_get_code
    from vllm.compilation.decorators import support_torch_compile
    from vllm.forward_context import set_forward_context

    @support_torch_compile(dynamic_arg_dims={"slots": 0, "block_table": 0, "lengths": 0})
    class Step(torch.nn.Module):
        def __init__(self, *, vllm_config, prefix="", weight=None, **kwargs):
            super().__init__()
            self.weight = torch.nn.Parameter(weight, requires_grad=False)

        def forward(self, kv: torch.Tensor, slots: torch.Tensor, block_table: torch.Tensor, lengths: torch.Tensor,
                    cache: torch.Tensor) -> torch.Tensor:
            BY_NAME["einsum_index_copy"].step(kv, self.weight, slots, block_table, lengths, cache, 32, 16)
            return cache

    x = make_inputs(dtype=torch.float16)
    vllm_config = VllmConfig(compilation_config=CompilationConfig(
        mode=CompilationMode.VLLM_COMPILE, backend="inductor",
        inductor_compile_config={"post_grad_custom_post_pass": nsa_fusion.vllm_pass()}))
    with set_current_vllm_config(vllm_config):
        model = Step(vllm_config=vllm_config, weight=x["weight"])
    cache = x["cache"].clone()
    diagnostics.reset()
    # vLLM forces Inductor's FX graph cache on: a graph an earlier run compiled would be served from it
    # without running the pass
    with set_forward_context(None, vllm_config=vllm_config), torch.inference_mode(), fresh_cache():
        out, codes = run_and_get_code(model, x["input"], x["slots"], x["block_table"], x["lengths"], cache)
    code = strip_comments("\n".join(codes))
    assert diagnostics.stats.get("fused") == 1, dict(diagnostics.stats)
    assert count_fused_calls(code) == 1 and fused_calls_write_inputs(code), code
    want = golden_compress_infer(x["input"], x["op_weight"], x["slots"], 32, 16, 64, block_table=x["block_table"],
                                 actual_seq_len=x["lengths"], cache=x["cache"])
    torch.testing.assert_close(cache, want, rtol=0, atol=0)


# --- vllm-ascend: its real pass manager and compile path, loaded from its sdist (nsa_fusion.testing.vllm_ascend_cpu)
@pytest.fixture(scope="module")
def vllm_ascend():
    from nsa_fusion.testing.vllm_ascend_cpu import load_vllm_ascend

    try:
        return load_vllm_ascend()
    except RuntimeError as exc:
        unavailable(f"vllm-ascend's sources cannot be loaded: {exc}")


@pytest.mark.parametrize("name", ["mulsum_index_put", "einsum_headmajor_flat_index_copy", "mulsum_scatter"])
def test_vllm_ascend_graph_fusion_pass_manager_fuses_in_place(vllm_ascend, name):
    """vllm-ascend's ``GraphFusionPassManager`` (real code) takes ``vllm_ascend_pass``; its
    ``fusion_pass_compile`` (real code: AOTAutograd with mutations as graph outputs, Inductor's
    decompositions, the manager on the forward graph) fuses, and the fused call writes the cache input
    itself and returns it, so AOTAutograd's copy back is a copy onto itself: no cache is copied."""
    from vllm.compilation.passes.vllm_inductor_pass import VllmInductorPass

    model, args, want = _case(BY_NAME[name])
    vllm_config = VllmConfig()
    manager = vllm_ascend.GraphFusionPassManager()
    fusion = nsa_fusion.vllm_ascend_pass(vllm_config)
    assert isinstance(fusion, VllmInductorPass)
    manager.add(fusion)
    graphs = []

    def backend(gm, example_inputs):
        with pass_context(Range(start=1, end=8)):
            compiled, _ = vllm_ascend.fusion_pass_compile(
                gm, example_inputs, {vllm_ascend.COMPILATION_PASS_KEY: lambda g: graphs.append(manager(g)) or g},
                Range(start=1, end=8))
        return compiled

    cache = args[-1]
    torch._dynamo.reset()
    diagnostics.reset()
    with set_current_vllm_config(vllm_config), torch.no_grad():
        out = torch.compile(model, backend=backend, fullgraph=True)(*args)
    assert diagnostics.stats.get("fused") == 1, dict(diagnostics.stats)
    code = graphs[0].code
    assert count_fused_calls(code) == 1 and fused_calls_write_inputs(code), code  # writes the cache input
    ret = code.strip().splitlines()[-1].strip()
    assert ret.startswith(("return (arg", "return (primals")), ret  # and returns it: the copy back is a no-op
    assert out is cache
    torch.testing.assert_close(cache, want, rtol=0, atol=0)


def test_serving_example_runs(capsys):
    import pathlib
    import runpy

    runpy.run_path(str(pathlib.Path(__file__).resolve().parents[1] / "examples" / "serve_with_vllm.py"),
                   run_name="__main__")
    out = capsys.readouterr().out
    assert "2 of 2 compression steps fused" in out and "in place: True" in out and "match eager: True" in out, out
