"""Forty-seventh adversarial review of the recogniser (round 47; fd41b21 frozen at /tmp/base50: the five rules added
since 5af15c5 -- split_stacked_writes along dim 1 with _Pusher.pick / _push_along / operand_along / _permuted and
_is_stack by hint, exactness._periodic_comparison with _eventual_slopes' dropped no-op clamps, _unfolded_window's
``x.unfold(1, l, d)[rows, i]``, rewrite.prefix_row_reads, check_kept_path's casts held to the cache dtype only).

Same format as redteam43 / redteam44 / redteam45 / redteam46: every entry of ``ATTACKS`` is ``(name, factory,
notes)``; the factory returns ``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``; the
uf_ attacks a per-request ``[B, T, N, D]`` KV in the kv place, the pr_ attacks ``(dense, w, lens, lens, lens, cmp)``).
Runner: redteam7's ``classify7`` through :func:`classify47`.

    cp /work/main/tests/corpora/redteam47.py /tmp/base50/tests/corpora/ && cd /tmp/base50 && \\
    PYTHONPATH=/tmp/base50 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam47.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base50 = fd41b21, 02:11:38-02:39:42 UTC 2026-12-06, the two graph
dialects side by side, one process each; the file as it stood then is every family below but cv_): 99 attacks in 6
families (st_ 34 + st0_ 8 stacked writes, kc_ 15 kept casts, uf_ 11 unfold windows, pr_ 15 batch prefixes, pd_ 16
periodic comparisons), 271 runs per graph dialect (st_, st0_, kc_, pd_ in static, batch, dynamic; uf_, pr_ in static
and dynamic):

    inductor_graph  271 runs: 0 FALSE FUSION / 0 CRASH / 141 fused & equal / 130 refused / 0 control differs
    torchair_like   271 runs: 0 FALSE FUSION / 4 CRASH / 131 fused & equal / 136 refused / 0 control differs

Per theme (inductor_graph | torchair_like): st_ 49 EQ / 53 R | 43 EQ / 59 R; st0_ 15 EQ / 9 R | the same; kc_ 27 EQ /
18 R | the same; uf_ 10 EQ / 12 R | the same; pr_ 8 EQ / 22 R | 4 EQ / 22 R / 4 CR; pd_ 32 EQ / 16 R | the same.  The
dialects differ in: pr_mutation_before_read and pr_prefix_mutated_between (static, dynamic): fused & equal in
inductor_graph, CRASH in torchair_like (F2); st_index_copy (no candidate) and st_reshape_merge (mask) refused in
torchair_like, fused & equal in inductor_graph.

Later runs (``_LATER``):

* SECOND (the cv_ family, 17 attacks written during the first try, 02:28-02:36 UTC, one process per dialect in turn):
  inductor_graph and torchair_like alike 51 runs: 6 FALSE FUSION / 24 fused & equal / 21 refused (F1).
* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend): cv_min_page, cv_min_pos_330,
  cv_page_ids_min_60, cv_min_in_periodic_compare_P32 under dynamic=True and cv_page_ids_min_49_top_block static:
  FALSE FUSION each (02:14-02:27 UTC); pr_mutation_before_read, pr_prefix_mutated_between static and dynamic: fused &
  equal (02:41 UTC; the crash is torchair_like's graph order only).
* vllm_post (redteam6's runner of the vLLM adapters' mutating call, 02:43 UTC): cv_page_ids_min_49_top_block static
  and batch, cv_min_page dynamic: FALSE FUSION; pr_mutation_before_read, pr_prefix_mutated_between: fused & equal.

FOUND (F1 after the first try, in the cv_ family written while it ran, ``_LATER``; F2 in the first try):

F1. A clamp whose bound varies by element is taken for a no-op ("its interval is its input's").  ``Intervals`` gives
    ``minimum(x, b)`` the interval ``(min(x_lo, b_lo), min(x_hi, b_hi))`` (``maximum``, ``clamp`` alike), and three
    rules read "the clamp's interval equals its input's" as "the clamp changes no value": with ``b = where(j == 0,
    2**62, c)`` (interval ``[c, 2**62]``) and ``x`` in ``[0, x_hi]``, the clamp's interval is ``[0, x_hi]`` although
    every element but the first is clamped at ``c``.  The intervals are right; the inference "equal intervals =>
    identity" is not (it holds for a scalar bound only: an element-wise bound needs ``b_lo >= x_hi`` for a minimum,
    ``b_hi <= x_lo`` for a maximum).  Rules at fault:
    * nsa_fusion/patterns/exactness.py: ``check_int_paths`` (page ids clamped, "``span != out``": the clamp of page
      ids is accepted as the identity) -- a FALSE FUSION at a STATIC capacity: the gather probes draw page ids below
      ``B * pages`` only, so a bound between that and the block count is never seen by them;
    * exactness.``check_length_thresholds`` (a clamp of a length-derived value with a constant: "no-op over
      ``intervals``", the same ``span != out`` test) -- a FALSE FUSION under ``dynamic=True`` at capacities past the
      compiled one (sizes._generalize's rerun at one more page catches bounds within one page of the compiled
      capacity, cv_min_pos at 300 refused; 330 is past it);
    * exactness.``_eventual_slopes`` (new: "a clamp that changes no value there contributes its input's only", tested
      by ``intervals.of(args[0]) == intervals.of(n)``) lets ``_periodic_comparison`` (new) accept a comparison of such
      a clamp with ``(s - 1) // P`` -- a FALSE FUSION under ``dynamic=True`` through the new rule as well.
    Repros (each FALSE FUSION in inductor_graph, torchair_like and real Inductor codegen, ``--dialect inductor``, with
    the pass-off control equal to eager):

      # (a) static capacity: cv_page_ids_min_49_top_block (B = 12, 4 pages of 64, 51 blocks; one qualifying window's
      #     last page is block 50, which the model reads as block 49)
      pos = (lens.long()[:, None] - 32 + torch.arange(32)).clamp(min=0)
      cap = torch.where(torch.arange(32) == 0, 1 << 62, 49)          # interval [49, 2^62]
      ids = torch.minimum(table.long().gather(1, pos // P), cap)     # interval [0, 50]: "the identity"
      new = (kv[ids, pos % P].float() * w.float()[None, :, :, None]).sum(1)
      s = slots.long(); valid = (lens >= 32) & ((lens - 32) % 16 == 0)
      cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
      # fused: reads block 50; eager: block 49 (here NaN-filled: got 6.65, eager NaN)

      # (b) dynamic=True, compiled at 4 pages of 64, called at 8 pages (lengths 336..512): cv_min_page (the page index
      #     minimum(pos // P, [2^62, 4, 4, ...])), cv_min_pos_330 (positions minimum(pos, [2^62, 330, ...])),
      #     cv_page_ids_min_60 (page ids capped at 60, 51 blocks compiled, 131 at the second call)
      page = torch.minimum(pos // P, torch.where(torch.arange(32) == 0, 1 << 62, 4))
      tok = kv[table.long().gather(1, page), pos % P]                # then as (a)

      # (c) dynamic=True through the new _periodic_comparison: cv_min_in_periodic_compare_P32 (P = 32, 8 pages,
      #     then 16 pages)
      last = (s - 1).clamp(min=0) // P
      cur, prev = t.gather(1, last[:, None]), t.gather(1, (last - 1).clamp(min=0)[:, None])
      cap = torch.where(torch.arange(32) == 0, 1 << 62, 330)
      page = torch.where(torch.minimum(pos, cap) // P == last[:, None], cur, prev)

    Why false fusions: the inputs are valid (page ids in range, slots unique, lengths within capacity), eager
    computes the clamped reads, the fused op reads the contract's window; the pass-off control equals eager.

F2. CRASH: rewrite.prefix_row_reads inserts the rerouted read ``index(prefix, indices)`` before the user's read
    ``cache[rows, i]`` (``graph.inserting_before(read)``) without checking that the prefix node ``cache[:B]`` is
    defined there.  In torchair's graph (AOT, no decompositions, functionalized) a mutation of the cache before the
    step makes the read ``index(mul_1, [arange, i])`` come BEFORE ``slice_2 = slice(mul_1, 0, 0, B)``: the new node
    uses ``slice_2`` before its definition and the compile fails ("Argument 'slice_2' of Node 'reshape_default' was
    used before it has been defined", raised from fusion_pass._run_exposed -> rewrite.settle_stacked_splits' graph
    check), BackendCompilerFailed; the pass-off control compiles and equals eager.  Repro (pr_mutation_before_read,
    torchair_like, static and dynamic; pr_prefix_mutated_between the same with ``p = cmp[:B]; cmp[B:] = 0`` first):

      cmp.mul_(2)                                   # any mutation of the cache before the step
      rows, i = torch.arange(B), ((s - 32) // 16).clamp(min=0)
      cmp[:B].index_put_((rows, i), torch.where(valid[:, None, None], new, cmp[rows, i]))

    Rule at fault: rewrite.prefix_row_reads (new): the reroute must be inserted after both the prefix and the read
    (e.g. before the write), or skipped where the prefix comes later.  inductor_graph and real Inductor order the
    slice first and fuse (equal).

Not found (equal or refused; the idea each tried):

* st_ (split_stacked_writes along dim 1 on a ``[S, G, N, D]`` cache, values from one ``[G, l, N]`` weight): the
  contract (``sum`` over the window with the stack from the weight), G = 3, bf16; the stack moved by permutes
  (``[G, B, N, D].permute(1, 0, 2, 3)``, ``[B, N, G, D].permute(0, 2, 1, 3)``), a ``sum(2, keepdim=True).view(..)``,
  a reshape that merges the stack with the heads and splits it back, ``index_copy_``, kept rows through fp32, a
  ``[B, 1, N, D]`` value broadcast into both halves, per-half conditions: fused & equal.  The wrong orders
  (``transpose(1, 2)`` with N == G == 2, ``[B, N, G, D]`` written as is, a row-major ``view`` of ``[B, N, G, D]`` as
  ``[B, G, N, D]``), heads summed into the stack, ``[1, 2, 1, 1]`` signs, a row-0 value broadcast over rows, rows
  permuted, ``[:, [1, 0]]``, kept rows ``flip(1)`` / ``transpose(1, 2)`` / re-stacked from ``cache[:, h][s]`` (also
  halves swapped), a ``[B, 1, N, 1]`` per-head condition, a where of a where, the K|V dim merged with the heads
  (``[S, 2N, D]`` view): refused (pooling / keep / mask / gather).  G changing at runtime (2 -> 3, 3 -> 2, duck-sized
  N == G == 2 then G = 3, then N = 4) under dynamic=True: fused & equal (the split's guard recompiles).
* st0_ (dim-0 stack through any permute, _Pusher._push -> _permuted): ``[B, G, N, D].permute(1, 0, 2, 3)``,
  ``[B, N, G, D].permute(2, 0, 1, 3)``, two permutes composing to the right order, ``[B, N, D, G].permute(3, 0, 1,
  2)``: fused & equal; compositions putting the heads where the stack is, a transpose + row-major reshape: refused
  (pooling).
* kc_ (check_kept_path's casts held to the cache dtype): ``float().half()`` (fp16, bf16), ``double().float()`` (fp32),
  flips, ``as_strided`` to its own geometry, ``cat`` + slice, ``expand`` + ``[0]``, the select in fp32: fused & equal;
  ``view(bf16)`` / ``view(int16)`` then a float cast (bit reinterpretation), bf16 rows through fp16, rows rolled, the
  cat's other columns, a select in fp64: refused.  No move on the kept path changes a value, so no value off the
  cache dtype reached a cast.
* uf_ (``x.unfold(1, l, d)[rows, i]`` over ``[B, T, N, D]``): dim -3, ``i - W`` (wrapped), int32 indices, windows
  every 8 picked at ``2 i``: fused & equal; rows flipped or from the slots, ``i`` on the stride-8 windows, ``i + 1``
  (by ``i - W + 1``), two unfold(16) halves, heads flipped: refused.
* pr_ (prefix_row_reads): ``cmp[:B]``, ``narrow(0, 0, B)``, ``cmp`` doubled before the read, the rows past the
  prefix written between the prefix view and the step: fused & equal; ``cmp[:]``, ``cmp[1:B + 1]``, ``cmp[0:2B:2]``,
  a second ``arange`` for the read, ``arange(B - 2)``, the read at ``i + 1``, the read before a mutation, negative
  rows (on the read, on both), ``cmp[:B + 1][:B]``, rows through int16: refused (keep / write).
* pd_ (exactness._periodic_comparison, under dynamic=True): ``pos // P == (s - 1) // P`` and ``>=`` at P = 64, mixed
  divisors, ``s % 3`` added and taken off, ``pos - pos % 64``, ``3 pos // 3P``, ``7 pos // 448``, ``s // 1600``
  offsets, another row's page, int32 lengths * 65536: refused under dynamic=True (static / batch: fused & equal); P =
  16 and ``minimum(last, pages - 1)``: fused & equal.  (pd_base at P = 64 is refused under dynamic=True with "eq
  compares two length-derived values that do not differ by a constant" while P = 16 and 32 fuse: a missed fusion,
  not unsound.)
* cv_ neighbours of F1 that held: a varying bound within one page of the compiled capacity (the rerun at one more
  page sees it: cv_min_pos at 300), a bound on the last element, a varying lower bound below every value (a real
  no-op: equal), a per-row bound on the lengths (gather), page ids capped below ``B * pages`` (the probes' ids reach
  it: refused), a per-column cap of the table (refused).

Read, not demonstrated:
* _Pusher._push_along's gather rule counts each index as one consumed dim (``ahead = rank - (len(src) -
  len(indices))``): a bool (or uint8) mask index consumes ``mask.dim()`` dims, which would map the stack to the wrong
  input dim; _unfolded_window likewise accepts uint8 ``rows`` / ``i`` (``not is_floating_point and != bool``), which
  aten.index reads as masks.  Masks have data-dependent shapes, so such nodes do not reach a fullgraph FX graph; not
  demonstrated.
* _Pusher._fixed substitutes the stack's symbol by its hint in _row_ratio without recording it in ``sizes_read``: it
  relies on settle_stacked_splits guarding ``split.size`` (the stack's own size), which it does; the G-at-runtime
  attacks recompiled as they should.
* redteam46's "Odd" item (a paged input misread with a smaller capacity): not pursued this round.
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
SD = ("static", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"


def _calls(**kw):
    return lambda: [list(build(B=12, **kw).args), list(build(B=16, seed=1, **kw).args)]


# --- 1. stacked [S, G, N, D] caches split along dim 1 (split_stacked_writes, _Pusher.pick) ------------------------
def _st_calls(G=2, N=2, G2=None, N2=None, w2=True, dtype=torch.float16):
    """The usual inputs with the cache stacked G times along dim 1 ([S, G, N, D]; half g = cache.flip(0) * (g + 1),
    half 0 the cache itself).  ``G2`` / ``N2``: the second call's G / N.  ``w2``: a weight [G, l, N] appended."""
    def f():
        out = []
        for (B, seed, g, n) in ((12, 0, G, N), (16, 1, G2 or G, N2 or N)):
            a = list(build(B=B, seed=seed, N=n, dtype=dtype).args)
            c = a[5]
            a[5] = torch.stack([c] + [c.flip(0) * (k + 1) for k in range(1, g)], 1).contiguous()
            if w2:
                w = a[1]
                ws = torch.stack([w] + [w.flip(0) * (0.5 if k % 2 else -1) for k in range(1, g)], 0).contiguous()
                a += [ws, ws[1].clone(), ws[-1].clone()]
            out.append(a)
        return out
    return f


def _st(kind):
    def step(kv, w, slots, table, lens, cache, w2, wv, wq):
        tok = tokens(kv, table, positions(lens))
        pk = pool(tok, w)
        # the K | V values from one [G, l, N] weight (a stack of two pools is refused: roles, the half's select of
        # the stack reads both weights): [B, G, N, D], [G, B, N, D], [B, N, G, D]
        new = (tok.float()[:, :, None] * w2.float().permute(1, 0, 2)[None, :, :, :, None]).sum(1)
        new0 = (tok.float()[None] * w2.float()[:, None, :, :, None]).sum(2)
        new2 = (tok.float()[:, :, :, None] * w2.float().permute(1, 2, 0)[None, :, :, :, None]).sum(1)
        s = slots.long()
        dt = cache.dtype
        v = completes(lens)
        v4 = v[:, None, None, None]
        extra = (w2,)
        if kind == "base":
            cache[s] = torch.where(v4, new.to(dt), cache[s])
        elif kind == "g3":
            cache[s] = torch.where(v4, new.to(dt), cache[s])
        elif kind == "perm_from_dim0":  # [2, B, N, D] moved to [B, 2, N, D]
            cache[s] = torch.where(v4, new0.permute(1, 0, 2, 3).to(dt), cache[s])
        elif kind == "heads_swapped":  # [B, 2, N, D].transpose(1, 2): with N == G == 2 the K|V and head dims swap
            cache[s] = torch.where(v4, new.transpose(1, 2).to(dt), cache[s])
        elif kind == "stack_dim2_permute":  # [B, N, 2, D] -> [B, 2, N, D] (the right order)
            cache[s] = torch.where(v4, new2.permute(0, 2, 1, 3).to(dt), cache[s])
        elif kind == "stack_dim2_no_permute":  # [B, N, 2, D] written as [B, 2, N, D] (N == 2): head/half swapped
            cache[s] = torch.where(v4, new2.to(dt), cache[s])
        elif kind == "cond_per_half":  # V half written on a stride-32 mask
            vv = (lens >= L) & ((lens - L) % 32 == 0)
            cond = torch.stack((v, vv), 1)[:, :, None, None]
            cache[s] = torch.where(cond, new.to(dt), cache[s])
        elif kind == "cond_per_half_swapped_values":  # masks per half, values built in the other order then flipped
            vv = (lens >= L) & ((lens - L) % 32 == 0)
            cond = torch.stack((v, vv), 1)[:, :, None, None]
            flipped = (tok.float()[:, :, None] * w2.flip(0).float().permute(1, 0, 2)[None, :, :, :, None]).sum(1)
            cache[s] = torch.where(cond, flipped.flip(1).to(dt), cache[s])
        elif kind == "cond_heads_broadcast":  # a [B, 1, N, 1] condition (per head): N == G == 2 duck sizes
            vh = torch.stack((v, v & (lens % 32 == 0)), 1)[:, None, :, None]
            cache[s] = torch.where(vh, new.to(dt), cache[s])
        elif kind == "unsqueeze_at_stack":  # the same pooled value into both halves ([B, 1, N, D] broadcast)
            cache[s] = torch.where(v4, pk.unsqueeze(1).to(dt), cache[s])
        elif kind == "unsqueeze_times_sign":  # [B, 1, N, D] * [1, 2, 1, 1] (+1, -1)
            sign = torch.tensor([1.0, -1.0])[None, :, None, None]
            cache[s] = torch.where(v4, (pk.unsqueeze(1) * sign).to(dt), cache[s])
        elif kind == "row_broadcast":  # a [2, N, D] value (row 0's K and V) broadcast over every written row
            cache[s] = torch.where(v4, new[0].to(dt), cache[s])
        elif kind == "rows_permuted":  # the values' rows gathered by a flip of the batch
            perm = torch.arange(s.shape[0] - 1, -1, -1)
            cache[s] = torch.where(v4, new[perm].to(dt), cache[s])
        elif kind == "gather_not_leading":  # [:, idx] (idx = [1, 0]: the halves swapped)
            cache[s] = torch.where(v4, new[:, torch.tensor([1, 0])].to(dt), cache[s])
        elif kind == "reshape_merge":  # [B, 2, N, D] -> [B, 2N, D] -> [B, 2, N, D]
            B, N, D = pk.shape
            cache[s] = torch.where(v4, new.reshape(B, 2 * N, D).reshape(B, 2, N, D).to(dt),
                                   cache[s])
        elif kind == "reshape_heads_major":  # [B, N, 2, D] viewed (not permuted) as [B, 2, N, D]: N == 2
            B, N, D = pk.shape
            cache[s] = torch.where(v4, new2.reshape(B, 2 * N * D).view(B, 2, N, D).to(dt),
                                   cache[s])
        elif kind == "kept_flipped":  # kept rows with K and V swapped
            cache[s] = torch.where(v4, new.to(dt), cache[s].flip(1))
        elif kind == "kept_transposed":  # kept rows [B, G, N, D].transpose(1, 2): N == G == 2
            cache[s] = torch.where(v4, new.to(dt), cache[s].transpose(1, 2))
        elif kind == "kept_float_half":  # kept rows through fp32 and back, the where in fp32
            cache[s] = torch.where(v4, new, cache[s].float()).to(dt)
        elif kind == "kept_other_rows_of_half":  # kept half h from cache[:, h] read at slots, the where over halves
            kept = torch.stack((cache[:, 0][s], cache[:, 1][s]), 1)
            cache[s] = torch.where(v4, new.to(dt), kept)
        elif kind == "kept_halves_swapped_by_select":
            kept = torch.stack((cache[:, 1][s], cache[:, 0][s]), 1)
            cache[s] = torch.where(v4, new.to(dt), kept)
        elif kind in ("sum_generic", "sum_keepdim", "sum_generic_dim2"):  # weight [l, G, N] input, any G
            (w2,) = extra
            if kind == "sum_generic":  # (w2 [G, l, N])
                new = (tok.float()[:, :, None] * w2.float().permute(1, 0, 2)[None, :, :, :, None]).sum(1)
            elif kind == "sum_keepdim":
                B, _, N, D = tok.shape
                new = (tok.float()[:, None] * w2.float()[None, :, :, :, None]).sum(2, keepdim=True)
                new = new.view(B, w2.shape[0], N, D)
            else:
                new = (tok.float()[:, None] * w2.float()[None, :, :, :, None]).sum(2)
            cache[s] = torch.where(v4, new.to(dt), cache[s])
        elif kind == "sum_over_heads_into_stack":  # sum over a dim after the stack
            (w2,) = extra
            new = (tok.float()[:, :, None] * w2.float().permute(1, 0, 2)[None, :, :, :, None]).sum(1)  # [B, G, N, D]
            new = new.sum(2, keepdim=True)  # [B, G, 1, D]: heads summed, broadcast back over N
            cache[s] = torch.where(v4, new.to(dt), cache[s])
        elif kind == "index_copy":
            cache.index_copy_(0, s, torch.where(v4, new.to(dt), cache[s]))
        elif kind == "kv_interleaved_heads":  # the K|V stack merged with the heads ([S, 2N, D] cache view)
            S, G, N, D = cache.shape
            c = cache.view(S, G * N, D)
            c[s] = torch.where(v[:, None, None], new.reshape(new.shape[0], G * N, D).to(dt), c[s])
        elif kind == "where_of_where":  # the V half re-selected against the kept rows on its own mask
            vv = (lens >= L) & ((lens - L) % 32 == 0)
            old = cache[s]
            inner = torch.where(v4, new.to(dt), old)
            cache[s] = torch.where(torch.stack((v | True, vv | v), 1)[:, :, None, None], inner, old)
        else:
            raise AssertionError(kind)
        return cache
    return step


ST = [(f"st_{k}", _mk(_st(k), _st_calls(), MODES3), "stacked [S, 2, N=2, D] cache, split on dim 1: " + k)
      for k in ("base", "g3", "perm_from_dim0", "heads_swapped", "stack_dim2_permute", "stack_dim2_no_permute",
                "cond_per_half", "cond_per_half_swapped_values", "cond_heads_broadcast", "unsqueeze_at_stack",
                "unsqueeze_times_sign", "row_broadcast", "rows_permuted", "gather_not_leading", "reshape_merge",
                "reshape_heads_major", "kept_flipped", "kept_transposed", "kept_float_half",
                "kept_other_rows_of_half", "kept_halves_swapped_by_select", "index_copy", "kv_interleaved_heads",
                "where_of_where") if k != "g3"]
ST += [("st_g3", _mk(_st("g3"), _st_calls(G=3), MODES3), "stacked [S, 3, N, D] cache")]
ST += [(f"st_{k}", _mk(_st(k), _st_calls(w2=True), MODES3), "stacked cache, pooled by a [G, l, N] weight: " + k)
       for k in ("sum_generic", "sum_keepdim", "sum_generic_dim2", "sum_over_heads_into_stack")]
ST += [("st_g_runtime_2_then_3", _mk(_st("sum_generic"), _st_calls(G=2, G2=3, N=4, w2=True), MODES3),
        "G = 2 at the first call, 3 at the second (N = 4)"),
       ("st_g_runtime_duck_2_then_3", _mk(_st("sum_generic"), _st_calls(G=2, G2=3, N=2, w2=True), MODES3),
        "G = N = 2 at the first call (duck-sized under dynamic=True), G = 3 at the second"),
       ("st_n_runtime_duck_2_then_4", _mk(_st("sum_generic"), _st_calls(G=2, N=2, N2=4, w2=True), MODES3),
        "G = N = 2 at the first call, N = 4 at the second"),
       ("st_g_runtime_3_then_2_dim2", _mk(_st("sum_generic_dim2"), _st_calls(G=3, G2=2, N=4, w2=True), MODES3),
        "G = 3 then 2, the weight's stack dim pushed through a permute and the sum"),
       ("st_bf16_base", _mk(_st("base"), _st_calls(dtype=torch.bfloat16), MODES3), "bf16 stacked cache"),
       ("st_n4_heads_broadcast", _mk(_st("unsqueeze_times_sign"), _st_calls(N=4), MODES3),
        "N = 4: [B, 1, N, D] * [1, 2, 1, 1]")]


# --- 1b. the dim-0 stack through any permute (_Pusher._push -> _permuted) ------------------------------------------
def _st0_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            a[5] = torch.stack((a[5], a[5].flip(0) * 0.5), 0).contiguous()
            out.append(a + [torch.stack((a[1], a[1].flip(0) * 0.5), 0).contiguous()])
        return out
    return f


def _st0(kind):
    def step(kv, w, slots, table, lens, cache, w2):
        tok = tokens(kv, table, positions(lens))
        s = slots.long()
        dt = cache.dtype
        v = completes(lens)[None, :, None, None]
        new = (tok.float()[:, :, None] * w2.float().permute(1, 0, 2)[None, :, :, :, None]).sum(1)  # [B, G, N, D]
        new0 = (tok.float()[None] * w2.float()[:, None, :, :, None]).sum(2)  # [G, B, N, D]
        new2 = (tok.float()[:, :, :, None] * w2.float().permute(1, 2, 0)[None, :, :, :, None]).sum(1)  # [B, N, G, D]
        new3 = (tok.float()[..., None] * w2.float().permute(1, 2, 0)[None, :, :, None, :]).sum(1)  # [B, N, D, G]
        if kind == "base":
            x = new0
        elif kind == "from_dim1":  # [B, 2, N, D].permute(1, 0, 2, 3)
            x = new.permute(1, 0, 2, 3)
        elif kind == "from_dim2":  # [B, N, 2, D].permute(2, 0, 1, 3)
            x = new2.permute(2, 0, 1, 3)
        elif kind == "heads_first":  # [B, N, 2, D].permute(1, 0, 2, 3): heads where the stack should be (N == 2)
            x = new2.permute(1, 0, 2, 3)
        elif kind == "double_permute":  # two permutes composing to the right order
            x = new3.permute(0, 3, 1, 2).permute(1, 0, 2, 3)
        elif kind == "double_permute_wrong":  # two permutes composing to a head/stack swap ([N, B, G, D])
            x = new3.permute(0, 1, 3, 2).permute(1, 0, 2, 3)
        elif kind == "last_dim_stack":  # [B, N, D, G] moved to the front by one permute
            x = new3.permute(3, 0, 1, 2)
        elif kind == "last_dim_stack_wrong":  # [B, N, D, G] -> [D?]: with D == 16 no; G first, D and N swapped
            x = new3.permute(3, 0, 1, 2).transpose(2, 3).reshape(new3.shape[3], new3.shape[0], new3.shape[1],
                                                                   new3.shape[2])
        else:
            raise AssertionError(kind)
        cache[:, s] = torch.where(v, x.to(dt), cache[:, s])
        return cache
    return step


ST0 = [(f"st0_{k}", _mk(_st0(k), _st0_calls(), MODES3), "stacked [2, S, N, D] cache, values permuted: " + k)
       for k in ("base", "from_dim1", "from_dim2", "heads_first", "double_permute", "double_permute_wrong",
                 "last_dim_stack", "last_dim_stack_wrong")]


# --- 2. kept path casts held to the cache dtype only (check_kept_path) --------------------------------------------
def _kc(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        valid = completes(lens)[:, None, None]
        old = cache[s]
        D = cache.shape[-1]
        if kind == "float_half":
            kept = old.float().to(cache.dtype)
        elif kind == "view_bf16_float_back":  # fp16 bits read as bf16, widened, rounded to fp16: not the rows
            kept = old.view(torch.bfloat16).float().to(cache.dtype)
        elif kind == "view_int16_float_back":  # the bit pattern as an integer, then a float
            kept = old.view(torch.int16).float().to(cache.dtype)
        elif kind == "float_flip_flip_half":
            kept = old.float().flip(-1).flip(-1).to(cache.dtype)
        elif kind == "float_roll_half":  # rows rolled over the batch
            kept = old.float().roll(1, 0).to(cache.dtype)
        elif kind == "cat_slice":
            kept = torch.cat((old.float(), old.float()), -1)[..., :D].to(cache.dtype)
        elif kind == "cat_slice_other_half":  # the second copy's columns shifted by one
            kept = torch.cat((old.float(), old.float()), -1)[..., 1:D + 1].to(cache.dtype)
        elif kind == "double_float_half":
            kept = old.double().float().to(cache.dtype)
        elif kind == "float_half_via_bf16_cache":  # bf16 rows through fp16
            kept = old.to(torch.float16).to(cache.dtype)
        elif kind == "as_strided_float_half":
            f = old.float()
            kept = f.as_strided(f.shape, f.stride()).to(cache.dtype)
        elif kind == "expand_slice_float_half":  # a row broadcast then the first copy taken
            kept = old.float()[None].expand(2, *old.shape)[0].to(cache.dtype)
        elif kind == "float_where_in_fp32":  # the select in fp32, its result cast once
            cache[s] = torch.where(valid, new, old.float()).to(cache.dtype)
            return cache
        elif kind == "double_select":  # the select in fp64
            cache[s] = torch.where(valid, new.double(), old.double()).to(cache.dtype)
            return cache
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new.to(cache.dtype), kept)
        return cache
    return step


KC = [(f"kc_{k}", _mk(_kc(k), _calls(), MODES3), "kept rows cast: " + k)
      for k in ("float_half", "view_bf16_float_back", "view_int16_float_back", "float_flip_flip_half",
                "float_roll_half", "cat_slice", "cat_slice_other_half", "double_float_half", "as_strided_float_half",
                "expand_slice_float_half", "float_where_in_fp32", "double_select")]
KC += [("kc_float_half_via_bf16_cache", _mk(_kc("float_half_via_bf16_cache"), _calls(dtype=torch.bfloat16), MODES3),
        "bf16 cache, kept rows through fp16 (range lost)"),
       ("kc_float_half_bf16", _mk(_kc("float_half"), _calls(dtype=torch.bfloat16), MODES3),
        "bf16 cache, kept rows through fp32"),
       ("kc_float_half_fp32", _mk(_kc("double_float_half"), _calls(dtype=torch.float32), MODES3),
        "fp32 cache, kept rows through fp64")]


# --- 3. windows read by x.unfold(1, l, d)[rows, i] over a per-request [B, T, N, D] KV (_unfolded_window) -----------
def _dense_calls(extra=()):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            kv, table = a[0], a[3].long()
            a[0] = kv[table].flatten(1, 2).contiguous()  # [B, pages * P, N, D]: row b's tokens
            out.append(a + [e(a) for e in extra])
        return out
    return f


def _uf(kind):
    def step(dense, w, slots, table, lens, cache, *extra):
        s = lens.long()
        B = s.shape[0]
        i = ((s - L) // STRIDE).clamp(min=0)
        rows = torch.arange(B)
        T = dense.shape[1]
        W = (T - L) // STRIDE + 1
        if kind == "base":
            win = dense.unfold(1, L, STRIDE)[rows, i]
        elif kind == "neg_dim":
            win = dense.unfold(-3, L, STRIDE)[rows, i]
        elif kind == "i_negative":  # Python wrap by the window count
            win = dense.unfold(1, L, STRIDE)[rows, i - W]
        elif kind == "i_int32":
            win = dense.unfold(1, L, STRIDE)[rows.int(), i.int()]
        elif kind == "rows_flipped":  # another row's windows
            win = dense.unfold(1, L, STRIDE)[rows.flip(0), i]
        elif kind == "rows_from_slots_mod":  # rows from an input (slots % B)
            win = dense.unfold(1, L, STRIDE)[slots.long() % B, i]
        elif kind == "step8_i_times_2":  # windows every 8 tokens, every other one picked
            win = dense.unfold(1, L, 8)[rows, i * 2]
        elif kind == "step8_i":  # windows every 8: window i starts at 8 i, not 16 i
            win = dense.unfold(1, L, 8)[rows, i]
        elif kind == "i_plus_W_minus_1_neg":  # i - W + 1 wraps to i + 1 (one stride late)
            win = dense.unfold(1, L, STRIDE)[rows, i - W + 1]
        elif kind == "size16_twice":  # two half windows of 16 (unfold(1, 16, 16)[rows, i], [rows, i + 1])
            u = dense.unfold(1, 16, 16)
            win = torch.cat((u[rows, i], u[rows, i + 1]), -1)
        elif kind == "heads_window_swap":  # the window read then heads reversed
            win = dense.unfold(1, L, STRIDE)[rows, i].flip(1)
        else:
            raise AssertionError(kind)
        new = (win.float() * w.float().t()[None, :, None, :]).sum(-1)  # [B, N, D]
        return write(cache, slots, completes(lens), new)
    return step


UF = [(f"uf_{k}", _mk(_uf(k), _dense_calls(), SD), "x.unfold(1, l, d)[rows, i] over [B, T, N, D]: " + k)
      for k in ("base", "neg_dim", "i_negative", "i_int32", "rows_flipped", "rows_from_slots_mod", "step8_i_times_2",
                "step8_i", "i_plus_W_minus_1_neg", "size16_twice", "heads_window_swap")]


# --- 4. DeepSeek's batch prefix (rewrite.prefix_row_reads) --------------------------------------------------------
def _pr_calls(extra_rows=3):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            kv, table = a[0], a[3].long()
            dense = kv[table].flatten(1, 2).contiguous()
            T = dense.shape[1]
            M = (T - L) // STRIDE + 1
            N, D = dense.shape[2:]
            g = torch.Generator().manual_seed(5 + seed)
            cmp = (torch.randint(-32, 33, (B + extra_rows, M, N, D), generator=g) / 16.0).to(dense.dtype)
            cmp[B:] = float("nan")
            cmp[0, 0, 0, 0] = float("inf")
            out.append([dense, a[1], a[4].clone(), a[4].clone(), a[4].clone(), cmp])
        return out
    return f


def _pr(kind):
    def step(dense, w, lens, lens_b, lens_c, cmp):
        s = lens.long()
        B = s.shape[0]
        rows = torch.arange(B)
        i = ((s - L) // STRIDE).clamp(min=0)
        pos = (s[:, None] - L + torch.arange(L)).clamp(min=0)
        new = (dense[rows[:, None], pos].float() * w.float()[None, :, :, None]).sum(1).to(cmp.dtype)
        valid = completes(lens)[:, None, None]
        if kind == "base":
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "whole_slice":  # cmp[:] (end None)
            cmp[:].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "from_one":  # written rows 1..B, kept rows read from 0..B-1
            cmp[1:B + 1].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "step2":
            cmp[0:2 * B:2].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "rows_other_node":  # the read's rows a second arange
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[torch.arange(B), i]))
        elif kind == "rows_shorter":  # rows = arange(B - 2) on a prefix of B: only the first B - 2 rows
            r = torch.arange(B - 2)
            cmp[:B].index_put_((r, i[:B - 2]), torch.where(valid[:B - 2], new[:B - 2], cmp[r, i[:B - 2]]))
        elif kind == "i_shifted_read":  # kept rows read at i + 1
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, (i + 1) % cmp.shape[1]]))
        elif kind == "read_before_mutation":  # kept rows read, the cache doubled, then the write through the prefix
            old = cmp[rows, i]
            cmp.mul_(2)
            cmp[:B].index_put_((rows, i), torch.where(valid, new, old))
        elif kind == "mutation_before_read":
            cmp.mul_(2)
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "prefix_mutated_between":  # the prefix view taken, the whole written elsewhere, then the step
            p = cmp[:B]
            cmp[B:] = 0.0
            p.index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "neg_rows_read":  # read rows arange(B) - cmp.shape[0] (the same rows of the whole)
            r2 = rows - cmp.shape[0]
            cmp[:B].index_put_((rows, i), torch.where(valid, new, cmp[r2, i]))
        elif kind == "neg_rows_both":  # rows arange(B) - B on both: the prefix's rows, the whole's last rows
            r2 = rows - B
            cmp[:B].index_put_((r2, i), torch.where(valid, new, cmp[r2, i]))
        elif kind == "narrow":
            cmp.narrow(0, 0, B).index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "prefix_of_prefix":
            cmp[:B + 1][:B].index_put_((rows, i), torch.where(valid, new, cmp[rows, i]))
        elif kind == "rows_int16_cast_back":  # an int16 round trip of the iota
            r = rows.to(torch.int16).long()
            cmp[:B].index_put_((r, i), torch.where(valid, new, cmp[r, i]))
        else:
            raise AssertionError(kind)
        return cmp
    return step


PR = [(f"pr_{k}", _mk(_pr(k), _pr_calls(), SD), "cmp[:B].index_put_((rows, i), where(.., cmp[rows, i])): " + k)
      for k in ("base", "whole_slice", "from_one", "rows_other_node", "rows_shorter", "i_shifted_read",
                "read_before_mutation", "mutation_before_read", "prefix_mutated_between", "neg_rows_read",
                "neg_rows_both", "narrow", "prefix_of_prefix", "rows_int16_cast_back")]
PR += [("pr_step2_roomy", _mk(_pr("step2"), _pr_calls(extra_rows=20), SD), "cmp[0:2B:2] with room")]


# --- 5. periodic comparisons under a symbolic capacity (exactness._periodic_comparison) -----------------------------
def _pd(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        s = lens.long()
        pos = positions(lens)
        last = (s - 1).clamp(min=0) // P  # (models20's vllm_cur_prev_page_where_2l)
        if kind == "clamp_after_div":
            last = ((s - 1) // P).clamp(min=0)
        t = table.long()
        cur = t.gather(1, last[:, None])
        prev = t.gather(1, (last - 1).clamp(min=0)[:, None])
        if kind in ("base", "clamp_after_div"):
            page = torch.where(pos // P == last[:, None], cur, prev)
        elif kind == "ge":  # pos // P >= last
            page = torch.where(pos // P >= last[:, None], cur, prev)
        elif kind == "mixed_divisors":  # (pos // 32) // 2 against (s - 1) // 64
            page = torch.where((pos // 32) // 2 == last[:, None], cur, prev)
        elif kind == "remainder_side":  # pos // P == (s - 1 - (s % 3) + (s % 3)) // P
            page = torch.where(pos // P == ((s - 1 - s % 3 + s % 3) // P)[:, None], cur, prev)
        elif kind == "pos_clamped_high":  # pos.clamp(max=4095): a no-op only up to 4096
            page = torch.where(pos.clamp(max=4095) // P == last[:, None], cur, prev)
        elif kind == "last_clamped_high":  # last.clamp(max=60)
            page = torch.where(pos // P == last.clamp(max=60)[:, None], cur, prev)
        elif kind == "last_min_pages":  # last = minimum(last, pages - 1) (a no-op on valid rows)
            lm = torch.minimum(last, torch.tensor(t.shape[1] - 1))
            cur2 = t.gather(1, lm[:, None])
            page = torch.where(pos // P == lm[:, None], cur2, prev)
        elif kind == "mask_side":  # (s - 1) & ~63 over 64 (the page start) against pos - pos % 64
            page = torch.where(pos - pos % 64 == ((s - 1) - (s - 1) % 64)[:, None], cur, prev)
        elif kind == "times3":  # 3 pos // 3P against 3 (s - 1) // 3P (the same pages)
            page = torch.where((3 * pos) // (3 * P) == ((3 * s - 3) // (3 * P))[:, None], cur, prev)
        elif kind == "period_long":  # (7 pos) // 448 == (7 s - 7) // 448: the same as // 64
            page = torch.where((7 * pos) // 448 == ((7 * s - 7) // 448)[:, None], cur, prev)
        elif kind == "offset_by_period_of_100":  # pos // P == (s - 1 + (s // 1600) * 64) // P - s // 1600
            page = torch.where(pos // P == ((s - 1 + (s // 1600) * 64) // P - s // 1600)[:, None], cur, prev)
        elif kind == "cross_row":  # another row's last page (not row-aligned)
            page = torch.where(pos // P == last.flip(0)[:, None], cur, prev)
        elif kind == "int32_lengths_wrap":  # the comparison in int32 with a large multiplier
            li = lens.int()
            p32 = positions(lens).int()
            page = torch.where((p32 * 65536) // (65536 * P) == (((li - 1) * 65536) // (65536 * P))[:, None], cur, prev)
        else:
            raise AssertionError(kind)
        tok = kv[page, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


PD = [(f"pd_{k}", _mk(_pd(k), _calls(), MODES3), "vLLM current-or-previous page: " + k)
      for k in ("base", "clamp_after_div", "ge", "mixed_divisors", "remainder_side", "pos_clamped_high",
                "last_clamped_high",
                "last_min_pages", "mask_side", "times3", "period_long", "offset_by_period_of_100", "cross_row",
                "int32_lengths_wrap")]
PD += [("pd_base_P16", _mk(_pd("base"), _calls(P=16, pages=16), MODES3), "P = 16: a window over 2-3 pages"),
       ("pd_base_P32_cap", _mk(_pd("base"), _calls(P=32, pages=2), MODES3), "P = 32 = l, 2 pages")]


# --- 6. clamps with an element-varying bound (Intervals' interval equality read as "a no-op") ----------------------
_BIG_LENS = [512, 496, 480, 352, 336, 32, 48, 0, 31, 64, 400, 448, 100, 200, 256, 272]


def _grow_calls(P=64):
    """Call 1 at capacity 256 (4 pages of 64), call 2 at 512 (8 pages) with qualifying lengths 336 .. 512."""
    return lambda: [list(build(B=12, P=P, pages=256 // P).args),
                    list(build(P=P, pages=512 // P, seed=1, lengths=_BIG_LENS).args)]


def _cv(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        s = lens.long()
        pos = positions(lens)
        j = torch.arange(L)
        if kind == "min_pos":  # minimum(pos, [2^62, 300, 300, ...]): interval (0, hi) = pos's, so "a no-op"
            cap = torch.where(j == 0, 1 << 62, 300)
            pos = torch.minimum(pos, cap)
            tok = tokens(kv, table, pos)
        elif kind == "min_pos_330":  # the bound past the 5-page rerun (320 positions)
            cap = torch.where(j == 0, 1 << 62, 330)
            pos = torch.minimum(pos, cap)
            tok = tokens(kv, table, pos)
        elif kind == "page_ids_min":  # page ids minimum(ids, [2^62, 5, 5, ...]): ids > 5 become 5 but position 0's
            cap = torch.where(j == 0, 1 << 62, 5)
            ids = torch.minimum(table.long().gather(1, pos // P), cap)
            tok = kv[ids, pos % P]
        elif kind == "page_ids_min_60":  # past the compiled block count (51) and its +1 rerun, below call 2's (131)
            cap = torch.where(j == 0, 1 << 62, 60)
            ids = torch.minimum(table.long().gather(1, pos // P), cap)
            tok = kv[ids, pos % P]
        elif kind in ("page_ids_min_20", "page_ids_min_40", "page_ids_min_49"):  # static: ids above the bound exist
            cap = torch.where(j == 0, 1 << 62, int(kind.rsplit("_", 1)[1]))
            ids = torch.minimum(table.long().gather(1, pos // P), cap)
            tok = kv[ids, pos % P]
        elif kind == "page_ids_min_table":  # the table itself capped per column ([2^62, 5, 5, 5])
            cap = torch.where(torch.arange(table.shape[1]) == 0, 1 << 62, 5)
            tok = kv[torch.minimum(table.long(), cap).gather(1, pos // P), pos % P]
        elif kind == "min_pos_last_elem":  # the large bound on the last element instead
            cap = torch.where(j == L - 1, 1 << 62, 300)
            pos = torch.minimum(pos, cap)
            tok = tokens(kv, table, pos)
        elif kind == "min_page":  # the page index minimum(pos // P, [2^62, 4, 4, ...])
            cap = torch.where(j == 0, 1 << 62, 4)
            page = torch.minimum(pos // P, cap)
            tok = kv[table.long().gather(1, page), pos % P]
        elif kind == "min_in_periodic_compare":  # through _periodic_comparison's dropped clamp
            last = (s - 1).clamp(min=0) // P
            t = table.long()
            cur = t.gather(1, last[:, None])
            prev = t.gather(1, (last - 1).clamp(min=0)[:, None])
            cap = torch.where(j == 0, 1 << 62, 330)
            page = torch.where(torch.minimum(pos, cap) // P == last[:, None], cur, prev)
            tok = kv[page, pos % P]
        elif kind == "max_pos_neg":  # maximum with a varying lower bound [-2^62, 300 - 2^40, ...]: below every value
            low = torch.where(j == 0, -(1 << 62), -5)
            pos = torch.maximum(pos, low)
            tok = tokens(kv, table, pos)
        elif kind == "min_lens":  # the length itself capped per row by a varying [B] bound
            cap = torch.where(torch.arange(s.shape[0]) == 0, 1 << 62, 300)
            s2 = torch.minimum(s, cap)
            pos = (s2[:, None] - L + j).clamp(min=0)
            tok = tokens(kv, table, pos)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


CV = [("cv_min_in_periodic_compare_P16", _mk(_cv("min_in_periodic_compare"), _grow_calls(P=16), MODES3),
       "P = 16 (the current-or-previous page fuses under dynamic=True there), the compared position capped at 330"),
      ("cv_min_in_periodic_compare_P32", _mk(_cv("min_in_periodic_compare"), _grow_calls(P=32), MODES3),
       "P = 32, 8 pages (no size duck-sized with another), the compared position capped at 330")]
CV += [(f"cv_{k}", _mk(_cv(k), _grow_calls(), MODES3), "a clamp with an element-varying bound, capacity grown: " + k)
       for k in ("min_pos", "min_pos_330", "page_ids_min", "page_ids_min_60", "page_ids_min_table", "min_pos_last_elem",
                 "min_page", "min_in_periodic_compare", "max_pos_neg", "min_lens")]


CV += [(f"cv_{k}", _mk(_cv(k), _calls(), MODES3), "page ids capped by an element-varying bound, static capacity: "
        + k) for k in ("page_ids_min_20", "page_ids_min_40", "page_ids_min_49")]
def _top_block_calls():
    """B = 12 (51 blocks, 4 pages of 64) twice; the last page of every qualifying row's window moved to block 50 (the
    top block; table entries and block contents swapped so that every row reads the same tokens)."""
    def f():
        out = []
        for seed in (0, 1):
            a = list(build(B=12, seed=seed).args)
            kv, table, lens = a[0].clone(), a[3].clone(), a[4].long()
            top = kv.shape[0] - 1
            for b in range(lens.shape[0]):
                sb = int(lens[b])
                if sb >= L and (sb - L) % STRIDE == 0:
                    p = (sb - 1) // kv.shape[1]
                    old = int(table[b, p])
                    if old == top:
                        break
                    hit = (table == top).nonzero()
                    if len(hit):
                        table[hit[0, 0], hit[0, 1]] = old
                    table[b, p] = top
                    kv[[old, top]] = kv[[top, old]]
                    break
            a[0], a[3] = kv, table
            out.append(a)
        return out
    return f


CV += [("cv_page_ids_min_49_top_block", _mk(_cv("page_ids_min_49"), _top_block_calls(), MODES3),
        "static capacity: ids capped at 49 by a varying bound, a qualifying window on block 50 (of 51)")]
CV += [("cv_page_ids_min_49_high", _mk(_cv("page_ids_min_49"), lambda: [list(build(B=12, seed=k, high_ids=True).args)
                                                                       for k in (0, 1)], MODES3),
        "B = 12 (51 blocks) twice, page ids from the top of the range: block 50 read as block 49")]

ATTACKS = ST + ST0 + KC + UF + PR + PD + CV

_FIRST = [
    ('st_base', 'inductor_graph', 'static', _EQ),
    ('st_base', 'inductor_graph', 'batch', _EQ),
    ('st_base', 'inductor_graph', 'dynamic', _EQ),
    ('st_perm_from_dim0', 'inductor_graph', 'static', _EQ),
    ('st_perm_from_dim0', 'inductor_graph', 'batch', _EQ),
    ('st_perm_from_dim0', 'inductor_graph', 'dynamic', _EQ),
    ('st_heads_swapped', 'inductor_graph', 'static', _R),
    ('st_heads_swapped', 'inductor_graph', 'batch', _R),
    ('st_heads_swapped', 'inductor_graph', 'dynamic', _R),
    ('st_stack_dim2_permute', 'inductor_graph', 'static', _EQ),
    ('st_stack_dim2_permute', 'inductor_graph', 'batch', _EQ),
    ('st_stack_dim2_permute', 'inductor_graph', 'dynamic', _EQ),
    ('st_stack_dim2_no_permute', 'inductor_graph', 'static', _R),
    ('st_stack_dim2_no_permute', 'inductor_graph', 'batch', _R),
    ('st_stack_dim2_no_permute', 'inductor_graph', 'dynamic', _R),
    ('st_cond_per_half', 'inductor_graph', 'static', _EQ),
    ('st_cond_per_half', 'inductor_graph', 'batch', _EQ),
    ('st_cond_per_half', 'inductor_graph', 'dynamic', _R),
    ('st_cond_per_half_swapped_values', 'inductor_graph', 'static', _R),
    ('st_cond_per_half_swapped_values', 'inductor_graph', 'batch', _R),
    ('st_cond_per_half_swapped_values', 'inductor_graph', 'dynamic', _R),
    ('st_cond_heads_broadcast', 'inductor_graph', 'static', _R),
    ('st_cond_heads_broadcast', 'inductor_graph', 'batch', _R),
    ('st_cond_heads_broadcast', 'inductor_graph', 'dynamic', _R),
    ('st_unsqueeze_at_stack', 'inductor_graph', 'static', _EQ),
    ('st_unsqueeze_at_stack', 'inductor_graph', 'batch', _EQ),
    ('st_unsqueeze_at_stack', 'inductor_graph', 'dynamic', _EQ),
    ('st_unsqueeze_times_sign', 'inductor_graph', 'static', _R),
    ('st_unsqueeze_times_sign', 'inductor_graph', 'batch', _R),
    ('st_unsqueeze_times_sign', 'inductor_graph', 'dynamic', _R),
    ('st_row_broadcast', 'inductor_graph', 'static', _R),
    ('st_row_broadcast', 'inductor_graph', 'batch', _R),
    ('st_row_broadcast', 'inductor_graph', 'dynamic', _R),
    ('st_rows_permuted', 'inductor_graph', 'static', _R),
    ('st_rows_permuted', 'inductor_graph', 'batch', _R),
    ('st_rows_permuted', 'inductor_graph', 'dynamic', _R),
    ('st_gather_not_leading', 'inductor_graph', 'static', _R),
    ('st_gather_not_leading', 'inductor_graph', 'batch', _R),
    ('st_gather_not_leading', 'inductor_graph', 'dynamic', _R),
    ('st_reshape_merge', 'inductor_graph', 'static', _EQ),
    ('st_reshape_merge', 'inductor_graph', 'batch', _EQ),
    ('st_reshape_merge', 'inductor_graph', 'dynamic', _EQ),
    ('st_reshape_heads_major', 'inductor_graph', 'static', _R),
    ('st_reshape_heads_major', 'inductor_graph', 'batch', _R),
    ('st_reshape_heads_major', 'inductor_graph', 'dynamic', _R),
    ('st_kept_flipped', 'inductor_graph', 'static', _R),
    ('st_kept_flipped', 'inductor_graph', 'batch', _R),
    ('st_kept_flipped', 'inductor_graph', 'dynamic', _R),
    ('st_kept_transposed', 'inductor_graph', 'static', _R),
    ('st_kept_transposed', 'inductor_graph', 'batch', _R),
    ('st_kept_transposed', 'inductor_graph', 'dynamic', _R),
    ('st_kept_float_half', 'inductor_graph', 'static', _EQ),
    ('st_kept_float_half', 'inductor_graph', 'batch', _EQ),
    ('st_kept_float_half', 'inductor_graph', 'dynamic', _EQ),
    ('st_kept_other_rows_of_half', 'inductor_graph', 'static', _R),
    ('st_kept_other_rows_of_half', 'inductor_graph', 'batch', _R),
    ('st_kept_other_rows_of_half', 'inductor_graph', 'dynamic', _R),
    ('st_kept_halves_swapped_by_select', 'inductor_graph', 'static', _R),
    ('st_kept_halves_swapped_by_select', 'inductor_graph', 'batch', _R),
    ('st_kept_halves_swapped_by_select', 'inductor_graph', 'dynamic', _R),
    ('st_index_copy', 'inductor_graph', 'static', _EQ),
    ('st_index_copy', 'inductor_graph', 'batch', _EQ),
    ('st_index_copy', 'inductor_graph', 'dynamic', _EQ),
    ('st_kv_interleaved_heads', 'inductor_graph', 'static', _R),
    ('st_kv_interleaved_heads', 'inductor_graph', 'batch', _R),
    ('st_kv_interleaved_heads', 'inductor_graph', 'dynamic', _R),
    ('st_where_of_where', 'inductor_graph', 'static', _R),
    ('st_where_of_where', 'inductor_graph', 'batch', _R),
    ('st_where_of_where', 'inductor_graph', 'dynamic', _R),
    ('st_g3', 'inductor_graph', 'static', _EQ),
    ('st_g3', 'inductor_graph', 'batch', _EQ),
    ('st_g3', 'inductor_graph', 'dynamic', _R),
    ('st_sum_generic', 'inductor_graph', 'static', _EQ),
    ('st_sum_generic', 'inductor_graph', 'batch', _EQ),
    ('st_sum_generic', 'inductor_graph', 'dynamic', _EQ),
    ('st_sum_keepdim', 'inductor_graph', 'static', _EQ),
    ('st_sum_keepdim', 'inductor_graph', 'batch', _EQ),
    ('st_sum_keepdim', 'inductor_graph', 'dynamic', _EQ),
    ('st_sum_generic_dim2', 'inductor_graph', 'static', _EQ),
    ('st_sum_generic_dim2', 'inductor_graph', 'batch', _EQ),
    ('st_sum_generic_dim2', 'inductor_graph', 'dynamic', _EQ),
    ('st_sum_over_heads_into_stack', 'inductor_graph', 'static', _R),
    ('st_sum_over_heads_into_stack', 'inductor_graph', 'batch', _R),
    ('st_sum_over_heads_into_stack', 'inductor_graph', 'dynamic', _R),
    ('st_g_runtime_2_then_3', 'inductor_graph', 'static', _EQ),
    ('st_g_runtime_2_then_3', 'inductor_graph', 'batch', _EQ),
    ('st_g_runtime_2_then_3', 'inductor_graph', 'dynamic', _EQ),
    ('st_g_runtime_duck_2_then_3', 'inductor_graph', 'static', _EQ),
    ('st_g_runtime_duck_2_then_3', 'inductor_graph', 'batch', _EQ),
    ('st_g_runtime_duck_2_then_3', 'inductor_graph', 'dynamic', _EQ),
    ('st_n_runtime_duck_2_then_4', 'inductor_graph', 'static', _EQ),
    ('st_n_runtime_duck_2_then_4', 'inductor_graph', 'batch', _EQ),
    ('st_n_runtime_duck_2_then_4', 'inductor_graph', 'dynamic', _EQ),
    ('st_g_runtime_3_then_2_dim2', 'inductor_graph', 'static', _EQ),
    ('st_g_runtime_3_then_2_dim2', 'inductor_graph', 'batch', _EQ),
    ('st_g_runtime_3_then_2_dim2', 'inductor_graph', 'dynamic', _EQ),
    ('st_bf16_base', 'inductor_graph', 'static', _EQ),
    ('st_bf16_base', 'inductor_graph', 'batch', _EQ),
    ('st_bf16_base', 'inductor_graph', 'dynamic', _EQ),
    ('st_n4_heads_broadcast', 'inductor_graph', 'static', _R),
    ('st_n4_heads_broadcast', 'inductor_graph', 'batch', _R),
    ('st_n4_heads_broadcast', 'inductor_graph', 'dynamic', _R),
    ('st0_base', 'inductor_graph', 'static', _EQ),
    ('st0_base', 'inductor_graph', 'batch', _EQ),
    ('st0_base', 'inductor_graph', 'dynamic', _EQ),
    ('st0_from_dim1', 'inductor_graph', 'static', _EQ),
    ('st0_from_dim1', 'inductor_graph', 'batch', _EQ),
    ('st0_from_dim1', 'inductor_graph', 'dynamic', _EQ),
    ('st0_from_dim2', 'inductor_graph', 'static', _EQ),
    ('st0_from_dim2', 'inductor_graph', 'batch', _EQ),
    ('st0_from_dim2', 'inductor_graph', 'dynamic', _EQ),
    ('st0_heads_first', 'inductor_graph', 'static', _R),
    ('st0_heads_first', 'inductor_graph', 'batch', _R),
    ('st0_heads_first', 'inductor_graph', 'dynamic', _R),
    ('st0_double_permute', 'inductor_graph', 'static', _EQ),
    ('st0_double_permute', 'inductor_graph', 'batch', _EQ),
    ('st0_double_permute', 'inductor_graph', 'dynamic', _EQ),
    ('st0_double_permute_wrong', 'inductor_graph', 'static', _R),
    ('st0_double_permute_wrong', 'inductor_graph', 'batch', _R),
    ('st0_double_permute_wrong', 'inductor_graph', 'dynamic', _R),
    ('st0_last_dim_stack', 'inductor_graph', 'static', _EQ),
    ('st0_last_dim_stack', 'inductor_graph', 'batch', _EQ),
    ('st0_last_dim_stack', 'inductor_graph', 'dynamic', _EQ),
    ('st0_last_dim_stack_wrong', 'inductor_graph', 'static', _R),
    ('st0_last_dim_stack_wrong', 'inductor_graph', 'batch', _R),
    ('st0_last_dim_stack_wrong', 'inductor_graph', 'dynamic', _R),
    ('kc_float_half', 'inductor_graph', 'static', _EQ),
    ('kc_float_half', 'inductor_graph', 'batch', _EQ),
    ('kc_float_half', 'inductor_graph', 'dynamic', _EQ),
    ('kc_view_bf16_float_back', 'inductor_graph', 'static', _R),
    ('kc_view_bf16_float_back', 'inductor_graph', 'batch', _R),
    ('kc_view_bf16_float_back', 'inductor_graph', 'dynamic', _R),
    ('kc_view_int16_float_back', 'inductor_graph', 'static', _R),
    ('kc_view_int16_float_back', 'inductor_graph', 'batch', _R),
    ('kc_view_int16_float_back', 'inductor_graph', 'dynamic', _R),
    ('kc_float_flip_flip_half', 'inductor_graph', 'static', _EQ),
    ('kc_float_flip_flip_half', 'inductor_graph', 'batch', _EQ),
    ('kc_float_flip_flip_half', 'inductor_graph', 'dynamic', _EQ),
    ('kc_float_roll_half', 'inductor_graph', 'static', _R),
    ('kc_float_roll_half', 'inductor_graph', 'batch', _R),
    ('kc_float_roll_half', 'inductor_graph', 'dynamic', _R),
    ('kc_cat_slice', 'inductor_graph', 'static', _EQ),
    ('kc_cat_slice', 'inductor_graph', 'batch', _EQ),
    ('kc_cat_slice', 'inductor_graph', 'dynamic', _EQ),
    ('kc_cat_slice_other_half', 'inductor_graph', 'static', _R),
    ('kc_cat_slice_other_half', 'inductor_graph', 'batch', _R),
    ('kc_cat_slice_other_half', 'inductor_graph', 'dynamic', _R),
    ('kc_double_float_half', 'inductor_graph', 'static', _EQ),
    ('kc_double_float_half', 'inductor_graph', 'batch', _EQ),
    ('kc_double_float_half', 'inductor_graph', 'dynamic', _EQ),
    ('kc_as_strided_float_half', 'inductor_graph', 'static', _EQ),
    ('kc_as_strided_float_half', 'inductor_graph', 'batch', _EQ),
    ('kc_as_strided_float_half', 'inductor_graph', 'dynamic', _EQ),
    ('kc_expand_slice_float_half', 'inductor_graph', 'static', _EQ),
    ('kc_expand_slice_float_half', 'inductor_graph', 'batch', _EQ),
    ('kc_expand_slice_float_half', 'inductor_graph', 'dynamic', _EQ),
    ('kc_float_where_in_fp32', 'inductor_graph', 'static', _EQ),
    ('kc_float_where_in_fp32', 'inductor_graph', 'batch', _EQ),
    ('kc_float_where_in_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('kc_double_select', 'inductor_graph', 'static', _R),
    ('kc_double_select', 'inductor_graph', 'batch', _R),
    ('kc_double_select', 'inductor_graph', 'dynamic', _R),
    ('kc_float_half_via_bf16_cache', 'inductor_graph', 'static', _R),
    ('kc_float_half_via_bf16_cache', 'inductor_graph', 'batch', _R),
    ('kc_float_half_via_bf16_cache', 'inductor_graph', 'dynamic', _R),
    ('kc_float_half_bf16', 'inductor_graph', 'static', _EQ),
    ('kc_float_half_bf16', 'inductor_graph', 'batch', _EQ),
    ('kc_float_half_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('kc_float_half_fp32', 'inductor_graph', 'static', _EQ),
    ('kc_float_half_fp32', 'inductor_graph', 'batch', _EQ),
    ('kc_float_half_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('uf_base', 'inductor_graph', 'static', _EQ),
    ('uf_base', 'inductor_graph', 'dynamic', _EQ),
    ('uf_neg_dim', 'inductor_graph', 'static', _EQ),
    ('uf_neg_dim', 'inductor_graph', 'dynamic', _EQ),
    ('uf_i_negative', 'inductor_graph', 'static', _EQ),
    ('uf_i_negative', 'inductor_graph', 'dynamic', _EQ),
    ('uf_i_int32', 'inductor_graph', 'static', _EQ),
    ('uf_i_int32', 'inductor_graph', 'dynamic', _EQ),
    ('uf_rows_flipped', 'inductor_graph', 'static', _R),
    ('uf_rows_flipped', 'inductor_graph', 'dynamic', _R),
    ('uf_rows_from_slots_mod', 'inductor_graph', 'static', _R),
    ('uf_rows_from_slots_mod', 'inductor_graph', 'dynamic', _R),
    ('uf_step8_i_times_2', 'inductor_graph', 'static', _EQ),
    ('uf_step8_i_times_2', 'inductor_graph', 'dynamic', _EQ),
    ('uf_step8_i', 'inductor_graph', 'static', _R),
    ('uf_step8_i', 'inductor_graph', 'dynamic', _R),
    ('uf_i_plus_W_minus_1_neg', 'inductor_graph', 'static', _R),
    ('uf_i_plus_W_minus_1_neg', 'inductor_graph', 'dynamic', _R),
    ('uf_size16_twice', 'inductor_graph', 'static', _R),
    ('uf_size16_twice', 'inductor_graph', 'dynamic', _R),
    ('uf_heads_window_swap', 'inductor_graph', 'static', _R),
    ('uf_heads_window_swap', 'inductor_graph', 'dynamic', _R),
    ('pr_base', 'inductor_graph', 'static', _EQ),
    ('pr_base', 'inductor_graph', 'dynamic', _EQ),
    ('pr_whole_slice', 'inductor_graph', 'static', _R),
    ('pr_whole_slice', 'inductor_graph', 'dynamic', _R),
    ('pr_from_one', 'inductor_graph', 'static', _R),
    ('pr_from_one', 'inductor_graph', 'dynamic', _R),
    ('pr_rows_other_node', 'inductor_graph', 'static', _R),
    ('pr_rows_other_node', 'inductor_graph', 'dynamic', _R),
    ('pr_rows_shorter', 'inductor_graph', 'static', _R),
    ('pr_rows_shorter', 'inductor_graph', 'dynamic', _R),
    ('pr_i_shifted_read', 'inductor_graph', 'static', _R),
    ('pr_i_shifted_read', 'inductor_graph', 'dynamic', _R),
    ('pr_read_before_mutation', 'inductor_graph', 'static', _R),
    ('pr_read_before_mutation', 'inductor_graph', 'dynamic', _R),
    ('pr_mutation_before_read', 'inductor_graph', 'static', _EQ),
    ('pr_mutation_before_read', 'inductor_graph', 'dynamic', _EQ),
    ('pr_prefix_mutated_between', 'inductor_graph', 'static', _EQ),
    ('pr_prefix_mutated_between', 'inductor_graph', 'dynamic', _EQ),
    ('pr_neg_rows_read', 'inductor_graph', 'static', _R),
    ('pr_neg_rows_read', 'inductor_graph', 'dynamic', _R),
    ('pr_neg_rows_both', 'inductor_graph', 'static', _R),
    ('pr_neg_rows_both', 'inductor_graph', 'dynamic', _R),
    ('pr_narrow', 'inductor_graph', 'static', _EQ),
    ('pr_narrow', 'inductor_graph', 'dynamic', _EQ),
    ('pr_prefix_of_prefix', 'inductor_graph', 'static', _R),
    ('pr_prefix_of_prefix', 'inductor_graph', 'dynamic', _R),
    ('pr_rows_int16_cast_back', 'inductor_graph', 'static', _R),
    ('pr_rows_int16_cast_back', 'inductor_graph', 'dynamic', _R),
    ('pr_step2_roomy', 'inductor_graph', 'static', _R),
    ('pr_step2_roomy', 'inductor_graph', 'dynamic', _R),
    ('pd_base', 'inductor_graph', 'static', _EQ),
    ('pd_base', 'inductor_graph', 'batch', _EQ),
    ('pd_base', 'inductor_graph', 'dynamic', _R),
    ('pd_clamp_after_div', 'inductor_graph', 'static', _EQ),
    ('pd_clamp_after_div', 'inductor_graph', 'batch', _EQ),
    ('pd_clamp_after_div', 'inductor_graph', 'dynamic', _R),
    ('pd_ge', 'inductor_graph', 'static', _EQ),
    ('pd_ge', 'inductor_graph', 'batch', _EQ),
    ('pd_ge', 'inductor_graph', 'dynamic', _R),
    ('pd_mixed_divisors', 'inductor_graph', 'static', _EQ),
    ('pd_mixed_divisors', 'inductor_graph', 'batch', _EQ),
    ('pd_mixed_divisors', 'inductor_graph', 'dynamic', _R),
    ('pd_remainder_side', 'inductor_graph', 'static', _EQ),
    ('pd_remainder_side', 'inductor_graph', 'batch', _EQ),
    ('pd_remainder_side', 'inductor_graph', 'dynamic', _R),
    ('pd_pos_clamped_high', 'inductor_graph', 'static', _EQ),
    ('pd_pos_clamped_high', 'inductor_graph', 'batch', _EQ),
    ('pd_pos_clamped_high', 'inductor_graph', 'dynamic', _R),
    ('pd_last_clamped_high', 'inductor_graph', 'static', _EQ),
    ('pd_last_clamped_high', 'inductor_graph', 'batch', _EQ),
    ('pd_last_clamped_high', 'inductor_graph', 'dynamic', _R),
    ('pd_last_min_pages', 'inductor_graph', 'static', _EQ),
    ('pd_last_min_pages', 'inductor_graph', 'batch', _EQ),
    ('pd_last_min_pages', 'inductor_graph', 'dynamic', _EQ),
    ('pd_mask_side', 'inductor_graph', 'static', _EQ),
    ('pd_mask_side', 'inductor_graph', 'batch', _EQ),
    ('pd_mask_side', 'inductor_graph', 'dynamic', _R),
    ('pd_times3', 'inductor_graph', 'static', _EQ),
    ('pd_times3', 'inductor_graph', 'batch', _EQ),
    ('pd_times3', 'inductor_graph', 'dynamic', _R),
    ('pd_period_long', 'inductor_graph', 'static', _EQ),
    ('pd_period_long', 'inductor_graph', 'batch', _EQ),
    ('pd_period_long', 'inductor_graph', 'dynamic', _R),
    ('pd_offset_by_period_of_100', 'inductor_graph', 'static', _EQ),
    ('pd_offset_by_period_of_100', 'inductor_graph', 'batch', _EQ),
    ('pd_offset_by_period_of_100', 'inductor_graph', 'dynamic', _R),
    ('pd_cross_row', 'inductor_graph', 'static', _R),
    ('pd_cross_row', 'inductor_graph', 'batch', _R),
    ('pd_cross_row', 'inductor_graph', 'dynamic', _R),
    ('pd_int32_lengths_wrap', 'inductor_graph', 'static', _EQ),
    ('pd_int32_lengths_wrap', 'inductor_graph', 'batch', _EQ),
    ('pd_int32_lengths_wrap', 'inductor_graph', 'dynamic', _R),
    ('pd_base_P16', 'inductor_graph', 'static', _EQ),
    ('pd_base_P16', 'inductor_graph', 'batch', _EQ),
    ('pd_base_P16', 'inductor_graph', 'dynamic', _EQ),
    ('pd_base_P32_cap', 'inductor_graph', 'static', _EQ),
    ('pd_base_P32_cap', 'inductor_graph', 'batch', _EQ),
    ('pd_base_P32_cap', 'inductor_graph', 'dynamic', _R),
    ('st_base', 'torchair_like', 'static', _EQ),
    ('st_base', 'torchair_like', 'batch', _EQ),
    ('st_base', 'torchair_like', 'dynamic', _EQ),
    ('st_perm_from_dim0', 'torchair_like', 'static', _EQ),
    ('st_perm_from_dim0', 'torchair_like', 'batch', _EQ),
    ('st_perm_from_dim0', 'torchair_like', 'dynamic', _EQ),
    ('st_heads_swapped', 'torchair_like', 'static', _R),
    ('st_heads_swapped', 'torchair_like', 'batch', _R),
    ('st_heads_swapped', 'torchair_like', 'dynamic', _R),
    ('st_stack_dim2_permute', 'torchair_like', 'static', _EQ),
    ('st_stack_dim2_permute', 'torchair_like', 'batch', _EQ),
    ('st_stack_dim2_permute', 'torchair_like', 'dynamic', _EQ),
    ('st_stack_dim2_no_permute', 'torchair_like', 'static', _R),
    ('st_stack_dim2_no_permute', 'torchair_like', 'batch', _R),
    ('st_stack_dim2_no_permute', 'torchair_like', 'dynamic', _R),
    ('st_cond_per_half', 'torchair_like', 'static', _EQ),
    ('st_cond_per_half', 'torchair_like', 'batch', _EQ),
    ('st_cond_per_half', 'torchair_like', 'dynamic', _R),
    ('st_cond_per_half_swapped_values', 'torchair_like', 'static', _R),
    ('st_cond_per_half_swapped_values', 'torchair_like', 'batch', _R),
    ('st_cond_per_half_swapped_values', 'torchair_like', 'dynamic', _R),
    ('st_cond_heads_broadcast', 'torchair_like', 'static', _R),
    ('st_cond_heads_broadcast', 'torchair_like', 'batch', _R),
    ('st_cond_heads_broadcast', 'torchair_like', 'dynamic', _R),
    ('st_unsqueeze_at_stack', 'torchair_like', 'static', _EQ),
    ('st_unsqueeze_at_stack', 'torchair_like', 'batch', _EQ),
    ('st_unsqueeze_at_stack', 'torchair_like', 'dynamic', _EQ),
    ('st_unsqueeze_times_sign', 'torchair_like', 'static', _R),
    ('st_unsqueeze_times_sign', 'torchair_like', 'batch', _R),
    ('st_unsqueeze_times_sign', 'torchair_like', 'dynamic', _R),
    ('st_row_broadcast', 'torchair_like', 'static', _R),
    ('st_row_broadcast', 'torchair_like', 'batch', _R),
    ('st_row_broadcast', 'torchair_like', 'dynamic', _R),
    ('st_rows_permuted', 'torchair_like', 'static', _R),
    ('st_rows_permuted', 'torchair_like', 'batch', _R),
    ('st_rows_permuted', 'torchair_like', 'dynamic', _R),
    ('st_gather_not_leading', 'torchair_like', 'static', _R),
    ('st_gather_not_leading', 'torchair_like', 'batch', _R),
    ('st_gather_not_leading', 'torchair_like', 'dynamic', _R),
    ('st_reshape_merge', 'torchair_like', 'static', _R),
    ('st_reshape_merge', 'torchair_like', 'batch', _R),
    ('st_reshape_merge', 'torchair_like', 'dynamic', _R),
    ('st_reshape_heads_major', 'torchair_like', 'static', _R),
    ('st_reshape_heads_major', 'torchair_like', 'batch', _R),
    ('st_reshape_heads_major', 'torchair_like', 'dynamic', _R),
    ('st_kept_flipped', 'torchair_like', 'static', _R),
    ('st_kept_flipped', 'torchair_like', 'batch', _R),
    ('st_kept_flipped', 'torchair_like', 'dynamic', _R),
    ('st_kept_transposed', 'torchair_like', 'static', _R),
    ('st_kept_transposed', 'torchair_like', 'batch', _R),
    ('st_kept_transposed', 'torchair_like', 'dynamic', _R),
    ('st_kept_float_half', 'torchair_like', 'static', _EQ),
    ('st_kept_float_half', 'torchair_like', 'batch', _EQ),
    ('st_kept_float_half', 'torchair_like', 'dynamic', _EQ),
    ('st_kept_other_rows_of_half', 'torchair_like', 'static', _R),
    ('st_kept_other_rows_of_half', 'torchair_like', 'batch', _R),
    ('st_kept_other_rows_of_half', 'torchair_like', 'dynamic', _R),
    ('st_kept_halves_swapped_by_select', 'torchair_like', 'static', _R),
    ('st_kept_halves_swapped_by_select', 'torchair_like', 'batch', _R),
    ('st_kept_halves_swapped_by_select', 'torchair_like', 'dynamic', _R),
    ('st_index_copy', 'torchair_like', 'static', _R),
    ('st_index_copy', 'torchair_like', 'batch', _R),
    ('st_index_copy', 'torchair_like', 'dynamic', _R),
    ('st_kv_interleaved_heads', 'torchair_like', 'static', _R),
    ('st_kv_interleaved_heads', 'torchair_like', 'batch', _R),
    ('st_kv_interleaved_heads', 'torchair_like', 'dynamic', _R),
    ('st_where_of_where', 'torchair_like', 'static', _R),
    ('st_where_of_where', 'torchair_like', 'batch', _R),
    ('st_where_of_where', 'torchair_like', 'dynamic', _R),
    ('st_g3', 'torchair_like', 'static', _EQ),
    ('st_g3', 'torchair_like', 'batch', _EQ),
    ('st_g3', 'torchair_like', 'dynamic', _R),
    ('st_sum_generic', 'torchair_like', 'static', _EQ),
    ('st_sum_generic', 'torchair_like', 'batch', _EQ),
    ('st_sum_generic', 'torchair_like', 'dynamic', _EQ),
    ('st_sum_keepdim', 'torchair_like', 'static', _EQ),
    ('st_sum_keepdim', 'torchair_like', 'batch', _EQ),
    ('st_sum_keepdim', 'torchair_like', 'dynamic', _EQ),
    ('st_sum_generic_dim2', 'torchair_like', 'static', _EQ),
    ('st_sum_generic_dim2', 'torchair_like', 'batch', _EQ),
    ('st_sum_generic_dim2', 'torchair_like', 'dynamic', _EQ),
    ('st_sum_over_heads_into_stack', 'torchair_like', 'static', _R),
    ('st_sum_over_heads_into_stack', 'torchair_like', 'batch', _R),
    ('st_sum_over_heads_into_stack', 'torchair_like', 'dynamic', _R),
    ('st_g_runtime_2_then_3', 'torchair_like', 'static', _EQ),
    ('st_g_runtime_2_then_3', 'torchair_like', 'batch', _EQ),
    ('st_g_runtime_2_then_3', 'torchair_like', 'dynamic', _EQ),
    ('st_g_runtime_duck_2_then_3', 'torchair_like', 'static', _EQ),
    ('st_g_runtime_duck_2_then_3', 'torchair_like', 'batch', _EQ),
    ('st_g_runtime_duck_2_then_3', 'torchair_like', 'dynamic', _EQ),
    ('st_n_runtime_duck_2_then_4', 'torchair_like', 'static', _EQ),
    ('st_n_runtime_duck_2_then_4', 'torchair_like', 'batch', _EQ),
    ('st_n_runtime_duck_2_then_4', 'torchair_like', 'dynamic', _EQ),
    ('st_g_runtime_3_then_2_dim2', 'torchair_like', 'static', _EQ),
    ('st_g_runtime_3_then_2_dim2', 'torchair_like', 'batch', _EQ),
    ('st_g_runtime_3_then_2_dim2', 'torchair_like', 'dynamic', _EQ),
    ('st_bf16_base', 'torchair_like', 'static', _EQ),
    ('st_bf16_base', 'torchair_like', 'batch', _EQ),
    ('st_bf16_base', 'torchair_like', 'dynamic', _EQ),
    ('st_n4_heads_broadcast', 'torchair_like', 'static', _R),
    ('st_n4_heads_broadcast', 'torchair_like', 'batch', _R),
    ('st_n4_heads_broadcast', 'torchair_like', 'dynamic', _R),
    ('st0_base', 'torchair_like', 'static', _EQ),
    ('st0_base', 'torchair_like', 'batch', _EQ),
    ('st0_base', 'torchair_like', 'dynamic', _EQ),
    ('st0_from_dim1', 'torchair_like', 'static', _EQ),
    ('st0_from_dim1', 'torchair_like', 'batch', _EQ),
    ('st0_from_dim1', 'torchair_like', 'dynamic', _EQ),
    ('st0_from_dim2', 'torchair_like', 'static', _EQ),
    ('st0_from_dim2', 'torchair_like', 'batch', _EQ),
    ('st0_from_dim2', 'torchair_like', 'dynamic', _EQ),
    ('st0_heads_first', 'torchair_like', 'static', _R),
    ('st0_heads_first', 'torchair_like', 'batch', _R),
    ('st0_heads_first', 'torchair_like', 'dynamic', _R),
    ('st0_double_permute', 'torchair_like', 'static', _EQ),
    ('st0_double_permute', 'torchair_like', 'batch', _EQ),
    ('st0_double_permute', 'torchair_like', 'dynamic', _EQ),
    ('st0_double_permute_wrong', 'torchair_like', 'static', _R),
    ('st0_double_permute_wrong', 'torchair_like', 'batch', _R),
    ('st0_double_permute_wrong', 'torchair_like', 'dynamic', _R),
    ('st0_last_dim_stack', 'torchair_like', 'static', _EQ),
    ('st0_last_dim_stack', 'torchair_like', 'batch', _EQ),
    ('st0_last_dim_stack', 'torchair_like', 'dynamic', _EQ),
    ('st0_last_dim_stack_wrong', 'torchair_like', 'static', _R),
    ('st0_last_dim_stack_wrong', 'torchair_like', 'batch', _R),
    ('st0_last_dim_stack_wrong', 'torchair_like', 'dynamic', _R),
    ('kc_float_half', 'torchair_like', 'static', _EQ),
    ('kc_float_half', 'torchair_like', 'batch', _EQ),
    ('kc_float_half', 'torchair_like', 'dynamic', _EQ),
    ('kc_view_bf16_float_back', 'torchair_like', 'static', _R),
    ('kc_view_bf16_float_back', 'torchair_like', 'batch', _R),
    ('kc_view_bf16_float_back', 'torchair_like', 'dynamic', _R),
    ('kc_view_int16_float_back', 'torchair_like', 'static', _R),
    ('kc_view_int16_float_back', 'torchair_like', 'batch', _R),
    ('kc_view_int16_float_back', 'torchair_like', 'dynamic', _R),
    ('kc_float_flip_flip_half', 'torchair_like', 'static', _EQ),
    ('kc_float_flip_flip_half', 'torchair_like', 'batch', _EQ),
    ('kc_float_flip_flip_half', 'torchair_like', 'dynamic', _EQ),
    ('kc_float_roll_half', 'torchair_like', 'static', _R),
    ('kc_float_roll_half', 'torchair_like', 'batch', _R),
    ('kc_float_roll_half', 'torchair_like', 'dynamic', _R),
    ('kc_cat_slice', 'torchair_like', 'static', _EQ),
    ('kc_cat_slice', 'torchair_like', 'batch', _EQ),
    ('kc_cat_slice', 'torchair_like', 'dynamic', _EQ),
    ('kc_cat_slice_other_half', 'torchair_like', 'static', _R),
    ('kc_cat_slice_other_half', 'torchair_like', 'batch', _R),
    ('kc_cat_slice_other_half', 'torchair_like', 'dynamic', _R),
    ('kc_double_float_half', 'torchair_like', 'static', _EQ),
    ('kc_double_float_half', 'torchair_like', 'batch', _EQ),
    ('kc_double_float_half', 'torchair_like', 'dynamic', _EQ),
    ('kc_as_strided_float_half', 'torchair_like', 'static', _EQ),
    ('kc_as_strided_float_half', 'torchair_like', 'batch', _EQ),
    ('kc_as_strided_float_half', 'torchair_like', 'dynamic', _EQ),
    ('kc_expand_slice_float_half', 'torchair_like', 'static', _EQ),
    ('kc_expand_slice_float_half', 'torchair_like', 'batch', _EQ),
    ('kc_expand_slice_float_half', 'torchair_like', 'dynamic', _EQ),
    ('kc_float_where_in_fp32', 'torchair_like', 'static', _EQ),
    ('kc_float_where_in_fp32', 'torchair_like', 'batch', _EQ),
    ('kc_float_where_in_fp32', 'torchair_like', 'dynamic', _EQ),
    ('kc_double_select', 'torchair_like', 'static', _R),
    ('kc_double_select', 'torchair_like', 'batch', _R),
    ('kc_double_select', 'torchair_like', 'dynamic', _R),
    ('kc_float_half_via_bf16_cache', 'torchair_like', 'static', _R),
    ('kc_float_half_via_bf16_cache', 'torchair_like', 'batch', _R),
    ('kc_float_half_via_bf16_cache', 'torchair_like', 'dynamic', _R),
    ('kc_float_half_bf16', 'torchair_like', 'static', _EQ),
    ('kc_float_half_bf16', 'torchair_like', 'batch', _EQ),
    ('kc_float_half_bf16', 'torchair_like', 'dynamic', _EQ),
    ('kc_float_half_fp32', 'torchair_like', 'static', _EQ),
    ('kc_float_half_fp32', 'torchair_like', 'batch', _EQ),
    ('kc_float_half_fp32', 'torchair_like', 'dynamic', _EQ),
    ('uf_base', 'torchair_like', 'static', _EQ),
    ('uf_base', 'torchair_like', 'dynamic', _EQ),
    ('uf_neg_dim', 'torchair_like', 'static', _EQ),
    ('uf_neg_dim', 'torchair_like', 'dynamic', _EQ),
    ('uf_i_negative', 'torchair_like', 'static', _EQ),
    ('uf_i_negative', 'torchair_like', 'dynamic', _EQ),
    ('uf_i_int32', 'torchair_like', 'static', _EQ),
    ('uf_i_int32', 'torchair_like', 'dynamic', _EQ),
    ('uf_rows_flipped', 'torchair_like', 'static', _R),
    ('uf_rows_flipped', 'torchair_like', 'dynamic', _R),
    ('uf_rows_from_slots_mod', 'torchair_like', 'static', _R),
    ('uf_rows_from_slots_mod', 'torchair_like', 'dynamic', _R),
    ('uf_step8_i_times_2', 'torchair_like', 'static', _EQ),
    ('uf_step8_i_times_2', 'torchair_like', 'dynamic', _EQ),
    ('uf_step8_i', 'torchair_like', 'static', _R),
    ('uf_step8_i', 'torchair_like', 'dynamic', _R),
    ('uf_i_plus_W_minus_1_neg', 'torchair_like', 'static', _R),
    ('uf_i_plus_W_minus_1_neg', 'torchair_like', 'dynamic', _R),
    ('uf_size16_twice', 'torchair_like', 'static', _R),
    ('uf_size16_twice', 'torchair_like', 'dynamic', _R),
    ('uf_heads_window_swap', 'torchair_like', 'static', _R),
    ('uf_heads_window_swap', 'torchair_like', 'dynamic', _R),
    ('pr_base', 'torchair_like', 'static', _EQ),
    ('pr_base', 'torchair_like', 'dynamic', _EQ),
    ('pr_whole_slice', 'torchair_like', 'static', _R),
    ('pr_whole_slice', 'torchair_like', 'dynamic', _R),
    ('pr_from_one', 'torchair_like', 'static', _R),
    ('pr_from_one', 'torchair_like', 'dynamic', _R),
    ('pr_rows_other_node', 'torchair_like', 'static', _R),
    ('pr_rows_other_node', 'torchair_like', 'dynamic', _R),
    ('pr_rows_shorter', 'torchair_like', 'static', _R),
    ('pr_rows_shorter', 'torchair_like', 'dynamic', _R),
    ('pr_i_shifted_read', 'torchair_like', 'static', _R),
    ('pr_i_shifted_read', 'torchair_like', 'dynamic', _R),
    ('pr_read_before_mutation', 'torchair_like', 'static', _R),
    ('pr_read_before_mutation', 'torchair_like', 'dynamic', _R),
    ('pr_mutation_before_read', 'torchair_like', 'static', _CR),
    ('pr_mutation_before_read', 'torchair_like', 'dynamic', _CR),
    ('pr_prefix_mutated_between', 'torchair_like', 'static', _CR),
    ('pr_prefix_mutated_between', 'torchair_like', 'dynamic', _CR),
    ('pr_neg_rows_read', 'torchair_like', 'static', _R),
    ('pr_neg_rows_read', 'torchair_like', 'dynamic', _R),
    ('pr_neg_rows_both', 'torchair_like', 'static', _R),
    ('pr_neg_rows_both', 'torchair_like', 'dynamic', _R),
    ('pr_narrow', 'torchair_like', 'static', _EQ),
    ('pr_narrow', 'torchair_like', 'dynamic', _EQ),
    ('pr_prefix_of_prefix', 'torchair_like', 'static', _R),
    ('pr_prefix_of_prefix', 'torchair_like', 'dynamic', _R),
    ('pr_rows_int16_cast_back', 'torchair_like', 'static', _R),
    ('pr_rows_int16_cast_back', 'torchair_like', 'dynamic', _R),
    ('pr_step2_roomy', 'torchair_like', 'static', _R),
    ('pr_step2_roomy', 'torchair_like', 'dynamic', _R),
    ('pd_base', 'torchair_like', 'static', _EQ),
    ('pd_base', 'torchair_like', 'batch', _EQ),
    ('pd_base', 'torchair_like', 'dynamic', _R),
    ('pd_clamp_after_div', 'torchair_like', 'static', _EQ),
    ('pd_clamp_after_div', 'torchair_like', 'batch', _EQ),
    ('pd_clamp_after_div', 'torchair_like', 'dynamic', _R),
    ('pd_ge', 'torchair_like', 'static', _EQ),
    ('pd_ge', 'torchair_like', 'batch', _EQ),
    ('pd_ge', 'torchair_like', 'dynamic', _R),
    ('pd_mixed_divisors', 'torchair_like', 'static', _EQ),
    ('pd_mixed_divisors', 'torchair_like', 'batch', _EQ),
    ('pd_mixed_divisors', 'torchair_like', 'dynamic', _R),
    ('pd_remainder_side', 'torchair_like', 'static', _EQ),
    ('pd_remainder_side', 'torchair_like', 'batch', _EQ),
    ('pd_remainder_side', 'torchair_like', 'dynamic', _R),
    ('pd_pos_clamped_high', 'torchair_like', 'static', _EQ),
    ('pd_pos_clamped_high', 'torchair_like', 'batch', _EQ),
    ('pd_pos_clamped_high', 'torchair_like', 'dynamic', _R),
    ('pd_last_clamped_high', 'torchair_like', 'static', _EQ),
    ('pd_last_clamped_high', 'torchair_like', 'batch', _EQ),
    ('pd_last_clamped_high', 'torchair_like', 'dynamic', _R),
    ('pd_last_min_pages', 'torchair_like', 'static', _EQ),
    ('pd_last_min_pages', 'torchair_like', 'batch', _EQ),
    ('pd_last_min_pages', 'torchair_like', 'dynamic', _EQ),
    ('pd_mask_side', 'torchair_like', 'static', _EQ),
    ('pd_mask_side', 'torchair_like', 'batch', _EQ),
    ('pd_mask_side', 'torchair_like', 'dynamic', _R),
    ('pd_times3', 'torchair_like', 'static', _EQ),
    ('pd_times3', 'torchair_like', 'batch', _EQ),
    ('pd_times3', 'torchair_like', 'dynamic', _R),
    ('pd_period_long', 'torchair_like', 'static', _EQ),
    ('pd_period_long', 'torchair_like', 'batch', _EQ),
    ('pd_period_long', 'torchair_like', 'dynamic', _R),
    ('pd_offset_by_period_of_100', 'torchair_like', 'static', _EQ),
    ('pd_offset_by_period_of_100', 'torchair_like', 'batch', _EQ),
    ('pd_offset_by_period_of_100', 'torchair_like', 'dynamic', _R),
    ('pd_cross_row', 'torchair_like', 'static', _R),
    ('pd_cross_row', 'torchair_like', 'batch', _R),
    ('pd_cross_row', 'torchair_like', 'dynamic', _R),
    ('pd_int32_lengths_wrap', 'torchair_like', 'static', _EQ),
    ('pd_int32_lengths_wrap', 'torchair_like', 'batch', _EQ),
    ('pd_int32_lengths_wrap', 'torchair_like', 'dynamic', _R),
    ('pd_base_P16', 'torchair_like', 'static', _EQ),
    ('pd_base_P16', 'torchair_like', 'batch', _EQ),
    ('pd_base_P16', 'torchair_like', 'dynamic', _EQ),
    ('pd_base_P32_cap', 'torchair_like', 'static', _EQ),
    ('pd_base_P32_cap', 'torchair_like', 'batch', _EQ),
    ('pd_base_P32_cap', 'torchair_like', 'dynamic', _R),
]

_LATER = [
    ('cv_min_in_periodic_compare_P16', 'inductor_graph', 'static', _EQ),
    ('cv_min_in_periodic_compare_P16', 'inductor_graph', 'batch', _EQ),
    ('cv_min_in_periodic_compare_P16', 'inductor_graph', 'dynamic', _EQ),
    ('cv_min_in_periodic_compare_P32', 'inductor_graph', 'static', _EQ),
    ('cv_min_in_periodic_compare_P32', 'inductor_graph', 'batch', _EQ),
    ('cv_min_in_periodic_compare_P32', 'inductor_graph', 'dynamic', _FF),
    ('cv_min_pos', 'inductor_graph', 'static', _EQ),
    ('cv_min_pos', 'inductor_graph', 'batch', _EQ),
    ('cv_min_pos', 'inductor_graph', 'dynamic', _R),
    ('cv_min_pos_330', 'inductor_graph', 'static', _EQ),
    ('cv_min_pos_330', 'inductor_graph', 'batch', _EQ),
    ('cv_min_pos_330', 'inductor_graph', 'dynamic', _FF),
    ('cv_page_ids_min', 'inductor_graph', 'static', _R),
    ('cv_page_ids_min', 'inductor_graph', 'batch', _R),
    ('cv_page_ids_min', 'inductor_graph', 'dynamic', _R),
    ('cv_page_ids_min_60', 'inductor_graph', 'static', _EQ),
    ('cv_page_ids_min_60', 'inductor_graph', 'batch', _EQ),
    ('cv_page_ids_min_60', 'inductor_graph', 'dynamic', _FF),
    ('cv_page_ids_min_table', 'inductor_graph', 'static', _R),
    ('cv_page_ids_min_table', 'inductor_graph', 'batch', _R),
    ('cv_page_ids_min_table', 'inductor_graph', 'dynamic', _R),
    ('cv_min_pos_last_elem', 'inductor_graph', 'static', _EQ),
    ('cv_min_pos_last_elem', 'inductor_graph', 'batch', _EQ),
    ('cv_min_pos_last_elem', 'inductor_graph', 'dynamic', _R),
    ('cv_min_page', 'inductor_graph', 'static', _EQ),
    ('cv_min_page', 'inductor_graph', 'batch', _EQ),
    ('cv_min_page', 'inductor_graph', 'dynamic', _FF),
    ('cv_min_in_periodic_compare', 'inductor_graph', 'static', _EQ),
    ('cv_min_in_periodic_compare', 'inductor_graph', 'batch', _EQ),
    ('cv_min_in_periodic_compare', 'inductor_graph', 'dynamic', _R),
    ('cv_max_pos_neg', 'inductor_graph', 'static', _EQ),
    ('cv_max_pos_neg', 'inductor_graph', 'batch', _EQ),
    ('cv_max_pos_neg', 'inductor_graph', 'dynamic', _EQ),
    ('cv_min_lens', 'inductor_graph', 'static', _R),
    ('cv_min_lens', 'inductor_graph', 'batch', _R),
    ('cv_min_lens', 'inductor_graph', 'dynamic', _R),
    ('cv_page_ids_min_20', 'inductor_graph', 'static', _R),
    ('cv_page_ids_min_20', 'inductor_graph', 'batch', _R),
    ('cv_page_ids_min_20', 'inductor_graph', 'dynamic', _R),
    ('cv_page_ids_min_40', 'inductor_graph', 'static', _R),
    ('cv_page_ids_min_40', 'inductor_graph', 'batch', _R),
    ('cv_page_ids_min_40', 'inductor_graph', 'dynamic', _R),
    ('cv_page_ids_min_49', 'inductor_graph', 'static', _EQ),
    ('cv_page_ids_min_49', 'inductor_graph', 'batch', _EQ),
    ('cv_page_ids_min_49', 'inductor_graph', 'dynamic', _R),
    ('cv_page_ids_min_49_top_block', 'inductor_graph', 'static', _FF),
    ('cv_page_ids_min_49_top_block', 'inductor_graph', 'batch', _FF),
    ('cv_page_ids_min_49_top_block', 'inductor_graph', 'dynamic', _R),
    ('cv_page_ids_min_49_high', 'inductor_graph', 'static', _EQ),
    ('cv_page_ids_min_49_high', 'inductor_graph', 'batch', _EQ),
    ('cv_page_ids_min_49_high', 'inductor_graph', 'dynamic', _R),
    ('cv_min_in_periodic_compare_P16', 'torchair_like', 'static', _EQ),
    ('cv_min_in_periodic_compare_P16', 'torchair_like', 'batch', _EQ),
    ('cv_min_in_periodic_compare_P16', 'torchair_like', 'dynamic', _EQ),
    ('cv_min_in_periodic_compare_P32', 'torchair_like', 'static', _EQ),
    ('cv_min_in_periodic_compare_P32', 'torchair_like', 'batch', _EQ),
    ('cv_min_in_periodic_compare_P32', 'torchair_like', 'dynamic', _FF),
    ('cv_min_pos', 'torchair_like', 'static', _EQ),
    ('cv_min_pos', 'torchair_like', 'batch', _EQ),
    ('cv_min_pos', 'torchair_like', 'dynamic', _R),
    ('cv_min_pos_330', 'torchair_like', 'static', _EQ),
    ('cv_min_pos_330', 'torchair_like', 'batch', _EQ),
    ('cv_min_pos_330', 'torchair_like', 'dynamic', _FF),
    ('cv_page_ids_min', 'torchair_like', 'static', _R),
    ('cv_page_ids_min', 'torchair_like', 'batch', _R),
    ('cv_page_ids_min', 'torchair_like', 'dynamic', _R),
    ('cv_page_ids_min_60', 'torchair_like', 'static', _EQ),
    ('cv_page_ids_min_60', 'torchair_like', 'batch', _EQ),
    ('cv_page_ids_min_60', 'torchair_like', 'dynamic', _FF),
    ('cv_page_ids_min_table', 'torchair_like', 'static', _R),
    ('cv_page_ids_min_table', 'torchair_like', 'batch', _R),
    ('cv_page_ids_min_table', 'torchair_like', 'dynamic', _R),
    ('cv_min_pos_last_elem', 'torchair_like', 'static', _EQ),
    ('cv_min_pos_last_elem', 'torchair_like', 'batch', _EQ),
    ('cv_min_pos_last_elem', 'torchair_like', 'dynamic', _R),
    ('cv_min_page', 'torchair_like', 'static', _EQ),
    ('cv_min_page', 'torchair_like', 'batch', _EQ),
    ('cv_min_page', 'torchair_like', 'dynamic', _FF),
    ('cv_min_in_periodic_compare', 'torchair_like', 'static', _EQ),
    ('cv_min_in_periodic_compare', 'torchair_like', 'batch', _EQ),
    ('cv_min_in_periodic_compare', 'torchair_like', 'dynamic', _R),
    ('cv_max_pos_neg', 'torchair_like', 'static', _EQ),
    ('cv_max_pos_neg', 'torchair_like', 'batch', _EQ),
    ('cv_max_pos_neg', 'torchair_like', 'dynamic', _EQ),
    ('cv_min_lens', 'torchair_like', 'static', _R),
    ('cv_min_lens', 'torchair_like', 'batch', _R),
    ('cv_min_lens', 'torchair_like', 'dynamic', _R),
    ('cv_page_ids_min_20', 'torchair_like', 'static', _R),
    ('cv_page_ids_min_20', 'torchair_like', 'batch', _R),
    ('cv_page_ids_min_20', 'torchair_like', 'dynamic', _R),
    ('cv_page_ids_min_40', 'torchair_like', 'static', _R),
    ('cv_page_ids_min_40', 'torchair_like', 'batch', _R),
    ('cv_page_ids_min_40', 'torchair_like', 'dynamic', _R),
    ('cv_page_ids_min_49', 'torchair_like', 'static', _EQ),
    ('cv_page_ids_min_49', 'torchair_like', 'batch', _EQ),
    ('cv_page_ids_min_49', 'torchair_like', 'dynamic', _R),
    ('cv_page_ids_min_49_top_block', 'torchair_like', 'static', _FF),
    ('cv_page_ids_min_49_top_block', 'torchair_like', 'batch', _FF),
    ('cv_page_ids_min_49_top_block', 'torchair_like', 'dynamic', _R),
    ('cv_page_ids_min_49_high', 'torchair_like', 'static', _EQ),
    ('cv_page_ids_min_49_high', 'torchair_like', 'batch', _EQ),
    ('cv_page_ids_min_49_high', 'torchair_like', 'dynamic', _R),
    # real Inductor codegen (--dialect inductor): confirmations
    ('cv_min_page', 'inductor', 'dynamic', _FF),
    ('cv_min_pos_330', 'inductor', 'dynamic', _FF),
    ('cv_page_ids_min_60', 'inductor', 'dynamic', _FF),
    ('cv_min_in_periodic_compare_P32', 'inductor', 'dynamic', _FF),
    ('cv_page_ids_min_49_top_block', 'inductor', 'static', _FF),
    ('pr_mutation_before_read', 'inductor', 'static', _EQ),
    ('pr_mutation_before_read', 'inductor', 'dynamic', _EQ),
    ('pr_prefix_mutated_between', 'inductor', 'static', _EQ),
    ('pr_prefix_mutated_between', 'inductor', 'dynamic', _EQ),
    # vllm_post
    ('pr_mutation_before_read', 'vllm_post', 'static', _EQ),
    ('pr_mutation_before_read', 'vllm_post', 'dynamic', _EQ),
    ('pr_prefix_mutated_between', 'vllm_post', 'static', _EQ),
    ('pr_prefix_mutated_between', 'vllm_post', 'dynamic', _EQ),
    ('cv_min_page', 'vllm_post', 'static', _EQ),
    ('cv_min_page', 'vllm_post', 'batch', _EQ),
    ('cv_min_page', 'vllm_post', 'dynamic', _FF),
    ('cv_page_ids_min_49_top_block', 'vllm_post', 'static', _FF),
    ('cv_page_ids_min_49_top_block', 'vllm_post', 'batch', _FF),
    ('cv_page_ids_min_49_top_block', 'vllm_post', 'dynamic', _R),
]


def classify47(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-46)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify47)
