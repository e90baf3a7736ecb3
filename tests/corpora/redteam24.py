"""Twenty-fourth adversarial review of the recogniser (round 24; reviewer focus: everything but the length arithmetic:
the write side, the rewrites that normalise spellings, aliasing, whole models, the serving adapters and the fused
kernels).

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache, *extra)`` (``extra``: a storage base or a
second cache that the aliasing attacks pass as further arguments, rebuilt as views by redteam3's ``_view_of``); runner
and classification are redteam7's ``classify7``.

    python tests/corpora/redteam24.py [--dialect D] [--mode M] [name ...]      # names match as substrings

First try (01:36-02:23 UTC 2026-12-05, frozen snapshot of 806b2f9172f35af5decdca668c4f1e3793a99ffa in /tmp/base24,
PYTHONPATH=/tmp/base24, run from that tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1): 85 attacks in 7 themes (ws_ write
side 21, sv_ serving and inputs mutated after the step 8, al_ aliasing 20, ly_ whole models 11, rw_ rewrites 10, kn_
kernels and sizes 13, lp_ a lengths input beside ``lens + 1`` 2; sv_ / al_ / lp_ attacks added inside the window first
ran then), 480 first-try runs (526 with the reruns below):

    inductor_graph     107 runs: 0 FALSE FUSION / 3 CRASH (F1) / 76 equal / 23 refused / 2 refused (control differs)
                       / 3 control crashes too
    torchair_like      107 runs: 3 FALSE FUSION (F1) / 0 CRASH / 77 / 22 / 2 refused (control differs) / 3 control
                       crashes too
    inductor (codegen,  88 runs: 0 / 3 CRASH (F1) / 73 / 8 / 1 refused (control differs) / 2 control crashes too /
     native kernel)              1 CONTROL DIFFERS (ly_five_d_attention_between: my attention's nan_to_num sum of the
                                 whole cache; plain Inductor differs from eager in the same 3 values: sum order)
    inductor, Triton    17 runs (NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1; kn_ sizes, strided caches, padding):
                                 17 equal
    inductor, portable  11 runs (NSA_FUSION_NO_NATIVE=1): 11 refused ("no candidate": without the native kernel the
                                 pass leaves CPU graphs to Inductor; kn_l1_d1's control differs: plain Inductor's sum
                                 of one -0.0 product is -0.0, eager's +0.0), so the portable kernels were checked directly
    vllm_post           75 runs (the vLLM adapters' mutating call): 0 / 3 CRASH (F1) / 67 equal / 4 refused / 1 refused
                                 (control differs)
    aot_outputs         55 runs (vllm-ascend's mutations-as-outputs compile): 3 FALSE FUSION (F1) / 0 / 49 / 2 / 1
                                 refused (control differs)
    torchair (real, CPU GE stand-in) 21 runs: 17 equal / 1 refused / 3 "CONTROL DIFFERS" (F1: the plain torchair
                                 compile fails, BackendCompilerFailed; the fused graph compiles and differs from eager)
                                 (the 17: non-contiguous caches through the scatter write-back, P = 3, l = 64 over
                                 pages of 16, fp16 N = 3 D = 7, 5-D layer x K/V caches, padding -1 under batch /
                                 dynamic, the aliasing snapshot, the rewrites)
    kernels directly (/tmp/rt24/kernels.py, copied into /work/briefs/redteam24_findings.md): native C++,
                                 portable (compress_qualifying_torch), capture-safe (compress_masked_torch) and Triton
                                 interpreted, each 72 cases (P = 1, P = 3, N = 3 D = 7, l = d = 64 over P = 16,
                                 l = d = 1, l = d = 16; fp32 / fp16 / bf16; contiguous, D-strided and head-major
                                 caches, a D-strided KV; build's NaN / inf / -0.0 / subnormal / max values) against
                                 tests/golden.py: 288 bit-exact, 0 not

FOUND: one class (F1), found at 02:20 (/work/briefs/redteam24_findings.md, repro /work/briefs/redteam24_repro_f1.py):

* F1 CRASH (inductor_graph, Inductor codegen, vllm_post) / FALSE FUSION (torchair_like, aot_outputs; real torchair,
  where the plain compile fails): ``lengths_from_positions.expose`` takes any [B] int graph input ``p`` that has a
  ``p + 1`` in the graph for the positions, reroutes its other reads through ``(p + 1) - 1``, and the recogniser then
  takes ``s' = p + 1`` for the lengths, bounded to [0, capacity] (positions in [-1, capacity - 1]).  Nothing checks
  that the model treats ``p`` as positions: lp_window_to_s_inclusive compares ``lens`` itself in its condition
  (``(lens >= 32) & ((lens - 32) % 16 == 0)``, so ``lens`` are lengths, 0..capacity by docs/contract.md), pools the 33
  tokens ending at position ``lens`` (clamped into the table) with a 33-row weight, and returns ``lens + 1`` (the next
  positions).  Read through ``s'`` that is the contract with l = 33, so it fuses; at ``lens = capacity`` (valid) eager
  reads position capacity - 1 twice and writes the row, the op receives ``s' = capacity + 1``: ValueError
  ("actual_seq_len[0] = 257 exceeds the block table's capacity") in Inductor graphs, the row not written in GE
  graphs (torchair's scatter write-back drops rows past the capacity).  The same step without ``lens + 1`` in the
  graph is refused (lp_window_to_s_inclusive_no_plus: "windows of l=32 ... the weight has 33").  Static, batch,
  dynamic=True alike.  (The proof's assumption that fails: "p + 1 on a [B] graph input means p are positions";
  the contract's positions rule applies where the model compares ``positions + 1``, not where it compares ``p``.)

Not findings, worth knowing:
* "refused (control differs)": al_weight_input_aliases_cache (the weight argument a view cache[7].t() of the cache
  argument, row 7 written) in the graph dialects, al_kv_cache_overlap_args (the cache argument a view of the KV
  argument's storage over a page a later window reads, red-team 11 F3 through two graph inputs) in every dialect:
  AOT merges the aliasing inputs into a synthetic base, the pass refuses (check_storage_reads: as_strided at an
  absolute storage offset; check_cache_aliases_no_input: the cache is a view of the paged input), and the unfused
  compile itself differs from eager (plain Inductor reads the windows after the writes); the pass's numbers are the
  control's.  In Inductor codegen al_weight_input_aliases_cache's control matches eager (refused, equal).
* Missed fusion: sv_lens_advanced_after (the step, then ``lens.add_(1)`` in place, vLLM's advance of the positions
  after the step) is refused in inductor_graph / torchair_like / Inductor codegen / vllm_post ("the condition selects
  windows of l=33"): lengths_from_positions.expose reads ``lens`` beside ``lens + 1`` as positions p with s = p + 1,
  so the condition on ``lens`` becomes a window of 33 against the 32-row weight.  aot_outputs (the advanced lengths
  returned, not copied back) fuses it, equal, under static and batch.
* ly_five_d_* / al_kv_halves_* / ly_*_after_step first ran with the V half's weight ``-w`` (a computed weight: the V
  steps refused, "fused 2" of 4); revised to ``w`` for both halves (the halves differ by their KV) and rerun in
  inductor_graph, torchair_like, Inductor codegen, vllm_post, real torchair: every step fused, equal (5-D
  [layers, K/V, S, N, D] caches: 4 of 4 steps).  aot_outputs ran the first version only (equal, 2 of 4).

Attack bugs (fixed, not findings): al_weight_view_of_cache_in_graph first read the weight row at a [1] tensor
``r[0]`` (dynamo: data-dependent, the control crashed too); now row 7, a constant, which the first completing row
writes: refused in every dialect ("cannot tell the kept cache rows from the new rows": the new rows read the cache
through the weight).  rw_masked_whole_written_twice first used padding slot -1 with index_copy_ (eager rejects
negative indices); now a dummy slot S - 1.  ly_lens_advanced_between_layers first advanced the lengths by 16 past the
capacity (eager read past the table); now ``sub_(16).clamp_(min=0)``.  al_meta_mutation_after / _before (an in-place
``transpose_`` / ``unsqueeze_`` of the cache input around the step): dynamo does not compile them (control crashes
too); left in as a record.

Not found (equal or refused), by theme:

1. Write side (ws_): slots through int16 / uint8 that wrap only past the probes' sizes (S = 40000, 300), and the same
   cast with slots that fit (refused: "the write does not put row b at cache[slots[b]]": the write probe draws slots
   of the whole 40000-row cache, which wrap); write at slots.int() with the kept rows at the int64 slots (static,
   batch: equal); the cache a strided-last-dim view ``base[:, :, ::2]`` (fp32, fp16), a transposed view of [S, D, N]
   storage, a storage-offset view ``base[5:-3]`` with the base returned; padding slots -S (row 0) and vLLM's -1 in
   int32 (static / batch / dynamic); index_select / index_copy_ along dim -3; gather / scatter_ along dim 0; the select
   written twice (index_put then index_copy_); kept rows by take_along_dim (refused: remainder on the keep path),
   cache[s.flip(0)].flip(0) (equal), sorted then permuted back (refused), through an int32 / int16 bit view (refused:
   an index computed from float values); rows written in sorted slot order (refused: no select); B = 1.
2. Serving (sv_): outputs aliasing the updated cache (``cache[0]``, ``cache.view(-1)``), a clone of it, an early copy
   and an early view of two rows read late; the weight, the block table, the slot mapping, the KV mutated in place
   after the step (``w.mul_(-2)``, ``table.copy_(table.flip(1))``, ``slots.copy_(slots.flip(0))``, ``kv.mul_(2)``;
   static, batch): equal in every dialect (the fused call reads the old values); lens.add_(1) after (above).
3. Aliasing (al_): the weight a view of a written cache row, in the graph or as an argument (refused); the KV and the
   cache two disjoint argument views of one buffer (AOT keeps them apart: fused, equal), with a KV append into the
   shared buffer; the KV and the cache overlapping (refused, above); K and V caches passed as views big[0] / big[1]
   of one stacked argument, plain, with a read of the whole buffer between the steps, with a snapshot of it before
   (both halves fused, equal in every dialect); the cache passed twice (two steps at disjoint slots); the step into
   cache.detach() and into cache.unsqueeze(0)[0]; old rows read through the base of a storage-offset view before the
   step, the base read after; a read-only argument view cache[:8] read before / after the step (equal in Inductor
   codegen and vllm_post too: the early read is computed before the call); the window read from kv.clone() or from
   the KV input with the newest tokens overwritten in place between the gather and the pooling (static, batch); the
   step into cache.clone() whose rows are then copied into a KV clone.
4. Whole models (ly_): a [layers, K/V, S, N, D] cache with a [layers, K/V, NB, P, N, D] KV, written per half
   (``cache[i][h][s] = ...``), by a joint write per layer (``cache[i][:, s] = ...``, split per half), by
   ``cache[i, h, s] = ...``, with an attention read of layer 0 between the layers (4 of 4 fused, equal); the weight
   flipped along the window (fused with the flipped weight, equal), rolled or heads swapped (refused: computed),
   ``w.reshape(N, l).t()`` (equal); lengths, block table or slots changed in place between two layers (layer 0
   fused, layer 1 refused: computed inputs).
5. Rewrites (rw_): per-request [R, M, N, D] caches written at ``cmp[req, j]`` with req a permutation of request rows,
   with -1 padding, kept rows through index_select (refused: "the slot of row b may depend on other rows" / keep);
   vLLM's flat head rows on a non-contiguous cache (reshape copies: eager writes the copy; also copied back): equal;
   the masked whole-cache write with a scaled candidate, an expanded mask (equal), a mask built by two index_puts
   (refused); the scratch-row redirect at ext.shape[0] - 1 (equal) and into cat([cache, cache]) (refused).
6. Kernels and sizes (kn_, native C++, Triton interpreted, portable, GE scatter write-back): page size 1 (a window
   over 32 pages; static, batch) and 3, N = D = 1, N = 3 D = 7 fp16, l = d = 64 over pages of 16, l = d = 16, l = d
   = 1, a KV with a storage offset, a strided last dim, head-major storage, an int64 block table with +-2**40 in every
   entry no read touches (static, batch): equal; l < d (16 / 32, 32 / 48, windows with gaps): refused by the mask
   ("not a window length l >= stride d").
Outside the runner (/tmp/rt24/standalone.py, /tmp/rt24/modes.py, nsa_fusion_backend, NSA_FUSION_FUSE_SMALL=1): a
module with an nn.Parameter weight compiled in grad mode, under inference_mode and no_grad; Inductor's cpp_wrapper,
freezing, and both, fp16 and fp32: fused, equal to eager, as plain Inductor.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora import redteam3  # noqa: E402,F401  (installs the aliasing argument cloner)
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam3 import _view_of  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

F32, F16, BF16 = torch.float32, torch.float16, torch.bfloat16
S_, SB, ALL = ("static",), ("static", "batch"), ("static", "batch", "dynamic")


def _new(kv, w, table, lens, l=L):
    return pool(tokens(kv, table, positions(lens, l)), w)


def contract(kv, w, slots, table, lens, cache, *extra):
    return write(cache, slots, completes(lens), _new(kv, w, table, lens))


def _std(*, dtype=F32, B=40, seeds=(0, 3), **kw):
    return lambda: [build(B=B, dtype=dtype, seed=s, **kw) for s in seeds]


def _args(a):
    return list(a.args)


# =====================================================================================================================
# 1. write side: slot casts that wrap only past the probes' cache sizes, cache layouts the probes do not lay out
# =====================================================================================================================
def _big_slots(S, lo, B=8, N=1, D=16, dtype=F32, seed=0):
    """A cache of S rows; every row's slot lo + 3 b (distinct, in range)."""
    def make():
        out = []
        for k in range(2):
            a = build(B=B, N=N, D=D, dtype=dtype, seed=seed + k, num_slots=S, specials=False)
            args = _args(a)
            args[2] = (lo + 3 * torch.arange(B)).to(torch.int64)
            out.append(args)
        return out
    return make


def ws_slots_int16(kv, w, slots, table, lens, cache, *extra):
    """Slots through int16 (the user's "compact" slot mapping): 39000 wraps to -26536, Python-style row 13464."""
    s = slots.to(torch.int16).long()
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


def ws_slots_uint8(kv, w, slots, table, lens, cache, *extra):
    s = slots.to(torch.uint8).long()
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


def ws_slots_int32_from_int64_kept_int64(kv, w, slots, table, lens, cache, *extra):
    """Write at slots.int(), keep read at slots (int64): the same rows where the slots fit int32."""
    cache[slots.int()] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype),
                                     cache[slots])
    return cache


def ws_write_int16_keep_int64(kv, w, slots, table, lens, cache, *extra):
    """Write at the int16-wrapped slots, kept rows read at the int64 ones: eager writes row 13464 with row 39000's
    kept value (where the row does not complete)."""
    s16 = slots.to(torch.int16).long()
    cache[s16] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[slots])
    return cache


def _view_inputs(cache_of, base_of, dtype=F32, B=40, seeds=(0, 3), **kw):
    """The cache passed as a view ``cache_of(base)`` of a storage base passed as argument 6 (``base_of(cache)``
    builds that base holding the cache's values)."""
    def make():
        out = []
        for s in seeds:
            args = _args(build(B=B, dtype=dtype, seed=s, **kw))
            base = base_of(args[5])
            args[5] = _view_of(cache_of(base).clone(), 6, cache_of)
            out.append(args + [base])
        return out
    return make


def _d_strided_base(c):
    S, N, D = c.shape
    b = torch.full((S, N, 2 * D), float("nan"), dtype=c.dtype)
    b[:, :, ::2] = c
    return b


def _head_major_base(c):
    return c.transpose(1, 2).contiguous()  # [S, D, N]


def _offset_base(c):
    S, N, D = c.shape
    return torch.cat([torch.full((5, N, D), 7.0, dtype=c.dtype), c, torch.full((3, N, D), -7.0, dtype=c.dtype)])


def contract_returns_base(kv, w, slots, table, lens, cache, base):
    return contract(kv, w, slots, table, lens, cache), base


def _padding(kind, B=40, dtype=F32, seeds=(0, 3)):
    """Rows that write nothing carry slot -S (Python-style row 0, which no written row names) or -1."""
    def make():
        out = []
        for sd in seeds:
            args = _args(build(B=B, dtype=dtype, seed=sd, specials=True))
            slots, lens, S = args[2].long(), args[4], args[5].shape[0]
            q = completes(lens)
            pad = {"minus_S": -S, "minus_1": -1, "dummy": S - 1}[kind]
            row = pad % S
            free = [v for v in range(S) if v not in set(slots.tolist()) and v != row]
            slots = slots.clone()
            for b in range(B):
                if bool(q[b]) and int(slots[b]) == row:
                    slots[b] = free.pop()
            slots = torch.where(q, slots, torch.full_like(slots, pad))
            args[2] = slots.to(torch.int32)
            out.append(args)
        return out
    return make


def ws_index_copy_neg_dim(kv, w, slots, table, lens, cache, *extra):
    s = slots.long()
    sel = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache.index_select(-3, s))
    cache.index_copy_(-3, s, sel)
    return cache


def ws_scatter_dim0(kv, w, slots, table, lens, cache, *extra):
    s = slots.long()
    B, N, D = s.shape[0], cache.shape[1], cache.shape[2]
    at = s[:, None, None].expand(B, N, D)
    sel = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache.gather(0, at))
    cache.scatter_(0, at, sel)
    return cache


def ws_write_twice_same_rows(kv, w, slots, table, lens, cache, *extra):
    """The select written twice (index_put then index_copy of the same rows): idempotent."""
    s = slots.long()
    sel = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    cache[s] = sel
    cache.index_copy_(0, s, sel)
    return cache


def ws_kept_take_along(kv, w, slots, table, lens, cache, *extra):
    s = slots.long()
    B, N, D = s.shape[0], cache.shape[1], cache.shape[2]
    kept = torch.take_along_dim(cache, s[:, None, None].expand(B, N, D), 0)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


def ws_kept_double_flip(kv, w, slots, table, lens, cache, *extra):
    """kept = cache[s.flip(0)].flip(0): the same rows (a gather and its inverse permutation)."""
    s = slots.long()
    kept = cache[s.flip(0)].flip(0)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


def ws_kept_sorted_back(kv, w, slots, table, lens, cache, *extra):
    """kept read at the sorted slots, then put back in batch order by the inverse permutation."""
    s = slots.long()
    srt, order = s.sort()
    inv = torch.empty_like(order)
    inv[order] = torch.arange(s.shape[0])
    kept = cache[srt][inv]
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


def ws_write_sorted(kv, w, slots, table, lens, cache, *extra):
    """The rows written in sorted slot order (vLLM sorts for locality): values and slots permuted alike."""
    s = slots.long()
    srt, order = s.sort()
    sel = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    cache[srt] = sel[order]
    return cache


def ws_kept_bit_roundtrip(kv, w, slots, table, lens, cache, *extra):
    """kept = cache.view(int32)[s].view(float32): a bit view there and back (exact)."""
    s = slots.long()
    kept = cache.view(torch.int32)[s].view(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


def ws_kept_bits_as_values(kv, w, slots, table, lens, cache, *extra):
    """kept = cache.view(int16)[s] converted by value to fp16 (not the same rows)."""
    s = slots.long()
    kept = cache.view(torch.int16)[s].to(cache.dtype)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


def sv_return_cache_and_row_view(kv, w, slots, table, lens, cache, *extra):
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, cache[0], cache.view(-1)


def sv_return_clone_of_cache(kv, w, slots, table, lens, cache, *extra):
    cache = contract(kv, w, slots, table, lens, cache)
    return cache.clone()


def sv_early_view_used_late(kv, w, slots, table, lens, cache, *extra):
    """old = cache[1:3].clone() (a copy of two old rows) and v = cache[1:3] (a view): read after the step, v sees
    the new rows, old the old ones."""
    old = cache[1:3].clone()
    v = cache[1:3]
    contract(kv, w, slots, table, lens, cache)
    return cache, old * 1, v * 1


def sv_lens_advanced_after(kv, w, slots, table, lens, cache, *extra):
    """The step, then lens += 1 in place (vLLM advances positions after the step): the op must read the old
    lengths."""
    cache = contract(kv, w, slots, table, lens, cache)
    lens.add_(1)
    return cache, lens


def sv_weight_scaled_after(kv, w, slots, table, lens, cache, *extra):
    cache = contract(kv, w, slots, table, lens, cache)
    w.mul_(-2.0)
    return cache, w


def sv_table_shifted_after(kv, w, slots, table, lens, cache, *extra):
    cache = contract(kv, w, slots, table, lens, cache)
    table.copy_(table.flip(1))
    return cache, table


def sv_slots_shifted_after(kv, w, slots, table, lens, cache, *extra):
    cache = contract(kv, w, slots, table, lens, cache)
    slots.copy_(slots.flip(0))
    return cache, slots


def sv_kv_scaled_after(kv, w, slots, table, lens, cache, *extra):
    cache = contract(kv, w, slots, table, lens, cache)
    kv.mul_(2.0)
    return cache, kv


# =====================================================================================================================
# 2. aliasing: the weight / KV / a second cache sharing storage with the written cache
# =====================================================================================================================
def _wide(D=32, B=16, dtype=F32, seed=1):
    """D = 32 so that cache[r].t() is an [l = 32, N] weight; fp32 dyadic values (no specials in the cache)."""
    a = build(B=B, D=D, dtype=dtype, seed=seed, specials=False)
    return _args(a)


def _first_written_slot(lens, slots):
    q = completes(lens)
    return int(slots.long()[q.nonzero()[0, 0]])


R_W = 7  # the cache row the weight is read from (a slot the first completing row writes)


def al_weight_view_of_cache_in_graph(kv, w, slots, table, lens, cache, *extra):
    """The weight is cache[7].t() ([D = 32, N] = [l, N]), read in the step; row 7 is the first completing row's
    slot: eager pools with the old row 7 everywhere."""
    wv = cache[R_W].t()
    return write(cache, slots, completes(lens), _new(kv, wv, table, lens))


def _weight_row_inputs(as_input):
    def make():
        out = []
        for sd in (1, 2):
            args = _wide(seed=sd)
            kv, w, slots, table, lens, cache = args
            slots = slots.long().clone()
            b0 = int(completes(lens).nonzero()[0, 0])
            other = int((slots == R_W).nonzero()[0, 0]) if bool((slots == R_W).any()) else None
            if other is not None:
                slots[other] = slots[b0]
            slots[b0] = R_W
            args[2] = slots.to(torch.int32)
            cache[R_W] = (torch.randint(-8, 9, cache[R_W].shape, generator=torch.Generator().manual_seed(sd)) / 8.0)
            if as_input:
                args[1] = _view_of(cache[R_W].t().clone(), 5, lambda c: c[R_W].t())
            out.append(args)
        return out
    return make


def al_weight_input_aliases_cache(kv, w, slots, table, lens, cache, *extra):
    return contract(kv, w, slots, table, lens, cache)


def _kv_cache_one_buffer():
    """The paged KV and the compressed cache passed as two views of one flat buffer (argument 6): the cache's rows
    lie after the pages (no window reads them)."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=40, dtype=F32, seed=sd))
            kv, cache = args[0], args[5]
            nk, nc = kv.numel(), cache.numel()
            buf = torch.cat([kv.flatten(), cache.flatten()])
            ks, cs = tuple(kv.shape), tuple(cache.shape)
            args[0] = _view_of(kv.clone(), 6, lambda b, nk=nk, ks=ks: b[:nk].view(ks))
            args[5] = _view_of(cache.clone(), 6, lambda b, nk=nk, nc=nc, cs=cs: b[nk:nk + nc].view(cs))
            out.append(args + [buf])
        return out
    return make


def _kv_cache_overlap():
    """The compressed cache passed as a view of the KV's storage (argument 6 the flat storage): cache row r is token
    r of the page holding the last completing row's newest token, and the first completing row writes the cache row
    that is that token.  Eager reads every window before writing; a kernel that writes row 0's slot before it reads
    the last row's window reads the new value."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=40, dtype=F32, seed=sd))
            kv, w, slots, table, lens, cache = args
            NB, P, N, D = kv.shape
            q = completes(lens).nonzero()[:, 0]
            b0, bl = int(q[0]), int(q[-1])
            p = int(lens[bl]) - 1
            page = int(table[bl, p // P])
            s_w = p % P
            slots = slots.long().clone()
            hit = (slots == s_w).nonzero()
            if len(hit):
                slots[int(hit[0, 0])] = slots[b0]
            slots[b0] = s_w
            args[2] = slots.to(torch.int32)
            S = cache.shape[0]
            off = page * P * N * D
            if off + S * N * D > kv.numel():
                off = kv.numel() - S * N * D  # (stays inside the storage)
            buf = kv.flatten().clone()
            ks = tuple(kv.shape)
            args[0] = _view_of(kv.clone(), 6, lambda b, ks=ks: b.view(ks))
            args[5] = _view_of(cache.clone(), 6, lambda b, off=off, S=S, N=N, D=D: b[off:off + S * N * D].view(S, N, D))
            out.append(args + [buf])
        return out
    return make


def al_kv_cache_overlap(kv, w, slots, table, lens, cache, buf):
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, buf


def al_kv_cache_one_buffer(kv, w, slots, table, lens, cache, buf):
    return contract(kv, w, slots, table, lens, cache)


def al_kv_cache_one_buffer_cache_first(kv, w, slots, table, lens, cache, buf):
    """The same, then the newest token appended into the KV (a write into the shared buffer)."""
    cache = contract(kv, w, slots, table, lens, cache)
    P = kv.shape[1]
    pos = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.long().gather(1, (pos // P)[:, None])[:, 0]
    kv[page, pos % P] = 3.0
    return cache


def _kv_halves_inputs(B=40, dtype=F32):
    """K and V compressed caches passed as two arguments (5 and 6) that are views big[0] / big[1] of one stacked
    [2, S, N, D] buffer (argument 7)."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=B, dtype=dtype, seed=sd))
            c = args[5]
            g = torch.Generator().manual_seed(sd + 11)
            c2 = (torch.randint(-32, 33, c.shape, generator=g) / 16.0).to(dtype)
            big = torch.stack([c, c2])
            args[5] = _view_of(c.clone(), 7, lambda b: b[0])
            out.append(args + [_view_of(c2.clone(), 7, lambda b: b[1]), big])
        return out
    return make


def al_kv_halves_separate_args(kv, w, slots, table, lens, k_cache, v_cache, big):
    write(k_cache, slots, completes(lens), _new(kv, w, table, lens))
    write(v_cache, slots, completes(lens), _new(kv, w, table, lens))
    return k_cache, v_cache


def al_kv_halves_then_read_big(kv, w, slots, table, lens, k_cache, v_cache, big):
    """The K step, a read of the whole stacked buffer (sees K's rows, V's old ones), then the V step."""
    write(k_cache, slots, completes(lens), _new(kv, w, table, lens))
    mid = big.sum(0)
    write(v_cache, slots, completes(lens), _new(kv, w, table, lens))
    return k_cache, v_cache, mid


def al_kv_halves_snapshot_before(kv, w, slots, table, lens, k_cache, v_cache, big):
    snap = big.clone()
    write(k_cache, slots, completes(lens), _new(kv, w, table, lens))
    write(v_cache, slots, completes(lens), _new(kv, w, table, lens))
    return snap, big


def _same_cache_twice():
    """The cache passed twice (argument 5 and 6 the same tensor)."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=40, dtype=F32, seed=sd))
            out.append(args + [_view_of(args[5].clone(), 5, lambda c: c)])
        return out
    return make


def al_same_cache_twice_other_slots(kv, w, slots, table, lens, cache, cache2):
    """Step 1 into cache at slots, step 2 into cache2 (the same tensor) at reflected slots (rows and values flipped)."""
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    S = cache2.shape[0]
    write(cache2, (S - 1 - slots.long()).flip(0), completes(lens).flip(0), _new(kv, w, table, lens).flip(0))
    return cache, cache2


def al_detach_alias(kv, w, slots, table, lens, cache, *extra):
    c = cache.detach()
    write(c, slots, completes(lens), _new(kv, w, table, lens))
    return cache


def al_unsqueeze_select_alias(kv, w, slots, table, lens, cache, *extra):
    c = cache.unsqueeze(0)[0]
    write(c, slots, completes(lens), _new(kv, w, table, lens))
    return cache


def al_meta_mutation_after(kv, w, slots, table, lens, cache, *extra):
    """The step, then an in-place metadata change of the cache input (transpose_)."""
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    cache.transpose_(1, 2)
    return cache


def al_meta_mutation_before(kv, w, slots, table, lens, cache, *extra):
    """cache.unsqueeze_(0) then the step through cache[0]."""
    cache.unsqueeze_(0)
    write(cache[0], slots, completes(lens), _new(kv, w, table, lens))
    return cache


def al_old_rows_read_through_base_view(kv, w, slots, table, lens, cache, base):
    """The cache a view of an offset base; old rows read through the base, step, returned with the old read."""
    old = base[5:5 + cache.shape[0]][slots.long()] * 1
    return contract(kv, w, slots, table, lens, cache), old


def al_base_read_after(kv, w, slots, table, lens, cache, base):
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, base * 2


def _readonly_alias():
    """Argument 6 a view cache[:8] of the cache argument, only read."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=40, dtype=F32, seed=sd))
            out.append(args + [_view_of(args[5][:8].clone(), 5, lambda c: c[:8])])
        return out
    return make


def al_alias_arg_read_before(kv, w, slots, table, lens, cache, head):
    y = head * 2
    return contract(kv, w, slots, table, lens, cache), y


def al_alias_arg_read_after(kv, w, slots, table, lens, cache, head):
    cache = contract(kv, w, slots, table, lens, cache)
    return cache, head * 2


def _overwrite_last(kv, lens, value=7.0):
    P = kv.shape[1]
    last = (lens.long() - 1).clamp(min=0)
    return last, P


def al_kv_clone_append_between(kv, w, slots, table, lens, cache, *extra):
    """kv2 = kv.clone(); the window gathered from kv2; the newest token of every row overwritten in kv2 (in place);
    then pooled and written; kv2 returned (eager pools the old token)."""
    kv2 = kv.clone()
    tok = tokens(kv2, table, positions(lens))
    P = kv.shape[1]
    last = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (last // P)[:, None])[:, 0]
    kv2[page, last % P] = 7.0
    write(cache, slots, completes(lens), pool(tok, w))
    return cache, kv2


def al_kv_input_append_between(kv, w, slots, table, lens, cache, *extra):
    """The same on the KV input itself."""
    tok = tokens(kv, table, positions(lens))
    P = kv.shape[1]
    last = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (last // P)[:, None])[:, 0]
    kv[page, last % P] = 7.0
    write(cache, slots, completes(lens), pool(tok, w))
    return cache, kv


def al_cache_clone_is_next_kv(kv, w, slots, table, lens, cache, *extra):
    """c2 = cache.clone(); the step into c2; then c2's rows appended into the KV clone's unread page (a page no row
    owns), and the KV clone returned: the fused call's result read by a later write."""
    c2 = cache.clone()
    write(c2, slots, completes(lens), _new(kv, w, table, lens))
    kv2 = kv.clone()
    kv2[-1, :8] = c2[slots.long()[:8]]
    return c2, kv2, cache


# =====================================================================================================================
# 3. whole models: layers x K/V in one 5-D cache, weights rearranged, the tables changed between layers
# =====================================================================================================================
def _five_d(B=40, dtype=F32):
    """KV [layers=2, K/V=2, NB, P, N, D] and compressed cache [2, 2, S, N, D]."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=B, dtype=dtype, seed=sd))
            kv, c = args[0], args[5]
            g = torch.Generator().manual_seed(sd + 5)
            kvs, cs = [], []
            for i in range(4):
                k2 = kv.clone()
                keep = ~torch.isnan(k2)
                if i:
                    k2[keep] = (torch.randint(-32, 33, k2.shape, generator=g) / 16.0).to(dtype)[keep]
                kvs.append(k2)
                cs.append(c if i == 0 else (torch.randint(-32, 33, c.shape, generator=g) / 16.0).to(dtype))
            args[0] = torch.stack(kvs).view(2, 2, *kv.shape)
            args[5] = torch.stack(cs).view(2, 2, *c.shape)
            out.append(args)
        return out
    return make


def ly_five_d_per_half(kv, w, slots, table, lens, cache):
    for i in range(2):
        for h in range(2):
            write(cache[i][h], slots, completes(lens), _new(kv[i][h], w, table, lens))
    return cache


def ly_five_d_joint(kv, w, slots, table, lens, cache):
    s = slots.long()
    for i in range(2):
        new = torch.stack([_new(kv[i][0], w, table, lens), _new(kv[i][1], w, table, lens)]).to(cache.dtype)
        cache[i][:, s] = torch.where(completes(lens)[None, :, None, None], new, cache[i][:, s])
    return cache


def ly_five_d_layer_major_index(kv, w, slots, table, lens, cache):
    """cache[i, h, s] = ... (one index_put with two int indices in front)."""
    s = slots.long()
    for i in range(2):
        for h in range(2):
            new = _new(kv[i, h], w, table, lens).to(cache.dtype)
            cache[i, h, s] = torch.where(completes(lens)[:, None, None], new, cache[i, h, s])
    return cache


def ly_five_d_attention_between(kv, w, slots, table, lens, cache):
    """Layer 0's K/V steps, an attention read of layer 0's compressed K rows (all of them), layer 1's steps."""
    for h in range(2):
        write(cache[0][h], slots, completes(lens), _new(kv[0][h], w, table, lens))
    att = cache[0, 0].nan_to_num(0.0, 0.0, 0.0).sum((1, 2))
    for h in range(2):
        write(cache[1][h], slots, completes(lens), _new(kv[1][h], w, table, lens))
    return cache, att


def ly_weight_flipped(kv, w, slots, table, lens, cache, *extra):
    """The weight reversed along the window (w.flip(0)): a different pooling, not a layout."""
    return write(cache, slots, completes(lens), _new(kv, w.flip(0), table, lens))


def ly_weight_rolled(kv, w, slots, table, lens, cache, *extra):
    return write(cache, slots, completes(lens), _new(kv, w.roll(1, 0), table, lens))


def ly_weight_heads_swapped(kv, w, slots, table, lens, cache, *extra):
    return write(cache, slots, completes(lens), _new(kv, w[:, [1, 0]], table, lens))


def ly_weight_reshape_scramble(kv, w, slots, table, lens, cache, *extra):
    """w.reshape(N, l).t(): an [l, N] tensor with scrambled elements (the op's "Nl" layout reads it so)."""
    N = w.shape[1]
    return write(cache, slots, completes(lens), _new(kv, w.reshape(N, L).t(), table, lens))


def ly_lens_advanced_between_layers(kv, w, slots, table, lens, cache):
    """Layer 0 at lens, then lens -= 16 in place (clamped at 0), layer 1 at the changed lens (computed lengths),
    lens returned."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    lens.sub_(16).clamp_(min=0)
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return cache, lens


def ly_table_padded_after_step(kv, w, slots, table, lens, cache):
    """Layer 0's step, then the block table's last column set to -1 in place (the caller frees pages), layer 1's
    step reading the changed table (valid only if no window reads the last page: capacity rows read it)."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    table[:, -1] = table[:, 0]
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return cache, table


def ly_slots_rotated_after_step(kv, w, slots, table, lens, cache):
    """Layer 0's step, then slots reflected in place (slots.copy_(S - 1 - slots)), layer 1's step at them."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    slots.copy_(cache.shape[1] - 1 - slots)
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return cache, slots


def _layers2(B=40, dtype=F32):
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=B, dtype=dtype, seed=sd))
            kv, c = args[0], args[5]
            g = torch.Generator().manual_seed(sd + 21)
            k2 = kv.clone()
            keep = ~torch.isnan(k2)
            k2[keep] = (torch.randint(-32, 33, k2.shape, generator=g) / 16.0).to(dtype)[keep]
            args[0] = torch.stack([kv, k2])
            args[5] = torch.stack([c, c.flip(0)])
            out.append(args)
        return out
    return make


# =====================================================================================================================
# 4. rewrites: per-request rows at non-arange requests, flat head rows of a non-contiguous cache, masked whole cache
# =====================================================================================================================
M = 15


def _per_request_pool(B=16, R=24, pad=False, dtype=F32):
    """A per-request [R, M, N, D] compressed cache, the batch's requests ``req`` a permutation of R's rows (slot
    input carries them); ``pad``: rows that write nothing at request -1 (row R - 1, which no written row names)."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=B, dtype=dtype, seed=sd, num_slots=R * M))
            lens = args[4]
            req = torch.randperm(R - 1, generator=torch.Generator().manual_seed(sd))[:B]
            if pad:
                req = torch.where(completes(lens), req, torch.full_like(req, -1))
            args[2] = req.to(torch.int64)
            args[5] = args[5].view(R, M, *args[5].shape[1:])
            out.append(args)
        return out
    return make


def rw_per_request_perm(kv, w, req, table, lens, cmp):
    j = ((lens.long() - L) // STRIDE).clamp(min=0)
    new = _new(kv, w, table, lens).to(cmp.dtype)
    cmp[req, j] = torch.where(completes(lens)[:, None, None], new, cmp[req, j])
    return cmp


def rw_per_request_req_j_swapped_kept(kv, w, req, table, lens, cmp):
    """Kept read at cmp[req, j] through index_select then select (a different spelling of the same read)."""
    j = ((lens.long() - L) // STRIDE).clamp(min=0)
    new = _new(kv, w, table, lens).to(cmp.dtype)
    kept = cmp.index_select(0, req)[torch.arange(req.shape[0]), j]
    cmp[req, j] = torch.where(completes(lens)[:, None, None], new, kept)
    return cmp


def _hm_storage(B=40, dtype=F32):
    """The [S, N, D] cache a transposed view of head-major [N, S, D] storage (argument 6)."""
    return _view_inputs(lambda b: b.transpose(0, 1), lambda c: c.transpose(0, 1).contiguous(), dtype=dtype, B=B)


def rw_flat_heads_of_noncontig(kv, w, slots, table, lens, cache, base):
    """vLLM's flat head rows on a cache that is not contiguous: reshape copies, the write lands in the copy, which
    is returned; the cache itself is left as it was."""
    S, N, D = cache.shape
    s = slots.long()
    I = (s[:, None] * N + torch.arange(N)).reshape(-1)
    flat = cache.reshape(S * N, D)
    sel = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype),
                      flat[I].reshape(-1, N, D))
    flat[I] = sel.reshape(-1, D)
    return flat, cache


def rw_flat_heads_of_noncontig_copyback(kv, w, slots, table, lens, cache, base):
    S, N, D = cache.shape
    s = slots.long()
    I = (s[:, None] * N + torch.arange(N)).reshape(-1)
    flat = cache.reshape(S * N, D)
    sel = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype),
                      flat[I].reshape(-1, N, D))
    flat[I] = sel.reshape(-1, D)
    cache.copy_(flat.view(S, N, D))
    return cache


def rw_masked_whole_cand_scaled(kv, w, slots, table, lens, cache, *extra):
    """cand = (cache * 2).index_copy(0, s, new): only its written rows are taken (the others read where the mask is
    True only)."""
    S = cache.shape[0]
    s = slots.long()
    written = torch.zeros(S, dtype=torch.bool).index_put((s,), completes(lens))
    cand = (cache * 2).index_copy(0, s, _new(kv, w, table, lens).to(cache.dtype))
    cache.copy_(torch.where(written[:, None, None], cand, cache))
    return cache


def rw_masked_whole_mask_expand(kv, w, slots, table, lens, cache, *extra):
    S, N, D = cache.shape
    s = slots.long()
    written = torch.zeros(S, dtype=torch.bool).index_put((s,), completes(lens))
    cand = cache.index_copy(0, s, _new(kv, w, table, lens).to(cache.dtype))
    cache.copy_(torch.where(written.view(S, 1, 1).expand(S, N, D), cand, cache))
    return cache


def rw_masked_whole_written_twice(kv, w, slots, table, lens, cache, *extra):
    """written built by two index_puts: the completion mask, then False at the padding rows' dummy slot S - 1
    (named by no written row): the same mask on valid inputs."""
    S = cache.shape[0]
    s = slots.long()
    q = completes(lens)
    written = torch.zeros(S, dtype=torch.bool).index_put((s,), q)
    written = written.index_put((torch.tensor([S - 1]),), torch.tensor([False]))
    cand = cache.index_copy(0, s, _new(kv, w, table, lens).to(cache.dtype))
    cache.copy_(torch.where(written[:, None, None], cand, cache))
    return cache


def rw_redirect_scratch_from_end(kv, w, slots, table, lens, cache, *extra):
    """ext = cat([cache, 8 scratch rows]); padding rows at ext.shape[0] - 1 (the last scratch row)."""
    S = cache.shape[0]
    new = _new(kv, w, table, lens).to(cache.dtype)
    ext = torch.cat([cache, cache.new_zeros(8, *cache.shape[1:])])
    idx = torch.where(completes(lens), slots.long(), torch.full_like(slots.long(), ext.shape[0] - 1))
    ext[idx] = new
    cache.copy_(ext[:S])
    return cache


def rw_redirect_two_caches_cat(kv, w, slots, table, lens, cache, *extra):
    """ext = cat([cache, cache]) (the scratch rows a second copy of the cache); slice [:S] copied back."""
    S = cache.shape[0]
    new = _new(kv, w, table, lens).to(cache.dtype)
    ext = torch.cat([cache, cache])
    idx = torch.where(completes(lens), slots.long(), torch.full_like(slots.long(), S + 2))
    ext[idx] = new
    cache.copy_(ext[:S])
    return cache, ext[S:]


# =====================================================================================================================
# 5. kernels and sizes: page size 1 and 3, tiny heads, windows longer than pages, l = d, huge unread page ids
# =====================================================================================================================
def _sized(B=8, N=2, D=16, P=64, pages=4, dtype=F32, seeds=(0, 3), **kw):
    return lambda: [build(B=B, N=N, D=D, P=P, pages=pages, dtype=dtype, seed=s, **kw) for s in seeds]


def _lwin_step(l, d):
    def step(kv, w, slots, table, lens, cache, *extra):
        wl = w[:l] if w.shape[0] >= l else w
        new = pool(tokens(kv, table, positions(lens, l)), wl)
        return write(cache, slots, completes(lens, l, d), new)
    return step


def _lwin_inputs(l, P=64, pages=4, B=12, dtype=F32):
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=B, P=P, pages=pages, dtype=dtype, seed=sd))
            if l > L:
                g = torch.Generator().manual_seed(sd + 99)
                args[1] = (torch.randint(-2047, 2048, (l, args[1].shape[1]), generator=g) / 1024).to(dtype)
            out.append(args)
        return out
    return make


def _huge_unread_ids(B=16, dtype=F32):
    """int64 block table, entries no read touches (past the last page of the window, eager's clamped positions
    included) hold +-2**40."""
    def make():
        out = []
        for sd in (0, 3):
            args = _args(build(B=B, dtype=dtype, seed=sd, index_dtype=torch.int64))
            table, lens = args[3].long().clone(), args[4]
            P = args[0].shape[1]
            last = ((lens.long() - 1).clamp(min=0)) // P
            for b in range(B):
                for p in range(int(last[b]) + 1, table.shape[1]):
                    table[b, p] = (2 ** 40) * (1 if (b + p) % 2 else -1)
            args[3] = table
            out.append(args)
        return out
    return make


def _kv_view_inputs(kv_of, base_of, dtype=F32, B=40, seeds=(0, 3)):
    def make():
        out = []
        for sd in seeds:
            args = _args(build(B=B, dtype=dtype, seed=sd))
            base = base_of(args[0])
            args[0] = _view_of(kv_of(base).clone(), 6, kv_of)
            out.append(args + [base])
        return out
    return make


def _kv_offset_base(k):
    return torch.cat([torch.full((2, *k.shape[1:]), float("nan"), dtype=k.dtype), k])


def _kv_d_strided_base(k):
    b = torch.full((*k.shape[:3], 2 * k.shape[3]), float("inf"), dtype=k.dtype)
    b[..., 1::2] = k
    return b


# --- 7. a window that ends at position s (one past the length) beside lens + 1 (lengths_from_positions.expose) -------
def lp_window_to_s_inclusive(kv, w, slots, table, lens, cache, *extra):
    """33 tokens ending at position s (clamped into the table), a 33-row weight, the condition on s itself (l = 32,
    d = 16), and lens + 1 returned (the next positions): the pass reads lens as positions p with s' = p + 1, the
    contract with l = 33 in s'.  The condition compares lens, so lens are the lengths (0..capacity): at lens =
    capacity (row 0) eager reads position capacity - 1 twice and writes; s' = capacity + 1 for the op."""
    cap = table.shape[1] * kv.shape[1]
    pos = (lens.long()[:, None] - L + torch.arange(L + 1)).clamp(0, cap - 1)
    new = pool(tokens(kv, table, pos), w)
    cache = write(cache, slots, completes(lens), new)
    return cache, lens + 1


def lp_window_to_s_inclusive_no_plus(kv, w, slots, table, lens, cache, *extra):
    """The same without lens + 1 in the graph (control spelling)."""
    cap = table.shape[1] * kv.shape[1]
    pos = (lens.long()[:, None] - L + torch.arange(L + 1)).clamp(0, cap - 1)
    new = pool(tokens(kv, table, pos), w)
    return write(cache, slots, completes(lens), new)


def _w33(dtype=F32, B=40, seeds=(0, 3)):
    def make():
        out = []
        for sd in seeds:
            args = _args(build(B=B, dtype=dtype, seed=sd))
            g = torch.Generator().manual_seed(sd + 33)
            args[1] = (torch.randint(-2047, 2048, (L + 1, args[1].shape[1]), generator=g) / 1024).to(dtype)
            out.append(args)
        return out
    return make


ATTACKS = [
    # 1. write side
    ("ws_slots_int16_wrap", _mk(ws_slots_int16, _big_slots(40000, 39000)),
     "slots.to(int16): 39000 -> -26536 -> row 13464 (S = 40000); the probes' caches have 2B + 8 rows"),
    ("ws_slots_int16_nowrap_control", _mk(ws_slots_int16, _big_slots(40000, 100)),
     "slots.to(int16) where every slot fits"),
    ("ws_slots_uint8_wrap", _mk(ws_slots_uint8, _big_slots(300, 260)),
     "slots.to(uint8): 260 -> 4 (S = 300)"),
    ("ws_write_int16_keep_int64", _mk(ws_write_int16_keep_int64, _big_slots(40000, 39000)),
     "write at int16-wrapped slots, kept rows read at the int64 slots"),
    ("ws_slots_int32_write_int64_keep", _mk(ws_slots_int32_from_int64_kept_int64,
                                            _std(index_dtype=torch.int64), SB),
     "write index slots.int(), kept read at int64 slots"),
    ("ws_cache_d_strided_view", _mk(contract_returns_base, _view_inputs(lambda b: b[:, :, ::2], _d_strided_base)),
     "cache = base[:, :, ::2] (a strided last dim), base returned (the NaN columns untouched)"),
    ("ws_cache_d_strided_view_fp16", _mk(contract_returns_base, _view_inputs(lambda b: b[:, :, ::2], _d_strided_base,
                                                                             dtype=F16)),
     "the same in fp16"),
    ("ws_cache_head_major_storage", _mk(contract_returns_base, _view_inputs(lambda b: b.transpose(1, 2),
                                                                            _head_major_base)),
     "cache = base.transpose(1, 2) of [S, D, N] storage"),
    ("ws_cache_offset_rows_view", _mk(contract_returns_base, _view_inputs(lambda b: b[5:-3], _offset_base)),
     "cache = base[5:-3] (a storage offset), base returned"),
    ("ws_padding_minus_S", _mk(contract, _padding("minus_S"), SB),
     "rows that write nothing at slot -S (row 0, named by no written row)"),
    ("ws_padding_minus_1_int32", _mk(contract, _padding("minus_1"), ALL),
     "vLLM's -1 padding (int32 slots)"),
    ("ws_index_copy_neg_dim", _mk(ws_index_copy_neg_dim, _std(), S_), "index_select / index_copy_ along dim -3"),
    ("ws_scatter_dim0", _mk(ws_scatter_dim0, _std(), SB), "gather / scatter_ along dim 0 with an expanded index"),
    ("ws_write_twice_same_rows", _mk(ws_write_twice_same_rows, _std(), S_), "index_put then index_copy_ of the select"),
    ("ws_kept_take_along", _mk(ws_kept_take_along, _std(), S_), "kept rows by take_along_dim"),
    ("ws_kept_double_flip", _mk(ws_kept_double_flip, _std(), S_), "kept = cache[s.flip(0)].flip(0)"),
    ("ws_kept_sorted_back", _mk(ws_kept_sorted_back, _std(), S_), "kept rows read sorted and permuted back"),
    ("ws_write_sorted", _mk(ws_write_sorted, _std(), S_), "rows written in sorted slot order (sel[order])"),
    ("ws_kept_bit_roundtrip", _mk(ws_kept_bit_roundtrip, _std(), S_), "kept rows through an int32 bit view and back"),
    ("ws_kept_bits_as_values_fp16", _mk(ws_kept_bits_as_values, _std(dtype=F16), S_),
     "kept rows = int16 bits converted by value (must not fuse)"),
    ("sv_return_cache_and_row_view", _mk(sv_return_cache_and_row_view, _std(), S_), "outputs alias the cache input"),
    ("sv_return_clone_of_cache", _mk(sv_return_clone_of_cache, _std(), S_), "a clone of the updated cache returned"),
    ("sv_early_view_used_late", _mk(sv_early_view_used_late, _std(), S_), "a copy and a view of old rows read late"),
    ("sv_lens_advanced_after", _mk(sv_lens_advanced_after, _std(), ALL), "lens.add_(1) after the step"),
    ("sv_weight_scaled_after", _mk(sv_weight_scaled_after, _std(), SB), "w.mul_(-2) after the step"),
    ("sv_table_shifted_after", _mk(sv_table_shifted_after, _std(), SB), "table reversed in place after the step"),
    ("sv_slots_shifted_after", _mk(sv_slots_shifted_after, _std(), SB), "slots reversed in place after the step"),
    ("sv_kv_scaled_after", _mk(sv_kv_scaled_after, _std(), SB), "kv.mul_(2) after the step"),
    ("ws_batch1", _mk(contract, _std(B=1, seeds=(0,), lengths=[48])), "B = 1, a completing row"),
    # 2. aliasing
    ("al_weight_view_of_cache_in_graph", _mk(al_weight_view_of_cache_in_graph, _weight_row_inputs(False)),
     "w = cache[r].t(), r a written slot: eager pools with the old row"),
    ("al_weight_input_aliases_cache", _mk(al_weight_input_aliases_cache, _weight_row_inputs(True)),
     "the weight argument is a view cache[r].t() of the cache argument (r written)"),
    ("al_kv_cache_one_buffer_args", _mk(al_kv_cache_one_buffer, _kv_cache_one_buffer()),
     "KV and cache two argument views of one flat buffer (disjoint)"),
    ("al_kv_cache_overlap_args", _mk(al_kv_cache_overlap, _kv_cache_overlap()),
     "the cache argument a view of the KV argument's storage over a page a window reads (red-team 11 F3 through "
     "graph inputs)"),
    ("al_kv_cache_one_buffer_append", _mk(al_kv_cache_one_buffer_cache_first, _kv_cache_one_buffer()),
     "the same, then the newest token appended into the KV view"),
    ("al_kv_halves_separate_args", _mk(al_kv_halves_separate_args, _kv_halves_inputs()),
     "K and V caches: arguments big[0], big[1] of one stacked buffer; two steps"),
    ("al_kv_halves_then_read_big", _mk(al_kv_halves_then_read_big, _kv_halves_inputs()),
     "the same with a read of the whole buffer between the steps"),
    ("al_kv_halves_snapshot_before", _mk(al_kv_halves_snapshot_before, _kv_halves_inputs()),
     "a snapshot of the whole buffer before both steps, returned with the buffer"),
    ("al_same_cache_twice_other_slots", _mk(al_same_cache_twice_other_slots, _same_cache_twice()),
     "the cache passed twice; two steps at disjoint slots"),
    ("al_detach_alias", _mk(al_detach_alias, _std(), SB), "the step into cache.detach()"),
    ("al_unsqueeze_select_alias", _mk(al_unsqueeze_select_alias, _std(), SB), "the step into cache.unsqueeze(0)[0]"),
    ("al_meta_mutation_after", _mk(al_meta_mutation_after, _std(), S_), "the step then cache.transpose_(1, 2)"),
    ("al_meta_mutation_before", _mk(al_meta_mutation_before, _std(), S_), "cache.unsqueeze_(0) then the step in cache[0]"),
    ("al_old_rows_read_through_base", _mk(al_old_rows_read_through_base_view,
                                          _view_inputs(lambda b: b[5:-3], _offset_base)),
     "old rows read through the base before the step into its view"),
    ("al_base_read_after", _mk(al_base_read_after, _view_inputs(lambda b: b[5:-3], _offset_base)),
     "the step into base[5:-3], then base * 2 returned"),
    ("al_alias_arg_read_before", _mk(al_alias_arg_read_before, _readonly_alias()),
     "argument 6 = cache[:8] (read only), read before the step, returned"),
    ("al_alias_arg_read_after", _mk(al_alias_arg_read_after, _readonly_alias()),
     "argument 6 = cache[:8] (read only), read after the step"),
    ("al_kv_clone_append_between", _mk(al_kv_clone_append_between, _std(), SB),
     "the window read from kv.clone(), the clone's newest tokens overwritten before the pooling"),
    ("al_kv_input_append_between", _mk(al_kv_input_append_between, _std(), SB),
     "the same on the KV input"),
    ("al_cache_clone_is_next_kv", _mk(al_cache_clone_is_next_kv, _std(), S_),
     "the step into cache.clone(), its rows then copied into a KV clone"),
    # 3. whole models
    ("ly_five_d_per_half", _mk(ly_five_d_per_half, _five_d(), SB), "[layers, K/V, S, N, D] cache, 4 steps"),
    ("ly_five_d_joint", _mk(ly_five_d_joint, _five_d(), S_), "per layer cache[i][:, s] = where (split per half)"),
    ("ly_five_d_layer_major_index", _mk(ly_five_d_layer_major_index, _five_d(), S_), "cache[i, h, s] = where(...)"),
    ("ly_five_d_attention_between", _mk(ly_five_d_attention_between, _five_d(), S_),
     "layer 0's steps, an attention read of layer 0's K rows, layer 1's steps"),
    ("ly_weight_flipped", _mk(ly_weight_flipped, _std(), S_), "w.flip(0)"),
    ("ly_weight_rolled", _mk(ly_weight_rolled, _std(), S_), "w.roll(1, 0)"),
    ("ly_weight_heads_swapped", _mk(ly_weight_heads_swapped, _std(), S_), "w[:, [1, 0]]"),
    ("ly_weight_reshape_scramble", _mk(ly_weight_reshape_scramble, _std(), SB), "w.reshape(N, l).t()"),
    ("ly_lens_advanced_between_layers", _mk(ly_lens_advanced_between_layers, _layers2(), S_),
     "lens.add_(16) between two layers"),
    ("ly_table_changed_after_step", _mk(ly_table_padded_after_step, _layers2(), S_),
     "table[:, -1] = table[:, 0] in place after layer 0"),
    ("ly_slots_reflected_after_step", _mk(ly_slots_rotated_after_step, _layers2(), S_),
     "slots.copy_(S - 1 - slots) in place after layer 0"),
    # 4. rewrites
    ("rw_per_request_perm", _mk(rw_per_request_perm, _per_request_pool(), SB),
     "cmp[req, j] with req a permutation of the request rows (not arange)"),
    ("rw_per_request_pad_minus1", _mk(rw_per_request_perm, _per_request_pool(pad=True), S_),
     "cmp[req, j], rows that write nothing at request -1"),
    ("rw_per_request_kept_index_select", _mk(rw_per_request_req_j_swapped_kept, _per_request_pool(), S_),
     "kept read cmp.index_select(0, req)[arange(B), j]"),
    ("rw_flat_heads_of_noncontig", _mk(rw_flat_heads_of_noncontig, _hm_storage()),
     "flat = cache.reshape(S * N, D) of a transposed cache (a copy): eager's write lands in the copy"),
    ("rw_flat_heads_of_noncontig_copyback", _mk(rw_flat_heads_of_noncontig_copyback, _hm_storage()),
     "the same copied back into the cache"),
    ("rw_masked_whole_cand_scaled", _mk(rw_masked_whole_cand_scaled, _std(), S_),
     "cand = (cache * 2).index_copy(...)"),
    ("rw_masked_whole_mask_expand", _mk(rw_masked_whole_mask_expand, _std(), S_), "written.view(S, 1, 1).expand"),
    ("rw_masked_whole_written_twice", _mk(rw_masked_whole_written_twice, _padding("dummy"), S_),
     "written then False at row S - 1"),
    ("rw_redirect_scratch_from_end", _mk(rw_redirect_scratch_from_end, _std(), S_), "scratch row ext.shape[0] - 1"),
    ("rw_redirect_two_caches_cat", _mk(rw_redirect_two_caches_cat, _std(), S_),
     "ext = cat([cache, cache]); the second half returned"),
    # 5. kernels and sizes
    ("kn_page_size_1", _mk(contract, _sized(P=1, pages=256), SB), "P = 1: a window over 32 pages"),
    ("kn_page_size_3", _mk(contract, _sized(P=3, pages=86), S_), "P = 3 (capacity 258)"),
    ("kn_n1_d1", _mk(contract, _sized(N=1, D=1)), "N = 1, D = 1"),
    ("kn_n3_d7_fp16", _mk(contract, _sized(N=3, D=7, dtype=F16)), "N = 3, D = 7, fp16"),
    ("kn_l64_d64_p16", _mk(_lwin_step(64, 64), _lwin_inputs(64, P=16, pages=16)), "l = d = 64 over pages of 16"),
    ("kn_l16_d16", _mk(_lwin_step(16, 16), _lwin_inputs(16)), "l = d = 16 (windows do not overlap)"),
    ("kn_l1_d1", _mk(_lwin_step(1, 1), _lwin_inputs(1)), "l = d = 1 (every s >= 1 writes its newest token * w)"),
    ("kn_l16_d32_gapped", _mk(_lwin_step(16, 32), _lwin_inputs(16)),
     "l = 16 < d = 32 (windows with gaps: the op requires l >= d)"),
    ("kn_l32_d48_gapped", _mk(_lwin_step(32, 48), _lwin_inputs(32)), "l = 32 < d = 48"),
    ("kn_kv_offset_view", _mk(contract_returns_base, _kv_view_inputs(lambda b: b[2:], _kv_offset_base)),
     "KV = base[2:] (a storage offset; the first two pages NaN), base returned"),
    ("kn_kv_d_strided_view", _mk(contract_returns_base, _kv_view_inputs(lambda b: b[..., 1::2], _kv_d_strided_base)),
     "KV = base[..., 1::2] (a strided last dim)"),
    ("kn_kv_head_major_storage", _mk(contract_returns_base, _kv_view_inputs(lambda b: b.transpose(1, 2),
                                                                           lambda k: k.transpose(1, 2).contiguous())),
     "KV = base.transpose(1, 2) of [NB, N, P, D] storage"),
    ("lp_window_to_s_inclusive", _mk(lp_window_to_s_inclusive, _w33(), ALL),
     "33 tokens ending at position s (clamped), lens + 1 returned: exposed as s' = p + 1, s' = capacity + 1 at lens = "
     "capacity"),
    ("lp_window_to_s_inclusive_no_plus", _mk(lp_window_to_s_inclusive_no_plus, _w33(), S_), "the same, no lens + 1"),
    ("kn_huge_unread_page_ids", _mk(contract, _huge_unread_ids(), SB), "int64 table, +-2**40 in unread entries"),
]

# First-try results (attack, dialect, mode, result) on the frozen snapshot of 806b2f9 (/tmp/base24), 01:36-02:23 UTC;
# "inductor" is real Inductor codegen with the native kernel, "torchair" real torchair with the CPU GE stand-in.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _RCD, _CCT = "CONTROL DIFFERS", "REFUSED (control differs)", "CONTROL CRASHES TOO"
_FIRST = [
    ('ws_slots_int16_wrap', 'inductor_graph', 'static', _R),
    ('ws_slots_int16_nowrap_control', 'inductor_graph', 'static', _R),
    ('ws_slots_uint8_wrap', 'inductor_graph', 'static', _R),
    ('ws_write_int16_keep_int64', 'inductor_graph', 'static', _R),
    ('ws_slots_int32_write_int64_keep', 'inductor_graph', 'static', _EQ),
    ('ws_slots_int32_write_int64_keep', 'inductor_graph', 'batch', _EQ),
    ('ws_cache_d_strided_view', 'inductor_graph', 'static', _EQ),
    ('ws_cache_d_strided_view_fp16', 'inductor_graph', 'static', _EQ),
    ('ws_cache_head_major_storage', 'inductor_graph', 'static', _EQ),
    ('ws_cache_offset_rows_view', 'inductor_graph', 'static', _EQ),
    ('ws_padding_minus_S', 'inductor_graph', 'static', _EQ),
    ('ws_padding_minus_S', 'inductor_graph', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'inductor_graph', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'inductor_graph', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'inductor_graph', 'dynamic', _EQ),
    ('ws_index_copy_neg_dim', 'inductor_graph', 'static', _EQ),
    ('ws_scatter_dim0', 'inductor_graph', 'static', _EQ),
    ('ws_scatter_dim0', 'inductor_graph', 'batch', _EQ),
    ('ws_write_twice_same_rows', 'inductor_graph', 'static', _EQ),
    ('ws_kept_take_along', 'inductor_graph', 'static', _R),
    ('ws_kept_double_flip', 'inductor_graph', 'static', _EQ),
    ('ws_kept_sorted_back', 'inductor_graph', 'static', _R),
    ('ws_write_sorted', 'inductor_graph', 'static', _R),
    ('ws_kept_bit_roundtrip', 'inductor_graph', 'static', _R),
    ('ws_kept_bits_as_values_fp16', 'inductor_graph', 'static', _R),
    ('sv_return_cache_and_row_view', 'inductor_graph', 'static', _EQ),
    ('sv_return_clone_of_cache', 'inductor_graph', 'static', _EQ),
    ('sv_early_view_used_late', 'inductor_graph', 'static', _EQ),
    ('ws_batch1', 'inductor_graph', 'static', _EQ),
    ('al_weight_view_of_cache_in_graph', 'inductor_graph', 'static', _CCT),
    ('al_weight_input_aliases_cache', 'inductor_graph', 'static', _RCD),
    ('al_kv_cache_one_buffer_args', 'inductor_graph', 'static', _EQ),
    ('al_kv_cache_one_buffer_append', 'inductor_graph', 'static', _EQ),
    ('al_kv_halves_separate_args', 'inductor_graph', 'static', _EQ),
    ('al_kv_halves_then_read_big', 'inductor_graph', 'static', _EQ),
    ('al_kv_halves_snapshot_before', 'inductor_graph', 'static', _EQ),
    ('al_same_cache_twice_other_slots', 'inductor_graph', 'static', _EQ),
    ('al_detach_alias', 'inductor_graph', 'static', _EQ),
    ('al_detach_alias', 'inductor_graph', 'batch', _EQ),
    ('al_unsqueeze_select_alias', 'inductor_graph', 'static', _EQ),
    ('al_unsqueeze_select_alias', 'inductor_graph', 'batch', _EQ),
    ('al_meta_mutation_after', 'inductor_graph', 'static', _CCT),
    ('al_meta_mutation_before', 'inductor_graph', 'static', _CCT),
    ('al_old_rows_read_through_base', 'inductor_graph', 'static', _EQ),
    ('al_base_read_after', 'inductor_graph', 'static', _EQ),
    ('al_alias_arg_read_before', 'inductor_graph', 'static', _EQ),
    ('al_alias_arg_read_after', 'inductor_graph', 'static', _EQ),
    ('al_kv_clone_append_between', 'inductor_graph', 'static', _EQ),
    ('al_kv_clone_append_between', 'inductor_graph', 'batch', _EQ),
    ('al_kv_input_append_between', 'inductor_graph', 'static', _EQ),
    ('al_kv_input_append_between', 'inductor_graph', 'batch', _EQ),
    ('al_cache_clone_is_next_kv', 'inductor_graph', 'static', _EQ),
    ('ly_five_d_per_half', 'inductor_graph', 'static', _EQ),
    ('ly_five_d_per_half', 'inductor_graph', 'batch', _EQ),
    ('ly_five_d_joint', 'inductor_graph', 'static', _EQ),
    ('ly_five_d_layer_major_index', 'inductor_graph', 'static', _EQ),
    ('ly_five_d_attention_between', 'inductor_graph', 'static', _EQ),
    ('ly_weight_flipped', 'inductor_graph', 'static', _EQ),
    ('ly_weight_rolled', 'inductor_graph', 'static', _R),
    ('ly_weight_heads_swapped', 'inductor_graph', 'static', _R),
    ('ly_weight_reshape_scramble', 'inductor_graph', 'static', _EQ),
    ('ly_weight_reshape_scramble', 'inductor_graph', 'batch', _EQ),
    ('ly_lens_advanced_between_layers', 'inductor_graph', 'static', _EQ),
    ('ly_table_changed_after_step', 'inductor_graph', 'static', _EQ),
    ('ly_slots_reflected_after_step', 'inductor_graph', 'static', _EQ),
    ('rw_per_request_perm', 'inductor_graph', 'static', _R),
    ('rw_per_request_perm', 'inductor_graph', 'batch', _R),
    ('rw_per_request_pad_minus1', 'inductor_graph', 'static', _R),
    ('rw_per_request_kept_index_select', 'inductor_graph', 'static', _R),
    ('rw_flat_heads_of_noncontig', 'inductor_graph', 'static', _EQ),
    ('rw_flat_heads_of_noncontig_copyback', 'inductor_graph', 'static', _EQ),
    ('rw_masked_whole_cand_scaled', 'inductor_graph', 'static', _EQ),
    ('rw_masked_whole_mask_expand', 'inductor_graph', 'static', _EQ),
    ('rw_masked_whole_written_twice', 'inductor_graph', 'static', _R),
    ('rw_redirect_scratch_from_end', 'inductor_graph', 'static', _EQ),
    ('rw_redirect_two_caches_cat', 'inductor_graph', 'static', _R),
    ('kn_page_size_1', 'inductor_graph', 'static', _EQ),
    ('kn_page_size_1', 'inductor_graph', 'batch', _EQ),
    ('kn_page_size_3', 'inductor_graph', 'static', _EQ),
    ('kn_n1_d1', 'inductor_graph', 'static', _EQ),
    ('kn_n3_d7_fp16', 'inductor_graph', 'static', _EQ),
    ('kn_l64_d64_p16', 'inductor_graph', 'static', _EQ),
    ('kn_l16_d16', 'inductor_graph', 'static', _EQ),
    ('kn_l1_d1', 'inductor_graph', 'static', _EQ),
    ('kn_l16_d32_gapped', 'inductor_graph', 'static', _R),
    ('kn_l32_d48_gapped', 'inductor_graph', 'static', _R),
    ('kn_kv_offset_view', 'inductor_graph', 'static', _EQ),
    ('kn_kv_d_strided_view', 'inductor_graph', 'static', _EQ),
    ('kn_kv_head_major_storage', 'inductor_graph', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'inductor_graph', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'inductor_graph', 'batch', _EQ),
    ('sv_lens_advanced_after', 'inductor_graph', 'static', _R),
    ('sv_lens_advanced_after', 'inductor_graph', 'batch', _R),
    ('sv_lens_advanced_after', 'inductor_graph', 'dynamic', _R),
    ('sv_weight_scaled_after', 'inductor_graph', 'static', _EQ),
    ('sv_weight_scaled_after', 'inductor_graph', 'batch', _EQ),
    ('sv_table_shifted_after', 'inductor_graph', 'static', _EQ),
    ('sv_table_shifted_after', 'inductor_graph', 'batch', _EQ),
    ('sv_slots_shifted_after', 'inductor_graph', 'static', _EQ),
    ('sv_slots_shifted_after', 'inductor_graph', 'batch', _EQ),
    ('sv_kv_scaled_after', 'inductor_graph', 'static', _EQ),
    ('sv_kv_scaled_after', 'inductor_graph', 'batch', _EQ),
    ('al_kv_cache_overlap_args', 'inductor_graph', 'static', _RCD),
    ('lp_window_to_s_inclusive', 'inductor_graph', 'static', _CR),
    ('lp_window_to_s_inclusive', 'inductor_graph', 'batch', _CR),
    ('lp_window_to_s_inclusive', 'inductor_graph', 'dynamic', _CR),
    ('lp_window_to_s_inclusive_no_plus', 'inductor_graph', 'static', _R),
    ('ws_slots_int16_wrap', 'torchair_like', 'static', _R),
    ('ws_slots_int16_nowrap_control', 'torchair_like', 'static', _R),
    ('ws_slots_uint8_wrap', 'torchair_like', 'static', _R),
    ('ws_write_int16_keep_int64', 'torchair_like', 'static', _R),
    ('ws_slots_int32_write_int64_keep', 'torchair_like', 'static', _EQ),
    ('ws_slots_int32_write_int64_keep', 'torchair_like', 'batch', _EQ),
    ('ws_cache_d_strided_view', 'torchair_like', 'static', _EQ),
    ('ws_cache_d_strided_view_fp16', 'torchair_like', 'static', _EQ),
    ('ws_cache_head_major_storage', 'torchair_like', 'static', _EQ),
    ('ws_cache_offset_rows_view', 'torchair_like', 'static', _EQ),
    ('ws_padding_minus_S', 'torchair_like', 'static', _EQ),
    ('ws_padding_minus_S', 'torchair_like', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'torchair_like', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'torchair_like', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'torchair_like', 'dynamic', _EQ),
    ('ws_index_copy_neg_dim', 'torchair_like', 'static', _EQ),
    ('ws_scatter_dim0', 'torchair_like', 'static', _EQ),
    ('ws_scatter_dim0', 'torchair_like', 'batch', _EQ),
    ('ws_write_twice_same_rows', 'torchair_like', 'static', _EQ),
    ('ws_kept_take_along', 'torchair_like', 'static', _R),
    ('ws_kept_double_flip', 'torchair_like', 'static', _EQ),
    ('ws_kept_sorted_back', 'torchair_like', 'static', _R),
    ('ws_write_sorted', 'torchair_like', 'static', _R),
    ('ws_kept_bit_roundtrip', 'torchair_like', 'static', _R),
    ('ws_kept_bits_as_values_fp16', 'torchair_like', 'static', _R),
    ('sv_return_cache_and_row_view', 'torchair_like', 'static', _EQ),
    ('sv_return_clone_of_cache', 'torchair_like', 'static', _EQ),
    ('sv_early_view_used_late', 'torchair_like', 'static', _EQ),
    ('ws_batch1', 'torchair_like', 'static', _EQ),
    ('al_weight_view_of_cache_in_graph', 'torchair_like', 'static', _CCT),
    ('al_weight_input_aliases_cache', 'torchair_like', 'static', _RCD),
    ('al_kv_cache_one_buffer_args', 'torchair_like', 'static', _EQ),
    ('al_kv_cache_one_buffer_append', 'torchair_like', 'static', _EQ),
    ('al_kv_halves_separate_args', 'torchair_like', 'static', _EQ),
    ('al_kv_halves_then_read_big', 'torchair_like', 'static', _EQ),
    ('al_kv_halves_snapshot_before', 'torchair_like', 'static', _EQ),
    ('al_same_cache_twice_other_slots', 'torchair_like', 'static', _EQ),
    ('al_detach_alias', 'torchair_like', 'static', _EQ),
    ('al_detach_alias', 'torchair_like', 'batch', _EQ),
    ('al_unsqueeze_select_alias', 'torchair_like', 'static', _EQ),
    ('al_unsqueeze_select_alias', 'torchair_like', 'batch', _EQ),
    ('al_meta_mutation_after', 'torchair_like', 'static', _CCT),
    ('al_meta_mutation_before', 'torchair_like', 'static', _CCT),
    ('al_old_rows_read_through_base', 'torchair_like', 'static', _EQ),
    ('al_base_read_after', 'torchair_like', 'static', _EQ),
    ('al_alias_arg_read_before', 'torchair_like', 'static', _EQ),
    ('al_alias_arg_read_after', 'torchair_like', 'static', _EQ),
    ('al_kv_clone_append_between', 'torchair_like', 'static', _EQ),
    ('al_kv_clone_append_between', 'torchair_like', 'batch', _EQ),
    ('al_kv_input_append_between', 'torchair_like', 'static', _EQ),
    ('al_kv_input_append_between', 'torchair_like', 'batch', _EQ),
    ('al_cache_clone_is_next_kv', 'torchair_like', 'static', _EQ),
    ('ly_five_d_per_half', 'torchair_like', 'static', _EQ),
    ('ly_five_d_per_half', 'torchair_like', 'batch', _EQ),
    ('ly_five_d_joint', 'torchair_like', 'static', _EQ),
    ('ly_five_d_layer_major_index', 'torchair_like', 'static', _EQ),
    ('ly_five_d_attention_between', 'torchair_like', 'static', _EQ),
    ('ly_weight_flipped', 'torchair_like', 'static', _EQ),
    ('ly_weight_rolled', 'torchair_like', 'static', _EQ),
    ('ly_weight_heads_swapped', 'torchair_like', 'static', _R),
    ('ly_weight_reshape_scramble', 'torchair_like', 'static', _EQ),
    ('ly_weight_reshape_scramble', 'torchair_like', 'batch', _EQ),
    ('ly_lens_advanced_between_layers', 'torchair_like', 'static', _EQ),
    ('ly_table_changed_after_step', 'torchair_like', 'static', _EQ),
    ('ly_slots_reflected_after_step', 'torchair_like', 'static', _EQ),
    ('rw_per_request_perm', 'torchair_like', 'static', _R),
    ('rw_per_request_perm', 'torchair_like', 'batch', _R),
    ('rw_per_request_pad_minus1', 'torchair_like', 'static', _R),
    ('rw_per_request_kept_index_select', 'torchair_like', 'static', _R),
    ('rw_flat_heads_of_noncontig', 'torchair_like', 'static', _EQ),
    ('rw_flat_heads_of_noncontig_copyback', 'torchair_like', 'static', _EQ),
    ('rw_masked_whole_cand_scaled', 'torchair_like', 'static', _EQ),
    ('rw_masked_whole_mask_expand', 'torchair_like', 'static', _EQ),
    ('rw_masked_whole_written_twice', 'torchair_like', 'static', _R),
    ('rw_redirect_scratch_from_end', 'torchair_like', 'static', _EQ),
    ('rw_redirect_two_caches_cat', 'torchair_like', 'static', _R),
    ('kn_page_size_1', 'torchair_like', 'static', _EQ),
    ('kn_page_size_1', 'torchair_like', 'batch', _EQ),
    ('kn_page_size_3', 'torchair_like', 'static', _EQ),
    ('kn_n1_d1', 'torchair_like', 'static', _EQ),
    ('kn_n3_d7_fp16', 'torchair_like', 'static', _EQ),
    ('kn_l64_d64_p16', 'torchair_like', 'static', _EQ),
    ('kn_l16_d16', 'torchair_like', 'static', _EQ),
    ('kn_l1_d1', 'torchair_like', 'static', _EQ),
    ('kn_l16_d32_gapped', 'torchair_like', 'static', _R),
    ('kn_l32_d48_gapped', 'torchair_like', 'static', _R),
    ('kn_kv_offset_view', 'torchair_like', 'static', _EQ),
    ('kn_kv_d_strided_view', 'torchair_like', 'static', _EQ),
    ('kn_kv_head_major_storage', 'torchair_like', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'torchair_like', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'torchair_like', 'batch', _EQ),
    ('sv_lens_advanced_after', 'torchair_like', 'static', _R),
    ('sv_lens_advanced_after', 'torchair_like', 'batch', _R),
    ('sv_lens_advanced_after', 'torchair_like', 'dynamic', _R),
    ('sv_weight_scaled_after', 'torchair_like', 'static', _EQ),
    ('sv_weight_scaled_after', 'torchair_like', 'batch', _EQ),
    ('sv_table_shifted_after', 'torchair_like', 'static', _EQ),
    ('sv_table_shifted_after', 'torchair_like', 'batch', _EQ),
    ('sv_slots_shifted_after', 'torchair_like', 'static', _EQ),
    ('sv_slots_shifted_after', 'torchair_like', 'batch', _EQ),
    ('sv_kv_scaled_after', 'torchair_like', 'static', _EQ),
    ('sv_kv_scaled_after', 'torchair_like', 'batch', _EQ),
    ('al_kv_cache_overlap_args', 'torchair_like', 'static', _RCD),
    ('lp_window_to_s_inclusive', 'torchair_like', 'static', _FF),
    ('lp_window_to_s_inclusive', 'torchair_like', 'batch', _FF),
    ('lp_window_to_s_inclusive', 'torchair_like', 'dynamic', _FF),
    ('lp_window_to_s_inclusive_no_plus', 'torchair_like', 'static', _R),
    ('ws_cache_d_strided_view', 'inductor', 'static', _EQ),
    ('ws_cache_d_strided_view_fp16', 'inductor', 'static', _EQ),
    ('ws_cache_head_major_storage', 'inductor', 'static', _EQ),
    ('ws_cache_offset_rows_view', 'inductor', 'static', _EQ),
    ('ws_padding_minus_S', 'inductor', 'static', _EQ),
    ('ws_padding_minus_S', 'inductor', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'inductor', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'inductor', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'inductor', 'dynamic', _EQ),
    ('ws_index_copy_neg_dim', 'inductor', 'static', _EQ),
    ('ws_scatter_dim0', 'inductor', 'static', _EQ),
    ('ws_scatter_dim0', 'inductor', 'batch', _EQ),
    ('ws_write_twice_same_rows', 'inductor', 'static', _EQ),
    ('ws_kept_double_flip', 'inductor', 'static', _EQ),
    ('sv_return_cache_and_row_view', 'inductor', 'static', _EQ),
    ('sv_return_clone_of_cache', 'inductor', 'static', _EQ),
    ('sv_early_view_used_late', 'inductor', 'static', _EQ),
    ('ws_batch1', 'inductor', 'static', _EQ),
    ('al_weight_view_of_cache_in_graph', 'inductor', 'static', _R),
    ('al_weight_input_aliases_cache', 'inductor', 'static', _R),
    ('al_kv_cache_one_buffer_args', 'inductor', 'static', _EQ),
    ('al_kv_cache_one_buffer_append', 'inductor', 'static', _EQ),
    ('al_kv_halves_separate_args', 'inductor', 'static', _EQ),
    ('al_kv_halves_then_read_big', 'inductor', 'static', _EQ),
    ('al_kv_halves_snapshot_before', 'inductor', 'static', _EQ),
    ('al_same_cache_twice_other_slots', 'inductor', 'static', _EQ),
    ('al_detach_alias', 'inductor', 'static', _EQ),
    ('al_detach_alias', 'inductor', 'batch', _EQ),
    ('al_unsqueeze_select_alias', 'inductor', 'static', _EQ),
    ('al_unsqueeze_select_alias', 'inductor', 'batch', _EQ),
    ('al_meta_mutation_after', 'inductor', 'static', _CCT),
    ('al_meta_mutation_before', 'inductor', 'static', _CCT),
    ('al_old_rows_read_through_base', 'inductor', 'static', _EQ),
    ('al_base_read_after', 'inductor', 'static', _EQ),
    ('al_alias_arg_read_before', 'inductor', 'static', _EQ),
    ('al_alias_arg_read_after', 'inductor', 'static', _EQ),
    ('al_kv_clone_append_between', 'inductor', 'static', _EQ),
    ('al_kv_clone_append_between', 'inductor', 'batch', _EQ),
    ('al_kv_input_append_between', 'inductor', 'static', _EQ),
    ('al_kv_input_append_between', 'inductor', 'batch', _EQ),
    ('al_cache_clone_is_next_kv', 'inductor', 'static', _EQ),
    ('ly_five_d_per_half', 'inductor', 'static', _EQ),
    ('ly_five_d_per_half', 'inductor', 'batch', _EQ),
    ('ly_five_d_joint', 'inductor', 'static', _EQ),
    ('ly_five_d_layer_major_index', 'inductor', 'static', _EQ),
    ('ly_five_d_attention_between', 'inductor', 'static', _CD),
    ('ly_weight_flipped', 'inductor', 'static', _EQ),
    ('ly_weight_reshape_scramble', 'inductor', 'static', _EQ),
    ('ly_weight_reshape_scramble', 'inductor', 'batch', _EQ),
    ('ly_lens_advanced_between_layers', 'inductor', 'static', _EQ),
    ('ly_table_changed_after_step', 'inductor', 'static', _EQ),
    ('ly_slots_reflected_after_step', 'inductor', 'static', _EQ),
    ('rw_flat_heads_of_noncontig', 'inductor', 'static', _EQ),
    ('rw_flat_heads_of_noncontig_copyback', 'inductor', 'static', _EQ),
    ('rw_masked_whole_cand_scaled', 'inductor', 'static', _EQ),
    ('rw_masked_whole_mask_expand', 'inductor', 'static', _EQ),
    ('rw_redirect_scratch_from_end', 'inductor', 'static', _EQ),
    ('kn_page_size_1', 'inductor', 'static', _EQ),
    ('kn_page_size_1', 'inductor', 'batch', _EQ),
    ('kn_page_size_3', 'inductor', 'static', _EQ),
    ('kn_n1_d1', 'inductor', 'static', _EQ),
    ('kn_n3_d7_fp16', 'inductor', 'static', _EQ),
    ('kn_l64_d64_p16', 'inductor', 'static', _EQ),
    ('kn_l16_d16', 'inductor', 'static', _EQ),
    ('kn_l1_d1', 'inductor', 'static', _EQ),
    ('kn_l16_d32_gapped', 'inductor', 'static', _R),
    ('kn_l32_d48_gapped', 'inductor', 'static', _R),
    ('kn_kv_offset_view', 'inductor', 'static', _EQ),
    ('kn_kv_d_strided_view', 'inductor', 'static', _EQ),
    ('kn_kv_head_major_storage', 'inductor', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'inductor', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'inductor', 'batch', _EQ),
    ('sv_lens_advanced_after', 'inductor', 'static', _R),
    ('sv_lens_advanced_after', 'inductor', 'batch', _R),
    ('sv_lens_advanced_after', 'inductor', 'dynamic', _R),
    ('sv_weight_scaled_after', 'inductor', 'static', _EQ),
    ('sv_weight_scaled_after', 'inductor', 'batch', _EQ),
    ('sv_table_shifted_after', 'inductor', 'static', _EQ),
    ('sv_table_shifted_after', 'inductor', 'batch', _EQ),
    ('sv_slots_shifted_after', 'inductor', 'static', _EQ),
    ('sv_slots_shifted_after', 'inductor', 'batch', _EQ),
    ('sv_kv_scaled_after', 'inductor', 'static', _EQ),
    ('sv_kv_scaled_after', 'inductor', 'batch', _EQ),
    ('al_kv_cache_overlap_args', 'inductor', 'static', _RCD),
    ('lp_window_to_s_inclusive', 'inductor', 'static', _CR),
    ('lp_window_to_s_inclusive', 'inductor', 'batch', _CR),
    ('lp_window_to_s_inclusive', 'inductor', 'dynamic', _CR),
    ('lp_window_to_s_inclusive_no_plus', 'inductor', 'static', _R),
    ('ws_cache_d_strided_view', 'vllm_post', 'static', _EQ),
    ('ws_cache_d_strided_view_fp16', 'vllm_post', 'static', _EQ),
    ('ws_cache_head_major_storage', 'vllm_post', 'static', _EQ),
    ('ws_cache_offset_rows_view', 'vllm_post', 'static', _EQ),
    ('ws_padding_minus_S', 'vllm_post', 'static', _EQ),
    ('ws_padding_minus_S', 'vllm_post', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'vllm_post', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'vllm_post', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'vllm_post', 'dynamic', _EQ),
    ('ws_scatter_dim0', 'vllm_post', 'static', _EQ),
    ('ws_scatter_dim0', 'vllm_post', 'batch', _EQ),
    ('ws_write_twice_same_rows', 'vllm_post', 'static', _EQ),
    ('sv_return_cache_and_row_view', 'vllm_post', 'static', _EQ),
    ('sv_return_clone_of_cache', 'vllm_post', 'static', _EQ),
    ('sv_early_view_used_late', 'vllm_post', 'static', _EQ),
    ('al_kv_cache_one_buffer_args', 'vllm_post', 'static', _EQ),
    ('al_kv_cache_one_buffer_append', 'vllm_post', 'static', _EQ),
    ('al_kv_halves_separate_args', 'vllm_post', 'static', _EQ),
    ('al_kv_halves_then_read_big', 'vllm_post', 'static', _EQ),
    ('al_kv_halves_snapshot_before', 'vllm_post', 'static', _EQ),
    ('al_same_cache_twice_other_slots', 'vllm_post', 'static', _EQ),
    ('al_detach_alias', 'vllm_post', 'static', _EQ),
    ('al_detach_alias', 'vllm_post', 'batch', _EQ),
    ('al_unsqueeze_select_alias', 'vllm_post', 'static', _EQ),
    ('al_unsqueeze_select_alias', 'vllm_post', 'batch', _EQ),
    ('al_old_rows_read_through_base', 'vllm_post', 'static', _EQ),
    ('al_base_read_after', 'vllm_post', 'static', _EQ),
    ('al_alias_arg_read_before', 'vllm_post', 'static', _EQ),
    ('al_alias_arg_read_after', 'vllm_post', 'static', _EQ),
    ('al_kv_clone_append_between', 'vllm_post', 'static', _EQ),
    ('al_kv_clone_append_between', 'vllm_post', 'batch', _EQ),
    ('al_kv_input_append_between', 'vllm_post', 'static', _EQ),
    ('al_kv_input_append_between', 'vllm_post', 'batch', _EQ),
    ('al_cache_clone_is_next_kv', 'vllm_post', 'static', _EQ),
    ('ly_five_d_per_half', 'vllm_post', 'static', _EQ),
    ('ly_five_d_per_half', 'vllm_post', 'batch', _EQ),
    ('ly_five_d_joint', 'vllm_post', 'static', _EQ),
    ('ly_weight_flipped', 'vllm_post', 'static', _EQ),
    ('ly_lens_advanced_between_layers', 'vllm_post', 'static', _EQ),
    ('ly_table_changed_after_step', 'vllm_post', 'static', _EQ),
    ('ly_slots_reflected_after_step', 'vllm_post', 'static', _EQ),
    ('rw_flat_heads_of_noncontig', 'vllm_post', 'static', _EQ),
    ('rw_flat_heads_of_noncontig_copyback', 'vllm_post', 'static', _EQ),
    ('rw_masked_whole_cand_scaled', 'vllm_post', 'static', _EQ),
    ('rw_redirect_scratch_from_end', 'vllm_post', 'static', _EQ),
    ('kn_page_size_1', 'vllm_post', 'static', _EQ),
    ('kn_page_size_1', 'vllm_post', 'batch', _EQ),
    ('kn_page_size_3', 'vllm_post', 'static', _EQ),
    ('kn_n1_d1', 'vllm_post', 'static', _EQ),
    ('kn_n3_d7_fp16', 'vllm_post', 'static', _EQ),
    ('kn_l64_d64_p16', 'vllm_post', 'static', _EQ),
    ('kn_l1_d1', 'vllm_post', 'static', _EQ),
    ('kn_kv_offset_view', 'vllm_post', 'static', _EQ),
    ('kn_kv_d_strided_view', 'vllm_post', 'static', _EQ),
    ('kn_kv_head_major_storage', 'vllm_post', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'vllm_post', 'static', _EQ),
    ('kn_huge_unread_page_ids', 'vllm_post', 'batch', _EQ),
    ('sv_lens_advanced_after', 'vllm_post', 'static', _R),
    ('sv_lens_advanced_after', 'vllm_post', 'batch', _R),
    ('sv_lens_advanced_after', 'vllm_post', 'dynamic', _R),
    ('sv_weight_scaled_after', 'vllm_post', 'static', _EQ),
    ('sv_weight_scaled_after', 'vllm_post', 'batch', _EQ),
    ('sv_table_shifted_after', 'vllm_post', 'static', _EQ),
    ('sv_table_shifted_after', 'vllm_post', 'batch', _EQ),
    ('sv_slots_shifted_after', 'vllm_post', 'static', _EQ),
    ('sv_slots_shifted_after', 'vllm_post', 'batch', _EQ),
    ('sv_kv_scaled_after', 'vllm_post', 'static', _EQ),
    ('sv_kv_scaled_after', 'vllm_post', 'batch', _EQ),
    ('al_kv_cache_overlap_args', 'vllm_post', 'static', _RCD),
    ('ly_five_d_layer_major_index', 'vllm_post', 'static', _EQ),
    ('ly_five_d_attention_between', 'vllm_post', 'static', _EQ),
    ('lp_window_to_s_inclusive', 'vllm_post', 'static', _CR),
    ('lp_window_to_s_inclusive', 'vllm_post', 'batch', _CR),
    ('lp_window_to_s_inclusive', 'vllm_post', 'dynamic', _CR),
    ('lp_window_to_s_inclusive_no_plus', 'vllm_post', 'static', _R),
    ('ws_cache_d_strided_view', 'aot_outputs', 'static', _EQ),
    ('ws_cache_d_strided_view_fp16', 'aot_outputs', 'static', _EQ),
    ('ws_cache_head_major_storage', 'aot_outputs', 'static', _EQ),
    ('ws_cache_offset_rows_view', 'aot_outputs', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'aot_outputs', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'aot_outputs', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'aot_outputs', 'dynamic', _EQ),
    ('sv_return_cache_and_row_view', 'aot_outputs', 'static', _EQ),
    ('sv_return_clone_of_cache', 'aot_outputs', 'static', _EQ),
    ('sv_early_view_used_late', 'aot_outputs', 'static', _EQ),
    ('sv_lens_advanced_after', 'aot_outputs', 'static', _EQ),
    ('sv_lens_advanced_after', 'aot_outputs', 'batch', _EQ),
    ('sv_lens_advanced_after', 'aot_outputs', 'dynamic', _R),
    ('sv_weight_scaled_after', 'aot_outputs', 'static', _EQ),
    ('sv_weight_scaled_after', 'aot_outputs', 'batch', _EQ),
    ('sv_table_shifted_after', 'aot_outputs', 'static', _EQ),
    ('sv_table_shifted_after', 'aot_outputs', 'batch', _EQ),
    ('sv_slots_shifted_after', 'aot_outputs', 'static', _EQ),
    ('sv_slots_shifted_after', 'aot_outputs', 'batch', _EQ),
    ('sv_kv_scaled_after', 'aot_outputs', 'static', _EQ),
    ('sv_kv_scaled_after', 'aot_outputs', 'batch', _EQ),
    ('al_kv_cache_one_buffer_args', 'aot_outputs', 'static', _EQ),
    ('al_kv_cache_overlap_args', 'aot_outputs', 'static', _RCD),
    ('al_kv_cache_one_buffer_append', 'aot_outputs', 'static', _EQ),
    ('al_kv_halves_separate_args', 'aot_outputs', 'static', _EQ),
    ('al_kv_halves_then_read_big', 'aot_outputs', 'static', _EQ),
    ('al_kv_halves_snapshot_before', 'aot_outputs', 'static', _EQ),
    ('al_same_cache_twice_other_slots', 'aot_outputs', 'static', _EQ),
    ('al_detach_alias', 'aot_outputs', 'static', _EQ),
    ('al_detach_alias', 'aot_outputs', 'batch', _EQ),
    ('al_base_read_after', 'aot_outputs', 'static', _EQ),
    ('al_alias_arg_read_before', 'aot_outputs', 'static', _EQ),
    ('al_alias_arg_read_after', 'aot_outputs', 'static', _EQ),
    ('al_kv_clone_append_between', 'aot_outputs', 'static', _EQ),
    ('al_kv_clone_append_between', 'aot_outputs', 'batch', _EQ),
    ('al_kv_input_append_between', 'aot_outputs', 'static', _EQ),
    ('al_kv_input_append_between', 'aot_outputs', 'batch', _EQ),
    ('al_cache_clone_is_next_kv', 'aot_outputs', 'static', _EQ),
    ('ly_five_d_per_half', 'aot_outputs', 'static', _EQ),
    ('ly_five_d_per_half', 'aot_outputs', 'batch', _EQ),
    ('ly_five_d_joint', 'aot_outputs', 'static', _EQ),
    ('ly_table_changed_after_step', 'aot_outputs', 'static', _EQ),
    ('ly_slots_reflected_after_step', 'aot_outputs', 'static', _EQ),
    ('rw_flat_heads_of_noncontig', 'aot_outputs', 'static', _EQ),
    ('rw_flat_heads_of_noncontig_copyback', 'aot_outputs', 'static', _EQ),
    ('rw_masked_whole_cand_scaled', 'aot_outputs', 'static', _EQ),
    ('rw_redirect_scratch_from_end', 'aot_outputs', 'static', _EQ),
    ('kn_page_size_1', 'aot_outputs', 'static', _EQ),
    ('kn_page_size_1', 'aot_outputs', 'batch', _EQ),
    ('kn_l64_d64_p16', 'aot_outputs', 'static', _EQ),
    ('kn_kv_offset_view', 'aot_outputs', 'static', _EQ),
    ('lp_window_to_s_inclusive', 'aot_outputs', 'static', _FF),
    ('lp_window_to_s_inclusive', 'aot_outputs', 'batch', _FF),
    ('lp_window_to_s_inclusive', 'aot_outputs', 'dynamic', _FF),
    ('lp_window_to_s_inclusive_no_plus', 'aot_outputs', 'static', _R),
    ('ws_cache_d_strided_view', 'torchair', 'static', _EQ),
    ('ws_cache_d_strided_view_fp16', 'torchair', 'static', _EQ),
    ('ws_cache_offset_rows_view', 'torchair', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'torchair', 'static', _EQ),
    ('ws_padding_minus_1_int32', 'torchair', 'batch', _EQ),
    ('ws_padding_minus_1_int32', 'torchair', 'dynamic', _EQ),
    ('sv_kv_scaled_after', 'torchair', 'static', _EQ),
    ('sv_kv_scaled_after', 'torchair', 'batch', _EQ),
    ('al_kv_halves_snapshot_before', 'torchair', 'static', _EQ),
    ('al_alias_arg_read_before', 'torchair', 'static', _EQ),
    ('ly_five_d_per_half', 'torchair', 'static', _EQ),
    ('ly_five_d_per_half', 'torchair', 'batch', _EQ),
    ('rw_masked_whole_cand_scaled', 'torchair', 'static', _EQ),
    ('rw_redirect_scratch_from_end', 'torchair', 'static', _EQ),
    ('kn_page_size_3', 'torchair', 'static', _EQ),
    ('kn_n3_d7_fp16', 'torchair', 'static', _EQ),
    ('kn_l64_d64_p16', 'torchair', 'static', _EQ),
    ('lp_window_to_s_inclusive', 'torchair', 'static', _CD),
    ('lp_window_to_s_inclusive', 'torchair', 'batch', _CD),
    ('lp_window_to_s_inclusive', 'torchair', 'dynamic', _CD),
    ('lp_window_to_s_inclusive_no_plus', 'torchair', 'static', _R),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
