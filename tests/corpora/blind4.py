"""Blind corpus #4: NSA decode-time KV compression steps, written the ways model authors write them.

Written from docs/contract.md, nsa_fusion/reference.py and public NSA code only (never the recogniser).

    module(kv_pages, slot_mapping, block_table, seq_lens, cache)

kv_pages [block_num, P, N, D], slot_mapping [B] int32, block_table [B, max_pages] int32,
seq_lens [B] int32, cache [num_slots, N, D].  Modules mutate ``cache`` in place and return it, or
(functional=True) return a new cache and leave the argument alone.  Every module is vectorised over the
batch (no host syncs, no data-dependent shapes).

"fuse" cases compute the contract exactly for every valid input (fp32 products and fp32 accumulation,
one rounding to the cache dtype; explicit add loops only in window order from zeros; mean pooling only
as scale-then-sum, or sum-then-divide on fp16 data with a power-of-two window).  "no_fuse" cases are
realistic bugs or different designs: each differs from the contract on some valid input.
"""
import functools
import math
from typing import Callable, NamedTuple, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


class Case(NamedTuple):
    name: str
    factory: Callable   # factory(l, d, P, weight) -> torch.nn.Module
    expect: str         # "fuse" or "no_fuse"
    weight_layout: str  # "lN", "Nl", "none"
    functional: bool = False
    dtypes: tuple = (torch.float16, torch.bfloat16, torch.float32)
    note: str = ""
    configs: Optional[Callable] = None


FP32_ONLY = (torch.float32,)
HALF_ONLY = (torch.float16, torch.bfloat16)
FP16_ONLY = (torch.float16,)


def pow2_window(l, d, P):
    return (l & (l - 1)) == 0


def stride_equals_window(l, d, P):
    return l == d


def window_within_page(l, d, P):
    return l <= P


class _Step(nn.Module):
    """Holds the hyper-parameters and the pooling weight [l, N] (as given)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = int(l), int(d), int(P)
        self.register_buffer("weight", weight.detach().clone())


# ----------------------------------------------------------------------------------------------------
# positives
# ----------------------------------------------------------------------------------------------------


class AdvIndexClampMulSum(_Step):
    """torch_npu-golden style: clamp, gather the page ids, advanced index, mul+sum, where + index_put_."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = s[:, None] - l + torch.arange(l, device=kv_pages.device)
        pos = pos.clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class EinsumIndexCopy(_Step):
    """where() instead of clamp for short rows, batch-arange page lookup, einsum, index_copy_."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        lens = seq_lens.to(torch.int64)
        pos = lens.unsqueeze(1) - l + torch.arange(l, device=lens.device).unsqueeze(0)
        pos = torch.where(pos >= 0, pos, torch.zeros_like(pos))
        rows = torch.arange(B, device=lens.device).unsqueeze(1)
        pages = block_table[rows, pos // P].long()
        tok = kv_pages[pages, pos % P]  # [B, l, N, D]
        pooled = torch.einsum("bjhd,jh->bhd", tok.float(), self.weight.float())
        valid = (lens >= l) & ((lens - l) % d == 0)
        idx = slot_mapping.to(torch.int64)
        new = torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype), cache.index_select(0, idx))
        cache.index_copy_(0, idx, new)
        return cache


class MatmulSetitem(_Step):
    """[B,N,D,l] @ [N,l,1] matmul pooling; setitem write-back."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        start = (lens - l).clamp(min=0)
        pos = start[:, None] + torch.arange(l, device=lens.device)
        pages = torch.gather(block_table.long(), 1, pos // P)
        tok = kv_pages[pages, pos % P].float()  # [B, l, N, D]
        w = self.weight.float().t().unsqueeze(-1)  # [N, l, 1]
        pooled = torch.matmul(tok.permute(0, 2, 3, 1), w).squeeze(-1)  # [B, N, D]
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype), cache[slots])
        return cache


class BmmScatter(_Step):
    """Per (batch, head) bmm over the window; scatter_ write-back."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, torch.div(pos, P, rounding_mode="floor"))
        tok = kv_pages[pages, torch.remainder(pos, P)].float()  # [B, l, N, D]
        x = tok.permute(0, 2, 3, 1).reshape(B * N, D, l)
        w = self.weight.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, l, 1)
        pooled = torch.bmm(x, w).view(B, N, D).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        idx = slots.view(B, 1, 1).expand(B, N, D)
        old = cache.gather(0, idx)
        cache.scatter_(0, idx, torch.where(valid.view(B, 1, 1), pooled, old))
        return cache


class TensordotDiagonal(_Step):
    """tensordot over the window against all heads' weights, keep the head diagonal."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()  # [B, l, N, D]
        full = torch.tensordot(tok, self.weight.float(), dims=([1], [0]))  # [B, N, D, N']
        pooled = torch.diagonal(full, dim1=1, dim2=3).permute(0, 2, 1)  # [B, N, D]
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class GroupedConv1d(_Step):
    """Depthwise conv1d (groups=N) over the gathered window, the weight as conv kernels [N, 1, l]."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("kernel", weight.detach().float().t().unsqueeze(1).contiguous())  # [N, 1, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()  # [B, l, N, D]
        x = tok.permute(0, 3, 2, 1).reshape(B * D, N, l)
        y = F.conv1d(x, self.kernel, groups=N)  # [B*D, N, 1]
        pooled = y.reshape(B, D, N).permute(0, 2, 1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LoopGatherAccumulate(_Step):
    """One position at a time: gather token j of every batch, acc = acc + w_j * x_j, in window order."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        bt = block_table.long()
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=cache.device)
        for j in range(l):
            p = (lens - l + j).clamp(min=0)
            page = bt.gather(1, (p // P).unsqueeze(1)).squeeze(1)
            x = kv_pages[page, p % P].float()  # [B, N, D]
            acc = acc + self.weight[j].float()[None, :, None] * x
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class GatherThenInplaceLoop(_Step):
    """Gather the whole window, then acc += x_j * w_j (in-place adds) from zeros in window order."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()  # [B, l, N, D]
        w = self.weight.float()
        acc = torch.zeros_like(tok[:, 0])
        for j in range(l):
            acc += tok[:, j] * w[j][:, None]
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots])
        return cache


class FlatIndexSelectFunctional(_Step):
    """Flattened [block_num*P, N, D] view, index_select of page*P+offset; returns a new cache."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        flat = kv_pages.reshape(-1, N, D)
        tok = flat.index_select(0, (pages * P + pos % P).reshape(-1)).view(B, l, N, D)
        pooled = (tok.float() * self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        out = cache.clone()
        out[slots] = torch.where(valid[:, None, None], pooled, cache[slots])
        return out


class TakeAlongDimFp32Weight(_Step):
    """take_along_dim for the page ids, the weight kept as an fp32 buffer, index_put_ with accumulate=False."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w32", weight.detach().to(torch.float32))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = torch.take_along_dim(block_table.long(), pos // P, dim=1)
        tok = kv_pages[pages, pos % P]
        pooled = (self.w32[None, :, :, None] * tok.to(torch.float32)).sum(dim=1)
        valid = torch.logical_and(lens >= l, (lens - l) % d == 0)
        slots = slot_mapping.long()
        new = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        cache.index_put_((slots,), new, accumulate=False)
        return cache


class WholeSequenceGather(_Step):
    """Gather every page of each sequence, flatten to [B, cap, N, D], gather the window along dim 1."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        seq = kv_pages[block_table.long()].flatten(1, 2)  # [B, max_pages*P, N, D]
        start = (lens - l).clamp(min=0)
        idx = start[:, None] + torch.arange(l, device=lens.device)
        tok = seq.gather(1, idx[:, :, None, None].expand(B, l, N, D))
        pooled = torch.einsum("bjnd,jn->bnd", tok.float(), self.weight.float()).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class CountDiffCondition(_Step):
    """vLLM-ish: a step completes a window when the number of compressed tokens grows; weight kept [N, l]."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_nl", weight.detach().t().contiguous())  # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        n_now = torch.clamp((lens - l) // d + 1, min=0)
        n_before = torch.clamp((lens - 1 - l) // d + 1, min=0)
        valid = n_now > n_before
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = torch.einsum("bjhd,hj->bhd", tok.float(), self.w_nl.float()).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class BitOpsPaging(_Step):
    """Power-of-two page size: shift and mask instead of // and %; index_copy_ write-back."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        shift = P.bit_length() - 1
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos >> shift)
        tok = kv_pages[pages, pos & (P - 1)]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(valid[:, None, None], pooled, cache.index_select(0, slots)))
        return cache


class UpcastCacheCopyBack(_Step):
    """Works on an fp32 copy of the whole cache, writes fp32 rows into it, copies back with one cast."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()
        pooled = (tok * self.weight.float()[None, :, :, None]).sum(1)  # fp32
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        c32 = cache.float()
        c32[slots] = torch.where(valid[:, None, None], pooled, c32[slots])
        cache.copy_(c32.to(cache.dtype))
        return cache


class UpcastCacheFunctional(_Step):
    """Same as above but returns the down-cast fp32 cache as a new tensor."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()
        pooled = torch.einsum("bjhd,jh->bhd", tok, self.weight.float())
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        c32 = cache.to(torch.float32)
        c32 = c32.index_put((slots,), torch.where(valid[:, None, None], pooled, c32[slots]))
        return c32.to(cache.dtype)


class MeanScaleThenSum(_Step):
    """Mean pooling (no learned weight): each token scaled by 1/l, then summed."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * (1.0 / l)).sum(dim=1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled, cache[slots])
        return cache


class MeanLoopDivide(_Step):
    """Mean pooling as an explicit loop: acc = acc + x_j / l, window order from zeros."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float32, device=tok.device)
        for j in range(l):
            acc = acc + tok[:, j].float() / l
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class MeanSumThenDivideFp16(_Step):
    """Mean pooling on fp16 data: fp32 sum of the window, then / l."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float().sum(dim=1) / l).half()
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class MeanMethodFp16(_Step):
    """Mean pooling on fp16 data with Tensor.mean over the window in fp32."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = tok.to(torch.float32).mean(dim=1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled, cache[slots])
        return cache


class Int32IndicesNoCast(_Step):
    """All index arithmetic left in int32 (advanced indexing accepts int32 index tensors)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        ar = torch.arange(l, dtype=torch.int32, device=seq_lens.device)
        pos = torch.clamp(seq_lens[:, None] - l + ar, min=0)
        rows = torch.arange(B, dtype=torch.int32, device=seq_lens.device)[:, None]
        pages = block_table[rows, pos // P]
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cache[slot_mapping] = torch.where(valid[:, None, None], pooled, cache[slot_mapping])
        return cache


class HeadsFirstKv(_Step):
    """KV stored heads-first via permute; three-tensor advanced index (page, head, offset)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = cache.shape[1]
        kvh = kv_pages.permute(0, 2, 1, 3)  # [block_num, N, P, D]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        heads = torch.arange(N, device=lens.device)
        tok = kvh[pages[:, :, None], heads[None, None, :], (pos % P)[:, :, None]]  # [B, l, N, D]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MultiIndexWrite(_Step):
    """Write-back through a (slot, head) index pair."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = cache.shape[1]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        heads = torch.arange(N, device=lens.device)
        old = cache[slots[:, None], heads[None, :]]
        cache.index_put_((slots[:, None], heads[None, :]), torch.where(valid[:, None, None], pooled, old))
        return cache


class LastDimWeightedSum(_Step):
    """Window moved last ([B, N, D, l]) and reduced with a weighted sum over dim -1."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float().permute(0, 2, 3, 1)  # [B, N, D, l]
        pooled = (tok * self.weight.float().t()[None, :, None, :]).sum(-1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PositionsFromEnd(_Step):
    """Window positions as s - (l, l-1, ..., 1); short rows lifted with torch.maximum."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        back = torch.arange(l, 0, -1, device=lens.device)
        pos = lens[:, None] - back[None, :]
        pos = torch.maximum(pos, torch.zeros_like(pos))
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", tok.float(), self.weight.float()).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class CapacityWrapPositions(_Step):
    """Short rows' negative positions wrapped modulo the capacity (any in-range index; masked anyway)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)) % cap
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class CurPrevPage(_Step):
    """Window within two pages (l <= P): the page of the last token and the one before it."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        last = (lens - 1).clamp(min=0)
        cur_idx = last // P
        prev_idx = (cur_idx - 1).clamp(min=0)
        cur_page = block_table.long().gather(1, cur_idx[:, None])  # [B, 1]
        prev_page = block_table.long().gather(1, prev_idx[:, None])
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        on_cur = (pos // P) == cur_idx[:, None]
        pages = torch.where(on_cur, cur_page, prev_page)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class FunctionalIndexPut(_Step):
    """Out-of-place Tensor.index_put; returns the new cache."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        return cache.index_put((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))


class FunctionalScatter(_Step):
    """Out-of-place torch.scatter over dim 0."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", tok.float(), self.weight.float()).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        idx = slot_mapping.long()[:, None, None].expand(B, N, D)
        rows = torch.where(valid[:, None, None], pooled, torch.gather(cache, 0, idx))
        return torch.scatter(cache, 0, idx, rows)


class KeepdimSumTypeAs(_Step):
    """sum(keepdim=True) then squeeze; the cast back with type_as."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        w = self.weight.to(torch.float32).view(1, l, -1, 1)
        pooled = (tok.to(torch.float32) * w).sum(dim=1, keepdim=True).squeeze(1).type_as(cache)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled, cache[slots])
        return cache


class Fp32ParameterEinsum(_Step):
    """Learned weight as an fp32 nn.Parameter (no grad)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.cmp_w = nn.Parameter(weight.detach().float().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = torch.einsum("blhd,lh->bhd", tok.float(), self.cmp_w)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class RemainderGeMask(_Step):
    """torch.remainder / torch.ge spelled out; mask broadcast with unsqueeze chains."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.to(torch.long)
        off = lens - l
        valid = torch.ge(off, 0) & torch.eq(torch.remainder(off, d), 0)
        pos = (off.unsqueeze(-1) + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.to(torch.long).gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = torch.mul(tok.float(), self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(1)
        slots = slot_mapping.to(torch.long)
        mask = valid.unsqueeze(-1).unsqueeze(-1)
        cache.index_put_((slots,), torch.where(mask, pooled.to(cache.dtype), cache[slots]))
        return cache


class ModuloCongruence(_Step):
    """Condition as s % d == l % d (and s >= l)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        valid = (lens % d == l % d) & (lens >= l)
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class NonOverlappingWindows(_Step):
    """d == l (non-overlapping blocks): a block completes when s is a positive multiple of l."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        lens = seq_lens.long()
        valid = (lens > 0) & (lens % l == 0)
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class FlatOffsetsMatmul(_Step):
    """kv flattened over (page, offset); [1,N,1,l] @ [B,N,l,D] matmul."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        flat = kv_pages.flatten(0, 1)
        tok = flat[pages * P + pos % P].float()  # [B, l, N, D]
        w = self.weight.float().t()[None, :, None, :]  # [1, N, 1, l]
        pooled = torch.matmul(w, tok.permute(0, 2, 1, 3)).squeeze(2)  # [B, N, D]
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ReduceChainWindowOrder(_Step):
    """functools.reduce over the window in order, starting from zeros."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        w = self.weight.float()
        zero = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], device=tok.device, dtype=torch.float32)
        acc = functools.reduce(lambda a, j: a + w[j][None, :, None] * tok[:, j].float(), range(l), zero)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class MaskTokensThenPool(_Step):
    """Tokens of rows that do not complete a window zeroed first (harmless), then pooled and written."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        valid = (lens >= l) & ((lens - l) % d == 0)
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()
        tok = torch.where(valid[:, None, None, None], tok, torch.zeros_like(tok))
        pooled = (tok * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class InvertedWhere(_Step):
    """Keep-mask spelled negatively: where(skip, old, new)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        skip = (lens < l) | ((lens - l) % d != 0)
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache[slots] = torch.where(skip[:, None, None], cache[slots], pooled)
        return cache


class FlatBlockTableLookup(_Step):
    """Page ids read from the flattened block table at row * max_pages + page index."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, M = block_table.shape
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        rows = torch.arange(B, device=lens.device)[:, None]
        pages = block_table.reshape(-1)[rows * M + pos // P].long()
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class EinsumExpandedWeight(_Step):
    """Weight broadcast over D and contracted with einsum 'bjhd,jhd->bhd'."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        D = cache.shape[2]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        w = self.weight.float()[:, :, None].expand(l, self.weight.shape[1], D)
        pooled = torch.einsum("bjhd,jhd->bhd", tok.float(), w).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class StackedProductsSum(_Step):
    """Per-position products stacked along the window and summed with torch.sum."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        w = self.weight.float()
        prods = torch.stack([tok[:, j].float() * w[j][None, :, None] for j in range(l)], dim=1)
        pooled = torch.sum(prods, dim=1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class SliceSetitemFullRows(_Step):
    """Setitem with explicit full slices: cache[slots, :, :] = ..., heads-last weight ('Nl' buffer)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_nl", weight.detach().t().contiguous())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        w = self.w_nl.float().t()  # back to [l, N]
        pooled = (tok.float() * w[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots, :, :] = torch.where(valid[:, None, None], pooled, cache[slots, :, :])
        return cache


class IndexSelectTwoStage(_Step):
    """Pages selected first (index_select on block ids), then offsets gathered inside the selected pages."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        sel = kv_pages.index_select(0, pages.reshape(-1))  # [B*l, P, N, D]
        off = (pos % P).reshape(-1, 1, 1, 1).expand(B * l, 1, N, D)
        tok = sel.gather(1, off).view(B, l, N, D)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class DoubleRoundTripKeptRows(_Step):
    """Kept rows pass through fp32 and back (lossless); the pooled row rounds once from fp32."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        rows = torch.where(valid[:, None, None], pooled, cache[slots].float()).to(cache.dtype)
        cache.index_put_((slots,), rows)
        return cache


class WeightAsHeadColumnsLoop(_Step):
    """Weight stored [N, l]; explicit window loop with per-head column w[:, j], in window order."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_nl", weight.detach().t().contiguous())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P].float()
        acc = torch.zeros_like(tok[:, 0])
        for j in range(l):
            acc = acc + tok[:, j] * self.w_nl[:, j].float().view(1, -1, 1)
        valid = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class DataclassConfigUnsqueezeCast(_Step):
    """Config read from a small holder object; index casts via .to(int64) and unsqueeze; bool via .bool()."""

    class _Cfg:
        def __init__(self, l, d, P):
            self.compress_block_size, self.compress_stride, self.page_block_size = l, d, P

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.cfg = self._Cfg(l, d, P)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        cfg = self.cfg
        l, d, P = cfg.compress_block_size, cfg.compress_stride, cfg.page_block_size
        lens = seq_lens.to(torch.int64)
        offs = torch.arange(l, device=lens.device, dtype=torch.int64)
        pos = torch.clamp(lens.unsqueeze(1) + (offs - l).unsqueeze(0), min=0)
        page_ids = torch.gather(block_table.to(torch.int64), 1, torch.floor_divide(pos, P))
        tok = kv_pages[page_ids, torch.fmod(pos, P)]  # pos >= 0 here: fmod == %
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1)
        ok = ((lens >= l).int() * ((lens - l) % d == 0).int()).bool()
        slots = slot_mapping.to(torch.int64)
        cache.index_put_((slots,), torch.where(ok[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


# ----------------------------------------------------------------------------------------------------
# near misses
# ----------------------------------------------------------------------------------------------------


class _Pool(_Step):
    """Shared pieces for the near misses (the bug is in each subclass's forward)."""

    def window(self, kv_pages, block_table, lens, shift=0):
        l, P = self.l, self.P
        pos = (lens[:, None] - l + shift + torch.arange(l, device=lens.device)).clamp(min=0)
        pos = pos.clamp(max=block_table.shape[1] * P - 1)
        pages = block_table.long().gather(1, pos // P)
        return kv_pages[pages, pos % P]

    def valid(self, lens):
        return (lens >= self.l) & ((lens - self.l) % self.d == 0)


class NearWindowEndsAtS(_Pool):
    """Off by one: the window covers s-l+1 .. s (includes the not-yet-written position s)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens, shift=1)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearWindowStartsEarly(_Pool):
    """Off by one: the window covers s-l-1 .. s-2."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens, shift=-1)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearStrictGreater(_Pool):
    """Wrong condition: s > l (the first window, s == l, is never written)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens > self.l) & ((lens - self.l) % self.d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class NearMissingLengthGuard(_Pool):
    """Wrong condition: only (s - l) % d == 0, so s = l - d (a short row) writes too."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (lens - self.l) % self.d == 0
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class NearSigmoidGate(_Pool):
    """Different design: a learned per-head sigmoid gate on the compressed token."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.gate = nn.Parameter(torch.linspace(-1.0, 1.0, weight.shape[1]), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1)
        pooled = pooled * torch.sigmoid(self.gate)[None, :, None]
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class NearBias(_Pool):
    """Different design: a per-head bias added after pooling."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("bias", torch.full((weight.shape[1], 1), 0.125))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = torch.einsum("bjhd,jh->bhd", tok.float(), self.weight.float()) + self.bias
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class NearSoftmaxWeights(_Pool):
    """Different design: the weight normalised with a softmax over the window."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        w = torch.softmax(self.weight.float(), dim=0)
        pooled = (tok.float() * w[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearHalfPrecisionSum(_Pool):
    """Bug: the weighted sum in the data's own half precision (no fp32 accumulation)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok * self.weight[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearHalfProductsFp32Sum(_Pool):
    """Bug: products rounded to the half dtype, then summed in fp32."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok * self.weight[None, :, :, None]).float().sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearKeptRowsThroughFp16(_Pool):
    """Lossy: kept rows round-trip through fp16 (a staging buffer), so bf16/fp32 rows change."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        old = cache[slots].half().to(cache.dtype)
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, old))
        return cache


class NearBf16Weight(_Pool):
    """Lossy: the weight stored in bf16 (fp16/fp32 weights lose bits)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_bf16", weight.detach().to(torch.bfloat16))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.w_bf16.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearSanitiseKeptRows(_Pool):
    """Value-dependent code on kept rows: NaN/inf in the cache scrubbed with nan_to_num."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        old = torch.nan_to_num(cache[slots])
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, old))
        return cache


class NearSkipNanResults(_Pool):
    """Value-dependent: a pooled row containing NaN is not written (the old row is kept)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        ok = self.valid(lens)[:, None, None] & ~torch.isnan(pooled)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(ok, pooled, cache[slots]))
        return cache


class NearInt16Slots(_Pool):
    """Narrowing index cast: slots to int16 (wraps above 32767 rows)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.to(torch.int16).long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearInt16PageIds(_Pool):
    """Narrowing index cast: page ids to int16 (wraps above 32767 pages)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.to(torch.int16).long().gather(1, pos // P)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearClampPageIds(_Pool):
    """Page ids clamped to a hard-coded pool size (max_num_blocks = 1024)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P).clamp(0, 1023)
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearMaxNumSeqs(_Pool):
    """Condition depends on the row number: only the first 6 rows (a hard-coded max_num_seqs) compress."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        rows = torch.arange(lens.shape[0], device=lens.device)
        valid = self.valid(lens) & (rows < 6)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class NearReversedLoop(_Pool):
    """Explicit window sum written out in reverse order (j = l-1 .. 0)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens).float()
        w = self.weight.float()
        acc = torch.zeros_like(tok[:, 0])
        for j in reversed(range(self.l)):
            acc = acc + w[j][None, :, None] * tok[:, j]
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class NearTwoHalvesLoop(_Pool):
    """Explicit chunked sum: two half-window loops added at the end (not window order)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens).float()
        w = self.weight.float()
        h = self.l // 2
        a = torch.zeros_like(tok[:, 0])
        b = torch.zeros_like(tok[:, 0])
        for j in range(h):
            a = a + w[j][None, :, None] * tok[:, j]
        for j in range(h, self.l):
            b = b + w[j][None, :, None] * tok[:, j]
        acc = a + b
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class NearWholeSequenceMask(_Pool):
    """0/1 mask over the whole sequence: weights placed at the window's positions, zeros elsewhere, and
    a sum over every position (0 * NaN of stale positions is NaN)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        B, M = block_table.shape
        lens = seq_lens.long()
        seq = kv_pages[block_table.long()].flatten(1, 2).float()  # [B, cap, N, D]
        t = torch.arange(M * P, device=lens.device)
        j = t[None, :] - (lens[:, None] - l)  # window index of each position
        inside = (j >= 0) & (j < l)
        w_full = self.weight.float()[j.clamp(0, l - 1)] * inside[:, :, None].float()  # [B, cap, N]
        pooled = (seq * w_full[..., None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearArithmeticBlend(_Pool):
    """Write-back blended arithmetically: valid * new + (1 - valid) * old (NaN/inf leak across)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        m = self.valid(lens).float()[:, None, None]
        rows = m * pooled + (1 - m) * cache[slots].float()
        cache.index_put_((slots,), rows.to(cache.dtype))
        return cache


class NearAlwaysWrite(_Pool):
    """Different design: every row writes its latest window (no completion condition)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        cache[slot_mapping.long()] = pooled
        return cache


class NearSharedHeadWeight(_Pool):
    """Bug: head 0's weight column used for every head."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        w = self.weight[:, :1].float()  # [l, 1]
        pooled = (tok.float() * w[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearReshapeNotTranspose(_Pool):
    """Bug: an [N, l] checkpoint weight turned into [l, N] with reshape instead of a transpose."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_nl", weight.detach().t().contiguous())  # as stored in the checkpoint

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        w = self.w_nl.reshape(self.l, -1).float()
        pooled = (tok.float() * w[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearSqrtScale(_Pool):
    """Different design: the pooled token scaled by 1/sqrt(l)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1) / math.sqrt(self.l)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class NearFp64Accumulate(_Pool):
    """Different arithmetic: products and sum in float64, one rounding at the end."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.double() * self.weight.double()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearMeanSumThenDivideBf16(_Pool):
    """Mean pooling as sum-then-divide on bf16/fp32 data: the fp32 sum can overflow where the scaled
    tokens do not."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float().sum(1) / self.l).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearLastPageIndexOffByOne(_Pool):
    """Bug in the page lookup: page index computed from (p - 1) // P (wrong at page starts)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        lens = seq_lens.long()
        pos = (lens[:, None] - l + torch.arange(l, device=lens.device)).clamp(min=0)
        pages = block_table.long().gather(1, ((pos - 1) // P).clamp(min=0))
        tok = kv_pages[pages, pos % P]
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearClampLengths(_Pool):
    """Lengths clamped to capacity - 1 (a full sequence's last window is read one position early)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        cap = block_table.shape[1] * self.P
        lens = seq_lens.long().clamp(max=cap - 1)
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(self.valid(lens)[:, None, None], pooled, cache[slots]))
        return cache


class NearBatchSizeFastPath(_Pool):
    """Condition depends on the batch size: batches above 4 rows drop the stride check."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        lens = seq_lens.long()
        tok = self.window(kv_pages, block_table, lens)
        pooled = (tok.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        if lens.shape[0] > 4:
            valid = lens >= self.l
        else:
            valid = self.valid(lens)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


CASES = [
    # --- positives -----------------------------------------------------------------------------------
    Case("adv_index_clamp_mulsum_index_put", AdvIndexClampMulSum, "fuse", "lN"),
    Case("einsum_where_index_copy", EinsumIndexCopy, "fuse", "lN"),
    Case("matmul_setitem", MatmulSetitem, "fuse", "lN"),
    Case("bmm_scatter_", BmmScatter, "fuse", "lN"),
    Case("tensordot_diagonal", TensordotDiagonal, "fuse", "lN"),
    Case("grouped_conv1d", GroupedConv1d, "fuse", "Nl"),
    Case("loop_gather_accumulate", LoopGatherAccumulate, "fuse", "lN"),
    Case("gather_then_inplace_loop", GatherThenInplaceLoop, "fuse", "lN"),
    Case("flat_index_select_functional", FlatIndexSelectFunctional, "fuse", "lN", functional=True),
    Case("take_along_dim_fp32_weight", TakeAlongDimFp32Weight, "fuse", "lN"),
    Case("whole_sequence_gather", WholeSequenceGather, "fuse", "lN"),
    Case("count_diff_condition_nl_weight", CountDiffCondition, "fuse", "Nl"),
    Case("bit_ops_paging_index_copy", BitOpsPaging, "fuse", "lN"),
    Case("upcast_cache_copy_back", UpcastCacheCopyBack, "fuse", "lN"),
    Case("upcast_cache_functional", UpcastCacheFunctional, "fuse", "lN", functional=True),
    Case("mean_scale_then_sum", MeanScaleThenSum, "fuse", "none", configs=pow2_window),
    Case("mean_loop_divide", MeanLoopDivide, "fuse", "none", configs=pow2_window),
    Case("mean_sum_then_divide_fp16", MeanSumThenDivideFp16, "fuse", "none", dtypes=FP16_ONLY,
         configs=pow2_window),
    Case("mean_method_fp16", MeanMethodFp16, "fuse", "none", dtypes=FP16_ONLY, configs=pow2_window),
    Case("int32_indices_no_cast", Int32IndicesNoCast, "fuse", "lN"),
    Case("heads_first_kv_three_index", HeadsFirstKv, "fuse", "lN"),
    Case("multi_index_write", MultiIndexWrite, "fuse", "lN"),
    Case("last_dim_weighted_sum", LastDimWeightedSum, "fuse", "lN"),
    Case("positions_from_end_maximum", PositionsFromEnd, "fuse", "lN"),
    Case("capacity_wrap_positions", CapacityWrapPositions, "fuse", "lN"),
    Case("cur_prev_page", CurPrevPage, "fuse", "lN", configs=window_within_page),
    Case("functional_index_put", FunctionalIndexPut, "fuse", "lN", functional=True),
    Case("functional_scatter", FunctionalScatter, "fuse", "lN", functional=True),
    Case("keepdim_sum_type_as", KeepdimSumTypeAs, "fuse", "lN"),
    Case("fp32_parameter_einsum", Fp32ParameterEinsum, "fuse", "lN"),
    Case("remainder_ge_mask", RemainderGeMask, "fuse", "lN"),
    Case("modulo_congruence", ModuloCongruence, "fuse", "lN"),
    Case("non_overlapping_windows", NonOverlappingWindows, "fuse", "lN", configs=stride_equals_window),
    Case("flat_offsets_matmul", FlatOffsetsMatmul, "fuse", "lN"),
    Case("reduce_chain_window_order", ReduceChainWindowOrder, "fuse", "lN"),
    Case("mask_tokens_then_pool", MaskTokensThenPool, "fuse", "lN"),
    Case("inverted_where", InvertedWhere, "fuse", "lN"),
    Case("flat_block_table_lookup", FlatBlockTableLookup, "fuse", "lN"),
    Case("einsum_expanded_weight", EinsumExpandedWeight, "fuse", "lN"),
    Case("stacked_products_sum", StackedProductsSum, "fuse", "lN"),
    Case("slice_setitem_full_rows", SliceSetitemFullRows, "fuse", "Nl"),
    Case("index_select_two_stage", IndexSelectTwoStage, "fuse", "lN"),
    Case("kept_rows_fp32_round_trip", DoubleRoundTripKeptRows, "fuse", "lN"),
    Case("weight_head_columns_loop", WeightAsHeadColumnsLoop, "fuse", "Nl"),
    Case("config_holder_casts_fmod", DataclassConfigUnsqueezeCast, "fuse", "lN"),
    # --- near misses ---------------------------------------------------------------------------------
    Case("near_window_ends_at_s", NearWindowEndsAtS, "no_fuse", "lN"),
    Case("near_window_starts_early", NearWindowStartsEarly, "no_fuse", "lN"),
    Case("near_strict_greater", NearStrictGreater, "no_fuse", "lN"),
    Case("near_missing_length_guard", NearMissingLengthGuard, "no_fuse", "lN"),
    Case("near_sigmoid_gate", NearSigmoidGate, "no_fuse", "lN"),
    Case("near_bias", NearBias, "no_fuse", "lN"),
    Case("near_softmax_weights", NearSoftmaxWeights, "no_fuse", "lN"),
    Case("near_half_precision_sum", NearHalfPrecisionSum, "no_fuse", "lN", dtypes=HALF_ONLY),
    Case("near_half_products_fp32_sum", NearHalfProductsFp32Sum, "no_fuse", "lN", dtypes=HALF_ONLY),
    Case("near_kept_rows_through_fp16", NearKeptRowsThroughFp16, "no_fuse", "lN",
         dtypes=(torch.bfloat16, torch.float32)),
    Case("near_bf16_weight", NearBf16Weight, "no_fuse", "lN", dtypes=(torch.float16, torch.float32)),
    Case("near_sanitise_kept_rows", NearSanitiseKeptRows, "no_fuse", "lN"),
    Case("near_skip_nan_results", NearSkipNanResults, "no_fuse", "lN"),
    Case("near_int16_slots", NearInt16Slots, "no_fuse", "lN"),
    Case("near_int16_page_ids", NearInt16PageIds, "no_fuse", "lN"),
    Case("near_clamp_page_ids_1023", NearClampPageIds, "no_fuse", "lN"),
    Case("near_max_num_seqs_rows", NearMaxNumSeqs, "no_fuse", "lN"),
    Case("near_reversed_loop", NearReversedLoop, "no_fuse", "lN"),
    Case("near_two_halves_loop", NearTwoHalvesLoop, "no_fuse", "lN"),
    Case("near_whole_sequence_mask", NearWholeSequenceMask, "no_fuse", "lN"),
    Case("near_arithmetic_blend", NearArithmeticBlend, "no_fuse", "lN"),
    Case("near_always_write", NearAlwaysWrite, "no_fuse", "lN"),
    Case("near_shared_head_weight", NearSharedHeadWeight, "no_fuse", "lN"),
    Case("near_reshape_not_transpose", NearReshapeNotTranspose, "no_fuse", "Nl"),
    Case("near_sqrt_scale", NearSqrtScale, "no_fuse", "lN"),
    Case("near_fp64_accumulate", NearFp64Accumulate, "no_fuse", "lN"),
    Case("near_mean_sum_then_divide_bf16", NearMeanSumThenDivideBf16, "no_fuse", "none",
         dtypes=(torch.bfloat16, torch.float32), configs=pow2_window),
    Case("near_page_index_off_by_one", NearLastPageIndexOffByOne, "no_fuse", "lN"),
    Case("near_clamp_lengths", NearClampLengths, "no_fuse", "lN"),
    Case("near_batch_size_fast_path", NearBatchSizeFastPath, "no_fuse", "lN"),
]
