"""Fifty-sixth adversarial review of the recogniser (round 56; f69b4ca frozen at /tmp/base61: the rules landed after
red team 55 -- rewrite.protect_old_cache_readers' early reads used after the call (``_used_after``, ``_REALIZED``),
rewrite.stacked_pools / ``_Pusher``, ``exactness._squeezes`` (``unbind(-1)[0]``), ``roles._part_of_last_dim_3d``
(``cache[..., :C]``); the slot map only through its neighbours).

Same format as redteam43 .. redteam55: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify56`.

    cp /work/main/tests/corpora/redteam56.py /tmp/base61/tests/corpora/ && cd /tmp/base61 && \\
    PYTHONPATH=/tmp/base61 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam56.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base61 = f69b4ca, by this machine's ``date -u`` 2026-12-06:
inductor_graph 17:06:24-17:08:25, then torchair_like 17:08:25-17:10:11 UTC, one process at a time; the 42 attacks of
the themes ro2_, sp_, sx_, sq_, ml_ as the list stood then -- the SECOND list (jx_, sx2_, sp2_) was written after it,
see ``_LATER``; before it, while writing, ro2_ / sp_ / sx_ / sq_ / ml_ were run in real Inductor, static only, where
sp_three and sp_neg_index first showed S1 and S1's minimal repro was found; two sp_ spellings mixing the halves by
``x * 0`` were replaced then, Inductor folding ``x * 0`` with the pass off too: control differs): 126 runs per graph
dialect (every attack in static, batch, dynamic):

    inductor_graph  126 runs: 0 FALSE FUSION / 24 CRASH / 63 fused & equal / 36 refused / 0 control differs /
                    3 control crashes too
    torchair_like   126 runs: 0 FALSE FUSION / 24 CRASH / 64 fused & equal / 35 refused / 0 control differs /
                    3 control crashes too

Per theme (inductor_graph | torchair_like):
  ro2_ 14 kept rows read before the step and used after it (layer views, computed caches, a stacked K/V cache,
          extern kernels, two steps into one cache):                               39 EQ / 3 CCT | 39 EQ / 3 CCT
  sp_  11 K and V pooled as one stack, written per half (stacked_pools / _Pusher):  6 EQ / 21 R / 6 CR |
                                                                                    7 EQ / 20 R / 6 CR
  sx_   6 a float stack picked beside (or as the tokens of) a step:                 18 CR | 18 CR
  sq_   5 [B, 1] slots unbound / selected (exactness._squeezes):                    6 EQ / 9 R | the same
  ml_   6 the latent part [..., :C] of a headless [NB, P, C + R] cache:             12 EQ / 6 R | the same
The 24 CRASHes are S1 (sp_three, sp_neg_index, every sx_ attack; all modes).  The 3 CONTROL CRASHES TOO are an attack
bug: ro2_two_* under mark_dynamic pass the second step's slots (an extra input) unmarked, which dynamo ties to the
batch (ConstraintViolationError with the pass off too).  Differences between the dialects: sp_shared_w batch/dynamic
(inductor_graph refused: "select reduces over the batch"; torchair_like fused & equal), sp_roll_mix static
(inductor_graph fused & equal; torchair_like refused).  Not counted as findings: the sp_ attacks' V pages and weights
are views of K's (``kv.flip(0)``, ``w.flip(0)``), which the sizes proof refuses under dynamic shapes as a tiling;
sp2_ (SECOND) gives V inputs of their own and is refused in every mode ("tokens are gathered from more than one
tensor"), so _Pusher's symbolic-size branches were never reached by a step that fused.

Later runs (``_LATER``, not the first try):

* SECOND (jx_ 4, sx2_ 6, sp2_ 4; written during the first try to delimit S1 and to find S2; 17:11:38-17:15:02 UTC,
  one dialect after the other): inductor_graph 0 FALSE FUSION / 9 CRASH / 14 fused & equal / 19 refused;
  torchair_like 0 FALSE FUSION / 9 CRASH / 12 fused & equal / 21 refused; REAL Inductor codegen (``--dialect
  inductor``) 2 FALSE FUSION (jx_trigger_half, jx_trigger_bf16, static) / 9 CRASH (sx2_) / 12 fused & equal / 19
  refused.
* Real Inductor for the first try's CRASH attacks (sx_, sp_three, sp_neg_index; 17:15:02-17:16:57 UTC): 24 / 24
  CRASH, ``InductorError: RuntimeError: Argument 'select' of Node 'cat' was used before it has been defined``.
* Real Inductor for ro2_ (theme 1) in all three modes: 39 fused & equal / 3 control crashes too (17:17:00-17:19:03
  UTC; the same attack bug as in the first try: ro2_two_* batch).
* Standalone repros: /tmp/rt56/repro_sp.py, repro_sp2.py, repro_sp3.py (S1), /tmp/rt56/repro_jx.py (S2); outputs
  quoted below.

FOUND:

* S1 CRASH (the pass breaks the compile of ANY graph that picks a part of a float stack directly, with or without a
  compression step; all modes; inductor_graph, torchair_like and REAL Inductor; the pass-off control compiles and
  equals eager): 24 first-try runs + 9 SECOND runs per dialect.  Minimal (/tmp/rt56/repro_sp3.py, no cache at all):

      def f(x):
          s = torch.stack((x, x * 2))
          return s[0] + 1
      torch.compile(f, backend=nsa_fusion_backend)(torch.randn(4, 3))
      # InductorError: RuntimeError: Argument 'select' of Node 'mul' was used before it has been defined!

  In the corpus (sx_fused_step, /tmp/rt56/repro_sp2.py): the reference step that fuses plus ``aux =
  torch.stack((w.float(), w.float() * 2)); return cache, aux[0] + 1`` -- pass off: 0 values differ; pass on: fused 1,
  then the compile fails (the same with a refused step, sx_refused_step, and with no step, sx_no_step).  Also
  ``torch.cat((a[None], b[None]))[1]``, ``qk = stack((a, b)); qk[0] + qk[1]``, the pick returned as it is, the step's
  own tokens read as ``stack((tk, tv))[0]``, and a pooled stack re-stacked from its picks (``stack((pooled[-2],
  pooled[-1]))``, sp_neg_index; ``stack((pooled[0], pooled[2]))``, sp_three).  A cast or a scale between the stack and
  the pick (``stack(..).half()[0]``, ``(stack(..) * 3)[0]``: the push builds nodes of its own) compiles, fused & equal.
  Why: rewrite.stacked_pools runs on every ``select(x, 0, h)`` of a float tensor whose dim 0 is 2..8; for ``x =
  stack((a, b))`` _Pusher returns the user's own node ``a`` (``_part``: ``parts[h]`` / the unsqueeze's input
  ``p.args[0]``; likewise ``_push``'s ``src_node.args[0][h]``, ``_push_along``'s ``x.args[0][h]``), and stacked_pools
  records ``StackSplit(sel, a, [a], 1)``.  Where that pick is not fused (always, outside a stacked pool),
  rewrite.settle_stacked_splits puts it back with ``split.stacked.replace_all_uses_with(split.write)``, i.e. EVERY use
  of ``a`` -- the stack's own use of ``a`` included -- now reads ``select(stack(.., a, ..), 0, h)``: a cycle (the graph
  after the pass: ``cat_2 = cat([select_2, select_3]); view_2 = reshape(cat_2); select_2 = select(view_2, 0, 0)``),
  which Inductor's lowering (and the graph dialects' backend) rejects.  Rules at fault: nsa_fusion/rewrite.py:
  stacked_pools (a StackSplit whose ``stacked`` is a node of the user's graph) with settle_stacked_splits' undo
  (replace_all_uses_with on that node).  Fix direction: undo only the pick's own former uses (record ``sel``'s users,
  give them ``sel`` back), or never record an existing node as ``stacked`` (wrap it in a node of the split's own).

* S2 FALSE FUSION (REAL Inductor codegen, static; jx_trigger_half, jx_trigger_bf16; the pass-off control equal to
  eager; the graph dialects fused & equal, as in red team 44): an exception inside stacked_pools switches off the
  joint-write rule for every stacked write of the graph, and red team 44 F1 comes back.  Repro (/tmp/rt56/repro_jx.py):
  red team 44's sst_bias_zeros_half on a [2, S, N, D] fp32 cache, plus an unrelated pick of an uneven cat:

      st = torch.stack((pk, pv.half())) + torch.stack((zeros(D), full((D,), 1 / 3))).half()[:, None, None, :]
      cache[:, s] = torch.where(valid[None, :, None, None], st.to(cache.dtype), cache[:, s])
      y = w.float()[:12].reshape(6, 4)
      aux = torch.cat((y.view(2, 12), w.float()[12:18].reshape(12)[None]))[0] + 1        # the trigger
      return cache, aux

      no trigger (jx_no_trigger_half): refused ("this part of a joint write is the contract, but the write's other
                  part(s) ... are not: the write fuses whole or not at all")
      trigger, inductor, pass off: 0 differ;  pass on: log "nsa_fusion: splitting stacked writes failed (shape '[12]'
                  is invalid for input of size 8); left as written", fused 2 (one per call), call 0: 96 values differ,
                  first at [1, 1, 0, 0]: got -2.0885417461395264, eager -2.088623046875 (bf16: eager -2.087890625)
      trigger, inductor_graph / torchair_like: fused & equal / refused (dtype) -- the difference is Inductor's
                  non-emulated fp16 bias in the split form's kernel (red team 44's FIXED note).
  Why: the pick ``cat((A, b[None]))[0]`` (G = 3) pushes into the part ``A = y.view(2, 12)`` through _Pusher._part
  (``self.half(p, h - start)`` on a part with 2 rows, not G); _Pusher._push's third reshape branch then computes
  ``k = src[0] // G`` = 6 // 3 = 2 rows of ``y`` per row of ``A`` (it assumes the reshape's output has G rows; the
  right k is 3), and the reshape it builds fails in pool_tables._call: a RuntimeError, which stacked_pools does not
  catch (``except _CannotPush``).  It leaves normalize_row_writes and split_stacked_writes, and
  NsaFusionPass._run_exposed's ``except Exception: ... splits = []`` drops EVERY split -- the joint stacked write's
  too, already rewritten into per-half index_puts in the graph.  Its halves are then ordinary writes (``parts_of``
  empty): the K half fuses alone (_consider_joint never runs), the V half is left in the split form, and
  settle_stacked_splits never runs to put the joint write back.  That is exactly the state red team 44's
  whole-or-nothing rule forbids: real Inductor compiles the split V half's ``convert(full(1/3), fp16)`` without the
  fp16 rounding.  Rules at fault: nsa_fusion/rewrite.py:_Pusher._push (reshape branch: G instead of ``x``'s own rows),
  rewrite.stacked_pools (catches only _CannotPush), nsa_fusion/fusion_pass.py:_run_exposed (on an exception after
  split_stacked_writes' joint splits were made, it discards them instead of settling / undoing them).  Fix
  direction: catch every exception per pick in stacked_pools (and the other helpers normalize_row_writes calls),
  and on any failure after a split was made undo the splits already in the graph; in _push use ``shape[0]``.
  Under mark_dynamic / dynamic=True the joint write is refused before (not split): refused there.

Not found (equal or refused; the idea each tried):

* ro2_ protect_old_cache_readers (theme 1), graph dialects and real Inductor: the kept rows read once and used after
  the step where the fused call's cache is NOT a graph input -- a layer ``cache.view(3, -1, N, D)[1]`` (or
  ``unbind(0)[1]``), a cache the graph computes (``cache.clone()``, ``cache * 1``), the K half ``cache[:, 0]`` of a
  ``[S, 2, N, D]`` cache, the second of two steps into one cache input (its cache the first call's result): fused &
  equal (the call writes a detach_copy: keep_stacked_halves_out_of_place / keep_intermediate_caches_out_of_place /
  the non-functional call); reads whose ``_used_after`` walk stops at an extern kernel (``mm`` of the kept rows
  before the step, ``bmm`` with a size-1 dim that Inductor's CPU lowering turns into a mul and a sum, an mm between
  two steps), a cumsum / amax before, a sort after, the rows written into a KV copy before: fused & equal.
* sp_ _Pusher on a pooled stack: the reference, a cat then cast then view, a cat viewed, one shared weight, a stack on
  dim 2 permuted to the front: fused & equal (static); a roll over the stack: fused & equal / refused; a flip over the
  stack, the halves mixed through ``where(pr[1:].isnan(), ..)``, a [2B] product viewed after the sum: refused.
* sq_ ``unbind(-1)[0]`` of ``[B, 1]`` slots and ``[:, 0]``: fused & equal; ``unbind(-1)[0|1]`` of a ``[B, 2]``
  (slot, slot +- 1): refused (getitem on the slot path); the kept rows at the flipped slots' unbind: refused (keep).
* ml_ ``cache[..., :C]`` of a headless ``[NB, P, C + R]`` cache: the latent part, the rope part ``[..., R:]``, a middle
  part, a step-2 part: fused & equal (the op reads the strided view); the compressed cache itself a part of the
  pages' last dim (overlapping the latent part or not): refused ("the cache is a view of the paged input").
* sx2_ (SECOND) a cast or a scale between the stack and the pick, a stack of one input twice: fused & equal.

Read, not demonstrated: (1) stacked_pools records ``StackSplit(sel, new, [new], 1)`` without the pusher's
``sizes_read``: a symbolic size read at its hint by ``_Pusher._int`` / ``_is_stack`` is never guarded
(split_stacked_writes passes them, settle_stacked_splits guards them); every spelling tried either met the final
``_same_sizes(_shape(new), _shape(sel))`` check (a static row count against a symbolic batch: reverted) or was refused
before (sp_ under dynamic shapes, sp2_).  (2) lowering/ge_writes._same_size takes ANY two symbols as equal (no
check that their hints agree; the guard is left to the traced rewrite) -- torchair GE only, not run here.
(3) reinplace_clones walks ``_alias_readers(base)`` without Inductor's no-op table (protect_old_cache_readers uses
it); only the vLLM adapters' lazy_reads path reaches it with a placeholder cache, and it then keeps the clone whenever
any reader exists.  (4) Other
helpers that normalize_row_writes calls after split_stacked_writes (paged_flat_reads, concatenated_reads,
stacked_reads, dense_window_reads) are not wrapped either: any exception there has S2's effect.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, _qualifies, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_RCD = "REFUSED (control differs)"


def _std_calls(sizes=((12, 0), (16, 1)), **kw):
    def f():
        return [list(build(B=B, seed=seed, **kw).args) for B, seed in sizes]
    return f


# --- 1. ro2_: the kept rows' old values read beside the step and used after it, where protect_old_cache_readers'
# placeholder test does not apply (a layer view, a second step into the same cache, a cache the graph computed, a
# stacked K/V cache) or where its ``_used_after`` walk stops (extern kernels) -----------------------------------------
def _ro2(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        v = completes(lens)
        vv = v[:, None, None]
        if kind.startswith("layer"):  # layer 1 of a [3, S/3, N, D] view of the cache input
            big = cache.view(3, -1, *cache.shape[1:])
            layer = big.unbind(0)[1] if kind.startswith("layer_unbind") else big[1]
            old = layer[s]
            layer[s] = torch.where(vv, new.to(cache.dtype), old)
            if kind.endswith("sum"):
                return cache, old.float().nan_to_num().sum((1, 2))
            return cache, old.float() + 0
        if kind.startswith("copy"):  # a cache the graph computes (clone / * 1), its kept rows returned
            c = cache.clone() if kind.startswith("copy_clone") else cache * 1
            old = c[s]
            c[s] = torch.where(vv, new.to(cache.dtype), old)
            return c, old.float() + 0
        if kind.startswith("stacked"):  # the K half of a [S, 2, N, D] stacked cache input
            k = cache[:, 0]
            old = k[s]
            k[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, old.float() + 0
        old = cache[s]
        if kind == "kept_mm_before":  # an extern kernel (mm) reads the kept rows BEFORE the step
            y = old.float().nan_to_num().flatten(1) @ torch.ones(old.shape[1] * old.shape[2], 3)
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, y
        if kind == "kept_bmm_before":
            o = old.float().nan_to_num()
            y = torch.bmm(o, o.transpose(1, 2))
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, y
        if kind == "kept_bmm1_before":  # a bmm with a size-1 dim (Inductor's CPU lowering: a mul and a sum)
            o = old.float().nan_to_num().flatten(1)[:, None, :]
            y = torch.bmm(o, torch.ones(o.shape[0], o.shape[2], 3))
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, y
        if kind == "kept_mm_plus_after":  # mm before, its result and the rows themselves added after
            o = old.float().nan_to_num()
            y = o.flatten(1) @ torch.ones(o.shape[1] * o.shape[2], o.shape[1] * o.shape[2])
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, y + o.flatten(1)
        if kind == "kept_cumsum_before":
            c = old.float().cumsum(1)
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, c
        if kind == "kept_sort_after":
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, old.float().nan_to_num().sort(-1).values
        if kind == "kept_cat_after":
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, torch.cat([old, old], 1).float() + 0
        if kind == "kept_transposed_view_after":
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, old.transpose(1, 2).float() + 0
        if kind == "kept_amax_before":
            m = old.float().nan_to_num().amax((1, 2))
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, m
        if kind == "kept_into_kv_index_put_before":  # old rows written into the KV before the step, KV returned
            kv2 = kv.clone()
            kv2[0, :old.shape[0]] = old.to(kv.dtype)
            cache[s] = torch.where(vv, new.to(cache.dtype), old)
            return cache, kv2.float() + 0
        return write(cache, slots, v, new)
    return step


def _ro2_two(kind):
    """Two steps into ONE cache input, the second at other slots (an input of its own) with other weights."""
    def step(kv, w, slots, table, lens, cache, slots2):
        v = completes(lens)
        vv = v[:, None, None]
        s, s2 = slots.long(), slots2.long()
        new = pool(tokens(kv, table, positions(lens)), w)
        new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
        old1 = cache[s]
        if kind == "mm_between":  # an mm of the first step's kept rows placed between the steps
            y = old1.float().nan_to_num().flatten(1) @ torch.ones(old1.shape[1] * old1.shape[2], 3)
        cache[s] = torch.where(vv, new.to(cache.dtype), old1)
        old2 = cache[s2]
        cache[s2] = torch.where(vv, new2.to(cache.dtype), old2)
        if kind == "second_kept":
            return cache, old2.float() + 0
        if kind == "first_kept":
            return cache, old1.float() + 0
        if kind == "mm_between":
            return cache, y
        return cache, old1.float() + 0, old2.float() * 1
    return step


def _ro2_two_calls(overlap):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            S = a[5].shape[0]
            if overlap:  # the second step's slots: the first's, rotated by one row (every row written twice)
                a.append(a[2].roll(1, 0).clone())
            else:
                used = set(a[2].tolist())
                a.append(torch.tensor([x for x in range(S) if x not in used][:B], dtype=a[2].dtype))
            out.append(a)
        return out
    return f


def _ro2_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            if kind.startswith("layer"):
                a = list(build(B=B, seed=seed, num_slots=2 * B + 5).args)
                a[5] = torch.cat([a[5], a[5].flip(0), a[5] * 2])
            elif kind.startswith("stacked"):
                a = list(build(B=B, seed=seed).args)
                a[5] = torch.stack([a[5], a[5].flip(0)], 1).contiguous()
            else:
                a = list(build(B=B, seed=seed).args)
            out.append(a)
        return out
    return f


RO2 = [(f"ro2_{k}", _mk(_ro2(k), _ro2_calls(k), MODES3), "kept rows used after the step: " + k)
       for k in ("layer_kept", "layer_unbind_kept", "copy_clone_kept", "copy_mul1_kept", "stacked_k_kept",
                 "kept_mm_before", "kept_bmm1_before", "kept_cumsum_before", "kept_amax_before", "kept_sort_after",
                 "kept_into_kv_index_put_before")] + \
    [(f"ro2_two_{k}{'_overlap' if o else ''}", _mk(_ro2_two(k), _ro2_two_calls(o), MODES3),
      "two steps into one cache, kept rows used after: " + k + (" (the second's slots overlap)" if o else ""))
     for k, o in (("second_kept", False), ("first_kept", False), ("mm_between", True))]


# --- 2. sp_: K and V pooled as one stack, written per half (rewrite.stacked_pools / _Pusher) --------------------------
def _sp(kind):
    def step(kv, w, slots, table, lens, cache, cache2):
        pos = positions(lens)
        tk = tokens(kv, table, pos)
        tv = tokens(kv.flip(0), table, pos)  # the V pages: the same pool read back to front (page ids stay in range)
        w2 = torch.stack((w, w.flip(0)))
        if kind == "ref":
            win = torch.stack((tk, tv))
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "cat_cast_view":  # cat on dim 0, cast, then viewed as [2, B, ...]: the view's input not a cat
            win = torch.cat((tk, tv)).float().view(2, -1, *tk.shape[1:])
            pooled = (win * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "cat_view":
            win = torch.cat((tk, tv)).view(2, -1, *tk.shape[1:])
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "shared_w":  # one weight for both halves (broadcast, no stack dim)
            win = torch.stack((tk, tv))
            pooled = (win.float() * w.float()[None, None, :, :, None]).sum(2)
        elif kind == "perm_stack":  # stacked on dim 2, the stack moved to the front
            win = torch.stack((tk, tv), 2).permute(2, 0, 1, 3, 4)
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "roll_mix":  # the halves swapped by a roll over the stack (a select must stay: refused)
            win = torch.stack((tk, tv))
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2).roll(1, 0)
        elif kind == "flip_mix":
            win = torch.stack((tk, tv))
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2).flip(0)
        elif kind == "nan_of_both":  # a NaN in either half spreads to both (an operand with a stack dim of 1)
            win = torch.stack((tk, tv))
            pr = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
            both = pr.sum(0, keepdim=True)
            pooled = torch.where(both.isnan(), both, pr)
        elif kind == "other_half_where":  # half 0 where half 1 is NaN: the halves mix through a where on picks
            win = torch.stack((tk, tv))
            pr = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
            pooled = torch.where(pr[1:].isnan(), pr[1:], pr)
        elif kind == "three":  # a stack of three, halves 0 and 2 written
            win = torch.stack((tk, tv, tk))
            w3 = torch.stack((w, w.flip(0), w * 0.5))
            pooled = (win.float() * w3.float()[:, None, :, :, None]).sum(2)
            pooled = torch.stack((pooled[0], pooled[2]))
        elif kind == "reshape_rows":  # [2B, ...] product viewed as [2, B, N, D] after the sum
            win = torch.cat((tk, tv))
            w2r = w2.float().repeat_interleave(tk.shape[0], 0).view(2 * tk.shape[0], *w.shape)
            pooled = (win.float() * w2r[:, :, :, None]).sum(1).view(2, -1, *tk.shape[2:])
        elif kind == "neg_index":
            win = torch.stack((tk, tv))
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
            pooled = torch.stack((pooled[-2], pooled[-1]))
        v = completes(lens)
        s = slots.long()
        cache[s] = torch.where(v[:, None, None], pooled[0].to(cache.dtype), cache[s])
        cache2[s] = torch.where(v[:, None, None], pooled[1].to(cache2.dtype), cache2[s])
        return cache, cache2
    return step


def _sp_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            a.append(a[5].flip(0).clone())
            out.append(a)
        return out
    return f


SP = [(f"sp_{k}", _mk(_sp(k), _sp_calls(), MODES3), "K and V pooled as one stack: " + k)
      for k in ("ref", "cat_cast_view", "cat_view", "shared_w", "perm_stack", "roll_mix", "flip_mix",
                "other_half_where", "three", "reshape_rows", "neg_index")]


def _sx(kind):
    """A float stack picked beside the step (not pooled, not written): stacked_pools reads ``stack((a, b))[0]`` as the
    user's node ``a`` and settle_stacked_splits puts the pick back by replacing every use of ``a``."""
    def step(kv, w, slots, table, lens, cache):
        v = completes(lens)
        if kind == "refused_step":
            v = v & (lens.max() < 250)
        aux = torch.stack((w.float(), w.float() * 2))
        if kind == "no_step":
            cache[slots.long()] = cache[slots.long()] * 2
        else:
            write(cache, slots, v, pool(tokens(kv, table, positions(lens)), w))
        if kind == "pick_last":
            return cache, aux[1] + 1
        return cache, aux[0] + 1
    return step


def _sx_kv(kind):
    """The step's own tokens picked out of a stack of K and V windows (the pooled step reads ``stack((tk, tv))[0]``)."""
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        tk, tv = tokens(kv, table, pos), tokens(kv.flip(0), table, pos)
        win = torch.stack((tk, tv))
        tok = win[0] if kind == "tokens_pick" else win[1]
        write(cache, slots, completes(lens), pool(tok, w))
        return cache
    return step


SX = [(f"sx_{k}", _mk(_sx(k), _std_calls(), MODES3), "a float stack picked beside the step: " + k)
      for k in ("fused_step", "refused_step", "no_step", "pick_last")] + \
     [(f"sx_{k}", _mk(_sx_kv(k), _std_calls(), MODES3), "the step's tokens picked out of a stack: " + k)
      for k in ("tokens_pick", "tokens_pick_v")]


# --- 3. sq_: exactness._squeezes (``unbind(-1)[0]`` of [B, 1] slots), roles._part_of_last_dim_3d (``cache[..., :C]``
# of a headless [NB, P, C + R] cache), merge_duplicate_views on slices ------------------------------------------------
def _sq(kind):
    def step(kv, w, slots, table, lens, cache):
        s2 = slots.long()[:, None]  # [B, 1]
        if kind == "unbind0":
            s = s2.unbind(-1)[0]
        elif kind == "unbind_wide":  # [B, 2] (slot, slot + 1): unbind(-1)[1] -- a size-2 dim, not a squeeze
            s = torch.cat((s2, s2 + 1), 1).unbind(-1)[0]
        elif kind == "unbind_wide1":
            s = torch.cat((s2 - 1, s2), 1).unbind(-1)[1]
        elif kind == "unbind_kept_other":  # the kept rows read at unbind(-1)[0] of ANOTHER [B, 1] (flipped slots)
            s = s2.unbind(-1)[0]
            sk = s2.flip(0).unbind(-1)[0]
            cache[s] = torch.where(completes(lens)[:, None, None],
                                   pool(tokens(kv, table, positions(lens)), w).to(cache.dtype), cache[sk])
            return cache
        elif kind == "select_col":
            s = s2[:, 0]
        else:
            s = s2.squeeze(1)
        cache[s] = torch.where(completes(lens)[:, None, None],
                               pool(tokens(kv, table, positions(lens)), w).to(cache.dtype), cache[s])
        return cache
    return step


SQ = [(f"sq_{k}", _mk(_sq(k), _std_calls(), MODES3), "slots squeezed off a [B, 1] index: " + k)
      for k in ("unbind0", "unbind_wide", "unbind_wide1", "unbind_kept_other", "select_col")]


C_LAT, R_ROPE = 16, 16


def _ml(kind):
    """A headless [NB, P, C + R] cache; the latent part [..., :C] pooled into a [S, C] compressed cache."""
    def step(kv, w, slots, table, lens, cache):
        full = kv  # [NB, P, C + R]
        if kind == "ref":
            kvc = full[..., :C_LAT]
        elif kind == "rope_part":  # the rope part [..., C:] (the second part: the cache's last R entries)
            kvc = full[..., R_ROPE:]
        elif kind == "mid_part":  # [..., 4:4 + C]
            kvc = full[..., 4:4 + C_LAT]
        elif kind == "step2":  # every other entry
            kvc = full[..., 0:2 * C_LAT:2]
        elif kind == "narrow":
            kvc = full.narrow(-1, 0, C_LAT)
        elif kind in ("overlap", "rope_write"):  # the compressed cache IS a part of the pages' last dim
            kvc = full[..., :C_LAT]
            lo = 8 if kind == "overlap" else C_LAT  # (cols 8 .. 24: half of them the latent part the windows read)
            cmp = full.view(-1, full.shape[-1])[:, lo:lo + C_LAT]
            pos = positions(lens)
            P = kvc.shape[1]
            win = kvc[table.long().gather(1, pos // P), pos % P]
            new = (win.float() * w.float()[None, :, 0:1]).sum(1)
            s = slots.long()
            cmp[s] = torch.where(completes(lens)[:, None], new.to(cmp.dtype), cmp[s])
            return full
        elif kind == "flat_view":  # the latent part through a flat view of the pages
            kvc = full.view(full.shape[0], -1)[:, :].view(full.shape)[..., :C_LAT]
        pos = positions(lens)
        P = kvc.shape[1]
        win = kvc[table.long().gather(1, pos // P), pos % P]  # [B, l, C]
        new = (win.float() * w.float()[None, :, 0:1]).sum(1)
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None], new.to(cache.dtype), cache[s])
        return cache
    return step


def _ml_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, N=1, D=C_LAT + R_ROPE).args)
            a[0] = a[0][:, :, 0].contiguous()  # [NB, P, C + R]
            a[5] = a[5][:, 0, :C_LAT].contiguous()  # [S, C]
            out.append(a)
        return out
    return f


ML = [(f"ml_{k}", _mk(_ml(k), _ml_calls(), MODES3), "MLA latent part of a [NB, P, C + R] cache: " + k)
      for k in ("ref", "rope_part", "mid_part", "step2", "overlap", "rope_write")]


# --- SECOND (written during the first try, not part of it): S1 delimited; the stacked pool with inputs of its own for
# V (the first try's V weights / pages were views of K's: refused under dynamic shapes as a tiling) -------------------
def _sx2(kind):
    def step(kv, w, slots, table, lens, cache):
        write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        a, b = w.float(), w.float() * 2
        if kind == "cat_unsqueeze_pick":  # torch.cat((a[None], b[None]))[1]
            return cache, torch.cat((a[None], b[None]))[1] + 1
        if kind == "stack_cast_pick":  # a cast between the stack and the pick (the push builds a node of its own)
            return cache, torch.stack((a, b)).half()[0].float() + 1
        if kind == "stack_scaled_pick":
            return cache, (torch.stack((a, b)) * 3)[0] + 1
        if kind == "stack_pick_both":  # both halves picked (q, k = qk[0], qk[1])
            qk = torch.stack((a, b))
            return cache, qk[0] + qk[1]
        if kind == "stack_of_inputs_pick":  # the parts graph inputs themselves
            return cache, torch.stack((w, w))[0].float() + 1
        if kind == "stack_pick_returned":  # the pick returned as it is
            return cache, torch.stack((a, b))[1]
        return cache
    return step


def _sp2(kind):
    """K and V from inputs of their own: V pages kv_v, V weights w_v, a V cache cache_v (the same slots, table,
    lengths)."""
    def step(kv, w, slots, table, lens, cache, kv_v, w_v, cache_v):
        pos = positions(lens)
        tk, tv = tokens(kv, table, pos), tokens(kv_v, table, pos)
        w2 = torch.stack((w, w_v))
        if kind == "ref":
            pooled = (torch.stack((tk, tv)).float() * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "cat_cast_view":
            win = torch.cat((tk, tv)).float().view(2, -1, *tk.shape[1:])
            pooled = (win * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "cat_view":
            win = torch.cat((tk, tv)).view(2, -1, *tk.shape[1:])
            pooled = (win.float() * w2.float()[:, None, :, :, None]).sum(2)
        elif kind == "half_fused_only":  # only pooled[0] written as the contract; pooled[1] returned (S1 in a real
            # compression: the V pick is put back, every use of tv replaced)
            pooled = (torch.stack((tk, tv)).float() * w2.float()[:, None, :, :, None]).sum(2)
            v, s = completes(lens), slots.long()
            cache[s] = torch.where(v[:, None, None], pooled[0].to(cache.dtype), cache[s])
            return cache, pooled[1] * 1
        v, s = completes(lens), slots.long()
        cache[s] = torch.where(v[:, None, None], pooled[0].to(cache.dtype), cache[s])
        cache_v[s] = torch.where(v[:, None, None], pooled[1].to(cache_v.dtype), cache_v[s])
        return cache, cache_v
    return step


def _sp2_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            b = build(B=B, seed=seed + 7).args
            a += [b[0].clone(), b[1].clone(), b[5][:a[5].shape[0]].clone() if b[5].shape[0] >= a[5].shape[0]
                  else a[5].flip(0).clone()]
            out.append(a)
        return out
    return f


def _trigger(w):
    """A pick of an uneven float cat whose first part is a reshape (``cat((y.view(2, 12), b[None]))[0]``, y [6, 4]):
    _Pusher._push reads the [2, 12] part's rows as rows of a G = 3 stack (k = 6 // 3 = 2 rows of y each) and the
    reshape it builds fails: a RuntimeError, not _CannotPush, out of stacked_pools."""
    y = w.float()[:12].reshape(6, 4)
    x = torch.cat((y.view(2, 12), w.float()[12:18].reshape(12)[None]))
    return x[0] + 1


def _jx(kind):
    """red team 44's stacked [2, S, N, D] fp32 cache written jointly from ``stack((pk, pv.half())) + stack((0,
    1/3)).half()`` (refused whole by _consider_joint: the V half is not the contract), with or without the trigger."""
    def step(kv, w, slots, table, lens, cache):
        if kind == "trigger_plain_step":
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return cache, _trigger(w)
        tok = tokens(kv, table, positions(lens))
        pk, pv = pool(tok, w), pool(tok, w.flip(0))
        lo = torch.bfloat16 if "bf16" in kind else torch.float16
        D = pk.shape[-1]
        bias = torch.stack((torch.zeros(D), torch.full((D,), 1 / 3))).to(lo)[:, None, None, :]
        st = torch.stack((pk, pv.to(lo))) + bias
        s = slots.long()
        cache[:, s] = torch.where(completes(lens)[None, :, None, None], st.to(cache.dtype), cache[:, s])
        return (cache, _trigger(w)) if kind.startswith("trigger") else (cache, w.float()[0] + 1)
    return step


def _jx_calls(kind):
    def f():
        if kind == "trigger_plain_step":
            return [list(build(B=B, seed=seed).args) for B, seed in ((12, 0), (16, 1))]
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, dtype=torch.float32).args)
            a[5] = torch.stack((a[5], a[5].flip(0)))
            out.append(a)
        return out
    return f


JX = [(f"jx_{k}", _mk(_jx(k), _jx_calls(k), MODES3), "a joint stacked write beside a stacked_pools exception: " + k)
      for k in ("trigger_half", "trigger_bf16", "no_trigger_half", "trigger_plain_step")]


SECOND = JX + [(f"sx2_{k}", _mk(_sx2(k), _std_calls(), MODES3), "a float stack picked beside a fused step: " + k)
          for k in ("cat_unsqueeze_pick", "stack_cast_pick", "stack_scaled_pick", "stack_pick_both",
                    "stack_of_inputs_pick", "stack_pick_returned")] + \
         [(f"sp2_{k}", _mk(_sp2(k), _sp2_calls(), MODES3), "K and V pooled as one stack, inputs of their own: " + k)
          for k in ("ref", "cat_cast_view", "cat_view", "half_fused_only")]


ATTACKS = RO2 + SP + SX + SQ + ML + SECOND

_FIRST = [
    ('ro2_layer_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_layer_kept', 'inductor_graph', 'batch', _EQ),
    ('ro2_layer_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_layer_unbind_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_layer_unbind_kept', 'inductor_graph', 'batch', _EQ),
    ('ro2_layer_unbind_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_copy_clone_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_copy_clone_kept', 'inductor_graph', 'batch', _EQ),
    ('ro2_copy_clone_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_copy_mul1_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_copy_mul1_kept', 'inductor_graph', 'batch', _EQ),
    ('ro2_copy_mul1_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_stacked_k_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_stacked_k_kept', 'inductor_graph', 'batch', _EQ),
    ('ro2_stacked_k_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_kept_mm_before', 'inductor_graph', 'static', _EQ),
    ('ro2_kept_mm_before', 'inductor_graph', 'batch', _EQ),
    ('ro2_kept_mm_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_kept_bmm1_before', 'inductor_graph', 'static', _EQ),
    ('ro2_kept_bmm1_before', 'inductor_graph', 'batch', _EQ),
    ('ro2_kept_bmm1_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_kept_cumsum_before', 'inductor_graph', 'static', _EQ),
    ('ro2_kept_cumsum_before', 'inductor_graph', 'batch', _EQ),
    ('ro2_kept_cumsum_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_kept_amax_before', 'inductor_graph', 'static', _EQ),
    ('ro2_kept_amax_before', 'inductor_graph', 'batch', _EQ),
    ('ro2_kept_amax_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_kept_sort_after', 'inductor_graph', 'static', _EQ),
    ('ro2_kept_sort_after', 'inductor_graph', 'batch', _EQ),
    ('ro2_kept_sort_after', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'inductor_graph', 'static', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'inductor_graph', 'batch', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_two_second_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_two_second_kept', 'inductor_graph', 'batch', _CCT),
    ('ro2_two_second_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_two_first_kept', 'inductor_graph', 'static', _EQ),
    ('ro2_two_first_kept', 'inductor_graph', 'batch', _CCT),
    ('ro2_two_first_kept', 'inductor_graph', 'dynamic', _EQ),
    ('ro2_two_mm_between_overlap', 'inductor_graph', 'static', _EQ),
    ('ro2_two_mm_between_overlap', 'inductor_graph', 'batch', _CCT),
    ('ro2_two_mm_between_overlap', 'inductor_graph', 'dynamic', _EQ),
    ('sp_ref', 'inductor_graph', 'static', _EQ),
    ('sp_ref', 'inductor_graph', 'batch', _R),
    ('sp_ref', 'inductor_graph', 'dynamic', _R),
    ('sp_cat_cast_view', 'inductor_graph', 'static', _EQ),
    ('sp_cat_cast_view', 'inductor_graph', 'batch', _R),
    ('sp_cat_cast_view', 'inductor_graph', 'dynamic', _R),
    ('sp_cat_view', 'inductor_graph', 'static', _EQ),
    ('sp_cat_view', 'inductor_graph', 'batch', _R),
    ('sp_cat_view', 'inductor_graph', 'dynamic', _R),
    ('sp_shared_w', 'inductor_graph', 'static', _EQ),
    ('sp_shared_w', 'inductor_graph', 'batch', _R),
    ('sp_shared_w', 'inductor_graph', 'dynamic', _R),
    ('sp_perm_stack', 'inductor_graph', 'static', _EQ),
    ('sp_perm_stack', 'inductor_graph', 'batch', _R),
    ('sp_perm_stack', 'inductor_graph', 'dynamic', _R),
    ('sp_roll_mix', 'inductor_graph', 'static', _EQ),
    ('sp_roll_mix', 'inductor_graph', 'batch', _R),
    ('sp_roll_mix', 'inductor_graph', 'dynamic', _R),
    ('sp_flip_mix', 'inductor_graph', 'static', _R),
    ('sp_flip_mix', 'inductor_graph', 'batch', _R),
    ('sp_flip_mix', 'inductor_graph', 'dynamic', _R),
    ('sp_other_half_where', 'inductor_graph', 'static', _R),
    ('sp_other_half_where', 'inductor_graph', 'batch', _R),
    ('sp_other_half_where', 'inductor_graph', 'dynamic', _R),
    ('sp_three', 'inductor_graph', 'static', _CR),
    ('sp_three', 'inductor_graph', 'batch', _CR),
    ('sp_three', 'inductor_graph', 'dynamic', _CR),
    ('sp_reshape_rows', 'inductor_graph', 'static', _R),
    ('sp_reshape_rows', 'inductor_graph', 'batch', _R),
    ('sp_reshape_rows', 'inductor_graph', 'dynamic', _R),
    ('sp_neg_index', 'inductor_graph', 'static', _CR),
    ('sp_neg_index', 'inductor_graph', 'batch', _CR),
    ('sp_neg_index', 'inductor_graph', 'dynamic', _CR),
    ('sx_fused_step', 'inductor_graph', 'static', _CR),
    ('sx_fused_step', 'inductor_graph', 'batch', _CR),
    ('sx_fused_step', 'inductor_graph', 'dynamic', _CR),
    ('sx_refused_step', 'inductor_graph', 'static', _CR),
    ('sx_refused_step', 'inductor_graph', 'batch', _CR),
    ('sx_refused_step', 'inductor_graph', 'dynamic', _CR),
    ('sx_no_step', 'inductor_graph', 'static', _CR),
    ('sx_no_step', 'inductor_graph', 'batch', _CR),
    ('sx_no_step', 'inductor_graph', 'dynamic', _CR),
    ('sx_pick_last', 'inductor_graph', 'static', _CR),
    ('sx_pick_last', 'inductor_graph', 'batch', _CR),
    ('sx_pick_last', 'inductor_graph', 'dynamic', _CR),
    ('sx_tokens_pick', 'inductor_graph', 'static', _CR),
    ('sx_tokens_pick', 'inductor_graph', 'batch', _CR),
    ('sx_tokens_pick', 'inductor_graph', 'dynamic', _CR),
    ('sx_tokens_pick_v', 'inductor_graph', 'static', _CR),
    ('sx_tokens_pick_v', 'inductor_graph', 'batch', _CR),
    ('sx_tokens_pick_v', 'inductor_graph', 'dynamic', _CR),
    ('sq_unbind0', 'inductor_graph', 'static', _EQ),
    ('sq_unbind0', 'inductor_graph', 'batch', _EQ),
    ('sq_unbind0', 'inductor_graph', 'dynamic', _EQ),
    ('sq_unbind_wide', 'inductor_graph', 'static', _R),
    ('sq_unbind_wide', 'inductor_graph', 'batch', _R),
    ('sq_unbind_wide', 'inductor_graph', 'dynamic', _R),
    ('sq_unbind_wide1', 'inductor_graph', 'static', _R),
    ('sq_unbind_wide1', 'inductor_graph', 'batch', _R),
    ('sq_unbind_wide1', 'inductor_graph', 'dynamic', _R),
    ('sq_unbind_kept_other', 'inductor_graph', 'static', _R),
    ('sq_unbind_kept_other', 'inductor_graph', 'batch', _R),
    ('sq_unbind_kept_other', 'inductor_graph', 'dynamic', _R),
    ('sq_select_col', 'inductor_graph', 'static', _EQ),
    ('sq_select_col', 'inductor_graph', 'batch', _EQ),
    ('sq_select_col', 'inductor_graph', 'dynamic', _EQ),
    ('ml_ref', 'inductor_graph', 'static', _EQ),
    ('ml_ref', 'inductor_graph', 'batch', _EQ),
    ('ml_ref', 'inductor_graph', 'dynamic', _EQ),
    ('ml_rope_part', 'inductor_graph', 'static', _EQ),
    ('ml_rope_part', 'inductor_graph', 'batch', _EQ),
    ('ml_rope_part', 'inductor_graph', 'dynamic', _EQ),
    ('ml_mid_part', 'inductor_graph', 'static', _EQ),
    ('ml_mid_part', 'inductor_graph', 'batch', _EQ),
    ('ml_mid_part', 'inductor_graph', 'dynamic', _EQ),
    ('ml_step2', 'inductor_graph', 'static', _EQ),
    ('ml_step2', 'inductor_graph', 'batch', _EQ),
    ('ml_step2', 'inductor_graph', 'dynamic', _EQ),
    ('ml_overlap', 'inductor_graph', 'static', _R),
    ('ml_overlap', 'inductor_graph', 'batch', _R),
    ('ml_overlap', 'inductor_graph', 'dynamic', _R),
    ('ml_rope_write', 'inductor_graph', 'static', _R),
    ('ml_rope_write', 'inductor_graph', 'batch', _R),
    ('ml_rope_write', 'inductor_graph', 'dynamic', _R),
    ('ro2_layer_kept', 'torchair_like', 'static', _EQ),
    ('ro2_layer_kept', 'torchair_like', 'batch', _EQ),
    ('ro2_layer_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_layer_unbind_kept', 'torchair_like', 'static', _EQ),
    ('ro2_layer_unbind_kept', 'torchair_like', 'batch', _EQ),
    ('ro2_layer_unbind_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_copy_clone_kept', 'torchair_like', 'static', _EQ),
    ('ro2_copy_clone_kept', 'torchair_like', 'batch', _EQ),
    ('ro2_copy_clone_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_copy_mul1_kept', 'torchair_like', 'static', _EQ),
    ('ro2_copy_mul1_kept', 'torchair_like', 'batch', _EQ),
    ('ro2_copy_mul1_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_stacked_k_kept', 'torchair_like', 'static', _EQ),
    ('ro2_stacked_k_kept', 'torchair_like', 'batch', _EQ),
    ('ro2_stacked_k_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_kept_mm_before', 'torchair_like', 'static', _EQ),
    ('ro2_kept_mm_before', 'torchair_like', 'batch', _EQ),
    ('ro2_kept_mm_before', 'torchair_like', 'dynamic', _EQ),
    ('ro2_kept_bmm1_before', 'torchair_like', 'static', _EQ),
    ('ro2_kept_bmm1_before', 'torchair_like', 'batch', _EQ),
    ('ro2_kept_bmm1_before', 'torchair_like', 'dynamic', _EQ),
    ('ro2_kept_cumsum_before', 'torchair_like', 'static', _EQ),
    ('ro2_kept_cumsum_before', 'torchair_like', 'batch', _EQ),
    ('ro2_kept_cumsum_before', 'torchair_like', 'dynamic', _EQ),
    ('ro2_kept_amax_before', 'torchair_like', 'static', _EQ),
    ('ro2_kept_amax_before', 'torchair_like', 'batch', _EQ),
    ('ro2_kept_amax_before', 'torchair_like', 'dynamic', _EQ),
    ('ro2_kept_sort_after', 'torchair_like', 'static', _EQ),
    ('ro2_kept_sort_after', 'torchair_like', 'batch', _EQ),
    ('ro2_kept_sort_after', 'torchair_like', 'dynamic', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'torchair_like', 'static', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'torchair_like', 'batch', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'torchair_like', 'dynamic', _EQ),
    ('ro2_two_second_kept', 'torchair_like', 'static', _EQ),
    ('ro2_two_second_kept', 'torchair_like', 'batch', _CCT),
    ('ro2_two_second_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_two_first_kept', 'torchair_like', 'static', _EQ),
    ('ro2_two_first_kept', 'torchair_like', 'batch', _CCT),
    ('ro2_two_first_kept', 'torchair_like', 'dynamic', _EQ),
    ('ro2_two_mm_between_overlap', 'torchair_like', 'static', _EQ),
    ('ro2_two_mm_between_overlap', 'torchair_like', 'batch', _CCT),
    ('ro2_two_mm_between_overlap', 'torchair_like', 'dynamic', _EQ),
    ('sp_ref', 'torchair_like', 'static', _EQ),
    ('sp_ref', 'torchair_like', 'batch', _R),
    ('sp_ref', 'torchair_like', 'dynamic', _R),
    ('sp_cat_cast_view', 'torchair_like', 'static', _EQ),
    ('sp_cat_cast_view', 'torchair_like', 'batch', _R),
    ('sp_cat_cast_view', 'torchair_like', 'dynamic', _R),
    ('sp_cat_view', 'torchair_like', 'static', _EQ),
    ('sp_cat_view', 'torchair_like', 'batch', _R),
    ('sp_cat_view', 'torchair_like', 'dynamic', _R),
    ('sp_shared_w', 'torchair_like', 'static', _EQ),
    ('sp_shared_w', 'torchair_like', 'batch', _EQ),
    ('sp_shared_w', 'torchair_like', 'dynamic', _EQ),
    ('sp_perm_stack', 'torchair_like', 'static', _EQ),
    ('sp_perm_stack', 'torchair_like', 'batch', _R),
    ('sp_perm_stack', 'torchair_like', 'dynamic', _R),
    ('sp_roll_mix', 'torchair_like', 'static', _R),
    ('sp_roll_mix', 'torchair_like', 'batch', _R),
    ('sp_roll_mix', 'torchair_like', 'dynamic', _R),
    ('sp_flip_mix', 'torchair_like', 'static', _R),
    ('sp_flip_mix', 'torchair_like', 'batch', _R),
    ('sp_flip_mix', 'torchair_like', 'dynamic', _R),
    ('sp_other_half_where', 'torchair_like', 'static', _R),
    ('sp_other_half_where', 'torchair_like', 'batch', _R),
    ('sp_other_half_where', 'torchair_like', 'dynamic', _R),
    ('sp_three', 'torchair_like', 'static', _CR),
    ('sp_three', 'torchair_like', 'batch', _CR),
    ('sp_three', 'torchair_like', 'dynamic', _CR),
    ('sp_reshape_rows', 'torchair_like', 'static', _R),
    ('sp_reshape_rows', 'torchair_like', 'batch', _R),
    ('sp_reshape_rows', 'torchair_like', 'dynamic', _R),
    ('sp_neg_index', 'torchair_like', 'static', _CR),
    ('sp_neg_index', 'torchair_like', 'batch', _CR),
    ('sp_neg_index', 'torchair_like', 'dynamic', _CR),
    ('sx_fused_step', 'torchair_like', 'static', _CR),
    ('sx_fused_step', 'torchair_like', 'batch', _CR),
    ('sx_fused_step', 'torchair_like', 'dynamic', _CR),
    ('sx_refused_step', 'torchair_like', 'static', _CR),
    ('sx_refused_step', 'torchair_like', 'batch', _CR),
    ('sx_refused_step', 'torchair_like', 'dynamic', _CR),
    ('sx_no_step', 'torchair_like', 'static', _CR),
    ('sx_no_step', 'torchair_like', 'batch', _CR),
    ('sx_no_step', 'torchair_like', 'dynamic', _CR),
    ('sx_pick_last', 'torchair_like', 'static', _CR),
    ('sx_pick_last', 'torchair_like', 'batch', _CR),
    ('sx_pick_last', 'torchair_like', 'dynamic', _CR),
    ('sx_tokens_pick', 'torchair_like', 'static', _CR),
    ('sx_tokens_pick', 'torchair_like', 'batch', _CR),
    ('sx_tokens_pick', 'torchair_like', 'dynamic', _CR),
    ('sx_tokens_pick_v', 'torchair_like', 'static', _CR),
    ('sx_tokens_pick_v', 'torchair_like', 'batch', _CR),
    ('sx_tokens_pick_v', 'torchair_like', 'dynamic', _CR),
    ('sq_unbind0', 'torchair_like', 'static', _EQ),
    ('sq_unbind0', 'torchair_like', 'batch', _EQ),
    ('sq_unbind0', 'torchair_like', 'dynamic', _EQ),
    ('sq_unbind_wide', 'torchair_like', 'static', _R),
    ('sq_unbind_wide', 'torchair_like', 'batch', _R),
    ('sq_unbind_wide', 'torchair_like', 'dynamic', _R),
    ('sq_unbind_wide1', 'torchair_like', 'static', _R),
    ('sq_unbind_wide1', 'torchair_like', 'batch', _R),
    ('sq_unbind_wide1', 'torchair_like', 'dynamic', _R),
    ('sq_unbind_kept_other', 'torchair_like', 'static', _R),
    ('sq_unbind_kept_other', 'torchair_like', 'batch', _R),
    ('sq_unbind_kept_other', 'torchair_like', 'dynamic', _R),
    ('sq_select_col', 'torchair_like', 'static', _EQ),
    ('sq_select_col', 'torchair_like', 'batch', _EQ),
    ('sq_select_col', 'torchair_like', 'dynamic', _EQ),
    ('ml_ref', 'torchair_like', 'static', _EQ),
    ('ml_ref', 'torchair_like', 'batch', _EQ),
    ('ml_ref', 'torchair_like', 'dynamic', _EQ),
    ('ml_rope_part', 'torchair_like', 'static', _EQ),
    ('ml_rope_part', 'torchair_like', 'batch', _EQ),
    ('ml_rope_part', 'torchair_like', 'dynamic', _EQ),
    ('ml_mid_part', 'torchair_like', 'static', _EQ),
    ('ml_mid_part', 'torchair_like', 'batch', _EQ),
    ('ml_mid_part', 'torchair_like', 'dynamic', _EQ),
    ('ml_step2', 'torchair_like', 'static', _EQ),
    ('ml_step2', 'torchair_like', 'batch', _EQ),
    ('ml_step2', 'torchair_like', 'dynamic', _EQ),
    ('ml_overlap', 'torchair_like', 'static', _R),
    ('ml_overlap', 'torchair_like', 'batch', _R),
    ('ml_overlap', 'torchair_like', 'dynamic', _R),
    ('ml_rope_write', 'torchair_like', 'static', _R),
    ('ml_rope_write', 'torchair_like', 'batch', _R),
    ('ml_rope_write', 'torchair_like', 'dynamic', _R),
]

_LATER = [
    ('jx_trigger_half', 'inductor_graph', 'static', _EQ),
    ('jx_trigger_half', 'inductor_graph', 'batch', _R),
    ('jx_trigger_half', 'inductor_graph', 'dynamic', _R),
    ('jx_trigger_bf16', 'inductor_graph', 'static', _EQ),
    ('jx_trigger_bf16', 'inductor_graph', 'batch', _R),
    ('jx_trigger_bf16', 'inductor_graph', 'dynamic', _R),
    ('jx_no_trigger_half', 'inductor_graph', 'static', _R),
    ('jx_no_trigger_half', 'inductor_graph', 'batch', _R),
    ('jx_no_trigger_half', 'inductor_graph', 'dynamic', _R),
    ('jx_trigger_plain_step', 'inductor_graph', 'static', _EQ),
    ('jx_trigger_plain_step', 'inductor_graph', 'batch', _EQ),
    ('jx_trigger_plain_step', 'inductor_graph', 'dynamic', _EQ),
    ('sx2_cat_unsqueeze_pick', 'inductor_graph', 'static', _CR),
    ('sx2_cat_unsqueeze_pick', 'inductor_graph', 'batch', _CR),
    ('sx2_cat_unsqueeze_pick', 'inductor_graph', 'dynamic', _CR),
    ('sx2_stack_cast_pick', 'inductor_graph', 'static', _EQ),
    ('sx2_stack_cast_pick', 'inductor_graph', 'batch', _EQ),
    ('sx2_stack_cast_pick', 'inductor_graph', 'dynamic', _EQ),
    ('sx2_stack_scaled_pick', 'inductor_graph', 'static', _EQ),
    ('sx2_stack_scaled_pick', 'inductor_graph', 'batch', _EQ),
    ('sx2_stack_scaled_pick', 'inductor_graph', 'dynamic', _EQ),
    ('sx2_stack_pick_both', 'inductor_graph', 'static', _CR),
    ('sx2_stack_pick_both', 'inductor_graph', 'batch', _CR),
    ('sx2_stack_pick_both', 'inductor_graph', 'dynamic', _CR),
    ('sx2_stack_of_inputs_pick', 'inductor_graph', 'static', _EQ),
    ('sx2_stack_of_inputs_pick', 'inductor_graph', 'batch', _EQ),
    ('sx2_stack_of_inputs_pick', 'inductor_graph', 'dynamic', _EQ),
    ('sx2_stack_pick_returned', 'inductor_graph', 'static', _CR),
    ('sx2_stack_pick_returned', 'inductor_graph', 'batch', _CR),
    ('sx2_stack_pick_returned', 'inductor_graph', 'dynamic', _CR),
    ('sp2_ref', 'inductor_graph', 'static', _R),
    ('sp2_ref', 'inductor_graph', 'batch', _R),
    ('sp2_ref', 'inductor_graph', 'dynamic', _R),
    ('sp2_cat_cast_view', 'inductor_graph', 'static', _R),
    ('sp2_cat_cast_view', 'inductor_graph', 'batch', _R),
    ('sp2_cat_cast_view', 'inductor_graph', 'dynamic', _R),
    ('sp2_cat_view', 'inductor_graph', 'static', _R),
    ('sp2_cat_view', 'inductor_graph', 'batch', _R),
    ('sp2_cat_view', 'inductor_graph', 'dynamic', _R),
    ('sp2_half_fused_only', 'inductor_graph', 'static', _R),
    ('sp2_half_fused_only', 'inductor_graph', 'batch', _R),
    ('sp2_half_fused_only', 'inductor_graph', 'dynamic', _R),
    ('jx_trigger_half', 'torchair_like', 'static', _R),
    ('jx_trigger_half', 'torchair_like', 'batch', _R),
    ('jx_trigger_half', 'torchair_like', 'dynamic', _R),
    ('jx_trigger_bf16', 'torchair_like', 'static', _R),
    ('jx_trigger_bf16', 'torchair_like', 'batch', _R),
    ('jx_trigger_bf16', 'torchair_like', 'dynamic', _R),
    ('jx_no_trigger_half', 'torchair_like', 'static', _R),
    ('jx_no_trigger_half', 'torchair_like', 'batch', _R),
    ('jx_no_trigger_half', 'torchair_like', 'dynamic', _R),
    ('jx_trigger_plain_step', 'torchair_like', 'static', _EQ),
    ('jx_trigger_plain_step', 'torchair_like', 'batch', _EQ),
    ('jx_trigger_plain_step', 'torchair_like', 'dynamic', _EQ),
    ('sx2_cat_unsqueeze_pick', 'torchair_like', 'static', _CR),
    ('sx2_cat_unsqueeze_pick', 'torchair_like', 'batch', _CR),
    ('sx2_cat_unsqueeze_pick', 'torchair_like', 'dynamic', _CR),
    ('sx2_stack_cast_pick', 'torchair_like', 'static', _EQ),
    ('sx2_stack_cast_pick', 'torchair_like', 'batch', _EQ),
    ('sx2_stack_cast_pick', 'torchair_like', 'dynamic', _EQ),
    ('sx2_stack_scaled_pick', 'torchair_like', 'static', _EQ),
    ('sx2_stack_scaled_pick', 'torchair_like', 'batch', _EQ),
    ('sx2_stack_scaled_pick', 'torchair_like', 'dynamic', _EQ),
    ('sx2_stack_pick_both', 'torchair_like', 'static', _CR),
    ('sx2_stack_pick_both', 'torchair_like', 'batch', _CR),
    ('sx2_stack_pick_both', 'torchair_like', 'dynamic', _CR),
    ('sx2_stack_of_inputs_pick', 'torchair_like', 'static', _EQ),
    ('sx2_stack_of_inputs_pick', 'torchair_like', 'batch', _EQ),
    ('sx2_stack_of_inputs_pick', 'torchair_like', 'dynamic', _EQ),
    ('sx2_stack_pick_returned', 'torchair_like', 'static', _CR),
    ('sx2_stack_pick_returned', 'torchair_like', 'batch', _CR),
    ('sx2_stack_pick_returned', 'torchair_like', 'dynamic', _CR),
    ('sp2_ref', 'torchair_like', 'static', _R),
    ('sp2_ref', 'torchair_like', 'batch', _R),
    ('sp2_ref', 'torchair_like', 'dynamic', _R),
    ('sp2_cat_cast_view', 'torchair_like', 'static', _R),
    ('sp2_cat_cast_view', 'torchair_like', 'batch', _R),
    ('sp2_cat_cast_view', 'torchair_like', 'dynamic', _R),
    ('sp2_cat_view', 'torchair_like', 'static', _R),
    ('sp2_cat_view', 'torchair_like', 'batch', _R),
    ('sp2_cat_view', 'torchair_like', 'dynamic', _R),
    ('sp2_half_fused_only', 'torchair_like', 'static', _R),
    ('sp2_half_fused_only', 'torchair_like', 'batch', _R),
    ('sp2_half_fused_only', 'torchair_like', 'dynamic', _R),
    ('jx_trigger_half', 'inductor', 'static', _FF),
    ('jx_trigger_half', 'inductor', 'batch', _R),
    ('jx_trigger_half', 'inductor', 'dynamic', _R),
    ('jx_trigger_bf16', 'inductor', 'static', _FF),
    ('jx_trigger_bf16', 'inductor', 'batch', _R),
    ('jx_trigger_bf16', 'inductor', 'dynamic', _R),
    ('jx_no_trigger_half', 'inductor', 'static', _R),
    ('jx_no_trigger_half', 'inductor', 'batch', _R),
    ('jx_no_trigger_half', 'inductor', 'dynamic', _R),
    ('jx_trigger_plain_step', 'inductor', 'static', _EQ),
    ('jx_trigger_plain_step', 'inductor', 'batch', _EQ),
    ('jx_trigger_plain_step', 'inductor', 'dynamic', _EQ),
    ('sx2_cat_unsqueeze_pick', 'inductor', 'static', _CR),
    ('sx2_cat_unsqueeze_pick', 'inductor', 'batch', _CR),
    ('sx2_cat_unsqueeze_pick', 'inductor', 'dynamic', _CR),
    ('sx2_stack_cast_pick', 'inductor', 'static', _EQ),
    ('sx2_stack_cast_pick', 'inductor', 'batch', _EQ),
    ('sx2_stack_cast_pick', 'inductor', 'dynamic', _EQ),
    ('sx2_stack_scaled_pick', 'inductor', 'static', _EQ),
    ('sx2_stack_scaled_pick', 'inductor', 'batch', _EQ),
    ('sx2_stack_scaled_pick', 'inductor', 'dynamic', _EQ),
    ('sx2_stack_pick_both', 'inductor', 'static', _CR),
    ('sx2_stack_pick_both', 'inductor', 'batch', _CR),
    ('sx2_stack_pick_both', 'inductor', 'dynamic', _CR),
    ('sx2_stack_of_inputs_pick', 'inductor', 'static', _EQ),
    ('sx2_stack_of_inputs_pick', 'inductor', 'batch', _EQ),
    ('sx2_stack_of_inputs_pick', 'inductor', 'dynamic', _EQ),
    ('sx2_stack_pick_returned', 'inductor', 'static', _CR),
    ('sx2_stack_pick_returned', 'inductor', 'batch', _CR),
    ('sx2_stack_pick_returned', 'inductor', 'dynamic', _CR),
    ('sp2_ref', 'inductor', 'static', _R),
    ('sp2_ref', 'inductor', 'batch', _R),
    ('sp2_ref', 'inductor', 'dynamic', _R),
    ('sp2_cat_cast_view', 'inductor', 'static', _R),
    ('sp2_cat_cast_view', 'inductor', 'batch', _R),
    ('sp2_cat_cast_view', 'inductor', 'dynamic', _R),
    ('sp2_cat_view', 'inductor', 'static', _R),
    ('sp2_cat_view', 'inductor', 'batch', _R),
    ('sp2_cat_view', 'inductor', 'dynamic', _R),
    ('sp2_half_fused_only', 'inductor', 'static', _R),
    ('sp2_half_fused_only', 'inductor', 'batch', _R),
    ('sp2_half_fused_only', 'inductor', 'dynamic', _R),
    ('sp_three', 'inductor', 'static', _CR),
    ('sp_three', 'inductor', 'batch', _CR),
    ('sp_three', 'inductor', 'dynamic', _CR),
    ('sp_neg_index', 'inductor', 'static', _CR),
    ('sp_neg_index', 'inductor', 'batch', _CR),
    ('sp_neg_index', 'inductor', 'dynamic', _CR),
    ('sx_fused_step', 'inductor', 'static', _CR),
    ('sx_fused_step', 'inductor', 'batch', _CR),
    ('sx_fused_step', 'inductor', 'dynamic', _CR),
    ('sx_refused_step', 'inductor', 'static', _CR),
    ('sx_refused_step', 'inductor', 'batch', _CR),
    ('sx_refused_step', 'inductor', 'dynamic', _CR),
    ('sx_no_step', 'inductor', 'static', _CR),
    ('sx_no_step', 'inductor', 'batch', _CR),
    ('sx_no_step', 'inductor', 'dynamic', _CR),
    ('sx_pick_last', 'inductor', 'static', _CR),
    ('sx_pick_last', 'inductor', 'batch', _CR),
    ('sx_pick_last', 'inductor', 'dynamic', _CR),
    ('sx_tokens_pick', 'inductor', 'static', _CR),
    ('sx_tokens_pick', 'inductor', 'batch', _CR),
    ('sx_tokens_pick', 'inductor', 'dynamic', _CR),
    ('sx_tokens_pick_v', 'inductor', 'static', _CR),
    ('sx_tokens_pick_v', 'inductor', 'batch', _CR),
    ('sx_tokens_pick_v', 'inductor', 'dynamic', _CR),
    ('ro2_layer_kept', 'inductor', 'static', _EQ),
    ('ro2_layer_kept', 'inductor', 'batch', _EQ),
    ('ro2_layer_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_layer_unbind_kept', 'inductor', 'static', _EQ),
    ('ro2_layer_unbind_kept', 'inductor', 'batch', _EQ),
    ('ro2_layer_unbind_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_copy_clone_kept', 'inductor', 'static', _EQ),
    ('ro2_copy_clone_kept', 'inductor', 'batch', _EQ),
    ('ro2_copy_clone_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_copy_mul1_kept', 'inductor', 'static', _EQ),
    ('ro2_copy_mul1_kept', 'inductor', 'batch', _EQ),
    ('ro2_copy_mul1_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_stacked_k_kept', 'inductor', 'static', _EQ),
    ('ro2_stacked_k_kept', 'inductor', 'batch', _EQ),
    ('ro2_stacked_k_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_kept_mm_before', 'inductor', 'static', _EQ),
    ('ro2_kept_mm_before', 'inductor', 'batch', _EQ),
    ('ro2_kept_mm_before', 'inductor', 'dynamic', _EQ),
    ('ro2_kept_bmm1_before', 'inductor', 'static', _EQ),
    ('ro2_kept_bmm1_before', 'inductor', 'batch', _EQ),
    ('ro2_kept_bmm1_before', 'inductor', 'dynamic', _EQ),
    ('ro2_kept_cumsum_before', 'inductor', 'static', _EQ),
    ('ro2_kept_cumsum_before', 'inductor', 'batch', _EQ),
    ('ro2_kept_cumsum_before', 'inductor', 'dynamic', _EQ),
    ('ro2_kept_amax_before', 'inductor', 'static', _EQ),
    ('ro2_kept_amax_before', 'inductor', 'batch', _EQ),
    ('ro2_kept_amax_before', 'inductor', 'dynamic', _EQ),
    ('ro2_kept_sort_after', 'inductor', 'static', _EQ),
    ('ro2_kept_sort_after', 'inductor', 'batch', _EQ),
    ('ro2_kept_sort_after', 'inductor', 'dynamic', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'inductor', 'static', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'inductor', 'batch', _EQ),
    ('ro2_kept_into_kv_index_put_before', 'inductor', 'dynamic', _EQ),
    ('ro2_two_second_kept', 'inductor', 'static', _EQ),
    ('ro2_two_second_kept', 'inductor', 'batch', _CCT),
    ('ro2_two_second_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_two_first_kept', 'inductor', 'static', _EQ),
    ('ro2_two_first_kept', 'inductor', 'batch', _CCT),
    ('ro2_two_first_kept', 'inductor', 'dynamic', _EQ),
    ('ro2_two_mm_between_overlap', 'inductor', 'static', _EQ),
    ('ro2_two_mm_between_overlap', 'inductor', 'batch', _CCT),
    ('ro2_two_mm_between_overlap', 'inductor', 'dynamic', _EQ),
]


def classify56(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-55)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify56)
