from blind2_inputs import golden, golden_append, golden_full, make_append_inputs, make_inputs, qualifies  # noqa: F401
