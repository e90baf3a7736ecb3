"""A seventh blind corpus of whole NSA decode models (``models7``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / advice sections and public serving code, without reading the recogniser or its tests (only the file
format and the shared building blocks of ``models3``/``models4``, which this file imports). Every model is one
decode step of a 1-3 layer decoder: RMSNorm, projections, rotary, the new token's K/V appended to the layer's cache,
K and V (or an MLA latent and an indexer key) compressed into compressed caches (the contract, in the idiom of that
stack), then compressed, selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives:

* ``vllm_v1_stacked_write`` (fp16): vLLM v1 ``[2, NB, P, N, D]`` cache, K and V appended in ONE write
  ``kv_cache[:, blk, off] = stack((k, v))``, the window of both read in one gather ``kv_cache[:, pages, offs]``,
  pooled together and written in one ``cmp_kv[:, cmp_slot_mapping] = where(...)`` into a ``[2, S, N, D]`` cache;
* ``vllm_ascend_reference_2l`` (bf16, 2 layers): vllm-ascend's fallback ``npu_nsa_compress_infer =
  nsa_fusion.reference.compress_infer`` (the README's Usage), int32 ``block_tables`` / ``seq_lens`` /
  ``slot_mapping``, per-layer ``(key_cache, value_cache)`` tuples;
* ``sglang_p1_matmul`` (fp16): SGLang page size 1 token pools ``[T, N, D]``, ``req_to_token[req_pool_indices]``,
  compressed row ``cmp_req_to_token[req_pool_indices, (s - l) // d]``, pooling ``tokens.permute(0, 2, 3, 1) @
  w.t()[..., None]``;
* ``flashinfer_ragged_einsum`` (bf16): FlashInfer ragged ``kv_indptr`` / ``kv_indices`` over separate K and V page
  tensors, the append located through ``kv_indices[kv_indptr[:-1] + pos // P]``, ``einsum('blhd,lh->bhd')``;
* ``hf_static_scatter_fp32`` (fp32): HF static ``[B, N, T, D]`` caches, append and compressed write both by
  ``scatter_`` on the sequence dim, compressed caches ``[B, max_cmp, N, D]``, no casts (fp32 model);
* ``deepseek_mla_indexer`` (bf16): DeepSeek-style 3-D latent cache ``[NB, P, C]`` (no head dim) and indexer key cache
  ``[NB, P, Di]``, both compressed with ``w.t() @ tokens`` (``torch.matmul``) into ``[S, C]`` / ``[S, Di]``;
* ``lucidrains_functional_2l`` (fp16, 2 layers): functional ``index_put`` appends and ``scatter`` compressed writes
  at ``cmp_block_table`` rows, every cache returned, ``[N, l]`` weights, ``einsum('hj,bjhd->bhd')``;
* ``fla_mean_fp16_l32`` (fp16): mean pooling ``tokens.float().mean(1)``, l = d = 32 over pages of 16;
* ``vllm_cudagraph_loop_3l`` (fp16, 3 layers, every layer compresses K and V): CUDA-graph padded batch (2 pad rows:
  position -1, appends into a spare page, compressed slot -1), a window-order Python loop with an fp32 accumulator;
* ``hf_cache_class_alias_2l`` (bf16, 2 layers): a ``Cache`` class whose compressed K and V are ``buf[:, 0]`` /
  ``buf[:, 1]`` views of one ``[S, 2, N, D]`` buffer, written with ``index_copy_`` at ``cmp_block_table`` rows;
* ``sglang_paged_index_select`` (bf16): SGLang page size 16, ``req_to_token`` holds token locations, window read by
  ``index_select`` on the flat ``[T, N, D]`` pool, ``einsum('blh,blhd->bhd')`` with an expanded weight;
* ``minicpm_flat_gather`` (fp16): window read by ``gather`` on the ``[NB * P, N * D]`` view of the paged
  cache with an expanded flat index, compressed write ``index_put_`` with int32 slots.

Near misses (one layer, vLLM-style paged caches; ``note`` names the valid input where each differs): the window ending
one token early, fp16 products, the first window skipped (``s > l``), the condition on the position instead of the
length, an fp16 accumulator (``add_`` into a cache-dtype buffer), the fp32 sum rounded through bf16 in an fp16 model,
non-completing rows' slots zeroed instead of kept.

``check_eager()`` (``python tests/corpora/models7.py``) runs every case eagerly: positives equal the golden bit for
bit (or within fp tolerance where torch chooses the sum order, reported), near misses differ from it.

First try, 2026-12-04 13:58-14:19 UTC, on the frozen base 1573813 (the commit that added this file; ``/tmp/base_m7``,
``PYTHONPATH=/tmp/base_m7``, nothing changed after seeing results): ``run_models.py --corpus models7``, both dialects,
B = 8; positives then near misses in static + batch (mark_dynamic), then positives then near misses in all
(dynamic=True); log ``/tmp/models7_first.log``, results ``/tmp/models7_first_p{1,2,3,4}.json``. Positives with EVERY
compression fused and bit-exact; positives with any fusion; near misses fused; crashes (an error with the pass where
the same mode compiles with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   (any fusion)  near misses fused  crashes  n/a
    inductor static         10/12       10            1/7 (N)            0        0
    inductor mark_dynamic    9/11        9            1/7 (N)            0        1 (F)
    inductor dynamic=True    8/12        8            1/7 (N)            0        0
    torchair static         10/12       10            0/7                0        0
    torchair mark_dynamic    9/11        9            0/7                0        1 (F)
    torchair dynamic=True    8/12        8            0/7                0        0
    TOTAL: 54/70 applicable positive runs (77 %) with every compression fused and bit-exact; every run that fused
    anything (54 positive runs) fused every compression and was bit-exact to the golden; near misses: 3/42 runs fused
    (one case, Inductor only, see N), no crash.

The positive misses, with the pass's reason:

* hf_static_scatter_fp32 (6/6 runs, 0 fused, 0 candidates): explain says ``ignored scatter_2 (aten.scatter.src): a
  write into `cmp_keys` [8, 7, 2, 16]: the write is along dim 1, not the cache rows (not a compression step)``: the
  per-request ``[B, max_cmp, N, D]`` compressed cache written by ``scatter_(1, slot, ...)`` is not seen as a row write
  (a gap: it is the contract with the cache flattened to ``[B * max_cmp, N, D]`` and slots ``b * max_cmp + i``);
* deepseek_mla_indexer (6/6 runs, 0/2 fused): ``gather: tokens are gathered from index_put (aten.index_put.default),
  which is not a [num_blocks, P, N, D] torch.bfloat16 tensor`` and ``keep: no masked select (torch.where) before the
  write: rows of batches whose window did not complete would be overwritten @ mm_3 / cat_1``: the 3-D latent and
  indexer caches ``[NB, P, C]`` (no head dim, as vLLM's MLA cache) are outside the op's 4-D input; the contract with
  ``cache.unsqueeze(2)`` (N = 1), so a gap, not a bug;
* lucidrains_functional_2l (dynamic=True, 2/2 runs, 0/4 fused; fused in the other 4 modes): ``sizes: the step is the
  contract at the compiled sizes but not at other sizes this dynamic graph serves (pooling: ...); the batch shares
  its symbol s5 with a size of the paged input or the cache (sizes equal when compiled get one symbol), so that size
  moved with the batch, and guarding it would make the batch static``: this model's page size P = 8 equals the
  runner's B = 8 (dynamo duck-sizes them into one symbol); sound refusal of a graph that serves P = B at every B;
* sglang_paged_index_select (dynamic=True, 2/2 runs, 0/2 fused): ``sizes: aten.minimum.default compares two
  length-derived values that do not differ by a constant: past the compiled capacity they may cross where the
  probes never looked``: the ``torch.minimum(clamp(s - l, 0) + arange(l), clamp(s - 1, 0))`` window indices.

Other findings:

* F, flashinfer_ragged_einsum mark_dynamic (both dialects): ``ConstraintViolationError`` on the batch symbol, the same
  with ``NSA_FUSION_DISABLE=1`` (n/a): ``kv_indptr`` ``[B + 1]`` is not marked dynamic, so the batch is specialised
  through ``kv_indptr[:-1]``; a corpus defect (its ``BATCH``), not the pass. Fused bit-exact in the other 4 modes.
* N, nm_bf16_rounding fused in Inductor (static, mark_dynamic, dynamic=True), not in torchair: plain Inductor elides
  the ``.to(bfloat16).to(float16)`` round trip (``torch._inductor.config.emulate_precision_casts`` is False by
  default): with ``NSA_FUSION_DISABLE=1`` the compiled caches are the single-rounding contract too, bit for bit equal
  to the fused run and to ``contract_golden``, and differ from eager by up to 1.5e-3 on the 4 completing rows. With
  ``emulate_precision_casts = True`` the pass refuses it (``rejected:dtype``) and compiled == eager. So the pass does
  not make the model differ from eager where plain torch.compile would not (the promise): not a false fusion, but this
  near miss is one only against eager, not against plain Inductor. torchair (GE graphs run eagerly) keeps the cast,
  and the pass refused it there.
* vllm_ascend_reference_2l, Inductor (3 modes): fused 4/4, caches bit-exact, but the runner's ``eager_equal`` is False:
  the bf16 hidden output differs from eager by 0.0332, identically with ``NSA_FUSION_DISABLE=1`` (plain Inductor's
  bf16 numerics over 2 layers), so not the pass.
* The other 6 near misses stayed unfused in every run; every near-miss run was eager-equal within the runner's tolerance.
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nsa_fusion.reference  # noqa: E402
from models3 import HIDDEN, _flat_state  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _dense_state, _kv_spec, _ragged_table  # noqa: E402,F401
from models4 import check_cases  # noqa: E402
from models4 import _case  # noqa: E402


def _paged(cache, table, pos, P):
    """Tokens at positions ``pos`` ``[B, T]`` of a ``[NB, P, ...]`` paged cache (the attention branches' reader)."""
    return cache[table.gather(1, torch.div(pos, P, rounding_mode="floor")), pos % P]


def _spare_page(st):
    """A page no request owns (gen_state keeps a few), for CUDA-graph padding appends."""
    used = set(st["table"].flatten().tolist())
    return next(p for p in range(st["NB"]) if p not in used)


# ----------------------------------------------------------------------------------------------------
# vLLM v1: one [2, NB, P, N, D] tensor, K and V appended, gathered, pooled and written together
# ----------------------------------------------------------------------------------------------------

class VllmV1StackedWrite(DecodeModel):
    """vLLM v1, K and V handled as one stacked tensor in every step of the compression."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache", "cmp_kv_cache")
    BATCH = ARGS[:6]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache=torch.stack(st["kvs"]), cmp_kv_cache=torch.stack(st["cmps"]))

    def specs(self):
        lyr = self.layers[0]
        return [_kv_spec(name, lambda a, r, i=i: a["kv_cache"][i], lambda a, r, i=i: a["cmp_kv_cache"][i],
                         lambda m, w=w: w, lambda a: a["block_table"], lambda a: a["positions"] + 1,
                         lambda a: a["cmp_slot_mapping"])
                for i, (name, w) in enumerate((("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v)))]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_cache,
                cmp_kv_cache):
        lyr, l, d, P = self.layers[0], self.l, self.d, kv_cache.shape[2]
        x, q, k, v = lyr.project(hidden, positions)
        # reshape_and_cache_flash for both halves at once
        kv_cache[:, slot_mapping // P, slot_mapping % P] = torch.stack((k, v))
        seq_lens = positions + 1
        win = (seq_lens.unsqueeze(1) - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages = torch.gather(block_table, 1, win // P)
        window = kv_cache[:, pages, win % P]  # [2, B, l, N, D]
        w = torch.stack((lyr.cmp_w_k, lyr.cmp_w_v)).float()  # [2, l, N]
        pooled = (window.float() * w[:, None, :, :, None]).sum(dim=2).to(kv_cache.dtype)
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        old = cmp_kv_cache[:, cmp_slot_mapping]
        cmp_kv_cache[:, cmp_slot_mapping] = torch.where(done[None, :, None, None], pooled, old)
        return lyr.finish(hidden, x, q, seq_lens, lambda pos: (_paged(kv_cache[0], block_table, pos, P),
                                                               _paged(kv_cache[1], block_table, pos, P)),
                          cmp_kv_cache[0][cmp_block_table], cmp_kv_cache[1][cmp_block_table], l, d)


# ----------------------------------------------------------------------------------------------------
# vllm-ascend: int32 metadata, the vendor op's fallback = nsa_fusion.reference.compress_infer
# ----------------------------------------------------------------------------------------------------

try:  # what vllm-ascend's NSA backend does off the NPU
    from torch_npu import npu_nsa_compress_infer  # noqa: F401
except ImportError:
    npu_nsa_compress_infer = nsa_fusion.reference.compress_infer


class VllmAscendReference(DecodeModel):
    """vllm-ascend NSA decode with the vendor op (its reference fallback); int32 metadata."""
    SIZES = dict(l=32, d=16, P=64, MP=2, N=2, D=32)
    BATCH = ("hidden", "input_positions", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping",
             "cmp_block_tables")
    ARGS = BATCH  # the cache names follow, per layer (set in __init__)

    def __init__(self, dtype, layers=1, **kw):
        super().__init__(dtype, layers=layers, **kw)
        self.ARGS = self.BATCH + tuple(f"{n}{i}" for i in range(layers) for n in ("key", "value", "ckey", "cvalue"))

    def make_inputs(self, B, seed):
        n = len(self.layers)
        st = self.state(B, seed, 2 * n)
        i32 = torch.int32
        named = dict(hidden=st["hidden"], input_positions=(st["s"] - 1).to(i32), seq_lens=st["s"].to(i32),
                     slot_mapping=_append_slots(st, self.P).to(i32), block_tables=st["table"].to(i32),
                     cmp_slot_mapping=st["cmp_slot"].to(i32), cmp_block_tables=st["cmp_table"].to(i32))
        for i in range(n):
            named.update({f"key{i}": st["kvs"][2 * i], f"value{i}": st["kvs"][2 * i + 1],
                          f"ckey{i}": st["cmps"][2 * i], f"cvalue{i}": st["cmps"][2 * i + 1]})
        return self.pack(**named)

    def specs(self):
        out = []
        for i, lyr in enumerate(self.layers):
            for kv, ck, w in (("key", "ckey", lyr.cmp_w_k), ("value", "cvalue", lyr.cmp_w_v)):
                out.append(_kv_spec(f"{kv}{i}", lambda a, r, n=f"{kv}{i}": a[n], lambda a, r, n=f"{ck}{i}": a[n],
                                    lambda m, w=w: w, lambda a: a["block_tables"].long(),
                                    lambda a: a["seq_lens"].long(), lambda a: a["cmp_slot_mapping"].long()))
        return out

    def forward(self, hidden, input_positions, seq_lens, slot_mapping, block_tables, cmp_slot_mapping,
                cmp_block_tables, *kv_caches):
        l, d, P = self.l, self.d, self.P
        h = hidden
        blk, off = (slot_mapping // P).long(), (slot_mapping % P).long()
        for i, lyr in enumerate(self.layers):
            key_cache, value_cache, ckey, cvalue = kv_caches[4 * i: 4 * i + 4]
            x, q, k, v = lyr.project(h, input_positions)
            key_cache[blk, off] = k  # _npu_reshape_and_cache
            value_cache[blk, off] = v
            for cache, cmp, w in ((key_cache, ckey, lyr.cmp_w_k), (value_cache, cvalue, lyr.cmp_w_v)):
                npu_nsa_compress_infer(cache, w, cmp_slot_mapping, l, d, P, block_table=block_tables,
                                       actual_seq_len=seq_lens, cache=cmp)
            tbl, rows = block_tables.long(), cmp_block_tables.long()
            h = lyr.finish(h, x, q, seq_lens.long(),
                           lambda pos, kc=key_cache, vc=value_cache: (_paged(kc, tbl, pos, P), _paged(vc, tbl, pos, P)),
                           ckey[rows], cvalue[rows], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# SGLang page size 1: token pools, req_to_token, matmul pooling
# ----------------------------------------------------------------------------------------------------

class SglangP1Matmul(DecodeModel):
    """SGLang NSA backend, page size 1, compressed rows from ``cmp_req_to_token``."""
    SIZES = dict(l=16, d=8, P=1, MP=48, N=2, D=16)
    ARGS = ("hidden", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:4]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return self.pack(hidden=st["hidden"], req_pool_indices=rpi, seq_lens=st["s"], out_cache_loc=loc,
                         req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer=st["kvs"][0].squeeze(1),
                         v_buffer=st["kvs"][1].squeeze(1), cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        lyr, l, d = self.layers[0], self.l, self.d

        def slot(a):
            return a["cmp_req_to_token"][a["req_pool_indices"], ((a["seq_lens"] - l) // d).clamp(min=0)]
        return [_kv_spec(n, lambda a, r, n=n: a[f"{n}_buffer"], lambda a, r, n=n: a[f"cmp_{n}_buffer"],
                         lambda m, w=w: w, lambda a: a["req_to_token"][a["req_pool_indices"]],
                         lambda a: a["seq_lens"], slot)
                for n, w in (("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v))]

    def forward(self, hidden, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        lyr, l, d = self.layers[0], self.l, self.d
        x, q, k, v = lyr.project(hidden, seq_lens - 1)
        k_buffer[out_cache_loc] = k  # set_kv_buffer
        v_buffer[out_cache_loc] = v
        idx = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        loc = req_to_token[req_pool_indices[:, None], idx]  # [B, l] token locations
        rows = cmp_req_to_token[req_pool_indices, torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)]
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for buf, cmp, w in ((k_buffer, cmp_k_buffer, lyr.cmp_w_k), (v_buffer, cmp_v_buffer, lyr.cmp_w_v)):
            tok = buf[loc].float().permute(0, 2, 3, 1)  # [B, N, D, l]
            pooled = (tok @ w.float().t()[None, :, :, None]).squeeze(-1).to(cmp.dtype)  # [B, N, D]
            cmp[rows] = torch.where(done.view(-1, 1, 1), pooled, cmp[rows])
        pool_rows = cmp_req_to_token[req_pool_indices]
        r2t = req_to_token[req_pool_indices]
        return lyr.finish(hidden, x, q, seq_lens,
                          lambda pos: (k_buffer[r2t.gather(1, pos)], v_buffer[r2t.gather(1, pos)]),
                          cmp_k_buffer[pool_rows], cmp_v_buffer[pool_rows], l, d)


# ----------------------------------------------------------------------------------------------------
# FlashInfer: ragged page list, separate K / V page tensors, einsum pooling
# ----------------------------------------------------------------------------------------------------

class FlashinferRaggedEinsum(DecodeModel):
    """FlashInfer paged KV (``kv_indptr`` / ``kv_indices``), NHD pages per K and V."""
    SIZES = dict(l=32, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "kv_indptr", "kv_indices", "cmp_slots", "cmp_rows", "k_pages", "v_pages",
            "k_cmp", "v_cmp")
    BATCH = ("hidden", "seq_lens", "cmp_slots", "cmp_rows")

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        used = (st["s"] + self.P - 1) // self.P
        indptr = torch.cat((torch.zeros(1, dtype=torch.int64), used.cumsum(0)))
        indices = torch.cat([st["table"][b, : int(used[b])] for b in range(B)])
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], kv_indptr=indptr, kv_indices=indices,
                         cmp_slots=st["cmp_slot"], cmp_rows=st["cmp_table"], k_pages=st["kvs"][0],
                         v_pages=st["kvs"][1], k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        lyr = self.layers[0]

        def table(a):
            return _ragged_table(a["kv_indptr"], a["kv_indices"], self.MP)
        return [_kv_spec(n, lambda a, r, n=n: a[f"{n}_pages"], lambda a, r, n=n: a[f"{n}_cmp"], lambda m, w=w: w,
                         table, lambda a: a["seq_lens"], lambda a: a["cmp_slots"])
                for n, w in (("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v))]

    def forward(self, hidden, seq_lens, kv_indptr, kv_indices, cmp_slots, cmp_rows, k_pages, v_pages, k_cmp, v_cmp):
        lyr, l, d, P = self.layers[0], self.l, self.d, k_pages.shape[1]
        pos = seq_lens - 1
        x, q, k, v = lyr.project(hidden, pos)
        start = kv_indptr[:-1]
        page = kv_indices[start + pos // P]  # append_paged_kv_cache
        k_pages[page, pos % P] = k
        v_pages[page, pos % P] = v
        offs = seq_lens[:, None] - l + torch.arange(l, device=hidden.device)
        offs = torch.where(offs < 0, torch.zeros_like(offs), offs)
        win_pages = kv_indices[start[:, None] + offs // P]
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for pages, cmp, w in ((k_pages, k_cmp, lyr.cmp_w_k), (v_pages, v_cmp, lyr.cmp_w_v)):
            c = torch.einsum("blhd,lh->bhd", pages[win_pages, offs % P].float(), w.float()).to(cmp.dtype)
            cmp.index_put_((cmp_slots,), torch.where(ready[:, None, None], c, cmp[cmp_slots]))

        def read(p):
            pg = kv_indices[start[:, None] + p // P]
            return k_pages[pg, p % P], v_pages[pg, p % P]
        return lyr.finish(hidden, x, q, seq_lens, read, k_cmp[cmp_rows], v_cmp[cmp_rows], l, d)


# ----------------------------------------------------------------------------------------------------
# HF static cache, fp32: [B, N, T, D], scatter_ on the sequence dim
# ----------------------------------------------------------------------------------------------------

class HfStaticScatterFp32(DecodeModel):
    """HF ``StaticCache``-like per-request caches, fp32, every write a ``scatter_``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=16)
    ARGS = ("hidden", "cache_position", "key_cache", "value_cache", "cmp_keys", "cmp_values")
    BATCH = ARGS

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, cmps = _dense_state(st, B, self.P * self.MP)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1,
                         key_cache=dense[0].transpose(1, 2).contiguous(),
                         value_cache=dense[1].transpose(1, 2).contiguous(), cmp_keys=cmps[0], cmp_values=cmps[1])

    def specs(self):
        lyr, l, d = self.layers[0], self.l, self.d

        def slots(a):
            B, max_cmp = a["cmp_keys"].shape[:2]
            return torch.arange(B) * max_cmp + ((a["cache_position"] + 1 - l) // d).clamp(min=0)
        return [_kv_spec(n, lambda a, r, n=n: a[f"{n}_cache"].transpose(1, 2), lambda a, r, c=c: a[c].flatten(0, 1),
                         lambda m, w=w: w, lambda a: torch.arange(a["hidden"].shape[0])[:, None],
                         lambda a: a["cache_position"] + 1, slots)
                for n, c, w in (("key", "cmp_keys", lyr.cmp_w_k), ("value", "cmp_values", lyr.cmp_w_v))]

    def forward(self, hidden, cache_position, key_cache, value_cache, cmp_keys, cmp_values):
        lyr, l, d = self.layers[0], self.l, self.d
        B, N, T, D = key_cache.shape
        x, q, k, v = lyr.project(hidden, cache_position)
        at = cache_position.view(B, 1, 1, 1).expand(B, N, 1, D)
        key_cache.scatter_(2, at, k.unsqueeze(2))
        value_cache.scatter_(2, at, v.unsqueeze(2))
        total = cache_position + 1
        span = (total.view(B, 1) - l + torch.arange(l, device=hidden.device)).clamp(min=0)  # [B, l]
        gather_at = span.view(B, 1, l, 1).expand(B, N, l, D)
        slot = ((total - l) // d).clamp(min=0).view(B, 1, 1, 1).expand(B, 1, N, D)
        full = ((total >= l) & ((total - l) % d == 0)).view(B, 1, 1, 1)
        for cache, cmp, w in ((key_cache, cmp_keys, lyr.cmp_w_k), (value_cache, cmp_values, lyr.cmp_w_v)):
            window = cache.gather(2, gather_at)  # [B, N, l, D]
            pooled = (window * w.t()[None, :, :, None]).sum(2)  # fp32 model: no casts
            cmp.scatter_(1, slot, torch.where(full, pooled.unsqueeze(1), cmp.gather(1, slot)))

        def read(p):
            at = p.view(B, 1, -1, 1).expand(B, N, p.shape[1], D)
            return key_cache.gather(2, at).transpose(1, 2), value_cache.gather(2, at).transpose(1, 2)
        return lyr.finish(hidden, x, q, total, read, cmp_keys, cmp_values, l, d)


# ----------------------------------------------------------------------------------------------------
# DeepSeek: 3-D latent cache and an indexer key cache, both compressed with matmul
# ----------------------------------------------------------------------------------------------------

class DeepseekMlaIndexer(DecodeModel):
    """MLA latent ``[NB, P, C]`` (no head dim) and indexer keys ``[NB, P, Di]``, compressed with ``w.t() @ x``."""
    SIZES = dict(l=16, d=8, P=32, MP=2, N=1, D=48)
    DI = 32
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_c_cache", "index_k_cache", "cmp_kv_c", "cmp_index_k")
    BATCH = ARGS[:6]

    def make_layer(self, **kw):
        lyr = Layer(1, self.D, self.D, self.l, Hq=4, kv_out=self.D)
        lyr.index_k_proj = nn.Linear(HIDDEN, self.DI, bias=False)
        lyr.cmp_w_idx = nn.Parameter(torch.empty(self.l, 1))
        return lyr

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_c_cache=st["kvs"][0].squeeze(2), index_k_cache=st["kvs"][1][:, :, 0, :self.DI].contiguous(),
                         cmp_kv_c=st["cmps"][0].squeeze(1), cmp_index_k=st["cmps"][1][:, 0, :self.DI].contiguous())

    def specs(self):
        lyr = self.layers[0]
        return [_kv_spec(n, lambda a, r, n=n: a[n].unsqueeze(2), lambda a, r, c=c: a[c].unsqueeze(1), lambda m, w=w: w,
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for n, c, w in (("kv_c_cache", "cmp_kv_c", lyr.cmp_w_k), ("index_k_cache", "cmp_index_k", lyr.cmp_w_idx))]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_c_cache,
                index_k_cache, cmp_kv_c, cmp_index_k):
        lyr, l, d, P = self.layers[0], self.l, self.d, kv_c_cache.shape[1]
        x, q, kv_c, _ = lyr.project(hidden, positions)
        kv_c = kv_c.squeeze(1)  # [B, C]
        index_k = lyr.index_k_proj(x)  # [B, Di]
        kv_c_cache.view(-1, kv_c_cache.shape[-1])[slot_mapping] = kv_c  # concat_and_cache_mla
        index_k_cache.view(-1, index_k_cache.shape[-1])[slot_mapping] = index_k
        seq_lens = positions + 1
        token_pos = (seq_lens[:, None] + torch.arange(-l, 0, device=hidden.device)).clamp(min=0)
        block_ids = block_table.gather(1, token_pos // P)
        is_boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for cache, cmp, w in ((kv_c_cache, cmp_kv_c, lyr.cmp_w_k), (index_k_cache, cmp_index_k, lyr.cmp_w_idx)):
            x_win = cache[block_ids, token_pos % P].float()  # [B, l, C]
            pooled = torch.matmul(w.float().t(), x_win).squeeze(1).to(cmp.dtype)  # [B, C]
            cmp[cmp_slot_mapping] = torch.where(is_boundary[:, None], pooled, cmp[cmp_slot_mapping])

        def read(p):
            lat = _paged(kv_c_cache, block_table, p, P).unsqueeze(2)
            return lat, lat
        lat_c = cmp_kv_c[cmp_block_table].unsqueeze(2)
        return lyr.finish(hidden, x, q, seq_lens, read, lat_c, lat_c, l, d)


# ----------------------------------------------------------------------------------------------------
# lucidrains / native-sparse-attention-pytorch: functional updates, caches returned
# ----------------------------------------------------------------------------------------------------

class LucidrainsFunctional(DecodeModel):
    """Functional caches (``index_put``, ``scatter``), returned; ``[heads, l]`` weights, einsum."""
    SIZES = dict(l=16, d=16, P=8, MP=6, N=2, D=16)
    BATCH = ("hidden", "seq_pos", "block_table", "cmp_block_table")
    ARGS = BATCH  # the cache names follow, per layer (set in __init__)

    def __init__(self, dtype, layers=1, **kw):
        super().__init__(dtype, layers=layers, weight_shape=(self.SIZES["N"], self.SIZES["l"]), **kw)
        self.ARGS = self.BATCH + tuple(f"{n}{i}" for i in range(layers) for n in ("k", "v", "ck", "cv"))

    def make_inputs(self, B, seed):
        n = len(self.layers)
        st = self.state(B, seed, 2 * n)
        named = dict(hidden=st["hidden"], seq_pos=st["s"] - 1, block_table=st["table"], cmp_block_table=st["cmp_table"])
        for i in range(n):
            named.update({f"k{i}": st["kvs"][2 * i], f"v{i}": st["kvs"][2 * i + 1], f"ck{i}": st["cmps"][2 * i],
                          f"cv{i}": st["cmps"][2 * i + 1]})
        return self.pack(**named)

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_block_table"].gather(1, ((a["seq_pos"] + 1 - l) // d).clamp(min=0)[:, None]).squeeze(1)
        out = []
        for i, lyr in enumerate(self.layers):
            for j, (n, w) in enumerate((("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v))):
                out.append(_kv_spec(f"{n}{i}", lambda a, r, at=1 + 4 * i + j: r[at],
                                    lambda a, r, at=3 + 4 * i + j, n=f"c{n}{i}": a[n] if r is None else r[at],
                                    lambda m, w=w: w.t(), lambda a: a["block_table"], lambda a: a["seq_pos"] + 1, slots))
        return out

    def forward(self, hidden, seq_pos, block_table, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        n = seq_pos + 1
        new_caches = []
        h = hidden
        blk = block_table.gather(1, (seq_pos // P)[:, None]).squeeze(1)
        j = torch.arange(l, device=h.device)
        pos = (n[:, None] - l + j).clamp(min=0)
        win_blk = block_table.gather(1, pos // P)
        should_compress = (n >= l) & ((n - l) % d == 0)
        cmp_idx = cmp_block_table.gather(1, ((n - l) // d).clamp(min=0)[:, None]).squeeze(1)
        for i, lyr in enumerate(self.layers):
            kc, vc, ck, cv = caches[4 * i: 4 * i + 4]
            x, q, k, v = lyr.project(h, seq_pos)
            kc = kc.index_put((blk, seq_pos % P), k)
            vc = vc.index_put((blk, seq_pos % P), v)
            outs = []
            for cache, cmp, w in ((kc, ck, lyr.cmp_w_k), (vc, cv, lyr.cmp_w_v)):
                compressed = torch.einsum("hj,bjhd->bhd", w.float(), cache[win_blk, pos % P].float()).to(cmp.dtype)
                rows = torch.where(should_compress[:, None, None], compressed, cmp[cmp_idx])
                outs.append(cmp.scatter(0, cmp_idx[:, None, None].expand_as(rows), rows))
            ck, cv = outs
            h = lyr.finish(h, x, q, n, lambda p, kc=kc, vc=vc: (_paged(kc, block_table, p, P),
                                                                _paged(vc, block_table, p, P)),
                           ck[cmp_block_table], cv[cmp_block_table], l, d)
            new_caches += [kc, vc, ck, cv]
        return (h, *new_caches)


# ----------------------------------------------------------------------------------------------------
# fla-style mean pooling, fp16, l = d = 32 over 16-token pages
# ----------------------------------------------------------------------------------------------------

class FlaMeanPool(DecodeModel):
    """Mean pooling of non-overlapping 32-token blocks (the contract with weight 1/32, exact in fp16's range)."""
    SIZES = dict(l=32, d=32, P=16, MP=6, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k_cache", "v_cache", "k_cmp", "v_cmp")
    BATCH = ARGS[:6]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        mean_w = torch.full((self.l, self.N), 1.0 / self.l, dtype=self.dtype)
        return [_kv_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"{n}_cmp"], lambda m: mean_w,
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for n in ("k", "v")]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, k_cmp, v_cmp):
        lyr, l, d, P = self.layers[0], self.l, self.d, k_cache.shape[1]
        x, q, k, v = lyr.project(hidden, positions)
        k_cache.flatten(0, 1)[slot_mapping] = k
        v_cache.flatten(0, 1)[slot_mapping] = v
        cu = positions + 1
        t = (cu[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pg = block_table.gather(1, t // P)
        m = ((cu >= l) & ((cu - l) % d == 0))[:, None, None]
        for cache, cmp in ((k_cache, k_cmp), (v_cache, v_cmp)):
            blk_mean = cache[pg, t % P].float().mean(dim=1).to(cmp.dtype)
            cmp[cmp_slot_mapping] = torch.where(m, blk_mean, cmp[cmp_slot_mapping])
        return lyr.finish(hidden, x, q, cu, lambda p: (_paged(k_cache, block_table, p, P),
                                                       _paged(v_cache, block_table, p, P)),
                          k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)


# ----------------------------------------------------------------------------------------------------
# vLLM CUDA-graph padded batch, 3 layers, window-order loop
# ----------------------------------------------------------------------------------------------------

class VllmCudagraphLoop(DecodeModel):
    """CUDA-graph batch with 2 padding rows (position -1, appends into a spare page, compressed slot -1); each layer
    compresses K and V with a window-order loop and an fp32 accumulator."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=16)
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")
    ARGS = BATCH  # the cache names follow, per layer (set in __init__)
    PAD = 2

    def __init__(self, dtype, layers=1, **kw):
        super().__init__(dtype, layers=layers, **kw)
        self.ARGS = self.BATCH + tuple(f"{n}_{i}" for i in range(layers) for n in ("key", "value", "ckey", "cvalue"))

    def make_inputs(self, B, seed):
        n = len(self.layers)
        st = self.state(B, seed, 2 * n)
        pos, slots = st["s"] - 1, _append_slots(st, self.P)
        table, cslot = st["table"].clone(), st["cmp_slot"].clone()
        spare = _spare_page(st)
        for i in range(B - self.PAD, B):  # padding rows
            pos[i], slots[i], cslot[i] = -1, spare * self.P + i, -1
            table[i] = 0
        named = dict(hidden=st["hidden"], positions=pos, slot_mapping=slots, block_table=table,
                     cmp_slot_mapping=cslot, cmp_block_table=st["cmp_table"])
        for i in range(n):
            named.update({f"key_{i}": st["kvs"][2 * i], f"value_{i}": st["kvs"][2 * i + 1],
                          f"ckey_{i}": st["cmps"][2 * i], f"cvalue_{i}": st["cmps"][2 * i + 1]})
        return self.pack(**named)

    def specs(self):
        return [_kv_spec(f"{n}_{i}", lambda a, r, n=f"{n}_{i}": a[n], lambda a, r, n=f"c{n}_{i}": a[n], lambda m, w=w: w,
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i, lyr in enumerate(self.layers) for n, w in (("key", lyr.cmp_w_k), ("value", lyr.cmp_w_v))]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *kv_caches):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        seq_lens = positions + 1
        first = seq_lens - l
        emit = (seq_lens >= l) & (first % d == 0)
        h = hidden
        for i, lyr in enumerate(self.layers):
            key_cache, value_cache, ckey, cvalue = kv_caches[4 * i: 4 * i + 4]
            x, q, k, v = lyr.project(h, positions)
            key_cache[slot_mapping // P, slot_mapping % P] = k
            value_cache[slot_mapping // P, slot_mapping % P] = v
            for cache, cmp, w in ((key_cache, ckey, lyr.cmp_w_k), (value_cache, cvalue, lyr.cmp_w_v)):
                acc = torch.zeros(B, self.N, self.D, dtype=torch.float32, device=h.device)
                for j in range(l):
                    p = (first + j).clamp(min=0)
                    page = block_table.gather(1, (p // P)[:, None]).squeeze(1)
                    acc = acc + w[j].float()[None, :, None] * cache[page, p % P].float()
                cmp[cmp_slot_mapping] = torch.where(emit[:, None, None], acc.to(cmp.dtype), cmp[cmp_slot_mapping])
            h = lyr.finish(h, x, q, seq_lens, lambda p, kc=key_cache, vc=value_cache: (_paged(kc, block_table, p, P),
                                                                                      _paged(vc, block_table, p, P)),
                           ckey[cmp_block_table], cvalue[cmp_block_table], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# HF Cache class: compressed K and V are views of one [S, 2, N, D] buffer
# ----------------------------------------------------------------------------------------------------

class NSAPagedCache:
    """Per-layer paged K/V and one compressed buffer per layer, handed out as K and V views."""

    def __init__(self, keys, values, cmp_bufs, block_table, cmp_block_table, page_size):
        self.keys, self.values = keys, values
        self.cmp_keys = [buf[:, 0] for buf in cmp_bufs]
        self.cmp_values = [buf[:, 1] for buf in cmp_bufs]
        self.block_table, self.cmp_block_table, self.page_size = block_table, cmp_block_table, page_size

    def update(self, layer_idx, k, v, cache_position):
        P = self.page_size
        page = self.block_table.gather(1, (cache_position // P).unsqueeze(1)).squeeze(1)
        self.keys[layer_idx][page, cache_position % P] = k
        self.values[layer_idx][page, cache_position % P] = v
        return self.keys[layer_idx], self.values[layer_idx]

    def compress(self, layer_idx, w_k, w_v, lengths, l, d):
        P = self.page_size
        pos = (lengths.unsqueeze(-1) - l + torch.arange(l, device=lengths.device)).clamp(min=0)
        page = self.block_table.gather(1, pos // P)
        slot = self.cmp_block_table.gather(1, ((lengths - l) // d).clamp(min=0).unsqueeze(-1)).squeeze(-1)
        complete = ((lengths >= l) & ((lengths - l) % d == 0)).view(-1, 1, 1)
        for src, dst, w in ((self.keys[layer_idx], self.cmp_keys[layer_idx], w_k),
                            (self.values[layer_idx], self.cmp_values[layer_idx], w_v)):
            pooled = (src[page, pos % P].float() * w.float()[:, :, None]).sum(dim=1).to(dst.dtype)
            dst.index_copy_(0, slot, torch.where(complete, pooled, dst.index_select(0, slot)))

    def compressed(self, layer_idx):
        rows = self.cmp_block_table
        return self.cmp_keys[layer_idx][rows], self.cmp_values[layer_idx][rows]


class HfCacheClassAlias(DecodeModel):
    """HF port with a ``Cache`` class; compressed K/V written through ``buf[:, 0]`` / ``buf[:, 1]`` views."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=16)
    BATCH = ("hidden", "cache_position", "block_table", "cmp_block_table")
    ARGS = BATCH  # the cache names follow, per layer (set in __init__)

    def __init__(self, dtype, layers=1, **kw):
        super().__init__(dtype, layers=layers, **kw)
        self.ARGS = self.BATCH + tuple(f"{n}{i}" for i in range(layers) for n in ("k", "v", "cmp"))

    def make_inputs(self, B, seed):
        n = len(self.layers)
        st = self.state(B, seed, 2 * n)
        named = dict(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                     cmp_block_table=st["cmp_table"])
        for i in range(n):
            named.update({f"k{i}": st["kvs"][2 * i], f"v{i}": st["kvs"][2 * i + 1],
                          f"cmp{i}": torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1]), dim=1)})
        return self.pack(**named)

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_block_table"].gather(1, ((a["cache_position"] + 1 - l) // d).clamp(min=0)[:, None]).squeeze(1)
        return [_kv_spec(f"{n}{i}", lambda a, r, n=f"{n}{i}": a[n], lambda a, r, c=f"cmp{i}", j=j: a[c][:, j],
                         lambda m, w=w: w, lambda a: a["block_table"], lambda a: a["cache_position"] + 1, slots)
                for i, lyr in enumerate(self.layers) for j, (n, w) in enumerate((("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v)))]

    def forward(self, hidden, cache_position, block_table, cmp_block_table, *tensors):
        n = len(self.layers)
        past = NSAPagedCache([tensors[3 * i] for i in range(n)], [tensors[3 * i + 1] for i in range(n)],
                             [tensors[3 * i + 2] for i in range(n)], block_table, cmp_block_table, self.P)
        lengths = cache_position + 1
        h = hidden
        for i, lyr in enumerate(self.layers):
            x, q, k, v = lyr.project(h, cache_position)
            keys, values = past.update(i, k, v, cache_position)
            past.compress(i, lyr.cmp_w_k, lyr.cmp_w_v, lengths, self.l, self.d)
            ck, cv = past.compressed(i)
            h = lyr.finish(h, x, q, lengths, lambda p, kc=keys, vc=values: (_paged(kc, block_table, p, self.P),
                                                                           _paged(vc, block_table, p, self.P)),
                           ck, cv, self.l, self.d)
        return h


# ----------------------------------------------------------------------------------------------------
# SGLang page size 16: req_to_token holds token locations, index_select on the flat pool
# ----------------------------------------------------------------------------------------------------

class SglangPagedIndexSelect(DecodeModel):
    """SGLang paged (page 16) flat token pools; the window read with ``index_select``."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:4]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        P = self.P
        g, R = st["g"], B + 4  # the pool holds 4 requests that are not in this batch
        rpi = torch.randperm(R, generator=g)[:B]
        pages = torch.randint(0, st["NB"], (R, self.MP), generator=g)
        pages[rpi] = st["table"].clamp(min=0)
        cr2t = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
        cr2t[rpi] = st["cmp_table"]
        p = torch.arange(self.MP * P)
        r2t = pages[:, p // P] * P + p % P  # token locations of every request
        loc = r2t[rpi, st["s"] - 1]
        return self.pack(hidden=st["hidden"], req_pool_indices=rpi, seq_lens=st["s"], out_cache_loc=loc,
                         req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer=st["kvs"][0].flatten(0, 1),
                         v_buffer=st["kvs"][1].flatten(0, 1), cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        lyr, l, d, P = self.layers[0], self.l, self.d, self.P

        def slot(a):
            return a["cmp_req_to_token"][a["req_pool_indices"], ((a["seq_lens"] - l) // d).clamp(min=0)]
        return [_kv_spec(n, lambda a, r, n=n: a[f"{n}_buffer"].view(-1, P, self.N, self.D),
                         lambda a, r, n=n: a[f"cmp_{n}_buffer"], lambda m, w=w: w,
                         lambda a: a["req_to_token"][a["req_pool_indices"]][:, ::P] // P, lambda a: a["seq_lens"], slot)
                for n, w in (("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v))]

    def forward(self, hidden, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        lyr, l, d = self.layers[0], self.l, self.d
        B, N, D = hidden.shape[0], k_buffer.shape[1], k_buffer.shape[2]
        x, q, k, v = lyr.project(hidden, seq_lens - 1)
        k_buffer.index_copy_(0, out_cache_loc, k)
        v_buffer.index_copy_(0, out_cache_loc, v)
        start = torch.clamp(seq_lens - l, min=0)
        token_idx = start[:, None] + torch.arange(l, device=hidden.device)
        token_idx = torch.minimum(token_idx, (seq_lens - 1).clamp(min=0)[:, None])
        locs = req_to_token[req_pool_indices[:, None], token_idx]
        slot = cmp_req_to_token[req_pool_indices, torch.div(seq_lens - l, d, rounding_mode="trunc").clamp(min=0)]
        valid = torch.logical_and(seq_lens >= l, torch.remainder(seq_lens - l, d) == 0)
        for buf, cmp, w in ((k_buffer, cmp_k_buffer, lyr.cmp_w_k), (v_buffer, cmp_v_buffer, lyr.cmp_w_v)):
            tok = torch.index_select(buf, 0, locs.reshape(-1)).view(B, l, N, D)
            c = torch.einsum("blh,blhd->bhd", w.float().expand(B, l, N), tok.float()).to(cmp.dtype)
            cmp[slot] = torch.where(valid[:, None, None], c, cmp[slot])
        rows = req_to_token[req_pool_indices]
        cmp_rows = cmp_req_to_token[req_pool_indices]
        return lyr.finish(hidden, x, q, seq_lens, lambda p: (k_buffer[rows.gather(1, p)], v_buffer[rows.gather(1, p)]),
                          cmp_k_buffer[cmp_rows], cmp_v_buffer[cmp_rows], l, d)


# ----------------------------------------------------------------------------------------------------
# MiniCPM / InfLLM-style: gather on the flat [NB * P, N * D] view, int32 slots
# ----------------------------------------------------------------------------------------------------

class MinicpmFlatGather(DecodeModel):
    """Window read by ``gather`` on ``cache.view(-1, N * D)`` with an expanded flat index; int32 compressed slots."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=16)
    BATCH = ("hidden", "position_ids", "block_table", "cmp_slot_mapping", "cmp_block_table")
    ARGS = BATCH  # the cache names follow, per layer (set in __init__)

    def __init__(self, dtype, layers=1, **kw):
        super().__init__(dtype, layers=layers, **kw)
        self.ARGS = self.BATCH + tuple(f"{n}{i}" for i in range(layers) for n in ("k", "v", "ck", "cv"))

    def make_inputs(self, B, seed):
        n = len(self.layers)
        st = self.state(B, seed, 2 * n)
        named = dict(hidden=st["hidden"], position_ids=st["s"] - 1, block_table=st["table"],
                     cmp_slot_mapping=st["cmp_slot"].to(torch.int32), cmp_block_table=st["cmp_table"])
        for i in range(n):
            named.update({f"k{i}": st["kvs"][2 * i], f"v{i}": st["kvs"][2 * i + 1], f"ck{i}": st["cmps"][2 * i],
                          f"cv{i}": st["cmps"][2 * i + 1]})
        return self.pack(**named)

    def specs(self):
        return [_kv_spec(f"{n}{i}", lambda a, r, n=f"{n}{i}": a[n], lambda a, r, n=f"c{n}{i}": a[n], lambda m, w=w: w,
                         lambda a: a["block_table"], lambda a: a["position_ids"] + 1,
                         lambda a: a["cmp_slot_mapping"].long())
                for i, lyr in enumerate(self.layers) for n, w in (("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v))]

    def forward(self, hidden, position_ids, block_table, cmp_slot_mapping, cmp_block_table, *kv):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        cur_len = position_ids + 1
        page = block_table.gather(1, (position_ids // P).unsqueeze(1)).squeeze(1)
        flat_slot = page * P + position_ids % P
        p = (cur_len.unsqueeze(1) - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        flat_idx = block_table.gather(1, p // P) * P + p % P  # [B, l]
        gidx = flat_idx.reshape(-1, 1).expand(-1, N * D)
        need = ((cur_len >= l) & ((cur_len - l) % d == 0)).reshape(B, 1, 1)
        slots = cmp_slot_mapping.long()
        h = hidden
        for i, lyr in enumerate(self.layers):
            kc, vc, ck, cv = kv[4 * i: 4 * i + 4]
            x, q, k, v = lyr.project(h, position_ids)
            kc.view(-1, N, D)[flat_slot] = k
            vc.view(-1, N, D)[flat_slot] = v
            for cache, cmp, w in ((kc, ck, lyr.cmp_w_k), (vc, cv, lyr.cmp_w_v)):
                win = cache.view(-1, N * D).gather(0, gidx).view(B, l, N, D)
                out = (win.float() * w.float().view(1, l, N, 1)).sum(1).to(cmp.dtype)
                cmp.index_put_((slots,), torch.where(need, out, cmp[slots]))
            h = lyr.finish(h, x, q, cur_len, lambda q_, kc=kc, vc=vc: (_paged(kc, block_table, q_, P),
                                                                       _paged(vc, block_table, q_, P)),
                           ck[cmp_block_table], cv[cmp_block_table], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM-style paged caches, one bug each
# ----------------------------------------------------------------------------------------------------

class NearMissVllm(DecodeModel):
    """``bug`` selects what differs from the contract (see ``NEAR_MISSES``)."""
    SIZES = dict(l=32, d=8, P=16, MP=4, N=2, D=16)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k_cache", "v_cache", "k_cmp", "v_cmp")
    BATCH = ARGS[:6]

    def __init__(self, dtype, bug, **kw):
        super().__init__(dtype, **kw)
        self.bug = bug

    make_inputs = FlaMeanPool.make_inputs

    def specs(self):
        lyr = self.layers[0]
        return [_kv_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"{n}_cmp"], lambda m, w=w: w,
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for n, w in (("k", lyr.cmp_w_k), ("v", lyr.cmp_w_v))]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, k_cmp, v_cmp):
        lyr, l, d, P, bug = self.layers[0], self.l, self.d, k_cache.shape[1], self.bug
        x, q, k, v = lyr.project(hidden, positions)
        k_cache.view(-1, self.N, self.D)[slot_mapping] = k
        v_cache.view(-1, self.N, self.D)[slot_mapping] = v
        s = positions + 1
        end = s - 1 if bug == "window_one_early" else s
        tp = (end[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        blocks = block_table.gather(1, tp // P)
        if bug == "first_window_skipped":
            fire = (s > l) & ((s - l) % d == 0)
        elif bug == "condition_on_position":
            fire = (positions >= l) & ((positions - l) % d == 0)
        else:
            fire = (s >= l) & ((s - l) % d == 0)
        for cache, cmp, w in ((k_cache, k_cmp, lyr.cmp_w_k), (v_cache, v_cmp, lyr.cmp_w_v)):
            tok = cache[blocks, tp % P]
            if bug == "fp16_products":
                pooled = (tok * w[None, :, :, None]).float().sum(1).to(cmp.dtype)
            elif bug == "fp16_accumulator":  # preallocated in the cache dtype: add_ rounds every step
                pooled = torch.zeros_like(tok[:, 0])
                for j in range(l):
                    pooled.add_(w[j].float()[None, :, None] * tok[:, j].float())
            elif bug == "bf16_rounding":  # a compute dtype left at the bf16 default, then cast to the fp16 cache
                pooled = (tok.float() * w.float()[None, :, :, None]).sum(1).to(torch.bfloat16).to(cmp.dtype)
            else:
                pooled = (tok.float() * w.float()[None, :, :, None]).sum(1).to(cmp.dtype)
            keep = torch.zeros_like(pooled) if bug == "kept_rows_zeroed" else cmp[cmp_slot_mapping]
            cmp[cmp_slot_mapping] = torch.where(fire[:, None, None], pooled, keep)
        return lyr.finish(hidden, x, q, s, lambda p: (_paged(k_cache, block_table, p, P), _paged(v_cache, block_table, p, P)),
                          k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)


NEAR_MISSES = {
    "window_one_early": "the window is positions s-l-1 .. s-2 (the token just appended is left out, the one before the "
                        "window read): differs at every completing s = l + k*d; no weight, stride or cache state makes "
                        "a window without its newest token the contract (the appended token is arbitrary)",
    "fp16_products": "products w[j,h] * token rounded to fp16 before the fp32 sum: differs at any completing s for "
                     "tokens whose fp16 product is inexact (almost any random data)",
    "first_window_skipped": "condition s > l: the first window (s = l) is never written; differs at s = l = 32",
    "condition_on_position": "condition on positions = s - 1 with the window ending at s - 1: writes at s = l + 1 + k*d "
                             "(into the padding slot -1 there) and skips s = l + k*d; differs at s = l. The closest "
                             "contract, l + 1 with a zero first weight, has the same condition but multiplies the token "
                             "at s - l - 1 by 0: differs where that token is inf or NaN (0 * inf = NaN), which valid "
                             "input allows",
    "fp16_accumulator": "window-order loop into an fp16 accumulator (add_ rounds to fp16 after every product): differs "
                        "at any completing s for almost any data (l = 32 roundings instead of one)",
    "bf16_rounding": "the fp32 sum rounded to bf16 (then stored into the fp16 cache): differs at any completing s for "
                     "sums that bf16's 8-bit mantissa cannot hold (almost any data)",
    "kept_rows_zeroed": "rows that do not complete write zeros into their slot (slot -1 = the last row) instead of "
                        "keeping it: differs on any non-completing row whose slot row is not already all zeros (the "
                        "op never writes those rows)",
}


f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32

MODEL_CASES = [
    _case("vllm_v1_stacked_write", VllmV1StackedWrite, "fuse", 2, f16, VllmV1StackedWrite.__doc__),
    _case("vllm_ascend_reference_2l", VllmAscendReference, "fuse", 4, bf16, VllmAscendReference.__doc__, layers=2),
    _case("sglang_p1_matmul", SglangP1Matmul, "fuse", 2, f16, SglangP1Matmul.__doc__),
    _case("flashinfer_ragged_einsum", FlashinferRaggedEinsum, "fuse", 2, bf16, FlashinferRaggedEinsum.__doc__),
    _case("hf_static_scatter_fp32", HfStaticScatterFp32, "fuse", 2, f32, HfStaticScatterFp32.__doc__),
    _case("deepseek_mla_indexer", DeepseekMlaIndexer, "fuse", 2, bf16, DeepseekMlaIndexer.__doc__),
    _case("lucidrains_functional_2l", LucidrainsFunctional, "fuse", 4, f16, LucidrainsFunctional.__doc__, layers=2),
    _case("fla_mean_fp16_l32", FlaMeanPool, "fuse", 2, f16, FlaMeanPool.__doc__),
    _case("vllm_cudagraph_loop_3l", VllmCudagraphLoop, "fuse", 6, f16, VllmCudagraphLoop.__doc__, layers=3),
    _case("hf_cache_class_alias_2l", HfCacheClassAlias, "fuse", 4, bf16, HfCacheClassAlias.__doc__, layers=2),
    _case("sglang_paged_index_select", SglangPagedIndexSelect, "fuse", 2, bf16, SglangPagedIndexSelect.__doc__),
    _case("minicpm_flat_gather", MinicpmFlatGather, "fuse", 2, f16, MinicpmFlatGather.__doc__),
] + [
    _case(f"nm_{bug}", NearMissVllm, "no_fuse", 2, f16, note, bug=bug)
    for bug, note in NEAR_MISSES.items()
]


def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: some compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
