"""Build and load the native CPU kernel (``csrc/nsa_compress.cpp``) once per machine.

The field's route (Inductor's own C++ kernels do the same): compile one translation unit with the
system C++ compiler against torch's headers and libraries, with OpenMP, and load it with
``torch.ops.load_library``.  Loading registers, in C++, the CPU and AutogradCPU kernels of
``nsa_fusion::compress_infer_`` (so Inductor's generated code reaches the kernel through the
dispatcher with no Python in between), ``nsa_fusion_native::compress_`` (the kernel alone) and
``nsa_fusion_native::compress_checked_`` (every argument check, then the op: the eager entry of
:func:`nsa_fusion.compress_infer`, registered here with :func:`nsa_fusion.ops.register_eager_entry`).
No ninja and no build at install time (pip would otherwise need torch in its isolated build environment).

When to load: at import when the library is already built for this machine (a ``dlopen``, about a
millisecond); otherwise on first use (the build takes ~20 s, once), from the op's default kernel.

The shared library is cached under ``$NSA_FUSION_CACHE_DIR`` (default ``~/.cache/nsa_fusion/native``)
in a folder keyed by the source, torch version, Python and compiler flags (including the vector ISA,
picked from torch's own CPU check: AVX-512 / AVX2 / default), so a stale or foreign build is never
loaded.  If anything fails, one warning says why and the pure-torch kernel is used.
``NSA_FUSION_NO_NATIVE=1`` skips the native kernel without a warning.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import warnings

import torch

from .. import ops

SOURCE = pathlib.Path(__file__).parent / "csrc" / "nsa_compress.cpp"
# -ffp-contract=off / -fno-fast-math: no FMA, no reassociation, so the fp32 accumulation is
# bit-identical to the golden's mul-then-add.
BASE_FLAGS = ["-O3", "-std=c++17", "-shared", "-fPIC", "-fopenmp", "-ffp-contract=off", "-fno-fast-math",
              "-fvisibility=hidden", "-w"]
# ISA as ATen's per-capability kernels build it (the -m flags plus the CPU_CAPABILITY macros that select
# at::vec's AVX2 / AVX-512 Vectorized), chosen from torch's own runtime CPU check, never -march=native.
ISA_FLAGS = {
    "DEFAULT": [],
    "AVX2": ["-mavx2", "-mfma", "-mf16c", "-DCPU_CAPABILITY=AVX2", "-DCPU_CAPABILITY_AVX2"],
    "AVX512": ["-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mavx2", "-mfma", "-mf16c",
               "-DCPU_CAPABILITY=AVX512", "-DCPU_CAPABILITY_AVX512"],
}
_ORDER = ["DEFAULT", "AVX2", "AVX512"]

_status = (False, "not loaded yet")


def _cpu_has(*flags: str) -> bool:
    """x86 feature flags from /proc/cpuinfo; True where that file is not there (trust torch's check)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    have = set(line.split(":", 1)[1].split())
                    return all(flag in have for flag in flags)
    except OSError:
        pass
    return True


def isa() -> str:
    """The vector ISA to build for: what torch dispatches to on this CPU (``ATEN_CPU_CAPABILITY``
    lowers it), optionally lowered further with ``NSA_FUSION_NATIVE_VEC=DEFAULT|AVX2``."""
    try:
        cap = torch.backends.cpu.get_cpu_capability()
    except Exception:
        cap = "DEFAULT"
    if cap not in ISA_FLAGS:  # SVE, VSX, ZVECTOR: ATen's generic Vectorized
        cap = "DEFAULT"
    want = os.environ.get("NSA_FUSION_NATIVE_VEC", "").upper()
    if want in ISA_FLAGS and _ORDER.index(want) < _ORDER.index(cap):
        cap = want
    if cap != "DEFAULT" and not _cpu_has("f16c", "fma", "avx2"):  # ATen's AVX2 check does not test F16C
        cap = "DEFAULT"
    return cap


def _flags() -> list[str]:
    return [*BASE_FLAGS, *ISA_FLAGS[isa()]]


def _build_dir() -> pathlib.Path:
    root = pathlib.Path(os.environ.get("NSA_FUSION_CACHE_DIR") or pathlib.Path.home() / ".cache" / "nsa_fusion")
    key = hashlib.sha256()
    for part in (SOURCE.read_bytes(), torch.__version__.encode(), " ".join(_flags()).encode(), sys.version.encode()):
        key.update(part)
    return root / "native" / f"{isa().lower()}-{key.hexdigest()[:16]}"


def _compile(target: pathlib.Path) -> None:
    from torch.utils import cpp_extension

    cxx = os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")
    if cxx is None:
        raise RuntimeError("no C++ compiler found (set CXX or install g++)")
    abi = int(torch._C._GLIBCXX_USE_CXX11_ABI)
    torch_lib = os.path.join(os.path.dirname(torch.__file__), "lib")
    cmd = [cxx, *_flags(), f"-D_GLIBCXX_USE_CXX11_ABI={abi}", str(SOURCE), "-o", None,
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
        ops.register_eager_entry("cpu", torch.ops.nsa_fusion_native.compress_checked_.default)
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


def load_if_built() -> bool:
    """Load the library now if it is already built for this machine (never builds); True if loaded."""
    if os.environ.get("NSA_FUSION_NO_NATIVE") == "1":
        return False
    try:
        built = (_build_dir() / "nsa_compress.so").exists()
    except Exception:  # an unreadable source or cache dir: the first call reports it
        return False
    return built and load_native() is not None


load_if_built()
