"""Thirtieth adversarial review of the recogniser (round 30; reviewer focus: the graph rewrites trusted as identities
before the proof -- the new rewrite.stacked_reads and rewrite._entry_along / _scattered_through_rows first -- how the
paged input and the roles are found, and whole models: several steps sharing caches, appends around the step,
functional updates, clones of caches).

Same format as redteam25: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)`` (here ``kv`` and ``cache`` may be stacked
or per-request tensors the step reads as such); runner and classification are redteam7's ``classify7``.

    python tests/corpora/redteam30.py [--dialect D] [--mode M] [name ...]      # names match as substrings

First try (03:02-04:03 UTC 2026-12-05, frozen snapshot of e89f5f5 in /tmp/base30, PYTHONPATH=/tmp/base30, run from that
tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1): 104 attacks in 11 themes (sr_ stacked_reads 21 + the 2
plain_ controls of the append-between idea, dy_ stacked_reads under dynamic=True 9, hm_ per-request entries by scatter 22, cl_ clones / snapshots / functional
updates 15, ly_ strided layouts 7, vb_ calls at other batch sizes 6, jw_ one joint write fed by one stacked gather 5, kp_
near misses on the kept side 7, mw_ mean pooling 4, wm_ whole steps 3, al_ memories carved out of the KV 3), 252 runs per
dialect in each of the two graph dialects and in three confirmation dialects (``_FIRST``):

    inductor_graph  252 runs: 0 FALSE FUSION / 0 CRASH / 208 fused & equal / 39 refused / 5 CONTROL DIFFERS
    torchair_like   252 runs: 0 FALSE FUSION / 0 CRASH / 213 fused & equal / 39 refused / 0 control differs
    inductor        252 runs (real Inductor codegen, nsa_fusion_backend): 0 / 0 / 208 / 39 / 5 CONTROL DIFFERS
    vllm_post       252 runs (the vLLM adapters' mutating call, Inductor codegen): 0 / 0 / 208 / 39 / 5 CONTROL DIFFERS
    aot_outputs     252 runs (vllm-ascend's mutations-as-outputs compile): 0 / 0 / 213 / 39 / 0
    torchair         15 runs (real torchair on CPU, run_eagerly; static; sr_ / hm_ / ly_ / vb_ / cl_ picks): 15 equal

The 5 CONTROL DIFFERS (sr_snapshot_between static / batch, hm_stacked_halves_snapshot static / batch / dynamic, in
each Inductor dialect): a ``clone()`` snapshot of a stacked cache taken between the writes of its two halves; plain
Inductor returns half 1's new rows in the snapshot (red-team 17 N2's class, Inductor's post-grad passes drop the clone).
The pass's outputs are bit for bit the control's there (checked with pass on / off in ``--dialect inductor``, static
and batch: identical), so it does not make that Inductor bug worse; torchair_like and aot_outputs keep the clone and
fuse with eager's numbers.

FOUND: nothing.  No FALSE FUSION, no CRASH in any dialect (/work/briefs/redteam30_findings.md).

What was read: rewrite.stacked_reads, _entry_along, _scattered_through_rows, _scattered_rows, _per_request_rows,
_head_major_rows, _one_head_rows, concatenated_reads, dense_window_reads (and _gathered_window / _unfolded_window /
_chunked_window / _position_per_row), paged_flat_reads, unflatten_head_rows, integer_ops_as_arithmetic,
merge_duplicate_views, split_stacked_writes / settle_stacked_splits, keep_intermediate_caches_out_of_place,
reinplace_clones, protect_old_cache_readers, replace_step / _fused; roles.find_input / _sources / _page_view /
_half_of_stack; sizes.check_int_paths' page_size_pinned and _flashinfer_lengths / _pages_minus_one /
_wide_int_casts_off.  Each rewrite was checked by hand as an identity on every input (index layouts of aten.index with
a leading tensor index, broadcast and negative indices, casts, reshapes in row-major order, squeeze / unsqueeze on the
scattered dim, the gather readers rerouted through G[arange(B)]); no case was found where one is not.

What was tried that did not break (equal or refused, every dialect):
* sr_ (stacked_reads): [NP, 2, P, N, D], [NP, P, 2, N, D], interleaved [NP, P, N, D, 2] (a half of stride 2 in D),
  a stack of 3, negative select indices, swapped halves, one half read twice, a cast before the select, [G, S, N, D]
  caches, the joint gather also read elsewhere, a token pair appended between the gather and the writes (the window
  reads the overwritten token), half 1 of the KV scaled in place after the step and half 0 scaled between gather and
  write, two layers of a [2, NP, 2, P, N, D] stack (4 steps), a functional update (clone), a cache copied out of the
  KV's half (equal) and a cache that IS page 0 of the half the windows read (refused: cache aliases the paged input),
  calls at B = 40, 24, 57: all fused & equal or refused.  Under dynamic=True the sr_ steps are refused: dynamo makes
  the Python int of the select (an int of a closure tuple) a SymInt graph input, and stacked_reads takes int indices
  only (``tokens are gathered from argN (placeholder)``), a coverage gap, not a soundness one.  So the dy_ theme
  writes the index as a literal (``_lit``; ``sr_np2_range``: ``for j in range(2)``): under dynamic=True all nine
  (three layouts, negative indices, swapped halves, a stack of 3, a cast first, [G, S, N, D] caches, one half twice)
  fuse every half and equal eager at B = 40, 24, 57 in every dialect.
* hm_ (_entry_along / _scattered_through_rows): head-major [R, N, M, D] along dim 2 and token-major [R, M, N, D]
  along dim 1 (dynamic: symbolic M), the kept gather also returned, doubled, or subtracted from the entries read after
  the write (G's readers: keep_intermediate_caches_out_of_place gives the call a detach_copy), negative dims, the
  select's operands swapped, a functional scatter, a clone written, the kept entry read from the input beside a clone,
  two steps at entries i and i + 1 (the second is refused), a second write of entry i keeping the entry read before the
  first, a flat [S, N, D] cache viewed [S / M, N, M, D] (models13's spelling) with a snapshot, windows read from the
  memories themselves, memories passed as a permute of token-major storage, a slice view, a transpose view, fp32,
  mean pooling (fp16; bf16 refused by the sum-then-scale rule), K/V memories stacked [R, 2, N, M, D] (see CONTROL
  DIFFERS), two layers' memories in head slices of one tensor, memories carved out of the paged KV's last pages (the
  windows read them; equal) and a second compression of that KV after it (refused: more than one source; on these
  inputs its windows read none of the entries step 1 wrote), calls at
  B = 40, 24, 57 (memories of B + 3 rows; automatic dynamic after the recompile); two functional scatters from one
  memory tensor sharing one kept gather, both returned (the first rewrite reroutes the shared gather through its G).
* kp_ near misses (all refused): half j kept from half 1 - j, a joint gather of the kept rows (also the contract;
  refused conservatively), a stale kept entry read before ``mem.mul_(2)``, kept entries rolled by a row, the kept
  entry gathered at ``idx + 0`` (another index node), an index broadcast along D.
* jw_: one joint write ``cache[:, s] = where(..)`` into [2, S, N, D] fed by per-half pools of one gather (fused &
  equal, halves swapped too); pooling both halves jointly then moving the stack first (permute / transpose / movedim):
  refused (the pick is not pushed through the joint pooling, so no paged input is found).
* cl_ (clones, snapshots, functional updates; Inductor 2.13's reinplacing bugs with clones of mutated inputs): a clone
  and the input written by two steps, a snapshot between two steps into one cache (returned alone and with the cache),
  clone-step-copy_ back, the input read beside a written clone, functional index_put, a functional step then the same
  rows written in place from it, a view taken before and read after, a step through a view and the base read, a clone
  of a clone, two layers over the same slots, old rows read before and used after, the input scaled after a clone was
  written, a step through ``detach()``, pytorch#198031's shape (clone, mutate the input, return both): all fused & equal
  in every dialect, real Inductor and the vLLM path included.
* whole steps (wm_): append a K/V pair, one gather, two halves compressed, an attention over the compressed rows;
  memories compressed then read whole; fused & equal.
* Outside the corpus (standalone, /work/briefs/redteam30_probe_symint_cfg.py, redteam30_probe_literal_page.py):
  a stride read from a mutable global dict under dynamic=True (changed between calls: the pass recompiles, equal); a
  page size baked in as a literal (pos // 64) under dynamic=True, compiled at P = 64 and called at P = 32 with windows
  inside the first 32 rows of each 64-block (where an unguarded reuse would read other pages): equal in both graph
  dialects.

Attack bug (not a result): hm_kv_is_mem's first input factory asked for 48 distinct pages of 40 (RuntimeError in the
factory, 03:05); fixed to 60 memory rows before its first recorded run.
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
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")


# --- inputs ---------------------------------------------------------------------------------------------------
def _other(kv, seed=7):
    """A second KV half: other finite values where kv is finite, kv's specials elsewhere."""
    g = torch.Generator().manual_seed(seed)
    o = (torch.randint(-32, 33, kv.shape, generator=g) / 16.0).to(kv.dtype)
    return torch.where(kv.isfinite(), o, kv)


def _stacked(layout="NP2", seed=0, dtype=torch.float16, G=2, cache_layout="S2", **kw):
    """build()'s inputs with the paged KV stacked with G-1 other halves (layout NP2: [NP, G, P, N, D]; PN2: [NP, P,
    G, N, D]; last: [NP, P, N, D, G]) and a stacked compressed cache (S2: [S, G, N, D]; 2S: [G, S, N, D])."""
    x = build(seed=seed, dtype=dtype, **kw)
    kv, w, slots, table, lens, cache = x.args
    halves = [kv] + [_other(kv, seed + 11 * h) for h in range(1, G)]
    dim = {"NP2": 1, "PN2": 2, "last": 4}[layout]
    kv2 = torch.stack(halves, dim=dim)
    chalves = [cache] + [(cache * (h + 2)).to(dtype) for h in range(1, G)]
    c2 = torch.stack(chalves, dim={"S2": 1, "2S": 0}[cache_layout])
    return [kv2, w, slots, table, lens, c2]


def _stacked_calls(n=2, **kw):
    return lambda: [_stacked(seed=k, **kw) for k in range(n)]


def _std(n=2, **kw):
    return lambda: [build(seed=k, **kw).args for k in range(n)]


def _mem(head_major=True, M=15, extra=3, seed=0, dtype=torch.float16, **kw):
    """build()'s inputs with a per-request compressed memory instead of the cache: [B + extra, N, M, D] (head
    major) or [B + extra, M, N, D] (token major); entries of rows that do not complete hold specials."""
    x = build(seed=seed, dtype=dtype, **kw)
    kv, w, slots, table, lens, cache = x.args
    B, N, D = lens.shape[0], kv.shape[2], kv.shape[3]
    g = torch.Generator().manual_seed(seed + 50)
    shape = (B + extra, N, M, D) if head_major else (B + extra, M, N, D)
    mem = (torch.randint(-32, 33, shape, generator=g) / 16.0).to(dtype)
    sp = torch.tensor([float("nan"), float("inf"), float("-inf"), -0.0]).to(dtype)
    flat = mem.view(-1)
    idx = torch.randint(0, flat.numel(), (64,), generator=g)
    flat[idx] = sp[torch.arange(64) % 4]
    return [kv, w, slots, table, lens, mem]


def _mem_calls(n=2, **kw):
    return lambda: [_mem(seed=k, **kw) for k in range(n)]


# --- theme 1 (sr_): rewrite.stacked_reads: one gather of a stacked KV, a select of one half ---------------------
def _lit(j):
    """A Python int literal equal to ``j`` (under dynamic=True dynamo makes a closure int a SymInt graph input; the
    comparisons guard it and give back a constant)."""
    for k in range(-3, 4):
        if j == k:
            return k
    raise ValueError(j)


def _sr_step(layout="NP2", sel=(0, 1), cast_first=False, also_return=False, cache_layout="S2", weights="same",
             lit=False):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        if layout == "NP2":
            P = kv.shape[2]
            both = kv[table.long().gather(1, pos // P), :, pos % P]  # [B, l, G, N, D]
            sdim = 2
        elif layout == "PN2":
            P = kv.shape[1]
            both = kv[table.long().gather(1, pos // P), pos % P]  # [B, l, G, N, D]
            sdim = 2
        else:
            P = kv.shape[1]
            both = kv[table.long().gather(1, pos // P), pos % P]  # [B, l, N, D, G]
            sdim = 4
        if cast_first:
            both = both.float()
        valid = completes(lens)
        s = slots.long()
        outs = []
        for h, j in enumerate(sel):
            if lit:
                h, j = _lit(h), _lit(j)
            ww = w if weights == "same" or h == 0 else w.flip(0)
            new = pool(both.select(sdim, j), ww)
            if cache_layout == "S2":
                cache[s, h] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, h])
            else:
                cache[h][s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[h][s])
        if also_return:
            outs.append(both.float().sum())
        return (cache, *outs)
    return step


def _sr_append_between(kv, w, slots, table, lens, cache):
    """Read the windows, then append a token pair at position s - 1 (the last one the window reads), then write."""
    pos = positions(lens)
    P = kv.shape[2]
    pages = table.long().gather(1, pos // P)
    both = kv[pages, :, pos % P]
    last = (lens.long() - 1).clamp(min=0)
    kv[table.long().gather(1, (last // P)[:, None])[:, 0], :, last % P] = torch.full_like(kv[0, :, 0], 3.0)[None] \
        .expand(lens.shape[0], *kv.shape[1:2], *kv.shape[3:])
    valid = completes(lens)
    s = slots.long()
    for j in range(2):
        new = pool(both[:, :, j], w)
        cache[s, j] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, j])
    return cache


def _plain_append_between(kv, w, slots, table, lens, cache):
    """The plain contract: windows read, then a token appended at position s - 1 (read by the window), then the
    row write (eager pools the OLD token)."""
    pos = positions(lens)
    tok = tokens(kv, table, pos)
    P = kv.shape[1]
    last = (lens.long() - 1).clamp(min=0)
    kv[table.long().gather(1, (last // P)[:, None])[:, 0], last % P] = 3.0
    return write(cache, slots, completes(lens), pool(tok, w))


def _plain_append_between_pooled(kv, w, slots, table, lens, cache):
    """As above, but pool before the append (the new row computed, then the KV written, then the cache)."""
    pos = positions(lens)
    new = pool(tokens(kv, table, pos), w)
    P = kv.shape[1]
    last = (lens.long() - 1).clamp(min=0)
    kv[table.long().gather(1, (last // P)[:, None])[:, 0], last % P] = 3.0
    return write(cache, slots, completes(lens), new)


def _sr_two_layers(kv, w, slots, table, lens, cache):
    """Two layers: a [2(layers), NP, 2, P, N, D] stack read layer by layer, one gather per layer; cache [S, 4, N, D]."""
    pos = positions(lens)
    P = kv.shape[3]
    pages = table.long().gather(1, pos // P)
    valid = completes(lens)
    s = slots.long()
    for layer in range(2):
        both = kv[layer][pages, :, pos % P]
        for j in range(2):
            new = pool(both[:, :, j], w)
            c = 2 * layer + j
            cache[s, c] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, c])
    return cache


def _sr_two_layer_inputs(n=2):
    def one(k):
        a = _stacked(seed=k)
        b = _stacked(seed=k + 20)
        kv = torch.stack((a[0], b[0].flip(0) * 0 + a[0] * 2), 0)
        cache = torch.cat((a[5], b[5]), 1)
        return [kv, a[1], a[2], a[3], a[4], cache]
    return lambda: [one(k) for k in range(n)]


def _sr_functional(kv, w, slots, table, lens, cache):
    """A functional update: the stacked cache is not written, a new one returned."""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    valid = completes(lens)
    s = slots.long()
    out = cache.clone()
    for j in range(2):
        new = pool(both[:, :, j], w)
        out[s, j] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, j])
    return out, cache


def _sr_snapshot_between(kv, w, slots, table, lens, cache):
    """A snapshot of the stacked cache between the two halves' writes."""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    valid = completes(lens)
    s = slots.long()
    new0 = pool(both[:, :, 0], w)
    cache[s, 0] = torch.where(valid[:, None, None], new0.to(cache.dtype), cache[s, 0])
    snap = cache.clone()
    new1 = pool(both[:, :, 1], w)
    cache[s, 1] = torch.where(valid[:, None, None], new1.to(cache.dtype), cache[s, 1])
    return cache, snap


def _sr_kv_is_written_after(kv, w, slots, table, lens, cache):
    """The KV half the step reads is written in place after the step (the next step's append of both halves at
    page 0's first token and the whole of half 1 scaled): the fused call must read the old KV."""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    valid = completes(lens)
    s = slots.long()
    for j in range(2):
        new = pool(both[:, :, j], w)
        cache[s, j] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, j])
    kv[:, 1].mul_(2)
    return cache


def _sr_select_view_of_kv_read_after(kv, w, slots, table, lens, cache):
    """The half as a view, scaled in place between the gather and the write (eager pooled the old values)."""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    kv.select(1, 0).mul_(2)
    valid = completes(lens)
    s = slots.long()
    for j in range(2):
        new = pool(both[:, :, j], w)
        cache[s, j] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, j])
    return cache


def _sr_alias_cache_is_kv_half(kv, w, slots, table, lens, cache):
    """The compressed cache is a view of the stacked KV's page rows: half 1's pages flattened (a cache carved out of
    what the step reads, through the stack)."""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    valid = completes(lens)
    c = kv[:, 1].reshape(-1, kv.shape[3], kv.shape[4])  # (a copy: the half is not contiguous)
    s = slots.long()
    new = pool(both[:, :, 0], w)
    c[s] = torch.where(valid[:, None, None], new.to(c.dtype), c[s])
    return c


ATTACKS = [
    ("sr_np2_base", _mk(_sr_step(), _stacked_calls(), MODES3),
     "control: one gather of [NP, 2, P, N, D], both[:, :, j] per half into [S, 2, N, D]"),
    ("sr_np2_cast_first", _mk(_sr_step(cast_first=True), _stacked_calls(), MODES3),
     "kv[pages, :, offs].float()[:, :, j]"),
    ("sr_np2_neg_select", _mk(_sr_step(sel=(-2, -1)), _stacked_calls(), MODES3),
     "both[:, :, -2], both[:, :, -1]"),
    ("sr_np2_swapped_halves", _mk(_sr_step(sel=(1, 0)), _stacked_calls(), MODES3),
     "half 1 into cache half 0 and half 0 into half 1"),
    ("sr_np2_same_half_twice", _mk(_sr_step(sel=(1, 1), weights="flip"), _stacked_calls(), SB),
     "half 1 read twice, pooled with w and w.flip(0)"),
    ("sr_np3", _mk(_sr_step(sel=(2, 0)), _stacked_calls(G=3), MODES3),
     "a stack of three: halves 2 and 0"),
    ("sr_pn2", _mk(_sr_step(layout="PN2"), _stacked_calls(layout="PN2"), MODES3),
     "[NP, P, 2, N, D] read kv[pages, offs][:, :, j]"),
    ("sr_last", _mk(_sr_step(layout="last"), _stacked_calls(layout="last"), MODES3),
     "[NP, P, N, D, 2] (interleaved): kv[pages, offs][..., j], a half of stride 2 in D"),
    ("sr_last_fp32", _mk(_sr_step(layout="last"), _stacked_calls(layout="last", dtype=torch.float32), SB),
     "interleaved halves in fp32"),
    ("sr_last_bf16", _mk(_sr_step(layout="last"), _stacked_calls(layout="last", dtype=torch.bfloat16), SB),
     "interleaved halves in bf16"),
    ("sr_2s_cache", _mk(_sr_step(cache_layout="2S"), _stacked_calls(cache_layout="2S"), MODES3),
     "[G, S, N, D] cache written cache[h][s]"),
    ("sr_also_returned", _mk(_sr_step(also_return=True), _stacked_calls(), SB),
     "the joint gather also read by other code (its sum returned)"),
    ("sr_append_between", _mk(_sr_append_between, _stacked_calls(), SB),
     "gather, then a pair appended at position s - 1 (read by the window), then the writes"),
    ("plain_append_between", _mk(_plain_append_between, _std(), SB),
     "plain contract: tokens gathered, token s - 1 overwritten, then pooled and written"),
    ("plain_append_between_pooled", _mk(_plain_append_between_pooled, _std(), SB),
     "plain contract: pooled, token s - 1 overwritten, then written"),
    ("sr_two_layers", _mk(_sr_two_layers, _sr_two_layer_inputs(), SB),
     "[2, NP, 2, P, N, D]: layer then half, four steps into [S, 4, N, D]"),
    ("sr_functional", _mk(_sr_functional, _stacked_calls(), SB),
     "out = cache.clone(); out[s, j] = where(.., cache[s, j]); return out, cache"),
    ("sr_snapshot_between", _mk(_sr_snapshot_between, _stacked_calls(), SB),
     "snapshot of the stacked cache between the two halves' writes"),
    ("sr_kv_written_after", _mk(_sr_kv_is_written_after, _stacked_calls(), SB),
     "half 1 of the KV scaled in place after the step"),
    ("sr_kv_half_scaled_between", _mk(_sr_select_view_of_kv_read_after, _stacked_calls(), SB),
     "half 0 of the KV scaled in place between the gather and the writes"),
    ("sr_alias_cache_from_kv", _mk(_sr_alias_cache_is_kv_half,
                                   lambda: [[a[0], a[1], a[2] % (a[0].shape[0] * a[0].shape[2]), a[3], a[4], a[5]]
                                            for a in _stacked_calls()()], SB),
     "cache = kv[:, 1] flattened (a copy), pooled from half 0"),
]


# --- theme 2 (hm_): rewrite._entry_along / _scattered_through_rows: per-request entries by scatter -------------
def _entry(lens):
    return ((lens.long() - L) // STRIDE).clamp(min=0)


def _hm_step(kind="base", dim=2):
    def step(kv, w, slots, table, lens, mem):
        B = lens.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)  # [B, N, D] fp32
        i = _entry(lens)
        if dim == 2:
            N, D = mem.shape[1], mem.shape[3]
            at = i.view(B, 1, 1, 1).expand(B, N, 1, D)
            nv = new.to(mem.dtype)[:, :, None]
        else:
            N, D = mem.shape[2], mem.shape[3]
            at = i.view(B, 1, 1, 1).expand(B, 1, N, D)
            nv = new.to(mem.dtype)[:, None]
        valid = completes(lens)[:, None, None, None]
        if kind == "base":
            mem.scatter_(dim, at, torch.where(valid, nv, mem.gather(dim, at)))
            return mem
        if kind == "old_returned":
            old = mem.gather(dim, at)
            mem.scatter_(dim, at, torch.where(valid, nv, old))
            return mem, old
        if kind == "old_times2":
            old = mem.gather(dim, at)
            mem.scatter_(dim, at, torch.where(valid, nv, old))
            return mem, old * 2
        if kind == "old_used_late":
            old = mem.gather(dim, at)
            mem.scatter_(dim, at, torch.where(valid, nv, old))
            return mem, mem.gather(dim, at) - old
        if kind == "neg_dim":
            mem.scatter_(dim - 4, at, torch.where(valid, nv, mem.gather(dim - 4, at)))
            return mem
        if kind == "swapped":
            mem.scatter_(dim, at, torch.where(~valid, mem.gather(dim, at), nv))
            return mem
        if kind == "functional":
            out = mem.scatter(dim, at, torch.where(valid, nv, mem.gather(dim, at)))
            return out, mem
        if kind == "clone":
            m2 = mem.clone()
            m2.scatter_(dim, at, torch.where(valid, nv, m2.gather(dim, at)))
            return m2, mem
        if kind == "clone_kept_from_input":
            m2 = mem.clone()
            m2.scatter_(dim, at, torch.where(valid, nv, mem.gather(dim, at)))
            return m2
        if kind == "two_entries":  # a second compression at entry i + 1 (another weight)
            mem.scatter_(dim, at, torch.where(valid, nv, mem.gather(dim, at)))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0)).to(mem.dtype)
            nv2 = new2[:, :, None] if dim == 2 else new2[:, None]
            at2 = at + 1
            mem.scatter_(dim, at2, torch.where(valid, nv2, mem.gather(dim, at2)))
            return mem
        if kind == "two_same_entry_stale":  # the second write keeps the entry read before the first
            old = mem.gather(dim, at)
            mem.scatter_(dim, at, torch.where(valid, nv, old))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0)).to(mem.dtype)
            nv2 = new2[:, :, None] if dim == 2 else new2[:, None]
            mem.scatter_(dim, at, torch.where(valid, nv2, old))
            return mem
        if kind == "old_kept_two_steps":  # step 2 keeps step 1's old entry (read before step 1)
            old = mem.gather(dim, at)
            mem.scatter_(dim, at, torch.where(valid, nv, old))
            at2 = at + 1
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0)).to(mem.dtype)
            nv2 = new2[:, :, None] if dim == 2 else new2[:, None]
            mem.scatter_(dim, at2, torch.where(valid, nv2, old))
            return mem
        if kind == "view_of_cache":  # the memories a view of a flat cache
            raise NotImplementedError
        raise ValueError(kind)
    return step


def _hm_flat_view(kv, w, slots, table, lens, cache):
    """models13's spelling: a flat [S, N, D] cache viewed as [S / M, N, M, D] memories, entries by scatter_."""
    B, (S, N, D) = lens.shape[0], cache.shape
    M = 15
    new = pool(tokens(kv, table, positions(lens)), w)
    mem = cache.view(S // M, N, M, D)
    i = _entry(lens)
    at = i.view(B, 1, 1, 1).expand(B, N, 1, D)
    mem.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new.to(cache.dtype)[:, :, None],
                                    mem.gather(2, at)))
    return cache


def _hm_flat_view_then_read(kv, w, slots, table, lens, cache):
    """As _hm_flat_view, and the flat cache rows of the batch read after (returned)."""
    B, (S, N, D) = lens.shape[0], cache.shape
    M = 15
    new = pool(tokens(kv, table, positions(lens)), w)
    snap = cache[:8].clone()
    mem = cache.view(S // M, N, M, D)
    i = _entry(lens)
    at = i.view(B, 1, 1, 1).expand(B, N, 1, D)
    mem.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new.to(cache.dtype)[:, :, None],
                                    mem.gather(2, at)))
    return cache, snap


def _flat_inputs(n=2, M=15, extra=3):
    def one(k):
        a = _mem(seed=k, M=M, extra=extra)
        mem = a[5]
        flat = mem.reshape(-1, mem.shape[1], mem.shape[3]).clone()  # [S, N, D] memory reinterpretation
        return [*a[:5], flat]
    return lambda: [one(k) for k in range(n)]


def _hm_kv_is_mem(kv, w, slots, table, lens, mem):
    """The windows read from a KV that is a view of the memories' storage? No: the memories ARE read as the KV
    (kv = mem's first rows viewed as pages), so the step reads what it writes."""
    B = lens.shape[0]
    N, M, D = mem.shape[1], mem.shape[2], mem.shape[3]
    pages = mem.permute(0, 2, 1, 3)  # [R, M, N, D]: each memory row as a page of M tokens
    pos = (lens.long()[:, None] - 8 + torch.arange(8)).clamp(min=0)
    new = (pages[table.long().gather(1, pos // M), pos % M].float() * w[:8].float()[None, :, :, None]).sum(1)
    i = _entry(lens)
    at = i.view(B, 1, 1, 1).expand(B, N, 1, D)
    valid = ((lens >= 8) & ((lens - 8) % 4 == 0))[:, None, None, None]
    mem.scatter_(2, at, torch.where(valid, new.to(mem.dtype)[:, :, None], mem.gather(2, at)))
    return mem


def _hm_kv_is_mem_inputs(n=2):
    def one(k):
        g = torch.Generator().manual_seed(k)
        B, N, D, M, R = 12, 2, 16, 15, 60
        mem = (torch.randint(-32, 33, (R, N, M, D), generator=g) / 16.0).half()
        table = torch.randperm(R, generator=g)[: B * 4].view(B, 4).int()
        lens = torch.randint(0, 4 * M + 1, (B,), generator=g)
        lens[:6] = torch.tensor([8, 12, 16, 20, 24, 28])
        lens = lens.clamp(max=(M - 1) * 4 + 8).int()  # (entry i = (s - 32) // 16 clamp 0 < M)
        w = (torch.randint(-64, 65, (L, N), generator=g) / 64.0).half()
        return [torch.zeros(1), w, torch.zeros(B, dtype=torch.int32), table, lens, mem]
    return lambda: [one(k) for k in range(n)]


ATTACKS += [
    ("hm_base", _mk(_hm_step("base"), _mem_calls(), MODES3),
     "control: head-major [R, N, M, D] memories, scatter_(2, i.view(B,1,1,1).expand(B,N,1,D), where(v, new, gather))"),
    ("hm_tm_base", _mk(_hm_step("base", dim=1), _mem_calls(head_major=False), MODES3),
     "control: token-major [R, M, N, D], scatter_ along dim 1 (dynamic: symbolic M)"),
    ("hm_old_returned", _mk(_hm_step("old_returned"), _mem_calls(), MODES3),
     "the kept gather also returned (rerouted to G[r]; G then written by the fused call)"),
    ("hm_tm_old_returned", _mk(_hm_step("old_returned", dim=1), _mem_calls(head_major=False), MODES3),
     "token-major, the kept gather also returned"),
    ("hm_old_times2", _mk(_hm_step("old_times2"), _mem_calls(), MODES3),
     "old * 2 returned"),
    ("hm_old_used_late", _mk(_hm_step("old_used_late"), _mem_calls(), MODES3),
     "mem.gather(2, at) - old after the write (new minus old entries)"),
    ("hm_tm_old_used_late", _mk(_hm_step("old_used_late", dim=1), _mem_calls(head_major=False), MODES3),
     "token-major, new minus old entries returned"),
    ("hm_neg_dim", _mk(_hm_step("neg_dim"), _mem_calls(), MODES3),
     "scatter_(-2, ...) / gather(-2, ...)"),
    ("hm_swapped", _mk(_hm_step("swapped"), _mem_calls(), SB),
     "where(~valid, old, new)"),
    ("hm_functional", _mk(_hm_step("functional"), _mem_calls(), MODES3),
     "out = mem.scatter(...); return out, mem"),
    ("hm_tm_functional", _mk(_hm_step("functional", dim=1), _mem_calls(head_major=False), MODES3),
     "token-major functional scatter, returned beside the input"),
    ("hm_clone", _mk(_hm_step("clone"), _mem_calls(), MODES3),
     "m2 = mem.clone(); m2.scatter_(...); return m2, mem"),
    ("hm_clone_kept_from_input", _mk(_hm_step("clone_kept_from_input"), _mem_calls(), SB),
     "m2 = mem.clone(); m2.scatter_(.., where(v, new, mem.gather(..))) (kept from the input, same values)"),
    ("hm_two_entries", _mk(_hm_step("two_entries"), _mem_calls(M=16), MODES3),
     "two steps into one memory: entries i and i + 1"),
    ("hm_tm_two_entries", _mk(_hm_step("two_entries", dim=1), _mem_calls(M=16, head_major=False), MODES3),
     "token-major: entries i and i + 1"),
    ("hm_two_same_entry_stale", _mk(_hm_step("two_same_entry_stale"), _mem_calls(), SB),
     "two writes of entry i; the second keeps the entry read before the first"),
    ("hm_old_kept_two_steps", _mk(_hm_step("old_kept_two_steps"), _mem_calls(M=16), SB),
     "step 2 at i + 1 keeps step 1's old entry i"),
    ("hm_flat_view", _mk(_hm_flat_view, _flat_inputs(), MODES3),
     "control (models13): flat [S, N, D] cache viewed [S / M, N, M, D]"),
    ("hm_flat_view_snapshot", _mk(_hm_flat_view_then_read, _flat_inputs(), SB),
     "flat cache viewed as memories, a snapshot of its first rows before"),
    ("hm_kv_is_mem", _mk(_hm_kv_is_mem, _hm_kv_is_mem_inputs(), SB),
     "the windows read from the memories themselves (each memory row a page of M tokens), l = 8, d = 4"),
]



# --- theme 3 (cl_): whole steps around clones, snapshots, functional updates and shared caches ---------------------
def _rows(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


def _sel(cache, s, lens, new):
    return torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])


def _cl(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        new = _rows(kv, w, table, lens)
        if kind == "clone_then_two_steps":  # the input written, a clone written with other rows
            c2 = cache.clone()
            cache[s] = _sel(cache, s, lens, new)
            new2 = _rows(kv, w.flip(0), table, lens)
            c2[s] = _sel(c2, s, lens, new2)
            return c2
        if kind == "step_clone_step":  # a snapshot between two steps into one cache
            cache[s] = _sel(cache, s, lens, new)
            snap = cache.clone()
            new2 = _rows(kv, w.flip(0), table, lens)
            cache[s] = _sel(cache, s, lens, new2)
            return snap
        if kind == "step_clone_step_both":
            cache[s] = _sel(cache, s, lens, new)
            snap = cache.clone()
            new2 = _rows(kv, w.flip(0), table, lens)
            cache[s] = _sel(cache, s, lens, new2)
            return snap, cache
        if kind == "clone_step_copy_back":
            c2 = cache.clone()
            c2[s] = _sel(c2, s, lens, new)
            cache.copy_(c2)
            return cache
        if kind == "clone_step_input_read":
            c2 = cache.clone()
            c2[s] = _sel(c2, s, lens, new)
            return c2, cache * 1
        if kind == "functional_index_put":
            out = cache.index_put((s,), _sel(cache, s, lens, new))
            return out, cache
        if kind == "functional_then_inplace":  # a functional step then the same rows written in place from it
            out = cache.index_put((s,), _sel(cache, s, lens, new))
            cache[s] = out[s] * 1
            return out
        if kind == "view_before_read_after":
            v = cache.view(-1)
            cache[s] = _sel(cache, s, lens, new)
            return v * 1
        if kind == "view_written_read_base":  # the step through a view, the base read after
            v = cache.view(cache.shape[0], -1).view(cache.shape)
            v[s] = _sel(v, s, lens, new)
            return cache * 1
        if kind == "clone_of_clone":
            c2 = cache.clone()
            c3 = c2.clone()
            c2[s] = _sel(c2, s, lens, new)
            return c2, c3
        if kind == "two_layers_same_slots":  # layer 2 overwrites layer 1's rows, kept = layer 1's result
            cache[s] = _sel(cache, s, lens, new)
            new2 = _rows(kv, w.flip(0), table, lens)
            cache[s] = _sel(cache, s, lens, new2)
            return cache
        if kind == "old_rows_read_before_used_after":
            old = cache[s] * 1
            cache[s] = _sel(cache, s, lens, new)
            return cache, old
        if kind == "clone_written_input_returned_first":
            c2 = cache.clone()
            c2[s] = _sel(c2, s, lens, new)
            cache.mul_(2)
            return c2, cache
        if kind == "detach_step":
            c2 = cache.detach()
            c2[s] = _sel(c2, s, lens, new)
            return cache
        if kind == "clone_step_on_input_then_return_clone":  # pytorch#198031's shape: clone, mutate input
            c2 = cache.clone()
            cache[s] = _sel(cache, s, lens, new)
            return c2, cache
        raise ValueError(kind)
    return step


ATTACKS += [
    (f"cl_{k}", _mk(_cl(k), _std(), SB), k.replace("_", " "))
    for k in ("clone_then_two_steps", "step_clone_step", "step_clone_step_both", "clone_step_copy_back",
              "clone_step_input_read", "functional_index_put", "functional_then_inplace", "view_before_read_after",
              "view_written_read_base", "clone_of_clone", "two_layers_same_slots", "old_rows_read_before_used_after",
              "clone_written_input_returned_first", "detach_step", "clone_step_on_input_then_return_clone")
]



# --- theme 4 (ly_): layouts the emitted code must read and write through strides ----------------------------------
def _sr_last_cache_last(kv, w, slots, table, lens, cache):
    """[NP, P, N, D, 2] KV and an interleaved [S, N, D, 2] compressed cache: both halves strided by 2 in D."""
    pos = positions(lens)
    P = kv.shape[1]
    both = kv[table.long().gather(1, pos // P), pos % P]  # [B, l, N, D, 2]
    valid = completes(lens)
    s = slots.long()
    for j in range(2):
        new = pool(both[..., j], w)
        cache[s, :, :, j] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s, :, :, j])
    return cache


def _last_cache_last_inputs(n=2, dtype=torch.float16):
    def one(k):
        a = _stacked(layout="last", seed=k, dtype=dtype)
        c = a[5]  # [S, 2, N, D]
        return [*a[:5], c.permute(0, 2, 3, 1).contiguous()]
    return lambda: [one(k) for k in range(n)]


def _permuted_kv_inputs(n=2):
    """The stacked KV stored [NP, P, 2, N, D] and passed as its [NP, 2, P, N, D] transpose (not contiguous)."""
    def one(k):
        a = _stacked(layout="PN2", seed=k)
        return [a[0].transpose(1, 2), *a[1:]]
    return lambda: [one(k) for k in range(n)]


def _permuted_mem_inputs(n=2):
    """Head-major memories passed as the permute of token-major storage (not contiguous)."""
    def one(k):
        a = _mem(seed=k, head_major=False)
        return [*a[:5], a[5].permute(0, 2, 1, 3)]
    return lambda: [one(k) for k in range(n)]


def _hm_sliced(kv, w, slots, table, lens, mem):
    """The memories of the batch are rows 1 .. B of the input (a slice view written with scatter_)."""
    B = lens.shape[0]
    x = mem[1:B + 1]
    N, D = x.shape[1], x.shape[3]
    new = pool(tokens(kv, table, positions(lens)), w)
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    x.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new.to(x.dtype)[:, :, None], x.gather(2, at)))
    return mem


def _hm_transposed_view(kv, w, slots, table, lens, mem):
    """Token-major storage [R, M, N, D] written as head-major memories through its transpose view."""
    B = lens.shape[0]
    x = mem.transpose(1, 2)  # [R, N, M, D]
    N, D = x.shape[1], x.shape[3]
    new = pool(tokens(kv, table, positions(lens)), w)
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    x.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new.to(x.dtype)[:, :, None], x.gather(2, at)))
    return mem


def _hm_fp32(kv, w, slots, table, lens, mem):
    """fp32 tokens and memories (torchair: the GE scatter write-back)."""
    return _hm_step("base")(kv, w, slots, table, lens, mem)


ATTACKS += [
    ("ly_last_cache_last", _mk(_sr_last_cache_last, _last_cache_last_inputs(), SB),
     "[NP, P, N, D, 2] KV, [S, N, D, 2] cache: cache[s, :, :, j] = where(..)"),
    ("ly_last_cache_last_fp32", _mk(_sr_last_cache_last, _last_cache_last_inputs(dtype=torch.float32), SB),
     "the same in fp32"),
    ("ly_permuted_kv", _mk(_sr_step(), _permuted_kv_inputs(), SB),
     "stacked KV passed as a transpose (the half a strided view of a non-contiguous input)"),
    ("ly_permuted_mem", _mk(_hm_step("base"), _permuted_mem_inputs(), SB),
     "head-major memories passed as the permute of token-major storage"),
    ("ly_hm_sliced", _mk(_hm_sliced, _mem_calls(), SB),
     "the memories are rows 1 .. B of the input (a slice view written with scatter_)"),
    ("ly_hm_transposed_view", _mk(_hm_transposed_view, _mem_calls(head_major=False), MODES3),
     "token-major storage written through its head-major transpose view"),
    ("ly_hm_fp32", _mk(_hm_fp32, _mem_calls(dtype=torch.float32), SB),
     "fp32 memories (GE: scatter write-back)"),
]



# --- theme 5 (vb_): calls after compile at other batch sizes (and other memory / cache row counts) ---------------
_VB = (40, 24, 57)


def _mem_calls_vb(**kw):
    return lambda: [_mem(seed=k, B=b, **kw) for k, b in enumerate(_VB)]


def _stacked_calls_vb(**kw):
    return lambda: [_stacked(seed=k, B=b, **kw) for k, b in enumerate(_VB)]


def _flat_inputs_vb(M=15, extra=3):
    def one(k, b):
        a = _mem(seed=k, M=M, extra=extra, B=b)
        mem = a[5]
        return [*a[:5], mem.reshape(-1, mem.shape[1], mem.shape[3]).clone()]
    return lambda: [one(k, b) for k, b in enumerate(_VB)]


def _sr_cache_is_kv_page(kv, w, slots, table, lens, cache):
    """The compressed cache is page 0 of half 1 of the stacked KV itself ([P, N, D] rows), and the windows are read
    from half 1 (page 0 among the pages read): eager gathers every window before writing."""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    c = kv[0, 1]
    s = slots.long()
    new = pool(both[:, :, 1], w)
    c[s] = torch.where(completes(lens)[:, None, None], new.to(c.dtype), c[s])
    return kv


def _kv_page_inputs(n=2):
    def one(k):
        a = _stacked(seed=k, B=20, block_num=20 * 4)  # (every page owned: page 0 is read by some window)
        a[0] = torch.nan_to_num(a[0], nan=0.5, posinf=2.0, neginf=-2.0)
        a[2] = torch.randperm(a[0].shape[2])[:20].to(a[2].dtype)
        return a
    return lambda: [one(k) for k in range(n)]


ATTACKS += [
    ("vb_hm_base", _mk(_hm_step("base"), _mem_calls_vb(), MODES3),
     "head-major memories, calls at B = 40, 24, 57 (memories B + 3 rows)"),
    ("vb_hm_tm_base", _mk(_hm_step("base", dim=1), _mem_calls_vb(head_major=False), MODES3),
     "token-major memories, calls at B = 40, 24, 57"),
    ("vb_hm_old_used_late", _mk(_hm_step("old_used_late"), _mem_calls_vb(), MODES3),
     "old entries read before and used after, B = 40, 24, 57"),
    ("vb_hm_flat_view", _mk(_hm_flat_view, _flat_inputs_vb(), MODES3),
     "flat cache viewed as memories, B = 40, 24, 57"),
    ("vb_sr_np2", _mk(_sr_step(), _stacked_calls_vb(), MODES3),
     "stacked KV one gather, B = 40, 24, 57"),
    ("vb_sr_last", _mk(_sr_step(layout="last"), _stacked_calls_vb(layout="last"), MODES3),
     "interleaved halves, B = 40, 24, 57"),
    ("sr_cache_is_kv_page", _mk(_sr_cache_is_kv_page, _kv_page_inputs(), SB),
     "the cache is page 0 of half 1 of the stacked KV, windows read from half 1"),
]



# --- theme 6 (jw_): one joint write into a [2, S, N, D] cache fed by one gather of a stacked KV ---------------------
def _jw(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        P = kv.shape[2]
        both = kv[table.long().gather(1, pos // P), :, pos % P]  # [B, l, 2, N, D]
        s = slots.long()
        valid = completes(lens)[None, :, None, None]
        if kind == "joint_pool":  # one pooling of both halves, the stack moved first
            new = (both.float() * w.float()[None, :, None, :, None]).sum(1).permute(1, 0, 2, 3)
        elif kind == "stacked_halves":
            new = torch.stack([pool(both[:, :, h], w) for h in range(2)])
        elif kind == "stacked_halves_swapped":
            new = torch.stack([pool(both[:, :, 1 - h], w) for h in range(2)])
        elif kind == "joint_pool_transpose":
            new = (both.float() * w.float()[None, :, None, :, None]).sum(1).transpose(0, 1)
        elif kind == "movedim_first":  # the stack moved first before pooling
            t = both.movedim(2, 0)  # [2, B, l, N, D]
            new = (t.float() * w.float()[None, None, :, :, None]).sum(2)
        else:
            raise ValueError(kind)
        cache[:, s] = torch.where(valid, new.to(cache.dtype), cache[:, s])
        return cache
    return step


ATTACKS += [
    (f"jw_{k}", _mk(_jw(k), _stacked_calls(cache_layout="2S"), SB), k.replace("_", " ") + ": cache[:, s] = where(..)")
    for k in ("joint_pool", "stacked_halves", "stacked_halves_swapped", "joint_pool_transpose", "movedim_first")
]



# --- theme 7 (kp_): near misses on the kept side of the new rewrites (must be refused) ------------------------------
def _kp(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        if kind in ("kept_other_half", "kept_one_gather", "kept_both_gather_select"):
            pos = positions(lens)
            P = kv.shape[2]
            both = kv[table.long().gather(1, pos // P), :, pos % P]
            valid = completes(lens)[:, None, None]
            old_both = cache[s]  # [B, 2, N, D]
            for j in range(2):
                new = pool(both[:, :, j], w).to(cache.dtype)
                if kind == "kept_other_half":
                    cache[s, j] = torch.where(valid, new, cache[s, 1 - j])
                elif kind == "kept_one_gather":
                    cache[s, j] = torch.where(valid, new, old_both[:, j])
                else:
                    cache[s, j] = torch.where(valid, new, cache[s][:, j])
            return cache
        mem = cache
        B = lens.shape[0]
        N, D = mem.shape[1], mem.shape[3]
        new = pool(tokens(kv, table, positions(lens)), w).to(mem.dtype)[:, :, None]
        at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
        valid = completes(lens)[:, None, None, None]
        if kind == "hm_stale_after_inplace":  # the kept entry read before mem is scaled in place
            old = mem.gather(2, at)
            mem.mul_(2)
            mem.scatter_(2, at, torch.where(valid, new, old))
            return mem
        if kind == "hm_kept_next_row":  # the kept entry of row b + 1 (rolled)
            old = mem.gather(2, at).roll(1, 0)
            mem.scatter_(2, at, torch.where(valid, new, old))
            return mem
        if kind == "hm_kept_other_index":  # the kept entry read at another index node with the same values
            at2 = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D) + 0
            mem.scatter_(2, at, torch.where(valid, new, mem.gather(2, at2)))
            return mem
        if kind == "hm_idx_broadcast_d":  # a [B] index expanded as it is: idx[b, h, 0, e] = i[e]
            i = _entry(lens)
            at3 = i[:D].view(1, 1, 1, D).expand(B, N, 1, D)
            mem.scatter_(2, at3, torch.where(valid, new, mem.gather(2, at3)))
            return mem
        raise ValueError(kind)
    return step


ATTACKS += [
    ("kp_kept_other_half", _mk(_kp("kept_other_half"), _stacked_calls(), SB),
     "half j written with half 1 - j's old rows kept (not the contract: must be refused)"),
    ("kp_kept_one_gather", _mk(_kp("kept_one_gather"), _stacked_calls(), SB),
     "kept rows cache[s][:, j] of one gather of both halves taken before the writes (half 1's kept read before half 0's write: same rows)"),
    ("kp_kept_both_gather_select", _mk(_kp("kept_both_gather_select"), _stacked_calls(), SB),
     "kept rows cache[s][:, j] gathered after each write"),
    ("kp_hm_stale_after_inplace", _mk(_kp("hm_stale_after_inplace"), _mem_calls(), SB),
     "kept entry read before mem.mul_(2) (eager keeps the unscaled entry)"),
    ("kp_hm_kept_next_row", _mk(_kp("hm_kept_next_row"), _mem_calls(), SB),
     "kept entries rolled by one row"),
    ("kp_hm_kept_other_index", _mk(_kp("hm_kept_other_index"), _mem_calls(), SB),
     "kept entry gathered at idx + 0 (same values, another node)"),
    ("kp_hm_idx_broadcast_d", _mk(_kp("hm_idx_broadcast_d"), _mem_calls(), SB),
     "index i[:D] broadcast along D (the entry differs per element)"),
]



# --- theme 8 (mw_): mean pooling (the op's weight a graph constant) through the new rewrites -------------------------
def _mw_hm(kv, w, slots, table, lens, mem):
    B = lens.shape[0]
    N, D = mem.shape[1], mem.shape[3]
    new = tokens(kv, table, positions(lens)).float().mean(1).to(mem.dtype)[:, :, None]
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    mem.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new, mem.gather(2, at)))
    return mem


def _mw_sr(kv, w, slots, table, lens, cache):
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    s = slots.long()
    for j in range(2):
        new = both[:, :, j].float().mean(1)
        cache[s, j] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s, j])
    return cache


ATTACKS += [
    ("mw_hm_mean", _mk(_mw_hm, _mem_calls(), MODES3), "head-major memories, mean pooling"),
    ("mw_hm_mean_bf16", _mk(_mw_hm, _mem_calls(dtype=torch.bfloat16), SB), "head-major memories, bf16 mean"),
    ("mw_sr_mean", _mk(_mw_sr, _stacked_calls(), SB), "stacked KV one gather, mean pooling per half"),
    ("mw_sr_mean_fp32", _mk(_mw_sr, _stacked_calls(dtype=torch.float32), SB), "stacked KV, fp32 mean"),
]



# --- theme 9 (wm_): whole steps: append, compress, attend over the compressed cache -----------------------------
def _wm_stacked(kv, w, slots, table, lens, cache):
    """Append the new pair at position s - 1, one gather of both halves for the windows, compress each half into a
    [S, 2, N, D] cache, then attend (softmax over the batch's compressed rows) with a query from half 0's tokens."""
    B = lens.shape[0]
    P = kv.shape[2]
    last = (lens.long() - 1).clamp(min=0)
    page = table.long().gather(1, (last // P)[:, None])[:, 0]
    pair = torch.stack((kv[0, 0, 0], kv[0, 1, 0]), 0)  # [2, N, D] from page 0
    kv[page, :, last % P] = pair[None].expand(B, 2, *pair.shape[1:]) * 0.5
    pos = positions(lens)
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    s = slots.long()
    for j in range(2):
        new = pool(both[:, :, j], w)
        cache[s, j] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s, j])
    q = both[:, -1, 0].float()  # [B, N, D]
    k = torch.nan_to_num(cache[s, 0].float(), nan=0.0, posinf=1.0, neginf=-1.0)
    v = torch.nan_to_num(cache[s, 1].float(), nan=0.0, posinf=1.0, neginf=-1.0)
    att = torch.softmax(torch.nan_to_num(torch.einsum("bnd,cnd->nbc", q, k), nan=0.0, posinf=1e4, neginf=-1e4), -1)
    out = torch.einsum("nbc,cnd->bnd", att, v)
    return cache, kv, out


def _wm_mem(kv, w, slots, table, lens, mem):
    """Compress into head-major memories, then read the batch's memories (all entries) for an attention output."""
    B = lens.shape[0]
    N, D = mem.shape[1], mem.shape[3]
    new = pool(tokens(kv, table, positions(lens)), w).to(mem.dtype)[:, :, None]
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    mem.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new, mem.gather(2, at)))
    m = torch.nan_to_num(mem[:B].float(), nan=0.0, posinf=1.0, neginf=-1.0)
    out = m.sum(2)
    return mem, out


def _wm_mem_two_layers(kv, w, slots, table, lens, mem):
    """Two layers' memories stacked on dim 1 of a [R, 2N, M, D] tensor (layer l's heads l*N .. l*N + N - 1),
    each written by scatter_ on its slice view, layer 1 pooled with the flipped weight."""
    B = lens.shape[0]
    N2, D = mem.shape[1], mem.shape[3]
    N = N2 // 2
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    for layer in range(2):
        x = mem[:, layer * N:(layer + 1) * N]
        new = pool(tokens(kv, table, positions(lens)), w if layer == 0 else w.flip(0)).to(mem.dtype)[:, :, None]
        x.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new, x.gather(2, at)))
    return mem


def _two_layer_mem_calls(n=2):
    def one(k):
        a = _mem(seed=k)
        m = a[5]
        return [*a[:5], torch.cat((m, m.flip(0)), 1)]
    return lambda: [one(k) for k in range(n)]


ATTACKS += [
    ("wm_stacked_append_compress_attend", _mk(_wm_stacked, _stacked_calls(), SB),
     "append pair, one gather, two halves compressed, attention over the compressed rows"),
    ("wm_mem_compress_read", _mk(_wm_mem, _mem_calls(), MODES3),
     "head-major memories compressed then read whole"),
    ("wm_mem_two_layers", _mk(_wm_mem_two_layers, _two_layer_mem_calls(), MODES3),
     "two layers' memories in one [R, 2N, M, D] tensor, scatter_ on head-slice views"),
]



# --- theme 10 (al_): memories carved out of the paged KV the step reads -----------------------------------------
def _al_mem_inside_kv(kv, w, slots, table, lens, cache):
    """The head-major memories are the last 11 pages of the paged KV viewed [44, N, 16, D]; the windows read pages
    among them (every page is owned): eager gathers every window before the scatter_."""
    B = lens.shape[0]
    N, D = kv.shape[2], kv.shape[3]
    mem = kv[-11:].view(44, N, 16, D)
    new = pool(tokens(kv, table, positions(lens)), w).to(kv.dtype)[:, :, None]
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    mem.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new, mem.gather(2, at)))
    return kv


def _al_mem_inside_kv_inputs(n=2):
    return lambda: [build(seed=k, block_num=160).args for k in range(n)]


ATTACKS += [
    ("al_mem_inside_kv", _mk(_al_mem_inside_kv, _al_mem_inside_kv_inputs(), SB),
     "memories = the KV's last 11 pages viewed [44, N, 16, D], windows read them"),
]



def _al_two_steps_through_kv(kv, w, slots, table, lens, cache):
    """Step 1 compresses into memories that are the KV's last 11 pages; step 2 then compresses the (updated) KV into
    the ordinary cache: its windows read the entries step 1 wrote."""
    B = lens.shape[0]
    N, D = kv.shape[2], kv.shape[3]
    mem = kv[-11:].view(44, N, 16, D)
    new = pool(tokens(kv, table, positions(lens)), w).to(kv.dtype)[:, :, None]
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    mem.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new, mem.gather(2, at)))
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0))), kv


def _al_two_steps_rows(kv, w, slots, table, lens, cache):
    """The same with the first step an ordinary row write into a cache carved out of the KV's last 11 pages
    ([11 * 64, N, D] rows: a view), and step 2 reading the KV after it."""
    c1 = kv[-11:].view(-1, kv.shape[2], kv.shape[3])
    s1 = slots.long()
    new = pool(tokens(kv, table, positions(lens)), w)
    c1[s1] = torch.where(completes(lens)[:, None, None], new.to(c1.dtype), c1[s1])
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0))), kv


ATTACKS += [
    ("al_two_steps_through_kv", _mk(_al_two_steps_through_kv, _al_mem_inside_kv_inputs(), SB),
     "step 1 writes memories inside the KV, step 2 compresses the KV it updated"),
    ("al_two_steps_rows", _mk(_al_two_steps_rows, _al_mem_inside_kv_inputs(), SB),
     "step 1 writes a row cache inside the KV (a view), step 2 compresses the KV it updated"),
]



def _hm_stacked_halves(kv, w, slots, table, lens, mem5):
    """K and V memories stacked [R, 2, N, M, D]; each half written by scatter_ on its select view, half 1 with the
    flipped weight; a snapshot of half 0 taken between the two writes is returned too."""
    B = lens.shape[0]
    N, D = mem5.shape[2], mem5.shape[4]
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    snap = None
    for j in range(2):
        x = mem5[:, j]
        new = pool(tokens(kv, table, positions(lens)), w if j == 0 else w.flip(0)).to(mem5.dtype)[:, :, None]
        x.scatter_(2, at, torch.where(completes(lens)[:, None, None, None], new, x.gather(2, at)))
        if j == 0:
            snap = mem5.clone()
    return mem5, snap


def _mem5_calls(n=2):
    def one(k):
        a = _mem(seed=k)
        m = a[5]
        return [*a[:5], torch.stack((m, m.flip(0)), 1)]
    return lambda: [one(k) for k in range(n)]


ATTACKS += [
    ("hm_stacked_halves_snapshot", _mk(_hm_stacked_halves, _mem5_calls(), MODES3),
     "K/V memories stacked [R, 2, N, M, D], scatter_ per half, a snapshot of the stack between"),
]



def _hm_two_from_same_x(kv, w, slots, table, lens, mem):
    """Two functional scatters from the same memories sharing one kept gather (the first rewrite reroutes it through
    its own G; the second step then keeps G1's rows), both results returned, then mem written from the second."""
    B = lens.shape[0]
    N, D = mem.shape[1], mem.shape[3]
    at = _entry(lens).view(B, 1, 1, 1).expand(B, N, 1, D)
    valid = completes(lens)[:, None, None, None]
    old = mem.gather(2, at)
    new1 = pool(tokens(kv, table, positions(lens)), w).to(mem.dtype)[:, :, None]
    new2 = pool(tokens(kv, table, positions(lens)), w.flip(0)).to(mem.dtype)[:, :, None]
    out1 = mem.scatter(2, at, torch.where(valid, new1, old))
    out2 = mem.scatter(2, at, torch.where(valid, new2, old))
    mem.copy_(out2)
    return out1, out2, old * 1


ATTACKS += [
    ("hm_two_from_same_x", _mk(_hm_two_from_same_x, _mem_calls(), MODES3),
     "two functional scatters from one memory tensor sharing one kept gather, both returned, the second copied back"),
]



def _sr_range(kv, w, slots, table, lens, cache):
    """sr_np2_base with the half index from range(2) (not a closure tuple): does dynamic=True fuse it?"""
    pos = positions(lens)
    P = kv.shape[2]
    both = kv[table.long().gather(1, pos // P), :, pos % P]
    s = slots.long()
    for j in range(2):
        new = pool(both[:, :, j], w)
        cache[s, j] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s, j])
    return cache


ATTACKS += [
    ("sr_np2_range", _mk(_sr_range, _stacked_calls(), MODES3), "sr_np2_base with j from range(2)"),
]



# --- theme 1b (dy_): stacked_reads under dynamic=True (the select index a literal: see _lit) ------------------------
ATTACKS += [
    ("dy_sr_np2", _mk(_sr_step(lit=True), _stacked_calls_vb(), MODES3), "one gather of [NP, 2, P, N, D], B = 40, 24, 57"),
    ("dy_sr_neg", _mk(_sr_step(sel=(-2, -1), lit=True), _stacked_calls_vb(), MODES3), "both[:, :, -2], [:, :, -1]"),
    ("dy_sr_swapped", _mk(_sr_step(sel=(1, 0), lit=True), _stacked_calls_vb(), MODES3), "halves swapped"),
    ("dy_sr_np3", _mk(_sr_step(sel=(2, 0), lit=True), _stacked_calls_vb(G=3), MODES3), "a stack of three: 2 and 0"),
    ("dy_sr_pn2", _mk(_sr_step(layout="PN2", lit=True), _stacked_calls_vb(layout="PN2"), MODES3), "[NP, P, 2, N, D]"),
    ("dy_sr_last", _mk(_sr_step(layout="last", lit=True), _stacked_calls_vb(layout="last"), MODES3),
     "[NP, P, N, D, 2] interleaved"),
    ("dy_sr_cast_first", _mk(_sr_step(cast_first=True, lit=True), _stacked_calls_vb(), MODES3), "cast before select"),
    ("dy_sr_2s", _mk(_sr_step(cache_layout="2S", lit=True), _stacked_calls_vb(cache_layout="2S"), MODES3),
     "[G, S, N, D] cache"),
    ("dy_sr_same_half_twice", _mk(_sr_step(sel=(1, 1), weights="flip", lit=True), _stacked_calls_vb(), MODES3),
     "half 1 read twice, w and w.flip(0)"),
]


# First-try results on the frozen tree (e89f5f5, /tmp/base30): (attack, dialect, mode, result).  "inductor" (real
# Inductor codegen), "vllm_post", "aot_outputs" and "torchair" (real torchair on CPU) are confirmation runs.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _EF = "CONTROL DIFFERS", "EAGER FAILS"
_RCD, _CCT = "REFUSED (control differs)", "CONTROL CRASHES TOO"
_FIRST = [
    ('sr_np2_base', 'inductor_graph', 'static', _EQ),
    ('sr_np2_base', 'inductor_graph', 'batch', _EQ),
    ('sr_np2_base', 'inductor_graph', 'dynamic', _R),
    ('sr_np2_cast_first', 'inductor_graph', 'static', _EQ),
    ('sr_np2_cast_first', 'inductor_graph', 'batch', _EQ),
    ('sr_np2_cast_first', 'inductor_graph', 'dynamic', _R),
    ('sr_np2_neg_select', 'inductor_graph', 'static', _EQ),
    ('sr_np2_neg_select', 'inductor_graph', 'batch', _EQ),
    ('sr_np2_neg_select', 'inductor_graph', 'dynamic', _R),
    ('sr_np2_swapped_halves', 'inductor_graph', 'static', _EQ),
    ('sr_np2_swapped_halves', 'inductor_graph', 'batch', _EQ),
    ('sr_np2_swapped_halves', 'inductor_graph', 'dynamic', _R),
    ('sr_np2_same_half_twice', 'inductor_graph', 'static', _EQ),
    ('sr_np2_same_half_twice', 'inductor_graph', 'batch', _EQ),
    ('sr_np3', 'inductor_graph', 'static', _EQ),
    ('sr_np3', 'inductor_graph', 'batch', _EQ),
    ('sr_np3', 'inductor_graph', 'dynamic', _R),
    ('sr_pn2', 'inductor_graph', 'static', _EQ),
    ('sr_pn2', 'inductor_graph', 'batch', _EQ),
    ('sr_pn2', 'inductor_graph', 'dynamic', _R),
    ('sr_last', 'inductor_graph', 'static', _EQ),
    ('sr_last', 'inductor_graph', 'batch', _EQ),
    ('sr_last', 'inductor_graph', 'dynamic', _R),
    ('sr_last_fp32', 'inductor_graph', 'static', _EQ),
    ('sr_last_fp32', 'inductor_graph', 'batch', _EQ),
    ('sr_last_bf16', 'inductor_graph', 'static', _EQ),
    ('sr_last_bf16', 'inductor_graph', 'batch', _EQ),
    ('sr_2s_cache', 'inductor_graph', 'static', _EQ),
    ('sr_2s_cache', 'inductor_graph', 'batch', _EQ),
    ('sr_2s_cache', 'inductor_graph', 'dynamic', _R),
    ('sr_also_returned', 'inductor_graph', 'static', _EQ),
    ('sr_also_returned', 'inductor_graph', 'batch', _EQ),
    ('sr_append_between', 'inductor_graph', 'static', _EQ),
    ('sr_append_between', 'inductor_graph', 'batch', _EQ),
    ('plain_append_between', 'inductor_graph', 'static', _EQ),
    ('plain_append_between', 'inductor_graph', 'batch', _EQ),
    ('plain_append_between_pooled', 'inductor_graph', 'static', _EQ),
    ('plain_append_between_pooled', 'inductor_graph', 'batch', _EQ),
    ('sr_two_layers', 'inductor_graph', 'static', _EQ),
    ('sr_two_layers', 'inductor_graph', 'batch', _EQ),
    ('sr_functional', 'inductor_graph', 'static', _EQ),
    ('sr_functional', 'inductor_graph', 'batch', _EQ),
    ('sr_snapshot_between', 'inductor_graph', 'static', _CD),
    ('sr_snapshot_between', 'inductor_graph', 'batch', _CD),
    ('sr_kv_written_after', 'inductor_graph', 'static', _EQ),
    ('sr_kv_written_after', 'inductor_graph', 'batch', _EQ),
    ('sr_kv_half_scaled_between', 'inductor_graph', 'static', _EQ),
    ('sr_kv_half_scaled_between', 'inductor_graph', 'batch', _EQ),
    ('sr_alias_cache_from_kv', 'inductor_graph', 'static', _EQ),
    ('sr_alias_cache_from_kv', 'inductor_graph', 'batch', _EQ),
    ('hm_base', 'inductor_graph', 'static', _EQ),
    ('hm_base', 'inductor_graph', 'batch', _EQ),
    ('hm_base', 'inductor_graph', 'dynamic', _EQ),
    ('hm_tm_base', 'inductor_graph', 'static', _EQ),
    ('hm_tm_base', 'inductor_graph', 'batch', _EQ),
    ('hm_tm_base', 'inductor_graph', 'dynamic', _EQ),
    ('hm_old_returned', 'inductor_graph', 'static', _EQ),
    ('hm_old_returned', 'inductor_graph', 'batch', _EQ),
    ('hm_old_returned', 'inductor_graph', 'dynamic', _EQ),
    ('hm_tm_old_returned', 'inductor_graph', 'static', _EQ),
    ('hm_tm_old_returned', 'inductor_graph', 'batch', _EQ),
    ('hm_tm_old_returned', 'inductor_graph', 'dynamic', _EQ),
    ('hm_old_times2', 'inductor_graph', 'static', _EQ),
    ('hm_old_times2', 'inductor_graph', 'batch', _EQ),
    ('hm_old_times2', 'inductor_graph', 'dynamic', _EQ),
    ('hm_old_used_late', 'inductor_graph', 'static', _EQ),
    ('hm_old_used_late', 'inductor_graph', 'batch', _EQ),
    ('hm_old_used_late', 'inductor_graph', 'dynamic', _EQ),
    ('hm_tm_old_used_late', 'inductor_graph', 'static', _EQ),
    ('hm_tm_old_used_late', 'inductor_graph', 'batch', _EQ),
    ('hm_tm_old_used_late', 'inductor_graph', 'dynamic', _EQ),
    ('hm_neg_dim', 'inductor_graph', 'static', _EQ),
    ('hm_neg_dim', 'inductor_graph', 'batch', _EQ),
    ('hm_neg_dim', 'inductor_graph', 'dynamic', _EQ),
    ('hm_swapped', 'inductor_graph', 'static', _EQ),
    ('hm_swapped', 'inductor_graph', 'batch', _EQ),
    ('hm_functional', 'inductor_graph', 'static', _EQ),
    ('hm_functional', 'inductor_graph', 'batch', _EQ),
    ('hm_functional', 'inductor_graph', 'dynamic', _EQ),
    ('hm_tm_functional', 'inductor_graph', 'static', _EQ),
    ('hm_tm_functional', 'inductor_graph', 'batch', _EQ),
    ('hm_tm_functional', 'inductor_graph', 'dynamic', _EQ),
    ('hm_clone', 'inductor_graph', 'static', _EQ),
    ('hm_clone', 'inductor_graph', 'batch', _EQ),
    ('hm_clone', 'inductor_graph', 'dynamic', _EQ),
    ('hm_clone_kept_from_input', 'inductor_graph', 'static', _EQ),
    ('hm_clone_kept_from_input', 'inductor_graph', 'batch', _EQ),
    ('hm_two_entries', 'inductor_graph', 'static', _EQ),
    ('hm_two_entries', 'inductor_graph', 'batch', _EQ),
    ('hm_two_entries', 'inductor_graph', 'dynamic', _EQ),
    ('hm_tm_two_entries', 'inductor_graph', 'static', _EQ),
    ('hm_tm_two_entries', 'inductor_graph', 'batch', _EQ),
    ('hm_tm_two_entries', 'inductor_graph', 'dynamic', _EQ),
    ('hm_two_same_entry_stale', 'inductor_graph', 'static', _EQ),
    ('hm_two_same_entry_stale', 'inductor_graph', 'batch', _EQ),
    ('hm_old_kept_two_steps', 'inductor_graph', 'static', _EQ),
    ('hm_old_kept_two_steps', 'inductor_graph', 'batch', _EQ),
    ('hm_flat_view', 'inductor_graph', 'static', _EQ),
    ('hm_flat_view', 'inductor_graph', 'batch', _EQ),
    ('hm_flat_view', 'inductor_graph', 'dynamic', _EQ),
    ('hm_flat_view_snapshot', 'inductor_graph', 'static', _EQ),
    ('hm_flat_view_snapshot', 'inductor_graph', 'batch', _EQ),
    ('hm_kv_is_mem', 'inductor_graph', 'static', _EQ),
    ('hm_kv_is_mem', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_then_two_steps', 'inductor_graph', 'static', _EQ),
    ('cl_clone_then_two_steps', 'inductor_graph', 'batch', _EQ),
    ('cl_step_clone_step', 'inductor_graph', 'static', _EQ),
    ('cl_step_clone_step', 'inductor_graph', 'batch', _EQ),
    ('cl_step_clone_step_both', 'inductor_graph', 'static', _EQ),
    ('cl_step_clone_step_both', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_step_copy_back', 'inductor_graph', 'static', _EQ),
    ('cl_clone_step_copy_back', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_step_input_read', 'inductor_graph', 'static', _EQ),
    ('cl_clone_step_input_read', 'inductor_graph', 'batch', _EQ),
    ('cl_functional_index_put', 'inductor_graph', 'static', _EQ),
    ('cl_functional_index_put', 'inductor_graph', 'batch', _EQ),
    ('cl_functional_then_inplace', 'inductor_graph', 'static', _EQ),
    ('cl_functional_then_inplace', 'inductor_graph', 'batch', _EQ),
    ('cl_view_before_read_after', 'inductor_graph', 'static', _EQ),
    ('cl_view_before_read_after', 'inductor_graph', 'batch', _EQ),
    ('cl_view_written_read_base', 'inductor_graph', 'static', _EQ),
    ('cl_view_written_read_base', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_of_clone', 'inductor_graph', 'static', _EQ),
    ('cl_clone_of_clone', 'inductor_graph', 'batch', _EQ),
    ('cl_two_layers_same_slots', 'inductor_graph', 'static', _EQ),
    ('cl_two_layers_same_slots', 'inductor_graph', 'batch', _EQ),
    ('cl_old_rows_read_before_used_after', 'inductor_graph', 'static', _EQ),
    ('cl_old_rows_read_before_used_after', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_written_input_returned_first', 'inductor_graph', 'static', _EQ),
    ('cl_clone_written_input_returned_first', 'inductor_graph', 'batch', _EQ),
    ('cl_detach_step', 'inductor_graph', 'static', _EQ),
    ('cl_detach_step', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'inductor_graph', 'static', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'inductor_graph', 'batch', _EQ),
    ('ly_last_cache_last', 'inductor_graph', 'static', _EQ),
    ('ly_last_cache_last', 'inductor_graph', 'batch', _EQ),
    ('ly_last_cache_last_fp32', 'inductor_graph', 'static', _EQ),
    ('ly_last_cache_last_fp32', 'inductor_graph', 'batch', _EQ),
    ('ly_permuted_kv', 'inductor_graph', 'static', _EQ),
    ('ly_permuted_kv', 'inductor_graph', 'batch', _EQ),
    ('ly_permuted_mem', 'inductor_graph', 'static', _EQ),
    ('ly_permuted_mem', 'inductor_graph', 'batch', _EQ),
    ('ly_hm_sliced', 'inductor_graph', 'static', _EQ),
    ('ly_hm_sliced', 'inductor_graph', 'batch', _EQ),
    ('ly_hm_transposed_view', 'inductor_graph', 'static', _EQ),
    ('ly_hm_transposed_view', 'inductor_graph', 'batch', _EQ),
    ('ly_hm_transposed_view', 'inductor_graph', 'dynamic', _EQ),
    ('ly_hm_fp32', 'inductor_graph', 'static', _EQ),
    ('ly_hm_fp32', 'inductor_graph', 'batch', _EQ),
    ('vb_hm_base', 'inductor_graph', 'static', _EQ),
    ('vb_hm_base', 'inductor_graph', 'batch', _EQ),
    ('vb_hm_base', 'inductor_graph', 'dynamic', _EQ),
    ('vb_hm_tm_base', 'inductor_graph', 'static', _EQ),
    ('vb_hm_tm_base', 'inductor_graph', 'batch', _EQ),
    ('vb_hm_tm_base', 'inductor_graph', 'dynamic', _EQ),
    ('vb_hm_old_used_late', 'inductor_graph', 'static', _EQ),
    ('vb_hm_old_used_late', 'inductor_graph', 'batch', _EQ),
    ('vb_hm_old_used_late', 'inductor_graph', 'dynamic', _EQ),
    ('vb_hm_flat_view', 'inductor_graph', 'static', _EQ),
    ('vb_hm_flat_view', 'inductor_graph', 'batch', _EQ),
    ('vb_hm_flat_view', 'inductor_graph', 'dynamic', _EQ),
    ('vb_sr_np2', 'inductor_graph', 'static', _EQ),
    ('vb_sr_np2', 'inductor_graph', 'batch', _EQ),
    ('vb_sr_np2', 'inductor_graph', 'dynamic', _R),
    ('vb_sr_last', 'inductor_graph', 'static', _EQ),
    ('vb_sr_last', 'inductor_graph', 'batch', _EQ),
    ('vb_sr_last', 'inductor_graph', 'dynamic', _R),
    ('sr_cache_is_kv_page', 'inductor_graph', 'static', _R),
    ('sr_cache_is_kv_page', 'inductor_graph', 'batch', _R),
    ('jw_joint_pool', 'inductor_graph', 'static', _R),
    ('jw_joint_pool', 'inductor_graph', 'batch', _R),
    ('jw_stacked_halves', 'inductor_graph', 'static', _EQ),
    ('jw_stacked_halves', 'inductor_graph', 'batch', _EQ),
    ('jw_stacked_halves_swapped', 'inductor_graph', 'static', _EQ),
    ('jw_stacked_halves_swapped', 'inductor_graph', 'batch', _EQ),
    ('jw_joint_pool_transpose', 'inductor_graph', 'static', _R),
    ('jw_joint_pool_transpose', 'inductor_graph', 'batch', _R),
    ('jw_movedim_first', 'inductor_graph', 'static', _R),
    ('jw_movedim_first', 'inductor_graph', 'batch', _R),
    ('kp_kept_other_half', 'inductor_graph', 'static', _R),
    ('kp_kept_other_half', 'inductor_graph', 'batch', _R),
    ('kp_kept_one_gather', 'inductor_graph', 'static', _R),
    ('kp_kept_one_gather', 'inductor_graph', 'batch', _R),
    ('kp_kept_both_gather_select', 'inductor_graph', 'static', _R),
    ('kp_kept_both_gather_select', 'inductor_graph', 'batch', _R),
    ('kp_hm_stale_after_inplace', 'inductor_graph', 'static', _R),
    ('kp_hm_stale_after_inplace', 'inductor_graph', 'batch', _R),
    ('kp_hm_kept_next_row', 'inductor_graph', 'static', _R),
    ('kp_hm_kept_next_row', 'inductor_graph', 'batch', _R),
    ('kp_hm_kept_other_index', 'inductor_graph', 'static', _R),
    ('kp_hm_kept_other_index', 'inductor_graph', 'batch', _R),
    ('kp_hm_idx_broadcast_d', 'inductor_graph', 'static', _R),
    ('kp_hm_idx_broadcast_d', 'inductor_graph', 'batch', _R),
    ('mw_hm_mean', 'inductor_graph', 'static', _EQ),
    ('mw_hm_mean', 'inductor_graph', 'batch', _EQ),
    ('mw_hm_mean', 'inductor_graph', 'dynamic', _EQ),
    ('mw_hm_mean_bf16', 'inductor_graph', 'static', _R),
    ('mw_hm_mean_bf16', 'inductor_graph', 'batch', _R),
    ('mw_sr_mean', 'inductor_graph', 'static', _EQ),
    ('mw_sr_mean', 'inductor_graph', 'batch', _EQ),
    ('mw_sr_mean_fp32', 'inductor_graph', 'static', _R),
    ('mw_sr_mean_fp32', 'inductor_graph', 'batch', _R),
    ('wm_stacked_append_compress_attend', 'inductor_graph', 'static', _EQ),
    ('wm_stacked_append_compress_attend', 'inductor_graph', 'batch', _EQ),
    ('wm_mem_compress_read', 'inductor_graph', 'static', _EQ),
    ('wm_mem_compress_read', 'inductor_graph', 'batch', _EQ),
    ('wm_mem_compress_read', 'inductor_graph', 'dynamic', _EQ),
    ('wm_mem_two_layers', 'inductor_graph', 'static', _EQ),
    ('wm_mem_two_layers', 'inductor_graph', 'batch', _EQ),
    ('wm_mem_two_layers', 'inductor_graph', 'dynamic', _R),
    ('al_mem_inside_kv', 'inductor_graph', 'static', _EQ),
    ('al_mem_inside_kv', 'inductor_graph', 'batch', _EQ),
    ('al_two_steps_through_kv', 'inductor_graph', 'static', _EQ),
    ('al_two_steps_through_kv', 'inductor_graph', 'batch', _EQ),
    ('al_two_steps_rows', 'inductor_graph', 'static', _R),
    ('al_two_steps_rows', 'inductor_graph', 'batch', _R),
    ('hm_stacked_halves_snapshot', 'inductor_graph', 'static', _CD),
    ('hm_stacked_halves_snapshot', 'inductor_graph', 'batch', _CD),
    ('hm_stacked_halves_snapshot', 'inductor_graph', 'dynamic', _CD),
    ('hm_two_from_same_x', 'inductor_graph', 'static', _EQ),
    ('hm_two_from_same_x', 'inductor_graph', 'batch', _EQ),
    ('hm_two_from_same_x', 'inductor_graph', 'dynamic', _EQ),
    ('sr_np2_range', 'inductor_graph', 'static', _EQ),
    ('sr_np2_range', 'inductor_graph', 'batch', _EQ),
    ('sr_np2_range', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_np2', 'inductor_graph', 'static', _EQ),
    ('dy_sr_np2', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_np2', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_neg', 'inductor_graph', 'static', _EQ),
    ('dy_sr_neg', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_neg', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_swapped', 'inductor_graph', 'static', _EQ),
    ('dy_sr_swapped', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_swapped', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_np3', 'inductor_graph', 'static', _EQ),
    ('dy_sr_np3', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_np3', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_pn2', 'inductor_graph', 'static', _EQ),
    ('dy_sr_pn2', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_pn2', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_last', 'inductor_graph', 'static', _EQ),
    ('dy_sr_last', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_last', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_cast_first', 'inductor_graph', 'static', _EQ),
    ('dy_sr_cast_first', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_cast_first', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_2s', 'inductor_graph', 'static', _EQ),
    ('dy_sr_2s', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_2s', 'inductor_graph', 'dynamic', _EQ),
    ('dy_sr_same_half_twice', 'inductor_graph', 'static', _EQ),
    ('dy_sr_same_half_twice', 'inductor_graph', 'batch', _EQ),
    ('dy_sr_same_half_twice', 'inductor_graph', 'dynamic', _EQ),
    ('sr_np2_base', 'torchair_like', 'static', _EQ),
    ('sr_np2_base', 'torchair_like', 'batch', _EQ),
    ('sr_np2_base', 'torchair_like', 'dynamic', _R),
    ('sr_np2_cast_first', 'torchair_like', 'static', _EQ),
    ('sr_np2_cast_first', 'torchair_like', 'batch', _EQ),
    ('sr_np2_cast_first', 'torchair_like', 'dynamic', _R),
    ('sr_np2_neg_select', 'torchair_like', 'static', _EQ),
    ('sr_np2_neg_select', 'torchair_like', 'batch', _EQ),
    ('sr_np2_neg_select', 'torchair_like', 'dynamic', _R),
    ('sr_np2_swapped_halves', 'torchair_like', 'static', _EQ),
    ('sr_np2_swapped_halves', 'torchair_like', 'batch', _EQ),
    ('sr_np2_swapped_halves', 'torchair_like', 'dynamic', _R),
    ('sr_np2_same_half_twice', 'torchair_like', 'static', _EQ),
    ('sr_np2_same_half_twice', 'torchair_like', 'batch', _EQ),
    ('sr_np3', 'torchair_like', 'static', _EQ),
    ('sr_np3', 'torchair_like', 'batch', _EQ),
    ('sr_np3', 'torchair_like', 'dynamic', _R),
    ('sr_pn2', 'torchair_like', 'static', _EQ),
    ('sr_pn2', 'torchair_like', 'batch', _EQ),
    ('sr_pn2', 'torchair_like', 'dynamic', _R),
    ('sr_last', 'torchair_like', 'static', _EQ),
    ('sr_last', 'torchair_like', 'batch', _EQ),
    ('sr_last', 'torchair_like', 'dynamic', _R),
    ('sr_last_fp32', 'torchair_like', 'static', _EQ),
    ('sr_last_fp32', 'torchair_like', 'batch', _EQ),
    ('sr_last_bf16', 'torchair_like', 'static', _EQ),
    ('sr_last_bf16', 'torchair_like', 'batch', _EQ),
    ('sr_2s_cache', 'torchair_like', 'static', _EQ),
    ('sr_2s_cache', 'torchair_like', 'batch', _EQ),
    ('sr_2s_cache', 'torchair_like', 'dynamic', _R),
    ('sr_also_returned', 'torchair_like', 'static', _EQ),
    ('sr_also_returned', 'torchair_like', 'batch', _EQ),
    ('sr_append_between', 'torchair_like', 'static', _EQ),
    ('sr_append_between', 'torchair_like', 'batch', _EQ),
    ('plain_append_between', 'torchair_like', 'static', _EQ),
    ('plain_append_between', 'torchair_like', 'batch', _EQ),
    ('plain_append_between_pooled', 'torchair_like', 'static', _EQ),
    ('plain_append_between_pooled', 'torchair_like', 'batch', _EQ),
    ('sr_two_layers', 'torchair_like', 'static', _EQ),
    ('sr_two_layers', 'torchair_like', 'batch', _EQ),
    ('sr_functional', 'torchair_like', 'static', _EQ),
    ('sr_functional', 'torchair_like', 'batch', _EQ),
    ('sr_snapshot_between', 'torchair_like', 'static', _EQ),
    ('sr_snapshot_between', 'torchair_like', 'batch', _EQ),
    ('sr_kv_written_after', 'torchair_like', 'static', _EQ),
    ('sr_kv_written_after', 'torchair_like', 'batch', _EQ),
    ('sr_kv_half_scaled_between', 'torchair_like', 'static', _EQ),
    ('sr_kv_half_scaled_between', 'torchair_like', 'batch', _EQ),
    ('sr_alias_cache_from_kv', 'torchair_like', 'static', _EQ),
    ('sr_alias_cache_from_kv', 'torchair_like', 'batch', _EQ),
    ('hm_base', 'torchair_like', 'static', _EQ),
    ('hm_base', 'torchair_like', 'batch', _EQ),
    ('hm_base', 'torchair_like', 'dynamic', _EQ),
    ('hm_tm_base', 'torchair_like', 'static', _EQ),
    ('hm_tm_base', 'torchair_like', 'batch', _EQ),
    ('hm_tm_base', 'torchair_like', 'dynamic', _EQ),
    ('hm_old_returned', 'torchair_like', 'static', _EQ),
    ('hm_old_returned', 'torchair_like', 'batch', _EQ),
    ('hm_old_returned', 'torchair_like', 'dynamic', _EQ),
    ('hm_tm_old_returned', 'torchair_like', 'static', _EQ),
    ('hm_tm_old_returned', 'torchair_like', 'batch', _EQ),
    ('hm_tm_old_returned', 'torchair_like', 'dynamic', _EQ),
    ('hm_old_times2', 'torchair_like', 'static', _EQ),
    ('hm_old_times2', 'torchair_like', 'batch', _EQ),
    ('hm_old_times2', 'torchair_like', 'dynamic', _EQ),
    ('hm_old_used_late', 'torchair_like', 'static', _EQ),
    ('hm_old_used_late', 'torchair_like', 'batch', _EQ),
    ('hm_old_used_late', 'torchair_like', 'dynamic', _EQ),
    ('hm_tm_old_used_late', 'torchair_like', 'static', _EQ),
    ('hm_tm_old_used_late', 'torchair_like', 'batch', _EQ),
    ('hm_tm_old_used_late', 'torchair_like', 'dynamic', _EQ),
    ('hm_neg_dim', 'torchair_like', 'static', _EQ),
    ('hm_neg_dim', 'torchair_like', 'batch', _EQ),
    ('hm_neg_dim', 'torchair_like', 'dynamic', _EQ),
    ('hm_swapped', 'torchair_like', 'static', _EQ),
    ('hm_swapped', 'torchair_like', 'batch', _EQ),
    ('hm_functional', 'torchair_like', 'static', _EQ),
    ('hm_functional', 'torchair_like', 'batch', _EQ),
    ('hm_functional', 'torchair_like', 'dynamic', _EQ),
    ('hm_tm_functional', 'torchair_like', 'static', _EQ),
    ('hm_tm_functional', 'torchair_like', 'batch', _EQ),
    ('hm_tm_functional', 'torchair_like', 'dynamic', _EQ),
    ('hm_clone', 'torchair_like', 'static', _EQ),
    ('hm_clone', 'torchair_like', 'batch', _EQ),
    ('hm_clone', 'torchair_like', 'dynamic', _EQ),
    ('hm_clone_kept_from_input', 'torchair_like', 'static', _EQ),
    ('hm_clone_kept_from_input', 'torchair_like', 'batch', _EQ),
    ('hm_two_entries', 'torchair_like', 'static', _EQ),
    ('hm_two_entries', 'torchair_like', 'batch', _EQ),
    ('hm_two_entries', 'torchair_like', 'dynamic', _EQ),
    ('hm_tm_two_entries', 'torchair_like', 'static', _EQ),
    ('hm_tm_two_entries', 'torchair_like', 'batch', _EQ),
    ('hm_tm_two_entries', 'torchair_like', 'dynamic', _EQ),
    ('hm_two_same_entry_stale', 'torchair_like', 'static', _EQ),
    ('hm_two_same_entry_stale', 'torchair_like', 'batch', _EQ),
    ('hm_old_kept_two_steps', 'torchair_like', 'static', _EQ),
    ('hm_old_kept_two_steps', 'torchair_like', 'batch', _EQ),
    ('hm_flat_view', 'torchair_like', 'static', _EQ),
    ('hm_flat_view', 'torchair_like', 'batch', _EQ),
    ('hm_flat_view', 'torchair_like', 'dynamic', _EQ),
    ('hm_flat_view_snapshot', 'torchair_like', 'static', _EQ),
    ('hm_flat_view_snapshot', 'torchair_like', 'batch', _EQ),
    ('hm_kv_is_mem', 'torchair_like', 'static', _EQ),
    ('hm_kv_is_mem', 'torchair_like', 'batch', _EQ),
    ('cl_clone_then_two_steps', 'torchair_like', 'static', _EQ),
    ('cl_clone_then_two_steps', 'torchair_like', 'batch', _EQ),
    ('cl_step_clone_step', 'torchair_like', 'static', _EQ),
    ('cl_step_clone_step', 'torchair_like', 'batch', _EQ),
    ('cl_step_clone_step_both', 'torchair_like', 'static', _EQ),
    ('cl_step_clone_step_both', 'torchair_like', 'batch', _EQ),
    ('cl_clone_step_copy_back', 'torchair_like', 'static', _EQ),
    ('cl_clone_step_copy_back', 'torchair_like', 'batch', _EQ),
    ('cl_clone_step_input_read', 'torchair_like', 'static', _EQ),
    ('cl_clone_step_input_read', 'torchair_like', 'batch', _EQ),
    ('cl_functional_index_put', 'torchair_like', 'static', _EQ),
    ('cl_functional_index_put', 'torchair_like', 'batch', _EQ),
    ('cl_functional_then_inplace', 'torchair_like', 'static', _EQ),
    ('cl_functional_then_inplace', 'torchair_like', 'batch', _EQ),
    ('cl_view_before_read_after', 'torchair_like', 'static', _EQ),
    ('cl_view_before_read_after', 'torchair_like', 'batch', _EQ),
    ('cl_view_written_read_base', 'torchair_like', 'static', _EQ),
    ('cl_view_written_read_base', 'torchair_like', 'batch', _EQ),
    ('cl_clone_of_clone', 'torchair_like', 'static', _EQ),
    ('cl_clone_of_clone', 'torchair_like', 'batch', _EQ),
    ('cl_two_layers_same_slots', 'torchair_like', 'static', _EQ),
    ('cl_two_layers_same_slots', 'torchair_like', 'batch', _EQ),
    ('cl_old_rows_read_before_used_after', 'torchair_like', 'static', _EQ),
    ('cl_old_rows_read_before_used_after', 'torchair_like', 'batch', _EQ),
    ('cl_clone_written_input_returned_first', 'torchair_like', 'static', _EQ),
    ('cl_clone_written_input_returned_first', 'torchair_like', 'batch', _EQ),
    ('cl_detach_step', 'torchair_like', 'static', _EQ),
    ('cl_detach_step', 'torchair_like', 'batch', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'torchair_like', 'static', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'torchair_like', 'batch', _EQ),
    ('ly_last_cache_last', 'torchair_like', 'static', _EQ),
    ('ly_last_cache_last', 'torchair_like', 'batch', _EQ),
    ('ly_last_cache_last_fp32', 'torchair_like', 'static', _EQ),
    ('ly_last_cache_last_fp32', 'torchair_like', 'batch', _EQ),
    ('ly_permuted_kv', 'torchair_like', 'static', _EQ),
    ('ly_permuted_kv', 'torchair_like', 'batch', _EQ),
    ('ly_permuted_mem', 'torchair_like', 'static', _EQ),
    ('ly_permuted_mem', 'torchair_like', 'batch', _EQ),
    ('ly_hm_sliced', 'torchair_like', 'static', _EQ),
    ('ly_hm_sliced', 'torchair_like', 'batch', _EQ),
    ('ly_hm_transposed_view', 'torchair_like', 'static', _EQ),
    ('ly_hm_transposed_view', 'torchair_like', 'batch', _EQ),
    ('ly_hm_transposed_view', 'torchair_like', 'dynamic', _EQ),
    ('ly_hm_fp32', 'torchair_like', 'static', _EQ),
    ('ly_hm_fp32', 'torchair_like', 'batch', _EQ),
    ('vb_hm_base', 'torchair_like', 'static', _EQ),
    ('vb_hm_base', 'torchair_like', 'batch', _EQ),
    ('vb_hm_base', 'torchair_like', 'dynamic', _EQ),
    ('vb_hm_tm_base', 'torchair_like', 'static', _EQ),
    ('vb_hm_tm_base', 'torchair_like', 'batch', _EQ),
    ('vb_hm_tm_base', 'torchair_like', 'dynamic', _EQ),
    ('vb_hm_old_used_late', 'torchair_like', 'static', _EQ),
    ('vb_hm_old_used_late', 'torchair_like', 'batch', _EQ),
    ('vb_hm_old_used_late', 'torchair_like', 'dynamic', _EQ),
    ('vb_hm_flat_view', 'torchair_like', 'static', _EQ),
    ('vb_hm_flat_view', 'torchair_like', 'batch', _EQ),
    ('vb_hm_flat_view', 'torchair_like', 'dynamic', _EQ),
    ('vb_sr_np2', 'torchair_like', 'static', _EQ),
    ('vb_sr_np2', 'torchair_like', 'batch', _EQ),
    ('vb_sr_np2', 'torchair_like', 'dynamic', _R),
    ('vb_sr_last', 'torchair_like', 'static', _EQ),
    ('vb_sr_last', 'torchair_like', 'batch', _EQ),
    ('vb_sr_last', 'torchair_like', 'dynamic', _R),
    ('sr_cache_is_kv_page', 'torchair_like', 'static', _R),
    ('sr_cache_is_kv_page', 'torchair_like', 'batch', _R),
    ('jw_joint_pool', 'torchair_like', 'static', _R),
    ('jw_joint_pool', 'torchair_like', 'batch', _R),
    ('jw_stacked_halves', 'torchair_like', 'static', _EQ),
    ('jw_stacked_halves', 'torchair_like', 'batch', _EQ),
    ('jw_stacked_halves_swapped', 'torchair_like', 'static', _EQ),
    ('jw_stacked_halves_swapped', 'torchair_like', 'batch', _EQ),
    ('jw_joint_pool_transpose', 'torchair_like', 'static', _R),
    ('jw_joint_pool_transpose', 'torchair_like', 'batch', _R),
    ('jw_movedim_first', 'torchair_like', 'static', _R),
    ('jw_movedim_first', 'torchair_like', 'batch', _R),
    ('kp_kept_other_half', 'torchair_like', 'static', _R),
    ('kp_kept_other_half', 'torchair_like', 'batch', _R),
    ('kp_kept_one_gather', 'torchair_like', 'static', _R),
    ('kp_kept_one_gather', 'torchair_like', 'batch', _R),
    ('kp_kept_both_gather_select', 'torchair_like', 'static', _R),
    ('kp_kept_both_gather_select', 'torchair_like', 'batch', _R),
    ('kp_hm_stale_after_inplace', 'torchair_like', 'static', _R),
    ('kp_hm_stale_after_inplace', 'torchair_like', 'batch', _R),
    ('kp_hm_kept_next_row', 'torchair_like', 'static', _R),
    ('kp_hm_kept_next_row', 'torchair_like', 'batch', _R),
    ('kp_hm_kept_other_index', 'torchair_like', 'static', _R),
    ('kp_hm_kept_other_index', 'torchair_like', 'batch', _R),
    ('kp_hm_idx_broadcast_d', 'torchair_like', 'static', _R),
    ('kp_hm_idx_broadcast_d', 'torchair_like', 'batch', _R),
    ('mw_hm_mean', 'torchair_like', 'static', _EQ),
    ('mw_hm_mean', 'torchair_like', 'batch', _EQ),
    ('mw_hm_mean', 'torchair_like', 'dynamic', _EQ),
    ('mw_hm_mean_bf16', 'torchair_like', 'static', _R),
    ('mw_hm_mean_bf16', 'torchair_like', 'batch', _R),
    ('mw_sr_mean', 'torchair_like', 'static', _EQ),
    ('mw_sr_mean', 'torchair_like', 'batch', _EQ),
    ('mw_sr_mean_fp32', 'torchair_like', 'static', _R),
    ('mw_sr_mean_fp32', 'torchair_like', 'batch', _R),
    ('wm_stacked_append_compress_attend', 'torchair_like', 'static', _EQ),
    ('wm_stacked_append_compress_attend', 'torchair_like', 'batch', _EQ),
    ('wm_mem_compress_read', 'torchair_like', 'static', _EQ),
    ('wm_mem_compress_read', 'torchair_like', 'batch', _EQ),
    ('wm_mem_compress_read', 'torchair_like', 'dynamic', _EQ),
    ('wm_mem_two_layers', 'torchair_like', 'static', _EQ),
    ('wm_mem_two_layers', 'torchair_like', 'batch', _EQ),
    ('wm_mem_two_layers', 'torchair_like', 'dynamic', _R),
    ('al_mem_inside_kv', 'torchair_like', 'static', _EQ),
    ('al_mem_inside_kv', 'torchair_like', 'batch', _EQ),
    ('al_two_steps_through_kv', 'torchair_like', 'static', _EQ),
    ('al_two_steps_through_kv', 'torchair_like', 'batch', _EQ),
    ('al_two_steps_rows', 'torchair_like', 'static', _R),
    ('al_two_steps_rows', 'torchair_like', 'batch', _R),
    ('hm_stacked_halves_snapshot', 'torchair_like', 'static', _EQ),
    ('hm_stacked_halves_snapshot', 'torchair_like', 'batch', _EQ),
    ('hm_stacked_halves_snapshot', 'torchair_like', 'dynamic', _EQ),
    ('hm_two_from_same_x', 'torchair_like', 'static', _EQ),
    ('hm_two_from_same_x', 'torchair_like', 'batch', _EQ),
    ('hm_two_from_same_x', 'torchair_like', 'dynamic', _EQ),
    ('sr_np2_range', 'torchair_like', 'static', _EQ),
    ('sr_np2_range', 'torchair_like', 'batch', _EQ),
    ('sr_np2_range', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_np2', 'torchair_like', 'static', _EQ),
    ('dy_sr_np2', 'torchair_like', 'batch', _EQ),
    ('dy_sr_np2', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_neg', 'torchair_like', 'static', _EQ),
    ('dy_sr_neg', 'torchair_like', 'batch', _EQ),
    ('dy_sr_neg', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_swapped', 'torchair_like', 'static', _EQ),
    ('dy_sr_swapped', 'torchair_like', 'batch', _EQ),
    ('dy_sr_swapped', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_np3', 'torchair_like', 'static', _EQ),
    ('dy_sr_np3', 'torchair_like', 'batch', _EQ),
    ('dy_sr_np3', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_pn2', 'torchair_like', 'static', _EQ),
    ('dy_sr_pn2', 'torchair_like', 'batch', _EQ),
    ('dy_sr_pn2', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_last', 'torchair_like', 'static', _EQ),
    ('dy_sr_last', 'torchair_like', 'batch', _EQ),
    ('dy_sr_last', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_cast_first', 'torchair_like', 'static', _EQ),
    ('dy_sr_cast_first', 'torchair_like', 'batch', _EQ),
    ('dy_sr_cast_first', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_2s', 'torchair_like', 'static', _EQ),
    ('dy_sr_2s', 'torchair_like', 'batch', _EQ),
    ('dy_sr_2s', 'torchair_like', 'dynamic', _EQ),
    ('dy_sr_same_half_twice', 'torchair_like', 'static', _EQ),
    ('dy_sr_same_half_twice', 'torchair_like', 'batch', _EQ),
    ('dy_sr_same_half_twice', 'torchair_like', 'dynamic', _EQ),
    ('sr_np2_base', 'inductor', 'static', _EQ),
    ('sr_np2_base', 'inductor', 'batch', _EQ),
    ('sr_np2_base', 'inductor', 'dynamic', _R),
    ('sr_np2_cast_first', 'inductor', 'static', _EQ),
    ('sr_np2_cast_first', 'inductor', 'batch', _EQ),
    ('sr_np2_cast_first', 'inductor', 'dynamic', _R),
    ('sr_np2_neg_select', 'inductor', 'static', _EQ),
    ('sr_np2_neg_select', 'inductor', 'batch', _EQ),
    ('sr_np2_neg_select', 'inductor', 'dynamic', _R),
    ('sr_np2_swapped_halves', 'inductor', 'static', _EQ),
    ('sr_np2_swapped_halves', 'inductor', 'batch', _EQ),
    ('sr_np2_swapped_halves', 'inductor', 'dynamic', _R),
    ('sr_np2_same_half_twice', 'inductor', 'static', _EQ),
    ('sr_np2_same_half_twice', 'inductor', 'batch', _EQ),
    ('sr_np3', 'inductor', 'static', _EQ),
    ('sr_np3', 'inductor', 'batch', _EQ),
    ('sr_np3', 'inductor', 'dynamic', _R),
    ('sr_pn2', 'inductor', 'static', _EQ),
    ('sr_pn2', 'inductor', 'batch', _EQ),
    ('sr_pn2', 'inductor', 'dynamic', _R),
    ('sr_last', 'inductor', 'static', _EQ),
    ('sr_last', 'inductor', 'batch', _EQ),
    ('sr_last', 'inductor', 'dynamic', _R),
    ('sr_last_fp32', 'inductor', 'static', _EQ),
    ('sr_last_fp32', 'inductor', 'batch', _EQ),
    ('sr_last_bf16', 'inductor', 'static', _EQ),
    ('sr_last_bf16', 'inductor', 'batch', _EQ),
    ('sr_2s_cache', 'inductor', 'static', _EQ),
    ('sr_2s_cache', 'inductor', 'batch', _EQ),
    ('sr_2s_cache', 'inductor', 'dynamic', _R),
    ('sr_also_returned', 'inductor', 'static', _EQ),
    ('sr_also_returned', 'inductor', 'batch', _EQ),
    ('sr_append_between', 'inductor', 'static', _EQ),
    ('sr_append_between', 'inductor', 'batch', _EQ),
    ('plain_append_between', 'inductor', 'static', _EQ),
    ('plain_append_between', 'inductor', 'batch', _EQ),
    ('plain_append_between_pooled', 'inductor', 'static', _EQ),
    ('plain_append_between_pooled', 'inductor', 'batch', _EQ),
    ('sr_two_layers', 'inductor', 'static', _EQ),
    ('sr_two_layers', 'inductor', 'batch', _EQ),
    ('sr_functional', 'inductor', 'static', _EQ),
    ('sr_functional', 'inductor', 'batch', _EQ),
    ('sr_snapshot_between', 'inductor', 'static', _CD),
    ('sr_snapshot_between', 'inductor', 'batch', _CD),
    ('sr_kv_written_after', 'inductor', 'static', _EQ),
    ('sr_kv_written_after', 'inductor', 'batch', _EQ),
    ('sr_kv_half_scaled_between', 'inductor', 'static', _EQ),
    ('sr_kv_half_scaled_between', 'inductor', 'batch', _EQ),
    ('sr_alias_cache_from_kv', 'inductor', 'static', _EQ),
    ('sr_alias_cache_from_kv', 'inductor', 'batch', _EQ),
    ('hm_base', 'inductor', 'static', _EQ),
    ('hm_base', 'inductor', 'batch', _EQ),
    ('hm_base', 'inductor', 'dynamic', _EQ),
    ('hm_tm_base', 'inductor', 'static', _EQ),
    ('hm_tm_base', 'inductor', 'batch', _EQ),
    ('hm_tm_base', 'inductor', 'dynamic', _EQ),
    ('hm_old_returned', 'inductor', 'static', _EQ),
    ('hm_old_returned', 'inductor', 'batch', _EQ),
    ('hm_old_returned', 'inductor', 'dynamic', _EQ),
    ('hm_tm_old_returned', 'inductor', 'static', _EQ),
    ('hm_tm_old_returned', 'inductor', 'batch', _EQ),
    ('hm_tm_old_returned', 'inductor', 'dynamic', _EQ),
    ('hm_old_times2', 'inductor', 'static', _EQ),
    ('hm_old_times2', 'inductor', 'batch', _EQ),
    ('hm_old_times2', 'inductor', 'dynamic', _EQ),
    ('hm_old_used_late', 'inductor', 'static', _EQ),
    ('hm_old_used_late', 'inductor', 'batch', _EQ),
    ('hm_old_used_late', 'inductor', 'dynamic', _EQ),
    ('hm_tm_old_used_late', 'inductor', 'static', _EQ),
    ('hm_tm_old_used_late', 'inductor', 'batch', _EQ),
    ('hm_tm_old_used_late', 'inductor', 'dynamic', _EQ),
    ('hm_neg_dim', 'inductor', 'static', _EQ),
    ('hm_neg_dim', 'inductor', 'batch', _EQ),
    ('hm_neg_dim', 'inductor', 'dynamic', _EQ),
    ('hm_swapped', 'inductor', 'static', _EQ),
    ('hm_swapped', 'inductor', 'batch', _EQ),
    ('hm_functional', 'inductor', 'static', _EQ),
    ('hm_functional', 'inductor', 'batch', _EQ),
    ('hm_functional', 'inductor', 'dynamic', _EQ),
    ('hm_tm_functional', 'inductor', 'static', _EQ),
    ('hm_tm_functional', 'inductor', 'batch', _EQ),
    ('hm_tm_functional', 'inductor', 'dynamic', _EQ),
    ('hm_clone', 'inductor', 'static', _EQ),
    ('hm_clone', 'inductor', 'batch', _EQ),
    ('hm_clone', 'inductor', 'dynamic', _EQ),
    ('hm_clone_kept_from_input', 'inductor', 'static', _EQ),
    ('hm_clone_kept_from_input', 'inductor', 'batch', _EQ),
    ('hm_two_entries', 'inductor', 'static', _EQ),
    ('hm_two_entries', 'inductor', 'batch', _EQ),
    ('hm_two_entries', 'inductor', 'dynamic', _EQ),
    ('hm_tm_two_entries', 'inductor', 'static', _EQ),
    ('hm_tm_two_entries', 'inductor', 'batch', _EQ),
    ('hm_tm_two_entries', 'inductor', 'dynamic', _EQ),
    ('hm_two_same_entry_stale', 'inductor', 'static', _EQ),
    ('hm_two_same_entry_stale', 'inductor', 'batch', _EQ),
    ('hm_old_kept_two_steps', 'inductor', 'static', _EQ),
    ('hm_old_kept_two_steps', 'inductor', 'batch', _EQ),
    ('hm_flat_view', 'inductor', 'static', _EQ),
    ('hm_flat_view', 'inductor', 'batch', _EQ),
    ('hm_flat_view', 'inductor', 'dynamic', _EQ),
    ('hm_flat_view_snapshot', 'inductor', 'static', _EQ),
    ('hm_flat_view_snapshot', 'inductor', 'batch', _EQ),
    ('hm_kv_is_mem', 'inductor', 'static', _EQ),
    ('hm_kv_is_mem', 'inductor', 'batch', _EQ),
    ('cl_clone_then_two_steps', 'inductor', 'static', _EQ),
    ('cl_clone_then_two_steps', 'inductor', 'batch', _EQ),
    ('cl_step_clone_step', 'inductor', 'static', _EQ),
    ('cl_step_clone_step', 'inductor', 'batch', _EQ),
    ('cl_step_clone_step_both', 'inductor', 'static', _EQ),
    ('cl_step_clone_step_both', 'inductor', 'batch', _EQ),
    ('cl_clone_step_copy_back', 'inductor', 'static', _EQ),
    ('cl_clone_step_copy_back', 'inductor', 'batch', _EQ),
    ('cl_clone_step_input_read', 'inductor', 'static', _EQ),
    ('cl_clone_step_input_read', 'inductor', 'batch', _EQ),
    ('cl_functional_index_put', 'inductor', 'static', _EQ),
    ('cl_functional_index_put', 'inductor', 'batch', _EQ),
    ('cl_functional_then_inplace', 'inductor', 'static', _EQ),
    ('cl_functional_then_inplace', 'inductor', 'batch', _EQ),
    ('cl_view_before_read_after', 'inductor', 'static', _EQ),
    ('cl_view_before_read_after', 'inductor', 'batch', _EQ),
    ('cl_view_written_read_base', 'inductor', 'static', _EQ),
    ('cl_view_written_read_base', 'inductor', 'batch', _EQ),
    ('cl_clone_of_clone', 'inductor', 'static', _EQ),
    ('cl_clone_of_clone', 'inductor', 'batch', _EQ),
    ('cl_two_layers_same_slots', 'inductor', 'static', _EQ),
    ('cl_two_layers_same_slots', 'inductor', 'batch', _EQ),
    ('cl_old_rows_read_before_used_after', 'inductor', 'static', _EQ),
    ('cl_old_rows_read_before_used_after', 'inductor', 'batch', _EQ),
    ('cl_clone_written_input_returned_first', 'inductor', 'static', _EQ),
    ('cl_clone_written_input_returned_first', 'inductor', 'batch', _EQ),
    ('cl_detach_step', 'inductor', 'static', _EQ),
    ('cl_detach_step', 'inductor', 'batch', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'inductor', 'static', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'inductor', 'batch', _EQ),
    ('ly_last_cache_last', 'inductor', 'static', _EQ),
    ('ly_last_cache_last', 'inductor', 'batch', _EQ),
    ('ly_last_cache_last_fp32', 'inductor', 'static', _EQ),
    ('ly_last_cache_last_fp32', 'inductor', 'batch', _EQ),
    ('ly_permuted_kv', 'inductor', 'static', _EQ),
    ('ly_permuted_kv', 'inductor', 'batch', _EQ),
    ('ly_permuted_mem', 'inductor', 'static', _EQ),
    ('ly_permuted_mem', 'inductor', 'batch', _EQ),
    ('ly_hm_sliced', 'inductor', 'static', _EQ),
    ('ly_hm_sliced', 'inductor', 'batch', _EQ),
    ('ly_hm_transposed_view', 'inductor', 'static', _EQ),
    ('ly_hm_transposed_view', 'inductor', 'batch', _EQ),
    ('ly_hm_transposed_view', 'inductor', 'dynamic', _EQ),
    ('ly_hm_fp32', 'inductor', 'static', _EQ),
    ('ly_hm_fp32', 'inductor', 'batch', _EQ),
    ('vb_hm_base', 'inductor', 'static', _EQ),
    ('vb_hm_base', 'inductor', 'batch', _EQ),
    ('vb_hm_base', 'inductor', 'dynamic', _EQ),
    ('vb_hm_tm_base', 'inductor', 'static', _EQ),
    ('vb_hm_tm_base', 'inductor', 'batch', _EQ),
    ('vb_hm_tm_base', 'inductor', 'dynamic', _EQ),
    ('vb_hm_old_used_late', 'inductor', 'static', _EQ),
    ('vb_hm_old_used_late', 'inductor', 'batch', _EQ),
    ('vb_hm_old_used_late', 'inductor', 'dynamic', _EQ),
    ('vb_hm_flat_view', 'inductor', 'static', _EQ),
    ('vb_hm_flat_view', 'inductor', 'batch', _EQ),
    ('vb_hm_flat_view', 'inductor', 'dynamic', _EQ),
    ('vb_sr_np2', 'inductor', 'static', _EQ),
    ('vb_sr_np2', 'inductor', 'batch', _EQ),
    ('vb_sr_np2', 'inductor', 'dynamic', _R),
    ('vb_sr_last', 'inductor', 'static', _EQ),
    ('vb_sr_last', 'inductor', 'batch', _EQ),
    ('vb_sr_last', 'inductor', 'dynamic', _R),
    ('jw_joint_pool', 'inductor', 'static', _R),
    ('jw_joint_pool', 'inductor', 'batch', _R),
    ('jw_stacked_halves', 'inductor', 'static', _EQ),
    ('jw_stacked_halves', 'inductor', 'batch', _EQ),
    ('jw_stacked_halves_swapped', 'inductor', 'static', _EQ),
    ('jw_stacked_halves_swapped', 'inductor', 'batch', _EQ),
    ('jw_joint_pool_transpose', 'inductor', 'static', _R),
    ('jw_joint_pool_transpose', 'inductor', 'batch', _R),
    ('jw_movedim_first', 'inductor', 'static', _R),
    ('jw_movedim_first', 'inductor', 'batch', _R),
    ('kp_kept_other_half', 'inductor', 'static', _R),
    ('kp_kept_other_half', 'inductor', 'batch', _R),
    ('kp_kept_one_gather', 'inductor', 'static', _R),
    ('kp_kept_one_gather', 'inductor', 'batch', _R),
    ('kp_kept_both_gather_select', 'inductor', 'static', _R),
    ('kp_kept_both_gather_select', 'inductor', 'batch', _R),
    ('kp_hm_stale_after_inplace', 'inductor', 'static', _R),
    ('kp_hm_stale_after_inplace', 'inductor', 'batch', _R),
    ('kp_hm_kept_next_row', 'inductor', 'static', _R),
    ('kp_hm_kept_next_row', 'inductor', 'batch', _R),
    ('kp_hm_kept_other_index', 'inductor', 'static', _R),
    ('kp_hm_kept_other_index', 'inductor', 'batch', _R),
    ('kp_hm_idx_broadcast_d', 'inductor', 'static', _R),
    ('kp_hm_idx_broadcast_d', 'inductor', 'batch', _R),
    ('mw_hm_mean', 'inductor', 'static', _EQ),
    ('mw_hm_mean', 'inductor', 'batch', _EQ),
    ('mw_hm_mean', 'inductor', 'dynamic', _EQ),
    ('mw_hm_mean_bf16', 'inductor', 'static', _R),
    ('mw_hm_mean_bf16', 'inductor', 'batch', _R),
    ('mw_sr_mean', 'inductor', 'static', _EQ),
    ('mw_sr_mean', 'inductor', 'batch', _EQ),
    ('mw_sr_mean_fp32', 'inductor', 'static', _R),
    ('mw_sr_mean_fp32', 'inductor', 'batch', _R),
    ('wm_stacked_append_compress_attend', 'inductor', 'static', _EQ),
    ('wm_stacked_append_compress_attend', 'inductor', 'batch', _EQ),
    ('wm_mem_compress_read', 'inductor', 'static', _EQ),
    ('wm_mem_compress_read', 'inductor', 'batch', _EQ),
    ('wm_mem_compress_read', 'inductor', 'dynamic', _EQ),
    ('wm_mem_two_layers', 'inductor', 'static', _EQ),
    ('wm_mem_two_layers', 'inductor', 'batch', _EQ),
    ('wm_mem_two_layers', 'inductor', 'dynamic', _R),
    ('sr_cache_is_kv_page', 'inductor', 'static', _R),
    ('sr_cache_is_kv_page', 'inductor', 'batch', _R),
    ('al_mem_inside_kv', 'inductor', 'static', _EQ),
    ('al_mem_inside_kv', 'inductor', 'batch', _EQ),
    ('al_two_steps_through_kv', 'inductor', 'static', _EQ),
    ('al_two_steps_through_kv', 'inductor', 'batch', _EQ),
    ('al_two_steps_rows', 'inductor', 'static', _R),
    ('al_two_steps_rows', 'inductor', 'batch', _R),
    ('hm_stacked_halves_snapshot', 'inductor', 'static', _CD),
    ('hm_stacked_halves_snapshot', 'inductor', 'batch', _CD),
    ('hm_stacked_halves_snapshot', 'inductor', 'dynamic', _CD),
    ('hm_two_from_same_x', 'inductor', 'static', _EQ),
    ('hm_two_from_same_x', 'inductor', 'batch', _EQ),
    ('hm_two_from_same_x', 'inductor', 'dynamic', _EQ),
    ('sr_np2_range', 'inductor', 'static', _EQ),
    ('sr_np2_range', 'inductor', 'batch', _EQ),
    ('sr_np2_range', 'inductor', 'dynamic', _EQ),
    ('dy_sr_np2', 'inductor', 'static', _EQ),
    ('dy_sr_np2', 'inductor', 'batch', _EQ),
    ('dy_sr_np2', 'inductor', 'dynamic', _EQ),
    ('dy_sr_neg', 'inductor', 'static', _EQ),
    ('dy_sr_neg', 'inductor', 'batch', _EQ),
    ('dy_sr_neg', 'inductor', 'dynamic', _EQ),
    ('dy_sr_swapped', 'inductor', 'static', _EQ),
    ('dy_sr_swapped', 'inductor', 'batch', _EQ),
    ('dy_sr_swapped', 'inductor', 'dynamic', _EQ),
    ('dy_sr_np3', 'inductor', 'static', _EQ),
    ('dy_sr_np3', 'inductor', 'batch', _EQ),
    ('dy_sr_np3', 'inductor', 'dynamic', _EQ),
    ('dy_sr_pn2', 'inductor', 'static', _EQ),
    ('dy_sr_pn2', 'inductor', 'batch', _EQ),
    ('dy_sr_pn2', 'inductor', 'dynamic', _EQ),
    ('dy_sr_last', 'inductor', 'static', _EQ),
    ('dy_sr_last', 'inductor', 'batch', _EQ),
    ('dy_sr_last', 'inductor', 'dynamic', _EQ),
    ('dy_sr_cast_first', 'inductor', 'static', _EQ),
    ('dy_sr_cast_first', 'inductor', 'batch', _EQ),
    ('dy_sr_cast_first', 'inductor', 'dynamic', _EQ),
    ('dy_sr_2s', 'inductor', 'static', _EQ),
    ('dy_sr_2s', 'inductor', 'batch', _EQ),
    ('dy_sr_2s', 'inductor', 'dynamic', _EQ),
    ('dy_sr_same_half_twice', 'inductor', 'static', _EQ),
    ('dy_sr_same_half_twice', 'inductor', 'batch', _EQ),
    ('dy_sr_same_half_twice', 'inductor', 'dynamic', _EQ),
    ('sr_np2_base', 'vllm_post', 'static', _EQ),
    ('sr_np2_base', 'vllm_post', 'batch', _EQ),
    ('sr_np2_base', 'vllm_post', 'dynamic', _R),
    ('sr_np2_cast_first', 'vllm_post', 'static', _EQ),
    ('sr_np2_cast_first', 'vllm_post', 'batch', _EQ),
    ('sr_np2_cast_first', 'vllm_post', 'dynamic', _R),
    ('sr_np2_neg_select', 'vllm_post', 'static', _EQ),
    ('sr_np2_neg_select', 'vllm_post', 'batch', _EQ),
    ('sr_np2_neg_select', 'vllm_post', 'dynamic', _R),
    ('sr_np2_swapped_halves', 'vllm_post', 'static', _EQ),
    ('sr_np2_swapped_halves', 'vllm_post', 'batch', _EQ),
    ('sr_np2_swapped_halves', 'vllm_post', 'dynamic', _R),
    ('sr_np2_same_half_twice', 'vllm_post', 'static', _EQ),
    ('sr_np2_same_half_twice', 'vllm_post', 'batch', _EQ),
    ('sr_np3', 'vllm_post', 'static', _EQ),
    ('sr_np3', 'vllm_post', 'batch', _EQ),
    ('sr_np3', 'vllm_post', 'dynamic', _R),
    ('sr_pn2', 'vllm_post', 'static', _EQ),
    ('sr_pn2', 'vllm_post', 'batch', _EQ),
    ('sr_pn2', 'vllm_post', 'dynamic', _R),
    ('sr_last', 'vllm_post', 'static', _EQ),
    ('sr_last', 'vllm_post', 'batch', _EQ),
    ('sr_last', 'vllm_post', 'dynamic', _R),
    ('sr_last_fp32', 'vllm_post', 'static', _EQ),
    ('sr_last_fp32', 'vllm_post', 'batch', _EQ),
    ('sr_last_bf16', 'vllm_post', 'static', _EQ),
    ('sr_last_bf16', 'vllm_post', 'batch', _EQ),
    ('sr_2s_cache', 'vllm_post', 'static', _EQ),
    ('sr_2s_cache', 'vllm_post', 'batch', _EQ),
    ('sr_2s_cache', 'vllm_post', 'dynamic', _R),
    ('sr_also_returned', 'vllm_post', 'static', _EQ),
    ('sr_also_returned', 'vllm_post', 'batch', _EQ),
    ('sr_append_between', 'vllm_post', 'static', _EQ),
    ('sr_append_between', 'vllm_post', 'batch', _EQ),
    ('plain_append_between', 'vllm_post', 'static', _EQ),
    ('plain_append_between', 'vllm_post', 'batch', _EQ),
    ('plain_append_between_pooled', 'vllm_post', 'static', _EQ),
    ('plain_append_between_pooled', 'vllm_post', 'batch', _EQ),
    ('sr_two_layers', 'vllm_post', 'static', _EQ),
    ('sr_two_layers', 'vllm_post', 'batch', _EQ),
    ('sr_functional', 'vllm_post', 'static', _EQ),
    ('sr_functional', 'vllm_post', 'batch', _EQ),
    ('sr_snapshot_between', 'vllm_post', 'static', _CD),
    ('sr_snapshot_between', 'vllm_post', 'batch', _CD),
    ('sr_kv_written_after', 'vllm_post', 'static', _EQ),
    ('sr_kv_written_after', 'vllm_post', 'batch', _EQ),
    ('sr_kv_half_scaled_between', 'vllm_post', 'static', _EQ),
    ('sr_kv_half_scaled_between', 'vllm_post', 'batch', _EQ),
    ('sr_alias_cache_from_kv', 'vllm_post', 'static', _EQ),
    ('sr_alias_cache_from_kv', 'vllm_post', 'batch', _EQ),
    ('hm_base', 'vllm_post', 'static', _EQ),
    ('hm_base', 'vllm_post', 'batch', _EQ),
    ('hm_base', 'vllm_post', 'dynamic', _EQ),
    ('hm_tm_base', 'vllm_post', 'static', _EQ),
    ('hm_tm_base', 'vllm_post', 'batch', _EQ),
    ('hm_tm_base', 'vllm_post', 'dynamic', _EQ),
    ('hm_old_returned', 'vllm_post', 'static', _EQ),
    ('hm_old_returned', 'vllm_post', 'batch', _EQ),
    ('hm_old_returned', 'vllm_post', 'dynamic', _EQ),
    ('hm_tm_old_returned', 'vllm_post', 'static', _EQ),
    ('hm_tm_old_returned', 'vllm_post', 'batch', _EQ),
    ('hm_tm_old_returned', 'vllm_post', 'dynamic', _EQ),
    ('hm_old_times2', 'vllm_post', 'static', _EQ),
    ('hm_old_times2', 'vllm_post', 'batch', _EQ),
    ('hm_old_times2', 'vllm_post', 'dynamic', _EQ),
    ('hm_old_used_late', 'vllm_post', 'static', _EQ),
    ('hm_old_used_late', 'vllm_post', 'batch', _EQ),
    ('hm_old_used_late', 'vllm_post', 'dynamic', _EQ),
    ('hm_tm_old_used_late', 'vllm_post', 'static', _EQ),
    ('hm_tm_old_used_late', 'vllm_post', 'batch', _EQ),
    ('hm_tm_old_used_late', 'vllm_post', 'dynamic', _EQ),
    ('hm_neg_dim', 'vllm_post', 'static', _EQ),
    ('hm_neg_dim', 'vllm_post', 'batch', _EQ),
    ('hm_neg_dim', 'vllm_post', 'dynamic', _EQ),
    ('hm_swapped', 'vllm_post', 'static', _EQ),
    ('hm_swapped', 'vllm_post', 'batch', _EQ),
    ('hm_functional', 'vllm_post', 'static', _EQ),
    ('hm_functional', 'vllm_post', 'batch', _EQ),
    ('hm_functional', 'vllm_post', 'dynamic', _EQ),
    ('hm_tm_functional', 'vllm_post', 'static', _EQ),
    ('hm_tm_functional', 'vllm_post', 'batch', _EQ),
    ('hm_tm_functional', 'vllm_post', 'dynamic', _EQ),
    ('hm_clone', 'vllm_post', 'static', _EQ),
    ('hm_clone', 'vllm_post', 'batch', _EQ),
    ('hm_clone', 'vllm_post', 'dynamic', _EQ),
    ('hm_clone_kept_from_input', 'vllm_post', 'static', _EQ),
    ('hm_clone_kept_from_input', 'vllm_post', 'batch', _EQ),
    ('hm_two_entries', 'vllm_post', 'static', _EQ),
    ('hm_two_entries', 'vllm_post', 'batch', _EQ),
    ('hm_two_entries', 'vllm_post', 'dynamic', _EQ),
    ('hm_tm_two_entries', 'vllm_post', 'static', _EQ),
    ('hm_tm_two_entries', 'vllm_post', 'batch', _EQ),
    ('hm_tm_two_entries', 'vllm_post', 'dynamic', _EQ),
    ('hm_two_same_entry_stale', 'vllm_post', 'static', _EQ),
    ('hm_two_same_entry_stale', 'vllm_post', 'batch', _EQ),
    ('hm_old_kept_two_steps', 'vllm_post', 'static', _EQ),
    ('hm_old_kept_two_steps', 'vllm_post', 'batch', _EQ),
    ('hm_flat_view', 'vllm_post', 'static', _EQ),
    ('hm_flat_view', 'vllm_post', 'batch', _EQ),
    ('hm_flat_view', 'vllm_post', 'dynamic', _EQ),
    ('hm_flat_view_snapshot', 'vllm_post', 'static', _EQ),
    ('hm_flat_view_snapshot', 'vllm_post', 'batch', _EQ),
    ('hm_kv_is_mem', 'vllm_post', 'static', _EQ),
    ('hm_kv_is_mem', 'vllm_post', 'batch', _EQ),
    ('cl_clone_then_two_steps', 'vllm_post', 'static', _EQ),
    ('cl_clone_then_two_steps', 'vllm_post', 'batch', _EQ),
    ('cl_step_clone_step', 'vllm_post', 'static', _EQ),
    ('cl_step_clone_step', 'vllm_post', 'batch', _EQ),
    ('cl_step_clone_step_both', 'vllm_post', 'static', _EQ),
    ('cl_step_clone_step_both', 'vllm_post', 'batch', _EQ),
    ('cl_clone_step_copy_back', 'vllm_post', 'static', _EQ),
    ('cl_clone_step_copy_back', 'vllm_post', 'batch', _EQ),
    ('cl_clone_step_input_read', 'vllm_post', 'static', _EQ),
    ('cl_clone_step_input_read', 'vllm_post', 'batch', _EQ),
    ('cl_functional_index_put', 'vllm_post', 'static', _EQ),
    ('cl_functional_index_put', 'vllm_post', 'batch', _EQ),
    ('cl_functional_then_inplace', 'vllm_post', 'static', _EQ),
    ('cl_functional_then_inplace', 'vllm_post', 'batch', _EQ),
    ('cl_view_before_read_after', 'vllm_post', 'static', _EQ),
    ('cl_view_before_read_after', 'vllm_post', 'batch', _EQ),
    ('cl_view_written_read_base', 'vllm_post', 'static', _EQ),
    ('cl_view_written_read_base', 'vllm_post', 'batch', _EQ),
    ('cl_clone_of_clone', 'vllm_post', 'static', _EQ),
    ('cl_clone_of_clone', 'vllm_post', 'batch', _EQ),
    ('cl_two_layers_same_slots', 'vllm_post', 'static', _EQ),
    ('cl_two_layers_same_slots', 'vllm_post', 'batch', _EQ),
    ('cl_old_rows_read_before_used_after', 'vllm_post', 'static', _EQ),
    ('cl_old_rows_read_before_used_after', 'vllm_post', 'batch', _EQ),
    ('cl_clone_written_input_returned_first', 'vllm_post', 'static', _EQ),
    ('cl_clone_written_input_returned_first', 'vllm_post', 'batch', _EQ),
    ('cl_detach_step', 'vllm_post', 'static', _EQ),
    ('cl_detach_step', 'vllm_post', 'batch', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'vllm_post', 'static', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'vllm_post', 'batch', _EQ),
    ('ly_last_cache_last', 'vllm_post', 'static', _EQ),
    ('ly_last_cache_last', 'vllm_post', 'batch', _EQ),
    ('ly_last_cache_last_fp32', 'vllm_post', 'static', _EQ),
    ('ly_last_cache_last_fp32', 'vllm_post', 'batch', _EQ),
    ('ly_permuted_kv', 'vllm_post', 'static', _EQ),
    ('ly_permuted_kv', 'vllm_post', 'batch', _EQ),
    ('ly_permuted_mem', 'vllm_post', 'static', _EQ),
    ('ly_permuted_mem', 'vllm_post', 'batch', _EQ),
    ('ly_hm_sliced', 'vllm_post', 'static', _EQ),
    ('ly_hm_sliced', 'vllm_post', 'batch', _EQ),
    ('ly_hm_transposed_view', 'vllm_post', 'static', _EQ),
    ('ly_hm_transposed_view', 'vllm_post', 'batch', _EQ),
    ('ly_hm_transposed_view', 'vllm_post', 'dynamic', _EQ),
    ('ly_hm_fp32', 'vllm_post', 'static', _EQ),
    ('ly_hm_fp32', 'vllm_post', 'batch', _EQ),
    ('vb_hm_base', 'vllm_post', 'static', _EQ),
    ('vb_hm_base', 'vllm_post', 'batch', _EQ),
    ('vb_hm_base', 'vllm_post', 'dynamic', _EQ),
    ('vb_hm_tm_base', 'vllm_post', 'static', _EQ),
    ('vb_hm_tm_base', 'vllm_post', 'batch', _EQ),
    ('vb_hm_tm_base', 'vllm_post', 'dynamic', _EQ),
    ('vb_hm_old_used_late', 'vllm_post', 'static', _EQ),
    ('vb_hm_old_used_late', 'vllm_post', 'batch', _EQ),
    ('vb_hm_old_used_late', 'vllm_post', 'dynamic', _EQ),
    ('vb_hm_flat_view', 'vllm_post', 'static', _EQ),
    ('vb_hm_flat_view', 'vllm_post', 'batch', _EQ),
    ('vb_hm_flat_view', 'vllm_post', 'dynamic', _EQ),
    ('vb_sr_np2', 'vllm_post', 'static', _EQ),
    ('vb_sr_np2', 'vllm_post', 'batch', _EQ),
    ('vb_sr_np2', 'vllm_post', 'dynamic', _R),
    ('vb_sr_last', 'vllm_post', 'static', _EQ),
    ('vb_sr_last', 'vllm_post', 'batch', _EQ),
    ('vb_sr_last', 'vllm_post', 'dynamic', _R),
    ('sr_cache_is_kv_page', 'vllm_post', 'static', _R),
    ('sr_cache_is_kv_page', 'vllm_post', 'batch', _R),
    ('jw_joint_pool', 'vllm_post', 'static', _R),
    ('jw_joint_pool', 'vllm_post', 'batch', _R),
    ('jw_stacked_halves', 'vllm_post', 'static', _EQ),
    ('jw_stacked_halves', 'vllm_post', 'batch', _EQ),
    ('jw_stacked_halves_swapped', 'vllm_post', 'static', _EQ),
    ('jw_stacked_halves_swapped', 'vllm_post', 'batch', _EQ),
    ('jw_joint_pool_transpose', 'vllm_post', 'static', _R),
    ('jw_joint_pool_transpose', 'vllm_post', 'batch', _R),
    ('jw_movedim_first', 'vllm_post', 'static', _R),
    ('jw_movedim_first', 'vllm_post', 'batch', _R),
    ('kp_kept_other_half', 'vllm_post', 'static', _R),
    ('kp_kept_other_half', 'vllm_post', 'batch', _R),
    ('kp_kept_one_gather', 'vllm_post', 'static', _R),
    ('kp_kept_one_gather', 'vllm_post', 'batch', _R),
    ('kp_kept_both_gather_select', 'vllm_post', 'static', _R),
    ('kp_kept_both_gather_select', 'vllm_post', 'batch', _R),
    ('kp_hm_stale_after_inplace', 'vllm_post', 'static', _R),
    ('kp_hm_stale_after_inplace', 'vllm_post', 'batch', _R),
    ('kp_hm_kept_next_row', 'vllm_post', 'static', _R),
    ('kp_hm_kept_next_row', 'vllm_post', 'batch', _R),
    ('kp_hm_kept_other_index', 'vllm_post', 'static', _R),
    ('kp_hm_kept_other_index', 'vllm_post', 'batch', _R),
    ('kp_hm_idx_broadcast_d', 'vllm_post', 'static', _R),
    ('kp_hm_idx_broadcast_d', 'vllm_post', 'batch', _R),
    ('mw_hm_mean', 'vllm_post', 'static', _EQ),
    ('mw_hm_mean', 'vllm_post', 'batch', _EQ),
    ('mw_hm_mean', 'vllm_post', 'dynamic', _EQ),
    ('mw_hm_mean_bf16', 'vllm_post', 'static', _R),
    ('mw_hm_mean_bf16', 'vllm_post', 'batch', _R),
    ('mw_sr_mean', 'vllm_post', 'static', _EQ),
    ('mw_sr_mean', 'vllm_post', 'batch', _EQ),
    ('mw_sr_mean_fp32', 'vllm_post', 'static', _R),
    ('mw_sr_mean_fp32', 'vllm_post', 'batch', _R),
    ('wm_stacked_append_compress_attend', 'vllm_post', 'static', _EQ),
    ('wm_stacked_append_compress_attend', 'vllm_post', 'batch', _EQ),
    ('wm_mem_compress_read', 'vllm_post', 'static', _EQ),
    ('wm_mem_compress_read', 'vllm_post', 'batch', _EQ),
    ('wm_mem_compress_read', 'vllm_post', 'dynamic', _EQ),
    ('wm_mem_two_layers', 'vllm_post', 'static', _EQ),
    ('wm_mem_two_layers', 'vllm_post', 'batch', _EQ),
    ('wm_mem_two_layers', 'vllm_post', 'dynamic', _R),
    ('al_mem_inside_kv', 'vllm_post', 'static', _EQ),
    ('al_mem_inside_kv', 'vllm_post', 'batch', _EQ),
    ('al_two_steps_through_kv', 'vllm_post', 'static', _EQ),
    ('al_two_steps_through_kv', 'vllm_post', 'batch', _EQ),
    ('al_two_steps_rows', 'vllm_post', 'static', _R),
    ('al_two_steps_rows', 'vllm_post', 'batch', _R),
    ('hm_stacked_halves_snapshot', 'vllm_post', 'static', _CD),
    ('hm_stacked_halves_snapshot', 'vllm_post', 'batch', _CD),
    ('hm_stacked_halves_snapshot', 'vllm_post', 'dynamic', _CD),
    ('hm_two_from_same_x', 'vllm_post', 'static', _EQ),
    ('hm_two_from_same_x', 'vllm_post', 'batch', _EQ),
    ('hm_two_from_same_x', 'vllm_post', 'dynamic', _EQ),
    ('sr_np2_range', 'vllm_post', 'static', _EQ),
    ('sr_np2_range', 'vllm_post', 'batch', _EQ),
    ('sr_np2_range', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_np2', 'vllm_post', 'static', _EQ),
    ('dy_sr_np2', 'vllm_post', 'batch', _EQ),
    ('dy_sr_np2', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_neg', 'vllm_post', 'static', _EQ),
    ('dy_sr_neg', 'vllm_post', 'batch', _EQ),
    ('dy_sr_neg', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_swapped', 'vllm_post', 'static', _EQ),
    ('dy_sr_swapped', 'vllm_post', 'batch', _EQ),
    ('dy_sr_swapped', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_np3', 'vllm_post', 'static', _EQ),
    ('dy_sr_np3', 'vllm_post', 'batch', _EQ),
    ('dy_sr_np3', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_pn2', 'vllm_post', 'static', _EQ),
    ('dy_sr_pn2', 'vllm_post', 'batch', _EQ),
    ('dy_sr_pn2', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_last', 'vllm_post', 'static', _EQ),
    ('dy_sr_last', 'vllm_post', 'batch', _EQ),
    ('dy_sr_last', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_cast_first', 'vllm_post', 'static', _EQ),
    ('dy_sr_cast_first', 'vllm_post', 'batch', _EQ),
    ('dy_sr_cast_first', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_2s', 'vllm_post', 'static', _EQ),
    ('dy_sr_2s', 'vllm_post', 'batch', _EQ),
    ('dy_sr_2s', 'vllm_post', 'dynamic', _EQ),
    ('dy_sr_same_half_twice', 'vllm_post', 'static', _EQ),
    ('dy_sr_same_half_twice', 'vllm_post', 'batch', _EQ),
    ('dy_sr_same_half_twice', 'vllm_post', 'dynamic', _EQ),
    ('sr_np2_base', 'aot_outputs', 'static', _EQ),
    ('sr_np2_base', 'aot_outputs', 'batch', _EQ),
    ('sr_np2_base', 'aot_outputs', 'dynamic', _R),
    ('sr_np2_cast_first', 'aot_outputs', 'static', _EQ),
    ('sr_np2_cast_first', 'aot_outputs', 'batch', _EQ),
    ('sr_np2_cast_first', 'aot_outputs', 'dynamic', _R),
    ('sr_np2_neg_select', 'aot_outputs', 'static', _EQ),
    ('sr_np2_neg_select', 'aot_outputs', 'batch', _EQ),
    ('sr_np2_neg_select', 'aot_outputs', 'dynamic', _R),
    ('sr_np2_swapped_halves', 'aot_outputs', 'static', _EQ),
    ('sr_np2_swapped_halves', 'aot_outputs', 'batch', _EQ),
    ('sr_np2_swapped_halves', 'aot_outputs', 'dynamic', _R),
    ('sr_np2_same_half_twice', 'aot_outputs', 'static', _EQ),
    ('sr_np2_same_half_twice', 'aot_outputs', 'batch', _EQ),
    ('sr_np3', 'aot_outputs', 'static', _EQ),
    ('sr_np3', 'aot_outputs', 'batch', _EQ),
    ('sr_np3', 'aot_outputs', 'dynamic', _R),
    ('sr_pn2', 'aot_outputs', 'static', _EQ),
    ('sr_pn2', 'aot_outputs', 'batch', _EQ),
    ('sr_pn2', 'aot_outputs', 'dynamic', _R),
    ('sr_last', 'aot_outputs', 'static', _EQ),
    ('sr_last', 'aot_outputs', 'batch', _EQ),
    ('sr_last', 'aot_outputs', 'dynamic', _R),
    ('sr_last_fp32', 'aot_outputs', 'static', _EQ),
    ('sr_last_fp32', 'aot_outputs', 'batch', _EQ),
    ('sr_last_bf16', 'aot_outputs', 'static', _EQ),
    ('sr_last_bf16', 'aot_outputs', 'batch', _EQ),
    ('sr_2s_cache', 'aot_outputs', 'static', _EQ),
    ('sr_2s_cache', 'aot_outputs', 'batch', _EQ),
    ('sr_2s_cache', 'aot_outputs', 'dynamic', _R),
    ('sr_also_returned', 'aot_outputs', 'static', _EQ),
    ('sr_also_returned', 'aot_outputs', 'batch', _EQ),
    ('sr_append_between', 'aot_outputs', 'static', _EQ),
    ('sr_append_between', 'aot_outputs', 'batch', _EQ),
    ('plain_append_between', 'aot_outputs', 'static', _EQ),
    ('plain_append_between', 'aot_outputs', 'batch', _EQ),
    ('plain_append_between_pooled', 'aot_outputs', 'static', _EQ),
    ('plain_append_between_pooled', 'aot_outputs', 'batch', _EQ),
    ('sr_two_layers', 'aot_outputs', 'static', _EQ),
    ('sr_two_layers', 'aot_outputs', 'batch', _EQ),
    ('sr_functional', 'aot_outputs', 'static', _EQ),
    ('sr_functional', 'aot_outputs', 'batch', _EQ),
    ('sr_snapshot_between', 'aot_outputs', 'static', _EQ),
    ('sr_snapshot_between', 'aot_outputs', 'batch', _EQ),
    ('sr_kv_written_after', 'aot_outputs', 'static', _EQ),
    ('sr_kv_written_after', 'aot_outputs', 'batch', _EQ),
    ('sr_kv_half_scaled_between', 'aot_outputs', 'static', _EQ),
    ('sr_kv_half_scaled_between', 'aot_outputs', 'batch', _EQ),
    ('sr_alias_cache_from_kv', 'aot_outputs', 'static', _EQ),
    ('sr_alias_cache_from_kv', 'aot_outputs', 'batch', _EQ),
    ('hm_base', 'aot_outputs', 'static', _EQ),
    ('hm_base', 'aot_outputs', 'batch', _EQ),
    ('hm_base', 'aot_outputs', 'dynamic', _EQ),
    ('hm_tm_base', 'aot_outputs', 'static', _EQ),
    ('hm_tm_base', 'aot_outputs', 'batch', _EQ),
    ('hm_tm_base', 'aot_outputs', 'dynamic', _EQ),
    ('hm_old_returned', 'aot_outputs', 'static', _EQ),
    ('hm_old_returned', 'aot_outputs', 'batch', _EQ),
    ('hm_old_returned', 'aot_outputs', 'dynamic', _EQ),
    ('hm_tm_old_returned', 'aot_outputs', 'static', _EQ),
    ('hm_tm_old_returned', 'aot_outputs', 'batch', _EQ),
    ('hm_tm_old_returned', 'aot_outputs', 'dynamic', _EQ),
    ('hm_old_times2', 'aot_outputs', 'static', _EQ),
    ('hm_old_times2', 'aot_outputs', 'batch', _EQ),
    ('hm_old_times2', 'aot_outputs', 'dynamic', _EQ),
    ('hm_old_used_late', 'aot_outputs', 'static', _EQ),
    ('hm_old_used_late', 'aot_outputs', 'batch', _EQ),
    ('hm_old_used_late', 'aot_outputs', 'dynamic', _EQ),
    ('hm_tm_old_used_late', 'aot_outputs', 'static', _EQ),
    ('hm_tm_old_used_late', 'aot_outputs', 'batch', _EQ),
    ('hm_tm_old_used_late', 'aot_outputs', 'dynamic', _EQ),
    ('hm_neg_dim', 'aot_outputs', 'static', _EQ),
    ('hm_neg_dim', 'aot_outputs', 'batch', _EQ),
    ('hm_neg_dim', 'aot_outputs', 'dynamic', _EQ),
    ('hm_swapped', 'aot_outputs', 'static', _EQ),
    ('hm_swapped', 'aot_outputs', 'batch', _EQ),
    ('hm_functional', 'aot_outputs', 'static', _EQ),
    ('hm_functional', 'aot_outputs', 'batch', _EQ),
    ('hm_functional', 'aot_outputs', 'dynamic', _EQ),
    ('hm_tm_functional', 'aot_outputs', 'static', _EQ),
    ('hm_tm_functional', 'aot_outputs', 'batch', _EQ),
    ('hm_tm_functional', 'aot_outputs', 'dynamic', _EQ),
    ('hm_clone', 'aot_outputs', 'static', _EQ),
    ('hm_clone', 'aot_outputs', 'batch', _EQ),
    ('hm_clone', 'aot_outputs', 'dynamic', _EQ),
    ('hm_clone_kept_from_input', 'aot_outputs', 'static', _EQ),
    ('hm_clone_kept_from_input', 'aot_outputs', 'batch', _EQ),
    ('hm_two_entries', 'aot_outputs', 'static', _EQ),
    ('hm_two_entries', 'aot_outputs', 'batch', _EQ),
    ('hm_two_entries', 'aot_outputs', 'dynamic', _EQ),
    ('hm_tm_two_entries', 'aot_outputs', 'static', _EQ),
    ('hm_tm_two_entries', 'aot_outputs', 'batch', _EQ),
    ('hm_tm_two_entries', 'aot_outputs', 'dynamic', _EQ),
    ('hm_two_same_entry_stale', 'aot_outputs', 'static', _EQ),
    ('hm_two_same_entry_stale', 'aot_outputs', 'batch', _EQ),
    ('hm_old_kept_two_steps', 'aot_outputs', 'static', _EQ),
    ('hm_old_kept_two_steps', 'aot_outputs', 'batch', _EQ),
    ('hm_flat_view', 'aot_outputs', 'static', _EQ),
    ('hm_flat_view', 'aot_outputs', 'batch', _EQ),
    ('hm_flat_view', 'aot_outputs', 'dynamic', _EQ),
    ('hm_flat_view_snapshot', 'aot_outputs', 'static', _EQ),
    ('hm_flat_view_snapshot', 'aot_outputs', 'batch', _EQ),
    ('hm_kv_is_mem', 'aot_outputs', 'static', _EQ),
    ('hm_kv_is_mem', 'aot_outputs', 'batch', _EQ),
    ('cl_clone_then_two_steps', 'aot_outputs', 'static', _EQ),
    ('cl_clone_then_two_steps', 'aot_outputs', 'batch', _EQ),
    ('cl_step_clone_step', 'aot_outputs', 'static', _EQ),
    ('cl_step_clone_step', 'aot_outputs', 'batch', _EQ),
    ('cl_step_clone_step_both', 'aot_outputs', 'static', _EQ),
    ('cl_step_clone_step_both', 'aot_outputs', 'batch', _EQ),
    ('cl_clone_step_copy_back', 'aot_outputs', 'static', _EQ),
    ('cl_clone_step_copy_back', 'aot_outputs', 'batch', _EQ),
    ('cl_clone_step_input_read', 'aot_outputs', 'static', _EQ),
    ('cl_clone_step_input_read', 'aot_outputs', 'batch', _EQ),
    ('cl_functional_index_put', 'aot_outputs', 'static', _EQ),
    ('cl_functional_index_put', 'aot_outputs', 'batch', _EQ),
    ('cl_functional_then_inplace', 'aot_outputs', 'static', _EQ),
    ('cl_functional_then_inplace', 'aot_outputs', 'batch', _EQ),
    ('cl_view_before_read_after', 'aot_outputs', 'static', _EQ),
    ('cl_view_before_read_after', 'aot_outputs', 'batch', _EQ),
    ('cl_view_written_read_base', 'aot_outputs', 'static', _EQ),
    ('cl_view_written_read_base', 'aot_outputs', 'batch', _EQ),
    ('cl_clone_of_clone', 'aot_outputs', 'static', _EQ),
    ('cl_clone_of_clone', 'aot_outputs', 'batch', _EQ),
    ('cl_two_layers_same_slots', 'aot_outputs', 'static', _EQ),
    ('cl_two_layers_same_slots', 'aot_outputs', 'batch', _EQ),
    ('cl_old_rows_read_before_used_after', 'aot_outputs', 'static', _EQ),
    ('cl_old_rows_read_before_used_after', 'aot_outputs', 'batch', _EQ),
    ('cl_clone_written_input_returned_first', 'aot_outputs', 'static', _EQ),
    ('cl_clone_written_input_returned_first', 'aot_outputs', 'batch', _EQ),
    ('cl_detach_step', 'aot_outputs', 'static', _EQ),
    ('cl_detach_step', 'aot_outputs', 'batch', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'aot_outputs', 'static', _EQ),
    ('cl_clone_step_on_input_then_return_clone', 'aot_outputs', 'batch', _EQ),
    ('ly_last_cache_last', 'aot_outputs', 'static', _EQ),
    ('ly_last_cache_last', 'aot_outputs', 'batch', _EQ),
    ('ly_last_cache_last_fp32', 'aot_outputs', 'static', _EQ),
    ('ly_last_cache_last_fp32', 'aot_outputs', 'batch', _EQ),
    ('ly_permuted_kv', 'aot_outputs', 'static', _EQ),
    ('ly_permuted_kv', 'aot_outputs', 'batch', _EQ),
    ('ly_permuted_mem', 'aot_outputs', 'static', _EQ),
    ('ly_permuted_mem', 'aot_outputs', 'batch', _EQ),
    ('ly_hm_sliced', 'aot_outputs', 'static', _EQ),
    ('ly_hm_sliced', 'aot_outputs', 'batch', _EQ),
    ('ly_hm_transposed_view', 'aot_outputs', 'static', _EQ),
    ('ly_hm_transposed_view', 'aot_outputs', 'batch', _EQ),
    ('ly_hm_transposed_view', 'aot_outputs', 'dynamic', _EQ),
    ('ly_hm_fp32', 'aot_outputs', 'static', _EQ),
    ('ly_hm_fp32', 'aot_outputs', 'batch', _EQ),
    ('vb_hm_base', 'aot_outputs', 'static', _EQ),
    ('vb_hm_base', 'aot_outputs', 'batch', _EQ),
    ('vb_hm_base', 'aot_outputs', 'dynamic', _EQ),
    ('vb_hm_tm_base', 'aot_outputs', 'static', _EQ),
    ('vb_hm_tm_base', 'aot_outputs', 'batch', _EQ),
    ('vb_hm_tm_base', 'aot_outputs', 'dynamic', _EQ),
    ('vb_hm_old_used_late', 'aot_outputs', 'static', _EQ),
    ('vb_hm_old_used_late', 'aot_outputs', 'batch', _EQ),
    ('vb_hm_old_used_late', 'aot_outputs', 'dynamic', _EQ),
    ('vb_hm_flat_view', 'aot_outputs', 'static', _EQ),
    ('vb_hm_flat_view', 'aot_outputs', 'batch', _EQ),
    ('vb_hm_flat_view', 'aot_outputs', 'dynamic', _EQ),
    ('vb_sr_np2', 'aot_outputs', 'static', _EQ),
    ('vb_sr_np2', 'aot_outputs', 'batch', _EQ),
    ('vb_sr_np2', 'aot_outputs', 'dynamic', _R),
    ('vb_sr_last', 'aot_outputs', 'static', _EQ),
    ('vb_sr_last', 'aot_outputs', 'batch', _EQ),
    ('vb_sr_last', 'aot_outputs', 'dynamic', _R),
    ('sr_cache_is_kv_page', 'aot_outputs', 'static', _R),
    ('sr_cache_is_kv_page', 'aot_outputs', 'batch', _R),
    ('jw_joint_pool', 'aot_outputs', 'static', _R),
    ('jw_joint_pool', 'aot_outputs', 'batch', _R),
    ('jw_stacked_halves', 'aot_outputs', 'static', _EQ),
    ('jw_stacked_halves', 'aot_outputs', 'batch', _EQ),
    ('jw_stacked_halves_swapped', 'aot_outputs', 'static', _EQ),
    ('jw_stacked_halves_swapped', 'aot_outputs', 'batch', _EQ),
    ('jw_joint_pool_transpose', 'aot_outputs', 'static', _R),
    ('jw_joint_pool_transpose', 'aot_outputs', 'batch', _R),
    ('jw_movedim_first', 'aot_outputs', 'static', _R),
    ('jw_movedim_first', 'aot_outputs', 'batch', _R),
    ('kp_kept_other_half', 'aot_outputs', 'static', _R),
    ('kp_kept_other_half', 'aot_outputs', 'batch', _R),
    ('kp_kept_one_gather', 'aot_outputs', 'static', _R),
    ('kp_kept_one_gather', 'aot_outputs', 'batch', _R),
    ('kp_kept_both_gather_select', 'aot_outputs', 'static', _R),
    ('kp_kept_both_gather_select', 'aot_outputs', 'batch', _R),
    ('kp_hm_stale_after_inplace', 'aot_outputs', 'static', _R),
    ('kp_hm_stale_after_inplace', 'aot_outputs', 'batch', _R),
    ('kp_hm_kept_next_row', 'aot_outputs', 'static', _R),
    ('kp_hm_kept_next_row', 'aot_outputs', 'batch', _R),
    ('kp_hm_kept_other_index', 'aot_outputs', 'static', _R),
    ('kp_hm_kept_other_index', 'aot_outputs', 'batch', _R),
    ('kp_hm_idx_broadcast_d', 'aot_outputs', 'static', _R),
    ('kp_hm_idx_broadcast_d', 'aot_outputs', 'batch', _R),
    ('mw_hm_mean', 'aot_outputs', 'static', _EQ),
    ('mw_hm_mean', 'aot_outputs', 'batch', _EQ),
    ('mw_hm_mean', 'aot_outputs', 'dynamic', _EQ),
    ('mw_hm_mean_bf16', 'aot_outputs', 'static', _R),
    ('mw_hm_mean_bf16', 'aot_outputs', 'batch', _R),
    ('mw_sr_mean', 'aot_outputs', 'static', _EQ),
    ('mw_sr_mean', 'aot_outputs', 'batch', _EQ),
    ('mw_sr_mean_fp32', 'aot_outputs', 'static', _R),
    ('mw_sr_mean_fp32', 'aot_outputs', 'batch', _R),
    ('wm_stacked_append_compress_attend', 'aot_outputs', 'static', _EQ),
    ('wm_stacked_append_compress_attend', 'aot_outputs', 'batch', _EQ),
    ('wm_mem_compress_read', 'aot_outputs', 'static', _EQ),
    ('wm_mem_compress_read', 'aot_outputs', 'batch', _EQ),
    ('wm_mem_compress_read', 'aot_outputs', 'dynamic', _EQ),
    ('wm_mem_two_layers', 'aot_outputs', 'static', _EQ),
    ('wm_mem_two_layers', 'aot_outputs', 'batch', _EQ),
    ('wm_mem_two_layers', 'aot_outputs', 'dynamic', _R),
    ('al_mem_inside_kv', 'aot_outputs', 'static', _EQ),
    ('al_mem_inside_kv', 'aot_outputs', 'batch', _EQ),
    ('al_two_steps_through_kv', 'aot_outputs', 'static', _EQ),
    ('al_two_steps_through_kv', 'aot_outputs', 'batch', _EQ),
    ('al_two_steps_rows', 'aot_outputs', 'static', _R),
    ('al_two_steps_rows', 'aot_outputs', 'batch', _R),
    ('hm_stacked_halves_snapshot', 'aot_outputs', 'static', _EQ),
    ('hm_stacked_halves_snapshot', 'aot_outputs', 'batch', _EQ),
    ('hm_stacked_halves_snapshot', 'aot_outputs', 'dynamic', _EQ),
    ('hm_two_from_same_x', 'aot_outputs', 'static', _EQ),
    ('hm_two_from_same_x', 'aot_outputs', 'batch', _EQ),
    ('hm_two_from_same_x', 'aot_outputs', 'dynamic', _EQ),
    ('sr_np2_range', 'aot_outputs', 'static', _EQ),
    ('sr_np2_range', 'aot_outputs', 'batch', _EQ),
    ('sr_np2_range', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_np2', 'aot_outputs', 'static', _EQ),
    ('dy_sr_np2', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_np2', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_neg', 'aot_outputs', 'static', _EQ),
    ('dy_sr_neg', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_neg', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_swapped', 'aot_outputs', 'static', _EQ),
    ('dy_sr_swapped', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_swapped', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_np3', 'aot_outputs', 'static', _EQ),
    ('dy_sr_np3', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_np3', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_pn2', 'aot_outputs', 'static', _EQ),
    ('dy_sr_pn2', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_pn2', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_last', 'aot_outputs', 'static', _EQ),
    ('dy_sr_last', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_last', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_cast_first', 'aot_outputs', 'static', _EQ),
    ('dy_sr_cast_first', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_cast_first', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_2s', 'aot_outputs', 'static', _EQ),
    ('dy_sr_2s', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_2s', 'aot_outputs', 'dynamic', _EQ),
    ('dy_sr_same_half_twice', 'aot_outputs', 'static', _EQ),
    ('dy_sr_same_half_twice', 'aot_outputs', 'batch', _EQ),
    ('dy_sr_same_half_twice', 'aot_outputs', 'dynamic', _EQ),
    ('sr_np2_base', 'torchair', 'static', _EQ),
    ('sr_last', 'torchair', 'static', _EQ),
    ('sr_last_fp32', 'torchair', 'static', _EQ),
    ('sr_last_bf16', 'torchair', 'static', _EQ),
    ('hm_base', 'torchair', 'static', _EQ),
    ('hm_old_returned', 'torchair', 'static', _EQ),
    ('hm_old_used_late', 'torchair', 'static', _EQ),
    ('hm_clone', 'torchair', 'static', _EQ),
    ('hm_clone_kept_from_input', 'torchair', 'static', _EQ),
    ('cl_step_clone_step_both', 'torchair', 'static', _EQ),
    ('ly_last_cache_last', 'torchair', 'static', _EQ),
    ('ly_last_cache_last_fp32', 'torchair', 'static', _EQ),
    ('vb_hm_base', 'torchair', 'static', _EQ),
    ('vb_hm_old_used_late', 'torchair', 'static', _EQ),
    ('vb_sr_last', 'torchair', 'static', _EQ),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
