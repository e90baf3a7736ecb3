"""Fifty-fourth adversarial review of the recogniser (round 54; d6a0748 frozen at /tmp/base59: the whole landed
recogniser after red team 53's fixes -- first the slot map (verify.check_slot_source's roles and its one exception,
exactness._check_iota_slots, _check_unwrapped, _check_slot_cast), then rewrite.merge_duplicate_views' slice merge and
roles._reads_back_scattered, then sizes the first compile never saw, then the GE write lowering).

Same format as redteam43 .. redteam53: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``; the pi_ attacks pass SGLang's
``req_pool_indices`` [B] int64 (pi_from_i32_int16: int32) in the ``slots`` position and ``req_to_token`` [R, W] int32
as an extra input; the mv_ and cr_ attacks a [B, N, D] token ``x`` to append; the ws_ attacks B = l * N = 64 rows
so that the [l, N] weight can be read flat as a [B] vector).  Runner: redteam7's ``classify7`` through
:func:`classify54`.

    cp /work/main/tests/corpora/redteam54.py /tmp/base59/tests/corpora/ && cd /tmp/base59 && \\
    PYTHONPATH=/tmp/base59 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam54.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base59 = d6a0748, 15:46:10-15:50:07 UTC 2026-12-06 by this machine's
``date -u``, the two graph dialects side by side, one process each, the whole ``ATTACKS`` list as it stood then (43
attacks: ws_, pi_, mv_, fs_, sz_, ar_, tw_; the cr_, fl_ and lf_ attacks were added after it, see ``_LATER``); before
it, while writing the attacks, subsets were run in static mode only (ws_long*, pi_int8*, pi_int8_flat,
pi_from_i32_int16, fs_*, mv_append_prefix*, sz_*, ar_*, tw_*): the first FULL run is this one), 129 runs per graph
dialect (every attack in static, batch, dynamic):

    inductor_graph  129 runs: 14 FALSE FUSION / 0 CRASH / 55 fused & equal / 56 refused / 0 control differs
                    (4 CONTROL CRASHES TOO)
    torchair_like   129 runs: 14 FALSE FUSION / 9 CRASH / 48 fused & equal / 54 refused / 0 control differs
                    (4 CONTROL CRASHES TOO)

Per theme (inductor_graph | torchair_like):
  ws_ 6  slots from the weights read flat / a float slot mapping:   2 FF / 2 EQ / 10 R / 4 CCT | the same
  pi_ 9  the block table's own pool index as the slots, cast:      12 FF / 5 EQ / 10 R          | the same
  mv_ 13 slices across a mutation (merge / read-back rules):       28 EQ / 11 R                 | 21 EQ / 9 CRASH / 9 R
  fs_ 4  flat slots arange(B) * M + offset:                         2 EQ / 10 R                  | the same
  sz_ 3  B > S in a later call, padding rows (S = 29, B = 40):      8 EQ / 1 R                   | the same
  ar_ 6  arange slot maps under the remainder:                      4 EQ / 14 R                  | the same
  tw_ 2  two writes / a read after the write:                       6 EQ                         | the same
The FALSE FUSIONs: pi_int8, pi_int8_neg, pi_int16, pi_int8_flat, pi_int8_index_copy, pi_from_i32_int16 in static and
batch (dynamic=True refuses: the symbolic S gives the cast no bound), ws_float_slots static / batch (dynamic: the
B = 64 step is refused for an unrelated evaluation error).  The 9 torchair_like CRASHes: every mv_ attack that appends
``x`` into ``kv[:NB]`` (mv_append_prefix, _short, _read_short, _twice, _then_direct, _read_before, mv_clone_append,
mv_clone_before_append, mv_append_returns_old), batch mode only, the pass-off control compiling and running fine
(H3 below).  The 4 CONTROL CRASHES TOO are harness artefacts (ws_long, ws_long_mod, ws_int, ws_view_i64 in batch
mode: the harness marks args 2-4 dynamic, the step ties the batch to the unmarked weight's 64 elements).

Later runs (``_LATER``, not the first try):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend, 15:52-15:58 UTC): pi_int8, pi_int8_neg,
  pi_int16, pi_int8_flat, pi_int8_index_copy, pi_from_i32_int16, ws_float_slots: FALSE FUSION in static and batch
  with the pass-off control equal to eager (dynamic refused, as in the graph dialects); fl_f32 / fl_neg_pad: see
  ``_LATER``.
* ``--dialect vllm_post`` (15:52-15:55 UTC): the same pi_ and ws_float_slots results (12 + 2 FF, the controls
  pi_plain / pi_i32_ctl / ws_plain fused & equal, pi_uint8 refused).
* cr_ (GE write lowering, added 15:52): torchair_like batch CRASH for all four, cr_append_only included (a graph with
  NO compression step: the pass breaks it all the same); inductor_graph: no crash (refused / fused & equal).
* fl_ (float slot mappings, added 15:52): FALSE FUSION in static, batch AND dynamic in inductor_graph and
  torchair_like (f32, fp16, int32 cast, a -0.5 padding slot truncating onto written row 0).
* lf_ (float lengths, added 15:58): refused (the mask wants integer lengths) / control fused & equal.
* Standalone repro /tmp/rt54/repro54.py (real Inductor with the pass vs nsa_fusion_backend with the pass off vs plain
  Inductor vs eager; output /tmp/rt54/repro54.out):
      g1 (rpi.to(int8) as the slots, static): pass off 0 differ / plain Inductor 0 differ / pass on fused 1, 32
         differ, first at [3, 0, 0]: got 6.6484375, eager inf;
      g2 (a float32 slot mapping, .long(), static): pass off 0 / plain 0 / pass on fused 1, 32 differ, first at
         [24, 0, 0]: got 6.6484375, eager -1.9375.

FOUND:

* H1 FALSE FUSION: the block table's own pool index as the slots through a NARROWING integer cast.  Red team 53 H1's
  fix gave verify.check_slot_source one exception: "the block table's own pool index as the slots as it is (a
  request pool's per-request rows), distinct and in range by valid input".  It tests "as it is" with
  ``exactness._passed_in(self.w.slots) is src``, and _passed_in walks ``_SLOT_VIEWS`` and ANY ``T.CASTS``, so
  ``rpi.to(torch.int8)`` / ``.to(torch.int16)`` passes as "the pool index as it is".  The cast itself is then judged
  as if ``rpi`` were a slot mapping: exactness._check_slot_cast replaces the source range by the slot mapping's
  ``[-S, S)`` for any passed-in source (``if _passed_in(n.args[0]) is not None and isinstance(cache_rows, int): span =
  (-cache_rows, cache_rows - 1)``), and sizes' check_int_paths seeds ``w.slots`` with ``(-S, S - 1)``
  (SizesProof, ``seeds[w.slots] = (-n_slots, n_slots - 1)``), so int8 "holds" every slot of a 29-row cache.  Valid
  input bounds the pool index by the POOL (docs/contract.md: distinct, in ``[0, R)``), not by S: pool rows 3 and 259
  (or 3 and 230 = 256 - 29 + 3, which int8 makes -26, Python-style row 3; or 3 and 65539 through int16) are distinct
  pool rows that the cast puts on one cache row.  Minimal repro (B = 12, S = 29, R = 300; rpi distinct; row 0
  completes, row 1 writes nothing; rpi[0] = 3, rpi[1] = 259):

      new = pool(tokens(kv, rtt[rpi], positions(lens)), w)
      s = rpi.to(torch.int8).long()
      cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])

  eager writes row 1's kept row to cache row 3 last; the fused op writes row 0's new row there: 32 values differ
  (inductor_graph, torchair_like, vllm_post and real Inductor with the pass-off control equal to eager; static and
  batch; also through the flat pool-table read, index_copy_, an int32 pool index cast to int16).  Controls: the plain
  pool index and ``rpi.int()`` fuse and are equal; ``.to(torch.uint8)`` is refused (the [-S, S) seed leaves uint8).
  Rule at fault: nsa_fusion/patterns/verify.py: _Verification.check_slot_source (``own_pool_rows`` through
  exactness._passed_in, which admits narrowing casts) with exactness.py: _check_slot_cast and sizes.py:
  SizesProof (the int seeds) holding the pool index to the slot mapping's range.  Fix direction: take the exception
  only through views and value-keeping casts (pool_tables._widening_cast: int32 -> int64), or judge casts of the
  pool index by its dtype's range (as for any other input), not by ``[-S, S)``.

* H2 FALSE FUSION (the contract's wording; flagged for a decision): a FLOAT slot mapping.  ``slots`` passed as a float
  tensor and cast by the step (``cache[slots.long()] = where(...)``): exactness.dtype_range maps a float dtype to the
  integers it holds exactly (float32: [-2**24, 2**24]), so _check_slot_cast sees float32 -> int64 as value-keeping
  (static S: the passed-in ``[-S, S)`` override as well), and nothing refuses the truncation: distinct float slots
  ``x + 0.25`` and ``x + 0.75`` (both in ``[0, S)``, unique, as docs/contract.md's valid-input rule states it) land
  on one cache row.  Minimal repro (B = 12, S = 29; row 0 completes at slot 24.25, row 1 writes nothing at 24.75):

      s = slots.long()          # slots: float32 [B]
      cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])

  32 values differ (inductor_graph, torchair_like, vllm_post, real Inductor with a clean control; static, batch and
  dynamic; fp16 and an int32 cast too; a padding slot -0.5 truncates to 0, a written row's slot).  The contract's
  table types ``slot_mapping`` ``[B] int32 (or int64)`` for the OP; the model-level valid-input rule speaks of slots
  "unique ... and in range" without a dtype.  Rule at fault: nsa_fusion/patterns/exactness.py: _check_slot_cast
  (float sources judged by dtype_range's "integers held exactly", which is no bound on what truncation does to
  non-integers).  Fix direction: refuse float -> integer casts on the slot path (or state integer slot inputs in the
  contract's valid-input section).

* H3 CRASH (torchair_like only: the GE write lowering, nsa_fusion/lowering/ge_writes.py: _scatter_nd, via
  fusion_pass._lower_writes_for_ge): a graph with a functional ``index_put`` whose indices carry the batch and whose
  values do not (a KV append ``kv[:NB][ids, pos % P] = x`` or ``kv[ids, pos % P] = x`` with ``lens``, ``slots`` and
  the table ``mark_dynamic`` on the batch and ``x`` not): _scatter_nd's ``values.expand(*full, *shape, ...)`` on the
  fake values adds the guard ``Eq(s55, 12)`` (found with a _set_replacement hook: "s55 = 12 (range_refined_to_
  singleton) ... ge_writes.py, line 118, in _scatter_nd"), which specializes the marked batch: Dynamo raises
  ConstraintViolationError ("You marked L['lens'].size()[0] as dynamic but your code specialized it to be a constant
  (12)").  The pass-off control compiles and runs both calls (B = 12, 16); inductor_graph does not lower writes and
  does not crash.  It happens whether or not a step is fused or even present (cr_append_only: no compression step,
  "no candidate", still CRASH; cr_append_prefix_refused: the step refused, still CRASH).  Minimal repro (torchair_like
  harness with the GE stand-ins, redteam5._define_ge_stand_ins; /tmp/rt54/crash3.py):

      kv[:NB][ids, p % P] = x          # x: [B, N, D], the batch of lens / slots / table marked dynamic, x's not
      return kv

  Rule at fault: lowering/ge_writes.py: _scatter_nd (broadcasting ``values`` to the indices' shape with
  ``expand`` on fake tensors of the traced shape env: a guard the user's graph never had).  Fix direction: build
  the rows with sizes taken from ``values`` itself / guard-free ops (or skip the lowering where the shapes are not
  statically equal: ``statically_known_true``), so that the lowering adds no guard.

Not found (equal or refused; the idea each tried):

* ws_ slots from the WEIGHTS (a role check_slot_source does not compare: the [l, N] weight read flat as [B = 64],
  ``.long()``, ``% S``, ``.int()``, ``view(-1).to(int64)``): refused before the slot map ("the slot of row b may depend
  on other rows ... not indexed by a static" -- BatchPlan wants the slot source indexed by the batch), so every
  non-[B] role (weights, KV, cache) is out of reach; the plain slot mapping at B = 64: fused & equal.
* pi_ controls: the pool index as it is (equal), ``rpi.int()`` (equal), ``rpi.to(uint8)`` (refused).
* mv_ slices across a mutation: a KV append into ``kv[:NB]`` read back as ``kv[:NB]`` (the read-back rule), read as
  ``kv[:NB - 1]``, appended twice, appended then written through ``kv`` itself, read before the append, an append into
  a CLONE's prefix with the original's prefix read (and the reverse: a clone taken before the append, read after),
  the pre-append window also returned; the kept rows read through ``cache[:S]`` and written through it, read again
  after the write: fused & equal (inductor_graph, torchair_like static / dynamic); an append into ``kv[:NB - 1]`` with
  ``kv[:NB]`` read (partial overlap): refused ("tokens are gathered from more than one tensor"); the kept rows from a
  clone taken before another write, or from ``cache[:S]`` read before a write to row S - 1: refused ("cannot tell the
  kept cache rows"). merge_duplicate_views runs on functional graphs here (the only mutation is the final copy_), so
  equal slices are the same value; no merge across a write was reachable.
* fs_ flat slots: M = 14 with offsets reaching 14, the offset without a clamp (-2 on short rows): refused by
  check_flat_slots' interval proof; clamp(0, M - 1), clamp(min=0) with M = 15: fused & equal (static), refused under
  a symbolic batch.
* sz_ a later call with B = 40 > S = 29 (28 padding rows on -1 .. -3, rows no written row uses), plain, wrapped,
  ``% S``: fused & equal in every mode that fuses (dynamic=True serves B = 40 and B = 20 right).
* ar_ arange maps: ``(ar + lens[:1]) % S`` (equal), an int32 arange shifted by 2**31 - 5 (refused: leaves int32),
  ``(-ar) % S``, the reversed arange, ``((ar % S) + 7) % S`` (equal static, refused symbolic), ``fmod`` (refused).
* tw_ the same slots written twice (the second step keeping what the first wrote), the written rows read back after
  the write and returned: fused & equal.
* lf_ float lengths compared in float while the window uses ``.long()`` (48.5: eager's float condition False, the
  integer one True): refused by the mask ("does not depend on a [B] integer tensor"); all uses cast: equal.

Read, not demonstrated: (1) exactness.dtype_range's float entries ("integers held exactly") are used as value
ranges wherever an interval rule meets a float dtype (check_int_paths' casts, _check_unwrapped's seeds); H2 is the
slot-path instance; a float block table or float lengths cast with ``.long()`` everywhere compute the same in eager
and the op (lf_ctl equal), so no other instance was found.  (2) H1's root is that a passed-in node in the slot
position is held to the slot mapping's [-S, S) (sizes' int seeds, _check_slot_cast, _check_unwrapped's
placeholder seed) whatever role valid input gives it; the own-pool-index exception is the one non-slot-mapping input
that reaches the slot position today; any future exception (e.g. a ragged index as the slots) would inherit it.
(3) H3's guard comes from running torch ops on the traced shape env's fake values inside a post-aot pass; other
places that do so (pool_tables._call, rewrite's node builders) may add guards too where a marked dimension meets an
unmarked one; only the GE lowering was seen to do it here.
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


def _qr(lens):
    """A completing row q and a LATER row r that writes nothing (eager writes r's kept row last)."""
    q = next(b for b in range(len(lens)) if _qualifies(int(lens[b])))
    r = next(b for b in range(q + 1, len(lens)) if not _qualifies(int(lens[b])))
    return q, r


# --- 1. ws_: slots computed from the WEIGHTS (a role verify.check_slot_source does not compare) -----------------------
# B = l * N = 64 rows; the [l, N] weight read flat as the slot mapping; valid input lets weights hold any value.
def _ws(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "long":
            s = w.reshape(-1).long()
        elif kind == "long_mod":
            s = w.reshape(-1).long() % S
        elif kind == "int":
            s = w.flatten().int()
        elif kind == "view_i64":
            s = w.view(-1).to(torch.int64)
        elif kind == "float_slots":  # control-ish: the slot mapping itself passed as float32 (x.25 / x.75 pairs)
            s = slots.long()
        else:  # plain control: the slot mapping
            s = slots
        return write(cache, s, completes(lens), new)
    return step


def _ws_calls(kind):
    def f():
        out = []
        for seed in (0, 1):
            B, N = L * 2, 2
            S = 2 * B + 5
            a = list(build(B=B, N=N, seed=seed).args)
            lens = a[4]
            q, r = _qr(lens)
            g = torch.Generator().manual_seed(seed + 11)
            vals = torch.randperm(S, generator=g)[:B].double()
            if kind == "float_slots":
                v = vals.clone()
                v[r] = v[q]
                v[q] += 0.25
                v[r] += 0.75
                a[2] = v.float()
            elif kind == "plain":
                pass
            else:
                vals[r] = vals[q] + (S if kind == "long_mod" else 0)
                a[1] = vals.view(L, N).to(a[1].dtype)  # integer weights (exact in fp16)
            out.append(a)
        return out
    return f


WS = [(f"ws_{k}", _mk(_ws(k), _ws_calls(k), MODES3), "slots from the weights read flat: " + k)
      for k in ("long", "long_mod", "int", "view_i64", "float_slots", "plain")]


# --- 2. pi_: the block table's own pool index as the slots through a NARROWING cast (the own_pool_rows exception of
# verify.check_slot_source; exactness._check_slot_cast gives a passed-in source the slot mapping's [-S, S), the pool
# index lies in [0, R)) ---------------------------------------------------------------------------------------------
def _pi(kind):
    def step(kv, w, slots, table, lens, cache, rtt):
        rpi = slots
        if kind == "int8_flat":  # the flat view of the pool table (rs_rpi_flat's read), int8 slots
            P = kv.shape[1]
            pos = positions(lens)
            ids = rtt.view(-1)[rpi[:, None].long() * rtt.shape[1] + pos // P].long()
            new = pool(kv[ids, pos % P], w)
        else:
            new = pool(tokens(kv, rtt[rpi], positions(lens)), w)
        if kind == "int8_index_copy":  # the int8 slots through index_copy_
            s = rpi.to(torch.int8).long()
            return cache.index_copy_(0, s, torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s]))
        if kind.startswith("int8"):
            s = rpi.to(torch.int8)
        elif kind.startswith("int16"):
            s = rpi.to(torch.int16)
        elif kind == "uint8":
            s = rpi.to(torch.uint8)
        elif kind == "i32_ctl":
            s = rpi.int()
        elif kind == "from_i32_int16":  # the pool index passed in int32, cast to int16
            s = rpi.to(torch.int16)
        else:  # plain
            s = rpi
        return write(cache, s, completes(lens), new)
    return step


def _pi_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            table, lens, S = a[3], a[4], a[5].shape[0]
            q, r = _qr(lens)
            g = torch.Generator().manual_seed(seed + 5)
            x = 3
            if kind in ("int8", "uint8", "int8_flat", "int8_index_copy"):
                far, R = x + 256, 300
            elif kind == "int8_neg":
                far, R = 256 - S + x, 300  # int8 -> x - S: Python-style row x
            elif kind in ("int16", "from_i32_int16"):
                far, R = x + 65536, 65536 + 64
            else:
                far, R = None, S
            free = [v for v in torch.randperm(S, generator=g).tolist() if v != x]
            rpi = free[:B]
            if far is not None:
                rpi[q], rpi[r] = x, far
            rpi = torch.tensor(rpi, dtype=torch.int64)
            rtt = torch.randint(0, a[0].shape[0], (R, table.shape[1]), generator=g).to(torch.int32)
            rtt[rpi] = table.to(torch.int32)
            a[2] = rpi.to(torch.int32) if kind == "from_i32_int16" else rpi
            out.append(a + [rtt])
        return out
    return f


PI = [(f"pi_{k}", _mk(_pi(k), _pi_calls(k), MODES3), "the pool index as the slots through a cast: " + k)
      for k in ("int8", "int8_neg", "int16", "uint8", "i32_ctl", "plain", "int8_flat", "int8_index_copy",
                "from_i32_int16")]


# --- 4. fs_: flat slots ``arange(B) * M + offset`` (sizes.check_flat_slots) in a [B * M]-row cache -------------------
def _fs(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        M = 14 if kind == "m14" else 15
        blk = (lens.long() - L) // STRIDE
        off = blk if kind == "noclamp" else blk.clamp(0, M - 1) if kind == "clamp" else blk.clamp(min=0)
        s = torch.arange(B, device=lens.device) * M + off
        return write(cache, s, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


def _fs_calls(kind):
    """Row q completes at the capacity (offset 14 = M for M = 14), row q + 1 at 32 (offset 0); no-clamp rows 0-length
    (offset -2: the previous row's row M - 2) after a row completing at offset 13."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            M = 14 if kind == "m14" else 15
            lens = [256, 32, 240, 0, 48, 64, 80, 96, 0, 1, 2, 3, 31, 33, 5, 6][:B]
            a = list(build(B=B, seed=seed, lengths=lens, num_slots=B * M + (4 if kind != "m14" else 0)).args)
            out.append(a)
        return out
    return f


FS = [(f"fs_{k}", _mk(_fs(k), _fs_calls(k), MODES3), "flat slots arange(B) * M + offset: " + k)
      for k in ("m14", "noclamp", "clamp", "clampmin")]


# --- 3. mv_: slices of one tensor across a mutation (rewrite.merge_duplicate_views, roles._reads_back_scattered) ----
def _mv(kind):
    def step(kv, w, slots, table, lens, cache, x):
        S, NB, P = cache.shape[0], kv.shape[0], kv.shape[1]
        s = slots.long()
        valid = completes(lens)
        p = (lens.long() - 1).clamp(min=0)
        ids = table.long().gather(1, (p // P)[:, None]).squeeze(1)
        if kind == "append_prefix":  # KV append into kv[:NB] read back as kv[:NB] (the read-back rule)
            kv[:NB][ids, p % P] = x
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
        elif kind == "append_prefix_short":  # append into kv[:NB - 1], read kv[:NB] (partial overlap)
            kv[:NB - 1][ids.clamp(max=NB - 2), p % P] = x
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
        elif kind == "append_prefix_read_short":  # append into kv[:NB], read kv[:NB - 1] (ids < NB - 1 by build)
            kv[:NB][ids, p % P] = x
            new = pool(tokens(kv[:NB - 1], table, positions(lens)), w)
        elif kind == "append_twice":  # two appends into kv[:NB] (second overwrites the first), read kv[:NB]
            kv[:NB][ids, p % P] = x
            kv[:NB][ids, p % P] = x * 2
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
        elif kind == "append_then_direct":  # append into kv[:NB], a second write through kv itself, read kv[:NB]
            kv[:NB][ids, p % P] = x
            kv[ids, p % P] = x * 3
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
        elif kind == "clone_append":  # append into a CLONE's prefix, the window read from the original's prefix
            kc = kv.clone()
            kc[:NB][ids, p % P] = x
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
            return write(cache, s, valid, new), kc[:NB][ids, p % P].float()
        elif kind == "clone_before_append":  # a clone taken before the append, the window read from its prefix
            kc = kv.clone()
            kv[:NB][ids, p % P] = x
            new = pool(tokens(kc[:NB], table, positions(lens)), w)
        elif kind == "append_returns_old":  # the pre-append window also returned (read through kv[:NB] as well)
            old = pool(tokens(kv[:NB], table, positions(lens)), w)
            kv[:NB][ids, p % P] = x
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
            return write(cache, s, valid, new), old * 1
        elif kind == "append_read_before":  # window read from kv[:NB] BEFORE the append, append after
            new = pool(tokens(kv[:NB], table, positions(lens)), w)
            kv[:NB][ids, p % P] = x
        elif kind == "cache_prefix_kept":  # kept rows read through cache[:S], written through cache[:S]
            c = cache[:S]
            c[s] = torch.where(valid[:, None, None], pool(tokens(kv, table, positions(lens)), w).to(cache.dtype),
                               cache[:S][s])
            return cache
        elif kind == "cache_prefix_kept_after":  # kept rows read, written, then cache[:S][s] read again and returned
            new = pool(tokens(kv, table, positions(lens)), w)
            old = cache[:S][s]
            cache[:S][s] = torch.where(valid[:, None, None], new.to(cache.dtype), old)
            return cache, cache[:S][s].float() * 2
        elif kind == "cache_clone_kept":  # kept rows read from a clone taken BEFORE another write to the cache
            new = pool(tokens(kv, table, positions(lens)), w)
            snap = cache.clone()
            cache[0] = cache[0] * 2
            cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), snap[s])
            return cache
        else:  # cache_slice_between: kept read from cache[:S] before a write to cache[S-1], written through cache[:S]
            new = pool(tokens(kv, table, positions(lens)), w)
            old = cache[:S][s]
            cache[S - 1] = cache[S - 1] + 1
            cache[:S][s] = torch.where(valid[:, None, None], new.to(cache.dtype), old)
            return cache
        return write(cache, s, valid, new)
    return step


def _mv_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            N, D = a[0].shape[2], a[0].shape[3]
            g = torch.Generator().manual_seed(seed + 3)
            x = (torch.randint(-32, 33, (B, N, D), generator=g) / 16.0).to(a[0].dtype)
            out.append(a + [x])
        return out
    return f


MV = [(f"mv_{k}", _mk(_mv(k), _mv_calls(k), MODES3), "slices across a mutation: " + k)
      for k in ("append_prefix", "append_prefix_short", "append_prefix_read_short", "append_twice",
                "append_then_direct", "append_read_before", "clone_append", "clone_before_append", "append_returns_old",
                "cache_prefix_kept", "cache_prefix_kept_after",
                "cache_clone_kept", "cache_slice_between")]


# --- 5. sz_: a batch larger than the cache in a later call, padding rows (valid: written rows unique, padding rows on
# rows no written row names); the size proof (sizes.SizesProof._reachable) assumes B <= S ---------------------------
def _sz(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "wrap":
            s = torch.where(slots < 0, slots + S, slots)
        elif kind == "mod":
            s = slots.long() % S
        else:
            s = slots
        return write(cache, s, completes(lens), new)
    return step


def _sz_calls(kind):
    """S = 29 in every call; B = 12, then B = 40 (28 rows pad with -1 .. -3, naming rows 26-28 that no written row
    uses), then B = 20."""
    def f():
        out = []
        S = 29
        for B, seed in ((12, 0), (40, 1), (20, 2)):
            a = list(build(B=B, seed=seed, num_slots=max(S, 2 * B + 5)).args)
            lens = a[4]
            cache = a[5][:S].clone()
            q = [b for b in range(B) if _qualifies(int(lens[b]))][:20]
            sl = torch.full((B,), -1, dtype=torch.int64)
            sl[torch.arange(B) % 3 == 1] = -2
            sl[torch.arange(B) % 3 == 2] = -3
            free = torch.randperm(S - 3, generator=torch.Generator().manual_seed(seed))
            written = [b for b in range(B) if _qualifies(int(lens[b]))]
            for i, b in enumerate(written[:S - 3]):
                sl[b] = free[i]
            a[2], a[5] = sl.to(a[2].dtype), cache
            out.append(a)
        return out
    return f


SZ = [(f"sz_{k}", _mk(_sz(k), _sz_calls(k), MODES3), "padding rows beyond the cache rows in a later call: " + k)
      for k in ("plain", "wrap", "mod")]


# --- 6. ar_: more arange slot maps under the remainder (exactness._check_iota_slots) ----------------------------------
def _ar(kind):
    def step(kv, w, slots, table, lens, cache):
        S, B = cache.shape[0], lens.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)
        ar = torch.arange(B, device=lens.device)
        if kind == "lens_shift":  # shift by a one-element int32 tensor (uniform): one-to-one, control
            s = (ar + lens[:1]) % S
        elif kind == "i32_big_shift":  # int32 arange shifted near the int32 top, remainder in int64
            s = (torch.arange(B, dtype=torch.int32) + (2 ** 31 - 5)).long() % S
        elif kind == "neg":
            s = (-ar) % S
        elif kind == "rev":
            s = torch.arange(B - 1, -1, -1, device=lens.device) % S
        elif kind == "mod_twice":
            s = ((ar % S) + 7) % S
        else:  # fmod
            s = torch.fmod(ar + 3, S)
        return write(cache, s, completes(lens), new)
    return step


def _ar_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            lens = [32, 48, 64, 80, 96, 112, 128, 0, 1, 2, 3, 5, 6, 7, 8, 9][:B]
            a = list(build(B=B, seed=seed, lengths=lens, num_slots=13 + B).args)
            a[5] = a[5][:13 + (B > 12)].clone() if kind != "lens_shift" else a[5]
            out.append(a)
        return out
    return f


AR = [(f"ar_{k}", _mk(_ar(k), _ar_calls(k), MODES3), "arange slot maps under the remainder: " + k)
      for k in ("lens_shift", "i32_big_shift", "neg", "rev", "mod_twice", "fmod")]


# --- 7. tw_: two writes of one cache (crash hunting in rewrite / write) ----------------------------------------------
def _tw(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        v = completes(lens)
        if kind == "same_slots_twice":  # the second step keeps what the first wrote (its own condition the negation)
            write(cache, s, v, new)
            return write(cache, s, ~v, new * 0.5)
        # read the written rows back after the write and return them beside the cache
        write(cache, s, v, new)
        return cache, cache[s].float() + 1
    return step


def _tw_calls():
    def f():
        return [list(build(B=B, seed=seed).args) for B, seed in ((12, 0), (16, 1))]
    return f


TW = [(f"tw_{k}", _mk(_tw(k), _tw_calls(), MODES3), "two writes / a read after the write: " + k)
      for k in ("same_slots_twice", "read_back")]


# --- 8. cr_ (added after the first try): the GE write lowering (lowering/ge_writes._scatter_nd, torchair_like) under
# mark_dynamic where the written values' batch is not marked --------------------------------------------------------
def _cr(kind):
    def step(kv, w, slots, table, lens, cache, x):
        NB, P = kv.shape[0], kv.shape[1]
        p = (lens.long() - 1).clamp(min=0)
        ids = table.long().gather(1, (p // P)[:, None]).squeeze(1)
        if kind == "append_only":  # a KV append into kv[:NB] and nothing else (no NSA step)
            kv[:NB][ids, p % P] = x
            return kv
        if kind == "append_direct":  # the append into kv itself, then the step
            kv[ids, p % P] = x
        elif kind == "append_prefix_refused":  # the append, then a step the recogniser refuses (slots + 1)
            kv[:NB][ids, p % P] = x
            return write(cache, slots.long() + 1, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        else:  # append_prefix
            kv[:NB][ids, p % P] = x
        return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


CR = [(f"cr_{k}", _mk(_cr(k), _mv_calls(k), MODES3), "GE write lowering with an unmarked values batch: " + k)
      for k in ("append_only", "append_direct", "append_prefix_refused", "append_prefix")]


# --- 9. fl_ (added after the first try): float slot mappings (ws_float_slots' truncation) ---------------------------
def _fl(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.to(torch.int32) if kind == "i32" else slots.long()
        return write(cache, s, completes(lens), new)
    return step


def _fl_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            q, r = _qr(a[4])
            v = a[2].double()
            v[r] = v[q]
            v[q] += 0.25
            v[r] += 0.75
            if kind == "neg_pad":  # the later row pads with -0.5, which truncates to 0 (row 0 written by q)
                v[q], v[r] = 0.0, -0.5
            a[2] = v.to(torch.float16 if kind == "fp16" else torch.float32)
            out.append(a)
        return out
    return f


FL = [(f"fl_{k}", _mk(_fl(k), _fl_calls(k), MODES3), "a float slot mapping cast to integers: " + k)
      for k in ("f32", "fp16", "i32", "neg_pad")]


# --- 10. lf_ (added after the first try): float lengths, compared in float, cast for the window --------------------
def _lf(kind):
    def step(kv, w, slots, table, lens, cache):
        li = lens.long()
        new = pool(tokens(kv, table, positions(li)), w)
        valid = completes(lens) if kind != "ctl" else completes(li)
        return write(cache, slots, valid, new)
    return step


def _lf_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            lf = a[4].double()
            q = next(b for b in range(B) if _qualifies(int(a[4][b])) and int(a[4][b]) < 256)
            lf[q] += 0.5  # 48.5: in [0, capacity]; eager's float condition is False there, the int one True
            a[4] = lf.float()
            out.append(a)
        return out
    return f


LF = [(f"lf_{k}", _mk(_lf(k), _lf_calls(k), MODES3), "float lengths: " + k) for k in ("float_cond", "ctl")]


ATTACKS = WS + PI + MV + FS + SZ + AR + TW + CR + FL + LF

_FIRST = [
    ('ws_long', 'inductor_graph', 'static', _R),
    ('ws_long', 'inductor_graph', 'batch', _CCT),
    ('ws_long', 'inductor_graph', 'dynamic', _R),
    ('ws_long_mod', 'inductor_graph', 'static', _R),
    ('ws_long_mod', 'inductor_graph', 'batch', _CCT),
    ('ws_long_mod', 'inductor_graph', 'dynamic', _R),
    ('ws_int', 'inductor_graph', 'static', _R),
    ('ws_int', 'inductor_graph', 'batch', _CCT),
    ('ws_int', 'inductor_graph', 'dynamic', _R),
    ('ws_view_i64', 'inductor_graph', 'static', _R),
    ('ws_view_i64', 'inductor_graph', 'batch', _CCT),
    ('ws_view_i64', 'inductor_graph', 'dynamic', _R),
    ('ws_float_slots', 'inductor_graph', 'static', _FF),
    ('ws_float_slots', 'inductor_graph', 'batch', _FF),
    ('ws_float_slots', 'inductor_graph', 'dynamic', _R),
    ('ws_plain', 'inductor_graph', 'static', _EQ),
    ('ws_plain', 'inductor_graph', 'batch', _EQ),
    ('ws_plain', 'inductor_graph', 'dynamic', _R),
    ('pi_int8', 'inductor_graph', 'static', _FF),
    ('pi_int8', 'inductor_graph', 'batch', _FF),
    ('pi_int8', 'inductor_graph', 'dynamic', _R),
    ('pi_int8_neg', 'inductor_graph', 'static', _FF),
    ('pi_int8_neg', 'inductor_graph', 'batch', _FF),
    ('pi_int8_neg', 'inductor_graph', 'dynamic', _R),
    ('pi_int16', 'inductor_graph', 'static', _FF),
    ('pi_int16', 'inductor_graph', 'batch', _FF),
    ('pi_int16', 'inductor_graph', 'dynamic', _R),
    ('pi_uint8', 'inductor_graph', 'static', _R),
    ('pi_uint8', 'inductor_graph', 'batch', _R),
    ('pi_uint8', 'inductor_graph', 'dynamic', _R),
    ('pi_i32_ctl', 'inductor_graph', 'static', _EQ),
    ('pi_i32_ctl', 'inductor_graph', 'batch', _EQ),
    ('pi_i32_ctl', 'inductor_graph', 'dynamic', _R),
    ('pi_plain', 'inductor_graph', 'static', _EQ),
    ('pi_plain', 'inductor_graph', 'batch', _EQ),
    ('pi_plain', 'inductor_graph', 'dynamic', _EQ),
    ('pi_int8_flat', 'inductor_graph', 'static', _FF),
    ('pi_int8_flat', 'inductor_graph', 'batch', _FF),
    ('pi_int8_flat', 'inductor_graph', 'dynamic', _R),
    ('pi_int8_index_copy', 'inductor_graph', 'static', _FF),
    ('pi_int8_index_copy', 'inductor_graph', 'batch', _FF),
    ('pi_int8_index_copy', 'inductor_graph', 'dynamic', _R),
    ('pi_from_i32_int16', 'inductor_graph', 'static', _FF),
    ('pi_from_i32_int16', 'inductor_graph', 'batch', _FF),
    ('pi_from_i32_int16', 'inductor_graph', 'dynamic', _R),
    ('mv_append_prefix', 'inductor_graph', 'static', _EQ),
    ('mv_append_prefix', 'inductor_graph', 'batch', _EQ),
    ('mv_append_prefix', 'inductor_graph', 'dynamic', _EQ),
    ('mv_append_prefix_short', 'inductor_graph', 'static', _R),
    ('mv_append_prefix_short', 'inductor_graph', 'batch', _R),
    ('mv_append_prefix_short', 'inductor_graph', 'dynamic', _R),
    ('mv_append_prefix_read_short', 'inductor_graph', 'static', _EQ),
    ('mv_append_prefix_read_short', 'inductor_graph', 'batch', _R),
    ('mv_append_prefix_read_short', 'inductor_graph', 'dynamic', _R),
    ('mv_append_twice', 'inductor_graph', 'static', _EQ),
    ('mv_append_twice', 'inductor_graph', 'batch', _EQ),
    ('mv_append_twice', 'inductor_graph', 'dynamic', _EQ),
    ('mv_append_then_direct', 'inductor_graph', 'static', _EQ),
    ('mv_append_then_direct', 'inductor_graph', 'batch', _EQ),
    ('mv_append_then_direct', 'inductor_graph', 'dynamic', _EQ),
    ('mv_append_read_before', 'inductor_graph', 'static', _EQ),
    ('mv_append_read_before', 'inductor_graph', 'batch', _EQ),
    ('mv_append_read_before', 'inductor_graph', 'dynamic', _EQ),
    ('mv_clone_append', 'inductor_graph', 'static', _EQ),
    ('mv_clone_append', 'inductor_graph', 'batch', _EQ),
    ('mv_clone_append', 'inductor_graph', 'dynamic', _EQ),
    ('mv_clone_before_append', 'inductor_graph', 'static', _EQ),
    ('mv_clone_before_append', 'inductor_graph', 'batch', _EQ),
    ('mv_clone_before_append', 'inductor_graph', 'dynamic', _EQ),
    ('mv_append_returns_old', 'inductor_graph', 'static', _EQ),
    ('mv_append_returns_old', 'inductor_graph', 'batch', _EQ),
    ('mv_append_returns_old', 'inductor_graph', 'dynamic', _EQ),
    ('mv_cache_prefix_kept', 'inductor_graph', 'static', _EQ),
    ('mv_cache_prefix_kept', 'inductor_graph', 'batch', _EQ),
    ('mv_cache_prefix_kept', 'inductor_graph', 'dynamic', _EQ),
    ('mv_cache_prefix_kept_after', 'inductor_graph', 'static', _EQ),
    ('mv_cache_prefix_kept_after', 'inductor_graph', 'batch', _EQ),
    ('mv_cache_prefix_kept_after', 'inductor_graph', 'dynamic', _EQ),
    ('mv_cache_clone_kept', 'inductor_graph', 'static', _R),
    ('mv_cache_clone_kept', 'inductor_graph', 'batch', _R),
    ('mv_cache_clone_kept', 'inductor_graph', 'dynamic', _R),
    ('mv_cache_slice_between', 'inductor_graph', 'static', _R),
    ('mv_cache_slice_between', 'inductor_graph', 'batch', _R),
    ('mv_cache_slice_between', 'inductor_graph', 'dynamic', _R),
    ('fs_m14', 'inductor_graph', 'static', _R),
    ('fs_m14', 'inductor_graph', 'batch', _R),
    ('fs_m14', 'inductor_graph', 'dynamic', _R),
    ('fs_noclamp', 'inductor_graph', 'static', _R),
    ('fs_noclamp', 'inductor_graph', 'batch', _R),
    ('fs_noclamp', 'inductor_graph', 'dynamic', _R),
    ('fs_clamp', 'inductor_graph', 'static', _EQ),
    ('fs_clamp', 'inductor_graph', 'batch', _R),
    ('fs_clamp', 'inductor_graph', 'dynamic', _R),
    ('fs_clampmin', 'inductor_graph', 'static', _EQ),
    ('fs_clampmin', 'inductor_graph', 'batch', _R),
    ('fs_clampmin', 'inductor_graph', 'dynamic', _R),
    ('sz_plain', 'inductor_graph', 'static', _EQ),
    ('sz_plain', 'inductor_graph', 'batch', _EQ),
    ('sz_plain', 'inductor_graph', 'dynamic', _EQ),
    ('sz_wrap', 'inductor_graph', 'static', _EQ),
    ('sz_wrap', 'inductor_graph', 'batch', _EQ),
    ('sz_wrap', 'inductor_graph', 'dynamic', _R),
    ('sz_mod', 'inductor_graph', 'static', _EQ),
    ('sz_mod', 'inductor_graph', 'batch', _EQ),
    ('sz_mod', 'inductor_graph', 'dynamic', _EQ),
    ('ar_lens_shift', 'inductor_graph', 'static', _EQ),
    ('ar_lens_shift', 'inductor_graph', 'batch', _R),
    ('ar_lens_shift', 'inductor_graph', 'dynamic', _R),
    ('ar_i32_big_shift', 'inductor_graph', 'static', _R),
    ('ar_i32_big_shift', 'inductor_graph', 'batch', _R),
    ('ar_i32_big_shift', 'inductor_graph', 'dynamic', _R),
    ('ar_neg', 'inductor_graph', 'static', _EQ),
    ('ar_neg', 'inductor_graph', 'batch', _R),
    ('ar_neg', 'inductor_graph', 'dynamic', _R),
    ('ar_rev', 'inductor_graph', 'static', _EQ),
    ('ar_rev', 'inductor_graph', 'batch', _R),
    ('ar_rev', 'inductor_graph', 'dynamic', _R),
    ('ar_mod_twice', 'inductor_graph', 'static', _EQ),
    ('ar_mod_twice', 'inductor_graph', 'batch', _R),
    ('ar_mod_twice', 'inductor_graph', 'dynamic', _R),
    ('ar_fmod', 'inductor_graph', 'static', _R),
    ('ar_fmod', 'inductor_graph', 'batch', _R),
    ('ar_fmod', 'inductor_graph', 'dynamic', _R),
    ('tw_same_slots_twice', 'inductor_graph', 'static', _EQ),
    ('tw_same_slots_twice', 'inductor_graph', 'batch', _EQ),
    ('tw_same_slots_twice', 'inductor_graph', 'dynamic', _EQ),
    ('tw_read_back', 'inductor_graph', 'static', _EQ),
    ('tw_read_back', 'inductor_graph', 'batch', _EQ),
    ('tw_read_back', 'inductor_graph', 'dynamic', _EQ),
    ('ws_long', 'torchair_like', 'static', _R),
    ('ws_long', 'torchair_like', 'batch', _CCT),
    ('ws_long', 'torchair_like', 'dynamic', _R),
    ('ws_long_mod', 'torchair_like', 'static', _R),
    ('ws_long_mod', 'torchair_like', 'batch', _CCT),
    ('ws_long_mod', 'torchair_like', 'dynamic', _R),
    ('ws_int', 'torchair_like', 'static', _R),
    ('ws_int', 'torchair_like', 'batch', _CCT),
    ('ws_int', 'torchair_like', 'dynamic', _R),
    ('ws_view_i64', 'torchair_like', 'static', _R),
    ('ws_view_i64', 'torchair_like', 'batch', _CCT),
    ('ws_view_i64', 'torchair_like', 'dynamic', _R),
    ('ws_float_slots', 'torchair_like', 'static', _FF),
    ('ws_float_slots', 'torchair_like', 'batch', _FF),
    ('ws_float_slots', 'torchair_like', 'dynamic', _R),
    ('ws_plain', 'torchair_like', 'static', _EQ),
    ('ws_plain', 'torchair_like', 'batch', _EQ),
    ('ws_plain', 'torchair_like', 'dynamic', _R),
    ('pi_int8', 'torchair_like', 'static', _FF),
    ('pi_int8', 'torchair_like', 'batch', _FF),
    ('pi_int8', 'torchair_like', 'dynamic', _R),
    ('pi_int8_neg', 'torchair_like', 'static', _FF),
    ('pi_int8_neg', 'torchair_like', 'batch', _FF),
    ('pi_int8_neg', 'torchair_like', 'dynamic', _R),
    ('pi_int16', 'torchair_like', 'static', _FF),
    ('pi_int16', 'torchair_like', 'batch', _FF),
    ('pi_int16', 'torchair_like', 'dynamic', _R),
    ('pi_uint8', 'torchair_like', 'static', _R),
    ('pi_uint8', 'torchair_like', 'batch', _R),
    ('pi_uint8', 'torchair_like', 'dynamic', _R),
    ('pi_i32_ctl', 'torchair_like', 'static', _EQ),
    ('pi_i32_ctl', 'torchair_like', 'batch', _EQ),
    ('pi_i32_ctl', 'torchair_like', 'dynamic', _R),
    ('pi_plain', 'torchair_like', 'static', _EQ),
    ('pi_plain', 'torchair_like', 'batch', _EQ),
    ('pi_plain', 'torchair_like', 'dynamic', _EQ),
    ('pi_int8_flat', 'torchair_like', 'static', _FF),
    ('pi_int8_flat', 'torchair_like', 'batch', _FF),
    ('pi_int8_flat', 'torchair_like', 'dynamic', _R),
    ('pi_int8_index_copy', 'torchair_like', 'static', _FF),
    ('pi_int8_index_copy', 'torchair_like', 'batch', _FF),
    ('pi_int8_index_copy', 'torchair_like', 'dynamic', _R),
    ('pi_from_i32_int16', 'torchair_like', 'static', _FF),
    ('pi_from_i32_int16', 'torchair_like', 'batch', _FF),
    ('pi_from_i32_int16', 'torchair_like', 'dynamic', _R),
    ('mv_append_prefix', 'torchair_like', 'static', _EQ),
    ('mv_append_prefix', 'torchair_like', 'batch', _CR),
    ('mv_append_prefix', 'torchair_like', 'dynamic', _EQ),
    ('mv_append_prefix_short', 'torchair_like', 'static', _R),
    ('mv_append_prefix_short', 'torchair_like', 'batch', _CR),
    ('mv_append_prefix_short', 'torchair_like', 'dynamic', _R),
    ('mv_append_prefix_read_short', 'torchair_like', 'static', _EQ),
    ('mv_append_prefix_read_short', 'torchair_like', 'batch', _CR),
    ('mv_append_prefix_read_short', 'torchair_like', 'dynamic', _R),
    ('mv_append_twice', 'torchair_like', 'static', _EQ),
    ('mv_append_twice', 'torchair_like', 'batch', _CR),
    ('mv_append_twice', 'torchair_like', 'dynamic', _EQ),
    ('mv_append_then_direct', 'torchair_like', 'static', _EQ),
    ('mv_append_then_direct', 'torchair_like', 'batch', _CR),
    ('mv_append_then_direct', 'torchair_like', 'dynamic', _EQ),
    ('mv_append_read_before', 'torchair_like', 'static', _EQ),
    ('mv_append_read_before', 'torchair_like', 'batch', _CR),
    ('mv_append_read_before', 'torchair_like', 'dynamic', _EQ),
    ('mv_clone_append', 'torchair_like', 'static', _EQ),
    ('mv_clone_append', 'torchair_like', 'batch', _CR),
    ('mv_clone_append', 'torchair_like', 'dynamic', _EQ),
    ('mv_clone_before_append', 'torchair_like', 'static', _EQ),
    ('mv_clone_before_append', 'torchair_like', 'batch', _CR),
    ('mv_clone_before_append', 'torchair_like', 'dynamic', _EQ),
    ('mv_append_returns_old', 'torchair_like', 'static', _EQ),
    ('mv_append_returns_old', 'torchair_like', 'batch', _CR),
    ('mv_append_returns_old', 'torchair_like', 'dynamic', _EQ),
    ('mv_cache_prefix_kept', 'torchair_like', 'static', _EQ),
    ('mv_cache_prefix_kept', 'torchair_like', 'batch', _EQ),
    ('mv_cache_prefix_kept', 'torchair_like', 'dynamic', _EQ),
    ('mv_cache_prefix_kept_after', 'torchair_like', 'static', _EQ),
    ('mv_cache_prefix_kept_after', 'torchair_like', 'batch', _EQ),
    ('mv_cache_prefix_kept_after', 'torchair_like', 'dynamic', _EQ),
    ('mv_cache_clone_kept', 'torchair_like', 'static', _R),
    ('mv_cache_clone_kept', 'torchair_like', 'batch', _R),
    ('mv_cache_clone_kept', 'torchair_like', 'dynamic', _R),
    ('mv_cache_slice_between', 'torchair_like', 'static', _R),
    ('mv_cache_slice_between', 'torchair_like', 'batch', _R),
    ('mv_cache_slice_between', 'torchair_like', 'dynamic', _R),
    ('fs_m14', 'torchair_like', 'static', _R),
    ('fs_m14', 'torchair_like', 'batch', _R),
    ('fs_m14', 'torchair_like', 'dynamic', _R),
    ('fs_noclamp', 'torchair_like', 'static', _R),
    ('fs_noclamp', 'torchair_like', 'batch', _R),
    ('fs_noclamp', 'torchair_like', 'dynamic', _R),
    ('fs_clamp', 'torchair_like', 'static', _EQ),
    ('fs_clamp', 'torchair_like', 'batch', _R),
    ('fs_clamp', 'torchair_like', 'dynamic', _R),
    ('fs_clampmin', 'torchair_like', 'static', _EQ),
    ('fs_clampmin', 'torchair_like', 'batch', _R),
    ('fs_clampmin', 'torchair_like', 'dynamic', _R),
    ('sz_plain', 'torchair_like', 'static', _EQ),
    ('sz_plain', 'torchair_like', 'batch', _EQ),
    ('sz_plain', 'torchair_like', 'dynamic', _EQ),
    ('sz_wrap', 'torchair_like', 'static', _EQ),
    ('sz_wrap', 'torchair_like', 'batch', _EQ),
    ('sz_wrap', 'torchair_like', 'dynamic', _R),
    ('sz_mod', 'torchair_like', 'static', _EQ),
    ('sz_mod', 'torchair_like', 'batch', _EQ),
    ('sz_mod', 'torchair_like', 'dynamic', _EQ),
    ('ar_lens_shift', 'torchair_like', 'static', _EQ),
    ('ar_lens_shift', 'torchair_like', 'batch', _R),
    ('ar_lens_shift', 'torchair_like', 'dynamic', _R),
    ('ar_i32_big_shift', 'torchair_like', 'static', _R),
    ('ar_i32_big_shift', 'torchair_like', 'batch', _R),
    ('ar_i32_big_shift', 'torchair_like', 'dynamic', _R),
    ('ar_neg', 'torchair_like', 'static', _EQ),
    ('ar_neg', 'torchair_like', 'batch', _R),
    ('ar_neg', 'torchair_like', 'dynamic', _R),
    ('ar_rev', 'torchair_like', 'static', _EQ),
    ('ar_rev', 'torchair_like', 'batch', _R),
    ('ar_rev', 'torchair_like', 'dynamic', _R),
    ('ar_mod_twice', 'torchair_like', 'static', _EQ),
    ('ar_mod_twice', 'torchair_like', 'batch', _R),
    ('ar_mod_twice', 'torchair_like', 'dynamic', _R),
    ('ar_fmod', 'torchair_like', 'static', _R),
    ('ar_fmod', 'torchair_like', 'batch', _R),
    ('ar_fmod', 'torchair_like', 'dynamic', _R),
    ('tw_same_slots_twice', 'torchair_like', 'static', _EQ),
    ('tw_same_slots_twice', 'torchair_like', 'batch', _EQ),
    ('tw_same_slots_twice', 'torchair_like', 'dynamic', _EQ),
    ('tw_read_back', 'torchair_like', 'static', _EQ),
    ('tw_read_back', 'torchair_like', 'batch', _EQ),
    ('tw_read_back', 'torchair_like', 'dynamic', _EQ),
]

_LATER = [
    ('pi_int8', 'inductor', 'static', _FF),
    ('pi_int8', 'inductor', 'batch', _FF),
    ('pi_int8', 'inductor', 'dynamic', _R),
    ('pi_int8_neg', 'inductor', 'static', _FF),
    ('pi_int8_neg', 'inductor', 'batch', _FF),
    ('pi_int8_neg', 'inductor', 'dynamic', _R),
    ('pi_int8_flat', 'inductor', 'static', _FF),
    ('pi_int8_flat', 'inductor', 'batch', _FF),
    ('pi_int8_flat', 'inductor', 'dynamic', _R),
    ('pi_int8_index_copy', 'inductor', 'static', _FF),
    ('pi_int8_index_copy', 'inductor', 'batch', _FF),
    ('pi_int8_index_copy', 'inductor', 'dynamic', _R),
    ('pi_int16', 'inductor', 'static', _FF),
    ('pi_int16', 'inductor', 'batch', _FF),
    ('pi_int16', 'inductor', 'dynamic', _R),
    ('pi_from_i32_int16', 'inductor', 'static', _FF),
    ('pi_from_i32_int16', 'inductor', 'batch', _FF),
    ('pi_from_i32_int16', 'inductor', 'dynamic', _R),
    ('ws_float_slots', 'inductor', 'static', _FF),
    ('ws_float_slots', 'inductor', 'batch', _FF),
    ('ws_float_slots', 'inductor', 'dynamic', _R),
    ('ws_float_slots', 'vllm_post', 'static', _FF),
    ('ws_float_slots', 'vllm_post', 'batch', _FF),
    ('ws_float_slots', 'vllm_post', 'dynamic', _R),
    ('ws_plain', 'vllm_post', 'static', _EQ),
    ('ws_plain', 'vllm_post', 'batch', _EQ),
    ('ws_plain', 'vllm_post', 'dynamic', _R),
    ('pi_int8', 'vllm_post', 'static', _FF),
    ('pi_int8', 'vllm_post', 'batch', _FF),
    ('pi_int8', 'vllm_post', 'dynamic', _R),
    ('pi_int8_neg', 'vllm_post', 'static', _FF),
    ('pi_int8_neg', 'vllm_post', 'batch', _FF),
    ('pi_int8_neg', 'vllm_post', 'dynamic', _R),
    ('pi_int16', 'vllm_post', 'static', _FF),
    ('pi_int16', 'vllm_post', 'batch', _FF),
    ('pi_int16', 'vllm_post', 'dynamic', _R),
    ('pi_uint8', 'vllm_post', 'static', _R),
    ('pi_uint8', 'vllm_post', 'batch', _R),
    ('pi_uint8', 'vllm_post', 'dynamic', _R),
    ('pi_i32_ctl', 'vllm_post', 'static', _EQ),
    ('pi_i32_ctl', 'vllm_post', 'batch', _EQ),
    ('pi_i32_ctl', 'vllm_post', 'dynamic', _R),
    ('pi_plain', 'vllm_post', 'static', _EQ),
    ('pi_plain', 'vllm_post', 'batch', _EQ),
    ('pi_plain', 'vllm_post', 'dynamic', _EQ),
    ('pi_int8_flat', 'vllm_post', 'static', _FF),
    ('pi_int8_flat', 'vllm_post', 'batch', _FF),
    ('pi_int8_flat', 'vllm_post', 'dynamic', _R),
    ('pi_int8_index_copy', 'vllm_post', 'static', _FF),
    ('pi_int8_index_copy', 'vllm_post', 'batch', _FF),
    ('pi_int8_index_copy', 'vllm_post', 'dynamic', _R),
    ('pi_from_i32_int16', 'vllm_post', 'static', _FF),
    ('pi_from_i32_int16', 'vllm_post', 'batch', _FF),
    ('pi_from_i32_int16', 'vllm_post', 'dynamic', _R),
    ('cr_append_only', 'inductor_graph', 'static', _R),
    ('cr_append_only', 'inductor_graph', 'batch', _R),
    ('cr_append_only', 'inductor_graph', 'dynamic', _R),
    ('cr_append_direct', 'inductor_graph', 'static', _EQ),
    ('cr_append_direct', 'inductor_graph', 'batch', _EQ),
    ('cr_append_direct', 'inductor_graph', 'dynamic', _EQ),
    ('cr_append_prefix_refused', 'inductor_graph', 'static', _R),
    ('cr_append_prefix_refused', 'inductor_graph', 'batch', _R),
    ('cr_append_prefix_refused', 'inductor_graph', 'dynamic', _R),
    ('cr_append_prefix', 'inductor_graph', 'static', _EQ),
    ('cr_append_prefix', 'inductor_graph', 'batch', _EQ),
    ('cr_append_prefix', 'inductor_graph', 'dynamic', _EQ),
    ('fl_f32', 'inductor_graph', 'static', _FF),
    ('fl_f32', 'inductor_graph', 'batch', _FF),
    ('fl_f32', 'inductor_graph', 'dynamic', _FF),
    ('fl_fp16', 'inductor_graph', 'static', _FF),
    ('fl_fp16', 'inductor_graph', 'batch', _FF),
    ('fl_fp16', 'inductor_graph', 'dynamic', _FF),
    ('fl_i32', 'inductor_graph', 'static', _FF),
    ('fl_i32', 'inductor_graph', 'batch', _FF),
    ('fl_i32', 'inductor_graph', 'dynamic', _FF),
    ('fl_neg_pad', 'inductor_graph', 'static', _FF),
    ('fl_neg_pad', 'inductor_graph', 'batch', _FF),
    ('fl_neg_pad', 'inductor_graph', 'dynamic', _FF),
    ('cr_append_only', 'torchair_like', 'static', _R),
    ('cr_append_only', 'torchair_like', 'batch', _CR),
    ('cr_append_only', 'torchair_like', 'dynamic', _R),
    ('cr_append_direct', 'torchair_like', 'static', _EQ),
    ('cr_append_direct', 'torchair_like', 'batch', _CR),
    ('cr_append_direct', 'torchair_like', 'dynamic', _EQ),
    ('cr_append_prefix_refused', 'torchair_like', 'static', _R),
    ('cr_append_prefix_refused', 'torchair_like', 'batch', _CR),
    ('cr_append_prefix_refused', 'torchair_like', 'dynamic', _R),
    ('cr_append_prefix', 'torchair_like', 'static', _EQ),
    ('cr_append_prefix', 'torchair_like', 'batch', _CR),
    ('cr_append_prefix', 'torchair_like', 'dynamic', _EQ),
    ('fl_f32', 'torchair_like', 'static', _FF),
    ('fl_f32', 'torchair_like', 'batch', _FF),
    ('fl_f32', 'torchair_like', 'dynamic', _FF),
    ('fl_fp16', 'torchair_like', 'static', _FF),
    ('fl_fp16', 'torchair_like', 'batch', _FF),
    ('fl_fp16', 'torchair_like', 'dynamic', _FF),
    ('fl_i32', 'torchair_like', 'static', _FF),
    ('fl_i32', 'torchair_like', 'batch', _FF),
    ('fl_i32', 'torchair_like', 'dynamic', _FF),
    ('fl_neg_pad', 'torchair_like', 'static', _FF),
    ('fl_neg_pad', 'torchair_like', 'batch', _FF),
    ('fl_neg_pad', 'torchair_like', 'dynamic', _FF),
    ('lf_float_cond', 'inductor_graph', 'static', _R),
    ('lf_float_cond', 'inductor_graph', 'batch', _R),
    ('lf_float_cond', 'inductor_graph', 'dynamic', _R),
    ('lf_ctl', 'inductor_graph', 'static', _EQ),
    ('lf_ctl', 'inductor_graph', 'batch', _EQ),
    ('lf_ctl', 'inductor_graph', 'dynamic', _EQ),
    ('fl_neg_pad', 'inductor', 'static', _FF),
    ('fl_neg_pad', 'inductor', 'batch', _FF),
    ('fl_neg_pad', 'inductor', 'dynamic', _FF),
    ('lf_float_cond', 'torchair_like', 'static', _R),
    ('lf_float_cond', 'torchair_like', 'batch', _R),
    ('lf_float_cond', 'torchair_like', 'dynamic', _R),
    ('lf_ctl', 'torchair_like', 'static', _EQ),
    ('lf_ctl', 'torchair_like', 'batch', _EQ),
    ('lf_ctl', 'torchair_like', 'dynamic', _EQ),
    ('fl_f32', 'vllm_post', 'static', _FF),
    ('fl_f32', 'vllm_post', 'batch', _FF),
    ('fl_f32', 'vllm_post', 'dynamic', _FF),
    ('fl_fp16', 'vllm_post', 'static', _FF),
    ('fl_fp16', 'vllm_post', 'batch', _FF),
    ('fl_fp16', 'vllm_post', 'dynamic', _FF),
    ('fl_i32', 'vllm_post', 'static', _FF),
    ('fl_i32', 'vllm_post', 'batch', _FF),
    ('fl_i32', 'vllm_post', 'dynamic', _FF),
    ('fl_neg_pad', 'vllm_post', 'static', _FF),
    ('fl_neg_pad', 'vllm_post', 'batch', _FF),
    ('fl_neg_pad', 'vllm_post', 'dynamic', _FF),
    ('fl_f32', 'inductor', 'static', _FF),
    ('fl_f32', 'inductor', 'batch', _FF),
    ('fl_f32', 'inductor', 'dynamic', _FF),
]


def classify54(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-53)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify54)
