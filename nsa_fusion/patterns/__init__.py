"""What the fusion pass matches, built from small formulation families (SPEC §5).

The composite is matched in two stages so that families compose instead of multiplying:

  stage A  ``frontends.py``  every spelling of the paged window gather   -> nsa_fusion.window_gather
  stage B  ``compress.py``   pooling x write-back around window_gather   -> fused in-place op

Adding a front-end (or a pooling, or a write-back) is one small function in its family's list.
Each pattern is declared once and traced per graph dialect (:class:`Dialect`): Inductor's
post-grad graph (Inductor decompositions) and torchair's graph (no decompositions).
"""
from __future__ import annotations

import inspect
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

# Example values for scalars passed through ``scalar_workaround``: values that no other shape or dim
# literal in the traced patterns uses (permute lists, unsqueeze/sum dims, example tensor sizes), so
# every literal equal to one of them really is that scalar.
EXAMPLE_L = 29  # window length l
EXAMPLE_D = 13  # window stride d
EXAMPLE_P = 17  # page size P
# Sizes that spellings put in shape lists (einsum's bmm views, a flat view, arange(B), an expand).
# They are pattern arguments, not ``tensor.shape[i]``: under dynamic shapes the model's graph
# carries them as SymInt graph inputs, while a re-traced ``tensor.shape[i]`` would be a ``sym_size``
# node that never matches one.  The checks prove each equals the size it stands for.
EXAMPLE_SIZES = {"batch": 7, "heads": 6, "head_dim": 11}


def with_params(names, body: Callable) -> Callable:
    """``body(**kwargs)`` as a function whose parameters are exactly ``names``.

    ``register_replacement`` binds a search function's parameter names to the matched nodes and
    requires every one of them to appear in the pattern, so a family that puts sizes in shape lists
    declares them and gets a signature with exactly those extra parameters.
    """
    def fn(*args):
        return body(**dict(zip(names, args)))

    fn.__signature__ = inspect.Signature(
        [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names])
    return fn
