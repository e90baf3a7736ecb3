"""Forty-sixth adversarial review of the recogniser (round 46; a fresh review of 5af15c5: whole-model contexts around
round 45's F1 fix (rewrite.keep_intermediate_caches_out_of_place / _old_value_read_elsewhere), joint writes
(NsaFusionPass._consider_joint, split_concatenated_writes, _keeps_dtype), FlashInfer flat page reads (pool_tables
_flat_read / _flat_rebuilder), table prefixes (roles._table_prefix), inputs mutated in the graph around a fused step,
sizes the probes never evaluated, issue 18's classes at the exact edges of narrowing casts).

Same format as redteam43 / redteam44 / redteam45: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the
factory returns ``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner:
redteam7's ``classify7`` through :func:`classify46` (redteam3's aliasing ``_clone_args`` is installed by that import,
which the al_ attacks use).

    cp /work/main/tests/corpora/redteam46.py /tmp/base48/tests/corpora/ && cd /tmp/base48 && \\
    PYTHONPATH=/tmp/base48 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam46.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base48 = 5af15c5, 01:27:06-01:35:28 UTC 2026-12-06, the two graph
dialects side by side, one process each): 78 attacks in 7 families (wm_ 24, jw_ 11, jst_ 4, fr_ 8 + tp_ 7, cl_ 17,
dy_ 7), 234 runs per graph dialect (every attack in static, batch, dynamic):

    inductor_graph  234 runs: 0 FALSE FUSION / 0 CRASH / 137 fused & equal / 86 refused / 0 control differs /
                    11 control crashes too
    torchair_like   234 runs: 0 FALSE FUSION / 0 CRASH / 129 fused & equal / 94 refused / 0 control differs /
                    11 control crashes too

Per theme (inductor_graph | torchair_like): wm_ 68 EQ / 4 CCT | the same; jw_ 6 EQ / 27 R | the same; jst_ 3 EQ / 9 R
| the same; fr_ 17 EQ / 7 CCT | 15 EQ / 2 R / 7 CCT; tp_ 12 EQ / 9 R | the same; cl_ 10 EQ / 41 R | 4 EQ / 47 R; dy_
21 EQ | the same.  Not counted (attack bugs, kept as run): under mark_dynamic the wm_weight_snapshot,
wm_weight_view_after, wm_weight_snapshot_other_cache, wm_snapshot_between_steps attacks leave the second slot map
(``[B]``) unmarked and every fr_ attack but fr_indptr_prefix leaves ``indptr`` (``[B + 1]``) unmarked, which dynamo
ties to the batch (CONTROL CRASHES TOO: ConstraintViolationError).  The dialects differ only in refusals:
jw_v_equals_k fused & equal in torchair_like (static, batch), refused in inductor_graph ("pooling: the pooled value is
not sum_j w[j, h] * token_j"); jw_index_copy_joint, fr_take fused & equal in inductor_graph, refused in torchair_like;
cl_kept_int16_view and cl_kept_fp32_roundtrip (exact spellings of the kept rows) fused & equal in inductor_graph,
refused in torchair_like.

Later runs (``_LATER``, not the first try; 0 FALSE FUSION and 0 CRASH in every one):

* SECOND (written during the first try: sv_ 9, wm_f1_copy_ 6, al_ 3; 01:36-01:37 UTC): inductor_graph and
  torchair_like alike 51 runs, 48 fused & equal / 3 control crashes too (al_ under dynamic=True: the plain compile of
  aliasing inputs fails too, BackendCompilerFailed).
* vllm_post (redteam6's runner of the vLLM adapters' MUTATING call, post-grad custom POST pass, 01:39-01:43 UTC): the
  wm_, sv_, al_ attacks then in the file, 126 runs: 119 fused & equal / 7 control crashes too (the unmarked slot map
  and al_ dynamic, as above).
* THIRD (mix_ 3, sv_old_ 3, wm_f1_copy_clone; 01:44-01:45 UTC): inductor_graph, torchair_like, vllm_post alike 21
  runs, 17 fused & equal / 4 refused.
* FOURTH (ks_ 4, sv_snap_ 5; 01:48-01:50 UTC): inductor_graph, torchair_like, vllm_post alike 27 runs fused & equal.
* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend, 01:39-01:55 UTC): static 88 runs (every wm_,
  sv_, al_, mix_, ks_, fr_, dy_ attack, the jw_ / jst_ / tp_ / cl_ attacks that fuse): 87 fused & equal / 1 refused
  (mix_both_refused); mark_dynamic 30 runs (every wm_f1_*, mix_, sv_old_*, sv_kv_append_*): 29 fused & equal / 1 refused
  (mix_both_refused); dynamic=True 9 runs (the F1 copies that fuse both levels, wm_three_levels): 9 fused & equal.

How many steps fused (inductor_graph, static, first call; "fused N" in the runner's detail sums over the compiles): both
levels in wm_f1_lastdim_part, wm_f1_copy_{to_copy, detach_clone, where_true, cat_one, float_half, empty_copy,
slice_scatter_full, clone, pow_one, repeat_one, pad_zero, view_dtype_clone, transpose_contiguous}, wm_f1_index_*,
wm_f1_snapshot_returned_too, wm_weight_snapshot{,_other_cache}, wm_intermediate_written_input_read,
wm_f1_stacked_other_half (2 of 3), al_kv2_input_aliases_cache_{before, clone_before}; all three in wm_three_levels,
wm_snapshot_between_steps; one level (the other refused) in wm_f1_copy_{mul_one, add_zero, neg_neg} and
wm_input_written_intermediate_kv_mul_then_read (gather: KV computed), wm_weight_view_after,
wm_kv2_view_then_clone_after, wm_level2_first_then_level1_reads_its_rows, ks_* (keep), al_kv2_input_aliases_cache_after
(write: the cache is a view of the paged input), wm_f1_stacked_half (mask, see below), mix_level{1,2}_refused (by
design).

FOUND: nothing.  No false fusion and no crash in 234 + 234 first-try runs, 51 + 51 + 21 + 21 + 27 + 27 later graph
runs, 174 vllm_post runs and 127 real Inductor runs.

Not found (equal or refused; the idea each tried):

* wm_ / mix_ / al_ round 45 F1's neighbours (a copy of the cache input taken before level 1, read by level 2 as its
  paged KV or weight): the copy spelled ``clone``, ``detach().clone()``, ``to(dtype, copy=True)``, ``* 1``, ``+ 0``,
  ``-(-x)``, ``** 1``, ``repeat(1, 1, 1)``, ``pad(x, (0, 0))``, ``where(True, x, x)``, ``cat((x,))``,
  ``float().half()``, ``empty_like(x).copy_(x)``, ``zeros_like(x).slice_scatter(x)``,
  ``view(int16).clone().view(fp16)``, ``transpose().contiguous().transpose()`` (``* 1``, ``+ 0``, ``-(-x)`` leave level
  2 refused: KV computed); the cache a stacked half (``cache[0]``), the other half, a last-dim part (``cache[...,
  :D]``); level 1 as ``index_copy_``, level 2 as ``index_put_``; the copy also returned; level 2's WEIGHT a copy of
  cache rows (``cache[:32, :, 0].clone()``) or a view of them after level 1, level 2 into the same or another cache;
  three levels (copy, level 1, level 2 from the copy, level 3 from the new cache); a copy taken between two steps; an
  intermediate ``c = cache.clone()`` written while level 2 reads the input; level 2 reading a clone taken after level 1,
  or running first; level 2's KV a separate graph input aliasing the cache input (AOT's synthetic base; after, before, a
  clone of it first); one of the two levels refused (a computed factor 2) and the other fused: fused & equal or refused
  in every dialect, real Inductor included (static, mark_dynamic, dynamic=True). keep_intermediate_caches_out_of_place
  now counts every non-view user of the input's storage (through Inductor's no-op registry) as a reader; the only
  exemptions are the write-back ``copy_`` into the placeholder and the call's own scatter, and no spelling reached the
  old value any other way.
* ks_ kept rows read before a first step whose mask differs (stride 16 vs 32, so level 1 writes rows level 2 keeps):
  ``cache[s].clone()``, ``cache.clone()[s]``, ``cache[s]``, ``cache[s] + 0``: level 1 fused, level 2 refused (keep:
  cannot tell the kept rows from the new rows), equal.
* sv_ inputs mutated in the graph around a fused step: the window's last token appended (0.5) before / after, KV
  zeroed after, ``lens.add_(1)``, ``table.copy_(table.flip(1))``, ``slots.add_(1)``, ``w.zero_()``, ``cache.mul_(2)``
  after; old rows (``cache[s] * 2``, ``cache.float().sum(0)``, a view ``cache[:4].view(-1)``) read before the step and
  used after; a snapshot of the cache returned together with a KV / lens / table mutation after the step (the
  reordering of reinplace_clones): fused & equal in inductor_graph, torchair_like, vllm_post and real Inductor.
  (cache rows zeroed after the step: refused, keep.)
* jw_ / jst_ joint writes: the user's own split into last-dim slices (two writes): refused (keep); into stacked halves
  (``cache[0, s] = ..; cache[1, s] = ..``): fused & equal; selects inside the cat parts: refused (keep: no masked
  select); parts rounded to bf16 before an fp16 cache (cat or stack): refused (dtype); parts rounded to fp16 first,
  parts swapped, ``index_copy_`` of the joint select: fused & equal; the K part's mask all False: refused (mask); V = K
  or V = -K: refused (pooling / "the write's other part is not"), V = K fused & equal in torchair_like; a cat on the
  heads dim: refused (pooling); V's kept rows ``* 1.0``: refused (keep); a stacked [S, 2, N, D] cache: no candidate; the
  stacked cache written through its flat view: refused (mask).  Under dynamic=True the last-dim cats are refused (sizes:
  symbolic D // 2), as in round 45.
* fr_ / tp_ flat page reads and prefixes: ``view_as(idx)``, ``unflatten(0, idx.shape)``, ``torch.take``,
  ``flatten().reshape(B, -1)``, the pages also returned, ``kv_indptr_buf[:B + 1]`` with the flat read, two steps
  sharing one flat read with the second refused (the put-back path of _flat_rebuilder): fused & equal (fr_take refused
  in torchair_like).  ``buf.narrow(0, 0, B)``, ``buf[0:B:1]``, ``buf[:B].long()``, the prefix also read by a KV
  append after the step: fused & equal; ``buf[:B, :pages]`` / ``buf[:B, 1:]`` of a wider buffer: refused (gather);
  ``buf[:B + 2][:B]``: refused (roles).
* cl_ narrowing casts at their exact edges: lengths through uint8 at capacity 256, int8 at 128, int16 at 32768: refused
  (roles: the lengths cast); positions through int8 at capacity 128 (exact): fused & equal static / batch; lengths
  through fp16 at capacity 2048 (exact): fused & equal (static, batch; dynamic refused), at 2112: refused; slots through
  int16 with 32769 rows (row 32768 written), page ids through int16 with 32769 blocks (block 32768 read): refused
  (roles).  Kept rows through ``view(int16).view(fp16)`` or fp32 and back (exact): fused & equal (inductor_graph) /
  refused (torchair_like).  fp64 products and sum (then to fp16, or to fp32 first), an fp32 sum through bf16 into fp16:
  refused (dtype).  fp32 tokens near 2^-126 with ``mean(1) * 32``, ``sum / 32 * 32``, ``(w * 32)`` then ``mean``, tokens
  * 2^-100 then the sum * 2^100 (subnormal rounding the probes cannot see): refused structurally (pooling / weight)
  before any probe.
* dy_ sizes the first compile never saw: N = 1, one page (capacity 64), N = 3 with D = 7, B = 300, P = 8 with 32
  pages (l over 4 pages), as many slots as rows, one block shared by every row: fused & equal in every mode.

Odd, not unsound (worth a look): wm_f1_stacked_half's level 2 (a step into ``cache[0]`` of a stacked [2, rows, N, D]
input reading ``cache[0].clone().view(-1, 16, N, D)`` as its pages) is refused with "mask: the condition is false for
every length 0..4": the recogniser took ``unsqueeze_default`` [816, 1, 2, 16] (P = 1) for the paged input instead of
the [51, 16, 2, 16] view the gather reads, so the capacity came out 4 x 1 = 4 instead of 64 (a missed fusion with a
misleading reason; level 1 fuses, results equal, both dialects; wm_f1_stacked_other_half the same).  A paged input
misread with a SMALLER capacity than the real one would leave lengths above it out of the exhaustive mask check; here
the pooling probes, built on the misread layout, would refuse anyway, and no spelling tried fused with it.
torchair_like refuses cl_kept_fp32_roundtrip with "the kept cache rows are cast to torch.float16, which does not hold
torch.float16 exactly" (a self-contradictory message for an exact round trip).

Read, not demonstrated:
* reinplace_clones (torchair's graphs, the vLLM adapters' lazy path) collects readers with ``_alias_readers(base)``
  WITHOUT Inductor's no-op table: a user's clone of the input counts as one reader at the clone's place.  In torchair's
  graphs keep_copies_torchair_would_drop then keeps that clone as ``_to_copy``; in vllm_post remove_noop_ops has run
  before the pass; no spelling tried made a no-op copy read the old value after the call.
* _flat_read trades ``index_select`` (raises on a negative index) for ``x[idx]`` (wraps): equal wherever eager runs.
* expose_page_counts replaces ``n - 1`` by ``(s - 1) // P`` for readers after s: equal on valid FlashInfer metadata
  only (``1 <= last_page_len <= P``), which the contract makes a precondition; restore_page_counts puts ``n - 1`` back
  for every reader the fused step did not remove, so a refused or partly fused graph keeps the user's values.
* roles._table_prefix accepts any ``buf[:k]`` of a 2-D integer input with no check that k is the batch; the later
  one-row-per-written-row checks reject every other k tried (here and round 45).
* proof._dyadic now draws [-k, k) (never +k/denom: +2.0 tokens and weights are never probed); every value test on
  tokens or sums tried (here and round 45's val_) is refused structurally before the probes.
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


def _calls(**kw):
    return lambda: [build(B=12, **kw), build(B=16, seed=1, **kw)]


def _hier_calls(extra_cache=False, stacked=False, lastdim=False):
    """Level 1: the usual step into ``cache`` ([rows, N, D], rows = level 2's block count * 16); level 2 pools that
    cache viewed as pages of 16 (``table2``, ``lens2``) into rows ``slots2`` distinct from level 1's ``slots``.
    ``extra_cache``: a second cache input (B * 2 + 5 rows) appended; ``stacked``: the cache input is [2, rows, N, D]
    (level 1 and 2 write half 0); ``lastdim``: the cache input is [rows, N, 2D] (they write [..., :D])."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a2 = list(build(B=B, P=16, seed=seed + 1).args)
            rows = a2[0].shape[0] * 16
            a = list(build(B=B, seed=seed, num_slots=rows).args)
            # (a level-1 row written among the cache's first rows: the pages level 2 reads and the weight attacks' rows)
            sl, ln = a[2].long(), a[4].long()
            q = [b for b in range(B) if int(ln[b]) >= L and (int(ln[b]) - L) % STRIDE == 0]
            for k, row in enumerate((5, 17)):
                hit = (sl == row).nonzero().flatten().tolist()
                if hit:
                    sl[hit[0]] = sl[q[k]]
                sl[q[k]] = row
            a[2] = sl.to(a[2].dtype)
            c = a2[0].reshape(rows, a2[0].shape[2], a2[0].shape[3]).clone()
            taken = set(a[2].tolist())
            free = [r for r in range(rows) if r not in taken]
            slots2 = torch.tensor(free[:B], dtype=a[2].dtype)
            if stacked:
                c = torch.stack((c, c.flip(0) * 0.5))
            if lastdim:
                c = torch.cat((c, c.flip(0) * 0.5), -1)
            a[5] = c.contiguous()
            extra = [slots2, a2[3], a2[4]]
            if extra_cache:
                extra.append(a[5].clone() if not (stacked or lastdim) else c[0].clone() if stacked
                             else c[..., :a2[0].shape[3]].clone())
            out.append(a + extra)
        return out
    return f


# --- 1. whole-model contexts: neighbours of round 45's F1 (a snapshot of the cache read by a later step) ------------
def _wm(kind):
    def step(kv, w, slots, table, lens, cache, *extra):
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind in ("f1_stacked_half", "f1_stacked_other_half"):
            (slots2, table2, lens2) = extra
            c = cache[0]
            src = cache[0] if kind == "f1_stacked_half" else cache[1]
            kv2 = src.clone().view(-1, 16, c.shape[1], c.shape[2])
            write(c, slots, completes(lens), new)
            if kind == "f1_stacked_other_half":
                write(cache[1], slots, completes(lens), new)
            write(c, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        if kind == "f1_lastdim_part":  # cache [rows, N, 2D], both levels write [..., :D]; level 2 reads its clone
            (slots2, table2, lens2) = extra
            D = kv.shape[-1]
            c = cache[..., :D]
            kv2 = c.clone().view(-1, 16, c.shape[1], D)
            write(c, slots, completes(lens), new)
            write(c, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        (slots2, table2, lens2, *more) = extra
        N, D = cache.shape[1], cache.shape[2]
        if kind.startswith("f1_copy_"):  # level 2's KV: a copy of the cache taken before level 1, spelled otherwise
            how = kind[len("f1_copy_"):]
            if how == "mul_one":
                snap = cache * 1
            elif how == "to_copy":
                snap = cache.to(cache.dtype, copy=True)
            elif how == "detach_clone":
                snap = cache.detach().clone()
            elif how == "add_zero":
                snap = cache + 0
            elif how == "where_true":
                snap = torch.where(torch.ones((), dtype=torch.bool), cache, cache)
            elif how == "cat_one":
                snap = torch.cat((cache,))
            elif how == "float_half":  # through fp32 and back: exact
                snap = cache.float().to(cache.dtype)
            elif how == "empty_copy":
                snap = torch.empty_like(cache).copy_(cache)
            elif how == "slice_scatter_full":
                snap = torch.zeros_like(cache).slice_scatter(cache, 0, 0, cache.shape[0])
            elif how == "slice_rows":  # a clone of all rows but the first page's, pages renumbered by the table
                snap = torch.cat((cache[16:].clone(), cache[:16].clone()))
            else:
                raise AssertionError(how)
            kv2 = snap.view(-1, 16, N, D)
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        if kind == "f1_index_copy_first":  # level 1 as index_copy_ (the where over all rows), level 2 reads a clone
            kv2 = cache.clone().view(-1, 16, N, D)
            s = slots.long()
            cache.index_copy_(0, s, torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s]))
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        if kind == "f1_index_put_second":  # level 2 spelled index_put_ (accumulate=False)
            kv2 = cache.clone().view(-1, 16, N, D)
            write(cache, slots, completes(lens), new)
            s2 = slots2.long()
            new2 = pool(tokens(kv2, table2, positions(lens2)), w)
            cache.index_put_((s2,), torch.where(completes(lens2)[:, None, None], new2.to(cache.dtype), cache[s2]))
            return cache
        if kind == "f1_snapshot_returned_too":  # the clone is level 2's KV and is returned
            snap = cache.clone()
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(snap.view(-1, 16, N, D), table2, positions(lens2)), w))
            return cache, snap
        if kind == "weight_snapshot":  # level 2's weight: rows 0..31, element 0, of the cache cloned before level 1
            w2 = cache[:w.shape[0], :, 0].clone()
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w2))
            return cache
        if kind == "weight_view_after":  # the same weight read as a view (after level 1: the new rows)
            w2 = cache[:w.shape[0], :, 0]
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w2))
            return cache
        if kind == "weight_snapshot_other_cache":  # the weight snapshot, level 2 into a second cache input
            (cache2,) = more
            w2 = cache[:w.shape[0], :, 0].clone()
            write(cache, slots, completes(lens), new)
            write(cache2, slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w2))
            return cache, cache2
        if kind == "three_levels":  # snapshot, level 1, level 2 from the snapshot, level 3 from the new cache
            (cache2,) = more
            snap = cache.clone()
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(snap.view(-1, 16, N, D), table2, positions(lens2)), w))
            write(cache2, slots2, completes(lens2),
                  pool(tokens(cache.view(-1, 16, N, D), table2, positions(lens2)), w.flip(0)))
            return cache, cache2
        if kind == "snapshot_between_steps":  # level 1, snapshot, another step into the cache, then the snapshot read
            (cache2,) = more
            write(cache, slots, completes(lens), new)
            snap = cache.clone()
            write(cache, slots2, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            write(cache2, slots2, completes(lens2), pool(tokens(snap.view(-1, 16, N, D), table2, positions(lens2)), w))
            return cache, cache2
        if kind == "intermediate_written_input_read":  # c = cache.clone() written; level 2 reads the INPUT, writes c
            c = cache.clone()
            write(c, slots, completes(lens), new)
            write(c, slots2, completes(lens2), pool(tokens(cache.view(-1, 16, N, D), table2, positions(lens2)), w))
            return c
        if kind == "input_written_intermediate_kv_mul_then_read":  # a level-2 KV computed from the old cache (x 2)
            kv2 = (cache * 2).view(-1, 16, N, D)
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        if kind == "kv2_view_then_clone_after":  # level 2 reads a clone taken AFTER level 1 (the new rows)
            write(cache, slots, completes(lens), new)
            kv2 = cache.clone().view(-1, 16, N, D)
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        if kind == "level2_first_then_level1_reads_its_rows":  # level 2 (from the old cache) before level 1
            kv2 = cache.view(-1, 16, N, D)
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            write(cache, slots, completes(lens), new)
            return cache
        raise AssertionError(kind)
    return step


WM = [(f"wm_{k}", _mk(_wm(k), _hier_calls(stacked=True), MODES3), "stacked [2, rows, N, D] cache, F1 on a half: " + k)
      for k in ("f1_stacked_half", "f1_stacked_other_half")]
WM += [("wm_f1_lastdim_part", _mk(_wm("f1_lastdim_part"), _hier_calls(lastdim=True), MODES3),
        "cache [rows, N, 2D], both levels write [..., :D], level 2 reads a clone of that part")]
WM += [(f"wm_f1_copy_{k}", _mk(_wm(f"f1_copy_{k}"), _hier_calls(), MODES3),
        "F1 with level 2's KV a copy of the cache spelled: " + k)
       for k in ("mul_one", "to_copy", "detach_clone", "add_zero", "where_true", "cat_one", "float_half",
                 "empty_copy", "slice_scatter_full")]
WM += [(f"wm_{k}", _mk(_wm(k), _hier_calls(), MODES3), "whole model: " + k)
       for k in ("f1_index_copy_first", "f1_index_put_second", "f1_snapshot_returned_too", "weight_snapshot",
                 "weight_view_after", "intermediate_written_input_read", "input_written_intermediate_kv_mul_then_read",
                 "kv2_view_then_clone_after", "level2_first_then_level1_reads_its_rows")]
WM += [(f"wm_{k}", _mk(_wm(k), _hier_calls(extra_cache=True), MODES3), "whole model, a second cache: " + k)
       for k in ("weight_snapshot_other_cache", "three_levels", "snapshot_between_steps")]


# --- 2. joint writes ---------------------------------------------------------------------------------------------
def _jw(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        h = cache.shape[-1] // 2
        pk, pv = pool(tok[..., :h], w), pool(tok[..., h:], w.flip(0))
        s = slots.long()
        valid = completes(lens)[:, None, None]
        if kind == "user_split_two_writes":  # the user writes the parts separately, into last-dim slices
            cache[s, :, :h] = torch.where(valid, pk.to(cache.dtype), cache[s, :, :h])
            cache[s, :, h:] = torch.where(valid, pv.to(cache.dtype), cache[s, :, h:])
            return cache
        if kind == "where_inside_parts":  # the selects inside the parts, no select of the cat
            old = cache[s]
            cache[s] = torch.cat((torch.where(valid, pk.to(cache.dtype), old[..., :h]),
                                  torch.where(valid, pv.to(cache.dtype), old[..., h:])), -1)
            return cache
        if kind == "bf16_parts_fp16_cache":  # each part rounded to bf16, the cat then to fp16 (double rounding)
            new = torch.cat((pk.bfloat16(), pv.bfloat16()), -1)
        elif kind == "fp16_parts":  # each part rounded to the cache's fp16 before the cat (one rounding: the contract)
            new = torch.cat((pk.half(), pv.half()), -1)
        elif kind == "parts_swapped":  # V first, then K (the halves' weights swapped with them)
            new = torch.cat((pv, pk), -1)
        elif kind == "k_part_mask_false":  # the K part never written (its select always keeps), V the contract
            old = cache[s]
            vk = torch.zeros_like(valid).expand(-1, cache.shape[1], h)
            vv = valid.expand(-1, cache.shape[1], h)
            cache[s] = torch.where(torch.cat((vk, vv), -1), torch.cat((pk, pv), -1).to(cache.dtype), old)
            return cache
        elif kind == "v_equals_k":  # both parts the same pooled value
            new = torch.cat((pk, pk), -1)
        elif kind == "v_neg_k":  # V part the negated K sum
            new = torch.cat((pk, -pk), -1)
        elif kind == "cat_heads_dim":  # the parts stacked along the heads (dim 1), cache [S, 2N, D/2]
            c = cache.view(cache.shape[0], 2 * cache.shape[1], h)
            old = c[s]
            c[s] = torch.where(valid, torch.cat((pk, pv), 1).to(c.dtype), old)
            return cache
        elif kind == "index_copy_joint":
            cache.index_copy_(0, s, torch.where(valid, torch.cat((pk, pv), -1).to(cache.dtype), cache[s]))
            return cache
        elif kind == "v_kept_scaled_one":  # V's kept rows * 1.0 (an identity on every value but sNaN payloads)
            old = cache[s]
            kept = torch.cat((old[..., :h], old[..., h:] * 1.0), -1)
            cache[s] = torch.where(valid, torch.cat((pk, pv), -1).to(cache.dtype), kept)
            return cache
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new.to(cache.dtype), cache[s])
        return cache
    return step


def _st(kind):
    """A stacked cache on dim 1, [S, 2, N, D], or [2, S, N, D] written through its flat view."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        pk, pv = pool(tok, w), pool(tok, w.flip(0))
        s = slots.long()
        if kind == "dim1":
            valid = completes(lens)[:, None, None, None]
            cache[s] = torch.where(valid, torch.stack((pk, pv), 1).to(cache.dtype), cache[s])
            return cache
        if kind == "flat_view":  # cache [2, S, N, D] written as cache.view(2S, N, D)[cat(s, s + S)]
            S = cache.shape[1]
            flat = cache.view(2 * S, cache.shape[2], cache.shape[3])
            idx = torch.cat((s, s + S))
            valid = completes(lens).repeat(2)[:, None, None]
            flat[idx] = torch.where(valid, torch.cat((pk, pv)).to(cache.dtype), flat[idx])
            return cache
        if kind == "per_half_writes":  # the halves written one after the other by the user
            valid = completes(lens)[:, None, None]
            cache[0, s] = torch.where(valid, pk.to(cache.dtype), cache[0, s])
            cache[1, s] = torch.where(valid, pv.to(cache.dtype), cache[1, s])
            return cache
        if kind == "bf16_halves_fp16_cache":
            valid = completes(lens)[None, :, None, None]
            cache[:, s] = torch.where(valid, torch.stack((pk.bfloat16(), pv.bfloat16())).to(cache.dtype),
                                      cache[:, s])
            return cache
        raise AssertionError(kind)
    return step


def _st_calls(layout):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            c = torch.stack((a[5], a[5].flip(0)), 1 if layout == "dim1" else 0)
            a[5] = c.contiguous()
            out.append(a)
        return out
    return f


JW = [(f"jw_{k}", _mk(_jw(k), _calls(), MODES3), "joint K|V write on [S, N, 16], fp16: " + k)
      for k in ("user_split_two_writes", "where_inside_parts", "bf16_parts_fp16_cache", "fp16_parts", "parts_swapped",
                "k_part_mask_false", "v_equals_k", "v_neg_k", "cat_heads_dim", "index_copy_joint",
                "v_kept_scaled_one")]
JW += [("jst_dim1", _mk(_st("dim1"), _st_calls("dim1"), MODES3), "stacked [S, 2, N, D] cache, stack on dim 1")]
JW += [(f"jst_{k}", _mk(_st(k), _st_calls("dim0"), MODES3), "stacked [2, S, N, D] cache: " + k)
       for k in ("flat_view", "per_half_writes", "bf16_halves_fp16_cache")]


# --- 3. flat page reads and table prefixes -------------------------------------------------------------------------
def _fr(kind):
    def step(kv, w, slots, table, lens, cache, indptr, indices):
        P = kv.shape[1]
        pos = positions(lens)
        B = lens.shape[0]
        idx = (indptr[:B + 1] if kind == "indptr_prefix" else indptr)[:-1, None].long() + pos // P
        if kind == "view_as":
            pages = indices.index_select(0, idx.reshape(-1)).view_as(idx)
        elif kind == "unflatten":
            pages = indices.index_select(0, idx.reshape(-1)).unflatten(0, idx.shape)
        elif kind == "take":
            pages = torch.take(indices, idx)
        elif kind == "flatten_reshape":
            pages = indices.index_select(0, idx.flatten()).reshape(idx.shape[0], -1)
        elif kind in ("two_steps_v_refused", "two_steps_both"):  # K and V steps share one flat read
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
            tok = kv[pages.long(), pos % P]
            write(cache, slots, completes(lens), pool(tok, w))
            vv = pool(tok, w.flip(0)) * (2.0 if kind == "two_steps_v_refused" else 1.0)
            return write(cache, slots + cache.shape[0] // 2, completes(lens), vv), pages
        elif kind == "pages_returned":  # the flat read also returned
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
            return write(cache, slots, completes(lens), pool(kv[pages.long(), pos % P], w)), pages
        elif kind == "indptr_prefix":  # indptr the first B + 1 entries of a longer buffer
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
        else:
            raise AssertionError(kind)
        tok = kv[pages.long(), pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _fr_calls(half_cache=False, long_indptr=False):
    def f():
        out = []
        for i, b in enumerate((12, 16)):
            a = list(build(B=b, seed=i, num_slots=2 * (2 * b + 5) if half_cache else None).args)
            if half_cache:  # slots in the first half; the V step writes row slot + S / 2
                S = a[5].shape[0]
                a[2] = torch.randperm(S // 2, generator=torch.Generator().manual_seed(i))[:b].to(a[2].dtype)
            table = a[3].long()
            pages = table.shape[1]
            indices = table.flatten().to(torch.int32)
            indptr = (torch.arange(b + 1) * pages).to(torch.int32)
            if long_indptr:
                indptr = torch.cat((indptr, torch.full((5,), 7, dtype=torch.int32)))
            out.append(a + [indptr, indices])
        return out
    return f


FR = [(f"fr_{k}", _mk(_fr(k), _fr_calls(), MODES3), "FlashInfer pages read flat: " + k)
      for k in ("view_as", "unflatten", "take", "flatten_reshape", "pages_returned")]
FR += [(f"fr_{k}", _mk(_fr(k), _fr_calls(half_cache=True), MODES3), "FlashInfer flat read shared by two steps: " + k)
       for k in ("two_steps_v_refused", "two_steps_both")]
FR += [("fr_indptr_prefix", _mk(_fr("indptr_prefix"), _fr_calls(long_indptr=True), SB + ("dynamic",)),
        "flat read, indptr_buf[:B + 1] of a longer buffer")]


def _tp(kind):
    def step(kv, w, slots, table, lens, cache, buf):
        B = lens.shape[0]
        pages = table.shape[1]
        if kind == "narrow":
            t = buf.narrow(0, 0, B)
        elif kind == "prefix_cols_prefix":  # buf has more columns: buf[:B, :pages]
            t = buf[:B, :pages]
        elif kind == "prefix_cols_from_one":  # buf's column 0 is junk: buf[:B, 1:]
            t = buf[:B, 1:]
        elif kind == "prefix_then_long":
            t = buf[:B].long()
        elif kind == "prefix_step_by_rows":  # buf[0:B:1] written out
            t = buf[0:B:1]
        elif kind == "prefix_twice":  # buf[:B + 2][:B]
            t = buf[:B + 2][:B]
        elif kind == "prefix_also_appended":  # the step, then a KV append through the same prefix (after)
            t = buf[:B]
            out = write(cache, slots, completes(lens), pool(tokens(kv, t, positions(lens)), w))
            p = (lens.long() - 1).clamp(min=0)
            kv[t.long().gather(1, (p // kv.shape[1])[:, None])[:, 0], p % kv.shape[1]] = 0.5
            return out, kv
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tokens(kv, t, positions(lens)), w))
    return step


def _tp_calls(kind):
    def f():
        out = []
        for i, b in enumerate((12, 16)):
            a = list(build(B=b, seed=i).args)
            table = a[3]
            nb = a[0].shape[0]
            junk = torch.randint(0, nb, (3, table.shape[1]), dtype=table.dtype)
            if kind == "prefix_cols_prefix":
                buf = torch.cat((torch.cat((table, torch.randint(0, nb, (b, 2), dtype=table.dtype)), 1),
                                 torch.randint(0, nb, (3, table.shape[1] + 2), dtype=table.dtype)))
            elif kind == "prefix_cols_from_one":
                buf = torch.cat((torch.cat((torch.randint(0, nb, (b, 1), dtype=table.dtype), table), 1),
                                 torch.randint(0, nb, (3, table.shape[1] + 1), dtype=table.dtype)))
            else:
                buf = torch.cat((table, junk))
            out.append(a + [buf.contiguous()])
        return out
    return f


FR += [(f"tp_{k}", _mk(_tp(k), _tp_calls(k), MODES3), "block table as a slice of a longer buffer: " + k)
       for k in ("narrow", "prefix_cols_prefix", "prefix_cols_from_one", "prefix_then_long", "prefix_step_by_rows",
                 "prefix_twice")]
FR += [("tp_prefix_also_appended", _mk(_tp("prefix_also_appended"), _tp_calls("prefix"), MODES3),
        "the prefix read by the step and by a KV append after it")]


# --- 4. issue 18 at the exact edges of narrowing casts, rounding spellings ----------------------------------------
def _cl(kind):
    def step(kv, w, slots, table, lens, cache):
        if kind == "lens_uint8":  # capacity 256: a length 256 wraps to 0
            lt = lens.to(torch.uint8)
            return write(cache, slots, completes(lt), pool(tokens(kv, table, positions(lt)), w))
        if kind == "lens_int8":  # capacity 128: a length 128 wraps to -128
            lt = lens.to(torch.int8)
            return write(cache, slots, completes(lt), pool(tokens(kv, table, positions(lt)), w))
        if kind == "lens_int16":  # capacity 32768: 32768 wraps
            lt = lens.to(torch.int16)
            return write(cache, slots, completes(lt), pool(tokens(kv, table, positions(lt)), w))
        if kind == "pos_int8":  # positions through int8 at capacity 128 (max position 127: exact)
            pos = positions(lens).to(torch.int8).long()
            return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
        if kind == "slots_int16":  # 32769 slots, row 32768 written: wraps to -32768 (row 1)
            return write(cache, slots.to(torch.int16), completes(lens), pool(tokens(kv, table, positions(lens)), w))
        if kind == "ids_int16":  # 32769 blocks, id 32768 read: wraps to -32768 (block 1)
            return write(cache, slots, completes(lens), pool(tokens(kv, table.to(torch.int16), positions(lens)), w))
        if kind == "lens_fp16_cap2048":  # capacity 2048 exactly (fp16 exact to 2048)
            lt = lens.half().long()
            return write(cache, slots, completes(lt), pool(tokens(kv, table, positions(lt)), w))
        if kind == "lens_fp16_cap2112":  # capacity 2112: 2049.. round in fp16 (2050 -> 2050, 2051 -> 2052)
            lt = lens.half().long()
            return write(cache, slots, completes(lt), pool(tokens(kv, table, positions(lt)), w))
        tok = tokens(kv, table, positions(lens))
        if kind == "kept_int16_view":  # kept rows reinterpreted through int16 and back (exact)
            s = slots.long()
            old = cache[s].view(torch.int16).view(cache.dtype)
            cache[s] = torch.where(completes(lens)[:, None, None], pool(tok, w).to(cache.dtype), old)
            return cache
        if kind == "kept_fp32_roundtrip":  # kept rows through fp32 and back (exact)
            s = slots.long()
            old = cache[s].float().to(cache.dtype)
            cache[s] = torch.where(completes(lens)[:, None, None], pool(tok, w).to(cache.dtype), old)
            return cache
        if kind == "new_fp64_sum":  # products and sum in fp64, rounded once to the cache dtype
            new = (tok.double() * w.double()[None, :, :, None]).sum(1)
            return write(cache, slots, completes(lens), new)
        if kind == "new_fp64_then_fp32":  # fp64 sum rounded to fp32, then to fp16
            new = (tok.double() * w.double()[None, :, :, None]).sum(1).float()
            return write(cache, slots, completes(lens), new)
        if kind == "mean_times_l":  # the mean times l: sum / 32 * 32 (subnormal sums lose bits)
            new = (tok.float() * w.float()[None, :, :, None]).mean(1) * tok.shape[1]
            return write(cache, slots, completes(lens), new)
        if kind == "sum_div_l_times_l":
            new = (tok.float() * w.float()[None, :, :, None]).sum(1) / 32 * 32
            return write(cache, slots, completes(lens), new)
        if kind == "weight_times_l_mean":  # the weight scaled by l, then the mean (l * w exact, mean / l exact?)
            new = (tok.float() * (w.float() * 32)[None, :, :, None]).mean(1)
            return write(cache, slots, completes(lens), new)
        if kind == "tok_scaled_pow2_fp32":  # fp32 tokens * 2^-100, sum, * 2^100 (subnormal products)
            new = ((tok.float() * 2.0 ** -100) * w.float()[None, :, :, None]).sum(1) * 2.0 ** 100
            return write(cache, slots, completes(lens), new)
        if kind == "new_bf16_then_fp16":  # fp32 sum -> bf16 -> fp16 cache
            new = pool(tok, w).bfloat16()
            return write(cache, slots, completes(lens), new)
        raise AssertionError(kind)
    return step


def _edge_lens_calls(cap_pages, P=64, B=(6, 8), extra=()):
    def f():
        out = []
        for i, b in enumerate(B):
            cap = cap_pages * P
            ls = [cap, cap - 16, 32, 48, 0, cap - 1, cap - 32, 33] + list(extra)
            ls = [x for x in ls if 0 <= x <= cap][:b]
            out.append(list(build(B=len(ls), seed=i, pages=cap_pages, P=P, lengths=ls, specials=False).args))
        return out
    return f


def _slots_edge_calls():
    out = []
    for B, seed in ((8, 0), (12, 1)):
        a = list(build(B=B, seed=seed, num_slots=32769, P=16, pages=4).args)
        s = a[2].long()
        lens = a[4]
        q = [b for b in range(B) if int(lens[b]) >= 32 and (int(lens[b]) - 32) % 16 == 0]
        s[q[0]] = 32768
        s[q[1]] = 32767
        out.append(a[:2] + [s.to(a[2].dtype)] + a[3:])
    return out


def _ids_edge_calls():
    out = []
    for B, seed in ((8, 0), (12, 1)):
        a = list(build(B=B, seed=seed, block_num=32769, P=16, pages=4).args)
        t = a[3].long()
        t[:, :] = t.clamp(max=32767)
        lens = a[4]
        q = [b for b in range(B) if int(lens[b]) >= 32 and (int(lens[b]) - 32) % 16 == 0]
        b = q[0]
        page = (int(lens[b]) - 1) // 16  # the window's last page
        kv = a[0]
        kv[32768] = kv[int(t[b, page])]
        kv[32768, :, 0, 0] = 1.5  # differs from block 1
        kv[1] = -0.75
        t[b, page] = 32768
        out.append([kv] + a[1:3] + [t.to(a[3].dtype)] + a[4:])
    return out


def _fullmant(dtype=torch.float16):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, dtype=dtype).args)
            g = torch.Generator().manual_seed(seed + 11)
            kv = a[0]
            fin = torch.isfinite(kv)
            a[0] = torch.where(fin, ((torch.rand(kv.shape, generator=g) * 4 - 2)
                                     * torch.exp2(torch.randint(-8, 9, kv.shape, generator=g).float())).to(dtype), kv)
            a[1] = (torch.rand(a[1].shape, generator=g) * 2 - 1).to(a[1].dtype)
            out.append(a)
        return out
    return f


def _tiny_f32():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed, dtype=torch.float32).args)
        g = torch.Generator().manual_seed(seed + 5)
        kv = a[0]
        fin = torch.isfinite(kv)
        a[0] = torch.where(fin, (torch.rand(kv.shape, generator=g) + 0.5) * 2.0 ** -122, kv)
        out.append(a)
    return out


CL = [("cl_lens_uint8", _mk(_cl("lens_uint8"), _edge_lens_calls(4), MODES3), "lengths through uint8, capacity 256"),
      ("cl_lens_int8", _mk(_cl("lens_int8"), _edge_lens_calls(2), MODES3), "lengths through int8, capacity 128"),
      ("cl_lens_int16", _mk(_cl("lens_int16"), _edge_lens_calls(512), MODES3), "lengths through int16, capacity 32768"),
      ("cl_pos_int8", _mk(_cl("pos_int8"), _edge_lens_calls(2), MODES3), "positions through int8, capacity 128"),
      ("cl_slots_int16", _mk(_cl("slots_int16"), _slots_edge_calls, MODES3), "slots through int16, 32769 slots"),
      ("cl_ids_int16", _mk(_cl("ids_int16"), _ids_edge_calls, MODES3), "page ids through int16, 32769 blocks"),
      ("cl_lens_fp16_cap2048", _mk(_cl("lens_fp16_cap2048"), _edge_lens_calls(32), MODES3),
       "lengths through fp16, capacity 2048"),
      ("cl_lens_fp16_cap2112", _mk(_cl("lens_fp16_cap2112"), _edge_lens_calls(33, extra=(2080, 2064)), MODES3),
       "lengths through fp16, capacity 2112")]
CL += [(f"cl_{k}", _mk(_cl(k), _fullmant(), MODES3), "full-mantissa fp16 tokens, wide exponents: " + k)
       for k in ("kept_int16_view", "kept_fp32_roundtrip", "new_fp64_sum", "new_fp64_then_fp32", "new_bf16_then_fp16")]
CL += [(f"cl_{k}", _mk(_cl(k), _tiny_f32, MODES3), "fp32 tokens near 2^-122 (subnormal sums / 32): " + k)
       for k in ("mean_times_l", "sum_div_l_times_l", "weight_times_l_mean", "tok_scaled_pow2_fp32")]


# --- 5. sizes the first compile never saw -------------------------------------------------------------------------
def _contract(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _sizes_calls(kind):
    def f():
        if kind == "heads_one":
            return [build(B=12), build(B=16, seed=1, N=1)]
        if kind == "single_page":
            return [build(B=12), build(B=6, seed=1, pages=1, lengths=[64, 48, 32, 0, 63, 31])]
        if kind == "odd_heads_dim":
            return [build(B=12), build(B=16, seed=1, N=3, D=7)]
        if kind == "big_batch":
            return [build(B=12), build(B=300, seed=1)]
        if kind == "l_over_pages_P8":
            return [build(B=12), build(B=16, seed=1, P=8, pages=32)]
        if kind == "few_slots":  # exactly B slots (every row a slot)
            return [build(B=12), build(B=16, seed=1, num_slots=16)]
        if kind == "one_block_shared":
            return [build(B=12), build(B=8, seed=1, pages=2, distinct_pages=False, block_num=1, specials=False)]
        raise AssertionError(kind)
    return f


DY = [(f"dy_{k}", _mk(_contract, _sizes_calls(k), MODES3), "the contract at sizes the first compile never saw: " + k)
      for k in ("heads_one", "single_page", "odd_heads_dim", "big_batch", "l_over_pages_P8", "few_slots",
                "one_block_shared")]



# --- 6. (second batch, written during the first try) state mutated in the graph around a fused step; more copies;
# inputs that alias the cache -------------------------------------------------------------------------------------
def _sv(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        p = (lens.long() - 1).clamp(min=0)  # the window's last position (the token just appended)
        page = table.long().gather(1, (p // P)[:, None])[:, 0]
        if kind in ("old_rows_before_returned", "old_cache_sum_before", "old_rows_view_before"):
            # the old rows read before the step (Inductor computes a pointwise read where it is used: here, the output)
            s = slots.long()
            y = cache[s] * 2 if kind == "old_rows_before_returned" else \
                cache.float().sum(0) if kind == "old_cache_sum_before" else cache[:4].view(-1)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), y * 1
        if kind == "kv_append_before":  # the last window token written (0.5) before the step: the step reads it
            kv[page, p % P] = 0.5
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), kv
        if kind.startswith("snap_"):  # a snapshot of the old cache returned, and an input mutated after the step
            snap = cache.view(-1, cache.shape[-1]).clone() if kind.endswith("_viewclone") else cache.clone()
            out = write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            if "lens" in kind:
                lens.add_(1)
            if "kv" in kind:
                kv[page, p % P] = 0.5
            if "table" in kind:
                table.copy_(table.flip(1))
            return out, snap, kv, lens, table
        out = write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        if kind == "kv_append_after":  # the same token written after the step: the step reads the old one
            kv[page, p % P] = 0.5
        elif kind == "kv_zeroed_after":
            kv.zero_()
        elif kind == "lens_add_after":
            lens.add_(1)
        elif kind == "table_flipped_after":
            table.copy_(table.flip(1))
        elif kind == "slots_add_after":
            slots.add_(1)
        elif kind == "weight_zeroed_after":
            w.zero_()
        elif kind == "cache_doubled_after":
            cache.mul_(2)
        elif kind == "cache_rows_zeroed_after":
            cache[slots.long()] = 0
        else:
            raise AssertionError(kind)
        return out, kv, lens, table, slots, w
    return step


SV = [(f"sv_{k}", _mk(_sv(k), _calls(specials=False) if k.startswith("kv_") else _calls(), MODES3),
       "an input mutated in the graph around the step: " + k)
      for k in ("old_rows_before_returned", "old_cache_sum_before", "old_rows_view_before",
                "kv_append_before", "kv_append_after", "kv_zeroed_after", "lens_add_after", "table_flipped_after",
                "slots_add_after", "weight_zeroed_after", "cache_doubled_after", "cache_rows_zeroed_after",
                "snap_kv", "snap_lens", "snap_table", "snap_kv_lens_table", "snap_kv_viewclone")]


def _wm2(kind):
    def step(kv, w, slots, table, lens, cache, slots2, table2, lens2):
        N, D = cache.shape[1], cache.shape[2]
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "pow_one":
            snap = cache ** 1
        elif kind == "repeat_one":
            snap = cache.repeat(1, 1, 1)
        elif kind == "pad_zero":
            snap = torch.nn.functional.pad(cache, (0, 0))
        elif kind == "neg_neg":
            snap = -(-cache)
        elif kind == "view_dtype_clone":
            snap = cache.view(torch.int16).clone().view(cache.dtype)
        elif kind == "clone":  # round 45's F1 as it was (the control of this family)
            snap = cache.clone()
        elif kind == "transpose_contiguous":  # a copy through a transposed contiguous()
            snap = cache.transpose(1, 2).contiguous().transpose(1, 2)
        else:
            raise AssertionError(kind)
        kv2 = snap.reshape(-1, 16, N, D)
        write(cache, slots, completes(lens), new)
        write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
        return cache
    return step


WM2 = [(f"wm_f1_copy_{k}", _mk(_wm2(k), _hier_calls(), MODES3), "F1 with level 2's KV a copy spelled: " + k)
       for k in ("clone", "pow_one", "repeat_one", "pad_zero", "neg_neg", "view_dtype_clone", "transpose_contiguous")]


def _al(kind):
    def step(kv, w, slots, table, lens, cache, slots2, table2, lens2, kv2):
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "after":  # level 2 after level 1: its KV input (a view of the cache input) holds level 1's rows
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
        elif kind == "before":  # level 2 first: the old rows
            out2 = pool(tokens(kv2, table2, positions(lens2)), w)
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), out2)
        elif kind == "clone_before":  # a clone of the aliasing KV input taken first
            kv2c = kv2.clone()
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(kv2c, table2, positions(lens2)), w))
        else:
            raise AssertionError(kind)
        return cache
    return step


def _al_calls():
    from tests.corpora.redteam3 import _view_of
    out = []
    for a in _hier_calls()():
        c = a[5]
        N, D = c.shape[1], c.shape[2]
        out.append(a + [_view_of(c.view(-1, 16, N, D).clone(), 5, lambda x, N=N, D=D: x.view(-1, 16, N, D))])
    return out


AL = [(f"al_kv2_input_aliases_cache_{k}", _mk(_al(k), _al_calls, ("static", "dynamic")),
       "level 2's KV a separate input aliasing the cache input: " + k) for k in ("after", "before", "clone_before")]



def _mix(kind):
    """Two levels on one cache input, one of them a near miss (refused: its pooled value doubled by a computed
    factor), the other the contract; level 2 reads a clone of the cache taken before level 1."""
    def step(kv, w, slots, table, lens, cache, slots2, table2, lens2):
        N, D = cache.shape[1], cache.shape[2]
        two = torch.ones((), dtype=torch.float32) + lens.shape[0] * 0 + 1  # 2.0, computed
        snap = cache.clone()
        new1 = pool(tokens(kv, table, positions(lens)), w)
        write(cache, slots, completes(lens), new1 * two if kind in ("level1_refused", "both_refused") else new1)
        kv2 = snap.view(-1, 16, N, D)
        new2 = pool(tokens(kv2, table2, positions(lens2)), w)
        write(cache, slots2, completes(lens2), new2 * two if kind in ("level2_refused", "both_refused") else new2)
        return cache
    return step


MIX = [(f"mix_{k}", _mk(_mix(k), _hier_calls(), MODES3), "F1's two levels, one of them refused: " + k)
       for k in ("level1_refused", "level2_refused", "both_refused")]


def _ks(kind):
    """Kept rows snapshotted before a first step whose mask differs (it writes rows the second step keeps)."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "clone_rows":  # old = cache[s].clone() before step 1 (stride 16); step 2 (stride 32) keeps old
            old = cache[s].clone()
        elif kind == "clone_cache":  # snap = cache.clone() before step 1; step 2 keeps snap[s]
            old = cache.clone()[s]
        elif kind == "rows_no_clone":  # old = cache[s] (an index: a copy in eager) before step 1
            old = cache[s]
        elif kind == "rows_plus_zero":
            old = cache[s] + 0
        else:
            raise AssertionError(kind)
        write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
        cache[s] = torch.where(completes(lens, d=32)[:, None, None], new.to(cache.dtype), old)
        return cache
    return step


KS = [(f"ks_{k}", _mk(_ks(k), _calls(), MODES3), "kept rows read before a first step with another mask: " + k)
      for k in ("clone_rows", "clone_cache", "rows_no_clone", "rows_plus_zero")]
SECOND = SV + WM2 + AL

ATTACKS = WM + JW + FR + CL + DY + SECOND + MIX + KS

# first try: /tmp/base48 (5af15c5), 01:27-01:35 UTC, WM + JW + FR + CL + DY, both graph dialects
_FIRST = [
    ('wm_f1_stacked_half', 'inductor_graph', 'static', _EQ),
    ('wm_f1_stacked_half', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_stacked_half', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_stacked_other_half', 'inductor_graph', 'static', _EQ),
    ('wm_f1_stacked_other_half', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_stacked_other_half', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_lastdim_part', 'inductor_graph', 'static', _EQ),
    ('wm_f1_lastdim_part', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_lastdim_part', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_mul_one', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_mul_one', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_mul_one', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_to_copy', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_to_copy', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_to_copy', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_detach_clone', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_detach_clone', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_detach_clone', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_add_zero', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_add_zero', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_add_zero', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_where_true', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_where_true', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_where_true', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_cat_one', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_cat_one', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_cat_one', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_float_half', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_float_half', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_float_half', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_empty_copy', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_empty_copy', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_empty_copy', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_index_copy_first', 'inductor_graph', 'static', _EQ),
    ('wm_f1_index_copy_first', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_index_copy_first', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_index_put_second', 'inductor_graph', 'static', _EQ),
    ('wm_f1_index_put_second', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_index_put_second', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_snapshot_returned_too', 'inductor_graph', 'static', _EQ),
    ('wm_f1_snapshot_returned_too', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_snapshot_returned_too', 'inductor_graph', 'dynamic', _EQ),
    ('wm_weight_snapshot', 'inductor_graph', 'static', _EQ),
    ('wm_weight_snapshot', 'inductor_graph', 'batch', _CCT),
    ('wm_weight_snapshot', 'inductor_graph', 'dynamic', _EQ),
    ('wm_weight_view_after', 'inductor_graph', 'static', _EQ),
    ('wm_weight_view_after', 'inductor_graph', 'batch', _CCT),
    ('wm_weight_view_after', 'inductor_graph', 'dynamic', _EQ),
    ('wm_intermediate_written_input_read', 'inductor_graph', 'static', _EQ),
    ('wm_intermediate_written_input_read', 'inductor_graph', 'batch', _EQ),
    ('wm_intermediate_written_input_read', 'inductor_graph', 'dynamic', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'inductor_graph', 'static', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'inductor_graph', 'batch', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'inductor_graph', 'dynamic', _EQ),
    ('wm_kv2_view_then_clone_after', 'inductor_graph', 'static', _EQ),
    ('wm_kv2_view_then_clone_after', 'inductor_graph', 'batch', _EQ),
    ('wm_kv2_view_then_clone_after', 'inductor_graph', 'dynamic', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'inductor_graph', 'static', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'inductor_graph', 'batch', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'inductor_graph', 'dynamic', _EQ),
    ('wm_weight_snapshot_other_cache', 'inductor_graph', 'static', _EQ),
    ('wm_weight_snapshot_other_cache', 'inductor_graph', 'batch', _CCT),
    ('wm_weight_snapshot_other_cache', 'inductor_graph', 'dynamic', _EQ),
    ('wm_three_levels', 'inductor_graph', 'static', _EQ),
    ('wm_three_levels', 'inductor_graph', 'batch', _EQ),
    ('wm_three_levels', 'inductor_graph', 'dynamic', _EQ),
    ('wm_snapshot_between_steps', 'inductor_graph', 'static', _EQ),
    ('wm_snapshot_between_steps', 'inductor_graph', 'batch', _CCT),
    ('wm_snapshot_between_steps', 'inductor_graph', 'dynamic', _EQ),
    ('jw_user_split_two_writes', 'inductor_graph', 'static', _R),
    ('jw_user_split_two_writes', 'inductor_graph', 'batch', _R),
    ('jw_user_split_two_writes', 'inductor_graph', 'dynamic', _R),
    ('jw_where_inside_parts', 'inductor_graph', 'static', _R),
    ('jw_where_inside_parts', 'inductor_graph', 'batch', _R),
    ('jw_where_inside_parts', 'inductor_graph', 'dynamic', _R),
    ('jw_bf16_parts_fp16_cache', 'inductor_graph', 'static', _R),
    ('jw_bf16_parts_fp16_cache', 'inductor_graph', 'batch', _R),
    ('jw_bf16_parts_fp16_cache', 'inductor_graph', 'dynamic', _R),
    ('jw_fp16_parts', 'inductor_graph', 'static', _EQ),
    ('jw_fp16_parts', 'inductor_graph', 'batch', _EQ),
    ('jw_fp16_parts', 'inductor_graph', 'dynamic', _R),
    ('jw_parts_swapped', 'inductor_graph', 'static', _EQ),
    ('jw_parts_swapped', 'inductor_graph', 'batch', _EQ),
    ('jw_parts_swapped', 'inductor_graph', 'dynamic', _R),
    ('jw_k_part_mask_false', 'inductor_graph', 'static', _R),
    ('jw_k_part_mask_false', 'inductor_graph', 'batch', _R),
    ('jw_k_part_mask_false', 'inductor_graph', 'dynamic', _R),
    ('jw_v_equals_k', 'inductor_graph', 'static', _R),
    ('jw_v_equals_k', 'inductor_graph', 'batch', _R),
    ('jw_v_equals_k', 'inductor_graph', 'dynamic', _R),
    ('jw_v_neg_k', 'inductor_graph', 'static', _R),
    ('jw_v_neg_k', 'inductor_graph', 'batch', _R),
    ('jw_v_neg_k', 'inductor_graph', 'dynamic', _R),
    ('jw_cat_heads_dim', 'inductor_graph', 'static', _R),
    ('jw_cat_heads_dim', 'inductor_graph', 'batch', _R),
    ('jw_cat_heads_dim', 'inductor_graph', 'dynamic', _R),
    ('jw_index_copy_joint', 'inductor_graph', 'static', _EQ),
    ('jw_index_copy_joint', 'inductor_graph', 'batch', _EQ),
    ('jw_index_copy_joint', 'inductor_graph', 'dynamic', _R),
    ('jw_v_kept_scaled_one', 'inductor_graph', 'static', _R),
    ('jw_v_kept_scaled_one', 'inductor_graph', 'batch', _R),
    ('jw_v_kept_scaled_one', 'inductor_graph', 'dynamic', _R),
    ('jst_dim1', 'inductor_graph', 'static', _R),
    ('jst_dim1', 'inductor_graph', 'batch', _R),
    ('jst_dim1', 'inductor_graph', 'dynamic', _R),
    ('jst_flat_view', 'inductor_graph', 'static', _R),
    ('jst_flat_view', 'inductor_graph', 'batch', _R),
    ('jst_flat_view', 'inductor_graph', 'dynamic', _R),
    ('jst_per_half_writes', 'inductor_graph', 'static', _EQ),
    ('jst_per_half_writes', 'inductor_graph', 'batch', _EQ),
    ('jst_per_half_writes', 'inductor_graph', 'dynamic', _EQ),
    ('jst_bf16_halves_fp16_cache', 'inductor_graph', 'static', _R),
    ('jst_bf16_halves_fp16_cache', 'inductor_graph', 'batch', _R),
    ('jst_bf16_halves_fp16_cache', 'inductor_graph', 'dynamic', _R),
    ('fr_view_as', 'inductor_graph', 'static', _EQ),
    ('fr_view_as', 'inductor_graph', 'batch', _CCT),
    ('fr_view_as', 'inductor_graph', 'dynamic', _EQ),
    ('fr_unflatten', 'inductor_graph', 'static', _EQ),
    ('fr_unflatten', 'inductor_graph', 'batch', _CCT),
    ('fr_unflatten', 'inductor_graph', 'dynamic', _EQ),
    ('fr_take', 'inductor_graph', 'static', _EQ),
    ('fr_take', 'inductor_graph', 'batch', _CCT),
    ('fr_take', 'inductor_graph', 'dynamic', _EQ),
    ('fr_flatten_reshape', 'inductor_graph', 'static', _EQ),
    ('fr_flatten_reshape', 'inductor_graph', 'batch', _CCT),
    ('fr_flatten_reshape', 'inductor_graph', 'dynamic', _EQ),
    ('fr_pages_returned', 'inductor_graph', 'static', _EQ),
    ('fr_pages_returned', 'inductor_graph', 'batch', _CCT),
    ('fr_pages_returned', 'inductor_graph', 'dynamic', _EQ),
    ('fr_two_steps_v_refused', 'inductor_graph', 'static', _EQ),
    ('fr_two_steps_v_refused', 'inductor_graph', 'batch', _CCT),
    ('fr_two_steps_v_refused', 'inductor_graph', 'dynamic', _EQ),
    ('fr_two_steps_both', 'inductor_graph', 'static', _EQ),
    ('fr_two_steps_both', 'inductor_graph', 'batch', _CCT),
    ('fr_two_steps_both', 'inductor_graph', 'dynamic', _EQ),
    ('fr_indptr_prefix', 'inductor_graph', 'static', _EQ),
    ('fr_indptr_prefix', 'inductor_graph', 'batch', _EQ),
    ('fr_indptr_prefix', 'inductor_graph', 'dynamic', _EQ),
    ('tp_narrow', 'inductor_graph', 'static', _EQ),
    ('tp_narrow', 'inductor_graph', 'batch', _EQ),
    ('tp_narrow', 'inductor_graph', 'dynamic', _EQ),
    ('tp_prefix_cols_prefix', 'inductor_graph', 'static', _R),
    ('tp_prefix_cols_prefix', 'inductor_graph', 'batch', _R),
    ('tp_prefix_cols_prefix', 'inductor_graph', 'dynamic', _R),
    ('tp_prefix_cols_from_one', 'inductor_graph', 'static', _R),
    ('tp_prefix_cols_from_one', 'inductor_graph', 'batch', _R),
    ('tp_prefix_cols_from_one', 'inductor_graph', 'dynamic', _R),
    ('tp_prefix_then_long', 'inductor_graph', 'static', _EQ),
    ('tp_prefix_then_long', 'inductor_graph', 'batch', _EQ),
    ('tp_prefix_then_long', 'inductor_graph', 'dynamic', _EQ),
    ('tp_prefix_step_by_rows', 'inductor_graph', 'static', _EQ),
    ('tp_prefix_step_by_rows', 'inductor_graph', 'batch', _EQ),
    ('tp_prefix_step_by_rows', 'inductor_graph', 'dynamic', _EQ),
    ('tp_prefix_twice', 'inductor_graph', 'static', _R),
    ('tp_prefix_twice', 'inductor_graph', 'batch', _R),
    ('tp_prefix_twice', 'inductor_graph', 'dynamic', _R),
    ('tp_prefix_also_appended', 'inductor_graph', 'static', _EQ),
    ('tp_prefix_also_appended', 'inductor_graph', 'batch', _EQ),
    ('tp_prefix_also_appended', 'inductor_graph', 'dynamic', _EQ),
    ('cl_lens_uint8', 'inductor_graph', 'static', _R),
    ('cl_lens_uint8', 'inductor_graph', 'batch', _R),
    ('cl_lens_uint8', 'inductor_graph', 'dynamic', _R),
    ('cl_lens_int8', 'inductor_graph', 'static', _R),
    ('cl_lens_int8', 'inductor_graph', 'batch', _R),
    ('cl_lens_int8', 'inductor_graph', 'dynamic', _R),
    ('cl_lens_int16', 'inductor_graph', 'static', _R),
    ('cl_lens_int16', 'inductor_graph', 'batch', _R),
    ('cl_lens_int16', 'inductor_graph', 'dynamic', _R),
    ('cl_pos_int8', 'inductor_graph', 'static', _EQ),
    ('cl_pos_int8', 'inductor_graph', 'batch', _EQ),
    ('cl_pos_int8', 'inductor_graph', 'dynamic', _R),
    ('cl_slots_int16', 'inductor_graph', 'static', _R),
    ('cl_slots_int16', 'inductor_graph', 'batch', _R),
    ('cl_slots_int16', 'inductor_graph', 'dynamic', _R),
    ('cl_ids_int16', 'inductor_graph', 'static', _R),
    ('cl_ids_int16', 'inductor_graph', 'batch', _R),
    ('cl_ids_int16', 'inductor_graph', 'dynamic', _R),
    ('cl_lens_fp16_cap2048', 'inductor_graph', 'static', _EQ),
    ('cl_lens_fp16_cap2048', 'inductor_graph', 'batch', _EQ),
    ('cl_lens_fp16_cap2048', 'inductor_graph', 'dynamic', _R),
    ('cl_lens_fp16_cap2112', 'inductor_graph', 'static', _R),
    ('cl_lens_fp16_cap2112', 'inductor_graph', 'batch', _R),
    ('cl_lens_fp16_cap2112', 'inductor_graph', 'dynamic', _R),
    ('cl_kept_int16_view', 'inductor_graph', 'static', _EQ),
    ('cl_kept_int16_view', 'inductor_graph', 'batch', _EQ),
    ('cl_kept_int16_view', 'inductor_graph', 'dynamic', _EQ),
    ('cl_kept_fp32_roundtrip', 'inductor_graph', 'static', _EQ),
    ('cl_kept_fp32_roundtrip', 'inductor_graph', 'batch', _EQ),
    ('cl_kept_fp32_roundtrip', 'inductor_graph', 'dynamic', _EQ),
    ('cl_new_fp64_sum', 'inductor_graph', 'static', _R),
    ('cl_new_fp64_sum', 'inductor_graph', 'batch', _R),
    ('cl_new_fp64_sum', 'inductor_graph', 'dynamic', _R),
    ('cl_new_fp64_then_fp32', 'inductor_graph', 'static', _R),
    ('cl_new_fp64_then_fp32', 'inductor_graph', 'batch', _R),
    ('cl_new_fp64_then_fp32', 'inductor_graph', 'dynamic', _R),
    ('cl_new_bf16_then_fp16', 'inductor_graph', 'static', _R),
    ('cl_new_bf16_then_fp16', 'inductor_graph', 'batch', _R),
    ('cl_new_bf16_then_fp16', 'inductor_graph', 'dynamic', _R),
    ('cl_mean_times_l', 'inductor_graph', 'static', _R),
    ('cl_mean_times_l', 'inductor_graph', 'batch', _R),
    ('cl_mean_times_l', 'inductor_graph', 'dynamic', _R),
    ('cl_sum_div_l_times_l', 'inductor_graph', 'static', _R),
    ('cl_sum_div_l_times_l', 'inductor_graph', 'batch', _R),
    ('cl_sum_div_l_times_l', 'inductor_graph', 'dynamic', _R),
    ('cl_weight_times_l_mean', 'inductor_graph', 'static', _R),
    ('cl_weight_times_l_mean', 'inductor_graph', 'batch', _R),
    ('cl_weight_times_l_mean', 'inductor_graph', 'dynamic', _R),
    ('cl_tok_scaled_pow2_fp32', 'inductor_graph', 'static', _R),
    ('cl_tok_scaled_pow2_fp32', 'inductor_graph', 'batch', _R),
    ('cl_tok_scaled_pow2_fp32', 'inductor_graph', 'dynamic', _R),
    ('dy_heads_one', 'inductor_graph', 'static', _EQ),
    ('dy_heads_one', 'inductor_graph', 'batch', _EQ),
    ('dy_heads_one', 'inductor_graph', 'dynamic', _EQ),
    ('dy_single_page', 'inductor_graph', 'static', _EQ),
    ('dy_single_page', 'inductor_graph', 'batch', _EQ),
    ('dy_single_page', 'inductor_graph', 'dynamic', _EQ),
    ('dy_odd_heads_dim', 'inductor_graph', 'static', _EQ),
    ('dy_odd_heads_dim', 'inductor_graph', 'batch', _EQ),
    ('dy_odd_heads_dim', 'inductor_graph', 'dynamic', _EQ),
    ('dy_big_batch', 'inductor_graph', 'static', _EQ),
    ('dy_big_batch', 'inductor_graph', 'batch', _EQ),
    ('dy_big_batch', 'inductor_graph', 'dynamic', _EQ),
    ('dy_l_over_pages_P8', 'inductor_graph', 'static', _EQ),
    ('dy_l_over_pages_P8', 'inductor_graph', 'batch', _EQ),
    ('dy_l_over_pages_P8', 'inductor_graph', 'dynamic', _EQ),
    ('dy_few_slots', 'inductor_graph', 'static', _EQ),
    ('dy_few_slots', 'inductor_graph', 'batch', _EQ),
    ('dy_few_slots', 'inductor_graph', 'dynamic', _EQ),
    ('dy_one_block_shared', 'inductor_graph', 'static', _EQ),
    ('dy_one_block_shared', 'inductor_graph', 'batch', _EQ),
    ('dy_one_block_shared', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_stacked_half', 'torchair_like', 'static', _EQ),
    ('wm_f1_stacked_half', 'torchair_like', 'batch', _EQ),
    ('wm_f1_stacked_half', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_stacked_other_half', 'torchair_like', 'static', _EQ),
    ('wm_f1_stacked_other_half', 'torchair_like', 'batch', _EQ),
    ('wm_f1_stacked_other_half', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_lastdim_part', 'torchair_like', 'static', _EQ),
    ('wm_f1_lastdim_part', 'torchair_like', 'batch', _EQ),
    ('wm_f1_lastdim_part', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_mul_one', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_mul_one', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_mul_one', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_to_copy', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_to_copy', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_to_copy', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_detach_clone', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_detach_clone', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_detach_clone', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_add_zero', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_add_zero', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_add_zero', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_where_true', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_where_true', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_where_true', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_cat_one', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_cat_one', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_cat_one', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_float_half', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_float_half', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_float_half', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_empty_copy', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_empty_copy', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_empty_copy', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_index_copy_first', 'torchair_like', 'static', _EQ),
    ('wm_f1_index_copy_first', 'torchair_like', 'batch', _EQ),
    ('wm_f1_index_copy_first', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_index_put_second', 'torchair_like', 'static', _EQ),
    ('wm_f1_index_put_second', 'torchair_like', 'batch', _EQ),
    ('wm_f1_index_put_second', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_snapshot_returned_too', 'torchair_like', 'static', _EQ),
    ('wm_f1_snapshot_returned_too', 'torchair_like', 'batch', _EQ),
    ('wm_f1_snapshot_returned_too', 'torchair_like', 'dynamic', _EQ),
    ('wm_weight_snapshot', 'torchair_like', 'static', _EQ),
    ('wm_weight_snapshot', 'torchair_like', 'batch', _CCT),
    ('wm_weight_snapshot', 'torchair_like', 'dynamic', _EQ),
    ('wm_weight_view_after', 'torchair_like', 'static', _EQ),
    ('wm_weight_view_after', 'torchair_like', 'batch', _CCT),
    ('wm_weight_view_after', 'torchair_like', 'dynamic', _EQ),
    ('wm_intermediate_written_input_read', 'torchair_like', 'static', _EQ),
    ('wm_intermediate_written_input_read', 'torchair_like', 'batch', _EQ),
    ('wm_intermediate_written_input_read', 'torchair_like', 'dynamic', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'torchair_like', 'static', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'torchair_like', 'batch', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'torchair_like', 'dynamic', _EQ),
    ('wm_kv2_view_then_clone_after', 'torchair_like', 'static', _EQ),
    ('wm_kv2_view_then_clone_after', 'torchair_like', 'batch', _EQ),
    ('wm_kv2_view_then_clone_after', 'torchair_like', 'dynamic', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'torchair_like', 'static', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'torchair_like', 'batch', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'torchair_like', 'dynamic', _EQ),
    ('wm_weight_snapshot_other_cache', 'torchair_like', 'static', _EQ),
    ('wm_weight_snapshot_other_cache', 'torchair_like', 'batch', _CCT),
    ('wm_weight_snapshot_other_cache', 'torchair_like', 'dynamic', _EQ),
    ('wm_three_levels', 'torchair_like', 'static', _EQ),
    ('wm_three_levels', 'torchair_like', 'batch', _EQ),
    ('wm_three_levels', 'torchair_like', 'dynamic', _EQ),
    ('wm_snapshot_between_steps', 'torchair_like', 'static', _EQ),
    ('wm_snapshot_between_steps', 'torchair_like', 'batch', _CCT),
    ('wm_snapshot_between_steps', 'torchair_like', 'dynamic', _EQ),
    ('jw_user_split_two_writes', 'torchair_like', 'static', _R),
    ('jw_user_split_two_writes', 'torchair_like', 'batch', _R),
    ('jw_user_split_two_writes', 'torchair_like', 'dynamic', _R),
    ('jw_where_inside_parts', 'torchair_like', 'static', _R),
    ('jw_where_inside_parts', 'torchair_like', 'batch', _R),
    ('jw_where_inside_parts', 'torchair_like', 'dynamic', _R),
    ('jw_bf16_parts_fp16_cache', 'torchair_like', 'static', _R),
    ('jw_bf16_parts_fp16_cache', 'torchair_like', 'batch', _R),
    ('jw_bf16_parts_fp16_cache', 'torchair_like', 'dynamic', _R),
    ('jw_fp16_parts', 'torchair_like', 'static', _EQ),
    ('jw_fp16_parts', 'torchair_like', 'batch', _EQ),
    ('jw_fp16_parts', 'torchair_like', 'dynamic', _R),
    ('jw_parts_swapped', 'torchair_like', 'static', _EQ),
    ('jw_parts_swapped', 'torchair_like', 'batch', _EQ),
    ('jw_parts_swapped', 'torchair_like', 'dynamic', _R),
    ('jw_k_part_mask_false', 'torchair_like', 'static', _R),
    ('jw_k_part_mask_false', 'torchair_like', 'batch', _R),
    ('jw_k_part_mask_false', 'torchair_like', 'dynamic', _R),
    ('jw_v_equals_k', 'torchair_like', 'static', _EQ),
    ('jw_v_equals_k', 'torchair_like', 'batch', _EQ),
    ('jw_v_equals_k', 'torchair_like', 'dynamic', _R),
    ('jw_v_neg_k', 'torchair_like', 'static', _R),
    ('jw_v_neg_k', 'torchair_like', 'batch', _R),
    ('jw_v_neg_k', 'torchair_like', 'dynamic', _R),
    ('jw_cat_heads_dim', 'torchair_like', 'static', _R),
    ('jw_cat_heads_dim', 'torchair_like', 'batch', _R),
    ('jw_cat_heads_dim', 'torchair_like', 'dynamic', _R),
    ('jw_index_copy_joint', 'torchair_like', 'static', _R),
    ('jw_index_copy_joint', 'torchair_like', 'batch', _R),
    ('jw_index_copy_joint', 'torchair_like', 'dynamic', _R),
    ('jw_v_kept_scaled_one', 'torchair_like', 'static', _R),
    ('jw_v_kept_scaled_one', 'torchair_like', 'batch', _R),
    ('jw_v_kept_scaled_one', 'torchair_like', 'dynamic', _R),
    ('jst_dim1', 'torchair_like', 'static', _R),
    ('jst_dim1', 'torchair_like', 'batch', _R),
    ('jst_dim1', 'torchair_like', 'dynamic', _R),
    ('jst_flat_view', 'torchair_like', 'static', _R),
    ('jst_flat_view', 'torchair_like', 'batch', _R),
    ('jst_flat_view', 'torchair_like', 'dynamic', _R),
    ('jst_per_half_writes', 'torchair_like', 'static', _EQ),
    ('jst_per_half_writes', 'torchair_like', 'batch', _EQ),
    ('jst_per_half_writes', 'torchair_like', 'dynamic', _EQ),
    ('jst_bf16_halves_fp16_cache', 'torchair_like', 'static', _R),
    ('jst_bf16_halves_fp16_cache', 'torchair_like', 'batch', _R),
    ('jst_bf16_halves_fp16_cache', 'torchair_like', 'dynamic', _R),
    ('fr_view_as', 'torchair_like', 'static', _EQ),
    ('fr_view_as', 'torchair_like', 'batch', _CCT),
    ('fr_view_as', 'torchair_like', 'dynamic', _EQ),
    ('fr_unflatten', 'torchair_like', 'static', _EQ),
    ('fr_unflatten', 'torchair_like', 'batch', _CCT),
    ('fr_unflatten', 'torchair_like', 'dynamic', _EQ),
    ('fr_take', 'torchair_like', 'static', _R),
    ('fr_take', 'torchair_like', 'batch', _CCT),
    ('fr_take', 'torchair_like', 'dynamic', _R),
    ('fr_flatten_reshape', 'torchair_like', 'static', _EQ),
    ('fr_flatten_reshape', 'torchair_like', 'batch', _CCT),
    ('fr_flatten_reshape', 'torchair_like', 'dynamic', _EQ),
    ('fr_pages_returned', 'torchair_like', 'static', _EQ),
    ('fr_pages_returned', 'torchair_like', 'batch', _CCT),
    ('fr_pages_returned', 'torchair_like', 'dynamic', _EQ),
    ('fr_two_steps_v_refused', 'torchair_like', 'static', _EQ),
    ('fr_two_steps_v_refused', 'torchair_like', 'batch', _CCT),
    ('fr_two_steps_v_refused', 'torchair_like', 'dynamic', _EQ),
    ('fr_two_steps_both', 'torchair_like', 'static', _EQ),
    ('fr_two_steps_both', 'torchair_like', 'batch', _CCT),
    ('fr_two_steps_both', 'torchair_like', 'dynamic', _EQ),
    ('fr_indptr_prefix', 'torchair_like', 'static', _EQ),
    ('fr_indptr_prefix', 'torchair_like', 'batch', _EQ),
    ('fr_indptr_prefix', 'torchair_like', 'dynamic', _EQ),
    ('tp_narrow', 'torchair_like', 'static', _EQ),
    ('tp_narrow', 'torchair_like', 'batch', _EQ),
    ('tp_narrow', 'torchair_like', 'dynamic', _EQ),
    ('tp_prefix_cols_prefix', 'torchair_like', 'static', _R),
    ('tp_prefix_cols_prefix', 'torchair_like', 'batch', _R),
    ('tp_prefix_cols_prefix', 'torchair_like', 'dynamic', _R),
    ('tp_prefix_cols_from_one', 'torchair_like', 'static', _R),
    ('tp_prefix_cols_from_one', 'torchair_like', 'batch', _R),
    ('tp_prefix_cols_from_one', 'torchair_like', 'dynamic', _R),
    ('tp_prefix_then_long', 'torchair_like', 'static', _EQ),
    ('tp_prefix_then_long', 'torchair_like', 'batch', _EQ),
    ('tp_prefix_then_long', 'torchair_like', 'dynamic', _EQ),
    ('tp_prefix_step_by_rows', 'torchair_like', 'static', _EQ),
    ('tp_prefix_step_by_rows', 'torchair_like', 'batch', _EQ),
    ('tp_prefix_step_by_rows', 'torchair_like', 'dynamic', _EQ),
    ('tp_prefix_twice', 'torchair_like', 'static', _R),
    ('tp_prefix_twice', 'torchair_like', 'batch', _R),
    ('tp_prefix_twice', 'torchair_like', 'dynamic', _R),
    ('tp_prefix_also_appended', 'torchair_like', 'static', _EQ),
    ('tp_prefix_also_appended', 'torchair_like', 'batch', _EQ),
    ('tp_prefix_also_appended', 'torchair_like', 'dynamic', _EQ),
    ('cl_lens_uint8', 'torchair_like', 'static', _R),
    ('cl_lens_uint8', 'torchair_like', 'batch', _R),
    ('cl_lens_uint8', 'torchair_like', 'dynamic', _R),
    ('cl_lens_int8', 'torchair_like', 'static', _R),
    ('cl_lens_int8', 'torchair_like', 'batch', _R),
    ('cl_lens_int8', 'torchair_like', 'dynamic', _R),
    ('cl_lens_int16', 'torchair_like', 'static', _R),
    ('cl_lens_int16', 'torchair_like', 'batch', _R),
    ('cl_lens_int16', 'torchair_like', 'dynamic', _R),
    ('cl_pos_int8', 'torchair_like', 'static', _EQ),
    ('cl_pos_int8', 'torchair_like', 'batch', _EQ),
    ('cl_pos_int8', 'torchair_like', 'dynamic', _R),
    ('cl_slots_int16', 'torchair_like', 'static', _R),
    ('cl_slots_int16', 'torchair_like', 'batch', _R),
    ('cl_slots_int16', 'torchair_like', 'dynamic', _R),
    ('cl_ids_int16', 'torchair_like', 'static', _R),
    ('cl_ids_int16', 'torchair_like', 'batch', _R),
    ('cl_ids_int16', 'torchair_like', 'dynamic', _R),
    ('cl_lens_fp16_cap2048', 'torchair_like', 'static', _EQ),
    ('cl_lens_fp16_cap2048', 'torchair_like', 'batch', _EQ),
    ('cl_lens_fp16_cap2048', 'torchair_like', 'dynamic', _R),
    ('cl_lens_fp16_cap2112', 'torchair_like', 'static', _R),
    ('cl_lens_fp16_cap2112', 'torchair_like', 'batch', _R),
    ('cl_lens_fp16_cap2112', 'torchair_like', 'dynamic', _R),
    ('cl_kept_int16_view', 'torchair_like', 'static', _R),
    ('cl_kept_int16_view', 'torchair_like', 'batch', _R),
    ('cl_kept_int16_view', 'torchair_like', 'dynamic', _R),
    ('cl_kept_fp32_roundtrip', 'torchair_like', 'static', _R),
    ('cl_kept_fp32_roundtrip', 'torchair_like', 'batch', _R),
    ('cl_kept_fp32_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_new_fp64_sum', 'torchair_like', 'static', _R),
    ('cl_new_fp64_sum', 'torchair_like', 'batch', _R),
    ('cl_new_fp64_sum', 'torchair_like', 'dynamic', _R),
    ('cl_new_fp64_then_fp32', 'torchair_like', 'static', _R),
    ('cl_new_fp64_then_fp32', 'torchair_like', 'batch', _R),
    ('cl_new_fp64_then_fp32', 'torchair_like', 'dynamic', _R),
    ('cl_new_bf16_then_fp16', 'torchair_like', 'static', _R),
    ('cl_new_bf16_then_fp16', 'torchair_like', 'batch', _R),
    ('cl_new_bf16_then_fp16', 'torchair_like', 'dynamic', _R),
    ('cl_mean_times_l', 'torchair_like', 'static', _R),
    ('cl_mean_times_l', 'torchair_like', 'batch', _R),
    ('cl_mean_times_l', 'torchair_like', 'dynamic', _R),
    ('cl_sum_div_l_times_l', 'torchair_like', 'static', _R),
    ('cl_sum_div_l_times_l', 'torchair_like', 'batch', _R),
    ('cl_sum_div_l_times_l', 'torchair_like', 'dynamic', _R),
    ('cl_weight_times_l_mean', 'torchair_like', 'static', _R),
    ('cl_weight_times_l_mean', 'torchair_like', 'batch', _R),
    ('cl_weight_times_l_mean', 'torchair_like', 'dynamic', _R),
    ('cl_tok_scaled_pow2_fp32', 'torchair_like', 'static', _R),
    ('cl_tok_scaled_pow2_fp32', 'torchair_like', 'batch', _R),
    ('cl_tok_scaled_pow2_fp32', 'torchair_like', 'dynamic', _R),
    ('dy_heads_one', 'torchair_like', 'static', _EQ),
    ('dy_heads_one', 'torchair_like', 'batch', _EQ),
    ('dy_heads_one', 'torchair_like', 'dynamic', _EQ),
    ('dy_single_page', 'torchair_like', 'static', _EQ),
    ('dy_single_page', 'torchair_like', 'batch', _EQ),
    ('dy_single_page', 'torchair_like', 'dynamic', _EQ),
    ('dy_odd_heads_dim', 'torchair_like', 'static', _EQ),
    ('dy_odd_heads_dim', 'torchair_like', 'batch', _EQ),
    ('dy_odd_heads_dim', 'torchair_like', 'dynamic', _EQ),
    ('dy_big_batch', 'torchair_like', 'static', _EQ),
    ('dy_big_batch', 'torchair_like', 'batch', _EQ),
    ('dy_big_batch', 'torchair_like', 'dynamic', _EQ),
    ('dy_l_over_pages_P8', 'torchair_like', 'static', _EQ),
    ('dy_l_over_pages_P8', 'torchair_like', 'batch', _EQ),
    ('dy_l_over_pages_P8', 'torchair_like', 'dynamic', _EQ),
    ('dy_few_slots', 'torchair_like', 'static', _EQ),
    ('dy_few_slots', 'torchair_like', 'batch', _EQ),
    ('dy_few_slots', 'torchair_like', 'dynamic', _EQ),
    ('dy_one_block_shared', 'torchair_like', 'static', _EQ),
    ('dy_one_block_shared', 'torchair_like', 'batch', _EQ),
    ('dy_one_block_shared', 'torchair_like', 'dynamic', _EQ),
]

# later runs (not the first try): SECOND, vllm_post, THIRD, FOURTH, real Inductor (static, batch, dynamic)
_LATER = [
    ('sv_kv_append_before', 'inductor_graph', 'static', _EQ),
    ('sv_kv_append_before', 'inductor_graph', 'batch', _EQ),
    ('sv_kv_append_before', 'inductor_graph', 'dynamic', _EQ),
    ('sv_kv_append_after', 'inductor_graph', 'static', _EQ),
    ('sv_kv_append_after', 'inductor_graph', 'batch', _EQ),
    ('sv_kv_append_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_kv_zeroed_after', 'inductor_graph', 'static', _EQ),
    ('sv_kv_zeroed_after', 'inductor_graph', 'batch', _EQ),
    ('sv_kv_zeroed_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_lens_add_after', 'inductor_graph', 'static', _EQ),
    ('sv_lens_add_after', 'inductor_graph', 'batch', _EQ),
    ('sv_lens_add_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_table_flipped_after', 'inductor_graph', 'static', _EQ),
    ('sv_table_flipped_after', 'inductor_graph', 'batch', _EQ),
    ('sv_table_flipped_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_slots_add_after', 'inductor_graph', 'static', _EQ),
    ('sv_slots_add_after', 'inductor_graph', 'batch', _EQ),
    ('sv_slots_add_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_weight_zeroed_after', 'inductor_graph', 'static', _EQ),
    ('sv_weight_zeroed_after', 'inductor_graph', 'batch', _EQ),
    ('sv_weight_zeroed_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_cache_doubled_after', 'inductor_graph', 'static', _EQ),
    ('sv_cache_doubled_after', 'inductor_graph', 'batch', _EQ),
    ('sv_cache_doubled_after', 'inductor_graph', 'dynamic', _EQ),
    ('sv_cache_rows_zeroed_after', 'inductor_graph', 'static', _EQ),
    ('sv_cache_rows_zeroed_after', 'inductor_graph', 'batch', _EQ),
    ('sv_cache_rows_zeroed_after', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_pow_one', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_pow_one', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_pow_one', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_repeat_one', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_repeat_one', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_repeat_one', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_pad_zero', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_pad_zero', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_pad_zero', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_neg_neg', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_neg_neg', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_neg_neg', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'inductor_graph', 'dynamic', _EQ),
    ('al_kv2_input_aliases_cache_after', 'inductor_graph', 'static', _EQ),
    ('al_kv2_input_aliases_cache_after', 'inductor_graph', 'dynamic', _CCT),
    ('al_kv2_input_aliases_cache_before', 'inductor_graph', 'static', _EQ),
    ('al_kv2_input_aliases_cache_before', 'inductor_graph', 'dynamic', _CCT),
    ('al_kv2_input_aliases_cache_clone_before', 'inductor_graph', 'static', _EQ),
    ('al_kv2_input_aliases_cache_clone_before', 'inductor_graph', 'dynamic', _CCT),
    ('sv_kv_append_before', 'torchair_like', 'static', _EQ),
    ('sv_kv_append_before', 'torchair_like', 'batch', _EQ),
    ('sv_kv_append_before', 'torchair_like', 'dynamic', _EQ),
    ('sv_kv_append_after', 'torchair_like', 'static', _EQ),
    ('sv_kv_append_after', 'torchair_like', 'batch', _EQ),
    ('sv_kv_append_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_kv_zeroed_after', 'torchair_like', 'static', _EQ),
    ('sv_kv_zeroed_after', 'torchair_like', 'batch', _EQ),
    ('sv_kv_zeroed_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_lens_add_after', 'torchair_like', 'static', _EQ),
    ('sv_lens_add_after', 'torchair_like', 'batch', _EQ),
    ('sv_lens_add_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_table_flipped_after', 'torchair_like', 'static', _EQ),
    ('sv_table_flipped_after', 'torchair_like', 'batch', _EQ),
    ('sv_table_flipped_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_slots_add_after', 'torchair_like', 'static', _EQ),
    ('sv_slots_add_after', 'torchair_like', 'batch', _EQ),
    ('sv_slots_add_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_weight_zeroed_after', 'torchair_like', 'static', _EQ),
    ('sv_weight_zeroed_after', 'torchair_like', 'batch', _EQ),
    ('sv_weight_zeroed_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_cache_doubled_after', 'torchair_like', 'static', _EQ),
    ('sv_cache_doubled_after', 'torchair_like', 'batch', _EQ),
    ('sv_cache_doubled_after', 'torchair_like', 'dynamic', _EQ),
    ('sv_cache_rows_zeroed_after', 'torchair_like', 'static', _EQ),
    ('sv_cache_rows_zeroed_after', 'torchair_like', 'batch', _EQ),
    ('sv_cache_rows_zeroed_after', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_pow_one', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_pow_one', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_pow_one', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_repeat_one', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_repeat_one', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_repeat_one', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_pad_zero', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_pad_zero', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_pad_zero', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_neg_neg', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_neg_neg', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_neg_neg', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'torchair_like', 'dynamic', _EQ),
    ('al_kv2_input_aliases_cache_after', 'torchair_like', 'static', _EQ),
    ('al_kv2_input_aliases_cache_after', 'torchair_like', 'dynamic', _CCT),
    ('al_kv2_input_aliases_cache_before', 'torchair_like', 'static', _EQ),
    ('al_kv2_input_aliases_cache_before', 'torchair_like', 'dynamic', _CCT),
    ('al_kv2_input_aliases_cache_clone_before', 'torchair_like', 'static', _EQ),
    ('al_kv2_input_aliases_cache_clone_before', 'torchair_like', 'dynamic', _CCT),
    ('wm_f1_stacked_half', 'vllm_post', 'static', _EQ),
    ('wm_f1_stacked_half', 'vllm_post', 'batch', _EQ),
    ('wm_f1_stacked_half', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_stacked_other_half', 'vllm_post', 'static', _EQ),
    ('wm_f1_stacked_other_half', 'vllm_post', 'batch', _EQ),
    ('wm_f1_stacked_other_half', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_lastdim_part', 'vllm_post', 'static', _EQ),
    ('wm_f1_lastdim_part', 'vllm_post', 'batch', _EQ),
    ('wm_f1_lastdim_part', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_mul_one', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_mul_one', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_mul_one', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_to_copy', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_to_copy', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_to_copy', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_detach_clone', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_detach_clone', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_detach_clone', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_add_zero', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_add_zero', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_add_zero', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_where_true', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_where_true', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_where_true', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_cat_one', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_cat_one', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_cat_one', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_float_half', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_float_half', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_float_half', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_empty_copy', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_empty_copy', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_empty_copy', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_index_copy_first', 'vllm_post', 'static', _EQ),
    ('wm_f1_index_copy_first', 'vllm_post', 'batch', _EQ),
    ('wm_f1_index_copy_first', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_index_put_second', 'vllm_post', 'static', _EQ),
    ('wm_f1_index_put_second', 'vllm_post', 'batch', _EQ),
    ('wm_f1_index_put_second', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_snapshot_returned_too', 'vllm_post', 'static', _EQ),
    ('wm_f1_snapshot_returned_too', 'vllm_post', 'batch', _EQ),
    ('wm_f1_snapshot_returned_too', 'vllm_post', 'dynamic', _EQ),
    ('wm_weight_snapshot', 'vllm_post', 'static', _EQ),
    ('wm_weight_snapshot', 'vllm_post', 'batch', _CCT),
    ('wm_weight_snapshot', 'vllm_post', 'dynamic', _EQ),
    ('wm_weight_view_after', 'vllm_post', 'static', _EQ),
    ('wm_weight_view_after', 'vllm_post', 'batch', _CCT),
    ('wm_weight_view_after', 'vllm_post', 'dynamic', _EQ),
    ('wm_intermediate_written_input_read', 'vllm_post', 'static', _EQ),
    ('wm_intermediate_written_input_read', 'vllm_post', 'batch', _EQ),
    ('wm_intermediate_written_input_read', 'vllm_post', 'dynamic', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'vllm_post', 'static', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'vllm_post', 'batch', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'vllm_post', 'dynamic', _EQ),
    ('wm_kv2_view_then_clone_after', 'vllm_post', 'static', _EQ),
    ('wm_kv2_view_then_clone_after', 'vllm_post', 'batch', _EQ),
    ('wm_kv2_view_then_clone_after', 'vllm_post', 'dynamic', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'vllm_post', 'static', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'vllm_post', 'batch', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'vllm_post', 'dynamic', _EQ),
    ('wm_weight_snapshot_other_cache', 'vllm_post', 'static', _EQ),
    ('wm_weight_snapshot_other_cache', 'vllm_post', 'batch', _CCT),
    ('wm_weight_snapshot_other_cache', 'vllm_post', 'dynamic', _EQ),
    ('wm_three_levels', 'vllm_post', 'static', _EQ),
    ('wm_three_levels', 'vllm_post', 'batch', _EQ),
    ('wm_three_levels', 'vllm_post', 'dynamic', _EQ),
    ('wm_snapshot_between_steps', 'vllm_post', 'static', _EQ),
    ('wm_snapshot_between_steps', 'vllm_post', 'batch', _CCT),
    ('wm_snapshot_between_steps', 'vllm_post', 'dynamic', _EQ),
    ('sv_kv_append_before', 'vllm_post', 'static', _EQ),
    ('sv_kv_append_before', 'vllm_post', 'batch', _EQ),
    ('sv_kv_append_before', 'vllm_post', 'dynamic', _EQ),
    ('sv_kv_append_after', 'vllm_post', 'static', _EQ),
    ('sv_kv_append_after', 'vllm_post', 'batch', _EQ),
    ('sv_kv_append_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_kv_zeroed_after', 'vllm_post', 'static', _EQ),
    ('sv_kv_zeroed_after', 'vllm_post', 'batch', _EQ),
    ('sv_kv_zeroed_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_lens_add_after', 'vllm_post', 'static', _EQ),
    ('sv_lens_add_after', 'vllm_post', 'batch', _EQ),
    ('sv_lens_add_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_table_flipped_after', 'vllm_post', 'static', _EQ),
    ('sv_table_flipped_after', 'vllm_post', 'batch', _EQ),
    ('sv_table_flipped_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_slots_add_after', 'vllm_post', 'static', _EQ),
    ('sv_slots_add_after', 'vllm_post', 'batch', _EQ),
    ('sv_slots_add_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_weight_zeroed_after', 'vllm_post', 'static', _EQ),
    ('sv_weight_zeroed_after', 'vllm_post', 'batch', _EQ),
    ('sv_weight_zeroed_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_cache_doubled_after', 'vllm_post', 'static', _EQ),
    ('sv_cache_doubled_after', 'vllm_post', 'batch', _EQ),
    ('sv_cache_doubled_after', 'vllm_post', 'dynamic', _EQ),
    ('sv_cache_rows_zeroed_after', 'vllm_post', 'static', _EQ),
    ('sv_cache_rows_zeroed_after', 'vllm_post', 'batch', _EQ),
    ('sv_cache_rows_zeroed_after', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_clone', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_clone', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_clone', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_pow_one', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_pow_one', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_pow_one', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_repeat_one', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_repeat_one', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_repeat_one', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_pad_zero', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_pad_zero', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_pad_zero', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_neg_neg', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_neg_neg', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_neg_neg', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'vllm_post', 'dynamic', _EQ),
    ('al_kv2_input_aliases_cache_after', 'vllm_post', 'static', _EQ),
    ('al_kv2_input_aliases_cache_after', 'vllm_post', 'dynamic', _CCT),
    ('al_kv2_input_aliases_cache_before', 'vllm_post', 'static', _EQ),
    ('al_kv2_input_aliases_cache_before', 'vllm_post', 'dynamic', _CCT),
    ('al_kv2_input_aliases_cache_clone_before', 'vllm_post', 'static', _EQ),
    ('al_kv2_input_aliases_cache_clone_before', 'vllm_post', 'dynamic', _CCT),
    ('sv_old_rows_before_returned', 'inductor_graph', 'static', _EQ),
    ('sv_old_rows_before_returned', 'inductor_graph', 'batch', _EQ),
    ('sv_old_rows_before_returned', 'inductor_graph', 'dynamic', _EQ),
    ('sv_old_cache_sum_before', 'inductor_graph', 'static', _EQ),
    ('sv_old_cache_sum_before', 'inductor_graph', 'batch', _EQ),
    ('sv_old_cache_sum_before', 'inductor_graph', 'dynamic', _EQ),
    ('sv_old_rows_view_before', 'inductor_graph', 'static', _EQ),
    ('sv_old_rows_view_before', 'inductor_graph', 'batch', _EQ),
    ('sv_old_rows_view_before', 'inductor_graph', 'dynamic', _EQ),
    ('wm_f1_copy_clone', 'inductor_graph', 'static', _EQ),
    ('wm_f1_copy_clone', 'inductor_graph', 'batch', _EQ),
    ('wm_f1_copy_clone', 'inductor_graph', 'dynamic', _EQ),
    ('mix_level1_refused', 'inductor_graph', 'static', _EQ),
    ('mix_level1_refused', 'inductor_graph', 'batch', _EQ),
    ('mix_level1_refused', 'inductor_graph', 'dynamic', _R),
    ('mix_level2_refused', 'inductor_graph', 'static', _EQ),
    ('mix_level2_refused', 'inductor_graph', 'batch', _EQ),
    ('mix_level2_refused', 'inductor_graph', 'dynamic', _EQ),
    ('mix_both_refused', 'inductor_graph', 'static', _R),
    ('mix_both_refused', 'inductor_graph', 'batch', _R),
    ('mix_both_refused', 'inductor_graph', 'dynamic', _R),
    ('sv_old_rows_before_returned', 'torchair_like', 'static', _EQ),
    ('sv_old_rows_before_returned', 'torchair_like', 'batch', _EQ),
    ('sv_old_rows_before_returned', 'torchair_like', 'dynamic', _EQ),
    ('sv_old_cache_sum_before', 'torchair_like', 'static', _EQ),
    ('sv_old_cache_sum_before', 'torchair_like', 'batch', _EQ),
    ('sv_old_cache_sum_before', 'torchair_like', 'dynamic', _EQ),
    ('sv_old_rows_view_before', 'torchair_like', 'static', _EQ),
    ('sv_old_rows_view_before', 'torchair_like', 'batch', _EQ),
    ('sv_old_rows_view_before', 'torchair_like', 'dynamic', _EQ),
    ('wm_f1_copy_clone', 'torchair_like', 'static', _EQ),
    ('wm_f1_copy_clone', 'torchair_like', 'batch', _EQ),
    ('wm_f1_copy_clone', 'torchair_like', 'dynamic', _EQ),
    ('mix_level1_refused', 'torchair_like', 'static', _EQ),
    ('mix_level1_refused', 'torchair_like', 'batch', _EQ),
    ('mix_level1_refused', 'torchair_like', 'dynamic', _R),
    ('mix_level2_refused', 'torchair_like', 'static', _EQ),
    ('mix_level2_refused', 'torchair_like', 'batch', _EQ),
    ('mix_level2_refused', 'torchair_like', 'dynamic', _EQ),
    ('mix_both_refused', 'torchair_like', 'static', _R),
    ('mix_both_refused', 'torchair_like', 'batch', _R),
    ('mix_both_refused', 'torchair_like', 'dynamic', _R),
    ('sv_old_rows_before_returned', 'vllm_post', 'static', _EQ),
    ('sv_old_rows_before_returned', 'vllm_post', 'batch', _EQ),
    ('sv_old_rows_before_returned', 'vllm_post', 'dynamic', _EQ),
    ('sv_old_cache_sum_before', 'vllm_post', 'static', _EQ),
    ('sv_old_cache_sum_before', 'vllm_post', 'batch', _EQ),
    ('sv_old_cache_sum_before', 'vllm_post', 'dynamic', _EQ),
    ('sv_old_rows_view_before', 'vllm_post', 'static', _EQ),
    ('sv_old_rows_view_before', 'vllm_post', 'batch', _EQ),
    ('sv_old_rows_view_before', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_copy_clone', 'vllm_post', 'static', _EQ),
    ('wm_f1_copy_clone', 'vllm_post', 'batch', _EQ),
    ('wm_f1_copy_clone', 'vllm_post', 'dynamic', _EQ),
    ('mix_level1_refused', 'vllm_post', 'static', _EQ),
    ('mix_level1_refused', 'vllm_post', 'batch', _EQ),
    ('mix_level1_refused', 'vllm_post', 'dynamic', _R),
    ('mix_level2_refused', 'vllm_post', 'static', _EQ),
    ('mix_level2_refused', 'vllm_post', 'batch', _EQ),
    ('mix_level2_refused', 'vllm_post', 'dynamic', _EQ),
    ('mix_both_refused', 'vllm_post', 'static', _R),
    ('mix_both_refused', 'vllm_post', 'batch', _R),
    ('mix_both_refused', 'vllm_post', 'dynamic', _R),
    ('sv_snap_kv', 'inductor_graph', 'static', _EQ),
    ('sv_snap_kv', 'inductor_graph', 'batch', _EQ),
    ('sv_snap_kv', 'inductor_graph', 'dynamic', _EQ),
    ('sv_snap_lens', 'inductor_graph', 'static', _EQ),
    ('sv_snap_lens', 'inductor_graph', 'batch', _EQ),
    ('sv_snap_lens', 'inductor_graph', 'dynamic', _EQ),
    ('sv_snap_table', 'inductor_graph', 'static', _EQ),
    ('sv_snap_table', 'inductor_graph', 'batch', _EQ),
    ('sv_snap_table', 'inductor_graph', 'dynamic', _EQ),
    ('sv_snap_kv_lens_table', 'inductor_graph', 'static', _EQ),
    ('sv_snap_kv_lens_table', 'inductor_graph', 'batch', _EQ),
    ('sv_snap_kv_lens_table', 'inductor_graph', 'dynamic', _EQ),
    ('sv_snap_kv_viewclone', 'inductor_graph', 'static', _EQ),
    ('sv_snap_kv_viewclone', 'inductor_graph', 'batch', _EQ),
    ('sv_snap_kv_viewclone', 'inductor_graph', 'dynamic', _EQ),
    ('ks_clone_rows', 'inductor_graph', 'static', _EQ),
    ('ks_clone_rows', 'inductor_graph', 'batch', _EQ),
    ('ks_clone_rows', 'inductor_graph', 'dynamic', _EQ),
    ('ks_clone_cache', 'inductor_graph', 'static', _EQ),
    ('ks_clone_cache', 'inductor_graph', 'batch', _EQ),
    ('ks_clone_cache', 'inductor_graph', 'dynamic', _EQ),
    ('ks_rows_no_clone', 'inductor_graph', 'static', _EQ),
    ('ks_rows_no_clone', 'inductor_graph', 'batch', _EQ),
    ('ks_rows_no_clone', 'inductor_graph', 'dynamic', _EQ),
    ('ks_rows_plus_zero', 'inductor_graph', 'static', _EQ),
    ('ks_rows_plus_zero', 'inductor_graph', 'batch', _EQ),
    ('ks_rows_plus_zero', 'inductor_graph', 'dynamic', _EQ),
    ('sv_snap_kv', 'torchair_like', 'static', _EQ),
    ('sv_snap_kv', 'torchair_like', 'batch', _EQ),
    ('sv_snap_kv', 'torchair_like', 'dynamic', _EQ),
    ('sv_snap_lens', 'torchair_like', 'static', _EQ),
    ('sv_snap_lens', 'torchair_like', 'batch', _EQ),
    ('sv_snap_lens', 'torchair_like', 'dynamic', _EQ),
    ('sv_snap_table', 'torchair_like', 'static', _EQ),
    ('sv_snap_table', 'torchair_like', 'batch', _EQ),
    ('sv_snap_table', 'torchair_like', 'dynamic', _EQ),
    ('sv_snap_kv_lens_table', 'torchair_like', 'static', _EQ),
    ('sv_snap_kv_lens_table', 'torchair_like', 'batch', _EQ),
    ('sv_snap_kv_lens_table', 'torchair_like', 'dynamic', _EQ),
    ('sv_snap_kv_viewclone', 'torchair_like', 'static', _EQ),
    ('sv_snap_kv_viewclone', 'torchair_like', 'batch', _EQ),
    ('sv_snap_kv_viewclone', 'torchair_like', 'dynamic', _EQ),
    ('ks_clone_rows', 'torchair_like', 'static', _EQ),
    ('ks_clone_rows', 'torchair_like', 'batch', _EQ),
    ('ks_clone_rows', 'torchair_like', 'dynamic', _EQ),
    ('ks_clone_cache', 'torchair_like', 'static', _EQ),
    ('ks_clone_cache', 'torchair_like', 'batch', _EQ),
    ('ks_clone_cache', 'torchair_like', 'dynamic', _EQ),
    ('ks_rows_no_clone', 'torchair_like', 'static', _EQ),
    ('ks_rows_no_clone', 'torchair_like', 'batch', _EQ),
    ('ks_rows_no_clone', 'torchair_like', 'dynamic', _EQ),
    ('ks_rows_plus_zero', 'torchair_like', 'static', _EQ),
    ('ks_rows_plus_zero', 'torchair_like', 'batch', _EQ),
    ('ks_rows_plus_zero', 'torchair_like', 'dynamic', _EQ),
    ('sv_snap_kv', 'vllm_post', 'static', _EQ),
    ('sv_snap_kv', 'vllm_post', 'batch', _EQ),
    ('sv_snap_kv', 'vllm_post', 'dynamic', _EQ),
    ('sv_snap_lens', 'vllm_post', 'static', _EQ),
    ('sv_snap_lens', 'vllm_post', 'batch', _EQ),
    ('sv_snap_lens', 'vllm_post', 'dynamic', _EQ),
    ('sv_snap_table', 'vllm_post', 'static', _EQ),
    ('sv_snap_table', 'vllm_post', 'batch', _EQ),
    ('sv_snap_table', 'vllm_post', 'dynamic', _EQ),
    ('sv_snap_kv_lens_table', 'vllm_post', 'static', _EQ),
    ('sv_snap_kv_lens_table', 'vllm_post', 'batch', _EQ),
    ('sv_snap_kv_lens_table', 'vllm_post', 'dynamic', _EQ),
    ('sv_snap_kv_viewclone', 'vllm_post', 'static', _EQ),
    ('sv_snap_kv_viewclone', 'vllm_post', 'batch', _EQ),
    ('sv_snap_kv_viewclone', 'vllm_post', 'dynamic', _EQ),
    ('ks_clone_rows', 'vllm_post', 'static', _EQ),
    ('ks_clone_rows', 'vllm_post', 'batch', _EQ),
    ('ks_clone_rows', 'vllm_post', 'dynamic', _EQ),
    ('ks_clone_cache', 'vllm_post', 'static', _EQ),
    ('ks_clone_cache', 'vllm_post', 'batch', _EQ),
    ('ks_clone_cache', 'vllm_post', 'dynamic', _EQ),
    ('ks_rows_no_clone', 'vllm_post', 'static', _EQ),
    ('ks_rows_no_clone', 'vllm_post', 'batch', _EQ),
    ('ks_rows_no_clone', 'vllm_post', 'dynamic', _EQ),
    ('ks_rows_plus_zero', 'vllm_post', 'static', _EQ),
    ('ks_rows_plus_zero', 'vllm_post', 'batch', _EQ),
    ('ks_rows_plus_zero', 'vllm_post', 'dynamic', _EQ),
    ('wm_f1_stacked_half', 'inductor', 'static', _EQ),
    ('wm_f1_stacked_other_half', 'inductor', 'static', _EQ),
    ('wm_f1_lastdim_part', 'inductor', 'static', _EQ),
    ('wm_f1_copy_mul_one', 'inductor', 'static', _EQ),
    ('wm_f1_copy_to_copy', 'inductor', 'static', _EQ),
    ('wm_f1_copy_detach_clone', 'inductor', 'static', _EQ),
    ('wm_f1_copy_add_zero', 'inductor', 'static', _EQ),
    ('wm_f1_copy_where_true', 'inductor', 'static', _EQ),
    ('wm_f1_copy_cat_one', 'inductor', 'static', _EQ),
    ('wm_f1_copy_float_half', 'inductor', 'static', _EQ),
    ('wm_f1_copy_empty_copy', 'inductor', 'static', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'inductor', 'static', _EQ),
    ('wm_f1_index_copy_first', 'inductor', 'static', _EQ),
    ('wm_f1_index_put_second', 'inductor', 'static', _EQ),
    ('wm_f1_snapshot_returned_too', 'inductor', 'static', _EQ),
    ('wm_weight_snapshot', 'inductor', 'static', _EQ),
    ('wm_weight_view_after', 'inductor', 'static', _EQ),
    ('wm_intermediate_written_input_read', 'inductor', 'static', _EQ),
    ('wm_input_written_intermediate_kv_mul_then_read', 'inductor', 'static', _EQ),
    ('wm_kv2_view_then_clone_after', 'inductor', 'static', _EQ),
    ('wm_level2_first_then_level1_reads_its_rows', 'inductor', 'static', _EQ),
    ('wm_weight_snapshot_other_cache', 'inductor', 'static', _EQ),
    ('wm_three_levels', 'inductor', 'static', _EQ),
    ('wm_snapshot_between_steps', 'inductor', 'static', _EQ),
    ('jw_fp16_parts', 'inductor', 'static', _EQ),
    ('jw_parts_swapped', 'inductor', 'static', _EQ),
    ('jw_index_copy_joint', 'inductor', 'static', _EQ),
    ('jst_per_half_writes', 'inductor', 'static', _EQ),
    ('fr_two_steps_v_refused', 'inductor', 'static', _EQ),
    ('fr_two_steps_both', 'inductor', 'static', _EQ),
    ('tp_prefix_also_appended', 'inductor', 'static', _EQ),
    ('cl_kept_int16_view', 'inductor', 'static', _EQ),
    ('cl_kept_fp32_roundtrip', 'inductor', 'static', _EQ),
    ('sv_kv_append_before', 'inductor', 'static', _EQ),
    ('sv_kv_append_after', 'inductor', 'static', _EQ),
    ('sv_kv_zeroed_after', 'inductor', 'static', _EQ),
    ('sv_lens_add_after', 'inductor', 'static', _EQ),
    ('sv_table_flipped_after', 'inductor', 'static', _EQ),
    ('sv_slots_add_after', 'inductor', 'static', _EQ),
    ('sv_weight_zeroed_after', 'inductor', 'static', _EQ),
    ('sv_cache_doubled_after', 'inductor', 'static', _EQ),
    ('sv_cache_rows_zeroed_after', 'inductor', 'static', _EQ),
    ('wm_f1_copy_clone', 'inductor', 'static', _EQ),
    ('wm_f1_copy_pow_one', 'inductor', 'static', _EQ),
    ('wm_f1_copy_repeat_one', 'inductor', 'static', _EQ),
    ('wm_f1_copy_pad_zero', 'inductor', 'static', _EQ),
    ('wm_f1_copy_neg_neg', 'inductor', 'static', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'inductor', 'static', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'inductor', 'static', _EQ),
    ('al_kv2_input_aliases_cache_after', 'inductor', 'static', _EQ),
    ('al_kv2_input_aliases_cache_before', 'inductor', 'static', _EQ),
    ('al_kv2_input_aliases_cache_clone_before', 'inductor', 'static', _EQ),
    ('sv_old_rows_before_returned', 'inductor', 'static', _EQ),
    ('sv_old_cache_sum_before', 'inductor', 'static', _EQ),
    ('sv_old_rows_view_before', 'inductor', 'static', _EQ),
    ('wm_f1_copy_clone', 'inductor', 'static', _EQ),
    ('mix_level1_refused', 'inductor', 'static', _EQ),
    ('mix_level2_refused', 'inductor', 'static', _EQ),
    ('mix_both_refused', 'inductor', 'static', _R),
    ('wm_f1_stacked_half', 'inductor', 'batch', _EQ),
    ('wm_f1_stacked_other_half', 'inductor', 'batch', _EQ),
    ('wm_f1_lastdim_part', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_mul_one', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_to_copy', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_detach_clone', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_add_zero', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_where_true', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_cat_one', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_float_half', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_empty_copy', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_slice_scatter_full', 'inductor', 'batch', _EQ),
    ('wm_f1_index_copy_first', 'inductor', 'batch', _EQ),
    ('wm_f1_index_put_second', 'inductor', 'batch', _EQ),
    ('wm_f1_snapshot_returned_too', 'inductor', 'batch', _EQ),
    ('sv_old_rows_before_returned', 'inductor', 'batch', _EQ),
    ('sv_old_cache_sum_before', 'inductor', 'batch', _EQ),
    ('sv_old_rows_view_before', 'inductor', 'batch', _EQ),
    ('sv_kv_append_before', 'inductor', 'batch', _EQ),
    ('sv_kv_append_after', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_clone', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_pow_one', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_repeat_one', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_pad_zero', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_neg_neg', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'inductor', 'batch', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'inductor', 'batch', _EQ),
    ('mix_level1_refused', 'inductor', 'batch', _EQ),
    ('mix_level2_refused', 'inductor', 'batch', _EQ),
    ('mix_both_refused', 'inductor', 'batch', _R),
    ('sv_snap_kv', 'inductor', 'static', _EQ),
    ('sv_snap_lens', 'inductor', 'static', _EQ),
    ('sv_snap_table', 'inductor', 'static', _EQ),
    ('sv_snap_kv_lens_table', 'inductor', 'static', _EQ),
    ('sv_snap_kv_viewclone', 'inductor', 'static', _EQ),
    ('ks_clone_rows', 'inductor', 'static', _EQ),
    ('ks_clone_cache', 'inductor', 'static', _EQ),
    ('ks_rows_no_clone', 'inductor', 'static', _EQ),
    ('ks_rows_plus_zero', 'inductor', 'static', _EQ),
    ('fr_view_as', 'inductor', 'static', _EQ),
    ('fr_unflatten', 'inductor', 'static', _EQ),
    ('fr_take', 'inductor', 'static', _EQ),
    ('fr_flatten_reshape', 'inductor', 'static', _EQ),
    ('fr_pages_returned', 'inductor', 'static', _EQ),
    ('fr_two_steps_v_refused', 'inductor', 'static', _EQ),
    ('fr_two_steps_both', 'inductor', 'static', _EQ),
    ('fr_indptr_prefix', 'inductor', 'static', _EQ),
    ('tp_narrow', 'inductor', 'static', _EQ),
    ('tp_prefix_then_long', 'inductor', 'static', _EQ),
    ('tp_prefix_step_by_rows', 'inductor', 'static', _EQ),
    ('cl_pos_int8', 'inductor', 'static', _EQ),
    ('cl_lens_fp16_cap2048', 'inductor', 'static', _EQ),
    ('dy_heads_one', 'inductor', 'static', _EQ),
    ('dy_single_page', 'inductor', 'static', _EQ),
    ('dy_odd_heads_dim', 'inductor', 'static', _EQ),
    ('dy_big_batch', 'inductor', 'static', _EQ),
    ('dy_l_over_pages_P8', 'inductor', 'static', _EQ),
    ('dy_few_slots', 'inductor', 'static', _EQ),
    ('dy_one_block_shared', 'inductor', 'static', _EQ),
    ('wm_f1_copy_where_true', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_cat_one', 'inductor', 'dynamic', _EQ),
    ('wm_three_levels', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_clone', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_pow_one', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_repeat_one', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_pad_zero', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_view_dtype_clone', 'inductor', 'dynamic', _EQ),
    ('wm_f1_copy_transpose_contiguous', 'inductor', 'dynamic', _EQ),
]


def classify46(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-45)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify46)
