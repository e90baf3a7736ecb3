"""Diagnostics that tell the truth (issue 21): ignored writes are not refusals, ``stats`` on compile-cache
hits in every entry point, ``explain`` leaves the caller's state alone and names inputs as the caller
does, one log line per record, strict mode, opt-in value checks inside compiled graphs, the CLI."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import torch

import nsa_fusion
from fusion_harness import AppendAndCompress, compile_and_run, count_fused_calls
from golden import golden_compress_infer
from nsa_fusion import diagnostics
from nsa_fusion.testing.formulations import BY_NAME, FORMULATIONS, CompressStep, make_inputs

ARGS = ("input", "weight", "slots", "block_table", "lengths")


def _args(x):
    return [x[k] for k in ARGS]


def _golden(x, slots=None):
    return golden_compress_infer(x["input"], x["op_weight"], x["slots"] if slots is None else slots, x["l"], x["d"],
                                 x["P"], block_table=x["block_table"], actual_seq_len=x["lengths"], cache=x["cache"])


def _append_case():
    x = make_inputs(B=8, N=4, D=32)
    token = torch.randn(8, 4, 32, generator=torch.Generator().manual_seed(3)).half()
    return x, [x["input"].clone(), token, x["weight"], x["slots"], x["block_table"], x["lengths"], x["cache"].clone()]


# --- item 1: the KV append is ignored, never refused ------------------------------------------------------
def test_append_and_compress_step_reports_the_append_as_ignored_not_refused():
    x, args = _append_case()
    report = nsa_fusion.explain(AppendAndCompress(), *args)
    assert report.fused_count == 1 and not report.refused, report
    (ignored,) = report.ignored
    assert "the KV append" in ignored.reason and "`kv`" in ignored.reason, ignored
    assert "kv[page.long(), pos % P] = token" in ignored.source, ignored.source
    text = str(report)
    assert text.splitlines()[0] == "nsa_fusion: 1 fused, 0 refused (1 compression candidate), 1 other write ignored"
    assert "ignored  index_put" in text and "(not a compression step)" in text
    assert "refused" not in text.split("\n", 1)[1] and "hint" not in text, text
    # the Ascend GE note is for torchair graphs only: this is a CPU Inductor run
    assert not report.notes and "GE" not in text


class _AppendAndRefusedCompress(torch.nn.Module):
    """The append, then a step whose kept rows are computed (``cache[slots] * 1``): refused at its keep, before the
    recogniser finds which tensor its tokens come from."""

    def forward(self, kv, token, weight, slots, block_table, lengths, cache):
        P = kv.shape[1]
        pos = lengths - 1
        # (through the flat [NB * P, N, D] view: a row write into a 3-D tensor, which alone looks like a compression
        # without its select)
        page = block_table.gather(1, (pos // P)[:, None])[:, 0].long()
        kv.view(-1, kv.shape[2], kv.shape[3]).index_copy_(0, page * P + pos % P, token)
        w = (lengths[:, None] - 32 + torch.arange(32)).clamp(min=0)
        tokens = kv[block_table.gather(1, w // P).long(), w % P].float()
        new = (tokens * weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lengths >= 32) & ((lengths - 32) % 16 == 0)
        s = slots.long()
        cache[s] = torch.where(valid[:, None, None], new, cache[s] * 1)
        return cache


def test_the_append_of_a_refused_step_is_ignored_not_refused():
    """models17: where the compression is refused before its roles are found, its KV append was reported as a
    second refused compression ("no masked select"); it is the append that step reads, reported as ignored."""
    x, args = _append_case()
    report = nsa_fusion.explain(_AppendAndRefusedCompress(), *args)
    assert report.fused_count == 0 and len(report.refused) == 1, report
    assert report.refused[0].pattern == "keep" and "computed" in report.refused[0].reason, report
    (ignored,) = report.ignored
    assert ignored.reason.startswith("the KV append"), ignored
    # an earlier write into the refused step's own cache (which its kept rows read) is no append: still refused
    report = nsa_fusion.explain(_TwoWritesIntoOneCache(), *args)
    assert report.fused_count == 0 and len(report.refused) == 2 and not report.ignored, report


class _TwoWritesIntoOneCache(_AppendAndRefusedCompress):
    def forward(self, kv, token, weight, slots, block_table, lengths, cache):
        P = kv.shape[1]
        w = (lengths[:, None] - 32 + torch.arange(32)).clamp(min=0)
        tokens = kv[block_table.gather(1, w // P).long(), w % P].float()
        new = (tokens * weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        s = slots.long()
        cache[s] = new  # every row written: refused (no select)
        valid = (lengths >= 32) & ((lengths - 32) % 16 == 0)
        cache[s] = torch.where(valid[:, None, None], new, cache[s] * 1)
        return cache


def test_append_and_compress_stats_count_the_append_as_ignored():
    x, args = _append_case()
    eager = [a.clone() for a in args]
    AppendAndCompress()(*eager)
    _, code, stats = compile_and_run(AppendAndCompress(), args, "inductor_graph")
    assert stats["fused"] == 1 and stats["candidates"] == 1 and stats["ignored"] == 1, stats
    assert "rejected" not in stats and not any(k.startswith("rejected") for k in stats), stats
    assert count_fused_calls(code) == 1
    torch.testing.assert_close(args[0], eager[0], rtol=0, atol=0)  # the append, an ordinary write


def test_ge_note_names_the_append_under_torchair(torchair, monkeypatch):
    """Where torchair's GE is the target, the note names the write GE cannot convert as written (the
    append's index_put), not the fused step: the pass writes it as torch_npu's npu_scatter_nd_update;
    where that op is not defined, the note says how to write the append instead."""
    x, args = _append_case()
    cfg = torchair.CompilerConfig()
    cfg.debug.run_eagerly = True
    report = nsa_fusion.explain(AppendAndCompress(), *args, backend=nsa_fusion.get_npu_backend(compiler_config=cfg))
    assert report.fused_count == 1 and not report.refused and len(report.ignored) == 1, report
    (note,) = report.notes
    assert "GE" in note and "aten.index_put" in note and "runs as torch_npu's npu_scatter_nd_update" in note, note
    assert not report.error, report.error
    from nsa_fusion.lowering import ge_writes

    monkeypatch.setattr(ge_writes, "available", lambda: False)  # a torch_npu without the op
    report = nsa_fusion.explain(AppendAndCompress(), *args, backend=nsa_fusion.get_npu_backend(compiler_config=cfg))
    (note,) = report.notes
    assert "GE" in note and "aten.index_put" in note and "kv[page.long(), pos % P] = token" in note, note
    assert "scatter_update_" in note and "until the step fuses" not in note, note
    monkeypatch.undo()
    # torchair runs the pass on the graph's first call, after the backend returned: inputs are named too
    assert "`kv`" in report.ignored[0].reason and not re.search(r"\barg\d+_1\b", str(report)), report
    report = nsa_fusion.explain(_SharedWeight(), *_args(x), x["cache"],
                                backend=nsa_fusion.get_npu_backend(compiler_config=cfg))
    (refused,) = report.refused
    assert "`" in refused.reason + refused.node and not re.search(r"\barg\d+_1\b", str(report)), report
    (note,) = report.notes  # the refused step's write, not the line where the step diverged (an input here)
    assert "refused step runs unfused: its write index_put (aten.index_put)" in note, note
    assert "source line" not in note, note


# --- item 3: explain -------------------------------------------------------------------------------------
def test_explain_returns_the_report_and_prints_nothing(capsys):
    x = make_inputs()
    report = nsa_fusion.explain(CompressStep(FORMULATIONS[0], 32, 16), *_args(x), x["cache"])
    assert capsys.readouterr().out == ""
    print(report)
    out = capsys.readouterr().out
    assert out.count("nsa_fusion: 1 fused") == 1, out


def test_explain_leaves_the_callers_compiled_functions_and_stats_alone():
    """No dynamo.reset, no new cache entries on the caller's code: a function compiled before explain
    is not retraced after it; and ``stats`` reads as it did."""
    from torch._dynamo.testing import CompileCounter

    x = make_inputs(qualifying="all")
    model = CompressStep(FORMULATIONS[0], 32, 16)
    counter = CompileCounter()
    compiled = torch.compile(model, backend=counter)
    compiled(*_args(x), x["cache"].clone())
    assert counter.frame_count == 1
    diagnostics.reset()
    diagnostics.stats["fused"] += 7  # the caller's own counts
    before = dict(diagnostics.stats)
    for _ in range(2):  # the same model the caller compiled, twice
        report = nsa_fusion.explain(model, *_args(x), x["cache"])
        assert report.fused_count == 1
    compiled(*_args(x), x["cache"].clone())
    assert counter.frame_count == 1, "explain made the caller's compiled function retrace"
    assert dict(diagnostics.stats) == before


class _SharedWeight(torch.nn.Module):
    """One fp32 [l] weight vector shared by every head, with fp16 data: the op takes its weight in the data
    dtype, and an fp32 parameter may hold any fp32 value at run time (a shared fp16 column fuses)."""

    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(32), requires_grad=False)

    def forward(self, kv, weight, slots, block_table, lengths, cache):
        return _pool_with(kv, self.w.float()[None, :, None, None], slots, block_table, lengths, cache)


class _OffsetsInABuffer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # an integer parameter, not a buffer: explain offers buffers to the pass (nsa_fusion.bound_inputs), and the
        # offsets would be bound and fuse; a parameter is not offered, so the step is refused naming the input
        self.arange_l = torch.nn.Parameter(torch.arange(32), requires_grad=False)

    def forward(self, kv, weight, slots, block_table, lengths, cache):
        pos = (lengths[:, None] - 32 + self.arange_l).clamp(min=0)
        tokens = kv[block_table.gather(1, pos // kv.shape[1]), pos % kv.shape[1]]
        pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
        done = ((lengths >= 32) & ((lengths - 32) % 16 == 0))[:, None, None]
        cache[slots.long()] = torch.where(done, pooled, cache[slots.long()])
        return cache


def _pool_with(kv, w, slots, block_table, lengths, cache):
    pos = (lengths[:, None] - 32 + torch.arange(32)).clamp(min=0)
    tokens = kv[block_table.gather(1, pos // kv.shape[1]), pos % kv.shape[1]]
    pooled = (tokens.float() * w).sum(dim=1).to(cache.dtype)
    done = ((lengths >= 32) & ((lengths - 32) % 16 == 0))[:, None, None]
    cache[slots.long()] = torch.where(done, pooled, cache[slots.long()])
    return cache


def test_explain_names_inputs_as_the_caller_does_and_hints_at_an_fp32_weight():
    x = make_inputs()
    report = nsa_fusion.explain(_SharedWeight(), *_args(x), x["cache"])
    (e,) = report.refused
    text = str(report)
    assert "`self.w`" in e.node and "arg" not in e.node, e.node
    assert "store the weight in float16" in text, text
    assert not any(f"arg{i}_1" in text for i in range(8)), text

    report = nsa_fusion.explain(_OffsetsInABuffer(), *_args(x), x["cache"])
    (e,) = report.refused
    assert "`self.arange_l`" in e.node and "`self.arange_l`" in e.reason, e
    assert e.source  # no source line for an input: the report says so instead of leaving it blank


def test_explain_reports_where_its_time_goes():
    x = make_inputs()
    report = nsa_fusion.explain(CompressStep(FORMULATIONS[0], 32, 16), *_args(x), x["cache"])
    parts = {k: v for k, v in report.timings.items() if k != "total"}
    assert set(parts) == {"imports (once per process)", "post-grad passes (the pass among them)",
                          "AOT + decompositions", "dynamo trace, guards and one run"}, report.timings
    assert abs(sum(parts.values()) - report.timings["total"]) < 1e-6


# --- item 2: stats true on compile-cache hits, every entry point -------------------------------------------
def _compile_twice(monkeypatch, tmp_path, compile_fn):
    """Compile the same step twice with dynamo reset in between, sharing one Inductor cache: the second
    compile is served from Inductor's FX graph cache.  Returns stats after each."""
    from torch._dynamo.utils import counters

    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path))
    x = make_inputs(qualifying="all")
    model = CompressStep(FORMULATIONS[0], 32, 16)
    seen = []
    for _ in range(2):
        torch._dynamo.reset()
        diagnostics.reset()
        hits = counters["inductor"]["fxgraph_cache_hit"]
        cache = x["cache"].clone()
        with torch._inductor.config.patch(fx_graph_cache=True, force_disable_caches=False):
            compile_fn(model)(*_args(x), cache)
        assert torch.equal(cache, _golden(x))
        seen.append((dict(diagnostics.stats), counters["inductor"]["fxgraph_cache_hit"] - hits))
    (first, first_hits), (second, second_hits) = seen
    assert first_hits == 0 and second_hits == 1, seen
    assert first["fused"] == 1 and "cached" not in first, first
    assert second["fused"] == 1 and second["cached"] == 1 and second["candidates"] == 1, second
    return seen


def test_cache_hit_stats_npu_backend(monkeypatch, tmp_path):
    _compile_twice(monkeypatch, tmp_path, lambda m: torch.compile(m, backend=nsa_fusion.npu_backend))


def test_cache_hit_stats_backend_by_name(monkeypatch, tmp_path):
    _compile_twice(monkeypatch, tmp_path, lambda m: torch.compile(m, backend="nsa_fusion"))


def test_cache_hit_stats_enable_inductor_default_backend(monkeypatch, tmp_path):
    nsa_fusion.enable_inductor()
    try:
        _compile_twice(monkeypatch, tmp_path, lambda m: torch.compile(m))
    finally:
        nsa_fusion.disable_inductor()


def test_cache_hit_stats_torchair(torchair, monkeypatch, tmp_path):
    """torchair compiles without Inductor's FX graph cache: the pass runs in every compile, and stats
    count each one (nothing is ever served from Inductor's cache there)."""
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path))
    x = make_inputs(qualifying="all")
    for _ in range(2):
        cfg = torchair.CompilerConfig()
        cfg.debug.run_eagerly = True
        torch._dynamo.reset()
        diagnostics.reset()
        cache = x["cache"].clone()
        torch.compile(CompressStep(FORMULATIONS[0], 32, 16),
                      backend=nsa_fusion.get_npu_backend(compiler_config=cfg))(*_args(x), cache)
        assert diagnostics.stats["fused"] == 1 and "cached" not in diagnostics.stats, dict(diagnostics.stats)
        assert torch.equal(cache, _golden(x))


def test_cache_hit_is_logged_when_the_graph_is_served(monkeypatch, tmp_path):
    """``TORCH_LOGS="+nsa_fusion"`` says when a graph comes from the cache, at compile end, before
    anyone reads ``stats``."""
    import logging

    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Collect(level=logging.DEBUG)
    torch._logging.set_logs(modules={"nsa_fusion": logging.DEBUG})
    logging.getLogger("nsa_fusion").addHandler(handler)
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path))
    x = make_inputs(qualifying="all")
    model = CompressStep(FORMULATIONS[0], 32, 16)
    try:
        for _ in range(2):
            torch._dynamo.reset()
            diagnostics.reset()
            messages.clear()
            with torch._inductor.config.patch(fx_graph_cache=True, force_disable_caches=False):
                torch.compile(model, backend=nsa_fusion.npu_backend)(*_args(x), x["cache"].clone())
    finally:
        logging.getLogger("nsa_fusion").removeHandler(handler)
        torch._logging.set_logs()
    assert any("1 graph served from Inductor's compile cache" in m for m in messages), messages
    assert any("1 fused step in graphs served from" in m for m in messages), messages


def test_stats_clear_forgets_replayed_history():
    from torch._dynamo.utils import counters

    diagnostics.reset()
    counters["inductor"]["nsa_fusion.fused"] += 2  # as a cache hit replays it
    assert diagnostics.stats["fused"] == 2
    diagnostics.stats.clear()
    assert diagnostics.stats["fused"] == 0 and not diagnostics.stats


# --- item 4: one log line per record --------------------------------------------------------------------
def test_torch_logs_prints_every_line_once():
    script = "import nsa_fusion.diagnostics as d; d.log.debug('nsa-marker-line')"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env={**__import__("os").environ, "TORCH_LOGS": "+nsa_fusion"})
    assert out.returncode == 0, out.stderr
    assert out.stderr.count("nsa-marker-line") == 1, out.stderr


# --- item 8: strict mode ------------------------------------------------------------------------------------
def test_strict_mode_fails_the_compile_on_a_refused_step_with_the_report(monkeypatch):
    """Through the environment variable (examples/debugging.py ran ``set_strict(True)`` ...
    ``set_strict(previous)`` before this in the suite: that must leave no override behind)."""
    x = make_inputs()
    monkeypatch.setenv("NSA_FUSION_STRICT", "1")
    torch._dynamo.reset()
    with pytest.raises(nsa_fusion.FusionRefused) as info:
        with torch._inductor.config.patch(fx_graph_cache=False):
            torch.compile(CompressStep(BY_NAME["softmax_weight"], 32, 16), backend=nsa_fusion.npu_backend)(
                *_args(x), x["cache"].clone())
    assert "1 refused" in str(info.value) and "weight" in str(info.value) and "softmax" in str(info.value)
    assert [e.pattern for e in info.value.report.refused] == ["weight"]


def test_with_the_pass_off_explain_says_so_and_strict_mode_warns(monkeypatch):
    """NSA_FUSION_DISABLE=1: explain must not send the user hunting for a missing write, and a strict-mode
    run that fuses nothing because the pass is off must not pass silently."""
    x = make_inputs()
    monkeypatch.setenv("NSA_FUSION_DISABLE", "1")
    report = nsa_fusion.explain(CompressStep(FORMULATIONS[0], 32, 16), *_args(x), x["cache"])
    assert "the pass is off (NSA_FUSION_DISABLE is set)" in str(report), str(report)
    assert "no row write" not in str(report)
    monkeypatch.setenv("NSA_FUSION_STRICT", "1")
    torch._dynamo.reset()
    with pytest.warns(UserWarning, match="strict mode is on but NSA_FUSION_DISABLE"):
        with torch._inductor.config.patch(fx_graph_cache=False):
            torch.compile(CompressStep(BY_NAME["softmax_weight"], 32, 16), backend=nsa_fusion.npu_backend)(
                *_args(x), x["cache"].clone())


@pytest.mark.parametrize("setter, getter, env", [
    ("set_strict", "strict_enabled", "NSA_FUSION_STRICT"),
    ("set_debug_checks", "debug_checks_enabled", "NSA_FUSION_DEBUG_CHECKS")])
def test_set_and_restore_leaves_the_environment_variable_in_charge(monkeypatch, setter, getter, env):
    """``previous = set_x(True)`` ... ``set_x(previous)`` restores what was there: with no override
    before, the environment variable decides again afterwards (it once left ``False`` behind, and a
    later ``NSA_FUSION_STRICT=1`` was ignored for the rest of the process)."""
    from nsa_fusion import debug_checks

    module = diagnostics if setter == "set_strict" else debug_checks
    set_x, enabled = getattr(module, setter), getattr(module, getter)
    saved = set_x(None)
    try:
        monkeypatch.delenv(env, raising=False)
        previous = set_x(True)
        assert previous is None and enabled()
        assert set_x(previous) is True
        monkeypatch.setenv(env, "1")
        assert enabled(), "the override outlived set_x(previous): the environment variable is ignored"
        monkeypatch.setenv(env, "0")
        previous = set_x(True)
        set_x(False)
        assert set_x(previous) is False and not enabled()
    finally:
        set_x(saved)


def test_strict_mode_fails_on_a_compile_cache_hit_of_a_refused_graph(monkeypatch, tmp_path):
    """A refused graph compiled without strict mode is in Inductor's FX graph cache (and AOTAutograd's);
    a strict compile of the same graph must fail all the same, not be served the unfused graph (strict
    mode is part of the pass's cache key), and a failed strict compile caches nothing."""
    from torch._dynamo.utils import counters

    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", str(tmp_path))
    x = make_inputs()
    model = CompressStep(BY_NAME["softmax_weight"], 32, 16)
    previous = nsa_fusion.set_strict(False)
    try:
        with torch._inductor.config.patch(fx_graph_cache=True, force_disable_caches=False), \
                torch._functorch.config.patch(enable_autograd_cache=True):
            for run, strict in enumerate((False, False, True, True)):
                nsa_fusion.set_strict(strict)
                torch._dynamo.reset()
                diagnostics.reset()
                hits = counters["inductor"]["fxgraph_cache_hit"]
                if strict:
                    with pytest.raises(nsa_fusion.FusionRefused) as info:
                        torch.compile(model, backend=nsa_fusion.npu_backend)(*_args(x), x["cache"].clone())
                    assert [e.pattern for e in info.value.report.refused] == ["weight"]
                    assert counters["inductor"]["fxgraph_cache_hit"] == hits and "cached" not in diagnostics.stats
                else:  # the second loose compile is served from the cache: the refusal is replayed
                    torch.compile(model, backend=nsa_fusion.npu_backend)(*_args(x), x["cache"].clone())
                    assert counters["inductor"]["fxgraph_cache_hit"] - hits == run, run
                    assert diagnostics.stats["rejected"] == 1 and diagnostics.stats["cached"] == run, \
                        dict(diagnostics.stats)
    finally:
        nsa_fusion.set_strict(previous)


# --- strict mode and deliberate declines: the contract, left to Inductor on purpose ------------------------
def test_cost_decline_is_reported_as_declined_and_strict_mode_does_not_fail():
    """The cost rule (pure-torch CPU kernel, a small batch) leaves a step that *is* the contract to
    Inductor: ``declined``, not ``rejected``, in stats and explain, and strict mode compiles it."""
    from nsa_fusion.lowering import portable

    x = make_inputs(qualifying="all")
    model = CompressStep(FORMULATIONS[0], 32, 16)
    previous = nsa_fusion.set_strict(True)
    try:
        with portable.pure_torch_cpu():
            cache = x["cache"].clone()
            torch._dynamo.reset()
            diagnostics.reset()
            with torch._inductor.config.patch(fx_graph_cache=False):
                torch.compile(model, backend=nsa_fusion.npu_backend)(*_args(x), cache)
            stats = dict(diagnostics.stats)
            report = nsa_fusion.explain(model, *_args(x), x["cache"])
    finally:
        nsa_fusion.set_strict(previous)
    assert torch.equal(cache, _golden(x))
    assert stats.get("declined") == 1 and stats.get("declined:cost") == 1 and stats.get("candidates") == 1, stats
    assert "rejected" not in stats and "fused" not in stats, stats
    assert report.fused_count == 0 and not report.refused and [e.pattern for e in report.declined] == ["cost"]
    text = str(report)
    assert text.splitlines()[0] == "nsa_fusion: 0 fused, 0 refused, 1 declined (1 compression candidate)", text
    assert "declined cost" in text and "on purpose" in text and "pure-torch" in text and "refused  " not in text


def test_device_decline_does_not_fail_strict_mode_but_a_refusal_on_the_same_device_does(monkeypatch):
    """A device whose lowering is off (CUDA until the Triton kernel is timed, faked here) declines the
    contract; strict mode passes it.  A step that is not the contract is still refused there."""
    import nsa_fusion.lowering as lowering

    monkeypatch.setattr(lowering, "fuses_on", lambda device: (False, "no nsa_fusion kernel for test-device"))
    x = make_inputs(qualifying="all")
    previous = nsa_fusion.set_strict(True)
    try:
        _, code, stats = compile_and_run(CompressStep(FORMULATIONS[0], 32, 16), [*_args(x), x["cache"].clone()],
                                         "inductor_graph")
        assert stats.get("declined:device") == 1 and "rejected" not in stats, stats
        assert count_fused_calls(code) == 0
        torch._dynamo.reset()
        with pytest.raises(nsa_fusion.FusionRefused) as info:
            with torch._inductor.config.patch(fx_graph_cache=False):
                torch.compile(CompressStep(BY_NAME["softmax_weight"], 32, 16), backend=nsa_fusion.npu_backend)(
                    *_args(x), x["cache"].clone())
        assert [e.pattern for e in info.value.report.refused] == ["weight"]
    finally:
        nsa_fusion.set_strict(previous)


def test_strict_mode_through_the_default_backend_is_found_by_refusal_of():
    x = make_inputs()
    previous = nsa_fusion.set_strict(True)
    nsa_fusion.enable_inductor()
    try:
        torch._dynamo.reset()
        with pytest.raises(Exception) as info:
            with torch._inductor.config.patch(fx_graph_cache=False):
                torch.compile(CompressStep(BY_NAME["softmax_weight"], 32, 16))(*_args(x), x["cache"].clone())
        refusal = nsa_fusion.refusal_of(info.value)
        assert isinstance(refusal, nsa_fusion.FusionRefused) and refusal.report.refused, info.value
    finally:
        nsa_fusion.disable_inductor()
        nsa_fusion.set_strict(previous)


def test_strict_mode_never_fails_on_an_ignored_write():
    x, args = _append_case()
    previous = nsa_fusion.set_strict(True)
    try:
        _, _, stats = compile_and_run(AppendAndCompress(), args, "inductor_graph")
    finally:
        nsa_fusion.set_strict(previous)
    assert stats["fused"] == 1 and stats["ignored"] == 1


def test_strict_mode_is_part_of_the_cache_key():
    from nsa_fusion.fusion_pass import NsaFusionPass

    p = NsaFusionPass()
    previous = nsa_fusion.set_strict(False)
    try:
        loose = p.uuid()
        nsa_fusion.set_strict(True)
        assert p.uuid() != loose
    finally:
        nsa_fusion.set_strict(previous)


# --- item 9: value checks inside compiled graphs (opt-in) -------------------------------------------------
def _bad_inputs(kind):
    x = make_inputs(qualifying="all")
    slots, table, lengths = x["slots"].clone(), x["block_table"].clone(), x["lengths"].clone()
    if kind == "duplicated slots":
        slots[1] = slots[0]
    elif kind == "page id out of range":
        table[0] = x["input"].shape[0] + 5
    elif kind == "length over capacity":
        lengths[0] = table.shape[1] * x["P"] + 16
    return x, [x["input"], x["weight"], slots, table, lengths]


@pytest.mark.parametrize("kind, error", [("duplicated slots", ValueError), ("page id out of range", IndexError),
                                         ("length over capacity", ValueError)])
def test_debug_checks_catch_bad_values_inside_compiled_graphs(kind, error):
    x, args = _bad_inputs(kind)
    previous = nsa_fusion.set_debug_checks(True)
    try:
        cache = x["cache"].clone()
        with pytest.raises(error):
            compile_and_run(CompressStep(FORMULATIONS[0], 32, 16), [*args, cache], "inductor_graph")
        assert torch.equal(cache, x["cache"])  # checked before the fused op writes anything
    finally:
        nsa_fusion.set_debug_checks(previous)


def test_debug_checks_off_by_default_and_exact_when_on():
    x, args = _bad_inputs("duplicated slots")
    _, code, stats = compile_and_run(CompressStep(FORMULATIONS[0], 32, 16), [*args, x["cache"].clone()],
                                     "inductor_graph")  # accepted silently: the documented default
    assert stats["fused"] == 1 and "check_step_values" not in code
    x = make_inputs(qualifying="some")
    previous = nsa_fusion.set_debug_checks(True)
    try:
        cache = x["cache"].clone()
        torch._dynamo.reset()
        diagnostics.reset()
        with torch._inductor.config.patch(fx_graph_cache=False):
            torch.compile(CompressStep(FORMULATIONS[0], 32, 16), backend=nsa_fusion.npu_backend)(*_args(x), cache)
        assert diagnostics.stats["fused"] == 1 and torch.equal(cache, _golden(x))
        dup = _bad_inputs("duplicated slots")[1]
        cache2 = x["cache"].clone()
        with pytest.raises(ValueError, match="slot_mapping"):  # the real Inductor-compiled graph checks too
            torch.compile(CompressStep(FORMULATIONS[0], 32, 16), backend=nsa_fusion.npu_backend)(*dup, cache2)
    finally:
        nsa_fusion.set_debug_checks(previous)


# --- item 7: CLI and packaging ------------------------------------------------------------------------------
def test_cli_version():
    out = subprocess.run([sys.executable, "-m", "nsa_fusion", "--version"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"nsa_fusion {nsa_fusion.__version__} (torch {torch.__version__})"


def test_package_ships_py_typed():
    import importlib.resources

    assert (importlib.resources.files("nsa_fusion") / "py.typed").is_file()


def test_lazy_public_names_are_typed_and_listed():
    """py.typed covers the lazily loaded API too: every lazy name is imported under TYPE_CHECKING (so a type
    checker sees its annotations, not Any) and listed by dir()."""
    import ast
    import pathlib

    tree = ast.parse(pathlib.Path(nsa_fusion.__file__).read_text())
    typed = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.If)
             and getattr(node.test, "id", None) == "TYPE_CHECKING"
             for imp in node.body if isinstance(imp, ast.ImportFrom) for alias in imp.names}
    assert typed == set(nsa_fusion._LAZY), set(nsa_fusion._LAZY) ^ typed
    assert set(nsa_fusion._LAZY) <= set(dir(nsa_fusion)) and "importlib" not in dir(nsa_fusion)


def test_stats_read_refused_as_the_rejected_count():
    """explain says "refused", the counter key is "rejected": a CI check of stats["refused"] must not read 0."""
    x = make_inputs()
    _, _, stats = compile_and_run(CompressStep(BY_NAME["softmax_weight"], 32, 16), [*_args(x), x["cache"].clone()],
                                  "inductor_graph")
    assert diagnostics.stats["refused"] == diagnostics.stats["rejected"] == 1
    assert diagnostics.stats.get("refused:weight") == 1


def test_vllm_pass_without_vllm_says_vllm_is_missing(monkeypatch):
    """Without vLLM the error names the missing package, not a class some vLLM version lacks."""
    import importlib.util

    from nsa_fusion import vllm as vllm_adapter

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "vllm" else real_find_spec(name, *a))
    vllm_adapter._vllm_pass_class.cache_clear()
    try:
        with pytest.raises(ImportError, match="needs vLLM installed"):
            vllm_adapter.vllm_pass()
    finally:
        vllm_adapter._vllm_pass_class.cache_clear()


def test_the_cache_root_moves_the_test_downloads(monkeypatch, tmp_path):
    from nsa_fusion.testing import torchair_cpu, vllm_ascend_cpu

    monkeypatch.delenv("NSA_FUSION_TORCHAIR_CACHE", raising=False)
    monkeypatch.delenv("NSA_FUSION_VLLM_ASCEND_CACHE", raising=False)
    monkeypatch.setenv("NSA_FUSION_CACHE_DIR", str(tmp_path))
    assert torchair_cpu.default_cache_dir().startswith(str(tmp_path))
    assert vllm_ascend_cpu.cache_dir().startswith(str(tmp_path))
    monkeypatch.setenv("NSA_FUSION_TORCHAIR_CACHE", str(tmp_path / "wheel"))
    assert torchair_cpu.default_cache_dir() == str(tmp_path / "wheel")
