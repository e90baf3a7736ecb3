"""nsa_fusion: graph-mode fusion of Native Sparse Attention's KV compression step.

Import is cheap and never imports torch_npu or torchair; the NPU path loads lazily.
"""
from __future__ import annotations

from . import reference
from ._validation import npu_supports, set_value_checks
from .ops import compress_infer

__version__ = "0.1.0"

__all__ = ["compress_infer", "reference", "npu_supports", "set_value_checks", "__version__"]
