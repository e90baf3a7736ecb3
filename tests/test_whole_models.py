"""Whole decode models (issue 19): every layer's compressions fuse, not just the first layer's.

A slice of the blind whole-model corpus (``tests/corpora/models1.py``, written by someone who never saw
the recogniser) through Inductor with codegen: a 2-layer vLLM-style decoder and a 4-layer HF-port
decoder, each appending K and V to its paged caches, compressing both and attending over them.  Layer 2
reads a KV cache written by an append whose token comes from layer 1's attention: the step behind that
append is no part of layer 2's compression (``roles.RolesProof.find_input`` stops at writes).
"""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "corpora"))

from run_models import run_case  # noqa: E402

import models1  # noqa: E402

CASES = {c.name: c for c in models1.MODEL_CASES}


@pytest.mark.parametrize("name", ["vllm_separate_2l", pytest.param("hf_4layers", marks=pytest.mark.slow)])
def test_every_layer_of_a_stack_fuses_bit_exact(name):
    outcome = run_case(CASES[name], "inductor", "static")
    assert not outcome.error, outcome.error
    assert outcome.fused == outcome.compressions, outcome.reasons
    assert outcome.exact
