"""A twenty-fourth blind corpus of whole NSA decode models (``models24``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the README's Usage and
"How to write model code that fuses" sections and public serving code knowledge (vLLM v1, vllm-ascend, SGLang,
FlashInfer, LMDeploy, HF transformers, DeepSeek, lucidrains, fla), without reading the recogniser (nsa_fusion/patterns/,
rewrite.py, fusion_pass.py, exactness.py, sizes.py, evaluate.py, bound_inputs.py, pooling.py,
lengths_from_positions.py, pool_tables.py, lowering/), its tests, docs/soundness.md, git history or the other corpora's
model classes. For the file format only: the module docstrings of ``models8``, ``models19``, ``models20``,
``models21``, ``models22``, ``models23``, ``run_models``' docstring and a grep of its ``add_argument`` / ``expect``
lines, and the shared building blocks of ``models3`` / ``models4`` that this file imports (``Spec``, ``gen_state``,
``_flat_state``, ``_poison``, ``golden``, ``contract_golden``, ``DecodeModel``, ``Layer`` (``project``, ``finish``),
``RMSNorm``, ``rotary``, ``attend``, ``completed_blocks``, ``_append_slots``, ``_dense_state``, ``_case``,
``check_cases``; ``models4.NearMiss`` and ``NEAR_MISSES`` read for the format, not reused).
Disclosure: (1) README: besides Usage (lines 1-82, with the intro and "Try it") and the writing advice (lines
1273-1302, with "Examples"), I read the whole "What fuses" section (lines 119-262, taken as the limits section: the
spellings and layouts it lists as fusing, "Not fused, because it is different math", "Known limits") and, by
printing a range that ran past it, the start of "Evidence: blind corpora" (lines 263-330): it names as conservative
refusals "a block table flattened and addressed by row * pages + page, partial results concatenated along the batch,
shifts and bit masks on page ids, clamps by a capacity-derived size", and the misses of models2/models3/models4 and
blind4-blind8 (compaction split by graph breaks, live offset buffers, fp32 weight copies, in-order loops in Inductor's
graph, sum-then-scale of bf16/fp32). Two models here touch those: ``vllm_shift_mask_fp32`` computes page and offset
with ``>> 4`` / ``& 15`` on the positions (chosen from the README's note that ``>>`` on lengths fuses, not to
provoke the refusal; I had read the Evidence line before writing it), and ``lmdeploy_fill_kv_2l`` tests ``(s - l) &
(d - 1)``. The compaction (``hf_flat_mask_compaction_bmm``), the window loop (``deepseek_mla_loop_2l``) and the weight
buffer (``deepseek_dense_buffer_weights_2l``) are kept although the README lists them as limits: they are how those
ports are written. (2) The docstrings of models19-models23 were printed past line 60, up to (and a few lines into)
their "Checks before the first try" paragraphs, for the lists of taken idioms and near misses; that showed models19's
first-try table and its first miss reason (``deepseek_kv_concat_4l``: ``roles: the pooled value depends on more than
one float input besides the paged KV``), models21's first check_eager crash, and in models21's / models23's
disclosures the miss reasons they quote from models19 / models22 (``sizes: aten.where.self makes the number of KV
blocks ...``, ``roles: the gather does not read exactly one [B, max_pages] block table``, ``keep: the kept cache rows
are picked using argN``, ``mask: the condition selects windows of l=31``, a torchair ``unfold`` ``ge_converter``
crash). ``lucidrains_unfold_head_major_2l`` uses ``unfold`` (from the brief's list of window reads). (3) Printing the
helper ranges also showed ``models3``'s last docstring lines (60-73: a bf16 ``.float().mean(1)`` refused for a sound
reason, the fp16 one fusing), ``models3._init_params`` and ``_eager_after``, and ``models4``'s last docstring lines
(100-110: ``vllm_v1_flat_slots``' IndexError on slot -1 from the harness's value checks). (4) The validation below
calls ``nsa_fusion.compress_infer`` (the eager op, value checks on) without reading its source. Nothing of the
recogniser, no test and no other corpus's model class was read.

Every model is one decode step of a 1-4 layer decoder: RMSNorm, projections, rotary, the new token's K/V (or an MLA
latent) appended to the layer's cache, K and V (or the latent) compressed into compressed caches exactly as the
contract says (fp32 products and sum, one rounding to the cache dtype, non-completing rows keep their row or, in the
compaction, are not written), then compressed, selected and sliding-window attention and a SwiGLU MLP
(``models4.Layer.finish``). Sizes unless noted: l = 32, d = 16, P = 16, MP = 4 (capacity 64), N = 2, D = 32, B = 8
(``gen_state``: completing and non-completing rows, poisoned unread positions and kept rows).

Positives (16; 12 with 2-4 layers; fp16 x 8, bf16 x 6, fp32 x 2; 62 compressions per run; (dtype, layers,
compressions)):

* ``lmdeploy_fill_kv_2l`` (fp16, 2, 4): LMDeploy PyTorch-engine style split caches ``[NB, P, N, D]``, int32
  ``kv_seqlens`` / ``block_offsets``; a Python ``fill_kv_cache`` (``k_cache[blk, off] = k``, ``blk =
  block_offsets.gather(1, hist // P)``); the window's pages from a PER-TOKEN page table
  ``block_offsets.repeat_interleave(P, dim=1).gather(1, pos)``; weights stored broadcast-ready ``[1, l, N, 1]``,
  ``(win.float() * w.float()).sum(1)``; condition ``(s >= l) & (((s - l) & (d - 1)) == 0)``; ``index_put_`` of
  ``where(...)`` at an int64 ``cmp_slot_mapping`` (-1 padding);
* ``vllm_kernel_block_split_2l`` (bf16, 2, 4): vLLM v1 hybrid-allocator block splitting: an int32 table of LOGICAL
  32-token blocks mapped in the step to kernel pages of 16 (``(block_table[:, :, None] * 2 + arange(2)).flatten(1)``,
  as ``BlockTable._map_to_kernel_blocks``); ``[2, NB, P, N, D]`` per layer ``unbind(0)``; int64 positions (lengths
  ``positions + 1``), append ``key_cache.view(-1, N, D)[slot_mapping] = k``; ``einsum('bjnd,jn->bnd')``;
  ``dst[cmp_slot_mapping] = where(...)`` into the ``unbind(0)`` halves of ``[2, S, N, D]`` (-1 padding);
* ``sglang_token_pool_residue_2l`` (fp16, 2, 4; P = 1, MP = 64): SGLang ``MHATokenToKVPool`` per layer, int64
  ``seq_lens`` / ``req_pool_indices``, int32 ``req_to_token`` / ``cmp_req_to_token``; window ids
  ``torch.gather(req_to_token[rpi], 1, start + arange(l))``; condition ``(s >= l) & (s % d == l % d)``;
  ``torch.sum(win.to(float32) * w.to(float32)[..., None], dim=1)``; ``index_put_`` at ``cmp_req_to_token[rpi,
  clamp(floor_div(s - l, d), 0)]`` (own rows);
* ``flashinfer_layers_take_3l`` (bf16, 3, 6): FlashInfer NHD caches of ALL layers in one tensor ``[L, NP, 2, P, N, D]``
  (``paged_kv_cache[li]``); int32 ``kv_indptr`` as the first B + 1 entries of a static buffer (stale tail), int32
  ``kv_indices`` (tail of -1), ``kv_last_page_len``; lengths as ``get_seq_lens``; append at the last page
  ``kv_indices[indptr[1:] - 1]``, ``last_page_len - 1``; window pages by ``torch.take(kv_indices, indptr[:-1, None] +
  p // P)``; ``einsum``; compressed ``[L, S, 2, N, D]`` written ``dst = cmp_cache[li, :, c]; dst[slots] = where(...)``
  (int32 -1 padding);
* ``hf_head_major_transposed_fp32_2l`` (fp32, 2, 4): HF port, head-major dense ``[B, N, T, D]``, int64
  ``cache_position``; append by a 3-index setitem ``kc[rows[:, None], heads[None, :], cache_position[:, None]] = k``;
  window through the transposed view ``kc.transpose(1, 2)[rows[:, None], pos]``; fp32 ``(win * w[None, :, :,
  None]).sum(1)`` without casts; compressed ``[B, N, C, D]`` written through its TRANSPOSED view ``ct =
  comp.transpose(1, 2); ct[rows, blk] = where(...)``;
* ``deepseek_mla_loop_2l`` (bf16, 2, 2; N = 1, C = 64): MLA headless latent ``[NB, P, C]`` per layer, int32
  ``seq_lens`` / block table, int64 slot mappings; append ``kv_c.view(-1, C).index_put_((slot_mapping,), latent)``;
  a Python loop over the window in order from an fp32 zero, one ``block_table.gather`` per position; headless ``[S,
  C]`` ``cmp[slots] = where(done[:, None], ...)`` (-1 padding);
* ``ascend_dataclass_matmul_2l`` (fp16, 2, 4): vllm-ascend style: an ``AscendNSAMetadata`` dataclass built in the
  forward and passed to a torch fallback of ``npu_nsa_compress_infer``; int32 seq_lens / block tables / slot mapping /
  ``cmp_slot_mapping`` (-1); ``_npu_reshape_and_cache`` fallback ``view(-1, N, D).index_copy_``; flat token ids read
  ``flatten(0, 1).index_select(0, ids.view(-1)).unflatten(0, (B, l))``; tokens-on-the-left ``torch.matmul(win.float()
  .permute(0, 2, 3, 1), w.float().t().unsqueeze(-1))``; ``index_put_`` of ``where(...)``;
* ``lucidrains_unfold_head_major_2l`` (fp16, 2, 4; l = d = 16): lucidrains-style head-major dense memories ``[B, H,
  T, D]`` updated OUT OF PLACE (``transpose(1, 2).index_put(...)``) and returned; windows ``mem.unfold(2, l, d)``
  (``[B, H, n_blk, D, l]``) picked ``[rows, :, blk]``; ``[N, l]`` weights ``einsum('bhdj,hj->bhd')``; the compressed
  ``[B, H, C, D]`` updated out of place through its transposed view ``cm.index_put((rows, blk), where(...))``;
* ``sglang_paged_pool_index_copy_2l`` (bf16, 2, 4): SGLang page size 16: a flat pool ``[NB * P, N, D]`` per layer,
  int32 ``req_to_token`` holding TOKEN LOCATIONS, int64 ``cmp_req_to_token`` / rpi; window offsets ``arange(-l, 0)``;
  ``req_to_token[rpi[:, None], win_pos]``; ``einsum('bjhd,jh->bhd')``; ``index_copy_`` of ``where(full, pooled,
  cbuf.index_select(0, c_idx))``;
* ``vllm_cudagraph_paged_cmp_3l`` (fp16, 3, 6; Pc = 2): vLLM CUDA-graph padded batch (last 2 rows: position -1,
  zero hidden, block-table rows and append slots in an unused NULL page, compressed page table rows a RESERVED page),
  FlashInfer-layout ``[NB, 2, P, N, D]`` per layer appended ``kv[blk, 0, off] = k``; int64 positions, int32 block table
  and ``cmp_page_table``; mul+sum; PAGED compressed ``[NBc, Pc, N, D]`` written through ``view(-1, N,
  D).index_put_`` at ``cmp_page_table[b, i // Pc] * Pc + i % Pc``;
* ``fla_dense_sum_scale_l16`` (fp16, 1, 2; l = d = 16): fla-style dense ``[B, T, N, D]``, int32 ``cache_seqlens``
  (lengths ``cache_seqlens + 1``), append ``k_state[rows, t] = k``, window ``state[rows[:, None], idx]``, MEAN spelled
  ``win.float().sum(dim=1).mul(1.0 / l)`` (weight 1/16), dense compressed ``cmp[rows, blk] = where(...)``;
* ``hf_flat_mask_compaction_bmm`` (bf16, 1, 2): HF continuous-batching style flat caches ``[NB * P, N, D]``,
  ``write_index`` ``index_copy_`` appends, int32 block table, int64 ``cache_position``; per-head ``torch.bmm`` (``[B * N,
  1, l] @ [B * N, l, D]``); COMPACTION ``cmp[cmp_slot_mapping[complete]] = pooled[complete]``. Predicted (backend
  "eager"): 2 graphs, 1 break, and n/a under ``batch`` (ConstraintViolationError with the pass off too);
* ``deepseek_dense_buffer_weights_2l`` (fp16, 2, 4): DeepSeek inference style dense ``[max_bsz, T, N, D]`` caches
  used ``[:bsz]`` (max_bsz = B + 2), a per-row ``start_pos`` (int64); the pooling weights in a module BUFFER ``[L, 2,
  l, N]`` (fp16, checkpoint-loaded); window ``torch.gather(cache[:bsz], 1, expanded idx)``; ``einsum``;
  ``cmp[:bsz].scatter_(1, idx, where(emit, out, gather(1, idx)))``;
* ``vllm_shift_mask_fp32`` (fp32, 1, 2): vLLM split caches, int32 positions, int64 block table; append
  ``key_cache[slot >> 4, slot & 15] = k``; window pages / offsets by ``>> 4`` / ``& 15``; fp32 ``torch.sum(win *
  w.unsqueeze(-1), dim=1)`` without casts; ``index_copy_`` of ``where(..., index_select)`` at the own row
  ``cmp_block_table.gather``;
* ``flat_gather_scatter_bf16`` (bf16, 1, 2): int64 metadata, condition ``torch.logical_and(s.ge(l),
  torch.remainder(s - l, d).eq(0))``, flat token ids read by ``view(-1, N, D).gather(0, ids.reshape(B * l, 1,
  1).expand(B * l, N, D))``; ``[N, l]`` weights ``einsum('bjnd,nj->bnd')``; ``scatter_(0, slot.expand(B, N, D),
  where(..., cmp.gather(0, ...)))`` at own rows;
* ``vllm_four_layer_bmm_4l`` (fp16, 4, 8): vLLM v1 ``[2, NB, P, N, D]`` per layer indexed ``kv_cache[0]`` /
  ``kv_cache[1]``, int64 positions / ``seq_lens`` / slots; append ``kv_cache[0][slot // P, slot % P] = k``; pages
  ``block_table[arange(B)[:, None], p // P]``; per-head ``torch.bmm`` with the weight ``w.t().float().unsqueeze(1)
  .repeat(B, 1, 1)``; ``dst[cmp_slot_mapping] = where(should.view(B, 1, 1), ...)`` (-1 padding).

Near misses (8; one layer, vLLM split caches ``[NB, P, N, D]``, int64 metadata, lengths ``positions + 1``, every row
writes or keeps its OWN compressed row ``cmp_block_table[b, clamp((s - l) // d, 0)]``; K and V both deviate; each
``note`` in ``NEAR_MISSES`` argues why no weight / slot / table / d choice makes it the contract):
``fp8_dequant_tokens`` (fp16; tokens through ``float8_e4m3fn`` before the fp32 products), ``bf16_truncate_rounding``
(bf16; the fp32 sum rounded toward zero by masking the low 16 bits), ``l2norm_tokens`` (fp16; ``F.normalize`` of each
window token over D), ``lengths_from_page_count`` (fp16; lengths taken as allocated pages * P),
``block_decay_weights`` (bf16; weight times ``0.5 ** (block index + 1)``), ``window_previous_block`` (fp16, d = 8;
the window of the previous block, s - l - d .. s - d - 1), ``relu_after_pool`` (bf16; relu on the fp32 sum),
``saturate_before_cast`` (fp16; the fp32 sum clamped to the fp16 range before the cast; inputs with 30000.0 keys in
completing windows and weights 0.25, so only the K compression differs).

Checks before the first try (nothing of the pass run; scripts in ``/tmp/m24``; /work/main's tree, 11:53-12:05 UTC):
``check_eager()`` (``python tests/corpora/models24.py``) and ``check_cases`` for seeds 1-3: every positive equals the
golden bit for bit, or within fp tolerance where torch picks the sum order (``sglang_token_pool_residue_2l`` (one
cache of four), ``hf_head_major_transposed_fp32_2l`` and ``vllm_shift_mask_fp32`` (fp32 ``sum(1)``: torch's CPU
reduction is not in window order)); every near miss differs from the golden (in both caches, except
``saturate_before_cast``: K only, by construction). ``validate.py``: for seeds 0-2, every positive's compressions
computed by ``nsa_fusion.compress_infer`` with value checks on (so the inputs are valid input: slots unique on
written rows, padding that aliases no written row, pages in range) equal the golden bit for bit. ``dyncheck.py``
(backend="eager"): 1 graph, 0 breaks and ``mark_dynamic`` / ``dynamic=True`` runs for every case except
``hf_flat_mask_compaction_bmm`` (2 graphs, 1 break at the boolean mask; ConstraintViolationError under
``mark_dynamic``). During these checks: a ``cumsum`` pooling planned for the SGLang model was dropped (eager CPU
cumsum accumulates fp32 in double: not the contract's fp32 sum; it became mul+sum), the fp32 ``einsum`` of
``hf_head_major_transposed_fp32_2l`` became mul+sum, one near-miss input was limited to the K cache (the V overflow
made the output non-finite), and ``window_previous_block`` got d = 8 (with d = P = 16 a table shifted by one page would make it the contract).

First try, 2026-12-06 12:55:05-13:23:23 UTC (28 min), on the frozen base 7f5f012 (``/tmp/base57``, its READY file
present at 12:43; ``PYTHONPATH=/tmp/base57``, ``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, ``OMP_NUM_THREADS=1``, this
file copied unchanged into ``/tmp/base57/tests/corpora/`` (sha1 c11804da10ce..., ``/tmp/m24/sha_at_first_run.txt``, a
copy in ``/tmp/m24/models24_at_first_run.py``); nothing in the models changed after the run started, only this
docstring and the ``_FIRST`` block): ``run_models.py --corpus models24 --json /tmp/m24/first.json`` (both dialects,
static / batch (``mark_dynamic``) / all (``dynamic=True``), B = 8), log ``/tmp/m24/first.log``. Positives with EVERY
compression fused and bit-exact / applicable positive runs; compressions fused in applicable runs; near-miss runs
fused; n/a (the mode fails with the pass off too):

    dialect  mode           positives      compressions fused  near misses fused  n/a
    inductor static         13/16 (81 %)   52/62               0/8                0
    inductor mark_dynamic   13/15 (87 %)   52/60               0/8                1
    inductor dynamic=True   13/16 (81 %)   52/62               0/8                0
    torchair static         11/16 (69 %)   46/62               0/8                0
    torchair mark_dynamic   11/15 (73 %)   46/60               0/8                1
    torchair dynamic=True   11/16 (69 %)   46/62               0/8                0
    TOTAL (runner): positive runs with every compression fused 75/94 (80 %), fused+exact 72/94 (77 %); runs with any
    fusion bit-exact 72/75 (the 3 others: GE conversion errors after fusing, below); near-miss runs fused 0/48; not
    applicable 2 (``hf_flat_mask_compaction_bmm`` under mark_dynamic, as predicted). No partial fusion: every run
    fused all of its case's compressions or none.

Positive misses, with the runner's reason verbatim (one line per compression; node / arg names vary by mode):

* ``vllm_kernel_block_split_2l`` (6/6 runs, 0/4 fused): ``mask: the condition selects windows of l=31 (stride 31) but
  the weight arg10_1 [32, 2] has 32 positions: the condition is not s >= l and (s - l) % d == 0 for the pooled window
  @ unsqueeze_9 (aten.unsqueeze.default)`` (x4). Judgement: a GAP with a wrong diagnosis: the condition in the model
  is literally ``(s >= l) & (remainder(s - l, d) == 0)`` with l = 32, d = 16, and ``compress_infer`` with value
  checks on the kernel-page table equals the golden (seeds 0-2); what is unusual is the block table computed in the
  step from logical blocks (``block_table * 2 + arange(2)``, vLLM's kernel-block split), which the recogniser seems
  to misread as a window of 31.
* ``flashinfer_layers_take_3l`` (torchair, 3/3 runs, 0/6; Inductor fuses 6/6 bit-exact in all three modes):
  ``NotImplementedError: torch.ops.aten.take.default ge_converter is not implemented!`` and ``roles: the gather does
  not read exactly one [B, max_pages] block table: arg1_1, arg3_1 @ _to_copy_14 (aten._to_copy.default)`` (x6).
  Judgement: GE has no converter for ``take`` (the unfused step cannot run in GE either), and in torchair's graph the
  ``torch.take`` on the ragged ``kv_indices`` is not recognised as the block table (in Inductor's it is).
* ``hf_flat_mask_compaction_bmm`` (static and dynamic=True, both dialects, 0/2; n/a under mark_dynamic): no reason
  (2 graphs: dynamo breaks at the boolean-mask index, so no graph holds a step), as predicted and as the README's
  limits say (``capture_dynamic_output_shape_ops``).
* ``deepseek_dense_buffer_weights_2l`` (6/6 runs, 0/4): ``keep: cannot tell the kept cache rows from the new rows in
  the select @ where (aten.where.self)`` (x4). Judgement: a GAP: the kept rows are ``torch.gather(cmp[:bsz], 1, idx)``
  and the write ``cmp[:bsz].scatter_(1, idx, where(emit, out, old))`` (the README lists the ``scatter_(1, ...)`` /
  ``gather(1, ...)`` spelling and the ``[:bsz]`` prefix separately); whether the weight BUFFER would be refused next
  is not visible.
* ``vllm_shift_mask_fp32`` (torchair, 3/3 runs: fused 2/2 but the run fails; Inductor 3/3 fused bit-exact):
  ``RuntimeError: torch.ops.aten.bitwise_and.Scalar ge_converter is not supported!`` Judgement: not the pass: the
  model's own append and attention reads use ``& 15`` on slots / positions, which GE cannot convert; the runner
  counts these runs applicable, though the unfused model would hit the same converter (a harness question).

Near misses: none fused (0/48). Reasons (first per run; several are refusals for another reason than the near miss's
own difference, i.e. right answer, different reason): ``fp8_dequant_tokens``: ``dtype: tokens are cast to
torch.float8_e4m3fn, which does not hold torch.float16 exactly``; ``bf16_truncate_rounding``: ``gather: page ids pass
through aten.bitwise_and.Scalar, which the probes' small ids cannot tell from the identity ...`` (the mask is on the
pooled value's bits, not on page ids), torchair also ``bitwise_and.Scalar ge_converter is not supported``;
``l2norm_tokens``: ``pooling: aten.pow.Tensor_Scalar on the tokens is not part of a weighted sum`` (static / batch),
``sizes: aten.clamp_min.default clamps a length-derived value with a constant beyond the lengths the probes reached
...`` (Inductor dynamic=True), ``gather: the new row b may depend on other rows ... (linalg_vector_norm ...)``
(torchair dynamic=True); ``lengths_from_page_count``: ``roles: the lengths the step compares are computed
(aten.mul.Tensor) ...``; ``block_decay_weights``: ``weight: the weight is computed by aten.mul.Tensor before the
pooling`` (static / batch), ``roles: ... casts torch.int64 values in [1, 576460752303423486] to torch.float32 ...``
(dynamic=True); ``window_previous_block``: ``mask: the condition selects windows of l=31 (stride 8) but the weight
arg17_1 [32, 2] has 32 positions ...``; ``relu_after_pool``: ``pooling: aten.relu.default on the tokens is not part of
a weighted sum``; ``saturate_before_cast``: ``pooling: aten.clamp_min.default on the tokens is not part of a weighted
sum`` (static / batch), ``sizes: aten.clamp_min.default clamps a length-derived value ...`` (dynamic=True).
"""
from __future__ import annotations

import dataclasses
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import Spec, _flat_state, _poison  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


# ----------------------------------------------------------------------------------------------------
# small helpers (inputs only; nothing here runs inside a model's forward)
# ----------------------------------------------------------------------------------------------------

def _remap_pages(st, new_table, NB_new):
    """Move every used page of ``st``'s KV tensors to the page id ``new_table`` gives it; unused pages poisoned."""
    g, old = st["g"], st["table"]
    out = []
    for kv in st["kvs"]:
        new = _poison(g, (NB_new,) + tuple(kv.shape[1:]), kv.dtype)
        m = old >= 0
        new[new_table[m]] = kv[old[m]]
        out.append(new)
    return out


def _ragged(st, P):
    """FlashInfer metadata of ``st``: indptr [B + 1], indices (used pages, concatenated), last_page_len."""
    s, table = st["s"], st["table"]
    B = s.shape[0]
    n = (s + P - 1) // P
    indptr = torch.zeros(B + 1, dtype=torch.int64)
    indptr[1:] = torch.cumsum(n, 0)
    indices = torch.cat([table[b, : int(n[b])] for b in range(B)])
    last = s - (n - 1) * P
    return indptr, indices, last


def _ragged_table(indptr, indices, MP):
    B = indptr.shape[0] - 1
    t = torch.full((B, MP), -1, dtype=torch.int64)
    for b in range(B):
        a, e = int(indptr[b]), int(indptr[b + 1])
        t[b, : e - a] = indices[a:e].long()
    return t


def _own_rows(st):
    """Each row's own compressed row ``cmp_table[b, clamp((s - l) // d, 0)]`` (written or kept)."""
    return st["cmp_table"].gather(1, (st["cnt"] - 1).clamp(min=0)[:, None]).squeeze(1)


def _cmp_rows(cmp, cmp_table):
    return cmp[cmp_table.long()]


# ----------------------------------------------------------------------------------------------------
# P1 LMDeploy: PyTorch engine's fill_kv_cache fallback, per-token page table, [1, l, N, 1] weights
# ----------------------------------------------------------------------------------------------------

class LmdeployFillKv(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "kv_seqlens", "block_offsets", "cmp_slot_mapping", "cmp_block_table",
            "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(1, self.l, self.N, 1))

    @staticmethod
    def fill_kv_cache(k, v, k_cache, v_cache, kv_seqlens, block_offsets, block_size):
        # lmdeploy/pytorch/kernels/default/fill_kv_cache.py style: the new token goes to history length
        hist = (kv_seqlens - 1).long()
        blk = block_offsets.gather(1, (hist // block_size)[:, None]).squeeze(1).long()
        off = hist % block_size
        k_cache[blk, off] = k
        v_cache[blk, off] = v

    def forward(self, hidden, kv_seqlens, block_offsets, cmp_slot_mapping, cmp_block_table,
                k0, v0, k1, v1, ck0, cv0, ck1, cv1):
        l, d, P = self.l, self.d, self.P
        caches = ((k0, v0, ck0, cv0), (k1, v1, ck1, cv1))
        s = kv_seqlens.long()
        h = hidden
        # a per-token page table: entry p is the page of token p
        tok_page = block_offsets.repeat_interleave(P, dim=1)
        ready = (s >= l) & (((s - l) & (d - 1)) == 0)  # d is a power of two
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pages, offs = tok_page.gather(1, pos).long(), pos % P
        for layer, (kc, vc, ckc, cvc) in zip(self.layers, caches):
            x, q, k, v = layer.project(h, s - 1)
            self.fill_kv_cache(k, v, kc, vc, kv_seqlens, block_offsets, P)
            for src, dst, w in ((kc, ckc, layer.cmp_w_k), (vc, cvc, layer.cmp_w_v)):
                pooled = (src[pages, offs].float() * w.float()).sum(1).to(dst.dtype)
                dst.index_put_((cmp_slot_mapping,), torch.where(ready[:, None, None], pooled, dst[cmp_slot_mapping]))

            def read(p, kc=kc, vc=vc):
                pg = tok_page.gather(1, p).long()
                return kc[pg, p % P], vc[pg, p % P]

            h = layer.finish(h, x, q, s, read, _cmp_rows(ckc, cmp_block_table), _cmp_rows(cvc, cmp_block_table), l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kv, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], kv_seqlens=st["s"].int(), block_offsets=st["table"].int(),
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k0=kv[0], v0=kv[1], k1=kv[2], v1=kv[3], ck0=c[0], cv0=c[1], ck1=c[2], cv1=c[3])

    def specs(self):
        out = []
        for li in range(2):
            for kv in "kv":
                out.append(Spec(f"{kv}{li}", lambda a, r, n=f"{kv}{li}": a[n], lambda a, r, n=f"c{kv}{li}": a[n],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}").view(m.l, m.N),
                                lambda a: a["block_offsets"].long(), lambda a: a["kv_seqlens"].long(),
                                lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# P2 vLLM v1 hybrid allocator: logical blocks of 32 tokens split into kernel pages of 16
# ----------------------------------------------------------------------------------------------------

class VllmKernelBlockSplit(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_cache_0", "cmp_cache_1")
    BATCH = ARGS[:6]
    SPLIT = 2  # kernel pages per logical block

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_cache_0, cmp_cache_1):
        l, d, P = self.l, self.d, self.P
        seq_lens = positions + 1
        # BlockTable._map_to_kernel_blocks: logical block b -> kernel blocks b * k + [0, k)
        kernel_bt = (block_table[:, :, None] * self.SPLIT
                     + torch.arange(self.SPLIT, device=block_table.device, dtype=block_table.dtype)).flatten(1)
        done = (seq_lens >= l) & (torch.remainder(seq_lens - l, d) == 0)
        tok = seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)
        tok = tok.clamp(min=0)
        blocks = kernel_bt.gather(1, tok // P).long()
        h = hidden
        for layer, kv_cache, cmp_cache in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_cache_0, cmp_cache_1)):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache.unbind(0)
            key_cache.view(-1, self.N, self.D)[slot_mapping] = k
            value_cache.view(-1, self.N, self.D)[slot_mapping] = v
            k_cmp, v_cmp = cmp_cache.unbind(0)
            for src, dst, w in ((key_cache, k_cmp, layer.cmp_w_k), (value_cache, v_cmp, layer.cmp_w_v)):
                window = src[blocks, tok % P]
                new = torch.einsum("bjnd,jn->bnd", window.float(), w.float()).to(dst.dtype)
                dst[cmp_slot_mapping] = torch.where(done[:, None, None], new, dst[cmp_slot_mapping])

            def read(p, kc=key_cache, vc=value_cache):
                pg = kernel_bt.gather(1, p // P).long()
                return kc[pg, p % P], vc[pg, p % P]

            h = layer.finish(h, x, q, seq_lens, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P, k = self.P, self.SPLIT
        NLB = B * self.MP // k + 2
        logical = torch.randperm(NLB, generator=st["g"])[: B * self.MP // k].view(B, self.MP // k)
        kernel = (logical[:, :, None] * k + torch.arange(k)).flatten(1)
        used = (st["s"] + P - 1) // P
        new_table = torch.where(torch.arange(self.MP)[None, :] < used[:, None], kernel, torch.full_like(kernel, -1))
        kvs = _remap_pages(st, new_table, NLB * k)
        s = st["s"]
        pos = (s - 1).clamp(min=0)
        slot = kernel.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        c = st["cmps"]
        return self.pack(hidden=st["hidden"], positions=s - 1, slot_mapping=slot, block_table=logical.int(),
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache_0=torch.stack((kvs[0], kvs[1])), kv_cache_1=torch.stack((kvs[2], kvs[3])),
                         cmp_cache_0=torch.stack((c[0], c[1])), cmp_cache_1=torch.stack((c[2], c[3])))

    def specs(self):
        def table(a, k=self.SPLIT):
            bt = a["block_table"].long()
            return (bt[:, :, None] * k + torch.arange(k)).flatten(1)

        out = []
        for li in range(2):
            for c, kv in enumerate("kv"):
                out.append(Spec(f"{kv}{li}", lambda a, r, li=li, c=c: a[f"kv_cache_{li}"][c],
                                lambda a, r, li=li, c=c: a[f"cmp_cache_{li}"][c],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"), table,
                                lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# P3 SGLang token pools, condition on the residue s % d == l % d
# ----------------------------------------------------------------------------------------------------

class SglangTokenPoolResidue(DecodeModel):
    SIZES = dict(l=32, d=16, P=1, MP=64, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer_0", "v_buffer_0", "k_buffer_1", "v_buffer_1", "ck_buffer_0", "cv_buffer_0", "ck_buffer_1",
            "cv_buffer_1")
    BATCH = ARGS[:4]

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer_0, v_buffer_0, k_buffer_1, v_buffer_1, ck_buffer_0, cv_buffer_0, ck_buffer_1, cv_buffer_1):
        l, d = self.l, self.d
        kbufs = ((k_buffer_0, v_buffer_0, ck_buffer_0, cv_buffer_0), (k_buffer_1, v_buffer_1, ck_buffer_1, cv_buffer_1))
        rows = req_to_token[req_pool_indices]
        start = (seq_lens - l).clamp(min=0)
        token_ids = torch.gather(rows, 1, start[:, None] + torch.arange(l, device=seq_lens.device)).long()
        should = (seq_lens >= l) & (seq_lens % d == l % d)
        loc = cmp_req_to_token[req_pool_indices, torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)].long()
        cmp_rows = cmp_req_to_token[req_pool_indices].long()
        h = hidden
        for layer, (kb, vb, ckb, cvb) in zip(self.layers, kbufs):
            x, q, k, v = layer.project(h, seq_lens - 1)
            kb[out_cache_loc] = k  # set_kv_buffer
            vb[out_cache_loc] = v
            for buf, cbuf, w in ((kb, ckb, layer.cmp_w_k), (vb, cvb, layer.cmp_w_v)):
                pooled = torch.sum(buf[token_ids].to(torch.float32) * w.to(torch.float32)[..., None], dim=1)
                pooled = pooled.to(cbuf.dtype)
                cbuf.index_put_((loc,), torch.where(should[:, None, None], pooled, cbuf[loc]))

            def read(p, kb=kb, vb=vb):
                ids = torch.gather(rows, 1, p).long()
                return kb[ids], vb[ids]

            h = layer.finish(h, x, q, seq_lens, read, ckb[cmp_rows], cvb[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kv = [t.squeeze(1) for t in st["kvs"]]
        c = st["cmps"]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], req_pool_indices=rpi, out_cache_loc=loc,
                         req_to_token=r2t.int(), cmp_req_to_token=cr2t.int(), k_buffer_0=kv[0], v_buffer_0=kv[1],
                         k_buffer_1=kv[2], v_buffer_1=kv[3], ck_buffer_0=c[0], cv_buffer_0=c[1], ck_buffer_1=c[2],
                         cv_buffer_1=c[3])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["seq_lens"]
            return a["cmp_req_to_token"][a["req_pool_indices"], ((s - l) // d).clamp(min=0)].long()

        out = []
        for li in range(2):
            for kv in "kv":
                out.append(Spec(f"{kv}{li}", lambda a, r, n=f"{kv}_buffer_{li}": a[n],
                                lambda a, r, n=f"c{kv}_buffer_{li}": a[n],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"),
                                lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"],
                                slots))
        return out


# ----------------------------------------------------------------------------------------------------
# P4 FlashInfer NHD caches of all layers in one tensor, ragged metadata, torch.take on the page list
# ----------------------------------------------------------------------------------------------------

class FlashinferLayersTake(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "kv_last_page_len", "cmp_slot_mapping", "cmp_block_table", "kv_indptr_buf", "kv_indices",
            "paged_kv_cache", "cmp_cache")
    BATCH = ARGS[:4]
    L = 3

    def forward(self, hidden, kv_last_page_len, cmp_slot_mapping, cmp_block_table, kv_indptr_buf, kv_indices,
                paged_kv_cache, cmp_cache):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        kv_indptr = kv_indptr_buf[: B + 1]
        seq_lens = (kv_indptr[1:] - kv_indptr[:-1] - 1) * P + kv_last_page_len  # get_seq_lens
        last_page = kv_indices[kv_indptr[1:] - 1].long()
        last_off = (kv_last_page_len - 1).long()
        is_cmp = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        p = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        page_ids = torch.take(kv_indices, kv_indptr[:-1, None] + torch.div(p, P, rounding_mode="floor")).long()
        offs = p % P
        h = hidden
        for li, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, seq_lens - 1)
            layer_kv = paged_kv_cache[li]
            layer_kv[last_page, 0, last_off] = k
            layer_kv[last_page, 1, last_off] = v
            for c, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                win = layer_kv[page_ids, c, offs]
                out = torch.einsum("bjnd,jn->bnd", win.to(torch.float32), w.to(torch.float32)).to(cmp_cache.dtype)
                dst = cmp_cache[li, :, c]
                dst[cmp_slot_mapping] = torch.where(is_cmp[:, None, None], out, dst[cmp_slot_mapping])

            def read(pp, layer_kv=layer_kv):
                pg = torch.take(kv_indices, kv_indptr[:-1, None] + pp // P).long()
                return layer_kv[pg, 0, pp % P], layer_kv[pg, 1, pp % P]

            rows = cmp_cache[li][cmp_block_table]
            h = layer.finish(h, x, q, seq_lens, read, rows[:, :, 0], rows[:, :, 1], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.L)
        indptr, indices, last = _ragged(st, self.P)
        buf = torch.cat((indptr, torch.full((3,), 7, dtype=torch.int64))).int()  # CUDA-graph static buffer
        indices = torch.cat((indices, torch.full((5,), -1, dtype=torch.int64))).int()
        kv = torch.stack([torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1]), 1) for i in range(self.L)])
        cmp = torch.stack([torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1]), 1) for i in range(self.L)])
        return self.pack(hidden=st["hidden"], kv_last_page_len=last.int(), cmp_slot_mapping=st["cmp_slot"].int(),
                         cmp_block_table=st["cmp_table"], kv_indptr_buf=buf, kv_indices=indices, paged_kv_cache=kv,
                         cmp_cache=cmp)

    def specs(self):
        def table(a, MP=self.MP):
            B = a["hidden"].shape[0]
            return _ragged_table(a["kv_indptr_buf"][: B + 1], a["kv_indices"], MP)

        def lens(a, P=self.P):
            B = a["hidden"].shape[0]
            ip = a["kv_indptr_buf"][: B + 1].long()
            return (ip[1:] - ip[:-1] - 1) * P + a["kv_last_page_len"].long()

        out = []
        for li in range(self.L):
            for c, kv in enumerate("kv"):
                out.append(Spec(f"{kv}{li}", lambda a, r, li=li, c=c: a["paged_kv_cache"][li, :, c],
                                lambda a, r, li=li, c=c: a["cmp_cache"][li, :, c],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"), table, lens,
                                lambda a: a["cmp_slot_mapping"].long()))
        return out


# ----------------------------------------------------------------------------------------------------
# P5 HF port, head-major dense caches [B, N, T, D], writes through transposed views, fp32
# ----------------------------------------------------------------------------------------------------

class HfHeadMajorTransposed(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "key_cache_0", "value_cache_0", "key_cache_1", "value_cache_1",
            "ckey_0", "cvalue_0", "ckey_1", "cvalue_1")
    BATCH = ARGS

    def forward(self, hidden, cache_position, key_cache_0, value_cache_0, key_cache_1, value_cache_1,
                ckey_0, cvalue_0, ckey_1, cvalue_1):
        l, d, N = self.l, self.d, self.N
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        heads = torch.arange(N, device=hidden.device)
        seq_len = cache_position + 1
        fire = (seq_len >= l) & (torch.remainder(seq_len - l, d) == 0)
        blk = torch.div(seq_len - l, d, rounding_mode="floor").clamp(min=0)
        pos = (seq_len[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (key_cache_0, key_cache_1), (value_cache_0, value_cache_1),
                                         (ckey_0, ckey_1), (cvalue_0, cvalue_1)):
            x, q, k, v = layer.project(h, cache_position)
            kc[rows[:, None], heads[None, :], cache_position[:, None]] = k
            vc[rows[:, None], heads[None, :], cache_position[:, None]] = v
            for cache, comp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                win = cache.transpose(1, 2)[rows[:, None], pos]  # [B, l, N, D]
                new = (win * w[None, :, :, None]).sum(dim=1)  # fp32 model: no casts
                comp_t = comp.transpose(1, 2)  # [B, C, N, D] view
                comp_t[rows, blk] = torch.where(fire[:, None, None], new, comp_t[rows, blk])

            def read(p, kc=kc, vc=vc):
                return kc.transpose(1, 2)[rows[:, None], p], vc.transpose(1, 2)[rows[:, None], p]

            h = layer.finish(h, x, q, seq_len, read, ck.transpose(1, 2), cv.transpose(1, 2), l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        T = self.MP * self.P
        dense, cmps = _dense_state(st, B, T)
        hm = [t.transpose(1, 2).contiguous() for t in dense]
        cm = [t.transpose(1, 2).contiguous() for t in cmps]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, key_cache_0=hm[0], value_cache_0=hm[1],
                         key_cache_1=hm[2], value_cache_1=hm[3], ckey_0=cm[0], cvalue_0=cm[1], ckey_1=cm[2],
                         cvalue_1=cm[3])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["cache_position"] + 1
            C = a["ckey_0"].shape[2]
            return torch.arange(s.shape[0]) * C + ((s - l) // d).clamp(min=0)

        out = []
        for li in range(2):
            for kv, kn, cn in (("k", "key_cache", "ckey"), ("v", "value_cache", "cvalue")):
                out.append(Spec(f"{kv}{li}", lambda a, r, n=f"{kn}_{li}": a[n].transpose(1, 2),
                                lambda a, r, n=f"{cn}_{li}": a[n].transpose(1, 2).flatten(0, 1),
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"),
                                lambda a: torch.arange(a["hidden"].shape[0])[:, None],
                                lambda a: a["cache_position"] + 1, slots))
        return out



# ----------------------------------------------------------------------------------------------------
# P6 DeepSeek MLA: headless latent [NB, P, C], Python loop over the window in order
# ----------------------------------------------------------------------------------------------------

class DeepseekMlaLoop(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=64)
    ARGS = ("hidden", "seq_lens", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "kv_c_0", "kv_c_1", "cmp_c_0", "cmp_c_1")
    BATCH = ARGS[:6]

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2)

    def forward(self, hidden, seq_lens, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                kv_c_0, kv_c_1, cmp_c_0, cmp_c_1):
        l, d, P, C = self.l, self.d, self.P, self.D
        s = seq_lens.long()
        compress = (s >= l) & ((s - l) % d == 0)
        start = s - l
        h = hidden
        for layer, kv_c, cmp_c in zip(self.layers, (kv_c_0, kv_c_1), (cmp_c_0, cmp_c_1)):
            x, q, k, _ = layer.project(h, s - 1)
            latent = k[:, 0]
            kv_c.view(-1, C).index_put_((slot_mapping,), latent)
            acc = torch.zeros(latent.shape, dtype=torch.float32, device=latent.device)
            w = layer.cmp_w_k
            for j in range(l):
                p = (start + j).clamp(min=0)
                page = block_table.gather(1, (p // P)[:, None]).squeeze(1).long()
                acc = acc + w[j].float() * kv_c[page, p % P].float()
            cmp_c[cmp_slot_mapping] = torch.where(compress[:, None], acc.to(cmp_c.dtype), cmp_c[cmp_slot_mapping])

            def read(pp, kv_c=kv_c):
                lat = kv_c[block_table.gather(1, pp // P).long(), pp % P][:, :, None]
                return lat, lat

            rows = cmp_c[cmp_block_table][:, :, None]
            h = layer.finish(h, x, q, s, read, rows, rows, l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv = [t.squeeze(2) for t in st["kvs"]]
        c = [t.squeeze(1) for t in st["cmps"]]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), block_table=st["table"].int(),
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv_c_0=kv[0], kv_c_1=kv[1], cmp_c_0=c[0], cmp_c_1=c[1])

    def specs(self):
        return [Spec(f"latent{li}", lambda a, r, li=li: a[f"kv_c_{li}"].unsqueeze(2),
                     lambda a, r, li=li: a[f"cmp_c_{li}"].unsqueeze(1), lambda m, li=li: m.layers[li].cmp_w_k,
                     lambda a: a["block_table"].long(), lambda a: a["seq_lens"].long(),
                     lambda a: a["cmp_slot_mapping"]) for li in range(2)]


# ----------------------------------------------------------------------------------------------------
# P7 vllm-ascend: metadata dataclass, _npu_reshape_and_cache fallback, flat token ids, tokens-left matmul
# ----------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class AscendNSAMetadata:
    seq_lens: torch.Tensor
    block_tables: torch.Tensor
    slot_mapping: torch.Tensor
    cmp_slot_mapping: torch.Tensor
    cmp_block_tables: torch.Tensor
    block_size: int
    compress_block_size: int
    compress_stride: int


class AscendDataclassMatmul(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_slot_mapping", "cmp_block_tables",
            "k_cache_0", "v_cache_0", "k_cache_1", "v_cache_1", "k_cmp_0", "v_cmp_0", "k_cmp_1", "v_cmp_1")
    BATCH = ARGS[:6]

    @staticmethod
    def reshape_and_cache(key, value, key_cache, value_cache, slot_indices):
        n, dd = key_cache.shape[-2:]
        key_cache.view(-1, n, dd).index_copy_(0, slot_indices, key)
        value_cache.view(-1, n, dd).index_copy_(0, slot_indices, value)

    @staticmethod
    def nsa_compress(kv_cache, weight, meta, cmp_cache):
        l, d, P = meta.compress_block_size, meta.compress_stride, meta.block_size
        B = meta.seq_lens.shape[0]
        n, dd = kv_cache.shape[-2:]
        lens = meta.seq_lens
        tok = (lens[:, None] - l + torch.arange(l, dtype=lens.dtype, device=lens.device)).clamp(min=0)
        ids = meta.block_tables.gather(1, tok // P).long() * P + (tok % P).long()
        win = kv_cache.flatten(0, 1).index_select(0, ids.view(-1)).unflatten(0, (B, l))  # [B, l, N, D]
        # [B, N, D, l] @ [N, l, 1]
        out = torch.matmul(win.float().permute(0, 2, 3, 1), weight.float().t().unsqueeze(-1)).squeeze(-1)
        is_cmp = (lens >= l) & ((lens - l) % d == 0)
        idx = meta.cmp_slot_mapping.long()
        cmp_cache.index_put_((idx,), torch.where(is_cmp[:, None, None], out.to(cmp_cache.dtype), cmp_cache[idx]))

    def forward(self, hidden, seq_lens, block_tables, slot_mapping, cmp_slot_mapping, cmp_block_tables,
                k_cache_0, v_cache_0, k_cache_1, v_cache_1, k_cmp_0, v_cmp_0, k_cmp_1, v_cmp_1):
        meta = AscendNSAMetadata(seq_lens, block_tables, slot_mapping, cmp_slot_mapping, cmp_block_tables,
                                 self.P, self.l, self.d)
        caches = ((k_cache_0, v_cache_0, k_cmp_0, v_cmp_0), (k_cache_1, v_cache_1, k_cmp_1, v_cmp_1))
        h = hidden
        P = self.P
        for layer, (kc, vc, kcmp, vcmp) in zip(self.layers, caches):
            x, q, k, v = layer.project(h, meta.seq_lens - 1)
            self.reshape_and_cache(k, v, kc, vc, meta.slot_mapping.long())
            self.nsa_compress(kc, layer.cmp_w_k, meta, kcmp)
            self.nsa_compress(vc, layer.cmp_w_v, meta, vcmp)

            def read(p, kc=kc, vc=vc):
                pg = meta.block_tables.gather(1, p // P).long()
                return kc[pg, p % P], vc[pg, p % P]

            rows = meta.cmp_block_tables.long()
            h = layer.finish(h, x, q, meta.seq_lens.long(), read, kcmp[rows], vcmp[rows], self.l, self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kv, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), block_tables=st["table"].int(),
                         slot_mapping=_append_slots(st, self.P).int(), cmp_slot_mapping=st["cmp_slot"].int(),
                         cmp_block_tables=st["cmp_table"].int(), k_cache_0=kv[0], v_cache_0=kv[1], k_cache_1=kv[2],
                         v_cache_1=kv[3], k_cmp_0=c[0], v_cmp_0=c[1], k_cmp_1=c[2], v_cmp_1=c[3])

    def specs(self):
        out = []
        for li in range(2):
            for kv in "kv":
                out.append(Spec(f"{kv}{li}", lambda a, r, n=f"{kv}_cache_{li}": a[n], lambda a, r, n=f"{kv}_cmp_{li}": a[n],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"),
                                lambda a: a["block_tables"].long(), lambda a: a["seq_lens"].long(),
                                lambda a: a["cmp_slot_mapping"].long()))
        return out


# ----------------------------------------------------------------------------------------------------
# P8 lucidrains: head-major dense memories [B, H, T, D], l = d = 16, unfold windows, functional updates
# ----------------------------------------------------------------------------------------------------

class LucidrainsUnfoldHeadMajor(DecodeModel):
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "k_mem_0", "v_mem_0", "k_mem_1", "v_mem_1", "ck_mem_0", "cv_mem_0", "ck_mem_1",
            "cv_mem_1")
    BATCH = ARGS

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))  # heads first

    def forward(self, hidden, seq_lens, k_mem_0, v_mem_0, k_mem_1, v_mem_1, ck_mem_0, cv_mem_0, ck_mem_1, cv_mem_1):
        l, d = self.l, self.d
        B = hidden.shape[0]
        batch = torch.arange(B, device=hidden.device)
        t = seq_lens - 1
        divisible = (seq_lens >= l) & (seq_lens % d == 0)  # l == d: windows are whole blocks
        blk = (seq_lens // l - 1).clamp(min=0)
        mems = [(k_mem_0, v_mem_0, ck_mem_0, cv_mem_0), (k_mem_1, v_mem_1, ck_mem_1, cv_mem_1)]
        new_mems = []
        h = hidden
        for layer, (km, vm, ckm, cvm) in zip(self.layers, mems):
            x, q, k, v = layer.project(h, t)
            km = km.transpose(1, 2).index_put((batch, t), k).transpose(1, 2)  # functional append
            vm = vm.transpose(1, 2).index_put((batch, t), v).transpose(1, 2)
            outs = []
            for mem, cmem, w in ((km, ckm, layer.cmp_w_k), (vm, cvm, layer.cmp_w_v)):
                blocks = mem.unfold(2, l, d)  # [B, H, n_blocks, D, l]
                win = blocks[batch, :, blk]  # [B, H, D, l]
                pooled = torch.einsum("bhdj,hj->bhd", win.float(), w.float())
                cm = cmem.transpose(1, 2)  # [B, C, H, D]
                upd = torch.where(divisible[:, None, None], pooled.to(cmem.dtype), cm[batch, blk])
                outs.append(cm.index_put((batch, blk), upd).transpose(1, 2))
            ckm, cvm = outs
            new_mems.append((km, vm, ckm, cvm))

            def read(p, km=km, vm=vm):
                return km.transpose(1, 2)[batch[:, None], p], vm.transpose(1, 2)[batch[:, None], p]

            h = layer.finish(h, x, q, seq_lens, read, ckm.transpose(1, 2), cvm.transpose(1, 2), l, d)
        return (h,) + tuple(m for layer_mems in new_mems for m in layer_mems)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        T = self.MP * self.P
        dense, cmps = _dense_state(st, B, T)
        hm = [t.transpose(1, 2).contiguous() for t in dense]
        cm = [t.transpose(1, 2).contiguous() for t in cmps]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], k_mem_0=hm[0], v_mem_0=hm[1], k_mem_1=hm[2],
                         v_mem_1=hm[3], ck_mem_0=cm[0], cv_mem_0=cm[1], ck_mem_1=cm[2], cv_mem_1=cm[3])

    def specs(self):
        def slots(a, l=self.l):
            s = a["seq_lens"]
            C = a["ck_mem_0"].shape[2]
            return torch.arange(s.shape[0]) * C + (s // l - 1).clamp(min=0)

        out = []
        for li in range(2):
            for c, kv in enumerate("kv"):
                out.append(Spec(f"{kv}{li}", lambda a, r, li=li, c=c: r[1 + 4 * li + c].transpose(1, 2),
                                lambda a, r, li=li, c=c, kv=kv: (a[f"c{kv}_mem_{li}"] if r is None
                                                                 else r[3 + 4 * li + c]).transpose(1, 2).flatten(0, 1),
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}").t(),
                                lambda a: torch.arange(a["hidden"].shape[0])[:, None], lambda a: a["seq_lens"],
                                slots))
        return out



# ----------------------------------------------------------------------------------------------------
# P9 SGLang paged token pool (page size 16): req_to_token holds token locations, index_copy_ write
# ----------------------------------------------------------------------------------------------------

class SglangPagedPoolIndexCopy(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer_0", "v_buffer_0", "k_buffer_1", "v_buffer_1", "ck_buffer_0", "cv_buffer_0", "ck_buffer_1",
            "cv_buffer_1")
    BATCH = ARGS[:4]

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer_0, v_buffer_0, k_buffer_1, v_buffer_1, ck_buffer_0, cv_buffer_0, ck_buffer_1, cv_buffer_1):
        l, d = self.l, self.d
        pools = ((k_buffer_0, v_buffer_0, ck_buffer_0, cv_buffer_0), (k_buffer_1, v_buffer_1, ck_buffer_1, cv_buffer_1))
        win_pos = (seq_lens[:, None] + torch.arange(-l, 0, device=seq_lens.device)).clamp(min=0)
        locs = req_to_token[req_pool_indices[:, None], win_pos].long()  # token locations of the window
        full = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        c_idx = cmp_req_to_token[req_pool_indices, ((seq_lens - l) // d).clamp(min=0)].long()
        h = hidden
        for layer, (kb, vb, ckb, cvb) in zip(self.layers, pools):
            x, q, k, v = layer.project(h, seq_lens - 1)
            kb.index_put_((out_cache_loc,), k)
            vb.index_put_((out_cache_loc,), v)
            for buf, cbuf, w in ((kb, ckb, layer.cmp_w_k), (vb, cvb, layer.cmp_w_v)):
                pooled = torch.einsum("bjhd,jh->bhd", buf[locs].float(), w.float()).to(cbuf.dtype)
                cbuf.index_copy_(0, c_idx, torch.where(full[:, None, None], pooled, cbuf.index_select(0, c_idx)))

            def read(p, kb=kb, vb=vb):
                ids = req_to_token[req_pool_indices[:, None], p].long()
                return kb[ids], vb[ids]

            rows = cmp_req_to_token[req_pool_indices].long()
            h = layer.finish(h, x, q, seq_lens, read, ckb[rows], cvb[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P = self.P
        g = st["g"]
        R = B + 4
        rpi = torch.randperm(R, generator=g)[:B]
        cr2t = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
        cr2t[rpi] = st["cmp_table"]
        cap = self.MP * P
        p = torch.arange(cap)
        tok = st["table"][:, p // P] * P + p % P  # [B, cap] token locations (negative past the used pages)
        NBP = st["NB"] * P
        r2t_tok = torch.randint(0, NBP, (R, cap), generator=g)
        r2t_tok[rpi] = torch.where(st["table"][:, p // P] >= 0, tok, torch.zeros_like(tok))
        loc = _append_slots(st, P)
        kv = [t.flatten(0, 1) for t in st["kvs"]]
        c = st["cmps"]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], req_pool_indices=rpi, out_cache_loc=loc,
                         req_to_token=r2t_tok.int(), cmp_req_to_token=cr2t, k_buffer_0=kv[0], v_buffer_0=kv[1],
                         k_buffer_1=kv[2], v_buffer_1=kv[3], ck_buffer_0=c[0], cv_buffer_0=c[1], ck_buffer_1=c[2],
                         cv_buffer_1=c[3])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["seq_lens"]
            return a["cmp_req_to_token"][a["req_pool_indices"], ((s - l) // d).clamp(min=0)].long()

        out = []
        for li in range(2):
            for kv in "kv":
                out.append(Spec(f"{kv}{li}", lambda a, r, n=f"{kv}_buffer_{li}": a[n],
                                lambda a, r, n=f"c{kv}_buffer_{li}": a[n],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"),
                                lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"],
                                slots))
        return out


# ----------------------------------------------------------------------------------------------------
# P10 vLLM CUDA-graph padded batch, FlashInfer-layout [NB, 2, P, N, D] per layer, paged compressed caches
# ----------------------------------------------------------------------------------------------------

class VllmCudagraphPagedCmp(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    Pc = 2
    PAD = 2
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_page_table",
            "kv_0", "kv_1", "kv_2", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1", "cmp_k_2", "cmp_v_2")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_page_table, kv_0, kv_1, kv_2,
                cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1, cmp_k_2, cmp_v_2):
        l, d, P, Pc, N, D = self.l, self.d, self.P, self.Pc, self.N, self.D
        seq_lens = positions + 1
        cmp_idx = ((seq_lens - l) // d).clamp(min=0)
        cmp_slot = cmp_page_table.gather(1, (cmp_idx // Pc)[:, None]).squeeze(1).long() * Pc + cmp_idx % Pc
        ok = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        tp = (seq_lens[:, None] - l + torch.arange(l, device=positions.device)).clamp(min=0)
        tpages = block_table.gather(1, tp // P).long()
        toffs = tp % P
        blk, boff = slot_mapping // P, slot_mapping % P
        h = hidden
        cmps = ((cmp_k_0, cmp_v_0), (cmp_k_1, cmp_v_1), (cmp_k_2, cmp_v_2))
        for layer, kv, (ck, cv) in zip(self.layers, (kv_0, kv_1, kv_2), cmps):
            x, q, k, v = layer.project(h, positions.clamp(min=0))
            kv[blk, 0, boff] = k
            kv[blk, 1, boff] = v
            for c, dst, w in ((0, ck, layer.cmp_w_k), (1, cv, layer.cmp_w_v)):
                win = kv[tpages, c, toffs]  # [B, l, N, D]
                pooled = (win.float() * w.float()[None, :, :, None]).sum(dim=1)
                flat = dst.view(-1, N, D)
                flat.index_put_((cmp_slot,), torch.where(ok[:, None, None], pooled.to(dst.dtype), flat[cmp_slot]))

            def read(p, kv=kv):
                pg = block_table.gather(1, p // P).long()
                return kv[pg, 0, p % P], kv[pg, 1, p % P]

            j = torch.arange(cmp_page_table.shape[1] * Pc, device=positions.device)
            rows = cmp_page_table.long()[:, j // Pc] * Pc + j % Pc
            h = layer.finish(h, x, q, seq_lens, read, ck.view(-1, N, D)[rows], cv.view(-1, N, D)[rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 6)
        P, Pc, pad = self.P, self.Pc, self.PAD
        s = st["s"].clone()
        real = B - pad
        s[real:] = 0
        table = st["table"].clone()
        used_pages = set(table[table >= 0].tolist())
        null_page = [i for i in range(st["NB"]) if i not in used_pages][0]
        table[real:] = null_page
        pos = (s - 1).clamp(min=0)
        slot = table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        slot[real:] = null_page * P
        # paged compressed caches: request b owns compressed pages; a reserved page for the padding rows
        max_cmp = st["max_cmp"]
        n_cp = (max_cmp + Pc - 1) // Pc
        NBc = B * n_cp + 2
        perm = torch.randperm(NBc - 1, generator=st["g"])
        cpt = perm[: B * n_cp].view(B, n_cp)
        reserved = NBc - 1
        cpt[real:] = reserved
        cmps = []
        old_rows = st["cmp_table"]
        for c in st["cmps"][:6]:
            new = _poison(st["g"], (NBc * Pc, self.N, self.D), c.dtype)
            for b in range(real):
                for i in range(max_cmp):
                    new[int(cpt[b, i // Pc]) * Pc + i % Pc] = c[int(old_rows[b, i])]
            cmps.append(new.view(NBc, Pc, self.N, self.D))
        hidden = st["hidden"].clone()
        hidden[real:] = 0
        kv = [torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1]), 1) for i in range(3)]
        return self.pack(hidden=hidden, positions=s - 1, slot_mapping=slot, block_table=table.int(),
                         cmp_page_table=cpt.int(), kv_0=kv[0], kv_1=kv[1], kv_2=kv[2], cmp_k_0=cmps[0],
                         cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3], cmp_k_2=cmps[4], cmp_v_2=cmps[5])

    def specs(self):
        def slots(a, l=self.l, d=self.d, Pc=self.Pc):
            s = a["positions"] + 1
            i = ((s - l) // d).clamp(min=0)
            return a["cmp_page_table"].long().gather(1, (i // Pc)[:, None]).squeeze(1) * Pc + i % Pc

        out = []
        for li in range(3):
            for c, kv in enumerate("kv"):
                out.append(Spec(f"{kv}{li}", lambda a, r, li=li, c=c: a[f"kv_{li}"][:, c],
                                lambda a, r, li=li, kv=kv: a[f"cmp_{kv}_{li}"].flatten(0, 1),
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"),
                                lambda a: a["block_table"].long(), lambda a: a["positions"] + 1, slots))
        return out



# ----------------------------------------------------------------------------------------------------
# P11 fla: dense [B, T, N, D] state, l = d = 16, mean spelled as sum times 1/l
# ----------------------------------------------------------------------------------------------------

class FlaDenseSumScale(DecodeModel):
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_seqlens", "k_state", "v_state", "k_cmp", "v_cmp")
    BATCH = ARGS

    def forward(self, hidden, cache_seqlens, k_state, v_state, k_cmp, v_cmp):
        l, d = self.l, self.d
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        t = cache_seqlens.long()  # tokens before this step
        lens = cache_seqlens + 1
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, t)
        k_state[rows, t] = k
        v_state[rows, t] = v
        boundary = (lens >= l) & ((lens - l) % d == 0)
        blk = torch.where(lens >= l, (lens - l) // d, torch.zeros_like(lens)).long()
        idx = (lens.long()[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        for state, cmp in ((k_state, k_cmp), (v_state, v_cmp)):
            win = state[rows[:, None], idx]  # [B, l, N, D]
            mean = win.float().sum(dim=1).mul(1.0 / l)
            cmp[rows, blk] = torch.where(boundary[:, None, None], mean.to(cmp.dtype), cmp[rows, blk])

        def read(p):
            return k_state[rows[:, None], p], v_state[rows[:, None], p]

        return layer.finish(hidden, x, q, lens.long(), read, k_cmp, v_cmp, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, cmps = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], cache_seqlens=(st["s"] - 1).int(), k_state=dense[0],
                         v_state=dense[1], k_cmp=cmps[0], v_cmp=cmps[1])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["cache_seqlens"].long() + 1
            C = a["k_cmp"].shape[1]
            return torch.arange(s.shape[0]) * C + ((s - l) // d).clamp(min=0)

        return [Spec(n, lambda a, r, n=n: a[f"{n}_state"], lambda a, r, n=n: a[f"{n}_cmp"].flatten(0, 1),
                     lambda m: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype),
                     lambda a: torch.arange(a["hidden"].shape[0])[:, None],
                     lambda a: a["cache_seqlens"].long() + 1, slots) for n in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# P12 HF-style paged flat cache, compaction by a boolean mask, per-head bmm
# ----------------------------------------------------------------------------------------------------

class HfFlatMaskCompaction(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "write_index", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k_flat", "v_flat", "k_cmp", "v_cmp")
    BATCH = ARGS[:6]

    def forward(self, hidden, cache_position, write_index, block_table, cmp_slot_mapping, cmp_block_table,
                k_flat, v_flat, k_cmp, v_cmp):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, cache_position)
        k_flat.index_copy_(0, write_index, k)
        v_flat.index_copy_(0, write_index, v)
        lens = cache_position + 1
        complete = (lens >= l) & ((lens - l) % d == 0)
        p = (lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        read_index = block_table.gather(1, p // P).long() * P + p % P
        for flat, cmp, w in ((k_flat, k_cmp, layer.cmp_w_k), (v_flat, v_cmp, layer.cmp_w_v)):
            win = flat[read_index]  # [B, l, N, D]
            a = w.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, 1, l)
            bvals = win.float().transpose(1, 2).reshape(B * N, l, D)
            pooled = torch.bmm(a, bvals).view(B, N, D).to(cmp.dtype)
            cmp[cmp_slot_mapping[complete]] = pooled[complete]

        def read(pp):
            ix = block_table.gather(1, pp // P).long() * P + pp % P
            return k_flat[ix], v_flat[ix]

        return layer.finish(hidden, x, q, lens, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, write_index=_append_slots(st, self.P),
                         block_table=st["table"].int(), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], k_flat=kv[0].flatten(0, 1), v_flat=kv[1].flatten(0, 1),
                         k_cmp=c[0], v_cmp=c[1])

    def specs(self):
        return [Spec(n, lambda a, r, n=n, P=self.P: a[f"{n}_flat"].unflatten(0, (-1, P)), lambda a, r, n=n: a[f"{n}_cmp"],
                     lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["block_table"].long(),
                     lambda a: a["cache_position"] + 1, lambda a: a["cmp_slot_mapping"]) for n in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# P13 DeepSeek inference style: dense [max_bsz, T, N, D] buffers used [:bsz], weights in a module buffer
# ----------------------------------------------------------------------------------------------------

class DeepseekDenseBufferWeights(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "start_pos", "k_cache_0", "v_cache_0", "k_cache_1", "v_cache_1", "k_cmp_0", "v_cmp_0",
            "k_cmp_1", "v_cmp_1")
    BATCH = ARGS[:2]
    EXTRA = 2  # max_batch_size - bsz

    def __init__(self, dtype, layers=1, seed=0, **kw):
        super().__init__(dtype, layers=layers, seed=seed, **kw)
        g = torch.Generator().manual_seed(77 + seed)
        w = (0.5 + torch.rand(layers, 2, self.l, self.N, generator=g)) / self.l
        self.register_buffer("compress_weights", w.to(dtype))  # [L, (k, v), l, N], loaded from the checkpoint

    def forward(self, hidden, start_pos, k_cache_0, v_cache_0, k_cache_1, v_cache_1, k_cmp_0, v_cmp_0, k_cmp_1,
                v_cmp_1):
        l, d, N, D = self.l, self.d, self.N, self.D
        bsz = hidden.shape[0]
        end_pos = start_pos + 1
        rows = torch.arange(bsz, device=hidden.device)
        emit = (end_pos >= l) & ((end_pos - l) % d == 0)
        blk = ((end_pos - l) // d).clamp(min=0)
        t = (end_pos[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        gidx = t[:, :, None, None].expand(bsz, l, N, D)
        cidx = blk[:, None, None, None].expand(bsz, 1, N, D)
        caches = ((k_cache_0, v_cache_0, k_cmp_0, v_cmp_0), (k_cache_1, v_cache_1, k_cmp_1, v_cmp_1))
        h = hidden
        for li, (layer, (kc, vc, kcmp, vcmp)) in enumerate(zip(self.layers, caches)):
            x, q, k, v = layer.project(h, start_pos)
            kc[:bsz][rows, start_pos] = k
            vc[:bsz][rows, start_pos] = v
            for c, (cache, cmp) in enumerate(((kc, kcmp), (vc, vcmp))):
                w = self.compress_weights[li, c]
                win = torch.gather(cache[:bsz], 1, gidx)
                out = torch.einsum("bjnd,jn->bnd", win.float(), w.float()).to(cmp.dtype)
                old = torch.gather(cmp[:bsz], 1, cidx)
                cmp[:bsz].scatter_(1, cidx, torch.where(emit[:, None, None, None], out[:, None], old))

            def read(p, kc=kc, vc=vc):
                return kc[:bsz][rows[:, None], p], vc[:bsz][rows[:, None], p]

            h = layer.finish(h, x, q, end_pos, read, kcmp[:bsz], vcmp[:bsz], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        T = self.MP * self.P
        dense, cmps = _dense_state(st, B, T)
        g, E = st["g"], self.EXTRA
        big = [torch.cat((t, _poison(g, (E,) + tuple(t.shape[1:]), t.dtype))) for t in dense]
        bigc = [torch.cat((t, _poison(g, (E,) + tuple(t.shape[1:]), t.dtype))) for t in cmps]
        return self.pack(hidden=st["hidden"], start_pos=st["s"] - 1, k_cache_0=big[0], v_cache_0=big[1],
                         k_cache_1=big[2], v_cache_1=big[3], k_cmp_0=bigc[0], v_cmp_0=bigc[1], k_cmp_1=bigc[2],
                         v_cmp_1=bigc[3])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["start_pos"] + 1
            C = a["k_cmp_0"].shape[1]
            return torch.arange(s.shape[0]) * C + ((s - l) // d).clamp(min=0)

        out = []
        for li in range(2):
            for c, kv in enumerate("kv"):
                out.append(Spec(f"{kv}{li}", lambda a, r, n=f"{kv}_cache_{li}": a[n],
                                lambda a, r, n=f"{kv}_cmp_{li}": a[n].flatten(0, 1),
                                lambda m, li=li, c=c: m.compress_weights[li, c],
                                lambda a: torch.arange(a["hidden"].shape[0])[:, None], lambda a: a["start_pos"] + 1,
                                slots))
        return out


# ----------------------------------------------------------------------------------------------------
# P14 vLLM split caches, int32 positions, page / offset by shift and mask, fp32 without casts
# ----------------------------------------------------------------------------------------------------

class VllmShiftMaskFp32(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "key_cmp", "value_cmp")
    BATCH = ARGS[:5]
    SHIFT = 4  # log2(P)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, key_cache, value_cache,
                key_cmp, value_cmp):
        l, d, P, sh = self.l, self.d, self.P, self.SHIFT
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        key_cache[slot_mapping >> sh, slot_mapping & (P - 1)] = k
        value_cache[slot_mapping >> sh, slot_mapping & (P - 1)] = v
        seq_lens = positions + 1
        hit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        i = torch.clamp((seq_lens - l) // d, min=0)
        own = cmp_block_table.gather(1, i.long()[:, None]).squeeze(1)
        tpos = torch.clamp(seq_lens[:, None] - l + torch.arange(l, dtype=seq_lens.dtype, device=hidden.device), min=0)
        pages = block_table.gather(1, (tpos >> sh).long()).long()
        offs = (tpos & (P - 1)).long()
        for cache, cmp, w in ((key_cache, key_cmp, layer.cmp_w_k), (value_cache, value_cmp, layer.cmp_w_v)):
            pooled = torch.sum(cache[pages, offs] * w.unsqueeze(-1), dim=1)  # fp32 model, no casts
            cmp.index_copy_(0, own, torch.where(hit[:, None, None], pooled, cmp.index_select(0, own)))

        def read(p):
            pg = block_table.gather(1, (p >> sh).long()).long()
            return key_cache[pg, p & (P - 1)], value_cache[pg, p & (P - 1)]

        return layer.finish(hidden, x, q, seq_lens.long(), read, key_cmp[cmp_block_table], value_cmp[cmp_block_table],
                            l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=(st["s"] - 1).int(), slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], key_cmp=st["cmps"][0], value_cmp=st["cmps"][1])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["positions"].long() + 1
            return a["cmp_block_table"].gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)

        return [Spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"{n}_cmp"],
                     lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n[0]}"), lambda a: a["block_table"],
                     lambda a: a["positions"].long() + 1, slots) for n in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# P15 flat token ids read with gather(0, ...) from the flat view, [N, l] weights, scatter_ write
# ----------------------------------------------------------------------------------------------------

class FlatGatherScatter(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "k_cmp",
            "v_cmp")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, k_cmp, v_cmp):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        qualifies = torch.logical_and(seq_lens.ge(l), torch.remainder(seq_lens - l, d).eq(0))
        j = torch.arange(l, device=hidden.device, dtype=seq_lens.dtype)
        pos = torch.clamp_min(seq_lens.unsqueeze(1) - l + j, 0)
        flat_ids = torch.gather(block_table, 1, pos // P) * P + pos % P  # [B, l]
        gidx = flat_ids.long().reshape(B * l, 1, 1).expand(B * l, N, D)
        slot = cmp_block_table.gather(1, torch.clamp_min((seq_lens - l) // d, 0).unsqueeze(1)).long()  # [B, 1]
        sidx = slot[:, :, None].expand(B, N, D)
        for cache, cmp, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            win = cache.view(-1, N, D).gather(0, gidx).view(B, l, N, D)
            pooled = torch.einsum("bjnd,nj->bnd", win.to(torch.float32), w.to(torch.float32)).to(cmp.dtype)
            cmp.scatter_(0, sidx, torch.where(qualifies[:, None, None], pooled, cmp.gather(0, sidx)))

        def read(p):
            ids = (torch.gather(block_table, 1, p // P) * P + p % P).long()
            return k_cache.view(-1, N, D)[ids], v_cache.view(-1, N, D)[ids]

        return layer.finish(hidden, x, q, seq_lens, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["seq_lens"]
            return a["cmp_block_table"].gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)

        return [Spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"{n}_cmp"],
                     lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}").t(), lambda a: a["block_table"],
                     lambda a: a["seq_lens"], slots) for n in ("k", "v")]


# ----------------------------------------------------------------------------------------------------
# P16 vLLM v1, 4 layers, [2, NB, P, N, D] per layer indexed kv_cache[0] / kv_cache[1], per-head bmm
# ----------------------------------------------------------------------------------------------------

class VllmFourLayerBmm(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "kv_cache_2", "kv_cache_3", "cmp_0", "cmp_1", "cmp_2", "cmp_3")
    BATCH = ARGS[:7]

    def forward(self, hidden, positions, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, kv_cache_2, kv_cache_3, cmp_0, cmp_1, cmp_2, cmp_3):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        should_compress = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        p = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages = block_table[torch.arange(B, device=hidden.device)[:, None], p // P].long()
        offs = p % P
        h = hidden
        for layer, kv_cache, cmp in zip(self.layers, (kv_cache_0, kv_cache_1, kv_cache_2, kv_cache_3),
                                        (cmp_0, cmp_1, cmp_2, cmp_3)):
            x, q, k, v = layer.project(h, positions)
            kv_cache[0][slot_mapping // P, slot_mapping % P] = k
            kv_cache[1][slot_mapping // P, slot_mapping % P] = v
            for c, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                win = kv_cache[c][pages, offs]  # [B, l, N, D]
                lhs = w.t().float().unsqueeze(1).repeat(B, 1, 1)  # [B * N, 1, l]
                rhs = win.permute(0, 2, 1, 3).reshape(B * N, l, D).float()
                out = torch.bmm(lhs, rhs).reshape(B, N, D)
                dst = cmp[c]
                dst[cmp_slot_mapping] = torch.where(should_compress.view(B, 1, 1), out.to(dst.dtype),
                                                    dst[cmp_slot_mapping])

            def read(pp, kv_cache=kv_cache):
                pg = block_table.gather(1, pp // P).long()
                return kv_cache[0][pg, pp % P], kv_cache[1][pg, pp % P]

            h = layer.finish(h, x, q, seq_lens, read, cmp[0][cmp_block_table], cmp[1][cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 8)
        kv = [torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1])) for i in range(4)]
        c = [torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1])) for i in range(4)]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, seq_lens=st["s"],
                         slot_mapping=_append_slots(st, self.P), block_table=st["table"],
                         cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"], kv_cache_0=kv[0],
                         kv_cache_1=kv[1], kv_cache_2=kv[2], kv_cache_3=kv[3], cmp_0=c[0], cmp_1=c[1], cmp_2=c[2],
                         cmp_3=c[3])

    def specs(self):
        out = []
        for li in range(4):
            for c, kv in enumerate("kv"):
                out.append(Spec(f"{kv}{li}", lambda a, r, li=li, c=c: a[f"kv_cache_{li}"][c],
                                lambda a, r, li=li, c=c: a[f"cmp_{li}"][c],
                                lambda m, li=li, kv=kv: getattr(m.layers[li], f"cmp_w_{kv}"),
                                lambda a: a["block_table"], lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"]))
        return out



# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM split caches [NB, P, N, D], int64 metadata, lengths positions + 1, every row
# writes or keeps its OWN compressed row cmp_block_table[b, clamp((s - l) // d, 0)]
# ----------------------------------------------------------------------------------------------------

class NearMiss24(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "k_cmp",
            "v_cmp")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, sizes=None, **kw):
        self.SIZES = dict(self.SIZES, **(sizes or {}))
        super().__init__(dtype, **kw)
        self.bug = bug
        if bug == "saturate_before_cast":  # plain sum pooling with a constant weight 1/4
            with torch.no_grad():
                for w in (self.layers[0].cmp_w_k, self.layers[0].cmp_w_v):
                    w.fill_(0.25)

    def _pool(self, win, w, s):
        bug = self.bug
        if bug == "fp8_dequant_tokens":  # fp8 KV emulation: tokens through float8_e4m3fn, scale 1
            win = win.to(torch.float8_e4m3fn)
        x = win.float()
        if bug == "l2norm_tokens":
            x = F.normalize(x, dim=-1)
        wf = w.float()[None, :, :, None]
        if bug == "block_decay_weights":  # older blocks decay: weight * 0.5 ** (block index + 1)
            blk = ((s - self.l) // self.d).clamp(min=0)
            wf = wf * torch.pow(0.5, (blk + 1).float())[:, None, None, None]
        out = (x * wf).sum(dim=1)
        if bug == "relu_after_pool":
            out = torch.relu(out)
        return out

    def _round(self, out, dtype):
        if self.bug == "bf16_truncate_rounding":  # fast fp32 -> bf16 by dropping the low 16 bits
            return (out.view(torch.int32) & -65536).view(torch.float32).to(dtype)
        if self.bug == "saturate_before_cast":
            fi = torch.finfo(dtype)
            return out.clamp(min=fi.min, max=fi.max).to(dtype)
        return out.to(dtype)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, k_cmp, v_cmp):
        l, d, P, N, D, bug = self.l, self.d, self.P, self.N, self.D, self.bug
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        s = positions + 1
        if bug == "lengths_from_page_count":  # assumes every allocated page is full
            s_used = (block_table >= 0).sum(dim=1) * P
        else:
            s_used = s
        done = (s_used >= l) & ((s_used - l) % d == 0)
        start = s_used - l - d if bug == "window_previous_block" else s_used - l
        pos = (start[:, None] + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = block_table.gather(1, pos // P), pos % P
        own = cmp_block_table.gather(1, ((s_used - l) // d).clamp(min=0)[:, None]).squeeze(1)
        for cache, cmp, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            pooled = self._round(self._pool(cache[pages, offs], w, s_used), cmp.dtype)
            cmp[own] = torch.where(done[:, None, None], pooled, cmp[own])

        def read(p):
            pg = block_table.gather(1, p // P)
            return k_cache[pg, p % P], v_cache[pg, p % P]

        return layer.finish(hidden, x, q, s, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs = st["kvs"]
        if self.bug == "saturate_before_cast":
            # completing rows hold large (finite) keys: their K window sum overflows the cache dtype
            s, table, P, l = st["s"], st["table"], self.P, self.l
            for b in range(B):
                if bool(st["valid"][b]):
                    for p in range(int(s[b]) - l, int(s[b]) - 1):
                        kvs[0][int(table[b, p // P]), p % P] = 30000.0  # the K cache only
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=kvs[0], v_cache=kvs[1],
                         k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        def slots(a, l=self.l, d=self.d):
            s = a["positions"] + 1
            return a["cmp_block_table"].gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)

        return [Spec(n, lambda a, r, n=n: a[f"{n}_cache"], lambda a, r, n=n: a[f"{n}_cmp"],
                     lambda m, n=n: getattr(m.layers[0], f"cmp_w_{n}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, slots) for n in ("k", "v")]


NEAR_MISSES = {  # bug: (dtype, sizes, note naming the valid input where it differs and why no choice fixes it)
    "fp8_dequant_tokens": (f16, None, "tokens rounded to float8_e4m3fn (fp8 KV emulation, scale 1) before the fp32 products: a random fp16 token is not an e4m3 value, so every completing row differs; the rounding is not linear in the token, so no weight, slot, table or d choice reproduces it"),
    "bf16_truncate_rounding": (bf16, None, "the fp32 sum rounded to bf16 toward zero (low 16 bits masked off) where the contract rounds to nearest even: differs on about half the elements of any completing row; the rounding comes after the sum, which no weight, slot, table or d changes"),
    "l2norm_tokens": (f16, None, "each window token L2-normalised over D before pooling: a per-token, value-dependent scale that mixes along D; no fixed [l, N] weight gives it for all tokens; differs on random tokens of any completing row"),
    "lengths_from_page_count": (f16, None, "lengths taken as (allocated pages) * P: a row with s = 31 (two pages) is taken as s = 32 and writes a window holding the not-yet-written position 31 into its own row, which the contract keeps (s = 31 < l writes nothing for any d); a row with s = 33 is taken as s = 48"),
    "block_decay_weights": (bf16, None, "weight times 0.5 ** (block index + 1), block index (s - l) // d: the effective weight depends on the length (w / 2 at s = l, w / 4 at s = l + d), so no one [l, N] weight matches all lengths; every completing row differs (a factor 1/2 at least)"),
    "window_previous_block": (f16, dict(d=8), "pools positions s - l - d .. s - d - 1 (the previous block, clamped at 0) with d = 8 = P / 2: every token is read at offset (p - 8) % P where the contract reads p % P, which no block table can map (lengths s - d would give this window but not the write at s = l, which the model makes from clamped positions 0, 0, ..., 0, 1, .. and the contract with s - d < l does not); differs on random tokens of any completing row"),
    "relu_after_pool": (bf16, None, "relu on the fp32 sum before the rounding: negative elements become 0; max(0, .) is not linear in the tokens, so no weight, slot, table or d gives it; differs on about half the elements of any completing row"),
    "saturate_before_cast": (f16, None, "the fp32 sum clamped to +-65504 before the fp16 cast (a saturating cast): where the sum passes 65520 the contract rounds to inf and the model writes 65504; inputs: completing rows whose K window holds 30000.0 (finite, valid) with weights 0.25; a clamp after the sum is no weight, slot, table or d"),
}


POSITIVES = [
    _case("lmdeploy_fill_kv_2l", LmdeployFillKv, "fuse", 4, f16, "LMDeploy fill_kv_cache fallback, int32 kv_seqlens / block_offsets, per-token page table from repeat_interleave, [1, l, N, 1] weight, condition with & (d - 1), index_put_ with -1 padding", layers=2),
    _case("vllm_kernel_block_split_2l", VllmKernelBlockSplit, "fuse", 4, bf16, "vLLM v1 hybrid allocator: logical 32-token blocks mapped to kernel pages (b * 2 + [0, 1]) in the step, unbind(0), lengths positions + 1, einsum, setitem where (-1 padding)", layers=2),
    _case("sglang_token_pool_residue_2l", SglangTokenPoolResidue, "fuse", 4, f16, "SGLang token pools (P = 1), req_to_token[rpi] + torch.gather, condition s % d == l % d, mul+sum(dtype casts via .to), index_put_ at cmp_req_to_token rows", layers=2),
    _case("flashinfer_layers_take_3l", FlashinferLayersTake, "fuse", 6, bf16, "FlashInfer NHD [L, NP, 2, P, N, D] one tensor for all layers, int32 ragged metadata in a static indptr buffer, get_seq_lens, torch.take on kv_indices, einsum, [L, S, 2, N, D] written through cmp[li, :, c]", layers=3),
    _case("hf_head_major_transposed_fp32_2l", HfHeadMajorTransposed, "fuse", 4, f32, "HF head-major dense [B, N, T, D], 3-index append, window through transpose(1, 2) view, fp32 mul+sum without casts, [B, N, C, D] written through its transpose(1, 2) view", layers=2),
    _case("deepseek_mla_loop_2l", DeepseekMlaLoop, "fuse", 2, bf16, "MLA headless latent [NB, P, C], int32 seq_lens / block_table, Python loop over the window in order from an fp32 zero, headless [S, C] setitem where (-1 padding)", layers=2),
    _case("ascend_dataclass_matmul_2l", AscendDataclassMatmul, "fuse", 4, f16, "vllm-ascend metadata dataclass, _npu_reshape_and_cache fallback (index_copy_), flat token ids + index_select + unflatten, tokens-left matmul [B, N, D, l] @ [N, l, 1], index_put_ (int32 -1 padding)", layers=2),
    _case("lucidrains_unfold_head_major_2l", LucidrainsUnfoldHeadMajor, "fuse", 4, f16, "lucidrains head-major dense memories [B, H, T, D], l = d = 16, functional index_put appends, unfold(2, l, d) windows, einsum('bhdj,hj->bhd') with [N, l] weights, functional index_put write, caches returned", layers=2),
    _case("sglang_paged_pool_index_copy_2l", SglangPagedPoolIndexCopy, "fuse", 4, bf16, "SGLang page size 16: req_to_token holds token locations of a flat [NB * P, N, D] pool, arange(-l, 0) offsets, einsum, index_copy_ of where(..., index_select) at cmp_req_to_token rows", layers=2),
    _case("vllm_cudagraph_paged_cmp_3l", VllmCudagraphPagedCmp, "fuse", 6, f16, "vLLM CUDA-graph padded batch (2 pad rows: position -1, null page, reserved compressed page), [NB, 2, P, N, D] per layer, paged compressed [NBc, Pc, N, D] through the flat view", layers=3),
    _case("fla_dense_sum_scale_l16", FlaDenseSumScale, "fuse", 2, f16, "fla dense [B, T, N, D], int32 cache_seqlens, l = d = 16, mean as sum(1).mul(1 / l) (fp16 data), dense compressed cmp[rows, blk] = where(...)"),
    _case("hf_flat_mask_compaction_bmm", HfFlatMaskCompaction, "fuse", 2, bf16, "HF flat [NB * P, N, D] caches, write_index index_copy_ appends, per-head bmm, compaction cmp[slots[complete]] = pooled[complete] (graph break expected)"),
    _case("deepseek_dense_buffer_weights_2l", DeepseekDenseBufferWeights, "fuse", 4, f16, "DeepSeek inference dense [max_bsz, T, N, D] used [:bsz], start_pos per row, weights in a module buffer [L, 2, l, N], torch.gather window, einsum, scatter_(1, ...) of where(..., gather(1, ...))", layers=2),
    _case("vllm_shift_mask_fp32", VllmShiftMaskFp32, "fuse", 2, f32, "vLLM split caches, int32 positions, page / offset by >> 4 and & 15, fp32 mul+sum without casts, index_copy_ at the own row cmp_block_table.gather"),
    _case("flat_gather_scatter_bf16", FlatGatherScatter, "fuse", 2, bf16, "flat token ids read by gather(0, expanded index) from view(-1, N, D), logical_and / ge / remainder / eq condition, [N, l] weights einsum('bjnd,nj->bnd'), scatter_(0, ...) at own rows"),
    _case("vllm_four_layer_bmm_4l", VllmFourLayerBmm, "fuse", 8, f16, "vLLM v1 [2, NB, P, N, D] per layer indexed kv_cache[0] / [1], 4 layers, per-head bmm with repeat(B, 1, 1), setitem where (-1 padding)", layers=4),
]

NEAR_MISS_CASES = [_case(f"nm_{bug}", NearMiss24, "no_fuse", 2, dt, note, bug=bug, sizes=sz)
                   for bug, (dt, sz, note) in NEAR_MISSES.items()]

# _FIRST: first try, 2026-12-06 12:55-13:23 UTC, /tmp/base57 (READY 7f5f012), run_models.py --corpus models24,
# both dialects, three shape modes, B = 8 (log /tmp/m24/first.log, results /tmp/m24/first.json).
#   positives with every compression fused and bit-exact / applicable runs (compressions fused; near misses fused):
#   inductor static        13/16  81 %  (52/62; 0/8)
#   inductor mark_dynamic  13/15  87 %  (52/60; 0/8)   1 n/a: hf_flat_mask_compaction_bmm
#   inductor dynamic=True  13/16  81 %  (52/62; 0/8)
#   torchair static        11/16  69 %  (46/62; 0/8)
#   torchair mark_dynamic  11/15  73 %  (46/60; 0/8)   1 n/a: hf_flat_mask_compaction_bmm
#   torchair dynamic=True  11/16  69 %  (46/62; 0/8)
#   total 72/94 fused+exact (77 %), 75/94 every compression fused (80 %); near-miss runs fused 0/48.
#   misses: vllm_kernel_block_split_2l (mask: ... windows of l=31 (stride 31) ..., all runs),
#   deepseek_dense_buffer_weights_2l (keep: cannot tell the kept cache rows from the new rows ..., all runs),
#   hf_flat_mask_compaction_bmm (graph break at the mask, static / dynamic=True),
#   flashinfer_layers_take_3l (torchair: aten.take ge_converter not implemented + roles: the gather does not read
#   exactly one [B, max_pages] block table), vllm_shift_mask_fp32 (torchair: fused 2/2, then bitwise_and.Scalar
#   ge_converter is not supported).

MODEL_CASES = POSITIVES + NEAR_MISS_CASES


def check_eager(B=8, seed=0, log=print):
    """Positives equal the golden (bit for bit, or within fp tolerance where torch picks the sum order); near
    misses differ from it. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
