"""Blind corpus #7: NSA compression decode steps, a fresh set written blind (issue 11 evidence).

Written by someone who never saw the recogniser, from docs/contract.md, nsa_fusion/reference.py,
tests/golden.py and the habits of public NSA / serving code (vLLM v1's block_table -> slot arithmetic and
reshape_and_cache writes, SGLang's req_to_token pool and out_cache_loc writes, DeepSeek V3.2 / MLA's
nope/rope split and per-request loops, HF ports' fp32 parameters, fla's mean pooling, lucidrains'
compress-block designs (positional embeddings, softmax weights), XunhaoLai's prefix/stride bookkeeping,
the Ascend op-plugin's per-batch golden).  Each case's note names the style it follows.

Module signature: ``module(kv_pages, slot_mapping, block_table, seq_lens, cache)``; ``factory(l, d, P,
weight)`` with ``weight`` as ``[l, N]``.  ``functional=True`` cases return a new cache and leave the
argument alone.

* ``expect="fuse"``: the step computes the contract exactly for every valid input (fp32 products of
  fp32 weight and token, an fp32 sum in window order or in an order torch leaves open, one rounding to
  the cache dtype, kept rows untouched; mean pooling only where 1/l is a power of two).
* ``expect="no_fuse"``: a realistic bug or a different design that differs from the contract on some
  valid input; the note names the input, and ``WITNESSES`` plants it where random data does not show it.

``python tests/corpora/blind7.py`` checks every case in eager against tests/golden.py: every positive
equal (NaN equal to NaN) on every config it admits, every near miss different on its named input.

The cases alternate positives and near misses so a partial run still samples both.

FIRST TRY (2026-12-03, commit 129f4f0's cases, none changed since): ``run_corpus.py blind7 --dtypes
float16 --dynamic static,batch,all --dialects inductor,torchair``, log /tmp/blind7_first.log.  The full
run hung on KahanCompensatedLoop / inductor / all (22 min inside the pass, stack in
nsa_fusion/patterns/exactness.py ``_monotone`` recursing; killed); the cases after it were run with
``--only`` in the same matrix (logs /tmp/blind7_first_{pos2,neg2,neg3,neg4}.log), so every cell below
is a first try except that one, which is a hang: rerun alone it ran 25 min to its timeout without a
result.  Outside the runner (torch.compile(dynamic=True), the pass on, caches off, B6 N2 D8, d = l/2,
P 4) the compile of that case takes 20 s at l=10, 71 s at l=12, 134 s at l=14 and > 400 s at l=16
(refused "pooling" where it finishes): time exponential in the window length; static and batch
finish in about 20 s.

    mode   dialect   positives fused bit-exact   near misses fused   crashes (runner n/a or error)
    static inductor  31/41                       6/32                1
    static torchair  34/41                       5/32                8
    batch  inductor  31/41                       6/32                1
    batch  torchair  34/41                       5/32                8
    all    inductor  27/41                       4/31 (+1 hang)      1
    all    torchair  30/41                       3/32                9

Positives not fused (refusal reason as printed, shortened):
* SglangReqToTokenLoop, ReduceAddFromZeros, InplaceAddLoopZerosHelper -- inductor, all modes (torchair
  fuses them): "pooling: the window sum is written out (adds) in another order than the op's, j = 0 ..
  l-1 starting from +0.0"; all three ARE window order from +0.0 (false refusal).
* EinsumFp32Parameter -- everywhere: "weight: ... a float32 parameter or buffer may hold any float32
  value": right, the module's fp32 parameter is not an fp16 weight; my label was wrong.
* NonzeroCompactWrite, FunctionalCloneThenSetitem -- inductor: "keep: the write stores only the rows a
  mask picks (compaction)"; torchair: crash GuardOnDataDependentSymNode.
* BooleanMaskRowsClone -- inductor: "write: the write index is not derived from a [B] slot tensor |
  keep: ... compaction"; torchair: crash GuardOnDataDependentSymNode.
* PerRequestLoopAscendGolden -- every cell: crash GuardOnDataDependentSymNode ("could not extract
  specialized integer from data-dependent expression u0"); a plain torch.compile(dynamic=False) of the
  same module outside the runner runs (with the pass: no candidate, unfused, equal to eager).
* FlatBlockTableIndex -- every cell: "gather: a flat index row * 3 + div reads outside row b's 3
  entries where div leaves [0, 3) (unbounded on valid input)"; on valid input (s <= capacity) the
  page index is < max_pages (conservative refusal).
* EinsumBatchedWeightOperand -- every cell: "gather: the new row b may depend on other rows ... (bmm
  mixes or reshapes batch rows)".
* RingBufferPageIndex -- all: "sizes: aten.remainder.Scalar divides a length-derived value by a constant
  the probes did not span twice".
* TakeFlatElementOffsets -- inductor all: "sizes: prims.iota numbers a dimension whose size changes";
  torchair all: crash NotImplementedError aten.take has no GE converter.
* LookupTableCondition -- all: "mask: the condition uses iota/arange; with a symbolic cache capacity
  only integer arithmetic ... can be checked".
* GatherWholeSequenceThenWindow -- inductor all: "gather: aten.clamp_max clamps page ids (the probes
  draw only small ids)".
* TokenMaskBeforePool -- torchair all: "sizes: aten.masked_fill.Scalar computes from the lengths in
  float32 ... past the compiled capacity".
* (the rest of the 41 fused bit-exact in every cell.)

Near misses fused (expected 0), with what probes outside the runner showed (/tmp/blind7_probe/):
* LengthExcludesNewToken -- static and batch, both dialects, correct=True on the runner's inputs.  The
  step is the contract on lengths s + 1, which the pass fuses; but with d == 1 and a row at s ==
  capacity (valid: eager writes nothing there, its own guard s + 1 <= capacity) the compiled step RAISES
  ValueError "actual_seq_len[0] = 13 exceeds the block table's capacity ... = 12" (l=4 d=1 P=4, static,
  also with NSA_FUSION_CHECK_VALUES=0): a real difference from eager on valid input.
* WeightReshapeNotTranspose, SharedHeadWeight -- every cell, correct=True; fused as the contract with a
  re-laid-out / broadcast fp16 weight (stats fused:index_put:Nl, :l1), equal to eager on every probe:
  sound, my near-miss label was wrong (any [l, N] fp16 tensor is a weight).
* BfloatDoubleRounding -- inductor, all modes, correct=True in the runner; probe (B16 N8 D128): compiled
  != eager on 7200 elements and == the one-rounding golden; plain Inductor without the fusion (cost rule
  declined at B6 N2 D8) differs from eager the same way (Inductor drops the intermediate bf16 rounding),
  so not a pass-made difference under the contract's promise.
* FloatPositionsArange -- static and batch, both dialects, correct=True: fused at the runner's small
  capacities where fp16 positions are exact; static at capacity 4800 the pass refuses (rejected:roles);
  "all" refuses.  Sound as far as probed.
* KeptRowsFromPooledSnapshot -- inductor all modes fused=1 (one of the two writes; the other refused
  "keep: compaction"), equal to eager on the runner's and two probe inputs; torchair: fused, then crash
  GuardOnDataDependentSymNode.

Other crashes (not fusion): AccumulateTrueWrite and MaxPoolCompress on torchair (no GE converter for
index_put(accumulate=True) / amax); CompressedIndexAsSlot on torchair (GuardOnDataDependentSymNode).
StrideOnLengthAnyL never ran: the runner has no configuration with l % d != 0 ("inputs: no
configuration").
"""
from __future__ import annotations

import functools
import operator
import os
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


def l_not_multiple_of_d(l, d, P):
    return l % d != 0


def l_ne_d(l, d, P):
    return l != d


def l_at_least_3(l, d, P):
    return l >= 3


def l_at_least_4(l, d, P):
    return l >= 4


def pow2_l_at_least_4(l, d, P):
    return pow2_l(l, d, P) and l >= 4


class _Step(nn.Module):
    """Holds l, d, P and the [l, N] weight as a buffer in the model dtype (mean cases ignore it)."""

    def __init__(self, l, d, P, weight):
        super().__init__()
        self.l, self.d, self.P = l, d, P
        if weight is not None:
            self.register_buffer("weight", weight.detach().clone())


# ================================================================================================
# Positives and near misses.  Pn: positive, Nn: near miss (listed in that order at the end).
# ================================================================================================

class VllmIndexSelectUnflatten(_Step):
    """vLLM v1: slot = block_number * block_size + block_offset per window token, the paged cache read
    as a [num_tokens, N, D] table with index_select, then unflatten back to [B, l]; index_put_ with an
    explicit accumulate=False."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        tok_pos = (seq_lens.to(torch.int64).unsqueeze(1) - l + torch.arange(l)).clamp(min=0)
        block_numbers = torch.gather(block_table.to(torch.int64), 1, tok_pos // P)
        tok_slots = block_numbers * P + tok_pos % P
        key_cache = kv_pages.flatten(0, 1)
        window = key_cache.index_select(0, tok_slots.flatten()).unflatten(0, (B, l))
        pooled = (window.float() * self.weight.float().unsqueeze(0).unsqueeze(-1)).sum(dim=1)
        should = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.to(torch.int64)
        cache.index_put_((slots,), torch.where(should.view(B, 1, 1), pooled.to(cache.dtype), cache[slots]),
                         accumulate=False)
        return cache


class ArithmeticBlendWrite(_Step):
    """NEAR MISS (masked write by arithmetic): rows = m * new + (1 - m) * old with a float mask, as
    CUDA-graph code that avoids torch.where writes it.  A kept row holding inf or NaN (the generator's
    non-compressing target row) becomes NaN (inf * 0)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        m = ((seq_lens >= l) & ((seq_lens - l) % d == 0)).float()[:, None, None]
        slots = slot_mapping.long()
        old = cache[slots].float()
        cache[slots] = (m * pooled + (1.0 - m) * old).to(cache.dtype)
        return cache


class SglangReqToTokenLoop(_Step):
    """SGLang: a req_to_token table [B, capacity] of flat KV locations built from the page table, window
    locations picked with advanced indexing req_to_token[rows, cols], k_buffer[locs]; window-order loop
    from zeros; cache[out_cache_loc] = ... write."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        req_to_token = (block_table.long().unsqueeze(-1) * P + torch.arange(P)).view(B, max_pages * P)
        start = torch.clamp(seq_lens.long() - l, min=0)
        cols = start.unsqueeze(1) + torch.arange(l).unsqueeze(0)
        locs = req_to_token[torch.arange(B).unsqueeze(1), cols]
        k_buffer = kv_pages.reshape(-1, N, D)
        k = k_buffer[locs]  # [B, l, N, D]
        w = self.weight.float()
        acc = torch.zeros(B, N, D, dtype=torch.float32)
        for j in range(l):
            acc = acc + k[:, j].float() * w[j].view(N, 1)
        compress = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        out_cache_loc = slot_mapping.long()
        cache[out_cache_loc] = torch.where(compress[:, None, None], acc.to(cache.dtype), cache[out_cache_loc])
        return cache


class ReversedWindowLoop(_Step):
    """NEAR MISS (summation order written out): the loop walks the window newest-first
    (j = l-1 .. 0), as code that counts back from the length does.  Differs on a window whose tokens
    cancel: [-1024, 1024, 2^-14, 0, ...] with unit weights gives 2^-14 in window order, 0 reversed
    (1024 + 2^-14 is a tie that rounds to 1024)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        acc = torch.zeros(B, N, D)
        for j in reversed(range(l)):
            acc = acc + x[:, j] * w[j][:, None]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class MatmulWeightRowTimesTokens(_Step):
    """GEMM with the weight on the left: per head a [1, l] row times the [l, D] window
    (torch.matmul broadcasting [N, 1, l] against [B, N, l, D]); write-back with index_copy_."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        xt = x.float().permute(0, 2, 1, 3)  # [B, N, l, D]
        wt = self.weight.float().t().unsqueeze(1)  # [N, 1, l]
        pooled = torch.matmul(wt, xt).squeeze(2)  # [B, N, D]
        ok = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_copy_(0, slots, torch.where(ok[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class HalfProductsThenFp32Sum(_Step):
    """NEAR MISS (double rounding): the products are taken in the model dtype (x * w in fp16) and only
    the sum is upcast, as `(x * w).float().sum(1)` reads naturally.  Differs on random data (each
    product rounded to fp16 before the fp32 sum)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x * self.weight[None, :, :, None]).float().sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class UnfoldWindowFromGathered(_Step):
    """Training-time compression code reused in decode (lucidrains / fla): the gathered window laid out
    on the last axis and cut with Tensor.unfold(size=l, step=d) -- exactly one window -- then a
    mul+sum over the unfolded axis."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        blocks = x.unfold(1, l, d)  # [B, 1, N, D, l]
        win = blocks[:, 0].float()  # [B, N, D, l]
        pooled = (win * self.weight.float().t()[None, :, None, :]).sum(-1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class WeightThroughBf16Checkpoint(_Step):
    """NEAR MISS (weight precision): the compression weight is kept as a bf16 checkpoint tensor at load
    time and upcast from there, so an fp16 weight loses mantissa bits.  Differs on random fp16
    weights (not representable in bf16)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("w_ckpt", weight.detach().to(torch.bfloat16))

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.w_ckpt.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class EinsumFp32Parameter(_Step):
    """HF port: the compression weight held as an fp32 nn.Parameter (converted once at load, exact),
    einsum 'blnd,ln->bnd' against the upcast tokens, result cast with .to(dtype=...)."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.compress_weight = nn.Parameter(weight.detach().float().clone(), requires_grad=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        tokens = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("blnd,ln->bnd", tokens.to(dtype=torch.float32), self.compress_weight)
        is_ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(is_ready[:, None, None], pooled.to(dtype=cache.dtype),
                                               cache[slots]))
        return cache


class PreviousWindowOffByStride(_Step):
    """NEAR MISS (index arithmetic): the window start taken as s - l - d (the window of the previous
    compression step, a bookkeeping slip when the length is read before the stride advance).
    Differs on random data wherever a compressing row has s >= l + d."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l - d + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanScaleFirst(_Step):
    """fla-style mean pooling: tokens scaled by 1/l in fp32, then summed (the contract with weight 1/l;
    l a power of two, so the scale is exact)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * (1.0 / l)).sum(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class CompressedIndexAsSlot(_Step):
    """NEAR MISS (different cache layout): the row is computed from the compressed-token count,
    (s - l) // d, as a per-request contiguous compressed cache would, ignoring slot_mapping.
    Differs on random data (slot_mapping is a permutation of the rows)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.long()
        pos = (s[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (s >= l) & ((s - l) % d == 0)
        rows = torch.div((s - l).clamp(min=0), d, rounding_mode="floor") % cache.shape[0]
        idx = torch.nonzero(valid, as_tuple=True)[0]
        cache[rows[idx]] = pooled[idx]
        return cache


class MeanTorchMeanHalf(_Step):
    """Mean pooling with Tensor.mean over the window in fp32 (fp16 data, l a power of two: the mean is
    the fp32 sum times an exact power of two, which no fp16-sourced sum can push into fp32
    subnormals)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().mean(dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled.half(), cache[slots])
        return cache


class PageOffsetForgetsScale(_Step):
    """NEAR MISS (index arithmetic): the in-page offset written pos - page_index (the `* P` dropped
    when the modulo was 'optimised' away).  Differs on random data whenever a window token sits past
    the first page (P > 1)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        page_index = pos // P
        offset = (pos - page_index).clamp(0, P - 1)
        x = kv_pages[block_table.long().gather(1, page_index), offset]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FunctionalIndexPut(_Step):
    """Functional update (JAX-minded serving code, torch.func-friendly): out-of-place Tensor.index_put
    returning the new cache; the argument is left as it was."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        return cache.index_put((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))


class StrideOnLengthAnyL(_Step):
    """NEAR MISS (condition): 'compress every d tokens' written s % d == 0 with s >= l, which is the
    contract's test only when d divides l.  Differs on a config with l % d != 0 (a length s = l is
    compressed by the contract and skipped here); restricted to those configs."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens % d == 0) & (seq_lens >= l)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ScatterExpandedIndex3D(_Step):
    """Scatter write on the 3-D cache with the slot index expanded to [B, N, D] (the
    torch.scatter_ spelling of paged writes in ports without index_put)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], cache.shape[1], cache.shape[2]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        index = slot_mapping.long().view(B, 1, 1).expand(B, N, D)
        old = torch.gather(cache, 0, index)
        cache.scatter_(0, index, torch.where(valid[:, None, None], pooled.to(cache.dtype), old))
        return cache


class SoftmaxNormalisedWeights(_Step):
    """NEAR MISS (different design): attention-style pooling, the learned logits softmax-normalised over
    the window per head before the weighted sum.  Differs on random weights."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        probs = self.weight.float().softmax(dim=0)
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), probs)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class NonzeroCompactWrite(_Step):
    """Only the compressing requests are written: their batch indices from torch.nonzero, the pooled
    rows and slots compacted, cache[slots[idx]] = pooled[idx] (the 'no dummy writes' habit of
    engines that pad slot_mapping with -1)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        idx = torch.nonzero(valid).squeeze(1)
        cache[slot_mapping.long()[idx]] = pooled[idx].to(cache.dtype)
        return cache


class IntraBlockPositionalEmbedding(_Step):
    """NEAR MISS (different design): lucidrains' compress block adds an intra-block positional embedding
    to each window token before pooling.  Differs on every compressing row."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("pos_emb", torch.linspace(-0.5, 0.5, l).to(weight.dtype)[:, None, None])

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        x = x.float() + self.pos_emb.float()
        pooled = (x * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class BooleanMaskRowsClone(_Step):
    """Boolean-mask assignment on a cloned block of rows (rows[ready] = pooled[ready]), then the block
    written back with setitem -- the pattern of code ported from numpy."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        ready = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        rows = cache[slots].clone()
        rows[ready] = pooled[ready]
        cache[slots] = rows
        return cache


class LengthExcludesNewToken(_Step):
    """NEAR MISS (length convention): the author assumed seq_lens does not count the token appended this
    step (vLLM's does), so the window and the test use s + 1.  Differs on random data (the window
    ends one position later; a length l - 1 row compresses)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        s = seq_lens.long() + 1
        pos = (s[:, None] - l + torch.arange(l)).clamp(0, cap - 1)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0) & (s <= cap)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PerRequestLoopAscendGolden(_Step):
    """Ascend op-plugin golden style: a Python loop over the requests, each one's window positions,
    pages and offsets computed on its own, the request's compressed row selected with torch.where on
    its own flag (no .item(), so it stays in one graph)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        w = self.weight.float()[:, :, None]
        for b in range(seq_lens.shape[0]):
            s = seq_lens[b].long()
            pos = (s - l + torch.arange(l)).clamp(min=0)
            tok = kv_pages[block_table[b].long()[pos // P], pos % P]  # [l, N, D]
            comp = (tok.float() * w).sum(0)
            flag = (s >= l) & ((s - l) % d == 0)
            slot = slot_mapping[b].long()
            cache[slot] = torch.where(flag, comp.to(cache.dtype), cache[slot])
        return cache


class ZeroFillNonCompressing(_Step):
    """NEAR MISS (kept rows overwritten): non-compressing requests write zeros into their slot
    ('clear the dummy row'), so kept rows change.  Differs on random data (any non-compressing row's
    target row)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled, torch.zeros_like(pooled)).to(cache.dtype)
        return cache


class BmmHeadsAsBatch(_Step):
    """Heads as the bmm batch: [N, B*D, l] @ [N, l, 1] (one matrix-vector per head over every request
    and channel), as grouped-GEMM ports lay it out."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        xh = x.float().permute(2, 0, 3, 1).reshape(N, B * D, l)
        wh = self.weight.float().t().unsqueeze(-1)  # [N, l, 1]
        pooled = torch.bmm(xh, wh).reshape(N, B, D).transpose(0, 1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class AccumulateTrueWrite(_Step):
    """NEAR MISS (write mode): index_put_ with accumulate=True and zeros for skipped rows, meant as
    'write only the compressing rows'; it adds the new row to the old one.  Differs on random data
    (a compressing row's old value is non-zero; the generator's NaN target row stays NaN)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        add = pooled * valid[:, None, None].to(cache.dtype)
        cache.index_put_((slot_mapping.long(),), add, accumulate=True)
        return cache


class RingBufferPageIndex(_Step):
    """Ring-buffer page table (sliding-window engines): the logical page wrapped modulo the table width
    before the lookup; equal to the plain index for every position below the capacity."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        max_pages = block_table.shape[1]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        logical_page = torch.remainder(pos // P, max_pages)
        x = kv_pages[block_table.long().gather(1, logical_page), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class WeightReshapeNotTranspose(_Step):
    """NEAR MISS (layout bug): a head-major [N, l] weight expected, the checkpoint's [l, N] tensor
    reshaped (not transposed) to [N, l].  Differs on random weights when l > 1 and N > 1."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w_hl = self.weight.reshape(N, l)
        pooled = torch.einsum("bjhd,hj->bhd", x.float(), w_hl.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TakeFlatElementOffsets(_Step):
    """Triton-kernel port in torch: element offsets computed by hand
    (token_id * N*D + arange(N*D)) and read with torch.take on the logical flat KV; weight applied per
    head after a view back to [B, l, N, D]."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        token_id = block_table.long().gather(1, pos // P) * P + pos % P  # [B, l]
        elem = token_id[:, :, None] * (N * D) + torch.arange(N * D)
        x = torch.take(kv_pages, elem).view(B, l, N, D)
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SharedHeadWeight(_Step):
    """NEAR MISS (different design): one weight per window position shared by all heads (the first
    head's column broadcast), as an MQA port that compresses the single KV head would write.
    Differs on random weights when N > 1."""

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


class ReduceAddFromZeros(_Step):
    """functools.reduce(operator.add, products, zeros): the window-order chain written as a fold with
    an explicit zero start (how a one-liner port spells the loop)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        prods = [x[:, j] * w[j].unsqueeze(-1) for j in range(l)]
        pooled = functools.reduce(operator.add, prods, torch.zeros(B, N, D))
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SinglePageAssumption(_Step):
    """NEAR MISS (page crossing): every window token read from the page of the window's first token,
    the offset taken modulo P -- right only while a window never crosses a page (l <= P and aligned
    starts).  Differs on a window that crosses a page boundary (random lengths give one; any l > P)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        start = (seq_lens.long() - l).clamp(min=0)
        page = block_table.long().gather(1, (start // P)[:, None])  # [B, 1]
        off = (start[:, None] + torch.arange(l)) % P
        x = kv_pages[page.expand(-1, l), off]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class GatherWholeSequenceThenWindow(_Step):
    """HF 'materialise the request's KV, then slice' habit: every page of the request gathered
    (page ids clamped so padding ids stay readable), viewed [B, capacity, N, D], the window picked
    with torch.gather along the token axis."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pages = block_table.long().clamp(0, kv_pages.shape[0] - 1)
        seq_kv = kv_pages[pages].reshape(B, max_pages * P, N, D)
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = torch.gather(seq_kv, 1, pos[:, :, None, None].expand(B, l, N, D))
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ContiguousPagesAssumption(_Step):
    """NEAR MISS (allocator assumption): pages of a request assumed consecutive, page = block_table[b, 0]
    + pos // P (a bump allocator's layout).  Differs on random (permuted) page tables."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        page = (block_table.long()[:, :1] + pos // P).clamp(max=kv_pages.shape[0] - 1)
        x = kv_pages[page, pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class Int32IndexArithmetic(_Step):
    """Everything in int32 (as vLLM keeps block tables and slot mappings): an int32 arange, int32 page
    ids and offsets, the KV and the cache indexed with int32 tensors directly."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        s = seq_lens.to(torch.int32)
        pos = torch.clamp(s[:, None] - l + torch.arange(l, dtype=torch.int32), min=0)
        pages = torch.gather(block_table.to(torch.int32), 1, torch.div(pos, P, rounding_mode="floor"))
        x = kv_pages[pages, torch.remainder(pos, P)]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (s >= l) & ((s - l) % d == 0)
        slots = slot_mapping.to(torch.int32)
        cache[slots] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots])
        return cache


class BfloatDoubleRounding(_Step):
    """NEAR MISS (double rounding): the pooled row cast to the 'model dtype' bf16 first (a hard-coded
    dtype) and then to the cache dtype.  Differs on fp16 caches for random data."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(torch.bfloat16)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LookupTableCondition(_Step):
    """The 'compress now' flag read from a per-length table built for every length up to the capacity
    (due[t] = t >= l and (t - l) % d == 0), indexed by s, as schedulers precompute step plans."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        t = torch.arange(cap + 1)
        due_table = (t >= l) & (torch.remainder(t - l, d) == 0)
        due = due_table[seq_lens.long()]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(due[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class CountBackwardsUnflippedWeights(_Step):
    """NEAR MISS (order of tokens vs weights): tokens gathered newest-first (s-1, s-2, ..., s-l), as
    DeepSeek-style code counting back from the length does, but the weight not flipped to match.
    Differs on random data (token j meets weight l-1-j)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - 1 - torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ImplicitPromotionMulSum(_Step):
    """No explicit upcast of the tokens: half tokens times the fp32 weight promote to fp32 products
    (torch's type promotion), sum with dtype=torch.float32 spelled out."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w32 = self.weight.to(torch.float32).view(1, l, -1, 1)
        pooled = torch.sum(x * w32, dim=1, dtype=torch.float32)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanDividesByStride(_Step):
    """NEAR MISS (mean divisor): mean pooling divided by the stride d instead of the window length l (a
    swapped config field).  Differs on random data whenever l != d."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().sum(1) / d
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class KeepdimSumNegativeDims(_Step):
    """Negative-axis habit: sum over dim=-3 with keepdim=True then squeeze(-3), the mask reshaped
    with reshape(-1, 1, 1), the weight expanded to the batch with expand."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.float()[None, :, :, None].expand(B, -1, -1, 1)
        pooled = torch.mul(x.float(), w).sum(dim=-3, keepdim=True).squeeze(-3)
        valid = ((seq_lens >= l) & ((seq_lens - l) % d == 0)).reshape(-1, 1, 1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid, pooled.to(cache.dtype), cache[slots]))
        return cache


class NoMaskAtAll(_Step):
    """NEAR MISS (mask forgotten): every request's pooled window written on every step (the flag is
    computed but only used for logging).  Differs on random data (non-compressing rows written)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, P = self.l, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        cache[slot_mapping.long()] = pooled.to(cache.dtype)
        return cache


class InplaceAddLoopZerosHelper(_Step):
    """Window-order loop with in-place Tensor.add_ into a torch.zeros(..., dtype=float32) accumulator,
    each step's token gathered on its own (one page lookup per window position)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        start = (seq_lens.long() - l).clamp(min=0)
        bt = block_table.long()
        w = self.weight.float()
        acc = torch.zeros(B, N, D, dtype=torch.float32)
        for j in range(l):
            p = start + j
            tok = kv_pages[bt.gather(1, (p // P)[:, None]).squeeze(1), p % P]  # [B, N, D]
            acc.add_(tok.float() * w[j][None, :, None])
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class WeightNormalisedBySum(_Step):
    """NEAR MISS (different design): the weights renormalised to sum to one per head (w / w.sum(0)) at
    run time, a 'stable pooling' variant.  Differs on random weights."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.float()
        w = w / w.sum(0, keepdim=True)
        pooled = (x.float() * w[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MlaNopeRopeSplit(_Step):
    """DeepSeek MLA habit: the head dim split into a 'nope' and a 'rope' part (torch.split), each
    compressed with its own einsum and concatenated back (the split is channel-wise, so every channel
    is the same window sum)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        D = kv_pages.shape[3]
        rope = D // 2
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        x_nope, x_rope = torch.split(x, [D - rope, rope], dim=-1)
        c_nope = torch.einsum("bjhd,jh->bhd", x_nope, w)
        c_rope = torch.einsum("bjhd,jh->bhd", x_rope, w)
        pooled = torch.cat([c_nope, c_rope], dim=-1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class KahanCompensatedLoop(_Step):
    """NEAR MISS (more accurate than the contract): Kahan-compensated window-order sum.  Differs on a
    cancelling window: [1024, 2^-14, 2^-14, -1024, 0, ...] with unit weights gives 0 in plain fp32
    window order, 2^-13 compensated."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        w = self.weight.float()
        acc = torch.zeros(B, N, D)
        comp = torch.zeros(B, N, D)
        for j in range(l):
            y = x[:, j] * w[j][:, None] - comp
            t = acc + y
            comp = (t - acc) - y
            acc = t
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], acc.to(cache.dtype), cache[slots]))
        return cache


class FunctionalCloneThenSetitem(_Step):
    """Functional step returning a fresh cache: cache.clone(), compressing rows written into the clone
    with index_copy_ on the rows picked by masked_select (the caller swaps the buffers)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        new_cache = cache.clone()
        sel = torch.masked_select(slot_mapping.long(), valid)
        new_cache.index_copy_(0, sel, pooled[valid])
        return new_cache


class Float64Accumulate(_Step):
    """NEAR MISS (accumulator precision): 'for safety' the window is accumulated in float64 and rounded
    once to the cache dtype.  Differs on a cancelling window [1024, 2^-14, -1024, 0, ...] with unit
    weights (fp32: 0, fp64: 2^-14)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.double() * self.weight.double()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class HeadGranularWrite(_Step):
    """vLLM reshape_and_cache habit at head granularity: the write names (slot, head) pairs,
    cache[slots[:, None], arange(N)[None, :]] = rows, no view of the cache needed."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = cache.shape[1]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float()).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slot_idx = slot_mapping.long()[:, None]
        head_idx = torch.arange(N)[None, :]
        cache[slot_idx, head_idx] = torch.where(valid[:, None, None], pooled, cache[slot_idx, head_idx])
        return cache


class SkipsWindowEndingAtCapacity(_Step):
    """NEAR MISS (bound off by one): the flag also requires s < capacity ('room for the next token'),
    so a window that ends at the last slot of the last page is never compressed.  Differs on a
    compressing row with s == max_pages * P (the generator plants one when three rows compress)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        cap = block_table.shape[1] * P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0) & (seq_lens < cap)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class TokenMaskBeforePool(_Step):
    """flash-attn style key mask applied to the gathered window (positions >= s zeroed with
    masked_fill) before pooling; a no-op on every compressing row, whose window lies below s."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        raw = seq_lens.long()[:, None] - l + torch.arange(l)
        pos = raw.clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        key_pad = (raw < 0) | (raw >= seq_lens.long()[:, None])
        x = x.masked_fill(key_pad[:, :, None, None], 0.0)
        pooled = (x * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class PairwiseTreeSum(_Step):
    """NEAR MISS (order written out): a hand-written pairwise (tree) reduction over the window, halving
    with x[:, 0::2] + x[:, 1::2] (l a power of two).  Differs on a cancelling window
    [2^-14, 1024, 2^-14, -1024, 0, ...] with unit weights (window order 0, tree 2^-14)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        prods = x.float() * self.weight.float()[None, :, :, None]
        while prods.shape[1] > 1:
            prods = prods[:, 0::2] + prods[:, 1::2]
        pooled = prods[:, 0]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class ChunkedHeadsCat(_Step):
    """Heads processed in two groups (torch.chunk over N, a tensor-parallel habit), each pooled with its
    slice of the weight, concatenated back before the write."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()
        parts = []
        for xs, ws in zip(torch.chunk(x, 2, dim=2), torch.chunk(self.weight.float(), 2, dim=1)):
            parts.append((xs * ws[None, :, :, None]).sum(1))
        pooled = torch.cat(parts, dim=1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class StrideResidueOffByOne(_Step):
    """NEAR MISS (condition): the flag computed for the step before the append,
    (s - l) % d == d - 1 with s >= l - 1 -- the window completes one token later than tested.
    Differs on random data (compressing rows skipped, others written)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l - 1) & (torch.remainder(seq_lens - l, d) == d - 1)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FlatBlockTableIndex(_Step):
    """The block table read flattened (block_table.flatten()[b * max_pages + page]), as kernels that
    take a raw pointer and a row stride do; window offsets from a registered arange buffer."""

    def __init__(self, l, d, P, weight):
        super().__init__(l, d, P, weight)
        self.register_buffer("win_offsets", torch.arange(-l, 0), persistent=False)

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, max_pages = block_table.shape
        pos = F.relu(seq_lens.long()[:, None] + self.win_offsets)
        flat_idx = torch.arange(B)[:, None] * max_pages + pos // P
        pages = block_table.flatten().long()[flat_idx]
        x = kv_pages[pages, pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanSumThenDivideHalf(_Step):
    """Mean pooling as sum-then-divide (x.float().sum(1) / l), fp16 data, l a power of two (the
    division is an exact power-of-two scale of an fp16-sourced fp32 sum)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = x.float().sum(1) / l
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class MeanAvgPool1d(_Step):
    """Mean pooling with F.avg_pool1d over the window axis laid last ([B*N, D, l], kernel l, stride l --
    the pooling-compressor option some NSA ports expose), fp16 data, l a power of two."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B, N, D = seq_lens.shape[0], kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]  # [B, l, N, D]
        seq = x.float().permute(0, 2, 3, 1).reshape(B * N, D, l)
        pooled = F.avg_pool1d(seq, kernel_size=l, stride=l).reshape(B, N, D)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FloatPositionsArange(_Step):
    """NEAR MISS (float index arithmetic): window positions built from a float arange in the KV dtype
    (torch.arange(l, dtype=kv.dtype), a copy-paste from positional-embedding code) and cast back to
    long; fp16 cannot hold every integer above 2048, so a long sequence reads the wrong tokens.
    Differs on a compressing row with s - l above 2048 (odd positions round)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos_f = seq_lens.to(kv_pages.dtype)[:, None] - l + torch.arange(l, dtype=kv_pages.dtype)
        pos = pos_f.clamp(min=0).long().clamp(max=block_table.shape[1] * P - 1)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class WhereOnFp32KeptRows(_Step):
    """Select in fp32: the kept rows upcast (exact), torch.where against the fp32 pooled rows, one cast
    of the selected rows to the cache dtype (kept rows round-trip exactly; NaN payloads aside, as the
    contract allows)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots] = torch.where(valid[:, None, None], pooled, cache[slots].float()).to(cache.dtype)
        return cache


class TransposedLayoutMulSum(_Step):
    """Window read head-major ([B, N, l, D] after transpose(1, 2)), weight as [N, l] broadcast, the sum
    over dim 2; the cache written with an explicit ellipsis cache[slots, ...] = rows."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].transpose(1, 2)  # [B, N, l, D]
        pooled = (x.float() * self.weight.float().t()[None, :, :, None]).sum(2)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache[slots, ...] = torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots, ...])
        return cache


class MaxPoolCompress(_Step):
    """NEAR MISS (different design): max pooling over the window after weighting (a 'compress by
    strongest feature' ablation).  Differs on random data."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).amax(1)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class FmodConditionAndMaximum(_Step):
    """Condition with torch.fmod on the non-negative s - l (the C-style remainder, same as % there) and
    positions clamped with torch.maximum against a zero tensor; page/offset with torch.floor_divide
    and an explicit pos - page * P."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        raw = seq_lens.long()[:, None] - l + torch.arange(l)
        pos = torch.maximum(raw, torch.zeros_like(raw))
        page_idx = torch.floor_divide(pos, P)
        x = kv_pages[block_table.long().gather(1, page_idx), pos - page_idx * P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        k = seq_lens.long() - l
        valid = (k >= 0) & (torch.fmod(k.clamp(min=0), d) == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class SumOfDtypeHalves(_Step):
    """NEAR MISS (accumulation split): the window summed in two halves, each half's sum rounded to the
    cache dtype (a 'partial results in the cache dtype' pipeline), the halves then added in fp32.
    Differs on random data (two extra roundings)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        prods = x.float() * self.weight.float()[None, :, :, None]
        h = l // 2
        first = prods[:, :h].sum(1).to(cache.dtype)
        second = prods[:, h:].sum(1).to(cache.dtype)
        pooled = first.float() + second.float()
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class IndexSelectOldRowsUpperEinsum(_Step):
    """Old rows read with index_select, einsum with upper-case labels 'BLHD,LH->BHD', the flag as an
    int8 tensor compared with != 0 (code that ships flags to a kernel as bytes)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = torch.einsum("BLHD,LH->BHD", x.float(), self.weight.float())
        flags = ((seq_lens >= l) & ((seq_lens - l) % d == 0)).to(torch.int8)
        slots = slot_mapping.long()
        old = cache.index_select(0, slots)
        cache.index_put_((slots,), torch.where(flags[:, None, None] != 0, pooled.to(cache.dtype), old))
        return cache


class ScaledBySqrtL(_Step):
    """NEAR MISS (different design): the pooled token scaled by 1/sqrt(l) (a 'variance preserving'
    compress, as some ports normalise the sum).  Differs on random data."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1) * (l ** -0.5)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class EmbeddingPerHeadTable(_Step):
    """F.embedding on a [tokens, N*D] view of the pages (the id -> row lookup of a vocab table), the
    pooled rows unflattened per head; weights repeated over D with expand rather than
    repeat_interleave."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N, D = kv_pages.shape[2], kv_pages.shape[3]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        ids = block_table.long().gather(1, pos // P) * P + pos % P
        rows = F.embedding(ids, kv_pages.reshape(-1, N * D)).float()  # [B, l, N*D]
        w = self.weight.float()[:, :, None].expand(l, N, D).reshape(l, N * D)
        pooled = (rows * w).sum(1).unflatten(-1, (N, D))
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class KeptRowsFromPooledSnapshot(_Step):
    """NEAR MISS (kept rows from the wrong tensor): two writes, the compressing rows by boolean
    compaction, then the 'keep' rows written back from a snapshot that was taken of the pooled rows
    instead of the cache rows (a refactor slip).  Differs on random data (every non-compressing
    request's row replaced by its own pooled window)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1).to(cache.dtype)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        snapshot = pooled.clone()
        cache[slots[valid]] = pooled[valid]
        cache[slots[~valid]] = snapshot[~valid]
        return cache


class AddWindowOrderUnrolledPairs(_Step):
    """Window order written as an explicit left fold over the product list starting from a zeros_like
    of the first product (x.new_zeros-style), products kept in a Python list, the select spelled
    torch.where(~due, old, new)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        w = self.weight.float()
        products = [x[:, j].to(torch.float32) * w[j].view(1, -1, 1) for j in range(l)]
        acc = torch.zeros_like(products[0])
        for p in products:
            acc = acc + p
        due = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        old = cache[slots]
        cache[slots] = torch.where(~due[:, None, None], old, acc.to(cache.dtype))
        return cache


class StackedPerPositionReads(_Step):
    """One read per window position (a loop over j doing the page lookup for all requests), stacked
    along a new window axis with torch.stack, then a three-operand-style einsum 'bjhd,jh->bhd'."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        bt = block_table.long()
        start = (seq_lens.long() - l).clamp(min=0)
        toks = []
        for j in range(l):
            p = start + j
            toks.append(kv_pages[bt[torch.arange(bt.shape[0]), p // P], p % P])
        x = torch.stack(toks, dim=1)  # [B, l, N, D]
        pooled = torch.einsum("bjhd,jh->bhd", x.float(), self.weight.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class VmapPerRequest(_Step):
    """torch.vmap over the requests (JAX-minded code): a per-request function reads its window from
    its own block-table row and pools it; the batched results written with index_put_."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        w = self.weight.float()[:, :, None]

        def one_request(s, bt_row):
            pos = (s.long() - l + torch.arange(l)).clamp(min=0)
            tok = kv_pages[bt_row.long()[pos // P], pos % P]  # [l, N, D]
            return (tok.float() * w).sum(0)

        pooled = torch.vmap(one_request)(seq_lens, block_table)
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class RepeatArangeListIndices(_Step):
    """Positions from torch.arange(l).repeat(B, 1) plus the start; the write given its indices as a
    Python list, cache.index_put_([slots], rows)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        start = seq_lens.long() - l
        pos = (torch.arange(l).repeat(B, 1) + start[:, None]).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        pooled = (x.float() * self.weight.float()[None, :, :, None]).sum(1)
        valid = (start >= 0) & (start % d == 0)
        slots = slot_mapping.long()
        cache.index_put_([slots], torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class LinearPerHeadLoop(_Step):
    """A head loop with F.linear: per head h the window laid [B, D, l] times the [1, l] weight row (a
    1-output Linear), concatenated over heads (ports that keep one nn.Linear(l, 1) per head)."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        N = kv_pages.shape[2]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P].float()  # [B, l, N, D]
        w = self.weight.float()
        heads = [F.linear(x[:, :, h, :].transpose(1, 2), w[:, h].unsqueeze(0)) for h in range(N)]  # [B, D, 1]
        pooled = torch.cat(heads, dim=-1).transpose(1, 2)  # [B, N, D]
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


class EinsumBatchedWeightOperand(_Step):
    """The weight broadcast to the batch first ([B, l, N], as routers hand per-request weights) and
    contracted with einsum 'bjh,bjhd->bhd'."""

    def forward(self, kv_pages, slot_mapping, block_table, seq_lens, cache):
        l, d, P = self.l, self.d, self.P
        B = seq_lens.shape[0]
        pos = (seq_lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        x = kv_pages[block_table.long().gather(1, pos // P), pos % P]
        wb = self.weight.float().unsqueeze(0).expand(B, -1, -1)
        pooled = torch.einsum("bjh,bjhd->bhd", wb, x.float())
        valid = (seq_lens >= l) & ((seq_lens - l) % d == 0)
        slots = slot_mapping.long()
        cache.index_put_((slots,), torch.where(valid[:, None, None], pooled.to(cache.dtype), cache[slots]))
        return cache


# ------------------------------------------------------------------------------------------------

def _mk(cls):
    return lambda l, d, P, weight: cls(l, d, P, weight)


F16_ONLY = (F16,)

POSITIVES = [
    Case("VllmIndexSelectUnflatten", _mk(VllmIndexSelectUnflatten), "fuse", "lN",
         note="vLLM v1 slot arithmetic, index_select on the flat KV, unflatten, index_put_(accumulate=False)"),
    Case("SglangReqToTokenLoop", _mk(SglangReqToTokenLoop), "fuse", "lN",
         note="SGLang req_to_token table, advanced-index locs, window-order loop from zeros, setitem"),
    Case("MatmulWeightRowTimesTokens", _mk(MatmulWeightRowTimesTokens), "fuse", "lN",
         note="weight-left matmul [N,1,l] @ [B,N,l,D], index_copy_"),
    Case("UnfoldWindowFromGathered", _mk(UnfoldWindowFromGathered), "fuse", "lN",
         note="training compress code reused: Tensor.unfold(1, l, d) over the gathered window, mul+sum(-1)"),
    Case("EinsumFp32Parameter", _mk(EinsumFp32Parameter), "fuse", "lN",
         note="HF port: fp32 nn.Parameter weight, einsum 'blnd,ln->bnd'"),
    Case("MeanScaleFirst", _mk(MeanScaleFirst), "fuse", "none", configs=pow2_l,
         note="fla mean pooling: x.float() * (1/l) then sum; l a power of two"),
    Case("MeanTorchMeanHalf", _mk(MeanTorchMeanHalf), "fuse", "none", dtypes=F16_ONLY, configs=pow2_l,
         note="Tensor.mean over the window in fp32, fp16 data, .half()"),
    Case("FunctionalIndexPut", _mk(FunctionalIndexPut), "fuse", "lN", functional=True,
         note="functional: out-of-place Tensor.index_put returns the new cache"),
    Case("ScatterExpandedIndex3D", _mk(ScatterExpandedIndex3D), "fuse", "lN",
         note="scatter_ on the 3-D cache with the slot index expanded to [B,N,D], old rows by gather"),
    Case("NonzeroCompactWrite", _mk(NonzeroCompactWrite), "fuse", "lN",
         note="only compressing rows written: torch.nonzero compaction, cache[slots[idx]] = pooled[idx]"),
    Case("BooleanMaskRowsClone", _mk(BooleanMaskRowsClone), "fuse", "lN",
         note="numpy port: rows = cache[slots].clone(); rows[ready] = pooled[ready]; cache[slots] = rows"),
    Case("PerRequestLoopAscendGolden", _mk(PerRequestLoopAscendGolden), "fuse", "lN",
         note="Ascend golden: Python loop over requests, per-request where, no .item()"),
    Case("BmmHeadsAsBatch", _mk(BmmHeadsAsBatch), "fuse", "lN",
         note="grouped GEMM: heads as the bmm batch, [N,B*D,l] @ [N,l,1]"),
    Case("RingBufferPageIndex", _mk(RingBufferPageIndex), "fuse", "lN",
         note="ring-buffer page table: logical page % max_pages before the lookup"),
    Case("TakeFlatElementOffsets", _mk(TakeFlatElementOffsets), "fuse", "lN",
         note="Triton port in torch: element offsets by hand, torch.take on the logical flat KV"),
    Case("ReduceAddFromZeros", _mk(ReduceAddFromZeros), "fuse", "lN",
         note="functools.reduce(operator.add, products, zeros): window-order fold"),
    Case("GatherWholeSequenceThenWindow", _mk(GatherWholeSequenceThenWindow), "fuse", "lN",
         note="HF: materialise the request's pages (ids clamped), torch.gather the window on the token axis"),
    Case("Int32IndexArithmetic", _mk(Int32IndexArithmetic), "fuse", "lN",
         note="vLLM int32 habit: int32 arange/pages/offsets/slots used as indices directly"),
    Case("LookupTableCondition", _mk(LookupTableCondition), "fuse", "lN",
         note="scheduler step plan: due table over every length up to the capacity, indexed by s"),
    Case("ImplicitPromotionMulSum", _mk(ImplicitPromotionMulSum), "fuse", "lN",
         note="half tokens * fp32 weight by type promotion, torch.sum(dtype=float32)"),
    Case("KeepdimSumNegativeDims", _mk(KeepdimSumNegativeDims), "fuse", "lN",
         note="negative axes, keepdim + squeeze, weight expanded to the batch, mask reshape(-1,1,1)"),
    Case("InplaceAddLoopZerosHelper", _mk(InplaceAddLoopZerosHelper), "fuse", "lN",
         note="window-order loop with acc.add_(), one page lookup per window position"),
    Case("MlaNopeRopeSplit", _mk(MlaNopeRopeSplit), "fuse", "lN",
         note="DeepSeek MLA: head dim split nope/rope, two einsums, cat"),
    Case("FunctionalCloneThenSetitem", _mk(FunctionalCloneThenSetitem), "fuse", "lN", functional=True,
         note="functional: clone, masked_select slots, index_copy_ into the clone, return it"),
    Case("HeadGranularWrite", _mk(HeadGranularWrite), "fuse", "lN",
         note="vLLM reshape_and_cache at head granularity: cache[slots[:,None], arange(N)[None]] = rows"),
    Case("TokenMaskBeforePool", _mk(TokenMaskBeforePool), "fuse", "lN",
         note="flash-attn key-padding mask (pos >= s) masked_fill on the window before pooling"),
    Case("ChunkedHeadsCat", _mk(ChunkedHeadsCat), "fuse", "lN",
         note="tensor-parallel habit: heads in two torch.chunk groups, pooled, cat"),
    Case("FlatBlockTableIndex", _mk(FlatBlockTableIndex), "fuse", "lN",
         note="raw-pointer habit: block_table.flatten()[b*max_pages + page], arange(-l,0) buffer, relu"),
    Case("MeanSumThenDivideHalf", _mk(MeanSumThenDivideHalf), "fuse", "none", dtypes=F16_ONLY, configs=pow2_l,
         note="mean as x.float().sum(1) / l, fp16 data"),
    Case("MeanAvgPool1d", _mk(MeanAvgPool1d), "fuse", "none", dtypes=F16_ONLY, configs=pow2_l,
         note="F.avg_pool1d(kernel=l, stride=l) over the window laid last, fp16 data"),
    Case("WhereOnFp32KeptRows", _mk(WhereOnFp32KeptRows), "fuse", "lN",
         note="select in fp32 with the kept rows upcast, one cast of the selection"),
    Case("TransposedLayoutMulSum", _mk(TransposedLayoutMulSum), "fuse", "lN",
         note="head-major window via transpose(1,2), weight [N,l], sum(2), cache[slots, ...] = rows"),
    Case("FmodConditionAndMaximum", _mk(FmodConditionAndMaximum), "fuse", "lN",
         note="torch.fmod condition on s-l >= 0, torch.maximum clamp, floor_divide and pos - page*P"),
    Case("IndexSelectOldRowsUpperEinsum", _mk(IndexSelectOldRowsUpperEinsum), "fuse", "lN",
         note="einsum 'BLHD,LH->BHD', old rows by index_select, int8 flags != 0"),
    Case("EmbeddingPerHeadTable", _mk(EmbeddingPerHeadTable), "fuse", "lN",
         note="F.embedding on a [tokens, N*D] table, weight expanded over D"),
    Case("AddWindowOrderUnrolledPairs", _mk(AddWindowOrderUnrolledPairs), "fuse", "lN",
         note="products in a Python list, left fold from zeros_like, where(~due, old, new)"),
    Case("StackedPerPositionReads", _mk(StackedPerPositionReads), "fuse", "lN",
         note="one page lookup per window position, torch.stack on a new axis, einsum"),
    Case("VmapPerRequest", _mk(VmapPerRequest), "fuse", "lN",
         note="torch.vmap over requests of a per-request read+pool function"),
    Case("RepeatArangeListIndices", _mk(RepeatArangeListIndices), "fuse", "lN",
         note="arange(l).repeat(B, 1) positions, index_put_ with a list of indices"),
    Case("LinearPerHeadLoop", _mk(LinearPerHeadLoop), "fuse", "lN",
         note="per-head F.linear with a [1, l] weight row, cat over heads"),
    Case("EinsumBatchedWeightOperand", _mk(EinsumBatchedWeightOperand), "fuse", "lN",
         note="weight expanded to [B, l, N], einsum 'bjh,bjhd->bhd'"),
]

NEAR_MISSES = [
    Case("ArithmeticBlendWrite", _mk(ArithmeticBlendWrite), "no_fuse", "lN",
         note="m*new + (1-m)*old: a kept row holding inf/NaN (the generator's) becomes NaN"),
    Case("ReversedWindowLoop", _mk(ReversedWindowLoop), "no_fuse", "lN", configs=l_at_least_3,
         note="newest-first loop; cancelling window [-1024, 1024, 2^-14, 0..], unit weights (WITNESSES)"),
    Case("HalfProductsThenFp32Sum", _mk(HalfProductsThenFp32Sum), "no_fuse", "lN", dtypes=(F16, BF16),
         note="products rounded to the model dtype before the fp32 sum; random data"),
    Case("WeightThroughBf16Checkpoint", _mk(WeightThroughBf16Checkpoint), "no_fuse", "lN", dtypes=(F16, F32),
         note="weight stored as bf16 at load; random fp16 weights"),
    Case("PreviousWindowOffByStride", _mk(PreviousWindowOffByStride), "no_fuse", "lN",
         note="window start s-l-d; random data with a compressing row s >= l + d"),
    Case("CompressedIndexAsSlot", _mk(CompressedIndexAsSlot), "no_fuse", "lN",
         note="row = (s-l)//d instead of slot_mapping; random data"),
    Case("PageOffsetForgetsScale", _mk(PageOffsetForgetsScale), "no_fuse", "lN",
         note="offset pos - page (no *P); random data with a window token past the first page"),
    Case("StrideOnLengthAnyL", _mk(StrideOnLengthAnyL), "no_fuse", "lN", configs=l_not_multiple_of_d,
         note="s % d == 0 & s >= l with l % d != 0; a compressing row with s = l"),
    Case("SoftmaxNormalisedWeights", _mk(SoftmaxNormalisedWeights), "no_fuse", "lN",
         note="softmax over the window of the weights; random weights"),
    Case("IntraBlockPositionalEmbedding", _mk(IntraBlockPositionalEmbedding), "no_fuse", "lN",
         note="lucidrains intra-block positional embedding added; random data"),
    Case("LengthExcludesNewToken", _mk(LengthExcludesNewToken), "no_fuse", "lN",
         note="s + 1 convention; random data"),
    Case("ZeroFillNonCompressing", _mk(ZeroFillNonCompressing), "no_fuse", "lN",
         note="non-compressing rows zeroed; random data"),
    Case("AccumulateTrueWrite", _mk(AccumulateTrueWrite), "no_fuse", "lN",
         note="index_put_(accumulate=True): new added to old; random data"),
    Case("WeightReshapeNotTranspose", _mk(WeightReshapeNotTranspose), "no_fuse", "lN",
         note="[l,N] weight reshaped to [N,l]; random weights, l > 1, N > 1"),
    Case("SharedHeadWeight", _mk(SharedHeadWeight), "no_fuse", "lN",
         note="first head's weight column for all heads; random weights, N > 1"),
    Case("SinglePageAssumption", _mk(SinglePageAssumption), "no_fuse", "lN",
         note="all window tokens from the start's page; a window crossing a page boundary"),
    Case("ContiguousPagesAssumption", _mk(ContiguousPagesAssumption), "no_fuse", "lN",
         note="page = block_table[b,0] + pos//P; random (permuted) page tables"),
    Case("BfloatDoubleRounding", _mk(BfloatDoubleRounding), "no_fuse", "lN", dtypes=(F16, F32),
         note="pooled cast to bf16 then to the cache dtype; random data"),
    Case("CountBackwardsUnflippedWeights", _mk(CountBackwardsUnflippedWeights), "no_fuse", "lN",
         note="tokens newest-first, weights not flipped; random data, l > 1"),
    Case("MeanDividesByStride", _mk(MeanDividesByStride), "no_fuse", "none", configs=l_ne_d,
         note="mean divided by d, not l; random data with l != d"),
    Case("NoMaskAtAll", _mk(NoMaskAtAll), "no_fuse", "lN",
         note="flag ignored, every row written; random data"),
    Case("WeightNormalisedBySum", _mk(WeightNormalisedBySum), "no_fuse", "lN",
         note="weights divided by their per-head sum; random weights"),
    Case("KahanCompensatedLoop", _mk(KahanCompensatedLoop), "no_fuse", "lN", configs=l_at_least_4,
         note="Kahan sum; cancelling window [1024, 2^-14, 2^-14, -1024, 0..], unit weights (WITNESSES)"),
    Case("Float64Accumulate", _mk(Float64Accumulate), "no_fuse", "lN", configs=l_at_least_3,
         note="fp64 accumulation; cancelling window [1024, 2^-14, -1024, 0..], unit weights (WITNESSES)"),
    Case("SkipsWindowEndingAtCapacity", _mk(SkipsWindowEndingAtCapacity), "no_fuse", "lN",
         note="s < capacity required; a compressing row with s == max_pages * P"),
    Case("PairwiseTreeSum", _mk(PairwiseTreeSum), "no_fuse", "lN", configs=pow2_l_at_least_4,
         note="tree reduction; cancelling window [2^-14, 1024, 2^-14, -1024, 0..], unit weights (WITNESSES)"),
    Case("StrideResidueOffByOne", _mk(StrideResidueOffByOne), "no_fuse", "lN",
         note="(s-l) % d == d-1; random data"),
    Case("FloatPositionsArange", _mk(FloatPositionsArange), "no_fuse", "lN", dtypes=(F16, BF16),
         note="positions in the KV float dtype; a compressing row with s - l > 2048 at an odd position "
              "(WITNESSES: capacity 4096+)"),
    Case("MaxPoolCompress", _mk(MaxPoolCompress), "no_fuse", "lN",
         note="amax over the window; random data"),
    Case("SumOfDtypeHalves", _mk(SumOfDtypeHalves), "no_fuse", "lN", dtypes=(F16, BF16), configs=l_at_least_4,
         note="two half-window sums rounded to the cache dtype; random data"),
    Case("ScaledBySqrtL", _mk(ScaledBySqrtL), "no_fuse", "lN",
         note="pooled * l**-0.5; random data"),
    Case("KeptRowsFromPooledSnapshot", _mk(KeptRowsFromPooledSnapshot), "no_fuse", "lN",
         note="kept rows written from the pooled snapshot; random data"),
]


def _interleave(pos, neg):
    out, i, j = [], 0, 0
    while i < len(pos) or j < len(neg):
        # keep the running share of positives at len(pos) / (len(pos) + len(neg))
        if j >= len(neg) or (i < len(pos) and i * len(neg) <= j * len(pos)):
            out.append(pos[i])
            i += 1
        else:
            out.append(neg[j])
            j += 1
    return out


CASES: list[Case] = _interleave(POSITIVES, NEAR_MISSES)


# ------------------------------------------------------------------------------------------------
# Witness inputs: valid inputs on which a near miss differs where random data does not show it.

def _first_compressing_row(inp, l, d):
    for b, s in enumerate(inp["seq_lens"].tolist()):
        if s >= l and (s - l) % d == 0:
            return b, s
    raise AssertionError("no compressing row")


def _plant_window(values):
    """Unit weights and the first compressing row's window tokens set to ``values`` (then zeros),
    every head and channel alike."""
    def plant(inp, l, d, P):
        b, s = _first_compressing_row(inp, l, d)
        kv, bt = inp["kv_pages"], inp["block_table"]
        for j in range(l):
            p = s - l + j
            kv[int(bt[b, p // P]), p % P] = values[j] if j < len(values) else 0.0
        inp["weight"] = torch.ones_like(inp["weight"])
        return inp
    return plant


def _long_sequence(inp, l, d, P):
    """One compressing row with a window above position 2048 (capacity raised to hold it)."""
    from blind7_inputs import make_inputs
    B, N, D = inp["seq_lens"].shape[0], inp["kv_pages"].shape[2], inp["kv_pages"].shape[3]
    pages = -(-(4200 + l) // P)
    new = make_inputs(B, N, D, l, d, P, pages, inp["kv_pages"].dtype, seed=3)
    b, _ = _first_compressing_row(new, l, d)
    s = l + ((4100 - l) // d) * d  # s - l > 2048, a multiple of d past l
    new["seq_lens"][b] = s
    g = torch.Generator().manual_seed(5)
    new["kv_pages"] = torch.randn(new["kv_pages"].shape, generator=g).to(new["kv_pages"].dtype)
    return new


_TINY = 2.0 ** -14
WITNESSES = {
    "ReversedWindowLoop": _plant_window([-1024.0, 1024.0, _TINY]),
    "KahanCompensatedLoop": _plant_window([1024.0, _TINY, _TINY, -1024.0]),
    "Float64Accumulate": _plant_window([1024.0, _TINY, -1024.0]),
    "PairwiseTreeSum": _plant_window([_TINY, 1024.0, _TINY, -1024.0]),
    "FloatPositionsArange": _long_sequence,
}


# ------------------------------------------------------------------------------------------------

CHECK_CONFIGS = [(4, 2, 4), (8, 4, 16), (6, 4, 4), (16, 16, 8), (5, 2, 3), (3, 1, 8), (8, 8, 2), (32, 16, 64)]


def _same(a, b):
    """Equal value by value, NaN equal to NaN, the sign of zero compared too."""
    a32, b32 = a.float(), b.float()
    both_nan = torch.isnan(a32) & torch.isnan(b32)
    eq = (a32 == b32) & (torch.signbit(a32) == torch.signbit(b32))
    return bool((both_nan | eq).all())


def _run_eager(case, inp, l, d, P):
    from golden import golden_compress_infer
    weight = inp["weight"] if case.weight_layout != "none" else torch.full_like(inp["weight"], 1.0 / l)
    model = case.factory(l, d, P, weight if case.weight_layout != "none" else None)
    cache = inp["cache"].clone()
    want = golden_compress_infer(inp["kv_pages"], weight, inp["slot_mapping"], l, d, P,
                                 block_table=inp["block_table"], actual_seq_len=inp["seq_lens"], cache=cache)
    before = cache.clone()
    out = model(inp["kv_pages"].clone(), inp["slot_mapping"].clone(), inp["block_table"].clone(),
                inp["seq_lens"].clone(), cache)
    if case.functional:
        assert _same(cache, before), f"{case.name}: functional case changed its argument"
    else:
        assert out is cache, f"{case.name}: in-place case returned another tensor"
    if _same(out, want) or case.expect != "fuse" or cache.dtype != torch.float32:
        return _same(out, want)
    # fp32 cache: no final rounding hides the order of torch's sum/einsum/matmul (which the contract
    # leaves open), so a positive passes when the kept rows are exact and the written rows lie within
    # the reordering bound (l - 1) * 2^-24 * sum_j |w_j x_j| of the window-order value.
    from blind7_inputs import golden_full
    _, vals, absref, written = golden_full(inp["kv_pages"], weight, inp["slot_mapping"], inp["block_table"],
                                           inp["seq_lens"], before, l, d, P)
    kept_ok = _same(out[~written], want[~written])
    bound = (l - 1) * 2.0 ** -24 * absref[written] * 1.01
    diff = (out[written] - vals[written]).abs()
    return kept_ok and bool((torch.isnan(out[written]) == torch.isnan(vals[written])).all()
                            and (diff[~torch.isnan(diff)] <= bound[~torch.isnan(diff)]).all())


def check_eager(names=()):
    """Every positive equal to the golden on every admitted config (2 seeds, its dtypes; fp32 caches up
    to the order of an order-open sum); every near miss different (bit for bit) on some admitted
    config (random inputs, then its witness)."""
    from blind7_inputs import make_inputs
    bad = []
    for case in CASES:
        if names and case.name not in names:
            continue
        cfgs = [c for c in CHECK_CONFIGS if case.configs is None or case.configs(*c)]
        results, differs_per_dtype = [], {}
        for dtype in case.dtypes:
            here = []
            for (l, d, P) in cfgs:
                for seed in (0, 1):
                    inp = make_inputs(6, 2, 8, l, d, P, -(-l // P) + 2, dtype, seed)
                    here.append(_run_eager(case, inp, l, d, P))
                if case.expect == "no_fuse" and case.name in WITNESSES:
                    inp = make_inputs(6, 2, 8, l, d, P, -(-l // P) + 2, dtype, 7)
                    here.append(_run_eager(case, WITNESSES[case.name](inp, l, d, P), l, d, P))
            differs_per_dtype[dtype] = not all(here)
            results += here
        if case.expect == "fuse":
            ok = bool(results) and all(results)
            verdict = f"{sum(results)}/{len(results)} equal"
        else:  # a near miss must differ in every dtype it lists
            ok = bool(results) and all(differs_per_dtype.values())
            verdict = f"{len(results) - sum(results)}/{len(results)} differ"
        print(f"{'ok ' if ok else 'BAD'} {case.expect:8s} {case.name:34s} {verdict}")
        if not ok:
            bad.append(case.name)
    npos = sum(c.expect == "fuse" for c in CASES)
    print(f"{len(CASES)} cases ({npos} positives, {len(CASES) - npos} near misses); bad: {bad or 'none'}")
    return not bad


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:0] = [here, os.path.dirname(here)]
    torch.set_num_threads(1)
    sys.exit(0 if check_eager(sys.argv[1:]) else 1)
