"""Blind corpus #3: NSA decode-time KV compression (compress-infer step), written without seeing the library.

Every module takes the paged KV cache (``kv_pages`` [num_blocks, P, N, D]), a per-batch slot of the
compressed cache (``slot_mapping`` [B]), the paged block table ([B, max_pages]) and the current
sequence lengths ([B]); when a sequence has just completed a compression window (s >= l and
(s - l) % d == 0) the last l tokens are pooled with a per-head weight (or a mean) in fp32 and
written, rounded once, into ``cache[slot_mapping[b]]``.

The styles imitate the way NSA implementations are written in the wild: vLLM / SGLang paged
attention helpers, DeepSeek-style reference kernels, HF transformers ports, Ascend op-plugin golden
functions and research code.  "fuse" cases compute the contract exactly; "no_fuse" cases are
realistic near misses (bugs or different designs).
"""
import math
from typing import Callable, NamedTuple, Optional
import torch
import torch.nn as nn
import torch.nn.functional as F


class Case(NamedTuple):
    name: str
    factory: Callable   # factory(l, d, P, weight) -> torch.nn.Module ; weight is always given as [l, N]
    expect: str         # "fuse" (computes the contract exactly) or "no_fuse" (a near miss: different math)
    weight_layout: str  # "lN" (module uses weight as [l, N]), "Nl" (module stores weight.t() [N, l] itself), "none" (mean pooling)
    functional: bool = False   # True: forward returns a NEW cache tensor and does not mutate its cache argument
    dtypes: tuple = (torch.float16, torch.bfloat16, torch.float32)
    note: str = ""
    configs: Optional[Callable] = None   # predicate configs(l, d, P) -> bool restricting which (l, d, P) the case supports


HALF_ONLY = (torch.float16, torch.bfloat16)


# ----------------------------------------------------------------------------------------------
# base classes
# ----------------------------------------------------------------------------------------------
class _Compressor(nn.Module):
    """Holds the compression hyper-parameters and the [l, N] pooling weight."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.block_size = l
        self.stride = d
        self.page_size = P
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)


class _CompressorNl(nn.Module):
    """Stores the compression weight head-major, as [num_heads, block_size]."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.compress_block_size = l
        self.compress_stride = d
        self.page_size = P
        self.compress_weight = nn.Parameter(weight.detach().t().contiguous().clone(), requires_grad=False)


class _MeanCompressor(nn.Module):
    def __init__(self, l, d, P, weight=None):
        super().__init__()
        self.l = l
        self.d = d
        self.P = P


# ----------------------------------------------------------------------------------------------
# fuse cases
# ----------------------------------------------------------------------------------------------
class VllmGatherMulSum(_Compressor):
    """vLLM-style: gather page ids with block_table.gather, then kv[pages, offsets]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        seq_lens = seq_lens.long()
        offs = torch.arange(l, device=kv_pages.device)
        pos = (seq_lens[:, None] - l + offs[None, :]).clamp(min=0)              # [B, l]
        pages = block_table.long().gather(1, pos // P)                           # [B, l]
        tokens = kv_pages[pages, pos % P]                                        # [B, l, N, D]
        w = self.weight.float()[None, :, :, None]
        compressed = (tokens.float() * w).sum(dim=1)                             # [B, N, D]
        should = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        old = cache[slot_mapping]
        cache[slot_mapping] = torch.where(should[:, None, None], compressed.to(cache.dtype), old)
        return cache


class AdvIndexEinsumBjnd(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.to(torch.int64)
        pos = s.unsqueeze(1) + torch.arange(-l, 0, device=s.device).unsqueeze(0)
        pos = torch.clamp(pos, min=0)
        batch_idx = torch.arange(B, device=s.device).unsqueeze(1)
        page_ids = block_table[batch_idx, pos // P].to(torch.int64)
        kv = kv_pages[page_ids, pos % P]
        out = torch.einsum("bjnd,jn->bnd", kv.float(), self.weight.float())
        is_boundary = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.to(torch.int64)
        new_rows = torch.where(is_boundary.view(-1, 1, 1), out.to(cache.dtype), cache[slots])
        cache.index_put_((slots,), new_rows)
        return cache


class FlatViewEinsumJnFirst(_Compressor):
    """Flatten the paged pool into a token pool and index with page * P + offset."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        num_blocks, _, N, D = kv_pages.shape
        token_pool = kv_pages.view(-1, N, D)
        s = seq_lens.long()
        start = s - l
        idx = start[:, None] + torch.arange(l, device=s.device)
        idx = torch.where(idx < 0, torch.zeros_like(idx), idx)
        phys = block_table.long().gather(1, torch.div(idx, P, rounding_mode="floor")) * P + idx % P
        x = token_pool[phys].float()                                              # [B, l, N, D]
        y = torch.einsum("jn,bjnd->bnd", self.weight.float(), x)
        ok = (start >= 0) & (torch.remainder(start, d) == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(ok[:, None, None], y.to(cache.dtype), cache.index_select(0, slots)))
        return cache


class FlattenIndexSelectMatmul(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        N, D = kv_pages.shape[-2], kv_pages.shape[-1]
        B = seq_lens.shape[0]
        lens = seq_lens.to(torch.long)
        t = lens.view(B, 1) - l + torch.arange(l, device=lens.device).view(1, l)
        t = t.clamp_min(0)
        blk = torch.gather(block_table.to(torch.long), 1, t // P)
        flat_idx = (blk * P + t % P).reshape(-1)
        win = kv_pages.flatten(0, 1).index_select(0, flat_idx).view(B, l, N, D)
        # [B, N, D, l] @ [1, N, l, 1] -> [B, N, D, 1]
        pooled = torch.matmul(win.permute(0, 2, 3, 1).float(), self.weight.t().float()[None, :, :, None]).squeeze(-1)
        need = (lens >= l) & ((lens - l) % d == 0)
        slots = slot_mapping.long()
        src = torch.where(need[:, None, None], pooled.to(cache.dtype), cache[slots])
        cache.scatter_(0, slots[:, None, None].expand(B, N, D), src)
        return cache


class NlWeightBmmFunctional(_CompressorNl):
    """Head-major weight, per-(batch, head) bmm; returns a fresh cache."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        page = block_table.long().gather(1, pos // P)
        tok = kv_pages[page, pos % P].float()                                     # [B, l, N, D]
        lhs = tok.permute(0, 2, 3, 1).reshape(B * N, D, l)
        rhs = self.compress_weight.float().unsqueeze(0).expand(B, N, l).reshape(B * N, l, 1)
        comp = torch.bmm(lhs, rhs).view(B, N, D)
        flag = (s >= l) & ((s - l) % d == 0)
        out = cache.clone()
        slots = slot_mapping.long()
        out[slots] = torch.where(flag[:, None, None], comp.to(out.dtype), out[slots])
        return out


class TakeAlongDimLoopJ(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        sl = seq_lens.long()
        pos = torch.clamp(sl[:, None] - l + torch.arange(l, device=sl.device)[None], min=0)
        pages = torch.take_along_dim(block_table.long(), pos // P, dim=1)
        offsets = pos % P
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=kv_pages.device)
        for j in range(l):
            tok_j = kv_pages[pages[:, j], offsets[:, j]]                           # [B, N, D]
            acc = acc + self.weight[j].float()[None, :, None] * tok_j.float()
        m = (sl >= l) & ((sl - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m[:, None, None], acc.to(cache.dtype), cache[slots]), accumulate=False)
        return cache


class UpcastKvFirstEinsum(_Compressor):
    """Golden-style: upcast the whole pool and cache, compute everything in fp32, copy back once."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        kv32 = kv_pages.float()
        cache32 = cache.float()
        s = seq_lens.long()
        pos = (s.unsqueeze(-1) - l + torch.arange(l, device=s.device)).clamp(0)
        pg = block_table.long().gather(-1, pos // P)
        x = kv32[pg, pos % P]
        y = torch.einsum("bjnd,jn->bnd", x, self.weight.float())
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache32[slots] = torch.where(valid[:, None, None], y, cache32[slots])
        cache.copy_(cache32)
        return cache


class CurPrevPageWhere(_Compressor):
    """Window of l <= P tokens spans at most the current and the previous page."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.long()
        bt = block_table.long()
        last = (s - 1).clamp(min=0) // P
        cur_page = bt.gather(1, last[:, None])                                     # [B, 1]
        prev_page = bt.gather(1, (last - 1).clamp(min=0)[:, None])                 # [B, 1]
        pos = (s[:, None] - l + torch.arange(l, device=s.device)[None, :]).clamp(min=0)
        on_cur = (pos // P) == last[:, None]
        page = torch.where(on_cur, cur_page, prev_page)
        win = kv_pages[page, pos % P].float()
        comp = (win * self.weight.float()[None, :, :, None]).sum(1)
        write = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(write[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class UnfoldWindows(_Compressor):
    """Research code: materialise the sequence, unfold into all stride-d windows, pick the newest one."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[-2:]
        seq = kv_pages[block_table.long()].reshape(B, max_pages * P, N, D)
        windows = seq.unfold(1, l, d)                                              # [B, nwin, N, D, l]
        nwin = windows.shape[1]
        s = seq_lens.long()
        widx = torch.div(s - l, d, rounding_mode="floor").clamp(0, nwin - 1)
        win = windows[torch.arange(B, device=s.device), widx]                      # [B, N, D, l]
        comp = (win.float() * self.weight.t().float()[None, :, None, :]).sum(-1)
        emit = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(emit[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class AsStridedWindows(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[-2:]
        T = max_pages * P
        seq = kv_pages.index_select(0, block_table.reshape(-1).long()).view(B, T, N, D).contiguous()
        nwin = (T - l) // d + 1
        windows = seq.as_strided((B, nwin, l, N, D), (T * N * D, d * N * D, N * D, D, 1))
        s = seq_lens.long()
        k = ((s - l) // d).clamp(min=0, max=nwin - 1)
        win = windows[torch.arange(B, device=s.device), k].float()                 # [B, l, N, D]
        comp = torch.einsum("blnd,ln->bnd", win, self.weight.float())
        emit = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(emit[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class FullSeqGatherLastL(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = block_table.shape[0]
        N, D = kv_pages.shape[-2:]
        seq = kv_pages[block_table.long()].flatten(1, 2)                           # [B, T, N, D]
        s = seq_lens.long()
        idx = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        last_l = torch.gather(seq, 1, idx[:, :, None, None].expand(B, l, N, D))
        comp = (last_l.float() * self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(dim=1)
        do = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(do[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class TorchTakeLinearIndex(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        N, D = kv_pages.shape[-2:]
        dev = kv_pages.device
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=dev)).clamp(min=0)
        tok_row = block_table.long().gather(1, pos // P) * P + pos % P            # [B, l]
        lin = (tok_row[:, :, None, None] * N + torch.arange(N, device=dev)[:, None]) * D + torch.arange(D, device=dev)
        x = torch.take(kv_pages, lin)                                             # [B, l, N, D]
        comp = torch.sum(x.to(torch.float32) * self.weight.to(torch.float32)[:, :, None], dim=1)
        on = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(on[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class ChunkedPartialSums(_Compressor):
    """Kernel-like: pool in chunks of 8 tokens, keep fp32 partial sums, reduce once."""

    CHUNK = 8

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        tokens = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.float()
        partials = []
        for c0 in range(0, l, self.CHUNK):
            c1 = min(c0 + self.CHUNK, l)
            partials.append((tokens[:, c0:c1].float() * w[c0:c1, :, None]).sum(1))
        comp = torch.stack(partials, 0).sum(0)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class Conv1dGroupedWindow(_Compressor):
    """Compression as a depthwise conv1d over the window (kernel = l, one output position)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]              # [B, l, N, D]
        x = x.float().permute(0, 2, 3, 1).reshape(B, N * D, l)
        k = self.weight.t().float().repeat_interleave(D, dim=0).unsqueeze(1)        # [N*D, 1, l]
        comp = F.conv1d(x, k, groups=N * D).view(B, N, D)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class Conv1dStridedFullSequence(_Compressor):
    """Research code: strided depthwise conv over the whole (paged) sequence, keep the newest window."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[-2:]
        seq = kv_pages[block_table.long()].reshape(B, max_pages * P, N * D)
        x = seq.float().transpose(1, 2)                                             # [B, N*D, T]
        k = self.weight.t().float().repeat_interleave(D, dim=0).unsqueeze(1)
        all_blocks = F.conv1d(x, k, stride=d, groups=N * D)                          # [B, N*D, nwin]
        s = seq_lens.long()
        w_idx = ((s - l) // d).clamp(0, all_blocks.shape[-1] - 1)
        comp = all_blocks.gather(2, w_idx.view(B, 1, 1).expand(B, N * D, 1)).view(B, N, D)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


def _gather_window_f32(kv_pages, block_table, s, l, P):
    """Shared helper used by the mask-variant modules below: fp32 window [B, l, N, D]."""
    pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
    return kv_pages[block_table.long().gather(1, pos // P), pos % P].float()


class MaskBitwisePow2(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * self.weight.float()[..., None]).sum(1)
        m = (s >= l) & (((s - l) & (d - 1)) == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MaskNumCompressedDiff(_Compressor):
    """SGLang-style bookkeeping: a new compressed block exists iff the count of blocks grew this step."""

    def _num_compressed(self, n):
        l, d = self.block_size, self.stride
        return torch.where(n >= l, (n - l) // d + 1, torch.zeros_like(n))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.block_size, self.page_size
        s = seq_lens.long()
        new_block = self._num_compressed(s) > self._num_compressed(s - 1)
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = torch.einsum("bjnd,jn->bnd", x, self.weight.float())
        slots = slot_mapping.long()
        cache[slots] = torch.where(new_block[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MaskReluCount(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.to(torch.int64)
        cnt = torch.relu(torch.div(s - l, d, rounding_mode="floor") + 1)
        cnt_prev = torch.relu(torch.div(s - 1 - l, d, rounding_mode="floor") + 1)
        emit = (cnt - cnt_prev) == 1
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(emit[:, None, None], comp.to(cache.dtype), cache[slots]))
        return cache


class MaskFmodGuarded(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        m = torch.logical_and(s >= l, torch.fmod(s - l, d) == 0)
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = torch.einsum("bjnd,jn->bnd", x, self.weight.float())
        slots = slot_mapping.long()
        cache[slots] = torch.where(m.view(-1, 1, 1), comp.to(cache.dtype), cache[slots])
        return cache


class MaskSeqModStride(_Compressor):
    """Assumes the block size is a multiple of the stride (true for every NSA config in the paper)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        m = (s % d == 0) & (s >= l)
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MaskNotOr(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        skip = (s < l) | ((s - l) % d != 0)
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache[slots] = torch.where(~skip[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MaskWhereNested(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        m = torch.where(s >= l, torch.remainder(s - l, d) == 0, torch.zeros_like(s, dtype=torch.bool))
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = torch.einsum("jn,bjnd->bnd", self.weight.float(), x)
        slots = slot_mapping.long()
        old = cache[slots]
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), old)
        return cache


class MaskFloorDivRoundtrip(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        r = s - l
        k = r.div(d, rounding_mode="floor")
        m = (k >= 0) & (k * d == r)
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class Int32KeptIndices(_Compressor):
    """Keeps every index in int32 (as the Triton/CUDA kernels receive them)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        offs = torch.arange(l, dtype=torch.int32, device=seq_lens.device)
        pos = (seq_lens[:, None] - l + offs).clamp(min=0)                            # int32
        page_slot = torch.div(pos, P, rounding_mode="floor")
        pages = torch.gather(block_table, 1, page_slot.long())                       # int32
        x = kv_pages[pages, pos % P]
        comp = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cache[slot_mapping] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slot_mapping])
        return cache


class PosValidMaskZeroFill(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        pos = s[:, None] - l + torch.arange(l, device=s.device)
        valid = pos >= 0
        pos_safe = torch.where(valid, pos, torch.zeros_like(pos))
        x = kv_pages[block_table.long().gather(1, pos_safe // P), pos_safe % P].float()
        x = torch.where(valid[:, :, None, None], x, torch.zeros_like(x))
        comp = torch.einsum("bjnd,jn->bnd", x, self.weight.float())
        full = valid.all(dim=1) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(full[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class PosMaximumClamp(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        pos = torch.maximum(s[:, None] - l + torch.arange(l, device=s.device), torch.zeros(1, dtype=torch.long, device=s.device))
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        comp = (self.weight.float()[None, :, :, None] * x.float()).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class PosRelu(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        pos = (s.unsqueeze(1) - l + torch.arange(l, device=s.device)).relu()
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        comp = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class UnclampedNegativeWrap(_Compressor):
    """No clamp: negative positions of short sequences wrap (block_table[b, -1]); masked out later."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.long()
        pos = s[:, None] - l + torch.arange(l, device=s.device)
        b = torch.arange(B, device=s.device)[:, None]
        x = kv_pages[block_table[b, pos // P].long(), pos % P]
        comp = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MeanPoolSumDiv(_MeanCompressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = x.sum(dim=1) / l
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MeanPoolMean(_MeanCompressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages.view(-1, *kv_pages.shape[2:])[block_table.long().gather(1, pos // P) * P + pos % P]
        comp = x.to(torch.float32).mean(dim=1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots]))
        return cache


class MeanPoolTensordot(_MeanCompressor):
    def __init__(self, l, d, P, weight=None):
        super().__init__(l, d, P)
        self.register_buffer("avg", torch.full((l,), 1.0 / l, dtype=torch.float32), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = torch.tensordot(x, self.avg, dims=([1], [0]))
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MeanPoolLinear(_MeanCompressor):
    def __init__(self, l, d, P, weight=None):
        super().__init__(l, d, P)
        self.register_buffer("avg", torch.full((1, l), 1.0 / l, dtype=torch.float32), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)                      # [B, l, N, D]
        comp = F.linear(x.permute(0, 2, 3, 1), self.avg).squeeze(-1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class MeanPoolAvgPool1d(_MeanCompressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = F.avg_pool1d(x.permute(0, 2, 3, 1).reshape(B, N * D, l), kernel_size=l).view(B, N, D)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class HfPortLoopOverJ(_CompressorNl):
    """HF-transformers port: head-major weight, python loop over the window accumulating in fp32."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.page_size
        B = seq_lens.shape[0]
        num_heads, head_dim = kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        batch = torch.arange(B, device=s.device)
        bt = block_table.long()
        hidden = torch.zeros(B, num_heads, head_dim, dtype=torch.float32, device=kv_pages.device)
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            tok = kv_pages[bt[batch, p // P], p % P]
            hidden += tok.float() * self.compress_weight[:, j].float().view(1, num_heads, 1)
        emit = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(emit[:, None, None], hidden.to(cache.dtype), cache[slots])
        return cache


class SglangFlatBlockTable(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        flat_bt_idx = torch.arange(B, device=s.device)[:, None] * max_pages + pos // P
        pages = block_table.flatten().index_select(0, flat_bt_idx.flatten()).long()
        loc = pages * P + (pos % P).flatten()
        x = kv_pages.reshape(-1, N, D).index_select(0, loc).view(B, l, N, D)
        comp = torch.einsum("bjnd,jn->bnd", x.float(), self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class AscendGoldenEinsumBhd(_CompressorNl):
    """Ascend op-plugin golden style: head-major weight, 'bjhd,hj->bhd', rows written through a 2-D view."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.page_size
        num_slots = cache.shape[0]
        act = seq_lens.to(torch.int64)
        pos = (act.unsqueeze(1) - l + torch.arange(l, device=act.device).unsqueeze(0)).clamp(min=0)
        blk = block_table.to(torch.int64).gather(1, pos // P)
        kv = kv_pages[blk, pos % P].to(torch.float32)
        res = torch.einsum("bjhd,hj->bhd", kv, self.compress_weight.to(torch.float32))
        flag = (act >= l) & ((act - l) % d == 0)
        slots = slot_mapping.to(torch.int64)
        cache2d = cache.view(num_slots, -1)
        rows = torch.where(flag[:, None], res.to(cache.dtype).flatten(1), cache2d.index_select(0, slots))
        cache2d.index_copy_(0, slots, rows)
        return cache


class FunctionalIndexPut(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        return cache.index_put((slots,), torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots]))


class FunctionalScatter(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        N, D = cache.shape[1:]
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        comp = torch.einsum("bjnd,jn->bnd", x, self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        idx = slot_mapping.long().view(B, 1, 1).expand(B, N, D)
        src = torch.where(m[:, None, None], comp.to(cache.dtype), cache.gather(0, idx))
        return torch.scatter(cache, 0, idx, src)


class MatmulWeightRowVector(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)                       # [B, l, N, D]
        w = self.weight.float().t().unsqueeze(1)                                      # [N, 1, l]
        comp = (w @ x.transpose(1, 2)).squeeze(2)                                     # [B, N, D]
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class DeepseekStyleCompressAll(_Compressor):
    """Reference-kernel style: compute for all rows (fp32 weight cached), select which to commit."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.long()
        start = torch.clamp(s - l, min=0)
        pos = start[:, None] + torch.arange(l, device=s.device)[None]
        pos = torch.minimum(pos, (s - 1).clamp(min=0)[:, None])
        page = block_table.long()[torch.arange(B, device=s.device)[:, None], pos // P]
        k = kv_pages[page, pos % P].float()
        kc = k.mul(self.weight.float().unsqueeze(-1)).sum(1)
        commit = s.ge(l).logical_and((s - l).remainder(d).eq(0))
        slots = slot_mapping.long()
        prev = cache.index_select(0, slots)
        cache.index_copy_(0, slots, torch.where(commit[:, None, None], kc.to(cache.dtype), prev))
        return cache


# ----------------------------------------------------------------------------------------------
# near misses
# ----------------------------------------------------------------------------------------------
class NmStrictGreater(_Compressor):
    """Bug: uses s > l, so the very first window (s == l) is never compressed."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * self.weight.float()[None, :, :, None]).sum(1)
        m = (s > l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmWindowIncludesCurrent(_Compressor):
    """Off-by-one window: positions s-l+1 .. s (reads one past the end)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B, max_pages = block_table.shape
        s = seq_lens.long()
        pos = (s[:, None] - l + 1 + torch.arange(l, device=s.device)).clamp(0, max_pages * P - 1)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        comp = torch.einsum("bjnd,jn->bnd", x, self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmWindowShiftedBack(_Compressor):
    """Off-by-one window: positions s-l-1 .. s-2."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        pos = (s[:, None] - l - 1 + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmSoftmaxWeight(_Compressor):
    """Different design: attention-like softmax over the window positions."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        w = torch.softmax(self.weight.float(), dim=0)
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * w[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmSigmoidGate(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        gate = torch.sigmoid(self.weight.float())
        comp = torch.einsum("bjnd,jn->bnd", _gather_window_f32(kv_pages, block_table, s, l, P), gate)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmIntraBlockPosEmbedding(_Compressor):
    """NSA-paper design: add an intra-block position encoding before the weighted pooling."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        N = weight.shape[1]
        pe = torch.linspace(-0.5, 0.5, l)[:, None, None].expand(l, N, 1).contiguous()
        self.pe = nn.Parameter(pe, requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P) + self.pe.float()[None]
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmHalfProducts(_Compressor):
    """Products formed in the storage dtype (rounded) before the fp32 sum."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        prod = x * self.weight[None, :, :, None]                                    # storage dtype
        comp = prod.float().sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmHalfLoopAccum(_Compressor):
    """Accumulator kept in the storage dtype."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        acc = torch.zeros(B, N, D, dtype=kv_pages.dtype, device=kv_pages.device)
        for j in range(l):
            acc = acc + self.weight[j][None, :, None] * kv_pages[pages[:, j], pos[:, j] % P]
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], acc, cache[slots])
        return cache


class NmChunkPartialsRounded(_Compressor):
    """Split-K style: each chunk's fp32 partial is stored in the storage dtype, then summed."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P)
        w = self.weight.float()
        parts = [(x[:, c:c + 8] * w[c:c + 8, :, None]).sum(1).to(cache.dtype) for c in range(0, l, 8)]
        comp = torch.stack(parts, 0).float().sum(0)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmBlendMaskArith(_Compressor):
    """Arithmetic blend instead of a select: NaN/Inf in stale rows leak into the result."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        comp = torch.einsum("bjnd,jn->bnd", _gather_window_f32(kv_pages, block_table, s, l, P), self.weight.float())
        m = ((s >= l) & ((s - l) % d == 0)).to(cache.dtype)[:, None, None]
        slots = slot_mapping.long()
        cache[slots] = comp.to(cache.dtype) * m + cache[slots] * (1 - m)
        return cache


class NmWriteAllRows(_Compressor):
    """Forgets the boundary mask: every batch row overwrites its slot."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * self.weight.float()[None, :, :, None]).sum(1)
        cache[slot_mapping.long()] = comp.to(cache.dtype)
        return cache


class NmCurrentPageOnly(_Compressor):
    """Bug: reads every window token from the page of the last token (wrong when the window straddles pages)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        cur = block_table.long().gather(1, ((s - 1).clamp(min=0) // P)[:, None])      # [B, 1]
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[cur.expand_as(pos), pos % P].float()
        comp = (x * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmViewInsteadOfPermute(_Compressor):
    """Bug: .view(B, N, l, D) instead of a transpose mixes tokens / heads."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        x = _gather_window_f32(kv_pages, block_table, s, l, P).reshape(B, N, l, D)
        comp = (x * self.weight.float().t()[None, :, :, None]).sum(2)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmNormalizedWeight(_Compressor):
    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        w = self.weight.float()
        w = w / w.abs().sum(0, keepdim=True)
        comp = torch.einsum("bjnd,jn->bnd", _gather_window_f32(kv_pages, block_table, s, l, P), w)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmMissingLengthGuard(_Compressor):
    """Bug: only checks (s - l) % d == 0; s = l - d (and other short multiples) also fire."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * self.weight.float()[None, :, :, None]).sum(1)
        m = (s - l) % d == 0
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmMaxPool(_MeanCompressor):
    """Different design: max pooling over the window."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        comp = _gather_window_f32(kv_pages, block_table, s, l, P).amax(dim=1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmBatchIndexAsSlot(_Compressor):
    """Bug: writes row b of the cache instead of slot_mapping[b]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.long()
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        rows = torch.arange(B, device=s.device)
        cache[rows] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[rows])
        return cache


class NmNlWeightViewBug(_CompressorNl):
    """Bug: head-major weight reinterpreted with .view(l, N) instead of .t()."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.page_size
        N = kv_pages.shape[2]
        s = seq_lens.long()
        w = self.compress_weight.float().view(l, N)
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * w[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmMeanHalfAccum(_MeanCompressor):
    """Mean pooling with a running sum kept in the storage dtype."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        acc = torch.zeros(B, N, D, dtype=kv_pages.dtype, device=kv_pages.device)
        for j in range(l):
            acc += kv_pages[pages[:, j], pos[:, j] % P] / l
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], acc, cache[slots])
        return cache


class NmRoundViaBf16(_Compressor):
    """Double rounding: result goes through bf16 (the kernel's output dtype) before the cache dtype."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        s = seq_lens.long()
        comp = torch.einsum("bjnd,jn->bnd", _gather_window_f32(kv_pages, block_table, s, l, P), self.weight.float())
        comp = comp.to(torch.bfloat16).to(cache.dtype)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp, cache[slots])
        return cache


# ----------------------------------------------------------------------------------------------
# append + compress
# ----------------------------------------------------------------------------------------------
class AppendAdvIndexMulSum(_Compressor):
    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.long()
        last = s - 1
        b = torch.arange(B, device=s.device)
        kv_pages[block_table.long()[b, last // P], last % P] = new_token
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        comp = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class AppendFlatIndexCopyEinsum(_Compressor):
    """vLLM reshape_and_cache-style slot write on the flat token pool, then compress."""

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        N, D = kv_pages.shape[-2:]
        pool = kv_pages.view(-1, N, D)
        s = seq_lens.long()
        write_pos = s - 1
        kv_slot = block_table.long().gather(1, (write_pos // P)[:, None]).squeeze(1) * P + write_pos % P
        pool.index_copy_(0, kv_slot, new_token)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = pool[block_table.long().gather(1, pos // P) * P + pos % P]
        comp = torch.einsum("bjnd,jn->bnd", x.float(), self.weight.float())
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots]))
        return cache


class AppendIndexPutLoopJ(_CompressorNl):
    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.compress_block_size, self.compress_stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        s = seq_lens.long()
        bt = block_table.long()
        b = torch.arange(B, device=s.device)
        t = s - 1
        kv_pages.index_put_((bt[b, t // P], t % P), new_token)
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=kv_pages.device)
        for j in range(l):
            p = (s - l + j).clamp(min=0)
            acc = acc + kv_pages[bt[b, p // P], p % P].float() * self.compress_weight[:, j].float()[None, :, None]
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(m[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class AppendScatterFlatMatmul(_Compressor):
    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        N, D = kv_pages.shape[-2:]
        flat = kv_pages.flatten(0, 1)                                                # view
        s = seq_lens.long()
        t = s - 1
        dst = torch.take_along_dim(block_table.long(), (t // P)[:, None], dim=1)[:, 0] * P + t % P
        flat.scatter_(0, dst[:, None, None].expand(B, N, D), new_token)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        x = flat[torch.take_along_dim(block_table.long(), pos // P, dim=1) * P + pos % P]
        comp = (x.permute(0, 2, 3, 1).float() @ self.weight.t().float()[None, :, :, None]).squeeze(-1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class AppendMeanPool(_MeanCompressor):
    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        s = seq_lens.long()
        b = torch.arange(B, device=s.device)
        kv_pages.index_put_((block_table[b, (s - 1) // P].long(), (s - 1) % P), new_token)
        comp = _gather_window_f32(kv_pages, block_table, s, l, P).mean(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        return cache


class NmAppendCompressBeforeWrite(_Compressor):
    """Bug: compresses before the new token lands in the paged cache (window's last token is stale)."""

    def forward(self, kv_pages, new_token, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.block_size, self.stride, self.page_size
        B = seq_lens.shape[0]
        s = seq_lens.long()
        comp = (_gather_window_f32(kv_pages, block_table, s, l, P) * self.weight.float()[None, :, :, None]).sum(1)
        m = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(m[:, None, None], comp.to(cache.dtype), cache[slots])
        b = torch.arange(B, device=s.device)
        kv_pages[block_table.long()[b, (s - 1) // P], (s - 1) % P] = new_token
        return cache


# ----------------------------------------------------------------------------------------------
# case lists
# ----------------------------------------------------------------------------------------------
def _pow2_stride(l, d, P):
    return d & (d - 1) == 0


def _l_multiple_of_d(l, d, P):
    return l % d == 0


def _window_within_two_pages(l, d, P):
    return l <= P


CASES = [
    Case("vllm_gather_mul_sum", VllmGatherMulSum, "fuse", "lN"),
    Case("adv_index_einsum_bjnd_jn", AdvIndexEinsumBjnd, "fuse", "lN"),
    Case("flat_view_einsum_jn_first_index_copy", FlatViewEinsumJnFirst, "fuse", "lN"),
    Case("flatten_index_select_matmul_scatter", FlattenIndexSelectMatmul, "fuse", "lN"),
    Case("nl_weight_bmm_functional_clone", NlWeightBmmFunctional, "fuse", "Nl", functional=True),
    Case("take_along_dim_loop_over_j", TakeAlongDimLoopJ, "fuse", "lN"),
    Case("upcast_kv_and_cache_first_copy_back", UpcastKvFirstEinsum, "fuse", "lN"),
    Case("cur_prev_page_where_split", CurPrevPageWhere, "fuse", "lN", configs=_window_within_two_pages),
    Case("unfold_all_windows_pick_newest", UnfoldWindows, "fuse", "lN"),
    Case("as_strided_windows_einsum", AsStridedWindows, "fuse", "lN"),
    Case("full_sequence_gather_last_l", FullSeqGatherLastL, "fuse", "lN"),
    Case("torch_take_linear_index", TorchTakeLinearIndex, "fuse", "lN"),
    Case("chunked_fp32_partial_sums", ChunkedPartialSums, "fuse", "lN"),
    Case("conv1d_depthwise_window", Conv1dGroupedWindow, "fuse", "lN", dtypes=HALF_ONLY,
         note="cuDNN may use TF32 for fp32 convs, so only half inputs are claimed"),
    Case("conv1d_strided_full_sequence", Conv1dStridedFullSequence, "fuse", "lN", dtypes=HALF_ONLY,
         note="cuDNN may use TF32 for fp32 convs, so only half inputs are claimed"),
    Case("mask_bitwise_pow2_stride", MaskBitwisePow2, "fuse", "lN", configs=_pow2_stride),
    Case("mask_num_compressed_blocks_diff", MaskNumCompressedDiff, "fuse", "lN"),
    Case("mask_relu_block_count", MaskReluCount, "fuse", "lN"),
    Case("mask_fmod_with_length_guard", MaskFmodGuarded, "fuse", "lN"),
    Case("mask_seq_mod_stride_l_multiple", MaskSeqModStride, "fuse", "lN", configs=_l_multiple_of_d),
    Case("mask_not_of_skip_condition", MaskNotOr, "fuse", "lN"),
    Case("mask_nested_where", MaskWhereNested, "fuse", "lN"),
    Case("mask_floor_div_roundtrip", MaskFloorDivRoundtrip, "fuse", "lN"),
    Case("int32_indices_kept", Int32KeptIndices, "fuse", "lN"),
    Case("valid_position_mask_zero_fill", PosValidMaskZeroFill, "fuse", "lN"),
    Case("positions_torch_maximum", PosMaximumClamp, "fuse", "lN"),
    Case("positions_relu", PosRelu, "fuse", "lN"),
    Case("unclamped_negative_page_wrap", UnclampedNegativeWrap, "fuse", "lN"),
    Case("mean_pool_sum_div", MeanPoolSumDiv, "fuse", "none"),
    Case("mean_pool_flat_view_mean", MeanPoolMean, "fuse", "none"),
    Case("mean_pool_tensordot", MeanPoolTensordot, "fuse", "none"),
    Case("mean_pool_f_linear", MeanPoolLinear, "fuse", "none"),
    Case("mean_pool_avg_pool1d", MeanPoolAvgPool1d, "fuse", "none"),
    Case("hf_port_head_major_loop_over_j", HfPortLoopOverJ, "fuse", "Nl"),
    Case("sglang_flat_block_table_index_select", SglangFlatBlockTable, "fuse", "lN"),
    Case("ascend_golden_einsum_bjhd_hj_2d_index_copy", AscendGoldenEinsumBhd, "fuse", "Nl"),
    Case("functional_index_put", FunctionalIndexPut, "fuse", "lN", functional=True),
    Case("functional_gather_scatter", FunctionalScatter, "fuse", "lN", functional=True),
    Case("matmul_weight_row_vector", MatmulWeightRowVector, "fuse", "lN"),
    Case("deepseek_compute_all_commit_some", DeepseekStyleCompressAll, "fuse", "lN"),
    # ---- near misses
    Case("nm_strict_greater_than_l", NmStrictGreater, "no_fuse", "lN", note="s > l skips the first window"),
    Case("nm_window_includes_position_s", NmWindowIncludesCurrent, "no_fuse", "lN"),
    Case("nm_window_shifted_back_one", NmWindowShiftedBack, "no_fuse", "lN"),
    Case("nm_softmax_over_window", NmSoftmaxWeight, "no_fuse", "lN"),
    Case("nm_sigmoid_gate_weight", NmSigmoidGate, "no_fuse", "lN"),
    Case("nm_intra_block_position_embedding", NmIntraBlockPosEmbedding, "no_fuse", "lN"),
    Case("nm_products_in_storage_dtype", NmHalfProducts, "no_fuse", "lN", dtypes=HALF_ONLY),
    Case("nm_accumulate_in_storage_dtype", NmHalfLoopAccum, "no_fuse", "lN", dtypes=HALF_ONLY),
    Case("nm_chunk_partials_rounded", NmChunkPartialsRounded, "no_fuse", "lN", dtypes=HALF_ONLY),
    Case("nm_arithmetic_blend_mask", NmBlendMaskArith, "no_fuse", "lN"),
    Case("nm_write_all_rows", NmWriteAllRows, "no_fuse", "lN"),
    Case("nm_current_page_only", NmCurrentPageOnly, "no_fuse", "lN"),
    Case("nm_view_instead_of_transpose", NmViewInsteadOfPermute, "no_fuse", "lN"),
    Case("nm_normalized_weight", NmNormalizedWeight, "no_fuse", "lN"),
    Case("nm_missing_length_guard", NmMissingLengthGuard, "no_fuse", "lN"),
    Case("nm_max_pool", NmMaxPool, "no_fuse", "none"),
    Case("nm_batch_index_as_slot", NmBatchIndexAsSlot, "no_fuse", "lN"),
    Case("nm_head_major_weight_view_bug", NmNlWeightViewBug, "no_fuse", "Nl"),
    Case("nm_mean_accumulate_in_storage_dtype", NmMeanHalfAccum, "no_fuse", "none", dtypes=HALF_ONLY),
    Case("nm_double_round_through_bf16", NmRoundViaBf16, "no_fuse", "lN", dtypes=(torch.float16, torch.float32)),
]

APPEND_CASES = [
    Case("append_adv_index_then_mul_sum", AppendAdvIndexMulSum, "fuse", "lN"),
    Case("append_flat_index_copy_then_einsum", AppendFlatIndexCopyEinsum, "fuse", "lN"),
    Case("append_index_put_then_loop_head_major", AppendIndexPutLoopJ, "fuse", "Nl"),
    Case("append_flat_scatter_then_matmul", AppendScatterFlatMatmul, "fuse", "lN"),
    Case("append_then_mean_pool", AppendMeanPool, "fuse", "none"),
    Case("nm_append_compress_before_write", NmAppendCompressBeforeWrite, "no_fuse", "lN"),
]
