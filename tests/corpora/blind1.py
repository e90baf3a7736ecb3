"""Blind corpus: plain-PyTorch spellings of the NSA compressed-KV decode step.

Every module has the signature

    module(kv_pages, slot_mapping, block_table, seq_lens, cache) -> cache

(APPEND_CASES modules take an extra new_token argument, see the bottom of the file).  All of them are
vectorised over the batch: no Python loop over b, no .item()/.tolist()/nonzero/boolean-mask indexing.
Python loops over the window position j, over heads or over chunks are used where authors write them.

Case.configs (optional): a predicate (l, d, P) -> bool that says for which window/page settings the
case's own assumptions hold (e.g. l <= P for the two-page styles, power-of-two l for mean pooling).
Case.subtle: a near miss whose difference is only at the rounding level (see its note).
"""
from __future__ import annotations

import math
from typing import Callable, NamedTuple, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
ALL_DTYPES = (F16, BF16, F32)


class Case(NamedTuple):
    name: str
    factory: Callable   # factory(l, d, P, weight) -> torch.nn.Module
    expect: str         # "fuse" or "no_fuse"
    weight_layout: str  # "lN", "Nl" or "none"
    functional: bool = False
    dtypes: tuple = ALL_DTYPES
    note: str = ""
    configs: Optional[Callable] = None   # predicate (l, d, P) -> bool; None = any valid config
    subtle: bool = False


def l_le_P(l, d, P):
    return l <= P


def pow2_l(l, d, P):
    return l & (l - 1) == 0


def l_is_48(l, d, P):
    return l == 48


def l_multiple_of_16(l, d, P):
    return l % 16 == 0


# =====================================================================================================
# FUSE cases
# =====================================================================================================

class OpPluginGoldenCompress(nn.Module):
    """torch_npu op-plugin test golden, vectorised: upcast input/weight/cache, current/previous page split
    with torch.where, weight.unsqueeze(2) * last_kv, sum over the window, return cache.to(input dtype)."""

    def __init__(self, compress_block_size, compress_stride, page_block_size, weight):
        super().__init__()
        self.compress_block_size = compress_block_size
        self.compress_stride = compress_stride
        self.page_block_size = page_block_size
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, input, slot_mapping, block_table, actual_seq_len, cache):
        input_dtype = input.dtype
        input = input.to(torch.float32)
        weight = self.weight.to(torch.float32)
        cache = cache.to(torch.float32)
        cbs, stride, pbs = self.compress_block_size, self.compress_stride, self.page_block_size
        act = actual_seq_len.long()
        batch = torch.arange(act.shape[0], device=act.device)
        block_num = torch.div(act - 1, pbs, rounding_mode="floor").clamp_min(0)
        tile_act_seq_len = act - block_num * pbs
        j = torch.arange(cbs, device=act.device)
        off = tile_act_seq_len[:, None] - cbs + j[None, :]          # < 0 -> previous page
        use_pre = off < 0
        cur_block_idx = block_table[batch, block_num]
        pre_block_idx = block_table[batch, (block_num - 1).clamp_min(0)]
        blk = torch.where(use_pre, pre_block_idx[:, None], cur_block_idx[:, None])
        in_blk = torch.where(use_pre, off + pbs, off)
        last_kv = input[blk.long(), in_blk]                          # [B, l, N, D]
        weight_last_kv = last_kv * weight.unsqueeze(2)
        compress_last_kv = weight_last_kv.sum(dim=1)
        ok = (act >= cbs) & ((act - cbs) % stride == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(ok[:, None, None], compress_last_kv, cache[slots])
        return cache.to(input_dtype)


class VllmPagedCompressor(nn.Module):
    """vLLM-style: token slots = block_number * block_size + offset on a flat view, einsum bjhd,jh->bhd."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.compress_block_size = l
        self.compress_stride = d
        self.block_size = P
        self.compress_weight = nn.Parameter(weight.detach().clone(), requires_grad=False)
        self.register_buffer("_win_offsets", torch.arange(l, dtype=torch.long), persistent=False)

    def forward(self, kv_cache, slot_mapping, block_tables, seq_lens, compressed_kv_cache):
        l = self.compress_block_size
        num_heads, head_dim = kv_cache.shape[-2:]
        positions = seq_lens[:, None].long() - l + self._win_offsets[None, :]
        positions = positions.clamp(min=0)
        block_numbers = block_tables.gather(1, positions // self.block_size)
        token_slots = block_numbers.long() * self.block_size + positions % self.block_size
        window = kv_cache.view(-1, num_heads, head_dim)[token_slots]            # [B, l, H, D]
        compressed = torch.einsum("bjhd,jh->bhd", window.float(), self.compress_weight.float())
        should_write = (seq_lens >= l) & ((seq_lens - l) % self.compress_stride == 0)
        dst = slot_mapping.long()
        compressed_kv_cache[dst] = torch.where(
            should_write[:, None, None], compressed.to(compressed_kv_cache.dtype), compressed_kv_cache[dst])
        return compressed_kv_cache


class SglangIndexSelectCompressor(nn.Module):
    """SGLang-ish: clamp the window start, index_select on kv.flatten(0, 1), mul+sum, index_copy_."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.kernel_size, self.kernel_stride, self.page_size = l, d, P
        self.register_buffer("weight", weight.detach().clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.size(0)
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        k, P = self.kernel_size, self.page_size
        start = (seq_lens.to(torch.int64) - k).clamp_min(0)
        token_idx = start.unsqueeze(1) + torch.arange(k, device=seq_lens.device)
        page = torch.gather(block_table.to(torch.int64), 1, token_idx // P)
        flat = page * P + token_idx % P
        window = torch.index_select(kv_pages.flatten(0, 1), 0, flat.reshape(-1)).view(B, k, N, D)
        pooled = (window.float() * self.weight.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
        should = torch.logical_and(seq_lens >= k, torch.remainder(seq_lens - k, self.kernel_stride) == 0)
        dst = slot_mapping.to(torch.int64)
        cache.index_copy_(0, dst, torch.where(should.view(-1, 1, 1), pooled, cache.index_select(0, dst)))
        return cache


class AdvancedIndexLoopCompressor(nn.Module):
    """block_table[arange(B)[:, None], pos // P] then kv_pages[page, pos % P]; relu for negative positions;
    fp32 accumulation loop over j; ~(a | b) mask; index_put_."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.w = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = block_table.shape[0]
        N, D = kv_pages.shape[-2:]
        rows = torch.arange(B, device=kv_pages.device)[:, None]
        pos = torch.relu(seq_lens[:, None] - self.l + torch.arange(self.l, device=kv_pages.device))
        pages = block_table[rows, pos // self.P].long()
        win = kv_pages[pages, pos % self.P]                                   # [B, l, N, D]
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=kv_pages.device)
        for j in range(self.l):
            acc = acc + self.w[j].float()[None, :, None] * win[:, j].float()
        skip = (seq_lens < self.l) | ((seq_lens - self.l) % self.d != 0)
        m = ~skip
        idx = slot_mapping.long()
        cache.index_put_((idx,), torch.where(m[:, None, None], acc.to(cache.dtype), cache[idx]))
        return cache


class HeadMajorEinsumInt32(nn.Module):
    """Weight stored head-major [N, l]; all index math kept in int32; window transposed to [B, N, l, D];
    einsum bhjd,hj->bhd; where() for negative positions; fmod mask; setitem with int32 slots."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.block_len, self.stride, self.page = l, d, P
        self.weight = nn.Parameter(weight.detach().t().contiguous(), requires_grad=False)   # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l = self.block_len
        B = seq_lens.shape[0]
        idx = torch.arange(l, dtype=torch.int32, device=seq_lens.device)
        pos = seq_lens[:, None] - l + idx
        pos = torch.where(pos < 0, torch.zeros_like(pos), pos)
        rows = torch.arange(B, dtype=torch.int32, device=seq_lens.device)[:, None]
        page_ids = block_table[rows, pos // self.page]
        win = kv_pages[page_ids, pos % self.page].transpose(1, 2)           # [B, N, l, D]
        out = torch.einsum("bhjd,hj->bhd", win.to(torch.float32), self.weight.to(torch.float32))
        ready = (seq_lens - l >= 0) & (torch.fmod(seq_lens - l, self.stride) == 0)
        cache[slot_mapping] = torch.where(ready[:, None, None], out.to(cache.dtype), cache[slot_mapping])
        return cache


class MatmulScatterCompressor(nn.Module):
    """positions = s + arange(-l, 0); [B, N, D, l] @ [N, l, 1]; write with scatter_."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.cmp_len, self.cmp_stride, self.page_size = l, d, P
        self.cmp_weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.cmp_len, self.page_size
        N, D = kv_pages.shape[2:]
        pos = (seq_lens.long()[:, None] + torch.arange(-l, 0, device=seq_lens.device)).clamp(min=0)
        blocks = block_table.long().gather(1, pos // P)
        window = kv_pages.reshape(-1, N, D)[blocks * P + pos % P]              # [B, l, N, D]
        w = self.cmp_weight.float().t().unsqueeze(-1)                           # [N, l, 1]
        pooled = (window.float().permute(0, 2, 3, 1) @ w).squeeze(-1)           # [B, N, D]
        emit = ((seq_lens - l) % self.cmp_stride == 0) & ~(seq_lens < l)
        dst = slot_mapping.long()
        rows = torch.where(emit[:, None, None], pooled.to(cache.dtype), cache[dst])
        cache.scatter_(0, dst[:, None, None].expand(-1, N, D), rows)
        return cache


class BmmPageSelectCompressor(nn.Module):
    """index_select whole pages per window token, pick the in-page offset, bmm per head."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        l, P = self.l, self.P
        start = (seq_lens.long() - l).clamp(min=0)
        pos = start[:, None] + torch.arange(l, device=seq_lens.device)
        page_ids = block_table.long().gather(1, pos // P)
        pages = kv_pages.index_select(0, page_ids.reshape(-1))                  # [B*l, P, N, D]
        tokens = pages[torch.arange(B * l, device=pages.device), (pos % P).reshape(-1)]
        x = tokens.view(B, l, N, D).permute(2, 0, 3, 1).reshape(N, B * D, l).float()
        y = torch.bmm(x, self.weight.float().t().unsqueeze(-1))                 # [N, B*D, 1]
        pooled = y.view(N, B, D).transpose(0, 1)
        ok = torch.logical_and(seq_lens >= l, (seq_lens - l).remainder(self.d).eq(0))
        cur = cache[slot_mapping]
        cache.index_put_((slot_mapping,), torch.where(ok[:, None, None], pooled.to(cache.dtype), cur))
        return cache


class TensordotPerHead(nn.Module):
    """arange(l)[None] + (s - l)[:, None]; clamp_min; loop over heads with tensordot over the window."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.window, self.step, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B, (N, D) = seq_lens.shape[0], kv_pages.shape[2:]
        l = self.window
        s = seq_lens.to(torch.int64)
        pos = torch.arange(l, device=s.device)[None, :] + (s - l)[:, None]
        pos = torch.clamp_min(pos, 0)
        page = block_table[torch.arange(B, device=s.device)[:, None], pos // self.P].to(torch.int64)
        win = kv_pages.flatten(0, 1)[page * self.P + pos % self.P].float()     # [B, l, N, D]
        w = self.weight.float()
        heads = [torch.tensordot(win[:, :, h, :], w[:, h], dims=([1], [0])) for h in range(N)]
        pooled = torch.stack(heads, dim=1)                                      # [B, N, D]
        fire = (s >= l) & ((s - l) % self.step == 0)
        dst = slot_mapping.to(torch.int64)
        cache[dst] = torch.where(fire.view(B, 1, 1), pooled.to(cache.dtype), cache[dst])
        return cache


class ChunkedSumCompressor(nn.Module):
    """Pool the window in chunks of 16 tokens (as a tiled kernel would) and add the fp32 partials."""

    def __init__(self, l, d, P, weight, chunk=16):
        super().__init__()
        self.l, self.d, self.P, self.chunk = l, d, P, chunk
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long().unsqueeze(-1) - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        pg = torch.gather(block_table.long(), 1, pos // P)
        win = kv_pages.view(-1, N, D)[pg * P + pos % P]
        total = None
        for xs, ws in zip(win.split(self.chunk, dim=1), self.weight.split(self.chunk, dim=0)):
            part = (xs.float() * ws.float()[None, :, :, None]).sum(dim=1)
            total = part if total is None else total + part
        valid = (seq_lens >= l) & ((seq_lens - l) % self.d == 0)
        idx = slot_mapping.long()
        cache[idx] = torch.where(valid[:, None, None], total.to(cache.dtype), cache[idx])
        return cache


class MeanPoolCompressor(nn.Module):
    """fla / MiniCPM-style mean pooling of the last window (compression without learned weights)."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.block_size, self.stride, self.page_size = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        bs, st, P = self.block_size, self.stride, self.page_size
        N, D = kv_pages.shape[-2:]
        t = seq_lens.long()[:, None] - bs + torch.arange(bs, device=seq_lens.device)[None]
        t = t.clamp(min=0)
        phys = block_table.gather(1, t // P).long() * P + t % P
        k_win = kv_pages.reshape(-1, N, D)[phys]
        k_cmp = k_win.float().mean(dim=1)
        is_new = (seq_lens >= bs) & ((seq_lens - bs) % st == 0)
        sl = slot_mapping.long()
        cache[sl] = torch.where(is_new[:, None, None], k_cmp.to(cache.dtype), cache[sl])
        return cache


class SumScaleMeanCompressor(nn.Module):
    """Mean pooling written as sum(1) * (1 / l), whole-tensor fp32 copies of kv and cache."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.scale = 1.0 / l

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        dtype = cache.dtype
        kv = kv_pages.float()
        c = cache.float()
        N, D = kv.shape[-2:]
        B = seq_lens.shape[0]
        pos = torch.arange(self.l, device=kv.device).expand(B, -1) + (seq_lens.long() - self.l).clamp(min=0)[:, None]
        page = block_table.long()[torch.arange(B, device=kv.device)[:, None], pos // self.P]
        win = kv[page, pos % self.P]
        cmp = win.sum(1) * self.scale
        m = (seq_lens >= self.l) & (torch.remainder(seq_lens - self.l, self.d) == 0)
        idx = slot_mapping.long()
        c[idx] = torch.where(m[:, None, None], cmp, c[idx])
        cache.copy_(c.to(dtype))
        return cache


class AvgPool1dSequenceCompressor(nn.Module):
    """Gather the whole sequence, F.avg_pool1d(kernel=l, stride=d) over it (training-style compression of
    every window), then pick window (s - l) // d for each row."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.kernel_size, self.stride, self.P = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        seq = kv_pages[block_table.long()].flatten(1, 2)                     # [B, T, N, D]
        T = seq.shape[1]
        x = seq.float().permute(0, 2, 3, 1).reshape(B, N * D, T)
        pooled = F.avg_pool1d(x, kernel_size=self.kernel_size, stride=self.stride)   # [B, N*D, W]
        n_win = pooled.shape[-1]
        w_idx = torch.div(seq_lens.long() - self.kernel_size, self.stride, rounding_mode="floor")
        w_idx = w_idx.clamp(0, n_win - 1)
        cur = pooled.gather(2, w_idx.view(B, 1, 1).expand(B, N * D, 1)).view(B, N, D)
        take = (seq_lens >= self.kernel_size) & ((seq_lens - self.kernel_size) % self.stride == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(take[:, None, None], cur.to(cache.dtype), cache[dst])
        return cache


class UnfoldWindowsCompressor(nn.Module):
    """Whole-sequence gather + Tensor.unfold(1, l, d) (all windows), pick the last complete window;
    weight kept head-major [N, l] to match unfold's trailing window axis."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.w_hl = nn.Parameter(weight.detach().t().contiguous(), requires_grad=False)   # [N, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = block_table.shape[0]
        seq = kv_pages[block_table.long()]                                     # [B, M, P, N, D]
        seq = seq.reshape(B, -1, seq.shape[-2], seq.shape[-1])
        windows = seq.unfold(1, self.l, self.d)                                 # [B, W, N, D, l]
        w_idx = ((seq_lens.long() - self.l) // self.d).clamp(0, windows.shape[1] - 1)
        win = windows[torch.arange(B, device=seq.device), w_idx]                # [B, N, D, l]
        pooled = (win.float() * self.w_hl.float()[None, :, None, :]).sum(-1)
        new = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache.index_copy_(0, dst, torch.where(new[:, None, None], pooled.to(cache.dtype), cache[dst]))
        return cache


class AsStridedWindowsCompressor(nn.Module):
    """Whole-sequence gather, as_strided view of all (l, d) windows, window (s - l) // d selected."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = block_table.shape[0]
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        seq = kv_pages[block_table.long()].reshape(B, -1, N, D).contiguous()
        T = seq.shape[1]
        n_win = (T - self.l) // self.d + 1
        windows = seq.as_strided((B, n_win, self.l, N, D), (T * N * D, self.d * N * D, N * D, D, 1))
        w_idx = torch.clamp((seq_lens.long() - self.l) // self.d, 0, n_win - 1)
        win = windows[torch.arange(B, device=seq.device), w_idx]                # [B, l, N, D]
        pooled = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        m = (seq_lens - self.l >= 0) & ((seq_lens - self.l) % self.d == 0)
        sm = slot_mapping.long()
        cache[sm] = torch.where(m[:, None, None], pooled.to(cache.dtype), cache[sm])
        return cache


class SequenceGatherDim1Compressor(nn.Module):
    """Gather all of a sequence's pages, then torch.gather the window positions along the token axis."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d = l, d
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B, M = block_table.shape
        P, N, D = kv_pages.shape[1:]
        seq = kv_pages.index_select(0, block_table.reshape(-1).long()).view(B, M * P, N, D)
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l, device=seq.device)).clamp(min=0)
        win = seq.gather(1, pos[:, :, None, None].expand(-1, -1, N, D))
        pooled = (win.float() * self.weight.float().unsqueeze(-1)).sum(1)
        keep = (seq_lens < self.l) | ((seq_lens - self.l) % self.d != 0)
        idx = slot_mapping.long()
        cache[idx] = torch.where(keep[:, None, None], cache[idx], pooled.to(cache.dtype))
        return cache


class DepthwiseConvWindowCompressor(nn.Module):
    """Depthwise conv1d (groups = N * D, kernel = the head's window weights) over the gathered window."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long() - self.l)[:, None] + torch.arange(self.l, device=kv_pages.device)
        pos = pos.clamp(min=0)
        page = torch.gather(block_table, 1, pos // self.P).long()
        win = kv_pages[page, pos % self.P]                                       # [B, l, N, D]
        x = win.float().permute(0, 2, 3, 1).reshape(B, N * D, self.l)
        k = self.weight.float().t().repeat_interleave(D, dim=0).unsqueeze(1)     # [N*D, 1, l]
        y = F.conv1d(x, k, groups=N * D).view(B, N, D)
        do = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache.index_put_((dst,), torch.where(do[:, None, None], y.to(cache.dtype), cache[dst]))
        return cache


class StridedConvSequenceCompressor(nn.Module):
    """conv1d(kernel l, stride d, depthwise) over the whole gathered sequence = all compressed tokens;
    the row's newest one is picked by gather."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.kernel, self.stride = l, d
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = block_table.shape[0]
        N, D = kv_pages.shape[-2:]
        seq = kv_pages[block_table.long()].flatten(1, 2).float()                # [B, T, N, D]
        x = seq.permute(0, 2, 3, 1).flatten(1, 2)                               # [B, N*D, T]
        k = self.weight.float().t().repeat_interleave(D, dim=0)[:, None, :]
        all_cmp = F.conv1d(x, k, stride=self.stride, groups=N * D)             # [B, N*D, W]
        last = ((seq_lens.long() - self.kernel) // self.stride).clamp(0, all_cmp.shape[-1] - 1)
        newest = all_cmp.gather(-1, last[:, None, None].expand(-1, N * D, 1)).reshape(B, N, D)
        done = (seq_lens >= self.kernel) & ((seq_lens - self.kernel) % self.stride == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(done[:, None, None], newest.to(cache.dtype), cache[dst])
        return cache


class TwoPageConcatCompressor(nn.Module):
    """Vendor-limit style (l <= P): the window lies in at most two pages; concatenate [first, next] page
    and gather the window at offset start % P."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        M = block_table.shape[1]
        N, D = kv_pages.shape[-2:]
        start = (seq_lens.long() - l).clamp_min(0)
        first = start // P
        bt = block_table.long()
        pg0 = bt.gather(1, first[:, None]).squeeze(1)
        pg1 = bt.gather(1, (first + 1).clamp(max=M - 1)[:, None]).squeeze(1)
        two = torch.cat([kv_pages[pg0], kv_pages[pg1]], dim=1)                  # [B, 2P, N, D]
        idx = (start % P)[:, None] + torch.arange(l, device=two.device)
        win = two.gather(1, idx[:, :, None, None].expand(-1, -1, N, D))
        pooled = torch.einsum("jh,bjhd->bhd", self.weight.float(), win.float())
        ok = (seq_lens >= l) & ((seq_lens - l) % self.d == 0)
        sm = slot_mapping.long()
        cache[sm] = torch.where(ok.view(-1, 1, 1), pooled.to(cache.dtype), cache[sm])
        return cache


class PerTokenGatherLoop(nn.Module):
    """Reference-like: loop over the window, each step gathers one token per row and accumulates fp32."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N = kv_pages.shape[2]
        rows = torch.arange(B, device=kv_pages.device)
        s = seq_lens.long()
        w32 = self.weight.float()
        acc = None
        for j in range(self.l):
            p = (s - self.l + j).clamp(min=0)
            page = block_table[rows, p // self.P].long()
            tok = kv_pages[page, p % self.P].float()                             # [B, N, D]
            term = tok * w32[j].view(1, N, 1)
            acc = term if acc is None else acc + term
        hit = (s >= self.l) & ((s - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(hit[:, None, None], acc.to(cache.dtype), cache[dst])
        return cache


class BitOpsPageCompressor(nn.Module):
    """Power-of-two page size: page = pos >> log2(P), offset = pos & (P - 1)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        assert P & (P - 1) == 0
        self.l, self.d = l, d
        self.page_shift, self.page_mask = P.bit_length() - 1, P - 1
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = seq_lens.long()[:, None] - self.l + torch.arange(self.l, device=seq_lens.device)
        pos = pos.clamp(min=0)
        phys = block_table.long().gather(1, pos >> self.page_shift)
        flat = (phys << self.page_shift) | (pos & self.page_mask)
        win = kv_pages.view(-1, N, D)[flat]
        pooled = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        go = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(go[:, None, None], pooled.to(cache.dtype), cache[dst])
        return cache


class Fp32NativeMulSum(nn.Module):
    """Research code that never upcasts (exact only for fp32 data)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        cmp = (win * self.weight[None, :, :, None]).sum(dim=1)
        m = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        i = slot_mapping.long()
        cache.index_put_((i,), torch.where(m[:, None, None], cmp, cache[i]))
        return cache


class Fp32NativeEinsum(nn.Module):
    """Never upcasts; einsum with the weight first: jh,bjhd->bhd (fp32 only)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        pos = torch.arange(self.l)[None, :] + (seq_lens - self.l)[:, None]
        pos = pos.clamp_min(0)
        win = kv_pages[block_table[torch.arange(B)[:, None], pos // self.P], pos % self.P]
        out = torch.einsum("jh,bjhd->bhd", self.weight, win)
        sel = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        cache[slot_mapping] = torch.where(sel[:, None, None], out, cache[slot_mapping])
        return cache


class Fp32NativeMatmul(nn.Module):
    """Never upcasts; weight as a [N, 1, l] row per head times [B, N, l, D] (fp32 only)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = torch.relu(seq_lens.long()[:, None] - self.l + torch.arange(self.l))
        pages = torch.gather(block_table.long(), 1, pos // self.P)
        win = kv_pages.reshape(-1, N, D)[pages * self.P + pos % self.P].transpose(1, 2)   # [B, N, l, D]
        out = torch.matmul(self.weight.t()[None, :, None, :], win).squeeze(2)            # [B, N, D]
        fire = torch.logical_and(seq_lens >= self.l, (seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache.index_copy_(0, dst, torch.where(fire[:, None, None], out, cache[dst]))
        return cache


class FunctionalIndexCopy(nn.Module):
    """Out-of-place: returns cache.index_copy(0, slots, rows)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = (s[:, None] - self.l + torch.arange(self.l, device=s.device)).clamp(min=0)
        flat = block_table.gather(1, pos // self.P).long() * self.P + pos % self.P
        win = kv_pages.view(-1, N, D)[flat]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        emit = (s >= self.l) & ((s - self.l) % self.d == 0)
        dst = slot_mapping.long()
        rows = torch.where(emit[:, None, None], new, cache.index_select(0, dst))
        return cache.index_copy(0, dst, rows)


class FunctionalSlotMaskWhere(nn.Module):
    """Out-of-place: scatter the per-row emit flags into a per-slot mask and torch.where over the cache."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        B = seq_lens.shape[0]
        pos = (seq_lens[:, None] - self.l + torch.arange(self.l, device=seq_lens.device)).clamp(min=0)
        win = kv_pages[block_table[torch.arange(B, device=pos.device)[:, None], pos // self.P].long(),
                       pos % self.P]
        new = (win.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        emit = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        slot_hit = torch.zeros(cache.shape[0], dtype=torch.bool, device=cache.device).scatter(0, dst, emit)
        written = cache.index_copy(0, dst, new)
        return torch.where(slot_hit[:, None, None], written, cache)


class FunctionalIndexPut(nn.Module):
    """Out-of-place torch.index_put with a bmm pooling."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long() - self.l).clamp(min=0)[:, None] + torch.arange(self.l)
        win = kv_pages.flatten(0, 1)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        x = win.float().permute(0, 2, 3, 1).reshape(B * N, D, self.l)
        w = self.weight.float().t().unsqueeze(-1).repeat(B, 1, 1)                 # [B*N, l, 1]
        new = torch.bmm(x, w).view(B, N, D).to(cache.dtype)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        return torch.index_put(cache, (dst,), torch.where(ok[:, None, None], new, cache[dst]))


class FunctionalCloneSetitem(nn.Module):
    """Out-of-place: out = cache.clone(); out[slots] = where(...); return out."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        pages = block_table.gather(1, pos.long() // self.P)
        win = kv_pages[pages.long(), pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        out = cache.clone()
        m = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        out[slot_mapping.long()] = torch.where(m[:, None, None], new.to(out.dtype), out[slot_mapping.long()])
        return out


class FunctionalPaddedDummyRow(nn.Module):
    """Out-of-place: append a scratch row, send non-emitting rows to it, index_copy_, drop the scratch row."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        S = cache.shape[0]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = (win.float() * self.weight.float()[:, :, None]).sum(1).to(cache.dtype)
        emit = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = torch.where(emit, slot_mapping.long(), torch.full_like(slot_mapping, S, dtype=torch.long))
        padded = torch.cat([cache, cache.new_zeros(1, N, D)], dim=0)
        padded[dst] = new
        return padded[:S]


class WholeUpcastCopyBack(nn.Module):
    """Upcast kv and cache wholesale, work in fp32, round the cache back with cache.copy_."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        kv = kv_pages.float()
        c = cache.float()
        w = self.weight.float()
        N, D = kv.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv.reshape(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win, w)
        emit = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        c.index_put_((dst,), torch.where(emit[:, None, None], new, c[dst]))
        cache.copy_(c)
        return cache


class Fp32WeightBuffer(nn.Module):
    """The module keeps its weight as an fp32 buffer made at load time (exact: it came from the data dtype)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.register_buffer("w32", weight.detach().to(torch.float32))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        B = seq_lens.shape[0]
        s = seq_lens.long()
        pos = torch.clamp(s.view(B, 1) - self.l + torch.arange(self.l).view(1, -1), min=0)
        bidx = block_table.long()[torch.arange(B).view(B, 1), pos // self.P]
        win = kv_pages[bidx, pos % self.P].to(torch.float32)
        new = (win * self.w32.view(1, self.l, N, 1)).sum(dim=1)
        ok = (s >= self.l) & ((s - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok.view(B, 1, 1), new.to(cache.dtype), cache[dst])
        return cache


class TypeAsCompressor(nn.Module):
    """.type(torch.float32) upcasts and .type_as(cache) downcast."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.type(torch.int64).unsqueeze(1) - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.type(torch.int64).gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.type(torch.float32), self.weight.type(torch.float32)).type_as(cache)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.type(torch.int64)
        cache[dst] = torch.where(ok[:, None, None], new, cache[dst])
        return cache


class ReversedPositionsFlippedWeight(nn.Module):
    """Walks the window backwards from the newest token (p = s-1-k) with the weight flipped to match."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        back = torch.arange(self.l, device=seq_lens.device)
        pos = seq_lens.long()[:, None] - 1 - back[None, :]                        # s-1, s-2, ..., s-l
        pos = torch.maximum(pos, torch.zeros_like(pos))
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        w_rev = self.weight.flip(0)
        new = (win.float() * w_rev.float()[None, :, :, None]).sum(1)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class HeadMajorWindowEinsum(nn.Module):
    """Window permuted to [B, N, l, D]; einsum bnld,ln->bnd with the [l, N] weight."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        pos = (seq_lens[:, None].long() + torch.arange(self.l) - self.l).clamp(min=0)
        page = block_table[torch.arange(B)[:, None], torch.div(pos, self.P, rounding_mode="floor")]
        win = kv_pages[page.long(), torch.remainder(pos, self.P)].permute(0, 2, 1, 3)
        new = torch.einsum("bnld,ln->bnd", win.float(), self.weight.float())
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class WeightFirstHeadMajorEinsum(nn.Module):
    """Weight stored [N, l]; einsum hj,bjhd->bhd."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.cmp_w = nn.Parameter(weight.detach().t().contiguous(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.reshape(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("hj,bjhd->bhd", self.cmp_w.float(), win.float())
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache.index_copy_(0, dst, torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst]))
        return cache


class PromotionOnlyWeight(nn.Module):
    """Only the window is upcast; the fp16/bf16 weight is promoted by the multiplication."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.sum(win.float() * self.weight[..., None], dim=1)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class MethodChainMask(nn.Module):
    """Mask spelled with methods: s.ge(l).logical_and(s.sub(l).remainder(d).eq(0))."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = s.unsqueeze(1).sub(self.l).add(torch.arange(self.l)).clamp_min(0)
        pg = block_table.long().gather(1, pos.div(self.P, rounding_mode="floor"))
        win = kv_pages.view(-1, N, D).index_select(0, pg.mul(self.P).add(pos.remainder(self.P)).flatten())
        win = win.view(-1, self.l, N, D)
        new = win.float().mul(self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(1)
        emit = s.ge(self.l).logical_and(s.sub(self.l).remainder(self.d).eq(0))
        dst = slot_mapping.long()
        cache.index_put_((dst,), new.to(cache.dtype).where(emit[:, None, None], cache.index_select(0, dst)))
        return cache


class IntProductMask(nn.Module):
    """Mask as a product of 0/1 ints, turned back into bool."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        full = (seq_lens >= self.l).int()
        aligned = ((seq_lens - self.l) % self.d == 0).int()
        emit = (full * aligned).bool()
        dst = slot_mapping.long()
        cache[dst] = torch.where(emit[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class CompressedLengthDelta(nn.Module):
    """Decode bookkeeping style: a compressed token is emitted when the number of compressed tokens
    (0 if s < l else (s - l) // d + 1) grows from length s-1 to s."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def num_compressed(self, x):
        return torch.where(x >= self.l, torch.div(x - self.l, self.d, rounding_mode="floor") + 1,
                           torch.zeros_like(x))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        emit = self.num_compressed(s) > self.num_compressed(s - 1)
        start = (s - self.l).clamp(min=0)
        pos = start[:, None] + torch.arange(self.l)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        dst = slot_mapping.long()
        cache[dst] = torch.where(emit[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class Int32IndexPut(nn.Module):
    """int32 slots and positions throughout, index_put_ with int32 indices."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)
        self.register_buffer("j", torch.arange(l, dtype=torch.int32), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        pos = (seq_lens.unsqueeze(1) - self.l + self.j).clamp(min=0)            # int32
        b = torch.arange(B, dtype=torch.int32).unsqueeze(1)
        win = kv_pages[block_table[b, pos // self.P], pos % self.P]
        new = (win.float() * self.weight.float()[None, :, :, None]).sum(1)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        cache.index_put_((slot_mapping,), torch.where(ok[:, None, None], new.to(cache.dtype), cache[slot_mapping]),
                         accumulate=False)
        return cache


class FlatRowsIndexCopy(nn.Module):
    """Writes through a 2-D [num_slots, N*D] view of the cache with index_copy_."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype).reshape(B, N * D)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        flat = cache.view(cache.shape[0], N * D)
        dst = slot_mapping.long()
        flat.index_copy_(0, dst, torch.where(ok[:, None], new, flat[dst]))
        return cache


class FullTableGatherAdvIndex(nn.Module):
    """kv_pages[block_table] -> [B, M*P, N, D]; window by seq[arange(B)[:, None], pos]."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B, M = block_table.shape
        N, D = kv_pages.shape[-2:]
        seq = kv_pages[block_table.long()].view(B, M * self.P, N, D)
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = seq[torch.arange(B)[:, None], pos]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class VecdotCompressor(nn.Module):
    """torch.linalg.vecdot over the window axis."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.linalg.vecdot(win.float(), self.weight.float()[None, :, :, None], dim=1)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class LinearPerHead(nn.Module):
    """F.linear per head with the head's [1, l] row of weights over [B, D, l] token features."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        x = win.float().permute(0, 2, 3, 1)                                       # [B, N, D, l]
        w = self.weight.float()
        new = torch.stack([F.linear(x[:, h], w[:, h].unsqueeze(0)).squeeze(-1) for h in range(N)], dim=1)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class WrapNegativePositions(nn.Module):
    """Negative positions (rows that will not be written) wrapped with % T instead of clamped."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        T = block_table.shape[1] * self.P
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)) % T
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class TokenWherePageSplit(nn.Module):
    """Op-plugin golden variant (l <= P): read the token from both the current and the previous page and
    pick with torch.where on the token values."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        l, P = self.l, self.P
        s = seq_lens.long()
        rows = torch.arange(B)
        cur_no = ((s - 1) // P).clamp(min=0)
        in_cur = s - cur_no * P
        bt_cur = block_table[rows, cur_no].long()
        bt_prev = block_table[rows, (cur_no - 1).clamp(min=0)].long()
        off = in_cur[:, None] - l + torch.arange(l)
        from_prev = off < 0
        cur_tok = kv_pages[bt_cur[:, None], off.clamp(min=0)]
        prev_tok = kv_pages[bt_prev[:, None], (off + P).clamp(max=P - 1)]
        tok = torch.where(from_prev[:, :, None, None], prev_tok, cur_tok)
        new = (tok.float() * self.weight.float()[None, :, :, None]).sum(dim=1)
        ok = (s >= l) & ((s - l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class PreUnsqueezedWeight(nn.Module):
    """Weight parameter stored as [l, N, 1] so it broadcasts over head_dim directly."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone().unsqueeze(-1), requires_grad=False)   # [l, N, 1]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = (win.to(torch.float32) * self.weight.to(torch.float32)).sum(-3)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class FunctionalFloatCacheEinsumBDH(nn.Module):
    """Functional fp32 working copy: einsum bjhd,jh->bdh then transpose, cache.float() -> write -> .to()."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        dtype = cache.dtype
        work = cache.to(torch.float32, copy=True)
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,jh->bdh", win.float(), self.weight.float()).transpose(1, 2)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        work[dst] = torch.where(ok[:, None, None], new, work[dst])
        return work.to(dtype)


class UniformWeightEinsumMean(nn.Module):
    """Mean pooling via an explicit uniform 1/l vector and einsum bjhd,j->bhd."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.register_buffer("uniform", torch.full((l,), 1.0 / l), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        new = torch.einsum("bjhd,j->bhd", win.float(), self.uniform)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class AddcmulLoop(nn.Module):
    """fp32 accumulator updated with torch.addcmul per window position."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        w = self.weight.float()
        acc = torch.zeros(B, N, D, dtype=torch.float32)
        for j in range(self.l):
            acc = torch.addcmul(acc, win[:, j].float(), w[j][None, :, None])
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], acc.to(cache.dtype), cache[dst])
        return cache


class TakeAlongDimCompressor(nn.Module):
    """Whole-sequence gather then torch.take_along_dim with a broadcast [B, l, 1, 1] index."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        seq = kv_pages[block_table.long()].flatten(1, 2)
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = torch.take_along_dim(seq, pos[:, :, None, None], dim=1)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class MovedimFlattenMatmul(nn.Module):
    """movedim the window to [B, N, D, l], flatten heads*dim, (B, N*D, l) @ per-channel weight."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        pos = (seq_lens.long()[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages.flatten(0, 1)[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        x = win.float().movedim(1, -1)                                            # [B, N, D, l]
        w = self.weight.float().t().unsqueeze(1).expand(N, D, self.l)             # [N, D, l]
        new = (x * w).sum(-1)
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok.reshape(B, 1, 1), new.to(cache.dtype), cache[dst])
        return cache


class Fp32NativeLoopScatter(nn.Module):
    """fp32-only research loop: acc += w[j] * kv_pages[page, off] without casts; scatter_ write."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        r = torch.arange(B)
        acc = torch.zeros(B, N, D, dtype=kv_pages.dtype)
        for j in range(self.l):
            p = torch.clamp(seq_lens - self.l + j, min=0)
            acc = acc + self.weight[j][None, :, None] * kv_pages[block_table[r, p // self.P], p % self.P]
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        idx = slot_mapping.long()[:, None, None].expand(B, N, D)
        cache.scatter_(0, idx, torch.where(ok[:, None, None], acc, cache.gather(0, idx)))
        return cache


# =====================================================================================================
# NEAR MISSES (different math)
# =====================================================================================================

def _window(kv_pages, block_table, seq_lens, l, P, shift=0):
    """Shared vLLM-like window gather used by several near misses: positions s-l+shift .. s-1+shift."""
    N, D = kv_pages.shape[-2:]
    T = block_table.shape[1] * P
    pos = (seq_lens.long()[:, None] - l + shift + torch.arange(l)).clamp(0, T - 1)
    return kv_pages.view(-1, N, D)[block_table.long().gather(1, pos // P) * P + pos % P]


def _emit(seq_lens, l, d):
    return (seq_lens >= l) & ((seq_lens - l) % d == 0)


class NMSigmoidGate(nn.Module):
    """Gated compression: the pooled token is scaled by sigmoid(mean of the window) per head."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P).float()
        gate = torch.sigmoid(win.mean(dim=(1, 3)))[:, :, None]                   # [B, N, 1]
        new = gate * torch.einsum("bjhd,jh->bhd", win, self.weight.float())
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMBias(nn.Module):
    """Pooling plus a per-head bias (bias initialised to the mean weight of the head, non-zero)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)
        self.bias = nn.Parameter(weight.detach().float().mean(0) + 0.5, requires_grad=False)   # [N]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()) + self.bias[None, :, None]
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMSoftmaxWeights(nn.Module):
    """Weights softmax-normalised over the window before pooling."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        w = torch.softmax(self.weight.float(), dim=0)
        new = (win.float() * w[None, :, :, None]).sum(1)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMAttentionPool(nn.Module):
    """Attention pooling: logits = weight + <token, window mean>/sqrt(D), softmax over the window."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P).float()   # [B, l, N, D]
        q = win.mean(1, keepdim=True)
        logits = (win * q).sum(-1) / math.sqrt(win.shape[-1]) + self.weight.float()[None]
        a = torch.softmax(logits, dim=1)                                          # [B, l, N]
        new = (a[..., None] * win).sum(1)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMMLPPool(nn.Module):
    """Two-layer MLP over the window axis (l -> l hidden with GELU -> 1), first layer seeded from weight."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        g = torch.Generator().manual_seed(1234)
        self.w1 = nn.Parameter(torch.eye(l) + 0.1 * torch.randn(l, l, generator=g), requires_grad=False)
        self.w2 = nn.Parameter(weight.detach().float().clone(), requires_grad=False)    # [l, N]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P).float()
        h = F.gelu(torch.einsum("bjhd,jk->bkhd", win, self.w1))
        new = torch.einsum("bkhd,kh->bhd", h, self.w2)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMRopeOnCompressed(nn.Module):
    """Rotary embedding applied to the compressed key at compressed position (s - l) // d: mixes pairs
    along D."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        D = new.shape[-1]
        cpos = ((seq_lens.long() - self.l) // self.d).clamp(min=0).float() + 1.0
        inv = 1.0 / (10000 ** (torch.arange(0, D, 2).float() / D))
        ang = cpos[:, None] * inv[None]                                           # [B, D/2]
        cos, sin = ang.cos()[:, None, :], ang.sin()[:, None, :]
        x1, x2 = new[..., : D // 2], new[..., D // 2:]
        new = torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMPreviousLengthCondition(nn.Module):
    """Window condition evaluated on the pre-append length: (s - 1 - l) % d == 0 and s - 1 >= l, i.e. fires
    when (s - l) % d == 1; the window itself is still the last l tokens."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        prev = seq_lens - 1
        ok = (prev >= self.l) & ((prev - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMStrictGreater(nn.Module):
    """Condition s > l instead of s >= l (misses the very first window)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = (win.float() * self.weight.float()[None, :, :, None]).sum(1)
        ok = (seq_lens > self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMNoStrideCondition(nn.Module):
    """Writes at every step once s >= l (ignores the stride d)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        ok = seq_lens >= self.l
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMWindowOffByOne(nn.Module):
    """Window positions s-l-1 .. s-2 (one token too early; clamped at 0)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P, shift=-1)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMHalfPrecisionProducts(nn.Module):
    """Products w * x formed in fp16/bf16 (each product rounded to the data dtype) before the sum."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = (win * self.weight[None, :, :, None]).float().sum(1)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMHalfPrecisionAccumulate(nn.Module):
    """Loop over j accumulating in the data dtype (fp16/bf16 rounding after every step)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        acc = torch.zeros_like(win[:, 0])
        for j in range(self.l):
            acc = acc + self.weight[j][None, :, None] * win[:, j]
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], acc, cache[dst])
        return cache


class NMChunkPartialsRounded(nn.Module):
    """Chunked pooling whose 16-token fp32 partial sums are rounded to the data dtype before being added."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        parts = [(x.float() * w.float()[None, :, :, None]).sum(1).to(cache.dtype)
                 for x, w in zip(win.split(16, 1), self.weight.split(16, 0))]
        total = parts[0].float()
        for p in parts[1:]:
            total = total + p.float()
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], total.to(cache.dtype), cache[dst])
        return cache


class NMMeanNonPow2(nn.Module):
    """Mean pooling with l = 48: x.sum / 48 is exact-division, while the op with weight = 1/48 rounds the
    weight to the data dtype first; results differ in the last bit for a large fraction of elements."""

    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l, self.d, self.P = l, d, P

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = win.float().mean(1)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMWriteAllRows(nn.Module):
    """Writes the pooled value of every batch row, qualifying or not."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        cache[slot_mapping.long()] = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        return cache


class NMKeepReadsOtherRow(nn.Module):
    """Keep branch reads the slot of the neighbouring batch row (slot_mapping.roll(1))."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new, cache[dst.roll(1)])
        return cache


class NMBatchIndexRows(nn.Module):
    """Writes to cache rows 0..B-1 (batch index) instead of slot_mapping[b]."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        ok = _emit(seq_lens, self.l, self.d)
        rows = torch.arange(seq_lens.shape[0])
        cache[rows] = torch.where(ok[:, None, None], new, cache[rows])
        return cache


class NMArithmeticBlend(nn.Module):
    """0/1 blend new * m + old * (1 - m): NaN/Inf in the old row leak into written and kept rows."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        m = _emit(seq_lens, self.l, self.d).to(cache.dtype)[:, None, None]
        dst = slot_mapping.long()
        cache[dst] = new * m + cache[dst] * (1 - m)
        return cache


class NMReversedWeight(nn.Module):
    """Window/weight orientation bug: weight row j applied to token s-1-j."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float().flip(1), self.weight.float())
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMRMSNormTokens(nn.Module):
    """RMS-normalises every window token over D before the weighted pooling."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P).float()
        win = win * torch.rsqrt(win.pow(2).mean(-1, keepdim=True) + 1e-6)
        new = torch.einsum("bjhd,jh->bhd", win, self.weight.float())
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMSinglePageAssumption(nn.Module):
    """Assumes the window lies in the page of the newest token: page = block_table[b, (s-1)//P] for all j,
    in-page offset (p % P); wrong whenever the window crosses a page boundary."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        s = seq_lens.long()
        page = block_table.long()[torch.arange(B), ((s - 1) // self.P).clamp(min=0)]
        pos = (s[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_pages[page[:, None], pos % self.P]
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float())
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMIntraBlockPosEmb(nn.Module):
    """Adds an intra-block positional embedding (per window position and head) to the tokens before
    pooling (lucidrains-style compression)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)
        self.pos_emb = nn.Parameter(0.25 * weight.detach().float().flip(0).unsqueeze(-1), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P).float() + self.pos_emb[None]
        new = torch.einsum("bjhd,jh->bhd", win, self.weight.float())
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMSumNormalisedWeights(nn.Module):
    """Weights renormalised by their sum over the window (w / sum_j w) -- a weighted mean."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        w = self.weight.float()
        w = w / w.sum(0, keepdim=True)
        new = torch.einsum("bjhd,jh->bhd", win.float(), w)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


class NMShiftedSlots(nn.Module):
    """1-based slot bookkeeping bug: writes to slot_mapping[b] + 1 (mod num_slots)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        ok = _emit(seq_lens, self.l, self.d)
        dst = (slot_mapping.long() + 1) % cache.shape[0]
        cache[dst] = torch.where(ok[:, None, None], new, cache[dst])
        return cache


class NMBf16IntermediateRounding(nn.Module):
    """Upcasts the window but rounds the pooled fp32 result through bf16 before storing (for fp16 and fp32
    caches this is a double rounding / precision loss)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        win = _window(kv_pages, block_table, seq_lens, self.l, self.P)
        new = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(torch.bfloat16)
        ok = _emit(seq_lens, self.l, self.d)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], new.to(cache.dtype), cache[dst])
        return cache


# =====================================================================================================
# APPEND cases: forward(kv_pages, new_token[B, N, D], slot_mapping, block_table, seq_lens, cache);
# seq_lens already counts the new token, which goes to position seq_lens[b] - 1; then compress.
# =====================================================================================================

class AppendReshapeAndCacheThenCompress(nn.Module):
    """vLLM reshape_and_cache-style write (flat slot = page*P + off, index_copy_ on a flat view), then the
    flat-view window gather + einsum."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        last = s - 1
        kv_flat = kv_pages.view(-1, N, D)
        new_slot = block_table.long().gather(1, (last // self.P)[:, None]).squeeze(1) * self.P + last % self.P
        kv_flat.index_copy_(0, new_slot, new_token)
        pos = (s[:, None] - self.l + torch.arange(self.l)).clamp(min=0)
        win = kv_flat[block_table.long().gather(1, pos // self.P) * self.P + pos % self.P]
        cmp = torch.einsum("bjhd,jh->bhd", win.float(), self.weight.float()).to(cache.dtype)
        ok = (s >= self.l) & ((s - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], cmp, cache[dst])
        return cache


class AppendIndexPutPageOffset(nn.Module):
    """kv_pages.index_put_((page, offset), new_token) on the 4-D cache, then op-plugin page-split pooling."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        rows = torch.arange(B)
        act = seq_lens.long()
        page = block_table[rows, (act - 1) // self.P].long()
        kv_pages.index_put_((page, (act - 1) % self.P), new_token)
        pos = torch.relu(act[:, None] - self.l + torch.arange(self.l))
        win = kv_pages[block_table[rows[:, None], pos // self.P].long(), pos % self.P]
        cmp = (win.float() * self.weight.float().unsqueeze(2)).sum(1)
        ok = (act >= self.l) & ((act - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache.index_copy_(0, dst, torch.where(ok[:, None, None], cmp.to(cache.dtype), cache[dst]))
        return cache


class AppendSetitemLoopPool(nn.Module):
    """kv_pages[page, off] = new_token (setitem), then an fp32 loop over the window."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        r = torch.arange(B)
        p_new = seq_lens.long() - 1
        kv_pages[block_table[r, p_new // self.P].long(), p_new % self.P] = new_token
        w = self.weight.float()
        acc = None
        for j in range(self.l):
            p = (seq_lens.long() - self.l + j).clamp(min=0)
            t = kv_pages[block_table[r, p // self.P].long(), p % self.P].float() * w[j][None, :, None]
            acc = t if acc is None else acc + t
        ok = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], acc.to(cache.dtype), cache[dst])
        return cache


class AppendScatterFlatThenUnfold(nn.Module):
    """New token written with scatter_ on a [num_blocks*P, N*D] view, then whole-sequence unfold windows."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        flat = kv_pages.view(-1, N * D)
        pg = block_table.long().gather(1, ((s - 1) // self.P).unsqueeze(1)).squeeze(1)
        tok_slot = pg * self.P + (s - 1) % self.P
        flat.scatter_(0, tok_slot[:, None].expand(B, N * D), new_token.reshape(B, N * D))
        seq = kv_pages[block_table.long()].flatten(1, 2)
        windows = seq.unfold(1, self.l, self.d)                                  # [B, W, N, D, l]
        widx = ((s - self.l) // self.d).clamp(0, windows.shape[1] - 1)
        win = windows[torch.arange(B), widx]
        cmp = torch.einsum("bhdj,jh->bhd", win.float(), self.weight.float())
        ok = (s >= self.l) & ((s - self.l) % self.d == 0)
        dst = slot_mapping.long()
        cache[dst] = torch.where(ok[:, None, None], cmp.to(cache.dtype), cache[dst])
        return cache


# =====================================================================================================
# Case lists
# =====================================================================================================

def _mk(cls):
    return lambda l, d, P, weight: cls(l, d, P, weight)


HALF = (F16, BF16)
FP32 = (F32,)

CASES: list[Case] = [
    # ---------------- fuse ----------------
    Case("oppl_golden_pagesplit_functional", _mk(OpPluginGoldenCompress), "fuse", "lN", functional=True,
         dtypes=HALF, configs=l_le_P,
         note="for fp32 data cache.to(float32) is the argument itself (the golden then mutates it), so only "
              "fp16/bf16 are listed for the functional contract"),
    Case("vllm_flat_slots_einsum", _mk(VllmPagedCompressor), "fuse", "lN"),
    Case("sglang_index_select_mulsum_index_copy", _mk(SglangIndexSelectCompressor), "fuse", "lN"),
    Case("advidx_relu_loop_index_put", _mk(AdvancedIndexLoopCompressor), "fuse", "lN"),
    Case("headmajor_int32_einsum_bhjd", _mk(HeadMajorEinsumInt32), "fuse", "Nl"),
    Case("matmul_arange_neg_scatter", _mk(MatmulScatterCompressor), "fuse", "lN"),
    Case("bmm_page_index_select", _mk(BmmPageSelectCompressor), "fuse", "lN"),
    Case("tensordot_per_head", _mk(TensordotPerHead), "fuse", "lN"),
    Case("chunked_sum_16", _mk(ChunkedSumCompressor), "fuse", "lN", configs=l_multiple_of_16),
    Case("mean_pool", _mk(MeanPoolCompressor), "fuse", "none", configs=pow2_l),
    Case("mean_sum_times_inv_l_whole_upcast", _mk(SumScaleMeanCompressor), "fuse", "none", configs=pow2_l),
    Case("mean_avg_pool1d_sequence", _mk(AvgPool1dSequenceCompressor), "fuse", "none", configs=pow2_l),
    Case("unfold_windows_headmajor", _mk(UnfoldWindowsCompressor), "fuse", "Nl"),
    Case("as_strided_windows", _mk(AsStridedWindowsCompressor), "fuse", "lN"),
    Case("sequence_gather_dim1", _mk(SequenceGatherDim1Compressor), "fuse", "lN"),
    Case("depthwise_conv1d_window", _mk(DepthwiseConvWindowCompressor), "fuse", "lN"),
    Case("strided_conv1d_sequence", _mk(StridedConvSequenceCompressor), "fuse", "lN"),
    Case("two_page_concat", _mk(TwoPageConcatCompressor), "fuse", "lN", configs=l_le_P),
    Case("per_token_gather_loop", _mk(PerTokenGatherLoop), "fuse", "lN"),
    Case("bitops_page_math", _mk(BitOpsPageCompressor), "fuse", "lN"),
    Case("fp32_native_mulsum", _mk(Fp32NativeMulSum), "fuse", "lN", dtypes=FP32),
    Case("fp32_native_einsum_weight_first", _mk(Fp32NativeEinsum), "fuse", "lN", dtypes=FP32),
    Case("fp32_native_matmul", _mk(Fp32NativeMatmul), "fuse", "lN", dtypes=FP32),
    Case("functional_index_copy", _mk(FunctionalIndexCopy), "fuse", "lN", functional=True),
    Case("functional_slot_mask_where", _mk(FunctionalSlotMaskWhere), "fuse", "lN", functional=True),
    Case("functional_index_put_bmm", _mk(FunctionalIndexPut), "fuse", "lN", functional=True),
    Case("functional_clone_setitem", _mk(FunctionalCloneSetitem), "fuse", "lN", functional=True),
    Case("functional_padded_dummy_row", _mk(FunctionalPaddedDummyRow), "fuse", "lN", functional=True),
    Case("whole_upcast_copy_back", _mk(WholeUpcastCopyBack), "fuse", "lN"),
    Case("fp32_weight_buffer", _mk(Fp32WeightBuffer), "fuse", "lN"),
    Case("type_as_casts", _mk(TypeAsCompressor), "fuse", "lN"),
    Case("reversed_positions_flipped_weight", _mk(ReversedPositionsFlippedWeight), "fuse", "lN"),
    Case("einsum_bnld_ln", _mk(HeadMajorWindowEinsum), "fuse", "lN"),
    Case("einsum_hj_bjhd_weight_Nl", _mk(WeightFirstHeadMajorEinsum), "fuse", "Nl"),
    Case("promotion_only_weight", _mk(PromotionOnlyWeight), "fuse", "lN"),
    Case("method_chain_mask", _mk(MethodChainMask), "fuse", "lN"),
    Case("int_product_mask", _mk(IntProductMask), "fuse", "lN"),
    Case("compressed_length_delta", _mk(CompressedLengthDelta), "fuse", "lN"),
    Case("int32_index_put", _mk(Int32IndexPut), "fuse", "lN"),
    Case("flat_rows_index_copy", _mk(FlatRowsIndexCopy), "fuse", "lN"),
    Case("full_table_gather_advidx", _mk(FullTableGatherAdvIndex), "fuse", "lN"),
    Case("linalg_vecdot", _mk(VecdotCompressor), "fuse", "lN"),
    Case("linear_per_head", _mk(LinearPerHead), "fuse", "lN"),
    Case("wrap_negative_positions", _mk(WrapNegativePositions), "fuse", "lN"),
    Case("token_where_page_split", _mk(TokenWherePageSplit), "fuse", "lN", configs=l_le_P),
    Case("pre_unsqueezed_weight", _mk(PreUnsqueezedWeight), "fuse", "lN"),
    Case("functional_float_cache_einsum_bdh", _mk(FunctionalFloatCacheEinsumBDH), "fuse", "lN", functional=True),
    Case("mean_uniform_einsum", _mk(UniformWeightEinsumMean), "fuse", "none", configs=pow2_l),
    Case("addcmul_loop", _mk(AddcmulLoop), "fuse", "lN"),
    Case("take_along_dim", _mk(TakeAlongDimCompressor), "fuse", "lN"),
    Case("movedim_expand_mulsum", _mk(MovedimFlattenMatmul), "fuse", "lN"),
    Case("fp32_native_loop_scatter", _mk(Fp32NativeLoopScatter), "fuse", "lN", dtypes=FP32),
    # ---------------- no_fuse ----------------
    Case("nm_sigmoid_gate", _mk(NMSigmoidGate), "no_fuse", "lN",
         note="pooled token multiplied by sigmoid(mean of the window) per head (data-dependent gate)"),
    Case("nm_bias", _mk(NMBias), "no_fuse", "lN", note="adds a non-zero per-head bias after pooling"),
    Case("nm_softmax_weights", _mk(NMSoftmaxWeights), "no_fuse", "lN",
         note="weights softmax-normalised over the window before use"),
    Case("nm_attention_pool", _mk(NMAttentionPool), "no_fuse", "lN",
         note="pooling weights are a softmax of weight + data-dependent scores"),
    Case("nm_mlp_pool", _mk(NMMLPPool), "no_fuse", "lN",
         note="GELU MLP over the window axis (nonlinear), not a single weighted sum"),
    Case("nm_rope_on_compressed", _mk(NMRopeOnCompressed), "no_fuse", "lN",
         note="rotary rotation of the pooled token along D (mixes D pairs)"),
    Case("nm_previous_length_condition", _mk(NMPreviousLengthCondition), "no_fuse", "lN",
         note="fires when (s - l) % d == 1 (condition on s - 1) instead of (s - l) % d == 0"),
    Case("nm_strict_greater", _mk(NMStrictGreater), "no_fuse", "lN",
         note="s > l instead of s >= l: the row with s == l is not written"),
    Case("nm_no_stride_condition", _mk(NMNoStrideCondition), "no_fuse", "lN",
         note="writes whenever s >= l, ignoring (s - l) % d == 0"),
    Case("nm_window_off_by_one", _mk(NMWindowOffByOne), "no_fuse", "lN",
         note="window positions s-l-1 .. s-2 instead of s-l .. s-1"),
    Case("nm_half_precision_products", _mk(NMHalfPrecisionProducts), "no_fuse", "lN", dtypes=HALF,
         note="w * x computed in fp16/bf16 (each product rounded) before the fp32 sum"),
    Case("nm_half_precision_accumulate", _mk(NMHalfPrecisionAccumulate), "no_fuse", "lN", dtypes=HALF,
         note="accumulates in fp16/bf16, rounding after every window position"),
    Case("nm_chunk_partials_rounded", _mk(NMChunkPartialsRounded), "no_fuse", "lN", dtypes=HALF,
         configs=lambda l, d, P: l % 16 == 0 and l > 16,
         note="16-token partial sums rounded to fp16/bf16 before adding (several roundings)"),
    Case("nm_mean_l48", _mk(NMMeanNonPow2), "no_fuse", "none", configs=l_is_48, subtle=True,
         note="mean with l = 48: sum/48 vs the op's fp(1/48) weight (1/48 not representable); differs only "
              "in the last bit, but for a large fraction of elements"),
    Case("nm_write_all_rows", _mk(NMWriteAllRows), "no_fuse", "lN",
         note="writes non-qualifying rows too"),
    Case("nm_keep_reads_other_row", _mk(NMKeepReadsOtherRow), "no_fuse", "lN",
         note="keep branch copies the cache row of another batch (slot_mapping.roll(1))"),
    Case("nm_batch_index_rows", _mk(NMBatchIndexRows), "no_fuse", "lN",
         note="writes to cache[b] instead of cache[slot_mapping[b]]"),
    Case("nm_arithmetic_blend", _mk(NMArithmeticBlend), "no_fuse", "lN",
         note="new*m + old*(1-m): NaN/Inf in old rows propagate (NaN*0), -0.0 becomes +0.0"),
    Case("nm_reversed_weight", _mk(NMReversedWeight), "no_fuse", "lN",
         note="weight[j] applied to token s-1-j (window flipped)"),
    Case("nm_rmsnorm_tokens", _mk(NMRMSNormTokens), "no_fuse", "lN",
         note="tokens RMS-normalised over D before pooling"),
    Case("nm_single_page_assumption", _mk(NMSinglePageAssumption), "no_fuse", "lN",
         note="uses the newest token's page for every window position (wrong across page boundaries)"),
    Case("nm_intrablock_pos_emb", _mk(NMIntraBlockPosEmb), "no_fuse", "lN",
         note="adds a per-(position, head) embedding to the tokens before pooling"),
    Case("nm_sum_normalised_weights", _mk(NMSumNormalisedWeights), "no_fuse", "lN",
         note="weights divided by their sum over the window"),
    Case("nm_shifted_slots", _mk(NMShiftedSlots), "no_fuse", "lN",
         note="writes to slot_mapping[b] + 1 (mod num_slots)"),
    Case("nm_bf16_intermediate_rounding", _mk(NMBf16IntermediateRounding), "no_fuse", "lN", dtypes=(F16, F32),
         note="fp32 sum rounded through bfloat16 before being stored in an fp16/fp32 cache"),
]

APPEND_CASES: list[Case] = [
    Case("append_reshape_and_cache_einsum", _mk(AppendReshapeAndCacheThenCompress), "fuse", "lN"),
    Case("append_index_put_page_offset", _mk(AppendIndexPutPageOffset), "fuse", "lN"),
    Case("append_setitem_loop", _mk(AppendSetitemLoopPool), "fuse", "lN"),
    Case("append_scatter_flat_unfold", _mk(AppendScatterFlatThenUnfold), "fuse", "lN"),
]
