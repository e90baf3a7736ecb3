"""Inputs and loop golden for the blind7 corpus: blind2's generator (as blind6_inputs.py re-exports it), the
contract's inputs being unchanged, under the name run_corpus.load looks for."""
from blind2_inputs import golden, golden_append, golden_full, make_append_inputs, make_inputs, qualifies  # noqa: F401
