"""A sixth blind corpus of whole NSA decode models (``models6``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page and
public serving code, without reading the recogniser or its tests (only the file format and the shared building
blocks of ``models3``/``models4``, which this file imports). Every model is one decode step of a 1-4 layer
decoder: RMSNorm, projections, rotary, the new token's K/V appended to the layer's cache, K and V (or a latent and
an indexer key) compressed into compressed caches (the contract, in the idiom of that stack), then compressed,
selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives:

* ``vllm_v1_unbind_2l`` (fp16, 2 layers): vLLM v1 ``[2, NB, P, N, D]`` caches, ``unbind(0)``, appends through
  ``key_cache.view(-1, N, D)[slot_mapping] = k``, compressed caches ``[2, S, N, D]`` per layer written at the
  scheduler's ``cmp_slot_mapping`` (-1 padding), lengths ``positions + 1``;
* ``vllm_ascend_vendor_sig`` (bf16): int32 metadata everywhere, a torch fallback with the vendor signature of
  ``npu_nsa_compress_infer`` (window-order loop, fp32 accumulator, ``cache.index_put_``);
* ``sglang_pool_p1`` (fp16): SGLang page size 1 ``[T, N, D]`` token pools, ``req_to_token[req_pool_indices]`` and
  ``cmp_req_to_token``, ``einsum('blhd,lh->bhd')`` pooling;
* ``sglang_paged_tokens_2l`` (bf16, 2 layers): SGLang page size 16 with flat token pools; the window's token ids
  read from ``req_to_token`` (page-aligned ids), the slot from ``cmp_req_to_token``;
* ``flashinfer_hnd_stacked`` (fp16): FlashInfer HND ``[NB, 2, N, P, D]`` paged cache with a padded page table,
  window read as ``paged_kv[pages, 0, :, offs]``;
* ``hf_static_per_request`` (fp32): HF static ``[B, N, T, D]`` caches written at ``cache_position``, compressed
  caches ``[B, max_cmp, N, D]`` written with a 2-D index ``cmp[arange(B), idx]``;
* ``deepseek_latent_indexer`` (bf16): MLA latent cache ``[NB, P, 1, C]`` and indexer key cache ``[NB, P, 1, Di]``,
  both compressed, ``matmul`` pooling;
* ``lucidrains_functional`` (fp16): functional ``index_put`` appends and compressed writes, every cache returned,
  ``einsum`` pooling;
* ``fla_mean_pool_l16`` (bf16): mean pooling over non-overlapping windows (l = d = 16);
* ``vllm_cudagraph_pad_int32`` (fp16): a CUDA-graph padded batch (2 extra rows: position -1, a spare page for the
  append, compressed slot -1), int32 block table and slot mappings;
* ``stacked_layers_4l`` (fp16, 4 layers, every layer compresses K and V): all layers' paged caches in one
  ``[L, 2, NB, P, N, D]`` tensor and compressed caches in one ``[L, 2, S, N, D]`` tensor, written through
  ``kv[i, 0]`` views;
* ``hf_cache_class_3l`` (bf16, 3 layers): an HF ``Cache``-like class holding per-layer paged tensors with
  ``update()`` and ``compress()``, compressed slot ``cmp_block_table[b, (s - l) // d]``, ``matmul`` pooling.

Near misses (one layer, vLLM-style paged caches; ``note`` names the valid input where each differs): the window
ending one token early, no ``(s - l) % d`` check, fp16 products, weights applied newest-first, compressing before the
append, every window token read from the last token's page, a ``s % d == 0`` condition that writes partial first
windows.

``check_eager()`` (``python tests/corpora/models6.py``) runs every case eagerly: positives equal the golden bit for
bit (or within fp tolerance where torch chooses the sum order, reported), near misses differ from it.

First try, 2026-12-04 13:12-13:33 UTC, on the frozen base 8b0e875 (the commit that added this file; ``/tmp/base_m6``,
``PYTHONPATH=/tmp/base_m6``, nothing changed after seeing results): ``run_models.py --corpus models6``, both dialects,
B = 8, positives first; static and batch (mark_dynamic) first, then all (dynamic=True); log
``/tmp/models6_first.log``, results ``/tmp/models6_first_p{1,2,3,4}.json``. Positives with EVERY compression fused and
bit-exact; positives with any fusion; near misses fused; crashes (an error with the pass where the same mode compiles
with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   (any fusion)  near misses fused  crashes  n/a
    inductor static         11/12       11            3/7                0        0
    inductor mark_dynamic   11/12       11            3/7                0        0
    inductor dynamic=True   11/12       11            3/7                0        0
    torchair static         11/12       11            3/7                0        0
    torchair mark_dynamic   11/12       11            3/7                0        0
    torchair dynamic=True   n/a         -             n/a                0        19 (every case, see T below)
    TOTAL: 55/60 applicable positive runs (92 %) with every compression fused and bit-exact; every run that fused
    anything (55 positive runs) was bit-exact to the golden; near misses: 15/35 applicable runs fused (3 cases x 5
    modes), every one eager-equal and bit-exact to the contract with other arguments (see below): corpus defects,
    not false fusions.

The one positive miss, with the pass's reason:

* fla_mean_pool_l16 (5/5 applicable runs, 0/2 fused): ``pooling: aten.mean.dim scales the window sum after summing
  it: for torch.bfloat16 data it overflows (or underflows to subnormals) where the op's sum of scaled products does
  not @ mean_1``. Sound: bf16 has fp32's exponent range, so the fp32 sum of 16 bf16 tokens near the maximum
  overflows to inf where the contract's sum of products w = 1/16 stays finite; the model is not the contract on
  every valid input (this file's note "the contract with weight 1/16" is wrong at the extremes). An fp16 mean would
  not have this gap.

Near misses that fused (each compiled cache checked after the first try, same base, Inductor static, bit-exact to
``contract_golden`` with the arguments below; the runner found them eager-equal in all 5 modes): the model as written
IS the contract, only not with the arguments the golden assumed. My near-miss design was wrong, not the pass:

* nm_no_stride_check: ``s >= l`` alone is the contract with stride d = 1 (l >= d >= 1), slot
  ``cmp_block_table[b, (s - l) // 8]`` (a table read, distinct rows);
* nm_weights_reversed: the contract with weight ``w.flip(0)``;
* nm_compress_before_append: the contract on the pre-append cache (the window's last token is what the page held).

The other 4 near misses (window one early, fp16 products, last page for all, partial first window) stayed unfused and
eager-equal in every applicable run (reasons e.g. ``mask: the condition selects windows of l=15 ... weight has 16
positions``, ``dtype: aten.mul.Tensor computes in torch.float16, not fp32``).

* T, torchair dynamic=True: every case, fused or not, fails with ``RuntimeError: Failed to auto-generated converter for
  <function sym_min> to AscendIR``; the runner found the same failure with ``NSA_FUSION_DISABLE=1`` (n/a): the
  ``min(TOP_BLOCKS, max_cmp)`` of the shared ``models4.Layer.finish``.
* hf_cache_class_3l, Inductor (3 modes): fused 6/6, caches bit-exact, but the runner's ``eager_equal`` is False: the
  bf16 hidden output differs from eager by up to 0.0625, identically with ``NSA_FUSION_DISABLE=1`` (plain Inductor's
  bf16 numerics over 3 layers; every cache argument equal), so not the pass.
"""
from __future__ import annotations

import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import ModelCase, _flat_state, caches, golden  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _kv_spec  # noqa: E402
from models4 import check_cases  # noqa: E402

SMALL = dict(l=16, d=8, P=16, MP=4, N=2, D=32)


def _ready(s, l, d):
    return (s >= l) & ((s - l) % d == 0)


def _window(s, l):
    """Positions s-l .. s-1 of each row, clamped at 0 (rows shorter than l read something, write nothing)."""
    return (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)


def _paged_read(kc, vc, table, P):
    def read(pos):
        pg = table.long().gather(1, pos // P)
        return kc[pg, pos % P], vc[pg, pos % P]
    return read


def _spare_pages(st):
    used = set(st["table"].flatten().tolist())
    return [p for p in range(st["NB"]) if p not in used]


# ----------------------------------------------------------------------------------------------------
# vLLM v1, two layers
# ----------------------------------------------------------------------------------------------------

class VllmV1Unbind2L(DecodeModel):
    """vLLM v1: per layer ``kv_cache [2, NB, P, N, D]``, ``unbind(0)``, appends ``key_cache.view(-1, N, D)[slot] = k``;
    compressed ``[2, S, N, D]`` per layer written at ``cmp_slot_mapping`` with ``torch.where`` keeping old rows."""
    SIZES = SMALL
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_cache_0", "cmp_cache_1")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_cache_0, cmp_cache_1):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        seq_lens = positions + 1
        win = _window(seq_lens, l)
        blocks = block_table.gather(1, win // P)
        offs = win % P
        ready = _ready(seq_lens, l, d)[:, None, None]
        h = hidden
        for layer, kv_cache, cmp_cache in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_cache_0, cmp_cache_1)):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache.unbind(0)
            key_cache.view(-1, N, D)[slot_mapping] = k
            value_cache.view(-1, N, D)[slot_mapping] = v
            for half, (src, w) in enumerate(((key_cache, layer.cmp_w_k), (value_cache, layer.cmp_w_v))):
                toks = src[blocks, offs]  # [B, l, N, D]
                pooled = (toks.float() * w.float().unsqueeze(-1)).sum(1).to(src.dtype)
                dst = cmp_cache[half]
                dst[cmp_slot_mapping] = torch.where(ready, pooled, dst[cmp_slot_mapping])
            h = layer.finish(h, x, q, seq_lens, _paged_read(key_cache, value_cache, block_table, P),
                             cmp_cache[0][cmp_block_table], cmp_cache[1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv_cache_0=torch.stack(kvs[0:2]),
                         kv_cache_1=torch.stack(kvs[2:4]), cmp_cache_0=torch.stack(cmps[0:2]),
                         cmp_cache_1=torch.stack(cmps[2:4]))

    def specs(self):
        return [_kv_spec(f"{'kv'[half]}{i}", lambda a, r, i=i, half=half: a[f"kv_cache_{i}"][half],
                         lambda a, r, i=i, half=half: a[f"cmp_cache_{i}"][half],
                         lambda m, i=i, half=half: (m.layers[i].cmp_w_k, m.layers[i].cmp_w_v)[half],
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(2) for half in range(2)]


# ----------------------------------------------------------------------------------------------------
# vllm-ascend: the vendor signature, int32 metadata
# ----------------------------------------------------------------------------------------------------

def npu_nsa_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                           block_table, actual_seq_len, cache):
    """Torch fallback for ``torch_npu.npu_nsa_compress_infer`` (``.cache`` overload) as a vllm-ascend CPU path
    would write it: window-order loop, fp32 accumulator, one rounding."""
    seq = actual_seq_len.long()
    bt = block_table.long()
    acc = torch.zeros(seq.shape[0], input.shape[2], input.shape[3], dtype=torch.float32, device=input.device)
    for j in range(compress_block_size):
        p = (seq - compress_block_size + j).clamp(min=0)
        page = bt.gather(1, (p // page_block_size)[:, None]).squeeze(1)
        acc = acc + weight[j].float()[None, :, None] * input[page, p % page_block_size].float()
    done = (seq >= compress_block_size) & ((seq - compress_block_size) % compress_stride == 0)
    slots = slot_mapping.long()
    cache.index_put_((slots,), torch.where(done[:, None, None], acc.to(cache.dtype), cache[slots]))
    return cache


class VllmAscendVendorSig(DecodeModel):
    """vllm-ascend: ``[NB, P, N, D]`` key and value caches, int32 ``block_tables``, ``seq_lens``, ``slot_mapping``,
    ``cmp_slot_mapping``; the compression calls a fallback with the vendor's signature."""
    SIZES = SMALL
    ARGS = ("hidden", "positions", "seq_lens", "block_tables", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, block_tables, slot_mapping, cmp_slot_mapping, cmp_block_table,
                key_cache, value_cache, cmp_key_cache, cmp_value_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        slots = slot_mapping.long()
        key_cache[slots // P, slots % P] = k
        value_cache[slots // P, slots % P] = v
        npu_nsa_compress_infer(key_cache, layer.cmp_w_k, cmp_slot_mapping, l, d, P, block_table=block_tables,
                               actual_seq_len=seq_lens, cache=cmp_key_cache)
        npu_nsa_compress_infer(value_cache, layer.cmp_w_v, cmp_slot_mapping, l, d, P, block_table=block_tables,
                               actual_seq_len=seq_lens, cache=cmp_value_cache)
        ct = cmp_block_table.long()
        return layer.finish(hidden, x, q, seq_lens.long(), _paged_read(key_cache, value_cache, block_tables, P),
                            cmp_key_cache[ct], cmp_value_cache[ct], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 1)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"].to(i32),
                         block_tables=st["table"].to(i32), slot_mapping=_append_slots(st, self.P).to(i32),
                         cmp_slot_mapping=st["cmp_slot"].to(i32), cmp_block_table=st["cmp_table"].to(i32),
                         key_cache=st["kvs"][0], value_cache=st["kvs"][1], cmp_key_cache=st["cmps"][0],
                         cmp_value_cache=st["cmps"][1])

    def state(self, B, seed, n):
        return super().state(B, seed, 2)

    def specs(self):
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}_cache"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}"), lambda a: a["block_tables"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"]) for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# SGLang, page size 1
# ----------------------------------------------------------------------------------------------------

class SglangPoolP1(DecodeModel):
    """SGLang ``MHATokenToKVPool`` with page size 1: ``k_buffer [T, N, D]``, ``req_to_token [R, ctx]``,
    ``out_cache_loc``; the compressed pool ``cmp_k_buffer [S, N, D]`` addressed by ``cmp_req_to_token [R, max_cmp]``;
    einsum pooling."""
    SIZES = dict(l=16, d=8, P=1, MP=64, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc")

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        rows = req_to_token[req_pool_indices]
        locs = rows.gather(1, _window(seq_lens, l))
        idx = torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)
        cmp_rows = cmp_req_to_token[req_pool_indices]
        cmp_loc = cmp_rows.gather(1, idx[:, None]).squeeze(1)
        is_boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for buf, cbuf, w in ((k_buffer, cmp_k_buffer, layer.cmp_w_k), (v_buffer, cmp_v_buffer, layer.cmp_w_v)):
            pooled = torch.einsum("blhd,lh->bhd", buf[locs].float(), w.float()).to(cbuf.dtype)
            cbuf[cmp_loc] = torch.where(is_boundary[:, None, None], pooled, cbuf[cmp_loc])

        def read(pos):
            loc = rows.gather(1, pos)
            return k_buffer[loc], v_buffer[loc]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[cmp_rows], cmp_v_buffer[cmp_rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t,
                         k_buffer=st["kvs"][0][:, 0].clone(), v_buffer=st["kvs"][1][:, 0].clone(),
                         cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            idx = ((a["seq_lens"] - l) // d).clamp(min=0)
            return a["cmp_req_to_token"][a["req_pool_indices"]].gather(1, idx[:, None]).squeeze(1)
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_buffer"], lambda a, r, kv=kv: a[f"cmp_{kv}_buffer"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                         lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"], slots)
                for kv in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# SGLang, page size 16, flat token pools, two layers
# ----------------------------------------------------------------------------------------------------

class SglangPagedTokens2L(DecodeModel):
    """SGLang paged allocator (page size 16): per layer flat token pools ``[NB * P, N, D]``; ``req_to_token`` holds
    page-aligned token ids ``page * P + off``; window token ids ``req_to_token[rpi[:, None], win]``."""
    SIZES = SMALL
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_pool_0", "v_pool_0", "k_pool_1", "v_pool_1", "cmp_k_0", "cmp_v_0", "cmp_k_1",
            "cmp_v_1")
    BATCH = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc")

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_pool_0, v_pool_0, k_pool_1, v_pool_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        l, d = self.l, self.d
        win = _window(seq_lens, l)
        tok_ids = req_to_token[req_pool_indices[:, None], win]
        n_done = torch.div(seq_lens - l, d, rounding_mode="floor")
        write_loc = cmp_req_to_token[req_pool_indices, n_done.clamp(min=0)]
        flag = (seq_lens >= l) & (n_done * d == seq_lens - l)
        cmp_rows = cmp_req_to_token[req_pool_indices]
        h = hidden
        for layer, kp, vp, ck, cv in zip(self.layers, (k_pool_0, k_pool_1), (v_pool_0, v_pool_1),
                                         (cmp_k_0, cmp_k_1), (cmp_v_0, cmp_v_1)):
            x, q, k, v = layer.project(h, positions)
            kp.index_copy_(0, out_cache_loc, k)
            vp.index_copy_(0, out_cache_loc, v)
            for pool, cpool, w in ((kp, ck, layer.cmp_w_k), (vp, cv, layer.cmp_w_v)):
                acc = (pool[tok_ids].float() * w.float()[None, :, :, None]).sum(dim=1)
                cpool[write_loc] = torch.where(flag[:, None, None], acc.to(cpool.dtype), cpool[write_loc])

            def read(pos, kp=kp, vp=vp):
                ids = req_to_token[req_pool_indices[:, None], pos]
                return kp[ids], vp[ids]
            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_rows], cv[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P, MP = self.P, self.MP
        g = st["g"]
        R = B + 3
        rpi = torch.randperm(R, generator=g)[:B]
        pages = torch.randint(0, st["NB"], (R, MP), generator=g)  # other requests' rows: anything
        pages[rpi] = st["table"]
        p = torch.arange(MP * P)
        r2t = pages[:, p // P] * P + p % P
        cr2t = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
        cr2t[rpi] = st["cmp_table"]
        kvs, cmps = st["kvs"], st["cmps"]
        pools = [kv.flatten(0, 1).clone() for kv in kvs]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=_append_slots(st, P), req_to_token=r2t, cmp_req_to_token=cr2t,
                         k_pool_0=pools[0], v_pool_0=pools[1], k_pool_1=pools[2], v_pool_1=pools[3],
                         cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3])

    def specs(self):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D

        def slots(a):
            idx = ((a["seq_lens"] - l) // d).clamp(min=0)
            return a["cmp_req_to_token"][a["req_pool_indices"], idx]

        def table(a):
            return torch.div(a["req_to_token"][a["req_pool_indices"]][:, ::P], P, rounding_mode="floor")
        return [_kv_spec(f"{kv}{i}", lambda a, r, kv=kv, i=i: a[f"{kv}_pool_{i}"].view(-1, P, N, D),
                         lambda a, r, kv=kv, i=i: a[f"cmp_{kv}_{i}"],
                         lambda m, kv=kv, i=i: getattr(m.layers[i], f"cmp_w_{kv}"), table, lambda a: a["seq_lens"],
                         slots) for i in range(2) for kv in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# FlashInfer HND
# ----------------------------------------------------------------------------------------------------

class FlashinferHndStacked(DecodeModel):
    """FlashInfer HND paged cache ``[NB, 2, N, P, D]`` with a padded page table ``paged_kv_indices [B, max_pages]``;
    ``append_paged_kv_cache`` in torch; window tokens ``paged_kv[pages, 0, :, offs]`` (advanced indices split by a
    slice: the result is ``[B, l, N, D]``)."""
    SIZES = SMALL
    ARGS = ("hidden", "positions", "kv_len", "paged_kv_indices", "cmp_indices", "cmp_page_table", "paged_kv",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, kv_len, paged_kv_indices, cmp_indices, cmp_page_table, paged_kv, cmp_k,
                cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        page = paged_kv_indices.gather(1, (positions // P)[:, None]).squeeze(1)
        off = positions % P
        paged_kv[page, 0, :, off] = k
        paged_kv[page, 1, :, off] = v
        win = _window(kv_len, l)
        pages = paged_kv_indices.gather(1, win // P)
        offs = win % P
        emit = (kv_len >= l) & ((kv_len - l) % d == 0)
        for half, (dst, w) in enumerate(((cmp_k, layer.cmp_w_k), (cmp_v, layer.cmp_w_v))):
            toks = paged_kv[pages, half, :, offs]
            s = (toks.float() * w.float()[None, :, :, None]).sum(1)
            dst[cmp_indices] = torch.where(emit[:, None, None], s.to(dst.dtype), dst[cmp_indices])

        def read(pos):
            pg = paged_kv_indices.gather(1, pos // P)
            return paged_kv[pg, 0, :, pos % P], paged_kv[pg, 1, :, pos % P]
        return layer.finish(hidden, x, q, kv_len, read, cmp_k[cmp_page_table], cmp_v[cmp_page_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv = torch.stack(st["kvs"], dim=1).transpose(2, 3).contiguous()  # [NB, 2, N, P, D]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, kv_len=st["s"], paged_kv_indices=st["table"],
                         cmp_indices=st["cmp_slot"], cmp_page_table=st["cmp_table"], paged_kv=kv,
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, half=half: a["paged_kv"][:, half].transpose(1, 2),
                         lambda a, r, kv=kv: a[f"cmp_{kv}"], lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                         lambda a: a["paged_kv_indices"], lambda a: a["kv_len"], lambda a: a["cmp_indices"])
                for half, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# HF static cache, per-request compressed caches
# ----------------------------------------------------------------------------------------------------

class HfStaticPerRequest(DecodeModel):
    """HF ``StaticCache``: ``key_cache [B, N, T, D]`` updated at ``cache_position`` per row; compressed caches
    ``[B, max_cmp, N, D]`` (one region per request) written with ``cmp[batch_idx, idx] = ...``."""
    SIZES = SMALL
    ARGS = ("hidden", "cache_position", "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ARGS

    def forward(self, hidden, cache_position, key_cache, value_cache, cmp_key, cmp_value):
        l, d = self.l, self.d
        layer = self.layers[0]
        B = hidden.shape[0]
        batch_idx = torch.arange(B, device=hidden.device)
        x, q, k, v = layer.project(hidden, cache_position)
        key_cache[batch_idx, :, cache_position] = k
        value_cache[batch_idx, :, cache_position] = v
        total = cache_position + 1
        win = _window(total, l)
        idx = torch.div(total - l, d, rounding_mode="floor").clamp(min=0)
        finished = (total >= l) & ((total - l) % d == 0)
        for cache, cmp, w in ((key_cache, cmp_key, layer.cmp_w_k), (value_cache, cmp_value, layer.cmp_w_v)):
            toks = cache.transpose(1, 2)[batch_idx[:, None], win]  # [B, l, N, D]
            pooled = (toks.float() * w.float()[:, :, None]).sum(1).to(cmp.dtype)
            cmp[batch_idx, idx] = torch.where(finished[:, None, None], pooled, cmp[batch_idx, idx])

        def read(pos):
            return key_cache.transpose(1, 2)[batch_idx[:, None], pos], value_cache.transpose(1, 2)[batch_idx[:, None], pos]
        return layer.finish(hidden, x, q, total, read, cmp_key, cmp_value, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        P, T = self.P, self.P * self.MP
        p = torch.arange(T)
        pages = st["table"][:, p // P].clamp(min=0)
        dense = [kv[pages, p % P].transpose(1, 2).contiguous() for kv in st["kvs"]]  # [B, N, T, D]
        per_req = [c[st["cmp_table"]].clone() for c in st["cmps"]]  # [B, max_cmp, N, D]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, key_cache=dense[0], value_cache=dense[1],
                         cmp_key=per_req[0], cmp_value=per_req[1])

    def specs(self):
        l, d, P, MP, N, D = self.l, self.d, self.P, self.MP, self.N, self.D

        def table(a):
            B = a["cache_position"].shape[0]
            return torch.arange(B)[:, None] * MP + torch.arange(MP)[None, :]

        def slots(a):
            s = a["cache_position"] + 1
            B, M = a["cmp_key"].shape[:2]
            return torch.arange(B) * M + ((s - l) // d).clamp(min=0)
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"].transpose(1, 2).reshape(-1, P, N, D),
                         lambda a, r, kv=kv: a[f"cmp_{kv}"].reshape(-1, N, D),
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}"), table,
                         lambda a: a["cache_position"] + 1, slots) for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# DeepSeek: MLA latent cache and indexer key cache
# ----------------------------------------------------------------------------------------------------

class DeepseekLatentIndexer(DecodeModel):
    """DeepSeek V3.2 style: one latent cache ``[NB, P, 1, C]`` (MQA: keys and values are the latent) and an indexer
    key cache ``[NB, P, 1, Di]``, both compressed with ``matmul``: ``w.T[:, None] @ toks.transpose(1, 2)``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=1, D=64)
    DI = 32
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "latent_cache", "indexer_cache", "cmp_latent", "cmp_indexer")
    BATCH = ARGS[:6]

    def make_layer(self, **kw):
        layer = Layer(1, self.D, self.D, self.l, Hq=4)
        layer.idx_proj = torch.nn.Linear(128, self.DI, bias=False)
        layer.idx_w = torch.nn.Parameter(torch.empty(self.l, 1))
        return layer

    @staticmethod
    def _pool(cache, w, blocks, offs):
        toks = cache[blocks, offs].float()  # [B, l, 1, C]
        return (w.float().t()[:, None, :] @ toks.transpose(1, 2)).squeeze(2)  # [B, 1, C]

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                latent_cache, indexer_cache, cmp_latent, cmp_indexer):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, kv, _ = layer.project(hidden, positions)
        ik = layer.idx_proj(x).view(-1, 1, self.DI)
        blk, off = slot_mapping // P, slot_mapping % P
        latent_cache[blk, off] = kv
        indexer_cache[blk, off] = ik
        s = positions + 1
        win = _window(s, l)
        blocks, offs = block_table.gather(1, win // P), win % P
        go = _ready(s, l, d)[:, None, None]
        for cache, cmp, w in ((latent_cache, cmp_latent, layer.cmp_w_k), (indexer_cache, cmp_indexer, layer.idx_w)):
            pooled = self._pool(cache, w, blocks, offs).to(cmp.dtype)
            cmp[cmp_slot_mapping] = torch.where(go, pooled, cmp[cmp_slot_mapping])
        rows = cmp_latent[cmp_block_table]
        return layer.finish(hidden, x, q, s, _paged_read(latent_cache, latent_cache, block_table, P), rows, rows, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 1)
        g = torch.Generator().manual_seed(seed + 7)
        NB, S = st["NB"], st["S"]
        idx_cache = torch.randn(NB, self.P, 1, self.DI, generator=g).to(self.dtype)
        idx_cmp = torch.randn(S, 1, self.DI, generator=g).to(self.dtype)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], latent_cache=st["kvs"][0], indexer_cache=idx_cache,
                         cmp_latent=st["cmps"][0], cmp_indexer=idx_cmp)

    def specs(self):
        return [_kv_spec(name, lambda a, r, name=name: a[f"{name}_cache"], lambda a, r, name=name: a[f"cmp_{name}"],
                         lambda m, wn=wn: getattr(m.layers[0], wn), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for name, wn in (("latent", "cmp_w_k"), ("indexer", "idx_w"))]


# ----------------------------------------------------------------------------------------------------
# lucidrains-style functional updates
# ----------------------------------------------------------------------------------------------------

class LucidrainsFunctional(DecodeModel):
    """Functional: ``cache = cache.index_put((pages, offs), k)`` and ``cmp = cmp.index_put((slot,), new)``, every
    cache returned; pooling ``einsum('b w h d, w h -> b h d')``."""
    SIZES = SMALL
    ARGS = ("hidden", "seq_pos", "block_table", "cmp_slot", "cmp_table", "k_cache", "v_cache", "ck", "cv")
    BATCH = ARGS[:5]

    def forward(self, hidden, seq_pos, block_table, cmp_slot, cmp_table, k_cache, v_cache, ck, cv):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_pos)
        pg = block_table.gather(1, (seq_pos // P)[:, None]).squeeze(1)
        k_cache = k_cache.index_put((pg, seq_pos % P), k)
        v_cache = v_cache.index_put((pg, seq_pos % P), v)
        n = seq_pos + 1
        w_pos = _window(n, l)
        w_pg = block_table.gather(1, w_pos // P)
        divisible = ((n - l) % d) == 0
        should = (n >= l) & divisible
        outs = []
        for cache, c, w in ((k_cache, ck, layer.cmp_w_k), (v_cache, cv, layer.cmp_w_v)):
            pooled = torch.einsum("b w h d, w h -> b h d", cache[w_pg, w_pos % P].float(), w.float())
            outs.append(c.index_put((cmp_slot,), torch.where(should[:, None, None], pooled.to(c.dtype), c[cmp_slot])))
        ck, cv = outs
        h = layer.finish(hidden, x, q, n, _paged_read(k_cache, v_cache, block_table, P), ck[cmp_table],
                         cv[cmp_table], l, d)
        return h, k_cache, v_cache, ck, cv

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_pos=st["s"] - 1, block_table=st["table"], cmp_slot=st["cmp_slot"],
                         cmp_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1], ck=st["cmps"][0],
                         cv=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, i=i, kv=kv: r[1 + i] if r is not None else a[f"{kv}_cache"],
                         lambda a, r, i=i, kv=kv: r[3 + i] if r is not None else a[f"c{kv}"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["seq_pos"] + 1, lambda a: a["cmp_slot"]) for i, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# fla-style mean pooling
# ----------------------------------------------------------------------------------------------------

class FlaMeanPool(DecodeModel):
    """Mean pooling over non-overlapping blocks (l = d = 16): ``toks.float().mean(dim=1)``, the contract with weight
    1/16 (exact in bf16)."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "k_cache", "v_cache", "k_cmp", "v_cmp")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                k_cache, v_cache, k_cmp, v_cmp):
        l, P = self.l, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache.flatten(0, 1)[slot_mapping] = k
        v_cache.flatten(0, 1)[slot_mapping] = v
        lens = positions + 1
        at_boundary = (lens % l == 0) & (lens > 0)
        win = _window(lens, l)
        pg, of = block_table.gather(1, win // P), win % P
        for src, dst in ((k_cache, k_cmp), (v_cache, v_cmp)):
            m = src[pg, of].float().mean(dim=1).to(dst.dtype)
            dst[cmp_slot_mapping] = torch.where(at_boundary[:, None, None], m, dst[cmp_slot_mapping])
        return layer.finish(hidden, x, q, lens, _paged_read(k_cache, v_cache, block_table, P), k_cmp[cmp_block_table],
                            v_cmp[cmp_block_table], l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"{kv}_cmp"],
                         lambda m: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# vLLM CUDA-graph padded batch, int32 metadata
# ----------------------------------------------------------------------------------------------------

class VllmCudagraphPadInt32(DecodeModel):
    """A decode batch padded by 2 rows to the captured graph size: padding rows have position -1, an all -1 block
    table row, a ``slot_mapping`` into a spare page nobody owns, ``cmp_slot_mapping`` -1; int32 metadata."""
    SIZES = SMALL
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                key_cache, value_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        sm = slot_mapping.long()
        key_cache.view(-1, self.N, self.D).index_copy_(0, sm, k)
        value_cache.view(-1, self.N, self.D).index_copy_(0, sm, v)
        seq_lens = positions + 1
        bt = block_table.long()
        win = _window(seq_lens, l)
        blocks = bt.gather(1, win // P)
        csm = cmp_slot_mapping.long()
        do_write = (seq_lens >= l) & (torch.remainder(seq_lens - l, d) == 0)
        for cache, cmp, w in ((key_cache, cmp_k, layer.cmp_w_k), (value_cache, cmp_v, layer.cmp_w_v)):
            t = cache[blocks, win % P].float()
            r = (t * w.float()[None, :, :, None]).sum(1)
            cmp[csm] = torch.where(do_write[:, None, None], r.to(cmp.dtype), cmp[csm])
        cbt = cmp_block_table.long()
        return layer.finish(hidden, x, q, seq_lens, _paged_read(key_cache, value_cache, bt, P), cmp_k[cbt],
                            cmp_v[cbt], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        pad = 2
        spare = _spare_pages(st)[0]
        i32 = torch.int32
        g = torch.Generator().manual_seed(seed + 11)
        hidden = torch.cat((st["hidden"], torch.randn(pad, st["hidden"].shape[1], generator=g).to(self.dtype)))
        positions = torch.cat((st["s"] - 1, torch.full((pad,), -1)))
        table = torch.cat((st["table"], torch.full((pad, self.MP), -1)))
        slots = torch.cat((_append_slots(st, self.P), spare * self.P + torch.arange(pad)))
        cslots = torch.cat((st["cmp_slot"], torch.full((pad,), -1)))
        ctable = torch.cat((st["cmp_table"], st["cmp_table"][:pad]))
        return self.pack(hidden=hidden, positions=positions, block_table=table.to(i32), slot_mapping=slots.to(i32),
                         cmp_slot_mapping=cslots.to(i32), cmp_block_table=ctable.to(i32), key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv[0]}"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# Four layers, all caches in one tensor each
# ----------------------------------------------------------------------------------------------------

class StackedLayers4L(DecodeModel):
    """Every layer's paged K/V in ``kv_caches [L, 2, NB, P, N, D]`` and compressed K/V in ``cmp_caches [L, 2, S, N,
    D]``; each layer writes through ``kv_caches[i, 0]`` style views (aliases of the one tensor)."""
    SIZES = SMALL
    NL = 4
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "kv_caches", "cmp_caches")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                kv_caches, cmp_caches):
        l, d, P = self.l, self.d, self.P
        ctx = positions + 1
        pos_w = _window(ctx, l)
        page_w = block_table.gather(1, pos_w // P)
        off_w = pos_w % P
        writes = _ready(ctx, l, d)
        page_new, off_new = slot_mapping // P, slot_mapping % P
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            kc, vc = kv_caches[i, 0], kv_caches[i, 1]
            kc[page_new, off_new] = k
            vc[page_new, off_new] = v
            for j, (src, w) in enumerate(((kc, layer.cmp_w_k), (vc, layer.cmp_w_v))):
                c = cmp_caches[i, j]
                val = (src[page_w, off_w].float() * w.float()[:, :, None]).sum(dim=1).to(c.dtype)
                c[cmp_slot_mapping] = torch.where(writes[:, None, None], val, c[cmp_slot_mapping])
            h = layer.finish(h, x, q, ctx, _paged_read(kc, vc, block_table, P), cmp_caches[i, 0][cmp_block_table],
                             cmp_caches[i, 1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        kvs, cmps = st["kvs"], st["cmps"]
        kv = torch.stack([torch.stack(kvs[2 * i: 2 * i + 2]) for i in range(self.NL)])
        cmp = torch.stack([torch.stack(cmps[2 * i: 2 * i + 2]) for i in range(self.NL)])
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv_caches=kv, cmp_caches=cmp)

    def specs(self):
        return [_kv_spec(f"{'kv'[j]}{i}", lambda a, r, i=i, j=j: a["kv_caches"][i, j],
                         lambda a, r, i=i, j=j: a["cmp_caches"][i, j],
                         lambda m, i=i, j=j: (m.layers[i].cmp_w_k, m.layers[i].cmp_w_v)[j],
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(self.NL) for j in range(2)]


# ----------------------------------------------------------------------------------------------------
# HF Cache-class port, three layers
# ----------------------------------------------------------------------------------------------------

class PagedNsaCache:
    """An HF ``Cache``-like holder: per-layer paged key/value tensors and compressed tensors, a block table and a
    compressed-row table; ``update`` appends the new token, ``compress`` writes the layer's new compressed rows."""

    def __init__(self, key_cache, value_cache, cmp_key, cmp_value, block_table, cmp_block_table, l, d):
        self.key_cache, self.value_cache = key_cache, value_cache
        self.cmp_key, self.cmp_value = cmp_key, cmp_value
        self.block_table, self.cmp_block_table = block_table, cmp_block_table
        self.l, self.d = l, d
        self.page_size = key_cache[0].shape[1]

    def update(self, k, v, layer_idx, cache_position):
        P = self.page_size
        page = self.block_table[torch.arange(k.shape[0], device=k.device), cache_position // P]
        self.key_cache[layer_idx][page, cache_position % P] = k
        self.value_cache[layer_idx][page, cache_position % P] = v

    def _pool(self, cache, w, seq_len):
        P = self.page_size
        pos = _window(seq_len, self.l)
        toks = cache[self.block_table.gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        return torch.matmul(w.float().t().unsqueeze(1), toks.permute(0, 2, 1, 3)).squeeze(2)  # [B, N, D]

    def compress(self, layer_idx, w_k, w_v, seq_len):
        l, d = self.l, self.d
        slot = self.cmp_block_table.gather(1, torch.div(seq_len - l, d, rounding_mode="floor").clamp(min=0)[:, None])
        slot = slot.squeeze(1)
        new = (seq_len >= l) & ((seq_len - l) % d == 0)
        for cache, cmp, w in ((self.key_cache, self.cmp_key, w_k), (self.value_cache, self.cmp_value, w_v)):
            c = cmp[layer_idx]
            pooled = self._pool(cache[layer_idx], w, seq_len).to(c.dtype)
            c.index_put_((slot,), torch.where(new[:, None, None], pooled, c[slot]))

    def reader(self, layer_idx):
        return _paged_read(self.key_cache[layer_idx], self.value_cache[layer_idx], self.block_table, self.page_size)

    def rows(self, layer_idx):
        t = self.cmp_block_table
        return self.cmp_key[layer_idx][t], self.cmp_value[layer_idx][t]


class HfCacheClass3L(DecodeModel):
    """HF port, three layers: a ``PagedNsaCache`` built from the flattened per-layer tensors, ``update`` then
    ``compress`` per layer, the compressed slot ``cmp_block_table[b, (s - l) // d]``, ``matmul`` pooling."""
    SIZES = SMALL
    NL = 3
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table") + tuple(
        f"{n}_{i}" for i in range(3) for n in ("k", "v", "ck", "cv"))
    BATCH = ARGS[:4]

    def forward(self, hidden, cache_position, block_table, cmp_block_table, *tensors):
        t = [tensors[4 * i: 4 * i + 4] for i in range(self.NL)]
        cache = PagedNsaCache([x[0] for x in t], [x[1] for x in t], [x[2] for x in t], [x[3] for x in t],
                              block_table, cmp_block_table, self.l, self.d)
        seq_len = cache_position + 1
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, cache_position)
            cache.update(k, v, i, cache_position)
            cache.compress(i, layer.cmp_w_k, layer.cmp_w_v, seq_len)
            ck, cv = cache.rows(i)
            h = layer.finish(h, x, q, seq_len, cache.reader(i), ck, cv, self.l, self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        named = dict(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                     cmp_block_table=st["cmp_table"])
        for i in range(self.NL):
            named.update({f"k_{i}": st["kvs"][2 * i], f"v_{i}": st["kvs"][2 * i + 1], f"ck_{i}": st["cmps"][2 * i],
                          f"cv_{i}": st["cmps"][2 * i + 1]})
        return self.pack(**named)

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            s = a["cache_position"] + 1
            return a["cmp_block_table"].gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)
        return [_kv_spec(f"{kv}{i}", lambda a, r, kv=kv, i=i: a[f"{kv}_{i}"], lambda a, r, kv=kv, i=i: a[f"c{kv}_{i}"],
                         lambda m, kv=kv, i=i: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1, slots) for i in range(self.NL) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM-style paged caches, one realistic bug each
# ----------------------------------------------------------------------------------------------------

NEAR_MISSES = {
    "window_one_early": "the window is positions s-l-1 .. s-2 (forgot that the new token is already appended): "
                        "differs on every completing row",
    "no_stride_check": "writes whenever s >= l, ignoring (s - l) % d, at cmp_block_table[b, (s - l) // d]: a row with "
                       "s >= l, (s - l) % d != 0 overwrites its last completed row with a shifted window",
    "fp16_products": "products w * x rounded to fp16 before the fp32 sum: differs where a product is inexact in fp16",
    "weights_reversed": "weight row l-1-j applied to window token j: differs wherever the weight rows differ",
    "compress_before_append": "compresses before the new token is appended: the window's last token is the old "
                              "(NaN/inf poisoned) value, differs on every completing row",
    "last_page_for_all": "every window token read from the page of position s-1: differs on completing rows whose "
                         "window spans two pages",
    "partial_first_window": "condition s % d == 0 (no s >= l), slot cmp_block_table[b, max((s - l) // d, 0)]: a row "
                            "with s = d < l writes a partial (clamped) window over its first compressed row",
}


class NearMiss(DecodeModel):
    """One layer, ``[NB, P, N, D]`` caches, ``cmp_slot_mapping``; ``bug`` names the mistake (see NEAR_MISSES)."""
    SIZES = SMALL
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def __init__(self, dtype, bug, **kw):
        self.bug = bug
        super().__init__(dtype, **kw)

    def _compress(self, cache, cmp, w, s, block_table, cmp_slot_mapping, cmp_block_table):
        l, d, P, bug = self.l, self.d, self.P, self.bug
        start = s - l - 1 if bug == "window_one_early" else s - l
        pos = (start[:, None] + torch.arange(l, device=s.device)).clamp(min=0)
        if bug == "last_page_for_all":
            pages = block_table.gather(1, ((s - 1).clamp(min=0) // P)[:, None]).expand(-1, l)
        else:
            pages = block_table.gather(1, pos // P)
        toks = cache[pages, pos % P]
        wt = w.flip(0) if bug == "weights_reversed" else w
        if bug == "fp16_products":
            prod = (toks * wt[None, :, :, None].to(toks.dtype)).float()
        else:
            prod = toks.float() * wt.float()[None, :, :, None]
        pooled = prod.sum(1).to(cmp.dtype)
        if bug in ("no_stride_check", "partial_first_window"):  # slots from the request's table, as HF ports do
            cmp_slot_mapping = cmp_block_table.gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)
        if bug == "no_stride_check":
            cond = s >= l
        elif bug == "partial_first_window":
            cond = (s % d == 0) & (s > 0)
        else:
            cond = _ready(s, l, d)
        cmp[cmp_slot_mapping] = torch.where(cond[:, None, None], pooled, cmp[cmp_slot_mapping])

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                k_cache, v_cache, cmp_k, cmp_v):
        P = self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        s = positions + 1
        work = ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v))
        if self.bug == "compress_before_append":
            for cache, cmp, w in work:
                self._compress(cache, cmp, w, s, block_table, cmp_slot_mapping, cmp_block_table)
        k_cache[slot_mapping // P, slot_mapping % P] = k
        v_cache[slot_mapping // P, slot_mapping % P] = v
        if self.bug != "compress_before_append":
            for cache, cmp, w in work:
                self._compress(cache, cmp, w, s, block_table, cmp_slot_mapping, cmp_block_table)
        return layer.finish(hidden, x, q, s, _paged_read(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                            cmp_v[cmp_block_table], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------------------------------

def _case(name, cls, expect, compressions, dtype, note, **kw):
    def build(dt, cls=cls, kw=kw):
        return cls(dt, **kw)

    batch = tuple(cls.ARGS.index(a) for a in cls.BATCH)
    return ModelCase(name, build, lambda model, B, seed: model.make_inputs(B, seed), expect, compressions, golden,
                     dtype, note, caches, batch)


f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32

MODEL_CASES = [
    _case("vllm_v1_unbind_2l", VllmV1Unbind2L, "fuse", 4, f16, VllmV1Unbind2L.__doc__, layers=2),
    _case("vllm_ascend_vendor_sig", VllmAscendVendorSig, "fuse", 2, bf16, VllmAscendVendorSig.__doc__),
    _case("sglang_pool_p1", SglangPoolP1, "fuse", 2, f16, SglangPoolP1.__doc__),
    _case("sglang_paged_tokens_2l", SglangPagedTokens2L, "fuse", 4, bf16, SglangPagedTokens2L.__doc__, layers=2),
    _case("flashinfer_hnd_stacked", FlashinferHndStacked, "fuse", 2, f16, FlashinferHndStacked.__doc__),
    _case("hf_static_per_request", HfStaticPerRequest, "fuse", 2, f32, HfStaticPerRequest.__doc__),
    _case("deepseek_latent_indexer", DeepseekLatentIndexer, "fuse", 2, bf16, DeepseekLatentIndexer.__doc__),
    _case("lucidrains_functional", LucidrainsFunctional, "fuse", 2, f16, LucidrainsFunctional.__doc__),
    _case("fla_mean_pool_l16", FlaMeanPool, "fuse", 2, bf16, FlaMeanPool.__doc__),
    _case("vllm_cudagraph_pad_int32", VllmCudagraphPadInt32, "fuse", 2, f16, VllmCudagraphPadInt32.__doc__),
    _case("stacked_layers_4l", StackedLayers4L, "fuse", 8, f16, StackedLayers4L.__doc__, layers=4),
    _case("hf_cache_class_3l", HfCacheClass3L, "fuse", 6, bf16, HfCacheClass3L.__doc__, layers=3),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 2, f16, note, bug=bug)
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
