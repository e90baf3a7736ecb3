"""Triton kernel of ``nsa_fusion::compress_infer_``: the op's CUDA kernel (and, forced, its CPU kernel
under Triton's interpreter).

What Inductor makes of the composite, and what this kernel does instead::

    unfused (gather, pooling, masked write)              fused (one launch, grid = B x head blocks x D blocks)
      tokens = kv[pages(b, s-l..s-1), offsets]  [B,l,N,D]   s = lengths[b]            (read on the device)
      pooled = (tokens.float() * w.float()).sum(1)           if s >= l and (s-l) % d == 0:
      new = where(valid, pooled.to(dt), cache[slots])            acc = +0.0
      cache[slots] = new                                         for j in 0..l-1: acc = acc + w[j]*x(s-l+j)
                                                                 cache[slot[b]] = round_to_dt(acc)

Numbers (bit-exact to the contract, docs/contract.md): one program per (batch row, head block, D block)
sums the fp32 products of its window in order j = 0..l-1 starting from +0.0 (a sequential loop, never
``tl.sum``, whose tree order differs), each product and each sum rounded to fp32 separately, then one
round-to-nearest-even cast to the cache dtype.  The separate roundings need care on a GPU: Triton
3.9's CUDA backend contracts ``acc + w * x`` into one FMA unless the launch passes
``enable_fp_fusion=False`` (LLVM's fp-contract off and ``ptxas --fmad=false``), which every launch here
does.  The interpreter (``TRITON_INTERPRET=1``) evaluates each operation with numpy, so products and sums
round separately there too; there the kwarg is ignored.  Nothing else in the kernel rounds: fp16/bf16
-> fp32 loads are exact, the CUDA backend does not flush fp32 subnormals (it sets no
``denormal-fp-math``; ``enable_reflect_ftz`` only affects libdevice, which the kernel does not call),
and fp16 is rounded by ``cvt.rn``; bf16 is rounded on the bits (see the kernel).  The tests build the
kernel for sm_90 without a GPU and read this off its PTX and SASS (no FMA, no ``.ftz``).

Device-side condition and bounds: the lengths, slots and page ids are read by the kernel, never by the
host, so the launch is the same whatever the lengths are: safe under CUDA graph capture, with lengths
that change every replay.  A row writes only if its window completes, its slot is in
``[0, num_slots)``, ``s <= max_pages * P`` and every page id its window reads is in
``[0, block_num)``; otherwise it writes nothing (padding slots and pages of rows that do not complete
are never read).  A GPU kernel cannot raise without a host sync, so an out-of-range id on a completing
row is skipped rather than reported: :func:`nsa_fusion.compress_infer` checks values in eager calls
before the op runs (``NSA_FUSION_CHECK_VALUES``), as on CPU.

Registration: importing this module registers the CUDA kernel on the op
(``torch.library.register_kernel``; the op's fake kernel is unchanged, so tracing and Inductor see the
same op).  ``nsa_fusion.lowering.force_triton_lowering(True)`` / ``NSA_FUSION_FORCE_TRITON=1`` also
puts the kernel on the op's CPU key (above whatever CPU kernel is registered, removed again when the
switch goes off), so with ``TRITON_INTERPRET=1`` eager calls and compiled graphs run it here.
Triton is imported on first use only (it takes a noticeable fraction of a second to import).
"""
from __future__ import annotations

import contextlib
import functools
import os
import warnings

import torch

OP = "nsa_fusion::compress_infer_"

triton = tl = None  # imported on first launch (:func:`_jitted`)
# compile options of every launch: no FP contraction (``acc + w * x`` stays a rounded product and a
# rounded sum; Triton's CUDA default would emit fma.rn.f32); tests compile the kernel with these
LAUNCH_OPTIONS = {"enable_fp_fusion": False}
WINDOW_UNROLL = 8  # window positions whose loads are issued together
_jit_cache: dict = {}


def _compress_kernel(x_ptr, w_ptr, slot_ptr, bt_ptr, len_ptr, cache_ptr,
                     sx0, sx1, sx2, sx3, sw0, sw1, s_slot, sbt0, sbt1, s_len, sc0, sc1, sc2,
                     N, D, block_num, num_slots, max_pages, l, d, P,
                     BLOCK_H: tl.constexpr, BLOCK_D: tl.constexpr, IS_BF16: tl.constexpr,
                     UNROLL: tl.constexpr):
    b = tl.program_id(0).to(tl.int64)
    h = tl.program_id(1) * BLOCK_H + tl.arange(0, BLOCK_H)
    e = tl.program_id(2) * BLOCK_D + tl.arange(0, BLOCK_D)
    e_in = (e < D)[None, :]
    s = tl.load(len_ptr + b * s_len).to(tl.int64)
    slot = tl.load(slot_ptr + b * s_slot).to(tl.int64)
    # the contract's condition, plus what keeps every read of this row in bounds (s <= max_pages * P,
    # without an int32 product; s < 2**31 so that the positions below are int32: 32-bit divisions)
    writes = (s >= l) & ((s - l) % d == 0) & ((s + P - 1) // P <= max_pages) & (s < 2147483648)
    writes = writes & (slot >= 0) & (slot < num_slots)
    if writes:
        s32 = s.to(tl.int32)
        h64 = h.to(tl.int64)
        x_tile = h64[:, None] * sx2 + e.to(tl.int64)[None, :] * sx3
        acc = tl.full([BLOCK_H, BLOCK_D], 0.0, tl.float32)  # +0.0; builtins only, see _jitted
        pages_ok = writes
        # window order: a sequential fp32 sum, bit-exact to the contract.  Unrolled UNROLL positions at a
        # time (the loads of a chunk go out together; a position past l loads nothing and adds nothing)
        for j0 in range(0, l, UNROLL):
            for u in tl.static_range(UNROLL):
                j = j0 + u
                live = j < l
                p = s32 - l + j
                page = tl.load(bt_ptr + b * sbt0 + (p // P) * sbt1, mask=live, other=0).to(tl.int64)
                page_ok = live & (page >= 0) & (page < block_num)
                pages_ok = pages_ok & (page_ok | (j >= l))
                # scalar conditions enter masks through a bound (h < 0 when false): Triton 3.9's
                # interpreter turns `bool block & bool scalar` into int32, which tl.load refuses as a mask
                x_in = (h < tl.where(page_ok, N, 0))[:, None] & e_in
                x = tl.load(x_ptr + page * sx0 + (p % P) * sx1 + x_tile, mask=x_in, other=0.0)
                w = tl.load(w_ptr + j * sw0 + h64 * sw1, mask=h < tl.where(live, N, 0), other=0.0)
                if IS_BF16:  # a bf16 is the top half of the fp32 of the same value (see below)
                    x = (x.to(tl.uint16, bitcast=True).to(tl.uint32) << 16).to(tl.float32, bitcast=True)
                    w = (w.to(tl.uint16, bitcast=True).to(tl.uint32) << 16).to(tl.float32, bitcast=True)
                # two roundings, the product's and the sum's: launched without FP fusion (above)
                acc = tl.where(live, acc + w.to(tl.float32)[:, None] * x.to(tl.float32), acc)
        c_tile = slot * sc0 + h64[:, None] * sc1 + e.to(tl.int64)[None, :] * sc2
        out_in = (h < tl.where(pages_ok, N, 0))[:, None] & e_in
        if IS_BF16:
            # fp32 -> bf16 round to nearest even on the bits, the same code compiled and interpreted
            # (Triton 3.9's interpreter truncates `acc.to(tl.bfloat16)`); the carry into the exponent
            # is right (overflow -> inf), NaN stays NaN
            bits = acc.to(tl.uint32, bitcast=True)
            rounded = tl.where(acc != acc, 0x7FC0, (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16)
            out = rounded.to(tl.uint16).to(tl.bfloat16, bitcast=True)
        else:
            out = acc.to(cache_ptr.dtype.element_ty)  # fp16: RNE (cvt.rn.f16.f32 / numpy); fp32: as is
        tl.store(cache_ptr + c_tile, out, mask=out_in)


@functools.cache
def available() -> tuple[bool, str]:
    """(whether Triton imports here, why not)."""
    try:
        import triton as _  # noqa: F401
    except Exception as exc:  # ImportError, or a broken install
        return False, f"triton is not importable: {type(exc).__name__}: {exc}"
    return True, ""


def interpreting() -> bool:
    """Whether Triton runs kernels in its interpreter (``TRITON_INTERPRET=1``, read at launch)."""
    try:
        from triton import knobs
    except ImportError:  # triton < 3.4: the variable itself
        return os.environ.get("TRITON_INTERPRET", "0").lower() in ("1", "true", "on", "yes")
    return bool(knobs.runtime.interpret)


def _jitted():
    """The kernel as a Triton function: compiled or interpreted, whichever ``TRITON_INTERPRET`` asks
    for now (``triton.jit`` reads it when it wraps a function, so one wrapper per mode).  The kernel
    calls only Triton builtins, none of ``triton.language``'s own ``@jit`` functions (``tl.zeros``,
    ``tl.sum``, ``tl.cdiv``, ...): those were jitted when triton was imported, and the interpreter
    cannot call a compiled one, so the variable could not be set after ``import triton``."""
    global triton, tl
    if triton is None:
        import triton as _triton
        import triton.language as _tl

        triton, tl = _triton, _tl
    mode = interpreting()
    if mode not in _jit_cache:
        _jit_cache[mode] = triton.jit(_compress_kernel)
    return _jit_cache[mode]


def block_sizes(N: int, D: int) -> tuple[int, int]:
    """(BLOCK_H, BLOCK_D): up to 64 elements of D and 1024 elements per program.  Decode steps complete
    few windows at a time (one row in d), and each program walks its window sequentially, so
    smaller tiles give more programs, hence more loads in flight, where only a few rows write
    (untimed on a GPU so far: tools/gpu_check.sh)."""
    block_d = min(_next_pow2(D), 64)
    return min(_next_pow2(N), max(1, 1024 // block_d)), block_d


def _next_pow2(n: int) -> int:
    return 1 << max(0, int(n) - 1).bit_length()


def compress(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P) -> None:
    """Launch the kernel (in place on ``cache``; no host read of any tensor value)."""
    B, N, D = slot_mapping.shape[0], input.shape[2], input.shape[3]
    if B == 0 or N == 0 or D == 0:
        return
    if input.device.type == "cpu" and not (available()[0] and interpreting()):
        raise RuntimeError("the Triton kernel runs CPU tensors only in Triton's interpreter: set "
                           "TRITON_INTERPRET=1 (or turn NSA_FUSION_FORCE_TRITON off)")
    from .portable import overlaps

    if overlaps(cache, input, weight, slot_mapping, block_table, actual_seq_len):
        # eager reads every window before it writes a row; the programs of this kernel read their window, weight,
        # slot and length while others store rows, so a cache that shares memory with any of them (a view of the
        # KV passed as the cache, red team 62 A1 / 63 A2; a weight inside the cache, 63 W1) is written through a
        # copy (fixed shapes, no host read: capture-safe)
        out = cache.clone()
        compress(input, weight, slot_mapping, block_table, actual_seq_len, out, l, d, P)
        cache.copy_(out)
        return
    kernel = _jitted()
    block_h, block_d = block_sizes(N, D)
    bf16 = cache.dtype == torch.bfloat16
    grid = (B, triton.cdiv(N, block_h), triton.cdiv(D, block_d))
    args = (input, weight, slot_mapping, block_table, actual_seq_len, cache,
            *input.stride(), *weight.stride(), slot_mapping.stride(0), *block_table.stride(),
            actual_seq_len.stride(0), *cache.stride(),
            N, D, input.shape[0], cache.shape[0], block_table.shape[1], l, d, P)
    on_device = torch.cuda.device(input.device) if input.device.type == "cuda" else contextlib.nullcontext()
    with on_device:  # Triton launches on the current device's current stream (captured, under a graph)
        kernel[grid](*args, BLOCK_H=block_h, BLOCK_D=block_d, IS_BF16=bf16, UNROLL=WINDOW_UNROLL,
                     **LAUNCH_OPTIONS)


def _cuda_kernel(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P):
    if not available()[0]:  # torch's CUDA wheels ship Triton; a build without it keeps the portable op
        from .portable import compress_masked_torch

        return compress_masked_torch(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P)
    compress(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P)


def _cpu_kernel(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P):
    compress(input, weight, slot_mapping, block_table, actual_seq_len, cache, l, d, P)


_cpu_override = None  # the torch.library.Library holding the forced CPU registration


def sync_cpu_override() -> None:
    """Put the kernel on (or take it off) the op's CPU key to match ``force_triton_lowering``.  The
    registration sits above the op's own CPU kernel in the dispatcher; destroying it restores that."""
    global _cpu_override
    from . import triton_forced

    if triton_forced() and _cpu_override is None:
        _cpu_override = torch.library.Library("nsa_fusion", "IMPL")
        with warnings.catch_warnings():  # the dispatcher's "Overriding a previously registered kernel"
            warnings.filterwarnings("ignore", r"(?s).*Overriding a previously registered kernel")
            _cpu_override.impl("compress_infer_", _cpu_kernel, "CPU")
    elif not triton_forced() and _cpu_override is not None:
        _cpu_override._destroy()
        _cpu_override = None


torch.library.register_kernel(OP, "cuda", _cuda_kernel)
sync_cpu_override()
