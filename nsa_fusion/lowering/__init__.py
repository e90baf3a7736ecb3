"""What a matched composite becomes, chosen per device at replacement time.

``emit_compress`` is called while the pattern matcher traces the replacement (fake tensors, so only
devices, shapes and dtypes are known).  On NPU tensors that satisfy the vendor limits it emits the
Ascend kernel (``npu.py``); everywhere else the portable op ``nsa_fusion::compress_infer_``.  The
result is a clone of the cache updated in place; Inductor (and our torchair step in
``fusion_pass.reinplace_clones``) removes the clone, so the compiled graph writes the cache input
directly.
"""
from __future__ import annotations

import torch

from .. import _validation as V
from ..diagnostics import record


def emit_compress(input, weight, slots, block_table, lengths, cache, l: int, d: int) -> torch.Tensor:
    P = input.shape[1]
    out = cache.clone()
    if input.device.type == "npu" or _npu_forced():
        from . import npu

        ok, reason = V.npu_supports(compress_block_size=l, compress_stride=d, page_block_size=P,
                                    num_heads=input.shape[2], head_dim=input.shape[3], dtype=input.dtype)
        if ok and npu.vendor_op_available():
            npu.emit(input, weight, slots, block_table, lengths, out, l, d, P)
            record("target.npu")
            return out
        record("target.portable", reason or "torch_npu's npu_nsa_compress_infer is not available")
    torch.ops.nsa_fusion.compress_infer_(input, weight, slots, block_table, lengths, out, l, d, P)
    return out


def _npu_forced() -> bool:
    """Test hook: treat CPU tensors as NPU tensors (``NSA_FUSION_FORCE_NPU_LOWERING=1``)."""
    import os

    return os.environ.get("NSA_FUSION_FORCE_NPU_LOWERING") == "1"
