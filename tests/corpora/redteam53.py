"""Fifty-third adversarial review of the recogniser (round 53; 0988c26 frozen at /tmp/base58: the whole landed
recogniser, first the slot map -- exactness.check_slot_path / _check_unwrapped, verify.check_slot_source --, then
pool_tables._built_table and the flat table reads, then sizes the first compile never saw).

Same format as redteam43 .. redteam52: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``; the rs_rpi_ attacks pass
SGLang's ``req_pool_indices`` [B] int64 in the ``slots`` position and ``req_to_token`` [R, W] int32 as an extra input
(rs_rpi_kv2 a second cache as well); the rs_last_ attacks FlashInfer's ``kv_last_page_len`` [B] int32 in the ``slots``
position and ``kv_indptr`` [B + 1] int32 as an extra input; the tb_ attacks a [B, M] int32 table of compressed rows).
Runner: redteam7's ``classify7`` through :func:`classify53`.

    cp /work/main/tests/corpora/redteam53.py /tmp/base58/tests/corpora/ && cd /tmp/base58 && \\
    PYTHONPATH=/tmp/base58 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam53.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base58 = 0988c26, 15:21:08-15:24:45 UTC 2026-12-06 by this machine's
``date -u``, the two graph dialects side by side, one process each, the whole ``ATTACKS`` list as it stood then (42
attacks; the io_step* and *_keep_out attacks were added after it, see ``_LATER``); before it, while writing the
attacks, subsets were run in static mode (rs_rpi_mod, rs_last_mod, rs_lens_*, rs_table_*, tb_*, io_*, bt_*, sm_*)
and in all modes (rs_rpi_mod, rs_last_mod, io_mod, io_i32_mod, io_index_copy): the first FULL run is this one): 42
attacks in 5 themes (rs_ 19 slots computed from an input the step reads in another role than the two that
verify.check_slot_source compares (SGLang's pool index, FlashInfer's page metadata, lengths / block table through a
value-keeping op; controls); io_ 6 slots from an ``arange`` under the remainder by the cache rows, at a batch larger
than the cache in a later call; tb_ 4 a table of compressed rows read through a view of another width; bt_ 3 a
kernel-split block table (pool_tables._built_table) with the slot read from its source; sm_ 10 other slot maps under
the remainder (controls of _check_unwrapped's interval rules)), 126 runs per graph dialect (every attack in static,
batch, dynamic):

    inductor_graph  126 runs: 15 FALSE FUSION / 0 CRASH / 34 fused & equal / 72 refused / 0 control differs
                    (5 CONTROL CRASHES TOO)
    torchair_like   126 runs: 15 FALSE FUSION / 0 CRASH / 31 fused & equal / 75 refused / 0 control differs
                    (5 CONTROL CRASHES TOO)

Per theme (inductor_graph | torchair_like): rs_ 12 FF / 3 EQ / 39 R / 3 CCT | the same; io_ 3 FF / 8 EQ / 7 R |
3 FF / 7 EQ / 8 R (io_sub_mod static: torchair's graph keeps ``B - 1 - i`` as aten.rsub.Scalar, refused); tb_ 3 EQ /
7 R / 2 CCT | the same; bt_ 9 R | the same; sm_ 20 EQ / 10 R | 18 EQ / 12 R (sm_sub_of_mod static / batch: rsub
again).  The 5 CONTROL CRASHES TOO are harness artefacts in batch mode (the harness marks args 2-4 dynamic; the
rs_last_ steps tie ``kv_last_page_len``'s batch to the unmarked ``kv_indptr``'s B + 1, the tb_ flat reads tie ``lens``'
batch to the table's rows): ConstraintViolationError with the pass off too.  No CRASH.

Later runs (``_LATER``, not the first try):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend; 15:25-15:34 UTC, each name in a process of its
  own): FALSE FUSION with the pass-off control equal to eager: rs_rpi_mod static / batch / dynamic, rs_rpi_flat
  static / batch, rs_rpi_i32 static / batch, rs_rpi_kv2 static / batch / dynamic, rs_last_mod and rs_last_off_mod
  static; io_stepS_mod under dynamic=True (confirmed twice, 15:33 and 15:34).  CONTROL DIFFERS (not counted): io_mod,
  io_i32_mod, io_index_copy, io_mod_keep_out, io_step2_mod, io_step2_keep_out in every mode, io_stepS_mod static /
  batch: plain Inductor (backend="inductor") itself differs from eager on these steps -- with computed (arange) slots
  it fuses the read of the kept rows ``cache[s]`` into the scatter loop, so a later row that shares a cache row with
  an earlier one reads the earlier row's NEW value: it computes exactly what the fused op computes (same value, same
  position), and eager differs from both.  io_step3_shift_mod dynamic: refused (control differs).
* ``--dialect vllm_post`` (15:31-15:32 UTC): rs_rpi_mod static / batch / dynamic, rs_last_mod static, io_mod and
  io_mod_keep_out dynamic, io_step2_mod static / batch / dynamic: FALSE FUSION (the control equal to eager); io_mod /
  io_mod_keep_out static / batch fused & equal (recompiled at B = 16, refused there); rs_last_mod dynamic refused,
  batch CCT.
* io_step2_mod, io_stepS_mod, io_step3_shift_mod, io_step2_plain, io_step2_keep_out, io_mod_keep_out (added at 15:26 /
  15:29, after the first try) in inductor_graph and torchair_like: FALSE FUSION in static, batch and dynamic for
  io_step2_mod, io_stepS_mod, io_step2_keep_out; io_step3_shift_mod static (batch / dynamic refused: the symbolic
  arange's range is its dtype's, the shift by 1 then leaves int64); io_mod_keep_out dynamic; io_step2_plain fused &
  equal (control).
* Standalone repro /tmp/rt53/repro53.py (real Inductor vs plain Inductor vs eager; output /tmp/rt53/repro53.out):
      g1 (arange % S, dynamic=True) call 1 B=16 S=14: pass off 64 differ / pass on 64 differ (the same values:
         plain Inductor's own divergence, above);
      g2 (req_pool_indices % S, static): pass off 0 differ / pass on 32 differ, first at [3, 0, 0]: got 6.3203125,
         eager 0.6875;
      g3 (kv_last_page_len % S, static): pass off 0 differ / pass on 32 differ, first at [19, 0, 0]: got 19.0625,
         eager -0.4375.

FOUND:

* H1 FALSE FUSION: verify.check_slot_source (red team 52 F2's fix) compares the slots' source with exactly two roles,
  ``_lengths_source(self.lengths)`` and ``self.table``, by ``optable.data_root``; every other graph input the step
  reads in another role passes as "the slot mapping", and exactness._check_unwrapped then seeds it with the slot
  mapping's valid range [-S, S), which no rule gives it.  Two such roles fuse:
  (a) SGLang's ``req_pool_indices`` (the batch index of ``req_to_token[rpi]``): the block table the recogniser takes
  is the POOL_ROWS node ``T[r]``, whose data_root is the pool table ``T``, not ``r``; valid input makes the pool
  indices distinct and in [0, R) (docs/contract.md, "tables of a request pool read through a batch index"), not
  distinct modulo the cache rows.  Minimal repro (S = 29, R = 64; rpi distinct; row 0 completes, row 7 does not;
  rpi[0] = 3, rpi[7] = 32):

      new = pool(tokens(kv, rtt[rpi], positions(lens)), w)
      s = rpi % cache.shape[0]
      cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])

  eager writes row 7's kept value to cache row 3 last; the fused op writes row 0's new row there: 32 values differ
  (inductor_graph, torchair_like, vllm_post, real Inductor with the pass-off control equal to eager; static, batch,
  dynamic; also through the flat view ``rtt.view(-1)[rpi[:, None] * W + pos // P]`` (static / batch), an int32
  round trip of rpi (static / batch) and two caches written at the same slots (all modes)).
  (b) FlashInfer's ``kv_last_page_len`` where the step computes its lengths from it as get_seq_lens does:
  ``_lengths_source`` stops at the computed ``(indptr[1:] - indptr[:-1] - 1) * P + last`` (an add), whose data_root
  is itself, so a slot computed from ``last`` (a leaf of the lengths, bound to [1, P] by the contract, not distinct)
  is compared with nothing it is: ``s = last.long() % S`` (or ``(last - 1) % S``, the append offset), rows 0 (last
  48, completes) and 7 (last 19 = 48 - 29, writes nothing): 32 values differ (static in inductor_graph,
  torchair_like, vllm_post and real Inductor with a clean control; the dynamic graph refuses the computed lengths,
  batch mode is a harness artefact).
  Rule at fault: nsa_fusion/patterns/verify.py: _Verification.check_slot_source (an allow-all with two exceptions;
  POOL_ROWS' batch index ``meta[POOL_ROWS][1]`` and the value leaves of computed lengths are missing), with
  exactness.check_slot_path accepting any placeholder (``if n.op == "placeholder": ... return n``).  Fix direction:
  compare against every graph input the step reads outside the slot path (the value leaves of the lengths, the
  pool index of every POOL_ROWS node, the ragged metadata), i.e. require the slot source to be read by the slot path
  alone.

* H2 FALSE FUSION: exactness.check_slot_path returns None for an ``arange`` source ("distinct by construction") and
  nothing checks the rows' slots stay distinct MODULO the cache rows after the remainder above it: an arange of step
  k is distinct, ``arange(0, k * B, k) % S`` is not wherever gcd(k, S) > 1 (or B > S / gcd(k, S)).  Minimal repro
  (B = 12, S = 14; rows 0-6 complete, 7-11 write nothing; every input valid, the slots are not an input):

      s = torch.arange(0, 2 * B, 2) % cache.shape[0]      # 0, 2, .., 12, 0, 2, .., 8: rows b and b + 7 collide
      cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])

  eager writes rows 7-11's kept values last; the fused op writes rows 0-4's new rows: inductor_graph, torchair_like,
  vllm_post in static, batch and dynamic (``arange(0, B * S, S) % S``: every row on row 0; ``(arange(5, 5 + 3B, 3) +
  1) % 15``: static).  Rule at fault: exactness.check_slot_path's ``if t in _IOTAS ...: _check_unwrapped(...); return
  None`` (and _check_unwrapped, which bounds the arange's values but never its step against S).  Fix direction:
  accept an arange source only with step 1 (or |step| coprime to a static S with B * |step| <= S ...), and only
  where the remainder cannot fold it (B <= S guarded, below).
  The same hole by size: ``arange(B) % S`` (step 1) is distinct only while B <= S: write.check_write's ``if self.S <
  self.B: raise Refused`` reads both at the compile's size assignment (``sizes.int``) and adds no guard, and
  sizes.SizesProof._reachable assumes "a batch no larger than the cache (slots of written rows are unique)", which
  holds for a slot mapping passed in, not for computed slots (nor for a passed-in mapping with many padding rows).
  Under dynamic=True a first call at B = 12, S = 14 fuses and the graph then serves B = 16, S = 14: rows 0 / 14 and
  1 / 15 share cache rows 0 / 1 (io_mod, io_i32_mod, io_index_copy, io_mod_keep_out: FALSE FUSION in
  inductor_graph, torchair_like and vllm_post, dynamic mode; static and batch recompile or refuse at B = 16).  In
  real Inductor codegen io_stepS_mod under dynamic=True is a FALSE FUSION with the pass-off control equal to eager
  (32 values differ, first at [0, 0, 0]: got -0.4875, eager -0.1875); the other H2 cases are CONTROL DIFFERS there
  (plain Inductor's fused gather-scatter loop, above), demonstrated in the graph dialects (the torchair-like GE path
  and vLLM's post-grad pass).
  Fix direction: guard B <= S (or refuse) where the slots are computed from an arange, and check the arange's step.

Not found (equal or refused; the idea each tried):

* rs_ other roles: lengths through a value-keeping op (``clamp(max=cap)``, ``clamp(min=0)``, ``clamp(0, cap)``,
  ``minimum``, ``where(l < 0, 0, l)``, ``+ 0``) with the slots from the raw lengths: refused ("the lengths the step
  compares are computed"); vLLM ``positions + 1`` lengths with slots from the positions (refused: _lengths_source
  walks the + 1); the block table through ``clamp(min=0)``, ``clamp(max=NB - 1)``, ``where(t < 0, 0, t)``,
  ``.long()`` with the slot read from the raw table (refused: data_root / the page-id walk reach the placeholder);
  ``kv_indptr[1:] % S`` (refused: a slice on the slot path); the pool index as the slots unmodded with R <= S
  (rs_rpi_plain: fused & equal, distinct and in range).
* tb_ a table of compressed rows read through a reshaped view (``cmp.view(-1, M / 2).gather``, the flat read with the
  half width ``b * (M / 2) + i``, ``reshape(-1, M / 2)[arange(B), i]``): refused ("the slot of row b may depend on
  other rows"); round 52's read-only item (2) is closed by BatchPlan; the plain table: fused & equal.
* bt_ a kernel-split block table ``(table[:, :, None] * 2 + arange(2)).flatten(1)`` over a ``view(NB * 2, P / 2,
  ..)`` of the KV, slots from the source table: refused before the slot check in all three spellings (control
  included: "the window tokens ... are not the last l tokens" static / batch, "a symbolic size merged and split
  again" dynamic), so _built_table's "read only through it" rule was not reached: inconclusive.
* sm_ maps under the remainder: ``+ (2**63 - S)`` (equal; + 1 more refused: exact bound), ``(-s) % S``, a
  ``full_like`` shift of 2**62, a one-element-tensor shift in int64 (``lens[:1]``), ``(s % S + (2**63 - S)) % S``,
  the passed-in wrap then an int32 shift by 2**31 - S, ``(S - 1 - s % S) % S``: fused & equal (or refused under
  dynamic=True, the symbolic S); the int32 one-element shift (refused: int32 range), ``s % kv.shape[0]`` with the
  block count equal to S at the first call (equal: duck sizing / recompile).  _check_unwrapped's wrap and shift
  interval rules held on every map tried.

Read, not demonstrated: (1) sizes.SizesProof._reachable restricts the other-size proof to B <= S on the premise that
written slots are unique; a passed-in slot mapping with more padding rows than cache rows (valid: padding may repeat)
lies outside every assignment that proof tries; no step whose meaning depends on B <= S other than H2's was found.
(2) pool_tables._batch_index accepts ANY [B] integer placeholder as a pool index (``T[lens]`` is POOL_ROWS too), so a
table of compressed rows read as ``cmp_rtt[lens]`` would be held distinct by the pool-index rule while the lengths
repeat; not built (the same missing role comparison as H1).  (3) check_slot_source's data_root walk stops at the
first computation, so any role computed in the step (a built or ragged block table, computed lengths) protects
only itself, never its leaves: H1(b) is one instance; a RAGGED_ROWS table's ``kv_indices`` leaf is another, not
reachable as a slot source (1-D: _slot_table wants a 2-D table).
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


# --- 1. slots computed from an input the step reads in ANOTHER role than the two verify.check_slot_source knows ------
def _rs(kind):
    def step(kv, w, slots, table, lens, cache, *extra):
        S, P, M = cache.shape[0], kv.shape[1], table.shape[1]
        if kind.startswith("rpi"):  # SGLang: ``slots`` is req_pool_indices [B] int64, extra[0] req_to_token [R, W]
            rtt, rpi = extra[0], slots
            if kind == "rpi_flat":
                pos = positions(lens)
                ids = rtt.view(-1)[rpi[:, None] * rtt.shape[1] + pos // P].long()
                new = pool(kv[ids, pos % P], w)
            else:
                new = pool(tokens(kv, rtt[rpi], positions(lens)), w)
            valid = completes(lens)
            s = rpi if kind == "rpi_plain" else rpi.int().long() % S if kind == "rpi_i32" else rpi % S
            if kind == "rpi_kv2":  # K and V caches (extra[1]), both written at the pool index's slot
                write(extra[1], s, valid, new * 2)
                return write(cache, s, valid, new), extra[1]
            return write(cache, s, valid, new)
        if kind.startswith("last"):  # FlashInfer: ``slots`` is kv_last_page_len [B] int32, extra[0] kv_indptr [B + 1]
            last, indptr = slots, extra[0]
            seq = (indptr[1:] - indptr[:-1] - 1).long() * P + last.long()
            new = pool(tokens(kv, table, positions(seq)), w)
            valid = completes(seq)
            s = last.long() % S if kind == "last_mod" else indptr[1:].long() % S if kind == "last_indptr" else \
                (last.long() - 1) % S
            return write(cache, s, valid, new)
        if kind.startswith("lens"):  # the lengths computed from ``lens`` by a value-keeping op; slots from ``lens``
            cap = M * P
            if kind == "lens_clamp_max":
                ln = lens.clamp(max=cap)
            elif kind == "lens_clamp_min":
                ln = lens.clamp(min=0)
            elif kind == "lens_clamp_both":
                ln = lens.clamp(0, cap)
            elif kind == "lens_minimum":
                ln = torch.minimum(lens, torch.full_like(lens, cap))
            elif kind == "lens_where":
                ln = torch.where(lens < 0, 0, lens)
            else:  # lens_plus_zero
                ln = lens + 0
            new = pool(tokens(kv, table, positions(ln)), w)
            return write(cache, lens.long() % S, completes(ln), new)
        if kind.startswith("pos"):  # vLLM positions: lengths = positions + 1 (control: refused), ``lens`` = positions
            ln = lens + 1
            new = pool(tokens(kv, table, positions(ln)), w)
            return write(cache, lens.long() % S, completes(ln), new)
        # the block table through a page-id op, the slot read from the table itself (the window's first page)
        if kind == "table_clamp":
            tb = table.clamp(min=0)
        elif kind == "table_where":
            tb = torch.where(table < 0, 0, table)
        elif kind == "table_clamp_max":
            tb = table.clamp(max=kv.shape[0] - 1)
        else:  # table_long (control: a cast is data movement)
            tb = table.long()
        new = pool(tokens(kv, tb, positions(lens)), w)
        i = ((lens.long() - L).clamp(min=0) // P).clamp(0, M - 1)
        s = table.long().gather(1, i[:, None]).squeeze(1)
        return write(cache, s, completes(lens), new)
    return step


def _rpi_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            table, lens, S = a[3], a[4], a[5].shape[0]
            cache2 = a[5].clone() * 2
            g = torch.Generator().manual_seed(seed + 5)
            R = 2 * S + 3 if kind != "rpi_plain" else S
            q, r = _qr(lens)
            free = [v for v in torch.randperm(R, generator=g).tolist()]
            if kind != "rpi_plain":
                x = next(v for v in free if v + S < R)
                rest = [v for v in free if v not in (x, x + S)]
                rpi = rest[:B]
                rpi[q], rpi[r] = x, x + S
            else:
                rpi = free[:B]
            rpi = torch.tensor(rpi, dtype=torch.int64)
            rtt = torch.randint(0, a[0].shape[0], (R, table.shape[1]), generator=g).to(torch.int32)
            rtt[rpi] = table.to(torch.int32)
            a[2] = rpi
            out.append(a + [rtt] + ([cache2] if kind == "rpi_kv2" else []))
        return out
    return f


def _last_calls(kind):
    """FlashInfer metadata (every row at least one token); a completing row q and a later row r that writes
    nothing with last_page_len congruent modulo the cache rows (S = 2B + 5)."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            S = 2 * B + 5
            # completing rows 0, 1, 3, 6 (last 48, 32, 64, 16); row 7 writes nothing, its last page length 48 - S
            # congruent to row 0's modulo S; every other row a short distinct length
            lens = [48, 32, 2, 64, 5, 7, 80, 48 - S, 9, 10, 12, 13, 14, 15, 17, 18][:B]
            a = list(build(B=B, seed=seed, lengths=lens).args)
            s = a[4].long()
            P = a[0].shape[1]
            used = (s + P - 1) // P
            indptr = torch.cat((torch.zeros(1, dtype=torch.int64), used.cumsum(0))).to(torch.int32)
            last = (s - (used - 1) * P).to(torch.int32)
            a[2] = last
            out.append(a + [indptr])
        return out
    return f


def _lens_calls():
    """Valid lengths (0 .. capacity 256): row 0 completes at 32, row 7 writes nothing at 32 + S."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            S = 2 * B + 5
            lens = [32, 48, 31, 64, 0, 33, 80, 32 + S, 96, 17, 128, 40, 0, 1, 2, 3][:B]
            out.append(list(build(B=B, seed=seed, lengths=lens).args))
        return out
    return f


def _pos_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            S = 2 * B + 5
            lens = [31, 47, 30, 63, 0, 32, 79, 31 + S, 95, 16, 127, 39, 0, 1, 2, 3][:B]
            out.append(list(build(B=B, seed=seed, lengths=lens).args))
        return out
    return f


def _page_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, num_slots=200, block_num=150).args)
            table, lens = a[3], a[4]
            q, r = _qr(lens)
            col = ((lens.long() - L).clamp(min=0) // a[0].shape[1]).clamp(0, table.shape[1] - 1)
            table[r, int(col[r])] = table[q, int(col[q])]
            out.append(a)
        return out
    return f


RS = [(f"rs_{k}", _mk(_rs(k), _rpi_calls(k), MODES3), "slots from SGLang's req_pool_indices: " + k)
      for k in ("rpi_mod", "rpi_flat", "rpi_i32", "rpi_kv2", "rpi_plain")]
RS += [(f"rs_{k}", _mk(_rs(k), _last_calls(k), MODES3), "slots from FlashInfer's kv_last_page_len: " + k)
       for k in ("last_mod", "last_off_mod", "last_indptr")]
RS += [(f"rs_{k}", _mk(_rs(k), _lens_calls(), MODES3), "lengths through a value-keeping op, slots from the input: " + k)
       for k in ("lens_clamp_max", "lens_clamp_min", "lens_clamp_both", "lens_minimum", "lens_where", "lens_plus_zero")]
RS += [("rs_pos_plus1", _mk(_rs("pos_plus1"), _pos_calls(), MODES3), "control: lengths positions + 1, slots positions")]
RS += [(f"rs_{k}", _mk(_rs(k), _page_calls(), MODES3), "block table through a page-id op, slot read from the table: " + k)
       for k in ("table_clamp", "table_where", "table_clamp_max", "table_long")]


# --- 2. iota slots: distinct by construction only while B <= S (write.check_write reads B, S at the hint) ----------
def _io(kind):
    def step(kv, w, slots, table, lens, cache):
        S, B = cache.shape[0], lens.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)
        ar = torch.arange(B, device=lens.device)
        if kind == "mod":
            s = ar % S
        elif kind == "shift_mod":
            s = (ar + 3) % S
        elif kind == "wrap":
            s = torch.where(ar - 5 < 0, ar - 5 + S, ar - 5)
        elif kind == "step2_mod":  # arange(0, 2B, 2) % S: distinct, NOT distinct modulo an even S (2b = 2b' + S)
            s = torch.arange(0, 2 * B, 2, device=lens.device) % S
        elif kind == "stepS_mod":  # arange(0, B * S, S) % S: every row at row 0
            s = torch.arange(0, B * S, S, device=lens.device) % S
        elif kind == "step3_shift_mod":  # (arange(5, 5 + 3B, 3) + 1) % S
            s = (torch.arange(5, 5 + 3 * B, 3, device=lens.device) + 1) % S
        elif kind == "step2_plain":  # arange(0, 2B, 2) with 2B <= S (control: distinct, in range)
            s = torch.arange(0, 2 * B, 2, device=lens.device)
        elif kind in ("step2_keep_out", "mod_keep_out"):  # the kept rows also returned (realised before the write)
            s = (torch.arange(0, 2 * B, 2, device=lens.device) if kind == "step2_keep_out" else ar) % S
            old = cache[s]
            cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
            return cache, old.float().sum(0)
        elif kind == "i32_mod":
            s = torch.arange(B, dtype=torch.int32) % S
        elif kind == "index_copy":
            s = ar % S
            return cache.index_copy_(0, s, torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s]))
        else:  # sub_mod: (B - 1 - arange) % S, the reversed order
            s = (B - 1 - ar) % S
        return write(cache, s, completes(lens), new)
    return step


def _io_calls(kind, S=14):
    """First call B = 12 <= S = 14 (fine: distinct); second B = 16 > S: rows b and b + 14 share a cache row."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            lens = [32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 0, 1, 2, 3][:B]
            a = list(build(B=B, seed=seed, lengths=lens, num_slots=S + B).args)
            a[5] = a[5][:S].clone()  # (the cache of S rows; the slot mapping is not read)
            out.append(a)
        return out
    return f


IO = [(f"io_{k}", _mk(_io(k), _io_calls(k), MODES3), "arange slots, a batch larger than the cache later: " + k)
      for k in ("mod", "shift_mod", "wrap", "sub_mod", "i32_mod", "index_copy", "mod_keep_out")]


def _step_calls(kind):
    """Rows 0-6 complete, rows 7-11 (7-15) write nothing; S = 14 (step 2: rows b and b + 7 share row 2b % 14);
    the plain control a cache of 40 rows."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            S = 40 if kind == "step2_plain" else 14 if kind in ("step2_mod", "step2_keep_out") else 15
            lens = [32, 48, 64, 80, 96, 112, 128, 0, 1, 2, 3, 5, 6, 7, 8, 9][:B]
            a = list(build(B=B, seed=seed, lengths=lens, num_slots=S + B).args)
            a[5] = a[5][:S].clone()
            out.append(a)
        return out
    return f


IO += [(f"io_{k}", _mk(_io(k), _step_calls(k), MODES3), "an arange of another step under the remainder: " + k)
       for k in ("step2_mod", "stepS_mod", "step3_shift_mod", "step2_plain", "step2_keep_out")]


# --- 3. a table of compressed rows read through a VIEW of another shape (exactness._slot_table walks _SLOT_VIEWS) ---
def _tb(kind):
    def step(kv, w, slots, table, lens, cache, cmp):
        S, M = cache.shape[0], cmp.shape[1]
        new = pool(tokens(kv, table, positions(lens)), w)
        h = M // 2
        i = ((lens.long() - L) // STRIDE).clamp(0, h - 1)
        if kind == "view_half":  # [B, M] seen as [2B, M / 2]: row b of the view is half of table row b // 2
            s = cmp.view(-1, h).gather(1, i[:, None]).squeeze(1).long()
        elif kind == "flat_half":  # the flat read with the half width: b * (M / 2) + i
            s = cmp.view(-1)[torch.arange(cmp.shape[0]) * h + i].long()
        elif kind == "reshape_half":
            s = cmp.reshape(-1, h)[torch.arange(cmp.shape[0]), i].long()
        else:  # plain (control)
            s = cmp.gather(1, i[:, None]).squeeze(1).long()
        return write(cache, s, completes(lens), new)
    return step


def _tb_calls(kind):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            M = 16
            h = M // 2
            a = list(build(B=B, seed=seed, num_slots=B * M + 7).args)
            lens, S = a[4], B * M + 7
            g = torch.Generator().manual_seed(seed + 3)
            cmp = torch.randperm(S, generator=g)[:B * M].view(B, M).clone()
            i = ((lens.long() - L) // STRIDE).clamp(0, h - 1)
            if kind != "plain":
                q, r = _qr(lens)
                flat = cmp.view(-1)
                # the view reads flat[b * h + i_b]; the contract constrains cmp[b, i_b] = flat[b * M + i_b] only
                pq, pr = q * h + int(i[q]), r * h + int(i[r])
                own = {b * M + int(i[b]) for b in range(B)}
                if pr not in own:
                    flat[pr] = flat[pq]
                elif pq not in own:
                    flat[pq] = flat[pr]
            out.append(a + [cmp.to(torch.int32)])
        return out
    return f


TB = [(f"tb_{k}", _mk(_tb(k), _tb_calls(k), MODES3), "table of compressed rows read through a reshaped view: " + k)
      for k in ("view_half", "flat_half", "reshape_half", "plain")]

# --- 4. pool_tables._built_table: a block table computed from a 2-D input the slots are also read from -------------
def _bt(kind):
    def step(kv, w, slots, table, lens, cache):
        P, M = kv.shape[1], table.shape[1]
        k = 2
        kv2 = kv.view(kv.shape[0] * k, P // k, *kv.shape[2:])  # kernel blocks of P / 2 tokens
        tb = (table.long()[:, :, None] * k + torch.arange(k)).flatten(1)  # vLLM's hybrid-allocator split
        new = pool(tokens(kv2, tb, positions(lens)), w)
        if kind == "split_slot":  # the slot: the window's first logical page, read from the same table
            i = ((lens.long() - L).clamp(min=0) // P).clamp(0, M - 1)
            s = table.long().gather(1, i[:, None]).squeeze(1)
        elif kind == "split_slot_i32":
            i = ((lens.long() - L).clamp(min=0) // P).clamp(0, M - 1)
            s = table.gather(1, i[:, None].to(torch.int64))[:, 0]
        else:  # split_plain (control)
            s = slots
        return write(cache, s, completes(lens), new)
    return step


BT = [(f"bt_{k}", _mk(_bt(k), _page_calls() if k != "split_plain" else
                      (lambda: [list(build(B=12, seed=0).args), list(build(B=16, seed=1).args)]), MODES3),
       "a kernel-split block table, the slot read from its source: " + k)
      for k in ("split_slot", "split_slot_i32", "split_plain")]

# --- 5. other slot maps under the remainder (controls of _check_unwrapped's interval rules) -------------------------
def _sm(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)
        x = slots.long()
        if kind == "i64_big_shift":  # + (2**63 - S): the largest int64 shift that cannot wrap
            s = (x + (2 ** 63 - S)) % S
        elif kind == "i64_big_shift_p1":  # one more: wraps at s = S - 1
            s = (x + (2 ** 63 - S + 1)) % S
        elif kind == "neg_mod":
            s = (-x) % S
        elif kind == "fill_shift":  # a full_like shift (a constant fill)
            s = (x - torch.full_like(x, 2 ** 62)) % S
        elif kind == "one_elem_shift":  # a one-element tensor (one value for every row), int32 range in int64
            s = (x + lens[:1]) % S
        elif kind == "one_elem_shift_i32":
            s = ((slots + lens[:1]) % S).long()
        elif kind == "mod_kv_blocks":  # the remainder by the KV block count (equal to S at the first call)
            s = x % kv.shape[0]
        elif kind == "mod_mod_shift":  # (s % S + (2**63 - S)) % S: exact
            s = (x % S + (2 ** 63 - S)) % S
        elif kind == "wrap_mod_shift_i32":  # the passed-in wrap, then an int32 shift, then % S
            s = ((torch.where(slots < 0, slots + S, slots) + (2 ** 31 - S)) % S).long()
        else:  # sub_of_mod: (S - 1 - s % S) % S
            s = (S - 1 - x % S) % S
        return write(cache, s, completes(lens), new)
    return step


def _sm_calls(kind):
    def f():
        if kind == "mod_kv_blocks":
            return [list(build(B=12, seed=0, num_slots=29, block_num=29 * 2).args)[:0] or
                    list(build(B=12, seed=0, num_slots=60, block_num=60).args),
                    list(build(B=16, seed=1, num_slots=70, block_num=90).args)]
        return [list(build(B=12, seed=0).args), list(build(B=16, seed=1).args)]
    return f


SM = [(f"sm_{k}", _mk(_sm(k), _sm_calls(k), MODES3), "a slot map under the remainder: " + k)
      for k in ("i64_big_shift", "i64_big_shift_p1", "neg_mod", "fill_shift", "one_elem_shift", "one_elem_shift_i32",
                "mod_kv_blocks", "mod_mod_shift", "wrap_mod_shift_i32", "sub_of_mod")]

ATTACKS = RS + IO + TB + BT + SM

_FIRST = [
    ('rs_rpi_mod', 'inductor_graph', 'static', _FF),
    ('rs_rpi_mod', 'inductor_graph', 'batch', _FF),
    ('rs_rpi_mod', 'inductor_graph', 'dynamic', _FF),
    ('rs_rpi_flat', 'inductor_graph', 'static', _FF),
    ('rs_rpi_flat', 'inductor_graph', 'batch', _FF),
    ('rs_rpi_flat', 'inductor_graph', 'dynamic', _R),
    ('rs_rpi_i32', 'inductor_graph', 'static', _FF),
    ('rs_rpi_i32', 'inductor_graph', 'batch', _FF),
    ('rs_rpi_i32', 'inductor_graph', 'dynamic', _R),
    ('rs_rpi_kv2', 'inductor_graph', 'static', _FF),
    ('rs_rpi_kv2', 'inductor_graph', 'batch', _FF),
    ('rs_rpi_kv2', 'inductor_graph', 'dynamic', _FF),
    ('rs_rpi_plain', 'inductor_graph', 'static', _EQ),
    ('rs_rpi_plain', 'inductor_graph', 'batch', _EQ),
    ('rs_rpi_plain', 'inductor_graph', 'dynamic', _EQ),
    ('rs_last_mod', 'inductor_graph', 'static', _FF),
    ('rs_last_mod', 'inductor_graph', 'batch', _CCT),
    ('rs_last_mod', 'inductor_graph', 'dynamic', _R),
    ('rs_last_off_mod', 'inductor_graph', 'static', _FF),
    ('rs_last_off_mod', 'inductor_graph', 'batch', _CCT),
    ('rs_last_off_mod', 'inductor_graph', 'dynamic', _R),
    ('rs_last_indptr', 'inductor_graph', 'static', _R),
    ('rs_last_indptr', 'inductor_graph', 'batch', _CCT),
    ('rs_last_indptr', 'inductor_graph', 'dynamic', _R),
    ('rs_lens_clamp_max', 'inductor_graph', 'static', _R),
    ('rs_lens_clamp_max', 'inductor_graph', 'batch', _R),
    ('rs_lens_clamp_max', 'inductor_graph', 'dynamic', _R),
    ('rs_lens_clamp_min', 'inductor_graph', 'static', _R),
    ('rs_lens_clamp_min', 'inductor_graph', 'batch', _R),
    ('rs_lens_clamp_min', 'inductor_graph', 'dynamic', _R),
    ('rs_lens_clamp_both', 'inductor_graph', 'static', _R),
    ('rs_lens_clamp_both', 'inductor_graph', 'batch', _R),
    ('rs_lens_clamp_both', 'inductor_graph', 'dynamic', _R),
    ('rs_lens_minimum', 'inductor_graph', 'static', _R),
    ('rs_lens_minimum', 'inductor_graph', 'batch', _R),
    ('rs_lens_minimum', 'inductor_graph', 'dynamic', _R),
    ('rs_lens_where', 'inductor_graph', 'static', _R),
    ('rs_lens_where', 'inductor_graph', 'batch', _R),
    ('rs_lens_where', 'inductor_graph', 'dynamic', _R),
    ('rs_lens_plus_zero', 'inductor_graph', 'static', _R),
    ('rs_lens_plus_zero', 'inductor_graph', 'batch', _R),
    ('rs_lens_plus_zero', 'inductor_graph', 'dynamic', _R),
    ('rs_pos_plus1', 'inductor_graph', 'static', _R),
    ('rs_pos_plus1', 'inductor_graph', 'batch', _R),
    ('rs_pos_plus1', 'inductor_graph', 'dynamic', _R),
    ('rs_table_clamp', 'inductor_graph', 'static', _R),
    ('rs_table_clamp', 'inductor_graph', 'batch', _R),
    ('rs_table_clamp', 'inductor_graph', 'dynamic', _R),
    ('rs_table_where', 'inductor_graph', 'static', _R),
    ('rs_table_where', 'inductor_graph', 'batch', _R),
    ('rs_table_where', 'inductor_graph', 'dynamic', _R),
    ('rs_table_clamp_max', 'inductor_graph', 'static', _R),
    ('rs_table_clamp_max', 'inductor_graph', 'batch', _R),
    ('rs_table_clamp_max', 'inductor_graph', 'dynamic', _R),
    ('rs_table_long', 'inductor_graph', 'static', _R),
    ('rs_table_long', 'inductor_graph', 'batch', _R),
    ('rs_table_long', 'inductor_graph', 'dynamic', _R),
    ('io_mod', 'inductor_graph', 'static', _EQ),
    ('io_mod', 'inductor_graph', 'batch', _EQ),
    ('io_mod', 'inductor_graph', 'dynamic', _FF),
    ('io_shift_mod', 'inductor_graph', 'static', _EQ),
    ('io_shift_mod', 'inductor_graph', 'batch', _R),
    ('io_shift_mod', 'inductor_graph', 'dynamic', _R),
    ('io_wrap', 'inductor_graph', 'static', _R),
    ('io_wrap', 'inductor_graph', 'batch', _R),
    ('io_wrap', 'inductor_graph', 'dynamic', _R),
    ('io_sub_mod', 'inductor_graph', 'static', _EQ),
    ('io_sub_mod', 'inductor_graph', 'batch', _R),
    ('io_sub_mod', 'inductor_graph', 'dynamic', _R),
    ('io_i32_mod', 'inductor_graph', 'static', _EQ),
    ('io_i32_mod', 'inductor_graph', 'batch', _EQ),
    ('io_i32_mod', 'inductor_graph', 'dynamic', _FF),
    ('io_index_copy', 'inductor_graph', 'static', _EQ),
    ('io_index_copy', 'inductor_graph', 'batch', _EQ),
    ('io_index_copy', 'inductor_graph', 'dynamic', _FF),
    ('tb_view_half', 'inductor_graph', 'static', _R),
    ('tb_view_half', 'inductor_graph', 'batch', _R),
    ('tb_view_half', 'inductor_graph', 'dynamic', _R),
    ('tb_flat_half', 'inductor_graph', 'static', _R),
    ('tb_flat_half', 'inductor_graph', 'batch', _CCT),
    ('tb_flat_half', 'inductor_graph', 'dynamic', _R),
    ('tb_reshape_half', 'inductor_graph', 'static', _R),
    ('tb_reshape_half', 'inductor_graph', 'batch', _CCT),
    ('tb_reshape_half', 'inductor_graph', 'dynamic', _R),
    ('tb_plain', 'inductor_graph', 'static', _EQ),
    ('tb_plain', 'inductor_graph', 'batch', _EQ),
    ('tb_plain', 'inductor_graph', 'dynamic', _EQ),
    ('bt_split_slot', 'inductor_graph', 'static', _R),
    ('bt_split_slot', 'inductor_graph', 'batch', _R),
    ('bt_split_slot', 'inductor_graph', 'dynamic', _R),
    ('bt_split_slot_i32', 'inductor_graph', 'static', _R),
    ('bt_split_slot_i32', 'inductor_graph', 'batch', _R),
    ('bt_split_slot_i32', 'inductor_graph', 'dynamic', _R),
    ('bt_split_plain', 'inductor_graph', 'static', _R),
    ('bt_split_plain', 'inductor_graph', 'batch', _R),
    ('bt_split_plain', 'inductor_graph', 'dynamic', _R),
    ('sm_i64_big_shift', 'inductor_graph', 'static', _EQ),
    ('sm_i64_big_shift', 'inductor_graph', 'batch', _EQ),
    ('sm_i64_big_shift', 'inductor_graph', 'dynamic', _R),
    ('sm_i64_big_shift_p1', 'inductor_graph', 'static', _R),
    ('sm_i64_big_shift_p1', 'inductor_graph', 'batch', _R),
    ('sm_i64_big_shift_p1', 'inductor_graph', 'dynamic', _R),
    ('sm_neg_mod', 'inductor_graph', 'static', _EQ),
    ('sm_neg_mod', 'inductor_graph', 'batch', _EQ),
    ('sm_neg_mod', 'inductor_graph', 'dynamic', _EQ),
    ('sm_fill_shift', 'inductor_graph', 'static', _EQ),
    ('sm_fill_shift', 'inductor_graph', 'batch', _EQ),
    ('sm_fill_shift', 'inductor_graph', 'dynamic', _EQ),
    ('sm_one_elem_shift', 'inductor_graph', 'static', _EQ),
    ('sm_one_elem_shift', 'inductor_graph', 'batch', _EQ),
    ('sm_one_elem_shift', 'inductor_graph', 'dynamic', _EQ),
    ('sm_one_elem_shift_i32', 'inductor_graph', 'static', _R),
    ('sm_one_elem_shift_i32', 'inductor_graph', 'batch', _R),
    ('sm_one_elem_shift_i32', 'inductor_graph', 'dynamic', _R),
    ('sm_mod_kv_blocks', 'inductor_graph', 'static', _EQ),
    ('sm_mod_kv_blocks', 'inductor_graph', 'batch', _EQ),
    ('sm_mod_kv_blocks', 'inductor_graph', 'dynamic', _EQ),
    ('sm_mod_mod_shift', 'inductor_graph', 'static', _EQ),
    ('sm_mod_mod_shift', 'inductor_graph', 'batch', _EQ),
    ('sm_mod_mod_shift', 'inductor_graph', 'dynamic', _R),
    ('sm_wrap_mod_shift_i32', 'inductor_graph', 'static', _EQ),
    ('sm_wrap_mod_shift_i32', 'inductor_graph', 'batch', _EQ),
    ('sm_wrap_mod_shift_i32', 'inductor_graph', 'dynamic', _R),
    ('sm_sub_of_mod', 'inductor_graph', 'static', _EQ),
    ('sm_sub_of_mod', 'inductor_graph', 'batch', _EQ),
    ('sm_sub_of_mod', 'inductor_graph', 'dynamic', _R),
    ('rs_rpi_mod', 'torchair_like', 'static', _FF),
    ('rs_rpi_mod', 'torchair_like', 'batch', _FF),
    ('rs_rpi_mod', 'torchair_like', 'dynamic', _FF),
    ('rs_rpi_flat', 'torchair_like', 'static', _FF),
    ('rs_rpi_flat', 'torchair_like', 'batch', _FF),
    ('rs_rpi_flat', 'torchair_like', 'dynamic', _R),
    ('rs_rpi_i32', 'torchair_like', 'static', _FF),
    ('rs_rpi_i32', 'torchair_like', 'batch', _FF),
    ('rs_rpi_i32', 'torchair_like', 'dynamic', _R),
    ('rs_rpi_kv2', 'torchair_like', 'static', _FF),
    ('rs_rpi_kv2', 'torchair_like', 'batch', _FF),
    ('rs_rpi_kv2', 'torchair_like', 'dynamic', _FF),
    ('rs_rpi_plain', 'torchair_like', 'static', _EQ),
    ('rs_rpi_plain', 'torchair_like', 'batch', _EQ),
    ('rs_rpi_plain', 'torchair_like', 'dynamic', _EQ),
    ('rs_last_mod', 'torchair_like', 'static', _FF),
    ('rs_last_mod', 'torchair_like', 'batch', _CCT),
    ('rs_last_mod', 'torchair_like', 'dynamic', _R),
    ('rs_last_off_mod', 'torchair_like', 'static', _FF),
    ('rs_last_off_mod', 'torchair_like', 'batch', _CCT),
    ('rs_last_off_mod', 'torchair_like', 'dynamic', _R),
    ('rs_last_indptr', 'torchair_like', 'static', _R),
    ('rs_last_indptr', 'torchair_like', 'batch', _CCT),
    ('rs_last_indptr', 'torchair_like', 'dynamic', _R),
    ('rs_lens_clamp_max', 'torchair_like', 'static', _R),
    ('rs_lens_clamp_max', 'torchair_like', 'batch', _R),
    ('rs_lens_clamp_max', 'torchair_like', 'dynamic', _R),
    ('rs_lens_clamp_min', 'torchair_like', 'static', _R),
    ('rs_lens_clamp_min', 'torchair_like', 'batch', _R),
    ('rs_lens_clamp_min', 'torchair_like', 'dynamic', _R),
    ('rs_lens_clamp_both', 'torchair_like', 'static', _R),
    ('rs_lens_clamp_both', 'torchair_like', 'batch', _R),
    ('rs_lens_clamp_both', 'torchair_like', 'dynamic', _R),
    ('rs_lens_minimum', 'torchair_like', 'static', _R),
    ('rs_lens_minimum', 'torchair_like', 'batch', _R),
    ('rs_lens_minimum', 'torchair_like', 'dynamic', _R),
    ('rs_lens_where', 'torchair_like', 'static', _R),
    ('rs_lens_where', 'torchair_like', 'batch', _R),
    ('rs_lens_where', 'torchair_like', 'dynamic', _R),
    ('rs_lens_plus_zero', 'torchair_like', 'static', _R),
    ('rs_lens_plus_zero', 'torchair_like', 'batch', _R),
    ('rs_lens_plus_zero', 'torchair_like', 'dynamic', _R),
    ('rs_pos_plus1', 'torchair_like', 'static', _R),
    ('rs_pos_plus1', 'torchair_like', 'batch', _R),
    ('rs_pos_plus1', 'torchair_like', 'dynamic', _R),
    ('rs_table_clamp', 'torchair_like', 'static', _R),
    ('rs_table_clamp', 'torchair_like', 'batch', _R),
    ('rs_table_clamp', 'torchair_like', 'dynamic', _R),
    ('rs_table_where', 'torchair_like', 'static', _R),
    ('rs_table_where', 'torchair_like', 'batch', _R),
    ('rs_table_where', 'torchair_like', 'dynamic', _R),
    ('rs_table_clamp_max', 'torchair_like', 'static', _R),
    ('rs_table_clamp_max', 'torchair_like', 'batch', _R),
    ('rs_table_clamp_max', 'torchair_like', 'dynamic', _R),
    ('rs_table_long', 'torchair_like', 'static', _R),
    ('rs_table_long', 'torchair_like', 'batch', _R),
    ('rs_table_long', 'torchair_like', 'dynamic', _R),
    ('io_mod', 'torchair_like', 'static', _EQ),
    ('io_mod', 'torchair_like', 'batch', _EQ),
    ('io_mod', 'torchair_like', 'dynamic', _FF),
    ('io_shift_mod', 'torchair_like', 'static', _EQ),
    ('io_shift_mod', 'torchair_like', 'batch', _R),
    ('io_shift_mod', 'torchair_like', 'dynamic', _R),
    ('io_wrap', 'torchair_like', 'static', _R),
    ('io_wrap', 'torchair_like', 'batch', _R),
    ('io_wrap', 'torchair_like', 'dynamic', _R),
    ('io_sub_mod', 'torchair_like', 'static', _R),
    ('io_sub_mod', 'torchair_like', 'batch', _R),
    ('io_sub_mod', 'torchair_like', 'dynamic', _R),
    ('io_i32_mod', 'torchair_like', 'static', _EQ),
    ('io_i32_mod', 'torchair_like', 'batch', _EQ),
    ('io_i32_mod', 'torchair_like', 'dynamic', _FF),
    ('io_index_copy', 'torchair_like', 'static', _EQ),
    ('io_index_copy', 'torchair_like', 'batch', _EQ),
    ('io_index_copy', 'torchair_like', 'dynamic', _FF),
    ('tb_view_half', 'torchair_like', 'static', _R),
    ('tb_view_half', 'torchair_like', 'batch', _R),
    ('tb_view_half', 'torchair_like', 'dynamic', _R),
    ('tb_flat_half', 'torchair_like', 'static', _R),
    ('tb_flat_half', 'torchair_like', 'batch', _CCT),
    ('tb_flat_half', 'torchair_like', 'dynamic', _R),
    ('tb_reshape_half', 'torchair_like', 'static', _R),
    ('tb_reshape_half', 'torchair_like', 'batch', _CCT),
    ('tb_reshape_half', 'torchair_like', 'dynamic', _R),
    ('tb_plain', 'torchair_like', 'static', _EQ),
    ('tb_plain', 'torchair_like', 'batch', _EQ),
    ('tb_plain', 'torchair_like', 'dynamic', _EQ),
    ('bt_split_slot', 'torchair_like', 'static', _R),
    ('bt_split_slot', 'torchair_like', 'batch', _R),
    ('bt_split_slot', 'torchair_like', 'dynamic', _R),
    ('bt_split_slot_i32', 'torchair_like', 'static', _R),
    ('bt_split_slot_i32', 'torchair_like', 'batch', _R),
    ('bt_split_slot_i32', 'torchair_like', 'dynamic', _R),
    ('bt_split_plain', 'torchair_like', 'static', _R),
    ('bt_split_plain', 'torchair_like', 'batch', _R),
    ('bt_split_plain', 'torchair_like', 'dynamic', _R),
    ('sm_i64_big_shift', 'torchair_like', 'static', _EQ),
    ('sm_i64_big_shift', 'torchair_like', 'batch', _EQ),
    ('sm_i64_big_shift', 'torchair_like', 'dynamic', _R),
    ('sm_i64_big_shift_p1', 'torchair_like', 'static', _R),
    ('sm_i64_big_shift_p1', 'torchair_like', 'batch', _R),
    ('sm_i64_big_shift_p1', 'torchair_like', 'dynamic', _R),
    ('sm_neg_mod', 'torchair_like', 'static', _EQ),
    ('sm_neg_mod', 'torchair_like', 'batch', _EQ),
    ('sm_neg_mod', 'torchair_like', 'dynamic', _EQ),
    ('sm_fill_shift', 'torchair_like', 'static', _EQ),
    ('sm_fill_shift', 'torchair_like', 'batch', _EQ),
    ('sm_fill_shift', 'torchair_like', 'dynamic', _EQ),
    ('sm_one_elem_shift', 'torchair_like', 'static', _EQ),
    ('sm_one_elem_shift', 'torchair_like', 'batch', _EQ),
    ('sm_one_elem_shift', 'torchair_like', 'dynamic', _EQ),
    ('sm_one_elem_shift_i32', 'torchair_like', 'static', _R),
    ('sm_one_elem_shift_i32', 'torchair_like', 'batch', _R),
    ('sm_one_elem_shift_i32', 'torchair_like', 'dynamic', _R),
    ('sm_mod_kv_blocks', 'torchair_like', 'static', _EQ),
    ('sm_mod_kv_blocks', 'torchair_like', 'batch', _EQ),
    ('sm_mod_kv_blocks', 'torchair_like', 'dynamic', _EQ),
    ('sm_mod_mod_shift', 'torchair_like', 'static', _EQ),
    ('sm_mod_mod_shift', 'torchair_like', 'batch', _EQ),
    ('sm_mod_mod_shift', 'torchair_like', 'dynamic', _R),
    ('sm_wrap_mod_shift_i32', 'torchair_like', 'static', _EQ),
    ('sm_wrap_mod_shift_i32', 'torchair_like', 'batch', _EQ),
    ('sm_wrap_mod_shift_i32', 'torchair_like', 'dynamic', _R),
    ('sm_sub_of_mod', 'torchair_like', 'static', _R),
    ('sm_sub_of_mod', 'torchair_like', 'batch', _R),
    ('sm_sub_of_mod', 'torchair_like', 'dynamic', _R),
]

_LATER = [
    ('io_step3_shift_mod', 'inductor', 'dynamic', _RCD),
    ('io_step2_mod', 'inductor_graph', 'static', _FF),
    ('io_step2_mod', 'inductor_graph', 'batch', _FF),
    ('io_step2_mod', 'inductor_graph', 'dynamic', _FF),
    ('io_stepS_mod', 'inductor_graph', 'static', _FF),
    ('io_stepS_mod', 'inductor_graph', 'batch', _FF),
    ('io_stepS_mod', 'inductor_graph', 'dynamic', _FF),
    ('io_step3_shift_mod', 'inductor_graph', 'static', _FF),
    ('io_step3_shift_mod', 'inductor_graph', 'batch', _R),
    ('io_step3_shift_mod', 'inductor_graph', 'dynamic', _R),
    ('io_step2_plain', 'inductor_graph', 'static', _EQ),
    ('io_step2_plain', 'inductor_graph', 'batch', _EQ),
    ('io_step2_plain', 'inductor_graph', 'dynamic', _EQ),
    ('io_mod_keep_out', 'inductor_graph', 'static', _EQ),
    ('io_mod_keep_out', 'inductor_graph', 'batch', _EQ),
    ('io_mod_keep_out', 'inductor_graph', 'dynamic', _FF),
    ('io_step2_keep_out', 'inductor_graph', 'static', _FF),
    ('io_step2_keep_out', 'inductor_graph', 'batch', _FF),
    ('io_step2_keep_out', 'inductor_graph', 'dynamic', _FF),
    ('io_mod_keep_out', 'torchair_like', 'static', _EQ),
    ('io_mod_keep_out', 'torchair_like', 'batch', _EQ),
    ('io_mod_keep_out', 'torchair_like', 'dynamic', _FF),
    ('io_step2_mod', 'torchair_like', 'static', _FF),
    ('io_step2_mod', 'torchair_like', 'batch', _FF),
    ('io_step2_mod', 'torchair_like', 'dynamic', _FF),
    ('io_stepS_mod', 'torchair_like', 'static', _FF),
    ('io_stepS_mod', 'torchair_like', 'batch', _FF),
    ('io_stepS_mod', 'torchair_like', 'dynamic', _FF),
    ('io_step3_shift_mod', 'torchair_like', 'static', _FF),
    ('io_step3_shift_mod', 'torchair_like', 'batch', _R),
    ('io_step3_shift_mod', 'torchair_like', 'dynamic', _R),
    ('io_step2_plain', 'torchair_like', 'static', _EQ),
    ('io_step2_plain', 'torchair_like', 'batch', _EQ),
    ('io_step2_plain', 'torchair_like', 'dynamic', _EQ),
    ('io_step2_keep_out', 'torchair_like', 'static', _FF),
    ('io_step2_keep_out', 'torchair_like', 'batch', _FF),
    ('io_step2_keep_out', 'torchair_like', 'dynamic', _FF),
    ('rs_rpi_mod', 'inductor', 'static', _FF),
    ('rs_rpi_mod', 'inductor', 'batch', _FF),
    ('rs_rpi_mod', 'inductor', 'dynamic', _FF),
    ('rs_rpi_flat', 'inductor', 'static', _FF),
    ('rs_rpi_flat', 'inductor', 'batch', _FF),
    ('rs_rpi_flat', 'inductor', 'dynamic', _R),
    ('rs_rpi_i32', 'inductor', 'static', _FF),
    ('rs_rpi_i32', 'inductor', 'batch', _FF),
    ('rs_rpi_i32', 'inductor', 'dynamic', _R),
    ('rs_rpi_kv2', 'inductor', 'static', _FF),
    ('rs_rpi_kv2', 'inductor', 'batch', _FF),
    ('rs_rpi_kv2', 'inductor', 'dynamic', _FF),
    ('rs_last_mod', 'inductor', 'static', _FF),
    ('rs_last_mod', 'inductor', 'batch', _CCT),
    ('rs_last_mod', 'inductor', 'dynamic', _R),
    ('rs_last_off_mod', 'inductor', 'static', _FF),
    ('rs_last_off_mod', 'inductor', 'batch', _CCT),
    ('rs_last_off_mod', 'inductor', 'dynamic', _R),
    ('io_mod', 'inductor', 'static', _CD),
    ('io_mod', 'inductor', 'batch', _CD),
    ('io_mod', 'inductor', 'dynamic', _CD),
    ('io_i32_mod', 'inductor', 'static', _CD),
    ('io_i32_mod', 'inductor', 'batch', _CD),
    ('io_i32_mod', 'inductor', 'dynamic', _CD),
    ('io_index_copy', 'inductor', 'static', _CD),
    ('io_index_copy', 'inductor', 'batch', _CD),
    ('io_index_copy', 'inductor', 'dynamic', _CD),
    ('io_step2_mod', 'inductor', 'static', _CD),
    ('io_step2_mod', 'inductor', 'batch', _CD),
    ('io_step2_mod', 'inductor', 'dynamic', _CD),
    ('io_stepS_mod', 'inductor', 'static', _CD),
    ('io_stepS_mod', 'inductor', 'batch', _CD),
    ('io_stepS_mod', 'inductor', 'dynamic', _FF),
    ('io_mod_keep_out', 'inductor', 'static', _CD),
    ('io_mod_keep_out', 'inductor', 'batch', _CD),
    ('io_mod_keep_out', 'inductor', 'dynamic', _CD),
    ('io_step2_keep_out', 'inductor', 'static', _CD),
    ('io_step2_keep_out', 'inductor', 'batch', _CD),
    ('io_step2_keep_out', 'inductor', 'dynamic', _CD),
    ('rs_rpi_mod', 'vllm_post', 'static', _FF),
    ('rs_rpi_mod', 'vllm_post', 'batch', _FF),
    ('rs_rpi_mod', 'vllm_post', 'dynamic', _FF),
    ('rs_last_mod', 'vllm_post', 'static', _FF),
    ('rs_last_mod', 'vllm_post', 'batch', _CCT),
    ('rs_last_mod', 'vllm_post', 'dynamic', _R),
    ('io_mod', 'vllm_post', 'static', _EQ),
    ('io_mod', 'vllm_post', 'batch', _EQ),
    ('io_mod', 'vllm_post', 'dynamic', _FF),
    ('io_mod_keep_out', 'vllm_post', 'static', _EQ),
    ('io_mod_keep_out', 'vllm_post', 'batch', _EQ),
    ('io_mod_keep_out', 'vllm_post', 'dynamic', _FF),
    ('io_step2_mod', 'vllm_post', 'static', _FF),
    ('io_step2_mod', 'vllm_post', 'batch', _FF),
    ('io_step2_mod', 'vllm_post', 'dynamic', _FF),
]


def classify53(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-52)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify53)
