"""A blind corpus of whole NSA decode models (issue 19's evidence), written from the op contract alone.

The writer never saw the recogniser, its tests or the README's spelling advice. Each model is a small
decoder (1-4 layers: RMSNorm, q/k/v projections, rotary, append of the new token's K and V to a paged
KV cache, compression of K and V into compressed caches, attention over the compressed cache and/or a
sliding window of the paged cache, SwiGLU MLP), written the way serving and research code writes it:
vLLM (paged ``[num_blocks, P, N, D]`` caches, K and V stacked ``[2, ...]``), SGLang (a flat token pool
``[num_tokens, N, D]`` addressed through ``req_to_token[b, p]``, i.e. page size 1), HF ports (module
buffers), DeepSeek-style and lucidrains-style code.

The compression contract, for each batch row b with s = lengths[b]: if s >= l and (s - l) % d == 0,
positions p = s-l .. s-1, token(p) = kv[table[b, p // P], p % P] ([N, D]),
``cache[slot[b], h, :] = round(sum_j fp32(w[j, h]) * fp32(token_j[h, :]))`` (one rounding; mean pooling is
w = 1/l); other cache rows untouched. ``MODEL_CASES`` holds the positive models (``expect="fuse"``, every
compression is the contract) and near misses (``expect="no_fuse"``: realistic bugs or other designs).

Per case:

* ``build(dtype) -> nn.Module``: deterministic weights (seeded generator);
* ``make_inputs(model, B, seed) -> tuple``: the forward's positional arguments (all tensors);
  about half the rows qualify (one with s == l), KV positions at and after s-1 (the new token's position,
  written by the model's own append) and unowned pages hold NaN/+-inf, compressed-cache rows that no
  request owns hold NaN/+-inf;
* ``golden(model, args, after=None) -> {name: tensor}``: the contract applied by a plain per-row,
  per-position loop (:func:`loop_golden`) to the PRE-forward compressed caches of ``args`` (not mutated),
  reading window tokens from the paged KV *after* the model's own appends. The appended K/V values depend
  on the model's arithmetic (compiled code rounds differently from eager), so ``after=(post_args, out)``
  passes the run whose appends count: the arguments as that run left them and its return value. Without
  it, golden runs the model eagerly on clones to get them;
* ``caches(model, post_args, out) -> {name: tensor}``: the compressed caches after a forward: in place
  models read them from the (mutated) arguments, functional models from the return value
  (``model.caches_from(out, post_args)``);
* ``batch_positions``: indices of the arguments whose dim 0 is the batch (for ``mark_dynamic``).
"""
from __future__ import annotations

import dataclasses
import math
from typing import Callable

import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN = 128
NON_FINITE = (float("nan"), float("inf"), float("-inf"))


@dataclasses.dataclass
class ModelCase:
    name: str
    build: Callable
    make_inputs: Callable
    expect: str
    compressions: int
    golden: Callable
    dtype: torch.dtype
    note: str
    caches: Callable = None
    batch_positions: tuple = ()


# ----------------------------------------------------------------------------------------------------
# The golden: the contract, one row, one head, one position at a time
# ----------------------------------------------------------------------------------------------------

def loop_golden(kv, weight, slots, l, d, P, table, lengths, cache):
    """``kv`` [num_pages, P, N, D] (a flat pool is [num_tokens, 1, N, D] with P = 1), ``weight`` [l, N],
    ``cache`` [num_slots, N, D]. Returns a new cache; fp32 products and adds in window order j = 0..l-1,
    one rounding to the cache dtype."""
    out = cache.detach().clone()
    x = kv.detach().float()
    w = weight.detach().float()
    N = w.shape[1]
    for b in range(lengths.shape[0]):
        s = int(lengths[b])
        if s < l or (s - l) % d != 0:
            continue
        rows = []
        for h in range(N):
            acc = torch.zeros(x.shape[-1], dtype=torch.float32)
            for j in range(l):
                p = s - l + j
                token = x[int(table[b, p // P]), p % P, h]
                acc = acc + w[j, h] * token
            rows.append(acc)
        out[int(slots[b])] = torch.stack(rows).to(cache.dtype)
    return out


def _golden(model, args, after=None):
    if after is None:
        post = tuple(a.clone() for a in args)
        with torch.no_grad():
            out = model(*post)
    else:
        post, out = after
    result = {}
    for site in model.sites(args, post):
        name, kv, weight, slots, table, lengths, cache, P = site
        result[name] = loop_golden(kv, weight, slots, model.l, model.d, P, table, lengths, cache)
    return result


def _caches(model, post, out):
    return model.caches_from(out, post)


# ----------------------------------------------------------------------------------------------------
# Inputs: lengths, page tables, compressed-slot tables, caches with non-finite values where nobody reads
# ----------------------------------------------------------------------------------------------------

def _lengths(B, l, d, cap, g):
    lens = []
    for b in range(B):
        if b % 2 == 0:  # a window completes at this step
            k = 0 if b == 0 else int(torch.randint(0, (cap - l) // d + 1, (1,), generator=g))
            lens.append(l + k * d)
        else:
            fixed = {1: l - 1, 3: l + 1, 5: 1}
            s = fixed.get(b)
            while s is None or (s >= l and (s - l) % d == 0):
                s = int(torch.randint(1, cap + 1, (1,), generator=g))
            lens.append(s)
    return torch.tensor(lens)


class Layout:
    """Valid decode metadata for B requests: ``lens`` (tokens after this step's append), page ``table``
    [B, cap // P], compressed-slot table ``cmp_table`` [B, C] (the slots of a request's compressed tokens,
    in order), ``slots`` [B] (where this step's compressed token goes: the request's next slot, or for a
    row with no completed window, its last used / first slot: unique across rows)."""

    def __init__(self, B, seed, l, d, P, cap, extra_pages=3, extra_slots=8):
        g = torch.Generator().manual_seed(seed)
        self.g, self.B, self.l, self.d, self.P, self.cap = g, B, l, d, P, cap
        self.lens = _lengths(B, l, d, cap, g)
        pages = cap // P
        self.nb = B * pages + extra_pages
        self.table = torch.randperm(self.nb, generator=g)[:B * pages].view(B, pages)
        self.C = (cap - l) // d + 1
        self.S = B * self.C + extra_slots
        perm = torch.randperm(self.S, generator=g)
        self.cmp_table = perm[:B * self.C].view(B, self.C)
        self.unowned_slots = perm[B * self.C:]
        n = [(int(s) - l) // d + 1 if int(s) >= l else 0 for s in self.lens]
        self.slots = torch.stack([self.cmp_table[b, max(n[b] - 1, 0)] for b in range(B)])
        self.new_pos = self.lens - 1
        self.new_page = torch.stack([self.table[b, int(self.new_pos[b]) // P] for b in range(B)])
        self.new_off = self.new_pos % P

    def paged(self, N, D, dtype):
        """[nb, P, N, D]; positions >= s-1 of each request and pages nobody owns are NaN/+-inf."""
        kv = torch.randn(self.nb, self.P, N, D, generator=self.g)
        owned = torch.zeros(self.nb, dtype=torch.bool)
        owned[self.table.flatten()] = True
        kv[~owned] = float("nan")
        for b in range(self.B):
            for p in range(int(self.lens[b]) - 1, self.cap):
                kv[int(self.table[b, p // self.P]), p % self.P] = NON_FINITE[p % 3]
        return kv.to(dtype)

    def compressed(self, N, D, dtype):
        cache = torch.randn(self.S, N, D, generator=self.g)
        for i, s in enumerate(self.unowned_slots.tolist()):
            cache[s] = NON_FINITE[i % 3]
        return cache.to(dtype)

    def hidden(self, dtype):
        return torch.randn(self.B, HIDDEN, generator=self.g).to(dtype)


# ----------------------------------------------------------------------------------------------------
# Shared layer parts
# ----------------------------------------------------------------------------------------------------

def _linear(g, fan_in, fan_out, dtype):
    lin = nn.Linear(fan_in, fan_out, bias=False)
    lin.weight = nn.Parameter((torch.randn(fan_out, fan_in, generator=g) / math.sqrt(fan_in)).to(dtype),
                              requires_grad=False)
    return lin


def _param(t, dtype):
    return nn.Parameter(t.to(dtype), requires_grad=False)


class RMSNorm(nn.Module):
    def __init__(self, g, dim, dtype, eps=1e-6):
        super().__init__()
        self.weight = _param(1 + 0.1 * torch.randn(dim, generator=g), dtype)
        self.eps = eps

    def forward(self, x):
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return (xf * self.weight.float()).to(x.dtype)


class SwiGLU(nn.Module):
    def __init__(self, g, dtype, inter=256):
        super().__init__()
        self.gate_proj = _linear(g, HIDDEN, inter, dtype)
        self.up_proj = _linear(g, HIDDEN, inter, dtype)
        self.down_proj = _linear(g, inter, HIDDEN, dtype)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


def rotary(x, positions, base=10000.0):
    """x [B, N, D], positions [B] -> rotated x (neox halves)."""
    D = x.shape[-1]
    inv_freq = 1.0 / (base ** (torch.arange(0, D, 2, device=x.device, dtype=torch.float32) / D))
    freqs = positions.float()[:, None] * inv_freq[None, :]
    cos, sin = freqs.cos()[:, None, :], freqs.sin()[:, None, :]
    x1, x2 = x.float().chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1).to(x.dtype)


def attend(q, keys, vals, mask):
    """q [B, N, D], keys/vals [B, T, N, D], mask [B, T] -> [B, N, D]; fp32 softmax."""
    scores = torch.einsum("bhd,bthd->bht", q.float(), keys.float()) * q.shape[-1] ** -0.5
    scores = scores.masked_fill(~mask[:, None, :], torch.finfo(torch.float32).min)
    return torch.einsum("bht,bthd->bhd", scores.softmax(-1), vals.float()).to(q.dtype)


def window_read(kv, table, lens, P, W):
    """The last W tokens of each request from a paged cache (positions clamped at 0, masked)."""
    raw = lens[:, None].long() - W + torch.arange(W, device=lens.device)
    pos = raw.clamp(min=0)
    pages = table.long().gather(1, pos // P)
    return kv[pages, pos % P], raw >= 0


def compressed_read(cache, cmp_table, lens, l, d):
    n = torch.where(lens >= l, torch.div(lens - l, d, rounding_mode="floor") + 1, torch.zeros_like(lens))
    rows = cache[cmp_table.long()]
    mask = torch.arange(cmp_table.shape[1], device=lens.device)[None, :] < n[:, None]
    return rows, mask


class Proj(nn.Module):
    """A layer's norms, q/k/v/o projections and MLP (N heads of D for q and for K/V)."""

    def __init__(self, g, dtype, N, D):
        super().__init__()
        self.N, self.D = N, D
        self.input_norm = RMSNorm(g, HIDDEN, dtype)
        self.post_norm = RMSNorm(g, HIDDEN, dtype)
        self.q_proj = _linear(g, HIDDEN, N * D, dtype)
        self.k_proj = _linear(g, HIDDEN, N * D, dtype)
        self.v_proj = _linear(g, HIDDEN, N * D, dtype)
        self.o_proj = _linear(g, N * D, HIDDEN, dtype)
        self.mlp = SwiGLU(g, dtype)

    def qkv(self, x, positions):
        h = self.input_norm(x)
        B = x.shape[0]
        q = self.q_proj(h).view(B, self.N, self.D)
        k = self.k_proj(h).view(B, self.N, self.D)
        v = self.v_proj(h).view(B, self.N, self.D)
        return rotary(q, positions), rotary(k, positions), v

    def finish(self, x, attn):
        x = x + self.o_proj(attn.reshape(x.shape[0], -1))
        return x + self.mlp(self.post_norm(x))


def _pool_weight(g, l, N, dtype):
    return _param(torch.randn(l, N, generator=g) / math.sqrt(l), dtype)


class DecodeModel(nn.Module):
    """Common sizes and the input maker; subclasses define forward, sites and caches_from."""
    num_layers = 1
    N, D = 4, 32
    l, d, P, cap = 32, 16, 64, 256
    W = 16  # sliding window
    functional = False
    seed = 0

    def layout(self, B, seed):
        return Layout(B, seed, self.l, self.d, self.P, self.cap)

    def make_inputs(self, B, seed):
        raise NotImplementedError

    def caches_from(self, out, post):
        raise NotImplementedError


# ====================================================================================================
# Positive models
# ====================================================================================================

class VllmStackedCmp(DecodeModel):
    """vLLM style: per layer a KV cache [2, num_blocks, P, N, D] (K and V stacked) and a compressed cache
    [2, num_slots, N, D]; one gather and one weighted sum for K and V together, where + setitem on
    ``cmp_kv[:, slots]``."""
    num_layers, l, d, P, cap = 2, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(101)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.cmp_w = nn.ParameterList(_param(torch.randn(2, self.l, self.N, generator=g) / math.sqrt(self.l),
                                             dtype) for _ in range(self.num_layers))

    def forward(self, hidden_states, seq_lens, block_tables, cmp_slot_mapping, cmp_block_tables, *kv_caches):
        n = self.num_layers
        kv_layers, cmp_layers = kv_caches[:n], kv_caches[n:]
        positions = seq_lens.long() - 1
        x = hidden_states
        for i, layer in enumerate(self.layers):
            kv_cache, cmp_kv = kv_layers[i], cmp_layers[i]
            q, k, v = layer.qkv(x, positions)
            blk = block_tables.gather(1, (positions // self.P)[:, None]).squeeze(1)
            off = positions % self.P
            kv_cache[0, blk, off] = k
            kv_cache[1, blk, off] = v
            # compress K and V: last l tokens of each request
            win = seq_lens[:, None].long() - self.l + torch.arange(self.l, device=seq_lens.device)[None, :]
            win = win.clamp(min=0)
            win_blk = block_tables.gather(1, win // self.P)
            tokens = kv_cache[:, win_blk, win % self.P]  # [2, B, l, N, D]
            w = self.cmp_w[i].float()  # [2, l, N]
            pooled = (tokens.float() * w[:, None, :, :, None]).sum(dim=2).to(kv_cache.dtype)
            should = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
            cmp_kv[:, cmp_slot_mapping] = torch.where(should[None, :, None, None], pooled,
                                                      cmp_kv[:, cmp_slot_mapping])
            keys, mask = compressed_read(cmp_kv[0], cmp_block_tables, seq_lens, self.l, self.d)
            vals, _ = compressed_read(cmp_kv[1], cmp_block_tables, seq_lens, self.l, self.d)
            o_cmp = attend(q, keys, vals, mask)
            wk, wmask = window_read(kv_cache[0], block_tables, seq_lens, self.P, self.W)
            wv, _ = window_read(kv_cache[1], block_tables, seq_lens, self.P, self.W)
            o_win = attend(q, wk, wv, wmask)
            x = layer.finish(x, 0.5 * (o_cmp + o_win))
        return x

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.cmp_w[0].dtype
        kv = [torch.stack([lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt)])
              for _ in range(self.num_layers)]
        cmp = [torch.stack([lay.compressed(self.N, self.D, dt), lay.compressed(self.N, self.D, dt)])
               for _ in range(self.num_layers)]
        return (lay.hidden(dt), lay.lens.int(), lay.table.int(), lay.slots.long(), lay.cmp_table.int(),
                *kv, *cmp)

    batch_positions = (0, 1, 2, 3, 4)

    def sites(self, pre, post):
        n = self.num_layers
        out = []
        for i in range(n):
            for part, tag in ((0, "k"), (1, "v")):
                out.append((f"cmp_{tag}{i}", post[5 + i][part], self.cmp_w[i][part], pre[3], pre[2], pre[1],
                            pre[5 + n + i][part], self.P))
        return out

    def caches_from(self, out, post):
        n = self.num_layers
        return {f"cmp_{tag}{i}": post[5 + n + i][part] for i in range(n) for part, tag in ((0, "k"), (1, "v"))}


def _paged_compress(kv, w, lens, table, slots, cache, l, d, P):
    """Formulation as a serving engineer writes it: gather the window, fp32 weighted sum, masked write."""
    positions = lens[:, None] - l + torch.arange(l, device=lens.device)
    positions = positions.clamp(min=0)
    pages = table.gather(1, positions // P)
    tokens = kv[pages, positions % P]
    pooled = (tokens.float() * w.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
    valid = (lens >= l) & ((lens - l) % d == 0)
    cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))


class VllmSeparate(DecodeModel):
    """vLLM style with K and V in separate caches per layer; a helper does the compression (gather via
    block_table.gather, weighted sum, where + index_put_)."""
    num_layers, l, d, P, cap = 2, 64, 32, 128, 384

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(102)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.wk = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))
        self.wv = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))

    def forward(self, x, seq_lens, block_table, slot_mapping, cmp_table, *caches):
        n = self.num_layers
        for i, layer in enumerate(self.layers):
            k_cache, v_cache = caches[2 * i], caches[2 * i + 1]
            ck, cv = caches[2 * n + 2 * i], caches[2 * n + 2 * i + 1]
            pos = seq_lens - 1
            q, k, v = layer.qkv(x, pos)
            page = block_table[torch.arange(x.shape[0], device=x.device), pos // self.P]
            k_cache.index_put_((page, pos % self.P), k)
            v_cache.index_put_((page, pos % self.P), v)
            _paged_compress(k_cache, self.wk[i], seq_lens, block_table, slot_mapping, ck, self.l, self.d, self.P)
            _paged_compress(v_cache, self.wv[i], seq_lens, block_table, slot_mapping, cv, self.l, self.d, self.P)
            keys, mask = compressed_read(ck, cmp_table, seq_lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_table, seq_lens, self.l, self.d)
            wk, wmask = window_read(k_cache, block_table, seq_lens, self.P, self.W)
            wv, _ = window_read(v_cache, block_table, seq_lens, self.P, self.W)
            x = layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))
        return x

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.wk[0].dtype
        paged = [lay.paged(self.N, self.D, dt) for _ in range(2 * self.num_layers)]
        cmp = [lay.compressed(self.N, self.D, dt) for _ in range(2 * self.num_layers)]
        return (lay.hidden(dt), lay.lens.int(), lay.table.int(), lay.slots.long(), lay.cmp_table.int(),
                *paged, *cmp)

    def sites(self, pre, post):
        n, out = self.num_layers, []
        for i in range(n):
            for j, (tag, w) in enumerate((("k", self.wk[i]), ("v", self.wv[i]))):
                out.append((f"cmp_{tag}{i}", post[5 + 2 * i + j], w, pre[3], pre[2], pre[1],
                            pre[5 + 2 * n + 2 * i + j], self.P))
        return out

    def caches_from(self, out, post):
        n = self.num_layers
        return {f"cmp_{tag}{i}": post[5 + 2 * n + 2 * i + j] for i in range(n) for j, tag in enumerate("kv")}


class SglangFlatPool(DecodeModel):
    """SGLang style: per layer flat token pools k_buffer/v_buffer [num_tokens, N, D], ``req_to_token[b, p]``
    gives the pool index of request b's token p, ``out_cache_loc`` where the new token goes; compressed
    tokens in flat pools too, written with index_copy_; einsum pooling."""
    num_layers, l, d, P, cap = 2, 16, 16, 1, 128

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(103)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.k_compress = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))
        self.v_compress = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))

    def _compress(self, buf, weight, seq_lens, req_to_token, loc, cbuf):
        idx = seq_lens.unsqueeze(1) - self.l + torch.arange(self.l, device=seq_lens.device).unsqueeze(0)
        idx = torch.clamp(idx, min=0)
        token_ids = torch.gather(req_to_token, 1, idx)
        tokens = buf[token_ids]  # [B, l, N, D]
        pooled = torch.einsum("blhd,lh->bhd", tokens.float(), weight.float()).to(cbuf.dtype)
        ready = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        cbuf.index_copy_(0, loc, torch.where(ready.view(-1, 1, 1), pooled, cbuf.index_select(0, loc)))

    def forward(self, x, seq_lens, req_to_token, out_cache_loc, cmp_out_loc, cmp_req_to_token,
                k_buf0, v_buf0, k_buf1, v_buf1, ck0, cv0, ck1, cv1):
        bufs = [(k_buf0, v_buf0, ck0, cv0), (k_buf1, v_buf1, ck1, cv1)]
        for layer, (k_buf, v_buf, ck, cv), wk, wv in zip(self.layers, bufs, self.k_compress, self.v_compress):
            q, k, v = layer.qkv(x, seq_lens - 1)
            k_buf[out_cache_loc] = k
            v_buf[out_cache_loc] = v
            self._compress(k_buf, wk, seq_lens, req_to_token, cmp_out_loc, ck)
            self._compress(v_buf, wv, seq_lens, req_to_token, cmp_out_loc, cv)
            keys, mask = compressed_read(ck, cmp_req_to_token, seq_lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_req_to_token, seq_lens, self.l, self.d)
            # sliding window straight from the pool
            raw = seq_lens.unsqueeze(1) - self.W + torch.arange(self.W, device=x.device)
            ids = torch.gather(req_to_token, 1, raw.clamp(min=0))
            o_win = attend(q, k_buf[ids], v_buf[ids], raw >= 0)
            x = layer.finish(x, attend(q, keys, vals, mask) + o_win)
        return x

    batch_positions = (0, 1, 2, 3, 4, 5)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)  # P = 1: the page table is req_to_token
        dt = self.k_compress[0].dtype
        pools = [lay.paged(self.N, self.D, dt).squeeze(1) for _ in range(4)]
        cmp = [lay.compressed(self.N, self.D, dt) for _ in range(4)]
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.new_page.long(), lay.slots.long(),
                lay.cmp_table.long(), *pools, *cmp)

    def sites(self, pre, post):
        out = []
        for i in range(2):
            for j, (tag, w) in enumerate((("k", self.k_compress[i]), ("v", self.v_compress[i]))):
                out.append((f"cmp_{tag}{i}", post[6 + 2 * i + j].unsqueeze(1), w, pre[4], pre[2], pre[1],
                            pre[10 + 2 * i + j], 1))
        return out

    def caches_from(self, out, post):
        return {f"cmp_{tag}{i}": post[10 + 2 * i + j] for i in range(2) for j, tag in enumerate("kv")}


class HfPortBuffers(DecodeModel):
    """HF port style: offsets and rotary frequencies in module buffers, per-head compression weights stored
    [N, l], einsum "bjhd,hj->bhd", setitem write-back."""
    num_layers, l, d, P, cap = 1, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(104)
        self.layer = Proj(g, dtype, self.N, self.D)
        self.register_buffer("arange_l", torch.arange(self.l), persistent=False)
        self.register_buffer("inv_freq", 1.0 / (10000.0 ** (torch.arange(0, self.D, 2).float() / self.D)),
                             persistent=False)
        self.k_compress_weight = _param(torch.randn(self.N, self.l, generator=g) / math.sqrt(self.l), dtype)
        self.v_compress_weight = _param(torch.randn(self.N, self.l, generator=g) / math.sqrt(self.l), dtype)

    def _rope(self, x, position_ids):
        freqs = position_ids.float()[:, None] * self.inv_freq[None, :]
        emb = torch.cat((freqs, freqs), dim=-1)[:, None, :]
        x1, x2 = x[..., : self.D // 2], x[..., self.D // 2:]
        rotated = torch.cat((-x2, x1), dim=-1)
        return (x.float() * emb.cos() + rotated.float() * emb.sin()).to(x.dtype)

    def _compress(self, cache_seqlens, block_table, states, weight, cmp_states, cmp_slot):
        bsz = cache_seqlens.shape[0]
        positions = cache_seqlens.unsqueeze(-1) - self.l + self.arange_l
        positions = positions.clamp(0)
        batch_idx = torch.arange(bsz, device=states.device).unsqueeze(-1)
        pages = block_table[batch_idx, positions // self.P]
        window = states[pages, positions % self.P]  # [bsz, l, N, D]
        compressed = torch.einsum("bjhd,hj->bhd", window.float(), weight.float()).to(states.dtype)
        is_boundary = (cache_seqlens >= self.l) & ((cache_seqlens - self.l) % self.d == 0)
        cmp_states[cmp_slot] = torch.where(is_boundary[:, None, None], compressed, cmp_states[cmp_slot])

    def forward(self, hidden_states, cache_seqlens, block_table, cmp_slot, cmp_table,
                key_cache, value_cache, cmp_key_cache, cmp_value_cache):
        layer = self.layer
        bsz = hidden_states.shape[0]
        position_ids = cache_seqlens - 1
        h = layer.input_norm(hidden_states)
        q = self._rope(layer.q_proj(h).view(bsz, self.N, self.D), position_ids)
        k = self._rope(layer.k_proj(h).view(bsz, self.N, self.D), position_ids)
        v = layer.v_proj(h).view(bsz, self.N, self.D)
        page = block_table[torch.arange(bsz, device=h.device), position_ids // self.P]
        key_cache[page, position_ids % self.P] = k
        value_cache[page, position_ids % self.P] = v
        self._compress(cache_seqlens, block_table, key_cache, self.k_compress_weight, cmp_key_cache, cmp_slot)
        self._compress(cache_seqlens, block_table, value_cache, self.v_compress_weight, cmp_value_cache, cmp_slot)
        keys, mask = compressed_read(cmp_key_cache, cmp_table, cache_seqlens, self.l, self.d)
        vals, _ = compressed_read(cmp_value_cache, cmp_table, cache_seqlens, self.l, self.d)
        wk, wmask = window_read(key_cache, block_table, cache_seqlens, self.P, self.W)
        wv, _ = window_read(value_cache, block_table, cache_seqlens, self.P, self.W)
        return layer.finish(hidden_states, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.k_compress_weight.dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt),
                lay.compressed(self.N, self.D, dt), lay.compressed(self.N, self.D, dt))

    def sites(self, pre, post):
        return [("cmp_k0", post[5], self.k_compress_weight.t(), pre[3], pre[2], pre[1], pre[7], self.P),
                ("cmp_v0", post[6], self.v_compress_weight.t(), pre[3], pre[2], pre[1], pre[8], self.P)]

    def caches_from(self, out, post):
        return {"cmp_k0": post[7], "cmp_v0": post[8]}


class DeepseekMean(DecodeModel):
    """DeepSeek/MiniCPM-style mean pooling (l = 32, a power of two): gather through a flat view of the
    paged cache ``kv.view(-1, N, D)[page * P + off]``, ``.float().mean(1)``, scatter_ write-back; D = 64."""
    num_layers, N, D, l, d, P, cap = 2, 4, 64, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(105)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.dtype = dtype

    def compress(self, kv, lens, table, slots, cache):
        B = lens.shape[0]
        pos = (lens.view(B, 1) - self.l + torch.arange(self.l, device=lens.device).view(1, -1)).clamp(min=0)
        page = torch.gather(table, 1, pos // self.P)
        flat = kv.view(-1, self.N, self.D)
        tokens = flat[page * self.P + pos % self.P]
        mean = tokens.float().mean(dim=1).to(cache.dtype)
        done = (lens >= self.l) & (torch.remainder(lens - self.l, self.d) == 0)
        old = cache[slots]
        index = slots.view(B, 1, 1).expand(B, self.N, self.D)
        cache.scatter_(0, index, torch.where(done.view(B, 1, 1), mean, old))

    def forward(self, x, lens, table, slots, cmp_table, k0, v0, k1, v1, ck0, cv0, ck1, cv1):
        for layer, (kc, vc, ck, cv) in zip(self.layers, ((k0, v0, ck0, cv0), (k1, v1, ck1, cv1))):
            q, k, v = layer.qkv(x, lens - 1)
            flat_idx = torch.gather(table, 1, ((lens - 1) // self.P)[:, None])[:, 0] * self.P + (lens - 1) % self.P
            kc.view(-1, self.N, self.D)[flat_idx] = k
            vc.view(-1, self.N, self.D)[flat_idx] = v
            self.compress(kc, lens, table, slots, ck)
            self.compress(vc, lens, table, slots, cv)
            keys, mask = compressed_read(ck, cmp_table, lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_table, lens, self.l, self.d)
            wk, wmask = window_read(kc, table, lens, self.P, self.W)
            wv, _ = window_read(vc, table, lens, self.P, self.W)
            x = layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))
        return x

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                *[lay.paged(self.N, self.D, dt) for _ in range(4)], *[lay.compressed(self.N, self.D, dt) for _ in range(4)])

    def sites(self, pre, post):
        w = torch.full((self.l, self.N), 1.0 / self.l, dtype=self.dtype)
        return [(f"cmp_{tag}{i}", post[5 + 2 * i + j], w, pre[3], pre[2], pre[1], pre[9 + 2 * i + j], self.P)
                for i in range(2) for j, tag in enumerate("kv")]

    def caches_from(self, out, post):
        return {f"cmp_{tag}{i}": post[9 + 2 * i + j] for i in range(2) for j, tag in enumerate("kv")}


class LucidrainsFunctional(DecodeModel):
    """lucidrains-style: windows rearranged 'b l h d -> b h l d', per-head weights [N, l], functional
    compressed caches (``cache.index_put(...)`` returned, not mutated); gated branch mix."""
    num_layers, l, d, P, cap = 1, 16, 16, 64, 192
    functional = True

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(106)
        self.layer = Proj(g, dtype, self.N, self.D)
        self.k_intrablock_weights = _param(torch.randn(self.N, self.l, generator=g) / math.sqrt(self.l), dtype)
        self.v_intrablock_weights = _param(torch.randn(self.N, self.l, generator=g) / math.sqrt(self.l), dtype)
        self.to_strategy_combine = _linear(g, HIDDEN, 2 * self.N, dtype)

    def compress(self, cache, w, seq_lens, block_table, slots, cmp_cache):
        offsets = torch.arange(self.l, device=seq_lens.device)
        pos = torch.clamp(seq_lens[:, None] - self.l + offsets, min=0)
        pages = block_table.gather(-1, pos // self.P)
        windows = cache[pages, pos % self.P].permute(0, 2, 1, 3)  # b h l d
        compressed = (windows.float() * w.float()[None, :, :, None]).sum(dim=2).to(cmp_cache.dtype)
        completed = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        return cmp_cache.index_put((slots,), torch.where(completed[:, None, None], compressed, cmp_cache[slots]))

    def forward(self, x, seq_lens, block_table, slots, cmp_table, k_cache, v_cache, cmp_k, cmp_v):
        layer = self.layer
        q, k, v = layer.qkv(x, seq_lens - 1)
        pg = block_table.gather(-1, ((seq_lens - 1) // self.P).unsqueeze(-1)).squeeze(-1)
        k_cache[pg, (seq_lens - 1) % self.P] = k
        v_cache[pg, (seq_lens - 1) % self.P] = v
        new_k = self.compress(k_cache, self.k_intrablock_weights, seq_lens, block_table, slots, cmp_k)
        new_v = self.compress(v_cache, self.v_intrablock_weights, seq_lens, block_table, slots, cmp_v)
        keys, mask = compressed_read(new_k, cmp_table, seq_lens, self.l, self.d)
        vals, _ = compressed_read(new_v, cmp_table, seq_lens, self.l, self.d)
        wk, wmask = window_read(k_cache, block_table, seq_lens, self.P, self.W)
        wv, _ = window_read(v_cache, block_table, seq_lens, self.P, self.W)
        gates = torch.sigmoid(self.to_strategy_combine(layer.input_norm(x)).float()).view(-1, 2, self.N, 1)
        o = gates[:, 0] * attend(q, keys, vals, mask).float() + gates[:, 1] * attend(q, wk, wv, wmask).float()
        return layer.finish(x, o.to(x.dtype)), new_k, new_v

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.k_intrablock_weights.dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt),
                lay.compressed(self.N, self.D, dt), lay.compressed(self.N, self.D, dt))

    def sites(self, pre, post):
        return [("cmp_k0", post[5], self.k_intrablock_weights.t(), pre[3], pre[2], pre[1], pre[7], self.P),
                ("cmp_v0", post[6], self.v_intrablock_weights.t(), pre[3], pre[2], pre[1], pre[8], self.P)]

    def caches_from(self, out, post):
        return {"cmp_k0": out[1], "cmp_v0": out[2]}


class NpuGoldenPages(DecodeModel):
    """torch_npu-golden style (l <= P): every window token comes from the request's current page or the one
    before it, chosen with ``where``; index_put_ write-back."""
    num_layers, l, d, P, cap = 1, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(107)
        self.layer = Proj(g, dtype, self.N, self.D)
        self.wk = _pool_weight(g, self.l, self.N, dtype)
        self.wv = _pool_weight(g, self.l, self.N, dtype)

    def compress(self, kv, weight, act_seq, block_table, slot_mapping, cache):
        last_page_idx = (act_seq - 1) // self.P
        cur_page = block_table.gather(1, last_page_idx[:, None])  # [B, 1]
        prev_page = block_table.gather(1, (last_page_idx - 1).clamp(min=0)[:, None])
        pos = act_seq[:, None] - self.l + torch.arange(self.l, device=act_seq.device)[None, :]
        in_cur = (pos // self.P) == last_page_idx[:, None]
        off = pos % self.P
        tok = torch.where(in_cur[:, :, None, None], kv[cur_page, off], kv[prev_page, off])
        res = (tok.float() * weight.float().unsqueeze(0).unsqueeze(-1)).sum(1).to(cache.dtype)
        flag = (act_seq >= self.l) & ((act_seq - self.l) % self.d == 0)
        cache.index_put_((slot_mapping,), torch.where(flag[:, None, None], res, cache[slot_mapping]),
                         accumulate=False)

    def forward(self, x, act_seq, block_table, slot_mapping, cmp_table, k_cache, v_cache, cmp_k, cmp_v):
        layer = self.layer
        q, k, v = layer.qkv(x, act_seq - 1)
        page = block_table.gather(1, ((act_seq - 1) // self.P)[:, None])[:, 0]
        k_cache.index_put_((page, (act_seq - 1) % self.P), k)
        v_cache.index_put_((page, (act_seq - 1) % self.P), v)
        self.compress(k_cache, self.wk, act_seq, block_table, slot_mapping, cmp_k)
        self.compress(v_cache, self.wv, act_seq, block_table, slot_mapping, cmp_v)
        keys, mask = compressed_read(cmp_k, cmp_table, act_seq, self.l, self.d)
        vals, _ = compressed_read(cmp_v, cmp_table, act_seq, self.l, self.d)
        wk, wmask = window_read(k_cache, block_table, act_seq, self.P, self.W)
        wv, _ = window_read(v_cache, block_table, act_seq, self.P, self.W)
        return layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.wk.dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt),
                lay.compressed(self.N, self.D, dt), lay.compressed(self.N, self.D, dt))

    def sites(self, pre, post):
        return [("cmp_k0", post[5], self.wk, pre[3], pre[2], pre[1], pre[7], self.P),
                ("cmp_v0", post[6], self.wv, pre[3], pre[2], pre[1], pre[8], self.P)]

    def caches_from(self, out, post):
        return {"cmp_k0": post[7], "cmp_v0": post[8]}


class UpcastMatmulFunctional(DecodeModel):
    """Upcasts the whole paged cache and the compressed cache before working, pools with a matmul
    ([N, 1, l] @ [B, N, l, D]), returns the new compressed caches (``.to(dtype)``) instead of mutating."""
    num_layers, l, d, P, cap = 2, 64, 32, 128, 384
    functional = True

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(108)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.pool = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(2 * self.num_layers))

    def compress(self, kv, w, lens, table, slots, cmp):
        kvf = kv.float()
        pos = (lens[:, None] - self.l + torch.arange(self.l, device=lens.device)).clamp(min=0)
        pages = table.gather(1, pos // self.P)
        tokens = kvf[pages, pos % self.P].permute(0, 2, 1, 3)  # [B, N, l, D]
        pooled = torch.matmul(w.float().t().unsqueeze(1), tokens).squeeze(2)  # [B, N, D]
        cmpf = cmp.float()
        hit = (lens >= self.l) & ((lens - self.l) % self.d == 0)
        cmpf = cmpf.index_put((slots,), torch.where(hit[:, None, None], pooled, cmpf[slots]))
        return cmpf.to(cmp.dtype)

    def forward(self, x, lens, table, slots, cmp_table, k0, v0, k1, v1, ck0, cv0, ck1, cv1):
        outs = []
        for i, (layer, kc, vc, ck, cv) in enumerate(zip(self.layers, (k0, k1), (v0, v1), (ck0, ck1), (cv0, cv1))):
            q, k, v = layer.qkv(x, lens - 1)
            page = table.gather(1, ((lens.long() - 1) // self.P)[:, None]).squeeze(1)
            kc[page, (lens - 1) % self.P] = k
            vc[page, (lens - 1) % self.P] = v
            ck = self.compress(kc, self.pool[2 * i], lens, table, slots, ck)
            cv = self.compress(vc, self.pool[2 * i + 1], lens, table, slots, cv)
            outs += [ck, cv]
            keys, mask = compressed_read(ck, cmp_table, lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_table, lens, self.l, self.d)
            wk, wmask = window_read(kc, table, lens, self.P, self.W)
            wv, _ = window_read(vc, table, lens, self.P, self.W)
            x = layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))
        return (x, *outs)

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.pool[0].dtype
        return (lay.hidden(dt), lay.lens.int(), lay.table.int(), lay.slots.long(), lay.cmp_table.long(),
                lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt),
                lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt),
                *[lay.compressed(self.N, self.D, dt) for _ in range(4)])

    def sites(self, pre, post):
        kv = {("k", 0): 5, ("v", 0): 6, ("k", 1): 7, ("v", 1): 8}
        return [(f"cmp_{tag}{i}", post[kv[(tag, i)]], self.pool[2 * i + j], pre[3], pre[2], pre[1],
                 pre[9 + 2 * i + j], self.P) for i in range(2) for j, tag in enumerate("kv")]

    def caches_from(self, out, post):
        return {f"cmp_{tag}{i}": out[1 + 2 * i + j] for i in range(2) for j, tag in enumerate("kv")}


class LayerStacked3(DecodeModel):
    """vllm-ascend-like caches stacked over layers: k_caches [L, num_blocks, P, N, D], compressed
    [L, num_slots, N, D]; flat index_select gather, torch.div/remainder, index_copy_ into ``cmp_k[i]``."""
    num_layers, l, d, P, cap = 3, 16, 16, 64, 192

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(109)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.w_k = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))
        self.w_v = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))

    def compress(self, cache, w, seq_len, block_table, slots, out):
        B = seq_len.shape[0]
        positions = seq_len.unsqueeze(1) + torch.arange(-self.l, 0, device=seq_len.device).unsqueeze(0)
        positions = positions.clamp(min=0)
        blocks = torch.gather(block_table, 1, torch.div(positions, self.P, rounding_mode="floor"))
        flat_idx = (blocks * self.P + torch.remainder(positions, self.P)).reshape(-1)
        tokens = cache.flatten(0, 1).index_select(0, flat_idx).view(B, self.l, self.N, self.D)
        pooled = (tokens.float() * w.float().unsqueeze(0).unsqueeze(-1)).sum(1).to(out.dtype)
        take = (seq_len >= self.l) & ((seq_len - self.l) % self.d == 0)
        out.index_copy_(0, slots, torch.where(take[:, None, None], pooled, out.index_select(0, slots)))

    def forward(self, x, seq_len, block_table, slots, cmp_table, k_caches, v_caches, cmp_k, cmp_v):
        for i, layer in enumerate(self.layers):
            k_cache, v_cache = k_caches[i], v_caches[i]
            q, k, v = layer.qkv(x, seq_len - 1)
            blk = torch.gather(block_table, 1, torch.div(seq_len - 1, self.P, rounding_mode="floor")[:, None])
            flat = (blk[:, 0] * self.P + torch.remainder(seq_len - 1, self.P))
            k_cache.view(-1, self.N, self.D).index_copy_(0, flat, k)
            v_cache.view(-1, self.N, self.D).index_copy_(0, flat, v)
            self.compress(k_cache, self.w_k[i], seq_len, block_table, slots, cmp_k[i])
            self.compress(v_cache, self.w_v[i], seq_len, block_table, slots, cmp_v[i])
            keys, mask = compressed_read(cmp_k[i], cmp_table, seq_len, self.l, self.d)
            vals, _ = compressed_read(cmp_v[i], cmp_table, seq_len, self.l, self.d)
            wk, wmask = window_read(k_cache, block_table, seq_len, self.P, self.W)
            wv, _ = window_read(v_cache, block_table, seq_len, self.P, self.W)
            x = layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))
        return x

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.w_k[0].dtype
        L = self.num_layers
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                torch.stack([lay.paged(self.N, self.D, dt) for _ in range(L)]),
                torch.stack([lay.paged(self.N, self.D, dt) for _ in range(L)]),
                torch.stack([lay.compressed(self.N, self.D, dt) for _ in range(L)]),
                torch.stack([lay.compressed(self.N, self.D, dt) for _ in range(L)]))

    def sites(self, pre, post):
        return [(f"cmp_{tag}{i}", post[5 + j][i], w[i], pre[3], pre[2], pre[1], pre[7 + j][i], self.P)
                for i in range(self.num_layers) for j, (tag, w) in enumerate((("k", self.w_k), ("v", self.w_v)))]

    def caches_from(self, out, post):
        return {f"cmp_{tag}{i}": post[7 + j][i] for i in range(self.num_layers) for j, tag in enumerate("kv")}


class Hf4Layers(DecodeModel):
    """A 4-layer HF-port decoder: ``.long()`` on the tables, the window START clamped (not the positions),
    advanced indexing ``block_table[rows, pos // P]``, einsum "bjhd,jh->bhd", the condition spelled with
    ``remainder(...).eq(0) & ge``; 8 compressions per step."""
    num_layers, l, d, P, cap = 4, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(110)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.compress_k = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))
        self.compress_v = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))

    def _compress(self, states, weight, lengths, block_table, slot_ids, cmp_states):
        bt = block_table.long()
        rows = torch.arange(bt.shape[0], device=bt.device)[:, None]
        start = (lengths - self.l).clamp(min=0)
        pos = start[:, None] + torch.arange(self.l, device=bt.device)[None, :]
        window = states[bt[rows, pos // self.P], pos % self.P]
        pooled = torch.einsum("bjhd,jh->bhd", window.float(), weight.float())
        valid = (lengths - self.l).remainder(self.d).eq(0) & lengths.ge(self.l)
        cmp_states.index_put_((slot_ids.long(),),
                              torch.where(valid[:, None, None], pooled.to(cmp_states.dtype),
                                          cmp_states[slot_ids.long()]))

    def forward(self, hidden_states, lengths, block_table, slot_ids, cmp_table, *past_key_values):
        L = self.num_layers
        kvs, cmps = past_key_values[:2 * L], past_key_values[2 * L:]
        bt = block_table.long()
        rows = torch.arange(bt.shape[0], device=bt.device)
        pos = lengths - 1
        for i, layer in enumerate(self.layers):
            key_states, value_states = kvs[2 * i], kvs[2 * i + 1]
            cmp_keys, cmp_values = cmps[2 * i], cmps[2 * i + 1]
            q, k, v = layer.qkv(hidden_states, pos)
            key_states[bt[rows, pos // self.P], pos % self.P] = k
            value_states[bt[rows, pos // self.P], pos % self.P] = v
            self._compress(key_states, self.compress_k[i], lengths, block_table, slot_ids, cmp_keys)
            self._compress(value_states, self.compress_v[i], lengths, block_table, slot_ids, cmp_values)
            keys, mask = compressed_read(cmp_keys, cmp_table, lengths, self.l, self.d)
            vals, _ = compressed_read(cmp_values, cmp_table, lengths, self.l, self.d)
            wk, wmask = window_read(key_states, block_table, lengths, self.P, self.W)
            wv, _ = window_read(value_states, block_table, lengths, self.P, self.W)
            hidden_states = layer.finish(hidden_states, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))
        return hidden_states

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.compress_k[0].dtype
        L = self.num_layers
        return (lay.hidden(dt), lay.lens.int(), lay.table.int(), lay.slots.int(), lay.cmp_table.int(),
                *[lay.paged(self.N, self.D, dt) for _ in range(2 * L)],
                *[lay.compressed(self.N, self.D, dt) for _ in range(2 * L)])

    def sites(self, pre, post):
        L = self.num_layers
        return [(f"cmp_{tag}{i}", post[5 + 2 * i + j], w[i], pre[3], pre[2], pre[1], pre[5 + 2 * L + 2 * i + j], self.P)
                for i in range(L) for j, (tag, w) in enumerate((("k", self.compress_k), ("v", self.compress_v)))]

    def caches_from(self, out, post):
        L = self.num_layers
        return {f"cmp_{tag}{i}": post[5 + 2 * L + 2 * i + j] for i in range(L) for j, tag in enumerate("kv")}


class SglangFlatMean(DecodeModel):
    """SGLang flat pools with mean pooling (l = 16): ``sum(1) / l`` in fp32, scatter_ write-back; the pool
    index of the new token is looked up from req_to_token inside the model."""
    num_layers, l, d, P, cap = 1, 16, 16, 1, 128

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(111)
        self.layer = Proj(g, dtype, self.N, self.D)
        self.dtype = dtype

    def _pool(self, buf, seq_lens, req_to_token, loc, cbuf):
        B = seq_lens.shape[0]
        window = torch.arange(self.l, device=seq_lens.device) + (seq_lens - self.l).unsqueeze(1)
        ids = req_to_token.gather(1, window.clamp(min=0))
        summed = buf[ids].float().sum(dim=1)
        mean = (summed / self.l).to(cbuf.dtype)
        cond = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
        keep = cbuf[loc]
        cbuf.scatter_(0, loc[:, None, None].expand(B, self.N, self.D), torch.where(cond[:, None, None], mean, keep))

    def forward(self, x, seq_lens, req_to_token, cmp_loc, cmp_req_to_token, k_buffer, v_buffer, ck, cv):
        layer = self.layer
        q, k, v = layer.qkv(x, seq_lens - 1)
        loc = req_to_token.gather(1, (seq_lens - 1).unsqueeze(1)).squeeze(1)
        k_buffer[loc] = k
        v_buffer[loc] = v
        self._pool(k_buffer, seq_lens, req_to_token, cmp_loc, ck)
        self._pool(v_buffer, seq_lens, req_to_token, cmp_loc, cv)
        keys, mask = compressed_read(ck, cmp_req_to_token, seq_lens, self.l, self.d)
        vals, _ = compressed_read(cv, cmp_req_to_token, seq_lens, self.l, self.d)
        return layer.finish(x, attend(q, keys, vals, mask))

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                lay.paged(self.N, self.D, dt).squeeze(1), lay.paged(self.N, self.D, dt).squeeze(1),
                lay.compressed(self.N, self.D, dt), lay.compressed(self.N, self.D, dt))

    def sites(self, pre, post):
        w = torch.full((self.l, self.N), 1.0 / self.l, dtype=self.dtype)
        return [("cmp_k0", post[5].unsqueeze(1), w, pre[3], pre[2], pre[1], pre[7], 1),
                ("cmp_v0", post[6].unsqueeze(1), w, pre[3], pre[2], pre[1], pre[8], 1)]

    def caches_from(self, out, post):
        return {"cmp_k0": post[7], "cmp_v0": post[8]}


class DeepseekCmpOnly(DecodeModel):
    """DeepSeek-style 2-layer block whose attention reads only the compressed cache: positions
    ``lens + arange(-l, 0)``, page via ``torch.div(..., 'floor')``, offset via ``torch.remainder``,
    einsum with weights [l, N], setitem write-back."""
    num_layers, l, d, P, cap = 2, 64, 32, 128, 384

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(112)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.wkv = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(2 * self.num_layers))

    def compress(self, kv, w, lens, table, slots, cmp):
        pos = lens.unsqueeze(1) + torch.arange(-self.l, 0, device=lens.device)
        pos = pos.clamp(min=0)
        blk = torch.gather(table, 1, torch.div(pos, self.P, rounding_mode="floor"))
        x = kv[blk, torch.remainder(pos, self.P)]
        y = torch.einsum("bjhd,jh->bhd", x.float(), w.float()).to(cmp.dtype)
        m = (lens >= self.l) & ((lens - self.l) % self.d == 0)
        cmp[slots] = torch.where(m[:, None, None], y, cmp[slots])

    def forward(self, x, lens, table, slots, cmp_table, kv0_k, kv0_v, kv1_k, kv1_v, c0_k, c0_v, c1_k, c1_v):
        for i, (layer, kc, vc, ck, cv) in enumerate(zip(self.layers, (kv0_k, kv1_k), (kv0_v, kv1_v),
                                                        (c0_k, c1_k), (c0_v, c1_v))):
            q, k, v = layer.qkv(x, lens - 1)
            blk = torch.gather(table, 1, torch.div(lens - 1, self.P, rounding_mode="floor").unsqueeze(1)).squeeze(1)
            kc[blk, torch.remainder(lens - 1, self.P)] = k
            vc[blk, torch.remainder(lens - 1, self.P)] = v
            self.compress(kc, self.wkv[2 * i], lens, table, slots, ck)
            self.compress(vc, self.wkv[2 * i + 1], lens, table, slots, cv)
            keys, mask = compressed_read(ck, cmp_table, lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_table, lens, self.l, self.d)
            x = layer.finish(x, attend(q, keys, vals, mask))
        return x

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.wkv[0].dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                *[lay.paged(self.N, self.D, dt) for _ in range(4)], *[lay.compressed(self.N, self.D, dt) for _ in range(4)])

    def sites(self, pre, post):
        return [(f"cmp_{tag}{i}", post[5 + 2 * i + j], self.wkv[2 * i + j], pre[3], pre[2], pre[1],
                 pre[9 + 2 * i + j], self.P) for i in range(2) for j, tag in enumerate("kv")]

    def caches_from(self, out, post):
        return {f"cmp_{tag}{i}": post[9 + 2 * i + j] for i in range(2) for j, tag in enumerate("kv")}


class VllmStackedPagedFp32(DecodeModel):
    """fp32 model with vLLM's stacked paged cache [2, num_blocks, P, N, D] per layer and separate
    compressed caches; K and V compressed in a Python loop over (weight, cache) pairs."""
    num_layers, l, d, P, cap = 2, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(113)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(self.num_layers))
        self.k_pool = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))
        self.v_pool = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(self.num_layers))

    def forward(self, x, seq_lens, block_tables, slot_mapping, cmp_tables, kv_cache0, kv_cache1,
                ck0, cv0, ck1, cv1):
        B = x.shape[0]
        ar = torch.arange(self.l, device=x.device)
        for i, (layer, kv_cache, ck, cv) in enumerate(zip(self.layers, (kv_cache0, kv_cache1), (ck0, ck1), (cv0, cv1))):
            q, k, v = layer.qkv(x, seq_lens - 1)
            key_cache, value_cache = kv_cache.unbind(0)
            blk = block_tables[torch.arange(B, device=x.device), (seq_lens - 1) // self.P]
            key_cache[blk, (seq_lens - 1) % self.P] = k
            value_cache[blk, (seq_lens - 1) % self.P] = v
            pos = (seq_lens[:, None] - self.l + ar).clamp(min=0)
            pages = block_tables.gather(1, pos // self.P)
            offs = pos % self.P
            mask = (seq_lens >= self.l) & ((seq_lens - self.l) % self.d == 0)
            for idx, (w, cache) in enumerate(((self.k_pool[i], ck), (self.v_pool[i], cv))):
                toks = kv_cache[idx][pages, offs]
                pooled = torch.einsum("bjhd,jh->bhd", toks.float(), w.float()).to(cache.dtype)
                cache[slot_mapping] = torch.where(mask[:, None, None], pooled, cache[slot_mapping])
            keys, cmask = compressed_read(ck, cmp_tables, seq_lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_tables, seq_lens, self.l, self.d)
            wk, wmask = window_read(key_cache, block_tables, seq_lens, self.P, self.W)
            wv, _ = window_read(value_cache, block_tables, seq_lens, self.P, self.W)
            x = layer.finish(x, attend(q, keys, vals, cmask) + attend(q, wk, wv, wmask))
        return x

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.k_pool[0].dtype
        return (lay.hidden(dt), lay.lens.int(), lay.table.int(), lay.slots.long(), lay.cmp_table.int(),
                torch.stack([lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt)]),
                torch.stack([lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt)]),
                *[lay.compressed(self.N, self.D, dt) for _ in range(4)])

    def sites(self, pre, post):
        return [(f"cmp_{tag}{i}", post[5 + i][j], w[i], pre[3], pre[2], pre[1], pre[7 + 2 * i + j], self.P)
                for i in range(2) for j, (tag, w) in enumerate((("k", self.k_pool), ("v", self.v_pool)))]

    def caches_from(self, out, post):
        return {f"cmp_{tag}{i}": post[7 + 2 * i + j] for i in range(2) for j, tag in enumerate("kv")}


class DeepseekCompaction(DecodeModel):
    """A weighted-pool compressor that writes only the rows whose window completed, compacted:
    ``idx = done.nonzero()``, ``cache[slots[idx]] = compressed[idx]``."""
    num_layers, l, d, P, cap = 1, 32, 16, 64, 256

    def __init__(self, dtype):
        super().__init__()
        g = torch.Generator().manual_seed(114)
        self.layer = Proj(g, dtype, self.N, self.D)
        self.ape_k = _pool_weight(g, self.l, self.N, dtype)
        self.ape_v = _pool_weight(g, self.l, self.N, dtype)

    def compressor(self, kv, w, lens, table, slots, cache):
        pos = (lens[:, None] - self.l + torch.arange(self.l, device=lens.device)[None]).clamp(min=0)
        pages = table.gather(1, pos // self.P)
        tokens = kv[pages, pos % self.P].float()
        compressed = (tokens * w.float()[None, :, :, None]).sum(1).to(cache.dtype)
        done = (lens >= self.l) & ((lens - self.l) % self.d == 0)
        idx = done.nonzero().squeeze(-1)
        cache[slots[idx]] = compressed[idx]

    def forward(self, x, lens, table, slots, cmp_table, k_cache, v_cache, cmp_k, cmp_v):
        layer = self.layer
        q, k, v = layer.qkv(x, lens - 1)
        page = table.gather(1, ((lens - 1) // self.P)[:, None])[:, 0]
        k_cache[page, (lens - 1) % self.P] = k
        v_cache[page, (lens - 1) % self.P] = v
        self.compressor(k_cache, self.ape_k, lens, table, slots, cmp_k)
        self.compressor(v_cache, self.ape_v, lens, table, slots, cmp_v)
        keys, mask = compressed_read(cmp_k, cmp_table, lens, self.l, self.d)
        vals, _ = compressed_read(cmp_v, cmp_table, lens, self.l, self.d)
        wk, wmask = window_read(k_cache, table, lens, self.P, self.W)
        wv, _ = window_read(v_cache, table, lens, self.P, self.W)
        return layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.ape_k.dtype
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                lay.paged(self.N, self.D, dt), lay.paged(self.N, self.D, dt),
                lay.compressed(self.N, self.D, dt), lay.compressed(self.N, self.D, dt))

    def sites(self, pre, post):
        return [("cmp_k0", post[5], self.ape_k, pre[3], pre[2], pre[1], pre[7], self.P),
                ("cmp_v0", post[6], self.ape_v, pre[3], pre[2], pre[1], pre[8], self.P)]

    def caches_from(self, out, post):
        return {"cmp_k0": post[7], "cmp_v0": post[8]}


# ====================================================================================================
# Near misses: one decoder family (vLLM-style separate K/V caches), each with a compression that is NOT
# the contract
# ====================================================================================================

class NearMiss(DecodeModel):
    """``variant`` picks the compression bug / design:

    * ``window_before_new``: the window is p = s-l-1 .. s-2 (forgets the token appended in this step);
    * ``gated``: weights multiplied by a data-dependent sigmoid gate from the hidden state;
    * ``bias``: a learned [N, D] bias added to the pooled value;
    * ``no_upcast``: products and sum in the cache dtype (no fp32);
    * ``strict_gt``: condition ``s > l`` (misses the first window, s == l);
    * ``softmax_w``: weights softmax-normalised over the window in fp32;
    * ``mlp_pool``: lucidrains' compress MLP (a linear over the flattened window, per head);
    * ``last_d``: pools only the last d tokens of the window (weights w[l-d:]).
    """
    num_layers, l, d, P, cap = 2, 32, 16, 64, 256

    def __init__(self, dtype, variant, num_layers=2):
        super().__init__()
        self.variant, self.num_layers = variant, num_layers
        g = torch.Generator().manual_seed(200)
        self.layers = nn.ModuleList(Proj(g, dtype, self.N, self.D) for _ in range(num_layers))
        self.wk = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(num_layers))
        self.wv = nn.ParameterList(_pool_weight(g, self.l, self.N, dtype) for _ in range(num_layers))
        self.gate = _linear(g, HIDDEN, self.N, dtype)
        self.bias = _param(0.1 * torch.randn(self.N, self.D, generator=g), dtype)
        self.mlp_pool = _linear(g, self.l * self.D, self.D, dtype)

    def compress(self, kv, w, h, lens, table, slots, cache):
        l = self.l
        shift = 1 if self.variant == "window_before_new" else 0
        pos = (lens[:, None] - l - shift + torch.arange(l, device=lens.device)).clamp(min=0)
        tokens = kv[table.gather(1, pos // self.P), pos % self.P]  # [B, l, N, D]
        wf = w.float()[None]  # [1, l, N]
        if self.variant == "gated":
            wf = wf * torch.sigmoid(self.gate(h).float())[:, None, :]
        if self.variant == "softmax_w":
            wf = wf.softmax(dim=1)
        if self.variant == "no_upcast":
            pooled = (tokens * w[None, :, :, None]).sum(1)
        elif self.variant == "mlp_pool":
            flat = tokens.permute(0, 2, 1, 3).reshape(tokens.shape[0], self.N, l * self.D)
            pooled = self.mlp_pool(flat)
        elif self.variant == "last_d":
            pooled = (tokens[:, l - self.d:].float() * wf[:, l - self.d:, :, None]).sum(1).to(cache.dtype)
        else:
            pooled = (tokens.float() * wf[..., None]).sum(1)
            if self.variant == "bias":
                pooled = pooled + self.bias.float()
            pooled = pooled.to(cache.dtype)
        if self.variant == "strict_gt":
            ok = (lens > l) & ((lens - l) % self.d == 0)
        else:
            ok = (lens >= l) & ((lens - l) % self.d == 0)
        cache.index_put_((slots,), torch.where(ok[:, None, None], pooled, cache[slots]))

    def forward(self, x, lens, table, slots, cmp_table, *caches):
        n = self.num_layers
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[2 * i], caches[2 * i + 1], caches[2 * n + 2 * i], caches[2 * n + 2 * i + 1]
            q, k, v = layer.qkv(x, lens - 1)
            page = table.gather(1, ((lens - 1) // self.P)[:, None])[:, 0]
            kc[page, (lens - 1) % self.P] = k
            vc[page, (lens - 1) % self.P] = v
            h = layer.input_norm(x)
            self.compress(kc, self.wk[i], h, lens, table, slots, ck)
            self.compress(vc, self.wv[i], h, lens, table, slots, cv)
            keys, mask = compressed_read(ck, cmp_table, lens, self.l, self.d)
            vals, _ = compressed_read(cv, cmp_table, lens, self.l, self.d)
            wk, wmask = window_read(kc, table, lens, self.P, self.W)
            wv, _ = window_read(vc, table, lens, self.P, self.W)
            x = layer.finish(x, attend(q, keys, vals, mask) + attend(q, wk, wv, wmask))
        return x

    batch_positions = (0, 1, 2, 3, 4)

    def make_inputs(self, B, seed):
        lay = self.layout(B, seed)
        dt = self.wk[0].dtype
        n = self.num_layers
        return (lay.hidden(dt), lay.lens.long(), lay.table.long(), lay.slots.long(), lay.cmp_table.long(),
                *[lay.paged(self.N, self.D, dt) for _ in range(2 * n)],
                *[lay.compressed(self.N, self.D, dt) for _ in range(2 * n)])

    def sites(self, pre, post):
        n = self.num_layers
        return [(f"cmp_{tag}{i}", post[5 + 2 * i + j], w[i], pre[3], pre[2], pre[1], pre[5 + 2 * n + 2 * i + j], self.P)
                for i in range(n) for j, (tag, w) in enumerate((("k", self.wk), ("v", self.wv)))]

    def caches_from(self, out, post):
        n = self.num_layers
        return {f"cmp_{tag}{i}": post[5 + 2 * n + 2 * i + j] for i in range(n) for j, tag in enumerate("kv")}


# ----------------------------------------------------------------------------------------------------

def _case(name, cls, expect, compressions, dtype, note, **kw):
    def build(dt, _cls=cls, _kw=kw):
        return _cls(dt, **_kw)

    return ModelCase(name=name, build=build, make_inputs=lambda model, B, seed: model.make_inputs(B, seed),
                     expect=expect, compressions=compressions, golden=_golden, dtype=dtype, note=note,
                     caches=_caches, batch_positions=cls.batch_positions)


MODEL_CASES = [
    _case("vllm_stacked_cmp_2l", VllmStackedCmp, "fuse", 4, torch.float16,
          "K/V stacked [2, ...] paged and compressed caches; one weighted sum for both; cmp_kv[:, slots] = where"),
    _case("vllm_separate_2l", VllmSeparate, "fuse", 4, torch.bfloat16,
          "separate K/V caches, helper with block_table.gather + weighted sum + where/index_put_; l=64 P=128"),
    _case("sglang_flat_pool_2l", SglangFlatPool, "fuse", 4, torch.bfloat16,
          "flat token pools via req_to_token (P=1), einsum 'blhd,lh->bhd', index_copy_"),
    _case("hf_port_buffers_1l", HfPortBuffers, "fuse", 2, torch.float16,
          "arange_l / inv_freq module buffers, weights [N, l], einsum 'bjhd,hj->bhd', setitem"),
    _case("deepseek_mean_2l", DeepseekMean, "fuse", 4, torch.bfloat16,
          "mean pooling (l=32), flat view gather kv.view(-1,N,D)[page*P+off], scatter_; D=64"),
    _case("lucidrains_functional_1l", LucidrainsFunctional, "fuse", 2, torch.float16,
          "'b h l d' windows, weights [N, l], functional index_put returned; l=d=16"),
    _case("npu_golden_pages_1l", NpuGoldenPages, "fuse", 2, torch.float16,
          "each window token from the current or previous page via where (l <= P); index_put_"),
    _case("upcast_matmul_functional_2l", UpcastMatmulFunctional, "fuse", 4, torch.bfloat16,
          "whole paged and compressed caches upcast, matmul pooling, functional .to(dtype) return; l=64 P=128"),
    _case("layer_stacked_3l", LayerStacked3, "fuse", 6, torch.float16,
          "caches stacked over layers [L, ...], index_select flat gather, div/remainder, index_copy_ on cmp[i]"),
    _case("hf_4layers", Hf4Layers, "fuse", 8, torch.bfloat16,
          "4 layers; .long() tables, clamped window start, advanced-index page lookup, einsum, remainder().eq(0)"),
    _case("sglang_flat_mean_1l", SglangFlatMean, "fuse", 2, torch.float16,
          "flat pools, mean as sum/l (l=16), scatter_, compressed attention only"),
    _case("deepseek_cmp_only_2l", DeepseekCmpOnly, "fuse", 4, torch.bfloat16,
          "positions lens+arange(-l,0), torch.div floor, remainder, einsum; compressed attention only; l=64 P=128"),
    _case("vllm_stacked_paged_fp32_2l", VllmStackedPagedFp32, "fuse", 4, torch.float32,
          "fp32 model; [2, nb, P, N, D] paged cache, K/V compressed in a python loop over (weight, cache)"),
    _case("deepseek_compaction_1l", DeepseekCompaction, "fuse", 2, torch.float16,
          "compaction write cache[slots[idx]] = compressed[idx] with idx = done.nonzero()"),
    # near misses
    _case("nm_window_before_new", NearMiss, "no_fuse", 4, torch.float16,
          "window p = s-l-1 .. s-2: forgets the token appended in this step", variant="window_before_new"),
    _case("nm_gated_weights", NearMiss, "no_fuse", 4, torch.bfloat16,
          "pooling weights times a sigmoid gate computed from the hidden state", variant="gated"),
    _case("nm_bias", NearMiss, "no_fuse", 4, torch.float16,
          "learned bias added to the fp32 pooled value", variant="bias"),
    _case("nm_no_upcast", NearMiss, "no_fuse", 4, torch.float16,
          "products and sum in fp16 (no fp32 upcast)", variant="no_upcast"),
    _case("nm_strict_gt", NearMiss, "no_fuse", 4, torch.bfloat16,
          "condition s > l: the first window (s == l) is never written", variant="strict_gt"),
    _case("nm_softmax_weights", NearMiss, "no_fuse", 2, torch.float16,
          "weights softmax-normalised over the window in fp32", variant="softmax_w", num_layers=1),
    _case("nm_mlp_pool", NearMiss, "no_fuse", 2, torch.bfloat16,
          "lucidrains compress MLP: a linear over the flattened window", variant="mlp_pool", num_layers=1),
    _case("nm_last_d_tokens", NearMiss, "no_fuse", 2, torch.float16,
          "pools only the last d tokens of the window", variant="last_d", num_layers=1),
]
