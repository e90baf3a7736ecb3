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
from torch._inductor.fx_passes.post_grad import view_to_reshape
from torch._inductor.pattern_matcher import fwd_only


def _no_decompositions():
    return {}


def fwd_only_reshape(fn, args, *, get_decomp_fn=select_decomp_table):
    """``fwd_only``, then ``view`` -> ``reshape`` as Inductor does before its post-grad passes (and
    torchair before its post pass): a pattern traced with ``view`` would not match those graphs."""
    gm = fwd_only(fn, args, get_decomp_fn=get_decomp_fn)
    view_to_reshape(gm)
    gm.recompile()
    return gm


@dataclass(frozen=True)
class Dialect:
    """How a graph family spells ops: the decomposition table its patterns are traced with, and the
    trace functions whose spellings its graphs may carry (duplicates are skipped)."""

    name: str
    get_decomp_fn: Callable[[], dict]
    trace_fns: tuple = (fwd_only_reshape,)


INDUCTOR = Dialect("inductor", select_decomp_table)
# torchair rewrites view -> reshape only before its post pass; our pre pass can see either spelling
TORCHAIR = Dialect("torchair", _no_decompositions, (fwd_only_reshape, fwd_only))
DIALECTS = {d.name: d for d in (INDUCTOR, TORCHAIR)}

# Example values for scalars passed through ``scalar_workaround``: odd values that no shape or dim
# literal in the traced patterns uses, so every literal equal to them really is l (or d).
EXAMPLE_L = 29
EXAMPLE_D = 13
EXAMPLE_P = 17
