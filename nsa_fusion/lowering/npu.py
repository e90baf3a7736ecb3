"""Ascend lowering: the vendor kernel ``torch_npu.npu_nsa_compress_infer`` behind our one op.

Why the fused graph node stays ``nsa_fusion::compress_infer_`` on Ascend too (and is lowered below it):

* ``npu::npu_nsa_compress_infer.cache`` takes ``actual_seq_len`` as a host ``int[]`` and returns an
  alias of ``cache``.  Inside a compiled graph the lengths are a device tensor; turning them into a
  host list would be a sync per step, and under aclgraph capture it would freeze the capture-time
  values (torchair updates captured host lists only for a private table of attention ops).  The alias
  return also makes the op impossible to functionalize, so it can only ever appear after
  functionalization anyway.
* In torchair's GE mode (max-autotune) the IR op ``NsaCompressWithCache`` takes ``act_seq_len`` as an
  INT64 *tensor*.  :func:`register_ge_converters` gives our op a GE converter that emits exactly that
  node on the cache in place (the ``scatter_update_`` precedent: the ref op on the Data itself plus
  ``dont_prune_me``), so GE decode loops need no host sync and no cache copy.
* Eagerly and under aclgraph (reduce-overhead), our op's NPU kernel (:func:`compress_device`) calls the
  vendor op with ``lengths.tolist()`` — one documented device→host sync — except while a graph is being
  captured, where it uses the capture-safe masked formulation instead of freezing stale lengths.

Where the vendor limits (:func:`nsa_fusion.npu_supports`) fail, the kernel falls back to the portable
formulation, and in torchair graphs the pass emits a GE-compilable scatter write-back instead of the op.
Nothing here imports torch_npu or torchair at import time.
"""
from __future__ import annotations

import logging
import os
import sys

import torch

from .. import _validation as V
from .. import ops
from . import portable

log = logging.getLogger("nsa_fusion")

# Verbatim from torch_npu 2.13.0 (npu_native_functions_by_codegen.yaml / op-plugin op_plugin_functions.yaml).
VENDOR_SCHEMA = ("npu_nsa_compress_infer.cache(Tensor input, Tensor weight, Tensor slot_mapping, "
                 "int compress_block_size, int compress_stride, int page_block_size, *, "
                 "Tensor? block_table=None, int[]? actual_seq_len=None, Tensor(a!) cache) -> Tensor(a!)")
# What op-plugin passes to aclnnNsaCompressWithCache for the paged layout (its yaml, `gen_opapi`).
GE_LAYOUT = "TND"
GE_ACT_SEQ_LEN_TYPE = 1

_forced = False
_cpu_override = None


def force_npu_lowering(enabled: bool) -> bool:
    """Test/debug override: treat CPU tensors as NPU tensors (the kernel then calls the vendor op,
    e.g. an exact-schema stand-in): :func:`compress_device` goes on the op's CPU key, above the CPU
    kernel, until the switch goes off.  Also ``NSA_FUSION_FORCE_NPU_LOWERING=1``.  Returns the old value."""
    global _forced, _cpu_override
    previous, _forced = _forced, bool(enabled)
    if _forced and _cpu_override is None:
        import warnings

        _cpu_override = torch.library.Library("nsa_fusion", "IMPL")
        with warnings.catch_warnings():  # "overriding a previously registered kernel": intended
            warnings.simplefilter("ignore")
            _cpu_override.impl("compress_infer_", compress_device, "CPU")
    elif not _forced and _cpu_override is not None:
        _cpu_override._destroy()
        _cpu_override = None
    return previous


def forced() -> bool:
    return _forced


def npu_status() -> tuple[bool, str]:
    """Whether the Ascend path is usable here, and why not."""
    try:
        import torch_npu  # noqa: F401
    except Exception as exc:  # ImportError, or torch_npu failing to load CANN libraries
        return False, f"torch_npu is not importable: {type(exc).__name__}: {exc}"
    if not vendor_op_available():
        return False, "this torch_npu has no npu_nsa_compress_infer"
    return True, ""


def vendor_op_available() -> bool:
    try:
        return hasattr(torch.ops.npu, "npu_nsa_compress_infer") and \
            "cache" in torch.ops.npu.npu_nsa_compress_infer.overloads()
    except (AttributeError, RuntimeError):
        return False


def _supports(input, l, d, P, batch=None):
    if not input.is_contiguous():
        # (one part of a cache whose last dim concatenates K and V, rewrite.concatenated_reads: a strided view.  The
        # vendor kernel is specified on an ND [block_num, P, N, D] tensor; the portable kernel reads through strides)
        return False, "the paged input is a strided view (a part of a concatenated cache): the portable kernel reads it"
    return V.npu_supports(compress_block_size=l, compress_stride=d, page_block_size=P,
                          num_heads=input.shape[2], head_dim=input.shape[3], dtype=input.dtype, batch=batch)


def call_vendor(input, weight, slot_mapping, l, d, P, block_table, seq_lens: list, cache):
    """The vendor op, called the way its schema wants it: int32 index tensors, keyword-only tail."""
    return torch.ops.npu.npu_nsa_compress_infer.cache(
        input, weight, slot_mapping.to(torch.int32), l, d, P,
        block_table=block_table.to(torch.int32), actual_seq_len=seq_lens, cache=cache)


def _capturing() -> bool:
    npu = getattr(torch, "npu", None)
    is_capturing = getattr(npu, "is_current_stream_capturing", None)
    try:
        return bool(is_capturing()) if is_capturing else False
    except Exception:
        return False


def compress_device(input, weight, slot_mapping, block_table, lengths, cache, l, d, P):
    """Kernel of ``nsa_fusion::compress_infer_`` on NPU tensors (or CPU tensors when forced)."""
    ok, reason = _supports(input, l, d, P, batch=slot_mapping.shape[0])
    if not ok:
        log.debug("nsa_fusion: portable kernel instead of npu_nsa_compress_infer: %s", reason)
    elif _capturing():
        log.debug("nsa_fusion: graph capture in progress: capture-safe portable kernel (host lengths would freeze)")
        ok = False
    elif not vendor_op_available():
        ok = False
    elif portable.overlaps(cache, input, weight, slot_mapping, block_table, lengths):
        log.debug("nsa_fusion: the cache shares memory with another argument: the portable kernel, which reads "
                  "every window before it writes")
        ok = False
    if not ok:
        portable.compress_masked_torch(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)
        return
    call_vendor(input, weight, slot_mapping, l, d, P, block_table, lengths.tolist(), cache)  # host sync


def compress_infer_eager(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                         block_table, actual_seq_len, cache):
    """``nsa_fusion.compress_infer`` on NPU tensors: the vendor op when its limits hold."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    ok, _ = _supports(input, l, d, P, batch=slot_mapping.shape[0])
    seq = actual_seq_len if isinstance(actual_seq_len, torch.Tensor) else None
    if ok and vendor_op_available() and not portable.overlaps(cache, input, weight, slot_mapping, block_table, seq):
        lens = actual_seq_len.tolist() if isinstance(actual_seq_len, torch.Tensor) else list(actual_seq_len)
        call_vendor(input, weight, slot_mapping, l, d, P, block_table, lens, cache)
        return cache
    lengths = V.lengths_tensor(actual_seq_len, input.device)
    torch.ops.nsa_fusion.compress_infer_(input, weight, slot_mapping, block_table, lengths, cache, l, d, P)
    return cache


_registered = set()


def register_npu_kernels() -> None:
    """When torch_npu is loaded: our op's NPU kernel and a fake kernel for the vendor op (torch_npu
    registers none) so FakeTensor tracing through it works.  Idempotent."""
    if "kernels" in _registered or "torch_npu" not in sys.modules or not vendor_op_available():
        return
    _registered.add("kernels")
    torch.library.register_kernel(ops.OP_NAME, "npu", compress_device)
    register_vendor_fake()


def register_vendor_fake() -> bool:
    """Fake kernel for ``npu::npu_nsa_compress_infer.cache`` unless one exists.  Returns True if added."""
    name = "npu::npu_nsa_compress_infer.cache"
    if torch._C._dispatch_has_kernel_for_dispatch_key(name, "Meta") or \
            torch._C._dispatch_has_kernel_for_dispatch_key(name, "Fake"):
        return False
    try:
        torch.library.register_fake(name)(_vendor_fake)
    except RuntimeError:  # registered meanwhile (by a newer torch_npu)
        return False
    return True


def _vendor_fake(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                 block_table=None, actual_seq_len=None, cache):
    return cache  # updated in place, returned as the alias the schema declares


def register_ge_converters() -> None:
    """GE converter for ``nsa_fusion::compress_infer_`` (torchair max-autotune).  Lazy: called from the
    torchair hook, i.e. only once torchair has been imported.  Idempotent."""
    if "ge" in _registered:
        return
    from torchair._ge_concrete_graph import ge_apis as ge
    from torchair._ge_concrete_graph.fx2ge_converter import register_fx_node_ge_converter
    from torchair.ge import attr, custom_op
    from torchair.ge._ge_graph import DataType, dont_prune_me

    def cast(t, dtype):
        return t if t.dtype == dtype else ge.Cast(t, dst_type=dtype)

    @register_fx_node_ge_converter(torch.ops.nsa_fusion.compress_infer_.default)
    def convert_compress_infer_(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                                compress_block_size, compress_stride, page_block_size, meta_outputs=None):
        # In-place on the cache (ref input 3, "output_cache"); the pass already checked the vendor
        # limits or emitted a scatter write-back instead of this op.
        op = custom_op(
            "NsaCompressWithCache",
            inputs={"input": input, "weight": weight, "slot_mapping": cast(slot_mapping, DataType.DT_INT32),
                    "output_cache": cache, "act_seq_len": cast(actual_seq_len, DataType.DT_INT64),
                    "block_table": cast(block_table, DataType.DT_INT32)},
            outputs=["output_cache"],
            attrs={"layout": attr.Str(GE_LAYOUT), "compress_block_size": attr.Int(compress_block_size),
                   "compress_stride": attr.Int(compress_stride), "act_seq_len_type": attr.Int(GE_ACT_SEQ_LEN_TYPE),
                   "page_block_size": attr.Int(page_block_size)})
        dont_prune_me(op)
        return None

    _register_sym_min_max(ge, register_fx_node_ge_converter)
    _registered.add("ge")


def _register_sym_min_max(ge, register) -> None:
    """GE converters for ``torch.sym_min`` / ``torch.sym_max`` where torchair has none (torchair 2.13 converts the
    ``operator`` arithmetic of symbolic sizes, not these).  NSA models take them from ``min(top_k, num_blocks)`` in
    the selected-attention branch; under ``dynamic=True`` a GE graph holding one fails to compile, whatever the
    compression step does.  Python ints where both are known, else GE's Minimum / Maximum."""
    from torchair._ge_concrete_graph.fx2ge_converter import _CONVERTERS
    from torchair._ge_concrete_graph.utils import dtype_promote
    from torchair.ge._ge_graph import Tensor

    def converter(python, name):
        def convert(a, b, meta_outputs=None):
            if not any(isinstance(x, Tensor) for x in (a, b)):
                return python(a, b)
            a, b = dtype_promote(a, b, target_dtype=meta_outputs.dtype)
            return getattr(ge, name)(a, b)
        return convert

    for target, python, name in ((torch.sym_min, min, "Minimum"), (torch.sym_max, max, "Maximum")):
        # (a torchair that has its own keeps it; where torchair keeps them: an attribute of the target, or its
        # defaultdict for targets that take none, read with get(), which adds no key)
        if getattr(target, "_ge_converter", None) is None and _CONVERTERS.get(target) is None:
            register(target)(converter(python, name))


ops.register_eager_entry("npu", compress_infer_eager)
if "torch_npu" in sys.modules:  # an Ascend process: the op's NPU kernel now (else the torchair backend does it)
    register_npu_kernels()
if os.environ.get("NSA_FUSION_FORCE_NPU_LOWERING") == "1":
    force_npu_lowering(True)
