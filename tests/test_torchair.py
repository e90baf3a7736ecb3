"""Through real torchair on CPU (SPEC §3): ``get_npu_backend(compiler_config=cfg)`` with
``debug.run_eagerly`` runs torchair's whole ``_optimize_fx`` (our hook, its passes, the user's hooks)
and converts every FX node to GE IR in Python — including ours — then runs the graph eagerly."""
from __future__ import annotations

import contextlib
import functools

import pytest
import torch

import nsa_fusion
from fusion_harness import count_fused_calls
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.testing.formulations import BY_NAME, FORMULATIONS, NEAR_MISSES, CompressStep, make_inputs

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


def _case(formulation, dtype=torch.float16, **kw):
    inputs = make_inputs(dtype=dtype, weight_layout=formulation.weight_layout, **kw)
    args = [inputs[k] for k in ARGS] + [inputs["cache"].clone()]
    expected = golden_compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], inputs["l"], inputs["d"],
                                     inputs["P"], block_table=inputs["block_table"], actual_seq_len=inputs["lengths"],
                                     cache=inputs["cache"])
    return CompressStep(formulation, inputs["l"], inputs["d"]), args, expected


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32], ids=["fp16", "bf16", "fp32"])
@pytest.mark.parametrize("formulation", FORMULATIONS, ids=lambda f: f.name)
def test_formulation_fuses_in_real_torchair(torchair, formulation, dtype):
    model, args, expected = _case(formulation, dtype)
    _, code, stats = _compile(torchair, model, args)
    assert stats.get("fused") == 1, stats
    assert "aten.index_put" not in code and "aten.index_copy" not in code, code
    if dtype == torch.float32:
        # outside the Ascend kernel's dtypes: the GE-compilable functional scatter write-back
        assert stats.get("target.ge_scatter") == 1 and count_fused_calls(code) == 0, stats
        assert "aten.scatter" in code, code
        torch.testing.assert_close(args[-1], expected, rtol=1e-5, atol=1e-5)
        return
    assert stats.get("target.npu") == 1, stats
    assert count_fused_calls(code) == 1 and "aten.copy_" not in code, code
    assert torch.equal(args[-1], expected)


@pytest.mark.parametrize("dynamic", [True], ids=["dynamic_all"])
@pytest.mark.parametrize("formulation", FORMULATIONS, ids=lambda f: f.name)
def test_dynamic_shapes_in_real_torchair(torchair, formulation, dynamic):
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


def test_ge_converter_emits_nsa_compress_with_cache(torchair, monkeypatch):
    """End to end: torchair converts our node with our converter into one NsaCompressWithCache."""
    from nsa_fusion.lowering import npu
    from torchair.ge._ge_graph import get_default_ge_graph

    npu.register_ge_converters()
    original = OP._ge_converter
    emitted = []

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        emitted.extend(o for o in get_default_ge_graph().op if o.type == "NsaCompressWithCache")
        return result

    functools.update_wrapper(spy, original)  # keeps torchair's converter attributes (require_meta, ...)
    monkeypatch.setattr(OP, "_ge_converter", spy)
    model, args, expected = _case(FORMULATIONS[2])
    _compile(torchair, model, args)
    assert len(emitted) == 1
    node = emitted[0]
    assert [d.name for d in node.input_desc] == ["input", "weight", "slot_mapping", "output_cache", "act_seq_len",
                                                 "block_table"]
    attrs = {k: node.attr[k] for k in ("compress_block_size", "compress_stride", "page_block_size", "act_seq_len_type")}
    assert {k: v.i for k, v in attrs.items()} == dict(compress_block_size=32, compress_stride=16, page_block_size=64,
                                                      act_seq_len_type=1)
    assert node.attr["layout"].s == b"TND"
    assert torch.equal(args[-1], expected)


def test_ge_converter_inputs_order_dtypes_and_casts(torchair):
    """Called directly in a GE graph: int64 slots / block table are cast to INT32, int32 lengths to
    INT64, and the op writes the cache Data in place (no TensorMove copy)."""
    from nsa_fusion.lowering import npu
    from torchair.ge._ge_graph import Data, DataType, GeGraph

    npu.register_ge_converters()
    with GeGraph() as g:
        inp = Data(index=0, dtype=DataType.DT_FLOAT16, shape=[8, 64, 2, 16], placement="NPU")
        w = Data(index=1, dtype=DataType.DT_FLOAT16, shape=[32, 2], placement="NPU")
        slots = Data(index=2, dtype=DataType.DT_INT64, shape=[4], placement="NPU")
        table = Data(index=3, dtype=DataType.DT_INT64, shape=[4, 2], placement="NPU")
        lens = Data(index=4, dtype=DataType.DT_INT32, shape=[4], placement="NPU")
        cache = Data(index=5, dtype=DataType.DT_FLOAT16, shape=[16, 2, 16], placement="NPU")
        OP._ge_converter(inp, w, slots, table, lens, cache, 32, 16, 64)
        ops = {o.name: o for o in g.op}
        node = next(o for o in g.op if o.type == "NsaCompressWithCache")
        producers = [ops[i.split(":")[0]] for i in node.input]
        assert [p.type for p in producers] == ["Data", "Data", "Cast", "Data", "Cast", "Cast"]
        cast_to = {p.name: p.attr["dst_type"].i for p in producers if p.type == "Cast"}
        assert sorted(cast_to.values()) == sorted([DataType.DT_INT32, DataType.DT_INT64, DataType.DT_INT32])
        assert producers[3].name == "Data_5" or list(node.input)[3].startswith(producers[3].name)
        assert not any(o.type == "TensorMove" for o in g.op)  # in place on the cache input


def test_unfused_near_miss_cannot_compile_in_ge_and_explain_says_why(torchair):
    model, args, _ = _case(NEAR_MISSES[0])
    with pytest.raises(Exception) as info:
        _compile(torchair, model, args)
    assert "index_put" in str(info.value) and "ge_converter is not implemented" in str(info.value)
    report = nsa_fusion.explain(model, *args, print_report=False)
    assert report.fused_count == 0 and any("GE converter" in n for n in report.notes)


def test_vendor_limit_violated_gives_ge_compilable_scatter(torchair):
    """fp32 is outside the Ascend kernel's limits: torchair gets a scatter write-back, which it can
    convert (no index_put), and the reason is recorded."""
    model, args, expected = _case(FORMULATIONS[0], torch.float32)
    _, code, stats = _compile(torchair, model, args)
    assert stats.get("target.ge_scatter") == 1, stats
    assert count_fused_calls(code) == 0 and "scatter" in code and "index_put" not in code
    reasons = [e.reason for e in diagnostics.events if e.kind == "target"]
    assert any("float16/bfloat16" in r for r in reasons)
    torch.testing.assert_close(args[-1], expected, rtol=1e-5, atol=1e-5)


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
    with pytest.raises(Exception, match="index_put"):  # unfused, so GE cannot convert the write-back
        _compile(torchair, _split_across_streams(torchair, part), args)
    refusals = [e.reason for e in diagnostics.events if e.kind == "rejected"]
    assert diagnostics.stats.get("fused", 0) == 0 and any("spans NPU streams" in r for r in refusals), refusals


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
