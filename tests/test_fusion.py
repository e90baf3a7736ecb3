"""The fusion pass over the formulation corpus, in both graph dialects (Inductor's post-grad graph and
torchair's graph shape via the AOT stand-in; real torchair is in test_torchair.py)."""
from __future__ import annotations

import re

import pytest
import torch

from fusion_harness import compile_and_run, count_fused_calls
from golden import golden_compress_infer
from nsa_fusion.testing.formulations import BY_NAME, FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs

DTYPES = [torch.float16, torch.bfloat16, torch.float32]
DIALECTS = ["inductor", "torchair_like"]
IDS = {torch.float16: "fp16", torch.bfloat16: "bf16", torch.float32: "fp32"}


def _case(formulation, dtype, **kw):
    inputs = make_inputs(dtype=dtype, weight_layout=formulation.weight_layout, **kw)
    model = CompressStep(formulation, inputs["l"], inputs["d"])
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")] + [inputs["cache"].clone()]
    expected = golden_compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], inputs["l"], inputs["d"],
                                     inputs["P"], block_table=inputs["block_table"],
                                     actual_seq_len=inputs["lengths"], cache=inputs["cache"])
    return model, args, expected


def _assert_no_unfused_write(code: str):
    # the replaced ops are gone: no index_put / index_copy / scatter into the cache remains
    assert not re.search(r"aten\.(index_put|index_copy|_unsafe_index_put)", code), code


def _formulation_cases():
    """Every formulation x dialect in static fp16/bf16/fp32; the dynamic variants where they add
    coverage (dynamic torchair-shaped graphs in fp16, dynamic_all in fp16 and fp32 for Inductor),
    which keeps the suite fast without skipping anything at run time."""
    for formulation in FORMULATIONS:
        for dialect in DIALECTS:
            for dynamic, dtypes in ((False, DTYPES),
                                    ("batch", DTYPES if dialect == "inductor" else [torch.float16]),
                                    (True, [torch.float16, torch.float32] if dialect == "inductor" else [torch.float16])):
                for dtype in dtypes:
                    dyn_id = {False: "static", "batch": "dynamic_batch", True: "dynamic_all"}[dynamic]
                    yield pytest.param(formulation, dialect, dtype, dynamic,
                                       id=f"{formulation.name}-{dialect}-{IDS[dtype]}-{dyn_id}")


@pytest.mark.parametrize("formulation,dialect,dtype,dynamic", list(_formulation_cases()))
def test_formulation_fuses(formulation, dialect, dtype, dynamic):
    # dynamic_all: sizes that differ from l, d, P and each other, so that dynamo keeps every one of
    # them symbolic (equal sizes share a symbol, and D == l would be specialized by the pooling)
    sizes = dict(B=5, N=3, D=48) if dynamic is True else {}
    model, args, expected = _case(formulation, dtype, **sizes)
    out, code, stats = compile_and_run(model, args, dialect, dynamic=dynamic)
    assert stats.get("fused") == 1, stats
    _assert_no_unfused_write(code)
    cache = args[-1]
    assert out is cache or torch.equal(out, cache)
    if dialect == "torchair_like" and dtype == torch.float32:
        # fp32 is outside the Ascend kernel's limits: torchair gets the GE-compilable scatter write-back
        assert count_fused_calls(code) == 0 and "aten.scatter" in code, code
        assert stats.get("target.ge_scatter") == 1, stats
        torch.testing.assert_close(cache, expected, rtol=1e-5, atol=1e-5)
        return
    assert count_fused_calls(code) == 1, code
    # the fused op is bit-exact to the golden; mean pooling is too (l is a power of two)
    torch.testing.assert_close(cache, expected, rtol=0, atol=0)


def _near_miss_cases():
    """Every near miss x dialect static in fp16 and fp32, and dynamic_all in fp16.  In fp32 the
    cast-free spelling of `half_precision_products` is the contract's math and fuses (see above)."""
    for near_miss in NEAR_MISSES:
        for dialect in DIALECTS:
            for dtype, dynamic in ((torch.float16, False), (torch.float32, False), (torch.float16, True)):
                if near_miss.name == "half_precision_products" and dtype == torch.float32:
                    continue
                yield pytest.param(near_miss, dialect, dtype, dynamic,
                                   id=f"{near_miss.name}-{dialect}-{IDS[dtype]}-{'dynamic_all' if dynamic else 'static'}")


@pytest.mark.parametrize("near_miss,dialect,dtype,dynamic", list(_near_miss_cases()))
def test_near_miss_stays_unfused_and_correct(near_miss, dialect, dtype, dynamic):
    inputs = make_inputs(dtype=dtype)
    model = CompressStep(near_miss, inputs["l"], inputs["d"])
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")]
    eager_cache = inputs["cache"].clone()
    model(*args, eager_cache)
    compiled_cache = inputs["cache"].clone()
    _, code, stats = compile_and_run(model, [*args, compiled_cache], dialect, dynamic=dynamic)
    assert stats.get("fused", 0) == 0, stats
    # and the user is told why: a refused match, or a gather whose surroundings are not the contract
    assert stats.get("rejected", 0) + stats.get("not_fused", 0) >= 1, stats
    assert count_fused_calls(code) == 0
    assert "window_gather" not in code  # stage A was undone: the graph is what the model wrote
    # unfused, Inductor's generated code may sum in another order (and keeps fp16 math in fp32)
    tol = dict(rtol=1e-5, atol=1e-5) if dtype == torch.float32 else dict(rtol=2e-2, atol=2e-2)
    torch.testing.assert_close(compiled_cache, eager_cache, **tol)


from conftest import SIZE_NEAR_MISSES, SIZE_SPELLINGS  # noqa: E402


@pytest.mark.parametrize("name", SIZE_SPELLINGS + SIZE_NEAR_MISSES)
def test_checks_see_the_same_bindings_on_older_torch(torch_2_11_match_kwargs, name):
    formulation = BY_NAME[name]
    model, args, expected = _case(formulation, torch.float16)
    eager = args[-1].clone()
    model(*args[:-1], eager)
    _, _, stats = compile_and_run(model, args, "inductor")
    if formulation.fuses:
        assert stats.get("fused") == 1, stats
        torch.testing.assert_close(args[-1], expected, rtol=0, atol=0)
    else:
        assert stats.get("fused", 0) == 0 and stats.get("rejected", 0) >= 1, stats
        torch.testing.assert_close(args[-1], eager, rtol=2e-2, atol=2e-2)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_functionalization_leaves_index_put_and_copy_into_the_cache_input(dialect, monkeypatch):
    """What the pass replaces, as functionalization leaves the cache write in both dialects: a
    functional ``index_put`` and a ``copy_`` back into the cache input, never ``auto_functionalized``;
    and after fusion neither ``copy_`` nor ``auto_functionalized`` remains."""
    formulation = BY_NAME["mulsum_index_put"]
    graphs, codes = [], []  # post-grad FX graphs (Inductor), final code of each compile
    for disable in ("1", "0"):
        monkeypatch.setenv("NSA_FUSION_DISABLE", disable)
        model, args, _ = _case(formulation, torch.float16)
        with torch._inductor.config.patch(post_grad_custom_post_pass=lambda g: graphs.append(str(g))):
            codes.append(compile_and_run(model, args, dialect)[1])
    # the write as functionalization left it: Inductor's post-grad graph, the torchair-shaped graph
    unfused = graphs[0] if dialect == "inductor" else codes[0]
    assert "aten.index_put" in unfused and "aten.copy_" in unfused, unfused
    assert "auto_functionalized" not in unfused + codes[1]
    # fused: one in-place call on the cache input (Inductor re-inplaces after its post-grad passes)
    assert count_fused_calls(codes[1]) == 1 and "aten.index_put" not in codes[1], codes[1]
    assert not re.search(r"aten\.copy_|\.copy_\(", codes[1]), codes[1]
