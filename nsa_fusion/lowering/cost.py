"""When replacing the composite by the fused op pays off (issue 20): a measured rule the pass consults
(``fusion_pass._check_cost``: a step that does not pay off is declined with part ``cost``, reported by
``explain`` and ``stats["declined"]``: the contract, left to Inductor on purpose, not a refusal, so strict
mode does not fail on it; never in torchair graphs).

The fused op replaces Inductor's code for the composite (gather, pooling, masked write).  Whether
that is faster depends on which kernel runs the op:

* **NPU** (and torchair/GE graphs): always.  The vendor kernel is the point, and GE cannot compile
  the composite's index_put write-back at all.
* **CPU, native kernel** (``csrc/nsa_compress.cpp``, registered in C++ on the op): always.  The call
  costs a few microseconds over the bytes it must read (``python -m nsa_fusion bench``, section
  ``[overhead]``: 4-6 µs at B = 1 where one memcpy of the window is 2 µs), and it reads only the
  rows that complete a window, whereas Inductor's code reads every row's window: the fused decode
  step measured 0.07-0.3 ms against Inductor's 0.18-28 ms for B = 8 ... 1024 (mulsum_index_put,
  N = 4, D = 192, fp16, one thread).  At B = 1 too, checked separately (the compiled graph's own
  call, fused and unfused timed in one loop, 10000 calls, one thread, minimum µs): where the row
  completes its window the fused graph costs 8.3-8.5 against Inductor's 8.6-8.7 (mul-sum
  spellings), 8.9-9.0 against 7.3-7.6 (mean spellings, whose op weight is a ``full`` allocated and
  filled per call); in the d - 1 steps of d where it does not, 6.5-7.1 against 7.4-8.8 (Inductor's
  code pools the window every step, the op only when it completes).  Over a window's d steps the op
  is ahead for every spelling, and from B = 2 in every step (9 against 11-13 µs, Inductor's code
  growing ~3.3 µs a row), so the rule does not decline small batches.  Whole steps at B = 1 (~60 µs,
  mostly torch.compile's guards and wrappers) are within ~2 µs for the mul-sum spellings (also the
  spread between two compiles of one graph); the mean spellings' are 5-7 µs slower in a step that
  completes the window (README, Performance).
* **CPU, pure-torch kernel** (no C++ compiler): it costs about 0.7 ms per call whatever the size
  (2*l small torch ops plus host-side bounds checks), against Inductor's code at roughly 1 ns per
  window element read (B * l * N * D): measured 0.72 vs 0.18 ms at B = 8, 0.85 vs 0.41 ms at B = 32,
  1.7 vs 5.7 ms at B = 256, 8.8 vs 38 ms at B = 1024 (same step).  The crossover lies near 1M window
  elements; the rule fuses from :data:`PURE_TORCH_MIN_ELEMENTS` (2M, twice that) and leaves smaller
  or symbolic batches to Inductor.
* Other devices: decided by :func:`nsa_fusion.lowering.fuses_on` (no rule here).
"""
from __future__ import annotations

import torch

PURE_TORCH_MIN_ELEMENTS = 2 ** 21  # B * l * N * D from which the pure-torch CPU kernel beats Inductor's code


def cpu_kernel() -> str:
    """Which CPU kernel the op runs now: ``"native"`` or ``"pure-torch"``."""
    from . import native_kernel, portable

    if portable.pure_torch_active() or native_kernel.load_native() is None:
        return "pure-torch"
    return "native"


def pays_off(device: torch.device | str, *, batch, l: int, num_heads, head_dim) -> tuple[bool, str]:
    """Whether the fused op is expected to be at least as fast as Inductor's code for the composite.
    A size may be None (symbolic): then only size-independent reasons decide.
    Returns ``(True, "")`` or ``(False, reason)``; see the module docstring for the measurements."""
    kind = device.split(":")[0] if isinstance(device, str) else device.type  # "npu" without torch_npu too
    if kind != "cpu":
        return True, ""
    if cpu_kernel() == "native":
        return True, ""
    static = all(isinstance(v, int) and not isinstance(v, bool) for v in (batch, l, num_heads, head_dim))
    elements = batch * l * num_heads * head_dim if static else None
    if elements is not None and elements >= PURE_TORCH_MIN_ELEMENTS:
        return True, ""
    size = (f"B * l * N * D = {batch} * {l} * {num_heads} * {head_dim} = {elements} window elements"
            if static else "symbolic sizes")
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
                    num_heads=static(x.shape[2]), head_dim=static(x.shape[3]))
