"""A ninth blind corpus of whole NSA decode models (``models9``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / advice sections and public serving code, without reading the recogniser or its tests (only the file
format: ``models8``'s docstring, ``run_models``' docstring and flags, and the shared building blocks of
``models3``/``models4``, which this file imports). Every model is one decode step of a 1-3 layer decoder: RMSNorm,
projections, rotary, the new token's K/V appended to the layer's cache, K and V (or an MLA latent and an indexer key)
compressed into compressed caches (the contract, in the idiom of that stack), then compressed, selected and
sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives:

* ``vllm_pad_slot_3l`` (fp16, 3 layers, every layer compresses K and V): vLLM v1 ``[2, NB, P, N, D]`` caches indexed
  ``kv_cache[0]`` / ``kv_cache[1]``, CUDA-graph padding rows (zero hidden, position -1, ``PAD_SLOT_ID`` -1 appended
  through ``view(-1, N, D).index_put_`` into a trailing spare page), lengths ``positions + 1``, window pages by
  ``torch.gather(block_table, 1, ...)``, ``torch.remainder`` condition, ``cache.index_put_`` at ``cmp_slot_mapping`` (-1 padding);
* ``vllm_ascend_vendor_bmm`` (bf16): vllm-ascend, int32 ``block_tables`` / ``seq_lens`` / ``slot_mapping``, a torch
  fallback with the vendor signature (window ``arange(-l, 0)``, pages by 2-D advanced indexing, per-head ``torch.bmm``
  pooling over ``[B * N, D, l]``), appends ``key_cache[slot // P, slot % P] = k``;
* ``sglang_p1_index_select`` (fp16): SGLang page size 1 token pools, int32 ``req_to_token.index_select(0,
  req_pool_indices)`` then ``torch.gather`` for the window locations, compressed loc from ``cmp_req_to_token``
  through ``index_select`` + ``gather``, ``einsum('bjhd,jh->bhd')``;
* ``flashinfer_trtllm_hnd_view`` (bf16): trtllm-gen / FlashInfer HND ``[NP, 2, N, P, D]`` cache seen as NHD through
  ``kv_cache[:, 0].transpose(1, 2)`` (append and window read through that view), int32 ``block_tables`` and
  ``seq_lens``, ``[N, l]`` checkpoint weights with ``einsum('bjhd,hj->bhd')``, ``index_copy_`` at
  ``cmp_block_tables`` rows;
* ``hf_cb_flat_fp32`` (fp32): transformers continuous-batching style flat ``[NB * P, N, D]`` token caches written
  ``index_put_((write_index,), k)``, the window read by flat ids newest-last (``arange(l - 1, -1, -1)``), pooling
  as a sum over the last dim of ``tokens.permute(0, 2, 3, 1) * w.t()``, no casts;
* ``deepseek_mla_concat_indexer`` (bf16): vLLM ``concat_and_cache_mla`` 3-D latent cache ``[NB, P, C + R]`` and a
  3-D indexer key cache ``[NB, P, Di]``, 1-D ``[l]`` compressor weights (one head), ``matmul(w[None, None], tokens)``,
  compressed ``[S, C + R]`` / ``[S, Di]`` at ``cmp_block_table`` rows, l = 32 > P = 16;
* ``lucidrains_onehot_functional`` (fp16): functional: appends ``flatten(0, 1).scatter(0, ...)``, compressed rows
  selected by a one-hot ``torch.where(hit.any(0), pooled[src], cmp)`` over the whole cache, every cache returned;
* ``fla_chunk_mean_fp16`` (fp16): fla-style dense per-request state ``[B, T, N, D]`` cut into chunks
  ``view(B, T // l, l, N, D)``, the closed chunk picked by index, ``sum(1, dtype=float32) / l`` (l = d = 32, the
  contract with weight 1/32), per-request compressed ``[B, max_cmp, N, D]``;
* ``vllm_tpu_interleaved_2l`` (bf16, 2 layers): vLLM TPU layout ``[NB, P, 2 * N, D]`` with K and V interleaved on
  the head dim (``[:, :, 0::2]`` / ``[:, :, 1::2]`` strided views), appended as ``stack((k, v), 2).flatten(1, 2)``;
* ``hf_weight_buffer`` (fp16): HF attention module whose compressor weights are non-persistent module buffers,
  append by ``block_table.gather``, ``index_copy_`` / ``index_select`` compressed write;
* ``sglang_stacked_pools_2l`` (bf16, 2 layers): SGLang page size 1, all layers' pools in ``[L, T, N, D]`` and
  ``[L, S, N, D]`` tensors, appends and compressed writes through ``pool[layer_id]`` views,
  window locations ``req_to_token[req_pool_indices[:, None], win]``, pooling ``sum(dim=-3)``;
* ``vllm_kv_one_einsum`` (fp16): ``[NB, P, 2, N, D]`` cache, K and V of the window read in one gather and pooled in
  ONE ``einsum('bjkhd,kjh->kbhd')`` with a stacked ``[2, l, N]`` weight, int32 ``cmp_slot_mapping`` (-1 padding).

Near misses (one layer, vLLM-style paged caches, slots from the compressed block table so every request has its own
rows; ``note`` names the valid input where each differs, with any weight, stride or cache state): the window one
token late (reads position s), every window token read from the page of the window's first token, products rounded
to fp16 before an fp32 sum (a listed stack of per-position products), the weight indexed by the ring-buffer slot
``p % l`` (l = 16, d = 8), softmax-normalised fp32 weights used unrounded, an RMS norm after the pooling, and the
kept value of non-completing rows read from the request's next free compressed row.

``check_eager()`` (``python tests/corpora/models9.py``) runs every case eagerly: positives equal the golden bit for
bit (or within fp tolerance where torch chooses the sum order, reported), near misses differ from it.

First try, 2026-12-04 16:13-16:38 UTC, on the frozen base cd35331 (the commit that added this file; ``/tmp/base_m9``,
``PYTHONPATH=/tmp/base_m9``, nothing changed after seeing results): ``run_models.py --corpus models9``, both dialects,
B = 8; positives then near misses in static + batch (mark_dynamic), then positives then near misses in all
(dynamic=True); log ``/tmp/models9_first.log``, results ``/tmp/models9_first_p{1,2,3,4}.json``. Positives with EVERY
compression fused and bit-exact; positives with any fusion; near misses fused; crashes (an error with the pass where
the same mode compiles with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   (any fusion)  near misses fused  crashes  n/a
    inductor static          7/12        7            0/7                0        0
    inductor mark_dynamic    7/12        7            0/7                0        0
    inductor dynamic=True    7/12        7            0/7                0        0
    torchair static          6/12        6            0/7                0        0
    torchair mark_dynamic    6/12        6            0/7                0        0
    torchair dynamic=True    6/12        6            0/7                0        0
    TOTAL: 39/72 applicable positive runs (54 %) with every compression fused and bit-exact; every run that fused
    anything (39) fused every compression and was bit-exact to the golden; near misses: 0/42 runs fused; no crash,
    nothing n/a; every run of the 114 (positives and near misses) eager-equal.

Fully fused in all 6 runs: vllm_pad_slot_3l (6/6 compressions, CUDA-graph pad rows), vllm_ascend_vendor_bmm,
flashinfer_trtllm_hnd_view, deepseek_mla_concat_indexer, hf_weight_buffer, sglang_stacked_pools_2l. The positive
misses, with the pass's reason (none is a false refusal of something eager computes differently: each model is the
contract on valid input, so each is a recognition gap):

* sglang_p1_index_select (torchair, 3/3 runs, 0/2 fused; Inductor fused 2/2 bit-exact in all 3 modes): ``write: the
  slots are computed with aten.gather.default, which may send two rows to one cache row (a padding row onto a written
  one): eager keeps the later write there, the op the written row @ gather_1``: the compressed loc
  ``cmp_req_to_token.index_select(0, req_pool_indices).gather(1, i)`` is a pool-table read through distinct batch
  pool indices (the contract's SGLang rule), which the Inductor graph recognises and the torchair graph does not;
* hf_cb_flat_fp32 (6/6, 0/2): static / mark_dynamic ``mask: the condition is false for every length 0..3 @
  unsqueeze_8``; dynamic=True ``sizes: aten.div.Tensor_mode divides a length-derived value by a constant the probes
  did not span twice``: the flat ``[NB * P, N, D]`` cache read at ``block_table[b, p // P] * P + p % P`` with P = 32
  a Python constant is apparently taken for a page-size-1 pool of capacity max_pages = 3 (my reading of the
  message), where it is the contract on
  ``cache.view(-1, P, N, D)`` (capacity 96);
* lucidrains_onehot_functional (6/6, 0/2): ``keep: no masked select (torch.where) before the write: rows of batches
  whose window did not complete would be overwritten @ cat_1 / mm_2``: the one-hot ``where(hit.any(0), pooled[src],
  cmp)`` over the whole cache is not seen as a masked row write (on valid input, distinct slots on completing rows,
  it is exactly the contract's write);
* fla_chunk_mean_fp16 (6/6, 0/2): ``roles: the gather does not read exactly one [B, max_pages] block table: none``:
  the window read as ``state.view(B, T // l, l, N, D)[arange(B), chunk]`` (a dense per-request state, the contract
  with page size T and block table ``arange(B)[:, None]``) has no table;
* vllm_tpu_interleaved_2l (6/6, 0/4): ``gather: paged input (35, 16, 4, 32) and cache (60, 2, 32) do not share [N,
  D]``: the K / V caches are the strided head views ``kv_cache[:, :, 0::2]`` / ``[:, :, 1::2]`` of a
  ``[NB, P, 2N, D]`` cache; the pass looks through to the whole 4-head tensor;
* vllm_kv_one_einsum (6/6, 0/2): ``gather: tokens are gathered from index_put (aten.index_put.default), which is
  not a [num_blocks, P, N, D] torch.float16 tensor``: the window of K and V read in one gather from the 5-D
  ``[NB, P, 2, N, D]`` cache and pooled by one einsum over a ``[2, l, N]`` weight.

Near misses: all 7 unfused and eager-equal in all 6 runs each (0/42 fused).

Other findings while writing (before the first try, eager backend, no pass): ``torch.take_along_dim(block_table, idx,
1)`` with ``mark_dynamic`` on the batch raises ``ConstraintViolationError`` (dynamo specialises the batch through
take_along_dim's broadcast), so this file spells those reads with ``gather`` / 2-D indexing instead.
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import HIDDEN as HIDDEN_DIM, _flat_state, _poison  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, _kv_spec, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


def _per_layer(L, *names):
    """Argument names ``name_0 .. name_{L-1}``, layer-major."""
    return tuple(f"{n}_{i}" for i in range(L) for n in names)


def _reader(k_pages, v_pages, table, P):
    """``read(pos)`` for ``Layer.finish`` over ``[NB, P, N, D]`` pages (views allowed)."""
    def read(pos):
        pg = table.long().gather(1, torch.div(pos, P, rounding_mode="floor"))
        return k_pages[pg, pos % P], v_pages[pg, pos % P]
    return read


def _ready(s, l, d):
    return (s >= l) & ((s - l) % d == 0)


def _newest_idx(s, l, d):
    """The compressed row index of a request's newest window (0 before its first window)."""
    return torch.div(s - l, d, rounding_mode="floor").clamp(min=0)


def _spec(name, kv, cache, weight, table, lengths, slots):
    return _kv_spec(name, kv, cache, weight, table, lengths, slots)


def _table_slots(a, cmp_table_name, lengths, l, d):
    s = lengths(a)
    return a[cmp_table_name].long().gather(1, _newest_idx(s.long(), l, d)[:, None]).squeeze(1)


# ----------------------------------------------------------------------------------------------------
# vLLM v1, CUDA-graph padded batch, 3 layers, every layer compresses K and V
# ----------------------------------------------------------------------------------------------------

PAD_ROWS = 2


class VllmPadSlot3L(DecodeModel):
    """vLLM v1 ``[2, NB, P, N, D]`` per layer. The batch is padded to a CUDA-graph size: pad rows have zero hidden,
    position -1 and ``PAD_SLOT_ID`` -1 for both the append and the compressed slot; a torch ``reshape_and_cache``
    writes the pad rows' (zero) tokens to flat slot -1, the last token of a trailing spare page."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table") + \
        _per_layer(3, "kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def __init__(self, dtype):
        super().__init__(dtype, layers=3)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        seq_lens = positions + 1
        win = (seq_lens.unsqueeze(1) - l + torch.arange(l, device=hidden.device)).clamp_(min=0)
        win_blocks = torch.gather(block_table, 1, torch.div(win, P, rounding_mode="floor"))
        win_offs = win % P
        finished = (seq_lens >= l) & (torch.remainder(seq_lens - l, d) == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, cmp_k, cmp_v = caches[3 * i:3 * i + 3]
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache[0], kv_cache[1]
            n, hd = key_cache.shape[-2:]
            key_cache.view(-1, n, hd).index_put_((slot_mapping,), k)
            value_cache.view(-1, n, hd).index_put_((slot_mapping,), v)
            for src, dst, w in ((key_cache, cmp_k, layer.cmp_w_k), (value_cache, cmp_v, layer.cmp_w_v)):
                window = src[win_blocks, win_offs].float()  # [B, l, N, D]
                pooled = (window * w.float().unsqueeze(-1)).sum(dim=1)
                dst.index_put_((cmp_slot_mapping,),
                               torch.where(finished.view(-1, 1, 1), pooled.to(dst.dtype), dst[cmp_slot_mapping]))
            h = layer.finish(h, x, q, seq_lens, _reader(key_cache, value_cache, block_table, P),
                             cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        R = B - PAD_ROWS
        st = self.state(R, seed, 6)
        g = st["g"]

        def pad(t, val):
            return torch.cat([t, torch.full((PAD_ROWS,) + tuple(t.shape[1:]), val, dtype=t.dtype)])

        def spare(kv):  # the page PAD_SLOT_ID -1 lands in (no request owns it)
            return torch.cat([kv, _poison(g, (1,) + tuple(kv.shape[1:]), kv.dtype)])

        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=pad(st["hidden"], 0.0), positions=pad(st["s"] - 1, -1),
                     slot_mapping=pad(_append_slots(st, self.P), -1), block_table=pad(st["table"], -1),
                     cmp_slot_mapping=pad(st["cmp_slot"], -1), cmp_block_table=pad(st["cmp_table"], 0))
        for i in range(3):
            named[f"kv_cache_{i}"] = torch.stack([spare(kvs[2 * i]), spare(kvs[2 * i + 1])])
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        out = []
        for i in range(3):
            for half, kv in ((0, "k"), (1, "v")):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, half=half: a[f"kv_cache_{i}"][half],
                                 lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["positions"] + 1,
                                 lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# vllm-ascend: int32 metadata, a torch fallback with torch_npu's signature, per-head bmm
# ----------------------------------------------------------------------------------------------------

def npu_nsa_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                           block_table=None, actual_seq_len=None, cache=None):
    """``torch_npu.npu_nsa_compress_infer`` (``.cache`` overload) for hosts without the NPU kernel."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    B = block_table.size(0)
    seq = actual_seq_len.to(torch.int64)
    pos = seq.view(B, 1) + torch.arange(-l, 0, device=seq.device)  # [B, l]
    pos = torch.where(pos < 0, torch.zeros_like(pos), pos)
    rows = torch.arange(B, device=seq.device).view(B, 1)
    pages = block_table[rows, torch.div(pos, P, rounding_mode="trunc")].long()
    tokens = input[pages, pos % P]  # [B, l, N, D]
    N, D = tokens.shape[2], tokens.shape[3]
    lhs = tokens.float().permute(0, 2, 3, 1).reshape(B * N, D, l)
    rhs = weight.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, l, 1)
    pooled = torch.bmm(lhs, rhs).view(B, N, D).to(cache.dtype)
    ready = (seq >= l) & ((seq - l) % d == 0)
    slots = slot_mapping.long()
    cache[slots] = torch.where(ready[:, None, None], pooled, cache[slots])
    return cache


class VllmAscendVendorBmm(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=6, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables,
                key_cache, value_cache, cmp_key_cache, cmp_value_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        blk, off = (slot_mapping // P).long(), (slot_mapping % P).long()  # _npu_reshape_and_cache in torch
        key_cache[blk, off] = k
        value_cache[blk, off] = v
        npu_nsa_compress_infer(key_cache, layer.cmp_w_k, cmp_slot_mapping, l, d, P, block_table=block_tables,
                               actual_seq_len=seq_lens, cache=cmp_key_cache)
        npu_nsa_compress_infer(value_cache, layer.cmp_w_v, cmp_slot_mapping, l, d, P, block_table=block_tables,
                               actual_seq_len=seq_lens, cache=cmp_value_cache)
        rows = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens.long(), _reader(key_cache, value_cache, block_tables, P),
                            cmp_key_cache[rows], cmp_value_cache[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], positions=(st["s"] - 1).to(i32), seq_lens=st["s"].to(i32),
                         slot_mapping=_append_slots(st, self.P).to(i32), block_tables=st["table"].to(i32),
                         cmp_slot_mapping=st["cmp_slot"].to(i32), cmp_block_tables=st["cmp_table"].to(i32),
                         key_cache=st["kvs"][0], value_cache=st["kvs"][1], cmp_key_cache=st["cmps"][0],
                         cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"cmp_{n}_cache"],
                      lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_tables"], lambda a: a["seq_lens"],
                      lambda a: a["cmp_slot_mapping"]) for n, w in (("key", "cmp_w_k"), ("value", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# SGLang, page size 1: index_select + gather on int32 req_to_token
# ----------------------------------------------------------------------------------------------------

class SglangP1IndexSelect(DecodeModel):
    SIZES = dict(l=16, d=8, P=1, MP=64, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_buffer[out_cache_loc] = k  # set_kv_buffer
        v_buffer[out_cache_loc] = v
        token_table = req_to_token.index_select(0, req_pool_indices)  # [B, max_context_len] int32
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        locs = torch.gather(token_table, 1, win).long()
        is_boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_table = cmp_req_to_token.index_select(0, req_pool_indices)
        cmp_loc = cmp_table.gather(1, _newest_idx(seq_lens, l, d)[:, None]).squeeze(1).long()
        for buf, cbuf, w in ((k_buffer, cmp_k_buffer, layer.cmp_w_k), (v_buffer, cmp_v_buffer, layer.cmp_w_v)):
            pooled = torch.einsum("bjhd,jh->bhd", buf[locs].float(), w.float()).to(cbuf.dtype)
            cbuf[cmp_loc] = torch.where(is_boundary[:, None, None], pooled, cbuf[cmp_loc])

        def read(pos):
            at = token_table.gather(1, pos).long()
            return k_buffer[at], v_buffer[at]

        rows = cmp_table.long()
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[rows], cmp_v_buffer[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t.to(torch.int32), cmp_req_to_token=cr2t.to(torch.int32),
                         k_buffer=st["kvs"][0].squeeze(1), v_buffer=st["kvs"][1].squeeze(1),
                         cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_req_to_token"][a["req_pool_indices"]].long().gather(
                1, _newest_idx(a["seq_lens"], l, d)[:, None]).squeeze(1)

        return [_spec(n, lambda a, r, n=n: a[f"{n}_buffer"], lambda a, r, n=n: a[f"cmp_{n}_buffer"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"),
                      lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"], slots)
                for n in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# FlashInfer / trtllm-gen HND [NP, 2, N, P, D] read and written through an NHD view
# ----------------------------------------------------------------------------------------------------

class FlashinferTrtllmHndView(DecodeModel):
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "block_tables", "cmp_block_tables", "kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def __init__(self, dtype):
        super().__init__(dtype, weight_shape=(self.SIZES["N"], self.SIZES["l"]))  # checkpoint layout [N, l]

    def forward(self, hidden, seq_lens, block_tables, cmp_block_tables, kv_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        lens = seq_lens.long()
        tbl = block_tables.long()
        last = lens - 1
        x, q, k, v = layer.project(hidden, last)
        k_nhd = kv_cache[:, 0].transpose(1, 2)  # [NP, P, N, D] view of the HND pages
        v_nhd = kv_cache[:, 1].transpose(1, 2)
        page = tbl.gather(1, (last // P)[:, None]).squeeze(1)
        k_nhd[page, last % P] = k
        v_nhd[page, last % P] = v
        win = (lens[:, None] + torch.arange(-l, 0, device=lens.device)).clamp(min=0)
        wpage, woff = tbl.gather(1, win // P), win % P
        complete = (lens >= l) & ((lens - l) % d == 0)
        slot = cmp_block_tables.long().gather(1, _newest_idx(lens, l, d)[:, None]).squeeze(1)
        for src, dst, w in ((k_nhd, cmp_k, layer.cmp_w_k), (v_nhd, cmp_v, layer.cmp_w_v)):
            pooled = torch.einsum("bjhd,hj->bhd", src[wpage, woff].float(), w.float()).to(dst.dtype)
            dst.index_copy_(0, slot, torch.where(complete[:, None, None], pooled, dst[slot]))
        rows = cmp_block_tables.long()
        return layer.finish(hidden, x, q, lens, _reader(k_nhd, v_nhd, tbl, P), cmp_k[rows], cmp_v[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv = torch.stack(st["kvs"][:2], 1).transpose(2, 3).contiguous()  # [NP, 2, N, P, D]
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(i32), block_tables=st["table"].to(i32),
                         cmp_block_tables=st["cmp_table"].to(i32), kv_cache=kv, cmp_k=st["cmps"][0],
                         cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [_spec(n, lambda a, r, i=i: a["kv_cache"][:, i].transpose(1, 2), lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}").t(), lambda a: a["block_tables"],
                      lambda a: a["seq_lens"],
                      lambda a: _table_slots(a, "cmp_block_tables", lambda a: a["seq_lens"], l, d))
                for i, n in enumerate(("k", "v"))]


# ----------------------------------------------------------------------------------------------------
# transformers continuous batching, flat [NB * P, N, D] caches, fp32
# ----------------------------------------------------------------------------------------------------

class HfCbFlatFp32(DecodeModel):
    SIZES = dict(l=16, d=8, P=32, MP=3, N=2, D=32)
    ARGS = ("hidden", "cache_position", "write_index", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:5]

    def compress(self, flat_cache, weight, block_table, cache_position):
        """The window of the sequence ending at ``cache_position`` (newest last), pooled over positions."""
        l, P = self.l, self.P
        window = cache_position[:, None] - torch.arange(l - 1, -1, -1, device=cache_position.device)
        window = window.clamp(min=0)
        ids = block_table.gather(1, window // P) * P + window % P
        tokens = flat_cache[ids]  # [B, l, N, D]
        return (tokens.permute(0, 2, 3, 1) * weight.t()[None, :, None, :]).sum(-1)  # [B, N, D]

    def forward(self, hidden, cache_position, write_index, block_table, cmp_block_table, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, cache_position)
        key_cache.index_put_((write_index,), k)
        value_cache.index_put_((write_index,), v)
        length = cache_position + 1
        emit = (length >= l) & ((length - l) % d == 0)
        b = torch.arange(hidden.shape[0], device=hidden.device)
        slot = cmp_block_table[b, _newest_idx(length, l, d)]
        for flat, cmp, w in ((key_cache, cmp_key_cache, layer.cmp_w_k), (value_cache, cmp_value_cache, layer.cmp_w_v)):
            new = self.compress(flat, w, block_table, cache_position)
            cmp.index_put_((slot,), torch.where(emit[:, None, None], new, cmp[slot]))

        def read(pos):
            ids = block_table.gather(1, pos // self.P) * self.P + pos % self.P
            return key_cache[ids], value_cache[ids]

        return layer.finish(hidden, x, q, length, read, cmp_key_cache[cmp_block_table],
                            cmp_value_cache[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        N, D = self.N, self.D
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, write_index=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"],
                         key_cache=st["kvs"][0].view(-1, N, D), value_cache=st["kvs"][1].view(-1, N, D),
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"].view(-1, P, N, D), lambda a, r, n=n: a[f"cmp_{n}_cache"],
                      lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_table"],
                      lambda a: a["cache_position"] + 1,
                      lambda a: _table_slots(a, "cmp_block_table", lambda a: a["cache_position"] + 1, l, d))
                for n, w in (("key", "cmp_w_k"), ("value", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# DeepSeek (vLLM MLA): 3-D latent cache via concat_and_cache_mla, 3-D indexer key cache, 1-D weights
# ----------------------------------------------------------------------------------------------------

KV_LORA, ROPE, IDX_DIM = 48, 16, 32


class MlaIndexerLayer(Layer):
    """One KV head: ``k`` is the rotary part ``k_pe`` [B, 1, R], ``v`` the latent ``kv_c`` [B, 1, C]; an indexer key
    projection; 1-D compressor weights ``[l]`` (``cmp_w_k`` for the latent, ``cmp_w_v`` for the indexer key)."""

    def __init__(self, l):
        super().__init__(1, ROPE, KV_LORA, l, Hq=4, weight_shape=(l,))
        self.indexer_k_proj = nn.Linear(HIDDEN_DIM, IDX_DIM, bias=False)


class DeepseekMlaConcatIndexer(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=KV_LORA + ROPE)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "kv_cache", "indexer_k_cache",
            "cmp_kv_cache", "cmp_indexer_k_cache")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return MlaIndexerLayer(self.l)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, kv_cache, indexer_k_cache,
                cmp_kv_cache, cmp_indexer_k_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k_pe, kv_c = layer.project(hidden, positions)
        kv_cache.view(-1, kv_cache.shape[-1])[slot_mapping] = torch.cat([kv_c.squeeze(1), k_pe.squeeze(1)], dim=-1)
        indexer_k_cache.view(-1, IDX_DIM)[slot_mapping] = layer.indexer_k_proj(x)
        seq = positions + 1
        win = (seq[:, None] - l + torch.arange(l, device=seq.device)).clamp(min=0)
        pages, offs = block_table.gather(1, win // P), win % P
        should = (seq >= l) & ((seq - l) % d == 0)
        slot = cmp_block_table.gather(1, _newest_idx(seq, l, d)[:, None]).squeeze(1)
        for src, dst, w in ((kv_cache, cmp_kv_cache, layer.cmp_w_k), (indexer_k_cache, cmp_indexer_k_cache,
                                                                     layer.cmp_w_v)):
            tokens = src[pages, offs].float()  # [B, l, C]
            pooled = torch.matmul(w.float()[None, None, :], tokens).squeeze(1)  # [B, C]
            dst[slot] = torch.where(should[:, None], pooled.to(dst.dtype), dst[slot])

        def read(pos):
            rows = kv_cache[block_table.gather(1, pos // P), pos % P]  # [B, T, C + R]
            return rows[:, :, None, KV_LORA:], rows[:, :, None, :KV_LORA]

        cmp = cmp_kv_cache[cmp_block_table]
        return layer.finish(hidden, x, q, seq, read, cmp[:, :, None, KV_LORA:], cmp[:, :, None, :KV_LORA], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], kv_cache=kvs[0][:, :, 0].clone(),
                         indexer_k_cache=kvs[1][:, :, 0, :IDX_DIM].clone(), cmp_kv_cache=cmps[0][:, 0].clone(),
                         cmp_indexer_k_cache=cmps[1][:, 0, :IDX_DIM].clone())

    def specs(self):
        l, d = self.l, self.d
        return [_spec(n, lambda a, r, n=n: a[n].unsqueeze(2), lambda a, r, n=n: a[f"cmp_{n}"].unsqueeze(1),
                      lambda m, w=w: getattr(m.layers[0], w).view(-1, 1), lambda a: a["block_table"],
                      lambda a: a["positions"] + 1,
                      lambda a: _table_slots(a, "cmp_block_table", lambda a: a["positions"] + 1, l, d))
                for n, w in (("kv_cache", "cmp_w_k"), ("indexer_k_cache", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# lucidrains-style functional step: scatter appends, one-hot compressed row select, caches returned
# ----------------------------------------------------------------------------------------------------

class LucidrainsOnehotFunctional(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        B = hidden.shape[0]
        last = seq_lens - 1
        x, q, k, v = layer.project(hidden, last)
        flat = block_table.gather(1, (last // P)[:, None]).squeeze(1) * P + last % P
        index = flat[:, None, None].expand_as(k)
        k_cache = k_cache.flatten(0, 1).scatter(0, index, k).view_as(k_cache)
        v_cache = v_cache.flatten(0, 1).scatter(0, index, v).view_as(v_cache)
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = block_table.gather(1, win // P), win % P
        divisible = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_block_table.gather(1, _newest_idx(seq_lens, l, d)[:, None]).squeeze(1)
        S = cmp_k.shape[0]
        hit = (torch.arange(S, device=hidden.device)[None, :] == slot[:, None]) & divisible[:, None]  # [B, S]
        src = (hit.long() * torch.arange(B, device=hidden.device)[:, None]).sum(0)  # the row writing each slot
        written = hit.any(0)[:, None, None]
        out = []
        for kv, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            pooled = torch.einsum("bjhd,jh->bhd", kv[pages, offs].float(), w.float()).to(cmp.dtype)
            out.append(torch.where(written, pooled[src], cmp))
        cmp_k, cmp_v = out
        h = layer.finish(hidden, x, q, seq_lens, _reader(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                         cmp_v[cmp_block_table], l, d)
        return h, k_cache, v_cache, cmp_k, cmp_v

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [_spec(n, lambda a, r, i=i, n=n: r[1 + i] if r is not None else a[f"{n}_cache"],
                      lambda a, r, i=i, n=n: r[3 + i] if r is not None else a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], lambda a: _table_slots(a, "cmp_block_table", lambda a: a["seq_lens"],
                                                                      l, d))
                for i, n in enumerate(("k", "v"))]


# ----------------------------------------------------------------------------------------------------
# fla-style dense state cut into chunks, mean pooling (l = d = 32), fp16
# ----------------------------------------------------------------------------------------------------

class FlaChunkMean(DecodeModel):
    SIZES = dict(l=32, d=32, P=16, MP=8, N=2, D=32)
    ARGS = ("hidden", "cache_position", "k_state", "v_state", "cmp_k", "cmp_v")
    BATCH = ARGS

    def forward(self, hidden, cache_position, k_state, v_state, cmp_k, cmp_v):
        l = self.l
        layer = self.layers[0]
        B, T, N, D = k_state.shape
        rows = torch.arange(B, device=hidden.device)
        x, q, k, v = layer.project(hidden, cache_position)
        k_state[rows, cache_position] = k
        v_state[rows, cache_position] = v
        s = cache_position + 1
        chunk = torch.div(s - l, l, rounding_mode="floor").clamp(min=0)  # the chunk that just closed
        closes = (s >= l) & (s % l == 0)
        for state, cmp in ((k_state, cmp_k), (v_state, cmp_v)):
            win = state.view(B, T // l, l, N, D)[rows, chunk]  # [B, l, N, D]
            mean = win.sum(1, dtype=torch.float32) / l
            cmp[rows, chunk] = torch.where(closes[:, None, None], mean.to(cmp.dtype), cmp[rows, chunk])

        def read(pos):
            return k_state[rows[:, None], pos], v_state[rows[:, None], pos]

        return layer.finish(hidden, x, q, s, read, cmp_k, cmp_v, l, l)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        (ks, vs), (ck, cv) = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, k_state=ks, v_state=vs, cmp_k=ck, cmp_v=cv)

    def specs(self):
        l = self.l

        def slots(a):
            B, M = a["cmp_k"].shape[:2]
            return torch.arange(B) * M + _newest_idx(a["cache_position"] + 1, l, l)

        return [_spec(n, lambda a, r, n=n: a[f"{n}_state"], lambda a, r, n=n: a[f"cmp_{n}"].flatten(0, 1),
                      lambda m: torch.full((l, m.N), 1.0 / l, dtype=m.dtype),
                      lambda a, n=n: torch.arange(a[f"{n}_state"].shape[0])[:, None],
                      lambda a: a["cache_position"] + 1, slots) for n in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# vLLM TPU layout: [NB, P, 2 * N, D], K and V interleaved on the head dim, 2 layers
# ----------------------------------------------------------------------------------------------------

class VllmTpuInterleaved2L(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping",
            "cmp_block_table") + _per_layer(2, "kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:7]

    def __init__(self, dtype):
        super().__init__(dtype, layers=2)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                *caches):
        l, d, P = self.l, self.d, self.P
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = block_table.gather(1, win // P), win % P
        full = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, cmp_k, cmp_v = caches[3 * i:3 * i + 3]
            x, q, k, v = layer.project(h, positions)
            kv = torch.stack((k, v), dim=2).flatten(1, 2)  # [B, 2N, D]: k0 v0 k1 v1 ...
            kv_cache.view(-1, kv_cache.shape[2], kv_cache.shape[3])[slot_mapping] = kv
            key_cache, value_cache = kv_cache[:, :, 0::2], kv_cache[:, :, 1::2]
            for src, dst, w in ((key_cache, cmp_k, layer.cmp_w_k), (value_cache, cmp_v, layer.cmp_w_v)):
                pooled = (src[pages, offs].float() * w.float()[None, :, :, None]).sum(1).to(dst.dtype)
                dst[cmp_slot_mapping] = torch.where(full[:, None, None], pooled, dst[cmp_slot_mapping])
            h = layer.finish(h, x, q, seq_lens, _reader(key_cache, value_cache, block_table, P),
                             cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"])
        for i in range(2):
            named[f"kv_cache_{i}"] = torch.stack((kvs[2 * i], kvs[2 * i + 1]), dim=3).flatten(2, 3)
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        out = []
        for i in range(2):
            for half, kv in ((0, "k"), (1, "v")):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, half=half: a[f"kv_cache_{i}"][:, :, half::2],
                                 lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# HF port: compressor weights as non-persistent module buffers
# ----------------------------------------------------------------------------------------------------

class BufferWeightLayer(Layer):
    def __init__(self, N, D, l):
        super().__init__(N, D, D, l)
        g = torch.Generator().manual_seed(77)
        self.register_buffer("pool_k", (0.5 + torch.rand(l, N, generator=g)) / l, persistent=False)
        self.register_buffer("pool_v", (0.5 + torch.rand(l, N, generator=g)) / l, persistent=False)


class HfWeightBuffer(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_pages", "value_pages", "cmp_keys",
            "cmp_values")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        return BufferWeightLayer(self.N, self.D, self.l)

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_pages, value_pages, cmp_keys,
                cmp_values):
        l, d, P = self.l, self.d, self.P
        attn = self.layers[0]
        x, q, k, v = attn.project(hidden, cache_position)
        block = block_table.gather(1, (cache_position // P).unsqueeze(-1)).squeeze(-1)
        key_pages[block, cache_position % P] = k
        value_pages[block, cache_position % P] = v
        window_positions = cache_position[:, None] - torch.arange(l - 1, -1, -1, device=hidden.device)
        window_positions = window_positions.clamp(min=0)
        wb, wo = block_table.gather(1, window_positions // P), window_positions % P
        n_tokens = cache_position + 1
        ready = (n_tokens >= l) & ((n_tokens - l) % d == 0)
        slot = cmp_block_table.gather(1, _newest_idx(n_tokens, l, d)[:, None]).squeeze(1)
        for pages, cmp, pool in ((key_pages, cmp_keys, attn.pool_k), (value_pages, cmp_values, attn.pool_v)):
            pooled = torch.sum(pages[wb, wo].float() * pool.float()[None, ..., None], dim=1)
            keep = cmp.index_select(0, slot)
            cmp.index_copy_(0, slot, torch.where(ready[:, None, None], pooled.to(cmp.dtype), keep))
        return attn.finish(hidden, x, q, n_tokens, _reader(key_pages, value_pages, block_table, P),
                           cmp_keys[cmp_block_table], cmp_values[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_pages=st["kvs"][0], value_pages=st["kvs"][1],
                         cmp_keys=st["cmps"][0], cmp_values=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [_spec(n, lambda a, r, n=n: a[f"{n}_pages"], lambda a, r, c=c: a[c],
                      lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_table"],
                      lambda a: a["cache_position"] + 1,
                      lambda a: _table_slots(a, "cmp_block_table", lambda a: a["cache_position"] + 1, l, d))
                for n, c, w in (("key", "cmp_keys", "pool_k"), ("value", "cmp_values", "pool_v"))]


# ----------------------------------------------------------------------------------------------------
# SGLang, page size 1, all layers' pools stacked, writes through pool[layer_id] views
# ----------------------------------------------------------------------------------------------------

class SglangStackedPools2L(DecodeModel):
    SIZES = dict(l=16, d=8, P=1, MP=64, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_pool", "v_pool", "cmp_k_pool", "cmp_v_pool")
    BATCH = ARGS[:5]

    def __init__(self, dtype):
        super().__init__(dtype, layers=2)

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_pool, v_pool, cmp_k_pool, cmp_v_pool):
        l, d = self.l, self.d
        tokens_of = req_to_token[req_pool_indices]
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_locs = req_to_token[req_pool_indices[:, None], win]
        cmp_rows = cmp_req_to_token[req_pool_indices]
        cmp_loc = cmp_req_to_token[req_pool_indices, _newest_idx(seq_lens, l, d)]
        boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        h = hidden
        for layer_id, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            kb, vb = k_pool[layer_id], v_pool[layer_id]
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            ck, cv = cmp_k_pool[layer_id], cmp_v_pool[layer_id]
            for buf, cbuf, w in ((kb, ck, layer.cmp_w_k), (vb, cv, layer.cmp_w_v)):
                pooled = (buf[win_locs].float() * w.float().view(1, l, -1, 1)).sum(dim=-3).to(cbuf.dtype)
                cbuf[cmp_loc] = torch.where(boundary[:, None, None], pooled, cbuf[cmp_loc])

            def read(pos, kb=kb, vb=vb):
                at = tokens_of.gather(1, pos)
                return kb[at], vb[at]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_rows], cv[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kvs, cmps = [t.squeeze(1) for t in st["kvs"]], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t,
                         k_pool=torch.stack(kvs[0::2]), v_pool=torch.stack(kvs[1::2]),
                         cmp_k_pool=torch.stack(cmps[0::2]), cmp_v_pool=torch.stack(cmps[1::2]))

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_req_to_token"][a["req_pool_indices"], _newest_idx(a["seq_lens"], l, d)]

        return [_spec(f"{n}{i}", lambda a, r, n=n, i=i: a[f"{n}_pool"][i], lambda a, r, n=n, i=i: a[f"cmp_{n}_pool"][i],
                      lambda m, n=n, i=i: getattr(m.layers[i], f"cmp_w_{n}"),
                      lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"], slots)
                for i in range(2) for n in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# vLLM [NB, P, 2, N, D]: K and V pooled in one einsum with a stacked [2, l, N] weight, int32 slots
# ----------------------------------------------------------------------------------------------------

class KvStackedWeightLayer(Layer):
    def __init__(self, N, D, l):
        super().__init__(N, D, D, l)
        self.cmp_w_kv = nn.Parameter(torch.empty(2, l, N))


class VllmKvOneEinsum(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table", "kv_cache",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def make_layer(self, **kw):
        return KvStackedWeightLayer(self.N, self.D, self.l)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_cache,
                cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        kv_cache[slot_mapping // P, slot_mapping % P] = torch.stack((k, v), dim=1)  # [B, 2, N, D]
        seq_lens = positions + 1
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        both = kv_cache[block_table.gather(1, win // P), win % P]  # [B, l, 2, N, D]
        pooled = torch.einsum("bjkhd,kjh->kbhd", both.float(), layer.cmp_w_kv.float()).to(cmp_k.dtype)
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = cmp_slot_mapping.long()
        for cache, new in zip((cmp_k, cmp_v), pooled.unbind(0)):
            cache[slots] = torch.where(done[:, None, None], new, cache[slots])
        return layer.finish(hidden, x, q, seq_lens, _reader(kv_cache[:, :, 0], kv_cache[:, :, 1], block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"].to(torch.int32),
                         cmp_block_table=st["cmp_table"], kv_cache=torch.stack(st["kvs"][:2], dim=2),
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, i=i: a["kv_cache"][:, :, i], lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, i=i: m.layers[0].cmp_w_kv[i], lambda a: a["block_table"],
                      lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"].long())
                for i, n in enumerate(("k", "v"))]


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, [NB, P, N, D] K and V pages, slots from the compressed block table
# ----------------------------------------------------------------------------------------------------

class NearMissPaged(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def __init__(self, dtype, bug):
        super().__init__(dtype)
        self.bug = bug

    def pool(self, tokens, w, win):
        """tokens ``[B, l, N, D]`` in the cache dtype, w ``[l, N]``; returns the fp32 pooled row."""
        bug, l = self.bug, self.l
        if bug == "half_products":  # products rounded to the cache dtype, summed in fp32
            return torch.stack([tokens[:, j] * w[j][None, :, None] for j in range(l)], dim=1).float().sum(1)
        if bug == "ring_weight":  # weight slot from the ring-buffer position p % l, not the window position
            return (tokens.float() * w[win % l].float()[..., None]).sum(1)
        if bug == "softmax_weight":  # weights normalised in fp32 and used unrounded
            return (tokens.float() * w.float().softmax(0)[None, :, :, None]).sum(1)
        pooled = (tokens.float() * w.float()[None, :, :, None]).sum(1)
        if bug == "pooled_rmsnorm":  # a compressor with a norm after the pooling
            pooled = pooled * torch.rsqrt(pooled.pow(2).mean(-1, keepdim=True) + 1e-6)
        return pooled

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P, bug = self.l, self.d, self.P, self.bug
        layer = self.layers[0]
        last = seq_lens - 1
        x, q, k, v = layer.project(hidden, last)
        page = block_table.gather(1, (last // P)[:, None]).squeeze(1)
        k_cache[page, last % P] = k
        v_cache[page, last % P] = v
        win = seq_lens[:, None] - l + torch.arange(l, device=hidden.device)
        if bug == "window_one_late":
            win = (win + 1).clamp(max=block_table.shape[1] * P - 1)
        win = win.clamp(min=0)
        pages = block_table.gather(1, win // P)
        if bug == "first_page_for_window":  # every window token read from the page of the window's first token
            pages = block_table.gather(1, win[:, :1] // P).expand(-1, l)
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_block_table.gather(1, _newest_idx(seq_lens, l, d)[:, None]).squeeze(1)
        max_cmp = cmp_block_table.shape[1]
        for kv, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            new = self.pool(kv[pages, win % P], w, win).to(cmp.dtype)
            if bug == "keep_from_next_row":  # the kept value read from the request's next free row
                nxt = torch.where(seq_lens >= l, (seq_lens - l) // d + 1, torch.zeros_like(seq_lens))
                old = cmp[cmp_block_table.gather(1, nxt.clamp(max=max_cmp - 1)[:, None]).squeeze(1)]
            else:
                old = cmp[slot]
            cmp[slot] = torch.where(done[:, None, None], new, old)
        return layer.finish(hidden, x, q, seq_lens, _reader(k_cache, v_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], lambda a: _table_slots(a, "cmp_block_table", lambda a: a["seq_lens"],
                                                                      l, d))
                for n in ("k", "v")]


NEAR_MISSES = {  # bug: (dtype, note naming the valid input where it differs, with any weight / stride / cache state)
    "window_one_late": (f16, "the window is positions s-l+1 .. s: it reads position s, which no token has reached "
                             "(any completing row; no weight turns token s into token s-l)"),
    "first_page_for_window": (bf16, "every window token read from the page of position s-l: differs on a completing "
                                    "window that spans two pages (s-l not a multiple of P = 16, e.g. s = 24)"),
    "half_products": (f16, "products w*x rounded to fp16 before the fp32 sum: differs wherever a product is not an "
                           "fp16 number (almost every completing row)"),
    "ring_weight": (bf16, "weight indexed by p % l (ring-buffer slot), not by j: with l = 16, d = 8 a window starting "
                          "at s-l = 8 mod 16 uses the weight rotated by 8, so no fixed weight matches both phases "
                          "(e.g. rows with s = 24 and s = 32)"),
    "softmax_weight": (f16, "weights softmax-normalised over the window in fp32 and used unrounded: no fp16 [l, N] "
                            "weight has those fp32 values (any completing row)"),
    "pooled_rmsnorm": (bf16, "the pooled row is RMS-normalised before the write: not a weighted sum of the tokens "
                             "(any completing row)"),
    "keep_from_next_row": (f16, "non-completing rows write their current row with the value of the next free row "
                                "cmp_block_table[b, cnt]: differs on a non-completing row with s > l (e.g. s = 17: "
                                "row 0 gets row 1's value); the contract writes nothing there"),
}


def _near_miss(bug):
    dtype, note = NEAR_MISSES[bug]
    return _case(f"nm_{bug}", NearMissPaged, "no_fuse", 2, dtype, note, bug=bug)


MODEL_CASES = [
    _case("vllm_pad_slot_3l", VllmPadSlot3L, "fuse", 6, f16,
          "vLLM v1 [2, NB, P, N, D] x 3 layers, CUDA-graph pad rows (PAD_SLOT_ID -1 into a spare page), "
          "every layer compresses K and V"),
    _case("vllm_ascend_vendor_bmm", VllmAscendVendorBmm, "fuse", 2, bf16,
          "vllm-ascend int32 metadata, vendor-signature torch fallback, per-head bmm pooling, l = 32 > P = 16"),
    _case("sglang_p1_index_select", SglangP1IndexSelect, "fuse", 2, f16,
          "SGLang page size 1, int32 req_to_token.index_select + gather, einsum pooling"),
    _case("flashinfer_trtllm_hnd_view", FlashinferTrtllmHndView, "fuse", 2, bf16,
          "trtllm-gen HND [NP, 2, N, P, D] through an NHD transpose view, int32 tables, [N, l] weights, index_copy_"),
    _case("hf_cb_flat_fp32", HfCbFlatFp32, "fuse", 2, f32,
          "transformers continuous batching flat [NB * P, N, D] caches, newest-last window, sum over the last dim"),
    _case("deepseek_mla_concat_indexer", DeepseekMlaConcatIndexer, "fuse", 2, bf16,
          "vLLM MLA 3-D latent [NB, P, C + R] + indexer key [NB, P, Di], 1-D weights, matmul, l = 32"),
    _case("lucidrains_onehot_functional", LucidrainsOnehotFunctional, "fuse", 2, f16,
          "functional scatter appends, one-hot where() compressed write over the whole cache, caches returned"),
    _case("fla_chunk_mean_fp16", FlaChunkMean, "fuse", 2, f16,
          "dense [B, T, N, D] state cut into l-chunks, sum(dtype=fp32) / l mean pooling, l = d = 32"),
    _case("vllm_tpu_interleaved_2l", VllmTpuInterleaved2L, "fuse", 4, bf16,
          "vLLM TPU [NB, P, 2N, D], K/V interleaved on heads (0::2 / 1::2 views), 2 layers"),
    _case("hf_weight_buffer", HfWeightBuffer, "fuse", 2, f16,
          "HF module with non-persistent buffer compressor weights, index_select / index_copy_ compressed write"),
    _case("sglang_stacked_pools_2l", SglangStackedPools2L, "fuse", 4, bf16,
          "SGLang page size 1, [L, T, N, D] pools, writes through pool[layer_id] views, 2 layers"),
    _case("vllm_kv_one_einsum", VllmKvOneEinsum, "fuse", 2, f16,
          "vLLM [NB, P, 2, N, D], K and V pooled in one einsum with a [2, l, N] weight, int32 cmp slots"),
] + [_near_miss(bug) for bug in NEAR_MISSES]


def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: some compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
