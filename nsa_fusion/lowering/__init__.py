"""What a matched composite becomes, chosen at replacement time.

``emit_compress`` runs while the pattern matcher traces the replacement (fake tensors: devices,
shapes and dtypes are known, values are not):

* Inductor graphs (CPU, GPU): ``nsa_fusion::compress_infer_`` — the portable kernels, or on NPU
  tensors the vendor kernel below the same op (``npu.py``).
* torchair graphs: the same op, whose GE converter emits ``NsaCompressWithCache``; when the vendor
  limits fail (``nsa_fusion.npu_supports``), a functional ``scatter`` write-back instead, which torchair
  can convert (it has no converter for index_put/index_copy) — correct, but it writes a new cache.

In Inductor's graphs the op is called functionally (``auto_functionalized``), and Inductor's own
reinplacing makes it write the cache input where nothing reads the old cache later; in torchair's it
mutates a clone of the cache, which ``rewrite.reinplace_clones`` removes under the same condition.
"""
from __future__ import annotations

import contextlib
import contextvars
import os

import torch

from .. import _validation as V
from ..diagnostics import record

_dialect = contextvars.ContextVar("nsa_fusion_dialect", default="inductor")
_triton_forced = os.environ.get("NSA_FUSION_FORCE_TRITON") == "1"


def force_triton_lowering(enabled: bool) -> bool:
    """Test/debug override (also ``NSA_FUSION_FORCE_TRITON=1``): CPU tensors take the Triton kernel
    (``triton_kernel.py``; with ``TRITON_INTERPRET=1`` it runs here, eager calls and compiled graphs
    alike), and the pass fuses on CUDA although the kernel has not been measured faster than Inductor
    there.  Returns the old value."""
    global _triton_forced
    previous, _triton_forced = _triton_forced, bool(enabled)
    from . import triton_kernel

    triton_kernel.sync_cpu_override()
    return previous


def triton_forced() -> bool:
    return _triton_forced


@contextlib.contextmanager
def lowering_for(dialect_name: str):
    token = _dialect.set(dialect_name)
    try:
        yield
    finally:
        _dialect.reset(token)


def fuses_on(device: torch.device) -> tuple[bool, str]:
    """Whether replacing the composite pays off on ``device``.  CPU: our native kernel; NPU: the
    vendor kernel (or its GE node).  CUDA: not yet — Inductor's own generated kernels for the
    composite beat the portable op there (H100, torch 2.11, the demo's decode step: 0.54 ms/step
    unfused vs 4.2 ms/step fused), and the Triton kernel has not been timed on a GPU; on with
    :func:`force_triton_lowering`.  Other devices: no kernel, the graph is left to Inductor."""
    from . import npu

    if device.type in ("cpu", "npu") or npu.forced():
        return True, ""
    if device.type == "cuda":
        if _triton_forced:
            from . import triton_kernel  # noqa: F401  (registers the op's CUDA kernel)

            return True, ""
        return False, ("the Triton kernel for cuda (nsa_fusion.lowering.triton_kernel) has not been timed "
                       "against Inductor's own code for the composite on a GPU yet (the portable op it "
                       "replaces took 4.2 ms/step against Inductor's 0.54 ms on an H100), so the graph is "
                       "left to Inductor (NSA_FUSION_FORCE_TRITON=1 fuses anyway)")
    return False, (f"no nsa_fusion kernel for {device.type} yet: Inductor's own code for the composite is "
                   "faster than the portable op there, so the graph is left to Inductor")


def emit_compress(input, weight, slots, block_table, lengths, cache, l: int, d: int,
                  functional: bool = False) -> torch.Tensor:
    """The fused step's code.  ``functional``: call the op through ``auto_functionalized`` (Inductor's
    graphs, where the cache is a graph input; see below)."""
    from . import npu

    P = input.shape[1]

    def vendor_limits():  # only where a target reads them: on symbolic sizes each comparison costs a guard check
        B = slots.shape[0]
        return V.npu_supports(compress_block_size=l, compress_stride=d, page_block_size=P,
                              num_heads=input.shape[2], head_dim=input.shape[3], dtype=input.dtype,
                              batch=B if isinstance(B, int) else None)  # a symbolic batch: checked at run time

    if _dialect.get() == "torchair":
        ok, reason = vendor_limits()
        if ok and not cache.is_contiguous():
            # GE runs on contiguous buffers: torchair feeds a non-contiguous graph input as a contiguous
            # copy and copies back only what the graph assigns, so the kernel's in-place write to
            # output_cache would land in the copy.  The scatter write-back is a graph output torchair
            # writes back into the input.
            ok, reason = False, "the cache is not contiguous (GE updates output_cache in place only on a contiguous input)"
        if not ok:
            record("target.ge_scatter", reason)
            return scatter_writeback(input, weight, slots, block_table, lengths, cache, l, d)
        record("target.npu")
    elif input.device.type == "npu" or npu.forced():
        ok, reason = vendor_limits()
        record("target.npu" if ok else "target.portable", reason)
    elif input.device.type == "cuda" or _triton_forced:
        from . import triton_kernel  # registers the kernel on the op (and on its CPU key when forced)

        record("target.triton")
    from ..debug_checks import check_step_values, debug_checks_enabled

    if debug_checks_enabled() and _dialect.get() != "torchair":  # opt-in checks (GE has no host check)
        lengths = check_step_values(input, weight, slots, block_table, lengths, cache, l, d)
    if functional:
        # Inductor's graph stays functional: its passes after ours (no-op clone removal, fusion and
        # scheduling of lazy reads) assume no mutation before the epilogue, and its own reinplacing
        # decides whether the call may write the cache input (not where the old cache is read later).
        from torch._higher_order_ops.auto_functionalize import auto_functionalized

        result = auto_functionalized(torch.ops.nsa_fusion.compress_infer_.default, input=input, weight=weight,
                                     slot_mapping=slots, block_table=block_table, actual_seq_len=lengths,
                                     cache=cache, compress_block_size=l, compress_stride=d, page_block_size=P)
        return result[-1]  # (the op's outputs: none, then the new value of each mutated argument)
    out = cache.clone()
    torch.ops.nsa_fusion.compress_infer_(input, weight, slots, block_table, lengths, out, l, d, P)
    return out


def replace_with_traced(node, fn, args, get_decomp_fn) -> list:
    """Replace ``node`` by ``fn`` traced on the fake values of ``args`` (``get_decomp_fn``: the graph
    dialect's decompositions; the functional passes off, since the graph is already functional), with
    the pattern matcher's own ``Match.replace_by_example``; returns the nodes it added.  Both the fused
    step (``rewrite.replace_step``) and torchair's write lowering (``ge_writes``) replace one node."""
    import functools

    from torch._inductor.pattern_matcher import Match, MatchContext, fwd_only

    match = Match(MatchContext([node], {node: node}, graph=node.graph), node)
    match.nodes = [node]
    trace = functools.partial(fwd_only, run_functional_passes=False, get_decomp_fn=get_decomp_fn)
    return match.replace_by_example(fn, args, trace_fn=trace)


def scatter_writeback(input, weight, slots, block_table, lengths, cache, l, d):
    """The composite with a functional ``scatter`` write-back: what GE can compile when the vendor
    kernel cannot take the shapes.  Same math as the op, in the op's order (fp32 products added in window
    order j = 0 .. l-1 from +0.0, one rounding: a ``sum`` would add them in its own order, and in fp32
    that shows), and the same padding-slot rule (:func:`portable.masked_rows`).  A GE graph has no host
    check to raise on a length beyond the capacity (invalid input, docs/contract.md), so such a row writes
    nothing: what eager code that guards ``s <= capacity`` does, and the window it would read has no page."""
    from .portable import _weighted_window_sum, masked_rows, window_tokens

    valid = V.qualifying_mask(lengths, l, d) & (lengths <= block_table.shape[1] * input.shape[1])
    tokens = window_tokens(input, block_table, lengths, l, input.shape[1], valid)
    pooled = _weighted_window_sum(tokens, weight).to(cache.dtype)
    index, rows = masked_rows(pooled, valid, slots, cache)
    return torch.scatter(cache, 0, index[:, None, None].expand_as(rows), rows)
