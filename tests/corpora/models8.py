"""An eighth blind corpus of whole NSA decode models (``models8``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / advice / limits sections and public serving code, without reading the recogniser or its tests (only
the file format: ``models7``'s docstring, ``run_models``' docstring and flags, and the shared building blocks of
``models3``/``models4``, which this file imports). Every model is one decode step of a 1-3 layer decoder: RMSNorm,
projections, rotary, the new token's K/V appended to the layer's cache, K and V (or an MLA latent and an indexer key)
compressed into compressed caches (the contract, in the idiom of that stack), then compressed, selected and
sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives:

* ``vllm_reshape_and_cache_2l`` (fp16, 2 layers, K and V compressed in both): vLLM v1 ``[2, NB, P, N, D]`` caches
  ``unbind(0)``, a Python ``reshape_and_cache`` (``block_idx = slot // block_size``, ``key_cache[block_idx, off] =
  key``), lengths ``positions + 1``, compressed write ``out[cmp_slot_mapping] = where(...)`` (-1 padding);
* ``vllm_ascend_vendor_flat`` (bf16): vllm-ascend, int32 ``block_tables`` / ``seq_lens`` / ``slot_mapping``, a
  torch fallback with the vendor signature that gathers flat token slots ``table * P + pos % P`` from
  ``input.flatten(0, 1)``, ``einsum('bjnd,jn->bnd')``; appends ``view(-1, N, D).index_put_``;
* ``sglang_token_pool_2d_index`` (fp16): SGLang page size 1 token pools, int32 ``req_to_token`` read with 2-D
  advanced indexing ``req_to_token[req_pool_indices[:, None], pos]``, ``set_kv_buffer``-style ``k_buffer[loc] = k``,
  pooling ``w.t()[None, :, None, :] @ tokens.permute(0, 2, 1, 3)`` (``matmul``), compressed row
  ``cmp_req_to_token[req_pool_indices, clamp((s - l) // d, 0)]``;
* ``flashinfer_append_paged`` (bf16): FlashInfer NHD ``[NP, 2, P, N, D]`` cache with ``kv_indptr`` / ``kv_indices``
  (int32, padded buffer), the append at ``kv_indices[kv_indptr[batch_indices] + positions // P]`` (FlashInfer's
  ``append_paged_kv_cache`` with ``batch_indices`` / ``positions``), lengths ``positions + 1``;
* ``hf_paged_head_major_fp32`` (fp32): transformers continuous-batching style head-major paged caches ``[N, NB, P,
  D]`` written ``view(N, -1, D)[:, write_index] = k.transpose(0, 1)``, head-major compressed caches ``[N, S, D]``
  written ``cmp[:, slot] = where(...)`` at ``cmp_block_table`` rows, no casts;
* ``deepseek_latent_indexer_views`` (bf16): MLA latent and indexer key in ONE paged cache ``[NB, P, 1, C + Di]``,
  each compressed from its ``[..., :C]`` / ``[..., C:]`` view with ``matmul(w.t(), tokens)`` into the matching view
  of ONE compressed buffer ``[S, 1, C + Di]`` (writes through views);
* ``lucidrains_functional_index_copy`` (fp16): functional out-of-place ``index_copy`` appends and compressed writes
  at ``cmp_block_table`` rows, every cache returned, ``(tokens * w[..., None]).sum(-3)``;
* ``fla_dense_mean_l16`` (fp16): fla-style dense per-request state ``[B, T, N, D]`` (no block table: row ``b`` is
  its own page), mean pooling ``tokens.mean(1, dtype=torch.float32)`` with l = 16, d = 8;
* ``vllm_cudagraph_null_block_3l`` (fp16, 3 layers, every layer compresses K and V): vLLM FlashInfer-layout
  ``[NB, 2, P, N, D]`` caches per layer, CUDA-graph padded batch (2 pad rows: position -1, block table of the
  reserved null block 0, appends into null-block slots, compressed slot -1), ``einsum`` pooling;
* ``hf_cache_class_offsets_buffer_2l`` (bf16, 2 layers): an HF ``Cache`` class built per step, window offsets from a
  non-persistent module buffer ``register_buffer("cmp_offsets", arange(l))``, ``[N, l]`` checkpoint-layout weights,
  ``index_copy_`` appends, compressed slot ``cmp_block_table.gather(1, i)``;
* ``vllm_page_span_slice`` (bf16): vLLM v1 ``[2, NB, P, N, D]`` caches, int32 block table and lengths, the window
  read by loading the pages that cover it (``key_cache[pages].flatten(1, 2)``) and slicing it with ``gather`` on
  dim 1;
* ``hf_static_unfold`` (fp16): HF static ``[B, N, T, D]`` caches appended with ``k_cache[arange(B), :, pos] = k``,
  every window of the sequence from ``unfold(2, l, d)``, the completed one picked by index, compressed caches
  ``[B, max_cmp, N, D]`` written ``cmp[arange(B), i] = where(...)``.

Near misses (one layer, vLLM-style paged caches, slots from the compressed block table so every row has its own
row; ``note`` names the valid input where each differs): fp16 products under ``sum(dtype=float32)``, no ``s >= l``
guard, ``arange(1, l + 1)`` window, per-page partial sums rounded to bf16, weight indexed by absolute position, no
keep mask, newest-first fp32 loop.

``check_eager()`` (``python tests/corpora/models8.py``) runs every case eagerly: positives equal the golden bit for
bit (or within fp tolerance where torch chooses the sum order, reported), near misses differ from it.

First try, 2026-12-04 15:47-16:13 UTC, on the frozen base 942ec1c (the commit that added this file; ``/tmp/base_m8``,
``PYTHONPATH=/tmp/base_m8``, nothing changed after seeing results): ``run_models.py --corpus models8``, both dialects,
B = 8; positives then near misses in static + batch (mark_dynamic), then positives then near misses in all
(dynamic=True); log ``/tmp/models8_first.log``, results ``/tmp/models8_first_p{1,2,3,4}.json``. Positives with EVERY
compression fused and bit-exact; positives with any fusion; near misses fused; crashes (an error with the pass where
the same mode compiles with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   (any fusion)  near misses fused  crashes  n/a
    inductor static         10/12       10            0/7                0        0
    inductor mark_dynamic   10/12       10            0/7                0        0
    inductor dynamic=True   10/12       10            0/7                0        0
    torchair static         10/12       10            0/7                0 (E)    0
    torchair mark_dynamic   10/12       10            0/7                0 (E)    0
    torchair dynamic=True   10/12       10            0/7                0 (E)    0
    TOTAL: 60/72 positive runs (83 %) with every compression fused and bit-exact; every run that fused anything (60
    positive runs) fused every compression and was bit-exact to the golden; near misses: 0/42 runs fused, every one
    eager-equal; no crash, nothing n/a.

The positive misses, with the pass's reason:

* hf_paged_head_major_fp32 (6/6 runs, 0 fused, 0 candidates): explain says ``ignored index_put_2
  (aten.index_put.default): a write into `cmp_key_cache` [4, 44, 32]: the write does not index the cache rows (not a
  compression step)`` (the same for ``cmp_value_cache``) and ``no row write into a cache was found``: the head-major
  compressed cache ``[N, S, D]`` written ``cmp[:, slot] = where(...)`` is not seen as a row write. A gap: it is the
  contract with ``cache = cmp.transpose(0, 1)`` (a non-contiguous ``[S, N, D]`` view) and ``input =
  key_cache.permute(1, 2, 0, 3)``; the same family as models7's ``hf_static_scatter_fp32`` (writes along dim 1);
* hf_static_unfold (6/6 runs, 0/2 fused): ``roles: the gather does not read exactly one [B, max_pages] block table:
  none @ convert_element_type_19`` (both compressions, both dialects): the window picked from ``cache.unfold(2, l,
  d)[arange(B), :, (s - l) // d]`` of a dense ``[B, N, T, D]`` static cache has no block table (it is the contract with
  ``block_table = arange(B)[:, None]``, P = T, and the ``[B, max_cmp, N, D]`` cache flattened to rows ``b * max_cmp +
  i``). fla_dense_mean_l16, also a dense per-request state read through ``arange(B)``, fused everywhere, so the
  ``unfold`` spelling (or the ``[B, N, T, D]`` layout) is what the pass does not follow.

Other findings:

* E, hf_static_unfold under torchair (3 modes): the compile fails, ``NotImplementedError: torch.ops.aten.unfold.default
  ge_converter is not implemented!`` (the unfused step's ``unfold``); with ``NSA_FUSION_DISABLE=1`` the same mode fails
  too (``aten.index_put.default ge_converter is not implemented!``), so not a crash of the pass; the runner marks the
  runs applicable (its eager-backend retry works), so they count as misses above. Fusing the step would remove the
  ``unfold`` from the GE graph.
* hf_cache_class_offsets_buffer_2l, Inductor (3 modes): fused 4/4, caches bit-exact, but the runner's ``eager_equal``
  is False: the bf16 hidden output differs from eager by up to 0.0625 and layer 2's appended K/V by 0.018; with
  ``NSA_FUSION_DISABLE=1`` eager_equal is False too, and the fused output equals plain Inductor's bit for bit (checked
  after the first try): plain Inductor's bf16 numerics over 2 layers, not the pass. Its window offsets come from a
  non-persistent module buffer, and it fused in both dialects.
* Idioms new to the corpora that fused bit-exact in all 6 runs: FlashInfer ``kv_indptr[batch_indices]`` page lists,
  DeepSeek latent + indexer compressed into views of one buffer, the page-span load + ``gather`` slice, SGLang's 2-D
  ``req_to_token[rpi[:, None], pos]``, out-of-place ``index_copy`` (lucidrains), ``mean(dtype=float32)`` over a dense
  ``arange(B)``-indexed state, the 3-layer CUDA-graph null-block model (6/6 compressions).
* The 7 near misses stayed unfused in all 42 runs and every run was eager-equal.
"""
from __future__ import annotations

import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import _flat_state, _poison  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, _kv_spec, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


def _layer_args(L, *names):
    """Per-layer argument names ``name_0 .. name_{L-1}`` for each name, layer-major."""
    return tuple(f"{n}_{i}" for i in range(L) for n in names)


def _paged_read(k_pages, v_pages, table, P):
    """``read(pos)`` for ``Layer.finish``: K and V ``[B, T, N, D]`` at positions ``pos`` of ``[NB, P, N, D]`` pages."""
    def read(pos):
        pg = table.long().gather(1, torch.div(pos, P, rounding_mode="floor"))
        return k_pages[pg, pos % P], v_pages[pg, pos % P]
    return read


def _cmp_idx(s, l, d):
    """The compressed row index a request's newest window gets (0 before its first window)."""
    return torch.div(s - l, d, rounding_mode="floor").clamp(min=0)


# ----------------------------------------------------------------------------------------------------
# vLLM v1: Python reshape_and_cache, [2, NB, P, N, D] per layer, 2 layers
# ----------------------------------------------------------------------------------------------------

def reshape_and_cache(key, value, key_cache, value_cache, slot_mapping):
    """vLLM's ``reshape_and_cache`` written out in torch (the CPU fallback)."""
    block_size = key_cache.shape[1]
    block_idx = torch.div(slot_mapping, block_size, rounding_mode="floor")
    block_offset = slot_mapping % block_size
    key_cache[block_idx, block_offset] = key
    value_cache[block_idx, block_offset] = value


class VllmReshapeAndCache(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    LAYERS = 2
    META = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")
    ARGS = META + _layer_args(2, "kv_cache") + _layer_args(2, "cmp_k", "cmp_v")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=self.LAYERS, seed=seed)

    def _compress(self, cache, weight, seq_lens, block_table, cmp_slot_mapping, out):
        l, d, P = self.l, self.d, self.P
        token_pos = torch.arange(l, device=cache.device) + (seq_lens - l).clamp(min=0)[:, None]  # [B, l]
        blocks = torch.gather(block_table, 1, token_pos // P)
        tokens = cache[blocks, token_pos % P]  # [B, l, N, D]
        pooled = (tokens.float() * weight.float()[None, :, :, None]).sum(dim=1)
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        out[cmp_slot_mapping] = torch.where(done[:, None, None], pooled.to(out.dtype), out[cmp_slot_mapping])

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        L = self.LAYERS
        kv_caches, cmp_caches = caches[:L], caches[L:]
        seq_lens = positions + 1
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(hidden, positions)
            key_cache, value_cache = kv_caches[i].unbind(0)
            reshape_and_cache(k, v, key_cache, value_cache, slot_mapping)
            cmp_k, cmp_v = cmp_caches[2 * i], cmp_caches[2 * i + 1]
            self._compress(key_cache, layer.cmp_w_k, seq_lens, block_table, cmp_slot_mapping, cmp_k)
            self._compress(value_cache, layer.cmp_w_v, seq_lens, block_table, cmp_slot_mapping, cmp_v)
            hidden = layer.finish(hidden, x, q, seq_lens, _paged_read(key_cache, value_cache, block_table, self.P),
                                  cmp_k[cmp_block_table], cmp_v[cmp_block_table], self.l, self.d)
        return hidden

    def make_inputs(self, B, seed):
        L = self.LAYERS
        st = self.state(B, seed, 2 * L)
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"])
        for i in range(L):
            named[f"kv_cache_{i}"] = torch.stack((kvs[2 * i], kvs[2 * i + 1]))
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, j=j: a[f"kv_cache_{i}"][j], lambda a, r, n=f"cmp_{kv}_{i}": a[n],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(self.LAYERS) for j, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# vllm-ascend: int32 metadata, a torch fallback with the vendor signature reading flat token slots
# ----------------------------------------------------------------------------------------------------

def npu_nsa_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                           block_table=None, actual_seq_len=None, cache=None):
    """Plain-torch stand-in for ``torch_npu.npu_nsa_compress_infer`` (vllm-ascend's CPU fallback)."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    seq = actual_seq_len.to(torch.int64)
    start = seq - l
    idx = start[:, None] + torch.arange(l, device=input.device)[None, :]
    idx = torch.where(idx < 0, torch.zeros_like(idx), idx)
    flat_slot = block_table.to(torch.int64).gather(1, idx // P) * P + idx % P  # [B, l] token slots
    tokens = input.flatten(0, 1)[flat_slot]  # [B, l, N, D]
    pooled = torch.einsum("bjnd,jn->bnd", tokens.to(torch.float32), weight.to(torch.float32))
    hit = (start >= 0) & (start % d == 0)
    sm = slot_mapping.to(torch.int64)
    cache.index_put_((sm,), torch.where(hit.view(-1, 1, 1), pooled.to(cache.dtype), cache[sm]))
    return cache


class VllmAscendVendorFlat(DecodeModel):
    SIZES = dict(l=32, d=16, P=64, MP=3, N=2, D=64)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables,
                key_cache, value_cache, cmp_key_cache, cmp_value_cache):
        layer = self.layers[0]
        N, D = key_cache.shape[2], key_cache.shape[3]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        key_cache.view(-1, N, D).index_put_((slot_mapping.long(),), k)  # _npu_reshape_and_cache
        value_cache.view(-1, N, D).index_put_((slot_mapping.long(),), v)
        for src, w, dst in ((key_cache, layer.cmp_w_k, cmp_key_cache), (value_cache, layer.cmp_w_v, cmp_value_cache)):
            npu_nsa_compress_infer(src, w, cmp_slot_mapping, self.l, self.d, self.P, block_table=block_tables,
                                   actual_seq_len=seq_lens, cache=dst)
        rows = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens, _paged_read(key_cache, value_cache, block_tables, self.P),
                            cmp_key_cache[rows], cmp_value_cache[rows], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(i32), slot_mapping=_append_slots(st, self.P).to(i32),
                         block_tables=st["table"].to(i32), cmp_slot_mapping=st["cmp_slot"].to(i32),
                         cmp_block_tables=st["cmp_table"].to(i32), key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, n=src: a[n], lambda a, r, n=dst: a[n],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_tables"].long(),
                         lambda a: a["seq_lens"].long(), lambda a: a["cmp_slot_mapping"].long())
                for kv, src, dst in (("k", "key_cache", "cmp_key_cache"), ("v", "value_cache", "cmp_value_cache"))]


# ----------------------------------------------------------------------------------------------------
# SGLang page size 1: token pools, int32 req_to_token read with 2-D advanced indexing, matmul pooling
# ----------------------------------------------------------------------------------------------------

class SglangTokenPool2D(DecodeModel):
    SIZES = dict(l=32, d=16, P=1, MP=80, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc")

    def _compress(self, buf, w, seq_lens, req_pool_indices, req_to_token, cmp_req_to_token, out):
        l, d = self.l, self.d
        pos = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=buf.device)
        loc = req_to_token[req_pool_indices[:, None], pos]  # [B, l] token locations
        tokens = buf[loc.long()].float()  # [B, l, N, D]
        pooled = (w.float().t()[None, :, None, :] @ tokens.permute(0, 2, 1, 3)).squeeze(2)  # [B, N, D]
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        row = cmp_req_to_token[req_pool_indices, _cmp_idx(seq_lens, l, d)].long()
        out[row] = torch.where(ready[:, None, None], pooled.to(out.dtype), out[row])

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_buffer[out_cache_loc] = k  # set_kv_buffer
        v_buffer[out_cache_loc] = v
        meta = (seq_lens, req_pool_indices, req_to_token, cmp_req_to_token)
        self._compress(k_buffer, layer.cmp_w_k, *meta, cmp_k_buffer)
        self._compress(v_buffer, layer.cmp_w_v, *meta, cmp_v_buffer)

        def read(pos):
            loc = req_to_token[req_pool_indices[:, None], pos].long()
            return k_buffer[loc], v_buffer[loc]
        cmp_rows = cmp_req_to_token[req_pool_indices].long()
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[cmp_rows], cmp_v_buffer[cmp_rows],
                            self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], req_pool_indices=rpi, out_cache_loc=loc,
                         req_to_token=r2t.to(torch.int32), cmp_req_to_token=cr2t.to(torch.int32),
                         k_buffer=st["kvs"][0].squeeze(1), v_buffer=st["kvs"][1].squeeze(1),
                         cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_req_to_token"][a["req_pool_indices"], _cmp_idx(a["seq_lens"], l, d)].long()
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_buffer"], lambda a, r, kv=kv: a[f"cmp_{kv}_buffer"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                         lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"], slots)
                for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# FlashInfer: NHD [NP, 2, P, N, D], kv_indptr / kv_indices with batch_indices / positions
# ----------------------------------------------------------------------------------------------------

def _ragged(st, B, P, spare=4):
    """FlashInfer's page lists: request b's pages ``kv_indices[kv_indptr[b]:kv_indptr[b + 1]]`` (the pages in use),
    the indices buffer padded as a preallocated one is."""
    used = (st["s"] + P - 1) // P
    lists = [st["table"][b, : int(used[b])] for b in range(B)]
    indptr = torch.zeros(B + 1, dtype=torch.int64)
    indptr[1:] = torch.cumsum(used, 0)
    indices = torch.cat(lists + [torch.zeros(spare, dtype=torch.int64)])
    return indptr, indices


class FlashinferAppendPaged(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=2, D=64)
    ARGS = ("hidden", "batch_indices", "positions", "cmp_slot_mapping", "cmp_block_table", "kv_indptr",
            "kv_indices", "paged_kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def _page_of(self, kv_indptr, kv_indices, batch_indices, pos):
        """Page ids of positions ``pos`` ``[B, T]`` of each request."""
        first = kv_indptr[batch_indices.long()]
        return kv_indices[(first[:, None] + torch.div(pos, self.P, rounding_mode="floor")).long()]

    def forward(self, hidden, batch_indices, positions, cmp_slot_mapping, cmp_block_table, kv_indptr, kv_indices,
                paged_kv_cache, cmp_k, cmp_v):
        layer = self.layers[0]
        l, d, P = self.l, self.d, self.P
        x, q, k, v = layer.project(hidden, positions)
        page = self._page_of(kv_indptr, kv_indices, batch_indices, positions[:, None]).squeeze(1).long()
        off = (positions % P).long()
        k_pages, v_pages = paged_kv_cache[:, 0], paged_kv_cache[:, 1]
        k_pages[page, off] = k  # append_paged_kv_cache
        v_pages[page, off] = v
        lens = positions + 1
        win = (lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        win_pages = self._page_of(kv_indptr, kv_indices, batch_indices, win).long()
        complete = (lens >= l) & ((lens - l) % d == 0)
        slot = cmp_slot_mapping.long()
        for pages, w, out in ((k_pages, layer.cmp_w_k, cmp_k), (v_pages, layer.cmp_w_v, cmp_v)):
            toks = pages[win_pages, (win % P).long()]
            pooled = torch.mul(toks.float(), w.float().unsqueeze(-1)).sum(dim=1)
            out[slot] = torch.where(complete[:, None, None], pooled.to(out.dtype), out[slot])

        def read(pos):
            pg = self._page_of(kv_indptr, kv_indices, batch_indices, pos).long()
            return k_pages[pg, (pos % P).long()], v_pages[pg, (pos % P).long()]
        rows = cmp_block_table.long()
        return layer.finish(hidden, x, q, lens, read, cmp_k[rows], cmp_v[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        indptr, indices = _ragged(st, B, self.P)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], batch_indices=torch.arange(B, dtype=i32),
                         positions=(st["s"] - 1).to(i32), cmp_slot_mapping=st["cmp_slot"].to(i32),
                         cmp_block_table=st["cmp_table"].to(i32), kv_indptr=indptr.to(i32),
                         kv_indices=indices.to(i32), paged_kv_cache=torch.stack(st["kvs"], 1),
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def table(a):
            indptr, indices = a["kv_indptr"].long(), a["kv_indices"].long()
            B = indptr.shape[0] - 1
            out = torch.full((B, self.MP), -1, dtype=torch.int64)
            for b in range(B):
                lo, hi = int(indptr[b]), int(indptr[b + 1])
                out[b, : hi - lo] = indices[lo:hi]
            return out
        return [_kv_spec(kv, lambda a, r, j=j: a["paged_kv_cache"][:, j], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), table,
                         lambda a: a["positions"].long() + 1, lambda a: a["cmp_slot_mapping"].long())
                for j, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# transformers continuous batching: head-major paged caches [N, NB, P, D], fp32
# ----------------------------------------------------------------------------------------------------

class HfPagedHeadMajor(DecodeModel):
    SIZES = dict(l=32, d=16, P=32, MP=3, N=4, D=32)
    ARGS = ("hidden", "cache_position", "write_index", "block_table", "cmp_block_table",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:5]

    def forward(self, hidden, cache_position, write_index, block_table, cmp_block_table, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        layer = self.layers[0]
        l, d, P = self.l, self.d, self.P
        N, D = key_cache.shape[0], key_cache.shape[-1]
        x, q, k, v = layer.project(hidden, cache_position)
        k_flat, v_flat = key_cache.view(N, -1, D), value_cache.view(N, -1, D)
        k_flat[:, write_index] = k.transpose(0, 1)
        v_flat[:, write_index] = v.transpose(0, 1)
        length = cache_position + 1

        def read_index(pos):
            return block_table.gather(1, pos // P) * P + pos % P

        win = read_index((length - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device))
        finished = (length >= l) & ((length - l) % d == 0)
        slot = cmp_block_table.gather(1, _cmp_idx(length, l, d)[:, None]).squeeze(1)
        for flat, w, cmp in ((k_flat, layer.cmp_w_k, cmp_key_cache), (v_flat, layer.cmp_w_v, cmp_value_cache)):
            toks = flat[:, win]  # [N, B, l, D]
            pooled = torch.einsum("nbjd,jn->nbd", toks, w)
            cmp[:, slot] = torch.where(finished[None, :, None], pooled, cmp[:, slot])

        def read(pos):
            idx = read_index(pos)
            return k_flat[:, idx].permute(1, 2, 0, 3), v_flat[:, idx].permute(1, 2, 0, 3)
        return layer.finish(hidden, x, q, length, read, cmp_key_cache[:, cmp_block_table].permute(1, 2, 0, 3),
                            cmp_value_cache[:, cmp_block_table].permute(1, 2, 0, 3), l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs = [kv.permute(2, 0, 1, 3).contiguous() for kv in st["kvs"]]
        cmps = [c.transpose(0, 1).contiguous() for c in st["cmps"]]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, write_index=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], key_cache=kvs[0],
                         value_cache=kvs[1], cmp_key_cache=cmps[0], cmp_value_cache=cmps[1])

    def specs(self):
        l, d = self.l, self.d
        return [_kv_spec(kv, lambda a, r, n=src: a[n].permute(1, 2, 0, 3), lambda a, r, n=dst: a[n].transpose(0, 1),
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1,
                         lambda a: a["cmp_block_table"].gather(1, _cmp_idx(a["cache_position"] + 1, l, d)[:, None])
                         .squeeze(1))
                for kv, src, dst in (("k", "key_cache", "cmp_key_cache"), ("v", "value_cache", "cmp_value_cache"))]


# ----------------------------------------------------------------------------------------------------
# DeepSeek style: latent and indexer key in one paged cache, compressed into views of one buffer
# ----------------------------------------------------------------------------------------------------

class DeepseekLatentIndexerViews(DecodeModel):
    SIZES = dict(l=32, d=16, P=64, MP=2, N=1, D=64)
    C = 64  # latent width; the indexer key takes the rest of the last dim
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache", "cmp_cache")
    BATCH = ARGS[:6]

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=4)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache, cmp_cache):
        layer = self.layers[0]
        l, d, P, C = self.l, self.d, self.P, self.C
        x, q, latent, index_key = layer.project(hidden, positions)
        kv_cache.view(-1, 1, kv_cache.shape[-1])[slot_mapping] = torch.cat((latent, index_key), dim=-1)
        seq = positions + 1
        tpos = (seq - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        blk = block_table.gather(1, tpos // P)
        window = kv_cache[blk, tpos % P]  # [B, l, 1, C + Di]
        emit = ((seq >= l) & ((seq - l) % d == 0))[:, None, None]
        for part, w in ((slice(0, C), layer.cmp_w_k), (slice(C, None), layer.cmp_w_v)):
            dst = cmp_cache[..., part]  # [S, 1, width] view of the shared buffer
            pooled = torch.matmul(w.float().t(), window[..., part].squeeze(2).float())  # [1, l] @ [B, l, W]
            dst[cmp_slot_mapping] = torch.where(emit, pooled.to(dst.dtype), dst[cmp_slot_mapping])

        def read(pos):
            lat = kv_cache[block_table.gather(1, pos // P), pos % P][..., :C]
            return lat, lat
        rows = cmp_cache[cmp_block_table][..., :C]
        return layer.finish(hidden, x, q, seq, read, rows, rows, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache=torch.cat(st["kvs"], dim=-1), cmp_cache=torch.cat(st["cmps"], dim=-1))

    def specs(self):
        C = self.C
        return [_kv_spec(name, lambda a, r, p=part: a["kv_cache"][..., p], lambda a, r, p=part: a["cmp_cache"][..., p],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for name, kv, part in (("latent", "k", slice(0, C)), ("index_key", "v", slice(C, None)))]


# ----------------------------------------------------------------------------------------------------
# lucidrains style: functional out-of-place index_copy everywhere, caches returned
# ----------------------------------------------------------------------------------------------------

class LucidrainsIndexCopy(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        layer = self.layers[0]
        l, d, P = self.l, self.d, self.P
        N, D = k_cache.shape[-2:]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        last = seq_lens - 1
        flat = block_table.gather(1, (last // P)[:, None]).squeeze(1) * P + last % P
        k_cache = k_cache.flatten(0, 1).index_copy(0, flat, k).view_as(k_cache)
        v_cache = v_cache.flatten(0, 1).index_copy(0, flat, v).view_as(v_cache)

        compress_pos = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        pages = block_table.gather(1, compress_pos // P)
        divisible = ((seq_lens - l) % d) == 0
        should_compress = (seq_lens >= l) & divisible
        cmp_row = cmp_block_table.gather(1, _cmp_idx(seq_lens, l, d)[:, None]).squeeze(1)
        new = []
        for kv, w, cmp in ((k_cache, layer.cmp_w_k, cmp_k), (v_cache, layer.cmp_w_v, cmp_v)):
            toks = kv[pages, compress_pos % P].float()
            compressed = (toks * w.float()[..., None]).sum(dim=-3).to(cmp.dtype)
            keep = cmp.index_select(0, cmp_row)
            new.append(cmp.index_copy(0, cmp_row, torch.where(should_compress[:, None, None], compressed, keep)))
        cmp_k, cmp_v = new
        out = layer.finish(hidden, x, q, seq_lens, _paged_read(k_cache, v_cache, block_table, P),
                           cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)
        return out, k_cache, v_cache, cmp_k, cmp_v

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [_kv_spec(kv, lambda a, r, j=j: r[1 + j],
                         lambda a, r, j=j, kv=kv: a[f"cmp_{kv}"] if r is None else r[3 + j],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["seq_lens"],
                         lambda a: a["cmp_block_table"].gather(1, _cmp_idx(a["seq_lens"], l, d)[:, None]).squeeze(1))
                for j, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# fla style: dense per-request state [B, T, N, D], mean pooling (l = 16, a power of two)
# ----------------------------------------------------------------------------------------------------

class FlaDenseMean(DecodeModel):
    SIZES = dict(l=16, d=8, P=16, MP=4, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "cmp_block_table", "k_state", "v_state", "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def forward(self, hidden, seq_lens, cmp_block_table, k_state, v_state, cmp_k, cmp_v):
        layer = self.layers[0]
        l, d = self.l, self.d
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        bidx = torch.arange(hidden.shape[0], device=hidden.device)
        k_state[bidx, seq_lens - 1] = k
        v_state[bidx, seq_lens - 1] = v
        t = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_block_table.gather(1, _cmp_idx(seq_lens, l, d)[:, None]).squeeze(1)
        for state, cmp in ((k_state, cmp_k), (v_state, cmp_v)):
            block = state[bidx[:, None], t]  # [B, l, N, D]
            mean = block.mean(dim=1, dtype=torch.float32)
            cmp[slot] = torch.where(boundary[:, None, None], mean.to(cmp.dtype), cmp[slot])

        def read(pos):
            return k_state[bidx[:, None], pos], v_state[bidx[:, None], pos]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, _ = _dense_state(st, B, self.P * self.MP)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], cmp_block_table=st["cmp_table"], k_state=dense[0],
                         v_state=dense[1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        mean_w = lambda m: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype)  # noqa: E731
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_state"], lambda a, r, kv=kv: a[f"cmp_{kv}"], mean_w,
                         lambda a: torch.arange(a["seq_lens"].shape[0])[:, None], lambda a: a["seq_lens"],
                         lambda a: a["cmp_block_table"].gather(1, _cmp_idx(a["seq_lens"], l, d)[:, None]).squeeze(1))
                for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# vLLM CUDA-graph padded batch, FlashInfer-layout [NB, 2, P, N, D] per layer, null block 0, 3 layers
# ----------------------------------------------------------------------------------------------------

PAD_ROWS = 2


class VllmCudagraphNullBlock(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    LAYERS = 3
    META = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")
    ARGS = META + _layer_args(3, "kv_cache") + _layer_args(3, "cmp_k", "cmp_v")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=self.LAYERS, seed=seed)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        L, l, d = self.LAYERS, self.l, self.d
        kv_caches, cmp_caches = caches[:L], caches[L:]
        P = kv_caches[0].shape[2]
        seq_lens = positions + 1  # pad rows: position -1, length 0
        wpos = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        wblk = block_table.gather(1, wpos // P)
        woff = wpos % P
        is_boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        blk, off = slot_mapping // P, slot_mapping % P
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(hidden, positions.clamp(min=0))
            key_cache, value_cache = kv_caches[i][:, 0], kv_caches[i][:, 1]
            key_cache[blk, off] = k
            value_cache[blk, off] = v
            for cache, w, out in ((key_cache, layer.cmp_w_k, cmp_caches[2 * i]),
                                  (value_cache, layer.cmp_w_v, cmp_caches[2 * i + 1])):
                pooled = torch.einsum("blnd,ln->bnd", cache[wblk, woff].float(), w.float())
                out[cmp_slot_mapping] = torch.where(is_boundary[:, None, None], pooled.to(out.dtype),
                                                    out[cmp_slot_mapping])
            hidden = layer.finish(hidden, x, q, seq_lens, _paged_read(key_cache, value_cache, block_table, P),
                                  cmp_caches[2 * i][cmp_block_table], cmp_caches[2 * i + 1][cmp_block_table], l, d)
        return hidden

    def make_inputs(self, B, seed):
        L, P = self.LAYERS, self.P
        st = self.state(B, seed, 2 * L)
        pad = torch.arange(B) >= B - PAD_ROWS
        positions = torch.where(pad, torch.full_like(st["s"], -1), st["s"] - 1)
        table = torch.where(st["table"] >= 0, st["table"] + 1, torch.zeros_like(st["table"]))  # 0: the null block
        table[pad] = 0
        slot_mapping = torch.where(pad, torch.arange(B) - (B - PAD_ROWS), (table.gather(
            1, ((st["s"] - 1) // P)[:, None]).squeeze(1)) * P + (st["s"] - 1) % P)  # pad rows: null-block slots
        cmp_slot = torch.where(pad, torch.full_like(st["cmp_slot"], -1), st["cmp_slot"])
        cmp_table = st["cmp_table"].clone()
        cmp_table[pad] = 0
        g = st["g"]
        named = dict(hidden=st["hidden"], positions=positions, slot_mapping=slot_mapping, block_table=table,
                     cmp_slot_mapping=cmp_slot, cmp_block_table=cmp_table)
        for i in range(L):
            null = _poison(g, (1, 2) + st["kvs"][0].shape[1:], self.dtype)
            named[f"kv_cache_{i}"] = torch.cat((null, torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1]), 1)))
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, j=j: a[f"kv_cache_{i}"][:, j],
                         lambda a, r, n=f"cmp_{kv}_{i}": a[n],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(self.LAYERS) for j, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# HF port: a Cache class per step, window offsets from a module buffer, [N, l] weights, 2 layers
# ----------------------------------------------------------------------------------------------------

class NSAPagedCache:
    """HF-style cache object over the step's paged and compressed tensors (one entry per layer)."""

    def __init__(self, key_cache, value_cache, cmp_key_cache, cmp_value_cache, block_size):
        self.key_cache, self.value_cache = key_cache, value_cache
        self.cmp_key_cache, self.cmp_value_cache = cmp_key_cache, cmp_value_cache
        self.block_size = block_size

    def update(self, key_states, value_states, layer_idx, cache_kwargs):
        slots = cache_kwargs["slot_mapping"]
        kc, vc = self.key_cache[layer_idx], self.value_cache[layer_idx]
        kc.view(-1, *kc.shape[2:]).index_copy_(0, slots, key_states)
        vc.view(-1, *vc.shape[2:]).index_copy_(0, slots, value_states)
        return kc, vc

    def compress(self, layer_idx, k_weight, v_weight, offsets, cache_kwargs, stride):
        """Pool the window that just completed into the request's next compressed row."""
        l, P = offsets.shape[0], self.block_size
        length = cache_kwargs["cache_position"] + 1
        pos = (length - l).clamp(min=0)[:, None] + offsets
        pages = cache_kwargs["block_table"].gather(1, pos // P)
        row = cache_kwargs["cmp_block_table"].gather(1, _cmp_idx(length, l, stride)[:, None]).squeeze(1)
        ok = ((length >= l) & ((length - l) % stride == 0)).view(-1, 1, 1)
        for src, w, dst in ((self.key_cache, k_weight, self.cmp_key_cache),
                            (self.value_cache, v_weight, self.cmp_value_cache)):
            toks = src[layer_idx][pages, pos % P].float().transpose(1, 2)  # [B, N, l, D]
            pooled = torch.matmul(w.float()[None, :, None, :], toks).squeeze(2)  # [B, N, D]
            cmp = dst[layer_idx]
            cmp.index_put_((row,), torch.where(ok, pooled.to(cmp.dtype), cmp[row]))


class HfCacheClassOffsets(DecodeModel):
    SIZES = dict(l=32, d=16, P=32, MP=3, N=4, D=32)
    LAYERS = 2
    META = ("hidden", "cache_position", "slot_mapping", "block_table", "cmp_block_table")
    ARGS = META + _layer_args(2, "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=self.LAYERS, seed=seed, weight_shape=(self.SIZES["N"], self.SIZES["l"]))
        self.register_buffer("cmp_offsets", torch.arange(self.l), persistent=False)

    def forward(self, hidden, cache_position, slot_mapping, block_table, cmp_block_table, *tensors):
        caches = NSAPagedCache(tensors[0::4], tensors[1::4], tensors[2::4], tensors[3::4], self.P)
        kwargs = dict(cache_position=cache_position, slot_mapping=slot_mapping, block_table=block_table,
                      cmp_block_table=cmp_block_table)
        seq = cache_position + 1
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(hidden, cache_position)
            kc, vc = caches.update(k, v, i, kwargs)
            caches.compress(i, layer.cmp_w_k, layer.cmp_w_v, self.cmp_offsets, kwargs, self.d)
            hidden = layer.finish(hidden, x, q, seq, _paged_read(kc, vc, block_table, self.P),
                                  caches.cmp_key_cache[i][cmp_block_table], caches.cmp_value_cache[i][cmp_block_table],
                                  self.l, self.d)
        return hidden

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.LAYERS)
        named = dict(hidden=st["hidden"], cache_position=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_block_table=st["cmp_table"])
        for i in range(self.LAYERS):
            named[f"key_cache_{i}"], named[f"value_cache_{i}"] = st["kvs"][2 * i], st["kvs"][2 * i + 1]
            named[f"cmp_key_cache_{i}"], named[f"cmp_value_cache_{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        l, d = self.l, self.d
        return [_kv_spec(f"{kv}{i}", lambda a, r, n=f"{name}_cache_{i}": a[n],
                         lambda a, r, n=f"cmp_{name}_cache_{i}": a[n],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}").t(), lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1,
                         lambda a: a["cmp_block_table"].gather(1, _cmp_idx(a["cache_position"] + 1, l, d)[:, None])
                         .squeeze(1))
                for i in range(self.LAYERS) for kv, name in (("k", "key"), ("v", "value"))]


# ----------------------------------------------------------------------------------------------------
# vLLM v1: read the pages that cover the window, slice it with gather; int32 table and lengths
# ----------------------------------------------------------------------------------------------------

class VllmPageSpanSlice(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache", "cmp_k_cache", "cmp_v_cache")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_cache,
                cmp_k_cache, cmp_v_cache):
        layer = self.layers[0]
        l, d = self.l, self.d
        key_cache, value_cache = kv_cache.unbind(0)
        P, N, D = key_cache.shape[1:]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        key_cache.view(-1, N, D)[slot_mapping] = k
        value_cache.view(-1, N, D)[slot_mapping] = v
        lens = seq_lens.long()
        start = (lens - l).clamp(min=0)
        first = start // P
        n_span = (l - 1) // P + 2  # pages a window of l tokens can touch
        span_idx = (first[:, None] + torch.arange(n_span, device=hidden.device)).clamp(max=block_table.shape[1] - 1)
        span_pages = block_table.long().gather(1, span_idx)
        local = (start - first * P)[:, None] + torch.arange(l, device=hidden.device)  # [B, l] within the span
        emit = (lens >= l) & ((lens - l) % d == 0)
        for cache, w, out in ((key_cache, layer.cmp_w_k, cmp_k_cache), (value_cache, layer.cmp_w_v, cmp_v_cache)):
            span = cache[span_pages].flatten(1, 2)  # [B, n_span * P, N, D]
            window = span.gather(1, local[:, :, None, None].expand(-1, -1, N, D))
            pooled = torch.einsum("bjhd,jh->bhd", window.float(), w.float())
            out[cmp_slot_mapping] = torch.where(emit[:, None, None], pooled.to(out.dtype), out[cmp_slot_mapping])
        rows = cmp_block_table.long()
        return layer.finish(hidden, x, q, lens, _paged_read(key_cache, value_cache, block_table, P),
                            cmp_k_cache[rows], cmp_v_cache[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(i32), slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"].to(i32), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"].to(i32), kv_cache=torch.stack(st["kvs"]),
                         cmp_k_cache=st["cmps"][0], cmp_v_cache=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, j=j: a["kv_cache"][j], lambda a, r, kv=kv: a[f"cmp_{kv}_cache"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"].long(),
                         lambda a: a["seq_lens"].long(), lambda a: a["cmp_slot_mapping"])
                for j, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# HF static cache [B, N, T, D]: every window from unfold, the completed one picked by index
# ----------------------------------------------------------------------------------------------------

class HfStaticUnfold(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=4, D=32)
    ARGS = ("hidden", "cache_position", "key_cache", "value_cache", "cmp_keys", "cmp_values")
    BATCH = ARGS

    def forward(self, hidden, cache_position, key_cache, value_cache, cmp_keys, cmp_values):
        layer = self.layers[0]
        l, d = self.l, self.d
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, cache_position)
        rows = torch.arange(B, device=hidden.device)
        key_cache[rows, :, cache_position] = k
        value_cache[rows, :, cache_position] = v
        n_tokens = cache_position + 1
        block = _cmp_idx(n_tokens, l, d)
        closes = (n_tokens >= l) & ((n_tokens - l) % d == 0)
        for cache, w, cmp in ((key_cache, layer.cmp_w_k, cmp_keys), (value_cache, layer.cmp_w_v, cmp_values)):
            windows = cache.unfold(2, l, d)  # [B, N, n_windows, D, l]
            win = windows[rows, :, block]  # [B, N, D, l]
            pooled = (win.float() * w.float().t()[None, :, None, :]).sum(-1)
            cmp[rows, block] = torch.where(closes[:, None, None], pooled.to(cmp.dtype), cmp[rows, block])

        def read(pos):
            return key_cache[rows[:, None], :, pos], value_cache[rows[:, None], :, pos]
        return layer.finish(hidden, x, q, n_tokens, read, cmp_keys, cmp_values, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, cmps = _dense_state(st, B, self.P * self.MP)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1,
                         key_cache=dense[0].transpose(1, 2).contiguous(),
                         value_cache=dense[1].transpose(1, 2).contiguous(),
                         cmp_keys=cmps[0], cmp_values=cmps[1])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            B, max_cmp = a["cmp_keys"].shape[:2]
            return torch.arange(B) * max_cmp + _cmp_idx(a["cache_position"] + 1, l, d)
        return [_kv_spec(kv, lambda a, r, n=src: a[n].transpose(1, 2), lambda a, r, n=dst: a[n].flatten(0, 1),
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                         lambda a: torch.arange(a["cache_position"].shape[0])[:, None],
                         lambda a: a["cache_position"] + 1, slots)
                for kv, src, dst in (("k", "key_cache", "cmp_keys"), ("v", "value_cache", "cmp_values"))]


# ====================================================================================================
# Near misses: one layer, vLLM-style paged K and V, slots from the compressed block table
# ====================================================================================================

class NearMissPaged(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=4, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, seed=0):
        super().__init__(dtype, seed=seed)
        self.bug = bug

    def _pool(self, tokens, w):
        """tokens ``[B, l, N, D]`` in the data dtype, w ``[l, N]`` -> the window's pooled row ``[B, N, D]``."""
        bug, dt, l = self.bug, tokens.dtype, self.l
        if bug == "sum_dtype_products":  # the product is taken in fp16; dtype= only widens the sum
            return torch.sum(tokens * w[None, :, :, None], dim=1, dtype=torch.float32)
        if bug == "page_partials_rounded":  # each page's partial sum stored in the cache dtype, then added
            h = l // 2
            a = (tokens[:, :h].float() * w[:h].float()[None, :, :, None]).sum(1).to(dt)
            b = (tokens[:, h:].float() * w[h:].float()[None, :, :, None]).sum(1).to(dt)
            return a.float() + b.float()
        if bug == "newest_first_loop":  # fp32 accumulator, newest token first
            acc = torch.zeros_like(tokens[:, 0], dtype=torch.float32)
            for j in range(l - 1, -1, -1):
                acc = acc + w[j].float()[None, :, None] * tokens[:, j].float()
            return acc
        return (tokens.float() * w.float()[None, :, :, None]).sum(1)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        layer = self.layers[0]
        l, d, P, bug = self.l, self.d, self.P, self.bug
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, *k_cache.shape[2:])[slot_mapping] = k
        v_cache.view(-1, *v_cache.shape[2:])[slot_mapping] = v
        s = positions + 1
        offs = torch.arange(1, l + 1) if bug == "arange_one_based" else torch.arange(l)
        pos = (s - l).clamp(min=0)[:, None] + offs
        pages = block_table.gather(1, pos // P)
        if bug == "no_length_guard":
            cond = (s - l) % d == 0
        else:
            cond = (s >= l) & ((s - l) % d == 0)
        row = cmp_block_table.gather(1, _cmp_idx(s, l, d)[:, None]).squeeze(1)
        for cache, w, cmp in ((k_cache, layer.cmp_w_k, cmp_k), (v_cache, layer.cmp_w_v, cmp_v)):
            tokens = cache[pages, pos % P]
            if bug == "weight_by_position":  # ring-buffer habit: the weight of absolute position p is w[p % l]
                wsel = w.float()[pos % l]  # [B, l, N]
                pooled = (tokens.float() * wsel[..., None]).sum(1)
            else:
                pooled = self._pool(tokens, w)
            if bug == "no_keep_mask":
                cmp[row] = pooled.to(cmp.dtype)
            else:
                cmp[row] = torch.where(cond[:, None, None], pooled.to(cmp.dtype), cmp[row])
        return layer.finish(hidden, x, q, s, _paged_read(k_cache, v_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1,
                         lambda a: a["cmp_block_table"].gather(1, _cmp_idx(a["positions"] + 1, l, d)[:, None])
                         .squeeze(1))
                for kv in "kv"]


NEAR_MISSES = {  # bug: (dtype, note naming the valid input where it differs)
    "sum_dtype_products": (f16, "torch.sum(tokens * w, dtype=float32) multiplies in fp16 (products rounded to fp16): "
                                "differs on any completing row (s = 32) with generic weights"),
    "no_length_guard": (f16, "(s - l) % d == 0 without s >= l: s = 16 (= l - d) writes a pooled partial window into "
                             "the request's row 0, which the contract leaves untouched"),
    "arange_one_based": (f16, "window offsets arange(1, l + 1): positions s - l + 1 .. s, position s is not yet "
                              "written; differs on every completing row (s = 32 reads position 32)"),
    "page_partials_rounded": (bf16, "two per-page partial sums rounded to bf16, then added and rounded again (double "
                                    "rounding): differs on completing rows (s = 32, windows of two pages of 16)"),
    "weight_by_position": (f16, "weight of position p taken as w[p % l]: a window starting at s - l = 16 uses w "
                                "rotated by 16; rows s = 32 and s = 48 in one batch need two different weights"),
    "no_keep_mask": (f16, "every row's row cmp_block_table[b, clamp((s - l) // d, 0)] rewritten with its pooled "
                          "window, no where: s = 1 (< l) overwrites the request's row 0"),
    "newest_first_loop": (f32, "fp32 loop adding the window newest token first: another summation order than the "
                               "contract's window order, visible in fp32 on any completing row"),
}


def _near_miss(bug):
    dtype, note = NEAR_MISSES[bug]
    return _case(f"nm_{bug}", NearMissPaged, "no_fuse", 2, dtype, note, bug=bug)


MODEL_CASES = [
    _case("vllm_reshape_and_cache_2l", VllmReshapeAndCache, "fuse", 4, f16,
          "vLLM v1 [2, NB, P, N, D] x 2 layers, Python reshape_and_cache, K and V compressed in both layers"),
    _case("vllm_ascend_vendor_flat", VllmAscendVendorFlat, "fuse", 2, bf16,
          "vllm-ascend int32 metadata, vendor-signature fallback gathering flat token slots, einsum"),
    _case("sglang_token_pool_2d_index", SglangTokenPool2D, "fuse", 2, f16,
          "SGLang page size 1, int32 req_to_token[req_pool_indices[:, None], pos], matmul pooling"),
    _case("flashinfer_append_paged", FlashinferAppendPaged, "fuse", 2, bf16,
          "FlashInfer NHD [NP, 2, P, N, D], kv_indptr / kv_indices (int32), batch_indices / positions append"),
    _case("hf_paged_head_major_fp32", HfPagedHeadMajor, "fuse", 2, f32,
          "transformers continuous batching head-major [N, NB, P, D], head-major compressed [N, S, D], fp32"),
    _case("deepseek_latent_indexer_views", DeepseekLatentIndexerViews, "fuse", 2, bf16,
          "MLA latent + indexer key in one paged cache, compressed into views of one compressed buffer"),
    _case("lucidrains_functional_index_copy", LucidrainsIndexCopy, "fuse", 2, f16,
          "functional out-of-place index_copy appends and compressed writes, caches returned"),
    _case("fla_dense_mean_l16", FlaDenseMean, "fuse", 2, f16,
          "dense per-request [B, T, N, D] state, mean(dtype=float32) pooling, l = 16, d = 8 (weight 1/16)"),
    _case("vllm_cudagraph_null_block_3l", VllmCudagraphNullBlock, "fuse", 6, f16,
          "vLLM [NB, 2, P, N, D] x 3 layers, CUDA-graph pad rows on null block 0, every layer compresses K and V"),
    _case("hf_cache_class_offsets_buffer_2l", HfCacheClassOffsets, "fuse", 4, bf16,
          "HF Cache class, offsets from a module buffer, [N, l] weights, index_copy_ appends, 2 layers"),
    _case("vllm_page_span_slice", VllmPageSpanSlice, "fuse", 2, bf16,
          "vLLM v1, the window's covering pages loaded and sliced with gather, int32 table and lengths"),
    _case("hf_static_unfold", HfStaticUnfold, "fuse", 2, f16,
          "HF static [B, N, T, D] caches, unfold(2, l, d) windows, per-request [B, max_cmp, N, D] compressed"),
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
