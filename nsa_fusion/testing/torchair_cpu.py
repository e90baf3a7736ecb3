"""Load torchair's real Python code on a CPU-only machine (no torch_npu, no CANN).

Why: torchair (torch_npu/dynamo/torchair in the torch_npu wheel, import name ``torchair``) holds the
pattern pass, ``_optimize_fx`` and the GE converters that nsa_fusion plugs into.  Its Python is pure;
only four native extension modules need CANN.  We therefore download the wheel once (never install
it: installing registers a ``torch.backends`` entry point that breaks ``import torch`` here), extract
only ``torch_npu/dynamo``, put it on ``sys.path`` and fake the native modules (README, "Status of the NPU path").

Usage::

    from nsa_fusion.testing.torchair_cpu import load_torchair
    torchair = load_torchair()          # raises RuntimeError(reason) if it cannot be had
    cfg = torchair.CompilerConfig(); cfg.debug.run_eagerly = True
"""
from __future__ import annotations

import enum
import fcntl
import glob
import logging
import os
import signal
import subprocess
import sys
import threading
import types
import warnings
import zipfile

__all__ = ["load_torchair", "torchair_available_reason", "default_cache_dir", "get_registered_ir_def",
           "VENDOR_IR_DEFS", "VENDOR_IR_DTYPES", "VENDOR_IR_OPTIONAL_ATTRS"]

TORCH_NPU_VERSION = "2.13.0"
_NATIVE = ("_torchair", "_npu_graph_executor", "_npu_utils", "_abi_compat_ge_apis")
_cached = None          # the imported torchair module, once loaded
_failure = None         # reason string of the last failed attempt (not cached: a retry may succeed)


def default_cache_dir() -> str:
    """``$NSA_FUSION_TORCHAIR_CACHE``, else ``torch_npu-<version>`` under the package's cache root
    (``$NSA_FUSION_CACHE_DIR``, default ``~/.cache/nsa_fusion``), beside the native kernel's build."""
    root = os.environ.get("NSA_FUSION_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "nsa_fusion")
    return os.environ.get("NSA_FUSION_TORCHAIR_CACHE") or os.path.join(root, f"torch_npu-{TORCH_NPU_VERSION}")


def _noop(*args, **kwargs):
    return None


def _fake_module(name: str, **attrs) -> types.ModuleType:
    """A module whose unknown attributes are no-op callables (torchair only calls them on NPU paths)."""
    mod = types.ModuleType(name)
    mod.__dict__.update(attrs)

    def __getattr__(attr):  # PEP 562 module __getattr__
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _noop

    mod.__getattr__ = __getattr__
    return mod


class _TorchNpuGraphBase:
    """Base of torchair.core._backend.TorchNpuGraph; never executed with run_eagerly=True."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _noop


_TorchDataType = enum.IntEnum("TorchDataType", [
    "BOOL", "UINT8", "INT8", "INT16", "UINT16", "INT32", "UINT32", "INT64", "UINT64",
    "BF16", "FLOAT16", "FLOAT32", "FLOAT64", "COMPLEX64", "COMPLEX128"], start=0)


# The vendor's IR definition of NsaCompressWithCache, in the format ``get_registered_ir_def`` returns.
# Source: hicann/ops-transformer @ b122ed2221889164dbb12553dc7db6f88d9d6cd1,
#   attention/nsa_compress_with_cache/op_host/nsa_compress_with_cache_def.cpp
# (quoted in docs/ascend_vendor_sources.md §1):
#   Input  input        REQUIRED  {fp16, bf16}
#   Input  weight       REQUIRED  {fp16, bf16}
#   Input  slot_mapping REQUIRED  {int32, int32}
#   Input  output_cache REQUIRED  {fp16, bf16}
#   Input  act_seq_len  OPTIONAL  {int64, int64}  .ValueDepend(OPTIONAL)
#   Input  block_table  OPTIONAL  {int32, int32}
#   Output output_cache REQUIRED  {fp16, bf16}      (same name as input 3: the cache is a ref, updated in place)
#   Attr   layout OPTIONAL String "TND"; compress_block_size Int; compress_stride Int; act_seq_len_type Int;
#          page_block_size Int
# Format (GE's public ``GetRegisteredIrDef``, ge/ge_api.h, re-exported by ``_torchair.get_registered_ir_def``):
# ``(status, inputs, outputs, attrs)``, each a list of ``(name, kind)`` pairs in IR order; input kinds are
# "required" / "optional" / "dynamic", output kinds "required" / "dynamic", attr kinds the GE value-type
# tags ("VT_INT", "VT_STRING", ...: the keys of ``torchair.ge.attr._ATTR_TYPE_MAP``).  The IR carries no
# required/optional flag for attrs, no default and no dtypes: those are kept in ``VENDOR_IR_DTYPES`` /
# ``VENDOR_IR_OPTIONAL_ATTRS`` below for checkers of our own (tests/ge_interpreter.py).
VENDOR_IR_DEFS = {
    "NsaCompressWithCache": (
        [("input", "required"), ("weight", "required"), ("slot_mapping", "required"), ("output_cache", "required"),
         ("act_seq_len", "optional"), ("block_table", "optional")],
        [("output_cache", "required")],
        [("layout", "VT_STRING"), ("compress_block_size", "VT_INT"), ("compress_stride", "VT_INT"),
         ("act_seq_len_type", "VT_INT"), ("page_block_size", "VT_INT")],
    ),
}
# The paired dtype columns of the same definition (one combo per column), by input name.
VENDOR_IR_DTYPES = {
    "NsaCompressWithCache": [
        dict(input="float16", weight="float16", slot_mapping="int32", output_cache="float16", act_seq_len="int64",
             block_table="int32"),
        dict(input="bfloat16", weight="bfloat16", slot_mapping="int32", output_cache="bfloat16",
             act_seq_len="int64", block_table="int32"),
    ],
}
VENDOR_IR_OPTIONAL_ATTRS = {"NsaCompressWithCache": {"layout": "TND"}}


def get_registered_ir_def(op_type: str):
    """Fake of ``torchair.core._torchair.get_registered_ir_def``: the vendor definition for the ops in
    ``VENDOR_IR_DEFS``; for every other op type an empty, always-"SUCCESS" definition (torchair then
    checks nothing: CANN's op registry is not available here)."""
    if op_type in VENDOR_IR_DEFS:
        inputs, outputs, attrs = VENDOR_IR_DEFS[op_type]
        return "SUCCESS", list(inputs), list(outputs), list(attrs)
    return "SUCCESS", [], [], []


def _install_fakes() -> None:
    """Fake torchair.core's native modules.  ``get_registered_ir_def`` is unpacked by torchair as
    ``(status, ge_inputs, ge_outputs, ge_attrs)`` and the last three go through ``dict(...)``: see
    :func:`get_registered_ir_def` (the vendor IR for NsaCompressWithCache, permissive for the rest)."""
    fakes = {
        "_torchair": dict(TorchNpuGraphBase=_TorchNpuGraphBase, TorchDataType=_TorchDataType,
                          check_cann_compat=lambda *a, **k: "",
                          get_registered_ir_def=get_registered_ir_def),
    }
    for short in _NATIVE:
        full = f"torchair.core.{short}"
        if full not in sys.modules:
            sys.modules[full] = _fake_module(full, **fakes.get(short, {}))


def _scatter_nd_update(self, indices, updates):
    """CPU reference of torch_npu's ``npu_scatter_nd_update``: a copy of ``self`` with
    ``updates[j]`` written at the coordinates ``indices[j]`` (the last index dimension, k long,
    addresses the leading k dimensions of ``self``)."""
    import torch

    out = self.clone()
    k = indices.shape[-1]
    coords = indices.reshape(-1, k).long()
    if ((coords < 0) | (coords >= torch.tensor(self.shape[:k]))).any():  # no counting from the end
        raise IndexError(f"npu_scatter_nd_update: coordinates outside {tuple(self.shape[:k])}")
    out[tuple(coords.unbind(1))] = updates.reshape(coords.shape[0], *self.shape[k:])  # (-1 is ambiguous for empty rows)
    return out


def define_npu_write_stand_ins() -> bool:
    """Define ``npu::npu_scatter_nd_update`` (and its in-place twin) with CPU kernels unless torch_npu
    already has: the schema torch_npu registers, so that torchair's own GE converter for it registers
    when torchair is imported, and ``nsa_fusion.lowering.ge_writes`` can emit it.  Returns True if added."""
    import torch

    if hasattr(torch.ops, "npu") and hasattr(torch.ops.npu, "npu_scatter_nd_update"):
        return False
    lib = torch.library.Library("npu", "FRAGMENT")  # noqa: TOR901 (kept alive in _STAND_INS)
    lib.define("npu_scatter_nd_update(Tensor self, Tensor indices, Tensor updates) -> Tensor")
    lib.define("npu_scatter_nd_update_(Tensor(a!) self, Tensor indices, Tensor updates) -> Tensor(a!)")
    lib.impl("npu_scatter_nd_update", _scatter_nd_update, "CompositeExplicitAutograd")
    lib.impl("npu_scatter_nd_update_", lambda self, indices, updates: self.copy_(
        _scatter_nd_update(self, indices, updates)), "CompositeExplicitAutograd")
    _STAND_INS.append(lib)
    torch.library.register_fake("npu::npu_scatter_nd_update")(lambda self, indices, updates: torch.empty_like(self))
    torch.library.register_fake("npu::npu_scatter_nd_update_")(lambda self, indices, updates: self)
    return True


_STAND_INS: list = []


def _wheel_path(cache_dir: str) -> str:
    """Return the cached wheel, downloading it once with pip (``--no-deps``, never installed)."""
    found = glob.glob(os.path.join(cache_dir, f"torch_npu-{TORCH_NPU_VERSION}-*.whl"))
    if found:
        return sorted(found)[0]
    os.makedirs(cache_dir, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
           f"torch_npu=={TORCH_NPU_VERSION}", "-d", cache_dir]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeError(f"could not run pip download for torch_npu=={TORCH_NPU_VERSION}: {exc}") from exc
    found = glob.glob(os.path.join(cache_dir, f"torch_npu-{TORCH_NPU_VERSION}-*.whl"))
    if proc.returncode != 0 or not found:
        out = (proc.stderr or proc.stdout or "").strip()
        errors = [ln for ln in out.splitlines() if ln.startswith("ERROR")]
        tail = "\n".join(errors)[-800:] if errors else out[-800:]
        raise RuntimeError(f"pip download torch_npu=={TORCH_NPU_VERSION} failed "
                           f"(rc={proc.returncode}) into {cache_dir}: {tail}")
    return sorted(found)[0]


def _extract_dynamo(wheel: str, cache_dir: str) -> str:
    """Extract ``torch_npu/dynamo/**`` once; return the folder to put on sys.path."""
    root = os.path.join(cache_dir, "extracted")
    dynamo = os.path.join(root, "torch_npu", "dynamo")
    marker = os.path.join(root, ".complete")
    if not os.path.exists(marker):
        with zipfile.ZipFile(wheel) as zf:
            members = [m for m in zf.namelist() if m.startswith("torch_npu/dynamo/")
                       and not m.endswith(".so")]  # natives are faked; skip ~MBs of binaries
            zf.extractall(root, members)
        open(marker, "w").close()
    return dynamo


def load_torchair(cache_dir: str | None = None) -> types.ModuleType:
    """Import real torchair on CPU (idempotent).  Raises RuntimeError with the reason on failure."""
    global _cached, _failure
    if _cached is not None:
        return _cached
    cache_dir = cache_dir or default_cache_dir()
    try:
        import google.protobuf  # noqa: F401  (torchair needs protobuf at import)
    except ImportError as exc:
        raise RuntimeError("torchair needs the 'protobuf' package (pip install protobuf)") from exc
    try:
        os.makedirs(cache_dir, exist_ok=True)
        with open(os.path.join(cache_dir, ".lock"), "w") as lock:  # pytest-xdist workers share the cache
            fcntl.flock(lock, fcntl.LOCK_EX)
            dynamo = _extract_dynamo(_wheel_path(cache_dir), cache_dir)
    except (RuntimeError, OSError, zipfile.BadZipFile) as exc:
        _failure = str(exc)
        raise RuntimeError(f"torchair unavailable: {exc}") from exc
    if dynamo not in sys.path:
        sys.path.insert(0, dynamo)
    _install_fakes()
    define_npu_write_stand_ins()  # before torchair's converters register (they name torch.ops.npu ops)
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    loggers = [logging.getLogger(n) for n in ("torchair", "")]
    levels = [lg.level for lg in loggers]
    try:
        for lg in loggers:
            lg.setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ~100 "Failed to import <npu op converter>" warnings
            import torchair  # noqa: PLC0415
    except Exception as exc:  # noqa: BLE001 - report any import failure as "unavailable"
        _failure = f"import torchair failed: {type(exc).__name__}: {exc}"
        raise RuntimeError(f"torchair unavailable: {_failure}") from exc
    finally:
        for lg, lvl in zip(loggers, levels):
            lg.setLevel(lvl)
        if threading.current_thread() is threading.main_thread():
            for sig, handler in saved.items():  # torchair.core._backend swallows SIGINT/SIGTERM
                if handler is not None:
                    signal.signal(sig, handler)
    _fix_torchair_logger_class()
    _cached, _failure = torchair, None
    return torchair


def _fix_torchair_logger_class() -> None:
    """We create the "torchair" logger (to quiet the import) before torchair calls
    ``logging.setLoggerClass(_EventLogger)``, so torchair's ``logger`` would be a plain ``Logger``
    without the ``event`` method its graph-run path (``GeConcreteGraph.__call__``) calls.  Give the
    instance torchair's class (a method-only subclass: no state to migrate)."""
    event_logger = getattr(sys.modules.get("torchair.core.utils"), "_EventLogger", None)
    lg = logging.getLogger("torchair")
    if event_logger is not None and not isinstance(lg, event_logger):
        lg.__class__ = event_logger


def torchair_available_reason(cache_dir: str | None = None) -> str | None:
    """None if torchair loads, else the reason (for ``pytest.skip(reason)``)."""
    try:
        load_torchair(cache_dir)
        return None
    except RuntimeError as exc:
        return str(exc)
