"""Fifth adversarial review of the recogniser (issue 18, "a fresh adversarial review finds no false fusion").

White-box attacks that neither issue 18's classes (``tests/corpora/attacks.py``) nor the second, third and fourth
reviews (``redteam2.py``, ``redteam3.py``, ``redteam4.py``) have.  Same format as redteam4: every entry of
``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step, inputs, modes)``; the runner and
classification (REFUSED / FUSED & EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH, with the NSA_FUSION_DISABLE=1
control) are redteam2's.

    python tests/corpora/redteam5.py [--dialect inductor_graph|inductor|torchair_like] [--mode M] [name ...]
    python tests/corpora/redteam5.py --table OUT.md [--dialect D ...] [name ...]   # markdown: first try vs now

Two additions to the runner: in ``torchair_like`` the CPU stand-in of torch_npu's ``npu_scatter_nd_update`` is
defined (``nsa_fusion.testing.torchair_cpu.define_npu_write_stand_ins``), so the pass also rewrites the writes it
does not fuse for GE (``lowering/ge_writes.py``), as in real torchair graphs; attacks named in ``DEBUG_CHECKS``
compile with ``nsa_fusion.set_debug_checks(True)`` and those in ``CAPTURE_NONZERO`` with dynamo's
``capture_dynamic_output_shape_ops``.

``--dialect inductor_post`` runs the pass as Inductor's ``post_grad_custom_post_pass`` (where ``nsa_fusion.vllm_pass()``
is registered) in the inductor_graph runner; ``--dialect aot_outputs`` is an extra runner: vllm-ascend's compile shape (AOT's default, input mutations returned as
graph outputs; the pass then reinplaces through ``rewrite.reinplace_mutation_outputs``).  A refused run that
differs from eager is re-checked against the control and labelled "REFUSED, PASS CHANGES NUMBERS" where plain
torch.compile is right (redteam2 labels every such run "REFUSED (control differs)" without running the control).

First try (19:05-20:35 UTC, snapshot of commit 06628da41edc8cab6c20f2aa435300e0013e84e1 extracted to /tmp/rt5_base,
no fixer changes in it): 125 attacks, 282 runs (inductor_graph 127, torchair_like 127, inductor 12, inductor_post 6,
aot_outputs 10).  By attack (worst result over its runs): 49 FALSE FUSION, 6 CRASH, 2 REFUSED BUT THE PASS CHANGES
NUMBERS, 44 FUSED & EQUAL only, 24 REFUSED only.  By run: inductor_graph 38 false fusion / 2 crash / 50 equal / 29
refused / 6 control differs / 2 refused where the control differs too; torchair_like 50 false fusion / 6 crash /
43 equal / 26 refused / 2 pass changes numbers; inductor (codegen, confirmation) 7 false fusion / 2 crash / 2 control
differs / 1 refused, control differs; inductor_post 2 false fusion / 4 equal; aot_outputs 10 equal.  (Sections 11-12
of FIRST_TRY, 19:55-20:35, are follow-up spellings of the classes below written while a fixer was closing them.)
Five classes, written up in /work/briefs/redteam5_findings.md:

* H1 ``rewrite.reinplace_clones`` moves the fused call after the last reader of the old cache (a snapshot's epilogue
  ``copy_(snap, cache)``) and so past the epilogue copies of the step's other inputs: the call reads the appended
  KV, the advanced lengths, the updated weight / table / slots (snap_then_*: false fusion or crash, all dialects);
* H2 a view whose element mapping depends on a symbolic size modulo a constant -- ``roll`` (torchair) or a slice of a
  tiling, ``x.repeat(..)[c:c + n]`` (all dialects) -- on the weight's heads, the KV's head dim or blocks, the kept
  rows' heads, dims or batch: the identity at the compiled and the generalized size (c a multiple of both), not at
  others (dynamic=True);
* H3 torchair's ``scatter_writeback`` (and ``portable.compress_masked_torch``, NPU/CUDA fallbacks) gather the window
  of every row, also of rows whose window is not read, whose page ids the contract leaves free: IndexError;
* H4 ``reinplace_clones`` sees only direct readers of the cache input: a snapshot through a view
  (``snap.copy_(cache.view(S, -1))``, a transpose, a row slice, a bit view) reads the cache after the in-place write;
* H5 the pass runs Inductor's ``remove_noop_ops`` on torchair graphs: a snapshot ``snap.copy_(cache)`` (or of the
  KV, with no compression step at all) then reads the input after its own epilogue copy; plain torchair is right,
  plain Inductor has the same bug (CONTROL DIFFERS there).

Re-runs on the current /work/main (the fixer's uncommitted tree included; inductor_graph and torchair_like, every
attack and mode):

* 20:04-20:15 (HEAD b0aa42f + tree): H1 and H4 equal everywhere, H5's fused cases equal, H3 fixed in between
  (committed 1994842 at ~20:10, after this run started: still CRASH here), H2 still false (IG 12, TA 17 runs), H5's
  refused cases still changed by the pass (TA 2).
* 20:20-20:31 (HEAD 744a513 + tree, the H2 rule "a constant slice start on a dim whose size changes" in it; the
  attacks added at 20:25 and 20:35 run separately right after on the same tree): 127 runs per dialect;
  inductor_graph 73 equal / 43 refused / 6 control differs / 2 refused where plain Inductor differs too / 3 FALSE
  FUSION; torchair_like 77 equal / 47 refused / 3 FALSE FUSION; no crash, no "pass changes numbers".  The false
  fusions left, in both dialects, are one gap of H2: a constant as_strided storage offset into a tiling
  (weight_heads_strided_tiled_6_dyn, kv_dim_strided_tiled_272_dyn, kept_dim_strided_tiled_272_dyn).
* 20:36-20:45, the final re-run (HEAD 8cdf62c + the fixer's uncommitted tree: the H2 rule extended to as_strided
  storage offsets), all 125 attacks: inductor_graph 127 runs: 73 equal / 46 refused / 6 control differs / 2 refused
  where plain Inductor differs too; torchair_like 127 runs: 77 equal / 50 refused.  NO false fusion, no crash, no
  run where the pass alone changes the numbers.  (The CONTROL DIFFERS / R(cd) runs are H5's snapshot in Inductor's
  own pipeline: plain torch.compile with the pass off gives the same wrong snapshot.)
  inductor_post (6 attacks) and aot_outputs (14 runs): all equal; --dialect inductor codegen (20:15-20:20, before the
  H2 rule was complete in every runner): the H1/H4 attacks equal, the H2 tiled slices refused, H5 control differs.

Every run whose first try or final re-run (20:36-20:45) was not plainly equal or refused (IG inductor_graph, TA
torchair_like; FF false fusion, CR crash, CD control differs, R(cd) refused and plain torch.compile differs too,
R(pass) refused but the pass changes the numbers; all other runs: equal or refused both times):

    snap_then_lens_advanced [static]: IG CR -> EQ, TA CR -> EQ
    snap_then_kv_scaled [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_weight_scaled [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_table_shifted [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_slots_shifted [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_kv_appended [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_kv_appended_batch [batch]: IG FF -> EQ, TA FF -> EQ
    snap_then_kv_appended_batch [dynamic]: IG FF -> EQ, TA FF -> EQ
    snap_then_stacked_kv_appended [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_flat_kv_appended [static]: IG FF -> EQ, TA FF -> EQ
    snap_then_lens_advanced_dyn [dynamic]: IG CR -> EQ, TA CR -> EQ
    snap_of_flat_view [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_transpose [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_row_slice [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_unsqueeze [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_detach [static]: IG EQ -> EQ, TA FF -> EQ
    snap_of_bits [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_permute [static]: IG FF -> EQ, TA FF -> EQ
    cache_first_then_snap [static]: IG CD -> CD, TA FF -> EQ
    cache_first_then_snap_refused [static]: IG R(cd) -> R(cd), TA R(pass) -> R
    cache_first_then_snap_clone [static]: IG CD -> CD, TA FF -> EQ
    cache_first_snap_cat [static]: IG CD -> CD, TA FF -> EQ
    cache_first_snap_repeat [static]: IG CD -> CD, TA FF -> EQ
    cache_first_snap_pow1 [static]: IG CD -> CD, TA FF -> EQ
    cache_first_snap_slice [static]: IG CD -> CD, TA FF -> EQ
    kv_snapshot_then_append [static]: IG R(cd) -> R(cd), TA R(pass) -> R
    snap_of_split [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_chunk [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_as_strided [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_unfold [static]: IG FF -> EQ, TA FF -> EQ
    snap_of_flat_view_dyn [dynamic]: IG FF -> EQ, TA FF -> EQ
    kv_dim_rolled_272_dyn [dynamic]: IG R -> R, TA FF -> R
    weight_heads_rolled_6_dyn [dynamic]: IG R -> R, TA FF -> R
    weight_heads_tiled_slice_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kv_dim_tiled_slice_272_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_expand_tiled_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_cat_tiled_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_narrow_tiled_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    new_heads_expand_tiled_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    tokens_heads_expand_tiled_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_strided_tiled_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kv_dim_strided_tiled_272_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_dim_strided_tiled_272_dyn [dynamic]: IG FF -> R, TA FF -> R
    kv_heads_tiled_slice_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_dim_rolled_272_dyn [dynamic]: IG R -> R, TA FF -> R
    cache_dim_rolled_272_dyn [dynamic]: IG R -> R, TA FF -> R
    kept_heads_rolled_6_dyn [dynamic]: IG R -> R, TA FF -> R
    kept_heads_tiled_slice_6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_dim_tiled_slice_272_dyn [dynamic]: IG FF -> R, TA FF -> R
    kv_blocks_tiled_slice_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_batch_tiled_slice [dynamic]: IG FF -> R, TA FF -> R
    pages_zeroed_unless_valid_fp32 [static]: IG EQ -> EQ, TA CR -> EQ
    table_zeroed_unless_valid_p32 [static]: IG EQ -> EQ, TA CR -> EQ
    pages_zeroed_unless_valid_noncontig_cache [static]: IG EQ -> EQ, TA CR -> EQ
    debug_snap_then_kv_appended [static]: IG FF -> EQ, TA FF -> EQ
    debug_snap_then_lens_advanced [static]: IG EQ -> EQ, TA CR -> EQ
    post_pass_snap_then_kv_appended [static]: IG FF -> EQ, TA FF -> EQ
    post_pass_snap_of_flat_view [static]: IG FF -> EQ, TA FF -> EQ

FIRST_TRY below holds every first-try result.  The first version of the H1 attacks (the snapshot numbered first,
19:10) was equal; numbering the other inputs first (``_snap_step``) is the first try recorded.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import (L, STRIDE, build, completes, contract, pool, positions,  # noqa: E402
                                   tokens, write, _qualifies)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam3 import _view_of, classify_any  # noqa: E402  (also teaches the runner views)


def _new(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


# --- 1. reinplace_clones moves the fused call after the last reader of the old cache: past input mutations ------
# A snapshot of the cache taken before the step (``snap.copy_(cache)``) is, after functionalization, an epilogue
# ``copy_(snap, cache)`` that reads the cache *input* at the end of the graph.  When ``snap`` comes before the
# cache among the inputs, that epilogue copy runs before the cache's own ``copy_(cache, new)``, and the pass moves
# the fused call after it -- and so after the epilogue copies of every input listed before ``snap``.
def _snap_step(mutate):
    """Touch every input of the step first (dynamo numbers graph inputs by first use), then snapshot the cache,
    write the step's rows, and mutate an input in place: its epilogue copy precedes the snapshot's."""
    def step(kv, w, slots, table, lens, snap, cache):
        s = slots.long()
        new = _new(kv, w, table, lens).to(kv.dtype)   # (not cache.dtype: that would number the cache first)
        valid = completes(lens)
        snap.copy_(cache)
        cache[s] = torch.where(valid[:, None, None], new, cache[s])
        mutate(kv, w, slots, table, lens)
        return cache
    return step


def _append_token(kv, w, slots, table, lens):
    P = kv.shape[1]
    pos = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.long().gather(1, (pos // P)[:, None])[:, 0]
    kv[page, pos % P] = torch.full_like(kv[0, 0], 7.0)


s_snap_then_lens_advanced = _snap_step(lambda kv, w, slots, table, lens: lens.add_(STRIDE))
s_snap_then_kv_scaled = _snap_step(lambda kv, w, slots, table, lens: kv.mul_(0.5))
s_snap_then_weight_scaled = _snap_step(lambda kv, w, slots, table, lens: w.mul_(2))
s_snap_then_table_shifted = _snap_step(lambda kv, w, slots, table, lens: table.copy_(table.roll(1, 0)))
s_snap_then_slots_shifted = _snap_step(lambda kv, w, slots, table, lens: slots.copy_(slots.roll(1, 0)))
s_snap_then_kv_appended = _snap_step(_append_token)


# A snapshot through a VIEW of the cache (a flat [S, N * D] buffer, a transposed one): the epilogue copy reads the
# view, not the cache input, so the fused call is not moved; written in place, the view then shows the new rows.
def _view_snap_step(view_of):
    def step(kv, w, slots, table, lens, cache, snap):
        snap.copy_(view_of(cache))
        return contract(kv, w, slots, table, lens, cache)
    return step


s_snap_of_flat_view = _view_snap_step(lambda c: c.view(c.shape[0], -1))
s_snap_of_transpose = _view_snap_step(lambda c: c.transpose(1, 2))
s_snap_of_row_slice = _view_snap_step(lambda c: c[: c.shape[0] // 2])
s_snap_of_unsqueeze = _view_snap_step(lambda c: c.unsqueeze(0))


s_snap_of_detach = _view_snap_step(lambda c: c.detach())
s_snap_of_full_slice = _view_snap_step(lambda c: c[:])
s_snap_of_bits = _view_snap_step(lambda c: c.view(torch.int16))
s_snap_of_permute = _view_snap_step(lambda c: c.permute(2, 0, 1))


# (H4 with multi-output and chained views: what an alias walk over single-output views misses)
s_snap_of_split = _view_snap_step(lambda c: torch.split(c, c.shape[0] // 2)[0])
s_snap_of_unbind = _view_snap_step(lambda c: c.unbind(1)[0])
s_snap_of_chunk = _view_snap_step(lambda c: c.chunk(2, 0)[1])
s_snap_of_as_strided = _view_snap_step(lambda c: c.as_strided((c.shape[0], c.shape[1] * c.shape[2]),
                                                              (c.shape[1] * c.shape[2], 1)))
s_snap_of_view_chain = _view_snap_step(lambda c: c.view(-1).view(c.shape[0], -1)[1:].t())
s_snap_of_unfold = _view_snap_step(lambda c: c.unfold(0, 5, 5))


def _view_snap_inputs(snap_of):
    def inputs():
        x = build()
        x.args = x.args + [snap_of(x.args[5])]
        return x
    return inputs


# The old cache returned as a graph output computed before the step (an identity op Inductor may simplify away)
def _old_returned(old_of):
    def step(kv, w, slots, table, lens, cache):
        old = old_of(cache)
        return contract(kv, w, slots, table, lens, cache), old
    return step


s_old_plus_zero_returned = _old_returned(lambda c: c + 0)
s_old_times_one_returned = _old_returned(lambda c: c * 1)
s_old_clone_returned = _old_returned(lambda c: c.clone())
s_old_flat_clone_returned = _old_returned(lambda c: c.reshape(c.shape[0], -1).clone())


# The snapshot numbered AFTER the cache (the cache touched first): torchair's graph keeps the functional
# ``copy(snap, cache)`` early, which Inductor's ``remove_noop_ops`` (run by the pass on torchair graphs) turns into
# the cache itself: the snapshot's epilogue copy then runs after the cache's own and copies the NEW rows.
def s_cache_first_then_snap(kv, w, slots, table, lens, cache, snap):
    _ = cache.dtype  # (numbers the cache before the snapshot)
    snap.copy_(cache)
    return contract(kv, w, slots, table, lens, cache)


def s_cache_first_then_snap_refused(kv, w, slots, table, lens, cache, snap):
    """The same before a step the pass refuses (a 0/1 blend instead of a select)."""
    m = completes(lens)[:, None, None].to(cache.dtype)
    snap.copy_(cache)
    s = slots.long()
    cache[s] = _new(kv, w, table, lens).to(cache.dtype) * m + cache[s] * (1 - m)
    return cache


def s_cache_first_then_snap_clone(kv, w, slots, table, lens, cache, snap):
    _ = cache.dtype
    snap.copy_(cache.clone())
    return contract(kv, w, slots, table, lens, cache)


def _cache_first_snap(noop_of):
    def step(kv, w, slots, table, lens, cache, snap):
        _ = cache.dtype
        snap.copy_(noop_of(cache))
        return contract(kv, w, slots, table, lens, cache)
    return step


s_cache_first_snap_cat = _cache_first_snap(lambda c: torch.cat([c]))
s_cache_first_snap_repeat = _cache_first_snap(lambda c: c.repeat(1, 1, 1))
s_cache_first_snap_pow1 = _cache_first_snap(lambda c: c ** 1)
s_cache_first_snap_slice = _cache_first_snap(lambda c: c[:, :, :])


def s_kv_snapshot_then_append(kv, w, slots, table, lens, cache, kv_snap):
    """No compression step at all: the KV numbered first, a snapshot of it, then the decode append in place."""
    _ = kv.dtype
    kv_snap.copy_(kv)
    _append_token(kv, w, slots, table, lens)
    return cache


def _kv_snap_inputs():
    x = build(specials=False)
    x.args = x.args + [torch.zeros_like(x.args[0])]
    return x


def s_snap_then_stacked_kv_appended(kv2, w, slots, table, lens, snap, cache):
    """H1 through an alias: the step reads kv2[0] of a stacked [2, blocks, P, N, D] KV; the append writes kv2[0] in
    place after it (the epilogue copies kv2, the fused call reads a select of it)."""
    kv = kv2[0]
    s = slots.long()
    new = _new(kv, w, table, lens).to(kv.dtype)
    valid = completes(lens)
    snap.copy_(cache)
    cache[s] = torch.where(valid[:, None, None], new, cache[s])
    _append_token(kv, w, slots, table, lens)
    return cache


def s_snap_then_flat_kv_appended(kvf, w, slots, table, lens, snap, cache):
    """H1 through a reshape: the step reads kvf.view(blocks, P, N, D) of a flat [blocks * P, N, D] pool, then appends
    through the flat view in place."""
    N, D = kvf.shape[1:]
    kv = kvf.view(-1, 64, N, D)
    s = slots.long()
    new = _new(kv, w, table, lens).to(kv.dtype)
    valid = completes(lens)
    snap.copy_(cache)
    cache[s] = torch.where(valid[:, None, None], new, cache[s])
    pos = lens.long().clamp(max=table.shape[1] * 64 - 1)
    page = table.long().gather(1, (pos // 64)[:, None])[:, 0]
    kvf[page * 64 + pos % 64] = torch.full_like(kvf[0], 7.0)
    return cache


def _stacked_snap_inputs():
    x = _snap_inputs(build(specials=False))
    kv = x.args[0]
    x.args[0] = torch.stack([kv, kv.flip(0)])
    return x


def _flat_snap_inputs():
    x = _snap_inputs(build(specials=False))
    kv = x.args[0]
    x.args[0] = kv.reshape(-1, *kv.shape[2:]).clone()
    return x


def _snap_inputs(x):
    """(kv, w, slots, table, lens, snap, cache): the snapshot buffer before the cache."""
    kv, w, slots, table, lens, cache = x.args
    x.args = [kv, w, slots, table, lens, torch.zeros_like(cache), cache]
    return x


def _kv_append_safe():
    """Rows whose append position lands in its own page (distinct pages): every page is owned by one row."""
    return _snap_inputs(build(specials=False))


# --- 2. weight dtypes the replacement casts to the input dtype ----------------------------------------------------
def _weight_dtype(dtype, values):
    def inputs():
        x = build(specials=False)
        x.args[1] = values().to(dtype)
        return x
    return inputs


def _int16_weight_values():
    g = torch.Generator().manual_seed(3)
    return torch.randint(2049, 4000, (L, 2), generator=g) | 1      # odd values above 2048: not fp16-exact


def _fp16_weight_bf16_kv():
    x = build(dtype=torch.bfloat16, specials=False)
    g = torch.Generator().manual_seed(4)
    x.args[1] = ((torch.rand(L, 2, generator=g) + 1) * 0.5).half()  # 11-bit mantissas, bf16 has 8
    return x


def _fp64_weight():
    x = build(specials=False)
    g = torch.Generator().manual_seed(5)
    x.args[1] = (1 + torch.randint(1, 2 ** 20, (L, 2), generator=g).double() * 2.0 ** -21)
    return x


def f_weight_as_float(kv, w, slots, table, lens, cache):
    """tokens.float() * weight.float(): the weight in whatever dtype it is stored."""
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * w.float()[None, :, :, None]).sum(1))


def f_weight_via_input_dtype(kv, w, slots, table, lens, cache):
    """weight.to(kv.dtype).float(): passes through the input dtype (the op's own rounding)."""
    tok = tokens(kv, table, positions(lens)).float()
    return write(cache, slots, completes(lens), (tok * w.to(kv.dtype).float()[None, :, :, None]).sum(1))


# --- 3. a shift by a multiple of every size the proof evaluates: identity at the probed sizes only ----------------
def _rolled(roll_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), roll_of(kv, w, table, lens))
    return step


# 272 = 16 * 17: a head dim of 16 (compiled) or 17 (the generalization's "one larger"); 6 = lcm(1, 2, 3) for heads
f_new_dim_rolled_272 = _rolled(lambda kv, w, t, s: _new(kv, w, t, s).roll(272, -1))
f_tokens_dim_rolled_272 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)).roll(272, -1), w))
f_tokens_heads_rolled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)).roll(6, 2), w))
f_weight_heads_rolled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), w.roll(6, 1)))
f_kv_dim_rolled_272 = _rolled(lambda kv, w, t, s: pool(tokens(kv.roll(272, -1), t, positions(s)), w))
f_tokens_window_rolled_by_pages = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)).roll(t.shape[1] * 32, 1), w))


# the same shifts spelled without roll (Inductor decomposes roll into an iota): a slice of a tiling
f_weight_heads_tiled_slice_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                w.repeat(1, 4)[:, 6:6 + w.shape[1]]))
f_kv_dim_tiled_slice_272 = _rolled(lambda kv, w, t, s: pool(tokens(kv.repeat(1, 1, 1, 18)[..., 272:272 + kv.shape[-1]],
                                                                   t, positions(s)), w))
f_tokens_dim_tiled_slice_272 = _rolled(lambda kv, w, t, s: pool(
    tokens(kv, t, positions(s)).repeat(1, 1, 1, 18)[..., 272:272 + kv.shape[-1]], w))


f_kv_heads_tiled_slice_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv.repeat(1, 1, 4, 1)[:, :, 6:6 + kv.shape[2]],
                                                                  t, positions(s)), w))


def _tiled_by_expand(w, k=4, c=6):
    """w's heads shifted by c mod N, tiled by expand + reshape (no repeat, no roll)."""
    l, N = w.shape
    return w.unsqueeze(1).expand(l, k, N).reshape(l, k * N)[:, c:c + N]


f_weight_heads_expand_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _tiled_by_expand(w)))
f_weight_heads_cat_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                              torch.cat([w] * 4, 1)[:, 6:6 + w.shape[1]]))
f_weight_heads_narrow_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                 w.repeat(1, 4).narrow(1, 6, w.shape[1])))


def _heads_tiled_by_expand(x, hdim, k=4, c=6):
    """x's heads (dim hdim) shifted by c mod N, tiled by unsqueeze/expand/reshape (the batch stays major)."""
    shape = list(x.shape)
    N = shape[hdim]
    t = x.unsqueeze(hdim).expand(*shape[:hdim], k, *shape[hdim:]).reshape(*shape[:hdim], k * N, *shape[hdim + 1:])
    return t.narrow(hdim, c, N)


f_new_heads_expand_tiled_6 = _rolled(lambda kv, w, t, s: _heads_tiled_by_expand(_new(kv, w, t, s), 1))
f_tokens_heads_expand_tiled_6 = _rolled(lambda kv, w, t, s: pool(_heads_tiled_by_expand(tokens(kv, t, positions(s)), 2),
                                                                 w))


# (H2 without a slice op: a split with a constant first size, a constant storage offset, an arange from 6)
f_weight_heads_split_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), torch.split(
    w.repeat(1, 4), [6, w.shape[1], 3 * w.shape[1] - 6], 1)[1]))
f_weight_heads_strided_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), w.repeat(1, 4).as_strided(
    (w.shape[0], w.shape[1]), (4 * w.shape[1], 1), 6)))
f_weight_heads_arange_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), w.repeat(1, 4).index_select(
    1, torch.arange(6, 6 + w.shape[1]))))


f_weight_heads_unfold_tiled_6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                 w.repeat(1, 4).unfold(1, w.shape[1], 1)[:, 6]))


def _kv_dim_strided(kv):
    n, P, N, D = kv.shape
    return kv.repeat(1, 1, 1, 18).as_strided((n, P, N, D), (P * N * 18 * D, N * 18 * D, 18 * D, 1), 272)


f_kv_dim_strided_tiled_272 = _rolled(lambda kv, w, t, s: pool(tokens(_kv_dim_strided(kv), t, positions(s)), w))


def _kept_rolled(kept_of):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype),
                               kept_of(cache, s))
        return cache
    return step


k_kept_dim_rolled_272 = _kept_rolled(lambda c, s: c[s].roll(272, -1))
k_cache_dim_rolled_272 = _kept_rolled(lambda c, s: c.roll(272, -1)[s])
k_kept_heads_rolled_6 = _kept_rolled(lambda c, s: c[s].roll(6, 1))
k_kept_dim_tiled_slice_272 = _kept_rolled(lambda c, s: c[s].repeat(1, 1, 18)[..., 272:272 + c.shape[-1]])


# the same on the block table's pages, the KV's blocks and its page size: sizes the batch plan does not own
def g_table_pages_tiled_slice_20(kv, w, slots, table, lens, cache):
    """table.repeat(1, 6)[:, 20:20 + pages]: the identity for 4 and 5 pages (20 = 4 * 5), a shift by 4 for 8."""
    t = table.repeat(1, 6)[:, 20:20 + table.shape[1]]
    return write(cache, slots, completes(lens), pool(tokens(kv, t, positions(lens)), w))


def g_kv_blocks_tiled_slice(kv, w, slots, table, lens, cache):
    """kv.repeat(38, 1, 1, 1)[1260:1260 + blocks]: the identity for 35 and 36 blocks (1260 = 35 * 36)."""
    k = kv.repeat(38, 1, 1, 1)[1260:1260 + kv.shape[0]]
    return write(cache, slots, completes(lens), pool(tokens(k, table, positions(lens)), w))


def g_kv_page_tiled_slice(kv, w, slots, table, lens, cache):
    """kv.repeat(1, 66, 1, 1)[:, 4160:4160 + P]: tokens within a page shifted by 4160 = 64 * 65 (P = 64, 65: none)."""
    k = kv.repeat(1, 66, 1, 1)[:, 4160:4160 + kv.shape[1]]
    return write(cache, slots, completes(lens), pool(tokens(k, table, positions(lens)), w))


def _pages_grow():
    return [build(B=8, specials=False), build(B=8, pages=8, seed=2, specials=False,
                                              lengths=[512, 48, 0, 31, 32, 496, 100, 256])]


def _blocks_grow():
    return [build(B=8, specials=False), build(B=8, block_num=40, seed=2, specials=False)]


def _page_size_grow():
    return [build(B=8, specials=False), build(B=8, P=128, pages=2, seed=2, specials=False)]


# ... and in static graphs, where the probes shrink the KV's blocks (10, 20, 32, 64) and the cache (2B + 8 rows)
def g_kv_blocks_tiled_slice_static(kv, w, slots, table, lens, cache):
    """kv.repeat(49, ...)[320:320 + 163]: block i for probe KVs of 10, 20, 32 or 64 blocks, block (i + 157) % 163 for
    the real 163."""
    k = kv.repeat(49, 1, 1, 1)[320:320 + kv.shape[0]]
    return write(cache, slots, completes(lens), pool(tokens(k, table, positions(lens)), w))


k_cache_rows_tiled_slice_static = _kept_rolled(lambda c, s: c.repeat(3, 1, 1)[88:88 + c.shape[0]][s])
k_kept_batch_tiled_slice = _kept_rolled(lambda c, s: c[s].repeat(50, 1, 1)[288:288 + s.shape[0]])


# constant slice bounds past the probes' shrunk sizes (the gather probes draw at most 64 blocks, the keep probe a
# cache of 2B + 8 rows): the identity there, a reversal of the tail at the real size
def g_kv_tail_blocks_flipped(kv, w, slots, table, lens, cache):
    k = torch.cat([kv[:64], kv[64:].flip(0)])
    return write(cache, slots, completes(lens), pool(tokens(k, table, positions(lens)), w))


k_cache_tail_rows_flipped = _kept_rolled(lambda c, s: torch.cat([c[:100], c[100:].flip(0)])[s])
k_kept_slots_tail_flipped = _kept_rolled(lambda c, s: c[torch.cat([s[:32], s[32:].flip(0)])])


def _big_cache(B=40, num_slots=200, seed=13):
    """Rows that do not complete hold slots >= 100 (kept rows read past the keep probe's cache)."""
    x = build(B=B, num_slots=num_slots, seed=seed)
    slots, lens = x.args[2], x.args[4]
    hi = iter(range(199, 99, -1))
    lo = iter(range(0, 100))
    for b in range(B):
        slots[b] = next(lo) if _qualifies(int(lens[b])) else next(hi)
    return x


def _dims_grow(D=None, N=None):
    def inputs():
        a = build(B=8, specials=False)
        kw = {}
        if D is not None:
            kw["D"] = D
        if N is not None:
            kw["N"] = N
            g = torch.Generator().manual_seed(9)
            kw["weight"] = (torch.randint(-2047, 2048, (L, N), generator=g) / 1024).half()
        return [a, build(B=8, seed=2, specials=False, **kw)]
    return inputs


# --- 4. the paged input's page size hard-coded where the graph has a symbolic one ---------------------------------
def g_page_size_hardcoded_64(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    page = table.long().gather(1, pos // 64)
    return write(cache, slots, completes(lens), pool(kv[page, pos % 64], w))


def _page_grow():
    return [build(B=8, specials=False), build(B=8, P=128, pages=4, seed=2, specials=False,
                                              lengths=[256, 48, 0, 31, 32, 240, 100, 64])]


# --- 5. inputs with stride-0 dimensions (expanded views): the kernels read them through their strides -----------
def s_contract_with_bases(kv, w, slots, table, lens, cache, *bases):
    return contract(kv, w, slots, table, lens, cache)


def _expanded(which):
    def inputs():
        x = build(specials=False, distinct_pages=which != "table", block_num=40 if which == "table" else None)
        kv, w, slots, table, lens, cache = x.args
        if which == "lens":
            base = lens[3:4].clone()  # 48 + k * 16: completes
            base[0] = 48
            x.args = [kv, w, slots, table, _view_of(base.expand(lens.shape[0]), 6,
                                                         lambda b, B=lens.shape[0]: b.expand(B)), cache, base]
        elif which == "table":
            base = table[:1].clone()
            x.args = [kv, w, slots, _view_of(base.expand(table.shape[0], -1), 6,
                                             lambda b, B=table.shape[0]: b.expand(B, -1)), lens, cache, base]
        elif which == "weight":
            base = w[:1].clone()
            x.args = [kv, _view_of(base.expand(L, -1), 6, lambda b: b.expand(L, -1)), slots, table, lens, cache, base]
        elif which == "kv":
            base = kv[:1].clone()
            x.args = [_view_of(base.expand(kv.shape[0], -1, -1, -1), 6,
                               lambda b, n=kv.shape[0]: b.expand(n, -1, -1, -1)), w, slots, table, lens, cache, base]
        elif which == "kv_heads":
            base = kv[:, :, :1].clone()
            x.args = [_view_of(base.expand(-1, -1, 2, -1), 6, lambda b: b.expand(-1, -1, 2, -1)), w, slots, table,
                      lens, cache, base]
        return x
    return inputs


# --- 6. a cache with fewer rows than the batch (valid: padding rows share a padding slot) ------------------------
def _cache_smaller_than_batch():
    """B = 40, 12 cache rows: 10 rows complete (distinct slots 0..9), 30 carry padding slot 10 or -1 (row 11)."""
    x = build(B=40, num_slots=12, specials=False, seed=6)
    lens = x.args[4]
    q = [b for b in range(40) if _qualifies(int(lens[b]))][:10]
    for b in range(40):
        if b not in q and _qualifies(int(lens[b])):
            lens[b] -= 1
    slots = torch.full((40,), -1, dtype=torch.int64)
    for i, b in enumerate(q):
        slots[b] = i
    slots[[b for b in range(40) if b not in q][::2]] = 10
    x.args[2] = slots.to(torch.int32)
    return x


# --- 7. the rewritten spellings (normalize_row_writes) with other index dtypes and scratch rows ----------------
def s_redirect(extra_rows=8, scratch_of=lambda S: S):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = _new(kv, w, table, lens).to(cache.dtype)
        ext = torch.cat([cache, cache.new_zeros(extra_rows, *cache.shape[1:])])
        idx = torch.where(completes(lens), slots.long(), torch.full_like(slots.long(), scratch_of(S)))
        ext[idx] = new
        cache.copy_(ext[:S])
        return cache
    return step


def s_redirect_int32_where(kv, w, slots, table, lens, cache):
    """where(valid, slots_int32, S) then index: the index stays int32."""
    S = cache.shape[0]
    new = _new(kv, w, table, lens).to(cache.dtype)
    ext = torch.cat([cache, cache[:4].clone()])
    idx = torch.where(completes(lens), slots, torch.full_like(slots, S + 3))
    ext[idx] = new
    cache.copy_(ext[:S])
    return cache


def s_masked_whole_cache_scatter(kv, w, slots, table, lens, cache):
    S = cache.shape[0]
    s = slots.long()
    written = torch.zeros(S, dtype=torch.bool).scatter(0, s, completes(lens))
    cand = cache.index_copy(0, s, _new(kv, w, table, lens).to(cache.dtype))
    cache.copy_(torch.where(~written[:, None, None], cache, cand))
    return cache


def s_masked_whole_cache_new_rows_only(kv, w, slots, table, lens, cache):
    """cand written into zeros_like(cache): only its written rows are read."""
    S = cache.shape[0]
    s = slots.long()
    written = torch.zeros(S, dtype=torch.bool).index_put((s,), completes(lens))
    cand = torch.zeros_like(cache).index_put((s,), _new(kv, w, table, lens).to(cache.dtype))
    cache.copy_(torch.where(written[:, None, None], cand, cache))
    return cache


def s_masked_whole_cache_inverted_mask(kv, w, slots, table, lens, cache):
    """written marks the rows that do NOT complete; the candidate taken where written is False."""
    S = cache.shape[0]
    s = slots.long()
    written = torch.zeros(S, dtype=torch.bool).index_put((s,), ~completes(lens))
    cand = cache.index_copy(0, s, _new(kv, w, table, lens).to(cache.dtype))
    cache.copy_(torch.where(written[:, None, None], cache, cand))
    return cache


def s_compaction_bool(kv, w, slots, table, lens, cache):
    m = completes(lens)
    cache[slots.long()[m]] = _new(kv, w, table, lens).to(cache.dtype)[m]
    return cache


def s_compaction_nonzero(kv, w, slots, table, lens, cache):
    idx = completes(lens).nonzero().squeeze(1)
    cache[slots.long()[idx]] = _new(kv, w, table, lens).to(cache.dtype)[idx]
    return cache


def _padding_minus_one(B=40, seed=0, **kw):
    """Valid padding: rows that do not complete carry slot -1 (row S - 1 is written by nobody)."""
    x = build(B=B, seed=seed, **kw)
    slots, lens, S = x.args[2], x.args[4], x.args[5].shape[0]
    free = [v for v in range(S - 1) if v not in set(slots.tolist())]
    for b in range(B):
        if not _qualifies(int(lens[b])):
            slots[b] = -1
        elif int(slots[b]) == S - 1:
            slots[b] = free.pop()
    assert not any(int(slots[b]) == S - 1 for b in range(B) if _qualifies(int(lens[b])))
    return x


# --- 8. GE writes: the refused step's write-back and the KV append as npu_scatter_nd_update ---------------------
def s_refused_then_append(kv, w, slots, table, lens, cache):
    """A refused step (rows blended, not selected) then the KV append; both writes go to GE as scatters."""
    s = slots.long()
    m = completes(lens)[:, None, None].to(cache.dtype)
    new = _new(kv, w, table, lens).to(cache.dtype)
    cache[s] = new * m + cache[s] * (1 - m)
    P = kv.shape[1]
    pos = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.gather(1, (pos // P)[:, None].to(table.dtype))[:, 0]
    kv[page, (pos % P).int()] = torch.full_like(kv[0, 0], 3.0)
    return cache


def s_append_mixed_index_dtypes(kv, w, slots, table, lens, cache):
    """Fused step, then the append with an int32 page and an int64 offset, one value broadcast over the batch."""
    cache = contract(kv, w, slots, table, lens, cache)
    P = kv.shape[1]
    pos = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.gather(1, (pos // P)[:, None].int())[:, 0]
    kv[page, pos % P] = torch.arange(kv.shape[-1], dtype=kv.dtype)
    return cache


def s_kept_negative_slots_write(kv, w, slots, table, lens, cache):
    """The write at slots - S (Python-negative for every row) in a refused step: GE wraps them."""
    s = slots.long() - cache.shape[0]
    new = _new(kv, w, table, lens).to(cache.dtype)
    m = completes(lens)[:, None, None].to(cache.dtype)
    cache[s] = new * m + cache[s] * (1 - m)
    return cache


# --- 9. the embedding gather: max_norm renormalizes the table in place --------------------------------------------
def g_embedding_max_norm(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P, N, D = kv.shape[1:]
    flat = table.long().gather(1, pos // P) * P + pos % P
    tok = F.embedding(flat, kv.view(-1, N * D), max_norm=4.0).view(*flat.shape, N, D)
    return write(cache, slots, completes(lens), pool(tok, w))


def g_embedding_padding_idx(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P, N, D = kv.shape[1:]
    flat = table.long().gather(1, pos // P) * P + pos % P
    tok = F.embedding(flat, kv.view(-1, N * D), padding_idx=0).view(*flat.shape, N, D)
    return write(cache, slots, completes(lens), pool(tok, w))


# --- 10. the same tensor passed as two inputs ---------------------------------------------------------------------
def s_kept_from_second_arg(kv, w, slots, table, lens, cache, cache2):
    """cache2 is the cache (same tensor): kept rows read through the other argument."""
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache2[s])
    return cache


def _cache_twice():
    x = build()
    x.args = x.args + [_view_of(x.args[5][:], 5, lambda b: b)]  # (the same tensor object when run)
    return x


def s_lens_is_slots(kv, w, slots, table, lens, cache):
    """The lengths tensor passed as the slots too (a test rig that numbers cache rows by length)."""
    return contract(kv, w, lens, table, lens, cache)


def _lens_as_slots():
    x = build(B=8, specials=False, lengths=[48, 64, 80, 33, 0, 96, 47, 112], num_slots=130)
    x.args[2] = _view_of(x.args[4][:], 4, lambda b: b)  # (the same tensor object when run)
    return x


# --- 11. page ids of windows that are not read: torchair's scatter write-back gathers every row's window -----------
def g_pages_zeroed_unless_valid(kv, w, slots, table, lens, cache):
    """Rows whose window does not complete read block 0 instead of their (padding) page ids."""
    valid = completes(lens)
    pos = positions(lens)
    P = kv.shape[1]
    page = torch.where(valid[:, None], table.long().gather(1, pos // P), 0)
    return write(cache, slots, valid, pool(kv[page, pos % P], w))


def g_table_zeroed_unless_valid(kv, w, slots, table, lens, cache):
    """The same on the table: rows that do not complete get a table of zeros."""
    valid = completes(lens)
    t = torch.where(valid[:, None], table, torch.zeros_like(table))
    return write(cache, slots, valid, pool(tokens(kv, t, positions(lens)), w))


def _garbage_unread_pages(dtype=torch.float32, P=64, value=2 ** 30):
    """Rows whose window does not complete hold page ids far out of range (valid: those windows are not read)."""
    x = build(dtype=dtype, P=P, pages=4 if P == 64 else 8, specials=False, seed=8)
    lens, table = x.args[4], x.args[3]
    for b in range(lens.shape[0]):
        if not _qualifies(int(lens[b])):
            table[b] = value
    return x


# --- 12. the cache in another float dtype than the paged input ---------------------------------------------------
def _garbage_unread_pages_noncontig_cache():
    """fp16 at vendor shapes, a transposed (non-contiguous) cache: torchair lowers to scatter_writeback."""
    x = _garbage_unread_pages(torch.float16)
    buf = x.args[5].transpose(1, 2).contiguous()
    x.args = x.args[:5] + [_view_of(buf.transpose(1, 2), 6, lambda b: b.transpose(1, 2)), buf]
    return x


def _bf16_cache_fp16_kv():
    x = build(specials=False)
    x.args[5] = x.args[5].bfloat16()
    return x


# --- 14. two caches that are halves of one buffer (AOT's synthetic base), 2-D scatter_ writes ----------------------
def s_two_caches_one_buffer(kv, w, slots, table, lens, ck, cv, buf):
    ck = contract(kv, w, slots, table, lens, ck)
    cv = contract(kv, w.flip(0), slots, table, lens, cv)
    return ck, cv


def _two_caches_one_buffer():
    x = build()
    c = x.args[5]
    buf = torch.stack([c, c.flip(0)])
    x.args = x.args[:5] + [_view_of(buf[0], 7, lambda b: b[0]), _view_of(buf[1], 7, lambda b: b[1]), buf]
    return x


def s_scatter_2d(kv, w, slots, table, lens, cache):
    """The row write as a 2-D scatter_ into cache.view(S, N * D)."""
    S, N, D = cache.shape
    s = slots.long()
    rows = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    cache.view(S, N * D).scatter_(0, s[:, None].expand(-1, N * D), rows.reshape(-1, N * D))
    return cache


def s_scatter_2d_first_head(kv, w, slots, table, lens, cache):
    """A 2-D scatter_ whose index covers the first head only (src rows hold both): the second head is never written."""
    S, N, D = cache.shape
    s = slots.long()
    rows = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
    cache.view(S, N * D).scatter_(0, s[:, None].expand(-1, D), rows.reshape(-1, N * D))
    return cache


ATTACKS = [
    ("snap_then_lens_advanced", _mk(s_snap_then_lens_advanced, lambda: [_snap_inputs(build())]),
     "snap.copy_(cache) (snap before the cache among the inputs), step, lens += 16: the fused call moved after "
     "the snapshot's epilogue copy reads the advanced lengths"),
    ("snap_then_kv_scaled", _mk(s_snap_then_kv_scaled, lambda: [_snap_inputs(build())]),
     "snapshot, step, kv *= 0.5 (kv's epilogue copy before the snapshot's)"),
    ("snap_then_weight_scaled", _mk(s_snap_then_weight_scaled, lambda: [_snap_inputs(build())]),
     "snapshot, step, w *= 2"),
    ("snap_then_table_shifted", _mk(s_snap_then_table_shifted, lambda: [_snap_inputs(build())]),
     "snapshot, step, table rows rolled in place"),
    ("snap_then_slots_shifted", _mk(s_snap_then_slots_shifted, lambda: [_snap_inputs(build(specials=False))]),
     "snapshot, step, slots rolled in place"),
    ("snap_then_kv_appended", _mk(s_snap_then_kv_appended, lambda: [_kv_append_safe()]),
     "snapshot, step, the decode append kv[page, s % P] = token in place"),
    ("snap_then_kv_appended_batch", _mk(s_snap_then_kv_appended, lambda: [_kv_append_safe(),
                                                                       _snap_inputs(build(B=12, seed=3,
                                                                                          specials=False))],
                                        ("batch", "dynamic")),
     "the decode append after the snapshot under mark_dynamic / dynamic=True (B = 40 then 12)"),
    ("snap_then_stacked_kv_appended", _mk(s_snap_then_stacked_kv_appended, lambda: [_stacked_snap_inputs()]),
     "H1 through an alias: the step reads kv2[0], the append writes kv2[0] after it"),
    ("snap_then_flat_kv_appended", _mk(s_snap_then_flat_kv_appended, lambda: [_flat_snap_inputs()]),
     "H1 through a reshape of a flat token pool"),
    ("snap_then_lens_advanced_dyn", _mk(s_snap_then_lens_advanced, lambda: [_snap_inputs(build()),
                                                                             _snap_inputs(build(seed=3))],
                                        ("dynamic",)),
     "the lengths advance under dynamic=True"),
]

ATTACKS += [
    ("snap_of_flat_view", _mk(s_snap_of_flat_view,
                              lambda: [_view_snap_inputs(lambda c: torch.zeros(c.shape[0], c.shape[1] * c.shape[2],
                                                                               dtype=c.dtype))()]),
     "snap.copy_(cache.view(S, N * D)) before the step: the epilogue copy reads a view of the cache input"),
    ("snap_of_transpose", _mk(s_snap_of_transpose,
                              lambda: [_view_snap_inputs(lambda c: torch.zeros_like(c.transpose(1, 2)))()]),
     "snap.copy_(cache.transpose(1, 2)) before the step"),
    ("snap_of_row_slice", _mk(s_snap_of_row_slice, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(
        c[: c.shape[0] // 2]))()]),
     "snap.copy_(cache[:S // 2]) before the step"),
    ("snap_of_unsqueeze", _mk(s_snap_of_unsqueeze, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(
        c.unsqueeze(0)))()]),
     "snap.copy_(cache.unsqueeze(0)) before the step"),
    ("old_plus_zero_returned", _mk(s_old_plus_zero_returned, lambda: [build()]),
     "old = cache + 0 before the step, returned beside the cache"),
    ("old_times_one_returned", _mk(s_old_times_one_returned, lambda: [build()]),
     "old = cache * 1 before the step, returned"),
    ("old_clone_returned", _mk(s_old_clone_returned, lambda: [build()]),
     "old = cache.clone() before the step, returned"),
    ("old_flat_clone_returned", _mk(s_old_flat_clone_returned, lambda: [build()]),
     "old = cache.reshape(S, -1).clone() before the step, returned"),
    ("snap_of_detach", _mk(s_snap_of_detach, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "snap.copy_(cache.detach()) before the step (an alias)"),
    ("snap_of_full_slice", _mk(s_snap_of_full_slice, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "snap.copy_(cache[:]) before the step (a no-op slice)"),
    ("snap_of_bits", _mk(s_snap_of_bits, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(
        c.view(torch.int16)))()]),
     "snap.copy_(cache.view(torch.int16)) before the step (a bit view)"),
    ("snap_of_permute", _mk(s_snap_of_permute, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(
        c.permute(2, 0, 1)))()]),
     "snap.copy_(cache.permute(2, 0, 1)) before the step"),
    ("cache_first_then_snap", _mk(s_cache_first_then_snap, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "the cache numbered before the snapshot, snap.copy_(cache), step (torchair: remove_noop_ops drops the copy)"),
    ("cache_first_then_snap_refused", _mk(s_cache_first_then_snap_refused,
                                          lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "the same before a refused step: the pass changes the graph (remove_noop_ops) even where it fuses nothing"),
    ("cache_first_then_snap_clone", _mk(s_cache_first_then_snap_clone,
                                        lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "snap.copy_(cache.clone()): two no-ops for remove_noop_ops"),
    ("cache_first_snap_cat", _mk(s_cache_first_snap_cat, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "H5 with snap.copy_(torch.cat([cache])) (a no-op cat)"),
    ("cache_first_snap_repeat", _mk(s_cache_first_snap_repeat, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "H5 with snap.copy_(cache.repeat(1, 1, 1))"),
    ("cache_first_snap_pow1", _mk(s_cache_first_snap_pow1, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "H5 with snap.copy_(cache ** 1)"),
    ("cache_first_snap_slice", _mk(s_cache_first_snap_slice, lambda: [_view_snap_inputs(torch.zeros_like)()]),
     "H5 with snap.copy_(cache[:, :, :])"),
    ("kv_snapshot_then_append", _mk(s_kv_snapshot_then_append, lambda: [_kv_snap_inputs()]),
     "no compression step: kv_snap.copy_(kv) then the KV append (any torchair graph with a write op)"),
    ("snap_of_split", _mk(s_snap_of_split, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(c[: c.shape[0] // 2]))()]),
     "snap.copy_(torch.split(cache, S // 2)[0]): a view out of a multi-output op"),
    ("snap_of_unbind", _mk(s_snap_of_unbind, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(c[:, 0]))()]),
     "snap.copy_(cache.unbind(1)[0]): head 0 of every row"),
    ("snap_of_chunk", _mk(s_snap_of_chunk, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(c.chunk(2, 0)[1]))()]),
     "snap.copy_(cache.chunk(2, 0)[1])"),
    ("snap_of_as_strided", _mk(s_snap_of_as_strided, lambda: [_view_snap_inputs(
        lambda c: torch.zeros(c.shape[0], c.shape[1] * c.shape[2], dtype=c.dtype))()]),
     "snap.copy_(cache.as_strided(...))"),
    ("snap_of_view_chain", _mk(s_snap_of_view_chain, lambda: [_view_snap_inputs(
        lambda c: torch.zeros(c.shape[1] * c.shape[2], c.shape[0] - 1, dtype=c.dtype))()]),
     "snap.copy_(cache.view(-1).view(S, -1)[1:].t()): a chain of views"),
    ("snap_of_unfold", _mk(s_snap_of_unfold, lambda: [_view_snap_inputs(lambda c: torch.zeros_like(c.unfold(0, 5, 5)))()]),
     "snap.copy_(cache.unfold(0, 5, 5))"),
    ("snap_of_flat_view_dyn", _mk(s_snap_of_flat_view,
                                  lambda: [_view_snap_inputs(lambda c: torch.zeros(c.shape[0], c.shape[1] * c.shape[2],
                                                                                   dtype=c.dtype))()],
                                  ("dynamic",)),
     "the flat-view snapshot under dynamic=True"),
]

def f_weight_transposed(kv, w, slots, table, lens, cache):
    """The weight stored [N, l] and used transposed."""
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.t()))


def f_weight_scrambled(kv, w, slots, table, lens, cache):
    """An [l, N] weight read as reshape(N, l).t() (a scramble unless l == N... it is never the same tensor)."""
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)),
                                                     w.reshape(w.shape[1], w.shape[0]).t()))


def _square_weight(transposed=True):
    def inputs():
        g = torch.Generator().manual_seed(12)
        wt = (torch.randint(-2047, 2048, (L, L), generator=g) / 1024).half()
        return build(N=L, D=4, B=8, specials=False, weight=wt)
    return inputs


ATTACKS += [
    ("weight_int16_as_float", _mk(f_weight_as_float, lambda: [_weight_dtype(torch.int16, _int16_weight_values)()]),
     "an int16 weight (odd values > 2048) used as .float(): the op would take it in fp16"),
    ("weight_int32_as_float", _mk(f_weight_as_float, lambda: [_weight_dtype(torch.int32, _int16_weight_values)()]),
     "an int32 weight used as .float()"),
    ("weight_fp16_bf16_kv", _mk(f_weight_as_float, lambda: [_fp16_weight_bf16_kv()]),
     "an fp16 weight beside bf16 KV (11-bit mantissas): the op takes the weight in bf16"),
    ("weight_fp64_as_float", _mk(f_weight_as_float, lambda: [_fp64_weight()]),
     "an fp64 weight with 21-bit mantissas used as .float()"),
    ("weight_transposed_square", _mk(f_weight_transposed, lambda: [_square_weight()()]),
     "N = l = 32 heads: the weight stored [N, l] and used as w.t() (both layouts have the same shape)"),
    ("weight_scrambled_square", _mk(f_weight_scrambled, lambda: [_square_weight()()]),
     "N = l = 32: w.reshape(N, l).t() (the transpose of a square weight)"),
    ("weight_scrambled", _mk(f_weight_scrambled, lambda: [build(specials=False)]),
     "N = 2: w.reshape(N, l).t() of an [l, N] weight (the op's 'Nl' layout of the same tensor)"),
    ("weight_fp64_via_input_dtype", _mk(f_weight_via_input_dtype, lambda: [_fp64_weight()]),
     "an fp64 weight rounded to the input dtype first (the op's own rounding): equal or refused"),
    ("weight_fp16_bf16_kv_via_input_dtype", _mk(f_weight_via_input_dtype, lambda: [_fp16_weight_bf16_kv()]),
     "fp16 weight rounded to bf16 first: equal or refused"),
]

ATTACKS += [
    ("new_dim_rolled_272_dyn", _mk(f_new_dim_rolled_272, _dims_grow(D=32), ("dynamic",)),
     "pooled.roll(272, -1): the identity for head dims 16 (compiled) and 17 (generalized), not for 32"),
    ("tokens_dim_rolled_272_dyn", _mk(f_tokens_dim_rolled_272, _dims_grow(D=32), ("dynamic",)),
     "tokens.roll(272, -1) under dynamic=True"),
    ("kv_dim_rolled_272_dyn", _mk(f_kv_dim_rolled_272, _dims_grow(D=32), ("dynamic",)),
     "kv.roll(272, -1) (the paged input's head dim) under dynamic=True"),
    ("tokens_heads_rolled_6_dyn", _mk(f_tokens_heads_rolled_6, _dims_grow(N=4), ("dynamic",)),
     "tokens.roll(6, heads): the identity for 1, 2, 3 heads, not for 4"),
    ("weight_heads_rolled_6_dyn", _mk(f_weight_heads_rolled_6, _dims_grow(N=4), ("dynamic",)),
     "w.roll(6, heads) under dynamic=True"),
    ("weight_heads_tiled_slice_6_dyn", _mk(f_weight_heads_tiled_slice_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 4)[:, 6:6 + N]: a roll by 6 spelled as a slice of a tiling (no iota), N = 2, 3 then 4"),
    ("kv_dim_tiled_slice_272_dyn", _mk(f_kv_dim_tiled_slice_272, _dims_grow(D=32), ("dynamic",)),
     "kv.repeat(.., 18)[..., 272:272 + D]: a roll of the head dim by 272 as a slice of a tiling"),
    ("weight_heads_expand_tiled_6_dyn", _mk(f_weight_heads_expand_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "w tiled by unsqueeze/expand/reshape, then [:, 6:6 + N]: H2 without repeat"),
    ("weight_heads_cat_tiled_6_dyn", _mk(f_weight_heads_cat_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "cat([w] * 4, 1)[:, 6:6 + N]: H2 with a concatenation"),
    ("weight_heads_narrow_tiled_6_dyn", _mk(f_weight_heads_narrow_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 4).narrow(1, 6, N)"),
    ("new_heads_expand_tiled_6_dyn", _mk(f_new_heads_expand_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "the new rows' heads shifted by 6 mod N through an expand tiling (no repeat, batch kept major)"),
    ("tokens_heads_expand_tiled_6_dyn", _mk(f_tokens_heads_expand_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "the window tokens' heads shifted by 6 mod N through an expand tiling"),
    ("weight_heads_split_tiled_6_dyn", _mk(f_weight_heads_split_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "torch.split(w.repeat(1, 4), [6, N, 3N - 6], 1)[1]: H2 through split_with_sizes"),
    ("weight_heads_strided_tiled_6_dyn", _mk(f_weight_heads_strided_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 4).as_strided((l, N), (4N, 1), 6): H2 through a storage offset"),
    ("weight_heads_arange_tiled_6_dyn", _mk(f_weight_heads_arange_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 4).index_select(1, arange(6, 6 + N)): H2 through an arange from a constant"),
    ("weight_heads_unfold_tiled_6_dyn", _mk(f_weight_heads_unfold_tiled_6, _dims_grow(N=4), ("dynamic",)),
     "w.repeat(1, 4).unfold(1, N, 1)[:, 6]: window 6 of a tiling (a select by a constant, no slice)"),
    ("kv_dim_strided_tiled_272_dyn", _mk(f_kv_dim_strided_tiled_272, _dims_grow(D=32), ("dynamic",)),
     "kv.repeat(.., 18).as_strided(kv's shape, tiled strides, 272): the head dim shifted by a storage offset"),
    ("kept_dim_strided_tiled_272_dyn", _mk(_kept_rolled(lambda c, s: c[s].repeat(1, 1, 18).as_strided(
        (s.shape[0], c.shape[1], c.shape[2]), (c.shape[1] * 18 * c.shape[2], 18 * c.shape[2], 1), 272)),
        _dims_grow(D=32), ("dynamic",)),
     "kept rows through a storage offset of 272 into a tiling of their head dim"),
    ("kv_heads_tiled_slice_6_dyn", _mk(f_kv_heads_tiled_slice_6, _dims_grow(N=4), ("dynamic",)),
     "kv.repeat(1, 1, 4, 1)[:, :, 6:6 + N]: the KV's heads shifted by 6 mod N (identity at N = 2, 3)"),
    ("tokens_dim_tiled_slice_272_dyn", _mk(f_tokens_dim_tiled_slice_272, _dims_grow(D=32), ("dynamic",)),
     "tokens.repeat(.., 18)[..., 272:272 + D] after the gather"),
    ("kept_dim_rolled_272_dyn", _mk(k_kept_dim_rolled_272, _dims_grow(D=32), ("dynamic",)),
     "kept rows cache[s].roll(272, -1): the keep path's views include roll"),
    ("cache_dim_rolled_272_dyn", _mk(k_cache_dim_rolled_272, _dims_grow(D=32), ("dynamic",)),
     "kept rows cache.roll(272, -1)[s]"),
    ("kept_heads_rolled_6_dyn", _mk(k_kept_heads_rolled_6, _dims_grow(N=4), ("dynamic",)),
     "kept rows cache[s].roll(6, heads)"),
    ("kept_heads_tiled_slice_6_dyn", _mk(_kept_rolled(lambda c, s: c[s].repeat(1, 4, 1)[:, 6:6 + c.shape[1]]),
                                         _dims_grow(N=4), ("dynamic",)),
     "kept rows cache[s].repeat(1, 4, 1)[:, 6:6 + N]: heads shifted by 6 mod N"),
    ("kept_dim_tiled_slice_272_dyn", _mk(k_kept_dim_tiled_slice_272, _dims_grow(D=32), ("dynamic",)),
     "kept rows through a slice of a tiling (a roll by 272 without roll)"),
    ("table_pages_tiled_slice_dyn", _mk(g_table_pages_tiled_slice_20, _pages_grow, ("dynamic",)),
     "table.repeat(1, 6)[:, 20:20 + pages]: the identity at 4 and 5 pages, not at 8"),
    ("kv_blocks_tiled_slice_dyn", _mk(g_kv_blocks_tiled_slice, _blocks_grow, ("dynamic",)),
     "kv.repeat(38, ...)[1260:1260 + blocks]: the identity at 35 and 36 blocks, not at 40"),
    ("kv_page_tiled_slice_dyn", _mk(g_kv_page_tiled_slice, _page_size_grow, ("dynamic",)),
     "kv.repeat(1, 66, ...)[:, 4160:4160 + P]: the identity at P = 64 and 65, not at 128"),
    ("kv_blocks_tiled_slice_static", _mk(g_kv_blocks_tiled_slice_static, lambda: [build()]),
     "static: kv.repeat(49, ...)[320:483] (163 blocks): the identity on the gather probes' smaller KVs only"),
    ("cache_rows_tiled_slice_static", _mk(k_cache_rows_tiled_slice_static, lambda: [build()]),
     "static: kept rows from cache.repeat(3, ...)[88:88 + 85][s]: the identity on an 88-row probe cache only"),
    ("kept_batch_tiled_slice", _mk(k_kept_batch_tiled_slice, lambda: [build(B=8), build(B=10, seed=4),
                                                                      build(B=7, seed=5)], ("batch", "dynamic")),
     "kept rows cache[s].repeat(50, ...)[288:288 + B]: the identity at B = 8, 9, 16, 32 (288 = lcm), not 10 or 7"),
    ("kv_tail_blocks_flipped", _mk(g_kv_tail_blocks_flipped, lambda: [build()]),
     "static: cat([kv[:64], kv[64:].flip(0)]): the identity on KVs of at most 64 blocks (the gather probes'), "
     "not on the real 163"),
    ("cache_tail_rows_flipped", _mk(k_cache_tail_rows_flipped, lambda: [_big_cache()]),
     "static: kept rows from cat([cache[:100], cache[100:].flip(0)])[s], 200 rows (the keep probe's cache: 88)"),
    ("kept_slots_tail_flipped", _mk(k_kept_slots_tail_flipped, lambda: [build()]),
     "static: kept rows at cat([s[:32], s[32:].flip(0)]) (the pooling probes cut the batch to 32 rows)"),
    ("new_dim_rolled_272", _mk(f_new_dim_rolled_272, lambda: [build()]), "static: the identity (equal expected)"),
    ("window_rolled_by_pages_dyn", _mk(f_tokens_window_rolled_by_pages,
                                       lambda: [build(B=8, specials=False), build(B=8, pages=5, seed=2,
                                                                                  specials=False)], ("dynamic",)),
     "tokens.roll(pages * 32, window): the identity at every size (equal or refused)"),
    ("page_size_hardcoded_64_dyn", _mk(g_page_size_hardcoded_64, _page_grow, ("dynamic",)),
     "pos // 64 and pos % 64 hard-coded, the KV's page size symbolic: called with P = 128"),
]

ATTACKS += [
    ("lens_stride0", _mk(s_contract_with_bases, lambda: [_expanded("lens")()]),
     "lengths = one value expanded over the batch (stride 0)"),
    ("table_stride0", _mk(s_contract_with_bases, lambda: [_expanded("table")()]),
     "block table = one row expanded over the batch (stride 0; rows share pages)"),
    ("weight_stride0", _mk(s_contract_with_bases, lambda: [_expanded("weight")()]),
     "weight = one row expanded over the window (stride 0)"),
    ("kv_stride0", _mk(s_contract_with_bases, lambda: [_expanded("kv")()]),
     "paged KV = one block expanded (stride 0 along the blocks)"),
    ("kv_heads_stride0", _mk(s_contract_with_bases, lambda: [_expanded("kv_heads")()]),
     "paged KV with its heads expanded from one (stride 0 along the heads)"),
    ("cache_smaller_than_batch_dyn", _mk(contract, lambda: [build(B=8, num_slots=64), _cache_smaller_than_batch()],
                                         ("dynamic",)),
     "40 rows into a 12-row cache (padding rows share slots 10 and -1), compiled at 8 rows / 64 slots"),
    ("cache_smaller_than_batch", _mk(contract, lambda: [_cache_smaller_than_batch()]),
     "40 rows into a 12-row cache, static"),
]

ATTACKS += [
    ("redirect_scratch_S", _mk(s_redirect(), lambda: [build(), _padding_minus_one(seed=1)]),
     "scratch-row redirect into row S of cat([cache, zeros(8)])"),
    ("redirect_scratch_S_dyn", _mk(s_redirect(scratch_of=lambda S: S + 7), lambda: [build(B=8), build(seed=1)],
                                   ("dynamic",)),
     "redirect into row S + 7 of 8 extra rows, dynamic"),
    ("redirect_int32_where_cache_rows", _mk(s_redirect_int32_where, lambda: [build(), _padding_minus_one(seed=2)]),
     "redirect with an int32 index and the extra rows copied from the cache itself"),
    ("masked_whole_cache_scatter", _mk(s_masked_whole_cache_scatter, lambda: [build(), build(seed=3)]),
     "whole-cache select by a 1-D scatter mask, negated, operands swapped"),
    ("masked_whole_cache_zeros_cand", _mk(s_masked_whole_cache_new_rows_only,
                                          lambda: [build(), _padding_minus_one(seed=4)]),
     "whole-cache select, candidate written into zeros_like(cache) with index_put"),
    ("masked_whole_cache_inverted", _mk(s_masked_whole_cache_inverted_mask,
                                        lambda: [build(), build(seed=5)]),
     "whole-cache select by a mask of the rows that do NOT complete (padding rows -1 mark row S - 1)"),
    ("compaction_bool", _mk(s_compaction_bool, lambda: [build(), _padding_minus_one(seed=6)]),
     "cache[slots[m]] = new[m] (captured with capture_dynamic_output_shape_ops)"),
    ("compaction_nonzero", _mk(s_compaction_nonzero, lambda: [build(), _padding_minus_one(seed=7)]),
     "cache[slots[idx]] = new[idx], idx = m.nonzero().squeeze(1)"),
]

ATTACKS += [
    ("ge_refused_step_then_append", _mk(s_refused_then_append, lambda: [build(specials=False)]),
     "a refused (blended) step and the KV append, both written as npu_scatter_nd_update in torchair"),
    ("ge_append_mixed_index_dtypes", _mk(s_append_mixed_index_dtypes, lambda: [build(specials=False)]),
     "fused step, then an append with int32 pages and int64 offsets, a broadcast value"),
    ("ge_negative_slots_refused", _mk(s_kept_negative_slots_write, lambda: [build(specials=False)]),
     "a refused step writing at slots - S (negative): the GE scatter wraps them"),
    ("embedding_max_norm", _mk(g_embedding_max_norm, lambda: [build(specials=False)]),
     "tokens by F.embedding(..., max_norm=4): renormalizes the KV rows in place before the gather"),
    ("embedding_padding_idx", _mk(g_embedding_padding_idx, lambda: [build()]),
     "tokens by F.embedding(..., padding_idx=0): no effect forward (equal expected)"),
    ("kept_from_same_tensor_twice", _mk(s_kept_from_second_arg, lambda: [_cache_twice()]),
     "the cache passed twice (the same tensor); kept rows read through the second argument"),
    ("lens_is_slots", _mk(s_lens_is_slots, lambda: [_lens_as_slots()]),
     "the lengths tensor is also the slot mapping (aliasing inputs)"),
]

ATTACKS += [
    ("pages_zeroed_unless_valid_fp32", _mk(g_pages_zeroed_unless_valid, lambda: [_garbage_unread_pages()]),
     "fp32 (torchair lowers to scatter_writeback): rows that do not complete read block 0; their own page ids "
     "are 2^30 (valid: not read)"),
    ("table_zeroed_unless_valid_p32", _mk(g_table_zeroed_unless_valid,
                                          lambda: [_garbage_unread_pages(torch.float16, P=32)]),
     "fp16 with 32-token pages (scatter_writeback): the table of rows that do not complete zeroed"),
    ("pages_zeroed_unless_valid_noncontig_cache", _mk(lambda kv, w, slots, table, lens, cache, base:
                                                      g_pages_zeroed_unless_valid(kv, w, slots, table, lens, cache),
                                                      lambda: [_garbage_unread_pages_noncontig_cache()]),
     "fp16, vendor shapes, a transposed cache (scatter_writeback in torchair), page ids 2^30 in unread windows"),
    ("pages_zeroed_unless_valid_fp16", _mk(g_pages_zeroed_unless_valid,
                                           lambda: [_garbage_unread_pages(torch.float16)]),
     "the same in fp16 at vendor shapes (the op reads only completing rows)"),
    ("bf16_cache_fp16_kv", _mk(contract, lambda: [_bf16_cache_fp16_kv()]),
     "a bf16 compressed cache beside fp16 KV (the new rows rounded to bf16)"),
    ("debug_snap_then_kv_appended", _mk(s_snap_then_kv_appended, lambda: [_kv_append_safe()]),
     "H1 with debug checks on (the check copies the lengths; the moved call still reads the appended KV)"),
    ("debug_snap_then_lens_advanced", _mk(s_snap_then_lens_advanced, lambda: [_snap_inputs(build())]),
     "H1 on the lengths with debug checks on"),
    ("debug_padding_minus_one", _mk(contract, lambda: [_padding_minus_one(seed=9)]),
     "debug checks on, valid padding slots -1"),
    ("debug_cache_smaller_than_batch_dyn", _mk(contract, lambda: [build(B=8, num_slots=64),
                                                                  _cache_smaller_than_batch()], ("dynamic",)),
     "debug checks on, 40 rows into 12 cache rows (valid padding)"),
    ("debug_garbage_unread_pages", _mk(g_pages_zeroed_unless_valid,
                                       lambda: [_garbage_unread_pages(torch.float16)]),
     "debug checks on, page ids 2^30 in windows that are not read"),
    ("debug_lens_stride0", _mk(s_contract_with_bases, lambda: [_expanded("lens")()]),
     "debug checks on, lengths expanded (stride 0)"),
]

# --- 13. vLLM's registration point: the pass as Inductor's post_grad_custom_POST_pass (after Inductor's own
# reinplacing), with the KV append a custom op that mutates the KV in place (vLLM's reshape_and_cache) -------------
@torch.library.custom_op("rt5::append_kv_", mutates_args=("kv",))
def append_kv_(kv: torch.Tensor, page: torch.Tensor, off: torch.Tensor, tok: torch.Tensor) -> None:
    kv[page, off] = tok


def _append_tokens(kv, table, lens, value):
    P = kv.shape[1]
    pos = lens.long().clamp(max=table.shape[1] * P - 1)
    page = table.long().gather(1, (pos // P)[:, None])[:, 0]
    append_kv_(kv, page, pos % P, torch.full_like(kv[0, 0], value).expand(lens.shape[0], -1, -1).contiguous())


def s_custom_append_between(kv, w, slots, table, lens, cache):
    """Pool (reads the KV), append this step's token with the custom op (in place), then write the rows."""
    new = _new(kv, w, table, lens).to(cache.dtype)
    _append_tokens(kv, table, lens, 7.0)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])
    return cache


def s_custom_append_after(kv, w, slots, table, lens, cache):
    cache = contract(kv, w, slots, table, lens, cache)
    _append_tokens(kv, table, lens, 7.0)
    return cache


def s_custom_append_before(kv, w, slots, table, lens, cache):
    _append_tokens(kv, table, (lens - 1).clamp(min=0), 7.0)
    return contract(kv, w, slots, table, lens, cache)


def _post_pass_backend(make_pass=None):
    """InductorGraphBackend with the pass as post_grad_custom_post_pass (vllm_pass()'s place) instead of the
    harness's passes (``with_fusion_passes``); ``make_pass``: the pass to install (default ``NsaFusionPass("inductor")``)."""
    import tests.fusion_harness as H

    class PostPassGraphBackend(H.InductorGraphBackend):
        def __call__(self, gm, example_inputs):
            from nsa_fusion.fusion_pass import NsaFusionPass
            fusion = make_pass() if make_pass else NsaFusionPass("inductor")
            saved = H.with_fusion_passes
            H.with_fusion_passes = lambda: torch._inductor.config.patch(post_grad_custom_post_pass=fusion)
            try:
                return super().__call__(gm, example_inputs)
            finally:
                H.with_fusion_passes = saved
    return PostPassGraphBackend


ATTACKS += [
    ("custom_append_between", _mk(s_custom_append_between, lambda: [build(specials=False)]),
     "post pass: pooled rows computed, then the KV append by a mutating custom op, then the row write"),
    ("custom_append_after", _mk(s_custom_append_after, lambda: [build(specials=False)]),
     "post pass: the step, then the custom-op append"),
    ("custom_append_before", _mk(s_custom_append_before, lambda: [build(specials=False)]),
     "post pass: the custom-op append of the last token, then the step (vLLM's order)"),
    ("post_pass_contract", _mk(contract, lambda: [build()]), "post pass: the contract spelling"),
    ("post_pass_snap_then_kv_appended", _mk(s_snap_then_kv_appended, lambda: [_kv_append_safe()]),
     "post pass: H1's snapshot and index_put append"),
    ("post_pass_snap_of_flat_view", _mk(s_snap_of_flat_view,
                                        lambda: [_view_snap_inputs(lambda c: torch.zeros(
                                            c.shape[0], c.shape[1] * c.shape[2], dtype=c.dtype))()]),
     "post pass: H4's snapshot through a view"),
]

ATTACKS += [
    ("two_caches_one_buffer", _mk(s_two_caches_one_buffer, lambda: [_two_caches_one_buffer()]),
     "K and V compressed caches are buf[0] and buf[1] of one stacked buffer, passed separately (synthetic base)"),
    ("scatter_2d", _mk(s_scatter_2d, lambda: [build()]), "cache.view(S, N * D).scatter_(0, slots expanded, rows)"),
    ("scatter_2d_first_head", _mk(s_scatter_2d_first_head, lambda: [build()]),
     "a 2-D scatter_ whose index covers only the first head's D columns"),
]

DEBUG_CHECKS = {name for name, _, _ in ATTACKS if name.startswith("debug_")}
CAPTURE_NONZERO = {"compaction_bool", "compaction_nonzero"}


def _define_ge_stand_ins():
    from nsa_fusion.testing.torchair_cpu import define_npu_write_stand_ins
    define_npu_write_stand_ins()


@contextlib.contextmanager
def _settings(name):
    from nsa_fusion import debug_checks
    old = debug_checks.set_debug_checks(True) if name in DEBUG_CHECKS else None
    try:
        with torch._dynamo.config.patch(capture_dynamic_output_shape_ops=name in CAPTURE_NONZERO,
                                        capture_scalar_outputs=name in CAPTURE_NONZERO):
            yield
    finally:
        if name in DEBUG_CHECKS:
            debug_checks.set_debug_checks(old)


class _MutationsAsOutputsBackend:
    """vllm-ascend's compile shape: AOT with its default (input mutations returned as graph outputs, the runtime
    copies them back), no decompositions, the pass (which then writes the cache input itself where AOT's
    metadata says an output is its mutation: ``rewrite.reinplace_mutation_outputs``), eager execution."""

    def __call__(self, gm, example_inputs):
        from torch._functorch.aot_autograd import aot_module_simplified
        from nsa_fusion.fusion_pass import NsaFusionPass
        from nsa_fusion.rewrite import TORCHAIR

        def fw(g, _inputs):
            NsaFusionPass(TORCHAIR, reinplace=True)(g.graph)
            g.recompile()
            return g

        return aot_module_simplified(gm, example_inputs, fw_compiler=fw, decompositions={},
                                     keep_inference_input_mutations=False)


def _relabel(name, factory, dialect, result):
    """redteam2 labels every refused run that differs from eager "REFUSED (control differs)" without running the
    control; run it: where plain torch.compile is right, the pass changed a graph it did not fuse."""
    m, r, detail = result
    if r != "REFUSED (control differs)":
        return result
    from tests.test_soundness import differences
    step, inputs, _ = redteam2.materialise(name, factory)
    want = []
    for a in inputs:
        args = redteam2._clone_args(a)
        want.append(redteam2._leave(step(*args), args))
    ctl, _, cerr, _ = redteam2.run_compiled(step, inputs, dialect, m, False)
    if cerr is None and not differences(ctl, want):
        return m, "REFUSED, PASS CHANGES NUMBERS", detail
    return result


def classify5(name, factory, dialect, mode=None):
    """redteam4's classification; ``aot_outputs``: the torchair_like runner with ``_MutationsAsOutputsBackend``."""
    if dialect in ("torchair_like", "aot_outputs"):
        _define_ge_stand_ins()
    with _settings(name):
        if dialect == "inductor_post":
            import tests.fusion_harness as H
            saved = H.InductorGraphBackend
            H.InductorGraphBackend = _post_pass_backend()
            try:
                return [_relabel(name, factory, "inductor_graph", r)
                        for r in classify_any(name, factory, "inductor_graph", mode)]
            finally:
                H.InductorGraphBackend = saved
        if dialect != "aot_outputs":
            return [_relabel(name, factory, dialect, r) for r in classify_any(name, factory, dialect, mode)]
        import tests.fusion_harness as H
        saved = H.TorchairLikeBackend
        H.TorchairLikeBackend = _MutationsAsOutputsBackend
        try:
            return [(m, r, d) for m, r, d in classify_any(name, factory, "torchair_like", mode)]
        finally:
            H.TorchairLikeBackend = saved


# First-try results: (attack, dialect, mode) -> result (filled in below).
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _RCD, _RPD = "CONTROL DIFFERS", "REFUSED (control differs)", "REFUSED, PASS CHANGES NUMBERS"
FIRST_TRY = {}


def _ft(name, mode, ig=None, ta=None, ind=None, post=None, aot=None):
    for d, r in (("inductor_graph", ig), ("torchair_like", ta), ("inductor", ind), ("inductor_post", post),
                 ("aot_outputs", aot)):
        if r is not None:
            FIRST_TRY[(name, d, mode)] = r


for _name, _mode, _ig, _ta, _in in [
    # 1. H1: the fused call moved past other inputs' epilogue copies (19:10-19:14; IN confirmed 19:15)
    ("snap_then_lens_advanced", "static", _CR, _CR, _CR),
    ("snap_then_kv_scaled", "static", _FF, _FF, None),
    ("snap_then_weight_scaled", "static", _FF, _FF, _FF),
    ("snap_then_table_shifted", "static", _FF, _FF, None),
    ("snap_then_slots_shifted", "static", _FF, _FF, None),
    ("snap_then_kv_appended", "static", _FF, _FF, _FF),
    ("snap_then_lens_advanced_dyn", "dynamic", _CR, _CR, _CR),
    ("snap_then_kv_appended_batch", "batch", _FF, _FF, None),
    ("snap_then_kv_appended_batch", "dynamic", _FF, _FF, None),
    ("debug_snap_then_kv_appended", "static", _FF, _FF, None),
    ("debug_snap_then_lens_advanced", "static", _EQ, _CR, None),
    # 2. weight dtypes and layouts
    ("weight_int16_as_float", "static", _R, _R, None),
    ("weight_int32_as_float", "static", _R, _R, None),
    ("weight_fp16_bf16_kv", "static", _R, _R, None),
    ("weight_fp64_as_float", "static", _R, _R, None),
    ("weight_fp64_via_input_dtype", "static", _R, _R, None),
    ("weight_fp16_bf16_kv_via_input_dtype", "static", _R, _R, None),
    ("weight_transposed_square", "static", _EQ, _EQ, None),
    ("weight_scrambled_square", "static", _EQ, _EQ, None),
    ("weight_scrambled", "static", _EQ, _EQ, None),
    # 3. H2: views whose mapping depends on a symbolic size modulo a constant (19:15-19:33; IN confirmed 19:20)
    ("new_dim_rolled_272_dyn", "dynamic", _R, _R, None),
    ("tokens_dim_rolled_272_dyn", "dynamic", _R, _R, None),
    ("kv_dim_rolled_272_dyn", "dynamic", _R, _FF, None),
    ("tokens_heads_rolled_6_dyn", "dynamic", _R, _R, None),
    ("weight_heads_rolled_6_dyn", "dynamic", _R, _FF, None),
    ("new_dim_rolled_272", "static", _EQ, _R, None),
    ("window_rolled_by_pages_dyn", "dynamic", _EQ, _R, None),
    ("page_size_hardcoded_64_dyn", "dynamic", _EQ, _EQ, None),
    ("weight_heads_tiled_slice_6_dyn", "dynamic", _FF, _FF, _FF),
    ("kv_dim_tiled_slice_272_dyn", "dynamic", _FF, _FF, None),
    ("tokens_dim_tiled_slice_272_dyn", "dynamic", _R, _R, None),
    ("kept_dim_rolled_272_dyn", "dynamic", _R, _FF, None),
    ("cache_dim_rolled_272_dyn", "dynamic", _R, _FF, None),
    ("kept_heads_rolled_6_dyn", "dynamic", _R, _FF, None),
    ("kept_dim_tiled_slice_272_dyn", "dynamic", _FF, _FF, _FF),
    ("table_pages_tiled_slice_dyn", "dynamic", _R, _R, None),
    ("kv_blocks_tiled_slice_dyn", "dynamic", _FF, _FF, None),
    ("kv_page_tiled_slice_dyn", "dynamic", _EQ, _EQ, None),
    ("kv_blocks_tiled_slice_static", "static", _R, _R, None),
    ("cache_rows_tiled_slice_static", "static", _R, _R, None),
    ("kept_batch_tiled_slice", "batch", _EQ, _EQ, None),
    ("kept_batch_tiled_slice", "dynamic", _FF, _FF, None),
    # 4. stride-0 inputs, a cache smaller than the batch, debug checks on valid edge inputs
    ("lens_stride0", "static", _EQ, _EQ, None),
    ("table_stride0", "static", _EQ, _EQ, None),
    ("weight_stride0", "static", _EQ, _EQ, None),
    ("kv_stride0", "static", _EQ, _EQ, None),
    ("kv_heads_stride0", "static", _EQ, _EQ, None),
    ("cache_smaller_than_batch_dyn", "dynamic", _EQ, _EQ, None),
    ("cache_smaller_than_batch", "static", _R, _R, None),
    ("debug_padding_minus_one", "static", _EQ, _EQ, None),
    ("debug_cache_smaller_than_batch_dyn", "dynamic", _EQ, _EQ, None),
    ("debug_garbage_unread_pages", "static", _EQ, _EQ, None),
    ("debug_lens_stride0", "static", _EQ, _EQ, None),
    # 5. the rewritten spellings (normalize_row_writes)
    ("redirect_scratch_S", "static", _EQ, _EQ, None),
    ("redirect_scratch_S_dyn", "dynamic", _R, _R, None),
    ("redirect_int32_where_cache_rows", "static", _EQ, _EQ, None),
    ("masked_whole_cache_scatter", "static", _EQ, _EQ, None),
    ("masked_whole_cache_zeros_cand", "static", _EQ, _EQ, None),
    ("masked_whole_cache_inverted", "static", _EQ, _EQ, None),
    ("compaction_bool", "static", _EQ, _EQ, None),
    ("compaction_nonzero", "static", _EQ, _EQ, None),
    # 6. GE writes, embedding, aliasing inputs, dtypes of the cache
    ("ge_refused_step_then_append", "static", _R, _R, None),
    ("ge_append_mixed_index_dtypes", "static", _EQ, _EQ, None),
    ("ge_negative_slots_refused", "static", _R, _R, None),
    ("embedding_max_norm", "static", _EQ, _EQ, None),
    ("embedding_padding_idx", "static", _EQ, _EQ, None),
    ("kept_from_same_tensor_twice", "static", _EQ, _EQ, None),
    ("lens_is_slots", "static", _R, _R, None),
    ("bf16_cache_fp16_kv", "static", _R, _R, None),
    # 7. H3: the capture-safe / GE lowerings gather the windows of rows that do not complete (19:24)
    ("pages_zeroed_unless_valid_fp32", "static", _EQ, _CR, None),
    ("table_zeroed_unless_valid_p32", "static", _EQ, _CR, None),
    ("pages_zeroed_unless_valid_noncontig_cache", "static", _EQ, _CR, None),
    ("pages_zeroed_unless_valid_fp16", "static", _EQ, _EQ, None),
    # 8. H4: readers of the cache input through a view, after the in-place write (19:29; IN confirmed 19:33)
    ("snap_of_flat_view", "static", _FF, _FF, _FF),
    ("snap_of_transpose", "static", _FF, _FF, None),
    ("snap_of_row_slice", "static", _FF, _FF, _FF),
    ("snap_of_unsqueeze", "static", _FF, _FF, None),
    ("snap_of_flat_view_dyn", "dynamic", _FF, _FF, _FF),
    ("snap_of_detach", "static", _EQ, _FF, None),
    ("snap_of_full_slice", "static", _EQ, _EQ, None),
    ("snap_of_bits", "static", _FF, _FF, None),
    ("snap_of_permute", "static", _FF, _FF, None),
    ("old_plus_zero_returned", "static", _EQ, _EQ, None),
    ("old_times_one_returned", "static", _EQ, _EQ, None),
    ("old_clone_returned", "static", _EQ, _EQ, None),
    ("old_flat_clone_returned", "static", _EQ, _EQ, None),
    # 9. H5: remove_noop_ops on torchair graphs (19:40): plain Inductor has the same bug (CONTROL DIFFERS there)
    ("cache_first_then_snap", "static", _CD, _FF, _CD),
    ("cache_first_then_snap_clone", "static", _CD, _FF, _CD),
    ("cache_first_then_snap_refused", "static", _RCD, _RPD, _RCD),
    ("kv_snapshot_then_append", "static", _RCD, _RPD, None),
    # 10. (19:50-19:55) constant slice bounds past the probes' sizes (static), more H2 heads, the post pass
    ("kv_tail_blocks_flipped", "static", _R, _R, None),
    ("cache_tail_rows_flipped", "static", _R, _R, None),
    ("kept_slots_tail_flipped", "static", _R, _R, None),
    ("kv_heads_tiled_slice_6_dyn", "dynamic", _FF, _FF, None),
    ("kept_heads_tiled_slice_6_dyn", "dynamic", _FF, _FF, None),
    # 11. (19:55-20:00) follow-ups a fix must close: H4 through multi-output views, H5 through other no-ops, H1
    # through an alias of the mutated input, H2 tilings without repeat
    ("snap_of_split", "static", _FF, _FF, None),
    ("snap_of_unbind", "static", _EQ, _EQ, None),
    ("snap_of_chunk", "static", _FF, _FF, None),
    ("snap_of_as_strided", "static", _FF, _FF, None),
    ("snap_of_view_chain", "static", _EQ, _EQ, None),
    ("snap_of_unfold", "static", _FF, _FF, None),
    ("cache_first_snap_cat", "static", _CD, _FF, None),
    ("cache_first_snap_repeat", "static", _CD, _FF, None),
    ("cache_first_snap_pow1", "static", _CD, _FF, None),
    ("cache_first_snap_slice", "static", _CD, _FF, None),
    ("snap_then_stacked_kv_appended", "static", _FF, _FF, None),
    ("snap_then_flat_kv_appended", "static", _FF, _FF, None),
    ("weight_heads_expand_tiled_6_dyn", "dynamic", _FF, _FF, None),
    ("weight_heads_cat_tiled_6_dyn", "dynamic", _FF, _FF, None),
    ("weight_heads_narrow_tiled_6_dyn", "dynamic", _FF, _FF, None),
    # 12. (20:00) two caches that are halves of one buffer, 2-D scatter_ writes
    ("two_caches_one_buffer", "static", _EQ, _EQ, None),
    ("scatter_2d", "static", _EQ, _EQ, None),
    ("scatter_2d_first_head", "static", _R, _R, None),
    ("new_heads_expand_tiled_6_dyn", "dynamic", _FF, _FF, None),
    ("tokens_heads_expand_tiled_6_dyn", "dynamic", _FF, _FF, None),
    ("weight_heads_split_tiled_6_dyn", "dynamic", _EQ, _EQ, None),
    ("weight_heads_strided_tiled_6_dyn", "dynamic", _FF, _FF, None),
    ("weight_heads_arange_tiled_6_dyn", "dynamic", _R, _R, None),
    ("weight_heads_unfold_tiled_6_dyn", "dynamic", _EQ, _EQ, None),
    ("kv_dim_strided_tiled_272_dyn", "dynamic", _FF, _FF, None),
    ("kept_dim_strided_tiled_272_dyn", "dynamic", _FF, _FF, None),
]:
    _ft(_name, _mode, _ig, _ta, _in)

for _name, _mode, _ig, _ta, _post in [
    ("custom_append_between", "static", _EQ, _EQ, _EQ),
    ("custom_append_after", "static", _EQ, _EQ, _EQ),
    ("custom_append_before", "static", _EQ, _EQ, _EQ),
    ("post_pass_contract", "static", _EQ, _EQ, _EQ),
    ("post_pass_snap_then_kv_appended", "static", _FF, _FF, _FF),
    ("post_pass_snap_of_flat_view", "static", _FF, _FF, _FF),
]:
    _ft(_name, _mode, _ig, _ta, post=_post)

# aot_outputs (vllm-ascend's compile shape), 19:40: equal wherever it was run
for _name, _mode in [("snap_then_lens_advanced", "static"), ("snap_then_kv_appended", "static"),
                     ("snap_then_lens_advanced_dyn", "dynamic"), ("snap_of_flat_view", "static"),
                     ("snap_of_row_slice", "static"), ("old_clone_returned", "static"),
                     ("snap_of_flat_view_dyn", "dynamic"), ("kept_from_same_tensor_twice", "static"),
                     ("debug_snap_then_kv_appended", "static"), ("debug_snap_then_lens_advanced", "static")]:
    _ft(_name, _mode, aot=_EQ)

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify5)
