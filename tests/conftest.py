"""Shared fixtures.  The tests directory is on sys.path (pytest rootdir-relative imports), so test
modules import ``golden`` and ``fusion_harness`` directly."""
from __future__ import annotations

import os
import pathlib
import sys

import pytest

# --- sys.path: tests/ importable as top-level modules (golden, fusion_harness) -----------------------
# pytest's default "prepend" import mode already does this for a rootdir without __init__.py; made
# explicit so that other import modes (--import-mode=importlib) and direct runs work too.
_TESTS_DIR = str(pathlib.Path(__file__).resolve().parent)
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import fusion_harness  # noqa: E402,F401  (small steps fuse in the suite: NSA_FUSION_FUSE_SMALL, see there)

# --- which nsa_fusion is under test ---------------------------------------------------------------------
_SOURCE_TREE = pathlib.Path(__file__).resolve().parents[1] / "nsa_fusion"


def _tested_package() -> pathlib.Path:
    import nsa_fusion

    return pathlib.Path(nsa_fusion.__file__).resolve().parent


def pytest_report_header(config):
    return f"nsa_fusion under test: {_tested_package()}"


def pytest_sessionstart(session):
    """In CI the tests must exercise the *installed* package (``pip install .``), not the source tree
    beside them, so that a packaging defect (a module or a package-data file left out of the wheel)
    fails the suite.  ``python -m pytest`` puts the working directory on ``sys.path``; the README's
    command therefore runs ``pytest`` from the repository root, where only ``tests/`` is added."""
    if os.environ.get("CI") == "true" and _tested_package() == _SOURCE_TREE.resolve():
        pytest.exit(f"CI must test the installed nsa_fusion, but it was imported from the source tree "
                    f"{_SOURCE_TREE} (run the 'pytest' command, not 'python -m pytest', and install "
                    f"with 'pip install .', not '-e')", returncode=3)


# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def torchair():
    """torchair's real Python code on CPU (README, "Status of the NPU path"): the torch_npu wheel is
    downloaded once into a cache and never installed; its 4 native modules are faked.  Skips where it cannot be had,
    except in CI (``CI=true``), where that is a failure."""
    from fusion_harness import unavailable
    from nsa_fusion.testing.torchair_cpu import load_torchair

    try:
        return load_torchair()
    except RuntimeError as exc:
        unavailable(f"torchair cannot be loaded: {exc}")
