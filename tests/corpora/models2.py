"""A second blind whole-model corpus (``models2``) for issue 19: small decode models as serving code writes them.

Written from the op contract (docs/contract.md) and public NSA / serving code styles only, without
reading the recogniser, its tests, the README's advice or the other model corpus. Every positive
model is a 1-4 layer decoder; each layer: RMSNorm, q/k/v projections, rotary, append the new token's
K and V to its paged KV cache, compress K and V into compressed caches (the contract, written in a
different style per model), attention over a sliding window of the paged KV (and, in some models,
over the compressed cache just written), SwiGLU MLP. The near misses are realistic bugs or designs
whose compression is *not* the contract.

``MODEL_CASES`` holds ``ModelCase(name, build, make_inputs, expect, compressions, golden, dtype, note,
caches, batch_positions)`` (the format of ``run_models.py``):

* ``build(dtype)``: the model, weights drawn from a seeded generator;
* ``make_inputs(model, B, seed)``: the forward's positional args (tensors only): lengths ``s`` (the
  sequence length *after* this step's token is appended), about half of the rows completing a
  window (one row with ``s == l`` and one with ``s == l + d`` when ``B >= 4``), one row shorter than
  ``l``; page ids and slots valid per the contract; KV positions no window reads (the new token's
  position before the append, future positions, pages nobody owns) hold NaN / +-inf;
* ``golden(model, args, after=None)``: the expected compressed caches from the contract's loop
  (``contract_loop``, fp32 products and adds in window order, one rounding), reading the window
  tokens from the paged KV *after* the forward (``after=(args_after, result)``; without it, an eager
  forward on clones supplies the model's own appends) and every other row from the pre-forward args;
* ``caches(model, args, result)``: the compressed caches after a forward: the mutated args, or for a
  functional model (``lucidrains_functional_1l``) the returned tensors (``result[1:]``).

Each model class lists its compression sites in ``sites(args, result=None)``: name, paged KV (``[pages,
P, N, D]``; a flat token pool is viewed as ``[tokens, 1, N, D]`` with ``P = 1``), nominal weight ``[l, N]``,
slots, table, lengths, cache. ``check_eager()`` (``python models2.py``) runs every case eagerly: positives
equal the golden (bit-exact where the model sums in window order, else within fp tolerance), near
misses differ from it.
"""
from __future__ import annotations

import dataclasses

import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN = 128
WINDOW = 16  # sliding-window attention span over the paged KV
NONFINITE = (float("nan"), float("inf"), float("-inf"))


try:  # the runner's case format (tests/corpora/run_models.py), defined with the first model corpus
    from models1 import ModelCase
except ImportError:  # imported as tests.corpora.models2
    from tests.corpora.models1 import ModelCase


@dataclasses.dataclass(frozen=True)
class Geo:
    l: int
    d: int
    P: int
    pages_per_seq: int
    N: int = 4
    D: int = 32

    @property
    def cap(self):
        return self.pages_per_seq * self.P

    @property
    def cmax(self):  # compressed tokens a full sequence holds
        return (self.cap - self.l) // self.d + 1


G32 = Geo(32, 16, 64, 3, 4, 32)
G64 = Geo(64, 32, 128, 2, 4, 64)
G16 = Geo(16, 16, 64, 3, 4, 32)


# ----------------------------------------------------------------------------------------------------
# Contract golden: one row, one window position at a time
# ----------------------------------------------------------------------------------------------------

def contract_loop(kv, weight, slots, l, d, P, table, lengths, cache):
    """New cache per docs/contract.md: for each completing row, acc = 0; acc = acc + fp32(w[j]) * fp32(tok_j)
    for j = 0..l-1 (product rounded to fp32, then the add), one rounding to the cache dtype."""
    out = cache.detach().clone()
    x = kv.detach().float()
    w = weight.detach().float()
    for b in range(lengths.shape[0]):
        s = int(lengths[b])
        if s < l or (s - l) % d != 0:
            continue
        acc = torch.zeros(x.shape[-2:], dtype=torch.float32)
        for j in range(l):
            p = s - l + j
            tok = x[int(table[b, p // P]), p % P]  # [N, D]
            prod = w[j][:, None] * tok
            acc = acc + prod
        out[int(slots[b])] = acc.to(cache.dtype)
    return out


def nan_equal(a, b):
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    na, nb = torch.isnan(a), torch.isnan(b)
    return torch.equal(na, nb) and torch.equal(a.masked_fill(na, 0), b.masked_fill(nb, 0))


def nan_close(a, b):
    na, nb = torch.isnan(a), torch.isnan(b)
    if not torch.equal(na, nb):
        return False
    tol = 1e-5 if a.dtype == torch.float32 else 2e-2
    return bool(torch.isclose(a.masked_fill(na, 0).float(), b.masked_fill(nb, 0).float(), rtol=tol, atol=tol).all())


def make_golden():
    def golden(model, args, after=None):
        if after is None:
            clone = tuple(a.clone() for a in args)
            with torch.no_grad():
                res = model(*clone)
            after = (clone, res)
        pre = {s["name"]: s for s in model.sites(args)}
        post = {s["name"]: s for s in model.sites(*after)}
        g = model.geo
        out = {}
        for name, s in pre.items():
            P = s.get("P", g.P)
            out[name] = contract_loop(post[name]["kv"], s["w"], s["slots"], g.l, g.d, P, s["table"],
                                      s["lengths"], s["cache"])
        return out
    return golden


def caches_of(model, args, result=None):
    return {s["name"]: s["cache"] for s in model.sites(args, result)}


# ----------------------------------------------------------------------------------------------------
# Shared decoder parts (what every model has around its compression)
# ----------------------------------------------------------------------------------------------------

def seeded_init(module, seed):
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.endswith("norm.weight") or name.endswith("ln.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
            elif name.split(".")[-1] in ("wk", "wv", "pool_k", "pool_v", "gate_w", "bias_k", "bias_v",
                                         "pos_k", "pos_v"):
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))
            else:
                p.copy_(0.06 * torch.randn(p.shape, generator=gen))
    return module


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
        return (xf * self.weight.float()).to(x.dtype)


def rope(x, pos, inv_freq):
    """x [B, N, D], pos [B] int: neox-style rotary in fp32."""
    ang = pos.float()[:, None] * inv_freq[None, :]
    cos, sin = ang.cos()[:, None, :], ang.sin()[:, None, :]
    x1, x2 = x.float().chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1).to(x.dtype)


def attend(q, k_win, v_win, win_ok, k_c=None, v_c=None, c_ok=None):
    """q [B, N, D]; k_win/v_win [B, W, N, D], win_ok [B, W]; optional compressed k_c/v_c [B, C, N, D]."""
    scale = q.shape[-1] ** -0.5
    sc = torch.einsum("bnd,bwnd->bnw", q.float(), k_win.float()) * scale
    sc = sc.masked_fill(~win_ok[:, None, :], float("-inf"))
    vals = v_win.float()
    if k_c is not None:
        scc = torch.einsum("bnd,bcnd->bnc", q.float(), k_c.float()) * scale
        scc = scc.masked_fill(~c_ok[:, None, :], float("-inf"))
        sc = torch.cat([scc, sc], dim=-1)
        vals = torch.cat([v_c.float(), vals], dim=1)
    p = torch.softmax(sc, dim=-1)
    return torch.einsum("bnw,bwnd->bnd", p, vals).to(q.dtype)


class Block(nn.Module):
    """The parts of an NSA decode layer around the KV bookkeeping."""

    def __init__(self, geo, layer_seed, extra=None):
        super().__init__()
        N, D = geo.N, geo.D
        self.geo = geo
        self.in_norm = RMSNorm(HIDDEN)
        self.q_proj = nn.Linear(HIDDEN, N * D, bias=False)
        self.k_proj = nn.Linear(HIDDEN, N * D, bias=False)
        self.v_proj = nn.Linear(HIDDEN, N * D, bias=False)
        self.o_proj = nn.Linear(N * D, HIDDEN, bias=False)
        self.post_norm = RMSNorm(HIDDEN)
        self.gate = nn.Linear(HIDDEN, 2 * HIDDEN, bias=False)
        self.up = nn.Linear(HIDDEN, 2 * HIDDEN, bias=False)
        self.down = nn.Linear(2 * HIDDEN, HIDDEN, bias=False)
        self.wk = nn.Parameter(torch.empty(geo.l, N))
        self.wv = nn.Parameter(torch.empty(geo.l, N))
        self.register_buffer("inv_freq", 1.0 / (10000 ** (torch.arange(0, D, 2).float() / D)), persistent=False)
        self.layer_seed = layer_seed

    def qkv(self, x, lengths):
        B = x.shape[0]
        N, D = self.geo.N, self.geo.D
        h = self.in_norm(x)
        q = self.q_proj(h).view(B, N, D)
        k = self.k_proj(h).view(B, N, D)
        v = self.v_proj(h).view(B, N, D)
        pos = lengths.long() - 1
        return rope(q, pos, self.inv_freq), rope(k, pos, self.inv_freq), v

    def finish(self, x, o):
        x = x + self.o_proj(o.reshape(x.shape[0], -1))
        h = self.post_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


def finalize(model, dtype, seed):
    seeded_init(model, seed)
    return model.to(dtype).eval()


def window_positions(lengths, W):
    pos = lengths.long()[:, None] - W + torch.arange(W, device=lengths.device)
    ok = pos >= 0
    return pos.clamp(min=0), ok


def paged_window(kv, table, pos, P):
    pages = table.long().gather(1, pos // P)
    return kv[pages, pos % P]


# ----------------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------------

def pick_lengths(geo, B, gen):
    """About half the rows complete a window; row kinds shuffled."""
    l, d, cap = geo.l, geo.d, geo.cap
    kinds = []
    for i in range(B):
        if i == 0:
            kinds.append(l)
        elif i == 1:
            kinds.append(l + d)
        elif i < B // 2:
            m = int(torch.randint(0, (cap - l) // d + 1, (1,), generator=gen))
            kinds.append(l + m * d)
        elif i == B // 2:
            kinds.append(int(torch.randint(1, l, (1,), generator=gen)))
        else:
            while True:
                s = int(torch.randint(1, cap + 1, (1,), generator=gen))
                if s < l or (s - l) % d:
                    break
            kinds.append(s)
    perm = torch.randperm(B, generator=gen)
    return torch.tensor(kinds, dtype=torch.int64)[perm]


def qualifies(s, l, d):
    return s >= l and (s - l) % d == 0


def poison(t, gen):
    """Fill with NaN / +inf / -inf chosen at random."""
    idx = torch.randint(0, 3, t.shape, generator=gen)
    vals = torch.tensor(NONFINITE, dtype=torch.float32)[idx]
    return vals.to(t.dtype)


@dataclasses.dataclass
class Batch:
    lengths: torch.Tensor
    table: torch.Tensor  # [B, pages_per_seq] page ids (or [B, cap] token ids for a flat pool)
    new_loc: torch.Tensor  # flat position of the new token: page*P + offset (or token id)
    slots: torch.Tensor
    cmp_table: torch.Tensor
    kv: list  # per layer (k, v) paged [pages, P, N, D] (or flat [tokens, N, D])
    cmp: list  # per layer (ck, cv) [num_slots, N, D]


def make_batch(geo, B, seed, dtype, layers, *, flat=False, pad_slot=False, pad_table=False):
    gen = torch.Generator().manual_seed(seed)
    l, d, P, N, D = geo.l, geo.d, geo.P, geo.N, geo.D
    lengths = pick_lengths(geo, B, gen)
    unit = 1 if flat else P
    per_seq = geo.cap // unit
    num_units = B * per_seq + 3
    owned = torch.randperm(num_units, generator=gen)[: B * per_seq].view(B, per_seq)
    new_loc = torch.empty(B, dtype=torch.int64)
    for b in range(B):
        p = int(lengths[b]) - 1
        new_loc[b] = owned[b, p // unit] * unit + p % unit
    table = owned.clone()
    if pad_table:  # entries past the sequence's last page: never read, padded with -1
        for b in range(B):
            used = (int(lengths[b]) + unit - 1) // unit
            table[b, used:] = -1
    cmax = geo.cmax
    num_slots = B * cmax + 2  # the last two rows are never named by a completing row
    cmp_table = torch.randperm(B * cmax, generator=gen).view(B, cmax)
    slots = torch.empty(B, dtype=torch.int64)
    for b in range(B):
        s = int(lengths[b])
        n = (s - l) // d + 1 if s >= l else 0
        if qualifies(s, l, d):
            slots[b] = cmp_table[b, n - 1]
        else:
            slots[b] = -1 if pad_slot else cmp_table[b, n]
    kvs, cmps = [], []
    for _ in range(layers):
        pair = []
        for _kv in range(2):
            if flat:
                t = torch.randn(num_units, N, D, generator=gen).to(dtype)
                view = t.view(num_units, 1, N, D)
            else:
                t = torch.randn(num_units, P, N, D, generator=gen).to(dtype)
                view = t
            flat_t = view.view(-1, N, D)
            mask = torch.ones(num_units * unit, dtype=torch.bool)
            for b in range(B):
                s = int(lengths[b])
                for p in range(s - 1):  # positions < s-1 hold real tokens; s-1 is appended by the model
                    mask[owned[b, p // unit] * unit + p % unit] = False
            flat_t[mask] = poison(flat_t[mask], gen)
            pair.append(t)
        kvs.append(tuple(pair))
        pair = []
        for _kv in range(2):
            c = torch.randn(num_slots, N, D, generator=gen).to(dtype)
            c[-2:] = float("inf")
            pair.append(c)
        cmps.append(tuple(pair))
    return Batch(lengths, table, new_loc, slots, cmp_table, kvs, cmps)


def cmp_window(lengths, cmp_table, l, d):
    n = torch.where(lengths >= l, torch.div(lengths - l, d, rounding_mode="floor") + 1, torch.zeros_like(lengths))
    C = cmp_table.shape[1]
    ok = torch.arange(C, device=lengths.device)[None, :] < n[:, None]
    return cmp_table, ok


def hidden_in(B, seed, dtype):
    gen = torch.Generator().manual_seed(seed + 101)
    return torch.randn(B, HIDDEN, generator=gen).to(dtype)


# ====================================================================================================
# Positive models
# ====================================================================================================

# --- P1: vLLM style, K and V stacked in one [2, ...] paged cache and one [2, ...] compressed cache ----

class VllmStackedLayer(Block):
    def forward(self, x, lengths, block_table, kv_slot_mapping, cmp_slots, cmp_table, kv_cache, cmp_cache):
        g = self.geo
        P = kv_cache.shape[2]
        q, k, v = self.qkv(x, lengths)
        # reshape_and_cache: the new token goes to flat slot page * P + offset
        blk = torch.div(kv_slot_mapping, P, rounding_mode="floor")
        off = kv_slot_mapping % P
        kv_cache[0, blk, off] = k
        kv_cache[1, blk, off] = v
        # compression of the window that just completed, K and V at once
        seq = lengths.long()
        pos = (seq.unsqueeze(1) - g.l + torch.arange(g.l, device=x.device)).clamp_min(0)
        pages = block_table.long().gather(1, pos // P)
        toks = kv_cache[:, pages, pos % P]  # [2, B, l, N, D]
        w = torch.stack([self.wk, self.wv])  # [2, l, N]
        pooled = (toks.float() * w.float()[:, None, :, :, None]).sum(dim=2).to(cmp_cache.dtype)
        done = (seq >= g.l) & ((seq - g.l) % g.d == 0)
        cmp_cache[:, cmp_slots] = torch.where(done[None, :, None, None], pooled, cmp_cache[:, cmp_slots])
        # attention: compressed tokens of the sequence + sliding window
        wpos, wok = window_positions(seq, WINDOW)
        wpages = block_table.long().gather(1, wpos // P)
        ctab, cok = cmp_window(seq, cmp_table, g.l, g.d)
        o = attend(q, kv_cache[0, wpages, wpos % P], kv_cache[1, wpages, wpos % P], wok,
                   cmp_cache[0, ctab], cmp_cache[1, ctab], cok)
        return self.finish(x, o)


class VllmStackedModel(nn.Module):
    def __init__(self, geo, layers):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList(VllmStackedLayer(geo, i) for i in range(layers))

    def forward(self, x, lengths, block_table, kv_slot_mapping, cmp_slots, cmp_table, *caches):
        for i, layer in enumerate(self.layers):
            x = layer(x, lengths, block_table, kv_slot_mapping, cmp_slots, cmp_table, caches[2 * i], caches[2 * i + 1])
        return x

    def sites(self, args, result=None):
        x, lengths, table, _, slots, _, *caches = args
        out = []
        for i, layer in enumerate(self.layers):
            kv, cmp = caches[2 * i], caches[2 * i + 1]
            for j, (nm, w) in enumerate((("k", layer.wk), ("v", layer.wv))):
                out.append(dict(name=f"L{i}.cmp_{nm}", kv=kv[j], w=w, slots=slots, table=table, lengths=lengths,
                                cache=cmp[j]))
        return out


def inputs_vllm_stacked(model, B, seed):
    g = model.geo
    dtype = model.layers[0].wk.dtype
    bt = make_batch(g, B, seed, dtype, len(model.layers))
    caches = []
    for (k, v), (ck, cv) in zip(bt.kv, bt.cmp):
        caches += [torch.stack([k, v]), torch.stack([ck, cv])]
    return (hidden_in(B, seed, dtype), bt.lengths.to(torch.int32), bt.table.to(torch.int32), bt.new_loc,
            bt.slots.to(torch.int32), bt.cmp_table.to(torch.int32), *caches)


# --- P2: SGLang style flat token pool addressed through req_to_token (page size 1) -------------------

class SglangLayer(Block):
    def forward(self, x, seq_lens, req_to_token, out_cache_loc, cmp_loc, k_buffer, v_buffer, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, seq_lens)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        B = x.shape[0]
        rows = torch.arange(B, device=x.device)[:, None]
        pos = torch.clamp(seq_lens[:, None] - g.l + torch.arange(g.l, device=x.device)[None, :], min=0)
        loc = req_to_token[rows, pos].long()  # [B, l] token ids
        ready = (seq_lens >= g.l) & (torch.remainder(seq_lens - g.l, g.d) == 0)
        for buf, w, cache in ((k_buffer, self.wk, ck), (v_buffer, self.wv, cv)):
            pooled = torch.einsum("ln,blnd->bnd", w.float(), buf[loc].float()).to(cache.dtype)
            cache.index_put_((cmp_loc,), torch.where(ready.view(-1, 1, 1), pooled, cache[cmp_loc]))
        wpos, wok = window_positions(seq_lens, WINDOW)
        wloc = req_to_token[rows, wpos].long()
        return self.finish(x, attend(q, k_buffer[wloc], v_buffer[wloc], wok))


class SglangModel(nn.Module):
    def __init__(self, geo, layers):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList(SglangLayer(geo, i) for i in range(layers))

    def forward(self, x, seq_lens, req_to_token, out_cache_loc, cmp_loc, *pools):
        for i, layer in enumerate(self.layers):
            x = layer(x, seq_lens, req_to_token, out_cache_loc, cmp_loc, *pools[4 * i: 4 * i + 4])
        return x

    def sites(self, args, result=None):
        x, lens, r2t, _, slots, *pools = args
        out = []
        for i, layer in enumerate(self.layers):
            kb, vb, ck, cv = pools[4 * i: 4 * i + 4]
            for nm, buf, w, cache in (("k", kb, layer.wk, ck), ("v", vb, layer.wv, cv)):
                out.append(dict(name=f"L{i}.cmp_{nm}", kv=buf.view(buf.shape[0], 1, *buf.shape[1:]), P=1, w=w,
                                slots=slots, table=r2t, lengths=lens, cache=cache))
        return out


def inputs_sglang(model, B, seed, len_dtype=torch.int64):
    g = model.geo
    dtype = model.layers[0].wk.dtype
    bt = make_batch(g, B, seed, dtype, len(model.layers), flat=True)
    pools = []
    for (k, v), (ck, cv) in zip(bt.kv, bt.cmp):
        pools += [k, v, ck, cv]
    return (hidden_in(B, seed, dtype), bt.lengths.to(len_dtype), bt.table.to(torch.int32), bt.new_loc, bt.slots,
            *pools)


# --- P3: HF port, window offsets in a registered buffer, matmul pooling, index_copy_ -----------------

class HfLayer(Block):
    def __init__(self, geo, layer_seed):
        super().__init__(geo, layer_seed)
        self.register_buffer("arange_l", torch.arange(geo.l), persistent=False)

    def compress(self, cache_kv, weight, compressed, lengths, block_table, slot_mapping):
        g = self.geo
        positions = (lengths.unsqueeze(-1) - g.l + self.arange_l).clamp(min=0)
        block_ids = block_table.gather(-1, positions // g.P)
        tokens = cache_kv[block_ids, positions % g.P]  # [B, l, N, D]
        w = weight.float().transpose(0, 1).unsqueeze(0).unsqueeze(2)  # [1, N, 1, l]
        pooled = torch.matmul(w, tokens.float().permute(0, 2, 1, 3)).squeeze(2).to(compressed.dtype)
        should = (lengths >= g.l) & ((lengths - g.l) % g.d == 0)
        old = compressed.index_select(0, slot_mapping)
        compressed.index_copy_(0, slot_mapping, torch.where(should[:, None, None], pooled, old))

    def forward(self, hidden_states, cache_position, block_table, slot_mapping, past_key, past_value,
                compressed_key, compressed_value):
        g = self.geo
        q, k, v = self.qkv(hidden_states, cache_position)
        last = cache_position - 1
        page = block_table.gather(-1, (last // g.P).unsqueeze(-1)).squeeze(-1)
        past_key[page, last % g.P] = k
        past_value[page, last % g.P] = v
        self.compress(past_key, self.wk, compressed_key, cache_position, block_table, slot_mapping)
        self.compress(past_value, self.wv, compressed_value, cache_position, block_table, slot_mapping)
        wpos, wok = window_positions(cache_position, WINDOW)
        o = attend(q, paged_window(past_key, block_table, wpos, g.P), paged_window(past_value, block_table, wpos, g.P),
                   wok)
        return self.finish(hidden_states, o)


class HfModel(nn.Module):
    def __init__(self, geo, layers):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList(HfLayer(geo, i) for i in range(layers))
        self.final_norm = RMSNorm(HIDDEN)

    def forward(self, hidden_states, cache_position, block_table, slot_mapping, *past):
        for i, layer in enumerate(self.layers):
            hidden_states = layer(hidden_states, cache_position, block_table, slot_mapping, *past[4 * i: 4 * i + 4])
        return self.final_norm(hidden_states)

    def sites(self, args, result=None):
        x, lens, table, slots, *past = args
        out = []
        for i, layer in enumerate(self.layers):
            pk, pv, ck, cv = past[4 * i: 4 * i + 4]
            out += [dict(name=f"L{i}.key", kv=pk, w=layer.wk, slots=slots, table=table, lengths=lens, cache=ck),
                    dict(name=f"L{i}.value", kv=pv, w=layer.wv, slots=slots, table=table, lengths=lens, cache=cv)]
        return out


def inputs_paged_separate(model, B, seed, *, pad_slot=False, pad_table=False, len_dtype=torch.int64,
                          idx_dtype=torch.int64):
    """(x, lengths, block_table, slots, k0, v0, ck0, cv0, k1, ...)"""
    g = model.geo
    dtype = model.layers[0].wk.dtype
    bt = make_batch(g, B, seed, dtype, len(model.layers), pad_slot=pad_slot, pad_table=pad_table)
    rest = []
    for (k, v), (ck, cv) in zip(bt.kv, bt.cmp):
        rest += [k, v, ck, cv]
    return (hidden_in(B, seed, dtype), bt.lengths.to(len_dtype), bt.table.to(idx_dtype), bt.slots.to(idx_dtype),
            *rest)


def sites_paged_separate(model, args, result=None):
    x, lens, table, slots, *rest = args
    out = []
    for i, layer in enumerate(model.layers):
        k, v, ck, cv = rest[4 * i: 4 * i + 4]
        out += [dict(name=f"L{i}.ck", kv=k, w=layer.wk, slots=slots, table=table, lengths=lens, cache=ck),
                dict(name=f"L{i}.cv", kv=v, w=layer.wv, slots=slots, table=table, lengths=lens, cache=cv)]
    return out


class SeparateModel(nn.Module):
    """(x, lengths, block_table, slots, then k, v, ck, cv per layer) around a layer class."""

    def __init__(self, geo, layer_cls, layers):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList(layer_cls(geo, i) for i in range(layers))

    def forward(self, x, lengths, block_table, slots, *rest):
        for i, layer in enumerate(self.layers):
            x = layer(x, lengths, block_table, slots, *rest[4 * i: 4 * i + 4])
        return x

    sites = sites_paged_separate


def append_paged(k_cache, v_cache, k, v, lengths, block_table, P):
    last = lengths.long() - 1
    page = block_table.long()[torch.arange(k.shape[0], device=k.device), last // P]
    k_cache[page, last % P] = k
    v_cache[page, last % P] = v


# --- P4: DeepSeek-style mean pooling, scatter_ write-back, compressed + window attention -------------

class DeepseekMeanLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv, cmp_table):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        B, N, D = k.shape
        start = lengths - g.l
        offs = torch.arange(g.l, device=x.device)
        pos = (start[:, None] + offs[None]).clamp(min=0)
        blocks = torch.gather(block_table, 1, torch.div(pos, g.P, rounding_mode="floor"))
        in_blk = torch.remainder(pos, g.P)
        is_boundary = (start >= 0) & (start % g.d == 0)
        index = slots.view(B, 1, 1).expand(B, N, D)
        for cache_kv, comp in ((k_cache, ck), (v_cache, cv)):
            mean = cache_kv[blocks, in_blk].float().mean(dim=1).to(comp.dtype)
            comp.scatter_(0, index, torch.where(is_boundary[:, None, None], mean, comp.gather(0, index)))
        wpos, wok = window_positions(lengths, WINDOW)
        ctab, cok = cmp_window(lengths, cmp_table, g.l, g.d)
        o = attend(q, paged_window(k_cache, block_table, wpos, g.P), paged_window(v_cache, block_table, wpos, g.P),
                   wok, ck[ctab], cv[ctab], cok)
        return self.finish(x, o)


class DeepseekMeanModel(nn.Module):
    def __init__(self, geo, layers):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList(DeepseekMeanLayer(geo, i) for i in range(layers))

    def forward(self, x, lengths, block_table, slots, cmp_table, *rest):
        for i, layer in enumerate(self.layers):
            x = layer(x, lengths, block_table, slots, *rest[4 * i: 4 * i + 4], cmp_table)
        return x

    def sites(self, args, result=None):
        x, lens, table, slots, _, *rest = args
        l, N = self.geo.l, self.geo.N
        mean_w = torch.full((l, N), 1.0 / l)
        out = []
        for i in range(len(self.layers)):
            k, v, ck, cv = rest[4 * i: 4 * i + 4]
            out += [dict(name=f"L{i}.ck", kv=k, w=mean_w, slots=slots, table=table, lengths=lens, cache=ck),
                    dict(name=f"L{i}.cv", kv=v, w=mean_w, slots=slots, table=table, lengths=lens, cache=cv)]
        return out


def inputs_deepseek(model, B, seed):
    x, lens, table, slots, *rest = inputs_paged_separate(model, B, seed)
    gen = make_batch(model.geo, B, seed, torch.float16, 0)
    return (x, lens, table, slots, gen.cmp_table, *rest)


# --- P5: lucidrains style, heads-first weight, einsum, functional write-back returned -----------------

class LucidLayer(Block):
    def __init__(self, geo, layer_seed):
        super().__init__(geo, layer_seed)
        del self.wk, self.wv
        self.pool_k = nn.Parameter(torch.empty(geo.N, geo.l))  # (heads, window)
        self.pool_v = nn.Parameter(torch.empty(geo.N, geo.l))

    def forward(self, x, seq_len, block_table, cmp_slot, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, seq_len)
        append_paged(k_cache, v_cache, k, v, seq_len, block_table, g.P)
        window = seq_len[:, None] - g.l + torch.arange(g.l, device=x.device)
        window = window.clamp(min=0)
        page_ids = block_table.gather(1, window // g.P)
        complete = (seq_len >= g.l) & ((seq_len - g.l) % g.d == 0)
        new = []
        for cache_kv, pool, comp in ((k_cache, self.pool_k, ck), (v_cache, self.pool_v, cv)):
            toks = cache_kv[page_ids, window % g.P].permute(0, 2, 1, 3)  # b n l d
            c = torch.einsum("bnld,nl->bnd", toks.float(), pool.float()).to(comp.dtype)
            cur = comp[cmp_slot]
            new.append(comp.index_put((cmp_slot,), torch.where(complete[:, None, None], c, cur)))
        wpos, wok = window_positions(seq_len, WINDOW)
        o = attend(q, paged_window(k_cache, block_table, wpos, g.P), paged_window(v_cache, block_table, wpos, g.P),
                   wok)
        return self.finish(x, o), new[0], new[1]


class LucidModel(nn.Module):
    def __init__(self, geo):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList([LucidLayer(geo, 0)])

    def forward(self, x, seq_len, block_table, cmp_slot, k_cache, v_cache, ck, cv):
        x, ck, cv = self.layers[0](x, seq_len, block_table, cmp_slot, k_cache, v_cache, ck, cv)
        return x, ck, cv

    def sites(self, args, result=None):
        x, lens, table, slots, k, v, ck, cv = args
        if result is not None:
            ck, cv = result[1], result[2]
        layer = self.layers[0]
        return [dict(name="ck", kv=k, w=layer.pool_k.t(), slots=slots, table=table, lengths=lens, cache=ck),
                dict(name="cv", kv=v, w=layer.pool_v.t(), slots=slots, table=table, lengths=lens, cache=cv)]


def inputs_lucid(model, B, seed):
    g = model.geo
    dtype = model.layers[0].pool_k.dtype
    bt = make_batch(g, B, seed, dtype, 1, pad_table=True)
    (k, v), (ck, cv) = bt.kv[0], bt.cmp[0]
    return (hidden_in(B, seed, dtype), bt.lengths, bt.table, bt.slots, k, v, ck, cv)


# --- P6/P7: compaction of the completing rows ---------------------------------------------------------

def weighted_pool(cache_kv, weight, pos, block_table, P, dtype):
    pages = block_table.long().gather(1, pos // P)
    toks = cache_kv[pages, pos % P].float()
    return (toks * weight.float()[None, :, :, None]).sum(dim=1).to(dtype)


class CompactNonzeroLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        pos = (lengths[:, None] - g.l + torch.arange(g.l, device=x.device)).clamp(min=0)
        valid = (lengths >= g.l) & ((lengths - g.l) % g.d == 0)
        done = valid.nonzero(as_tuple=True)[0]
        pk = weighted_pool(k_cache, self.wk, pos, block_table, g.P, ck.dtype)
        pv = weighted_pool(v_cache, self.wv, pos, block_table, g.P, cv.dtype)
        ck[slots[done]] = pk[done]
        cv[slots[done]] = pv[done]
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


class CompactMaskLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        pos = (lengths[:, None] - g.l + torch.arange(g.l, device=x.device)).clamp(min=0)
        emit = (lengths >= g.l) & ((lengths - g.l) % g.d == 0)
        ck[slots[emit]] = weighted_pool(k_cache, self.wk, pos, block_table, g.P, ck.dtype)[emit]
        cv[slots[emit]] = weighted_pool(v_cache, self.wv, pos, block_table, g.P, cv.dtype)[emit]
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


# --- P8: a Python loop over the window, summed in window order -----------------------------------------

class WindowLoopLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        B = x.shape[0]
        rows = torch.arange(B, device=x.device)
        acc_k = torch.zeros(B, g.N, g.D, dtype=torch.float32, device=x.device)
        acc_v = torch.zeros_like(acc_k)
        for j in range(g.l):
            p = (lengths - g.l + j).clamp(min=0)
            page = block_table[rows, p // g.P]
            acc_k = acc_k + self.wk[j].float()[None, :, None] * k_cache[page, p % g.P].float()
            acc_v = acc_v + self.wv[j].float()[None, :, None] * v_cache[page, p % g.P].float()
        full = (lengths >= g.l) & ((lengths - g.l) % g.d == 0)
        keep = ~full[:, None, None]
        ck.index_put_((slots,), torch.where(keep, ck[slots], acc_k.to(ck.dtype)))
        cv.index_put_((slots,), torch.where(keep, cv[slots], acc_v.to(cv.dtype)))
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


# --- P9: vLLM padding slot -1 on rows that write nothing, setitem write-back, 3 layers ------------------

class PadSlotLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        pos = (lengths.unsqueeze(1) + torch.arange(-g.l, 0, device=x.device)).clamp(min=0)
        has_block = lengths.ge(g.l).logical_and((lengths - g.l).remainder(g.d).eq(0))
        for cache_kv, w, comp in ((k_cache, self.wk, ck), (v_cache, self.wv, cv)):
            pooled = weighted_pool(cache_kv, w, pos, block_table, g.P, comp.dtype)
            comp[slots] = torch.where(has_block[:, None, None], pooled, comp[slots])
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


# --- P10: tokens through a flattened view of the paged cache, heads-first sum, Tensor.where ------------

class FlatViewLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        pos = (lengths[:, None] - g.l + torch.arange(g.l, device=x.device)).clamp(min=0)
        flat_idx = block_table.gather(1, pos // g.P) * g.P + pos % g.P  # [B, l]
        ok = (lengths >= g.l) & ((lengths - g.l) % g.d == 0)
        for cache_kv, w, comp in ((k_cache, self.wk, ck), (v_cache, self.wv, cv)):
            toks = cache_kv.flatten(0, 1)[flat_idx]  # [B, l, N, D]
            wt = w.float().t()  # [N, l]
            pooled = (wt[None, :, :, None] * toks.float().transpose(1, 2)).sum(2).to(comp.dtype)
            comp[slots] = pooled.where(ok[:, None, None], comp[slots])
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


# --- P11: every layer's caches in one tensor ([L, 2, ...]), 4 layers ---------------------------------

class OneTensorLayer(Block):
    def forward(self, x, lengths, block_table, slots, cmp_table, kv, cmp):
        g = self.geo
        k_cache, v_cache = kv[0], kv[1]
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        pos = (lengths[:, None] - g.l + torch.arange(g.l, device=x.device)).clamp(min=0)
        ok = (lengths >= g.l) & ((lengths - g.l) % g.d == 0)
        for t, w in ((0, self.wk), (1, self.wv)):
            pooled = weighted_pool(kv[t], w, pos, block_table, g.P, cmp.dtype)
            cmp[t].index_put_((slots,), torch.where(ok[:, None, None], pooled, cmp[t][slots]))
        wpos, wok = window_positions(lengths, WINDOW)
        ctab, cok = cmp_window(lengths, cmp_table, g.l, g.d)
        o = attend(q, paged_window(k_cache, block_table, wpos, g.P), paged_window(v_cache, block_table, wpos, g.P),
                   wok, cmp[0][ctab], cmp[1][ctab], cok)
        return self.finish(x, o)


class OneTensorModel(nn.Module):
    def __init__(self, geo, layers):
        super().__init__()
        self.geo = geo
        self.layers = nn.ModuleList(OneTensorLayer(geo, i) for i in range(layers))

    def forward(self, x, lengths, block_table, slots, cmp_table, kv_caches, cmp_caches):
        for i, layer in enumerate(self.layers):
            x = layer(x, lengths, block_table, slots, cmp_table, kv_caches[i], cmp_caches[i])
        return x

    def sites(self, args, result=None):
        x, lens, table, slots, _, kv, cmp = args
        out = []
        for i, layer in enumerate(self.layers):
            out += [dict(name=f"L{i}.k", kv=kv[i, 0], w=layer.wk, slots=slots, table=table, lengths=lens,
                         cache=cmp[i, 0]),
                    dict(name=f"L{i}.v", kv=kv[i, 1], w=layer.wv, slots=slots, table=table, lengths=lens,
                         cache=cmp[i, 1])]
        return out


def inputs_one_tensor(model, B, seed):
    g = model.geo
    dtype = model.layers[0].wk.dtype
    bt = make_batch(g, B, seed, dtype, len(model.layers))
    kv = torch.stack([torch.stack(p) for p in bt.kv])
    cmp = torch.stack([torch.stack(p) for p in bt.cmp])
    return (hidden_in(B, seed, dtype), bt.lengths.to(torch.int32), bt.table.to(torch.int32), bt.slots,
            bt.cmp_table, kv, cmp)


# --- P12: bmm pooling over (batch * heads), floor-div / remainder page arithmetic ---------------------

class BmmLayer(Block):
    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        B, N, D = q.shape
        pos = torch.clamp(lengths.view(B, 1) - g.l + torch.arange(g.l, device=x.device).view(1, g.l), min=0)
        page_idx = torch.gather(block_table, 1, torch.div(pos, g.P, rounding_mode="floor"))
        slot_in_page = torch.remainder(pos, g.P)
        fire = torch.logical_and(lengths >= g.l, torch.fmod(lengths - g.l, g.d) == 0)
        for cache_kv, w, comp in ((k_cache, self.wk, ck), (v_cache, self.wv, cv)):
            toks = cache_kv[page_idx, slot_in_page]  # [B, l, N, D]
            toks = toks.permute(0, 2, 1, 3).reshape(B * N, g.l, D).float()
            wts = w.float().t().unsqueeze(0).expand(B, N, g.l).reshape(B * N, 1, g.l)
            pooled = torch.bmm(wts, toks).view(B, N, D).to(comp.dtype)
            comp.index_put_((slots,), torch.where(fire.view(B, 1, 1), pooled, comp[slots]), accumulate=False)
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


# --- P13: SGLang flat pool in fp32, int32 lengths, window sum, loc gather via index_select -----------

class SglangFp32Layer(Block):
    def forward(self, x, seq_lens, req_to_token, out_cache_loc, cmp_loc, k_buffer, v_buffer, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, seq_lens)
        k_buffer.index_copy_(0, out_cache_loc, k)
        v_buffer.index_copy_(0, out_cache_loc, v)
        B = x.shape[0]
        pos = (seq_lens.long()[:, None] - g.l + torch.arange(g.l, device=x.device)).clamp(min=0)
        loc = torch.gather(req_to_token, 1, pos).long().reshape(-1)  # [B * l]
        emit = (seq_lens >= g.l) & ((seq_lens - g.l) % g.d == 0)
        for buf, w, cache in ((k_buffer, self.wk, ck), (v_buffer, self.wv, cv)):
            toks = buf.index_select(0, loc).view(B, g.l, g.N, g.D)
            pooled = (toks.float() * w.float().unsqueeze(0).unsqueeze(-1)).sum(dim=1)
            cache[cmp_loc] = torch.where(emit[:, None, None], pooled.to(cache.dtype), cache[cmp_loc])
        wpos, wok = window_positions(seq_lens, WINDOW)
        wloc = torch.gather(req_to_token, 1, wpos).long()
        return self.finish(x, attend(q, buf_rows(k_buffer, wloc), buf_rows(v_buffer, wloc), wok))


def buf_rows(buf, loc):
    return buf[loc]


class SglangFp32Model(SglangModel):
    def __init__(self, geo, layers):
        nn.Module.__init__(self)
        self.geo = geo
        self.layers = nn.ModuleList(SglangFp32Layer(geo, i) for i in range(layers))


# ====================================================================================================
# Near misses: one layer, the same decoder, a compression that is not the contract
# ====================================================================================================

class NearMissLayer(Block):
    """Subclasses override ``pool`` (and ``condition``)."""

    def positions(self, lengths):
        return (lengths[:, None] - self.geo.l + torch.arange(self.geo.l, device=lengths.device)).clamp(min=0)

    def condition(self, lengths):
        return (lengths >= self.geo.l) & ((lengths - self.geo.l) % self.geo.d == 0)

    def pool(self, toks, w, x, which):
        return (toks.float() * w.float()[None, :, :, None]).sum(1)

    def forward(self, x, lengths, block_table, slots, k_cache, v_cache, ck, cv):
        g = self.geo
        q, k, v = self.qkv(x, lengths)
        append_paged(k_cache, v_cache, k, v, lengths, block_table, g.P)
        pos = self.positions(lengths)
        pages = block_table.gather(1, pos // g.P)
        ok = self.condition(lengths)
        for which, (cache_kv, w, comp) in enumerate(((k_cache, self.wk, ck), (v_cache, self.wv, cv))):
            pooled = self.pool(cache_kv[pages, pos % g.P], w, x, which).to(comp.dtype)
            comp.index_put_((slots,), torch.where(ok[:, None, None], pooled, comp[slots]))
        wpos, wok = window_positions(lengths, WINDOW)
        return self.finish(x, attend(q, paged_window(k_cache, block_table, wpos, g.P),
                                     paged_window(v_cache, block_table, wpos, g.P), wok))


class OffByOneLayer(NearMissLayer):
    def positions(self, lengths):  # forgets the token appended this step: s-l-1 .. s-2
        return (lengths[:, None] - self.geo.l - 1 + torch.arange(self.geo.l, device=lengths.device)).clamp(min=0)


class GatedLayer(NearMissLayer):
    def __init__(self, geo, layer_seed):
        super().__init__(geo, layer_seed)
        self.gate_w = nn.Parameter(torch.empty(HIDDEN, geo.N))

    def pool(self, toks, w, x, which):  # per-request gate on the weights (data dependent)
        gate = torch.sigmoid(x.float() @ self.gate_w.float())  # [B, N]
        return (toks.float() * (w.float()[None] * gate[:, None, :])[..., None]).sum(1)


class BiasLayer(NearMissLayer):
    def __init__(self, geo, layer_seed):
        super().__init__(geo, layer_seed)
        self.bias_k = nn.Parameter(torch.empty(geo.N, geo.D))
        self.bias_v = nn.Parameter(torch.empty(geo.N, geo.D))

    def pool(self, toks, w, x, which):
        return (toks.float() * w.float()[None, :, :, None]).sum(1) + (self.bias_k, self.bias_v)[which].float()


class Fp16SumLayer(NearMissLayer):
    def pool(self, toks, w, x, which):  # no upcast: products and sum in the cache dtype
        return (toks * w[None, :, :, None]).sum(1)


class StrictCondLayer(NearMissLayer):
    def condition(self, lengths):  # s > l: the first window (s == l) is never written
        return (lengths > self.geo.l) & ((lengths - self.geo.l) % self.geo.d == 0)


class SoftmaxWeightLayer(NearMissLayer):
    def pool(self, toks, w, x, which):  # weights normalised over the window in fp32, never rounded
        return (toks.float() * torch.softmax(w.float(), dim=0)[None, :, :, None]).sum(1)


class IntraPosLayer(NearMissLayer):
    def __init__(self, geo, layer_seed):
        super().__init__(geo, layer_seed)
        self.pos_k = nn.Parameter(torch.empty(geo.l, geo.N, geo.D))
        self.pos_v = nn.Parameter(torch.empty(geo.l, geo.N, geo.D))

    def pool(self, toks, w, x, which):  # intra-block positional embedding added before pooling
        toks = toks + (self.pos_k, self.pos_v)[which][None]
        return (toks.float() * w.float()[None, :, :, None]).sum(1)


class NonOverlapCondLayer(NearMissLayer):
    def condition(self, lengths):  # writes only at multiples of l: misses the overlapping windows (d < l)
        return (lengths >= self.geo.l) & (lengths % self.geo.l == 0)


# ====================================================================================================
# Cases
# ====================================================================================================

def separate(layer_cls, geo, layers, seed):
    def build(dtype):
        return finalize(SeparateModel(geo, layer_cls, layers), dtype, seed)
    return build


def builder(cls, geo, seed, *a):
    def build(dtype):
        return finalize(cls(geo, *a), dtype, seed)
    return build


GOLDEN = make_golden()


def _case(name, build, make_inputs, expect, compressions, dtype, note, batch_positions):
    offset = 1000 * (len(_NAMES) + 1)  # each case draws its own lengths, pages and slots
    _NAMES.append(name)

    def inputs(model, B, seed):
        return make_inputs(model, B, seed + offset)
    return ModelCase(name, build, inputs, expect, compressions, GOLDEN, dtype, note, caches_of,
                     tuple(batch_positions))


_NAMES = []


SEP_BATCH = (0, 1, 2, 3)  # x, lengths, block_table, slots

MODEL_CASES = [
    _case("vllm_stacked_kv_2l", builder(VllmStackedModel, G32, 11, 2), inputs_vllm_stacked, "fuse", 4,
          torch.float16, "vLLM: [2, pages, P, N, D] K/V cache and [2, slots, N, D] compressed cache per layer; "
          "reshape_and_cache append by flat slot; K and V pooled at once; cmp[:, slots] = where(...); "
          "compressed + window attention reads the fresh rows", (0, 1, 2, 3, 4, 5)),
    _case("sglang_flat_pool_2l", builder(SglangModel, G64, 12, 2), inputs_sglang, "fuse", 4, torch.bfloat16,
          "SGLang: flat [tokens, N, D] pools, req_to_token[b, p] (page size 1), einsum pooling, index_put_",
          (0, 1, 2, 3, 4)),
    _case("hf_buffer_arange_1l", builder(HfModel, G16, 13, 1), lambda m, B, s: inputs_paged_separate(m, B, s),
          "fuse", 2, torch.float16,
          "HF port: register_buffer('arange_l'), matmul pooling, index_copy_ of where(..., index_select)",
          SEP_BATCH),
    _case("deepseek_mean_2l", builder(DeepseekMeanModel, G32, 14, 2), inputs_deepseek, "fuse", 4, torch.bfloat16,
          "mean pooling (weight 1/l), condition on start = s - l, scatter_ write-back, compressed attention",
          (0, 1, 2, 3, 4)),
    _case("lucidrains_functional_1l", builder(LucidModel, G32, 15), inputs_lucid, "fuse", 2, torch.float16,
          "heads-first pool weight [N, l], einsum 'bnld,nl->bnd', functional index_put returned "
          "(caches = result[1], result[2]); block table padded with -1 past the last page", SEP_BATCH),
    _case("compaction_nonzero_1l", separate(CompactNonzeroLayer, G64, 1, 16),
          lambda m, B, s: inputs_paged_separate(m, B, s), "fuse", 2, torch.float16,
          "done = valid.nonzero(); ck[slots[done]] = pooled[done]", SEP_BATCH),
    _case("compaction_mask_2l", separate(CompactMaskLayer, G16, 2, 17),
          lambda m, B, s: inputs_paged_separate(m, B, s, len_dtype=torch.int32, idx_dtype=torch.int32), "fuse", 4,
          torch.bfloat16, "ck[slots[emit]] = pooled[emit] (boolean-mask compaction), int32 indices", SEP_BATCH),
    _case("window_loop_1l", separate(WindowLoopLayer, G16, 1, 18), lambda m, B, s: inputs_paged_separate(m, B, s),
          "fuse", 2, torch.float16, "Python loop over the window, acc = acc + w[j] * tok_j in fp32 (window order)",
          SEP_BATCH),
    _case("vllm_pad_slot_3l", separate(PadSlotLayer, G64, 3, 19),
          lambda m, B, s: inputs_paged_separate(m, B, s, pad_slot=True), "fuse", 6, torch.bfloat16,
          "slot -1 on rows that write nothing; comp[slots] = where(...); 3 layers", SEP_BATCH),
    _case("flat_view_gather_2l", separate(FlatViewLayer, G16, 2, 20),
          lambda m, B, s: inputs_paged_separate(m, B, s, pad_table=True), "fuse", 4, torch.float16,
          "tokens via cache.flatten(0, 1)[page * P + off], heads-first sum, pooled.where(ok, comp[slots])",
          SEP_BATCH),
    _case("one_tensor_4l", builder(OneTensorModel, G32, 21, 4), inputs_one_tensor, "fuse", 8, torch.float16,
          "all layers' caches in one [L, 2, pages, P, N, D] tensor and one [L, 2, slots, N, D]; compressed "
          "attention", (0, 1, 2, 3, 4)),
    _case("bmm_pool_2l", separate(BmmLayer, G64, 2, 22),
          lambda m, B, s: inputs_paged_separate(m, B, s, idx_dtype=torch.int32), "fuse", 4, torch.bfloat16,
          "bmm over batch*heads, torch.div floor / remainder / fmod", SEP_BATCH),
    _case("sglang_fp32_1l", builder(SglangFp32Model, G32, 23, 1),
          lambda m, B, s: inputs_sglang(m, B, s, len_dtype=torch.int32), "fuse", 2, torch.float32,
          "fp32 model, flat pool, index_copy_ append, index_select gather, setitem write-back", (0, 1, 2, 3, 4)),
    # near misses
    _case("nm_window_off_by_one", separate(OffByOneLayer, G32, 1, 31), lambda m, B, s: inputs_paged_separate(m, B, s),
          "no_fuse", 2, torch.float16, "window s-l-1 .. s-2: the new token is left out", SEP_BATCH),
    _case("nm_gated_weights", separate(GatedLayer, G32, 1, 32), lambda m, B, s: inputs_paged_separate(m, B, s),
          "no_fuse", 2, torch.float16, "per-request sigmoid gate multiplies the weights", SEP_BATCH),
    _case("nm_bias", separate(BiasLayer, G16, 1, 33), lambda m, B, s: inputs_paged_separate(m, B, s),
          "no_fuse", 2, torch.bfloat16, "a bias added to the pooled token", SEP_BATCH),
    _case("nm_fp16_sum", separate(Fp16SumLayer, G32, 1, 34), lambda m, B, s: inputs_paged_separate(m, B, s),
          "no_fuse", 2, torch.float16, "products and sum in fp16, no upcast", SEP_BATCH),
    _case("nm_strict_condition", separate(StrictCondLayer, G64, 1, 35), lambda m, B, s: inputs_paged_separate(m, B, s),
          "no_fuse", 2, torch.bfloat16, "s > l instead of s >= l: the first window is dropped", SEP_BATCH),
    _case("nm_softmax_weights", separate(SoftmaxWeightLayer, G32, 1, 36),
          lambda m, B, s: inputs_paged_separate(m, B, s), "no_fuse", 2, torch.float16,
          "softmax over the window of the weights, in fp32, never rounded to fp16", SEP_BATCH),
    _case("nm_intrablock_pos", separate(IntraPosLayer, G16, 1, 37), lambda m, B, s: inputs_paged_separate(m, B, s),
          "no_fuse", 2, torch.float16, "lucidrains-style intra-block positional embedding added before pooling",
          SEP_BATCH),
    _case("nm_nonoverlap_condition", separate(NonOverlapCondLayer, G32, 1, 38),
          lambda m, B, s: inputs_paged_separate(m, B, s), "no_fuse", 2, torch.float16,
          "condition s % l == 0: windows at s = l + d (d < l) are never written", SEP_BATCH),
]


def check_eager(B=8, seed=0, verbose=True):
    """Every case eagerly: positives equal the golden (exact where window order), near misses differ."""
    results = {}
    for case in MODEL_CASES:
        model = case.build(case.dtype)
        args = case.make_inputs(model, B, seed)
        run_args = tuple(a.clone() for a in args)
        with torch.no_grad():
            res = model(*run_args)
        got = case.caches(model, run_args, res)
        want = case.golden(model, args, after=(run_args, res))
        exact = set(got) == set(want) and all(nan_equal(got[k], want[k]) for k in want)
        close = set(got) == set(want) and all(nan_close(got[k], want[k]) for k in want)
        out_finite = all(torch.isfinite(t).all().item() for t in (res if isinstance(res, tuple) else (res,)))
        ok = close if case.expect == "fuse" else not exact
        results[case.name] = dict(exact=exact, close=close, ok=ok, out_finite=out_finite)
        if verbose:
            print(f"{'ok ' if ok else 'BAD'} {case.name:28s} {case.expect:7s} exact={exact} close={close} "
                  f"output_finite={out_finite}", flush=True)
    return results


if __name__ == "__main__":
    check_eager()
