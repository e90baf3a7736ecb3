"""The README stands on its own: its Usage snippet runs as written and prints ``stats["fused"] == 1`` on
every run (a second run in a fresh process is served from Inductor's compile cache), and it cites the
repository's own docs, never a file users do not have."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _block_after(marker: str) -> str:
    rest = README.split(f"<!-- {marker} -->", 1)[1]
    match = re.search(r"```python\n(.*?)```", rest, re.S)
    assert match and rest.index("```python") < 5, f"no python block right after <!-- {marker} -->"
    return match.group(1)


def test_usage_snippet_prints_one_fused_step_on_every_run(tmp_path):
    script = tmp_path / "usage.py"
    script.write_text(_block_after("usage-snippet") + "\nprint('STATS', dict(nsa_fusion.stats))\n")
    env = {**os.environ, "TORCHINDUCTOR_CACHE_DIR": str(tmp_path / "inductor-cache")}
    runs = []
    for _ in range(2):  # fresh processes sharing one Inductor cache: the second is a cache hit
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=900,
                             cwd=tmp_path, env=env)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.strip().splitlines()
        assert lines[-2] == "1", out.stdout  # the snippet's own print(nsa_fusion.stats["fused"])
        runs.append(eval(lines[-1][len("STATS "):]))
    # (the cache key hashes the pass's sources: editing them between the two runs, as a developer
    # working in the tree may, makes the second run a fresh compile)
    assert "cached" not in runs[0] and runs[1].get("cached") == 1, runs
    assert runs[0]["fused"] == runs[1]["fused"] == 1


def test_readme_and_docs_cite_the_repositorys_own_contract():
    assert (ROOT / "docs" / "contract.md").is_file()
    assert "docs/contract.md" in README
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert not re.search(r"\bSPEC\b|\.\./shared", path.read_text()), f"{path.name} cites a file users do not have"


def test_readme_names_one_backend():
    """``nsa_fusion.npu_backend`` (and its string form ``"nsa_fusion"``), not the internal function name."""
    assert "nsa_fusion_backend" not in README
    assert "backend=nsa_fusion.npu_backend" in README
