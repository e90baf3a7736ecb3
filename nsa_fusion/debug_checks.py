"""Opt-in value checks inside compiled graphs (``NSA_FUSION_DEBUG_CHECKS=1`` or
``nsa_fusion.set_debug_checks(True)``, set before compiling).

A compiled graph never reads tensor values on the host by default: the eager value checks of
``nsa_fusion.compress_infer`` (lengths up to the capacity, page ids in range, slots in range and unique
on the written rows, see ``docs/contract.md``) do not run there, so a compiled call with duplicated
slots writes one of the duplicates without a word.  With debug checks on, the pass puts
``nsa_fusion::check_step_values`` in front of every fused call it emits: it runs the same checks on the
call's arguments (one host sync per fused step) and raises the same ``ValueError``/``IndexError``
before the fused op writes anything.  The check passes the lengths through (a copy the fused call
reads), so no graph pass can drop it or move it after the write.

Inductor graphs (CPU, CUDA, NPU eager kernels) only: torchair's GE graphs have no converter for a host
check, so there the setting is ignored.  The setting is part of the pass's cache key: a graph compiled
without checks is never served to a compile that asks for them.
"""
from __future__ import annotations

import os

import torch

from . import _validation as V

__all__ = ["set_debug_checks", "debug_checks_enabled", "check_step_values"]

_enabled: bool | None = None


def set_debug_checks(enabled: bool | None) -> bool | None:
    """Debug checks on (``True``) or off (``False``) for compiles that start afterwards, overriding
    ``NSA_FUSION_DEBUG_CHECKS``; ``None`` drops the override (the environment variable decides again).
    Returns the previous override (``None`` when there was none): ``set_debug_checks(previous)``
    restores exactly what was there."""
    global _enabled
    previous = _enabled
    _enabled = None if enabled is None else bool(enabled)
    return previous


def debug_checks_enabled() -> bool:
    if _enabled is not None:
        return _enabled
    return os.environ.get("NSA_FUSION_DEBUG_CHECKS", "0") not in ("", "0")


@torch.library.custom_op("nsa_fusion::check_step_values", mutates_args=())
def check_step_values(input: torch.Tensor, weight: torch.Tensor, slot_mapping: torch.Tensor,
                      block_table: torch.Tensor, actual_seq_len: torch.Tensor, cache: torch.Tensor,
                      compress_block_size: int, compress_stride: int) -> torch.Tensor:
    """The eager value checks of ``compress_infer`` on one fused call's arguments; returns a copy of
    ``actual_seq_len`` for the fused call to read.  Raises ``ValueError``/``IndexError`` naming the
    argument (lengths over the capacity, page ids out of range, slots out of range or duplicated on
    written rows)."""
    V.check_values(input, weight, slot_mapping, compress_block_size, compress_stride, input.shape[1],
                   block_table, actual_seq_len, cache)
    return actual_seq_len.clone()


@check_step_values.register_fake
def _check_step_values_fake(input, weight, slot_mapping, block_table, actual_seq_len, cache,
                            compress_block_size, compress_stride):
    return torch.empty_like(actual_seq_len)
