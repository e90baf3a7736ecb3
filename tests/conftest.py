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

# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def torchair():
    """torchair's real Python code on CPU (SPEC §3): the torch_npu wheel is downloaded once into a
    cache and never installed; its 4 native modules are faked.  Skips where it cannot be had,
    except in CI (``CI=true``), where that is a failure."""
    from nsa_fusion.testing.torchair_cpu import load_torchair

    try:
        return load_torchair()
    except RuntimeError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"torchair must load in CI: {exc}")
        pytest.skip(str(exc))
