"""Blind corpus #5: NSA compression decode steps written after the soundness change (issue 18).

Written without reading the recogniser, its patterns, docs/soundness.md or the earlier corpora's cases,
from docs/contract.md, nsa_fusion/reference.py and public NSA code (vLLM/SGLang paged-cache idioms,
XunhaoLai's native-sparse-attention weighted/avg pool compressors, fla's mean pooling, the Ascend
op-plugin golden, lucidrains' conv-style compression).  Each case's note names the style it follows.

``factory(l, d, P, weight) -> nn.Module``, ``module(kv_pages, slot_mapping, block_table, seq_lens, cache)``;
the weight arrives as ``[l, N]`` in the data dtype (``weight_layout`` says how the model stores it,
"none" for mean pooling, where the contract's weight is ``1/l``).

Positives ("fuse") compute the contract exactly for every valid input (fp32 products, fp32 sum, one
rounding); near misses ("no_fuse") are realistic bugs or other designs that differ from it on some valid
input (``check_blind5.py``-style eager evidence is in the commit message / report).

    python tests/corpora/run_corpus.py blind5 --dialects inductor,torchair --dynamic static,batch,all
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Optional

import torch
import torch.nn.functional as F
from torch import nn

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32


@dataclasses.dataclass
class Case:
    name: str
    factory: Callable
    expect: str  # "fuse" | "no_fuse"
    weight_layout: str  # "lN" (as given), "Nl" (stored transposed), "lN32" (stored upcast), "none" (mean)
    functional: bool  # True: returns a new cache and leaves the argument alone
    dtypes: tuple
    note: str
    configs: Optional[Callable] = None  # predicate on (l, d, P)


def pow2_l(l, d, P):
    return l & (l - 1) == 0


def small_l(l, d, P):
    return l == 16


class Step(nn.Module):
    """A decode step whose forward is one of the module-level functions below (``fn(self, ...)``)."""

    def __init__(self, fn, l, d, P, weight, store="lN"):
        super().__init__()
        self.fn, self.l, self.d, self.P = fn, l, d, P
        if store == "lN":
            self.register_buffer("w", weight.detach().clone())
        elif store == "Nl":
            self.register_buffer("w", weight.detach().t().contiguous())
        elif store == "lN32":
            self.register_buffer("w", weight.detach().float())
        elif store == "param":
            self.w = nn.Parameter(weight.detach().clone(), requires_grad=False)
        elif store == "none":
            self.w = None
        else:
            raise ValueError(store)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        return self.fn(self, kv_pages, slot_mapping, block_table, seq_lens, cache)


def mk(fn, store="lN"):
    return lambda l, d, P, weight: Step(fn, l, d, P, weight, store)


# ----------------------------------------------------------------------------------------------------
# positives
# ----------------------------------------------------------------------------------------------------

def vllm_flat_slots(m, kv, slots, bt, lens, cache):
    # vLLM reshape_and_cache idiom read backwards: slot = block * block_size + offset into a flat cache
    l, P = m.l, m.P
    flat = kv.flatten(0, 1)  # [num_blocks * P, N, D]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp_min(0)
    blk = bt.long().gather(1, pos // P)
    tok = flat[blk * P + pos % P]  # [B, l, N, D]
    pooled = (tok.float() * m.w.float().view(1, l, -1, 1)).sum(1)
    valid = (lens >= l) & ((lens - l) % m.d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype), cache[s]))
    return cache


def xunhao_weightedpool_einsum(m, kv, slots, bt, lens, cache):
    # native-sparse-attention-triton weightedpool_compress: w is [num_heads, kernel_size],
    # einsum "b h k d, h k -> b h d" on the window, then the decode write with setitem
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    start = (lens.long() - l).clamp(min=0)
    pos = start[:, None] + torch.arange(l, device=kv.device)[None, :]
    pages = bt.long()[torch.arange(B, device=kv.device)[:, None], pos // P]
    x = kv[pages, pos % P].permute(0, 2, 1, 3)  # [B, N, l, D]
    y = torch.einsum("bhkd,hk->bhd", x.float(), m.w.float())
    ok = (lens >= l) & (torch.remainder(lens - l, d) == 0)
    idx = slots.long()
    cache[idx] = torch.where(ok[:, None, None], y.to(cache.dtype), cache[idx])
    return cache


def matmul_index_copy(m, kv, slots, bt, lens, cache):
    # pooling as a per-head matvec: [B, N, D, l] @ [N, l, 1]; write-back with index_copy_
    l, d, P = m.l, m.d, m.P
    pos = lens.long().unsqueeze(1) - l + torch.arange(l, device=kv.device)
    pos = torch.where(pos >= 0, pos, torch.zeros_like(pos))
    tok = kv[torch.gather(bt.long(), 1, torch.div(pos, P, rounding_mode="floor")), pos % P]
    pooled = (tok.float().permute(0, 2, 3, 1) @ m.w.float().t().unsqueeze(-1)).squeeze(-1)
    fire = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_copy_(0, s, torch.where(fire[:, None, None], pooled.to(cache.dtype), cache.index_select(0, s)))
    return cache


def bmm_scatter(m, kv, slots, bt, lens, cache):
    # heads as the bmm batch: [N, B*D, l] x [N, l, 1]; write-back with scatter_ on a 2-D view
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    pos = (lens.long()[:, None] + torch.arange(-l, 0, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
    a = tok.permute(2, 0, 3, 1).reshape(N, B * D, l)
    y = torch.bmm(a, m.w.float().t().unsqueeze(2)).view(N, B, D).permute(1, 0, 2)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    rows = torch.where(valid[:, None, None], y.to(cache.dtype), cache[s])
    cache.view(cache.shape[0], N * D).scatter_(0, s[:, None].expand(B, N * D), rows.reshape(B, N * D))
    return cache


def tensordot_diag(m, kv, slots, bt, lens, cache):
    # tensordot over the window axis, then the head diagonal (a generic "contract l" helper)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp_min(0)
    tok = kv[bt.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
    full = torch.tensordot(tok, m.w.float(), dims=([1], [0]))  # [B, N, D, N']
    pooled = torch.diagonal(full, dim1=1, dim2=3).permute(0, 2, 1)  # [B, N, D]
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def conv1d_grouped(m, kv, slots, bt, lens, cache):
    # lucidrains / conv_compress flavour: grouped conv1d, one filter of length l per head, on the window
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp_min(0)
    tok = kv[bt.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
    x = tok.permute(0, 3, 2, 1).reshape(B * D, N, l)
    y = F.conv1d(x, m.w.float().t().unsqueeze(1), groups=N)  # [B*D, N, 1]
    pooled = y.view(B, D, N).transpose(1, 2)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def loop_window_order(m, kv, slots, bt, lens, cache):
    # Ascend golden flavour: explicit fp32 accumulation over the window, j = 0 .. l-1, from zeros
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    base = (lens.long() - l).clamp(min=0)
    acc = torch.zeros(B, cache.shape[1], cache.shape[2], dtype=torch.float32, device=kv.device)
    for j in range(l):
        p = base + j
        page = bt.long().gather(1, (p // P)[:, None]).squeeze(1)
        acc = acc + m.w[j].float()[None, :, None] * kv[page, p % P].float()
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache[s] = torch.where(valid[:, None, None], acc.to(cache.dtype), cache[s])
    return cache


def loop_stack_sum(m, kv, slots, bt, lens, cache):
    # per-position products collected in a list, stacked, torch.sum over the stack
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    rows = torch.arange(B, device=kv.device)
    prods = []
    for j in range(l):
        p = (lens.long() - l + j).clamp(min=0)
        tok = kv[bt.long()[rows, p // P], p % P]
        prods.append(tok.float() * m.w[j].float().view(1, -1, 1))
    pooled = torch.stack(prods, dim=0).sum(dim=0)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def functional_index_put(m, kv, slots, bt, lens, cache):
    # functional step (returns a new cache, jax-style) via out-of-place index_put
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1).to(cache.dtype)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    return cache.index_put((s,), torch.where(valid[:, None, None], pooled, cache[s]))


def functional_clone_setitem(m, kv, slots, bt, lens, cache):
    # functional step: clone the cache, then setitem into the clone (SGLang-like pool copy)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = torch.einsum("blnd,ln->bnd", tok.float(), m.w.float())
    valid = (lens >= l) & ((lens - l) % d == 0)
    out = cache.clone()
    s = slots.long()
    out[s] = torch.where(valid[:, None, None], pooled.to(out.dtype), out[s])
    return out


def functional_index_copy(m, kv, slots, bt, lens, cache):
    # functional step: torch.index_copy (out of place)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float().unsqueeze(0).unsqueeze(-1)).sum(dim=1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    new = torch.where(valid.view(-1, 1, 1), pooled.to(cache.dtype), torch.index_select(cache, 0, s))
    return torch.index_copy(cache, 0, s, new)


def functional_scatter(m, kv, slots, bt, lens, cache):
    # functional step: torch.scatter on the [S, N*D] view of the cache
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    S, N, D = cache.shape
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1).to(cache.dtype)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    rows = torch.where(valid[:, None, None], pooled, cache[s]).reshape(B, N * D)
    return torch.scatter(cache.reshape(S, N * D), 0, s.view(B, 1).expand(B, N * D), rows).view(S, N, D)


def upcast_whole_cache(m, kv, slots, bt, lens, cache):
    # keep an fp32 working copy of the whole compressed cache, write, round the whole cache back
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    work = cache.float()
    s = slots.long()
    work[s] = torch.where(valid[:, None, None], pooled, work[s])
    cache.copy_(work.to(cache.dtype))
    return cache


def upcast_whole_cache_functional(m, kv, slots, bt, lens, cache):
    # functional variant of the fp32 working copy: index_put on the upcast cache, return it rounded
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    work = cache.to(torch.float32)
    s = slots.long()
    work = work.index_put((s,), torch.where(valid[:, None, None], pooled, work[s]))
    return work.to(cache.dtype)


def dummy_row_redirect(m, kv, slots, bt, lens, cache):
    # vLLM padding idiom: non-firing rows are redirected to a scratch row past the end of the cache
    l, d, P = m.l, m.d, m.P
    S = cache.shape[0]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1).to(cache.dtype)
    valid = (lens >= l) & ((lens - l) % d == 0)
    ext = torch.cat([cache, cache.new_zeros(1, cache.shape[1], cache.shape[2])], dim=0)
    tgt = torch.where(valid, slots.long(), torch.full_like(slots.long(), S))
    ext.index_put_((tgt,), pooled)
    cache.copy_(ext[:S])
    return cache


def written_rows_mask(m, kv, slots, bt, lens, cache):
    # whole-cache select: candidate = index_copy of every row; keep where the row is not written
    l, d, P = m.l, m.d, m.P
    S = cache.shape[0]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1).to(cache.dtype)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    written = torch.zeros(S, dtype=torch.bool, device=cache.device).index_put((s,), valid)
    candidate = cache.index_copy(0, s, pooled)
    cache.copy_(torch.where(written[:, None, None], candidate, cache))
    return cache


def take_along_dim_table(m, kv, slots, bt, lens, cache):
    # torch.take_along_dim on the page table, floor-div / remainder spelled as functions
    l, d, P = m.l, m.d, m.P
    off = torch.arange(l, device=kv.device, dtype=torch.int64)
    pos = torch.clamp(lens.to(torch.int64).unsqueeze(-1) - l + off, min=0)
    page = torch.take_along_dim(bt.to(torch.int64), torch.floor_divide(pos, P), dim=1)
    tok = kv[page, torch.remainder(pos, P)]
    pooled = torch.mul(tok.to(torch.float32), m.w.to(torch.float32)[None, :, :, None]).sum(dim=1)
    valid = torch.logical_and(lens >= l, torch.remainder(lens - l, d) == 0)
    s = slots.to(torch.int64)
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def whole_sequence_then_gather(m, kv, slots, bt, lens, cache):
    # materialise each sequence's pages ([B, cap, N, D]) then torch.gather the window along time
    l, d = m.l, m.d
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    seq = kv[bt.long()].reshape(B, -1, N, D)
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    win = torch.gather(seq, 1, pos[:, :, None, None].expand(B, l, N, D))
    pooled = (win.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def flat_index_select(m, kv, slots, bt, lens, cache):
    # SGLang token-pool flavour: token locations into a [tokens, N*D] buffer, index_select, reshape
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    buf = kv.reshape(-1, N * D)
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    loc = bt.long().gather(1, pos // P) * P + pos % P
    tok = buf.index_select(0, loc.reshape(-1)).view(B, l, N, D)
    pooled = (tok.float() * m.w.float().reshape(1, l, N, 1)).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def positions_counting_down(m, kv, slots, bt, lens, cache):
    # window as "the last l tokens": s - (l, l-1, ..., 1)
    l, d, P = m.l, m.d, m.P
    back = torch.arange(l, 0, -1, device=kv.device)
    pos = (lens.long().unsqueeze(1) - back).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def count_compressed_tokens(m, kv, slots, bt, lens, cache):
    # condition from the compressed-length formula (y_seqlens = floor((s - l)/d) + 1, 0 if s < l):
    # a new compressed token exists iff the count grew with this token
    l, d, P = m.l, m.d, m.P
    s64 = lens.long()

    def n_cmp(x):
        return torch.where(x >= l, torch.div(x - l, d, rounding_mode="floor") + 1, torch.zeros_like(x))

    fire = n_cmp(s64) > n_cmp(s64 - 1)
    pos = (s64[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    s = slots.long()
    cache.index_put_((s,), torch.where(fire[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def residue_condition(m, kv, slots, bt, lens, cache):
    # condition as "s is congruent to l modulo d" (python-style %, constant l % d folded)
    l, d, P = m.l, m.d, m.P
    valid = (lens % d == l % d) & (lens >= l)
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def floor_times_condition(m, kv, slots, bt, lens, cache):
    # condition as "(s - l) is a multiple of d": ((s - l) // d) * d == s - l
    l, d, P = m.l, m.d, m.P
    t = lens.long() - l
    valid = (t >= 0) & ((t // d) * d == t)
    pos = (t[:, None] + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def mean_scale_then_sum(m, kv, slots, bt, lens, cache):
    # fla-style mean pooling spelled as the op's arithmetic: every token times 1/l, then the sum
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * (1.0 / l)).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def mean_sum_then_divide_fp16(m, kv, slots, bt, lens, cache):
    # mean as fp32 sum / l (fp16 data only, l a power of two)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = tok.float().sum(1) / l
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache[s] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s])
    return cache


def mean_method_fp16(m, kv, slots, bt, lens, cache):
    # fla compression: x.view(..., l, ...).mean(dim) on the fp32 window (fp16 data)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = tok.to(torch.float32).mean(dim=1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_copy_(0, s, torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def avg_pool1d_fp16(m, kv, slots, bt, lens, cache):
    # native-sparse-attention avgpool_compress: F.avg_pool1d over time on [B, N*D, l] (fp16 data)
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
    y = F.avg_pool1d(tok.reshape(B, l, N * D).transpose(1, 2), kernel_size=l, stride=l)  # [B, N*D, 1]
    pooled = y.view(B, N, D)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def int32_indices(m, kv, slots, bt, lens, cache):
    # keeps the int32 index tensors as they come (no .long()) wherever torch accepts them
    l, d, P = m.l, m.d, m.P
    off = torch.arange(l, device=kv.device, dtype=torch.int32)
    pos = (lens[:, None] - l + off).clamp(min=0)  # int32
    page = torch.gather(bt, 1, (pos // P).to(torch.int64))  # int32 page ids
    tok = kv[page, pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
    return cache


def fp32_weight_buffer(m, kv, slots, bt, lens, cache):
    # weight upcast once at load time and kept as an fp32 buffer
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w[None, :, :, None]).sum(dim=-3)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def parameter_weight_keepdim(m, kv, slots, bt, lens, cache):
    # nn.Parameter weight, torch.mul / torch.sum(keepdim) / squeeze
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    w = m.w.to(torch.float32).unsqueeze(0).unsqueeze(3)
    pooled = torch.sum(torch.mul(tok.to(torch.float32), w), dim=1, keepdim=True).squeeze(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid.unsqueeze(-1).unsqueeze(-1), pooled.to(cache.dtype), cache[s]))
    return cache


def sum_with_dtype_arg(m, kv, slots, bt, lens, cache):
    # products formed in fp32, reduced with torch.sum(..., dtype=float32)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    prod = tok.float() * m.w.float()[None, :, :, None]
    pooled = torch.sum(prod, dim=1, dtype=torch.float32)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def two_d_token_buffer(m, kv, slots, bt, lens, cache):
    # flat [blocks*P, N*D] buffer indexed with token locations, weight broadcast on the head axis
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    loc = torch.gather(bt.long(), 1, pos // P) * P + pos % P
    tok = kv.view(-1, N * D)[loc].view(B, l, N, D)
    pooled = (tok.float() * m.w.float().view(l, N, 1)).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def per_batch_python_loop(m, kv, slots, bt, lens, cache):
    # Ascend op-plugin golden flavour: a Python loop over the batch, one row at a time
    l, d, P = m.l, m.d, m.P
    ar = torch.arange(l, device=kv.device)
    for b in range(lens.shape[0]):
        s = lens[b].long()
        pos = (s - l + ar).clamp(min=0)
        tok = kv[bt[b].long()[pos // P], pos % P]  # [l, N, D]
        pooled = (tok.float() * m.w.float()[:, :, None]).sum(0)
        ok = (s >= l) & ((s - l) % d == 0)
        slot = slots[b].long()
        cache[slot] = torch.where(ok, pooled.to(cache.dtype), cache[slot])
    return cache


def arange_buffer(m, kv, slots, bt, lens, cache):
    # window offsets precomputed once as a registered buffer (m.offs)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + m.offs).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def make_arange_buffer(l, d, P, weight):
    m = Step(arange_buffer, l, d, P, weight)
    m.register_buffer("offs", torch.arange(l))
    return m


def flipped_window(m, kv, slots, bt, lens, cache):
    # newest-first window (s-1 down to s-l) with the weight flipped to match; torch.sum decides the order
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - 1 - torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float().flip(0)[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def weight_4d_buffer(m, kv, slots, bt, lens, cache):
    # weight pre-shaped as [1, l, N, 1] fp32 at init
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w4).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def make_weight_4d(l, d, P, weight):
    m = Step(weight_4d_buffer, l, d, P, weight, store="none")
    m.register_buffer("w4", weight.detach().float()[None, :, :, None].clone())
    return m


def where_safe_positions(m, kv, slots, bt, lens, cache):
    # short sequences made safe with where(pos < 0, 0, pos); condition computed first
    l, d, P = m.l, m.d, m.P
    s64 = lens.to(torch.long)
    due = (s64 >= l) & ((s64 - l) % d == 0)
    raw = s64[:, None] - l + torch.arange(l, device=kv.device)
    pos = torch.where(raw < 0, torch.zeros_like(raw), raw)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    s = slots.long()
    cache.index_put_((s,), torch.where(due[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def modular_positions(m, kv, slots, bt, lens, cache):
    # short sequences wrapped into range with pos % capacity (python-style modulo)
    l, d, P = m.l, m.d, m.P
    cap = bt.shape[1] * P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)) % cap
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def linear_per_head(m, kv, slots, bt, lens, cache):
    # F.linear per head (one [1, l] weight row per head) on the time-last window
    l, d, P = m.l, m.d, m.P
    N = cache.shape[1]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P].float().permute(0, 2, 3, 1)  # [B, N, D, l]
    wt = m.w.float().t()  # [N, l]
    heads = [F.linear(tok[:, h], wt[h:h + 1]).squeeze(-1) for h in range(N)]
    pooled = torch.stack(heads, dim=1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def vmap_per_sequence(m, kv, slots, bt, lens, cache):
    # torch.vmap over a per-sequence compressor (the window of one sequence -> one [N, D] row)
    l, d, P = m.l, m.d, m.P
    w = m.w.float()
    ar = torch.arange(l, device=kv.device)

    def one(s, table):
        pos = (s.long() - l + ar).clamp(min=0)
        tok = kv[table.long()[pos // P], pos % P]
        return (tok.float() * w[:, :, None]).sum(0)

    pooled = torch.vmap(one)(lens, bt)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def unfold_windows(m, kv, slots, bt, lens, cache):
    # sliding windows of the whole sequence with Tensor.unfold(size=l, step=d), pick the completed one
    l, d = m.l, m.d
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    seq = kv[bt.long()].reshape(B, -1, N, D)
    wins = seq.unfold(1, l, d)  # [B, n_win, N, D, l]
    k = ((lens.long() - l) // d).clamp(0, wins.shape[1] - 1)
    win = wins[torch.arange(B, device=kv.device), k]  # [B, N, D, l]
    pooled = (win.float() * m.w.float().t()[None, :, None, :]).sum(-1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def loop_gather_each_position(m, kv, slots, bt, lens, cache):
    # window loop that looks up each position's page separately; accumulator from torch.zeros
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    rows = torch.arange(B, device=kv.device)
    acc = kv.new_zeros(B, N, D, dtype=torch.float32)
    w = m.w.float()
    for j in range(l):
        p = torch.clamp(lens.long() - (l - j), min=0)
        x = kv[bt[rows, p // P].long(), p % P].to(torch.float32)
        acc = acc + x * w[j].reshape(1, N, 1)
    due = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(due[:, None, None], acc.to(cache.dtype), cache[s]))
    return cache


def einsum_weight_first(m, kv, slots, bt, lens, cache):
    # einsum with the weight as first operand and a different index naming ("jh,bjhd->bhd")
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = torch.einsum("jh,bjhd->bhd", m.w.float(), tok.float())
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def page_and_offset_split(m, kv, slots, bt, lens, cache):
    # kv viewed as [blocks, P, N*D]; page id and in-page offset indexed in two steps
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    pages = bt.long().gather(1, pos // P)
    tok = kv.reshape(kv.shape[0], P, N * D)[pages, pos % P].reshape(B, l, N, D)
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def masked_fill_keep(m, kv, slots, bt, lens, cache):
    # new rows built as the old rows, overwritten with the pooled rows where due (where with ~mask)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1).to(cache.dtype)
    skip = (lens < l) | ((lens - l) % d != 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(skip[:, None, None], cache[s], pooled))
    return cache


def index_put_fp32_new_rows(m, kv, slots, bt, lens, cache):
    # kept rows upcast to fp32 for the select, the selected rows rounded once (lossless keep)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    tok = kv[bt.long().gather(1, pos // P), pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled, cache[s].float()).to(cache.dtype))
    return cache


# ----------------------------------------------------------------------------------------------------
# near misses
# ----------------------------------------------------------------------------------------------------

def _window(m, kv, bt, lens, shift=0):
    l, P = m.l, m.P
    pos = (lens.long()[:, None] - l + shift + torch.arange(l, device=kv.device)).clamp(min=0)
    return kv[bt.long().gather(1, pos // P), pos % P]


def _write(cache, slots, valid, new):
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], new.to(cache.dtype), cache[s]))
    return cache


def nm_window_shifted(m, kv, slots, bt, lens, cache):
    # bug: window s-l+1 .. s (reads the position past the end)
    l, d = m.l, m.d
    cap = bt.shape[1] * m.P
    pos = (lens.long()[:, None] - l + 1 + torch.arange(l, device=kv.device)).clamp(0, cap - 1)
    tok = kv[bt.long().gather(1, pos // m.P), pos % m.P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_strict_ge(m, kv, slots, bt, lens, cache):
    # bug: s > l (the first window, s == l, is never compressed)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens > l) & ((lens - l) % d == 0), pooled)


def nm_no_length_check(m, kv, slots, bt, lens, cache):
    # bug: only the stride test; s = l - d also "fires" (reads clamped positions)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens - l) % d == 0, pooled)


def nm_stride_is_l(m, kv, slots, bt, lens, cache):
    # bug: non-overlapping windows assumed ((s - l) % l) although d < l
    l = m.l
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % l == 0), pooled)


def nm_count_unclamped(m, kv, slots, bt, lens, cache):
    # bug: compressed-count condition without the s < l clamp (s = l - d fires)
    l, d = m.l, m.d
    s64 = lens.long()
    fire = (torch.div(s64 - l, d, rounding_mode="floor") + 1) > (torch.div(s64 - 1 - l, d, rounding_mode="floor") + 1)
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, fire, pooled)


def nm_sigmoid_gate(m, kv, slots, bt, lens, cache):
    # different design: gated compression (pooled * sigmoid(gate) per head)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    gate = torch.sigmoid(m.w.float().sum(0))[None, :, None]
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled * gate)


def nm_bias(m, kv, slots, bt, lens, cache):
    # different design: intra-block positional bias added after the pooling (conv_compress's pe)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    bias = m.w.float().mean(0)[None, :, None]
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled + bias)


def nm_softmax_weights(m, kv, slots, bt, lens, cache):
    # different design: weights normalised with a softmax over the window
    l, d = m.l, m.d
    w = torch.softmax(m.w.float(), dim=0)
    pooled = (_window(m, kv, bt, lens).float() * w[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_half_sum(m, kv, slots, bt, lens, cache):
    # bug: products and sum in the data dtype (no fp32 accumulation)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens) * m.w[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_products_rounded(m, kv, slots, bt, lens, cache):
    # bug: products rounded to the data dtype, then summed in fp32
    l, d = m.l, m.d
    prod = _window(m, kv, bt, lens) * m.w[None, :, :, None]
    pooled = prod.float().sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_weight_via_bf16(m, kv, slots, bt, lens, cache):
    # bug: weight stored through bf16 (a checkpoint-format conversion) in an fp16 model
    l, d = m.l, m.d
    w = m.w.to(torch.bfloat16).float()
    pooled = (_window(m, kv, bt, lens).float() * w[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_kept_rows_via_fp16(m, kv, slots, bt, lens, cache):
    # bug: the select is done in fp16 in a bf16 model (kept rows round-trip through fp16)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    new = torch.where(valid[:, None, None], pooled.half(), cache[s].half())
    cache.index_put_((s,), new.to(cache.dtype))
    return cache


def nm_nan_to_num_kept(m, kv, slots, bt, lens, cache):
    # value-dependent code on the kept rows: "sanitise" the cache rows while rewriting them
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype),
                                       torch.nan_to_num(cache[s])))
    return cache


def nm_int16_pages(m, kv, slots, bt, lens, cache):
    # narrowing index cast: page table squeezed to int16 (wraps for page ids >= 32768)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    pages = bt.to(torch.int16).gather(1, pos // P).long()
    tok = kv[pages, pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_int16_slots(m, kv, slots, bt, lens, cache):
    # narrowing index cast on the slots (wraps for slots >= 32768)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0)
    s = slots.to(torch.int16).long()
    cache.index_put_((s,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[s]))
    return cache


def nm_clamp_page_ids(m, kv, slots, bt, lens, cache):
    # page ids clamped to a constant "max blocks - 1" (wrong for larger pools)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    pages = bt.long().gather(1, pos // P).clamp(0, 15)
    tok = kv[pages, pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_skip_last_row(m, kv, slots, bt, lens, cache):
    # condition depends on the row number: "the last row is a padding row" assumption
    l, d = m.l, m.d
    B = lens.shape[0]
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0) & (torch.arange(B, device=kv.device) < B - 1)
    return _write(cache, slots, valid, pooled)


def nm_even_rows_only(m, kv, slots, bt, lens, cache):
    # condition depends on the row number (K/V interleaved batch assumption: even rows only)
    l, d = m.l, m.d
    B = lens.shape[0]
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    valid = (lens >= l) & ((lens - l) % d == 0) & (torch.arange(B, device=kv.device) % 2 == 0)
    return _write(cache, slots, valid, pooled)


def nm_reversed_loop(m, kv, slots, bt, lens, cache):
    # explicit window loop written newest-first (a different, user-written sum order)
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    acc = torch.zeros(B, cache.shape[1], cache.shape[2], dtype=torch.float32, device=kv.device)
    base = (lens.long() - l).clamp(min=0)
    for j in reversed(range(l)):
        p = base + j
        page = bt.long().gather(1, (p // P)[:, None]).squeeze(1)
        acc = acc + m.w[j].float()[None, :, None] * kv[page, p % P].float()
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), acc)


def nm_loop_from_first_product(m, kv, slots, bt, lens, cache):
    # explicit window loop that starts from the first product instead of +0.0 (-0.0 survives)
    l, d, P = m.l, m.d, m.P
    base = (lens.long() - l).clamp(min=0)

    def tok(j):
        p = base + j
        return kv[bt.long().gather(1, (p // P)[:, None]).squeeze(1), p % P].float()

    acc = m.w[0].float()[None, :, None] * tok(0)
    for j in range(1, l):
        acc = acc + m.w[j].float()[None, :, None] * tok(j)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), acc)


def nm_chunked_pairwise(m, kv, slots, bt, lens, cache):
    # explicit two-half sum: (first half) + (second half), each half in a loop
    l, d, P = m.l, m.d, m.P
    B = lens.shape[0]
    base = (lens.long() - l).clamp(min=0)
    halves = []
    for lo, hi in ((0, l // 2), (l // 2, l)):
        acc = torch.zeros(B, cache.shape[1], cache.shape[2], dtype=torch.float32, device=kv.device)
        for j in range(lo, hi):
            p = base + j
            page = bt.long().gather(1, (p // P)[:, None]).squeeze(1)
            acc = acc + m.w[j].float()[None, :, None] * kv[page, p % P].float()
        halves.append(acc)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), halves[0] + halves[1])


def nm_sequence_mask(m, kv, slots, bt, lens, cache):
    # window selected with a 0/1 (weight-or-zero) mask over the whole sequence: 0 * NaN in stale slots
    l, d = m.l, m.d
    B = lens.shape[0]
    N, D = cache.shape[1], cache.shape[2]
    seq = kv[bt.long()].reshape(B, -1, N, D).float()  # [B, cap, N, D]
    t = torch.arange(seq.shape[1], device=kv.device)
    j = t[None, :] - (lens.long()[:, None] - l)  # window index of each position
    inside = (j >= 0) & (j < l)
    wfull = torch.where(inside[:, :, None], m.w.float()[j.clamp(0, l - 1)], torch.zeros((), device=kv.device))
    pooled = (seq * wfull[..., None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_blend_arith(m, kv, slots, bt, lens, cache):
    # keep/overwrite as arithmetic: new * v + old * (1 - v) (NaN/inf rows poison each other)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    v = ((lens >= l) & ((lens - l) % d == 0)).float()[:, None, None]
    s = slots.long()
    cache.index_put_((s,), (pooled * v + cache[s].float() * (1 - v)).to(cache.dtype))
    return cache


def nm_fp64_accumulate(m, kv, slots, bt, lens, cache):
    # different design: accumulate in fp64 (more precise, double rounding to the cache dtype)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).double() * m.w.double()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_last_page_only(m, kv, slots, bt, lens, cache):
    # bug: every window token read from the page of the last token (windows crossing a page break)
    l, d, P = m.l, m.d, m.P
    pos = (lens.long()[:, None] - l + torch.arange(l, device=kv.device)).clamp(min=0)
    last = ((lens.long() - 1).clamp(min=0) // P)[:, None]
    pages = bt.long().gather(1, last).expand(-1, l)
    tok = kv[pages, pos % P]
    pooled = (tok.float() * m.w.float()[None, :, :, None]).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_mean_float_scale_l48(m, kv, slots, bt, lens, cache):
    # mean pooling with the fp32 constant 1/l where l = 48 (the op's weight is 1/l in the data dtype)
    l, d = m.l, m.d
    pooled = (_window(m, kv, bt, lens).float() * (1.0 / l)).sum(1)
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_mean_divide_bf16(m, kv, slots, bt, lens, cache):
    # mean as sum / l on bf16 data (differs from sum of x * (1/l) at the fp32 overflow edge)
    l, d = m.l, m.d
    pooled = _window(m, kv, bt, lens).float().sum(1) / l
    return _write(cache, slots, (lens >= l) & ((lens - l) % d == 0), pooled)


def nm_any_valid_scale(m, kv, slots, bt, lens, cache):
    # new rows depend on whether other rows qualify (batch-level "any window completed" flag)
    l, d = m.l, m.d
    valid = (lens >= l) & ((lens - l) % d == 0)
    pooled = (_window(m, kv, bt, lens).float() * m.w.float()[None, :, :, None]).sum(1)
    pooled = pooled * valid.float().mean()
    return _write(cache, slots, valid, pooled)


ALL = (F16, BF16, F32)
HALF = (F16, BF16)

CASES = [
    # ---- positives ----
    Case("vllm_flat_slots", mk(vllm_flat_slots), "fuse", "lN", False, (BF16,),
         "vLLM reshape_and_cache read backwards: flat [blocks*P] token index block*P + off, index_put_"),
    Case("xunhao_weightedpool_einsum", mk(xunhao_weightedpool_einsum, "Nl"), "fuse", "Nl", False, (F16,),
         "XunhaoLai weightedpool_compress: w [heads, kernel], einsum 'bhkd,hk->bhd', setitem write"),
    Case("matmul_index_copy", mk(matmul_index_copy), "fuse", "lN", False, (BF16,),
         "per-head matvec with @, floor-div via torch.div, where-safe positions, index_copy_"),
    Case("bmm_scatter", mk(bmm_scatter), "fuse", "lN", False, (F32,),
         "heads as bmm batch, arange(-l, 0) offsets, scatter_ on a [S, N*D] view"),
    Case("tensordot_diag", mk(tensordot_diag), "fuse", "lN", False, (F16,),
         "generic tensordot over the window then the head diagonal"),
    Case("conv1d_grouped", mk(conv1d_grouped), "fuse", "lN", False, (BF16,),
         "lucidrains/conv_compress flavour: grouped conv1d with one length-l filter per head"),
    Case("loop_window_order", mk(loop_window_order), "fuse", "lN", False, (BF16,),
         "Ascend golden flavour: explicit fp32 loop j=0..l-1 from zeros, setitem", small_l),
    Case("loop_stack_sum", mk(loop_stack_sum), "fuse", "lN", False, (F16,),
         "per-position products in a list, torch.stack then sum", small_l),
    Case("functional_index_put", mk(functional_index_put), "fuse", "lN", True, (BF16,),
         "functional (jax-like) step: out-of-place Tensor.index_put returned"),
    Case("functional_clone_setitem", mk(functional_clone_setitem), "fuse", "lN", True, (F16,),
         "functional: clone of the cache then setitem; einsum 'blnd,ln->bnd'"),
    Case("functional_index_copy", mk(functional_index_copy), "fuse", "lN", True, (F32,),
         "functional: torch.index_copy out of place, index_select for kept rows"),
    Case("functional_scatter", mk(functional_scatter), "fuse", "lN", True, (BF16,),
         "functional: torch.scatter on the [S, N*D] reshape"),
    Case("upcast_whole_cache", mk(upcast_whole_cache), "fuse", "lN", False, (BF16,),
         "fp32 working copy of the whole cache, setitem, copy_ back rounded"),
    Case("upcast_whole_cache_functional", mk(upcast_whole_cache_functional), "fuse", "lN", True, (F16,),
         "functional fp32 working copy with index_put, returned rounded"),
    Case("dummy_row_redirect", mk(dummy_row_redirect), "fuse", "lN", False, (F16,),
         "vLLM padding idiom: non-firing rows sent to a scratch row appended to the cache"),
    Case("written_rows_mask", mk(written_rows_mask), "fuse", "lN", False, (BF16,),
         "whole-cache select with a written-rows bool vector built by index_put"),
    Case("take_along_dim_table", mk(take_along_dim_table), "fuse", "lN", False, (F16,),
         "take_along_dim on the table, floor_divide/remainder/logical_and spelled as functions"),
    Case("whole_sequence_then_gather", mk(whole_sequence_then_gather), "fuse", "lN", False, (BF16,),
         "materialise [B, cap, N, D] from the table, torch.gather the window"),
    Case("flat_index_select", mk(flat_index_select), "fuse", "lN", False, (F32,),
         "SGLang token-pool flavour: [tokens, N*D] buffer, index_select of token locations"),
    Case("positions_counting_down", mk(positions_counting_down), "fuse", "lN", False, (BF16,),
         "window as the last l tokens: s - arange(l, 0, -1)"),
    Case("count_compressed_tokens", mk(count_compressed_tokens), "fuse", "lN", False, (F16,),
         "condition from the compressed-length formula (clamped), n(s) > n(s-1)"),
    Case("residue_condition", mk(residue_condition), "fuse", "lN", False, (BF16,),
         "condition s % d == l % d and s >= l"),
    Case("floor_times_condition", mk(floor_times_condition), "fuse", "lN", False, (F32,),
         "condition ((s-l)//d)*d == s-l with t >= 0"),
    Case("mean_scale_then_sum", mk(mean_scale_then_sum, "none"), "fuse", "none", False, (BF16,),
         "fla mean pooling as the op's arithmetic: x * (1/l) then sum (l a power of two)", pow2_l),
    Case("mean_sum_then_divide_fp16", mk(mean_sum_then_divide_fp16, "none"), "fuse", "none", False, (F16,),
         "mean as fp32 sum / l, fp16 data, l a power of two", pow2_l),
    Case("mean_method_fp16", mk(mean_method_fp16, "none"), "fuse", "none", False, (F16,),
         "fla: .mean(dim=1) on the fp32 window, fp16 data, index_copy_", pow2_l),
    Case("avg_pool1d_fp16", mk(avg_pool1d_fp16, "none"), "fuse", "none", False, (F16,),
         "XunhaoLai avgpool_compress: F.avg_pool1d(kernel=l) on [B, N*D, l], fp16 data", pow2_l),
    Case("int32_indices", mk(int32_indices), "fuse", "lN", False, (BF16,),
         "int32 positions/page ids/slots used directly as indices (no .long())"),
    Case("fp32_weight_buffer", mk(fp32_weight_buffer, "lN32"), "fuse", "lN32", False, (F16,),
         "weight upcast once at load time, sum(dim=-3)"),
    Case("parameter_weight_keepdim", mk(parameter_weight_keepdim, "param"), "fuse", "lN", False, (BF16,),
         "nn.Parameter weight, torch.mul / torch.sum(keepdim) / squeeze"),
    Case("sum_with_dtype_arg", mk(sum_with_dtype_arg), "fuse", "lN", False, (F16,),
         "fp32 products reduced with torch.sum(dtype=float32)"),
    Case("two_d_token_buffer", mk(two_d_token_buffer), "fuse", "lN", False, (BF16,),
         "kv.view(-1, N*D)[token locations], weight broadcast as view(l, N, 1)"),
    Case("per_batch_python_loop", mk(per_batch_python_loop), "fuse", "lN", False, (F16,),
         "Ascend op-plugin golden flavour: Python loop over the batch, one row at a time"),
    Case("arange_buffer", make_arange_buffer, "fuse", "lN", False, (BF16,),
         "window offsets as a registered buffer"),
    Case("flipped_window", mk(flipped_window), "fuse", "lN", False, (F32,),
         "newest-first window with the weight flipped; torch.sum chooses the order"),
    Case("weight_4d_buffer", make_weight_4d, "fuse", "lN32", False, (F16,),
         "weight pre-shaped [1, l, N, 1] fp32 at init"),
    Case("where_safe_positions", mk(where_safe_positions), "fuse", "lN", False, (BF16,),
         "where(pos < 0, 0, pos) for short rows, condition computed first"),
    Case("modular_positions", mk(modular_positions), "fuse", "lN", False, (F16,),
         "short rows wrapped with pos % capacity"),
    Case("linear_per_head", mk(linear_per_head), "fuse", "lN", False, (F32,),
         "F.linear per head on the time-last window, stacked"),
    Case("vmap_per_sequence", mk(vmap_per_sequence), "fuse", "lN", False, (BF16,),
         "torch.vmap over a per-sequence compressor"),
    Case("unfold_windows", mk(unfold_windows), "fuse", "lN", False, (F16,),
         "Tensor.unfold(l, d) sliding windows of the whole sequence, pick window (s-l)//d"),
    Case("loop_gather_each_position", mk(loop_gather_each_position), "fuse", "lN", False, (F16,),
         "loop over the window with a page lookup per position, new_zeros accumulator", small_l),
    Case("einsum_weight_first", mk(einsum_weight_first), "fuse", "lN", False, (BF16,),
         "einsum 'jh,bjhd->bhd' with the weight first"),
    Case("page_and_offset_split", mk(page_and_offset_split), "fuse", "lN", False, (F32,),
         "kv reshaped [blocks, P, N*D], page/offset indexing, reshape back"),
    Case("masked_fill_keep", mk(masked_fill_keep), "fuse", "lN", False, (F16,),
         "inverted condition (skip mask) with where(skip, old, new)"),
    Case("index_put_fp32_new_rows", mk(index_put_fp32_new_rows), "fuse", "lN", False, (BF16,),
         "select in fp32 (kept rows upcast losslessly), one rounding of the selected rows"),
    # ---- near misses ----
    Case("nm_window_shifted", mk(nm_window_shifted), "no_fuse", "lN", False, (BF16,),
         "off-by-one window s-l+1 .. s"),
    Case("nm_strict_ge", mk(nm_strict_ge), "no_fuse", "lN", False, (F16,),
         "s > l instead of s >= l"),
    Case("nm_no_length_check", mk(nm_no_length_check), "no_fuse", "lN", False, (BF16,),
         "stride test only: s = l - d fires"),
    Case("nm_stride_is_l", mk(nm_stride_is_l), "no_fuse", "lN", False, (F16,),
         "(s - l) % l instead of % d", lambda l, d, P: d < l),
    Case("nm_count_unclamped", mk(nm_count_unclamped), "no_fuse", "lN", False, (BF16,),
         "compressed-count condition without the s < l clamp"),
    Case("nm_sigmoid_gate", mk(nm_sigmoid_gate), "no_fuse", "lN", False, (F16,),
         "gated compression"),
    Case("nm_bias", mk(nm_bias), "no_fuse", "lN", False, (BF16,),
         "positional bias after pooling"),
    Case("nm_softmax_weights", mk(nm_softmax_weights), "no_fuse", "lN", False, (F32,),
         "softmax-normalised weights"),
    Case("nm_half_sum", mk(nm_half_sum), "no_fuse", "lN", False, (BF16,),
         "sum in the data dtype"),
    Case("nm_products_rounded", mk(nm_products_rounded), "no_fuse", "lN", False, (F16,),
         "products rounded to the data dtype before the fp32 sum"),
    Case("nm_weight_via_bf16", mk(nm_weight_via_bf16), "no_fuse", "lN", False, (F16,),
         "lossy weight cast through bf16 in an fp16 model"),
    Case("nm_kept_rows_via_fp16", mk(nm_kept_rows_via_fp16), "no_fuse", "lN", False, (BF16,),
         "select in fp16 in a bf16 model (kept rows lossy)"),
    Case("nm_nan_to_num_kept", mk(nm_nan_to_num_kept), "no_fuse", "lN", False, (F16,),
         "value-dependent nan_to_num on the kept rows"),
    Case("nm_int16_pages", mk(nm_int16_pages), "no_fuse", "lN", False, (BF16,),
         "page table narrowed to int16"),
    Case("nm_int16_slots", mk(nm_int16_slots), "no_fuse", "lN", False, (F16,),
         "slots narrowed to int16"),
    Case("nm_clamp_page_ids", mk(nm_clamp_page_ids), "no_fuse", "lN", False, (BF16,),
         "page ids clamped to a constant 15"),
    Case("nm_skip_last_row", mk(nm_skip_last_row), "no_fuse", "lN", False, (F16,),
         "condition excludes the last batch row"),
    Case("nm_even_rows_only", mk(nm_even_rows_only), "no_fuse", "lN", False, (BF16,),
         "condition only on even batch rows"),
    Case("nm_reversed_loop", mk(nm_reversed_loop), "no_fuse", "lN", False, (F32,),
         "explicit window loop newest-first", small_l),
    Case("nm_loop_from_first_product", mk(nm_loop_from_first_product), "no_fuse", "lN", False, (F16,),
         "explicit loop starting from the first product, not +0.0", small_l),
    Case("nm_chunked_pairwise", mk(nm_chunked_pairwise), "no_fuse", "lN", False, (F32,),
         "explicit two-half sum", small_l),
    Case("nm_sequence_mask", mk(nm_sequence_mask), "no_fuse", "lN", False, (BF16,),
         "0/1 (weight-or-zero) mask over the whole sequence"),
    Case("nm_blend_arith", mk(nm_blend_arith), "no_fuse", "lN", False, (F16,),
         "arithmetic blend new*v + old*(1-v)"),
    Case("nm_fp64_accumulate", mk(nm_fp64_accumulate), "no_fuse", "lN", False, (F32,),
         "fp64 accumulation"),
    Case("nm_last_page_only", mk(nm_last_page_only), "no_fuse", "lN", False, (BF16,),
         "every token read from the last token's page"),
    Case("nm_mean_float_scale_l48", mk(nm_mean_float_scale_l48, "none"), "no_fuse", "none", False, (F16,),
         "mean with the fp32 constant 1/48 (op weight is fp16(1/48))", lambda l, d, P: l == 48),
    Case("nm_mean_divide_bf16", mk(nm_mean_divide_bf16, "none"), "no_fuse", "none", False, (BF16,),
         "mean as sum / l on bf16 data", pow2_l),
    Case("nm_any_valid_scale", mk(nm_any_valid_scale), "no_fuse", "lN", False, (F16,),
         "new rows scaled by the fraction of qualifying rows"),
]
