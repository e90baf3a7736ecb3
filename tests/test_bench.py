"""``python -m nsa_fusion bench --quick`` runs and prints well-formed output (never a timing assertion)."""
from __future__ import annotations

import json

from nsa_fusion import bench


def test_quick_bench_json_and_table(capsys):
    assert bench.main(["--quick", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"meta", "op", "step", "cache", "compile", "vllm"}
    assert result["meta"]["threads"] >= 1
    for row in result["op"]:
        for key in ("fused_us", "checked_us", "eager_us", "inductor_us", "floor_us"):
            assert row[key] > 0
    assert {r["formulation"] for r in result["step"]} == {"mulsum_index_put", "einsum_index_copy"}
    assert all(r["fused_ms"] > 0 and r["eager_x"] > 0 for r in result["step"])
    assert result["cache"]["ms_x1"] > 0 and result["cache"]["ms_x16"] > 0
    assert all(r["with_pass_s"] > 0 and r["pass_s"] >= 0 for r in result["compile"])
    bench._print(result)  # the human table renders from the same data
    table = capsys.readouterr().out
    assert "checked" in table
    for header in ("[op]", "[step]", "[cache]", "[vllm]", "[compile]"):
        assert header in table
