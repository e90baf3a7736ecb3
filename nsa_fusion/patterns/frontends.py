"""Stage A: paged window gather front-ends -> ``nsa_fusion.window_gather``.

Unfused (one of many spellings)::

    pos    = (lengths[:, None] - l + arange(l)).clamp(min=0)
    tokens = input[block_table.gather(1, pos // P), pos % P]          # [B, l, N, D]

Fused::

    tokens = nsa_fusion.window_gather(input, block_table, lengths, l)

l and P reach the pattern through ``scalar_workaround``, so one pattern covers every (l, P) and the
matcher's re-trace proves the model's literals agree with them.  P, and the sizes the flat and
advanced-index spellings put in shape lists, are pattern arguments rather than ``input.shape[i]``:
under dynamic shapes the model's graph carries them as SymInt graph inputs, while a re-traced
``input.shape[i]`` would be a ``sym_size`` node.  The front-end's check then proves each one is the
size it stands for (:func:`.checks.sizes_agree`).
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterator, NamedTuple

import torch

from . import EXAMPLE_L, EXAMPLE_P, EXAMPLE_SIZES, with_params


# -- positions: the window's token positions, negatives mapped to 0 ---------------------------------
def _positions_clamp(lengths, l):
    return (lengths[:, None] - l + torch.arange(l, device=lengths.device)).clamp(min=0)


def _positions_where(lengths, l):
    pos = lengths[:, None] - l + torch.arange(l, device=lengths.device)
    return torch.where(pos < 0, 0, pos)


def _positions_where_full(lengths, l):
    # Inductor's joint-graph passes turn the scalar 0 of torch.where into full([], 0): same math
    pos = lengths[:, None] - l + torch.arange(l, device=lengths.device)
    return torch.where(pos < 0, torch.zeros((), dtype=pos.dtype, device=pos.device), pos)


# -- page index: floor division spelled two ways (distinct ops in torchair's graph) -----------------
def _floordiv_op(pos, P):
    return pos // P


def _floordiv_div(pos, P):
    return torch.div(pos, P, rounding_mode="floor")


# -- gathers: (input, block_table, pos, P, floordiv, **sizes) -> tokens [B, l, N, D] ---------------
def _gather_index(input, block_table, pos, P, floordiv):
    return input[block_table.gather(1, floordiv(pos, P)), pos % P]


def _gather_flat(input, block_table, pos, P, floordiv, heads, head_dim):
    flat = input.reshape(-1, heads, head_dim)
    return flat[block_table.gather(1, floordiv(pos, P)) * P + pos % P]


def _advanced_index(input, block_table, pos, P, floordiv, batch):
    rows = torch.arange(batch, device=block_table.device)[:, None]
    return input[block_table[rows, floordiv(pos, P)], pos % P]


class Gather(NamedTuple):
    fn: Callable
    sizes: tuple[str, ...] = ()  # sizes it puts in shape lists (see patterns.EXAMPLE_SIZES)


class FrontEnd(NamedTuple):
    name: str
    search: Callable
    replace: Callable
    scalars: dict  # scalar_workaround for this front-end's scalar parameters
    check: Callable  # match -> (ok, reason)


POSITIONS = {"clamp": _positions_clamp, "where": _positions_where, "where0": _positions_where_full}
FLOORDIVS = {"floordiv": _floordiv_op, "divfloor": _floordiv_div}
GATHERS = {"gather": Gather(_gather_index), "flat": Gather(_gather_flat, ("heads", "head_dim")),
           "advindex": Gather(_advanced_index, ("batch",))}
_PARAMS = ("input", "block_table", "lengths", "l", "P")


def frontends() -> Iterator[FrontEnd]:
    """Every (positions x floor-division x gather) spelling, as search and replacement functions."""
    for (pn, positions), (fn, floordiv), (gn, gather) in itertools.product(
            POSITIONS.items(), FLOORDIVS.items(), GATHERS.items()):
        params = _PARAMS + gather.sizes
        scalars = {"l": EXAMPLE_L, "P": EXAMPLE_P, **{k: EXAMPLE_SIZES[k] for k in gather.sizes}}
        yield FrontEnd(f"{gn}_{pn}_{fn}", with_params(params, _compose(positions, floordiv, gather.fn)),
                       with_params(params, replacement), scalars, _checker(("P",) + gather.sizes))


def _compose(positions, floordiv, gather):
    def search(input, block_table, lengths, l, P, **sizes):
        return gather(input, block_table, positions(lengths, l), P, floordiv, **sizes)

    return search


def replacement(input, block_table, lengths, l, P, **sizes):
    return torch.ops.nsa_fusion.window_gather(input, block_table, lengths, l)


def _checker(sizes: tuple[str, ...]):
    def check_frontend(match) -> tuple[bool, str]:
        """The page size, and any size in a shape list, are the paged input's and the batch's
        (else: different tokens)."""
        from .checks import sizes_agree

        return sizes_agree(match.kwargs, sizes)

    return check_frontend


def example_inputs(dtype=torch.float16, index_dtype=torch.int32):
    """Small example tensors for the initial trace (scalars come from scalar_workaround), sized
    with the example sizes so that their literals in shape lists become the size parameters."""
    B, N, D, pages = EXAMPLE_SIZES["batch"], EXAMPLE_SIZES["heads"], EXAMPLE_SIZES["head_dim"], 4
    return [torch.empty(8, EXAMPLE_P, N, D, dtype=dtype), torch.zeros(B, pages, dtype=index_dtype),
            torch.zeros(B, dtype=torch.int64)]


RESTORE_SCALARS = {"l": EXAMPLE_L}


def restore_search(input, block_table, lengths, l):
    return torch.ops.nsa_fusion.window_gather(input, block_table, lengths, l)


def restore(input, block_table, lengths, l):
    """Undo stage A where stage B did not fire: the plain gather, as the reference spells it."""
    return _gather_index(input, block_table, _positions_clamp(lengths, l), input.shape[1], _floordiv_op)
