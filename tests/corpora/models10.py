"""A tenth blind corpus of whole NSA decode models (``models10``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / advice / limits sections and public serving code, without reading the recogniser or its tests (only
the file format: ``models8``'s docstring, ``run_models``' docstring and flags, and the shared building blocks of
``models3``/``models4``, which this file imports). Every model is one decode step of a 1-3 layer decoder: RMSNorm,
projections, rotary, the new token's K/V appended to the layer's cache, K and V (or an MLA latent and an indexer key)
compressed into compressed caches (the contract, in the idiom of that stack), then compressed, selected and
sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives:

* ``vllm_block_off_3l`` (fp16, 3 layers, every layer compresses K and V): vLLM v1 ``[2, NB, P, N, D]`` caches read
  as ``kv_cache[0]`` / ``kv_cache[1]``, appended with two index tensors ``key_cache.index_put_((slot // P, slot %
  P), k)``, window pages by 2-D advanced indexing ``block_table[arange(B)[:, None], win // P]``, ``einsum``
  pooling, ``cmp.index_put_((cmp_slot_mapping,), where(...))`` (-1 padding), lengths ``positions + 1``;
* ``vllm_ascend_vendor_scatter`` (bf16): vllm-ascend, int32 ``positions`` / ``seq_lens`` / ``slot_mapping`` /
  ``block_tables`` / ``cmp_slot_mapping`` (-1 padding), appends ``view(-1, N, D).scatter_(0, slot.expand, k)``, a
  torch fallback with the vendor signature: window-order loop with an fp32 accumulator and ``gather`` per position;
* ``sglang_p16_take_along_vecdot`` (fp16): SGLang page size 16, flat ``[T, N, D]`` pools, int32 ``req_to_token``
  holding token locations, window locations by ``torch.take_along_dim``, pooling ``torch.linalg.vecdot`` over the
  window, compressed loc ``cmp_req_to_token[req_pool_indices, (s - l) // d]``;
* ``sglang_p1_index_copy_2l`` (bf16, 2 layers, K and V in both): SGLang page size 1, int32 ``req_to_token``,
  ``[N, l]`` weights with ``einsum('hj,bjhd->bhd')``, compressed writes ``index_copy_`` at ``cmp_req_to_token``
  locations;
* ``flashinfer_last_page_len`` (bf16): FlashInfer-style padded int32 page table with ``kv_num_pages`` /
  ``kv_last_page_len`` (the append goes to the last page at ``last_page_len - 1``), ``matmul`` pooling
  ``[B, N, D, l] @ [1, N, l, 1]``;
* ``hf_paged_cache_class_fp32`` (fp32): an HF ``Cache``-like class built per step, ``update()`` with ``index_copy_``
  into the flat view, ``compress()`` as a window-order loop with an in-place fp32 ``add_`` accumulator, compressed
  ``index_copy_`` at ``cmp_block_table.gather`` rows, no casts;
* ``deepseek_latent_indexer_n1`` (bf16): MLA-style latent and indexer key caches ``[NB, P, 1, 64]`` (one head),
  append slots computed in the model, ``matmul(w.t()[None], tokens.squeeze(2))`` pooling, l = 32 > P = 16,
  compressed slot ``cmp_block_table[arange(B), i]``, GQA with 4 query heads;
* ``lucidrains_scatter_functional`` (fp16): functional: out-of-place ``index_put`` appends and ``scatter(0, ...)``
  compressed writes (kept rows read with ``index_select``), every cache returned, ``sum(dim=-3)`` pooling;
* ``fla_avg_pool1d_l32`` (fp16): fla-style dense per-request state ``[B, T, N, D]``, mean pooling with
  ``F.avg_pool1d(kernel_size=l)`` over ``[B, N * D, l]`` (l = d = 32: the contract with weight 1/32), flat
  compressed pool at ``cmp_block_table`` rows;
* ``vllm_split_heads_alias_2l`` (bf16, 2 layers): K and V in one ``[NB, P, 2N, D]`` cache per layer split with
  ``split(N, dim=2)``, compressed K and V as ``narrow`` views of one ``[S, 2N, D]`` buffer (writes through aliases),
  int32 ``seq_lens`` / ``block_table``;
* ``vllm_paged_compressed_cache`` (fp16): the compressed caches are themselves paged ``[NBc, Pc, N, D]`` with an
  int32 ``cmp_block_table``, slot ``cmp_block_table[b, i // Pc] * Pc + i % Pc`` computed in the model, written through
  ``view(-1, N, D)``;
* ``vllm_cudagraph_pad_2l`` (fp16, 2 layers): CUDA-graph padded batch (last 2 rows: zero hidden, position -1, their
  own token slots in spare pages, compressed slot -1), int32 positions and block table, lengths ``positions + 1``.

Near misses (one layer, vLLM-style paged caches, compressed slot from ``cmp_block_table`` so every request has its
own rows; ``note`` names the valid input where each differs, with any weight, stride or cache state): guard ``s >=
d`` instead of ``s >= l``, every window token's page taken for position ``p - 1``, fp16 products, the rounded pooled
value scaled by ``1/sqrt(D)`` after the rounding, the kept rows of K read from the V cache (and vice versa), an fp16
accumulator.

``check_eager()`` (``python tests/corpora/models10.py``) runs every case eagerly: positives equal the golden bit for
bit (or within fp tolerance where torch chooses the sum order, reported), near misses differ from it in every
compressed cache.

First try, 2026-12-04 16:44-17:08 UTC, on the frozen base 05d2b69 (the commit that added this file; ``/tmp/base_m10``,
``PYTHONPATH=/tmp/base_m10``, nothing changed after seeing results): ``run_models.py --corpus models10``, both
dialects, B = 8; positives then near misses in static + batch (mark_dynamic), then positives then near misses in all
(dynamic=True); log ``/tmp/models10_first.log``, results ``/tmp/models10_first_p{1,2,3,4}.json`` (merged in
``/tmp/models10_first.json``). Positives with EVERY compression fused and bit-exact; positives with any fusion; near
misses fused; crashes (an error with the pass where the same mode compiles with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   (any fusion)  near misses fused  crashes  n/a
    inductor static         10/12       10            0/6                0        0
    inductor mark_dynamic    9/11        9            0/6                0        1 (F)
    inductor dynamic=True   10/12       10            0/6                0        0
    torchair static         10/12       10            0/6                0        0
    torchair mark_dynamic    9/11        9            0/6                0        1 (F)
    torchair dynamic=True   10/12       10            0/6                0        0
    TOTAL: 58/70 applicable positive runs (83 %) with every compression fused and bit-exact; every run that fused
    anything (58 positive runs) fused every compression and was bit-exact to the golden and eager-equal; near misses:
    0/36 runs fused, every one eager-equal; no crash.

The positive misses, with the pass's reason (the same in all 6 modes):

* vllm_split_heads_alias_2l (6/6 runs, 0/4 fused): ``gather: paged input (35, 16, 4, 32) and cache (60, 2, 32) do not
  share [N, D] @ slice_scatter_1``: K and V read through ``kv_cache.split(N, dim=2)`` (head slices of one
  ``[NB, P, 2N, D]`` cache) are compared with the compressed ``narrow`` view by the whole cache's head count. A gap:
  it is the contract with ``input = kv_cache[:, :, :N]`` / ``[:, :, N:]`` (non-contiguous views, which the contract
  accepts) and ``cache = cmp_kv[:, :N]`` / ``[:, N:]``; the same family as models4's ``deepseek_kv_concat`` (K and V
  as halves of one cache).
* vllm_paged_compressed_cache (6/6 runs, 0/2 fused): ``write: the slots are shifted with aten.add.Tensor and not
  brought back by a remainder by the number of cache rows: written rows' slots may leave [0, num_slots), where the
  op raises and eager indexes Python-style``: the slot ``cmp_block_table[b, i // Pc] * Pc + i % Pc`` of a paged
  compressed cache. Sound under the contract as written: its valid-input rules bound only slots read directly from
  a table (``cmp_block_table[b, i]``), not page * Pc + offset, and a page id -1 there would give a negative slot
  that eager wraps and the op rejects. A gap in the contract's input rules (a paged compressed cache with its own
  block table, as vLLM would allocate it), not a recogniser bug.

Other findings:

* F, sglang_p16_take_along_vecdot mark_dynamic (both dialects, n/a): ``ConstraintViolationError`` (the batch is
  specialised to 8 at ``torch.take_along_dim(req_to_token[req_pool_indices], window, dim=1)``), the same with
  ``NSA_FUSION_DISABLE=1`` (the runner's applicability check): plain torch.compile, not the pass. The case fused
  2/2 bit-exact in the other 4 modes, dynamic=True included.
* Idioms new to the corpora that fused bit-exact in all 6 runs (or all applicable): ``index_put_((slot // P, slot %
  P))`` appends with 2-D advanced block-table indexing over 3 layers (6/6 compressions), ``scatter_`` appends into
  ``view(-1, N, D)`` with the vendor-signature fallback on int32 metadata, ``torch.take_along_dim`` windows with
  ``torch.linalg.vecdot`` pooling, FlashInfer's ``kv_last_page_len`` append, an fp32 ``add_`` accumulator loop in a
  Cache class, one-head latent/indexer ``matmul``, functional ``scatter`` with ``index_select`` kept rows,
  ``F.avg_pool1d`` mean pooling (l = 32), int32 CUDA-graph pad rows over 2 layers.
* The 6 near misses stayed unfused in all 36 runs, every run eager-equal.
"""
from __future__ import annotations

import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import Spec, _flat_state  # noqa: E402
from models4 import DecodeModel, Layer, _case, _dense_state, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


def _layer_args(L, *names):
    """Per-layer argument names ``name_0 .. name_{L-1}`` for each name, layer-major."""
    return tuple(f"{n}_{i}" for i in range(L) for n in names)


def _window(s, l):
    """``[B, l]`` positions ``s - l .. s - 1`` of the newest window (clamped: short rows are masked out later)."""
    return (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)


def _completes(s, l, d):
    return (s >= l) & ((s - l) % d == 0)


def _cmp_idx(s, l, d):
    return torch.div(s - l, d, rounding_mode="floor").clamp(min=0)


def _paged_read(k_pages, v_pages, table, P):
    def read(pos):
        pg = table.long().gather(1, torch.div(pos, P, rounding_mode="floor"))
        return k_pages[pg, pos % P], v_pages[pg, pos % P]
    return read


def _table_slots(a, l, d, lengths):
    """The compressed row ``cmp_block_table[b, (s - l) // d]`` (pre-forward args)."""
    s = lengths(a).long()
    return a["cmp_block_table"].long().gather(1, _cmp_idx(s, l, d)[:, None]).squeeze(1)


def _spare_pages(st, n):
    used = set(st["table"][st["table"] >= 0].tolist())
    return [p for p in range(st["NB"]) if p not in used][:n]


# ----------------------------------------------------------------------------------------------------
# 1. vLLM v1, 3 layers, two-tensor index_put_ appends, einsum pooling
# ----------------------------------------------------------------------------------------------------

class VllmBlockOff3L(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table") + \
        _layer_args(3, "kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def __init__(self, dtype):
        super().__init__(dtype, layers=3)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        s = positions + 1
        B = hidden.shape[0]
        win = _window(s, l)
        pages = block_table[torch.arange(B, device=s.device)[:, None], win // P]
        offs = win % P
        done = _completes(s, l, d)
        block_idx, block_off = slot_mapping // P, slot_mapping % P
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, ck, cv = caches[3 * i: 3 * i + 3]
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache[0], kv_cache[1]
            key_cache.index_put_((block_idx, block_off), k)
            value_cache.index_put_((block_idx, block_off), v)
            for cache, src, w in ((ck, key_cache, layer.cmp_w_k), (cv, value_cache, layer.cmp_w_v)):
                pooled = torch.einsum("bjhd,jh->bhd", src[pages, offs].float(), w.float()).to(cache.dtype)
                cache.index_put_((cmp_slot_mapping,),
                                 torch.where(done[:, None, None], pooled, cache[cmp_slot_mapping]))
            h = layer.finish(h, x, q, s, _paged_read(key_cache, value_cache, block_table, P), ck[cmp_block_table],
                             cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 6)
        kvs, cmps, s = st["kvs"], st["cmps"], st["s"]
        pos = (s - 1).clamp(min=0)
        named = dict(hidden=st["hidden"], positions=s - 1,
                     slot_mapping=st["table"].gather(1, (pos // self.P)[:, None]).squeeze(1) * self.P + pos % self.P,
                     block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"])
        for i in range(3):
            named[f"kv_cache_{i}"] = torch.stack(kvs[2 * i: 2 * i + 2])
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        return [Spec(f"{kv}{i}", lambda a, r, i=i, half=half: a[f"kv_cache_{i}"][half],
                     lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                     lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(3) for half, kv in ((0, "k"), (1, "v"))]


# ----------------------------------------------------------------------------------------------------
# 2. vllm-ascend: int32 metadata, vendor-signature fallback (window-order loop), scatter_ appends
# ----------------------------------------------------------------------------------------------------

def npu_nsa_compress_infer_fallback(input, weight, slot_mapping, compress_block_size, compress_stride,
                                    page_block_size, *, block_table, actual_seq_len, cache):
    """What a vllm-ascend port runs off-NPU: the vendor op's semantics, one window position at a time."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    seq = actual_seq_len.long()
    tables = block_table.long()
    acc = torch.zeros(seq.shape[0], input.shape[2], input.shape[3], dtype=torch.float32, device=input.device)
    for j in range(l):
        p = (seq - l + j).clamp(min=0)
        page = tables.gather(1, (p // P).unsqueeze(1)).squeeze(1)
        acc = acc + weight[j].float()[None, :, None] * input[page, p % P].float()
    ok = (seq >= l) & ((seq - l) % d == 0)
    idx = slot_mapping.long()
    cache[idx] = torch.where(ok.view(-1, 1, 1), acc.to(cache.dtype), cache[idx])
    return cache


class VllmAscendVendorScatter(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables,
                key_cache, value_cache, cmp_key, cmp_value):
        layer, N, D = self.layers[0], self.N, self.D
        x, q, k, v = layer.project(hidden, positions)
        idx = slot_mapping.long()[:, None, None].expand(-1, N, D)
        key_cache.view(-1, N, D).scatter_(0, idx, k)
        value_cache.view(-1, N, D).scatter_(0, idx, v)
        for cache, src, w in ((cmp_key, key_cache, layer.cmp_w_k), (cmp_value, value_cache, layer.cmp_w_v)):
            npu_nsa_compress_infer_fallback(src, w, cmp_slot_mapping, self.l, self.d, self.P,
                                            block_table=block_tables, actual_seq_len=seq_lens, cache=cache)
        rows = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens.long(), _paged_read(key_cache, value_cache, block_tables, self.P),
                            cmp_key[rows], cmp_value[rows], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        s, P = st["s"], self.P
        pos = (s - 1).clamp(min=0)
        slot = st["table"].gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], positions=(s - 1).to(i32), seq_lens=s.to(i32), slot_mapping=slot.to(i32),
                         block_tables=st["table"].to(i32), cmp_slot_mapping=st["cmp_slot"].to(i32),
                         cmp_block_tables=st["cmp_table"].to(i32), key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key=st["cmps"][0], cmp_value=st["cmps"][1])

    def specs(self):
        return [Spec(n, lambda a, r, kv=kv: a[kv], lambda a, r, c=c: a[c],
                     lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_tables"], lambda a: a["seq_lens"],
                     lambda a: a["cmp_slot_mapping"])
                for n, kv, c, w in (("k", "key_cache", "cmp_key", "cmp_w_k"),
                                    ("v", "value_cache", "cmp_value", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# 3. SGLang page size 16: token locations, take_along_dim, linalg.vecdot
# ----------------------------------------------------------------------------------------------------

def _sglang_token_tables(st, B, P):
    """SGLang's paged pool seen per token: req_to_token ``[R, cap]`` of token locations (page * P + offset; 0 for
    positions past the request's pages), the batch's requests at ``req_pool_indices``; ``cmp_req_to_token``."""
    g, table = st["g"], st["table"]
    cap = table.shape[1] * P
    p = torch.arange(cap)
    tok = table.clamp(min=0)[:, p // P] * P + p % P
    tok = torch.where(table[:, p // P] >= 0, tok, torch.zeros_like(tok))
    R = B + 4
    rpi = torch.randperm(R, generator=g)[:B]
    req_to_token = torch.randint(0, st["NB"] * P, (R, cap), generator=g)
    req_to_token[rpi] = tok
    cmp_req = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
    cmp_req[rpi] = st["cmp_table"]
    out_loc = tok[torch.arange(B), st["s"] - 1]
    return rpi, req_to_token.to(torch.int32), cmp_req.to(torch.int32), out_loc


class SglangP16TakeAlong(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        layer, l, d = self.layers[0], self.l, self.d
        x, q, k, v = layer.project(hidden, positions)
        k_buffer[out_cache_loc] = k  # set_kv_buffer
        v_buffer[out_cache_loc] = v
        locs = req_to_token[req_pool_indices]
        win_locs = torch.take_along_dim(locs, _window(seq_lens, l), dim=1).long()
        done = _completes(seq_lens, l, d)
        cmp_loc = cmp_req_to_token[req_pool_indices, _cmp_idx(seq_lens, l, d)].long()
        for buf, src, w in ((cmp_k_buffer, k_buffer, layer.cmp_w_k), (cmp_v_buffer, v_buffer, layer.cmp_w_v)):
            toks = src[win_locs].float().permute(0, 2, 3, 1)  # [B, N, D, l]
            pooled = torch.linalg.vecdot(toks, w.float().t()[None, :, None, :], dim=-1).to(buf.dtype)
            buf[cmp_loc] = torch.where(done[:, None, None], pooled, buf[cmp_loc])

        def read(pos):
            at = torch.take_along_dim(locs, pos, dim=1).long()
            return k_buffer[at], v_buffer[at]

        rows = cmp_req_to_token[req_pool_indices].long()
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[rows], cmp_v_buffer[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _sglang_token_tables(st, B, self.P)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t,
                         k_buffer=st["kvs"][0].flatten(0, 1), v_buffer=st["kvs"][1].flatten(0, 1),
                         cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_req_to_token"][a["req_pool_indices"], _cmp_idx(a["seq_lens"], l, d)].long()
        return [Spec(n, lambda a, r, kv=kv: a[kv], lambda a, r, c=c: a[c], lambda m, w=w: getattr(m.layers[0], w),
                     lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"], slots)
                for n, kv, c, w in (("k", "k_buffer", "cmp_k_buffer", "cmp_w_k"),
                                    ("v", "v_buffer", "cmp_v_buffer", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# 4. SGLang page size 1, 2 layers, [N, l] weights, index_copy_ compressed writes
# ----------------------------------------------------------------------------------------------------

class SglangP1IndexCopy2L(DecodeModel):
    SIZES = dict(l=16, d=16, P=1, MP=48, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token") + _layer_args(2, "k_buffer", "v_buffer", "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype):
        super().__init__(dtype, layers=2, weight_shape=(self.SIZES["N"], self.SIZES["l"]))

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                *bufs):
        l, d = self.l, self.d
        locs = req_to_token[req_pool_indices].long()
        win_locs = locs.gather(1, _window(seq_lens, l))
        done = _completes(seq_lens, l, d)
        cmp_loc = cmp_req_to_token[req_pool_indices].long().gather(1, _cmp_idx(seq_lens, l, d)[:, None]).squeeze(1)
        rows = cmp_req_to_token[req_pool_indices].long()
        h = hidden
        for i, layer in enumerate(self.layers):
            kb, vb, ck, cv = bufs[4 * i: 4 * i + 4]
            x, q, k, v = layer.project(h, positions)
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            for cache, src, w in ((ck, kb, layer.cmp_w_k), (cv, vb, layer.cmp_w_v)):
                pooled = torch.einsum("hj,bjhd->bhd", w.float(), src[win_locs].float()).to(cache.dtype)
                cache.index_copy_(0, cmp_loc, torch.where(done[:, None, None], pooled, cache[cmp_loc]))

            def read(pos, kb=kb, vb=vb):
                at = locs.gather(1, pos)
                return kb[at], vb[at]

            h = layer.finish(h, x, q, seq_lens, read, ck[rows], cv[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                     out_cache_loc=loc, req_to_token=r2t.clamp(min=0).to(torch.int32),
                     cmp_req_to_token=cr2t.to(torch.int32))
        for i in range(2):
            named[f"k_buffer_{i}"], named[f"v_buffer_{i}"] = (t.squeeze(1) for t in st["kvs"][2 * i: 2 * i + 2])
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = st["cmps"][2 * i: 2 * i + 2]
        return self.pack(**named)

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_req_to_token"][a["req_pool_indices"], _cmp_idx(a["seq_lens"], l, d)].long()
        return [Spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_buffer_{i}"], lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}").t(),
                     lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"], slots)
                for i in range(2) for kv in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# 5. FlashInfer-style page table with kv_num_pages / kv_last_page_len, matmul pooling
# ----------------------------------------------------------------------------------------------------

class FlashinferLastPageLen(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "block_tables", "kv_num_pages", "kv_last_page_len", "cmp_slot_mapping",
            "cmp_block_table", "paged_k_cache", "paged_v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, block_tables, kv_num_pages, kv_last_page_len, cmp_slot_mapping,
                cmp_block_table, paged_k_cache, paged_v_cache, cmp_k, cmp_v):
        layer, l, d, P = self.layers[0], self.l, self.d, self.P
        s = positions + 1
        tables = block_tables.long()
        x, q, k, v = layer.project(hidden, positions)
        last_page = tables.gather(1, (kv_num_pages.long() - 1).clamp(min=0)[:, None]).squeeze(1)
        off = kv_last_page_len.long() - 1
        paged_k_cache[last_page, off] = k
        paged_v_cache[last_page, off] = v
        win = _window(s, l)
        pages = tables.gather(1, win // P)
        done = _completes(s, l, d)
        for cache, src, w in ((cmp_k, paged_k_cache, layer.cmp_w_k), (cmp_v, paged_v_cache, layer.cmp_w_v)):
            toks = src[pages, win % P].float().permute(0, 2, 3, 1)  # [B, N, D, l]
            pooled = torch.matmul(toks, w.float().t()[None, :, :, None]).squeeze(-1).to(cache.dtype)
            cache[cmp_slot_mapping] = torch.where(done[:, None, None], pooled, cache[cmp_slot_mapping])
        return layer.finish(hidden, x, q, s, _paged_read(paged_k_cache, paged_v_cache, tables, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        s, P, i32 = st["s"], self.P, torch.int32
        num_pages = (s + P - 1) // P
        return self.pack(hidden=st["hidden"], positions=s - 1, block_tables=st["table"].to(i32),
                         kv_num_pages=num_pages.to(i32), kv_last_page_len=(s - (num_pages - 1) * P).to(i32),
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         paged_k_cache=st["kvs"][0], paged_v_cache=st["kvs"][1], cmp_k=st["cmps"][0],
                         cmp_v=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"paged_{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_tables"].long(),
                     lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for kv in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# 6. HF port, fp32: a Cache class with update() and a window-order compress() loop
# ----------------------------------------------------------------------------------------------------

class NSAPagedAttentionCache:
    """Per-step view over the paged tensors the serving loop owns (transformers' continuous-batching style)."""

    def __init__(self, key_cache, value_cache, cmp_keys, cmp_values, block_table, cmp_block_table, page_size):
        self.key_cache, self.value_cache = key_cache, value_cache
        self.cmp_keys, self.cmp_values = cmp_keys, cmp_values
        self.block_table, self.cmp_block_table, self.page_size = block_table, cmp_block_table, page_size

    def _flat_index(self, pos):
        P = self.page_size
        return self.block_table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P

    def update(self, key_states, value_states, cache_position):
        write_index = self._flat_index(cache_position)
        N, D = key_states.shape[1:]
        self.key_cache.view(-1, N, D).index_copy_(0, write_index, key_states)
        self.value_cache.view(-1, N, D).index_copy_(0, write_index, value_states)

    def _pool(self, pages, weights, seq_len, l):
        acc = torch.zeros(seq_len.shape[0], *pages.shape[2:], dtype=torch.float32, device=pages.device)
        for j in range(l):
            pos = (seq_len - l + j).clamp(min=0)
            acc.add_(weights[j][None, :, None] * pages.view(-1, *pages.shape[2:])[self._flat_index(pos)])
        return acc

    def compress(self, w_k, w_v, seq_len, l, d):
        done = (seq_len >= l) & ((seq_len - l) % d == 0)
        slot = self.cmp_block_table.gather(1, _cmp_idx(seq_len, l, d)[:, None]).squeeze(1)
        for cache, pages, w in ((self.cmp_keys, self.key_cache, w_k), (self.cmp_values, self.value_cache, w_v)):
            new = self._pool(pages, w, seq_len, l)
            cache.index_copy_(0, slot, torch.where(done[:, None, None], new, cache[slot]))


class HfPagedCacheClassFp32(DecodeModel):
    SIZES = dict(l=16, d=8, P=4, MP=12, N=2, D=16)  # no size equal to the runner's B = 8 (duck sizing)
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_cache", "value_cache", "cmp_keys",
            "cmp_values")
    BATCH = ARGS[:4]

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_cache, value_cache, cmp_keys,
                cmp_values):
        layer = self.layers[0]
        cache = NSAPagedAttentionCache(key_cache, value_cache, cmp_keys, cmp_values, block_table, cmp_block_table,
                                       self.P)
        x, q, k, v = layer.project(hidden, cache_position)
        cache.update(k, v, cache_position)
        seq_len = cache_position + 1
        cache.compress(layer.cmp_w_k, layer.cmp_w_v, seq_len, self.l, self.d)
        return layer.finish(hidden, x, q, seq_len, _paged_read(key_cache, value_cache, block_table, self.P),
                            cmp_keys[cmp_block_table], cmp_values[cmp_block_table], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_keys=st["cmps"][0], cmp_values=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [Spec(n, lambda a, r, kv=kv: a[kv], lambda a, r, c=c: a[c], lambda m, w=w: getattr(m.layers[0], w),
                     lambda a: a["block_table"], lambda a: a["cache_position"] + 1,
                     lambda a: _table_slots(a, l, d, lambda a: a["cache_position"] + 1))
                for n, kv, c, w in (("k", "key_cache", "cmp_keys", "cmp_w_k"),
                                    ("v", "value_cache", "cmp_values", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# 7. DeepSeek-style latent + indexer key, one head, matmul pooling, l = 32 > P = 16
# ----------------------------------------------------------------------------------------------------

class DeepseekLatentIndexerN1(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=64)
    ARGS = ("hidden", "positions", "block_table", "cmp_block_table", "latent_cache", "indexer_cache", "cmp_latent",
            "cmp_indexer")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, Hq=4)

    def forward(self, hidden, positions, block_table, cmp_block_table, latent_cache, indexer_cache, cmp_latent,
                cmp_indexer):
        layer, l, d, P = self.layers[0], self.l, self.d, self.P
        B = hidden.shape[0]
        x, q, kv_c, idx_k = layer.project(hidden, positions)
        slot = block_table.gather(1, (positions.clamp(min=0) // P)[:, None]).squeeze(1) * P + positions % P
        latent_cache.view(-1, 1, self.D)[slot] = kv_c
        indexer_cache.view(-1, 1, self.D)[slot] = idx_k
        s = positions + 1
        win = _window(s, l)
        pages = block_table.gather(1, win // P)
        done = _completes(s, l, d)
        rows = torch.arange(B, device=s.device)
        cmp_slot = cmp_block_table[rows, _cmp_idx(s, l, d)]
        for cache, src, w in ((cmp_latent, latent_cache, layer.cmp_w_k), (cmp_indexer, indexer_cache, layer.cmp_w_v)):
            toks = src[pages, win % P].float().squeeze(2)  # [B, l, C]
            pooled = torch.matmul(w.float().t()[None], toks).to(cache.dtype)  # [B, 1, C]
            cache.index_put_((cmp_slot,), torch.where(done[:, None, None], pooled, cache[cmp_slot]))
        return layer.finish(hidden, x, q, s, _paged_read(latent_cache, indexer_cache, block_table, P),
                            cmp_latent[cmp_block_table], cmp_indexer[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], latent_cache=st["kvs"][0], indexer_cache=st["kvs"][1],
                         cmp_latent=st["cmps"][0], cmp_indexer=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [Spec(n, lambda a, r, kv=kv: a[kv], lambda a, r, c=c: a[c], lambda m, w=w: getattr(m.layers[0], w),
                     lambda a: a["block_table"], lambda a: a["positions"] + 1,
                     lambda a: _table_slots(a, l, d, lambda a: a["positions"] + 1))
                for n, kv, c, w in (("latent", "latent_cache", "cmp_latent", "cmp_w_k"),
                                    ("indexer", "indexer_cache", "cmp_indexer", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# 8. lucidrains style: functional index_put appends, scatter compressed writes, caches returned
# ----------------------------------------------------------------------------------------------------

class LucidrainsScatterFunctional(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "block_table", "cmp_block_table", "k_pages", "v_pages", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, positions, block_table, cmp_block_table, k_pages, v_pages, cmp_k, cmp_v):
        layer, l, d, P, N, D = self.layers[0], self.l, self.d, self.P, self.N, self.D
        x, q, k, v = layer.project(hidden, positions)
        pos = positions.clamp(min=0)
        page = block_table.gather(1, (pos // P)[:, None]).squeeze(1)
        k_pages = k_pages.index_put((page, pos % P), k)
        v_pages = v_pages.index_put((page, pos % P), v)
        s = positions + 1
        win = _window(s, l)
        pages = block_table.gather(1, win // P)
        done = _completes(s, l, d)
        slot = cmp_block_table.gather(1, _cmp_idx(s, l, d)[:, None]).squeeze(1)
        index = slot[:, None, None].expand(-1, N, D)
        out = []
        for cache, src, w in ((cmp_k, k_pages, layer.cmp_w_k), (cmp_v, v_pages, layer.cmp_w_v)):
            pooled = (src[pages, win % P].float() * w.float()[:, :, None]).sum(dim=-3).to(cache.dtype)
            out.append(cache.scatter(0, index, torch.where(done[:, None, None], pooled, cache.index_select(0, slot))))
        cmp_k, cmp_v = out
        h = layer.finish(hidden, x, q, s, _paged_read(k_pages, v_pages, block_table, P), cmp_k[cmp_block_table],
                         cmp_v[cmp_block_table], l, d)
        return h, k_pages, v_pages, cmp_k, cmp_v

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_pages=st["kvs"][0], v_pages=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [Spec(kv, lambda a, r, i=i, kv=kv: r[1 + i], lambda a, r, i=i, kv=kv: a[f"cmp_{kv}"] if r is None else r[3 + i],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: _table_slots(a, l, d, lambda a: a["positions"] + 1))
                for i, kv in enumerate(("k", "v"))]


# ----------------------------------------------------------------------------------------------------
# 9. fla-style dense state, mean pooling through F.avg_pool1d (l = d = 32)
# ----------------------------------------------------------------------------------------------------

class FlaAvgPool1d(DecodeModel):
    SIZES = dict(l=32, d=32, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "cmp_block_table", "k_state", "v_state", "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, cmp_block_table, k_state, v_state, cmp_k, cmp_v):
        layer, l, d = self.layers[0], self.l, self.d
        B, N, D = hidden.shape[0], self.N, self.D
        x, q, k, v = layer.project(hidden, positions)
        rows = torch.arange(B, device=hidden.device)
        k_state[rows, positions] = k
        v_state[rows, positions] = v
        s = positions + 1
        win = _window(s, l)
        done = _completes(s, l, d)
        slot = cmp_block_table.gather(1, _cmp_idx(s, l, d)[:, None]).squeeze(1)
        for cache, state in ((cmp_k, k_state), (cmp_v, v_state)):
            toks = state[rows[:, None], win].float().permute(0, 2, 3, 1).reshape(B, N * D, l)
            pooled = F.avg_pool1d(toks, kernel_size=l).view(B, N, D).to(cache.dtype)
            cache[slot] = torch.where(done[:, None, None], pooled, cache[slot])

        def read(pos):
            return k_state[rows[:, None], pos], v_state[rows[:, None], pos]

        return layer.finish(hidden, x, q, s, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, _ = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, cmp_block_table=st["cmp_table"],
                         k_state=dense[0], v_state=dense[1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d

        def table(a):
            return torch.arange(a["k_state"].shape[0])[:, None]
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_state"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype), table,
                     lambda a: a["positions"] + 1, lambda a: _table_slots(a, l, d, lambda a: a["positions"] + 1))
                for kv in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# 10. vLLM, K and V heads in one [NB, P, 2N, D] cache (split), compressed into narrow views of [S, 2N, D]
# ----------------------------------------------------------------------------------------------------

class VllmSplitHeadsAlias2L(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping",
            "cmp_block_table") + _layer_args(2, "kv_cache", "cmp_kv")
    BATCH = ARGS[:7]

    def __init__(self, dtype):
        super().__init__(dtype, layers=2)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                *caches):
        l, d, P, N = self.l, self.d, self.P, self.N
        s = seq_lens.long()
        tables = block_table.long()
        win = _window(s, l)
        pages = tables.gather(1, win // P)
        done = _completes(s, l, d)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, cmp_kv = caches[2 * i: 2 * i + 2]
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache.split(N, dim=2)
            key_cache[slot_mapping // P, slot_mapping % P] = k
            value_cache[slot_mapping // P, slot_mapping % P] = v
            ck, cv = cmp_kv.narrow(1, 0, N), cmp_kv.narrow(1, N, N)
            for cache, src, w in ((ck, key_cache, layer.cmp_w_k), (cv, value_cache, layer.cmp_w_v)):
                pooled = (src[pages, win % P].float() * w.float()[None, :, :, None]).sum(1).to(cache.dtype)
                cache[cmp_slot_mapping] = torch.where(done[:, None, None], pooled, cache[cmp_slot_mapping])
            h = layer.finish(h, x, q, s, _paged_read(key_cache, value_cache, tables, P), ck[cmp_block_table],
                             cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        s, P = st["s"], self.P
        pos = (s - 1).clamp(min=0)
        named = dict(hidden=st["hidden"], positions=s - 1, seq_lens=s.to(torch.int32),
                     slot_mapping=st["table"].gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P,
                     block_table=st["table"].to(torch.int32), cmp_slot_mapping=st["cmp_slot"],
                     cmp_block_table=st["cmp_table"])
        for i in range(2):
            named[f"kv_cache_{i}"] = torch.cat(st["kvs"][2 * i: 2 * i + 2], dim=2)
            named[f"cmp_kv_{i}"] = torch.cat(st["cmps"][2 * i: 2 * i + 2], dim=1)
        return self.pack(**named)

    def specs(self):
        N = self.N
        return [Spec(f"{kv}{i}", lambda a, r, i=i, lo=lo: a[f"kv_cache_{i}"][:, :, lo:lo + N],
                     lambda a, r, i=i, lo=lo: a[f"cmp_kv_{i}"][:, lo:lo + N],
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"].long(),
                     lambda a: a["seq_lens"].long(), lambda a: a["cmp_slot_mapping"])
                for i in range(2) for lo, kv in ((0, "k"), (N, "v"))]


# ----------------------------------------------------------------------------------------------------
# 11. vLLM with paged compressed caches [NBc, Pc, N, D] and an int32 compressed block table
# ----------------------------------------------------------------------------------------------------

class VllmPagedCompressedCache(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32, Pc=4)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def _cmp_slots(self, cmp_block_table, i):
        """Row of compressed token ``i`` (``[B, *]``) in the flat ``[NBc * Pc, N, D]`` view."""
        Pc = self.Pc
        return cmp_block_table.long().gather(1, torch.div(i, Pc, rounding_mode="floor")) * Pc + i % Pc

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, key_cache, value_cache, cmp_k,
                cmp_v):
        layer, l, d, P, N, D = self.layers[0], self.l, self.d, self.P, self.N, self.D
        x, q, k, v = layer.project(hidden, positions)
        key_cache[slot_mapping // P, slot_mapping % P] = k
        value_cache[slot_mapping // P, slot_mapping % P] = v
        s = positions + 1
        win = _window(s, l)
        pages = block_table.gather(1, win // P)
        done = _completes(s, l, d)
        slot = self._cmp_slots(cmp_block_table, _cmp_idx(s, l, d)[:, None]).squeeze(1)
        for cache, src, w in ((cmp_k, key_cache, layer.cmp_w_k), (cmp_v, value_cache, layer.cmp_w_v)):
            flat = cache.view(-1, N, D)
            pooled = (src[pages, win % P].float() * w.float().unsqueeze(-1)).sum(1).to(cache.dtype)
            flat[slot] = torch.where(done[:, None, None], pooled, flat[slot])
        max_cmp = (self.MP * P - l) // d + 1
        rows = self._cmp_slots(cmp_block_table, torch.arange(max_cmp, device=s.device)[None, :].expand(s.shape[0], -1))
        return layer.finish(hidden, x, q, s, _paged_read(key_cache, value_cache, block_table, P),
                            cmp_k.view(-1, N, D)[rows], cmp_v.view(-1, N, D)[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        s, P, Pc, g = st["s"], self.P, self.Pc, st["g"]
        pos = (s - 1).clamp(min=0)
        MPc = -(-st["max_cmp"] // Pc)
        NBc = B * MPc + 2
        cmp_table = torch.randperm(NBc, generator=g)[: B * MPc].view(B, MPc)
        cmps = [torch.randn(NBc, Pc, self.N, self.D, generator=g).to(self.dtype) for _ in range(2)]
        return self.pack(hidden=st["hidden"], positions=s - 1,
                         slot_mapping=st["table"].gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P,
                         block_table=st["table"], cmp_block_table=cmp_table.to(torch.int32), key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_k=cmps[0], cmp_v=cmps[1])

    def specs(self):
        l, d, N, D = self.l, self.d, self.N, self.D

        def slots(a):
            return self._cmp_slots(a["cmp_block_table"], _cmp_idx(a["positions"] + 1, l, d)[:, None]).squeeze(1)
        return [Spec(kv, lambda a, r, c=c: a[c], lambda a, r, kv=kv: a[f"cmp_{kv}"].view(-1, N, D),
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, slots)
                for kv, c in (("k", "key_cache"), ("v", "value_cache"))]


# ----------------------------------------------------------------------------------------------------
# 12. vLLM CUDA-graph padded batch, 2 layers, int32 positions / block table
# ----------------------------------------------------------------------------------------------------

class VllmCudagraphPad2L(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    PAD = 2
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table") + \
        _layer_args(2, "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def __init__(self, dtype):
        super().__init__(dtype, layers=2)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        s = positions + 1
        win = _window(s, l)
        pages = block_table.gather(1, (win // P).long())
        offs = (win % P).long()
        done = _completes(s, l, d)
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[4 * i: 4 * i + 4]
            x, q, k, v = layer.project(h, positions)
            kc.view(-1, N, D)[slot_mapping] = k
            vc.view(-1, N, D)[slot_mapping] = v
            for cache, src, w in ((ck, kc, layer.cmp_w_k), (cv, vc, layer.cmp_w_v)):
                pooled = torch.sum(src[pages, offs].float() * w.float()[None, :, :, None], dim=1).to(cache.dtype)
                cache[cmp_slot_mapping] = torch.where(done[:, None, None], pooled, cache[cmp_slot_mapping])
            h = layer.finish(h, x, q, s.long(), _paged_read(kc, vc, block_table, P), ck[cmp_block_table],
                             cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        s, table, P = st["s"].clone(), st["table"].clone(), self.P
        spare = _spare_pages(st, 1)[0]
        pad = torch.arange(B - self.PAD, B)
        s[pad] = 0
        table[pad] = spare
        pos = (s - 1).clamp(min=0)
        slot = table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        slot[pad] = spare * P + torch.arange(self.PAD)  # each padding row appends into its own spare token
        hidden = st["hidden"].clone()
        hidden[pad] = 0
        cmp_slot = st["cmp_slot"].clone()
        cmp_slot[pad] = -1
        named = dict(hidden=hidden, positions=(s - 1).to(torch.int32), slot_mapping=slot,
                     block_table=table.to(torch.int32), cmp_slot_mapping=cmp_slot, cmp_block_table=st["cmp_table"])
        for i in range(2):
            named[f"k_cache_{i}"], named[f"v_cache_{i}"] = st["kvs"][2 * i: 2 * i + 2]
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = st["cmps"][2 * i: 2 * i + 2]
        return self.pack(**named)

    def specs(self):
        return [Spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_cache_{i}"], lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"].long(),
                     lambda a: a["positions"].long() + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(2) for kv in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM-style paged caches, compressed slot cmp_block_table[b, (s - l) // d]
# ----------------------------------------------------------------------------------------------------

class NearMissPaged(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug):
        super().__init__(dtype)
        self.bug = bug

    def pool(self, toks, w, dtype):
        if self.bug == "fp16_products":
            return (toks * w[None, :, :, None]).float().sum(1).to(dtype)
        if self.bug == "fp16_accumulator":
            acc = torch.zeros_like(toks[:, 0])
            for j in range(self.l):
                acc = (acc.float() + w[j].float()[None, :, None] * toks[:, j].float()).to(dtype)
            return acc
        pooled = (toks.float() * w.float()[None, :, :, None]).sum(1).to(dtype)
        if self.bug == "scaled_after_round":
            pooled = pooled * (1.0 / math.sqrt(self.D))
        return pooled

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, key_cache, value_cache, cmp_k,
                cmp_v):
        layer, l, d, P = self.layers[0], self.l, self.d, self.P
        x, q, k, v = layer.project(hidden, positions)
        key_cache[slot_mapping // P, slot_mapping % P] = k
        value_cache[slot_mapping // P, slot_mapping % P] = v
        s = positions + 1
        win = _window(s, l)
        page_pos = (win - 1).clamp(min=0) if self.bug == "prev_page" else win
        pages = block_table.gather(1, page_pos // P)
        guard = s >= (d if self.bug == "guard_s_ge_d" else l)
        done = guard & ((s - l) % d == 0)
        slot = cmp_block_table.gather(1, _cmp_idx(s, l, d)[:, None]).squeeze(1)
        pairs = ((cmp_k, key_cache, layer.cmp_w_k, cmp_v), (cmp_v, value_cache, layer.cmp_w_v, cmp_k))
        new = []
        for cache, src, w, other in pairs:
            kept = (other if self.bug == "keep_from_other_cache" else cache)[slot]
            new.append(torch.where(done[:, None, None], self.pool(src[pages, win % P], w, cache.dtype), kept))
        cmp_k[slot], cmp_v[slot] = new
        return layer.finish(hidden, x, q, s, _paged_read(key_cache, value_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        s, P = st["s"], self.P
        pos = (s - 1).clamp(min=0)
        return self.pack(hidden=st["hidden"], positions=s - 1,
                         slot_mapping=st["table"].gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P,
                         block_table=st["table"], cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [Spec(kv, lambda a, r, c=c: a[c], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: _table_slots(a, l, d, lambda a: a["positions"] + 1))
                for kv, c in (("k", "key_cache"), ("v", "value_cache"))]


NEAR_MISSES = {
    "guard_s_ge_d": (f16, "guard s >= d instead of s >= l (l = 16, d = 8): a request at s = 8 (< l, (s - l) % d == 0) "
                          "writes a pooled partial window (positions clamped to 0) into its row 0, which the contract "
                          "leaves untouched"),
    "prev_page": (bf16, "each window token's page looked up for position p - 1 (offset p % P): a window spanning a page "
                        "boundary (s = 24: positions 8..23, P = 16) reads position 16 from the first page; no block "
                        "table makes both pages' offsets 0 right at once"),
    "fp16_products": (f16, "products w[j] * x_j rounded to fp16 before the fp32 sum: differs on completing rows where "
                           "a product is not exact in fp16 (any generic weight and tokens)"),
    "scaled_after_round": (bf16, "the pooled value rounded to bf16, then multiplied by 1/sqrt(D) and rounded again: "
                                 "double rounding, no weight reproduces it on every completing row with generic tokens"),
    "keep_from_other_cache": (f16, "rows whose window did not complete rewrite their row with the OTHER compressed "
                                   "cache's row (K's kept value read from cmp_v and vice versa): s = 1 overwrites the "
                                   "request's row 0 of cmp_k with cmp_v's"),
    "fp16_accumulator": (f16, "window-order loop whose accumulator is rounded to fp16 after every add: l roundings "
                              "instead of one; differs on completing rows with generic tokens"),
}


def _near_miss(bug):
    dtype, note = NEAR_MISSES[bug]
    return _case(f"nm_{bug}", NearMissPaged, "no_fuse", 2, dtype, note, bug=bug)


MODEL_CASES = [
    _case("vllm_block_off_3l", VllmBlockOff3L, "fuse", 6, f16,
          "vLLM v1 [2, NB, P, N, D] x 3 layers, index_put_((slot // P, slot % P)), 2-D table indexing, einsum, "
          "every layer compresses K and V"),
    _case("vllm_ascend_vendor_scatter", VllmAscendVendorScatter, "fuse", 2, bf16,
          "vllm-ascend int32 metadata, scatter_ appends, vendor-signature fallback with a window-order loop"),
    _case("sglang_p16_take_along_vecdot", SglangP16TakeAlong, "fuse", 2, f16,
          "SGLang page size 16, int32 token locations, take_along_dim window, linalg.vecdot pooling"),
    _case("sglang_p1_index_copy_2l", SglangP1IndexCopy2L, "fuse", 4, bf16,
          "SGLang page size 1 x 2 layers, int32 req_to_token, [N, l] weights, index_copy_ compressed writes"),
    _case("flashinfer_last_page_len", FlashinferLastPageLen, "fuse", 2, bf16,
          "FlashInfer padded int32 page table, append at kv_last_page_len - 1 of the last page, matmul pooling"),
    _case("hf_paged_cache_class_fp32", HfPagedCacheClassFp32, "fuse", 2, f32,
          "HF Cache class, index_copy_ appends, window-order add_ loop in fp32, index_copy_ compressed rows"),
    _case("deepseek_latent_indexer_n1", DeepseekLatentIndexerN1, "fuse", 2, bf16,
          "MLA latent + indexer key [NB, P, 1, 64], matmul pooling, l = 32 > P, cmp_block_table[arange(B), i]"),
    _case("lucidrains_scatter_functional", LucidrainsScatterFunctional, "fuse", 2, f16,
          "functional index_put appends, scatter compressed writes, caches returned"),
    _case("fla_avg_pool1d_l32", FlaAvgPool1d, "fuse", 2, f16,
          "dense [B, T, N, D] state, F.avg_pool1d mean pooling, l = d = 32 (weight 1/32)"),
    _case("vllm_split_heads_alias_2l", VllmSplitHeadsAlias2L, "fuse", 4, bf16,
          "[NB, P, 2N, D] split K/V heads, compressed into narrow views of [S, 2N, D], 2 layers, int32 metadata"),
    _case("vllm_paged_compressed_cache", VllmPagedCompressedCache, "fuse", 2, f16,
          "paged compressed caches [NBc, Pc, N, D], slot cmp_block_table[b, i // Pc] * Pc + i % Pc (int32 table)"),
    _case("vllm_cudagraph_pad_2l", VllmCudagraphPad2L, "fuse", 4, f16,
          "CUDA-graph pad rows (position -1, spare-page tokens, compressed slot -1), int32 positions, 2 layers"),
] + [_near_miss(bug) for bug in NEAR_MISSES]


def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: every compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
