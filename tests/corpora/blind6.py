"""Blind corpus #6: NSA compression decode steps written after the soundness change (issue 18).

Written by someone who never saw the recogniser, from docs/contract.md, nsa_fusion/reference.py,
tests/golden.py and public NSA / serving code (vLLM v1's slot mapping and paged cache views, SGLang's
req_to_token pool, DeepSeek V3.2's indexer cache code, HF ports' buffers, fla's mean pooling,
XunhaoLai's NSACache, lucidrains' compress blocks, the Ascend op-plugin golden).  Each case's note
names the style it follows.

Module signature: ``module(kv_pages, slot_mapping, block_table, seq_lens, cache)``; ``factory(l, d, P,
weight)`` with ``weight`` as ``[l, N]``.

* ``expect="fuse"``: the step computes the contract exactly for every valid input (fp32 products of
  fp32 weight and token, fp32 sum, one rounding to the cache dtype; mean pooling as a 1/l scale before
  the sum, or sum-then-divide on fp16 data; explicit loops only in window order from zeros).
* ``expect="no_fuse"``: a realistic bug or a different design that differs from the contract on some
  valid input (the note says which input shows it).

The cases alternate positives and near misses so a partial run still samples both.
"""
from __future__ import annotations

import functools
import math
import operator
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


def pow2_d(l, d, P):
    return d & (d - 1) == 0


def pow2_P(l, d, P):
    return P & (P - 1) == 0


def l_le_P(l, d, P):
    return l <= P


class _Step(nn.Module):
    """Holds l, d, P and the [l, N] weight as a buffer in the model dtype."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.register_buffer("weight", weight.detach().clone())


# --------------------------------------------------------------------------------------------------
# positives and near misses (interleaved)
# --------------------------------------------------------------------------------------------------

class VllmSlotFlatSetitem(_Step):
    """vLLM v1 style: per-token slot = block_number * block_size + offset, cache viewed flat."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        positions = seq_lens.long().unsqueeze(1) - l + torch.arange(l, device=kv_pages.device)
        positions = positions.clamp_min(0)
        block_numbers = block_table.long().gather(1, positions // P)
        token_slots = block_numbers * P + positions % P
        flat_kv = kv_pages.reshape(-1, kv_pages.shape[-2], kv_pages.shape[-1])
        window = flat_kv[token_slots]  # [B, l, N, D]
        pooled = (window.float() * self.weight.float()[None, :, :, None]).sum(dim=1)
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        idx = slot_mapping.long()
        cache[idx] = torch.where(ready[:, None, None], pooled.to(cache.dtype), cache[idx])
        return cache


class WindowEndsAtLength(_Step):
    """NEAR MISS (off by one): window taken as positions s-l+1 .. s (includes the not-yet-written slot)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        pos = (seq_lens.long()[:, None] - l + 1 + torch.arange(l)).clamp(0, cap - 1)
        pages = block_table.gather(1, pos // P)
        x = kv_pages[pages, pos % P].float()
        pooled = (x * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SglangReqToTokenEinsum(_Step):
    """SGLang style: a req_to_token table (token -> flat KV location) built from the page table,
    window locations gathered from it; compressed-count-increased condition (XunhaoLai's
    get_compressed_seqlens); einsum pooling; index_put_ with the int32 slots as given."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        req_to_token = (block_table.long()[:, :, None] * P + torch.arange(P)).reshape(B, max_pages * P)
        start = (seq_lens.long() - l).clamp(min=0)
        locs = torch.gather(req_to_token, 1, start[:, None] + torch.arange(l))
        k = kv_pages.flatten(0, 1)[locs]
        comp = torch.einsum("btnd,tn->bnd", k.float(), self.weight.float())
        s = seq_lens.long()
        n_now = torch.where(s >= l, (s - l) // d + 1, torch.zeros_like(s))
        n_before = torch.where(s - 1 >= l, (s - 1 - l) // d + 1, torch.zeros_like(s))
        mask = n_now > n_before
        cache.index_put_((slot_mapping,), torch.where(mask[:, None, None], comp.type_as(cache),
                                                      cache[slot_mapping]))
        return cache


class StrictGreaterLength(_Step):
    """NEAR MISS (wrong condition): s > l, so the first window (s == l) is never written."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table.gather(1, pos // P)
        x = kv_pages[pages, pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        valid = (seq_lens > l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class DeepSeekEmbeddingScatter(_Step):
    """DeepSeek V3.2 indexer-cache style: the paged cache as a [tokens, N*D] table read with
    F.embedding, positions counted back from the length, einsum weight-first, write-back with
    scatter_ on a [slots, N*D] view of the cache (slots wrapped Python-style for padding)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = kv_pages.shape[-2], kv_pages.shape[-1]
        table = kv_pages.reshape(-1, N * D)
        pos = seq_lens[:, None].long() - torch.arange(l, 0, -1)  # s-l .. s-1
        pos = torch.where(pos < 0, torch.zeros_like(pos), pos)
        blk = block_table.long().gather(1, torch.div(pos, P, rounding_mode="floor")).clamp(min=0)  # -1 padding
        rows = F.embedding(blk * P + torch.remainder(pos, P), table).view(-1, l, N, D)
        kv = torch.einsum("sn,bsnd->bnd", self.weight.float(), rows.float())
        due = torch.remainder(seq_lens - l, d).eq(0).logical_and(seq_lens.ge(l))
        S = cache.shape[0]
        flat_cache = cache.view(S, N * D)
        idx = (slot_mapping.long() % S)[:, None].expand(-1, N * D)
        new = torch.where(due[:, None], kv.reshape(-1, N * D).to(cache.dtype), flat_cache.gather(0, idx))
        flat_cache.scatter_(0, idx, new)
        return cache


class NoStrideCheck(_Step):
    """NEAR MISS (wrong condition): compresses on every step once s >= l, ignoring the stride."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = seq_lens >= l
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class HfBufferUpcastWholeCache(_Step):
    """HF-port style: fp32 master weight made at load time, the whole compressed cache upcast to fp32,
    updated with setitem, and copied back (one rounding for new rows, kept rows round-trip exactly);
    page ids by advanced indexing block_table[arange(B)[:, None], pos // P]; condition s % d == l % d."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w32", weight.detach().float().clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table[torch.arange(B)[:, None], pos // P]
        tokens = kv_pages[pages, pos % P].to(torch.float32)
        pooled = (tokens * self.w32[None, :, :, None]).sum(1)
        cond = (seq_lens >= l) & (seq_lens % d == l % d)
        work = cache.to(torch.float32)
        sel = slot_mapping.long()
        work[sel] = torch.where(cond[:, None, None], pooled, work[sel])
        cache.copy_(work)
        return cache


class NoLengthGuard(_Step):
    """NEAR MISS (wrong condition): (s - l) % d == 0 alone; a short row with s = l - d also 'qualifies'."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens - l) % d == 0
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class BmmIndexCopy(_Step):
    """Batched-GEMM style (one [1, l] x [l, D] product per batch and head): take_along_dim for page ids
    (torch 2.13 specialises the batch there, so a dynamic-batch mark cannot apply), index_select on the
    flattened KV, relu for short rows, floor-division stride test, index_copy_."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long() - l).unsqueeze(-1) + torch.arange(l)
        pos = pos.relu()
        pg = torch.take_along_dim(block_table.long(), pos // P, dim=1).clamp_min(0)  # -1 padding -> block 0
        flat = (pg * P + pos % P).reshape(-1)
        x = kv_pages.reshape(-1, N, D).index_select(0, flat).reshape(B, l, N, D)
        xt = x.float().permute(0, 2, 1, 3).reshape(B * N, l, D)
        wt = self.weight.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, 1, l)
        out = torch.bmm(wt, xt).reshape(B, N, D)
        k = seq_lens - l
        ok = (k >= 0) & (torch.div(k, d, rounding_mode="floor") * d == k)
        slots = torch.remainder(slot_mapping.long(), cache.shape[0])  # padding -1 -> last row
        cache.index_copy_(0, slots, torch.where(ok.view(-1, 1, 1), out.to(cache.dtype),
                                                cache.index_select(0, slots)))
        return cache


class SigmoidGated(_Step):
    """NEAR MISS (different design): compressed token scaled by a learned sigmoid gate per head."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.gate = nn.Parameter(torch.linspace(-1.0, 1.0, weight.shape[1]), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        pooled = pooled * torch.sigmoid(self.gate)[None, :, None]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TensordotPerHead(_Step):
    """Per-head tensordot (a head loop, as in ports that keep one weight vector per head), write-back
    with a full three-index advanced put cache[slot, h, e] = value."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        w = self.weight.float()
        heads = [torch.tensordot(x[:, :, h, :], w[:, h], dims=([1], [0])) for h in range(N)]
        pooled = torch.stack(heads, dim=1)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        rows = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        cache.index_put_((slots[:, None, None], torch.arange(N)[None, :, None], torch.arange(D)[None, None, :]), rows)
        return cache


class BiasAdded(_Step):
    """NEAR MISS (different design): weighted pool plus a learned per-head bias."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.bias = nn.Parameter(torch.full((weight.shape[1], 1), 0.125), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()) + self.bias
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class Conv1dDepthwise(_Step):
    """lucidrains / conv-compressor style: the weight as a depthwise conv1d kernel [N, 1, l] applied to
    the gathered window laid out [B*D, N, l]; bitwise stride test (d a power of two); setitem."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("kernel", weight.detach().float().t().contiguous().unsqueeze(1))  # [N, 1, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        x = x.float().permute(0, 3, 2, 1).reshape(B * D, N, l)
        y = F.conv1d(x, self.kernel, groups=N)  # [B*D, N, 1]
        pooled = y.reshape(B, D, N).permute(0, 2, 1)
        valid = (seq_lens >= l) & (((seq_lens - l) & (d - 1)) == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class SoftmaxNormalisedWeight(_Step):
    """NEAR MISS (different design): weights normalised over the window with softmax before pooling."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = torch.softmax(self.weight.float(), dim=0)
        pooled = (x.float() * w[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LastDimMulSumDenseBlend(_Step):
    """Window on the last axis ([B, D, N, l] layout, as in pooling code that reduces dim=-1); the
    write-back scatters new rows and a row mask into dense [slots] tensors and blends the whole cache
    with torch.where, then copy_ (a functional-first idiom)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        xl = x.float().permute(0, 3, 2, 1)  # [B, D, N, l]
        pooled = (xl * self.weight.float().t()).sum(-1).transpose(1, 2)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        row_mask = torch.zeros(cache.shape[0], dtype=torch.bool).index_put_((slots,), valid)
        dense_new = torch.zeros_like(cache).index_put_((slots,), pooled.to(cache.dtype))
        cache.copy_(torch.where(row_mask[:, None, None], dense_new, cache))
        return cache


class HalfPrecisionSum(_Step):
    """NEAR MISS (fp16 sums): products and sum in the model's half dtype, no fp32 accumulation."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x * self.weight[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class MatmulFunctionalReturn(_Step):
    """Functional step (returns a new cache, input untouched): broadcast matmul [1, N, 1, l] @
    [B, N, l, D]; the cache returned by Tensor.index_put (out of place)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        w = self.weight.float().t()[None, :, None, :]  # [1, N, 1, l]
        pooled = torch.matmul(w, x.float().permute(0, 2, 1, 3)).squeeze(2)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        rows = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache.index_put((slots,), rows)


class KeptRowsThroughBf16(_Step):
    """NEAR MISS (lossy cast of kept rows): the kept rows go through bf16 on their way back."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        kept = cache[slots].to(torch.bfloat16).to(cache.dtype)
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), kept))
        return cache


class LoopWindowOrderAtenPut(_Step):
    """Explicit window-order accumulation from zeros (a Python loop over j, as a port of the vendor's
    golden would write it), write-back through torch.ops.aten.index_put_.default."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        w = self.weight.float()
        acc = torch.zeros(B, N, D, dtype=torch.float32)
        for j in range(l):
            acc = acc + w[j][None, :, None] * x[:, j]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        rows = torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots])
        torch.ops.aten.index_put_.default(cache, [slots], rows)
        return cache


class WeightThroughFp16(_Step):
    """NEAR MISS (lossy weight cast): weights stored as fp16 'to save memory' in a bf16/fp32 model."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w16", weight.detach().to(torch.float16))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.w16.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LoopGatherPerPosition(_Step):
    """Ascend-golden port style: one position at a time (p = s - l + j), page and offset per position,
    in-place acc.add_ from zeros in window order; write-back on a [slots*N, D] view of the cache
    indexed by slot * N + head (vLLM's flattened-head cache view)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        w = self.weight.to(torch.float32)
        acc = torch.zeros(B, N, D, dtype=torch.float32)
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            page = block_table.long().gather(1, (p // P)[:, None]).squeeze(1)
            tok = kv_pages[page, p % P].to(torch.float32)  # [B, N, D]
            acc.add_(tok * w[j].view(1, N, 1))
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        S = cache.shape[0]
        rows_idx = (slots[:, None] * N + torch.arange(N)).reshape(-1)
        flat = cache.view(S * N, D)
        old = flat[rows_idx].view(B, N, D)
        flat.index_put_((rows_idx,), torch.where(valid[:, None, None], acc.to(cache.dtype), old).reshape(B * N, D))
        return cache


class NanToNumKeptRows(_Step):
    """NEAR MISS (value-dependent code on kept rows): stale cache rows 'sanitised' with nan_to_num."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        kept = torch.nan_to_num(cache[slots])
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), kept))
        return cache


class MeanScaleFirst(_Step):
    """fla-style mean pooling written as the op's arithmetic: every token scaled by 1/l, then summed."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * (1.0 / l)).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SlotsThroughInt16(_Step):
    """NEAR MISS (narrowing index cast): slot ids stored as int16 (breaks past 32767 rows)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.to(torch.int16).long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanSumThenDivideFp16(_Step):
    """fla mean pooling, sum-then-divide, fp16 data only (exact there for a power-of-two l)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.gather(1, pos // P), pos % P]
        pooled = x.float().sum(dim=1) / l
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class PageIdClampConstant(_Step):
    """NEAR MISS (clamp with a constant): page ids clamped to a hard-coded 'num_blocks - 1' of 1023."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P).clamp(0, 1023)
        x = kv_pages[pages, pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanTorchMeanFp16(_Step):
    """fla's mean_pooling (x.mean over the block) on fp16 data, upcast first."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().mean(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LastRowIsPadding(_Step):
    """NEAR MISS (condition depends on the batch size): the last row is assumed to be CUDA-graph padding."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0) & (torch.arange(B) < B - 1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanInvBuffer(_Step):
    """Mean pooling with a registered fp32 [l, 1, 1] buffer of 1/l (a 'uniform compressor' init)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("inv", torch.full((l, 1, 1), 1.0 / l, dtype=torch.float32))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.sum(x.float() * self.inv, dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MaxNumSeqsRowCap(_Step):
    """NEAR MISS (row-number dependent): rows past a hard-coded max_num_seqs = 64 never compress."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0) & (torch.arange(B) < 64)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class AvgPool1dFp16(_Step):
    """Mean pooling via F.avg_pool1d over the window (channels = N*D), fp16 data only."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        xc = x.float().permute(0, 2, 3, 1).reshape(B, N * D, l)
        pooled = F.avg_pool1d(xc, kernel_size=l).reshape(B, N, D)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ReversedWindowLoop(_Step):
    """NEAR MISS (sum order written out): window accumulated newest-first (j = l-1 .. 0)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        acc = torch.zeros(B, N, D)
        for j in reversed(range(l)):
            acc = acc + w[j][None, :, None] * x[:, j]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class LucidrainsUnflattenMovedim(_Step):
    """lucidrains-flavoured tensor plumbing (rearrange-like unflatten / movedim): positions counted
    from the end (s - 1 - (l-1-j)), the window moved to the last axis and reduced against the weight
    laid out [N, l]; stride test with torch.fmod on the non-negative offset."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_hl", weight.detach().t().contiguous())  # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        last = seq_lens.long()[:, None] - 1
        pos = (last - torch.arange(l - 1, -1, -1)).clamp(min=0)
        tok = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        tok = tok.movedim(1, -1).float()  # [B, N, D, l]
        pooled = (tok * self.w_hl.float().unflatten(1, (1, l))).sum(-1)  # [B, N, D]
        off = seq_lens - l
        valid = (off >= 0) & (torch.fmod(off, d) == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class DenseSequenceMask(_Step):
    """NEAR MISS (0/1 weights over the whole sequence): the window selected by a dense [B, cap, N]
    weight matrix that is zero outside the window (0 * NaN from unread positions)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        cap = max_pages * P
        seq = kv_pages[block_table.long()].flatten(1, 2)  # [B, cap, N, D]
        p = torch.arange(cap)
        rel = p[None, :] - (seq_lens.long()[:, None] - l)  # [B, cap]
        inside = (rel >= 0) & (rel < l)
        wd = self.weight.float()[rel.clamp(0, l - 1)] * inside[..., None].float()  # [B, cap, N]
        pooled = (seq.float() * wd[..., None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TypePromotionCloneReturn(_Step):
    """Relies on type promotion (half tokens * fp32 weight -> fp32 products, no explicit .float() on
    the tokens); functional: clones the cache, setitem into the clone, returns it."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w32", weight.detach().float())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        window = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (window * self.w32[:, :, None]).sum(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        out = cache.clone()
        out[slots] = torch.where(valid[:, None, None], pooled.to(out.dtype), out[slots])
        return out


class FloatMaskBlend(_Step):
    """NEAR MISS (arithmetic blend): valid * new + (1 - valid) * old, NaN in either side leaks."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = ((seq_lens >= l) & ((seq_lens - l) % d == 0)).float()[:, None, None]
        slots = slot_mapping.long()
        rows = m * pooled + (1.0 - m) * cache[slots].float()
        cache.index_put_((slots,), rows.to(cache.dtype))
        return cache


class WholeSequenceGather(_Step):
    """HF 'static cache' style: the sequence's pages gathered whole (kv[block_table] -> [B, cap, N, D]),
    then the window selected with torch.gather along the sequence axis (a selection, no arithmetic)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d = self.l, self.d
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        seq = kv_pages[block_table.long()].flatten(1, 2)  # [B, cap, N, D]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        window = seq.gather(1, pos[:, :, None, None].expand(-1, -1, N, D))
        pooled = (window.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanSumDivideWideTypes(_Step):
    """NEAR MISS (mean as sum/l on bf16/fp32 data): differs from the op's 1/l-first arithmetic at fp32
    overflow (tokens near 3e38) and in the subnormal range."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().sum(1) / l
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FlatBlockTableScatterCopy(_Step):
    """Page ids read from the flattened block table (row * max_pages + page), write-back via the
    out-of-place Tensor.scatter into a new cache, then copy_ into the cache (slots wrapped mod S)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        flat_ids = torch.arange(B)[:, None] * max_pages + pos // P
        pages = block_table.flatten()[flat_ids]
        x = kv_pages[pages, pos % P]
        pooled = (x.to(torch.float32) * self.weight.to(torch.float32).unsqueeze(-1)).sum(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        S = cache.shape[0]
        idx = (slot_mapping.long() % S).view(-1, 1, 1).expand(-1, N, D)
        rows = torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype), cache.gather(0, idx))
        cache.copy_(cache.scatter(0, idx, rows))
        return cache


class Fp64Accumulation(_Step):
    """NEAR MISS (different design): accumulates in float64, then rounds to the cache dtype."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.double() * self.weight.double()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ShiftMaskPaging(_Step):
    """Kernel-author style index math for power-of-two pages: page = pos >> log2(P), offset = pos & (P-1);
    int32 positions throughout (no int64 casts), setitem write-back."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.shift = int(math.log2(P))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = seq_lens[:, None] - l + torch.arange(l, dtype=torch.int32)
        pos = torch.maximum(pos, torch.zeros_like(pos))
        pages = block_table.gather(1, (pos >> self.shift).long())
        x = kv_pages[pages, pos & (P - 1)]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cache[slot_mapping] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slot_mapping])
        return cache


class LastPageOnly(_Step):
    """NEAR MISS (window assumed inside one page): every token read from the page holding s - 1."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        last_page = block_table.long().gather(1, ((s - 1).clamp(min=0) // P)[:, None])  # [B, 1]
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[last_page.expand(-1, l), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class RingRemainderPositions(_Step):
    """Short rows handled by wrapping positions modulo the table's capacity (ring-buffer habit) instead
    of clamping; condition written as torch.where(s >= l, (s - l) % d, 1) == 0."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).remainder(cap)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = torch.where(seq_lens >= l, (seq_lens - l) % d, torch.ones_like(seq_lens)) == 0
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SaturatingCast(_Step):
    """NEAR MISS (saturating cast): the fp32 sum clamped to the half dtype's range before rounding."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        fmax = torch.finfo(cache.dtype).max
        pooled = pooled.clamp(-fmax, fmax)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PerRowPythonLoopWrite(_Step):
    """Per-request loop over the batch (engines that update one request at a time):
    cache[slot_b] = where(valid_b, pooled_b, cache[slot_b]) for each row in order (one-element slices, so
    the slot stays a tensor).  Specialises the batch size (mark_dynamic on the batch cannot apply)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        for b in range(seq_lens.shape[0]):
            row = slots[b:b + 1]
            cache[row] = torch.where(valid[b:b + 1, None, None], pooled[b:b + 1], cache[row])
        return cache


class NanToNumTokens(_Step):
    """NEAR MISS (value-dependent code on tokens): NaN tokens zeroed before pooling."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float().nan_to_num(0.0)
        pooled = (x * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class CompressedCountIndexCopyWrapped(_Step):
    """XunhaoLai NSACache style: compressed lengths ((s - l) // d + 1).clamp(min=0) before and after
    the step, a row writes when the count grew; index_copy_ with slots wrapped mod S (padding -1)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        comp_now = ((s - l) // d + 1).clamp(min=0)
        comp_prev = ((s - 1 - l) // d + 1).clamp(min=0)
        grew = comp_now != comp_prev
        slots = slot_mapping.long() % cache.shape[0]
        new = torch.where(grew[:, None, None], pooled.to(cache.dtype), cache[slots])
        cache.index_copy_(0, slots, new)
        return cache


class PositionsClampMaxModelLen(_Step):
    """NEAR MISS (clamp with a constant): positions clamped to a hard-coded max_model_len - 1 = 8191."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(0, 8191)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class Fp32MasterParamKeywordPut(_Step):
    """Training-checkpoint style: the weight kept as an fp32 nn.Parameter (requires_grad=False),
    torch.mul / torch.sum function forms, index_put_ called with keyword arguments."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.w_master = nn.Parameter(weight.detach().float().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = torch.clamp(seq_lens.long().view(-1, 1) - l + torch.arange(l).view(1, -1), min=0)
        pages = torch.gather(block_table, 1, torch.floor_divide(pos, P))
        x = kv_pages[pages, torch.remainder(pos, P)].float()
        pooled = torch.sum(torch.mul(x, self.w_master.view(1, l, -1, 1)), dim=1)
        valid = torch.logical_and(torch.ge(seq_lens, l), torch.eq(torch.remainder(seq_lens - l, d), 0))
        slots = slot_mapping.to(torch.int64)
        cache.index_put_(indices=(slots,), values=torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype),
                                                              cache[slots]), accumulate=False)
        return cache


class LengthsThroughInt16(_Step):
    """NEAR MISS (narrowing cast of lengths): lengths stored as int16 (wraps past 32767 tokens)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.to(torch.int16).long()
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ScatterFunctionalReturn(_Step):
    """Functional scatter (torchair GE friendly): new cache = cache.scatter(0, idx, rows), returned."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        slots = torch.where(slots < 0, slots + cache.shape[0], slots)  # padding slot -1 is the last row
        idx = slots[:, None, None].expand(-1, N, D)
        rows = torch.where(valid[:, None, None], pooled.to(cache.dtype), torch.gather(cache, 0, idx))
        return torch.scatter(cache, 0, idx, rows)


class WeightReshapeBug(_Step):
    """NEAR MISS (layout bug): the [l, N] weight reinterpreted with reshape(N, l).t() (a view, not a
    transpose of the stored matrix)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.reshape(N, l).t().float()
        pooled = (x.float() * w[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FlashInferHndLayout(_Step):
    """FlashInfer HND habit: the paged KV permuted to [pages, N, P, D] and read as kv[page, :, offset]
    (advanced indices around a slice); vLLM-style explicit block_idx / block_offset names."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        kv_hnd = kv_pages.permute(0, 2, 1, 3)  # [pages, N, P, D]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        block_idx = block_table.long().gather(1, pos // P)
        block_offset = pos % P
        window = kv_hnd[block_idx, :, block_offset]  # [B, l, N, D]
        pooled = (window.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FlippedConvKernel(_Step):
    """NEAR MISS (convolution vs correlation): the kernel flipped as if conv1d were a true convolution."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        x = x.float().permute(0, 3, 2, 1).reshape(B * D, N, l)
        kernel = self.weight.float().t().flip(-1).unsqueeze(1)
        pooled = F.conv1d(x, kernel, groups=N).reshape(B, D, N).permute(0, 2, 1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class ReduceAddWindowOrder(_Step):
    """functools.reduce(operator.add, products, zeros): window order from zeros written with reduce;
    page ids via torch.index_select on the flattened table."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        ids = (torch.arange(B)[:, None] * max_pages + pos // P).reshape(-1)
        pages = torch.index_select(block_table.reshape(-1), 0, ids).view(B, l)
        x = kv_pages[pages, pos % P].float()
        w = self.weight.float()
        prods = [x[:, j] * w[j].view(1, N, 1) for j in range(l)]
        pooled = functools.reduce(operator.add, prods, torch.zeros(B, N, D))
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class BlockDiagonalLinear(_Step):
    """NEAR MISS (0 weights on other heads' tokens): one F.linear with a block-diagonal [N, l*N] weight,
    so an inf token of one head turns every head's sum into NaN (0 * inf)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        N = weight.shape[1]
        eye = torch.eye(N)
        big = (weight.detach().float()[:, :, None] * eye[None]).permute(2, 0, 1).reshape(N, l * N)  # [N, l*N]
        self.register_buffer("big", big)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        flat = x.reshape(B, l * N, D).transpose(1, 2)  # [B, D, l*N]
        pooled = F.linear(flat, self.big).transpose(1, 2)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class AtenOpsSpelled(_Step):
    """Code written against aten directly (as exported / decomposed graphs read): aten.index.Tensor
    gather, aten.mul / aten.sum.dim_IntList pooling, aten.where.self and aten.index_put_."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        aten = torch.ops.aten
        l, d, P = self.l, self.d, self.P
        pos = aten.clamp_min.default(aten.add.Tensor(aten.sub.Tensor(seq_lens.long()[:, None], l),
                                                       torch.arange(l)), 0)
        pages = aten.gather.default(block_table, 1, aten.floor_divide.default(pos, P))
        x = aten.index.Tensor(kv_pages, [pages, aten.remainder.Scalar(pos, P)])
        prod = aten.mul.Tensor(aten._to_copy.default(x, dtype=torch.float32),
                               aten._to_copy.default(self.weight, dtype=torch.float32)[None, :, :, None])
        pooled = aten.sum.dim_IntList(prod, [1])
        valid = aten.bitwise_and.Tensor(aten.ge.Scalar(seq_lens, l),
                                        aten.eq.Scalar(aten.remainder.Scalar(aten.sub.Tensor(seq_lens, l), d), 0))
        slots = aten._to_copy.default(slot_mapping, dtype=torch.int64)
        old = aten.index.Tensor(cache, [slots])
        rows = aten.where.self(valid[:, None, None], aten._to_copy.default(pooled, dtype=cache.dtype), old)
        aten.index_put_.default(cache, [slots], rows)
        return cache


class HalfProducts(_Step):
    """NEAR MISS (products rounded to half): x * w in the model dtype, only the sum in fp32
    (sum(dtype=torch.float32))."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x * self.weight[None, :, :, None]).sum(1, dtype=torch.float32)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SumWithDtypeArg(_Step):
    """fp32 products then torch.sum(..., dtype=torch.float32) (a no-op dtype, written defensively);
    weights transposed at init to [N, l] and read back with .T."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_nl", weight.detach().t().contiguous())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        prod = x * self.w_nl.T.float()[None, :, :, None]
        pooled = torch.sum(prod, dim=1, dtype=torch.float32)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class MeanScaleInHalf(_Step):
    """NEAR MISS (1/l scale applied in the half dtype): x * (1/l) rounded to fp16/bf16 (subnormals lose
    bits), then summed in fp32."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x * (1.0 / l)).float().sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class StackSumTruncDiv(_Step):
    """Products stacked along a new leading axis and reduced with .sum(0) (torch's order); page ids
    by advanced indexing with an expanded row index and trunc division; offset as pos - page * P."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table[torch.arange(B).unsqueeze(1).expand(-1, l), torch.div(pos, P, rounding_mode="trunc")]
        x = kv_pages[pages, pos - (pos // P) * P].float()
        w = self.weight.float()
        pooled = torch.stack([x[:, j] * w[j, :, None] for j in range(l)]).sum(0)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class StrideOnLength(_Step):
    """Stride tested on s itself (s % d == 0, s > l - d), as engines that compress 'every d tokens' write
    it; equal to the contract's test because every configuration here has l % d == 0 (the case is
    restricted to those)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens % d == 0) & (seq_lens > l - d)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class InPlaceAccumulateNextPosition(_Step):
    """Window order from zeros with in-place acc += w_j * x_j (x.new_zeros buffer); condition from the
    'next compression position' (s - l) // d * d + l == s."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.float()
        acc = x.new_zeros((B, N, D), dtype=torch.float32)
        for j in range(l):
            acc += x[:, j].float() * w[j].unsqueeze(-1)
        valid = (s >= l) & (torch.div(s - l, d, rounding_mode="floor") * d + l == s)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class ValidAllScaling(_Step):
    """NEAR MISS (rows depend on other rows): the step is skipped for everyone unless some row qualifies
    and the new rows are scaled by the fraction of compressing rows (a 'load balancing' hack)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1) * valid.float().mean()
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TwoLevelIndexSelectLoop(_Step):
    """Two-level gather (vLLM's block_table -> physical block, then key_cache[block, offset]) via an
    intermediate [B, l] int64 of flat token ids and torch.index_select on a [tokens, N, D] view;
    window order loop over j accumulating into a zero buffer created with torch.zeros_like."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        token_ids = block_table.long().gather(1, pos // P).clamp(min=0) * P + pos % P  # [B, l], -1 padding -> 0
        flat_kv = kv_pages.view(-1, N, D)
        w = self.weight.float()
        acc = torch.zeros_like(flat_kv[:B], dtype=torch.float32)
        for j in range(l):
            tok = torch.index_select(flat_kv, 0, token_ids[:, j]).float()
            acc = acc + tok * w[j][:, None]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class IndexCopyOnRowView(_Step):
    """DeepSeek V3.2 kv-cache habit: the compressed cache viewed [slots, N*D] and updated with
    index_copy_ along dim 0; pooling on the flattened head*dim axis with the weight repeated D times
    per head (repeat_interleave)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages.view(kv_pages.shape[0], P, N * D)[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N*D]
        w = self.weight.float().repeat_interleave(D, dim=1)  # [l, N*D]
        pooled = (x.float() * w).sum(1)  # [B, N*D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        slots = torch.where(slots >= 0, slots, slots + cache.shape[0])  # padding slot -1 is the last row
        rows = cache.view(cache.shape[0], N * D)
        rows.index_copy_(0, slots, torch.where(valid[:, None], pooled.to(cache.dtype), rows[slots]))
        return cache


class EinsumWeightHeadMajor(_Step):
    """Weight stored head-major [N, l] at load time (checkpoints that save it that way), einsum
    'zlhd,hl->zhd' with upper-level names; torch.ge / torch.eq condition."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_hl", weight.detach().t().contiguous())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("zlhd,hl->zhd", x.float(), self.w_hl.float())
        valid = torch.ge(seq_lens, l) & torch.eq((seq_lens - l) % d, 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TypeAsMethods(_Step):
    """Dtype handling through .type(torch.float32) and .type_as(cache) (older HF code), Tensor.where
    method form new.where(valid, old)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].type(torch.float32)
        pooled = (x * self.weight.type(torch.float32)[None, :, :, None]).sum(1).type_as(cache)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = pooled.where(valid.view(-1, 1, 1).expand_as(pooled), cache[slots])
        return cache


class HeadMajorPermutedWrite(_Step):
    """Head-major write: the cache permuted to [N, slots, D] and written cache_h[:, slots] = rows_h
    (setitem on a permuted view, a slice before the advanced index)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache_h = cache.permute(1, 0, 2)  # [N, S, D]
        new_h = pooled.to(cache.dtype).permute(1, 0, 2)  # [N, B, D]
        cache_h[:, slots] = torch.where(valid[None, :, None], new_h, cache_h[:, slots])
        return cache


class ExplicitSlicesInvertedWhere(_Step):
    """SGLang set_kv_buffer habit cache[loc, :, :] = value with explicit slices; the select written
    inverted, torch.where(~ready, old, new)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()).to(cache.dtype)
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        loc = slot_mapping.long()
        cache[loc, :, :] = torch.where(~ready[:, None, None], cache[loc, :, :], pooled)
        return cache


class PageFirstThenOffsetGather(_Step):
    """Two-step read: whole pages first (kv[page ids] -> [B, l, P, N, D]), then the offset picked with
    torch.gather along the page axis (how a blocked-attention prototype reads)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = kv_pages[block_table.long().gather(1, pos // P)]  # [B, l, P, N, D]
        off = (pos % P)[:, :, None, None, None].expand(B, l, 1, N, D)
        x = torch.gather(pages, 2, off).squeeze(2)  # [B, l, N, D]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class StagingBufferCopyCast(_Step):
    """fp32 rows rounded by copy_ into a staging buffer of the cache dtype (the implicit cast of
    Tensor.copy_), kept rows selected in fp32 and rounded back exactly, then setitem."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        stage = torch.empty_like(cache[slots])
        stage.copy_(torch.where(valid[:, None, None], pooled, cache[slots].float()))
        cache[slots] = stage
        return cache


class ShapeDerivedClamp(_Step):
    """Positions clamped to [0, capacity - 1] with the capacity read from the table's shape (not a
    constant); page index via torch.floor_divide."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(0, cap - 1)
        x = kv_pages[block_table.long().gather(1, torch.floor_divide(pos, P)), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MatmulPerHeadVector(_Step):
    """Matrix-vector per head: window on the last axis [B, N, D, l] @ weight [N, l, 1] (batched
    matmul broadcasting over B), squeeze."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        xt = x.float().permute(0, 2, 3, 1)  # [B, N, D, l]
        pooled = (xt @ self.weight.float().t().unsqueeze(-1)).squeeze(-1)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class BaddbmmZeroBias(_Step):
    """torch.baddbmm(zeros, w, x): the GEMM-with-bias call a CUDA-graph friendly port uses with a
    zero bias; int32 arange for positions."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens[:, None] - l + torch.arange(l, dtype=torch.int32)).clamp(min=0).long()
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        xt = x.float().transpose(1, 2).reshape(B * N, l, D)
        wt = self.weight.float().t().reshape(1, N, 1, l).expand(B, N, 1, l).reshape(B * N, 1, l)
        pooled = torch.baddbmm(torch.zeros(B * N, 1, D), wt, xt).view(B, N, D)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class EllipsisEinsum(_Step):
    """einsum with an ellipsis ('...jhd,jh->...hd'), positions from torch.arange(l).expand(B, l)
    plus the start; relu-free maximum against zero."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        start = seq_lens.long() - l
        pos = torch.arange(l).expand(B, l) + start.unsqueeze(1)
        pos = torch.clamp(pos, min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("...jhd,jh->...hd", x.float(), self.weight.float())
        valid = (start >= 0) & (start % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


# --------------------------------------------------------------------------------------------------
# the cases
# --------------------------------------------------------------------------------------------------

def _mk(cls):
    return lambda l, d, P, weight: cls(l, d, P, weight)


def l_multiple_of_d(l, d, P):
    return l % d == 0


HALVES = (F16, BF16)
F16_ONLY = (F16,)

POSITIVES = [
    Case("vllm_slot_flat_setitem", _mk(VllmSlotFlatSetitem), "fuse", "lN",
         note="vLLM v1 compute_slot_mapping (block_number * block_size + offset), flat KV view, setitem"),
    Case("sglang_req_to_token_einsum", _mk(SglangReqToTokenEinsum), "fuse", "lN",
         note="SGLang req_to_token pool built in-graph, compressed-count-grew condition, index_put_ with int32 slots"),
    Case("deepseek_embedding_scatter", _mk(DeepSeekEmbeddingScatter), "fuse", "lN",
         note="DeepSeek V3.2 indexer-cache style: F.embedding read, positions counted back, scatter_ on [S, N*D] view"),
    Case("hf_buffer_upcast_whole_cache", _mk(HfBufferUpcastWholeCache), "fuse", "lN",
         note="HF port: fp32 master weight, whole cache upcast, setitem, copy_ back; s % d == l % d"),
    Case("bmm_index_copy", _mk(BmmIndexCopy), "fuse", "lN",
         note="bmm per (batch, head), take_along_dim, index_select, relu, floor-div stride test, index_copy_"),
    Case("tensordot_per_head", _mk(TensordotPerHead), "fuse", "lN",
         note="tensordot in a head loop, three-index advanced put"),
    Case("conv1d_depthwise", _mk(Conv1dDepthwise), "fuse", "lN", configs=pow2_d,
         note="lucidrains-style conv compressor: depthwise conv1d kernel [N, 1, l], bitwise stride test"),
    Case("lastdim_mulsum_dense_blend", _mk(LastDimMulSumDenseBlend), "fuse", "lN",
         note="reduce over the last axis, dense row-mask + dense new rows, where over the whole cache, copy_"),
    Case("matmul_functional_return", _mk(MatmulFunctionalReturn), "fuse", "lN", functional=True,
         note="broadcast matmul [1,N,1,l] @ [B,N,l,D], out-of-place Tensor.index_put returned"),
    Case("loop_window_order_aten_put", _mk(LoopWindowOrderAtenPut), "fuse", "lN",
         note="Ascend golden port: Python loop over j from zeros in window order, aten.index_put_ call"),
    Case("loop_gather_per_position", _mk(LoopGatherPerPosition), "fuse", "lN",
         note="per-position page/offset in the loop, acc.add_ from zeros, write on a [S*N, D] view (slot*N+h)"),
    Case("mean_scale_first", _mk(MeanScaleFirst), "fuse", "none", configs=pow2_l,
         note="fla mean pooling written 1/l-first (the op's arithmetic)"),
    Case("mean_sum_then_divide_fp16", _mk(MeanSumThenDivideFp16), "fuse", "none", dtypes=F16_ONLY,
         configs=pow2_l, note="fla mean pooling sum/l, fp16 data only (exact there)"),
    Case("mean_torch_mean_fp16", _mk(MeanTorchMeanFp16), "fuse", "none", dtypes=F16_ONLY, configs=pow2_l,
         note="fla mean_pooling: x.float().mean(1), fp16 data only"),
    Case("mean_inv_buffer", _mk(MeanInvBuffer), "fuse", "none", configs=pow2_l,
         note="uniform compressor init: fp32 [l,1,1] buffer of 1/l, torch.sum"),
    Case("avg_pool1d_fp16", _mk(AvgPool1dFp16), "fuse", "none", dtypes=F16_ONLY, configs=pow2_l,
         note="F.avg_pool1d over the window, channels N*D, fp16 data only"),
    Case("lucidrains_unflatten_movedim", _mk(LucidrainsUnflattenMovedim), "fuse", "lN",
         note="lucidrains-flavoured plumbing (movedim/unflatten), positions from the end, fmod stride test"),
    Case("type_promotion_clone_return", _mk(TypePromotionCloneReturn), "fuse", "lN", functional=True,
         note="half tokens * fp32 weight by type promotion; functional clone + setitem + return"),
    Case("whole_sequence_gather", _mk(WholeSequenceGather), "fuse", "lN",
         note="HF static-cache style: kv[block_table] whole sequence, torch.gather of the window"),
    Case("flat_block_table_scatter_copy", _mk(FlatBlockTableScatterCopy), "fuse", "lN",
         note="flattened block table ids, Tensor.scatter out of place + copy_, slots wrapped mod S"),
    Case("shift_mask_paging", _mk(ShiftMaskPaging), "fuse", "lN", configs=pow2_P,
         note="kernel-author index math: pos >> log2 P, pos & (P-1), int32 positions, int32 slot setitem"),
    Case("ring_remainder_positions", _mk(RingRemainderPositions), "fuse", "lN",
         note="ring-buffer habit: positions % capacity for short rows; where(s>=l, (s-l)%d, 1)==0"),
    Case("per_row_python_loop_write", _mk(PerRowPythonLoopWrite), "fuse", "lN",
         note="engine updating one request at a time: Python loop over rows, cache[slot_b] = where(...)"),
    Case("compressed_count_index_copy_wrapped", _mk(CompressedCountIndexCopyWrapped), "fuse", "lN",
         note="XunhaoLai NSACache get_compressed_seqlens-style count grew, index_copy_ with slots mod S"),
    Case("fp32_master_param_keyword_put", _mk(Fp32MasterParamKeywordPut), "fuse", "lN",
         note="fp32 nn.Parameter weight, torch.* function forms, index_put_ with keywords"),
    Case("scatter_functional_return", _mk(ScatterFunctionalReturn), "fuse", "lN", functional=True,
         note="torchair/GE friendly functional torch.scatter of the rows, returned"),
    Case("flashinfer_hnd_layout", _mk(FlashInferHndLayout), "fuse", "lN",
         note="FlashInfer HND view [pages, N, P, D] read as kv[block_idx, :, block_offset]"),
    Case("reduce_add_window_order", _mk(ReduceAddWindowOrder), "fuse", "lN",
         note="functools.reduce(operator.add, products, zeros) in window order; index_select on flat table"),
    Case("aten_ops_spelled", _mk(AtenOpsSpelled), "fuse", "lN",
         note="written against torch.ops.aten directly (index.Tensor, mul, sum.dim_IntList, where, index_put_)"),
    Case("sum_with_dtype_arg", _mk(SumWithDtypeArg), "fuse", "lN",
         note="weight saved [N, l], read back .T; torch.sum(..., dtype=float32) on fp32 products; setitem"),
    Case("stack_sum_trunc_div", _mk(StackSumTruncDiv), "fuse", "lN",
         note="list of products stacked and .sum(0); trunc division, offset as pos - page*P"),
    Case("stride_on_length", _mk(StrideOnLength), "fuse", "lN", configs=l_multiple_of_d,
         note="'compress every d tokens' test on s (s % d == 0, s > l - d), equal to the contract when l % d == 0"),
    Case("inplace_accumulate_next_position", _mk(InPlaceAccumulateNextPosition), "fuse", "lN",
         note="acc += w_j * x_j from x.new_zeros in window order; (s-l)//d*d + l == s"),
    Case("two_level_index_select_loop", _mk(TwoLevelIndexSelectLoop), "fuse", "lN",
         note="vLLM two-level block->token ids, index_select per j in a window-order loop from zeros_like"),
    Case("index_copy_on_row_view", _mk(IndexCopyOnRowView), "fuse", "lN",
         note="DeepSeek V3.2 style [S, N*D] row view + index_copy_; weight repeat_interleave'd over D"),
    Case("einsum_weight_head_major", _mk(EinsumWeightHeadMajor), "fuse", "lN",
         note="head-major saved weight [N, l], einsum 'zlhd,hl->zhd', torch.ge/torch.eq"),
    Case("type_as_methods", _mk(TypeAsMethods), "fuse", "lN",
         note="older HF code: .type(torch.float32), .type_as(cache), Tensor.where method with expand_as"),
    Case("head_major_permuted_write", _mk(HeadMajorPermutedWrite), "fuse", "lN",
         note="setitem on a permuted [N, S, D] view of the cache: cache_h[:, slots] = ..."),
    Case("explicit_slices_inverted_where", _mk(ExplicitSlicesInvertedWhere), "fuse", "lN",
         note="SGLang set_kv_buffer cache[loc, :, :] = ..., select written where(~ready, old, new)"),
    Case("page_first_then_offset_gather", _mk(PageFirstThenOffsetGather), "fuse", "lN",
         note="read whole pages per window position, then torch.gather of the offset"),
    Case("staging_buffer_copy_cast", _mk(StagingBufferCopyCast), "fuse", "lN",
         note="fp32 rows rounded by copy_ into an empty_like staging buffer (kept rows through fp32 exactly)"),
    Case("shape_derived_clamp", _mk(ShapeDerivedClamp), "fuse", "lN",
         note="positions clamped to [0, cap-1] with cap from block_table.shape; torch.floor_divide"),
    Case("matmul_per_head_vector", _mk(MatmulPerHeadVector), "fuse", "lN",
         note="[B, N, D, l] @ [N, l, 1] matrix-vector per head"),
    Case("baddbmm_zero_bias", _mk(BaddbmmZeroBias), "fuse", "lN",
         note="torch.baddbmm with a zero bias, int32 arange positions"),
    Case("ellipsis_einsum", _mk(EllipsisEinsum), "fuse", "lN",
         note="einsum '...jhd,jh->...hd', arange().expand + start, condition on start = s - l"),
]

NEAR_MISSES = [
    Case("window_ends_at_length", _mk(WindowEndsAtLength), "no_fuse", "lN",
         note="off by one: reads s-l+1 .. s (the NaN slot at s in the generator's inputs)"),
    Case("strict_greater_length", _mk(StrictGreaterLength), "no_fuse", "lN",
         note="s > l: the s == l row the generator always has is not written"),
    Case("no_stride_check", _mk(NoStrideCheck), "no_fuse", "lN",
         note="s >= l only: non-qualifying rows with s >= l get written"),
    Case("no_length_guard", _mk(NoLengthGuard), "no_fuse", "lN",
         note="(s-l) % d == 0 only: the short row s = l - d gets written"),
    Case("sigmoid_gated", _mk(SigmoidGated), "no_fuse", "lN", note="learned sigmoid gate per head"),
    Case("bias_added", _mk(BiasAdded), "no_fuse", "lN", note="learned per-head bias added"),
    Case("softmax_normalised_weight", _mk(SoftmaxNormalisedWeight), "no_fuse", "lN",
         note="weights softmax-normalised over the window"),
    Case("half_precision_sum", _mk(HalfPrecisionSum), "no_fuse", "lN", dtypes=HALVES,
         note="products and sum in fp16/bf16"),
    Case("kept_rows_through_bf16", _mk(KeptRowsThroughBf16), "no_fuse", "lN", dtypes=(F16, F32),
         note="kept rows round through bf16 (random kept rows lose bits)"),
    Case("weight_through_fp16", _mk(WeightThroughFp16), "no_fuse", "lN", dtypes=(BF16, F32),
         note="weight stored fp16: fp32 loses bits on random weights; bf16 at |w| > 65504 or tiny w"),
    Case("nan_to_num_kept_rows", _mk(NanToNumKeptRows), "no_fuse", "lN",
         note="nan_to_num on kept rows (the generator's non-qualifying target row holds NaN/inf)"),
    Case("slots_through_int16", _mk(SlotsThroughInt16), "no_fuse", "lN",
         note="slots through int16: differs once a written slot is >= 32768"),
    Case("page_id_clamp_constant", _mk(PageIdClampConstant), "no_fuse", "lN",
         note="page ids clamped to 1023: differs once a read page id is >= 1024"),
    Case("last_row_is_padding", _mk(LastRowIsPadding), "no_fuse", "lN",
         note="arange(B) < B - 1: a qualifying last row is not written"),
    Case("max_num_seqs_row_cap", _mk(MaxNumSeqsRowCap), "no_fuse", "lN",
         note="arange(B) < 64: qualifying rows past row 63 are not written (B > 64)"),
    Case("reversed_window_loop", _mk(ReversedWindowLoop), "no_fuse", "lN",
         note="loop j = l-1 .. 0: rounding differs (random fp32 data; cancellation in halves)"),
    Case("dense_sequence_mask", _mk(DenseSequenceMask), "no_fuse", "lN",
         note="0-weighted positions over the whole sequence: NaN at unread positions leaks (0 * NaN)"),
    Case("float_mask_blend", _mk(FloatMaskBlend), "no_fuse", "lN",
         note="m*new + (1-m)*old: the NaN target row of a qualifying batch poisons the new row"),
    Case("mean_sum_divide_wide_types", _mk(MeanSumDivideWideTypes), "no_fuse", "none", dtypes=(BF16, F32),
         configs=pow2_l, note="sum/l on bf16/fp32: overflows to inf for tokens near 3e38 where 1/l-first is finite"),
    Case("fp64_accumulation", _mk(Fp64Accumulation), "no_fuse", "lN",
         note="float64 accumulation then one rounding (double rounding / no fp32 cancellation)"),
    Case("last_page_only", _mk(LastPageOnly), "no_fuse", "lN", configs=l_le_P,
         note="every token read from the page of s-1: windows crossing a page boundary differ"),
    Case("saturating_cast", _mk(SaturatingCast), "no_fuse", "lN", dtypes=HALVES,
         note="clamp to the half max before rounding: an overflowing sum gives max instead of inf"),
    Case("nan_to_num_tokens", _mk(NanToNumTokens), "no_fuse", "lN",
         note="NaN tokens in the window zeroed (contract: NaN propagates)"),
    Case("positions_clamp_max_model_len", _mk(PositionsClampMaxModelLen), "no_fuse", "lN",
         note="positions clamped to 8191: differs for windows past 8192 tokens"),
    Case("lengths_through_int16", _mk(LengthsThroughInt16), "no_fuse", "lN",
         note="lengths through int16: differs for s > 32767"),
    Case("weight_reshape_bug", _mk(WeightReshapeBug), "no_fuse", "lN",
         note="weight.reshape(N, l).t() instead of the [l, N] weight"),
    Case("flipped_conv_kernel", _mk(FlippedConvKernel), "no_fuse", "lN",
         note="conv kernel flipped (window weighted newest-first)"),
    Case("block_diagonal_linear", _mk(BlockDiagonalLinear), "no_fuse", "lN",
         note="block-diagonal F.linear: an inf token in one head makes other heads NaN (0 * inf)"),
    Case("half_products", _mk(HalfProducts), "no_fuse", "lN", dtypes=HALVES,
         note="products rounded to fp16/bf16, sum(dtype=float32)"),
    Case("mean_scale_in_half", _mk(MeanScaleInHalf), "no_fuse", "none", dtypes=HALVES, configs=pow2_l,
         note="x * (1/l) rounded in the half dtype: subnormal tokens lose bits"),
    Case("valid_all_scaling", _mk(ValidAllScaling), "no_fuse", "lN",
         note="new rows scaled by the fraction of compressing rows (depends on other rows)"),
]


def _interleave(pos, neg):
    out, i, j = [], 0, 0
    while i < len(pos) or j < len(neg):
        # keep the running share of positives at len(pos) / (len(pos) + len(neg))
        if j >= len(neg) or (i < len(pos) and i * len(neg) <= j * len(pos)):
            out.append(pos[i])
            i += 1
        else:
            out.append(neg[j])
            j += 1
    return out


CASES: list[Case] = _interleave(POSITIVES, NEAR_MISSES)
