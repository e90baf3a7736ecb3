"""Stage B: pooling x write-back around ``window_gather`` -> the fused in-place op.

Unfused (after stage A; formulation 1 of SPEC §5, fp16/bf16)::

    tokens = nsa_fusion.window_gather(input, block_table, lengths, l)
    pooled = (tokens.float() * w).sum(1).to(dtype)           # w: float(weight) as [1, l, N, 1]
    valid  = (lengths >= l) & ((lengths - l) % d == 0)
    new    = index_put(cache, (slots,), where(valid[:, None, None], pooled, cache[slots]))

Fused (then re-inplaced: the clone disappears, see fusion_pass.py)::

    new = cache.clone(); nsa_fusion.compress_infer_(input, weight, slots, block_table, lengths, new, l, d, P)

A pattern = one pooling x one write-back x one slot spelling.  l and d come in through
``scalar_workaround``, so one pattern covers every (l, d, P), and the matcher's re-trace with the
model's own values proves the window length, stride and condition literals agree.  What a re-trace
cannot see is checked in :mod:`.checks` (weight provenance and shape, dtypes, mean exactness).
"""
from __future__ import annotations

import functools
import itertools
from typing import Callable, Iterator, NamedTuple

import torch

from . import EXAMPLE_D, EXAMPLE_L, EXAMPLE_SIZES, checks, with_params


class Pooling(NamedTuple):
    """How the window is reduced.  ``weighted``: takes a weight leaf whose shape is ``weight_shape``
    (a function of l, N); ``casts``: written with ``.float()`` / ``.to(dtype)`` (fp16/bf16 models),
    otherwise only valid for fp32 models (checked); ``to_op_weight`` turns the leaf into the op's
    ``[l, N]`` weight in the input dtype."""

    name: str
    pool: Callable  # (tokens, w, **sizes) -> pooled [B, N, D]
    weighted: bool
    casts: bool
    weight_layout: str  # "bcast" [.., l, N, 1], "bmm" [N, l, 1], "mean"
    sizes: tuple[str, ...] = ()  # sizes it puts in shape lists (see patterns.EXAMPLE_SIZES)


def _mulsum_cast(tokens, w):
    return (tokens.float() * w).sum(dim=1).to(tokens.dtype)


def _mulsum(tokens, w):
    return (tokens * w).sum(dim=1)


def _einsum_bmm(tokens, w, batch, heads, head_dim):
    # How torch.einsum("bjhd,jh->bhd") / ("bjhd,hj->bhd") reaches both graph dialects (einsum is
    # decomposed while tracing): a bmm batched over heads.  The weight enters as the bmm's [N, l, 1]
    # operand; both weight layouts give the same operand after Inductor drops identity permutes, and
    # torchair's un-simplified permutes are view ops that checks.weight_source walks through.
    B, N, D, l = batch, heads, head_dim, tokens.shape[1]
    t = tokens.permute(0, 2, 3, 1).permute(1, 0, 2, 3).clone(memory_format=torch.contiguous_format)
    out = torch.bmm(torch.ops.aten._unsafe_view(t, [N, B * D, l]), w)  # einsum's own spelling
    return out.view(N, B, D, 1).permute(1, 0, 2, 3).view(B, N, D)


def _einsum_cast(tokens, w, batch, heads, head_dim):
    return _einsum_bmm(tokens.float(), w, batch, heads, head_dim).to(tokens.dtype)


def _mean_cast(tokens, w=None):
    return tokens.float().mean(dim=1).to(tokens.dtype)


def _mean(tokens, w=None):
    return tokens.mean(dim=1)


_BND = ("batch", "heads", "head_dim")
POOLINGS = [
    Pooling("mulsum_cast", _mulsum_cast, True, True, "bcast"),
    Pooling("mulsum", _mulsum, True, False, "bcast"),
    Pooling("einsum_cast", _einsum_cast, True, True, "bmm", _BND),
    Pooling("einsum", _einsum_bmm, True, False, "bmm", _BND),
    Pooling("mean_cast", _mean_cast, False, True, "mean"),
    Pooling("mean", _mean, False, False, "mean"),
]


def to_op_weight(layout: str, w, l: int, input: torch.Tensor) -> torch.Tensor:
    """The op's [l, N] weight in the input dtype.  Exact: checks.py proved ``w`` holds values of
    the input dtype (only widening casts and view ops between it and a tensor of that dtype)."""
    N = input.shape[2]
    if layout == "bcast":
        return w.reshape(l, N).to(input.dtype)
    if layout == "bmm":  # w[h, j, 0] = weight[j, h]
        return w.reshape(N, l).t().to(input.dtype)
    # mean: 1/l, exact in every float dtype when l is a power of two (checked)
    return torch.full((l, N), 1.0 / l, dtype=input.dtype, device=input.device)


# -- write-backs: (cache, slot index for the read, slot index for the write, rows, **sizes) -> new cache
class WriteBack(NamedTuple):
    fn: Callable
    sizes: tuple[str, ...] = ()


def _index_put(cache, read_slots, write_slots, rows):
    return torch.index_put(cache, (write_slots,), rows)


def _index_copy(cache, read_slots, write_slots, rows):
    return torch.index_copy(cache, 0, write_slots, rows)


def _scatter(cache, read_slots, write_slots, rows, batch, heads, head_dim):
    # the model's ``slots[:, None, None].expand_as(rows)``, sizes spelled as parameters
    return torch.scatter(cache, 0, write_slots[:, None, None].expand(batch, heads, head_dim), rows)


WRITEBACKS = {"index_put": WriteBack(_index_put), "index_copy": WriteBack(_index_copy),
              "scatter": WriteBack(_scatter, _BND)}


# -- slot spellings: graphs are not CSE'd, so one cast used twice and two casts differ ----------------
def _slots_as_is(slots):
    return slots, slots


def _slots_cast_twice(slots):
    return slots.long(), slots.long()


SLOTS = {"slots": _slots_as_is, "slots2cast": _slots_cast_twice}


class CompressPattern(NamedTuple):
    name: str
    pooling: Pooling
    search: Callable
    replace: Callable
    example_inputs: Callable  # dtype -> list of example tensors
    scalars: dict  # scalar_workaround for this pattern's scalar parameters
    check: Callable  # match -> (ok, reason)


def _body(pooling, writeback, slot_spelling, input, block_table, lengths, weight, slots, cache, l, d, **sizes):
    tokens = torch.ops.nsa_fusion.window_gather(input, block_table, lengths, l)
    pooled = pooling.pool(tokens, weight, **{k: sizes[k] for k in pooling.sizes})
    valid = (lengths >= l) & ((lengths - l) % d == 0)
    read_slots, write_slots = slot_spelling(slots)
    rows = torch.where(valid[:, None, None], pooled, cache[read_slots])
    return writeback.fn(cache, read_slots, write_slots, rows, **{k: sizes[k] for k in writeback.sizes})


def _fused(pooling, input, block_table, lengths, weight, slots, cache, l, d, **sizes):
    from ..lowering import emit_compress

    op_weight = to_op_weight(pooling.weight_layout, weight, l, input)
    return emit_compress(input, op_weight, slots, block_table, lengths, cache, l, d)


def _example_inputs(pooling: Pooling, slot_dtype):
    def make(dtype):
        l, B, N, D = EXAMPLE_L, EXAMPLE_SIZES["batch"], EXAMPLE_SIZES["heads"], EXAMPLE_SIZES["head_dim"]
        inp = torch.empty(8, 16, N, D, dtype=dtype)
        w = {"bcast": (1, l, N, 1), "bmm": (N, l, 1)}.get(pooling.weight_layout)
        tensors = [inp, torch.zeros(B, 4, dtype=torch.int32), torch.zeros(B, dtype=torch.int64)]
        if w is not None:
            tensors.append(torch.empty(w, dtype=torch.float32))
        tensors += [torch.zeros(B, dtype=slot_dtype), torch.empty(10, N, D, dtype=dtype)]
        return tensors

    return make


def compress_patterns() -> Iterator[CompressPattern]:
    for pooling, (wn, writeback), (sn, slot_spelling) in itertools.product(
            POOLINGS, WRITEBACKS.items(), SLOTS.items()):
        if wn in ("index_copy", "scatter") and sn == "slots":
            slot_dtype = torch.int64  # these need int64 indices: the leaf is the (shared) cast
        else:
            slot_dtype = torch.int32 if sn == "slots2cast" else torch.int64
        sizes = tuple(k for k in EXAMPLE_SIZES if k in pooling.sizes + writeback.sizes)
        # register_replacement binds parameters by name and needs each one used by the pattern
        params = ("input", "block_table", "lengths", *(("weight",) if pooling.weighted else ()), "slots", "cache",
                  "l", "d", *sizes)
        search = with_params(params, functools.partial(_body, pooling, writeback, slot_spelling, weight=None))
        replace = with_params(params, functools.partial(_fused, pooling, weight=None))
        scalars = {"l": EXAMPLE_L, "d": EXAMPLE_D, **{k: EXAMPLE_SIZES[k] for k in sizes}}
        yield CompressPattern(f"{pooling.name}+{wn}+{sn}", pooling, search, replace,
                              _example_inputs(pooling, slot_dtype), scalars, _checker(pooling, sizes))


def _checker(pooling: Pooling, sizes: tuple[str, ...]):
    def check_compress(match) -> tuple[bool, str]:
        ok, reason = checks.check_compress(match, pooling)
        return (ok, reason) if not ok else checks.sizes_agree(match.kwargs, sizes)

    return check_compress
