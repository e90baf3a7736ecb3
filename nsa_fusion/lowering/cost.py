"""When replacing the composite by the fused op pays off (issue 20): a measured rule the pass consults
(``fusion_pass._check_cost``: a step that does not pay off is declined with part ``cost``, reported by
``explain`` and ``stats["declined"]``: the contract, left to Inductor on purpose, not a refusal, so strict
mode does not fail on it; never in torchair graphs).

The fused op replaces Inductor's code for the composite (gather, pooling, masked write).  Whether
that is faster depends on which kernel runs the op:

* **NPU** (and torchair/GE graphs): always.  The vendor kernel is the point, and GE cannot compile
  the composite's index_put write-back at all.
* **CPU, native kernel** (``csrc/nsa_compress.cpp``, registered in C++ on the op): from
  :data:`NATIVE_MIN_ELEMENTS` window elements (B * l * N * D, static sizes), and for symbolic sizes.
  The op reads only the rows that complete a window, Inductor's code every row's window, so the op
  wins by a growing margin with the batch (``python -m nsa_fusion bench``, ``[step]``, CPU medians:
  1.2-29x at B = 8, 10-160x at B = 256, N = 4, D = 192).  But its call has a fixed cost Inductor's code does
  not: ~2 µs from the compiled graph's Python to the kernel through the dispatcher (``[overhead]``,
  the op with no completing row), where Inductor calls its own generated C++ kernel directly.  For
  a small step that decides it.  Measured on whole compiled steps (fused and Inductor timed in one
  loop, alternating, 3000 calls, one thread, AVX-512 machine at load 4-5 per core, CPU-time medians,
  mulsum_index_put; "completing": a row completes its window this step, "not": none does), Inductor
  over fused:

  ==========  ==============  ==========  ==========
  N x D       B * l * N * D   completing  not
  ==========  ==============  ==========  ==========
  4 x 64      B = 1:   8192   0.94x       0.97x
  4 x 64      B = 2:  16384   0.96x       0.99x
  4 x 192     B = 1:  24576   0.96x       1.01x
  4 x 64      B = 4:  32768   1.00x       1.04x
  4 x 192     B = 2:  49152   1.01x       1.07x
  16 x 128    B = 1:  65536   0.99x       1.15x
  4 x 64      B = 8:  65536   1.08x       1.11x
  4 x 192     B = 4:  98304   1.11x       1.20x
  ==========  ==============  ==========  ==========

  (the mean spellings, whose Inductor code reads no weight, 0.91x / 0.97x at 4 x 192, B = 1; 0.96x
  / 1.02x at B = 2).  So below 2**15 window elements the step is left to Inductor; a symbolic batch
  fuses (a serving batch is rarely 1, and from a few rows the op is ahead).  Except where the
  pooling is a matrix product or a convolution (einsum, bmm, matmul, conv1d spellings) over a
  head-major ``[N, l]`` weight: Inductor calls a library kernel for it with copies into its layout
  around, and the op is far ahead at any size (``[step]`` B = 1, the bench's 4 x 192: the head-major
  einsum spellings 6.4x and 4.9x faster fused).  Over an ``[l, N]`` weight the same library call
  needs no transposed copy and was 0.94x / 0.95x fused at that size, so those follow the threshold.
  ``NSA_FUSION_FUSE_SMALL=1`` fuses small static steps too (the test suite does, to check
  recognition on small shapes).
* **CPU, pure-torch kernel** (no C++ compiler): it costs about 0.7 ms per call whatever the size
  (2*l small torch ops plus host-side bounds checks), against Inductor's code at roughly 1 ns per
  window element read (B * l * N * D): measured 0.72 vs 0.18 ms at B = 8, 0.85 vs 0.41 ms at B = 32,
  1.7 vs 5.7 ms at B = 256, 8.8 vs 38 ms at B = 1024 (same step).  The crossover lies near 1M window
  elements; the rule fuses from :data:`PURE_TORCH_MIN_ELEMENTS` (2M, twice that) and leaves smaller
  or symbolic batches to Inductor.
* Other devices: decided by :func:`nsa_fusion.lowering.fuses_on` (no rule here).
"""
from __future__ import annotations

import os

import torch

NATIVE_MIN_ELEMENTS = 2 ** 15  # B * l * N * D from which the native CPU kernel's call beats Inductor's code
PURE_TORCH_MIN_ELEMENTS = 2 ** 21  # B * l * N * D from which the pure-torch CPU kernel beats Inductor's code


def fuse_small() -> bool:
    """``NSA_FUSION_FUSE_SMALL=1``: the native kernel fuses below :data:`NATIVE_MIN_ELEMENTS` too."""
    return os.environ.get("NSA_FUSION_FUSE_SMALL", "0") not in ("", "0")


def cpu_kernel() -> str:
    """Which CPU kernel the op runs now: ``"native"`` or ``"pure-torch"``."""
    from . import native_kernel, portable

    if portable.pure_torch_active() or native_kernel.load_native() is None:
        return "pure-torch"
    return "native"


def pays_off(device: torch.device | str, *, batch, l: int, num_heads, head_dim,
             library_pooling: bool = False) -> tuple[bool, str]:
    """Whether the fused op is expected to be at least as fast as Inductor's code for the composite.
    A size may be None (symbolic): then only size-independent reasons decide.  ``library_pooling``:
    the user's pooling is a matrix product or convolution (see the module docstring).
    Returns ``(True, "")`` or ``(False, reason)``; see the module docstring for the measurements."""
    kind = device.split(":")[0] if isinstance(device, str) else device.type  # "npu" without torch_npu too
    if kind != "cpu":
        return True, ""
    static = all(isinstance(v, int) and not isinstance(v, bool) for v in (batch, l, num_heads, head_dim))
    elements = batch * l * num_heads * head_dim if static else None
    size = (f"B * l * N * D = {batch} * {l} * {num_heads} * {head_dim} = {elements} window elements"
            if static else "symbolic sizes")
    if cpu_kernel() == "native":
        if elements is None or elements >= NATIVE_MIN_ELEMENTS or library_pooling or fuse_small():
            return True, ""
        return False, (f"a step this small is faster in Inductor's code: the fused op's call costs ~2 µs of "
                       f"dispatch whatever the size, more than Inductor's own kernel for the composite below "
                       f"{NATIVE_MIN_ELEMENTS} window elements ({size})")
    if elements is not None and elements >= PURE_TORCH_MIN_ELEMENTS:
        return True, ""
    return False, (f"the native CPU kernel is unavailable ({_native_reason()}) and the pure-torch kernel is "
                   f"slower than Inductor's code below {PURE_TORCH_MIN_ELEMENTS} window elements ({size})")


def _native_reason() -> str:
    from . import native_kernel, portable

    if portable.pure_torch_active():
        return "nsa_fusion.lowering.portable.pure_torch_cpu() is active"
    return native_kernel.available()[1].splitlines()[0]


def pays_off_for(step) -> tuple[bool, str]:
    """:func:`pays_off` for a recognised step (``nsa_fusion.patterns.verify.Step``): device and sizes
    from the fake values of its nodes."""
    x = step.input.meta["val"]

    def static(v):  # a symbolic size stays unknown (never int(): that would add a guard)
        return v if isinstance(v, int) else None

    return pays_off(x.device, batch=static(step.slots.meta["val"].shape[0]), l=step.l,
                    num_heads=static(x.shape[2]), head_dim=static(x.shape[3]), library_pooling=_library_pooling(step))


def _library_pooling(step) -> bool:
    """Whether the step's pooling multiplies by a matrix product or convolution (every product op of
    the recogniser's table but the elementwise ones) over a head-major [N, l] weight (see the module
    docstring: over an [l, N] weight Inductor's library call was as fast as the op at small sizes)."""
    if step.weight_layout != "Nl":
        return False
    from ..patterns.optable import PRODUCTS

    aten = torch.ops.aten
    elementwise = {aten.mul.Tensor, aten.mul.Scalar, aten.addcmul.default}
    return any(n.op == "call_function" and n.target in PRODUCTS and n.target not in elementwise for n in step.nodes)
