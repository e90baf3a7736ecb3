"""The fused op: ``torch.ops.nsa_fusion.compress_infer_`` and its Python entry.

One op, declared with ``torch.library.custom_op`` so that it has a schema, a fake kernel for tracing,
and per-device kernels::

    nsa_fusion::compress_infer_(Tensor input, Tensor weight, Tensor slot_mapping, Tensor block_table,
                                Tensor actual_seq_len, Tensor(a!) cache, int compress_block_size,
                                int compress_stride, int page_block_size) -> ()

It mutates ``cache`` in place and returns nothing (a custom op may not return an alias of an input);
:func:`compress_infer` returns ``cache`` to keep torch_npu's signature.  The fusion pass calls the op
directly in the replaced graph; eager users call :func:`compress_infer`.
"""
from __future__ import annotations

import sys

import torch

from . import _validation as V
from .lowering import portable

__all__ = ["compress_infer", "compress_infer_op"]


@torch.library.custom_op("nsa_fusion::compress_infer_", mutates_args=("cache",))
def compress_infer_op(input: torch.Tensor, weight: torch.Tensor, slot_mapping: torch.Tensor,
                      block_table: torch.Tensor, actual_seq_len: torch.Tensor, cache: torch.Tensor,
                      compress_block_size: int, compress_stride: int, page_block_size: int) -> None:
    # Devices without a dedicated kernel get the capture-safe masked formulation.
    portable.compress_masked_torch(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                                   compress_block_size, compress_stride, page_block_size)


@compress_infer_op.register_kernel("cpu")
def _compress_infer_cpu(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                        compress_block_size, compress_stride, page_block_size):
    portable.compress_cpu(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                          compress_block_size, compress_stride, page_block_size)


@compress_infer_op.register_fake
def _compress_infer_fake(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                         compress_block_size, compress_stride, page_block_size):
    # Shape/dtype errors surface at trace time, before any graph runs.
    V.check_signature(input, weight, slot_mapping, compress_block_size, compress_stride,
                      page_block_size, block_table, actual_seq_len, cache)


def compress_infer(input: torch.Tensor, weight: torch.Tensor, slot_mapping: torch.Tensor,
                   compress_block_size: int, compress_stride: int, page_block_size: int, *,
                   block_table: torch.Tensor | None = None, actual_seq_len: V.Lengths | None = None,
                   cache: torch.Tensor) -> torch.Tensor:
    """Drop-in for ``torch_npu.npu_nsa_compress_infer`` (SPEC §2); updates ``cache`` and returns it.

    NPU tensors go to the vendor kernel when its limits hold; everything else to the portable op.
    In eager mode the values (lengths, page ids, slots, uniqueness) are checked first unless
    ``NSA_FUSION_CHECK_VALUES=0`` / :func:`nsa_fusion.set_value_checks` turned that off.
    """
    V.check_signature(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                      block_table, actual_seq_len, cache)
    lengths = V.lengths_tensor(actual_seq_len, input.device)
    if V.value_checks_enabled() and not torch.compiler.is_compiling():
        V.check_values(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                       block_table, lengths, cache)
    if input.device.type == "npu" and _vendor_op_available():
        from .lowering import npu

        return npu.compress_infer_eager(input, weight, slot_mapping, compress_block_size, compress_stride,
                                        page_block_size, block_table=block_table,
                                        actual_seq_len=actual_seq_len, cache=cache)
    compress_infer_op(input, weight, slot_mapping, block_table, lengths, cache,
                      compress_block_size, compress_stride, page_block_size)
    return cache


def _vendor_op_available() -> bool:
    from .lowering import npu

    return npu.vendor_op_available()


# torch_npu already loaded (an Ascend process): give the op its NPU kernel now.  Otherwise the torchair
# backend registers it when it first runs; nsa_fusion never imports torch_npu itself at import time.
if "torch_npu" in sys.modules:
    from .lowering import npu as _npu

    _npu.register_npu_kernels()
