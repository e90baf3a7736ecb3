"""A twenty-seventh blind corpus of whole NSA decode models (``models27``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the README's Usage (lines
41-93), "What fuses" with its "Not fused" and "Known limits" paragraphs (lines 119-262) and "How to write model code
that fuses" (lines 1386-1408), and public serving code knowledge (vLLM v1, vllm-ascend, SGLang, FlashInfer, HF
transformers, DeepSeek, lucidrains, fla, TensorRT-LLM), without reading the recogniser (nsa_fusion/patterns/,
rewrite.py, fusion_pass.py, exactness.py, sizes.py, evaluate.py, bound_inputs.py, pooling.py, lengths_from_positions.py,
pool_tables.py, lowering/), its tests, docs/soundness.md, git history or the other corpora's model classes. For the
file format only: the module docstrings of ``models8`` and ``models19`` - ``models26`` (models8 and models19-25 only
through a regex that printed their positive and near-miss names; models26's docstring in full), ``run_models``'
docstring (lines 1-25) and a grep of its ``add_argument`` / ``expect`` lines, the shared building blocks of
``models3`` (lines 60-300: ``ModelCase``, ``contract_golden``, ``Spec``, ``golden``, ``caches``, ``_poison``,
``_lengths``, ``gen_state``, ``_flat_state``, ``_init_params``, ``RMSNorm``, ``apply_rope``, ``attend``) and
``models4`` (lines 100-265: imports, ``RMSNorm``, ``rotary``, ``attend``, ``completed_blocks``, ``Layer``,
``DecodeModel``, ``_append_slots``, ``_kv_spec``; 698-712 ``_dense_state``; 1224-1417 ``NearMiss``, ``NEAR_MISSES``,
``_case``, ``MODEL_CASES``, ``check_cases``), and ``models26``'s import lines, ``_FIRST`` block, helper functions
``_case`` / ``_done`` / ``_own_idx`` / ``_spec`` / ``_paged_table_rows`` (lines 194-245), its ``NEAR_MISSES`` header
and its ``MODEL_CASES`` / ``__main__`` (lines 1405-1458). Disclosure: models26's docstring includes its first-try table
and its misses with the runner's reasons (a flattened block-table lookup at p = capacity; index arithmetic reading a
graph input; ``aten.unbind`` under dynamic=True; a flat-view write with a symbolic width), which I read; I did not
steer away from them on purpose beyond the README's own advice (every length here is an input, ``positions + 1`` or
FlashInfer's ``get_seq_lens``; matrix products pool fp16 tokens only). The first line of the brief's ``cat
/tmp/base66/READY`` was followed by a ``git log --oneline -1`` in /tmp/base66 that printed nothing. Nothing else of
the recogniser, no test and no other model class was read.

Every model is one decode step of a 1-4 layer decoder: RMSNorm, projections, rotary, the new token's K/V (or an MLA
latent) appended to the layer's cache, K and V (or the latent) compressed into compressed caches exactly as the
contract says (fp32 products and sum, one rounding to the cache dtype, non-completing rows keep their row), then
compressed, selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``). Sizes unless noted:
P = 16, MP = 4 (capacity 64), N = 2, D = 32, B = 8 (``gen_state``: completing and non-completing rows, poisoned unread
positions and kept rows); l = 32, d = 16 where the pooling is einsum / matmul / bmm (fp16 only), l = 16, d = 8 where it
is a ``sum`` over the window or a loop. The argument names of a model depend on its layer count, so ``_case`` reads
``ARGS`` / ``BATCH`` from a probe instance (the batch positions ``run_models`` marks under ``mark_dynamic``).

Positives (16; all 16 with 2-4 layers; fp16 x 8, bf16 x 5, fp32 x 3; 66 compressions per run; (dtype, layers,
compressions)):

* ``vllm_stacked_index_select_int32_2l`` (fp16, 2, 4): vLLM v1 ``[2, NB, P, N, D]`` per layer read ``kv_cache[0]`` /
  ``[1]``; int32 positions (lengths ``positions + 1``), int32 window positions, block table and ``cmp_block_table``;
  append ``key_cache.view(-1, N, D).index_copy_(0, slot_mapping, k)``; flat token ids ``(page * P + pos % P).long()``
  read with ``flatten(0, 1).index_select(0, ids).view(B, l, N, D)``; ``einsum('bjnd,jn->bnd')``; ``index_copy_`` of
  ``where(done, new, dst.index_select(0, own))`` at the own row ``cmp_block_table.gather(1, i)``;
* ``vllm_split_scatter_bf16_3l`` (bf16, 3, 6; l = 16, d = 8): vLLM split ``k_cache`` / ``v_cache`` ``[NB, P, N, D]``
  per layer, int64 positions / ``seq_lens`` (lengths the ``seq_lens`` input); append ``k_cache[slot // P, slot % P] =
  k``; pages by advanced indexing ``block_table[rows[:, None], pos // P]``; ``(win.float() * w.float()[None, :, :,
  None]).sum(1)``; ``scatter_(0, own[:, None, None].expand(B, N, D), where(done, new, gather(0, ...)))``;
* ``ascend_flat_heads_matmul_int32_2l`` (fp16, 2, 4): vllm-ascend ``[NB, P, N * D]`` / ``[S, N * D]``; int32
  ``seq_lens``, ``slot_mapping``, ``block_tables``, ``cmp_slot_mapping`` (-1); append ``view(-1, N * D)[slot.long()] =
  k.reshape(B, N * D)``; int32 window arithmetic, ``torch.gather(block_tables, 1, (pos // P).long())``, window
  ``k_cache[pages.long(), offs.long()].view(B, l, N, D)``; ``torch.matmul(win.float().permute(0, 2, 3, 1),
  w.float().t()[None, :, :, None])``; ``index_put_((cmp_slot_mapping,), where(ok[:, None], new.reshape(B, N * D),
  dst[cmp_slot_mapping]))`` with the int32 slots as the index;
* ``sglang_index_select_pool_fp32_2l`` (fp32, 2, 4; P = 1, MP = 64, l = 16, d = 8): SGLang page size 1, one ``[T, N,
  D]`` pool per layer and K/V; int32 ``req_to_token``, int64 ``cmp_req_to_token`` / rpi / ``seq_lens`` /
  ``out_cache_loc``; append ``k_buffer.index_put_((out_cache_loc,), k)``; ``req_to_token.index_select(0, rpi).gather(1,
  pos)`` ids; fp32 ``(win * w[None, :, :, None]).sum(1)`` without casts; ``dst[loc] = where(emit, new, dst[loc])`` at
  ``cmp_req_to_token[rpi, i]``;
* ``flashinfer_ragged_buf_einsum_2l`` (fp16, 2, 4): FlashInfer tuple-form paged KV ``(k_pages, v_pages)`` ``[NP, P, N,
  D]`` per layer; int64 ``kv_indptr_buf`` (B + 9 entries, the step slices ``[:B + 1]``: vLLM's static buffers),
  ``kv_indices`` (tail of -1), ``kv_last_page_len``; lengths as ``get_seq_lens``; append
  ``k_pages[kv_indices[kv_indptr[1:] - 1], kv_last_page_len - 1] = k``; pages ``kv_indices[kv_indptr[:-1, None] +
  pos // P]``; ``einsum('bjnd,jn->bnd')``; ``dst[cmp_slot_mapping] = where(...)`` (int64, -1);
* ``hf_static_gather_matmul_2l`` (fp16, 2, 4): HF StaticCache head-major ``[B, N, T, D]``, int64 ``cache_position``
  (lengths ``+ 1``); append ``kc[rows, :, cache_position] = k``; window ``kc.gather(2, pos[:, None, :, None].expand(B,
  N, l, D))``; ``torch.matmul(w.float().t()[None, :, None, :], win.float()).squeeze(2)``; head-major compressed
  ``[B, N, C, D]`` written ``cmp[rows, :, idx] = where(done, new, cmp[rows, :, idx])``;
* ``deepseek_mla_head1_bmm_2l`` (fp16, 2, 2; N = 1, C = 64): MLA latent ``[NB, P, 1, C]`` per layer, compressed ``[S,
  1, C]``; int64 positions / slots, int32 block table, int64 ``cmp_block_table``; append ``kv_c[slot // P, slot % P, 0]
  = latent``; window ``kv_c[pages, offs, 0]``; ``torch.bmm(w[:, 0].float()[None, None, :].expand(B, 1, l),
  win.float())``; ``index_put_((own,), where(done, new[:, None], cmp[own]))``;
* ``lucidrains_head_major_scatter_fp32_2l`` (fp32, 2, 4; l = 16, d = 8): head-major dense memories ``[B, N, T, D]``,
  int64 ``seq_lens``; append ``k_mem.scatter_(2, (s - 1)[:, None, None, None].expand(B, N, 1, D), k[:, :, None])``;
  window ``k_mem[rows[:, None], :, pos]`` (advanced indices around a slice); fp32 ``(win * w[None, :, :,
  None]).sum(1)``; compressed ``[B, N, C, D]`` ``scatter_(2, idx, where(done, new[:, :, None], gather(2, idx)))``;
* ``fla_take_along_out_of_place_bf16_2l`` (bf16, 2, 4; l = 16, d = 8): fla dense ``[B, T, N, D]`` updated OUT OF PLACE
  and returned; int32 ``cache_seqlens`` (lengths ``+ 1``); append ``ks.index_put((rows, t), k)``; window
  ``torch.take_along_dim(ks, pos[:, :, None, None], dim=1)``; ``torch.mul(win.float(), w.float()[None, :, :,
  None]).sum(dim=1)``; compressed ``[B, C, N, D]`` ``index_put((rows, blk), where(...))`` out of place. Predicted n/a
  under ``batch``: plain dynamo (``backend="eager"``) raises ConstraintViolationError, ``take_along_dim``'s broadcast
  specialises the batch (a 5-line probe, ``/tmp/m27/probe_dyn.py``, reproduces it without the model);
* ``vllm_cudagraph_pad_slot_minus1_4l`` (fp16, 4, 8): vLLM v1 CUDA-graph padded batch, the last 2 rows padding (zero
  hidden, position 0, int32 ``seq_lens`` 0, ``slot_mapping`` -1, block-table row -1, ``cmp_slot_mapping`` -1); 4 layers
  of ``[2, NB, P, N, D]`` with the JOINT append ``kv_cache[:, slot // P, slot % P] = stack((k, v))`` (the pads write
  the last position of the last block, kept free of requests); per half ``kv_cache[c][pages, offs]``; int32 block table
  ``gather(1, (pos // P).long())``; ``einsum('bjnd,jn->bnd')``; per-half ``cmp_kv[c][cmp_slot_mapping] = where(...)``;
* ``sglang_stacked_index_copy_bf16_2l`` (bf16, 2, 4; P = 1, MP = 64, l = 16, d = 8): SGLang pools stacked over layers
  ``[L, T, N, D]`` read ``k_buffer[layer_id]``, compressed ``[L, S, N, D]``; int32 ``req_to_token`` /
  ``cmp_req_to_token``; append ``k_buffer[layer_id].index_put_((out_cache_loc,), k)``; ids ``req_to_token[rpi[:, None],
  pos]``; tokens ``k_buffer[layer_id].index_select(0, ids).view(B, l, N, D)``; ``torch.sum(..., dim=1)``;
  ``cmp_k[layer_id].index_copy_(0, loc, where(emit, new, index_select(0, loc)))``;
* ``trtllm_block_pool_hnd_bf16_2l`` (bf16, 2, 4; l = 16, d = 8): TensorRT-LLM-style block pool ``[NB, L, 2, N, P, D]``
  holding every layer and K/V, compressed pool ``[S, L, 2, N, D]``; int32 ``kv_cache_block_offsets``,
  ``past_key_value_lengths`` (lengths ``+ 1``), ``cmp_slot_mapping`` (-1); append ``pool[page, li, 0, :, off] = k``;
  window ``pool[pages, li, c, :, offs]``; ``torch.sum(win.float() * w.float().unsqueeze(-1), dim=1)``; ``dst =
  cmp_pool[:, li, c]; dst[slots] = where(...)`` on the strided view;
* ``hf_cb_flat_einsum_3l`` (fp16, 3, 6): transformers continuous batching flat ``[NB * P, N, D]`` per layer and K/V;
  int64 ``cache_position``, ``write_index`` (``cache[write_index] = k``), int32 block table, int64 ``cmp_block_table``;
  ``read_index = block_table.gather(1, pos // P).long() * P + pos % P`` read ``cache[read_index]``;
  ``einsum('jn,bjnd->bnd', w.float(), win.float())`` (weight first); ``index_copy_(0, slot, where(done, new,
  cmp[slot]))`` at the own row;
* ``deepseek_batch_prefix_loop_2l`` (fp16, 2, 4; l = 16, d = 8): DeepSeek-V3 reference style dense ``[max_batch, T, N,
  D]`` caches (max_batch = B + 2, not batch-sized), int64 ``start_pos``; append ``kc[:bsz][rows, start_pos] = k``; a
  Python loop over the window in order from an fp32 zero ``acc = acc + w[j].float()[None, :, None] * kc[rows, pos[:,
  j]].float()``; ``cmp[:bsz].index_put_((rows, i), where(done, acc, cmp[rows, i]))`` into ``[max_batch, C, N, D]``;
* ``flashinfer_hnd_index_copy_bf16_2l`` (bf16, 2, 4; l = 16, d = 8): vLLM's FlashInfer backend with HND ``[NP, 2, N,
  P, D]`` per layer, compressed ``[2, S, N, D]``; int32 ``seq_lens``, block table and ``cmp_block_table``; append
  ``kv[page, 0, :, off] = k``; window ``kv[pages, c, :, offs]``; mul+sum; ``dst.index_copy_(0, own, where(...,
  dst.index_select(0, own)))``;
* ``vllm_mla_headless_flat_fp32_2l`` (fp32, 2, 2; N = 1, C = 64, l = 16, d = 8): vLLM MLA headless ``[NB, P, C]``,
  compressed ``[S, C]``; int32 positions (lengths ``+ 1``), int32 ``cmp_slot_mapping`` (-1); append through the flat
  view ``kv_c.view(-1, C)[slot_mapping] = latent``; window ``kv_c[pages, offs]``; fp32 ``(win * w[:, 0][None, :,
  None]).sum(1)``; ``cmp[cmp_slot_mapping] = where(done[:, None], new, cmp[cmp_slot_mapping])``.

Near misses (8; one layer, vLLM split caches ``[NB, P, N, D]``, int64 metadata, lengths ``positions + 1``, l = 16,
d = 8, every row writes or keeps its OWN compressed row ``cmp_block_table[b, clamp((s - l) // d, 0)]``; K and V both
deviate; each ``note`` in ``NEAR_MISSES`` argues why no weight / slot / table / d choice makes it the contract):
``heads_reversed`` (fp16; the pooled heads written flipped), ``kahan_sum`` (fp32; compensated fp32 window sum),
``page_index_off_by_one`` (bf16; the page of position p taken as ``(p + 1) // P``, clamped to the table width),
``rms_pool`` (fp16; ``sqrt(sum w x^2)``), ``hidden_gated_pool`` (bf16; the sum times a sigmoid gate of the current
hidden state), ``sliding_mask_in_window`` (fp16; the first l - 8 window tokens replaced by zeros with ``where``),
``per_head_temperature`` (fp16; the sum divided by a learned per-head temperature), ``logsumexp_pool`` (bf16;
``logsumexp_j(x_j + log w_j)``).

Checks before the first try (the only iteration; nothing of the pass run; scripts and logs in ``/tmp/m27``;
/work/main's tree): ``python tests/corpora/models27.py`` (``check_cases`` with ``near_miss_differs_everywhere=True``,
B = 8, seed 0): every positive bit-exact to the golden, every near miss differs in both compressed caches (after two
fixes while writing: ``_case`` reading the per-layer-count argument names, and ``page_index_off_by_one`` reading past
the table at p = capacity - 1 until clamped). ``validate.py`` (``validate.log``), seeds 0-2 and 6 at B = 8, 3-4 at
B = 6, 5 at B = 12: every positive equals the golden bit for bit in eager, the einsum / matmul / bmm models included
(no BLAS-order difference showed on these inputs), and every positive's compressions computed by
``nsa_fusion.compress_infer`` (eager, value checks on: valid input) equal the golden bit for bit; every near miss
differs in every compressed cache. ``dyncheck.py`` (``dyncheck.log``; plain dynamo with a graph-counting backend that
runs the captured graph, nsa_fusion not imported): every case compiles to ONE graph, and the caches after it equal
eager's, under static, ``mark_dynamic`` on its batch inputs, and ``dynamic=True``, except
``fla_take_along_out_of_place_bf16_2l`` under ``mark_dynamic`` (ConstraintViolationError: predicted n/a).

First try, 2026-12-06 22:57:06-23:42:49 UTC (about 46 min wall; the runs' own times sum to 45.4 min), on the frozen
tree ``/tmp/base66`` (READY commit e506119; ``PYTHONPATH=/tmp/base66``, ``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``,
``OMP_NUM_THREADS=1``), this file copied unchanged into ``/tmp/base66/tests/corpora/`` (sha1 b1d622b0c0c7...,
``/tmp/m27/sha_at_first_run.txt``, copy ``/tmp/m27/models27_at_first_run.py``; nothing in the models changed after the
run started, only this docstring, its line wrapping, and the ``_FIRST`` block): ``run_models.py --corpus models27``,
both dialects, three shape modes, B = 8; log ``/tmp/m27/first.log``, results ``/tmp/m27/first.json``. Positive runs
with EVERY compression fused and bit-exact / applicable; near-miss runs fused:

    dialect  mode           positives        (any fusion)  near misses fused  crashes  n/a
    inductor static         15/16 (94 %)     15            0/8                0        0
    inductor mark_dynamic   14/15 (93 %)     14            0/8                0        1 (fla_take_along...)
    inductor dynamic=True   15/16 (94 %)     15            0/8                0        0
    torchair static         15/16 (94 %)     15            0/8                0        0
    torchair mark_dynamic   14/15 (93 %)     14            0/8                0        1 (fla_take_along...)
    torchair dynamic=True   15/16 (94 %)     15            0/8                0        0
    (fla_take_along...: fla_take_along_out_of_place_bf16_2l)
    TOTAL: 88/94 applicable positive runs (94 %) with every compression fused and bit-exact; every run that fused
    anything (88) was bit-exact to the golden; near misses: 0/48 runs fused (all eager_equal); no crash; 2 n/a
    (predicted).

The misses, with the runner's reason (verbatim, first reason of each run):

* ``deepseek_batch_prefix_loop_2l`` (6/6 runs, 0/4 fused): ``gather: tokens are gathered from more than one tensor:
  arg6_1, index_put @ index_tensor_15 (aten.index.Tensor)`` (inductor static; ``arg8_1`` / ``index_tensor_14`` under
  inductor batch, ``arg10_1`` / ``index_tensor_16`` under inductor all, ``arg6_1`` / ``index_tensor_21``, ``arg8_1`` /
  ``index_tensor_12``, ``arg10_1`` / ``index_tensor_19`` under torchair static / batch / all). My reading, from the
  model alone: the append writes through the batch prefix view ``k_cache[:bsz][rows, start_pos] = k`` while the
  window loop reads the whole ``[max_batch, T, N, D]`` cache ``k_cache[rows, pos[:, j]]``, so in the graph the window
  tokens come from both the cache input and the prefix's ``index_put`` result (DeepSeek's own code reads through the
  prefix, ``k_cache[:bsz, :end_pos]``; the README's DeepSeek form writes through the prefix and reads the whole
  cache's kept rows, not its window tokens).
* ``fla_take_along_out_of_place_bf16_2l`` under mark_dynamic: n/a, as predicted (``ConstraintViolationError:
  Constraints violated (L['cache_seqlens'].size()[0], L['hidden'].size()[0], L['states'][0].size()[0], ...``:
  ``take_along_dim`` specialises the batch in plain dynamo); it fused 4/4 and was exact in the other 4 runs.

Near misses: none fused in any run, and every near-miss run equals eager.

Rerun by the maintainers after the fix (526cba3, roles._writes_leading_rows: the ``slice_scatter`` of the prefix
append is the paged input), 2026-12-06 23:49-00:50 UTC, the same command on /work/main: 94/94 applicable positive
runs fused every compression bit-exact (16 / 15 / 16 in each dialect), near misses fused 0/48, no crash, 2 n/a.
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import Spec, _flat_state, _poison, gen_state  # noqa: E402,F401
from models4 import (DecodeModel, Layer, _append_slots, _case as _m4_case, _dense_state, check_cases,  # noqa: E402
                     f16, bf16, f32)


# _FIRST: first try, /tmp/base66 (commit e506119), 2026-12-06 22:57:06-23:42:49 UTC, log /tmp/m27/first.log,
# json /tmp/m27/first.json. Positive runs with every compression fused + bit-exact / applicable; near misses fused:
#   inductor static        15/16 (94 %)   near misses fused 0/8   crashes 0   n/a 0
#   inductor mark_dynamic  14/15 (93 %)   near misses fused 0/8   crashes 0   n/a 1 (fla_take_along_...)
#   inductor dynamic=True  15/16 (94 %)   near misses fused 0/8   crashes 0   n/a 0
#   torchair static        15/16 (94 %)   near misses fused 0/8   crashes 0   n/a 0
#   torchair mark_dynamic  14/15 (93 %)   near misses fused 0/8   crashes 0   n/a 1 (fla_take_along_...)
#   torchair dynamic=True  15/16 (94 %)   near misses fused 0/8   crashes 0   n/a 0
#   TOTAL 88/94 (94 %); every run that fused anything bit-exact (88/88); near misses 0/48 fused.
# Misses: deepseek_batch_prefix_loop_2l 6/6, 0/4 fused (gather: tokens are gathered from more than one tensor:
#   arg6_1, index_put; append through k_cache[:bsz], window loop over the whole cache).


def _case(name, cls, expect, compressions, dtype, note, **kw):
    """``models4._case``; the argument names of a model here depend on its layer count, so the batch positions are
    read from an instance."""
    probe = cls(torch.float32, **kw)
    case = _m4_case(name, type("_Probe", (), dict(ARGS=probe.ARGS, BATCH=probe.BATCH)), expect, compressions, dtype,
                    note)

    def build(dt, cls=cls, kw=kw):
        return cls(dt, **kw)

    case.build = build
    return case


def _done(s, l, d):
    return (s >= l) & ((s - l) % d == 0)


def _own_idx(s, l, d):
    """Index of the request's newest compressed row after this step (0 before its first one)."""
    return torch.div((s - l).clamp(min=0), d, rounding_mode="floor")


def _own_slot(cmp_table, s, l, d):
    """Python-side (golden) slot of each row: its own newest compressed row."""
    rows = torch.arange(s.shape[0])
    return cmp_table.long()[rows, _own_idx(s.long(), l, d)]


def _spec(name, kv, cache, weight, table, lengths, slots):
    return Spec(name, kv, cache, weight, table, lengths, slots)


def _dense_table(B):
    return torch.arange(B)[:, None]


def _paged_read(kc, vc, table, P):
    def read(p):
        pg = table.long().gather(1, p // P)
        return kc[pg, p % P], vc[pg, p % P]
    return read


# ----------------------------------------------------------------------------------------------------
# 1. vLLM v1 stacked [2, NB, P, N, D], int32 metadata, flat ids + index_select, einsum, index_copy_
# ----------------------------------------------------------------------------------------------------

class VllmStackedIndexSelectInt32(DecodeModel):
    """vLLM v1 FlashAttention-style ``kv_cache`` ``[2, NB, P, N, D]`` per layer read as ``kv_cache[0]`` /
    ``kv_cache[1]``; int32 ``positions`` (lengths ``positions + 1``), int32 block table and compressed block table;
    append ``key_cache.view(-1, N, D).index_copy_(0, slot_mapping, k)``; flat token ids ``page * P + pos % P``
    (int32 arithmetic, ``.long()``) read with ``flatten(0, 1).index_select``; ``einsum('bjnd,jn->bnd')`` in fp32;
    ``index_copy_`` of ``where(done, new, index_select(...))`` at the request's own compressed row."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype, layers=2, **kw):
        self.ARGS = self.BATCH + tuple(f"kv{i}" for i in range(layers)) + tuple(f"cmp{i}" for i in range(layers))
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, *caches):
        L = len(self.layers)
        kvs, cmps = caches[:L], caches[L:]
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        s = positions + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, dtype=torch.int32, device=s.device)).clamp(min=0)
        blk = block_table.gather(1, (pos // P).long())
        ids = (blk * P + pos % P).long().flatten()
        idx = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        own = cmp_block_table.gather(1, idx[:, None].long()).squeeze(1).long()
        h = hidden
        for layer, kv_cache, cmp_kv in zip(self.layers, kvs, cmps):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache[0], kv_cache[1]
            key_cache.view(-1, N, D).index_copy_(0, slot_mapping, k)
            value_cache.view(-1, N, D).index_copy_(0, slot_mapping, v)
            for c, (src, w) in enumerate(((key_cache, layer.cmp_w_k), (value_cache, layer.cmp_w_v))):
                win = src.flatten(0, 1).index_select(0, ids).view(B, l, N, D)
                new = torch.einsum("bjnd,jn->bnd", win.float(), w.float())
                dst = cmp_kv[c]
                dst.index_copy_(0, own, torch.where(done[:, None, None], new.to(dst.dtype),
                                                    dst.index_select(0, own)))
            rows = cmp_block_table.long()
            h = layer.finish(h, x, q, s.long(), _paged_read(key_cache, value_cache, block_table, P),
                             cmp_kv[0][rows], cmp_kv[1][rows], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        kvs = [torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1])) for i in range(L)]
        cmps = [torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1])) for i in range(L)]
        return (st["hidden"], (st["s"] - 1).int(), _append_slots(st, self.P), st["table"].int(),
                st["cmp_table"].int(), *kvs, *cmps)

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for c, kv in enumerate("kv"):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, c=c: a[f"kv{i}"][c],
                                 lambda a, r, i=i, c=c: a[f"cmp{i}"][c],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["positions"].long() + 1,
                                 lambda a, m=self: _own_slot(a["cmp_block_table"], a["positions"].long() + 1,
                                                             m.l, m.d)))
        return out


# ----------------------------------------------------------------------------------------------------
# 2. vLLM split K/V caches, 3 layers, bf16, advanced-index block table, mul+sum, scatter_
# ----------------------------------------------------------------------------------------------------

class VllmSplitScatterBf16(DecodeModel):
    """vLLM split caches (``k_cache``, ``v_cache`` ``[NB, P, N, D]`` per layer, as the V0 / XFormers layout hands
    them over), int64 ``positions`` for rotary and int64 ``seq_lens`` for the lengths; append ``k_cache[slot // P,
    slot % P] = k``; the window's pages read by ADVANCED INDEXING ``block_table[rows[:, None], pos // P]``;
    ``(win.float() * w.float()[None, :, :, None]).sum(1)``; ``scatter_(0, idx, where(done, new, gather(0, idx)))``
    at the request's own compressed row ``cmp_block_table[rows, i]``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype, layers=3, **kw):
        names = []
        for i in range(layers):
            names += [f"k_cache{i}", f"v_cache{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_block_table, *caches):
        L = len(self.layers)
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = seq_lens
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table[rows[:, None], pos // P]
        offs = pos % P
        own = cmp_block_table[rows, torch.div((s - l).clamp(min=0), d, rounding_mode="floor")]
        at = own[:, None, None].expand(B, N, D)
        h = hidden
        for i, layer in enumerate(self.layers):
            k_cache, v_cache = caches[2 * i], caches[2 * i + 1]
            k_cmp, v_cmp = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            k_cache[slot_mapping // P, slot_mapping % P] = k
            v_cache[slot_mapping // P, slot_mapping % P] = v
            for src, dst, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
                win = src[pages, offs]
                new = (win.float() * w.float()[None, :, :, None]).sum(1)
                dst.scatter_(0, at, torch.where(done[:, None, None], new.to(dst.dtype), dst.gather(0, at)))
            h = layer.finish(h, x, q, s, _paged_read(k_cache, v_cache, block_table, P),
                             k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        return (st["hidden"], st["s"] - 1, st["s"].clone(), _append_slots(st, self.P), st["table"],
                st["cmp_table"], *st["kvs"], *st["cmps"])

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_cache{i}"],
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmp{i}"],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["seq_lens"],
                                 lambda a, m=self: _own_slot(a["cmp_block_table"], a["seq_lens"], m.l, m.d)))
        return out


# ----------------------------------------------------------------------------------------------------
# 3. vllm-ascend heads-flattened caches, int32 metadata, matmul (fp16), index_put_ at int32 slots
# ----------------------------------------------------------------------------------------------------

class AscendFlatHeadsMatmulInt32(DecodeModel):
    """vllm-ascend caches with the heads flattened: ``[NB, P, N * D]`` paged, ``[S, N * D]`` compressed; int32
    ``seq_lens``, ``slot_mapping``, ``block_tables`` and ``cmp_slot_mapping`` (-1 on rows that write nothing);
    append ``k_cache.view(-1, N * D)[slot_mapping.long()] = k.reshape(B, N * D)``; window ``k_cache[pages.long(),
    offs.long()].view(B, l, N, D)`` with int32 position arithmetic; pooling ``torch.matmul(win.float().permute(0, 2,
    3, 1), w.float().t()[None, :, :, None])`` (``[B, N, D, l] @ [1, N, l, 1]``); ``index_put_((cmp_slot_mapping,),
    where(ok[:, None], new.reshape(B, N * D), cache[cmp_slot_mapping]))`` with the int32 slots as the index."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "positions", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping",
             "cmp_block_table")

    def __init__(self, dtype, layers=2, **kw):
        names = []
        for i in range(layers):
            names += [f"k_cache{i}", f"v_cache{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_table,
                *caches):
        L = len(self.layers)
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        s = seq_lens
        ok = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, dtype=torch.int32, device=s.device)).clamp(min=0)
        pages = torch.gather(block_tables, 1, (pos // P).long())
        offs = pos % P
        h = hidden
        for i, layer in enumerate(self.layers):
            k_cache, v_cache = caches[2 * i], caches[2 * i + 1]
            k_cmp, v_cmp = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            k_cache.view(-1, N * D)[slot_mapping.long()] = k.reshape(B, N * D)
            v_cache.view(-1, N * D)[slot_mapping.long()] = v.reshape(B, N * D)
            for src, dst, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
                win = src[pages.long(), offs.long()].view(B, l, N, D)
                new = torch.matmul(win.float().permute(0, 2, 3, 1), w.float().t()[None, :, :, None]).squeeze(-1)
                dst.index_put_((cmp_slot_mapping,), torch.where(ok[:, None], new.reshape(B, N * D).to(dst.dtype),
                                                               dst[cmp_slot_mapping]))
            kp, vp = k_cache.view(-1, P, N, D), v_cache.view(-1, P, N, D)
            rows = cmp_block_table.long()
            h = layer.finish(h, x, q, s.long(), _paged_read(kp, vp, block_tables, P),
                             k_cmp.view(-1, N, D)[rows], v_cmp.view(-1, N, D)[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        N, D = self.N, self.D
        kvs = [kv.reshape(kv.shape[0], self.P, N * D) for kv in st["kvs"]]
        cmps = [c.reshape(c.shape[0], N * D) for c in st["cmps"]]
        return (st["hidden"], st["s"] - 1, st["s"].int(), _append_slots(st, self.P).int(), st["table"].int(),
                st["cmp_slot"].int(), st["cmp_table"].int(), *kvs, *cmps)

    def specs(self):
        N, D, P = self.N, self.D, self.P
        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_cache{i}"].view(-1, P, N, D),
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmp{i}"].view(-1, N, D),
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_tables"], lambda a: a["seq_lens"],
                                 lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# 4. SGLang page size 1, per-layer pools, index_select on req_to_token, fp32
# ----------------------------------------------------------------------------------------------------

class SglangIndexSelectPoolFp32(DecodeModel):
    """SGLang ``MHATokenToKVPool`` (page size 1) with one ``[num_tokens, N, D]`` buffer per layer and K/V (fp32);
    int32 ``req_to_token`` ``[R, cap]``, int64 ``req_pool_indices`` / ``seq_lens`` / ``out_cache_loc``, int64
    ``cmp_req_to_token``; ``set_kv_buffer`` as ``k_buffer.index_put_((out_cache_loc,), k)``; the batch's table rows
    picked with ``req_to_token.index_select(0, req_pool_indices)`` and the window's token ids read with
    ``gather(1, pos)``; fp32 ``(win * w[None, :, :, None]).sum(1)`` without casts; ``dst[loc] = where(emit, new,
    dst[loc])`` at ``loc = cmp_req_to_token[req_pool_indices, i]``."""
    SIZES = dict(l=16, d=8, P=1, MP=64, N=2, D=32)
    BATCH = ("hidden", "positions", "seq_lens", "req_pool_indices", "out_cache_loc")

    def __init__(self, dtype, layers=2, **kw):
        names = ["req_to_token", "cmp_req_to_token"]
        for i in range(layers):
            names += [f"k_buffer{i}", f"v_buffer{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                *caches):
        L = len(self.layers)
        l, d = self.l, self.d
        s = seq_lens
        emit = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        table = req_to_token.index_select(0, req_pool_indices)
        ids = table.gather(1, pos).long()
        loc = cmp_req_to_token[req_pool_indices, torch.div((s - l).clamp(min=0), d, rounding_mode="floor")]
        cmp_rows = cmp_req_to_token[req_pool_indices]
        h = hidden
        for i, layer in enumerate(self.layers):
            k_buf, v_buf = caches[2 * i], caches[2 * i + 1]
            k_cmp, v_cmp = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            k_buf.index_put_((out_cache_loc,), k)
            v_buf.index_put_((out_cache_loc,), v)
            for src, dst, w in ((k_buf, k_cmp, layer.cmp_w_k), (v_buf, v_cmp, layer.cmp_w_v)):
                win = src[ids]
                new = (win * w[None, :, :, None]).sum(1)
                dst[loc] = torch.where(emit[:, None, None], new, dst[loc])

            def read(p, k_buf=k_buf, v_buf=v_buf):
                t = table.gather(1, p).long()
                return k_buf[t], v_buf[t]

            h = layer.finish(h, x, q, s, read, k_cmp[cmp_rows], v_cmp[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return (st["hidden"], st["s"] - 1, st["s"].clone(), rpi, loc, r2t.int(), cr2t,
                *[kv[:, 0] for kv in st["kvs"]], *st["cmps"])

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_buffer{i}"],
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmp{i}"],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                                 lambda a, m=self: _own_slot(a["cmp_req_to_token"][a["req_pool_indices"]],
                                                             a["seq_lens"], m.l, m.d)))
        return out


# ----------------------------------------------------------------------------------------------------
# 5. FlashInfer tuple-form paged KV, ragged metadata in static buffers, einsum (fp16)
# ----------------------------------------------------------------------------------------------------

def _ragged_meta(st, P, spare_reqs=8, tail=5):
    s, table = st["s"], st["table"]
    B = s.shape[0]
    used = (s + P - 1) // P
    indptr = torch.zeros(B + 1 + spare_reqs, dtype=torch.int64)
    indptr[1:B + 1] = torch.cumsum(used, 0)
    indptr[B + 1:] = indptr[B]
    indices = torch.cat([table[b, :int(used[b])] for b in range(B)] + [torch.full((tail,), -1)])
    last = s - (used - 1) * P
    return indptr, indices, last


class FlashinferRaggedBufEinsum(DecodeModel):
    """FlashInfer's tuple-form paged KV (``(k_pages, v_pages)``, each ``[NP, P, N, D]``) per layer, with vLLM's
    CUDA-graph-friendly static metadata buffers: int64 ``kv_indptr_buf`` (longer than ``B + 1``; the step uses
    ``kv_indptr_buf[:B + 1]``), ``kv_indices`` (tail of -1) and ``kv_last_page_len``; lengths as FlashInfer's
    ``get_seq_lens``; append ``k_pages[kv_indices[kv_indptr[1:] - 1], kv_last_page_len - 1] = k``; window pages
    ``kv_indices[kv_indptr[:-1, None] + pos // P]``; ``einsum('bjnd,jn->bnd')`` in fp32; ``dst[cmp_slot_mapping] =
    where(...)`` (int64, -1 on rows that write nothing)."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "positions", "kv_last_page_len", "cmp_slot_mapping", "cmp_block_table")

    def __init__(self, dtype, layers=2, **kw):
        names = ["kv_indptr_buf", "kv_indices"]
        for i in range(layers):
            names += [f"k_pages{i}", f"v_pages{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, kv_last_page_len, cmp_slot_mapping, cmp_block_table, kv_indptr_buf,
                kv_indices, *caches):
        L = len(self.layers)
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        kv_indptr = kv_indptr_buf[:B + 1]
        s = (kv_indptr[1:] - kv_indptr[:-1] - 1) * P + kv_last_page_len
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = kv_indices[kv_indptr[:-1, None] + pos // P]
        offs = pos % P
        last_page = kv_indices[kv_indptr[1:] - 1]
        h = hidden
        for i, layer in enumerate(self.layers):
            k_pages, v_pages = caches[2 * i], caches[2 * i + 1]
            k_cmp, v_cmp = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            k_pages[last_page, kv_last_page_len - 1] = k
            v_pages[last_page, kv_last_page_len - 1] = v
            for src, dst, w in ((k_pages, k_cmp, layer.cmp_w_k), (v_pages, v_cmp, layer.cmp_w_v)):
                new = torch.einsum("bjnd,jn->bnd", src[pages, offs].float(), w.float())
                dst[cmp_slot_mapping] = torch.where(done[:, None, None], new.to(dst.dtype), dst[cmp_slot_mapping])

            def read(p, k_pages=k_pages, v_pages=v_pages):
                pg = kv_indices[kv_indptr[:-1, None] + p // P]
                return k_pages[pg, p % P], v_pages[pg, p % P]

            h = layer.finish(h, x, q, s, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        indptr, indices, last = _ragged_meta(st, self.P)
        return (st["hidden"], st["s"] - 1, last, st["cmp_slot"], st["cmp_table"], indptr, indices,
                *st["kvs"], *st["cmps"])

    def specs(self):
        P = self.P

        def lens(a):
            B = a["hidden"].shape[0]
            ip = a["kv_indptr_buf"][:B + 1]
            return (ip[1:] - ip[:-1] - 1) * P + a["kv_last_page_len"]

        def table(a):
            B = a["hidden"].shape[0]
            ip = a["kv_indptr_buf"]
            n = ip[1:B + 1] - ip[:B]
            t = torch.full((B, int(n.max())), -1, dtype=torch.int64)
            for b in range(B):
                t[b, :int(n[b])] = a["kv_indices"][int(ip[b]):int(ip[b + 1])]
            return t

        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_pages{i}"],
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmp{i}"],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 table, lens, lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# 6. HF StaticCache head-major, gather(2), matmul (fp16), head-major compressed memory written at [rows, :, idx]
# ----------------------------------------------------------------------------------------------------

class HfStaticGatherMatmul(DecodeModel):
    """HF StaticCache port: ``key_cache`` ``[B, N, T, D]`` per layer, no page table, int64 ``cache_position`` (the
    new token's position per row; lengths ``cache_position + 1``); append ``key_cache[rows, :, cache_position] =
    k``; window by ``key_cache.gather(2, pos[:, None, :, None].expand(B, N, l, D))``; pooling ``torch.matmul(
    w.float().t()[None, :, None, :], win.float()).squeeze(2)`` (``[1, N, 1, l] @ [B, N, l, D]``); head-major
    compressed memory ``[B, N, C, D]`` written ``cmp[rows, :, idx] = where(done, new, cmp[rows, :, idx])``."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "cache_position")

    def __init__(self, dtype, layers=2, **kw):
        names = []
        for i in range(layers):
            names += [f"key_cache{i}", f"value_cache{i}"]
        for i in range(layers):
            names += [f"key_cmp{i}", f"value_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        self.BATCH = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, cache_position, *caches):
        L = len(self.layers)
        l, d, N, D = self.l, self.d, self.N, self.D
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = cache_position + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        gidx = pos[:, None, :, None].expand(B, N, l, D)
        idx = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc = caches[2 * i], caches[2 * i + 1]
            kcm, vcm = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, cache_position)
            kc[rows, :, cache_position] = k
            vc[rows, :, cache_position] = v
            for src, dst, w in ((kc, kcm, layer.cmp_w_k), (vc, vcm, layer.cmp_w_v)):
                win = src.gather(2, gidx)
                new = torch.matmul(w.float().t()[None, :, None, :], win.float()).squeeze(2)
                dst[rows, :, idx] = torch.where(done[:, None, None], new.to(dst.dtype), dst[rows, :, idx])

            def read(p, kc=kc, vc=vc):
                return kc[rows[:, None], :, p], vc[rows[:, None], :, p]

            h = layer.finish(h, x, q, s, read, kcm.transpose(1, 2), vcm.transpose(1, 2), l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        T = self.MP * self.P
        kvs, cmps = _dense_state(st, B, T)
        kvs = [t.transpose(1, 2).contiguous() for t in kvs]
        cmps = [t.transpose(1, 2).contiguous() for t in cmps]
        return (st["hidden"], st["s"] - 1, *kvs, *cmps)

    def specs(self):
        N, D = self.N, self.D

        def slots(a, m=self):
            B, C = a["hidden"].shape[0], a["key_cmp0"].shape[2]
            s = a["cache_position"] + 1
            return torch.arange(B) * C + _own_idx(s, m.l, m.d)

        out = []
        for i in range(len(self.layers)):
            for kv, nm in (("k", "key"), ("v", "value")):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, nm=nm: a[f"{nm}_cache{i}"].transpose(1, 2),
                                 lambda a, r, i=i, nm=nm: a[f"{nm}_cmp{i}"].transpose(1, 2).reshape(-1, N, D),
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: _dense_table(a["hidden"].shape[0]), lambda a: a["cache_position"] + 1,
                                 slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 7. DeepSeek MLA latent with a head dim of 1, bmm (fp16), index_put_
# ----------------------------------------------------------------------------------------------------

class DeepseekMlaHead1Bmm(DecodeModel):
    """DeepSeek MLA latent cache with a head dim of one (``[NB, P, 1, C]``, C = 64) per layer, compressed ``[S, 1,
    C]``; int64 ``positions`` (lengths ``+ 1``), int64 ``slot_mapping``, int32 block table, int64
    ``cmp_block_table``; append ``kv_c[slot // P, slot % P, 0] = latent``; window ``kv_c[pages, offs, 0]`` (``[B, l,
    C]``); ``torch.bmm(w[:, 0].float()[None, None, :].expand(B, 1, l), win.float())``; ``index_put_((own,),
    where(done, new[:, None], cmp[own]))`` at the request's own compressed row."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=64)
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype, layers=2, **kw):
        self.ARGS = self.BATCH + tuple(f"kv_c{i}" for i in range(layers)) + tuple(f"cmp{i}" for i in range(layers))
        super().__init__(dtype, layers=layers, **kw)

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2, **kw)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, *caches):
        L = len(self.layers)
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        s = positions + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table.gather(1, pos // P)
        offs = pos % P
        idx = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        own = cmp_block_table.gather(1, idx[:, None]).squeeze(1)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_c, cmp = caches[i], caches[L + i]
            x, q, lat, _ = layer.project(h, positions)
            latent = lat[:, 0]
            kv_c[slot_mapping // P, slot_mapping % P, 0] = latent
            win = kv_c[pages, offs, 0]
            wv = layer.cmp_w_k[:, 0].float()[None, None, :].expand(B, 1, l)
            new = torch.bmm(wv, win.float()).squeeze(1)
            cmp.index_put_((own,), torch.where(done[:, None, None], new[:, None].to(cmp.dtype), cmp[own]))

            def read(p, kv_c=kv_c):
                t = kv_c[block_table.gather(1, p // P), p % P]
                return t, t

            mem = cmp[cmp_block_table]
            h = layer.finish(h, x, q, s, read, mem, mem, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, len(self.layers))
        return (st["hidden"], st["s"] - 1, _append_slots(st, self.P), st["table"].int(), st["cmp_table"],
                *st["kvs"], *st["cmps"])

    def specs(self):
        return [_spec(f"c{i}", lambda a, r, i=i: a[f"kv_c{i}"], lambda a, r, i=i: a[f"cmp{i}"],
                      lambda m, i=i: m.layers[i].cmp_w_k, lambda a: a["block_table"],
                      lambda a: a["positions"] + 1,
                      lambda a, m=self: _own_slot(a["cmp_block_table"], a["positions"] + 1, m.l, m.d))
                for i in range(len(self.layers))]


# ----------------------------------------------------------------------------------------------------
# 8. lucidrains head-major dense memories, fp32, scatter_ append, slice-separated window index, scatter_(2)
# ----------------------------------------------------------------------------------------------------

class LucidrainsHeadMajorScatterFp32(DecodeModel):
    """lucidrains ``native-sparse-attention-pytorch`` style head-major memories ``[B, N, T, D]`` (fp32) per layer,
    int64 ``seq_lens`` (after the append); append ``k_mem.scatter_(2, (s - 1)[:, None, None, None].expand(B, N, 1,
    D), k[:, :, None])``; window ``k_mem[rows[:, None], :, pos]`` (advanced indices around a slice: ``[B, l, N,
    D]``); fp32 ``(win * w[None, :, :, None]).sum(1)``; head-major compressed memories ``[B, N, C, D]`` written
    ``cmem.scatter_(2, idx, where(done, new[:, :, None], cmem.gather(2, idx)))``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "seq_lens")

    def __init__(self, dtype, layers=2, **kw):
        names = []
        for i in range(layers):
            names += [f"k_mem{i}", f"v_mem{i}"]
        for i in range(layers):
            names += [f"k_cmem{i}", f"v_cmem{i}"]
        self.ARGS = self.BATCH + tuple(names)
        self.BATCH = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, seq_lens, *mems):
        L = len(self.layers)
        l, d, N, D = self.l, self.d, self.N, self.D
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = seq_lens
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        at_new = (s - 1)[:, None, None, None].expand(B, N, 1, D)
        at_cmp = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")[:, None, None, None].expand(B, N, 1, D)
        h = hidden
        for i, layer in enumerate(self.layers):
            km, vm = mems[2 * i], mems[2 * i + 1]
            kcm, vcm = mems[2 * L + 2 * i], mems[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, s - 1)
            km.scatter_(2, at_new, k[:, :, None])
            vm.scatter_(2, at_new, v[:, :, None])
            for src, dst, w in ((km, kcm, layer.cmp_w_k), (vm, vcm, layer.cmp_w_v)):
                win = src[rows[:, None], :, pos]
                new = (win * w[None, :, :, None]).sum(1)
                dst.scatter_(2, at_cmp, torch.where(done[:, None, None, None], new[:, :, None], dst.gather(2, at_cmp)))

            def read(p, km=km, vm=vm):
                return km[rows[:, None], :, p], vm[rows[:, None], :, p]

            h = layer.finish(h, x, q, s, read, kcm.transpose(1, 2), vcm.transpose(1, 2), l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        return (st["hidden"], st["s"].clone(), *[t.transpose(1, 2).contiguous() for t in kvs],
                *[t.transpose(1, 2).contiguous() for t in cmps])

    def specs(self):
        N, D = self.N, self.D

        def slots(a, m=self):
            B, C = a["hidden"].shape[0], a["k_cmem0"].shape[2]
            return torch.arange(B) * C + _own_idx(a["seq_lens"], m.l, m.d)

        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_mem{i}"].transpose(1, 2),
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmem{i}"].transpose(1, 2).reshape(-1, N, D),
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: _dense_table(a["hidden"].shape[0]), lambda a: a["seq_lens"], slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 9. fla-style dense state, out-of-place updates, take_along_dim window, bf16
# ----------------------------------------------------------------------------------------------------

class FlaTakeAlongOutOfPlace(DecodeModel):
    """fla-style dense caches ``[B, T, N, D]`` (bf16) updated OUT OF PLACE and returned: int32 ``cache_seqlens``
    (tokens before this step; lengths ``cache_seqlens + 1``); append ``k_state = k_state.index_put((rows, t), k)``;
    window ``torch.take_along_dim(k_state, pos[:, :, None, None], dim=1)``; ``torch.mul(win.float(),
    w.float()[None, :, :, None]).sum(dim=1)``; compressed ``[B, C, N, D]`` ``k_cmp.index_put((rows, blk),
    where(done, new, k_cmp[rows, blk]))`` out of place; the new states are returned after the hidden state."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "cache_seqlens")

    def __init__(self, dtype, layers=2, **kw):
        names = []
        for i in range(layers):
            names += [f"k_state{i}", f"v_state{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        self.BATCH = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, cache_seqlens, *states):
        L = len(self.layers)
        l, d = self.l, self.d
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        t = cache_seqlens.long()
        s = t + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        blk = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        h = hidden
        new_states, new_cmps = [], []
        for i, layer in enumerate(self.layers):
            ks, vs = states[2 * i], states[2 * i + 1]
            kc, vc = states[2 * L + 2 * i], states[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, t)
            ks = ks.index_put((rows, t), k)
            vs = vs.index_put((rows, t), v)
            outs = []
            for src, dst, w in ((ks, kc, layer.cmp_w_k), (vs, vc, layer.cmp_w_v)):
                win = torch.take_along_dim(src, pos[:, :, None, None], dim=1)
                new = torch.mul(win.float(), w.float()[None, :, :, None]).sum(dim=1)
                outs.append(dst.index_put((rows, blk), torch.where(done[:, None, None], new.to(dst.dtype),
                                                                    dst[rows, blk])))
            kc, vc = outs

            def read(p, ks=ks, vs=vs):
                return ks[rows[:, None], p], vs[rows[:, None], p]

            h = layer.finish(h, x, q, s, read, kc, vc, l, d)
            new_states += [ks, vs]
            new_cmps += [kc, vc]
        return (h, *new_states, *new_cmps)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        return (st["hidden"], (st["s"] - 1).int(), *kvs, *cmps)

    def specs(self):
        N, D, L = self.N, self.D, len(self.layers)

        def slots(a, m=self):
            B, C = a["hidden"].shape[0], a["k_cmp0"].shape[1]
            return torch.arange(B) * C + _own_idx(a["cache_seqlens"].long() + 1, m.l, m.d)

        out = []
        for i in range(L):
            for c, kv in enumerate("kv"):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, c=c: r[1 + 2 * i + c],
                                 lambda a, r, i=i, c=c, kv=kv: (a[f"{kv}_cmp{i}"] if r is None
                                                                else r[1 + 2 * L + 2 * i + c]).reshape(-1, N, D),
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: _dense_table(a["hidden"].shape[0]),
                                 lambda a: a["cache_seqlens"].long() + 1, slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 10. vLLM CUDA-graph padded batch, 4 layers, stacked caches, joint append, per-half writes, einsum
# ----------------------------------------------------------------------------------------------------

class VllmCudagraphPadSlotMinus1(DecodeModel):
    """vLLM v1 decode padded to a CUDA-graph batch size: the last 2 rows are padding (zero hidden, position 0,
    int32 ``seq_lens`` 0, ``slot_mapping`` -1 = PAD_SLOT_ID, block-table row -1, ``cmp_slot_mapping`` -1); 4
    layers of ``[2, NB, P, N, D]`` caches with the JOINT append ``kv_cache[:, slot // P, slot % P] = stack((k, v))``
    (the pads land in the last position of the last block, which no request owns); per half ``kv_cache[c][pages,
    offs]`` with an int32 block table read by ``gather(1, (pos // P).long())``; ``einsum('bjnd,jn->bnd')`` in fp32;
    per-half ``cmp_kv[c][cmp_slot_mapping] = where(...)`` into ``[2, S, N, D]``."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping",
             "cmp_block_table")
    PADS = 2

    def __init__(self, dtype, layers=4, **kw):
        self.ARGS = self.BATCH + tuple(f"kv{i}" for i in range(layers)) + tuple(f"cmp{i}" for i in range(layers))
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                *caches):
        L = len(self.layers)
        l, d, P = self.l, self.d, self.P
        s = seq_lens
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s.long()[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = torch.gather(block_table, 1, (pos // P).long()).long()
        offs = pos % P
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, cmp_kv = caches[i], caches[L + i]
            x, q, k, v = layer.project(h, positions)
            kv_cache[:, slot_mapping // P, slot_mapping % P] = torch.stack((k, v))
            for c, w in enumerate((layer.cmp_w_k, layer.cmp_w_v)):
                new = torch.einsum("bjnd,jn->bnd", kv_cache[c][pages, offs].float(), w.float())
                cmp_kv[c][cmp_slot_mapping] = torch.where(done[:, None, None], new.to(cmp_kv.dtype),
                                                          cmp_kv[c][cmp_slot_mapping])
            h = layer.finish(h, x, q, s.long(), _paged_read(kv_cache[0], kv_cache[1], block_table, P),
                             cmp_kv[0][cmp_block_table], cmp_kv[1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        L, R = len(self.layers), B - self.PADS
        st = gen_state(R, seed, l=self.l, d=self.d, P=self.P, MP=self.MP, N=self.N, D=self.D, dtype=self.dtype,
                       n_kv=2 * L, n_cmp=2 * L)
        NB = st["NB"]
        table = st["table"].clone()
        kvs = [kv.clone() for kv in st["kvs"]]
        used = set(int(v) for v in table.flatten().tolist() if v >= 0)
        if NB - 1 in used:  # keep the last block free: the pads' slot -1 lands in it
            free = next(p for p in range(NB) if p not in used)
            table[table == NB - 1] = free
            for kv in kvs:
                kv[[free, NB - 1]] = kv[[NB - 1, free]]
        st2 = dict(st, table=table)
        slots = _append_slots(st2, self.P)
        pad = self.PADS
        hidden = torch.cat((st["hidden"], torch.zeros(pad, st["hidden"].shape[1], dtype=self.dtype)))
        positions = torch.cat((st["s"] - 1, torch.zeros(pad, dtype=torch.int64)))
        seq_lens = torch.cat((st["s"], torch.zeros(pad, dtype=torch.int64))).int()
        slot_mapping = torch.cat((slots, torch.full((pad,), -1, dtype=torch.int64)))
        block_table = torch.cat((table, torch.full((pad, table.shape[1]), -1, dtype=torch.int64))).int()
        cmp_slot = torch.cat((st["cmp_slot"], torch.full((pad,), -1, dtype=torch.int64)))
        cmp_table = torch.cat((st["cmp_table"], torch.zeros(pad, st["cmp_table"].shape[1], dtype=torch.int64)))
        kv = [torch.stack((kvs[2 * i], kvs[2 * i + 1])) for i in range(L)]
        cmp = [torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1])) for i in range(L)]
        return (hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot, cmp_table, *kv, *cmp)

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for c, kv in enumerate("kv"):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, c=c: a[f"kv{i}"][c],
                                 lambda a, r, i=i, c=c: a[f"cmp{i}"][c],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["seq_lens"],
                                 lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# 11. SGLang layer-stacked pools, 2-D req_to_token index, index_select tokens, index_copy_ into a stacked cmp pool
# ----------------------------------------------------------------------------------------------------

class SglangStackedIndexCopyBf16(DecodeModel):
    """SGLang page size 1 with the layers' pools stacked in one tensor each (``k_buffer`` / ``v_buffer`` ``[L,
    num_tokens, N, D]``, read as ``k_buffer[layer_id]``) and compressed pools ``[L, S, N, D]``; int64 ``seq_lens`` /
    ``req_pool_indices`` / ``out_cache_loc``, int32 ``req_to_token`` and ``cmp_req_to_token``; append
    ``k_buffer[layer_id].index_put_((out_cache_loc,), k)``; window ids ``req_to_token[req_pool_indices[:, None],
    pos]`` (2-D advanced index) and tokens ``k_buffer[layer_id].index_select(0, ids.flatten().long())``;
    ``torch.sum(win.float() * w.float()[None, :, :, None], dim=1)``; ``cmp_k[layer_id].index_copy_(0, loc,
    where(emit, new, cmp_k[layer_id].index_select(0, loc)))`` at ``loc = cmp_req_to_token[rpi, i].long()``."""
    SIZES = dict(l=16, d=8, P=1, MP=64, N=2, D=32)
    BATCH = ("hidden", "positions", "seq_lens", "req_pool_indices", "out_cache_loc")
    ARGS = BATCH + ("req_to_token", "cmp_req_to_token", "k_buffer", "v_buffer", "cmp_k", "cmp_v")

    def forward(self, hidden, positions, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k, cmp_v):
        l, d, N, D = self.l, self.d, self.N, self.D
        B = hidden.shape[0]
        s = seq_lens
        emit = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        ids = req_to_token[req_pool_indices[:, None], pos].flatten().long()
        loc = cmp_req_to_token[req_pool_indices, torch.div((s - l).clamp(min=0), d, rounding_mode="floor")].long()
        cmp_rows = cmp_req_to_token[req_pool_indices].long()
        h = hidden
        for layer_id, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            k_buffer[layer_id].index_put_((out_cache_loc,), k)
            v_buffer[layer_id].index_put_((out_cache_loc,), v)
            for buf, cmp, w in ((k_buffer, cmp_k, layer.cmp_w_k), (v_buffer, cmp_v, layer.cmp_w_v)):
                win = buf[layer_id].index_select(0, ids).view(B, l, N, D)
                new = torch.sum(win.float() * w.float()[None, :, :, None], dim=1)
                dst = cmp[layer_id]
                dst.index_copy_(0, loc, torch.where(emit[:, None, None], new.to(dst.dtype), dst.index_select(0, loc)))

            def read(p, li=layer_id):
                t = req_to_token[req_pool_indices[:, None], p].long()
                return k_buffer[li][t], v_buffer[li][t]

            h = layer.finish(h, x, q, s, read, cmp_k[layer_id][cmp_rows], cmp_v[layer_id][cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kb = torch.stack([st["kvs"][2 * i][:, 0] for i in range(L)])
        vb = torch.stack([st["kvs"][2 * i + 1][:, 0] for i in range(L)])
        ck = torch.stack([st["cmps"][2 * i] for i in range(L)])
        cv = torch.stack([st["cmps"][2 * i + 1] for i in range(L)])
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"].clone(), req_pool_indices=rpi,
                         out_cache_loc=loc, req_to_token=r2t.int(), cmp_req_to_token=cr2t.int(), k_buffer=kb,
                         v_buffer=vb, cmp_k=ck, cmp_v=cv)

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_buffer"][i],
                                 lambda a, r, i=i, kv=kv: a[f"cmp_{kv}"][i],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                                 lambda a, m=self: _own_slot(a["cmp_req_to_token"][a["req_pool_indices"]],
                                                             a["seq_lens"], m.l, m.d)))
        return out


# ----------------------------------------------------------------------------------------------------
# 12. TensorRT-LLM-style block pool [NB, L, 2, N, P, D], int32 offsets, strided compressed pool views
# ----------------------------------------------------------------------------------------------------

class TrtllmBlockPoolHnd(DecodeModel):
    """TensorRT-LLM-style KV block pool holding every layer and K/V inside each block, head-major within the block
    (``pool`` ``[NB, L, 2, N, P, D]``) and a compressed pool ``[S, L, 2, N, D]``; int32
    ``kv_cache_block_offsets`` ``[B, MP]``, int32 ``past_key_value_lengths`` (lengths ``+ 1``), int32
    ``cmp_slot_mapping`` (-1 on rows that write nothing); append ``pool[page, li, 0, :, off] = k``; window
    ``pool[pages, li, c, :, offs]`` (``[B, l, N, D]``); ``torch.sum(win.float() * w.float().unsqueeze(-1), dim=1)``;
    ``dst = cmp_pool[:, li, c]; dst[slots] = where(...)`` on the strided view."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "past_key_value_lengths", "kv_cache_block_offsets", "cmp_slot_mapping", "cmp_block_table")
    ARGS = BATCH + ("pool", "cmp_pool")

    def forward(self, hidden, past_key_value_lengths, kv_cache_block_offsets, cmp_slot_mapping, cmp_block_table,
                pool, cmp_pool):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        t = past_key_value_lengths.long()
        s = t + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        offsets = kv_cache_block_offsets.long()
        pages = offsets.gather(1, pos // P)
        offs = pos % P
        page, off = offsets[rows, t // P], t % P
        h = hidden
        for li, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, t)
            pool[page, li, 0, :, off] = k
            pool[page, li, 1, :, off] = v
            for c, w in enumerate((layer.cmp_w_k, layer.cmp_w_v)):
                win = pool[pages, li, c, :, offs]
                new = torch.sum(win.float() * w.float().unsqueeze(-1), dim=1)
                dst = cmp_pool[:, li, c]
                dst[cmp_slot_mapping] = torch.where(done[:, None, None], new.to(dst.dtype), dst[cmp_slot_mapping])

            def read(p, li=li):
                pg = offsets.gather(1, p // P)
                return pool[pg, li, 0, :, p % P], pool[pg, li, 1, :, p % P]

            h = layer.finish(h, x, q, s, read, cmp_pool[:, li, 0][cmp_block_table], cmp_pool[:, li, 1][cmp_block_table],
                             l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        pool = torch.stack([torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1]), 1) for i in range(L)], 1)
        pool = pool.transpose(3, 4).contiguous()  # [NB, L, 2, N, P, D]
        cmp_pool = torch.stack([torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1]), 1) for i in range(L)], 1)
        return self.pack(hidden=st["hidden"], past_key_value_lengths=(st["s"] - 1).int(),
                         kv_cache_block_offsets=st["table"].int(), cmp_slot_mapping=st["cmp_slot"].int(),
                         cmp_block_table=st["cmp_table"], pool=pool, cmp_pool=cmp_pool.contiguous())

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for c, kv in enumerate("kv"):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, c=c: a["pool"][:, i, c].transpose(1, 2),
                                 lambda a, r, i=i, c=c: a["cmp_pool"][:, i, c],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["kv_cache_block_offsets"],
                                 lambda a: a["past_key_value_lengths"].long() + 1,
                                 lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# 13. transformers continuous batching flat caches, 3 layers, advanced-index reads, einsum('jn,bjnd->bnd')
# ----------------------------------------------------------------------------------------------------

class HfContinuousBatchingEinsum3L(DecodeModel):
    """transformers continuous-batching (``PagedAttentionCache``) flat caches ``[NB * P, N, D]`` per layer and K/V;
    int64 ``cache_position`` (lengths ``+ 1``), int32 block table, int64 ``write_index`` (``cache[write_index] =
    k``); the window's ``read_index`` ``block_table.gather(1, pos // P).long() * P + pos % P`` read by advanced
    indexing ``cache[read_index]``; ``einsum('jn,bjnd->bnd', w.float(), win.float())`` (weight first); compressed
    ``index_copy_(0, slot, where(done, new, cmp[slot]))`` at the request's own row (int64 ``cmp_block_table``)."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "cache_position", "write_index", "block_table", "cmp_block_table")

    def __init__(self, dtype, layers=3, **kw):
        names = []
        for i in range(layers):
            names += [f"k_cache{i}", f"v_cache{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, cache_position, write_index, block_table, cmp_block_table, *caches):
        L = len(self.layers)
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = cache_position + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        read_index = block_table.gather(1, pos // P).long() * P + pos % P
        slot = cmp_block_table[rows, torch.div((s - l).clamp(min=0), d, rounding_mode="floor")]
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc = caches[2 * i], caches[2 * i + 1]
            kcm, vcm = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, cache_position)
            kc[write_index] = k
            vc[write_index] = v
            for src, dst, w in ((kc, kcm, layer.cmp_w_k), (vc, vcm, layer.cmp_w_v)):
                new = torch.einsum("jn,bjnd->bnd", w.float(), src[read_index].float())
                dst.index_copy_(0, slot, torch.where(done[:, None, None], new.to(dst.dtype), dst[slot]))

            def read(p, kc=kc, vc=vc):
                ri = block_table.gather(1, p // P).long() * P + p % P
                return kc[ri], vc[ri]

            h = layer.finish(h, x, q, s, read, kcm[cmp_block_table], vcm[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        N, D = self.N, self.D
        return (st["hidden"], st["s"] - 1, _append_slots(st, self.P), st["table"].int(), st["cmp_table"],
                *[kv.reshape(-1, N, D) for kv in st["kvs"]], *st["cmps"])

    def specs(self):
        P, N, D = self.P, self.N, self.D
        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_cache{i}"].view(-1, P, N, D),
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmp{i}"],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["cache_position"] + 1,
                                 lambda a, m=self: _own_slot(a["cmp_block_table"], a["cache_position"] + 1,
                                                             m.l, m.d)))
        return out


# ----------------------------------------------------------------------------------------------------
# 14. DeepSeek dense caches of a larger max batch, batch prefix, window loop (fp16)
# ----------------------------------------------------------------------------------------------------

class DeepseekBatchPrefixLoop(DecodeModel):
    """DeepSeek-V3 reference ``model.py`` style: dense ``k_cache`` / ``v_cache`` ``[max_batch_size, T, N, D]``
    module-sized buffers passed in (max batch = B + 2), the step uses the first ``bsz`` rows; int64 ``start_pos``
    per row (lengths ``+ 1``); append ``k_cache[:bsz][rows, start_pos] = k``; the window pooled by an explicit loop
    in window order from an fp32 zero ``acc = acc + w[j].float()[None, :, None] * k_cache[rows, pos[:, j]].float()``;
    compressed ``[max_batch_size, C, N, D]`` written ``cmp[:bsz].index_put_((rows, i), where(done, acc, cmp[rows,
    i]))`` (the README's DeepSeek form)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "start_pos")
    EXTRA = 2

    def __init__(self, dtype, layers=2, **kw):
        names = []
        for i in range(layers):
            names += [f"k_cache{i}", f"v_cache{i}"]
        for i in range(layers):
            names += [f"k_cmp{i}", f"v_cmp{i}"]
        self.ARGS = self.BATCH + tuple(names)
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, start_pos, *caches):
        L = len(self.layers)
        l, d, N, D = self.l, self.d, self.N, self.D
        bsz = hidden.shape[0]
        rows = torch.arange(bsz, device=hidden.device)
        s = start_pos + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        i_blk = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        h = hidden
        for li, layer in enumerate(self.layers):
            kc, vc = caches[2 * li], caches[2 * li + 1]
            kcm, vcm = caches[2 * L + 2 * li], caches[2 * L + 2 * li + 1]
            x, q, k, v = layer.project(h, start_pos)
            kc[:bsz][rows, start_pos] = k
            vc[:bsz][rows, start_pos] = v
            for src, dst, w in ((kc, kcm, layer.cmp_w_k), (vc, vcm, layer.cmp_w_v)):
                acc = torch.zeros(bsz, N, D, dtype=torch.float32, device=hidden.device)
                for j in range(l):
                    acc = acc + w[j].float()[None, :, None] * src[rows, pos[:, j]].float()
                dst[:bsz].index_put_((rows, i_blk), torch.where(done[:, None, None], acc.to(dst.dtype),
                                                                 dst[rows, i_blk]))

            def read(p, kc=kc, vc=vc):
                return kc[rows[:, None], p], vc[rows[:, None], p]

            h = layer.finish(h, x, q, s, read, kcm[:bsz], vcm[:bsz], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * len(self.layers))
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        g = st["g"]
        kvs = [torch.cat((t, _poison(g, (self.EXTRA,) + t.shape[1:], t.dtype))) for t in kvs]
        cmps = [torch.cat((t, _poison(g, (self.EXTRA,) + t.shape[1:], t.dtype))) for t in cmps]
        return (st["hidden"], st["s"] - 1, *kvs, *cmps)

    def specs(self):
        N, D = self.N, self.D

        def slots(a, m=self):
            B, C = a["hidden"].shape[0], a["k_cmp0"].shape[1]
            return torch.arange(B) * C + _own_idx(a["start_pos"] + 1, m.l, m.d)

        out = []
        for i in range(len(self.layers)):
            for kv in "kv":
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_cache{i}"],
                                 lambda a, r, i=i, kv=kv: a[f"{kv}_cmp{i}"].reshape(-1, N, D),
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: _dense_table(a["hidden"].shape[0]), lambda a: a["start_pos"] + 1,
                                 slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 15. FlashInfer HND [NP, 2, N, P, D] with a block table, bf16, int32 own rows, index_copy_
# ----------------------------------------------------------------------------------------------------

class FlashinferHndIndexCopyBf16(DecodeModel):
    """vLLM's FlashInfer backend with the HND layout: ``kv_cache`` ``[NP, 2, N, P, D]`` per layer (bf16), compressed
    ``[2, S, N, D]``; int32 ``seq_lens``, int64 ``positions`` / ``slot_mapping``, int32 ``block_table`` and
    ``cmp_block_table``; append ``kv_cache[page, 0, :, off] = k``; window ``kv_cache[pages, c, :, offs]`` (advanced
    indices around a slice: ``[B, l, N, D]``); ``(win.float() * w.float()[None, :, :, None]).sum(1)``;
    ``dst.index_copy_(0, own, where(done, new, dst.index_select(0, own)))`` at ``cmp_block_table.gather(1, i)``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    BATCH = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype, layers=2, **kw):
        self.ARGS = self.BATCH + tuple(f"kv{i}" for i in range(layers)) + tuple(f"cmp{i}" for i in range(layers))
        super().__init__(dtype, layers=layers, **kw)

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_block_table, *caches):
        L = len(self.layers)
        l, d, P = self.l, self.d, self.P
        s = seq_lens
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s.long()[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        offs = pos % P
        idx = torch.div((s - l).clamp(min=0), d, rounding_mode="floor").long()
        own = cmp_block_table.gather(1, idx[:, None]).squeeze(1).long()
        page, off = slot_mapping // P, slot_mapping % P
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, cmp = caches[i], caches[L + i]
            x, q, k, v = layer.project(h, positions)
            kv_cache[page, 0, :, off] = k
            kv_cache[page, 1, :, off] = v
            for c, w in enumerate((layer.cmp_w_k, layer.cmp_w_v)):
                win = kv_cache[pages, c, :, offs]
                new = (win.float() * w.float()[None, :, :, None]).sum(1)
                dst = cmp[c]
                dst.index_copy_(0, own, torch.where(done[:, None, None], new.to(dst.dtype), dst.index_select(0, own)))

            def read(p, kv_cache=kv_cache):
                pg = block_table.long().gather(1, p // P)
                return kv_cache[pg, 0, :, p % P], kv_cache[pg, 1, :, p % P]

            rows = cmp_block_table.long()
            h = layer.finish(h, x, q, s.long(), read, cmp[0][rows], cmp[1][rows], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        kv = [torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1]), 1).transpose(2, 3).contiguous() for i in range(L)]
        cmp = [torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1])) for i in range(L)]
        return (st["hidden"], st["s"] - 1, st["s"].int(), _append_slots(st, self.P), st["table"].int(),
                st["cmp_table"].int(), *kv, *cmp)

    def specs(self):
        out = []
        for i in range(len(self.layers)):
            for c, kv in enumerate("kv"):
                out.append(_spec(f"{kv}{i}", lambda a, r, i=i, c=c: a[f"kv{i}"][:, c].transpose(1, 2),
                                 lambda a, r, i=i, c=c: a[f"cmp{i}"][c],
                                 lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                                 lambda a: a["block_table"], lambda a: a["seq_lens"],
                                 lambda a, m=self: _own_slot(a["cmp_block_table"], a["seq_lens"], m.l, m.d)))
        return out


# ----------------------------------------------------------------------------------------------------
# 16. vLLM MLA headless latent, fp32, flat-view append, int32 positions and slots
# ----------------------------------------------------------------------------------------------------

class VllmMlaHeadlessFlatFp32(DecodeModel):
    """vLLM MLA headless latent caches ``[NB, P, C]`` (fp32, C = 64) per layer and compressed ``[S, C]``; int32
    ``positions`` (lengths ``+ 1``), int64 ``slot_mapping``, int64 block table, int32 ``cmp_slot_mapping`` (-1 on
    rows that write nothing); append through the flat view ``kv_c.view(-1, C)[slot_mapping] = latent``; window
    ``kv_c[pages, offs]`` (``[B, l, C]``); fp32 ``(win * w[:, 0][None, :, None]).sum(1)``; ``cmp[cmp_slot_mapping] =
    where(done[:, None], new, cmp[cmp_slot_mapping])`` (headless: the contract with N = 1)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=1, D=64)
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def __init__(self, dtype, layers=2, **kw):
        self.ARGS = self.BATCH + tuple(f"kv_c{i}" for i in range(layers)) + tuple(f"cmp{i}" for i in range(layers))
        super().__init__(dtype, layers=layers, **kw)

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2, **kw)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        L = len(self.layers)
        l, d, P, C = self.l, self.d, self.P, self.D
        s = positions + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s.long()[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages = block_table.gather(1, pos // P)
        offs = pos % P
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_c, cmp = caches[i], caches[L + i]
            x, q, lat, _ = layer.project(h, positions)
            kv_c.view(-1, C)[slot_mapping] = lat[:, 0]
            win = kv_c[pages, offs]
            new = (win * layer.cmp_w_k[:, 0][None, :, None]).sum(1)
            cmp[cmp_slot_mapping] = torch.where(done[:, None], new, cmp[cmp_slot_mapping])

            def read(p, kv_c=kv_c):
                t = kv_c[block_table.gather(1, p // P), p % P][:, :, None]
                return t, t

            mem = cmp[cmp_block_table][:, :, None]
            h = layer.finish(h, x, q, s.long(), read, mem, mem, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, len(self.layers))
        return (st["hidden"], (st["s"] - 1).int(), _append_slots(st, self.P), st["table"], st["cmp_slot"].int(),
                st["cmp_table"], *[kv[:, :, 0] for kv in st["kvs"]], *[c[:, 0] for c in st["cmps"]])

    def specs(self):
        return [_spec(f"c{i}", lambda a, r, i=i: a[f"kv_c{i}"][:, :, None], lambda a, r, i=i: a[f"cmp{i}"][:, None],
                      lambda m, i=i: m.layers[i].cmp_w_k, lambda a: a["block_table"],
                      lambda a: a["positions"].long() + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(len(self.layers))]


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM split caches, int64 metadata, lengths positions + 1, own compressed rows
# ----------------------------------------------------------------------------------------------------

class NearMiss27(DecodeModel):
    """``bug`` selects how the step differs from the contract (see ``NEAR_MISSES``)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "k_cmp",
            "v_cmp")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, sizes=None, **kw):
        self.SIZES = dict(self.SIZES, **(sizes or {}))
        super().__init__(dtype, **kw)
        self.bug = bug
        layer = self.layers[0]
        layer.temperature = nn.Parameter(torch.tensor([1.3, 0.7], dtype=dtype)[: self.N], requires_grad=False)
        layer.pool_gate = nn.Linear(128, self.N, bias=False).to(dtype).requires_grad_(False)
        with torch.no_grad():
            g = torch.Generator().manual_seed(77)
            layer.pool_gate.weight.copy_((torch.randn(self.N, 128, generator=g) / 11.3).to(dtype))

    def _pool(self, win, w, x):
        bug, l, layer = self.bug, self.l, self.layers[0]
        B = win.shape[0]
        wf = w.float()[None, :, :, None]
        if bug == "rms_pool":
            return ((win.float() ** 2) * wf).sum(1).sqrt()
        if bug == "kahan_sum":
            acc = torch.zeros(B, self.N, self.D, dtype=torch.float32)
            comp = torch.zeros_like(acc)
            for j in range(l):
                y = win[:, j].float() * w[j].float()[None, :, None] - comp
                t = acc + y
                comp = (t - acc) - y
                acc = t
            return acc
        if bug == "sliding_mask_in_window":
            keep = (torch.arange(l) >= l - 8)[None, :, None, None]
            return (torch.where(keep, win.float(), torch.zeros((), dtype=torch.float32)) * wf).sum(1)
        if bug == "logsumexp_pool":
            return torch.logsumexp(win.float() + torch.log(w.float())[None, :, :, None], dim=1)
        new = (win.float() * wf).sum(1)
        if bug == "heads_reversed":
            return new.flip(1)
        if bug == "per_head_temperature":
            return new / layer.temperature.float()[None, :, None]
        if bug == "hidden_gated_pool":
            return new * torch.sigmoid(layer.pool_gate(x).float())[:, :, None]
        return new

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, k_cmp, v_cmp):
        l, d, P, N, D, bug = self.l, self.d, self.P, self.N, self.D, self.bug
        layer = self.layers[0]
        rows = torch.arange(hidden.shape[0])
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        s = positions + 1
        done = (s >= l) & ((s - l) % d == 0)
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        if bug == "page_index_off_by_one":
            page_of = ((pos + 1) // P).clamp(max=block_table.shape[1] - 1)
        else:
            page_of = pos // P
        pages, offs = block_table.gather(1, page_of), pos % P
        own = cmp_block_table[rows, torch.div((s - l).clamp(min=0), d, rounding_mode="floor")]
        for src, dst, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            new = self._pool(src[pages, offs], w, x)
            dst[own] = torch.where(done[:, None, None], new.to(dst.dtype), dst[own])
        return layer.finish(hidden, x, q, s, _paged_read(k_cache, v_cache, block_table, P),
                            k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        return [_spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"{kv}_cmp"],
                      lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                      lambda a: a["positions"] + 1,
                      lambda a, m=self: _own_slot(a["cmp_block_table"], a["positions"] + 1, m.l, m.d))
                for kv in "kv"]


NEAR_MISSES = {  # bug: (dtype, sizes, note: why no weight / slot / table / d choice makes it the contract)
    "heads_reversed": (f16, None, "a wrong-axis flip: the pooled [B, N, D] sums are written with their heads "
                       "reversed (new.flip(1)), so head h of the compressed row gets head N-1-h's tokens; the "
                       "contract pools each head from its own head's tokens with that head's weight column, so no "
                       "weight, slot or table choice moves data across heads (random heads differ)"),
    "kahan_sum": (f32, None, "a compensated (Kahan) fp32 window sum: the compensation term changes the rounding of "
                  "the running sum, where the contract adds the rounded products once each in window order; no "
                  "weight reproduces the compensation (it depends on the token values), and fp32 caches show the "
                  "last-bit differences on random tokens"),
    "page_index_off_by_one": (bf16, None, "the page of window position p computed as (p + 1) // P (clamped to the "
                              "table width): every window "
                              "position with p % P == P - 1 (every window holds one, l = P) is read from the NEXT "
                              "table entry's page at the same offset; no table makes (p + 1) // P and p // P name the "
                              "same page for all windows (the table is indexed by the same row and column for the "
                              "append and the other reads), and the token read belongs to another position"),
    "rms_pool": (f16, None, "a root-mean-square style pooling sqrt(sum_j w_j * x_j^2): squares the tokens and takes "
                 "a square root, nonlinear in the tokens, so no weight gives the contract's linear sum (it even "
                 "turns negative tokens positive)"),
    "hidden_gated_pool": (bf16, None, "the fp32 window sum multiplied by a per-head sigmoid gate computed from the "
                          "current token's hidden state (pool_gate(x)): a data-dependent scale per row and head, "
                          "so no fixed weight can give it and it is a second rounding of the products in fp32"),
    "sliding_mask_in_window": (f16, None, "a sliding-window mask applied to the tokens inside the compression "
                               "window: the first l - 8 tokens are replaced by zeros with where before the weighted "
                               "sum; with the model's nonzero weights the sum differs on random tokens, and setting "
                               "those weights to zero is not the contract either (0 * inf = NaN in the contract "
                               "where the where() gives 0 for a non-finite token, valid input)"),
    "per_head_temperature": (f16, None, "the fp32 sum divided by a learned per-head temperature (1.3, 0.7): the "
                             "division rounds after the sum, and w / tau is not an fp16 value for these weights, so "
                             "no fp16 weight gives the same products and sum; differs on random tokens"),
    "logsumexp_pool": (bf16, None, "a soft-max pooling logsumexp_j(x_j + log w_j): exponentials and a logarithm of "
                       "the tokens, not a weighted sum of them for any weight"),
}


# ----------------------------------------------------------------------------------------------------
# The cases
# ----------------------------------------------------------------------------------------------------

MODEL_CASES = [
    _case("vllm_stacked_index_select_int32_2l", VllmStackedIndexSelectInt32, "fuse", 4, f16,
          "vLLM v1 [2, NB, P, N, D], int32 metadata, flat ids index_select, einsum, index_copy_ own rows", layers=2),
    _case("vllm_split_scatter_bf16_3l", VllmSplitScatterBf16, "fuse", 6, bf16,
          "vLLM split caches, block_table[rows, pos // P], mul+sum, scatter_ own rows", layers=3),
    _case("ascend_flat_heads_matmul_int32_2l", AscendFlatHeadsMatmulInt32, "fuse", 4, f16,
          "vllm-ascend [NB, P, N * D], int32 metadata, matmul, index_put_ int32 slots", layers=2),
    _case("sglang_index_select_pool_fp32_2l", SglangIndexSelectPoolFp32, "fuse", 4, f32,
          "SGLang P = 1 per-layer pools, req_to_token.index_select + gather, fp32 mul+sum, setitem", layers=2),
    _case("flashinfer_ragged_buf_einsum_2l", FlashinferRaggedBufEinsum, "fuse", 4, f16,
          "FlashInfer tuple paged KV, kv_indptr_buf[:B + 1], get_seq_lens, einsum, setitem", layers=2),
    _case("hf_static_gather_matmul_2l", HfStaticGatherMatmul, "fuse", 4, f16,
          "HF StaticCache [B, N, T, D], gather(2), matmul, head-major cmp[rows, :, idx]", layers=2),
    _case("deepseek_mla_head1_bmm_2l", DeepseekMlaHead1Bmm, "fuse", 2, f16,
          "MLA latent [NB, P, 1, C], bmm, index_put_ own rows", layers=2),
    _case("lucidrains_head_major_scatter_fp32_2l", LucidrainsHeadMajorScatterFp32, "fuse", 4, f32,
          "lucidrains [B, N, T, D] fp32, scatter_ append, mem[rows, :, pos], scatter_(2)", layers=2),
    _case("fla_take_along_out_of_place_bf16_2l", FlaTakeAlongOutOfPlace, "fuse", 4, bf16,
          "fla dense, out-of-place index_put, take_along_dim, mul+sum", layers=2),
    _case("vllm_cudagraph_pad_slot_minus1_4l", VllmCudagraphPadSlotMinus1, "fuse", 8, f16,
          "vLLM CUDA-graph pads (slot -1, seq_len 0), joint append, einsum, per-half setitem", layers=4),
    _case("sglang_stacked_index_copy_bf16_2l", SglangStackedIndexCopyBf16, "fuse", 4, bf16,
          "SGLang [L, T, N, D] stacked pools, 2-D req_to_token index, index_select, index_copy_", layers=2),
    _case("trtllm_block_pool_hnd_bf16_2l", TrtllmBlockPoolHnd, "fuse", 4, bf16,
          "TRT-LLM-style [NB, L, 2, N, P, D] pool, int32 offsets, strided cmp_pool view setitem", layers=2),
    _case("hf_cb_flat_einsum_3l", HfContinuousBatchingEinsum3L, "fuse", 6, f16,
          "transformers continuous batching flat caches, read_index, einsum jn,bjnd->bnd, index_copy_", layers=3),
    _case("deepseek_batch_prefix_loop_2l", DeepseekBatchPrefixLoop, "fuse", 4, f16,
          "DeepSeek dense max-batch caches, [:bsz] prefix, window loop, cmp[:bsz].index_put_", layers=2),
    _case("flashinfer_hnd_index_copy_bf16_2l", FlashinferHndIndexCopyBf16, "fuse", 4, bf16,
          "FlashInfer HND [NP, 2, N, P, D] with block table, mul+sum, index_copy_ own rows", layers=2),
    _case("vllm_mla_headless_flat_fp32_2l", VllmMlaHeadlessFlatFp32, "fuse", 2, f32,
          "vLLM MLA headless [NB, P, C] fp32, flat-view append, mul+sum, setitem int32 slots", layers=2),
] + [
    _case(f"nm_{bug}", NearMiss27, "no_fuse", 2, dt, note, bug=bug, sizes=sizes)
    for bug, (dt, sizes, note) in NEAR_MISSES.items()
]


def check_eager(B=8, seed=0, log=print):
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
