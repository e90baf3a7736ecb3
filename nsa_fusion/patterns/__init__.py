"""What the fusion pass matches, built from small formulation families (SPEC §5).

The composite is matched in two stages so that families compose instead of multiplying:

  stage A  ``frontends.py``  every spelling of the paged window gather   -> nsa_fusion.window_gather
  stage B  ``compress.py``   pooling x write-back around window_gather   -> fused in-place op

Adding a front-end (or a pooling, or a write-back) is one small function in its family's list.
Each pattern is declared once and traced per graph dialect (:class:`Dialect`): Inductor's
post-grad graph (Inductor decompositions) and torchair's graph (no decompositions).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from torch._inductor.decomposition import select_decomp_table


def _no_decompositions():
    return {}


@dataclass(frozen=True)
class Dialect:
    """How a graph family spells ops: the decomposition table its patterns are traced with."""

    name: str
    get_decomp_fn: Callable[[], dict]


INDUCTOR = Dialect("inductor", select_decomp_table)
TORCHAIR = Dialect("torchair", _no_decompositions)
DIALECTS = {d.name: d for d in (INDUCTOR, TORCHAIR)}

# Example values for scalars passed through ``scalar_workaround``: odd values that no shape or dim
# literal in the traced patterns uses, so every literal equal to them really is l (or d).
EXAMPLE_L = 29
EXAMPLE_D = 13
