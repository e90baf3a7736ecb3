"""Sixth adversarial review of the recogniser (issue 18, "a fresh adversarial review finds no false fusion").

White-box attacks that neither issue 18's classes (``tests/corpora/attacks.py``) nor the second to fifth reviews
(``redteam2.py`` .. ``redteam5.py``) have, aimed first at the code new since round 5 (06628da..fc2704f).  Same
format as redteam5: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step, inputs,
modes)``; the runner and classification (REFUSED / FUSED & EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH, with the
NSA_FUSION_DISABLE=1 control, and redteam5's "REFUSED, PASS CHANGES NUMBERS") are redteam2's / redteam5's.

    python tests/corpora/redteam6.py [--dialect inductor_graph|inductor|torchair_like|inductor_post|aot_outputs] [--mode M] [name ...]
    python tests/corpora/redteam6.py --table OUT.md [--dialect D ...] [name ...]   # markdown: first try vs now

``--dialect vllm_post`` (this module's runner): redteam5's inductor_post with the vLLM adapters' pass
(``NsaFusionPass(INDUCTOR, functional_calls=False)``: the mutating fused call) as Inductor's post_grad_custom_post_pass.
Attacks named ``cost_*`` run with the cost rule as users get it (the harness sets NSA_FUSION_FUSE_SMALL=1).

First try (22:23-23:27 UTC, snapshot of commit fc2704f365400a106b4ca491f6be66722164f946 extracted to /tmp/rt6_base,
no fixer changes in it): 138 attacks, 364 runs (inductor_graph 141, torchair_like 141, vllm_post 64, inductor
codegen 12 confirmations, aot_outputs 6).  By attack (worst result over its runs): 57 FALSE FUSION, 4 CRASH,
4 CONTROL DIFFERS only (plain Inductor's own bug), 46 FUSED & EQUAL only, 27 REFUSED only.  By run: inductor_graph
41 false fusion / 3 crash / 1 refused but the pass changes the numbers / 8 control differs / 57 equal / 31 refused;
torchair_like 54 false fusion / 4 crash / 53 equal / 30 refused; vllm_post 20 false fusion / 2 crash / 4 control
differs / 34 equal / 4 refused; inductor (real codegen) 9 false fusion / 1 crash / 2 equal; aot_outputs 5 false
fusion / 1 equal.
Six classes, written up in /work/briefs/redteam6_findings.md:

* J1 ``rewrite.integer_ops_as_arithmetic`` rewrites ``x >> k`` as ``x // 2**k`` on every integer tensor, in every
  graph, fused or not: torch casts 2**k to x's dtype, -32768 / 0 in int16 (-128 / 0 in int8).  Positions or a
  condition compensated by ``+ (lens >> 15)`` fuse (false fusion), ``>> 16`` divides by zero (crash where eager
  runs, also in graphs without a compression step and in steps the cost rule declines), ``lens >> 15`` returned
  beside a step changes;
* J2 ``sizes.check_size_modular_views`` keeps offsets of +-1 on a symbolic dim; six of them (slices / narrows /
  as_strided offsets / rolls of two-copy tilings) compose to a shift by 6, the identity at N = 2 and 3 (compiled and
  generalized), not at 4 (weight, KV, tokens, new rows, kept rows, cache heads; dynamic=True);
* J3 where the fused call is the mutating one on a clone (torchair, the vLLM adapters, vllm-ascend's aot_outputs),
  a second step on the same cache (MTP: two compressions per step) finds its cache by walking the write's base back
  through copies (``patterns/write.py``: ``_chain_back(.., _COPIES)``) past the first call's clone to the cache
  input: the second call writes a clone of the ORIGINAL cache and the first step's rows are lost (also in Inductor's
  own dialect, real codegen included, where the cache is a view of the input: a [S, N * D] buffer written through
  its [S, N, D] view, dynamic=True);
* J4 the same through the paged-input walk (``roles._sources``: the root-most [*, *, N, D] tensor, through views incl.
  clone): a two-level compression whose level-1 cache is stored paged and written through a [S, N, D] view (the
  mutating call in EVERY dialect, real Inductor codegen included), or read as a flat token pool (torchair): level 2
  reads the level-1 cache as it was before level 1's step;
* J5 a size-modular STRIDE, no offset at all: ``x.repeat(.., 7).reshape(.., N, 7)[..., 0]`` (head j <- head 7j mod N,
  the identity at N = 2, 3), ``as_strided`` strides, ``unfold`` steps, a permute of the split; on the batch rows
  (kept rows, the slots: row b <- row 289 b mod B, the identity at every batch the probes use) and the table's pages;
* J6 a symbolic offset with no constant part that is 0 at the probed sizes: ``narrow(dim, N // 4, N)`` of a tiling,
  ``roll(N // 4)``, ``D // 32`` on the head dim, ``B // 64`` on the batch, ``blocks // 256`` on the KV's blocks,
  ``pages // 8`` on the table.

Not found (equal or refused, every dialect run): the auto_functionalized call on a cache input and its readers
(snapshots, early reads, clones, reductions, a step on a copy made in the graph), writes before / after / beside the
step into the same cache, MLA latent and stacked-pool appends before the step, the vLLM slot wrap's other branch and
condition, GE write lowering of broadcast / negative / three-index appends, non-contiguous inputs, position masks
past the probes' shrunk sizes, a stride map on the batch of a static graph (its probes run 32 rows), the paged input
or the weight stored in the cache being written, the stacked split; explain ran on every class without crashing.

Re-run on the current /work/main (23:32-23:48 UTC, HEAD e2ae447 -- J1's fix 4393291 and J3/J4's fix e2ae447
committed -- plus the fixer's uncommitted tree: the J2/J5/J6 rule in nsa_fusion/patterns/sizes.py), every attack
and mode in inductor_graph and torchair_like, 141 runs per dialect: inductor_graph 54 equal / 79 refused / 8 control
differs (plain Inductor's own no-op clone removal: two_steps_mid_*, clone_*_step*, step_then_copy_out; the same
numbers with the pass off); torchair_like 64 equal / 77 refused.  NO false fusion, no crash, no run where the pass
alone changes the numbers.  16 runs that fused equal on the first try are refused now (the new sizes rule is
conservative: weight_heads_shift1x12_dyn, weight_row_strided_6_dyn, weight_unfold_step_6_dyn, kv_heads_times7_dyn,
kept_batch_times289 [batch], slots_times289 [batch], kept_batch_floordiv64 [batch], stacked_half_floordiv4_dyn, in
both dialects).

Final check on the committed fixes (23:58-00:05 UTC, HEAD d53ce07 -- the sizes rule committed, clean tree): the 61
attacks whose first try was a false fusion, a crash or pass-changed numbers, every mode, 64 runs per dialect:
inductor_graph 14 equal / 46 refused / 4 control differs (plain Inductor's own, two_steps_mid_*), torchair_like
19 equal / 45 refused.  No false fusion, no crash, no pass-changed numbers.  (The same on the fixer's uncommitted
tree at 23:51.)

Every run whose first try or re-run was not plainly equal or refused (IG inductor_graph, TA torchair_like; FF false
fusion, CR crash, CD control differs, R(pass) refused but the pass changes the numbers; first try -> re-run):

    shift15_int16_extra_output [static]: IG FF -> EQ, TA FF -> EQ
    shift15_int16_extra_output_dyn [dynamic]: IG FF -> EQ, TA FF -> EQ
    shift16_int16_condition [static]: IG CR -> EQ, TA CR -> EQ
    shift15_compensated_positions [static]: IG FF -> R, TA FF -> R
    shift15_compensated_condition [static]: IG FF -> R, TA FF -> R
    shift16_int16_no_step [static]: IG CR -> R, TA CR -> R
    shift7_int8_compensated_positions [static]: IG FF -> R, TA FF -> R
    shift8_int8_mask [static]: IG EQ -> EQ, TA CR -> R
    weight_heads_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_shift1x6_slice_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_shift1x6_roll_dyn [dynamic]: IG R -> R, TA FF -> R
    weight_heads_shift1x6_strided_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_shift1x6_expand_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_shiftm1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kv_heads_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R
    tokens_heads_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    new_heads_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_heads_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    cache_heads_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R
    kept_heads_shift1x6_roll_dyn [dynamic]: IG R -> R, TA FF -> R
    weight_heads_times7_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_times7_strided_dyn [dynamic]: IG FF -> R, TA FF -> R
    tokens_heads_times7_expand_dyn [dynamic]: IG FF -> R, TA FF -> R
    new_heads_times7_expand_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_heads_times7_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_dim_times273_dyn [dynamic]: IG FF -> R, TA FF -> R
    new_dim_times273_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_strided_floordiv4_dyn [dynamic]: IG FF -> R, TA FF -> R
    cache_heads_times7_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_batch_times289 [dynamic]: IG FF -> R, TA FF -> R
    slots_times289 [dynamic]: IG FF -> R, TA FF -> R
    table_pages_times21_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_unfold_step7_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_times7_permute_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_floordiv4_dyn [dynamic]: IG FF -> R, TA FF -> R
    kv_dim_floordiv32_dyn [dynamic]: IG FF -> R, TA R -> R
    new_heads_floordiv4_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_heads_floordiv4_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_dim_floordiv32_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_max_shift_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_square_floordiv16_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_batch_floordiv64 [dynamic]: IG FF -> R, TA FF -> R
    kv_blocks_floordiv256_dyn [dynamic]: IG FF -> R, TA FF -> R
    table_pages_floordiv8_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_roll_floordiv4_dyn [dynamic]: IG R -> R, TA FF -> R
    two_steps_mid_clone [static]: IG CD -> CD, TA FF -> EQ
    two_steps_mid_times_one [static]: IG EQ -> EQ, TA FF -> EQ
    two_steps_mid_flat_clone [static]: IG CD -> CD, TA FF -> EQ
    two_steps_mid_sum [static]: IG EQ -> EQ, TA FF -> EQ
    two_steps_mid_snapshot [static]: IG CD -> CD, TA FF -> EQ
    two_steps_mid_clone_dyn [dynamic]: IG CD -> CD, TA FF -> EQ
    clone_zero_then_step [static]: IG CD -> CD, TA EQ -> EQ
    clone_step_then_zero [static]: IG CD -> CD, TA EQ -> EQ
    clone_overwrite_then_step [static]: IG CD -> CD, TA EQ -> EQ
    two_steps_same_cache [static]: IG EQ -> EQ, TA FF -> EQ
    two_steps_same_cache_dyn [dynamic]: IG EQ -> EQ, TA FF -> EQ
    two_steps_flat_cache [static]: IG EQ -> EQ, TA FF -> EQ
    two_steps_flat_cache_dyn [dynamic]: IG FF -> EQ, TA FF -> EQ
    two_steps_cache_view [static]: IG EQ -> EQ, TA FF -> EQ
    two_steps_two_lengths [static]: IG EQ -> EQ, TA FF -> EQ
    hierarchical_paged_cache [static]: IG FF -> EQ, TA FF -> EQ
    hierarchical_flat_pool [static]: IG EQ -> EQ, TA FF -> EQ
    step_then_copy_out [static]: IG CD -> CD, TA EQ -> EQ
    cost_small_shift16_condition [static]: IG CR -> R, TA CR -> EQ
    cost_small_shift15_output [static]: IG R(pass) -> R, TA FF -> EQ

FIRST_TRY below holds every first-try result.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import (L, STRIDE, build, completes, contract, pool, positions,  # noqa: E402
                                   tokens, write, _qualifies)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam5 import classify5, _dims_grow, _kept_rolled, _new, _rolled  # noqa: E402  (redteam3's hooks too)
from tests.corpora.redteam5 import _post_pass_backend as _inductor_post_backend  # noqa: E402


def _int16(x):
    """Lengths (and a table and slots) as int16: valid input (capacity 256, a few hundred rows) fits."""
    a = list(x.args)
    a[4] = a[4].to(torch.int16)
    return a


# --- 1. rewrite.integer_ops_as_arithmetic: ``x >> k`` -> ``x // 2**k`` on every integer tensor ----------------------
# The rewrite is applied to every graph the pass sees (normalize_row_writes, from split_stacked_writes, runs before
# recognition, fused or not) and is kept ("an identity on every integer tensor").  For int16 (int8) tensors the
# divisor 2**k is a Python int that torch casts to the tensor's dtype: 2**15 is -32768 in int16 (floor division by a
# negative number), 2**16 .. 2**30 are 0 (ZeroDivisionError).  ``x >> 15`` on int16 is 0 for x >= 0, the rewrite
# gives -1 for every x > 0.
def s_shift15_int16_extra_output(kv, w, slots, table, lens, cache):
    """The contract, and the int16 lengths' sign (``lens >> 15``, 0 on valid lengths) returned beside it."""
    return contract(kv, w, slots, table, lens, cache), lens >> 15


def s_shift16_int16_condition(kv, w, slots, table, lens, cache):
    """``(lens >> 16) == 0`` (always true for int16) and-ed into the condition: the rewrite divides by 0."""
    valid = completes(lens) & ((lens >> 16) == 0)
    return write(cache, slots, valid, _new(kv, w, table, lens))


def s_shift15_compensated_positions(kv, w, slots, table, lens, cache):
    """Positions one too far (``+ 1``) in eager, brought back by ``+ (lens >> 15)`` -- 0 in eager on valid lengths,
    -1 after the rewrite for every s > 0: the rewritten graph is the contract, eager reads the window shifted by one."""
    pos = (lens.long()[:, None] - L + torch.arange(L) + 1 + (lens >> 15).long()[:, None]).clamp(min=0,
                                                                                          max=table.shape[1] * kv.shape[1] - 1)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def s_shift15_compensated_condition(kv, w, slots, table, lens, cache):
    """The condition off by one in eager (``s - l + 1``), made right by ``+ (lens >> 15)`` after the rewrite."""
    s = lens.long() + 1 + (lens >> 15).long()
    valid = (s >= L) & ((s - L) % STRIDE == 0)
    return write(cache, slots, valid, _new(kv, w, table, lens))


def s_shift16_int16_no_step(kv, w, slots, table, lens, cache):
    """No compression at all (a KV append), with an int16 ``>> 16`` beside it."""
    P = kv.shape[1]
    pos = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.long().gather(1, (pos // P)[:, None])[:, 0]
    kv[page, pos % P] = 7.0
    return kv, lens >> 16


def s_shift8_int8_mask(kv, w, slots, table, lens, cache):
    """int8 spelling: ``(lens.to(int8) >> 8)`` (0 or -1 in eager), multiplied by 0 (the condition unchanged)."""
    junk = (lens.to(torch.int8) >> 8).long() * 0
    valid = completes(lens + junk)
    return write(cache, slots, valid, _new(kv, w, table, lens))


def s_shift7_int8_compensated_positions(kv, w, slots, table, lens, cache):
    """int8 spelling of shift15_compensated_positions: (lens.clamp(max=127).to(int8) >> 7) is 0 in eager, the rewrite
    divides by 2**7 = -128 (int8) and gives -1 for every s > 0."""
    fix = (lens.clamp(max=127).to(torch.int8) >> 7).long()[:, None]
    pos = (lens.long()[:, None] - L + torch.arange(L) + 1 + fix).clamp(min=0, max=table.shape[1] * kv.shape[1] - 1)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def _i16(**kw):
    return lambda: [_int16(build(**kw))]


ATTACKS = [
    ("shift15_int16_extra_output", _mk(s_shift15_int16_extra_output, _i16()),
     "int16 lens >> 15 returned beside the contract: the rewrite x // 2**15 divides by -32768 (int16)"),
    ("shift15_int16_extra_output_dyn", _mk(s_shift15_int16_extra_output, lambda: [_int16(build()), _int16(build(B=12, seed=3))],
                                           ("dynamic",)),
     "the same under dynamic=True"),
    ("shift16_int16_condition", _mk(s_shift16_int16_condition, _i16()),
     "(lens >> 16) == 0 in the condition: the rewrite divides by 2**16 == 0 in int16"),
    ("shift15_compensated_positions", _mk(s_shift15_compensated_positions, _i16()),
     "positions + 1 + (lens >> 15): eager reads the window shifted by one; the rewritten graph is the contract"),
    ("shift15_compensated_condition", _mk(s_shift15_compensated_condition, _i16()),
     "condition on s + 1 + (lens >> 15): off by one in eager, the contract after the rewrite"),
    ("shift16_int16_no_step", _mk(s_shift16_int16_no_step, _i16()),
     "no compression step: a KV append and an int16 lens >> 16 returned"),
    ("shift7_int8_compensated_positions", _mk(s_shift7_int8_compensated_positions, lambda: [build()]),
     "positions + 1 + (lens.clamp(max=127).to(int8) >> 7): int8, 2**7 == -128"),
    ("shift8_int8_mask", _mk(s_shift8_int8_mask, lambda: [build()]),
     "lens.to(int8) >> 8, times 0, in the condition (int8: 2**8 == 0)"),
]


# --- 2. sizes.check_size_modular_views keeps offsets of +-1: a chain of six +1 shifts is a shift by 6 ------------------
# Each view moves by 1 (allowed: "a shift by 1 of every period n >= 2"); six of them move by 6 mod N, the identity at
# N = 2 (compiled) and N = 3 (the generalized size), not at N = 4.
def _shift1(x, dim, times=6, sign=1):
    """x shifted by ``times`` (mod its size along ``dim``) as ``times`` slices of a two-copy tiling, each from 1
    (or from n - 1 for sign = -1)."""
    for _ in range(times):
        n = x.shape[dim]
        x = torch.cat([x, x], dim).narrow(dim, 1 if sign > 0 else n - 1, n)
    return x


def _shift1_slice(x, dim, times=6):
    for _ in range(times):
        n = x.shape[dim]
        t = torch.cat([x, x], dim)
        idx = [slice(None)] * x.dim()
        idx[dim] = slice(1, 1 + n)
        x = t[tuple(idx)]
    return x


def _shift1_roll(x, dim, times=6):
    for _ in range(times):
        x = x.roll(1, dim)
    return x


def _shift1_strided(w, times=6):
    for _ in range(times):
        l, N = w.shape
        w = w.repeat(1, 2).as_strided((l, N), (2 * N, 1), 1)
    return w


def _shift1_expand(x, dim, times=6):
    for _ in range(times):
        shape = list(x.shape)
        n = shape[dim]
        t = x.unsqueeze(dim).expand(*shape[:dim], 2, *shape[dim:]).reshape(*shape[:dim], 2 * n, *shape[dim + 1:])
        x = t.narrow(dim, 1, n)
    return x




def _pooled_with(weight_of):
    return _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), weight_of(w)))


f_weight_heads_shift1x6 = _pooled_with(lambda w: _shift1(w, 1))
f_weight_heads_shift1x6_slice = _pooled_with(lambda w: _shift1_slice(w, 1))
f_weight_heads_shift1x6_roll = _pooled_with(lambda w: _shift1_roll(w, 1))
f_weight_heads_shift1x6_strided = _pooled_with(_shift1_strided)
f_weight_heads_shift1x6_expand = _pooled_with(lambda w: _shift1_expand(w, 1))
f_weight_heads_shiftm1x6 = _pooled_with(lambda w: _shift1(w, 1, sign=-1))
f_weight_heads_shift1x12 = _pooled_with(lambda w: _shift1(w, 1, times=12))
f_kv_heads_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(_shift1(kv, 2), t, positions(s)), w))
f_tokens_heads_shift1x6 = _rolled(lambda kv, w, t, s: pool(_shift1(tokens(kv, t, positions(s)), 2), w))
f_new_heads_shift1x6 = _rolled(lambda kv, w, t, s: _shift1(_new(kv, w, t, s), 1))
k_kept_heads_shift1x6 = _kept_rolled(lambda c, s: _shift1(c[s], 1))
k_cache_heads_shift1x6 = _kept_rolled(lambda c, s: _shift1(c, 1)[s])
k_kept_heads_shift1x6_roll = _kept_rolled(lambda c, s: _shift1_roll(c[s], 1))


ATTACKS += [
    ("weight_heads_shift1x6_dyn", _mk(f_weight_heads_shift1x6, _dims_grow(N=4), ("dynamic",)),
     "w's heads shifted six times by 1 (cat([w, w]).narrow(1, 1, N) x 6): 6 mod N, identity at N = 2, 3"),
    ("weight_heads_shift1x6_slice_dyn", _mk(f_weight_heads_shift1x6_slice, _dims_grow(N=4), ("dynamic",)),
     "the same with cat([w, w])[:, 1:1 + N] x 6"),
    ("weight_heads_shift1x6_roll_dyn", _mk(f_weight_heads_shift1x6_roll, _dims_grow(N=4), ("dynamic",)),
     "w.roll(1, 1) six times (torchair keeps aten.roll)"),
    ("weight_heads_shift1x6_strided_dyn", _mk(f_weight_heads_shift1x6_strided, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 2).as_strided((l, N), (2N, 1), 1) six times (storage offset 1)"),
    ("weight_heads_shift1x6_expand_dyn", _mk(f_weight_heads_shift1x6_expand, _dims_grow(N=4), ("dynamic",)),
     "an expand + reshape tiling narrowed from 1, six times"),
    ("weight_heads_shiftm1x6_dyn", _mk(f_weight_heads_shiftm1x6, _dims_grow(N=4), ("dynamic",)),
     "six shifts by -1 (narrow from N - 1 of a two-copy tiling)"),
    ("weight_heads_shift1x12_dyn", _mk(f_weight_heads_shift1x12, _dims_grow(N=4), ("dynamic",)),
     "twelve shifts by 1 (12 mod N: identity at N = 2, 3, 4, 6; called at N = 4 -> equal; a control)"),
    ("kv_heads_shift1x6_dyn", _mk(f_kv_heads_shift1x6, _dims_grow(N=4), ("dynamic",)),
     "the paged KV's heads shifted 6 x 1"),
    ("tokens_heads_shift1x6_dyn", _mk(f_tokens_heads_shift1x6, _dims_grow(N=4), ("dynamic",)),
     "the gathered tokens' heads shifted 6 x 1"),
    ("new_heads_shift1x6_dyn", _mk(f_new_heads_shift1x6, _dims_grow(N=4), ("dynamic",)),
     "the new rows' heads shifted 6 x 1"),
    ("kept_heads_shift1x6_dyn", _mk(k_kept_heads_shift1x6, _dims_grow(N=4), ("dynamic",)),
     "the kept rows' heads shifted 6 x 1"),
    ("cache_heads_shift1x6_dyn", _mk(k_cache_heads_shift1x6, _dims_grow(N=4), ("dynamic",)),
     "the whole cache's heads shifted 6 x 1, then the kept rows read"),
    ("kept_heads_shift1x6_roll_dyn", _mk(k_kept_heads_shift1x6_roll, _dims_grow(N=4), ("dynamic",)),
     "the kept rows' heads rolled by 1 six times"),
]



# Shifts without a storage offset or a slice start: the constant sits in a STRIDE (row j starts 6 * j further into a
# tiling: 6j mod N, the identity at N = 2 and 3), or in an unfold step.
def _row_strided_6(w):
    l, N = w.shape
    return w.repeat(1, 8).as_strided((l, N), (4 * N + 6, 1))


def _unfold_step_6(w):
    l, N = w.shape
    return w.repeat(1, 8).flatten().unfold(0, N, 4 * N + 6)[:l]


def _kept_row_strided_6(c, s):
    rows = c[s]  # [B, N, D]
    B, N, D = rows.shape
    t = rows.repeat(1, 16, 1)  # [B, 16N, D], each row N-periodic along its heads
    return t.as_strided((B, N, D), (8 * N * D + 6 * D, D, 1))


f_weight_row_strided_6 = _pooled_with(_row_strided_6)
f_weight_unfold_step_6 = _pooled_with(_unfold_step_6)
f_weight_circular_pad_6 = _pooled_with(lambda w: torch.nn.functional.pad(w.repeat(1, 4)[None], (6, 0), mode="circular")[0]
                                       [:, : w.shape[1]])
k_kept_row_strided_6 = _kept_rolled(_kept_row_strided_6)

ATTACKS += [
    ("weight_row_strided_6_dyn", _mk(f_weight_row_strided_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 8).as_strided((l, N), (4N + 6, 1)): row j shifted by 6j mod N (a constant in a stride, offset 0)"),
    ("weight_unfold_step_6_dyn", _mk(f_weight_unfold_step_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 8).flatten().unfold(0, N, 4N + 6)[:l]: an unfold step with a constant part"),
    ("weight_circular_pad_6_dyn", _mk(f_weight_circular_pad_6, _dims_grow(N=4), ("dynamic",)),
     "F.pad(tiling, (6, 0), mode='circular')[:, :N]: a shift by -6 through a circular pad"),
    ("kept_row_strided_6_dyn", _mk(k_kept_row_strided_6, _dims_grow(N=4), ("dynamic",)),
     "kept rows: cache[s].repeat(1, 16, 1).as_strided((B, N, D), (8ND + 6D, D, 1)): row b's heads shifted by 6b mod N"),
]



# No shift at all: a stride. ``x.repeat(.., 7)`` reshaped to [.., N, 7] and element 0 of the last dim taken is x's
# head 7j mod N at head j -- a constant select on a CONSTANT dim (size 7), no slice start, no roll, no offset; the
# identity where 7 = 1 mod N (N = 2, 3: compiled and generalized), a permutation at N = 4 (heads 0, 3, 2, 1).
def _heads_times7(x, hdim):
    shape = list(x.shape)
    N = shape[hdim]
    reps = [1] * len(shape)
    reps[hdim] = 7
    t = x.repeat(*reps).reshape(*shape[:hdim], N, 7, *shape[hdim + 1:])
    return t.select(hdim + 1, 0)


def _heads_times7_expand(x, hdim):
    """The same tiling by unsqueeze + expand + reshape (the batch plan refuses repeat on the batch-carrying rows)."""
    shape = list(x.shape)
    N = shape[hdim]
    t = x.unsqueeze(hdim).expand(*shape[:hdim], 7, *shape[hdim:]).reshape(*shape[:hdim], 7 * N, *shape[hdim + 1:])
    return t.reshape(*shape[:hdim], N, 7, *shape[hdim + 1:]).select(hdim + 1, 0)


def _dim_times(x, dim, c):
    """x's dim ``dim`` (size n) read at c * j mod n (an expand tiling reshaped [.., n, c], element 0)."""
    shape = list(x.shape)
    n = shape[dim]
    t = x.unsqueeze(dim).expand(*shape[:dim], c, *shape[dim:]).reshape(*shape[:dim], c * n, *shape[dim + 1:])
    return t.reshape(*shape[:dim], n, c, *shape[dim + 1:]).select(dim + 1, 0)


f_weight_heads_times7 = _pooled_with(lambda w: _heads_times7(w, 1))
f_tokens_heads_times7_expand = _rolled(lambda kv, w, t, s: pool(_heads_times7_expand(tokens(kv, t, positions(s)), 2), w))
f_new_heads_times7_expand = _rolled(lambda kv, w, t, s: _heads_times7_expand(_new(kv, w, t, s), 1))
f_weight_heads_times7_strided = _pooled_with(lambda w: w.repeat(1, 7).as_strided(w.shape, (7 * w.shape[1], 7)))
f_kv_heads_times7 = _rolled(lambda kv, w, t, s: pool(tokens(_heads_times7(kv, 2), t, positions(s)), w))
f_tokens_heads_times7 = _rolled(lambda kv, w, t, s: pool(_heads_times7(tokens(kv, t, positions(s)), 2), w))
f_new_heads_times7 = _rolled(lambda kv, w, t, s: _heads_times7(_new(kv, w, t, s), 1))
k_kept_heads_times7 = _kept_rolled(lambda c, s: _heads_times7(c[s], 1))
k_cache_heads_times7 = _kept_rolled(lambda c, s: _heads_times7(c, 1)[s])
k_kept_dim_times273 = _kept_rolled(lambda c, s: _dim_times(c[s], 2, 273))
f_new_dim_times273 = _rolled(lambda kv, w, t, s: _dim_times(_new(kv, w, t, s), 2, 273))
f_weight_heads_strided_floordiv4 = _pooled_with(lambda w: w.repeat(1, 2).as_strided(w.shape, (2 * w.shape[1], 1),
                                                                                     w.shape[1] // 4))

ATTACKS += [
    ("weight_heads_times7_dyn", _mk(f_weight_heads_times7, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 7).reshape(l, N, 7)[:, :, 0]: head 7j mod N (identity at N = 2, 3; no shift, no slice start)"),
    ("weight_heads_times7_strided_dyn", _mk(f_weight_heads_times7_strided, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 7).as_strided((l, N), (7N, 7)): a stride of 7 along heads"),
    ("kv_heads_times7_dyn", _mk(f_kv_heads_times7, _dims_grow(N=4), ("dynamic",)), "the paged KV's heads j -> 7j mod N"),
    ("tokens_heads_times7_dyn", _mk(f_tokens_heads_times7, _dims_grow(N=4), ("dynamic",)),
     "the gathered tokens' heads j -> 7j mod N"),
    ("new_heads_times7_dyn", _mk(f_new_heads_times7, _dims_grow(N=4), ("dynamic",)), "the new rows' heads j -> 7j mod N"),
    ("tokens_heads_times7_expand_dyn", _mk(f_tokens_heads_times7_expand, _dims_grow(N=4), ("dynamic",)),
     "the gathered tokens' heads j -> 7j mod N through an expand tiling"),
    ("new_heads_times7_expand_dyn", _mk(f_new_heads_times7_expand, _dims_grow(N=4), ("dynamic",)),
     "the new rows' heads j -> 7j mod N through an expand tiling"),
    ("kept_heads_times7_dyn", _mk(k_kept_heads_times7, _dims_grow(N=4), ("dynamic",)), "the kept rows' heads j -> 7j mod N"),
    ("kept_dim_times273_dyn", _mk(k_kept_dim_times273, _dims_grow(D=32), ("dynamic",)),
     "the kept rows' head dim j -> 273 j mod D (273 = 1 mod 16 and 17; a permutation at D = 32)"),
    ("new_dim_times273_dyn", _mk(f_new_dim_times273, _dims_grow(D=32), ("dynamic",)),
     "the new rows' head dim j -> 273 j mod D"),
    ("weight_heads_strided_floordiv4_dyn", _mk(f_weight_heads_strided_floordiv4, _dims_grow(N=4), ("dynamic",)),
     "J6 as an as_strided storage offset N // 4 into a two-copy tiling"),
    ("cache_heads_times7_dyn", _mk(k_cache_heads_times7, _dims_grow(N=4), ("dynamic",)),
     "the whole cache's heads j -> 7j mod N, then the kept rows"),
]



# The same stride map on the batch (kept rows, slots) and on the table's pages: row b <- row 289 b mod B (289 = 1
# mod 8, 9, 16 and 32, the batch sizes the keep probe uses; a permutation at B = 10 or 7); page j <- page 21 j mod
# pages (21 = 1 mod 4 and 5, the compiled and generalized page counts; a permutation at 8 pages).
def _rows_times(x, c):
    B = x.shape[0]
    return x.unsqueeze(0).expand(c, *x.shape).reshape(B, c, *x.shape[1:]).select(1, 0)


def s_slots_times289(kv, w, slots, table, lens, cache):
    s = _rows_times(slots.long(), 289)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


def s_table_pages_times21(kv, w, slots, table, lens, cache):
    B, pages = table.shape
    t = table.unsqueeze(1).expand(B, 21, pages).reshape(B, pages, 21).select(2, 0)
    return write(cache, slots, completes(lens), pool(tokens(kv, t, positions(lens)), w))


k_kept_batch_times289 = _kept_rolled(lambda c, s: _rows_times(c[s], 289))


def s_lens_times289(kv, w, slots, table, lens, cache):
    """The lengths permuted (row b <- lens[289 b mod B]) for the positions and the condition alike."""
    return contract(kv, w, slots, table, _rows_times(lens, 289), cache)


def s_table_rows_times289(kv, w, slots, table, lens, cache):
    """The block table's rows permuted (row b <- table[289 b mod B])."""
    return contract(kv, w, slots, _rows_times(table, 289), lens, cache)
_batches = lambda: [build(B=8), build(B=10, seed=4), build(B=7, seed=5)]  # noqa: E731

ATTACKS += [
    ("kept_batch_times289", _mk(k_kept_batch_times289, _batches, ("batch", "dynamic")),
     "kept rows: row b <- cache[s][289 b mod B] (an expand tiling of the rows, reshaped, select 0)"),
    ("slots_times289", _mk(s_slots_times289, lambda: [build(B=8, specials=False), build(B=10, seed=4, specials=False),
                                                      build(B=7, seed=5, specials=False)], ("batch", "dynamic")),
     "the slots permuted: s <- slots[289 b mod B] (write and kept rows both)"),
    ("lens_times289", _mk(s_lens_times289, lambda: [build(B=8, specials=False), build(B=10, seed=4, specials=False)],
                          ("dynamic",)), "the lengths permuted: row b <- lens[289 b mod B]"),
    ("table_rows_times289", _mk(s_table_rows_times289, lambda: [build(B=8, specials=False),
                                                                build(B=10, seed=4, specials=False)], ("dynamic",)),
     "the block table's rows permuted: row b <- table[289 b mod B]"),
    ("table_pages_times21_dyn", _mk(s_table_pages_times21,
                                    lambda: [build(B=8, specials=False), build(B=8, pages=8, seed=2, specials=False,
                                                                                lengths=[512, 48, 0, 31, 32, 496, 100,
                                                                                         256])], ("dynamic",)),
     "the table's pages permuted: page j <- page 21 j mod pages (identity at 4 and 5 pages)"),
]



# Static graphs: gather and pooling are probed on the step cut to its first 32 rows.  Row b <- row 33 b mod B is the
# identity at 32 rows and a permutation at the compiled 40.
f_new_batch_times33 = _rolled(lambda kv, w, t, s: _rows_times(_new(kv, w, t, s), 33))
f_tokens_batch_times33 = _rolled(lambda kv, w, t, s: pool(_rows_times(tokens(kv, t, positions(s)), 33), w))


def s_slots_times33(kv, w, slots, table, lens, cache):
    s = _rows_times(slots.long(), 33)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    return cache


ATTACKS += [
    ("new_batch_times33", _mk(f_new_batch_times33, lambda: [build()]),
     "static B = 40: the new rows permuted, row b <- row 33 b mod B (the identity on the 32-row probe)"),
    ("tokens_batch_times33", _mk(f_tokens_batch_times33, lambda: [build()]),
     "static B = 40: the gathered windows permuted the same way"),
    ("slots_times33", _mk(s_slots_times33, lambda: [build(specials=False)]),
     "static B = 40: the slots permuted, s <- slots[33 b mod B]"),
]



# More spellings of the same map a fix must also close: an unfold step, a permute of the [N, 7] split, a gather with
# an arange of step 7.
f_weight_heads_unfold_step7 = _pooled_with(lambda w: w.repeat(1, 7).unfold(1, 1, 7)[..., 0])
f_weight_heads_times7_permute = _pooled_with(lambda w: w.repeat(1, 7).reshape(w.shape[0], w.shape[1], 7).permute(0, 2, 1)
                                             .reshape(w.shape[0], 7 * w.shape[1])[:, : w.shape[1]])
f_weight_heads_arange_step7 = _pooled_with(lambda w: w.repeat(1, 7).index_select(1, torch.arange(0, 7 * w.shape[1], 7)))

ATTACKS += [
    ("weight_heads_unfold_step7_dyn", _mk(f_weight_heads_unfold_step7, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 7).unfold(1, 1, 7)[..., 0]: an unfold step of 7 (head j <- 7j mod N)"),
    ("weight_heads_times7_permute_dyn", _mk(f_weight_heads_times7_permute, _dims_grow(N=4), ("dynamic",)),
     "the tiling reshaped [l, N, 7], permuted, flattened, sliced from 0"),
    ("weight_heads_arange_step7_dyn", _mk(f_weight_heads_arange_step7, _dims_grow(N=4), ("dynamic",)),
     "index_select(tiling, 1, arange(0, 7N, 7))"),
]


# In-place ops on the pooled value (functionalized before the pass sees them)
def _pooled_inplace(op):
    def step(kv, w, slots, table, lens, cache):
        new = _new(kv, w, table, lens)
        op(new)
        return write(cache, slots, completes(lens), new)
    return step


ATTACKS += [
    ("pooled_add_neg_zero_", _mk(_pooled_inplace(lambda x: x.add_(-0.0)), lambda: [build()]),
     "new.add_(-0.0): an identity on every value (-0.0 + -0.0 = -0.0)"),
    ("pooled_clamp_", _mk(_pooled_inplace(lambda x: x.clamp_(-65504.0, 65504.0)), lambda: [build()]),
     "new.clamp_(-65504, 65504): changes inf"),
    ("pooled_nan_to_num_", _mk(_pooled_inplace(lambda x: x.nan_to_num_(0.0)), lambda: [build()]),
     "new.nan_to_num_(0.0): changes NaN and inf"),
    ("pooled_mul_one_", _mk(_pooled_inplace(lambda x: x.mul_(1.0)), lambda: [build()]), "new.mul_(1.0)"),
]



# --- 2b. a symbolic start with no constant part that is 0 at the probed sizes: N // 4 (0 at N = 2, 3; 1 at N = 4) ---
def _shift_floordiv(x, dim, k=4):
    n = x.shape[dim]
    return torch.cat([x, x], dim).narrow(dim, n // k, n)


f_weight_heads_floordiv4 = _pooled_with(lambda w: _shift_floordiv(w, 1))
f_kv_dim_floordiv32 = _rolled(lambda kv, w, t, s: pool(tokens(_shift_floordiv(kv, 3, 32), t, positions(s)), w))
f_new_heads_floordiv4 = _rolled(lambda kv, w, t, s: _shift_floordiv(_new(kv, w, t, s), 1))
k_kept_heads_floordiv4 = _kept_rolled(lambda c, s: _shift_floordiv(c[s], 1))
k_kept_dim_floordiv32 = _kept_rolled(lambda c, s: _shift_floordiv(c[s], 2, 32))
f_weight_heads_roll_floordiv4 = _pooled_with(lambda w: w.roll(w.shape[1] // 4, 1))
f_weight_heads_max_shift = _pooled_with(lambda w: torch.cat([w, w], 1).narrow(1, max(w.shape[1] - 3, 0), w.shape[1]))
f_weight_heads_square_floordiv16 = _pooled_with(lambda w: torch.cat([w, w], 1).narrow(1, w.shape[1] * w.shape[1] // 16,
                                                                                       w.shape[1]))
k_kept_batch_floordiv64 = _kept_rolled(lambda c, s: _shift_floordiv(c[s], 0, 64))


def _tile2(x, dim):
    shape = list(x.shape)
    return x.unsqueeze(dim).expand(*shape[:dim], 2, *shape[dim:]).reshape(*shape[:dim], 2 * shape[dim], *shape[dim + 1:])


f_kv_blocks_floordiv256 = _rolled(lambda kv, w, t, s: pool(tokens(_tile2(kv, 0).narrow(0, kv.shape[0] // 256, kv.shape[0]),
                                                                  t, positions(s)), w))
f_table_pages_floordiv8 = _rolled(lambda kv, w, t, s: pool(tokens(kv, _tile2(t, 1).narrow(1, t.shape[1] // 8, t.shape[1]),
                                                                  positions(s)), w))


def s_stacked_half_floordiv4(kv2, w, slots, table, lens, cache):
    """The step reads kv2[N // 4] of a stacked [2, blocks, P, N, D] KV: the K half at N = 2, 3, the V half at N = 4."""
    return contract(kv2[kv2.shape[3] // 4], w, slots, table, lens, cache)


def _stacked_grow():
    a = _stacked(build(B=8, specials=False))[:6]
    b = _stacked(_dims_grow(N=4)()[1])[:6]
    return [a, b]

ATTACKS += [
    ("weight_heads_floordiv4_dyn", _mk(f_weight_heads_floordiv4, _dims_grow(N=4), ("dynamic",)),
     "cat([w, w], 1).narrow(1, N // 4, N): a start with no constant part, 0 at N = 2, 3 and 1 at N = 4"),
    ("kv_dim_floordiv32_dyn", _mk(f_kv_dim_floordiv32, _dims_grow(D=32), ("dynamic",)),
     "the KV's head dim shifted by D // 32 (0 at D = 16, 17; 1 at D = 32)"),
    ("new_heads_floordiv4_dyn", _mk(f_new_heads_floordiv4, _dims_grow(N=4), ("dynamic",)),
     "the new rows' heads shifted by N // 4"),
    ("kept_heads_floordiv4_dyn", _mk(k_kept_heads_floordiv4, _dims_grow(N=4), ("dynamic",)),
     "the kept rows' heads shifted by N // 4"),
    ("kept_dim_floordiv32_dyn", _mk(k_kept_dim_floordiv32, _dims_grow(D=32), ("dynamic",)),
     "the kept rows' head dim shifted by D // 32"),
    ("weight_heads_max_shift_dyn", _mk(f_weight_heads_max_shift, _dims_grow(N=4), ("dynamic",)),
     "J6 as a max: narrow(1, max(N - 3, 0), N) (0 at N = 2, 3; 1 at N = 4)"),
    ("weight_heads_square_floordiv16_dyn", _mk(f_weight_heads_square_floordiv16, _dims_grow(N=4), ("dynamic",)),
     "J6 as N * N // 16"),
    ("kept_batch_floordiv64", _mk(k_kept_batch_floordiv64, lambda: [build(B=8), build(B=64, seed=4)],
                                  ("batch", "dynamic")),
     "the kept rows shifted by B // 64 along the batch (0 at every batch the keep probe uses, 1 at B = 64)"),
    ("kv_blocks_floordiv256_dyn", _mk(f_kv_blocks_floordiv256,
                                      lambda: [build(B=8, specials=False), build(B=8, block_num=256, seed=2,
                                                                                 specials=False)], ("dynamic",)),
     "the KV's blocks shifted by blocks // 256 through an expand tiling (0 at 35, 36 blocks; 1 at 256)"),
    ("table_pages_floordiv8_dyn", _mk(f_table_pages_floordiv8,
                                      lambda: [build(B=8, specials=False), build(B=8, pages=8, seed=2, specials=False,
                                                                                 lengths=[512, 48, 0, 31, 32, 496,
                                                                                          100, 256])], ("dynamic",)),
     "the table's pages shifted by pages // 8 (0 at 4, 5 pages; 1 at 8)"),
    ("stacked_half_floordiv4_dyn", _mk(s_stacked_half_floordiv4, _stacked_grow, ("dynamic",)),
     "the step reads kv2[N // 4] of a stacked KV: the other half at N = 4"),
    ("weight_heads_roll_floordiv4_dyn", _mk(f_weight_heads_roll_floordiv4, _dims_grow(N=4), ("dynamic",)),
     "w.roll(N // 4, 1) (torchair keeps roll)"),
]



# --- 3. the fused call on a cache that is not a graph input: Inductor gets the MUTATING call on a clone -------------
# emit_compress(functional=...) is functional only where step.cache is a placeholder; a second step on the same cache
# (its cache is the first call's result), or a step on a copy made in the graph (``out = cache.clone()``), gets
# ``clone(x); compress_infer_(.., clone)``.  Inductor's remove_noop_ops drops a same-layout clone: does the call then
# write a buffer something else still reads?
def _two_slots(B=40, seed=0, **kw):
    """build() plus a second slot mapping disjoint from the first (rows past the first's range)."""
    x = build(B=B, seed=seed, num_slots=4 * B + 10, **kw)
    a = list(x.args)
    S = a[5].shape[0]
    taken = set(a[2].tolist())
    free = [r for r in range(S) if r not in taken]
    g = torch.Generator().manual_seed(seed + 1)
    a.append(torch.tensor(free, dtype=a[2].dtype)[torch.randperm(len(free), generator=g)[:B]])
    return a


def s_two_steps_mid_clone(kv, w, slots, table, lens, cache, slots2):
    """Step, mid = cache.clone() (the state between the steps), step into other rows; both returned."""
    contract(kv, w, slots, table, lens, cache)
    mid = cache.clone()
    contract(kv, w, slots2, table, lens, cache)
    return cache, mid


def s_two_steps_mid_times_one(kv, w, slots, table, lens, cache, slots2):
    contract(kv, w, slots, table, lens, cache)
    mid = cache * 1
    contract(kv, w, slots2, table, lens, cache)
    return cache, mid


def s_two_steps_mid_flat_clone(kv, w, slots, table, lens, cache, slots2):
    contract(kv, w, slots, table, lens, cache)
    mid = cache.view(cache.shape[0], -1).clone()
    contract(kv, w, slots2, table, lens, cache)
    return cache, mid


def s_two_steps_mid_sum(kv, w, slots, table, lens, cache, slots2):
    """A reduction of the state between the steps (a pointwise/reduction read Inductor may schedule late)."""
    contract(kv, w, slots, table, lens, cache)
    mid = cache.float().nan_to_num(0.0, 0.0, 0.0).sum(0)
    contract(kv, w, slots2, table, lens, cache)
    return cache, mid


def s_two_steps_mid_snapshot(kv, w, slots, table, lens, cache, slots2, snap):
    contract(kv, w, slots, table, lens, cache)
    snap.copy_(cache)
    contract(kv, w, slots2, table, lens, cache)
    return cache


def s_two_steps_second_w_scaled(kv, w, slots, table, lens, cache, slots2):
    """Two steps with different weights: the first's rows read by the second's kept rows only."""
    contract(kv, w, slots, table, lens, cache)
    contract(kv, w * 0.5, slots2, table, lens, cache)
    return cache


def s_step_on_graph_clone(kv, w, slots, table, lens, cache):
    """A functional step: the rows written into a copy made in the graph; the cache argument stays as it was."""
    out = cache.clone()
    return contract(kv, w, slots, table, lens, out)


def s_step_on_graph_clone_twice(kv, w, slots, table, lens, cache):
    out = cache.clone().clone()
    return contract(kv, w, slots, table, lens, out)


def s_step_on_times_one(kv, w, slots, table, lens, cache):
    out = cache * 1
    return contract(kv, w, slots, table, lens, out)


def s_step_on_plus_zero(kv, w, slots, table, lens, cache):
    out = cache + 0
    return contract(kv, w, slots, table, lens, out)


def s_step_on_to_copy(kv, w, slots, table, lens, cache):
    out = cache.to(cache.dtype, copy=True)
    return contract(kv, w, slots, table, lens, out)


def s_step_on_empty_copy(kv, w, slots, table, lens, cache):
    out = torch.empty_like(cache).copy_(cache)
    return contract(kv, w, slots, table, lens, out)


def s_step_on_clone_old_returned(kv, w, slots, table, lens, cache):
    """``new = step(cache.clone())``, and the cache returned too (a caller comparing old and new)."""
    out = contract(kv, w, slots, table, lens, cache.clone())
    return out, cache * 2


def s_clone_zero_then_step(kv, w, slots, table, lens, cache):
    """out = cache.clone(); cache.mul_(0) (the input cleared); the step on out: the recogniser walks out's cache back
    through the user's clone to the input, so Inductor gets auto_functionalized(cache=<the input>)."""
    out = cache.clone()
    cache.mul_(0)
    return contract(kv, w, slots, table, lens, out), cache


def s_clone_step_then_zero(kv, w, slots, table, lens, cache):
    out = cache.clone()
    contract(kv, w, slots, table, lens, out)
    cache.mul_(0)
    return out


def s_clone_overwrite_then_step(kv, w, slots, table, lens, cache, src):
    """out = cache.clone(); cache.copy_(src); the step on out (the input overwritten before the step)."""
    out = cache.clone()
    cache.copy_(src)
    return contract(kv, w, slots, table, lens, out)


def s_step_on_cat_copy(kv, w, slots, table, lens, cache):
    out = torch.cat([cache])
    return contract(kv, w, slots, table, lens, out)


def _two_slots_snap():
    a = _two_slots()
    return a + [torch.zeros_like(a[5])]


ATTACKS += [
    ("two_steps_mid_clone", _mk(s_two_steps_mid_clone, lambda: [_two_slots()]),
     "step, mid = cache.clone(), step into other rows; mid returned (second call on a clone of the first's result)"),
    ("two_steps_mid_times_one", _mk(s_two_steps_mid_times_one, lambda: [_two_slots()]), "the same with mid = cache * 1"),
    ("two_steps_mid_flat_clone", _mk(s_two_steps_mid_flat_clone, lambda: [_two_slots()]),
     "mid = cache.view(S, -1).clone()"),
    ("two_steps_mid_sum", _mk(s_two_steps_mid_sum, lambda: [_two_slots()]), "mid = a reduction of the cache between"),
    ("two_steps_mid_snapshot", _mk(s_two_steps_mid_snapshot, lambda: [_two_slots_snap()]),
     "snap.copy_(cache) between two steps"),
    ("two_steps_second_w_scaled", _mk(s_two_steps_second_w_scaled, lambda: [_two_slots()]),
     "two steps into one cache, the second with w * 0.5"),
    ("two_steps_mid_clone_dyn", _mk(s_two_steps_mid_clone, lambda: [_two_slots(), _two_slots(B=12, seed=3)],
                                    ("dynamic",)), "two steps with a clone between, dynamic=True"),
    ("step_on_graph_clone", _mk(s_step_on_graph_clone, lambda: [build()]),
     "out = cache.clone(); step(out); return out (the cache argument must stay as it was)"),
    ("step_on_graph_clone_twice", _mk(s_step_on_graph_clone_twice, lambda: [build()]), "cache.clone().clone()"),
    ("step_on_times_one", _mk(s_step_on_times_one, lambda: [build()]), "out = cache * 1"),
    ("step_on_plus_zero", _mk(s_step_on_plus_zero, lambda: [build()]), "out = cache + 0"),
    ("step_on_to_copy", _mk(s_step_on_to_copy, lambda: [build()]), "out = cache.to(dtype, copy=True)"),
    ("step_on_empty_copy", _mk(s_step_on_empty_copy, lambda: [build()]), "out = empty_like(cache).copy_(cache)"),
    ("step_on_clone_old_returned", _mk(s_step_on_clone_old_returned, lambda: [build()]),
     "new = step(cache.clone()); return new, cache * 2"),
    ("clone_zero_then_step", _mk(s_clone_zero_then_step, lambda: [build()]),
     "out = cache.clone(); cache.mul_(0); step(out): the step's cache is the input (walked back through the clone)"),
    ("clone_step_then_zero", _mk(s_clone_step_then_zero, lambda: [build()]),
     "out = cache.clone(); step(out); cache.mul_(0); return out"),
    ("clone_overwrite_then_step", _mk(s_clone_overwrite_then_step, lambda: [_with_buffer(build())]),
     "out = cache.clone(); cache.copy_(src); step(out)"),
    ("step_on_cat_copy", _mk(s_step_on_cat_copy, lambda: [build()]), "out = torch.cat([cache])"),
    ("step_on_graph_clone_dyn", _mk(s_step_on_graph_clone, lambda: [build(), build(B=12, seed=3)], ("dynamic",)),
     "out = cache.clone() under dynamic=True"),
]



# --- 4. a second step whose cache (or paged input) is the first fused call's result ----------------------------------
# torchair's graph (and the vLLM adapters' mutating call): the first call writes ``clone(cache)``; the second step's
# write reads that clone, and the recogniser walks the cache (and the paged input) back through copies
# (patterns/write.py: ``_chain_back(base, CASTS | RESHAPES | _COPIES)``) to the placeholder: the second call then
# writes a clone of the ORIGINAL cache input, and the first call's rows are lost.
def s_two_steps_same_cache(kv, w, slots, table, lens, cache, slots2):
    """Two steps into one cache, disjoint rows (MTP / speculative decoding compresses after each accepted token)."""
    contract(kv, w, slots, table, lens, cache)
    return contract(kv, w, slots2, table, lens, cache)


def s_two_steps_two_lengths(kv, w, slots, table, lens, cache, slots2, lens2):
    """Two steps into one cache with the lengths after each of two appended tokens (lens2 = lens + 1 passed in)."""
    contract(kv, w, slots, table, lens, cache)
    return contract(kv, w, slots2, table, lens2, cache)


def s_hierarchical(kv, w, slots, table, lens, cache, table2, lens2, slots2, cache2):
    """Two-level compression: the first step's compressed cache, viewed as pages of 64 tokens, is the paged input
    of a second step (which must read the rows the first step just wrote)."""
    contract(kv, w, slots, table, lens, cache)
    S, N, D = cache.shape
    pages = cache.view(S // 64, 64, N, D)
    return contract(pages, w, slots2, table2, lens2, cache2)


def _two_lengths():
    a = _two_slots()
    lens = a[4]
    a.append((lens + 1).clamp(max=a[3].shape[1] * a[0].shape[1]).to(lens.dtype))
    return a


def _hierarchical_inputs(B=40, seed=0):
    x = build(B=B, seed=seed, num_slots=256, specials=False)
    a = list(x.args)
    g = torch.Generator().manual_seed(seed + 5)
    table2 = torch.randint(0, 4, (B, 2), generator=g).to(a[3].dtype)
    k = torch.randint(0, (128 - L) // STRIDE + 1, (B,), generator=g)
    lens2 = torch.where(torch.arange(B) % 2 == 0, L + STRIDE * k, (L + STRIDE * k - 3).clamp(min=0)).to(a[4].dtype)
    slots2 = torch.randperm(2 * B + 5, generator=g)[:B].to(a[2].dtype)
    cache2 = (torch.randint(-32, 33, (2 * B + 5, a[0].shape[2], a[0].shape[3]), generator=g) / 16.0).to(a[5].dtype)
    return a + [table2, lens2, slots2, cache2]


def _hierarchical_paged_inputs():
    a = _hierarchical_inputs()
    a[5] = a[5].view(4, 64, *a[5].shape[1:]).clone()
    return a


def s_hierarchical_paged_cache(kv, w, slots, table, lens, cache4, table2, lens2, slots2, cache2):
    """Two-level compression with the level-1 cache STORED paged, [blocks2, 64, N, D]: the first step writes it through
    its [S, N, D] view, the second gathers its pages directly (the walk back from the second gather passes the first
    call's clone and the view to the 4-D placeholder)."""
    n, P, N, D = cache4.shape
    contract(kv, w, slots, table, lens, cache4.view(n * P, N, D))
    return contract(cache4, w, slots2, table2, lens2, cache2), cache4


def s_two_steps_stacked_half(kv, w, slots, table, lens, cmp, slots2):
    """Two steps into the K half of a stacked [2, S, N, D] compressed cache (a view of the input: the mutating call
    on a clone in every dialect, also Inductor's)."""
    contract(kv, w, slots, table, lens, cmp[0])
    contract(kv, w, slots2, table, lens, cmp[0])
    return cmp


def s_two_steps_cache_view(kv, w, slots, table, lens, cache, slots2):
    """Two steps into cache.view(S, N, D) (a no-op view of the input: a view node, not the placeholder)."""
    c = cache[:, :]
    contract(kv, w, slots, table, lens, c)
    contract(kv, w, slots2, table, lens, c)
    return cache


def s_two_steps_flat_cache(kv, w, slots, table, lens, cache2d, slots2):
    """Two steps into a cache stored [S, N * D] and written through its [S, N, D] view (a view of the input: the mutating
    call in every dialect; the second step's write base is view(view(clone_1)), walked back to the input's view)."""
    S = cache2d.shape[0]
    N, D = kv.shape[2], kv.shape[3]
    contract(kv, w, slots, table, lens, cache2d.view(S, N, D))
    contract(kv, w, slots2, table, lens, cache2d.view(S, N, D))
    return cache2d


def _flat_cache(a):
    a[5] = a[5].reshape(a[5].shape[0], -1).clone()
    return a


def _stacked_cmp(a):
    g = torch.Generator().manual_seed(79)
    other = (torch.randint(-32, 33, a[5].shape, generator=g) / 16.0).to(a[5].dtype)
    a[5] = torch.stack([a[5], other])
    return a


def s_hierarchical_flat_pool(kv, w, slots, table, lens, cache, req_to_token, lens2, slots2, cache2):
    """Two-level compression, SGLang style: level 2 reads level 1's [S, N, D] cache as a flat token pool through a
    req_to_token table (page size 1)."""
    contract(kv, w, slots, table, lens, cache)
    pos = positions(lens2)
    tok = cache[req_to_token.long().gather(1, pos)]
    return write(cache2, slots2, completes(lens2), pool(tok, w))


def _flat_pool_inputs(B=40, seed=0):
    a = _hierarchical_inputs(B=B, seed=seed)
    g = torch.Generator().manual_seed(seed + 11)
    req = torch.randint(0, 256, (B, 128), generator=g).to(a[3].dtype)
    return a[:6] + [req, a[7], a[8], a[9]]


def s_weight_from_first_steps_cache(kv, w, slots, table, lens, cache, slots2, cache2):
    """A second step whose weight is read from the cache the first step just wrote ([l, N]: rows 0..l-1, dim 0)."""
    contract(kv, w, slots, table, lens, cache)
    return contract(kv, cache[:L, :, 0], slots2, table, lens, cache2), cache


def _weight_from_cache_inputs():
    x = build(specials=False, num_slots=90)
    a = list(x.args)
    g = torch.Generator().manual_seed(83)
    slots2 = torch.randperm(85, generator=g)[:40].to(a[2].dtype)
    cache2 = (torch.randint(-32, 33, (85, *a[5].shape[1:]), generator=g) / 16.0).to(a[5].dtype)
    return a + [slots2, cache2]


ATTACKS += [
    ("two_steps_same_cache", _mk(s_two_steps_same_cache, lambda: [_two_slots()]),
     "two steps into one cache (disjoint slots): the second call's cache walked back through the first call's clone"),
    ("two_steps_same_cache_dyn", _mk(s_two_steps_same_cache, lambda: [_two_slots(), _two_slots(B=12, seed=3)],
                                     ("dynamic",)), "the same under dynamic=True"),
    ("two_steps_stacked_half", _mk(s_two_steps_stacked_half, lambda: [_stacked_cmp(_two_slots())]),
     "two steps into cmp[0] of a stacked [2, S, N, D] compressed cache"),
    ("two_steps_flat_cache", _mk(s_two_steps_flat_cache, lambda: [_flat_cache(_two_slots())]),
     "two steps into cache2d.view(S, N, D) of a [S, N * D] input"),
    ("two_steps_flat_cache_dyn", _mk(s_two_steps_flat_cache, lambda: [_flat_cache(_two_slots()),
                                                                      _flat_cache(_two_slots(B=12, seed=3))],
                                     ("dynamic",)), "the same under dynamic=True"),
    ("two_steps_cache_view", _mk(s_two_steps_cache_view, lambda: [_two_slots()]),
     "two steps into cache[:, :] (a view of the input)"),
    ("two_steps_two_lengths", _mk(s_two_steps_two_lengths, lambda: [_two_lengths()]),
     "two steps into one cache, lengths after each of two tokens (lens, lens + 1 passed in)"),
    ("hierarchical_paged_cache", _mk(s_hierarchical_paged_cache, lambda: [_hierarchical_paged_inputs()]),
     "the level-1 cache stored as [4, 64, N, D], written through its [256, N, D] view, read as pages by step 2"),
    ("hierarchical_flat_pool", _mk(s_hierarchical_flat_pool, lambda: [_flat_pool_inputs()]),
     "level 2 reads level 1's cache as a flat token pool (req_to_token, P = 1) after level 1's step"),
    ("weight_from_first_steps_cache", _mk(s_weight_from_first_steps_cache, lambda: [_weight_from_cache_inputs()]),
     "a second step's weight read from the cache rows the first fused step just wrote"),
    ("hierarchical_two_level", _mk(s_hierarchical, lambda: [_hierarchical_inputs()]),
     "the first step's compressed cache, viewed as pages, is the paged input of a second step"),
]




# --- 5. a KV append before the step, in the spellings roles._sources walks through (MLA's latent, stacked pools) -----
# The step must read the KV AFTER the append (the window's last token is the one just appended).
def _last_token(kv, table, lens):
    P = kv.shape[1]
    pos = (lens.long() - 1).clamp(min=0)
    return table.long().gather(1, (pos // P)[:, None])[:, 0], pos % P


def s_mla_latent_append_then_step(kv, w, slots, table, lens, cache, tok):
    """MLA's one-head latent cache: kv[page, off, 0] = latent (a select_scatter on the head dim), then the step."""
    page, off = _last_token(kv, table, lens)
    kv[page, off, 0] = tok[:, 0]
    return contract(kv, w, slots, table, lens, cache)


def s_mla_latent_slice_append_then_step(kv, w, slots, table, lens, cache, tok):
    """The same through a slice of the head dim: kv[:, :, 0:1][page, off] = latent (slice_scatter)."""
    page, off = _last_token(kv, table, lens)
    kv[:, :, 0:1][page, off] = tok
    return contract(kv, w, slots, table, lens, cache)


def s_mla_latent_dim_slice_append(kv, w, slots, table, lens, cache, tok):
    """The latent written into the first half of the head dim only: kv[..., :D // 2][page, off] = ... ."""
    page, off = _last_token(kv, table, lens)
    D = kv.shape[-1]
    kv[..., : D // 2][page, off] = tok[..., : D // 2]
    return contract(kv, w, slots, table, lens, cache)


def s_stacked_pool_append_then_step(pools, w, slots, table, lens, cache, tok):
    """Layers' pools stacked [2, blocks, P, N, D]: pools[1][page, off] = tok, then the step on pools[1]."""
    page, off = _last_token(pools[1], table, lens)
    pools[1][page, off] = tok
    return contract(pools[1], w, slots, table, lens, cache)


def s_stacked_pool_append_other_layer(pools, w, slots, table, lens, cache, tok):
    """pools[0][page, off] = tok (another layer), then the step on pools[1] (must not see it)."""
    page, off = _last_token(pools[1], table, lens)
    pools[0][page, off] = tok
    return contract(pools[1], w, slots, table, lens, cache)


def s_stacked_pool_index_append(pools, w, slots, table, lens, cache, tok):
    """pools[1, page, off] = tok (one index_put with the layer as an int index), then the step on pools[1]."""
    page, off = _last_token(pools[1], table, lens)
    pools[1, page, off] = tok
    return contract(pools[1], w, slots, table, lens, cache)


def s_stacked_pool_select_scatter_rows(pools, w, slots, table, lens, cache, tok):
    """pools[1, :, 0] = pools[1, :, 0] * 0 + 5 (the first token of every page of layer 1 rewritten), then the step."""
    pools[1, :, 0] = 5.0
    return contract(pools[1], w, slots, table, lens, cache)


def s_append_after_step_mla(kv, w, slots, table, lens, cache, tok):
    """The latent append AFTER the step (the step must read the KV before it)."""
    cache = contract(kv, w, slots, table, lens, cache)
    page, off = _last_token(kv, table, lens)
    kv[page, off, 0] = tok[:, 0]
    return cache


def _with_tok(x, N=None):
    a = list(x.args) if hasattr(x, "args") else list(x)
    g = torch.Generator().manual_seed(77)
    B, Nh, D = a[2].shape[0], a[0].shape[-2], a[0].shape[-1]
    a.append((torch.randint(-32, 33, (B, Nh, D), generator=g) / 8.0 + 0.0625).to(a[0].dtype))
    return a


def _stacked(x):
    a = list(x.args)
    kv = a[0]
    g = torch.Generator().manual_seed(78)
    other = (torch.randint(-32, 33, kv.shape, generator=g) / 16.0).to(kv.dtype)
    a[0] = torch.stack([other, kv])
    return _with_tok(a)


ATTACKS += [
    ("mla_latent_append_then_step", _mk(s_mla_latent_append_then_step, lambda: [_with_tok(build(N=1, specials=False,
                                                                                              weight=None))]),
     "MLA's latent append kv[page, off, 0] = latent (select_scatter), then the step reads the appended token"),
    ("mla_latent_slice_append_then_step", _mk(s_mla_latent_slice_append_then_step,
                                              lambda: [_with_tok(build(N=1, specials=False))]),
     "kv[:, :, 0:1][page, off] = latent (slice_scatter), then the step"),
    ("mla_latent_dim_slice_append", _mk(s_mla_latent_dim_slice_append, lambda: [_with_tok(build(specials=False))]),
     "half the head dim appended (slice_scatter on D), then the step"),
    ("stacked_pool_append_then_step", _mk(s_stacked_pool_append_then_step, lambda: [_stacked(build(specials=False))]),
     "pools[1][page, off] = tok in a [2, blocks, P, N, D] stack, then the step on pools[1]"),
    ("stacked_pool_append_other_layer", _mk(s_stacked_pool_append_other_layer,
                                            lambda: [_stacked(build(specials=False))]),
     "pools[0] appended, the step on pools[1]"),
    ("stacked_pool_index_append", _mk(s_stacked_pool_index_append, lambda: [_stacked(build(specials=False))]),
     "pools[1, page, off] = tok (one index_put), then the step on pools[1]"),
    ("stacked_pool_select_scatter_rows", _mk(s_stacked_pool_select_scatter_rows,
                                             lambda: [_stacked(build(specials=False))]),
     "pools[1, :, 0] = 5 (a select_scatter of a slice), then the step on pools[1]"),
    ("append_after_step_mla", _mk(s_append_after_step_mla, lambda: [_with_tok(build(N=1, specials=False))]),
     "the latent append after the step"),
]



# --- 6. several writes into one cache around the step -------------------------------------------------------------
def s_reset_rows_after_step(kv, w, slots, table, lens, cache, slots2):
    """The step, then rows of finished requests cleared (another index_put into the same cache)."""
    contract(kv, w, slots, table, lens, cache)
    cache[slots2.long()] = 0.0
    return cache


def s_reset_rows_before_step(kv, w, slots, table, lens, cache, slots2):
    """Rows of finished requests cleared, then the step (its kept rows read the cleared cache)."""
    cache[slots2.long()] = 0.0
    return contract(kv, w, slots, table, lens, cache)


def s_zero_then_step(kv, w, slots, table, lens, cache):
    """cache.zero_() then the step: the kept rows are zeros."""
    cache.zero_()
    return contract(kv, w, slots, table, lens, cache)


def s_copy_in_then_step(kv, w, slots, table, lens, cache, src):
    """cache.copy_(src) (a restore from a swap buffer), then the step on the restored cache."""
    cache.copy_(src)
    return contract(kv, w, slots, table, lens, cache)


def s_step_then_copy_out(kv, w, slots, table, lens, cache, dst):
    """The step, then dst.copy_(cache) (a swap-out of the new cache) and cache.mul_(0) (rows freed)."""
    contract(kv, w, slots, table, lens, cache)
    dst.copy_(cache)
    cache.mul_(0.5)
    return cache


def s_index_copy_after_step(kv, w, slots, table, lens, cache, slots2):
    contract(kv, w, slots, table, lens, cache)
    cache.index_copy_(0, slots2.long(), torch.ones_like(cache[: slots2.shape[0]]))
    return cache


def _with_buffer(x):
    a = list(x.args) if hasattr(x, "args") else list(x)
    g = torch.Generator().manual_seed(80)
    a.append((torch.randint(-32, 33, a[5].shape, generator=g) / 16.0).to(a[5].dtype))
    return a


ATTACKS += [
    ("reset_rows_after_step", _mk(s_reset_rows_after_step, lambda: [_two_slots()]),
     "the step, then cache[other_slots] = 0 (a second write into the cache)"),
    ("reset_rows_before_step", _mk(s_reset_rows_before_step, lambda: [_two_slots()]),
     "cache[other_slots] = 0, then the step"),
    ("zero_then_step", _mk(s_zero_then_step, lambda: [build()]), "cache.zero_() then the step"),
    ("copy_in_then_step", _mk(s_copy_in_then_step, lambda: [_with_buffer(build())]),
     "cache.copy_(src) then the step"),
    ("step_then_copy_out", _mk(s_step_then_copy_out, lambda: [_with_buffer(build())]),
     "the step, dst.copy_(cache), cache.mul_(0.5)"),
    ("index_copy_after_step", _mk(s_index_copy_after_step, lambda: [_two_slots()]),
     "the step, then cache.index_copy_(0, other_slots, ones)"),
]


# --- 7. the vLLM adapters' mutating call (functional_calls=False): readers of the old cache besides `y = cache * 2` ---
def s_old_index_select_returned(kv, w, slots, table, lens, cache):
    """old = cache.index_select(0, arange(S)) taken before the step, returned (a gather, not a pointwise read)."""
    old = cache.index_select(0, torch.arange(cache.shape[0]))
    return contract(kv, w, slots, table, lens, cache), old


def s_old_clone_returned(kv, w, slots, table, lens, cache):
    old = cache.clone()
    return contract(kv, w, slots, table, lens, cache), old


def s_old_rows_returned(kv, w, slots, table, lens, cache):
    """old = cache[slots] taken before the step (the rows about to be written), returned."""
    old = cache[slots.long()]
    return contract(kv, w, slots, table, lens, cache), old


def s_old_sum_returned(kv, w, slots, table, lens, cache):
    old = cache.float().nan_to_num(0.0, 0.0, 0.0).sum()
    return contract(kv, w, slots, table, lens, cache), old


def s_old_max_pool_returned(kv, w, slots, table, lens, cache):
    """old = cache.amax(1) before the step (a reduction over heads), returned."""
    old = cache.amax(1)
    return contract(kv, w, slots, table, lens, cache), old


ATTACKS += [
    ("old_index_select_returned", _mk(s_old_index_select_returned, lambda: [build()]),
     "old = cache.index_select(0, arange(S)) before the step, returned"),
    ("old_clone_returned", _mk(s_old_clone_returned, lambda: [build()]), "old = cache.clone() before the step, returned"),
    ("old_rows_returned", _mk(s_old_rows_returned, lambda: [build()]),
     "old = cache[slots] before the step (the rows it writes), returned"),
    ("old_sum_returned", _mk(s_old_sum_returned, lambda: [build()]), "old = a sum over the cache before the step"),
    ("old_max_pool_returned", _mk(s_old_max_pool_returned, lambda: [build()]), "old = cache.amax(1) before the step"),
]



# --- 8. the paged input and the cache share storage (the compressed cache read as pages by its own step) -----------
# Eager gathers every window before the write; a fused call written in place (Inductor's reinplacing of
# auto_functionalized, reinplace_clones in torchair) reads windows of a buffer it is writing.
def s_kv_is_cache_view(kv, w, slots, table, lens, cache):
    S, N, D = cache.shape
    return contract(cache.view(S // 64, 64, N, D), w, slots, table, lens, cache)


def s_kv_is_cache_clone_view(kv, w, slots, table, lens, cache):
    """The same, with the pages taken from a copy made in the graph (no aliasing: a control)."""
    S, N, D = cache.shape
    return contract(cache.clone().view(S // 64, 64, N, D), w, slots, table, lens, cache)


def s_weight_in_cache_row(kv, w, slots, table, lens, cache):
    """The weight stored in the cache's last row ([N, D] -> its first l columns, read [l, N]); the slots never name
    that row (valid input: it is the row no request owns)."""
    wt = cache[-1, :, :L].t()
    return contract(kv, wt, slots, table, lens, cache)


def _self_paged_inputs(B=40, seed=0):
    a = _hierarchical_inputs(B=B, seed=seed)
    # step on the level-1 cache itself: table2 / lens2 as the table and lengths, slots into the same 256 rows
    kv, w, slots, table, lens, cache = a[:6]
    g = torch.Generator().manual_seed(seed + 9)
    slots = torch.randperm(256, generator=g)[:B].to(slots.dtype)
    return [kv, w, slots, a[6], a[7], cache]


def _weight_row_inputs():
    x = build(D=32, specials=False, num_slots=90)
    a = list(x.args)
    S = a[5].shape[0]
    a[2] = torch.where(a[2] == S - 1, torch.full_like(a[2], S - 2), a[2])  # (S - 2 is not taken: 90 > 2 * 40 + 5)
    a[5][-1, :, :L] = a[1].t()
    return a


ATTACKS += [
    ("kv_is_cache_view", _mk(s_kv_is_cache_view, lambda: [_self_paged_inputs()]),
     "the step's pages are cache.view(S // 64, 64, N, D): it reads windows of the cache it writes"),
    ("kv_is_cache_clone_view", _mk(s_kv_is_cache_clone_view, lambda: [_self_paged_inputs()]),
     "the same from cache.clone() (control)"),
    ("weight_in_cache_row", _mk(s_weight_in_cache_row, lambda: [_weight_row_inputs()]),
     "the weight read from the cache's last row (never written): the op reads and writes one buffer"),
]



# --- 9. torchair: writes the pass does not fuse, lowered for GE (lowering/ge_writes.py), and non-contiguous inputs ---
def s_ge_broadcast_index_append(kv, w, slots, table, lens, cache):
    """Whole pages cleared with broadcast indices kv[page[:, None], arange(P)[None, :]] = 0, then the step."""
    page, _ = _last_token(kv, table, lens)
    P = kv.shape[1]
    keep = kv[page].clone()
    kv[page[:, None], torch.arange(P)[None, :]] = 0.0
    kv[page] = keep  # (restored: the step reads what it read before; a pure exercise of the write lowering)
    return contract(kv, w, slots, table, lens, cache)


def s_ge_negative_offset_append(kv, w, slots, table, lens, cache, tok):
    """The KV append at offset - P (a negative offset, counted from the end: the same position)."""
    page, off = _last_token(kv, table, lens)
    kv[page, off - kv.shape[1]] = tok
    return contract(kv, w, slots, table, lens, cache)


def s_ge_scalar_value_append(kv, w, slots, table, lens, cache):
    """The KV append of one broadcast [D] row: kv[page, off] = v (values broadcast over B and N)."""
    page, off = _last_token(kv, table, lens)
    kv[page, off] = torch.arange(kv.shape[-1], dtype=kv.dtype) / 8
    return contract(kv, w, slots, table, lens, cache)


def s_ge_three_indices_append(kv, w, slots, table, lens, cache, tok):
    """The append of head 0 only: kv[page, off, zeros] = tok[:, 0] (three leading indices)."""
    page, off = _last_token(kv, table, lens)
    kv[page, off, torch.zeros_like(page)] = tok[:, 0]
    return contract(kv, w, slots, table, lens, cache)


def s_ge_table_update(kv, w, slots, table, lens, cache):
    """An integer write beside the step: table[b, 0] = b (int index_put into the block table, after the step)."""
    cache = contract(kv, w, slots, table, lens, cache)
    table[torch.arange(table.shape[0]), torch.zeros_like(table[:, 0]).long()] = table[:, 1]
    return cache


def s_noncontig_cache_input(kv, w, slots, table, lens, cache_wide):
    """The cache is the first half of the last dim of a [S, N, 2D] input (a non-contiguous view)."""
    D = cache_wide.shape[-1] // 2
    return contract(kv, w, slots, table, lens, cache_wide[..., :D]), cache_wide


def s_noncontig_kv_input(kv_t, w, slots, table, lens, cache):
    """The paged KV passed transposed ([blocks, P, D, N] storage read as [blocks, P, N, D])."""
    return contract(kv_t.transpose(2, 3), w, slots, table, lens, cache)


def _wide_cache(x):
    a = list(x.args)
    g = torch.Generator().manual_seed(81)
    a[5] = torch.cat([a[5], (torch.randint(-32, 33, a[5].shape, generator=g) / 16.0).to(a[5].dtype)], -1)
    return a


def _transposed_kv(x):
    a = list(x.args)
    a[0] = a[0].transpose(2, 3).contiguous()
    return a


ATTACKS += [
    ("ge_broadcast_index_append", _mk(s_ge_broadcast_index_append, lambda: [build(specials=False)]),
     "kv[page[:, None], arange(P)[None, :]] = 0 (broadcast indices), restored, then the step"),
    ("ge_negative_offset_append", _mk(s_ge_negative_offset_append, lambda: [_with_tok(build(specials=False))]),
     "the KV append at offset - P (negative index), then the step"),
    ("ge_scalar_value_append", _mk(s_ge_scalar_value_append, lambda: [build(specials=False)]),
     "kv[page, off] = one [D] row broadcast, then the step"),
    ("ge_three_indices_append", _mk(s_ge_three_indices_append, lambda: [_with_tok(build(specials=False))]),
     "kv[page, off, zeros] = tok[:, 0] (three leading indices), then the step"),
    ("ge_table_update", _mk(s_ge_table_update, lambda: [build()]), "the step, then an int index_put into the table"),
    ("noncontig_cache_input", _mk(s_noncontig_cache_input, lambda: [_wide_cache(build())]),
     "the cache is cache_wide[..., :D] of a [S, N, 2D] input"),
    ("noncontig_kv_input", _mk(s_noncontig_kv_input, lambda: [_transposed_kv(build())]),
     "the paged KV passed as a [blocks, P, D, N] tensor, transposed in the step"),
    ("noncontig_cache_input_dyn", _mk(s_noncontig_cache_input, lambda: [_wide_cache(build()),
                                                                        _wide_cache(build(B=12, seed=3))],
                                      ("dynamic",)), "the half-width cache view under dynamic=True"),
]



# --- 10. value masks by position past the probes' shrunk sizes (static): where / masked_fill are data movement ------
# The gather probes draw small KVs (at most 64 blocks), the keep probe a cache of 2B + 8 rows; a select by block or
# row index past those sizes is the identity on every probe.
def _past(n, k, ndim):
    return (torch.arange(n) >= k).view(n, *[1] * (ndim - 1))


def g_kv_blocks_where_past64(kv, w, slots, table, lens, cache):
    kv2 = torch.where(_past(kv.shape[0], 64, 4), torch.zeros_like(kv), kv)
    return contract(kv2, w, slots, table, lens, cache)


def g_kv_blocks_masked_fill_past64(kv, w, slots, table, lens, cache):
    return contract(kv.masked_fill(_past(kv.shape[0], 64, 4), 0.0), w, slots, table, lens, cache)


def k_cache_rows_masked_fill_past88(kv, w, slots, table, lens, cache):
    s = slots.long()
    old = cache.masked_fill(_past(cache.shape[0], 88, 3), 0.0)
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), old[s])
    return cache


def k_kept_rows_where_slot_past88(kv, w, slots, table, lens, cache):
    """The kept row zeroed where its SLOT is >= 88 (a select on the slot values, past the keep probe's cache)."""
    s = slots.long()
    kept = torch.where((s >= 88)[:, None, None], torch.zeros_like(cache[s]), cache[s])
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), kept)
    return cache


def _big_kv_cache():
    x = build(num_slots=200, seed=3)
    a = list(x.args)
    return a


ATTACKS += [
    ("kv_blocks_where_past64", _mk(g_kv_blocks_where_past64, lambda: [build(block_num=200)]),
     "where(block >= 64, 0, kv): the identity on the gather probes' KVs of at most 64 blocks"),
    ("kv_blocks_masked_fill_past64", _mk(g_kv_blocks_masked_fill_past64, lambda: [build(block_num=200)]),
     "kv.masked_fill(block >= 64, 0)"),
    ("cache_rows_masked_fill_past88", _mk(k_cache_rows_masked_fill_past88, lambda: [_big_kv_cache()]),
     "kept rows from cache.masked_fill(row >= 88, 0) (the keep probe's cache holds 2B + 8 = 88 rows)"),
    ("kept_rows_where_slot_past88", _mk(k_kept_rows_where_slot_past88, lambda: [_big_kv_cache()]),
     "kept row zeroed where its slot >= 88"),
]



# --- 11. vLLM's slot wrap where(s < 0, s + S, s): the other branch and the condition --------------------------------
def _wrapped_write(wrap):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        s = wrap(slots.long(), S)
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
        return cache
    return step


def _padding_slots(B=40, seed=0):
    """Valid padding: rows that do not complete get slot -1 or -S (rows nobody writes: S - 1 and 0 kept free)."""
    x = build(B=B, seed=seed, num_slots=2 * B + 5)
    a = list(x.args)
    S = a[5].shape[0]
    lens, slots = a[4], a[2].clone()
    free = [r for r in range(1, S - 1) if r not in set(slots.tolist())]
    for b in range(B):
        if slots[b] in (0, S - 1):
            slots[b] = free.pop()
    for b in range(B):
        if not _qualifies(int(lens[b])):
            slots[b] = -1 if b % 2 else -S
    a[2] = slots
    return a


ATTACKS += [
    ("wrap_other_branch_minus_S", _mk(_wrapped_write(lambda s, S: torch.where(s < 0, s + S, s - S)),
                                     lambda: [_padding_slots()]),
     "where(s < 0, s + S, s - S): the op would get negative slots for written rows (eager indexes them Python-style)"),
    ("wrap_other_branch_flipped", _mk(_wrapped_write(lambda s, S: torch.where(s < 0, s + S, s.flip(0))),
                                      lambda: [_padding_slots()]),
     "where(s < 0, s + S, s.flip(0)): another row's slot on the non-negative branch"),
    ("wrap_plus_2S_mod", _mk(_wrapped_write(lambda s, S: torch.where(s < 0, s + 2 * S, s) % S),
                             lambda: [_padding_slots()]),
     "where(s < 0, s + 2S, s) % S: a remainder after the wrap (equal)"),
    ("wrap_twice", _mk(_wrapped_write(lambda s, S: torch.where(s < 0, s + S, s) - S),
                       lambda: [_padding_slots()]),
     "where(s < 0, s + S, s) - S: written rows get s - S (negative) after the wrap"),
    ("wrap_dyn", _mk(_wrapped_write(lambda s, S: torch.where(s < 0, s + S, s)),
                     lambda: [_padding_slots(), _padding_slots(B=12, seed=3)], ("dynamic",)),
     "vLLM's wrap under dynamic=True, padding -1 and -S (control: equal)"),
]



# --- 12. the cost rule (NSA_FUSION_FUSE_SMALL unset: small static steps are declined, left to Inductor) -------------
# Attacks named cost_* run without the harness's NSA_FUSION_FUSE_SMALL=1.  Declined steps must leave the numbers alone.
ATTACKS += [
    ("cost_small_contract", _mk(contract, lambda: [build(B=2, specials=False)]),
     "B = 2 (2048 window elements): declined by the cost rule (control: equal)"),
    ("cost_small_shift16_condition", _mk(s_shift16_int16_condition, lambda: [_int16(build(B=2, specials=False))]),
     "B = 2, declined, with J1's (lens >> 16) == 0 in the condition: the rewrite stays in the unfused graph"),
    ("cost_small_shift15_output", _mk(s_shift15_int16_extra_output, lambda: [_int16(build(B=2, specials=False))]),
     "B = 2, declined, lens >> 15 returned"),
]



# --- 13. static graphs: the keep probe's cache has 2B + 8 rows; maps of the whole cache that are the identity there --
k_cache_rows_tile2_shift88 = _kept_rolled(lambda c, s: _tile2(c, 0).narrow(0, 88, c.shape[0])[s])
k_cache_rows_times89 = _kept_rolled(lambda c, s: _rows_times(c, 89)[s])

ATTACKS += [
    ("cache_rows_tile2_shift88", _mk(k_cache_rows_tile2_shift88, lambda: [_big_kv_cache()]),
     "static, S = 200: kept rows from an expand tiling of the cache shifted by 88 rows (the identity on 88 rows)"),
    ("cache_rows_times89", _mk(k_cache_rows_times89, lambda: [_big_kv_cache()]),
     "static, S = 200: kept rows from cache row 89 r mod S (the identity on 88 rows)"),
]


# --- the runner: redteam5's classify5, plus ``--dialect vllm_post`` --------------------------------------------------
def _vllm_post_pass_backend():
    """redteam5's inductor_post runner with the vLLM adapters' pass (``nsa_fusion.vllm``: the MUTATING fused call,
    ``functional_calls=False``) as Inductor's post_grad_custom_post_pass."""
    from nsa_fusion.fusion_pass import NsaFusionPass
    from nsa_fusion.rewrite import INDUCTOR
    return _inductor_post_backend(lambda: NsaFusionPass(INDUCTOR, reinplace=True, functional_calls=False))


def classify6(name, factory, dialect, mode=None):
    """classify5 (inductor_graph, torchair_like, inductor, inductor_post, aot_outputs); ``vllm_post``: the
    inductor_post runner with the vLLM adapters' mutating call.  Attacks named ``cost_*`` run with the cost rule as
    users get it (``cost.fuse_small()`` False: the harness sets NSA_FUSION_FUSE_SMALL=1 on import)."""
    from nsa_fusion.lowering import cost
    saved_rule = cost.fuse_small
    if name.startswith("cost_"):
        cost.fuse_small = lambda: False
    try:
        if dialect != "vllm_post":
            return classify5(name, factory, dialect, mode)
        from tests.corpora import redteam5
        saved = redteam5._post_pass_backend
        redteam5._post_pass_backend = _vllm_post_pass_backend
        try:
            return classify5(name, factory, "inductor_post", mode)
        finally:
            redteam5._post_pass_backend = saved
    finally:
        cost.fuse_small = saved_rule


# First-try results: (attack, dialect, mode) -> result.  Snapshot of commit fc2704f365400a106b4ca491f6be66722164f946
# (HEAD at 22:19 UTC) extracted to /tmp/rt6_base, 22:23-23:10 UTC.  "vllm_post" is this module's runner for the vLLM
# adapters' mutating call; "inductor" real Inductor codegen (confirmation runs only); "aot_outputs" redteam5's.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _RPD = "CONTROL DIFFERS", "REFUSED, PASS CHANGES NUMBERS"
FIRST_TRY = {}


def _ft(name, mode, ig=None, ta=None, vllm=None, ind=None, aot=None):
    for d, r in (("inductor_graph", ig), ("torchair_like", ta), ("vllm_post", vllm), ("inductor", ind),
                 ("aot_outputs", aot)):
        if r is not None:
            FIRST_TRY[(name, d, mode)] = r


_D, _S, _B = "dynamic", "static", "batch"
for _args in [
    # 1. J1: integer_ops_as_arithmetic's x >> k -> x // 2**k on int16 / int8 (22:23-22:25; int8 k = 7 at 23:04)
    ("shift15_int16_extra_output", _S, _FF, _FF, _FF),
    ("shift15_int16_extra_output_dyn", _D, _FF, _FF, _FF),
    ("shift16_int16_condition", _S, _CR, _CR, _CR, _CR),
    ("shift15_compensated_positions", _S, _FF, _FF, _FF, _FF),
    ("shift15_compensated_condition", _S, _FF, _FF, _FF),
    ("shift16_int16_no_step", _S, _CR, _CR, _CR),
    ("shift7_int8_compensated_positions", _S, _FF, _FF),
    ("shift8_int8_mask", _S, _EQ, _CR, _EQ),
    # 2. J2: six +-1 shifts compose to a shift by 6 (22:24-22:30); J5: a stride c * j mod n (22:50-23:00)
    ("weight_heads_shift1x6_dyn", _D, _FF, _FF, _FF, _FF),
    ("weight_heads_shift1x6_slice_dyn", _D, _FF, _FF, _FF),
    ("weight_heads_shift1x6_roll_dyn", _D, _R, _FF, _R),
    ("weight_heads_shift1x6_strided_dyn", _D, _FF, _FF, _FF),
    ("weight_heads_shift1x6_expand_dyn", _D, _FF, _FF, _FF),
    ("weight_heads_shiftm1x6_dyn", _D, _FF, _FF, _FF),
    ("weight_heads_shift1x12_dyn", _D, _EQ, _EQ, _EQ),
    ("kv_heads_shift1x6_dyn", _D, _FF, _R, _FF),
    ("tokens_heads_shift1x6_dyn", _D, _FF, _FF, _FF),
    ("new_heads_shift1x6_dyn", _D, _FF, _FF, _FF),
    ("kept_heads_shift1x6_dyn", _D, _FF, _FF, _FF, _FF),
    ("cache_heads_shift1x6_dyn", _D, _FF, _R, _FF),
    ("kept_heads_shift1x6_roll_dyn", _D, _R, _FF, _R),
    ("weight_row_strided_6_dyn", _D, _EQ, _EQ, _EQ),
    ("weight_unfold_step_6_dyn", _D, _EQ, _EQ, _EQ),
    ("weight_circular_pad_6_dyn", _D, _R, _R, _R),
    ("kept_row_strided_6_dyn", _D, _R, _R, _R),  # (first written with too small a tiling: EAGER FAILS, fixed)
    ("weight_heads_times7_dyn", _D, _FF, _FF, None, _FF),
    ("weight_heads_times7_strided_dyn", _D, _FF, _FF),
    ("kv_heads_times7_dyn", _D, _EQ, _EQ),
    ("tokens_heads_times7_dyn", _D, _R, _R),
    ("new_heads_times7_dyn", _D, _R, _R),
    ("tokens_heads_times7_expand_dyn", _D, _FF, _FF),
    ("new_heads_times7_expand_dyn", _D, _FF, _FF),
    ("kept_heads_times7_dyn", _D, _FF, _FF, None, _FF),
    ("cache_heads_times7_dyn", _D, _FF, _FF),
    ("kept_dim_times273_dyn", _D, _FF, _FF),  # (23:20)
    ("new_dim_times273_dyn", _D, _FF, _FF),
    ("weight_heads_strided_floordiv4_dyn", _D, _FF, _FF),
    ("kept_batch_times289", _B, _EQ, _EQ),
    ("kept_batch_times289", _D, _FF, _FF),
    ("slots_times289", _B, _EQ, _EQ),
    ("slots_times289", _D, _FF, _FF),
    ("table_pages_times21_dyn", _D, _FF, _FF),
    ("lens_times289", _D, _R, _R),  # (23:23)
    ("table_rows_times289", _D, _R, _R),
    ("new_batch_times33", _S, _R, _R),
    ("tokens_batch_times33", _S, _R, _R),
    ("slots_times33", _S, _R, _R),
    ("weight_heads_unfold_step7_dyn", _D, _FF, _FF),
    ("weight_heads_times7_permute_dyn", _D, _FF, _FF),
    ("weight_heads_arange_step7_dyn", _D, _R, _R),
    ("weight_heads_floordiv4_dyn", _D, _FF, _FF, None, _FF),  # J6 (23:07-23:09)
    ("kv_dim_floordiv32_dyn", _D, _FF, _R),
    ("new_heads_floordiv4_dyn", _D, _FF, _FF),
    ("kept_heads_floordiv4_dyn", _D, _FF, _FF),
    ("kept_dim_floordiv32_dyn", _D, _FF, _FF, None, _FF),
    ("weight_heads_roll_floordiv4_dyn", _D, _R, _FF),
    ("weight_heads_max_shift_dyn", _D, _FF, _FF),  # (23:25)
    ("weight_heads_square_floordiv16_dyn", _D, _FF, _FF),
    ("kept_batch_floordiv64", _B, _EQ, _EQ),
    ("kept_batch_floordiv64", _D, _FF, _FF),
    ("stacked_half_floordiv4_dyn", _D, _EQ, _EQ),
    ("kv_blocks_floordiv256_dyn", _D, _FF, _FF),
    ("table_pages_floordiv8_dyn", _D, _FF, _FF),
    ("pooled_add_neg_zero_", _S, _EQ, _EQ),
    ("pooled_clamp_", _S, _R, _R),
    ("pooled_nan_to_num_", _S, _R, _R),
    ("pooled_mul_one_", _S, _R, _R),
    # 3. the call on a cache that is no graph input; a read between two steps (22:28-22:33)
    ("two_steps_mid_clone", _S, _CD, _FF, _CD, None, _FF),
    ("two_steps_mid_times_one", _S, _EQ, _FF, _FF),
    ("two_steps_mid_flat_clone", _S, _CD, _FF, _CD),
    ("two_steps_mid_sum", _S, _EQ, _FF, _FF),
    ("two_steps_mid_snapshot", _S, _CD, _FF, _CD),
    ("two_steps_second_w_scaled", _S, _EQ, _EQ, _EQ),
    ("two_steps_mid_clone_dyn", _D, _CD, _FF, _CD, None, _FF),
    ("step_on_graph_clone", _S, _EQ, _EQ, _EQ),
    ("step_on_graph_clone_twice", _S, _EQ, _EQ, _EQ),
    ("step_on_times_one", _S, _EQ, _EQ, _EQ),
    ("step_on_plus_zero", _S, _EQ, _EQ, _EQ),
    ("step_on_to_copy", _S, _EQ, _EQ, _EQ),
    ("step_on_empty_copy", _S, _EQ, _EQ, _EQ),
    ("step_on_clone_old_returned", _S, _EQ, _EQ, _EQ),
    ("step_on_cat_copy", _S, _EQ, _EQ, _EQ),
    ("clone_zero_then_step", _S, _CD, _EQ),  # (23:27; plain Inductor drops the user's clone: its own H5)
    ("clone_step_then_zero", _S, _CD, _EQ),
    ("clone_overwrite_then_step", _S, _CD, _EQ),
    ("step_on_graph_clone_dyn", _D, _EQ, _EQ, _EQ),
    # 4. J3 / J4: a second step on the first fused call's result (22:30-23:05)
    ("two_steps_same_cache", _S, _EQ, _FF, _FF, None, _FF),
    ("two_steps_same_cache_dyn", _D, _EQ, _FF, _FF, _EQ, _FF),
    ("two_steps_stacked_half", _S, _EQ, _EQ),
    ("two_steps_cache_view", _S, _EQ, _FF),
    ("two_steps_flat_cache", _S, _EQ, _FF, None, _EQ),  # (23:22)
    ("two_steps_flat_cache_dyn", _D, _FF, _FF, None, _FF),
    ("two_steps_two_lengths", _S, _EQ, _FF, _FF, None, _FF),
    ("hierarchical_paged_cache", _S, _FF, _FF, _FF, _FF),
    ("hierarchical_flat_pool", _S, _EQ, _FF),
    ("hierarchical_two_level", _S, _EQ, _EQ, _EQ, None, _EQ),
    ("weight_from_first_steps_cache", _S, _EQ, _EQ),
    # 5. KV appends before the step (MLA's latent, stacked pools) (22:36)
    ("mla_latent_append_then_step", _S, _EQ, _EQ, _EQ),
    ("mla_latent_slice_append_then_step", _S, _EQ, _EQ, _EQ),
    ("mla_latent_dim_slice_append", _S, _EQ, _EQ, _EQ),
    ("stacked_pool_append_then_step", _S, _EQ, _EQ, _EQ),
    ("stacked_pool_append_other_layer", _S, _EQ, _EQ, _EQ),
    ("stacked_pool_index_append", _S, _EQ, _EQ, _EQ),
    ("stacked_pool_select_scatter_rows", _S, _EQ, _EQ, _EQ),
    ("append_after_step_mla", _S, _EQ, _EQ, _EQ),
    # 6. several writes into one cache; 7. old-cache readers under the mutating call (22:46)
    ("reset_rows_after_step", _S, _EQ, _EQ, _EQ),
    ("reset_rows_before_step", _S, _EQ, _EQ, _EQ),
    ("zero_then_step", _S, _EQ, _EQ, _EQ),
    ("copy_in_then_step", _S, _EQ, _EQ, _EQ),
    ("step_then_copy_out", _S, _CD, _EQ, _EQ),
    ("index_copy_after_step", _S, _EQ, _EQ, _EQ),
    ("old_index_select_returned", _S, _EQ, _EQ, _EQ),
    ("old_clone_returned", _S, _EQ, _EQ, _EQ),
    ("old_rows_returned", _S, _EQ, _EQ, _EQ),
    ("old_sum_returned", _S, _EQ, _EQ, _EQ),
    ("old_max_pool_returned", _S, _EQ, _EQ, _EQ),
    # 8. the paged input or the weight in the cache's own storage (22:49)
    ("kv_is_cache_view", _S, _R, _R),
    ("kv_is_cache_clone_view", _S, _R, _R),
    ("weight_in_cache_row", _S, _R, _R),
    # 9. GE write lowering, non-contiguous inputs (23:00); 10. masks past the probes' sizes (23:01)
    ("ge_broadcast_index_append", _S, _EQ, _EQ),
    ("ge_negative_offset_append", _S, _EQ, _EQ),
    ("ge_scalar_value_append", _S, _EQ, _EQ),
    ("ge_three_indices_append", _S, _EQ, _EQ),
    ("ge_table_update", _S, _EQ, _EQ),
    ("noncontig_cache_input", _S, _EQ, _EQ),
    ("noncontig_kv_input", _S, _R, _R),
    ("noncontig_cache_input_dyn", _D, _EQ, _EQ),
    ("kv_blocks_where_past64", _S, _R, _R),
    ("kv_blocks_masked_fill_past64", _S, _R, _R),
    ("cache_rows_masked_fill_past88", _S, _R, _R),
    ("kept_rows_where_slot_past88", _S, _R, _R),
    # 11. vLLM's slot wrap (23:03)
    ("wrap_other_branch_minus_S", _S, _R, _R),
    ("wrap_other_branch_flipped", _S, _R, _R),
    ("wrap_plus_2S_mod", _S, _R, _R),
    ("wrap_twice", _S, _R, _R),
    ("wrap_dyn", _D, _EQ, _EQ),
    # 12. the cost rule as users get it (23:14; torchair has no cost rule)
    ("cache_rows_tile2_shift88", _S, _R, _R),
    ("cache_rows_times89", _S, _R, _R),
    ("cost_small_contract", _S, _R, _EQ),
    ("cost_small_shift16_condition", _S, _CR, _CR),
    ("cost_small_shift15_output", _S, _RPD, _FF),
]:
    _ft(*_args)

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify6)
