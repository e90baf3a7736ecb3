"""nsa_fusion: graph-mode fusion of Native Sparse Attention's KV compression step.

Import is cheap and never imports torch_npu or torchair; the NPU path loads lazily.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import reference
from ._validation import npu_supports, set_value_checks
from .diagnostics import set_strict, stats
from .ops import compress_infer
from .lowering import portable as _portable, npu as _npu, triton_kernel as _triton_kernel  # noqa: F401  the op's kernels register themselves (triton itself loads on first launch)

# The pass pulls in torch._inductor (about a second): load it on first use, not on import.
_LAZY = {"npu_backend": "backend", "get_npu_backend": "backend", "enable_inductor": "backend",
         "disable_inductor": "backend", "install_into_compiler_config": "backend", "explain": "explaining",
         "vllm_pass": "vllm", "vllm_ascend_pass": "vllm", "register_with_torchair": "backend",
         "FusionRefused": "explaining", "refusal_of": "explaining", "Report": "explaining",
         "set_debug_checks": "debug_checks"}


if TYPE_CHECKING:  # what the lazy names are, for type checkers (py.typed); at run time __getattr__ loads them
    from .backend import (disable_inductor, enable_inductor, get_npu_backend, install_into_compiler_config,
                          npu_backend, register_with_torchair)
    from .debug_checks import set_debug_checks
    from .explaining import FusionRefused, Report, explain, refusal_of
    from .vllm import vllm_ascend_pass, vllm_pass


def vllm_post_grad_pass(graph) -> None:
    """The pass for vLLM's string form ``CompilationConfig(inductor_passes={"post_grad_custom_post_pass":
    "nsa_fusion.vllm_post_grad_pass"})``: vLLM resolves the name in this module's namespace (so it is
    defined here, cheaply) and wraps it in its ``CallableInductorPass``.  See :mod:`nsa_fusion.vllm`."""
    from .vllm import vllm_post_grad_pass as run

    run(graph)


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nsa_fusion' has no attribute {name!r}")


def __dir__():
    return sorted(set(__all__) | set(globals()) - {"annotations", "importlib", "TYPE_CHECKING"})

__version__ = "0.2.0"

__all__ = ["compress_infer", "reference", "npu_supports", "set_value_checks", "npu_backend", "get_npu_backend",
           "enable_inductor", "disable_inductor", "install_into_compiler_config", "stats", "explain", "Report",
           "set_strict", "FusionRefused", "refusal_of", "set_debug_checks", "vllm_pass", "vllm_ascend_pass",
           "vllm_post_grad_pass", "register_with_torchair", "__version__"]
