"""Inputs and loop golden for the blind4 corpus: blind2's generator, under the name run_corpus.load looks for."""
from blind2_inputs import golden, golden_append, golden_full, make_append_inputs, make_inputs, qualifies  # noqa: F401
