"""Blind corpus: NSA decode-time KV compression written the ways model authors write it.

Every module's forward is
    module(kv_pages, slot_mapping, block_table, seq_lens, cache)          (CASES)
    module(kv_pages, new_token, slot_mapping, block_table, seq_lens, cache) (APPEND_CASES)
and mutates `cache` in place and returns it, or (functional=True) returns a new cache.
All modules are vectorized over the batch (no data-dependent shapes, no host syncs).
"""
import math
from dataclasses import dataclass
from types import SimpleNamespace
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


def pow2_window(l, d, P):
    return l > 0 and (l & (l - 1)) == 0


def window_within_two_pages(l, d, P):
    return l <= P


def stride_below_window(l, d, P):
    return d < l


def windows_can_cross_pages(l, d, P):
    # some window start k*d (k >= 0) leaves fewer than l slots in its page
    return any((k * d) % P + l > P for k in range(P))


@dataclass
class NSAConfig:
    compress_block_size: int
    compress_stride: int
    page_size: int


# =====================================================================================================
# fuse cases
# =====================================================================================================


class VllmPagedCompress(nn.Module):
    """vLLM-flavoured: block_tables.gather on int64 positions, einsum pooling, setitem with torch.where."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.compress_block_size = l
        self.compress_stride = d
        self.block_size = P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_cache, slot_mapping, block_tables, seq_lens, compressed_cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.block_size
        seq_lens = seq_lens.long()
        positions = seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)
        should_compress = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        positions = positions.clamp(min=0)
        block_ids = block_tables.long().gather(1, positions // P)
        kv = kv_cache[block_ids, positions % P]                          # [B, l, N, D]
        compressed = torch.einsum("blhd,lh->bhd", kv.float(), self.weight.float())
        slots = slot_mapping.long()
        compressed_cache[slots] = torch.where(
            should_compress[:, None, None], compressed.to(compressed_cache.dtype), compressed_cache[slots]
        )
        return compressed_cache


class AscendGoldenAdvIndex(nn.Module):
    """Golden-style: int32 positions kept, 2-D advanced indexing into block_table, multiply + sum."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.page_block_size = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, input, slot_mapping, block_table, actual_seq_len, cache):
        l, d, P = self.l, self.d, self.page_block_size
        bsz = actual_seq_len.shape[0]
        start = actual_seq_len - l
        pos = start.unsqueeze(1) + torch.arange(l, dtype=actual_seq_len.dtype, device=input.device).unsqueeze(0)
        pos = torch.where(pos < 0, torch.zeros_like(pos), pos)
        batch = torch.arange(bsz, device=input.device).unsqueeze(1)
        pages = block_table[batch, pos // P]
        tokens = input[pages, pos % P].to(torch.float32)                 # [B, l, N, D]
        pooled = (tokens * self.weight.to(torch.float32)[None, :, :, None]).sum(dim=1)
        ok = (start >= 0) & (torch.remainder(start, d) == 0)
        slot = slot_mapping.long()
        cache.index_put_((slot,), torch.where(ok.view(-1, 1, 1), pooled.to(cache.dtype), cache[slot]))
        return cache


class FlatSlotMatmul(nn.Module):
    """Flat [num_blocks*P, N, D] view indexed with page*P + offset; matmul of [N,1,l] x [N,l,D]."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.cfg = NSAConfig(l, d, P)
        self.compress_weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.cfg.compress_block_size, self.cfg.compress_stride, self.cfg.page_size
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        kv_flat = kv_pages.view(-1, N, D)
        rel = torch.arange(-l, 0, device=kv_pages.device)
        lens = seq_lens.to(torch.int64)
        pos = (lens[:, None] + rel).clamp_min(0)
        block_number = block_table.to(torch.int64).gather(1, pos // P)
        slot_in_kv = block_number * P + pos % P
        tok = kv_flat[slot_in_kv]                                         # [B, l, N, D]
        w = self.compress_weight.float().t()[None, :, None, :]           # [1, N, 1, l]
        out = torch.matmul(w, tok.float().transpose(1, 2)).squeeze(2)     # [B, N, D]
        mask = ~((lens < l) | ((lens - l) % d != 0))
        idx = slot_mapping.to(torch.int64)
        cache.index_copy_(0, idx, torch.where(mask[:, None, None], out.to(cache.dtype), cache.index_select(0, idx)))
        return cache


class IndexSelectHeadBmm(nn.Module):
    """XunhaoLai-style [heads, kernel] weight; index_select on the flattened pages; head-major bmm;
    scatter_ write-back."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.kernel_size, self.kernel_stride, self.page_size = l, d, P
        self.weight = nn.Parameter(weight.t().contiguous())             # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.kernel_size, self.kernel_stride, self.page_size
        B = seq_lens.numel()
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = s.unsqueeze(-1) - torch.arange(l, 0, -1, device=s.device)
        pos = torch.clamp(pos, min=0)
        blk = torch.gather(block_table.long(), 1, torch.div(pos, P, rounding_mode="floor"))
        flat_idx = (blk * P + torch.remainder(pos, P)).reshape(-1)
        tok = kv_pages.flatten(0, 1).index_select(0, flat_idx).view(B, l, N, D)
        x = tok.float().permute(2, 0, 3, 1).reshape(N, B * D, l)
        y = torch.bmm(x, self.weight.float().unsqueeze(-1))             # [N, B*D, 1]
        out = y.view(N, B, D).permute(1, 0, 2)
        is_boundary = (s >= l) & ((s - l) % d == 0)
        idx = slot_mapping.long()[:, None, None].expand(-1, N, D)
        cur = cache.gather(0, idx)
        cache.scatter_(0, idx, torch.where(is_boundary[:, None, None], out.to(cache.dtype), cur))
        return cache


class TakeLoopAccumulate(nn.Module):
    """Loop over window positions, page ids via torch.take on the flattened block table, fp32 accumulator."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l = l
        self.d = d
        self.P = P
        self.w = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=kv_pages.device)
        row_base = torch.arange(B, device=kv_pages.device) * max_pages
        bt = block_table.long()
        for j in range(self.l):
            p = (s - self.l + j).clamp(min=0)
            page = torch.take(bt, row_base + p // self.P)
            tok = kv_pages[page, p % self.P]
            acc = acc + self.w[j].float()[None, :, None] * tok.float()
        do_write = (s >= self.l).logical_and((s - self.l) % self.d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(do_write[:, None, None], acc.to(cache.dtype), cache[slots])
        return cache


class TakeAlongDimTensordot(nn.Module):
    """take_along_dim page lookup, per-head tensordot, functional clone + setitem."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N = kv_pages.shape[2]
        s = seq_lens.to(torch.int64)
        idx = torch.arange(l, device=s.device).expand(B, l) + (s - l).unsqueeze(1)
        idx = idx.clamp(min=0)
        pages = torch.take_along_dim(block_table.to(torch.int64), idx // P, dim=1)
        win = kv_pages[pages, idx % P].float()                          # [B, l, N, D]
        heads = []
        for h in range(N):
            heads.append(torch.tensordot(win[:, :, h, :], self.weight[:, h].float(), dims=([1], [0])))
        pooled = torch.stack(heads, dim=1)                              # [B, N, D]
        full = (s >= l) & ((s - l) % d == 0)
        new_cache = cache.clone()
        slots = slot_mapping.long()
        new_cache[slots] = torch.where(full[:, None, None], pooled.to(cache.dtype), cache[slots])
        return new_cache


class CurPrevPageWhere(nn.Module):
    """Window spans at most two pages (l <= P): pick current/previous page per position with torch.where."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.config = SimpleNamespace(cmp_len=l, cmp_stride=d, block_size=P)
        self.cmp_weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.config.cmp_len, self.config.cmp_stride, self.config.block_size
        s = seq_lens.long()
        last_tok = s - 1
        cur_idx = (last_tok // P).clamp(min=0)
        prev_idx = (cur_idx - 1).clamp(min=0)
        bt = block_table.long()
        cur_page = bt.gather(1, cur_idx[:, None])
        prev_page = bt.gather(1, prev_idx[:, None])
        pos = last_tok[:, None] - torch.arange(l - 1, -1, -1, device=s.device)   # s-l .. s-1
        in_cur = pos >= (cur_idx * P)[:, None]
        page = torch.where(in_cur, cur_page, prev_page)
        tok = kv_pages[page, torch.remainder(pos, P)]
        pooled = torch.einsum("jh,bjhd->bhd", self.cmp_weight.float(), tok.float())
        valid = (s - l >= 0) & (s % d == l % d)
        slots = slot_mapping.long()
        cache[slots] = pooled.to(cache.dtype).where(valid[:, None, None], cache[slots])
        return cache


class TwoPageConcatLinear(nn.Module):
    """Concatenate previous and current page, gather the window inside them, F.linear per head."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.block_len, self.stride, self.page_block_size = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_len, self.stride, self.page_block_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2:]
        s = seq_lens.long()
        cur = ((s - 1) // P).clamp(min=0)
        prev = (cur - 1).clamp(min=0)
        bt = block_table.long()
        ar = torch.arange(B, device=s.device)
        two = torch.cat([kv_pages[bt[ar, prev]], kv_pages[bt[ar, cur]]], dim=1)   # [B, 2P, N, D]
        local = (s - l - (cur - 1) * P)[:, None] + torch.arange(l, device=s.device)
        local = local.clamp(0, 2 * P - 1)
        win = two.gather(1, local[:, :, None, None].expand(-1, -1, N, D))        # [B, l, N, D]
        w = self.weight.float()
        outs = [F.linear(win[:, :, h, :].float().transpose(1, 2), w[:, h][None, :]) for h in range(N)]
        pooled = torch.cat(outs, dim=-1).transpose(1, 2)                         # [B, N, D]
        emit = (torch.fmod(s - l, d) == 0) & (s >= l)
        slots = slot_mapping.long()
        cache[slots, :, :] = torch.where(emit.view(B, 1, 1), pooled.to(cache.dtype), cache[slots, :, :])
        return cache


class UnfoldLatestWindow(nn.Module):
    """Prefill-style compression reused at decode: gather the sequence's pages, unfold into
    (l, d) windows, take the latest window index (s - l) // d, pool with @."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        bt = block_table.long()
        B, M = bt.shape
        seq = kv_pages[bt].flatten(1, 2)                                # [B, M*P, N, D]
        windows = seq.unfold(1, self.l, self.d)                          # [B, nw, N, D, l]
        k = torch.div(seq_lens.long() - self.l, self.d, rounding_mode="floor").clamp(min=0)
        win = windows[torch.arange(B, device=bt.device), k]              # [B, N, D, l]
        pooled = (win.float() @ self.weight.t().float().unsqueeze(-1)).squeeze(-1)
        complete = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(complete[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class AsStridedWindowsFp32(nn.Module):
    """fp32 model: as_strided window view over the gathered sequence, einsum without upcast,
    write through a [num_slots, N*D] view with index_copy_."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, M = block_table.shape
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        T = M * P
        seq = kv_pages[block_table.long()].reshape(B, T, N, D).contiguous()
        nw = (T - l) // d + 1
        win = seq.as_strided((B, nw, l, N, D), (T * N * D, d * N * D, N * D, D, 1))
        k = ((seq_lens - l) // d).clamp(min=0).long()
        sel = win[torch.arange(B, device=seq.device), k]                 # [B, l, N, D]
        pooled = torch.einsum("blnd,ln->bnd", sel, self.weight)
        hit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        flat = cache.view(cache.shape[0], N * D)
        slots = slot_mapping.long()
        flat.index_copy_(0, slots, torch.where(hit[:, None], pooled.reshape(B, N * D), flat[slots]))
        return cache


class WholeSeqGatherChunked(nn.Module):
    """Gather all pages of each sequence, gather the window, pool in chunks of 16 positions."""

    def __init__(self, l, d, P, weight, chunk=16):
        super().__init__()
        self.l, self.d, self.P, self.chunk = l, d, P, chunk
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = block_table.shape[0]
        N, D = kv_pages.shape[2:]
        pages = kv_pages[block_table.long()]                              # [B, M, P, N, D]
        seq = pages.reshape(B, -1, N, D)
        start = (seq_lens.long() - l).clamp(min=0)
        pos = start[:, None] + torch.arange(l, device=seq.device)
        win = torch.gather(seq, 1, pos[..., None, None].expand(B, l, N, D))
        acc = None
        for c in range(0, l, self.chunk):
            part = (win[:, c:c + self.chunk].float() * self.weight[c:c + self.chunk].float()[None, :, :, None]).sum(1)
            acc = part if acc is None else acc + part
        flag = ((seq_lens - l) >= 0) * ((seq_lens - l) % d == 0)
        idx = slot_mapping.long()
        cache.index_copy_(0, idx, torch.where(flag[:, None, None], acc.to(cache.dtype), cache[idx]))
        return cache


class UpcastEverythingCopyBack(nn.Module):
    """Upcast kv and the compressed cache to fp32 up front, update the fp32 copy, copy_ back."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        kv = kv_pages.float()
        comp = cache.float()
        B = seq_lens.shape[0]
        s = seq_lens.long()
        pos = torch.arange(l, device=kv.device)[None, :] + s[:, None] - l
        valid_window = (s >= l) & (((s - l) % d) == 0)
        pos = pos.masked_fill(pos < 0, 0)
        page = block_table.long()[torch.arange(B, device=kv.device)[:, None], pos // P]
        x = kv[page, pos % P]
        y = (x * self.weight.float()[None, :, :, None]).sum(dim=1)
        slots = slot_mapping.long()
        comp[slots] = torch.where(valid_window[:, None, None], y, comp[slots])
        cache.copy_(comp)
        return cache


class FunctionalFloatIndexPut(nn.Module):
    """Functional: upcast the cache, out-of-place index_put, cast the whole cache back."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cache_f = cache.float()
        s = seq_lens.long()
        offs = torch.arange(l, device=s.device)
        pos = (s[:, None] + offs[None, :] - l).clamp(min=0)
        pg = block_table.long().gather(1, pos // P)
        x = kv_pages[pg, pos % P].float()
        y = torch.einsum("lh,blhd->bhd", self.weight.float(), x)
        m = ((s >= l) & ((s - l) % d == 0))[:, None, None]
        slots = slot_mapping.long()
        return cache_f.index_put((slots,), torch.where(m, y, cache_f[slots])).to(cache.dtype)


class FlaMeanPool(nn.Module):
    """fla-org style mean pooling of the block (no learned weight)."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.block_size = l
        self.stride = d
        self.page_size = P

    def forward(self, k_cache, slot_mapping, block_table, seq_lens, k_cmp_cache):
        BS, stride, P = self.block_size, self.stride, self.page_size
        lens = seq_lens.to(torch.int64)
        pos = lens[:, None] - torch.arange(BS, 0, -1, device=lens.device)
        pos = pos.clamp(min=0)
        phys = block_table.to(torch.int64).gather(-1, pos // P)
        k = k_cache[phys, pos % P]
        k_cmp = k.float().mean(dim=1)
        upd = (lens >= BS) & ((lens - BS) % stride == 0)
        slots = slot_mapping.to(torch.int64)
        k_cmp_cache[slots] = torch.where(upd[:, None, None], k_cmp.to(k_cmp_cache.dtype), k_cmp_cache[slots])
        return k_cmp_cache


class AvgPool1dCompress(nn.Module):
    """Mean pooling via F.avg_pool1d over [B, N*D, l]."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.size(0)
        N, D = kv_pages.size(2), kv_pages.size(3)
        s = seq_lens.long()
        pos = torch.clamp(s.view(B, 1) - l + torch.arange(l, device=s.device).view(1, l), min=0)
        tok = kv_pages[block_table.long().gather(1, pos // P), pos % P]          # [B, l, N, D]
        x = tok.float().reshape(B, l, N * D).transpose(1, 2)                       # [B, N*D, l]
        y = F.avg_pool1d(x, kernel_size=l).view(B, N, D)
        m = (s >= l) & (torch.remainder(s - l, d) == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m.view(B, 1, 1), y.to(cache.dtype), cache[slots]))
        return cache


class MeanDtypeArgInt32(nn.Module):
    """Mean pooling with torch.mean(dtype=float32); int32 indices kept everywhere (no casts)."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        ar = torch.arange(l, dtype=torch.int32, device=seq_lens.device)
        pos = (seq_lens.unsqueeze(1) - l + ar).clamp(min=0)
        b_idx = torch.arange(B, dtype=torch.int32, device=seq_lens.device).unsqueeze(1)
        page_ids = block_table[b_idx, torch.div(pos, P, rounding_mode="floor")]
        x = kv_pages[page_ids, pos % P]
        pooled = torch.mean(x, dim=1, dtype=torch.float32)
        qual = torch.logical_and(seq_lens >= l, (seq_lens - l) % d == 0)
        cache[slot_mapping] = torch.where(qual[:, None, None], pooled.to(cache.dtype), cache[slot_mapping])
        return cache


class SumDivMeanIndexCopy(nn.Module):
    """Mean pooling as sum / l in fp32, flat-view gather, index_copy_ write-back."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.compress_block_size, self.compress_stride, self.page_block_size = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l = self.compress_block_size
        d = self.compress_stride
        P = self.page_block_size
        N, D = kv_pages.shape[-2], kv_pages.shape[-1]
        s = seq_lens.long()
        pos = (s[:, None] - 1) - torch.arange(l, device=s.device).flip(0)   # s-l .. s-1
        pos = torch.where(pos >= 0, pos, 0)
        flat = block_table.long().gather(1, pos // P) * P + pos % P
        x = kv_pages.reshape(-1, N, D)[flat]
        pooled = x.float().sum(dim=1) / l
        write = (s >= l) & ((s - l) % d == 0)
        idx = slot_mapping.long()
        cache.index_copy_(0, idx, torch.where(write[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class XunhaoWeightedPool(nn.Module):
    """weight stored [num_heads, kernel_size] (XunhaoLai weightedpool); einsum 'bkhd,hk->bhd'."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.kernel_size = l
        self.kernel_stride = d
        self.page_size = P
        self.weight = nn.Parameter(weight.t().contiguous(), requires_grad=False)   # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        ks, st, P = self.kernel_size, self.kernel_stride, self.page_size
        s = seq_lens.to(torch.int64)
        n_cmp = torch.clamp((s - ks) // st + 1, min=0)
        n_cmp_prev = torch.clamp((s - 1 - ks) // st + 1, min=0)
        new_block = n_cmp > n_cmp_prev
        start = torch.clamp((n_cmp - 1) * st, min=0)
        pos = start[:, None] + torch.arange(ks, device=s.device)[None, :]
        page = block_table.to(torch.int64).gather(1, pos // P)
        k = kv_pages[page, pos % P]
        k_cmp = torch.einsum("bkhd,hk->bhd", k.float(), self.weight.float())
        slots = slot_mapping.to(torch.int64)
        cache[slots] = torch.where(new_block[:, None, None], k_cmp.to(cache.dtype), cache[slots])
        return cache


class DepthwiseConvPool(nn.Module):
    """Compression as a depthwise conv1d with kernel l (weight [N, l] repeated over head_dim)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.conv_weight = nn.Parameter(weight.t().contiguous())         # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        pos = s[:, None] - torch.arange(1, l + 1, device=s.device).flip(0)
        pos = pos.clamp(min=0)
        tok = kv_pages[torch.gather(block_table.long(), 1, pos // P), pos % P]
        x = tok.float().permute(0, 2, 3, 1).reshape(B, N * D, l)
        w = self.conv_weight.float().repeat_interleave(D, dim=0).unsqueeze(1)   # [N*D, 1, l]
        y = F.conv1d(x, w, groups=N * D).view(B, N, D)
        go = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(go[:, None, None], y.to(cache.dtype), cache[slots]))
        return cache


class Int32EverywhereMulSum(nn.Module):
    """No index casts at all: int32 positions, int32 advanced indexing, int32 setitem."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        offs = torch.arange(-l, 0, dtype=torch.int32, device=seq_lens.device)
        pos = seq_lens[:, None] + offs[None, :]
        pos = torch.maximum(pos, torch.zeros_like(pos))
        rows = torch.arange(B, dtype=torch.int32, device=seq_lens.device)[:, None].expand(B, l)
        page = block_table[rows, torch.div(pos, P, rounding_mode="floor")]
        tok = kv_pages[page, torch.remainder(pos, P)]
        pooled = (tok.to(torch.float32) * self.weight.to(torch.float32).unsqueeze(0).unsqueeze(-1)).sum(1)
        yes = torch.logical_and(torch.ge(seq_lens, l), torch.eq(torch.remainder(seq_lens - l, d), 0))
        cache[slot_mapping] = torch.where(yes[:, None, None], pooled.to(cache.dtype), cache[slot_mapping])
        return cache


class AddcmulLoop(nn.Module):
    """Per-position loop with fp32 addcmul_ accumulation; positions spelled as s - (l - j)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2:]
        s = seq_lens.to(torch.int64)
        bt = block_table.to(torch.int64)
        acc = kv_pages.new_zeros((B, N, D), dtype=torch.float32)
        w = self.weight.float()
        for j in range(l):
            p = torch.clamp(s - (l - j), min=0)
            blk = bt.gather(1, (p // P).unsqueeze(1)).squeeze(1)
            tok = kv_pages[blk, p % P].float()
            acc.addcmul_(w[j].view(1, N, 1), tok)
        ready = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.to(torch.int64)
        cache.index_put_((slots,), torch.where(ready.view(B, 1, 1), acc.to(cache.dtype), cache[slots]))
        return cache


class FlatNDScatter(nn.Module):
    """Everything on [*, N*D] views: weight repeat_interleave'd over D, scatter_ into cache.view(S, N*D)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        NB, _, N, D = kv_pages.shape
        s = seq_lens.long()
        pos = (s - l)[:, None] + torch.arange(l, device=s.device)
        pos = pos.clamp(min=0)
        flat_pos = block_table.long().gather(1, pos // P) * P + pos % P
        x = kv_pages.reshape(NB * P, N * D)[flat_pos]                      # [B, l, N*D]
        w = self.weight.float().repeat_interleave(D, dim=1)               # [l, N*D]
        y = (x.float() * w).sum(dim=1)                                    # [B, N*D]
        cache2d = cache.view(cache.shape[0], N * D)
        idx = slot_mapping.long()[:, None].expand(B, N * D)
        keep = cache2d.gather(0, idx)
        m = ((s >= l) & ((s - l) % d == 0))[:, None]
        cache2d.scatter_(0, idx, torch.where(m, y.to(cache.dtype), keep))
        return cache


class PerHeadMatvecLoopWrite(nn.Module):
    """Loop over heads: [l] @ [B, l, D] matvec per head, write cache[slots, h] per head."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.head_weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        s = seq_lens.long()
        pos = (s.unsqueeze(1) - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        x = kv_pages[pages, pos % P].float()
        ok = ((s >= l) & ((s - l) % d == 0)).unsqueeze(-1)
        slots = slot_mapping.long()
        for h in range(N):
            y_h = self.head_weight[:, h].float() @ x[:, :, h, :]             # [B, D]
            cache[slots, h] = torch.where(ok, y_h.to(cache.dtype), cache[slots, h])
        return cache


class EllipsisEinsumIndexPut3(nn.Module):
    """einsum with ellipsis and weight first; 3-tensor index_put_ over (slot, head, dim)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = cache.shape[1], cache.shape[2]
        s = seq_lens.long()
        pos = torch.arange(1, l + 1, device=s.device).flip(0)
        pos = (s[:, None] - pos[None, :]).clamp(min=0)
        tok = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = torch.einsum("lh,...lhd->...hd", self.weight.float(), tok.float())
        m = (s >= l) & ((s - l) % d == 0)
        sl = slot_mapping.long()[:, None, None]
        hh = torch.arange(N, device=s.device)[None, :, None]
        dd = torch.arange(D, device=s.device)[None, None, :]
        cache.index_put_((sl, hh, dd), torch.where(m[:, None, None], y.to(cache.dtype), cache[sl, hh, dd]))
        return cache


class BatchMajorBmm(nn.Module):
    """bmm over B*N rows: [B*N, D, l] x [B*N, l, 1]."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        pos = (s - l).unsqueeze(1) + torch.arange(l, device=s.device).unsqueeze(0)
        pos = pos.clamp_min(0)
        tok = kv_pages[block_table.long()[torch.arange(B, device=s.device)[:, None], pos // P], pos % P]
        x = tok.float().permute(0, 2, 3, 1).reshape(B * N, D, l)
        w = self.weight.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, l, 1)
        y = torch.bmm(x, w).view(B, N, D)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class FunctionalScatter(nn.Module):
    """Functional return via out-of-place Tensor.scatter."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = cache.shape[1:]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        tok = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        y = (tok * self.weight.float()[:, :, None]).sum(1)
        idx = slot_mapping.long().view(B, 1, 1).expand(B, N, D)
        keep = (s >= l) & ((s - l) % d == 0)
        vals = torch.where(keep.view(B, 1, 1), y.to(cache.dtype), cache.gather(0, idx))
        return cache.scatter(0, idx, vals)


class FunctionalIndexCopySplitEinsum(nn.Module):
    """Functional torch.index_copy; pooling = sum of einsums over torch.split chunks of the window."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)[None]).clamp(min=0)
        x = kv_pages[torch.take_along_dim(block_table.long(), pos // P, 1), pos % P].float()
        w = self.weight.float()
        parts = [torch.einsum("bjhd,jh->bhd", xc, wc) for xc, wc in zip(x.split(16, dim=1), w.split(16, dim=0))]
        y = torch.stack(parts, dim=0).sum(dim=0)
        sel = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        return torch.index_copy(cache, 0, slots, torch.where(sel[:, None, None], y.to(cache.dtype), cache[slots]))


class FunctionalDenseWhere(nn.Module):
    """Functional: scatter rows into a zero cache, build a per-slot hit mask, torch.where over the whole cache."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()).to(cache.dtype)
        slots = slot_mapping.long()
        write = torch.zeros_like(cache).index_copy_(0, slots, y)
        qual = (s >= l) & ((s - l) % d == 0)
        hit = torch.zeros(cache.shape[0], dtype=torch.bool, device=cache.device).scatter(0, slots, qual)
        return torch.where(hit[:, None, None], write, cache)


class TransposedPagesIndexing(nn.Module):
    """Engine keeps a [num_blocks, N, P, D] view of the pages; advanced index / slice / advanced index."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        kv_hnd = kv_pages.transpose(1, 2)                                  # [NB, N, P, D]
        s = seq_lens.long()
        pos = (s[:, None] + torch.arange(-l, 0, device=s.device)).clamp(min=0)
        blk = block_table.long().gather(1, pos // P)
        x = kv_hnd[blk, :, pos % P]                                        # [B, l, N, D]
        y = (x.float() * self.weight.float()[None, :, :, None]).sum(dim=1)
        go = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(go[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class Fp32OnlyMulSum(nn.Module):
    """fp32 model, no upcasts: multiply + sum straight in the data dtype."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = (x * self.weight[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y, cache[slots])
        return cache


class Fp32OnlyLastDimReduce(nn.Module):
    """fp32 model, no upcasts: window moved to the last dim, weight [N, l] broadcast, sum(-1)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.t().contiguous())               # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]     # [B, l, N, D]
        x = x.permute(0, 2, 3, 1)                                          # [B, N, D, l]
        y = (x * self.weight[:, None, :]).sum(-1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m[:, None, None], y, cache[slots]))
        return cache


class Fp32OnlyLinearFlatten(nn.Module):
    """fp32 model, no upcasts: per-head F.linear on [B, D, l] rows using weight rows of a [N, l] matrix."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.proj = nn.Parameter(weight.t().contiguous(), requires_grad=False)   # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        s = seq_lens.long()
        pos = torch.clamp(s[:, None] - l + torch.arange(l, device=s.device), min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]     # [B, l, N, D]
        ys = []
        for h in range(N):
            ys.append(F.linear(x[:, :, h].transpose(1, 2), self.proj[h:h + 1]).squeeze(-1))
        y = torch.stack(ys, 1)
        m = (s >= l) & ((s - l) % d == 0)
        idx = slot_mapping.long()
        cache.index_copy_(0, idx, torch.where(m[:, None, None], y, cache[idx]))
        return cache


class Fp32OnlyMatmulNl(nn.Module):
    """fp32 model, no upcasts: [B, N, D, l] @ [N, l, 1]."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.w_cmp = nn.Parameter(weight.t().contiguous())                # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = (x.permute(0, 2, 3, 1) @ self.w_cmp[..., None]).squeeze(-1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y, cache[slots])
        return cache


class LoopFp32FunctionalCopy(nn.Module):
    """Functional: fp32 copy of the cache (to(..., copy=True)), loop over j, return cache cast back."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        out = cache.to(torch.float32, copy=True)
        s = seq_lens.long()
        bt = block_table.long()
        rows = torch.arange(s.shape[0], device=s.device)
        acc = torch.zeros_like(out[:s.shape[0]])
        for j in range(l):
            p = s - l + j
            p = torch.where(p < 0, 0, p)
            acc += kv_pages[bt[rows, p // P], p % P].float() * self.weight[j].float()[:, None]
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        out[slots] = torch.where(m[:, None, None], acc, out[slots])
        return out.to(cache.dtype)


class AscendIndexSelectWholeSeq(nn.Module):
    """index_select whole-sequence pages with the int32 block table, gather the window, torch.sum."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, M = block_table.shape
        N, D = kv_pages.shape[-2:]
        seq = kv_pages.index_select(0, block_table.flatten()).view(B, M * P, N, D)
        s = seq_lens.to(torch.int64)
        win_idx = torch.clamp(s.unsqueeze(1) - l + torch.arange(l, device=s.device).unsqueeze(0), min=0)
        x = seq.gather(1, win_idx.view(B, l, 1, 1).expand(B, l, N, D)).to(torch.float32)
        y = torch.sum(x * self.weight.to(torch.float32).unsqueeze(0).unsqueeze(-1), dim=1)
        flag = (s >= l).int() * ((s - l) % d == 0).int()
        slots = slot_mapping.to(torch.int64)
        cache[slots] = torch.where((flag == 1)[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class FloatMaskWhere(nn.Module):
    """Mask built in float arithmetic then compared (> 0.5) for torch.where."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = torch.einsum("bthd,th->bhd", x.float(), self.weight.float())
        mf = (s >= l).float() * ((s - l) % d == 0).float()
        slots = slot_mapping.long()
        cache[slots] = torch.where(mf[:, None, None] > 0.5, y.to(cache.dtype), cache[slots])
        return cache


class SkipMaskComplement(nn.Module):
    """Skip mask spelled as (s < l) | bool((s - l) % d); torch.where(skip, old, new)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        y = torch.einsum("hl,blhd->bhd", self.weight.float().t(), x)
        skip = (s < l) | ((s - l) % d).bool()
        slots = slot_mapping.long()
        old = cache[slots]
        cache[slots] = torch.where(skip[:, None, None], old, y.to(cache.dtype))
        return cache


class CompressIdxTimesStride(nn.Module):
    """aclnn formula spelling: compressIdx = (s - l) // d, window = compressIdx*stride + arange(l)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.compress_block_size, self.compress_stride, self.page_block_size = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, input, slot_mapping, block_table, actual_seq_len, cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.page_block_size
        s = actual_seq_len.to(torch.int64)
        compress_idx = torch.div(s - l, d, rounding_mode="floor")
        begin = compress_idx * d
        hit = (s >= l) & (begin == s - l)
        idx = (begin.clamp(min=0)[:, None] + torch.arange(l, device=s.device)[None, :])
        blk = block_table.to(torch.int64).gather(1, idx // P)
        x = input[blk, idx % P].to(torch.float32)
        out = (x * self.weight.to(torch.float32)[None, :, :, None]).sum(dim=1)
        slots = slot_mapping.to(torch.int64)
        cache[slots] = torch.where(hit[:, None, None], out.to(cache.dtype), cache[slots])
        return cache


class BufferOffsetsEinsum(nn.Module):
    """Window offsets precomputed in a non-persistent buffer; einsum with unusual subscripts."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)
        self.register_buffer("window_offsets", torch.arange(l) - l, persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        d, P = self.d, self.P
        l = self.window_offsets.shape[0]
        s = seq_lens.long()
        pos = (s[:, None] + self.window_offsets[None, :]).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = torch.einsum("zyxw,yx->zxw", x.float(), self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m.view(-1, 1, 1), y.to(cache.dtype), cache[slots])
        return cache


class BufferIotaFlatTake(nn.Module):
    """Registered arange buffer; flat index into the pages via torch.take of the block table; mul+sum."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.pool_weight = nn.Parameter(weight.clone(), requires_grad=False)
        self.register_buffer("iota", torch.arange(l, dtype=torch.int64), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, M = block_table.shape
        N, D = kv_pages.shape[2:]
        s = seq_lens.long()
        pos = torch.clamp(s[:, None] - l + self.iota[None, :], min=0)
        lin = torch.arange(B, device=s.device)[:, None] * M + pos // P
        pages = torch.take(block_table.long(), lin)
        x = kv_pages.view(-1, N, D)[pages * P + pos % P]
        y = (x.float() * self.pool_weight.float().view(1, l, N, 1)).sum(dim=1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class GatherFlatRows(nn.Module):
    """kv_pages.reshape(-1, N*D).gather(0, ...) to fetch the window rows."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2:]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        rows = (block_table.long().gather(1, pos // P) * P + pos % P).reshape(-1)
        rows2d = kv_pages.reshape(-1, N * D)
        x = rows2d.gather(0, rows[:, None].expand(-1, N * D)).view(B, l, N, D)
        y = torch.einsum("bjnd,jn->bnd", x.float(), self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m[:, None, None], y.to(cache.dtype), cache[slots]))
        return cache


class NestedCompressorModule(nn.Module):
    """Attention layer holding a compressor submodule and a config; compressor does the pooling."""

    class Compressor(nn.Module):
        def __init__(self, weight):
            super().__init__()
            self.weight = nn.Parameter(weight.clone())

        def forward(self, blocks):                                          # blocks [B, l, N, D]
            return torch.einsum("blnd,ln->bnd", blocks.float(), self.weight.float())

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.config = NSAConfig(l, d, P)
        self.compressor = NestedCompressorModule.Compressor(weight)

    def gather_window(self, kv_pages, block_table, seq_lens):
        c = self.config
        pos = seq_lens.long()[:, None] - c.compress_block_size + torch.arange(c.compress_block_size, device=seq_lens.device)
        pos = pos.clamp(min=0)
        return kv_pages[block_table.long().gather(1, pos // c.page_size), pos % c.page_size]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        c = self.config
        blocks = self.gather_window(kv_pages, block_table, seq_lens)
        cmp = self.compressor(blocks)
        s = seq_lens.long()
        need = (s >= c.compress_block_size) & ((s - c.compress_block_size) % c.compress_stride == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(need[:, None, None], cmp.to(cache.dtype), cache[slots])
        return cache


class BfloatModelMatmulOperator(nn.Module):
    """Weight applied as [B, N, 1, l] @ [B, N, l, D] with explicit fp32 operands; index_copy_ on cache."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N = kv_pages.shape[2]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float().permute(0, 2, 1, 3)  # [B,N,l,D]
        w = self.weight.float().t().reshape(1, N, 1, l).expand(B, N, 1, l)
        y = (w @ x).squeeze(2)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(m[:, None, None], y.to(cache.dtype), cache[slots]))
        return cache


class TensordotFullThenDiag(nn.Module):
    """tensordot over the window axis against the full [l, N] weight, then take the head diagonal."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()   # [B, l, N, D]
        full = torch.tensordot(x, self.weight.float(), dims=([1], [0]))        # [B, N, D, N]
        y = torch.diagonal(full, dim1=1, dim2=3).permute(0, 2, 1)               # [B, N, D]
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class ReverseLoopFromEnd(nn.Module):
    """Loop from the newest token backwards: p = s - 1 - i with weight row l - 1 - i."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        s = seq_lens.long()
        bt = block_table.long()
        rows = torch.arange(B, device=s.device)
        acc = torch.zeros(B, kv_pages.shape[2], kv_pages.shape[3], device=s.device)
        for i in range(l):
            p = (s - 1 - i).clamp(min=0)
            tok = kv_pages[bt[rows, p // P], p % P]
            acc = acc + tok.float() * self.weight[l - 1 - i].float().unsqueeze(-1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], acc.to(cache.dtype), cache[slots])
        return cache


class CumsumPositionsIndexPutView(nn.Module):
    """Positions from a cumsum of ones; window as one big flat index_select of the paged KV."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2:]
        s = seq_lens.long()
        steps = torch.ones(B, l, dtype=torch.int64, device=s.device).cumsum(dim=1)       # 1..l
        pos = (s[:, None] - l - 1 + steps).clamp(min=0)
        slot_idx = block_table.long().gather(1, pos // P) * P + pos % P
        x = torch.index_select(kv_pages.view(-1, N, D), 0, slot_idx.flatten()).view(B, l, N, D)
        y = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m[:, None, None], y.to(cache.dtype), cache[slots]), accumulate=False)
        return cache


class SplitPagesStackLoop(nn.Module):
    """l <= P: compute page/offset of the window start and build the window token by token via where on
    'crossed into next page'."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        start = (s - l).clamp(min=0)
        first_pg = start // P
        first_off = start % P
        bt = block_table.long()
        pg0 = bt.gather(1, first_pg[:, None]).squeeze(1)
        pg1 = bt.gather(1, (first_pg + 1).clamp(max=bt.shape[1] - 1)[:, None]).squeeze(1)
        acc = torch.zeros(s.shape[0], kv_pages.shape[2], kv_pages.shape[3], dtype=torch.float32, device=s.device)
        for j in range(l):
            off = first_off + j
            crossed = off >= P
            page = torch.where(crossed, pg1, pg0)
            off = torch.where(crossed, off - P, off)
            acc = acc + self.weight[j].float()[:, None] * kv_pages[page, off].float()
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], acc.to(cache.dtype), cache[slots])
        return cache


class LucidrainsStyleRearrangeFree(nn.Module):
    """Compress a [B, N, l, D] block with a weight broadcast as [1, N, l, 1]; reduction dim 2."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.compress_block_size, self.compress_block_sliding_stride, self.page_size = l, d, P
        self.k_compress_weight = nn.Parameter(weight.t().contiguous())   # heads x block

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.compress_block_size, self.compress_block_sliding_stride, self.page_size
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        k = kv_pages[block_table.long().gather(1, pos // P), pos % P].transpose(1, 2)   # [B, N, l, D]
        ck = (k.float() * self.k_compress_weight.float()[None, :, :, None]).sum(dim=2)
        divisible = (s - l) % d == 0
        enough = s >= l
        slots = slot_mapping.long()
        cache[slots] = torch.where((divisible & enough)[:, None, None], ck.to(cache.dtype), cache[slots])
        return cache


class DeepseekStyleFunctionalNewZeros(nn.Module):
    """Functional: compute compressed rows, return cache.clone() with index_put_ of masked rows;
    seq_lens cast with .type(torch.long), weight cast with .type_as."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.wkv_cmp = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.type(torch.long)
        pos = (s.unsqueeze(1) + torch.arange(l, device=s.device) - l).clamp(min=0)
        kv = kv_pages[block_table.type(torch.long).gather(1, pos // P), pos % P].float()
        w = self.wkv_cmp.type_as(kv)
        out = (kv * w.unsqueeze(-1)).sum(dim=1).type_as(cache)
        mask = ((s >= l) & ((s - l) % d == 0)).unsqueeze(-1).unsqueeze(-1)
        slots = slot_mapping.type(torch.long)
        new_cache = cache.clone()
        new_cache.index_put_((slots,), torch.where(mask, out, cache[slots]))
        return new_cache


class SglangStyleMaskedIndexCopyPerHead(nn.Module):
    """Write each head separately through cache[:, h].index_copy_ (strided view)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = cache.shape[1]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        y = torch.einsum("bjhd,jh->bhd", x, self.weight.float()).to(cache.dtype)
        ok = ((s >= l) & ((s - l) % d == 0))[:, None]
        slots = slot_mapping.long()
        for h in range(N):
            col = cache[:, h]
            col.index_copy_(0, slots, torch.where(ok, y[:, h], col.index_select(0, slots)))
        return cache


class MinicpmStyleRemainderCount(nn.Module):
    """MiniCPM-like: number of compressed tokens so far vs. one step ago using torch.div floor and relu."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.kernel_size, self.kernel_stride, self.block_size = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        ks, st, P = self.kernel_size, self.kernel_stride, self.block_size
        s = seq_lens.long()
        n_now = torch.relu(torch.div(s - ks, st, rounding_mode="floor") + 1)
        n_before = torch.relu(torch.div(s - 1 - ks, st, rounding_mode="floor") + 1)
        emit = (n_now - n_before) == 1
        pos = (s[:, None] - ks + torch.arange(ks, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        y = torch.einsum("ih,bihd->bhd", self.weight.float(), x.float())
        slots = slot_mapping.long()
        cache[slots] = torch.where(emit[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class Fp32OnlyIndexSelectBmm(nn.Module):
    """fp32 model: window from index_select on flat pages, bmm without upcast, scatter_ write."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2:]
        s = seq_lens.to(torch.int64)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        flat = (block_table.to(torch.int64).gather(1, pos // P) * P + pos % P).view(-1)
        x = kv_pages.flatten(0, 1).index_select(0, flat).view(B, l, N * D).transpose(1, 2)   # [B, N*D, l]
        w = self.weight.t().repeat_interleave(D, dim=0)                     # [N*D, l]
        y = torch.bmm(x.reshape(B * N * D, 1, l), w.repeat(B, 1).unsqueeze(-1)).view(B, N, D)
        m = (s >= l) & ((s - l) % d == 0)
        idx = slot_mapping.to(torch.int64).view(B, 1, 1).expand(B, N, D)
        cache.scatter_(0, idx, torch.where(m.view(B, 1, 1), y, cache.gather(0, idx)))
        return cache


class WeightedSumThenDivisionFree(nn.Module):
    """Products in fp32 via torch.mul with dtype promotion (fp32 weight buffer-free cast), torch.sum(dim=)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]        # data dtype
        w32 = self.weight.to(torch.float32)
        y = torch.sum(torch.mul(x, w32[None, :, :, None]), dim=1)             # promotes to fp32
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


# =====================================================================================================
# near misses (no_fuse)
# =====================================================================================================


class _WindowMixin:
    """Shared window gather for near misses (each near miss changes one thing)."""

    def _window(self, kv_pages, block_table, seq_lens, shift=0):
        l, P = self.l, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l - shift + torch.arange(l, device=s.device)).clamp(min=0)
        return kv_pages[block_table.long().gather(1, pos // P), pos % P]          # [B, l, N, D]

    def _qual(self, seq_lens):
        s = seq_lens.long()
        return (s >= self.l) & ((s - self.l) % self.d == 0)

    def _write(self, cache, slot_mapping, mask, vals):
        slots = slot_mapping.long()
        cache[slots] = torch.where(mask[:, None, None], vals.to(cache.dtype), cache[slots])
        return cache


class NMSoftmaxWeights(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        w = self.weight.float().softmax(dim=0)
        y = torch.einsum("blhd,lh->bhd", x, w)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMSigmoidGate(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())
        self.gate = nn.Parameter(torch.randn(weight.shape[1]))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        y = y * torch.sigmoid(self.gate.float())[None, :, None]
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMBias(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())
        self.bias = nn.Parameter(0.1 * torch.randn(weight.shape[1], 1))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = (x * self.weight.float()[None, :, :, None]).sum(1) + self.bias.float()
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMNoLengthGuard(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        s = seq_lens.long()
        return self._write(cache, slot_mapping, (s - self.l) % self.d == 0, y)


class NMWindowOffByOne(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens, shift=1).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMHalfAccumulatorLoop(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens)                # data dtype
        acc = torch.zeros_like(x[:, 0])
        for j in range(self.l):
            acc = acc + x[:, j] * self.weight[j][None, :, None]
        return self._write(cache, slot_mapping, self._qual(seq_lens), acc)


class NMHalfProductsFloatSum(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens)
        weighted = x * self.weight[None, :, :, None]                     # rounded to data dtype
        y = weighted.float().sum(dim=1)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMWritesEveryRow(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        cache[slot_mapping.long()] = y.to(cache.dtype)
        return cache


class NMBatchIndexAsSlot(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        rows = torch.arange(seq_lens.shape[0], device=cache.device)
        m = self._qual(seq_lens)
        cache[rows] = torch.where(m[:, None, None], y.to(cache.dtype), cache[rows])
        return cache


class NMBlendMask(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float()).to(cache.dtype)
        m = self._qual(seq_lens).to(cache.dtype)[:, None, None]
        slots = slot_mapping.long()
        cache[slots] = y * m + cache[slots] * (1 - m)
        return cache


class NMAttentionPooling(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()       # [B, l, N, D]
        scores = self.weight.float()[None] + x.mean(dim=-1)              # [B, l, N]
        p = scores.softmax(dim=1)
        y = (p[..., None] * x).sum(1)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMWindowMLP(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight, hidden=4):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        N = weight.shape[1]
        self.w1 = nn.Parameter(torch.randn(l, hidden, N) / math.sqrt(l))
        self.w2 = nn.Parameter(torch.randn(hidden, N) / math.sqrt(hidden))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        h = F.gelu(torch.einsum("blnd,lkn->bknd", x, self.w1.float()))
        y = torch.einsum("bknd,kn->bnd", h, self.w2.float())
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMRopeOnCompressed(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight, base=10000.0):
        super().__init__()
        self.l, self.d, self.P, self.base = l, d, P, base
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        D = y.shape[-1]
        idx = ((seq_lens.long() - self.l) // self.d).clamp(min=0).float()          # compressed position
        inv_freq = 1.0 / (self.base ** (torch.arange(0, D, 2, device=y.device).float() / D))
        ang = idx[:, None] * inv_freq[None, :]                                      # [B, D/2]
        cos, sin = ang.cos()[:, None, :], ang.sin()[:, None, :]
        y1, y2 = y[..., : D // 2], y[..., D // 2:]
        y = torch.cat([y1 * cos - y2 * sin, y2 * cos + y1 * sin], dim=-1)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMIntraBlockPosEmb(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())
        self.k_intrablock_pos = nn.Parameter(0.02 * torch.randn(l, weight.shape[1], 1))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float() + self.k_intrablock_pos.float()
        y = (x * self.weight.float()[None, :, :, None]).sum(1)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMNormalizedWeights(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        w = self.weight.float()
        w = w / w.sum(dim=0, keepdim=True)
        y = torch.einsum("blhd,lh->bhd", x, w)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMMaxPool(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens)
        y = x.amax(dim=1)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMSumInsteadOfMean(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens)
        y = x.float().sum(dim=1)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMReshapeInsteadOfTranspose(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.t().contiguous())             # stored [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        w = self.weight.float().reshape(self.l, -1)                       # bug: should be .t()
        y = torch.einsum("blhd,lh->bhd", x, w)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMStrictGreater(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        s = seq_lens.long()
        return self._write(cache, slot_mapping, (s > self.l) & ((s - self.l) % self.d == 0), y)


class NMNonOverlappingCondition(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        s = seq_lens.long()
        return self._write(cache, slot_mapping, (s > 0) & (s % self.l == 0), y)


class NMEveryStep(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        return self._write(cache, slot_mapping, seq_lens >= self.l, y)


class NMIndexAddAccumulate(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float()).to(cache.dtype)
        m = self._qual(seq_lens)
        cache.index_add_(0, slot_mapping.long(), torch.where(m[:, None, None], y, torch.zeros_like(y)))
        return cache


class NMDeltaUpdate(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float()).to(cache.dtype)
        m = self._qual(seq_lens)[:, None, None]
        slots = slot_mapping.long()
        old = cache[slots]
        cache[slots] = old + torch.where(m, y - old, torch.zeros_like(old))
        return cache


class NMBf16Intermediate(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float()).to(torch.bfloat16)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMReversedWeights(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        s = seq_lens.long()
        acc = torch.zeros_like(x[:, 0])
        for i in range(self.l):                      # i counts back from the newest token
            acc = acc + x[:, self.l - 1 - i] * self.weight[i].float()[None, :, None]
        return self._write(cache, slot_mapping, self._qual(s), acc)


class NMRMSNormAfter(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight, eps=1e-6):
        super().__init__()
        self.l, self.d, self.P, self.eps = l, d, P, eps
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        x = self._window(kv_pages, block_table, seq_lens).float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        y = y * torch.rsqrt(y.pow(2).mean(-1, keepdim=True) + self.eps)
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


class NMWrongPageOffset(nn.Module, _WindowMixin):
    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        # bug: page of the window start used for every position (no page crossing)
        first_page = block_table.long().gather(1, (pos[:, :1] // P))
        x = kv_pages[first_page.expand(-1, l), pos % P].float()
        y = torch.einsum("blhd,lh->bhd", x, self.weight.float())
        return self._write(cache, slot_mapping, self._qual(seq_lens), y)


# =====================================================================================================
# append variants: forward(kv_pages, new_token, slot_mapping, block_table, seq_lens, cache)
# =====================================================================================================


class AppendReshapeAndCache(nn.Module):
    """vLLM reshape_and_cache: slot = block*P + off into a flat view, then compress with einsum."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = kv_pages.shape[2:]
        s = seq_lens.long()
        bt = block_table.long()
        last = s - 1
        kv_slot = bt.gather(1, (last // P)[:, None]).squeeze(1) * P + last % P
        kv_flat = kv_pages.view(-1, N, D)
        kv_flat[kv_slot] = new_token
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_flat[bt.gather(1, pos // P) * P + pos % P]
        y = torch.einsum("blhd,lh->bhd", x.float(), self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class AppendIndexPut2D(nn.Module):
    """index_put_ of the new token with (page, offset), then a loop over window positions."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        rows = torch.arange(B, device=seq_lens.device)
        s = seq_lens.long()
        bt = block_table.long()
        kv_pages.index_put_((bt[rows, (s - 1) // P], (s - 1) % P), new_token)
        acc = torch.zeros(B, *kv_pages.shape[2:], dtype=torch.float32, device=kv_pages.device)
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            acc = acc + self.weight[j].float()[:, None] * kv_pages[bt[rows, p // P], p % P].float()
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(m[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class AppendFlatIndexCopy(nn.Module):
    """index_copy_ of the new token into kv_pages.flatten(0, 1); functional compressed-cache return."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.t().contiguous(), requires_grad=False)   # [N, l]

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.to(torch.int64)
        bt = block_table.to(torch.int64)
        tail = s - 1
        flat_kv = kv_pages.flatten(0, 1)
        flat_kv.index_copy_(0, bt.gather(1, (tail // P).unsqueeze(1)).squeeze(1) * P + tail % P, new_token)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = flat_kv[bt.gather(1, pos // P) * P + pos % P].float()
        y = torch.einsum("hl,blhd->bhd", self.weight.float(), x)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.to(torch.int64)
        out = cache.float().index_put((slots,), torch.where(m[:, None, None], y, cache[slots].float()))
        return out.to(cache.dtype)


class AppendScatterRows(nn.Module):
    """scatter_ of the new token into kv_pages.view(-1, N*D); window pooled via matmul."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone())

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        NB, _, N, D = kv_pages.shape
        s = seq_lens.long()
        bt = block_table.long()
        rows_kv = kv_pages.view(NB * P, N * D)
        dst = bt.gather(1, ((s - 1) // P)[:, None]) * P + ((s - 1) % P)[:, None]   # [B, 1]
        rows_kv.scatter_(0, dst.expand(B, N * D), new_token.reshape(B, N * D))
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[bt.gather(1, pos // P), pos % P].float().permute(0, 2, 1, 3)      # [B, N, l, D]
        y = torch.matmul(self.weight.float().t().unsqueeze(1), x).squeeze(2)          # [N,1,l]@[B,N,l,D]
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m[:, None, None], y.to(cache.dtype), cache[slots]))
        return cache


class AppendSetitemCurPage(nn.Module):
    """Setitem kv_pages[page, off] = new_token; window from current/previous page (l <= P)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        bt = block_table.long()
        cur = (s - 1) // P
        cur_page = bt.gather(1, cur[:, None]).squeeze(1)
        prev_page = bt.gather(1, (cur - 1).clamp(min=0)[:, None]).squeeze(1)
        kv_pages[cur_page, (s - 1) % P] = new_token
        pos = s[:, None] - l + torch.arange(l, device=s.device)
        page = torch.where(pos >= (cur * P)[:, None], cur_page[:, None], prev_page[:, None])
        x = kv_pages[page, pos % P]
        y = (x.float() * self.weight.float()[None, :, :, None]).sum(dim=1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        return cache


class NMAppendCompressBeforeWrite(nn.Module):
    """Compresses first, then stores the new token: the window misses the newest token."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        bt = block_table.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[bt.gather(1, pos // P), pos % P]
        y = torch.einsum("blhd,lh->bhd", x.float(), self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], y.to(cache.dtype), cache[slots])
        last = s - 1
        kv_pages[bt.gather(1, (last // P)[:, None]).squeeze(1), last % P] = new_token
        return cache


# =====================================================================================================
# registries
# =====================================================================================================

CASES = [
    # ---------------- fuse ----------------
    Case("vllm_gather_einsum_where", VllmPagedCompress, "fuse", "lN"),
    Case("ascend_golden_int32_advindex_mulsum", AscendGoldenAdvIndex, "fuse", "lN"),
    Case("flat_slot_matmul_index_copy", FlatSlotMatmul, "fuse", "lN"),
    Case("index_select_head_bmm_scatter", IndexSelectHeadBmm, "fuse", "Nl"),
    Case("take_loop_accumulate", TakeLoopAccumulate, "fuse", "lN"),
    Case("take_along_dim_tensordot_functional", TakeAlongDimTensordot, "fuse", "lN", functional=True),
    Case("cur_prev_page_where_einsum", CurPrevPageWhere, "fuse", "lN", configs=window_within_two_pages),
    Case("two_page_concat_linear", TwoPageConcatLinear, "fuse", "lN", configs=window_within_two_pages),
    Case("unfold_latest_window_matmul", UnfoldLatestWindow, "fuse", "lN"),
    Case("as_strided_windows_fp32", AsStridedWindowsFp32, "fuse", "lN", dtypes=FP32_ONLY),
    Case("whole_seq_gather_chunked_sum", WholeSeqGatherChunked, "fuse", "lN"),
    Case("upcast_all_copy_back", UpcastEverythingCopyBack, "fuse", "lN"),
    Case("functional_float_index_put", FunctionalFloatIndexPut, "fuse", "lN", functional=True),
    Case("fla_mean_pool", FlaMeanPool, "fuse", "none", configs=pow2_window),
    Case("avg_pool1d_mean", AvgPool1dCompress, "fuse", "none", configs=pow2_window),
    Case("mean_dtype_arg_int32", MeanDtypeArgInt32, "fuse", "none", configs=pow2_window),
    Case("sum_div_mean_index_copy", SumDivMeanIndexCopy, "fuse", "none", configs=pow2_window),
    Case("xunhao_weightedpool_count_mask", XunhaoWeightedPool, "fuse", "Nl"),
    Case("depthwise_conv1d_pool", DepthwiseConvPool, "fuse", "Nl"),
    Case("int32_everywhere_mulsum", Int32EverywhereMulSum, "fuse", "lN"),
    Case("addcmul_loop", AddcmulLoop, "fuse", "lN"),
    Case("flat_nd_scatter", FlatNDScatter, "fuse", "lN"),
    Case("per_head_matvec_loop_write", PerHeadMatvecLoopWrite, "fuse", "lN"),
    Case("ellipsis_einsum_index_put3", EllipsisEinsumIndexPut3, "fuse", "lN"),
    Case("batch_major_bmm", BatchMajorBmm, "fuse", "lN"),
    Case("functional_scatter", FunctionalScatter, "fuse", "lN", functional=True),
    Case("functional_index_copy_split_einsum", FunctionalIndexCopySplitEinsum, "fuse", "lN", functional=True),
    Case("functional_dense_where", FunctionalDenseWhere, "fuse", "lN", functional=True),
    Case("transposed_pages_indexing", TransposedPagesIndexing, "fuse", "lN"),
    Case("fp32_only_mulsum", Fp32OnlyMulSum, "fuse", "lN", dtypes=FP32_ONLY),
    Case("fp32_only_lastdim_reduce", Fp32OnlyLastDimReduce, "fuse", "Nl", dtypes=FP32_ONLY),
    Case("fp32_only_linear_per_head", Fp32OnlyLinearFlatten, "fuse", "Nl", dtypes=FP32_ONLY),
    Case("fp32_only_matmul_nl", Fp32OnlyMatmulNl, "fuse", "Nl", dtypes=FP32_ONLY),
    Case("loop_fp32_functional_copy", LoopFp32FunctionalCopy, "fuse", "lN", functional=True),
    Case("ascend_index_select_whole_seq", AscendIndexSelectWholeSeq, "fuse", "lN"),
    Case("float_mask_where", FloatMaskWhere, "fuse", "lN"),
    Case("skip_mask_complement", SkipMaskComplement, "fuse", "lN"),
    Case("compress_idx_times_stride", CompressIdxTimesStride, "fuse", "lN"),
    Case("buffer_offsets_einsum", BufferOffsetsEinsum, "fuse", "lN"),
    Case("buffer_iota_flat_take", BufferIotaFlatTake, "fuse", "lN"),
    Case("gather_flat_rows", GatherFlatRows, "fuse", "lN"),
    Case("nested_compressor_module", NestedCompressorModule, "fuse", "lN"),
    Case("matmul_operator_expand_weight", BfloatModelMatmulOperator, "fuse", "lN"),
    Case("tensordot_full_then_diag", TensordotFullThenDiag, "fuse", "lN"),
    Case("reverse_loop_from_end", ReverseLoopFromEnd, "fuse", "lN"),
    Case("cumsum_positions_index_select", CumsumPositionsIndexPutView, "fuse", "lN"),
    Case("start_page_crossing_loop", SplitPagesStackLoop, "fuse", "lN", configs=window_within_two_pages),
    Case("lucidrains_heads_first_sum", LucidrainsStyleRearrangeFree, "fuse", "Nl"),
    Case("deepseek_functional_clone_index_put", DeepseekStyleFunctionalNewZeros, "fuse", "lN", functional=True),
    Case("per_head_column_index_copy", SglangStyleMaskedIndexCopyPerHead, "fuse", "lN"),
    Case("minicpm_relu_count_mask", MinicpmStyleRemainderCount, "fuse", "lN"),
    Case("fp32_only_index_select_bmm", Fp32OnlyIndexSelectBmm, "fuse", "lN", dtypes=FP32_ONLY),
    Case("mul_type_promotion_sum", WeightedSumThenDivisionFree, "fuse", "lN"),
    # ---------------- no_fuse ----------------
    Case("nm_softmax_weights", NMSoftmaxWeights, "no_fuse", "lN",
         note="weight is softmax-normalised over the window axis before pooling"),
    Case("nm_sigmoid_gate", NMSigmoidGate, "no_fuse", "lN",
         note="pooled token multiplied by a learned per-head sigmoid gate"),
    Case("nm_bias", NMBias, "no_fuse", "lN",
         note="a learned per-head bias is added to the pooled token"),
    Case("nm_no_length_guard", NMNoLengthGuard, "no_fuse", "lN",
         note="condition lacks s >= l: short rows with (s - l) % d == 0 (e.g. s = l - d, s = 0) are written"),
    Case("nm_window_off_by_one", NMWindowOffByOne, "no_fuse", "lN",
         note="window is s-l-1 .. s-2 (newest token excluded, one older token included)"),
    Case("nm_half_accumulator_loop", NMHalfAccumulatorLoop, "no_fuse", "lN", dtypes=HALF_ONLY,
         note="products and running sum in the data dtype (fp16/bf16): rounding after every step"),
    Case("nm_half_products_float_sum", NMHalfProductsFloatSum, "no_fuse", "lN", dtypes=HALF_ONLY,
         note="products rounded to fp16/bf16 before the fp32 reduction (double rounding)"),
    Case("nm_writes_every_row", NMWritesEveryRow, "no_fuse", "lN",
         note="no qualification mask: non-qualifying batches overwrite their slot with a garbage window"),
    Case("nm_batch_index_as_slot", NMBatchIndexAsSlot, "no_fuse", "lN",
         note="reads and writes cache rows 0..B-1 (batch index) instead of slot_mapping[b]"),
    Case("nm_blend_mask", NMBlendMask, "no_fuse", "lN",
         note="write-back new*m + old*(1-m): NaN/Inf in the old row of a qualifying slot poisons the result"),
    Case("nm_attention_pooling", NMAttentionPooling, "no_fuse", "lN",
         note="softmax attention pooling: weights = softmax_j(weight + mean_D(x_j)), data dependent"),
    Case("nm_window_mlp", NMWindowMLP, "no_fuse", "none",
         note="two-layer GELU MLP over the window positions instead of a linear weighted sum"),
    Case("nm_rope_on_compressed", NMRopeOnCompressed, "no_fuse", "lN",
         note="rotary embedding at the compressed index applied after pooling (mixes pairs along D)"),
    Case("nm_intrablock_pos_emb", NMIntraBlockPosEmb, "no_fuse", "lN",
         note="learned intra-block position embedding added to every token before pooling"),
    Case("nm_normalized_weights", NMNormalizedWeights, "no_fuse", "lN",
         note="weights divided by their sum over the window axis"),
    Case("nm_max_pool", NMMaxPool, "no_fuse", "none",
         note="max pooling over the window instead of a weighted / mean sum"),
    Case("nm_sum_instead_of_mean", NMSumInsteadOfMean, "no_fuse", "none", configs=pow2_window,
         note="mean pooling missing the 1/l factor (plain sum)"),
    Case("nm_reshape_instead_of_transpose", NMReshapeInsteadOfTranspose, "no_fuse", "Nl",
         note="[N, l] weight reinterpreted with reshape(l, N) instead of transposed: weights scrambled"),
    Case("nm_strict_greater", NMStrictGreater, "no_fuse", "lN",
         note="condition s > l: the first window (s == l) is never written"),
    Case("nm_non_overlapping_condition", NMNonOverlappingCondition, "no_fuse", "lN", configs=stride_below_window,
         note="condition s % l == 0 (non-overlapping windows); differs from (s - l) % d == 0 when d < l"),
    Case("nm_every_step", NMEveryStep, "no_fuse", "lN",
         note="condition s >= l only: writes on every decode step, not only when a stride completes"),
    Case("nm_index_add_accumulate", NMIndexAddAccumulate, "no_fuse", "lN",
         note="index_add_ accumulates the new token onto the old row instead of overwriting it"),
    Case("nm_delta_update", NMDeltaUpdate, "no_fuse", "lN",
         note="old + (new - old) in the data dtype: rounding of the difference and NaN/Inf old rows"),
    Case("nm_bf16_intermediate", NMBf16Intermediate, "no_fuse", "lN", dtypes=(torch.float16, torch.float32),
         note="fp32 result rounded to bfloat16 before the cast to the cache dtype (double rounding)"),
    Case("nm_reversed_weights", NMReversedWeights, "no_fuse", "lN",
         note="weight row i applied to the i-th newest token (window order reversed)"),
    Case("nm_rmsnorm_after", NMRMSNormAfter, "no_fuse", "lN",
         note="RMS normalisation along D applied to the pooled token"),
    Case("nm_wrong_page_offset", NMWrongPageOffset, "no_fuse", "lN", configs=windows_can_cross_pages,
         note="every window position read from the page of the window start (page crossing ignored)"),
]

APPEND_CASES = [
    Case("append_reshape_and_cache_einsum", AppendReshapeAndCache, "fuse", "lN"),
    Case("append_index_put_loop", AppendIndexPut2D, "fuse", "lN"),
    Case("append_flat_index_copy_functional", AppendFlatIndexCopy, "fuse", "Nl", functional=True),
    Case("append_scatter_rows_matmul", AppendScatterRows, "fuse", "lN"),
    Case("append_setitem_cur_prev_page", AppendSetitemCurPage, "fuse", "lN", configs=window_within_two_pages),
    Case("nm_append_compress_before_write", NMAppendCompressBeforeWrite, "no_fuse", "lN",
         note="compresses before storing the new token: the window uses the stale token at s-1"),
]
