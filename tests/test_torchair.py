"""Through real torchair on CPU (README, "Status of the NPU path"):
``get_npu_backend(compiler_config=cfg)`` with ``debug.run_eagerly`` runs torchair's whole ``_optimize_fx`` (our hook, its passes, the user's hooks)
and converts every FX node to GE IR in Python — including ours — then runs the graph eagerly."""
from __future__ import annotations

import contextlib
import functools

import pytest
import torch

import ge_interpreter
import nsa_fusion
from fusion_harness import AppendAndCompress, count_fused_calls
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.testing.formulations import BY_NAME, FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs
from nsa_fusion.testing.torchair_cpu import VENDOR_IR_DEFS

ARGS = ("input", "weight", "slots", "block_table", "lengths")
OP = torch.ops.nsa_fusion.compress_infer_.default


def _compile(torchair, model, args, *, dynamic=False, user_pre=None, **experimental):
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    for name, value in experimental.items():
        setattr(cfg.experimental_config, name, value)
    codes = []

    def user_post(gm, example_inputs, config):  # the user's own hook: sees the final FX graph
        codes.append(gm.code)

    cfg.post_grad_custom_post_pass = user_post
    if user_pre is not None:
        cfg.post_grad_custom_pre_pass = user_pre
    backend = nsa_fusion.get_npu_backend(compiler_config=cfg)
    torch._dynamo.reset()
    diagnostics.reset()
    out = torch.compile(model, backend=backend, dynamic=dynamic, fullgraph=True)(*args)
    return out, "\n".join(codes), dict(diagnostics.stats)


def _assert_ge_graph_gives(captured, cache, expected, *, exact=True):
    """The GE graph torchair built (not the eager FX fallback) gives the golden: run on fresh clones of
    the FX runtime inputs by torchair's own ``GeConcreteGraph.__call__`` with ``ge_interpreter`` as the
    GE executor.  Both the graph's output and the cache Data's tensor (the ref input: GE writes the
    caller's cache in place) must hold the new cache."""
    assert len(captured) == 1, f"expected one GE graph, got {len(captured)}"
    graph = captured[0]
    at = graph.arg_index(cache)
    outputs, args = graph.run()
    assert graph.concrete.graph._executor.runs == 1
    for got in (outputs[0], args[at]):
        if exact:
            assert torch.equal(got, expected), (got - expected).abs().max()
        else:
            torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-5)
    return graph


def _feeds(graph_def, node):
    """Per named input of ``node``: (Data index, Cast dst_type or None) that feeds it."""
    feeds = {}
    for desc, edge in zip(node.input_desc, node.input):
        src, cast_to = ge_interpreter.producer(graph_def, edge), None
        if src.type == "Cast":
            cast_to = src.attr["dst_type"].i
            src = ge_interpreter.producer(graph_def, src.input[0])
        assert src.type == "Data", (desc.name, src.type)
        feeds[desc.name] = (src.attr["index"].i, cast_to)
    return feeds


def _case(formulation, dtype=torch.float16, **kw):
    inputs = make_inputs(dtype=dtype, weight_layout=formulation.weight_layout, **kw)
    args = [inputs[k] for k in ARGS] + [inputs["cache"].clone()]
    expected = golden_compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], inputs["l"], inputs["d"],
                                     inputs["P"], block_table=inputs["block_table"], actual_seq_len=inputs["lengths"],
                                     cache=inputs["cache"])
    return CompressStep(formulation, inputs["l"], inputs["d"]), args, expected


@pytest.mark.parametrize("formulation,dtype", [
    pytest.param(f, dtype, id=f"{f.name}-{name}") for f in FORMULATIONS
    for dtype, name in ((torch.float16, "fp16"), (torch.bfloat16, "bf16"), (torch.float32, "fp32"))
    if dtype in f.exact_dtypes  # (a sum-then-scale mean is the op only for fp16: test_fusion refuses it)
    and not (f.matrix_product and dtype == torch.float32)])  # (an fp32 bmm GE keeps: test_soundness refuses it)
def test_formulation_fuses_in_real_torchair(torchair, monkeypatch, formulation, dtype):
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    model, args, expected = _case(formulation, dtype)
    _, code, stats = _compile(torchair, model, args)
    assert stats.get("fused") == 1, stats
    assert "aten.index_put" not in code and "aten.index_copy" not in code, code
    if dtype == torch.float32:
        # outside the Ascend kernel's dtypes: the GE-compilable functional scatter write-back
        assert stats.get("target.ge_scatter") == 1 and count_fused_calls(code) == 0, stats
        assert "aten.scatter" in code, code
        assert torch.equal(args[-1], expected)  # in the op's order: bit-exact (a sum would not be in fp32)
        graph = _assert_ge_graph_gives(captured, args[-1], expected)
        assert not graph.ops("NsaCompressWithCache") and len(graph.ops("ScatterElements")) == 1
        return
    assert stats.get("target.npu") == 1, stats
    assert count_fused_calls(code) == 1 and "aten.copy_" not in code, code
    assert torch.equal(args[-1], expected)
    graph = _assert_ge_graph_gives(captured, args[-1], expected)
    assert len(graph.ops("NsaCompressWithCache")) == 1


@pytest.mark.parametrize("dynamic", [True], ids=["dynamic_all"])
@pytest.mark.parametrize("formulation", FORMULATIONS, ids=lambda f: f.name)
def test_dynamic_shapes_in_real_torchair(torchair, monkeypatch, formulation, dynamic):
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    model, args, expected = _case(formulation)
    if dynamic == "batch":  # what decode loops do: only the batch size varies
        for t in args[2:5]:  # slots, block_table, lengths
            torch._dynamo.mark_dynamic(t, 0)
        dynamic = None
    _, code, stats = _compile(torchair, model, args, dynamic=dynamic)
    assert stats.get("fused") == 1 and stats.get("target.npu") == 1, stats
    assert count_fused_calls(code) == 1, code
    assert "aten.index_put" not in code and "aten.index_copy" not in code and "aten.copy_" not in code, code
    assert torch.equal(args[-1], expected)
    # the GE graph has symbolic (-1) dims; it is run with the concrete inputs of the call
    graph = _assert_ge_graph_gives(captured, args[-1], expected)
    (node,) = graph.ops("NsaCompressWithCache")
    assert -1 in node.input_desc[0].shape.dim, node.input_desc[0]


def test_pass_runs_in_the_pre_pass_hook_before_the_users_hooks(torchair):
    """Our ``post_grad_custom_pre_pass`` fuses; the user's own pre-hook (chained after ours) and
    post-hook both see the fused graph, the cache written in place."""
    seen = {}
    model, args, expected = _case(FORMULATIONS[0])

    def user_pre(gm, example_inputs, config):
        seen["pre"] = count_fused_calls(gm.code)

    _, code, stats = _compile(torchair, model, args, user_pre=user_pre)
    assert seen["pre"] == 1 and count_fused_calls(code) == 1 and "aten.copy_" not in code, (seen, code)
    assert torch.equal(args[-1], expected)


def test_install_into_compiler_config_chains_once(torchair, monkeypatch):
    """Installing twice chains once; a pre-hook the user assigns after installing is chained by the
    next install: the pass runs once per graph and the user's hook once."""
    from nsa_fusion.fusion_pass import NsaFusionPass

    runs, calls, codes = [], [], []
    real_call = NsaFusionPass.__call__
    monkeypatch.setattr(NsaFusionPass, "__call__", lambda self, graph: runs.append(1) or real_call(self, graph))
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    nsa_fusion.install_into_compiler_config(cfg)
    installed = cfg.post_grad_custom_pre_pass.value
    nsa_fusion.install_into_compiler_config(cfg)
    assert cfg.post_grad_custom_pre_pass.value is installed
    cfg.post_grad_custom_pre_pass = lambda gm, inputs, config: calls.append("user_pre")  # replaces ours
    nsa_fusion.install_into_compiler_config(cfg)  # chains it again
    cfg.post_grad_custom_post_pass = lambda gm, inputs, config: calls.append("user_post") or codes.append(gm.code)
    model, args, expected = _case(FORMULATIONS[0])
    torch._dynamo.reset()
    diagnostics.reset()
    torch.compile(model, backend=torchair.get_npu_backend(compiler_config=cfg), fullgraph=True)(*args)
    assert calls == ["user_pre", "user_post"] and len(runs) == 1, (calls, runs)
    assert count_fused_calls(codes[0]) == 1 and "aten.copy_" not in codes[0], codes[0]
    assert torch.equal(args[-1], expected)


@pytest.mark.parametrize("index_dtypes", [(torch.int32, torch.int64), (torch.int64, torch.int32)],
                         ids=["int32_index", "int64_index_int32_lengths"])
def test_ge_converter_emits_nsa_compress_with_cache(torchair, monkeypatch, index_dtypes):
    """End to end: torchair converts our node with our converter into one NsaCompressWithCache, and
    that GE graph computes the golden (int64 slots / block table and int32 lengths go through Casts)."""
    from nsa_fusion.lowering import npu
    from torchair.ge._ge_graph import DataType, get_default_ge_graph

    npu.register_ge_converters()
    original = OP._ge_converter
    emitted = []

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        emitted.extend(o for o in get_default_ge_graph().op if o.type == "NsaCompressWithCache")
        return result

    functools.update_wrapper(spy, original)  # keeps torchair's converter attributes (require_meta, ...)
    monkeypatch.setattr(OP, "_ge_converter", spy)
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    index_dtype, lengths_dtype = index_dtypes
    model, args, expected = _case(FORMULATIONS[2], index_dtype=index_dtype)
    args[ARGS.index("lengths")] = args[ARGS.index("lengths")].to(lengths_dtype)
    _, _, stats = _compile(torchair, model, args)
    assert stats.get("target.npu") == 1, stats
    assert len(emitted) == 1
    node = emitted[0]
    assert [d.name for d in node.input_desc] == ["input", "weight", "slot_mapping", "output_cache", "act_seq_len",
                                                 "block_table"]
    attrs = {k: node.attr[k] for k in ("compress_block_size", "compress_stride", "page_block_size", "act_seq_len_type")}
    assert {k: v.i for k, v in attrs.items()} == dict(compress_block_size=32, compress_stride=16, page_block_size=64,
                                                      act_seq_len_type=1)
    assert node.attr["layout"].s == b"TND"
    assert torch.equal(args[-1], expected)
    graph = _assert_ge_graph_gives(captured, args[-1], expected)
    (node,) = graph.ops("NsaCompressWithCache")
    name_of = {graph.arg_index(a): name for a, name in zip(args, ARGS + ("cache",))}  # FX argument -> model's
    feeds = {k: (name_of[graph.fx_arg_of_data(i)], c) for k, (i, c) in _feeds(graph.graph_def, node).items()}
    cast = {torch.int64: DataType.DT_INT32, torch.int32: None}[index_dtype]
    assert feeds == {"input": ("input", None), "weight": ("weight", None), "slot_mapping": ("slots", cast),
                     "output_cache": ("cache", None), "block_table": ("block_table", cast),
                     "act_seq_len": ("lengths", None if lengths_dtype == torch.int64 else DataType.DT_INT64)}, feeds


def test_ge_converter_inputs_order_dtypes_and_casts(torchair):
    """Called directly in a GE graph: every named input of NsaCompressWithCache is fed by the right
    Data (int64 slots / block table through a Cast to INT32, int32 lengths through a Cast to INT64), the
    op writes the cache Data in place (no TensorMove copy), and the graph computes the golden."""
    from nsa_fusion.lowering import npu
    from torchair._ge_concrete_graph import ge_apis as ge
    from torchair.ge._ge_graph import Data, DataType, GeGraph

    npu.register_ge_converters()
    x = make_inputs(B=4, N=2, D=16, P=64, pages_per_seq=2, num_slots=16, index_dtype=torch.int64)
    values = [x["input"], x["op_weight"], x["slots"], x["block_table"], x["lengths"].to(torch.int32),
              x["cache"].clone()]
    with GeGraph() as g:
        inp = Data(index=0, dtype=DataType.DT_FLOAT16, shape=[11, 64, 2, 16], placement="NPU")
        w = Data(index=1, dtype=DataType.DT_FLOAT16, shape=[32, 2], placement="NPU")
        slots = Data(index=2, dtype=DataType.DT_INT64, shape=[4], placement="NPU")
        table = Data(index=3, dtype=DataType.DT_INT64, shape=[4, 2], placement="NPU")
        lens = Data(index=4, dtype=DataType.DT_INT32, shape=[4], placement="NPU")
        cache = Data(index=5, dtype=DataType.DT_FLOAT16, shape=[16, 2, 16], placement="NPU")
        for t, v in zip((inp, w, slots, table, lens, cache), values):
            t.set_torch_dtype(v.dtype)  # as torchair's parse_input does from the FX meta
        assert OP._ge_converter(inp, w, slots, table, lens, cache, 32, 16, 64) is None
        ge.NetOutput([], dependencies=g.must_keep_ops)  # what torchair's parse_output adds: keeps dont_prune_me ops
    (node,) = [o for o in g.op if o.type == "NsaCompressWithCache"]
    assert _feeds(g, node) == {"input": (0, None), "weight": (1, None), "slot_mapping": (2, DataType.DT_INT32),
                               "output_cache": (5, None), "act_seq_len": (4, DataType.DT_INT64),
                               "block_table": (3, DataType.DT_INT32)}
    assert [d.name for d in node.input_desc] == [n for n, _ in VENDOR_IR_DEFS["NsaCompressWithCache"][0]]
    assert not any(o.type in ("TensorMove", "Identity") for o in g.op)  # in place on the cache input

    executor = ge_interpreter.GeExecutor()
    executor.load(g)
    cache_before = values[5].clone()
    assert executor.run(values) == []  # NetOutput has only the control edge: the cache Data is the result
    expected = golden_compress_infer(x["input"], x["op_weight"], x["slots"], 32, 16, 64, block_table=x["block_table"],
                                     actual_seq_len=x["lengths"], cache=cache_before)
    assert not torch.equal(expected, cache_before)  # some batch has a window that just completed
    assert torch.equal(values[5], expected)


def test_vendor_ir_definition_is_what_torchair_checks_against(torchair):
    """The faked registry answers the vendor's IR of NsaCompressWithCache (torchair_cpu.VENDOR_IR_DEFS,
    ops-transformer nsa_compress_with_cache_def.cpp @ b122ed2) and stays permissive for other op types.

    What torchair checks against it: only ``custom_op(op_type, *args)`` (positional) goes through
    ``torch_args_to_ge_args``: the number of arguments (inputs + attrs), a Tensor for each required
    input, Tensor-or-None for an optional one, and each attr built with the IR's value type
    (VT_INT -> attr.Int, VT_STRING -> attr.Str).  ``custom_op(op_type, inputs={...}, attrs={...})`` --
    the form our converter uses -- only checks that the op type is registered: names, order and attr
    types are not checked by torchair there (``ge_op(ir=None)``), so ``ge_interpreter`` checks the
    emitted node against the same definition (below, and whenever it evaluates the op)."""
    from torchair._ge_concrete_graph import ge_apis as ge
    from torchair.core import _torchair
    from torchair.ge import attr, custom_op
    from torchair.ge._ge_graph import Data, DataType, GeGraph

    status, inputs, outputs, attrs = _torchair.get_registered_ir_def("NsaCompressWithCache")
    assert status == "SUCCESS"
    assert inputs == [("input", "required"), ("weight", "required"), ("slot_mapping", "required"),
                      ("output_cache", "required"), ("act_seq_len", "optional"), ("block_table", "optional")]
    assert outputs == [("output_cache", "required")]
    assert attrs == [("layout", "VT_STRING"), ("compress_block_size", "VT_INT"), ("compress_stride", "VT_INT"),
                     ("act_seq_len_type", "VT_INT"), ("page_block_size", "VT_INT")]
    assert _torchair.get_registered_ir_def("Add") == ("SUCCESS", [], [], [])

    from nsa_fusion.lowering import npu

    npu.register_ge_converters()
    with GeGraph() as g:
        inp = Data(index=0, dtype=DataType.DT_FLOAT16, shape=[8, 64, 2, 16], placement="NPU")
        w = Data(index=1, dtype=DataType.DT_FLOAT16, shape=[32, 2], placement="NPU")
        slots = Data(index=2, dtype=DataType.DT_INT32, shape=[4], placement="NPU")
        cache = Data(index=3, dtype=DataType.DT_FLOAT16, shape=[16, 2, 16], placement="NPU")
        lens = Data(index=4, dtype=DataType.DT_INT64, shape=[4], placement="NPU")
        table = Data(index=5, dtype=DataType.DT_INT32, shape=[4, 2], placement="NPU")
        tensors = (inp, w, slots, cache, lens, table)
        for t, dtype in zip(tensors, [torch.float16] * 2 + [torch.int32, torch.float16, torch.int64, torch.int32]):
            t.set_torch_dtype(dtype)  # as torchair's parse_input does from the FX meta (else the converter casts)
        # torchair's checked path builds the node from the IR: same node as our converter's
        custom_op("NsaCompressWithCache", *tensors, "TND", 32, 16, 1, 64)
        OP._ge_converter(inp, w, slots, table, lens, cache, 32, 16, 64)
        by_ir, ours = [o for o in g.op if o.type == "NsaCompressWithCache"]
        assert [(d.name, e) for d, e in zip(by_ir.input_desc, by_ir.input)] == \
            [(d.name, e) for d, e in zip(ours.input_desc, ours.input)]
        assert dict(by_ir.attr) == dict(ours.attr) and [d.name for d in by_ir.output_desc] == ["output_cache"]
        custom_op("NsaCompressWithCache", *tensors[:5], None, "TND", 32, 16, 1, 64)  # block_table is optional
        with pytest.raises(IndexError, match="expected 11 args but got 10"):  # page_block_size missing
            custom_op("NsaCompressWithCache", *tensors, "TND", 32, 16, 1)
        with pytest.raises(TypeError, match="input name: slot_mapping, param type: required"):
            custom_op("NsaCompressWithCache", inp, w, None, cache, lens, table, "TND", 32, 16, 1, 64)
        with pytest.raises(AssertionError, match="Type mismatch: i != s"):  # compress_block_size is VT_INT
            custom_op("NsaCompressWithCache", *tensors, "TND", attr.Str("32"), 16, 1, 64)
        with pytest.raises(AssertionError, match="Type mismatch: s != i"):  # layout is VT_STRING
            custom_op("NsaCompressWithCache", *tensors, attr.Int(0), 32, 16, 1, 64)
        # the unchecked keyword form accepts a misnamed input / a wrongly typed attr; the interpreter does not
        misnamed = dict(input=inp, weight=w, slot_mapping=slots, cache=cache, act_seq_len=lens, block_table=table)
        bad_input = custom_op("NsaCompressWithCache", inputs=misnamed, outputs=["output_cache"],
                              attrs={"compress_block_size": attr.Int(32)})
        bad_attr = custom_op("NsaCompressWithCache", inputs=dict(zip([n for n, _ in inputs], tensors)),
                             outputs=["output_cache"],
                             attrs={"layout": attr.Str("TND"), "compress_block_size": attr.Str("32"),
                                    "compress_stride": attr.Int(16), "act_seq_len_type": attr.Int(1),
                                    "page_block_size": attr.Int(64)})
    values = [torch.zeros(8, 64, 2, 16, dtype=torch.float16), torch.zeros(32, 2, dtype=torch.float16),
              torch.zeros(4, dtype=torch.int32), torch.zeros(16, 2, 16, dtype=torch.float16),
              torch.zeros(4, dtype=torch.int64), torch.zeros(4, 2, dtype=torch.int32)]
    for node, why in ((bad_input, r"inputs \['cache'\] are not in its IR"),
                      (bad_attr, "attr 'compress_block_size' is s, IR says VT_INT")):
        with GeGraph() as small:
            small._proto.op.extend([o for o in g.op if o.type == "Data" or o.name == node.node.name])
            ge.NetOutput([], dependencies=[node])
        with pytest.raises(ge_interpreter.GeCheckError, match=why):
            ge_interpreter.evaluate(small, values)


def test_ge_interpreter_refuses_an_op_it_does_not_know(torchair):
    from torchair._ge_concrete_graph import ge_apis as ge
    from torchair.ge import custom_op
    from torchair.ge._ge_graph import Data, DataType, GeGraph

    with GeGraph() as g:
        x = Data(index=0, dtype=DataType.DT_FLOAT, shape=[2], placement="NPU")
        ge.NetOutput([custom_op("Softplus", inputs={"x": x}, outputs=["y"])])
    with pytest.raises(ge_interpreter.UnsupportedGeOp, match="'Softplus'"):
        ge_interpreter.evaluate(g, [torch.zeros(2)])


def test_ge_graph_updates_a_non_contiguous_cache(torchair, monkeypatch):
    """NsaCompressWithCache writes the cache Data in place; for a non-contiguous cache torchair feeds GE
    a contiguous copy and copies back only what the graph assigns, so the update would be lost (found
    by the GE interpreter).  A non-contiguous cache therefore gets the scatter write-back, a graph
    output torchair writes back into the input, and the GE graph's numbers are the golden's."""
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    model, args, expected = _case(FORMULATIONS[0])
    wide = torch.zeros(*args[-1].shape[:2], 2 * args[-1].shape[2], dtype=args[-1].dtype)
    wide[..., : args[-1].shape[2]] = args[-1]
    args[-1] = wide[..., : args[-1].shape[2]]  # e.g. one half of a combined buffer
    _, _, stats = _compile(torchair, model, args)
    assert stats.get("target.ge_scatter") == 1 and torch.equal(args[-1], expected), stats
    assert any("not contiguous" in e.reason for e in diagnostics.events if e.kind == "target")
    (graph,) = captured
    at = graph.arg_index(args[-1])
    fresh = graph.fresh_args()
    wide = torch.zeros_like(wide)
    wide[..., : fresh[at].shape[2]] = fresh[at]
    fresh[at] = wide[..., : fresh[at].shape[2]]
    outputs, fresh = graph.run(fresh)
    assert torch.equal(fresh[at], expected) and torch.equal(outputs[0], expected)


def test_unfused_near_miss_runs_in_ge_as_the_vendor_scatter_and_explain_says_so(torchair, monkeypatch):
    """A refused step's write-back (index_put, which GE cannot convert) is written as torch_npu's
    npu_scatter_nd_update (lowering/ge_writes.py): the model compiles in GE and the GE graph gives
    eager's numbers, in place on the cache."""
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    (near_miss,) = [f for f in NEAR_MISSES if f.name == "other_condition"]  # ops the GE interpreter knows
    model, args, _ = _case(near_miss)
    eager = [a.clone() for a in args]
    model(*eager)
    _, code, stats = _compile(torchair, model, args)
    assert stats.get("fused", 0) == 0 and stats.get("ge_scatter_nd_writes") == 1, stats
    assert "aten.index_put" not in code and "npu_scatter_nd_update" in code, code
    assert torch.equal(args[-1], eager[-1])
    (graph,) = captured
    at = graph.arg_index(args[-1])
    outputs, fresh = graph.run()
    assert torch.equal(fresh[at], eager[-1])
    # the step also reads the cache (its keep branch): GE copies it before the scatter (TensorMove)
    assert len(graph.ops("ScatterNdUpdate")) == 1
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    report = nsa_fusion.explain(model, *args, backend=nsa_fusion.get_npu_backend(compiler_config=cfg))
    assert report.fused_count == 0 and not report.error, report
    (note,) = report.notes
    assert "refused step runs unfused" in note and "npu_scatter_nd_update" in note, note
    # the GE note is for torchair graphs: explaining the same model for Inductor has none
    assert not nsa_fusion.explain(model, *args).notes


def test_vendor_limit_violated_gives_ge_compilable_scatter(torchair, monkeypatch):
    """fp32 is outside the Ascend kernel's limits: torchair gets a scatter write-back, which it can
    convert (no index_put), and the reason is recorded.  In GE the write-back is a ScatterElements whose
    result is graph output 0, written into the cache input's memory (torchair's Assign-to-input
    mapping), and the GE graph's numbers are the golden's."""
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    model, args, expected = _case(FORMULATIONS[0], torch.float32)
    _, code, stats = _compile(torchair, model, args)
    assert stats.get("target.ge_scatter") == 1, stats
    assert count_fused_calls(code) == 0 and "scatter" in code and "index_put" not in code
    reasons = [e.reason for e in diagnostics.events if e.kind == "target"]
    assert any("float16/bfloat16" in r for r in reasons)
    torch.testing.assert_close(args[-1], expected, rtol=1e-5, atol=1e-5)
    graph = _assert_ge_graph_gives(captured, args[-1], expected, exact=False)
    (scatter,) = graph.ops("ScatterElements")
    (net_output,) = graph.ops("NetOutput")
    assert list(net_output.input) == [f"{scatter.name}:0"], net_output
    at = graph.arg_index(args[-1])
    (cache_data,) = [op for op in graph.ops("Data") if graph.fx_arg_of_data(op.attr["index"].i) == at]
    assert graph.concrete._graph_output_ref_input == {0: cache_data.attr["index"].i}  # output 0 reuses the cache


def _split_across_streams(torchair, part):
    """The reference composite with one ``part`` ("pooling" or "mask") on another NPU stream."""
    from nsa_fusion.testing.formulations import _pos_clamp, _tokens_gather, _valid

    def on_stream(name):
        return torchair.scope.npu_stream_switch("1", 3) if name == part else contextlib.nullcontext()

    def step(input, weight, slots, block_table, lengths, cache):
        tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, 32))
        with on_stream("pooling"):
            pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
        with on_stream("mask"):
            valid = _valid(lengths, 32, 16)
        slot = slots.long()
        cache.index_put_((slot,), torch.where(valid[:, None, None], pooled, cache[slot]))
        return cache

    return step


@pytest.mark.parametrize("part", ["pooling", "mask"])
def test_composite_split_across_npu_streams_is_not_fused(torchair, part):
    """One fused op would move the pooling (or the mask) off the stream the user put it on: refused,
    with the reason."""
    _, args, _ = _case(FORMULATIONS[0])
    eager = [a.clone() for a in args]
    _split_across_streams(torchair, part)(*eager)
    _, code, stats = _compile(torchair, _split_across_streams(torchair, part), args)
    refusals = [e.reason for e in diagnostics.events if e.kind == "rejected"]
    assert stats.get("fused", 0) == 0 and any("spans NPU streams" in r for r in refusals), refusals
    # unfused: its write-back runs as npu_scatter_nd_update (GE converts it), with eager's numbers
    assert stats.get("ge_scatter_nd_writes") == 1 and torch.equal(args[-1], eager[-1]), stats


def test_composite_inside_one_npu_stream_fuses_in_that_scope(torchair):
    def step(*args):
        with torchair.scope.npu_stream_switch("1", 3):
            return FORMULATIONS[0].step(*args, 32, 16)

    _, args, expected = _case(FORMULATIONS[0])
    _, code, stats = _compile(torchair, step, args)
    assert stats.get("fused") == 1, stats
    lines = code.splitlines()
    where = {k: next(i for i, s in enumerate(lines) if k in s) for k in ("scope_enter", "compress_infer_", "scope_exit")}
    assert where["scope_enter"] < where["compress_infer_"] < where["scope_exit"], code
    assert torch.equal(args[-1], expected)


def test_global_registration_fuses_without_any_compiler_config_hook(torchair):
    """vllm-ascend's npugraph_ex/torchair path builds its own ``CompilerConfig``: only torchair's global
    pattern pass reaches it.  After ``register_with_torchair()`` a plain torchair backend, none of our
    hooks installed, fuses, writes the cache in place, and the numbers are the golden's."""
    from nsa_fusion.backend import register_with_torchair

    assert register_with_torchair() and register_with_torchair()  # idempotent
    model, args, expected = _case(BY_NAME["einsum_flat_where_setitem"])
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    codes = []
    cfg.post_grad_custom_post_pass = lambda gm, inputs, config: codes.append(gm.code)
    torch._dynamo.reset()
    diagnostics.reset()
    torch.compile(model, backend=torchair.get_npu_backend(compiler_config=cfg), fullgraph=True)(*args)
    assert diagnostics.stats.get("fused") == 1 and diagnostics.stats.get("candidates") == 1, dict(diagnostics.stats)
    assert count_fused_calls(codes[0]) == 1 and "aten.copy_" not in codes[0] and "index_put" not in codes[0], codes[0]
    assert torch.equal(args[-1], expected)


def test_global_pass_leaves_the_lowerings_own_write_back_alone(torchair):
    """With both the CompilerConfig hook and torchair's global pattern pass installed (a vllm-ascend process that
    also compiles through ``get_npu_backend``), a step outside the vendor's limits fuses once, lowered to the GE
    scatter write-back; the global pass, which runs after the hook and visits every row write, skips that
    write-back (the lowering's, not the user's: no step to consider) and reports nothing about it."""
    from nsa_fusion.backend import register_with_torchair

    assert register_with_torchair()
    model, args, expected = _case(FORMULATIONS[0], torch.float32)  # (fp32: outside the kernel's limits)
    _, code, stats = _compile(torchair, model, args)
    assert stats.get("target.ge_scatter") == 1 and stats.get("fused") == 1 and stats.get("candidates") == 1, stats
    assert not [e for e in diagnostics.events if e.kind == "rejected"], diagnostics.events
    torch.testing.assert_close(args[-1], expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dynamic", [False, "batch", True], ids=["static", "mark_dynamic", "dynamic_all"])
def test_kv_append_and_compression_compile_in_ge_the_append_in_place(torchair, monkeypatch, dynamic):
    """With the compression fused, the KV append is the write GE cannot convert: the pass writes it as
    torch_npu's npu_scatter_nd_update (lowering/ge_writes.py), and torchair's reference-op optimisation
    makes that scatter write the KV Data in place (no TensorMove copy of the paged KV in front of it).
    Under dynamic=True the step reads the KV's symbolic shape (P = kv.shape[1]); torchair counts that
    Shape as a use of the Data and keeps the copy: the numbers are the same."""
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)
    x = make_inputs(B=8, N=4, D=32)
    token = torch.randn(8, 4, 32, generator=torch.Generator().manual_seed(3)).half()
    args = [x["input"].clone(), token, x["weight"], x["slots"], x["block_table"], x["lengths"], x["cache"].clone()]
    kv_after = x["input"].clone()
    pos = x["lengths"] - 1
    for b in range(8):  # the append, from the contract's addressing
        p = int(pos[b])
        kv_after[int(x["block_table"][b, p // 64]), p % 64] = token[b]
    expected = golden_compress_infer(kv_after, x["op_weight"], x["slots"], 32, 16, 64, block_table=x["block_table"],
                                     actual_seq_len=x["lengths"], cache=x["cache"])
    if dynamic == "batch":  # a decode loop: only the batch varies, the caches' sizes are fixed
        for t in args[1:6]:
            if t.shape[0] == 8:
                torch._dynamo.mark_dynamic(t, 0)
        dynamic = None
    _, code, stats = _compile(torchair, AppendAndCompress(), args, dynamic=dynamic)
    assert stats.get("fused") == 1 and stats.get("ge_scatter_nd_writes") == 1, stats
    assert "aten.index_put" not in code and "npu_scatter_nd_update" in code, code
    assert torch.equal(args[0], kv_after) and torch.equal(args[-1], expected)
    (graph,) = captured
    kv_at, cache_at = graph.arg_index(args[0]), graph.arg_index(args[-1])
    _, fresh = graph.run()
    assert torch.equal(fresh[kv_at], kv_after) and torch.equal(fresh[cache_at], expected)
    (scatter,) = graph.ops("ScatterNdUpdate")
    if dynamic is not True:
        assert ge_interpreter.producer(graph.graph_def, scatter.input[0]).type == "Data", scatter.input[0]
        assert not graph.ops("TensorMove")


def test_stacked_kv_append_compiles_in_ge_in_place(torchair, monkeypatch):
    """vLLM's reshape_and_cache in plain torch on a stacked K/V pool, ``kv[:, slots] = stack((k, v))``:
    an index_put behind a full slice, written as npu_scatter_nd_update over both halves, in place."""
    captured = ge_interpreter.capture_ge_graphs(monkeypatch)

    def append(kv, k, v, slots):
        kv[:, slots] = torch.stack((k, v))
        return kv.sum()

    g = torch.Generator().manual_seed(5)
    kv, k, v = torch.randn(2, 64, 4, 16, generator=g), torch.randn(8, 4, 16, generator=g), torch.randn(8, 4, 16, generator=g)
    slots = torch.randperm(64, generator=g)[:8]
    slots[3] = slots[3] - 64  # a negative slot counts from the end, as index_put does
    want = kv.clone()
    append(want, k, v, slots)
    args = [kv.clone(), k, v, slots]
    _, code, stats = _compile(torchair, append, args)
    assert stats.get("ge_scatter_nd_writes") == 1 and "aten.index_put" not in code, (stats, code)
    assert torch.equal(args[0], want)
    (graph,) = captured
    at = graph.arg_index(args[0])
    _, fresh = graph.run()
    assert torch.equal(fresh[at], want)
    (scatter,) = graph.ops("ScatterNdUpdate")
    assert ge_interpreter.producer(graph.graph_def, scatter.input[0]).type == "Data" and not graph.ops("TensorMove")


def test_min_and_max_of_symbolic_sizes_convert_for_ge(torchair):
    """``min(k, n)`` / ``max(k, n)`` of a symbolic size under ``dynamic=True`` (NSA's top-k over a growing number of
    compressed blocks, ``min(top_k, num_blocks)``) are ``torch.sym_min`` / ``sym_max`` nodes, for which torchair 2.13
    has no GE converter: with nsa_fusion's backend (``lowering.npu._register_sym_min_max``) the graph converts, and
    runs as eager does at a second size."""
    def model(x):
        k, m = min(4, x.shape[0]), max(3, x.shape[1] - 2)
        return x[:k].sum(0) * m

    for n in (6, 2):  # (the second call: k = 2 < 4 at the compiled graph, no recompile needed for correctness)
        x = torch.randn(n, 5)
        out, _, _ = _compile(torchair, model, [x], dynamic=True)
        torch.testing.assert_close(out, model(x), rtol=0, atol=0)
    from torchair._ge_concrete_graph.fx2ge_converter import _get_converter

    assert _get_converter(torch.sym_min) is not None and _get_converter(torch.sym_max) is not None
