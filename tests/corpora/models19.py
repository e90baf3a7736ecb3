"""A nineteenth blind corpus of whole NSA decode models (``models19``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the README's Usage /
advice / limits sections and public serving code (vLLM, vllm-ascend, SGLang, FlashInfer, HF transformers, DeepSeek,
lucidrains, fla), without reading the recogniser (nsa_fusion/patterns/, rewrite.py, fusion_pass.py,
lengths_from_positions.py, pool_tables.py), its tests, or the other corpora's model classes. For the file format only:
``models8``'s and ``models18``'s module docstrings, ``run_models``' docstring and flags, and the shared building
blocks of ``models3``/``models4`` that this file imports (``Spec``, ``golden``, ``gen_state``, ``_flat_state``,
``_poison``, ``DecodeModel``, ``Layer`` (``project``, ``finish``), ``_append_slots``, ``_dense_state``, ``_case``,
``check_cases``). Disclosure: while printing the helper line ranges of ``models4`` I also saw one model class that
sits between the helpers (``VllmV1FlatSlots``, about 60 lines), and a grep listed ``models18``'s class names and
import header; nothing else of those files was read. Every model is one decode step of a 1-4 layer decoder:
RMSNorm, projections, rotary, the new token's K/V (or an MLA latent) appended to the layer's cache, K and V (or the
latent) compressed into compressed caches exactly as the contract says, then compressed, selected and
sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``). Sizes unless noted: l = 32, d = 16, P = 16, MP
= 4 (capacity 64), N = 2, D = 32, B = 8 (``gen_state``: completing and non-completing rows, poisoned unread
positions and kept rows).

Positives (16; 9 with 2+ layers; fp16 x 9, bf16 x 5, fp32 x 2; 55 compressions per run):

* ``vllm_unbind_int32_einsum_2l`` (fp16, 2 layers, 4): vLLM v1 ``[2, NB, P, N, D]`` KV and ``[2, S, N, D]``
  compressed tensors per layer, both ``unbind(0)``; int32 ``seq_lens`` / ``block_table`` / ``cmp_slot_mapping``
  (-1 padding); append ``key_cache[slot // P, slot % P] = k``; ``einsum('bjhd,jh->bhd')``; ``index_put_``;
* ``sglang_stacked_pool_2l`` (bf16, 2 layers, 4): SGLang page size 1, token pools of both layers stacked ``[L,
  num_tokens, N, D]`` (``k_buffer[layer_id]``), compressed pools ``[L, S, N, D]``, int32 ``req_to_token`` /
  ``cmp_req_to_token`` read through ``req_pool_indices``, mul+sum, ``index_copy_`` at ``cmp_req_to_token[rpi, (s -
  l) // d]``;
* ``flashinfer_hnd_matmul`` (fp16, 2): FlashInfer HND ``[NP, 2, N, P, D]``, int32 page table, lengths
  ``positions + 1``, append ``kv[page, 0, :, off] = k``, window ``kv[pages, 0, :, offs]``, ``torch.matmul(w.t()[None,
  :, None, :], win.transpose(1, 2))``, ``cmp[slot] = where(...)`` (-1 padding);
* ``hf_dense_seq_major_2l`` (bf16, 2 layers, 4): HF static cache ``[B, T, N, D]``, ``cache_position``, append
  ``k[rows, cache_position] = k``, window ``k[rows[:, None], pos]``, dense compressed ``[B, max_cmp, N, D]`` written
  ``ck[rows, idx] = where(...)``;
* ``deepseek_latent_bmm_3l`` (fp16, 3 layers, 1 per layer): headless MLA latent ``[NB, P, C = 64]`` appended
  through ``view(-1, C)[slot_mapping]``, window as flat token ids from the flat view, ``torch.bmm`` of the ``[l, 1]``
  weight ``[B, 1, l]`` and ``[B, l, C]``, headless ``[S, C]`` compressed cache ``index_put_`` at
  ``cmp_block_table.gather(1, i)`` (int32), lengths ``positions + 1``;
* ``lucidrains_functional_fp32`` (fp32, 2): functional ``index_put`` appends, the window head-major ``[B, N, l,
  D]`` times an ``[N, l]`` weight, ``sum(dim=2)`` without casts, out-of-place ``index_copy``; caches returned;
* ``vllm_stacked_cudagraph_pad_2l`` (bf16, 2 layers, 4): CUDA-graph padded batch (last two rows: position -1,
  zero hidden, block-table row -1, append slot in a dummy page past the allocator's pages, compressed slot -1), joint
  append ``kv[:, blk, off] = stack((k, v))``, stacked compressed ``[2, S, N, D]`` written per half ``cmp[c][slots] =
  where(...)``, ``torch.sum(torch.mul(...), dim=1)``;
* ``flashinfer_nhd_window_loop`` (fp16, 2; l = 16, d = 8): FlashInfer NHD ``[NP, 2, P, N, D]``, int32 page table
  and ``seq_lens``, a Python loop in window order from an fp32 zero accumulator reading one token (K and V
  together) per step, ``index_copy_`` at ``cmp_block_table.gather(1, i)``;
* ``hf_cache_object_buffer_weights_2l`` (fp16, 2 layers, 4): an HF cache object with ``update`` (``view(-1, N,
  D).index_copy_``) and ``compress`` (``index_select`` of flat token ids, ``view(B, l, N, D)``), the weights in
  persistent module BUFFERS ``[L, l, N]`` of the data dtype;
* ``fla_dense_mean_gather_2l`` (fp16, 2 layers, 4): dense ``[B, T, N, D]``, int32 ``cache_seqlens`` (lengths
  ``cache_seqlens + 1``), append ``scatter_(1, ...)``, window ``torch.gather(cache, 1, expanded index)``, MEAN pooling
  ``win.float().mean(1)`` (weight 1/32), dense compressed written ``scatter_(1, i, where(done, new, gather(1, i)))``;
* ``ascend_vendor_fallback_p8`` (fp16, 2; P = 8, MP = 8: the window spans four pages): vllm-ascend, int32 metadata,
  ``view(-1, N, D).index_put_`` append, a torch fallback with torch_npu's signature (``einsum('bjnd,jn->bnd')``,
  ``index_put_`` of ``where(ok, out, cache.index_select(0, idx))``) called for K and V;
* ``deepseek_kv_concat_4l`` (bf16, 4 layers, 8; D = 16): K and V concatenated on the last dim of one paged cache
  ``[NB, P, N, 2D]`` and one compressed cache ``[S, N, 2D]``, halves pooled from ``win[..., :D]`` / ``win[...,
  D:]``, written in ONE write of ``cat((pk, pv), -1)``;
* ``vllm_paged_cmp_flat_view_2l`` (fp16, 2 layers, 4): PAGED compressed caches ``[NBc, Pc = 2, N, D]`` written
  through the flat view at ``cmp_block_table[b, i // Pc] * Pc + i % Pc``, append ``kv[0].view(-1, N,
  D)[slot_mapping] = k``, ``[N, l]`` checkpoint weights, ``einsum('bjnd,nj->bnd')``;
* ``vllm_whole_seq_gather_fp32`` (fp32, 2): the whole sequence gathered ``k_cache[block_table.clamp(min=0)]
  .flatten(1, 2)`` then the window ``seq[rows[:, None], pos]``, append ``flatten(0, 1).scatter_(0, ...)``, fp32
  mul+sum without casts, ``index_put_`` (-1 padding);
* ``flashinfer_ragged_seq_lens`` (bf16, 2): FlashInfer ragged metadata, int32 ``kv_indptr`` ``[B + 1]`` /
  ``kv_indices`` / ``kv_last_page_len``, lengths as ``get_seq_lens``, append at the last page, window pages
  ``kv_indices[indptr[:-1, None] + p // P]``, mul+sum, ``index_put_`` (-1 padding). ``kv_indptr`` has B + 1 rows,
  so ``mark_dynamic`` specializes the batch without the pass (n/a expected, checked with backend="eager");
* ``head_major_paged_2l`` (fp16, 2 layers, 4): head-major ``[N, NB, P, D]`` KV and ``[N, S, D]`` compressed
  caches, append ``kc[:, blk, off] = k.transpose(0, 1)``, window ``kc[:, pages, offs]``, ``einsum('hbjd,jh->bhd')``,
  ``cmp[:, slot] = where(...)`` at the request's own row.

Near misses (8; one layer, vLLM split caches, fp16, int64 metadata, every row writes or keeps its own compressed
row ``cmp_block_table[b, clamp((s - l) // d, 0)]``; each ``note`` in ``NEAR_MISSES`` argues why no weight / slot /
table / d choice makes it the contract): ``window_one_early`` (window s - l - 1 .. s - 2), ``cond_mod_on_s`` (l =
24, ``s % d == 0``), ``condition_on_old_length`` (condition on s - 1), ``fp16_products`` (products rounded to fp16),
``weight_by_position_mod_l`` (d = 8, weight ``w[p % l]`` by absolute position), ``normalise_by_block_count`` (sum
divided by the request's block count), ``accumulate_not_overwrite`` (``index_put_(accumulate=True)``),
``keep_value_from_neighbour`` (non-completing rows keep the previous batch row's old row).

Checks before the first try (nothing of the pass run; scripts in ``/tmp/m19``, run on /tmp/base42 while base43 was
not there): ``check_eager()`` (``python tests/corpora/models19.py``): every positive equals the golden bit for bit
or within fp tolerance where torch picks the sum order (``flashinfer_hnd_matmul``, ``lucidrains_functional_fp32``,
``vllm_whole_seq_gather_fp32``); every near miss differs from the golden in EVERY compressed cache
(``near_miss_differs_everywhere=True``); ``validate.py``: for seeds 0-3 every positive's compressions computed by
``nsa_fusion.compress_infer`` with value checks on (so the inputs are valid input) equal the golden bit for bit
(every model equals its golden bit for bit or within the sum-order tolerance); ``dyncheck.py``:
``torch._dynamo.explain`` 1 graph, 0 breaks for every case; every case runs with ``backend="eager"`` under
``mark_dynamic`` on its batch inputs and under ``dynamic=True`` (B = 8, then B = 6), except
``flashinfer_ragged_seq_lens`` under ``mark_dynamic`` (ConstraintViolationError: the ``[B + 1]`` ``kv_indptr``).
Changes made before the first try, after these checks (no pass involved): ``nm_weight_by_position_mod_l`` got d = 8
(with d = 16 the seed-0 inputs had no row completing at s = 48, so it equalled the contract on them), and the fla
model's window read changed from ``torch.take_along_dim`` to ``torch.gather`` (``take_along_dim`` specialized the
batch under ``mark_dynamic`` with backend="eager").

First try, 2026-12-05 19:02-19:39 UTC, on the frozen base 8469fa8 (``/tmp/base43``, present at 19:01;
``PYTHONPATH=/tmp/base43``, ``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, ``OMP_NUM_THREADS=1``, this file copied unchanged
into ``/tmp/base43/tests/corpora/`` (sha1 74c6fd80b45b..., ``/tmp/m19/sha_at_first_run.txt``; a copy in
``/tmp/m19/models19_at_first_run.py``); nothing in the models changed after the first run started, only this docstring
(and the compression count in the header above, 55 not 56, a miscount of mine)): eager check, then ``run_models.py
--corpus models19 --dialects inductor,torchair`` with ``--dynamic static``, ``batch``, ``all`` (sequential, script
``/tmp/m19/first.sh``), B = 8; log ``/tmp/models19_first.log``, results ``/tmp/models19_first_{static,batch,all}.json``
(summary ``/tmp/m19/summ.py``). Positives with EVERY compression fused and bit-exact / applicable positives;
compressions fused (applicable runs); near misses fused; crashes (an error with the pass where the mode works with the
pass off); n/a (the mode fails with the pass off too):

    dialect  mode           positives   compressions fused  near misses fused  crashes  n/a
    inductor static         15/16       47/55               0/8                0        0
    inductor mark_dynamic   13/15       41/53               0/8                0        1
    inductor dynamic=True   15/16       47/55               0/8                0        0
    torchair static         15/16       47/55               0/8                0 (E)    0
    torchair mark_dynamic   13/15       41/53               0/8                0 (E)    1
    torchair dynamic=True   15/16       47/55               0/8                0 (E)    0
    TOTAL: 86/94 applicable positive runs (91 %) with every compression fused and bit-exact; 270/326 compressions
    fused; every run that fused anything fused every compression of its case and was bit-exact (86/86, no partial
    fusion); near misses fused in 0/48 runs; no crash of the pass; 2 runs n/a (flashinfer_ragged_seq_lens under
    mark_dynamic, as predicted before the run; the runner records fused=2/2, exact=False for them: the
    ConstraintViolationError comes after the pass ran); dynamo made 1 graph in every run but the six torchair runs
    of two near misses (E).
    (The runner's TOTAL lines: static 30/32, batch 26/30 with 2 n/a, all 30/32 positive runs; near-miss runs fused
    0/16 in each mode.)

The positive misses, with the pass's reason verbatim (the runner's JSON; node names differ by mode):

* ``deepseek_kv_concat_4l`` (6/6 runs, 0/8 fused each): ``roles: the pooled value depends on more than one float input
  besides the paged KV: arg10_1, arg9_1 @ arg10_1 (placeholder)`` (one line per layer, i.e. 4 per run; the two
  weights of the layer, e.g. arg25_1/arg26_1, arg39_1/arg40_1, arg53_1/arg54_1; arg12_1/arg13_1 ... under
  mark_dynamic), both dialects, all modes. Judgement: a GAP. The model is the contract per half (``compress_infer`` on
  the ``[..., :D]`` / ``[..., D:]`` views with value checks on equals the golden, seeds 0-3; the unfused runs' caches
  are bit-exact to the golden); the pass does not split ONE write of ``cat((pk, pv), -1)`` into the two halves'
  writes (the README lists K/V concatenated in the last dim as fusing, and a joint write split for STACKED caches,
  not for concatenated ones). Counter-experiment after the first try (``/tmp/m19/tree/tests/corpora/m19diag.py``,
  ``kv_concat_per_half_write``: the same model with each half written on its own, ``ck = cmp[..., :D];
  ck[slots] = where(done, pk, ck[slots])`` and the same for V): fuses 8/8 bit-exact in Inductor and torchair
  static (``/tmp/m19/diag_kvcat_static.json``). So the joint concatenated write is the one thing refused.
  eager_equal is False in the Inductor runs (all 3 modes) and also with ``NSA_FUSION_DISABLE=1`` (Inductor static,
  ``/tmp/models19_disable_static.json``): plain Inductor differs from eager on this bf16 model's output, not the
  pass (the compressed caches are bit-exact).
* ``vllm_paged_cmp_flat_view_2l`` under mark_dynamic only (2/2 runs, 0/4 fused; it fused 4/4 bit-exact static and
  under dynamic=True in both dialects): ``sizes: the step is the contract at the compiled sizes but not at other
  sizes this dynamic graph serves (write: the slot of row b may depend on other rows, the row number or the batch
  size, not only on row b's own inputs (arg5_1 is not indexed by a static batch of 7 rows)) @ add_58
  (aten.add.Tensor)`` (4 times), both dialects. Judgement: a GAP. The written slot ``cmp_block_table.gather(1, (i //
  Pc)[:, None]).squeeze(1) * Pc + i % Pc`` is row-local (the contract's paged-compressed-cache rule, int64). The cause
  is elsewhere in the graph: the attention's compressed rows are read with ``cmp_block_table.gather(1, (ci //
  Pc)[None, :].expand(seq_lens.shape[0], -1))`` (an ``expand`` to the batch size). Counter-experiment
  (``m19diag.py``, ``paged_cmp_no_attn_expand``: only that attention read changed to ``cmp_block_table[:, ci //
  Pc]``): fuses 4/4 bit-exact in Inductor and torchair under mark_dynamic (``/tmp/m19/diag_pagedcmp_batch.json``).
  So an ``expand(B, ...)`` of the slot table in code that is NOT the step's slot path makes the pass refuse the
  step's write under mark_dynamic, and the reason names the write's slot.
* n/a, not misses: ``flashinfer_ragged_seq_lens`` under mark_dynamic (both dialects): ``ConstraintViolationError``
  (the ``[B + 1]`` ``kv_indptr`` specializes the batch; the same error with backend="eager" before the first try).
  The model fused 2/2 bit-exact static and under dynamic=True in both dialects.

Near misses: none fused (0/48 runs). Reasons (Inductor static; torchair and the other modes the same, node names
apart), each naming the real deviation: ``window_one_early``: ``gather: the window tokens read by
convert_element_type_17 are not the last l=32 tokens of each sequence (checked at lengths [64, 48, 64, 48]...)``;
``cond_mod_on_s``: ``mask: the condition selects windows of l=32 (stride 16) but the weight arg11_1 [24, 2] has 24
positions: the condition is not s >= l and (s - l) % d == 0 for the pooled window``; ``condition_on_old_length``:
``mask: the condition selects windows of l=33 (stride 16) but the weight arg11_1 [32, 2] has 32 positions ...``;
``fp16_products``: ``dtype: aten.mul.Tensor computes in torch.float16, not fp32``; ``weight_by_position_mod_l``:
``weight: the weight is computed by aten.index.Tensor before the pooling``; ``normalise_by_block_count``: ``pooling:
aten.div.Tensor scales token values by a constant besides the weight: its rounding (and overflow) is not the op's``;
``accumulate_not_overwrite``: ``write: the write accumulates into the cache (index_put accumulate=True)``;
``keep_value_from_neighbour``: ``keep: the kept rows are read at indices computed by aten.index.Tensor, not at the
written slots`` (torchair: ``keep: rows whose window did not complete are not kept bit-exactly as cache[slots[b]]
...``).

Other findings:

* E: ``nm_accumulate_not_overwrite`` and ``nm_keep_value_from_neighbour`` under torchair (3 modes each) do not compile:
  ``NotImplementedError: torch.ops.aten.index_put.default ge_converter is not implemented!`` (the model's own
  ``accumulate=True`` write, which the pass leaves as written) and ``... aten.roll.default ge_converter is not
  implemented!`` (the model's ``slot.roll(1, 0)``); graphs=0, eager_equal False. With ``NSA_FUSION_DISABLE=1``
  (torchair static) both fail too (``index_put.default ge_converter is not implemented``): the models' ops, not a crash
  of the pass; the runner still counts them applicable (its eager-backend retry works). They are near misses, so the
  table's "near misses fused" is unaffected (0 fused).
* eager_equal: False only in ``deepseek_kv_concat_4l`` / Inductor (plain Inductor too, above), the two torchair near
  misses (E) and the n/a runs; True in every other run.
* Idioms that fused bit-exact in all 6 runs: ``unbind(0)`` of stacked KV and stacked compressed tensors with int32
  metadata and ``key_cache[slot // P, slot % P]`` appends; SGLang token pools of both layers stacked ``[L, T, N, D]``
  with int32 pool tables; FlashInfer HND ``[NP, 2, N, P, D]`` with a head-major ``matmul``; HF dense ``[B, T, N, D]``
  with ``[B, max_cmp, N, D]`` written ``ck[rows, idx]``; a headless MLA latent through flat views and ``bmm``; a
  functional fp32 step with ``[N, l]`` weights; a CUDA-graph padded batch with a dummy page and a joint ``stack``
  append; a window-order loop over FlashInfer NHD (also in Inductor's graph); an HF cache object with weights in
  module BUFFERS (fused in Inductor too, the backend binding the buffer values); fla mean pooling with ``scatter_`` /
  ``gather`` on dense caches; a vendor-signature fallback with ``index_select`` keep and P = 8 windows over four pages;
  a whole-sequence gather in fp32; head-major ``[N, NB, P, D]`` caches. FlashInfer ragged lists with
  ``get_seq_lens`` lengths fused in its 4 applicable runs. The paged compressed cache fused in 4 of 6.

Repro (this file in ``/tmp/base43/tests/corpora``): ``cd /tmp/base43 && PYTHONPATH=$PWD
TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 /work/main/.venv/bin/python tests/corpora/run_models.py --corpus
models19 --only deepseek_kv_concat_4l,vllm_paged_cmp_flat_view_2l --dynamic static,batch``; counter-experiments ``cd
/tmp/m19/tree && PYTHONPATH=$PWD ... run_models.py --corpus m19diag --only kv_concat_per_half_write --dynamic static``
and ``--only paged_cmp_no_attn_expand --dynamic batch`` (``/tmp/m19/tree`` is a copy of base43's ``nsa_fusion`` and
``tests`` plus ``m19diag.py``).
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import Spec, _flat_state, _poison, gen_state, golden  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32
BASE = dict(l=32, d=16, P=16, MP=4, N=2, D=32)


# ----------------------------------------------------------------------------------------------------
# small shared helpers (the model side: what a serving codebase would have in its utils)
# ----------------------------------------------------------------------------------------------------

def window_positions(s, l):
    """Token positions s - l .. s - 1 of every request's last window (clamped: short rows write nothing)."""
    return (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)


def window_completes(s, l, d):
    return (s >= l) & ((s - l) % d == 0)


def cmp_index(s, l, d):
    """Index of the compressed row the last window of a request lands in (its own row 0 while s < l)."""
    return torch.div(s - l, d, rounding_mode="floor").clamp(min=0)


def paged_reader(key_cache, value_cache, table, P):
    def read(pos):
        pg = table.long().gather(1, torch.div(pos, P, rounding_mode="floor"))
        return key_cache[pg, pos % P], value_cache[pg, pos % P]
    return read


# the golden side: slots a row's window lands in, for the Specs
def _own_slot(table, s, l, d):
    return table.long()[torch.arange(s.shape[0]), cmp_index(s.long(), l, d)]


def _spec(name, kv, cache, weight, table, lengths, slots):
    return Spec(name, kv, cache, weight, table, lengths, slots)


def _rows_table(a, key):
    B = a[key].shape[0]
    return torch.arange(B)[:, None]


# ====================================================================================================
# Positives
# ====================================================================================================

class VllmUnbindInt32Einsum(DecodeModel):
    """vLLM v1 FlashAttention backend, 2 layers: one ``[2, NB, P, N, D]`` KV tensor and one ``[2, S, N, D]``
    compressed tensor per layer, both ``unbind(0)``; int32 ``seq_lens`` / ``block_table`` / ``cmp_slot_mapping``
    (-1 padding), int64 ``slot_mapping``; append ``key_cache[slot // P, slot % P] = k``; window
    ``key_cache[pages, offs]``; ``einsum('bjhd,jh->bhd')`` in fp32; ``dst.index_put_((slot,), where(...))``."""
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_cache_0", "cmp_cache_1")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_cache_0, cmp_cache_1):
        l, d, P = self.l, self.d, self.P
        positions = seq_lens.long() - 1
        pos = window_positions(seq_lens.long(), l)
        pages = block_table.long().gather(1, pos // P)
        offs = pos % P
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_slot_mapping.long()
        blk, off = slot_mapping // P, slot_mapping % P
        h = hidden
        for layer, kv_cache, cmp_cache in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_cache_0, cmp_cache_1)):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache.unbind(0)
            key_cache[blk, off] = k
            value_cache[blk, off] = v
            ck, cv = cmp_cache.unbind(0)
            for src, dst, w in ((key_cache, ck, layer.cmp_w_k), (value_cache, cv, layer.cmp_w_v)):
                win = src[pages, offs]
                pooled = torch.einsum("bjhd,jh->bhd", win.float(), w.float()).to(dst.dtype)
                dst.index_put_((slot,), torch.where(done[:, None, None], pooled, dst[slot]))
            rows = cmp_block_table.long()
            h = layer.finish(h, x, q, seq_lens.long(), paged_reader(key_cache, value_cache, block_table, P),
                             ck[rows], cv[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"].int(), cmp_slot_mapping=st["cmp_slot"].int(),
                         cmp_block_table=st["cmp_table"].int(), kv_cache_0=torch.stack(kvs[0:2]),
                         kv_cache_1=torch.stack(kvs[2:4]), cmp_cache_0=torch.stack(cmps[0:2]),
                         cmp_cache_1=torch.stack(cmps[2:4]))

    def specs(self):
        return [_spec(f"{n}{i}", lambda a, r, i=i, c=c: a[f"kv_cache_{i}"][c],
                      lambda a, r, i=i, c=c: a[f"cmp_cache_{i}"][c],
                      lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}"),
                      lambda a: a["block_table"], lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for i in range(2) for c, n in ((0, "k"), (1, "v"))]


class SglangStackedPool(DecodeModel):
    """SGLang, 2 layers, page size 1: token pools of all layers stacked ``k_buffer`` / ``v_buffer`` ``[L,
    num_tokens, N, D]`` and compressed pools ``[L, S, N, D]``; int32 ``req_to_token`` / ``cmp_req_to_token`` read
    through ``req_pool_indices`` with 2-D advanced indexing; ``set_kv_buffer`` as ``k_buffer[layer_id][loc] = k``;
    ``(win.float() * w.float()[None, :, :, None]).sum(dim=1)``; ``index_copy_`` at the request's own compressed
    row ``cmp_req_to_token[rpi, (s - l) // d]``."""
    SIZES = dict(BASE, P=1, MP=64)
    ARGS = ("hidden", "positions", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, cmp_k_buffer, cmp_v_buffer):
        l, d = self.l, self.d
        pos = window_positions(seq_lens, l)
        loc = req_to_token[req_pool_indices[:, None], pos].long()
        done = window_completes(seq_lens, l, d)
        cloc = cmp_req_to_token[req_pool_indices, cmp_index(seq_lens, l, d)].long()
        h = hidden
        for layer_id, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            kb, vb = k_buffer[layer_id], v_buffer[layer_id]
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            ckb, cvb = cmp_k_buffer[layer_id], cmp_v_buffer[layer_id]
            for buf, cbuf, w in ((kb, ckb, layer.cmp_w_k), (vb, cvb, layer.cmp_w_v)):
                win = buf[loc]
                new = (win.float() * w.float()[None, :, :, None]).sum(dim=1).to(cbuf.dtype)
                cbuf.index_copy_(0, cloc, torch.where(done[:, None, None], new, cbuf[cloc]))

            def read(p, kb=kb, vb=vb):
                t = req_to_token[req_pool_indices[:, None], p].long()
                return kb[t], vb[t]

            rows = cmp_req_to_token[req_pool_indices].long()
            h = layer.finish(h, x, q, seq_lens, read, ckb[rows], cvb[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kvs = [t.squeeze(1) for t in st["kvs"]]
        cmps = st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"], req_pool_indices=rpi,
                         out_cache_loc=loc, req_to_token=r2t.int(), cmp_req_to_token=cr2t.int(),
                         k_buffer=torch.stack((kvs[0], kvs[2])), v_buffer=torch.stack((kvs[1], kvs[3])),
                         cmp_k_buffer=torch.stack((cmps[0], cmps[2])), cmp_v_buffer=torch.stack((cmps[1], cmps[3])))

    def specs(self):
        out = []
        for i in range(2):
            for n in ("k", "v"):
                out.append(_spec(f"{n}{i}", lambda a, r, i=i, n=n: a[f"{n}_buffer"][i],
                                 lambda a, r, i=i, n=n: a[f"cmp_{n}_buffer"][i],
                                 lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}"),
                                 lambda a: a["req_to_token"].long()[a["req_pool_indices"]],
                                 lambda a: a["seq_lens"],
                                 lambda a: _own_slot(a["cmp_req_to_token"][a["req_pool_indices"]], a["seq_lens"],
                                                     self.l, self.d)))
        return out


class FlashinferHNDMatmul(DecodeModel):
    """FlashInfer HND paged cache ``[NP, 2, N, P, D]`` (K and V in one tensor, heads before tokens), a padded
    int32 page table, vLLM ``positions`` (lengths ``positions + 1``); append ``kv[page, 0, :, off] = k``; window
    ``kv[pages, 0, :, offs]``; pooling ``torch.matmul(w.t()[None, :, None, :], win.transpose(1, 2))`` (head-major
    matrix product, fp32 of fp16 data); compressed ``[S, N, D]`` caches ``cmp[slot] = where(...)`` at the
    scheduler's int64 ``cmp_slot_mapping`` (-1 padding)."""
    SIZES = BASE
    ARGS = ("hidden", "positions", "page_table", "cmp_slot_mapping", "cmp_block_table", "paged_kv_cache",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, page_table, cmp_slot_mapping, cmp_block_table, paged_kv_cache, cmp_k,
                cmp_v):
        l, d, P = self.l, self.d, self.P
        seq = positions + 1
        table = page_table.long()
        page = table.gather(1, (positions // P)[:, None]).squeeze(1)
        off = positions % P
        pos = window_positions(seq, l)
        pages, offs = table.gather(1, pos // P), pos % P
        done = window_completes(seq, l, d)
        h = hidden
        layer = self.layers[0]
        x, q, k, v = layer.project(h, positions)
        paged_kv_cache[page, 0, :, off] = k
        paged_kv_cache[page, 1, :, off] = v
        for c, cmp, w in ((0, cmp_k, layer.cmp_w_k), (1, cmp_v, layer.cmp_w_v)):
            win = paged_kv_cache[pages, c, :, offs]  # [B, l, N, D]
            pooled = torch.matmul(w.t().float()[None, :, None, :], win.transpose(1, 2).float()).squeeze(2)
            cmp[cmp_slot_mapping] = torch.where(done[:, None, None], pooled.to(cmp.dtype), cmp[cmp_slot_mapping])

        def read(p):
            pg = table.gather(1, p // P)
            return paged_kv_cache[pg, 0, :, p % P], paged_kv_cache[pg, 1, :, p % P]

        return layer.finish(h, x, q, seq, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv = torch.stack([t.transpose(1, 2) for t in st["kvs"]], dim=1).contiguous()
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, page_table=st["table"].int(),
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"], paged_kv_cache=kv,
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, c=c: a["paged_kv_cache"][:, c].transpose(1, 2),
                      lambda a, r, n=n: a[f"cmp_{n}"], lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"),
                      lambda a: a["page_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for c, n in ((0, "k"), (1, "v"))]


class HfDenseSeqMajor(DecodeModel):
    """HF transformers static-cache port, 2 layers: per-request dense ``[B, T, N, D]`` K/V caches (sequence
    before heads) and dense compressed caches ``[B, max_cmp, N, D]``, ``cache_position`` ``[B]`` (lengths
    ``cache_position + 1``); append ``k_cache[rows, cache_position] = k``; window ``k_cache[rows[:, None], pos]``;
    ``(win.float() * w.float()[None, :, :, None]).sum(1)``; write ``ck[rows, idx] = where(done, new, ck[rows,
    idx])`` with ``idx = (s - l) // d`` clamped at 0."""
    SIZES = BASE
    ARGS = ("hidden", "cache_position", "k_0", "v_0", "ck_0", "cv_0", "k_1", "v_1", "ck_1", "cv_1")
    BATCH = ARGS

    def forward(self, hidden, cache_position, k_0, v_0, ck_0, cv_0, k_1, v_1, ck_1, cv_1):
        l, d = self.l, self.d
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = cache_position + 1
        pos = window_positions(s, l)
        idx = ((s - l) // d).clamp(min=0)
        done = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k_0, k_1), (v_0, v_1), (ck_0, ck_1), (cv_0, cv_1)):
            x, q, k, v = layer.project(h, cache_position)
            kc[rows, cache_position] = k
            vc[rows, cache_position] = v
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                win = cache[rows[:, None], pos]
                new = (win.float() * w.float()[None, :, :, None]).sum(1).to(cmp.dtype)
                cmp[rows, idx] = torch.where(done[:, None, None], new, cmp[rows, idx])

            def read(p, kc=kc, vc=vc):
                return kc[rows[:, None], p], vc[rows[:, None], p]

            h = layer.finish(h, x, q, s, read, ck, cv, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kv, cmp = _dense_state(st, B, self.P * self.MP)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, k_0=kv[0], v_0=kv[1], ck_0=cmp[0],
                         cv_0=cmp[1], k_1=kv[2], v_1=kv[3], ck_1=cmp[2], cv_1=cmp[3])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            mc = a["ck_0"].shape[1]
            return torch.arange(s.shape[0]) * mc + cmp_index(s, self.l, self.d)

        return [_spec(f"{n}{i}", lambda a, r, i=i, n=n: a[f"{n}_{i}"],
                      lambda a, r, i=i, n=n: a[f"c{n}_{i}"].flatten(0, 1),
                      lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}"),
                      lambda a: _rows_table(a, "cache_position"), lambda a: a["cache_position"] + 1, slots)
                for i in range(2) for n in ("k", "v")]


class DeepseekLatentBmm(DecodeModel):
    """DeepSeek MLA, 3 layers: a headless latent cache ``[NB, P, C]`` per layer (one compression per layer),
    appended through its flat view ``kv_c.view(-1, C)[slot_mapping] = latent``; the window read as flat token ids
    ``block_table.gather(1, p // P) * P + p % P`` from ``view(-1, C)``; pooled by ``torch.bmm`` of the ``[l, 1]``
    weight (``[B, 1, l]``) and the ``[B, l, C]`` window; headless compressed ``[S, C]`` written ``index_put_`` at
    ``cmp_block_table.gather(1, i)`` (int32 tables); lengths ``positions + 1``."""
    SIZES = dict(BASE, N=1, D=64)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "kv_c_0", "kv_c_1", "kv_c_2",
            "cmp_0", "cmp_1", "cmp_2")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, kv_c_0, kv_c_1, kv_c_2, cmp_0,
                cmp_1, cmp_2):
        l, d, P, C = self.l, self.d, self.P, self.D
        B = hidden.shape[0]
        s = positions + 1
        pos = window_positions(s, l)
        tok = block_table.long().gather(1, pos // P) * P + pos % P
        done = window_completes(s, l, d)
        slot = cmp_block_table.gather(1, cmp_index(s, l, d)[:, None]).squeeze(1).long()
        h = hidden
        for layer, kv_c, cmp in zip(self.layers, (kv_c_0, kv_c_1, kv_c_2), (cmp_0, cmp_1, cmp_2)):
            x, q, k, v = layer.project(h, positions)
            latent = k[:, 0]
            flat = kv_c.view(-1, C)
            flat[slot_mapping] = latent
            win = flat[tok]  # [B, l, C]
            w = layer.cmp_w_k.float().t().unsqueeze(0).expand(B, 1, l)
            new = torch.bmm(w, win.float()).squeeze(1).to(cmp.dtype)
            cmp.index_put_((slot,), torch.where(done[:, None], new, cmp[slot]))

            def read(p, flat=flat):
                t = flat[block_table.long().gather(1, p // P) * P + p % P].unsqueeze(2)
                return t, t

            c_rows = cmp[cmp_block_table.long()].unsqueeze(2)
            h = layer.finish(h, x, q, s, read, c_rows, c_rows, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 3)
        kvs = [t.squeeze(2) for t in st["kvs"]]
        cmps = [t.squeeze(1) for t in st["cmps"]]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"].int(), cmp_block_table=st["cmp_table"].int(), kv_c_0=kvs[0],
                         kv_c_1=kvs[1], kv_c_2=kvs[2], cmp_0=cmps[0], cmp_1=cmps[1], cmp_2=cmps[2])

    def specs(self):
        return [_spec(f"latent{i}", lambda a, r, i=i: a[f"kv_c_{i}"].unsqueeze(2),
                      lambda a, r, i=i: a[f"cmp_{i}"].unsqueeze(1), lambda m, i=i: m.layers[i].cmp_w_k,
                      lambda a: a["block_table"], lambda a: a["positions"] + 1,
                      lambda a: _own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for i in range(3)]


class LucidrainsFunctionalFp32(DecodeModel):
    """lucidrains-style functional step, fp32, no casts: out-of-place ``index_put`` appends into paged ``[NB, P,
    N, D]`` K/V, the window rearranged head-major ``[B, N, l, D]`` and pooled with the checkpoint's ``[N, l]``
    weight ``(win * w[None, :, :, None]).sum(dim=2)``, out-of-place ``index_copy`` of the compressed caches at
    ``cmp_block_table[arange(B), i]``; every cache returned."""
    SIZES = BASE
    ARGS = ("hidden", "positions", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def forward(self, hidden, positions, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        seq = positions + 1
        page = block_table.gather(1, (positions // P)[:, None]).squeeze(1)
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache = k_cache.index_put((page, positions % P), k)
        v_cache = v_cache.index_put((page, positions % P), v)
        pos = window_positions(seq, l)
        pages = block_table.gather(1, pos // P)
        done = window_completes(seq, l, d)
        slot = cmp_block_table[torch.arange(B, device=seq.device), cmp_index(seq, l, d)]
        outs = []
        for cache, mem, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            win = cache[pages, pos % P].permute(0, 2, 1, 3)  # b n j d
            pooled = (win * w[None, :, :, None]).sum(dim=2)
            outs.append(mem.index_copy(0, slot, torch.where(done[:, None, None], pooled, mem[slot])))
        cmp_k, cmp_v = outs
        h = layer.finish(hidden, x, q, seq, paged_reader(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                         cmp_v[cmp_block_table], l, d)
        return h, k_cache, v_cache, cmp_k, cmp_v

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, c=c: r[1 + c], lambda a, r, c=c, n=n: a[f"cmp_{n}"] if r is None else r[3 + c],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}").t(), lambda a: a["block_table"],
                      lambda a: a["positions"] + 1,
                      lambda a: _own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for c, n in ((0, "k"), (1, "v"))]


class VllmStackedCudaGraphPad(DecodeModel):
    """vLLM v1 under CUDA-graph capture, 2 layers, bf16: the batch padded to the captured size (the last two rows
    have position -1, zero hidden state, a block-table row of -1 and an append slot in a dummy page past the
    allocator's pages, compressed slot -1); ``[2, NB + 1, P, N, D]`` KV per layer appended JOINTLY
    ``kv[:, blk, off] = stack((k, v))``; stacked compressed ``[2, S, N, D]`` written per half ``cmp[c][slots] =
    where(...)``; ``torch.sum(torch.mul(win.float(), w.float()[None, :, :, None]), dim=1)``."""
    SIZES = BASE
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_0", "kv_1", "cmp_0", "cmp_1")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_0, kv_1,
                cmp_0, cmp_1):
        l, d, P = self.l, self.d, self.P
        seq = positions + 1
        pos = window_positions(seq, l)
        pages, offs = block_table.gather(1, pos // P), pos % P
        done = window_completes(seq, l, d)
        blk, off = slot_mapping // P, slot_mapping % P
        h = hidden
        for layer, kv, cmp in zip(self.layers, (kv_0, kv_1), (cmp_0, cmp_1)):
            x, q, k, v = layer.project(h, positions)
            kv[:, blk, off] = torch.stack((k, v))
            for c, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                win = kv[c][pages, offs]
                new = torch.sum(torch.mul(win.float(), w.float()[None, :, :, None]), dim=1).to(cmp.dtype)
                cmp[c][cmp_slot_mapping] = torch.where(done[:, None, None], new, cmp[c][cmp_slot_mapping])
            h = layer.finish(h, x, q, seq, paged_reader(kv[0], kv[1], block_table, P), cmp[0][cmp_block_table],
                             cmp[1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P, NB = self.P, st["NB"]
        pad = torch.zeros(1, P, self.N, self.D, dtype=self.dtype)
        kvs = [torch.cat((t, pad)) for t in st["kvs"]]  # page NB: the dummy page padding rows append into
        positions = st["s"] - 1
        slot_mapping = _append_slots(st, P)
        table = st["table"].clone()
        cmp_slot = st["cmp_slot"].clone()
        hidden = st["hidden"].clone()
        for b in (B - 2, B - 1):
            positions[b] = -1
            slot_mapping[b] = NB * P
            table[b] = -1
            cmp_slot[b] = -1
            hidden[b] = 0
        return self.pack(hidden=hidden, positions=positions, slot_mapping=slot_mapping, block_table=table,
                         cmp_slot_mapping=cmp_slot, cmp_block_table=st["cmp_table"],
                         kv_0=torch.stack(kvs[0:2]), kv_1=torch.stack(kvs[2:4]),
                         cmp_0=torch.stack(st["cmps"][0:2]), cmp_1=torch.stack(st["cmps"][2:4]))

    def specs(self):
        return [_spec(f"{n}{i}", lambda a, r, i=i, c=c: a[f"kv_{i}"][c], lambda a, r, i=i, c=c: a[f"cmp_{i}"][c],
                      lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(2) for c, n in ((0, "k"), (1, "v"))]


class FlashinferNHDWindowLoop(DecodeModel):
    """FlashInfer NHD paged cache ``[NP, 2, P, N, D]`` with an int32 page table and int32 ``seq_lens`` (l = 16,
    d = 8); append ``kv[page, 0, off] = k``; the window pooled by a Python loop in window order from an fp32 zero
    accumulator, one token per step ``kv[pages[:, j], :, offs[:, j]]`` (K and V together), ``acc = acc +
    w[j].float()[None, :, None] * tok.float()``; ``index_copy_`` at ``cmp_block_table.gather(1, i)``."""
    SIZES = dict(BASE, l=16, d=8)
    ARGS = ("hidden", "seq_lens", "page_table", "cmp_block_table", "paged_kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, seq_lens, page_table, cmp_block_table, paged_kv_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        s = seq_lens.long()
        positions = s - 1
        table = page_table.long()
        page = table.gather(1, (positions // P)[:, None]).squeeze(1)
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        paged_kv_cache[page, 0, positions % P] = k
        paged_kv_cache[page, 1, positions % P] = v
        pos = window_positions(s, l)
        pages, offs = table.gather(1, pos // P), pos % P
        acc_k = torch.zeros(B, self.N, self.D, dtype=torch.float32, device=hidden.device)
        acc_v = torch.zeros(B, self.N, self.D, dtype=torch.float32, device=hidden.device)
        for j in range(l):
            tok = paged_kv_cache[pages[:, j], :, offs[:, j]].float()  # [B, 2, N, D]
            acc_k = acc_k + layer.cmp_w_k[j].float()[None, :, None] * tok[:, 0]
            acc_v = acc_v + layer.cmp_w_v[j].float()[None, :, None] * tok[:, 1]
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_block_table.gather(1, cmp_index(s, l, d)[:, None]).squeeze(1).long()
        for cmp, acc in ((cmp_k, acc_k), (cmp_v, acc_v)):
            cmp.index_copy_(0, slot, torch.where(done[:, None, None], acc.to(cmp.dtype), cmp[slot]))

        def read(p):
            pg = table.gather(1, p // P)
            return paged_kv_cache[pg, 0, p % P], paged_kv_cache[pg, 1, p % P]

        rows = cmp_block_table.long()
        return layer.finish(hidden, x, q, s, read, cmp_k[rows], cmp_v[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), page_table=st["table"].int(),
                         cmp_block_table=st["cmp_table"].int(), paged_kv_cache=torch.stack(st["kvs"], dim=1),
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, c=c: a["paged_kv_cache"][:, c], lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["page_table"],
                      lambda a: a["seq_lens"], lambda a: _own_slot(a["cmp_block_table"], a["seq_lens"], self.l,
                                                                   self.d))
                for c, n in ((0, "k"), (1, "v"))]


class NSAPagedKVCache:
    """An HF-port cache object: paged per-layer K/V and compressed caches, ``update`` and ``compress``."""

    def __init__(self, key_caches, value_caches, cmp_keys, cmp_values, block_table, slot_mapping, cmp_block_table,
                 seq_lens, page_size, l, d):
        self.key_caches, self.value_caches = key_caches, value_caches
        self.cmp_keys, self.cmp_values = cmp_keys, cmp_values
        self.block_table, self.slot_mapping, self.cmp_block_table = block_table, slot_mapping, cmp_block_table
        self.seq_lens, self.page_size, self.l, self.d = seq_lens, page_size, l, d

    def update(self, layer_idx, k, v):
        kc, vc = self.key_caches[layer_idx], self.value_caches[layer_idx]
        N, D = kc.shape[-2:]
        kc.view(-1, N, D).index_copy_(0, self.slot_mapping, k)
        vc.view(-1, N, D).index_copy_(0, self.slot_mapping, v)
        return kc, vc

    def _window_tokens(self, cache):
        B = self.seq_lens.shape[0]
        N, D = cache.shape[-2:]
        pos = window_positions(self.seq_lens, self.l)
        tok = self.block_table.gather(1, pos // self.page_size) * self.page_size + pos % self.page_size
        return torch.index_select(cache.view(-1, N, D), 0, tok.reshape(-1)).view(B, self.l, N, D)

    def compress(self, layer_idx, w_k, w_v):
        s, l, d = self.seq_lens, self.l, self.d
        B = s.shape[0]
        done = (s >= l) & ((s - l) % d == 0)
        slot = self.cmp_block_table[torch.arange(B, device=s.device), cmp_index(s, l, d)]
        for cache, cmp, w in ((self.key_caches[layer_idx], self.cmp_keys[layer_idx], w_k),
                              (self.value_caches[layer_idx], self.cmp_values[layer_idx], w_v)):
            win = self._window_tokens(cache)
            pooled = torch.sum(win.float() * w.float().unsqueeze(0).unsqueeze(-1), dim=1).to(cmp.dtype)
            cmp.index_copy_(0, slot, torch.where(done.view(-1, 1, 1), pooled, cmp[slot]))

    def compressed(self, layer_idx):
        rows = self.cmp_block_table
        return self.cmp_keys[layer_idx][rows], self.cmp_values[layer_idx][rows]


class HfCacheObjectBufferWeights(DecodeModel):
    """HF port, 2 layers, with a cache object (``NSAPagedKVCache``: ``update`` by ``view(-1, N, D).index_copy_``,
    ``compress`` by ``torch.index_select`` of flat token ids then ``view(B, l, N, D)``); the compression weights
    loaded as persistent module BUFFERS ``compress_k_weight`` / ``compress_v_weight`` ``[L, l, N]`` (fp16, the
    data dtype), not parameters; ``torch.sum(win.float() * w.float().unsqueeze(0).unsqueeze(-1), dim=1)``;
    ``index_copy_`` at the request's own compressed row."""
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "k_0", "v_0", "k_1", "v_1",
            "ck_0", "cv_0", "ck_1", "cv_1")
    BATCH = ARGS[:5]

    def __init__(self, dtype, layers=1, seed=0, **kw):
        super().__init__(dtype, layers, seed, **kw)
        self.register_buffer("compress_k_weight", torch.stack([m.cmp_w_k.detach().clone() for m in self.layers]))
        self.register_buffer("compress_v_weight", torch.stack([m.cmp_w_v.detach().clone() for m in self.layers]))

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, k_0, v_0, k_1, v_1, ck_0, cv_0,
                ck_1, cv_1):
        l, d, P = self.l, self.d, self.P
        cache = NSAPagedKVCache([k_0, k_1], [v_0, v_1], [ck_0, ck_1], [cv_0, cv_1], block_table, slot_mapping,
                                cmp_block_table, seq_lens, P, l, d)
        positions = seq_lens - 1
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            kc, vc = cache.update(i, k, v)
            cache.compress(i, self.compress_k_weight[i], self.compress_v_weight[i])
            ck, cv = cache.compressed(i)
            h = layer.finish(h, x, q, seq_lens, paged_reader(kc, vc, block_table, P), ck, cv, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_0=kvs[0], v_0=kvs[1],
                         k_1=kvs[2], v_1=kvs[3], ck_0=cmps[0], cv_0=cmps[1], ck_1=cmps[2], cv_1=cmps[3])

    def specs(self):
        return [_spec(f"{n}{i}", lambda a, r, i=i, n=n: a[f"{n}_{i}"], lambda a, r, i=i, n=n: a[f"c{n}_{i}"],
                      lambda m, i=i, n=n: getattr(m, f"compress_{n}_weight")[i], lambda a: a["block_table"],
                      lambda a: a["seq_lens"], lambda a: _own_slot(a["cmp_block_table"], a["seq_lens"], self.l,
                                                                   self.d))
                for i in range(2) for n in ("k", "v")]


class FlaDenseMeanGather(DecodeModel):
    """fla / flash-attn ``cache_seqlens`` style, 2 layers, fp16: dense ``[B, T, N, D]`` caches, ``cache_seqlens``
    (int32, tokens held before this step; lengths ``cache_seqlens + 1``); append ``k_cache.scatter_(1, ...)``;
    window ``torch.gather(k_cache, 1, pos[:, :, None, None].expand(B, l, N, D))``; MEAN pooling ``win.float().mean(1)``
    (constant weight 1/l = 1/32, a power of two); dense compressed ``[B, max_cmp, N, D]`` written ``scatter_(1,
    i, where(done, new, gather(1, i)))``."""
    SIZES = BASE
    ARGS = ("hidden", "cache_seqlens", "k_0", "v_0", "ck_0", "cv_0", "k_1", "v_1", "ck_1", "cv_1")
    BATCH = ARGS

    def forward(self, hidden, cache_seqlens, k_0, v_0, ck_0, cv_0, k_1, v_1, ck_1, cv_1):
        l, d, N, D = self.l, self.d, self.N, self.D
        B = hidden.shape[0]
        cur = cache_seqlens.long()
        s = cur + 1
        pos = window_positions(s, l)
        at = cur[:, None, None, None].expand(B, 1, N, D)
        ci = cmp_index(s, l, d)[:, None, None, None].expand(B, 1, N, D)
        done = window_completes(s, l, d)[:, None, None, None]
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k_0, k_1), (v_0, v_1), (ck_0, ck_1), (cv_0, cv_1)):
            x, q, k, v = layer.project(h, cur)
            kc.scatter_(1, at, k[:, None])
            vc.scatter_(1, at, v[:, None])
            for cache, cmp in ((kc, ck), (vc, cv)):
                win = torch.gather(cache, 1, pos[:, :, None, None].expand(B, l, N, D))
                new = win.float().mean(dim=1, keepdim=True).to(cmp.dtype)
                cmp.scatter_(1, ci, torch.where(done, new, cmp.gather(1, ci)))

            def read(p, kc=kc, vc=vc):
                ix = p[:, :, None, None].expand(-1, -1, N, D)
                return torch.gather(kc, 1, ix), torch.gather(vc, 1, ix)

            h = layer.finish(h, x, q, s, read, ck, cv, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kv, cmp = _dense_state(st, B, self.P * self.MP)
        return self.pack(hidden=st["hidden"], cache_seqlens=(st["s"] - 1).int(), k_0=kv[0], v_0=kv[1], ck_0=cmp[0],
                         cv_0=cmp[1], k_1=kv[2], v_1=kv[3], ck_1=cmp[2], cv_1=cmp[3])

    def specs(self):
        def slots(a):
            s = a["cache_seqlens"].long() + 1
            mc = a["ck_0"].shape[1]
            return torch.arange(s.shape[0]) * mc + cmp_index(s, self.l, self.d)

        return [_spec(f"{n}{i}", lambda a, r, i=i, n=n: a[f"{n}_{i}"],
                      lambda a, r, i=i, n=n: a[f"c{n}_{i}"].flatten(0, 1),
                      lambda m: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype),
                      lambda a: _rows_table(a, "cache_seqlens"), lambda a: a["cache_seqlens"].long() + 1, slots)
                for i in range(2) for n in ("k", "v")]


def npu_nsa_compress_infer_fallback(input, weight, slot_mapping, compress_block_size, compress_stride,
                                    page_block_size, *, block_table, actual_seq_len, cache):
    """vllm-ascend-style torch fallback with torch_npu's signature (int32 metadata)."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    s = actual_seq_len.to(torch.int64)
    j = torch.arange(l, device=input.device)
    pos = (s.unsqueeze(1) - l + j).clamp_min(0)
    blk = torch.gather(block_table.to(torch.int64), 1, torch.div(pos, P, rounding_mode="floor"))
    x = input[blk, torch.remainder(pos, P)]
    out = torch.einsum("bjnd,jn->bnd", x.to(torch.float32), weight.to(torch.float32)).to(cache.dtype)
    ok = (s >= l) & (torch.remainder(s - l, d) == 0)
    idx = slot_mapping.to(torch.int64)
    cache.index_put_((idx,), torch.where(ok.view(-1, 1, 1), out, cache.index_select(0, idx)))
    return cache


class AscendVendorFallback(DecodeModel):
    """vllm-ascend, one layer, P = 8 (the window spans four pages): split ``[NB, P, N, D]`` caches appended by a
    ``_npu_reshape_and_cache`` fallback ``view(-1, N, D).index_put_((slots.long(),), k)`` on int32 slots; the
    compression through a torch fallback with the vendor signature (``npu_nsa_compress_infer_fallback``: int32
    ``actual_seq_len`` / ``block_table`` / compressed ``slot_mapping`` (each request's own row), ``torch.gather``,
    ``einsum('bjnd,jn->bnd')``, ``index_put_`` of ``where(ok, out, cache.index_select(0, idx))``)."""
    SIZES = dict(BASE, P=8, MP=8)
    ARGS = ("hidden", "actual_seq_len", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:6]

    def forward(self, hidden, actual_seq_len, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_table,
                key_cache, value_cache, cmp_key_cache, cmp_value_cache):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        positions = actual_seq_len.long() - 1
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        slots = slot_mapping.long()
        key_cache.view(-1, N, D).index_put_((slots,), k)
        value_cache.view(-1, N, D).index_put_((slots,), v)
        npu_nsa_compress_infer_fallback(key_cache, layer.cmp_w_k, cmp_slot_mapping, l, d, P, block_table=block_tables,
                                        actual_seq_len=actual_seq_len, cache=cmp_key_cache)
        npu_nsa_compress_infer_fallback(value_cache, layer.cmp_w_v, cmp_slot_mapping, l, d, P,
                                        block_table=block_tables, actual_seq_len=actual_seq_len,
                                        cache=cmp_value_cache)
        rows = cmp_block_table.long()
        return layer.finish(hidden, x, q, actual_seq_len.long(), paged_reader(key_cache, value_cache, block_tables, P),
                            cmp_key_cache[rows], cmp_value_cache[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        own = _own_slot(st["cmp_table"], st["s"], self.l, self.d)
        return self.pack(hidden=st["hidden"], actual_seq_len=st["s"].int(),
                         slot_mapping=_append_slots(st, self.P).int(), block_tables=st["table"].int(),
                         cmp_slot_mapping=own.int(), cmp_block_table=st["cmp_table"].int(), key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"cmp_{n}_cache"],
                      lambda m, c=c: getattr(m.layers[0], f"cmp_w_{c}"), lambda a: a["block_tables"],
                      lambda a: a["actual_seq_len"], lambda a: a["cmp_slot_mapping"])
                for n, c in (("key", "k"), ("value", "v"))]


class DeepseekKVConcat4L(DecodeModel):
    """DeepSeek-style 4-layer stack, bf16, D = 16: K and V concatenated on the last dim of ONE paged cache ``[NB,
    P, N, 2D]`` and ONE compressed cache ``[S, N, 2D]`` per layer; append ``kv[blk, off] = cat((k, v), -1)``;
    each half pooled from the fp32 window ``win[..., :D]`` / ``win[..., D:]`` by mul+sum; the two halves
    concatenated and written in ONE write ``cmp[slots] = where(done, cat((pk, pv), -1), cmp[slots])`` (int64
    ``cmp_slot_mapping``, -1 padding)."""
    SIZES = dict(BASE, D=16)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_0", "kv_1", "kv_2", "kv_3", "cmp_0", "cmp_1", "cmp_2", "cmp_3")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_0, kv_1,
                kv_2, kv_3, cmp_0, cmp_1, cmp_2, cmp_3):
        l, d, P, D = self.l, self.d, self.P, self.D
        positions = seq_lens - 1
        pos = window_positions(seq_lens, l)
        pages, offs = block_table.gather(1, pos // P), pos % P
        done = window_completes(seq_lens, l, d)
        blk, off = slot_mapping // P, slot_mapping % P
        h = hidden
        for layer, kv, cmp in zip(self.layers, (kv_0, kv_1, kv_2, kv_3), (cmp_0, cmp_1, cmp_2, cmp_3)):
            x, q, k, v = layer.project(h, positions)
            kv[blk, off] = torch.cat((k, v), dim=-1)
            win = kv[pages, offs].float()
            pk = (win[..., :D] * layer.cmp_w_k.float()[None, :, :, None]).sum(1)
            pv = (win[..., D:] * layer.cmp_w_v.float()[None, :, :, None]).sum(1)
            new = torch.cat((pk, pv), dim=-1).to(cmp.dtype)
            cmp[cmp_slot_mapping] = torch.where(done[:, None, None], new, cmp[cmp_slot_mapping])

            def read(p, kv=kv):
                t = kv[block_table.gather(1, p // P), p % P]
                return t[..., :D], t[..., D:]

            c = cmp[cmp_block_table]
            h = layer.finish(h, x, q, seq_lens, read, c[..., :D], c[..., D:], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 8)
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"])
        for i in range(4):
            named[f"kv_{i}"] = torch.cat((kvs[2 * i], kvs[2 * i + 1]), dim=-1)
            named[f"cmp_{i}"] = torch.cat((cmps[2 * i], cmps[2 * i + 1]), dim=-1)
        return self.pack(**named)

    def specs(self):
        D = self.D
        return [_spec(f"{n}{i}", lambda a, r, i=i, sl=sl: a[f"kv_{i}"][..., sl],
                      lambda a, r, i=i, sl=sl: a[f"cmp_{i}"][..., sl],
                      lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for i in range(4) for n, sl in (("k", slice(0, D)), ("v", slice(D, 2 * D)))]


class VllmPagedCmpFlatView(DecodeModel):
    """vLLM v1, 2 layers, PAGED compressed caches ``[NBc, Pc = 2, N, D]`` with an int64 ``cmp_block_table`` of
    compressed pages, written through the flat view at ``cmp_block_table[b, i // Pc] * Pc + i % Pc``; KV
    ``[2, NB, P, N, D]`` per layer, append through ``kv[0].view(-1, N, D)[slot_mapping] = k``; weights in the
    checkpoint's ``[N, l]`` layout, ``einsum('bjnd,nj->bnd')`` in fp32."""
    SIZES = BASE
    Pc = 2
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "kv_0", "kv_1", "cmp_k_0",
            "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, kv_0, kv_1, cmp_k_0, cmp_v_0,
                cmp_k_1, cmp_v_1):
        l, d, P, N, D, Pc = self.l, self.d, self.P, self.N, self.D, self.Pc
        positions = seq_lens - 1
        pos = window_positions(seq_lens, l)
        pages, offs = block_table.gather(1, pos // P), pos % P
        done = window_completes(seq_lens, l, d)
        i = cmp_index(seq_lens, l, d)
        slot = cmp_block_table.gather(1, (i // Pc)[:, None]).squeeze(1) * Pc + i % Pc
        max_cmp = (P * block_table.shape[1] - l) // d + 1
        ci = torch.arange(max_cmp, device=hidden.device)
        rows = cmp_block_table.gather(1, (ci // Pc)[None, :].expand(seq_lens.shape[0], -1)) * Pc + ci % Pc
        h = hidden
        for layer, kv, ck, cv in zip(self.layers, (kv_0, kv_1), (cmp_k_0, cmp_k_1), (cmp_v_0, cmp_v_1)):
            x, q, k, v = layer.project(h, positions)
            kv[0].view(-1, N, D)[slot_mapping] = k
            kv[1].view(-1, N, D)[slot_mapping] = v
            for c, cmp, w in ((0, ck, layer.cmp_w_k), (1, cv, layer.cmp_w_v)):
                win = kv[c][pages, offs]
                new = torch.einsum("bjnd,nj->bnd", win.float(), w.float()).to(cmp.dtype)
                flat = cmp.view(-1, N, D)
                flat[slot] = torch.where(done[:, None, None], new, flat[slot])
            h = layer.finish(h, x, q, seq_lens, paged_reader(kv[0], kv[1], block_table, P),
                             ck.view(-1, N, D)[rows], cv.view(-1, N, D)[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        Pc, g = self.Pc, st["g"]
        max_cmp = st["max_cmp"]
        per = (max_cmp + Pc - 1) // Pc
        NBc = B * per + 2
        cpt = torch.randperm(NBc, generator=g)[: B * per].view(B, per)
        cmps = []
        for c in st["cmps"]:
            paged = _poison(g, (NBc, Pc, self.N, self.D), self.dtype)
            for b in range(B):
                for i in range(max_cmp):
                    paged[cpt[b, i // Pc], i % Pc] = c[st["cmp_table"][b, i]]
            cmps.append(paged)
        kvs = st["kvs"]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=cpt, kv_0=torch.stack(kvs[0:2]),
                         kv_1=torch.stack(kvs[2:4]), cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2],
                         cmp_v_1=cmps[3])

    def specs(self):
        def slots(a):
            i = cmp_index(a["seq_lens"], self.l, self.d)
            return a["cmp_block_table"].gather(1, (i // self.Pc)[:, None]).squeeze(1) * self.Pc + i % self.Pc

        return [_spec(f"{n}{i}", lambda a, r, i=i, c=c: a[f"kv_{i}"][c],
                      lambda a, r, i=i, n=n: a[f"cmp_{n}_{i}"].view(-1, self.N, self.D),
                      lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}").t(), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], slots)
                for i in range(2) for c, n in ((0, "k"), (1, "v"))]


class VllmWholeSeqGatherFp32(DecodeModel):
    """fp32 one-layer model that first gathers each request's whole sequence ``k_cache[block_table.clamp(min=0)]
    .flatten(1, 2)`` ``[B, MP * P, N, D]`` (as a prefill-style kernel would) and takes the window from it
    ``seq[rows[:, None], pos]``; append ``k_cache.flatten(0, 1).scatter_(0, slot[:, None, None].expand(-1, N,
    D), k)``; ``(win * w[None, :, :, None]).sum(1)`` in fp32 without casts; ``index_put_`` at the scheduler's
    ``cmp_slot_mapping`` (-1 padding)."""
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table", "k_cache",
            "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, cmp_k, cmp_v):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        positions = seq_lens - 1
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        idx = slot_mapping[:, None, None].expand(-1, N, D)
        k_cache.flatten(0, 1).scatter_(0, idx, k)
        v_cache.flatten(0, 1).scatter_(0, idx, v)
        pos = window_positions(seq_lens, l)
        done = window_completes(seq_lens, l, d)
        safe = block_table.clamp(min=0)
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            seq = cache[safe].flatten(1, 2)  # [B, MP * P, N, D]
            win = seq[rows[:, None], pos]
            new = (win * w[None, :, :, None]).sum(1)
            cmp.index_put_((cmp_slot_mapping,), torch.where(done[:, None, None], new, cmp[cmp_slot_mapping]))
        return layer.finish(hidden, x, q, seq_lens, paged_reader(k_cache, v_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for n in ("k", "v")]


def _ragged_metadata(st, P):
    """FlashInfer's plan() view of a state: int32 ``kv_indptr`` [B + 1], ``kv_indices`` (the pages of every request
    concatenated, in order), ``kv_last_page_len`` [B] (1..P)."""
    s, table = st["s"], st["table"]
    used = (s + P - 1) // P
    indices = torch.cat([table[b, : int(used[b])] for b in range(s.shape[0])])
    indptr = torch.cat((torch.zeros(1, dtype=torch.int64), used.cumsum(0)))
    last = s - (used - 1) * P
    return indptr.int(), indices.int(), last.int()


class FlashinferRaggedSeqLens(DecodeModel):
    """FlashInfer decode wrapper's metadata, one layer, bf16: separate K/V page caches ``[NP, P, N, D]``, int32
    ``kv_indptr`` ``[B + 1]`` / ``kv_indices`` / ``kv_last_page_len``; lengths as FlashInfer's ``get_seq_lens``
    (``(indptr[1:] - indptr[:-1] - 1) * P + last_page_len``); append at ``kv_indices[indptr[1:] - 1]``, offset
    ``last_page_len - 1``; window pages ``kv_indices[indptr[:-1, None] + p // P]``; mul+sum; ``index_put_`` at the
    scheduler's ``cmp_slot_mapping`` (-1 padding). (``kv_indptr`` has B + 1 rows, so the batch cannot be marked
    dynamic without dynamo specializing it: ``mark_dynamic`` is expected to be n/a.)"""
    SIZES = BASE
    ARGS = ("hidden", "kv_last_page_len", "cmp_slot_mapping", "cmp_block_table", "kv_indptr", "kv_indices",
            "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, kv_last_page_len, cmp_slot_mapping, cmp_block_table, kv_indptr, kv_indices, k_cache,
                v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        indptr = kv_indptr.long()
        seq = (indptr[1:] - indptr[:-1] - 1) * P + kv_last_page_len.long()
        positions = seq - 1
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        last_page = kv_indices[indptr[1:] - 1].long()
        off = kv_last_page_len.long() - 1
        k_cache[last_page, off] = k
        v_cache[last_page, off] = v
        pos = window_positions(seq, l)
        pages = kv_indices[indptr[:-1, None] + pos // P].long()
        done = (seq >= l) & ((seq - l) % d == 0)
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            win = cache[pages, pos % P]
            new = (win.float() * w.float()[None, :, :, None]).sum(dim=1).to(cmp.dtype)
            cmp.index_put_((cmp_slot_mapping,), torch.where(done[:, None, None], new, cmp[cmp_slot_mapping]))

        def read(p):
            pg = kv_indices[indptr[:-1, None] + p // P].long()
            return k_cache[pg, p % P], v_cache[pg, p % P]

        return layer.finish(hidden, x, q, seq, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        indptr, indices, last = _ragged_metadata(st, self.P)
        return self.pack(hidden=st["hidden"], kv_last_page_len=last, cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv_indptr=indptr, kv_indices=indices,
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def table(a):
            ip = a["kv_indptr"].long()
            n = ip[1:] - ip[:-1]
            cols = torch.arange(int(n.max()))
            idx = (ip[:-1, None] + cols).clamp(max=a["kv_indices"].shape[0] - 1)
            return torch.where(cols[None, :] < n[:, None], a["kv_indices"].long()[idx], torch.full_like(idx, -1))

        def lengths(a):
            ip = a["kv_indptr"].long()
            return (ip[1:] - ip[:-1] - 1) * self.P + a["kv_last_page_len"].long()

        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), table, lengths,
                      lambda a: a["cmp_slot_mapping"])
                for n in ("k", "v")]


class HeadMajorPaged(DecodeModel):
    """Head-major paged caches (a TPU / NPU-friendly layout), 2 layers, fp16: K and V ``[N, NB, P, D]`` per layer,
    compressed ``[N, S, D]``; append ``k_cache[:, blk, off] = k.transpose(0, 1)``; window ``k_cache[:, pages,
    offs]`` ``[N, B, l, D]``; ``einsum('hbjd,jh->bhd')`` in fp32; write ``cmp[:, slot] = where(done, new.transpose(0,
    1), cmp[:, slot])`` at each request's own compressed row ``cmp_block_table[b, i]`` (int64)."""
    SIZES = BASE
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "k_0", "v_0", "k_1", "v_1",
            "ck_0", "cv_0", "ck_1", "cv_1")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, k_0, v_0, k_1, v_1, ck_0, cv_0,
                ck_1, cv_1):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        seq = positions + 1
        pos = window_positions(seq, l)
        pages, offs = block_table.gather(1, pos // P), pos % P
        done = window_completes(seq, l, d)
        slot = cmp_block_table[torch.arange(B, device=seq.device), cmp_index(seq, l, d)]
        blk, off = slot_mapping // P, slot_mapping % P
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k_0, k_1), (v_0, v_1), (ck_0, ck_1), (cv_0, cv_1)):
            x, q, k, v = layer.project(h, positions)
            kc[:, blk, off] = k.transpose(0, 1)
            vc[:, blk, off] = v.transpose(0, 1)
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                win = cache[:, pages, offs]
                new = torch.einsum("hbjd,jh->bhd", win.float(), w.float()).to(cmp.dtype)
                cmp[:, slot] = torch.where(done[None, :, None], new.transpose(0, 1), cmp[:, slot])

            def read(p, kc=kc, vc=vc):
                pg = block_table.gather(1, p // P)
                return kc[:, pg, p % P].permute(1, 2, 0, 3), vc[:, pg, p % P].permute(1, 2, 0, 3)

            h = layer.finish(h, x, q, seq, read, ck[:, cmp_block_table].permute(1, 2, 0, 3),
                             cv[:, cmp_block_table].permute(1, 2, 0, 3), l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs = [t.permute(2, 0, 1, 3).contiguous() for t in st["kvs"]]
        cmps = [t.transpose(0, 1).contiguous() for t in st["cmps"]]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_0=kvs[0], v_0=kvs[1],
                         k_1=kvs[2], v_1=kvs[3], ck_0=cmps[0], cv_0=cmps[1], ck_1=cmps[2], cv_1=cmps[3])

    def specs(self):
        return [_spec(f"{n}{i}", lambda a, r, i=i, n=n: a[f"{n}_{i}"].permute(1, 2, 0, 3),
                      lambda a, r, i=i, n=n: a[f"c{n}_{i}"].transpose(0, 1),
                      lambda m, i=i, n=n: getattr(m.layers[i], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["positions"] + 1,
                      lambda a: _own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for i in range(2) for n in ("k", "v")]


# ====================================================================================================
# Near misses: one layer, vLLM split caches, fp16, int64 metadata, each row writes (or keeps) its own compressed
# row cmp_block_table[b, clamp((s - l) // d, 0)]. Only the named BUG differs from the contract.
# ====================================================================================================

class NearMiss(DecodeModel):
    SIZES = BASE
    BUG = ""
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k",
            "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, sizes=None):
        if sizes:
            self.SIZES = dict(BASE, **sizes)
        self.BUG = bug
        super().__init__(dtype)

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = seq_lens
        positions = s - 1
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        j = torch.arange(l, device=s.device)
        start = s[:, None] - l - 1 if self.BUG == "window_one_early" else s[:, None] - l
        pos = (start + j).clamp(min=0)
        pages, offs = block_table.gather(1, pos // P), pos % P
        if self.BUG == "cond_mod_on_s":
            done = (s >= l) & (s % d == 0)
        elif self.BUG == "condition_on_old_length":
            done = (s - 1 >= l) & ((s - 1 - l) % d == 0)
        else:
            done = (s >= l) & ((s - l) % d == 0)
        slot = cmp_block_table[rows, cmp_index(s, l, d)]
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            win = cache[pages, offs]
            if self.BUG == "fp16_products":
                new = (win * w[None, :, :, None]).float().sum(1)
            elif self.BUG == "weight_by_position_mod_l":
                wa = w.float()[(s[:, None] - l + j) % l]  # [B, l, N]
                new = (win.float() * wa[..., None]).sum(1)
            elif self.BUG == "normalise_by_block_count":
                cnt = torch.div(s - l, d, rounding_mode="floor").clamp(min=0) + 1
                new = (win.float() * w.float()[None, :, :, None]).sum(1) / cnt[:, None, None].float()
            else:
                new = (win.float() * w.float()[None, :, :, None]).sum(1)
            new = new.to(cmp.dtype)
            if self.BUG == "accumulate_not_overwrite":
                cmp.index_put_((slot,), torch.where(done[:, None, None], new, torch.zeros_like(new)), accumulate=True)
            elif self.BUG == "keep_value_from_neighbour":
                cmp[slot] = torch.where(done[:, None, None], new, cmp[slot.roll(1, 0)])
            else:
                cmp[slot] = torch.where(done[:, None, None], new, cmp[slot])
        return layer.finish(hidden, x, q, s, paged_reader(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                            cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"cmp_{n}"],
                      lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["block_table"],
                      lambda a: a["seq_lens"], lambda a: _own_slot(a["cmp_block_table"], a["seq_lens"], self.l,
                                                                   self.d))
                for n in ("k", "v")]


NEAR_MISSES = {
    "window_one_early": (None, (
        "window s - l - 1 .. s - 2 (one token early, clamped at 0), condition and slots the contract's. The offset "
        "of the token at window position j is (s - l - 1 + j) % P, not (s - l + j) % P: a block table maps pages, "
        "not offsets within a page (P = 16 > 1), so no table makes the contract read those tokens, and no weight "
        "can, since the window holds a token (s - l - 1) the contract's window never holds and lacks s - 1, the "
        "token just appended (generic values). No slot choice changes what is pooled.")),
    "cond_mod_on_s": (dict(l=24), (
        "l = 24, d = 16, condition (s >= l) & (s % d == 0) instead of (s - l) % d == 0: it pools the last 24 tokens "
        "at s = 32, 48, 64. The contract with window l = 24 (the weight is [24, N]: the pooling fixes l) completes "
        "at s = 24 + k d' for a stride d'; s = 24 completes for every d', the model never writes at 24, so no d', "
        "weight or slot makes it the contract.")),
    "condition_on_old_length": (None, (
        "condition on the length before the append, (s - 1 >= l) & ((s - 1 - l) % d == 0), window s - l .. s - 1: "
        "completes at s = l + 1 + k d. The contract with the same window (weight [l, N]) completes at s = l + k d' "
        "and always at s = l, where the model writes nothing; no d', weight or slot choice helps.")),
    "fp16_products": (None, (
        "products rounded to fp16 (win * w in the data dtype) before the fp32 sum: a second rounding per product. "
        "For any weight w', the contract's products fp32(w') * fp32(x) are not fp16(w * x) on generic x (an fp16 "
        "product of two 11-bit significands needs 22 bits), so no weight and no slot makes it the contract.")),
    "weight_by_position_mod_l": (dict(d=8), (
        "d = 8; the weight of the token at absolute position p is w[p % l] (weight by position, not by window "
        "offset): a row completing at s gives window offset j the weight w[(s - l + j) % l], a rotation by (s - l) "
        "% 32 in {0, 8, 16, 24}. A contract weight w' must equal roll(w, -r) for every rotation r of the completing "
        "rows at once: impossible for two different r with the model's weights (w != roll(w, 8k)), and the model "
        "is the contract for no w' over all valid inputs (rows completing at s = 32 force w' = w, rows at s = 40 "
        "force roll(w, -8)); no slot changes the values.")),
    "normalise_by_block_count": (None, (
        "the fp32 sum divided by the number of compressed blocks the request holds, (s - l) // d + 1, before the "
        "rounding: a weight that depends on s. A contract weight must equal w (rows at s = 32, count 1) and w / 2 "
        "(s = 48) or w / 3 (s = 64) at once, impossible with w != 0; no slot changes the values.")),
    "accumulate_not_overwrite": (None, (
        "index_put_(..., accumulate=True) of where(done, new, 0): completing rows get old + new, not new. The "
        "written value depends on the cache row's previous content, which the contract's written rows never do "
        "(kept rows may hold anything, e.g. NaN or inf, which old + new propagates); no weight or slot choice "
        "removes the old row from the sum.")),
    "keep_value_from_neighbour": (None, (
        "rows whose window does not complete write the previous batch row's OLD compressed row into their own "
        "row (keep branch reads cmp[slot.roll(1)] instead of cmp[slot]). Their own rows are distinct valid rows "
        "owned by the request, and they change value; the contract never changes a row that no completing row "
        "names, and for slot mappings of the contract the written rows are a completing row's; no weight or slot "
        "choice gives non-completing rows a write.")),
}


MODEL_CASES = [
    _case("vllm_unbind_int32_einsum_2l", VllmUnbindInt32Einsum, "fuse", 4, f16, VllmUnbindInt32Einsum.__doc__,
          layers=2),
    _case("sglang_stacked_pool_2l", SglangStackedPool, "fuse", 4, bf16, SglangStackedPool.__doc__, layers=2),
    _case("flashinfer_hnd_matmul", FlashinferHNDMatmul, "fuse", 2, f16, FlashinferHNDMatmul.__doc__),
    _case("hf_dense_seq_major_2l", HfDenseSeqMajor, "fuse", 4, bf16, HfDenseSeqMajor.__doc__, layers=2),
    _case("deepseek_latent_bmm_3l", DeepseekLatentBmm, "fuse", 3, f16, DeepseekLatentBmm.__doc__, layers=3),
    _case("lucidrains_functional_fp32", LucidrainsFunctionalFp32, "fuse", 2, f32, LucidrainsFunctionalFp32.__doc__),
    _case("vllm_stacked_cudagraph_pad_2l", VllmStackedCudaGraphPad, "fuse", 4, bf16, VllmStackedCudaGraphPad.__doc__,
          layers=2),
    _case("flashinfer_nhd_window_loop", FlashinferNHDWindowLoop, "fuse", 2, f16, FlashinferNHDWindowLoop.__doc__),
    _case("hf_cache_object_buffer_weights_2l", HfCacheObjectBufferWeights, "fuse", 4, f16,
          HfCacheObjectBufferWeights.__doc__, layers=2),
    _case("fla_dense_mean_gather_2l", FlaDenseMeanGather, "fuse", 4, f16, FlaDenseMeanGather.__doc__,
          layers=2),
    _case("ascend_vendor_fallback_p8", AscendVendorFallback, "fuse", 2, f16, AscendVendorFallback.__doc__),
    _case("deepseek_kv_concat_4l", DeepseekKVConcat4L, "fuse", 8, bf16, DeepseekKVConcat4L.__doc__, layers=4),
    _case("vllm_paged_cmp_flat_view_2l", VllmPagedCmpFlatView, "fuse", 4, f16, VllmPagedCmpFlatView.__doc__,
          layers=2),
    _case("vllm_whole_seq_gather_fp32", VllmWholeSeqGatherFp32, "fuse", 2, f32, VllmWholeSeqGatherFp32.__doc__),
    _case("flashinfer_ragged_seq_lens", FlashinferRaggedSeqLens, "fuse", 2, bf16, FlashinferRaggedSeqLens.__doc__),
    _case("head_major_paged_2l", HeadMajorPaged, "fuse", 4, f16, HeadMajorPaged.__doc__, layers=2),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 2, f16, note, bug=bug, sizes=sizes)
    for bug, (sizes, note) in NEAR_MISSES.items()
]


def check_eager(B=8, seed=0, log=print):
    """Positives equal the golden (bit for bit, or within fp tolerance where torch picks the sum order); near
    misses differ from the golden in EVERY compressed cache."""
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
