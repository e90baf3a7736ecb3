"""``python -m nsa_fusion bench --quick`` runs and prints well-formed output (never a timing assertion)."""
from __future__ import annotations

import json

from nsa_fusion import bench


def test_quick_bench_json_and_table(capsys):
    assert bench.main(["--quick", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"meta", "overhead", "op", "step", "stack", "cache", "compile", "vllm", "warnings"}
    assert result["meta"]["threads"] >= 1
    assert len(result["meta"]["load_per_core"]) == 2
    for row in result["overhead"]:
        assert row["qualifying"] >= 1
        for key in ("graph_op", "op", "checked", "floor", "inductor"):
            t = row["timings"][key]
            assert 0 < t["min"] <= t["median"] <= t["max"] and row[f"{key}_us"] == t["median"]
    for row in result["op"]:
        for key in ("fused", "checked", "eager", "inductor", "floor"):
            assert 0 < row["timings"][key]["min"] <= row[f"{key}_us"] <= row["timings"][key]["max"]
    assert {r["formulation"] for r in result["step"]} == {"mulsum_index_put", "einsum_index_copy"}
    assert all(r["fused_ms"] > 0 and r["eager_x"] > 0 and r["B"] == 8 for r in result["step"])
    assert all(r["fused_steps"] == 1 for r in result["step"])  # both formulations fuse at B = 8
    for row in result["step"]:  # wall clock and CPU time of each backend, fused and inductor timed in one loop
        for key in ("fused", "inductor", "eager"):
            assert 0 < row["cpu"][key]["min"] <= row["cpu"][key]["median"] <= row["cpu"][key]["max"]
        assert row["inductor_x_cpu"] > 0
    (stack,) = result["stack"]  # --quick: B = 8 only
    assert stack["B"] == 8 and stack["compressions"] == 8 and stack["qualifying"] >= 1
    assert stack["fused"] == 8 and stack["not_fused"] == {}  # every layer's K and V compression fuses
    for key in ("eager", "inductor", "fused"):
        t = stack["timings"][key]
        assert 0 < t["min"] <= t["median"] <= t["max"] and stack[f"{key}_ms"] == t["median"]
        assert 0 < stack["cpu"][key]["min"] <= stack["cpu"][key]["median"]
    assert stack["inductor_x_cpu"] > 0
    assert stack["max_abs_diff"] < 0.5  # the same step (fp16; attention in fp32 either way)
    assert result["cache"]["ms_x1"] > 0 and result["cache"]["ms_x16"] > 0
    assert all(r["with_pass_s"] > 0 and r["pass_s"] >= 0 for r in result["compile"])
    assert all(isinstance(w, str) for w in result["warnings"])
    bench._print(result)  # the human table renders from the same data
    table = capsys.readouterr().out
    assert "checked" in table
    for header in ("[overhead]", "[op]", "[step]", "[stack]", "[cache]", "[vllm]", "[compile]"):
        assert header in table


def test_paired_timings_alternate_and_time_each():
    calls = []
    fns = {name: (lambda name=name: calls.append(name)) for name in ("a", "b", "c")}
    wall, cpu = bench.paired_timings_us(fns, repeats=3, warmup=0)
    # every round calls each once, starting one further along: a, b, c / b, c, a / c, a, b
    assert calls == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    for times in (wall, cpu):
        assert set(times) == {"a", "b", "c"}
        assert all(0 <= t["min"] <= t["median"] <= t["max"] for t in times.values())


def test_own_code_gives_each_compile_its_own_dynamo_cache():
    import torch

    class M(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.w = torch.nn.Parameter(torch.ones(3), requires_grad=False)

        def forward(self, x):
            return x * self.w + 1

    m = M()
    a, b = bench._own_code(m, "a"), bench._own_code(m, "b")
    assert a.__func__.__code__ is not b.__func__.__code__ is not M.forward.__code__
    x = torch.arange(3.0)
    assert torch.equal(a(x), m(x)) and torch.equal(b(x), m(x))


def test_warnings_name_load_and_spread():
    row = dict(B=1, N=4, D=128, timings={"op": dict(min=1.0, median=3.0, max=9.0)})
    result = dict(meta=dict(load_per_core=[0.1, 2.0]), overhead=[row], op=[], step=[])
    warnings = bench._warnings(result)
    assert any("loaded" in w for w in warnings)
    assert any("1 timings" in w and "B=1 N=4 D=128 op" in w for w in warnings)
    quiet = dict(meta=dict(load_per_core=[0.1, 0.2]), overhead=[dict(row, timings={"op": dict(min=1.0, median=1.1, max=9.0)})],
                 op=[], step=[])
    assert bench._warnings(quiet) == []


def test_help_is_plain_text(capsys):
    try:
        bench.main(["--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert "overhead" in out and "``" not in out and ":func:" not in out
