"""An eighteenth blind corpus of whole NSA decode models (``models18``).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page and public
serving code (vLLM, vllm-ascend, SGLang, FlashInfer, HF transformers, DeepSeek, lucidrains, fla), without reading the
recogniser, its tests or the other corpora's models (only the file format: ``models8``'s and ``models17``'s module
docstrings, ``run_models``' docstring and flags, and the shared building blocks of ``models3``/``models4`` that this
file imports: ``Spec``, ``golden``, ``_poison``, ``DecodeModel``, ``Layer`` (``project``, ``finish``),
``completed_blocks``, ``_append_slots``, ``_dense_state``, ``_case``, ``check_cases``). Every model is one decode step of
a 1-2 layer decoder: RMSNorm, projections, rotary, the new token's K/V (or an MLA latent) appended to the layer's cache,
K and V (or the latent) compressed into compressed caches (the contract, in the idiom of that stack), then compressed,
selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``). Sizes: l = 32, d = 16, P = 16, MP =
4 (capacity 64), N = 2, D = 32 (MLA: N = 1, C = 64), B = 8 (``gen_state``: completing and non-completing rows, poisoned
unread positions and kept rows).

Positives (14; 8 with 2 layers; fp16 x 7, bf16 x 5, fp32 x 2; 42 compressions per run):

* ``vllm_stacked_joint_kv_einsum_2l`` (fp16, 2 layers, 4): vLLM v1 ``[2, NB, P, N, D]`` per layer, K and V appended in
  ONE write ``kv[:, blk, off] = stack((k, v))``, ONE gather of both windows ``kv[:, pages, offs]`` ``[2, B, l, N, D]``,
  the two weights stacked ``[2, l, N]`` and pooled by ONE ``einsum('cbjnd,cjn->cbnd')``, compressed caches stacked
  ``[2, S, N, D]`` written by ONE ``ckv[:, cmp_slot_mapping] = where(...)`` (int64, slot -1 padding);
* ``fla_dense_window_loop_2l`` (bf16, 2 layers, 4): dense per-request ``[B, T, N, D]`` caches, ``cache_position``,
  append ``index_put_((arange(B), cache_position), k)``, window ``torch.gather`` on dim 1 with an expanded index,
  window-order Python loop from an fp32 zero accumulator, dense ``[B, max_cmp, N, D]`` compressed caches written
  ``view(-1, N, D).index_copy_`` at ``b * max_cmp + i``;
* ``flashinfer_cudagraph_nhd_seqlens`` (fp16, 2): FlashInfer ``[NP, 2, P, N, D]``, CUDA-graph static int32
  ``kv_indptr_buf[:B + 1]`` / ``kv_indices_buf``, lengths by ``get_seq_lens`` (``(indptr[1:] - indptr[:-1] - 1) * P +
  kv_last_page_len``), append at the last page, window page ``i`` at ``kv_indices[indptr[b] + min(i, n_b - 1)]``,
  ``einsum('jh,bjhd->bhd')``, int32 ``cmp_slot`` (-1), ``index_put_``;
* ``sglang_paged_token_pool_2l`` (bf16, 2 layers, 4): SGLang page size 16, token pools ``[NB * P, N, D]``, int32
  ``req_to_token`` ``[R, cap]`` of page-aligned token locations, ``k_buffer[out_cache_loc] = k``, window
  ``k_buffer[req_to_token[rpi[:, None], pos]]``, ``(win.float() * w.float()[:, :, None]).sum(dim=1)``, ``buf[loc] =
  where(...)`` at ``cmp_req_to_token[rpi, i]``;
* ``hf_head_major_scatter_2l`` (fp16, 2 layers, 4): head-major dense ``[B, N, T, D]`` caches, append ``scatter_(2,
  ...)``, window ``gather(2, ...)``, ``torch.matmul(w.t().unsqueeze(1), win)``, head-major dense compressed caches ``[B,
  N, max_cmp, D]`` written ``scatter_(2, i, where(valid, new, gather(2, i)))``;
* ``deepseek_latent_einsum_2l`` (bf16, 2 layers, 1 per layer): MLA latent ``[NB, P, C]`` (no head dim), append
  ``view(-1, C).index_copy_``, ``einsum('blc,l->bc')`` with the ``[l, 1]`` weight's column, compressed ``[S, C]``
  ``index_put_`` at ``cmp_block_table.gather(1, i)`` (int32 tables);
* ``ascend_int32_sum_mul`` (fp16, 2): vllm-ascend split caches, all metadata int32, a ``reshape_and_cache`` fallback
  on int32 slots, ``torch.sum(torch.mul(win.float(), w.float().view(1, l, N, 1)), dim=1)``, ``index_copy_``;
* ``functional_fp32_heads_first`` (fp32, 2): functional (out-of-place ``index_copy`` appends through ``view(-1, N,
  D)``, ``index_put`` compressed writes, -1 padding), ``(w.t()[None, :, :, None] * win.permute(0, 2, 1, 3)).sum(2)``,
  caches returned;
* ``vllm_cudagraph_null_block_2l`` (fp16, 2 layers, 4): CUDA-graph padded batch (last 2 rows: position -1, zero
  hidden, block-table rows = a reserved null block, append slot in it, compressed slot -1), all metadata int32,
  ``[N, l]`` checkpoint-layout weights, ``einsum('hj,bjhd->bhd')``, ``cmp[cmp_slot_mapping.long()] = where(...)``;
* ``flashinfer_hnd_unbind_loop`` (bf16, 2): FlashInfer HND split ``[NP, N, P, D]``, append ``k_cache[page, :, off] =
  k``, window ``k_cache[pages, :, offs]``, window-order loop over ``zip(w.unbind(0), win.unbind(1))``,
  ``index_copy_`` at ``cmp_block_table[arange(B), i]``;
* ``vllm_paged_cmp_two_index_bmm_2l`` (bf16, 2 layers, 4): PAGED compressed caches ``[NBc, Pc = 2, N, D]`` with an
  int64 ``cmp_page_table``, compressed token written with two indices ``cc[page, off] = where(...)``, ``torch.bmm``
  of ``[B * N, 1, l]`` weights and ``[B * N, l, D]`` windows;
* ``hf_offsets_from_position`` (fp16, 2): a non-persistent buffer ``arange(1 - l, 1)`` added to ``cache_position``,
  append page from the block table (no slot mapping), condition on the position (``cache_position + 1 - l``),
  ``torch.matmul(w.t().unsqueeze(1), win.transpose(1, 2))``, ``index_put_``;
* ``vllm_flat_tokens_fp32_2l`` (fp32, 2 layers, 4): ``[2, NB, P, N, D]``, append ``kv.flatten(1, 2).index_copy_(1,
  slot, stack((k, v)))``, window as flat token ids from ``kv.flatten(1, 2)``, ``(win[c] * w[None, :, :, None]).sum(1)``
  without casts, ``ckv[c].index_put_`` through the ``[2, S, N, D]`` halves;
* ``block_aligned_pages`` (fp16, 2): the window read as the ``l // P`` whole pages from page ``(s - l) // P``
  (``k_cache[pages].flatten(1, 2)``, exact because d and l are multiples of P), int32 ``block_tables`` /
  ``context_lens``, ``einsum('bjnd,jn->bnd')``, ``cmp[slot] = where(...)``.

Near misses (8; one layer, vLLM split caches, int64 metadata, every row writes or keeps its own compressed row
``cmp_block_table[b, clamp((s - l) // d, 0)]``; each ``note`` in ``NEAR_MISSES`` argues why no weight / slot / table /
d choice makes it the contract): ``window_shifted_back`` (window s - l - 1 .. s - 2), ``strict_length_condition`` (``s
> l``), ``fp16_running_sum`` (accumulator rounded to fp16 after every add), ``absolute_position_weight`` (``w_abs[p]``,
``[cap, N]``), ``zero_fill_instead_of_keep`` (non-completing rows get zeros), ``bf16_rounding_for_fp16_cache`` (fp32 ->
bf16 -> fp16), ``window_start_block_times_l`` (window from ``i * l``, clamped to the capacity), ``bias_after_pool`` (an
``[N, D]`` bias added before the rounding).

Checks before the first try (nothing of the pass run; scripts in ``/tmp/m18``, on /tmp/base40 while base41 was not
there): ``check_eager()`` (``python tests/corpora/models18.py``): positives equal the golden bit for bit or within fp
tolerance where torch picks the sum order (``flashinfer_cudagraph_nhd_seqlens``, ``ascend_int32_sum_mul``,
``functional_fp32_heads_first``, ``vllm_cudagraph_null_block_2l``, ``hf_offsets_from_position``,
``vllm_flat_tokens_fp32_2l``), near misses differ in every compressed cache; ``validate.py``: for seeds 0-3 every
positive's compressions computed by ``nsa_fusion.compress_infer`` with value checks on (so the inputs are valid input)
equal the golden bit for bit, and every near miss differs from the golden in every compressed cache;
``dyncheck.py``: ``torch._dynamo.explain`` 1 graph 0 breaks for every case, and every case runs with
``backend="eager"`` under ``mark_dynamic`` on its batch inputs and under ``dynamic=True`` (B = 8, then B = 6).

First try, 2026-12-05 16:06:20-16:41:46 UTC, on the frozen base acd9402 (``/tmp/base41``, present at 16:06, so base40
was not needed for the run; ``PYTHONPATH=/tmp/base41``, ``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, ``OMP_NUM_THREADS=1``,
this file copied unchanged into ``/tmp/base41/tests/corpora/`` (sha1 57551085e74e..., ``/tmp/m18/sha_at_first_run.txt``);
nothing in the models changed after seeing results, only this docstring): eager check, then ``run_models.py --corpus
models18 --dialects inductor,torchair`` with ``--dynamic static``, ``batch``, ``all`` (sequential, script
``/tmp/m18/first.sh``), B = 8; log ``/tmp/models18_first.log``, results ``/tmp/models18_first_{static,batch,all}.json``
(summaries ``/tmp/m18/summ.py``, ``/tmp/m18/reasons.py``). Positives with EVERY compression fused and bit-exact /
applicable; compressions fused; near misses fused; crashes (an error with the pass where the mode works with the pass
off); n/a (the mode fails with the pass off too):

    dialect  mode           positives   compressions fused  near misses fused  crashes  n/a
    inductor static         12/14       36/42               0/8                0        0
    inductor mark_dynamic   12/14       36/42               0/8                0        0
    inductor dynamic=True   12/14       36/42               0/8                0        0
    torchair static         11/14       32/42               0/8                0 (E)    0
    torchair mark_dynamic   11/14       32/42               0/8                0 (E)    0
    torchair dynamic=True   11/14       32/42               0/8                0 (E)    0
    TOTAL: 69/84 positive runs (82 %) with every compression fused and bit-exact; 204/252 compressions fused; every
    run that fused anything fused every compression of the case and was bit-exact (69/69; no partial fusion);
    near misses fused in 0/48 runs; no crash; nothing n/a; dynamo made 1 graph in every run but
    vllm_flat_tokens_fp32_2l/torchair (E). (The runner's TOTAL lines: 23/28 positive runs in each mode; near-miss
    runs fused 0/16 in each mode; not applicable 0.)

The positive misses, with the pass's reason verbatim (the runner's JSON; node names differ by mode):

* ``flashinfer_cudagraph_nhd_seqlens`` (6/6 runs, 0/2 fused): ``roles: the index arithmetic reads arg1_1 (a graph
  input, e.g. a module buffer), whose values are only known at run time: fusing with the value it holds now would
  silently use stale offsets once it changes (torch.compile does not guard on buffer values) @ arg1_1 (placeholder)``
  (arg2_1 under mark_dynamic, arg3_1 under dynamic=True), both dialects. Judgement: a GAP. The model is the contract
  (``compress_infer`` with value checks on equals the golden, seeds 0-3) and uses the contract's own FlashInfer rule
  (lengths as ``get_seq_lens``, pages ``kv_indices[kv_indptr[b] + i]``), read from vLLM's CUDA-graph static buffers.
  Counter-experiments after the first try (``/tmp/m18/tree/tests/corpora/m18diag.py``, run with ``run_models.py
  --corpus m18diag``, Inductor and torchair, static): removing ONE thing, the clamp of the page index to the request's
  pages (``i = torch.minimum(p // P, (num_pages - 1)[:, None])`` -> ``i = p // P``, identity on every window that is
  read), moves the refusal to ``roles: the lengths the step compares are computed (aten.add.Tensor): valid input
  bounds the lengths passed in to [0, capacity], not values computed from them @ add (aten.add.Tensor)`` (both
  dialects); with that change AND ``kv_indptr`` passed exactly ``[B + 1]`` instead of the ``[MAX_BATCH + 1]`` buffer
  sliced ``[:B + 1]`` it fuses 2/2 bit-exact (Inductor static, ``/tmp/m18/diag_fi_exact.json``). So two things are
  refused: a clamp of the page index by ``n_b - 1`` computed from ``kv_indptr`` (a harmless, common guard), and the
  ``get_seq_lens`` lengths when ``kv_indptr`` is a prefix slice of a longer CUDA-graph buffer (the contract's rule
  only reads ``kv_indptr[:B + 1]``, so the slice is the same metadata). torchair runs are ``exact=False`` because
  the UNFUSED einsum K sums in torch's order (check_eager: "within tolerance"); eager_equal True.
* ``hf_head_major_scatter_2l`` under torchair (3/3 runs, 0/4 fused; Inductor fused 4/4 bit-exact in all 3 modes):
  ``mask: the condition selects windows of l=31 (stride 16) but the weight arg9_1 [32, 2] has 32 positions: the
  condition is not s >= l and (s - l) % d == 0 for the pooled window @ unsqueeze_12 (aten.unsqueeze.default)`` (one
  per compression; weights arg12_1/arg13_1/... under the dynamic modes). Judgement: a GAP in the torchair path: the
  condition is literally ``(seq_len >= l) & ((seq_len - l) % d == 0)`` with ``seq_len = cache_position + 1`` and the
  window ``seq_len - l + j``, and Inductor fuses the same model. Counter-experiment: the append written as index_put
  (``kc[arange(B), :, cache_position] = k``) instead of ``scatter_(2, ...)``: still refused with the same l=31 line in
  torchair (Inductor fused 4/4), so the append spelling is not the cause; not isolated further (time).
  ``fla_dense_window_loop_2l``, which also compares ``cache_position + 1`` on a dense cache, fused in torchair.
  The same ``l=31`` line also shows in ``vllm_flat_tokens_fp32_2l``'s torchair reasons.
* ``vllm_flat_tokens_fp32_2l`` (6/6 runs, 0/4 fused): Inductor ``gather: tokens are gathered from more than one tensor:
  unsqueeze_default, unsqueeze_default_1 @ index (aten.index.Tensor)`` (twice per layer; ``index_6`` for layer 2);
  torchair: the compile fails, ``NotImplementedError: torch.ops.aten.index_copy.default ge_converter is not
  implemented!`` (graphs=0, eager_equal False), its reasons the ``mask ... l=31`` line above. Judgement: a GAP. With
  ``NSA_FUSION_DISABLE=1`` torchair static fails the same way (``/tmp/models18_disable.json``): the model's own
  ``index_copy_`` along dim 1 of the ``flatten(1, 2)`` view, not a crash of the pass; the runner still marks the runs
  applicable (its eager-backend retry works), so they count as misses. Counter-experiment: the append as
  ``flat[:, slot_mapping] = stack((k, v))`` (index_put) makes torchair compile (eager_equal True) but both dialects
  still refuse with the same ``gather: ... more than one tensor`` line, so the cause is the window read as flat token
  ids from the K/V-stacked flat view, ``kv.flatten(1, 2)[:, tok]`` then ``win[c]``; ``vllm_stacked_joint_kv_einsum_2l``
  (``kv[:, pages, offs]`` on the unflattened ``[2, NB, P, N, D]``) fused in all 6 runs.

Near misses: none fused (0/48 runs); all 48 runs eager-equal. Reasons (Inductor static; torchair the same): right
reason for ``absolute_position_weight`` (``weight: the weight is computed by aten.index.Tensor before the pooling``),
``zero_fill_instead_of_keep`` (``keep: no masked select (torch.where) before the write ...``) and
``strict_length_condition`` (``mask: the condition selects windows of l=47 ...``); a SIDE reason for the other five:
``window_shifted_back``, ``fp16_running_sum``, ``bf16_rounding_for_fp16_cache`` and ``window_start_block_times_l`` all
get ``mask: the condition selects windows of l=31 (stride 16) but the weight arg9_1 [32, 2] has 32 positions ...``
although their condition is the contract's ``(s >= l) & ((s - l) % d == 0)`` with ``s = positions + 1`` (the same
misreading as ``hf_head_major_scatter_2l`` under torchair; the near-miss class also clamps its window positions to
``cap - 1``), and ``bias_after_pool`` gets ``roles: the step compares arg0_1 as positions (p and p + 1), but at p =
capacity (64) its block-table reads stay in range (columns [2, 3] of 4): eager serves that position, which the op's
lengths (p + 1 <= capacity) cannot`` (that clamp). Refusing them is right; the reasons say nothing about whether the
real deviation (window, rounding, bias) would have been caught.

Other findings:

* E: ``vllm_flat_tokens_fp32_2l`` under torchair (3 modes) fails to compile (``index_copy.default ge_converter is not
  implemented``) with the pass on and off: the model's write, not the pass.
* eager_equal: only those torchair runs (graphs=0) were not eager-equal; every other run was.
* Idioms that fused bit-exact in all 6 runs: ONE einsum over stacked K/V weights ``[2, l, N]`` with one gather of both
  windows and one write into stacked ``[2, S, N, D]`` compressed caches; a window-order loop over a ``torch.gather``
  window of dense ``[B, T, N, D]`` caches with ``view(-1, N, D).index_copy_`` at ``b * max_cmp + i``; SGLang page-16
  token pools with ``req_to_token`` token locations; an MLA latent without head dim pooled by
  ``einsum('blc,l->bc')``; all-int32 vllm-ascend metadata with ``torch.sum(torch.mul(...))``; functional fp32
  ``index_copy`` / ``index_put`` with the heads-first ``sum(2)``; a CUDA-graph padded batch with a reserved null block
  and ``[N, l]`` checkpoint weights; FlashInfer HND with a ``zip(unbind)`` loop; PAGED compressed caches written with
  two indices ``cc[page, off]`` and a ``bmm`` with the weight on the left; an ``arange(1 - l, 1)`` offset buffer with
  the condition on ``cache_position + 1 - l``; the block-aligned whole-page window ``k_cache[pages].flatten(1, 2)``.
  ``hf_head_major_scatter_2l`` (``scatter_``/``gather`` on dim 2 of ``[B, N, T, D]``, compressed ``[B, N, max_cmp,
  D]`` written by ``scatter_``) fused in all 3 Inductor modes.

Repro (this file in ``/tmp/base41/tests/corpora``): ``cd /tmp/base41 && PYTHONPATH=$PWD
TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 /work/main/.venv/bin/python tests/corpora/run_models.py --corpus
models18 --only flashinfer_cudagraph_nhd_seqlens,hf_head_major_scatter_2l,vllm_flat_tokens_fp32_2l --dynamic static``;
counter-experiments ``cd /tmp/m18/tree && PYTHONPATH=$PWD ... run_models.py --corpus m18diag --dynamic static`` (its
first three variants were run, then the file's MODEL_CASES was replaced by ``fi_noclamp_exact``).
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import Spec, _poison, golden  # noqa: E402
from models4 import (DecodeModel, Layer, _append_slots, _case, _dense_state, check_cases,  # noqa: E402
                     completed_blocks)

SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


def _valid(s, l, d):
    return (s >= l) & ((s - l) % d == 0)


def _cmp_index(s, l, d, max_cmp):
    """The compressed row a request with ``s`` tokens writes (or would write next): clamp((s - l) // d)."""
    return torch.div(s - l, d, rounding_mode="floor").clamp(min=0, max=max_cmp - 1)


def _own_slots(a_s, a_cmp_table, l, d):
    s = a_s.long()
    i = _cmp_index(s, l, d, a_cmp_table.shape[1])
    return a_cmp_table.long().gather(1, i[:, None]).squeeze(1)


# ----------------------------------------------------------------------------------------------------
# 1. vLLM v1 stacked [2, NB, P, N, D]: K and V appended, gathered and pooled together
# ----------------------------------------------------------------------------------------------------

class VllmStackedJointKV(DecodeModel):
    """vLLM v1, one ``[2, NB, P, N, D]`` cache per layer; the new K and V appended in one write
    ``kv[:, blk, off] = stack((k, v))``; one gather for both windows ``kv[:, pages, offs]`` (``[2, B, l, N, D]``); the
    two weights stacked ``[2, l, N]`` and pooled by ONE ``einsum('cbjnd,cjn->cbnd')``; compressed caches stacked
    ``[2, S, N, D]`` written in one ``ckv[:, cmp_slot_mapping] = where(...)`` (slot -1 padding). int64 positions."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "kv0", "kv1", "ckv0", "ckv1")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        L = len(self.layers)
        st = self.state(B, seed, 2 * L)
        kv = [torch.stack((st["kvs"][2 * i], st["kvs"][2 * i + 1])) for i in range(L)]
        ckv = [torch.stack((st["cmps"][2 * i], st["cmps"][2 * i + 1])) for i in range(L)]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], kv0=kv[0], kv1=kv[1], ckv0=ckv[0], ckv1=ckv[1])

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                kv0, kv1, ckv0, ckv1):
        l, d, P = self.l, self.d, self.P
        seq_lens = positions + 1
        offsets = torch.arange(l, device=hidden.device)
        h = hidden
        for layer, kv, ckv in zip(self.layers, (kv0, kv1), (ckv0, ckv1)):
            x, q, k, v = layer.project(h, positions)
            blk = torch.div(slot_mapping, P, rounding_mode="floor")
            off = slot_mapping % P
            kv[:, blk, off] = torch.stack((k, v))
            win_pos = (seq_lens[:, None] - l + offsets).clamp(min=0)
            pages = block_table.gather(1, win_pos // P)
            window = kv[:, pages, win_pos % P]  # [2, B, l, N, D]
            w = torch.stack((layer.cmp_w_k, layer.cmp_w_v))  # [2, l, N]
            pooled = torch.einsum("cbjnd,cjn->cbnd", window.float(), w.float()).to(kv.dtype)
            done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
            ckv[:, cmp_slot_mapping] = torch.where(done[None, :, None, None], pooled, ckv[:, cmp_slot_mapping])
            rows = ckv[:, cmp_block_table]

            def read(p, kv=kv):
                pg = block_table.gather(1, p // P)
                t = kv[:, pg, p % P]
                return t[0], t[1]

            h = layer.finish(h, x, q, seq_lens, read, rows[0], rows[1], l, d)
        return h

    def specs(self):
        out = []
        for i in range(2):
            for c, nm in enumerate("kv"):
                out.append(Spec(f"{nm}{i}", lambda a, r, i=i, c=c: a[f"kv{i}"][c],
                                lambda a, r, i=i, c=c: a[f"ckv{i}"][c],
                                lambda m, i=i, c=c: (m.layers[i].cmp_w_k, m.layers[i].cmp_w_v)[c],
                                lambda a: a["block_table"], lambda a: a["positions"] + 1,
                                lambda a: a["cmp_slot_mapping"]))
        return out


# ----------------------------------------------------------------------------------------------------
# 2. fla-style dense per-request state [B, T, N, D], window-order loop, bf16
# ----------------------------------------------------------------------------------------------------

class FlaDenseWindowLoop(DecodeModel):
    """fla / HF-port style dense per-request caches ``[B, T, N, D]`` (no pages), ``cache_position`` [B] int64;
    append ``k_cache.index_put_((batch_idx, cache_position), k)``; window ``torch.gather`` on dim 1 with an
    expanded index; pooled by a Python loop in window order from an fp32 zero accumulator; dense compressed caches
    ``[B, max_cmp, N, D]`` written through ``view(-1, N, D).index_copy_`` at row ``b * max_cmp + i``."""
    ARGS = ("hidden", "cache_position", "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ARGS
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        dense, cmpd = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, k0=dense[0], v0=dense[1], k1=dense[2],
                         v1=dense[3], ck0=cmpd[0], cv0=cmpd[1], ck1=cmpd[2], cv1=cmpd[3])

    def _compress(self, cache, cmp, w, seq_len, batch_idx):
        l, d = self.l, self.d
        B, _, N, D = cache.shape
        max_cmp = cmp.shape[1]
        idx = (seq_len[:, None] - l + torch.arange(l, device=cache.device)).clamp(min=0)
        window = torch.gather(cache, 1, idx[:, :, None, None].expand(-1, -1, N, D))
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=cache.device)
        wf = w.float()
        for j in range(l):
            acc = acc + wf[j][None, :, None] * window[:, j].float()
        is_boundary = (seq_len >= l) & ((seq_len - l) % d == 0)
        row = batch_idx * max_cmp + _cmp_index(seq_len, l, d, max_cmp)
        flat = cmp.view(-1, N, D)
        flat.index_copy_(0, row, torch.where(is_boundary[:, None, None], acc.to(cmp.dtype), flat[row]))

    def forward(self, hidden, cache_position, k0, v0, k1, v1, ck0, cv0, ck1, cv1):
        B = hidden.shape[0]
        batch_idx = torch.arange(B, device=hidden.device)
        seq_len = cache_position + 1
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k0, k1), (v0, v1), (ck0, ck1), (cv0, cv1)):
            x, q, k, v = layer.project(h, cache_position)
            kc.index_put_((batch_idx, cache_position), k)
            vc.index_put_((batch_idx, cache_position), v)
            self._compress(kc, ck, layer.cmp_w_k, seq_len, batch_idx)
            self._compress(vc, cv, layer.cmp_w_v, seq_len, batch_idx)

            def read(p, kc=kc, vc=vc):
                return kc[batch_idx[:, None], p], vc[batch_idx[:, None], p]

            h = layer.finish(h, x, q, seq_len, read, ck, cv, self.l, self.d)
        return h

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            mc = a["ck0"].shape[1]
            return torch.arange(s.shape[0]) * mc + _cmp_index(s, self.l, self.d, mc)

        out = []
        for i in range(2):
            for nm in "kv":
                out.append(Spec(f"{nm}{i}", lambda a, r, n=f"{nm}{i}": a[n],
                                lambda a, r, n=f"c{nm}{i}": a[n].view(-1, self.N, self.D),
                                lambda m, i=i, nm=nm: getattr(m.layers[i], f"cmp_w_{nm}"),
                                lambda a: torch.arange(a["hidden"].shape[0])[:, None],
                                lambda a: a["cache_position"] + 1, slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 3. FlashInfer NHD [NP, 2, P, N, D] with CUDA-graph buffers and get_seq_lens-style lengths
# ----------------------------------------------------------------------------------------------------

MAX_BATCH = 16


def _ragged(st, B, P, n_indices=64):
    s, table = st["s"], st["table"]
    n = (s + P - 1) // P
    indptr = torch.zeros(MAX_BATCH + 1, dtype=torch.int32)
    indptr[1:B + 1] = torch.cumsum(n, 0).to(torch.int32)
    indptr[B + 1:] = indptr[B]
    indices = torch.zeros(n_indices, dtype=torch.int32)
    flat = torch.cat([table[b, :int(n[b])] for b in range(B)])
    indices[:flat.numel()] = flat.to(torch.int32)
    last = (s - (n - 1) * P).to(torch.int32)
    return indptr, indices, last


def _ragged_table(indptr_buf, indices_buf, B, MP):
    ip = indptr_buf[:B + 1].long()
    idx = torch.minimum(ip[:-1, None] + torch.arange(MP), ip[1:, None] - 1)
    return indices_buf.long()[idx]


class FlashinferCudaGraphNHD(DecodeModel):
    """vLLM's FlashInfer backend under CUDA graphs: ``[NP, 2, P, N, D]`` cache, static int32 ``kv_indptr_buf``
    ``[MAX_BATCH + 1]`` and ``kv_indices_buf`` sliced to the batch, ``kv_last_page_len`` [B] int32; lengths as
    FlashInfer's ``get_seq_lens`` (``(indptr[1:] - indptr[:-1] - 1) * P + last_page_len``); the new token appended at
    the last page (``kv_indices[indptr[b + 1] - 1]``, offset ``last_page_len - 1``); window page ``i`` at
    ``kv_indices[indptr[b] + i]`` (``i`` clamped to the request's pages); ``einsum('jh,bjhd->bhd')``; int32
    ``cmp_slot`` with -1 padding, ``index_put_``."""
    ARGS = ("hidden", "kv_indptr_buf", "kv_indices_buf", "kv_last_page_len", "cmp_slot", "cmp_block_table",
            "paged_kv", "ck", "cv")
    BATCH = ("hidden", "kv_last_page_len", "cmp_slot", "cmp_block_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        indptr, indices, last = _ragged(st, B, self.P)
        return self.pack(hidden=st["hidden"], kv_indptr_buf=indptr, kv_indices_buf=indices, kv_last_page_len=last,
                         cmp_slot=st["cmp_slot"].to(torch.int32), cmp_block_table=st["cmp_table"].to(torch.int32),
                         paged_kv=torch.stack((st["kvs"][0], st["kvs"][1]), dim=1), ck=st["cmps"][0],
                         cv=st["cmps"][1])

    def forward(self, hidden, kv_indptr_buf, kv_indices_buf, kv_last_page_len, cmp_slot, cmp_block_table,
                paged_kv, ck, cv):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        indptr = kv_indptr_buf[: B + 1]
        num_pages = indptr[1:] - indptr[:-1]
        seq_lens = (num_pages - 1) * P + kv_last_page_len
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        last_page = kv_indices_buf[indptr[1:] - 1].long()
        off = (kv_last_page_len - 1).long()
        paged_kv[last_page, 0, off] = k
        paged_kv[last_page, 1, off] = v

        def pages_of(p):
            i = torch.minimum(p // P, (num_pages - 1)[:, None])
            return kv_indices_buf[(indptr[:-1, None] + i).long()].long()

        win_pos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        window = paged_kv[pages_of(win_pos), :, win_pos % P]  # [B, l, 2, N, D]
        done = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_slot.long()
        for c, (cache, w) in enumerate(((ck, layer.cmp_w_k), (cv, layer.cmp_w_v))):
            pooled = torch.einsum("jh,bjhd->bhd", w.float(), window[:, :, c].float()).to(cache.dtype)
            cache.index_put_((slot,), torch.where(done[:, None, None], pooled, cache[slot]))

        def read(p):
            t = paged_kv[pages_of(p), :, p % P]
            return t[:, :, 0], t[:, :, 1]

        rows = cmp_block_table.long()
        return layer.finish(hidden, x, q, seq_lens, read, ck[rows], cv[rows], l, d)

    def specs(self):
        def table(a):
            return _ragged_table(a["kv_indptr_buf"], a["kv_indices_buf"], a["hidden"].shape[0], self.MP)

        def lengths(a):
            ip = a["kv_indptr_buf"][: a["hidden"].shape[0] + 1].long()
            return (ip[1:] - ip[:-1] - 1) * self.P + a["kv_last_page_len"].long()

        return [Spec(nm, lambda a, r, c=c: a["paged_kv"][:, c], lambda a, r, nm=nm: a[f"c{nm}"],
                     lambda m, nm=nm: getattr(m.layers[0], f"cmp_w_{nm}"), table, lengths,
                     lambda a: a["cmp_slot"].long()) for c, nm in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# 4. SGLang paged token pool (page size 16), req_to_token token locations, bf16, 2 layers
# ----------------------------------------------------------------------------------------------------

class SglangPagedTokenPool(DecodeModel):
    """SGLang with page size 16: per-layer token pools ``[NB * P, N, D]`` (``k_buffer``), int32 ``req_to_token``
    ``[R, cap]`` holding page-aligned token locations, ``req_pool_indices``, ``seq_lens`` and ``out_cache_loc``
    (int64); ``set_kv_buffer``-style ``k_buffer[out_cache_loc] = k``; window ``k_buffer[req_to_token[rpi[:, None],
    pos]]``; pooled ``(win.float() * w.float()[:, :, None]).sum(dim=1)``; compressed pools ``[S, N, D]`` written
    ``buf[loc] = where(...)`` at ``cmp_req_to_token[rpi, i]``."""
    ARGS = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc", "req_to_token", "cmp_req_to_token",
            "kb0", "vb0", "kb1", "vb1", "ckb0", "cvb0", "ckb1", "cvb1")
    BATCH = ("hidden", "seq_lens", "req_pool_indices", "out_cache_loc")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        P, cap, g = self.P, self.P * self.MP, st["g"]
        R = B + 4
        rpi = torch.randperm(R, generator=g)[:B]
        tok = st["table"].clamp(min=0)[:, torch.arange(cap) // P] * P + torch.arange(cap) % P
        req_to_token = torch.randint(0, st["NB"] * P, (R, cap), generator=g)
        req_to_token[rpi] = tok
        cmp_r2t = torch.randint(0, st["S"], (R, st["max_cmp"]), generator=g)
        cmp_r2t[rpi] = st["cmp_table"]
        s = st["s"]
        loc = tok[torch.arange(B), s - 1]
        pools = [kv.flatten(0, 1) for kv in st["kvs"]]
        return self.pack(hidden=st["hidden"], seq_lens=s, req_pool_indices=rpi, out_cache_loc=loc,
                         req_to_token=req_to_token.to(torch.int32), cmp_req_to_token=cmp_r2t.to(torch.int32),
                         kb0=pools[0], vb0=pools[1], kb1=pools[2], vb1=pools[3], ckb0=st["cmps"][0],
                         cvb0=st["cmps"][1], ckb1=st["cmps"][2], cvb1=st["cmps"][3])

    def forward(self, hidden, seq_lens, req_pool_indices, out_cache_loc, req_to_token, cmp_req_to_token,
                kb0, vb0, kb1, vb1, ckb0, cvb0, ckb1, cvb1):
        l, d = self.l, self.d
        h = hidden
        ar = torch.arange(l, device=hidden.device)
        pos = (seq_lens[:, None] - l + ar).clamp(min=0)
        loc = req_to_token[req_pool_indices[:, None], pos].long()
        should_compress = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_idx = torch.clamp((seq_lens - l) // d, min=0)
        cmp_loc = cmp_req_to_token[req_pool_indices, cmp_idx].long()
        own_rows = cmp_req_to_token[req_pool_indices].long()
        for layer, kb, vb, ckb, cvb in zip(self.layers, (kb0, kb1), (vb0, vb1), (ckb0, ckb1), (cvb0, cvb1)):
            x, q, k, v = layer.project(h, seq_lens - 1)
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            for buf, cbuf, w in ((kb, ckb, layer.cmp_w_k), (vb, cvb, layer.cmp_w_v)):
                win = buf[loc]
                pooled = (win.float() * w.float()[:, :, None]).sum(dim=1).to(cbuf.dtype)
                cbuf[cmp_loc] = torch.where(should_compress[:, None, None], pooled, cbuf[cmp_loc])

            def read(p, kb=kb, vb=vb):
                t = req_to_token[req_pool_indices[:, None], p].long()
                return kb[t], vb[t]

            h = layer.finish(h, x, q, seq_lens, read, ckb[own_rows], cvb[own_rows], l, d)
        return h

    def specs(self):
        def table(a):
            return a["req_to_token"][a["req_pool_indices"]].long()

        def slots(a):
            s = a["seq_lens"]
            return a["cmp_req_to_token"][a["req_pool_indices"], torch.clamp((s - self.l) // self.d, min=0)].long()

        out = []
        for i in range(2):
            for nm in "kv":
                out.append(Spec(f"{nm}{i}", lambda a, r, n=f"{nm}b{i}": a[n], lambda a, r, n=f"c{nm}b{i}": a[n],
                                lambda m, i=i, nm=nm: getattr(m.layers[i], f"cmp_w_{nm}"), table,
                                lambda a: a["seq_lens"], slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 5. HF head-major dense caches [B, N, T, D], scatter_ / gather along the time dim, fp16, 2 layers
# ----------------------------------------------------------------------------------------------------

class HfHeadMajorScatter(DecodeModel):
    """HF ``StaticCache``-like head-major dense caches ``[B, N, T, D]`` with a per-row ``cache_position`` [B]: append
    ``k_cache.scatter_(2, cache_position expanded [B, N, 1, D], k.unsqueeze(2))``; window ``k_cache.gather(2, ...)``
    ``[B, N, l, D]``; pooled ``torch.matmul(w.t().unsqueeze(1), win)`` (``[N, 1, l] @ [B, N, l, D]``); head-major
    dense compressed caches ``[B, N, max_cmp, D]`` written ``scatter_(2, i expanded, where(valid, new, old))`` with the
    kept row read by ``gather(2, ...)``."""
    ARGS = ("hidden", "cache_position", "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ARGS
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        dense, cmpd = _dense_state(st, B, self.MP * self.P)
        dense = [t.transpose(1, 2).contiguous() for t in dense]
        cmpd = [t.transpose(1, 2).contiguous() for t in cmpd]
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, k0=dense[0], v0=dense[1], k1=dense[2],
                         v1=dense[3], ck0=cmpd[0], cv0=cmpd[1], ck1=cmpd[2], cv1=cmpd[3])

    def forward(self, hidden, cache_position, k0, v0, k1, v1, ck0, cv0, ck1, cv1):
        l, d = self.l, self.d
        B = hidden.shape[0]
        N, D = self.N, self.D
        seq_len = cache_position + 1
        write_idx = cache_position.view(B, 1, 1, 1).expand(B, N, 1, D)
        win_idx = (seq_len[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_idx = win_idx[:, None, :, None].expand(B, N, l, D)
        is_cmp = (seq_len >= l) & ((seq_len - l) % d == 0)
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k0, k1), (v0, v1), (ck0, ck1), (cv0, cv1)):
            x, q, k, v = layer.project(h, cache_position)
            kc.scatter_(2, write_idx, k.unsqueeze(2))
            vc.scatter_(2, write_idx, v.unsqueeze(2))
            blk = _cmp_index(seq_len, l, d, ck.shape[2]).view(B, 1, 1, 1).expand(B, N, 1, D)
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                win = cache.gather(2, win_idx)
                pooled = torch.matmul(w.float().t().unsqueeze(1), win.float()).to(cmp.dtype)  # [B, N, 1, D]
                old = cmp.gather(2, blk)
                cmp.scatter_(2, blk, torch.where(is_cmp[:, None, None, None], pooled, old))

            def read(p, kc=kc, vc=vc):
                idx = p[:, None, :, None].expand(B, N, p.shape[1], D)
                return kc.gather(2, idx).transpose(1, 2), vc.gather(2, idx).transpose(1, 2)

            h = layer.finish(h, x, q, seq_len, read, ck.transpose(1, 2), cv.transpose(1, 2), l, d)
        return h

    def specs(self):
        def slots(a):
            s = a["cache_position"] + 1
            mc = a["ck0"].shape[2]
            return torch.arange(s.shape[0]) * mc + _cmp_index(s, self.l, self.d, mc)

        out = []
        for i in range(2):
            for nm in "kv":
                out.append(Spec(f"{nm}{i}", lambda a, r, n=f"{nm}{i}": a[n].transpose(1, 2),
                                lambda a, r, n=f"c{nm}{i}": a[n].transpose(1, 2).reshape(-1, self.N, self.D),
                                lambda m, i=i, nm=nm: getattr(m.layers[i], f"cmp_w_{nm}"),
                                lambda a: torch.arange(a["hidden"].shape[0])[:, None],
                                lambda a: a["cache_position"] + 1, slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 6. DeepSeek MLA latent [NB, P, C] (no head dim), einsum with a [l] weight column, bf16, 2 layers
# ----------------------------------------------------------------------------------------------------

class DeepseekLatentEinsum(DecodeModel):
    """DeepSeek MLA: one latent cache ``[NB, P, C]`` per layer (C = 64, no head dim), appended
    ``latent.view(-1, C).index_copy_(0, slot_mapping, c_kv)``; window ``latent[pages, offs]`` ``[B, l, C]``; pooled
    ``einsum('blc,l->bc', win.float(), w[:, 0].float())`` with the ``[l, 1]`` weight's column; compressed latent
    ``[S, C]`` written ``index_put_`` at ``cmp_block_table.gather(1, i)`` (int32 tables, int64 positions)."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_block_table", "lat0", "lat1", "clat0",
            "clat1")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_block_table")
    SIZES = dict(SIZES, N=1, D=64)

    def make_layer(self, **kw):
        return Layer(1, self.D, self.D, self.l, Hq=2, **kw)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"].to(torch.int32),
                         slot_mapping=_append_slots(st, self.P), cmp_block_table=st["cmp_table"].to(torch.int32),
                         lat0=st["kvs"][0].squeeze(2).clone(), lat1=st["kvs"][1].squeeze(2).clone(),
                         clat0=st["cmps"][0].squeeze(1).clone(), clat1=st["cmps"][1].squeeze(1).clone())

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_block_table, lat0, lat1, clat0, clat1):
        l, d, P = self.l, self.d, self.P
        C = lat0.shape[-1]
        s = positions + 1
        bt = block_table.long()
        ar = torch.arange(l, device=hidden.device)
        wpos = (s[:, None] - l + ar).clamp(min=0)
        wpages = bt.gather(1, wpos // P)
        new_block = (s >= l) & ((s - l) % d == 0)
        i = torch.div(s - l, d, rounding_mode="floor").clamp(min=0)
        slot = cmp_block_table.long().gather(1, i[:, None]).squeeze(1)
        rows = cmp_block_table.long()
        h = hidden
        for layer, lat, clat in zip(self.layers, (lat0, lat1), (clat0, clat1)):
            x, q, k, _ = layer.project(h, positions)
            c_kv = k[:, 0]
            lat.view(-1, C).index_copy_(0, slot_mapping, c_kv)
            win = lat[wpages, wpos % P]
            pooled = torch.einsum("blc,l->bc", win.float(), layer.cmp_w_k[:, 0].float()).to(clat.dtype)
            clat.index_put_((slot,), torch.where(new_block[:, None], pooled, clat[slot]))

            def read(p, lat=lat):
                t = lat[bt.gather(1, p // P), p % P].unsqueeze(2)
                return t, t

            crow = clat[rows].unsqueeze(2)
            h = layer.finish(h, x, q, s, read, crow, crow, l, d)
        return h

    def specs(self):
        return [Spec(f"lat{i}", lambda a, r, i=i: a[f"lat{i}"].unsqueeze(2), lambda a, r, i=i: a[f"clat{i}"].unsqueeze(1),
                     lambda m, i=i: m.layers[i].cmp_w_k, lambda a: a["block_table"].long(),
                     lambda a: a["positions"] + 1,
                     lambda a: _own_slots(a["positions"] + 1, a["cmp_block_table"], self.l, self.d))
                for i in range(2)]


# ----------------------------------------------------------------------------------------------------
# 7. vllm-ascend split caches, all-int32 metadata, sum of products (torch.mul + torch.sum), index_copy_
# ----------------------------------------------------------------------------------------------------

class AscendInt32SumMul(DecodeModel):
    """vllm-ascend split ``key_cache`` / ``value_cache`` ``[NB, P, N, D]`` with int32 ``seq_lens``,
    ``block_tables``, ``slot_mapping`` and ``cmp_block_table``; a torch ``reshape_and_cache`` fallback
    ``key_cache[slot // P, slot % P] = key`` on int32 slots; pooled ``torch.sum(torch.mul(win.float(),
    w.float().view(1, l, N, 1)), dim=1)``; compressed row ``cmp_block_table.gather(1, idx)``, ``index_copy_``."""
    ARGS = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_block_table", "key_cache", "value_cache",
            "cmp_key", "cmp_value")
    BATCH = ("hidden", "seq_lens", "block_tables", "slot_mapping", "cmp_block_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(i32), block_tables=st["table"].to(i32),
                         slot_mapping=_append_slots(st, self.P).to(i32), cmp_block_table=st["cmp_table"].to(i32),
                         key_cache=st["kvs"][0], value_cache=st["kvs"][1], cmp_key=st["cmps"][0],
                         cmp_value=st["cmps"][1])

    def forward(self, hidden, seq_lens, block_tables, slot_mapping, cmp_block_table, key_cache, value_cache,
                cmp_key, cmp_value):
        l, d, P, N = self.l, self.d, self.P, self.N
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        block_idx = (slot_mapping // P).long()
        block_off = (slot_mapping % P).long()
        key_cache[block_idx, block_off] = k
        value_cache[block_idx, block_off] = v
        tok = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device, dtype=torch.int32)).clamp(min=0)
        blocks = block_tables.gather(1, (tok // P).long()).long()
        offs = (tok % P).long()
        need = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        idx = ((seq_lens - l) // d).clamp(min=0).long()
        slot = cmp_block_table.gather(1, idx.unsqueeze(1)).squeeze(1).long()
        for cache, cmp, w in ((key_cache, cmp_key, layer.cmp_w_k), (value_cache, cmp_value, layer.cmp_w_v)):
            win = cache[blocks, offs]
            pooled = torch.sum(torch.mul(win.float(), w.float().view(1, l, N, 1)), dim=1)
            cmp.index_copy_(0, slot, torch.where(need[:, None, None], pooled.to(cmp.dtype), cmp[slot]))

        def read(p):
            pg = block_tables.gather(1, (p // P).long()).long()
            return key_cache[pg, p % P], value_cache[pg, p % P]

        rows = cmp_block_table.long()
        return layer.finish(hidden, x, q, seq_lens, read, cmp_key[rows], cmp_value[rows], l, d)

    def specs(self):
        return [Spec(nm, lambda a, r, c=c: a[c], lambda a, r, c=c: a["cmp_" + c.split("_")[0]],
                     lambda m, nm=nm: getattr(m.layers[0], f"cmp_w_{nm}"), lambda a: a["block_tables"].long(),
                     lambda a: a["seq_lens"].long(),
                     lambda a: _own_slots(a["seq_lens"], a["cmp_block_table"], self.l, self.d))
                for nm, c in (("k", "key_cache"), ("v", "value_cache"))]


# ----------------------------------------------------------------------------------------------------
# 8. Functional fp32 (lucidrains / JAX-port style): out-of-place index_copy / index_put, caches returned
# ----------------------------------------------------------------------------------------------------

class FunctionalFp32HeadsFirstSum(DecodeModel):
    """Functional fp32 decode step (no in-place ops, no casts): appends ``k_cache.view(-1, N, D).index_copy(0, slot,
    k).view_as(k_cache)``; window ``[B, l, N, D]`` permuted heads-first and pooled ``(w.t()[None, :, :, None] *
    win.permute(0, 2, 1, 3)).sum(2)``; compressed caches ``ck.index_put((cmp_slot_mapping,), where(...))`` (-1
    padding); every cache returned."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table", "k_cache",
            "v_cache", "ck", "cv")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_slot_mapping=st["cmp_slot"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         ck=st["cmps"][0], cv=st["cmps"][1])

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, ck, cv):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_cache = k_cache.view(-1, N, D).index_copy(0, slot_mapping, k).view_as(k_cache)
        v_cache = v_cache.view(-1, N, D).index_copy(0, slot_mapping, v).view_as(v_cache)
        s = positions + 1
        p = (s[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pg = block_table.gather(1, p // P)
        emit = (s >= l) & ((s - l) % d == 0)
        new = []
        for cache, cmp, w in ((k_cache, ck, layer.cmp_w_k), (v_cache, cv, layer.cmp_w_v)):
            win = cache[pg, p % P]
            pooled = (w.t()[None, :, :, None] * win.permute(0, 2, 1, 3)).sum(2)
            new.append(cmp.index_put((cmp_slot_mapping,),
                                     torch.where(emit[:, None, None], pooled, cmp[cmp_slot_mapping])))
        ck, cv = new

        def read(pp):
            g = block_table.gather(1, pp // P)
            return k_cache[g, pp % P], v_cache[g, pp % P]

        h = layer.finish(hidden, x, q, s, read, ck[cmp_block_table], cv[cmp_block_table], l, d)
        return h, k_cache, v_cache, ck, cv

    def specs(self):
        return [Spec(nm, lambda a, r, c=c: a[f"{nm}_cache"] if r is None else r[1 + c],
                     lambda a, r, c=c, nm=nm: a[f"c{nm}"] if r is None else r[3 + c],
                     lambda m, nm=nm: getattr(m.layers[0], f"cmp_w_{nm}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for c, nm in enumerate("kv")]


# ----------------------------------------------------------------------------------------------------
# 9. vLLM CUDA-graph padded batch: reserved null block, int32 metadata, [N, l] checkpoint weights, 2 layers
# ----------------------------------------------------------------------------------------------------

def _pad_rows_last(st, B, P, n_pad=2):
    """Reorder the batch so the rows that complete come first, then turn the last ``n_pad`` rows into CUDA-graph
    padding: position -1 (s = 0), zero hidden state, a block-table row of the reserved null block, the append slot
    at the null block's first token, compressed slot -1."""
    perm = torch.argsort(st["valid"].long(), descending=True, stable=True)
    for key in ("s", "table", "cmp_table", "cmp_slot", "hidden", "valid"):
        st[key] = st[key][perm].clone()
    used = set(int(t) for t in st["table"][:B - n_pad].flatten() if int(t) >= 0)
    null = max(set(range(st["NB"])) - used)
    st["s"][B - n_pad:] = 0
    st["table"][B - n_pad:] = null
    st["hidden"][B - n_pad:] = 0
    st["cmp_slot"][B - n_pad:] = -1
    slots = _append_slots(st, P)
    slots[B - n_pad:] = null * P
    return st, slots, null


class VllmCudaGraphNullBlock(DecodeModel):
    """vLLM v1 split caches per layer under a CUDA-graph padded batch (last 2 rows padding: position -1, zero hidden,
    block-table rows = a reserved null block, append slot in it, compressed slot -1); every piece of metadata int32;
    pooling weights ``[N, l]`` in checkpoint layout (``compress_weight``), ``einsum('hj,bjhd->bhd')``; compressed
    write ``cmp[cmp_slot_mapping.long()] = where(...)``."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "k0", "v0", "k1", "v1", "ck0", "cv0", "ck1", "cv1")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table")
    SIZES = SIZES

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        st, slots, _ = _pad_rows_last(st, B, self.P)
        i32 = torch.int32
        kvs, cmps = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=(st["s"] - 1).to(i32), block_table=st["table"].to(i32),
                         slot_mapping=slots.to(i32), cmp_slot_mapping=st["cmp_slot"].to(i32),
                         cmp_block_table=st["cmp_table"].to(i32), k0=kvs[0], v0=kvs[1], k1=kvs[2], v1=kvs[3],
                         ck0=cmps[0], cv0=cmps[1], ck1=cmps[2], cv1=cmps[3])

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                k0, v0, k1, v1, ck0, cv0, ck1, cv1):
        l, d, P = self.l, self.d, self.P
        seq_lens = positions + 1
        slot = slot_mapping.long()
        blk, off = slot // P, slot % P
        bt = block_table.long()
        tpos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0).long()
        tpg = bt.gather(1, tpos // P)
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cslot = cmp_slot_mapping.long()
        rows = cmp_block_table.long()
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k0, k1), (v0, v1), (ck0, ck1), (cv0, cv1)):
            x, q, k, v = layer.project(h, positions)
            kc[blk, off] = k
            vc[blk, off] = v
            for cache, cmp, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                pooled = torch.einsum("hj,bjhd->bhd", w.float(), cache[tpg, tpos % P].float())
                cmp[cslot] = torch.where(ready[:, None, None], pooled.to(cmp.dtype), cmp[cslot])

            def read(p, kc=kc, vc=vc):
                p = p.long()
                g = bt.gather(1, p // P)
                return kc[g, p % P], vc[g, p % P]

            h = layer.finish(h, x, q, seq_lens, read, ck[rows], cv[rows], l, d)
        return h

    def specs(self):
        out = []
        for i in range(2):
            for nm in "kv":
                out.append(Spec(f"{nm}{i}", lambda a, r, n=f"{nm}{i}": a[n], lambda a, r, n=f"c{nm}{i}": a[n],
                                lambda m, i=i, nm=nm: getattr(m.layers[i], f"cmp_w_{nm}").t(),
                                lambda a: a["block_table"].long(), lambda a: a["positions"].long() + 1,
                                lambda a: a["cmp_slot_mapping"].long()))
        return out


# ----------------------------------------------------------------------------------------------------
# 10. FlashInfer HND split caches [NP, N, P, D], window-order loop over unbind, bf16
# ----------------------------------------------------------------------------------------------------

class FlashinferHndUnbindLoop(DecodeModel):
    """FlashInfer HND layout with separate K and V caches ``[NP, N, P, D]``; int64 ``seq_lens`` and block table;
    append ``k_cache[page, :, off] = k``; window ``k_cache[pages, :, offs]`` (``[B, l, N, D]``); pooled by a window-
    order loop ``for wj, xj in zip(w.float().unbind(0), win.float().unbind(1)): acc = acc + wj[None, :, None] * xj``;
    compressed row ``cmp_block_table[arange(B), i]``, ``index_copy_``."""
    ARGS = ("hidden", "seq_lens", "block_table", "cmp_block_table", "k_cache", "v_cache", "ck", "cv")
    BATCH = ("hidden", "seq_lens", "block_table", "cmp_block_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0].transpose(1, 2).contiguous(),
                         v_cache=st["kvs"][1].transpose(1, 2).contiguous(), ck=st["cmps"][0], cv=st["cmps"][1])

    def forward(self, hidden, seq_lens, block_table, cmp_block_table, k_cache, v_cache, ck, cv):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        layer = self.layers[0]
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        page = block_table.gather(1, (pos // P)[:, None]).squeeze(1)
        k_cache[page, :, pos % P] = k
        v_cache[page, :, pos % P] = v
        wp = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages = block_table.gather(1, wp // P)
        completes = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = cmp_block_table[torch.arange(B, device=hidden.device), _cmp_index(seq_lens, l, d, cmp_block_table.shape[1])]
        for cache, cmp, w in ((k_cache, ck, layer.cmp_w_k), (v_cache, cv, layer.cmp_w_v)):
            win = cache[pages, :, wp % P]
            acc = torch.zeros(B, self.N, self.D, dtype=torch.float32, device=hidden.device)
            for wj, xj in zip(w.float().unbind(0), win.float().unbind(1)):
                acc = acc + wj[None, :, None] * xj
            cmp.index_copy_(0, slot, torch.where(completes[:, None, None], acc.to(cmp.dtype), cmp[slot]))

        def read(p):
            g = block_table.gather(1, p // P)
            return k_cache[g, :, p % P], v_cache[g, :, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, ck[cmp_block_table], cv[cmp_block_table], l, d)

    def specs(self):
        return [Spec(nm, lambda a, r, nm=nm: a[f"{nm}_cache"].transpose(1, 2), lambda a, r, nm=nm: a[f"c{nm}"],
                     lambda m, nm=nm: getattr(m.layers[0], f"cmp_w_{nm}"), lambda a: a["block_table"],
                     lambda a: a["seq_lens"], lambda a: _own_slots(a["seq_lens"], a["cmp_block_table"], self.l, self.d))
                for nm in "kv"]


# ----------------------------------------------------------------------------------------------------
# 11. vLLM paged COMPRESSED caches [NBc, Pc, N, D] written with two indices (page, offset), bmm, 2 layers
# ----------------------------------------------------------------------------------------------------

PC = 2  # compressed tokens per compressed page


class VllmPagedCmpTwoIndexBmm(DecodeModel):
    """vLLM split caches per layer and PAGED compressed caches ``[NBc, Pc = 2, N, D]`` with an int64
    ``cmp_page_table`` ``[B, 2]``: compressed token ``i`` of request ``b`` lives at ``(cmp_page_table[b, i // Pc], i %
    Pc)`` and is written with those two indices, ``ccache[page, off] = where(valid, new, ccache[page, off])``;
    pooled by ``torch.bmm`` of the weight row ``[B * N, 1, l]`` and the window ``[B * N, l, D]``; bf16."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_page_table", "k0", "v0", "k1", "v1",
            "ck0", "cv0", "ck1", "cv1")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_page_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        g, mc = st["g"], st["max_cmp"]
        npp = (mc + PC - 1) // PC
        NBc = B * npp + 2
        cpt = torch.randperm(NBc, generator=g)[: B * npp].view(B, npp)
        i = torch.arange(mc)
        flat_slot = cpt[:, i // PC] * PC + i % PC  # [B, max_cmp]
        ccs = []
        for c in st["cmps"]:
            pc = _poison(g, (NBc * PC, self.N, self.D), c.dtype)
            pc[flat_slot.flatten()] = c[st["cmp_table"].flatten()]
            ccs.append(pc.view(NBc, PC, self.N, self.D))
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_page_table=cpt, k0=st["kvs"][0],
                         v0=st["kvs"][1], k1=st["kvs"][2], v1=st["kvs"][3], ck0=ccs[0], cv0=ccs[1], ck1=ccs[2],
                         cv1=ccs[3])

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_page_table, k0, v0, k1, v1,
                ck0, cv0, ck1, cv1):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        B = hidden.shape[0]
        s = positions + 1
        tp = (s[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        tpg = block_table.gather(1, tp // P)
        valid = (s >= l) & ((s - l) % d == 0)
        ci = torch.div(s - l, d, rounding_mode="floor").clamp(min=0)
        cpage = cmp_page_table.gather(1, (ci // PC)[:, None]).squeeze(1)
        coff = ci % PC
        max_cmp = cmp_page_table.shape[1] * PC
        all_i = torch.arange(max_cmp, device=hidden.device)
        own_pages = cmp_page_table[:, all_i // PC]
        h = hidden
        for layer, kc, vc, ck, cv in zip(self.layers, (k0, k1), (v0, v1), (ck0, ck1), (cv0, cv1)):
            x, q, k, v = layer.project(h, positions)
            kc.view(-1, N, D)[slot_mapping] = k
            vc.view(-1, N, D)[slot_mapping] = v
            for cache, cc, w in ((kc, ck, layer.cmp_w_k), (vc, cv, layer.cmp_w_v)):
                win = cache[tpg, tp % P].float()  # [B, l, N, D]
                lhs = w.float().t().unsqueeze(0).expand(B, N, l).reshape(B * N, 1, l)
                rhs = win.permute(0, 2, 1, 3).reshape(B * N, l, D)
                pooled = torch.bmm(lhs, rhs).view(B, N, D).to(cc.dtype)
                cc[cpage, coff] = torch.where(valid[:, None, None], pooled, cc[cpage, coff])

            def read(p, kc=kc, vc=vc):
                g = block_table.gather(1, p // P)
                return kc[g, p % P], vc[g, p % P]

            h = layer.finish(h, x, q, s, read, ck[own_pages, all_i % PC], cv[own_pages, all_i % PC], l, d)
        return h

    def specs(self):
        def slots(a):
            s = a["positions"] + 1
            ci = torch.div(s - self.l, self.d, rounding_mode="floor").clamp(min=0)
            return a["cmp_page_table"].gather(1, (ci // PC)[:, None]).squeeze(1) * PC + ci % PC

        out = []
        for i in range(2):
            for nm in "kv":
                out.append(Spec(f"{nm}{i}", lambda a, r, n=f"{nm}{i}": a[n],
                                lambda a, r, n=f"c{nm}{i}": a[n].view(-1, self.N, self.D),
                                lambda m, i=i, nm=nm: getattr(m.layers[i], f"cmp_w_{nm}"), lambda a: a["block_table"],
                                lambda a: a["positions"] + 1, slots))
        return out


# ----------------------------------------------------------------------------------------------------
# 12. HF port with a window-offset buffer arange(1 - l, 1) added to cache_position, matmul, fp16
# ----------------------------------------------------------------------------------------------------

class HfOffsetsFromPosition(DecodeModel):
    """HF port over paged caches: a non-persistent buffer ``window_offsets = arange(1 - l, 1)`` added to
    ``cache_position`` (the window is ``cache_position + offsets``); the append page/offset computed from
    ``cache_position`` and the block table (no slot mapping); condition written on the position, ``(cache_position +
    1 - l) % d == 0`` and ``cache_position + 1 >= l``; pooled ``torch.matmul(w.t().unsqueeze(1), win.transpose(1,
    2))`` in fp32; compressed row ``cmp_block_table[arange(B), i]``, ``index_put_``."""
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_cache", "value_cache", "ck", "cv")
    BATCH = ("hidden", "cache_position", "block_table", "cmp_block_table")
    SIZES = SIZES

    def __init__(self, dtype, **kw):
        super().__init__(dtype, **kw)
        self.register_buffer("window_offsets", torch.arange(1 - self.l, 1), persistent=False)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         ck=st["cmps"][0], cv=st["cmps"][1])

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_cache, value_cache, ck, cv):
        l, d, P = self.l, self.d, self.P
        B = hidden.shape[0]
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, cache_position)
        page = block_table[torch.arange(B, device=hidden.device), cache_position // P]
        key_cache[page, cache_position % P] = k
        value_cache[page, cache_position % P] = v
        window_pos = (cache_position[:, None] + self.window_offsets).clamp(min=0)
        window_pages = block_table.gather(1, window_pos // P)
        is_boundary = (cache_position + 1 >= l) & ((cache_position + 1 - l) % d == 0)
        block_id = ((cache_position + 1 - l) // d).clamp(min=0)
        row = cmp_block_table[torch.arange(B, device=hidden.device), block_id]
        for cache, cmp, w in ((key_cache, ck, layer.cmp_w_k), (value_cache, cv, layer.cmp_w_v)):
            win = cache[window_pages, window_pos % P]  # [B, l, N, D]
            pooled = torch.matmul(w.float().t().unsqueeze(1), win.float().transpose(1, 2)).squeeze(2)
            cmp.index_put_((row,), torch.where(is_boundary[:, None, None], pooled.to(cmp.dtype), cmp[row]))

        def read(p):
            g = block_table.gather(1, p // P)
            return key_cache[g, p % P], value_cache[g, p % P]

        return layer.finish(hidden, x, q, cache_position + 1, read, ck[cmp_block_table], cv[cmp_block_table], l, d)

    def specs(self):
        return [Spec(nm, lambda a, r, c=c: a[c], lambda a, r, nm=nm: a[f"c{nm}"],
                     lambda m, nm=nm: getattr(m.layers[0], f"cmp_w_{nm}"), lambda a: a["block_table"],
                     lambda a: a["cache_position"] + 1,
                     lambda a: _own_slots(a["cache_position"] + 1, a["cmp_block_table"], self.l, self.d))
                for nm, c in (("k", "key_cache"), ("v", "value_cache"))]


# ----------------------------------------------------------------------------------------------------
# 13. vLLM v1 [2, NB, P, N, D]: flatten(1, 2).index_copy_ along dim 1, flat token ids, fp32, 2 layers
# ----------------------------------------------------------------------------------------------------

class VllmFlatTokensFp32(DecodeModel):
    """vLLM v1 ``[2, NB, P, N, D]`` per layer, fp32 throughout (no casts): append ``kv.flatten(1, 2).index_copy_(1,
    slot_mapping, stack((k, v)))``; window read as flat token ids ``block_table.gather(1, p // P) * P + p % P`` from
    ``kv.flatten(1, 2)``; pooled ``(win[c] * w[None, :, :, None]).sum(1)``; compressed ``[2, S, N, D]`` per layer,
    each half written ``cmp_kv[c].index_put_((cmp_slot_mapping,), where(...))`` (-1 padding)."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table",
            "kv0", "kv1", "ckv0", "ckv1")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_slot_mapping", "cmp_block_table")
    SIZES = SIZES
    make_inputs = VllmStackedJointKV.make_inputs
    specs = VllmStackedJointKV.specs

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_slot_mapping, cmp_block_table,
                kv0, kv1, ckv0, ckv1):
        l, d, P = self.l, self.d, self.P
        s = positions + 1
        p = (s[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        tok = block_table.gather(1, p // P) * P + p % P
        fire = (s >= l) & ((s - l) % d == 0)
        h = hidden
        for layer, kv, ckv in zip(self.layers, (kv0, kv1), (ckv0, ckv1)):
            x, q, k, v = layer.project(h, positions)
            flat = kv.flatten(1, 2)
            flat.index_copy_(1, slot_mapping, torch.stack((k, v)))
            win = flat[:, tok]  # [2, B, l, N, D]
            for c, w in enumerate((layer.cmp_w_k, layer.cmp_w_v)):
                pooled = (win[c] * w[None, :, :, None]).sum(1)
                ckv[c].index_put_((cmp_slot_mapping,),
                                  torch.where(fire[:, None, None], pooled, ckv[c][cmp_slot_mapping]))

            def read(pp, flat=flat):
                t = flat[:, block_table.gather(1, pp // P) * P + pp % P]
                return t[0], t[1]

            h = layer.finish(h, x, q, s, read, ckv[0][cmp_block_table], ckv[1][cmp_block_table], l, d)
        return h


# ----------------------------------------------------------------------------------------------------
# 14. Block-aligned compression: the window read as whole pages (d and l multiples of P), fp16
# ----------------------------------------------------------------------------------------------------

class BlockAlignedPages(DecodeModel):
    """A kernel-port that relies on NSA's block alignment (l = 2P, d = P): the completed window is exactly the
    ``l // P`` whole pages starting at page ``(s - l) // P``, loaded ``k_cache[block_tables.gather(1, first +
    arange(l // P))].flatten(1, 2)``; int32 ``block_tables`` / ``context_lens``; ``einsum('bjnd,jn->bnd')``; compressed
    write ``cmp[slot] = where(...)`` at ``cmp_block_table.gather``."""
    ARGS = ("hidden", "context_lens", "block_tables", "slot_mapping", "cmp_block_table", "key_cache", "value_cache",
            "ck", "cv")
    BATCH = ("hidden", "context_lens", "block_tables", "slot_mapping", "cmp_block_table")
    SIZES = SIZES

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], context_lens=st["s"].to(i32), block_tables=st["table"].to(i32),
                         slot_mapping=_append_slots(st, self.P), cmp_block_table=st["cmp_table"],
                         key_cache=st["kvs"][0], value_cache=st["kvs"][1], ck=st["cmps"][0], cv=st["cmps"][1])

    def forward(self, hidden, context_lens, block_tables, slot_mapping, cmp_block_table, key_cache, value_cache,
                ck, cv):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        seq = context_lens.long()
        x, q, k, v = layer.project(hidden, seq - 1)
        key_cache.view(-1, N, D)[slot_mapping] = k
        value_cache.view(-1, N, D)[slot_mapping] = v
        first = torch.div(seq - l, P, rounding_mode="floor").clamp(min=0)
        blocks = block_tables.long().gather(1, first[:, None] + torch.arange(l // P, device=hidden.device))
        done = (seq >= l) & ((seq - l) % d == 0)
        slot = cmp_block_table.gather(1, _cmp_index(seq, l, d, cmp_block_table.shape[1])[:, None]).squeeze(1)
        for cache, cmp, w in ((key_cache, ck, layer.cmp_w_k), (value_cache, cv, layer.cmp_w_v)):
            win = cache[blocks].flatten(1, 2)  # [B, l, N, D]
            pooled = torch.einsum("bjnd,jn->bnd", win.float(), w.float())
            cmp[slot] = torch.where(done[:, None, None], pooled.to(cmp.dtype), cmp[slot])

        bt = block_tables.long()

        def read(p):
            g = bt.gather(1, p // P)
            return key_cache[g, p % P], value_cache[g, p % P]

        return layer.finish(hidden, x, q, seq, read, ck[cmp_block_table], cv[cmp_block_table], l, d)

    def specs(self):
        return [Spec(nm, lambda a, r, c=c: a[c], lambda a, r, nm=nm: a[f"c{nm}"],
                     lambda m, nm=nm: getattr(m.layers[0], f"cmp_w_{nm}"), lambda a: a["block_tables"].long(),
                     lambda a: a["context_lens"].long(),
                     lambda a: _own_slots(a["context_lens"], a["cmp_block_table"], self.l, self.d))
                for nm, c in (("k", "key_cache"), ("v", "value_cache"))]


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM split caches, every row writes (or keeps) its own row cmp_block_table[b, i]
# ----------------------------------------------------------------------------------------------------

NEAR_MISSES = {
    "window_shifted_back": (
        "The window is positions s - l - 1 .. s - 2 (the author counted from the position of the new token instead "
        "of the length): it never reads the token just appended and reads one before the contract's window. No "
        "weight makes position s - 1 count or s - l - 1 vanish, since the weight has one value per window position "
        "and the positions are fixed by s; a contract with l' = 33 (weight zero at j = 32) would have the condition "
        "(s - 33) % d == 0, which the model's writes at s = 32, 48, 64 break; no block table shifts every row's "
        "positions by one (page offsets p % P are taken from the same p). Differs on every completing row."),
    "strict_length_condition": (
        "The condition is s > l instead of s >= l: a request reaching exactly l tokens writes nothing. The contract "
        "always writes at s = l (s >= l and (s - l) % d == 0 hold for every d), whatever weight, slots, table or d; "
        "no choice of l' keeps the window the last l tokens. Differs where a row has s = 32 (checked in the inputs)."),
    "fp16_running_sum": (
        "The window sum is accumulated in the cache dtype: each fp32 product is added to an fp16 accumulator that "
        "is rounded after every add. The contract rounds once after an fp32 sum; no weight (the weights multiply "
        "before the rounding) or slot choice makes the l - 1 intermediate roundings disappear. Differs on generic "
        "data."),
    "absolute_position_weight": (
        "The weight is indexed by absolute token position (a [cap, N] table, w_abs[p]) instead of window position: "
        "the effective weight of window slot j is w_abs[s - l + j], which depends on s. The contract's weight is "
        "one [l, N] tensor shared by every row, so with completing rows of different lengths (s = 32 and 64 in the "
        "seed-0 inputs) no single weight reproduces both rows (w_abs[0..31] != w_abs[32..63] generically)."),
    "zero_fill_instead_of_keep": (
        "Rows whose window does not complete get zeros written into their own compressed row (torch.where(valid, "
        "pooled, zeros)) instead of keeping it. The contract never writes a row for a non-completing sequence, "
        "whatever its slot, and those rows hold the requests' earlier compressed tokens (finite, nonzero): no slot, "
        "weight or table choice reproduces the zeros."),
    "bf16_rounding_for_fp16_cache": (
        "fp16 caches, but the fp32 sum is rounded to bf16 first and then converted to fp16 (a copy-pasted cast): the "
        "stored values have bf16's 8-bit significand. The contract rounds once to fp16 (11 bits); the weight "
        "scales before the rounding, so no weight makes the double rounding exact on generic data."),
    "window_start_block_times_l": (
        "The window of compressed block i = (s - l) // d starts at i * l (non-overlapping blocks) while the condition "
        "uses the stride d < l, positions clamped to the capacity (cap - 1 = 63). At s = 32 (i = 0) it is the "
        "contract; at s = 48 it reads positions 32 .. 63, which, since d = P here, is the contract with a block table "
        "shifted by one page per such row (T'[b, j] = table[b, j + 1], a page -1 wrapping to NB - 1), so s = 48 "
        "alone does not make it a near miss; at s = 64 (i = 2) every window position clamps to 63, the same token 32 "
        "times, which no block table, weight, slot or d gives (the contract reads 32 consecutive positions). The "
        "inputs (seed 0: completing s = 32, 64, 64, 32) hold s = 64 rows."),
    "bias_after_pool": (
        "A per-head-and-channel bias [N, D] is added to the fp32 sum before the rounding (a 'compression linear with "
        "bias'). The contract has no additive term: for an all-zero window the contract gives zero with any weight, "
        "the model gives the bias; no slot or table choice adds a constant."),
}


class NearMiss(DecodeModel):
    """One layer; vLLM split caches; int64 positions, block table and compressed block table; append by
    ``view(-1, N, D)[slot_mapping] = k``; compression with one deliberate deviation (``bug``)."""
    ARGS = ("hidden", "positions", "block_table", "slot_mapping", "cmp_block_table", "key_cache", "value_cache",
            "cmp_key", "cmp_value")
    BATCH = ("hidden", "positions", "block_table", "slot_mapping", "cmp_block_table")
    SIZES = SIZES

    def __init__(self, dtype, bug):
        self.bug = bug
        super().__init__(dtype)
        if bug == "absolute_position_weight":
            g = torch.Generator().manual_seed(7)
            cap = self.P * self.MP
            self.cmp_w_abs = nn.Parameter(((0.5 + torch.rand(cap, self.N, generator=g)) / self.l).to(dtype),
                                          requires_grad=False)
        if bug == "bias_after_pool":
            g = torch.Generator().manual_seed(8)
            self.cmp_bias = nn.Parameter((0.1 * torch.randn(self.N, self.D, generator=g)).to(dtype),
                                         requires_grad=False)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         slot_mapping=_append_slots(st, self.P), cmp_block_table=st["cmp_table"],
                         key_cache=st["kvs"][0], value_cache=st["kvs"][1], cmp_key=st["cmps"][0],
                         cmp_value=st["cmps"][1])

    def _compress(self, cache, cmp, w, s, block_table, cmp_block_table):
        l, d, P, bug = self.l, self.d, self.P, self.bug
        B = s.shape[0]
        cap = block_table.shape[1] * P
        i = torch.div(s - l, d, rounding_mode="floor").clamp(min=0)
        start = s - l
        if bug == "window_shifted_back":
            start = s - l - 1
        if bug == "window_start_block_times_l":
            start = i * l
        pos = (start[:, None] + torch.arange(l, device=s.device)).clamp(min=0, max=cap - 1)
        win = cache[block_table.gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        if bug == "absolute_position_weight":
            wf = self.cmp_w_abs.float()[pos]  # [B, l, N]
            pooled = (win * wf[..., None]).sum(1)
        elif bug == "fp16_running_sum":
            acc = torch.zeros(B, self.N, self.D, dtype=cmp.dtype, device=s.device)
            for j in range(l):
                acc = (acc.float() + w[j].float()[None, :, None] * win[:, j]).to(cmp.dtype)
            pooled = acc.float()
        else:
            pooled = (win * w.float()[None, :, :, None]).sum(1)
        if bug == "bias_after_pool":
            pooled = pooled + self.cmp_bias.float()
        if bug == "bf16_rounding_for_fp16_cache":
            new = pooled.to(torch.bfloat16).to(cmp.dtype)
        else:
            new = pooled.to(cmp.dtype)
        if bug == "strict_length_condition":
            valid = (s > l) & ((s - l) % d == 0)
        else:
            valid = (s >= l) & ((s - l) % d == 0)
        slot = cmp_block_table.gather(1, i.clamp(max=cmp_block_table.shape[1] - 1)[:, None]).squeeze(1)
        keep = torch.zeros_like(cmp[slot]) if bug == "zero_fill_instead_of_keep" else cmp[slot]
        cmp.index_put_((slot,), torch.where(valid[:, None, None], new, keep))

    def forward(self, hidden, positions, block_table, slot_mapping, cmp_block_table, key_cache, value_cache,
                cmp_key, cmp_value):
        l, d, P, N, D = self.l, self.d, self.P, self.N, self.D
        layer = self.layers[0]
        s = positions + 1
        x, q, k, v = layer.project(hidden, positions)
        key_cache.view(-1, N, D)[slot_mapping] = k
        value_cache.view(-1, N, D)[slot_mapping] = v
        self._compress(key_cache, cmp_key, layer.cmp_w_k, s, block_table, cmp_block_table)
        self._compress(value_cache, cmp_value, layer.cmp_w_v, s, block_table, cmp_block_table)

        def read(p):
            g = block_table.gather(1, p // P)
            return key_cache[g, p % P], value_cache[g, p % P]

        return layer.finish(hidden, x, q, s, read, cmp_key[cmp_block_table], cmp_value[cmp_block_table], l, d)

    def specs(self):
        def weight(m, nm):
            if m.bug == "absolute_position_weight":
                return m.cmp_w_abs[: m.l]
            return getattr(m.layers[0], f"cmp_w_{nm}")

        return [Spec(nm, lambda a, r, c=c: a[c], lambda a, r, nm=nm: a[f"cmp_{c.split('_')[0]}"],
                     lambda m, nm=nm: weight(m, nm), lambda a: a["block_table"], lambda a: a["positions"] + 1,
                     lambda a: _own_slots(a["positions"] + 1, a["cmp_block_table"], self.l, self.d))
                for nm, c in (("k", "key_cache"), ("v", "value_cache"))]


MODEL_CASES = [
    _case("vllm_stacked_joint_kv_einsum_2l", VllmStackedJointKV, "fuse", 4, f16, VllmStackedJointKV.__doc__,
          layers=2),
    _case("fla_dense_window_loop_2l", FlaDenseWindowLoop, "fuse", 4, bf16, FlaDenseWindowLoop.__doc__, layers=2),
    _case("flashinfer_cudagraph_nhd_seqlens", FlashinferCudaGraphNHD, "fuse", 2, f16,
          FlashinferCudaGraphNHD.__doc__),
    _case("sglang_paged_token_pool_2l", SglangPagedTokenPool, "fuse", 4, bf16, SglangPagedTokenPool.__doc__,
          layers=2),
    _case("hf_head_major_scatter_2l", HfHeadMajorScatter, "fuse", 4, f16, HfHeadMajorScatter.__doc__, layers=2),
    _case("deepseek_latent_einsum_2l", DeepseekLatentEinsum, "fuse", 2, bf16, DeepseekLatentEinsum.__doc__,
          layers=2),
    _case("ascend_int32_sum_mul", AscendInt32SumMul, "fuse", 2, f16, AscendInt32SumMul.__doc__),
    _case("functional_fp32_heads_first", FunctionalFp32HeadsFirstSum, "fuse", 2, f32,
          FunctionalFp32HeadsFirstSum.__doc__),
    _case("vllm_cudagraph_null_block_2l", VllmCudaGraphNullBlock, "fuse", 4, f16, VllmCudaGraphNullBlock.__doc__,
          layers=2),
    _case("flashinfer_hnd_unbind_loop", FlashinferHndUnbindLoop, "fuse", 2, bf16, FlashinferHndUnbindLoop.__doc__),
    _case("vllm_paged_cmp_two_index_bmm_2l", VllmPagedCmpTwoIndexBmm, "fuse", 4, bf16,
          VllmPagedCmpTwoIndexBmm.__doc__, layers=2),
    _case("hf_offsets_from_position", HfOffsetsFromPosition, "fuse", 2, f16, HfOffsetsFromPosition.__doc__),
    _case("vllm_flat_tokens_fp32_2l", VllmFlatTokensFp32, "fuse", 4, f32, VllmFlatTokensFp32.__doc__, layers=2),
    _case("block_aligned_pages", BlockAlignedPages, "fuse", 2, f16, BlockAlignedPages.__doc__),
] + [
    _case(f"nm_{bug}", NearMiss, "no_fuse", 2, f16, note, bug=bug) for bug, note in NEAR_MISSES.items()
]


def check_eager(B=8, seed=0, log=print):
    return check_cases(MODEL_CASES, B=B, seed=seed, log=log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
