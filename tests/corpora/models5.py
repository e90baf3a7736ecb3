"""A fifth blind corpus of whole NSA decode models (``models5``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page and
public serving code alone, without reading the recogniser, its tests or the other corpora's cases (only the file
format and shared building blocks of ``models3``/``models4``, which this file imports). Every model is one decode
step of a 1-3 layer decoder: RMSNorm, projections, rotary, the new token's K/V appended to the layer's cache, K and V
(or a latent) compressed into compressed caches (the contract, in the idiom of that stack), then compressed,
selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``).

Positives:

* ``vllm_v1_graph_padded_3l`` (fp16, 3 layers, every layer compresses K and V): vLLM v1 ``[2, num_blocks, P, N,
  D]`` caches written at ``[slot // P, slot % P]``, lengths ``positions + 1``, a CUDA-graph padded batch (2 dummy
  rows: position -1, a spare null block, compressed slot -1);
* ``vllm_ascend_fallback`` (bf16): vllm-ascend's torch fallback for ``npu_nsa_compress_infer`` with the vendor's
  signature, int32 metadata, a window-order Python loop;
* ``sglang_token_pool_einsum`` (fp16): SGLang ``MHATokenToKVPool`` (page size 1), ``req_to_token`` /
  ``cmp_req_to_token`` read through ``req_pool_indices``, ``einsum`` pooling;
* ``sglang_paged_pool_2l`` (bf16, 2 layers): SGLang with page size 16, flat token pools, page-aligned token ids read
  as ``req_to_token[rpi[:, None], pos]``;
* ``hf_static_head_major`` (fp32): an HF static cache ``[B, N, T, D]`` written per row at ``cache_position``,
  compressed caches ``[B, max_cmp, N, D]`` written through a flat ``view`` (an alias) at ``b * max_cmp + i``;
* ``hf_cache_class_loop_2l`` (bf16, 2 layers): an HF ``Cache``-like class with ``update()``/``compress()``, an
  ``arange`` module buffer, a window-order Python loop, ``index_copy_`` at a ``cmp_block_table`` slot;
* ``deepseek_latent_indexer`` (bf16): an MLA latent cache ``[NB, P, 1, C]`` and an indexer key cache ``[NB, P, 1,
  Di]``, both compressed (l = 32, d = 16, P = 64), one by broadcast-sum, one by ``matmul``;
* ``lucidrains_functional`` (fp16): functional ``index_put`` appends and compressed writes, ``einsum('b w h d, w h
  -> b h d')``, every cache returned;
* ``fla_mean_pool_l8`` (fp16): mean pooling (l = 8, d = 4, the contract with weight 1/8);
* ``flashinfer_nhd_cmp_stack_2l`` (fp16, 2 layers): FlashInfer NHD ``[NB, 2, P, N, D]`` caches, compressed caches
  of every layer in one ``[L, 2, S, N, D]`` tensor written through ``cmp[i, 0]`` views with ``index_copy_``;
* ``vllm_matmul_cmp_table`` (bf16): ``matmul`` pooling, the compressed slot read from ``cmp_block_table`` at
  ``(s - l) // d``;
* ``sglang_dummy_last_row`` (fp16): SGLang page size 1, rows that complete no window write the pool's last row
  (a dummy row) with its own value.

Near misses (one layer, vLLM-style paged caches; ``note`` names the valid input where each differs): the window
ending one token early, no ``s >= l`` guard, fp16 products, the condition on the position (s - 1) instead of the length, weights
indexed newest-first in a loop, a bf16 accumulator, every window token read from the last token's page.

The format is ``models3``'s (``ModelCase``; ``golden`` from the pre-forward compressed caches and the post-forward
paged caches; ``caches``; ``batch_positions``). ``check_eager()`` (``python tests/corpora/models5.py``) runs every
case eagerly: positives equal the golden bit for bit (or within fp tolerance where torch chooses the sum order,
reported), near misses differ from it.

First try, 2026-12-04 09:41-10:30 UTC, on the frozen base 2c06a24 (``/tmp/base_m5``, ``PYTHONPATH=/tmp/base_m5``, nothing
changed after seeing results): ``run_models.py --corpus models5``, both dialects, B = 8, positives first; static and
mark_dynamic first (09:41-10:10), then dynamic=True (10:10-10:30); log ``/tmp/models5_first.log``, results
``/tmp/models5_first.json``. Positives with EVERY compression fused and bit-exact; positives with any fusion; near
misses fused; crashes (an error with the pass where the same mode compiles with ``NSA_FUSION_DISABLE=1``); no run was
n/a:

    dialect  mode           positives   (any fusion)  near misses fused  crashes
    inductor static          9/12        9             0/7               0
    inductor mark_dynamic    9/12        9             0/7               0
    inductor dynamic=True    5/12        9             0/7               0
    torchair static          9/12        9             0/7               0
    torchair mark_dynamic    9/12        9             0/7               0
    torchair dynamic=True    0/12        9             0/7               19 (every case, see T below)
    TOTAL: 41/72 positive runs (57 %) with every compression fused and bit-exact. Every run that got a result and
    fused anything (45) was bit-exact to the golden; near misses: 0/42 runs fused, eager-equal wherever they ran.

Fully fused and bit-exact in static and mark_dynamic, both dialects (36/36 runs): vllm_ascend_fallback,
sglang_token_pool_einsum, deepseek_latent_indexer, fla_mean_pool_l8, vllm_matmul_cmp_table, hf_cache_class_loop_2l,
sglang_paged_pool_2l, flashinfer_nhd_cmp_stack_2l, vllm_v1_graph_padded_3l; the five one-layer ones among them also in
Inductor dynamic=True. Every positive miss, with the pass's reason (the runner's rejections):

* lucidrains_functional (6/6 runs, 0/2 fused): ``write: the slots are computed with aten.select.int, which may send
  two rows to one cache row (a padding row onto a written one) ... @ select_1``: the slot is
  ``cmp_table.gather(1, idx[:, None])[:, 0]``. A spelling gap: the same model with ``.squeeze(1)`` for ``[:, 0]``
  fuses 2/2 bit-exact (Inductor static, checked after the first try on the same base); ``[:, 0]`` selects along the
  size-1 dim, one entry per row, it cannot send two rows to one slot.
* hf_static_head_major (6/6, 0/2): ``write: the slots are shifted with aten.add.Tensor and not brought back by a
  remainder by the number of cache rows: written rows' slots may leave [0, num_slots) ... @ add``: the row
  ``b * max_cmp + (s - l) // d`` of the flat view. Sound as the contract reads: nothing in it ties ``max_cmp`` to the
  capacity, and with ``(s - l) // d >= max_cmp`` the row lands in the next request's rows. Here the shapes do tie them
  (T = 64, l = 16, d = 8: ``(s - l) // d <= 6 < max_cmp = 7`` for every valid length ``s <= T``), which a static
  graph could prove.
* sglang_dummy_last_row (6/6, 0/2): ``write: the slots are computed with aten.where.self, which may send two rows to
  one cache row (a padding row onto a written one) ... @ where``: non-completing rows write the constant row
  ``num_slots - 1``. Sound: the contract lets a completing request own that row (no row is reserved), where eager's
  duplicate write is unordered.
* D, Inductor and torchair dynamic=True, the multi-layer stacks (hf_cache_class_loop_2l, sglang_paged_pool_2l,
  flashinfer_nhd_cmp_stack_2l 2/4; vllm_v1_graph_padded_3l 2/6): layer 1 fuses, later layers do not: ``sizes:
  aten.slice.Tensor moves elements by a constant or size-modular offset (16*Min(2, s..)) along dim 1 ... @ slice``, the
  slice ``k_all[:, ns:]`` of the selected-attention branch (``ns = min(2, max_cmp) * l``, models4's shared
  ``Layer.finish``) in the previous layer, upstream of the next layer's new K/V token only as data; models4's D.
* T, torchair dynamic=True: every case, positives and near misses, fused or not, crashes with ``RuntimeError: Failed
  to auto-generated converter for <function sym_min> to AscendIR`` (the runner found the mode compiling with
  ``NSA_FUSION_DISABLE=1``); models4's T, still there.

Near misses: all 7 unfused in every mode, eager-equal in every run with a result (torchair dynamic=True: T).

After the first try (lead, 2026-12-04 10:50-11:00 UTC, tree after 73062b0 / b15d168; single runs, not a re-run of the
whole corpus): torchair ``dynamic=True`` (T) is not applicable rather than a crash: ``sym_min`` comes from the corpus's
own ``min(TOP_BLOCKS, max_cmp)`` and GE has no converter for it with or without the pass (e3c3992 makes the runner say
n/a), so the first try is 41/60 applicable positive runs (68 %). lucidrains_functional fuses 2/2 bit-exact in Inductor
static / mark_dynamic / dynamic=True and torchair static / mark_dynamic (b15d168: ``x[:, 0]`` of a size-1 dim on the
slot path is a squeeze). Inductor dynamic=True: hf_cache_class_loop_2l, sglang_paged_pool_2l,
flashinfer_nhd_cmp_stack_2l 4/4 and vllm_v1_graph_padded_3l 6/6, bit-exact (73062b0: the size rules stop at the paged
input). Still refused: hf_static_head_major (the slot ``b * max_cmp + (s - l) // d`` into a flat view needs a bound
``(s - l) // d < max_cmp``), sglang_dummy_last_row (sound).
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import HIDDEN, ModelCase, Spec, caches, golden  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, rotary  # noqa: E402
from models4 import check_cases  # noqa: E402


def _completes(s, l, d):
    """NSA: a compressed token is produced when the last ``l`` tokens form a window at stride ``d``."""
    return (s >= l) & ((s - l) % d == 0)


def _new_cmp_index(s, l, d):
    """Index (in the request's compressed rows) of the compressed token this step produces (clamped for rows that
    produce none, so the read stays on the request's own rows)."""
    return torch.div(s - l, d, rounding_mode="floor").clamp(min=0)


def _pages_read(table, pos, P):
    return table.gather(1, pos // P), pos % P


def _spare_page(st):
    """A page no request owns (vLLM's null block for padding rows)."""
    owned = set(st["table"].flatten().tolist())
    return next(p for p in range(st["NB"]) if p not in owned)


def _cmp_slots_from_table(l, d):
    return lambda a: a["cmp_block_table"].gather(1, _new_cmp_index(a["seq_lens"], l, d)[:, None]).squeeze(1)


def _spec(name, kv, cache, weight, table, lengths, slots):
    return Spec(name, kv, cache, weight, table, lengths, slots)


# ----------------------------------------------------------------------------------------------------
# vLLM v1, CUDA-graph padded batch, 3 layers, every layer compresses K and V
# ----------------------------------------------------------------------------------------------------

class VllmV1GraphPadded3L(DecodeModel):
    """vLLM v1 FlashAttention backend, 3 layers. ``kv_cache[i]`` is ``[2, num_blocks, P, N, D]``; the new token is
    stored at ``kv_cache[:, slot // P, slot % P]``; lengths are ``positions + 1``. The batch is padded to the
    CUDA-graph size: the last two rows are dummies (position -1, block table and slot on a spare null block,
    compressed slot -1). Every layer compresses K and V with ``index_put_`` of a ``where``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "kv_cache_2", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1", "cmp_k_2", "cmp_v_2")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        kv_caches, cmp_caches = caches[:3], caches[3:]
        seq_lens = positions + 1
        block_idx = torch.div(slot_mapping, P, rounding_mode="floor")
        block_off = slot_mapping % P
        win_pos = (seq_lens.unsqueeze(1) - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_blk, win_off = _pages_read(block_table, win_pos, P)
        do_compress = _completes(seq_lens, l, d).view(-1, 1, 1)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache = kv_caches[i]
            x, q, k, v = layer.project(h, positions)
            kv_cache[0, block_idx, block_off] = k
            kv_cache[1, block_idx, block_off] = v
            for which, w, cmp in ((0, layer.cmp_w_k, cmp_caches[2 * i]), (1, layer.cmp_w_v, cmp_caches[2 * i + 1])):
                window = kv_cache[which][win_blk, win_off]  # [B, l, N, D]
                pooled = torch.sum(window.to(torch.float32) * w.to(torch.float32)[None, :, :, None], dim=1)
                old = cmp[cmp_slot_mapping]
                cmp.index_put_((cmp_slot_mapping,), torch.where(do_compress, pooled.to(cmp.dtype), old))

            def read(pos, kv_cache=kv_cache):
                blk, off = _pages_read(block_table, pos, P)
                return kv_cache[0][blk, off], kv_cache[1][blk, off]

            h = layer.finish(h, x, q, seq_lens, read, cmp_caches[2 * i][cmp_block_table],
                             cmp_caches[2 * i + 1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 6)
        null, pad = _spare_page(st), slice(B - 2, B)
        st["s"][pad] = 0
        st["table"][pad] = null
        st["cmp_slot"][pad] = -1
        st["hidden"][pad] = 0
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         **{f"kv_cache_{i}": torch.stack(kvs[2 * i:2 * i + 2]) for i in range(3)},
                         **{f"cmp_{kv}_{i}": cmps[2 * i + j] for i in range(3) for j, kv in enumerate("kv")})

    def specs(self):
        return [_spec(f"{kv}{i}", lambda a, r, i=i, j=j: a[f"kv_cache_{i}"][j], lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                      lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                      lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(3) for j, kv in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# vllm-ascend: a torch fallback of npu_nsa_compress_infer with the vendor's signature
# ----------------------------------------------------------------------------------------------------

def nsa_compress_infer_fallback(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size,
                                *, block_table, actual_seq_len, cache):
    """What vllm-ascend runs where ``torch_npu.npu_nsa_compress_infer`` is unavailable (CPU, tests): the same
    arguments, int32 metadata, a loop over the window in order."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    seq = actual_seq_len.to(torch.int64)
    tables = block_table.to(torch.int64)
    start = seq - l
    acc = torch.zeros(input.shape[2:], dtype=torch.float32, device=input.device).expand(seq.shape[0], -1, -1)
    for j in range(l):
        p = (start + j).clamp(min=0)
        blk = tables.gather(1, (p // P).unsqueeze(-1)).squeeze(-1)
        acc = acc + weight[j].float().unsqueeze(-1) * input[blk, p % P].float()
    ready = (seq >= l) & (torch.remainder(start, d) == 0)
    idx = slot_mapping.to(torch.int64)
    cache[idx] = torch.where(ready.view(-1, 1, 1), acc.to(cache.dtype), cache[idx])
    return cache


class VllmAscendFallback(DecodeModel):
    """vllm-ascend style, one layer: ``k_cache``/``v_cache`` ``[num_blocks, P, N, D]`` written through
    ``view(num_blocks * P, N, D)[slots]`` (``_npu_reshape_and_cache`` in torch), int32 ``seq_lens``,
    ``block_tables`` and slot mappings, and the compression through ``nsa_compress_infer_fallback``."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "k_cache", "v_cache", "cmp_k_cache", "cmp_v_cache")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables,
                k_cache, v_cache, cmp_k_cache, cmp_v_cache):
        layer, P = self.layers[0], self.P
        num_blocks = k_cache.shape[0]
        x, q, k, v = layer.project(hidden, positions)
        slots = slot_mapping.long()
        k_cache.view(num_blocks * P, self.N, self.D)[slots] = k
        v_cache.view(num_blocks * P, self.N, self.D)[slots] = v
        for cache, src, w in ((cmp_k_cache, k_cache, layer.cmp_w_k), (cmp_v_cache, v_cache, layer.cmp_w_v)):
            nsa_compress_infer_fallback(src, w, cmp_slot_mapping, self.l, self.d, P, block_table=block_tables,
                                        actual_seq_len=seq_lens, cache=cache)
        tables = block_tables.long()

        def read(pos):
            blk, off = _pages_read(tables, pos, P)
            return k_cache[blk, off], v_cache[blk, off]

        cmp_rows = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens.long(), read, cmp_k_cache[cmp_rows], cmp_v_cache[cmp_rows],
                            self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"].to(i32),
                         slot_mapping=_append_slots(st, self.P).to(i32), block_tables=st["table"].to(i32),
                         cmp_slot_mapping=st["cmp_slot"].to(i32), cmp_block_tables=st["cmp_table"].to(i32),
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k_cache=st["cmps"][0],
                         cmp_v_cache=st["cmps"][1])

    def specs(self):
        return [_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}_cache"],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_tables"].long(),
                      lambda a: a["seq_lens"].long(), lambda a: a["cmp_slot_mapping"].long()) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# SGLang: token pools (page size 1 and paged), req_to_token read through req_pool_indices
# ----------------------------------------------------------------------------------------------------

def _sglang_tables(st, B, P, extra_reqs=3):
    """SGLang's ReqToTokenPool: ``req_to_token`` ``[R, cap]`` token ids (page ``table[b, p // P]`` times P plus the
    offset) for the batch's requests at ``req_pool_indices``, unrelated requests elsewhere; ``cmp_req_to_token``
    ``[R, max_cmp]`` their compressed rows; ``out_cache_loc`` the token id of each new token."""
    g = st["g"]
    R = B + extra_reqs
    rpi = torch.randperm(R, generator=g)[:B]
    table = st["table"].clamp(min=0)
    tokens = (table[:, :, None] * P + torch.arange(P)).flatten(1)  # [B, cap]
    req_to_token = torch.randint(0, st["NB"] * P, (R, tokens.shape[1]), generator=g)
    req_to_token[rpi] = tokens
    cmp_req_to_token = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
    cmp_req_to_token[rpi] = st["cmp_table"]
    out_cache_loc = tokens[torch.arange(B), (st["s"] - 1).clamp(min=0)]
    return rpi, req_to_token, cmp_req_to_token, out_cache_loc


def _sglang_cmp_slots(l, d):
    return lambda a: a["cmp_req_to_token"][a["req_pool_indices"], _new_cmp_index(a["seq_lens"], l, d)]


class SglangTokenPoolEinsum(DecodeModel):
    """SGLang ``MHATokenToKVPool`` (page size 1), one layer: ``set_kv_buffer`` as ``k_buffer[out_cache_loc] = k``;
    the window's token ids ``req_to_token[req_pool_indices].gather(1, pos)``; ``einsum('blhd,lh->bhd')`` pooling;
    the compressed row ``cmp_req_to_token[req_pool_indices, (s - l) // d]``."""
    SIZES = dict(l=16, d=8, P=1, MP=48, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        token_rows = req_to_token[req_pool_indices]
        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        locs = token_rows.gather(1, win)
        ready = _completes(seq_lens, l, d)[:, None, None]
        cmp_loc = cmp_req_to_token[req_pool_indices, _new_cmp_index(seq_lens, l, d)]
        for buf, pool, w in ((cmp_k_buffer, k_buffer, layer.cmp_w_k), (cmp_v_buffer, v_buffer, layer.cmp_w_v)):
            pooled = torch.einsum("blhd,lh->bhd", pool[locs].float(), w.float())
            buf[cmp_loc] = torch.where(ready, pooled.to(buf.dtype), buf[cmp_loc])

        def read(pos):
            loc = token_rows.gather(1, pos)
            return k_buffer[loc], v_buffer[loc]

        cmp_rows = cmp_req_to_token[req_pool_indices]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[cmp_rows], cmp_v_buffer[cmp_rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _sglang_tables(st, B, self.P)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], req_pool_indices=rpi,
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer=st["kvs"][0][:, 0],
                         v_buffer=st["kvs"][1][:, 0], cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        return [_spec(kv, lambda a, r, kv=kv: a[f"{kv}_buffer"], lambda a, r, kv=kv: a[f"cmp_{kv}_buffer"],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                      lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                      _sglang_cmp_slots(self.l, self.d)) for kv in "kv"]


class SglangPagedPool2L(DecodeModel):
    """SGLang with ``page_size = 16``, two layers: per-layer flat token pools ``[num_pages * 16, N, D]``; token ids
    in ``req_to_token`` are page-aligned (``page * 16 + offset``); the window is read as
    ``k_pool[req_to_token[req_pool_indices[:, None], win]]`` and pooled by a broadcast fp32 sum."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_pool_0", "v_pool_0", "k_pool_1", "v_pool_1", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                *pools):
        l, d = self.l, self.d
        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        win_loc = req_to_token[req_pool_indices[:, None], win]
        completes = _completes(seq_lens, l, d)
        cmp_loc = cmp_req_to_token[req_pool_indices, _new_cmp_index(seq_lens, l, d)]
        cmp_rows = cmp_req_to_token[req_pool_indices]
        h = hidden
        for i, layer in enumerate(self.layers):
            k_pool, v_pool, cmp_k, cmp_v = pools[2 * i], pools[2 * i + 1], pools[4 + 2 * i], pools[5 + 2 * i]
            x, q, k, v = layer.project(h, positions)
            k_pool[out_cache_loc] = k
            v_pool[out_cache_loc] = v
            for pool, cmp, w in ((k_pool, cmp_k, layer.cmp_w_k), (v_pool, cmp_v, layer.cmp_w_v)):
                comp = (pool[win_loc].float() * w.float().unsqueeze(-1)).sum(dim=1).to(cmp.dtype)
                cmp[cmp_loc] = torch.where(completes[:, None, None], comp, cmp[cmp_loc])

            def read(pos, k_pool=k_pool, v_pool=v_pool):
                loc = req_to_token[req_pool_indices[:, None], pos]
                return k_pool[loc], v_pool[loc]

            h = layer.finish(h, x, q, seq_lens, read, cmp_k[cmp_rows], cmp_v[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _sglang_tables(st, B, self.P)
        kvs, cmps = st["kvs"], st["cmps"]
        pools = {f"{kv}_pool_{i}": kvs[2 * i + j].flatten(0, 1) for i in range(2) for j, kv in enumerate("kv")}
        cmp = {f"cmp_{kv}_{i}": cmps[2 * i + j] for i in range(2) for j, kv in enumerate("kv")}
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], req_pool_indices=rpi,
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t, **pools, **cmp)

    def specs(self):
        P, N, D = self.P, self.N, self.D
        return [_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_pool_{i}"].view(-1, P, N, D),
                      lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"], lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                      lambda a: a["req_to_token"][a["req_pool_indices"]][:, ::P] // P, lambda a: a["seq_lens"],
                      _sglang_cmp_slots(self.l, self.d)) for i in range(2) for kv in "kv"]


class SglangDummyLastRow(DecodeModel):
    """SGLang page size 1, one layer: rows that complete no window send their compressed write to the pool's last
    row (a dummy row no request owns), rewriting it with its own value; ``index_put_`` with ``accumulate=False``."""
    SIZES = dict(l=16, d=16, P=1, MP=64, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_buffer.index_put_((out_cache_loc,), k)
        v_buffer.index_put_((out_cache_loc,), v)
        offsets = torch.arange(-l, 0, device=seq_lens.device)
        win = req_to_token[req_pool_indices[:, None], (seq_lens[:, None] + offsets).clamp(min=0)]
        new_token = _completes(seq_lens, l, d)
        dummy = cmp_k_buffer.shape[0] - 1
        cmp_loc = torch.where(new_token, cmp_req_to_token[req_pool_indices, _new_cmp_index(seq_lens, l, d)],
                              torch.full_like(seq_lens, dummy))
        for buf, pool, w in ((cmp_k_buffer, k_buffer, layer.cmp_w_k), (cmp_v_buffer, v_buffer, layer.cmp_w_v)):
            c = (pool[win].float() * w.float()[None, :, :, None]).sum(1)
            buf.index_put_((cmp_loc,), torch.where(new_token[:, None, None], c.to(buf.dtype), buf[cmp_loc]))

        def read(pos):
            loc = req_to_token[req_pool_indices[:, None], pos]
            return k_buffer[loc], v_buffer[loc]

        rows = cmp_req_to_token[req_pool_indices]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[rows], cmp_v_buffer[rows], l, d)

    make_inputs = SglangTokenPoolEinsum.make_inputs

    def specs(self):
        return [_spec(kv, lambda a, r, kv=kv: a[f"{kv}_buffer"], lambda a, r, kv=kv: a[f"cmp_{kv}_buffer"],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                      lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                      _sglang_cmp_slots(self.l, self.d)) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# HF ports: a static head-major cache with compressed caches written through a view; a Cache class
# ----------------------------------------------------------------------------------------------------

def _dense(kv, table, P):
    """A request-major ``[B, cap, N, D]`` copy of paged ``kv`` (pages past a request's length: any page)."""
    cap = table.shape[1] * P
    pos = torch.arange(cap)
    return kv[table[:, pos // P], pos % P]


class HfStaticHeadMajor(DecodeModel):
    """HF ``StaticCache`` layout, one layer, fp32: ``key_cache`` ``[B, N, T, D]`` written per row at
    ``cache_position`` (continuous batching: each row its own position), compressed caches ``[B, max_cmp, N, D]``
    updated through ``cmp.view(B * max_cmp, N, D)`` at row ``b * max_cmp + (s - l) // d``; a module buffer of
    window offsets."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "key_cache", "value_cache", "cmp_keys", "cmp_values")
    BATCH = ARGS

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        self.register_buffer("window_offsets", torch.arange(self.l) - self.l, persistent=False)

    def forward(self, hidden, cache_position, key_cache, value_cache, cmp_keys, cmp_values):
        l, d = self.l, self.d
        layer = self.layers[0]
        bsz, max_cmp = cmp_keys.shape[:2]
        batch = torch.arange(bsz, device=hidden.device)
        x, q, k, v = layer.project(hidden, cache_position)
        key_cache[batch, :, cache_position] = k
        value_cache[batch, :, cache_position] = v
        total = cache_position + 1
        win = (total[:, None] + self.window_offsets).clamp(min=0)
        emit = _completes(total, l, d)
        rows = batch * max_cmp + _new_cmp_index(total, l, d)
        for cache, cmp, w in ((key_cache, cmp_keys, layer.cmp_w_k), (value_cache, cmp_values, layer.cmp_w_v)):
            states = cache[batch[:, None], :, win]  # [B, l, N, D]
            pooled = (states.float() * w.float()[None, :, :, None]).sum(dim=1)
            flat = cmp.view(bsz * max_cmp, self.N, self.D)
            flat[rows] = torch.where(emit[:, None, None], pooled.to(flat.dtype), flat[rows])

        def read(pos):
            return key_cache[batch[:, None], :, pos], value_cache[batch[:, None], :, pos]

        return layer.finish(hidden, x, q, total, read, cmp_keys, cmp_values, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv = [_dense(t, st["table"], self.P).transpose(1, 2).contiguous() for t in st["kvs"]]
        cmp = [c[st["cmp_table"]].contiguous() for c in st["cmps"]]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, key_cache=kv[0], value_cache=kv[1],
                         cmp_keys=cmp[0], cmp_values=cmp[1])

    def specs(self):
        l, d, N, D = self.l, self.d, self.N, self.D

        def slots(a):
            B, mc = a["cmp_keys"].shape[:2]
            return torch.arange(B) * mc + _new_cmp_index(a["cache_position"] + 1, l, d)

        return [_spec(kv, lambda a, r, name=name: a[name].transpose(1, 2), lambda a, r, c=c: a[c].view(-1, N, D),
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                      lambda a: torch.arange(a["key_cache"].shape[0])[:, None], lambda a: a["cache_position"] + 1,
                      slots)
                for kv, name, c in (("k", "key_cache", "cmp_keys"), ("v", "value_cache", "cmp_values"))]


class NSAPagedKVCache:
    """A HF-style ``Cache`` for NSA: paged keys/values per layer, compressed keys/values per layer."""

    def __init__(self, key_cache, value_cache, cmp_key_cache, cmp_value_cache, block_table, cmp_block_table, *,
                 page_size, compress_block_size, compress_stride, window_offsets):
        self.key_cache, self.value_cache = key_cache, value_cache
        self.cmp_key_cache, self.cmp_value_cache = cmp_key_cache, cmp_value_cache
        self.block_table, self.cmp_block_table = block_table, cmp_block_table
        self.page_size, self.l, self.d = page_size, compress_block_size, compress_stride
        self.window_offsets = window_offsets

    def _locate(self, pos):
        return self.block_table.gather(1, pos // self.page_size), pos % self.page_size

    def update(self, key_states, value_states, layer_idx, cache_kwargs):
        pos = cache_kwargs["cache_position"][:, None]
        blk, off = self._locate(pos)
        self.key_cache[layer_idx][blk[:, 0], off[:, 0]] = key_states
        self.value_cache[layer_idx][blk[:, 0], off[:, 0]] = value_states

    def compress(self, layer_idx, weights, cache_kwargs):
        """Pool the window that ends at the new token into the next compressed row, when one completes."""
        seen = cache_kwargs["cache_position"] + 1
        blk, off = self._locate((seen[:, None] + self.window_offsets).clamp(min=0))
        rows = self.cmp_block_table.gather(1, _new_cmp_index(seen, self.l, self.d)[:, None]).squeeze(1)
        completed = _completes(seen, self.l, self.d)[:, None, None]
        for paged, compressed, w in zip((self.key_cache[layer_idx], self.value_cache[layer_idx]),
                                        (self.cmp_key_cache[layer_idx], self.cmp_value_cache[layer_idx]), weights):
            acc = torch.zeros(paged.shape[2:], dtype=torch.float32, device=paged.device)
            for j in range(self.l):  # window order, as the kernel sums
                acc = acc + w[j].float()[:, None] * paged[blk[:, j], off[:, j]].float()
            new = torch.where(completed, acc.to(compressed.dtype), compressed.index_select(0, rows))
            compressed.index_copy_(0, rows, new)

    def read(self, layer_idx, pos):
        blk, off = self._locate(pos)
        return self.key_cache[layer_idx][blk, off], self.value_cache[layer_idx][blk, off]

    def compressed(self, layer_idx):
        t = self.cmp_block_table
        return self.cmp_key_cache[layer_idx][t], self.cmp_value_cache[layer_idx][t]


class HfCacheClassLoop2L(DecodeModel):
    """HF port, two layers: an ``NSAPagedKVCache`` built per forward from the passed tensors, ``update()`` then
    ``compress()`` per layer (a window-order Python loop, ``index_copy_`` at ``cmp_block_table[b, (s - l) // d]``);
    window offsets in a module buffer."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_0", "value_0", "key_1", "value_1",
            "cmp_key_0", "cmp_value_0", "cmp_key_1", "cmp_value_1")
    BATCH = ARGS[:4]

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        self.register_buffer("window_offsets", torch.arange(-self.l, 0), persistent=False)

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_0, value_0, key_1, value_1,
                cmp_key_0, cmp_value_0, cmp_key_1, cmp_value_1):
        cache = NSAPagedKVCache([key_0, key_1], [value_0, value_1], [cmp_key_0, cmp_key_1], [cmp_value_0, cmp_value_1],
                                block_table, cmp_block_table, page_size=self.P, compress_block_size=self.l,
                                compress_stride=self.d, window_offsets=self.window_offsets)
        kwargs = {"cache_position": cache_position}
        h = hidden
        for idx, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, cache_position)
            cache.update(k, v, idx, kwargs)
            cache.compress(idx, (layer.cmp_w_k, layer.cmp_w_v), kwargs)
            ck, cv = cache.compressed(idx)
            h = layer.finish(h, x, q, cache_position + 1, lambda pos, idx=idx: cache.read(idx, pos), ck, cv,
                             self.l, self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_0=kvs[0], value_0=kvs[1], key_1=kvs[2], value_1=kvs[3],
                         cmp_key_0=cmps[0], cmp_value_0=cmps[1], cmp_key_1=cmps[2], cmp_value_1=cmps[3])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_block_table"].gather(1, _new_cmp_index(a["cache_position"] + 1, l, d)[:, None]).squeeze(1)

        return [_spec(f"{kv}{i}", lambda a, r, i=i, name=name: a[f"{name}_{i}"],
                      lambda a, r, i=i, name=name: a[f"cmp_{name}_{i}"],
                      lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                      lambda a: a["cache_position"] + 1, slots)
                for i in range(2) for kv, name in (("k", "key"), ("v", "value"))]


# ----------------------------------------------------------------------------------------------------
# DeepSeek style: MLA latent cache and an indexer key cache, both compressed
# ----------------------------------------------------------------------------------------------------

class LatentLayer(Layer):
    """MLA-ish: one latent head ``[B, 1, C]`` (no-rope part + rotary part) serves as key and value; an indexer
    key ``[B, 1, Di]`` with its own compression weight."""
    C, C_ROPE, DI = 48, 16, 32

    def __init__(self, l):
        super().__init__(1, self.C, self.C, l, Hq=4)
        self.idx_proj = nn.Linear(HIDDEN, self.DI, bias=False)
        self.cmp_w_idx = nn.Parameter(torch.empty(l, 1))

    def project(self, h, pos):
        B = h.shape[0]
        x = self.attn_norm(h)
        q = rotary(self.q_proj(x).view(B, self.Hq, self.C), pos)
        kv = self.k_proj(x).view(B, 1, self.C)
        nope, pe = kv.split([self.C - self.C_ROPE, self.C_ROPE], dim=-1)
        latent = torch.cat((nope, rotary(pe, pos)), dim=-1)
        return x, q, latent, self.idx_proj(x).view(B, 1, self.DI)


class DeepseekLatentIndexer(DecodeModel):
    """DeepSeek style, one layer, bf16, l = 32, d = 16, P = 64: ``kv_cache`` ``[num_blocks, 64, 1, C]`` (the MLA
    latent), ``indexer_k_cache`` ``[num_blocks, 64, 1, Di]``; both appended at ``slot_mapping`` through a flat
    ``view``, compressed into ``[S, 1, C]`` / ``[S, 1, Di]`` at ``cmp_slot_mapping`` (-1 padding): the latent by a
    broadcast fp32 sum, the indexer keys by ``matmul`` of the transposed weight."""
    SIZES = dict(l=32, d=16, P=64, MP=2, N=1, D=48)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table", "kv_cache",
            "indexer_k_cache", "cmp_kv_cache", "cmp_indexer_k_cache")
    BATCH = ARGS[:6]

    def make_layer(self, **kw):
        return LatentLayer(self.l)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_cache,
                indexer_k_cache, cmp_kv_cache, cmp_indexer_k_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, latent, idx_k = layer.project(hidden, positions)
        kv_cache.view(-1, latent.shape[-1])[slot_mapping] = latent.squeeze(1)
        indexer_k_cache.view(-1, idx_k.shape[-1])[slot_mapping] = idx_k.squeeze(1)
        seq_lens = positions + 1
        win = (seq_lens[:, None] - l + torch.arange(l, device=positions.device)).clamp(min=0)
        blk, off = _pages_read(block_table, win, P)
        fire = _completes(seq_lens, l, d)[:, None, None]
        lat = (kv_cache[blk, off].float() * layer.cmp_w_k.float()[None, :, :, None]).sum(dim=1)
        cmp_kv_cache[cmp_slot_mapping] = torch.where(fire, lat.to(cmp_kv_cache.dtype), cmp_kv_cache[cmp_slot_mapping])
        idx = torch.matmul(layer.cmp_w_idx.float().t(), indexer_k_cache[blk, off].squeeze(2).float())  # [B, 1, Di]
        cmp_indexer_k_cache[cmp_slot_mapping] = torch.where(fire, idx.to(cmp_indexer_k_cache.dtype),
                                                            cmp_indexer_k_cache[cmp_slot_mapping])

        def read(pos):
            b, o = _pages_read(block_table, pos, P)
            lat = kv_cache[b, o]
            return lat, lat

        cmp = cmp_kv_cache[cmp_block_table]
        return layer.finish(hidden, x, q, seq_lens, read, cmp, cmp, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        di = LatentLayer.DI  # the indexer caches: the first Di channels of a second C-wide state (same poison)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache=st["kvs"][0], indexer_k_cache=st["kvs"][1][..., :di].contiguous(),
                         cmp_kv_cache=st["cmps"][0], cmp_indexer_k_cache=st["cmps"][1][..., :di].contiguous())

    def specs(self):
        common = (lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
        return [_spec("latent", lambda a, r: a["kv_cache"], lambda a, r: a["cmp_kv_cache"],
                      lambda m: m.layers[0].cmp_w_k, *common),
                _spec("indexer", lambda a, r: a["indexer_k_cache"], lambda a, r: a["cmp_indexer_k_cache"],
                      lambda m: m.layers[0].cmp_w_idx, *common)]


# ----------------------------------------------------------------------------------------------------
# lucidrains / fla style: functional updates, einsum, caches returned; mean pooling
# ----------------------------------------------------------------------------------------------------

class LucidrainsFunctional(DecodeModel):
    """lucidrains' native-sparse-attention style, one layer, fp16: every update functional (``Tensor.index_put``),
    ``einsum('b w h d, w h -> b h d')`` pooling, the compressed row from ``cmp_table``; returns ``(out, k_cache,
    v_cache, cmp_k, cmp_v)``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, seq_lens, block_table, cmp_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        page = block_table.gather(1, (pos // P)[:, None])[:, 0]
        k_cache = k_cache.index_put((page, pos % P), k)
        v_cache = v_cache.index_put((page, pos % P), v)
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = _pages_read(block_table, win, P)
        divisible = _completes(seq_lens, l, d)
        slot = cmp_table.gather(1, _new_cmp_index(seq_lens, l, d)[:, None])[:, 0]
        out = []
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            compressed = torch.einsum("b w h d, w h -> b h d", cache[pages, offs].float(), w.float())
            new = torch.where(divisible[:, None, None], compressed.to(cmp.dtype), cmp[slot])
            out.append(cmp.index_put((slot,), new))
        cmp_k, cmp_v = out

        def read(p):
            pg, o = _pages_read(block_table, p, P)
            return k_cache[pg, o], v_cache[pg, o]

        h = layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_table], cmp_v[cmp_table], l, d)
        return h, k_cache, v_cache, cmp_k, cmp_v

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"], cmp_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d

        def slots(a):
            return a["cmp_table"].gather(1, _new_cmp_index(a["seq_lens"], l, d)[:, None])[:, 0]

        return [_spec(kv, lambda a, r, i=i: r[1 + i], lambda a, r, i=i, kv=kv: a[f"cmp_{kv}"] if r is None else r[3 + i],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], slots) for i, kv in enumerate("kv")]


class FlaMeanPool(DecodeModel):
    """fla-style, one layer, fp16: mean pooling of the window (l = 8, d = 4: the contract with weight 1/8), the
    append through ``index_copy_`` on the flattened pages, the compressed write at ``cmp_slot_mapping``."""
    SIZES = dict(l=8, d=4, P=16, MP=3, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table", "k_cache",
            "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_cache.flatten(0, 1).index_copy_(0, slot_mapping, k)
        v_cache.flatten(0, 1).index_copy_(0, slot_mapping, v)
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = _pages_read(block_table, win, P)
        is_boundary = _completes(seq_lens, l, d)[:, None, None]
        for cache, cmp in ((k_cache, cmp_k), (v_cache, cmp_v)):
            mean = cache[pages, offs].float().mean(dim=1).to(cmp.dtype)
            cmp[cmp_slot_mapping] = torch.where(is_boundary, mean, cmp[cmp_slot_mapping])

        def read(p):
            pg, o = _pages_read(block_table, p, P)
            return k_cache[pg, o], v_cache[pg, o]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        l, N = self.l, self.N
        return [_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                      lambda m: torch.full((l, N), 1.0 / l), lambda a: a["block_table"], lambda a: a["seq_lens"],
                      lambda a: a["cmp_slot_mapping"]) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# FlashInfer NHD with every layer's compressed caches in one tensor; vLLM with matmul pooling
# ----------------------------------------------------------------------------------------------------

class FlashinferNhdCmpStack2L(DecodeModel):
    """FlashInfer NHD paged caches ``[num_pages, 2, P, N, D]`` per layer (K at ``[:, 0]``, V at ``[:, 1]``), two
    layers; the compressed caches of all layers in one ``[L, 2, S, N, D]`` tensor, each written through the view
    ``cmp_kv[i, 0]`` / ``cmp_kv[i, 1]`` with ``index_copy_``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "block_tables", "cmp_slot_mapping", "cmp_block_tables", "paged_kv_0",
            "paged_kv_1", "cmp_kv")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, seq_lens, block_tables, cmp_slot_mapping, cmp_block_tables, paged_kv_0,
                paged_kv_1, cmp_kv):
        l, d, P = self.l, self.d, self.P
        last_page, last_off = _pages_read(block_tables, positions[:, None], P)
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_page, win_off = _pages_read(block_tables, win, P)
        full = _completes(seq_lens, l, d)[:, None, None]
        h = hidden
        for i, (layer, paged_kv) in enumerate(zip(self.layers, (paged_kv_0, paged_kv_1))):
            x, q, k, v = layer.project(h, positions)
            paged_kv[:, 0][last_page[:, 0], last_off[:, 0]] = k
            paged_kv[:, 1][last_page[:, 0], last_off[:, 0]] = v
            for kv_idx, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                dst = cmp_kv[i, kv_idx]
                window = paged_kv[:, kv_idx][win_page, win_off]
                pooled = (window.float() * w.float()[None, :, :, None]).sum(1).to(dst.dtype)
                dst.index_copy_(0, cmp_slot_mapping, torch.where(full, pooled, dst[cmp_slot_mapping]))

            def read(pos, paged_kv=paged_kv):
                pg, o = _pages_read(block_tables, pos, P)
                return paged_kv[:, 0][pg, o], paged_kv[:, 1][pg, o]

            h = layer.finish(h, x, q, seq_lens, read, cmp_kv[i, 0][cmp_block_tables], cmp_kv[i, 1][cmp_block_tables],
                             l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        # index_copy_ needs in-range indices: padding rows name the spare last row (no request owns it)
        cmp_slot = torch.where(st["cmp_slot"] >= 0, st["cmp_slot"], st["S"] - 1)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], block_tables=st["table"],
                         cmp_slot_mapping=cmp_slot, cmp_block_tables=st["cmp_table"],
                         paged_kv_0=torch.stack(kvs[0:2], dim=1), paged_kv_1=torch.stack(kvs[2:4], dim=1),
                         cmp_kv=torch.stack(cmps).view(2, 2, *cmps[0].shape))

    def specs(self):
        return [_spec(f"{kv}{i}", lambda a, r, i=i, j=j: a[f"paged_kv_{i}"][:, j], lambda a, r, i=i, j=j: a["cmp_kv"][i, j],
                      lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_tables"],
                      lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for i in range(2) for j, kv in enumerate("kv")]


class VllmMatmulCmpTable(DecodeModel):
    """vLLM-style paged ``key_cache``/``value_cache`` ``[num_blocks, P, N, D]``, one layer, bf16: append at
    ``slot_mapping`` via ``[slot // P, slot % P]``, pooling as ``w.T[:, None, :] @ window.transpose(1, 2)`` in
    fp32, the compressed slot ``cmp_block_table[b, (s - l) // d]``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "key_cache",
            "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_block_table, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        key_cache[slot_mapping // P, slot_mapping % P] = k
        value_cache[slot_mapping // P, slot_mapping % P] = v
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        blocks, offs = _pages_read(block_table, win, P)
        cmp_slot = cmp_block_table.gather(1, _new_cmp_index(seq_lens, l, d)[:, None]).squeeze(1)
        should = _completes(seq_lens, l, d)[:, None, None]
        for cache, cmp, w in ((key_cache, cmp_key_cache, layer.cmp_w_k), (value_cache, cmp_value_cache,
                                                                           layer.cmp_w_v)):
            window = cache[blocks, offs].float().transpose(1, 2)  # [B, N, l, D]
            pooled = torch.matmul(w.float().t()[:, None, :], window).squeeze(2)  # [B, N, D]
            cmp[cmp_slot] = torch.where(should, pooled.to(cmp.dtype), cmp[cmp_slot])

        def read(pos):
            b, o = _pages_read(block_table, pos, P)
            return key_cache[b, o], value_cache[b, o]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_key_cache[cmp_block_table],
                            cmp_value_cache[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"],
                         slot_mapping=_append_slots(st, self.P), block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [_spec(kv, lambda a, r, name=name: a[f"{name}_cache"], lambda a, r, name=name: a[f"cmp_{name}_cache"],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], _cmp_slots_from_table(self.l, self.d))
                for kv, name in (("k", "key"), ("v", "value"))]


# ----------------------------------------------------------------------------------------------------
# Near misses: realistic bugs in the compression, one layer, vLLM-style paged caches
# ----------------------------------------------------------------------------------------------------

NEAR_MISSES = {
    "window_ends_early": "the window is positions s - 1 - l .. s - 2 (built from the pre-append length) while the "
                         "condition reads s: differs on every completing row (e.g. s = l: the window starts at -1)",
    "no_length_guard": "condition (s - l) % d == 0 without s >= l: a row with s = l - d (s = 8, l = 16, d = 8) writes "
                       "a pooled partial window into its compressed row 0, which the contract leaves untouched",
    "fp16_products": "products w * x rounded to fp16 before the fp32 sum: differs on completing rows wherever a "
                     "product is not an fp16 value (nearly every window)",
    "condition_on_position": "the condition reads the new token's position (s - 1) where the window ends at s - 1: "
                             "a row with s = l + 1 rewrites its compressed row 0 with the window of positions 1 .. l, "
                             "the contract writes nothing for it (and a row with s = l writes nothing)",
    "newest_first_loop": "a loop pairing weight j with token s - 1 - j (weights read newest-first), summed newest "
                         "first: differs on every completing row (weight rows are distinct); a fusion as the "
                         "contract with flipped weights would also sum in the other order",
    "bf16_accumulator": "the window sum accumulated in a bf16 tensor (acc.add_ rounds every partial sum): differs on "
                        "completing rows wherever a partial sum is not a bf16 value",
    "last_page_only": "every window token read from the page of the last token (block_table[b, (s - 1) // P]): "
                      "differs on completing rows whose window spans a page boundary (s = 24, P = 16, l = 16)",
}


class NearMiss(DecodeModel):
    """A one-layer vLLM-style decode step (paged ``k_cache``/``v_cache``, append at ``slot_mapping``, the compressed
    slot from ``cmp_block_table[b, (s - l) // d]``) with one realistic bug in the compression (``NEAR_MISSES``)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k",
            "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, **kw):
        super().__init__(dtype, **kw)
        self.bug = bug

    def compress(self, src, cmp, w, seq_lens, block_table, cmp_block_table):
        l, d, P, bug = self.l, self.d, self.P, self.bug
        end = seq_lens - 1 if bug == "window_ends_early" else seq_lens
        win = (end[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        pages, offs = _pages_read(block_table, win, P)
        if bug == "last_page_only":
            pages = block_table.gather(1, ((seq_lens - 1).clamp(min=0) // P)[:, None]).expand(-1, l)
        window = src[pages, offs]  # [B, l, N, D]
        if bug == "fp16_products":
            pooled = (window * w[None, :, :, None]).float().sum(1)
        elif bug == "newest_first_loop":
            pooled = torch.zeros(window.shape[0], self.N, self.D)
            for j in range(l):
                pooled = pooled + w[j].float()[:, None] * window[:, l - 1 - j].float()
        elif bug == "bf16_accumulator":
            pooled = torch.zeros(window.shape[0], self.N, self.D, dtype=cmp.dtype)
            for j in range(l):
                pooled.add_(w[j].float()[:, None] * window[:, j].float())
        else:
            pooled = (window.float() * w.float()[None, :, :, None]).sum(1)
        if bug == "no_length_guard":
            ready = (seq_lens - l) % d == 0
        elif bug == "condition_on_position":
            pos = seq_lens - 1
            ready = (pos >= l) & ((pos - l) % d == 0)
        else:
            ready = _completes(seq_lens, l, d)
        slot = cmp_block_table.gather(1, _new_cmp_index(seq_lens, l, d)[:, None]).squeeze(1)
        cmp[slot] = torch.where(ready[:, None, None], pooled.to(cmp.dtype), cmp[slot])

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_cache[slot_mapping // P, slot_mapping % P] = k
        v_cache[slot_mapping // P, slot_mapping % P] = v
        self.compress(k_cache, cmp_k, layer.cmp_w_k, seq_lens, block_table, cmp_block_table)
        self.compress(v_cache, cmp_v, layer.cmp_w_v, seq_lens, block_table, cmp_block_table)

        def read(pos):
            b, o = _pages_read(block_table, pos, P)
            return k_cache[b, o], v_cache[b, o]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], _cmp_slots_from_table(self.l, self.d)) for kv in "kv"]


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
    _case("vllm_ascend_fallback", VllmAscendFallback, "fuse", 2, bf16, VllmAscendFallback.__doc__),
    _case("sglang_token_pool_einsum", SglangTokenPoolEinsum, "fuse", 2, f16, SglangTokenPoolEinsum.__doc__),
    _case("hf_static_head_major", HfStaticHeadMajor, "fuse", 2, f32, HfStaticHeadMajor.__doc__),
    _case("deepseek_latent_indexer", DeepseekLatentIndexer, "fuse", 2, bf16, DeepseekLatentIndexer.__doc__),
    _case("lucidrains_functional", LucidrainsFunctional, "fuse", 2, f16, LucidrainsFunctional.__doc__),
    _case("fla_mean_pool_l8", FlaMeanPool, "fuse", 2, f16, FlaMeanPool.__doc__),
    _case("vllm_matmul_cmp_table", VllmMatmulCmpTable, "fuse", 2, bf16, VllmMatmulCmpTable.__doc__),
    _case("sglang_dummy_last_row", SglangDummyLastRow, "fuse", 2, f16, SglangDummyLastRow.__doc__),
    _case("hf_cache_class_loop_2l", HfCacheClassLoop2L, "fuse", 4, bf16, HfCacheClassLoop2L.__doc__, layers=2),
    _case("sglang_paged_pool_2l", SglangPagedPool2L, "fuse", 4, bf16, SglangPagedPool2L.__doc__, layers=2),
    _case("flashinfer_nhd_cmp_stack_2l", FlashinferNhdCmpStack2L, "fuse", 4, f16, FlashinferNhdCmpStack2L.__doc__,
          layers=2),
    _case("vllm_v1_graph_padded_3l", VllmV1GraphPadded3L, "fuse", 6, f16, VllmV1GraphPadded3L.__doc__, layers=3),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 2, bf16 if bug == "bf16_accumulator" else f16, note, bug=bug)
    for bug, note in NEAR_MISSES.items()
]


# ----------------------------------------------------------------------------------------------------
# Eager check
# ----------------------------------------------------------------------------------------------------

def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: some compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
