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


# The spellings that put sizes in shape lists (pattern size parameters), and the near misses that
# bind one of those parameters to another size: the older-torch match tests run over both.
SIZE_SPELLINGS = ["einsum_flat_where_setitem", "mulsum_advindex_index_copy", "mulsum_scatter"]
SIZE_NEAR_MISSES = ["flat_view_one_head", "advindex_first_row", "scatter_first_head"]


@pytest.fixture
def torch_2_11_match_kwargs(monkeypatch):
    """The re-traced match as torch <= 2.11 hands it to extra_check: only what the re-trace bound
    itself, so every scalar it baked in as a literal (l, d, P, static sizes) is missing.  (2.13 fills
    them in from the first match.)  The pass must check the same bindings either way."""
    import torch._inductor.pattern_matcher as pm

    real = pm._unflatten_match_kwargs

    def without_defaults(kwargs, arg_info, defaults=None):
        return real(kwargs, arg_info) if defaults is None else dict(kwargs)

    monkeypatch.setattr(pm, "_unflatten_match_kwargs", without_defaults)
