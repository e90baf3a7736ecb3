"""A fourth blind corpus of whole NSA decode models (``models4``, issue 19's evidence).

Written from docs/contract.md, nsa_fusion/reference.py, tests/golden.py and public serving code alone, without
reading the recogniser, its tests, the README's advice or the other corpora's cases (only ``models3``'s format:
``ModelCase``, ``Spec``, ``golden``/``caches`` and its input helpers, which this file imports). Every model is one
decode step of a 1-4 layer decoder: RMSNorm, q/k/v projections, rotary, the new token's K and V appended to the
layer's KV cache, K and V compressed into compressed caches (the contract, in the idiom of that stack), then a
gated sum of compressed attention, selected attention (the top-2 compressed blocks' raw tokens) and sliding-window
attention, and a SwiGLU MLP. What differs from ``models3``:

* vLLM v1 ``[2, num_blocks, P, N, D]`` caches per layer, appended through ``flatten(0, 1).index_copy_`` and
  gathered through flat token slots ``page * P + offset`` (``vllm_v1_flat_slots``); a CUDA-graph padded batch
  whose padding rows write the reserved null block 0 and append K and V in one ``[:, pages, offsets]`` write
  (``vllm_padded_null_block``); a 3-layer stack gathering with ``index_select`` and pooling with ``matmul``,
  compressed padding rows sent to a spare last row through ``scatter_`` (``vllm_index_select_3l``);
* FlashInfer: the HND layout ``[num_pages, N, P, D]`` (``flashinfer_hnd``), and a ragged page list
  ``kv_indptr``/``kv_indices`` over a ``[num_pages, 2, P, N, D]`` cache (``flashinfer_ragged``);
* SGLang: per-layer token pools with ``req_to_token`` and ``cmp_req_to_token`` (page size 1, a count condition,
  ``sglang_token_pool``); page-aligned token ids in a flat pool, a reserved dummy compressed row 0 for padding
  (``sglang_dummy_slot0``);
* HF ports: a static ``[B, N, T, D]`` cache written at ``cache_position`` (no page table at all) with
  ``[B, max_cmp, N, D]`` compressed caches (``hf_static_cache``); a ``Cache`` class holding dicts of per-layer
  tensors, ``update()`` and a window-order Python loop in ``compress()`` (``hf_cache_class_dict``); a negative
  ``arange`` offset buffer, ``matmul`` pooling and ``index_copy_`` at a ``cmp_block_table`` slot
  (``hf_offset_buffer``);
* DeepSeek style: an MLA latent cache without a head dim stacked over 4 layers, ``[L, num_pages, P, C]``
  (``deepseek_mla_latent_4l``); K and V concatenated in one ``[num_pages, P, N, 2D]`` cache, one gather for both
  compressions, written into the two halves of one compressed cache (``deepseek_kv_concat``);
* lucidrains style: functional ``index_put`` updates, ``einsum('b w h d, h w -> b h d')`` with ``[N, l]``
  weights, caches returned (``lucidrains_functional``, fp32); mean pooling (``.mean(1)``, l = 16, which is the
  contract with weight 1/16) with a ``scatter_`` append (``lucidrains_mean_pool``).

Near misses (one layer each, vLLM-style caches; ``note`` names the valid input where they differ): compressing
before the append, positions used as lengths, ``s % d`` for ``(s - l) % d`` with l = 24, d = 16, mean over
l = 12, fp16 products, a write of every row (partial windows), flipped weights, an arithmetic blend instead of
``where``, a window split in two halves each rounded.

The format is ``models3``'s (``ModelCase``; ``golden`` from the pre-forward compressed caches and the
post-forward paged caches; ``caches``; ``batch_positions``). ``check_eager()`` (``python
tests/corpora/models4.py``) runs every case eagerly: positives equal the golden bit for bit (or within fp
tolerance where torch chooses the sum order, reported), near misses differ from it.

First try, 2026-12-04 02:36-04:06 UTC, on the frozen base 0b07964 (``/tmp/base7``, nothing changed after seeing
results): ``run_models.py --corpus models4``, both dialects, three shape modes, B = 8, positives run first; log
``/tmp/models4_first.log``. Positives with EVERY compression fused and bit-exact / applicable runs; near-miss cases
fused; crashes (an error with the pass on that plain torch.compile with ``NSA_FUSION_DISABLE=1`` does not raise):

    dialect  mode           positives   (any fusion)  near misses fused  crashes
    inductor static          6/15        6             3/9               1 (nm_positions_as_lengths)
    inductor mark_dynamic    6/14        6             3/9               1 (same); window_buffer_compaction n/a
    inductor dynamic=True    1/15        5             3/9               1 (same)
    torchair static          6/15        6             3/9               0
    torchair mark_dynamic    6/14        6             3/9               0; window_buffer_compaction n/a
    torchair dynamic=True    0/15        5             3/9               22 (every case, see T below)
    TOTAL: 25/88 positive runs (28 %) with every compression fused and bit-exact. All 29 positive runs that got a
    result and fused anything were bit-exact to the golden; the other 5 that fused are torchair dynamic=True crashes.

Fully fused in static and mark_dynamic, both dialects: vllm_v1_flat_slots, lucidrains_functional,
hf_cache_class_dict, vllm_padded_null_block, lucidrains_mean_pool, hf_offset_buffer (hf_offset_buffer also in
Inductor dynamic=True). Every miss, with the pass's reason (the runner's rejections; ``nsa_fusion.explain`` where the
runner had none):

* sglang_token_pool, sglang_dummy_slot0 (6/6 modes each): ``roles: the index arithmetic reads argN (a graph input,
  e.g. a module buffer), whose values are only known at run time ...`` at the token table read through
  ``req_to_token[req_pool_indices]`` (a forward argument, not a buffer).
* hf_static_cache (6/6): explain: 0 candidates, all 8 writes ignored as "the KV append", the compressed write
  ``cmp[rows, idx] = where(...)`` into ``[B, max_cmp, N, D]`` included; "no row write into a cache was found".
  Torchair: ``aten.index_put ge_converter is not implemented`` on the unfused writes.
* deepseek_mla_latent_4l (6/6): explain: 0 candidates; the latent caches have no head dim (``[NB, P, C]``,
  ``[S, C]``): "the written tensor is not a [num_slots, N, D] cache".
* flashinfer_hnd (6/6): ``gather: paged input (35, 2, 16, 32) and cache (28, 2, 32) do not share [N, D]`` (HND
  ``[NB, N, P, D]`` not read as a permuted ``[NB, P, N, D]``); torchair also the GE index_put error.
* deepseek_kv_concat (6/6): ``gather: paged input (19, 64, 2, 64) and cache (60, 2, 32) do not share [N, D]`` (K and
  V as last-dim halves of one cache).
* flashinfer_ragged (6/6): ``roles: the gather does not read exactly one [B, max_pages] block table: kv_indptr,
  kv_indices``.
* vllm_index_select_3l (6/6): ``gather: the new row b may depend on other rows ... (view mixes or reshapes batch
  rows)`` at ``index_select(0, token_slots.flatten()).view(B, l, N, D)``.
* window_buffer_compaction (4/4 applicable; mark_dynamic n/a: ConstraintViolationError on ``before_len`` without the
  pass too): explain: dynamo breaks the graph at ``torch.where(before_len == l)[0]`` (``aten.nonzero``), 3 graphs,
  "no graph holds a whole compression step"; the compacted write ``cmp_k[idx, cmp_len[idx]] = pooled[idx]`` is
  ignored as "the KV append".
* D, Inductor dynamic=True: vllm_v1_flat_slots, hf_cache_class_dict, vllm_padded_null_block, lucidrains_mean_pool
  fuse layer 1 only (2/4): ``sizes: aten.slice.Tensor moves elements by a constant or size-modular offset
  (16*Min(2, s64)) along dim 1 ...`` at layer 2; lucidrains_functional 0/2: ``sizes: the step is the contract at the
  compiled sizes but not at other sizes this dynamic graph serves (pooling: ... weight as [l, N] or [N, l])``.
* T, torchair dynamic=True: every case, positives and near misses, fused or not, crashes with ``RuntimeError: Failed
  to auto-generated converter for <function sym_min> to AscendIR`` (compiles with NSA_FUSION_DISABLE=1).

Near misses: nm_s_mod_d, nm_mean_l12, nm_half_products, nm_partial_every_step, nm_arith_blend, nm_split_halves
unfused and eager-equal in every mode but torchair dynamic=True (T). Three near-miss cases fused, in every mode;
on analysis all three are MY labelling errors, not the recogniser's: their compression step IS the contract on
other arguments than the golden assumes.
* nm_compress_before_append (fused 2/2): the step computes the contract on the cache as it is before the append;
  eager_equal=True in every run with a result (the bug is the model's order, not the compression).
* nm_flipped_weights (fused 2/2): the contract with the weight ``w.flip(0)``; eager_equal=True.
* nm_positions_as_lengths (fused 2/2): the contract with lengths := ``positions`` (an input). The corpus's inputs
  give the rows that complete under that reading slot -1 (a valid padding slot for the model's seq_lens, an
  out-of-range slot on a written row for the contract), so they are outside the contract's valid inputs: Inductor
  raises ``IndexError: slot_mapping[2] = -1 is out of range for cache with 60 slots`` (the corpus harness's value
  checks), torchair static/batch differ from eager (eager wraps -1 to row S - 1). Worth a look: a user sees the
  compiled model differ from eager on inputs eager accepts.
"""
from __future__ import annotations

import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import (HIDDEN, MLP_HIDDEN, ModelCase, Spec, _eager_after, _flat_state, _init_params,  # noqa: E402
                     _poison, caches, gen_state, golden)

WINDOW = 8  # sliding-window attention span
TOP_BLOCKS = 2  # compressed blocks whose raw tokens the selected branch attends to


# ----------------------------------------------------------------------------------------------------
# Layer parts shared by every model (norm, projections, rotary, the three attention branches, MLP)
# ----------------------------------------------------------------------------------------------------

class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight.float()).to(x.dtype)


def rotary(x, pos):
    """Rotate-half rotary embedding of ``x`` ``[B, H, Dr]`` at positions ``pos`` ``[B]``."""
    dr = x.shape[-1]
    inv_freq = 1.0 / (10000.0 ** (torch.arange(0, dr, 2, device=x.device, dtype=torch.float32) / dr))
    ang = pos.float()[:, None, None] * inv_freq
    x1, x2 = x.float().chunk(2, dim=-1)
    cos, sin = ang.cos(), ang.sin()
    return torch.cat((x1 * cos - x2 * sin, x1 * sin + x2 * cos), dim=-1).to(x.dtype)


def attend(q, k, v, mask):
    """q ``[B, Hq, Dk]``, k ``[B, T, N, Dk]``, v ``[B, T, N, Dv]``, mask ``[B, T]`` -> ``[B, Hq, Dv]`` in fp32.
    Masked keys and values may hold anything (NaN, inf): they are replaced, never multiplied."""
    rep = q.shape[1] // k.shape[2]
    k = k.float().repeat_interleave(rep, dim=2)
    v = v.float().repeat_interleave(rep, dim=2)
    sc = torch.einsum("bhd,bthd->bht", q.float(), k) / math.sqrt(q.shape[-1])
    sc = torch.where(mask[:, None, :], sc, torch.full_like(sc, -1e4))
    p = sc.softmax(-1)
    v = torch.where(mask[:, :, None, None], v, torch.zeros_like(v))
    return torch.einsum("bht,bthd->bhd", p, v)


def completed_blocks(s, l, d):
    """Compressed rows a request with ``s`` tokens owns after this step (for the attention branches)."""
    return torch.where(s >= l, torch.div(s - l, d, rounding_mode="floor") + 1, torch.zeros_like(s))


class Layer(nn.Module):
    """The parts of a decoder layer that are not about the caches. Each model does its own append, compression
    and cache reads, then calls ``finish`` with a ``read(pos) -> (k, v)`` of its own."""

    def __init__(self, N, Dk, Dv, l, *, Hq=None, weight_shape=None, kv_out=None):
        super().__init__()
        Hq = Hq or N
        self.N, self.Dk, self.Dv, self.Hq = N, Dk, Dv, Hq
        self.attn_norm = RMSNorm(HIDDEN)
        self.q_proj = nn.Linear(HIDDEN, Hq * Dk, bias=False)
        self.k_proj = nn.Linear(HIDDEN, kv_out or N * Dk, bias=False)
        self.v_proj = nn.Linear(HIDDEN, N * Dv, bias=False)
        self.gate_proj = nn.Linear(HIDDEN, Hq * 3, bias=False)
        self.o_proj = nn.Linear(Hq * Dv, HIDDEN, bias=False)
        self.mlp_norm = RMSNorm(HIDDEN)
        self.mlp_gate = nn.Linear(HIDDEN, MLP_HIDDEN, bias=False)
        self.mlp_up = nn.Linear(HIDDEN, MLP_HIDDEN, bias=False)
        self.mlp_down = nn.Linear(MLP_HIDDEN, HIDDEN, bias=False)
        shape = weight_shape or (l, N)
        self.cmp_w_k = nn.Parameter(torch.empty(shape))
        self.cmp_w_v = nn.Parameter(torch.empty(shape))

    def project(self, h, pos):
        B = h.shape[0]
        x = self.attn_norm(h)
        q = rotary(self.q_proj(x).view(B, self.Hq, self.Dk), pos)
        k = rotary(self.k_proj(x).view(B, self.N, self.Dk), pos)
        v = self.v_proj(x).view(B, self.N, self.Dv)
        return x, q, k, v

    def finish(self, h, x, q, s, read, cmp_k, cmp_v, l, d):
        """Compressed, selected and sliding-window attention, gated; residual; MLP. ``cmp_k``/``cmp_v``
        ``[B, max_cmp, N, *]`` are the request's compressed rows (after this step's write)."""
        B, max_cmp = q.shape[0], cmp_k.shape[1]
        cnt = completed_blocks(s, l, d)
        cmp_mask = torch.arange(max_cmp, device=s.device)[None, :] < cnt[:, None]
        o_cmp = attend(q, cmp_k, cmp_v, cmp_mask)
        rep = self.Hq // cmp_k.shape[2]
        imp = torch.einsum("bhd,bchd->bc", q.float(), cmp_k.float().repeat_interleave(rep, dim=2))
        imp = torch.where(cmp_mask, imp, torch.full_like(imp, -1e4))
        blk = imp.topk(min(TOP_BLOCKS, max_cmp), dim=-1).indices
        blk_ok = cmp_mask.gather(1, blk)
        sel_pos = (blk[:, :, None] * d + torch.arange(l, device=s.device)).flatten(1)
        sel_mask = blk_ok.repeat_interleave(l, dim=1) & (sel_pos < s[:, None])
        win_pos = s[:, None] - WINDOW + torch.arange(WINDOW, device=s.device)
        win_mask = win_pos >= 0
        last = (s - 1).clamp(min=0)[:, None]
        pos = torch.minimum(torch.cat((sel_pos, win_pos), dim=1).clamp(min=0), last)
        k_all, v_all = read(pos)
        ns = sel_pos.shape[1]
        o_sel = attend(q, k_all[:, :ns], v_all[:, :ns], sel_mask)
        o_win = attend(q, k_all[:, ns:], v_all[:, ns:], win_mask)
        g = torch.sigmoid(self.gate_proj(x).float()).view(B, self.Hq, 3, 1)
        o = g[:, :, 0] * o_cmp + g[:, :, 1] * o_sel + g[:, :, 2] * o_win
        h = h + self.o_proj(o.flatten(1).to(h.dtype))
        y = self.mlp_norm(h)
        return h + self.mlp_down(F.silu(self.mlp_gate(y)) * self.mlp_up(y))


class DecodeModel(nn.Module):
    """``ARGS``: the forward's argument names (``golden``/``caches`` read them); ``BATCH``: those whose dim 0 is
    the batch; ``specs()``: one ``Spec`` per compression."""
    ARGS: tuple = ()
    BATCH: tuple = ()
    SIZES: dict = {}

    def __init__(self, dtype, layers=1, seed=0, **layer_kw):
        super().__init__()
        for k, v in self.SIZES.items():
            setattr(self, k, v)
        self.layers = nn.ModuleList(self.make_layer(**layer_kw) for _ in range(layers))
        self.dtype = dtype
        _init_params(self.to(dtype), seed, dtype)

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, **kw)

    def state(self, B, seed, n):
        return gen_state(B, seed, l=self.l, d=self.d, P=self.P, MP=self.MP, N=self.N, D=self.D,
                         dtype=self.dtype, n_kv=n, n_cmp=n)

    def pack(self, **named):
        return tuple(named[a] for a in self.ARGS)


def _append_slots(st, P):
    """vLLM's slot_mapping: the flat slot ``page * P + offset`` of each row's new token (position s - 1)."""
    s, table = st["s"], st["table"]
    pos = (s - 1).clamp(min=0)
    return table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P


def _kv_spec(name, kv, cache, weight, table, lengths, slots):
    return Spec(name, kv, cache, weight, table, lengths, slots)


# ----------------------------------------------------------------------------------------------------
# vLLM v1: [2, num_blocks, P, N, D] per layer, flat token slots
# ----------------------------------------------------------------------------------------------------

class VllmV1FlatSlots(DecodeModel):
    """vLLM v1 FlashAttention layout, two layers. ``reshape_and_cache_flash`` in torch:
    ``key_cache.flatten(0, 1).index_copy_(0, slot_mapping, key)``; the window is read through flat token slots
    ``block_table[b, p // P] * P + p % P``; compressed caches separate per layer and K/V, written through the
    scheduler's ``cmp_slot_mapping`` (-1 padding)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "seq_lens", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, slot_mapping, seq_lens, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        l, d, P = self.l, self.d, self.P
        window = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        win_slots = block_table.gather(1, window // P) * P + window % P
        completes = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        h = hidden
        for layer, kv_cache, ck, cv in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_k_0, cmp_k_1),
                                           (cmp_v_0, cmp_v_1)):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache.unbind(0)
            key_cache.flatten(0, 1).index_copy_(0, slot_mapping, k)
            value_cache.flatten(0, 1).index_copy_(0, slot_mapping, v)
            for cache, src, w in ((ck, key_cache, layer.cmp_w_k), (cv, value_cache, layer.cmp_w_v)):
                toks = src.flatten(0, 1)[win_slots].float()
                pooled = (toks * w.float()[None, :, :, None]).sum(dim=1).to(cache.dtype)
                cache[cmp_slot_mapping] = torch.where(completes[:, None, None], pooled, cache[cmp_slot_mapping])

            def read(pos, key_cache=key_cache, value_cache=value_cache):
                sl = block_table.gather(1, pos // P) * P + pos % P
                return key_cache.flatten(0, 1)[sl], value_cache.flatten(0, 1)[sl]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_block_table], cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         seq_lens=st["s"], block_table=st["table"], cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv_cache_0=torch.stack(kvs[0:2]),
                         kv_cache_1=torch.stack(kvs[2:4]), cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2],
                         cmp_v_1=cmps[3])

    def specs(self):
        out = []
        for i in range(2):
            for half, kv in ((0, "k"), (1, "v")):
                out.append(_kv_spec(f"{kv}{i}", lambda a, r, i=i, half=half: a[f"kv_cache_{i}"][half],
                                    lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                                    lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                    lambda a: a["block_table"], lambda a: a["seq_lens"],
                                    lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# vLLM, CUDA-graph padded batch: null block 0, K and V appended in one write
# ----------------------------------------------------------------------------------------------------

class VllmPaddedNullBlock(DecodeModel):
    """A batch padded to the captured CUDA-graph size: the last two rows are padding (``seq_lens = 0``, an empty
    block table, ``cmp_slot_mapping = -1``) and their ``slot_mapping`` points into vLLM v1's reserved null block 0,
    which no request owns. K and V of a layer are appended in one write ``kv_cache[:, pages, offsets] =
    stack((k, v))``; each half is compressed from its ``kv_cache[half]`` view into ``cmp_kv[half]``
    (``[2, S, N, D]`` per layer)."""
    SIZES = dict(l=32, d=8, P=16, MP=5, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_kv_0", "cmp_kv_1")
    BATCH = ARGS[:7]
    PAD = 2

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_kv_0, cmp_kv_1):
        l, d, P = self.l, self.d, self.P
        qualifies = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        window = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        win_pages = block_table.gather(1, window // P).clamp(min=0)
        win_offs = window % P
        h = hidden
        for layer, kv_cache, cmp_kv in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_kv_0, cmp_kv_1)):
            x, q, k, v = layer.project(h, positions)
            kv_cache[:, slot_mapping // P, slot_mapping % P] = torch.stack((k, v))
            for half, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                src, dst = kv_cache[half], cmp_kv[half]
                toks = src[win_pages, win_offs]
                pooled = (toks.float() * w.float()[None, :, :, None]).sum(dim=1)
                dst.index_put_((cmp_slot_mapping,),
                               torch.where(qualifies[:, None, None], pooled.to(dst.dtype), dst[cmp_slot_mapping]))

            def read(pos, kv_cache=kv_cache):
                pages = block_table.gather(1, pos // P).clamp(min=0)
                return kv_cache[0][pages, pos % P], kv_cache[1][pages, pos % P]

            h = layer.finish(h, x, q, seq_lens, read, cmp_kv[0][cmp_block_table], cmp_kv[1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P = self.P
        s, table, cmp_slot = st["s"].clone(), st["table"] + 1, st["cmp_slot"].clone()  # page 0 is the null block
        table[st["table"] < 0] = -1
        null = _poison(st["g"], (1, P, self.N, self.D), self.dtype)
        kvs = [torch.cat((null, kv)) for kv in st["kvs"]]
        pad = torch.arange(B - self.PAD, B)
        s[pad] = 0
        table[pad] = -1
        cmp_slot[pad] = -1
        pos = (s - 1).clamp(min=0)
        slot_mapping = table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        slot_mapping[pad] = torch.arange(self.PAD)  # distinct slots of the null block
        positions = (s - 1).clamp(min=0)
        return self.pack(hidden=st["hidden"], positions=positions, seq_lens=s, slot_mapping=slot_mapping,
                         block_table=table, cmp_slot_mapping=cmp_slot, cmp_block_table=st["cmp_table"],
                         kv_cache_0=torch.stack(kvs[0:2]), kv_cache_1=torch.stack(kvs[2:4]),
                         cmp_kv_0=torch.stack(st["cmps"][0:2]), cmp_kv_1=torch.stack(st["cmps"][2:4]))

    def specs(self):
        return [_kv_spec(f"{'kv'[half]}{i}", lambda a, r, i=i, half=half: a[f"kv_cache_{i}"][half],
                         lambda a, r, i=i, half=half: a[f"cmp_kv_{i}"][half],
                         lambda m, i=i, half=half: (m.layers[i].cmp_w_k, m.layers[i].cmp_w_v)[half],
                         lambda a: a["block_table"], lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for i in range(2) for half in range(2)]


# ----------------------------------------------------------------------------------------------------
# vLLM, 3 layers: index_select over the flattened cache, matmul pooling, scatter_ into the compressed cache
# ----------------------------------------------------------------------------------------------------

class VllmIndexSelect3L(DecodeModel):
    """Three layers, K and V caches ``[NB, P, N, D]`` as separate arguments. The window is gathered with
    ``flat.index_select(0, token_slots)``; pooling is one ``matmul`` per head; non-completing rows' compressed
    slot is the spare last row ``S - 1`` (no request owns it) and the rows are written with ``scatter_``."""
    SIZES = dict(l=16, d=16, P=16, MP=3, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slots", "cmp_block_table",
            "k_0", "v_0", "k_1", "v_1", "k_2", "v_2", "ck_0", "cv_0", "ck_1", "cv_1", "ck_2", "cv_2")
    BATCH = ARGS[:7]

    def compress(self, cache, w, token_slots, slots, fresh):
        B, l = token_slots.shape
        N, D = cache.shape[-2:]
        toks = cache.view(-1, N, D).index_select(0, token_slots.flatten()).view(B, l, N, D)
        pooled = torch.matmul(w.float().t()[:, None, None, :], toks.float().permute(2, 0, 1, 3))  # [N, B, 1, D]
        return pooled.squeeze(2).transpose(0, 1)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slots, cmp_block_table,
                k_0, v_0, k_1, v_1, k_2, v_2, ck_0, cv_0, ck_1, cv_1, ck_2, cv_2):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        pos = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        token_slots = block_table.gather(1, pos // P).clamp(min=0) * P + pos % P
        fresh = (seq_lens >= l) & (torch.div(seq_lens - l, d, rounding_mode="floor") * d == seq_lens - l)
        index = cmp_slots.view(B, 1, 1).expand(B, self.N, self.D)
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k_0, k_1, k_2), (v_0, v_1, v_2), (ck_0, ck_1, ck_2),
                                         (cv_0, cv_1, cv_2)):
            x, q, k, v = layer.project(h, positions)
            kc.view(-1, self.N, self.D).index_copy_(0, slot_mapping, k)
            vc.view(-1, self.N, self.D).index_copy_(0, slot_mapping, v)
            for cache, dst, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                pooled = self.compress(cache, w, token_slots, cmp_slots, fresh).to(dst.dtype)
                dst.scatter_(0, index, torch.where(fresh[:, None, None], pooled, dst.gather(0, index)))

            def read(p, kc=kc, vc=vc):
                sl = block_table.gather(1, p // P).clamp(min=0) * P + p % P
                return kc.view(-1, self.N, self.D)[sl], vc.view(-1, self.N, self.D)[sl]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_block_table], cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 6)
        cmp_slots = torch.where(st["valid"], st["cmp_slot"], torch.full_like(st["cmp_slot"], st["S"] - 1))
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_slots=cmp_slots, cmp_block_table=st["cmp_table"])
        for i in range(3):
            named.update({f"k_{i}": kvs[2 * i], f"v_{i}": kvs[2 * i + 1], f"ck_{i}": cmps[2 * i],
                          f"cv_{i}": cmps[2 * i + 1]})
        return self.pack(**named)

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_{i}"], lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slots"])
                for i in range(3) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# FlashInfer: HND layout; ragged page list over a [NB, 2, P, N, D] cache
# ----------------------------------------------------------------------------------------------------

class FlashinferHND(DecodeModel):
    """FlashInfer's HND layout: ``k_cache``/``v_cache`` ``[num_pages, N, P, D]``. Append
    ``k_cache[page, :, offset] = k``; the window ``k_cache[pages, :, offsets]`` comes out ``[B, l, N, D]``;
    pooled with ``einsum``; the condition written as ``s % d == l % d``."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "block_tables", "cmp_slots", "cmp_block_tables", "k_cache", "v_cache",
            "k_cmp", "v_cmp")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, seq_lens, block_tables, cmp_slots, cmp_block_tables, k_cache, v_cache,
                k_cmp, v_cmp):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        page = block_tables.gather(1, (positions // P)[:, None]).squeeze(1)
        k_cache[page, :, positions % P] = k
        v_cache[page, :, positions % P] = v
        qual = (seq_lens >= l) & (seq_lens % d == l % d)
        pos = (seq_lens[:, None] + torch.arange(-l, 0, device=seq_lens.device)).clamp(min=0)
        pages = block_tables.gather(1, pos // P)
        for src, dst, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            toks = src[pages, :, pos % P]
            pooled = torch.einsum("blnd,ln->bnd", toks.float(), w.float()).to(dst.dtype)
            dst.index_put_((cmp_slots,), torch.where(qual[:, None, None], pooled, dst[cmp_slots]))

        def read(p):
            pg = block_tables.gather(1, p // P)
            return k_cache[pg, :, p % P], v_cache[pg, :, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, k_cmp[cmp_block_tables], v_cmp[cmp_block_tables], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], block_tables=st["table"],
                         cmp_slots=st["cmp_slot"], cmp_block_tables=st["cmp_table"],
                         k_cache=st["kvs"][0].transpose(1, 2).contiguous(),
                         v_cache=st["kvs"][1].transpose(1, 2).contiguous(), k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"].transpose(1, 2), lambda a, r, kv=kv: a[f"{kv}_cmp"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_tables"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slots"]) for kv in "kv"]


def _ragged_table(indptr, indices, max_pages):
    B = indptr.shape[0] - 1
    table = torch.full((B, max_pages), -1, dtype=indices.dtype)
    for b in range(B):
        lo, hi = int(indptr[b]), int(indptr[b + 1])
        table[b, : hi - lo] = indices[lo:hi]
    return table


class FlashinferRagged(DecodeModel):
    """FlashInfer's paged KV as a ragged page list: ``kv_indptr`` ``[B + 1]``, ``kv_indices`` (the pages of all
    requests, concatenated), one ``[num_pages, 2, P, N, D]`` cache; page ``i`` of request ``b`` is
    ``kv_indices[kv_indptr[b] + i]``. K is ``paged_kv[pages, 0, offsets]``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "kv_indptr", "cmp_slots", "cmp_block_table", "kv_indices", "paged_kv",
            "k_cmp", "v_cmp")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, seq_lens, kv_indptr, cmp_slots, cmp_block_table, kv_indices, paged_kv,
                k_cmp, v_cmp):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        first = kv_indptr[:-1]
        page = kv_indices[first + positions // P]
        paged_kv[page, 0, positions % P] = k
        paged_kv[page, 1, positions % P] = v
        ready = (seq_lens >= l) & (seq_lens % d == l % d)
        pos = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        pages = kv_indices[first[:, None] + pos // P]
        for kv, dst, w in ((0, k_cmp, layer.cmp_w_k), (1, v_cmp, layer.cmp_w_v)):
            toks = paged_kv[pages, kv, pos % P]
            pooled = (toks.float() * w.float()[None, :, :, None]).sum(1).to(dst.dtype)
            dst[cmp_slots] = torch.where(ready[:, None, None], pooled, dst[cmp_slots])

        def read(p):
            pg = kv_indices[first[:, None] + p // P]
            return paged_kv[pg, 0, p % P], paged_kv[pg, 1, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        s, table, P = st["s"], st["table"], self.P
        used = (s + P - 1) // P
        indices = torch.cat([table[b, : int(used[b])] for b in range(B)])
        indptr = torch.cat((torch.zeros(1, dtype=torch.int64), used.cumsum(0)))
        return self.pack(hidden=st["hidden"], positions=s - 1, seq_lens=s, kv_indptr=indptr, cmp_slots=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv_indices=indices,
                         paged_kv=torch.stack(st["kvs"], dim=1), k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        return [_kv_spec("kv"[i], lambda a, r, i=i: a["paged_kv"][:, i], lambda a, r, i=i: a[f"{'kv'[i]}_cmp"],
                         lambda m, i=i: (m.layers[0].cmp_w_k, m.layers[0].cmp_w_v)[i],
                         lambda a: _ragged_table(a["kv_indptr"], a["kv_indices"], self.MP), lambda a: a["seq_lens"],
                         lambda a: a["cmp_slots"]) for i in range(2)]


# ----------------------------------------------------------------------------------------------------
# SGLang: token pools (page size 1)
# ----------------------------------------------------------------------------------------------------

def _sglang_cmp_loc(a, l, d):
    """The compressed row SGLang's step writes: ``cmp_req_to_token[req, cnt - 1]`` (column 0 when cnt = 0)."""
    s = a["seq_lens"]
    cnt = torch.where(s >= l, (s - l) // d + 1, torch.zeros_like(s))
    return a["cmp_req_to_token"][a["req_pool_indices"], (cnt - 1).clamp(min=0)]


class SglangTokenPool(DecodeModel):
    """SGLang ``MHATokenToKVPool``: per-layer ``k_buffer``/``v_buffer`` ``[num_tokens, N, D]``, ``set_kv_buffer``
    as ``k_buffer[out_cache_loc] = k``; the window's token ids ``req_to_token[req_pool_indices[:, None], pos]``;
    a block completes when the count of compressed blocks grows (``cnt(s) > cnt(s - 1)``); the compressed row is
    ``cmp_req_to_token[req, cnt - 1]``."""
    SIZES = dict(l=8, d=4, P=1, MP=48, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer_0", "v_buffer_0", "k_buffer_1", "v_buffer_1", "ck_0", "cv_0", "ck_1", "cv_1")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer_0, v_buffer_0, k_buffer_1, v_buffer_1, ck_0, cv_0, ck_1, cv_1):
        l, d = self.l, self.d
        cnt_now = torch.where(seq_lens >= l, (seq_lens - l) // d + 1, torch.zeros_like(seq_lens))
        prev = seq_lens - 1
        cnt_before = torch.where(prev >= l, (prev - l) // d + 1, torch.zeros_like(prev))
        new_block = cnt_now > cnt_before
        cmp_loc = cmp_req_to_token[req_pool_indices, (cnt_now - 1).clamp(min=0)]
        pos = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        token_ids = req_to_token[req_pool_indices[:, None], pos]
        cmp_rows = cmp_req_to_token[req_pool_indices]
        h = hidden
        for layer, kb, vb, ck, cv in zip(self.layers, (k_buffer_0, k_buffer_1), (v_buffer_0, v_buffer_1), (ck_0, ck_1),
                                         (cv_0, cv_1)):
            x, q, k, v = layer.project(h, positions)
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            for buf, dst, w in ((kb, ck, layer.cmp_w_k), (vb, cv, layer.cmp_w_v)):
                pooled = (buf[token_ids].float() * w.float().unsqueeze(-1)).sum(1)
                dst[cmp_loc] = torch.where(new_block[:, None, None], pooled.to(dst.dtype), dst[cmp_loc])

            def read(p, kb=kb, vb=vb):
                ids = req_to_token[req_pool_indices[:, None], p]
                return kb[ids], vb[ids]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_rows], cv[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kvs = [kv.squeeze(1).contiguous() for kv in st["kvs"]]
        c = st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer_0=kvs[0],
                         v_buffer_0=kvs[1], k_buffer_1=kvs[2], v_buffer_1=kvs[3], ck_0=c[0], cv_0=c[1], ck_1=c[2],
                         cv_1=c[3])

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_buffer_{i}"],
                         lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                         lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                         lambda a: _sglang_cmp_loc(a, self.l, self.d)) for i in range(2) for kv in "kv"]


class SglangDummySlot0(DecodeModel):
    """SGLang with a paged allocator (page size 16) over a flat token pool: ``req_to_token`` holds page-aligned
    token ids ``page * 16 + offset``. Compressed caches reserve row 0 as the dummy row that padding writes hit
    (``cmp_out_cache_loc = 0`` on rows that complete no block); the window's ids are
    ``req_to_token[req_pool_indices].gather(1, pos)``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "cmp_out_cache_loc",
            "req_to_token", "cmp_req_to_token", "k_buffer_0", "v_buffer_0", "k_buffer_1", "v_buffer_1", "ck_0",
            "cv_0", "ck_1", "cv_1")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, cmp_out_cache_loc, req_to_token,
                cmp_req_to_token, k_buffer_0, v_buffer_0, k_buffer_1, v_buffer_1, ck_0, cv_0, ck_1, cv_1):
        l, d = self.l, self.d
        ready = (seq_lens - l >= 0) & ((seq_lens - l) % d == 0)
        pos = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        rows = req_to_token[req_pool_indices]
        ids = rows.gather(1, pos)
        cmp_rows = cmp_req_to_token[req_pool_indices]
        h = hidden
        for layer, kb, vb, ck, cv in zip(self.layers, (k_buffer_0, k_buffer_1), (v_buffer_0, v_buffer_1), (ck_0, ck_1),
                                         (cv_0, cv_1)):
            x, q, k, v = layer.project(h, positions)
            kb.index_put_((out_cache_loc,), k)
            vb.index_put_((out_cache_loc,), v)
            for buf, dst, w in ((kb, ck, layer.cmp_w_k), (vb, cv, layer.cmp_w_v)):
                pooled = (buf[ids].float() * w.float()[None, :, :, None]).sum(1).to(dst.dtype)
                dst[cmp_out_cache_loc] = torch.where(ready[:, None, None], pooled, dst[cmp_out_cache_loc])

            def read(p, kb=kb, vb=vb):
                t = rows.gather(1, p)
                return kb[t], vb[t]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_rows], cv[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P = self.P
        g = st["g"]
        s, table = st["s"], st["table"]
        p = torch.arange(self.MP * P)
        tok_table = table.gather(1, (p // P).expand(B, -1)) * P + p % P
        tok_table = torch.where(table.gather(1, (p // P).expand(B, -1)) >= 0, tok_table, torch.full_like(tok_table, -1))
        R = B + 3
        rpi = torch.randperm(R, generator=g)[:B]
        r2t = torch.randint(0, st["NB"] * P, (R, self.MP * P), generator=g)
        r2t[rpi] = tok_table
        cr2t = torch.randint(1, st["S"] + 1, (R, st["max_cmp"]), generator=g)
        cr2t[rpi] = st["cmp_table"] + 1
        cmp_loc = torch.where(st["valid"], st["cmp_slot"] + 1, torch.zeros_like(s))
        out_loc = tok_table[torch.arange(B), s - 1]
        kvs = [kv.flatten(0, 1).clone() for kv in st["kvs"]]
        dummy = _poison(g, (1, self.N, self.D), self.dtype)
        c = [torch.cat((dummy, x)) for x in st["cmps"]]
        return self.pack(hidden=st["hidden"], positions=s - 1, req_pool_indices=rpi, seq_lens=s, out_cache_loc=out_loc,
                         cmp_out_cache_loc=cmp_loc, req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer_0=kvs[0],
                         v_buffer_0=kvs[1], k_buffer_1=kvs[2], v_buffer_1=kvs[3], ck_0=c[0], cv_0=c[1], ck_1=c[2],
                         cv_1=c[3])

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_buffer_{i}"],
                         lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                         lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                         lambda a: a["cmp_out_cache_loc"]) for i in range(2) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# HF ports: static cache, Cache class with dicts, offset buffer
# ----------------------------------------------------------------------------------------------------

def _dense_state(st, B, T):
    """HF's unpaged view of a state: ``[B, T, N, D]`` per KV tensor (position ``p`` of row ``b`` at ``[b, p]``),
    positions not yet holding a token poisoned; ``[B, max_cmp, N, D]`` per compressed cache."""
    table, s, g = st["table"], st["s"], st["g"]
    real = torch.arange(T)[None, :] < (s - 1)[:, None]
    out = []
    for kv in st["kvs"]:
        dense = kv[table.clamp(min=0)].flatten(1, 2)
        out.append(torch.where(real[:, :, None, None], dense, _poison(g, dense.shape, dense.dtype)))
    return out, [c[st["cmp_table"]] for c in st["cmps"]]


class HfStaticCache(DecodeModel):
    """An HF port on a StaticCache: ``key_cache`` ``[B, N, max_len, D]`` per layer, no page table; the new token
    written at ``cache_position`` (one per row), the window ``cache_position + window_offsets`` (a buffer);
    compressed caches ``[B, max_cmp, N, D]`` written at ``[rows, s // l - 1]``; l = d, so a block completes when
    ``s % l == 0``."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "key_cache_0", "value_cache_0", "key_cache_1", "value_cache_1", "cmp_key_0",
            "cmp_value_0", "cmp_key_1", "cmp_value_1")
    BATCH = ARGS

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        self.register_buffer("window_offsets", torch.arange(-self.l + 1, 1), persistent=False)

    def forward(self, hidden, cache_position, key_cache_0, value_cache_0, key_cache_1, value_cache_1, cmp_key_0,
                cmp_value_0, cmp_key_1, cmp_value_1):
        l = self.l
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = cache_position + 1
        done = (s % l == 0) & (s > 0)
        idx = (s // l - 1).clamp(min=0)
        win = (cache_position[:, None] + self.window_offsets).clamp(min=0)
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (key_cache_0, key_cache_1), (value_cache_0, value_cache_1),
                                         (cmp_key_0, cmp_key_1), (cmp_value_0, cmp_value_1)):
            x, q, k, v = layer.project(h, cache_position)
            kc[rows, :, cache_position] = k
            vc[rows, :, cache_position] = v
            for cache, dst, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                toks = cache[rows[:, None], :, win]
                pooled = (toks.float() * w.float()[:, :, None]).sum(1).to(dst.dtype)
                dst[rows, idx] = torch.where(done[:, None, None], pooled, dst[rows, idx])

            def read(p, kc=kc, vc=vc):
                return kc[rows[:, None], :, p], vc[rows[:, None], :, p]

            h = layer.finish(h, x, q, s, read, ck, cv, l, self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        kvs = [kv.transpose(1, 2).contiguous() for kv in kvs]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, key_cache_0=kvs[0], value_cache_0=kvs[1],
                         key_cache_1=kvs[2], value_cache_1=kvs[3], cmp_key_0=cmps[0], cmp_value_0=cmps[1],
                         cmp_key_1=cmps[2], cmp_value_1=cmps[3])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            max_cmp = a["cmp_key_0"].shape[1]
            return torch.arange(s.shape[0]) * max_cmp + (s // self.l - 1).clamp(min=0)

        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_cache_{i}"].transpose(1, 2),
                         lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"].flatten(0, 1),
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv[0]}"),
                         lambda a: torch.arange(a["cache_position"].shape[0])[:, None], lambda a: a["cache_position"] + 1,
                         slots) for i in range(2) for kv in ("key", "value")]


class PagedNSACache:
    """An HF-style cache object over the step's tensors: dicts ``layer_idx -> tensor``, ``update()`` appends and
    returns the layer's caches, ``compress()`` pools the window in a Python loop over its positions (window order)
    and writes at ``cmp_block_table[b, (s - l) // d]``."""

    def __init__(self, keys, values, cmp_keys, cmp_values, block_table, cmp_block_table, l, d, page_size):
        self.key_cache = dict(enumerate(keys))
        self.value_cache = dict(enumerate(values))
        self.cmp_cache = {i: {"key": k, "value": v} for i, (k, v) in enumerate(zip(cmp_keys, cmp_values))}
        self.block_table, self.cmp_block_table = block_table, cmp_block_table
        self.l, self.d, self.page_size = l, d, page_size

    def _page(self, pos):
        return self.block_table.gather(1, (pos // self.page_size)[:, None]).squeeze(1)

    def update(self, key_states, value_states, layer_idx, cache_kwargs):
        pos = cache_kwargs["cache_position"]
        self.key_cache[layer_idx].index_put_((self._page(pos), pos % self.page_size), key_states)
        self.value_cache[layer_idx].index_put_((self._page(pos), pos % self.page_size), value_states)
        return self.key_cache[layer_idx], self.value_cache[layer_idx]

    def compress(self, layer_idx, weights, cache_kwargs):
        l, d, P = self.l, self.d, self.page_size
        s = cache_kwargs["cache_position"] + 1
        ready = (s >= l) & (torch.remainder(s - l, d) == 0)
        start = (s - l).clamp(min=0)
        slot = self.cmp_block_table.gather(1, (start // d)[:, None]).squeeze(1)
        for name, src in (("key", self.key_cache[layer_idx]), ("value", self.value_cache[layer_idx])):
            w, dst = weights[name], self.cmp_cache[layer_idx][name]
            acc = torch.zeros(s.shape[0], *src.shape[2:], dtype=torch.float32, device=src.device)
            for j in range(l):
                p = start + j
                tok = src[self._page(p), p % P]
                acc = acc + w[j].float()[:, None] * tok.float()
            dst[slot] = torch.where(ready[:, None, None], acc.to(dst.dtype), dst[slot])

    def compressed(self, layer_idx, name):
        return self.cmp_cache[layer_idx][name][self.cmp_block_table]


class HfCacheClassDict(DecodeModel):
    """An HF port whose attention calls ``past_key_values.update(...)`` then ``past_key_values.compress(...)``
    on a ``PagedNSACache`` built from the step's tensors."""
    SIZES = dict(l=16, d=8, P=32, MP=2, N=2, D=32)
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_0", "value_0", "key_1", "value_1",
            "ckey_0", "cvalue_0", "ckey_1", "cvalue_1")
    BATCH = ARGS[:4]

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_0, value_0, key_1, value_1, ckey_0,
                cvalue_0, ckey_1, cvalue_1):
        cache = PagedNSACache((key_0, key_1), (value_0, value_1), (ckey_0, ckey_1), (cvalue_0, cvalue_1), block_table,
                              cmp_block_table, self.l, self.d, self.P)
        kwargs = {"cache_position": cache_position}
        s = cache_position + 1
        h = hidden
        for idx, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, cache_position)
            keys, values = cache.update(k, v, idx, kwargs)
            cache.compress(idx, {"key": layer.cmp_w_k, "value": layer.cmp_w_v}, kwargs)

            def read(p, keys=keys, values=values):
                pg = block_table.gather(1, p // self.P)
                return keys[pg, p % self.P], values[pg, p % self.P]

            h = layer.finish(h, x, q, s, read, cache.compressed(idx, "key"), cache.compressed(idx, "value"),
                             self.l, self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_0=kvs[0], value_0=kvs[1], key_1=kvs[2], value_1=kvs[3],
                         ckey_0=c[0], cvalue_0=c[1], ckey_1=c[2], cvalue_1=c[3])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            return a["cmp_block_table"].gather(1, ((s - self.l).clamp(min=0) // self.d)[:, None]).squeeze(1)

        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_{i}"], lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv[0]}"), lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1, slots) for i in range(2) for kv in ("key", "value")]


class HfOffsetBuffer(DecodeModel):
    """An HF port with ``register_buffer("window_offsets", torch.arange(l) - (l - 1))``: the window is
    ``cache_position + window_offsets``; pooling is ``matmul(w.t()[:, None], toks.permute(0, 2, 1, 3))``; the
    compressed row ``cmp_block_table[b, (s - l) // d]`` is written with ``index_copy_``. l = 24, d = 8."""
    SIZES = dict(l=24, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_pages", "value_pages", "key_cmp",
            "value_cmp")
    BATCH = ARGS[:4]

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        self.register_buffer("window_offsets", torch.arange(self.l) - (self.l - 1), persistent=False)

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_pages, value_pages, key_cmp,
                value_cmp):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        rows = torch.arange(hidden.shape[0], device=hidden.device)
        x, q, k, v = layer.project(hidden, cache_position)
        key_pages[block_table[rows, cache_position // P], cache_position % P] = k
        value_pages[block_table[rows, cache_position // P], cache_position % P] = v
        s = cache_position + 1
        ok = (s >= l) & (torch.remainder(s - l, d) == 0)
        pos = (cache_position[:, None] + self.window_offsets).clamp(min=0)
        slot = cmp_block_table.gather(1, torch.div(s - l, d, rounding_mode="floor").clamp(min=0)[:, None]).squeeze(1)
        for pages, dst, w in ((key_pages, key_cmp, layer.cmp_w_k), (value_pages, value_cmp, layer.cmp_w_v)):
            toks = pages[block_table.gather(1, pos // P), pos % P]
            pooled = torch.matmul(w.float().t().unsqueeze(1), toks.float().permute(0, 2, 1, 3)).squeeze(2)
            dst.index_copy_(0, slot, torch.where(ok[:, None, None], pooled.to(dst.dtype), dst[slot]))

        def read(p):
            pg = block_table.gather(1, p // P)
            return key_pages[pg, p % P], value_pages[pg, p % P]

        return layer.finish(hidden, x, q, s, read, key_cmp[cmp_block_table], value_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_pages=st["kvs"][0], value_pages=st["kvs"][1],
                         key_cmp=st["cmps"][0], value_cmp=st["cmps"][1])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)

        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_pages"], lambda a, r, kv=kv: a[f"{kv}_cmp"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}"), lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1, slots) for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# DeepSeek style: MLA latent stacked over 4 layers; K|V concatenated in one cache
# ----------------------------------------------------------------------------------------------------

KV_LORA, ROPE_DIM = 32, 16


class MLALayer(Layer):
    """Absorbed MLA: one latent ``[kv_lora + rope]`` per token (no head dim), queries in latent space, values the
    latent's first ``kv_lora`` dims. One compression per layer (the latent), weight ``[l]``."""

    def __init__(self, l):
        super().__init__(1, KV_LORA + ROPE_DIM, KV_LORA, l, Hq=2, weight_shape=(l,))

    def project(self, h, pos):
        B = h.shape[0]
        x = self.attn_norm(h)
        q = self.q_proj(x).view(B, self.Hq, self.Dk)
        q = torch.cat((q[..., :KV_LORA], rotary(q[..., KV_LORA:], pos)), dim=-1)
        c = self.k_proj(x)
        c = torch.cat((c[:, :KV_LORA], rotary(c[:, None, KV_LORA:], pos)[:, 0]), dim=-1)
        return x, q, c, None


class DeepseekMLALatent4L(DecodeModel):
    """Four MLA layers; ``latent_cache`` ``[L, num_pages, P, C]`` and ``cmp_latent`` ``[L, S, C]`` (all layers
    in one tensor, no head dim); ``latent_cache[i][pages, offsets] = c``; pooled with a ``[l]`` weight."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=1, D=KV_LORA + ROPE_DIM)
    ARGS = ("hidden", "positions", "block_table", "cmp_slot", "cmp_table", "latent_cache", "cmp_latent")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return MLALayer(self.l)

    def forward(self, hidden, positions, block_table, cmp_slot, cmp_table, latent_cache, cmp_latent):
        l, d, P = self.l, self.d, self.P
        s = positions + 1
        qual = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] + (torch.arange(l, device=s.device) - l)).clamp(min=0)
        win_pages, win_offs = block_table.gather(1, pos // P), pos % P
        page = block_table.gather(1, (positions // P)[:, None]).squeeze(1)
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, c, _ = layer.project(h, positions)
            cache, ccache = latent_cache[i], cmp_latent[i]
            cache[page, positions % P] = c
            toks = cache[win_pages, win_offs]
            pooled = (toks.float() * layer.cmp_w_k.float()[None, :, None]).sum(1)
            ccache.index_put_((cmp_slot,), torch.where(qual[:, None], pooled.to(ccache.dtype), ccache[cmp_slot]))

            def read(p, cache=cache):
                lat = cache[block_table.gather(1, p // P), p % P].unsqueeze(2)
                return lat, lat[..., :KV_LORA]

            rows = ccache[cmp_table].unsqueeze(2)
            h = layer.finish(h, x, q, s, read, rows, rows[..., :KV_LORA], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"], cmp_slot=st["cmp_slot"],
                         cmp_table=st["cmp_table"], latent_cache=torch.stack(st["kvs"]).squeeze(3),
                         cmp_latent=torch.stack(st["cmps"]).squeeze(2))

    def specs(self):
        return [_kv_spec(f"latent{i}", lambda a, r, i=i: a["latent_cache"][i].unsqueeze(2),
                         lambda a, r, i=i: a["cmp_latent"][i].unsqueeze(1), lambda m, i=i: m.layers[i].cmp_w_k[:, None],
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot"])
                for i in range(4)]


class DeepseekKVConcat(DecodeModel):
    """K and V of a layer concatenated in one cache ``[num_pages, P, N, 2D]`` (as MLA stores ``c_kv | k_pe``);
    one gather of the window serves both compressions, which are written into the two halves
    ``cmp[..., :D]``/``cmp[..., D:]`` of one ``[S, N, 2D]`` compressed cache. Lengths from ``positions + 1``."""
    SIZES = dict(l=32, d=16, P=64, MP=2, N=2, D=32)
    ARGS = ("hidden", "positions", "block_table", "cmp_slot", "cmp_table", "kv_0", "kv_1", "cmp_0", "cmp_1")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, block_table, cmp_slot, cmp_table, kv_0, kv_1, cmp_0, cmp_1):
        l, d, P, D = self.l, self.d, self.P, self.D
        start = positions + 1 - l
        take = (start >= 0) & (start % d == 0)
        pos = (start[:, None] + torch.arange(l, device=start.device)).clamp(min=0)
        pages, offs = block_table.gather(1, pos // P), pos % P
        page = block_table.gather(1, (positions // P)[:, None]).squeeze(1)
        h = hidden
        for layer, kv, cmp in zip(self.layers, (kv_0, kv_1), (cmp_0, cmp_1)):
            x, q, k, v = layer.project(h, positions)
            kv[page, positions % P] = torch.cat((k, v), dim=-1)
            toks = kv[pages, offs].float()
            for half, w in ((slice(0, D), layer.cmp_w_k), (slice(D, 2 * D), layer.cmp_w_v)):
                pooled = (toks[..., half] * w.float()[None, :, :, None]).sum(1)
                dst = cmp[..., half]
                dst.index_put_((cmp_slot,), torch.where(take[:, None, None], pooled.to(dst.dtype), dst[cmp_slot]))

            def read(p, kv=kv):
                t = kv[block_table.gather(1, p // P), p % P]
                return t[..., :D], t[..., D:]

            rows = cmp[cmp_table]
            h = layer.finish(h, x, q, positions + 1, read, rows[..., :D], rows[..., D:], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"], cmp_slot=st["cmp_slot"],
                         cmp_table=st["cmp_table"], kv_0=torch.cat(kvs[0:2], -1), kv_1=torch.cat(kvs[2:4], -1),
                         cmp_0=torch.cat(c[0:2], -1), cmp_1=torch.cat(c[2:4], -1))

    def specs(self):
        D = self.D
        halves = (slice(0, D), slice(D, 2 * D))
        return [_kv_spec(f"{'kv'[j]}{i}", lambda a, r, i=i, j=j: a[f"kv_{i}"][..., halves[j]],
                         lambda a, r, i=i, j=j: a[f"cmp_{i}"][..., halves[j]],
                         lambda m, i=i, j=j: (m.layers[i].cmp_w_k, m.layers[i].cmp_w_v)[j], lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot"]) for i in range(2) for j in range(2)]


# ----------------------------------------------------------------------------------------------------
# lucidrains style: functional updates and einsum; mean pooling
# ----------------------------------------------------------------------------------------------------

def exists(v):
    return v is not None


def divisible_by(num, den):
    return (num % den) == 0


class LucidrainsFunctional(DecodeModel):
    """Functional caches (``index_put`` out of place), returned with the output; weights ``[heads, window]``
    pooled with ``einsum('b w h d, h w -> b h d')``; fp32 throughout."""
    SIZES = dict(l=8, d=4, P=8, MP=6, N=2, D=32)
    ARGS = ("hidden", "positions", "block_table", "cmp_slots", "cmp_table", "k_cache", "v_cache", "ck", "cv")
    BATCH = ARGS[:5]

    def __init__(self, dtype, **kw):
        super().__init__(dtype, weight_shape=(self.SIZES["N"], self.SIZES["l"]), **kw)

    @staticmethod
    def compress_into(cache, tokens, weight, slots, mask):
        pooled = torch.einsum("b w h d, h w -> b h d", tokens.float(), weight.float())
        return cache.index_put((slots,), torch.where(mask[:, None, None], pooled.to(cache.dtype), cache[slots]))

    def forward(self, hidden, positions, block_table, cmp_slots, cmp_table, k_cache, v_cache, ck, cv):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        seq_len = positions + 1
        page = block_table.gather(1, (positions // P)[:, None]).squeeze(1)
        k_cache = k_cache.index_put((page, positions % P), k)
        v_cache = v_cache.index_put((page, positions % P), v)
        should_compress = (seq_len >= l) & divisible_by(seq_len - l, d)
        win = (seq_len[:, None] - l + torch.arange(l, device=seq_len.device)).clamp(min=0)
        win_pages = block_table.gather(1, win // P)
        ck = self.compress_into(ck, k_cache[win_pages, win % P], layer.cmp_w_k, cmp_slots, should_compress)
        cv = self.compress_into(cv, v_cache[win_pages, win % P], layer.cmp_w_v, cmp_slots, should_compress)

        def read(p):
            pg = block_table.gather(1, p // P)
            return k_cache[pg, p % P], v_cache[pg, p % P]

        out = layer.finish(hidden, x, q, seq_len, read, ck[cmp_table], cv[cmp_table], l, d)
        return out, k_cache, v_cache, ck, cv

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"], cmp_slots=st["cmp_slot"],
                         cmp_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1], ck=st["cmps"][0],
                         cv=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, j=j: r[1 + j], lambda a, r, kv=kv, j=j: a[f"c{kv}"] if r is None else r[3 + j],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}").t(), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slots"]) for j, kv in enumerate("kv")]


class LucidrainsMeanPool(DecodeModel):
    """Mean pooling over the window (``tokens.float().mean(dim=1)``): with l = 16 that is the contract with the
    weight 1/16 on every position and head (dividing by 16 commutes with each rounding). Two layers whose caches
    are kept in a dict built in ``forward``; the append is a ``scatter_`` into the flattened page view."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slots", "cmp_table", "k_0", "v_0",
            "k_1", "v_1", "ck_0", "cv_0", "ck_1", "cv_1")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slots, cmp_table, k_0, v_0, k_1, v_1,
                ck_0, cv_0, ck_1, cv_1):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        caches = {f"layer{i}": dict(k=kc, v=vc, ck=c1, cv=c2)
                  for i, (kc, vc, c1, c2) in enumerate(((k_0, v_0, ck_0, cv_0), (k_1, v_1, ck_1, cv_1)))}
        at_boundary = (seq_lens % l == 0) & (seq_lens > 0)
        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        win_pages, win_offs = block_table.gather(1, win // P), win % P
        append_index = slot_mapping[:, None, None].expand(B, N, D)
        h = hidden
        for i, layer in enumerate(self.layers):
            c = caches[f"layer{i}"]
            x, q, k, v = layer.project(h, positions)
            c["k"].view(-1, N, D).scatter_(0, append_index, k)
            c["v"].view(-1, N, D).scatter_(0, append_index, v)
            for src, dst in (("k", "ck"), ("v", "cv")):
                mean = c[src][win_pages, win_offs].float().mean(dim=1).to(c[dst].dtype)
                c[dst][cmp_slots] = torch.where(at_boundary[:, None, None], mean, c[dst][cmp_slots])

            def read(p, c=c):
                pg = block_table.gather(1, p // P)
                return c["k"][pg, p % P], c["v"][pg, p % P]

            h = layer.finish(h, x, q, seq_lens, read, c["ck"][cmp_table], c["cv"][cmp_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"],
                         slot_mapping=_append_slots(st, self.P), block_table=st["table"], cmp_slots=st["cmp_slot"],
                         cmp_table=st["cmp_table"], k_0=kvs[0], v_0=kvs[1], k_1=kvs[2], v_1=kvs[3], ck_0=c[0],
                         cv_0=c[1], ck_1=c[2], cv_1=c[3])

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_{i}"], lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"],
                         lambda m: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype), lambda a: a["block_table"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slots"]) for i in range(2) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# XunhaoLai's NSACache design: a per-request "before compress" window buffer, compaction of the full rows
# ----------------------------------------------------------------------------------------------------

class WindowBufferCompaction(DecodeModel):
    """native-sparse-attention-triton's decode cache, with K and V split and the batch first: each request keeps
    the tokens since its last compression in ``before_k``/``before_v`` ``[B, l, N, D]`` (``before_len`` of them).
    A step shifts the rows that were full left by ``d`` (``idx = torch.where(before_len == l)[0]``), appends the new
    token at ``before_len``, pools every row's buffer (weights ``[N, l]``, ``einsum``) and writes the rows that are
    full again at ``cmp_k[idx, cmp_len[idx]]``, then bumps ``cmp_len``. Raw tokens also go to a full per-request
    cache ``sparse_k`` ``[B, T, N, D]`` for the selected and sliding branches. This is the contract on the buffer:
    input ``before_k`` (pages of ``l`` tokens, page ``b`` for row ``b``), length ``before_len`` after the append,
    slot ``b * max_cmp + cmp_len[b]`` of ``cmp_k.flatten(0, 1)``."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "before_len", "cmp_len", "sparse_len", "before_k", "before_v", "cmp_k", "cmp_v", "sparse_k",
            "sparse_v")
    BATCH = ARGS

    def __init__(self, dtype, **kw):
        super().__init__(dtype, weight_shape=(self.SIZES["N"], self.SIZES["l"]), **kw)

    def forward(self, hidden, before_len, cmp_len, sparse_len, before_k, before_v, cmp_k, cmp_v, sparse_k, sparse_v):
        l, d = self.l, self.d
        layer = self.layers[0]
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, sparse_len)
        # prepare_compress (decode): rows compressed last step drop their first d tokens, then take the new one
        idx = torch.where(before_len == l)[0]
        for buf in (before_k, before_v):
            buf[idx, : l - d] = buf[idx, d:].clone()
        before_len[idx] -= d
        brange = torch.arange(B, device=hidden.device)
        before_k[brange, before_len] = k
        before_v[brange, before_len] = v
        before_len += 1
        pooled = [torch.einsum("bknd,nk->bnd", buf.float(), w.float()).to(buf.dtype)
                  for buf, w in ((before_k, layer.cmp_w_k), (before_v, layer.cmp_w_v))]
        # update_kv (decode): only full blocks are written
        idx = torch.where(before_len == l)[0]
        cmp_k[idx, cmp_len[idx]] = pooled[0][idx]
        cmp_v[idx, cmp_len[idx]] = pooled[1][idx]
        cmp_len[idx] += 1
        sparse_k[brange, sparse_len] = k
        sparse_v[brange, sparse_len] = v
        sparse_len += 1

        def read(p):
            return sparse_k[brange[:, None], p], sparse_v[brange[:, None], p]

        return layer.finish(hidden, x, q, sparse_len, read, cmp_k, cmp_v, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        l, d = self.l, self.d
        s_prev = st["s"] - 1
        r = (s_prev - l).clamp(min=0) % d
        before_len = torch.where(s_prev < l, s_prev, torch.where(r == 0, torch.full_like(r, l), l - d + r))
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        befores = []
        for dense in kvs:
            buf = _poison(st["g"], (B, l) + dense.shape[2:], self.dtype)
            for b in range(B):
                n = int(before_len[b])
                buf[b, :n] = dense[b, int(s_prev[b]) - n: int(s_prev[b])]
            befores.append(buf)
        return self.pack(hidden=st["hidden"], before_len=before_len, cmp_len=st["cnt"] - st["valid"].long(),
                         sparse_len=s_prev, before_k=befores[0], before_v=befores[1], cmp_k=cmps[0], cmp_v=cmps[1],
                         sparse_k=kvs[0], sparse_v=kvs[1])

    def specs(self):
        def lengths(a):  # the buffer's length after this step's shift and append
            n = a["before_len"]
            return torch.where(n == self.l, n - self.d, n) + 1

        def slots(a):
            return torch.arange(a["cmp_len"].shape[0]) * a["cmp_k"].shape[1] + a["cmp_len"]

        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"before_{kv}"], lambda a, r, kv=kv: a[f"cmp_{kv}"].flatten(0, 1),
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}").t(),
                         lambda a: torch.arange(a["before_len"].shape[0])[:, None], lengths, slots) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# Near misses: one vLLM-style layer, one realistic bug or different design each
# ----------------------------------------------------------------------------------------------------

class NearMiss(DecodeModel):
    """``bug`` selects what differs from the contract (see ``NEAR_MISSES``)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k_cache", "v_cache", "k_cmp", "v_cmp")
    BATCH = ARGS[:7]

    def __init__(self, dtype, bug, sizes=None, **kw):
        self.SIZES = dict(self.SIZES, **(sizes or {}))
        super().__init__(dtype, **kw)
        self.bug = bug

    def _append(self, k, v, slot_mapping, k_cache, v_cache):
        k_cache.view(-1, self.N, self.D)[slot_mapping] = k
        v_cache.view(-1, self.N, self.D)[slot_mapping] = v

    def _pool(self, toks, w):
        bug, l = self.bug, self.l
        if bug == "mean_l12":
            return toks.float().mean(dim=1)
        if bug == "half_products":
            return (toks * w[None, :, :, None]).float().sum(1)
        if bug == "flipped_weights":
            w = w.flip(0)
        if bug == "split_halves":
            half = l // 2
            a = (toks[:, :half].float() * w[:half].float()[None, :, :, None]).sum(1).to(toks.dtype)
            b = (toks[:, half:].float() * w[half:].float()[None, :, :, None]).sum(1).to(toks.dtype)
            return a + b
        return (toks.float() * w.float()[None, :, :, None]).sum(1)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                k_cache, v_cache, k_cmp, v_cmp):
        l, d, P, bug = self.l, self.d, self.P, self.bug
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        if bug != "compress_before_append":
            self._append(k, v, slot_mapping, k_cache, v_cache)
        s = positions if bug == "positions_as_lengths" else seq_lens
        if bug == "s_mod_d":
            valid = (s >= l) & (s % d == 0)
        else:
            valid = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages, offs = block_table.gather(1, pos // P), pos % P
        slots = cmp_slot_mapping
        if bug == "partial_every_step":
            slots = cmp_block_table.gather(1, ((s - l).clamp(min=0) // d)[:, None]).squeeze(1)
        for src, dst, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            pooled = self._pool(src[pages, offs], w)
            if bug == "partial_every_step":
                dst[slots] = pooled.to(dst.dtype)
            elif bug == "arith_blend":
                m = valid[:, None, None].float()
                dst[slots] = (pooled * m + dst[slots].float() * (1 - m)).to(dst.dtype)
            else:
                dst[slots] = torch.where(valid[:, None, None], pooled.to(dst.dtype), dst[slots])
        if bug == "compress_before_append":
            self._append(k, v, slot_mapping, k_cache, v_cache)

        def read(p):
            pg = block_table.gather(1, p // P)
            return k_cache[pg, p % P], v_cache[pg, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"],
                         slot_mapping=_append_slots(st, self.P), block_table=st["table"],
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        def weight(m, kv):
            if m.bug == "mean_l12":
                return torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype)
            return getattr(m.layers[0], f"cmp_w_{kv}")

        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"{kv}_cmp"],
                         lambda m, kv=kv: weight(m, kv), lambda a: a["block_table"], lambda a: a["seq_lens"],
                         lambda a: a["cmp_slot_mapping"]) for kv in "kv"]


NEAR_MISSES = {  # bug: (sizes, note naming the valid input where it differs)
    "compress_before_append": (None, "compresses before appending the new token: a completing row's window ends at "
                                     "position s - 1, which still holds the stale (non-finite) value"),
    "positions_as_lengths": (None, "uses positions (s - 1) as the length: a row with s = l + k*d writes nothing, one "
                                   "with s = l + k*d + 1 writes the window ending at s - 2"),
    "s_mod_d": (dict(l=24, d=16), "tests s % d == 0 for (s - l) % d == 0 with l = 24, d = 16: s = 24 or 40 writes "
                                  "nothing, s = 32 or 48 writes"),
    "mean_l12": (dict(l=12, d=12), "mean over l = 12: sum / 12 is not sum of fp32(w) * x for any fp16 w (1/12 is "
                                   "not an fp16 value); differs on random tokens of any completing row"),
    "half_products": (None, "products rounded to fp16 before the fp32 sum: differs on random tokens of any "
                            "completing row"),
    "partial_every_step": (None, "writes every row's (partial) window to cmp_block_table[b, (s - l) // d]: a row with "
                                 "s = l + 1 overwrites its kept compressed row"),
    "flipped_weights": (None, "weight[l - 1 - j] on window position j: differs when the weight is not a palindrome"),
    "arith_blend": (None, "pooled * valid + old * (1 - valid): a completing row whose target row holds NaN/inf "
                          "writes NaN; a non-completing row whose window holds inf/NaN spoils its kept row"),
    "split_halves": (None, "two half-window sums, each rounded to fp16, added in fp16: two roundings; differs on "
                           "random tokens of any completing row"),
}


# ----------------------------------------------------------------------------------------------------
# The cases
# ----------------------------------------------------------------------------------------------------

def _case(name, cls, expect, compressions, dtype, note, **kw):
    def build(dt, cls=cls, kw=kw):
        return cls(dt, **kw)

    batch = tuple(cls.ARGS.index(a) for a in cls.BATCH)
    return ModelCase(name, build, lambda model, B, seed: model.make_inputs(B, seed), expect, compressions, golden,
                     dtype, note, caches, batch)


f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32

MODEL_CASES = [
    _case("vllm_v1_flat_slots", VllmV1FlatSlots, "fuse", 4, f16, VllmV1FlatSlots.__doc__, layers=2),
    _case("sglang_token_pool", SglangTokenPool, "fuse", 4, f16, SglangTokenPool.__doc__, layers=2),
    _case("hf_static_cache", HfStaticCache, "fuse", 4, f16, HfStaticCache.__doc__, layers=2),
    _case("deepseek_mla_latent_4l", DeepseekMLALatent4L, "fuse", 4, f16, DeepseekMLALatent4L.__doc__, layers=4),
    _case("lucidrains_functional", LucidrainsFunctional, "fuse", 2, f32, LucidrainsFunctional.__doc__),
    _case("flashinfer_hnd", FlashinferHND, "fuse", 2, bf16, FlashinferHND.__doc__),
    _case("hf_cache_class_dict", HfCacheClassDict, "fuse", 4, bf16, HfCacheClassDict.__doc__, layers=2),
    _case("vllm_padded_null_block", VllmPaddedNullBlock, "fuse", 4, bf16, VllmPaddedNullBlock.__doc__, layers=2),
    _case("lucidrains_mean_pool", LucidrainsMeanPool, "fuse", 4, f16, LucidrainsMeanPool.__doc__, layers=2),
    _case("flashinfer_ragged", FlashinferRagged, "fuse", 2, f16, FlashinferRagged.__doc__),
    _case("hf_offset_buffer", HfOffsetBuffer, "fuse", 2, f16, HfOffsetBuffer.__doc__),
    _case("vllm_index_select_3l", VllmIndexSelect3L, "fuse", 6, f16, VllmIndexSelect3L.__doc__, layers=3),
    _case("deepseek_kv_concat", DeepseekKVConcat, "fuse", 4, bf16, DeepseekKVConcat.__doc__, layers=2),
    _case("sglang_dummy_slot0", SglangDummySlot0, "fuse", 4, f16, SglangDummySlot0.__doc__, layers=2),
    _case("window_buffer_compaction", WindowBufferCompaction, "fuse", 2, f16, WindowBufferCompaction.__doc__),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 2, f16, note, bug=bug, sizes=sizes)
    for bug, (sizes, note) in NEAR_MISSES.items()
]


# ----------------------------------------------------------------------------------------------------
# Eager check
# ----------------------------------------------------------------------------------------------------

def _nan_equal(a, b):
    na, nb = torch.isnan(a), torch.isnan(b)
    return torch.equal(na, nb) and torch.equal(a.masked_fill(na, 0), b.masked_fill(nb, 0))


def _max_diff(a, b):
    fin = torch.isfinite(a) & torch.isfinite(b)
    return float((a.float() - b.float()).abs().masked_fill(~fin, 0).max())


def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: some compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log)


def check_cases(cases, B=8, seed=0, log=print, near_miss_differs_everywhere=False):
    """``check_eager`` for a whole-model corpus's ``cases`` (the later corpora share it): a near miss must differ
    from the golden in some compressed cache (in every one with ``near_miss_differs_everywhere``)."""
    bad = []
    for case in cases:
        model = case.build(case.dtype).eval()
        inputs = case.make_inputs(model, B, seed)
        after = _eager_after(model, inputs)
        want = case.golden(model, inputs, after=after)
        got = case.caches(model, *after)
        out = after[1][0] if isinstance(after[1], tuple) else after[1]
        exact = {k: _nan_equal(got[k], want[k]) for k in want}
        if case.expect == "fuse":
            close = all(_max_diff(got[k], want[k]) <= 1e-2 * max(1.0, float(want[k].float().nan_to_num().abs().max()))
                        and torch.equal(torch.isnan(got[k]), torch.isnan(want[k])) for k in want)
            ok = all(exact.values()) or close
            how = "bit-exact" if all(exact.values()) else f"within tolerance ({sorted(k for k in exact if not exact[k])})"
        else:
            ok = not (any if near_miss_differs_everywhere else all)(exact.values())
            how = f"differs in {sorted(k for k in exact if not exact[k])}"
        finite_out = bool(torch.isfinite(out).all())
        log(f"{'ok  ' if ok else 'FAIL'} {case.name:34s} {case.expect:7s} {how} output_finite={finite_out}")
        if not ok:
            bad.append(case.name)
    return bad


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
