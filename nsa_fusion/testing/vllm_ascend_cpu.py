"""Load vllm-ascend's real pass-manager code on a CPU-only machine (no torch_npu, no CANN).

vllm-ascend is published on PyPI as an sdist that only builds with CANN, so it cannot be installed
here.  Its compilation front end is pure Python, though: ``GraphFusionPassManager`` (the pass manager
behind ``CompilationConfig.inductor_compile_config["graph_fusion_manager"]``) and ``fusion_pass_compile``
(AOTAutograd with Inductor's decompositions, then the pass manager on the forward graph, which then
runs as it is).  This module downloads the sdist once into ``~/.cache/nsa_fusion`` (pinned version and
sha256; never installed), extracts just those two files and loads them as real modules.  What they
import from the rest of vllm-ascend is replaced by the smallest stand-ins that let them load: the
ascend config (only its type is read at import), the hardware profile (only read by ``configure``,
which the tests do not call: they add nsa_fusion's pass themselves) and the pass-manager key, whose
value is read from the sdist's own ``vllm_ascend/utils.py``.  vLLM itself is the real one.

    from nsa_fusion.testing.vllm_ascend_cpu import load_vllm_ascend
    va = load_vllm_ascend()       # .GraphFusionPassManager, .fusion_pass_compile, .COMPILATION_PASS_KEY
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
import tarfile
import types
import urllib.request

VERSION = "0.30.0rc2"
SDIST = f"vllm_ascend-{VERSION}.tar.gz"
SHA256 = "05cb51448c0cd174ea338b16ebbfc8e215f44b373ea2a0d65f1314523a01152f"
URL = ("https://files.pythonhosted.org/packages/d1/aa/38f9018eaf20ef60786c4fdc9182e9312719257b002b0533ca028f61bf05/"
       + SDIST)
FILES = ("vllm_ascend/compilation/graph_fusion_pass_manager.py", "vllm_ascend/compilation/compiler_interface.py",
         "vllm_ascend/utils.py")


def cache_dir() -> str:
    root = os.environ.get("NSA_FUSION_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "nsa_fusion")
    return os.environ.get("NSA_FUSION_VLLM_ASCEND_CACHE") or os.path.join(root, f"vllm_ascend-{VERSION}")


def _fetch(directory: str) -> dict[str, str]:
    """The three source files (path -> text), downloading and checking the sdist the first time."""
    out = {f: os.path.join(directory, f) for f in FILES}
    if all(os.path.exists(p) for p in out.values()):
        return {f: open(p).read() for f, p in out.items()}
    os.makedirs(directory, exist_ok=True)
    archive = os.path.join(directory, SDIST)
    if not os.path.exists(archive):
        try:
            urllib.request.urlretrieve(URL, archive + ".part")
        except Exception as exc:
            raise RuntimeError(f"cannot download {URL}: {exc}") from exc
        os.replace(archive + ".part", archive)
    digest = hashlib.sha256(open(archive, "rb").read()).hexdigest()
    if digest != SHA256:
        os.remove(archive)
        raise RuntimeError(f"{SDIST}: sha256 {digest} is not the pinned {SHA256}")
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            rel = member.name.split("/", 1)[-1]
            if rel in FILES:
                os.makedirs(os.path.dirname(out[rel]), exist_ok=True)
                with tar.extractfile(member) as src, open(out[rel], "wb") as dst:
                    dst.write(src.read())
    missing = [f for f, p in out.items() if not os.path.exists(p)]
    if missing:
        raise RuntimeError(f"{SDIST} has no {missing}")
    return {f: open(p).read() for f, p in out.items()}


def _module(name: str, **attrs) -> types.ModuleType:
    mod = sys.modules.get(name) or types.ModuleType(name)
    mod.__dict__.update(attrs)
    sys.modules[name] = mod
    return mod


def load_vllm_ascend() -> types.SimpleNamespace:
    """vllm-ascend's real ``GraphFusionPassManager`` and ``fusion_pass_compile`` (needs vLLM)."""
    sources = _fetch(cache_dir())
    key = re.search(r'^COMPILATION_PASS_KEY\s*=\s*"([^"]+)"', sources["vllm_ascend/utils.py"], re.M)
    if key is None:
        raise RuntimeError("vllm_ascend/utils.py no longer defines COMPILATION_PASS_KEY")
    # stand-ins for the parts of vllm-ascend these two files import (see the module docstring)
    pkg = _module("vllm_ascend", __path__=[])
    _module("vllm_ascend.compilation", __path__=[])
    _module("vllm_ascend.utils", COMPILATION_PASS_KEY=key.group(1))

    class AscendCompilationConfig:  # only a type annotation at import time
        enable_npugraph_ex = False
        enable_static_kernel = False

    _module("vllm_ascend.ascend_config", AscendCompilationConfig=AscendCompilationConfig,
            get_ascend_config=lambda: types.SimpleNamespace(ascend_compilation_config=AscendCompilationConfig()))

    class HardwareCapability:  # read only by GraphFusionPassManager.configure
        GRAPH_NORM_QUANT_FUSION = GRAPH_MULS_ADD_FUSION = None

    _module("vllm_ascend.device", __path__=[])
    _module("vllm_ascend.device.hardware_profile", HardwareCapability=HardwareCapability,
            get_current_hardware_profile=lambda: types.SimpleNamespace(supports=lambda cap: False))
    loaded = {}
    for rel in FILES[:2]:
        name = rel[:-3].replace("/", ".")
        mod = types.ModuleType(name)
        mod.__file__ = os.path.join(cache_dir(), rel)
        sys.modules[name] = mod
        exec(compile(sources[rel], mod.__file__, "exec"), mod.__dict__)
        loaded[name.rsplit(".", 1)[-1]] = mod
    del pkg
    return types.SimpleNamespace(GraphFusionPassManager=loaded["graph_fusion_pass_manager"].GraphFusionPassManager,
                                 fusion_pass_compile=loaded["compiler_interface"].fusion_pass_compile,
                                 COMPILATION_PASS_KEY=key.group(1), version=VERSION)
