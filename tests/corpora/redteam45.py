"""Forty-fifth adversarial review of the recogniser (round 45; a fresh review of 704c303: joint writes that fuse whole
or not at all (NsaFusionPass._consider_joint), rewrite._keeps_dtype, split_concatenated_writes only for selects,
pool_tables._flat_read, roles._table_prefix, the probes' dyadic draws; whole-model contexts; issue 18's classes in new
spellings; sizes beyond the probes).

Same format as redteam25 / redteam42 / redteam43 / redteam44: every entry of ``ATTACKS`` is ``(name, factory, notes)``;
the factory returns ``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner:
redteam7's ``classify7`` through :func:`classify45`.

    cd /tmp/base47 && PYTHONPATH=/tmp/base47 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam45.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base47 = 704c303, 23:18-23:22 UTC 2026-12-05, the two graph dialects
one after the other, one process): 47 attacks in 6 themes (jw_ 11, jst_ 4, fr_ 6, tp_ 6, wm_ 9, cl_ 11), 141 runs per
graph dialect (every attack in static, batch, dynamic):

    inductor_graph  141 runs: 2 FALSE FUSION / 0 CRASH / 36 fused & equal / 97 refused / 0 control differs /
                    6 control crashes too
    torchair_like   141 runs: 0 FALSE FUSION / 4 CRASH / 38 fused & equal / 93 refused / 0 control differs /
                    6 control crashes too
    FALSE FUSION (inductor_graph): wm_cache_as_kv_of_clone in static and batch (dynamic: fused & equal, one step fused).
    CRASH (torchair_like): fr_transposed, fr_flipped in static and dynamic.

Per theme (inductor_graph | torchair_like): jw_ 8 EQ / 25 R | the same; jst_ 6 EQ / 6 R | the same; fr_ 6 EQ / 6 R /
6 CCT | 6 EQ / 2 R / 4 CR / 6 CCT; tp_ 6 EQ / 12 R | the same; wm_ 2 FF / 10 EQ / 15 R | 12 EQ / 15 R; cl_ 33 R | the
same.  Not counted (attack bug, kept as run): every fr_ attack under mark_dynamic passes ``indptr`` ([B + 1]) unmarked,
which dynamo ties to the batch (CONTROL CRASHES TOO: ConstraintViolationError).

Later runs (``_LATER``, not the first try): SECOND (dy_ 8, val_ 4; written during the first try; 36 runs per graph
dialect, 23:25-23:27 UTC): inductor_graph and torchair_like alike 0 FALSE FUSION / 0 CRASH / 21 fused & equal / 15
refused.  THIRD (fr_ 3, wm_ 5, written after the first try to delimit F1 and F2; 24 runs per graph dialect, 23:27-23:28
UTC): inductor_graph 2 FALSE FUSION (wm_snapshot_clone_is_kv_of_second_step_first, static and batch) / 0 CRASH / 13
fused & equal / 6 refused / 3 control crashes too; torchair_like 0 FALSE FUSION / 2 CRASH (fr_contiguous_flat, static
and dynamic) / 15 fused & equal / 4 refused / 3 control crashes too.  Real Inductor codegen (``--dialect inductor``,
nsa_fusion_backend, 23:22-23:23 and 23:29-23:31 UTC): wm_cache_as_kv_of_clone FALSE FUSION in static and batch (fused &
equal under dynamic=True), wm_snapshot_clone_is_kv_of_second_step_first FALSE FUSION in static and batch (fused &
equal under dynamic=True), wm_snapshot_clone_into_other_cache fused & equal (3 modes); fr_transposed / fr_flipped
refused (static, dynamic; the CRASH is torchair_like's).  Standalone repro of F1: /tmp/rt45/repro45.py (output in F1
below).

FOUND:

* F1 FALSE FUSION (2 attacks; static and mark_dynamic; inductor_graph and REAL Inductor codegen; torchair_like fused &
  equal; the pass-off control equal to eager): two steps into ONE cache input in one graph, the second reading as its
  paged KV a clone of that cache taken BEFORE the first step writes it (a two-level hierarchy whose level 2 pools level
  1's cache as it was at the start of the call: every input valid, finite values suffice):

      snap = cache.clone()                                               # the old cache, level 2's pages
      write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))               # level 1
      kv2 = snap.view(-1, 16, N, D)
      write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))          # level 2

  Eager: level 2 reads the old rows.  The user's clone is no longer in the post-grad graph the pass sees (level 2's KV
  is ``view(cache_input)``); the pass replaces level 1 by ``compress_infer_(..,
  clone(cache_input))`` and level 2 by ``compress_infer_(view(cache_input), .., detach_copy(that clone))``, then
  ``copy_(cache_input, ..)`` (the graph after the pass, dumped).  That graph is right as it stands; the wrong rows
  fit Inductor's ``remove_noop_ops`` dropping the same-layout ``clone(cache_input)`` (inferred, not traced in
  Inductor): level 1 writes the input in place, and level 2's windows then read level 1's new
  rows wherever level 1's slots fall in them.  Repro (/tmp/rt45/repro45.py, no IEEE specials, B = 12):
      inductor: pass off: fused 0, 0 cache values differ from eager
      inductor: pass on : fused 2, 96 cache values differ from eager first at [5, 0, 0]: got -8.5078125, eager
                -8.1171875
      graph (inductor_graph): the same 96; torchair_like: pass on fused 2, 0 differ.
  Rule: nsa_fusion/rewrite.py:keep_intermediate_caches_out_of_place -- for a call whose copy ``clone(x)`` has a graph
  INPUT as root it asks only ``_overwritten_by_other_values`` (never ``_old_value_read_elsewhere``), and that exempts
  the epilogue ``copy_`` of another fused call's result (``_written_by_a_fused_call``: "two steps into one cache input
  ... are ordered by reinplace_clones and protect_old_cache_readers, not copied").  Neither orders this graph:
  reinplace_clones skips the clone (its copy_ writes back the second call's ``detach_copy``, not this clone) and
  protect_old_cache_readers acts only on ``auto_functionalized`` calls, while here the calls are the mutating
  ``compress_infer_``.  So nothing sees that the second call's KV argument reads the input after the first call.
  Delimiting runs: the same clone read after the step by plain ops (scaled, returned, its rows gathered:
  wm_snapshot_clone_*) or pooled by a second step into ANOTHER cache (wm_snapshot_clone_into_other_cache): fused &
  equal, both dialects; level 2's pooling computed before level 1 (wm_snapshot_clone_is_kv_of_second_step_first):
  still F1 (the fused call reads the KV where the user's second write is).  Fix direction: for a placeholder root,
  treat any reader of
  the input's storage (through views and dropped clones) ordered after the call -- a fused call's KV argument
  included -- as ``_old_value_read_elsewhere`` does, and write a ``detach_copy``.

* F2 CRASH (3 attacks, torchair_like, static and dynamic=True; pass-off control runs; inductor_graph and real Inductor
  refuse cleanly): FlashInfer's flat page read ``indices.index_select(0, idx.reshape(-1)).view(idx.shape)`` where the
  flat index is a COPY (``idx`` non-contiguous, so the reshape is ``clone`` + ``_unsafe_view``: idx built transposed
  ``(...).t()`` or flipped ``.flip(1)``, or ``flip(1).contiguous().flip(1)``), and the step is then refused
  (``roles: the gather does not read exactly one [B, max_pages] block table``):

      idx = (indptr[:-1, None].long() + pos // P).t()                     # [l, B]
      pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape).t()
      tok = kv[pages.long(), pos % P]; write(cache, slots, completes(lens), pool(tok, w))

  The compiled graph raises at its first call: ``UnboundLocalError: cannot access local variable '_unsafe_view'``
  (``'view'`` for the flipped spellings): after the pass the graph holds ``index_select_default(arg3_1, 0,
  _unsafe_view)`` whose index node is no longer in the graph.  Rule: nsa_fusion/pool_tables.py:_expose_read (flat-read
  branch, ``_flat_read``) reroutes the view to ``indices[index2d]`` and gives :func:`restore` a rebuild lambda that
  captures ``node.args`` -- the flat index node; by the time restore runs for the refused step that node has been erased
  as dead code, so ``restore`` rebuilds the read on an erased node (its ``try`` does not see it: building succeeds,
  codegen references an undefined name).  The plain contiguous spelling refused (fr_plain_kept_other_rows,
  fr_plain_weight_doubled) does not crash.  Fix direction: rebuild the flat index too (``reshape(index2d, [-1])``), or
  keep the original nodes alive until restore.

FIXED (the developer's note, not the reviewer's; commit after 704c303): F1 in rewrite.keep_intermediate_caches_out_of_place
(a fused call's copy of a cache input becomes a detach_copy wherever the input's old value is read elsewhere, so
remove_noop_ops cannot drop it; the graph's write-back copy_ into the input is not a read), F2 in pool_tables (the
put-back flat read is rebuilt from the index the rerouted read still holds, _flat_rebuilder).  Rerun of the fr_ and
wm_ attacks that found them plus the snapshot controls (14 attacks, 42 runs per dialect, 23:38 UTC): inductor_graph and
torchair_like alike 0 FALSE FUSION / 0 CRASH / 21 fused & equal / 12 refused / 9 control crashes too (the unmarked
indptr); real Inductor wm_cache_as_kv_of_clone, wm_snapshot_clone_is_kv_of_second_step_first 6 / 6 fused & equal.

Not found (equal or refused; the idea each tried):

* jw_ / jst_ joint writes under _consider_joint: kept rows with swapped halves, from other slots (all, or the K part's
  only), a V mask rolled one row, a V window one token earlier, ``+ 0.0`` after the where, a cat rounded to fp16 and
  back: refused (keep / "this part of a joint write is the contract, but the write's other part(s) are not" / dtype);
  per-part masks of different strides (K 16, V 32, one mask cat on the last dim, or stacked per half), V pooling the K
  tokens, parts read through ``narrow``: fused & equal (static, batch; the concatenated writes refused under
  dynamic=True: symbolic D // 2; the stacked ones fused & equal there too).
* fr_ / tp_ the new table rules: the flat read (index_select or Inductor's index of the flattened idx), the pages from
  the next row's start minus max_pages: fused & equal; the view back to a swapped square shape: refused (gather: mixes
  rows); a transposed / flipped idx: refused in inductor_graph (F2 in torchair_like).  ``block_table_buf[:B]``,
  ``buf[:-2]``: fused & equal; ``buf[:B + 1]``, ``buf[:pages].t()`` of a transposed buffer: refused (roles: one row per
  written row); ``buf[:B].flip(0)``, ``buf[:B] + 1``: refused.
* wm_ whole-model contexts: kept rows snapshotted before ``cache.mul_(2)`` / before the written rows are zeroed, kept
  rows at old slots written at ``slots + 1``, KV scaled in place before, the table edited in place before: refused;
  kept rows cloned before a first step into the same rows, two steps on the same slots (strides 16 and 32), lengths
  advanced in place: fused & equal.
* cl_ issue 18 spellings with full-mantissa tokens / weights: tokens through bf16, weights through bf16 / fp32
  weights through fp16, products rounded to fp16, an fp16 product chain summed into an fp32 cache, the sum as the last
  of a cumsum, tokens * 2^13 in fp16: refused (dtype / weight / pooling); lengths through int16 (capacity 33280) and
  fp16 (4096), positions through fp16, slots through int16 (40000 slots): refused (roles: the cast's range).
* dy_ (SECOND) sizes the first compile never saw: the page size 64 -> 16, heads 2 -> 4, head dim 16 -> 8, an empty
  batch and B = 1 after B = 12 / 3, capacity 256 -> 38400 with 6 rows: fused & equal in every mode.  A length constant
  beyond the first capacity (``lens != 5008``, ``lens < 4000``, ``lens % 4096 != 0``; a later call at capacity 8192
  holding those lengths): fused & equal static and mark_dynamic (recompiled; the later compile refused), refused under
  dynamic=True (mask: the condition is False at 5008 / 4000; the period 65536).
* val_ (SECOND) values beyond the probes, fp32 window sums up to ~5e6: ``where(|new| < 5e5, new, new / 2)`` (with or
  without an isinf escape), ``new.clamp(+-3e5)``, kept rows past 1e30 replaced by 0: refused.
* Read, not demonstrated: pool_tables._flat_read's rewrite is exact for any view whose shape equals the 2-D index's
  (row-major order is kept by reshape); roles._table_prefix only widens the leaves of the per-row-page test; the
  dyadic probes' byte draws (k <= 32) keep every probe value exact in bf16, so the pooling proof's IEEE rounds rely on
  the ``order`` / ``zeros`` rounds for rounding spellings -- every rounding spelling tried here was refused structurally
  before the probes.  ``NsaFusionPass._consider_joint`` re-recognises later parts after the first part's replacement
  (its "only %d of the %d parts" branch is ``pragma: no cover``); no spelling tried made a later part refuse there.
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


def _f32():
    return [build(B=12, dtype=torch.float32), build(B=16, seed=1, dtype=torch.float32)]


# --- 1. joint writes (split per last-dim part / stacked half; _consider_joint, _keeps_dtype) -----------------------
def _jw(kind):
    """A joint K|V write on an [S, N, 16] cache (K in [..., :8], V in [..., 8:]) with a twist in the kept rows, the
    masks, or the parts."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        h = cache.shape[-1] // 2
        pk, pv = pool(tok[..., :h], w), pool(tok[..., h:], w.flip(0))
        s = slots.long()
        valid = completes(lens)[:, None, None]
        new = torch.cat((pk, pv), -1)
        old = cache[s]
        if kind == "control":
            kept = old
        elif kind == "kept_swapped_halves":  # the kept rows' halves swapped: not the cache's own rows
            kept = torch.cat((old[..., h:], old[..., :h]), -1)
        elif kind == "kept_other_rows":  # kept rows of other slots
            kept = cache[s.flip(0)]
        elif kind == "kept_k_from_other_rows":  # only the K part's kept rows from other slots
            kept = torch.cat((cache[s.flip(0)][..., :h], old[..., h:]), -1)
        elif kind == "masks_per_part":  # K: stride 16, V: stride 32, one mask concatenated on the last dim
            vk = completes(lens)[:, None, None].expand(-1, cache.shape[1], h)
            vv = completes(lens, d=32)[:, None, None].expand(-1, cache.shape[1], h)
            cache[s] = torch.where(torch.cat((vk, vv), -1), new.to(cache.dtype), old)
            return cache
        elif kind == "v_mask_shifted":  # the V part's mask one row later (rows' masks rolled)
            vk = completes(lens)[:, None, None].expand(-1, cache.shape[1], h)
            vv = completes(lens).roll(1)[:, None, None].expand(-1, cache.shape[1], h)
            cache[s] = torch.where(torch.cat((vk, vv), -1), new.to(cache.dtype), old)
            return cache
        elif kind == "v_from_k_tokens":  # V part pools the K tokens (both parts the same tokens)
            new = torch.cat((pk, pool(tok[..., :h], w.flip(0))), -1)
            kept = old
        elif kind == "v_window_shifted":  # V part reads a window one token earlier
            pv2 = pool(tokens(kv, table, positions(lens - 1))[..., h:], w)
            new = torch.cat((pk, pv2), -1)
            kept = old
        elif kind == "kept_negzero_add":  # + 0.0 after the where (changes kept -0.0)
            cache[s] = torch.where(valid, new.to(cache.dtype), old) + 0.0
            return cache
        elif kind == "v_half_roundtrip_after_cat":  # the cat rounded whole to fp16 then back (fp32 cache)
            new = torch.cat((pk, pv), -1).half().float()
            kept = old
        elif kind == "v_part_of_kv_narrow":  # the parts read with narrow, cat of narrow
            new = torch.cat((pool(tok.narrow(-1, 0, h), w), pool(tok.narrow(-1, h, h), w.flip(0))), -1)
            kept = old
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new.to(cache.dtype), kept)
        return cache
    return step


def _st(kind):
    """A stacked [2, S, N, D] cache (vLLM): one write of both halves."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        pk, pv = pool(tok, w), pool(tok, w.flip(0))
        s = slots.long()
        st = torch.stack((pk, pv))
        if kind == "control":
            valid = completes(lens)[None, :, None, None]
            kept = cache[:, s]
        elif kind == "masks_per_half":  # K stride 16, V stride 32
            valid = torch.stack((completes(lens), completes(lens, d=32)))[:, :, None, None]
            kept = cache[:, s]
        elif kind == "kept_halves_swapped":
            valid = completes(lens)[None, :, None, None]
            kept = cache[:, s].flip(0)
        elif kind == "v_kept_other_rows":
            valid = completes(lens)[None, :, None, None]
            kept = torch.stack((cache[0, s], cache[1, s.flip(0)]))
        else:
            raise AssertionError(kind)
        cache[:, s] = torch.where(valid, st.to(cache.dtype), kept)
        return cache
    return step


def _stacked_calls(dtype=torch.float16):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, dtype=dtype).args)
            a[5] = torch.stack((a[5], a[5].flip(0)))
            out.append(a)
        return out
    return f


JW = [(f"jw_{k}", _mk(_jw(k), _calls(), MODES3), "joint K|V write on [S, N, 16], fp16: " + k)
      for k in ("control", "kept_swapped_halves", "kept_other_rows", "kept_k_from_other_rows", "masks_per_part",
                "v_mask_shifted", "v_from_k_tokens", "v_window_shifted", "kept_negzero_add", "v_part_of_kv_narrow")]
JW += [("jw_v_half_roundtrip_after_cat", _mk(_jw("v_half_roundtrip_after_cat"), _f32, MODES3),
        "joint write on an fp32 cache, the cat rounded to fp16 and back")]
JW += [(f"jst_{k}", _mk(_st(k), _stacked_calls(), MODES3), "stacked [2, S, N, D] write: " + k)
       for k in ("control", "masks_per_half", "kept_halves_swapped", "v_kept_other_rows")]


# --- 2. FlashInfer flat page reads (_flat_read) and table prefixes (_table_prefix) ----------------------------------
def _fr(kind):
    """Pages from FlashInfer's (indptr, indices): page j of row b = indices[indptr[b] + j], read flat."""
    def step(kv, w, slots, table, lens, cache, indptr, indices):
        P = kv.shape[1]
        pos = positions(lens)
        if kind == "plain":
            idx = indptr[:-1, None].long() + pos // P
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
        elif kind == "transposed":  # idx built [l, B], read flat, viewed back, then transposed
            idx = (indptr[:-1, None].long() + pos // P).t()
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape).t()
        elif kind == "flipped":  # the window read in reverse then flipped back
            idx = (indptr[:-1, None].long() + pos // P).flip(1)
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape).flip(1)
        elif kind == "index_flat_getitem":
            idx = indptr[:-1, None].long() + pos // P
            pages = indices[idx.reshape(-1)].view(idx.shape)
        elif kind == "view_swapped_square":  # viewed as [l, B] where B == l: the wrong order, same shape check
            idx = indptr[:-1, None].long() + pos // P
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape[1], idx.shape[0]).t()
        elif kind == "indptr_next_row":  # the row's pages from the NEXT row's start minus max_pages
            idx = indptr[1:, None].long() - table.shape[1] + pos // P
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
        elif kind in ("plain_kept_other_rows", "plain_weight_doubled"):  # the plain flat read, the step refused
            idx = indptr[:-1, None].long() + pos // P
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
        elif kind == "contiguous_flat":  # the plain flat read of a copied index (idx.contiguous() after a flip pair)
            idx = (indptr[:-1, None].long() + pos // P).flip(1).contiguous().flip(1)
            pages = indices.index_select(0, idx.reshape(-1)).view(idx.shape)
        else:
            raise AssertionError(kind)
        tok = kv[pages.long(), pos % P]
        if kind == "plain_kept_other_rows":
            s = slots.long()
            cache[s] = torch.where(completes(lens)[:, None, None], pool(tok, w).to(cache.dtype), cache[s.flip(0)])
            return cache
        if kind == "plain_weight_doubled":
            return write(cache, slots, completes(lens), pool(tok, w) * torch.arange(w.shape[0]).sum())
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _fr_calls(B=(12, 16)):
    def f():
        out = []
        for i, b in enumerate(B):
            a = list(build(B=b, seed=i).args)
            table = a[3].long()
            pages = table.shape[1]
            indices = table.flatten().to(torch.int32)
            indptr = (torch.arange(b + 1) * pages).to(torch.int32)
            out.append(a + [indptr, indices])
        return out
    return f


def _tp(kind):
    def step(kv, w, slots, table, lens, cache, buf):
        B = lens.shape[0]
        if kind == "prefix":
            t = buf[:B]
        elif kind == "prefix_longer_than_batch":  # buf[:B + 1]: gather reads the first B rows
            t = buf[:B + 1]
        elif kind == "prefix_negative_end":  # buf[:-2] (buf has B + 2 rows): a prefix too
            t = buf[:-2]
        elif kind == "prefix_then_flip_rows":  # buf[:B] read in reversed row order
            t = buf[:B].flip(0)
        elif kind == "prefix_of_transposed":  # buf [pages + 2, B] stored transposed: buf[:pages].t()
            t = buf[:table.shape[1]].t()
        elif kind == "prefix_plus_one":  # page ids + 1 (buf holds ids - 1)
            t = buf[:B] + 1
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
            junk = torch.randint(0, a[0].shape[0], (2, table.shape[1]), dtype=table.dtype)
            if kind == "prefix_then_flip_rows":
                buf = torch.cat((table.flip(0), junk))
            elif kind == "prefix_of_transposed":
                buf = torch.cat((table.t(), torch.zeros(2, b, dtype=table.dtype)))
            elif kind == "prefix_plus_one":
                buf = torch.cat((table - 1, junk))
            else:
                buf = torch.cat((table, junk))
            out.append(a + [buf.contiguous()])
        return out
    return f


FR = [(f"fr_{k}", _mk(_fr(k), _fr_calls((32, 32)) if k == "view_swapped_square" else _fr_calls(), MODES3),
       "FlashInfer indptr/indices read flat: " + k)
      for k in ("plain", "transposed", "flipped", "index_flat_getitem", "view_swapped_square", "indptr_next_row")]
FR += [(f"tp_{k}", _mk(_tp(k), _tp_calls(k), MODES3), "block table as a slice of a longer buffer: " + k)
       for k in ("prefix", "prefix_longer_than_batch", "prefix_negative_end", "prefix_then_flip_rows",
                 "prefix_of_transposed", "prefix_plus_one")]


# --- 3. whole-model contexts: kept rows snapshotted before an in-place change, two steps on one cache -----------------
def _wm(kind):
    def step(kv, w, slots, table, lens, cache, *extra):
        s = slots.long()
        new = pool(tokens(kv, table, positions(lens)), w)
        valid = completes(lens)[:, None, None]
        if kind == "kept_snapshot_then_scaled":  # kept rows read BEFORE cache.mul_(2)
            old = cache[s]
            cache.mul_(2)
            cache[s] = torch.where(valid, new.to(cache.dtype), old)
            return cache
        if kind == "kept_snapshot_then_rows_zeroed":  # kept rows read before the written rows are zeroed
            old = cache[s]
            cache[s] = 0
            cache[s] = torch.where(valid, new.to(cache.dtype), old)
            return cache
        if kind == "kept_snapshot_clone_then_first_step":  # kept rows cloned, a first step writes, second keeps clone
            old = cache[s].clone()
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            cache[s] = torch.where(valid, new.to(cache.dtype), old)
            return cache
        if kind == "two_steps_same_slots":  # two steps on the same rows, the second keeps the first's rows
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            return write(cache, slots, completes(lens, d=32), new)
        if kind == "kv_pages_scaled_in_place_before":  # kv.mul_(2) in place, then the step
            kv.mul_(2)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), kv
        if kind == "table_modified_in_place_before":  # table[:, 0] = table[:, 1] in place, then the step
            table[:, 0] = table[:, 1]
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        if kind == "lens_advanced_in_place":  # lens += 1 in place, then the step (reads the new lengths)
            lens.add_(1)
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), lens
        if kind == "slots_advanced_after_new":  # new computed, slots changed in place, kept rows old slots
            old = cache[s]
            slots.add_(1)
            s2 = slots.long()
            cache[s2] = torch.where(valid, new.to(cache.dtype), old)
            return cache
        if kind == "cache_as_kv_of_clone":  # the step reads a clone of the cache as its pages and writes the cache
            kv2 = cache.clone().view(-1, 16, cache.shape[1], cache.shape[2])
            (slots2, table2, lens2) = extra
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache
        if kind == "snapshot_clone_scaled_after":  # a clone taken before the step, read (scaled) after it
            snap = cache.clone()
            write(cache, slots, completes(lens), new)
            return cache, snap * 2
        if kind == "snapshot_clone_returned":  # a clone taken before the step, returned
            snap = cache.clone()
            write(cache, slots, completes(lens), new)
            return cache, snap
        if kind == "snapshot_clone_rows_read":  # the clone's written rows read after the step
            snap = cache.clone()
            write(cache, slots, completes(lens), new)
            return cache, snap[s] + 0
        if kind == "snapshot_clone_is_kv_of_second_step_first":  # the second step (reading the clone) written first
            kv2 = cache.clone().view(-1, 16, cache.shape[1], cache.shape[2])
            (slots2, table2, lens2) = extra
            out2 = pool(tokens(kv2, table2, positions(lens2)), w)
            write(cache, slots, completes(lens), new)
            write(cache, slots2, completes(lens2), out2)
            return cache
        if kind == "snapshot_clone_into_other_cache":  # level 2 reads the clone and writes ANOTHER cache
            kv2 = cache.clone().view(-1, 16, cache.shape[1], cache.shape[2])
            (slots2, table2, lens2, cache2) = extra
            write(cache, slots, completes(lens), new)
            write(cache2, slots2, completes(lens2), pool(tokens(kv2, table2, positions(lens2)), w))
            return cache, cache2
        raise AssertionError(kind)
    return step


def _hier3_calls():
    out = []
    for a in _hier2_calls():
        out.append(a + [a[5][: 2 * a[2].shape[0] + 5].clone()])
    return out


def _plus1_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed).args)
        a[4] = (a[4] - 1).clamp(min=0).to(a[4].dtype)  # lens + 1 in the model gives the drawn lengths
        out.append(a)
    return out


def _slots_minus1_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed, num_slots=80).args)
        a[2] = (torch.randperm(78, generator=torch.Generator().manual_seed(seed))[:B] + 1).to(a[2].dtype)
        out.append(a)
    return out


def _hier2_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a2 = list(build(B=B, P=16, seed=seed + 1).args)
        rows = a2[0].shape[0] * 16
        a = list(build(B=B, seed=seed, num_slots=rows).args)
        a[5] = a2[0].reshape(rows, a2[0].shape[2], a2[0].shape[3]).clone()
        # the second step's slots distinct from the first's
        taken = set(a[2].tolist())
        free = [r for r in range(rows) if r not in taken]
        a2s = torch.tensor(free[:B], dtype=a[2].dtype)
        out.append(a + [a2s, a2[3], a2[4]])
    return out


WM = [(f"wm_{k}", _mk(_wm(k), _calls(), MODES3), "whole-model context: " + k)
      for k in ("kept_snapshot_then_scaled", "kept_snapshot_then_rows_zeroed", "kept_snapshot_clone_then_first_step",
                "two_steps_same_slots", "kv_pages_scaled_in_place_before", "table_modified_in_place_before")]
WM += [("wm_lens_advanced_in_place", _mk(_wm("lens_advanced_in_place"), _plus1_calls, MODES3),
        "lens.add_(1) in place, then the step"),
       ("wm_slots_advanced_after_new", _mk(_wm("slots_advanced_after_new"), _slots_minus1_calls, MODES3),
        "kept rows read at the old slots, written at slots + 1"),
       ("wm_cache_as_kv_of_clone", _mk(_wm("cache_as_kv_of_clone"), _hier2_calls, MODES3),
        "a step reads a clone of the cache (taken before a first step writes it) as its pages")]


# --- 4. issue 18 spellings: casts the probes' dyadic draws survive, lengths beyond the probes ----------------------
def _cl(kind):
    def step(kv, w, slots, table, lens, cache):
        if kind == "tok_bf16_roundtrip":  # fp16 tokens through bf16 (8 bits): exact on 1/16 multiples <= 2
            tok = tokens(kv, table, positions(lens)).to(torch.bfloat16).to(kv.dtype)
            return write(cache, slots, completes(lens), pool(tok, w))
        if kind == "w_bf16_roundtrip":  # fp16 weight through bf16
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)),
                                                             w.to(torch.bfloat16).to(w.dtype)))
        if kind == "w32_half_roundtrip":  # fp32 weight through fp16
            return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.half().float()))
        if kind == "prod_half_roundtrip":  # each fp32 product rounded to fp16
            tok = tokens(kv, table, positions(lens))
            new = (tok.float() * w.float()[None, :, :, None]).half().float().sum(1)
            return write(cache, slots, completes(lens), new)
        if kind == "lens_int16":  # lengths through int16 (capacity 33280: wraps past 32767)
            l16 = lens.to(torch.int16)
            return write(cache, slots, completes(l16), pool(tokens(kv, table, positions(l16)), w))
        if kind == "lens_half":  # lengths through fp16 (exact to 2048; capacity 4096)
            lh = lens.half().long()
            return write(cache, slots, completes(lh), pool(tokens(kv, table, positions(lh)), w))
        if kind == "pos_half":  # positions through fp16 (exact to 2048; capacity 4096)
            pos = positions(lens).half().long()
            return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))
        if kind == "slots_int16":  # slots through int16 (num_slots 40000)
            return write(cache, slots.to(torch.int16), completes(lens), pool(tokens(kv, table, positions(lens)), w))
        if kind == "tok_scaled_2p13_fp16":  # tokens * 2^13 in fp16 then / 2^13 in fp32: overflow past |t| >= 8
            tok = tokens(kv, table, positions(lens)) * 8192.0
            new = (tok.float() * w.float()[None, :, :, None]).sum(1) / 8192.0
            return write(cache, slots, completes(lens), new)
        if kind == "sum_fp16_then_fp32_cache":  # fp16 sum of fp16 products (order-dependent), fp32 cache
            tok = tokens(kv, table, positions(lens))
            return write(cache, slots, completes(lens), (tok * w[None, :, :, None]).sum(1))
        if kind == "cumsum_last":  # the window sum as the last of a cumsum (reduction order)
            tok = tokens(kv, table, positions(lens))
            return write(cache, slots, completes(lens), (tok.float() * w.float()[None, :, :, None]).cumsum(1)[:, -1])
        raise AssertionError(kind)
    return step


def _fullmant_calls(dtype=torch.float16, **kw):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, dtype=dtype, **kw).args)
            g = torch.Generator().manual_seed(seed + 11)
            kv = a[0]
            fin = torch.isfinite(kv)
            full = (torch.rand(kv.shape, generator=g) * 4 - 2).to(dtype)
            a[0] = torch.where(fin, full, kv)
            w = a[1]
            a[1] = (torch.rand(w.shape, generator=g) * 2 - 1).to(w.dtype)
            out.append(a)
        return out
    return f


def _big_lens_calls(cap_pages, P=64, B=(6, 8), lens_hi=None, int16_ok=False):
    def f():
        out = []
        for i, b in enumerate(B):
            cap = cap_pages * P
            # qualifying lengths near the capacity, one at the capacity, some small
            top = cap if lens_hi is None else lens_hi
            ls = [top - 16 * k - (k % 2) for k in range(b - 3)] + [32, 48, 0]  # odd ones round in fp16
            ls = [x for x in ls if x >= 0][:b]
            a = list(build(B=b, seed=i, pages=cap_pages, P=P, lengths=ls, specials=False).args)
            out.append(a)
        return out
    return f


def _big_tok_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed).args)
        kv = a[0]
        fin = torch.isfinite(kv)
        a[0] = torch.where(fin, kv * 5, kv)  # tokens up to 10: * 2^13 overflows fp16 past 8
        out.append(a)
    return out


def _slots_big_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed, num_slots=40000, high_slots=True).args)
        out.append(a)
    return out


CL = [(f"cl_{k}", _mk(_cl(k), _fullmant_calls(), MODES3), "issue 18 spelling, full-mantissa tokens / weights: " + k)
      for k in ("tok_bf16_roundtrip", "w_bf16_roundtrip", "prod_half_roundtrip", "sum_fp16_then_fp32_cache",
                "cumsum_last")]
CL += [("cl_w32_half_roundtrip", _mk(_cl("w32_half_roundtrip"), _fullmant_calls(torch.float32), MODES3),
        "fp32 weight (full mantissa) through fp16"),
       ("cl_lens_int16", _mk(_cl("lens_int16"), _big_lens_calls(520), MODES3), "lengths through int16, capacity 33280"),
       ("cl_lens_half", _mk(_cl("lens_half"), _big_lens_calls(64), MODES3), "lengths through fp16, capacity 4096"),
       ("cl_pos_half", _mk(_cl("pos_half"), _big_lens_calls(64, lens_hi=4000), MODES3),
        "positions through fp16, capacity 4096"),
       ("cl_slots_int16", _mk(_cl("slots_int16"), _slots_big_calls, MODES3), "slots through int16, 40000 slots"),
       ("cl_tok_scaled_2p13_fp16", _mk(_cl("tok_scaled_2p13_fp16"), _big_tok_calls, MODES3),
        "tokens * 2^13 in fp16 (overflow for tokens >= 8)")]


# --- 5. (second batch, written during the first try) sizes the probes never evaluated; values beyond the probes -------
def _dy(kind):
    def step(kv, w, slots, table, lens, cache):
        valid = completes(lens)
        if kind == "lens_ne_const":  # one qualifying length (5008) excluded by a constant beyond small capacities
            valid = valid & (lens != 5008)
        elif kind == "lens_lt_const":  # lengths from 4000 on excluded
            valid = valid & (lens < 4000)
        elif kind == "lens_mod_const":  # lengths that are multiples of 4096 excluded
            valid = valid & (lens % 4096 != 0)
        return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
    return step


def _sizes_calls(kind):
    def f():
        if kind == "page_size":
            return [build(B=12), build(B=16, seed=1, P=16, pages=16)]
        if kind == "heads":
            return [build(B=12), build(B=16, seed=1, N=4)]
        if kind == "head_dim":
            return [build(B=12), build(B=16, seed=1, D=8)]
        if kind == "empty_batch":
            return [build(B=12), build(B=3, seed=1), build(seed=2, lengths=[]), build(seed=3, lengths=[48])]
        if kind == "capacity_jump":  # small batch, large capacity on the later call
            return [build(B=12), build(seed=1, pages=600, lengths=[38400, 38384, 37000, 32, 38399, 0])]
        if kind == "const_lens":  # a later call at capacity 8192 holding the lengths the constants name
            return [build(B=12), build(seed=1, pages=128, lengths=[5008, 5024, 3984, 4000, 4016, 8192, 4096, 32, 48,
                                                                   5009, 0, 8176])]
        raise AssertionError(kind)
    return f


def _contract(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _val(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        valid = completes(lens)[:, None, None]
        if kind == "new_where_threshold":  # new halved past 5e5 (the probes' sums stay far below; inf halves to inf)
            new = torch.where(new.abs() < 5e5, new, new * 0.5)
        elif kind == "new_clamp_big":  # new clamped to +-3e5 (the probes' infinities clamp, so +inf probes tell)
            new = new.clamp(-3e5, 3e5)
        elif kind == "new_where_threshold_keep_inf":  # halved past 5e5 unless infinite
            new = torch.where((new.abs() < 5e5) | new.isinf(), new, new * 0.5)
        elif kind == "kept_where_threshold":  # kept rows past 1e30 replaced by 0 (kept rows hold near-max values)
            old = cache[s]
            cache[s] = torch.where(valid, new.to(cache.dtype), torch.where(old.abs() < 1e30, old, 0.0))
            return cache
        cache[s] = torch.where(valid, new.to(cache.dtype), cache[s])
        return cache
    return step


def _big_f32_calls():
    out = []
    for B, seed in ((12, 0), (16, 1)):
        a = list(build(B=B, seed=seed, dtype=torch.float32).args)
        kv = a[0]
        a[0] = torch.where(torch.isfinite(kv), kv * 40000, kv)  # window sums up to ~5e6
        c = a[5]
        c[:4] = 3e38
        out.append(a)
    return out


DY = [(f"dy_{k}", _mk(_contract, _sizes_calls(k), MODES3), "the contract at sizes the first compile never saw: " + k)
      for k in ("page_size", "heads", "head_dim", "empty_batch", "capacity_jump")]
DY += [(f"dy_{k}", _mk(_dy(k), _sizes_calls("const_lens"), MODES3), "a length constant beyond capacity 256: " + k)
       for k in ("lens_ne_const", "lens_lt_const", "lens_mod_const")]
VAL = [(f"val_{k}", _mk(_val(k), _big_f32_calls, MODES3), "fp32, window sums to ~5e6: " + k)
       for k in ("new_where_threshold", "new_clamp_big", "new_where_threshold_keep_inf", "kept_where_threshold")]

WM2 = [(f"wm_{k}", _mk(_wm(k), _calls(), MODES3), "(third batch, after F1) a clone of the cache input: " + k)
       for k in ("snapshot_clone_scaled_after", "snapshot_clone_returned", "snapshot_clone_rows_read")]
WM2 += [("wm_snapshot_clone_is_kv_of_second_step_first", _mk(_wm("snapshot_clone_is_kv_of_second_step_first"),
                                                             _hier2_calls, MODES3),
         "F1 with the second step's pooling computed before the first step"),
        ("wm_snapshot_clone_into_other_cache", _mk(_wm("snapshot_clone_into_other_cache"), _hier3_calls, MODES3),
         "F1 with the second step writing another cache")]

FR2 = [(f"fr_{k}", _mk(_fr(k), _fr_calls(), MODES3), "(third batch, after the first try's CRASH) flat read: " + k)
       for k in ("plain_kept_other_rows", "plain_weight_doubled", "contiguous_flat")]

SECOND = DY + VAL

ATTACKS = JW + FR + WM + CL + SECOND + FR2 + WM2

# first try: /tmp/base47 (704c303), 23:18-23:22 UTC, JW + FR + WM + CL
_FIRST = [
    ('jw_control', 'inductor_graph', 'static', _EQ),
    ('jw_control', 'inductor_graph', 'batch', _EQ),
    ('jw_control', 'inductor_graph', 'dynamic', _R),
    ('jw_kept_swapped_halves', 'inductor_graph', 'static', _R),
    ('jw_kept_swapped_halves', 'inductor_graph', 'batch', _R),
    ('jw_kept_swapped_halves', 'inductor_graph', 'dynamic', _R),
    ('jw_kept_other_rows', 'inductor_graph', 'static', _R),
    ('jw_kept_other_rows', 'inductor_graph', 'batch', _R),
    ('jw_kept_other_rows', 'inductor_graph', 'dynamic', _R),
    ('jw_kept_k_from_other_rows', 'inductor_graph', 'static', _R),
    ('jw_kept_k_from_other_rows', 'inductor_graph', 'batch', _R),
    ('jw_kept_k_from_other_rows', 'inductor_graph', 'dynamic', _R),
    ('jw_masks_per_part', 'inductor_graph', 'static', _EQ),
    ('jw_masks_per_part', 'inductor_graph', 'batch', _EQ),
    ('jw_masks_per_part', 'inductor_graph', 'dynamic', _R),
    ('jw_v_mask_shifted', 'inductor_graph', 'static', _R),
    ('jw_v_mask_shifted', 'inductor_graph', 'batch', _R),
    ('jw_v_mask_shifted', 'inductor_graph', 'dynamic', _R),
    ('jw_v_from_k_tokens', 'inductor_graph', 'static', _EQ),
    ('jw_v_from_k_tokens', 'inductor_graph', 'batch', _EQ),
    ('jw_v_from_k_tokens', 'inductor_graph', 'dynamic', _R),
    ('jw_v_window_shifted', 'inductor_graph', 'static', _R),
    ('jw_v_window_shifted', 'inductor_graph', 'batch', _R),
    ('jw_v_window_shifted', 'inductor_graph', 'dynamic', _R),
    ('jw_kept_negzero_add', 'inductor_graph', 'static', _R),
    ('jw_kept_negzero_add', 'inductor_graph', 'batch', _R),
    ('jw_kept_negzero_add', 'inductor_graph', 'dynamic', _R),
    ('jw_v_part_of_kv_narrow', 'inductor_graph', 'static', _EQ),
    ('jw_v_part_of_kv_narrow', 'inductor_graph', 'batch', _EQ),
    ('jw_v_part_of_kv_narrow', 'inductor_graph', 'dynamic', _R),
    ('jw_v_half_roundtrip_after_cat', 'inductor_graph', 'static', _R),
    ('jw_v_half_roundtrip_after_cat', 'inductor_graph', 'batch', _R),
    ('jw_v_half_roundtrip_after_cat', 'inductor_graph', 'dynamic', _R),
    ('jst_control', 'inductor_graph', 'static', _EQ),
    ('jst_control', 'inductor_graph', 'batch', _EQ),
    ('jst_control', 'inductor_graph', 'dynamic', _EQ),
    ('jst_masks_per_half', 'inductor_graph', 'static', _EQ),
    ('jst_masks_per_half', 'inductor_graph', 'batch', _EQ),
    ('jst_masks_per_half', 'inductor_graph', 'dynamic', _EQ),
    ('jst_kept_halves_swapped', 'inductor_graph', 'static', _R),
    ('jst_kept_halves_swapped', 'inductor_graph', 'batch', _R),
    ('jst_kept_halves_swapped', 'inductor_graph', 'dynamic', _R),
    ('jst_v_kept_other_rows', 'inductor_graph', 'static', _R),
    ('jst_v_kept_other_rows', 'inductor_graph', 'batch', _R),
    ('jst_v_kept_other_rows', 'inductor_graph', 'dynamic', _R),
    ('fr_plain', 'inductor_graph', 'static', _EQ),
    ('fr_plain', 'inductor_graph', 'batch', _CCT),
    ('fr_plain', 'inductor_graph', 'dynamic', _EQ),
    ('fr_transposed', 'inductor_graph', 'static', _R),
    ('fr_transposed', 'inductor_graph', 'batch', _CCT),
    ('fr_transposed', 'inductor_graph', 'dynamic', _R),
    ('fr_flipped', 'inductor_graph', 'static', _R),
    ('fr_flipped', 'inductor_graph', 'batch', _CCT),
    ('fr_flipped', 'inductor_graph', 'dynamic', _R),
    ('fr_index_flat_getitem', 'inductor_graph', 'static', _EQ),
    ('fr_index_flat_getitem', 'inductor_graph', 'batch', _CCT),
    ('fr_index_flat_getitem', 'inductor_graph', 'dynamic', _EQ),
    ('fr_view_swapped_square', 'inductor_graph', 'static', _R),
    ('fr_view_swapped_square', 'inductor_graph', 'batch', _CCT),
    ('fr_view_swapped_square', 'inductor_graph', 'dynamic', _R),
    ('fr_indptr_next_row', 'inductor_graph', 'static', _EQ),
    ('fr_indptr_next_row', 'inductor_graph', 'batch', _CCT),
    ('fr_indptr_next_row', 'inductor_graph', 'dynamic', _EQ),
    ('tp_prefix', 'inductor_graph', 'static', _EQ),
    ('tp_prefix', 'inductor_graph', 'batch', _EQ),
    ('tp_prefix', 'inductor_graph', 'dynamic', _EQ),
    ('tp_prefix_longer_than_batch', 'inductor_graph', 'static', _R),
    ('tp_prefix_longer_than_batch', 'inductor_graph', 'batch', _R),
    ('tp_prefix_longer_than_batch', 'inductor_graph', 'dynamic', _R),
    ('tp_prefix_negative_end', 'inductor_graph', 'static', _EQ),
    ('tp_prefix_negative_end', 'inductor_graph', 'batch', _EQ),
    ('tp_prefix_negative_end', 'inductor_graph', 'dynamic', _EQ),
    ('tp_prefix_then_flip_rows', 'inductor_graph', 'static', _R),
    ('tp_prefix_then_flip_rows', 'inductor_graph', 'batch', _R),
    ('tp_prefix_then_flip_rows', 'inductor_graph', 'dynamic', _R),
    ('tp_prefix_of_transposed', 'inductor_graph', 'static', _R),
    ('tp_prefix_of_transposed', 'inductor_graph', 'batch', _R),
    ('tp_prefix_of_transposed', 'inductor_graph', 'dynamic', _R),
    ('tp_prefix_plus_one', 'inductor_graph', 'static', _R),
    ('tp_prefix_plus_one', 'inductor_graph', 'batch', _R),
    ('tp_prefix_plus_one', 'inductor_graph', 'dynamic', _R),
    ('wm_kept_snapshot_then_scaled', 'inductor_graph', 'static', _R),
    ('wm_kept_snapshot_then_scaled', 'inductor_graph', 'batch', _R),
    ('wm_kept_snapshot_then_scaled', 'inductor_graph', 'dynamic', _R),
    ('wm_kept_snapshot_then_rows_zeroed', 'inductor_graph', 'static', _R),
    ('wm_kept_snapshot_then_rows_zeroed', 'inductor_graph', 'batch', _R),
    ('wm_kept_snapshot_then_rows_zeroed', 'inductor_graph', 'dynamic', _R),
    ('wm_kept_snapshot_clone_then_first_step', 'inductor_graph', 'static', _EQ),
    ('wm_kept_snapshot_clone_then_first_step', 'inductor_graph', 'batch', _EQ),
    ('wm_kept_snapshot_clone_then_first_step', 'inductor_graph', 'dynamic', _EQ),
    ('wm_two_steps_same_slots', 'inductor_graph', 'static', _EQ),
    ('wm_two_steps_same_slots', 'inductor_graph', 'batch', _EQ),
    ('wm_two_steps_same_slots', 'inductor_graph', 'dynamic', _EQ),
    ('wm_kv_pages_scaled_in_place_before', 'inductor_graph', 'static', _R),
    ('wm_kv_pages_scaled_in_place_before', 'inductor_graph', 'batch', _R),
    ('wm_kv_pages_scaled_in_place_before', 'inductor_graph', 'dynamic', _R),
    ('wm_table_modified_in_place_before', 'inductor_graph', 'static', _R),
    ('wm_table_modified_in_place_before', 'inductor_graph', 'batch', _R),
    ('wm_table_modified_in_place_before', 'inductor_graph', 'dynamic', _R),
    ('wm_lens_advanced_in_place', 'inductor_graph', 'static', _EQ),
    ('wm_lens_advanced_in_place', 'inductor_graph', 'batch', _EQ),
    ('wm_lens_advanced_in_place', 'inductor_graph', 'dynamic', _EQ),
    ('wm_slots_advanced_after_new', 'inductor_graph', 'static', _R),
    ('wm_slots_advanced_after_new', 'inductor_graph', 'batch', _R),
    ('wm_slots_advanced_after_new', 'inductor_graph', 'dynamic', _R),
    ('wm_cache_as_kv_of_clone', 'inductor_graph', 'static', _FF),
    ('wm_cache_as_kv_of_clone', 'inductor_graph', 'batch', _FF),
    ('wm_cache_as_kv_of_clone', 'inductor_graph', 'dynamic', _EQ),
    ('cl_tok_bf16_roundtrip', 'inductor_graph', 'static', _R),
    ('cl_tok_bf16_roundtrip', 'inductor_graph', 'batch', _R),
    ('cl_tok_bf16_roundtrip', 'inductor_graph', 'dynamic', _R),
    ('cl_w_bf16_roundtrip', 'inductor_graph', 'static', _R),
    ('cl_w_bf16_roundtrip', 'inductor_graph', 'batch', _R),
    ('cl_w_bf16_roundtrip', 'inductor_graph', 'dynamic', _R),
    ('cl_prod_half_roundtrip', 'inductor_graph', 'static', _R),
    ('cl_prod_half_roundtrip', 'inductor_graph', 'batch', _R),
    ('cl_prod_half_roundtrip', 'inductor_graph', 'dynamic', _R),
    ('cl_sum_fp16_then_fp32_cache', 'inductor_graph', 'static', _R),
    ('cl_sum_fp16_then_fp32_cache', 'inductor_graph', 'batch', _R),
    ('cl_sum_fp16_then_fp32_cache', 'inductor_graph', 'dynamic', _R),
    ('cl_cumsum_last', 'inductor_graph', 'static', _R),
    ('cl_cumsum_last', 'inductor_graph', 'batch', _R),
    ('cl_cumsum_last', 'inductor_graph', 'dynamic', _R),
    ('cl_w32_half_roundtrip', 'inductor_graph', 'static', _R),
    ('cl_w32_half_roundtrip', 'inductor_graph', 'batch', _R),
    ('cl_w32_half_roundtrip', 'inductor_graph', 'dynamic', _R),
    ('cl_lens_int16', 'inductor_graph', 'static', _R),
    ('cl_lens_int16', 'inductor_graph', 'batch', _R),
    ('cl_lens_int16', 'inductor_graph', 'dynamic', _R),
    ('cl_lens_half', 'inductor_graph', 'static', _R),
    ('cl_lens_half', 'inductor_graph', 'batch', _R),
    ('cl_lens_half', 'inductor_graph', 'dynamic', _R),
    ('cl_pos_half', 'inductor_graph', 'static', _R),
    ('cl_pos_half', 'inductor_graph', 'batch', _R),
    ('cl_pos_half', 'inductor_graph', 'dynamic', _R),
    ('cl_slots_int16', 'inductor_graph', 'static', _R),
    ('cl_slots_int16', 'inductor_graph', 'batch', _R),
    ('cl_slots_int16', 'inductor_graph', 'dynamic', _R),
    ('cl_tok_scaled_2p13_fp16', 'inductor_graph', 'static', _R),
    ('cl_tok_scaled_2p13_fp16', 'inductor_graph', 'batch', _R),
    ('cl_tok_scaled_2p13_fp16', 'inductor_graph', 'dynamic', _R),
    ('jw_control', 'torchair_like', 'static', _EQ),
    ('jw_control', 'torchair_like', 'batch', _EQ),
    ('jw_control', 'torchair_like', 'dynamic', _R),
    ('jw_kept_swapped_halves', 'torchair_like', 'static', _R),
    ('jw_kept_swapped_halves', 'torchair_like', 'batch', _R),
    ('jw_kept_swapped_halves', 'torchair_like', 'dynamic', _R),
    ('jw_kept_other_rows', 'torchair_like', 'static', _R),
    ('jw_kept_other_rows', 'torchair_like', 'batch', _R),
    ('jw_kept_other_rows', 'torchair_like', 'dynamic', _R),
    ('jw_kept_k_from_other_rows', 'torchair_like', 'static', _R),
    ('jw_kept_k_from_other_rows', 'torchair_like', 'batch', _R),
    ('jw_kept_k_from_other_rows', 'torchair_like', 'dynamic', _R),
    ('jw_masks_per_part', 'torchair_like', 'static', _EQ),
    ('jw_masks_per_part', 'torchair_like', 'batch', _EQ),
    ('jw_masks_per_part', 'torchair_like', 'dynamic', _R),
    ('jw_v_mask_shifted', 'torchair_like', 'static', _R),
    ('jw_v_mask_shifted', 'torchair_like', 'batch', _R),
    ('jw_v_mask_shifted', 'torchair_like', 'dynamic', _R),
    ('jw_v_from_k_tokens', 'torchair_like', 'static', _EQ),
    ('jw_v_from_k_tokens', 'torchair_like', 'batch', _EQ),
    ('jw_v_from_k_tokens', 'torchair_like', 'dynamic', _R),
    ('jw_v_window_shifted', 'torchair_like', 'static', _R),
    ('jw_v_window_shifted', 'torchair_like', 'batch', _R),
    ('jw_v_window_shifted', 'torchair_like', 'dynamic', _R),
    ('jw_kept_negzero_add', 'torchair_like', 'static', _R),
    ('jw_kept_negzero_add', 'torchair_like', 'batch', _R),
    ('jw_kept_negzero_add', 'torchair_like', 'dynamic', _R),
    ('jw_v_part_of_kv_narrow', 'torchair_like', 'static', _EQ),
    ('jw_v_part_of_kv_narrow', 'torchair_like', 'batch', _EQ),
    ('jw_v_part_of_kv_narrow', 'torchair_like', 'dynamic', _R),
    ('jw_v_half_roundtrip_after_cat', 'torchair_like', 'static', _R),
    ('jw_v_half_roundtrip_after_cat', 'torchair_like', 'batch', _R),
    ('jw_v_half_roundtrip_after_cat', 'torchair_like', 'dynamic', _R),
    ('jst_control', 'torchair_like', 'static', _EQ),
    ('jst_control', 'torchair_like', 'batch', _EQ),
    ('jst_control', 'torchair_like', 'dynamic', _EQ),
    ('jst_masks_per_half', 'torchair_like', 'static', _EQ),
    ('jst_masks_per_half', 'torchair_like', 'batch', _EQ),
    ('jst_masks_per_half', 'torchair_like', 'dynamic', _EQ),
    ('jst_kept_halves_swapped', 'torchair_like', 'static', _R),
    ('jst_kept_halves_swapped', 'torchair_like', 'batch', _R),
    ('jst_kept_halves_swapped', 'torchair_like', 'dynamic', _R),
    ('jst_v_kept_other_rows', 'torchair_like', 'static', _R),
    ('jst_v_kept_other_rows', 'torchair_like', 'batch', _R),
    ('jst_v_kept_other_rows', 'torchair_like', 'dynamic', _R),
    ('fr_plain', 'torchair_like', 'static', _EQ),
    ('fr_plain', 'torchair_like', 'batch', _CCT),
    ('fr_plain', 'torchair_like', 'dynamic', _EQ),
    ('fr_transposed', 'torchair_like', 'static', _CR),
    ('fr_transposed', 'torchair_like', 'batch', _CCT),
    ('fr_transposed', 'torchair_like', 'dynamic', _CR),
    ('fr_flipped', 'torchair_like', 'static', _CR),
    ('fr_flipped', 'torchair_like', 'batch', _CCT),
    ('fr_flipped', 'torchair_like', 'dynamic', _CR),
    ('fr_index_flat_getitem', 'torchair_like', 'static', _EQ),
    ('fr_index_flat_getitem', 'torchair_like', 'batch', _CCT),
    ('fr_index_flat_getitem', 'torchair_like', 'dynamic', _EQ),
    ('fr_view_swapped_square', 'torchair_like', 'static', _R),
    ('fr_view_swapped_square', 'torchair_like', 'batch', _CCT),
    ('fr_view_swapped_square', 'torchair_like', 'dynamic', _R),
    ('fr_indptr_next_row', 'torchair_like', 'static', _EQ),
    ('fr_indptr_next_row', 'torchair_like', 'batch', _CCT),
    ('fr_indptr_next_row', 'torchair_like', 'dynamic', _EQ),
    ('tp_prefix', 'torchair_like', 'static', _EQ),
    ('tp_prefix', 'torchair_like', 'batch', _EQ),
    ('tp_prefix', 'torchair_like', 'dynamic', _EQ),
    ('tp_prefix_longer_than_batch', 'torchair_like', 'static', _R),
    ('tp_prefix_longer_than_batch', 'torchair_like', 'batch', _R),
    ('tp_prefix_longer_than_batch', 'torchair_like', 'dynamic', _R),
    ('tp_prefix_negative_end', 'torchair_like', 'static', _EQ),
    ('tp_prefix_negative_end', 'torchair_like', 'batch', _EQ),
    ('tp_prefix_negative_end', 'torchair_like', 'dynamic', _EQ),
    ('tp_prefix_then_flip_rows', 'torchair_like', 'static', _R),
    ('tp_prefix_then_flip_rows', 'torchair_like', 'batch', _R),
    ('tp_prefix_then_flip_rows', 'torchair_like', 'dynamic', _R),
    ('tp_prefix_of_transposed', 'torchair_like', 'static', _R),
    ('tp_prefix_of_transposed', 'torchair_like', 'batch', _R),
    ('tp_prefix_of_transposed', 'torchair_like', 'dynamic', _R),
    ('tp_prefix_plus_one', 'torchair_like', 'static', _R),
    ('tp_prefix_plus_one', 'torchair_like', 'batch', _R),
    ('tp_prefix_plus_one', 'torchair_like', 'dynamic', _R),
    ('wm_kept_snapshot_then_scaled', 'torchair_like', 'static', _R),
    ('wm_kept_snapshot_then_scaled', 'torchair_like', 'batch', _R),
    ('wm_kept_snapshot_then_scaled', 'torchair_like', 'dynamic', _R),
    ('wm_kept_snapshot_then_rows_zeroed', 'torchair_like', 'static', _R),
    ('wm_kept_snapshot_then_rows_zeroed', 'torchair_like', 'batch', _R),
    ('wm_kept_snapshot_then_rows_zeroed', 'torchair_like', 'dynamic', _R),
    ('wm_kept_snapshot_clone_then_first_step', 'torchair_like', 'static', _EQ),
    ('wm_kept_snapshot_clone_then_first_step', 'torchair_like', 'batch', _EQ),
    ('wm_kept_snapshot_clone_then_first_step', 'torchair_like', 'dynamic', _EQ),
    ('wm_two_steps_same_slots', 'torchair_like', 'static', _EQ),
    ('wm_two_steps_same_slots', 'torchair_like', 'batch', _EQ),
    ('wm_two_steps_same_slots', 'torchair_like', 'dynamic', _EQ),
    ('wm_kv_pages_scaled_in_place_before', 'torchair_like', 'static', _R),
    ('wm_kv_pages_scaled_in_place_before', 'torchair_like', 'batch', _R),
    ('wm_kv_pages_scaled_in_place_before', 'torchair_like', 'dynamic', _R),
    ('wm_table_modified_in_place_before', 'torchair_like', 'static', _R),
    ('wm_table_modified_in_place_before', 'torchair_like', 'batch', _R),
    ('wm_table_modified_in_place_before', 'torchair_like', 'dynamic', _R),
    ('wm_lens_advanced_in_place', 'torchair_like', 'static', _EQ),
    ('wm_lens_advanced_in_place', 'torchair_like', 'batch', _EQ),
    ('wm_lens_advanced_in_place', 'torchair_like', 'dynamic', _EQ),
    ('wm_slots_advanced_after_new', 'torchair_like', 'static', _R),
    ('wm_slots_advanced_after_new', 'torchair_like', 'batch', _R),
    ('wm_slots_advanced_after_new', 'torchair_like', 'dynamic', _R),
    ('wm_cache_as_kv_of_clone', 'torchair_like', 'static', _EQ),
    ('wm_cache_as_kv_of_clone', 'torchair_like', 'batch', _EQ),
    ('wm_cache_as_kv_of_clone', 'torchair_like', 'dynamic', _EQ),
    ('cl_tok_bf16_roundtrip', 'torchair_like', 'static', _R),
    ('cl_tok_bf16_roundtrip', 'torchair_like', 'batch', _R),
    ('cl_tok_bf16_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_w_bf16_roundtrip', 'torchair_like', 'static', _R),
    ('cl_w_bf16_roundtrip', 'torchair_like', 'batch', _R),
    ('cl_w_bf16_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_prod_half_roundtrip', 'torchair_like', 'static', _R),
    ('cl_prod_half_roundtrip', 'torchair_like', 'batch', _R),
    ('cl_prod_half_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_sum_fp16_then_fp32_cache', 'torchair_like', 'static', _R),
    ('cl_sum_fp16_then_fp32_cache', 'torchair_like', 'batch', _R),
    ('cl_sum_fp16_then_fp32_cache', 'torchair_like', 'dynamic', _R),
    ('cl_cumsum_last', 'torchair_like', 'static', _R),
    ('cl_cumsum_last', 'torchair_like', 'batch', _R),
    ('cl_cumsum_last', 'torchair_like', 'dynamic', _R),
    ('cl_w32_half_roundtrip', 'torchair_like', 'static', _R),
    ('cl_w32_half_roundtrip', 'torchair_like', 'batch', _R),
    ('cl_w32_half_roundtrip', 'torchair_like', 'dynamic', _R),
    ('cl_lens_int16', 'torchair_like', 'static', _R),
    ('cl_lens_int16', 'torchair_like', 'batch', _R),
    ('cl_lens_int16', 'torchair_like', 'dynamic', _R),
    ('cl_lens_half', 'torchair_like', 'static', _R),
    ('cl_lens_half', 'torchair_like', 'batch', _R),
    ('cl_lens_half', 'torchair_like', 'dynamic', _R),
    ('cl_pos_half', 'torchair_like', 'static', _R),
    ('cl_pos_half', 'torchair_like', 'batch', _R),
    ('cl_pos_half', 'torchair_like', 'dynamic', _R),
    ('cl_slots_int16', 'torchair_like', 'static', _R),
    ('cl_slots_int16', 'torchair_like', 'batch', _R),
    ('cl_slots_int16', 'torchair_like', 'dynamic', _R),
    ('cl_tok_scaled_2p13_fp16', 'torchair_like', 'static', _R),
    ('cl_tok_scaled_2p13_fp16', 'torchair_like', 'batch', _R),
    ('cl_tok_scaled_2p13_fp16', 'torchair_like', 'dynamic', _R),
]

# later runs (not the first try): SECOND (23:25-23:27), the third batch FR2 + WM2 (23:27-23:28), real Inductor
_LATER = [
    ('dy_page_size', 'inductor_graph', 'static', _EQ),
    ('dy_page_size', 'inductor_graph', 'batch', _EQ),
    ('dy_page_size', 'inductor_graph', 'dynamic', _EQ),
    ('dy_heads', 'inductor_graph', 'static', _EQ),
    ('dy_heads', 'inductor_graph', 'batch', _EQ),
    ('dy_heads', 'inductor_graph', 'dynamic', _EQ),
    ('dy_head_dim', 'inductor_graph', 'static', _EQ),
    ('dy_head_dim', 'inductor_graph', 'batch', _EQ),
    ('dy_head_dim', 'inductor_graph', 'dynamic', _EQ),
    ('dy_empty_batch', 'inductor_graph', 'static', _EQ),
    ('dy_empty_batch', 'inductor_graph', 'batch', _EQ),
    ('dy_empty_batch', 'inductor_graph', 'dynamic', _EQ),
    ('dy_capacity_jump', 'inductor_graph', 'static', _EQ),
    ('dy_capacity_jump', 'inductor_graph', 'batch', _EQ),
    ('dy_capacity_jump', 'inductor_graph', 'dynamic', _EQ),
    ('dy_lens_ne_const', 'inductor_graph', 'static', _EQ),
    ('dy_lens_ne_const', 'inductor_graph', 'batch', _EQ),
    ('dy_lens_ne_const', 'inductor_graph', 'dynamic', _R),
    ('dy_lens_lt_const', 'inductor_graph', 'static', _EQ),
    ('dy_lens_lt_const', 'inductor_graph', 'batch', _EQ),
    ('dy_lens_lt_const', 'inductor_graph', 'dynamic', _R),
    ('dy_lens_mod_const', 'inductor_graph', 'static', _EQ),
    ('dy_lens_mod_const', 'inductor_graph', 'batch', _EQ),
    ('dy_lens_mod_const', 'inductor_graph', 'dynamic', _R),
    ('val_new_where_threshold', 'inductor_graph', 'static', _R),
    ('val_new_where_threshold', 'inductor_graph', 'batch', _R),
    ('val_new_where_threshold', 'inductor_graph', 'dynamic', _R),
    ('val_new_clamp_big', 'inductor_graph', 'static', _R),
    ('val_new_clamp_big', 'inductor_graph', 'batch', _R),
    ('val_new_clamp_big', 'inductor_graph', 'dynamic', _R),
    ('val_new_where_threshold_keep_inf', 'inductor_graph', 'static', _R),
    ('val_new_where_threshold_keep_inf', 'inductor_graph', 'batch', _R),
    ('val_new_where_threshold_keep_inf', 'inductor_graph', 'dynamic', _R),
    ('val_kept_where_threshold', 'inductor_graph', 'static', _R),
    ('val_kept_where_threshold', 'inductor_graph', 'batch', _R),
    ('val_kept_where_threshold', 'inductor_graph', 'dynamic', _R),
    ('dy_page_size', 'torchair_like', 'static', _EQ),
    ('dy_page_size', 'torchair_like', 'batch', _EQ),
    ('dy_page_size', 'torchair_like', 'dynamic', _EQ),
    ('dy_heads', 'torchair_like', 'static', _EQ),
    ('dy_heads', 'torchair_like', 'batch', _EQ),
    ('dy_heads', 'torchair_like', 'dynamic', _EQ),
    ('dy_head_dim', 'torchair_like', 'static', _EQ),
    ('dy_head_dim', 'torchair_like', 'batch', _EQ),
    ('dy_head_dim', 'torchair_like', 'dynamic', _EQ),
    ('dy_empty_batch', 'torchair_like', 'static', _EQ),
    ('dy_empty_batch', 'torchair_like', 'batch', _EQ),
    ('dy_empty_batch', 'torchair_like', 'dynamic', _EQ),
    ('dy_capacity_jump', 'torchair_like', 'static', _EQ),
    ('dy_capacity_jump', 'torchair_like', 'batch', _EQ),
    ('dy_capacity_jump', 'torchair_like', 'dynamic', _EQ),
    ('dy_lens_ne_const', 'torchair_like', 'static', _EQ),
    ('dy_lens_ne_const', 'torchair_like', 'batch', _EQ),
    ('dy_lens_ne_const', 'torchair_like', 'dynamic', _R),
    ('dy_lens_lt_const', 'torchair_like', 'static', _EQ),
    ('dy_lens_lt_const', 'torchair_like', 'batch', _EQ),
    ('dy_lens_lt_const', 'torchair_like', 'dynamic', _R),
    ('dy_lens_mod_const', 'torchair_like', 'static', _EQ),
    ('dy_lens_mod_const', 'torchair_like', 'batch', _EQ),
    ('dy_lens_mod_const', 'torchair_like', 'dynamic', _R),
    ('val_new_where_threshold', 'torchair_like', 'static', _R),
    ('val_new_where_threshold', 'torchair_like', 'batch', _R),
    ('val_new_where_threshold', 'torchair_like', 'dynamic', _R),
    ('val_new_clamp_big', 'torchair_like', 'static', _R),
    ('val_new_clamp_big', 'torchair_like', 'batch', _R),
    ('val_new_clamp_big', 'torchair_like', 'dynamic', _R),
    ('val_new_where_threshold_keep_inf', 'torchair_like', 'static', _R),
    ('val_new_where_threshold_keep_inf', 'torchair_like', 'batch', _R),
    ('val_new_where_threshold_keep_inf', 'torchair_like', 'dynamic', _R),
    ('val_kept_where_threshold', 'torchair_like', 'static', _R),
    ('val_kept_where_threshold', 'torchair_like', 'batch', _R),
    ('val_kept_where_threshold', 'torchair_like', 'dynamic', _R),
    ('fr_plain_kept_other_rows', 'inductor_graph', 'static', _R),
    ('fr_plain_kept_other_rows', 'inductor_graph', 'batch', _CCT),
    ('fr_plain_kept_other_rows', 'inductor_graph', 'dynamic', _R),
    ('fr_plain_weight_doubled', 'inductor_graph', 'static', _R),
    ('fr_plain_weight_doubled', 'inductor_graph', 'batch', _CCT),
    ('fr_plain_weight_doubled', 'inductor_graph', 'dynamic', _R),
    ('fr_contiguous_flat', 'inductor_graph', 'static', _R),
    ('fr_contiguous_flat', 'inductor_graph', 'batch', _CCT),
    ('fr_contiguous_flat', 'inductor_graph', 'dynamic', _R),
    ('wm_snapshot_clone_scaled_after', 'inductor_graph', 'static', _EQ),
    ('wm_snapshot_clone_scaled_after', 'inductor_graph', 'batch', _EQ),
    ('wm_snapshot_clone_scaled_after', 'inductor_graph', 'dynamic', _EQ),
    ('wm_snapshot_clone_returned', 'inductor_graph', 'static', _EQ),
    ('wm_snapshot_clone_returned', 'inductor_graph', 'batch', _EQ),
    ('wm_snapshot_clone_returned', 'inductor_graph', 'dynamic', _EQ),
    ('wm_snapshot_clone_rows_read', 'inductor_graph', 'static', _EQ),
    ('wm_snapshot_clone_rows_read', 'inductor_graph', 'batch', _EQ),
    ('wm_snapshot_clone_rows_read', 'inductor_graph', 'dynamic', _EQ),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'inductor_graph', 'static', _FF),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'inductor_graph', 'batch', _FF),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'inductor_graph', 'dynamic', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'inductor_graph', 'static', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'inductor_graph', 'batch', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'inductor_graph', 'dynamic', _EQ),
    ('fr_plain_kept_other_rows', 'torchair_like', 'static', _R),
    ('fr_plain_kept_other_rows', 'torchair_like', 'batch', _CCT),
    ('fr_plain_kept_other_rows', 'torchair_like', 'dynamic', _R),
    ('fr_plain_weight_doubled', 'torchair_like', 'static', _R),
    ('fr_plain_weight_doubled', 'torchair_like', 'batch', _CCT),
    ('fr_plain_weight_doubled', 'torchair_like', 'dynamic', _R),
    ('fr_contiguous_flat', 'torchair_like', 'static', _CR),
    ('fr_contiguous_flat', 'torchair_like', 'batch', _CCT),
    ('fr_contiguous_flat', 'torchair_like', 'dynamic', _CR),
    ('wm_snapshot_clone_scaled_after', 'torchair_like', 'static', _EQ),
    ('wm_snapshot_clone_scaled_after', 'torchair_like', 'batch', _EQ),
    ('wm_snapshot_clone_scaled_after', 'torchair_like', 'dynamic', _EQ),
    ('wm_snapshot_clone_returned', 'torchair_like', 'static', _EQ),
    ('wm_snapshot_clone_returned', 'torchair_like', 'batch', _EQ),
    ('wm_snapshot_clone_returned', 'torchair_like', 'dynamic', _EQ),
    ('wm_snapshot_clone_rows_read', 'torchair_like', 'static', _EQ),
    ('wm_snapshot_clone_rows_read', 'torchair_like', 'batch', _EQ),
    ('wm_snapshot_clone_rows_read', 'torchair_like', 'dynamic', _EQ),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'torchair_like', 'static', _EQ),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'torchair_like', 'batch', _EQ),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'torchair_like', 'dynamic', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'torchair_like', 'static', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'torchair_like', 'batch', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'torchair_like', 'dynamic', _EQ),
    ('wm_cache_as_kv_of_clone', 'inductor', 'static', _FF),
    ('wm_cache_as_kv_of_clone', 'inductor', 'batch', _FF),
    ('wm_cache_as_kv_of_clone', 'inductor', 'dynamic', _EQ),
    ('fr_transposed', 'inductor', 'static', _R),
    ('fr_transposed', 'inductor', 'batch', _CCT),
    ('fr_transposed', 'inductor', 'dynamic', _R),
    ('fr_flipped', 'inductor', 'static', _R),
    ('fr_flipped', 'inductor', 'batch', _CCT),
    ('fr_flipped', 'inductor', 'dynamic', _R),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'inductor', 'static', _FF),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'inductor', 'batch', _FF),
    ('wm_snapshot_clone_is_kv_of_second_step_first', 'inductor', 'dynamic', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'inductor', 'static', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'inductor', 'batch', _EQ),
    ('wm_snapshot_clone_into_other_cache', 'inductor', 'dynamic', _EQ),
]


def classify45(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-44)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify45)
