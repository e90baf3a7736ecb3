"""The cost rule (``nsa_fusion.lowering.cost``): when the fused op is expected to beat Inductor's code."""
from __future__ import annotations

import types

import pytest
import torch

from nsa_fusion.lowering import cost, native_kernel, portable


def _native_or_skip():
    if native_kernel.load_native() is None:
        pytest.skip(f"native kernel unavailable: {native_kernel.available()[1]}")


def test_npu_and_other_devices_always_pay_off_here():
    for device in ("npu", "cuda", "meta"):
        assert cost.pays_off(device, batch=1, l=32, num_heads=1, head_dim=16) == (True, "")
    with portable.pure_torch_cpu():  # the CPU kernel is irrelevant elsewhere
        assert cost.pays_off("npu", batch=None, l=32, num_heads=None, head_dim=None) == (True, "")


@pytest.fixture
def size_rule(monkeypatch):
    """The cost rule as users get it (the suite sets NSA_FUSION_FUSE_SMALL=1: tests/fusion_harness.py)."""
    monkeypatch.delenv("NSA_FUSION_FUSE_SMALL", raising=False)


@pytest.mark.parametrize("batch", [8, 1024, None])
def test_native_cpu_kernel_pays_off_from_the_threshold_and_for_symbolic_sizes(batch, size_rule):
    _native_or_skip()
    assert cost.cpu_kernel() == "native"
    assert cost.pays_off("cpu", batch=batch, l=32, num_heads=4, head_dim=128) == (True, "")


def test_native_cpu_kernel_leaves_small_static_steps_to_inductor(size_rule, monkeypatch):
    _native_or_skip()
    at = cost.NATIVE_MIN_ELEMENTS // (32 * 4 * 64)  # 4 rows of N = 4, D = 64: exactly the threshold
    assert cost.pays_off("cpu", batch=at, l=32, num_heads=4, head_dim=64) == (True, "")
    ok, why = cost.pays_off("cpu", batch=at - 1, l=32, num_heads=4, head_dim=64)
    assert not ok and "3 * 32 * 4 * 64 = 24576 window elements" in why and "Inductor's code" in why, why
    ok, why = cost.pays_off("cpu", batch=1, l=32, num_heads=4, head_dim=192)  # bench [step] B = 1
    assert not ok and "24576" in why
    # a matrix-product pooling (einsum, bmm, conv1d): Inductor's code is a library call plus copies
    assert cost.pays_off("cpu", batch=1, l=32, num_heads=4, head_dim=192, library_pooling=True) == (True, "")
    monkeypatch.setenv("NSA_FUSION_FUSE_SMALL", "1")
    assert cost.pays_off("cpu", batch=1, l=32, num_heads=4, head_dim=192) == (True, "")


def test_pure_torch_kernel_pays_off_only_for_large_static_sizes():
    with portable.pure_torch_cpu():
        assert cost.cpu_kernel() == "pure-torch"
        ok, why = cost.pays_off("cpu", batch=8, l=32, num_heads=4, head_dim=192)
        assert not ok and "pure-torch" in why and "8 * 32 * 4 * 192 = 196608" in why and "pure_torch_cpu" in why
        ok, why = cost.pays_off("cpu", batch=None, l=32, num_heads=4, head_dim=192)
        assert not ok and "symbolic" in why
        below = cost.PURE_TORCH_MIN_ELEMENTS // (32 * 4 * 192)  # 85 rows: below the threshold
        assert not cost.pays_off("cpu", batch=below, l=32, num_heads=4, head_dim=192)[0]
        assert cost.pays_off("cpu", batch=below + 1, l=32, num_heads=4, head_dim=192) == (True, "")
        assert cost.pays_off("cpu", batch=256, l=32, num_heads=4, head_dim=192) == (True, "")
    if native_kernel.load_native() is not None:
        assert cost.cpu_kernel() == "native"  # restored


def test_pays_off_for_a_recognised_step_reads_the_fake_values():
    def step(batch, device="cpu"):
        node = lambda v: types.SimpleNamespace(meta={"val": v})  # noqa: E731
        return types.SimpleNamespace(input=node(torch.empty(10, 64, 4, 192, device=device)),
                                     slots=node(torch.empty(batch, device=device)), l=32, nodes=set(), weight_layout="lN")

    assert cost.pays_off_for(step(8, device="meta")) == (True, "")  # not a CPU step
    if native_kernel.load_native() is not None:  # 1 or 8 rows of a 32 * 4 * 192 window
        with pytest.MonkeyPatch.context() as mp:
            mp.delenv("NSA_FUSION_FUSE_SMALL", raising=False)
            assert not cost.pays_off_for(step(1))[0]
            assert cost.pays_off_for(step(8))[0]
    with portable.pure_torch_cpu():
        assert not cost.pays_off_for(step(8))[0]
        assert cost.pays_off_for(step(4096))[0]


def test_the_pass_leaves_small_steps_to_inductor_with_the_pure_torch_kernel_and_says_why():
    import nsa_fusion
    from nsa_fusion.testing.formulations import BY_NAME, CompressStep, make_inputs

    model = CompressStep(BY_NAME["mulsum_index_put"], 32, 16)
    x = make_inputs(B=8, N=4, D=32)
    args = (x["input"], x["weight"], x["slots"], x["block_table"], x["lengths"], x["cache"].clone())
    with portable.pure_torch_cpu():
        refused = str(nsa_fusion.explain(model, *args))
    assert "0 fused" in refused and "cost" in refused and "pure-torch" in refused, refused
    if native_kernel.load_native() is not None:
        assert "1 fused" in str(nsa_fusion.explain(model, *args))


def test_the_pass_leaves_small_steps_to_inductor_with_the_native_kernel_and_says_why(size_rule, monkeypatch):
    """Declined (part cost, in explain and stats), not refused; NSA_FUSION_FUSE_SMALL=1 fuses it."""
    import nsa_fusion
    from nsa_fusion.fusion_pass import NsaFusionPass
    from nsa_fusion.testing.formulations import BY_NAME, CompressStep, make_inputs

    _native_or_skip()
    model = CompressStep(BY_NAME["mulsum_index_put"], 32, 16)
    x = make_inputs(B=1, N=4, D=64)  # 1 * 32 * 4 * 64 = 8192 window elements
    args = (x["input"], x["weight"], x["slots"], x["block_table"], x["lengths"], x["cache"].clone())
    report = nsa_fusion.explain(model, *args)
    assert "0 fused" in str(report) and "cost" in str(report) and "Inductor's code" in str(report), str(report)
    assert len(report.declined) == 1 and report.declined[0].pattern == "cost", report.declined
    # a matrix-product pooling over a head-major weight fuses at that size; over an [l, N] one it is declined
    head_major = make_inputs(B=1, N=4, D=64, weight_layout="Nl")
    einsum = CompressStep(BY_NAME["einsum_headmajor_setitem"], 32, 16)
    assert "1 fused" in str(nsa_fusion.explain(einsum, head_major["input"], head_major["weight"], *args[2:]))
    assert "0 fused" in str(nsa_fusion.explain(CompressStep(BY_NAME["einsum_index_copy"], 32, 16), *args))
    key = NsaFusionPass().uuid()
    monkeypatch.setenv("NSA_FUSION_FUSE_SMALL", "1")
    assert "1 fused" in str(nsa_fusion.explain(model, *args))
    assert NsaFusionPass().uuid() != key  # a graph compiled under one setting is never served to the other
