"""Stage A: paged window gather front-ends -> ``nsa_fusion.window_gather``.

Unfused (one of many spellings)::

    pos    = (lengths[:, None] - l + arange(l)).clamp(min=0)
    tokens = input[block_table.gather(1, pos // P), pos % P]          # [B, l, N, D]

Fused::

    tokens = nsa_fusion.window_gather(input, block_table, lengths, l)

l and P reach the pattern through ``scalar_workaround``, so one pattern covers every (l, P) and the
matcher's re-trace proves the model's literals agree with them.  P is a pattern argument rather than
``input.shape[1]`` because under dynamic shapes the model's page size is a SymInt graph input, while
a re-traced ``input.shape[1]`` would be a ``sym_size`` node; :func:`check_frontend` then proves P is
the input's page dimension.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterator, NamedTuple

import torch

from . import EXAMPLE_L, EXAMPLE_P


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


# -- gathers ---------------------------------------------------------------------------------------
def _gather_index(input, block_table, pos, P, floordiv):
    return input[block_table.gather(1, floordiv(pos, P)), pos % P]


def _gather_flat(input, block_table, pos, P, floordiv):
    flat = input.reshape(-1, input.shape[2], input.shape[3])
    return flat[block_table.gather(1, floordiv(pos, P)) * P + pos % P]


def _advanced_index(input, block_table, pos, P, floordiv):
    rows = torch.arange(block_table.shape[0], device=block_table.device)[:, None]
    return input[block_table[rows, floordiv(pos, P)], pos % P]


class FrontEnd(NamedTuple):
    name: str
    search: Callable


POSITIONS = {"clamp": _positions_clamp, "where": _positions_where, "where0": _positions_where_full}
FLOORDIVS = {"floordiv": _floordiv_op, "divfloor": _floordiv_div}
GATHERS = {"gather": _gather_index, "flat": _gather_flat, "advindex": _advanced_index}


def frontends() -> Iterator[FrontEnd]:
    """Every (positions x floor-division x gather) spelling, as a search function."""
    for (pn, positions), (fn, floordiv), (gn, gather) in itertools.product(
            POSITIONS.items(), FLOORDIVS.items(), GATHERS.items()):
        yield FrontEnd(f"{gn}_{pn}_{fn}", _compose(positions, floordiv, gather))


def _compose(positions, floordiv, gather):
    # register_replacement reads the search function's parameter names: keep them exactly these.
    def search(input, block_table, lengths, l, P):
        return gather(input, block_table, positions(lengths, l), P, floordiv)

    return search


def replacement(input, block_table, lengths, l, P):
    return torch.ops.nsa_fusion.window_gather(input, block_table, lengths, l)


def check_frontend(match) -> bool:
    """The window's page size must be the paged input's page dimension (else: different tokens)."""
    val = match.kwargs["input"].meta.get("val")
    P = match.kwargs.get("P")
    if P is None:  # older torch: literal scalars are not in the re-traced match's kwargs
        P = next((n.args[1] for n in match.nodes if n.target == torch.ops.aten.remainder.Scalar), None)
    P = P.meta.get("val") if isinstance(P, torch.fx.Node) else P
    if not isinstance(val, torch.Tensor) or val.dim() != 4:
        return False
    try:
        from torch.fx.experimental.symbolic_shapes import statically_known_true

        return bool(statically_known_true(val.shape[1] == P))
    except Exception:
        return False


def example_inputs(dtype=torch.float16, index_dtype=torch.int32):
    """Small example tensors for the initial trace (l comes from scalar_workaround)."""
    B, P, N, D, pages = 3, EXAMPLE_P, 2, 8, 4
    return [torch.empty(8, P, N, D, dtype=dtype), torch.zeros(B, pages, dtype=index_dtype),
            torch.zeros(B, dtype=torch.int64)]


SCALARS = {"l": EXAMPLE_L, "P": EXAMPLE_P}


def restore_search(input, block_table, lengths, l):
    return torch.ops.nsa_fusion.window_gather(input, block_table, lengths, l)


def restore(input, block_table, lengths, l):
    """Undo stage A where stage B did not fire: the plain gather, as the reference spells it."""
    return _gather_index(input, block_table, _positions_clamp(lengths, l), input.shape[1], _floordiv_op)
