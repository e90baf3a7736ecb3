"""Seventeenth adversarial review of the recogniser (round 17): WHOLE MODELS AND WHAT THE LAST THREE SESSIONS ADDED
(paged compressed slots ``cmp_table[b, i // Pc] * Pc + i % Pc``, keep_intermediate_caches_out_of_place and the
clone/copy-back neighbourhood of red team 16's F2, stacked K/V caches split per half, compaction by boolean masks,
module buffers bound per call, graph inputs that alias each other).

First try (21:46-22:36 UTC 2026-12-04, snapshot of 0a646da in /tmp/base17, PYTHONPATH=/tmp/base17, run from that
tree; TORCHINDUCTOR_FORCE_DISABLE_CACHES=1): 96 attacks in 8 themes, 519 runs.  inductor_graph 131 runs: 0 FALSE
FUSION (2 runner-labelled, N1: an order difference) / 0 CRASH / 94 equal / 28 refused / 2 CONTROL DIFFERS (N2) / 5
control crashes too; torchair_like 133: 0 (2 runner-labelled, N1) / 0 / 99 / 28 / 0 / 4; Inductor codegen
(nsa_fusion_backend, which also offers module buffers) 70: 0 / 0 / 61 / 5 / 4 CONTROL DIFFERS (N1, N2); real torchair
on CPU 29: 0 / 0 / 24 / 2 / 3 control crashes too (cp_nonzero* under torchair: BackendCompilerFailed without the pass
too); aot_outputs (vllm-ascend's mutations-as-outputs compile) 64: 0 (2 runner-labelled, N1) / 0 / 61 / 1;
vllm_post (the vLLM adapters' mutating call) 84: 0 (2, N1) / 0 / 73 / 6 / 2 CONTROL DIFFERS (N2) / 1 control crashes
too; bound_ig / bound_ta (buffers offered) 4 + 4 equal.  By attack: NO FALSE FUSION, NO CRASH attributable to the pass
(/work/briefs/redteam17_findings.md).  Worth knowing:

* N1 (not a finding): ly_layer1_reads_layer0_rows is labelled FALSE FUSION by the runner in inductor_graph,
  torchair_like, aot_outputs and vllm_post (CONTROL DIFFERS in Inductor codegen): layer 1's window holds layer 0's
  fresh compressed row, which is not dyadic, and its pooling is torch's ``.sum(1)``; 43 values one fp32 ulp apart.
  The sum order is torch's to choose (docs/soundness.md); the window-order-loop twin
  (ly_layer1_reads_layer0_rows_loop) is bit-exact, 2 steps fused, in every dialect but vllm_post (refused there).
* N2 (plain Inductor's bug, the pass changes nothing): ly_stacked_snapshot_between_halves, ``cache[0]`` stepped,
  ``snap = cache.clone()``, ``cache[1]`` stepped: plain Inductor 2.13 (no nsa_fusion imported,
  /work/briefs/redteam17_repro_n2.py) returns ``snap[1]`` with half 1's NEW rows; with the pass the same numbers
  (CONTROL DIFFERS in inductor_graph, Inductor codegen, vllm_post; torchair_like equal).  The pass could protect this
  reader as it protects readers of a cache input (rewrite.protect_old_cache_readers looks at the cache input's
  readers; here the write is into a select of it, read by a clone of the whole stack between the two writes).
* N3 (robustness): alias_slots_are_cache_bits_in_graph (the slot mapping read from the cache's own rows by an int32
  bit view in the step) raises inside patterns/write.py ``check_write`` (``broadcast_to((self.B, ..))``: "expanded
  size (16) must match (8)"); fusion_pass logs the traceback and refuses (eager's numbers).

Attack bugs fixed before the counted runs (their first runs do not count): the stacked and paged themes first
multiplied the weight by a sign (``w * 1.0``: refused as "the weight is computed", every such run), the two-step
attacks wrote the second step at flipped slots (refused on the slot path, so only one step fused) and later with
``kv * 2`` (refused as a paged input: not a [NB, P, N, D] input); both replaced by kv[0] / kv[1] of a stacked KV
(im2_*, ly_*).  bound_append_after_changed read past the block table (EAGER FAILS; clamped).  The alias_*_in_cache_bits
inputs are int32 bit views of the fp32 cache passed as separate arguments: AOTAutograd refuses input mutations on
views with different dtypes (control crashes too), so the in-graph forms were added.

Not found (equal or refused), by theme:
1. Intermediate caches / clones / copy-backs (keep_intermediate_caches_out_of_place, _old_value_read_elsewhere,
   _overwritten_by_other_values, reinplace_clones, protect_old_cache_readers): step into ``clone`` / ``cache + 0`` /
   ``empty_like + copy_`` / ``to(copy=True)`` / ``detach().clone()`` / ``where(isnan(c), c, c)`` / ``cat([c, c])``
   (and its second half) / a view of a clone; the clone copied back into the input after a snapshot, after an
   arithmetic read of the old cache, through ``view(-1)``, partly (``cache[:8]``); two steps (one into the clone, one
   into the input, either order, same slots) with a snapshot between; chains of clones; a clone returned before the
   step; im2_: two steps with different values (kv[0], kv[1]) into an intermediate with ``r = v * 2`` or ``v[slots]``
   read between, into the input with a snapshot between, copy-back between, a returned view, two clones of one
   intermediate, a clone then the input then the clone: all equal in inductor_graph, torchair_like, Inductor codegen,
   aot_outputs, vllm_post and real torchair where run.
1b. Layer stacks: layer 1's newest token read from layer 0's compressed row after (N1) or before layer 0's step,
   two layers into one cache at the same slots, layer 1 reading windows from layer 0's compressed cache viewed as
   pages (layer 0 fuses, layer 1 refused), a read of half 1 between two half steps (equal), the snapshot (N2).
1c. Compaction (rewrite._compacted): ``cache[slots[m]] = new[m]``, nonzero columns, a mask and its nonzero mixed,
   a snapshot before (equal, every mode), two equal masks (equal; inductor_graph control crashes too), the picked
   rows flipped or duplicated (refused: "the write stores only the rows ...").
2. Stacked K/V caches (split_stacked_writes / _Pusher): per-half values flipped, index_select-swapped, rolled,
   transposed, narrowed from three, cumsum-ed, summed, gathered along dim 0, scaled by a per-half vector (refused:
   the pushed half is not the contract, or the weight is computed); values broadcast from one row, a stacked KV built
   in the step (``stack([kv, -kv])``, ``stack([kv, 2 kv]).flip(0)``), G = 3, a snapshot of one half before, a read
   of a half after, the stack a slice of a bigger input, two joint writes, clone + copy-back, fp16 (equal); rows of
   ``cmp.transpose(0, 1)`` (no candidate).
3. Paged compressed slots (exactness._paged_slot_table): control with padding pages (-1), ``t[arange(B), i // Pc]``,
   ``(page << 2) + i % 4``, ``(i + 1) % 4``, the offset taken from another entry of row b's table row, i unclamped
   with negative column indexing (own last page), ``flatten(0, 1)``, a cache of pages of 8 written at Pc = 4, two
   steps into one page, a read of the whole page after, fp16, a stacked [2, NBc, Pc, N, D] joint write (equal);
   ``i >> 2`` / ``i & 3``, ``i - (i // 4) * 4``, ``fmod``, ``t[:, 0]``, an int32 gather widened after, a page
   clamped at 0 with padding rows, a pool table built in the step (refused: "the slots are shifted ..."); mark_dynamic
   (refused by sizes, the gather-read table's rows a symbol of their own, as d82f0a2 says).
4. Aliasing graph inputs: slots and lengths one tensor (refused by roles), the weight a view of the KV's last page
   (equal); the block table / slots / lengths as int32 bit views of the cache (AOTAutograd refuses, control too); the
   block table / slots read from the cache's own rows in the step (refused; N3).
5. Module buffers (bound_inputs, offered by nsa_fusion_backend / bound_ig / bound_ta): slots ``(s + k) % S`` with a
   [1] buffer k changed between calls (equal even unbound: a rotation modulo S), one offsets buffer read by two
   layers and changed between calls, a second buffer placing a KV append after the step, the buffer attribute
   replaced by a new tensor then changed (all equal: the check falls back to the unfused graph).

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes six arguments ``(kv, w, slots, table, lens, cache)`` (``batch`` marks args 2, 3,
4 dynamic on dim 0); runner and classification are redteam7's ``classify7`` (``bound_*`` are redteam7 scenarios:
a module, its inputs, hooks run before each call; nsa_fusion's own backends offer the buffers).  Inputs that alias
each other use redteam3's ``_view_of`` (importing redteam3 teaches redteam2's runner to rebuild them).

    python tests/corpora/redteam17.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam17.py --table OUT.md [--dialect D ...] [name ...]
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
from tests.corpora.redteam7 import _sc, classify7  # noqa: E402

F32, F16 = torch.float32, torch.float16
S, SB, ALL = ("static",), ("static", "batch"), ("static", "batch", "dynamic")


def _entry(lens):
    return ((lens.long() - L) // STRIDE).clamp(min=0)


def _new(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


def _std(*, dtype=F32, B=40, seeds=(0, 3), **kw):
    return lambda: [build(B=B, dtype=dtype, seed=s, **kw) for s in seeds]


def _other_slots(slots, S_):
    return (S_ - 1 - slots.long()).flip(0)


# --- 1. intermediate caches, clones, copy-backs (keep_intermediate_caches_out_of_place, reinplace_clones) -------
def im_clone_step_snapshot_copyback(kv, w, slots, table, lens, cache):
    """v = cache.clone(); step into v; a snapshot of the (old) cache; cache.copy_(v)."""
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    snap = cache.clone()
    cache.copy_(v)
    return cache, snap


def im_clone_step_read_old_then_copyback(kv, w, slots, table, lens, cache):
    """As above, the old cache read through an arithmetic op (cache * 2) between the step and the copy-back."""
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    old2 = cache * 2
    cache.copy_(v)
    return cache, old2


def im_two_steps_then_copyback(kv, w, slots, table, lens, cache):
    """v = cache.clone(); A into v; B into cache (other slots, -w); snapshot after B; cache.copy_(v)."""
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    snap = cache.clone()
    cache.copy_(v)
    return cache, snap


def im_two_steps_then_copyback_b_first(kv, w, slots, table, lens, cache):
    """B into cache first, then v = cache.clone(), A into v, snapshot of cache, cache.copy_(v)."""
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    snap = cache * 1
    cache.copy_(v)
    return cache, snap


def im_plus_zero_step(kv, w, slots, table, lens, cache):
    """v = cache + 0.0 (not a clone); step into v; both returned."""
    v = cache + 0.0
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_empty_copy_step(kv, w, slots, table, lens, cache):
    """v = empty_like(cache); v.copy_(cache); step into v; cache returned too."""
    v = torch.empty_like(cache)
    v.copy_(cache)
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_to_copy_step(kv, w, slots, table, lens, cache):
    v = cache.to(cache.dtype, copy=True)
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_cat_step(kv, w, slots, table, lens, cache):
    """A cache computed by cat([cache, cache]) stepped at slots < S; cache and the cat returned."""
    c2 = torch.cat([cache, cache])
    write(c2, slots, completes(lens), _new(kv, w, table, lens))
    return cache, c2


def im_cat_step_second_half(kv, w, slots, table, lens, cache):
    """cat([cache, cache])[S:] (a view of an intermediate) stepped."""
    c2 = torch.cat([cache, cache])
    write(c2[cache.shape[0]:], slots, completes(lens), _new(kv, w, table, lens))
    return cache, c2


def im_chain_clones(kv, w, slots, table, lens, cache):
    """v1 = clone; A into v1; v2 = v1.clone(); B into v2 (other slots); all three returned."""
    v1 = cache.clone()
    write(v1, slots, completes(lens), _new(kv, w, table, lens))
    v2 = v1.clone()
    write(v2, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v1, v2


def im_step_then_clone_then_step_into_input(kv, w, slots, table, lens, cache):
    """A into cache; v = cache.clone() (holds A's rows); B into cache; v returned (must not hold B's rows)."""
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    v = cache.clone()
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_detach_step(kv, w, slots, table, lens, cache):
    """v = cache.detach().clone(); step; cache and v."""
    v = cache.detach().clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_where_copy_step(kv, w, slots, table, lens, cache):
    """v = where(isnan(cache), cache, cache) (a computed copy, NaN-preserving); step into v."""
    v = torch.where(torch.isnan(cache), cache, cache)
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_clone_returned_before_and_after(kv, w, slots, table, lens, cache):
    """v = cache.clone(); r = v.clone() (before the step); step into v; r, v returned, cache untouched."""
    v = cache.clone()
    r = v.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    return r, v


def im_clone_view_step(kv, w, slots, table, lens, cache):
    """v = cache.clone(); step into v.view(S, N * D).view(S, N, D); v and cache returned."""
    v = cache.clone()
    vv = v.view(v.shape[0], -1).view(v.shape)
    write(vv, slots, completes(lens), _new(kv, w, table, lens))
    return cache, v


def im_copyback_through_view(kv, w, slots, table, lens, cache):
    """v = cache.clone(); step into v; snapshot; cache.view(-1).copy_(v.view(-1))."""
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    snap = cache.clone()
    cache.view(-1).copy_(v.view(-1))
    return cache, snap


def im_partial_copyback(kv, w, slots, table, lens, cache):
    """v = cache.clone(); step into v; cache[:8].copy_(v[:8]) only; cache and v returned."""
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    cache[:8].copy_(v[:8])
    return cache, v


def im_intermediate_two_steps_read_between(kv, w, slots, table, lens, cache):
    """v = cache * 1; A into v; r = v * 2 (A's rows); B into v (kv * 2: other values, same slots); r, v returned."""
    v = cache * 1
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    r = v * 2
    write(v, slots, completes(lens), _new(kv * 2, w, table, lens))
    return r, v


def im_input_two_steps_snapshot_between(kv, w, slots, table, lens, cache):
    """A into cache; snap = cache.clone(); B into cache (kv * 2, same slots): snap holds A's rows."""
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    snap = cache.clone()
    write(cache, slots, completes(lens), _new(kv * 2, w, table, lens))
    return cache, snap


def im_clone_two_steps_copyback_between(kv, w, slots, table, lens, cache):
    """v = cache.clone(); A into v; cache.copy_(v); B into v (kv * 2): the caller's cache holds A's rows only."""
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv, w, table, lens))
    cache.copy_(v)
    write(v, slots, completes(lens), _new(kv * 2, w, table, lens))
    return v


def im_input_step_returned_alias_then_step(kv, w, slots, table, lens, cache):
    """A into cache; r = cache[:4] (a view, returned); B into cache (kv * 2): r is a view, sees B's rows too."""
    write(cache, slots, completes(lens), _new(kv, w, table, lens))
    r = cache[:4]
    write(cache, slots, completes(lens), _new(kv * 2, w, table, lens))
    return r, cache


def _two_kv(step):
    """``step`` with ``kv`` two layers' KV (kv[0] for step A, kv[1] for step B: other values, both paged inputs) and
    ``cache`` layer 0's compressed cache (inputs from :func:`_layers`; cache[1] untouched)."""
    def run(kv, w, slots, table, lens, cache):
        return step(kv, w, slots, table, lens, cache[0])
    return run


def im2_intermediate_read_between(kv, w, slots, table, lens, cache):
    v = cache * 1
    write(v, slots, completes(lens), _new(kv[0], w, table, lens))
    r = v * 2
    write(v, slots, completes(lens), _new(kv[1], w, table, lens))
    return r, v


def im2_input_snapshot_between(kv, w, slots, table, lens, cache):
    write(cache, slots, completes(lens), _new(kv[0], w, table, lens))
    snap = cache.clone()
    write(cache, slots, completes(lens), _new(kv[1], w, table, lens))
    return cache, snap


def im2_clone_copyback_between(kv, w, slots, table, lens, cache):
    v = cache.clone()
    write(v, slots, completes(lens), _new(kv[0], w, table, lens))
    cache.copy_(v)
    write(v, slots, completes(lens), _new(kv[1], w, table, lens))
    return v


def im2_input_view_returned_then_step(kv, w, slots, table, lens, cache):
    write(cache, slots, completes(lens), _new(kv[0], w, table, lens))
    r = cache[:4]
    write(cache, slots, completes(lens), _new(kv[1], w, table, lens))
    return r, cache


def im2_two_clones_of_intermediate(kv, w, slots, table, lens, cache):
    """v = cache * 1; a = v.clone(); b = v.clone(); A into a, B into b; a, b (not v) returned."""
    v = cache * 1
    a, b = v.clone(), v.clone()
    write(a, slots, completes(lens), _new(kv[0], w, table, lens))
    write(b, slots, completes(lens), _new(kv[1], w, table, lens))
    return a, b


def im2_clone_then_step_input_then_step_clone(kv, w, slots, table, lens, cache):
    """a = cache.clone(); B into cache; A into a; both returned (a must not see B's rows)."""
    a = cache.clone()
    write(cache, slots, completes(lens), _new(kv[1], w, table, lens))
    write(a, slots, completes(lens), _new(kv[0], w, table, lens))
    return a, cache


def im2_read_between_via_index(kv, w, slots, table, lens, cache):
    """v = cache * 1; A into v; g = v[slots] (A's rows, gathered); B into v; g returned."""
    v = cache * 1
    write(v, slots, completes(lens), _new(kv[0], w, table, lens))
    g = v[slots.long()]
    write(v, slots, completes(lens), _new(kv[1], w, table, lens))
    return g, v


# --- 1b. layer stacks: layer 1 reads what layer 0's fused step wrote --------------------------------------------
def _layers(batches=(40,), dtype=F32):
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, dtype=dtype, seed=k)
            kv, w, slots, table, lens, cache = a.args
            g = torch.Generator().manual_seed(k + 21)
            kv2 = kv.clone()
            keep = ~torch.isnan(kv2)
            kv2[keep] = (torch.randint(-32, 33, kv2.shape, generator=g) / 16.0).to(dtype)[keep]
            out.append([torch.stack([kv, kv2]), w, slots, table, lens, torch.stack([cache, cache.flip(0)])])
        return out
    return make


def ly_layer1_reads_layer0_rows(kv, w, slots, table, lens, cache):
    """Layer 0 compresses into cache[0]; layer 1's newest KV token is layer 0's compressed row at the slot (read
    after layer 0's step); layer 1 compresses its KV (which holds that token) into cache[1]."""
    P = kv.shape[2]
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    last = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (last // P)[:, None])[:, 0]
    kv[1, page, last % P] = cache[0][slots.long()]
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return kv, cache


def _loop_new(kv, w, table, lens):
    """The window sum written out in window order (acc = +0.0, acc + w[j] * x[j] for j = 0..l-1): the contract's
    order, so that inexact sums (layer 1 over layer 0's compressed rows) compare bit for bit."""
    tok = tokens(kv, table, positions(lens)).float()
    wf = w.float()
    acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3])
    for j in range(L):
        acc = acc + tok[:, j] * wf[j][None, :, None]
    return acc


def ly_layer1_reads_layer0_rows_loop(kv, w, slots, table, lens, cache):
    """ly_layer1_reads_layer0_rows with both sums written in window order (no order left to torch)."""
    P = kv.shape[2]
    write(cache[0], slots, completes(lens), _loop_new(kv[0], w, table, lens))
    last = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (last // P)[:, None])[:, 0]
    kv[1, page, last % P] = cache[0][slots.long()]
    write(cache[1], slots, completes(lens), _loop_new(kv[1], w, table, lens))
    return kv, cache


def ly_layer1_reads_layer0_before(kv, w, slots, table, lens, cache):
    """As above, the token taken from cache[0] before layer 0's step (the old row)."""
    P = kv.shape[2]
    old = cache[0][slots.long()]
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    last = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (last // P)[:, None])[:, 0]
    kv[1, page, last % P] = old
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return kv, cache


def ly_shared_cache_two_layers(kv, w, slots, table, lens, cache):
    """Both layers compress into one cache (cache[0]) at the same slots: layer 1's rows win; cache[1] untouched."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    write(cache[0], slots, completes(lens), _new(kv[1], w, table, lens))
    return cache


def ly_layer0_cache_is_layer1_kv(kv, w, slots, table, lens, cache):
    """Hierarchical: layer 1 reads its windows from layer 0's compressed cache viewed as pages of 5 rows (85 rows
    = 17 pages of 5; a [B, 52] table of page ids (t[b, 0] + i) % 17, in range); layer 0's step writes that cache
    first."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    S_, N, D = cache.shape[1:]
    pages = cache[0].view(S_ // 5, 5, N, D)
    pos = positions(lens)
    t2 = (table.long()[:, :1] + torch.arange(52)) % (S_ // 5)  # [B, 52]: capacity 260 >= 256
    tok = pages[t2.gather(1, pos // 5), pos % 5]
    write(cache[1], slots, completes(lens), pool(tok, w))
    return cache


def ly_stacked_snapshot_between_halves(kv, w, slots, table, lens, cache):
    """cache[0] stepped; snap = cache.clone(); cache[1] stepped: snap has half 1's old rows."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    snap = cache.clone()
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return cache, snap


def ly_stacked_read_half1_between(kv, w, slots, table, lens, cache):
    """cache[0] stepped; r = cache[1] * 2 (old half 1); cache[1] stepped."""
    write(cache[0], slots, completes(lens), _new(kv[0], w, table, lens))
    r = cache[1] * 2
    write(cache[1], slots, completes(lens), _new(kv[1], w, table, lens))
    return cache, r


# --- 1c. compaction by a boolean mask (rewrite._compacted) ----------------------------------------------------
def _compact(pick):
    def step(kv, w, slots, table, lens, cache):
        m = completes(lens)
        new = _new(kv, w, table, lens).to(cache.dtype)
        si, ni = pick(m)
        cache[slots.long()[si]] = new[ni]
        return cache
    return step


def _pick_mask(m):
    return m, m


def _pick_nonzero(m):
    i = m.nonzero()[:, 0]
    return i, i


def _pick_mixed(m):
    return m, m.nonzero().squeeze(1)


def _pick_two_masks(m):
    return m, m.clone()


def _pick_nonzero_as_tuple_flipped(m):
    i = m.nonzero(as_tuple=True)[0]
    return i.flip(0), i.flip(0)


def _pick_nonzero_dup_first(m):
    """The first picked row twice (a duplicate write of one row: the same value twice)."""
    i = m.nonzero()[:, 0]
    i = torch.cat([i[:1], i])
    return i, i


def _compact_then_snapshot_read(kv, w, slots, table, lens, cache):
    snap = cache.clone()
    _compact(_pick_mask)(kv, w, slots, table, lens, cache)
    return cache, snap * 2


# --- 2. stacked K/V caches ([G, S, N, D], cmp[:, slots] = ...): split_stacked_writes / _Pusher ------------------
def _stacked(batches, G=2, dtype=F32):
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, dtype=dtype, seed=k)
            kv, w, slots, table, lens, cache = a.args
            g = torch.Generator().manual_seed(k + 7)
            cs = [cache] + [(torch.randint(-32, 33, cache.shape, generator=g) / 16.0).to(dtype) for _ in range(G - 1)]
            out.append([kv, w, slots, table, lens, torch.stack(cs)])
        return out
    return make


def _joint(new_of, ok_of=None):
    def step(kv, w, slots, table, lens, cmp):
        new = new_of(kv, w, table, lens, cmp.shape[0]).to(cmp.dtype)
        s = slots.long()
        ok = completes(lens)[None, :, None, None] if ok_of is None else ok_of(lens)
        cmp[:, s] = torch.where(ok, new, cmp[:, s])
        return cmp
    return step


def _halves(kv, w, table, lens, G):
    return torch.stack([_new(kv, w if h % 2 == 0 else -w, table, lens) for h in range(G)])


def _halves_flip(kv, w, table, lens, G):
    return _halves(kv, w, table, lens, G).flip(0)


def _halves_index_select_swap(kv, w, table, lens, G):
    return _halves(kv, w, table, lens, G).index_select(0, torch.arange(G - 1, -1, -1))


def _halves_roll(kv, w, table, lens, G):
    return _halves(kv, w, table, lens, G).roll(1, 0)


def _halves_transposed(kv, w, table, lens, G):
    return torch.stack([_new(kv, w if h % 2 == 0 else -w, table, lens) for h in range(G)], 1).transpose(0, 1)


def _halves_broadcast_one(kv, w, table, lens, G):
    return _new(kv, w, table, lens)[None]


def _halves_sign_vector(kv, w, table, lens, G):
    one = _new(kv, w, table, lens)[None].expand(G, -1, -1, -1)
    return one * torch.tensor([1.0, -1.0, 2.0, 0.5][:G])[:, None, None, None]


def _halves_narrow_of_three(kv, w, table, lens, G):
    three = torch.stack([_new(kv, x, table, lens) for x in (w, -w, w)])
    return three[1:1 + G]


def _halves_cumsum0(kv, w, table, lens, G):
    return _halves(kv, w, table, lens, G).cumsum(0)


def _halves_sum_keep(kv, w, table, lens, G):
    return _halves(kv, w, table, lens, G).sum(0, keepdim=True).expand(G, -1, -1, -1)


def _halves_gather_dim0(kv, w, table, lens, G):
    h = _halves(kv, w, table, lens, G)
    idx = torch.zeros_like(h, dtype=torch.long)  # every half takes half 0
    return h.gather(0, idx)


def _halves_kv_stacked_read(kv, w, table, lens, G):
    """One gather from a 'stacked' KV made in the step: stack([kv, -kv])[:, pages, offs]."""
    pos = positions(lens)
    P = kv.shape[1]
    kk = torch.stack([kv, -kv] + [kv] * (G - 2))
    tok = kk[:, table.long().gather(1, pos // P), pos % P]
    return (tok.float() * w.float()[None, None, :, :, None]).sum(2)


def _halves_kv_stacked_flipped(kv, w, table, lens, G):
    pos = positions(lens)
    P = kv.shape[1]
    kk = torch.stack([kv, kv * 2] + [kv] * (G - 2)).flip(0)
    tok = kk[:, table.long().gather(1, pos // P), pos % P]
    return (tok.float() * w.float()[None, None, :, :, None]).sum(2)


def _ok_per_half_swapped(lens):
    """Half 0 writes where the window completes, half 1 where it does not (then new is written on kept rows)."""
    c = completes(lens)
    return torch.stack([c, c])[:, :, None, None]


def _stacked_snapshot(kv, w, slots, table, lens, cmp):
    snap = cmp[1].clone()
    _joint(_halves)(kv, w, slots, table, lens, cmp)
    return cmp, snap


def _stacked_read_half_after(kv, w, slots, table, lens, cmp):
    _joint(_halves)(kv, w, slots, table, lens, cmp)
    return cmp, cmp[0] * 2


def _stacked_slice_of_bigger(kv, w, slots, table, lens, cmp):
    """The stacked cache is cmp[1:3] of a [3, S, N, D] input."""
    _joint(_halves)(kv, w, slots, table, lens, cmp[1:3])
    return cmp


def _stacked_two_writes_same_stack(kv, w, slots, table, lens, cmp):
    """Two joint writes into one stack (the second at other slots with -w)."""
    _joint(_halves)(kv, w, slots, table, lens, cmp)
    _joint(_halves)(kv, w, _other_slots(slots, cmp.shape[1]), table, lens, cmp)
    return cmp


def _stacked_clone_step_copyback(kv, w, slots, table, lens, cmp):
    v = cmp.clone()
    _joint(_halves)(kv, w, slots, table, lens, v)
    snap = cmp[0].clone()
    cmp.copy_(v)
    return cmp, snap


def _stacked_half_aliasing_other_half(kv, w, slots, table, lens, cmp):
    """cmp.transpose(0, 1) written as [S, G, N, D] rows (cache[s] over both halves): rows of a stacked cache."""
    c = cmp.transpose(0, 1)
    new = _halves(kv, w, table, lens, cmp.shape[0]).transpose(0, 1).to(cmp.dtype)
    s = slots.long()
    c[s] = torch.where(completes(lens)[:, None, None, None], new, c[s])
    return cmp


# --- 3. paged compressed caches: slot = cmp_table[b, i // Pc] * Pc + i % Pc (d82f0a2) ----------------------------
PC = 4


def _paged_cmp(batches, Pc_cache=PC, dtype=F32, pad_rows=0, extra_pages=2):
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, dtype=dtype, seed=k)
            kv, w, slots, table, lens, cache = a.args
            g = torch.Generator().manual_seed(k + 11)
            NBc = B * 4 + extra_pages
            cmp_table = torch.randperm(NBc, generator=g)[: B * 4].view(B, 4).to(torch.int32)
            if pad_rows:
                cmp_table[-pad_rows:] = -1
                lens[-pad_rows:] = L - 1
            c = (torch.randint(-32, 33, (NBc, Pc_cache, *cache.shape[1:]), generator=g) / 16.0).to(dtype)
            out.append([kv, w, cmp_table, table, lens, c])
        return out
    return make


def _pc_std(t, i):
    return t.long().gather(1, (i // PC)[:, None])[:, 0] * PC + i % PC


def _paged(slot_of=_pc_std, entry_of=_entry, flat_of=lambda c: c.view(-1, *c.shape[2:]), w_sign=1.0):
    def step(kv, w, t, table, lens, cache):
        flat = flat_of(cache)
        slot = slot_of(t, entry_of(lens))
        new = _new(kv, w if w_sign == 1.0 else -w, table, lens)
        flat[slot] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), flat[slot])
        return cache
    return step


def _pc_indexed(t, i):
    return t.long()[torch.arange(t.shape[0]), i // PC] * PC + i % PC


def _pc_bitand(t, i):
    return t.long().gather(1, (i >> 2)[:, None])[:, 0] * PC + (i & (PC - 1))


def _pc_shift(t, i):
    return (t.long().gather(1, (i // PC)[:, None])[:, 0] << 2) + i % PC


def _pc_sub_mul(t, i):
    return t.long().gather(1, (i // PC)[:, None])[:, 0] * PC + (i - (i // PC) * PC)


def _pc_fmod(t, i):
    return t.long().gather(1, (i // PC)[:, None])[:, 0] * PC + torch.fmod(i, PC)


def _pc_first_col(t, i):
    return t.long()[:, 0] * PC + i % PC


def _pc_offset_plus_one(t, i):
    """Row (i + 1) % Pc of page i // Pc: a valid distinct slot (distinct pages), not the contract's i."""
    return t.long().gather(1, (i // PC)[:, None])[:, 0] * PC + (i + 1) % PC


def _pc_rem_other_operand(t, i):
    """The remainder of the page id itself (t[b, 0] % Pc): still inside row b's page."""
    page = t.long().gather(1, (i // PC)[:, None])[:, 0]
    return page * PC + t.long()[:, 1] % PC


def _pc_int32_table_sum_int64(t, i):
    """The page gathered in int32, the product widened after: (page.long()) * Pc + i % Pc."""
    return t.gather(1, (i // PC)[:, None])[:, 0].long() * PC + i % PC


def _pc_page_through_clamp(t, i):
    """page.clamp(min=0): a padding row's -1 becomes page 0 (a written row's page): eager writes it twice."""
    return t.long().gather(1, (i // PC)[:, None])[:, 0].clamp(min=0) * PC + i % PC


def _pc_unclamped_i_indexed(lens):
    return (lens.long() - L) // STRIDE  # negative (-1, -2) for rows that write nothing: column -1 (own last page)


def _pc_two_layers(kv, w, t, table, lens, cache):
    """Two layers, one compressed block table, two paged caches (the second a slice of the stack)."""
    c0, c1 = cache[:, :2], cache[:, 2:]
    flat = cache.view(-1, *cache.shape[2:])
    i = _entry(lens)
    page = t.long().gather(1, (i // PC)[:, None])[:, 0]
    new = _new(kv, w, table, lens)
    s0 = page * PC + i % PC
    flat[s0] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), flat[s0])
    s1 = page * PC + (i + 2) % PC
    new1 = _new(kv, w, table, lens)
    flat[s1] = torch.where(completes(lens)[:, None, None], new1.to(cache.dtype), flat[s1])
    return cache, c0, c1


def _pc_then_read_page(kv, w, t, table, lens, cache):
    """The paged step, then a read of row b's whole current page (the compressed attention over the page)."""
    _paged()(kv, w, t, table, lens, cache)
    i = _entry(lens)
    page = t.long().gather(1, (i // PC)[:, None])[:, 0].clamp(min=0)
    return cache, cache[page].float().nan_to_num().sum((1, 2, 3))


def _pc_stacked_joint(kv, w, t, table, lens, cache):
    """A stacked paged compressed cache [2, NBc, Pc, N, D] (K and V), one joint write through its flat view
    ``cmp.view(2, -1, N, D)[:, slot]`` at slot = t[b, i // Pc] * Pc + i % Pc (halves: w and -w)."""
    flat = cache.view(cache.shape[0], -1, *cache.shape[3:])
    slot = _pc_std(t, _entry(lens))
    new = torch.stack([_new(kv, w, table, lens), _new(kv, -w, table, lens)]).to(cache.dtype)
    ok = completes(lens)[None, :, None, None]
    flat[:, slot] = torch.where(ok, new, flat[:, slot])
    return cache


def _paged_cmp_stacked(batches):
    def make():
        out = []
        for a in _paged_cmp(batches)():
            c = a[5]
            out.append(a[:5] + [torch.stack([c, c.flip(0)])])
        return out
    return make


def _pc_pool_rows(kv, w, t, table, lens, cache):
    """SGLang: the compressed block table is a pool table [R, 4] read through distinct pool indices r (here the
    reversed batch rows plus 3: r = B + 2 - b), t_pool[r[b], i // Pc] * Pc + i % Pc."""
    B = lens.shape[0]
    R = B + 3
    pool_t = torch.full((R, t.shape[1]), -1, dtype=torch.int64)
    r = torch.arange(B + 2, 2, -1)
    pool_t[r] = t.long()
    i = _entry(lens)
    slot = pool_t[r, i // PC] * PC + i % PC
    flat = cache.view(-1, *cache.shape[2:])
    new = _new(kv, w, table, lens)
    flat[slot] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), flat[slot])
    return cache


def _pc_flat_flatten(c):
    return c.flatten(0, 1)


# --- 4. aliasing graph inputs (redteam3._view_of): tables, slots, lengths as bit views of the cache -------------
def _alias_inputs(which, B=8, dtype=F32):
    """The cache's int32 bit view holds the table (or slots, lengths) in its first rows: the same storage passed
    as two arguments.  Eager reads every index before the write; the fused op may read them while writing."""
    def make():
        a = build(B=B, dtype=dtype, seed=1, num_slots=64)
        kv, w, slots, table, lens, cache = a.args
        # written rows exactly the rows whose storage holds the indices: completing rows' slots 0, 1, 2, ...
        q = completes(lens)
        order = torch.cat([q.nonzero()[:, 0], (~q).nonzero()[:, 0]])
        slots = torch.empty(B, dtype=torch.int32)
        slots[order] = torch.arange(B, dtype=torch.int32)
        bits = cache.view(torch.int32).view(-1)
        src = {"table": table.to(torch.int32).reshape(-1), "slots": slots, "lens": lens.to(torch.int32)}.get(which)
        n = src.numel() if src is not None else 0
        off = cache[0].numel() * B  # after the first B rows: the written rows do not hold the indices...
        if which != "table_in_written":
            bits[off:off + n] = src
        else:  # ...except here: the table lies in the written rows themselves
            src = table.to(torch.int32).reshape(-1)
            n, off = src.numel(), 0
            bits[:n] = src
        view = (lambda c, off=off, n=n, shape=tuple(table.shape if which.startswith("table") else (B,)):
                c.view(torch.int32).view(-1)[off:off + n].view(shape))
        args = [kv, w, slots, table, lens, cache]
        j = {"table": 3, "table_in_written": 3, "slots": 2, "lens": 4}[which]
        args[j] = _view_of(args[j].clone(), 5, view)
        return [args]
    return make


def _paged_alias(kv, w, slots, table, lens, cache):
    """The contract spelling (for the aliasing inputs)."""
    return write(cache, slots, completes(lens), _new(kv, w, table, lens))


def _alias_slots_lens(B=40):
    """slots and lengths one tensor (valid: lengths 0..256 distinct on completing rows, cache of 300 rows)."""
    def make():
        a = build(B=B, dtype=F32, seed=4, num_slots=300)
        kv, w, slots, table, lens, cache = a.args
        lens = torch.randperm(257, generator=torch.Generator().manual_seed(5))[:B].to(torch.int32)
        lens[:4] = torch.tensor([32, 48, 256, 0], dtype=torch.int32)
        b2 = build(B=B, dtype=F32, seed=4, num_slots=300, lengths=lens.tolist())
        kv, w, _, table, lens, cache = b2.args
        lens = lens.to(torch.int32)
        return [[kv, w, _view_of(lens.clone(), 4, lambda x: x), table, lens, cache]]
    return make


def _alias_weight_kv_row():
    """The weight is a view of the paged KV's first page (fp32; [l, N] = kv[NB-1, :32, :, 0]): a page nobody owns,
    so a valid weight; not written."""
    def make():
        a = build(B=40, dtype=F32, seed=6)
        kv, w, slots, table, lens, cache = a.args
        kv[-1, :L, :, 0] = w
        return [[kv, _view_of(w.clone(), 0, lambda k: k[-1, :L, :, 0]), slots, table, lens, cache]]
    return make



def _bits_inputs(which, B=8):
    """fp32, no specials; the weight of head 0 zero (head 0 of every written row becomes +0.0: bits 0, page id 0 /
    slot 0), head 1 the dyadic weight.  The block table (or the slot mapping) is stored in head 0 of the cache's
    first rows as int32 bits, and the step reads it from there (an in-graph bit view of the cache); the first
    completing rows write exactly those cache rows."""
    def make():
        a = build(B=B, dtype=F32, seed=1, num_slots=64, specials=False, lengths=[32, 48, 64, 256, 31, 0, 80, 96][:B])
        kv, w, slots, table, lens, cache = a.args
        w = w.clone()
        w[:, 0] = 0
        q = completes(lens)
        order = torch.cat([q.nonzero()[:, 0], (~q).nonzero()[:, 0]])
        slots = torch.empty(B, dtype=torch.int32)
        slots[order] = torch.arange(B, dtype=torch.int32)
        src = (table.to(torch.int32) if which == "table" else slots.to(torch.int32)[:, None]).reshape(-1)
        D = cache.shape[2]
        bits = cache.view(torch.int32)
        for k in range(src.numel()):
            bits[k // D, 0, k % D] = src[k]
        return [[kv, w, slots, table, lens, cache]]
    return make


def _table_from_cache_bits(kv, w, slots, table, lens, cache):
    B, pages = table.shape
    D = cache.shape[2]
    rows = (B * pages + D - 1) // D
    t = cache.view(torch.int32)[:rows, 0, :].reshape(-1)[: B * pages].view(B, pages)
    return write(cache, slots, completes(lens), _new(kv, w, t, lens))


def _slots_from_cache_bits(kv, w, slots, table, lens, cache):
    B = slots.shape[0]
    D = cache.shape[2]
    rows = (B + D - 1) // D
    sl = cache.view(torch.int32)[:rows, 0, :].reshape(-1)[:B]
    return write(cache, sl, completes(lens), _new(kv, w, table, lens))


# --- 5. module buffers bound per call (bound_inputs): shared by several steps, slot shifts ------------------------
class _Bound17(torch.nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind
        self.w = torch.nn.Parameter(build(dtype=F16).args[1].clone(), requires_grad=False)
        self.register_buffer("off", torch.arange(L), persistent=False)
        self.register_buffer("k", torch.zeros(1, dtype=torch.int64), persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        s = lens.long()
        P = kv.shape[1]
        S_ = cache.shape[0]
        if self.kind == "slot_shift":
            sl = (slots.long() + self.k) % S_
            return write(cache, sl, completes(s), _new(kv, self.w, table, lens))
        pos = (s[:, None] - L + self.off).clamp(0, table.shape[1] * P - 1)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        write(cache, slots, completes(s), pool(tok, self.w))
        if self.kind == "two_layers":  # layer 2 reads the same buffer, writes other slots with -w
            write(cache, slots, completes(s), pool(tok, self.w))
        elif self.kind == "append_after":  # the buffer also places a KV append after the step
            last = (s - 1 + self.k).clamp(0, table.shape[1] * P - 1)
            page = table.long().gather(1, (last // P)[:, None])[:, 0]
            kv[page, last % P] = kv[page, last % P] * 2
        return cache


def _bound17_inputs():
    return [build(), build(seed=2), build(seed=3)]


def _set_k(i, m):
    if i == 1:
        m.k.fill_(3)
    if i == 2:
        m.k.fill_(0)


def _shift_off(i, m):
    if i == 1:
        m.off.add_(1)
    if i == 2:
        m.off.sub_(1)


def _swap_off(i, m):
    if i == 1:  # a new tensor of the same value first, then changed
        m.off = torch.arange(L)
    if i == 2:
        m.off.add_(2)


ATTACKS = [
    # 1. intermediate caches, clones and copy-backs
    ("im_clone_step_snapshot_copyback", _mk(im_clone_step_snapshot_copyback, _std(), SB),
     "v = cache.clone(); step into v; snap = cache.clone(); cache.copy_(v): snap must hold the old rows"),
    ("im_clone_step_read_old_then_copyback", _mk(im_clone_step_read_old_then_copyback, _std(), SB),
     "as above, the old cache read as cache * 2 between the step and the copy-back"),
    ("im_two_steps_then_copyback", _mk(im_two_steps_then_copyback, _std(), SB),
     "v = clone; A into v; B into cache; snap after B; cache.copy_(v): snap holds B's rows, not A's"),
    ("im_two_steps_then_copyback_b_first", _mk(im_two_steps_then_copyback_b_first, _std(), SB),
     "B into cache, v = clone, A into v, snap = cache * 1, cache.copy_(v)"),
    ("im_plus_zero_step", _mk(im_plus_zero_step, _std(), ALL), "v = cache + 0.0; step into v; cache and v returned"),
    ("im_empty_copy_step", _mk(im_empty_copy_step, _std(), SB), "v = empty_like; v.copy_(cache); step into v"),
    ("im_to_copy_step", _mk(im_to_copy_step, _std(), SB), "v = cache.to(dtype, copy=True); step into v"),
    ("im_cat_step", _mk(im_cat_step, _std(), SB), "c2 = cat([cache, cache]) stepped; cache and c2 returned"),
    ("im_cat_step_second_half", _mk(im_cat_step_second_half, _std(), S), "cat([cache, cache])[S:] stepped"),
    ("im_chain_clones", _mk(im_chain_clones, _std(), SB), "v1 = clone, A into v1, v2 = v1.clone(), B into v2"),
    ("im_step_then_clone_then_step_into_input", _mk(im_step_then_clone_then_step_into_input, _std(), SB),
     "A into cache; v = cache.clone(); B into cache; v must hold A's rows only"),
    ("im_detach_step", _mk(im_detach_step, _std(), S), "v = cache.detach().clone(); step into v"),
    ("im_where_copy_step", _mk(im_where_copy_step, _std(), S), "v = where(isnan(c), c, c); step into v"),
    ("im_clone_returned_before_and_after", _mk(im_clone_returned_before_and_after, _std(), SB),
     "v = clone; r = v.clone(); step into v; r must hold the old rows"),
    ("im_clone_view_step", _mk(im_clone_view_step, _std(), S), "v = clone; step into v.view(S, -1).view(S, N, D)"),
    ("im_copyback_through_view", _mk(im_copyback_through_view, _std(), S),
     "v = clone; step; snap; cache.view(-1).copy_(v.view(-1))"),
    ("im_partial_copyback", _mk(im_partial_copyback, _std(), S), "v = clone; step; cache[:8].copy_(v[:8])"),
    ("im_clone_step_snapshot_copyback_fp16", _mk(im_clone_step_snapshot_copyback, _std(dtype=F16), S),
     "fp16 form of im_clone_step_snapshot_copyback"),
    ("im_intermediate_two_steps_read_between", _mk(im_intermediate_two_steps_read_between, _std(), SB),
     "v = cache * 1; A into v; r = v * 2; B (kv * 2) into v: r holds A's rows"),
    ("im_input_two_steps_snapshot_between", _mk(im_input_two_steps_snapshot_between, _std(), SB),
     "A into cache; snap = clone; B (kv * 2) into cache: snap holds A's rows"),
    ("im_clone_two_steps_copyback_between", _mk(im_clone_two_steps_copyback_between, _std(), SB),
     "v = clone; A into v; cache.copy_(v); B (kv * 2) into v: the caller's cache holds A's rows only"),
    ("im_input_step_returned_alias_then_step", _mk(im_input_step_returned_alias_then_step, _std(), S),
     "A into cache; r = cache[:4]; B into cache: r (a view) shows B's rows"),
    ("im2_intermediate_read_between", _mk(_two_kv(im2_intermediate_read_between), _layers(), SB),
     "v = cache * 1; A (kv[0]) into v; r = v * 2; B (kv[1]) into v: r holds A's rows"),
    ("im2_input_snapshot_between", _mk(_two_kv(im2_input_snapshot_between), _layers(), SB),
     "A into cache; snap = clone; B into cache: snap holds A's rows"),
    ("im2_clone_copyback_between", _mk(_two_kv(im2_clone_copyback_between), _layers(), SB),
     "v = clone; A into v; cache.copy_(v); B into v: the caller's cache holds A's rows"),
    ("im2_input_view_returned_then_step", _mk(_two_kv(im2_input_view_returned_then_step), _layers(), S),
     "A into cache; r = cache[:4] returned; B into cache"),
    ("im2_two_clones_of_intermediate", _mk(_two_kv(im2_two_clones_of_intermediate), _layers(), SB),
     "v = cache * 1; a, b = v.clone(), v.clone(); A into a, B into b"),
    ("im2_clone_then_step_input_then_step_clone",
     _mk(_two_kv(im2_clone_then_step_input_then_step_clone), _layers(), SB),
     "a = cache.clone(); B into cache; A into a"),
    ("im2_read_between_via_index", _mk(_two_kv(im2_read_between_via_index), _layers(), SB),
     "v = cache * 1; A into v; g = v[slots]; B into v: g holds A's rows"),
    # 1b. layer stacks
    ("ly_layer1_reads_layer0_rows", _mk(ly_layer1_reads_layer0_rows, _layers(), SB),
     "layer 1's newest KV token is layer 0's freshly compressed row; both layers' steps (torch's sum: layer 1's "
     "window is not exact in every order, so an order difference is allowed here; see the _loop form)"),
    ("ly_layer1_reads_layer0_rows_loop", _mk(ly_layer1_reads_layer0_rows_loop, _layers(), SB),
     "ly_layer1_reads_layer0_rows with window-order loops (the sum order fixed by the user)"),
    ("ly_layer1_reads_layer0_before", _mk(ly_layer1_reads_layer0_before, _layers(), SB),
     "as above with the row read before layer 0's step"),
    ("ly_shared_cache_two_layers", _mk(ly_shared_cache_two_layers, _layers(), SB),
     "two layers' steps into one cache at the same slots (the second wins)"),
    ("ly_layer0_cache_is_layer1_kv", _mk(ly_layer0_cache_is_layer1_kv, _layers(), S),
     "layer 1 reads windows from layer 0's compressed cache (pages of 5 rows) after layer 0's step"),
    ("ly_stacked_snapshot_between_halves", _mk(ly_stacked_snapshot_between_halves, _layers(), SB),
     "cache[0] stepped; snap = cache.clone(); cache[1] stepped"),
    ("ly_stacked_read_half1_between", _mk(ly_stacked_read_half1_between, _layers(), SB),
     "cache[0] stepped; r = cache[1] * 2; cache[1] stepped"),
    # 1c. compaction
    ("cp_mask", _mk(_compact(_pick_mask), _std(), ALL), "control: cache[slots[m]] = new[m]"),
    ("cp_nonzero", _mk(_compact(_pick_nonzero), _std(), SB), "cache[slots[i]] = new[i], i = m.nonzero()[:, 0]"),
    ("cp_mixed", _mk(_compact(_pick_mixed), _std(), S), "slots[m], new[m.nonzero().squeeze(1)]"),
    ("cp_two_masks", _mk(_compact(_pick_two_masks), _std(), S), "slots[m], new[m.clone()]"),
    ("cp_nonzero_flipped", _mk(_compact(_pick_nonzero_as_tuple_flipped), _std(), S),
     "i = m.nonzero(as_tuple=True)[0].flip(0) (same rows, reverse order)"),
    ("cp_nonzero_dup_first", _mk(_compact(_pick_nonzero_dup_first), _std(), S),
     "the first picked row twice (duplicate index, same value)"),
    ("cp_snapshot_read", _mk(_compact_then_snapshot_read, _std(), S), "snapshot before the compacted write"),
    # 2. stacked K/V caches
    ("st_control", _mk(_joint(_halves), _stacked([40, 24]), ALL), "control: cmp[:, s] = where(ok, stack([K, V]), ..)"),
    ("st_values_flip0", _mk(_joint(_halves_flip), _stacked([40]), S), "new = stack([K, V]).flip(0): halves swapped"),
    ("st_values_index_select_swap", _mk(_joint(_halves_index_select_swap), _stacked([40]), S),
     "new = stack.index_select(0, [1, 0]): halves swapped"),
    ("st_values_roll0", _mk(_joint(_halves_roll), _stacked([40]), S), "new = stack.roll(1, 0): halves swapped"),
    ("st_values_transposed", _mk(_joint(_halves_transposed), _stacked([40]), S),
     "new = stack(.., 1).transpose(0, 1)"),
    ("st_values_broadcast_one", _mk(_joint(_halves_broadcast_one), _stacked([40]), S),
     "new [1, B, N, D] broadcast to both halves"),
    ("st_values_sign_vector", _mk(_joint(_halves_sign_vector), _stacked([40]), S),
     "new = one.expand(2, ..) * [1, -1] (per-half scale)"),
    ("st_values_narrow_of_three", _mk(_joint(_halves_narrow_of_three), _stacked([40]), S),
     "new = stack of three [1:3]"),
    ("st_values_cumsum0", _mk(_joint(_halves_cumsum0), _stacked([40]), S), "new = stack.cumsum(0): V += K"),
    ("st_values_sum_keep", _mk(_joint(_halves_sum_keep), _stacked([40]), S), "new = stack.sum(0, keepdim).expand"),
    ("st_values_gather_dim0", _mk(_joint(_halves_gather_dim0), _stacked([40]), S),
     "new = stack.gather(0, zeros): both halves take K"),
    ("st_kv_stacked_read", _mk(_joint(_halves_kv_stacked_read), _stacked([40]), S),
     "tokens from stack([kv, -kv])[:, pages, offs] (a stacked KV made in the step)"),
    ("st_kv_stacked_flipped", _mk(_joint(_halves_kv_stacked_flipped), _stacked([40]), S),
     "tokens from stack([kv, 2 kv]).flip(0)[:, pages, offs]"),
    ("st_three_halves", _mk(_joint(_halves), _stacked([40], G=3), S), "G = 3 stacked caches"),
    ("st_snapshot_half_before", _mk(_stacked_snapshot, _stacked([40]), S), "snap = cmp[1].clone() before the write"),
    ("st_read_half_after", _mk(_stacked_read_half_after, _stacked([40]), S), "cmp[0] * 2 read after the write"),
    ("st_slice_of_bigger", _mk(_stacked_slice_of_bigger, _stacked([40], G=3), S),
     "the stacked cache is cmp[1:3] of a [3, S, N, D] input"),
    ("st_two_writes_one_stack", _mk(_stacked_two_writes_same_stack, _stacked([40]), SB),
     "two joint writes into one stack (other slots, -w)"),
    ("st_clone_step_copyback", _mk(_stacked_clone_step_copyback, _stacked([40]), S),
     "v = cmp.clone(); joint write into v; snap = cmp[0].clone(); cmp.copy_(v)"),
    ("st_rows_of_transposed_stack", _mk(_stacked_half_aliasing_other_half, _stacked([40]), S),
     "cmp.transpose(0, 1)[s] = where(..): rows of both halves written as [S, G, N, D] rows"),
    ("st_fp16", _mk(_joint(_halves), _stacked([40], dtype=F16), S), "control in fp16"),
    # 3. paged compressed caches
    ("pc_control", _mk(_paged(), _paged_cmp([40, 24]), ALL), "control: t[b, i // 4] * 4 + i % 4 (fuses)"),
    ("pc_padded", _mk(_paged(), _paged_cmp([40], pad_rows=3), SB), "control with 3 padding rows (page -1)"),
    ("pc_indexed", _mk(_paged(_pc_indexed), _paged_cmp([40]), SB), "t[arange(B), i // 4] * 4 + i % 4"),
    ("pc_bitand_shift", _mk(_paged(_pc_bitand), _paged_cmp([40]), S), "gather(1, i >> 2) * 4 + (i & 3)"),
    ("pc_page_shift_left", _mk(_paged(_pc_shift), _paged_cmp([40]), S), "(page << 2) + i % 4"),
    ("pc_sub_mul", _mk(_paged(_pc_sub_mul), _paged_cmp([40]), S), "page * 4 + (i - (i // 4) * 4)"),
    ("pc_fmod", _mk(_paged(_pc_fmod), _paged_cmp([40]), S), "page * 4 + fmod(i, 4) (i >= 0: same values)"),
    ("pc_first_col", _mk(_paged(_pc_first_col), _paged_cmp([40]), S), "t[:, 0] * 4 + i % 4 (page fixed per row)"),
    ("pc_offset_plus_one", _mk(_paged(_pc_offset_plus_one), _paged_cmp([40]), S), "page * 4 + (i + 1) % 4"),
    ("pc_rem_of_other_entry", _mk(_paged(_pc_rem_other_operand), _paged_cmp([40]), S),
     "page * 4 + t[:, 1] % 4 (the offset from another table entry of row b)"),
    ("pc_int32_gather_widened", _mk(_paged(_pc_int32_table_sum_int64), _paged_cmp([40]), S),
     "t.gather(..)[:, 0].long() * 4 + i % 4"),
    ("pc_page_clamped_padded", _mk(_paged(_pc_page_through_clamp), _paged_cmp([40], pad_rows=3), S),
     "page.clamp(min=0) with padding rows (page -1 -> 0: a written row's page in eager's write-every-row)"),
    ("pc_unclamped_i_indexed", _mk(_paged(_pc_indexed, entry_of=_pc_unclamped_i_indexed), _paged_cmp([40]), S),
     "i = (s - l) // d unclamped, t[arange, i // 4]: rows that write nothing read column -1 (their own last page)"),
    ("pc_flat_flatten", _mk(_paged(flat_of=_pc_flat_flatten), _paged_cmp([40]), S), "flat view by flatten(0, 1)"),
    ("pc_cache_pages_of_8", _mk(_paged(), _paged_cmp([40], Pc_cache=8), S),
     "the cache [NBc, 8, N, D], the formula's Pc = 4 (rows in the first half of each page)"),
    ("pc_two_steps_one_page", _mk(_pc_two_layers, _paged_cmp([40]), S),
     "two steps into one paged cache: rows i % 4 and (i + 2) % 4 of the same page, slices returned"),
    ("pc_then_read_page", _mk(_pc_then_read_page, _paged_cmp([40]), S),
     "the paged step then a read of row b's whole page"),
    ("pc_fp16", _mk(_paged(), _paged_cmp([40], dtype=F16), S), "control in fp16"),
    ("pc_stacked_joint", _mk(_pc_stacked_joint, _paged_cmp_stacked([40]), SB),
     "stacked paged compressed cache [2, NBc, Pc, N, D], one joint write cmp.view(2, -1, N, D)[:, slot]"),
    ("pc_pool_rows_in_graph", _mk(_pc_pool_rows, _paged_cmp([40]), S),
     "the compressed block table a pool table built in the step, read through distinct pool indices"),
    # 4. aliasing graph inputs
    ("alias_table_in_cache_bits", _mk(_paged_alias, _alias_inputs("table"), S),
     "the block table is an int32 bit view of cache rows no row writes (same storage, two arguments)"),
    ("alias_table_in_written_rows", _mk(_paged_alias, _alias_inputs("table_in_written"), S),
     "the block table lies in the cache rows the step writes: eager reads every page id first"),
    ("alias_slots_in_cache_bits", _mk(_paged_alias, _alias_inputs("slots"), S),
     "the slot mapping is an int32 bit view of cache rows no row writes"),
    ("alias_lens_in_cache_bits", _mk(_paged_alias, _alias_inputs("lens"), S),
     "the lengths are an int32 bit view of cache rows no row writes"),
    ("alias_slots_are_lens", _mk(_paged_alias, _alias_slots_lens(), S),
     "slots and lengths one tensor (distinct lengths on completing rows, cache of 300 rows)"),
    ("alias_weight_in_kv", _mk(_paged_alias, _alias_weight_kv_row(), S),
     "the weight is a view of the paged KV's last page (fp32)"),
    ("alias_table_is_cache_bits_in_graph", _mk(_table_from_cache_bits, _bits_inputs("table"), S),
     "the block table read from the cache's own rows (int32 bit view in the step); the step writes those rows"),
    ("alias_slots_are_cache_bits_in_graph", _mk(_slots_from_cache_bits, _bits_inputs("slots"), S),
     "the slot mapping read from the cache's own rows (int32 bit view in the step); the step writes those rows"),
    # 5. module buffers
    ("bound_slot_shift_changed", _sc(lambda: _Bound17("slot_shift"), _bound17_inputs, _set_k),
     "slots (s + k) % S with k a [1] buffer: 0, then 3, then 0 again"),
    ("bound_two_layers_shared_offsets", _sc(lambda: _Bound17("two_layers"), _bound17_inputs, _shift_off),
     "one offsets buffer read by two layers' steps; add_(1) then back"),
    ("bound_append_after_changed", _sc(lambda: _Bound17("append_after"), _bound17_inputs, _set_k),
     "offsets buffer bound for the step; k (another buffer) places a KV append after it, changed between calls"),
    ("bound_buffer_replaced_then_changed", _sc(lambda: _Bound17("two_layers"), _bound17_inputs, _swap_off),
     "the buffer attribute replaced by a new tensor of the same value, then that tensor changed"),
]

# First-try results (attack, dialect, mode, result): the runs counted in the docstring.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_FIRST = [
    ('cp_mixed', 'vllm_post', 'static', _EQ),
    ('cp_nonzero', 'vllm_post', 'batch', _R),
    ('cp_nonzero', 'vllm_post', 'static', _EQ),
    ('cp_nonzero_dup_first', 'vllm_post', 'static', _R),
    ('cp_nonzero_flipped', 'vllm_post', 'static', _R),
    ('cp_snapshot_read', 'vllm_post', 'static', _EQ),
    ('cp_two_masks', 'vllm_post', 'static', _CCT),
    ('im2_clone_copyback_between', 'vllm_post', 'batch', _EQ),
    ('im2_clone_copyback_between', 'vllm_post', 'static', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'vllm_post', 'batch', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'vllm_post', 'static', _EQ),
    ('im2_input_snapshot_between', 'vllm_post', 'batch', _EQ),
    ('im2_input_snapshot_between', 'vllm_post', 'static', _EQ),
    ('im2_input_view_returned_then_step', 'vllm_post', 'static', _EQ),
    ('im2_intermediate_read_between', 'vllm_post', 'batch', _EQ),
    ('im2_intermediate_read_between', 'vllm_post', 'static', _EQ),
    ('im2_read_between_via_index', 'vllm_post', 'batch', _EQ),
    ('im2_read_between_via_index', 'vllm_post', 'static', _EQ),
    ('im2_two_clones_of_intermediate', 'vllm_post', 'batch', _EQ),
    ('im2_two_clones_of_intermediate', 'vllm_post', 'static', _EQ),
    ('alias_lens_in_cache_bits', 'inductor_graph', 'static', _CCT),
    ('alias_lens_in_cache_bits', 'torchair_like', 'static', _CCT),
    ('alias_slots_are_cache_bits_in_graph', 'inductor_graph', 'static', _R),
    ('alias_slots_are_cache_bits_in_graph', 'torchair_like', 'static', _R),
    ('alias_slots_are_lens', 'inductor_graph', 'static', _R),
    ('alias_slots_are_lens', 'torchair_like', 'static', _R),
    ('alias_slots_in_cache_bits', 'inductor_graph', 'static', _CCT),
    ('alias_slots_in_cache_bits', 'torchair_like', 'static', _CCT),
    ('alias_table_in_cache_bits', 'inductor_graph', 'static', _CCT),
    ('alias_table_in_cache_bits', 'torchair_like', 'static', _CCT),
    ('alias_table_in_written_rows', 'inductor_graph', 'static', _CCT),
    ('alias_table_in_written_rows', 'torchair_like', 'static', _CCT),
    ('alias_table_is_cache_bits_in_graph', 'inductor_graph', 'static', _R),
    ('alias_table_is_cache_bits_in_graph', 'torchair_like', 'static', _R),
    ('alias_weight_in_kv', 'inductor_graph', 'static', _EQ),
    ('alias_weight_in_kv', 'torchair_like', 'static', _EQ),
    ('bound_append_after_changed', 'bound_ig', 'static', _EQ),
    ('bound_append_after_changed', 'bound_ta', 'static', _EQ),
    ('bound_append_after_changed', 'inductor', 'static', _EQ),
    ('bound_buffer_replaced_then_changed', 'bound_ig', 'static', _EQ),
    ('bound_buffer_replaced_then_changed', 'bound_ta', 'static', _EQ),
    ('bound_buffer_replaced_then_changed', 'inductor', 'static', _EQ),
    ('bound_buffer_replaced_then_changed', 'inductor_graph', 'static', _R),
    ('bound_buffer_replaced_then_changed', 'torchair_like', 'static', _R),
    ('bound_slot_shift_changed', 'bound_ig', 'static', _EQ),
    ('bound_slot_shift_changed', 'bound_ta', 'static', _EQ),
    ('bound_slot_shift_changed', 'inductor', 'static', _EQ),
    ('bound_slot_shift_changed', 'inductor_graph', 'static', _EQ),
    ('bound_slot_shift_changed', 'torchair_like', 'static', _EQ),
    ('bound_two_layers_shared_offsets', 'bound_ig', 'static', _EQ),
    ('bound_two_layers_shared_offsets', 'bound_ta', 'static', _EQ),
    ('bound_two_layers_shared_offsets', 'inductor', 'static', _EQ),
    ('bound_two_layers_shared_offsets', 'inductor_graph', 'static', _R),
    ('bound_two_layers_shared_offsets', 'torchair', 'static', _EQ),
    ('bound_two_layers_shared_offsets', 'torchair_like', 'static', _R),
    ('cp_mask', 'aot_outputs', 'batch', _EQ),
    ('cp_mask', 'aot_outputs', 'dynamic', _EQ),
    ('cp_mask', 'aot_outputs', 'static', _EQ),
    ('cp_mask', 'inductor', 'batch', _EQ),
    ('cp_mask', 'inductor', 'dynamic', _EQ),
    ('cp_mask', 'inductor', 'static', _EQ),
    ('cp_mask', 'inductor_graph', 'batch', _EQ),
    ('cp_mask', 'inductor_graph', 'dynamic', _EQ),
    ('cp_mask', 'inductor_graph', 'static', _EQ),
    ('cp_mask', 'torchair', 'batch', _EQ),
    ('cp_mask', 'torchair', 'dynamic', _EQ),
    ('cp_mask', 'torchair', 'static', _EQ),
    ('cp_mask', 'torchair_like', 'batch', _EQ),
    ('cp_mask', 'torchair_like', 'dynamic', _EQ),
    ('cp_mask', 'torchair_like', 'static', _EQ),
    ('cp_mask', 'vllm_post', 'batch', _EQ),
    ('cp_mask', 'vllm_post', 'dynamic', _EQ),
    ('cp_mask', 'vllm_post', 'static', _EQ),
    ('cp_mixed', 'inductor', 'static', _EQ),
    ('cp_mixed', 'inductor_graph', 'static', _EQ),
    ('cp_mixed', 'torchair_like', 'static', _EQ),
    ('cp_nonzero', 'inductor', 'batch', _R),
    ('cp_nonzero', 'inductor', 'static', _EQ),
    ('cp_nonzero', 'inductor_graph', 'batch', _R),
    ('cp_nonzero', 'inductor_graph', 'static', _EQ),
    ('cp_nonzero', 'torchair', 'batch', _CCT),
    ('cp_nonzero', 'torchair', 'static', _EQ),
    ('cp_nonzero', 'torchair_like', 'batch', _R),
    ('cp_nonzero', 'torchair_like', 'static', _EQ),
    ('cp_nonzero_dup_first', 'inductor', 'static', _R),
    ('cp_nonzero_dup_first', 'inductor_graph', 'static', _R),
    ('cp_nonzero_dup_first', 'torchair', 'static', _CCT),
    ('cp_nonzero_dup_first', 'torchair_like', 'static', _R),
    ('cp_nonzero_flipped', 'inductor', 'static', _R),
    ('cp_nonzero_flipped', 'inductor_graph', 'static', _R),
    ('cp_nonzero_flipped', 'torchair', 'static', _CCT),
    ('cp_nonzero_flipped', 'torchair_like', 'static', _R),
    ('cp_snapshot_read', 'inductor_graph', 'static', _EQ),
    ('cp_snapshot_read', 'torchair_like', 'static', _EQ),
    ('cp_two_masks', 'inductor_graph', 'static', _CCT),
    ('cp_two_masks', 'torchair_like', 'static', _EQ),
    ('im2_clone_copyback_between', 'inductor', 'batch', _EQ),
    ('im2_clone_copyback_between', 'inductor', 'static', _EQ),
    ('im2_clone_copyback_between', 'inductor_graph', 'batch', _EQ),
    ('im2_clone_copyback_between', 'inductor_graph', 'static', _EQ),
    ('im2_clone_copyback_between', 'torchair_like', 'batch', _EQ),
    ('im2_clone_copyback_between', 'torchair_like', 'static', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'inductor', 'batch', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'inductor', 'static', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'inductor_graph', 'batch', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'inductor_graph', 'static', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'torchair_like', 'batch', _EQ),
    ('im2_clone_then_step_input_then_step_clone', 'torchair_like', 'static', _EQ),
    ('im2_input_snapshot_between', 'inductor', 'batch', _EQ),
    ('im2_input_snapshot_between', 'inductor', 'static', _EQ),
    ('im2_input_snapshot_between', 'inductor_graph', 'batch', _EQ),
    ('im2_input_snapshot_between', 'inductor_graph', 'static', _EQ),
    ('im2_input_snapshot_between', 'torchair_like', 'batch', _EQ),
    ('im2_input_snapshot_between', 'torchair_like', 'static', _EQ),
    ('im2_input_view_returned_then_step', 'inductor', 'static', _EQ),
    ('im2_input_view_returned_then_step', 'inductor_graph', 'static', _EQ),
    ('im2_input_view_returned_then_step', 'torchair_like', 'static', _EQ),
    ('im2_intermediate_read_between', 'inductor', 'batch', _EQ),
    ('im2_intermediate_read_between', 'inductor', 'static', _EQ),
    ('im2_intermediate_read_between', 'inductor_graph', 'batch', _EQ),
    ('im2_intermediate_read_between', 'inductor_graph', 'static', _EQ),
    ('im2_intermediate_read_between', 'torchair_like', 'batch', _EQ),
    ('im2_intermediate_read_between', 'torchair_like', 'static', _EQ),
    ('im2_read_between_via_index', 'inductor', 'batch', _EQ),
    ('im2_read_between_via_index', 'inductor', 'static', _EQ),
    ('im2_read_between_via_index', 'inductor_graph', 'batch', _EQ),
    ('im2_read_between_via_index', 'inductor_graph', 'static', _EQ),
    ('im2_read_between_via_index', 'torchair_like', 'batch', _EQ),
    ('im2_read_between_via_index', 'torchair_like', 'static', _EQ),
    ('im2_two_clones_of_intermediate', 'inductor', 'batch', _EQ),
    ('im2_two_clones_of_intermediate', 'inductor', 'static', _EQ),
    ('im2_two_clones_of_intermediate', 'inductor_graph', 'batch', _EQ),
    ('im2_two_clones_of_intermediate', 'inductor_graph', 'static', _EQ),
    ('im2_two_clones_of_intermediate', 'torchair_like', 'batch', _EQ),
    ('im2_two_clones_of_intermediate', 'torchair_like', 'static', _EQ),
    ('im_cat_step', 'aot_outputs', 'batch', _EQ),
    ('im_cat_step', 'aot_outputs', 'static', _EQ),
    ('im_cat_step', 'inductor_graph', 'batch', _EQ),
    ('im_cat_step', 'inductor_graph', 'static', _EQ),
    ('im_cat_step', 'torchair_like', 'batch', _EQ),
    ('im_cat_step', 'torchair_like', 'static', _EQ),
    ('im_cat_step', 'vllm_post', 'batch', _EQ),
    ('im_cat_step', 'vllm_post', 'static', _EQ),
    ('im_cat_step_second_half', 'aot_outputs', 'static', _EQ),
    ('im_cat_step_second_half', 'inductor_graph', 'static', _EQ),
    ('im_cat_step_second_half', 'torchair_like', 'static', _EQ),
    ('im_cat_step_second_half', 'vllm_post', 'static', _EQ),
    ('im_chain_clones', 'aot_outputs', 'batch', _EQ),
    ('im_chain_clones', 'aot_outputs', 'static', _EQ),
    ('im_chain_clones', 'inductor', 'batch', _EQ),
    ('im_chain_clones', 'inductor', 'static', _EQ),
    ('im_chain_clones', 'inductor_graph', 'batch', _EQ),
    ('im_chain_clones', 'inductor_graph', 'static', _EQ),
    ('im_chain_clones', 'torchair_like', 'batch', _EQ),
    ('im_chain_clones', 'torchair_like', 'static', _EQ),
    ('im_chain_clones', 'vllm_post', 'batch', _EQ),
    ('im_chain_clones', 'vllm_post', 'static', _EQ),
    ('im_clone_returned_before_and_after', 'aot_outputs', 'batch', _EQ),
    ('im_clone_returned_before_and_after', 'aot_outputs', 'static', _EQ),
    ('im_clone_returned_before_and_after', 'inductor_graph', 'batch', _EQ),
    ('im_clone_returned_before_and_after', 'inductor_graph', 'static', _EQ),
    ('im_clone_returned_before_and_after', 'torchair_like', 'batch', _EQ),
    ('im_clone_returned_before_and_after', 'torchair_like', 'static', _EQ),
    ('im_clone_returned_before_and_after', 'vllm_post', 'batch', _EQ),
    ('im_clone_returned_before_and_after', 'vllm_post', 'static', _EQ),
    ('im_clone_step_read_old_then_copyback', 'aot_outputs', 'batch', _EQ),
    ('im_clone_step_read_old_then_copyback', 'aot_outputs', 'static', _EQ),
    ('im_clone_step_read_old_then_copyback', 'inductor_graph', 'batch', _EQ),
    ('im_clone_step_read_old_then_copyback', 'inductor_graph', 'static', _EQ),
    ('im_clone_step_read_old_then_copyback', 'torchair_like', 'batch', _EQ),
    ('im_clone_step_read_old_then_copyback', 'torchair_like', 'static', _EQ),
    ('im_clone_step_read_old_then_copyback', 'vllm_post', 'batch', _EQ),
    ('im_clone_step_read_old_then_copyback', 'vllm_post', 'static', _EQ),
    ('im_clone_step_snapshot_copyback', 'aot_outputs', 'batch', _EQ),
    ('im_clone_step_snapshot_copyback', 'aot_outputs', 'static', _EQ),
    ('im_clone_step_snapshot_copyback', 'inductor', 'batch', _EQ),
    ('im_clone_step_snapshot_copyback', 'inductor', 'static', _EQ),
    ('im_clone_step_snapshot_copyback', 'inductor_graph', 'batch', _EQ),
    ('im_clone_step_snapshot_copyback', 'inductor_graph', 'static', _EQ),
    ('im_clone_step_snapshot_copyback', 'torchair', 'batch', _EQ),
    ('im_clone_step_snapshot_copyback', 'torchair', 'static', _EQ),
    ('im_clone_step_snapshot_copyback', 'torchair_like', 'batch', _EQ),
    ('im_clone_step_snapshot_copyback', 'torchair_like', 'static', _EQ),
    ('im_clone_step_snapshot_copyback', 'vllm_post', 'batch', _EQ),
    ('im_clone_step_snapshot_copyback', 'vllm_post', 'static', _EQ),
    ('im_clone_step_snapshot_copyback_fp16', 'aot_outputs', 'static', _EQ),
    ('im_clone_step_snapshot_copyback_fp16', 'inductor', 'static', _EQ),
    ('im_clone_step_snapshot_copyback_fp16', 'inductor_graph', 'static', _EQ),
    ('im_clone_step_snapshot_copyback_fp16', 'torchair', 'static', _EQ),
    ('im_clone_step_snapshot_copyback_fp16', 'torchair_like', 'static', _EQ),
    ('im_clone_step_snapshot_copyback_fp16', 'vllm_post', 'static', _EQ),
    ('im_clone_two_steps_copyback_between', 'aot_outputs', 'batch', _EQ),
    ('im_clone_two_steps_copyback_between', 'aot_outputs', 'static', _EQ),
    ('im_clone_two_steps_copyback_between', 'inductor', 'batch', _EQ),
    ('im_clone_two_steps_copyback_between', 'inductor', 'static', _EQ),
    ('im_clone_two_steps_copyback_between', 'inductor_graph', 'batch', _EQ),
    ('im_clone_two_steps_copyback_between', 'inductor_graph', 'static', _EQ),
    ('im_clone_two_steps_copyback_between', 'torchair_like', 'batch', _EQ),
    ('im_clone_two_steps_copyback_between', 'torchair_like', 'static', _EQ),
    ('im_clone_two_steps_copyback_between', 'vllm_post', 'batch', _EQ),
    ('im_clone_two_steps_copyback_between', 'vllm_post', 'static', _EQ),
    ('im_clone_view_step', 'aot_outputs', 'static', _EQ),
    ('im_clone_view_step', 'inductor_graph', 'static', _EQ),
    ('im_clone_view_step', 'torchair_like', 'static', _EQ),
    ('im_clone_view_step', 'vllm_post', 'static', _EQ),
    ('im_copyback_through_view', 'aot_outputs', 'static', _EQ),
    ('im_copyback_through_view', 'inductor_graph', 'static', _EQ),
    ('im_copyback_through_view', 'torchair_like', 'static', _EQ),
    ('im_copyback_through_view', 'vllm_post', 'static', _EQ),
    ('im_detach_step', 'aot_outputs', 'static', _EQ),
    ('im_detach_step', 'inductor_graph', 'static', _EQ),
    ('im_detach_step', 'torchair_like', 'static', _EQ),
    ('im_detach_step', 'vllm_post', 'static', _EQ),
    ('im_empty_copy_step', 'aot_outputs', 'batch', _EQ),
    ('im_empty_copy_step', 'aot_outputs', 'static', _EQ),
    ('im_empty_copy_step', 'inductor_graph', 'batch', _EQ),
    ('im_empty_copy_step', 'inductor_graph', 'static', _EQ),
    ('im_empty_copy_step', 'torchair_like', 'batch', _EQ),
    ('im_empty_copy_step', 'torchair_like', 'static', _EQ),
    ('im_empty_copy_step', 'vllm_post', 'batch', _EQ),
    ('im_empty_copy_step', 'vllm_post', 'static', _EQ),
    ('im_input_step_returned_alias_then_step', 'aot_outputs', 'static', _EQ),
    ('im_input_step_returned_alias_then_step', 'inductor', 'static', _EQ),
    ('im_input_step_returned_alias_then_step', 'inductor_graph', 'static', _EQ),
    ('im_input_step_returned_alias_then_step', 'torchair_like', 'static', _EQ),
    ('im_input_step_returned_alias_then_step', 'vllm_post', 'static', _EQ),
    ('im_input_two_steps_snapshot_between', 'aot_outputs', 'batch', _EQ),
    ('im_input_two_steps_snapshot_between', 'aot_outputs', 'static', _EQ),
    ('im_input_two_steps_snapshot_between', 'inductor', 'batch', _EQ),
    ('im_input_two_steps_snapshot_between', 'inductor', 'static', _EQ),
    ('im_input_two_steps_snapshot_between', 'inductor_graph', 'batch', _EQ),
    ('im_input_two_steps_snapshot_between', 'inductor_graph', 'static', _EQ),
    ('im_input_two_steps_snapshot_between', 'torchair_like', 'batch', _EQ),
    ('im_input_two_steps_snapshot_between', 'torchair_like', 'static', _EQ),
    ('im_input_two_steps_snapshot_between', 'vllm_post', 'batch', _EQ),
    ('im_input_two_steps_snapshot_between', 'vllm_post', 'static', _EQ),
    ('im_intermediate_two_steps_read_between', 'aot_outputs', 'batch', _EQ),
    ('im_intermediate_two_steps_read_between', 'aot_outputs', 'static', _EQ),
    ('im_intermediate_two_steps_read_between', 'inductor', 'batch', _EQ),
    ('im_intermediate_two_steps_read_between', 'inductor', 'static', _EQ),
    ('im_intermediate_two_steps_read_between', 'inductor_graph', 'batch', _EQ),
    ('im_intermediate_two_steps_read_between', 'inductor_graph', 'static', _EQ),
    ('im_intermediate_two_steps_read_between', 'torchair_like', 'batch', _EQ),
    ('im_intermediate_two_steps_read_between', 'torchair_like', 'static', _EQ),
    ('im_intermediate_two_steps_read_between', 'vllm_post', 'batch', _EQ),
    ('im_intermediate_two_steps_read_between', 'vllm_post', 'static', _EQ),
    ('im_partial_copyback', 'aot_outputs', 'static', _EQ),
    ('im_partial_copyback', 'inductor_graph', 'static', _EQ),
    ('im_partial_copyback', 'torchair_like', 'static', _EQ),
    ('im_partial_copyback', 'vllm_post', 'static', _EQ),
    ('im_plus_zero_step', 'aot_outputs', 'batch', _EQ),
    ('im_plus_zero_step', 'aot_outputs', 'dynamic', _EQ),
    ('im_plus_zero_step', 'aot_outputs', 'static', _EQ),
    ('im_plus_zero_step', 'inductor_graph', 'batch', _EQ),
    ('im_plus_zero_step', 'inductor_graph', 'dynamic', _EQ),
    ('im_plus_zero_step', 'inductor_graph', 'static', _EQ),
    ('im_plus_zero_step', 'torchair_like', 'batch', _EQ),
    ('im_plus_zero_step', 'torchair_like', 'dynamic', _EQ),
    ('im_plus_zero_step', 'torchair_like', 'static', _EQ),
    ('im_plus_zero_step', 'vllm_post', 'batch', _EQ),
    ('im_plus_zero_step', 'vllm_post', 'dynamic', _EQ),
    ('im_plus_zero_step', 'vllm_post', 'static', _EQ),
    ('im_step_then_clone_then_step_into_input', 'aot_outputs', 'batch', _EQ),
    ('im_step_then_clone_then_step_into_input', 'aot_outputs', 'static', _EQ),
    ('im_step_then_clone_then_step_into_input', 'inductor', 'batch', _EQ),
    ('im_step_then_clone_then_step_into_input', 'inductor', 'static', _EQ),
    ('im_step_then_clone_then_step_into_input', 'inductor_graph', 'batch', _EQ),
    ('im_step_then_clone_then_step_into_input', 'inductor_graph', 'static', _EQ),
    ('im_step_then_clone_then_step_into_input', 'torchair_like', 'batch', _EQ),
    ('im_step_then_clone_then_step_into_input', 'torchair_like', 'static', _EQ),
    ('im_step_then_clone_then_step_into_input', 'vllm_post', 'batch', _EQ),
    ('im_step_then_clone_then_step_into_input', 'vllm_post', 'static', _EQ),
    ('im_to_copy_step', 'aot_outputs', 'batch', _EQ),
    ('im_to_copy_step', 'aot_outputs', 'static', _EQ),
    ('im_to_copy_step', 'inductor_graph', 'batch', _EQ),
    ('im_to_copy_step', 'inductor_graph', 'static', _EQ),
    ('im_to_copy_step', 'torchair_like', 'batch', _EQ),
    ('im_to_copy_step', 'torchair_like', 'static', _EQ),
    ('im_to_copy_step', 'vllm_post', 'batch', _EQ),
    ('im_to_copy_step', 'vllm_post', 'static', _EQ),
    ('im_two_steps_then_copyback', 'aot_outputs', 'batch', _EQ),
    ('im_two_steps_then_copyback', 'aot_outputs', 'static', _EQ),
    ('im_two_steps_then_copyback', 'inductor', 'batch', _EQ),
    ('im_two_steps_then_copyback', 'inductor', 'static', _EQ),
    ('im_two_steps_then_copyback', 'inductor_graph', 'batch', _EQ),
    ('im_two_steps_then_copyback', 'inductor_graph', 'static', _EQ),
    ('im_two_steps_then_copyback', 'torchair', 'batch', _EQ),
    ('im_two_steps_then_copyback', 'torchair', 'static', _EQ),
    ('im_two_steps_then_copyback', 'torchair_like', 'batch', _EQ),
    ('im_two_steps_then_copyback', 'torchair_like', 'static', _EQ),
    ('im_two_steps_then_copyback', 'vllm_post', 'batch', _EQ),
    ('im_two_steps_then_copyback', 'vllm_post', 'static', _EQ),
    ('im_two_steps_then_copyback_b_first', 'aot_outputs', 'batch', _EQ),
    ('im_two_steps_then_copyback_b_first', 'aot_outputs', 'static', _EQ),
    ('im_two_steps_then_copyback_b_first', 'inductor', 'batch', _EQ),
    ('im_two_steps_then_copyback_b_first', 'inductor', 'static', _EQ),
    ('im_two_steps_then_copyback_b_first', 'inductor_graph', 'batch', _EQ),
    ('im_two_steps_then_copyback_b_first', 'inductor_graph', 'static', _EQ),
    ('im_two_steps_then_copyback_b_first', 'torchair', 'batch', _EQ),
    ('im_two_steps_then_copyback_b_first', 'torchair', 'static', _EQ),
    ('im_two_steps_then_copyback_b_first', 'torchair_like', 'batch', _EQ),
    ('im_two_steps_then_copyback_b_first', 'torchair_like', 'static', _EQ),
    ('im_two_steps_then_copyback_b_first', 'vllm_post', 'batch', _EQ),
    ('im_two_steps_then_copyback_b_first', 'vllm_post', 'static', _EQ),
    ('im_where_copy_step', 'aot_outputs', 'static', _EQ),
    ('im_where_copy_step', 'inductor_graph', 'static', _EQ),
    ('im_where_copy_step', 'torchair_like', 'static', _EQ),
    ('im_where_copy_step', 'vllm_post', 'static', _EQ),
    ('ly_layer0_cache_is_layer1_kv', 'aot_outputs', 'static', _EQ),
    ('ly_layer0_cache_is_layer1_kv', 'inductor', 'static', _EQ),
    ('ly_layer0_cache_is_layer1_kv', 'inductor_graph', 'static', _EQ),
    ('ly_layer0_cache_is_layer1_kv', 'torchair_like', 'static', _EQ),
    ('ly_layer0_cache_is_layer1_kv', 'vllm_post', 'static', _EQ),
    ('ly_layer1_reads_layer0_before', 'aot_outputs', 'batch', _EQ),
    ('ly_layer1_reads_layer0_before', 'aot_outputs', 'static', _EQ),
    ('ly_layer1_reads_layer0_before', 'inductor', 'batch', _EQ),
    ('ly_layer1_reads_layer0_before', 'inductor', 'static', _EQ),
    ('ly_layer1_reads_layer0_before', 'inductor_graph', 'batch', _EQ),
    ('ly_layer1_reads_layer0_before', 'inductor_graph', 'static', _EQ),
    ('ly_layer1_reads_layer0_before', 'torchair_like', 'batch', _EQ),
    ('ly_layer1_reads_layer0_before', 'torchair_like', 'static', _EQ),
    ('ly_layer1_reads_layer0_before', 'vllm_post', 'batch', _EQ),
    ('ly_layer1_reads_layer0_before', 'vllm_post', 'static', _EQ),
    ('ly_layer1_reads_layer0_rows', 'aot_outputs', 'batch', _FF),
    ('ly_layer1_reads_layer0_rows', 'aot_outputs', 'static', _FF),
    ('ly_layer1_reads_layer0_rows', 'inductor', 'batch', _CD),
    ('ly_layer1_reads_layer0_rows', 'inductor', 'static', _CD),
    ('ly_layer1_reads_layer0_rows', 'inductor_graph', 'batch', _FF),
    ('ly_layer1_reads_layer0_rows', 'inductor_graph', 'static', _FF),
    ('ly_layer1_reads_layer0_rows', 'torchair_like', 'batch', _FF),
    ('ly_layer1_reads_layer0_rows', 'torchair_like', 'static', _FF),
    ('ly_layer1_reads_layer0_rows', 'vllm_post', 'batch', _FF),
    ('ly_layer1_reads_layer0_rows', 'vllm_post', 'static', _FF),
    ('ly_layer1_reads_layer0_rows_loop', 'aot_outputs', 'batch', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'aot_outputs', 'static', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'inductor', 'batch', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'inductor', 'static', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'torchair', 'batch', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'torchair', 'static', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'torchair_like', 'batch', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'torchair_like', 'static', _EQ),
    ('ly_layer1_reads_layer0_rows_loop', 'vllm_post', 'batch', _R),
    ('ly_layer1_reads_layer0_rows_loop', 'vllm_post', 'static', _R),
    ('ly_shared_cache_two_layers', 'aot_outputs', 'batch', _EQ),
    ('ly_shared_cache_two_layers', 'aot_outputs', 'static', _EQ),
    ('ly_shared_cache_two_layers', 'inductor', 'batch', _EQ),
    ('ly_shared_cache_two_layers', 'inductor', 'static', _EQ),
    ('ly_shared_cache_two_layers', 'inductor_graph', 'batch', _EQ),
    ('ly_shared_cache_two_layers', 'inductor_graph', 'static', _EQ),
    ('ly_shared_cache_two_layers', 'torchair', 'batch', _EQ),
    ('ly_shared_cache_two_layers', 'torchair', 'static', _EQ),
    ('ly_shared_cache_two_layers', 'torchair_like', 'batch', _EQ),
    ('ly_shared_cache_two_layers', 'torchair_like', 'static', _EQ),
    ('ly_shared_cache_two_layers', 'vllm_post', 'batch', _EQ),
    ('ly_shared_cache_two_layers', 'vllm_post', 'static', _EQ),
    ('ly_stacked_read_half1_between', 'aot_outputs', 'batch', _EQ),
    ('ly_stacked_read_half1_between', 'aot_outputs', 'static', _EQ),
    ('ly_stacked_read_half1_between', 'inductor', 'batch', _EQ),
    ('ly_stacked_read_half1_between', 'inductor', 'static', _EQ),
    ('ly_stacked_read_half1_between', 'inductor_graph', 'batch', _EQ),
    ('ly_stacked_read_half1_between', 'inductor_graph', 'static', _EQ),
    ('ly_stacked_read_half1_between', 'torchair_like', 'batch', _EQ),
    ('ly_stacked_read_half1_between', 'torchair_like', 'static', _EQ),
    ('ly_stacked_read_half1_between', 'vllm_post', 'batch', _EQ),
    ('ly_stacked_read_half1_between', 'vllm_post', 'static', _EQ),
    ('ly_stacked_snapshot_between_halves', 'aot_outputs', 'batch', _EQ),
    ('ly_stacked_snapshot_between_halves', 'aot_outputs', 'static', _EQ),
    ('ly_stacked_snapshot_between_halves', 'inductor', 'batch', _CD),
    ('ly_stacked_snapshot_between_halves', 'inductor', 'static', _CD),
    ('ly_stacked_snapshot_between_halves', 'inductor_graph', 'batch', _CD),
    ('ly_stacked_snapshot_between_halves', 'inductor_graph', 'static', _CD),
    ('ly_stacked_snapshot_between_halves', 'torchair', 'batch', _EQ),
    ('ly_stacked_snapshot_between_halves', 'torchair', 'static', _EQ),
    ('ly_stacked_snapshot_between_halves', 'torchair_like', 'batch', _EQ),
    ('ly_stacked_snapshot_between_halves', 'torchair_like', 'static', _EQ),
    ('ly_stacked_snapshot_between_halves', 'vllm_post', 'batch', _CD),
    ('ly_stacked_snapshot_between_halves', 'vllm_post', 'static', _CD),
    ('pc_bitand_shift', 'inductor_graph', 'static', _R),
    ('pc_bitand_shift', 'torchair_like', 'static', _R),
    ('pc_cache_pages_of_8', 'inductor_graph', 'static', _EQ),
    ('pc_cache_pages_of_8', 'torchair_like', 'static', _EQ),
    ('pc_control', 'aot_outputs', 'batch', _R),
    ('pc_control', 'aot_outputs', 'dynamic', _EQ),
    ('pc_control', 'aot_outputs', 'static', _EQ),
    ('pc_control', 'inductor', 'batch', _R),
    ('pc_control', 'inductor', 'dynamic', _EQ),
    ('pc_control', 'inductor', 'static', _EQ),
    ('pc_control', 'inductor_graph', 'batch', _R),
    ('pc_control', 'inductor_graph', 'dynamic', _EQ),
    ('pc_control', 'inductor_graph', 'static', _EQ),
    ('pc_control', 'torchair', 'batch', _R),
    ('pc_control', 'torchair', 'dynamic', _EQ),
    ('pc_control', 'torchair', 'static', _EQ),
    ('pc_control', 'torchair_like', 'batch', _R),
    ('pc_control', 'torchair_like', 'dynamic', _EQ),
    ('pc_control', 'torchair_like', 'static', _EQ),
    ('pc_control', 'vllm_post', 'batch', _R),
    ('pc_control', 'vllm_post', 'dynamic', _EQ),
    ('pc_control', 'vllm_post', 'static', _EQ),
    ('pc_first_col', 'inductor_graph', 'static', _R),
    ('pc_first_col', 'torchair_like', 'static', _R),
    ('pc_flat_flatten', 'inductor_graph', 'static', _EQ),
    ('pc_flat_flatten', 'torchair_like', 'static', _EQ),
    ('pc_fmod', 'inductor_graph', 'static', _R),
    ('pc_fmod', 'torchair_like', 'static', _R),
    ('pc_fp16', 'inductor_graph', 'static', _EQ),
    ('pc_fp16', 'torchair_like', 'static', _EQ),
    ('pc_indexed', 'inductor_graph', 'batch', _EQ),
    ('pc_indexed', 'inductor_graph', 'static', _EQ),
    ('pc_indexed', 'torchair_like', 'batch', _EQ),
    ('pc_indexed', 'torchair_like', 'static', _EQ),
    ('pc_int32_gather_widened', 'inductor_graph', 'static', _R),
    ('pc_int32_gather_widened', 'torchair_like', 'static', _R),
    ('pc_offset_plus_one', 'inductor_graph', 'static', _EQ),
    ('pc_offset_plus_one', 'torchair_like', 'static', _EQ),
    ('pc_padded', 'inductor', 'batch', _R),
    ('pc_padded', 'inductor', 'static', _EQ),
    ('pc_padded', 'inductor_graph', 'batch', _R),
    ('pc_padded', 'inductor_graph', 'static', _EQ),
    ('pc_padded', 'torchair', 'batch', _R),
    ('pc_padded', 'torchair', 'static', _EQ),
    ('pc_padded', 'torchair_like', 'batch', _R),
    ('pc_padded', 'torchair_like', 'static', _EQ),
    ('pc_page_clamped_padded', 'inductor_graph', 'static', _R),
    ('pc_page_clamped_padded', 'torchair_like', 'static', _R),
    ('pc_page_shift_left', 'inductor_graph', 'static', _EQ),
    ('pc_page_shift_left', 'torchair_like', 'static', _EQ),
    ('pc_pool_rows_in_graph', 'inductor_graph', 'static', _R),
    ('pc_pool_rows_in_graph', 'torchair_like', 'static', _R),
    ('pc_rem_of_other_entry', 'inductor_graph', 'static', _EQ),
    ('pc_rem_of_other_entry', 'torchair_like', 'static', _EQ),
    ('pc_stacked_joint', 'inductor_graph', 'batch', _R),
    ('pc_stacked_joint', 'inductor_graph', 'static', _EQ),
    ('pc_stacked_joint', 'torchair_like', 'batch', _R),
    ('pc_stacked_joint', 'torchair_like', 'static', _EQ),
    ('pc_sub_mul', 'inductor_graph', 'static', _R),
    ('pc_sub_mul', 'torchair_like', 'static', _R),
    ('pc_then_read_page', 'inductor_graph', 'static', _EQ),
    ('pc_then_read_page', 'torchair_like', 'static', _EQ),
    ('pc_two_steps_one_page', 'aot_outputs', 'static', _EQ),
    ('pc_two_steps_one_page', 'inductor', 'static', _EQ),
    ('pc_two_steps_one_page', 'inductor_graph', 'static', _EQ),
    ('pc_two_steps_one_page', 'torchair_like', 'static', _EQ),
    ('pc_two_steps_one_page', 'vllm_post', 'static', _EQ),
    ('pc_unclamped_i_indexed', 'inductor_graph', 'static', _EQ),
    ('pc_unclamped_i_indexed', 'torchair_like', 'static', _EQ),
    ('st_clone_step_copyback', 'aot_outputs', 'static', _EQ),
    ('st_clone_step_copyback', 'inductor', 'static', _EQ),
    ('st_clone_step_copyback', 'inductor_graph', 'static', _EQ),
    ('st_clone_step_copyback', 'torchair_like', 'static', _EQ),
    ('st_clone_step_copyback', 'vllm_post', 'static', _EQ),
    ('st_control', 'aot_outputs', 'batch', _EQ),
    ('st_control', 'aot_outputs', 'dynamic', _EQ),
    ('st_control', 'aot_outputs', 'static', _EQ),
    ('st_control', 'inductor', 'batch', _EQ),
    ('st_control', 'inductor', 'dynamic', _EQ),
    ('st_control', 'inductor', 'static', _EQ),
    ('st_control', 'inductor_graph', 'batch', _EQ),
    ('st_control', 'inductor_graph', 'dynamic', _EQ),
    ('st_control', 'inductor_graph', 'static', _EQ),
    ('st_control', 'torchair', 'batch', _EQ),
    ('st_control', 'torchair', 'dynamic', _EQ),
    ('st_control', 'torchair', 'static', _EQ),
    ('st_control', 'torchair_like', 'batch', _EQ),
    ('st_control', 'torchair_like', 'dynamic', _EQ),
    ('st_control', 'torchair_like', 'static', _EQ),
    ('st_control', 'vllm_post', 'batch', _EQ),
    ('st_control', 'vllm_post', 'dynamic', _EQ),
    ('st_control', 'vllm_post', 'static', _EQ),
    ('st_fp16', 'inductor_graph', 'static', _EQ),
    ('st_fp16', 'torchair_like', 'static', _EQ),
    ('st_kv_stacked_flipped', 'inductor', 'static', _EQ),
    ('st_kv_stacked_flipped', 'inductor_graph', 'static', _EQ),
    ('st_kv_stacked_flipped', 'torchair_like', 'static', _EQ),
    ('st_kv_stacked_read', 'inductor', 'static', _EQ),
    ('st_kv_stacked_read', 'inductor_graph', 'static', _EQ),
    ('st_kv_stacked_read', 'torchair_like', 'static', _EQ),
    ('st_read_half_after', 'inductor_graph', 'static', _EQ),
    ('st_read_half_after', 'torchair_like', 'static', _EQ),
    ('st_rows_of_transposed_stack', 'inductor_graph', 'static', _R),
    ('st_rows_of_transposed_stack', 'torchair_like', 'static', _R),
    ('st_slice_of_bigger', 'inductor_graph', 'static', _EQ),
    ('st_slice_of_bigger', 'torchair_like', 'static', _EQ),
    ('st_snapshot_half_before', 'aot_outputs', 'static', _EQ),
    ('st_snapshot_half_before', 'inductor', 'static', _EQ),
    ('st_snapshot_half_before', 'inductor_graph', 'static', _EQ),
    ('st_snapshot_half_before', 'torchair_like', 'static', _EQ),
    ('st_snapshot_half_before', 'vllm_post', 'static', _EQ),
    ('st_three_halves', 'inductor', 'static', _EQ),
    ('st_three_halves', 'inductor_graph', 'static', _EQ),
    ('st_three_halves', 'torchair_like', 'static', _EQ),
    ('st_two_writes_one_stack', 'aot_outputs', 'batch', _EQ),
    ('st_two_writes_one_stack', 'aot_outputs', 'static', _EQ),
    ('st_two_writes_one_stack', 'inductor_graph', 'batch', _EQ),
    ('st_two_writes_one_stack', 'inductor_graph', 'static', _EQ),
    ('st_two_writes_one_stack', 'torchair_like', 'batch', _EQ),
    ('st_two_writes_one_stack', 'torchair_like', 'static', _EQ),
    ('st_two_writes_one_stack', 'vllm_post', 'batch', _EQ),
    ('st_two_writes_one_stack', 'vllm_post', 'static', _EQ),
    ('st_values_broadcast_one', 'inductor_graph', 'static', _EQ),
    ('st_values_broadcast_one', 'torchair_like', 'static', _EQ),
    ('st_values_cumsum0', 'inductor_graph', 'static', _R),
    ('st_values_cumsum0', 'torchair_like', 'static', _R),
    ('st_values_flip0', 'inductor_graph', 'static', _R),
    ('st_values_flip0', 'torchair_like', 'static', _R),
    ('st_values_gather_dim0', 'inductor_graph', 'static', _R),
    ('st_values_gather_dim0', 'torchair_like', 'static', _R),
    ('st_values_index_select_swap', 'inductor_graph', 'static', _R),
    ('st_values_index_select_swap', 'torchair_like', 'static', _R),
    ('st_values_narrow_of_three', 'inductor_graph', 'static', _R),
    ('st_values_narrow_of_three', 'torchair_like', 'static', _R),
    ('st_values_roll0', 'inductor_graph', 'static', _R),
    ('st_values_roll0', 'torchair_like', 'static', _R),
    ('st_values_sign_vector', 'inductor_graph', 'static', _R),
    ('st_values_sign_vector', 'torchair_like', 'static', _R),
    ('st_values_sum_keep', 'inductor_graph', 'static', _R),
    ('st_values_sum_keep', 'torchair_like', 'static', _R),
    ('st_values_transposed', 'inductor_graph', 'static', _R),
    ('st_values_transposed', 'torchair_like', 'static', _R),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
