"""``nsa_fusion.stats`` on compile-cache hits under vLLM (issue 21, item 2): vLLM forces Inductor's FX
graph cache on, so a second engine start compiles nothing; the fused step it serves is still counted.

Opt-in with the other vLLM tests (``pytest -m vllm``, see the README)."""
from __future__ import annotations

import os

import pytest
import torch

import nsa_fusion
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.testing.formulations import BY_NAME, make_inputs

pytestmark = pytest.mark.vllm
vllm = pytest.importorskip("vllm", reason="vLLM is not installed (pip install '.[vllm]', see the README)")
import vllm._custom_ops  # noqa: E402,F401  (registers torch.ops._C, which vLLM's own passes reference)


def _serve_once(pass_config):
    """A fresh vLLM-compiled decode step (new model, dynamo reset), run once; returns stats, cache."""
    from vllm.compilation.decorators import support_torch_compile
    from vllm.config import CompilationConfig, CompilationMode, VllmConfig, set_current_vllm_config
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
        mode=CompilationMode.VLLM_COMPILE, backend="inductor", **pass_config))
    torch._dynamo.reset()
    diagnostics.reset()
    with set_current_vllm_config(vllm_config):
        model = Step(vllm_config=vllm_config, weight=x["weight"])
    cache = x["cache"].clone()
    with set_forward_context(None, vllm_config=vllm_config), torch.inference_mode():
        model(x["input"], x["slots"], x["block_table"], x["lengths"], cache)
    want = golden_compress_infer(x["input"], x["op_weight"], x["slots"], 32, 16, 64, block_table=x["block_table"],
                                 actual_seq_len=x["lengths"], cache=x["cache"])
    torch.testing.assert_close(cache, want, rtol=0, atol=0)
    return dict(diagnostics.stats)


@pytest.mark.parametrize("form", ["object", "string"])
def test_vllm_stats_on_inductor_cache_hits(form, monkeypatch, tmp_path):
    """vLLM's compile cache off (``VLLM_DISABLE_COMPILE_CACHE=1``), Inductor's FX graph cache on (vLLM
    forces it): the second start is served from Inductor's cache and counts the same fused step."""
    from torch._dynamo.utils import counters

    monkeypatch.setenv("VLLM_DISABLE_COMPILE_CACHE", "1")
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path))
    config = ({"inductor_compile_config": {"post_grad_custom_post_pass": nsa_fusion.vllm_pass()}} if form == "object"
              else {"inductor_passes": {"post_grad_custom_post_pass": "nsa_fusion.vllm_post_grad_pass"}})
    hits = counters["inductor"]["fxgraph_cache_hit"]
    first = _serve_once(config)
    assert first["fused"] == 1 and "cached" not in first, first
    second = _serve_once(config)
    assert counters["inductor"]["fxgraph_cache_hit"] > hits, "the second start was not served from the cache"
    assert second["fused"] == 1 and second["cached"] >= 1, second


def test_vllm_stats_with_vllms_own_compile_cache(monkeypatch, tmp_path):
    """vLLM's own compile cache on (its default): the second start loads the fused graph from it and
    counts it (``cached``) instead of reporting 0.  (In one process this vLLM also compiles one more
    graph with the pass on the second start; both hold the fused call, so ``fused`` counts 2.)"""
    monkeypatch.setenv("VLLM_DISABLE_COMPILE_CACHE", "0")
    monkeypatch.setenv("VLLM_CACHE_ROOT", str(tmp_path / "vllm"))
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path / "inductor"))
    config = {"inductor_compile_config": {"post_grad_custom_post_pass": nsa_fusion.vllm_pass()}}
    first = _serve_once(config)
    assert first["fused"] == 1 and "cached" not in first, first
    second = _serve_once(config)
    assert second["fused"] >= 1 and second.get("cached", 0) >= 1, second
    assert second["fused"] == second["candidates"] and "rejected" not in second, second
