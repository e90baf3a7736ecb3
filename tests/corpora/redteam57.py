"""Fifty-seventh adversarial review of the recogniser (round 57; 7678097 frozen at /tmp/base62: rewrite.stacked_pools
after the round-56 fix (``_Pusher._part``, only new nodes recorded, ``sizes_read``), fusion_pass ``_records_or_none``,
rewrite._may_write, the helpers that run outside the pass's try/except; the whole recogniser through them).

Same format as redteam43 .. redteam56: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify57`.

    cp /work/main/tests/corpora/redteam57.py /tmp/base62/tests/corpora/ && cd /tmp/base62 && \\
    PYTHONPATH=/tmp/base62 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam57.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base62 = 7678097, by this machine's ``date -u`` 2026-12-06:
inductor_graph 19:09:50-19:12:01, then torchair_like 19:12:01-19:14:56 UTC, one process at a time; the 37 attacks of
the themes cc_, jw_, sp3_, mw_, sx3_, cc3 (cc_cast_half, cc_two_steps), lp_ as they stand; before it, while writing,
cc_bias_half .. cc_bias_half_ret (7 attacks) were run once in real Inductor, static only, where C1 first showed):
111 runs per graph dialect (every attack in static, batch, dynamic):

    inductor_graph  111 runs: 0 FALSE FUSION / 0 CRASH / 84 fused & equal / 27 refused / 0 control differs
    torchair_like   111 runs: 0 FALSE FUSION / 0 CRASH / 85 fused & equal / 26 refused / 0 control differs

Per theme (inductor_graph | torchair_like):
  cc_  14 the step's cache a pick of a stacked computation (stacked_pools' pushed pick read by the fused call):
                                                                             39 EQ / 3 R | 39 EQ / 3 R
  cc3   2 delimiting cc_: a cast only (refused: dtype), a second step into the cache input beside it:
                                                                             3 EQ / 3 R | 3 EQ / 3 R
  jw_   4 a joint write (split_stacked_writes) into a stacked cache the graph computes:
                                                                             11 EQ / 1 R | 12 EQ
  sp3_  8 K and V pooled as one stack, picked by unbind / chunk / split / slices, beside non-contract V writes:
                                                                             7 EQ / 17 R | 7 EQ / 17 R
  mw_   4 in-place ops between two reads (_may_write: copy_ into a view, out=, mul_ through an alias, slots.add_):
                                                                             9 EQ / 3 R | 9 EQ / 3 R
  sx3_  4 float stacks picked beside a step (unbind, nested, permuted + cast, uneven cat):  12 EQ | 12 EQ
  lp_   1 positions p with s = p + 1 (lengths_from_positions.expose), p returned:          3 EQ | 3 EQ
The only difference between the dialects: jw_per_row dynamic (inductor_graph refused, "the write's other part ... is
not the contract"; torchair_like fused & equal).  The graph dialects run the rewritten graph without Inductor's
codegen, so C1 (a difference in Inductor's arithmetic for the rewritten graph) is fused & equal there, as red team 44
F1 and red team 56 S2 were.

Later runs (``_LATER``, not the first try):

* REAL Inductor codegen (``--dialect inductor``) for cc_, cc3 and jw_ in all three modes (19:15:07-19:20:01 UTC): 30
  FALSE FUSION (cc_bias_half, cc_bias_half_k, cc_bias_bf16, cc_cat_view_bias, cc_scaled_half, cc_bias_half_ret,
  cc_unsq_cat, cc_kept_after, cc_fp16_cache, cc_two_steps; static, batch and dynamic) / 23 fused & equal / 4 refused /
  3 refused (control differs: cc_kv_bias, where Inductor's own code differs from eager with the pass off).
* REAL Inductor, static, for sp3_, mw_, sx3_, lp_ (19:21:40-19:22:44 UTC): 17 runs: 0 FALSE FUSION /
  0 CRASH / 15 fused & equal / 2 refused (sp3_bias_half, mw_slots_mutated), as in the graph dialects.
* SECOND (cs_ and jw_cast_, 5 attacks, written after the first try): cs_: REAL Inductor, all three modes
  (19:23:50-19:25:01 UTC): 3 FALSE FUSION (cs_two_inputs: K and V cache INPUTS stacked in the graph and dequantized by a
  per-half fp16 constant scale, ``c = (torch.stack((k_cache, v_cache)) * scale_pair)[1]``, the V half the step's cache:
  C1 on a realistic spelling; 415 values differ per call) / 6 fused & equal (cs_half_scale_fp32, cs_bf16: K and V passed
  in as ONE stacked [2, S, N, D] input: the pusher reaches the graph input itself, leaves ``select(cache, 0, 1)``, and
  stacked_pools keeps the user's pick -- C1 needs the stack built in the graph); inductor_graph and torchair_like
  (19:25:01-19:25:35 UTC): 9 / 9 fused & equal.  Then jw_cast_half / jw_cast_bf16 (2 attacks: red-team note (5) below, a
  joint write into a computed stacked cache whose last op is a cast, which the pusher pushes whatever its users), REAL
  Inductor, all modes (19:26:11-19:26:45 UTC): 6 refused ("the written tensor is not read back as the cache": the
  halves' caches are then computed tensors concatenated back, not a cache).
* Standalone repro /tmp/rt57/repro_cc.py (C1) and the graph after the pass, /tmp/rt57/dump_cc.py; outputs quoted below.

Rerun after the fix (684fa20, by the team, not the red team): real Inductor, the 20 cc_ / cc3 / jw_ attacks and
cs_two_inputs, all three modes: 0 FALSE FUSION / 56 fused & equal / 4 refused / 3 refused (control differs: cc_kv_bias);
the whole corpus in inductor_graph 93 fused & equal / 33 refused, torchair_like 94 / 32, no crash.

FOUND:

* C1 FALSE FUSION (REAL Inductor codegen, static, mark_dynamic batch and dynamic=True; the pass-off control equal to
  eager; the graph dialects fused & equal): a step whose compressed cache is a pick of a stacked computation that
  holds a low-precision constant.  Minimal (/tmp/rt57/repro_cc.py; fp32 cache, any valid input):

      def step(kv, w, slots, table, lens, cache):
          D = cache.shape[-1]
          bias = torch.stack((torch.full((D,), 1 / 7), torch.full((D,), 1 / 3))).half()   # an fp16 constant pair
          c = (torch.stack((cache, cache.flip(0))) + bias[:, None, None, :])[1]           # the cache: a pick
          new = pool(tokens(kv, table, positions(lens)), w)
          s = slots.long()
          return c.index_put((s,), torch.where(completes(lens)[:, None, None], new.to(c.dtype), c[s]))

      inductor        static pass off fused 0 differ 0
      inductor        static pass on  fused 2 differ 2: call 0: 577 values differ, first at [0, 0, 0]: got
                      -0.1041666567325592, eager -0.104248046875   (x + 1/3 exactly, where eager adds fp16(1/3))
      inductor_graph  static pass off 0 differ / pass on fused 2, 0 differ

  The graph after the pass (/tmp/rt57/dump_cc.py): ``rev = prims.rev(cache); full = full([16], 0.333..);
  convert = convert_element_type(full, fp16); add = add(rev, unsqueeze(unsqueeze(convert, 0), 1));
  compress_infer_(input, w, slots, table, lens, add, 32, 16, 64); return (add,)`` -- the user's ``select(add(cat(..),
  cat(consts).half()), 0, 1)`` is gone.  Real Inductor lowers that split form's ``convert(full(1/3), fp16)`` (a
  uniform constant) without the fp16 rounding, where the user's joint form, the constant STACK cast to fp16, is a
  buffer rounded like eager's (the same Inductor behaviour as red team 44 F1 and red team 56 S2).  So every kept row
  (577 values per call, all the rows the step does not write) and every other reader of the pick differ.  Also with
  the K half (cc_bias_half_k: fp16(1/7)), bf16 constants (cc_bias_bf16), a scale instead of a bias (cc_scaled_half),
  the stack spelled cat + view or cat of unsqueezes (cc_cat_view_bias, cc_unsq_cat), the pick returned beside the step
  or its kept rows used after it (cc_bias_half_ret, cc_kept_after), a second step into the cache input beside it
  (cc_two_steps), and on an fp16 cache, where only the ties of ``x + 1/3`` in [0.5, 1) differ (cc_fp16_cache, 126
  values), and on the realistic spelling of SECOND's cs_two_inputs (two cache inputs stacked and scaled per half).
  Controls: the same computation with both picks used (cc_both: the add has two users, the pusher leaves a
  select, stacked_pools keeps the user's pick, and the same step fuses on it) fused & equal in real Inductor; no
  constant (cc_mul1) or fp16-exact constants (cc_div_half: 3 and 7) fused & equal.
  Why: rewrite.stacked_pools rewrites EVERY ``select(x, 0, h)`` of a small float stack that the pusher can push into
  nodes of its own, replacing all of the pick's uses (``sel.replace_all_uses_with(new)``), not only a pooled
  value's; the recogniser then takes the pushed node as the step's cache (a computed cache fuses, as ro2_copy_mul1
  did), and rewrite.settle_stacked_splits keeps a record whose "half" a fused call reads (``h in read``: here the
  call's cache argument), so the split form stays in the graph for the call and for every other reader of the pick.
  The pusher's rewrite is an identity in eager's arithmetic, not in Inductor's (red team 44's lesson, which
  _consider_joint applies to joint writes only).  Rules at fault: nsa_fusion/rewrite.py: stacked_pools (rewrites
  picks that are not pooled values: here the cache) with settle_stacked_splits (keeps a pushed pick that any fused
  call reads, with all of the pick's other users rewired to it).  Fix direction: use the pushed form for
  recognition only -- where a fused call reads a pushed pick, give the call (and every other user) the user's pick
  back (the op reads a strided select, as cc_both shows), or take a pick into stacked_pools only where its pushed form
  is a pooled value the fused call replaces (never a cache, page or weight input of the call).

Not found (equal or refused; the idea each tried):

* jw_ split_stacked_writes' ``pusher.pick(base, ...)`` pushes the joint write's CACHE through the ops that computed it
  too (C1's mechanism for a joint write): fused & equal in real Inductor in all modes (jw_bias_half, jw_bf16,
  jw_per_row, jw_mul1) -- the computed base has two users (the write and the kept read ``cmp[:, s]``), so the pusher
  leaves ``select(base, 0, h)``: the user's arithmetic stays joint.
* C1's mechanism through the other inputs of the call: the WEIGHT a pick of ``stack((w, w.flip(0))) + fp16 constants``
  (a scratch run while writing, /tmp/rt57/t1.py, not in ATTACKS): refused ("the weight is computed by aten.add.Tensor");
  cc_kv_bias (the PAGES a pick of a stacked computation): refused ("tokens are gathered from add_tensor"); cc_cast_half
  (only a cast): refused ("the cache is cast"); cc_inplace (the pick written in place, the stack returned): fused &
  equal (the write through the view is functionalized into a select_scatter: the pick is not pushed).
* sp3_ stacked_pools after the fix: unbind / chunk / split / ``[h:h+1].squeeze(0)`` picks of the pooled stack, a V
  half written scaled or through bf16 beside the K contract, the K pick returned too: fused & equal static (the K
  half fuses, V is refused and its pick put back), refused under mark_dynamic / dynamic=True (the V pages are a view of
  K's, ``kv.flip(0)``: a tiling); an fp16 constant pair added to the pooled stack: refused (a bias).
* mw_ _may_write / merge_duplicate_views / share_kept_read_index: ``cache[:, 0].copy_(cache[:, 1])`` between two reads
  of head 0, ``torch.index_select(cache, 0, s, out=buf)`` as the kept rows, ``cache.view(-1).mul_(1)`` before the
  kept read: fused & equal (Inductor's and torchair's AOT graphs are functional before the pass: the only mutations
  are the copy_ epilogues, which _may_write lists); ``slots.add_(0)`` between the kept read and the write: refused
  (keep).
* sx3_ round 56 S1's fix: ``stack((a, b)).unbind(0)[1]``, a stack of stacks picked twice, ``stack((a, b), 1).permute(1,
  0, 2).half()[0]``, the middle row of ``cat((stack((a, b)), c[None]))``: fused & equal, no crash.
* lp_ positions p with ``s = p + 1`` read by vLLM's count test and p returned as it is: fused & equal.

Read, not demonstrated: (1) normalize_row_writes calls paged_flat_reads AFTER its loop and outside any try: an
exception there drops the loop's own StackSplit records (scratch-row redirect, masked whole-cache, per-request,
head-major, compaction rewrites), whose rewritten row writes are then never put back where they do not fuse (the row
write reads ``cache[slots]`` at every row, padding rows included, which the user's code never reads); no input found
that makes paged_flat_reads raise (its view only splits dim 0, and ``_divides`` guards a symbolic row count).  (2)
lengths_from_positions._plus_one reads ``p.op`` before knowing ``p`` is a node, and pool_tables.expose calls
``_reads_a_table`` / ``_built_table`` outside its per-node try; both run outside the pass's try/except
(NsaFusionPass._run), but aten graphs give no ``add.Tensor`` with a non-node first argument, and no raising table
read was found.  (3) lowering/ge_writes._same_size takes any two symbols as equal: reachable only where the user's own
broadcast relates them, which dynamo already guards while tracing (two marked batches the user graph leaves unrelated
cannot broadcast in eager) -- torchair GE only, not run here.  (4) rewrite.reinplace_clones (readers by graph order)
runs only with lazy_reads (the vLLM adapters' mutating calls): not reached by these dialects.  (5) C1's mechanism for
a joint write (jw_) needs a computed base with the write as its only user; a kept read spelled as a second, identical
computation (no CSE) might reach it -- not tried (AOT's CSE merges it); a cast as the base's last op, which the
pusher pushes whatever its users (SECOND jw_cast_*), is refused.  (6) stacked_pools' final check compares the pushed
node's SHAPE with the pick's (``_same_sizes``), not its dtype: pushing a rank-1 elementwise op turns its operands
0-d, where type promotion differs (``fp16[2] + fp32 0-d`` is fp16; ``fp16 0-d + fp32 0-d`` is fp32); only a pick of a
1-D stack gets there, never a step's [B, N, D] value, and an unfused pick is put back, so it was not attacked.
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


def _calls(dtype=torch.float16, extra=None, **kw):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, dtype=dtype, **kw).args)
            if extra is not None:
                a = extra(a)
            out.append(a)
        return out
    return f


# --- 1. cc_: the step's cache is a pick of a stacked computation (rewrite.stacked_pools rewrites the pick into its
# pushed form; settle_stacked_splits keeps that form wherever a fused call reads it, for EVERY user of the pick) ------
def _bias(D, lo, pair=(0.0, 1 / 3)):
    return torch.stack((torch.full((D,), pair[0]), torch.full((D,), pair[1]))).to(lo)[:, None, None, :]


def _cc(kind):
    def step(kv, w, slots, table, lens, cache):
        N, D = cache.shape[1:]
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)[:, None, None]
        s = slots.long()
        h = 0 if kind.endswith("_k") else 1
        if kind.startswith("bias_half"):
            cs = torch.stack((cache, cache.flip(0))) + _bias(D, torch.float16, (1 / 7, 1 / 3))
        elif kind.startswith("bias_bf16"):
            cs = torch.stack((cache, cache.flip(0))) + _bias(D, torch.bfloat16, (1 / 7, 1 / 3))
        elif kind.startswith("mul1"):
            cs = torch.stack((cache, cache.flip(0))) * 1
        elif kind.startswith("cat_view_bias"):  # stack spelled as cat + view
            cs = torch.cat((cache, cache.flip(0))).view(2, *cache.shape) + _bias(D, torch.float16, (1 / 7, 1 / 3))
        elif kind.startswith("scaled_half"):  # a scale by an fp16 constant pair
            cs = torch.stack((cache, cache.flip(0))) * _bias(D, torch.float16, (1 / 7, 1 / 3))
        else:
            raise ValueError(kind)
        c = cs[h]
        out = c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
        if "ret" in kind:  # the pick returned beside the step
            return out, c + 0
        return out
    return step


CC = [(f"cc_{k}", _mk(_cc(k), _calls(torch.float32), MODES3), "the cache a pick of a stacked computation: " + k)
      for k in ("bias_half", "bias_half_k", "bias_bf16", "mul1", "cat_view_bias", "scaled_half", "bias_half_ret")]


def _cc2(kind):
    """More spellings of cc_: both picks used (the push then stops at a select: the root-cause control), the pick
    written in place, the paged input (not the cache) a pick, a cat of unsqueezes, an fp16 cache."""
    def step(kv, w, slots, table, lens, cache):
        N, D = cache.shape[1:]
        v = completes(lens)[:, None, None]
        s = slots.long()
        if kind == "kv_bias":  # the PAGES a pick of a stacked computation
            kvs = torch.stack((kv, kv.flip(0))) + _bias(D, torch.float16, (1 / 7, 1 / 3))[:, None]
            return write(cache, slots, completes(lens), pool(tokens(kvs[1], table, positions(lens)), w))
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "unsq_cat":
            cs = torch.cat((cache[None], cache.flip(0)[None])) + _bias(D, torch.float16, (1 / 7, 1 / 3))
        elif kind == "div_half":
            cs = torch.stack((cache, cache.flip(0))) / _bias(D, torch.float16, (3.0, 7.0)).float().half()
        else:
            cs = torch.stack((cache, cache.flip(0))) + _bias(D, torch.float16, (1 / 7, 1 / 3))
        c = cs[1]
        if kind == "both":  # cs[0] used too: two users of the add, the pusher leaves a select, stacked_pools refuses
            out = c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
            return out, cs[0] + 0
        if kind == "inplace":  # the pick written in place, the stack returned
            c[s] = torch.where(v, new.to(c.dtype), c[s])
            return cs
        if kind == "kept_after":  # the kept rows returned after the step
            old = c[s]
            out = c.index_put((s,), torch.where(v, new.to(c.dtype), old))
            return out, old * 1
        return c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
    return step


CC2 = [(f"cc_{k}", _mk(_cc2(k), _calls(torch.float32), MODES3), "a pick of a stacked computation: " + k)
       for k in ("both", "inplace", "kv_bias", "unsq_cat", "div_half", "kept_after")] + \
      [("cc_fp16_cache", _mk(_cc2("plain"), _calls(torch.float16), MODES3),
        "cc_bias_half on an fp16 cache (Inductor's unrounded 1/3 changes only ties)")]


# --- 2. jw_: a JOINT write (split_stacked_writes) into a stacked cache the graph computes: pusher.pick(base) pushes
# the cache through that computation, and the halves fuse -------------------------------------------------------------
def _jw(kind):
    def step(kv, w, slots, table, lens, cache):
        N, D = cache.shape[1:]
        tok = tokens(kv, table, positions(lens))
        pk, pv = pool(tok, w), pool(tok, w.flip(0))
        s = slots.long()
        valid = completes(lens)
        if kind.startswith("per_row"):  # [S, 2, N, D], K and V interleaved per row
            cmp = torch.stack((cache, cache.flip(0)), 1) + _bias(D, torch.float16, (1 / 7, 1 / 3))[None, :, 0]
            cmp[s] = torch.where(valid[:, None, None, None], torch.stack((pk, pv), 1).to(cmp.dtype), cmp[s])
            return cmp
        if kind.startswith("mul1"):
            cmp = torch.stack((cache, cache.flip(0))) * 1
        elif kind.startswith("bf16"):
            cmp = torch.stack((cache, cache.flip(0))) + _bias(D, torch.bfloat16, (1 / 7, 1 / 3))
        else:
            cmp = torch.stack((cache, cache.flip(0))) + _bias(D, torch.float16, (1 / 7, 1 / 3))
        cmp[:, s] = torch.where(valid[None, :, None, None], torch.stack((pk, pv)).to(cmp.dtype), cmp[:, s])
        return cmp
    return step


JW = [(f"jw_{k}", _mk(_jw(k), _calls(torch.float32), MODES3), "a joint write into a computed stacked cache: " + k)
      for k in ("bias_half", "bf16", "per_row", "mul1")]


# --- 3. sp3_: K and V pooled as one stack, picked by unbind / chunk / split / slices, mixed with writes that are not
# the contract (stacked_pools after the round-56 fix) ----------------------------------------------------------------
def _sp3(kind):
    def step(kv, w, slots, table, lens, cache, cache2):
        pos = positions(lens)
        tk, tv = tokens(kv, table, pos), tokens(kv.flip(0), table, pos)
        w2 = torch.stack((w, w.flip(0)))
        pooled = (torch.stack((tk, tv)).float() * w2.float()[:, None, :, :, None]).sum(2)
        if kind == "bias_half":  # an fp16 constant pair added to the pooled stack (K's part 0, V's 1/3)
            pooled = pooled + _bias(tk.shape[-1], torch.float16)
        if kind == "unbind":
            pk, pv = pooled.unbind(0)
        elif kind == "chunk":
            pk, pv = (x.squeeze(0) for x in pooled.chunk(2))
        elif kind == "split":
            pk, pv = (x[0] for x in pooled.split([1, 1]))
        elif kind == "slice_squeeze":
            pk, pv = pooled[0:1].squeeze(0), pooled[1:2].squeeze(0)
        else:
            pk, pv = pooled[0], pooled[1]
        v = completes(lens)
        s = slots.long()
        if kind == "v_scaled":
            pv = pv * 2
        elif kind == "v_lossy":
            pv = pv.bfloat16().float()
        cache[s] = torch.where(v[:, None, None], pk.to(cache.dtype), cache[s])
        cache2[s] = torch.where(v[:, None, None], pv.to(cache2.dtype), cache2[s])
        if kind == "pick_returned":
            return cache, cache2, pk + 0
        return cache, cache2
    return step


def _add_cache2(a):
    return a + [a[5].flip(0).clone()]


SP3 = [(f"sp3_{k}", _mk(_sp3(k), _calls(extra=_add_cache2), MODES3), "K and V pooled as one stack: " + k)
       for k in ("unbind", "chunk", "split", "slice_squeeze", "v_scaled", "v_lossy", "bias_half", "pick_returned")]


# --- 4. mw_: rewrite._may_write (merge_duplicate_views, share_kept_read_index): views read on both sides of an
# in-place op that is not an index_put -------------------------------------------------------------------------------
def _mw(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)[:, None, None]
        s = slots.long()
        if kind == "copy_between":  # head 0 read, the cache's head 0 overwritten by copy_, head 0 read again (kept)
            h0 = cache[:, 0]
            before = h0 * 1
            cache[:, 0].copy_(cache[:, 1])
            cache[s] = torch.where(v, new.to(cache.dtype), cache[s])
            return cache, before
        if kind == "out_variant":  # the kept rows through an out= op into a buffer
            buf = torch.empty_like(cache[s])
            torch.index_select(cache, 0, s, out=buf)
            cache[s] = torch.where(v, new.to(cache.dtype), buf)
            return cache
        if kind == "mul_inplace_alias":  # the cache scaled in place through an alias before the kept read
            cache.view(-1).mul_(1)
            cache[s] = torch.where(v, new.to(cache.dtype), cache[s])
            return cache
        if kind == "slots_mutated":  # the slots advanced in place between the kept read and the write
            old = cache[s]
            slots.add_(0)
            s2 = slots.long()
            cache[s2] = torch.where(v, new.to(cache.dtype), old)
            return cache
        raise ValueError(kind)
    return step


MW = [(f"mw_{k}", _mk(_mw(k), _calls(), MODES3), "an in-place op between two reads: " + k)
      for k in ("copy_between", "out_variant", "mul_inplace_alias", "slots_mutated")]


# --- 5. sx3_: float stacks picked beside a step (round 56 S1's fix: a part returned as it is is not rewritten) ----
def _sx3(kind):
    def step(kv, w, slots, table, lens, cache):
        write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        a, b = w.float(), w.float() * 2
        if kind == "unbind":
            return cache, torch.stack((a, b)).unbind(0)[1] + 1
        if kind == "nested":  # a stack of stacks, picked twice
            st = torch.stack((torch.stack((a, b)), torch.stack((b, a))))
            return cache, st[1][0] + 1
        if kind == "permuted":  # stacked on dim 1, moved to the front, cast
            return cache, torch.stack((a, b), 1).permute(1, 0, 2).half()[0].float() + 1
        if kind == "cat_uneven":  # a part of 2 rows and one of 1 (G = 3), the middle row picked
            return cache, torch.cat((torch.stack((a, b)), (a * 3)[None]))[1] + 1
        raise ValueError(kind)
    return step


SX3 = [(f"sx3_{k}", _mk(_sx3(k), _calls(), MODES3), "a float stack picked beside the step: " + k)
       for k in ("unbind", "nested", "permuted", "cat_uneven")]


# --- 6. delimiting cc_ (a cast only; two steps, one into the pushed pick, one into the cache input) and the positions
# rerouting (lengths_from_positions.expose) with the positions returned ----------------------------------------------
def _cc3(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)[:, None, None]
        s = slots.long()
        if kind == "cast_half":  # no arithmetic, only a cast of the stack: the same rounding in both forms
            c = torch.stack((cache, cache.flip(0))).half()[1]
            return c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
        if kind == "two_steps":  # a step into the pushed pick and one into the cache input itself
            D = cache.shape[-1]
            c = (torch.stack((cache, cache.flip(0))) + _bias(D, torch.float16, (1 / 7, 1 / 3)))[1]
            out = c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
            cache[s] = torch.where(v, new2.to(cache.dtype), cache[s])
            return out, cache
        raise ValueError(kind)
    return step


def _lp_returned(kv, w, slots, table, pos_in, cache):
    """vLLM's block-count test n(p + 1) > n(p) (p the positions), the positions returned as they are."""
    s = pos_in + 1
    n = lambda x: torch.where(x >= L, (x - L) // STRIDE + 1, 0)  # noqa: E731
    write(cache, slots, n(s) > n(pos_in), pool(tokens(kv, table, positions(s)), w))
    return cache, pos_in


def _positions_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            a[4] = (a[4] - 1).to(torch.int32)  # positions: lengths - 1
            out.append(a)
        return out
    return f


CC3 = [(f"cc_{k}", _mk(_cc3(k), _calls(torch.float32), MODES3), "delimiting cc_: " + k)
       for k in ("cast_half", "two_steps")] + \
      [("lp_positions_returned", _mk(_lp_returned, _positions_calls(), MODES3),
        "positions p, s = p + 1, n(s) > n(p), p returned")]


# --- SECOND (written after the first try, not part of it): C1 with the K and V caches passed in as ONE stacked input
# and dequantized by a per-half constant scale (a cache the graph computes from its [2, S, N, D] input) --------------
def _cs(kind):
    def step(kv, w, slots, table, lens, cache):
        D = cache.shape[-1]
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)[:, None, None]
        s = slots.long()
        lo = torch.bfloat16 if kind == "bf16" else torch.float16
        scale = torch.stack((torch.full((D,), 0.1), torch.full((D,), 0.3))).to(lo)[:, None, None, :]
        c = (cache * scale)[1]
        return c.index_put((s,), torch.where(v, new.to(c.dtype), c[s]))
    return step


def _stacked_cache(a):
    a[5] = torch.stack((a[5], a[5].flip(0))).contiguous()
    return a


CS = [(f"cs_{k}", _mk(_cs(k), _calls(dt, extra=_stacked_cache), MODES3),
       "one stacked [2, S, N, D] cache input scaled per half by a constant, half 1 the step's cache: " + k)
      for k, dt in (("half_scale_fp32", torch.float32), ("bf16", torch.bfloat16))]
def _cs_two(kv, w, slots, table, lens, cache, cache2):
    """K and V caches as two inputs, stacked in the graph and dequantized by a per-half fp16 constant scale; the V half
    (a pick) is the step's cache."""
    D = cache.shape[-1]
    new = pool(tokens(kv, table, positions(lens)), w)
    s = slots.long()
    scale = torch.stack((torch.full((D,), 0.1), torch.full((D,), 0.3))).half()[:, None, None, :]
    c = (torch.stack((cache, cache2)) * scale)[1]
    return c.index_put((s,), torch.where(completes(lens)[:, None, None], new.to(c.dtype), c[s]))


CS.append(("cs_two_inputs", _mk(_cs_two, _calls(torch.float32, extra=_add_cache2), MODES3),
           "K and V cache inputs stacked in the graph, scaled per half by an fp16 constant pair, V the step's cache"))
def _jw_cast(kind):
    """A joint write into a computed stacked cache whose last op is a CAST (the pusher pushes casts whatever their
    users, so the two users of the cast -- the write and the kept read -- no longer stop it at a select)."""
    def step(kv, w, slots, table, lens, cache):
        D = cache.shape[-1]
        tok = tokens(kv, table, positions(lens))
        pk, pv = pool(tok, w), pool(tok, w.flip(0))
        s = slots.long()
        valid = completes(lens)
        lo = torch.bfloat16 if kind == "bf16" else torch.float16
        cmp = (torch.stack((cache.double(), cache.flip(0).double())) + _bias(D, lo, (1 / 7, 1 / 3))).float()
        cmp[:, s] = torch.where(valid[None, :, None, None], torch.stack((pk, pv)).to(cmp.dtype), cmp[:, s])
        return cmp
    return step


CS += [(f"jw_cast_{k}", _mk(_jw_cast(k), _calls(torch.float32), MODES3),
        "a joint write into a computed stacked cache ending in a cast: " + k) for k in ("half", "bf16")]
SECOND = CS


ATTACKS = CC + CC2 + JW + SP3 + MW + SX3 + CC3 + SECOND


_FIRST = [
    ('cc_bias_half', 'inductor_graph', 'static', _EQ),
    ('cc_bias_half', 'inductor_graph', 'batch', _EQ),
    ('cc_bias_half', 'inductor_graph', 'dynamic', _EQ),
    ('cc_bias_half_k', 'inductor_graph', 'static', _EQ),
    ('cc_bias_half_k', 'inductor_graph', 'batch', _EQ),
    ('cc_bias_half_k', 'inductor_graph', 'dynamic', _EQ),
    ('cc_bias_bf16', 'inductor_graph', 'static', _EQ),
    ('cc_bias_bf16', 'inductor_graph', 'batch', _EQ),
    ('cc_bias_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('cc_mul1', 'inductor_graph', 'static', _EQ),
    ('cc_mul1', 'inductor_graph', 'batch', _EQ),
    ('cc_mul1', 'inductor_graph', 'dynamic', _EQ),
    ('cc_cat_view_bias', 'inductor_graph', 'static', _EQ),
    ('cc_cat_view_bias', 'inductor_graph', 'batch', _EQ),
    ('cc_cat_view_bias', 'inductor_graph', 'dynamic', _EQ),
    ('cc_scaled_half', 'inductor_graph', 'static', _EQ),
    ('cc_scaled_half', 'inductor_graph', 'batch', _EQ),
    ('cc_scaled_half', 'inductor_graph', 'dynamic', _EQ),
    ('cc_bias_half_ret', 'inductor_graph', 'static', _EQ),
    ('cc_bias_half_ret', 'inductor_graph', 'batch', _EQ),
    ('cc_bias_half_ret', 'inductor_graph', 'dynamic', _EQ),
    ('cc_both', 'inductor_graph', 'static', _EQ),
    ('cc_both', 'inductor_graph', 'batch', _EQ),
    ('cc_both', 'inductor_graph', 'dynamic', _EQ),
    ('cc_inplace', 'inductor_graph', 'static', _EQ),
    ('cc_inplace', 'inductor_graph', 'batch', _EQ),
    ('cc_inplace', 'inductor_graph', 'dynamic', _EQ),
    ('cc_kv_bias', 'inductor_graph', 'static', _R),
    ('cc_kv_bias', 'inductor_graph', 'batch', _R),
    ('cc_kv_bias', 'inductor_graph', 'dynamic', _R),
    ('cc_unsq_cat', 'inductor_graph', 'static', _EQ),
    ('cc_unsq_cat', 'inductor_graph', 'batch', _EQ),
    ('cc_unsq_cat', 'inductor_graph', 'dynamic', _EQ),
    ('cc_div_half', 'inductor_graph', 'static', _EQ),
    ('cc_div_half', 'inductor_graph', 'batch', _EQ),
    ('cc_div_half', 'inductor_graph', 'dynamic', _EQ),
    ('cc_kept_after', 'inductor_graph', 'static', _EQ),
    ('cc_kept_after', 'inductor_graph', 'batch', _EQ),
    ('cc_kept_after', 'inductor_graph', 'dynamic', _EQ),
    ('cc_fp16_cache', 'inductor_graph', 'static', _EQ),
    ('cc_fp16_cache', 'inductor_graph', 'batch', _EQ),
    ('cc_fp16_cache', 'inductor_graph', 'dynamic', _EQ),
    ('jw_bias_half', 'inductor_graph', 'static', _EQ),
    ('jw_bias_half', 'inductor_graph', 'batch', _EQ),
    ('jw_bias_half', 'inductor_graph', 'dynamic', _EQ),
    ('jw_bf16', 'inductor_graph', 'static', _EQ),
    ('jw_bf16', 'inductor_graph', 'batch', _EQ),
    ('jw_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('jw_per_row', 'inductor_graph', 'static', _EQ),
    ('jw_per_row', 'inductor_graph', 'batch', _EQ),
    ('jw_per_row', 'inductor_graph', 'dynamic', _R),
    ('jw_mul1', 'inductor_graph', 'static', _EQ),
    ('jw_mul1', 'inductor_graph', 'batch', _EQ),
    ('jw_mul1', 'inductor_graph', 'dynamic', _EQ),
    ('sp3_unbind', 'inductor_graph', 'static', _EQ),
    ('sp3_unbind', 'inductor_graph', 'batch', _R),
    ('sp3_unbind', 'inductor_graph', 'dynamic', _R),
    ('sp3_chunk', 'inductor_graph', 'static', _EQ),
    ('sp3_chunk', 'inductor_graph', 'batch', _R),
    ('sp3_chunk', 'inductor_graph', 'dynamic', _R),
    ('sp3_split', 'inductor_graph', 'static', _EQ),
    ('sp3_split', 'inductor_graph', 'batch', _R),
    ('sp3_split', 'inductor_graph', 'dynamic', _R),
    ('sp3_slice_squeeze', 'inductor_graph', 'static', _EQ),
    ('sp3_slice_squeeze', 'inductor_graph', 'batch', _R),
    ('sp3_slice_squeeze', 'inductor_graph', 'dynamic', _R),
    ('sp3_v_scaled', 'inductor_graph', 'static', _EQ),
    ('sp3_v_scaled', 'inductor_graph', 'batch', _R),
    ('sp3_v_scaled', 'inductor_graph', 'dynamic', _R),
    ('sp3_v_lossy', 'inductor_graph', 'static', _EQ),
    ('sp3_v_lossy', 'inductor_graph', 'batch', _R),
    ('sp3_v_lossy', 'inductor_graph', 'dynamic', _R),
    ('sp3_bias_half', 'inductor_graph', 'static', _R),
    ('sp3_bias_half', 'inductor_graph', 'batch', _R),
    ('sp3_bias_half', 'inductor_graph', 'dynamic', _R),
    ('sp3_pick_returned', 'inductor_graph', 'static', _EQ),
    ('sp3_pick_returned', 'inductor_graph', 'batch', _R),
    ('sp3_pick_returned', 'inductor_graph', 'dynamic', _R),
    ('mw_copy_between', 'inductor_graph', 'static', _EQ),
    ('mw_copy_between', 'inductor_graph', 'batch', _EQ),
    ('mw_copy_between', 'inductor_graph', 'dynamic', _EQ),
    ('mw_out_variant', 'inductor_graph', 'static', _EQ),
    ('mw_out_variant', 'inductor_graph', 'batch', _EQ),
    ('mw_out_variant', 'inductor_graph', 'dynamic', _EQ),
    ('mw_mul_inplace_alias', 'inductor_graph', 'static', _EQ),
    ('mw_mul_inplace_alias', 'inductor_graph', 'batch', _EQ),
    ('mw_mul_inplace_alias', 'inductor_graph', 'dynamic', _EQ),
    ('mw_slots_mutated', 'inductor_graph', 'static', _R),
    ('mw_slots_mutated', 'inductor_graph', 'batch', _R),
    ('mw_slots_mutated', 'inductor_graph', 'dynamic', _R),
    ('sx3_unbind', 'inductor_graph', 'static', _EQ),
    ('sx3_unbind', 'inductor_graph', 'batch', _EQ),
    ('sx3_unbind', 'inductor_graph', 'dynamic', _EQ),
    ('sx3_nested', 'inductor_graph', 'static', _EQ),
    ('sx3_nested', 'inductor_graph', 'batch', _EQ),
    ('sx3_nested', 'inductor_graph', 'dynamic', _EQ),
    ('sx3_permuted', 'inductor_graph', 'static', _EQ),
    ('sx3_permuted', 'inductor_graph', 'batch', _EQ),
    ('sx3_permuted', 'inductor_graph', 'dynamic', _EQ),
    ('sx3_cat_uneven', 'inductor_graph', 'static', _EQ),
    ('sx3_cat_uneven', 'inductor_graph', 'batch', _EQ),
    ('sx3_cat_uneven', 'inductor_graph', 'dynamic', _EQ),
    ('cc_cast_half', 'inductor_graph', 'static', _R),
    ('cc_cast_half', 'inductor_graph', 'batch', _R),
    ('cc_cast_half', 'inductor_graph', 'dynamic', _R),
    ('cc_two_steps', 'inductor_graph', 'static', _EQ),
    ('cc_two_steps', 'inductor_graph', 'batch', _EQ),
    ('cc_two_steps', 'inductor_graph', 'dynamic', _EQ),
    ('lp_positions_returned', 'inductor_graph', 'static', _EQ),
    ('lp_positions_returned', 'inductor_graph', 'batch', _EQ),
    ('lp_positions_returned', 'inductor_graph', 'dynamic', _EQ),
    ('cc_bias_half', 'torchair_like', 'static', _EQ),
    ('cc_bias_half', 'torchair_like', 'batch', _EQ),
    ('cc_bias_half', 'torchair_like', 'dynamic', _EQ),
    ('cc_bias_half_k', 'torchair_like', 'static', _EQ),
    ('cc_bias_half_k', 'torchair_like', 'batch', _EQ),
    ('cc_bias_half_k', 'torchair_like', 'dynamic', _EQ),
    ('cc_bias_bf16', 'torchair_like', 'static', _EQ),
    ('cc_bias_bf16', 'torchair_like', 'batch', _EQ),
    ('cc_bias_bf16', 'torchair_like', 'dynamic', _EQ),
    ('cc_mul1', 'torchair_like', 'static', _EQ),
    ('cc_mul1', 'torchair_like', 'batch', _EQ),
    ('cc_mul1', 'torchair_like', 'dynamic', _EQ),
    ('cc_cat_view_bias', 'torchair_like', 'static', _EQ),
    ('cc_cat_view_bias', 'torchair_like', 'batch', _EQ),
    ('cc_cat_view_bias', 'torchair_like', 'dynamic', _EQ),
    ('cc_scaled_half', 'torchair_like', 'static', _EQ),
    ('cc_scaled_half', 'torchair_like', 'batch', _EQ),
    ('cc_scaled_half', 'torchair_like', 'dynamic', _EQ),
    ('cc_bias_half_ret', 'torchair_like', 'static', _EQ),
    ('cc_bias_half_ret', 'torchair_like', 'batch', _EQ),
    ('cc_bias_half_ret', 'torchair_like', 'dynamic', _EQ),
    ('cc_both', 'torchair_like', 'static', _EQ),
    ('cc_both', 'torchair_like', 'batch', _EQ),
    ('cc_both', 'torchair_like', 'dynamic', _EQ),
    ('cc_inplace', 'torchair_like', 'static', _EQ),
    ('cc_inplace', 'torchair_like', 'batch', _EQ),
    ('cc_inplace', 'torchair_like', 'dynamic', _EQ),
    ('cc_kv_bias', 'torchair_like', 'static', _R),
    ('cc_kv_bias', 'torchair_like', 'batch', _R),
    ('cc_kv_bias', 'torchair_like', 'dynamic', _R),
    ('cc_unsq_cat', 'torchair_like', 'static', _EQ),
    ('cc_unsq_cat', 'torchair_like', 'batch', _EQ),
    ('cc_unsq_cat', 'torchair_like', 'dynamic', _EQ),
    ('cc_div_half', 'torchair_like', 'static', _EQ),
    ('cc_div_half', 'torchair_like', 'batch', _EQ),
    ('cc_div_half', 'torchair_like', 'dynamic', _EQ),
    ('cc_kept_after', 'torchair_like', 'static', _EQ),
    ('cc_kept_after', 'torchair_like', 'batch', _EQ),
    ('cc_kept_after', 'torchair_like', 'dynamic', _EQ),
    ('cc_fp16_cache', 'torchair_like', 'static', _EQ),
    ('cc_fp16_cache', 'torchair_like', 'batch', _EQ),
    ('cc_fp16_cache', 'torchair_like', 'dynamic', _EQ),
    ('jw_bias_half', 'torchair_like', 'static', _EQ),
    ('jw_bias_half', 'torchair_like', 'batch', _EQ),
    ('jw_bias_half', 'torchair_like', 'dynamic', _EQ),
    ('jw_bf16', 'torchair_like', 'static', _EQ),
    ('jw_bf16', 'torchair_like', 'batch', _EQ),
    ('jw_bf16', 'torchair_like', 'dynamic', _EQ),
    ('jw_per_row', 'torchair_like', 'static', _EQ),
    ('jw_per_row', 'torchair_like', 'batch', _EQ),
    ('jw_per_row', 'torchair_like', 'dynamic', _EQ),
    ('jw_mul1', 'torchair_like', 'static', _EQ),
    ('jw_mul1', 'torchair_like', 'batch', _EQ),
    ('jw_mul1', 'torchair_like', 'dynamic', _EQ),
    ('sp3_unbind', 'torchair_like', 'static', _EQ),
    ('sp3_unbind', 'torchair_like', 'batch', _R),
    ('sp3_unbind', 'torchair_like', 'dynamic', _R),
    ('sp3_chunk', 'torchair_like', 'static', _EQ),
    ('sp3_chunk', 'torchair_like', 'batch', _R),
    ('sp3_chunk', 'torchair_like', 'dynamic', _R),
    ('sp3_split', 'torchair_like', 'static', _EQ),
    ('sp3_split', 'torchair_like', 'batch', _R),
    ('sp3_split', 'torchair_like', 'dynamic', _R),
    ('sp3_slice_squeeze', 'torchair_like', 'static', _EQ),
    ('sp3_slice_squeeze', 'torchair_like', 'batch', _R),
    ('sp3_slice_squeeze', 'torchair_like', 'dynamic', _R),
    ('sp3_v_scaled', 'torchair_like', 'static', _EQ),
    ('sp3_v_scaled', 'torchair_like', 'batch', _R),
    ('sp3_v_scaled', 'torchair_like', 'dynamic', _R),
    ('sp3_v_lossy', 'torchair_like', 'static', _EQ),
    ('sp3_v_lossy', 'torchair_like', 'batch', _R),
    ('sp3_v_lossy', 'torchair_like', 'dynamic', _R),
    ('sp3_bias_half', 'torchair_like', 'static', _R),
    ('sp3_bias_half', 'torchair_like', 'batch', _R),
    ('sp3_bias_half', 'torchair_like', 'dynamic', _R),
    ('sp3_pick_returned', 'torchair_like', 'static', _EQ),
    ('sp3_pick_returned', 'torchair_like', 'batch', _R),
    ('sp3_pick_returned', 'torchair_like', 'dynamic', _R),
    ('mw_copy_between', 'torchair_like', 'static', _EQ),
    ('mw_copy_between', 'torchair_like', 'batch', _EQ),
    ('mw_copy_between', 'torchair_like', 'dynamic', _EQ),
    ('mw_out_variant', 'torchair_like', 'static', _EQ),
    ('mw_out_variant', 'torchair_like', 'batch', _EQ),
    ('mw_out_variant', 'torchair_like', 'dynamic', _EQ),
    ('mw_mul_inplace_alias', 'torchair_like', 'static', _EQ),
    ('mw_mul_inplace_alias', 'torchair_like', 'batch', _EQ),
    ('mw_mul_inplace_alias', 'torchair_like', 'dynamic', _EQ),
    ('mw_slots_mutated', 'torchair_like', 'static', _R),
    ('mw_slots_mutated', 'torchair_like', 'batch', _R),
    ('mw_slots_mutated', 'torchair_like', 'dynamic', _R),
    ('sx3_unbind', 'torchair_like', 'static', _EQ),
    ('sx3_unbind', 'torchair_like', 'batch', _EQ),
    ('sx3_unbind', 'torchair_like', 'dynamic', _EQ),
    ('sx3_nested', 'torchair_like', 'static', _EQ),
    ('sx3_nested', 'torchair_like', 'batch', _EQ),
    ('sx3_nested', 'torchair_like', 'dynamic', _EQ),
    ('sx3_permuted', 'torchair_like', 'static', _EQ),
    ('sx3_permuted', 'torchair_like', 'batch', _EQ),
    ('sx3_permuted', 'torchair_like', 'dynamic', _EQ),
    ('sx3_cat_uneven', 'torchair_like', 'static', _EQ),
    ('sx3_cat_uneven', 'torchair_like', 'batch', _EQ),
    ('sx3_cat_uneven', 'torchair_like', 'dynamic', _EQ),
    ('cc_cast_half', 'torchair_like', 'static', _R),
    ('cc_cast_half', 'torchair_like', 'batch', _R),
    ('cc_cast_half', 'torchair_like', 'dynamic', _R),
    ('cc_two_steps', 'torchair_like', 'static', _EQ),
    ('cc_two_steps', 'torchair_like', 'batch', _EQ),
    ('cc_two_steps', 'torchair_like', 'dynamic', _EQ),
    ('lp_positions_returned', 'torchair_like', 'static', _EQ),
    ('lp_positions_returned', 'torchair_like', 'batch', _EQ),
    ('lp_positions_returned', 'torchair_like', 'dynamic', _EQ),
]

_LATER = [
    ('cc_bias_half', 'inductor', 'static', _FF),
    ('cc_bias_half', 'inductor', 'batch', _FF),
    ('cc_bias_half', 'inductor', 'dynamic', _FF),
    ('cc_bias_half_k', 'inductor', 'static', _FF),
    ('cc_bias_half_k', 'inductor', 'batch', _FF),
    ('cc_bias_half_k', 'inductor', 'dynamic', _FF),
    ('cc_bias_bf16', 'inductor', 'static', _FF),
    ('cc_bias_bf16', 'inductor', 'batch', _FF),
    ('cc_bias_bf16', 'inductor', 'dynamic', _FF),
    ('cc_mul1', 'inductor', 'static', _EQ),
    ('cc_mul1', 'inductor', 'batch', _EQ),
    ('cc_mul1', 'inductor', 'dynamic', _EQ),
    ('cc_cat_view_bias', 'inductor', 'static', _FF),
    ('cc_cat_view_bias', 'inductor', 'batch', _FF),
    ('cc_cat_view_bias', 'inductor', 'dynamic', _FF),
    ('cc_scaled_half', 'inductor', 'static', _FF),
    ('cc_scaled_half', 'inductor', 'batch', _FF),
    ('cc_scaled_half', 'inductor', 'dynamic', _FF),
    ('cc_bias_half_ret', 'inductor', 'static', _FF),
    ('cc_bias_half_ret', 'inductor', 'batch', _FF),
    ('cc_bias_half_ret', 'inductor', 'dynamic', _FF),
    ('cc_both', 'inductor', 'static', _EQ),
    ('cc_both', 'inductor', 'batch', _EQ),
    ('cc_both', 'inductor', 'dynamic', _EQ),
    ('cc_inplace', 'inductor', 'static', _EQ),
    ('cc_inplace', 'inductor', 'batch', _EQ),
    ('cc_inplace', 'inductor', 'dynamic', _EQ),
    ('cc_kv_bias', 'inductor', 'static', _RCD),
    ('cc_kv_bias', 'inductor', 'batch', _RCD),
    ('cc_kv_bias', 'inductor', 'dynamic', _RCD),
    ('cc_unsq_cat', 'inductor', 'static', _FF),
    ('cc_unsq_cat', 'inductor', 'batch', _FF),
    ('cc_unsq_cat', 'inductor', 'dynamic', _FF),
    ('cc_div_half', 'inductor', 'static', _EQ),
    ('cc_div_half', 'inductor', 'batch', _EQ),
    ('cc_div_half', 'inductor', 'dynamic', _EQ),
    ('cc_kept_after', 'inductor', 'static', _FF),
    ('cc_kept_after', 'inductor', 'batch', _FF),
    ('cc_kept_after', 'inductor', 'dynamic', _FF),
    ('cc_fp16_cache', 'inductor', 'static', _FF),
    ('cc_fp16_cache', 'inductor', 'batch', _FF),
    ('cc_fp16_cache', 'inductor', 'dynamic', _FF),
    ('jw_bias_half', 'inductor', 'static', _EQ),
    ('jw_bias_half', 'inductor', 'batch', _EQ),
    ('jw_bias_half', 'inductor', 'dynamic', _EQ),
    ('jw_bf16', 'inductor', 'static', _EQ),
    ('jw_bf16', 'inductor', 'batch', _EQ),
    ('jw_bf16', 'inductor', 'dynamic', _EQ),
    ('jw_per_row', 'inductor', 'static', _EQ),
    ('jw_per_row', 'inductor', 'batch', _EQ),
    ('jw_per_row', 'inductor', 'dynamic', _R),
    ('jw_mul1', 'inductor', 'static', _EQ),
    ('jw_mul1', 'inductor', 'batch', _EQ),
    ('jw_mul1', 'inductor', 'dynamic', _EQ),
    ('cc_cast_half', 'inductor', 'static', _R),
    ('cc_cast_half', 'inductor', 'batch', _R),
    ('cc_cast_half', 'inductor', 'dynamic', _R),
    ('cc_two_steps', 'inductor', 'static', _FF),
    ('cc_two_steps', 'inductor', 'batch', _FF),
    ('cc_two_steps', 'inductor', 'dynamic', _FF),
    ('sp3_unbind', 'inductor', 'static', _EQ),
    ('sp3_chunk', 'inductor', 'static', _EQ),
    ('sp3_split', 'inductor', 'static', _EQ),
    ('sp3_slice_squeeze', 'inductor', 'static', _EQ),
    ('sp3_v_scaled', 'inductor', 'static', _EQ),
    ('sp3_v_lossy', 'inductor', 'static', _EQ),
    ('sp3_bias_half', 'inductor', 'static', _R),
    ('sp3_pick_returned', 'inductor', 'static', _EQ),
    ('mw_copy_between', 'inductor', 'static', _EQ),
    ('mw_out_variant', 'inductor', 'static', _EQ),
    ('mw_mul_inplace_alias', 'inductor', 'static', _EQ),
    ('mw_slots_mutated', 'inductor', 'static', _R),
    ('sx3_unbind', 'inductor', 'static', _EQ),
    ('sx3_nested', 'inductor', 'static', _EQ),
    ('sx3_permuted', 'inductor', 'static', _EQ),
    ('sx3_cat_uneven', 'inductor', 'static', _EQ),
    ('lp_positions_returned', 'inductor', 'static', _EQ),
    ('cs_half_scale_fp32', 'inductor', 'static', _EQ),
    ('cs_half_scale_fp32', 'inductor', 'batch', _EQ),
    ('cs_half_scale_fp32', 'inductor', 'dynamic', _EQ),
    ('cs_bf16', 'inductor', 'static', _EQ),
    ('cs_bf16', 'inductor', 'batch', _EQ),
    ('cs_bf16', 'inductor', 'dynamic', _EQ),
    ('cs_two_inputs', 'inductor', 'static', _FF),
    ('cs_two_inputs', 'inductor', 'batch', _FF),
    ('cs_two_inputs', 'inductor', 'dynamic', _FF),
    ('cs_half_scale_fp32', 'inductor_graph', 'static', _EQ),
    ('cs_half_scale_fp32', 'inductor_graph', 'batch', _EQ),
    ('cs_half_scale_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('cs_bf16', 'inductor_graph', 'static', _EQ),
    ('cs_bf16', 'inductor_graph', 'batch', _EQ),
    ('cs_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('cs_two_inputs', 'inductor_graph', 'static', _EQ),
    ('cs_two_inputs', 'inductor_graph', 'batch', _EQ),
    ('cs_two_inputs', 'inductor_graph', 'dynamic', _EQ),
    ('cs_half_scale_fp32', 'torchair_like', 'static', _EQ),
    ('cs_half_scale_fp32', 'torchair_like', 'batch', _EQ),
    ('cs_half_scale_fp32', 'torchair_like', 'dynamic', _EQ),
    ('cs_bf16', 'torchair_like', 'static', _EQ),
    ('cs_bf16', 'torchair_like', 'batch', _EQ),
    ('cs_bf16', 'torchair_like', 'dynamic', _EQ),
    ('cs_two_inputs', 'torchair_like', 'static', _EQ),
    ('cs_two_inputs', 'torchair_like', 'batch', _EQ),
    ('cs_two_inputs', 'torchair_like', 'dynamic', _EQ),
    ('jw_cast_half', 'inductor', 'static', _R),
    ('jw_cast_half', 'inductor', 'batch', _R),
    ('jw_cast_half', 'inductor', 'dynamic', _R),
    ('jw_cast_bf16', 'inductor', 'static', _R),
    ('jw_cast_bf16', 'inductor', 'batch', _R),
    ('jw_cast_bf16', 'inductor', 'dynamic', _R),
]


def classify57(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-56)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify57)
