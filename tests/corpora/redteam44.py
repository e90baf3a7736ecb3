"""Forty-fourth adversarial review of the recogniser (round 44; a fresh review of 89672af: whole-model contexts --
caches that alias the paged input or feed a second step, steps around in-place writes of their KV and weight --;
sizes the guards accept under dynamic=True / mark_dynamic that the probes never evaluated -- the window, the stride,
the batch, the cache rows and the block count read from SHAPES --; issue 18's classes in new spellings; the newest
rules under dtype promotion (rewrite._leading_select / _picked, split_concatenated_writes / _last_dim_part, and
split_stacked_writes' _Pusher)).

Same format as redteam25 / redteam42 / redteam43: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the
factory returns ``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner:
redteam7's ``classify7`` through :func:`classify44`.

    cd /tmp/base46 && PYTHONPATH=/tmp/base46 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam44.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base46 = 89672af, 22:13-22:24 UTC 2026-12-05, both graph dialects run
side by side): 63 attacks in 5 themes (wm_ 15, dy_ 18, cl_ 17, ls_ 6, scp_ 7), 189 runs per graph dialect (every attack
in static, batch, dynamic):

    inductor_graph  189 runs: 4 FALSE FUSION / 0 CRASH / 74 fused & equal / 102 refused / 6 control differs /
                    3 control crashes too
    torchair_like   189 runs: 4 FALSE FUSION / 0 CRASH / 83 fused & equal / 99 refused / 3 control crashes too
    FALSE FUSION (both dialects): scp_half_v_bias, scp_bf16_v_bias in static and batch (dynamic refused: symbolic D).

Per theme: wm_ inductor_graph 24 EQ / 12 R / 6 CD / 3 CCT, torchair_like 27 EQ / 15 R / 3 CCT; dy_ inductor_graph
30 EQ / 24 R, torchair_like 36 EQ / 18 R; cl_ 8 EQ / 43 R (both); ls_ 12 EQ / 6 R (both); scp_ 4 FF / 17 R (both).
Not counted (attack bugs, kept as run): wm_kv_appended_after / _before write ``kv[0, 0] * 0 + 7.0`` and kv[0, 0] is an
unowned NaN page, so eager writes NaN where plain Inductor folds ``x * 0`` (CONTROL DIFFERS, inductor_graph, all
modes); wm_overlapping_views{,_reversed}, wm_kept_from_second_cache_written under mark_dynamic do not mark the extra
slot map, which dynamo ties to the batch (CONTROL CRASHES TOO: ConstraintViolationError).

Later runs (``_LATER``, not the first try): a second batch written after the first try showed F1 (``SECOND``: scp_ 6,
sst_ 5, lsx_ 4 = 15 attacks, 45 runs per graph dialect, 22:27-22:31 UTC): inductor_graph and torchair_like alike
12 FALSE FUSION / 0 CRASH / 17 fused & equal / 16 refused (FF: scp_half_v_sub, scp_half_v_bias_in_where,
scp_bf16_v_bias_fp16_cache_k32 in static and batch; sst_bias_zeros_half, sst_bias_zeros_bf16 in EVERY mode, dynamic=True
included).  Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend, 22:23 and 22:31-22:34 UTC) 27 runs:
scp_half_v_bias, scp_bf16_v_bias, scp_half_v_sub, scp_half_v_bias_in_where, scp_bf16_v_bias_fp16_cache_k32,
sst_bias_zeros_half, sst_bias_zeros_bf16, and the controls scp_half_v_bias_fp32_control, sst_plain_half (3 modes
each): 16 FALSE FUSION (every graph-dialect false fusion confirmed, the pass-off control equal to eager) / 5 fused &
equal (the controls) / 6 refused (the scp_ attacks under dynamic=True).  Standalone repro: /tmp/rt44/repro44.py
(its output in F1 below).

FOUND:

* F1 FALSE FUSION (7 attacks; the concatenated write in static and mark_dynamic, the stacked write in every mode incl.
  dynamic=True; both graph dialects and REAL Inductor codegen; control equal to eager): a joint K|V write whose values
  are a ``cat`` (last dim, DeepSeek's [S, N, 2D] cache) or a ``stack`` (vLLM's [2, S, N, D] cache) of an fp32 part and
  a LOWER-precision part -- torch promotes the cat / stack to fp32 -- followed by an elementwise op on the joint value
  that is the identity on the fused part (``+ bias`` with bias 0 on K, ``- bias``, the add inside the where):

      h = cache.shape[-1] // 2                                 # fp32 cache [S, N, 16]; fp32 KV and weight
      pk, pv = pool(tok[..., :h], w), pool(tok[..., h:], w)    # fp32 window sums
      c = torch.cat((pk, pv.half()), -1)                       # fp32: the V half holds fp16 values
      bias = torch.cat((torch.zeros(h), torch.full((h,), 1 / 3))).half()
      cache[s] = torch.where(valid[:, None, None], (c + bias).to(cache.dtype), cache[s])

  Eager adds in fp32 (``fp32(pv.half()) + fp32(bias)``).  The pass splits the write per part and pushes ``+ bias``
  onto each part AS THE PART IS: the K part ``pk + 0`` is the contract and fuses, so the split is kept; the V part
  becomes ``pv.half() + bias[h:]`` -- an fp16 add (graph dialects: the sum rounded to fp16, 0.404296875 vs eager
  0.40435791015625; real Inductor: a low-precision chain fused in one kernel, the downcast of ``pv.half()`` elided,
  0.15706381 vs eager 0.156982421875): 46-48 cache values differ at B = 12.  Same on an fp16 cache with a bf16 V part
  (``cat((pk, pv.bfloat16())) + bias.bfloat16()``: a bf16 add then fp16, against one rounding from fp32;
  scp_bf16_v_bias_fp16_cache_k32), and for the stacked cache (``stack((pk, pv.half())) + stack((zeros, 1/3)).half()``,
  sst_bias_zeros_*: 93-96 values, every mode).  Not a valid-input question: every input is valid and finite where it
  differs; the model is plain torch code (a per-column offset on a V half stored in lower precision).
  Rule: nsa_fusion/rewrite.py:_last_dim_part (called by split_concatenated_writes) returns a cat part as it is
  (``got = part`` from ``_cat_spans``, no cast to the cat's dtype) and rebuilds every ``_LAST_DIM_PUSHED`` op (where,
  mul, add, sub, div, casts) on the pushed operands, whose result dtype then follows the PARTS' promotion, not the
  original op's; likewise nsa_fusion/rewrite.py:_Pusher._part / _push (split_stacked_writes: ``parts[h]`` or the
  unsqueezed part as it is, ``_ELEMENTWISE`` rebuilt on the halves).  The docstrings' "an identity on values" holds
  only where every part has the cat's dtype.  settle_stacked_splits keeps the split because one part fused.
  Fix direction: where a part's dtype differs from its cat's / stack's, push ``convert_element_type(part, cat dtype)``
  (or refuse the split).  rewrite._picked (_leading_select) returns a cat part the same way (the lsx_ attacks below
  did not show it).
  Repro (/tmp/rt44/repro44.py; ``concat`` / ``concat_fp16_cache`` / ``stacked``; ``inductor`` / ``graph``):
      concat inductor: pass off: fused 0, 0 cache values differ from eager
      concat inductor: pass on : fused 1, 48 cache values differ from eager (first at [1, 0, 8]: got 0.1570638120174408,
                       eager 0.156982421875)
      stacked inductor: pass on : fused 1, 96 cache values differ (first at [1, 1, 0, 0]: got -2.0885417461395264,
                       eager -2.088623046875)
      concat_fp16_cache inductor: pass on : fused 1, 17 values differ (got 0.1566162109375, eager 0.1572265625)
  FIXED (5c84000, 1455157; the developer's note, not the reviewer's): a part is never taken out of a cat / stack of
  another dtype (rewrite._keeps_dtype), and a joint write fuses whole or not at all (NsaFusionPass._consider_joint).
  Casting the part back to the cat's dtype was not enough: with the K part fused and the V part unfused, real Inductor
  compiled the split form's ``convert(full(1/3), fp16)`` bias inside one kernel without the fp16 rounding (its
  non-emulated precision casts), where the joint form's constant is folded into a rounded tensor.  Rerun of all 78
  attacks on 5c84000 (23:00-23:25 UTC): torchair_like 234 runs 0 FALSE FUSION / 0 CRASH / 80 fused & equal / 151
  refused / 3 control crashes too; inductor_graph 234 runs 0 FALSE FUSION / 71 fused & equal / 149 refused / 6 control
  differs / 3 control crashes too / 5 CRASH (sst_* under mark_dynamic: the promoting stack, no longer split through
  its cat, was pushed through the reshape path at the sizes' hints, which guarded the batch: ConstraintViolationError;
  fixed in 1455157, the five runs refused since).

Not found (equal or refused; the idea each tried):

* wm_ whole-model contexts: the compressed rows written into the KV pool's own flat token rows (slots inside other
  rows' windows, inside their own window, in unowned pages): refused (``write: the cache is a view of the paged
  input``).  Two levels, level 2 compressing level 1's cache viewed as pages of 16 (after level 1 wrote rows level 2's
  windows read, or before): fused & equal, every mode, both dialects.  The KV's window tokens overwritten after the
  step: torchair_like fused & equal (inductor_graph: attack bug above).  w.mul_(2) after the step: fused & equal;
  before: refused (weight computed); ``w[3] = w[5]`` before: fused & equal (inductor_graph), refused (torchair_like).
  A view of the cache (``cache[:S//2]``, ``cache.transpose(1, 2)``) taken before the step and returned after: fused &
  equal.  Steps on ``cache`` and ``cache[1:]`` (either order), a step keeping another cache's rows that a first step
  wrote: fused & equal (static, dynamic).
* dy_ sizes read from shapes: the window from ``w.shape[0]`` / ``8 * pages`` (l = 64 on a later call), the stride from
  ``w.shape[0] // 2`` / ``8 * N`` / ``4 * pages``: fused & equal static and mark_dynamic (recompiles), refused under
  dynamic=True (``prims.iota numbers a dimension whose size changes`` / ``at other sizes the step has l=32, d=20``)
  except the stride from the heads (fused & equal, recompiled).  Batch size in the condition (``% 17``, ``< 20``,
  ``& 16``; calls at B = 12, 16, 17, 34, 24): refused under batch / dynamic (mask: batch size as a value).  Cache rows
  ``% 7``, block count ``< 200``, capacity ``!= 512`` in the condition: refused (inductor_graph) or fused & equal with
  a recompile per size (torchair_like).  ``lens * 2 <= capacity + 1000``: refused under dynamic (condition False at
  640).  Slots ``% (S - 1)`` with a written row on S - 1: refused; ``% S`` / ``(s + S) % S``: fused & equal.
  Positions clamped one short of the capacity: refused; ``pos % capacity``, ``page % pages``: fused & equal
  (the capacity specialised).  Scratch (not in ATTACKS, /tmp/rt44/gen.py, static + dynamic, inductor_graph):
  ``pos % (NB * P)``, ``page % NB``, ``pos.clamp(max=NB * P - 1)`` (later calls with 3 / 2 shared blocks, below the
  capacity), ``pos.clamp(max=8 S - 1)``, ``pos % (8 S)`` (later calls with fewer slots): static fused & equal (each
  size recompiles), dynamic refused (remainder / clamp by a non-constant).  Sizes._generalize's other sizes (every
  moving symbol + 1) would let a relation between two loose sizes that holds at the hint and hint + 1 through, but
  the length-valued ops it would need are refused before that.
* cl_ issue 18 spellings: kept rows through isnan-any / copysign / fmax(x, x) / where(x == 0, 0, x) /
  maximum(x, -inf): refused (keep); new rows fmax / maximum with -inf, where(new != new, new, new), ``* -1 * -1``,
  ``* 32 / 32``: refused; ``new - (-0.0)``, ``new + (-0.0)``: fused & equal.  Page ids through int16 + a padding
  select (ids 39968..39999), uint8, fp16 (ids to 4097): refused (roles cast check); through fp32: fused & equal
  (static, batch; refused under dynamic).  An fp32 sum rounded to fp16 on a bf16 cache: refused.
* ls_ / lsx_ leading select of a cat that promotes (fp32 K beside fp16 V, either half), reshape(-1, ...) at the
  selected dim, expand then select: fused & equal; an int32 part (refused: gather), an fp64 part (refused: dtype).
  lsx_: the fp16 half of an fp32 cat read again beside the step (returned as is, * 1/3, summed, + the other half):
  fused & equal in every mode (the second reader kept its fp32 value: F1's mechanism not shown for _picked).
* scp_ / sst_ near misses: the K part scaled (``* cat(1, 1/3)``, ``/ cat(1, 3)``, ``* 2^20 * 2^-20``): refused
  (pooling: scales the sum); a bf16 V on an fp16 cache with K cast to fp16 first: refused (arithmetic on a value
  already rounded); three parts: refused (gather); the bias in fp32 (the pushed add stays fp32): fused & equal (also
  real Inductor); the stacked bias as a [2] tensor constant (``tensor([0, 1/3]).view(2, 1, 1, 1)``): refused
  (pooling: a bias) -- as zeros / 1/3 fills it fuses (F1).
* Read, not attacked for lack of time: restore_page_counts / expose_page_counts with a second FlashInfer-shaped sum
  of another page size (the reroute to ``(s2 - 1) // P2`` is >= n - 1 there, harmless for a page clamp), bound_inputs
  (rounds 41-43), BatchPlan._rows_gathered (round 43).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"


def _q(s):
    return s >= L and (s - L) % STRIDE == 0


def _dyadic_weight(l, N, seed, dtype=torch.float16):
    g = torch.Generator().manual_seed(seed)
    return (torch.randint(-2047, 2048, (l, N), generator=g) / 1024).to(dtype)


# --- 1. whole-model contexts: the cache inside the KV pool, a second level reading the first, in-place neighbours ----
def _wm(kind):
    def step(kv, w, slots, table, lens, cache, *extra):
        N, D = kv.shape[2], kv.shape[3]
        if kind.startswith("kv_flat_as_cache"):  # the compressed rows live in the KV pool's own token rows
            flat = kv.view(-1, N, D)
            return write(flat, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), kv
        if kind in ("hier", "hier_reversed", "hier_same_slots_table"):
            slots2, table2, lens2, cache2 = extra
            kv2 = cache.view(-1, 16, N, D)  # level 2 reads level 1's cache as pages of 16 rows
            if kind == "hier_reversed":  # level 2 first: reads the old cache rows, then level 1 writes them
                write(cache2, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
                write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            else:
                write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
                write(cache2, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache, cache2
        if kind == "kv_appended_after":  # the step, then an append into the tokens its windows read
            out = write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            P = kv.shape[1]
            pos = (lens.long() - 1).clamp(min=0)
            kv[table.long().gather(1, (pos // P)[:, None])[:, 0], pos % P] = kv[0, 0] * 0 + 7.0
            return out, kv
        if kind == "kv_appended_before":  # an append into the last window token, then the step (reads the new one)
            P = kv.shape[1]
            pos = (lens.long() - 1).clamp(min=0)
            kv[table.long().gather(1, (pos // P)[:, None])[:, 0], pos % P] = kv[0, 0] * 0 + 7.0
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), kv
        if kind == "weight_scaled_after":  # w *= 2 after the step (the weight input mutated)
            out = write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            w.mul_(2)
            return out, w
        if kind == "weight_scaled_before":
            w.mul_(2)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), w
        if kind == "weight_row_set_before":  # one weight row overwritten in place before the step
            w[3] = w[5]
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), w
        if kind == "view_returned":  # a view of the cache taken before the step, returned after (eager: updated)
            v = cache[: cache.shape[0] // 2]
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return v
        if kind == "view_returned_transposed":
            v = cache.transpose(1, 2)
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return v
        if kind == "overlapping_views":  # step on cache, second step on cache[1:] (rows shifted by one)
            (slots2,) = extra
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            write(cache[1:], slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            return cache
        if kind == "overlapping_views_reversed":  # the cache[1:] step first
            (slots2,) = extra
            write(cache[1:], slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return cache
        if kind == "kept_from_second_cache_written":  # keep rows from cache2, which a first step wrote
            (slots2, cache2) = extra
            write(cache2, slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            s = slots.long()
            cache[s] = torch.where(completes(lens)[:, None, None],
                                   pool(tokens(kv, table, positions(lens)), w).to(cache.dtype), cache2[s])
            return cache, cache2
        raise AssertionError(kind)
    return step


def _kv_flat_inputs(where="cyclic", B=40, seed=0):
    """build() with the slots inside the KV pool's flat token rows: 'cyclic': row b's slot is the first token of the
    NEXT completing row's window (the last's is the first's); 'own': the first token of its own window; 'unread': a
    token of a page nobody owns.  Non-completing rows get distinct rows of unowned pages (never a written row)."""
    a = list(build(B=B, seed=seed).args)
    kv, table, lens = a[0], a[3].long(), a[4].long()
    NB, P = kv.shape[0], kv.shape[1]
    owned = set(table.flatten().tolist())
    spare = [p * P + o for p in range(NB) if p not in owned for o in range(P)]
    q = [b for b in range(B) if _q(int(lens[b]))]

    def first_tok(b):
        p = int(lens[b]) - L
        return int(table[b, p // P]) * P + p % P

    slots = torch.empty(B, dtype=torch.long)
    for i, b in enumerate(q):
        slots[b] = {"cyclic": first_tok(q[(i + 1) % len(q)]), "own": first_tok(b), "unread": spare[i]}[where]
    rest = [b for b in range(B) if b not in q]
    for i, b in enumerate(rest):
        slots[b] = spare[len(q) + i]
    a[2] = slots.to(a[2].dtype)
    return a


def _hier_inputs(B=40, seed=0, same=False):
    """Level 1 (P = 64) writes rows of ``cache``; level 2 reads ``cache`` as pages of 16 rows (its own block table,
    lengths, slots into ``cache2``).  Level 1's slots are spread over the rows level 2's windows read."""
    a2 = list(build(B=B, P=16, seed=seed + 1).args)
    kv2 = a2[0]
    rows = kv2.shape[0] * 16
    a = list(build(B=B, seed=seed, num_slots=rows).args)
    a[5] = kv2.reshape(rows, kv2.shape[2], kv2.shape[3]).clone()  # level 1's cache = level 2's pages
    g = torch.Generator().manual_seed(seed + 7)
    # level 1 writes rows that level 2's windows read (the last token of each window), distinct
    t2, l2 = a2[3].long(), a2[4].long()
    read = []
    for b in range(B):
        s = int(l2[b])
        if _q(s):
            p = s - 1
            read.append(int(t2[b, p // 16]) * 16 + p % 16)
    free = [r for r in torch.randperm(rows, generator=g).tolist() if r not in set(read)]
    sl = (read + free)[:B]
    a[2] = torch.tensor(sl, dtype=a[2].dtype)
    return a + [a2[2], a2[3], a2[4], a2[5]]


def _overlap_inputs(B=40, seed=0):
    """Two slot maps: ``slots`` into ``cache``, ``slots2`` into ``cache[1:]`` naming rows disjoint from ``slots``
    (row r of cache[1:] is row r + 1 of cache)."""
    a = list(build(B=B, seed=seed, num_slots=4 * B + 10).args)
    S = a[5].shape[0]
    taken = set(a[2].tolist())
    free = [r - 1 for r in range(1, S) if r not in taken]
    g = torch.Generator().manual_seed(seed + 3)
    a.append(torch.tensor(free, dtype=a[2].dtype)[torch.randperm(len(free), generator=g)[:B]])
    return a


def _kept2_inputs(B=40, seed=0):
    a = _overlap_inputs(B, seed)
    a[-1] = (a[-1] + 1).to(a[2].dtype)
    a.append(a[5].clone().flip(0))
    return a


WM = [
    ("wm_kv_flat_as_cache_cyclic", _mk(_wm("kv_flat_as_cache"), lambda: [_kv_flat_inputs("cyclic"),
                                                                          _kv_flat_inputs("cyclic", seed=1)], MODES3),
     "the compressed rows written into the KV pool's flat token rows; row b's slot the first token of the next "
     "completing row's window (eager reads every window before writing)"),
    ("wm_kv_flat_as_cache_own", _mk(_wm("kv_flat_as_cache"), lambda: [_kv_flat_inputs("own"),
                                                                       _kv_flat_inputs("own", seed=1)], MODES3),
     "the same, each row's slot the first token of its own window"),
    ("wm_kv_flat_as_cache_unread", _mk(_wm("kv_flat_as_cache"), lambda: [_kv_flat_inputs("unread"),
                                                                          _kv_flat_inputs("unread", seed=1)], MODES3),
     "the same, slots in pages nobody owns (control)"),
    ("wm_hier", _mk(_wm("hier"), lambda: [_hier_inputs(), _hier_inputs(seed=2)], MODES3),
     "two levels: level 2 compresses level 1's cache (viewed as pages of 16) right after level 1 wrote it"),
    ("wm_hier_reversed", _mk(_wm("hier_reversed"), lambda: [_hier_inputs(), _hier_inputs(seed=2)], MODES3),
     "two levels, level 2 first (reads the old rows), then level 1 writes them"),
    ("wm_kv_appended_after", _mk(_wm("kv_appended_after"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "the step, then the last window token of each row overwritten in the KV (kv returned)"),
    ("wm_kv_appended_before", _mk(_wm("kv_appended_before"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "the last window token of each row overwritten, then the step"),
    ("wm_weight_scaled_after", _mk(_wm("weight_scaled_after"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "the step, then w.mul_(2)"),
    ("wm_weight_scaled_before", _mk(_wm("weight_scaled_before"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "w.mul_(2), then the step"),
    ("wm_weight_row_set_before", _mk(_wm("weight_row_set_before"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "w[3] = w[5] in place, then the step"),
    ("wm_view_returned", _mk(_wm("view_returned"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "a view cache[:S//2] taken before the step, returned after"),
    ("wm_view_returned_transposed", _mk(_wm("view_returned_transposed"), lambda: [build(), build(B=24, seed=1)],
                                        MODES3), "cache.transpose(1, 2) taken before the step, returned after"),
    ("wm_overlapping_views", _mk(_wm("overlapping_views"), lambda: [_overlap_inputs(), _overlap_inputs(B=24, seed=1)],
                                 MODES3), "a step on cache, then a step (weight flipped) on cache[1:]"),
    ("wm_overlapping_views_reversed", _mk(_wm("overlapping_views_reversed"),
                                          lambda: [_overlap_inputs(), _overlap_inputs(B=24, seed=1)], MODES3),
     "the cache[1:] step first"),
    ("wm_kept_from_second_cache_written", _mk(_wm("kept_from_second_cache_written"),
                                              lambda: [_kept2_inputs(), _kept2_inputs(B=24, seed=1)], MODES3),
     "a step writes cache2; a second step keeps cache2's rows (not its own) on rows that do not complete"),
]


# --- 2. sizes read from shapes under dynamic=True / mark_dynamic: the window, the stride, the batch, the rows ------
def _dy(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        P = kv.shape[1]
        l, d = L, STRIDE
        valid_extra = None
        s = slots.long()
        if kind == "window_from_weight":  # l = w.shape[0] everywhere
            l = w.shape[0]
        elif kind == "window_stride_from_weight":
            l = w.shape[0]
            d = w.shape[0] // 2
        elif kind == "stride_from_heads":  # d = 8 * N (16 at N = 2, 32 at N = 4)
            d = 8 * kv.shape[2]
        elif kind == "stride_from_pages":  # d = 4 * pages (16 at 4 pages, 32 at 8)
            d = 4 * table.shape[1]
        elif kind == "window_from_pages":  # l = 8 * pages; the weight has l rows
            l = 8 * table.shape[1]
        elif kind == "cond_batch_mod17":
            valid_extra = (lens.long() * 0 + B) % 17 != 0
        elif kind == "cond_batch_lt20":
            valid_extra = (lens.long() * 0 + B) < 20
        elif kind == "cond_batch_and16":
            valid_extra = ((lens.long() * 0 + B) & 16) == 0
        elif kind == "cond_numslots_mod7":
            valid_extra = (lens.long() * 0 + cache.shape[0]) % 7 != 0
        elif kind == "cond_blocks_lt200":
            valid_extra = (lens.long() * 0 + kv.shape[0]) < 200
        elif kind == "cond_capacity_ne":  # capacity (pages * P) compared with a constant beyond the probes
            valid_extra = (lens.long() * 0 + table.shape[1] * P) != 512
        elif kind == "cond_len_vs_capacity_half":  # a length compared with half the capacity
            valid_extra = lens.long() * 2 <= table.shape[1] * P + 64 * 0 + 1000
        elif kind == "slots_mod_rows_minus1":  # slots % (S - 1): the identity unless a slot is S - 1
            s = s % (cache.shape[0] - 1)
        elif kind == "slots_mod_rows":  # slots % S: the identity on valid slots (control)
            s = s % cache.shape[0]
        elif kind == "slots_plus_rows_mod":
            s = (s + cache.shape[0]) % cache.shape[0]
        elif kind == "pos_clamp_capacity_minus2":  # the window clamped one token short of the capacity
            pass
        elif kind == "pos_mod_capacity":  # positions % capacity: the identity on valid positions
            pass
        elif kind == "page_mod_table_cols":  # page index % pages (identity on valid windows)
            pass
        pos = (lens.long()[:, None] - l + torch.arange(l)).clamp(min=0)
        if kind == "pos_clamp_capacity_minus2":
            pos = pos.clamp(max=table.shape[1] * P - 2)
        elif kind == "pos_mod_capacity":
            pos = pos % (table.shape[1] * P)
        page = pos // P
        if kind == "page_mod_table_cols":
            page = page % table.shape[1]
        tok = kv[table.long().gather(1, page), pos % P]
        valid = (lens >= l) & ((lens - l) % d == 0)
        if valid_extra is not None:
            valid = valid & valid_extra
        new = (tok.float() * w.float()[None, :, :, None]).sum(1)
        cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
        return cache
    return step


def _with_weight(x, l, seed):
    x.args[1] = _dyadic_weight(l, x.args[0].shape[2], seed)
    return x


def _lens_for(l, d, B, cap, seed):
    """Lengths that complete a window of l with stride d on even rows, others not; 0, l - 1, l, cap on rows 0-3."""
    g = torch.Generator().manual_seed(seed)
    k = torch.randint(0, (cap - l) // d + 1, (B,), generator=g)
    q = l + d * k
    off = torch.randint(1, min(d, 16), (B,), generator=g)
    lens = torch.where(torch.arange(B) % 2 == 0, q, (q - off).clamp(min=0))
    for i, v in enumerate((cap if (cap - l) % d == 0 else l, 0, l, l - 1)):
        lens[i] = v
    return lens.tolist()


def _dy_inputs(kind):
    def make():
        if kind in ("window_from_weight", "window_stride_from_weight"):
            return [build(), _with_weight(build(B=24, seed=1, lengths=_lens_for(64, 32 if "stride" in kind else 16,
                                                                                 24, 256, 1)), 64, 3)]
        if kind == "stride_from_heads":
            return [build(), build(B=24, N=4, seed=1, lengths=_lens_for(32, 32, 24, 256, 1))]
        if kind == "stride_from_pages":
            return [build(), build(B=24, pages=8, seed=1, lengths=_lens_for(32, 32, 24, 512, 1))]
        if kind == "window_from_pages":
            return [build(), _with_weight(build(B=24, pages=8, seed=1, lengths=_lens_for(64, 16, 24, 512, 1)), 64, 3)]
        if kind.startswith("cond_batch"):
            return [build(B=12), build(B=16, seed=1), build(B=17, seed=2), build(B=34, seed=3), build(B=24, seed=4)]
        if kind == "cond_numslots_mod7":
            return [build(B=12), build(B=12, seed=1, num_slots=35), build(B=16, seed=2, num_slots=63)]
        if kind == "cond_blocks_lt200":
            return [build(B=12), build(B=24, seed=1, block_num=250), build(B=16, seed=2, block_num=120)]
        if kind in ("cond_capacity_ne", "cond_len_vs_capacity_half"):
            return [build(B=12), build(B=16, seed=1, pages=8), build(B=16, seed=2, pages=24)]
        if kind.startswith("slots_"):
            def top(B, seed, ns):
                x = build(B=B, seed=seed, num_slots=ns)
                lens = x.args[4]
                q = [b for b in range(B) if _q(int(lens[b]))]
                sl = x.args[2].long()
                j = int((sl == ns - 1).nonzero()[0]) if (sl == ns - 1).any() else None
                if j is None:
                    sl[q[1]] = ns - 1
                elif j not in q:
                    sl[j], sl[q[1]] = sl[q[1]].clone(), ns - 1
                x.args[2] = sl.to(x.args[2].dtype)
                return x
            return [top(12, 0, 29), top(16, 1, 37), top(20, 2, 45)]
        if kind.startswith("pos_") or kind.startswith("page_"):
            return [build(B=12), build(B=16, seed=1, pages=8), build(B=16, seed=2, pages=5)]
        raise AssertionError(kind)
    return make


DY_KINDS = ("window_from_weight", "window_stride_from_weight", "stride_from_heads", "stride_from_pages",
            "window_from_pages", "cond_batch_mod17", "cond_batch_lt20", "cond_batch_and16", "cond_numslots_mod7",
            "cond_blocks_lt200", "cond_capacity_ne", "cond_len_vs_capacity_half", "slots_mod_rows_minus1",
            "slots_mod_rows", "slots_plus_rows_mod", "pos_clamp_capacity_minus2", "pos_mod_capacity",
            "page_mod_table_cols")
DY = [(f"dy_{k}", lambda k=k: (_dy(k), _dy_inputs(k)(), MODES3), "a size read from a shape: " + k) for k in DY_KINDS]


# --- 3. issue 18's classes, spellings not in the earlier corpora -----------------------------------------------
def _c(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        s = slots.long()
        pos = positions(lens)
        valid = completes(lens)
        ids = table.long().gather(1, pos // P)
        if kind == "ids_int16_padding_select":  # ids narrowed to int16 then a padding select: ids >= 32768 go to 0
            i16 = table.to(torch.int16).gather(1, pos // P)
            ids = torch.where(i16 >= 0, i16, 0).long()
        elif kind == "ids_uint8_wrap":
            ids = table.to(torch.uint8).long().gather(1, pos // P)
        elif kind == "ids_float_roundtrip":  # page ids through fp32 (exact below 2^24)
            ids = table.float().long().gather(1, pos // P)
        elif kind == "ids_half_roundtrip":  # page ids through fp16 (exact below 2048)
            ids = table.half().long().gather(1, pos // P)
        tok = kv[ids, pos % P]
        new = pool(tok, w)
        keep = cache[s]
        if kind == "keep_where_row_has_nan":  # kept rows with a NaN anywhere replaced by zeros (value-dependent)
            keep = torch.where(keep.isnan().any(-1, keepdim=True), torch.zeros_like(keep), keep)
        elif kind == "keep_copysign":  # copysign(|x|, x): -0.0 and NaN sign
            keep = torch.copysign(keep.abs(), keep)
        elif kind == "keep_fmax_self":
            keep = torch.fmax(keep, keep)
        elif kind == "keep_where_neg_zero":  # -0.0 -> +0.0
            keep = torch.where(keep == 0, torch.zeros_like(keep), keep)
        elif kind == "keep_max_neg_inf":  # maximum(x, -inf): NaN propagates, -inf stays: identity
            keep = torch.maximum(keep, torch.full_like(keep, float("-inf")))
        elif kind == "new_fmax_neg_inf":  # fmax(new, -inf): NaN -> -inf on the new rows
            new = torch.fmax(new, torch.full_like(new, float("-inf")))
        elif kind == "new_max_neg_inf":  # maximum(new, -inf): identity incl. NaN
            new = torch.maximum(new, torch.full_like(new, float("-inf")))
        elif kind == "new_where_nan_self":  # where(new != new, new, new): identity
            new = torch.where(new != new, new, new)
        elif kind == "new_sub_neg_zero":  # new - (-0.0) = new + 0.0: -0.0 becomes +0.0
            new = new - (-0.0)
        elif kind == "new_add_neg_zero":  # new + (-0.0): identity incl. -0.0
            new = new + (-0.0)
        elif kind == "new_mul_neg_one_twice":
            new = (new * -1.0) * -1.0
        elif kind == "new_div_by_tokens_count":  # * l / l (l = 32: exact powers of two)
            new = new * 32 / 32
        elif kind == "new_half_then_to_cache_bf16":  # fp32 sum -> fp16 -> bf16 cache (double rounding)
            cache = cache
            new = new.half()
        cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), keep)
        return cache
    return step


def _ids_big(block_num):
    def make():
        return [build(B=8, pages=4, P=16, block_num=block_num, high_ids=True, N=1),
                build(B=8, pages=4, P=16, block_num=block_num, high_ids=True, N=1, seed=1)]
    return make


def _bf16():
    return [build(dtype=torch.bfloat16), build(B=24, seed=1, dtype=torch.bfloat16)]


C_KINDS = ("keep_where_row_has_nan", "keep_copysign", "keep_fmax_self", "keep_where_neg_zero", "keep_max_neg_inf",
           "new_fmax_neg_inf", "new_max_neg_inf", "new_where_nan_self", "new_sub_neg_zero", "new_add_neg_zero",
           "new_mul_neg_one_twice", "new_div_by_tokens_count")
CL = [(f"cl_{k}", _mk(_c(k), lambda: [build(), build(B=24, seed=1)], MODES3), "issue 18 spelling: " + k)
      for k in C_KINDS]
CL += [
    ("cl_ids_int16_padding_select", _mk(_c("ids_int16_padding_select"), _ids_big(40000), MODES3),
     "page ids narrowed to int16 then where(ids >= 0, ids, 0): ids past 32767 wrap negative and read page 0"),
    ("cl_ids_uint8_wrap", _mk(_c("ids_uint8_wrap"), _ids_big(300), MODES3), "page ids through uint8"),
    ("cl_ids_float_roundtrip", _mk(_c("ids_float_roundtrip"), lambda: [build(), build(B=24, seed=1)], MODES3),
     "page ids through fp32 (exact here)"),
    ("cl_ids_half_roundtrip", _mk(_c("ids_half_roundtrip"), _ids_big(4098), MODES3),
     "page ids through fp16: ids past 2048 round (4097 -> 4096)"),
    ("cl_new_half_then_bf16_cache", _mk(_c("new_half_then_to_cache_bf16"), _bf16, MODES3),
     "bf16 cache, the fp32 sum rounded to fp16 first (double rounding, range)"),
]


# --- 4. newest rules: _leading_select / _picked through a cat that PROMOTES; a written indptr buffer ---------------
def _ls(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        NB = kv.shape[0]
        N, D = kv.shape[2], kv.shape[3]
        if kind == "cat_promoted_fp32":  # K kept fp32 (its values fp16-exact), V fp16: the cat is fp32
            st = torch.cat((kv.float()[None], kv[None]), 0)
            c = 1
        elif kind == "cat_promoted_fp32_k":
            st = torch.cat((kv.float()[None], kv[None]), 0)
            c = 0
        elif kind == "cat_int_part":  # an int32 part beside fp16: the cat is fp16 (int32 rounds in fp16)
            st = torch.cat(((kv.float() * 4096).int()[None], kv[None]), 0)
            c = 0
        elif kind == "cat_double_part":  # fp64 part beside fp16: the cat is fp64
            st = torch.cat((kv.double()[None], (kv * 2)[None]), 0)
            c = 0
        elif kind == "reshape_minus1_at_dim":
            st = torch.stack((kv, kv * 2)).reshape(-1, NB, P, N, D)
            c = 1
        elif kind == "expand_then_select":
            st = kv[None].expand(2, NB, P, N, D)
            c = 1
        else:
            raise AssertionError(kind)
        flat = st.flatten(1, 2)
        pos = positions(lens)
        win = flat[:, table.long().gather(1, pos // P) * P + pos % P]
        x = win[c]
        if kind == "cat_int_part":  # the half the model uses, in the cat's dtype times the weight in fp32
            new = (x.float() * w.float()[None, :, :, None]).sum(1) / 4096
        else:
            new = (x.float() * w.float()[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), new)
    return step


LS = [(f"ls_{k}", _mk(_ls(k), lambda: [build(), build(B=24, seed=1)], MODES3), "leading select: " + k)
      for k in ("cat_promoted_fp32", "cat_promoted_fp32_k", "cat_int_part", "cat_double_part",
                "reshape_minus1_at_dim", "expand_then_select")]


def _sc_promote(kind):
    """A joint write on [S, N, 16] whose cat PROMOTES (the V part's own dtype lower than the cat's), then an op after
    the cat that is the identity on the K part and rounds differently in the V part's own dtype:
    rewrite._last_dim_part pushes the op onto each part as the part is, so the unfused V part is computed in fp16 /
    bf16 where the model computed it in the cat's fp32."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        h = cache.shape[-1] // 2
        pk, pv = pool(tok[..., :h], w), pool(tok[..., h:], w)
        valid = completes(lens)[:, None, None]
        s = slots.long()
        lo = torch.bfloat16 if "bf16" in kind else torch.float16
        c = torch.cat((pk, pv.to(lo)), -1)
        if kind.endswith("_mult"):  # * cat(ones, 1/3) in the low dtype: fp32 product vs a low-dtype product
            m = torch.cat((torch.ones(h), torch.full((h,), 1 / 3))).to(lo)
            new = c * m
        elif kind.endswith("_bias"):  # + cat(zeros, 1/3) in the low dtype
            b = torch.cat((torch.zeros(h), torch.full((h,), 1 / 3))).to(lo)
            new = c + b
        elif kind.endswith("_scale_pair"):  # * 2^20 * 2^-20: exact in fp32, overflows fp16 in between
            new = c * 2.0 ** 20 * 2.0 ** -20
        elif kind.endswith("_div_mult"):  # / cat(ones, 3)
            m = torch.cat((torch.ones(h), torch.full((h,), 3.0))).to(lo)
            new = c / m
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new.to(cache.dtype), cache[s])
        return cache
    return step


def _f32_calls():
    return [build(B=12, dtype=torch.float32), build(B=16, seed=1, dtype=torch.float32)]


SCP = [(f"scp_{k}", _mk(_sc_promote(k), _f32_calls, MODES3), "fp32 cache, joint write, cat of fp32 K and low V: " + k)
       for k in ("half_v_mult", "half_v_bias", "half_v_scale_pair", "half_v_div_mult", "bf16_v_mult", "bf16_v_bias")]
SCP += [("scp_half_v_mult_fp16_cache", _mk(_sc_promote("half_v_mult"), lambda: [build(B=12), build(B=16, seed=1)],
                                           MODES3), "the same on an fp16 cache (control: one rounding to fp16)")]



# --- 5. (second batch, written after the first try found F1) the same promotion through the other pushes -------------
def _sc_promote2(kind):
    """More spellings of F1: ``c - b``; a bf16 V part on an fp16 cache; the bias added inside the where; three parts."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        h = cache.shape[-1] // 2
        pk, pv = pool(tok[..., :h], w), pool(tok[..., h:], w)
        valid = completes(lens)[:, None, None]
        s = slots.long()
        third = torch.cat((torch.zeros(h), torch.full((h,), 1 / 3)))
        if kind == "half_v_sub":
            new = torch.cat((pk, pv.half()), -1) - third.half()
        elif kind == "bf16_v_bias_fp16_cache":  # fp16 K (its cast exact), bf16 V: the cat is fp32, the cache fp16
            new = torch.cat((pk.half(), pv.to(torch.bfloat16)), -1) + third.to(torch.bfloat16)
        elif kind == "half_v_bias_in_where":
            cache[s] = torch.where(valid, torch.cat((pk, pv.half()), -1) + third.half(), cache[s])
            return cache
        elif kind == "three_parts_bias":
            q = cache.shape[-1] // 4
            new = torch.cat((pool(tok[..., :q], w), pool(tok[..., q:2 * q], w), pv.half()), -1) + third.half()
        elif kind == "bf16_v_bias_fp16_cache_k32":  # the same with the K part left fp32 (its one rounding at the write)
            new = torch.cat((pk, pv.to(torch.bfloat16)), -1) + third.to(torch.bfloat16)
        elif kind == "half_v_bias_fp32_control":  # the bias in fp32: the pushed add is fp32 too (control)
            new = torch.cat((pk, pv.half()), -1) + third
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new.to(cache.dtype), cache[s])
        return cache
    return step


SCP2 = [(f"scp_{k}", _mk(_sc_promote2(k), _f32_calls if "fp16_cache" not in k else (lambda: [build(B=12),
                                                                                            build(B=16, seed=1)]),
                         MODES3), "second batch, joint write, promoting cat: " + k)
        for k in ("half_v_sub", "bf16_v_bias_fp16_cache", "half_v_bias_in_where", "three_parts_bias",
                  "half_v_bias_fp32_control", "bf16_v_bias_fp16_cache_k32")]


def _sst(kind):
    """A STACKED [2, S, N, D] fp32 cache (vLLM's K and V stacked, split_stacked_writes / _Pusher): the values a
    stack of fp32 K and a low-dtype V (promoted to fp32), plus a per-half bias in the low dtype."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        pk, pv = pool(tok, w), pool(tok, w.flip(0))
        lo = torch.bfloat16 if "bf16" in kind else torch.float16
        st = torch.stack((pk, pv.to(lo)))
        if kind.startswith("bias_zeros"):  # the bias a stack of a zeros fill and a 1/3 fill
            D = pk.shape[-1]
            st = st + torch.stack((torch.zeros(D), torch.full((D,), 1 / 3))).to(lo)[:, None, None, :]
        elif kind.startswith("bias"):
            st = st + torch.tensor([0.0, 1 / 3]).to(lo).view(2, 1, 1, 1)
        s = slots.long()
        valid = completes(lens)[None, :, None, None]
        cache[:, s] = torch.where(valid, st.to(cache.dtype), cache[:, s])
        return cache
    return step


def _stacked_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed, dtype=torch.float32).args)
        a[5] = torch.stack((a[5], a[5].flip(0)))
        out.append(a)
    return out


SST = [(f"sst_{k}", _mk(_sst(k), _stacked_calls, MODES3), "stacked [2, S, N, D] write, promoting stack: " + k)
       for k in ("bias_half", "bias_bf16", "plain_half", "bias_zeros_half", "bias_zeros_bf16")]


def _lsx(kind):
    """rewrite._leading_select replaces EVERY reader of ``win[c]`` by the gather of the picked part, in the part's
    dtype: a second reader (attention, an output) computes in fp16 where the model computed in the cat's fp32."""
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        st = torch.cat((kv[None], kv.float()[None] * 2), 0)  # K fp16 beside V fp32: the cat is fp32
        flat = st.flatten(1, 2)
        pos = positions(lens)
        win = flat[:, table.long().gather(1, pos // P) * P + pos % P]
        x = win[0]
        out = write(cache, slots, completes(lens), (x.float() * w.float()[None, :, :, None]).sum(1))
        if kind == "scaled":
            return out, x * (1 / 3)
        if kind == "raw":
            return out, x
        if kind == "sum":
            return out, x.sum(1)
        if kind == "plus_v":
            return out, x + win[1]
        raise AssertionError(kind)
    return step


LSX = [(f"lsx_{k}", _mk(_lsx(k), lambda: [build(), build(B=24, seed=1)], MODES3),
        "leading select of the fp16 part of an fp32 cat, read again beside the step: " + k)
       for k in ("scaled", "raw", "sum", "plus_v")]

SECOND = SCP2 + SST + LSX

ATTACKS = WM + DY + CL + LS + SCP + SECOND

_FIRST = [
    ('wm_kv_flat_as_cache_cyclic', 'inductor_graph', 'static', _R),
    ('wm_kv_flat_as_cache_cyclic', 'inductor_graph', 'batch', _R),
    ('wm_kv_flat_as_cache_cyclic', 'inductor_graph', 'dynamic', _R),
    ('wm_kv_flat_as_cache_own', 'inductor_graph', 'static', _R),
    ('wm_kv_flat_as_cache_own', 'inductor_graph', 'batch', _R),
    ('wm_kv_flat_as_cache_own', 'inductor_graph', 'dynamic', _R),
    ('wm_kv_flat_as_cache_unread', 'inductor_graph', 'static', _R),
    ('wm_kv_flat_as_cache_unread', 'inductor_graph', 'batch', _R),
    ('wm_kv_flat_as_cache_unread', 'inductor_graph', 'dynamic', _R),
    ('wm_hier', 'inductor_graph', 'static', _EQ),
    ('wm_hier', 'inductor_graph', 'batch', _EQ),
    ('wm_hier', 'inductor_graph', 'dynamic', _EQ),
    ('wm_hier_reversed', 'inductor_graph', 'static', _EQ),
    ('wm_hier_reversed', 'inductor_graph', 'batch', _EQ),
    ('wm_hier_reversed', 'inductor_graph', 'dynamic', _EQ),
    ('wm_kv_appended_after', 'inductor_graph', 'static', _CD),
    ('wm_kv_appended_after', 'inductor_graph', 'batch', _CD),
    ('wm_kv_appended_after', 'inductor_graph', 'dynamic', _CD),
    ('wm_kv_appended_before', 'inductor_graph', 'static', _CD),
    ('wm_kv_appended_before', 'inductor_graph', 'batch', _CD),
    ('wm_kv_appended_before', 'inductor_graph', 'dynamic', _CD),
    ('wm_weight_scaled_after', 'inductor_graph', 'static', _EQ),
    ('wm_weight_scaled_after', 'inductor_graph', 'batch', _EQ),
    ('wm_weight_scaled_after', 'inductor_graph', 'dynamic', _EQ),
    ('wm_weight_scaled_before', 'inductor_graph', 'static', _R),
    ('wm_weight_scaled_before', 'inductor_graph', 'batch', _R),
    ('wm_weight_scaled_before', 'inductor_graph', 'dynamic', _R),
    ('wm_weight_row_set_before', 'inductor_graph', 'static', _EQ),
    ('wm_weight_row_set_before', 'inductor_graph', 'batch', _EQ),
    ('wm_weight_row_set_before', 'inductor_graph', 'dynamic', _EQ),
    ('wm_view_returned', 'inductor_graph', 'static', _EQ),
    ('wm_view_returned', 'inductor_graph', 'batch', _EQ),
    ('wm_view_returned', 'inductor_graph', 'dynamic', _EQ),
    ('wm_view_returned_transposed', 'inductor_graph', 'static', _EQ),
    ('wm_view_returned_transposed', 'inductor_graph', 'batch', _EQ),
    ('wm_view_returned_transposed', 'inductor_graph', 'dynamic', _EQ),
    ('wm_overlapping_views', 'inductor_graph', 'static', _EQ),
    ('wm_overlapping_views', 'inductor_graph', 'batch', _CCT),
    ('wm_overlapping_views', 'inductor_graph', 'dynamic', _EQ),
    ('wm_overlapping_views_reversed', 'inductor_graph', 'static', _EQ),
    ('wm_overlapping_views_reversed', 'inductor_graph', 'batch', _CCT),
    ('wm_overlapping_views_reversed', 'inductor_graph', 'dynamic', _EQ),
    ('wm_kept_from_second_cache_written', 'inductor_graph', 'static', _EQ),
    ('wm_kept_from_second_cache_written', 'inductor_graph', 'batch', _CCT),
    ('wm_kept_from_second_cache_written', 'inductor_graph', 'dynamic', _EQ),
    ('dy_window_from_weight', 'inductor_graph', 'static', _EQ),
    ('dy_window_from_weight', 'inductor_graph', 'batch', _EQ),
    ('dy_window_from_weight', 'inductor_graph', 'dynamic', _R),
    ('dy_window_stride_from_weight', 'inductor_graph', 'static', _EQ),
    ('dy_window_stride_from_weight', 'inductor_graph', 'batch', _EQ),
    ('dy_window_stride_from_weight', 'inductor_graph', 'dynamic', _R),
    ('dy_stride_from_heads', 'inductor_graph', 'static', _EQ),
    ('dy_stride_from_heads', 'inductor_graph', 'batch', _EQ),
    ('dy_stride_from_heads', 'inductor_graph', 'dynamic', _EQ),
    ('dy_stride_from_pages', 'inductor_graph', 'static', _EQ),
    ('dy_stride_from_pages', 'inductor_graph', 'batch', _EQ),
    ('dy_stride_from_pages', 'inductor_graph', 'dynamic', _R),
    ('dy_window_from_pages', 'inductor_graph', 'static', _EQ),
    ('dy_window_from_pages', 'inductor_graph', 'batch', _EQ),
    ('dy_window_from_pages', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_batch_mod17', 'inductor_graph', 'static', _EQ),
    ('dy_cond_batch_mod17', 'inductor_graph', 'batch', _R),
    ('dy_cond_batch_mod17', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_batch_lt20', 'inductor_graph', 'static', _EQ),
    ('dy_cond_batch_lt20', 'inductor_graph', 'batch', _R),
    ('dy_cond_batch_lt20', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_batch_and16', 'inductor_graph', 'static', _EQ),
    ('dy_cond_batch_and16', 'inductor_graph', 'batch', _R),
    ('dy_cond_batch_and16', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_numslots_mod7', 'inductor_graph', 'static', _EQ),
    ('dy_cond_numslots_mod7', 'inductor_graph', 'batch', _R),
    ('dy_cond_numslots_mod7', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_blocks_lt200', 'inductor_graph', 'static', _EQ),
    ('dy_cond_blocks_lt200', 'inductor_graph', 'batch', _R),
    ('dy_cond_blocks_lt200', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_capacity_ne', 'inductor_graph', 'static', _EQ),
    ('dy_cond_capacity_ne', 'inductor_graph', 'batch', _R),
    ('dy_cond_capacity_ne', 'inductor_graph', 'dynamic', _R),
    ('dy_cond_len_vs_capacity_half', 'inductor_graph', 'static', _EQ),
    ('dy_cond_len_vs_capacity_half', 'inductor_graph', 'batch', _EQ),
    ('dy_cond_len_vs_capacity_half', 'inductor_graph', 'dynamic', _R),
    ('dy_slots_mod_rows_minus1', 'inductor_graph', 'static', _R),
    ('dy_slots_mod_rows_minus1', 'inductor_graph', 'batch', _R),
    ('dy_slots_mod_rows_minus1', 'inductor_graph', 'dynamic', _R),
    ('dy_slots_mod_rows', 'inductor_graph', 'static', _EQ),
    ('dy_slots_mod_rows', 'inductor_graph', 'batch', _EQ),
    ('dy_slots_mod_rows', 'inductor_graph', 'dynamic', _EQ),
    ('dy_slots_plus_rows_mod', 'inductor_graph', 'static', _EQ),
    ('dy_slots_plus_rows_mod', 'inductor_graph', 'batch', _EQ),
    ('dy_slots_plus_rows_mod', 'inductor_graph', 'dynamic', _R),
    ('dy_pos_clamp_capacity_minus2', 'inductor_graph', 'static', _R),
    ('dy_pos_clamp_capacity_minus2', 'inductor_graph', 'batch', _R),
    ('dy_pos_clamp_capacity_minus2', 'inductor_graph', 'dynamic', _R),
    ('dy_pos_mod_capacity', 'inductor_graph', 'static', _EQ),
    ('dy_pos_mod_capacity', 'inductor_graph', 'batch', _EQ),
    ('dy_pos_mod_capacity', 'inductor_graph', 'dynamic', _EQ),
    ('dy_page_mod_table_cols', 'inductor_graph', 'static', _EQ),
    ('dy_page_mod_table_cols', 'inductor_graph', 'batch', _EQ),
    ('dy_page_mod_table_cols', 'inductor_graph', 'dynamic', _EQ),
    ('cl_keep_where_row_has_nan', 'inductor_graph', 'static', _R),
    ('cl_keep_where_row_has_nan', 'inductor_graph', 'batch', _R),
    ('cl_keep_where_row_has_nan', 'inductor_graph', 'dynamic', _R),
    ('cl_keep_copysign', 'inductor_graph', 'static', _R),
    ('cl_keep_copysign', 'inductor_graph', 'batch', _R),
    ('cl_keep_copysign', 'inductor_graph', 'dynamic', _R),
    ('cl_keep_fmax_self', 'inductor_graph', 'static', _R),
    ('cl_keep_fmax_self', 'inductor_graph', 'batch', _R),
    ('cl_keep_fmax_self', 'inductor_graph', 'dynamic', _R),
    ('cl_keep_where_neg_zero', 'inductor_graph', 'static', _R),
    ('cl_keep_where_neg_zero', 'inductor_graph', 'batch', _R),
    ('cl_keep_where_neg_zero', 'inductor_graph', 'dynamic', _R),
    ('cl_keep_max_neg_inf', 'inductor_graph', 'static', _R),
    ('cl_keep_max_neg_inf', 'inductor_graph', 'batch', _R),
    ('cl_keep_max_neg_inf', 'inductor_graph', 'dynamic', _R),
    ('cl_new_fmax_neg_inf', 'inductor_graph', 'static', _R),
    ('cl_new_fmax_neg_inf', 'inductor_graph', 'batch', _R),
    ('cl_new_fmax_neg_inf', 'inductor_graph', 'dynamic', _R),
    ('cl_new_max_neg_inf', 'inductor_graph', 'static', _R),
    ('cl_new_max_neg_inf', 'inductor_graph', 'batch', _R),
    ('cl_new_max_neg_inf', 'inductor_graph', 'dynamic', _R),
    ('cl_new_where_nan_self', 'inductor_graph', 'static', _R),
    ('cl_new_where_nan_self', 'inductor_graph', 'batch', _R),
    ('cl_new_where_nan_self', 'inductor_graph', 'dynamic', _R),
    ('cl_new_sub_neg_zero', 'inductor_graph', 'static', _EQ),
    ('cl_new_sub_neg_zero', 'inductor_graph', 'batch', _EQ),
    ('cl_new_sub_neg_zero', 'inductor_graph', 'dynamic', _EQ),
    ('cl_new_add_neg_zero', 'inductor_graph', 'static', _EQ),
    ('cl_new_add_neg_zero', 'inductor_graph', 'batch', _EQ),
    ('cl_new_add_neg_zero', 'inductor_graph', 'dynamic', _EQ),
    ('cl_new_mul_neg_one_twice', 'inductor_graph', 'static', _R),
    ('cl_new_mul_neg_one_twice', 'inductor_graph', 'batch', _R),
    ('cl_new_mul_neg_one_twice', 'inductor_graph', 'dynamic', _R),
    ('cl_new_div_by_tokens_count', 'inductor_graph', 'static', _R),
    ('cl_new_div_by_tokens_count', 'inductor_graph', 'batch', _R),
    ('cl_new_div_by_tokens_count', 'inductor_graph', 'dynamic', _R),
    ('cl_ids_int16_padding_select', 'inductor_graph', 'static', _R),
    ('cl_ids_int16_padding_select', 'inductor_graph', 'batch', _R),
    ('cl_ids_int16_padding_select', 'inductor_graph', 'dynamic', _R),
    ('cl_ids_uint8_wrap', 'inductor_graph', 'static', _R),
    ('cl_ids_uint8_wrap', 'inductor_graph', 'batch', _R),
    ('cl_ids_uint8_wrap', 'inductor_graph', 'dynamic', _R),
    ('cl_ids_float_roundtrip', 'inductor_graph', 'static', _EQ),
    ('cl_ids_float_roundtrip', 'inductor_graph', 'batch', _EQ),
    ('cl_ids_float_roundtrip', 'inductor_graph', 'dynamic', _R),
    ('cl_ids_half_roundtrip', 'inductor_graph', 'static', _R),
    ('cl_ids_half_roundtrip', 'inductor_graph', 'batch', _R),
    ('cl_ids_half_roundtrip', 'inductor_graph', 'dynamic', _R),
    ('cl_new_half_then_bf16_cache', 'inductor_graph', 'static', _R),
    ('cl_new_half_then_bf16_cache', 'inductor_graph', 'batch', _R),
    ('cl_new_half_then_bf16_cache', 'inductor_graph', 'dynamic', _R),
    ('ls_cat_promoted_fp32', 'inductor_graph', 'static', _EQ),
    ('ls_cat_promoted_fp32', 'inductor_graph', 'batch', _EQ),
    ('ls_cat_promoted_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('ls_cat_promoted_fp32_k', 'inductor_graph', 'static', _EQ),
    ('ls_cat_promoted_fp32_k', 'inductor_graph', 'batch', _EQ),
    ('ls_cat_promoted_fp32_k', 'inductor_graph', 'dynamic', _EQ),
    ('ls_cat_int_part', 'inductor_graph', 'static', _R),
    ('ls_cat_int_part', 'inductor_graph', 'batch', _R),
    ('ls_cat_int_part', 'inductor_graph', 'dynamic', _R),
    ('ls_cat_double_part', 'inductor_graph', 'static', _R),
    ('ls_cat_double_part', 'inductor_graph', 'batch', _R),
    ('ls_cat_double_part', 'inductor_graph', 'dynamic', _R),
    ('ls_reshape_minus1_at_dim', 'inductor_graph', 'static', _EQ),
    ('ls_reshape_minus1_at_dim', 'inductor_graph', 'batch', _EQ),
    ('ls_reshape_minus1_at_dim', 'inductor_graph', 'dynamic', _EQ),
    ('ls_expand_then_select', 'inductor_graph', 'static', _EQ),
    ('ls_expand_then_select', 'inductor_graph', 'batch', _EQ),
    ('ls_expand_then_select', 'inductor_graph', 'dynamic', _EQ),
    ('scp_half_v_mult', 'inductor_graph', 'static', _R),
    ('scp_half_v_mult', 'inductor_graph', 'batch', _R),
    ('scp_half_v_mult', 'inductor_graph', 'dynamic', _R),
    ('scp_half_v_bias', 'inductor_graph', 'static', _FF),
    ('scp_half_v_bias', 'inductor_graph', 'batch', _FF),
    ('scp_half_v_bias', 'inductor_graph', 'dynamic', _R),
    ('scp_half_v_scale_pair', 'inductor_graph', 'static', _R),
    ('scp_half_v_scale_pair', 'inductor_graph', 'batch', _R),
    ('scp_half_v_scale_pair', 'inductor_graph', 'dynamic', _R),
    ('scp_half_v_div_mult', 'inductor_graph', 'static', _R),
    ('scp_half_v_div_mult', 'inductor_graph', 'batch', _R),
    ('scp_half_v_div_mult', 'inductor_graph', 'dynamic', _R),
    ('scp_bf16_v_mult', 'inductor_graph', 'static', _R),
    ('scp_bf16_v_mult', 'inductor_graph', 'batch', _R),
    ('scp_bf16_v_mult', 'inductor_graph', 'dynamic', _R),
    ('scp_bf16_v_bias', 'inductor_graph', 'static', _FF),
    ('scp_bf16_v_bias', 'inductor_graph', 'batch', _FF),
    ('scp_bf16_v_bias', 'inductor_graph', 'dynamic', _R),
    ('scp_half_v_mult_fp16_cache', 'inductor_graph', 'static', _R),
    ('scp_half_v_mult_fp16_cache', 'inductor_graph', 'batch', _R),
    ('scp_half_v_mult_fp16_cache', 'inductor_graph', 'dynamic', _R),
    ('wm_kv_flat_as_cache_cyclic', 'torchair_like', 'static', _R),
    ('wm_kv_flat_as_cache_cyclic', 'torchair_like', 'batch', _R),
    ('wm_kv_flat_as_cache_cyclic', 'torchair_like', 'dynamic', _R),
    ('wm_kv_flat_as_cache_own', 'torchair_like', 'static', _R),
    ('wm_kv_flat_as_cache_own', 'torchair_like', 'batch', _R),
    ('wm_kv_flat_as_cache_own', 'torchair_like', 'dynamic', _R),
    ('wm_kv_flat_as_cache_unread', 'torchair_like', 'static', _R),
    ('wm_kv_flat_as_cache_unread', 'torchair_like', 'batch', _R),
    ('wm_kv_flat_as_cache_unread', 'torchair_like', 'dynamic', _R),
    ('wm_hier', 'torchair_like', 'static', _EQ),
    ('wm_hier', 'torchair_like', 'batch', _EQ),
    ('wm_hier', 'torchair_like', 'dynamic', _EQ),
    ('wm_hier_reversed', 'torchair_like', 'static', _EQ),
    ('wm_hier_reversed', 'torchair_like', 'batch', _EQ),
    ('wm_hier_reversed', 'torchair_like', 'dynamic', _EQ),
    ('wm_kv_appended_after', 'torchair_like', 'static', _EQ),
    ('wm_kv_appended_after', 'torchair_like', 'batch', _EQ),
    ('wm_kv_appended_after', 'torchair_like', 'dynamic', _EQ),
    ('wm_kv_appended_before', 'torchair_like', 'static', _EQ),
    ('wm_kv_appended_before', 'torchair_like', 'batch', _EQ),
    ('wm_kv_appended_before', 'torchair_like', 'dynamic', _EQ),
    ('wm_weight_scaled_after', 'torchair_like', 'static', _EQ),
    ('wm_weight_scaled_after', 'torchair_like', 'batch', _EQ),
    ('wm_weight_scaled_after', 'torchair_like', 'dynamic', _EQ),
    ('wm_weight_scaled_before', 'torchair_like', 'static', _R),
    ('wm_weight_scaled_before', 'torchair_like', 'batch', _R),
    ('wm_weight_scaled_before', 'torchair_like', 'dynamic', _R),
    ('wm_weight_row_set_before', 'torchair_like', 'static', _R),
    ('wm_weight_row_set_before', 'torchair_like', 'batch', _R),
    ('wm_weight_row_set_before', 'torchair_like', 'dynamic', _R),
    ('wm_view_returned', 'torchair_like', 'static', _EQ),
    ('wm_view_returned', 'torchair_like', 'batch', _EQ),
    ('wm_view_returned', 'torchair_like', 'dynamic', _EQ),
    ('wm_view_returned_transposed', 'torchair_like', 'static', _EQ),
    ('wm_view_returned_transposed', 'torchair_like', 'batch', _EQ),
    ('wm_view_returned_transposed', 'torchair_like', 'dynamic', _EQ),
    ('wm_overlapping_views', 'torchair_like', 'static', _EQ),
    ('wm_overlapping_views', 'torchair_like', 'batch', _CCT),
    ('wm_overlapping_views', 'torchair_like', 'dynamic', _EQ),
    ('wm_overlapping_views_reversed', 'torchair_like', 'static', _EQ),
    ('wm_overlapping_views_reversed', 'torchair_like', 'batch', _CCT),
    ('wm_overlapping_views_reversed', 'torchair_like', 'dynamic', _EQ),
    ('wm_kept_from_second_cache_written', 'torchair_like', 'static', _EQ),
    ('wm_kept_from_second_cache_written', 'torchair_like', 'batch', _CCT),
    ('wm_kept_from_second_cache_written', 'torchair_like', 'dynamic', _EQ),
    ('dy_window_from_weight', 'torchair_like', 'static', _EQ),
    ('dy_window_from_weight', 'torchair_like', 'batch', _EQ),
    ('dy_window_from_weight', 'torchair_like', 'dynamic', _R),
    ('dy_window_stride_from_weight', 'torchair_like', 'static', _EQ),
    ('dy_window_stride_from_weight', 'torchair_like', 'batch', _EQ),
    ('dy_window_stride_from_weight', 'torchair_like', 'dynamic', _R),
    ('dy_stride_from_heads', 'torchair_like', 'static', _EQ),
    ('dy_stride_from_heads', 'torchair_like', 'batch', _EQ),
    ('dy_stride_from_heads', 'torchair_like', 'dynamic', _EQ),
    ('dy_stride_from_pages', 'torchair_like', 'static', _EQ),
    ('dy_stride_from_pages', 'torchair_like', 'batch', _EQ),
    ('dy_stride_from_pages', 'torchair_like', 'dynamic', _R),
    ('dy_window_from_pages', 'torchair_like', 'static', _EQ),
    ('dy_window_from_pages', 'torchair_like', 'batch', _EQ),
    ('dy_window_from_pages', 'torchair_like', 'dynamic', _R),
    ('dy_cond_batch_mod17', 'torchair_like', 'static', _EQ),
    ('dy_cond_batch_mod17', 'torchair_like', 'batch', _R),
    ('dy_cond_batch_mod17', 'torchair_like', 'dynamic', _R),
    ('dy_cond_batch_lt20', 'torchair_like', 'static', _EQ),
    ('dy_cond_batch_lt20', 'torchair_like', 'batch', _R),
    ('dy_cond_batch_lt20', 'torchair_like', 'dynamic', _R),
    ('dy_cond_batch_and16', 'torchair_like', 'static', _EQ),
    ('dy_cond_batch_and16', 'torchair_like', 'batch', _R),
    ('dy_cond_batch_and16', 'torchair_like', 'dynamic', _R),
    ('dy_cond_numslots_mod7', 'torchair_like', 'static', _EQ),
    ('dy_cond_numslots_mod7', 'torchair_like', 'batch', _EQ),
    ('dy_cond_numslots_mod7', 'torchair_like', 'dynamic', _EQ),
    ('dy_cond_blocks_lt200', 'torchair_like', 'static', _EQ),
    ('dy_cond_blocks_lt200', 'torchair_like', 'batch', _EQ),
    ('dy_cond_blocks_lt200', 'torchair_like', 'dynamic', _EQ),
    ('dy_cond_capacity_ne', 'torchair_like', 'static', _EQ),
    ('dy_cond_capacity_ne', 'torchair_like', 'batch', _EQ),
    ('dy_cond_capacity_ne', 'torchair_like', 'dynamic', _EQ),
    ('dy_cond_len_vs_capacity_half', 'torchair_like', 'static', _EQ),
    ('dy_cond_len_vs_capacity_half', 'torchair_like', 'batch', _EQ),
    ('dy_cond_len_vs_capacity_half', 'torchair_like', 'dynamic', _R),
    ('dy_slots_mod_rows_minus1', 'torchair_like', 'static', _R),
    ('dy_slots_mod_rows_minus1', 'torchair_like', 'batch', _R),
    ('dy_slots_mod_rows_minus1', 'torchair_like', 'dynamic', _R),
    ('dy_slots_mod_rows', 'torchair_like', 'static', _EQ),
    ('dy_slots_mod_rows', 'torchair_like', 'batch', _EQ),
    ('dy_slots_mod_rows', 'torchair_like', 'dynamic', _EQ),
    ('dy_slots_plus_rows_mod', 'torchair_like', 'static', _EQ),
    ('dy_slots_plus_rows_mod', 'torchair_like', 'batch', _EQ),
    ('dy_slots_plus_rows_mod', 'torchair_like', 'dynamic', _R),
    ('dy_pos_clamp_capacity_minus2', 'torchair_like', 'static', _R),
    ('dy_pos_clamp_capacity_minus2', 'torchair_like', 'batch', _R),
    ('dy_pos_clamp_capacity_minus2', 'torchair_like', 'dynamic', _R),
    ('dy_pos_mod_capacity', 'torchair_like', 'static', _EQ),
    ('dy_pos_mod_capacity', 'torchair_like', 'batch', _EQ),
    ('dy_pos_mod_capacity', 'torchair_like', 'dynamic', _EQ),
    ('dy_page_mod_table_cols', 'torchair_like', 'static', _EQ),
    ('dy_page_mod_table_cols', 'torchair_like', 'batch', _EQ),
    ('dy_page_mod_table_cols', 'torchair_like', 'dynamic', _EQ),
    ('cl_keep_where_row_has_nan', 'torchair_like', 'static', _R),
    ('cl_keep_where_row_has_nan', 'torchair_like', 'batch', _R),
    ('cl_keep_where_row_has_nan', 'torchair_like', 'dynamic', _R),
    ('cl_keep_copysign', 'torchair_like', 'static', _R),
    ('cl_keep_copysign', 'torchair_like', 'batch', _R),
    ('cl_keep_copysign', 'torchair_like', 'dynamic', _R),
    ('cl_keep_fmax_self', 'torchair_like', 'static', _R),
    ('cl_keep_fmax_self', 'torchair_like', 'batch', _R),
    ('cl_keep_fmax_self', 'torchair_like', 'dynamic', _R),
    ('cl_keep_where_neg_zero', 'torchair_like', 'static', _R),
    ('cl_keep_where_neg_zero', 'torchair_like', 'batch', _R),
    ('cl_keep_where_neg_zero', 'torchair_like', 'dynamic', _R),
    ('cl_keep_max_neg_inf', 'torchair_like', 'static', _R),
    ('cl_keep_max_neg_inf', 'torchair_like', 'batch', _R),
    ('cl_keep_max_neg_inf', 'torchair_like', 'dynamic', _R),
    ('cl_new_fmax_neg_inf', 'torchair_like', 'static', _R),
    ('cl_new_fmax_neg_inf', 'torchair_like', 'batch', _R),
    ('cl_new_fmax_neg_inf', 'torchair_like', 'dynamic', _R),
    ('cl_new_max_neg_inf', 'torchair_like', 'static', _R),
    ('cl_new_max_neg_inf', 'torchair_like', 'batch', _R),
    ('cl_new_max_neg_inf', 'torchair_like', 'dynamic', _R),
    ('cl_new_where_nan_self', 'torchair_like', 'static', _R),
    ('cl_new_where_nan_self', 'torchair_like', 'batch', _R),
    ('cl_new_where_nan_self', 'torchair_like', 'dynamic', _R),
    ('cl_new_sub_neg_zero', 'torchair_like', 'static', _EQ),
    ('cl_new_sub_neg_zero', 'torchair_like', 'batch', _EQ),
    ('cl_new_sub_neg_zero', 'torchair_like', 'dynamic', _EQ),
    ('cl_new_add_neg_zero', 'torchair_like', 'static', _EQ),
    ('cl_new_add_neg_zero', 'torchair_like', 'batch', _EQ),
    ('cl_new_add_neg_zero', 'torchair_like', 'dynamic', _EQ),
    ('cl_new_mul_neg_one_twice', 'torchair_like', 'static', _R),
    ('cl_new_mul_neg_one_twice', 'torchair_like', 'batch', _R),
    ('cl_new_mul_neg_one_twice', 'torchair_like', 'dynamic', _R),
    ('cl_new_div_by_tokens_count', 'torchair_like', 'static', _R),
    ('cl_new_div_by_tokens_count', 'torchair_like', 'batch', _R),
    ('cl_new_div_by_tokens_count', 'torchair_like', 'dynamic', _R),
    ('cl_ids_int16_padding_select', 'torchair_like', 'static', _R),
    ('cl_ids_int16_padding_select', 'torchair_like', 'batch', _R),
    ('cl_ids_int16_padding_select', 'torchair_like', 'dynamic', _R),
    ('cl_ids_uint8_wrap', 'torchair_like', 'static', _R),
    ('cl_ids_uint8_wrap', 'torchair_like', 'batch', _R),
    ('cl_ids_uint8_wrap', 'torchair_like', 'dynamic', _R),
    ('cl_ids_float_roundtrip', 'torchair_like', 'static', _EQ),
    ('cl_ids_float_roundtrip', 'torchair_like', 'batch', _EQ),
    ('cl_ids_float_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_ids_half_roundtrip', 'torchair_like', 'static', _R),
    ('cl_ids_half_roundtrip', 'torchair_like', 'batch', _R),
    ('cl_ids_half_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_new_half_then_bf16_cache', 'torchair_like', 'static', _R),
    ('cl_new_half_then_bf16_cache', 'torchair_like', 'batch', _R),
    ('cl_new_half_then_bf16_cache', 'torchair_like', 'dynamic', _R),
    ('ls_cat_promoted_fp32', 'torchair_like', 'static', _EQ),
    ('ls_cat_promoted_fp32', 'torchair_like', 'batch', _EQ),
    ('ls_cat_promoted_fp32', 'torchair_like', 'dynamic', _EQ),
    ('ls_cat_promoted_fp32_k', 'torchair_like', 'static', _EQ),
    ('ls_cat_promoted_fp32_k', 'torchair_like', 'batch', _EQ),
    ('ls_cat_promoted_fp32_k', 'torchair_like', 'dynamic', _EQ),
    ('ls_cat_int_part', 'torchair_like', 'static', _R),
    ('ls_cat_int_part', 'torchair_like', 'batch', _R),
    ('ls_cat_int_part', 'torchair_like', 'dynamic', _R),
    ('ls_cat_double_part', 'torchair_like', 'static', _R),
    ('ls_cat_double_part', 'torchair_like', 'batch', _R),
    ('ls_cat_double_part', 'torchair_like', 'dynamic', _R),
    ('ls_reshape_minus1_at_dim', 'torchair_like', 'static', _EQ),
    ('ls_reshape_minus1_at_dim', 'torchair_like', 'batch', _EQ),
    ('ls_reshape_minus1_at_dim', 'torchair_like', 'dynamic', _EQ),
    ('ls_expand_then_select', 'torchair_like', 'static', _EQ),
    ('ls_expand_then_select', 'torchair_like', 'batch', _EQ),
    ('ls_expand_then_select', 'torchair_like', 'dynamic', _EQ),
    ('scp_half_v_mult', 'torchair_like', 'static', _R),
    ('scp_half_v_mult', 'torchair_like', 'batch', _R),
    ('scp_half_v_mult', 'torchair_like', 'dynamic', _R),
    ('scp_half_v_bias', 'torchair_like', 'static', _FF),
    ('scp_half_v_bias', 'torchair_like', 'batch', _FF),
    ('scp_half_v_bias', 'torchair_like', 'dynamic', _R),
    ('scp_half_v_scale_pair', 'torchair_like', 'static', _R),
    ('scp_half_v_scale_pair', 'torchair_like', 'batch', _R),
    ('scp_half_v_scale_pair', 'torchair_like', 'dynamic', _R),
    ('scp_half_v_div_mult', 'torchair_like', 'static', _R),
    ('scp_half_v_div_mult', 'torchair_like', 'batch', _R),
    ('scp_half_v_div_mult', 'torchair_like', 'dynamic', _R),
    ('scp_bf16_v_mult', 'torchair_like', 'static', _R),
    ('scp_bf16_v_mult', 'torchair_like', 'batch', _R),
    ('scp_bf16_v_mult', 'torchair_like', 'dynamic', _R),
    ('scp_bf16_v_bias', 'torchair_like', 'static', _FF),
    ('scp_bf16_v_bias', 'torchair_like', 'batch', _FF),
    ('scp_bf16_v_bias', 'torchair_like', 'dynamic', _R),
    ('scp_half_v_mult_fp16_cache', 'torchair_like', 'static', _R),
    ('scp_half_v_mult_fp16_cache', 'torchair_like', 'batch', _R),
    ('scp_half_v_mult_fp16_cache', 'torchair_like', 'dynamic', _R),
]

# later runs (not the first try): the second batch (SECOND, 22:27-22:31 UTC) and the real-Inductor confirmations
_LATER = [
    ('scp_half_v_bias', 'inductor', 'static', _FF),
    ('scp_half_v_bias', 'inductor', 'batch', _FF),
    ('scp_half_v_bias', 'inductor', 'dynamic', _R),
    ('scp_bf16_v_bias', 'inductor', 'static', _FF),
    ('scp_bf16_v_bias', 'inductor', 'batch', _FF),
    ('scp_bf16_v_bias', 'inductor', 'dynamic', _R),
    ('scp_half_v_sub', 'inductor_graph', 'static', _FF),
    ('scp_half_v_sub', 'inductor_graph', 'batch', _FF),
    ('scp_half_v_sub', 'inductor_graph', 'dynamic', _R),
    ('scp_bf16_v_bias_fp16_cache', 'inductor_graph', 'static', _R),
    ('scp_bf16_v_bias_fp16_cache', 'inductor_graph', 'batch', _R),
    ('scp_bf16_v_bias_fp16_cache', 'inductor_graph', 'dynamic', _R),
    ('scp_half_v_bias_in_where', 'inductor_graph', 'static', _FF),
    ('scp_half_v_bias_in_where', 'inductor_graph', 'batch', _FF),
    ('scp_half_v_bias_in_where', 'inductor_graph', 'dynamic', _R),
    ('scp_three_parts_bias', 'inductor_graph', 'static', _R),
    ('scp_three_parts_bias', 'inductor_graph', 'batch', _R),
    ('scp_three_parts_bias', 'inductor_graph', 'dynamic', _R),
    ('scp_half_v_bias_fp32_control', 'inductor_graph', 'static', _EQ),
    ('scp_half_v_bias_fp32_control', 'inductor_graph', 'batch', _EQ),
    ('scp_half_v_bias_fp32_control', 'inductor_graph', 'dynamic', _R),
    ('sst_bias_half', 'inductor_graph', 'static', _R),
    ('sst_bias_half', 'inductor_graph', 'batch', _R),
    ('sst_bias_half', 'inductor_graph', 'dynamic', _R),
    ('sst_bias_bf16', 'inductor_graph', 'static', _R),
    ('sst_bias_bf16', 'inductor_graph', 'batch', _R),
    ('sst_bias_bf16', 'inductor_graph', 'dynamic', _R),
    ('sst_plain_half', 'inductor_graph', 'static', _EQ),
    ('sst_plain_half', 'inductor_graph', 'batch', _EQ),
    ('sst_plain_half', 'inductor_graph', 'dynamic', _EQ),
    ('lsx_scaled', 'inductor_graph', 'static', _EQ),
    ('lsx_scaled', 'inductor_graph', 'batch', _EQ),
    ('lsx_scaled', 'inductor_graph', 'dynamic', _EQ),
    ('lsx_raw', 'inductor_graph', 'static', _EQ),
    ('lsx_raw', 'inductor_graph', 'batch', _EQ),
    ('lsx_raw', 'inductor_graph', 'dynamic', _EQ),
    ('lsx_sum', 'inductor_graph', 'static', _EQ),
    ('lsx_sum', 'inductor_graph', 'batch', _EQ),
    ('lsx_sum', 'inductor_graph', 'dynamic', _EQ),
    ('lsx_plus_v', 'inductor_graph', 'static', _EQ),
    ('lsx_plus_v', 'inductor_graph', 'batch', _EQ),
    ('lsx_plus_v', 'inductor_graph', 'dynamic', _EQ),
    ('scp_half_v_sub', 'torchair_like', 'static', _FF),
    ('scp_half_v_sub', 'torchair_like', 'batch', _FF),
    ('scp_half_v_sub', 'torchair_like', 'dynamic', _R),
    ('scp_bf16_v_bias_fp16_cache', 'torchair_like', 'static', _R),
    ('scp_bf16_v_bias_fp16_cache', 'torchair_like', 'batch', _R),
    ('scp_bf16_v_bias_fp16_cache', 'torchair_like', 'dynamic', _R),
    ('scp_half_v_bias_in_where', 'torchair_like', 'static', _FF),
    ('scp_half_v_bias_in_where', 'torchair_like', 'batch', _FF),
    ('scp_half_v_bias_in_where', 'torchair_like', 'dynamic', _R),
    ('scp_three_parts_bias', 'torchair_like', 'static', _R),
    ('scp_three_parts_bias', 'torchair_like', 'batch', _R),
    ('scp_three_parts_bias', 'torchair_like', 'dynamic', _R),
    ('scp_half_v_bias_fp32_control', 'torchair_like', 'static', _EQ),
    ('scp_half_v_bias_fp32_control', 'torchair_like', 'batch', _EQ),
    ('scp_half_v_bias_fp32_control', 'torchair_like', 'dynamic', _R),
    ('sst_bias_half', 'torchair_like', 'static', _R),
    ('sst_bias_half', 'torchair_like', 'batch', _R),
    ('sst_bias_half', 'torchair_like', 'dynamic', _R),
    ('sst_bias_bf16', 'torchair_like', 'static', _R),
    ('sst_bias_bf16', 'torchair_like', 'batch', _R),
    ('sst_bias_bf16', 'torchair_like', 'dynamic', _R),
    ('sst_plain_half', 'torchair_like', 'static', _EQ),
    ('sst_plain_half', 'torchair_like', 'batch', _EQ),
    ('sst_plain_half', 'torchair_like', 'dynamic', _EQ),
    ('lsx_scaled', 'torchair_like', 'static', _EQ),
    ('lsx_scaled', 'torchair_like', 'batch', _EQ),
    ('lsx_scaled', 'torchair_like', 'dynamic', _EQ),
    ('lsx_raw', 'torchair_like', 'static', _EQ),
    ('lsx_raw', 'torchair_like', 'batch', _EQ),
    ('lsx_raw', 'torchair_like', 'dynamic', _EQ),
    ('lsx_sum', 'torchair_like', 'static', _EQ),
    ('lsx_sum', 'torchair_like', 'batch', _EQ),
    ('lsx_sum', 'torchair_like', 'dynamic', _EQ),
    ('lsx_plus_v', 'torchair_like', 'static', _EQ),
    ('lsx_plus_v', 'torchair_like', 'batch', _EQ),
    ('lsx_plus_v', 'torchair_like', 'dynamic', _EQ),
    ('scp_bf16_v_bias_fp16_cache_k32', 'inductor_graph', 'static', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'inductor_graph', 'batch', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'inductor_graph', 'dynamic', _R),
    ('sst_bias_zeros_half', 'inductor_graph', 'static', _FF),
    ('sst_bias_zeros_half', 'inductor_graph', 'batch', _FF),
    ('sst_bias_zeros_half', 'inductor_graph', 'dynamic', _FF),
    ('sst_bias_zeros_bf16', 'inductor_graph', 'static', _FF),
    ('sst_bias_zeros_bf16', 'inductor_graph', 'batch', _FF),
    ('sst_bias_zeros_bf16', 'inductor_graph', 'dynamic', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'torchair_like', 'static', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'torchair_like', 'batch', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'torchair_like', 'dynamic', _R),
    ('sst_bias_zeros_half', 'torchair_like', 'static', _FF),
    ('sst_bias_zeros_half', 'torchair_like', 'batch', _FF),
    ('sst_bias_zeros_half', 'torchair_like', 'dynamic', _FF),
    ('sst_bias_zeros_bf16', 'torchair_like', 'static', _FF),
    ('sst_bias_zeros_bf16', 'torchair_like', 'batch', _FF),
    ('sst_bias_zeros_bf16', 'torchair_like', 'dynamic', _FF),
    ('scp_half_v_sub', 'inductor', 'static', _FF),
    ('scp_half_v_sub', 'inductor', 'batch', _FF),
    ('scp_half_v_sub', 'inductor', 'dynamic', _R),
    ('scp_half_v_bias_in_where', 'inductor', 'static', _FF),
    ('scp_half_v_bias_in_where', 'inductor', 'batch', _FF),
    ('scp_half_v_bias_in_where', 'inductor', 'dynamic', _R),
    ('scp_half_v_bias_fp32_control', 'inductor', 'static', _EQ),
    ('scp_half_v_bias_fp32_control', 'inductor', 'batch', _EQ),
    ('scp_half_v_bias_fp32_control', 'inductor', 'dynamic', _R),
    ('scp_bf16_v_bias_fp16_cache_k32', 'inductor', 'static', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'inductor', 'batch', _FF),
    ('scp_bf16_v_bias_fp16_cache_k32', 'inductor', 'dynamic', _R),
    ('sst_plain_half', 'inductor', 'static', _EQ),
    ('sst_plain_half', 'inductor', 'batch', _EQ),
    ('sst_plain_half', 'inductor', 'dynamic', _EQ),
    ('sst_bias_zeros_half', 'inductor', 'static', _FF),
    ('sst_bias_zeros_half', 'inductor', 'batch', _FF),
    ('sst_bias_zeros_half', 'inductor', 'dynamic', _FF),
    ('sst_bias_zeros_bf16', 'inductor', 'static', _FF),
    ('sst_bias_zeros_bf16', 'inductor', 'batch', _FF),
    ('sst_bias_zeros_bf16', 'inductor', 'dynamic', _FF),
]


def classify44(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41/42/43)."""
    from tests.corpora.redteam7 import classify_scenario
    if name.startswith("bound_") and dialect == "torchair_like":
        return classify_scenario(name, factory, "bound_ta", mode)
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify44)
