"""A corpus of plain-torch NSA compression steps, written the ways model code writes them (docs/contract.md has the contract they compute).

Used by the tests (every formulation must fuse, every near miss must not), the benchmark and the
demo.  Each step takes ``(input, weight, slots, block_table, lengths, cache)``, updates ``cache`` in
place like model code does, and returns ``cache``.  ``weight`` is ``[l, N]`` except for ``[N, l]``
formulations (``weight_layout == "Nl"``); mean pooling ignores it.

Near misses compute something else (a gate, a bias, another condition, ...): they must stay unfused
and still be correct.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import torch


class Formulation(NamedTuple):
    name: str
    step: Callable  # (input, weight, slots, block_table, lengths, cache, l, d) -> cache
    weight_layout: str = "lN"  # "lN" | "Nl" | "mean"
    fuses: bool = True
    why_not: str = ""
    # dtypes the formulation is the contract in: a mean that sums first and scales after is the op's
    # sum of scaled products in IEEE arithmetic only for fp16 data (docs/soundness.md)
    exact_dtypes: tuple = (torch.float16, torch.bfloat16, torch.float32)
    # pools with a matrix product (einsum's bmm): where the graph keeps it (torchair's), a matrix kernel may fuse the
    # multiply-adds, so fp32 data is not the op's arithmetic there (docs/soundness.md)
    matrix_product: bool = False


def _pos_clamp(lengths, l):
    return (lengths[:, None] - l + torch.arange(l, device=lengths.device)).clamp(min=0)


def _pos_where(lengths, l):
    pos = lengths[:, None] - l + torch.arange(l, device=lengths.device)
    return torch.where(pos < 0, 0, pos)


def _valid(lengths, l, d):
    return (lengths >= l) & ((lengths - l) % d == 0)


def _tokens_gather(input, block_table, pos):
    P = input.shape[1]
    return input[block_table.gather(1, pos // P), pos % P]


def _tokens_gather_div(input, block_table, pos):
    P = input.shape[1]
    return input[block_table.gather(1, torch.div(pos, P, rounding_mode="floor")), torch.remainder(pos, P)]


def _tokens_flat(input, block_table, pos):
    P, N, D = input.shape[1:]
    return input.view(-1, N, D)[block_table.gather(1, pos // P) * P + pos % P]


def _tokens_advindex(input, block_table, pos):
    P = input.shape[1]
    rows = torch.arange(block_table.shape[0], device=block_table.device)[:, None]
    return input[block_table[rows, pos // P], pos % P]


# --- formulations that must fuse ----------------------------------------------------------------------
def mulsum_index_put(input, weight, slots, block_table, lengths, cache, l, d):
    """torch_npu's own golden, the reference's spelling."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def mulsum_setitem_where_div(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather_div(input, block_table, _pos_where(lengths, l))
    pooled = (tokens.float() * weight.float().unsqueeze(-1)).sum(1).to(input.dtype)
    valid = _valid(lengths, l, d)
    cache[slots.long()] = torch.where(valid[:, None, None], pooled, cache[slots.long()])
    return cache


def einsum_index_copy(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = torch.einsum("bjhd,jh->bhd", tokens.float(), weight.float()).to(cache.dtype)
    slot = slots.long()
    cache.index_copy_(0, slot, torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def einsum_headmajor_setitem(input, weight_nl, slots, block_table, lengths, cache, l, d):
    """Per-head weight stored [N, l]."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = torch.einsum("bjhd,hj->bhd", tokens.float(), weight_nl.float()).to(cache.dtype)
    cache[slots] = torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slots])
    return cache


def mean_flat_index_put(input, weight, slots, block_table, lengths, cache, l, d):
    """MiniCPM4 / fla-style mean pooling over a flat view of the paged cache."""
    tokens = _tokens_flat(input, block_table, _pos_clamp(lengths, l))
    pooled = tokens.float().mean(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def mulsum_advindex_index_copy(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_advindex(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_copy_(0, slot, torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def einsum_flat_where_setitem(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_flat(input, block_table, _pos_where(lengths, l))
    pooled = torch.einsum("bjhd,jh->bhd", tokens.float(), weight.float()).to(cache.dtype)
    slot = slots.long()
    cache[slot] = torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot])
    return cache


def mean_gather_index_copy(input, weight, slots, block_table, lengths, cache, l, d):
    """Mean pooling that scales each token before summing: the op's arithmetic in every dtype."""
    tokens = _tokens_gather_div(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * (1.0 / l)).sum(1).to(cache.dtype)
    slot = slots.long()
    cache.index_copy_(0, slot, torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def mulsum_advindex_where_twocasts(input, weight, slots, block_table, lengths, cache, l, d):
    """Slots cast twice (graphs are not CSE'd: two cast nodes)."""
    tokens = _tokens_advindex(input, block_table, _pos_where(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    rows = torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slots.long()])
    cache.index_put_((slots.long(),), rows)
    return cache


def einsum_headmajor_flat_index_copy(input, weight_nl, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_flat(input, block_table, _pos_clamp(lengths, l))
    pooled = torch.einsum("bjhd,hj->bhd", tokens.float(), weight_nl.float()).to(cache.dtype)
    slot = slots.long()
    cache.index_copy_(0, slot, torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def mulsum_scatter(input, weight, slots, block_table, lengths, cache, l, d):
    """scatter_ write-back (rows broadcast over heads and dims)."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    rows = torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot])
    cache.scatter_(0, slot[:, None, None].expand_as(rows), rows)
    return cache


FORMULATIONS = [
    Formulation("mulsum_index_put", mulsum_index_put),
    Formulation("mulsum_setitem_where_div", mulsum_setitem_where_div),
    Formulation("einsum_index_copy", einsum_index_copy, matrix_product=True),
    Formulation("einsum_headmajor_setitem", einsum_headmajor_setitem, "Nl", matrix_product=True),
    Formulation("mean_flat_index_put", mean_flat_index_put, "mean", exact_dtypes=(torch.float16,)),
    Formulation("mulsum_advindex_index_copy", mulsum_advindex_index_copy),
    Formulation("einsum_flat_where_setitem", einsum_flat_where_setitem, matrix_product=True),
    Formulation("mean_gather_index_copy", mean_gather_index_copy, "mean"),
    Formulation("mulsum_advindex_where_twocasts", mulsum_advindex_where_twocasts),
    Formulation("einsum_headmajor_flat_index_copy", einsum_headmajor_flat_index_copy, "Nl", matrix_product=True),
    Formulation("mulsum_scatter", mulsum_scatter),
]


# --- near misses: different math, must not fuse -------------------------------------------------------
def gated_weight(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    gate = torch.sigmoid(tokens.float().mean(dim=(1, 2, 3)))  # data-dependent, per batch
    w = weight.float()[None, :, :, None] * gate[:, None, None, None]
    pooled = (tokens.float() * w).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def positional_bias(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = ((tokens.float() * weight.float()[None, :, :, None]).sum(dim=1) + 0.5).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def other_condition(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    valid = (lengths >= l) & ((lengths - l) % d == 1)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(valid[:, None, None], pooled, cache[slot]))
    return cache


def mixes_along_d(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1)
    pooled = (pooled @ torch.eye(pooled.shape[-1], device=pooled.device).flip(0)).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def half_precision_products(input, weight, slots, block_table, lengths, cache, l, d):
    """No fp32 upcast: products and sum in the input dtype (only fp32 models may skip the casts)."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens * weight[None, :, :, None]).sum(dim=1)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def softmax_weight(input, weight, slots, block_table, lengths, cache, l, d):
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    w = torch.softmax(weight.float(), dim=0)[None, :, :, None]
    pooled = (tokens.float() * w).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def per_position_weight(input, weight, slots, block_table, lengths, cache, l, d):
    """Weight [l, 1] shared over heads, the heads' sum in fp32: not a weight in the data dtype (one
    column of the weight, ``weight[:, :1]``, is the op's weight expanded to [l, N] and fuses)."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    w = weight.float().sum(1, keepdim=True)[None, :, :, None]
    pooled = (tokens.float() * w).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def keep_branch_reads_other_slots(input, weight, slots, block_table, lengths, cache, l, d):
    """The 'keep' branch reads rows other than the ones written: not a masked in-place update."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot.flip(0)]))
    return cache


def scatter_other_rows(input, weight, slots, block_table, lengths, cache, l, d):
    """scatter_ whose index does not put row b at slots[b] (rows permuted)."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    rows = torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot])
    cache.scatter_(0, slot.flip(0)[:, None, None].expand_as(rows), rows)
    return cache


def flat_view_one_head(input, weight, slots, block_table, lengths, cache, l, d):
    """Flat view with the heads folded into rows: ``page * P + pos`` then names other tokens."""
    P, N, D = input.shape[1:]
    pos = _pos_clamp(lengths, l)
    tokens = input.view(-1, 1, D)[block_table.gather(1, pos // P) * P + pos % P]
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def advindex_first_row(input, weight, slots, block_table, lengths, cache, l, d):
    """Advanced indexing with one row index: every batch reads batch 0's page table."""
    P = input.shape[1]
    pos = _pos_clamp(lengths, l)
    rows = torch.arange(1, device=block_table.device)[:, None]
    tokens = input[block_table[rows, pos // P], pos % P]
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    cache.index_put_((slot,), torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot]))
    return cache


def scatter_first_head(input, weight, slots, block_table, lengths, cache, l, d):
    """scatter_ with an index expanded over one head only: the other heads are not written."""
    tokens = _tokens_gather(input, block_table, _pos_clamp(lengths, l))
    pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    slot = slots.long()
    rows = torch.where(_valid(lengths, l, d)[:, None, None], pooled, cache[slot])
    cache.scatter_(0, slot[:, None, None].expand(rows.shape[0], 1, rows.shape[2]), rows)
    return cache


NEAR_MISSES = [
    Formulation("gated_weight", gated_weight, fuses=False, why_not="data-dependent gate on the weight"),
    Formulation("positional_bias", positional_bias, fuses=False, why_not="bias added to the pooled value"),
    Formulation("other_condition", other_condition, fuses=False, why_not="(s-l) % d == 1"),
    Formulation("mixes_along_d", mixes_along_d, fuses=False, why_not="matmul over D"),
    Formulation("half_precision_products", half_precision_products, fuses=False,
                why_not="products in fp16/bf16 (fuses only for fp32 models, where it is the same math)"),
    Formulation("softmax_weight", softmax_weight, fuses=False, why_not="weight computed by softmax"),
    Formulation("per_position_weight", per_position_weight, fuses=False,
                why_not="weight [l, 1]: the heads' sum in fp32"),
    Formulation("keep_branch_reads_other_slots", keep_branch_reads_other_slots, fuses=False,
                why_not="keep branch reads other rows"),
    Formulation("scatter_other_rows", scatter_other_rows, fuses=False, why_not="scatter index is not slots[b]"),
    # the three below bind a size parameter of a pattern to something other than the size it
    # stands for (checks.sizes_agree): the structure matches, the math does not
    Formulation("flat_view_one_head", flat_view_one_head, fuses=False, why_not="flat view [-1, 1, D]"),
    Formulation("advindex_first_row", advindex_first_row, fuses=False, why_not="arange(1) rows: batch 0's pages"),
    Formulation("scatter_first_head", scatter_first_head, fuses=False, why_not="scatter index covers head 0 only"),
]

BY_NAME = {f.name: f for f in FORMULATIONS + NEAR_MISSES}


class CompressStep(torch.nn.Module):
    """One formulation as a module with its constants, the way a model layer holds them."""

    def __init__(self, formulation: Formulation, l: int, d: int):
        super().__init__()
        self.formulation, self.l, self.d = formulation, l, d

    def forward(self, input, weight, slots, block_table, lengths, cache):
        return self.formulation.step(input, weight, slots, block_table, lengths, cache, self.l, self.d)


def make_inputs(*, B=8, N=4, D=32, l=32, d=16, P=64, pages_per_seq=4, num_slots=None, dtype=torch.float16,
                index_dtype=torch.int32, weight_layout="lN", qualifying="some", seed=0, device="cpu"):
    """Random but valid inputs.  ``qualifying``: "none", "some" (about half) or "all" batches have a
    window that just completed.  Returns a dict with the op's arguments (weight in the formulation's
    layout) and ``op_weight`` ([l, N], what the fused op and the golden take)."""
    g = torch.Generator().manual_seed(seed)
    block_num = B * pages_per_seq + 3
    num_slots = num_slots or 2 * B + 5
    input = torch.randn(block_num, P, N, D, generator=g).to(dtype)
    op_weight = torch.randn(l, N, generator=g).to(dtype)
    if weight_layout == "mean":
        op_weight = torch.full((l, N), 1.0 / l, dtype=dtype)
    weight = op_weight.t().contiguous() if weight_layout == "Nl" else op_weight
    block_table = torch.randperm(block_num, generator=g)[: B * pages_per_seq].view(B, pages_per_seq)
    cap = pages_per_seq * P
    k_max = (cap - l) // d
    k = torch.randint(0, k_max + 1, (B,), generator=g)
    lengths = l + k * d  # all qualify
    off = torch.randint(1, d, (B,), generator=g) if d > 1 else torch.ones(B, dtype=torch.int64)
    not_q = torch.clamp(lengths - off, min=0)
    if qualifying == "none":
        lengths = not_q
    elif qualifying == "some":
        lengths = torch.where(torch.arange(B) % 2 == 0, lengths, not_q)
    lengths[0] = min(int(lengths[0]), cap)
    slots = torch.randperm(num_slots, generator=g)[:B]
    cache = torch.randn(num_slots, N, D, generator=g).to(dtype)
    return dict(input=input.to(device), weight=weight.to(device), op_weight=op_weight.to(device),
                slots=slots.to(index_dtype).to(device), block_table=block_table.to(index_dtype).to(device),
                lengths=lengths.to(device), cache=cache.to(device), l=l, d=d, P=P)
