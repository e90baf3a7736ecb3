"""The Ascend lowering without an NPU: an exact-schema stand-in for ``npu::npu_nsa_compress_infer.cache``
(the vendor's schema string, verbatim) with a CPU implementation from the golden, and the documented
override ``nsa_fusion.lowering.npu.force_npu_lowering`` that makes our op's kernel treat CPU tensors
as NPU tensors.  A call that no longer fits the vendor schema fails at dispatch here."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import torch

import nsa_fusion
from fusion_harness import compile_and_run, count_fused_calls
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.lowering import npu
from nsa_fusion.testing.formulations import FORMULATIONS, CompressStep, make_inputs

ARGS = ("input", "weight", "slots", "block_table", "lengths")
CALLS: list[dict] = []


def _stand_in(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
              block_table=None, actual_seq_len=None, cache):
    CALLS.append(dict(slot_dtype=slot_mapping.dtype, table_dtype=block_table.dtype, lens=actual_seq_len,
                      l=compress_block_size, d=compress_stride, P=page_block_size))
    cache.copy_(golden_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride,
                                      page_block_size, block_table=block_table, actual_seq_len=actual_seq_len,
                                      cache=cache))
    return cache


@pytest.fixture(scope="module")
def vendor_op():
    try:
        import torch_npu  # noqa: F401
        pytest.skip("real torch_npu present: the hardware tests cover the vendor op")
    except ImportError:
        pass
    lib = torch.library.Library("npu", "FRAGMENT")
    lib.define(npu.VENDOR_SCHEMA)
    lib.impl("npu_nsa_compress_infer.cache", _stand_in, "CPU")
    assert npu.register_vendor_fake()  # no fake kernel existed: ours is added once
    assert not npu.register_vendor_fake()
    previous = npu.force_npu_lowering(True)
    yield torch.ops.npu.npu_nsa_compress_infer.cache
    npu.force_npu_lowering(previous)


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()


def _expected(inputs):
    return golden_compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], inputs["l"], inputs["d"],
                                 inputs["P"], block_table=inputs["block_table"], actual_seq_len=inputs["lengths"],
                                 cache=inputs["cache"])


def test_eager_op_calls_vendor_op_with_its_argument_list(vendor_op):
    inputs = make_inputs(index_dtype=torch.int64, qualifying="some")
    expected = _expected(inputs)
    cache = inputs["cache"].clone()
    nsa_fusion.compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], 32, 16, 64,
                              block_table=inputs["block_table"], actual_seq_len=inputs["lengths"], cache=cache)
    assert len(CALLS) == 1
    call = CALLS[0]
    assert call["slot_dtype"] == torch.int32 and call["table_dtype"] == torch.int32  # casts inserted
    assert call["lens"] == inputs["lengths"].tolist() and all(type(v) is int for v in call["lens"])
    assert (call["l"], call["d"], call["P"]) == (32, 16, 64)
    assert torch.equal(cache, expected)


def test_compiled_graph_reaches_vendor_op(vendor_op):
    inputs = make_inputs(qualifying="all")
    model = CompressStep(FORMULATIONS[0], 32, 16)
    cache = inputs["cache"].clone()
    _, code, stats = compile_and_run(model, [*(inputs[k] for k in ARGS), cache], "inductor")
    assert stats.get("fused") == 1 and stats.get("target.npu") == 1, stats
    assert count_fused_calls(code) == 1
    assert len(CALLS) == 1 and torch.equal(cache, _expected(inputs))


def test_vendor_schema_rejects_a_call_that_does_not_fit(vendor_op):
    inputs = make_inputs()
    with pytest.raises((RuntimeError, TypeError)):  # lengths as a tensor: the schema says int[]
        vendor_op(inputs["input"], inputs["op_weight"], inputs["slots"], 32, 16, 64,
                  block_table=inputs["block_table"], actual_seq_len=inputs["lengths"], cache=inputs["cache"])
    with pytest.raises((RuntimeError, TypeError)):  # block_table is keyword-only
        vendor_op(inputs["input"], inputs["op_weight"], inputs["slots"], 32, 16, 64, inputs["block_table"],
                  actual_seq_len=[1] * 8, cache=inputs["cache"])


VIOLATIONS = [
    ("dtype", dict(dtype=torch.float32), "float16/bfloat16"),
    ("l>64", dict(l=80, d=16, pages_per_seq=3), "<= 64"),
    ("d%16", dict(l=32, d=8), "multiples of 16"),
    ("P", dict(P=32, pages_per_seq=6), "64 or 128"),
    ("D%16", dict(D=24), "head_dim"),
    ("D>256", dict(D=272, B=2), "head_dim"),
    ("N>64", dict(N=65, B=2, D=16), "<= 64"),
    ("batch>2048", dict(B=2049, N=1, D=16, pages_per_seq=1), "<= 2048"),
    ("N odd >50", dict(N=51, B=2, D=16), "even"),
]


@pytest.mark.parametrize("name,kw,reason", VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_each_vendor_limit_falls_back_to_portable(vendor_op, name, kw, reason):
    inputs = make_inputs(qualifying="all", **kw)
    ok, why = nsa_fusion.npu_supports(compress_block_size=inputs["l"], compress_stride=inputs["d"],
                                      page_block_size=inputs["P"], num_heads=inputs["input"].shape[2],
                                      head_dim=inputs["input"].shape[3], dtype=inputs["input"].dtype,
                                      batch=inputs["slots"].shape[0])
    assert not ok and reason in why
    model = CompressStep(FORMULATIONS[0], inputs["l"], inputs["d"])
    cache = inputs["cache"].clone()
    _, _, stats = compile_and_run(model, [*(inputs[k] for k in ARGS), cache], "inductor")
    assert stats.get("fused") == 1 and stats.get("target.portable") == 1, stats
    assert any(reason in e.reason for e in diagnostics.events if e.kind == "target")
    assert CALLS == []  # the vendor op was not called
    torch.testing.assert_close(cache, _expected(inputs), rtol=0, atol=0)


def test_graph_capture_never_freezes_host_lengths(vendor_op, monkeypatch):
    monkeypatch.setattr(npu, "_capturing", lambda: True)
    inputs = make_inputs(qualifying="some")
    cache = inputs["cache"].clone()
    nsa_fusion.compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], 32, 16, 64,
                              block_table=inputs["block_table"], actual_seq_len=inputs["lengths"], cache=cache)
    assert CALLS == []  # capture-safe masked formulation instead of a host list
    assert torch.equal(cache, _expected(inputs))


def test_import_hygiene_with_a_torch_npu_that_fails_to_import(tmp_path):
    stub = tmp_path / "torch_npu"
    stub.mkdir()
    (stub / "__init__.py").write_text("raise ImportError('libhccl.so: cannot open shared object file')\n")
    code = textwrap.dedent("""
        import nsa_fusion
        from nsa_fusion.lowering import npu
        from nsa_fusion.backend import get_npu_backend, nsa_fusion_backend
        ok, reason = npu.npu_status()
        assert not ok and "libhccl" in reason, reason
        assert get_npu_backend() is nsa_fusion_backend
        print("OK", reason)
    """)
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    # torch_npu absent: importing nsa_fusion (and using the pass) never tries to import it
    out = subprocess.run([sys.executable, "-c", "import sys, nsa_fusion; nsa_fusion.npu_backend; "
                          "assert 'torch_npu' not in sys.modules and 'torchair' not in sys.modules"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


def _npu_ready():
    try:
        import torch_npu  # noqa: F401
        return torch.npu.is_available()
    except Exception:
        return False


@pytest.mark.npu
@pytest.mark.skipif(not _npu_ready(), reason="needs an Ascend NPU with torch_npu (run `pytest -m npu` there)")
@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("l,d,P", [(32, 16, 128), (64, 32, 64), (16, 16, 64), (48, 48, 128)])
def test_hardware_vendor_op_vs_golden(dtype, l, d, P):
    inputs = make_inputs(l=l, d=d, P=P, dtype=dtype, D=192, N=4, qualifying="some", device="npu")
    cpu = {k: (v.cpu() if isinstance(v, torch.Tensor) else v) for k, v in inputs.items()}
    cache = inputs["cache"].clone()
    nsa_fusion.compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], l, d, P,
                              block_table=inputs["block_table"], actual_seq_len=inputs["lengths"].tolist(), cache=cache)
    torch.testing.assert_close(cache.cpu(), _expected(cpu), rtol=2e-3, atol=2e-3)


@pytest.mark.npu
@pytest.mark.skipif(not _npu_ready(), reason="needs an Ascend NPU with torch_npu (run `pytest -m npu` there)")
@pytest.mark.parametrize("mode", ["max-autotune", "reduce-overhead"])
def test_hardware_compiled_model_in_torchair_modes(mode):
    import torchair

    inputs = make_inputs(qualifying="some", device="npu")
    cfg = torchair.CompilerConfig()
    cfg.mode = mode
    model = CompressStep(FORMULATIONS[0], 32, 16)
    eager, compiled = inputs["cache"].clone(), inputs["cache"].clone()
    args = [inputs[k] for k in ARGS]
    model(*args, eager)
    diagnostics.reset()
    torch.compile(model, backend=nsa_fusion.get_npu_backend(compiler_config=cfg))(*args, compiled)
    assert diagnostics.stats["fused"] == 1
    torch.testing.assert_close(compiled.cpu(), eager.cpu(), rtol=2e-3, atol=2e-3)


@pytest.mark.npu
@pytest.mark.skipif(not _npu_ready(), reason="needs an Ascend NPU with torch_npu (run `pytest -m npu` there)")
def test_hardware_aclgraph_decode_loop_tracks_lengths_without_recompiles():
    """reduce-overhead (aclgraph): lengths advance every step as a tensor; captured graphs must not
    freeze them (our kernel uses the capture-safe formulation while capturing), no recompiles."""
    import torchair

    inputs = make_inputs(qualifying="none", device="npu")
    cfg = torchair.CompilerConfig()
    cfg.mode = "reduce-overhead"
    frames = []

    def counting(gm, example_inputs):
        frames.append(gm)
        return nsa_fusion.get_npu_backend(compiler_config=cfg)(gm, example_inputs)

    model = CompressStep(FORMULATIONS[0], 32, 16)
    compiled = torch.compile(model, backend=counting)
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table")]
    lengths = inputs["lengths"].clone()
    eager, fused = inputs["cache"].clone(), inputs["cache"].clone()
    for _ in range(40):
        model(*args, lengths, eager)
        compiled(*args, lengths, fused)
        lengths = lengths + 1
    assert len(frames) == 1
    torch.testing.assert_close(fused.cpu(), eager.cpu(), rtol=2e-3, atol=2e-3)


@pytest.mark.npu
@pytest.mark.skipif(not _npu_ready(), reason="needs an Ascend NPU with torch_npu (run `pytest -m npu` there)")
def test_hardware_time_fused_vs_unfused_torchair(capsys):
    """Reports (never asserts) fused vs unfused step time in reduce-overhead, the mode where the
    unfused composite compiles at all (GE has no index_put converter)."""
    import os
    import time

    import torchair

    inputs = make_inputs(B=256, N=4, D=192, l=32, d=16, P=128, qualifying="some", device="npu")
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    times = {}
    for disable in ("0", "1"):
        os.environ["NSA_FUSION_DISABLE"] = disable
        cfg = torchair.CompilerConfig()
        cfg.mode = "reduce-overhead"
        torch._dynamo.reset()
        fn = torch.compile(CompressStep(FORMULATIONS[0], 32, 16), backend=nsa_fusion.get_npu_backend(compiler_config=cfg))
        cache = inputs["cache"].clone()
        for _ in range(5):
            fn(*args, cache)
        torch.npu.synchronize()
        t0 = time.perf_counter()
        for _ in range(100):
            fn(*args, cache)
        torch.npu.synchronize()
        times[disable] = (time.perf_counter() - t0) / 100
    os.environ.pop("NSA_FUSION_DISABLE", None)
    with capsys.disabled():
        print(f"\nnpu reduce-overhead step: fused {1e6 * times['0']:.1f} us, unfused {1e6 * times['1']:.1f} us, "
              f"{times['1'] / times['0']:.2f}x")


def test_a_strided_paged_input_goes_to_the_portable_kernel(vendor_op):
    """One part of a cache whose last dim concatenates K and V (``kv[..., :D]`` of ``[NB, P, N, 2D]``, DeepSeek; the
    pass hands the op that view, ``rewrite.concatenated_reads``): the vendor kernel is specified on an ND tensor, so
    a strided input goes to the portable kernel, which reads through strides."""
    inputs = make_inputs(qualifying="some")
    x = inputs["input"]
    half = torch.cat([x, torch.randn_like(x)], -1)[..., :x.shape[-1]]
    assert not half.is_contiguous()
    cache = inputs["cache"].clone()
    nsa_fusion.compress_infer(half, inputs["op_weight"], inputs["slots"], 32, 16, 64, block_table=inputs["block_table"],
                              actual_seq_len=inputs["lengths"], cache=cache)
    assert CALLS == []
    assert torch.equal(cache, _expected(inputs))


def test_a_cache_viewing_the_paged_kv_never_reaches_the_vendor_op(vendor_op):
    """Red team 62 A1: a cache that is a view of the paged KV's storage, where earlier rows' slots lie in a later
    row's window.  Eager reads every window before it writes; whether the vendor kernel does is not specified, so
    such a call takes the portable kernel (which gathers every window first), in the op and in the eager entry."""
    from corpora.attacks import L, STRIDE, contract
    from corpora.redteam62 import _a1_clone, _a1_inputs

    inputs = _a1_inputs(aliased=True)
    assert npu._supports(inputs[0], L, STRIDE, inputs[0].shape[1], batch=inputs[2].shape[0])[0]
    for entry in ("op", "eager"):
        want, got = _a1_clone(inputs), _a1_clone(inputs)
        contract(*want)
        kv, w, slots, table, lens, cache = got
        if entry == "op":
            torch.ops.nsa_fusion.compress_infer_(kv, w, slots, table, lens, cache, L, STRIDE, kv.shape[1])
        else:
            npu.compress_infer_eager(kv, w, slots, L, STRIDE, kv.shape[1], block_table=table, actual_seq_len=lens,
                                     cache=cache)  # (the NPU eager entry of nsa_fusion.compress_infer)
        assert CALLS == [], entry
        assert torch.equal(got[0].isnan(), want[0].isnan()) and torch.equal(got[0].nan_to_num(), want[0].nan_to_num())
