"""The fusion pass over the project's own formulation corpus, in both graph dialects: Inductor's
post-grad graph (``inductor_graph``; ``inductor`` with codegen for a few) and torchair's graph shape
(``torchair_like``; real torchair is in test_torchair.py).  The blind corpora written by people who
never saw the recogniser are in test_blind_corpora.py."""
from __future__ import annotations

import pytest
import torch

from fusion_harness import compile_and_run, count_fused_calls, fused_calls_write_inputs, rejections, \
    strip_comments, unfused_writes
from golden import golden_compress_infer
from nsa_fusion.testing.formulations import BY_NAME, FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs

IDS = {torch.float16: "fp16", torch.bfloat16: "bf16", torch.float32: "fp32"}
F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32


def _case(formulation, dtype, **kw):
    inputs = make_inputs(dtype=dtype, weight_layout=formulation.weight_layout, **kw)
    model = CompressStep(formulation, inputs["l"], inputs["d"])
    args = [inputs[k] for k in ("input", "weight", "slots", "block_table", "lengths")] + [inputs["cache"].clone()]
    expected = golden_compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], inputs["l"], inputs["d"],
                                     inputs["P"], block_table=inputs["block_table"],
                                     actual_seq_len=inputs["lengths"], cache=inputs["cache"])
    return model, args, expected


def _formulation_cases():
    """Every formulation in every dtype (static) in Inductor's dialect, fp16 and fp32 (the GE scatter
    path) in torchair's; dynamic=True in both and the dynamic batch in Inductor's, in fp16."""
    modes = {"inductor_graph": [(False, [F16, BF16, F32]), ("batch", [F16]), (True, [F16])],
             "torchair_like": [(False, [F16, F32]), (True, [F16])]}
    for formulation in FORMULATIONS:
        for dialect, plan in modes.items():
            for dynamic, dtypes in plan:
                for dtype in dtypes:
                    if dtype not in formulation.exact_dtypes:
                        continue  # (test_sum_then_scale_mean_is_refused_where_it_is_not_the_op)
                    if formulation.matrix_product and dialect == "torchair_like" and dtype == F32:
                        continue  # (a bmm torchair keeps: test_a_matrix_product_left_to_blas_is_fused_only_for_exact_products)
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
    assert stats.get("fused") == 1, (stats, [(e.pattern, e.reason) for e in rejections()])
    cache = args[-1]
    assert out is cache or torch.equal(out, cache)
    if dialect == "torchair_like" and dtype == torch.float32:
        # fp32 is outside the Ascend kernel's limits: torchair gets the GE-compilable scatter write-back
        assert count_fused_calls(code) == 0 and unfused_writes(code) == ["aten.scatter"], code
        assert stats.get("target.ge_scatter") == 1, stats
        assert torch.equal(cache, expected)  # the op's order of the window sum, bit-exact
        return
    assert count_fused_calls(code) == 1 and not unfused_writes(code), code
    # the fused op is bit-exact to the golden; mean pooling is too (l is a power of two)
    torch.testing.assert_close(cache, expected, rtol=0, atol=0)


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
@pytest.mark.parametrize("dtype", [BF16, F32])
def test_sum_then_scale_mean_is_refused_where_it_is_not_the_op(dialect, dtype):
    """``tokens.float().mean(1)`` sums, then scales; the op scales each product by 1/l, then sums.  For
    bf16/fp32 data near the dtype's max the first overflows to inf where the second does not (and they
    round differently among subnormals), so the pass refuses it there, and says how to spell it."""
    model, args, _ = _case(BY_NAME["mean_flat_index_put"], dtype)
    big = torch.finfo(dtype).max / 4
    args[0][:] = big  # every token near the max: eager's window sum overflows, the op's does not
    eager = args[-1].clone()
    model(*args[:-1], eager)
    out, code, stats = compile_and_run(model, args, dialect)
    assert stats.get("fused", 0) == 0, stats
    (event,) = rejections()
    assert event.pattern == "pooling" and "after summing" in event.reason and "(1 / l)" in event.hint
    torch.testing.assert_close(args[-1], eager, rtol=0, atol=0, equal_nan=True)
    fused = args[-1].clone()
    torch.ops.nsa_fusion.compress_infer_(args[0], torch.full_like(args[1], 1.0 / 32), args[2], args[3], args[4],
                                         fused, 32, 16, args[0].shape[1])
    assert not torch.equal(fused.isinf(), eager.isinf())  # the op would not have overflowed


@pytest.mark.parametrize("name,dynamic", [("mulsum_index_put", False), ("einsum_headmajor_flat_index_copy", False),
                                          ("mulsum_scatter", "batch"), ("mean_flat_index_put", True)])
def test_inductor_generated_code_holds_one_in_place_call(name, dynamic):
    """Full Inductor (codegen): the fused op is the only thing left of the step, it writes the cache
    input itself (no clone, no copy_ of the cache), and the numbers are the golden's."""
    sizes = dict(B=5, N=3, D=48) if dynamic is True else {}
    model, args, expected = _case(BY_NAME[name], torch.float16, **sizes)
    _, code, stats = compile_and_run(model, args, "inductor", dynamic=dynamic)
    assert stats.get("fused") == 1, stats
    assert count_fused_calls(code) == 1 and not unfused_writes(code), code
    assert fused_calls_write_inputs(code), code
    torch.testing.assert_close(args[-1], expected, rtol=0, atol=0)


def _near_miss_cases():
    """Every near miss in fp16 in both dialects, and under dynamic=True in Inductor's."""
    for near_miss in NEAR_MISSES:
        for dialect, dtype, dynamic in (("inductor_graph", F16, False), ("torchair_like", F16, False),
                                        ("inductor_graph", F16, True)):
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
    assert stats.get("fused", 0) == 0 and count_fused_calls(code) == 0, stats
    # and the user is told why: the part that failed, where, and a reason
    refused = rejections()
    assert refused and all(e.pattern and e.reason and e.node for e in refused), refused
    # unfused, the graph may sum in another order (and keep fp16 math in fp32)
    tol = dict(rtol=1e-5, atol=1e-5) if dtype == torch.float32 else dict(rtol=2e-2, atol=2e-2)
    torch.testing.assert_close(compiled_cache, eager_cache, **tol)


@pytest.mark.parametrize("dialect", ["inductor_graph", "torchair_like"])
def test_functionalization_leaves_index_put_and_copy_into_the_cache_input(dialect, monkeypatch):
    """What the pass replaces, as functionalization leaves the cache write in both dialects: a
    functional ``index_put`` and a ``copy_`` back into the cache input, never ``auto_functionalized``;
    and after fusion the fused op writes the cache input itself: neither clone nor ``copy_`` remains."""
    formulation = BY_NAME["mulsum_index_put"]
    codes = []
    for disable in ("1", "0"):
        monkeypatch.setenv("NSA_FUSION_DISABLE", disable)
        model, args, _ = _case(formulation, torch.float16)
        codes.append(strip_comments(compile_and_run(model, args, dialect)[1]))
    unfused, fused = codes
    if dialect == "torchair_like":  # Inductor's post-grad passes already turned index_put + copy_ into index_put_
        assert "aten.index_put.default" in unfused and "aten.copy_" in unfused, unfused
    assert "auto_functionalized" not in unfused + fused
    assert count_fused_calls(fused) == 1 and "index_put" not in fused, fused
    assert "copy_" not in fused and "clone" not in fused, fused


def _raising(rewrite, after: bool):
    """``rewrite``, raising before it changes anything, or (``after``) once it has changed the graph and before it
    returns its record of what it changed (so its undo never runs)."""
    def broken(graph, *args, **kwargs):
        if after:
            rewrite(graph, *args, **kwargs)
        raise RuntimeError("a bug in " + rewrite.__name__)
    return broken


@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
@pytest.mark.parametrize("module, name", [("fusion_pass", "merge_duplicate_views"),
                                          ("fusion_pass", "share_kept_read_index"),
                                          ("lengths_from_positions", "expose"),
                                          ("lengths_from_positions", "expose_page_counts"),
                                          ("pool_tables", "expose"), ("pool_tables", "restore")])
def test_an_error_in_a_rewrite_around_recognition_never_breaks_the_compile(module, name, after, monkeypatch):
    """The value-preserving rewrites the pass runs around recognition (and their undos) may fail without breaking
    the user's compile: the error is logged, the step still fuses, and the numbers are the golden's."""
    import importlib

    target = importlib.import_module(f"nsa_fusion.{module}")
    monkeypatch.setattr(target, name, _raising(getattr(target, name), after))
    model, args, expected = _case(BY_NAME["mulsum_index_put"], F16)
    _, code, stats = compile_and_run(model, args, "inductor_graph")
    assert stats.get("fused") == 1, (stats, rejections())
    torch.testing.assert_close(args[-1], expected, rtol=0, atol=0)


def test_a_guard_that_fails_at_the_compiled_sizes_never_fuses():
    """fusion_pass._specialize installs the proof's assumptions with ``evaluate_expr``, which guards an expression
    as it holds at the compiled sizes: one that is false there would be guarded negated, and the step served
    wherever it fails (red team 61, read).  It raises instead (the step stays unfused: _consider's internal-error
    path), and installs the ones that hold."""
    from types import SimpleNamespace

    import torch.fx as fx
    from torch._dynamo.source import ConstantSource
    from torch.fx.experimental.symbolic_shapes import ShapeEnv

    from nsa_fusion.fusion_pass import _specialize

    env = ShapeEnv()
    rows = env.create_symintnode(env.create_symbol(10, ConstantSource("rows")), hint=10)
    graph = fx.Graph()
    node = graph.placeholder("rows")
    node.meta["val"] = rows
    expr = rows.node.expr
    assert _specialize(SimpleNamespace(write=node, specialize={}, bounds={expr: 12})) == f"; guarded {expr} <= 12"
    with pytest.raises(RuntimeError, match="does not hold at the compiled sizes"):
        _specialize(SimpleNamespace(write=node, specialize={}, bounds={expr: 5}))
    with pytest.raises(RuntimeError, match="does not hold at the compiled sizes"):
        _specialize(SimpleNamespace(write=node, specialize={expr: 11}, bounds={}))
