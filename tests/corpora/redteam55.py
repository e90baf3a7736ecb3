"""Fifty-fifth adversarial review of the recogniser (round 55; 55b9cdc frozen at /tmp/base60: the whole landed
recogniser after red team 54's fixes -- compile safety of the pass's own traced ops, the pooling and mask proofs,
the graph-wide rewrites left in place when nothing fuses, aliasing of the cache and reads of its old values, input
layouts, unbacked sizes; the slot map only through its neighbours: padded slot / table buffers).

Same format as redteam43 .. redteam54: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache)``; the rw_pos* steps get positions, lens - 1,
in the lengths' place).  Runner: redteam7's ``classify7`` through :func:`classify55`.

    cp /work/main/tests/corpora/redteam55.py /tmp/base60/tests/corpora/ && cd /tmp/base60 && \\
    PYTHONPATH=/tmp/base60 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam55.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base60 = 55b9cdc, 16:17:31-16:35:29 UTC 2026-12-06 by this machine's
``date -u``, the two graph dialects side by side, one process each, the whole ``ATTACKS`` list as it stood then (65
attacks: cs_, po_, mk_, rw_, al_, la_, ro_, ub_; ro_gather_use_after, ro_index_select_use_after and
ro_row0_copy_use_after were added after it, see ``_LATER``); before it, while writing the attacks, subsets were run
(cs_, la_, ub_ in both graph dialects; po_, mk_, rw_ in inductor_graph; ro_ in real Inductor, static only -- that
is where ro_kept_returned first showed): the first FULL run is this one), 195 runs per graph dialect (every attack in
static, batch, dynamic):

    inductor_graph  195 runs: 3 FALSE FUSION / 0 CRASH / 108 fused & equal / 84 refused / 0 control differs
    torchair_like   195 runs: 3 FALSE FUSION / 0 CRASH / 108 fused & equal / 84 refused / 0 control differs

Per theme (inductor_graph | torchair_like: the same counts in both):
  cs_ 9  compile safety: padded table / slot buffers, batch sizes meeting l, P, D, N, pages at the hint:  21 EQ / 6 R
  po_ 12 pooling on fp32 data (near-max / subnormal windows): nansum, chunked, scaled, mean, cumsum:     3 FF / 33 R
  mk_ 8  masks reading other rows (counts, max, neighbour, sum parity, first row, cummax):             3 EQ / 21 R
  rw_ 6  graph-wide rewrites around an unfused step (p beside p + 1, slice merges, kept index twice):   6 EQ / 12 R
  al_ 3  the compressed cache a view of the KV pages the step reads:                                    9 R
  la_ 7  input layouts (dense, non-contiguous: head-major cache / KV, transposed weight / table):       21 EQ
  ro_ 15 reads of the cache's old values beside the step (the kept rows reused, snapshots, a layer):   45 EQ
  ub_ 5  unbacked sizes beside a step (.item(), nonzero):                                              12 EQ / 3 R
The 3 FALSE FUSIONs are po_plain (static / batch / dynamic): the reference spelling itself on fp32 data whose window
sum overflows in window order (BIG at j = 0 and 16, -BIG at j = 17: window order inf, eager's sum 3e38).  That is the
difference docs/contract.md allows ("the order of the window sum where torch leaves that order open ... the
window-order result is the one this contract defines"): a control of the probe values, NOT a finding.

Later runs (``_LATER``, not the first try):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend, 16:33:06-16:38:32 UTC): ro_kept_returned, ro_kept_sum,
  ro_kept_index_copy, ro_kept_into_kv: FALSE FUSION in static, batch and dynamic with the pass-off control equal to
  eager; ro_kept_returned_raw, ro_kept_masked_returned and the other-gather controls ro_gather_use_after,
  ro_index_select_use_after, ro_row0_copy_use_after: fused & equal (see H1).
* ``--dialect vllm_post`` (16:36:20-16:38 UTC) for ro_kept_returned, ro_kept_returned_raw, ro_kept_sum,
  ro_kept_index_copy, ro_kept_into_kv: fused & equal in every mode (the vLLM adapters' mutating call after Inductor's
  own reinplacing: the gather is realised before it there).
* Standalone repro /tmp/rt55/repro_ro.py (eager vs nsa_fusion_backend with the pass off vs on; real Inductor):
      ro_kept_returned static: pass off 0 differ; pass on fused 2, call 0 tensor 1 (the returned old rows): 192
        differ, first (0, 0, 0): got 6.6484375 (the NEW pooled row), eager -1.9375 (the old row);
      ro_kept_sum static: pass off 0; pass on 6 of 12 row sums differ (got 88.50, eager 0.0625);
      ro_kept_index_copy / ro_kept_into_kv: 192 / 256 values differ in calls 0 / 1 (the KV written from the old rows
        gets the new ones).
  /tmp/rt55/dump.py prints the graph after the pass: the kept rows' gather ``index_1 = index(arg5_1, [slots])`` stays
  BEFORE ``auto_functionalized(compress_infer_, cache=arg5_1)`` and its consumer (``convert_element_type(index_1) +
  0``) comes AFTER it; no ``detach_copy`` is inserted (ro_gather_use_after's gather, placed after the call, gets one).

FOUND:

* H1 FALSE FUSION (real Inductor codegen only): the kept rows read once and used twice -- as the step's keep AND by
  something after the step (returned, reduced, written elsewhere).  Minimal repro (any B, the reference inputs):

      old = cache[s]                                   # s = slots.long()
      cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
      return cache, old.float() + 0                    # (or old.float().sum(...), kv[0, :B] = old, index_copy_)

  Eager returns the rows as they were before the write; with the pass the returned rows hold the NEW pooled rows on
  every written row (192 of 384 values in call 0), while nsa_fusion_backend with the pass off equals eager (static,
  batch, dynamic).  Why: after the fusion the gather ``index(cache, [s])`` is left where the user's kept read was,
  before the fused ``auto_functionalized`` call, and its only remaining reader (the user's ``.float() + 0``) comes
  after the call.  Inductor reinplaces the call onto the cache input (no later use of the cache in the graph), and
  lowers the gather lazily, inlined into the later pointwise kernel, which then reads the cache after the op wrote it.
  The user's own graph never had the problem (its index_put is lowered by Inductor itself, which orders the read).
  Returned as it is (ro_kept_returned_raw: an output buffer realized before the call) or read only on the kept rows
  (ro_kept_masked_returned) it is equal; another gather placed AFTER the call in graph order is protected (detach_copy,
  ro_gather_use_after).  Rule at fault: nsa_fusion/rewrite.py: protect_old_cache_readers (``later = [u for u in
  _alias_readers(base, noops) if u is not call and order[call] < order[u] < end]``: only readers placed after the
  call are redirected to the copy; a reader placed before it whose value is still consumed after it -- the kept rows'
  own gather, which the replaced step no longer consumes -- is not), with rewrite.replace_step leaving the shared kept
  read in the graph.  Fix direction: treat every reader of the cache input whose value is used after the call as a
  later reader (redirect it to the pre-call copy, or make the call's cache a copy), or have the fused call take the
  kept read's users into account: e.g. realize the read before the call (detach_copy of the gathered rows).

Not found (equal or refused; the idea each tried):

* cs_ compile safety: a block table with 4 more rows than the batch gathered as it is (refused: "the block table does
  not have one row per written row"), the padded table read as ``table[:B]`` / ``narrow(0, 0, B)`` (fused & equal,
  also with the table's own batch marked dynamic apart from the lengths': no guard specialised); a padded slot buffer
  ``slots[:B]`` (refused: an internal error of write.check_write, ``broadcast_to`` of the [B]-row values to the
  slots' 16 rows, caught by the pass: left unfused); batches equal at the hint to l = 32, P = 64, D = 16, N = 2,
  pages = 4 then other sizes (fused & equal in every mode: no duck-sized specialisation, no crash).
* po_ pooling on fp32 data with near-max and subnormal windows: nansum (refused: isnan on the values), a chunked sum
  (view + two sums; two half sums added: refused, written order), (s + s) / 2, s * 2 * 0.5, mean * l, s / 1.0
  (refused: sum-then-scale on fp32 data), cumsum()[:, -1] (refused), a flipped window sum (refused: batch plan),
  addcmul chain (refused: FMA), a reversed written-out loop (refused: order).
* mk_ masks reading other rows: the number of rows sharing a length, lens.max(), the previous row's length, the
  batch's length sum parity, row 0's length, the number of completing rows, cummax: all refused ("the condition of
  row b may depend on other rows"), the plain mask fused & equal.
* rw_ rewrites when nothing fuses: vLLM positions read beside p + 1 (fused & equal; refused variants with a
  nan_to_num or a shifted slot: the graph restored, equal), equal slices of the cache around a refused step's
  write, the kept index spelled twice in a refused step, two kv[:NB] slices across a KV write (fused & equal).
* al_ the cache a view of the KV pages (``kv.view(NB * P, N, D)``, a written row on a later row's window token):
  refused ("the cache is a view of the paged input ... eager reads every window before it writes").
* la_ layouts: head-major cache [N, S, D] / [D, S, N] storage, head-major and pages-last KV, transposed weight and
  block table, all at once: fused & equal (the op's call honours strides).
* ro_ in the graph dialects (the harness's inductor_graph / torchair_like stand-ins): every ro_ attack fused & equal
  (H1 needs Inductor's own scheduling); in real Inductor the other old-value reads held: row 0 read before, a
  nan-to-num sum of the cache before, a gather at flipped slots / index_select / a copy of row 0 before and used
  after (the pass's detach_copy), a clone before, a view before (eager shows the new rows; so does the compiled
  model), a layer of a [3, S, N, D] cache with the other layers read before / after.
* ub_ unbacked sizes: ``.item()`` sizes in an aux output and in two equal slices of the KV (merge_duplicate_views'
  shape check did not guard), nonzero of the mask returned, a compaction ``cache[s[idx]] = new[idx]`` (refused:
  "the write stores only the rows a mask picks"): no crash.

Read, not demonstrated: (1) rewrite.protect_old_cache_readers and reinplace_clones decide "old reader" by graph order
of the READ node; H1 shows that the use of a read, not the read, is what Inductor may move; the torchair path
(reinplace_clones, ``lazy_reads``) and the vLLM adapters' mutating call (no auto_functionalized: "the readers of the
old cache ... are then protected only as in torchair's graphs") rest on the same order test; vllm_post held for the
H1 attacks (fused & equal), real torchair/GE was not available to try. (2) pool_tables._call and
lengths_from_positions' fake-value arithmetic add no guard in the tried shapes; pool_tables.expose runs outside the
try/except of fusion_pass._run (an exception there breaks the compile) -- not reached.  (3) write.check_write raises
a RuntimeError for a slot buffer longer than the batch (cs_slots_pad_slice), caught as "internal error": a refusal,
but the recogniser reads B from the slots' size, not from the values'.
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

LENS12 = [64, 48, 0, 32, 100, 80, 31, 256, 5, 96, 112, 33]
LENS16 = [48, 32, 64, 0, 80, 31, 96, 112, 256, 1, 128, 144, 160, 17, 176, 33]


def _qr(lens):
    """A completing row q and a LATER row r that writes nothing (eager writes r's kept row last)."""
    q = next(b for b in range(len(lens)) if _qualifies(int(lens[b])))
    r = next(b for b in range(q + 1, len(lens)) if not _qualifies(int(lens[b])))
    return q, r


def _std_calls(sizes=((12, 0), (16, 1)), **kw):
    def f():
        return [list(build(B=B, seed=seed, **kw).args) for B, seed in sizes]
    return f


# --- 1. cs_: compile safety -- sizes that meet a static dim at the hint, a table / slot buffer longer than the batch
# (the op's check_signature compares block_table.shape[0] with B on the traced fake values) ----------------------------
def _cs(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        if kind == "table_pad":  # the padded table gathered as it is (gather wants index rows <= table rows only)
            t = table
        elif kind == "table_pad_slice":
            t = table[:B]
        elif kind == "table_pad_narrow":
            t = table.narrow(0, 0, B)
        else:
            t = table
        s = slots[:B] if kind == "slots_pad_slice" else slots
        return write(cache, s, completes(lens), pool(tokens(kv, t, positions(lens)), w))
    return step


def _cs_calls(kind):
    def f():
        out = []
        if kind.startswith("b"):  # batch sizes meeting l = 32, P = 64, D = stride = 16, N = 2, pages = 4 at the hint
            first = {"b32": 32, "b64": 64, "b16": 16, "b2": 2, "b4": 4}[kind]
            for B, seed in ((first, 0), (first + 5, 1), (first + 2, 2)):
                out.append(list(build(B=B, seed=seed).args))
            return out
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            if kind.startswith("table_pad"):
                pad = torch.randint(-5, 0, (4, a[3].shape[1]), dtype=a[3].dtype)
                a[3] = torch.cat([a[3], pad])
            if kind == "slots_pad_slice":
                a[2] = torch.cat([a[2], torch.full((4,), -1, dtype=a[2].dtype)])
            out.append(a)
        return out
    return f


CS = [(f"cs_{k}", _mk(_cs(k), _cs_calls(k), MODES3), "compile safety: " + k)
      for k in ("table_pad", "table_pad_slice", "table_pad_narrow", "slots_pad_slice", "b32", "b64", "b16", "b2",
                "b4")]


# --- 2. po_: pooling -- sums the proof must match exactly (or refuse), on fp32 data where order and scaling matter --
BIG = 3.0e38


def _po(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        prod = tok.float() * w.float()[None, :, :, None]
        if kind == "nansum":
            new = prod.nansum(1)
        elif kind == "chunk2":  # a chunked sum: two halves summed, then added (an order the user wrote)
            Bn = prod.shape[0]
            new = prod.view(Bn, 2, L // 2, *prod.shape[2:]).sum(2).sum(1)
        elif kind == "chunk2_add":
            new = prod[:, :L // 2].sum(1) + prod[:, L // 2:].sum(1)
        elif kind == "double_half":  # (s + s) / 2: overflows where s > max / 2
            s = prod.sum(1)
            new = (s + s) / 2
        elif kind == "scale2_half":
            new = prod.sum(1) * 2.0 * 0.5
        elif kind == "mean_l":  # mean * l on fp32 data: subnormal sums lose bits in the division
            new = prod.mean(1) * L
        elif kind == "sum_div1":
            new = prod.sum(1) / 1.0
        elif kind == "cumsum_last":
            new = prod.cumsum(1)[:, -1]
        elif kind == "flip_sum":
            new = prod.flip(1).sum(1)
        elif kind == "addcmul":  # acc + t * w written out in the op's order
            acc = torch.zeros_like(prod[:, 0])
            for j in range(L):
                acc = torch.addcmul(acc, tok[:, j].float(), w.float()[j][None, :, None])
            new = acc
        elif kind == "loop_rev":  # a written-out sum in REVERSED order
            acc = torch.zeros_like(prod[:, 0])
            for j in reversed(range(L)):
                acc = acc + prod[:, j]
            new = acc
        else:  # plain fp32 control
            new = prod.sum(1)
        return write(cache, slots, completes(lens), new)
    return step


def _po_calls(kind):
    """fp32 data, weight 1 everywhere; row q's window: BIG at j = 0 and j = 16, -BIG at j = 17 (window order: inf;
    two chunks: BIG); row q2's window: one BIG (s + s overflows); row q3's window: 3 * 2^-149 at j = 3 (mean * l: 0)."""
    def f():
        out = []
        for B, seed, lens in ((12, 0, LENS12), (16, 1, LENS16)):
            qs = [b for b in range(B) if _qualifies(lens[b])]

            def window(b, s, qs=qs):
                v = [0.0] * L
                if b == qs[0]:
                    v[0], v[16], v[17] = BIG, BIG, -BIG
                elif b == qs[1]:
                    v[9] = BIG
                elif b == qs[2]:
                    v[3] = 3 * 2.0 ** -149
                elif b == qs[3]:
                    v[1], v[2] = 2.0 ** -149, -(2.0 ** -149)
                else:
                    return None
                return v
            w = torch.ones(L, 2, dtype=torch.float32)
            a = list(build(B=B, seed=seed, lengths=lens, dtype=torch.float32, window=window, weight=w).args)
            out.append(a)
        return out
    return f


PO = [(f"po_{k}", _mk(_po(k), _po_calls(k), MODES3), "pooling on fp32 data with near-max / subnormal windows: " + k)
      for k in ("nansum", "chunk2", "chunk2_add", "double_half", "scale2_half", "mean_l", "sum_div1", "cumsum_last",
                "flip_sum", "addcmul", "loop_rev", "plain")]


# --- 3. mk_: masks that depend on OTHER rows (counts / extremes the probes' batches never draw) ----------------------
def _mk_step(kind):
    def step(kv, w, slots, table, lens, cache):
        v = completes(lens)
        if kind == "count3":  # a length shared by three or more rows writes nothing
            v = v & ((lens[:, None] == lens[None, :]).sum(1) < 3)
        elif kind == "max_cap":  # nothing is written in a call where some row is at 250 or more
            v = v & (lens.max() < 250)
        elif kind == "neighbour":  # a row whose previous row has length 48 writes nothing
            v = v & (lens.roll(1, 0) != 48)
        elif kind == "sum_even":
            v = v & (lens.sum() % 2 == 0)
        elif kind == "first_row":
            v = v & (lens[:1] != 64)
        elif kind == "count_ge":  # fewer than 7 completing rows
            v = v & (completes(lens).sum() < 7)
        elif kind == "cummax":
            v = v & (lens.cummax(0).values < 250)
        return write(cache, slots, v, pool(tokens(kv, table, positions(lens)), w))
    return step


def _mk_calls(kind):
    def f():
        out = []
        l1 = [48, 48, 48, 64, 80, 0, 32, 5, 96, 112, 33, 256]
        l2 = [64, 32, 48, 0, 80, 31, 96, 112, 250, 1, 128, 144, 160, 17, 176, 33]
        if kind == "neighbour":
            l1 = [64, 48, 48, 64, 80, 0, 32, 5, 96, 112, 33, 256]
        if kind == "sum_even":
            l1 = [64, 48, 0, 32, 100, 80, 31, 256, 5, 96, 112, 32]
            l2 = [48, 32, 64, 0, 80, 31, 96, 112, 256, 1, 128, 144, 160, 17, 176, 34]
        for B, seed, lens in ((12, 0, l1), (16, 1, l2)):
            out.append(list(build(B=B, seed=seed, lengths=lens).args))
        return out
    return f


MK = [(f"mk_{k}", _mk(_mk_step(k), _mk_calls(k), MODES3), "a mask reading other rows: " + k)
      for k in ("count3", "max_cap", "neighbour", "sum_even", "first_row", "count_ge", "cummax", "plain")]


# --- 4. rw_: the pass's graph-wide rewrites when nothing fuses (lengths_from_positions.expose: p read beside p + 1;
# merge_duplicate_views' slice merge; share_kept_read_index) --------------------------------------------------------
def _rw(kind):
    def step(kv, w, slots, table, lens, cache):
        if kind.startswith("pos"):
            p = lens  # positions: the last token's position, -1 .. capacity - 1
            s = p + 1
            grew = (s // STRIDE) > (p // STRIDE)
            v = (s >= L) & grew
            new = pool(tokens(kv, table, positions(s)), w)
            if kind == "pos_refused":
                new = new.nan_to_num()
            elif kind == "pos_refused_slots":
                write(cache, slots.long() + 1, v, new)
                return cache, p * 3 + 1
            write(cache, slots, v, new)
            return cache, p * 3 + 1
        if kind == "slice_merge_refused":  # two equal slices of the cache around an unfused step's write
            S = cache.shape[0]
            old = cache[:S][slots.long()]
            new = pool(tokens(kv, table, positions(lens)), w).nan_to_num()
            cache[slots.long()] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
            return cache, cache[:S][slots.long()].float() * 2
        if kind == "kept_index_refused":  # the kept rows' index spelled twice, the step refused
            s1 = slots.long() % cache.shape[0]
            new = pool(tokens(kv, table, positions(lens)), w).nan_to_num()
            s2 = slots.long() % cache.shape[0]
            cache.index_copy_(0, s1, torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s2]))
            return cache
        if kind == "kv_slice_merge":  # two equal slices of KV, one across an append into kv (refused step)
            NB, P = kv.shape[0], kv.shape[1]
            a = kv[:NB]
            p = (lens.long() - 1).clamp(min=0)
            ids = table.long().gather(1, (p // P)[:, None]).squeeze(1)
            first = a[ids, p % P].float().sum()
            kv[ids, p % P] = kv[ids, p % P] * 2
            b = kv[:NB]
            new = pool(tokens(b, table, positions(lens)), w)
            write(cache, slots, completes(lens), new)
            return cache, first, b[ids, p % P].float().sum()
        return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


def _rw_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            if kind.startswith("pos"):
                a[4] = (a[4].long() - 1).to(a[4].dtype)  # positions
            out.append(a)
        return out
    return f


RW = [(f"rw_{k}", _mk(_rw(k), _rw_calls(k), MODES3), "graph-wide rewrites around an unfused step: " + k)
      for k in ("pos_fused", "pos_refused", "pos_refused_slots", "slice_merge_refused", "kept_index_refused",
                "kv_slice_merge")]


# --- 5. al_: the compressed cache ALIASES the KV pages (a view of the KV input built in the step): eager gathers every
# window before the write; a written row lands on a token of a LATER row's window ---------------------------------
def _al(kind):
    def step(kv, w, slots, table, lens, cache):
        NB, P, N, D = kv.shape
        c = kv.view(NB * P, N, D)
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        if kind == "index_copy":
            c.index_copy_(0, s, torch.where(completes(lens)[:, None, None], new.to(c.dtype), c[s]))
        else:
            c[s] = torch.where(completes(lens)[:, None, None], new.to(c.dtype), c[s])
        if kind == "ret":
            return kv, cache * 1
        return kv
    return step


def _al_calls(kind):
    def f():
        out = []
        for B, seed, lens in ((12, 0, LENS12), (16, 1, LENS16)):
            a = list(build(B=B, seed=seed, lengths=lens).args)
            kv, table = a[0], a[3]
            NB, P = kv.shape[0], kv.shape[1]
            lt = torch.as_tensor(lens)
            qs = [b for b in range(B) if _qualifies(lens[b])]
            owned = set(table.flatten().tolist())
            free = [pg * P + o for pg in range(NB) if pg not in owned for o in range(P)]
            sl = free[:B]
            # each completing row but the last writes onto token 5 of the NEXT completing row's window
            for i, b in enumerate(qs[:-1]):
                r = qs[i + 1]
                p = int(lt[r]) - L + 5 + i % 3
                sl[b] = int(table[r, p // P]) * P + p % P
            a[2] = torch.tensor(sl, dtype=a[2].dtype)
            out.append(a)
        return out
    return f


AL = [(f"al_{k}", _mk(_al(k), _al_calls(k), MODES3), "the compressed cache aliases the KV pages: " + k)
      for k in ("plain", "index_copy", "ret")]


# --- 6. la_: input layouts the compiled graph is specialised to (dense, non-contiguous strides, which clone keeps):
# the cache stored head-major, the paged KV head-major, the weight / table stored transposed ----------------------
def _relayout(t, perm):
    """``t``'s values with the strides of ``t.permute(perm).contiguous()`` permuted back (dense, not contiguous)."""
    inv = [perm.index(i) for i in range(len(perm))]
    return t.permute(perm).contiguous().permute(inv)


def _la_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            if kind in ("cache_nsd", "all"):
                a[5] = _relayout(a[5], [1, 0, 2])
            if kind == "cache_dsn":
                a[5] = _relayout(a[5], [2, 0, 1])
            if kind in ("kv_head_major", "all"):
                a[0] = _relayout(a[0], [0, 2, 1, 3])
            if kind == "kv_pages_last":
                a[0] = _relayout(a[0], [1, 2, 3, 0])
            if kind in ("w_t", "all"):
                a[1] = _relayout(a[1], [1, 0])
            if kind in ("table_t", "all"):
                a[3] = _relayout(a[3], [1, 0])
            out.append(a)
        return out
    return f


def _la_step(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


LA = [(f"la_{k}", _mk(_la_step, _la_calls(k), MODES3), "input layouts: " + k)
      for k in ("cache_nsd", "cache_dsn", "kv_head_major", "kv_pages_last", "w_t", "table_t", "all")]


# --- 7. ub_ (last: they turn on dynamo's capture of scalar outputs / dynamic output shapes for the rest of the
# process): unbacked sizes in the graph beside a step (Sizes.hints has no value for them; merge_duplicate_views and
# the other graph-wide rewrites run outside the pass's try/except) --------------------------------------------------
def _ub(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        v = completes(lens)
        if kind == "item_aux":  # an unbacked size in an unrelated output
            k = lens.max().item()
            torch._check(k >= 0)
            torch._check(k <= 4096)
            write(cache, slots, v, new)
            return cache, torch.zeros(k, dtype=torch.int32)
        if kind == "item_slices":  # two equal slices with an unbacked end (merge_duplicate_views' shape check)
            k = lens.max().item()
            torch._check(k >= 0)
            torch._check(k <= 4096)
            c1 = kv.reshape(-1)[:k]
            write(cache, slots, v, new)
            c2 = kv.reshape(-1)[:k]
            return cache, c1.float().nansum() + c2.float().nansum()
        if kind == "nonzero_rows":  # only the completing rows written (a data-dependent row count)
            idx = v.nonzero().squeeze(1)
            s = slots.long()
            cache[s[idx]] = new[idx].to(cache.dtype)
            return cache
        if kind == "nonzero_aux":  # the contract, plus the completing rows' indices returned
            write(cache, slots, v, new)
            return cache, v.nonzero().squeeze(1)
        if kind == "item_lens_window":  # the window length read through .item() of a constant-valued tensor
            write(cache, slots, v, new)
            return cache, slots.view(-1)[: lens.min().item() + 1].clone()
        return write(cache, slots, v, new)
    return step


def _ub_calls(kind):
    def f():
        torch._dynamo.config.capture_scalar_outputs = True
        torch._dynamo.config.capture_dynamic_output_shape_ops = True
        return _std_calls()()
    return f


UB = [(f"ub_{k}", _mk(_ub(k), _ub_calls(k), MODES3), "unbacked sizes beside a step: " + k)
      for k in ("item_aux", "item_slices", "nonzero_rows", "nonzero_aux", "item_lens_window")]


# --- 8. ro_: reads of the cache's OLD values beside the step (the fused op writes the cache in place; Inductor may
# schedule a read of the input after it), and a layer of a [G, S, N, D] cache input ------------------------------------
def _ro(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        v = completes(lens)
        if kind == "kept_returned":  # the kept rows read once, used as the keep AND returned
            old = cache[s]
            cache[s] = torch.where(v[:, None, None], new.to(cache.dtype), old)
            return cache, old.float() + 0
        if kind == "kept_returned_raw":  # the kept rows returned as they are (an output buffer of their own)
            old = cache[s]
            cache[s] = torch.where(v[:, None, None], new.to(cache.dtype), old)
            return cache, old
        if kind == "kept_sum":  # the kept rows also reduced into a returned statistic
            old = cache[s]
            cache[s] = torch.where(v[:, None, None], new.to(cache.dtype), old)
            return cache, old.float().nan_to_num().sum((1, 2))
        if kind == "kept_index_copy":  # index_copy_ spelling, the kept rows also returned
            old = cache[s]
            cache.index_copy_(0, s, torch.where(v[:, None, None], new.to(cache.dtype), old))
            return cache, old.float() * 1
        if kind == "kept_into_kv":  # the kept rows feed a write into ANOTHER input (the KV pages' first rows)
            old = cache[s]
            cache[s] = torch.where(v[:, None, None], new.to(cache.dtype), old)
            kv[0, :old.shape[0]] = old.to(kv.dtype)
            return cache, kv
        if kind == "kept_masked_returned":  # only the kept (not written) rows' old values returned
            old = cache[s]
            cache[s] = torch.where(v[:, None, None], new.to(cache.dtype), old)
            return cache, torch.where(v[:, None, None], torch.zeros_like(old), old).float()
        if kind == "gather_use_after":  # another gather of the old cache before the step, consumed after it
            o = cache[s.flip(0)]
            write(cache, slots, v, new)
            return cache, o.float()
        if kind == "index_select_use_after":
            o = cache.index_select(0, s)
            write(cache, slots, v, new)
            return cache, o.float() * 2
        if kind == "row0_copy_use_after":  # a copy of row 0 (not a view) before, consumed after
            o = cache[0] * 1
            write(cache, slots, v, new)
            return cache, o.float()
        if kind == "row0_before":
            r0 = cache[0].float() * 1
            write(cache, slots, v, new)
            return cache, r0
        if kind == "sum_before":
            t = cache.float().nan_to_num().sum(0)
            write(cache, slots, v, new)
            return cache, t
        if kind == "gather_other_before":  # old rows at the slots flipped (another index), read before
            o = cache[s.flip(0)].float()
            write(cache, slots, v, new)
            return cache, o
        if kind == "clone_before":
            c0 = cache.clone()
            write(cache, slots, v, new)
            return cache, c0
        if kind == "view_before":  # a view of the cache taken before, returned (eager: it shows the new rows)
            vw = cache[:7]
            write(cache, slots, v, new)
            return cache, vw.float() * 1
        if kind == "index_select_before":
            o = cache.index_select(0, s).float()
            write(cache, slots, v, new)
            return cache, o * 2
        return write(cache, slots, v, new)
    return step


def _ro_layer(kind):
    def step(kv, w, slots, table, lens, cache):
        big = cache.view(3, -1, *cache.shape[1:])  # [G = 3, S / 3, N, D]: layer 1 written
        layer = big[1]
        s = slots.long()
        v = completes(lens)
        new = pool(tokens(kv, table, positions(lens)), w)
        o0 = big[0][s].float() if kind == "layer_read_other" else None
        layer[s] = torch.where(v[:, None, None], new.to(cache.dtype), layer[s])
        if kind == "layer_read_other":
            return cache, o0, big[2][s].float()
        if kind == "layer_read_after":
            return cache, big[1][s].float() * 1
        return cache
    return step


def _ro_layer_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, num_slots=2 * B + 5).args)
            S = a[5].shape[0]
            big = torch.cat([a[5], a[5].flip(0), a[5] * 2])  # 3 * S rows
            a[5] = big
            out.append(a)
        return out
    return f


RO = [(f"ro_{k}", _mk(_ro(k), _std_calls(), MODES3), "old cache values read beside the step: " + k)
      for k in ("kept_returned", "kept_returned_raw", "kept_sum", "kept_index_copy", "kept_into_kv",
                "kept_masked_returned", "gather_use_after", "index_select_use_after", "row0_copy_use_after",
                "row0_before", "sum_before", "gather_other_before", "clone_before", "view_before",
                "index_select_before")] + \
     [(f"ro_{k}", _mk(_ro_layer(k), _ro_layer_calls(), MODES3), "a layer of a [G, S, N, D] cache: " + k)
      for k in ("layer", "layer_read_other", "layer_read_after")]


ATTACKS = CS + PO + MK + RW + AL + LA + RO + UB

_FIRST = [
    ('cs_table_pad', 'inductor_graph', 'static', _R),
    ('cs_table_pad', 'inductor_graph', 'batch', _R),
    ('cs_table_pad', 'inductor_graph', 'dynamic', _R),
    ('cs_table_pad_slice', 'inductor_graph', 'static', _EQ),
    ('cs_table_pad_slice', 'inductor_graph', 'batch', _EQ),
    ('cs_table_pad_slice', 'inductor_graph', 'dynamic', _EQ),
    ('cs_table_pad_narrow', 'inductor_graph', 'static', _EQ),
    ('cs_table_pad_narrow', 'inductor_graph', 'batch', _EQ),
    ('cs_table_pad_narrow', 'inductor_graph', 'dynamic', _EQ),
    ('cs_slots_pad_slice', 'inductor_graph', 'static', _R),
    ('cs_slots_pad_slice', 'inductor_graph', 'batch', _R),
    ('cs_slots_pad_slice', 'inductor_graph', 'dynamic', _R),
    ('cs_b32', 'inductor_graph', 'static', _EQ),
    ('cs_b32', 'inductor_graph', 'batch', _EQ),
    ('cs_b32', 'inductor_graph', 'dynamic', _EQ),
    ('cs_b64', 'inductor_graph', 'static', _EQ),
    ('cs_b64', 'inductor_graph', 'batch', _EQ),
    ('cs_b64', 'inductor_graph', 'dynamic', _EQ),
    ('cs_b16', 'inductor_graph', 'static', _EQ),
    ('cs_b16', 'inductor_graph', 'batch', _EQ),
    ('cs_b16', 'inductor_graph', 'dynamic', _EQ),
    ('cs_b2', 'inductor_graph', 'static', _EQ),
    ('cs_b2', 'inductor_graph', 'batch', _EQ),
    ('cs_b2', 'inductor_graph', 'dynamic', _EQ),
    ('cs_b4', 'inductor_graph', 'static', _EQ),
    ('cs_b4', 'inductor_graph', 'batch', _EQ),
    ('cs_b4', 'inductor_graph', 'dynamic', _EQ),
    ('po_nansum', 'inductor_graph', 'static', _R),
    ('po_nansum', 'inductor_graph', 'batch', _R),
    ('po_nansum', 'inductor_graph', 'dynamic', _R),
    ('po_chunk2', 'inductor_graph', 'static', _R),
    ('po_chunk2', 'inductor_graph', 'batch', _R),
    ('po_chunk2', 'inductor_graph', 'dynamic', _R),
    ('po_chunk2_add', 'inductor_graph', 'static', _R),
    ('po_chunk2_add', 'inductor_graph', 'batch', _R),
    ('po_chunk2_add', 'inductor_graph', 'dynamic', _R),
    ('po_double_half', 'inductor_graph', 'static', _R),
    ('po_double_half', 'inductor_graph', 'batch', _R),
    ('po_double_half', 'inductor_graph', 'dynamic', _R),
    ('po_scale2_half', 'inductor_graph', 'static', _R),
    ('po_scale2_half', 'inductor_graph', 'batch', _R),
    ('po_scale2_half', 'inductor_graph', 'dynamic', _R),
    ('po_mean_l', 'inductor_graph', 'static', _R),
    ('po_mean_l', 'inductor_graph', 'batch', _R),
    ('po_mean_l', 'inductor_graph', 'dynamic', _R),
    ('po_sum_div1', 'inductor_graph', 'static', _R),
    ('po_sum_div1', 'inductor_graph', 'batch', _R),
    ('po_sum_div1', 'inductor_graph', 'dynamic', _R),
    ('po_cumsum_last', 'inductor_graph', 'static', _R),
    ('po_cumsum_last', 'inductor_graph', 'batch', _R),
    ('po_cumsum_last', 'inductor_graph', 'dynamic', _R),
    ('po_flip_sum', 'inductor_graph', 'static', _R),
    ('po_flip_sum', 'inductor_graph', 'batch', _R),
    ('po_flip_sum', 'inductor_graph', 'dynamic', _R),
    ('po_addcmul', 'inductor_graph', 'static', _R),
    ('po_addcmul', 'inductor_graph', 'batch', _R),
    ('po_addcmul', 'inductor_graph', 'dynamic', _R),
    ('po_loop_rev', 'inductor_graph', 'static', _R),
    ('po_loop_rev', 'inductor_graph', 'batch', _R),
    ('po_loop_rev', 'inductor_graph', 'dynamic', _R),
    ('po_plain', 'inductor_graph', 'static', _FF),
    ('po_plain', 'inductor_graph', 'batch', _FF),
    ('po_plain', 'inductor_graph', 'dynamic', _FF),
    ('mk_count3', 'inductor_graph', 'static', _R),
    ('mk_count3', 'inductor_graph', 'batch', _R),
    ('mk_count3', 'inductor_graph', 'dynamic', _R),
    ('mk_max_cap', 'inductor_graph', 'static', _R),
    ('mk_max_cap', 'inductor_graph', 'batch', _R),
    ('mk_max_cap', 'inductor_graph', 'dynamic', _R),
    ('mk_neighbour', 'inductor_graph', 'static', _R),
    ('mk_neighbour', 'inductor_graph', 'batch', _R),
    ('mk_neighbour', 'inductor_graph', 'dynamic', _R),
    ('mk_sum_even', 'inductor_graph', 'static', _R),
    ('mk_sum_even', 'inductor_graph', 'batch', _R),
    ('mk_sum_even', 'inductor_graph', 'dynamic', _R),
    ('mk_first_row', 'inductor_graph', 'static', _R),
    ('mk_first_row', 'inductor_graph', 'batch', _R),
    ('mk_first_row', 'inductor_graph', 'dynamic', _R),
    ('mk_count_ge', 'inductor_graph', 'static', _R),
    ('mk_count_ge', 'inductor_graph', 'batch', _R),
    ('mk_count_ge', 'inductor_graph', 'dynamic', _R),
    ('mk_cummax', 'inductor_graph', 'static', _R),
    ('mk_cummax', 'inductor_graph', 'batch', _R),
    ('mk_cummax', 'inductor_graph', 'dynamic', _R),
    ('mk_plain', 'inductor_graph', 'static', _EQ),
    ('mk_plain', 'inductor_graph', 'batch', _EQ),
    ('mk_plain', 'inductor_graph', 'dynamic', _EQ),
    ('rw_pos_fused', 'inductor_graph', 'static', _EQ),
    ('rw_pos_fused', 'inductor_graph', 'batch', _EQ),
    ('rw_pos_fused', 'inductor_graph', 'dynamic', _EQ),
    ('rw_pos_refused', 'inductor_graph', 'static', _R),
    ('rw_pos_refused', 'inductor_graph', 'batch', _R),
    ('rw_pos_refused', 'inductor_graph', 'dynamic', _R),
    ('rw_pos_refused_slots', 'inductor_graph', 'static', _R),
    ('rw_pos_refused_slots', 'inductor_graph', 'batch', _R),
    ('rw_pos_refused_slots', 'inductor_graph', 'dynamic', _R),
    ('rw_slice_merge_refused', 'inductor_graph', 'static', _R),
    ('rw_slice_merge_refused', 'inductor_graph', 'batch', _R),
    ('rw_slice_merge_refused', 'inductor_graph', 'dynamic', _R),
    ('rw_kept_index_refused', 'inductor_graph', 'static', _R),
    ('rw_kept_index_refused', 'inductor_graph', 'batch', _R),
    ('rw_kept_index_refused', 'inductor_graph', 'dynamic', _R),
    ('rw_kv_slice_merge', 'inductor_graph', 'static', _EQ),
    ('rw_kv_slice_merge', 'inductor_graph', 'batch', _EQ),
    ('rw_kv_slice_merge', 'inductor_graph', 'dynamic', _EQ),
    ('al_plain', 'inductor_graph', 'static', _R),
    ('al_plain', 'inductor_graph', 'batch', _R),
    ('al_plain', 'inductor_graph', 'dynamic', _R),
    ('al_index_copy', 'inductor_graph', 'static', _R),
    ('al_index_copy', 'inductor_graph', 'batch', _R),
    ('al_index_copy', 'inductor_graph', 'dynamic', _R),
    ('al_ret', 'inductor_graph', 'static', _R),
    ('al_ret', 'inductor_graph', 'batch', _R),
    ('al_ret', 'inductor_graph', 'dynamic', _R),
    ('la_cache_nsd', 'inductor_graph', 'static', _EQ),
    ('la_cache_nsd', 'inductor_graph', 'batch', _EQ),
    ('la_cache_nsd', 'inductor_graph', 'dynamic', _EQ),
    ('la_cache_dsn', 'inductor_graph', 'static', _EQ),
    ('la_cache_dsn', 'inductor_graph', 'batch', _EQ),
    ('la_cache_dsn', 'inductor_graph', 'dynamic', _EQ),
    ('la_kv_head_major', 'inductor_graph', 'static', _EQ),
    ('la_kv_head_major', 'inductor_graph', 'batch', _EQ),
    ('la_kv_head_major', 'inductor_graph', 'dynamic', _EQ),
    ('la_kv_pages_last', 'inductor_graph', 'static', _EQ),
    ('la_kv_pages_last', 'inductor_graph', 'batch', _EQ),
    ('la_kv_pages_last', 'inductor_graph', 'dynamic', _EQ),
    ('la_w_t', 'inductor_graph', 'static', _EQ),
    ('la_w_t', 'inductor_graph', 'batch', _EQ),
    ('la_w_t', 'inductor_graph', 'dynamic', _EQ),
    ('la_table_t', 'inductor_graph', 'static', _EQ),
    ('la_table_t', 'inductor_graph', 'batch', _EQ),
    ('la_table_t', 'inductor_graph', 'dynamic', _EQ),
    ('la_all', 'inductor_graph', 'static', _EQ),
    ('la_all', 'inductor_graph', 'batch', _EQ),
    ('la_all', 'inductor_graph', 'dynamic', _EQ),
    ('ro_kept_returned', 'inductor_graph', 'static', _EQ),
    ('ro_kept_returned', 'inductor_graph', 'batch', _EQ),
    ('ro_kept_returned', 'inductor_graph', 'dynamic', _EQ),
    ('ro_kept_returned_raw', 'inductor_graph', 'static', _EQ),
    ('ro_kept_returned_raw', 'inductor_graph', 'batch', _EQ),
    ('ro_kept_returned_raw', 'inductor_graph', 'dynamic', _EQ),
    ('ro_kept_sum', 'inductor_graph', 'static', _EQ),
    ('ro_kept_sum', 'inductor_graph', 'batch', _EQ),
    ('ro_kept_sum', 'inductor_graph', 'dynamic', _EQ),
    ('ro_kept_index_copy', 'inductor_graph', 'static', _EQ),
    ('ro_kept_index_copy', 'inductor_graph', 'batch', _EQ),
    ('ro_kept_index_copy', 'inductor_graph', 'dynamic', _EQ),
    ('ro_kept_into_kv', 'inductor_graph', 'static', _EQ),
    ('ro_kept_into_kv', 'inductor_graph', 'batch', _EQ),
    ('ro_kept_into_kv', 'inductor_graph', 'dynamic', _EQ),
    ('ro_kept_masked_returned', 'inductor_graph', 'static', _EQ),
    ('ro_kept_masked_returned', 'inductor_graph', 'batch', _EQ),
    ('ro_kept_masked_returned', 'inductor_graph', 'dynamic', _EQ),
    ('ro_row0_before', 'inductor_graph', 'static', _EQ),
    ('ro_row0_before', 'inductor_graph', 'batch', _EQ),
    ('ro_row0_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro_sum_before', 'inductor_graph', 'static', _EQ),
    ('ro_sum_before', 'inductor_graph', 'batch', _EQ),
    ('ro_sum_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro_gather_other_before', 'inductor_graph', 'static', _EQ),
    ('ro_gather_other_before', 'inductor_graph', 'batch', _EQ),
    ('ro_gather_other_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro_clone_before', 'inductor_graph', 'static', _EQ),
    ('ro_clone_before', 'inductor_graph', 'batch', _EQ),
    ('ro_clone_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro_view_before', 'inductor_graph', 'static', _EQ),
    ('ro_view_before', 'inductor_graph', 'batch', _EQ),
    ('ro_view_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro_index_select_before', 'inductor_graph', 'static', _EQ),
    ('ro_index_select_before', 'inductor_graph', 'batch', _EQ),
    ('ro_index_select_before', 'inductor_graph', 'dynamic', _EQ),
    ('ro_layer', 'inductor_graph', 'static', _EQ),
    ('ro_layer', 'inductor_graph', 'batch', _EQ),
    ('ro_layer', 'inductor_graph', 'dynamic', _EQ),
    ('ro_layer_read_other', 'inductor_graph', 'static', _EQ),
    ('ro_layer_read_other', 'inductor_graph', 'batch', _EQ),
    ('ro_layer_read_other', 'inductor_graph', 'dynamic', _EQ),
    ('ro_layer_read_after', 'inductor_graph', 'static', _EQ),
    ('ro_layer_read_after', 'inductor_graph', 'batch', _EQ),
    ('ro_layer_read_after', 'inductor_graph', 'dynamic', _EQ),
    ('ub_item_aux', 'inductor_graph', 'static', _EQ),
    ('ub_item_aux', 'inductor_graph', 'batch', _EQ),
    ('ub_item_aux', 'inductor_graph', 'dynamic', _EQ),
    ('ub_item_slices', 'inductor_graph', 'static', _EQ),
    ('ub_item_slices', 'inductor_graph', 'batch', _EQ),
    ('ub_item_slices', 'inductor_graph', 'dynamic', _EQ),
    ('ub_nonzero_rows', 'inductor_graph', 'static', _R),
    ('ub_nonzero_rows', 'inductor_graph', 'batch', _R),
    ('ub_nonzero_rows', 'inductor_graph', 'dynamic', _R),
    ('ub_nonzero_aux', 'inductor_graph', 'static', _EQ),
    ('ub_nonzero_aux', 'inductor_graph', 'batch', _EQ),
    ('ub_nonzero_aux', 'inductor_graph', 'dynamic', _EQ),
    ('ub_item_lens_window', 'inductor_graph', 'static', _EQ),
    ('ub_item_lens_window', 'inductor_graph', 'batch', _EQ),
    ('ub_item_lens_window', 'inductor_graph', 'dynamic', _EQ),
    ('cs_table_pad', 'torchair_like', 'static', _R),
    ('cs_table_pad', 'torchair_like', 'batch', _R),
    ('cs_table_pad', 'torchair_like', 'dynamic', _R),
    ('cs_table_pad_slice', 'torchair_like', 'static', _EQ),
    ('cs_table_pad_slice', 'torchair_like', 'batch', _EQ),
    ('cs_table_pad_slice', 'torchair_like', 'dynamic', _EQ),
    ('cs_table_pad_narrow', 'torchair_like', 'static', _EQ),
    ('cs_table_pad_narrow', 'torchair_like', 'batch', _EQ),
    ('cs_table_pad_narrow', 'torchair_like', 'dynamic', _EQ),
    ('cs_slots_pad_slice', 'torchair_like', 'static', _R),
    ('cs_slots_pad_slice', 'torchair_like', 'batch', _R),
    ('cs_slots_pad_slice', 'torchair_like', 'dynamic', _R),
    ('cs_b32', 'torchair_like', 'static', _EQ),
    ('cs_b32', 'torchair_like', 'batch', _EQ),
    ('cs_b32', 'torchair_like', 'dynamic', _EQ),
    ('cs_b64', 'torchair_like', 'static', _EQ),
    ('cs_b64', 'torchair_like', 'batch', _EQ),
    ('cs_b64', 'torchair_like', 'dynamic', _EQ),
    ('cs_b16', 'torchair_like', 'static', _EQ),
    ('cs_b16', 'torchair_like', 'batch', _EQ),
    ('cs_b16', 'torchair_like', 'dynamic', _EQ),
    ('cs_b2', 'torchair_like', 'static', _EQ),
    ('cs_b2', 'torchair_like', 'batch', _EQ),
    ('cs_b2', 'torchair_like', 'dynamic', _EQ),
    ('cs_b4', 'torchair_like', 'static', _EQ),
    ('cs_b4', 'torchair_like', 'batch', _EQ),
    ('cs_b4', 'torchair_like', 'dynamic', _EQ),
    ('po_nansum', 'torchair_like', 'static', _R),
    ('po_nansum', 'torchair_like', 'batch', _R),
    ('po_nansum', 'torchair_like', 'dynamic', _R),
    ('po_chunk2', 'torchair_like', 'static', _R),
    ('po_chunk2', 'torchair_like', 'batch', _R),
    ('po_chunk2', 'torchair_like', 'dynamic', _R),
    ('po_chunk2_add', 'torchair_like', 'static', _R),
    ('po_chunk2_add', 'torchair_like', 'batch', _R),
    ('po_chunk2_add', 'torchair_like', 'dynamic', _R),
    ('po_double_half', 'torchair_like', 'static', _R),
    ('po_double_half', 'torchair_like', 'batch', _R),
    ('po_double_half', 'torchair_like', 'dynamic', _R),
    ('po_scale2_half', 'torchair_like', 'static', _R),
    ('po_scale2_half', 'torchair_like', 'batch', _R),
    ('po_scale2_half', 'torchair_like', 'dynamic', _R),
    ('po_mean_l', 'torchair_like', 'static', _R),
    ('po_mean_l', 'torchair_like', 'batch', _R),
    ('po_mean_l', 'torchair_like', 'dynamic', _R),
    ('po_sum_div1', 'torchair_like', 'static', _R),
    ('po_sum_div1', 'torchair_like', 'batch', _R),
    ('po_sum_div1', 'torchair_like', 'dynamic', _R),
    ('po_cumsum_last', 'torchair_like', 'static', _R),
    ('po_cumsum_last', 'torchair_like', 'batch', _R),
    ('po_cumsum_last', 'torchair_like', 'dynamic', _R),
    ('po_flip_sum', 'torchair_like', 'static', _R),
    ('po_flip_sum', 'torchair_like', 'batch', _R),
    ('po_flip_sum', 'torchair_like', 'dynamic', _R),
    ('po_addcmul', 'torchair_like', 'static', _R),
    ('po_addcmul', 'torchair_like', 'batch', _R),
    ('po_addcmul', 'torchair_like', 'dynamic', _R),
    ('po_loop_rev', 'torchair_like', 'static', _R),
    ('po_loop_rev', 'torchair_like', 'batch', _R),
    ('po_loop_rev', 'torchair_like', 'dynamic', _R),
    ('po_plain', 'torchair_like', 'static', _FF),
    ('po_plain', 'torchair_like', 'batch', _FF),
    ('po_plain', 'torchair_like', 'dynamic', _FF),
    ('mk_count3', 'torchair_like', 'static', _R),
    ('mk_count3', 'torchair_like', 'batch', _R),
    ('mk_count3', 'torchair_like', 'dynamic', _R),
    ('mk_max_cap', 'torchair_like', 'static', _R),
    ('mk_max_cap', 'torchair_like', 'batch', _R),
    ('mk_max_cap', 'torchair_like', 'dynamic', _R),
    ('mk_neighbour', 'torchair_like', 'static', _R),
    ('mk_neighbour', 'torchair_like', 'batch', _R),
    ('mk_neighbour', 'torchair_like', 'dynamic', _R),
    ('mk_sum_even', 'torchair_like', 'static', _R),
    ('mk_sum_even', 'torchair_like', 'batch', _R),
    ('mk_sum_even', 'torchair_like', 'dynamic', _R),
    ('mk_first_row', 'torchair_like', 'static', _R),
    ('mk_first_row', 'torchair_like', 'batch', _R),
    ('mk_first_row', 'torchair_like', 'dynamic', _R),
    ('mk_count_ge', 'torchair_like', 'static', _R),
    ('mk_count_ge', 'torchair_like', 'batch', _R),
    ('mk_count_ge', 'torchair_like', 'dynamic', _R),
    ('mk_cummax', 'torchair_like', 'static', _R),
    ('mk_cummax', 'torchair_like', 'batch', _R),
    ('mk_cummax', 'torchair_like', 'dynamic', _R),
    ('mk_plain', 'torchair_like', 'static', _EQ),
    ('mk_plain', 'torchair_like', 'batch', _EQ),
    ('mk_plain', 'torchair_like', 'dynamic', _EQ),
    ('rw_pos_fused', 'torchair_like', 'static', _EQ),
    ('rw_pos_fused', 'torchair_like', 'batch', _EQ),
    ('rw_pos_fused', 'torchair_like', 'dynamic', _EQ),
    ('rw_pos_refused', 'torchair_like', 'static', _R),
    ('rw_pos_refused', 'torchair_like', 'batch', _R),
    ('rw_pos_refused', 'torchair_like', 'dynamic', _R),
    ('rw_pos_refused_slots', 'torchair_like', 'static', _R),
    ('rw_pos_refused_slots', 'torchair_like', 'batch', _R),
    ('rw_pos_refused_slots', 'torchair_like', 'dynamic', _R),
    ('rw_slice_merge_refused', 'torchair_like', 'static', _R),
    ('rw_slice_merge_refused', 'torchair_like', 'batch', _R),
    ('rw_slice_merge_refused', 'torchair_like', 'dynamic', _R),
    ('rw_kept_index_refused', 'torchair_like', 'static', _R),
    ('rw_kept_index_refused', 'torchair_like', 'batch', _R),
    ('rw_kept_index_refused', 'torchair_like', 'dynamic', _R),
    ('rw_kv_slice_merge', 'torchair_like', 'static', _EQ),
    ('rw_kv_slice_merge', 'torchair_like', 'batch', _EQ),
    ('rw_kv_slice_merge', 'torchair_like', 'dynamic', _EQ),
    ('al_plain', 'torchair_like', 'static', _R),
    ('al_plain', 'torchair_like', 'batch', _R),
    ('al_plain', 'torchair_like', 'dynamic', _R),
    ('al_index_copy', 'torchair_like', 'static', _R),
    ('al_index_copy', 'torchair_like', 'batch', _R),
    ('al_index_copy', 'torchair_like', 'dynamic', _R),
    ('al_ret', 'torchair_like', 'static', _R),
    ('al_ret', 'torchair_like', 'batch', _R),
    ('al_ret', 'torchair_like', 'dynamic', _R),
    ('la_cache_nsd', 'torchair_like', 'static', _EQ),
    ('la_cache_nsd', 'torchair_like', 'batch', _EQ),
    ('la_cache_nsd', 'torchair_like', 'dynamic', _EQ),
    ('la_cache_dsn', 'torchair_like', 'static', _EQ),
    ('la_cache_dsn', 'torchair_like', 'batch', _EQ),
    ('la_cache_dsn', 'torchair_like', 'dynamic', _EQ),
    ('la_kv_head_major', 'torchair_like', 'static', _EQ),
    ('la_kv_head_major', 'torchair_like', 'batch', _EQ),
    ('la_kv_head_major', 'torchair_like', 'dynamic', _EQ),
    ('la_kv_pages_last', 'torchair_like', 'static', _EQ),
    ('la_kv_pages_last', 'torchair_like', 'batch', _EQ),
    ('la_kv_pages_last', 'torchair_like', 'dynamic', _EQ),
    ('la_w_t', 'torchair_like', 'static', _EQ),
    ('la_w_t', 'torchair_like', 'batch', _EQ),
    ('la_w_t', 'torchair_like', 'dynamic', _EQ),
    ('la_table_t', 'torchair_like', 'static', _EQ),
    ('la_table_t', 'torchair_like', 'batch', _EQ),
    ('la_table_t', 'torchair_like', 'dynamic', _EQ),
    ('la_all', 'torchair_like', 'static', _EQ),
    ('la_all', 'torchair_like', 'batch', _EQ),
    ('la_all', 'torchair_like', 'dynamic', _EQ),
    ('ro_kept_returned', 'torchair_like', 'static', _EQ),
    ('ro_kept_returned', 'torchair_like', 'batch', _EQ),
    ('ro_kept_returned', 'torchair_like', 'dynamic', _EQ),
    ('ro_kept_returned_raw', 'torchair_like', 'static', _EQ),
    ('ro_kept_returned_raw', 'torchair_like', 'batch', _EQ),
    ('ro_kept_returned_raw', 'torchair_like', 'dynamic', _EQ),
    ('ro_kept_sum', 'torchair_like', 'static', _EQ),
    ('ro_kept_sum', 'torchair_like', 'batch', _EQ),
    ('ro_kept_sum', 'torchair_like', 'dynamic', _EQ),
    ('ro_kept_index_copy', 'torchair_like', 'static', _EQ),
    ('ro_kept_index_copy', 'torchair_like', 'batch', _EQ),
    ('ro_kept_index_copy', 'torchair_like', 'dynamic', _EQ),
    ('ro_kept_into_kv', 'torchair_like', 'static', _EQ),
    ('ro_kept_into_kv', 'torchair_like', 'batch', _EQ),
    ('ro_kept_into_kv', 'torchair_like', 'dynamic', _EQ),
    ('ro_kept_masked_returned', 'torchair_like', 'static', _EQ),
    ('ro_kept_masked_returned', 'torchair_like', 'batch', _EQ),
    ('ro_kept_masked_returned', 'torchair_like', 'dynamic', _EQ),
    ('ro_row0_before', 'torchair_like', 'static', _EQ),
    ('ro_row0_before', 'torchair_like', 'batch', _EQ),
    ('ro_row0_before', 'torchair_like', 'dynamic', _EQ),
    ('ro_sum_before', 'torchair_like', 'static', _EQ),
    ('ro_sum_before', 'torchair_like', 'batch', _EQ),
    ('ro_sum_before', 'torchair_like', 'dynamic', _EQ),
    ('ro_gather_other_before', 'torchair_like', 'static', _EQ),
    ('ro_gather_other_before', 'torchair_like', 'batch', _EQ),
    ('ro_gather_other_before', 'torchair_like', 'dynamic', _EQ),
    ('ro_clone_before', 'torchair_like', 'static', _EQ),
    ('ro_clone_before', 'torchair_like', 'batch', _EQ),
    ('ro_clone_before', 'torchair_like', 'dynamic', _EQ),
    ('ro_view_before', 'torchair_like', 'static', _EQ),
    ('ro_view_before', 'torchair_like', 'batch', _EQ),
    ('ro_view_before', 'torchair_like', 'dynamic', _EQ),
    ('ro_index_select_before', 'torchair_like', 'static', _EQ),
    ('ro_index_select_before', 'torchair_like', 'batch', _EQ),
    ('ro_index_select_before', 'torchair_like', 'dynamic', _EQ),
    ('ro_layer', 'torchair_like', 'static', _EQ),
    ('ro_layer', 'torchair_like', 'batch', _EQ),
    ('ro_layer', 'torchair_like', 'dynamic', _EQ),
    ('ro_layer_read_other', 'torchair_like', 'static', _EQ),
    ('ro_layer_read_other', 'torchair_like', 'batch', _EQ),
    ('ro_layer_read_other', 'torchair_like', 'dynamic', _EQ),
    ('ro_layer_read_after', 'torchair_like', 'static', _EQ),
    ('ro_layer_read_after', 'torchair_like', 'batch', _EQ),
    ('ro_layer_read_after', 'torchair_like', 'dynamic', _EQ),
    ('ub_item_aux', 'torchair_like', 'static', _EQ),
    ('ub_item_aux', 'torchair_like', 'batch', _EQ),
    ('ub_item_aux', 'torchair_like', 'dynamic', _EQ),
    ('ub_item_slices', 'torchair_like', 'static', _EQ),
    ('ub_item_slices', 'torchair_like', 'batch', _EQ),
    ('ub_item_slices', 'torchair_like', 'dynamic', _EQ),
    ('ub_nonzero_rows', 'torchair_like', 'static', _R),
    ('ub_nonzero_rows', 'torchair_like', 'batch', _R),
    ('ub_nonzero_rows', 'torchair_like', 'dynamic', _R),
    ('ub_nonzero_aux', 'torchair_like', 'static', _EQ),
    ('ub_nonzero_aux', 'torchair_like', 'batch', _EQ),
    ('ub_nonzero_aux', 'torchair_like', 'dynamic', _EQ),
    ('ub_item_lens_window', 'torchair_like', 'static', _EQ),
    ('ub_item_lens_window', 'torchair_like', 'batch', _EQ),
    ('ub_item_lens_window', 'torchair_like', 'dynamic', _EQ),
]

_LATER = [
    ('ro_kept_returned', 'inductor', 'static', _FF),
    ('ro_kept_returned', 'inductor', 'batch', _FF),
    ('ro_kept_returned', 'inductor', 'dynamic', _FF),
    ('ro_kept_returned_raw', 'inductor', 'static', _EQ),
    ('ro_kept_returned_raw', 'inductor', 'batch', _EQ),
    ('ro_kept_returned_raw', 'inductor', 'dynamic', _EQ),
    ('ro_kept_sum', 'inductor', 'static', _FF),
    ('ro_kept_sum', 'inductor', 'batch', _FF),
    ('ro_kept_sum', 'inductor', 'dynamic', _FF),
    ('ro_kept_index_copy', 'inductor', 'static', _FF),
    ('ro_kept_index_copy', 'inductor', 'batch', _FF),
    ('ro_kept_index_copy', 'inductor', 'dynamic', _FF),
    ('ro_kept_into_kv', 'inductor', 'static', _FF),
    ('ro_kept_into_kv', 'inductor', 'batch', _FF),
    ('ro_kept_into_kv', 'inductor', 'dynamic', _FF),
    ('ro_kept_masked_returned', 'inductor', 'static', _EQ),
    ('ro_kept_masked_returned', 'inductor', 'batch', _EQ),
    ('ro_kept_masked_returned', 'inductor', 'dynamic', _EQ),
    ('ro_gather_use_after', 'inductor', 'static', _EQ),
    ('ro_gather_use_after', 'inductor', 'batch', _EQ),
    ('ro_gather_use_after', 'inductor', 'dynamic', _EQ),
    ('ro_index_select_use_after', 'inductor', 'static', _EQ),
    ('ro_index_select_use_after', 'inductor', 'batch', _EQ),
    ('ro_index_select_use_after', 'inductor', 'dynamic', _EQ),
    ('ro_row0_copy_use_after', 'inductor', 'static', _EQ),
    ('ro_row0_copy_use_after', 'inductor', 'batch', _EQ),
    ('ro_row0_copy_use_after', 'inductor', 'dynamic', _EQ),
    ('ro_kept_returned', 'vllm_post', 'static', _EQ),
    ('ro_kept_returned', 'vllm_post', 'batch', _EQ),
    ('ro_kept_returned', 'vllm_post', 'dynamic', _EQ),
    ('ro_kept_returned_raw', 'vllm_post', 'static', _EQ),
    ('ro_kept_returned_raw', 'vllm_post', 'batch', _EQ),
    ('ro_kept_returned_raw', 'vllm_post', 'dynamic', _EQ),
    ('ro_kept_sum', 'vllm_post', 'static', _EQ),
    ('ro_kept_sum', 'vllm_post', 'batch', _EQ),
    ('ro_kept_sum', 'vllm_post', 'dynamic', _EQ),
    ('ro_kept_index_copy', 'vllm_post', 'static', _EQ),
    ('ro_kept_index_copy', 'vllm_post', 'batch', _EQ),
    ('ro_kept_index_copy', 'vllm_post', 'dynamic', _EQ),
    ('ro_kept_into_kv', 'vllm_post', 'static', _EQ),
    ('ro_kept_into_kv', 'vllm_post', 'batch', _EQ),
    ('ro_kept_into_kv', 'vllm_post', 'dynamic', _EQ),
]


def classify55(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-54)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify55)
