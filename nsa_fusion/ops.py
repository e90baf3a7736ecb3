"""The fused op ``torch.ops.nsa_fusion.compress_infer_``: its definition, and its Python entry.

::

    nsa_fusion::compress_infer_(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table,
                                Tensor actual_seq_len, Tensor(a!) cache, int compress_block_size,
                                int compress_stride, int page_block_size) -> ()

It mutates ``cache`` in place and returns nothing (an op may not return an alias of an input that
functionalization must track); :func:`compress_infer` returns ``cache`` to keep torch_npu's signature.
The fusion pass calls the op directly in the replaced graph; eager users call :func:`compress_infer`.

This module holds only the definition (schema and fake kernel) and the entry; it imports no kernel.
The kernels register themselves on the op, and the package imports them after this module:

* ``lowering/portable.py``: the default kernel (``CompositeExplicitAutograd``): on CPU the native
  kernel, or where it cannot be built the pure-torch one; elsewhere the capture-safe formulation;
* ``lowering/native_kernel.py`` loads ``csrc/nsa_compress.cpp``, which registers the CPU and
  AutogradCPU kernels in C++ (a compiled graph reaches the kernel with no Python in between) and the
  CPU eager entry below (:func:`register_eager_entry`);
* ``lowering/npu.py``: the NPU kernel and the NPU eager entry (the vendor op);
* ``lowering/triton_kernel.py``: the CUDA kernel.
"""
from __future__ import annotations

from typing import Callable

import torch

from . import _validation as V

__all__ = ["compress_infer", "compress_infer_op", "register_eager_entry", "OP_NAME", "SCHEMA"]

OP_NAME = "nsa_fusion::compress_infer_"
SCHEMA = ("(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table, Tensor actual_seq_len, "
          "Tensor(a!) cache, int compress_block_size, int compress_stride, int page_block_size) -> ()")

_LIB = torch.library.Library("nsa_fusion", "DEF")
_LIB.define("compress_infer_" + SCHEMA)
compress_infer_op = torch.ops.nsa_fusion.compress_infer_.default


@torch.library.register_fake(OP_NAME, lib=_LIB)
def _compress_infer_fake(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                         compress_block_size, compress_stride, page_block_size):
    # Shape/dtype errors surface at trace time, before any graph runs.
    V.check_signature(input, weight, slot_mapping, compress_block_size, compress_stride,
                      page_block_size, block_table, actual_seq_len, cache)


# Per device type, what an eager call runs instead of the plain op:
#   "cpu": f(input, weight, slot_mapping, block_table, lengths_tensor, cache, l, d, P, check_values) -> None,
#          every check of _validation (values too when asked) then the op, in one native call;
#   other: f(input, weight, slot_mapping, l, d, P, *, block_table, actual_seq_len, cache) -> cache,
#          after the Python checks (the NPU vendor op takes host lengths as they are).
_eager_cpu: Callable | None = None
_eager: dict[str, Callable] = {}


def register_eager_entry(device_type: str, fn: Callable | None) -> None:
    """Set (or with None remove) the eager entry for ``device_type``; see the table above."""
    global _eager_cpu
    if device_type == "cpu":
        _eager_cpu = fn
    elif fn is None:
        _eager.pop(device_type, None)
    else:
        _eager[device_type] = fn


def compress_infer(input: torch.Tensor, weight: torch.Tensor, slot_mapping: torch.Tensor,
                   compress_block_size: int, compress_stride: int, page_block_size: int, *,
                   block_table: torch.Tensor | None = None, actual_seq_len: V.Lengths | None = None,
                   cache: torch.Tensor) -> torch.Tensor:
    """Drop-in for ``torch_npu.npu_nsa_compress_infer`` (docs/contract.md); updates ``cache`` and returns it.

    NPU tensors go to the vendor kernel when its limits hold; everything else to the op.  In eager mode
    the values (lengths, page ids, slots, uniqueness) are checked first unless
    ``NSA_FUSION_CHECK_VALUES=0`` / :func:`nsa_fusion.set_value_checks` turned that off.  On CPU with
    the native kernel, all checks and the kernel are one native call (a few microseconds).
    """
    compiling = torch.compiler.is_compiling()
    native = (_eager_cpu is not None and not compiling and type(input) is torch.Tensor
              and type(cache) is torch.Tensor and input.device.type == "cpu")
    if (native and type(actual_seq_len) is torch.Tensor and type(compress_block_size) is int
            and type(compress_stride) is int and type(page_block_size) is int):
        try:
            _eager_cpu(input, weight, slot_mapping, block_table, actual_seq_len, cache, compress_block_size,
                       compress_stride, page_block_size, V._value_checks)
        except (RuntimeError, TypeError):
            # an argument the native call could not take (None, a list, ...): the Python check names it
            V.check_signature(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                              block_table, actual_seq_len, cache)
            raise
        return cache
    V.check_signature(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                      block_table, actual_seq_len, cache)
    lengths = V.lengths_tensor(actual_seq_len, input.device)
    if native:  # lengths given as a list
        _eager_cpu(input, weight, slot_mapping, block_table, lengths, cache, compress_block_size, compress_stride,
                   page_block_size, V._value_checks)
        return cache
    if V.value_checks_enabled() and not compiling:
        V.check_values(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                       block_table, lengths, cache)
    device_entry = _eager.get(input.device.type)
    if device_entry is not None:
        return device_entry(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                            block_table=block_table, actual_seq_len=actual_seq_len, cache=cache)
    compress_infer_op(input, weight, slot_mapping, block_table, lengths, cache,
                      compress_block_size, compress_stride, page_block_size)
    return cache
