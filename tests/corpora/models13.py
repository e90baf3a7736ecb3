"""A thirteenth blind corpus of whole NSA decode models (``models13``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / advice / limits sections and public serving code (vLLM, vllm-ascend, SGLang, FlashInfer, HF
transformers, DeepSeek, lucidrains, fla), without reading the recogniser, its tests or the other corpora's models
(only the file format: ``models8``'s docstring and format, ``run_models``' docstring and flags, and the shared
building blocks of ``models3``/``models4``, which this file imports); while looking up ``models4``'s ``_case`` / ``_dense_state`` helpers I
also saw the code of its ``HfStaticCache`` model, which is not a forbidden corpus). Every model is one decode step of a 1-4 layer
decoder: RMSNorm, projections, rotary, the new token's K/V (or an MLA latent) appended to the layer's cache, K and V
(or the latent) compressed into compressed caches (the contract, in the idiom of that stack), then compressed,
selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives (14; 6 multi-layer: 2, 2, 3, 4, 2, 2 layers; fp16 x 7, bf16 x 5, fp32 x 2):

* ``vllm_v1_cudagraph_padded_2l`` (fp16, 2 layers): vLLM v1 ``[2, NB, P, N, D]`` per layer, K and V appended in one
  ``kv[:, slot // P, slot % P] = stack((k, v))``, a CUDA-graph padded batch (2 pad rows: position -1, block table and
  append slots on a spare page, compressed slot -1), ``einsum('blnd,ln->bnd')``, ``index_put_`` of ``where``;
* ``ascend_vendor_loop_int32`` (bf16): vllm-ascend int32 ``seq_lens`` / ``slot_mapping`` / ``block_tables`` /
  compressed slots, a vendor-signature fallback ``npu_nsa_compress_infer(...)`` with a window loop (fp32, window
  order) and ``index_copy_``; P = 64 (the vendor's page size);
* ``hf_static_per_request_fp32`` (fp32): HF StaticCache dense head-major ``[B, N, T, D]``, per-request compressed
  ``[B, max_cmp, N, D]`` written ``cmp[rows, (s - l) // d] = where(...)`` (extra (a)), no casts;
* ``hnd_head_major_scatter`` (fp16): FlashInfer HND pages ``[NP, N, P, D]``, lucidrains-style head-major per-request
  compressed memories ``[B, N, max_cmp, D]`` written with ``scatter_`` along dim 2 (extra (a));
* ``vllm_paged_compressed_2l`` (bf16, 2 layers): a PAGED compressed cache ``[NBc, 4, N, D]`` with its own compressed
  block table, slot ``cmp_block_table[b, i // 4] * 4 + i % 4`` (extra (b)), ``matmul`` pooling;
* ``flashinfer_stacked_kv`` (fp16): K and V stacked in one paged cache ``[NP, 2, P, N, D]`` AND in one compressed
  cache ``[S, 2, N, D]`` (extra (c)), ragged ``kv_indptr`` / ``kv_indices`` / ``kv_last_page_len`` (int32), lengths
  by FlashInfer's ``get_seq_lens`` formula, one window gather for K and V;
* ``sglang_token_pool_3l`` (fp16, 3 layers): SGLang flat token pools, int32 ``req_to_token`` /
  ``cmp_req_to_token`` (extra (d), (g), (h)), ``(tokens.transpose(1, 2) * w.t()[..., None]).sum(2)``;
* ``deepseek_mla_latent_4l`` (bf16, 4 layers): MLA latent ``[NB, P, 64]`` without a head dim, compressed once per
  layer with a ``[l]`` weight, ``einsum('blc,l->bc')``, ``index_copy_`` (extra (e), (g));
* ``hf_cache_buffer_offsets_2l`` (fp16, 2 layers): an HF ``Cache`` object, window offsets from a non-persistent module
  buffer ``arange(-l, 0)`` (extra (f)), ``[N, l]`` checkpoint weights, a Python window loop, ``cmp[slot] = where``;
* ``vllm_mean_scatter`` (fp16, l = 16, d = 8): mean pooling (constant weights), ``index_select`` over flat token
  slots, ``scatter_`` into ``cmp.view(S, N * D)``;
* ``functional_index_put_2l`` (fp32, 2 layers): functional out-of-place ``index_put`` appends and compressed writes,
  every cache returned, ``einsum('ln,blnd->bnd')``, slot -1 padding;
* ``vllm_flat_bmm`` (fp16): flat ``view(-1, N, D)`` caches, ``torch.bmm`` over ``B * N`` rows, slot -1 padding;
* ``sglang_paged_pool`` (bf16): SGLang page size 16 (page-aligned token ids), ``req_to_token[rpi[:, None], pos]``, a
  precomputed ``cmp_out_cache_loc``, ``index_put_``;
* ``fla_dense_sum_generator`` (bf16, l = d = 16): fla-style dense per-request state ``[B, T, N, D]``, the pooled row
  as Python ``sum(w[j] * x_j for j in range(l))`` (fp32, window order), per-request compressed ``[B, max_cmp, N, D]``
  written through its flat view with ``index_copy_`` at ``rows * max_cmp + idx``.

Near misses (9; one layer, vLLM-style ``[NB, P, N, D]`` caches, K and V, slots the request's own compressed row;
``note`` names where each differs; each differs from the golden in EVERY compressed cache on the corpus inputs):
window one token early, flat slots with the wrong page size (8 for 16), ``[N, l]`` weight ``reshape``d instead of
transposed, a stale slot (the previous length's row), the condition on positions instead of lengths, a mean divided
by d instead of l, a cast through bf16 into an fp16 cache, fp16 products summed in fp32, a length guard one stride
low (``s >= l - d``).

Inputs: ``models3.gen_state`` (B = 8, 4 completing rows, poisoned unread positions and kept rows); every positive's
compressions were checked against ``nsa_fusion.compress_infer`` with value checks (valid input, equal to the golden).
``check_eager()`` (``python tests/corpora/models13.py``): positives equal the golden bit for bit (within fp tolerance
for ``hf_static_per_request_fp32``'s fp32 ``sum(1)``), near misses differ in every compressed cache.

First try, 2026-12-05 01:36-02:29 UTC, on the frozen base 806b2f9 (``/tmp/base_m13/READY``; ``PYTHONPATH=/tmp/base_m13``,
``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, this file copied unchanged into it; nothing changed after seeing results but
this docstring): eager check, then ``run_models.py --corpus models13 --dialects inductor,torchair`` with ``--dynamic
static``, ``batch``, ``all`` (sequential runs), B = 8; log ``/tmp/models13_first.log``, results
``/tmp/models13_first_{static,batch,all}.json``. Positives with EVERY compression fused and bit-exact / applicable;
near misses fused; crashes (an error with the pass where the mode compiles with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   near misses fused     crashes  n/a
    inductor static         12/14       2/9 (see below: 0/7)  0        0
    inductor mark_dynamic   12/14       2/9 (0/7)             0        0
    inductor dynamic=True   11/14       2/9 (0/7)             0        0
    torchair static         12/14       2/9 (0/7)             0        0
    torchair mark_dynamic   12/14       2/9 (0/7)             0        0
    torchair dynamic=True   11/14       2/9 (0/7)             0        0
    TOTAL: 70/84 positive runs (83 %) with every compression fused and bit-exact; every run that fused anything fused
    every compression and was bit-exact (70/70); no crash, nothing n/a, every near-miss run eager-equal.

The positive misses, with the pass's reason:

* hnd_head_major_scatter (6/6 runs, 0 candidates): ``ignored scatter (aten.scatter.src): a write into `cmp_k_mem`
  [8, 4, 5, 32]: the write is along dim 2, not the cache rows (not a compression step)`` and ``no row write into a
  cache was found``: head-major per-request compressed memories ``[B, N, max_cmp, D]`` written with ``scatter_`` on
  dim 2. A gap (the contract with ``cache = mem.transpose(1, 2).flatten(0, 1)``-style rows ``b * max_cmp + i``); the
  same family as models8's head-major ``cmp[:, slot]``. ``hf_static_per_request_fp32`` (token-major ``[B, max_cmp, N,
  D]``, ``cmp[rows, idx] = where``) fused everywhere.
* flashinfer_stacked_kv (6/6 runs, 2 candidates refused): ``gather: tokens are gathered from index_put
  (aten.index_put.default), which is not a [num_blocks, P, N, D] torch.float16 tensor`` (at ``paged_kv_cache[page, :,
  pos % P] = stack((k, v), dim=1)``; that append is ``ignored: ... indexes inside the cache rows with data-dependent
  indices``): K and V in ONE ``[NP, 2, P, N, D]`` cache appended as a pair and read by one gather
  ``paged_kv_cache[pages, :, off]`` -> ``[B, l, 2, N, D]`` then ``[:, :, 0]`` / ``[:, :, 1]``. A gap: the contract with
  ``input = paged_kv_cache[:, 0]`` / ``[:, 1]`` (non-contiguous views) and the ``[S, 2, N, D]`` compressed cache's
  ``[:, j]`` views. ``vllm_v1_cudagraph_padded_2l`` (``[2, NB, P, N, D]``, K/V appended in one write
  ``kv[:, page, off] = stack``, compressed from ``kv[0]`` / ``kv[1]``) fused everywhere, so the miss is the pair
  gathered as one tensor / the stacked dim after the page dim.
* fla_dense_sum_generator (dynamic=True only, both dialects; static and mark_dynamic fused 2/2 bit-exact): ``write:
  the slots are shifted with aten.add.Tensor and not brought back by a remainder by the number of cache rows: written
  rows' slots may leave [0, num_slots), where the op raises and eager indexes Python-style``: the slot ``rows * max_cmp
  + clamp((s - l) // d, 0)`` into ``comp.view(B * max_cmp, N, D)`` with ``max_cmp`` symbolic. Conservative rather
  than wrong: no input rule ties ``max_cmp`` to the capacity, so with symbolic sizes ``idx < max_cmp`` is not
  implied (with static sizes it is: max_cmp = (T - l) // d + 1).

Near misses: 7 of 9 unfused in all 6 modes (42/42 runs), every run eager-equal. Two "near misses" fused in all 6
modes, eager-equal in every run: they are MY design errors, not false fusions. ``nm_weight_reshape_not_t`` computes
the contract exactly with weight ``w.reshape(l, N)`` (a permuted but legitimate ``[l, N]`` weight), and
``nm_stale_slot`` computes it exactly with slot ``cmp_block_table[b, (s - 1 - l) // d]`` (a distinct own row per
request: a valid slot mapping). Checked after the first try: the contract golden with those arguments equals the
model's eager compressed caches bit for bit (both caches, both models), and the compiled runs were eager-equal, so
the pass fused the model's own semantics. (The contract is parametric in weight and slot; a "wrong weight" or "wrong
slot" is not a near miss unless it breaks the formula's shape, e.g. a weight indexed by absolute position.)

Other findings:

* deepseek_mla_latent_4l, Inductor (3 modes): fused 4/4, caches bit-exact, but ``eager_equal`` False; with
  ``NSA_FUSION_DISABLE=1`` (inductor static, run after the first try) ``eager_equal`` is False too: plain Inductor's
  bf16 numerics over 4 layers, not the pass. torchair: eager-equal.
* Idioms that fused bit-exact in all 6 runs: a CUDA-graph padded batch (pad rows position -1, spare page, slot -1); a
  vendor-signature fallback with a window loop on int32 metadata; HF static dense head-major KV with token-major
  per-request compressed caches (fp32 ``sum(1)``); a PAGED compressed cache through a compressed block table (2
  layers); SGLang int32 token pools, 3 layers (6/6); a 4-layer MLA latent with a ``[l]`` weight; an HF Cache object
  with module-buffer offsets and ``[N, l]`` weights in a window loop; mean pooling + ``scatter_`` into a ``view(S, N *
  D)``; functional ``index_put`` over 2 layers returning every cache; ``bmm`` over ``B * N`` rows; SGLang page size 16
  with a precomputed compressed loc. Python ``sum(generator)`` pooling fused bit-exact in static / mark_dynamic.

Repro: ``cd /tmp/base_m13 && PYTHONPATH=$PWD TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 python tests/corpora/run_models.py
--corpus models13 --only hnd_head_major_scatter,flashinfer_stacked_kv,fla_dense_sum_generator --dynamic all``;
``nsa_fusion.explain(model, *inputs)`` for the reasons above.
"""
from __future__ import annotations

import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import _flat_state, _poison  # noqa: E402
from models4 import DecodeModel, _append_slots, _case, _dense_state, _kv_spec, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


# ----------------------------------------------------------------------------------------------------
# small helpers (input side only; every model spells its own compression step)
# ----------------------------------------------------------------------------------------------------

def _per_layer(L, *names):
    return tuple(f"{n}_{i}" for i in range(L) for n in names)


def _own_cmp_slot(st, l, d):
    """The compressed row a request's newest window goes to (its first row before any window): always a row the
    request owns, so rows that write nothing rewrite their own row with its old value."""
    idx = torch.div(st["s"] - l, d, rounding_mode="floor").clamp(min=0)
    return st["cmp_table"].gather(1, idx[:, None]).squeeze(1)


def _spare_pages(st):
    used = set(int(p) for p in st["table"].flatten().tolist() if p >= 0)
    return [p for p in range(st["NB"]) if p not in used]


# ====================================================================================================
# Positives
# ====================================================================================================

# --- P1. vLLM v1, CUDA-graph padded batch, [2, NB, P, N, D] per layer, einsum, index_put_, 2 layers -------------

class VllmV1Padded2L(DecodeModel):
    """vLLM v1 (fp16, 2 layers): per-layer ``kv_cache`` ``[2, NB, P, N, D]``, K and V appended in one write
    ``kv_cache[:, slot // P, slot % P] = stack((k, v))``; the batch padded for CUDA graphs (the last 2 rows:
    position -1, block-table row and slot on a spare page), compressed slot -1 on rows that write nothing;
    ``einsum('blnd,ln->bnd')`` in fp32, ``cmp.index_put_((slots,), where(ready, pooled, cmp[slots]))``."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    META = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")
    ARGS = META + _per_layer(2, "kv_cache") + _per_layer(2, "cmp_k", "cmp_v")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=2, seed=seed)

    def compress(self, cache, w, seq_lens, block_table, slots, out):
        l, d, P = self.l, self.d, self.P
        token_pos = (seq_lens - l).unsqueeze(1) + torch.arange(l, device=seq_lens.device)
        token_pos = token_pos.clamp(min=0)
        block_ids = block_table.gather(1, token_pos // P)
        tokens = cache[block_ids, token_pos % P]
        pooled = torch.einsum("blnd,ln->bnd", tokens.float(), w.float()).to(out.dtype)
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        out.index_put_((slots,), torch.where(ready[:, None, None], pooled, out[slots]))

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        P = self.P
        seq_lens = positions + 1
        h = hidden
        for layer, kv, ck, cv in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_k_0, cmp_k_1), (cmp_v_0, cmp_v_1)):
            x, q, k, v = layer.project(h, positions)
            kv[:, slot_mapping // P, slot_mapping % P] = torch.stack((k, v))
            self.compress(kv[0], layer.cmp_w_k, seq_lens, block_table, cmp_slot_mapping, ck)
            self.compress(kv[1], layer.cmp_w_v, seq_lens, block_table, cmp_slot_mapping, cv)

            def read(p, kv=kv):
                blk = block_table.gather(1, p // P)
                return kv[0][blk, p % P], kv[1][blk, p % P]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_block_table], cv[cmp_block_table], self.l, self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P = self.P
        spare = _spare_pages(st)
        s, table, cmp_slot = st["s"].clone(), st["table"].clone(), st["cmp_slot"].clone()
        pad = [B - 2, B - 1] if B >= 4 else []
        for i, b in enumerate(pad):
            s[b] = 0
            table[b] = spare[0]
            cmp_slot[b] = -1
        pos = (s - 1).clamp(min=0)
        slot_mapping = table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        for i, b in enumerate(pad):
            slot_mapping[b] = spare[0] * P + i
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=s - 1, slot_mapping=slot_mapping, block_table=table,
                         cmp_slot_mapping=cmp_slot, cmp_block_table=st["cmp_table"],
                         kv_cache_0=torch.stack((kvs[0], kvs[1])), kv_cache_1=torch.stack((kvs[2], kvs[3])),
                         cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3])

    def specs(self):
        return [_kv_spec(f"{kv}{i}", lambda a, r, i=i, j=j: a[f"kv_cache_{i}"][j],
                         lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(2) for j, kv in enumerate("kv")]


# --- P2. vllm-ascend: int32 metadata, vendor-signature fallback with a window loop, index_copy_ -------------------

def npu_nsa_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                           block_table, actual_seq_len, cache):
    """CPU / graph fallback of ``torch_npu.npu_nsa_compress_infer`` (``.cache`` overload): one window position at a
    time, fp32 accumulation in window order, one rounding."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    seq = actual_seq_len.to(torch.int64)
    tables = block_table.to(torch.int64)
    acc = torch.zeros(input.shape[2:], dtype=torch.float32, device=input.device).expand(seq.shape[0], -1, -1)
    for j in range(l):
        p = (seq - l + j).clamp(min=0)
        page = tables.gather(1, (p // P).unsqueeze(-1)).squeeze(-1)
        acc = acc + weight[j].float().view(1, -1, 1) * input[page, p % P].float()
    finished = (seq >= l) & ((seq - l) % d == 0)
    rows = slot_mapping.to(torch.int64)
    cache.index_copy_(0, rows, torch.where(finished.view(-1, 1, 1), acc.to(cache.dtype), cache.index_select(0, rows)))
    return cache


class AscendVendorLoopInt32(DecodeModel):
    """vllm-ascend (bf16, 1 layer): int32 ``seq_lens`` / ``slot_mapping`` / ``block_tables`` / compressed slots (the
    metadata builder's dtypes), separate ``key_cache`` / ``value_cache`` ``[NB, 64, N, D]`` appended through
    ``view(-1, N, D)[slot_mapping]``, the compression through a vendor-signature fallback (window loop in fp32,
    ``index_copy_``); compressed slots are each request's own row (no -1)."""
    SIZES = dict(l=32, d=16, P=64, MP=3, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables, key_cache,
                value_cache, cmp_key_cache, cmp_value_cache):
        layer = self.layers[0]
        N, D, P = self.N, self.D, self.P
        positions = seq_lens.long() - 1
        x, q, k, v = layer.project(hidden, positions)
        key_cache.view(-1, N, D)[slot_mapping.long()] = k
        value_cache.view(-1, N, D)[slot_mapping.long()] = v
        npu_nsa_compress_infer(key_cache, layer.cmp_w_k, cmp_slot_mapping, self.l, self.d, P,
                               block_table=block_tables, actual_seq_len=seq_lens, cache=cmp_key_cache)
        npu_nsa_compress_infer(value_cache, layer.cmp_w_v, cmp_slot_mapping, self.l, self.d, P,
                               block_table=block_tables, actual_seq_len=seq_lens, cache=cmp_value_cache)
        bt = block_tables.long()

        def read(p):
            flat = bt.gather(1, p // P) * P + p % P
            return key_cache.view(-1, N, D)[flat], value_cache.view(-1, N, D)[flat]

        ct = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens.long(), read, cmp_key_cache[ct], cmp_value_cache[ct], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(i32), slot_mapping=_append_slots(st, self.P).to(i32),
                         block_tables=st["table"].to(i32), cmp_slot_mapping=_own_cmp_slot(st, self.l, self.d).to(i32),
                         cmp_block_tables=st["cmp_table"].to(i32), key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [_kv_spec(n, lambda a, r, c=c: a[c], lambda a, r, o=o: a[o], lambda m, w=w: getattr(m.layers[0], w),
                         lambda a: a["block_tables"].long(), lambda a: a["seq_lens"].long(),
                         lambda a: a["cmp_slot_mapping"].long())
                for n, c, o, w in (("k", "key_cache", "cmp_key_cache", "cmp_w_k"),
                                   ("v", "value_cache", "cmp_value_cache", "cmp_w_v"))]


# --- P3. HF StaticCache port: dense head-major [B, N, T, D], per-request [B, max_cmp, N, D], fp32 -----------------

class HfStaticPerRequestFp32(DecodeModel):
    """HF transformers port on a static cache (fp32, 1 layer): ``key_cache`` ``[B, N, T, D]`` written
    ``k_cache[rows, :, cache_position] = k``, the window read ``k_cache[rows[:, None], :, window]``, sum of products
    ``(tokens * w[None, :, :, None]).sum(1)`` (no casts), per-request compressed caches ``[B, max_cmp, N, D]``
    written at the request's compressed index ``cmp[rows, (s - l) // d] = where(...)``."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=4, D=32)
    ARGS = ("hidden", "cache_position", "key_cache", "value_cache", "compressed_keys", "compressed_values")
    BATCH = ARGS

    def forward(self, hidden, cache_position, key_cache, value_cache, compressed_keys, compressed_values):
        layer = self.layers[0]
        l, d = self.l, self.d
        rows = torch.arange(hidden.shape[0], device=hidden.device)
        x, q, k, v = layer.project(hidden, cache_position)
        key_cache[rows, :, cache_position] = k
        value_cache[rows, :, cache_position] = v
        total = cache_position + 1
        window = (total[:, None] - l + torch.arange(l, device=hidden.device)[None, :]).clamp(min=0)
        block_idx = ((total - l) // d).clamp(min=0)
        is_boundary = (total >= l) & ((total - l) % d == 0)
        for kc, cc, w in ((key_cache, compressed_keys, layer.cmp_w_k), (value_cache, compressed_values, layer.cmp_w_v)):
            tokens = kc[rows[:, None], :, window]  # [B, l, N, D]
            pooled = (tokens * w[None, :, :, None]).sum(1)
            cc[rows, block_idx] = torch.where(is_boundary[:, None, None], pooled, cc[rows, block_idx])

        def read(p):
            return key_cache[rows[:, None], :, p], value_cache[rows[:, None], :, p]

        return layer.finish(hidden, x, q, total, read, compressed_keys, compressed_values, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        kvs = [kv.transpose(1, 2).contiguous() for kv in kvs]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, key_cache=kvs[0], value_cache=kvs[1],
                         compressed_keys=cmps[0], compressed_values=cmps[1])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            return torch.arange(s.shape[0]) * a["compressed_keys"].shape[1] + ((s - self.l) // self.d).clamp(min=0)

        return [_kv_spec(n, lambda a, r, c=c: a[c].transpose(1, 2), lambda a, r, o=o: a[o].flatten(0, 1),
                         lambda m, w=w: getattr(m.layers[0], w),
                         lambda a: torch.arange(a["cache_position"].shape[0])[:, None],
                         lambda a: a["cache_position"] + 1, slots)
                for n, c, o, w in (("k", "key_cache", "compressed_keys", "cmp_w_k"),
                                   ("v", "value_cache", "compressed_values", "cmp_w_v"))]


# --- P4. FlashInfer HND pages, head-major per-request compressed [B, N, max_cmp, D], scatter_ --------------------

class HndHeadMajorScatter(DecodeModel):
    """FlashInfer HND paged KV ``[NP, N, P, D]`` (fp16, 1 layer), appended ``k_pages[page, :, off] = k``, the window
    ``k_pages[pages, :, off]`` pooled with ``einsum('blhd,lh->bhd')``; lucidrains-style head-major per-request
    compressed memories ``[B, N, max_cmp, D]`` written with ``scatter_`` along dim 2 at the request's index."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "block_table", "k_pages", "v_pages", "cmp_k_mem", "cmp_v_mem")
    BATCH = ("hidden", "seq_lens", "block_table", "cmp_k_mem", "cmp_v_mem")

    def forward(self, hidden, seq_lens, block_table, k_pages, v_pages, cmp_k_mem, cmp_v_mem):
        layer = self.layers[0]
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        page = block_table.gather(1, (pos // P).unsqueeze(1)).squeeze(1)
        k_pages[page, :, pos % P] = k
        v_pages[page, :, pos % P] = v
        win = torch.arange(l, device=hidden.device) + (seq_lens - l).clamp(min=0).unsqueeze(1)
        pages = block_table.gather(1, win // P)
        emit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        at = ((seq_lens - l) // d).clamp(min=0).view(B, 1, 1, 1).expand(B, N, 1, D)
        for kv, mem, w in ((k_pages, cmp_k_mem, layer.cmp_w_k), (v_pages, cmp_v_mem, layer.cmp_w_v)):
            toks = kv[pages, :, win % P]  # [B, l, N, D]
            summary = torch.einsum("blhd,lh->bhd", toks.float(), w.float()).to(mem.dtype).unsqueeze(2)
            mem.scatter_(2, at, torch.where(emit.view(B, 1, 1, 1), summary, mem.gather(2, at)))

        def read(p):
            pg = block_table.gather(1, p // P)
            return k_pages[pg, :, p % P], v_pages[pg, :, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_mem.transpose(1, 2), cmp_v_mem.transpose(1, 2), l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs = [kv.transpose(1, 2).contiguous() for kv in st["kvs"]]
        mems = [c[st["cmp_table"]].transpose(1, 2).contiguous() for c in st["cmps"]]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"], k_pages=kvs[0],
                         v_pages=kvs[1], cmp_k_mem=mems[0], cmp_v_mem=mems[1])

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return torch.arange(s.shape[0]) * a["cmp_k_mem"].shape[2] + ((s - self.l) // self.d).clamp(min=0)

        return [_kv_spec(n, lambda a, r, c=c: a[c].transpose(1, 2), lambda a, r, o=o: a[o].transpose(1, 2).flatten(0, 1),
                         lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_table"],
                         lambda a: a["seq_lens"], slots)
                for n, c, o, w in (("k", "k_pages", "cmp_k_mem", "cmp_w_k"), ("v", "v_pages", "cmp_v_mem", "cmp_w_v"))]


# --- P5. vLLM with a paged compressed cache (compressed block table), matmul, 2 layers, bf16 ----------------------

class VllmPagedCompressed2L(DecodeModel):
    """vLLM (bf16, 2 layers): ``key_cache`` / ``value_cache`` ``[NB, P, N, D]`` per layer; the compressed caches are
    paged too, ``[NBc, Pc, N, D]`` with Pc = 4 and their own ``cmp_block_table``; row ``i`` of a request lives at
    ``cmp_block_table[b, i // Pc] * Pc + i % Pc`` of the flat view; pooling ``matmul(w.t()[:, None, :],
    tokens.permute(0, 2, 1, 3))``; the write ``cmp.view(-1, N, D)[slot] = where(...)``."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    PC = 4
    META = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table")
    ARGS = META + _per_layer(2, "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=2, seed=seed)

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, key_cache_0, value_cache_0,
                cmp_key_0, cmp_value_0, key_cache_1, value_cache_1, cmp_key_1, cmp_value_1):
        l, d, P, N, D, Pc = self.l, self.d, self.P, self.N, self.D, self.PC
        positions = seq_lens - 1
        start = torch.clamp(seq_lens - l, min=0)
        offs = start[:, None] + torch.arange(l, device=hidden.device)
        blocks = torch.gather(block_table, 1, offs // P)
        n_cmp = torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)
        cmp_slot = torch.gather(cmp_block_table, 1, (n_cmp // Pc)[:, None])[:, 0] * Pc + n_cmp % Pc
        should_write = (seq_lens >= l) & (torch.remainder(seq_lens - l, d) == 0)
        c = torch.arange(cmp_block_table.shape[1] * Pc, device=hidden.device)
        c_slots = cmp_block_table[:, c // Pc] * Pc + c % Pc
        h = hidden
        caches = ((key_cache_0, value_cache_0, cmp_key_0, cmp_value_0), (key_cache_1, value_cache_1, cmp_key_1,
                                                                        cmp_value_1))
        for layer, (kc, vc, ck, cv) in zip(self.layers, caches):
            x, q, k, v = layer.project(h, positions)
            kc.view(-1, N, D)[slot_mapping] = k
            vc.view(-1, N, D)[slot_mapping] = v
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                toks = cache[blocks, offs % P]  # [B, l, N, D]
                pooled = torch.matmul(w.float().t()[:, None, :], toks.float().permute(0, 2, 1, 3)).squeeze(2)
                flat = cmp.view(-1, N, D)
                flat[cmp_slot] = torch.where(should_write[:, None, None], pooled.to(cmp.dtype), flat[cmp_slot])

            def read(p, kc=kc, vc=vc):
                pg = block_table.gather(1, p // P)
                return kc[pg, p % P], vc[pg, p % P]

            h = layer.finish(h, x, q, seq_lens, read, ck.view(-1, N, D)[c_slots], cv.view(-1, N, D)[c_slots], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        Pc, N, D = self.PC, self.N, self.D
        g = st["g"]
        max_cmp = st["max_cmp"]
        npg = (max_cmp + Pc - 1) // Pc
        NBc = B * npg + 2
        cmp_block_table = torch.randperm(NBc, generator=g)[: B * npg].view(B, npg)
        paged = []
        for c in st["cmps"]:
            flat = _poison(g, (NBc * Pc, N, D), self.dtype)
            for b in range(B):
                for i in range(max_cmp):
                    flat[int(cmp_block_table[b, i // Pc]) * Pc + i % Pc] = c[int(st["cmp_table"][b, i])]
            paged.append(flat.view(NBc, Pc, N, D))
        named = dict(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_block_table=cmp_block_table)
        for i in range(2):
            named[f"key_cache_{i}"], named[f"value_cache_{i}"] = st["kvs"][2 * i], st["kvs"][2 * i + 1]
            named[f"cmp_key_{i}"], named[f"cmp_value_{i}"] = paged[2 * i], paged[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        Pc = self.PC

        def slots(a):
            i = ((a["seq_lens"] - self.l) // self.d).clamp(min=0)
            return a["cmp_block_table"].gather(1, (i // Pc)[:, None])[:, 0] * Pc + i % Pc

        return [_kv_spec(f"{kv}{i}", lambda a, r, n=f"{kv}_cache_{i}": a[n],
                         lambda a, r, n=f"cmp_{kv}_{i}": a[n].flatten(0, 1),
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv[0]}"), lambda a: a["block_table"],
                         lambda a: a["seq_lens"], slots)
                for i in range(2) for kv in ("key", "value")]


# --- P6. FlashInfer: K and V stacked in one paged cache and in one compressed cache, ragged page list --------------

class FlashinferStackedKV(DecodeModel):
    """FlashInfer NHD (fp16, 1 layer): one ``paged_kv_cache`` ``[NP, 2, P, N, D]`` holding K and V, ragged
    ``kv_indptr`` / ``kv_indices`` / ``kv_last_page_len`` (int32), lengths from FlashInfer's ``get_seq_lens``
    formula; one gather of the window reads K and V together (``[B, l, 2, N, D]``), each pooled with its own weight
    (sum of products); the compressed cache stacks K and V too, ``[S, 2, N, D]``, written
    ``ckv[slots, 0] = where(...)`` / ``ckv[slots, 1] = where(...)`` (slot -1 on rows that write nothing)."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    ARGS = ("hidden", "kv_indptr", "kv_last_page_len", "cmp_slot_mapping", "cmp_block_table", "kv_indices",
            "paged_kv_cache", "cmp_kv_cache")
    BATCH = ("hidden", "kv_indptr", "kv_last_page_len", "cmp_slot_mapping", "cmp_block_table")

    def forward(self, hidden, kv_indptr, kv_last_page_len, cmp_slot_mapping, cmp_block_table, kv_indices,
                paged_kv_cache, cmp_kv_cache):
        layer = self.layers[0]
        l, d, P = self.l, self.d, self.P
        indptr = kv_indptr.long()
        last = kv_last_page_len.long()
        seq_lens = (indptr[1:] - indptr[:-1] - 1) * P + last
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        page = kv_indices[indptr[:-1] + pos // P].long()
        paged_kv_cache[page, :, pos % P] = torch.stack((k, v), dim=1)
        wpos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        wpages = kv_indices[indptr[:-1, None] + wpos // P].long()
        both = paged_kv_cache[wpages, :, wpos % P]  # [B, l, 2, N, D]
        done = ((seq_lens >= l) & ((seq_lens - l) % d == 0))[:, None, None]
        for j, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
            pooled = (both[:, :, j].float() * w.float()[None, :, :, None]).sum(dim=1).to(cmp_kv_cache.dtype)
            cmp_kv_cache[cmp_slot_mapping, j] = torch.where(done, pooled, cmp_kv_cache[cmp_slot_mapping, j])

        def read(p):
            pg = kv_indices[indptr[:-1, None] + p // P].long()
            t = paged_kv_cache[pg, :, p % P]
            return t[:, :, 0], t[:, :, 1]

        rows = cmp_kv_cache[cmp_block_table]
        return layer.finish(hidden, x, q, seq_lens, read, rows[:, :, 0], rows[:, :, 1], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        P = self.P
        s, table = st["s"], st["table"]
        n = (s + P - 1) // P
        kv_indices = torch.cat([table[b, : int(n[b])] for b in range(B)]).to(torch.int32)
        kv_indptr = torch.cat((torch.zeros(1, dtype=torch.int64), n.cumsum(0))).to(torch.int32)
        last = (s - (n - 1) * P).to(torch.int32)
        paged = torch.stack((st["kvs"][0], st["kvs"][1]), dim=1)
        ckv = torch.stack((st["cmps"][0], st["cmps"][1]), dim=1)
        return self.pack(hidden=st["hidden"], kv_indptr=kv_indptr, kv_last_page_len=last,
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"], kv_indices=kv_indices,
                         paged_kv_cache=paged, cmp_kv_cache=ckv)

    def specs(self):
        P = self.P

        def lengths(a):
            ip = a["kv_indptr"].long()
            return (ip[1:] - ip[:-1] - 1) * P + a["kv_last_page_len"].long()

        def table(a):
            ip, ind = a["kv_indptr"].long(), a["kv_indices"].long()
            n = ip[1:] - ip[:-1]
            mp = int(n.max())
            i = torch.arange(mp)[None, :]
            return torch.where(i < n[:, None], ind[(ip[:-1, None] + i).clamp(max=ind.shape[0] - 1)], -1)

        return [_kv_spec(kv, lambda a, r, j=j: a["paged_kv_cache"][:, j], lambda a, r, j=j: a["cmp_kv_cache"][:, j],
                         lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), table, lengths,
                         lambda a: a["cmp_slot_mapping"])
                for j, kv in enumerate("kv")]


# --- P7. SGLang token pools (page size 1), int32 req_to_token, 3 layers ---------------------------------------------

class SglangTokenPool3L(DecodeModel):
    """SGLang (fp16, 3 layers): ``MHATokenToKVPool``-style per-layer ``k_buffer`` / ``v_buffer`` ``[T, N, D]``
    (page size 1), ``set_kv_buffer``: ``k_buffer[out_cache_loc] = k``; the window's token ids
    ``req_to_token[req_pool_indices].gather(1, pos)`` (int32), pooled with ``(tokens.transpose(1, 2) *
    w.t()[None, :, :, None]).sum(2)``; compressed pools indexed by ``cmp_req_to_token[req_pool_indices, idx]``."""
    SIZES = dict(l=16, d=8, P=1, MP=64, N=2, D=32)
    META = ("hidden", "req_pool_indices", "seq_lens", "out_cache_loc")
    ARGS = META + ("req_to_token", "cmp_req_to_token") + _per_layer(3, "k_buffer", "v_buffer", "cmp_k_buffer",
                                                                     "cmp_v_buffer")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=3, seed=seed)

    def forward(self, hidden, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token, *pools):
        l, d = self.l, self.d
        positions = seq_lens - 1
        tok_pos = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)[None, :]
        token_ids = req_to_token[req_pool_indices].gather(1, tok_pos).long()
        cmp_idx = ((seq_lens - l) // d).clamp(min=0)
        cmp_loc = cmp_req_to_token[req_pool_indices, cmp_idx].long()
        completes = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        my_rows = cmp_req_to_token[req_pool_indices].long()
        h = hidden
        for i, layer in enumerate(self.layers):
            kb, vb, ckb, cvb = pools[4 * i: 4 * i + 4]
            x, q, k, v = layer.project(h, positions)
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            for buf, cbuf, w in ((kb, ckb, layer.cmp_w_k), (vb, cvb, layer.cmp_w_v)):
                window = buf[token_ids]  # [B, l, N, D]
                pooled = (window.float().transpose(1, 2) * w.float().t()[None, :, :, None]).sum(2)
                cbuf[cmp_loc] = torch.where(completes[:, None, None], pooled.to(cbuf.dtype), cbuf[cmp_loc])

            def read(p, kb=kb, vb=vb):
                ids = req_to_token[req_pool_indices].gather(1, p).long()
                return kb[ids], vb[ids]

            h = layer.finish(h, x, q, seq_lens, read, ckb[my_rows], cvb[my_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 6)
        rpi, r2t, cr2t, out_loc = _flat_state(st, B)
        named = dict(hidden=st["hidden"], req_pool_indices=rpi, seq_lens=st["s"], out_cache_loc=out_loc,
                     req_to_token=r2t.to(torch.int32), cmp_req_to_token=cr2t.to(torch.int32))
        for i in range(3):
            named[f"k_buffer_{i}"] = st["kvs"][2 * i].flatten(0, 1)
            named[f"v_buffer_{i}"] = st["kvs"][2 * i + 1].flatten(0, 1)
            named[f"cmp_k_buffer_{i}"], named[f"cmp_v_buffer_{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        def slots(a):
            idx = ((a["seq_lens"] - self.l) // self.d).clamp(min=0)
            return a["cmp_req_to_token"][a["req_pool_indices"], idx].long()

        return [_kv_spec(f"{kv}{i}", lambda a, r, n=f"{kv}_buffer_{i}": a[n], lambda a, r, n=f"cmp_{kv}_buffer_{i}": a[n],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                         lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"], slots)
                for i in range(3) for kv in "kv"]


# --- P8. DeepSeek MLA: one latent per layer, compressed once per layer, 4 layers ---------------------------------

class DeepseekMLALatent4L(DecodeModel):
    """DeepSeek-style MLA (bf16, 4 layers): per-layer latent caches ``[NB, P, C]`` (no head dim, C = 64: the
    normalised ``kv_a`` latent that serves as both key and value), one compression per layer with a ``[l]`` weight,
    ``einsum('blc,l->bc')``, ``cmp_latent.index_copy_(0, cmp_slot, where(...))`` with the request's own row."""
    SIZES = dict(l=16, d=16, P=16, MP=5, N=1, D=64)
    META = ("hidden", "positions", "block_table", "cmp_slot", "cmp_block_table")
    ARGS = META + _per_layer(4, "latent_cache", "cmp_latent")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=4, seed=seed, Hq=4, weight_shape=(self.SIZES["l"],))

    def forward(self, hidden, positions, block_table, cmp_slot, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        seq = positions + 1
        blk = block_table.gather(1, (positions // P).unsqueeze(1)).squeeze(1)
        slot_in_blk = positions % P
        wpos = (seq.unsqueeze(1) - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        wblk = block_table.gather(1, wpos // P)
        commit = (seq >= l) & ((seq - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            latent_cache, cmp_latent = caches[2 * i], caches[2 * i + 1]
            x, q, k, _ = layer.project(h, positions)
            latent_cache[blk, slot_in_blk] = k[:, 0]
            lat = latent_cache[wblk, wpos % P]  # [B, l, C]
            summary = torch.einsum("blc,l->bc", lat.float(), layer.cmp_w_k.float()).to(cmp_latent.dtype)
            cmp_latent.index_copy_(0, cmp_slot, torch.where(commit[:, None], summary, cmp_latent[cmp_slot]))

            def read(p, lc=latent_cache):
                t = lc[block_table.gather(1, p // P), p % P].unsqueeze(2)
                return t, t

            rows = cmp_latent[cmp_block_table].unsqueeze(2)
            h = layer.finish(h, x, q, seq, read, rows, rows, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                     cmp_slot=_own_cmp_slot(st, self.l, self.d), cmp_block_table=st["cmp_table"])
        for i in range(4):
            named[f"latent_cache_{i}"] = st["kvs"][i].squeeze(2)
            named[f"cmp_latent_{i}"] = st["cmps"][i].squeeze(1)
        return self.pack(**named)

    def specs(self):
        return [_kv_spec(f"latent{i}", lambda a, r, i=i: a[f"latent_cache_{i}"].unsqueeze(2),
                         lambda a, r, i=i: a[f"cmp_latent_{i}"].unsqueeze(1), lambda m, i=i: m.layers[i].cmp_w_k[:, None],
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot"])
                for i in range(4)]


# --- P9. HF Cache class, offsets from a module buffer, [N, l] checkpoint weights, window loop, 2 layers -----------

class NSAPagedCacheLayers:
    """An HF-style ``Cache`` object for paged NSA caches: per-layer lists, ``update()`` appends, ``compress()``."""

    def __init__(self, key_cache, value_cache, cmp_keys, cmp_values, block_table, cmp_block_table, page_size):
        self.key_cache, self.value_cache = key_cache, value_cache
        self.cmp_keys, self.cmp_values = cmp_keys, cmp_values
        self.block_table, self.cmp_block_table, self.page_size = block_table, cmp_block_table, page_size

    def update(self, key_states, value_states, layer_idx, cache_kwargs):
        pos = cache_kwargs["cache_position"]
        page = self.block_table.gather(1, (pos // self.page_size)[:, None])[:, 0]
        self.key_cache[layer_idx][page, pos % self.page_size] = key_states
        self.value_cache[layer_idx][page, pos % self.page_size] = value_states

    def tokens(self, layer_idx, which, positions):
        cache = (self.key_cache if which == "k" else self.value_cache)[layer_idx]
        return cache[self.block_table.gather(1, positions // self.page_size), positions % self.page_size]


class HfCacheBufferOffsets2L(DecodeModel):
    """HF transformers port (fp16, 2 layers): a ``Cache`` object with per-layer lists and ``update()``; window
    positions ``cache_position[:, None] + 1 + window_offsets`` with ``register_buffer("window_offsets", arange(-l,
    0))``; checkpoint-layout weights ``[N, l]``; pooling written as a Python loop over the window (fp32, window
    order); compressed slot ``cmp_block_table.gather(1, idx)``, written ``cmp[slot] = where(...)``."""
    SIZES = dict(l=16, d=8, P=16, MP=5, N=4, D=32)
    META = ("hidden", "cache_position", "block_table", "cmp_block_table")
    ARGS = META + ("key_cache_0", "key_cache_1", "value_cache_0", "value_cache_1", "cmp_keys_0", "cmp_keys_1",
                   "cmp_values_0", "cmp_values_1")
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=2, seed=seed, weight_shape=(self.SIZES["N"], self.SIZES["l"]))
        self.register_buffer("window_offsets", torch.arange(-self.l, 0), persistent=False)

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_cache_0, key_cache_1, value_cache_0,
                value_cache_1, cmp_keys_0, cmp_keys_1, cmp_values_0, cmp_values_1):
        cache = NSAPagedCacheLayers([key_cache_0, key_cache_1], [value_cache_0, value_cache_1],
                                    [cmp_keys_0, cmp_keys_1], [cmp_values_0, cmp_values_1], block_table,
                                    cmp_block_table, self.P)
        l, d = self.l, self.d
        n_tokens = cache_position + 1
        window = (cache_position[:, None] + 1 + self.window_offsets).clamp(min=0)
        block = torch.div(n_tokens - l, d, rounding_mode="floor").clamp(min=0)
        slot = cmp_block_table.gather(1, block[:, None]).squeeze(1)
        new_block = (n_tokens >= l) & ((n_tokens - l) % d == 0)
        h = hidden
        for idx, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, cache_position)
            cache.update(k, v, idx, {"cache_position": cache_position})
            for which, cmp, weight in (("k", cache.cmp_keys[idx], layer.cmp_w_k),
                                       ("v", cache.cmp_values[idx], layer.cmp_w_v)):
                toks = cache.tokens(idx, which, window)
                acc = torch.zeros(toks.shape[0], toks.shape[2], toks.shape[3], dtype=torch.float32,
                                  device=toks.device)
                for j in range(l):
                    acc = acc + weight[:, j].float()[None, :, None] * toks[:, j].float()
                cmp[slot] = torch.where(new_block[:, None, None], acc.to(cmp.dtype), cmp[slot])

            def read(p, idx=idx):
                return cache.tokens(idx, "k", p), cache.tokens(idx, "v", p)

            h = layer.finish(h, x, q, n_tokens, read, cache.cmp_keys[idx][cmp_block_table],
                             cache.cmp_values[idx][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_cache_0=kvs[0], value_cache_0=kvs[1],
                         key_cache_1=kvs[2], value_cache_1=kvs[3], cmp_keys_0=cmps[0], cmp_values_0=cmps[1],
                         cmp_keys_1=cmps[2], cmp_values_1=cmps[3])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None])[:, 0]

        return [_kv_spec(f"{kv}{i}", lambda a, r, n=f"{kv}_cache_{i}": a[n], lambda a, r, n=f"cmp_{kv}s_{i}": a[n],
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv[0]}").t(), lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1, slots)
                for i in range(2) for kv in ("key", "value")]


# --- P10. vLLM, mean pooling (constant weights), scatter_ into the flattened compressed cache ---------------------

class VllmMeanScatter(DecodeModel):
    """vLLM (fp16, 1 layer, l = 16, d = 8): mean pooling ``tokens.float().mean(1)`` (the contract with weight 1/16),
    window read through flat token slots ``key_cache.flatten(0, 1).index_select(0, slots)``; the write
    ``cmp.view(S, N * D).scatter_(0, slot[:, None].expand(-1, N * D), where(...))`` at the request's own row."""
    SIZES = dict(l=16, d=8, P=16, MP=5, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slots", "cmp_block_table", "key_cache",
            "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slots, cmp_block_table, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        layer = self.layers[0]
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        key_cache.flatten(0, 1).index_copy_(0, slot_mapping, k)
        value_cache.flatten(0, 1).index_copy_(0, slot_mapping, v)
        p = (seq_lens[:, None] + torch.arange(-l, 0, device=hidden.device)).clamp(min=0)
        flat_slots = (block_table.gather(1, p // P) * P + p % P).reshape(-1)
        full = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        idx = cmp_slots[:, None].expand(B, N * D)
        for kc, cc in ((key_cache, cmp_key_cache), (value_cache, cmp_value_cache)):
            toks = kc.flatten(0, 1).index_select(0, flat_slots).view(B, l, N, D)
            mean = toks.float().mean(dim=1).to(cc.dtype)
            flat = cc.view(cc.shape[0], N * D)
            flat.scatter_(0, idx, torch.where(full[:, None], mean.view(B, N * D), flat.gather(0, idx)))

        def read(pp):
            fs = block_table.gather(1, pp // P) * P + pp % P
            return key_cache.flatten(0, 1)[fs], value_cache.flatten(0, 1)[fs]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_key_cache[cmp_block_table],
                            cmp_value_cache[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slots=_own_cmp_slot(st, self.l, self.d),
                         cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        const = lambda m: torch.full((self.l, self.N), 1.0 / self.l, dtype=self.dtype)  # noqa: E731
        return [_kv_spec(n, lambda a, r, c=c: a[c], lambda a, r, o=o: a[o], const, lambda a: a["block_table"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slots"])
                for n, c, o in (("k", "key_cache", "cmp_key_cache"), ("v", "value_cache", "cmp_value_cache"))]


# --- P11. functional (out-of-place) updates, every cache returned, fp32, 2 layers -------------------------------

class FunctionalIndexPut2L(DecodeModel):
    """A functional decoder (fp32, 2 layers), as jax-minded / torch.func code writes it: nothing mutated, appends
    ``k_cache.index_put((page, off), k)``, compressed ``cmp.index_put((slots,), where(ready, pooled, cmp[slots]))``
    (slot -1 on rows that write nothing), pooling ``einsum('ln,blnd->bnd')``; returns the hidden state and every
    new cache."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    META = ("hidden", "positions", "block_table", "cmp_slot_mapping", "cmp_block_table")
    CACHES = _per_layer(2, "k_cache", "v_cache", "cmp_k", "cmp_v")
    ARGS = META + CACHES
    BATCH = META

    def __init__(self, dtype, seed=0):
        super().__init__(dtype, layers=2, seed=seed)

    def forward(self, hidden, positions, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        lens = positions + 1
        page = block_table.gather(1, (positions // P)[:, None])[:, 0]
        off = positions % P
        win = (lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        wpage, woff = block_table.gather(1, win // P), win % P
        ready = ((lens >= l) & ((lens - l) % d == 0))[:, None, None]
        new = []
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[4 * i: 4 * i + 4]
            x, q, k, v = layer.project(h, positions)
            kc = kc.index_put((page, off), k)
            vc = vc.index_put((page, off), v)
            pk = torch.einsum("ln,blnd->bnd", layer.cmp_w_k, kc[wpage, woff])
            pv = torch.einsum("ln,blnd->bnd", layer.cmp_w_v, vc[wpage, woff])
            ck = ck.index_put((cmp_slot_mapping,), torch.where(ready, pk, ck[cmp_slot_mapping]))
            cv = cv.index_put((cmp_slot_mapping,), torch.where(ready, pv, cv[cmp_slot_mapping]))

            def read(p, kc=kc, vc=vc):
                pg = block_table.gather(1, p // P)
                return kc[pg, p % P], vc[pg, p % P]

            h = layer.finish(h, x, q, lens, read, ck[cmp_block_table], cv[cmp_block_table], l, d)
            new += [kc, vc, ck, cv]
        return (h, *new)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                     cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"])
        for i in range(2):
            named[f"k_cache_{i}"], named[f"v_cache_{i}"] = kvs[2 * i], kvs[2 * i + 1]
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        def out(name):
            k = 1 + self.CACHES.index(name)
            return lambda a, r: a[name] if r is None else r[k]

        return [_kv_spec(f"{kv}{i}", out(f"{kv}_cache_{i}"), out(f"cmp_{kv}_{i}"),
                         lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(2) for kv in "kv"]


# --- P12. vLLM flat-slot gather, bmm pooling, setitem with slot -1 padding ---------------------------------------

class VllmFlatBmm(DecodeModel):
    """vLLM (fp16, 1 layer): ``[NB, P, N, D]`` caches viewed flat ``view(-1, N, D)``; the window read at flat slots
    ``block_table[b, p // P] * P + p % P``; pooling with ``torch.bmm`` over ``B * N`` rows (``[1, l] @ [l, D]``);
    write ``cmp[cmp_slot_mapping] = where(...)`` with slot -1 on rows that write nothing."""
    SIZES = dict(l=32, d=16, P=32, MP=3, N=4, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                key_cache, value_cache, cmp_key_cache, cmp_value_cache):
        layer = self.layers[0]
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, positions)
        key_cache.view(-1, N, D)[slot_mapping] = k
        value_cache.view(-1, N, D)[slot_mapping] = v
        tp = torch.clamp(seq_lens.unsqueeze(-1) - l + torch.arange(l, device=hidden.device), min=0)
        flat = torch.gather(block_table, 1, tp // P) * P + tp % P
        compress_now = torch.logical_and(seq_lens >= l, (seq_lens - l) % d == 0).view(B, 1, 1)
        for kc, cc, w in ((key_cache, cmp_key_cache, layer.cmp_w_k), (value_cache, cmp_value_cache, layer.cmp_w_v)):
            toks = kc.view(-1, N, D)[flat]  # [B, l, N, D]
            lhs = w.float().t().reshape(1, N, 1, l).expand(B, N, 1, l).reshape(B * N, 1, l)
            rhs = toks.float().permute(0, 2, 1, 3).reshape(B * N, l, D)
            pooled = torch.bmm(lhs, rhs).view(B, N, D).to(cc.dtype)
            cc[cmp_slot_mapping] = torch.where(compress_now, pooled, cc[cmp_slot_mapping])

        def read(p):
            fs = block_table.gather(1, p // P) * P + p % P
            return key_cache.view(-1, N, D)[fs], value_cache.view(-1, N, D)[fs]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_key_cache[cmp_block_table],
                            cmp_value_cache[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"],
                         slot_mapping=_append_slots(st, self.P), block_table=st["table"],
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [_kv_spec(n, lambda a, r, c=c: a[c], lambda a, r, o=o: a[o], lambda m, w=w: getattr(m.layers[0], w),
                         lambda a: a["block_table"], lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for n, c, o, w in (("k", "key_cache", "cmp_key_cache", "cmp_w_k"),
                                   ("v", "value_cache", "cmp_value_cache", "cmp_w_v"))]


# --- P13. SGLang paged token pool (page size 16), precomputed compressed out locs, bf16 ------------------------------

class SglangPagedPool(DecodeModel):
    """SGLang with page_size 16 (bf16, 1 layer): flat token pools ``[num_tokens, N, D]`` whose ids are page-aligned
    (``req_to_token[r, p] = page * 16 + p % 16``), the window read ``k_buffer[req_to_token[req_pool_indices[:, None],
    pos]]``, pooling ``(tokens.float() * w.float()[:, :, None]).sum(1)``; compressed rows from a precomputed
    ``cmp_out_cache_loc`` (the request's own row on every batch row), ``cmp_buffer.index_put_((loc,), ...)``."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    ARGS = ("hidden", "req_pool_indices", "seq_lens", "out_cache_loc", "cmp_out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, req_pool_indices, seq_lens, out_cache_loc, cmp_out_cache_loc, req_to_token,
                cmp_req_to_token, k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        layer = self.layers[0]
        l, d = self.l, self.d
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        pos = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        locs = req_to_token[req_pool_indices[:, None], pos]
        commit = ((seq_lens >= l) & ((seq_lens - l) % d == 0))[:, None, None]
        for buf, cbuf, w in ((k_buffer, cmp_k_buffer, layer.cmp_w_k), (v_buffer, cmp_v_buffer, layer.cmp_w_v)):
            pooled = (buf[locs].float() * w.float()[:, :, None]).sum(1)
            cbuf.index_put_((cmp_out_cache_loc,), torch.where(commit, pooled.to(cbuf.dtype), cbuf[cmp_out_cache_loc]))

        def read(p):
            ids = req_to_token[req_pool_indices[:, None], p]
            return k_buffer[ids], v_buffer[ids]

        rows = cmp_req_to_token[req_pool_indices]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[rows], cmp_v_buffer[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        P, g = self.P, st["g"]
        cap = self.MP * P
        R = B + 3
        rpi = torch.randperm(R, generator=g)[:B]
        p = torch.arange(cap)
        tok_table = st["table"].clamp(min=0)[:, p // P] * P + p % P
        req_to_token = torch.randint(0, st["NB"] * P, (R, cap), generator=g)
        req_to_token[rpi] = tok_table
        cmp_r2t = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
        cmp_r2t[rpi] = st["cmp_table"]
        s = st["s"]
        out_loc = tok_table[torch.arange(B), s - 1]
        return self.pack(hidden=st["hidden"], req_pool_indices=rpi, seq_lens=s, out_cache_loc=out_loc,
                         cmp_out_cache_loc=_own_cmp_slot(st, self.l, self.d), req_to_token=req_to_token,
                         cmp_req_to_token=cmp_r2t, k_buffer=st["kvs"][0].flatten(0, 1),
                         v_buffer=st["kvs"][1].flatten(0, 1), cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        return [_kv_spec(n, lambda a, r, c=c: a[c], lambda a, r, o=o: a[o], lambda m, w=w: getattr(m.layers[0], w),
                         lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                         lambda a: a["cmp_out_cache_loc"])
                for n, c, o, w in (("k", "k_buffer", "cmp_k_buffer", "cmp_w_k"),
                                   ("v", "v_buffer", "cmp_v_buffer", "cmp_w_v"))]


# --- P14. fla-style dense per-request state, window as a Python sum() of products, index_copy_ into rows ---------

class FlaDenseSumGenerator(DecodeModel):
    """fla-style decode state (bf16, 1 layer): dense per-request ``k_state`` / ``v_state`` ``[B, T, N, D]`` (row
    ``b`` is its own page), appended ``k_state[rows, t] = k``; the pooled row written as Python's
    ``sum(w[j] * x_j for j in range(l))`` in fp32 (window order, starting from 0); per-request compressed
    ``[B, max_cmp, N, D]`` written through its flat view ``index_copy_(0, rows * max_cmp + idx, where(...))``."""
    SIZES = dict(l=16, d=16, P=16, MP=5, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "k_state", "v_state", "k_compressed", "v_compressed")
    BATCH = ARGS

    def forward(self, hidden, seq_lens, k_state, v_state, k_compressed, v_compressed):
        layer = self.layers[0]
        l, d, N, D = self.l, self.d, self.N, self.D
        B, max_cmp = hidden.shape[0], k_compressed.shape[1]
        rows = torch.arange(B, device=hidden.device)
        t = seq_lens - 1
        x, q, k, v = layer.project(hidden, t)
        k_state[rows, t] = k
        v_state[rows, t] = v
        first = (seq_lens - l).clamp(min=0)
        flush = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        dst = rows * max_cmp + torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)
        for st, comp, w in ((k_state, k_compressed, layer.cmp_w_k), (v_state, v_compressed, layer.cmp_w_v)):
            pooled = sum(w[j].float()[None, :, None] * st[rows, first + j].float() for j in range(l))
            flat = comp.view(B * max_cmp, N, D)
            flat.index_copy_(0, dst, torch.where(flush[:, None, None], pooled.to(comp.dtype), flat[dst]))

        def read(p):
            return k_state[rows[:, None], p], v_state[rows[:, None], p]

        return layer.finish(hidden, x, q, seq_lens, read, k_compressed, v_compressed, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], k_state=kvs[0], v_state=kvs[1],
                         k_compressed=cmps[0].contiguous(), v_compressed=cmps[1].contiguous())

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return torch.arange(s.shape[0]) * a["k_compressed"].shape[1] + ((s - self.l) // self.d).clamp(min=0)

        return [_kv_spec(n, lambda a, r, c=c: a[c], lambda a, r, o=o: a[o].flatten(0, 1),
                         lambda m, w=w: getattr(m.layers[0], w), lambda a: torch.arange(a["seq_lens"].shape[0])[:, None],
                         lambda a: a["seq_lens"], slots)
                for n, c, o, w in (("k", "k_state", "k_compressed", "cmp_w_k"),
                                   ("v", "v_state", "v_compressed", "cmp_w_v"))]


# ====================================================================================================
# Near misses: one layer, vLLM-style [NB, P, N, D] caches, K and V, slots = the request's own compressed row
# ====================================================================================================

NEAR_MISSES = {  # bug: (dtype, note naming the valid input where it differs)
    "window_one_early": (f16, "window positions s - l - 1 + j (the newest token left out, one older one read): "
                              "differs on every completing row with s > l (seed 0: several)"),
    "page_size_from_config": (f16, "flat slots built with block_size 8 while the cache pages hold P = 16 tokens "
                                   "(page id * 8 + p % 8): wrong tokens on every completing row"),
    "weight_reshape_not_t": (bf16, "checkpoint weight [N, l] turned into [l, N] with reshape instead of .t(): "
                                   "a permuted weight, differs on every completing row"),
    "stale_slot": (f16, "compressed slot from the previous length ((s - 1 - l) // d): a completing row with "
                        "s > l overwrites its previous compressed row and leaves the new one stale"),
    "condition_on_positions": (f16, "the condition tests positions = s - 1 ((s - 1 - l) % d == 0) while the window "
                                    "ends at s: completing rows write nothing, rows one past a boundary write"),
    "mean_over_stride": (f16, "pooled = tokens.float().sum(1) / d (d = 16, l = 32) where a mean over the window "
                              "divides by l: every completing row is twice the contract's value"),
    "cast_through_bf16": (f16, "pooled rounded to bf16 before the fp16 cache (an autocast leftover): double "
                               "rounding loses mantissa bits on every completing row"),
    "products_in_half": (f16, "(tokens * w).float().sum(1): the products rounded to fp16 before the fp32 sum"),
    "guard_one_stride_low": (f16, "guard s >= l - d instead of s >= l: s = 16 (= l - d, (s - l) % d == 0) writes a "
                                  "pooled partial window (clamped positions) into the request's row 0"),
}


class NearMissPaged(DecodeModel):
    """A near miss: vLLM-style one-layer model whose compression step has a small bug (``NEAR_MISSES``)."""
    SIZES = dict(l=32, d=16, P=16, MP=6, N=4, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, seed=0):
        self.bug = bug
        kw = dict(weight_shape=(self.SIZES["N"], self.SIZES["l"])) if bug == "weight_reshape_not_t" else {}
        super().__init__(dtype, seed=seed, **kw)

    def weight(self, w):
        return w.reshape(self.l, self.N) if self.bug == "weight_reshape_not_t" else w

    def compress(self, cache, cmp, w, s, block_table, cmp_block_table):
        l, d, P, N, D, bug = self.l, self.d, self.P, self.N, self.D, self.bug
        B = s.shape[0]
        start = s - l - 1 if bug == "window_one_early" else s - l
        pos = (start[:, None] + torch.arange(l, device=s.device)).clamp(min=0)
        if bug == "page_size_from_config":
            bs = P // 2
            toks = cache.view(-1, N, D)[block_table.gather(1, pos // P) * bs + pos % bs]
        else:
            toks = cache[block_table.gather(1, pos // P), pos % P]
        wf = self.weight(w)
        if bug == "mean_over_stride":
            pooled = toks.float().sum(1) / d
        elif bug == "products_in_half":
            pooled = (toks * wf[None, :, :, None]).float().sum(1)
        else:
            pooled = torch.einsum("blnd,ln->bnd", toks.float(), wf.float())
        if bug == "cast_through_bf16":
            pooled = pooled.to(torch.bfloat16)
        pooled = pooled.to(cmp.dtype)
        cs = s - 1 if bug in ("stale_slot", "condition_on_positions") else s
        if bug == "condition_on_positions":
            ok = (cs >= l) & ((cs - l) % d == 0)
            idx = ((s - l) // d).clamp(min=0)
        elif bug == "guard_one_stride_low":
            ok = (s >= l - d) & ((s - l) % d == 0)
            idx = ((s - l) // d).clamp(min=0)
        else:
            ok = (s >= l) & ((s - l) % d == 0)
            idx = ((cs - l) // d).clamp(min=0)
        slot = cmp_block_table.gather(1, idx[:, None])[:, 0]
        cmp[slot] = torch.where(ok.view(B, 1, 1), pooled, cmp[slot])

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        layer = self.layers[0]
        P, N, D = self.P, self.N, self.D
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        key_cache.view(-1, N, D)[slot_mapping] = k
        value_cache.view(-1, N, D)[slot_mapping] = v
        self.compress(key_cache, cmp_key_cache, layer.cmp_w_k, seq_lens, block_table, cmp_block_table)
        self.compress(value_cache, cmp_value_cache, layer.cmp_w_v, seq_lens, block_table, cmp_block_table)

        def read(p):
            pg = block_table.gather(1, p // P)
            return key_cache[pg, p % P], value_cache[pg, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_key_cache[cmp_block_table],
                            cmp_value_cache[cmp_block_table], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        def slots(a):
            i = ((a["seq_lens"] - self.l) // self.d).clamp(min=0)
            return a["cmp_block_table"].gather(1, i[:, None])[:, 0]

        def weight(kv):
            if self.bug == "mean_over_stride":
                return lambda m: torch.full((self.l, self.N), 1.0 / self.l, dtype=self.dtype)
            if self.bug == "weight_reshape_not_t":
                return lambda m: getattr(m.layers[0], f"cmp_w_{kv}").t()
            return lambda m: getattr(m.layers[0], f"cmp_w_{kv}")

        return [_kv_spec(kv, lambda a, r, c=c: a[c], lambda a, r, o=o: a[o], weight(kv), lambda a: a["block_table"],
                         lambda a: a["seq_lens"], slots)
                for kv, c, o in (("k", "key_cache", "cmp_key_cache"), ("v", "value_cache", "cmp_value_cache"))]


def _near_miss(bug):
    dtype, note = NEAR_MISSES[bug]
    return _case(f"nm_{bug}", NearMissPaged, "no_fuse", 2, dtype, note, bug=bug)


MODEL_CASES = [
    _case("vllm_v1_cudagraph_padded_2l", VllmV1Padded2L, "fuse", 4, f16, VllmV1Padded2L.__doc__),
    _case("ascend_vendor_loop_int32", AscendVendorLoopInt32, "fuse", 2, bf16, AscendVendorLoopInt32.__doc__),
    _case("hf_static_per_request_fp32", HfStaticPerRequestFp32, "fuse", 2, f32, HfStaticPerRequestFp32.__doc__),
    _case("hnd_head_major_scatter", HndHeadMajorScatter, "fuse", 2, f16, HndHeadMajorScatter.__doc__),
    _case("vllm_paged_compressed_2l", VllmPagedCompressed2L, "fuse", 4, bf16, VllmPagedCompressed2L.__doc__),
    _case("flashinfer_stacked_kv", FlashinferStackedKV, "fuse", 2, f16, FlashinferStackedKV.__doc__),
    _case("sglang_token_pool_3l", SglangTokenPool3L, "fuse", 6, f16, SglangTokenPool3L.__doc__),
    _case("deepseek_mla_latent_4l", DeepseekMLALatent4L, "fuse", 4, bf16, DeepseekMLALatent4L.__doc__),
    _case("hf_cache_buffer_offsets_2l", HfCacheBufferOffsets2L, "fuse", 4, f16, HfCacheBufferOffsets2L.__doc__),
    _case("vllm_mean_scatter", VllmMeanScatter, "fuse", 2, f16, VllmMeanScatter.__doc__),
    _case("functional_index_put_2l", FunctionalIndexPut2L, "fuse", 4, f32, FunctionalIndexPut2L.__doc__),
    _case("vllm_flat_bmm", VllmFlatBmm, "fuse", 2, f16, VllmFlatBmm.__doc__),
    _case("sglang_paged_pool", SglangPagedPool, "fuse", 2, bf16, SglangPagedPool.__doc__),
    _case("fla_dense_sum_generator", FlaDenseSumGenerator, "fuse", 2, bf16, FlaDenseSumGenerator.__doc__),
] + [_near_miss(bug) for bug in NEAR_MISSES]


def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: EVERY compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
