"""Fifty-first adversarial review of the recogniser (round 51; 305eeaa frozen at /tmp/base56: the whole landed
recogniser, first the rules of the last session (308fca0..305eeaa): exactness.Intervals' stand-in seeds (_loose,
_stand_in, _beyond, unwrapped), rewrite.share_kept_read_index / _same_spelling / restore_kept_read_index,
pool_tables._padded_table and the 1-D _ragged_read, rewrite.unflatten_head_rows / _head_rows on the [B, N] grid,
concatenated_reads with a step on the heads; then the slot path (exactness.check_slot_path), where this round's one
class lies).

Same format as redteam43 .. redteam50: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``; the sw_table_ attacks a
``[B, M]`` int32 table of compressed rows as one extra input; the pad_ attacks FlashInfer's ``indptr`` / ``indices``
as two extra inputs; the hr_heads_ attacks a ``[NB, P, 2N, D]`` paged input with K and V heads interleaved).
Runner: redteam7's ``classify7`` through :func:`classify51`.

    cp /work/main/tests/corpora/redteam51.py /tmp/base56/tests/corpora/ && cd /tmp/base56 && \\
    PYTHONPATH=/tmp/base56 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam51.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base56 = 305eeaa, 12:02:40-12:06:32 UTC 2026-12-06, the two graph
dialects side by side, one process each, the whole ``ATTACKS`` list as it stands; before it, while writing the
attacks, the sw_ family's first three spellings were tried in a scratch file (/tmp/rt51/proto.py, 11:53, all three
modes, inductor_graph) and the whole list once in static mode (11:57) -- the first FULL run is this one): 54 attacks
in 6 themes (sw_ 18 slots shifted by one value, then % num_slots, where the shift wraps or rounds (16 on the slot
mapping, 3 of them controls; 2 sw_table_ on a table of compressed rows, 1 a control); iv_ 7 wraps past a stand-in seed's dtype; ki_ 6
the kept read's index spelled twice; pad_ 9 tables built from a ragged page list; hr_ 11 head rows (5 every-other-head
slices after the gather, 6 the [B, N] grid on the [S * N, D] view); wm_ 3 whole-model forms around the slot map),
147 runs per graph dialect (sw_, ki_, hr_, wm_ and iv_ids_cast_bypass_clamp in static, batch, dynamic; the other iv_
and pad_ in static and dynamic):

    inductor_graph  147 runs: 50 FALSE FUSION / 0 CRASH / 48 fused & equal / 49 refused / 0 control differs
                    (0 REFUSED, PASS CHANGES NUMBERS / 0 control crashes too)
    torchair_like   147 runs: 50 FALSE FUSION / 0 CRASH / 48 fused & equal / 49 refused / 0 control differs
                    (0 REFUSED, PASS CHANGES NUMBERS / 0 control crashes too)

Per theme (the two dialects give the same verdict on every run; they differ only in pad_from_lens' refusal text,
"roles: the index arithmetic reads a graph input" | "gather: the new row b may depend on other rows"): sw_ 39 FF / 12
EQ / 3 R (sw_table_ included: 3 FF / 3 EQ); iv_ 7 EQ / 8 R; ki_ 3 FF / 3 EQ / 12 R; pad_ 10 EQ / 8 R; hr_ 3 FF / 16
EQ / 14 R; wm_ 5 FF / 4 R.  Every FALSE FUSION is F1 below (the ki_, hr_ and wm_ ones are the sw_ slot map under
another spelling: both index spellings wrapped alike, the [B, N] head grid built on it, a KV append before it).  No
CRASH.

Later runs (``_LATER``, not the first try):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend; 12:08-12:20 UTC; each sw_ name in a process
  of its own from 12:12 (/tmp/rt51/conf_each.sh), because PLAIN Inductor's own code for some wrapped maps corrupts
  the heap and kills the process: sw_i64_add "double free or corruption" / segfault in the pass-off control,
  sw_i32_neg_sub "corrupted size vs. prev_size", sw_i32_mod_shift_mod after its three runs; /tmp/rt51/crash_probe.py
  shows it is the control (backend="inductor") that dies, the pass-on compile runs and differs from eager by 32
  values).  FALSE FUSION (the pass-off control equal to eager): sw_i32_add, sw_i32_full_like, sw_i32_one_element,
  sw_i32_index_copy, sw_i32_two_layers, sw_table_i32_add, ki_wrap_both, hr_grid_wrap_slots, wm_append_then_wrap in
  dynamic; sw_i32_sub in static, batch and dynamic; sw_f64_add_2p53 in static, batch and dynamic; sw_f16_add_2048
  and sw_f32_add_2p24 in static and batch (dynamic: refused, the cast rule at a symbolic S).  CONTROL DIFFERS (not
  counted): the int32 ones in static and batch, where plain Inductor computes ``(s + 2**31 - 1) % S`` in int64 (no
  wrap: another map altogether, 192 values off).  fused & equal: sw_f64_add_half, sw_table_plain,
  sw_i32_add_nocollide, sw_i64_slots_i32_shift.  Refused: as in the graph dialects.
* ``--dialect vllm_post`` (the serving-engine post-grad runner, redteam6; 12:16-12:17 UTC; ``sw_i32_add sw_i32_sub
  sw_f64_add_2p53 sw_table_i32_add``, which by redteam2's substring match also runs sw_i32_add_nocollide): 15 runs:
  12 FALSE FUSION (the four attacks in static, batch and dynamic) / 3 fused & equal (sw_i32_add_nocollide).
* Standalone repro /tmp/rt51/repro51.py (real Inductor, nsa_fusion_backend, NSA_FUSION_FUSE_SMALL=1, B = 12, S = 29,
  no IEEE specials, output /tmp/rt51/repro51.out):
      repro51.py           pass off: 0 cache values differ | pass on: 32 differ, first at [7, 0, 0]: got 6.3203125,
                           eager 1.4375
      repro51.py --static  pass off: 192 differ (plain Inductor's int64 index arithmetic, not the pass) | pass on: 32
                           differ at the same row

FOUND:

* F1 FALSE FUSION: a slot map that is one-to-one over the integers but not in the dtype it is computed in.
  exactness.check_slot_path accepts the slots "shifted by one value for every row" (add / sub / neg of a uniform
  value: a Python number, a fill, a one-element tensor) under a remainder by the number of cache rows, as
  one-to-one: "valid slots are distinct modulo it".  That holds for exact integers; the shift runs in the slots'
  dtype, where it wraps (int32 ``s + (2**31 - 1)`` is ``s + 2**31 - 1 - 2**32`` for every s >= 1, and S does not
  divide 2**32), or in a float the slots were cast to, where it rounds (``s.double() + 2**53`` rounds odd s to even;
  float32 + 2**24, float16 + 2048, bfloat16 + 256 likewise).  Two valid slots then land on one cache row.  Minimal
  repro (S = 29 rows; slots 0 and 16 are both mapped to row 7; every input valid: unique in-range slots):

      s = ((slots + (2 ** 31 - 1)) % cache.shape[0]).long()     # int32 slots
      cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])

  with row 0 (slot 0) completing and a later row (slot 16) not: eager writes both rows of the index_put, the later
  (kept) one last, so cache row 7 keeps its old value; the fused op writes the completing row only: row 7 gets the
  new compressed token.  32 cache values differ (inductor_graph and torchair_like in every mode; real Inductor where
  its own control matches eager, above).  The sum wraps on small valid slots, so this is not the documented
  symbolic-size limit (int32 flat indices on a symbolic block count): it fuses in static mode with every size known.
  Rules at fault: nsa_fusion/patterns/exactness.py:check_slot_path (the add / sub / neg steps under ``wrapped``, and
  _check_slot_cast, which lets int32 slots into float64 / float32 / float16 / bfloat16 where the slot range fits,
  after which the float add rounds); the overflow rule never sees the shift: SizesProof.check_int_paths' region is
  ``value_ancestors([new_cache], stop) - stop`` with the write's ``slots`` in ``stop``, and write.WriteProof takes
  as ``slots`` the last [B] integer node on the index's cast / view chain -- here the remainder itself -- so the add
  under it lies outside every interval check (in static mode the bounded overflow rule, Intervals.unwrapped, would
  refuse it).  check_write's probe draws slots at random (randperm of 2 B + 8 rows) and meets a colliding pair by
  chance only.  Variants that reach it: int32 add / sub / neg-then-sub, int64 ``+ (2**63 - 1)``, the shift as
  ``full_like`` or a one-element tensor, ``% S`` before and after the shift, float64 / float32 / float16 / bfloat16
  shifts, index_copy_, a second layer in the same graph, the kept read's index spelled twice, a [B, N] head grid on
  the [S * N, D] view, a KV append before the step, slots read from a table of compressed rows (``(cmp[b, i] + c) %
  S``).  Refused: a shift spelled with the cache size under dynamic=True (``slots + (2**31 - S) + (S - 1)``: "slots
  computed with aten.add.Tensor"), a float cast at a symbolic S, the Python wrap where(x < 0, x + S, x) of the
  wrapped map.  Fix direction: hold the shift to exact arithmetic -- an integer shift only where the interval of
  the shifted slots (slot seed plus the shift's interval) stays inside the dtype (the int64 slot ``s.long() + c`` with
  |c| < 2**63 - S; an int32 one with |c| < 2**31 - S), or widen before checking; no float shift unless the float's
  exact integer range holds the slot range plus the shift (or refuse float slot arithmetic outright); and let the
  overflow rule see the slot path (start its region below the remainder).

Not found (equal or refused; the idea each tried):

* iv_ stand-in seeds: int32 lengths ``s * 2**22`` widened and divided back, ``s + (2**31 - 300)`` widened then
  clamped, ``(s + (t - t)) * 2**22`` (a two-sided stand-in from the table), a bit mask after the wrap -- compiled at
  capacity 256 and called at capacity 1024 where they wrap: static recompiles per capacity (fused & equal or
  refused by the mask probe), dynamic=True refused ("the condition computes aten.mul.Tensor in torch.int32, which may
  wrap for lengths a symbolic cache capacity admits": mask.py's wide intervals read the affine node itself, past
  its dtype).  Page ids through a gather of a computed column, a wrapped int32 ``sum`` times 0: fused & equal.  Page
  ids ``(table * 2**22).long().clamp(min=0)`` brought back mod 2**64 (iv_ids_cast_bypass_clamp): refused static /
  batch, fused & equal under dynamic=True (see "Read, not demonstrated" (1)).
* ki_ two spellings: ``s + 2 - 2`` vs ``torch.add(s, 2, alpha=1) - 2`` (fused & equal), NaN constants of two payloads
  through isnan, ``s + True`` vs ``s + 1``, ``clamp(s, 0)`` vs ``clamp(s, min=0)`` (refused: a clamp on the slot path),
  the int32 and int64 spellings of the wrapping shift (refused: the keep proof, other nodes).  Both spellings alike:
  F1.
* pad_ tables the model builds: the plain padded table, another request's starts (rolled), indices wrapped
  negative Python-style, int32 metadata, page lists stored in reverse request order (indptr not monotone in b):
  fused & equal; a table indexed from the lengths, a table row shifted where s >= 9999, a ``full(-1)`` buffer filled
  by index_put, ``zeros().scatter``: refused.
* hr_ head rows: every other head of an interleaved [NB, P, 2N, D] input (K ``0::2``, V ``1::2``, ``[..., 0::2, :]``,
  an end past the head count, a cast before the slice): fused & equal static / batch, refused dynamic=True ("paged
  input and cache do not share [N, D]"); the [B, N] grid write and its kept rows read through the flat index: fused &
  equal; heads in reverse order, transposed values (N == D), an int32 grid: refused.
* wm_: the Python wrap where(x < 0, x + S, x) of a computed map: refused; a shift spelled with the cache size under
  dynamic=True: refused.
* Aliasing (scratch, /tmp/rt51/alias.py and alias2.py, real Inductor, static and dynamic=True, not in ``ATTACKS``:
  the harness clones each input, which would undo the aliasing): the compressed cache a view of the paged KV's own
  storage (``kv.view(NB * P, N, D)``, inside the step or passed in as a second input), each completing row's slot
  the last window token of the next completing row: pass on and pass off both equal to eager (whether the step fused
  there was not inspected).

Read, not demonstrated: (1) exactness.Intervals._compute reads ``self.of(args[0])`` for casts (and views, gathers,
cat), not ``self.number``: a node kept past its dtype as a stand-in product (int32 ``table * 2**22`` on a symbolic
block count) is read by a widening cast at its unwrapped interval, which is inside int64 and so known to every op
after it (the docs say "every other op reads it as unknown"); check_int_paths' cast rule also uses ``of`` on the cast's
source.  iv_ids_cast_bypass_clamp fused under dynamic=True with a ``clamp(min=0)`` on such a widened product in the
page-id path, but page-id paths admit only affine arithmetic, which cannot turn a 2**32 wrap into a small in-range
difference, so no false fusion was built.  (2) share_kept_read_index's mutation check (round 50's (1)) stands.
(3) pool_tables._padded_table's table is a ``stop`` of the sizes proof's region, so its own index arithmetic is never
interval-checked; it is value-exact (the op reads the computed table), and the table seed [0, num_blocks) then
describes a computed table.
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
SB = ("static", "batch")
SD = ("static", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_RPD = "REFUSED, PASS CHANGES NUMBERS"
_RCD = "REFUSED (control differs)"

C32 = 2 ** 31 - 1
C64 = 2 ** 63 - 1


# --- 1. slots shifted by one value for every row, then % num_slots, where the shift WRAPS (exactness.check_slot_path)
def _slot_map(kind, slots, S, lens=None):
    """The write's slots as each sw_ attack computes them (the same function evaluates the collision pairs)."""
    if kind in ("i32_add", "i32_add_nocollide", "i32_index_copy", "i32_two_layers"):
        return ((slots + C32) % S).long()
    if kind == "i32_sub":  # s - 2**31 - 1 wraps for every s >= 0
        return ((slots - C32 - 2) % S).long()
    if kind == "i32_neg_sub":  # -s - 2**31 wraps for s >= 1
        return ((-slots - C32 - 1) % S).long()
    if kind == "i64_add":
        return (slots.long() + C64) % S
    if kind == "i32_full_like":  # the shift as a fill
        return ((slots + torch.full_like(slots, C32)) % S).long()
    if kind == "i32_one_element":  # the shift as a one-element tensor computed from an input (lens[:1] * 0 + c)
        return ((slots + (lens[:1] * 0 + C32)) % S).long()
    if kind == "i32_mod_shift_mod":  # a remainder, then the shift, then the remainder again
        return (((slots % S) + C32) % S).long()
    if kind == "f64_add_2p53":  # the shift in float64: s + 2**53 rounds odd s to even
        return ((slots.double() + 2.0 ** 53) % S).long()
    if kind == "f16_add_2048":  # float16 holds the slots (S < 2048) but not s + 2048 for odd s
        return ((slots.half() + 2048.0) % S).long()
    if kind == "bf16_add_256":
        return ((slots.bfloat16() + 256.0) % S).long()
    if kind == "f64_add_half":  # control: s + 0.5 is exact in float64 (floor of (s + 0.5) % S is s)
        return ((slots.double() + 0.5) % S).long()
    if kind == "i64_slots_i32_shift":  # control: int64 slots + (2**31 - 1) never wraps
        return (slots.long() + C32) % S
    if kind == "f32_add_2p24":  # int32 -> float32 cast on the slot path (refused by the slot cast rule)
        return ((slots.float() + 2.0 ** 24) % S).long()
    raise AssertionError(kind)


def _sw(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        s = _slot_map(kind, slots, S, lens)
        if kind == "i32_index_copy":
            return cache.index_copy_(0, s, torch.where(valid, new, cache[s]))
        if kind == "i32_two_layers":  # a second layer (another cache) written at the plain slots in the same graph
            cache[s] = torch.where(valid, new, cache[s])
            c2 = cache * 1
            c2[slots.long()] = torch.where(valid, new * 2, c2[slots.long()])
            return cache, c2
        cache[s] = torch.where(valid, new, cache[s])
        return cache
    return step


def _collide_calls(kind, collide=True):
    """Valid inputs (unique in-range slots) where two rows' slots meet under the wrapped map: a qualifying row q at
    slot x and a LATER non-qualifying row r at slot y with map(x) == map(y) (eager: r's kept row written last)."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            S, lens = a[5].shape[0], a[4]
            if collide:
                vals = _slot_map(kind, torch.arange(S, dtype=a[2].dtype), S, lens).tolist()
                pairs = [(x, y) for x in range(S) for y in range(S) if x != y and vals[x] == vals[y]]
                if pairs:
                    x, y = pairs[0]
                    q = next(b for b in range(B) if _qualifies(int(lens[b])))
                    r = next(b for b in range(q + 1, B) if not _qualifies(int(lens[b])))
                    rest = iter(v for v in range(S) if v not in (x, y))
                    sl = [next(rest) for _ in range(B)]
                    sl[q], sl[r] = x, y
                    a[2] = torch.tensor(sl, dtype=a[2].dtype)
            out.append(a)
        return out
    return f


SW = [(f"sw_{k}", _mk(_sw(k), _collide_calls(k, k != "i32_add_nocollide"), MODES3),
       "slots shifted by one value, then % num_slots: " + k)
      for k in ("i32_add", "i32_sub", "i32_neg_sub", "i64_add", "i32_full_like", "i32_one_element",
                "i32_mod_shift_mod", "f64_add_2p53", "f16_add_2048", "bf16_add_256", "f64_add_half", "i64_slots_i32_shift", "f32_add_2p24",
                "i32_add_nocollide", "i32_index_copy", "i32_two_layers")]



def _sw_table(kind):
    """The slot of row b read from a [B, M] table of compressed rows (cmp[b, i], i = the row's block), then shifted
    by 2**31 - 1 in int32 and wrapped by % num_slots."""
    def step(kv, w, slots, table, lens, cache, cmp):
        S, M = cache.shape[0], cmp.shape[1]
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        i = ((lens.long() - L) // STRIDE).clamp(0, M - 1)
        raw = cmp.gather(1, i[:, None]).squeeze(1)
        s = ((raw + C32) % S).long() if kind == "i32_add" else raw.long()
        cache[s] = torch.where(valid, new, cache[s])
        return cache
    return step


def _sw_table_calls(collide=True):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            M = 5  # (S = 60, 80: 2**32 is not 0 modulo S, so the wrapped shift merges two rows)
            a = list(build(B=B, seed=seed, num_slots=B * M).args)
            S, lens = B * M, a[4]
            g = torch.Generator().manual_seed(seed)
            cmp = torch.randperm(S, generator=g).view(B, M)
            i = ((lens.long() - L) // STRIDE).clamp(0, M - 1)
            if collide:
                vals = ((torch.arange(S, dtype=torch.int32) + C32) % S).tolist()
                x, y = next((x, y) for x in range(S) for y in range(S) if x != y and vals[x] == vals[y])
                q = next(b for b in range(B) if _qualifies(int(lens[b])))
                r = next(b for b in range(q + 1, B) if not _qualifies(int(lens[b])))
                flat = cmp.flatten()
                for want, (b, col) in ((x, (q, int(i[q]))), (y, (r, int(i[r])))):
                    at = int((flat == want).nonzero()[0])
                    here = b * M + col
                    flat[at], flat[here] = flat[here].clone(), want
                cmp = flat.view(B, M)
            out.append(a + [cmp.to(torch.int32)])
        return out
    return f


SW += [("sw_table_i32_add", _mk(_sw_table("i32_add"), _sw_table_calls(), MODES3),
        "slots read from a table of compressed rows, + (2**31 - 1) in int32, % num_slots"),
       ("sw_table_plain", _mk(_sw_table("plain"), _sw_table_calls(False), MODES3),
        "control: the table's slots as they are")]

# --- 2. stand-in seeds: wraps on symbolic sizes / table values (exactness.Intervals, _loose / _beyond / unwrapped) --
def _iv(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        s = lens
        if kind == "len_mul_cast_floordiv":  # int32 s * 2**22 wraps at s >= 512, read back through int64
            s = (lens * 2 ** 22).long() // 2 ** 22
        elif kind == "len_add_cast_clamp":  # s + (2**31 - 300): wraps at s >= 300; clamp after the widening cast
            s = ((lens + (C32 - 299)).long() - (C32 - 299)).clamp(min=0)
        elif kind == "len_plus_table_diff":  # s + (t - t) (a stand-in, two-sided), times 2**22, widened, // 2**22
            t = table[:, :1].squeeze(1)
            s = ((lens + (t - t)) * 2 ** 22).long() // 2 ** 22
        elif kind == "len_bitand_after_wrap":  # (s * 2**22) & mask: a bit mask's ends from the mask
            s = ((lens * 2 ** 22) & (2 ** 30 - 1)).long() // 2 ** 22
        pos = (s.long()[:, None] - L + torch.arange(L)).clamp(min=0)
        if kind == "ids_cast_bypass_clamp":  # page ids (int32 t * 2**22, widened) clamped at 0, then brought back
            t = table.long()
            x = (table * 2 ** 22).long()
            ids = t.gather(1, pos // P) + (x.clamp(min=0) - x).gather(1, pos // P) * 2 ** 42
            tok = kv[ids, pos % P]
        elif kind == "ids_via_gather_index":  # the page column computed from a table value (a gather of a computed index)
            col = (pos // P + table.long()[:, :1] * 0)
            tok = kv[table.long().gather(1, col), pos % P]
        elif kind == "ids_sum_wrap":  # page ids + (sum of int32 2**30 * 4: 0 after the wrap)
            ids = table.long().gather(1, pos // P) + (torch.full((4,), 2 ** 30, dtype=torch.int32).sum() * 0)
            tok = kv[ids, pos % P]
        else:
            tok = kv[table.long().gather(1, pos // P), pos % P]
        valid = completes(s.long())
        return write(cache, slots, valid, pool(tok, w))
    return step


def _grow_calls(big_pages=16):
    """Compiled at capacity 256, called again at a capacity where the wrap happens (lengths up to 1024)."""
    def f():
        a0 = list(build(B=12, seed=0).args)
        lens = [1024, 1008, 512, 528, 0, 31, 32, 48, 700, 300, 299, 960]
        a1 = list(build(B=12, seed=1, pages=big_pages, lengths=lens).args)
        return [a0, a1]
    return f


IV = [(f"iv_{k}", _mk(_iv(k), _grow_calls(), SD), "a wrap past a stand-in seed's dtype: " + k)
      for k in ("len_mul_cast_floordiv", "len_add_cast_clamp", "len_plus_table_diff", "len_bitand_after_wrap",
                "ids_via_gather_index", "ids_sum_wrap")]
IV += [("iv_ids_cast_bypass_clamp", _mk(_iv("ids_cast_bypass_clamp"),
                                        lambda: [list(build(B=12, seed=k, block_num=1100, high_ids=True).args)
                                                 for k in (0, 1)], MODES3),
        "page ids int32 * 2**22 widened (claimed >= 0), a clamp at 0 read as a no-op, brought back mod 2**64")]


# --- 3. the kept read's index spelled twice (rewrite.share_kept_read_index / _same_spelling) ----------------------
def _ki(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        S = cache.shape[0]
        s = slots.long()
        if kind == "alpha_kw":  # s + 1 * 2 vs torch.add(s, 1, alpha=2) (-1 then): same values, other kwargs
            wi, ri = (s + 2 - 2) % S, (torch.add(s, 2, alpha=1) - 2) % S
        elif kind == "nan_payload":  # two NaN constants of different payloads in a float path (0 * nan is nan)
            import struct
            nan2 = struct.unpack("<d", struct.pack("<Q", 0x7FF8000000000001))[0]
            z1 = (lens.double() * float("nan")).isnan().long()
            z2 = (lens.double() * nan2).isnan().long()
            wi, ri = (s + z1 - 1) % S, (s + z2 - 1) % S
        elif kind == "int_vs_bool":  # s + True vs s + 1
            wi, ri = (s + 1) % S, (s + True) % S
        elif kind == "clamp_pos_vs_kw":  # clamp(s, 0) vs clamp(s, min=0)
            wi, ri = torch.clamp(s, 0), torch.clamp(s, min=0)
        elif kind == "int32_vs_int64_mod":  # the same ops on slots and on slots.long(): different dtypes
            wi, ri = ((slots + C32) % S).long(), (s + C32) % S
        elif kind == "wrap_both":  # the wrapping shift spelled twice (both wrap: the same)
            wi, ri = ((slots + C32) % S).long(), ((slots + C32) % S).long()
        else:
            raise AssertionError(kind)
        return cache.index_copy_(0, wi, torch.where(valid, new, cache[ri]))
    return step


KI = [(f"ki_{k}", _mk(_ki(k), _collide_calls("i32_add"), MODES3), "the kept read's index spelled twice: " + k)
      for k in ("alpha_kw", "nan_payload", "int_vs_bool", "clamp_pos_vs_kw", "int32_vs_int64_mod", "wrap_both")]


# --- 4. tables the model builds from a ragged page list (pool_tables._padded_table / _ragged_read) ---------------
def _pad(kind):
    def step(kv, w, slots, table, lens, cache, indptr, indices):
        P = kv.shape[1]
        B = lens.shape[0]
        M = table.shape[1]
        start = indptr[:-1]
        if kind == "base":
            t = indices[(start[:, None] + torch.arange(M)).clamp(max=indices.shape[0] - 1)]
        elif kind == "rolled_starts":  # another request's pages (one leaf, the starts)
            t = indices[(start.roll(1)[:, None] + torch.arange(M)).clamp(max=indices.shape[0] - 1)]
        elif kind == "from_lens":  # the index from the lengths (another 1-D input) alone: b * M + j + 0 * s
            t = indices[(torch.arange(B)[:, None] * M + torch.arange(M) + lens.long()[:, None] * 0)]
        elif kind == "lens_dependent":  # the table row shifted by one page where s >= 9999 (never on valid input)
            t = indices[(start[:, None] + torch.arange(M) + (lens.long()[:, None] >= 9999).long()).clamp(
                max=indices.shape[0] - 1)]
        elif kind == "full_scatter":  # a full(-1) buffer filled by index_put from the page list
            t = torch.full((B, M), -1, dtype=indices.dtype)
            cnt = indptr[1:] - indptr[:-1]
            j = torch.arange(M)
            ok = j[None, :] < cnt[:, None]
            rows = torch.arange(B)[:, None].expand(B, M)
            src = indices[(start[:, None] + j).clamp(max=indices.shape[0] - 1)]
            t = t.index_put((rows[ok], j[None, :].expand(B, M)[ok]), src[ok])
        elif kind == "zeros_scatter":  # zeros then scatter along dim 1
            cnt = indptr[1:] - indptr[:-1]
            j = torch.arange(M)[None, :].expand(B, M)
            src = indices[(start[:, None] + j).clamp(max=indices.shape[0] - 1)]
            t = torch.zeros((B, M), dtype=indices.dtype).scatter(1, j, torch.where(j < cnt[:, None], src, 0))
        elif kind == "neg_wrap_index":  # starts - len(indices): negative indices wrap Python-style to the same entries
            t = indices[(start[:, None] - indices.shape[0] + torch.arange(M))]
        else:
            raise AssertionError(kind)
        pos = positions(lens)
        tok = kv[t.long().gather(1, pos // P), pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _rg_calls(B=(12, 16), index_dtype=torch.int64, shuffle=False):
    def f():
        out = []
        for i, b in enumerate(B):
            a = list(build(B=b, seed=i).args)
            table = a[3].long()
            pages = table.shape[1]
            indptr = torch.arange(b + 1) * pages
            indices = table.flatten()
            if shuffle:  # requests' page lists stored in reverse request order (indptr not monotone in b)
                order = torch.arange(b).flip(0)
                indices = table[order].flatten()
                indptr = torch.cat([(b - 1 - torch.arange(b)) * pages, torch.tensor([b * pages])])
            out.append(a + [indptr.to(index_dtype), indices.to(index_dtype)])
        return out
    return f


PAD = [(f"pad_{k}", _mk(_pad(k), _rg_calls(), SD), "a [B, M] table built from a ragged page list: " + k)
       for k in ("base", "rolled_starts", "from_lens", "lens_dependent", "full_scatter", "zeros_scatter",
                 "neg_wrap_index")]
PAD += [("pad_base_int32", _mk(_pad("base"), _rg_calls(index_dtype=torch.int32), SD), "int32 metadata"),
        ("pad_base_not_monotone", _mk(_pad("base"), _rg_calls(shuffle=True), SD), "indptr not monotone in b")]


# --- 5. head rows: a [B, N] grid on the [S * N, D] view, every other head after the gather ------------------------
def _hr(kind):
    def step(kv, w, slots, table, lens, cache):
        S, N, D = cache.shape
        s = slots.long()
        pos = positions(lens)
        P = kv.shape[1]
        pages = table.long().gather(1, pos // P)
        if kind.startswith("heads_"):  # kv: [NB, P, 2N, D], K and V interleaved by head
            g = kv[pages, pos % P]
            if kind == "heads_k":
                tok = g[:, :, 0::2]
            elif kind == "heads_v":
                tok = g[:, :, 1::2]
            elif kind == "heads_k_negdim":
                tok = g[..., 0::2, :]
            elif kind == "heads_k_end_past":  # end past the head count
                tok = g[:, :, 1:100:2]
            elif kind == "heads_k_cast_first":
                tok = g.float()[:, :, 0::2]
            else:
                raise AssertionError(kind)
            return write(cache, slots, completes(lens), pool(tok, w))
        new = pool(kv[pages, pos % P], w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        flat = cache.view(S * N, D)
        grid = s[:, None] * N + torch.arange(N)
        if kind == "grid":
            flat[grid] = torch.where(valid, new, flat[grid])
        elif kind == "grid_kept_flat_rows":  # the kept rows read through the flattened index
            kept = flat[grid.reshape(-1)].view(-1, N, D)
            flat[grid] = torch.where(valid, new, kept)
        elif kind == "grid_rev_heads":  # heads written in reverse order
            g2 = s[:, None] * N + torch.arange(N).flip(0)
            flat[g2] = torch.where(valid, new, flat[g2])
        elif kind == "grid_transposed_values":  # N == D: values transposed
            flat[grid] = torch.where(valid, new, flat[grid]).transpose(1, 2)
        elif kind == "grid_int32":
            g32 = slots[:, None] * N + torch.arange(N, dtype=torch.int32)
            flat[g32] = torch.where(valid, new, flat[g32])
        elif kind == "grid_wrap_slots":  # the grid on the wrapped slot map of the sw_ attacks
            sw = (((slots + C32) % S).long())[:, None] * N + torch.arange(N)
            flat[sw] = torch.where(valid, new, flat[sw])
        else:
            raise AssertionError(kind)
        return cache
    return step


def _interleaved_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            kv = a[0]
            NB, P, N, D = kv.shape
            a[0] = torch.stack((kv, (kv * 2).roll(1, 3)), 3).reshape(NB, P, 2 * N, D).contiguous()
            out.append(a)
        return out
    return f


HR = [(f"hr_{k}", _mk(_hr(k), _interleaved_calls(), MODES3), "every other head of a [NB, P, 2N, D] cache: " + k)
      for k in ("heads_k", "heads_v", "heads_k_negdim", "heads_k_end_past", "heads_k_cast_first")]
HR += [(f"hr_{k}", _mk(_hr(k), lambda: [list(build(B=12, seed=0, N=4, D=4).args),
                                        list(build(B=16, seed=1, N=4, D=4).args)], MODES3),
        "a [B, N] head grid on the [S * N, D] view: " + k)
       for k in ("grid", "grid_kept_flat_rows", "grid_rev_heads", "grid_transposed_values", "grid_int32")]
HR += [("hr_grid_wrap_slots", _mk(_hr("grid_wrap_slots"), lambda: [
    a for a in _collide_calls("i32_add")()], MODES3), "the head grid at the wrapped slot map")]


# --- 6. whole models and sizes the first compile never saw ---------------------------------------------------------
def _wm(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        if kind == "append_then_wrap":  # the KV append first (token at position s - 1), then the wrapped slot map
            P = kv.shape[1]
            p = (lens.long() - 1).clamp(min=0)
            kv[table.long().gather(1, (p // P)[:, None]).squeeze(1), p % P] = torch.ones_like(kv[0, 0])
            new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
            s = ((slots + C32) % S).long()
        elif kind == "wrap_sym_shift":  # the shift (2**31 - S) + (S - 1): one value spelled with the cache size
            s = ((slots + (2 ** 31 - S) + (S - 1)) % S).long()
        elif kind == "wrap_then_where_wrap":  # python-style wrap of the wrapped map (where(x < 0, x + S, x))
            x = (slots + C32) % S - S
            s = torch.where(x < 0, x + S, x).long()
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new, cache[s])
        return cache
    return step


WM = [(f"wm_{k}", _mk(_wm(k), _collide_calls("i32_add"), MODES3), "whole-model forms around the slot map: " + k)
      for k in ("append_then_wrap", "wrap_sym_shift", "wrap_then_where_wrap")]

ATTACKS = SW + IV + KI + PAD + HR + WM

_FIRST = [
    ('sw_i32_add', 'inductor_graph', 'static', _FF),
    ('sw_i32_add', 'inductor_graph', 'batch', _FF),
    ('sw_i32_add', 'inductor_graph', 'dynamic', _FF),
    ('sw_i32_sub', 'inductor_graph', 'static', _FF),
    ('sw_i32_sub', 'inductor_graph', 'batch', _FF),
    ('sw_i32_sub', 'inductor_graph', 'dynamic', _FF),
    ('sw_i32_neg_sub', 'inductor_graph', 'static', _FF),
    ('sw_i32_neg_sub', 'inductor_graph', 'batch', _FF),
    ('sw_i32_neg_sub', 'inductor_graph', 'dynamic', _FF),
    ('sw_i64_add', 'inductor_graph', 'static', _FF),
    ('sw_i64_add', 'inductor_graph', 'batch', _FF),
    ('sw_i64_add', 'inductor_graph', 'dynamic', _FF),
    ('sw_i32_full_like', 'inductor_graph', 'static', _FF),
    ('sw_i32_full_like', 'inductor_graph', 'batch', _FF),
    ('sw_i32_full_like', 'inductor_graph', 'dynamic', _FF),
    ('sw_i32_one_element', 'inductor_graph', 'static', _FF),
    ('sw_i32_one_element', 'inductor_graph', 'batch', _FF),
    ('sw_i32_one_element', 'inductor_graph', 'dynamic', _FF),
    ('sw_i32_mod_shift_mod', 'inductor_graph', 'static', _FF),
    ('sw_i32_mod_shift_mod', 'inductor_graph', 'batch', _FF),
    ('sw_i32_mod_shift_mod', 'inductor_graph', 'dynamic', _FF),
    ('sw_f64_add_2p53', 'inductor_graph', 'static', _FF),
    ('sw_f64_add_2p53', 'inductor_graph', 'batch', _FF),
    ('sw_f64_add_2p53', 'inductor_graph', 'dynamic', _FF),
    ('sw_f16_add_2048', 'inductor_graph', 'static', _FF),
    ('sw_f16_add_2048', 'inductor_graph', 'batch', _FF),
    ('sw_f16_add_2048', 'inductor_graph', 'dynamic', _R),
    ('sw_bf16_add_256', 'inductor_graph', 'static', _FF),
    ('sw_bf16_add_256', 'inductor_graph', 'batch', _FF),
    ('sw_bf16_add_256', 'inductor_graph', 'dynamic', _R),
    ('sw_f64_add_half', 'inductor_graph', 'static', _EQ),
    ('sw_f64_add_half', 'inductor_graph', 'batch', _EQ),
    ('sw_f64_add_half', 'inductor_graph', 'dynamic', _EQ),
    ('sw_i64_slots_i32_shift', 'inductor_graph', 'static', _EQ),
    ('sw_i64_slots_i32_shift', 'inductor_graph', 'batch', _EQ),
    ('sw_i64_slots_i32_shift', 'inductor_graph', 'dynamic', _EQ),
    ('sw_f32_add_2p24', 'inductor_graph', 'static', _FF),
    ('sw_f32_add_2p24', 'inductor_graph', 'batch', _FF),
    ('sw_f32_add_2p24', 'inductor_graph', 'dynamic', _R),
    ('sw_i32_add_nocollide', 'inductor_graph', 'static', _EQ),
    ('sw_i32_add_nocollide', 'inductor_graph', 'batch', _EQ),
    ('sw_i32_add_nocollide', 'inductor_graph', 'dynamic', _EQ),
    ('sw_i32_index_copy', 'inductor_graph', 'static', _FF),
    ('sw_i32_index_copy', 'inductor_graph', 'batch', _FF),
    ('sw_i32_index_copy', 'inductor_graph', 'dynamic', _FF),
    ('sw_i32_two_layers', 'inductor_graph', 'static', _FF),
    ('sw_i32_two_layers', 'inductor_graph', 'batch', _FF),
    ('sw_i32_two_layers', 'inductor_graph', 'dynamic', _FF),
    ('sw_table_i32_add', 'inductor_graph', 'static', _FF),
    ('sw_table_i32_add', 'inductor_graph', 'batch', _FF),
    ('sw_table_i32_add', 'inductor_graph', 'dynamic', _FF),
    ('sw_table_plain', 'inductor_graph', 'static', _EQ),
    ('sw_table_plain', 'inductor_graph', 'batch', _EQ),
    ('sw_table_plain', 'inductor_graph', 'dynamic', _EQ),
    ('iv_len_mul_cast_floordiv', 'inductor_graph', 'static', _EQ),
    ('iv_len_mul_cast_floordiv', 'inductor_graph', 'dynamic', _R),
    ('iv_len_add_cast_clamp', 'inductor_graph', 'static', _EQ),
    ('iv_len_add_cast_clamp', 'inductor_graph', 'dynamic', _R),
    ('iv_len_plus_table_diff', 'inductor_graph', 'static', _R),
    ('iv_len_plus_table_diff', 'inductor_graph', 'dynamic', _R),
    ('iv_len_bitand_after_wrap', 'inductor_graph', 'static', _R),
    ('iv_len_bitand_after_wrap', 'inductor_graph', 'dynamic', _R),
    ('iv_ids_via_gather_index', 'inductor_graph', 'static', _EQ),
    ('iv_ids_via_gather_index', 'inductor_graph', 'dynamic', _EQ),
    ('iv_ids_sum_wrap', 'inductor_graph', 'static', _EQ),
    ('iv_ids_sum_wrap', 'inductor_graph', 'dynamic', _EQ),
    ('iv_ids_cast_bypass_clamp', 'inductor_graph', 'static', _R),
    ('iv_ids_cast_bypass_clamp', 'inductor_graph', 'batch', _R),
    ('iv_ids_cast_bypass_clamp', 'inductor_graph', 'dynamic', _EQ),
    ('ki_alpha_kw', 'inductor_graph', 'static', _EQ),
    ('ki_alpha_kw', 'inductor_graph', 'batch', _EQ),
    ('ki_alpha_kw', 'inductor_graph', 'dynamic', _EQ),
    ('ki_nan_payload', 'inductor_graph', 'static', _R),
    ('ki_nan_payload', 'inductor_graph', 'batch', _R),
    ('ki_nan_payload', 'inductor_graph', 'dynamic', _R),
    ('ki_int_vs_bool', 'inductor_graph', 'static', _R),
    ('ki_int_vs_bool', 'inductor_graph', 'batch', _R),
    ('ki_int_vs_bool', 'inductor_graph', 'dynamic', _R),
    ('ki_clamp_pos_vs_kw', 'inductor_graph', 'static', _R),
    ('ki_clamp_pos_vs_kw', 'inductor_graph', 'batch', _R),
    ('ki_clamp_pos_vs_kw', 'inductor_graph', 'dynamic', _R),
    ('ki_int32_vs_int64_mod', 'inductor_graph', 'static', _R),
    ('ki_int32_vs_int64_mod', 'inductor_graph', 'batch', _R),
    ('ki_int32_vs_int64_mod', 'inductor_graph', 'dynamic', _R),
    ('ki_wrap_both', 'inductor_graph', 'static', _FF),
    ('ki_wrap_both', 'inductor_graph', 'batch', _FF),
    ('ki_wrap_both', 'inductor_graph', 'dynamic', _FF),
    ('pad_base', 'inductor_graph', 'static', _EQ),
    ('pad_base', 'inductor_graph', 'dynamic', _EQ),
    ('pad_rolled_starts', 'inductor_graph', 'static', _EQ),
    ('pad_rolled_starts', 'inductor_graph', 'dynamic', _EQ),
    ('pad_from_lens', 'inductor_graph', 'static', _R),
    ('pad_from_lens', 'inductor_graph', 'dynamic', _R),
    ('pad_lens_dependent', 'inductor_graph', 'static', _R),
    ('pad_lens_dependent', 'inductor_graph', 'dynamic', _R),
    ('pad_full_scatter', 'inductor_graph', 'static', _R),
    ('pad_full_scatter', 'inductor_graph', 'dynamic', _R),
    ('pad_zeros_scatter', 'inductor_graph', 'static', _R),
    ('pad_zeros_scatter', 'inductor_graph', 'dynamic', _R),
    ('pad_neg_wrap_index', 'inductor_graph', 'static', _EQ),
    ('pad_neg_wrap_index', 'inductor_graph', 'dynamic', _EQ),
    ('pad_base_int32', 'inductor_graph', 'static', _EQ),
    ('pad_base_int32', 'inductor_graph', 'dynamic', _EQ),
    ('pad_base_not_monotone', 'inductor_graph', 'static', _EQ),
    ('pad_base_not_monotone', 'inductor_graph', 'dynamic', _EQ),
    ('hr_heads_k', 'inductor_graph', 'static', _EQ),
    ('hr_heads_k', 'inductor_graph', 'batch', _EQ),
    ('hr_heads_k', 'inductor_graph', 'dynamic', _R),
    ('hr_heads_v', 'inductor_graph', 'static', _EQ),
    ('hr_heads_v', 'inductor_graph', 'batch', _EQ),
    ('hr_heads_v', 'inductor_graph', 'dynamic', _R),
    ('hr_heads_k_negdim', 'inductor_graph', 'static', _EQ),
    ('hr_heads_k_negdim', 'inductor_graph', 'batch', _EQ),
    ('hr_heads_k_negdim', 'inductor_graph', 'dynamic', _R),
    ('hr_heads_k_end_past', 'inductor_graph', 'static', _EQ),
    ('hr_heads_k_end_past', 'inductor_graph', 'batch', _EQ),
    ('hr_heads_k_end_past', 'inductor_graph', 'dynamic', _R),
    ('hr_heads_k_cast_first', 'inductor_graph', 'static', _EQ),
    ('hr_heads_k_cast_first', 'inductor_graph', 'batch', _EQ),
    ('hr_heads_k_cast_first', 'inductor_graph', 'dynamic', _R),
    ('hr_grid', 'inductor_graph', 'static', _EQ),
    ('hr_grid', 'inductor_graph', 'batch', _EQ),
    ('hr_grid', 'inductor_graph', 'dynamic', _EQ),
    ('hr_grid_kept_flat_rows', 'inductor_graph', 'static', _EQ),
    ('hr_grid_kept_flat_rows', 'inductor_graph', 'batch', _EQ),
    ('hr_grid_kept_flat_rows', 'inductor_graph', 'dynamic', _EQ),
    ('hr_grid_rev_heads', 'inductor_graph', 'static', _R),
    ('hr_grid_rev_heads', 'inductor_graph', 'batch', _R),
    ('hr_grid_rev_heads', 'inductor_graph', 'dynamic', _R),
    ('hr_grid_transposed_values', 'inductor_graph', 'static', _R),
    ('hr_grid_transposed_values', 'inductor_graph', 'batch', _R),
    ('hr_grid_transposed_values', 'inductor_graph', 'dynamic', _R),
    ('hr_grid_int32', 'inductor_graph', 'static', _R),
    ('hr_grid_int32', 'inductor_graph', 'batch', _R),
    ('hr_grid_int32', 'inductor_graph', 'dynamic', _R),
    ('hr_grid_wrap_slots', 'inductor_graph', 'static', _FF),
    ('hr_grid_wrap_slots', 'inductor_graph', 'batch', _FF),
    ('hr_grid_wrap_slots', 'inductor_graph', 'dynamic', _FF),
    ('wm_append_then_wrap', 'inductor_graph', 'static', _FF),
    ('wm_append_then_wrap', 'inductor_graph', 'batch', _FF),
    ('wm_append_then_wrap', 'inductor_graph', 'dynamic', _FF),
    ('wm_wrap_sym_shift', 'inductor_graph', 'static', _FF),
    ('wm_wrap_sym_shift', 'inductor_graph', 'batch', _FF),
    ('wm_wrap_sym_shift', 'inductor_graph', 'dynamic', _R),
    ('wm_wrap_then_where_wrap', 'inductor_graph', 'static', _R),
    ('wm_wrap_then_where_wrap', 'inductor_graph', 'batch', _R),
    ('wm_wrap_then_where_wrap', 'inductor_graph', 'dynamic', _R),
    ('sw_i32_add', 'torchair_like', 'static', _FF),
    ('sw_i32_add', 'torchair_like', 'batch', _FF),
    ('sw_i32_add', 'torchair_like', 'dynamic', _FF),
    ('sw_i32_sub', 'torchair_like', 'static', _FF),
    ('sw_i32_sub', 'torchair_like', 'batch', _FF),
    ('sw_i32_sub', 'torchair_like', 'dynamic', _FF),
    ('sw_i32_neg_sub', 'torchair_like', 'static', _FF),
    ('sw_i32_neg_sub', 'torchair_like', 'batch', _FF),
    ('sw_i32_neg_sub', 'torchair_like', 'dynamic', _FF),
    ('sw_i64_add', 'torchair_like', 'static', _FF),
    ('sw_i64_add', 'torchair_like', 'batch', _FF),
    ('sw_i64_add', 'torchair_like', 'dynamic', _FF),
    ('sw_i32_full_like', 'torchair_like', 'static', _FF),
    ('sw_i32_full_like', 'torchair_like', 'batch', _FF),
    ('sw_i32_full_like', 'torchair_like', 'dynamic', _FF),
    ('sw_i32_one_element', 'torchair_like', 'static', _FF),
    ('sw_i32_one_element', 'torchair_like', 'batch', _FF),
    ('sw_i32_one_element', 'torchair_like', 'dynamic', _FF),
    ('sw_i32_mod_shift_mod', 'torchair_like', 'static', _FF),
    ('sw_i32_mod_shift_mod', 'torchair_like', 'batch', _FF),
    ('sw_i32_mod_shift_mod', 'torchair_like', 'dynamic', _FF),
    ('sw_f64_add_2p53', 'torchair_like', 'static', _FF),
    ('sw_f64_add_2p53', 'torchair_like', 'batch', _FF),
    ('sw_f64_add_2p53', 'torchair_like', 'dynamic', _FF),
    ('sw_f16_add_2048', 'torchair_like', 'static', _FF),
    ('sw_f16_add_2048', 'torchair_like', 'batch', _FF),
    ('sw_f16_add_2048', 'torchair_like', 'dynamic', _R),
    ('sw_bf16_add_256', 'torchair_like', 'static', _FF),
    ('sw_bf16_add_256', 'torchair_like', 'batch', _FF),
    ('sw_bf16_add_256', 'torchair_like', 'dynamic', _R),
    ('sw_f64_add_half', 'torchair_like', 'static', _EQ),
    ('sw_f64_add_half', 'torchair_like', 'batch', _EQ),
    ('sw_f64_add_half', 'torchair_like', 'dynamic', _EQ),
    ('sw_i64_slots_i32_shift', 'torchair_like', 'static', _EQ),
    ('sw_i64_slots_i32_shift', 'torchair_like', 'batch', _EQ),
    ('sw_i64_slots_i32_shift', 'torchair_like', 'dynamic', _EQ),
    ('sw_f32_add_2p24', 'torchair_like', 'static', _FF),
    ('sw_f32_add_2p24', 'torchair_like', 'batch', _FF),
    ('sw_f32_add_2p24', 'torchair_like', 'dynamic', _R),
    ('sw_i32_add_nocollide', 'torchair_like', 'static', _EQ),
    ('sw_i32_add_nocollide', 'torchair_like', 'batch', _EQ),
    ('sw_i32_add_nocollide', 'torchair_like', 'dynamic', _EQ),
    ('sw_i32_index_copy', 'torchair_like', 'static', _FF),
    ('sw_i32_index_copy', 'torchair_like', 'batch', _FF),
    ('sw_i32_index_copy', 'torchair_like', 'dynamic', _FF),
    ('sw_i32_two_layers', 'torchair_like', 'static', _FF),
    ('sw_i32_two_layers', 'torchair_like', 'batch', _FF),
    ('sw_i32_two_layers', 'torchair_like', 'dynamic', _FF),
    ('sw_table_i32_add', 'torchair_like', 'static', _FF),
    ('sw_table_i32_add', 'torchair_like', 'batch', _FF),
    ('sw_table_i32_add', 'torchair_like', 'dynamic', _FF),
    ('sw_table_plain', 'torchair_like', 'static', _EQ),
    ('sw_table_plain', 'torchair_like', 'batch', _EQ),
    ('sw_table_plain', 'torchair_like', 'dynamic', _EQ),
    ('iv_len_mul_cast_floordiv', 'torchair_like', 'static', _EQ),
    ('iv_len_mul_cast_floordiv', 'torchair_like', 'dynamic', _R),
    ('iv_len_add_cast_clamp', 'torchair_like', 'static', _EQ),
    ('iv_len_add_cast_clamp', 'torchair_like', 'dynamic', _R),
    ('iv_len_plus_table_diff', 'torchair_like', 'static', _R),
    ('iv_len_plus_table_diff', 'torchair_like', 'dynamic', _R),
    ('iv_len_bitand_after_wrap', 'torchair_like', 'static', _R),
    ('iv_len_bitand_after_wrap', 'torchair_like', 'dynamic', _R),
    ('iv_ids_via_gather_index', 'torchair_like', 'static', _EQ),
    ('iv_ids_via_gather_index', 'torchair_like', 'dynamic', _EQ),
    ('iv_ids_sum_wrap', 'torchair_like', 'static', _EQ),
    ('iv_ids_sum_wrap', 'torchair_like', 'dynamic', _EQ),
    ('iv_ids_cast_bypass_clamp', 'torchair_like', 'static', _R),
    ('iv_ids_cast_bypass_clamp', 'torchair_like', 'batch', _R),
    ('iv_ids_cast_bypass_clamp', 'torchair_like', 'dynamic', _EQ),
    ('ki_alpha_kw', 'torchair_like', 'static', _EQ),
    ('ki_alpha_kw', 'torchair_like', 'batch', _EQ),
    ('ki_alpha_kw', 'torchair_like', 'dynamic', _EQ),
    ('ki_nan_payload', 'torchair_like', 'static', _R),
    ('ki_nan_payload', 'torchair_like', 'batch', _R),
    ('ki_nan_payload', 'torchair_like', 'dynamic', _R),
    ('ki_int_vs_bool', 'torchair_like', 'static', _R),
    ('ki_int_vs_bool', 'torchair_like', 'batch', _R),
    ('ki_int_vs_bool', 'torchair_like', 'dynamic', _R),
    ('ki_clamp_pos_vs_kw', 'torchair_like', 'static', _R),
    ('ki_clamp_pos_vs_kw', 'torchair_like', 'batch', _R),
    ('ki_clamp_pos_vs_kw', 'torchair_like', 'dynamic', _R),
    ('ki_int32_vs_int64_mod', 'torchair_like', 'static', _R),
    ('ki_int32_vs_int64_mod', 'torchair_like', 'batch', _R),
    ('ki_int32_vs_int64_mod', 'torchair_like', 'dynamic', _R),
    ('ki_wrap_both', 'torchair_like', 'static', _FF),
    ('ki_wrap_both', 'torchair_like', 'batch', _FF),
    ('ki_wrap_both', 'torchair_like', 'dynamic', _FF),
    ('pad_base', 'torchair_like', 'static', _EQ),
    ('pad_base', 'torchair_like', 'dynamic', _EQ),
    ('pad_rolled_starts', 'torchair_like', 'static', _EQ),
    ('pad_rolled_starts', 'torchair_like', 'dynamic', _EQ),
    ('pad_from_lens', 'torchair_like', 'static', _R),
    ('pad_from_lens', 'torchair_like', 'dynamic', _R),
    ('pad_lens_dependent', 'torchair_like', 'static', _R),
    ('pad_lens_dependent', 'torchair_like', 'dynamic', _R),
    ('pad_full_scatter', 'torchair_like', 'static', _R),
    ('pad_full_scatter', 'torchair_like', 'dynamic', _R),
    ('pad_zeros_scatter', 'torchair_like', 'static', _R),
    ('pad_zeros_scatter', 'torchair_like', 'dynamic', _R),
    ('pad_neg_wrap_index', 'torchair_like', 'static', _EQ),
    ('pad_neg_wrap_index', 'torchair_like', 'dynamic', _EQ),
    ('pad_base_int32', 'torchair_like', 'static', _EQ),
    ('pad_base_int32', 'torchair_like', 'dynamic', _EQ),
    ('pad_base_not_monotone', 'torchair_like', 'static', _EQ),
    ('pad_base_not_monotone', 'torchair_like', 'dynamic', _EQ),
    ('hr_heads_k', 'torchair_like', 'static', _EQ),
    ('hr_heads_k', 'torchair_like', 'batch', _EQ),
    ('hr_heads_k', 'torchair_like', 'dynamic', _R),
    ('hr_heads_v', 'torchair_like', 'static', _EQ),
    ('hr_heads_v', 'torchair_like', 'batch', _EQ),
    ('hr_heads_v', 'torchair_like', 'dynamic', _R),
    ('hr_heads_k_negdim', 'torchair_like', 'static', _EQ),
    ('hr_heads_k_negdim', 'torchair_like', 'batch', _EQ),
    ('hr_heads_k_negdim', 'torchair_like', 'dynamic', _R),
    ('hr_heads_k_end_past', 'torchair_like', 'static', _EQ),
    ('hr_heads_k_end_past', 'torchair_like', 'batch', _EQ),
    ('hr_heads_k_end_past', 'torchair_like', 'dynamic', _R),
    ('hr_heads_k_cast_first', 'torchair_like', 'static', _EQ),
    ('hr_heads_k_cast_first', 'torchair_like', 'batch', _EQ),
    ('hr_heads_k_cast_first', 'torchair_like', 'dynamic', _R),
    ('hr_grid', 'torchair_like', 'static', _EQ),
    ('hr_grid', 'torchair_like', 'batch', _EQ),
    ('hr_grid', 'torchair_like', 'dynamic', _EQ),
    ('hr_grid_kept_flat_rows', 'torchair_like', 'static', _EQ),
    ('hr_grid_kept_flat_rows', 'torchair_like', 'batch', _EQ),
    ('hr_grid_kept_flat_rows', 'torchair_like', 'dynamic', _EQ),
    ('hr_grid_rev_heads', 'torchair_like', 'static', _R),
    ('hr_grid_rev_heads', 'torchair_like', 'batch', _R),
    ('hr_grid_rev_heads', 'torchair_like', 'dynamic', _R),
    ('hr_grid_transposed_values', 'torchair_like', 'static', _R),
    ('hr_grid_transposed_values', 'torchair_like', 'batch', _R),
    ('hr_grid_transposed_values', 'torchair_like', 'dynamic', _R),
    ('hr_grid_int32', 'torchair_like', 'static', _R),
    ('hr_grid_int32', 'torchair_like', 'batch', _R),
    ('hr_grid_int32', 'torchair_like', 'dynamic', _R),
    ('hr_grid_wrap_slots', 'torchair_like', 'static', _FF),
    ('hr_grid_wrap_slots', 'torchair_like', 'batch', _FF),
    ('hr_grid_wrap_slots', 'torchair_like', 'dynamic', _FF),
    ('wm_append_then_wrap', 'torchair_like', 'static', _FF),
    ('wm_append_then_wrap', 'torchair_like', 'batch', _FF),
    ('wm_append_then_wrap', 'torchair_like', 'dynamic', _FF),
    ('wm_wrap_sym_shift', 'torchair_like', 'static', _FF),
    ('wm_wrap_sym_shift', 'torchair_like', 'batch', _FF),
    ('wm_wrap_sym_shift', 'torchair_like', 'dynamic', _R),
    ('wm_wrap_then_where_wrap', 'torchair_like', 'static', _R),
    ('wm_wrap_then_where_wrap', 'torchair_like', 'batch', _R),
    ('wm_wrap_then_where_wrap', 'torchair_like', 'dynamic', _R),
]

# Later runs (not the first try): real Inductor codegen (one process per sw_ name from 12:12 UTC; sw_i64_add and
# sw_i32_neg_sub have no rows: PLAIN Inductor's pass-off control corrupts the heap and the process dies, see the
# docstring) and the vllm_post runner.
_LATER = [
    ('sw_i32_add', 'inductor', 'static', _CD),
    ('sw_i32_add', 'inductor', 'batch', _CD),
    ('sw_i32_add', 'inductor', 'dynamic', _FF),
    ('sw_i32_sub', 'inductor', 'static', _FF),
    ('sw_i32_sub', 'inductor', 'batch', _FF),
    ('sw_i32_sub', 'inductor', 'dynamic', _FF),
    ('sw_f64_add_2p53', 'inductor', 'static', _FF),
    ('sw_f64_add_2p53', 'inductor', 'batch', _FF),
    ('sw_f64_add_2p53', 'inductor', 'dynamic', _FF),
    ('sw_f16_add_2048', 'inductor', 'static', _FF),
    ('sw_f16_add_2048', 'inductor', 'batch', _FF),
    ('sw_f16_add_2048', 'inductor', 'dynamic', _R),
    ('sw_f64_add_half', 'inductor', 'static', _EQ),
    ('sw_f64_add_half', 'inductor', 'batch', _EQ),
    ('sw_f64_add_half', 'inductor', 'dynamic', _EQ),
    ('sw_f32_add_2p24', 'inductor', 'static', _FF),
    ('sw_f32_add_2p24', 'inductor', 'batch', _FF),
    ('sw_f32_add_2p24', 'inductor', 'dynamic', _R),
    ('ki_wrap_both', 'inductor', 'static', _CD),
    ('ki_wrap_both', 'inductor', 'batch', _CD),
    ('ki_wrap_both', 'inductor', 'dynamic', _FF),
    ('hr_grid_wrap_slots', 'inductor', 'static', _CD),
    ('hr_grid_wrap_slots', 'inductor', 'batch', _CD),
    ('hr_grid_wrap_slots', 'inductor', 'dynamic', _FF),
    ('wm_append_then_wrap', 'inductor', 'static', _CD),
    ('wm_append_then_wrap', 'inductor', 'batch', _CD),
    ('wm_append_then_wrap', 'inductor', 'dynamic', _FF),
    ('wm_wrap_sym_shift', 'inductor', 'static', _CD),
    ('wm_wrap_sym_shift', 'inductor', 'batch', _CD),
    ('wm_wrap_sym_shift', 'inductor', 'dynamic', _R),
    ('wm_wrap_then_where_wrap', 'inductor', 'static', _RCD),
    ('wm_wrap_then_where_wrap', 'inductor', 'batch', _RCD),
    ('wm_wrap_then_where_wrap', 'inductor', 'dynamic', _R),
    ('sw_i32_full_like', 'inductor', 'static', _CD),
    ('sw_i32_full_like', 'inductor', 'batch', _CD),
    ('sw_i32_full_like', 'inductor', 'dynamic', _FF),
    ('sw_i32_one_element', 'inductor', 'static', _CD),
    ('sw_i32_one_element', 'inductor', 'batch', _CD),
    ('sw_i32_one_element', 'inductor', 'dynamic', _FF),
    ('sw_i32_mod_shift_mod', 'inductor', 'static', _CD),
    ('sw_i32_mod_shift_mod', 'inductor', 'batch', _CD),
    ('sw_i32_mod_shift_mod', 'inductor', 'dynamic', _CD),
    ('sw_bf16_add_256', 'inductor', 'static', _FF),
    ('sw_bf16_add_256', 'inductor', 'batch', _FF),
    ('sw_bf16_add_256', 'inductor', 'dynamic', _R),
    ('sw_i32_index_copy', 'inductor', 'static', _CD),
    ('sw_i32_index_copy', 'inductor', 'batch', _CD),
    ('sw_i32_index_copy', 'inductor', 'dynamic', _FF),
    ('sw_i32_two_layers', 'inductor', 'static', _CD),
    ('sw_i32_two_layers', 'inductor', 'batch', _CD),
    ('sw_i32_two_layers', 'inductor', 'dynamic', _FF),
    ('sw_table_i32_add', 'inductor', 'static', _CD),
    ('sw_table_i32_add', 'inductor', 'batch', _CD),
    ('sw_table_i32_add', 'inductor', 'dynamic', _FF),
    ('sw_table_plain', 'inductor', 'static', _EQ),
    ('sw_table_plain', 'inductor', 'batch', _EQ),
    ('sw_table_plain', 'inductor', 'dynamic', _EQ),
    ('sw_i32_add_nocollide', 'inductor', 'static', _EQ),
    ('sw_i32_add_nocollide', 'inductor', 'batch', _EQ),
    ('sw_i32_add_nocollide', 'inductor', 'dynamic', _EQ),
    ('sw_i64_slots_i32_shift', 'inductor', 'static', _EQ),
    ('sw_i64_slots_i32_shift', 'inductor', 'batch', _EQ),
    ('sw_i64_slots_i32_shift', 'inductor', 'dynamic', _EQ),
    ('sw_i32_add', 'vllm_post', 'static', _FF),
    ('sw_i32_add', 'vllm_post', 'batch', _FF),
    ('sw_i32_add', 'vllm_post', 'dynamic', _FF),
    ('sw_i32_sub', 'vllm_post', 'static', _FF),
    ('sw_i32_sub', 'vllm_post', 'batch', _FF),
    ('sw_i32_sub', 'vllm_post', 'dynamic', _FF),
    ('sw_f64_add_2p53', 'vllm_post', 'static', _FF),
    ('sw_f64_add_2p53', 'vllm_post', 'batch', _FF),
    ('sw_f64_add_2p53', 'vllm_post', 'dynamic', _FF),
    ('sw_i32_add_nocollide', 'vllm_post', 'static', _EQ),
    ('sw_i32_add_nocollide', 'vllm_post', 'batch', _EQ),
    ('sw_i32_add_nocollide', 'vllm_post', 'dynamic', _EQ),
    ('sw_table_i32_add', 'vllm_post', 'static', _FF),
    ('sw_table_i32_add', 'vllm_post', 'batch', _FF),
    ('sw_table_i32_add', 'vllm_post', 'dynamic', _FF),
]


def classify51(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-50)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify51)
