"""Blind corpus #8: NSA compression decode steps, written without reading the recogniser.

Written from docs/contract.md, nsa_fusion/reference.py, tests/golden.py and public NSA / serving code
(the Ascend ``aclnnNsaCompressWithCache`` formula ``compressIdx = (s - l) / stride``, torch_npu's
``npu_nsa_compress_infer`` signature, vLLM v1's block-table -> slot arithmetic, SGLang's req_to_token
pool and set_kv_buffer, DeepSeek V3.2's indexer k-cache writes and k_norm, HF ports' fp32 parameters,
XunhaoLai's NSACache / avgpool_compress, lucidrains' compress blocks with intra-block position
embeddings).  Each case's note names the style it follows.

Module signature: ``module(kv_pages, slot_mapping, block_table, seq_lens, cache)``; ``factory(l, d, P,
weight)`` with ``weight`` as ``[l, N]``.  Inputs: ``blind8_inputs`` (blind2's generator, the contract's
inputs are unchanged).

* ``expect="fuse"``: the step computes the contract exactly for every valid input (fp32 products of
  fp32 weight and token, fp32 sum in window order or an order torch leaves open, one rounding to the
  cache dtype, kept rows untouched).  Mean pooling (``weight_layout="none"``) only where 1/l is exact
  (l a power of two); sum-then-divide only on fp16 data (an fp32 sum of fp16 tokens cannot overflow or
  go subnormal, so dividing after the sum is the same scaling).
* ``expect="no_fuse"``: a realistic bug or a different design that differs from the contract on some
  valid input; the note names that input (``PROBES`` builds it where the generator's inputs do not
  show it).

``python tests/corpora/blind8.py`` runs ``check_eager()``: every positive against the golden in eager
(bit for bit, or within one order-of-summation rounding where the case sums with sum/einsum/matmul),
every near miss differing from the golden on its named input: by more than an order-of-summation
rounding, or, for ``subtle`` cases (rounding-level bugs), bit-wise on fp16/bf16 inputs where every
sum/einsum positive is bit-exact to the golden (or on the fp32 cancellation probe).

FIRST TRY -- frozen snapshot 0b07964 (/tmp/base7), fp16, no case changed after seeing any result;
``run_corpus.py blind8 --dtypes float16``, positives in every mode, near misses in every mode (three runs,
02:35-02:58 UTC 2026-12-04).  "n/a": the mode fails without the pass too (the runner's verdict).

    mode               positives fused bit-exact   near misses fused   crashes / n/a
    inductor static    33/40 (+1 n/a)              5/31 (*)            per_sequence_loop n/a
    inductor batch     33/40 (+1 n/a)              5/31 (*)            per_sequence_loop n/a
    inductor all       29/40 (+1 n/a)              5/31 (*)            per_sequence_loop n/a
    torchair static    32/38 (+3 n/a)              4/31 (*)            per_sequence_loop, boolean_mask_rows,
    torchair batch     32/38 (+3 n/a)              4/31 (*)              nonzero_index_copy n/a (data-dependent
    torchair all       31/38 (+3 n/a)              4/31 (*)              guard); take_elementwise: no GE converter

Positive misses (refusal reason as the runner prints it):

* hf_fp32_parameter, weight_broadcast_buffer, last_axis_sum_transposed_weight (all 6 modes): "weight: the
  weight argN is a float32 graph input used as it is with float16 data: the fused op takes the weight in
  float16, and rounding it would change the products, since a float32 parameter or buffer may hold any
  float32 value".  Correct refusal: these modules compute the contract only while their fp32 buffer holds
  fp16-exact values, which nothing guarantees after compilation (labelling them positives was my error).
* expanded_weight_einsum_four_index (6 modes): "gather: the new row b may depend on other rows ... (mul /
  bmm mixes or reshapes batch rows)" -- the weight expanded to [B, l, N, D] makes einsum a batched GEMM.
* element_flat_write (6 modes): "keep: the kept cache rows are picked using argN: which old rows are kept
  may then depend on the lengths, the tokens or the weight".
* boolean_mask_rows, nonzero_index_copy (inductor, 3 modes; torchair n/a): "keep: the write stores only the
  rows a mask picks (compaction ...); the pass proves row writes of every batch row".
* tnd_flat_index_select, gather_expanded_index, chain_of_adds_index_select, take_elementwise (inductor all;
  take_elementwise torchair all too): "gather: aten.clamp_max.default clamps page ids: it changes valid page
  ids of a block table with more blocks than its bounds".  Conservative: the bound is kv_pages.shape[0] - 1,
  which no valid page id exceeds; fused in static and batch.
* per_sequence_loop (n/a, 6 modes): Dynamo "Could not guard on data-dependent expression u0 < 32" (.item()).
* whole_cache_row_mask_where (torchair static, batch, all): FUSED (fused=1) BUT correct=False.  The
  returned cache is bit-exact to the golden; the one discrepancy found is the caller's cache ARGUMENT: the
  model is functional (it returns torch.where(written_rows, candidate, cache), never writes its argument), yet
  the torchair-compiled graph writes the completing rows' new values into the input cache (B=8, N=4, D=32,
  (l, d, P) = (32, 16, 64), seed 0: input rows 3, 9, 16 changed -- exactly the completing rows' slots;
  fullgraph True or False alike).  Eager and Inductor leave the argument untouched.  A real bug (a caller
  that keeps the old cache, e.g. to roll back a speculative step, gets it clobbered), in torchair only;
  not seen at B=6, N=2, D=8.  The other functional positives (functional_index_put,
  functional_scatter_return, functional_index_put_method) do not show it.

(*) Near misses fused -- the runner counts them as false fusions; each one's compiled cache equals eager
(correct=True), and on inspection each is a design error of mine, not a false fusion:

* conv_flipped_weight, reshape_instead_of_transpose, shared_head_weight (6 modes): the model pools with
  w.flip(0), w.reshape(N, l).t() or w[:, :1] broadcast -- exact rearrangements of the fp16 weight, so the
  step IS the contract with that weight; fusing with the rearranged weight is exact.
* non_overlapping_stride (6 modes): s >= l and s % l == 0 is the contract's test with stride d' = l.
* double_rounding_via_bf16 (inductor, 3 modes; torchair refuses): plain Inductor (no pass) already drops the
  intermediate bf16 rounding (emulate_precision_casts=False); with emulate_precision_casts=True the pass
  keeps compiled == eager, so it does not change what plain torch.compile computes.
"""
from __future__ import annotations

import math
import sys
from typing import Callable, NamedTuple, Optional

import torch
import torch.nn.functional as F
from torch import nn

F16, BF16, F32 = torch.float16, torch.bfloat16, torch.float32
ALL_DTYPES = (F16, BF16, F32)


class Case(NamedTuple):
    name: str
    factory: Callable   # factory(l, d, P, weight) -> torch.nn.Module
    expect: str         # "fuse" or "no_fuse"
    weight_layout: str  # "lN" (weight used as given) or "none" (mean pooling, 1/l)
    functional: bool = False
    dtypes: tuple = ALL_DTYPES
    note: str = ""
    configs: Optional[Callable] = None   # predicate (l, d, P) -> bool; None = any valid config
    subtle: bool = False


def pow2_l(l, d, P):
    return l & (l - 1) == 0


def d_less_than_l(l, d, P):
    return d < l


def window_can_cross_page(l, d, P):
    # some window start k*d has (k*d) % P + l > P
    return any((k * d) % P + l > P for k in range(P))


class _Step(nn.Module):
    """Holds l, d, P and the [l, N] weight as a buffer in the model dtype."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        self.register_buffer("weight", weight.detach().clone())


# ----------------------------------------------------------------------------------------------------
# positives
# ----------------------------------------------------------------------------------------------------

class AscendCompressIdx(_Step):
    """Ascend aclnnNsaCompressWithCache formula: compressIdx = (s - l) // stride, the window starts at
    compressIdx * stride; a window completes when that start plus l is s."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.to(torch.int64)
        compress_idx = torch.div(s - l, d, rounding_mode="floor").clamp(min=0)
        start = compress_idx * d
        pos = start[:, None] + torch.arange(l, device=s.device)[None, :]
        pages = torch.gather(block_table.to(torch.int64), 1, pos // P)
        tokens = kv_pages[pages, pos % P]
        out = torch.einsum("bjnd,jn->bnd", tokens.to(torch.float32), self.weight.to(torch.float32))
        done = (s >= l) & (start + l == s)
        slots = slot_mapping.to(torch.int64)
        cache[slots] = torch.where(done[:, None, None], out.to(cache.dtype), cache[slots])
        return cache


class WindowShiftedBackOne(_Step):
    """NEAR MISS (off by one): seq_lens taken as the index of the last token (vLLM 'positions'), so the
    window is s-l-1 .. s-2: every completing row with s > l reads one token early."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        last = seq_lens.long() - 1  # believed to be the length
        pos = (last[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        x = kv_pages[pages, pos % P].float()
        pooled = (x * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TndFlatIndexSelect(_Step):
    """TND layout habit (the Ascend training op reads [T, N, D]): the paged cache viewed as one token
    axis, token ids page * P + offset, torch.index_select, mul + sum with the weight as [l, N, 1]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        n_blocks, _, N, D = kv_pages.shape
        s = seq_lens.long()
        pos = torch.clamp_min(s.unsqueeze(1) + torch.arange(-l, 0), 0)
        page = block_table.long().gather(1, pos // P).clamp(0, n_blocks - 1)  # padding ids never read
        tid = (page * P + pos % P).flatten()
        tnd = kv_pages.reshape(n_blocks * P, N, D)
        x = torch.index_select(tnd, 0, tid).view(-1, l, N, D).float()
        pooled = torch.sum(x * self.weight.float().unsqueeze(-1), dim=1)
        ok = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(ok.view(-1, 1, 1), pooled.to(cache.dtype), cache[slots]))
        return cache


class OffsetModWindow(_Step):
    """NEAR MISS (index arithmetic): in-page offset computed as p % l instead of p % P (the window length
    and the page size confused); any completing window reads the wrong tokens when l != P."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % l]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class UnfoldSingleWindow(_Step):
    """Training-code reuse: the gathered window run through Tensor.unfold(1, l, d) (how compress kernels
    cut windows in prefill), which yields exactly one window here; pooled over the unfolded last axis."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        win = x.unfold(1, l, d)  # [B, 1, N, D, l]
        w = self.weight.float().t()[None, None, :, None, :]  # [1, 1, N, 1, l]
        pooled = (win.float() * w).sum(-1).squeeze(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ConvFlippedWeight(_Step):
    """NEAR MISS (convolution vs correlation): the author flips the kernel believing the pooling is a
    true convolution, so token j is weighted by w[l-1-j]; differs on any completing row (non-symmetric
    weight)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.flip(0).float()
        pooled = (x.float() * w[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PerTokenGatherLoop(_Step):
    """Per-token loop (a straightforward port of the Ascend golden's inner loop): page and offset of
    window token j looked up inside the loop, acc = acc + w_j * x_j from fp32 zeros in window order."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        s = seq_lens.long()
        start = (s - l).clamp(min=0)
        bt = block_table.long()
        acc = torch.zeros(B, N, D, dtype=torch.float32, device=kv_pages.device)
        for j in range(l):
            p = start + j
            page = bt.gather(1, (p // P).unsqueeze(1)).squeeze(1)
            tok = kv_pages[page, p % P].float()  # [B, N, D]
            acc = acc + self.weight[j].float().view(1, N, 1) * tok
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class LoopAccInCacheDtype(_Step):
    """NEAR MISS (rounding per step): the loop accumulator is torch.zeros_like(cache[slots]) (cache dtype),
    so every partial sum is rounded to fp16/bf16; differs on random fp16 windows."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        slots = slot_mapping.long()
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        acc = torch.zeros_like(cache[slots])
        for j in range(l):
            acc += x[:, j].float() * self.weight[j].float()[:, None]  # in place: stays in the cache dtype
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class EmbeddingMatmulHeads(_Step):
    """vLLM-style flat token slots (block_number * block_size + offset) read with F.embedding from a
    [tokens, N*D] view; pooling as a per-head matmul weight^T [N, 1, l] @ tokens [B, N, l, D]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        n_blocks, _, N, D = kv_pages.shape
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        block_number = block_table.long().gather(1, pos // P).clamp(min=0)
        slot_of_token = block_number * P + pos % P
        rows = F.embedding(slot_of_token, kv_pages.reshape(n_blocks * P, N * D))  # [B, l, N*D]
        x = rows.view(-1, l, N, D).permute(0, 2, 1, 3).float()  # [B, N, l, D]
        pooled = torch.matmul(self.weight.float().t().unsqueeze(1), x).squeeze(2)  # [B, N, D]
        fire = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(fire[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SumDtypeFloat32HalfProducts(_Step):
    """NEAR MISS (products rounded): torch.sum(x * w, dim=1, dtype=torch.float32) with x and w in the
    model dtype -- the dtype argument upcasts the sum but the products were already rounded to fp16;
    differs on random fp16 windows."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.sum(x * self.weight[None, :, :, None], dim=1, dtype=torch.float32)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class IndexCopyWrappedSlots(_Step):
    """XunhaoLai NSACache-style write: Tensor.index_copy_ along the slot axis, slots wrapped into
    [0, S) with torch.remainder (index_copy_ refuses -1 padding); type-promotion multiply
    x.float() * w (w stays fp16/bf16; promotion converts it exactly)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        pooled = (x * self.weight[None, :, :, None]).sum(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        idx = torch.remainder(slot_mapping.long(), cache.shape[0])
        cache.index_copy_(0, idx, torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[idx]))
        return cache


class UnconditionalWrite(_Step):
    """NEAR MISS (no mask): every row's pooled window is written, completing or not (a prefill-style
    writer reused in decode); differs on every non-completing row (its slot gets a new value)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        cache[slot_mapping.long()] = pooled.to(cache.dtype)
        return cache


class ScatterOnRowView(_Step):
    """DeepSeek V3.2 indexer-cache habit: the compressed cache seen as [S, N*D]; Tensor.scatter_ along
    dim 0 with the row index expanded over N*D; condition with Tensor methods ge / remainder / eq."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        S, N, D = cache.shape
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        pooled = torch.einsum("jh,bjhd->bhd", self.weight.float(), x).reshape(-1, N * D)
        ok = seq_lens.ge(l).logical_and(seq_lens.sub(l).remainder(d).eq(0))
        flat = cache.view(S, N * D)
        idx = slot_mapping.long().remainder(S).unsqueeze(1).expand(-1, N * D)
        flat.scatter_(0, idx, torch.where(ok.unsqueeze(1), pooled.to(cache.dtype), flat.gather(0, idx)))
        return cache


class MaskByMultiply(_Step):
    """NEAR MISS (mask as multiply): pooled * valid written to every row, zeroing non-completing rows'
    slots instead of keeping them; differs on every non-completing row."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cache.index_put_((slot_mapping.long(),), (pooled * valid[:, None, None]).to(cache.dtype))
        return cache


class FunctionalIndexPut(_Step):
    """Functional update (torchair / functionalised graphs): out-of-place torch.index_put returning the
    new cache, the caller rebinding it (the cache argument itself is not written)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        return torch.index_put(cache, (slots,), torch.where(valid[:, None, None], pooled, cache[slots]))


class BlendArithmetic(_Step):
    """NEAR MISS (blend instead of select): new * m + old * (1 - m) in fp32; a kept row holding NaN or
    inf (the generator's poisoned non-completing target row) becomes NaN, and -0.0 becomes +0.0."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = ((seq_lens >= l) & ((seq_lens - l) % d == 0)).float()[:, None, None]
        slots = slot_mapping.long()
        mixed = pooled * m + cache[slots].float() * (1 - m)
        cache[slots] = mixed.to(cache.dtype)
        return cache


class CompressedCountIncrements(_Step):
    """Compressed-count bookkeeping: a window completes when floor((s-l)/d) - floor((s-1-l)/d) == 1 and
    s >= l (the count of compressed tokens moved); positions from a registered arange buffer."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("offsets", torch.arange(l), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + self.offsets).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        moved = torch.div(s - l, d, rounding_mode="floor") - torch.div(s - 1 - l, d, rounding_mode="floor")
        valid = (moved == 1) & (s >= l)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FirstRequestPageTable(_Step):
    """NEAR MISS (batch index dropped): page ids always read from block_table[0] (a single-request
    prototype batched carelessly); differs on any completing row b > 0 (its pages are not row 0's)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table[0].long()[pos // P]
        x = kv_pages[pages, pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanScaleBeforeSum(_Step):
    """fla-style mean pooling: tokens scaled by 1/l in fp32, then summed (l a power of two: the scale is
    exact and equals the contract with weight 1/l)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().mul(1.0 / l).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ReshapeInsteadOfTranspose(_Step):
    """NEAR MISS (layout confusion): the checkpoint weight believed head-major [N, l] and 'transposed'
    with reshape(N, l).t(), which scrambles window and head; any completing row (N > 1)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.reshape(N, l).t().float()  # [l, N], wrong pairing
        pooled = (x.float() * w[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanAfterSumHalf(_Step):
    """XunhaoLai avgpool_compress habit on fp16 data: x.float().mean(1) (sum, then divide by l).  Exact
    for fp16 tokens and l a power of two (the fp32 sum cannot overflow or underflow)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().mean(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class SoftmaxNormalisedWeight(_Step):
    """NEAR MISS (different design): the pooling weight softmax-normalised over the window per head
    (attention-pooling compressors); differs on any completing row."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = torch.softmax(self.weight.float(), dim=0)
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), w)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class AvgPool1dHalf(_Step):
    """avgpool_compress via F.avg_pool1d over the window axis (kernel = stride = l) on fp16 data, tokens
    laid out [B*N*D, 1, l]; exact for fp16 and l a power of two."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        seq = x.float().permute(0, 2, 3, 1).reshape(B * N * D, 1, l)
        pooled = F.avg_pool1d(seq, kernel_size=l, stride=l).view(B, N, D)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ReversedWindowLoop(_Step):
    """NEAR MISS (explicit order): a loop over the window newest-first (j = l-1 .. 0), as code that walks
    back from the last token writes it; fp32 data with cancellation (PROBES) shows the other order."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        acc = torch.zeros_like(x[:, 0])
        for j in reversed(range(l)):
            acc = acc + x[:, j] * w[j][:, None]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class HfFp32Parameter(_Step):
    """HF port: the pooling weight an nn.Parameter converted to fp32 at load (requires_grad=False),
    tokens .to(torch.float32), broadcast multiply against w[None, :, :, None], sum(dim=-3)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.compress_weight = nn.Parameter(weight.detach().to(torch.float32).clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].to(torch.float32)
        pooled = (self.compress_weight[None, :, :, None] * x).sum(dim=-3)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class Float64Accumulate(_Step):
    """NEAR MISS ('numerically careful'): products and sum in float64, one rounding at the end; more
    accurate than the contract's fp32 sum, hence different on fp32 data with cancellation (PROBES)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].double()
        pooled = (x * self.weight.double()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FlatBlockTableIndex(_Step):
    """Page ids read from the flattened block table, index b * max_pages + page column (how a C++-minded
    port addresses a row-major table); tokens via kv_pages[page, offset]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        flat_idx = torch.arange(B).unsqueeze(1) * max_pages + pos // P
        pages = block_table.reshape(-1).long()[flat_idx]
        x = kv_pages[pages, pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ChunkedHalvesSum(_Step):
    """NEAR MISS (explicit order): the window summed as two halves added together (a split-K habit from
    GPU kernels), an order the model writes itself; fp32 data with cancellation (PROBES) shows it."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        h = l // 2
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        prod = x * self.weight.float()[None, :, :, None]
        pooled = prod[:, h:].sum(1) + prod[:, :h].sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class HeadMajorCacheLayout(_Step):
    """Head-major paged cache (some engines store [blocks, N, P, D]): kv_pages.transpose(1, 2) read with
    kv_t[pages, :, offset] (advanced indices split by a slice, result [B, l, N, D])."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        kv_t = kv_pages.transpose(1, 2)  # [blocks, N, P, D]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_t[block_table.long().gather(1, pos // P), :, pos % P]  # [B, l, N, D]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class KNormAfterPool(_Step):
    """NEAR MISS (different design): DeepSeek V3.2's indexer normalises the key before caching; here an
    RMSNorm over D on the pooled token; differs on any completing row."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        pooled = pooled * torch.rsqrt(pooled.pow(2).mean(-1, keepdim=True) + 1e-6)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TakeElementwise(_Step):
    """Element-level gather: flat element ids (token * N*D + arange(N*D)) read with torch.take from the
    whole paged cache (how a port without advanced indexing on its target addresses memory)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        n_blocks, _, N, D = kv_pages.shape
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        tok = block_table.long().gather(1, pos // P).clamp(0, n_blocks - 1) * P + pos % P  # [B, l]
        elem = tok[:, :, None] * (N * D) + torch.arange(N * D)
        x = torch.take(kv_pages.contiguous(), elem).view(B, l, N, D)
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class StridePhaseOffByOne(_Step):
    """NEAR MISS (off by one in the stride test): (s - l + 1) % d == 0, 1-based token counting; s = l
    (the very first window) is skipped and s = l + d - 1 fires instead (d > 1)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        valid = (seq_lens >= l) & ((seq_lens - l + 1) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class NewestFirstFlippedWeight(_Step):
    """Newest-first window (positions s-1, s-2, .., s-l, as ring readers produce them) paired with the
    weight flipped along the window, summed with torch.sum: the same l products, order left to sum."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - 1 - torch.arange(l)).clamp(min=0)  # s-1 .. s-l
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = torch.flip(self.weight, dims=(0,)).float()
        pooled = torch.sum(x.float() * w[None, :, :, None], dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class IndexAddWrite(_Step):
    """NEAR MISS (write = accumulate): cache.index_add_(0, slots, where(valid, new, 0)) -- the new token
    added onto whatever the slot held; differs on any completing row whose slot was not zero (the
    generator's NaN target row, random rows)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        add = torch.where(valid[:, None, None], pooled, torch.zeros_like(pooled))
        cache.index_add_(0, slot_mapping.long().remainder(cache.shape[0]), add)
        return cache


class VecdotPerHead(_Step):
    """torch.linalg.vecdot over the window axis: tokens [B, N, D, l] against the weight [N, 1, l]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float().permute(0, 2, 3, 1)
        pooled = torch.linalg.vecdot(x, self.weight.float().t().unsqueeze(1), dim=-1)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class CopyIntoAdvancedIndexTemp(_Step):
    """NEAR MISS (write lost): cache[slots].copy_(rows) -- advanced indexing returns a copy, so nothing
    reaches the cache; differs on every completing row."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots].copy_(torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class GatherExpandedIndex(_Step):
    """torch.gather on a [tokens, N, D] view with the token id expanded over N and D (the 'gather needs
    an index as big as the output' habit); window rows then [B, l, N, D]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        n_blocks, _, N, D = kv_pages.shape
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        tok = block_table.long().gather(1, pos // P).clamp(0, n_blocks - 1) * P + pos % P
        idx = tok.reshape(-1, 1, 1).expand(B * l, N, D)
        x = torch.gather(kv_pages.reshape(n_blocks * P, N, D), 0, idx).view(B, l, N, D)
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ClampedPaddingSlot(_Step):
    """NEAR MISS (padding slot clamped to 0): slots.clamp(min=0) turns vLLM's -1 padding into row 0, so a
    padding row rewrites row 0 with its old value; when another row's completing window targets slot 0
    (PROBES: padding row after it) the new token is lost."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long().clamp(min=0)
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class BooleanMaskRows(_Step):
    """The most direct eager spelling: keep only completing rows with a boolean mask and write them,
    cache[slots[valid]] = pooled[valid] (data-dependent row count)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        cache[slot_mapping.long()[valid]] = pooled[valid].to(cache.dtype)
        return cache


class BatchUniformLength(_Step):
    """NEAR MISS (static-batch assumption): the window position taken from seq_lens.max() for every row
    (code written for equal-length batches); differs on any completing row shorter than the longest."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        s_max = seq_lens.long().max()
        pos = (s_max - l + torch.arange(l)).clamp(min=0).expand(B, l)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class NonzeroIndexCopy(_Step):
    """nonzero-based compaction (SGLang-style 'which requests compress this step'): idx =
    valid.nonzero().squeeze(1), then index_copy_ of those rows into their slots."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        rows = valid.nonzero().squeeze(1)
        cache.index_copy_(0, slot_mapping.long()[rows], pooled[rows].to(cache.dtype))
        return cache


class WindowInOnePage(_Step):
    """NEAR MISS (window assumed inside one page): the page of the window start used for all l tokens,
    offsets (start + j) % P; a window that crosses a page boundary reads the wrong page for its tail."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        start = (seq_lens.long() - l).clamp(min=0)
        page = block_table.long().gather(1, (start // P)[:, None])  # [B, 1]
        pos = start[:, None] + torch.arange(l)
        x = kv_pages[page.expand(-1, l), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class WholeCacheRowMaskWhere(_Step):
    """Functional whole-cache select: a [S] row mask of written rows, a candidate cache with the new rows
    put in, and torch.where(row_mask, candidate, cache) returned (no in-place op at all)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        S = cache.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long().remainder(S)
        # non-completing rows point their (padding) slot at a row nobody writes; only completing rows mark
        written = torch.zeros(S, dtype=torch.int32).index_add(0, slots, valid.to(torch.int32)) > 0
        candidate = torch.index_put(cache, (slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return torch.where(written[:, None, None], candidate, cache)


class DoubleRoundingViaBf16(_Step):
    """NEAR MISS (two roundings): the pooled token cast to the activation dtype bf16 first (the model's
    compute dtype) and then to the cache dtype; for an fp16 cache the value loses mantissa bits."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(torch.bfloat16)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PerHeadMatmulVector(_Step):
    """Per-head loop (ports that keep one weight vector per head): torch.matmul(w[:, h], x[:, :, h, :])
    contracts the window axis ([l] @ [B, l, D] -> [B, D]); heads stacked on dim 1."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        pooled = torch.stack([torch.matmul(w[:, h], x[:, :, h, :]) for h in range(N)], dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class BlockDiagonalLinear(_Step):
    """NEAR MISS (zero-padded weight): all heads pooled by one F.linear with a block-diagonal [N, N*l]
    weight (a 'one GEMM' trick); the zero entries multiply other heads' tokens, so an inf token in head
    1 of a window (PROBES) turns head 0's value into NaN (0 * inf)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        N = weight.shape[1]
        bd = torch.zeros(N, N * l, dtype=torch.float32)
        for h in range(N):
            bd[h, h * l:(h + 1) * l] = weight[:, h].float()
        self.register_buffer("block_diag", bd)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        feats = x.permute(0, 3, 2, 1).reshape(B, D, N * l)  # head-major window features
        pooled = F.linear(feats, self.block_diag).permute(0, 2, 1)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ElementFlatWrite(_Step):
    """Element-level write: cache.view(-1).index_put_ with element ids slot * N*D + arange(N*D), the
    values flattened (as a port that addresses the compressed cache as raw memory)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        S, N, D = cache.shape
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long().remainder(S)
        elem = (slots[:, None] * (N * D) + torch.arange(N * D)).reshape(-1)
        flat = cache.view(-1)
        rows = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]).reshape(-1)
        flat.index_put_((elem,), rows)
        return cache


class NonOverlappingStride(_Step):
    """NEAR MISS (d == l assumed): s % l == 0 as the completion test (non-overlapping blocks, MoBA-style);
    with d < l the window at s = l + d is skipped."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & (seq_lens % l == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PageThenOffsetAdvancedIndex(_Step):
    """Two-step advanced indexing: whole pages kv_pages[page ids] ([B, l, P, N, D]), then the offset
    picked with a second advanced index [b, j, offset]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = kv_pages[block_table.long().gather(1, pos // P)]
        x = pages[torch.arange(B)[:, None], torch.arange(l)[None, :], pos % P]  # [B, l, N, D]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class IntraBlockPositionEmbedding(_Step):
    """NEAR MISS (different design): lucidrains' compress block adds an intra-block position embedding to
    each window token before pooling; differs on any completing row."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("pos_emb", torch.linspace(-0.5, 0.5, l).view(1, l, 1, 1))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float() + self.pos_emb
        pooled = (x * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FunctionalScatterReturn(_Step):
    """Functional scatter (torchair GE habit): cache.scatter(0, idx, rows) out of place, returned."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        S, N, D = cache.shape
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = torch.where(slot_mapping < 0, slot_mapping + S, slot_mapping).long()
        idx = slots.view(-1, 1, 1).expand(-1, N, D)
        rows = torch.where(valid.view(-1, 1, 1), pooled, torch.gather(cache, 0, idx))
        return cache.scatter(0, idx, rows)


class ConditionOnPositions(_Step):
    """NEAR MISS (off by one in the condition): the test written on positions = s - 1 (position >= l,
    (position - l) % d == 0) while the window uses s; the first window s = l never fires and s = l + 1
    fires (d = 1 aside)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        positions = seq_lens.long() - 1
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (positions >= l) & ((positions - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PerSequenceLoop(_Step):
    """HF reference-implementation style: a Python loop over the batch with .item() lengths, skipping
    rows whose window did not complete, one [l, N, D] window per row pooled with einsum."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        w = self.weight.float()
        for b in range(seq_lens.shape[0]):
            s = int(seq_lens[b].item())
            if s < l or (s - l) % d != 0:
                continue
            pos = torch.arange(s - l, s)
            x = kv_pages[block_table[b].long()[pos // P], pos % P].float()  # [l, N, D]
            cache[slot_mapping[b].long()] = torch.einsum("jnd,jn->nd", x, w).to(cache.dtype)
        return cache


class SharedHeadWeight(_Step):
    """NEAR MISS (weight broadcast wrong): weight[:, :1] used for every head (a checkpoint with one
    compress weight per layer assumed); differs for heads h > 0 of any completing row."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight[:, :1].float()  # [l, 1]
        pooled = (x.float() * w[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class AddcmulLoopFromZeros(_Step):
    """fp32 loop with explicit product then add (torch.mul then torch.add with out-of-place tensors),
    accumulator created by x.new_zeros; window order; condition via torch.logical_and/torch.eq."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.float()
        acc = x.new_zeros((B, N, D), dtype=torch.float32)
        for j in range(l):
            acc = torch.add(acc, torch.mul(x[:, j].float(), w[j].view(N, 1)))
        valid = torch.logical_and(torch.ge(seq_lens, l), torch.eq(torch.remainder(seq_lens - l, d), 0))
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class KeptRowsThroughBf16(_Step):
    """NEAR MISS (kept rows rounded): the select done in bf16 (the activation dtype) and cast back, so a
    kept fp16 row loses mantissa bits on the way; differs on every non-completing row's slot (fp16)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        mixed = torch.where(valid[:, None, None], pooled.to(cache.dtype).to(torch.bfloat16),
                            cache[slots].to(torch.bfloat16))
        cache.index_put_((slots,), mixed.to(cache.dtype))
        return cache


class StartFromWhereGuard(_Step):
    """Window start torch.where(s >= l, s - l, 0) (no clamp), positions start + arange; condition
    computed through the same start: completes iff s >= l and start % d == 0."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        long_enough = s >= l
        start = torch.where(long_enough, s - l, torch.zeros_like(s))
        pos = start.unsqueeze(1) + torch.arange(l)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = long_enough & (start % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ReluGatedPool(_Step):
    """NEAR MISS (different design): an MLP-ish compressor that applies ReLU to the pooled token before
    caching; differs on any completing row with a negative component."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = F.relu(torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()))
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class IndexSelectBlockTable(_Step):
    """Page ids by index_select on the flattened table (row offset b * max_pages from
    torch.arange(B) * block_table.stride(0)); tokens via index on a [blocks*P, N, D] view; einsum
    weight-first 'jn,bjnd->bnd'."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        n_blocks, _, N, D = kv_pages.shape
        B = seq_lens.shape[0]
        bt = block_table.contiguous()
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        flat = (torch.arange(B)[:, None] * bt.stride(0) + pos // P).reshape(-1)
        pages = bt.reshape(-1).index_select(0, flat).long().view(B, l)
        x = kv_pages.reshape(n_blocks * P, N, D)[pages * P + pos % P]
        pooled = torch.einsum("jn,bjnd->bnd", self.weight.float(), x.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ScaledBySqrtWindow(_Step):
    """NEAR MISS (different design): the pooled token scaled by l ** -0.5 (a normalisation some
    compressors add); differs on any completing row."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1) * (l ** -0.5)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class WeightBroadcastBuffer(_Step):
    """Weight pre-shaped at load time to [1, l, N, 1] fp32 (a buffer), tokens upcast with
    .to(dtype=torch.float32), the pooled value cast with .to(dtype=cache.dtype)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w4", weight.detach().float().reshape(1, l, -1, 1).clone())

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].to(dtype=torch.float32)
        pooled = torch.sum(x * self.w4, dim=1).to(dtype=cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled, cache[slots]))
        return cache


class HalfProductsLoop(_Step):
    """NEAR MISS (products in fp16): a window loop multiplying in the model dtype and accumulating in fp32
    (acc += (x_j * w_j).float()); each product rounded to fp16 first; differs on random fp16 windows."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        acc = torch.zeros(B, N, D)
        for j in range(l):
            acc = acc + (x[:, j] * self.weight[j][:, None]).float()
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class TorchIndexPutFunctionForm(_Step):
    """Function-form in-place write torch.Tensor.index_put_(cache, ...) with the kept rows read by
    cache.index_select(0, slots) after wrapping negative slots (+ S); pooling (x * w[:, :, None]).sum(-3)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        S = cache.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[:, :, None]).sum(-3)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        slots = torch.where(slots < 0, slots + S, slots)
        old = cache.index_select(0, slots)
        torch.Tensor.index_put_(cache, (slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), old))
        return cache


class ExpandedWeightEinsumFourIndex(_Step):
    """einsum with both operands four-dimensional: weight expanded to [B, l, N, D] and contracted
    'bjnd,bjnd->bnd' (a port that materialises the broadcast)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()[None, :, :, None].expand_as(x)
        pooled = torch.einsum("bjnd,bjnd->bnd", x, w)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MaskExpandAsWhere(_Step):
    """The completion mask expanded to the rows' shape with view(-1, 1, 1).expand_as(old) before
    torch.where (code that avoids relying on broadcasting), setitem write."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        old = cache[slots]
        mask = valid.view(-1, 1, 1).expand_as(old)
        cache[slots] = torch.where(mask, pooled, old)
        return cache


class FunctionalIndexPutMethod(_Step):
    """Functional update with the Tensor method: cache.index_put((slots,), rows) out of place, returned;
    products via x.float().mul(w.unsqueeze(0).unsqueeze(-1))."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        pages = block_table.long().gather(1, pos // P)
        x = kv_pages[pages, pos % P]
        pooled = x.float().mul(self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        return cache.index_put((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))


class ChainOfAddsUnrolled(_Step):
    """Window order written out: a list of per-j products (tokens read by index_select on a
    [tokens, N, D] view), then summed by a loop from torch.zeros in list order."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        n_blocks, _, N, D = kv_pages.shape
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        tid = block_table.long().gather(1, pos // P).clamp(0, n_blocks - 1) * P + pos % P
        flat = kv_pages.reshape(n_blocks * P, N, D)
        products = [flat.index_select(0, tid[:, j]).float() * self.weight[j].float()[:, None] for j in range(l)]
        total = torch.zeros(B, N, D)
        for p in products:
            total = total + p
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], total.to(cache.dtype), cache[slots]))
        return cache


class Int32PositionsBmm(_Step):
    """int32 arithmetic throughout the index path (seq_lens and block_table as given), positions cast to
    long only for indexing; pooling with torch.bmm of [B*N, 1, l] x [B*N, l, D]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens[:, None] - l + torch.arange(l, dtype=seq_lens.dtype)).clamp(min=0)
        pages = block_table.gather(1, (pos // P).long())
        x = kv_pages[pages.long(), (pos % P).long()].float()  # [B, l, N, D]
        xb = x.permute(0, 2, 1, 3).reshape(B * N, l, D)
        wb = self.weight.float().t().reshape(1, N, 1, l).expand(B, N, 1, l).reshape(B * N, 1, l)
        pooled = torch.bmm(wb, xb).view(B, N, D)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LastAxisSumTransposedWeight(_Step):
    """Window moved to the last axis ([B, N, D, l], a conv-friendly layout) and summed with sum(-1)
    against a head-major [N, 1, l] fp32 weight made at load time."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_nl", weight.detach().float().t().contiguous().unsqueeze(1))  # [N, 1, l]

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float().permute(0, 2, 3, 1)
        pooled = (x * self.w_nl).sum(-1)
        valid = ((seq_lens - l) % d == 0) * (seq_lens >= l)  # bool * bool
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SglangInt32SetKvBuffer(_Step):
    """SGLang set_kv_buffer habit: cache[loc] = value with loc the int32 slot tensor as given (no cast),
    page ids from the int32 table, condition unsqueezed twice."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens[:, None] - l + torch.arange(l, dtype=torch.int64)).clamp(min=0)
        x = kv_pages[block_table.gather(1, pos // P), pos % P]
        value = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()).to(cache.dtype)
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        loc = slot_mapping
        cache[loc] = torch.where(ready.unsqueeze(-1).unsqueeze(-1), value, cache[loc])
        return cache


class KeepdimSumDtype(_Step):
    """sum(dim=1, keepdim=True, dtype=torch.float32) on fp32 products (the dtype argument redundant),
    squeeze(1) afterwards."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        prod = torch.mul(x.float(), self.weight.float()[None, :, :, None])
        pooled = torch.sum(prod, 1, keepdim=True, dtype=torch.float32).squeeze(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class RowViewSetitem(_Step):
    """vLLM reshape_and_cache habit on the compressed cache: cache.view(S, N*D)[slots] = rows (setitem on
    a flat row view), rows pooled on a [B, l, N*D] window with the weight repeated per head dim."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        S, N, D = cache.shape
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].reshape(-1, l, N * D)
        w = self.weight.float()[:, :, None].expand(l, N, D).reshape(l, N * D)
        pooled = (x.float() * w).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        rows = cache.view(S, N * D)
        rows[slots] = torch.where(valid[:, None], pooled.to(cache.dtype), rows[slots])
        return cache


def _mk(cls):
    return lambda l, d, P, weight: cls(l, d, P, weight)


POSITIVES = [
    Case("ascend_compress_idx", _mk(AscendCompressIdx), "fuse", "lN",
         note="Ascend aclnnNsaCompressWithCache: compressIdx=(s-l)//d, start+l==s, gather, einsum, setitem"),
    Case("tnd_flat_index_select", _mk(TndFlatIndexSelect), "fuse", "lN",
         note="TND token axis, index_select, mul+sum with [l, N, 1] weight"),
    Case("unfold_single_window", _mk(UnfoldSingleWindow), "fuse", "lN",
         note="Tensor.unfold(1, l, d) on the gathered window (training window cutter reused)"),
    Case("per_token_gather_loop", _mk(PerTokenGatherLoop), "fuse", "lN",
         note="Ascend golden inner loop: per-j page lookup, window-order fp32 loop from zeros"),
    Case("embedding_matmul_heads", _mk(EmbeddingMatmulHeads), "fuse", "lN",
         note="vLLM block_number*block_size+offset, F.embedding, per-head matmul"),
    Case("index_copy_wrapped_slots", _mk(IndexCopyWrappedSlots), "fuse", "lN",
         note="NSACache index_copy_ with remainder-wrapped slots; type-promotion multiply"),
    Case("scatter_on_row_view", _mk(ScatterOnRowView), "fuse", "lN",
         note="DeepSeek V3.2 [S, N*D] view, scatter_ dim 0, Tensor-method condition"),
    Case("functional_index_put", _mk(FunctionalIndexPut), "fuse", "lN", functional=True,
         note="out-of-place torch.index_put returned (functionalised graphs)"),
    Case("compressed_count_increments", _mk(CompressedCountIncrements), "fuse", "lN",
         note="compressed-count bookkeeping condition; arange buffer (persistent=False)"),
    Case("mean_scale_before_sum", _mk(MeanScaleBeforeSum), "fuse", "none", configs=pow2_l,
         note="fla mean pooling: x.float().mul(1/l).sum(1), l a power of two"),
    Case("mean_after_sum_half", _mk(MeanAfterSumHalf), "fuse", "none", dtypes=(F16,), configs=pow2_l,
         note="avgpool_compress habit: x.float().mean(1) on fp16 data, l a power of two"),
    Case("avg_pool1d_half", _mk(AvgPool1dHalf), "fuse", "none", dtypes=(F16,), configs=pow2_l,
         note="F.avg_pool1d kernel=stride=l over [B*N*D, 1, l], fp16 data, l a power of two"),
    Case("hf_fp32_parameter", _mk(HfFp32Parameter), "fuse", "lN",
         note="HF port: fp32 nn.Parameter(requires_grad=False), sum(dim=-3), setitem"),
    Case("flat_block_table_index", _mk(FlatBlockTableIndex), "fuse", "lN",
         note="block_table.reshape(-1)[b*max_pages + col] page ids"),
    Case("head_major_cache_layout", _mk(HeadMajorCacheLayout), "fuse", "lN",
         note="kv_pages.transpose(1, 2) read with [pages, :, offset]"),
    Case("take_elementwise", _mk(TakeElementwise), "fuse", "lN",
         note="torch.take on flat element ids of the whole paged cache"),
    Case("newest_first_flipped_weight", _mk(NewestFirstFlippedWeight), "fuse", "lN",
         note="window read newest-first with the weight flipped, torch.sum (order left to sum)"),
    Case("vecdot_per_head", _mk(VecdotPerHead), "fuse", "lN",
         note="torch.linalg.vecdot over the window axis"),
    Case("gather_expanded_index", _mk(GatherExpandedIndex), "fuse", "lN",
         note="torch.gather on [tokens, N, D] with an index expanded over N, D"),
    Case("boolean_mask_rows", _mk(BooleanMaskRows), "fuse", "lN",
         note="cache[slots[valid]] = pooled[valid] (data-dependent row count)"),
    Case("nonzero_index_copy", _mk(NonzeroIndexCopy), "fuse", "lN",
         note="valid.nonzero() compaction, index_copy_ of those rows (SGLang-style)"),
    Case("whole_cache_row_mask_where", _mk(WholeCacheRowMaskWhere), "fuse", "lN", functional=True,
         note="functional: [S] written-row mask (index_add of valid), where over the whole cache"),
    Case("per_head_matmul_vector", _mk(PerHeadMatmulVector), "fuse", "lN",
         note="per-head loop torch.matmul(w[:, h], x[:, :, h, :]), stack"),
    Case("element_flat_write", _mk(ElementFlatWrite), "fuse", "lN",
         note="cache.view(-1).index_put_ on element ids slot*N*D + arange(N*D)"),
    Case("page_then_offset_advanced_index", _mk(PageThenOffsetAdvancedIndex), "fuse", "lN",
         note="kv_pages[page ids] then [b, j, offset] advanced index"),
    Case("functional_scatter_return", _mk(FunctionalScatterReturn), "fuse", "lN", functional=True,
         note="torchair GE habit: out-of-place cache.scatter(0, idx, rows) returned"),
    Case("per_sequence_loop", _mk(PerSequenceLoop), "fuse", "lN",
         note="HF reference loop over the batch with .item() lengths (graph breaks / specialises)"),
    Case("addcmul_style_loop_from_zeros", _mk(AddcmulLoopFromZeros), "fuse", "lN",
         note="torch.add(acc, torch.mul(x_j, w_j)) loop from new_zeros; logical_and/eq condition"),
    Case("start_from_where_guard", _mk(StartFromWhereGuard), "fuse", "lN",
         note="start = where(s >= l, s - l, 0), condition start % d == 0 on the same start"),
    Case("index_select_block_table", _mk(IndexSelectBlockTable), "fuse", "lN",
         note="page ids by index_select on the flat table with stride(0); einsum weight-first"),
    Case("weight_broadcast_buffer", _mk(WeightBroadcastBuffer), "fuse", "lN",
         note="[1, l, N, 1] fp32 buffer made at load, .to(dtype=...) casts"),
    Case("torch_index_put_function_form", _mk(TorchIndexPutFunctionForm), "fuse", "lN",
         note="torch.Tensor.index_put_(cache, ...) with index_select old rows; sum(-3)"),
    Case("expanded_weight_einsum_four_index", _mk(ExpandedWeightEinsumFourIndex), "fuse", "lN",
         note="weight expanded to [B, l, N, D], einsum 'bjnd,bjnd->bnd'"),
    Case("masked_where_expand_as", _mk(MaskExpandAsWhere), "fuse", "lN",
         note="mask view(-1,1,1).expand_as(old), where, setitem"),
    Case("functional_index_put_method", _mk(FunctionalIndexPutMethod), "fuse", "lN", functional=True,
         note="Tensor.index_put out of place returned; mul with unsqueezed weight"),
    Case("chain_of_adds_index_select", _mk(ChainOfAddsUnrolled), "fuse", "lN",
         note="list of per-j products (index_select reads), summed by a loop from zeros"),
    Case("int32_positions_bmm", _mk(Int32PositionsBmm), "fuse", "lN",
         note="int32 index arithmetic as given, long only for indexing; torch.bmm pooling"),
    Case("last_axis_sum_transposed_weight", _mk(LastAxisSumTransposedWeight), "fuse", "lN",
         note="window on the last axis, [N, 1, l] fp32 buffer, sum(-1); bool*bool condition"),
    Case("sglang_int32_set_kv_buffer", _mk(SglangInt32SetKvBuffer), "fuse", "lN",
         note="SGLang cache[loc] = value with int32 loc and int32 table as given"),
    Case("keepdim_sum_dtype", _mk(KeepdimSumDtype), "fuse", "lN",
         note="torch.sum(prod, 1, keepdim=True, dtype=float32).squeeze(1)"),
    Case("row_view_setitem", _mk(RowViewSetitem), "fuse", "lN",
         note="vLLM reshape_and_cache habit: cache.view(S, N*D)[slots] = rows"),
]

NEAR_MISSES = [
    Case("window_shifted_back_one", _mk(WindowShiftedBackOne), "no_fuse", "lN",
         note="lengths read as last positions: window s-l-1..s-2; any completing row with s > l"),
    Case("offset_mod_window", _mk(OffsetModWindow), "no_fuse", "lN",
         note="offset p % l instead of p % P; any completing row (l != P in every config)"),
    Case("conv_flipped_weight", _mk(ConvFlippedWeight), "no_fuse", "lN",
         note="kernel flipped (convolution vs correlation); any completing row"),
    Case("loop_acc_in_cache_dtype", _mk(LoopAccInCacheDtype), "no_fuse", "lN", dtypes=(F16, BF16),
         note="accumulator zeros_like(cache[slots]) in fp16: rounding per step; random fp16 windows"),
    Case("sum_dtype_float32_half_products", _mk(SumDtypeFloat32HalfProducts), "no_fuse", "lN",
         dtypes=(F16, BF16), subtle=True,
         note="torch.sum(x*w, dtype=float32) with fp16 products; random fp16 windows"),
    Case("unconditional_write", _mk(UnconditionalWrite), "no_fuse", "lN",
         note="no completion mask; any non-completing row's slot"),
    Case("mask_by_multiply", _mk(MaskByMultiply), "no_fuse", "lN",
         note="pooled * valid: zeros written to non-completing rows' slots"),
    Case("blend_arithmetic", _mk(BlendArithmetic), "no_fuse", "lN",
         note="new*m + old*(1-m): the poisoned (inf/NaN) non-completing target row becomes NaN"),
    Case("first_request_page_table", _mk(FirstRequestPageTable), "no_fuse", "lN",
         note="block_table[0] for every row; a completing row b > 0"),
    Case("reshape_instead_of_transpose", _mk(ReshapeInsteadOfTranspose), "no_fuse", "lN",
         note="weight.reshape(N, l).t() scrambles window/head; any completing row with N > 1"),
    Case("softmax_normalised_weight", _mk(SoftmaxNormalisedWeight), "no_fuse", "lN",
         note="softmax over the window of the weight; any completing row"),
    Case("reversed_window_loop", _mk(ReversedWindowLoop), "no_fuse", "lN", subtle=True,
         note="explicit newest-first loop; fp32 cancellation window (PROBES)"),
    Case("float64_accumulate", _mk(Float64Accumulate), "no_fuse", "lN", subtle=True,
         note="fp64 products and sum; fp32 cancellation window (PROBES)"),
    Case("chunked_halves_sum", _mk(ChunkedHalvesSum), "no_fuse", "lN", subtle=True,
         note="second half + first half written out; fp32 cancellation window (PROBES)"),
    Case("k_norm_after_pool", _mk(KNormAfterPool), "no_fuse", "lN",
         note="RMSNorm on the pooled token (DeepSeek V3.2 indexer k_norm); any completing row"),
    Case("stride_phase_off_by_one", _mk(StridePhaseOffByOne), "no_fuse", "lN",
         note="(s - l + 1) % d == 0; the row with s == l"),
    Case("index_add_write", _mk(IndexAddWrite), "no_fuse", "lN",
         note="index_add_ onto the old row; the NaN completing target row"),
    Case("copy_into_advanced_index_temp", _mk(CopyIntoAdvancedIndexTemp), "no_fuse", "lN",
         note="cache[slots].copy_(...) writes a temporary; any completing row"),
    Case("clamped_padding_slot", _mk(ClampedPaddingSlot), "no_fuse", "lN", subtle=True,
         note="slots.clamp(min=0): padding -1 rewrites row 0 written by a completing row (PROBES)"),
    Case("batch_uniform_length", _mk(BatchUniformLength), "no_fuse", "lN",
         note="positions from seq_lens.max(); a completing row shorter than the longest"),
    Case("window_in_one_page", _mk(WindowInOnePage), "no_fuse", "lN", configs=window_can_cross_page,
         note="page of the window start for all tokens; a window crossing a page boundary"),
    Case("double_rounding_via_bf16", _mk(DoubleRoundingViaBf16), "no_fuse", "lN", dtypes=(F16, F32),
         note="fp32 -> bf16 -> fp16; any completing fp16 row"),
    Case("block_diagonal_linear", _mk(BlockDiagonalLinear), "no_fuse", "lN", subtle=True,
         note="zero-padded block-diagonal F.linear: inf in head 1 of a window poisons head 0 (PROBES)"),
    Case("non_overlapping_stride", _mk(NonOverlappingStride), "no_fuse", "lN", configs=d_less_than_l,
         note="s % l == 0; the row with s = l + d (d < l)"),
    Case("intra_block_position_embedding", _mk(IntraBlockPositionEmbedding), "no_fuse", "lN",
         note="lucidrains intra-block position embedding added before pooling; any completing row"),
    Case("condition_on_positions", _mk(ConditionOnPositions), "no_fuse", "lN",
         note="condition on s-1 with the window on s; the row with s == l"),
    Case("shared_head_weight", _mk(SharedHeadWeight), "no_fuse", "lN",
         note="weight[:, :1] for all heads; head 1 of any completing row"),
    Case("kept_rows_through_bf16", _mk(KeptRowsThroughBf16), "no_fuse", "lN", dtypes=(F16, F32),
         note="select in bf16: kept fp16 rows lose mantissa bits; any non-completing row's slot"),
    Case("relu_gated_pool", _mk(ReluGatedPool), "no_fuse", "lN",
         note="ReLU on the pooled token; any completing row with a negative component"),
    Case("scaled_by_sqrt_window", _mk(ScaledBySqrtWindow), "no_fuse", "lN",
         note="pooled * l**-0.5; any completing row"),
    Case("half_products_loop", _mk(HalfProductsLoop), "no_fuse", "lN", dtypes=(F16, BF16), subtle=True,
         note="products rounded to fp16 before the fp32 add; random fp16 windows"),
]


def _interleave(pos, neg):
    out, i, j = [], 0, 0
    while i < len(pos) or j < len(neg):
        if j >= len(neg) or (i < len(pos) and i * len(neg) <= j * len(pos)):
            out.append(pos[i])
            i += 1
        else:
            out.append(neg[j])
            j += 1
    return out


CASES: list[Case] = _interleave(POSITIVES, NEAR_MISSES)


# ----------------------------------------------------------------------------------------------------
# near-miss probes: inputs that show the difference where the generator's random inputs may not
# ----------------------------------------------------------------------------------------------------

def _first_completing_row(x, l, d):
    for b, s in enumerate(x["seq_lens"].tolist()):
        if s >= l and (s - l) % d == 0:
            return b, s
    raise AssertionError("no completing row")


def _cancellation_probe(x, l, d, P):
    """fp32 window with cancellation: token 0 = 2**25, token 1 = -2**25, the rest 1, weights 1 (head 0,
    dim 0): window order gives l - 2 exactly; other orders lose the small terms."""
    b, s = _first_completing_row(x, l, d)
    kv, bt, w = x["kv_pages"], x["block_table"], x["weight"]
    w[:, 0] = 1.0
    for j in range(l):
        p = s - l + j
        v = 2.0 ** 25 if j == 0 else (-(2.0 ** 25) if j == 1 else 1.0)
        kv[int(bt[b, p // P]), p % P, 0, 0] = v
    return x


def _inf_in_other_head_probe(x, l, d, P):
    b, s = _first_completing_row(x, l, d)
    p = s - 1
    x["kv_pages"][int(x["block_table"][b, p // P]), p % P, 1, 0] = float("inf")
    return x


def _padding_after_slot_zero_probe(x, l, d, P):
    """A completing row targets slot 0 and the last row is a non-completing padding row with slot -1
    (rows reordered so the padding row comes after the completing one)."""
    lens = x["seq_lens"]
    done = [s >= l and (s - l) % d == 0 for s in lens.tolist()]
    b = done.index(True)
    q = max(i for i, f in enumerate(done) if not f)
    last = lens.shape[0] - 1
    for key in ("seq_lens", "slot_mapping", "block_table"):
        t = x[key]
        t[[q, last]] = t[[last, q]].clone()
    if b == last:
        b = q
    slots = x["slot_mapping"]
    holder = (slots == 0).nonzero()
    if holder.numel():
        slots[int(holder[0])] = slots[b]
    slots[b] = 0
    slots[last] = -1
    # -1 is row S-1 Python-style: no completing row may write that row
    S = x["cache"].shape[0]
    for i in (slots == S - 1).nonzero().flatten().tolist():
        slots[i] = sorted(set(range(S)) - set(int(v) for v in slots))[0]
    return x


def _length_l_plus_d_probe(x, l, d, P):
    """The first completing row gets s = l + d (the second window; not a multiple of l when d < l)."""
    b, _ = _first_completing_row(x, l, d)
    x["seq_lens"][b] = l + d
    return x


PROBES = {
    "non_overlapping_stride": (_length_l_plus_d_probe, ALL_DTYPES),
    "reversed_window_loop": (_cancellation_probe, (F32,)),
    "float64_accumulate": (_cancellation_probe, (F32,)),
    "chunked_halves_sum": (_cancellation_probe, (F32,)),
    "block_diagonal_linear": (_inf_in_other_head_probe, ALL_DTYPES),
    "clamped_padding_slot": (_padding_after_slot_zero_probe, ALL_DTYPES),
}

# positives whose window sum is an order torch leaves open (sum / einsum / matmul / mean / avg_pool):
# in eager they may differ from the window-order golden by the order of the fp32 additions
_EXPLICIT_ORDER = {"per_token_gather_loop", "addcmul_style_loop_from_zeros", "chain_of_adds_index_select"}


# ----------------------------------------------------------------------------------------------------
# eager check
# ----------------------------------------------------------------------------------------------------

CHECK_CONFIGS = [(32, 16, 64), (64, 32, 128), (16, 16, 64), (48, 16, 64)]


def _same(a, b):
    a32, b32 = a.float(), b.float()
    return bool(((a32 == b32) | (torch.isnan(a32) & torch.isnan(b32))).all())


def _close(a, b, dtype):
    a32, b32 = a.float(), b.float()
    both_nan = torch.isnan(a32) & torch.isnan(b32)
    tol = {F16: 1e-3, BF16: 8e-3, F32: 1e-5}[dtype]
    ok = both_nan | (a32 == b32) | ((a32 - b32).abs() <= tol * (1 + b32.abs()))
    return bool(ok.all())


def _inputs(case, l, d, P, dtype, seed, B=6, N=2, D=8):
    from blind8_inputs import make_inputs
    pages = math.ceil(l / P) + 2
    x = make_inputs(B, N, D, l, d, P, pages, dtype, seed)
    if case.weight_layout == "none":
        x["weight"] = torch.full((l, N), 1.0 / l, dtype=dtype)
    return x


def _run(case, x, l, d, P):
    from golden import golden_compress_infer
    want = golden_compress_infer(x["kv_pages"], x["weight"], x["slot_mapping"], l, d, P,
                                 block_table=x["block_table"], actual_seq_len=x["seq_lens"], cache=x["cache"])
    mod = case.factory(l, d, P, x["weight"])
    cache = x["cache"].clone()
    got = mod(x["kv_pages"].clone(), x["slot_mapping"].clone(), x["block_table"].clone(), x["seq_lens"].clone(),
              cache)
    return got, want


def check_eager(names=None, seeds=(0, 1)):
    import os
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/ (golden)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    failures = []
    for case in CASES:
        if names and case.name not in names:
            continue
        cfgs = [c for c in CHECK_CONFIGS if case.configs is None or case.configs(*c)]
        if case.expect == "fuse":
            exact = order = 0
            bad = []
            for (l, d, P) in cfgs:
                for dtype in case.dtypes:
                    for seed in seeds:
                        got, want = _run(case, _inputs(case, l, d, P, dtype, seed), l, d, P)
                        if _same(got, want):
                            exact += 1
                        elif case.name not in _EXPLICIT_ORDER and _close(got, want, dtype):
                            order += 1
                        else:
                            bad.append((l, d, P, str(dtype), seed))
            status = "ok" if not bad else "FAIL"
            print(f"{status:4} fuse    {case.name:36} exact {exact}, order-of-sum {order}, wrong {len(bad)} {bad[:2]}")
            if bad:
                failures.append(case.name)
        else:
            probe, probe_dtypes = PROBES.get(case.name, (None, case.dtypes))
            shown = []
            for (l, d, P) in cfgs:
                for dtype in case.dtypes:
                    if dtype not in probe_dtypes:
                        continue
                    for seed in seeds:
                        x = _inputs(case, l, d, P, dtype, seed)
                        if probe is not None:
                            x = probe(x, l, d, P)
                        got, want = _run(case, x, l, d, P)
                        # a subtle case must differ bit-wise; the others by more than an order of summation
                        if not (_same(got, want) if case.subtle else _close(got, want, dtype)):
                            shown.append((l, d, P, str(dtype), seed))
            status = "ok" if shown else "FAIL"
            print(f"{status:4} no_fuse {case.name:36} differs on {len(shown)} inputs {shown[:1]}")
            if not shown:
                failures.append(case.name)
    print(f"{len(POSITIVES)} positives, {len(NEAR_MISSES)} near misses; failures: {failures}")
    return failures


if __name__ == "__main__":
    sys.exit(1 if check_eager(sys.argv[1:] or None) else 0)
