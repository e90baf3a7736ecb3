"""An eleventh blind corpus of whole NSA decode models (``models11``, issue 19's fresh whole-model blind corpus).

Written as a new user would, from docs/contract.md, nsa_fusion/reference.py, tests/golden.py, the vendor page, the
README's Usage / advice sections ("How to write model code that fuses") and public serving code, without reading the
recogniser or its tests (only the file format: ``models8``'s docstring, ``run_models``' docstring and flags, and the
shared building blocks of ``models3``/``models4``, which this file imports). Every model is one decode step of a 1-4
layer decoder: RMSNorm, projections, rotary, the new token's K/V appended to the layer's cache, K and V (or an MLA
latent and an indexer key) compressed into compressed caches (the contract, in the idiom of that stack), then
compressed, selected and sliding-window attention and a SwiGLU MLP (``models4.Layer.finish``). Frozen base: 97e6e77
(``/tmp/base_m11``).

Positives (14; 4 multi-layer, one with 4 layers; 40 compressions in all):

* ``vllm_index_put_einsum_2l`` (fp16, 2 layers, K and V in both): vLLM v1 ``[2, NB, P, N, D]`` caches read as
  ``kv_cache[0]`` / ``kv_cache[1]``, appends ``key_cache.view(-1, N, D).index_put_((slot_mapping,), k)``, window pages
  ``torch.gather(block_table, 1, win // P)``, ``einsum('bjnd,jn->bnd')``, ``dst[cmp_slot_mapping] = where(...)`` (-1
  padding), lengths ``positions + 1``;
* ``vllm_ascend_vendor_loop_i32`` (bf16, l = 32 > P = 16): int32 ``seq_lens`` / ``slot_mapping`` / ``block_tables`` /
  ``cmp_block_tables``, append ``view(-1, N, D)[slot.long()] = k``, a CPU fallback with the vendor signature (window-
  order loop, ``block_table[rows, p // P]`` per position, fp32 accumulator, ``index_copy_`` of ``where(done, new,
  index_select(old))``), the compressed slot ``cmp_block_tables[rows, n - 1]`` in int32;
* ``sglang_gather_matmul_2l`` (fp16, 2 layers, K and V in both): SGLang page size 1 pools, window ids
  ``torch.gather(req_to_token[req_pool_indices], 1, win)``, pooling ``matmul(tokens.permute(0, 2, 3, 1), w.t()[...,
  None])``, ``index_put_`` at ``cmp_req_to_token[req_pool_indices, n - 1]``;
* ``hf_static_cache_class_4l_fp32`` (fp32, 4 layers, 8 compressions): a transformers-style static ``Cache`` object
  (``[B, N, T, D]`` per layer, ``update()`` writes ``k_cache[rows, :, cache_position] = k``), ``compress()`` a
  window-order loop ``acc = acc + w[j][None, :, None] * k_cache[rows, :, t_j]`` (one ``[B]`` position per step),
  ``[B, max_cmp, N, D]`` compressed caches written ``cmp[rows, blk] = where(...)``, no casts;
* ``deepseek_latent_indexer_2l`` (bf16, 2 layers): DeepSeek-V3.2-style MLA latent ``[NB, P, 48]`` and indexer key
  ``[NB, P, 32]`` caches without a head dim, ``[l]`` weights, pooling ``torch.matmul(w.float(), tokens.float())``
  (1-D @ ``[B, l, C]``), ``index_put_`` into ``[S, C]`` caches at ``cmp_block_table[rows, blk]``;
* ``lucidrains_functional_scatter_fp32`` (fp32, l = 12, d = 4): out-of-place ``index_put`` appends, ``[N, l]``
  weights, loop ``acc = acc + tokens[:, j] * w[:, j, None]``, out-of-place ``cmp.scatter(0, slot.expand, where(...))``,
  every cache returned;
* ``fla_dense_sum_of_products`` (bf16, l = d = 16): dense ``[B, T, N, D]`` state, lengths passed in, Python
  ``sum(x[:, j].float() * w[j].float()[:, None] for j in range(l))``, ``cmp[rows, i] = where(...)``;
* ``vllm_cudagraph_padded`` (bf16): 2 CUDA-graph pad rows (position 0, block table on the reserved null block 0, append
  slots inside it, compressed slot -1), ``flatten(0, 1).index_copy_`` appends, ``(tokens.float() * w.float()[:, :,
  None]).sum(1)``, ``index_put_`` with -1 padding;
* ``hf_flat_pool_cache_class`` (fp16): a ``Cache`` object over flat token pools ``[NB * P, N, D]``, ``index_copy_``
  appends, ``[N, l]`` weights with ``einsum('hj,bjhd->bhd')``, ``index_copy_`` at ``cmp_block_table.gather(1, n)``;
* ``vllm_mean_index_select`` (fp16): window read ``flatten(0, 1).index_select(0, flat_slots)``, ``.float().mean(1)``
  (l = 16, weight 1/16), ``index_put_`` with -1 padding, lengths passed in;
* ``flashinfer_last_page_len`` (fp16): FlashInfer ``[NP, 2, P, N, D]`` with int32 ``kv_indptr`` / ``kv_indices`` /
  ``kv_last_page_len``, lengths computed as FlashInfer's ``get_seq_lens`` (``(indptr[1:] - indptr[:-1] - 1) * P +
  last_page_len``), ``paged_kv[page, 0, off] = k``;
* ``vllm_nonzero_compact`` (fp16): only the completing rows (``completes.nonzero()``) are gathered, pooled and written
  ``cmp.index_copy_(0, cmp_slot_mapping[rows], pooled)`` (no ``where``);
* ``sglang_flat_pointer_bf16`` (bf16, d = 4): int32 ``req_to_token`` read through its flat view the way SGLang's Triton
  kernels address it, ``req_to_token.view(-1)[req_pool_indices[:, None] * stride + pos]``, pooling ``w.t()[None, :,
  None, :] @ tokens.transpose(1, 2)``, ``c_buf[loc] = where(...)``;
* ``vllm_flashinfer_layout_scatter_fp32`` (fp32, l = 8 > P = 4): vLLM FlashInfer-backend ``[NB, 2, P, N, D]`` (strided
  K/V views), in-place ``acc += w[j][:, None] * tokens[:, j]`` loop, ``cmp.view(S, -1).scatter_(0, slot.expand,
  new.flatten(1))``.

Near misses (8, one layer, vLLM-style ``[NB, P, N, D]`` caches, rows from the compressed block table):
``low_precision_products`` (bf16 products), ``reversed_weights`` (``w.flip(0)``), ``rounded_running_sum`` (the fp32
running sum rounded to bf16 after every position), ``softmax_weights``, ``max_pool`` (``amax``),
``window_before_new_token`` (window ``s-l-1 .. s-2``), ``next_compressed_row`` (write to ``cmp_table[b, n]``),
``compress_before_append``. Each differs from the golden in both compressed caches eagerly. THREE OF THEM ARE MY
MISTAKES, NOT NEAR MISSES (found after the first try, see below): ``reversed_weights`` is the contract with the weight
``w.flip(0)``, ``next_compressed_row`` is the contract with another valid slot mapping, ``compress_before_append`` is
the contract on the pre-append cache; the golden I wrote for them assumed the intended weight / slot / cache state.

``check_eager()`` (``python tests/corpora/models11.py``): positives bit-exact to the golden (all 14), near misses
differ in every compressed cache (all 8).

First try, 2026-12-04 18:30-19:21 UTC, on the frozen base 97e6e77 (``/tmp/base_m11``, ``PYTHONPATH=/tmp/base_m11``,
``TORCHINDUCTOR_FORCE_DISABLE_CACHES=1``, nothing changed after seeing results): ``run_models.py --corpus models11``,
both dialects, B = 8; positives then near misses in static + batch (mark_dynamic), then positives then near misses in
all (dynamic=True); log ``/tmp/models11_first.log``, results ``/tmp/models11_first_p{1,2,3,4}.json``. Positives with
EVERY compression fused and bit-exact / applicable; positives with any fusion; near misses fused (of which genuine);
crashes (an error with the pass where the same mode compiles with ``NSA_FUSION_DISABLE=1``); n/a:

    dialect  mode           positives   (any fusion)  near misses fused (genuine)  crashes  n/a
    inductor static         10/14       10            3/8 (0/5)                    0        0
    inductor mark_dynamic   10/13       10            3/8 (0/5)                    0        1
    inductor dynamic=True    7/14        7            3/8 (0/5)                    0        0
    torchair static          9/14        9            3/8 (0/5)                    0 (E)    0
    torchair mark_dynamic    9/13        9            3/8 (0/5)                    0 (E)    1
    torchair dynamic=True    7/14        7            3/8 (0/5)                    0 (E)    0
    TOTAL: 52/82 applicable positive runs (63 %) with every compression fused and bit-exact; every run that fused
    anything (52) fused every compression and was bit-exact to the golden, and every positive run was eager-equal;
    near misses: 18/48 runs fused, all of them the 3 mislabelled cases (bit-exact to the contract they do compute,
    below); the 5 genuine near misses: 0/30 runs fused, every one eager-equal (or a GE error, E); no crash; 2 n/a.

Fused everywhere (6/6 runs): vllm_index_put_einsum_2l (4/4), vllm_ascend_vendor_loop_i32, sglang_gather_matmul_2l
(4/4), fla_dense_sum_of_products, hf_flat_pool_cache_class, vllm_mean_index_select,
vllm_flashinfer_layout_scatter_fp32.

The positive misses, with the pass's reason:

* hf_static_cache_class_4l_fp32 (6/6 runs, 0/8 fused): ``roles: the gather does not read exactly one [B, max_pages]
  block table: none @ add_21 (aten.add.Tensor)`` (all 8 compressions): the per-position read
  ``k_cache[rows, :, t_j]`` of a dense ``[B, N, T, D]`` static cache (no block table: the contract with ``block_table
  = arange(B)[:, None]``, ``P = T``, ``input = k_cache.transpose(1, 2)``) in a window-order loop is not followed;
  fla_dense_sum_of_products (dense ``[B, T, N, D]``, one ``[B, l]`` gather ``state[rows[:, None], take]``) fused, so
  the loop of per-position ``[B]`` reads on the ``[B, N, T, D]`` layout is the gap (models8's hf_static_unfold is the
  same family).
* deepseek_latent_indexer_2l: fused 4/4 bit-exact in inductor static and mark_dynamic; torchair (3 modes):
  ``gather: the new row b may depend on other rows, the row number or the batch size, not only on row b's own inputs
  (mv (aten.mv.default) mixes or reshapes batch rows) @ _to_copy_14`` then ``NotImplementedError:
  torch.ops.aten.mv.default ge_converter is not implemented!`` (E: torchair's decomposition of ``matmul(1-D w,
  [B, l, C])`` reshapes the batch into an ``mv``, which the pass refuses and GE cannot convert; the runner counts it
  applicable); inductor dynamic=True: ``sizes: the step is the contract at the compiled sizes but not at other sizes
  this dynamic graph serves (pooling: the pooled value is not sum_j w[j, h] * token_j[h, :] ...); the batch shares its
  symbol s59 with a size of the paged input or the cache`` (B = 8 = P).
* lucidrains_functional_scatter_fp32, dynamic=True (2 runs, 0/2): ``sizes: ... (pooling: aten.add.Scalar adds a term
  that does not depend on the tokens (0.0): a bias); the batch shares its symbol s80 with a size of the paged input or
  the cache`` (B = 8 = P); fused bit-exact in the 4 other runs.
* vllm_cudagraph_padded, dynamic=True (2 runs, 0/2): ``sizes: ... (mask: the condition selects windows of l=15
  (stride 8) but the weight arg14_1 [16, 2] has 16 positions ...); the batch shares its symbol s59 with a size of the
  paged input or the cache`` (B = 8 = P = d); fused bit-exact in the 4 other runs. These three dynamic=True misses are
  one finding: with ``dynamic=True`` a page size equal to the batch size (here both 8) puts them on one symbol and the
  pass (soundly) refuses; every dynamic=True positive with P != 8 that fused statically fused here too.
* flashinfer_last_page_len (4 applicable runs, 0/2): ``roles: the lengths the step compares are computed
  (aten.add.Tensor): valid input bounds the lengths passed in to [0, capacity], not values computed from them @ add``:
  by the contract's rule on computed lengths (FlashInfer's ``get_seq_lens`` from ``kv_indptr`` / ``kv_last_page_len``
  is not ``positions + 1``); the model writes what FlashInfer users write, so a gap by design. mark_dynamic (both
  dialects) is n/a: ``ConstraintViolationError`` (my ``BATCH`` leaves the ``[B + 1]`` ``kv_indptr`` static, so
  marking the batch dynamic fails with ``NSA_FUSION_DISABLE=1`` too).
* vllm_nonzero_compact (6/6 runs, 0/2): ``keep: no masked select (torch.where) before the write: rows of batches whose
  window did not complete would be overwritten @ sum_1`` (graphs=2: dynamo breaks at ``nonzero``): the compaction
  (write only the completing rows, no ``where``) is the contract on valid input but is not recognised.
* sglang_flat_pointer_bf16 (6/6 runs, 0/2): ``roles: the index arithmetic reads arg11_1 (a graph input, e.g. a module
  buffer), whose values are only known at run time: fusing with the value it holds now would silently use stale
  offsets once it changes`` (``arg11_1`` is ``req_to_token``): reading the ``[R, cap]`` table through
  ``req_to_token.view(-1)[rpi[:, None] * stride + pos]`` (the flat-pointer spelling of ``req_to_token[rpi, pos]``) is
  taken for data-dependent offset arithmetic. A gap.

The near misses:

* low_precision_products, rounded_running_sum, softmax_weights, window_before_new_token: unfused and eager-equal in
  all 6 runs; max_pool: unfused in all 6, eager-equal under Inductor, torchair (3 modes) ``NotImplementedError:
  torch.ops.aten.amax.default ge_converter is not implemented!`` (the model's own ``amax``; ok for a near miss).
* reversed_weights, next_compressed_row, compress_before_append: fused 2/2 in all 6 runs, eager-equal in all 6. NOT
  false fusions: after the first try (``/tmp/m11post/recheck.py``, inductor + torchair static) the fused caches are
  bit-exact to the loop golden with the weight ``w.flip(0)`` (reversed_weights), with the slots
  ``cmp_table[b, min(n, max_cmp - 1)]`` (next_compressed_row), and with the pre-append KV cache as ``input``
  (compress_before_append), i.e. each model is the contract with another weight / slot mapping / cache state, and the
  pass fused exactly what the code computes. They are errors of this corpus (a near miss must differ from the
  contract for every choice of weight, slots and cache state, not from the golden I intended).
"""
from __future__ import annotations

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models3 import HIDDEN, Spec, _flat_state, _poison  # noqa: E402
from models4 import DecodeModel, Layer, _append_slots, _case, _dense_state, check_cases, rotary  # noqa: E402

f16, bf16, f32 = torch.float16, torch.bfloat16, torch.float32


# ----------------------------------------------------------------------------------------------------
# small helpers (metadata the way the schedulers compute it, and the specs' view of it)
# ----------------------------------------------------------------------------------------------------

def n_blocks(s, l, d):
    """Compressed blocks a request with ``s`` tokens owns."""
    return torch.where(s >= l, torch.div(s - l, d, rounding_mode="floor") + 1, torch.zeros_like(s))


def own_slot(cmp_table, s, l, d):
    """The request's newest compressed row (its first one before any window completed)."""
    i = (n_blocks(s.long(), l, d) - 1).clamp(min=0)
    return cmp_table.long().gather(1, i[:, None]).squeeze(1)


def paged_reader(kc, vc, table, P):
    def read(pos):
        pg = table.long().gather(1, torch.div(pos, P, rounding_mode="floor"))
        return kc[pg, pos % P], vc[pg, pos % P]
    return read


def dense_slots(s, max_cmp, l, d):
    """Row ``b * max_cmp + i`` of a per-request ``[B, max_cmp, N, D]`` compressed cache, flattened."""
    return torch.arange(s.shape[0]) * max_cmp + torch.div(s - l, d, rounding_mode="floor").clamp(min=0)


# ----------------------------------------------------------------------------------------------------
# P1 vLLM v1: [2, NB, P, N, D] per layer, index_put_ appends into the token view, einsum, -1 padded cmp slots
# ----------------------------------------------------------------------------------------------------

class VllmIndexPut2L(DecodeModel):
    """vLLM v1 FlashAttention layout ``[2, NB, P, N, D]`` per layer (2 layers, K and V compressed in both);
    ``reshape_and_cache_flash`` in torch as ``key_cache.view(-1, N, D).index_put_((slot_mapping,), k)``; the window
    by ``torch.gather(block_table, 1, win // P)``; ``einsum('bjnd,jn->bnd')`` pooling; compressed write
    ``dst[cmp_slot_mapping] = where(...)`` with -1 padding; lengths ``positions + 1``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "kv_cache_0", "kv_cache_1", "cmp_k_0", "cmp_v_0", "cmp_k_1", "cmp_v_1")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table,
                kv_cache_0, kv_cache_1, cmp_k_0, cmp_v_0, cmp_k_1, cmp_v_1):
        l, d, P = self.l, self.d, self.P
        seq_lens = positions + 1
        win = (seq_lens.unsqueeze(1) - l + torch.arange(l, device=positions.device)).clamp(min=0)
        win_pages = torch.gather(block_table, 1, win // P)
        win_offs = win % P
        at_boundary = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        h = hidden
        for layer, kv_cache, cmp_k, cmp_v in zip(self.layers, (kv_cache_0, kv_cache_1), (cmp_k_0, cmp_k_1),
                                                 (cmp_v_0, cmp_v_1)):
            x, q, k, v = layer.project(h, positions)
            key_cache, value_cache = kv_cache[0], kv_cache[1]
            n, hd = key_cache.shape[-2:]
            key_cache.view(-1, n, hd).index_put_((slot_mapping,), k)
            value_cache.view(-1, n, hd).index_put_((slot_mapping,), v)
            for src, dst, w in ((key_cache, cmp_k, layer.cmp_w_k), (value_cache, cmp_v, layer.cmp_w_v)):
                window = src[win_pages, win_offs]
                pooled = torch.einsum("bjnd,jn->bnd", window.float(), w.float()).to(dst.dtype)
                dst[cmp_slot_mapping] = torch.where(at_boundary[:, None, None], pooled, dst[cmp_slot_mapping])
            h = layer.finish(h, x, q, seq_lens, paged_reader(key_cache, value_cache, block_table, P),
                             cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs, c = st["kvs"], st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         kv_cache_0=torch.stack(kvs[0:2]), kv_cache_1=torch.stack(kvs[2:4]), cmp_k_0=c[0],
                         cmp_v_0=c[1], cmp_k_1=c[2], cmp_v_1=c[3])

    def specs(self):
        return [Spec(f"{kv}{i}", lambda a, r, i=i, h=h: a[f"kv_cache_{i}"][h],
                     lambda a, r, i=i, kv=kv: a[f"cmp_{kv}_{i}"],
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"])
                for i in range(2) for h, kv in ((0, "k"), (1, "v"))]


# ----------------------------------------------------------------------------------------------------
# P2 vllm-ascend: int32 metadata, the vendor signature, a window-order loop, index_copy_
# ----------------------------------------------------------------------------------------------------

def nsa_compress_infer(input, weight, slot_mapping, compress_block_size, compress_stride, page_block_size, *,
                       block_table, actual_seq_len, cache):
    """CPU fallback for ``torch_npu.npu_nsa_compress_infer`` (``.cache`` overload), one window position at a time."""
    l, d, P = compress_block_size, compress_stride, page_block_size
    seq = actual_seq_len.long()
    bs = seq.shape[0]
    rows = torch.arange(bs, device=input.device)
    acc = torch.zeros(bs, input.shape[2], input.shape[3], dtype=torch.float32, device=input.device)
    for j in range(l):
        p = (seq - l + j).clamp(min=0)
        blk = block_table[rows, p // P].long()
        acc = acc + weight[j].float()[None, :, None] * input[blk, p % P].float()
    done = (seq >= l) & ((seq - l) % d == 0)
    slots = slot_mapping.long()
    cache.index_copy_(0, slots, torch.where(done[:, None, None], acc.to(cache.dtype), cache.index_select(0, slots)))
    return cache


class VllmAscendVendorLoop(DecodeModel):
    """vllm-ascend: int32 ``seq_lens`` / ``block_tables`` / ``slot_mapping`` / ``cmp_block_tables``; the append as
    ``key_cache.view(-1, N, D)[slot_mapping.long()] = key`` (``_npu_reshape_and_cache``'s fallback); the compressed
    slot from the request's compressed block table; the vendor-signature fallback above (loop, fp32 accumulator,
    ``index_copy_`` of ``where(done, new, index_select(old))``)."""
    SIZES = dict(l=32, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_tables", "cmp_block_tables", "key_cache", "value_cache",
            "cmp_key_cache", "cmp_value_cache")
    BATCH = ARGS[:5]

    def forward(self, hidden, seq_lens, slot_mapping, block_tables, cmp_block_tables, key_cache, value_cache,
                cmp_key_cache, cmp_value_cache):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        n, hd = key_cache.shape[-2:]
        key_cache.view(-1, n, hd)[slot_mapping.long()] = k
        value_cache.view(-1, n, hd)[slot_mapping.long()] = v
        rows = torch.arange(seq_lens.shape[0], device=seq_lens.device)
        blocks = torch.where(seq_lens >= l, (seq_lens - l) // d + 1, torch.zeros_like(seq_lens))
        cmp_slot = cmp_block_tables[rows, (blocks - 1).clamp(min=0)]
        nsa_compress_infer(key_cache, layer.cmp_w_k, cmp_slot, l, d, P, block_table=block_tables,
                           actual_seq_len=seq_lens, cache=cmp_key_cache)
        nsa_compress_infer(value_cache, layer.cmp_w_v, cmp_slot, l, d, P, block_table=block_tables,
                           actual_seq_len=seq_lens, cache=cmp_value_cache)
        idx = cmp_block_tables.long()
        return layer.finish(hidden, x, q, seq_lens.long(), paged_reader(key_cache, value_cache, block_tables, P),
                            cmp_key_cache[idx], cmp_value_cache[idx], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        i32 = torch.int32
        return self.pack(hidden=st["hidden"], seq_lens=st["s"].to(i32),
                         slot_mapping=_append_slots(st, self.P).to(i32), block_tables=st["table"].to(i32),
                         cmp_block_tables=st["cmp_table"].to(i32), key_cache=st["kvs"][0], value_cache=st["kvs"][1],
                         cmp_key_cache=st["cmps"][0], cmp_value_cache=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}_cache"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}"), lambda a: a["block_tables"].long(),
                     lambda a: a["seq_lens"].long(), lambda a: own_slot(a["cmp_block_tables"], a["seq_lens"], self.l,
                                                                        self.d))
                for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# P3 SGLang page size 1, two layers: gather on req_to_token rows, matmul pooling, index_put_
# ----------------------------------------------------------------------------------------------------

class SglangGatherMatmul2L(DecodeModel):
    """SGLang ``MHATokenToKVPool`` (page size 1), two layers: ``k_buffer[out_cache_loc] = k``; the window's token
    ids ``torch.gather(req_to_token[req_pool_indices], 1, win)``; pooling ``matmul(tokens.permute(0, 2, 3, 1),
    w.t()[..., None])`` (``[B, N, D, l] @ [N, l, 1]``); compressed loc ``cmp_req_to_token[req_pool_indices,
    n_blocks - 1]`` written ``index_put_`` of ``where``."""
    SIZES = dict(l=16, d=8, P=1, MP=48, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_buffer_0", "v_buffer_0", "k_buffer_1", "v_buffer_1", "ck_0", "cv_0", "ck_1", "cv_1")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer_0, v_buffer_0, k_buffer_1, v_buffer_1, ck_0, cv_0, ck_1, cv_1):
        l, d = self.l, self.d
        win = (seq_lens[:, None] - l + torch.arange(l, device=seq_lens.device)[None, :]).clamp(min=0)
        token_ids = torch.gather(req_to_token[req_pool_indices], 1, win)
        nb = torch.where(seq_lens >= l, (seq_lens - l) // d + 1, torch.zeros_like(seq_lens))
        is_new = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cmp_loc = cmp_req_to_token[req_pool_indices, (nb - 1).clamp(min=0)]
        cmp_rows = cmp_req_to_token[req_pool_indices]
        h = hidden
        for layer, kb, vb, ck, cv in zip(self.layers, (k_buffer_0, k_buffer_1), (v_buffer_0, v_buffer_1),
                                         (ck_0, ck_1), (cv_0, cv_1)):
            x, q, k, v = layer.project(h, positions)
            kb[out_cache_loc] = k
            vb[out_cache_loc] = v
            for buf, cbuf, w in ((kb, ck, layer.cmp_w_k), (vb, cv, layer.cmp_w_v)):
                toks = buf[token_ids].float()
                pooled = torch.matmul(toks.permute(0, 2, 3, 1), w.float().t().unsqueeze(-1)).squeeze(-1)
                cbuf.index_put_((cmp_loc,), torch.where(is_new[:, None, None], pooled.to(cbuf.dtype), cbuf[cmp_loc]))

            def read(p, kb=kb, vb=vb):
                ids = torch.gather(req_to_token[req_pool_indices], 1, p)
                return kb[ids], vb[ids]

            h = layer.finish(h, x, q, seq_lens, read, ck[cmp_rows], cv[cmp_rows], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kvs = [kv.squeeze(1).contiguous() for kv in st["kvs"]]
        c = st["cmps"]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t, cmp_req_to_token=cr2t, k_buffer_0=kvs[0],
                         v_buffer_0=kvs[1], k_buffer_1=kvs[2], v_buffer_1=kvs[3], ck_0=c[0], cv_0=c[1], ck_1=c[2],
                         cv_1=c[3])

    def specs(self):
        return [Spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_buffer_{i}"],
                     lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"],
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv}"),
                     lambda a: a["req_to_token"][a["req_pool_indices"]], lambda a: a["seq_lens"],
                     lambda a: own_slot(a["cmp_req_to_token"][a["req_pool_indices"]], a["seq_lens"], self.l, self.d))
                for i in range(2) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# P4 HF StaticCache port, four layers, fp32, a Cache object with update()/compress(), window-order loop
# ----------------------------------------------------------------------------------------------------

class NSAStaticCache:
    """transformers-style static cache: per layer ``[B, N, max_len, D]`` keys/values and ``[B, max_cmp, N, D]``
    compressed keys/values; one new token per row at its own ``cache_position``."""

    def __init__(self, keys, values, cmp_keys, cmp_values, l, d):
        self.keys, self.values, self.cmp_keys, self.cmp_values = keys, values, cmp_keys, cmp_values
        self.l, self.d = l, d

    def update(self, key_states, value_states, layer_idx, cache_kwargs):
        pos = cache_kwargs["cache_position"]
        rows = torch.arange(pos.shape[0], device=pos.device)
        self.keys[layer_idx][rows, :, pos] = key_states
        self.values[layer_idx][rows, :, pos] = value_states
        return self.keys[layer_idx], self.values[layer_idx]

    def compress(self, layer_idx, k_weight, v_weight, cache_kwargs):
        l, d = self.l, self.d
        pos = cache_kwargs["cache_position"]
        seq_len = pos + 1
        rows = torch.arange(pos.shape[0], device=pos.device)
        ready = (seq_len >= l) & ((seq_len - l) % d == 0)
        blk = torch.div(seq_len - l, d, rounding_mode="floor").clamp(min=0)
        for src, dst, w in ((self.keys[layer_idx], self.cmp_keys[layer_idx], k_weight),
                            (self.values[layer_idx], self.cmp_values[layer_idx], v_weight)):
            acc = torch.zeros(rows.shape[0], src.shape[1], src.shape[3], dtype=src.dtype, device=src.device)
            for j in range(l):
                t = (seq_len - l + j).clamp(min=0)
                acc = acc + w[j][None, :, None] * src[rows, :, t]
            dst[rows, blk] = torch.where(ready[:, None, None], acc, dst[rows, blk])


class HfStaticCacheClass4L(DecodeModel):
    """HF port on a per-row-position StaticCache (4 layers, fp32, no casts): ``key_cache[rows, :, cache_position] =
    k`` in ``update()``; ``compress()`` a window-order Python loop ``acc = acc + w[j] * key_cache[rows, :, t]``;
    compressed ``[B, max_cmp, N, D]`` written ``cmp[rows, blk] = where(...)``."""
    SIZES = dict(l=8, d=4, P=16, MP=4, N=2, D=16)
    LAYERS = 4
    ARGS = ("hidden", "cache_position") + tuple(f"{n}_{i}" for n in ("key", "value", "ckey", "cvalue")
                                                 for i in range(4))
    BATCH = ARGS

    def forward(self, hidden, cache_position, *caches):
        L = self.LAYERS
        cache = NSAStaticCache(list(caches[0:L]), list(caches[L:2 * L]), list(caches[2 * L:3 * L]),
                               list(caches[3 * L:4 * L]), self.l, self.d)
        kw = {"cache_position": cache_position}
        rows = torch.arange(hidden.shape[0], device=hidden.device)
        h = hidden
        for i, layer in enumerate(self.layers):
            x, q, k, v = layer.project(h, cache_position)
            kc, vc = cache.update(k, v, i, kw)
            cache.compress(i, layer.cmp_w_k, layer.cmp_w_v, kw)

            def read(p, kc=kc, vc=vc):
                return kc[rows[:, None], :, p], vc[rows[:, None], :, p]

            h = layer.finish(h, x, q, cache_position + 1, read, cache.cmp_keys[i], cache.cmp_values[i], self.l,
                             self.d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 8)
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        kvs = [kv.transpose(1, 2).contiguous() for kv in kvs]
        named = dict(hidden=st["hidden"], cache_position=st["s"] - 1)
        for i in range(4):
            named[f"key_{i}"], named[f"value_{i}"] = kvs[2 * i], kvs[2 * i + 1]
            named[f"ckey_{i}"], named[f"cvalue_{i}"] = cmps[2 * i], cmps[2 * i + 1]
        return self.pack(**named)

    def specs(self):
        def slots(a):
            return dense_slots(a["cache_position"] + 1, a["ckey_0"].shape[1], self.l, self.d)

        return [Spec(f"{kv}{i}", lambda a, r, i=i, kv=kv: a[f"{kv}_{i}"].transpose(1, 2),
                     lambda a, r, i=i, kv=kv: a[f"c{kv}_{i}"].flatten(0, 1),
                     lambda m, i=i, kv=kv: getattr(m.layers[i], f"cmp_w_{kv[0]}"),
                     lambda a: torch.arange(a["cache_position"].shape[0])[:, None],
                     lambda a: a["cache_position"] + 1, slots)
                for i in range(4) for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# P5 DeepSeek MLA: latent + indexer key caches without a head dim, 2 layers, matmul(w, tokens), index_put_
# ----------------------------------------------------------------------------------------------------

LAT, ROPE, IDX = 32, 16, 32


class LatentLayer(Layer):
    """Absorbed MLA (one latent ``[LAT + ROPE]`` per token, values its first ``LAT`` dims) plus an indexer key
    ``[IDX]``; both are compressed with ``[l]`` weights (``cmp_w_k`` for the latent, ``cmp_w_v`` for the indexer)."""

    def __init__(self, l):
        super().__init__(1, LAT + ROPE, LAT, l, Hq=2, weight_shape=(l,))
        self.index_k_proj = nn.Linear(HIDDEN, IDX, bias=False)

    def project(self, h, pos):
        B = h.shape[0]
        x = self.attn_norm(h)
        q = self.q_proj(x).view(B, self.Hq, self.Dk)
        q = torch.cat((q[..., :LAT], rotary(q[..., LAT:], pos)), dim=-1)
        c = self.k_proj(x)
        c = torch.cat((c[:, :LAT], rotary(c[:, None, LAT:], pos)[:, 0]), dim=-1)
        ik = rotary(self.index_k_proj(x)[:, None], pos)[:, 0]
        return x, q, c, ik


class DeepseekLatentIndexer2L(DecodeModel):
    """DeepSeek-V3.2-style MLA, 2 layers: per layer a latent cache ``[NB, P, LAT + ROPE]`` and an indexer key cache
    ``[NB, P, IDX]`` (no head dim), each compressed with an ``[l]`` weight as ``torch.matmul(w.float(),
    tokens.float())`` (1-D @ ``[B, l, C]``) into ``[S, C]`` caches by ``index_put_`` at ``cmp_block_table[rows,
    blk]``; lengths ``positions + 1``."""
    SIZES = dict(l=16, d=16, P=8, MP=6, N=1, D=LAT + ROPE)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "latent_0", "indexer_0",
            "latent_1", "indexer_1", "cmp_latent_0", "cmp_indexer_0", "cmp_latent_1", "cmp_indexer_1")
    BATCH = ARGS[:5]

    def make_layer(self, **kw):
        return LatentLayer(self.l)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, latent_0, indexer_0, latent_1,
                indexer_1, cmp_latent_0, cmp_indexer_0, cmp_latent_1, cmp_indexer_1):
        l, d, P = self.l, self.d, self.P
        bsz = hidden.shape[0]
        rows = torch.arange(bsz, device=hidden.device)
        end = positions + 1
        win = (end[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        blocks = block_table.gather(1, win // P)
        offs = win % P
        ready = (end >= l) & ((end - l) % d == 0)
        blk = torch.where(end >= l, (end - l) // d, torch.zeros_like(end))
        cmp_slot = cmp_block_table[rows, blk]
        h = hidden
        for layer, lat, ind, clat, cind in zip(self.layers, (latent_0, latent_1), (indexer_0, indexer_1),
                                               (cmp_latent_0, cmp_latent_1), (cmp_indexer_0, cmp_indexer_1)):
            x, q, c, ik = layer.project(h, positions)
            lat.view(-1, lat.shape[-1])[slot_mapping] = c
            ind.view(-1, ind.shape[-1])[slot_mapping] = ik
            for cache, dst, w in ((lat, clat, layer.cmp_w_k), (ind, cind, layer.cmp_w_v)):
                toks = cache[blocks, offs]  # [B, l, C]
                pooled = torch.matmul(w.float(), toks.float()).to(dst.dtype)  # [B, C]
                dst.index_put_((cmp_slot,), torch.where(ready[:, None], pooled, dst[cmp_slot]))

            def read(p, lat=lat):
                pg = block_table.gather(1, p // P)
                t = lat[pg, p % P][:, :, None, :]
                return t, t[..., :LAT]

            ck = clat[cmp_block_table][:, :, None, :]
            h = layer.finish(h, x, q, end, read, ck, ck[..., :LAT], l, d)
        return h

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 4)
        kvs = [kv.squeeze(2) for kv in st["kvs"]]
        c = [x.squeeze(1) for x in st["cmps"]]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], latent_0=kvs[0].contiguous(),
                         indexer_0=kvs[1][..., :IDX].contiguous(), latent_1=kvs[2].contiguous(),
                         indexer_1=kvs[3][..., :IDX].contiguous(), cmp_latent_0=c[0].contiguous(),
                         cmp_indexer_0=c[1][:, :IDX].contiguous(), cmp_latent_1=c[2].contiguous(),
                         cmp_indexer_1=c[3][:, :IDX].contiguous())

    def specs(self):
        return [Spec(f"{kind}{i}", lambda a, r, i=i, kind=kind: a[f"{kind}_{i}"].unsqueeze(2),
                     lambda a, r, i=i, kind=kind: a[f"cmp_{kind}_{i}"].unsqueeze(1),
                     lambda m, i=i, wn=wn: getattr(m.layers[i], wn)[:, None], lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: own_slot(a["cmp_block_table"], a["positions"] + 1,
                                                                       self.l, self.d))
                for i in range(2) for kind, wn in (("latent", "cmp_w_k"), ("indexer", "cmp_w_v"))]


# ----------------------------------------------------------------------------------------------------
# P6 lucidrains-style functional: out-of-place index_put appends, fp32 loop over [N, l] weights, scatter
# ----------------------------------------------------------------------------------------------------

class LucidrainsFunctionalScatter(DecodeModel):
    """lucidrains-style pure functions (fp32, no casts): appends ``k_cache = k_cache.index_put((page, off), k)``,
    pooling a loop over the window with ``[heads, window]`` weights ``acc = acc + tokens[:, j] * w[:, j, None]``,
    compressed write ``cmp = cmp.scatter(0, slot.expand, where(...))``; every cache returned; l = 12, d = 4."""
    SIZES = dict(l=12, d=4, P=8, MP=6, N=2, D=16)
    ARGS = ("hidden", "positions", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def forward(self, hidden, positions, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        seq = positions + 1
        x, q, k, v = layer.project(hidden, positions)
        page = block_table.gather(1, (positions // P)[:, None]).squeeze(1)
        k_cache = k_cache.index_put((page, positions % P), k)
        v_cache = v_cache.index_put((page, positions % P), v)
        win = (seq[:, None] - l + torch.arange(l, device=seq.device)).clamp(min=0)
        pg, off = block_table.gather(1, win // P), win % P
        ok = (seq >= l) & ((seq - l) % d == 0)
        slot = own_slot(cmp_block_table, seq, l, d)
        out = []
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            toks = cache[pg, off]
            acc = torch.zeros_like(toks[:, 0])
            for j in range(l):
                acc = acc + toks[:, j] * w[:, j, None]
            new = torch.where(ok[:, None, None], acc, cmp[slot])
            out.append(cmp.scatter(0, slot[:, None, None].expand(-1, cmp.shape[1], cmp.shape[2]), new))
        cmp_k, cmp_v = out
        h = layer.finish(hidden, x, q, seq, paged_reader(k_cache, v_cache, block_table, P), cmp_k[cmp_block_table],
                         cmp_v[cmp_block_table], l, d)
        return h, k_cache, v_cache, cmp_k, cmp_v

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0], v_cache=st["kvs"][1],
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, n=n: r[n], lambda a, r, kv=kv, n=n: a[f"cmp_{kv}"] if r is None else r[n + 2],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}").t(), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1,
                     lambda a: own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for n, kv in ((1, "k"), (2, "v"))]


# ----------------------------------------------------------------------------------------------------
# P7 fla-style dense per-request state, bf16, Python sum of products, l = d = 16
# ----------------------------------------------------------------------------------------------------

class FlaDenseSumOfProducts(DecodeModel):
    """fla-style dense state ``[B, T, N, D]`` (row ``b`` is request ``b``'s whole history), lengths ``seq_lens``
    passed in; the new token at ``[rows, seq_lens - 1]``; pooling ``sum(x[:, j].float() * w[j].float()[:, None] for
    j in range(l))`` (Python ``sum``, window order); ``[B, max_cmp, N, D]`` compressed state written ``cmp[rows,
    i] = where(...)``."""
    SIZES = dict(l=16, d=16, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "k_state", "v_state", "cmp_k", "cmp_v")
    BATCH = ARGS

    def forward(self, hidden, seq_lens, k_state, v_state, cmp_k, cmp_v):
        l, d = self.l, self.d
        layer = self.layers[0]
        rows = torch.arange(hidden.shape[0], device=hidden.device)
        cur = seq_lens - 1
        x, q, k, v = layer.project(hidden, cur)
        k_state[rows, cur] = k
        v_state[rows, cur] = v
        take = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        full = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        i = torch.div(seq_lens - l, d, rounding_mode="floor").clamp(min=0)
        for state, cmp, w in ((k_state, cmp_k, layer.cmp_w_k), (v_state, cmp_v, layer.cmp_w_v)):
            xs = state[rows[:, None], take]
            pooled = sum(xs[:, j].float() * w[j].float()[:, None] for j in range(l))
            cmp[rows, i] = torch.where(full[:, None, None], pooled.to(cmp.dtype), cmp[rows, i])

        def read(p):
            return k_state[rows[:, None], p], v_state[rows[:, None], p]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_k, cmp_v, l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        kvs, cmps = _dense_state(st, B, self.MP * self.P)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], k_state=kvs[0], v_state=kvs[1], cmp_k=cmps[0],
                         cmp_v=cmps[1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_state"], lambda a, r, kv=kv: a[f"cmp_{kv}"].flatten(0, 1),
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                     lambda a: torch.arange(a["seq_lens"].shape[0])[:, None], lambda a: a["seq_lens"],
                     lambda a: dense_slots(a["seq_lens"], a["cmp_k"].shape[1], self.l, self.d)) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# P8 vLLM CUDA-graph padded batch: null block 0, index_copy_ appends, index_put_ with -1 cmp padding
# ----------------------------------------------------------------------------------------------------

PAD = 2


class VllmCudagraphPadded(DecodeModel):
    """A decode batch padded to the captured CUDA-graph size: the last ``PAD`` rows are padding (position 0, block
    table all null block 0, append slots inside the null block, ``cmp_slot_mapping = -1``). Separate ``[NB, P, N,
    D]`` K/V caches appended ``key_cache.flatten(0, 1).index_copy_(0, slot_mapping, k)``; pooling
    ``(tokens.float() * w.float()[:, :, None]).sum(1)``; ``cmp.index_put_((cmp_slot_mapping,), where(...))``."""
    SIZES = dict(l=16, d=8, P=8, MP=6, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table",
            "key_cache", "value_cache", "cmp_key", "cmp_value")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, key_cache,
                value_cache, cmp_key, cmp_value):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        key_cache.flatten(0, 1).index_copy_(0, slot_mapping, k)
        value_cache.flatten(0, 1).index_copy_(0, slot_mapping, v)
        seq_lens = positions + 1
        pos = (seq_lens[:, None] + torch.arange(-l, 0, device=hidden.device)).clamp(min=0)
        pages = torch.gather(block_table, 1, torch.div(pos, P, rounding_mode="floor"))
        completes = (seq_lens >= l) & (torch.remainder(seq_lens - l, d) == 0)
        for cache, cmp, w in ((key_cache, cmp_key, layer.cmp_w_k), (value_cache, cmp_value, layer.cmp_w_v)):
            toks = cache[pages, pos % P].float()
            pooled = (toks * w.float()[:, :, None]).sum(1).to(cmp.dtype)
            cmp.index_put_((cmp_slot_mapping,), torch.where(completes[:, None, None], pooled, cmp[cmp_slot_mapping]))
        return layer.finish(hidden, x, q, seq_lens, paged_reader(key_cache, value_cache, block_table, P),
                            cmp_key[cmp_block_table], cmp_value[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        P = self.P
        s = st["s"].clone()
        table = st["table"] + 1  # page 0 becomes vLLM's reserved null block; unused entries (-1) point at it
        cmp_slot = st["cmp_slot"].clone()
        s[B - PAD:] = 1
        table[B - PAD:] = 0
        cmp_slot[B - PAD:] = -1
        kvs = [torch.cat((_poison(st["g"], (1,) + kv.shape[1:], kv.dtype), kv)) for kv in st["kvs"]]
        pos = s - 1
        slot = table.gather(1, (pos // P)[:, None]).squeeze(1) * P + pos % P
        slot[B - PAD:] = torch.arange(PAD)  # distinct slots of the null block
        return self.pack(hidden=st["hidden"], positions=pos, slot_mapping=slot, block_table=table,
                         cmp_slot_mapping=cmp_slot, cmp_block_table=st["cmp_table"], key_cache=kvs[0],
                         value_cache=kvs[1], cmp_key=st["cmps"][0], cmp_value=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# P9 HF Cache class over flat token pools [NB * P, N, D], [N, l] weights, einsum, index_copy_
# ----------------------------------------------------------------------------------------------------

class FlatPagedNSACache:
    """A transformers ``Cache``-like object built per step over flat token pools ``[NB * P, N, D]``."""

    def __init__(self, key_pool, value_pool, cmp_keys, cmp_values, page_size):
        self.key_pool, self.value_pool = key_pool, value_pool
        self.cmp_keys, self.cmp_values = cmp_keys, cmp_values
        self.page_size = page_size

    def token_slots(self, block_table, positions):
        P = self.page_size
        return block_table.gather(1, positions // P) * P + positions % P

    def update(self, key_states, value_states, layer_idx, cache_kwargs):
        pos = cache_kwargs["cache_position"]
        slot = self.token_slots(cache_kwargs["block_table"], pos[:, None]).squeeze(1)
        self.key_pool.index_copy_(0, slot, key_states)
        self.value_pool.index_copy_(0, slot, value_states)

    def compress(self, weights, window, stride, cache_kwargs):
        pos = cache_kwargs["cache_position"]
        length = pos + 1
        win = (length[:, None] - window + torch.arange(window, device=pos.device)).clamp(min=0)
        slots = self.token_slots(cache_kwargs["block_table"], win)
        write = (length >= window) & ((length - window) % stride == 0)
        n = torch.where(length >= window, (length - window) // stride, torch.zeros_like(length))
        row = cache_kwargs["cmp_block_table"].gather(1, n[:, None]).squeeze(1)
        for pool, cmp, w in ((self.key_pool, self.cmp_keys, weights[0]), (self.value_pool, self.cmp_values,
                                                                             weights[1])):
            compressed = torch.einsum("hj,bjhd->bhd", w.float(), pool[slots].float()).to(cmp.dtype)
            cmp.index_copy_(0, row, torch.where(write[:, None, None], compressed, cmp[row]))


class HfFlatPoolCacheClass(DecodeModel):
    """HF port: a ``Cache`` object over flat token pools ``[NB * P, N, D]`` (``index_copy_`` appends at
    ``block_table``-derived token slots), ``[N, l]`` checkpoint-layout weights pooled with ``einsum('hj,bjhd->bhd')``,
    compressed ``index_copy_`` at ``cmp_block_table.gather(1, n)`` rows; lengths ``cache_position + 1``."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "cache_position", "block_table", "cmp_block_table", "key_pool", "value_pool", "cmp_keys",
            "cmp_values")
    BATCH = ARGS[:4]

    def make_layer(self, **kw):
        return Layer(self.N, self.D, self.D, self.l, weight_shape=(self.N, self.l))

    def forward(self, hidden, cache_position, block_table, cmp_block_table, key_pool, value_pool, cmp_keys,
                cmp_values):
        layer = self.layers[0]
        cache = FlatPagedNSACache(key_pool, value_pool, cmp_keys, cmp_values, self.P)
        kw = {"cache_position": cache_position, "block_table": block_table, "cmp_block_table": cmp_block_table}
        x, q, k, v = layer.project(hidden, cache_position)
        cache.update(k, v, 0, kw)
        cache.compress((layer.cmp_w_k, layer.cmp_w_v), self.l, self.d, kw)

        def read(p):
            sl = cache.token_slots(block_table, p)
            return key_pool[sl], value_pool[sl]

        return layer.finish(hidden, x, q, cache_position + 1, read, cmp_keys[cmp_block_table],
                            cmp_values[cmp_block_table], self.l, self.d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], cache_position=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], key_pool=st["kvs"][0].flatten(0, 1).contiguous(),
                         value_pool=st["kvs"][1].flatten(0, 1).contiguous(), cmp_keys=st["cmps"][0],
                         cmp_values=st["cmps"][1])

    def specs(self):
        P, N, D = self.P, self.N, self.D
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_pool"].view(-1, P, N, D), lambda a, r, kv=kv: a[f"cmp_{kv}s"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv[0]}").t(), lambda a: a["block_table"],
                     lambda a: a["cache_position"] + 1,
                     lambda a: own_slot(a["cmp_block_table"], a["cache_position"] + 1, self.l, self.d))
                for kv in ("key", "value")]


# ----------------------------------------------------------------------------------------------------
# P10 vLLM mean pooling (constant weights 1/16), index_select on flat token slots
# ----------------------------------------------------------------------------------------------------

class VllmMeanIndexSelect(DecodeModel):
    """vLLM-style paged K/V ``[NB, P, N, D]``, the window read with ``flatten(0, 1).index_select(0, flat_slots)``,
    mean pooling ``tokens.float().mean(dim=1)`` (l = 16: the contract with weight 1/16), ``index_put_`` of
    ``where`` at the scheduler's ``cmp_slot_mapping`` (-1 padding); lengths ``seq_lens`` passed in."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "seq_lens", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table", "k_cache",
            "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def forward(self, hidden, seq_lens, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, seq_lens - 1)
        n, hd = k_cache.shape[2:]
        k_cache.view(-1, n, hd)[slot_mapping] = k
        v_cache.view(-1, n, hd)[slot_mapping] = v
        p = (seq_lens.view(-1, 1) - l + torch.arange(l, device=hidden.device).view(1, -1)).clamp(min=0)
        flat = (block_table.gather(1, p // P) * P + p % P).reshape(-1)
        emit = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        for cache, cmp in ((k_cache, cmp_k), (v_cache, cmp_v)):
            toks = cache.flatten(0, 1).index_select(0, flat).view(-1, l, n, hd)
            mean = toks.float().mean(dim=1).to(cmp.dtype)
            cmp.index_put_((cmp_slot_mapping,), torch.where(emit[:, None, None], mean, cmp[cmp_slot_mapping]))
        return layer.finish(hidden, x, q, seq_lens, paged_reader(k_cache, v_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], seq_lens=st["s"], slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m: torch.full((self.l, self.N), 1.0 / self.l, dtype=m.dtype), lambda a: a["block_table"],
                     lambda a: a["seq_lens"], lambda a: a["cmp_slot_mapping"]) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# P11 FlashInfer ragged pages with kv_last_page_len (lengths computed the FlashInfer way)
# ----------------------------------------------------------------------------------------------------

def ragged_pages(table, s, P, g, spare=4):
    """FlashInfer's ragged page list of a padded table: ``kv_indptr`` [B + 1], ``kv_indices`` (plus spare entries),
    ``kv_last_page_len`` [B] (every row holds at least one token)."""
    used = (s + P - 1) // P
    indices = torch.cat([table[b, :int(used[b])] for b in range(table.shape[0])]
                        + [torch.randint(0, int(table.max()) + 1, (spare,), generator=g)])
    indptr = torch.cat((torch.zeros(1, dtype=torch.int64), used.cumsum(0)))
    last = s - (used - 1) * P
    return indptr.to(torch.int32), indices.to(torch.int32), last.to(torch.int32)


def ragged_table(indptr, indices, max_pages):
    ip = indptr.long()
    i = torch.arange(max_pages)[None, :]
    at = (ip[:-1, None] + i).clamp(max=indices.shape[0] - 1)
    return torch.where(ip[:-1, None] + i < ip[1:, None], indices.long()[at], torch.full_like(at, -1))


class FlashinferLastPageLen(DecodeModel):
    """FlashInfer NHD ``paged_kv_cache [NP, 2, P, N, D]`` with int32 ``kv_indptr`` / ``kv_indices`` /
    ``kv_last_page_len`` (the metadata ``BatchDecodeWithPagedKVCacheWrapper.plan`` takes); the sequence length
    computed as FlashInfer's ``get_seq_lens``: ``(indptr[1:] - indptr[:-1] - 1) * P + last_page_len``; the append
    ``paged_kv_cache[page, 0, off] = k``; ``(tokens * w).sum(1)`` pooling; ``cmp[slot] = where(...)`` at
    ``cmp_block_table`` rows."""
    SIZES = dict(l=16, d=8, P=8, MP=6, N=2, D=32)
    ARGS = ("hidden", "kv_indptr", "kv_last_page_len", "cmp_block_table", "kv_indices", "paged_kv_cache", "cmp_k",
            "cmp_v")
    BATCH = ("hidden", "kv_last_page_len", "cmp_block_table")

    def forward(self, hidden, kv_indptr, kv_last_page_len, cmp_block_table, kv_indices, paged_kv_cache, cmp_k,
                cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        start = kv_indptr[:-1].long()
        seq_lens = (kv_indptr[1:] - kv_indptr[:-1] - 1).long() * P + kv_last_page_len.long()
        pos = seq_lens - 1
        x, q, k, v = layer.project(hidden, pos)
        page = kv_indices[start + pos // P].long()
        paged_kv_cache[page, 0, pos % P] = k
        paged_kv_cache[page, 1, pos % P] = v
        win = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        win_page = kv_indices[start[:, None] + win // P].long()
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot = own_slot(cmp_block_table, seq_lens, l, d)
        for half, cmp, w in ((0, cmp_k, layer.cmp_w_k), (1, cmp_v, layer.cmp_w_v)):
            toks = paged_kv_cache[win_page, half, win % P].to(torch.float32)
            pooled = (toks * w.to(torch.float32)[None, :, :, None]).sum(1)
            cmp[slot] = torch.where(ready[:, None, None], pooled.to(cmp.dtype), cmp[slot])

        def read(p):
            pg = kv_indices[start[:, None] + p // P].long()
            return paged_kv_cache[pg, 0, p % P], paged_kv_cache[pg, 1, p % P]

        return layer.finish(hidden, x, q, seq_lens, read, cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        indptr, indices, last = ragged_pages(st["table"], st["s"], self.P, st["g"])
        cache = torch.stack(st["kvs"], dim=1).contiguous()
        return self.pack(hidden=st["hidden"], kv_indptr=indptr, kv_last_page_len=last,
                         cmp_block_table=st["cmp_table"], kv_indices=indices, paged_kv_cache=cache,
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        def lengths(a):
            ip = a["kv_indptr"].long()
            return (ip[1:] - ip[:-1] - 1) * self.P + a["kv_last_page_len"].long()

        return [Spec(kv, lambda a, r, h=h: a["paged_kv_cache"][:, h], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                     lambda a: ragged_table(a["kv_indptr"], a["kv_indices"], self.MP), lengths,
                     lambda a: own_slot(a["cmp_block_table"], lengths(a), self.l, self.d))
                for h, kv in ((0, "k"), (1, "v"))]


# ----------------------------------------------------------------------------------------------------
# P12 vLLM: only the completing rows, selected with nonzero, compressed with index_copy_
# ----------------------------------------------------------------------------------------------------

class VllmNonzeroCompact(DecodeModel):
    """vLLM-style paged K/V; the compression runs on the completing rows only: ``rows = completes.nonzero()``,
    their windows gathered, pooled with ``(tokens.float() * w.float()[None, ..., None]).sum(1)`` and written
    ``cmp.index_copy_(0, cmp_slot_mapping[rows], pooled)`` (no ``where``)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_slot_mapping", "cmp_block_table", "k_cache",
            "v_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:6]

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_slot_mapping, cmp_block_table, k_cache,
                v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        n, hd = k_cache.shape[2:]
        k_cache.view(-1, n, hd).index_copy_(0, slot_mapping, k)
        v_cache.view(-1, n, hd).index_copy_(0, slot_mapping, v)
        seq_lens = positions + 1
        completes = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        rows = completes.nonzero().squeeze(1)
        win = seq_lens[rows, None] - l + torch.arange(l, device=hidden.device)
        pages = block_table[rows].gather(1, win // P)
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            toks = cache[pages, win % P]
            pooled = (toks.float() * w.float()[None, :, :, None]).sum(1).to(cmp.dtype)
            cmp.index_copy_(0, cmp_slot_mapping[rows], pooled)
        return layer.finish(hidden, x, q, seq_lens, paged_reader(k_cache, v_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_slot_mapping=st["cmp_slot"], cmp_block_table=st["cmp_table"],
                         k_cache=st["kvs"][0], v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1, lambda a: a["cmp_slot_mapping"]) for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# P13 SGLang, bf16, int32 req_to_token read through its flat view (Triton-kernel pointer arithmetic), setitem
# ----------------------------------------------------------------------------------------------------

class SglangFlatPointerBf16(DecodeModel):
    """SGLang page size 1, bf16, int32 ``req_to_token``: the window's token locations read the way SGLang's Triton
    kernels address it, ``req_to_token.view(-1)[req_pool_indices[:, None] * stride + pos]``; pooling ``(w.t()[None,
    :, None, :] @ tokens.transpose(1, 2)).squeeze(2)`` in fp32; ``c_buffer[loc] = where(...)`` at ``cmp_req_to_token``
    locations (int32)."""
    SIZES = dict(l=16, d=4, P=1, MP=40, N=2, D=32)
    ARGS = ("hidden", "positions", "req_pool_indices", "seq_lens", "out_cache_loc", "req_to_token",
            "cmp_req_to_token", "k_buffer", "v_buffer", "ck_buffer", "cv_buffer")
    BATCH = ARGS[:5]

    def forward(self, hidden, positions, req_pool_indices, seq_lens, out_cache_loc, req_to_token, cmp_req_to_token,
                k_buffer, v_buffer, ck_buffer, cv_buffer):
        l, d = self.l, self.d
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        k_buffer[out_cache_loc] = k
        v_buffer[out_cache_loc] = v
        stride = req_to_token.shape[1]
        pos = (seq_lens[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        locs = req_to_token.view(-1)[req_pool_indices[:, None] * stride + pos].long()
        new_block = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        c_idx = torch.where(seq_lens >= l, (seq_lens - l) // d, torch.zeros_like(seq_lens))
        c_loc = cmp_req_to_token[req_pool_indices, c_idx].long()
        for buf, cbuf, w in ((k_buffer, ck_buffer, layer.cmp_w_k), (v_buffer, cv_buffer, layer.cmp_w_v)):
            toks = buf[locs].float()
            pooled = (w.float().t()[None, :, None, :] @ toks.transpose(1, 2)).squeeze(2)
            cbuf[c_loc] = torch.where(new_block[:, None, None], pooled.to(cbuf.dtype), cbuf[c_loc])

        def read(p):
            ids = req_to_token.view(-1)[req_pool_indices[:, None] * stride + p].long()
            return k_buffer[ids], v_buffer[ids]

        rows = cmp_req_to_token[req_pool_indices].long()
        return layer.finish(hidden, x, q, seq_lens, read, ck_buffer[rows], cv_buffer[rows], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        rpi, r2t, cr2t, loc = _flat_state(st, B)
        kvs = [kv.squeeze(1).contiguous() for kv in st["kvs"]]
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, req_pool_indices=rpi, seq_lens=st["s"],
                         out_cache_loc=loc, req_to_token=r2t.to(torch.int32), cmp_req_to_token=cr2t.to(torch.int32),
                         k_buffer=kvs[0], v_buffer=kvs[1], ck_buffer=st["cmps"][0], cv_buffer=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_buffer"], lambda a, r, kv=kv: a[f"c{kv}_buffer"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"),
                     lambda a: a["req_to_token"][a["req_pool_indices"]].long(), lambda a: a["seq_lens"],
                     lambda a: own_slot(a["cmp_req_to_token"][a["req_pool_indices"]], a["seq_lens"], self.l, self.d))
                for kv in "kv"]


# ----------------------------------------------------------------------------------------------------
# P14 vLLM FlashInfer layout [NB, 2, P, N, D], fp32, in-place += loop, scatter_ into the flat compressed view
# ----------------------------------------------------------------------------------------------------

class VllmFlashinferLayoutScatterFp32(DecodeModel):
    """vLLM's FlashInfer-backend cache ``[NB, 2, P, N, D]`` (K and V are strided views ``kv_cache[:, 0]`` /
    ``kv_cache[:, 1]``), fp32, appended ``key_cache[page, off] = k``; pooling an in-place ``acc += w[j][:, None] *
    tokens[:, j]`` loop; compressed write ``cmp.view(S, -1).scatter_(0, slot.expand(-1, N * D), new.flatten(1))`` at
    ``cmp_block_table`` rows; l = 8 > P = 4 (windows span pages)."""
    SIZES = dict(l=8, d=4, P=4, MP=10, N=2, D=16)
    ARGS = ("hidden", "positions", "block_table", "cmp_block_table", "kv_cache", "cmp_k", "cmp_v")
    BATCH = ARGS[:4]

    def forward(self, hidden, positions, block_table, cmp_block_table, kv_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        key_cache, value_cache = kv_cache[:, 0], kv_cache[:, 1]
        x, q, k, v = layer.project(hidden, positions)
        page = block_table[torch.arange(hidden.shape[0], device=hidden.device), positions // P]
        key_cache[page, positions % P] = k
        value_cache[page, positions % P] = v
        length = positions + 1
        win = (length[:, None] - l + torch.arange(l, device=hidden.device)).clamp(min=0)
        pg = block_table.gather(1, win // P)
        fire = (length >= l) & ((length - l) % d == 0)
        slot = own_slot(cmp_block_table, length, l, d)
        for cache, cmp, w in ((key_cache, cmp_k, layer.cmp_w_k), (value_cache, cmp_v, layer.cmp_w_v)):
            toks = cache[pg, win % P]
            acc = torch.zeros_like(toks[:, 0])
            for j in range(l):
                acc += w[j][:, None] * toks[:, j]
            new = torch.where(fire[:, None, None], acc, cmp[slot])
            cmp.view(cmp.shape[0], -1).scatter_(0, slot[:, None].expand(-1, new[0].numel()), new.flatten(1))
        return layer.finish(hidden, x, q, length, paged_reader(key_cache, value_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, block_table=st["table"],
                         cmp_block_table=st["cmp_table"], kv_cache=torch.stack(st["kvs"], dim=1).contiguous(),
                         cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, h=h: a["kv_cache"][:, h], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1,
                     lambda a: own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d))
                for h, kv in ((0, "k"), (1, "v"))]


# ----------------------------------------------------------------------------------------------------
# Near misses: one layer, vLLM-style separate [NB, P, N, D] K/V caches, compressed rows from the block table
# ----------------------------------------------------------------------------------------------------

class NearMissStep(DecodeModel):
    """Looks like the contract; ``bug`` names what it computes instead (see ``NEAR_MISSES``)."""
    SIZES = dict(l=16, d=8, P=16, MP=4, N=2, D=32)
    ARGS = ("hidden", "positions", "slot_mapping", "block_table", "cmp_block_table", "k_cache", "v_cache", "cmp_k",
            "cmp_v")
    BATCH = ARGS[:5]

    def __init__(self, dtype, bug, seed=0):
        self.bug = bug
        super().__init__(dtype, seed=seed)

    def _pool(self, toks, w, dtype):
        l = self.l
        if self.bug == "low_precision_products":
            return (toks * w[None, :, :, None]).float().sum(1).to(dtype)
        if self.bug == "reversed_weights":
            return torch.einsum("bjnd,jn->bnd", toks.float(), w.flip(0).float()).to(dtype)
        if self.bug == "rounded_running_sum":
            acc = torch.zeros_like(toks[:, 0])
            for j in range(l):
                acc = (acc.float() + w[j].float()[:, None] * toks[:, j].float()).to(dtype)
            return acc
        if self.bug == "softmax_weights":
            return torch.einsum("bjnd,jn->bnd", toks.float(), w.float().softmax(0)).to(dtype)
        if self.bug == "max_pool":
            return (toks.float() * w.float()[None, :, :, None]).amax(1).to(dtype)
        return torch.einsum("bjnd,jn->bnd", toks.float(), w.float()).to(dtype)

    def forward(self, hidden, positions, slot_mapping, block_table, cmp_block_table, k_cache, v_cache, cmp_k, cmp_v):
        l, d, P = self.l, self.d, self.P
        layer = self.layers[0]
        x, q, k, v = layer.project(hidden, positions)
        n, hd = k_cache.shape[2:]
        seq = positions + 1
        shift = 1 if self.bug == "window_before_new_token" else 0
        win = (seq[:, None] - l - shift + torch.arange(l, device=hidden.device)).clamp(min=0)
        pages, offs = block_table.gather(1, win // P), win % P
        done = (seq >= l) & ((seq - l) % d == 0)
        blk = n_blocks(seq, l, d) - 1 + (1 if self.bug == "next_compressed_row" else 0)
        slot = cmp_block_table.gather(1, blk.clamp(0, cmp_block_table.shape[1] - 1)[:, None]).squeeze(1)
        if self.bug != "compress_before_append":
            k_cache.view(-1, n, hd)[slot_mapping] = k
            v_cache.view(-1, n, hd)[slot_mapping] = v
        for cache, cmp, w in ((k_cache, cmp_k, layer.cmp_w_k), (v_cache, cmp_v, layer.cmp_w_v)):
            pooled = self._pool(cache[pages, offs], w, cmp.dtype)
            cmp[slot] = torch.where(done[:, None, None], pooled, cmp[slot])
        if self.bug == "compress_before_append":
            k_cache.view(-1, n, hd)[slot_mapping] = k
            v_cache.view(-1, n, hd)[slot_mapping] = v
        return layer.finish(hidden, x, q, seq, paged_reader(k_cache, v_cache, block_table, P),
                            cmp_k[cmp_block_table], cmp_v[cmp_block_table], l, d)

    def make_inputs(self, B, seed):
        st = self.state(B, seed, 2)
        return self.pack(hidden=st["hidden"], positions=st["s"] - 1, slot_mapping=_append_slots(st, self.P),
                         block_table=st["table"], cmp_block_table=st["cmp_table"], k_cache=st["kvs"][0],
                         v_cache=st["kvs"][1], cmp_k=st["cmps"][0], cmp_v=st["cmps"][1])

    def specs(self):
        return [Spec(kv, lambda a, r, kv=kv: a[f"{kv}_cache"], lambda a, r, kv=kv: a[f"cmp_{kv}"],
                     lambda m, kv=kv: getattr(m.layers[0], f"cmp_w_{kv}"), lambda a: a["block_table"],
                     lambda a: a["positions"] + 1,
                     lambda a: own_slot(a["cmp_block_table"], a["positions"] + 1, self.l, self.d)) for kv in "kv"]


NEAR_MISSES = {  # bug: (dtype, note naming the valid input where it differs)
    "low_precision_products": (bf16, "products w[j] * x_j rounded to bf16 before the fp32 sum: differs wherever a "
                                     "product is not exact in bf16 (any random completing row)"),
    "reversed_weights": (f16, "w.flip(0): window position j weighted by w[l-1-j]; differs on any completing row "
                              "with non-symmetric weights"),
    "rounded_running_sum": (bf16, "fp32 add but the running sum rounded to bf16 after every position: l roundings "
                                  "instead of one; differs on random completing rows"),
    "softmax_weights": (f16, "weights softmax-normalised over the window before pooling (a function of the "
                             "parameter); differs on any completing row"),
    "max_pool": (f16, "amax of the weighted tokens over the window instead of their sum; differs on any completing "
                      "row"),
    "window_before_new_token": (f16, "window s-l-1 .. s-2 (misses the token just appended, reads one older); differs "
                                     "on any completing row (the old window's first token is a real token)"),
    "next_compressed_row": (bf16, "pooled row written to the request's next compressed row cmp_table[b, n] instead of "
                                  "n - 1; the golden's row keeps its old value and another row changes"),
    "compress_before_append": (f16, "compression runs before this step's K/V append: the window's last token is the "
                                    "stale (poisoned: NaN/inf) cache content, not the new token"),
}


def _near_miss(bug):
    dtype, note = NEAR_MISSES[bug]
    return _case(f"nm_{bug}", NearMissStep, "no_fuse", 2, dtype, note, bug=bug)


MODEL_CASES = [
    _case("vllm_index_put_einsum_2l", VllmIndexPut2L, "fuse", 4, f16, VllmIndexPut2L.__doc__, layers=2),
    _case("vllm_ascend_vendor_loop_i32", VllmAscendVendorLoop, "fuse", 2, bf16, VllmAscendVendorLoop.__doc__),
    _case("sglang_gather_matmul_2l", SglangGatherMatmul2L, "fuse", 4, f16, SglangGatherMatmul2L.__doc__, layers=2),
    _case("hf_static_cache_class_4l_fp32", HfStaticCacheClass4L, "fuse", 8, f32, HfStaticCacheClass4L.__doc__,
          layers=4),
    _case("deepseek_latent_indexer_2l", DeepseekLatentIndexer2L, "fuse", 4, bf16, DeepseekLatentIndexer2L.__doc__,
          layers=2),
    _case("lucidrains_functional_scatter_fp32", LucidrainsFunctionalScatter, "fuse", 2, f32,
          LucidrainsFunctionalScatter.__doc__),
    _case("fla_dense_sum_of_products", FlaDenseSumOfProducts, "fuse", 2, bf16, FlaDenseSumOfProducts.__doc__),
    _case("vllm_cudagraph_padded", VllmCudagraphPadded, "fuse", 2, bf16, VllmCudagraphPadded.__doc__),
    _case("hf_flat_pool_cache_class", HfFlatPoolCacheClass, "fuse", 2, f16, HfFlatPoolCacheClass.__doc__),
    _case("vllm_mean_index_select", VllmMeanIndexSelect, "fuse", 2, f16, VllmMeanIndexSelect.__doc__),
    _case("flashinfer_last_page_len", FlashinferLastPageLen, "fuse", 2, f16, FlashinferLastPageLen.__doc__),
    _case("vllm_nonzero_compact", VllmNonzeroCompact, "fuse", 2, f16, VllmNonzeroCompact.__doc__),
    _case("sglang_flat_pointer_bf16", SglangFlatPointerBf16, "fuse", 2, bf16, SglangFlatPointerBf16.__doc__),
    _case("vllm_flashinfer_layout_scatter_fp32", VllmFlashinferLayoutScatterFp32, "fuse", 2, f32,
          VllmFlashinferLayoutScatterFp32.__doc__),
] + [_near_miss(bug) for bug in NEAR_MISSES]


def check_eager(B=8, seed=0, log=print):
    """Positives: every compressed cache equals the golden (bit for bit, or within fp tolerance where torch picks
    the sum order, reported); near misses: every compressed cache differs. Returns the failing case names."""
    return check_cases(MODEL_CASES, B, seed, log, near_miss_differs_everywhere=True)


if __name__ == "__main__":
    torch.set_num_threads(1)
    failed = check_eager()
    print("FAILED:", failed) if failed else print("all cases behave as expected eagerly")
    sys.exit(1 if failed else 0)
