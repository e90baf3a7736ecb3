"""Inputs for blind corpus #8: the contract's inputs are those of blind2..7 (same paged KV, block table,
lengths, slot mapping and poisoned cache rows), so blind8 reuses blind2's generator as blind6 does."""
from blind2_inputs import golden, golden_append, golden_full, make_append_inputs, make_inputs, qualifies  # noqa: F401
