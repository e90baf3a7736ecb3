"""A seventeenth blind corpus of whole NSA decode models (``models17``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / "How to write model code that fuses" / Troubleshooting sections and public serving code (vLLM, vLLM
v0, vllm-ascend, SGLang, FlashInfer, HF transformers, DeepSeek, lucidrains, fla), without reading the recogniser, its
tests or the other corpora's models (only the file format: ``models8``'s and ``models16``'s module docstrings,
``run_models``' docstring and flags, and the shared building blocks of ``models3``/``models4`` that this file
imports: ``Spec``, ``gen_state``, ``_flat_state``, ``_poison``, ``DecodeModel``, ``Layer`` (``finish``, and
``rotary``), ``_append_slots``, ``_dense_state``, ``_case``, ``check_cases``). Every model is one decode step of a 1-3
layer decoder: RMSNorm, projections, rotary, the new token's K/V (or an MLA latent) appended to the layer's cache, K and
V (or the latent) compressed into compressed caches (the contract, in the idiom of that stack), then compressed,
selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``). Sizes: l = 32, d = 16, P = 16, MP
= 4, N = 2, D = 32 (SGLang: P = 1, 64 tokens; MLA: N = 1, C = 64), B = 8.

Positives (15; 8 multi-layer: 2, 2, 2, 2, 2, 3, 2, 2 layers; fp16 x 8, bf16 x 5, fp32 x 2; 46 compressions per run):

* ``vllm_split_bmm_2l`` (fp16, 2 layers): split ``[NB, P, N, D]`` caches, int64 ``positions`` (lengths ``positions +
  1``), int32 ``block_table``, appends ``view(-1, N, D).index_copy_``; pooled by ``torch.bmm`` of the window reshaped
  ``[B * N, D, l]`` with the weight column expanded to ``[B * N, l, 1]``; ``index_put_`` at ``cmp_slot_mapping`` (-1
  padding);
* ``vllm_stacked_unbind_loop_2l`` (bf16, 2 layers): ``[2, NB, P, N, D]`` per layer, ``unbind(0)``, int32 ``seq_lens``
  / tables, a Python ``reshape_and_cache`` (``slot // P``, ``slot % P``); window-order Python loop from an fp32 zero
  accumulator; compressed caches stacked ``[2, S, N, D]`` written through the ``cmp_kv[0]`` / ``[1]`` views at
  ``cmp_block_table.gather(1, i)``;
* ``flashinfer_hnd_padded_indptr_2l`` (fp16, 2 layers): FlashInfer HND ``[NP, 2, N, P, D]``, CUDA-graph static int32
  ``kv_indptr_buf`` ``[MAX_BATCH + 1 = 17]`` / ``kv_indices_buf`` ``[64]`` sliced ``[:B]`` (so the batch is not tied
  to a B + 1 input), lengths ``positions + 1``, append ``paged_kv[page, 0, :, off] = k``, window ``paged_kv[pages, c,
  :, offs]``, ``einsum('nj,bjnd->bnd')`` with ``[N, l]`` weights, ``cmp[slot] = where(...)`` (int32 slots, -1);
* ``sglang_token_pool_sumprod_2l`` (bf16, 2 layers): SGLang page-size-1 ``[T, N, D]`` pools, int32 ``req_to_token``
  read as ``index_select(0, req_pool_indices).gather(1, pos)``, ``k_buffer[out_cache_loc] = k``, pooled ``(tok.float()
  * w.float().unsqueeze(-1)).sum(dim=1)``, ``index_put_`` at ``cmp_req_to_token[req_pool_indices, i]``;
* ``hf_dense_head_major_matmul`` (fp16): HF-style dense ``[B, N, T, D]`` caches, ``cache_position`` per row, append
  ``key_cache[rows, :, cache_position] = k``, window ``key_cache[rows[:, None], :, pos]``, ``torch.matmul(w.t()[:,
  None, :], window.permute(0, 2, 1, 3))``, dense ``[B, max_cmp, N, D]`` compressed caches ``cmp[rows, i] = where``;
* ``deepseek_latent_matmul_right_2l`` (bf16, 2 layers, 1 compression per layer): MLA latent ``[NB, P, C]``, append
  ``view(-1, C).index_put_``, window as flat token ids, ``torch.matmul(window.transpose(1, 2), w)`` with the ``[l, 1]``
  weight on the right, ``[S, 1, C]`` compressed caches, ``index_copy_`` at ``cmp_block_table[rows, i]``;
* ``ascend_vendor_einsum_3l`` (fp16, 3 layers, 6 compressions): vllm-ascend split caches, int32 ``seq_lens`` /
  ``block_tables`` / ``slot_mapping`` / ``cmp_slot_mapping`` (-1), appends by a ``_npu_reshape_and_cache`` fallback
  (``view(-1, N, D).scatter_``), compression by a module-level ``npu_nsa_compress_infer`` fallback (same signature;
  ``einsum('bjnd,jn->bnd')``, ``index_put_``);
* ``flashinfer_nhd_buffer_weights_2l`` (bf16, 2 layers): vLLM FlashInfer-backend ``[NB, 2, P, N, D]``, int64 padded
  block table (0 padding) and ``seq_lens``, appends ``kv_cache[blk, 0, off] = k``, window ``kv_cache[pages, c, offs]``;
  pooling weights are persistent ``[N, l]`` module BUFFERS, ``torch.matmul(window.permute(0, 2, 3, 1), w[None, :, :,
  None])``; ``index_copy_``;
* ``lucidrains_functional_fp32`` (fp32, no casts): out-of-place ``index_put`` appends (two index tensors ``(blk,
  off)``), ``[l, N, 1]`` weight parameter, ``(window * w).sum(1)``, compressed ``cmp = cmp.index_put(...)``, all
  caches returned;
* ``flat_token_mean_pool`` (fp16): the paged cache read as ``flatten(0, 1)[token_ids]``, appends through the same
  flattened view, pooled ``window.float().mean(dim=1)`` (the contract with the constant weight 1/32), ``index_copy_``;
* ``hf_cache_class_linear_shared`` (fp16): an HF-port cache object built per step, ``index_copy_`` appends,
  ``index_select`` + ``view`` window, compression by an ``nn.Linear(l, 1, bias=False)`` shared by the heads
  (``F.linear(window.float().permute(0, 2, 3, 1), w.float())``), ``scatter_`` of the new row along dim 0;
* ``vllm_cudagraph_pad_last_block`` (bf16): CUDA-graph padded batch (last 2 rows: position -1, zero hidden state,
  block-table rows = the reserved LAST block, append slot -1 into that block, compressed slot -1 = a spare row), int32
  ``positions`` / tables / slots, ``einsum('btkh,tk->bkh')``, ``index_put_``;
* ``vllm_paged_compressed_cache_2l`` (bf16, 2 layers): paged COMPRESSED caches ``[NBc, Pc = 2, N, D]`` with an int32
  ``cmp_block_table`` ``[B, 2]``, slot ``cmp_block_table[b, i // Pc] * Pc + i % Pc`` written through ``view(-1, N,
  D)[slot] = where(...)``; ``einsum``;
* ``vllm_v0_x_layout_per_head`` (fp32): vLLM v0 PagedAttention layout, key cache ``[NB, N, D // x, P, x]`` (x = 4),
  value cache ``[NB, N, D, P]``, appends in those layouts, window reshaped to ``[B, l, N, D]``, pooled per head by a
  Python loop of 1-D @ 3-D ``torch.matmul(w[:, h], win[:, :, h])`` stacked on dim 1; ``index_put_`` (-1 padding);
* ``head_major_pages_functional_copy`` (fp16): head-major paged caches ``[N, NB, P, D]``, window ``k_cache[:, pages,
  offs]`` pooled ``(win.float() * w.float().t()[:, None, :, None]).sum(2).transpose(0, 1)``, int32 metadata,
  out-of-place ``cmp.index_copy(0, slot, new)``, compressed caches returned.

Near misses (9; one layer, vLLM split caches, every row writes or keeps its own compressed row ``cmp_block_table[rows,
clamp((s - l) // d, 0)]``; each ``note`` in ``NEAR_MISSES`` argues why no weight / slot / table choice makes it the
contract): ``stride_taken_as_window`` (``(s - l) % l == 0``: nothing at s = 48; inputs searched for a 48),
``condition_on_position`` (the condition on ``s - 1``: writes at s = 33, not at 32/48/64), ``bf16_products``
(products rounded to bf16), ``truncating_round`` (fp32 -> bf16 by dropping the low 16 bits), ``masked_multiply_write``
(``cmp[slot] = pooled * valid``, no keep), ``softmax_weight_fp32`` (softmax weights kept in fp32), ``linear_with_bias``
(``nn.Linear(l, 1)`` with bias), ``page_chunked_fp32_sums`` (fp32, per-page partial sums added at the end),
``rope_on_compressed_key`` (K only: rotary applied to the pooled key before the rounding).

Checks before the first try (nothing of the pass run; ``/tmp/m17``): every positive's compressions against
``nsa_fusion.compress_infer`` with value checks on (valid input; op == golden bit for bit) for seeds 0-3, every near
miss differing from the golden in every compressed cache for seeds 0-3 (``validate.py``); every case compiled with
``backend="eager"`` under ``mark_dynamic`` on its batch inputs and under ``dynamic=True`` (``dyncheck.py``: all fine);
``torch._dynamo.explain``: 1 graph, 0 breaks for every case (``graphs.py``). ``check_eager()`` (``python
tests/corpora/models17.py``): positives equal the golden bit for bit (within fp tolerance where torch picks the sum
order: ``flashinfer_hnd_padded_indptr_2l``, ``hf_dense_head_major_matmul``, ``lucidrains_functional_fp32``,
``vllm_v0_x_layout_per_head``, ``head_major_pages_functional_copy``), near misses differ in every compressed cache.
Three near misses (``stride_taken_as_window``, ``condition_on_position``, ``rope_on_compressed_key``) have a
non-finite output eagerly: their attention reads compressed rows they never wrote (poisoned by ``gen_state``).

First try, 2026-12-05 12:37:48-13:27:35 UTC, on the frozen base 3886235 (``/tmp/base38``, present at 12:37, so base37
was not needed; ``PYTHONPATH=/tmp/base38``, ``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, ``OMP_NUM_THREADS=1``, this file
copied unchanged into ``/tmp/base38/tests/corpora/`` (sha1 6731037064c4..., ``/tmp/m17/sha_at_first_run.txt``); nothing
changed after seeing results but this docstring): eager check, then ``run_models.py --corpus models17 --dialects
inductor,torchair`` with ``--dynamic static``, ``batch``, ``all`` (sequential, script ``/tmp/m17/first.sh``), B = 8;
log ``/tmp/models17_first.log``, results ``/tmp/models17_first_{static,batch,all}.json``. Positives with EVERY
compression fused and bit-exact / applicable; near misses fused; crashes (an error with the pass where the mode works
with the pass off); n/a (the mode fails with the pass off too):

    dialect  mode           positives   compressions fused  near misses fused  crashes  n/a
    inductor static         12/15       39/46               1/9 (*)            0        0
    inductor mark_dynamic   12/15       39/46               1/9 (*)            0        0
    inductor dynamic=True   12/15       38/46               1/9 (*)            0        0
    torchair static         12/15       39/46               1/9 (*)            0 (E)    0
    torchair mark_dynamic   12/15       39/46               1/9 (*)            0 (E)    0
    torchair dynamic=True   12/15       38/46               1/9 (*)            0 (E)    0
    TOTAL: 72/90 positive runs (80 %) with every compression fused and bit-exact; 232/276 compressions fused; every
    run that fused EVERY compression was bit-exact (72/72); of the runs that fused only part (vllm_v0_x_layout_per_head,
    static and mark_dynamic, 1/2), the Inductor ones were exact and the torchair ones not (the UNFUSED fp32 key, see
    below); no positive run errored; nothing n/a; dynamo made 1 graph in every run but nm_truncating_round/torchair.
    (*) nm_stride_taken_as_window, which is NOT a near miss (my error, below): the 8 real near misses fused 0/48 runs.
    (The runner's own TOTAL lines: 24/30 positive runs in each mode; "runs with any fusion bit-exact" 25/26 static and
    batch, 24/24 all; "near-miss runs fused 2/18" in each mode.)

The positive misses, with the pass's reason verbatim (the runner's JSON; node names differ by mode):

* ``hf_cache_class_linear_shared`` (6/6 runs, 0/2 fused): ``keep: the kept cache rows are picked using arg2_1: which old
  rows are kept may then depend on the lengths, the tokens or the weight, which the keep probe draws only a few of @
  arg2_1 (placeholder)`` (arg4_1 under mark_dynamic, arg7_1 under dynamic=True; explain names it `cmp_block_table`),
  plus ``keep: no masked select (torch.where) before the write: rows of batches whose window did not complete would be
  overwritten @ cat_1 (aten.cat.default)`` and ``... @ mm_2 (aten.mm.default)``: explain shows these two are the KV
  APPENDS (rotary's ``cat`` = the new k, ``v_proj``'s ``mm`` = the new v, written ``index_copy_`` into the flat
  ``[NB * P, N, D]`` view), counted as "4 refused (4 compression candidates)". Judgement: a GAP. The step is the
  contract (checked with ``compress_infer`` before the first try). Counter-experiment after the first try
  (``/tmp/m17/diag_variants.py hf_index_put``, explain, ``NSA_FUSION_FUSE_SMALL=1``, ONE change:
  ``cache.index_put_((slot,), where(...))`` instead of ``cache.scatter_(0, slot.view(B, 1, 1).expand(B, N, D),
  where(...))``): ``2 fused, 0 refused (2 compression candidates), 2 other writes ignored``. So the shared
  ``nn.Linear(l, 1)`` weight through ``F.linear`` is followed; what is refused is a ``scatter_`` along dim 0 whose ``[B,
  1, 1]``-expanded index comes from ``cmp_block_table.gather(1, i[:, None])`` while the kept rows are read
  ``cache[slot.squeeze(1)]``. Side finding: when the compressions are refused, the two KV appends are reported as
  refused compression candidates (presumably strict mode would fail on them too) instead of ``ignored``.
* ``vllm_paged_compressed_cache_2l`` (6/6 runs, 0/4 fused): ``write: the slots are shifted with aten.add.Tensor and not
  brought back by a remainder by the number of cache rows: written rows' slots may leave [0, num_slots), where the op
  raises and eager indexes Python-style @ add_2 (aten.add.Tensor)`` (add_46 / add_45 under the dynamic modes).
  Judgement: a GAP: docs/contract.md lists exactly this idiom (paged compressed cache ``[NBc, Pc, N, D]`` written
  through its flat view at ``cmp_block_table[b, i // Pc] * Pc + i % Pc``, int64 arithmetic). The model reads the page
  id from the int32 table and casts it (``cmp_block_table[rows, i // Pc].long() * Pc + i % Pc``): the arithmetic is
  int64. Counter-experiments after the first try (explain, one change each): casting the table to int64 BEFORE the
  same ``[rows, i // Pc]`` read (``cmp_block_table.long()[rows, i // Pc]``), and reading it with ``gather`` on the int64
  table: both ``4 fused, 0 refused``. So the refusal is about the int32 -> int64 cast placed after the page-id read.
* ``vllm_v0_x_layout_per_head`` (fp32; static and mark_dynamic 1/2 fused (V), dynamic=True 0/2): K: ``gather: tokens are
  gathered from index_put (aten.index_put.default), which is not a [num_blocks, P, N, D] torch.float32 tensor @
  index_put (aten.index_put.default)`` (all 6 runs). Judgement: a DEFENSIBLE refusal / structural gap: vLLM v0's key
  cache ``[NB, N, D // x, P, x]`` is the contract mathematically, but it is no strided view of a ``[NB, P, N, D]``
  tensor (``D // x`` and ``x`` cannot be merged across ``P``), so the op's ``input`` cannot name it without a copy. The
  value cache ``[NB, N, D, P]`` (a permuted view) fused bit-exact in the static and mark_dynamic runs. Under
  dynamic=True V is refused too: Inductor ``gather: the new row b may depend on other rows, the row number or the batch
  size, not only on row b's own inputs (sym_size_int_37 (aten.sym_size.int): no batch rule) @ view_18
  (aten.reshape.default)`` (a gap under symbolic sizes: the per-head ``torch.matmul(w[:, h], win[:, :, h])`` (1-D @ 3-D)
  reshapes over the symbolic batch), torchair ``gather: the new rows could not be evaluated at lengths [64, 32, 48,
  48]...: IndexError: index 8759178424792 is out of bounds for dimension 0 with size 35 While executing
  %index_put_default : [num_users=1] = call_function[target=torch.ops.aten.index_put.default](args = (%leaf5_arg13_1,
  [%div_tensor_mode, None, None, %remainder_scalar], %view_default), kwargs = {}) ... @ stack_1 (aten.stack.default)``:
  the pass's probe evaluator executed the V append ``value_cache[slot // P, :, :, slot % P] = v`` with a probe slot far
  outside the 35 blocks (the same robustness finding as models16's ``ascend_flat_heads_pa``); the compile survived and
  the step was refused, no crash. The torchair runs are ``exact=False`` (eager_equal True) because the UNFUSED K (and
  under dynamic=True also V) runs torch's fp32 matmul order, not window order (check_eager already shows it "within
  tolerance"); the Inductor runs happened to be bit-exact. Not a wrong result of the pass.

Near misses:

* ``nm_stride_taken_as_window`` FUSED (2/2 compressions) in all 6 runs, ``exact=False`` against my golden, eager_equal
  True. It is NOT a near miss: MY ERROR. ``(s >= l) & ((s - l) % l == 0)`` with the last-l window is exactly the
  contract with ``compress_stride = l = 32`` (l >= d >= 1 is allowed); my note only considered weight / slots / table
  and forgot that ``d`` is an argument too. Checked after the first try (``/tmp/m17/diag_stride_eager.py``, eager, seeds
  0-3): the eager model equals ``contract_golden`` with d = 32 bit for bit and ``nsa_fusion.compress_infer(..., 32, 32,
  16, ...)`` (value checks on) equals the eager model, while d = 16 differs; the compiled runs equal eager
  (eager_equal). The pass was right to fuse it (as l = 32, d = 32).
* The other 8 stayed unfused in all 48 runs. Reasons (Inductor static; the others the same up to node names):
  condition_on_position ``mask: the condition selects windows of l=33 (stride 16) but the weight arg11_1 [32, 2] has 32
  positions: the condition is not s >= l and (s - l) % d == 0 for the pooled window``; bf16_products ``dtype:
  aten.mul.Tensor computes in torch.bfloat16, not fp32``; truncating_round ``gather: page ids pass through
  aten.view.dtype, which the probes' small ids cannot tell from the identity (it may change ids of a block table with
  more blocks)`` (torchair: ``... aten.bitwise_and.Scalar ...``; right to refuse, but for a side reason: the bit mask is
  on the pooled value, not on page ids); masked_multiply_write ``keep: no masked select (torch.where) before the write:
  rows of batches whose window did not complete would be overwritten @ mul_17``; softmax_weight_fp32 ``weight: the
  weight is computed by aten.amax.default before the pooling`` (torchair ``aten._softmax.default``); linear_with_bias
  ``roles: the pooled value depends on arg12_1, a scalar graph input (a Python float that dynamo passes in at run time),
  whose value cannot be checked`` (apparently the ``[1]`` bias reaches the graph as a scalar input; refused, though not
  for being a bias); page_chunked_fp32_sums ``pooling: the window sum is written out (adds) in another order than the
  op's, j = 0 .. l-1 starting from +0.0``; rope_on_compressed_key ``pooling: aten.mul.Tensor scales token values by a
  constant besides the weight: its rounding (and overflow) is not the op's`` (+ the append's keep line).

Other findings:

* E: ``nm_truncating_round`` under torchair (3 modes, graphs=0, eager_equal False): ``RuntimeError:
  torch.ops.aten.bitwise_and.Scalar ge_converter is not supported!`` (the model's own truncation mask). With
  ``NSA_FUSION_DISABLE=1`` the same run also fails (``NotImplementedError: torch.ops.aten.index_put.default ge_converter
  is not implemented!``, ``/tmp/models17_disable_trunc.json``), so no crash of the pass; the runner still marks it
  applicable (its eager-backend retry works).
* eager_equal: every positive run and every other near-miss run was eager-equal (no ``NSA_FUSION_DISABLE`` comparison
  needed).
* Idioms that fused bit-exact in all 6 runs: ``torch.bmm`` over a ``[B * N, D, l]`` reshape (2 layers, also under
  dynamic=True); a window-order loop over ``unbind`` halves of ``[2, NB, P, N, D]`` with compressed caches stacked ``[2,
  S, N, D]`` written through ``cmp_kv[c]`` views; FlashInfer HND with CUDA-graph static ``kv_indptr_buf[:B]`` /
  ``kv_indices_buf`` (2 layers; the batch stays symbolic, unlike a ``[B + 1]`` indptr); SGLang ``index_select`` +
  ``gather`` token locations; a dense HF ``[B, N, T, D]`` cache read ``cache[rows[:, None], :, pos]`` with
  ``[B, max_cmp, N, D]`` compressed rows ``cmp[rows, i]`` (earlier dense models written with ``gather``/``unfold`` were
  refused in models8/models16); an MLA latent pooled ``matmul(window.transpose(1, 2), w)``; a 3-layer vendor-signature
  fallback (6/6); ``[N, l]`` weight BUFFERS with ``matmul``; functional fp32 ``index_put`` with a ``[l, N, 1]``
  weight; ``mean(dim=1)`` pooling; a CUDA-graph padded batch with a reserved LAST block and slot -1 appends; head-major
  ``[N, NB, P, D]`` caches with out-of-place ``index_copy``.

Repro (this file in ``/tmp/base38/tests/corpora``): ``cd /tmp/base38 && PYTHONPATH=$PWD
TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 /work/main/.venv/bin/python tests/corpora/run_models.py --corpus
models17 --only
hf_cache_class_linear_shared,vllm_paged_compressed_cache_2l,vllm_v0_x_layout_per_head,nm_stride_taken_as_window
--dynamic static,all``; counter-experiments ``PYTHONPATH=/tmp/base38 /work/main/.venv/bin/python
/tmp/m17/diag_variants.py {orig_hf,hf_index_put,paged_gather,paged_cast_first}``; the stride check
``/tmp/m17/diag_stride_eager.py``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

_HERE = os.path.dirname(os.path.abspath(__file__))
# appended, not put first: run with PYTHONPATH=/tmp/baseNN so the frozen tree's nsa_fusion and tests win
for _p in (_HERE, str(Path(_HERE).parents[1])):
    if _p not in sys.path:
        sys.path.append(_p)

from models3 import Spec, _flat_state, _poison, gen_state  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, check_cases, rotary  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


def _names(layers, *per_layer):
    """Per-layer argument names, layer-major within each group: ``k_0, v_0, k_1, v_1``."""
    return tuple(f"{n}_{i}" for i in range(layers) for n in per_layer)


class _Base(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    LAYERS = 1

    def _w(self, i, kind):
        lay = self.layers[i]
        return lay.cmp_w_k if kind == "k" else lay.cmp_w_v


def _kv_specs(model, kv_name, cmp_name, table, lengths, slots, weight=None, kv_view=None, cmp_view=None):
    """One Spec per (layer, k/v): ``kv_name(i, kind)`` / ``cmp_name(i, kind)`` give the argument names."""
    out = []
    for i in range(model.LAYERS):
        for kind in ("k", "v"):
            kvn, cn = kv_name(i, kind), cmp_name(i, kind)
            kvf = (lambda a, r, kvn=kvn, kind=kind: kv_view(a[kvn], kind)) if kv_view else \
                (lambda a, r, kvn=kvn: a[kvn])
            cf = (lambda a, r, cn=cn, kind=kind: cmp_view(a[cn], kind)) if cmp_view else (lambda a, r, cn=cn: a[cn])
            wf = (lambda m, i=i, kind=kind: weight(m, i, kind)) if weight else \
                (lambda m, i=i, kind=kind: m._w(i, kind))
            out.append(Spec(cn + ("" if kv_view is None and cmp_view is None else f"_{kind}"), kvf, cf, wf,
                            table, lengths, slots))
    return out


# ====================================================================================================
# Positives
# ====================================================================================================

class VllmSplitBmm2L(_Base):
    """vLLM-style split per-layer caches ``[NB, P, N, D]`` (fp16, 2 layers, K and V compressed in both). int64
    ``positions`` (lengths ``positions + 1``), int32 ``block_table``, appends ``key_cache.view(-1, N, D).index_copy_(0,
    slot_mapping, k)``; window by a gathered page id and an offset; pooled per (request, head) with ``torch.bmm`` of
    the ``[B * N, D, l]`` window and the weight column ``[B * N, l, 1]``; ``index_put_`` at ``cmp_slot_mapping``
    (-1 padding)."""
    LAYERS = 2
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table") + \
        _names(2, "key_cache", "value_cache") + _names(2, "cmp_key", "cmp_value")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table")

    @staticmethod
    def _pool(win, w):
        B, l, N, D = win.shape
        lhs = win.float().permute(0, 2, 3, 1).reshape(B * N, D, l)
        rhs = w.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, l, 1)
        return torch.bmm(lhs, rhs).view(B, N, D)

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table, *caches):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        L = len(self.layers)
        kv, cmp = caches[:2 * L], caches[2 * L:]
        seq_lens = positions + 1
        bt = block_table.long()
        win_pos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_pages = bt.gather(1, win_pos // P)
        win_offs = win_pos % P
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            key_cache, value_cache = kv[2 * i], kv[2 * i + 1]
            cmp_key, cmp_value = cmp[2 * i], cmp[2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            key_cache.view(-1, N, D).index_copy_(0, slot_mapping, k)
            value_cache.view(-1, N, D).index_copy_(0, slot_mapping, v)
            for cache, out, w in ((key_cache, cmp_key, layer.cmp_w_k), (value_cache, cmp_value, layer.cmp_w_v)):
                pooled = self._pool(cache[win_pages, win_offs], w).to(out.dtype)
                out.index_put_((cmp_slot_mapping,),
                               torch.where(done[:, None, None], pooled, out[cmp_slot_mapping]))

            def read(pos, kc=key_cache, vc=value_cache):
                pg = bt.gather(1, pos // P)
                return kc[pg, pos % P], vc[pg, pos % P]

            h = layer.finish(h, x, q, seq_lens, read, cmp_key[cmp_block_table], cmp_value[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"].int(),
                     slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                     cmp_block_table=st["cmp_table"])
        for i in range(L):
            named[f"key_cache_{i}"], named[f"value_cache_{i}"] = kvs[2 * i], kvs[2 * i + 1]
            named[f"cmp_key_{i}"], named[f"cmp_value_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        return _kv_specs(self, lambda i, k: f"{'key' if k == 'k' else 'value'}_cache_{i}",
                         lambda i, k: f"cmp_{'key' if k == 'k' else 'value'}_{i}",
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])


class VllmStackedUnbindLoop2L(_Base):
    """vLLM v1 ``[2, NB, P, N, D]`` per layer (bf16, 2 layers), ``unbind(0)``; int32 ``seq_lens`` (after the
    append), int32 ``block_table`` and ``cmp_block_table``; a Python ``reshape_and_cache`` (``block_idx =
    slot_mapping // P``, ``key_cache[block_idx, block_off] = key``); the window summed by a Python loop in window
    order from an fp32 zero accumulator; compressed caches stacked ``[2, S, N, D]`` per layer, written through the
    ``cmp_kv[0]`` view at ``cmp_block_table.gather(1, i)`` with ``i = clamp((s - l) // d, 0)``."""
    LAYERS = 2
    ARGS = ("hidden", "seq_lens", "block_table", "slot_mapping", "cmp_block_table") + \
        _names(2, "kv_cache") + _names(2, "cmp_kv")
    BATCH = ("hidden", "seq_lens", "block_table", "slot_mapping", "cmp_block_table")

    def forward(self, hidden, seq_lens, block_table, slot_mapping, cmp_block_table, *caches):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        L = len(self.layers)
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        positions = seq_lens - 1
        is_last_of_window = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_idx = torch.clamp((seq_lens - l) // d, min=0).long()
        cmp_slot = cmp_block_table.gather(1, cmp_idx[:, None]).squeeze(1).long()
        block_idx = torch.div(slot_mapping, P, rounding_mode="floor")
        block_off = slot_mapping % P
        h = hidden
        for i, layer in enumerate(self.layers):
            key_cache, value_cache = caches[i].unbind(0)
            cmp_kv = caches[L + i]
            x, q, k, v = layer.project(h, positions)
            key_cache[block_idx, block_off] = k
            value_cache[block_idx, block_off] = v
            for c, (cache, w) in enumerate(((key_cache, layer.cmp_w_k), (value_cache, layer.cmp_w_v))):
                acc = torch.zeros(B, N, D, dtype=torch.float32, device=hidden.device)
                for j in range(l):
                    p = (seq_lens - l + j).clamp(min=0).long()
                    tok = cache[block_table[rows, p // P].long(), p % P]
                    acc = acc + w[j].float()[None, :, None] * tok.float()
                dst = cmp_kv[c]
                dst[cmp_slot] = torch.where(is_last_of_window[:, None, None], acc.to(dst.dtype), dst[cmp_slot])

            def read(pos, kc=key_cache, vc=value_cache):
                pg = block_table.long().gather(1, pos // P)
                return kc[pg, pos % P], vc[pg, pos % P]

            ck, cv = cmp_kv[0], cmp_kv[1]
            tbl = cmp_block_table.long()
            h = layer.finish(h, x, q, seq_lens, read, ck[tbl], cv[tbl], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        kvs, cmps = st["kvs"], st["cmps"]
        named = dict(hidden=st["hidden"], seq_lens=st["s"].int(), block_table=st["table"].int(),
                     slot_mapping=_append_slots(st, self.P), cmp_block_table=st["cmp_table"].int())
        for i in range(L):
            named[f"kv_cache_{i}"] = torch.stack((kvs[2 * i], kvs[2 * i + 1]))
            named[f"cmp_kv_{i}"] = torch.stack((cmps[2 * i], cmps[2 * i + 1]))
        return self.pack(**named)

    def specs(self):
        def slots(a):
            s = a["seq_lens"].long()
            return a["cmp_block_table"].long().gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)
        idx = {"k": 0, "v": 1}
        return _kv_specs(self, lambda i, k: f"kv_cache_{i}", lambda i, k: f"cmp_kv_{i}",
                         lambda a: a["block_table"], lambda a: a["seq_lens"], slots,
                         kv_view=lambda t, k: t[idx[k]], cmp_view=lambda t, k: t[idx[k]])


MAX_BATCH = 16  # the CUDA-graph wrapper's static buffer capacity (FlashInfer: max_batch_size)


class FlashinferHndPaddedIndptr2L(_Base):
    """FlashInfer HND paged cache ``[NP, 2, N, P, D]`` per layer (fp16, 2 layers), CUDA-graph style static
    metadata buffers: int32 ``kv_indptr_buf`` ``[MAX_BATCH + 1]`` (entries past the batch repeat the last value) and
    int32 ``kv_indices_buf`` ``[MAX_BATCH * MP]`` (zero padded), sliced with the live batch ``kv_indptr_buf[:B]``;
    lengths ``positions + 1``; the append at ``kv_indices[kv_indptr[b] + pos // P]`` (``append_paged_kv_cache``);
    the window read ``paged_kv[pages, 0, :, offs]``, pooled ``einsum('nj,bjnd->bnd')`` with per-head ``[N, l]``
    weights (the checkpoint layout); ``cmp[slot] = where(...)`` at int32 ``cmp_slots`` (-1 padding)."""
    LAYERS = 2
    ARGS = ("hidden", "positions", "kv_indptr_buf", "kv_indices_buf", "cmp_slots", "cmp_block_table") + \
        _names(2, "paged_kv") + _names(2, "cmp_k", "cmp_v")
    BATCH = ("hidden", "positions", "cmp_slots", "cmp_block_table")

    def __init__(self, dtype, **kw):
        super().__init__(dtype, weight_shape=(self.SIZES["N"], self.SIZES["l"]), **kw)

    def forward(self, hidden, positions, kv_indptr_buf, kv_indices_buf, cmp_slots, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        L = len(self.layers)
        B = positions.shape[0]
        page_start = kv_indptr_buf[:B].long()
        seq_len = positions + 1

        def page_of(pos):  # pos [B, T] -> page ids
            return kv_indices_buf[page_start[:, None] + torch.div(pos, P, rounding_mode="floor")].long()

        new_page = kv_indices_buf[page_start + positions // P].long()
        new_off = positions % P
        wpos = (seq_len[:, None] - l + torch.arange(l, device=positions.device)).clamp(min=0)
        wpage, woff = page_of(wpos), wpos % P
        ready = (seq_len >= l) & ((seq_len - l) % d == 0)
        slots = cmp_slots.long()
        h = hidden
        for i, layer in enumerate(self.layers):
            paged_kv = caches[i]
            ck, cv = caches[L + 2 * i], caches[L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            paged_kv[new_page, 0, :, new_off] = k
            paged_kv[new_page, 1, :, new_off] = v
            for c, (out, w) in enumerate(((ck, layer.cmp_w_k), (cv, layer.cmp_w_v))):
                win = paged_kv[wpage, c, :, woff]  # [B, l, N, D]
                pooled = torch.einsum("nj,bjnd->bnd", w.float(), win.float())
                out[slots] = torch.where(ready[:, None, None], pooled.to(out.dtype), out[slots])

            def read(pos, kv=paged_kv):
                pg = page_of(pos)
                return kv[pg, 0, :, pos % P], kv[pg, 1, :, pos % P]

            h = layer.finish(h, x, q, seq_len, read, ck[cmp_block_table], cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        s, table, kvs, cmps = st["s"], st["table"], st["kvs"], st["cmps"]
        n_pages = (s + self.P - 1) // self.P
        indptr = torch.zeros(MAX_BATCH + 1, dtype=torch.int32)
        indptr[1:B + 1] = torch.cumsum(n_pages, 0).int()
        indptr[B + 1:] = indptr[B]
        indices = torch.zeros(MAX_BATCH * self.MP, dtype=torch.int32)
        flat = torch.cat([table[b, :int(n_pages[b])] for b in range(B)])
        indices[:flat.numel()] = flat.int()
        named = dict(hidden=st["hidden"], positions=s - 1, kv_indptr_buf=indptr, kv_indices_buf=indices,
                     cmp_slots=st["cmp_slot"].int(), cmp_block_table=st["cmp_table"])
        for i in range(L):
            named[f"paged_kv_{i}"] = torch.stack((kvs[2 * i].transpose(1, 2), kvs[2 * i + 1].transpose(1, 2)),
                                                 1).contiguous()
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        def table(a):
            B = a["positions"].shape[0]
            ptr = a["kv_indptr_buf"][:B].long()
            s = a["positions"] + 1
            n = (s + self.P - 1) // self.P
            idx = (ptr[:, None] + torch.arange(self.MP)[None, :]).clamp(max=a["kv_indices_buf"].numel() - 1)
            t = a["kv_indices_buf"][idx].long()
            return torch.where(torch.arange(self.MP)[None, :] < n[:, None], t, torch.full_like(t, -1))
        idx = {"k": 0, "v": 1}
        return _kv_specs(self, lambda i, k: f"paged_kv_{i}", lambda i, k: f"cmp_{k}_{i}", table,
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slots"],
                         weight=lambda m, i, k: m._w(i, k).t(),
                         kv_view=lambda t, k: t[:, idx[k]].transpose(1, 2))


class SglangTokenPoolSumProd2L(_Base):
    """SGLang ``MHATokenToKVPool`` page size 1 (bf16, 2 layers): per-layer ``k_buffer`` / ``v_buffer`` ``[T, N, D]``,
    int32 ``req_to_token`` ``[R, cap]``, int64 ``req_pool_indices``, int64 ``seq_lens`` (with this token),
    ``set_kv_buffer`` ``k_buffer[out_cache_loc] = k``; window token locations ``req_to_token.index_select(0,
    req_pool_indices).gather(1, pos)``; pooled ``(tok.float() * w.float().unsqueeze(-1)).sum(dim=1)``; compressed
    pools ``[Sc, N, D]`` at ``cmp_req_to_token[req_pool_indices, i]``, written ``index_put_``."""
    SIZES = dict(l=32, d=16, P=1, MP=64, N=2, D=32)
    LAYERS = 2
    ARGS = ("hidden", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token", "cmp_req_to_token") + \
        _names(2, "k_buffer", "v_buffer") + _names(2, "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ("hidden", "req_pool_indices", "seq_lens", "out_cache_loc")

    def forward(self, hidden, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token, *pools):
        l, d = self.l, self.d
        L = len(self.layers)
        positions = seq_lens - 1
        my_tokens = req_to_token.index_select(0, req_pool_indices)  # [B, cap]
        wpos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_loc = my_tokens.gather(1, wpos).long()
        emit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_idx = torch.clamp((seq_lens - l) // d, min=0)
        cmp_loc = cmp_req_to_token[req_pool_indices, cmp_idx]
        my_cmp = cmp_req_to_token.index_select(0, req_pool_indices)
        h = hidden
        for i, layer in enumerate(self.layers):
            k_buffer, v_buffer = pools[2 * i], pools[2 * i + 1]
            ck, cv = pools[2 * L + 2 * i], pools[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            k_buffer[out_cache_loc] = k
            v_buffer[out_cache_loc] = v
            for buf, cbuf, w in ((k_buffer, ck, layer.cmp_w_k), (v_buffer, cv, layer.cmp_w_v)):
                tok = buf[win_loc]
                pooled = (tok.float() * w.float().unsqueeze(-1)).sum(dim=1)
                cbuf.index_put_((cmp_loc,), torch.where(emit[:, None, None], pooled.to(cbuf.dtype), cbuf[cmp_loc]))

            def read(pos, kb=k_buffer, vb=v_buffer):
                loc = my_tokens.gather(1, pos).long()
                return kb[loc], vb[loc]

            h = layer.finish(h, x, q, seq_lens, read, ck[my_cmp], cv[my_cmp], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        named = dict(hidden=st["hidden"], req_pool_indices=rpi, seq_lens=st["s"], out_cache_loc=loc,
                     req_to_token=r2t.int(), cmp_req_to_token=cr2t)
        for i in range(L):
            named[f"k_buffer_{i}"], named[f"v_buffer_{i}"] = st["kvs"][2 * i][:, 0], st["kvs"][2 * i + 1][:, 0]
            named[f"cmp_k_buffer_{i}"], named[f"cmp_v_buffer_{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        def slots(a):
            i = ((a["seq_lens"] - self.l) // self.d).clamp(min=0)
            return a["cmp_req_to_token"][a["req_pool_indices"], i]
        return _kv_specs(self, lambda i, k: f"{k}_buffer_{i}", lambda i, k: f"cmp_{k}_buffer_{i}",
                         lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"], slots)


class HfDenseHeadMajorMatmul(_Base):
    """HF-style per-request dense caches ``[B, N, T, D]`` (fp16, 1 layer), T = 64, int64 ``cache_position`` per row
    (lengths ``cache_position + 1``); append ``key_cache[rows, :, cache_position] = k``; window
    ``key_cache[rows[:, None], :, pos]`` (``[B, l, N, D]``); pooled ``torch.matmul(w.t()[:, None, :],
    window.permute(0, 2, 1, 3))`` (``[N, 1, l] @ [B, N, l, D]``); dense compressed caches ``[B, max_cmp, N, D]``
    written ``cmp[rows, i] = where(...)``."""
    ARGS = ("hidden", "cache_position", "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ARGS

    def forward(self, hidden, cache_position, key_cache, value_cache, cmp_key, cmp_value):
        l, d = self.l, self.d
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        layer = self.layers[0]
        s = cache_position + 1
        x, q, k, v = layer.project(hidden, cache_position)
        key_cache[rows, :, cache_position] = k
        value_cache[rows, :, cache_position] = v
        pos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        i = torch.clamp(torch.div(s - l, d, rounding_mode="floor"), min=0)
        complete = (s >= l) & (torch.remainder(s - l, d) == 0)
        for cache, cmp, w in ((key_cache, cmp_key, layer.cmp_w_k), (value_cache, cmp_value, layer.cmp_w_v)):
            window = cache[rows[:, None], :, pos]  # [B, l, N, D]
            pooled = torch.matmul(w.float().t()[:, None, :], window.float().permute(0, 2, 1, 3)).squeeze(2)
            cmp[rows, i] = torch.where(complete[:, None, None], pooled.to(cmp.dtype), cmp[rows, i])

        def read(p):
            return key_cache[rows[:, None], :, p], value_cache[rows[:, None], :, p]

        return layer.finish(hidden, x, q, s, read, cmp_key, cmp_value, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        T = self.MP * self.P
        dense, cmps = _dense_state(st, B, T)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1,
                         key_cache=dense[0].transpose(1, 2).contiguous(),
                         value_cache=dense[1].transpose(1, 2).contiguous(), cmp_key=cmps[0], cmp_value=cmps[1])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            B = s.shape[0]
            mc = a["cmp_key"].shape[1]
            return torch.arange(B) * mc + ((s - self.l) // self.d).clamp(min=0)
        return _kv_specs(self, lambda i, k: "key_cache" if k == "k" else "value_cache",
                         lambda i, k: "cmp_key" if k == "k" else "cmp_value",
                         lambda a: torch.arange(a["cache_position"].shape[0])[:, None],
                         lambda a: a["cache_position"] + 1, slots,
                         kv_view=lambda t, k: t.transpose(1, 2), cmp_view=lambda t, k: t.flatten(0, 1))


class MLALayer(Layer):
    """A DeepSeek-style layer whose cache holds one latent ``[C]`` per token (N = 1): the latent is the key and the
    value of the attention branches."""

    def __init__(self, C, l):
        super().__init__(1, C, C, l, Hq=2)

    def project(self, h, pos):
        B = h.shape[0]
        x = self.attn_norm(h)
        q = rotary(self.q_proj(x).view(B, self.Hq, self.Dk), pos)
        latent = self.k_proj(x)  # [B, C]
        return x, q, latent


class DeepseekLatentMatmulRight2L(_Base):
    """DeepSeek MLA latent cache ``[NB, P, C]`` (bf16, 2 layers, C = 64, one compression per layer): append
    ``kv_cache.view(-1, C).index_put_((slot_mapping,), latent)``; window read as flat token ids
    ``block_table.gather(1, p // P) * P + p % P`` of ``view(-1, C)``; pooled ``torch.matmul(window.transpose(1, 2),
    w)`` with a ``[l, 1]`` weight on the right; ``[S, 1, C]`` compressed caches, ``index_copy_`` at
    ``cmp_block_table[rows, i]`` (keep ``cmp[slot]``)."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=64)
    LAYERS = 2
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_block_table") + _names(2, "kv_cache") + \
        _names(2, "cmp_kv")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_block_table")

    def make_layer(self, **kw):
        return MLALayer(self.D, self.l)

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_block_table, *caches):
        l, d, P, C = self.l, self.d, self.P, self.D
        L = len(self.layers)
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = positions + 1
        p = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        tok_ids = block_table.gather(1, p // P) * P + p % P
        slot = cmp_block_table[rows, ((s - l) // d).clamp(min=0)]
        do = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache, cmp_kv = caches[i], caches[L + i]
            x, q, latent = layer.project(h, positions)
            flat = kv_cache.view(-1, C)
            flat.index_put_((slot_mapping,), latent)
            window = flat[tok_ids]  # [B, l, C]
            pooled = torch.matmul(window.float().transpose(1, 2), layer.cmp_w_k.float()).transpose(1, 2)  # [B, 1, C]
            cmp_kv.index_copy_(0, slot, torch.where(do[:, None, None], pooled.to(cmp_kv.dtype), cmp_kv[slot]))

            def read(pos, flat=flat):
                lat = flat[block_table.gather(1, pos // P) * P + pos % P][:, :, None, :]
                return lat, lat

            rows_c = cmp_kv[cmp_block_table]
            h = layer.finish(h, x, q, s, read, rows_c, rows_c, l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = gen_state(B, seed, l=self.l, d=self.d, P=self.P, MP=self.MP, N=1, D=self.D, dtype=self.dtype,
                       n_kv=L, n_cmp=L)
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                     slot_mapping=_append_slots(st, self.P), cmp_block_table=st["cmp_table"])
        for i in range(L):
            named[f"kv_cache_{i}"] = st["kvs"][i][:, :, 0].contiguous()
            named[f"cmp_kv_{i}"] = st["cmps"][i]
        return self.pack(**named)

    def specs(self):
        def slots(a):
            s = a["positions"] + 1
            return a["cmp_block_table"][torch.arange(s.shape[0]), ((s - self.l) // self.d).clamp(min=0)]
        return [Spec(f"cmp_kv_{i}", lambda a, r, i=i: a[f"kv_cache_{i}"].unsqueeze(2),
                     lambda a, r, i=i: a[f"cmp_kv_{i}"], lambda m, i=i: m.layers[i].cmp_w_k,
                     lambda a: a["block_table"], lambda a: a["positions"] + 1, slots)
                for i in range(self.LAYERS)]


def npu_nsa_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                           block_table=None, actual_seq_len=None, cache):
    """A torch fallback with ``torch_npu.npu_nsa_compress_infer``'s signature (off-NPU path)."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    seq = actual_seq_len.long()
    offs = torch.arange(l, device=input.device)
    p = torch.clamp(seq.unsqueeze(1) - l + offs, min=0)
    blocks = torch.gather(block_table.long(), 1, p // P)
    tokens = input[blocks, p % P]
    pooled = torch.einsum("bjnd,jn->bnd", tokens.float(), weight.float()).to(cache.dtype)
    fire = (seq >= l) & ((seq - l) % d == 0)
    slots = slot_mapping.long()
    cache.index_put_((slots,), torch.where(fire.view(-1, 1, 1), pooled, cache[slots]))
    return cache


def _npu_reshape_and_cache(key, value, key_cache, value_cache, slot_indices):
    """Fallback of ``torch_npu._npu_reshape_and_cache``: token rows of the flattened caches."""
    N, D = key_cache.shape[-2:]
    idx = slot_indices.long()[:, None, None].expand(-1, N, D)
    key_cache.view(-1, N, D).scatter_(0, idx, key)
    value_cache.view(-1, N, D).scatter_(0, idx, value)


class AscendVendorEinsum3L(_Base):
    """vllm-ascend style (fp16, 3 layers, 6 compressions): split caches per layer, int32 ``seq_lens``,
    ``block_tables``, ``slot_mapping`` and ``cmp_slot_mapping`` (-1 padding); appends by a
    ``_npu_reshape_and_cache`` fallback (``view(-1, N, D).scatter_``); compression by a module-level fallback with
    ``npu_nsa_compress_infer``'s signature (``einsum('bjnd,jn->bnd')``, ``index_put_``, keep ``cache[slots]``)."""
    LAYERS = 3
    ARGS = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_slot_mapping", "cmp_block_tables") + \
        _names(3, "key_cache", "value_cache") + _names(3, "cmp_key_cache", "cmp_value_cache")
    BATCH = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_slot_mapping", "cmp_block_tables")

    def forward(self, hidden, seq_lens, block_tables, slot_mapping, cmp_slot_mapping, cmp_block_tables, *caches):
        l, d, P = self.l, self.d, self.P
        L = len(self.layers)
        positions = (seq_lens - 1).long()
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc = caches[2 * i], caches[2 * i + 1]
            ck, cv = caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            _npu_reshape_and_cache(k, v, kc, vc, slot_mapping)
            npu_nsa_compress_infer(kc, layer.cmp_w_k, cmp_slot_mapping, l, d, P, block_table=block_tables,
                                   actual_seq_len=seq_lens, cache=ck)
            npu_nsa_compress_infer(vc, layer.cmp_w_v, cmp_slot_mapping, l, d, P, block_table=block_tables,
                                   actual_seq_len=seq_lens, cache=cv)

            def read(pos, kc=kc, vc=vc):
                pg = block_tables.long().gather(1, pos // P)
                return kc[pg, pos % P], vc[pg, pos % P]

            t = cmp_block_tables.long()
            h = layer.finish(h, x, q, seq_lens, read, ck[t], cv[t], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        named = dict(hidden=st["hidden"], seq_lens=st["s"].int(), block_tables=st["table"].int(),
                     slot_mapping=_append_slots(st, self.P).int(), cmp_slot_mapping=st["cmp_slot"].int(),
                     cmp_block_tables=st["cmp_table"].int())
        for i in range(L):
            named[f"key_cache_{i}"], named[f"value_cache_{i}"] = st["kvs"][2 * i], st["kvs"][2 * i + 1]
            named[f"cmp_key_cache_{i}"], named[f"cmp_value_cache_{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        return _kv_specs(self, lambda i, k: f"{'key' if k == 'k' else 'value'}_cache_{i}",
                         lambda i, k: f"cmp_{'key' if k == 'k' else 'value'}_cache_{i}",
                         lambda a: a["block_tables"], lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])


class FlashinferNhdBufferWeights2L(_Base):
    """vLLM FlashInfer-backend NHD cache ``[NB, 2, P, N, D]`` per layer (bf16, 2 layers) with a padded int64 block
    table and int64 ``seq_lens``; appends ``kv_cache[blk, 0, off] = k``; the window ``kv_cache[pages, 0, offs]``;
    pooling weights are persistent module BUFFERS ``[N, l]`` (loaded from the checkpoint, not trained), pooled
    ``torch.matmul(window.permute(0, 2, 3, 1), w.t()[None, :, :, None])``; ``index_copy_`` at
    ``cmp_block_table[rows, i]``."""
    LAYERS = 2
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table") + _names(2, "kv_cache") + \
        _names(2, "cmp_k", "cmp_v")
    BATCH = ("hidden", "seq_lens", "block_table", "cmp_block_table")

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        g = torch.Generator().manual_seed(77)
        for i in range(len(self.layers)):
            for kind in ("k", "v"):
                w = ((0.5 + torch.rand(self.N, self.l, generator=g)) / self.l).to(dtype)
                self.register_buffer(f"{kind}_pool_weight_{i}", w)

    def _w(self, i, kind):
        return getattr(self, f"{kind}_pool_weight_{i}").t()

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        L = len(self.layers)
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        pos = seq_lens - 1
        blk = block_table[rows, pos // P]
        off = pos % P
        wp = torch.clamp(seq_lens.unsqueeze(-1) - l + torch.arange(l, device=hidden.device), min=0)
        pages = block_table[rows[:, None], wp // P]
        offs = wp % P
        fin = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        dst = cmp_block_table[rows, torch.clamp((seq_lens - l) // d, min=0)]
        h = hidden
        for i, layer in enumerate(self.layers):
            kv_cache = caches[i]
            ck, cv = caches[L + 2 * i], caches[L + 2 * i + 1]
            x, q, k, v = layer.project(h, pos)
            kv_cache[blk, 0, off] = k
            kv_cache[blk, 1, off] = v
            for c, out in enumerate((ck, cv)):
                w = getattr(self, f"{'kv'[c]}_pool_weight_{i}")  # [N, l]
                window = kv_cache[pages, c, offs]  # [B, l, N, D]
                pooled = torch.matmul(window.float().permute(0, 2, 3, 1), w.float()[None, :, :, None]).squeeze(-1)
                out.index_copy_(0, dst, torch.where(fin[:, None, None], pooled.to(out.dtype), out[dst]))

            def read(p, kv=kv_cache):
                pg = block_table[rows[:, None], p // P]
                return kv[pg, 0, p % P], kv[pg, 1, p % P]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_block_table], cv[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        named = dict(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"].clamp(min=0),
                     cmp_block_table=st["cmp_table"])
        for i in range(L):
            named[f"kv_cache_{i}"] = torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1]), 1).contiguous()
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return a["cmp_block_table"][torch.arange(s.shape[0]), ((s - self.l) // self.d).clamp(min=0)]
        idx = {"k": 0, "v": 1}
        return _kv_specs(self, lambda i, k: f"kv_cache_{i}", lambda i, k: f"cmp_{k}_{i}",
                         lambda a: a["block_table"], lambda a: a["seq_lens"], slots,
                         kv_view=lambda t, k: t[:, idx[k]])


class LucidrainsFunctionalFp32(_Base):
    """lucidrains-style functional caches (fp32, 1 layer, no casts anywhere): out-of-place appends ``k_cache =
    k_cache.index_put((blk, off), k)``, the ``[l, N, 1]`` broadcast-layout weight parameter, pooled ``(window *
    w).sum(1)``, compressed ``cmp = cmp.index_put((slot,), where(...))`` at int64 ``cmp_slots`` (-1 padding); every
    cache returned."""
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_slots", "cmp_block_table", "k_cache", "v_cache", "k_cmp",
            "v_cmp")
    BATCH = ("hidden", "seq_lens", "block_table", "cmp_slots", "cmp_block_table")

    def __init__(self, dtype, **kw):
        super().__init__(dtype, weight_shape=(self.SIZES["l"], self.SIZES["N"], 1), **kw)

    def _w(self, i, kind):
        return super()._w(i, kind)[..., 0]

    def forward(self, hidden, seq_lens, block_table, cmp_slots, cmp_block_table, k_cache, v_cache, k_cmp, v_cmp):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        blk = block_table.gather(1, (pos // P)[:, None]).squeeze(1)
        off = pos % P
        k_cache = k_cache.index_put((blk, off), k)
        v_cache = v_cache.index_put((blk, off), v)
        t = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = block_table.gather(1, t // P), t % P
        full = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        outs = []
        for cache, cmp, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            compressed = (cache[pages, offs] * w).sum(1)
            outs.append(cmp.index_put((cmp_slots,), torch.where(full[:, None, None], compressed, cmp[cmp_slots])))
        k_cmp, v_cmp = outs

        def read(p):
            pg = block_table.gather(1, p // P)
            return k_cache[pg, p % P], v_cache[pg, p % P]

        out = layer.finish(hidden, x, q, seq_lens, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)
        return out, k_cache, v_cache, k_cmp, v_cmp

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"], cmp_slots=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         k_cmp=st["cmps"][0], v_cmp=st["cmps"][1])

    def specs(self):
        res = {"k_cache": 1, "v_cache": 2, "k_cmp": 3, "v_cmp": 4}
        out = []
        for kind in ("k", "v"):
            kvn, cn = f"{kind}_cache", f"{kind}_cmp"
            out.append(Spec(cn, lambda a, r, kvn=kvn: r[res[kvn]] if r is not None else a[kvn],
                            lambda a, r, cn=cn: r[res[cn]] if r is not None else a[cn],
                            lambda m, kind=kind: m._w(0, kind), lambda a: a["block_table"],
                            lambda a: a["seq_lens"], lambda a: a["cmp_slots"]))
        return out


class FlatTokenMeanPool(_Base):
    """Paged split caches read as a flat token array (fp16, 1 layer): ``k_cache.flatten(0, 1)[token_ids]`` with
    ``token_ids = block_table.gather(1, p // P) * P + p % P``, int64 ``seq_lens``, appends at ``slot_mapping`` of the
    flattened view; pooled by a plain MEAN over the window, ``window.float().mean(dim=1)`` (the contract with the
    constant weight 1/32, a power of two); ``index_copy_`` at ``cmp_block_table.gather(1, i)``."""
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache",
            "cmp_k", "cmp_v")
    BATCH = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table")

    def _w(self, i, kind):
        return torch.full((self.l, self.N), 1.0 / self.l, dtype=self.dtype)

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_cache.flatten(0, 1)[slot_mapping] = k
        v_cache.flatten(0, 1)[slot_mapping] = v
        p = torch.clamp(seq_lens[:, None] + torch.arange(-l, 0, device=hidden.device), min=0)
        token_ids = block_table.gather(1, p // P) * P + p % P
        finished = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        row = cmp_block_table.gather(1, torch.clamp((seq_lens - l) // d, min=0).unsqueeze(1)).squeeze(1)
        for cache, cmp in ((k_cache, cmp_k), (v_cache, cmp_v)):
            mean = cache.flatten(0, 1)[token_ids].float().mean(dim=1)
            cmp.index_copy_(0, row, torch.where(finished[:, None, None], mean.to(cmp.dtype), cmp[row]))

        def read(pp):
            ids = block_table.gather(1, pp // P) * P + pp % P
            return k_cache.flatten(0, 1)[ids], v_cache.flatten(0, 1)[ids]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)
        return _kv_specs(self, lambda i, k: f"{k}_cache", lambda i, k: f"cmp_{k}", lambda a: a["block_table"],
                         lambda a: a["seq_lens"], slots)


class NSAPagedKVCache:
    """An HF-port cache object built per step around the paged tensors (``update`` / ``window`` /
    ``store_compressed``)."""

    def __init__(self, key_cache, value_cache, cmp_keys, cmp_values, block_table, cmp_block_table, page_size):
        self.kv = {"k": key_cache, "v": value_cache}
        self.cmp = {"k": cmp_keys, "v": cmp_values}
        self.block_table, self.cmp_block_table, self.page_size = block_table, cmp_block_table, page_size

    def _token_ids(self, pos):
        P = self.page_size
        return self.block_table.gather(1, pos // P) * P + pos % P

    def update(self, key_states, value_states, cache_position):
        ids = self._token_ids(cache_position[:, None]).squeeze(1)
        for which, new in (("k", key_states), ("v", value_states)):
            c = self.kv[which]
            c.view(-1, c.shape[-2], c.shape[-1]).index_copy_(0, ids, new)

    def window(self, which, pos):
        c = self.kv[which]
        B, T = pos.shape
        flat = c.view(-1, c.shape[-2], c.shape[-1])
        return flat.index_select(0, self._token_ids(pos).flatten()).view(B, T, c.shape[-2], c.shape[-1])

    def store_compressed(self, which, block_idx, new, keep_mask):
        cache = self.cmp[which]
        B, N, D = new.shape
        slot = self.cmp_block_table.gather(1, block_idx[:, None])  # [B, 1]
        old = cache[slot.squeeze(1)]
        cache.scatter_(0, slot.view(B, 1, 1).expand(B, N, D), torch.where(keep_mask[:, None, None], new, old))

    def compressed_rows(self, which):
        return self.cmp[which][self.cmp_block_table]


class HfCacheClassLinearShared(_Base):
    """HF-port attention with a per-step ``NSAPagedKVCache`` object (fp16, 1 layer): ``index_copy_`` appends through
    a flat view, the window by ``index_select`` of flat token ids + ``view(B, l, N, D)``; the compression is an
    ``nn.Linear(l, 1, bias=False)`` shared by all heads (``k_compress`` / ``v_compress``, as checkpoints store it),
    applied as ``F.linear(window.float().permute(0, 2, 3, 1), w.float())``; the new row stored ``scatter_`` along
    dim 0 at ``cmp_block_table.gather(1, i)``."""
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_cache", "value_cache", "cmp_keys",
            "cmp_values")
    BATCH = ("hidden", "cache_position", "block_table", "cmp_block_table")

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        self.k_compress = nn.Linear(self.l, 1, bias=False)
        self.v_compress = nn.Linear(self.l, 1, bias=False)
        g = torch.Generator().manual_seed(5)
        with torch.no_grad():
            for lin in (self.k_compress, self.v_compress):
                lin.weight.copy_(((0.5 + torch.rand(1, self.l, generator=g)) / self.l).to(dtype))
        self.to(dtype).requires_grad_(False)

    def _w(self, i, kind):
        lin = self.k_compress if kind == "k" else self.v_compress
        return lin.weight.t().expand(self.l, self.N)

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_cache, value_cache, cmp_keys,
                cmp_values):
        l, d = self.l, self.d
        layer = self.layers[0]
        cache = NSAPagedKVCache(key_cache, value_cache, cmp_keys, cmp_values, block_table, cmp_block_table, self.P)
        x, q, k, v = layer.project(hidden, cache_position)
        cache.update(k, v, cache_position)
        seq = cache_position + 1
        window_pos = (seq[:, None] - l + torch.arange(l, device=seq.device)).clamp(min=0)
        complete = (seq >= l) & ((seq - l) % d == 0)
        idx = torch.clamp((seq - l) // d, min=0)
        for which, lin in (("k", self.k_compress), ("v", self.v_compress)):
            win = cache.window(which, window_pos)
            pooled = F.linear(win.float().permute(0, 2, 3, 1), lin.weight.float()).squeeze(-1)  # [B, N, D]
            cache.store_compressed(which, idx, pooled.to(key_cache.dtype), complete)

        def read(p):
            return cache.window("k", p), cache.window("v", p)

        return layer.finish(hidden, x, q, seq, read, cache.compressed_rows("k"), cache.compressed_rows("v"), l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_keys=st["cmps"][0], cmp_values=st["cmps"][1])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)
        return _kv_specs(self, lambda i, k: "key_cache" if k == "k" else "value_cache",
                         lambda i, k: "cmp_keys" if k == "k" else "cmp_values", lambda a: a["block_table"],
                         lambda a: a["cache_position"] + 1, slots)


class VllmCudaGraphPadLastBlock(_Base):
    """vLLM CUDA-graph replay with a padded batch (bf16, 1 layer): the last 2 rows are padding (position -1, zero
    hidden state, block-table row all = the reserved LAST block, append slot -1 = that block's last token row, which
    no request owns, compressed slot -1 = a spare row); int32 ``positions``, ``block_table``, ``cmp_slot_mapping``;
    appends ``key_cache.view(-1, N, D)[slot_mapping] = k``; pooled ``einsum('btkh,tk->bkh')``; ``index_put_``."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table")
    PAD = 2

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table, key_cache,
                value_cache, cmp_key, cmp_value):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        key_cache.view(-1, N, D)[slot_mapping.long()] = k
        value_cache.view(-1, N, D)[slot_mapping.long()] = v
        seq_lens = positions + 1
        t = torch.clamp(seq_lens.unsqueeze(1) - l + torch.arange(l, device=hidden.device), min=0)
        blocks = torch.gather(block_table, 1, t // P).long()
        ok = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_slot_mapping.long()
        for cache, cmp, w in ((key_cache, cmp_key, layer.cmp_w_k), (value_cache, cmp_value, layer.cmp_w_v)):
            pooled = torch.einsum("btkh,tk->bkh", cache[blocks, t % P].float(), w.float())
            cmp.index_put_((slot,), torch.where(ok[:, None, None], pooled.to(cmp.dtype), cmp[slot]))

        def read(p):
            pg = torch.gather(block_table, 1, p // P).long()
            return key_cache[pg, p % P], value_cache[pg, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_key[cmp_block_table], cmp_value[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        s, table = st["s"].clone(), st["table"].clone()
        nonq = [b for b in range(B) if not bool(st["valid"][b])]
        pads = nonq[-self.PAD:]
        order = [b for b in range(B) if b not in pads] + pads  # padding rows last, as the graph runner pads
        perm = torch.tensor(order)
        s, table = s[perm], table[perm]
        cmp_slot, cmp_table, hidden = st["cmp_slot"][perm], st["cmp_table"][perm], st["hidden"][perm].clone()
        NB = st["NB"]
        kvs = [kv.clone() for kv in st["kvs"]]
        live = set(int(x) for x in table[:B - self.PAD].flatten() if x >= 0)
        if NB - 1 in live:  # make the last block free: swap it with a free one
            free = next(p for p in range(NB) if p not in live)
            for kv in kvs:
                kv[[free, NB - 1]] = kv[[NB - 1, free]]
            table = torch.where(table == NB - 1, torch.full_like(table, free), table)
        table[B - self.PAD:] = NB - 1
        s[B - self.PAD:] = 0
        hidden[B - self.PAD:] = 0
        cmp_slot[B - self.PAD:] = -1
        pos = s - 1
        slot_mapping = table.gather(1, (pos.clamp(min=0) // self.P)[:, None]).squeeze(1) * self.P + \
            pos.clamp(min=0) % self.P
        slot_mapping[B - self.PAD:] = -1
        return self.pack(hidden=hidden, positions=pos.int(), block_table=table.int(),
                         slot_mapping=slot_mapping.int(), cmp_slot_mapping=cmp_slot.int(), cmp_block_table=cmp_table,
                         key_cache=kvs[0], value_cache=kvs[1], cmp_key=st["cmps"][0], cmp_value=st["cmps"][1])

    def specs(self):
        return _kv_specs(self, lambda i, k: "key_cache" if k == "k" else "value_cache",
                         lambda i, k: "cmp_key" if k == "k" else "cmp_value", lambda a: a["block_table"],
                         lambda a: a["positions"].long() + 1, lambda a: a["cmp_slot_mapping"])


class VllmPagedCompressedCache2L(_Base):
    """Paged COMPRESSED caches (bf16, 2 layers, 4 compressions): the compressed K/V of a layer live in pages
    ``[NBc, Pc, N, D]`` (Pc = 2) owned per request through an int32 ``cmp_block_table`` ``[B, 2]``; the new row's slot
    ``cmp_block_table[b, i // Pc] * Pc + i % Pc`` (int64) written through ``cmp.view(-1, N, D)[slot] = where(...)``;
    KV caches split ``[NB, P, N, D]``, int64 positions and block table; pooled ``einsum('bjnd,jn->bnd')``."""
    LAYERS = 2
    Pc = 2
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table") + \
        _names(2, "k_cache", "v_cache") + _names(2, "k_cmp_pages", "v_cmp_pages")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table")

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, *caches):
        l, d, P, N, D, Pc = self.l, self.d, self.P, self.N, self.D, self.Pc
        L = len(self.layers)
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = positions + 1
        p = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pg, of = block_table.gather(1, p // P), p % P
        i_new = ((s - l) // d).clamp(min=0)
        cslot = cmp_block_table[rows, i_new // Pc].long() * Pc + i_new % Pc
        writes = (s >= l) & ((s - l) % d == 0)
        max_cmp = cmp_block_table.shape[1] * Pc
        j = torch.arange(max_cmp, device=s.device)
        own = cmp_block_table.long()[:, j // Pc] * Pc + j % Pc  # [B, max_cmp]
        h = hidden
        for li, layer in enumerate(self.layers):
            kc, vc = caches[2 * li], caches[2 * li + 1]
            kcp, vcp = caches[2 * L + 2 * li], caches[2 * L + 2 * li + 1]
            x, q, k, v = layer.project(h, positions)
            kc.view(-1, N, D)[slot_mapping] = k
            vc.view(-1, N, D)[slot_mapping] = v
            for cache, pages, w in ((kc, kcp, layer.cmp_w_k), (vc, vcp, layer.cmp_w_v)):
                rows_view = pages.view(-1, N, D)
                pooled = torch.einsum("bjnd,jn->bnd", cache[pg, of].float(), w.float()).to(pages.dtype)
                rows_view[cslot] = torch.where(writes[:, None, None], pooled, rows_view[cslot])

            def read(pp, kc=kc, vc=vc):
                g = block_table.gather(1, pp // P)
                return kc[g, pp % P], vc[g, pp % P]

            h = layer.finish(h, x, q, s, read, kcp.view(-1, N, D)[own], vcp.view(-1, N, D)[own], l, d)
        return h

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        g, Pc, N, D = st["g"], self.Pc, self.N, self.D
        max_cmp = st["max_cmp"]
        pages_per_req = (max_cmp + Pc - 1) // Pc
        NBc = B * pages_per_req + 2
        cbt = torch.randperm(NBc, generator=g)[:B * pages_per_req].view(B, pages_per_req)
        named = dict(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                     block_table=st["table"], cmp_block_table=cbt.int())
        for li in range(L):
            named[f"k_cache_{li}"], named[f"v_cache_{li}"] = st["kvs"][2 * li], st["kvs"][2 * li + 1]
            for c, kind in enumerate(("k", "v")):
                src = st["cmps"][2 * li + c]
                paged = _poison(g, (NBc, Pc, N, D), self.dtype)
                flat = paged.view(-1, N, D)
                for b in range(B):
                    for i in range(max_cmp):
                        flat[int(cbt[b, i // Pc]) * Pc + i % Pc] = src[int(st["cmp_table"][b, i])]
                named[f"{kind}_cmp_pages_{li}"] = paged
        return self.pack(**named)

    def specs(self):
        def slots(a):
            s = a["positions"] + 1
            i = ((s - self.l) // self.d).clamp(min=0)
            return a["cmp_block_table"].long()[torch.arange(s.shape[0]), i // self.Pc] * self.Pc + i % self.Pc
        return _kv_specs(self, lambda i, k: f"{k}_cache_{i}", lambda i, k: f"{k}_cmp_pages_{i}",
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, slots,
                         cmp_view=lambda t, k: t.view(-1, t.shape[-2], t.shape[-1]))


class VllmV0SplitXLayoutPerHead(_Base):
    """vLLM v0 PagedAttention layout (fp32, 1 layer): key cache ``[NB, N, D // x, P, x]`` (x = 16 bytes / 4 = 4),
    value cache ``[NB, N, D, P]``; int64 ``seq_lens`` and ``block_tables``; appends ``key_cache[blk, :, :, off, :] =
    k.view(B, N, D // x, x)``, ``value_cache[blk, :, :, off] = v``; the window read in those layouts and reshaped to
    ``[B, l, N, D]``; pooled per head by a Python loop over heads of 1-D @ 3-D ``torch.matmul(w[:, h], win[:, :,
    h])``, stacked on dim 1; ``index_put_`` at ``cmp_slot_mapping`` (-1 padding)."""
    X = 4
    ARGS = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_slot_mapping", "cmp_block_tables",
            "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_slot_mapping", "cmp_block_tables")

    def forward(self, hidden, seq_lens, block_tables, slot_mapping, cmp_slot_mapping, cmp_block_tables, key_cache,
                value_cache, cmp_key, cmp_value):
        l, d, P, N, D, X = self.l, self.d, self.P, self.N, self.D, self.X
        layer = self.layers[0]
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        blk = torch.div(slot_mapping, P, rounding_mode="floor")
        off = slot_mapping % P
        key_cache[blk, :, :, off, :] = k.view(B, N, D // X, X)
        value_cache[blk, :, :, off] = v

        def gather_kv(pos):
            pg = block_tables.gather(1, pos // P)
            o = pos % P
            kk = key_cache[pg, :, :, o, :].reshape(B, pos.shape[1], N, D)
            vv = value_cache[pg, :, :, o]
            return kk, vv

        wpos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_k, win_v = gather_kv(wpos)
        emit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for win, cmp, w in ((win_k, cmp_key, layer.cmp_w_k), (win_v, cmp_value, layer.cmp_w_v)):
            pooled = torch.stack([torch.matmul(w[:, h], win[:, :, h]) for h in range(N)], dim=1)
            cmp.index_put_((cmp_slot_mapping,), torch.where(emit[:, None, None], pooled, cmp[cmp_slot_mapping]))
        return layer.finish(hidden, x, q, seq_lens, gather_kv, cmp_key[cmp_block_tables], cmp_value[cmp_block_tables],
                            l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        N, D, X, P = self.N, self.D, self.X, self.P
        kc = st["kvs"][0]  # [NB, P, N, D]
        NB = kc.shape[0]
        key_cache = kc.view(NB, P, N, D // X, X).permute(0, 2, 3, 1, 4).contiguous()
        value_cache = st["kvs"][1].permute(0, 2, 3, 1).contiguous()
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_tables=st["table"],
                         slot_mapping=_append_slots(st, P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_tables=st["cmp_table"], key_cache=key_cache, value_cache=value_cache,
                         cmp_key=st["cmps"][0], cmp_value=st["cmps"][1])

    def specs(self):
        def kv_view(t, kind):
            if kind == "k":
                NB, N, Dx, P, X = t.shape
                return t.permute(0, 3, 1, 2, 4).reshape(NB, P, N, Dx * X)
            return t.permute(0, 3, 1, 2)
        return _kv_specs(self, lambda i, k: "key_cache" if k == "k" else "value_cache",
                         lambda i, k: "cmp_key" if k == "k" else "cmp_value", lambda a: a["block_tables"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"], kv_view=kv_view)


class HeadMajorPagesFunctionalCopy(_Base):
    """Head-major paged caches ``[N, NB, P, D]`` (fp16, 1 layer; each head's pages contiguous, as per-head kernels
    want): appends ``k_cache[:, blk, off] = k.transpose(0, 1)``; the window ``k_cache[:, pages, offs]`` (``[N, B, l,
    D]``) pooled ``(win.float() * w.float().t()[:, None, :, None]).sum(2)`` then ``transpose(0, 1)``; int32
    ``seq_lens`` / ``block_table``; compressed rows written out of place ``cmp = cmp.index_copy(0, slot, new)`` at
    ``cmp_block_table[rows, i]``; compressed caches returned."""
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "k_cmp", "v_cmp")
    BATCH = ("hidden", "seq_lens", "block_table", "cmp_block_table")

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, k_cmp, v_cmp):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        pos = (seq_lens - 1).long()
        x, q, k, v = layer.project(hidden, pos)
        bt = block_table.long()
        blk, off = bt[rows, pos // P], pos % P
        k_cache[:, blk, off] = k.transpose(0, 1)
        v_cache[:, blk, off] = v.transpose(0, 1)
        sl = seq_lens.long()
        wp = (sl[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = bt.gather(1, wp // P), wp % P
        ready = (sl >= l) & ((sl - l) % d == 0)
        slot = cmp_block_table[rows, ((sl - l) // d).clamp(min=0)]
        new_caches = []
        for cache, cmp, w in ((k_cache, k_cmp, layer.cmp_w_k), (v_cache, v_cmp, layer.cmp_w_v)):
            win = cache[:, pages, offs]  # [N, B, l, D]
            pooled = (win.float() * w.float().t()[:, None, :, None]).sum(2).transpose(0, 1)  # [B, N, D]
            new = torch.where(ready[:, None, None], pooled.to(cmp.dtype), cmp[slot])
            new_caches.append(cmp.index_copy(0, slot, new))
        k_cmp, v_cmp = new_caches

        def read(p):
            g = bt.gather(1, p // P)
            return k_cache[:, g, p % P].permute(1, 2, 0, 3), v_cache[:, g, p % P].permute(1, 2, 0, 3)

        out = layer.finish(hidden, x, q, sl, read, k_cmp[cmp_block_table], v_cmp[cmp_block_table], l, d)
        return out, k_cmp, v_cmp

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), block_table=st["table"].int(),
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0].permute(2, 0, 1, 3).contiguous(),
                         v_cache=st["kvs"][1].permute(2, 0, 1, 3).contiguous(), k_cmp=st["cmps"][0],
                         v_cmp=st["cmps"][1])

    def specs(self):
        res = {"k_cmp": 1, "v_cmp": 2}

        def slots(a):
            s = a["seq_lens"].long()
            return a["cmp_block_table"][torch.arange(s.shape[0]), ((s - self.l) // self.d).clamp(min=0)]
        out = []
        for kind in ("k", "v"):
            kvn, cn = f"{kind}_cache", f"{kind}_cmp"
            out.append(Spec(cn, lambda a, r, kvn=kvn: a[kvn].permute(1, 2, 0, 3),
                            lambda a, r, cn=cn: r[res[cn]] if r is not None else a[cn],
                            lambda m, kind=kind: m._w(0, kind), lambda a: a["block_table"],
                            lambda a: a["seq_lens"], slots))
        return out


# ====================================================================================================
# Near misses: one layer, vLLM split caches, int64 metadata; every row writes (or keeps) its own compressed row
# cmp_block_table[rows, clamp((s - l) // d, 0)]. Each differs from the contract in one place.
# ====================================================================================================

NEAR_MISSES = {
    "stride_taken_as_window": (f16, (48,), (
        "condition (s - l) % l == 0 (the stride taken to be the window length): s = 48 completes a window (l = 32, "
        "d = 16) and the contract writes its row, the model keeps the old one. No weight, slot or table makes the "
        "contract write nothing on a completing row (its slot is in range and the pooled row is written), so it "
        "differs wherever a length 48 is in the batch (inputs searched for one).")),
    "condition_on_position": (f16, (), (
        "the condition tests the position s - 1 instead of the length s ((s - 1 >= l) & ((s - 1 - l) % d == 0)), "
        "while the window is the last l tokens: at s = 33 (always in gen_state's batch) the model overwrites the "
        "request's row 0 with a new window, where the contract writes nothing for any slot (a non-completing row "
        "writes no row); at s = 32 / 48 / 64 the contract writes and the model keeps. Weight, slots and table cannot "
        "change which rows write.")),
    "bf16_products": (bf16, (), (
        "products rounded to bf16 before the fp32 sum ((tok * w).float().sum(1)): each product rounded to bf16 is a "
        "different value than the fp32 product for generic tokens, and no bf16 weight makes fp32(w) * fp32(x) round "
        "like bf16(w * x) for all x; the sums differ in the last bits of the bf16 result.")),
    "truncating_round": (bf16, (), (
        "the fp32 sum rounded to bf16 by truncating the low 16 bits (acc.view(int32) & 0xFFFF0000) instead of "
        "round-to-nearest-even: about half of the elements differ by one bf16 ulp; the rounding is a fixed map after "
        "the sum, no weight, slot or table choice changes it.")),
    "masked_multiply_write": (f16, (), (
        "no keep: every row writes pooled * valid (cmp[slot] = pooled * valid), so rows that do not complete get 0 "
        "(or NaN from poisoned window tokens times 0) in their own old compressed row, which the contract never "
        "writes for any slot choice (a non-completing row writes nothing, and its old row holds data).")),
    "softmax_weight_fp32": (f16, (), (
        "the pooling weight is softmax(w.float(), dim=0) kept in fp32 (never rounded to fp16): the products use "
        "weights that are not fp16 values, so no [l, N] fp16 weight (the contract's) gives the same products; the "
        "golden uses the fp16-rounded softmax, the closest contract weight, and the results differ.")),
    "linear_with_bias": (f16, (), (
        "the compression is an nn.Linear(l, 1) WITH bias over the window dim (F.linear(..., w, b)): an affine "
        "pooling, b + sum w x; the contract is linear in the tokens (all-zero tokens give 0 for every weight), so "
        "no weight, slot or table reproduces the bias term.")),
    "page_chunked_fp32_sums": (f32, (), (
        "fp32 model whose window sum is written out per page: each page's products summed in window order from "
        "+0.0, then the two page partials added (acc_page0 + acc_page1): an order written in the code, not the "
        "contract's j = 0 .. l-1 chain from +0.0; in fp32 (no final rounding) the reassociation changes the last bit "
        "of many elements. Weights, slots and tables do not change the order of the adds.")),
    "rope_on_compressed_key": (f16, (), (
        "K only (1 compression; V is not compressed): the pooled fp32 key is rotated by rotary at the block's last "
        "position s - 1 before the one rounding (some NSA ports put RoPE on compressed keys). The rotation mixes "
        "element e with e + D/2 with sin(s - 1) != 0 (s - 1 >= 31 on every completing row), while the contract's "
        "weight acts per (window position, head) and is the same for every element of a head, so no weight, slot or "
        "table gives the rotated row.")),
}


class NearMiss(_Base):
    """A one-layer vLLM-style step with one deviation from the contract (``bug``; see NEAR_MISSES)."""
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "cmp_key", "cmp_value")
    BATCH = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype, bug, need=(), **kw):
        super().__init__(dtype, **kw)
        self.bug, self.need = bug, need
        if bug == "linear_with_bias":
            self.k_compress = nn.Linear(self.l, 1)
            self.v_compress = nn.Linear(self.l, 1)
            g = torch.Generator().manual_seed(11)
            with torch.no_grad():
                for lin in (self.k_compress, self.v_compress):
                    lin.weight.copy_((0.5 + torch.rand(1, self.l, generator=g)) / self.l)
                    lin.bias.copy_(0.25 + 0.5 * torch.rand(1, generator=g))
            self.to(dtype).requires_grad_(False)

    def _w(self, i, kind):
        w = super()._w(i, kind)
        if self.bug == "softmax_weight_fp32":
            return torch.softmax(w.float(), dim=0).to(self.dtype)
        if self.bug == "linear_with_bias":
            lin = self.k_compress if kind == "k" else self.v_compress
            return lin.weight.t().expand(self.l, self.N)
        return w

    def _pool(self, win, w, kind):
        l, bug = self.l, self.bug
        if bug == "bf16_products":
            return (win * w[None, :, :, None]).float().sum(1)
        if bug == "softmax_weight_fp32":
            return (win.float() * torch.softmax(w.float(), dim=0)[None, :, :, None]).sum(1)
        if bug == "linear_with_bias":
            lin = self.k_compress if kind == "k" else self.v_compress
            return F.linear(win.float().permute(0, 2, 3, 1), lin.weight.float(), lin.bias.float()).squeeze(-1)
        if bug == "page_chunked_fp32_sums":
            half = l // 2
            parts = []
            for lo in (0, half):
                acc = torch.zeros_like(win[:, 0], dtype=torch.float32)
                for j in range(lo, lo + half):
                    acc = acc + w[j].float()[None, :, None] * win[:, j].float()
                parts.append(acc)
            return parts[0] + parts[1]
        return (win.float() * w.float()[None, :, :, None]).sum(1)

    def _round(self, acc, dtype):
        if self.bug == "truncating_round":
            return (acc.contiguous().view(torch.int32) & -65536).view(torch.float32).to(dtype)
        return acc.to(dtype)

    def _valid(self, s):
        l, d = self.l, self.d
        if self.bug == "stride_taken_as_window":
            return (s >= l) & ((s - l) % l == 0)
        if self.bug == "condition_on_position":
            p = s - 1
            return (p >= l) & ((p - l) % d == 0)
        return (s >= l) & ((s - l) % d == 0)

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, key_cache, value_cache, cmp_key,
                cmp_value):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        key_cache.view(-1, N, D)[slot_mapping] = k
        value_cache.view(-1, N, D)[slot_mapping] = v
        pos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = block_table.gather(1, pos // P), pos % P
        valid = self._valid(seq_lens)
        slot = cmp_block_table[rows, ((seq_lens - l) // d).clamp(min=0, max=cmp_block_table.shape[1] - 1)]
        for kind, cache, cmp, w in (("k", key_cache, cmp_key, layer.cmp_w_k), ("v", value_cache, cmp_value,
                                                                                 layer.cmp_w_v)):
            if kind not in self._kinds():
                continue
            acc = self._pool(cache[pages, offs], w, kind)
            if self.bug == "rope_on_compressed_key":
                acc = rotary(acc, seq_lens - 1)
            pooled = self._round(acc, cmp.dtype)
            if self.bug == "masked_multiply_write":
                cmp[slot] = pooled * valid[:, None, None].to(cmp.dtype)
            else:
                cmp[slot] = torch.where(valid[:, None, None], pooled, cmp[slot])

        def read(p):
            g = block_table.gather(1, p // P)
            return key_cache[g, p % P], value_cache[g, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_key[cmp_block_table], cmp_value[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        for k in range(200):
            st = self.state(B, seed + 1000 * k, 2)
            if all(bool((st["s"] == n).any()) for n in self.need):
                break
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0],
                         value_cache=st["kvs"][1], cmp_key=st["cmps"][0], cmp_value=st["cmps"][1])

    def _kinds(self):
        return ("k",) if self.bug == "rope_on_compressed_key" else ("k", "v")

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return a["cmp_block_table"][torch.arange(s.shape[0]), ((s - self.l) // self.d).clamp(min=0)]
        out = _kv_specs(self, lambda i, k: "key_cache" if k == "k" else "value_cache",
                        lambda i, k: "cmp_key" if k == "k" else "cmp_value", lambda a: a["block_table"],
                        lambda a: a["seq_lens"], slots)
        return [sp for sp in out if sp.name[len("cmp_")] in "".join(self._kinds())]


MODEL_CASES = [
    _case("vllm_split_bmm_2l", VllmSplitBmm2L, "fuse", 4, f16, VllmSplitBmm2L.__doc__, layers=2),
    _case("vllm_stacked_unbind_loop_2l", VllmStackedUnbindLoop2L, "fuse", 4, bf16, VllmStackedUnbindLoop2L.__doc__,
          layers=2),
    _case("flashinfer_hnd_padded_indptr_2l", FlashinferHndPaddedIndptr2L, "fuse", 4, f16,
          FlashinferHndPaddedIndptr2L.__doc__, layers=2),
    _case("sglang_token_pool_sumprod_2l", SglangTokenPoolSumProd2L, "fuse", 4, bf16, SglangTokenPoolSumProd2L.__doc__,
          layers=2),
    _case("hf_dense_head_major_matmul", HfDenseHeadMajorMatmul, "fuse", 2, f16, HfDenseHeadMajorMatmul.__doc__),
    _case("deepseek_latent_matmul_right_2l", DeepseekLatentMatmulRight2L, "fuse", 2, bf16,
          DeepseekLatentMatmulRight2L.__doc__, layers=2),
    _case("ascend_vendor_einsum_3l", AscendVendorEinsum3L, "fuse", 6, f16, AscendVendorEinsum3L.__doc__, layers=3),
    _case("flashinfer_nhd_buffer_weights_2l", FlashinferNhdBufferWeights2L, "fuse", 4, bf16,
          FlashinferNhdBufferWeights2L.__doc__, layers=2),
    _case("lucidrains_functional_fp32", LucidrainsFunctionalFp32, "fuse", 2, f32, LucidrainsFunctionalFp32.__doc__),
    _case("flat_token_mean_pool", FlatTokenMeanPool, "fuse", 2, f16, FlatTokenMeanPool.__doc__),
    _case("hf_cache_class_linear_shared", HfCacheClassLinearShared, "fuse", 2, f16,
          HfCacheClassLinearShared.__doc__),
    _case("vllm_cudagraph_pad_last_block", VllmCudaGraphPadLastBlock, "fuse", 2, bf16,
          VllmCudaGraphPadLastBlock.__doc__),
    _case("vllm_paged_compressed_cache_2l", VllmPagedCompressedCache2L, "fuse", 4, bf16,
          VllmPagedCompressedCache2L.__doc__, layers=2),
    _case("vllm_v0_x_layout_per_head", VllmV0SplitXLayoutPerHead, "fuse", 2, f32, VllmV0SplitXLayoutPerHead.__doc__),
    _case("head_major_pages_functional_copy", HeadMajorPagesFunctionalCopy, "fuse", 2, f16,
          HeadMajorPagesFunctionalCopy.__doc__),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 1 if bug == "rope_on_compressed_key" else 2, dt, note, bug=bug,
          need=need)
    for bug, (dt, need, note) in NEAR_MISSES.items()
]


def check_eager(B=8, seed=0, log=print):
    """Positives equal the golden (bit for bit, or within fp tolerance where torch picks the sum order); near
    misses differ from it in every compressed cache."""
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
