"""Blind corpus #9: NSA compression decode steps, written without reading the recogniser (issue 18's fresh
blind batch).

Written from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the torch_npu
``npu_nsa_compress_infer`` page and public NSA / serving code: vLLM v1 (block table -> flat slot
``block * block_size + offset``), vllm-ascend (flattened ``[blocks, P, N*D]`` caches), SGLang (a
``req_to_token`` table of token locations, ``set_kv_buffer``), HF ports (Python loops, fp32 accumulators,
transposed parameters), DeepSeek V3.2's indexer (``positions + 1`` lengths, k_norm), XunhaoLai's NSACache
(unfold / conv windows over the whole sequence), lucidrains (rearranged last-axis reductions, intra-block
position embeddings), fla (keepdim reductions, per-head loops).  Each case's note names the style.

Module signature: ``module(kv_pages, slot_mapping, block_table, seq_lens, cache)``; ``factory(l, d, P,
weight)`` with ``weight`` as ``[l, N]``.  Inputs: ``blind9_inputs`` (blind2's generator).

* ``expect="fuse"``: the step computes the contract exactly on every valid input (fp32 products of the
  weight and token, fp32 sum in window order or an order torch leaves open, one rounding to the cache dtype,
  kept rows untouched).  Mean pooling only with l a power of two, on fp16 data.
* ``expect="no_fuse"``: a realistic bug or a different design that differs from the contract on some valid
  input; the note names that input (``PROBES`` builds it where the generator's inputs do not show it).

``python tests/corpora/blind9.py`` runs ``check_eager()`` (blind8's rules: positives bit-exact to the
golden or within one order-of-summation rounding where torch leaves the order open; near misses differ on
their named input, ``subtle`` ones bit-wise).

FIRST TRY -- frozen snapshot 4de1e21 (/tmp/base9), fp16, no case changed after seeing any pass result;
``run_corpus.py blind9 --dtypes float16``, inductor then torchair, static / batch / all (09:44-10:15 UTC
2026-12-04; logs /tmp/blind9_first_{inductor,torchair}.log).  A first attempt at 09:39 aborted in EAGER on
window_ends_at_s (it indexed past the block table on the runner's s = capacity row; length_plus_one had the
same bug): both clamp their positions to the capacity since fcf2dbe, the only change, made before any near
miss had run.  "n/a": the mode fails without the pass too.

    mode               positives fused bit-exact   near misses fused   crashes / n/a
    inductor static    46/47 (+1 n/a)              1/27 (*)            per_request_loop n/a
    inductor batch     45/47 (+1 n/a)              1/27 (*)            per_request_loop n/a
    inductor all       43/47 (+1 n/a)              1/27 (*)            per_request_loop n/a
    torchair static    46/47 (+1 n/a)              1/27 (*)            per_request_loop n/a; nan_to_num_sanitize
    torchair batch     45/47 (+1 n/a)              1/27 (*)              crashes unfused (plain torchair too)
    torchair all       43/47 (+1 n/a)              1/27 (*)            + take_elementwise_offsets: no GE converter

Positive misses (refusal reason as the runner prints it):

* loop_index_select_first_product (all 6 modes): "pooling: the window sum is written out (adds) in another
  order than the op's, j = 0 .. l-1 starting from +0.0".  The loop starts from the first product instead of
  +0.0; the two differ only when every product is -0.0 (-0.0 against +0.0: IEEE-equal, bit-different), so
  the refusal is strict rather than wrong; labelling it a positive was borderline on my side.
* as_strided_windows (inductor and torchair, batch): "sizes: aten.as_strided.default reads dim 0 with stride
  24576, not the contiguous 45056; under dynamic shapes that is an element map the probed sizes cannot tell
  from the identity"; (all): "gather: the new row b may depend on other rows, the row number or the batch
  size, not only on row b's own inputs (as_strided (aten.as_strided.default) mixes or reshapes batch rows)".
  Conservative: the strides are the contiguous [B, C, N, D] sequence's own; fused in static.
* sglang_req_to_token_matmul (inductor all): "sizes: prims.iota.default numbers a dimension whose size
  changes between the sizes this dynamic graph serves: the step is proven at a few of them only"; torchair
  all: the same for aten.arange.default.  The model's arange(P) with P = kv.shape[1] symbolic under
  dynamic=True.  Conservative; fused in static and batch.
* take_elementwise_offsets (inductor all: same iota reason, arange(N) / arange(D) of symbolic sizes; torchair
  all: that refusal plus "torch.ops.aten.take.default ge_converter is not implemented").  Fused in static
  and batch.
* per_request_loop (n/a, 6 modes): Dynamo "Could not extract specialized integer from data-dependent
  expression u0": my cache[idx[0]] indexes with a 0-d tensor (an .item()).

(*) The one near miss fused, length_plus_one (all 6 modes, correct=True: compiled == eager): s = seq_lens + 1
is the contract's admitted "positions + 1" lengths (docs/contract.md, valid input: lengths), so the step IS
the contract with actual_seq_len = seq_lens + 1 and the fusion is exact; labelling it a near miss was my
design error (it differs from the golden only because the golden takes seq_lens as the lengths).  Its twin
seq_lens_taken_as_positions (seq_lens - 1) is not fused, as the contract says for other computed lengths.

nan_to_num_sanitize on torchair (3 modes): unfused (refused: "pooling: aten.nan_to_num.default on the tokens
is not part of a weighted sum") and the graph fails with "TypeError: must be real number, not NoneType" in
torchair's nan_to_num converter -- plain torchair without the pass fails the same way (checked), so it says
nothing about the pass; the runner does not mark near misses n/a.
"""
from __future__ import annotations

import functools
import math
import sys
from typing import Callable, NamedTuple, Optional

import torch
import torch.nn.functional as F
from torch import nn

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
ALL_DTYPES = (F16, BF16, F32)


class Case(NamedTuple):
    name: str
    factory: Callable   # factory(l, d, P, weight) -> torch.nn.Module
    expect: str         # "fuse" or "no_fuse"
    weight_layout: str  # "lN" (weight used as given) or "none" (mean pooling, 1/l)
    functional: bool = False
    dtypes: tuple = ALL_DTYPES
    note: str = ""
    configs: Optional[Callable] = None   # predicate (l, d, P) -> bool; None = any valid config
    subtle: bool = False


def pow2_l(l, d, P):
    return l & (l - 1) == 0


def l_not_pow2(l, d, P):
    return l & (l - 1) != 0


def window_can_cross_page(l, d, P):
    return any((k * d) % P + l > P for k in range(P))


class _Step(nn.Module):
    """Holds l, d, P and the [l, N] weight as a buffer in the model dtype."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.register_buffer("weight", weight.detach().clone())


# ----------------------------------------------------------------------------------------------------
# positives
# ----------------------------------------------------------------------------------------------------

class VllmV1FlatSlotIndexSelect(_Step):
    """vLLM v1: slot = block_table[b, p // P] * P + p % P over a flat [blocks * P, N, D] view, index_select,
    einsum pooling, index_copy_ write."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp_min(0)
        block_ids = torch.gather(bt.long(), 1, pos // P)
        flat = block_ids * P + pos % P
        toks = kv.reshape(nb * P, N, D).index_select(0, flat.flatten()).view(-1, l, N, D)
        pooled = torch.einsum("blhd,lh->bhd", toks.float(), self.weight.float())
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        new = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache.index_select(0, idx))
        cache.index_copy_(0, idx, new)
        return cache


class AscendGatherRemainder(_Step):
    """vllm-ascend: positions from arange(-l, 0), floor div / remainder spellings, advanced indexing,
    mul + sum, logical_and condition, index_put_."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.to(torch.int64)
        pos = s.unsqueeze(1) + torch.arange(-l, 0, device=kv.device)
        pos = torch.where(pos < 0, torch.zeros_like(pos), pos)
        pages = bt.to(torch.int64).gather(1, torch.div(pos, P, rounding_mode="floor"))
        toks = kv[pages, torch.remainder(pos, P)]
        pooled = (toks.float() * self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(dim=1)
        valid = torch.logical_and(s >= l, torch.remainder(s - l, d) == 0)
        idx = slots.to(torch.int64)
        cache.index_put_((idx,), torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype), cache[idx]))
        return cache


class SglangReqToTokenMatmul(_Step):
    """SGLang: a req_to_token row of token locations per request built from the page table, token locations
    gathered from it, matmul pooling, setitem write (set_kv_buffer)."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        B = bt.shape[0]
        l, d = self.l, self.d
        req_to_token = (bt.long()[:, :, None] * P + torch.arange(P, device=kv.device)).reshape(B, -1)
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        loc = torch.gather(req_to_token, 1, pos)
        toks = kv.view(-1, N, D)[loc]                               # [B, l, N, D]
        w = self.weight.float().t()[None, :, None, :]                # [1, N, 1, l]
        pooled = torch.matmul(w, toks.float().permute(0, 2, 1, 3)).squeeze(2)   # [B, N, D]
        valid = (s >= l) & ((s - l) % d == 0)
        cache[slots.long()] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots.long()])
        return cache


class HfLoopWindowOrder(_Step):
    """HF port: Python loop over the window, fp32 accumulator from zeros, explicit window order."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        B, N, D = lens.shape[0], kv.shape[2], kv.shape[3]
        s = lens.long()
        rows = torch.arange(B, device=kv.device)
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=kv.device)
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            tok = kv[bt.long()[rows, p // P], p % P].float()
            acc = acc + self.weight[j].float()[None, :, None] * tok
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache[idx] = torch.where(valid[:, None, None], acc.to(cache.dtype), cache[idx])
        return cache


class DeepseekPositionsPlusOne(_Step):
    """DeepSeek V3.2 indexer: the step works on positions of the token just appended, length = positions + 1;
    einsum with the weight first."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        positions = lens.long() - 1
        s = positions + 1
        B = s.shape[0]
        offs = torch.arange(l, device=kv.device)
        pos = (s[:, None] - l + offs).clamp(min=0)
        pages = bt.long()[torch.arange(B, device=kv.device)[:, None], pos // P]
        toks = kv[pages, pos % P]
        pooled = torch.einsum("lh,blhd->bhd", self.weight.float(), toks.float())
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


def _whole_sequence(kv, bt):
    """[B, max_pages * P, N, D]: every page of every request (page ids clamped into the pool: the columns
    outside the window are never used, the window's ids are in range already)."""
    nb, P, N, D = kv.shape
    B, M = bt.shape
    return kv[bt.long().clamp(0, nb - 1)].reshape(B, M * P, N, D)


class XunhaoUnfoldWholeSequence(_Step):
    """XunhaoLai NSACache: unfold the whole sequence into windows of l with step d and pick the window
    (s - l) // d; einsum over the last axis."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        seq = _whole_sequence(kv, bt)
        win = seq.unfold(1, l, d)                                   # [B, nwin, N, D, l]
        s = lens.long()
        k = ((s - l) // d).clamp(min=0)
        sel = win[torch.arange(s.shape[0], device=kv.device), k]    # [B, N, D, l]
        pooled = torch.einsum("bhdl,lh->bhd", sel.float(), self.weight.float())
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class AsStridedWindows(_Step):
    """XunhaoLai-style windows via as_strided on the contiguous whole sequence, window k = (s - l) // d."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        seq = _whole_sequence(kv, bt).contiguous()
        B, C, N, D = seq.shape
        nwin = (C - l) // d + 1
        win = seq.as_strided((B, nwin, l, N, D), (C * N * D, d * N * D, N * D, D, 1))
        s = lens.long()
        k = torch.div(s - l, d, rounding_mode="floor").clamp(min=0)
        toks = win[torch.arange(B, device=kv.device), k]           # [B, l, N, D]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        cache[slots.long()] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots.long()])
        return cache


def _window_tokens(kv, bt, lens, l, P):
    """[B, l, N, D] tokens of the window ending at s (positions clamped at 0 for short rows)."""
    s = lens.long()
    pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    return kv[bt.long().gather(1, pos // P), pos % P]


def _depthwise_kernel(weight, D):
    """[N * D, 1, l] depthwise conv kernel: channel h * D + e uses weight[:, h]."""
    return weight.float().t().repeat_interleave(D, dim=0).unsqueeze(1)


class Conv1dDepthwiseWindow(_Step):
    """NSA 'conv' compression: depthwise conv1d over the window (channels = heads * dim)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        B, _, N, D = toks.shape
        x = toks.float().permute(0, 2, 3, 1).reshape(B, N * D, l)
        pooled = F.conv1d(x, _depthwise_kernel(self.weight, D), groups=N * D).view(B, N, D)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_copy_(0, idx, torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class Conv1dStridedWholeSequence(_Step):
    """XunhaoLai-style conv compression: strided depthwise conv1d over the whole sequence (stride d), then
    the output column (s - l) // d."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        seq = _whole_sequence(kv, bt)
        B, C, N, D = seq.shape
        x = seq.float().permute(0, 2, 3, 1).reshape(B, N * D, C)
        out = F.conv1d(x, _depthwise_kernel(self.weight, D), stride=d, groups=N * D)   # [B, N*D, nwin]
        s = lens.long()
        k = ((s - l) // d).clamp(min=0)
        pooled = out[torch.arange(B, device=kv.device), :, k].view(B, N, D)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache[idx] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        return cache


class BmmPerHead(_Step):
    """fla-style bmm: heads as the batch of a [N, B*D, l] @ [N, l, 1] product."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        B, _, N, D = toks.shape
        x = toks.float().permute(2, 0, 3, 1).reshape(N, B * D, l)
        pooled = torch.bmm(x, self.weight.float().t().unsqueeze(-1)).view(N, B, D).permute(1, 0, 2)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class MeanPoolPow2(_Step):
    """lucidrains 'mean' compression (l a power of two, fp16 data): mean over the window."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _window_tokens(kv, bt, lens, l, self.P).float().mean(dim=1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class LucidrainsLastAxisSum(_Step):
    """lucidrains: rearrange 'b w h d -> b h d w' and reduce the last axis against w 'w h -> h w'."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).permute(0, 2, 3, 1)   # [B, N, D, l]
        pooled = (toks.float() * self.weight.float().t()[None, :, None, :]).sum(-1)
        s = lens.long()
        valid = (s - l >= 0) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class FlaKeepdimSqueeze(_Step):
    """fla: keepdim reduction then squeeze; torch.mul spelling; setitem write."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        prod = torch.mul(toks.to(torch.float32), self.weight.to(torch.float32)[None, :, :, None])
        pooled = prod.sum(dim=1, keepdim=True).squeeze(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        cache[slots.long()] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots.long()])
        return cache


class TakeElementwise(_Step):
    """torch.take on element offsets into the contiguous paged cache."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        token_row = bt.long().gather(1, pos // P) * P + pos % P                  # [B, l]
        heads = torch.arange(N, device=kv.device)[:, None] * D
        dims = torch.arange(D, device=kv.device)
        elem = token_row[:, :, None, None] * (N * D) + heads + dims            # [B, l, N, D]
        toks = torch.take(kv.contiguous(), elem)
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class GatherFlatRows(_Step):
    """torch.gather of token rows from a [blocks * P, N * D] view (vLLM flat slots)."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        flat = (bt.long().gather(1, pos // P) * P + pos % P).reshape(-1, 1)
        rows = torch.gather(kv.reshape(nb * P, N * D), 0, flat.expand(-1, N * D))
        toks = rows.view(-1, l, N, D)
        pooled = torch.einsum("blhd,lh->bhd", toks.float(), self.weight.float())
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class LoopIndexSelectFirstProduct(_Step):
    """HF port: per-position index_select loop, accumulator started from the first product (window order)."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        flat_kv = kv.reshape(nb * P, N, D)
        s = lens.long()
        acc = None
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            rows = bt.long().gather(1, (p // P)[:, None]).squeeze(1) * P + p % P
            term = self.weight[j].float()[None, :, None] * flat_kv.index_select(0, rows).float()
            acc = term if acc is None else acc + term
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_copy_(0, idx, torch.where(valid[:, None, None], acc.to(cache.dtype), cache[idx]))
        return cache


def _pooled_reference_style(kv, bt, lens, weight, l, P):
    return (_window_tokens(kv, bt, lens, l, P).float() * weight.float()[None, :, :, None]).sum(1)


class CondFmod(_Step):
    """Condition spelled with torch.fmod behind the length guard; index_put_ accumulate=False."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s >= l) & (torch.fmod(s - l, d) == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]),
                         accumulate=False)
        return cache


class CondCompressedCountGrows(_Step):
    """XunhaoLai / DeepSeek: a window completes when the number of compressed tokens
    max(0, (x - l) // d + 1) grows from x = s - 1 to x = s."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()

        def n_cmp(x):
            return ((x - l) // d + 1).clamp(min=0)

        valid = n_cmp(s) > n_cmp(s - 1)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class CondFloat64Quotient(_Step):
    """HF port: (s - l) / d in float64 is an integer (exact for every int32 length)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        q = (lens.double() - l) / d
        valid = (q >= 0) & (q == torch.floor(q))
        idx = slots.long()
        cache[idx] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        return cache


class CondCongruence(_Step):
    """Condition as a congruence: s % d == l % d and s >= l."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s % d == l % d) & (s >= l)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class CondTorchGeEq(_Step):
    """Condition with torch.ge / torch.eq / logical_and methods on int32 lengths (no cast)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        valid = torch.ge(lens, l).logical_and(torch.eq((lens - l) % d, 0))
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class CondFloorReconstruct(_Step):
    """Condition: (s - l) // d * d == s - l, guarded by s >= l."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        r = s - l
        valid = (r // d * d == r) & (r >= 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class WriteScatter(_Step):
    """Write with scatter_ along dim 0 (index expanded to [B, N, D])."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        new = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        cache.scatter_(0, idx[:, None, None].expand_as(new), new)
        return cache


class FunctionalIndexPut(_Step):
    """Functional write (torch.index_put, the cache returned, the argument untouched)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        return torch.index_put(cache, (idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))


class FunctionalScatter(_Step):
    """Functional torch.scatter write returning the new cache."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = torch.einsum("blhd,lh->bhd", toks.float(), self.weight.float())
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        new = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        return torch.scatter(cache, 0, idx.view(-1, 1, 1).expand(-1, cache.shape[1], cache.shape[2]), new)


class KeepRowsThroughFp32(_Step):
    """HF port: where() in fp32 between the new value and the old row upcast, one cast at the end."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled, cache[idx].float()).to(cache.dtype))
        return cache


class AscendFlatHeads(_Step):
    """vllm-ascend: caches viewed as [blocks, P, N * D], weight repeated per head dim to [l, N * D]."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        toks = kv.reshape(nb, P, N * D)[bt.long().gather(1, pos // P), pos % P]      # [B, l, N*D]
        w = self.weight.float().repeat_interleave(D, dim=1)                          # [l, N*D]
        pooled = (toks.float() * w).sum(1).view(-1, N, D)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        flat_cache = cache.view(cache.shape[0], N * D)
        flat_cache.index_put_((idx,), torch.where(valid[:, None], pooled.view(-1, N * D).to(cache.dtype),
                                                  flat_cache[idx]))
        return cache


class HfTransposedParameter(nn.Module):
    """HF port: the compression weight stored as an [N, l] parameter-like buffer, used transposed."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.register_buffer("w_hl", weight.detach().t().contiguous())

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = (toks.float() * self.w_hl.t().float()[None, :, :, None]).sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class WindowFromCompressedIndex(_Step):
    """Ascend aclnn formula: compressIdx = (s - l) / stride, window start = compressIdx * stride."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        cidx = torch.div(s - l, d, rounding_mode="floor").clamp(min=0)
        pos = cidx[:, None] * d + torch.arange(l, device=kv.device)
        toks = kv[bt.long().gather(1, pos // P), pos % P]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class PositionsWrapCapacity(_Step):
    """Short rows' negative positions wrapped modulo the capacity (any index is fine, the row is masked)."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        cap = bt.shape[1] * P
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)) % cap
        toks = kv[bt.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("blhd,lh->bhd", toks.float(), self.weight.float())
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class PerRequestLoop(_Step):
    """HF port: a Python loop over requests (static batch), one [1, N, D] row write each."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        w = self.weight.float()[:, :, None]
        ar = torch.arange(l, device=kv.device)
        for b in range(bt.shape[0]):
            s = lens[b].long()
            pos = (s - l + ar).clamp(min=0)
            toks = kv[bt[b].long()[pos // P], pos % P].float()    # [l, N, D]
            pooled = (toks * w).sum(0)
            valid = (s >= l) & ((s - l) % d == 0)
            idx = slots[b:b + 1].long()
            cache.index_put_((idx,), torch.where(valid, pooled.to(cache.dtype), cache[idx[0]])[None])
        return cache


class ImplicitPromotion(_Step):
    """Weight in the model dtype multiplied into fp32 tokens: type promotion does the upcast."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = (toks.float() * self.weight[None, :, :, None]).sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class MatmulWeightLeft(_Step):
    """[N, 1, l] @ [B, N, l, D] matmul (weight on the left)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = torch.matmul(self.weight.float().t()[:, None, :], toks.float().transpose(1, 2)).squeeze(-2)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class ReduceAddWindowOrder(_Step):
    """functools.reduce(torch.add) over the window's products in window order, starting from +0.0."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).float()
        w = self.weight.float()
        prods = [w[j][None, :, None] * toks[:, j] for j in range(l)]
        pooled = functools.reduce(torch.add, prods, torch.zeros_like(prods[0]))
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class StackLoopGather(_Step):
    """Per-position gather in a loop, torch.stack into [B, l, N, D], mul + sum."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        rows = torch.arange(s.shape[0], device=kv.device)
        toks = []
        for j in range(l):
            p = torch.clamp(s - (l - j), min=0)
            toks.append(kv[bt[rows, p // P].long(), p % P])
        toks = torch.stack(toks, dim=1)
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class PerHeadLoopStack(_Step):
    """fla: a loop over heads, each head's [B, l, D] pooled with its weight column, stacked on dim 1."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).float()
        w = self.weight.float()
        heads = [(toks[:, :, h] * w[:, h][None, :, None]).sum(1) for h in range(w.shape[1])]
        pooled = torch.stack(heads, dim=1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class SglangListIndexPut(_Step):
    """SGLang set_kv_buffer: index_put_ with a list of indices; int32 locations used directly."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(dim=1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        cache.index_put_([slots], torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LucidrainsEinsumNamed(_Step):
    """lucidrains einsum 'b w h d, w h -> b h d' with the window axis first in both."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        page_col = pos.div(P, rounding_mode="trunc")
        toks = kv[torch.gather(bt.long(), 1, page_col), pos - page_col * P]
        pooled = torch.einsum("bwhd,wh->bhd", toks.to(torch.float32), self.weight.to(torch.float32))
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache[idx] = torch.where(valid.unsqueeze(-1).unsqueeze(-1), pooled.to(cache.dtype), cache[idx])
        return cache


class PowerOfTwoBitOps(_Step):
    """Page arithmetic with shifts and masks (P a power of two), vLLM-ascend style."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        shift = P.bit_length() - 1
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        toks = kv[bt.long().gather(1, pos >> shift), pos & (P - 1)]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class TensordotPerHeadFree(_Step):
    """Window sum as torch.sum over a multiplied [B, N, l, D] tensor (heads before the window)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).transpose(1, 2)       # [B, N, l, D]
        pooled = torch.sum(toks.float() * self.weight.float().t()[None, :, :, None], dim=2)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class DeepseekIndexerWriteByMask(_Step):
    """DeepSeek V3.2 indexer: the condition built as an int mask, compared > 0; index_copy_ write."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = torch.einsum("blhd,lh->bhd", toks.float(), self.weight.float())
        s = lens.long()
        valid = ((s >= l).int() * ((s - l) % d == 0).int()) > 0
        idx = slots.long()
        old = cache.index_select(0, idx)
        cache.index_copy_(0, idx, torch.where(valid[:, None, None], pooled.to(cache.dtype), old))
        return cache


class NestedLoopsHeadsWindow(_Step):
    """Reference-style nested loops over heads and window positions, window order per head."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).float()     # [B, l, N, D]
        w = self.weight.float()
        out = []
        for h in range(w.shape[1]):
            acc = torch.zeros_like(toks[:, 0, h])
            for j in range(l):
                acc = acc + w[j, h] * toks[:, j, h]
            out.append(acc)
        pooled = torch.stack(out, dim=1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class TypeMethodCasts(_Step):
    """.type(torch.float32) casts and .type_as(cache) for the rounding."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).type(torch.float32)
        pooled = (toks * self.weight.type(torch.float32).unsqueeze(-1)).sum(1).type_as(cache)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled, cache[idx]))
        return cache


class BlockTableInt32Indexing(_Step):
    """Advanced indexing with int32 page ids straight from the block table (no .long())."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        pos = (lens[:, None] - l + torch.arange(l, device=kv.device, dtype=lens.dtype)).clamp(min=0)
        pages = bt.gather(1, (pos // P).long())
        toks = kv[pages, pos % P]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class MeanViaSumShift(_Step):
    """Mean pooling as sum * (1 / l) with l a power of two (fp16 data)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _window_tokens(kv, bt, lens, l, self.P).float().sum(1) * (1.0 / l)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache[idx] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        return cache


class NonContiguousKvPermute(_Step):
    """Tokens read through a permuted view of the cache ([P, blocks, N, D] layout kept by the model)."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        kv_t = kv.transpose(0, 1)                     # [P, blocks, N, D], a view
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        toks = kv_t[pos % P, bt.long().gather(1, pos // P)]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class WindowLoopSubFromEnd(_Step):
    """HF port: tokens addressed from the end (p = s - (l - j)), accumulated in window order."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        rows = torch.arange(s.shape[0], device=kv.device)
        acc = torch.zeros(s.shape[0], kv.shape[2], kv.shape[3], device=kv.device)
        for j in range(l):
            p = torch.clamp(s - (l - j), min=0)
            acc += self.weight[j].float().view(1, -1, 1) * kv[bt.long()[rows, p // P], p % P].float()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[idx]))
        return cache


class SlotsAsInt64Scatter(_Step):
    """Slot indices cast with .to(torch.int64); index_put_ through a [slots] view of cache[:]"""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = torch.einsum("blhd,lh->bhd", _window_tokens(kv, bt, lens, l, self.P).float(), self.weight.float())
        s = lens.to(torch.int64)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.to(torch.int64)
        cache[idx, :, :] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx, :, :])
        return cache


# ----------------------------------------------------------------------------------------------------
# near misses
# ----------------------------------------------------------------------------------------------------

class _Shifted(_Step):
    """Reference shape with the window shifted by ``shift`` positions (an off-by-one)."""
    shift = 0

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        cap = bt.shape[1] * P
        pos = (s[:, None] - l + self.shift + torch.arange(l, device=kv.device)).clamp(0, cap - 1)
        toks = kv[bt.long().gather(1, pos // P), pos % P]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class WindowEndsAtS(_Shifted):
    """Window s - l + 1 .. s (includes the position s, which is the future slot)."""
    shift = 1


class WindowOneEarly(_Shifted):
    """Window s - l - 1 .. s - 2 (misses the token just appended)."""
    shift = -1


class NoLengthGuard(_Step):
    """Condition (s - l) % d == 0 without s >= l: s = l - d (a short row) writes a partial window."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s - l) % d == 0
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class StrictGreater(_Step):
    """s > l instead of s >= l: the first window (s == l) is never written."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s > l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class HalfProducts(_Step):
    """Products in the model dtype, only the sum in fp32 (fp16 products round)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = (toks * self.weight[None, :, :, None]).float().sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class SumDtypeArgHalfProducts(_Step):
    """torch.sum(..., dtype=float32) over products computed in the model dtype."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = torch.sum(toks * self.weight.unsqueeze(0).unsqueeze(-1), dim=1, dtype=torch.float32)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache[idx] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        return cache


class HalfInplaceAccumulator(_Step):
    """HF port bug: fp32 products added in place into an accumulator of the cache dtype (rounds each step)."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        rows = torch.arange(s.shape[0], device=kv.device)
        acc = torch.zeros(s.shape[0], kv.shape[2], kv.shape[3], dtype=cache.dtype, device=kv.device)
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            acc += self.weight[j].float()[None, :, None] * kv[bt.long()[rows, p // P], p % P].float()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], acc, cache[idx]))
        return cache


class ZerosForOtherRows(_Step):
    """Non-completing rows get zeros instead of keeping their row (forgot to read the old rows)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P).to(cache.dtype)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        cache.index_put_((slots.long(),), torch.where(valid[:, None, None], pooled, torch.zeros_like(pooled)))
        return cache


class UnmaskedWrite(_Step):
    """Every row written, no completion test (the decode step always compresses)."""

    def forward(self, kv, slots, bt, lens, cache):
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, self.l, self.P)
        cache[slots.long()] = pooled.to(cache.dtype)
        return cache


class DummySlotForPadding(_Step):
    """Non-completing rows redirected to the last cache row (a 'dummy slot' that really is a cache row)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        target = torch.where(valid, slots.long(), torch.full_like(slots.long(), cache.shape[0] - 1))
        cache.index_put_((target,), pooled.to(cache.dtype))
        return cache


class NanUnsafeBlend(_Step):
    """Masked write as arithmetic: new * m + old * (1 - m); NaN / inf in the other operand leak (NaN row)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        m = ((s >= l) & ((s - l) % d == 0)).float()[:, None, None]
        idx = slots.long()
        cache[idx] = (pooled * m + cache[idx].float() * (1 - m)).to(cache.dtype)
        return cache


class LastTokenPage(_Step):
    """Page of the last token used for the whole window: wrong when the window crosses a page (PROBES)."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        page = bt.long().gather(1, ((s - 1).clamp(min=0) // P)[:, None])      # [B, 1]
        toks = kv[page.expand(-1, l), pos % P]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class TokenTableTransposed(_Step):
    """SGLang-style token table built with the page and offset axes swapped before the reshape."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        B = bt.shape[0]
        table = (torch.arange(P, device=kv.device)[:, None] + bt.long()[:, None, :] * P).reshape(B, -1)
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        toks = kv.view(-1, N, D)[torch.gather(table, 1, pos)]
        pooled = torch.einsum("blhd,lh->bhd", toks.float(), self.weight.float())
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache[idx] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx])
        return cache


class _LengthOffset(_Step):
    """Reference shape with the length taken as lens + ``offset`` (positions / lengths confusion)."""
    offset = 0

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        s = lens.long() + self.offset
        pooled = _pooled_reference_style(kv, bt, s.clamp(0, bt.shape[1] * self.P), self.weight, l, self.P)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class SeqLensTakenAsPositions(_LengthOffset):
    """vLLM: seq_lens (which count the new token) treated as positions, length = seq_lens - 1."""
    offset = -1


class LengthPlusOne(_LengthOffset):
    """vLLM: seq_lens taken as positions of the new token, length = seq_lens + 1 (writes one step late)."""
    offset = 1


class MeanPoolNotPow2(_Step):
    """lucidrains mean pooling with l = 48: sum / 48 differs from the weight round(1/48) products."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _window_tokens(kv, bt, lens, l, self.P).float().mean(dim=1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class SoftmaxWeights(_Step):
    """Design difference: the weights are softmax-normalised over the window before pooling."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = (toks.float() * self.weight.float().softmax(0)[None, :, :, None]).sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class KNormAfterPool(_Step):
    """DeepSeek V3.2 indexer design: a LayerNorm (k_norm) on the compressed key before the write."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        pooled = F.layer_norm(pooled, (pooled.shape[-1],))
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class IntraBlockPosEmb(_Step):
    """lucidrains design: an intra-block position embedding added to the tokens before pooling."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).float()
        pos_emb = torch.linspace(-0.5, 0.5, l, device=kv.device)[None, :, None, None]
        pooled = ((toks + pos_emb) * self.weight.float()[None, :, :, None]).sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class NewestFirstLoop(_Step):
    """HF port: loop from the newest token back (explicit reversed order); fp32 cancellation (PROBES)."""

    def forward(self, kv, slots, bt, lens, cache):
        P, l, d = self.P, self.l, self.d
        s = lens.long()
        rows = torch.arange(s.shape[0], device=kv.device)
        acc = torch.zeros(s.shape[0], kv.shape[2], kv.shape[3], device=kv.device)
        for j in reversed(range(l)):
            p = (s - l + j).clamp(min=0)
            acc = acc + self.weight[j].float()[None, :, None] * kv[bt.long()[rows, p // P], p % P].float()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[idx]))
        return cache


class SaturatingCast(_Step):
    """Quantisation habit: clamp to the dtype's finite range before the cast (inf token in window, PROBES)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        big = torch.finfo(cache.dtype).max
        pooled = pooled.clamp(-big, big)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class NanToNumSanitize(_Step):
    """Sanitising the pooled value with nan_to_num (NaN token in the window, PROBES)."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = torch.nan_to_num(_pooled_reference_style(kv, bt, lens, self.weight, l, self.P))
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class BlockSizeConfusion(_Step):
    """vLLM flat slot computed with the compression block size l instead of the page size P."""

    def forward(self, kv, slots, bt, lens, cache):
        nb, P, N, D = kv.shape
        l, d = self.l, self.d
        s = lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
        flat = bt.long().gather(1, pos // P) * l + pos % P
        toks = kv.reshape(-1, N, D)[flat]
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class SwappedBlockAndStride(_Step):
    """Condition with l and d swapped: (s - d) % l == 0; s = l + 2d (PROBES) completes but is not written."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P)
        s = lens.long()
        valid = (s >= l) & ((s - d) % l == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class AccumulateTrueWrite(_Step):
    """index_put_ with accumulate=True: the new value is added to the old row instead of replacing it."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        pooled = _pooled_reference_style(kv, bt, lens, self.weight, l, self.P).to(cache.dtype)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        cache.index_put_((slots.long(),), torch.where(valid[:, None, None], pooled, torch.zeros_like(pooled)),
                         accumulate=True)
        return cache


class Bf16WeightCheckpoint(_Step):
    """Weight loaded through a bf16 checkpoint (rounded to bf16) while the data is fp16 / fp32."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P)
        pooled = (toks.float() * self.weight.to(torch.bfloat16).float()[None, :, :, None]).sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class Bf16Tokens(_Step):
    """Mixed-precision bug: tokens cast to bf16 before the fp32 upcast."""

    def forward(self, kv, slots, bt, lens, cache):
        l, d = self.l, self.d
        toks = _window_tokens(kv, bt, lens, l, self.P).to(torch.bfloat16)
        pooled = (toks.float() * self.weight.float()[None, :, :, None]).sum(1)
        s = lens.long()
        valid = (s >= l) & ((s - l) % d == 0)
        idx = slots.long()
        cache.index_put_((idx,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


def _case(name, cls, expect, note, **kw):
    return Case(name, cls, expect, kw.pop("weight_layout", "lN"), note=note, **kw)


POSITIVES = [
    _case("vllm_v1_flat_slot_index_select", VllmV1FlatSlotIndexSelect, "fuse",
          "vLLM v1 flat slots, index_select, einsum, index_copy_"),
    _case("ascend_gather_remainder", AscendGatherRemainder, "fuse",
          "vllm-ascend: arange(-l, 0), div floor / remainder, mul+sum, logical_and, index_put_"),
    _case("sglang_req_to_token_matmul", SglangReqToTokenMatmul, "fuse",
          "SGLang req_to_token from the page table, gather of locations, matmul, setitem"),
    _case("hf_loop_window_order", HfLoopWindowOrder, "fuse", "HF port loop in window order from zeros"),
    _case("deepseek_positions_plus_one", DeepseekPositionsPlusOne, "fuse",
          "DeepSeek V3.2 indexer: s = positions + 1, einsum weight first"),
    _case("xunhao_unfold_whole_sequence", XunhaoUnfoldWholeSequence, "fuse",
          "XunhaoLai NSACache: unfold(l, d) over the whole sequence, window (s - l) // d"),
    _case("as_strided_windows", AsStridedWindows, "fuse", "XunhaoLai-style as_strided windows"),
    _case("conv1d_depthwise_window", Conv1dDepthwiseWindow, "fuse", "NSA conv compression: depthwise conv1d"),
    _case("conv1d_strided_whole_sequence", Conv1dStridedWholeSequence, "fuse",
          "XunhaoLai: strided depthwise conv1d over the whole sequence, column (s - l) // d"),
    _case("bmm_per_head", BmmPerHead, "fuse", "fla: bmm with heads as batch"),
    _case("mean_pool_pow2", MeanPoolPow2, "fuse", "lucidrains mean pooling, l a power of two",
          weight_layout="none", dtypes=(F16,), configs=pow2_l),
    _case("lucidrains_last_axis_sum", LucidrainsLastAxisSum, "fuse",
          "lucidrains: window on the last axis, condition s - l >= 0"),
    _case("fla_keepdim_squeeze", FlaKeepdimSqueeze, "fuse", "fla keepdim sum + squeeze, setitem"),
    _case("take_elementwise_offsets", TakeElementwise, "fuse", "torch.take on element offsets"),
    _case("gather_flat_rows", GatherFlatRows, "fuse", "torch.gather rows of a flat [blocks*P, N*D] view"),
    _case("loop_index_select_first_product", LoopIndexSelectFirstProduct, "fuse",
          "HF loop with index_select, accumulator from the first product, index_copy_"),
    _case("cond_fmod", CondFmod, "fuse", "torch.fmod condition, index_put_ accumulate=False"),
    _case("cond_compressed_count_grows", CondCompressedCountGrows, "fuse",
          "XunhaoLai / DeepSeek: compressed-token count grows from s - 1 to s"),
    _case("cond_float64_quotient", CondFloat64Quotient, "fuse", "(s - l) / d in float64 is an integer"),
    _case("cond_congruence", CondCongruence, "fuse", "s % d == l % d and s >= l"),
    _case("cond_torch_ge_eq_int32", CondTorchGeEq, "fuse", "torch.ge / torch.eq on int32 lengths"),
    _case("cond_floor_reconstruct", CondFloorReconstruct, "fuse", "(s - l) // d * d == s - l, r >= 0"),
    _case("write_scatter_", WriteScatter, "fuse", "scatter_ write"),
    _case("functional_index_put", FunctionalIndexPut, "fuse", "functional torch.index_put", functional=True),
    _case("functional_scatter", FunctionalScatter, "fuse", "functional torch.scatter", functional=True),
    _case("keep_rows_through_fp32", KeepRowsThroughFp32, "fuse", "HF: where in fp32, one cast at the end"),
    _case("ascend_flat_heads", AscendFlatHeads, "fuse",
          "vllm-ascend [blocks, P, N*D] caches, weight repeat_interleave(D)"),
    _case("hf_transposed_parameter", HfTransposedParameter, "fuse", "HF [N, l] buffer used transposed"),
    _case("window_from_compressed_index", WindowFromCompressedIndex, "fuse",
          "Ascend aclnn compressIdx * stride as the window start"),
    _case("positions_wrap_capacity", PositionsWrapCapacity, "fuse", "short rows wrapped modulo the capacity"),
    _case("per_request_loop", PerRequestLoop, "fuse", "HF per-request Python loop (static batch)"),
    _case("implicit_promotion", ImplicitPromotion, "fuse", "fp32 tokens * model-dtype weight (promotion)"),
    _case("matmul_weight_left", MatmulWeightLeft, "fuse", "[N, 1, l] @ [B, N, l, D]"),
    _case("reduce_add_window_order", ReduceAddWindowOrder, "fuse", "functools.reduce(torch.add) window order"),
    _case("stack_loop_gather", StackLoopGather, "fuse", "per-position gather loop + torch.stack"),
    _case("per_head_loop_stack", PerHeadLoopStack, "fuse", "fla per-head loop, stack on dim 1"),
    _case("sglang_list_index_put_int32", SglangListIndexPut, "fuse",
          "SGLang set_kv_buffer: index_put_ with a list, int32 slots and lengths"),
    _case("lucidrains_einsum_named", LucidrainsEinsumNamed, "fuse",
          "lucidrains einsum, trunc div and subtraction for the offset"),
    _case("power_of_two_bit_ops", PowerOfTwoBitOps, "fuse", "vllm-ascend page arithmetic with >> and & (P a power of two)",
          configs=lambda l, d, P: P & (P - 1) == 0),
    _case("sum_heads_before_window", TensordotPerHeadFree, "fuse", "torch.sum over dim 2 of [B, N, l, D]"),
    _case("deepseek_int_mask_index_copy", DeepseekIndexerWriteByMask, "fuse",
          "DeepSeek V3.2: int mask product > 0, index_select + index_copy_"),
    _case("nested_loops_heads_window", NestedLoopsHeadsWindow, "fuse",
          "reference-style nested loops, window order per head"),
    _case("type_method_casts", TypeMethodCasts, "fuse", ".type(torch.float32) and .type_as(cache)"),
    _case("block_table_int32_indexing", BlockTableInt32Indexing, "fuse", "int32 page ids and positions"),
    _case("mean_via_sum_times_inverse", MeanViaSumShift, "fuse", "sum * (1 / l), l a power of two",
          weight_layout="none", dtypes=(F16,), configs=pow2_l),
    _case("noncontiguous_kv_permute", NonContiguousKvPermute, "fuse", "tokens read through kv.transpose(0, 1)"),
    _case("window_loop_sub_from_end", WindowLoopSubFromEnd, "fuse", "HF loop p = s - (l - j), acc +="),
    _case("slots_int64_setitem_3d", SlotsAsInt64Scatter, "fuse", "cache[idx, :, :] = ..."),
]

NEAR_MISSES = [
    _case("window_ends_at_s", WindowEndsAtS, "no_fuse", "off-by-one: positions s-l+1 .. s (generator)"),
    _case("window_one_early", WindowOneEarly, "no_fuse", "off-by-one: positions s-l-1 .. s-2 (generator)"),
    _case("no_length_guard", NoLengthGuard, "no_fuse", "no s >= l: short row s = l - d written (generator)"),
    _case("strict_greater", StrictGreater, "no_fuse", "s > l: s == l not written (PROBES)"),
    _case("half_products", HalfProducts, "no_fuse", "fp16 products; fp16 data (generator)", subtle=True,
          dtypes=(F16, BF16)),
    _case("sum_dtype_arg_half_products", SumDtypeArgHalfProducts, "no_fuse",
          "sum(dtype=float32) of fp16 products; fp16 data (generator)", subtle=True, dtypes=(F16, BF16)),
    _case("half_inplace_accumulator", HalfInplaceAccumulator, "no_fuse",
          "HF: accumulator in the cache dtype; fp16 data (generator)", subtle=True, dtypes=(F16, BF16)),
    _case("zeros_for_other_rows", ZerosForOtherRows, "no_fuse", "other rows zeroed (generator)"),
    _case("unmasked_write", UnmaskedWrite, "no_fuse", "no completion test (generator)"),
    _case("dummy_slot_for_padding", DummySlotForPadding, "no_fuse",
          "vLLM-style dummy slot = last cache row written (generator)"),
    _case("nan_unsafe_blend", NanUnsafeBlend, "no_fuse", "m * new + (1 - m) * old: NaN target row (generator)"),
    _case("last_token_page", LastTokenPage, "no_fuse", "page of s - 1 for all tokens: window across a page (PROBES)",
          configs=window_can_cross_page),
    _case("token_table_transposed", TokenTableTransposed, "no_fuse", "SGLang token table axes swapped (generator)"),
    _case("seq_lens_taken_as_positions", SeqLensTakenAsPositions, "no_fuse",
          "vLLM: length = seq_lens - 1 (generator)"),
    _case("length_plus_one", LengthPlusOne, "no_fuse", "vLLM: length = seq_lens + 1 (generator)"),
    _case("mean_pool_not_pow2", MeanPoolNotPow2, "no_fuse", "lucidrains mean, l = 48; fp16 data (generator)",
          weight_layout="none", configs=l_not_pow2, subtle=True, dtypes=(F16, BF16)),
    _case("softmax_weights", SoftmaxWeights, "no_fuse", "design: softmax over the window (generator)"),
    _case("k_norm_after_pool", KNormAfterPool, "no_fuse", "DeepSeek indexer k_norm after pooling (generator)"),
    _case("intra_block_pos_emb", IntraBlockPosEmb, "no_fuse", "lucidrains intra-block position emb (generator)"),
    _case("newest_first_loop", NewestFirstLoop, "no_fuse", "reversed explicit order; fp32 cancellation (PROBES)"),
    _case("saturating_cast", SaturatingCast, "no_fuse", "clamp to finfo.max; inf token in the window (PROBES)",
          subtle=True),  # subtle: the order-of-sum tolerance counts inf as close to max
    _case("nan_to_num_sanitize", NanToNumSanitize, "no_fuse", "nan_to_num; NaN token in the window (PROBES)"),
    _case("block_size_confusion", BlockSizeConfusion, "no_fuse", "flat slot page * l + offset (generator)"),
    _case("swapped_block_and_stride", SwappedBlockAndStride, "no_fuse",
          "(s - d) % l == 0; s = l + 2d (PROBES)", configs=lambda l, d, P: l != d),
    _case("accumulate_true_write", AccumulateTrueWrite, "no_fuse", "index_put_ accumulate=True (generator)"),
    _case("bf16_weight_checkpoint", Bf16WeightCheckpoint, "no_fuse", "weight rounded to bf16; fp16 data",
          subtle=True, dtypes=(F16, F32)),
    _case("bf16_tokens", Bf16Tokens, "no_fuse", "tokens rounded to bf16; fp16 data", subtle=True,
          dtypes=(F16, F32)),
]


def _interleave(pos, neg):
    out, i, j = [], 0, 0
    while i < len(pos) or j < len(neg):
        if j >= len(neg) or (i < len(pos) and i * len(neg) <= j * len(pos)):
            out.append(pos[i])
            i += 1
        else:
            out.append(neg[j])
            j += 1
    return out


CASES: list[Case] = _interleave(POSITIVES, NEAR_MISSES)


# ----------------------------------------------------------------------------------------------------
# near-miss probes: inputs that show the difference where the generator's random inputs may not
# ----------------------------------------------------------------------------------------------------

def _first_completing_row(x, l, d):
    for b, s in enumerate(x["seq_lens"].tolist()):
        if s >= l and (s - l) % d == 0:
            return b, s
    raise AssertionError("no completing row")


def _capacity(x, P):
    return x["block_table"].shape[1] * P


def _set_length(x, b, s, P):
    assert s <= _capacity(x, P), (s, _capacity(x, P))
    x["seq_lens"][b] = s
    return x


def _length_l_probe(x, l, d, P):
    b, _ = _first_completing_row(x, l, d)
    return _set_length(x, b, l, P)


def _length_l_plus_2d_probe(x, l, d, P):
    b, _ = _first_completing_row(x, l, d)
    return _set_length(x, b, l + 2 * d, P)


def _crossing_window_probe(x, l, d, P):
    """The first completing row gets the first length whose window spans two pages."""
    b, _ = _first_completing_row(x, l, d)
    s = next(l + k * d for k in range(P) if (k * d) % P + l > P)
    return _set_length(x, b, s, P)


def _token_in_window_probe(value):
    def probe(x, l, d, P):
        b, s = _first_completing_row(x, l, d)
        p = s - 1
        x["kv_pages"][int(x["block_table"][b, p // P]), p % P, 0, 0] = value
        return x
    return probe


def _cancellation_probe(x, l, d, P):
    """fp32 window with cancellation: token 0 = 2**30, token 1 = -2**30, the rest 1, weights 1 (head 0,
    dim 0): window order gives l - 2 exactly; other orders lose the small terms (2**30's ulp is 128)."""
    b, s = _first_completing_row(x, l, d)
    kv, bt, w = x["kv_pages"], x["block_table"], x["weight"]
    w[:, 0] = 1.0
    for j in range(l):
        p = s - l + j
        v = 2.0 ** 30 if j == 0 else (-(2.0 ** 30) if j == 1 else 1.0)
        kv[int(bt[b, p // P]), p % P, 0, 0] = v
    return x


PROBES = {
    "strict_greater": (_length_l_probe, ALL_DTYPES),
    "last_token_page": (_crossing_window_probe, ALL_DTYPES),
    "newest_first_loop": (_cancellation_probe, (F32,)),
    "saturating_cast": (_token_in_window_probe(float("inf")), ALL_DTYPES),
    "nan_to_num_sanitize": (_token_in_window_probe(float("nan")), ALL_DTYPES),
    "swapped_block_and_stride": (_length_l_plus_2d_probe, ALL_DTYPES),
}

# positives whose window sum follows an order the model writes out itself: bit-exact to the golden
_EXPLICIT_ORDER = {"hf_loop_window_order", "loop_index_select_first_product", "reduce_add_window_order",
                   "nested_loops_heads_window", "window_loop_sub_from_end"}


# ----------------------------------------------------------------------------------------------------
# eager check (blind8's rules)
# ----------------------------------------------------------------------------------------------------

CHECK_CONFIGS = [(32, 16, 64), (64, 32, 128), (16, 16, 64), (48, 16, 64)]


def _same(a, b):
    a32, b32 = a.float(), b.float()
    return bool(((a32 == b32) | (torch.isnan(a32) & torch.isnan(b32))).all())


def _close(a, b, dtype):
    a32, b32 = a.float(), b.float()
    both_nan = torch.isnan(a32) & torch.isnan(b32)
    tol = {F16: 1e-3, BF16: 8e-3, F32: 1e-5}[dtype]
    ok = both_nan | (a32 == b32) | ((a32 - b32).abs() <= tol * (1 + b32.abs()))
    return bool(ok.all())


def _inputs(case, l, d, P, dtype, seed, B=6, N=2, D=8):
    from blind9_inputs import make_inputs
    pages = math.ceil(l / P) + 2
    x = make_inputs(B, N, D, l, d, P, pages, dtype, seed)
    if case.weight_layout == "none":
        x["weight"] = torch.full((l, N), 1.0 / l, dtype=dtype)
    return x


def _run(case, x, l, d, P):
    from golden import golden_compress_infer
    want = golden_compress_infer(x["kv_pages"], x["weight"], x["slot_mapping"], l, d, P,
                                 block_table=x["block_table"], actual_seq_len=x["seq_lens"], cache=x["cache"])
    mod = case.factory(l, d, P, x["weight"])
    cache = x["cache"].clone()
    got = mod(x["kv_pages"].clone(), x["slot_mapping"].clone(), x["block_table"].clone(), x["seq_lens"].clone(),
              cache)
    return got, want


def check_eager(names=None, seeds=(0, 1)):
    import os
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/ (golden)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    failures = []
    for case in CASES:
        if names and case.name not in names:
            continue
        cfgs = [c for c in CHECK_CONFIGS if case.configs is None or case.configs(*c)]
        if case.expect == "fuse":
            exact = order = 0
            bad = []
            for (l, d, P) in cfgs:
                for dtype in case.dtypes:
                    for seed in seeds:
                        got, want = _run(case, _inputs(case, l, d, P, dtype, seed), l, d, P)
                        if _same(got, want):
                            exact += 1
                        elif case.name not in _EXPLICIT_ORDER and _close(got, want, dtype):
                            order += 1
                        else:
                            bad.append((l, d, P, str(dtype), seed))
            status = "ok" if not bad else "FAIL"
            print(f"{status:4} fuse    {case.name:36} exact {exact}, order-of-sum {order}, wrong {len(bad)} {bad[:2]}")
            if bad:
                failures.append(case.name)
        else:
            probe, probe_dtypes = PROBES.get(case.name, (None, case.dtypes))
            shown = []
            for (l, d, P) in cfgs:
                for dtype in case.dtypes:
                    if dtype not in probe_dtypes:
                        continue
                    for seed in seeds:
                        x = _inputs(case, l, d, P, dtype, seed)
                        if probe is not None:
                            x = probe(x, l, d, P)
                        got, want = _run(case, x, l, d, P)
                        # a subtle case must differ bit-wise; the others by more than an order of summation
                        if not (_same(got, want) if case.subtle else _close(got, want, dtype)):
                            shown.append((l, d, P, str(dtype), seed))
            status = "ok" if shown else "FAIL"
            print(f"{status:4} no_fuse {case.name:36} differs on {len(shown)} inputs {shown[:1]}")
            if not shown:
                failures.append(case.name)
    print(f"{len(POSITIVES)} positives, {len(NEAR_MISSES)} near misses; failures: {failures}")
    return failures


if __name__ == "__main__":
    sys.exit(1 if check_eager(sys.argv[1:] or None) else 0)
