"""The pass inside real compiles: diagnostics, switches, bigger graphs, decode loops, caches, chaining."""
from __future__ import annotations

import logging

import pytest
import torch

import nsa_fusion
from fusion_harness import compile_and_run, count_fused_calls, no_compile_caches
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.backend import nsa_fusion_backend
from nsa_fusion.testing.formulations import BY_NAME, CompressStep, make_inputs, mulsum_index_put
ARGS = ("input", "weight", "slots", "block_table", "lengths")


def _args(inputs):
    return [inputs[k] for k in ARGS]


def _golden(inputs, cache=None):
    return golden_compress_infer(inputs["input"], inputs["op_weight"], inputs["slots"], inputs["l"], inputs["d"],
                                 inputs["P"], block_table=inputs["block_table"], actual_seq_len=inputs["lengths"],
                                 cache=inputs["cache"] if cache is None else cache)


class KVLayer(torch.nn.Module):
    """A bigger graph: K/V projections written into the paged caches, both compressed, and a read
    of both compressed caches afterwards (compressed-attention scores)."""

    def __init__(self, N, D, l, d):
        super().__init__()
        self.k_proj = torch.nn.Linear(N * D, N * D, bias=False)
        self.v_proj = torch.nn.Linear(N * D, N * D, bias=False)
        self.N, self.D, self.l, self.d = N, D, l, d

    def forward(self, x, k_pages, v_pages, wk, wv, slots, block_table, lengths, k_cmp, v_cmp, write_page, write_off):
        B = x.shape[0]
        k = self.k_proj(x).view(B, self.N, self.D).to(k_pages.dtype)
        v = self.v_proj(x).view(B, self.N, self.D).to(v_pages.dtype)
        k_pages[write_page, write_off] = k  # paged KV append
        v_pages[write_page, write_off] = v
        mulsum_index_put(k_pages, wk, slots, block_table, lengths, k_cmp, self.l, self.d)
        mulsum_index_put(v_pages, wv, slots, block_table, lengths, v_cmp, self.l, self.d)
        q = x.view(B, self.N, self.D).to(k_cmp.dtype)
        return torch.einsum("bhd,shd->bhs", q.float(), k_cmp.float()), v_cmp.float().sum()


def _layer_inputs(dtype=torch.float16, B=6, N=2, D=16, l=32, d=16, P=64):
    base = make_inputs(B=B, N=N, D=D, l=l, d=d, P=P, dtype=dtype)
    g = torch.Generator().manual_seed(1)
    lengths = base["lengths"]
    write_pos = (lengths - 1).clamp(min=0)
    write_page = base["block_table"].long().gather(1, (write_pos // P)[:, None])[:, 0]
    args = [torch.randn(B, N * D, generator=g), base["input"].clone(), base["input"].flip(0).contiguous(),
            base["op_weight"], base["op_weight"].flip(0).contiguous(), base["slots"], base["block_table"],
            lengths, base["cache"].clone(), base["cache"].flip(0).contiguous(), write_page, write_pos % P]
    return args


def _clone_args(args):
    return [a.clone() for a in args]


@pytest.mark.parametrize("dialect", ["inductor", "torchair_like"])
def test_kv_layer_two_fusions_inside_bigger_graph(dialect):
    torch.manual_seed(0)
    layer = KVLayer(2, 16, 32, 16).eval()
    args = _layer_inputs()
    eager_args = _clone_args(args)
    with torch.no_grad():
        eager_out = layer(*eager_args)
        compiled_args = _clone_args(args)
        out, code, stats = compile_and_run(layer, compiled_args, dialect)
    assert stats.get("fused") == 2, stats
    assert count_fused_calls(code) == 2
    for i in (1, 2, 8, 9):  # both paged caches and both compressed caches
        torch.testing.assert_close(compiled_args[i], eager_args[i], rtol=0, atol=2e-3)
    torch.testing.assert_close(out[0], eager_out[0], rtol=1e-2, atol=1e-2)


def test_explain_reports_fused_and_near_miss_reasons(capsys):
    inputs = make_inputs()
    report = nsa_fusion.explain(CompressStep(BY_NAME["mulsum_index_put"], 32, 16), *_args(inputs), inputs["cache"])
    assert report.fused_count == 1 and not report.refused
    assert capsys.readouterr().out == ""  # explain returns the report and prints nothing itself
    assert str(report).startswith("nsa_fusion: 1 fused")

    report = nsa_fusion.explain(CompressStep(BY_NAME["softmax_weight"], 32, 16), *_args(inputs), inputs["cache"],
                                print_report=False)
    assert report.fused_count == 0
    (refusal,) = report.refused
    assert refusal.pattern == "weight" and "weight is computed by" in refusal.reason, refusal
    assert "formulations.py" in refusal.source and "softmax" in refusal.source, refusal.source
    assert not report.notes  # the Ascend GE note is for torchair graphs only, not this CPU Inductor run

    report = nsa_fusion.explain(CompressStep(BY_NAME["half_precision_products"], 32, 16), *_args(inputs),
                                inputs["cache"], print_report=False)
    assert report.fused_count == 0 and [e.pattern for e in report.refused] == ["dtype"]


def test_explain_does_not_mutate_callers_cache():
    inputs = make_inputs(qualifying="all")
    before = inputs["cache"].clone()
    nsa_fusion.explain(CompressStep(BY_NAME["mulsum_index_put"], 32, 16), *_args(inputs), inputs["cache"],
                       print_report=False)
    assert torch.equal(inputs["cache"], before)


def test_disable_env_gives_same_numbers_unfused(monkeypatch):
    inputs = make_inputs(qualifying="all")
    model = CompressStep(BY_NAME["mulsum_index_put"], 32, 16)
    expected = _golden(inputs)
    fused_cache = inputs["cache"].clone()
    _, code, stats = compile_and_run(model, [*_args(inputs), fused_cache], "inductor")
    assert stats["fused"] == 1
    monkeypatch.setenv("NSA_FUSION_DISABLE", "1")
    off_cache = inputs["cache"].clone()
    _, code, stats = compile_and_run(model, [*_args(inputs), off_cache], "inductor")
    assert stats.get("fused", 0) == 0 and count_fused_calls(code) == 0
    eager_cache = inputs["cache"].clone()
    model(*_args(inputs), eager_cache)  # the eager debugging path
    assert torch.equal(fused_cache, expected)
    for other in (off_cache, eager_cache):  # unfused paths sum in torch's order: within one rounding
        torch.testing.assert_close(other, expected, rtol=1e-3, atol=1e-3)


def test_stats_counter_and_clear():
    inputs = make_inputs()
    compile_and_run(CompressStep(BY_NAME["einsum_index_copy"], 32, 16), [*_args(inputs), inputs["cache"].clone()],
                    "inductor_graph")
    assert nsa_fusion.stats["fused"] == 1 and nsa_fusion.stats["candidates"] == 1
    assert sum(v for k, v in nsa_fusion.stats.items() if k.startswith("fused:")) == 1
    nsa_fusion.stats.clear()
    assert not nsa_fusion.stats


def test_logging_through_torch_logs_emits_records():
    """``TORCH_LOGS=+nsa_fusion`` is ``set_logs(nsa_fusion=DEBUG)``: refusals reach the logger."""
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect(level=logging.DEBUG)
    torch._logging.set_logs(modules={"nsa_fusion": logging.DEBUG})
    logging.getLogger("nsa_fusion").addHandler(handler)
    try:
        inputs = make_inputs()
        compile_and_run(CompressStep(BY_NAME["gated_weight"], 32, 16), [*_args(inputs), inputs["cache"].clone()],
                        "inductor_graph")
    finally:
        logging.getLogger("nsa_fusion").removeHandler(handler)
        torch._logging.set_logs()
    assert any(r.levelno == logging.DEBUG for r in records)


def _decode_loop(formulation, inputs, lengths, steps, batch_at=None, **compile_kwargs):
    """Run ``steps`` decode steps eagerly and compiled side by side (lengths advance by one each
    step, as a tensor; ``batch_at(step)`` picks how many requests are active).  Returns the graphs
    compiled and the eager and fused caches, checked equal at every step."""
    frames = []

    def counting_backend(gm, example_inputs):
        frames.append(gm)
        return nsa_fusion_backend(gm, example_inputs)

    torch._dynamo.reset()
    diagnostics.reset()
    model = CompressStep(formulation, inputs["l"], inputs["d"])
    compiled = torch.compile(model, backend=counting_backend, **compile_kwargs)
    eager_cache, fused_cache = inputs["cache"].clone(), inputs["cache"].clone()
    with no_compile_caches():
        for step in range(steps):
            B = batch_at(step) if batch_at else len(lengths)
            args = [inputs["input"], inputs["weight"], inputs["slots"][:B], inputs["block_table"][:B], lengths[:B]]
            model(*args, eager_cache)
            compiled(*args, fused_cache)
            torch.testing.assert_close(fused_cache, eager_cache, rtol=1e-3, atol=1e-3, msg=f"step {step}")
            lengths = lengths + 1
    # the windows that completed during the loop really were written
    assert not torch.equal(fused_cache, inputs["cache"])
    return frames


def test_decode_loop_fifty_steps_one_compile():
    """Lengths advance every step as a tensor: one compile, cache equal to eager at every step."""
    inputs = make_inputs(B=6, l=32, d=16, P=64, pages_per_seq=4, qualifying="none")
    frames = _decode_loop(BY_NAME["mulsum_index_put"], inputs, torch.tensor([1, 5, 16, 31, 40, 100]), 50)
    assert len(frames) == 1, f"recompiled: {len(frames)} graphs"
    assert diagnostics.stats["fused"] == 1


@pytest.mark.parametrize("name", ["einsum_flat_where_setitem", "mulsum_advindex_index_copy", "mulsum_scatter"])
def test_decode_loop_varying_batch_dynamic_one_compile(name):
    """Continuous batching under ``dynamic=True``: the batch size changes as requests join and
    leave, every size is symbolic, the spellings that put sizes in shape lists still fuse, and
    one graph serves every step."""
    formulation = BY_NAME[name]
    inputs = make_inputs(B=8, l=32, d=16, P=64, pages_per_seq=4, qualifying="none",
                         weight_layout=formulation.weight_layout)
    frames = _decode_loop(formulation, inputs, torch.tensor([1, 5, 16, 31, 40, 100, 7, 60]), 24,
                          batch_at=lambda step: (6, 8, 3, 5)[step % 4],  # never 0 or 1: dynamo specializes those
                          dynamic=True, fullgraph=True)
    assert len(frames) == 1, f"recompiled: {len(frames)} graphs"
    assert diagnostics.stats["fused"] == 1, dict(diagnostics.stats)


def test_users_own_post_grad_pass_still_runs():
    from torch._inductor.custom_graph_pass import CustomGraphPass

    class UserPass(CustomGraphPass):
        calls = 0

        def __call__(self, graph):
            UserPass.calls += 1

        def uuid(self):
            return "user-pass-v1"

    inputs = make_inputs()
    user = UserPass()
    with torch._inductor.config.patch(post_grad_custom_pre_pass=user):
        _, code, stats = compile_and_run(CompressStep(BY_NAME["mulsum_index_put"], 32, 16),
                                         [*_args(inputs), inputs["cache"].clone()], "inductor_graph")
        assert torch._inductor.config.post_grad_custom_pre_pass is user  # restored after compile
    assert stats["fused"] == 1 and UserPass.calls >= 1


def test_enable_inductor_for_default_backend():
    inputs = make_inputs(qualifying="all")
    nsa_fusion.enable_inductor()
    try:
        torch._dynamo.reset()
        diagnostics.reset()
        cache = inputs["cache"].clone()
        with no_compile_caches():
            torch.compile(CompressStep(BY_NAME["mulsum_index_put"], 32, 16))(*_args(inputs), cache)
        assert diagnostics.stats["fused"] == 1
        assert torch.equal(cache, _golden(inputs))
    finally:
        nsa_fusion.disable_inductor()
    assert torch._inductor.config.post_grad_custom_pre_pass is None


def test_backend_entry_point_string():
    inputs = make_inputs(qualifying="all")
    torch._dynamo.reset()
    diagnostics.reset()
    cache = inputs["cache"].clone()
    with no_compile_caches():
        torch.compile(CompressStep(BY_NAME["mulsum_index_put"], 32, 16), backend="nsa_fusion")(*_args(inputs), cache)
    assert diagnostics.stats["fused"] == 1 and torch.equal(cache, _golden(inputs))


def test_fx_graph_cache_never_serves_stale_unfused_graph(monkeypatch, tmp_path):
    """Compile with the pass off (the FX graph cache stores an unfused graph), then on: the second
    compile must fuse, not reuse the first graph.  A third compile is served from the cache: the
    pass does not run, but the fused graph's counts are replayed: ``stats`` counts it, and "cached"."""
    from torch._inductor.utils import run_and_get_code

    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path))
    inputs = make_inputs(qualifying="all")
    model = CompressStep(BY_NAME["mulsum_index_put"], 32, 16)
    codes, stats = [], []
    for disable in ("1", "0", "0"):
        monkeypatch.setenv("NSA_FUSION_DISABLE", disable)
        torch._dynamo.reset()
        diagnostics.reset()
        cache = inputs["cache"].clone()
        with torch._inductor.config.patch(fx_graph_cache=True, force_disable_caches=False):
            _, code = run_and_get_code(torch.compile(model, backend=nsa_fusion_backend), *_args(inputs), cache)
        codes.append("\n".join(code))
        stats.append((diagnostics.stats["fused"], diagnostics.stats["cached"]))
        assert torch.equal(cache, _golden(inputs))
    assert count_fused_calls(codes[0]) == 0
    assert count_fused_calls(codes[1]) == 1
    assert stats[1] == (1, 0)
    assert stats[2] == (1, 1)


def test_device_without_a_kernel_is_left_to_inductor(monkeypatch):
    """Where nsa_fusion has no kernel that beats Inductor (CUDA today), the pass declines and says why."""
    import nsa_fusion.lowering as lowering

    monkeypatch.setattr(lowering, "fuses_on", lambda device: (False, "no nsa_fusion kernel for test-device"))
    inputs = make_inputs(qualifying="all")
    report = nsa_fusion.explain(CompressStep(BY_NAME["mulsum_index_put"], 32, 16), *_args(inputs), inputs["cache"],
                                print_report=False)
    assert report.fused_count == 0
    assert any("test-device" in e.reason for e in report.declined) and not report.refused  # on purpose


def test_cuda_is_left_to_inductor():
    """No nsa_fusion kernel beats Inductor's own code on CUDA yet: ``fuses_on`` says no there (and
    why), yes on CPU and Ascend."""
    import types

    from nsa_fusion.lowering import fuses_on

    assert fuses_on(torch.device("cpu")) == (True, "")
    # torch.device("npu") needs torch_npu (or torchair's privateuse1 rename): fuses_on reads .type only
    assert fuses_on(types.SimpleNamespace(type="npu")) == (True, "")
    ok, why = fuses_on(torch.device("cuda"))
    assert not ok and "cuda" in why
