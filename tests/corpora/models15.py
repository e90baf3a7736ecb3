"""A fifteenth blind corpus of whole NSA decode models (``models15``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / "How to write model code that fuses" / Troubleshooting sections and public serving code (vLLM,
vllm-ascend, SGLang, FlashInfer, HF transformers, DeepSeek, lucidrains), without reading the recogniser, its tests or
the other corpora's models (only the file format: ``models8``'s and ``models14``'s module docstrings, ``run_models``'
docstring and flags, and the shared building blocks of ``models3``/``models4`` that this file imports: ``gen_state``,
``_flat_state``, ``_poison``, ``DecodeModel``, ``Layer``, ``_append_slots``, ``_kv_spec``, ``_dense_state``,
``_case``, ``check_cases``). Every model is one decode step of a 1-4 layer decoder: RMSNorm, projections, rotary, the
new token's K/V (or an MLA latent) appended to the layer's cache, K and V (or the latent) compressed into compressed
caches (the contract, in the idiom of that stack), then compressed, selected and sliding-window attention and a
SwiGLU MLP (``models4.Layer.finish``). Sizes: l = 32, d = 16, P = 16, N = 2, D = 32 (MLA: N = 1, C = 64), B = 8.

Positives (17; 9 multi-layer: 2, 2, 2, 2, 4, 2, 3, 2, 2 layers; fp16 x 9, bf16 x 6, fp32 x 2; 56 compressions):

* ``vllm_split_flat_bmm_2l`` (fp16, 2 layers): vLLM split ``[NB, P, N, D]`` K and V per layer, appends
  ``view(-1, N, D).index_put_``; window by flat token slots ``block_table.gather(1, p // P) * P + p % P`` into
  ``cache.flatten(0, 1)``; pooled by ``torch.bmm([B*N, D, l], [B*N, l, 1])`` (weight ``.t().expand(B, N,
  l).reshape``); ``index_put_`` at int64 ``cmp_slot_mapping`` (-1 padding);
* ``vllm_v1_stacked_gensum`` (bf16): vLLM v1 ``[2, NB, P, N, D]``, append ``kv_cache[:, blk, off] = stack((k, v))``;
  pooled by Python's builtin ``sum()`` over a generator of fp32 products in window order (``0 + p0 + p1 ...``);
* ``vllm_flashinfer_hnd`` (fp16): vLLM's FlashInfer backend in HND stride order ``[NB, 2, N, P, D]`` with int64
  ``seq_lens`` / ``block_table`` (no ragged list), append ``k_pages[blk, :, off] = k``, window ``pages[pg, :, off]``
  (advanced indices split by a slice), ``einsum('bjhd,jh->bhd')``;
* ``sglang_pool_loop_scatter_2l`` (fp16, 2 layers): SGLang ``MHATokenToKVPool`` ``[T, N, D]`` (page size 1), int32
  ``seq_lens`` / ``req_to_token`` / ``cmp_req_to_token``, ids ``req_to_token[rpi[:, None], win].long()``, an fp32
  window-order Python loop, compressed write ``scatter_(0, loc expanded, where(..., cmp.gather(0, loc)))``;
* ``hf_static_bntd_fp32_2l`` (fp32, 2 layers): HF static ``[B, N, T, D]`` caches, per-row ``cache_position``, append
  ``kc[rows, :, pos] = k``, window ``kc[rows[:, None], :, win]``, ``(tok * w[None, :, :, None]).sum(1)`` (torch's
  order), compressed ``[B, max_cmp, N, D]`` written ``index_put_((rows, idx), where(...))``;
* ``deepseek_latent_einsum_2l`` (bf16, 2 layers): MLA latent ``[NB, P, C]`` (no head dim), ``[l]`` weight,
  ``einsum('blc,l->bc')``, ``[S, C]`` compressed cache ``cmp[slot] = where(...)`` at the request's own row;
* ``ascend_int32_scatter_4l`` (fp16, 4 layers, 8 compressions): vllm-ascend torch fallback, int32 ``seq_lens`` /
  ``slot_mapping`` / ``block_tables`` / ``cmp_block_tables`` and int32 window arithmetic, ``view(-1, N,
  D).index_copy_`` appends, ``torch.sum(tok.float() * w.float().unsqueeze(-1), 1)``, ``scatter_`` (keep from
  ``index_select``) at the request's own row;
* ``lucidrains_functional_mean`` (fp16): functional ``index_put`` appends, ``mean(dim=1)`` (constant weight 1/l),
  out-of-place ``cmp.index_put((slot,), where(...))``, every cache returned;
* ``vllm_v0_x_layout_buffer`` (fp16): vLLM v0 paged-attention layouts, key ``[NB, N, D/x, P, x]`` (x = 8), value
  ``[NB, N, D, P]``, window ``key_cache[blk, :, :, off, :].flatten(-2)``; ``[l, N]`` weights as module BUFFERS;
* ``sglang_paged_pool_nl`` (bf16): SGLang page size 16 (flat ``[T, N, D]`` buffers, token-level ``req_to_token``),
  ``[N, l]`` weights, ``einsum('hl,blhd->bhd')``, ``cbuf[cmp_loc] = where(...)``;
* ``vllm_cudagraph_null_block_loop_2l`` (bf16, 2 layers): CUDA-graph padded batch (2 pad rows at the end: position
  -1, block table all 0 = vLLM's reserved null block, appends into null-block slots 0 and 1, compressed slot -1),
  int32 positions / block table / compressed slots, ``flatten(0, 1).index_copy_`` appends, window-order loop with an
  in-place ``acc +=``;
* ``hf_paged_flat_view_3l`` (bf16, 3 layers): paged caches, ``cache_position``; the compressed cache written
  through its ``[S, N * D]`` view: ``flat.index_put_((idx,), where(valid[:, None], pooled.reshape(B, -1),
  flat[idx]))``;
* ``deepseek_paged_cmp_fp32_2l`` (fp32, 2 layers): compressed caches themselves paged, ``[NBc, Pc = 2, N, D]``,
  written through ``view(-1, N, D)`` at ``cmp_page_table[b, i // Pc] * Pc + i % Pc``; pooled by a last-dim reduction
  ``(tok.permute(0, 2, 3, 1) * w.t()[None, :, None, :]).sum(-1)``;
* ``vllm_flashinfer_pair_cmp_2l`` (fp16, 2 layers): FlashInfer NHD ``[NB, 2, P, N, D]`` per layer, int32 block
  table, append ``kv[blk, :, off] = stack((k, v), 1)``; a compressed PAIR cache ``[S, 2, N, D]`` whose halves
  (non-contiguous views) are written with ``index_copy_`` (keep from ``index_select``); ``einsum('ln,blnd->bnd')``;
* ``hf_left_padded_cat_window`` (fp16): HF left-padded batched generation, dense ``[B, N, T, D]`` caches appended
  with ``torch.cat`` (DynamicCache), the window is the static slice ``cache[:, :, -l:]`` (the last l columns hold
  positions s - l .. s - 1 of every row), ``seq_lens`` passed in, per-request compressed caches written out of place,
  caches returned (the contract with P = 1 and ``block_table[b, p] = b * T + T - s_b + p``);
* ``vllm_paged_cmp_2d_index`` (bf16): paged compressed caches ``[NBc, 2, N, D]`` written with 2-D advanced indexing
  ``cmp[c_page, c_off] = where(...)`` (``c_page = cmp_page_table[b, i // Pc]``, ``c_off = i % Pc``), not a flat view;
* ``vllm_conv1d_pool`` (fp16): pooling as a depthwise ``F.conv1d`` (``groups = N * D``, kernel ``[N * D, 1, l]``
  built from the ``[l, N]`` weight) over the fp32 window.

Near misses (8; one layer, vLLM ``[NB, P, N, D]`` caches, appends ``view(-1, N, D)[slot] = k``, slot the request's
own compressed row ``cmp_block_table[b, (s - l) // d]``, ``cmp[slot] = where(...)``). Why no weight / slot /
block-table choice makes each one the contract:

* ``nm_window_excludes_new`` (fp16): window positions s - l - 1 .. s - 2. A window with only token s - l - 1 nonzero
  gives w_0 * x there in the model and 0 in the contract for every weight (that position is not in the contract's
  window), and with P = 16 no block table maps position p to the token at p - 1 (offsets within a page differ);
* ``nm_cond_on_positions`` (bf16): the condition on ``positions`` (= s - 1) while the window ends at s - 1: with the
  lengths s (positions + 1) the written rows are the wrong ones (s = 33 written, s = 48 kept); reading positions
  as the lengths, the contract's window would end at s - 2 (the case above). (Weak: see the first try's caveat, a
  33-window with a zero first weight matches it on finite tokens.)
* ``nm_count_ge_zero`` (fp16): guard ``(s - l) // d + 1 >= 0`` (should be >= 1): writes a row at s = l - d = 16,
  where the contract writes nothing for any weight or slot;
* ``nm_fp64_accumulator`` (fp32): the window summed in fp64, rounded once to fp32. One nonzero token forces
  w' = w (products of fp32 values are exact in fp64); two tokens then give fl32(fl32(a) + fl32(b)) vs fl32(a + b);
* ``nm_scale_after_sum`` (fp32): ``fl32(w_h * sum_j x_j)`` with a per-head [N] scale: one token forces w'_j = w_h,
  two tokens then differ unless w_h is a power of two (the buffer's values are not);
* ``nm_intrablock_pos_emb`` (fp16): a ``[l, N, D]`` intra-block positional embedding added to the tokens before the
  weighted sum (lucidrains' ``k_intrablock_positions``): all-zero tokens give sum_j w_j pe_j != 0, the contract 0;
* ``nm_fp32_master_weight`` (bf16): the pooling weight is an fp32 buffer used unrounded; the contract's weight has
  the input dtype, and a single token x shows round(w x) != round(w' x) for some x for every bf16 w' (w is not
  bf16-representable);
* ``nm_softmax_weight`` (fp16): weights ``softmax(w.float(), 0)`` used in fp32, never rounded to fp16: as above,
  the softmax values are not fp16-representable.

Inputs: ``models3.gen_state`` (B = 8, 4 completing rows, poisoned unread positions and kept rows). Before the first
try every positive's compressions were checked against ``nsa_fusion.compress_infer`` with value checks on (valid
input; equal to the golden bit for bit: ``/tmp/m15/validate.py``), and every case compiled with
``backend="eager"`` under ``mark_dynamic`` on its batch inputs without a constraint violation (``/tmp/m15/dyncheck.py``).
``check_eager()`` (``python tests/corpora/models15.py``): positives equal the golden bit for bit (within fp tolerance
for ``hf_static_bntd_fp32_2l`` and ``deepseek_paged_cmp_fp32_2l``, fp32 sums in torch's order), near misses differ
in every compressed cache (also for seeds 1-3).

First try, 2026-12-05 06:26-07:19 UTC, on the frozen base 2c4ce76 (``/tmp/base33/READY``; ``PYTHONPATH=/tmp/base33``,
``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, ``OMP_NUM_THREADS=1``, this file copied unchanged into it; nothing changed
after seeing results but this docstring): eager check, then ``run_models.py --corpus models15 --dialects
inductor,torchair`` with ``--dynamic static``, ``batch``, ``all`` (sequential runs, script ``/tmp/m15/first.sh``),
B = 8; log ``/tmp/models15_first.log``, results ``/tmp/models15_first_{static,batch,all}.json``. Positives with EVERY
compression fused and bit-exact / applicable; near misses fused; crashes (an error with the pass); n/a (the mode
fails with the pass off too):

    dialect  mode           positives   near misses fused  crashes  n/a
    inductor static         14/17       0/8                0        0
    inductor mark_dynamic   14/17       0/8                0        0
    inductor dynamic=True   13/17       0/8                0        0
    torchair static         14/17       0/8                0        0
    torchair mark_dynamic   14/17       0/8                0        0
    torchair dynamic=True   13/17       0/8                0        0
    TOTAL: 82/102 positive runs (80 %) with every compression fused and bit-exact; every run that fused anything
    fused every compression and was bit-exact to the golden (82/82); near misses: 0/48 runs fused; no crash, no
    error, nothing n/a; every one of the 150 runs eager-equal; dynamo made 1 graph in every run.
    (The runner's own TOTAL lines: static 28/34, batch 28/34, all 26/34; near-miss runs fused 0/16 in each.)

The positive misses, with the pass's reason verbatim (the runner's JSON; ``nsa_fusion.explain`` for the source line,
``/tmp/m15/explain.py``):

* ``vllm_v0_x_layout_buffer`` (6/6 runs, 0/2 fused): K: ``gather: tokens are gathered from index_put
  (aten.index_put.default), which is not a [num_blocks, P, N, D] torch.float16 tensor @ index_put
  (aten.index_put.default)``; V: ``gather: paged input (51, 2, 32, 16) and cache (44, 2, 32) do not share [N, D] @
  index_put_1 (aten.index_put.default)`` (explain: the 5-D key append ``key_cache[block_idx, :, :, block_offset, :]
  = ...`` is ``ignored ... the write indexes inside the cache rows with data-dependent indices``). Judgement: a GAP for
  the value cache, a defensible limit for the key cache. The value cache ``[NB, N, D, P]`` is the contract with
  ``input = value_cache.permute(0, 3, 1, 2)`` (a non-contiguous ``[NB, P, N, D]`` view, which the contract allows);
  the pass reads it as ``[NB, P=2, N=32, D=16]`` (FlashInfer HND ``[NB, N, P, D]``, ``vllm_flashinfer_hnd``, fused
  everywhere, so it is the D-before-P order it does not follow). The key cache ``[NB, N, D/x, P, x]`` is the contract
  only on a COPY (``permute(0, 3, 1, 2, 4).reshape(NB, P, N, D)`` is no view: D is split around P), so fusing it
  needs a gathered copy or a kernel that knows the x layout. Both are vLLM v0's legacy paged-attention layouts.
* ``hf_left_padded_cat_window`` (6/6 runs, 0/2 fused): ``gather: the new rows are not gathered from a paged KV
  tensor with indices computed from the lengths @ convert_element_type_19 (prims.convert_element_type.default)``
  (torchair ``@ _to_copy_11 (aten._to_copy.default)``; hint ``gather the last l tokens: kv[block_table[b, p // P], p %
  P]``). Judgement: a GAP (a design limit of the recogniser). The window is the static slice ``cache[:, :, -l:]`` of
  a left-padded ``torch.cat`` cache, with no index computed from ``seq_lens``; it is the contract for every
  ``seq_lens`` in ``[0, T]`` with P = 1 and ``block_table[b, p] = b * T + T - s_b + p`` (validated against
  ``compress_infer`` with value checks), but the pass requires window indices derived from the lengths. HF's
  batched ``generate`` with left padding and a ``DynamicCache`` writes exactly this.
* ``vllm_paged_cmp_2d_index`` (6/6 runs, 0/2 fused): ``write: the slot of row b may depend on other rows, the row
  number or the batch size, not only on row b's own inputs (view_default is not indexed by a static batch of 8 rows)
  @ index_tensor (aten.index.Tensor)`` (the same text under mark_dynamic and dynamic=True, where the batch is not a
  static 8). Judgement: a GAP. The paged compressed cache ``[NBc, Pc, N, D]`` written with 2-D advanced indexing
  ``cmp[c_page, c_off] = where(...)`` is row ``c_page * Pc + c_off`` of the flat view, the contract's "paged
  compressed cache" rule. Counter-experiment after the first try (``/tmp/m15/diag_2d.py``, scratch subclass, ONE
  change: ``flat = cmp.view(-1, N, D); flat[c_page * Pc + c_off] = where(...)``): explain ``2 fused, 0 refused``
  (``fused l=32, d=16, lN weight``). So only the (page, offset) spelling of the write is not followed
  (``deepseek_paged_cmp_fp32_2l``, the flat-view spelling, fused in every run).
* ``deepseek_latent_einsum_2l`` (dynamic=True only, both dialects, 0/2; static and mark_dynamic fused 2/2 bit-exact):
  ``gather: the new row b may depend on other rows, the row number or the batch size, not only on row b's own inputs
  (mul_115 (aten.mul.Tensor) mixes or reshapes batch rows) @ convert_element_type_19
  (prims.convert_element_type.default)`` (second compression ``mul_72``; torchair ``mul_111`` / ``gather_2 (aten.gather.default)
  mixes or reshapes batch rows`` at ``_to_copy_11`` / ``_to_copy_39``). Judgement: a GAP with symbolic sizes, conservative
  (no wrong result). Counter-experiments (``/tmp/m15/diag_latent.py``, ``diag_latent2.py``; ``explain(...,
  dynamic=True)`` with ``NSA_FUSION_FUSE_SMALL=1``): the window clamp written ``.clamp(min=0)`` instead of
  ``torch.where(tpos < 0, 0, tpos)`` is still refused the same way; pooling ``(tok.float() * w.float()[None, :,
  None]).sum(1)`` instead of ``einsum('blc,l->bc', tok, w)`` fuses 2/2. So it is the einsum with a 1-D ``[l]`` weight
  on a head-less ``[B, l, C]`` window (decomposed into a reshape over symbolic sizes) that the pass does not follow
  under dynamic=True.

Other findings:

* Near misses: 0/48 runs fused, every run eager-equal; no near miss fused, so no golden re-check with other weights /
  slots was needed. The pass's reasons (Inductor static, first of two; the same in the other runs as far as I read):
  window_excludes_new ``pooling: the pooled value is not sum_j w[j, h] * token_j[h, :] with the weight arg11_1 (as
  [l, N] or [N, l])``; cond_on_positions ``mask: the condition selects windows of l=33 (stride 16) but the weight
  arg11_1 [32, 2] has 32 positions: the condition is not s >= l and (s - l) % d == 0 for the pooled window``;
  count_ge_zero the same with ``l=16 (stride 16)``; fp64_accumulator ``dtype: tokens are cast to torch.float64, which
  does not hold torch.float32 exactly``; scale_after_sum ``mask: the condition selects windows of l=32 (stride 16) but
  the weight arg11_1 [2] has 1 positions`` (it took the [N] head scale for a weight: refused, for an odd reason);
  intrablock_pos_emb ``roles: the pooled value depends on more than one float input besides the paged KV: arg11_1,
  arg12_1``; fp32_master_weight ``weight: the weight arg11_1 is a float32 graph input used as it is with bfloat16
  data: the fused op takes the weight in bfloat16, and rounding it would change the products ...``; softmax_weight
  ``weight: the weight is computed by aten.amax.default before the pooling``.
  A caveat the pass's reason brings out (as in models14): ``nm_cond_on_positions`` is a WEAK near miss. Its condition
  ``(s - 1 >= 32) & ((s - 1 - 32) % 16 == 0)`` is the contract's condition for l = 33, and its window s - 32 .. s - 1 is
  the last 32 positions of that 33-window; with the window length free too it equals the contract with l = 33 and
  the weight ``[0] + w`` on finite tokens, and differs only where token s - 33 is inf / NaN (``0 * inf = NaN`` in the
  contract). With l = 32 fixed by the ``[32, N]`` weight it is not the contract for any weight / slot / table (my
  note's argument). ``nm_count_ge_zero`` is not weak in this way: its condition is the contract's for l = 16, but it
  pools 32 tokens with nonzero weights (s - 32 .. s - 1 for s >= 32), which no 16-window can.
* Cost rule: with default settings ``explain`` DECLINES my steps on cost (``declined cost ... B * l * N * D = 8 * 32 *
  64 * 1 = 16384 window elements``, below 32768; every model here has 16384 window elements). The runner's runs fused
  them, so the runner forces small steps (I did not read how); my after-the-fact diagnostics set
  ``NSA_FUSION_FUSE_SMALL=1`` to match. A user compiling these models as they are gets Inductor's code, by design.
* No crash, no GE converter failure, no eager_equal failure, no n/a: every model keeps the batch symbolic under
  ``mark_dynamic`` (checked beforehand with ``backend="eager"``).
* Idioms that fused bit-exact in all 6 runs (as far as the earlier corpora's docstrings say, new to the corpora):
  ``torch.bmm`` over ``[B*N, D, l]`` with an expanded, reshaped weight (2 layers); Python's builtin ``sum()`` over a
  generator of products; vLLM's FlashInfer backend in HND stride order ``[NB, 2, N, P, D]`` with a block table
  (int64); an SGLang page-size-1 pool with int32 tables, a window-order loop and ``scatter_`` writes (2 layers);
  HF static ``[B, N, T, D]`` caches in fp32 with ``index_put_((rows, idx))`` compressed writes (2 layers); a
  4-layer int32 vllm-ascend fallback (8/8 compressions per run) with ``scatter_`` writes keeping from
  ``index_select``; functional ``mean(1)`` pooling; an SGLang page-16 flat pool with token-level ``req_to_token`` and
  ``[N, l]`` weights; a CUDA-graph padded batch with a reserved null block 0 and an in-place ``acc +=`` loop (2
  layers); compressed writes through a ``[S, N * D]`` view (3 layers, 6/6); a paged compressed cache written through
  its flat view in fp32 with a last-dim ``sum(-1)`` (2 layers); a compressed PAIR cache ``[S, 2, N, D]`` written
  per half with ``index_copy_`` (2 layers); a depthwise ``F.conv1d`` pooling (bit-exact on CPU).

Repro: ``cd /tmp/base33 && PYTHONPATH=$PWD TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1
/work/main/.venv/bin/python tests/corpora/run_models.py --corpus models15 --only
vllm_v0_x_layout_buffer,hf_left_padded_cat_window,vllm_paged_cmp_2d_index,deepseek_latent_einsum_2l --dynamic
static,all``; ``/work/main/.venv/bin/python /tmp/m15/explain.py <names>`` (same env) for explain; the
counter-experiments ``/tmp/m15/diag_2d.py`` and ``/tmp/m15/diag_latent{,2}.py`` with ``NSA_FUSION_FUSE_SMALL=1``.
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import _flat_state, _poison, gen_state  # noqa: E402,F401
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, _kv_spec, check_cases  # noqa: E402

BASE = dict(l=32, d=16, P=16, MP=6, N=2, D=32)


def _own_slot(cmp_table, s, l, d):
    """The request's own compressed row for the window that completes at ``s`` (row 0 before any)."""
    i = torch.div((s.long() - l).clamp(min=0), d, rounding_mode="floor")
    return cmp_table.long().gather(1, i[:, None]).squeeze(1)


def _paged_read(k_cache, v_cache, table, P):
    def read(pos):
        pg = table.long().gather(1, torch.div(pos, P, rounding_mode="floor").long())
        off = (pos % P).long()
        return k_cache[pg, off], v_cache[pg, off]
    return read


# ----------------------------------------------------------------------------------------------------
# 1. vLLM, separate [NB, P, N, D] K and V caches per layer, flat token slots, bmm pooling, 2 layers
# ----------------------------------------------------------------------------------------------------

class VllmSplitFlatBmm2L(DecodeModel):
    SIZES = BASE
    NL = 2
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k0=st["kvs"][0], v0=st["kvs"][1], k1=st["kvs"][2], v1=st["kvs"][3],
                         ck0=st["cmps"][0], cv0=st["cmps"][1], ck1=st["cmps"][2], cv1=st["cmps"][3])

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, wname in (("k", "cmp_w_k"), ("v", "cmp_w_v")):
                out.append(_kv_spec(f"L{i}.{kind}", lambda a, r, n=f"{kind}{i}": a[n],
                                    lambda a, r, n=f"c{kind}{i}": a[n],
                                    lambda m, i=i, w=wname: getattr(m.layers[i], w), lambda a: a["block_table"],
                                    lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]))
        return out

    def _compress(self, cache, out, weight, block_table, seq_lens, cmp_slot_mapping):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[2], cache.shape[3]
        start = (seq_lens - l).clamp(min=0)
        tok_pos = start[:, None] + torch.arange(l, device=seq_lens.device)
        flat = block_table.gather(1, tok_pos // P) * P + tok_pos % P
        tokens = cache.flatten(0, 1)[flat]  # [B, l, N, D]
        x = tokens.float().permute(0, 2, 3, 1).reshape(B * N, D, l)
        w = weight.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, l, 1)
        pooled = torch.bmm(x, w).view(B, N, D).to(out.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        out.index_put_((cmp_slot_mapping,), torch.where(valid[:, None, None], pooled, out[cmp_slot_mapping]))

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        L, N, D = self.NL, self.N, self.D
        seq_lens = positions + 1
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[2 * i], caches[2 * i + 1], caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            kc.view(-1, N, D).index_put_((slot_mapping,), k)
            vc.view(-1, N, D).index_put_((slot_mapping,), v)
            self._compress(kc, ck, layer.cmp_w_k, block_table, seq_lens, cmp_slot_mapping)
            self._compress(vc, cv, layer.cmp_w_v, block_table, seq_lens, cmp_slot_mapping)
            h = layer.finish(h, x, q, seq_lens, _paged_read(kc, vc, block_table, self.P),
                             ck[cmp_block_table], cv[cmp_block_table], self.l, self.d)
        return h


# ----------------------------------------------------------------------------------------------------
# 2. vLLM v1 stacked [2, NB, P, N, D], pooled by a generator sum of products in window order
# ----------------------------------------------------------------------------------------------------

class VllmV1StackedGenSum(DecodeModel):
    SIZES = BASE
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache", "cmp_k", "cmp_v")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache=torch.stack(st["kvs"]), cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kind, lambda a, r, j=j: a["kv_cache"][j], lambda a, r, kind=kind: a[f"cmp_{kind}"],
                         lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for j, kind, w in ((0, "k", "cmp_w_k"), (1, "v", "cmp_w_v"))]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_cache,
                cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        seq_lens = positions + 1
        x, q, k, v = layer.project(hidden, positions)
        block_idx = torch.div(slot_mapping, P, rounding_mode="floor")
        block_off = slot_mapping % P
        kv_cache[:, block_idx, block_off] = torch.stack((k, v))
        win = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        pages = block_table.gather(1, win // P)
        offs = win % P
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for j, (cmp, w) in enumerate(((cmp_k, layer.cmp_w_k), (cmp_v, layer.cmp_w_v))):
            tok = kv_cache[j][pages, offs].float()  # [B, l, N, D]
            wf = w.float()
            pooled = sum(wf[t][None, :, None] * tok[:, t] for t in range(l))
            new = torch.where(valid[:, None, None], pooled.to(cmp.dtype), cmp[cmp_slot_mapping])
            cmp.index_put_((cmp_slot_mapping,), new)
        return layer.finish(hidden, x, q, seq_lens, _paged_read(kv_cache[0], kv_cache[1], block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)


# ----------------------------------------------------------------------------------------------------
# 3. vLLM's FlashInfer backend in the HND stride order: [NB, 2, N, P, D], int64 metadata
# ----------------------------------------------------------------------------------------------------

class VllmFlashinferHND(DecodeModel):
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache", "cmp_k", "cmp_v")
    BATCH = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kv = torch.stack(st["kvs"], dim=1).permute(0, 1, 3, 2, 4).contiguous()  # [NB, 2, N, P, D]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache=kv, cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kind, lambda a, r, j=j: a["kv_cache"][:, j].permute(0, 2, 1, 3),
                         lambda a, r, kind=kind: a[f"cmp_{kind}"],
                         lambda m, w=w: getattr(m.layers[0], w), lambda a: a["block_table"],
                         lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"])
                for j, kind, w in ((0, "k", "cmp_w_k"), (1, "v", "cmp_w_v"))]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, kv_cache,
                cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_pages, v_pages = kv_cache[:, 0], kv_cache[:, 1]  # [NB, N, P, D]
        blk, off = slot_mapping // P, slot_mapping % P
        k_pages[blk, :, off] = k
        v_pages[blk, :, off] = v
        pos = seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)
        pos = pos.clamp(min=0)
        pg = block_table.gather(1, pos // P)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for pages, cmp, w in ((k_pages, cmp_k, layer.cmp_w_k), (v_pages, cmp_v, layer.cmp_w_v)):
            tok = pages[pg, :, pos % P]  # [B, l, N, D]
            pooled = torch.einsum("bjhd,jh->bhd", tok.float(), w.float()).to(cmp.dtype)
            cmp.index_put_((cmp_slot_mapping,), torch.where(valid[:, None, None], pooled, cmp[cmp_slot_mapping]))

        def read(p):
            g = block_table.gather(1, p // P)
            return k_pages[g, :, p % P], v_pages[g, :, p % P]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)


# ----------------------------------------------------------------------------------------------------
# 4. SGLang MHATokenToKVPool (page size 1), int32 req_to_token, window-order loop, scatter_, 2 layers
# ----------------------------------------------------------------------------------------------------

class SglangPoolLoopScatter2L(DecodeModel):
    SIZES = dict(l=32, d=16, P=1, MP=96, N=2, D=32)
    NL = 2
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buf0", "v_buf0", "k_buf1", "v_buf1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kv = [t.squeeze(1) for t in st["kvs"]]
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(torch.int32), req_pool_indices=rpi,
                         out_cache_loc=loc, req_to_token=r2t.to(torch.int32), cmp_req_to_token=cr2t.to(torch.int32),
                         k_buf0=kv[0], v_buf0=kv[1], k_buf1=kv[2], v_buf1=kv[3],
                         ck0=st["cmps"][0], cv0=st["cmps"][1], ck1=st["cmps"][2], cv1=st["cmps"][3])

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, wname in (("k", "cmp_w_k"), ("v", "cmp_w_v")):
                out.append(_kv_spec(
                    f"L{i}.{kind}", lambda a, r, n=f"{kind}_buf{i}": a[n], lambda a, r, n=f"c{kind}{i}": a[n],
                    lambda m, i=i, w=wname: getattr(m.layers[i], w),
                    lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"].long(),
                    lambda a: _own_slot(a["cmp_req_to_token"][a["req_pool_indices"]], a["seq_lens"], self.l,
                                        self.d)))
        return out

    def _compress(self, buf, cmp, w, token_ids, cmp_loc, valid):
        l = self.l
        tok = buf[token_ids]  # [B, l, N, D]
        wf = w.float()
        acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float32, device=tok.device)
        for j in range(l):
            acc = acc + wf[j][None, :, None] * tok[:, j].float()
        N, D = cmp.shape[1], cmp.shape[2]
        idx = cmp_loc[:, None, None].expand(-1, N, D)
        new = torch.where(valid[:, None, None], acc.to(cmp.dtype), cmp.gather(0, idx))
        cmp.scatter_(0, idx, new)

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token, *bufs):
        L, l, d = self.NL, self.l, self.d
        positions = (seq_lens - 1).long()
        win = (seq_lens.long() - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        token_ids = req_to_token[req_pool_indices[:, None], win].long()
        i_cmp = torch.div((seq_lens.long() - l).clamp(min=0), d, rounding_mode="floor")
        cmp_loc = cmp_req_to_token[req_pool_indices, i_cmp].long()
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_rows = cmp_req_to_token[req_pool_indices].long()
        h = hidden
        for i, layer in enumerate(self.layers):
            kb, vb, ck, cv = bufs[2 * i], bufs[2 * i + 1], bufs[2 * L + 2 * i], bufs[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            self._compress(kb, ck, layer.cmp_w_k, token_ids, cmp_loc, valid)
            self._compress(vb, cv, layer.cmp_w_v, token_ids, cmp_loc, valid)

            def read(p, kb=kb, vb=vb):
                ids = req_to_token[req_pool_indices[:, None], p].long()
                return kb[ids], vb[ids]
            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_rows], cv[cmp_rows], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 5. HF static cache [B, N, T, D] per layer, per-row cache_position, fp32, 2 layers
# ----------------------------------------------------------------------------------------------------

class HfStaticBNTD2L(DecodeModel):
    SIZES = BASE
    NL = 2
    ARGS = ("hidden", "cache_position", "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ARGS

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        dense, cmps = _dense_state(st, B, self.MP * self.P)
        dense = [t.transpose(1, 2).contiguous() for t in dense]  # [B, N, T, D]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, k0=dense[0], v0=dense[1], k1=dense[2],
                         v1=dense[3], ck0=cmps[0].contiguous(), cv0=cmps[1].contiguous(), ck1=cmps[2].contiguous(),
                         cv1=cmps[3].contiguous())

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, wname in (("k", "cmp_w_k"), ("v", "cmp_w_v")):
                out.append(_kv_spec(
                    f"L{i}.{kind}", lambda a, r, n=f"{kind}{i}": a[n].transpose(1, 2),
                    lambda a, r, n=f"c{kind}{i}": a[n].flatten(0, 1),
                    lambda m, i=i, w=wname: getattr(m.layers[i], w),
                    lambda a: torch.arange(a["hidden"].shape[0])[:, None], lambda a: a["cache_position"] + 1,
                    lambda a, n=f"c{kind}{i}": torch.arange(a["hidden"].shape[0]) * a[n].shape[1] + torch.div(
                        (a["cache_position"] + 1 - self.l).clamp(min=0), self.d, rounding_mode="floor")))
        return out

    def forward(self, hidden, cache_position, *caches):
        L, l, d = self.NL, self.l, self.d
        B = hidden.shape[0]
        rows = torch.arange(B, device=hidden.device)
        s = cache_position + 1
        win = (s - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        idx = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        complete = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[2 * i], caches[2 * i + 1], caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, cache_position)
            kc[rows, :, cache_position] = k
            vc[rows, :, cache_position] = v
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                tok = cache[rows[:, None], :, win]  # [B, l, N, D]
                pooled = (tok * w[None, :, :, None]).sum(dim=1)
                cmp.index_put_((rows, idx), torch.where(complete[:, None, None], pooled, cmp[rows, idx]))

            def read(p, kc=kc, vc=vc):
                return kc[rows[:, None], :, p], vc[rows[:, None], :, p]
            h = layer.finish(h, x, q, s, read, ck, cv, l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 6. DeepSeek MLA: latent cache [NB, P, C] without a head dim, [l] weight, einsum, 2 layers
# ----------------------------------------------------------------------------------------------------

class DeepseekLatentEinsum2L(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=6, N=1, D=64)
    NL = 2
    ARGS = ("hidden", "positions", "block_table", "cmp_block_table", "kv0", "kv1", "cmp0", "cmp1")
    BATCH = ("hidden", "positions", "block_table", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL, Hq=2, weight_shape=(self.SIZES["l"],), kv_out=self.SIZES["D"])

    def make_inputs(self, B, seed):
        st = self.state(B, seed, self.NL)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], kv0=st["kvs"][0].squeeze(2), kv1=st["kvs"][1].squeeze(2),
                         cmp0=st["cmps"][0].squeeze(1), cmp1=st["cmps"][1].squeeze(1))

    def specs(self):
        return [_kv_spec(f"L{i}.latent", lambda a, r, i=i: a[f"kv{i}"].unsqueeze(2),
                         lambda a, r, i=i: a[f"cmp{i}"].unsqueeze(1), lambda m, i=i: m.layers[i].cmp_w_k[:, None],
                         lambda a: a["block_table"], lambda a: a["positions"] + 1,
                         lambda a: _own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for i in range(self.NL)]

    def forward(self, hidden, positions, block_table, cmp_block_table, *caches):
        l, d, P = self.l, self.d, self.P
        s = positions + 1
        blk = block_table.gather(1, (positions // P)[:, None]).squeeze(1)
        off = positions % P
        tpos = s[:, None] - l + torch.arange(l, device=s.device)
        tpos = torch.where(tpos < 0, torch.zeros_like(tpos), tpos)
        tpage = block_table.gather(1, tpos // P)
        toff = tpos % P
        done = (s >= l) & ((s - l) % d == 0)
        slot = _own_slot(cmp_block_table, s, l, d)
        h = hidden
        for i, layer in enumerate(self.layers):
            kv, cmp = caches[i], caches[self.NL + i]
            x, q, k, _ = layer.project(h, positions)
            latent = k.squeeze(1)  # [B, C]
            kv[blk, off] = latent
            tok = kv[tpage, toff]  # [B, l, C]
            pooled = torch.einsum("blc,l->bc", tok.float(), layer.cmp_w_k.float()).to(cmp.dtype)
            cmp[slot] = torch.where(done[:, None], pooled, cmp[slot])

            def read(p, kv=kv):
                t = kv[block_table.gather(1, p // P), p % P][:, :, None, :]
                return t, t
            rows = cmp[cmp_block_table][:, :, None, :]
            h = layer.finish(h, x, q, s, read, rows, rows, l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 7. vllm-ascend torch fallback, int32 metadata, index_copy_ appends, scatter_ writes, 4 layers
# ----------------------------------------------------------------------------------------------------

class AscendInt32Scatter4L(DecodeModel):
    SIZES = BASE
    NL = 4
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_block_tables") + tuple(
        f"{k}{i}" for i in range(4) for k in ("key_cache", "value_cache")) + tuple(
        f"{k}{i}" for i in range(4) for k in ("cmp_key", "cmp_value"))
    BATCH = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_block_tables")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        named = dict(hidden=st["hidden"], seq_lens=st["s"].to(torch.int32),
                     slot_mapping=_append_slots(st, self.P).to(torch.int32),
                     block_tables=st["table"].to(torch.int32), cmp_block_tables=st["cmp_table"].to(torch.int32))
        for i in range(self.NL):
            named[f"key_cache{i}"], named[f"value_cache{i}"] = st["kvs"][2 * i], st["kvs"][2 * i + 1]
            named[f"cmp_key{i}"], named[f"cmp_value{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, ck, wname in (("key_cache", "cmp_key", "cmp_w_k"), ("value_cache", "cmp_value", "cmp_w_v")):
                out.append(_kv_spec(
                    f"L{i}.{kind}", lambda a, r, n=f"{kind}{i}": a[n], lambda a, r, n=f"{ck}{i}": a[n],
                    lambda m, i=i, w=wname: getattr(m.layers[i], w), lambda a: a["block_tables"].long(),
                    lambda a: a["seq_lens"].long(),
                    lambda a: _own_slot(a["cmp_block_tables"], a["seq_lens"], self.l, self.d)))
        return out

    def _fallback_compress(self, cache, weight, block_tables, seq_lens, cmp_cache, cmp_block_tables):
        l, d, P = self.l, self.d, self.P
        N, D = cache.shape[2], cache.shape[3]
        start = (seq_lens - l).clamp(min=0)
        tp = start.unsqueeze(1) + torch.arange(l, dtype=torch.int32, device=seq_lens.device)
        blk = torch.gather(block_tables, 1, (tp // P).long())
        tok = cache[blk.long(), (tp % P).long()]  # [B, l, N, D]
        pooled = torch.sum(tok.float() * weight.float().unsqueeze(-1), dim=1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = torch.gather(cmp_block_tables, 1, (start // d).long().unsqueeze(1)).squeeze(1).long()
        idx = slot.view(-1, 1, 1).expand(-1, N, D)
        cmp_cache.scatter_(0, idx, torch.where(valid.view(-1, 1, 1), pooled, cmp_cache.index_select(0, slot)))

    def forward(self, hidden, seq_lens, slot_mapping, block_tables, cmp_block_tables, *caches):
        L, N, D = self.NL, self.N, self.D
        kvs, cmps = caches[: 2 * L], caches[2 * L:]
        slots = slot_mapping.long()
        cmp_rows = cmp_block_tables.long()
        h = hidden
        for i, layer in enumerate(self.layers):
            key_cache, value_cache = kvs[2 * i], kvs[2 * i + 1]
            cmp_key, cmp_value = cmps[2 * i], cmps[2 * i + 1]
            x, q, k, v = layer.project(h, seq_lens - 1)
            key_cache.view(-1, N, D).index_copy_(0, slots, k)
            value_cache.view(-1, N, D).index_copy_(0, slots, v)
            self._fallback_compress(key_cache, layer.cmp_w_k, block_tables, seq_lens, cmp_key, cmp_block_tables)
            self._fallback_compress(value_cache, layer.cmp_w_v, block_tables, seq_lens, cmp_value, cmp_block_tables)
            h = layer.finish(h, x, q, seq_lens, _paged_read(key_cache, value_cache, block_tables, self.P),
                             cmp_key[cmp_rows], cmp_value[cmp_rows], self.l, self.d)
        return h


# ----------------------------------------------------------------------------------------------------
# 8. lucidrains-style functional caches, mean pooling (constant weight 1/l), fp16
# ----------------------------------------------------------------------------------------------------

def exists(v):
    return v is not None


class LucidrainsFunctionalMean(DecodeModel):
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "ck_cache", "cv_cache")
    BATCH = ("hidden", "seq_lens", "block_table", "cmp_block_table")

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         ck_cache=st["cmps"][0], cv_cache=st["cmps"][1])

    def specs(self):
        def pick(name, j):
            return lambda a, r: r[j] if exists(r) else a[name]
        return [_kv_spec(kind, pick(f"{kind}_cache", j), pick(f"c{kind}_cache", j + 2),
                         lambda m: torch.full((self.l, self.N), 1.0 / self.l, dtype=m.dtype),
                         lambda a: a["block_table"], lambda a: a["seq_lens"],
                         lambda a: _own_slot(a["cmp_block_table"], a["seq_lens"], self.l, self.d))
                for j, kind in ((1, "k"), (2, "v"))]

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, ck_cache, cv_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        page = block_table.gather(1, (pos // P)[:, None]).squeeze(1)
        k_cache = k_cache.index_put((page, pos % P), k)
        v_cache = v_cache.index_put((page, pos % P), v)

        block_start = (seq_lens - l).clamp(min=0)
        window = block_start[:, None] + torch.arange(l, device=seq_lens.device)
        w_page, w_off = block_table.gather(1, window // P), window % P
        is_boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = _own_slot(cmp_block_table, seq_lens, l, d)

        def compress(cache, cmp):
            pooled = cache[w_page, w_off].float().mean(dim=1).to(cmp.dtype)
            return cmp.index_put((slot,), torch.where(is_boundary[:, None, None], pooled, cmp[slot]))

        ck_cache = compress(k_cache, ck_cache)
        cv_cache = compress(v_cache, cv_cache)
        out = layer.finish(hidden, x, q, seq_lens, _paged_read(k_cache, v_cache, block_table, P),
                           ck_cache[cmp_block_table], cv_cache[cmp_block_table], l, d)
        return out, k_cache, v_cache, ck_cache, cv_cache


# ----------------------------------------------------------------------------------------------------
# 9. vLLM v0 paged-attention layouts: key [NB, N, D/x, P, x], value [NB, N, D, P]; weight buffer
# ----------------------------------------------------------------------------------------------------

class VllmV0XLayoutBuffer(DecodeModel):
    SIZES = BASE
    X = 8
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_k", "cmp_v")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype)
        g = torch.Generator().manual_seed(77)
        for name in ("k_compress_weight", "v_compress_weight"):
            self.register_buffer(name, ((0.5 + torch.rand(self.l, self.N, generator=g)) / self.l).to(dtype))

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        NB, P, N, D = st["kvs"][0].shape
        key = st["kvs"][0].view(NB, P, N, D // self.X, self.X).permute(0, 2, 3, 1, 4).contiguous()
        value = st["kvs"][1].permute(0, 2, 3, 1).contiguous()
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         key_cache=key, value_cache=value, cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def key(a, r):
            kc = a["key_cache"]
            return kc.permute(0, 3, 1, 2, 4).reshape(kc.shape[0], kc.shape[3], kc.shape[1], -1)
        return [_kv_spec("k", key, lambda a, r: a["cmp_k"], lambda m: m.k_compress_weight,
                         lambda a: a["block_table"], lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]),
                _kv_spec("v", lambda a, r: a["value_cache"].permute(0, 3, 1, 2), lambda a, r: a["cmp_v"],
                         lambda m: m.v_compress_weight, lambda a: a["block_table"], lambda a: a["positions"] + 1,
                         lambda a: a["cmp_slot_mapping"])]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, key_cache,
                value_cache, cmp_k, cmp_v):
        l, d, P, X = self.l, self.d, self.P, self.X
        layer = self.layers[0]
        B, N, D = hidden.shape[0], self.N, self.D
        x, q, k, v = layer.project(hidden, positions)
        block_idx = slot_mapping // P
        block_offset = slot_mapping % P
        key_cache[block_idx, :, :, block_offset, :] = k.view(B, N, D // X, X)
        value_cache[block_idx, :, :, block_offset] = v
        context_lens = positions + 1
        tpos = (context_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        tblk = block_table.gather(1, tpos // P)
        toff = tpos % P
        should = (context_lens >= l) & ((context_lens - l) % d == 0)
        k_tok = key_cache[tblk, :, :, toff, :].flatten(-2)  # [B, l, N, D]
        v_tok = value_cache[tblk, :, :, toff]  # [B, l, N, D]
        for tok, cmp, w in ((k_tok, cmp_k, self.k_compress_weight), (v_tok, cmp_v, self.v_compress_weight)):
            pooled = torch.einsum("bjhd,jh->bhd", tok.float(), w.float()).to(cmp.dtype)
            cmp.index_put_((cmp_slot_mapping,), torch.where(should[:, None, None], pooled, cmp[cmp_slot_mapping]))

        def read(p):
            g, o = block_table.gather(1, p // P), p % P
            return key_cache[g, :, :, o, :].flatten(-2), value_cache[g, :, :, o]
        return layer.finish(hidden, x, q, context_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)


# ----------------------------------------------------------------------------------------------------
# 10. SGLang paged token pool (page size 16, flat [T, N, D] buffers), [N, l] weights, bf16
# ----------------------------------------------------------------------------------------------------

class SglangPagedPoolNL(DecodeModel):
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "k_buffer", "v_buffer", "cmp_k_buffer", "cmp_v_buffer")
    BATCH = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc")

    def __init__(self, dtype):
        super().__init__(dtype, weight_shape=(self.SIZES["N"], self.SIZES["l"]))

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        g, P, table, s = st["g"], self.P, st["table"], st["s"]
        cap = self.MP * P
        R = B + 4
        rpi = torch.randperm(R, generator=g)[:B]
        p = torch.arange(cap)
        tok = table[:, p // P] * P + p % P
        tok = torch.where(table[:, p // P] >= 0, tok, torch.zeros_like(tok))
        r2t = torch.randint(0, st["NB"] * P, (R, cap), generator=g)
        r2t[rpi] = tok
        cr2t = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
        cr2t[rpi] = st["cmp_table"]
        NB = st["NB"]
        kv = [t.reshape(NB * P, self.N, self.D) for t in st["kvs"]]
        return self.pack(hidden=st["hidden"], seq_lens=s, req_pool_indices=rpi, out_cache_loc=tok[torch.arange(B), s - 1],
                         req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer=kv[0], v_buffer=kv[1],
                         cmp_k_buffer=st["cmps"][0], cmp_v_buffer=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kind, lambda a, r, kind=kind: a[f"{kind}_buffer"], lambda a, r, kind=kind: a[f"cmp_{kind}_buffer"],
                         lambda m, w=w: getattr(m.layers[0], w).t(),
                         lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                         lambda a: _own_slot(a["cmp_req_to_token"][a["req_pool_indices"]], a["seq_lens"], self.l,
                                             self.d))
                for kind, w in (("k", "cmp_w_k"), ("v", "cmp_w_v"))]

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token, k_buffer,
                v_buffer, cmp_k_buffer, cmp_v_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        start = torch.clamp(seq_lens - l, min=0)
        loc_in_req = start.unsqueeze(1) + torch.arange(l, device=seq_lens.device)
        kv_indices = req_to_token[req_pool_indices.unsqueeze(1), loc_in_req]
        need = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_loc = cmp_req_to_token[req_pool_indices, torch.div(start, d, rounding_mode="floor")]
        for buf, cbuf, w in ((k_buffer, cmp_k_buffer, layer.cmp_w_k), (v_buffer, cmp_v_buffer, layer.cmp_w_v)):
            pooled = torch.einsum("hl,blhd->bhd", w.float(), buf[kv_indices].float()).to(cbuf.dtype)
            cbuf[cmp_loc] = torch.where(need[:, None, None], pooled, cbuf[cmp_loc])

        def read(p):
            ids = req_to_token[req_pool_indices[:, None], p]
            return k_buffer[ids], v_buffer[ids]
        rows = cmp_req_to_token[req_pool_indices]
        return layer.finish(hidden, x, q, seq_lens, read, cmp_k_buffer[rows], cmp_v_buffer[rows], l, d)


# ----------------------------------------------------------------------------------------------------
# 11. vLLM CUDA-graph padded batch (reserved null block 0), int32 metadata, window loop, 2 layers, bf16
# ----------------------------------------------------------------------------------------------------

class VllmCudagraphNullBlockLoop2L(DecodeModel):
    SIZES = BASE
    NL = 2
    N_PAD = 2
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        P = self.P
        # the batch: real requests first, then the CUDA-graph padding rows (two non-completing rows re-used)
        idle = [b for b in range(B) if not bool(st["valid"][b])][-self.N_PAD:]
        order = torch.tensor([b for b in range(B) if b not in idle] + idle)
        s = st["s"][order].clone()
        table = st["table"][order].clone()
        cmp_slot = st["cmp_slot"][order].clone()
        cmp_table = st["cmp_table"][order].clone()
        hidden = st["hidden"][order].clone()
        pad = torch.arange(B - self.N_PAD, B)
        s[pad] = 0
        table[pad] = -1
        table = table + 1  # page 0 is vLLM's reserved null block; -1 (unused) becomes 0
        pos = (s - 1).clamp(min=0)
        slot = table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        slot[pad] = torch.arange(self.N_PAD)  # padding rows append into the null block
        cmp_slot[pad] = -1
        g = st["g"]
        null = _poison(g, (1, P, self.N, self.D), self.dtype)
        kvs = [torch.cat((null, kv)) for kv in st["kvs"]]
        return self.pack(hidden=hidden, positions=(s - 1).to(torch.int32), slot_mapping=slot,
                         block_table=table.to(torch.int32), cmp_slot_mapping=cmp_slot.to(torch.int32),
                         cmp_block_table=cmp_table.to(torch.int32), k0=kvs[0], v0=kvs[1], k1=kvs[2], v1=kvs[3],
                         ck0=st["cmps"][0], cv0=st["cmps"][1], ck1=st["cmps"][2], cv1=st["cmps"][3])

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, wname in (("k", "cmp_w_k"), ("v", "cmp_w_v")):
                out.append(_kv_spec(f"L{i}.{kind}", lambda a, r, n=f"{kind}{i}": a[n],
                                    lambda a, r, n=f"c{kind}{i}": a[n],
                                    lambda m, i=i, w=wname: getattr(m.layers[i], w),
                                    lambda a: a["block_table"].long(), lambda a: a["positions"].long() + 1,
                                    lambda a: a["cmp_slot_mapping"].long()))
        return out

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, *caches):
        L, N, D, l, d, P = self.NL, self.N, self.D, self.l, self.d, self.P
        seq_lens = positions + 1
        win = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, dtype=torch.int32, device=hidden.device)
        win_blocks = block_table.gather(1, (win // P).long()).long()
        win_offs = (win % P).long()
        compress_now = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_slots = cmp_slot_mapping.long()
        cmp_rows = cmp_block_table.long()
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[2 * i], caches[2 * i + 1], caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            kc.flatten(0, 1).index_copy_(0, slot_mapping, k)
            vc.flatten(0, 1).index_copy_(0, slot_mapping, v)
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                tokens = cache[win_blocks, win_offs]
                acc = torch.zeros(tokens.shape[0], N, D, dtype=torch.float32, device=hidden.device)
                for j in range(l):
                    acc += w[j].float().view(1, N, 1) * tokens[:, j].float()
                cmp[cmp_slots] = torch.where(compress_now[:, None, None], acc.to(cmp.dtype), cmp[cmp_slots])
            h = layer.finish(h, x, q, seq_lens, _paged_read(kc, vc, block_table, P), ck[cmp_rows], cv[cmp_rows],
                             l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 12. HF port with paged caches, compressed caches written through a [S, N * D] view, 3 layers, bf16
# ----------------------------------------------------------------------------------------------------

class HfPagedFlatView3L(DecodeModel):
    SIZES = BASE
    NL = 3
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table") + tuple(
        f"{k}{i}" for i in range(3) for k in ("k", "v")) + tuple(f"c{k}{i}" for i in range(3) for k in ("k", "v"))
    BATCH = ("hidden", "cache_position", "block_table", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        named = dict(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                     cmp_block_table=st["cmp_table"])
        for i in range(self.NL):
            named[f"k{i}"], named[f"v{i}"] = st["kvs"][2 * i], st["kvs"][2 * i + 1]
            named[f"ck{i}"], named[f"cv{i}"] = st["cmps"][2 * i], st["cmps"][2 * i + 1]
        return self.pack(**named)

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, wname in (("k", "cmp_w_k"), ("v", "cmp_w_v")):
                out.append(_kv_spec(f"L{i}.{kind}", lambda a, r, n=f"{kind}{i}": a[n],
                                    lambda a, r, n=f"c{kind}{i}": a[n],
                                    lambda m, i=i, w=wname: getattr(m.layers[i], w), lambda a: a["block_table"],
                                    lambda a: a["cache_position"] + 1,
                                    lambda a: _own_slot(a["cmp_block_table"], a["cache_position"] + 1, self.l,
                                                        self.d)))
        return out

    def forward(self, hidden, cache_position, block_table, cmp_block_table, *caches):
        L, l, d, P = self.NL, self.l, self.d, self.P
        B = hidden.shape[0]
        kv_len = cache_position + 1
        blk = block_table[torch.arange(B, device=hidden.device), cache_position // P]
        off = cache_position % P
        offsets = torch.arange(l, device=hidden.device)
        window = (kv_len - l).clamp(min=0).unsqueeze(-1) + offsets
        w_blk = torch.gather(block_table, 1, window // P)
        w_off = window % P
        completes = (kv_len >= l) & ((kv_len - l) % d == 0)
        cmp_idx = torch.gather(cmp_block_table, 1, ((kv_len - l).clamp(min=0) // d).unsqueeze(-1)).squeeze(-1)
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[2 * i], caches[2 * i + 1], caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, cache_position)
            kc[blk, off] = k
            vc[blk, off] = v
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                pooled = torch.einsum("bjnd,jn->bnd", cache[w_blk, w_off].float(), w.float()).to(cmp.dtype)
                flat = cmp.view(cmp.shape[0], -1)
                flat.index_put_((cmp_idx,), torch.where(completes[:, None], pooled.reshape(B, -1), flat[cmp_idx]))
            h = layer.finish(h, x, q, kv_len, _paged_read(kc, vc, block_table, P), ck[cmp_block_table],
                             cv[cmp_block_table], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 13. DeepSeek-style fp32, compressed caches themselves paged [NBc, Pc, N, D], last-dim reduction, 2 layers
# ----------------------------------------------------------------------------------------------------

class DeepseekPagedCmpFp32_2L(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=2, D=32)
    NL = 2
    PC = 2
    ARGS = ("hidden", "positions", "block_table", "cmp_page_table", "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1",
            "cv1")
    BATCH = ("hidden", "positions", "block_table", "cmp_page_table")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = gen_state(B, seed, l=self.l, d=self.d, P=self.P, MP=self.MP, N=self.N, D=self.D, dtype=self.dtype,
                       n_kv=2 * self.NL, n_cmp=2 * self.NL, extra_slots=4)
        Pc, max_cmp = self.PC, st["max_cmp"]
        assert max_cmp % Pc == 0 and st["S"] % Pc == 0
        region = st["cmp_table"][:, 0] // max_cmp
        cmp_pages = region[:, None] * (max_cmp // Pc) + torch.arange(max_cmp // Pc)
        cmps = [c.view(-1, Pc, self.N, self.D) for c in st["cmps"]]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_page_table=cmp_pages, k0=st["kvs"][0], v0=st["kvs"][1], k1=st["kvs"][2],
                         v1=st["kvs"][3], ck0=cmps[0], cv0=cmps[1], ck1=cmps[2], cv1=cmps[3])

    def _slot(self, cmp_page_table, s):
        i = torch.div((s - self.l).clamp(min=0), self.d, rounding_mode="floor")
        return cmp_page_table.gather(1, (i // self.PC)[:, None]).squeeze(1) * self.PC + i % self.PC

    def specs(self):
        out = []
        for i in range(self.NL):
            for kind, wname in (("k", "cmp_w_k"), ("v", "cmp_w_v")):
                out.append(_kv_spec(f"L{i}.{kind}", lambda a, r, n=f"{kind}{i}": a[n],
                                    lambda a, r, n=f"c{kind}{i}": a[n].view(-1, self.N, self.D),
                                    lambda m, i=i, w=wname: getattr(m.layers[i], w), lambda a: a["block_table"],
                                    lambda a: a["positions"] + 1,
                                    lambda a: self._slot(a["cmp_page_table"], a["positions"] + 1)))
        return out

    def forward(self, hidden, positions, block_table, cmp_page_table, *caches):
        L, l, d, P, Pc, N, D = self.NL, self.l, self.d, self.P, self.PC, self.N, self.D
        s = positions + 1
        page = block_table.gather(1, (positions // P).unsqueeze(1)).squeeze(1)
        t = s.unsqueeze(1) - l + torch.arange(l, device=s.device)
        t = t.clamp(min=0)
        pg, of = block_table.gather(1, t // P), t % P
        slot = self._slot(cmp_page_table, s)
        ok = (s >= l) & ((s - l) % d == 0)
        cmp_rows = (cmp_page_table[:, :, None] * Pc + torch.arange(Pc, device=s.device)).flatten(1)
        h = hidden
        for i, layer in enumerate(self.layers):
            kc, vc, ck, cv = caches[2 * i], caches[2 * i + 1], caches[2 * L + 2 * i], caches[2 * L + 2 * i + 1]
            x, q, k, v = layer.project(h, positions)
            kc[page, positions % P] = k
            vc[page, positions % P] = v
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                tok = cache[pg, of].permute(0, 2, 3, 1)  # [B, N, D, l]
                pooled = (tok * w.t()[None, :, None, :]).sum(-1)
                rows = cmp.view(-1, N, D)
                rows[slot] = torch.where(ok[:, None, None], pooled, rows[slot])
            h = layer.finish(h, x, q, s, _paged_read(kc, vc, block_table, P), ck.view(-1, N, D)[cmp_rows],
                             cv.view(-1, N, D)[cmp_rows], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 14. vLLM FlashInfer NHD [NB, 2, P, N, D] with a compressed PAIR cache [S, 2, N, D] (views), 2 layers
# ----------------------------------------------------------------------------------------------------

class VllmFlashinferPairCmp2L(DecodeModel):
    SIZES = BASE
    NL = 2
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table", "kv0", "kv1", "cmp0", "cmp1")
    BATCH = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype, layers=self.NL)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2 * self.NL)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"].to(torch.int32), cmp_block_table=st["cmp_table"],
                         kv0=torch.stack(st["kvs"][0:2], 1), kv1=torch.stack(st["kvs"][2:4], 1),
                         cmp0=torch.stack(st["cmps"][0:2], 1), cmp1=torch.stack(st["cmps"][2:4], 1))

    def specs(self):
        out = []
        for i in range(self.NL):
            for j, kind, wname in ((0, "k", "cmp_w_k"), (1, "v", "cmp_w_v")):
                out.append(_kv_spec(f"L{i}.{kind}", lambda a, r, i=i, j=j: a[f"kv{i}"][:, j],
                                    lambda a, r, i=i, j=j: a[f"cmp{i}"][:, j],
                                    lambda m, i=i, w=wname: getattr(m.layers[i], w),
                                    lambda a: a["block_table"].long(), lambda a: a["seq_lens"],
                                    lambda a: _own_slot(a["cmp_block_table"], a["seq_lens"], self.l, self.d)))
        return out

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_block_table, kv0, kv1, cmp0, cmp1):
        l, d, P = self.l, self.d, self.P
        bt = block_table.long()
        blk, off = slot_mapping // P, slot_mapping % P
        pos = (seq_lens - l).clamp(min=0)[:, None] + torch.arange(l, device=hidden.device)
        pg, po = bt.gather(1, pos // P), pos % P
        fire = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = _own_slot(cmp_block_table, seq_lens, l, d)
        h = hidden
        for layer, kv_cache, cmp_kv in zip(self.layers, (kv0, kv1), (cmp0, cmp1)):
            x, q, k, v = layer.project(h, seq_lens - 1)
            kv_cache[blk, :, off] = torch.stack((k, v), dim=1)
            for j, w in ((0, layer.cmp_w_k), (1, layer.cmp_w_v)):
                pages = kv_cache[:, j]
                cmp = cmp_kv[:, j]
                pooled = torch.einsum("ln,blnd->bnd", w.float(), pages[pg, po].float()).to(cmp.dtype)
                cmp.index_copy_(0, slot, torch.where(fire[:, None, None], pooled, cmp.index_select(0, slot)))
            h = layer.finish(h, x, q, seq_lens, _paged_read(kv_cache[:, 0], kv_cache[:, 1], bt, P),
                             cmp_kv[:, 0][cmp_block_table], cmp_kv[:, 1][cmp_block_table], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 15. HF left-padded batch with a DynamicCache-style torch.cat append: the window is the last l columns
# ----------------------------------------------------------------------------------------------------

class HfLeftPaddedCatWindow(DecodeModel):
    SIZES = BASE
    ARGS = ("hidden", "seq_lens", "k_cache", "v_cache", "ck_cache", "cv_cache")
    BATCH = ARGS

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        T = self.MP * self.P  # columns after this step's append
        s, g = st["s"], st["g"]
        dense, cmps = _dense_state(st, B, T)  # position p of row b at column p
        col = torch.arange(T - 1)
        p = col[None, :] - (T - s)[:, None]  # left padding: position p of row b at column T - s_b + p
        real = (p >= 0) & (p < (s - 1)[:, None])
        lp = []
        for t in dense:
            moved = t.gather(1, p.clamp(min=0)[:, :, None, None].expand(-1, -1, self.N, self.D))
            lp.append(torch.where(real[:, :, None, None], moved, _poison(g, moved.shape, moved.dtype))
                      .transpose(1, 2).contiguous())  # [B, N, T - 1, D]
        return self.pack(hidden=st["hidden"], seq_lens=s, k_cache=lp[0], v_cache=lp[1],
                         ck_cache=cmps[0].contiguous(), cv_cache=cmps[1].contiguous())

    def specs(self):
        def kv(j, name):
            def f(a, r):
                c = r[j] if r is not None else a[name]  # [B, N, T, D]
                return c.transpose(1, 2).flatten(0, 1).unsqueeze(1)  # [B * T, 1, N, D]: one token per page
            return f

        def table(a):
            B, T = a["hidden"].shape[0], a["k_cache"].shape[2] + 1
            p = torch.arange(T)[None, :]
            return torch.arange(B)[:, None] * T + T - a["seq_lens"][:, None] + p

        def cache(j, name):
            return lambda a, r: (r[j] if r is not None else a[name]).flatten(0, 1)

        def slots(a):
            i = torch.div((a["seq_lens"] - self.l).clamp(min=0), self.d, rounding_mode="floor")
            return torch.arange(a["hidden"].shape[0]) * a["ck_cache"].shape[1] + i
        return [_kv_spec("k", kv(1, "k_cache"), cache(3, "ck_cache"), lambda m: m.layers[0].cmp_w_k, table,
                         lambda a: a["seq_lens"], slots),
                _kv_spec("v", kv(2, "v_cache"), cache(4, "cv_cache"), lambda m: m.layers[0].cmp_w_v, table,
                         lambda a: a["seq_lens"], slots)]

    def forward(self, hidden, seq_lens, k_cache, v_cache, ck_cache, cv_cache):
        l, d = self.l, self.d
        layer = self.layers[0]
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        k_cache = torch.cat([k_cache, k.unsqueeze(2)], dim=2)  # [B, N, T, D]
        v_cache = torch.cat([v_cache, v.unsqueeze(2)], dim=2)
        T = k_cache.shape[2]
        rows = torch.arange(B, device=hidden.device)
        idx = torch.div((seq_lens - l).clamp(min=0), d, rounding_mode="floor")
        finished = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        out = []
        for cache, cmp, w in ((k_cache, ck_cache, layer.cmp_w_k), (v_cache, cv_cache, layer.cmp_w_v)):
            last = cache[:, :, -l:]  # [B, N, l, D]: positions s - l .. s - 1 of every row
            pooled = torch.einsum("bhjd,jh->bhd", last.float(), w.float()).to(cmp.dtype)
            out.append(cmp.index_put((rows, idx), torch.where(finished[:, None, None], pooled, cmp[rows, idx])))
        ck_cache, cv_cache = out

        def read(p):
            c = (T - seq_lens)[:, None] + p  # column of position p
            return k_cache[rows[:, None], :, c], v_cache[rows[:, None], :, c]
        h = layer.finish(hidden, x, q, seq_lens, read, ck_cache, cv_cache, l, d)
        return h, k_cache, v_cache, ck_cache, cv_cache


# ----------------------------------------------------------------------------------------------------
# 16. paged compressed cache [NBc, Pc, N, D] written with 2-D advanced indexing (page, offset), bf16
# ----------------------------------------------------------------------------------------------------

class VllmPagedCmp2DIndex(DecodeModel):
    SIZES = dict(l=32, d=16, P=16, MP=5, N=2, D=32)
    PC = 2
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_page_table", "k_cache", "v_cache",
            "cmp_k", "cmp_v")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_page_table")

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        Pc, max_cmp = self.PC, st["max_cmp"]
        region = st["cmp_table"][:, 0] // max_cmp
        cmp_pages = region[:, None] * (max_cmp // Pc) + torch.arange(max_cmp // Pc)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_page_table=cmp_pages, k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0].view(-1, Pc, self.N, self.D),
                         cmp_v=st["cmps"][1].view(-1, Pc, self.N, self.D))

    def _slot(self, cmp_page_table, s):
        i = torch.div((s - self.l).clamp(min=0), self.d, rounding_mode="floor")
        return cmp_page_table.gather(1, (i // self.PC)[:, None]).squeeze(1) * self.PC + i % self.PC

    def specs(self):
        return [_kv_spec(kind, lambda a, r, kind=kind: a[f"{kind}_cache"],
                         lambda a, r, kind=kind: a[f"cmp_{kind}"].view(-1, self.N, self.D),
                         lambda m, kind=kind: getattr(m.layers[0], f"cmp_w_{kind}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: self._slot(a["cmp_page_table"], a["positions"] + 1))
                for kind in ("k", "v")]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_page_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P, Pc, N, D = self.l, self.d, self.P, self.PC, self.N, self.D
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        s = positions + 1
        t = (s - l).clamp(min=0)[:, None] + torch.arange(l, device=s.device)
        pg, of = block_table.gather(1, t // P), t % P
        i = torch.div((s - l).clamp(min=0), d, rounding_mode="floor")
        c_page = cmp_page_table.gather(1, (i // Pc)[:, None]).squeeze(1)
        c_off = i % Pc
        closes = (s >= l) & ((s - l) % d == 0)
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            pooled = torch.einsum("bjnd,jn->bnd", cache[pg, of].float(), w.float()).to(cmp.dtype)
            cmp[c_page, c_off] = torch.where(closes[:, None, None], pooled, cmp[c_page, c_off])
        rows = (cmp_page_table[:, :, None] * Pc + torch.arange(Pc, device=s.device)).flatten(1)
        return layer.finish(hidden, x, q, s, _paged_read(k_cache, v_cache, block_table, P),
                            cmp_k.view(-1, N, D)[rows], cmp_v.view(-1, N, D)[rows], l, d)


# ----------------------------------------------------------------------------------------------------
# 17. depthwise conv1d pooling (a Conv1d-style compressor applied to the last window), vLLM split caches
# ----------------------------------------------------------------------------------------------------

class VllmConv1dPool(DecodeModel):
    SIZES = BASE
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table")

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [_kv_spec(kind, lambda a, r, kind=kind: a[f"{kind}_cache"], lambda a, r, kind=kind: a[f"cmp_{kind}"],
                         lambda m, kind=kind: getattr(m.layers[0], f"cmp_w_{kind}"), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for kind in ("k", "v")]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, cmp_k, cmp_v):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        B = hidden.shape[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        s = positions + 1
        t = (s - l).clamp(min=0)[:, None] + torch.arange(l, device=s.device)
        pg, of = block_table.gather(1, t // P), t % P
        emit = (s >= l) & ((s - l) % d == 0)
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            seq = cache[pg, of].float().permute(0, 2, 3, 1).reshape(B, N * D, l)  # channels h * D + e
            kernel = w.float().t().repeat_interleave(D, dim=0).unsqueeze(1)  # [N * D, 1, l]
            pooled = torch.nn.functional.conv1d(seq, kernel, groups=N * D).view(B, N, D).to(cmp.dtype)
            cmp.index_put_((cmp_slot_mapping,), torch.where(emit[:, None, None], pooled, cmp[cmp_slot_mapping]))
        return layer.finish(hidden, x, q, s, _paged_read(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                            cmp_v[cmp_block_table], l, d)


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM [NB, P, N, D] K and V caches, appends view(-1, N, D)[slot] = k, the request's own
# compressed row from cmp_block_table, cmp[slot] = where(...). Each bug is one switch in _pool / _mask.
# ----------------------------------------------------------------------------------------------------

class NearMissBase(DecodeModel):
    SIZES = BASE
    BUG = ""
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k",
            "cmp_v")
    BATCH = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table")

    def __init__(self, dtype):
        super().__init__(dtype)
        if self.BUG == "scale_after_sum":
            g = torch.Generator().manual_seed(5)
            for kind in ("k", "v"):
                self.register_buffer(f"head_scale_{kind}", ((0.5 + torch.rand(self.N, generator=g)) / self.l).to(dtype))
        if self.BUG == "intrablock_pos_emb":
            g = torch.Generator().manual_seed(6)
            self.register_buffer("intrablock_pos", (0.1 * torch.randn(self.l, self.N, self.D, generator=g)).to(dtype))
        if self.BUG == "fp32_master_weight":
            g = torch.Generator().manual_seed(7)
            for kind in ("k", "v"):
                self.register_buffer(f"master_w_{kind}", (0.5 + torch.rand(self.l, self.N, generator=g)) / self.l)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def _weight(self, kind):
        if self.BUG == "scale_after_sum":
            return getattr(self, f"head_scale_{kind}")[None, :].expand(self.l, self.N)
        if self.BUG == "fp32_master_weight":
            return getattr(self, f"master_w_{kind}").to(self.dtype)
        return getattr(self.layers[0], f"cmp_w_{kind}")

    def specs(self):
        return [_kv_spec(kind, lambda a, r, kind=kind: a[f"{kind}_cache"], lambda a, r, kind=kind: a[f"cmp_{kind}"],
                         lambda m, kind=kind: m._weight(kind), lambda a: a["block_table"],
                         lambda a: a["positions"] + 1,
                         lambda a: _own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for kind in ("k", "v")]

    def _window(self, s):
        l = self.l
        if self.BUG == "window_excludes_new":
            # the window ends at the token BEFORE the new one: positions s - l - 1 .. s - 2
            return (s - 1 - l)[:, None] + torch.arange(l, device=s.device)
        return (s - l)[:, None] + torch.arange(l, device=s.device)

    def _mask(self, s, positions):
        l, d = self.l, self.d
        if self.BUG == "cond_on_positions":
            return (positions >= l) & ((positions - l) % d == 0)
        if self.BUG == "count_ge_zero":
            n_blocks = torch.div(s - l, d, rounding_mode="floor") + 1  # compressed blocks after this step
            return (n_blocks >= 0) & ((s - l) % d == 0)
        return (s >= l) & ((s - l) % d == 0)

    def _pool(self, tok, kind):
        """tok [B, l, N, D] in the cache dtype -> [B, N, D] in the cache dtype."""
        l = self.l
        if self.BUG == "fp64_accumulator":
            w = self.layers[0].get_parameter(f"cmp_w_{kind}")
            acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float64, device=tok.device)
            for j in range(l):
                acc = acc + w[j].double()[None, :, None] * tok[:, j].double()
            return acc.to(tok.dtype)
        if self.BUG == "scale_after_sum":
            acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3], dtype=torch.float32, device=tok.device)
            for j in range(l):
                acc = acc + tok[:, j].float()
            return (acc * getattr(self, f"head_scale_{kind}").float()[None, :, None]).to(tok.dtype)
        if self.BUG == "intrablock_pos_emb":
            w = self.layers[0].get_parameter(f"cmp_w_{kind}")
            t = tok.float() + self.intrablock_pos.float()[None]
            return torch.einsum("bjnd,jn->bnd", t, w.float()).to(tok.dtype)
        if self.BUG == "fp32_master_weight":
            w = getattr(self, f"master_w_{kind}")  # fp32, never rounded to the cache dtype
            return torch.einsum("bjnd,jn->bnd", tok.float(), w).to(tok.dtype)
        if self.BUG == "softmax_weight":
            w = self.layers[0].get_parameter(f"cmp_w_{kind}").float().softmax(dim=0)
            return torch.einsum("bjnd,jn->bnd", tok.float(), w).to(tok.dtype)
        w = self.layers[0].get_parameter(f"cmp_w_{kind}")
        return torch.einsum("bjnd,jn->bnd", tok.float(), w.float()).to(tok.dtype)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        s = positions + 1
        x, q, k, v = layer.project(hidden, positions)
        k_cache.view(-1, N, D)[slot_mapping] = k
        v_cache.view(-1, N, D)[slot_mapping] = v
        win = self._window(s).clamp(min=0)
        pg, off = block_table.gather(1, win // P), win % P
        valid = self._mask(s, positions)
        slot = _own_slot(cmp_block_table, s, l, d)
        for cache, cmp, kind in ((k_cache, cmp_k, "k"), (v_cache, cmp_v, "v")):
            pooled = self._pool(cache[pg, off], kind)
            cmp[slot] = torch.where(valid[:, None, None], pooled, cmp[slot])
        return layer.finish(hidden, x, q, s, _paged_read(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                            cmp_v[cmp_block_table], l, d)


def _nm(bug):
    return type(f"NearMiss_{bug}", (NearMissBase,), {"BUG": bug})


MODEL_CASES = [
    _case("vllm_split_flat_bmm_2l", VllmSplitFlatBmm2L, "fuse", 4, torch.float16,
          "vLLM split [NB, P, N, D] K/V per layer, 2 layers; view(-1, N, D).index_put_ appends; window by flat token "
          "slots block_table.gather(1, p // P) * P + p % P into cache.flatten(0, 1); pooling torch.bmm of "
          "[B*N, D, l] x [B*N, l, 1] (weight .t().expand().reshape); index_put_ at int64 cmp_slot_mapping (-1)"),
    _case("vllm_v1_stacked_gensum", VllmV1StackedGenSum, "fuse", 2, torch.bfloat16,
          "vLLM v1 [2, NB, P, N, D]; append kv_cache[:, blk, off] = stack((k, v)); pooling by Python's builtin "
          "sum() over a generator of fp32 products in window order; index_put_ at cmp_slot_mapping (-1)"),
    _case("vllm_flashinfer_hnd", VllmFlashinferHND, "fuse", 2, torch.float16,
          "vLLM FlashInfer backend in HND stride order [NB, 2, N, P, D], int64 seq_lens / block_table; "
          "append k_pages[blk, :, off] = k; window pages[pg, :, off] (advanced indices split by a slice); "
          "einsum('bjhd,jh->bhd'); index_put_ at cmp_slot_mapping (-1)"),
    _case("sglang_pool_loop_scatter_2l", SglangPoolLoopScatter2L, "fuse", 4, torch.float16,
          "SGLang MHATokenToKVPool [T, N, D] per layer (page size 1), int32 seq_lens / req_to_token / "
          "cmp_req_to_token, ids req_to_token[rpi[:, None], win].long(); window-order fp32 loop; compressed write "
          "scatter_(0, loc expanded, where(..., gather)), 2 layers"),
    _case("hf_static_bntd_fp32_2l", HfStaticBNTD2L, "fuse", 4, torch.float32,
          "HF static cache [B, N, T, D] per layer, per-row cache_position, append kc[rows, :, pos] = k, window "
          "kc[rows[:, None], :, win], fp32 (tok * w[None, :, :, None]).sum(1) (torch's order), compressed "
          "[B, max_cmp, N, D] written index_put_((rows, idx), where(...)), 2 layers"),
    _case("deepseek_latent_einsum_2l", DeepseekLatentEinsum2L, "fuse", 2, torch.bfloat16,
          "DeepSeek MLA latent cache [NB, P, C] (no head dim), [l] weight, einsum('blc,l->bc'), compressed [S, C] "
          "written cmp[slot] = where(...), slot the request's own row, window positions clamped with where, 2 layers"),
    _case("ascend_int32_scatter_4l", AscendInt32Scatter4L, "fuse", 8, torch.float16,
          "vllm-ascend torch fallback, int32 seq_lens / slot_mapping / block_tables / cmp_block_tables, "
          "view(-1, N, D).index_copy_ appends, int32 window arithmetic, sum(tok * w.unsqueeze(-1), 1), "
          "scatter_ at the request's own row (keep from index_select), 4 layers"),
    _case("lucidrains_functional_mean", LucidrainsFunctionalMean, "fuse", 2, torch.float16,
          "lucidrains-style functional caches: index_put appends returning caches, mean(dim=1) pooling (constant "
          "weight 1/l), out-of-place cmp.index_put((slot,), where(...)), every cache returned"),
    _case("vllm_v0_x_layout_buffer", VllmV0XLayoutBuffer, "fuse", 2, torch.float16,
          "vLLM v0 paged-attention layouts: key [NB, N, D/x, P, x] (x = 8), value [NB, N, D, P]; windows "
          "key_cache[blk, :, :, off, :].flatten(-2); [l, N] weights as module buffers; einsum; index_put_ (-1)"),
    _case("sglang_paged_pool_nl", SglangPagedPoolNL, "fuse", 2, torch.bfloat16,
          "SGLang paged token pool (page size 16, flat [T, N, D] buffers, token-level req_to_token), int64, "
          "[N, l] weights, einsum('hl,blhd->bhd'), cbuf[cmp_loc] = where(...)"),
    _case("vllm_cudagraph_null_block_loop_2l", VllmCudagraphNullBlockLoop2L, "fuse", 4, torch.bfloat16,
          "vLLM CUDA-graph padded batch (2 pad rows: position -1, block table 0 = reserved null block, appends into "
          "the null block, cmp slot -1), int32 positions / block_table / cmp slots, flatten(0, 1).index_copy_ "
          "appends, window-order loop with in-place acc +=, 2 layers"),
    _case("hf_paged_flat_view_3l", HfPagedFlatView3L, "fuse", 6, torch.bfloat16,
          "HF port, paged [NB, P, N, D], cache_position, compressed cache written through its [S, N * D] view "
          "(index_put_ of where(valid[:, None], pooled.reshape(B, -1), flat[idx])), 3 layers"),
    _case("deepseek_paged_cmp_fp32_2l", DeepseekPagedCmpFp32_2L, "fuse", 4, torch.float32,
          "fp32, compressed caches paged [NBc, Pc = 2, N, D] written through view(-1, N, D) at "
          "cmp_page_table[b, i // Pc] * Pc + i % Pc; pooling (tok.permute(0, 2, 3, 1) * w.t()[None, :, None, :])"
          ".sum(-1), 2 layers"),
    _case("vllm_flashinfer_pair_cmp_2l", VllmFlashinferPairCmp2L, "fuse", 4, torch.float16,
          "vLLM FlashInfer NHD [NB, 2, P, N, D] per layer, int32 block_table, append kv[blk, :, off] = "
          "stack((k, v), 1); compressed PAIR cache [S, 2, N, D], each half a non-contiguous view written "
          "index_copy_ (keep from index_select); einsum('ln,blnd->bnd'), 2 layers"),
    _case("hf_left_padded_cat_window", HfLeftPaddedCatWindow, "fuse", 2, torch.float16,
          "HF left-padded batch, dense [B, N, T, D] caches appended with torch.cat (DynamicCache), the window the "
          "static slice cache[:, :, -l:] (the last l columns of every row), seq_lens passed in, compressed "
          "[B, max_cmp, N, D] written out of place index_put((rows, idx), where(...)), caches returned"),
    _case("vllm_paged_cmp_2d_index", VllmPagedCmp2DIndex, "fuse", 2, torch.bfloat16,
          "compressed caches paged [NBc, Pc = 2, N, D] written with 2-D advanced indexing cmp[c_page, c_off] = "
          "where(...), c_page = cmp_page_table[b, i // Pc], c_off = i % Pc; einsum"),
    _case("vllm_conv1d_pool", VllmConv1dPool, "fuse", 2, torch.float16,
          "pooling as a depthwise F.conv1d (groups = N * D, kernel [N * D, 1, l] from the [l, N] weight) over the "
          "fp32 window; index_put_ at cmp_slot_mapping (-1)"),
    _case("nm_window_excludes_new", _nm("window_excludes_new"), "no_fuse", 2, torch.float16,
          "window positions s - l - 1 .. s - 2 (the new token left out, one older token in)"),
    _case("nm_cond_on_positions", _nm("cond_on_positions"), "no_fuse", 2, torch.bfloat16,
          "condition on positions (s - 1) while the window ends at s - 1"),
    _case("nm_count_ge_zero", _nm("count_ge_zero"), "no_fuse", 2, torch.float16,
          "guard n_blocks = (s - l) // d + 1 >= 0 (should be >= 1): writes at s = l - d"),
    _case("nm_fp64_accumulator", _nm("fp64_accumulator"), "no_fuse", 2, torch.float32,
          "fp32 model accumulating the window in fp64, one rounding to fp32"),
    _case("nm_scale_after_sum", _nm("scale_after_sum"), "no_fuse", 2, torch.float32,
          "per-head scale applied after the fp32 window sum (fl(w_h * sum x_j))"),
    _case("nm_intrablock_pos_emb", _nm("intrablock_pos_emb"), "no_fuse", 2, torch.float16,
          "a [l, N, D] intra-block positional embedding added to the tokens before the weighted sum"),
    _case("nm_fp32_master_weight", _nm("fp32_master_weight"), "no_fuse", 2, torch.bfloat16,
          "bf16 model whose pooling weight is an fp32 buffer used unrounded"),
    _case("nm_softmax_weight", _nm("softmax_weight"), "no_fuse", 2, torch.float16,
          "weights softmax-normalised over the window in fp32, never rounded to fp16"),
]


def check_eager(B=8, seed=0, log=print):
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
