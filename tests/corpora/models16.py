"""A sixteenth blind corpus of whole NSA decode models (``models16``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / "How to write model code that fuses" / Troubleshooting sections and public serving code (vLLM,
vllm-ascend, SGLang, FlashInfer, HF transformers, DeepSeek, lucidrains, fla), without reading the recogniser, its
tests or the other corpora's models (only the file format: ``models8``'s and ``models15``'s module docstrings,
``run_models``' docstring and flags, and the shared building blocks of ``models3``/``models4`` that this file
imports: ``Spec``, ``golden``/``caches``, ``gen_state``, ``_flat_state``, ``_poison``, ``DecodeModel``, ``Layer``,
``_append_slots``, ``_dense_state``, ``_case``, ``check_cases``). Every model is one decode step of a 1-3 layer
decoder: RMSNorm, projections, rotary, the new token's K/V (or an MLA latent) appended to the layer's cache, K and V
(or the latent) compressed into compressed caches (the contract, in the idiom of that stack), then compressed,
selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``). Sizes: l = 32, d = 16, P = 16,
MP = 4, N = 2, D = 32 (SGLang: P = 1, 64 tokens; MLA: N = 1, C = 64 or C + R = 80), B = 8.

Positives (15; 7 multi-layer: 2, 3, 2, 2, 2, 2, 2 layers; fp16 x 9, bf16 x 5, fp32 x 1; 42 compressions per run):

* ``vllm_unbind_vecdot_2l`` (fp16, 2 layers): vLLM v1 ``[2, NB, P, N, D]`` per layer, ``unbind(0)``, appends
  ``key_cache.flatten(0, 1)[slot_mapping] = k``; window by flat token ids read with ``index_select`` +
  ``view(B, l, N, D)``; pooled by ``torch.linalg.vecdot`` over the window dim; ``index_put_`` at int64
  ``cmp_slot_mapping`` (-1 padding);
* ``ascend_vendor_fallback_3l`` (fp16, 3 layers, 6 compressions): vllm-ascend split caches, int32 ``seq_lens`` /
  ``slot_mapping`` / ``block_tables`` / ``cmp_slot_mapping`` (padding rows on a reserved dummy row, the last one),
  appends ``view(-1, N, D).scatter_``; compression by a module-level torch fallback with ``npu_nsa_compress_infer``'s
  signature (window-order fp32 loop, ``index_select`` keep, ``scatter_`` write);
* ``sglang_pool_sum_scale`` (fp16): SGLang page-size-1 ``[T, N, D]`` pools, int32 ``req_to_token`` /
  ``cmp_req_to_token``, pooled as ``tokens.float().sum(1) * (1.0 / l)`` (the contract with the constant weight 1/32,
  a power of two), ``index_copy_`` at the request's own compressed row;
* ``flashinfer_ragged_last_page_2l`` (bf16, 2 layers): FlashInfer NHD ``[NP, 2, P, N, D]``, int32 ``kv_indptr`` /
  ``kv_indices`` / ``kv_last_page_len``, lengths as ``get_seq_lens`` computes them, append at the last page,
  ``[N, l]`` weights, ``einsum('bjnd,nj->bnd')``, ``cmp[slot] = where(...)`` (``kv_indptr`` has B + 1 rows: the batch
  cannot stay symbolic under ``mark_dynamic``, n/a there, accepted beforehand);
* ``hf_dense_gather_fp32_2l`` (fp32, 2 layers): dense ``[B, T, N, D]`` caches, ``scatter_`` append along dim 1,
  window ``gather(1, idx)``, ``torch.matmul(w.t()[None, :, None, :], window.permute(0, 2, 1, 3))``, compressed
  ``[B, max_cmp, N, D]`` written ``scatter_`` along dim 1 (keep from ``gather``);
* ``deepseek_latent_matmul_2l`` (bf16, 2 layers): MLA latent ``[NB, P, C]`` (no head dim), 2-D advanced indexing
  ``block_table[rows[:, None], p // P]``, a ``[l]`` weight parameter, ``torch.matmul(w.float(), window.float())``
  (1-D @ 3-D), ``[S, C]`` compressed ``index_put_`` at ``cmp_block_table[rows, i]``;
* ``lucidrains_functional_scatter`` (bf16): out-of-place ``Tensor.scatter`` appends (flat token view) and
  compressed writes (keep from ``gather``), ``(tok.float() * w.float()[None, :, :, None]).sum(1)``, caches returned;
* ``vllm_cudagraph_null_block_2l`` (fp16, 2 layers): CUDA-graph padded batch (2 pad rows: position -1, int32 table
  row all 0 = the reserved null block, appends into null-block slots 0 and 1, compressed slot -1),
  ``view(-1, N, D).index_copy_`` appends, ``(win.transpose(1, 2) * w.t()[None, :, :, None]).sum(2)``,
  ``index_put_(..., accumulate=False)``;
* ``sglang_mla_pool_loop`` (fp16): SGLang ``MLATokenToKVPool`` ``[T, 1, C]``, int32 tables, window-order loop
  reading one ``req_to_token`` column per step, ``[l, 1]`` weight, ``cbuf[cloc] = where(...)``;
* ``ascend_flat_heads_pa`` (fp16): vllm-ascend PA layout with flattened heads ``[NB, P, N * D]``, int32 metadata
  used as int32 indices, ``view(B, l, N, D)`` window, ``torch.sum(x.float() * w.float().unsqueeze(-1), dim=1)``,
  compressed caches ``[S, N * D]``;
* ``hf_paged_cache_class_bmm`` (bf16): an HF-port ``PagedCache`` class built per step (``update`` /
  ``compress``), ``index_copy_`` appends, ``torch.bmm`` pooling (``[B*N, 1, l] @ [B*N, l, D]``), weights as
  persistent module BUFFERS in ``[N, l]`` layout, ``index_copy_`` compressed write (keep ``index_select``);
* ``hf_head_major_reduce_chain`` (fp16): HF static-cache layout ``[B, N, T, D]``, append ``k_cache[rows, :, pos] =
  k``, window read one position at a time, ``functools.reduce(operator.add, products)`` in window order,
  ``cmp[rows, i] = where(...)`` into ``[B, max_cmp, N, D]``;
* ``fla_dense_flat_token_ids`` (fp16): dense ``[B, T, N, D]`` state addressed as a flat pool, int32 ``seq_lens``,
  token ids ``rows * T + p``, ``einsum('bjnd,jn->bnd')``, compressed rows ``rows * max_cmp + i`` of the flat view;
* ``vllm_stacked_layers_add_loop_2l`` (bf16, 2 layers): ONE tensor for all layers' caches ``[L, 2, NB, P, N, D]``
  and compressed caches ``[L, 2, S, N, D]``, int32 positions / table / compressed slots (-1 padding), append
  ``kv_caches[i, :, blk, off] = stack((k, v))``, window-order loop with in-place ``acc.add_``;
* ``deepseek_latent_rope_row`` (fp16): MLA rows ``cat(kv_c, k_pe)`` ``[NB, P, 80]`` compressed whole, ``[l, 1]``
  weight, ``(window.float() * w.float()).sum(1)``, ``index_copy_`` at the own row (keep ``index_select``).

Near misses (9; one layer, vLLM split caches, every row writes its own compressed row ``cmp_block_table[rows, (s -
l) // d]``; each ``note`` argues why no weight / slot / table choice makes it the contract):
``window_from_positions`` (window s - l - 1 .. s - 2; page-aligned windows make the contract read 2 whole pages, the
model 3), ``no_length_guard`` (writes at s = l - d), ``strict_greater`` (``s > l``: nothing at s = l),
``bf16_running_sum`` (bf16 accumulator), ``weight_by_abs_position`` (``w[p % l]``), ``double_round_bf16`` (fp32 ->
bf16 -> fp16), ``mean_wrong_count`` (``sum / (l - 1)``), ``index_add_write`` (``index_add_`` into the old row),
``new_token_unrotated`` (the K window's newest token taken before rotary; K only, 1 compression).

Inputs: ``models3.gen_state`` (B = 8, 4 completing rows, poisoned unread positions and kept rows; the near misses
that need a length, s = 32 or s = 48 completing, search seeds deterministically). Before the first try (nothing of
the pass run): every positive's compressions checked against ``nsa_fusion.compress_infer`` with value checks on
(valid input, equal to the golden bit for bit) for seeds 0-3, every near miss differing from the golden in every
compressed cache for seeds 0-3 (``/tmp/m16/validate.py``); every case compiled with ``backend="eager"`` under
``mark_dynamic`` on its batch inputs and under ``dynamic=True`` (``/tmp/m16/dyncheck.py``): all fine except
``flashinfer_ragged_last_page_2l`` under ``mark_dynamic`` (``ConstraintViolationError``: ``kv_indptr`` [B + 1]
specializes the batch; accepted n/a). ``check_eager()`` (``python tests/corpora/models16.py``): positives equal the
golden bit for bit (within fp tolerance for ``hf_dense_gather_fp32_2l`` and ``ascend_flat_heads_pa``'s K, sums in
torch's order), near misses differ in every compressed cache.

First try, 2026-12-05 10:20-10:48 UTC, on the frozen base 8aa542f (``/tmp/base34``: ``/tmp/base36`` did not exist at
10:20 UTC, so per the brief base34 was used instead; ``PYTHONPATH=/tmp/base34``, ``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``,
``OMP_NUM_THREADS=1``, this file copied unchanged into ``/tmp/base34/tests/corpora/``; nothing changed after seeing
results but this docstring): eager check, then ``run_models.py --corpus models16 --dialects inductor,torchair`` with
``--dynamic static``, ``batch``, ``all`` (sequential, script ``/tmp/m16/first.sh``), B = 8; log
``/tmp/models16_first.log``, results ``/tmp/models16_first_{static,batch,all}.json``. Positives with EVERY compression
fused and bit-exact / applicable; near misses fused; crashes (an error with the pass); n/a (the mode fails with the
pass off too):

    dialect  mode           positives   near misses fused  crashes  n/a
    inductor static         12/15       0/9                0        0
    inductor mark_dynamic   11/14       0/9                0        1 (flashinfer_ragged_last_page_2l)
    inductor dynamic=True   11/15       0/9                0        0
    torchair static         12/15       0/9                0        0
    torchair mark_dynamic   11/14       0/9                0        1 (flashinfer_ragged_last_page_2l)
    torchair dynamic=True   11/15       0/9                0        0
    TOTAL: 68/88 applicable positive runs (77 %) with every compression fused and bit-exact (90 positive runs, 2
    n/a); every applicable run that fused anything fused every compression and was bit-exact to the golden (68/68);
    near misses: 0/54 runs fused; no crash; dynamo made 1 graph in every run.
    (The runner's own TOTAL lines: static 24/30, batch 22/28 with 2 not applicable, all 22/30; near-miss runs fused
    0/18 in each.)

The n/a runs: ``flashinfer_ragged_last_page_2l`` under ``mark_dynamic`` (both dialects) fails with
``ConstraintViolationError`` with the pass off as well: ``kv_indptr`` has B + 1 rows and is not marked, so the batch
is specialized to 8 (foreseen and accepted before the first try, see above; it fused 4/4 bit-exact in the other 4 runs).

The positive misses, with the pass's reason verbatim (the runner's JSON):

* ``hf_dense_gather_fp32_2l`` (6/6 runs, 0/4 fused): ``roles: the gather does not read exactly one [B, max_pages]
  block table: none @ unsqueeze_19 (aten.unsqueeze.default)`` (and ``unsqueeze_26``, ``unsqueeze_75``,
  ``unsqueeze_82``; the same in every dialect and mode). Judgement: a GAP. The dense ``[B, T, N, D]`` cache read with
  ``gather(1, idx)`` is the contract with ``block_table = arange(B)[:, None]``, P = T and the compressed cache
  ``cmp.flatten(0, 1)`` at slots ``b * max_cmp + i`` (checked against ``compress_infer`` with value checks before the
  first try); the pass wants an explicit block table. The same family as models8's ``hf_static_unfold``.
* ``fla_dense_flat_token_ids`` (6/6 runs, 0/2 fused): static and mark_dynamic: ``roles: the gather does not read
  exactly one [B, max_pages] block table: none @ convert_element_type_20 (prims.convert_element_type.default)``
  (torchair ``@ _to_copy_12 (aten._to_copy.default)``); dynamic=True: ``write: the slots are shifted with
  aten.add.Tensor and not brought back by a remainder by the number of cache rows: written rows' slots may leave [0,
  num_slots), where the op raises and eager indexes Python-style @ add_276 (aten.add.Tensor)`` (torchair
  ``add_273``). Judgement: a GAP. Token ids ``rows * T + p`` into the flat view of a dense ``[B, T, N, D]`` state are
  the contract with P = T and ``block_table = arange(B)[:, None]``; the compressed rows ``rows * max_cmp + i`` with
  ``i`` clamped to ``[0, max_cmp - 1]`` are distinct and inside the ``B * max_cmp`` rows of the flat view, which the
  pass does not prove under symbolic sizes (a conservative refusal, no wrong result).
* ``hf_head_major_reduce_chain`` (6/6 runs, 0/2 fused): ``pooling: the window sum is written out (adds) in another
  order than the op's, j = 0 .. l-1 starting from +0.0 @ convert_element_type_50 (prims.convert_element_type.default)``
  (torchair ``@ _to_copy_42 (aten._to_copy.default)``). Judgement: DEFENSIBLE, partly my model's edge. The chain
  ``functools.reduce(operator.add, products)`` is ``p0 + p1 + ... + p31``; the contract's is ``+0.0 + p0 + ...``. The
  two differ only where every product is -0.0 (the chain gives -0.0, the op +0.0): IEEE-equal, so equal under the
  contract's own definition of "exactly" (IEEE equality), but not the same bits, and the pass matches written-out
  orders bit for bit. I wrote it believing IEEE equality suffices; the pass's stricter reading is safe. (models15's
  builtin ``sum()``, which starts from 0, fused.) Counter-experiment after the first try (``/tmp/m16/diag_chain.py``,
  scratch subclass, ONE change: ``functools.reduce(operator.add, products, torch.zeros(B, N, D))``; ``explain`` with
  ``NSA_FUSION_FUSE_SMALL=1``): ``2 fused, 0 refused``, so the head-major dense ``[B, N, T, D]`` read through
  ``rows`` is followed and only the missing +0.0 start is refused.
* ``ascend_flat_heads_pa`` (dynamic=True only, both dialects, 0/2; static and mark_dynamic fused 2/2 bit-exact):
  ``gather: the new row b may depend on other rows, the row number or the batch size, not only on row b's own inputs
  (mul_83 (aten.mul.Tensor) mixes or reshapes batch rows) @ convert_element_type_22
  (prims.convert_element_type.default)`` and, for the other compression, ``gather: the new rows could not be evaluated
  at lengths [64, 48, 64, 48]...: IndexError: index 505355456 is out of bounds for dimension 0 with size 560 While
  executing %index_put_default : [num_users=1] = call_function[target=torch.ops.aten.index_put.default](args =
  (%reshape_default, [%leaf6_arg11_1], %mm_default), kwargs = {}) ... @ convert_element_type_25`` (torchair
  ``mul_81`` / ``index 505355600`` at ``_to_copy_14`` / ``_to_copy_17``). Judgement: a GAP under symbolic sizes
  (conservative, no wrong result): the window ``cache[pages, offs].view(B, l, N, D)`` of a flattened-heads ``[NB, P,
  N * D]`` cache reshapes over symbolic sizes, which the pass reads as mixing batch rows. The second reason is a
  robustness finding in the pass's own evaluator: while evaluating the new rows at probe lengths it executed an
  ``index_put`` on a graph input's index (apparently the KV append ``view(-1, N * D).index_put_((slot_mapping,),
  ...)``; I did not check which input ``arg11_1`` is) holding a value far outside the 560 token rows (505355456) and
  got an ``IndexError``; the compile survived and the
  step was refused, so no crash, but the probe's inputs are not valid inputs for that append.

Other findings:

* eager_equal: ``flashinfer_ragged_last_page_2l`` under Inductor (static and dynamic=True; also the n/a
  mark_dynamic runs) is not eager-equal although its 4 compressed caches are bit-exact to the golden; with
  ``NSA_FUSION_DISABLE=1`` plain Inductor is not eager-equal either (static and dynamic=True, 0 fused, caches equal
  to the golden: ``/tmp/models16_disable_flashinfer.json``, log ``/tmp/m16/disable.log``): plain Inductor's bf16
  numerics over 2 layers, not the pass. torchair runs are eager-equal. Every other run (all 54 near-miss runs
  included) was eager-equal.
* Near misses: 0/54 runs fused, so no golden re-check with other weights / slots was needed. The pass's reasons
  (Inductor static, first of two): window_from_positions ``gather: the window tokens read by convert_element_type_22
  are not the last l=32 tokens of each sequence (checked at lengths [64, 48, 64, 48]...)``; no_length_guard ``mask:
  the condition selects lengths [0, 16, 32, 48]..., not a window length l >= stride d > 0``; strict_greater ``mask:
  the condition selects windows of l=48 (stride 16) but the weight arg11_1 [32, 2] has 32 positions: the condition is
  not s >= l and (s - l) % d == 0 for the pooled window``; bf16_running_sum ``dtype: arithmetic on a value already
  rounded to the cache dtype: the sum is rounded more than once @ add_8``; weight_by_abs_position ``weight: the
  weight is computed by aten.index.Tensor before the pooling``; double_round_bf16 ``dtype: the pooled value is cast
  to torch.bfloat16``; mean_wrong_count ``pooling: aten.div.Tensor scales token values by a constant besides the
  weight: its rounding (and overflow) is not the op's``; index_add_write ``keep: no masked select (torch.where)
  before the write ...`` and ``write: the write accumulates into the cache (index_put accumulate=True)``;
  new_token_unrotated ``gather: the new row b may depend on other rows, the row number or the batch size, not only
  on row b's own inputs (cat_2 (aten.cat.default) mixes or reshapes batch rows)`` and ``keep: no masked select
  (torch.where) before the write ...``. Each is the right part of the contract to reject.
* Idioms that fused bit-exact in every applicable run (6/6, flashinfer 4/4): ``torch.linalg.vecdot`` pooling over an
  ``index_select``-ed flat window (2 layers); a module-level torch fallback with ``npu_nsa_compress_infer``'s signature
  over 3 layers (6/6 compressions per run, int32 metadata, ``scatter_`` appends and writes, a reserved dummy padding
  row); ``sum(1) * (1.0 / l)`` as a constant-weight pooling; FlashInfer ragged ``kv_indptr`` / ``kv_indices`` /
  ``kv_last_page_len`` with ``get_seq_lens`` lengths and a last-page append (2 layers); a head-less MLA latent with a
  ``[l]`` weight pooled by ``torch.matmul`` 1-D @ 3-D, also under dynamic=True (models15's ``einsum('blc,l->bc')``
  spelling was refused there); out-of-place ``Tensor.scatter`` appends and compressed writes; a CUDA-graph padded
  batch with a null block 0 and ``transpose(1, 2) ... .sum(2)`` (2 layers); an SGLang MLA token pool loop; an HF cache
  class with ``torch.bmm`` and ``[N, l]`` weight BUFFERS; one all-layer ``[L, 2, NB, P, N, D]`` cache tensor with an
  in-place ``acc.add_`` loop (2 layers); an 80-wide MLA ``cat(kv_c, k_pe)`` row.

Repro: ``cd /tmp/base34 && PYTHONPATH=$PWD TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1
/work/main/.venv/bin/python tests/corpora/run_models.py --corpus models16 --only
hf_dense_gather_fp32_2l,fla_dense_flat_token_ids,hf_head_major_reduce_chain,ascend_flat_heads_pa --dynamic
static,all`` (with this file in ``/tmp/base34/tests/corpora``); the eager_equal check with ``NSA_FUSION_DISABLE=1
... --only flashinfer_ragged_last_page_2l --dialects inductor --dynamic static,all``.
"""
from __future__ import annotations

import functools
import operator
import os
import sys
from pathlib import Path

import torch
import torch.nn as nn

_HERE = os.path.dirname(os.path.abspath(__file__))
# appended, not put first: run with PYTHONPATH=/tmp/baseNN so the frozen tree's nsa_fusion and tests win
for _p in (_HERE, str(Path(_HERE).parents[1])):
    if _p not in sys.path:
        sys.path.append(_p)

from models3 import Spec, _flat_state  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, check_cases  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


class _Base(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)


def _kv_specs(model, n_layers, kv, cache, weight, table, lengths, slots, names=("k", "v")):
    """One Spec per (layer, K/V): the callables take (layer, which) first."""
    out = []
    for i in range(n_layers):
        for t, nm in enumerate(names):
            out.append(Spec(f"{nm}{i}",
                            lambda a, r, i=i, t=t: kv(a, r, i, t),
                            lambda a, r, i=i, t=t: cache(a, r, i, t),
                            lambda m, i=i, t=t: weight(m, i, t),
                            table, lengths, slots))
    return out


def _w(m, i, t):
    return m.layers[i].cmp_w_k if t == 0 else m.layers[i].cmp_w_v


# ---------------------------------------------------------------------------------------------------------------
# positives
# ---------------------------------------------------------------------------------------------------------------

class VllmUnbindVecdot2L(_Base):
    """vLLM v1 FlashAttention layout ``[2, NB, P, N, D]`` per layer (fp16, 2 layers, K and V compressed in both),
    ``kv_cache.unbind(0)``, appends ``key_cache.flatten(0, 1)[slot_mapping] = k``; the window by flat token ids
    ``block_table.gather(1, p // P) * P + p % P`` read with ``index_select`` and ``view(B, l, N, D)``; pooled with
    ``torch.linalg.vecdot`` over the window (last) dim against ``w.t()``; ``index_put_`` at ``cmp_slot_mapping``
    (int64, -1 padding)."""
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:6]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache_0=torch.stack(kvs[0:2]), kv_cache_1=torch.stack(kvs[2:4]),
                         cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3])

    def specs(self):
        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a[f"kv_cache_{i}"][t],
                         lambda a, r, i, t: a[f"cmp_{'kv'[t]}_{i}"], _w, lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])

    def compress(self, cache, weight, seq_lens, block_table, cmp_slot_mapping, cmp_cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[2], cache.shape[3]
        token_pos = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        token_ids = block_table.gather(1, token_pos // P) * P + token_pos % P
        window = cache.flatten(0, 1).index_select(0, token_ids.flatten()).view(B, l, N, D)
        pooled = torch.linalg.vecdot(window.float().permute(0, 2, 3, 1), weight.float().t()[None, :, None, :])
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        new = torch.where(done[:, None, None], pooled.to(cmp_cache.dtype), cmp_cache[cmp_slot_mapping])
        cmp_cache.index_put_((cmp_slot_mapping,), new)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        kv_caches = (kv_cache_0, kv_cache_1)
        cmp_caches = ((cmp_k_0, cmp_v_0), (cmp_k_1, cmp_v_1))
        P = self.P
        seq_lens = positions + 1
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_caches[i].unbind(0)
            key_cache.flatten(0, 1)[slot_mapping] = k
            value_cache.flatten(0, 1)[slot_mapping] = v
            ck, cv = cmp_caches[i]
            self.compress(key_cache, layer.cmp_w_k, seq_lens, block_table, cmp_slot_mapping, ck)
            self.compress(value_cache, layer.cmp_w_v, seq_lens, block_table, cmp_slot_mapping, cv)

            def read(pos, kc=key_cache, vc=value_cache):
                ids = block_table.gather(1, pos // P) * P + pos % P
                return kc.flatten(0, 1)[ids], vc.flatten(0, 1)[ids]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_block_table], cv[cmp_block_table], self.l, self.d)
        return h


def _nsa_compress_infer_torch(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                              block_table, actual_seq_len, cache):
    """A torch fallback with torch_npu.npu_nsa_compress_infer's (cache overload) signature, as a vllm-ascend
    model file keeps one for CPU tests: window-order fp32 loop, scatter_ write."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    s = actual_seq_len.to(torch.int64)
    B, N, D = s.shape[0], input.shape[2], input.shape[3]
    w = weight.float()
    acc = torch.zeros(B, N, D, dtype=torch.float32, device=input.device)
    for j in range(l):
        p = (s - l + j).clamp(min=0)
        page = block_table.gather(1, (p // P)[:, None]).squeeze(1).long()
        acc = acc + w[j][None, :, None] * input[page, p % P].float()
    valid = (s >= l) & ((s - l) % d == 0)
    slot = slot_mapping.long()
    new = torch.where(valid[:, None, None], acc.to(cache.dtype), cache.index_select(0, slot))
    cache.scatter_(0, slot[:, None, None].expand(B, N, D), new)
    return cache


class AscendVendorFallback3L(_Base):
    """vllm-ascend (fp16, 3 layers, 6 compressions): split ``[NB, P, N, D]`` caches per layer, int32 ``seq_lens`` /
    ``slot_mapping`` / ``block_tables`` / ``cmp_slot_mapping`` (padding rows point at a reserved dummy row, the last
    one); appends ``key_cache.view(-1, N, D).scatter_(0, slot, key)`` (``scatter_update_``-style); compression by a
    module-level torch fallback with ``npu_nsa_compress_infer``'s signature (window-order fp32 loop,
    ``index_select`` keep, ``scatter_`` write)."""
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "k_cache_0", "v_cache_0", "k_cache_1", "v_cache_1", "k_cache_2", "v_cache_2",
            "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1", "cmp_k_2", "cmp_v_2")
    BATCH = ARGS[:6]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 6)
        kvs, cmps = st["kvs"], st["cmps"]
        cmp_slot = torch.where(st["cmp_slot"] >= 0, st["cmp_slot"], st["S"] - 1)
        named = dict(hidden=st["hidden"], seq_lens=st["s"].int(), slot_mapping=_append_slots(st, self.P).int(),
                     block_tables=st["table"].int(), cmp_slot_mapping=cmp_slot.int(),
                     cmp_block_tables=st["cmp_table"].int())
        for i in range(3):
            named[f"k_cache_{i}"], named[f"v_cache_{i}"] = kvs[2 * i], kvs[2 * i + 1]
            named[f"cmp_k_{i}"], named[f"cmp_v_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a[f"{'kv'[t]}_cache_{i}"],
                         lambda a, r, i, t: a[f"cmp_{'kv'[t]}_{i}"], _w, lambda a: a["block_tables"].long(),
                         lambda a: a["seq_lens"].long(), lambda a: a["cmp_slot_mapping"].long())

    def forward(self, hidden, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables, *caches):
        kv = caches[:6]
        cmp = caches[6:]
        N, D, P = self.N, self.D, self.P
        positions = seq_lens.long() - 1
        slot_idx = slot_mapping.long()[:, None, None].expand(-1, N, D)
        h = hidden
        for i, layer in enumerate(self.layers):
            key_cache, value_cache = kv[2 * i], kv[2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            key_cache.view(-1, N, D).scatter_(0, slot_idx, k)
            value_cache.view(-1, N, D).scatter_(0, slot_idx, v)
            ck, cv = cmp[2 * i], cmp[2 * i + 1]
            _nsa_compress_infer_torch(key_cache, layer.cmp_w_k, cmp_slot_mapping, self.l, self.d, P,
                                      block_table=block_tables, actual_seq_len=seq_lens, cache=ck)
            _nsa_compress_infer_torch(value_cache, layer.cmp_w_v, cmp_slot_mapping, self.l, self.d, P,
                                      block_table=block_tables, actual_seq_len=seq_lens, cache=cv)

            def read(pos, kc=key_cache, vc=value_cache):
                pg = block_tables.long().gather(1, pos // P)
                return kc[pg, pos % P], vc[pg, pos % P]

            rows = cmp_block_tables.long()
            h = layer.finish(h, x, q, seq_lens.long(), read, ck[rows], cv[rows], self.l, self.d)
        return h


class SglangPoolSumScale(_Base):
    """SGLang page size 1 (fp16): ``MHATokenToKVPool`` buffers ``[T, N, D]``, int32 ``req_to_token`` /
    ``cmp_req_to_token`` read through ``req_pool_indices``, ``set_kv_buffer``-style ``k_buffer[out_cache_loc] = k``;
    the window pooled as an average, ``tokens.float().sum(dim=1) * (1.0 / l)`` (the contract with the constant weight
    1/32, a power of two: scaling commutes with every rounding); compressed write ``index_copy_`` at the request's own
    row ``cmp_req_to_token[rpi, max((s - l) // d, 0)]``."""
    SIZES = dict(l=32, d=16, P=1, MP=64, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "ck_buffer", "cv_buffer")
    BATCH = ARGS[:4]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], req_pool_indices=rpi, out_cache_loc=loc,
                         req_to_token=r2t.int(), cmp_req_to_token=cr2t.int(),
                         k_buffer=st["kvs"][0][:, 0].contiguous(), v_buffer=st["kvs"][1][:, 0].contiguous(),
                         ck_buffer=st["cmps"][0], cv_buffer=st["cmps"][1])

    def specs(self):
        l, d = self.l, self.d
        return _kv_specs(self, 1, lambda a, r, i, t: a[("k_buffer", "v_buffer")[t]],
                         lambda a, r, i, t: a[("ck_buffer", "cv_buffer")[t]],
                         lambda m, i, t: torch.full((m.l, m.N), 1.0 / m.l, dtype=m.dtype),
                         lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"],
                         lambda a: a["cmp_req_to_token"][a["req_pool_indices"],
                                                         ((a["seq_lens"] - l) // d).clamp(min=0)].long())

    def _avg_compress(self, buf, cbuf, seq_lens, req_pool_indices, req_to_token, cmp_req_to_token):
        l, d = self.l, self.d
        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        loc = req_to_token[req_pool_indices[:, None], win].long()
        pooled = buf[loc].float().sum(dim=1) * (1.0 / l)
        cidx = torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)
        cloc = cmp_req_to_token[req_pool_indices, cidx].long()
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cbuf.index_copy_(0, cloc, torch.where(ready[:, None, None], pooled.to(cbuf.dtype), cbuf[cloc]))

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, ck_buffer, cv_buffer):
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        self._avg_compress(k_buffer, ck_buffer, seq_lens, req_pool_indices, req_to_token, cmp_req_to_token)
        self._avg_compress(v_buffer, cv_buffer, seq_lens, req_pool_indices, req_to_token, cmp_req_to_token)

        def read(pos):
            loc = req_to_token[req_pool_indices[:, None], pos].long()
            return k_buffer[loc], v_buffer[loc]

        rows = cmp_req_to_token[req_pool_indices].long()
        return layer.finish(hidden, x, q, seq_lens, read, ck_buffer[rows], cv_buffer[rows], self.l, self.d)


class FlashinferRaggedLastPage2L(_Base):
    """FlashInfer (bf16, 2 layers): NHD ``[NP, 2, P, N, D]`` paged caches per layer, int32 ragged metadata
    ``kv_indptr`` / ``kv_indices`` / ``kv_last_page_len`` and lengths as FlashInfer's ``get_seq_lens`` computes them
    (``(indptr[1:] - indptr[:-1] - 1) * P + last_page_len``); append at the last page, offset ``last_page_len - 1``
    (``append_paged_kv_cache``); window pages ``kv_indices[kv_indptr[:-1, None] + p // P]``; checkpoint-layout ``[N,
    l]`` weights, ``einsum('bjnd,nj->bnd')``; compressed ``cmp[slot] = where(...)`` at the request's own row
    ``cmp_block_table.gather(1, i)``. (``kv_indptr`` has B + 1 rows, so the batch cannot be marked dynamic.)"""
    ARGS = ("hidden", "kv_last_page_len", "cmp_block_table", "kv_indptr", "kv_indices",
            "paged_kv_cache_0", "paged_kv_cache_1", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:3]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        s, table, P = st["s"], st["table"], self.P
        used = (s + P - 1) // P
        indices = torch.cat([table[b, : int(used[b])] for b in range(B)])
        indptr = torch.cat((torch.zeros(1, dtype=torch.int64), used.cumsum(0)))
        last = s - (used - 1) * P
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], kv_last_page_len=last.int(), cmp_block_table=st["cmp_table"].int(),
                         kv_indptr=indptr.int(), kv_indices=indices.int(),
                         paged_kv_cache_0=torch.stack(kvs[0:2], 1), paged_kv_cache_1=torch.stack(kvs[2:4], 1),
                         cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3])

    def _lens(self, a):
        ip = a["kv_indptr"].long()
        return (ip[1:] - ip[:-1] - 1) * self.P + a["kv_last_page_len"].long()

    def specs(self):
        def table(a):
            ip, ind = a["kv_indptr"].long(), a["kv_indices"].long()
            return ind[(ip[:-1, None] + torch.arange(self.MP)).clamp(max=ind.shape[0] - 1)]

        def slots(a):
            s = self._lens(a)
            i = ((s - self.l) // self.d).clamp(min=0)
            return a["cmp_block_table"].long().gather(1, i[:, None]).squeeze(1)

        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a[f"paged_kv_cache_{i}"][:, t],
                         lambda a, r, i, t: a[f"cmp_{'kv'[t]}_{i}"], lambda m, i, t: _w(m, i, t).t(), table,
                         self._lens, slots)

    def forward(self, hidden, kv_last_page_len, cmp_block_table, kv_indptr, kv_indices,
                paged_kv_cache_0, paged_kv_cache_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        l, d, P = self.l, self.d, self.P
        caches = (paged_kv_cache_0, paged_kv_cache_1)
        cmps = ((cmp_k_0, cmp_v_0), (cmp_k_1, cmp_v_1))
        page_start = kv_indptr[:-1]
        seq_lens = (kv_indptr[1:] - page_start - 1) * P + kv_last_page_len
        positions = seq_lens.long() - 1
        last_page = kv_indices[kv_indptr[1:] - 1].long()
        last_off = (kv_last_page_len - 1).long()
        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        win_pages = kv_indices[(page_start[:, None] + win // P).long()].long()
        win_offs = (win % P).long()
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cidx = ((seq_lens - l) // d).clamp(min=0).long()
        slot = cmp_block_table.long().gather(1, cidx[:, None]).squeeze(1)
        h = hidden
        for i, layer in enumerate(self.layers):
            paged = caches[i]
            x, q, k, v = layer.project(h, positions)
            paged[last_page, 0, last_off] = k
            paged[last_page, 1, last_off] = v
            for t, (w, cmp) in enumerate(((layer.cmp_w_k, cmps[i][0]), (layer.cmp_w_v, cmps[i][1]))):
                tok = paged[win_pages, t, win_offs]  # [B, l, N, D]
                pooled = torch.einsum("bjnd,nj->bnd", tok.float(), w.float())
                cmp[slot] = torch.where(ready[:, None, None], pooled.to(cmp.dtype), cmp[slot])

            def read(pos, paged=paged):
                pg = kv_indices[(page_start[:, None] + pos // P).long()].long()
                return paged[pg, 0, pos % P], paged[pg, 1, pos % P]

            rows = cmp_block_table.long()
            h = layer.finish(h, x, q, seq_lens.long(), read, cmps[i][0][rows], cmps[i][1][rows], l, d)
        return h


class HfDenseGatherFp32_2L(_Base):
    """HF-port dense per-request caches ``[B, T, N, D]`` (fp32, 2 layers, no casts), per-row ``cache_position``;
    append ``k_cache.scatter_(1, pos, k[:, None])``, window ``k_cache.gather(1, idx)`` (expanded index), pooled by
    ``torch.matmul(w.t()[None, :, None, :], window.permute(0, 2, 1, 3))``; compressed ``[B, max_cmp, N, D]`` written
    ``scatter_`` along dim 1 at ``(s - l) // d`` (keep from ``gather``)."""
    ARGS = ("hidden", "cache_position", "k_cache_0", "v_cache_0", "k_cache_1", "v_cache_1",
            "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        dense, cmps = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1,
                         k_cache_0=dense[0], v_cache_0=dense[1], k_cache_1=dense[2], v_cache_1=dense[3],
                         cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            mc = a["cmp_k_0"].shape[1]
            return torch.arange(s.shape[0]) * mc + ((s - self.l) // self.d).clamp(0, mc - 1)

        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a[f"{'kv'[t]}_cache_{i}"],
                         lambda a, r, i, t: a[f"cmp_{'kv'[t]}_{i}"].flatten(0, 1), _w,
                         lambda a: torch.arange(a["cache_position"].shape[0])[:, None],
                         lambda a: a["cache_position"] + 1, slots)

    def forward(self, hidden, cache_position, k_cache_0, v_cache_0, k_cache_1, v_cache_1,
                cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        l, d = self.l, self.d
        kv = ((k_cache_0, v_cache_0), (k_cache_1, v_cache_1))
        cmps = ((cmp_k_0, cmp_v_0), (cmp_k_1, cmp_v_1))
        B, _, N, D = k_cache_0.shape
        max_cmp = cmp_k_0.shape[1]
        s = cache_position + 1
        put = cache_position[:, None, None, None].expand(B, 1, N, D)
        idx = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        take = idx[:, :, None, None].expand(B, l, N, D)
        ci = torch.div(s - l, d, rounding_mode="floor").clamp(0, max_cmp - 1)
        cput = ci[:, None, None, None].expand(B, 1, N, D)
        complete = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, cache_position)
            for t, (cache, new_tok) in enumerate(((kv[i][0], k), (kv[i][1], v))):
                cache.scatter_(1, put, new_tok[:, None])
                w = layer.cmp_w_k if t == 0 else layer.cmp_w_v
                window = cache.gather(1, take)
                pooled = torch.matmul(w.t()[None, :, None, :], window.permute(0, 2, 1, 3)).squeeze(2)
                cmp = cmps[i][t]
                old = cmp.gather(1, cput)
                cmp.scatter_(1, cput, torch.where(complete[:, None, None, None], pooled[:, None], old))

            def read(pos, kc=kv[i][0], vc=kv[i][1]):
                g = pos[:, :, None, None].expand(-1, -1, N, D)
                return kc.gather(1, g), vc.gather(1, g)

            h = layer.finish(h, x, q, s, read, cmps[i][0], cmps[i][1], l, d)
        return h


class DeepseekLatentMatmul2L(_Base):
    """DeepSeek-style MLA (bf16, 2 layers): latent caches ``[NB, P, C]`` (no head dim) per layer, appended through
    ``view(-1, C)[slot_mapping]``; window pages by 2-D advanced indexing ``block_table[rows[:, None], p // P]``;
    a ``[l]`` weight PARAMETER (``compress_weights``) pooled by ``torch.matmul(w.float(), window.float())`` (1-D @
    3-D); compressed latent ``[S, C]`` written ``index_put_`` at ``cmp_block_table[rows, i]`` (own row)."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=64)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table",
            "kv_c_cache_0", "kv_c_cache_1", "cmp_kv_0", "cmp_kv_1")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        layer = Layer(1, self.D, self.D, self.l, Hq=2)
        layer.compress_weights = nn.Parameter(torch.empty(self.l))
        return layer

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"],
                         kv_c_cache_0=st["kvs"][0][:, :, 0].contiguous(),
                         kv_c_cache_1=st["kvs"][1][:, :, 0].contiguous(),
                         cmp_kv_0=st["cmps"][0][:, 0].contiguous(), cmp_kv_1=st["cmps"][1][:, 0].contiguous())

    def specs(self):
        def slots(a):
            s = a["positions"] + 1
            return a["cmp_block_table"][torch.arange(s.shape[0]), ((s - self.l) // self.d).clamp(min=0)]

        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a[f"kv_c_cache_{i}"].unsqueeze(2),
                         lambda a, r, i, t: a[f"cmp_kv_{i}"].unsqueeze(1),
                         lambda m, i, t: m.layers[i].compress_weights[:, None], lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, slots, names=("c",))

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, kv_c_cache_0, kv_c_cache_1,
                cmp_kv_0, cmp_kv_1):
        l, d, P = self.l, self.d, self.P
        caches, cmps = (kv_c_cache_0, kv_c_cache_1), (cmp_kv_0, cmp_kv_1)
        B = positions.shape[0]
        rows = torch.arange(B, device=positions.device)
        s = positions + 1
        tpos = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        pg = block_table[rows[:, None], tpos // P]
        off = tpos % P
        ci = ((s - l) // d).clamp(min=0)
        slot = cmp_block_table[rows, ci]
        is_boundary = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            kv_c = v[:, 0]  # [B, C]
            cache, cmp = caches[i], cmps[i]
            C = cache.shape[-1]
            cache.view(-1, C)[slot_mapping] = kv_c
            window = cache[pg, off]  # [B, l, C]
            pooled = torch.matmul(layer.compress_weights.float(), window.float())  # [B, C]
            cmp.index_put_((slot,), torch.where(is_boundary[:, None], pooled.to(cmp.dtype), cmp[slot]))

            def read(pos, cache=cache):
                lat = cache[block_table[rows[:, None], pos // P], pos % P][:, :, None]
                return lat, lat

            ck = cmp[cmp_block_table][:, :, None]
            h = layer.finish(h, x, q, s, read, ck, ck, l, d)
        return h


class LucidrainsFunctionalScatter(_Base):
    """lucidrains-style functional code (bf16): out-of-place ``Tensor.scatter`` appends into the flat token view
    and out-of-place ``scatter`` compressed writes at the request's own row (keep from ``gather``); pooling
    ``(tokens.float() * w.float()[None, :, :, None]).sum(dim=1)``; every cache returned (nothing mutated)."""
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)

        return _kv_specs(self, 1, lambda a, r, i, t: a[("k_cache", "v_cache")[t]] if r is None else r[1 + t],
                         lambda a, r, i, t: a[("cmp_k", "cmp_v")[t]] if r is None else r[3 + t], _w,
                         lambda a: a["block_table"], lambda a: a["seq_lens"], slots)

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        b, n, dh = seq_lens.shape[0], k_cache.shape[2], k_cache.shape[3]
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        flat_slot = block_table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        put = flat_slot[:, None, None].expand(b, n, dh)
        k_cache = k_cache.flatten(0, 1).scatter(0, put, k).view_as(k_cache)
        v_cache = v_cache.flatten(0, 1).scatter(0, put, v).view_as(v_cache)

        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
        win_pages, win_offs = block_table.gather(1, win // P), win % P
        should_compress = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        idx = cmp_block_table.gather(1, ((seq_lens - l) // d).clamp(min=0)[:, None])  # [b, 1]
        idx = idx[:, :, None].expand(b, n, dh)

        def compress(cache, w, cmp):
            tokens = cache[win_pages, win_offs]
            pooled = (tokens.float() * w.float()[None, :, :, None]).sum(dim=1)
            return cmp.scatter(0, idx, torch.where(should_compress[:, None, None], pooled.to(cmp.dtype),
                                                   cmp.gather(0, idx)))

        cmp_k = compress(k_cache, layer.cmp_w_k, cmp_k)
        cmp_v = compress(v_cache, layer.cmp_w_v, cmp_v)

        def read(p):
            pg = block_table.gather(1, p // P)
            return k_cache[pg, p % P], v_cache[pg, p % P]

        out = layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)
        return out, k_cache, v_cache, cmp_k, cmp_v


class VllmCudaGraphNullBlock2L(_Base):
    """vLLM CUDA-graph padded decode batch (fp16, 2 layers): split ``[NB + 1, P, N, D]`` caches whose page 0 is the
    reserved null block; the last 2 batch rows are padding (position -1, int32 block-table row all 0, appends into
    null-block slots 0 and 1, compressed slot -1); appends ``view(-1, N, D).index_copy_``; window pages
    ``block_table.gather(...).long()``; pooled by ``(window.transpose(1, 2) * w.t()[None, :, :, None]).sum(2)``;
    compressed ``index_put_(..., accumulate=False)`` at int64 ``cmp_slot_mapping``."""
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k_cache_0", "v_cache_0", "k_cache_1", "v_cache_1", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:6]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P = self.P
        s = st["s"].clone()
        s[-2:] = 0
        table = torch.where(st["table"] >= 0, st["table"] + 1, 0)
        table[-2:] = 0
        pos = s - 1
        p = pos.clamp(min=0)
        slot = table.gather(1, (p // P)[:, None]).squeeze(1) * P + p % P
        slot[-2:] = torch.tensor([0, 1])
        valid = (s >= self.l) & ((s - self.l) % self.d == 0)
        cmp_slot = torch.where(valid, st["cmp_slot"], -1)
        kvs = [torch.cat((torch.zeros_like(kv[:1]), kv)) for kv in st["kvs"]]
        cmps = st["cmps"]
        return self.pack(hidden=st["hidden"], positions=pos, slot_mapping=slot, block_table=table.int(),
                         cmp_slot_mapping=cmp_slot, cmp_block_table=st["cmp_table"],
                         k_cache_0=kvs[0], v_cache_0=kvs[1], k_cache_1=kvs[2], v_cache_1=kvs[3],
                         cmp_k_0=cmps[0], cmp_v_0=cmps[1], cmp_k_1=cmps[2], cmp_v_1=cmps[3])

    def specs(self):
        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a[f"{'kv'[t]}_cache_{i}"],
                         lambda a, r, i, t: a[f"cmp_{'kv'[t]}_{i}"], _w, lambda a: a["block_table"].long(),
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                k_cache_0, v_cache_0, k_cache_1, v_cache_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        l, d, P = self.l, self.d, self.P
        kv = ((k_cache_0, v_cache_0), (k_cache_1, v_cache_1))
        cmps = ((cmp_k_0, cmp_v_0), (cmp_k_1, cmp_v_1))
        N, D = k_cache_0.shape[2], k_cache_0.shape[3]
        seq_lens = positions + 1
        offsets = torch.arange(l, device=positions.device)
        tok_pos = torch.clamp(seq_lens.unsqueeze(1) - l + offsets, min=0)
        tok_blk = block_table.gather(1, tok_pos // P).long()
        tok_off = tok_pos % P
        emit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, positions)
            kc, vc = kv[i]
            kc.view(-1, N, D).index_copy_(0, slot_mapping, k)
            vc.view(-1, N, D).index_copy_(0, slot_mapping, v)
            for cache, w, cmp in ((kc, layer.cmp_w_k, cmps[i][0]), (vc, layer.cmp_w_v, cmps[i][1])):
                window = cache[tok_blk, tok_off].float()
                pooled = (window.transpose(1, 2) * w.float().t()[None, :, :, None]).sum(2)
                cmp.index_put_((cmp_slot_mapping,),
                               torch.where(emit[:, None, None], pooled.to(cmp.dtype), cmp[cmp_slot_mapping]),
                               accumulate=False)

            def read(pos, kc=kc, vc=vc):
                blk = block_table.gather(1, pos // P).long()
                return kc[blk, pos % P], vc[blk, pos % P]

            h = layer.finish(h, x, q, seq_lens, read, cmps[i][0][cmp_block_table], cmps[i][1][cmp_block_table], l, d)
        return h


class SglangMlaPoolLoop(_Base):
    """SGLang ``MLATokenToKVPool`` (fp16): one latent buffer ``[T, 1, C]`` (page size 1), int32 ``req_to_token`` /
    ``cmp_req_to_token``, ``kv_buffer[out_cache_loc] = latent``; a window-order fp32 loop, one ``req_to_token``
    column per step (``acc = acc + x_j.float().mul(w[j].float())``); ``[l, 1]`` weight; compressed latent pool
    ``[S, 1, C]`` written ``cbuf[cloc] = where(...)``."""
    SIZES = dict(l=32, d=16, P=1, MP=64, N=1, D=64)
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "kv_buffer", "cmp_kv_buffer")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 1)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], req_pool_indices=rpi, out_cache_loc=loc,
                         req_to_token=r2t.int(), cmp_req_to_token=cr2t.int(),
                         kv_buffer=st["kvs"][0][:, 0].contiguous(), cmp_kv_buffer=st["cmps"][0])

    def specs(self):
        l, d = self.l, self.d
        return _kv_specs(self, 1, lambda a, r, i, t: a["kv_buffer"], lambda a, r, i, t: a["cmp_kv_buffer"],
                         lambda m, i, t: m.layers[0].cmp_w_k,
                         lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"],
                         lambda a: a["cmp_req_to_token"][a["req_pool_indices"],
                                                         ((a["seq_lens"] - l) // d).clamp(min=0)].long(),
                         names=("c",))

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                kv_buffer, cmp_kv_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        kv_buffer[out_cache_loc] = v
        w = layer.cmp_w_k
        acc = torch.zeros(v.shape, dtype=torch.float32, device=v.device)
        for j in range(l):
            loc_j = req_to_token[req_pool_indices, (seq_lens - l + j).clamp(min=0)].long()
            acc = acc + kv_buffer[loc_j].float().mul(w[j].float()[None, :, None])
        cidx = ((seq_lens - l) // d).clamp(min=0)
        cloc = cmp_req_to_token[req_pool_indices, cidx].long()
        has_new_block = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_kv_buffer[cloc] = torch.where(has_new_block[:, None, None], acc.to(cmp_kv_buffer.dtype),
                                          cmp_kv_buffer[cloc])

        def read(pos):
            lat = kv_buffer[req_to_token[req_pool_indices[:, None], pos].long()]
            return lat, lat

        ck = cmp_kv_buffer[cmp_req_to_token[req_pool_indices].long()]
        return layer.finish(hidden, x, q, seq_lens, read, ck, ck, l, d)


class AscendFlatHeadsPA(_Base):
    """vllm-ascend PagedAttention layout with the heads flattened (fp16): caches ``[NB, P, N * D]``, appended
    ``key_cache.view(-1, N * D).index_put_((slot,), k.flatten(1))``; int32 ``seq_lens`` / ``slot_mapping`` /
    ``block_tables`` / ``cmp_slot_mapping`` (-1 padding, used as int32 indices); window
    ``key_cache[pages, offs].view(B, l, N, D)``, ``torch.sum(x.float() * w.float().unsqueeze(-1), dim=1)``;
    compressed caches ``[S, N * D]`` written ``cmp[slot] = where(valid[:, None], pooled.flatten(1), cmp[slot])``."""
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_slot_mapping", "cmp_block_tables",
            "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ARGS[:6]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), slot_mapping=_append_slots(st, self.P).int(),
                         block_tables=st["table"].int(), cmp_slot_mapping=st["cmp_slot"].int(),
                         cmp_block_tables=st["cmp_table"].int(),
                         key_cache=st["kvs"][0].flatten(2), value_cache=st["kvs"][1].flatten(2),
                         cmp_key=st["cmps"][0].flatten(1), cmp_value=st["cmps"][1].flatten(1))

    def specs(self):
        N, D = self.N, self.D
        return _kv_specs(self, 1, lambda a, r, i, t: a[("key_cache", "value_cache")[t]].unflatten(-1, (N, D)),
                         lambda a, r, i, t: a[("cmp_key", "cmp_value")[t]].unflatten(-1, (N, D)), _w,
                         lambda a: a["block_tables"].long(), lambda a: a["seq_lens"].long(),
                         lambda a: a["cmp_slot_mapping"].long())

    def forward(self, hidden, seq_lens, slot_mapping, block_tables, cmp_slot_mapping, cmp_block_tables,
                key_cache, value_cache, cmp_key, cmp_value):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, seq_lens.long() - 1)
        key_cache.view(-1, N * D).index_put_((slot_mapping,), k.flatten(1))
        value_cache.view(-1, N * D).index_put_((slot_mapping,), v.flatten(1))
        pos = seq_lens[:, None] - l + torch.arange(l, dtype=torch.int32, device=seq_lens.device)
        pos = pos.clamp(min=0).long()
        pages = block_tables.long().gather(1, pos // P)
        offs = pos % P
        should = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for cache, w, cmp in ((key_cache, layer.cmp_w_k, cmp_key), (value_cache, layer.cmp_w_v, cmp_value)):
            x_win = cache[pages, offs].view(B, l, N, D)
            pooled = torch.sum(x_win.float() * w.float().unsqueeze(-1), dim=1)
            cmp[cmp_slot_mapping] = torch.where(should[:, None], pooled.flatten(1).to(cmp.dtype), cmp[cmp_slot_mapping])

        def read(p):
            pg = block_tables.long().gather(1, p // P)
            return key_cache[pg, p % P].unflatten(-1, (N, D)), value_cache[pg, p % P].unflatten(-1, (N, D))

        rows = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens.long(), read, cmp_key[rows].unflatten(-1, (N, D)),
                            cmp_value[rows].unflatten(-1, (N, D)), l, d)


class HfPagedCacheClassBmm(_Base):
    """An HF-port ``PagedCache`` class built per step (bf16): ``update(layer_idx, k, v, write_index)`` writes
    ``key_cache.view(-1, N, D).index_copy_(0, write_index, k)``; ``compress(...)`` pools with ``torch.bmm``
    (weight ``[1, l]`` rows per (batch, head) against ``[l, D]`` windows); weights are persistent module BUFFERS in
    the checkpoint's ``[N, l]`` layout; compressed ``index_copy_`` at the request's own row
    ``cmp_block_table.gather(1, i)``."""
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_cache", "value_cache",
            "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        layer = Layer(self.N, self.D, self.D, self.l)
        g = torch.Generator().manual_seed(16)
        layer.register_buffer("k_compress_weight", (0.5 + torch.rand(self.N, self.l, generator=g)) / self.l)
        layer.register_buffer("v_compress_weight", (0.5 + torch.rand(self.N, self.l, generator=g)) / self.l)
        return layer

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)

        return _kv_specs(self, 1, lambda a, r, i, t: a[("key_cache", "value_cache")[t]],
                         lambda a, r, i, t: a[("cmp_key_cache", "cmp_value_cache")[t]],
                         lambda m, i, t: (m.layers[0].k_compress_weight if t == 0
                                          else m.layers[0].v_compress_weight).t(),
                         lambda a: a["block_table"], lambda a: a["cache_position"] + 1, slots)

    class PagedCache:
        def __init__(self, key_cache, value_cache, cmp_key_cache, cmp_value_cache, block_table, block_size):
            self.key_cache, self.value_cache = [key_cache], [value_cache]
            self.cmp_key_cache, self.cmp_value_cache = [cmp_key_cache], [cmp_value_cache]
            self.block_table, self.block_size = block_table, block_size

        def update(self, layer_idx, k, v, write_index):
            n, dh = k.shape[1], k.shape[2]
            self.key_cache[layer_idx].view(-1, n, dh).index_copy_(0, write_index, k)
            self.value_cache[layer_idx].view(-1, n, dh).index_copy_(0, write_index, v)

        def compress(self, layer_idx, weights, seq_lens, cmp_index, l, d):
            bs = self.block_size
            B = seq_lens.shape[0]
            p = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)).clamp(min=0)
            blocks = self.block_table.gather(1, p // bs)
            complete = (seq_lens >= l) & ((seq_lens - l) % d == 0)
            for cache, cmp, w in ((self.key_cache[layer_idx], self.cmp_key_cache[layer_idx], weights[0]),
                                  (self.value_cache[layer_idx], self.cmp_value_cache[layer_idx], weights[1])):
                n, dh = cache.shape[2], cache.shape[3]
                win = cache[blocks, p % bs]  # [B, l, n, dh]
                lhs = w.float()[None].expand(B, n, l).reshape(B * n, 1, l)
                rhs = win.float().permute(0, 2, 1, 3).reshape(B * n, l, dh)
                pooled = torch.bmm(lhs, rhs).view(B, n, dh)
                cmp.index_copy_(0, cmp_index, torch.where(complete[:, None, None], pooled.to(cmp.dtype),
                                                          cmp.index_select(0, cmp_index)))

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        l, d, P = self.l, self.d, self.P
        cache = self.PagedCache(key_cache, value_cache, cmp_key_cache, cmp_value_cache, block_table, P)
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, cache_position)
        write_index = block_table.gather(1, (cache_position // P)[:, None]).squeeze(1) * P + cache_position % P
        cache.update(0, k, v, write_index)
        s = cache_position + 1
        cmp_index = cmp_block_table.gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)
        cache.compress(0, (layer.k_compress_weight, layer.v_compress_weight), s, cmp_index, l, d)

        def read(pos):
            blk = block_table.gather(1, pos // P)
            return key_cache[blk, pos % P], value_cache[blk, pos % P]

        return layer.finish(hidden, x, q, s, read, cmp_key_cache[cmp_block_table], cmp_value_cache[cmp_block_table],
                            l, d)


class HfHeadMajorReduceChain(_Base):
    """HF static-cache layout ``[B, N, T, D]`` (fp16, dense per-request, head-major), per-row ``cache_position``;
    append ``k_cache[rows, :, cache_position] = k``; the window read one position at a time,
    ``k_cache[rows, :, p_j]``, and summed as ``functools.reduce(operator.add, products)`` in window order (no +0.0
    start: differs from the contract's +0.0 accumulator only in the sign of a zero); compressed ``[B, max_cmp, N,
    D]`` written ``cmp[rows, i] = where(...)``."""
    ARGS = ("hidden", "cache_position", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, cmps = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1,
                         k_cache=dense[0].transpose(1, 2).contiguous(), v_cache=dense[1].transpose(1, 2).contiguous(),
                         cmp_k=cmps[0], cmp_v=cmps[1])

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            mc = a["cmp_k"].shape[1]
            return torch.arange(s.shape[0]) * mc + ((s - self.l) // self.d).clamp(0, mc - 1)

        return _kv_specs(self, 1, lambda a, r, i, t: a[("k_cache", "v_cache")[t]].transpose(1, 2),
                         lambda a, r, i, t: a[("cmp_k", "cmp_v")[t]].flatten(0, 1), _w,
                         lambda a: torch.arange(a["cache_position"].shape[0])[:, None],
                         lambda a: a["cache_position"] + 1, slots)

    def forward(self, hidden, cache_position, k_cache, v_cache, cmp_k, cmp_v):
        l, d = self.l, self.d
        layer = self.layers[0]
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        x, q, k, v = layer.project(hidden, cache_position)
        k_cache[rows, :, cache_position] = k
        v_cache[rows, :, cache_position] = v
        seq_len = cache_position + 1
        max_cmp = cmp_k.shape[1]
        blk = torch.div(seq_len - l, d, rounding_mode="floor").clamp(0, max_cmp - 1)
        full = (seq_len >= l) & ((seq_len - l) % d == 0)
        for cache, w, cmp in ((k_cache, layer.cmp_w_k, cmp_k), (v_cache, layer.cmp_w_v, cmp_v)):
            wf = w.float()
            prods = [wf[j][None, :, None] * cache[rows, :, (seq_len - l + j).clamp(min=0)].float() for j in range(l)]
            pooled = functools.reduce(operator.add, prods)
            cmp[rows, blk] = torch.where(full[:, None, None], pooled.to(cmp.dtype), cmp[rows, blk])

        def read(pos):
            return k_cache[rows[:, None], :, pos], v_cache[rows[:, None], :, pos]

        return layer.finish(hidden, x, q, seq_len, read, cmp_k, cmp_v, l, d)


class FlaDenseFlatTokenIds(_Base):
    """fla-style dense per-request state ``[B, T, N, D]`` (fp16) addressed as a flat token pool: int32 ``seq_lens``,
    token ids ``rows * T + p`` into ``k_cache.view(-1, N, D)`` for the append and the window;
    ``einsum('bjnd,jn->bnd')``; compressed caches ``[B, max_cmp, N, D]`` written through their flat view at
    ``rows * max_cmp + i``."""
    ARGS = ("hidden", "seq_lens", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        dense, cmps = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].int(), k_cache=dense[0], v_cache=dense[1],
                         cmp_k=cmps[0], cmp_v=cmps[1])

    def specs(self):
        def slots(a):
            s = a["seq_lens"].long()
            mc = a["cmp_k"].shape[1]
            return torch.arange(s.shape[0]) * mc + ((s - self.l) // self.d).clamp(0, mc - 1)

        return _kv_specs(self, 1, lambda a, r, i, t: a[("k_cache", "v_cache")[t]],
                         lambda a, r, i, t: a[("cmp_k", "cmp_v")[t]].flatten(0, 1), _w,
                         lambda a: torch.arange(a["seq_lens"].shape[0])[:, None],
                         lambda a: a["seq_lens"].long(), slots)

    def forward(self, hidden, seq_lens, k_cache, v_cache, cmp_k, cmp_v):
        l, d = self.l, self.d
        layer = self.layers[0]
        B, T, N, D = k_cache.shape
        max_cmp = cmp_k.shape[1]
        rows = torch.arange(B, device=hidden.device)
        s = seq_lens.long()
        x, q, k, v = layer.project(hidden, s - 1)
        k_cache.view(-1, N, D)[rows * T + s - 1] = k
        v_cache.view(-1, N, D)[rows * T + s - 1] = v
        tok = rows[:, None] * T + (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        row = rows * max_cmp + torch.div(s - l, d, rounding_mode="floor").clamp(0, max_cmp - 1)
        ok = (s >= l) & ((s - l) % d == 0)
        for cache, w, cmp in ((k_cache, layer.cmp_w_k, cmp_k), (v_cache, layer.cmp_w_v, cmp_v)):
            pooled = torch.einsum("bjnd,jn->bnd", cache.view(-1, N, D)[tok].float(), w.float())
            flat = cmp.view(-1, N, D)
            flat[row] = torch.where(ok[:, None, None], pooled.to(cmp.dtype), flat[row])

        def read(pos):
            ids = rows[:, None] * T + pos
            return k_cache.view(-1, N, D)[ids], v_cache.view(-1, N, D)[ids]

        return layer.finish(hidden, x, q, s, read, cmp_k, cmp_v, l, d)


class VllmStackedLayersAddLoop2L(_Base):
    """One tensor for every layer's cache (bf16, 2 layers): ``kv_caches [L, 2, NB, P, N, D]`` and ``cmp_caches [L,
    2, S, N, D]`` (per-layer views ``kv_caches[i]``), int32 ``positions`` / ``block_table`` / ``cmp_slot_mapping``
    (-1 padding); append ``kv_caches[i, :, blk, off] = torch.stack((k, v))``; window pages by 2-D advanced indexing
    ``block_table[rows[:, None], p // P]``; window-order loop with an in-place ``acc.add_(...)``; compressed
    ``cmp.index_put_((slot,), where(...))`` into the views ``cmp_caches[i, 0]`` / ``cmp_caches[i, 1]``."""
    ARGS = ("hidden", "positions", "block_table", "cmp_slot_mapping", "cmp_block_table", "kv_caches", "cmp_caches")
    BATCH = ARGS[:5]

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=(st["s"] - 1).int(), block_table=st["table"].int(),
                         cmp_slot_mapping=st["cmp_slot"].int(), cmp_block_table=st["cmp_table"],
                         kv_caches=torch.stack((torch.stack(kvs[0:2]), torch.stack(kvs[2:4]))),
                         cmp_caches=torch.stack((torch.stack(cmps[0:2]), torch.stack(cmps[2:4]))))

    def specs(self):
        return _kv_specs(self, len(self.layers), lambda a, r, i, t: a["kv_caches"][i, t],
                         lambda a, r, i, t: a["cmp_caches"][i, t], _w, lambda a: a["block_table"].long(),
                         lambda a: a["positions"].long() + 1, lambda a: a["cmp_slot_mapping"].long())

    def forward(self, hidden, positions, block_table, cmp_slot_mapping, cmp_block_table, kv_caches, cmp_caches):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        pos = positions.long()
        s = pos + 1
        blk = block_table[rows, pos // P].long()
        off = pos % P
        tp = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        tpage = block_table[rows[:, None], tp // P].long()
        toff = tp % P
        write = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, pos)
            kv_caches[i, :, blk, off] = torch.stack((k, v))
            for t, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                cache, cmp = kv_caches[i, t], cmp_caches[i, t]
                acc = torch.zeros(B, cache.shape[2], cache.shape[3], dtype=torch.float32, device=cache.device)
                for j in range(l):
                    acc.add_(w[j].float()[None, :, None] * cache[tpage[:, j], toff[:, j]].float())
                cmp.index_put_((cmp_slot_mapping,), torch.where(write[:, None, None], acc.to(cmp.dtype),
                                                                cmp[cmp_slot_mapping]))

            def read(p, i=i):
                pg = block_table[rows[:, None], p // P].long()
                return kv_caches[i, 0][pg, p % P], kv_caches[i, 1][pg, p % P]

            h = layer.finish(h, x, q, s, read, cmp_caches[i, 0][cmp_block_table], cmp_caches[i, 1][cmp_block_table],
                             l, d)
        return h


class DeepseekLatentRopeRow(_Base):
    """DeepSeek MLA cache rows ``[NB, P, C + R]`` = ``cat(kv_c, k_pe)`` (fp16, C = 64, R = 16, no head dim): the
    whole 80-wide row is compressed; ``[l, 1]`` weight, ``(window.float() * w.float()).sum(1)``; compressed ``[S,
    C + R]`` written ``index_copy_`` at the request's own row ``cmp_block_table.gather(1, i)`` (keep from
    ``index_select``)."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=1, D=80)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "kv_cache", "cmp_kv")
    BATCH = ARGS[:5]
    C = 64

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 1)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"],
                         kv_cache=st["kvs"][0][:, :, 0].contiguous(), cmp_kv=st["cmps"][0][:, 0].contiguous())

    def specs(self):
        def slots(a):
            s = a["positions"] + 1
            return a["cmp_block_table"].gather(1, ((s - self.l) // self.d).clamp(min=0)[:, None]).squeeze(1)

        return _kv_specs(self, 1, lambda a, r, i, t: a["kv_cache"].unsqueeze(2),
                         lambda a, r, i, t: a["cmp_kv"].unsqueeze(1), lambda m, i, t: m.layers[0].cmp_w_k,
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, slots, names=("c",))

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, kv_cache, cmp_kv):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        row = torch.cat((v[:, 0, : self.C], k[:, 0, self.C:]), dim=-1)  # [B, C + R]
        kv_cache.view(-1, kv_cache.shape[-1])[slot_mapping] = row
        s = positions + 1
        p = (s[:, None] - l + torch.arange(l, device=s.device)).clamp(min=0)
        window = kv_cache[block_table.gather(1, p // P), p % P]  # [B, l, C + R]
        pooled = (window.float() * layer.cmp_w_k.float()).sum(1)
        idx = cmp_block_table.gather(1, ((s - l) // d).clamp(min=0)[:, None]).squeeze(1)
        due = (s >= l) & ((s - l) % d == 0)
        cmp_kv.index_copy_(0, idx, torch.where(due[:, None], pooled.to(cmp_kv.dtype), cmp_kv.index_select(0, idx)))

        def read(pos):
            lat = kv_cache[block_table.gather(1, pos // P), pos % P][:, :, None]
            return lat, lat

        ck = cmp_kv[cmp_block_table][:, :, None]
        return layer.finish(hidden, x, q, s, read, ck, ck, l, d)


# ---------------------------------------------------------------------------------------------------------------
# near misses: one layer, vLLM split [NB, P, N, D] caches, each row writes its own compressed row
# ---------------------------------------------------------------------------------------------------------------

class NearMiss(_Base):
    """Base of the near misses: ``bug`` picks what differs from the contract (see NEAR_MISSES)."""
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache",
            "cmp_k", "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug=None, need=None):
        super().__init__(dtype)
        self.bug, self.need = bug, need
        # the unrotated-key bug only concerns K: that model compresses K alone (an index-key-only compression)
        self.kinds = ("k",) if bug == "new_token_unrotated" else ("k", "v")

    def make_inputs(self, B, seed):
        # inputs where the bug shows: search seeds deterministically until a completing row has a needed length
        for k in range(200):
            st = self.state(B, seed + 97 * k, 2)
            if self.need is None or any(int(s) in self.need for s in st["s"][st["valid"]]):
                break
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def slots(a):
            s = a["seq_lens"]
            return a["cmp_block_table"][torch.arange(s.shape[0]), torch.div(s - self.l, self.d, rounding_mode="floor")]

        return _kv_specs(self, 1, lambda a, r, i, t: a[("k_cache", "v_cache")[t]],
                         lambda a, r, i, t: a[("cmp_k", "cmp_v")[t]], _w, lambda a: a["block_table"],
                         lambda a: a["seq_lens"], slots, names=self.kinds)

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        bug = self.bug
        layer = self.layers[0]
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = seq_lens
        x, q, k, v = layer.project(hidden, s - 1)
        k_raw = layer.k_proj(layer.attn_norm(hidden)).view(B, self.N, self.D)  # the key before rotary
        k_cache.view(-1, self.N, self.D)[slot_mapping] = k
        v_cache.view(-1, self.N, self.D)[slot_mapping] = v
        start = s - l
        if bug == "window_from_positions":
            start = (s - 1) - l  # positions used as the window end
        p = (start[:, None] + torch.arange(l, device=s.device)).clamp(min=0)
        pg, off = block_table.gather(1, p // P), p % P
        if bug == "no_length_guard":
            valid = (s - l) % d == 0
        elif bug == "strict_greater":
            valid = (s > l) & ((s - l) % d == 0)
        else:
            valid = (s >= l) & ((s - l) % d == 0)
        ci = torch.div(s - l, d, rounding_mode="floor")  # -1 for s < l: the request's last row, Python-style
        slot = cmp_block_table[rows, ci]
        for t, (cache, w, cmp) in enumerate(((k_cache, layer.cmp_w_k, cmp_k), (v_cache, layer.cmp_w_v, cmp_v))):
            if t >= len(self.kinds):
                break
            tok = cache[pg, off].float()
            wf = w.float()
            if bug == "new_token_unrotated" and t == 0:
                tok = torch.cat((tok[:, :-1], k_raw[:, None].float()), dim=1)
            if bug == "weight_by_abs_position":
                wf = wf[p % l]  # [B, l, N]: the weight of absolute position p
                pooled = (tok * wf[..., None]).sum(1)
            elif bug == "bf16_running_sum":
                acc = torch.zeros(B, self.N, self.D, dtype=torch.bfloat16)
                for j in range(l):
                    acc = (acc.float() + wf[j][None, :, None] * tok[:, j]).to(torch.bfloat16)
                pooled = acc.float()
            elif bug == "mean_wrong_count":
                pooled = tok.sum(1) / (l - 1)
            else:
                pooled = (tok * wf[None, :, :, None]).sum(1)
            if bug == "double_round_bf16":
                new = pooled.to(torch.bfloat16).to(cmp.dtype)
            else:
                new = pooled.to(cmp.dtype)
            if bug == "index_add_write":
                cmp.index_add_(0, slot, torch.where(valid[:, None, None], new, torch.zeros_like(new)))
            else:
                cmp[slot] = torch.where(valid[:, None, None], new, cmp[slot])

        def read(pos):
            g = block_table.gather(1, pos // P)
            return k_cache[g, pos % P], v_cache[g, pos % P]

        return layer.finish(hidden, x, q, s, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)


NEAR_MISSES = {  # bug: (dtype, lengths a completing row must have, note)
    "window_from_positions": (f16, None,
        "the window starts at positions - l = s - l - 1 (positions taken for lengths in the window only), so it "
        "ends at s - 2 and never reads the token appended this step. Windows here are page-aligned (l = 32, d = P = "
        "16): the contract reads exactly 2 pages (every offset of each) for any block table, the model reads 3 pages "
        "(offset 15 of the page before) with nonzero weights, and it ignores the appended token, which the "
        "contract's last position reads for any table. No weight/slot/table choice matches."),
    "no_length_guard": (f16, None,
        "condition (s - l) % d == 0 without s >= l: a row with s = l - d = 16 (always in gen_state) writes a pooled "
        "(clamped) window into its last compressed row, which the contract keeps for every weight, slot and table "
        "(it writes nothing for s < l); the kept row is poisoned (NaN/inf), the pooled one finite."),
    "strict_greater": (f16, (32,),
        "condition s > l for s >= l: a row with s = l = 32 writes nothing where the contract writes the pooled "
        "window for every weight and slot; the row is kept (finite random) while the contract would write "
        "round(sum w x), which depends on the tokens (no weight makes it equal the old row for all tokens)."),
    "bf16_running_sum": (bf16, None,
        "the fp32 products are added into a bf16 accumulator (rounded after every add): l roundings. With one "
        "nonzero token any weight w' must satisfy round(w' x) = round(w x) for all x, so w' = w, and then two "
        "nonzero tokens give round(round(a) + b) != round(a + b) for some a, b."),
    "weight_by_abs_position": (f16, (48,),
        "weight of ABSOLUTE position p = s - l + j, w[p % l]: for s = 32 or 64 the weights are w[j], for s = 48 "
        "they are w rotated by 16. One weight for every row would have to be both w and roll(w, 16), so "
        "16-periodic; the model's random weight is not. Differs where a row with s = 48 completes (inputs chosen "
        "so)."),
    "double_round_bf16": (f16, None,
        "pooled fp32 rounded to bf16 and then to fp16 (two roundings): every written value is bf16-representable, "
        "while round16(w' x) for one nonzero token and any nonzero fp16 w' takes values with 11 significant bits "
        "(and w' = 0 gives 0): no weight matches for all tokens."),
    "mean_wrong_count": (f16, None,
        "average divided by l - 1 = 31: fl32(sum) / 31 is not sum of fp32(w'_j) * x_j for any fp16 weight "
        "(one token: fl32(x / 31) = fl32(w' x) for all x needs w' = 1/31, not an fp16 value; and the sum is "
        "rounded before the division)."),
    "index_add_write": (f16, None,
        "compressed write with index_add_ (old row + pooled) instead of a copy: the contract's written row does "
        "not depend on the row's old value for any weight/slot; here it does (the target rows hold NaN/inf "
        "poison, or any finite value that shifts the result)."),
    "new_token_unrotated": (f16, None,
        "the K window's last token is the key BEFORE rotary (k_proj output) instead of the appended (rotated) "
        "key that the cache holds: the contract reads only cache tokens, and a weight could only rescale the "
        "rotated token, never un-rotate it (the rotation at position s - 1 >= 31 is not a multiple of the "
        "identity); with the weight of that position 0 the contract ignores it, the model does not. This model "
        "compresses K only (1 compression)."),
}


MODEL_CASES = [
    _case("vllm_unbind_vecdot_2l", VllmUnbindVecdot2L, "fuse", 4, f16, VllmUnbindVecdot2L.__doc__, layers=2),
    _case("ascend_vendor_fallback_3l", AscendVendorFallback3L, "fuse", 6, f16, AscendVendorFallback3L.__doc__,
          layers=3),
    _case("sglang_pool_sum_scale", SglangPoolSumScale, "fuse", 2, f16, SglangPoolSumScale.__doc__),
    _case("flashinfer_ragged_last_page_2l", FlashinferRaggedLastPage2L, "fuse", 4, bf16,
          FlashinferRaggedLastPage2L.__doc__, layers=2),
    _case("hf_dense_gather_fp32_2l", HfDenseGatherFp32_2L, "fuse", 4, f32, HfDenseGatherFp32_2L.__doc__, layers=2),
    _case("deepseek_latent_matmul_2l", DeepseekLatentMatmul2L, "fuse", 2, bf16, DeepseekLatentMatmul2L.__doc__,
          layers=2),
    _case("lucidrains_functional_scatter", LucidrainsFunctionalScatter, "fuse", 2, bf16,
          LucidrainsFunctionalScatter.__doc__),
    _case("vllm_cudagraph_null_block_2l", VllmCudaGraphNullBlock2L, "fuse", 4, f16, VllmCudaGraphNullBlock2L.__doc__,
          layers=2),
    _case("sglang_mla_pool_loop", SglangMlaPoolLoop, "fuse", 1, f16, SglangMlaPoolLoop.__doc__),
    _case("ascend_flat_heads_pa", AscendFlatHeadsPA, "fuse", 2, f16, AscendFlatHeadsPA.__doc__),
    _case("hf_paged_cache_class_bmm", HfPagedCacheClassBmm, "fuse", 2, bf16, HfPagedCacheClassBmm.__doc__),
    _case("hf_head_major_reduce_chain", HfHeadMajorReduceChain, "fuse", 2, f16, HfHeadMajorReduceChain.__doc__),
    _case("fla_dense_flat_token_ids", FlaDenseFlatTokenIds, "fuse", 2, f16, FlaDenseFlatTokenIds.__doc__),
    _case("vllm_stacked_layers_add_loop_2l", VllmStackedLayersAddLoop2L, "fuse", 4, bf16,
          VllmStackedLayersAddLoop2L.__doc__, layers=2),
    _case("deepseek_latent_rope_row", DeepseekLatentRopeRow, "fuse", 1, f16, DeepseekLatentRopeRow.__doc__),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 1 if bug == "new_token_unrotated" else 2, dt, note, bug=bug, need=need)
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
