"""Build and load the native CPU kernel (``csrc/nsa_compress.cpp``) once per machine.

The field's route (Inductor's own C++ kernels do the same): compile one translation unit with the
system C++ compiler against torch's headers and libraries, with OpenMP, and load it with
``torch.ops.load_library``; it registers ``nsa_fusion_native::compress_`` for the CPU key.  No ninja
and no build at install time (pip would otherwise need torch in its isolated build environment).

The shared library is cached under ``$NSA_FUSION_CACHE_DIR`` (default ``~/.cache/nsa_fusion/native``)
in a folder keyed by the source, torch version, compiler flags and CPU model, so a stale or foreign
build is never loaded.  If anything fails, one warning says why and the pure-torch kernel is used.
``NSA_FUSION_NO_NATIVE=1`` skips the native kernel without a warning.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import warnings

import torch

SOURCE = pathlib.Path(__file__).parent / "csrc" / "nsa_compress.cpp"
# -ffp-contract=off: no FMA, so the fp32 accumulation is bit-identical to the golden's mul-then-add
FLAGS = ["-O3", "-std=c++17", "-shared", "-fPIC", "-fopenmp", "-ffp-contract=off", "-march=native", "-w"]

_status = (False, "not loaded yet")


def _cpu_id() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            lines = [ln for ln in f if ln.startswith(("model name", "flags"))]
        return "".join(sorted(set(lines)))
    except OSError:
        return platform.processor() or platform.machine()


def _build_dir() -> pathlib.Path:
    root = pathlib.Path(os.environ.get("NSA_FUSION_CACHE_DIR") or pathlib.Path.home() / ".cache" / "nsa_fusion")
    key = hashlib.sha256()
    for part in (SOURCE.read_bytes(), torch.__version__.encode(), " ".join(FLAGS).encode(), _cpu_id().encode(),
                 sys.version.encode()):
        key.update(part)
    return root / "native" / key.hexdigest()[:16]


def _compile(target: pathlib.Path) -> None:
    from torch.utils import cpp_extension

    cxx = os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")
    if cxx is None:
        raise RuntimeError("no C++ compiler found (set CXX or install g++)")
    abi = int(torch._C._GLIBCXX_USE_CXX11_ABI)
    torch_lib = os.path.join(os.path.dirname(torch.__file__), "lib")
    cmd = [cxx, *FLAGS, f"-D_GLIBCXX_USE_CXX11_ABI={abi}", str(SOURCE), "-o", None,
           *[f"-I{p}" for p in cpp_extension.include_paths()], f"-L{torch_lib}", "-lc10", "-ltorch_cpu",
           f"-Wl,-rpath,{torch_lib}"]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".so", delete=False) as tmp:
        cmd[cmd.index(None)] = tmp.name
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        os.unlink(tmp.name)
        raise RuntimeError(f"compiling {SOURCE.name} failed: {proc.stderr.strip()[-600:]}")
    os.replace(tmp.name, target)  # atomic: concurrent builders never load a half-written file


@functools.cache
def load_native():
    """The loaded kernel (``torch.ops.nsa_fusion_native``) or None; builds on first use."""
    global _status
    if os.environ.get("NSA_FUSION_NO_NATIVE") == "1":
        _status = (False, "disabled by NSA_FUSION_NO_NATIVE=1")
        return None
    try:
        target = _build_dir() / "nsa_compress.so"
        if not target.exists():
            _compile(target)
        torch.ops.load_library(str(target))
        _status = (True, str(target))
        return torch.ops.nsa_fusion_native
    except Exception as exc:  # no compiler, no OpenMP, headers missing, ...
        _status = (False, f"{type(exc).__name__}: {exc}")
        warnings.warn(f"nsa_fusion: native CPU kernel unavailable ({_status[1].splitlines()[0]}); "
                      "using the pure-torch fallback", RuntimeWarning, stacklevel=2)
        return None


def available() -> tuple[bool, str]:
    """(loaded, path or the reason it is not)."""
    load_native()
    return _status
