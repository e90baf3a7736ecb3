"""Inputs for blind corpus #10: the contract's inputs are those of blind2..8 (same paged KV, block table,
lengths, slot mapping and poisoned cache rows), so blind10 reuses blind2's generator as blind8 does."""
from blind2_inputs import golden, golden_append, golden_full, make_append_inputs, make_inputs, qualifies  # noqa: F401
