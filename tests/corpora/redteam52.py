"""Fifty-second adversarial review of the recogniser (round 52; 7f5f012 frozen at /tmp/base57: the whole landed
recogniser, first the rules of the last session (305eeaa..7f5f012): exactness._check_unwrapped and the rest of
check_slot_path, pool_tables._flat_pool_read / exactness._flat_table_read, evaluate.Subgraph's size-read leaves).

Same format as redteam43 .. redteam51: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``; the pw_table_ attack a ``[B, M]``
int32 table of compressed rows as one extra input; the fl_ attacks SGLang's ``req_to_token`` ``[R, W]`` int32,
``req_pool_indices`` ``[B]`` int64 and ``cmp_req_to_token`` ``[R, Wc]`` int32 as three extra inputs).
Runner: redteam7's ``classify7`` through :func:`classify52`.

    cp /work/main/tests/corpora/redteam52.py /tmp/base57/tests/corpora/ && cd /tmp/base57 && \\
    PYTHONPATH=/tmp/base57 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam52.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base57 = 7f5f012, 12:39:57-12:43:49 UTC 2026-12-06, the two graph
dialects side by side, one process each, the whole ``ATTACKS`` list as it stood then (52 attacks; ls_page_slot_own
was added after it, see ``_LATER``); before it, while writing the attacks, three scratch files were run in static
mode only (/tmp/rt52/proto.py, proto2.py, 12:36-12:37; proto3.py in dynamic mode, 12:38): the first FULL run is this
one): 52 attacks in 5 themes (pw_ 13 the Python-style wrap where(x < 0, x + S, x) INSIDE the remainder by the cache
rows (3 controls); sm_ 13 other one-to-one-looking slot maps (xor, a unit multiple, S - s, int8 / int16 / uint8, fmod,
alpha, the int32 shift bound); ls_ 5 slots computed from another graph input than the slot mapping (the lengths, the
block table); fl_ 11 SGLang tables read through their flat view (slot side and window side); sz_ 10 symbolic sizes
used as values (evaluate.Subgraph's size-read leaves)), 156 runs per graph dialect (every attack in static, batch,
dynamic):

    inductor_graph  156 runs: 30 FALSE FUSION / 0 CRASH / 40 fused & equal / 75 refused / 0 control differs
                    (0 REFUSED, PASS CHANGES NUMBERS / 11 CONTROL CRASHES TOO)
    torchair_like   156 runs: 33 FALSE FUSION / 0 CRASH / 41 fused & equal / 71 refused / 0 control differs
                    (0 REFUSED, PASS CHANGES NUMBERS / 11 CONTROL CRASHES TOO)

Per theme (inductor_graph | torchair_like): pw_ 20 FF / 8 EQ / 11 R | the same; sm_ 11 EQ / 28 R | 9 EQ / 30 R
(sm_sub_from_S static / batch: torchair's graph keeps ``S - s`` as aten.rsub.Scalar, "slots computed with
aten.rsub.Scalar"); ls_ 9 FF / 6 R | 12 FF / 3 R (ls_page_slot: inductor_graph refuses it, "gather_1 mixes or reshapes
batch rows" -- its ``i * 0`` column, apparently folded there, not inspected --, torchair_like fuses it in all three
modes: F2); fl_ 1 FF / 8 EQ / 13 R / 11 CCT | the same; sz_ 13 EQ / 17 R | 16 EQ / 14 R (sz_kv_blocks_cond batch /
dynamic and sz_cache_rows_cond batch fused once and equal in torchair_like, refused in inductor_graph).  The 11
CONTROL CRASHES TOO are every fl_ attack in batch mode: the harness marks args 2-4 (slots, table, lens) dynamic, and
the step's ``rpi[:, None] * W + pos // P`` ties lens' batch to the unmarked ``req_pool_indices``:
ConstraintViolationError with the pass off too (a harness artefact: the fl_ attacks count in static and dynamic only).
No CRASH.

Later runs (``_LATER``, not the first try):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend; 12:44-12:49 UTC, each name in a process of its
  own, /tmp/rt52/conf_each.sh): FALSE FUSION (the pass-off control equal to eager): pw_i64_where and pw_i64_arith
  under dynamic=True; ls_lens_mod, ls_lens_shift_mod and ls_page_slot_own in static, batch and dynamic.  CONTROL
  DIFFERS (not counted): pw_i64_where / pw_i64_arith static and batch (plain Inductor's own code differs from eager
  there), fl_slot_flat_wrap static.  pw_i32_where, pw_i32_neg and pw_table_i32_where kill the process (rc 139
  segfault / 134 "corrupted size vs. prev_size") as in round 51; /tmp/rt52/crash_probe.py (one backend per process,
  static) shows it is plain Inductor (backend="inductor") that dies after differing from eager (65 and 160 values),
  while the pass-on compile runs and differs from eager by 32 values (pw_i32_where, both calls) / 32 and 64
  (pw_table_i32_where): not counted (no clean control).
* ``--dialect vllm_post`` (12:48-12:49 UTC; pw_i64_where pw_i64_arith ls_lens_mod fl_slot_flat_wrap): 12 runs: 10
  FALSE FUSION (the first three in static, batch, dynamic; fl_slot_flat_wrap static) / 1 refused / 1 CCT (fl_ batch).
* ls_page_slot_own (added at 12:48, after the first try) in inductor_graph, torchair_like and real Inductor: FALSE
  FUSION in static, batch and dynamic (9 runs, the pass-off control equal to eager in real Inductor).
* Standalone repro /tmp/rt52/repro52.py (real Inductor, nsa_fusion_backend, dynamic=True, NSA_FUSION_FUSE_SMALL=1,
  B = 12, S = 29, no IEEE specials, output /tmp/rt52/repro52.out):
      pass off: 0 cache values differ | pass on: 32 differ, first at [1, 0, 0]: got 6.3203125, eager 1.1875

FOUND:

* F1 FALSE FUSION: the Python-style wrap ``where(x < 0, x + S, x)`` (or ``where(x >= 0, x, x + S)``, or ``x + (x <
  0).long() * S``) INSIDE the remainder by the cache rows is read by exactness._check_unwrapped as a remainder, its
  output as ``[0, S)``; that holds only for x in [-S, S), and below an outer remainder x may be any computed map.
  Minimal repro (int64, so it fuses under dynamic=True as well; S = 29; every input valid, unique in-range slots):

      x = slots.long() - 2 ** 62                  # exact: [-S - 2**62, S - 2**62)
      y = torch.where(x < 0, x + S, x)            # s - 2**62 + S: NOT in [0, S)
      s = (y - (2 ** 62 + 40)) % S                # s + S - 2**63 - 40: wraps in int64 where s + S < 40
      cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])

  In exact integers the map is ``(s + S - 2**63 - 40) % S``, a rotation (one-to-one), and that is what the check
  proves (y in [0, 28], y - (2**62 + 40) in [-2**62 - 40, -2**62 - 12]: inside int64).  Really y - (2**62 + 40)
  wraps for slots s < 11, by 2**64, and 29 does not divide 2**64: slot 0 (row 0, completes) and slot 24 (row 7,
  does not) both go to row 1.  Eager writes both rows of the index_put, the kept row 7 last: cache row 1 keeps its
  value; the fused op writes row 0's new token there: 32 values differ (inductor_graph, torchair_like, vllm_post in
  every mode; real Inductor under dynamic=True with the control equal to eager).  Variants that reach it: int32
  with 2**30 (static, batch: FF; dynamic refused, the int32 range at a symbolic S), the ``>=`` and arithmetic
  spellings, a negation after the wrap (pw_i32_neg: -y's claimed [-(S-1), 0] is really up to 2**30), two nested
  inner wraps, index_copy_, a second layer, slots read from a table of compressed rows (pw_table_i32_where), the
  SGLang flat read of cmp_req_to_token (fl_slot_flat_wrap).  Rule at fault: nsa_fusion/patterns/exactness.py:
  check_slot_path appends the inner wrap as ``("mod", n)`` (``if wrapped: below.append(("mod", n))  # (x in [-S, S)
  to [0, S), as a remainder)``) and _check_unwrapped resets ``lo, hi = 0, S - 1`` for every "mod" -- right for a
  floor remainder by S, wrong for the Python wrap, which is x % S only where x already lies in [-S, S): its output
  is x + S where x < 0 and x elsewhere, which leaves [0, S) wherever x leaves [-S, S).  (The outer wrap has the
  documented guard, "_passed_in(x)"; the inner one needs it too.)  Fix direction: give the wrap its own interval
  rule, for x in [lo, hi]: [lo + S, hi + S] where hi < 0, [lo, hi] where lo >= 0, else [min(lo + S, 0), max(hi,
  S - 1)] (then the y - c step above refuses), or refuse an inner wrap whose input interval leaves [-S, S).

* F2 FALSE FUSION: check_slot_path takes ANY graph input at the bottom of the slot path for the slot mapping (``if
  n.op == "placeholder": ... return n``; likewise _slot_table for ANY 2-D integer input), and _check_unwrapped
  seeds it with the slot mapping's valid range [-S, S): slots computed from the LENGTHS (``lens % S``, ``(lens - 1)
  % S``, vLLM's position of the appended token) or read from the BLOCK TABLE (``table.gather(1, col)``, the page of
  the window's first token) fuse, though the contract bounds those inputs by other rules, which make them neither
  distinct nor in [-S, S): lengths are any 0 .. capacity (two rows may have lengths congruent modulo S), page ids
  only in range where read (two requests may share a prefix page).  docs/contract.md's slot rules speak of the slot
  mapping, of "a [B, max_cmp] table passed in" of compressed rows, of the paged compressed cache's table and SGLang's
  pool tables; of computed values it says "Any other lengths computed in the step ... are not fused, since no rule on
  the inputs bounds them" -- slots computed from the lengths or the page ids are bound by no rule either.  Minimal
  repro (S = 29; valid lengths: row 0 = 32 completes, row 7 = 61 does not; 32 % 29 == 61 % 29 == 3):

      s = lens.long() % cache.shape[0]
      cache[s] = torch.where(completes(lens)[:, None, None], new, cache[s])

  eager writes row 7's kept value to cache row 3 last; the fused op writes row 0's token there: 32 values differ
  (inductor_graph, torchair_like, vllm_post, real Inductor with the control equal to eager; static, batch, dynamic).
  The block-table form (ls_page_slot_own, ``i = ((s - l).clamp(min=0) // P).clamp(0, M - 1); slot =
  table.long().gather(1, i[:, None]).squeeze(1)``, two rows sharing that page): 32 values differ, every dialect and
  mode (ls_page_slot, whose column ``i * 0`` inductor_graph refuses as mixing batch rows, is refused there and fuses in
  torchair_like).  Rules at fault: exactness.check_slot_path (placeholder source) and _slot_table (any 2-D integer
  graph input), with verify._Verification.run never comparing ``slot_source`` against ``self.lengths`` /
  ``self.table`` (or their sources: ``_lengths_source``); _check_unwrapped's seed [-S, S) then also misjudges a shift
  of the lengths (lens lie in [0, capacity], not [-S, S)).  Fix direction: refuse a slot source that is the lengths,
  the block table or anything the step also reads in another role (compare roots through views and casts), or
  require the slot mapping to be a graph input read by nothing else in the step.

Not found (equal or refused; the idea each tried):

* sm_ other maps under the remainder: ``(s ^ 1) % S`` (refused: xor), ``(s * 2) % S`` with S odd (refused: mul),
  ``torch.add(s, 1, alpha=2)`` (refused: alpha), ``(2**31 - 1) - s`` in int32 (refused: it leaves int32 for
  negative padding slots, [2147483619, 2147483676]), ``s.to(int16) % S`` (fused & equal static / batch: S fits;
  refused dynamic),
  ``(s % S).to(uint8)`` (refused: the cast rule, "values in [-29, 28]"), ``s.to(int8) + 100`` (refused: leaves int8),
  ``s.to(int16) + 1000`` (equal), ``(s % S) % S`` (equal), ``torch.fmod`` (refused: not a remainder), ``s + (2**31 -
  S)`` (equal: the largest int32 shift that cannot wrap) and ``+ 1`` more (refused: the bound is exact), ``S - s``
  (equal; torchair refuses aten.rsub.Scalar).  Under dynamic=True every int32 shift is refused (S up to 2**48).
* iota / other sources (scratch proto.py): ``arange(B) % S`` and ``(arange(B) + 3) % S`` with S < B (refused: "12
  slots cannot be unique in a cache of 7 rows"), an int32 ``arange(B) + (2**31 - 21)`` (refused by the interval).
  The block-table slot with a constant column (``i * 0``, ls_page_slot) in inductor_graph (refused: "mixes or
  reshapes batch rows"); the Python wrap of a computed lengths map (ls_lens_wrap: refused, the outer-wrap guard).
* fl_ SGLang flat views: the window read ``req_to_token.view(-1)[rpi[:, None] * W + pos // P]``, the slot read
  ``cmp_req_to_token.view(-1)[rpi * Wc + cidx]`` through view / reshape / flatten, the width spelled as the block
  table's (equal at the hint), ``(cidx + 1).clamp(max=Wc - 1)``, an attention-side read one entry past each row
  (j = W: row rpi + 1's first entry; restored as written), the step's own window ids returned to the caller: fused &
  equal static; the cmp table one column short (cidx reaches the width: refused, "slots computed with
  aten.index.Tensor" -- the flat read of a slice is not a table read), unclamped window positions (refused: "a flat
  index row * 4 + div ... [-1, 3]"); every fl_ attack under dynamic=True refused ("gather: the new row b may depend on
  other rows ... add_tensor mixes"); batch mode a harness artefact (above).
* sz_ symbolic sizes as values: the batch size (``slots.shape[0]``), the cache rows, the block count added to the
  pooled rows, in the condition, as a post-sum scale, a window offset, a slot shift or a threshold: fused & equal
  where static (one compile per size), refused under batch / dynamic ("adds a value that does not depend on the
  tokens", "the condition of row b may depend on ... the batch size", "the step is the contract at the compiled
  sizes but not at other sizes"), or fused once and equal (torchair_like sz_kv_blocks_cond: the other size
  recompiled).
* Real Inductor, the int32 pw_ maps: plain Inductor's own control dies (above), as round 51's did.

Read, not demonstrated: (1) pool_tables.restore: where a rebuild raises (``except Exception: continue  # pragma: no
cover``) the rerouted read ``T[r].view(-1)[b * W + j]`` stays in the graph for reads the step does not own, equal to
the user's only where 0 <= j < W, which nothing proves for those reads (an attention read at j = W reads row r[b] +
1's entry in eager, row r[b + 1]'s here); no spelling that makes the rebuild raise was found (fl_attn_past_row
restored fine).  (2) exactness._flat_table_read accepts the flat read of ANY 2-D tensor's 1-D reshape, and _slot_table
then walks ``_SLOT_VIEWS`` (``view``/``reshape`` included) from it to a placeholder: ``cmp.view(M,
B).reshape(-1)[...]`` reads the same flat order as ``cmp`` itself, so no wrong table results, but the row width the
flat bound checks is the multiplier's R, not the table's width (row b at ``b * R + i`` with R < W reads inside other
rows' entries that valid input does not keep distinct); read only, no attack built.  (3)
The torchair_like dialect fuses ``i * 0`` columns that inductor_graph refuses (not inspected why), so the two graph
dialects differ on what BatchPlan sees (ls_page_slot): a constant column of a table is refused in one dialect and
fused in the other.  (4) The new ``_Pusher`` stack split (``torch.stack((pk, pv), 1)`` / ``cat(...).view(B, 2, N,
D)``) and _keeps_what_it_reads were read only (the split is value-exact for a row-major reshape: element [.., h, r,
..] is input [.., h * R + r, ..]); not attacked this round.
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

K30 = 2 ** 30
C32 = 2 ** 31 - 1


def _wrap(x, S, form="lt"):
    """vLLM's Python-style wrap of a negative slot: where(x < 0, x + S, x) (or its >= / arithmetic spellings)."""
    if form == "lt":
        return torch.where(x < 0, x + S, x)
    if form == "ge":
        return torch.where(x >= 0, x, x + S)
    return x + (x < 0).long() * S


# --- 1. the Python-style wrap INSIDE the remainder (exactness._check_unwrapped reads it as a remainder: [0, S)) ----
def _slot_map(kind, slots, S, lens=None):
    """The write's slots as each attack computes them (the same function finds the colliding pairs)."""
    if kind in ("pw_i32_where", "pw_i32_index_copy", "pw_i32_two_layers"):
        # x = s - 2**30 is in [-S - 2**30, S - 2**30) (exact); the wrap gives s - 2**30 + S, NOT [0, S); the shift
        # by -(2**30 + 40) then wraps in int32 for s + S < 40, which the check (claiming [0, S) + shift) never sees
        return ((_wrap(slots - K30, S) - (K30 + 40)) % S).long()
    if kind == "pw_i32_where100":  # (the table attack's 60- and 80-row caches: the wrap for s + S < 100)
        return ((_wrap(slots - K30, S) - (K30 + 100)) % S).long()
    if kind == "pw_i32_where_ge":
        return ((_wrap(slots - K30, S, "ge") - (K30 + 40)) % S).long()
    if kind == "pw_i64_where":  # the same in int64 (2**62), also at a symbolic S
        return (_wrap(slots.long() - 2 ** 62, S) - (2 ** 62 + 40)) % S
    if kind == "pw_i64_arith":  # x + (x < 0) * S
        return (_wrap(slots.long() - 2 ** 62, S, "arith") - (2 ** 62 + 40)) % S
    if kind == "pw_i32_neg":  # -(wrap) + c: the neg of a range claimed [0, S), really down to -2**30
        return ((-_wrap(slots - K30, S) + (2 ** 31 - K30 + S + 10)) % S).long()
    if kind == "pw_i32_nested":  # two inner wraps in a row, then the shift
        return ((_wrap(_wrap(slots - K30, S) - 5, S) - (K30 + 2 * S + 11)) % S).long()
    if kind == "pw_i32_ctrl":  # control: the same inner wrap, a shift that cannot wrap
        return ((_wrap(slots - K30, S) - 40) % S).long()
    if kind == "pw_outer_passed_in":  # control: the documented outer wrap of the slot mapping as passed in
        return _wrap(slots.long(), S)
    if kind == "pw_outer_of_shift":  # the outer wrap of a shifted map (refused: documented)
        return _wrap(slots.long() - 3, S)
    # --- 2. other one-to-one-looking maps under the remainder
    if kind == "sm_xor":
        return ((slots ^ 1) % S).long()
    if kind == "sm_mul_unit":  # 2 is a unit modulo an odd S
        return ((slots.long() * 2) % S)
    if kind == "sm_sub_from_S":  # S - s: one-to-one modulo S (exact)
        return ((S - slots.long()) % S)
    if kind == "sm_c_minus_i32":  # (2**31 - 1) - s never wraps for s >= -S... but -(-2**31) ... exact
        return ((C32 - slots) % S).long()
    if kind == "sm_i16_before_mod":
        return (slots.to(torch.int16) % S).long()
    if kind == "sm_u8_after_mod":
        return (slots % S).to(torch.uint8).long()
    if kind == "sm_i8_shift":  # int8 slots + 100 wraps for s >= 28
        return ((slots.to(torch.int8) + 100) % S).long()
    if kind == "sm_i16_shift_small":  # int16 slots + 1000: exact (control)
        return ((slots.to(torch.int16) + 1000) % S).long()
    if kind == "sm_mod_mod":
        return ((slots.long() % S) % S)
    if kind == "sm_fmod":  # fmod: not a remainder (negative padding keeps its sign)
        return torch.fmod(slots.long() + 3, S)
    if kind == "sm_alpha2":  # torch.add(s, 1, alpha=2): a shift by 2 through alpha
        return torch.add(slots.long(), 1, alpha=2) % S
    if kind == "sm_i32_shift_S_bound":  # s + (2**31 - S): the largest int32 shift that cannot wrap (control)
        return ((slots + (2 ** 31 - S)) % S).long()
    if kind == "sm_i32_shift_S_bound_p1":  # s + (2**31 - S + 1): wraps at s = S - 1 (refused at a static S)
        return ((slots + (2 ** 31 - S + 1)) % S).long()
    raise AssertionError(kind)


def _slots_step(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        s = _slot_map(kind, slots, S, lens)
        if kind == "pw_i32_index_copy":
            return cache.index_copy_(0, s, torch.where(valid, new, cache[s]))
        if kind == "pw_i32_two_layers":
            cache[s] = torch.where(valid, new, cache[s])
            c2 = cache * 1
            c2[slots.long()] = torch.where(valid, new * 2, c2[slots.long()])
            return cache, c2
        cache[s] = torch.where(valid, new, cache[s])
        return cache
    return step


def _collide_calls(kind, collide=True):
    """Valid inputs (unique in-range slots) where two rows' slots meet under the map: a qualifying row q at slot x
    and a LATER non-qualifying row r at slot y with map(x) == map(y) (eager: r's kept row written last)."""
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


_PW = ("pw_i32_where", "pw_i32_where_ge", "pw_i64_where", "pw_i64_arith", "pw_i32_neg", "pw_i32_nested",
       "pw_i32_index_copy", "pw_i32_two_layers", "pw_i32_ctrl", "pw_outer_passed_in", "pw_outer_of_shift")
_CTRL = ("pw_i32_ctrl", "pw_outer_passed_in", "sm_sub_from_S", "sm_i16_shift_small", "sm_mod_mod",
         "sm_i32_shift_S_bound", "sm_alpha2", "sm_c_minus_i32")
PW = [(k, _mk(_slots_step(k), _collide_calls(k, k not in _CTRL), MODES3),
       "the Python-style wrap inside the remainder: " + k) for k in _PW]


def _pw_table(kind):
    """The slot of row b read from a [B, M] table of compressed rows, then the inner wrap and the wrapping shift."""
    def step(kv, w, slots, table, lens, cache, cmp):
        S, M = cache.shape[0], cmp.shape[1]
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        i = ((lens.long() - L) // STRIDE).clamp(0, M - 1)
        raw = cmp.gather(1, i[:, None]).squeeze(1)
        s = _slot_map("pw_i32_where100", raw, S) if kind == "wrap" else raw.long()
        cache[s] = torch.where(valid, new, cache[s])
        return cache
    return step


def _pw_table_calls(collide=True):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            M = 5
            a = list(build(B=B, seed=seed, num_slots=B * M).args)
            S, lens = B * M, a[4]
            g = torch.Generator().manual_seed(seed)
            cmp = torch.randperm(S, generator=g).view(B, M)
            i = ((lens.long() - L) // STRIDE).clamp(0, M - 1)
            if collide:
                vals = _slot_map("pw_i32_where100", torch.arange(S, dtype=torch.int32), S).tolist()
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


PW += [("pw_table_i32_where", _mk(_pw_table("wrap"), _pw_table_calls(), MODES3),
        "slots read from a table of compressed rows, the inner wrap of (raw - 2**30), - (2**30 + 100), % num_slots"),
       ("pw_table_plain", _mk(_pw_table("plain"), _pw_table_calls(False), MODES3), "control: the table's slots")]


_SM = ("sm_xor", "sm_mul_unit", "sm_sub_from_S", "sm_c_minus_i32", "sm_i16_before_mod", "sm_u8_after_mod",
       "sm_i8_shift", "sm_i16_shift_small", "sm_mod_mod", "sm_fmod", "sm_alpha2", "sm_i32_shift_S_bound",
       "sm_i32_shift_S_bound_p1")
SM = [(k, _mk(_slots_step(k), _collide_calls(k, k not in _CTRL), MODES3), "another slot map: " + k) for k in _SM]


# --- 3. slots computed from another graph input than the slot mapping (check_slot_path takes ANY placeholder) -----
def _ls(kind):
    def step(kv, w, slots, table, lens, cache):
        S, M = cache.shape[0], table.shape[1]
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        if kind == "lens_mod":  # the lengths as the slots, % num_slots
            s = lens.long() % S
        elif kind == "lens_shift_mod":  # the position of the appended token (s - 1), % num_slots
            s = (lens.long() - 1) % S
        elif kind == "lens_i32_mod":
            s = (lens % S).long()
        elif kind == "lens_wrap":  # the Python-style wrap of the lengths (refused: the wrap wants the slot mapping)
            s = _wrap(lens.long() % S - 3, S)
        elif kind == "page_slot":  # the BLOCK table's entry read as a table of compressed rows
            i = ((lens.long() - L) // STRIDE).clamp(0, M - 1) * 0
            s = table.long().gather(1, i[:, None]).squeeze(1)
        elif kind == "page_slot_own":  # the page of the window's first token (row b's own column, from its length)
            i = ((lens.long() - L).clamp(min=0) // kv.shape[1]).clamp(0, M - 1)
            s = table.long().gather(1, i[:, None]).squeeze(1)
        cache[s] = torch.where(valid, new, cache[s])
        return cache
    return step


def _lens_collide(shift=0):
    """Valid lengths (0 .. capacity 256): row 0 completes at 32 (slot 32 % S), a LATER row writes nothing at a
    length congruent to it modulo S (32 + S, not 32 + a multiple of 16)."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            S = 2 * B + 5
            lens = [32, 48, 31, 64, 0, 33, 80, 32 + S, 96, 17, 128, 40, 0, 1, 2, 3][:B]
            out.append(list(build(B=B, seed=seed, lengths=lens).args))
        return out
    return f


def _page_collide(own=False):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, num_slots=200, block_num=150).args)
            table, lens = a[3], a[4]
            q = next(b for b in range(B) if _qualifies(int(lens[b])))
            r = next(b for b in range(q + 1, B) if not _qualifies(int(lens[b])))
            if own:  # the columns the rows read: the window's first page
                col = ((lens.long() - L).clamp(min=0) // a[0].shape[1]).clamp(0, table.shape[1] - 1)
                table[r, int(col[r])] = table[q, int(col[q])]
            else:
                table[r, 0] = table[q, 0]  # a shared prefix page (page ids need not be distinct)
            out.append(a)
        return out
    return f


LS = [(f"ls_{k}", _mk(_ls(k), _lens_collide(), MODES3), "slots computed from the lengths: " + k)
      for k in ("lens_mod", "lens_shift_mod", "lens_i32_mod", "lens_wrap")]
LS += [("ls_page_slot", _mk(_ls("page_slot"), _page_collide(), MODES3),
        "the slot read from the block table (a page id shared by two rows)")]
# (added after the first try, not in it: the block-table slot at the window's first page, a column computed from the
# row's own length, which inductor_graph does not refuse as it refuses ls_page_slot's ``i * 0``)
LS += [("ls_page_slot_own", _mk(_ls("page_slot_own"), _page_collide(True), MODES3),
        "the slot read from the block table at the window's first page (a prefix page shared by two rows)")]


# --- 4. SGLang tables read through their flat view (pool_tables._flat_pool_read, exactness._flat_table_read) -------
def _fl(kind):
    def step(kv, w, slots, table, lens, cache, rtt, rpi, crtt):
        P, W, Wc = kv.shape[1], rtt.shape[1], crtt.shape[1]
        pos = positions(lens)
        if kind == "win_width_from_table":  # the row width spelled as the block table's (equal at the hint)
            ids = rtt.view(-1)[rpi[:, None] * table.shape[1] + pos // P].long()
        elif kind == "win_flatten":
            ids = rtt.flatten()[pos // P + rpi.unsqueeze(1) * W].long()
        elif kind == "win_unclamped":  # positions not clamped: j < 0 for rows shorter than l (masked rows)
            p2 = lens.long()[:, None] - L + torch.arange(L)
            ids = rtt.view(-1)[rpi[:, None] * W + torch.div(p2, P, rounding_mode="floor")].long()
            pos = p2 % (W * P)
        else:
            ids = rtt.view(-1)[rpi[:, None] * W + pos // P].long()
        tok = kv[ids, pos % P]
        new = pool(tok, w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        cidx = torch.div(lens.long() - L, STRIDE, rounding_mode="floor").clamp(min=0)
        if kind in ("slot_flat", "attn_past_row", "attn_shared"):
            s = crtt.view(-1)[rpi * Wc + cidx].long()
        elif kind == "slot_flat_short":  # one column short: cidx reaches the width at the capacity
            s = crtt[:, 1:].reshape(-1)[rpi * (Wc - 1) + cidx].long()
        elif kind == "slot_flat_reshape":
            s = crtt.reshape(-1)[cidx + Wc * rpi].long()
        elif kind == "slot_flat_wrap":  # the flat slot, then the inner-wrap map of theme 1 (int64)
            s = (_wrap(crtt.view(-1)[rpi * Wc + cidx].long() - 2 ** 62, cache.shape[0]) - (2 ** 62 + 300)) \
                % cache.shape[0]
        elif kind == "slot_flat_cidx_plus":  # cidx + 1 clamped to the width (a later compressed row, in range)
            s = crtt.view(-1)[rpi * Wc + (cidx + 1).clamp(max=Wc - 1)].long()
        else:
            s = slots.long()
        cache[s] = torch.where(valid, new, cache[s])
        if kind == "attn_past_row":  # an attention read one entry past each row (row rpi + 1's first entry)
            return cache, rtt.view(-1)[rpi[:, None] * W + torch.arange(W + 1)]
        if kind == "attn_shared":  # the attention reads the step's own window ids node (rerouted, restored)
            return cache, ids * 2
        return cache
    return step


def _fl_calls(collide_wrap=False):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            Wc = (4 * 64 - L) // STRIDE + 1
            a = list(build(B=B, seed=seed, num_slots=B * Wc + 7).args)
            table, lens = a[3], a[4]
            g = torch.Generator().manual_seed(seed + 7)
            R = B + 5
            rpi = torch.randperm(R - 1, generator=g)[:B]  # (never the last pool row)
            rtt = torch.randint(0, a[0].shape[0], (R, table.shape[1]), generator=g).to(torch.int32)
            rtt[rpi] = table.to(torch.int32)
            S = a[5].shape[0]
            crtt = torch.randint(0, S, (R, Wc), generator=g)
            own = torch.randperm(B * Wc, generator=g).view(B, Wc)
            if collide_wrap:
                m = lambda v: (_wrap(v - 2 ** 62, S) - (2 ** 62 + 300)) % S  # noqa: E731
                vals = m(torch.arange(S)).tolist()
                x, y = next((x, y) for x in range(S) for y in range(S) if x != y and vals[x] == vals[y])
                q = next(b for b in range(B) if _qualifies(int(lens[b])))
                r = next(b for b in range(q + 1, B) if not _qualifies(int(lens[b])))
                cidx = ((lens.long() - L) // STRIDE).clamp(min=0)
                flat = own.flatten()
                for want, (b, col) in ((x, (q, int(cidx[q]))), (y, (r, int(cidx[r])))):
                    hit = (flat == want).nonzero()
                    here = b * Wc + col
                    if len(hit):
                        at = int(hit[0])
                        flat[at], flat[here] = flat[here].clone(), want
                    else:
                        flat[here] = want
                own = flat.view(B, Wc)
            crtt[rpi] = own
            out.append(a + [rtt, rpi, crtt.to(torch.int32)])
        return out
    return f


FL = [(f"fl_{k}", _mk(_fl(k), _fl_calls(k == "slot_flat_wrap"), MODES3), "SGLang flat view: " + k)
      for k in ("base", "slot_flat", "slot_flat_short", "slot_flat_reshape", "slot_flat_wrap", "slot_flat_cidx_plus",
                "win_width_from_table", "win_flatten", "win_unclamped", "attn_past_row", "attn_shared")]


# --- 5. symbolic size reads as leaves valued by the size assignment (evaluate.Subgraph) ----------------------------
def _sz(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        new = pool(tokens(kv, table, positions(lens)), w)
        valid = completes(lens)
        if kind == "slots_batch_new":
            new = new + (slots.shape[0] - 12)
        elif kind == "cache_rows_new":
            new = new + (cache.shape[0] - 29)
        elif kind == "kv_blocks_cond":
            valid = valid & (lens * 0 + kv.shape[0] < 60)
        elif kind == "cache_rows_cond":
            valid = valid & (lens * 0 + cache.shape[0] < 30)
        elif kind == "slots_batch_cond":
            valid = valid & (lens * 0 + slots.shape[0] < 13)
        elif kind == "cache_rows_post_mul":
            new = new * (cache.shape[0] - 28)
        elif kind == "cache_rows_window":  # the window moved back by S - 29 tokens
            pos = (lens.long()[:, None] - L + torch.arange(L) - (cache.shape[0] - 29)).clamp(min=0)
            new = pool(tokens(kv, table, pos), w)
        elif kind == "cache_rows_slot":  # the slots shifted by S - 29, % S
            return write(cache, (slots.long() + (cache.shape[0] - 29)) % S, valid, new)
        elif kind == "cache_rows_threshold":  # the threshold l + (S - 29)
            valid = (lens >= L + (cache.shape[0] - 29)) & ((lens - L) % STRIDE == 0)
        elif kind == "slots_batch_slot":  # the slots shifted by B - 12 (a batch size read of the slot mapping)
            return write(cache, (slots.long() + (slots.shape[0] - 12)) % S, valid, new)
        return write(cache, slots, valid, new)
    return step


SZ = [(f"sz_{k}", _mk(_sz(k), lambda: [list(build(B=12, seed=0).args), list(build(B=16, seed=1).args)], MODES3),
       "a symbolic size used as a value: " + k)
      for k in ("slots_batch_new", "cache_rows_new", "kv_blocks_cond", "cache_rows_cond", "slots_batch_cond",
                "cache_rows_post_mul", "cache_rows_window", "cache_rows_slot", "cache_rows_threshold",
                "slots_batch_slot")]

ATTACKS = PW + SM + LS + FL + SZ

_FIRST = [
    ('pw_i32_where', 'inductor_graph', 'static', _FF),
    ('pw_i32_where', 'inductor_graph', 'batch', _FF),
    ('pw_i32_where', 'inductor_graph', 'dynamic', _R),
    ('pw_i32_where_ge', 'inductor_graph', 'static', _FF),
    ('pw_i32_where_ge', 'inductor_graph', 'batch', _FF),
    ('pw_i32_where_ge', 'inductor_graph', 'dynamic', _R),
    ('pw_i64_where', 'inductor_graph', 'static', _FF),
    ('pw_i64_where', 'inductor_graph', 'batch', _FF),
    ('pw_i64_where', 'inductor_graph', 'dynamic', _FF),
    ('pw_i64_arith', 'inductor_graph', 'static', _FF),
    ('pw_i64_arith', 'inductor_graph', 'batch', _FF),
    ('pw_i64_arith', 'inductor_graph', 'dynamic', _FF),
    ('pw_i32_neg', 'inductor_graph', 'static', _FF),
    ('pw_i32_neg', 'inductor_graph', 'batch', _FF),
    ('pw_i32_neg', 'inductor_graph', 'dynamic', _R),
    ('pw_i32_nested', 'inductor_graph', 'static', _FF),
    ('pw_i32_nested', 'inductor_graph', 'batch', _FF),
    ('pw_i32_nested', 'inductor_graph', 'dynamic', _R),
    ('pw_i32_index_copy', 'inductor_graph', 'static', _FF),
    ('pw_i32_index_copy', 'inductor_graph', 'batch', _FF),
    ('pw_i32_index_copy', 'inductor_graph', 'dynamic', _R),
    ('pw_i32_two_layers', 'inductor_graph', 'static', _FF),
    ('pw_i32_two_layers', 'inductor_graph', 'batch', _FF),
    ('pw_i32_two_layers', 'inductor_graph', 'dynamic', _R),
    ('pw_i32_ctrl', 'inductor_graph', 'static', _EQ),
    ('pw_i32_ctrl', 'inductor_graph', 'batch', _EQ),
    ('pw_i32_ctrl', 'inductor_graph', 'dynamic', _R),
    ('pw_outer_passed_in', 'inductor_graph', 'static', _EQ),
    ('pw_outer_passed_in', 'inductor_graph', 'batch', _EQ),
    ('pw_outer_passed_in', 'inductor_graph', 'dynamic', _EQ),
    ('pw_outer_of_shift', 'inductor_graph', 'static', _R),
    ('pw_outer_of_shift', 'inductor_graph', 'batch', _R),
    ('pw_outer_of_shift', 'inductor_graph', 'dynamic', _R),
    ('pw_table_i32_where', 'inductor_graph', 'static', _FF),
    ('pw_table_i32_where', 'inductor_graph', 'batch', _FF),
    ('pw_table_i32_where', 'inductor_graph', 'dynamic', _R),
    ('pw_table_plain', 'inductor_graph', 'static', _EQ),
    ('pw_table_plain', 'inductor_graph', 'batch', _EQ),
    ('pw_table_plain', 'inductor_graph', 'dynamic', _EQ),
    ('sm_xor', 'inductor_graph', 'static', _R),
    ('sm_xor', 'inductor_graph', 'batch', _R),
    ('sm_xor', 'inductor_graph', 'dynamic', _R),
    ('sm_mul_unit', 'inductor_graph', 'static', _R),
    ('sm_mul_unit', 'inductor_graph', 'batch', _R),
    ('sm_mul_unit', 'inductor_graph', 'dynamic', _R),
    ('sm_sub_from_S', 'inductor_graph', 'static', _EQ),
    ('sm_sub_from_S', 'inductor_graph', 'batch', _EQ),
    ('sm_sub_from_S', 'inductor_graph', 'dynamic', _R),
    ('sm_c_minus_i32', 'inductor_graph', 'static', _R),
    ('sm_c_minus_i32', 'inductor_graph', 'batch', _R),
    ('sm_c_minus_i32', 'inductor_graph', 'dynamic', _R),
    ('sm_i16_before_mod', 'inductor_graph', 'static', _EQ),
    ('sm_i16_before_mod', 'inductor_graph', 'batch', _EQ),
    ('sm_i16_before_mod', 'inductor_graph', 'dynamic', _R),
    ('sm_u8_after_mod', 'inductor_graph', 'static', _R),
    ('sm_u8_after_mod', 'inductor_graph', 'batch', _R),
    ('sm_u8_after_mod', 'inductor_graph', 'dynamic', _R),
    ('sm_i8_shift', 'inductor_graph', 'static', _R),
    ('sm_i8_shift', 'inductor_graph', 'batch', _R),
    ('sm_i8_shift', 'inductor_graph', 'dynamic', _R),
    ('sm_i16_shift_small', 'inductor_graph', 'static', _EQ),
    ('sm_i16_shift_small', 'inductor_graph', 'batch', _EQ),
    ('sm_i16_shift_small', 'inductor_graph', 'dynamic', _R),
    ('sm_mod_mod', 'inductor_graph', 'static', _EQ),
    ('sm_mod_mod', 'inductor_graph', 'batch', _EQ),
    ('sm_mod_mod', 'inductor_graph', 'dynamic', _EQ),
    ('sm_fmod', 'inductor_graph', 'static', _R),
    ('sm_fmod', 'inductor_graph', 'batch', _R),
    ('sm_fmod', 'inductor_graph', 'dynamic', _R),
    ('sm_alpha2', 'inductor_graph', 'static', _R),
    ('sm_alpha2', 'inductor_graph', 'batch', _R),
    ('sm_alpha2', 'inductor_graph', 'dynamic', _R),
    ('sm_i32_shift_S_bound', 'inductor_graph', 'static', _EQ),
    ('sm_i32_shift_S_bound', 'inductor_graph', 'batch', _EQ),
    ('sm_i32_shift_S_bound', 'inductor_graph', 'dynamic', _R),
    ('sm_i32_shift_S_bound_p1', 'inductor_graph', 'static', _R),
    ('sm_i32_shift_S_bound_p1', 'inductor_graph', 'batch', _R),
    ('sm_i32_shift_S_bound_p1', 'inductor_graph', 'dynamic', _R),
    ('ls_lens_mod', 'inductor_graph', 'static', _FF),
    ('ls_lens_mod', 'inductor_graph', 'batch', _FF),
    ('ls_lens_mod', 'inductor_graph', 'dynamic', _FF),
    ('ls_lens_shift_mod', 'inductor_graph', 'static', _FF),
    ('ls_lens_shift_mod', 'inductor_graph', 'batch', _FF),
    ('ls_lens_shift_mod', 'inductor_graph', 'dynamic', _FF),
    ('ls_lens_i32_mod', 'inductor_graph', 'static', _FF),
    ('ls_lens_i32_mod', 'inductor_graph', 'batch', _FF),
    ('ls_lens_i32_mod', 'inductor_graph', 'dynamic', _FF),
    ('ls_lens_wrap', 'inductor_graph', 'static', _R),
    ('ls_lens_wrap', 'inductor_graph', 'batch', _R),
    ('ls_lens_wrap', 'inductor_graph', 'dynamic', _R),
    ('ls_page_slot', 'inductor_graph', 'static', _R),
    ('ls_page_slot', 'inductor_graph', 'batch', _R),
    ('ls_page_slot', 'inductor_graph', 'dynamic', _R),
    ('fl_base', 'inductor_graph', 'static', _EQ),
    ('fl_base', 'inductor_graph', 'batch', _CCT),
    ('fl_base', 'inductor_graph', 'dynamic', _R),
    ('fl_slot_flat', 'inductor_graph', 'static', _EQ),
    ('fl_slot_flat', 'inductor_graph', 'batch', _CCT),
    ('fl_slot_flat', 'inductor_graph', 'dynamic', _R),
    ('fl_slot_flat_short', 'inductor_graph', 'static', _R),
    ('fl_slot_flat_short', 'inductor_graph', 'batch', _CCT),
    ('fl_slot_flat_short', 'inductor_graph', 'dynamic', _R),
    ('fl_slot_flat_reshape', 'inductor_graph', 'static', _EQ),
    ('fl_slot_flat_reshape', 'inductor_graph', 'batch', _CCT),
    ('fl_slot_flat_reshape', 'inductor_graph', 'dynamic', _R),
    ('fl_slot_flat_wrap', 'inductor_graph', 'static', _FF),
    ('fl_slot_flat_wrap', 'inductor_graph', 'batch', _CCT),
    ('fl_slot_flat_wrap', 'inductor_graph', 'dynamic', _R),
    ('fl_slot_flat_cidx_plus', 'inductor_graph', 'static', _EQ),
    ('fl_slot_flat_cidx_plus', 'inductor_graph', 'batch', _CCT),
    ('fl_slot_flat_cidx_plus', 'inductor_graph', 'dynamic', _R),
    ('fl_win_width_from_table', 'inductor_graph', 'static', _EQ),
    ('fl_win_width_from_table', 'inductor_graph', 'batch', _CCT),
    ('fl_win_width_from_table', 'inductor_graph', 'dynamic', _R),
    ('fl_win_flatten', 'inductor_graph', 'static', _EQ),
    ('fl_win_flatten', 'inductor_graph', 'batch', _CCT),
    ('fl_win_flatten', 'inductor_graph', 'dynamic', _R),
    ('fl_win_unclamped', 'inductor_graph', 'static', _R),
    ('fl_win_unclamped', 'inductor_graph', 'batch', _CCT),
    ('fl_win_unclamped', 'inductor_graph', 'dynamic', _R),
    ('fl_attn_past_row', 'inductor_graph', 'static', _EQ),
    ('fl_attn_past_row', 'inductor_graph', 'batch', _CCT),
    ('fl_attn_past_row', 'inductor_graph', 'dynamic', _R),
    ('fl_attn_shared', 'inductor_graph', 'static', _EQ),
    ('fl_attn_shared', 'inductor_graph', 'batch', _CCT),
    ('fl_attn_shared', 'inductor_graph', 'dynamic', _R),
    ('sz_slots_batch_new', 'inductor_graph', 'static', _EQ),
    ('sz_slots_batch_new', 'inductor_graph', 'batch', _R),
    ('sz_slots_batch_new', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_new', 'inductor_graph', 'static', _EQ),
    ('sz_cache_rows_new', 'inductor_graph', 'batch', _EQ),
    ('sz_cache_rows_new', 'inductor_graph', 'dynamic', _R),
    ('sz_kv_blocks_cond', 'inductor_graph', 'static', _EQ),
    ('sz_kv_blocks_cond', 'inductor_graph', 'batch', _R),
    ('sz_kv_blocks_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_cond', 'inductor_graph', 'static', _EQ),
    ('sz_cache_rows_cond', 'inductor_graph', 'batch', _R),
    ('sz_cache_rows_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_slots_batch_cond', 'inductor_graph', 'static', _EQ),
    ('sz_slots_batch_cond', 'inductor_graph', 'batch', _R),
    ('sz_slots_batch_cond', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_post_mul', 'inductor_graph', 'static', _R),
    ('sz_cache_rows_post_mul', 'inductor_graph', 'batch', _R),
    ('sz_cache_rows_post_mul', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_window', 'inductor_graph', 'static', _EQ),
    ('sz_cache_rows_window', 'inductor_graph', 'batch', _EQ),
    ('sz_cache_rows_window', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_slot', 'inductor_graph', 'static', _EQ),
    ('sz_cache_rows_slot', 'inductor_graph', 'batch', _EQ),
    ('sz_cache_rows_slot', 'inductor_graph', 'dynamic', _R),
    ('sz_cache_rows_threshold', 'inductor_graph', 'static', _EQ),
    ('sz_cache_rows_threshold', 'inductor_graph', 'batch', _EQ),
    ('sz_cache_rows_threshold', 'inductor_graph', 'dynamic', _R),
    ('sz_slots_batch_slot', 'inductor_graph', 'static', _EQ),
    ('sz_slots_batch_slot', 'inductor_graph', 'batch', _R),
    ('sz_slots_batch_slot', 'inductor_graph', 'dynamic', _R),
    ('pw_i32_where', 'torchair_like', 'static', _FF),
    ('pw_i32_where', 'torchair_like', 'batch', _FF),
    ('pw_i32_where', 'torchair_like', 'dynamic', _R),
    ('pw_i32_where_ge', 'torchair_like', 'static', _FF),
    ('pw_i32_where_ge', 'torchair_like', 'batch', _FF),
    ('pw_i32_where_ge', 'torchair_like', 'dynamic', _R),
    ('pw_i64_where', 'torchair_like', 'static', _FF),
    ('pw_i64_where', 'torchair_like', 'batch', _FF),
    ('pw_i64_where', 'torchair_like', 'dynamic', _FF),
    ('pw_i64_arith', 'torchair_like', 'static', _FF),
    ('pw_i64_arith', 'torchair_like', 'batch', _FF),
    ('pw_i64_arith', 'torchair_like', 'dynamic', _FF),
    ('pw_i32_neg', 'torchair_like', 'static', _FF),
    ('pw_i32_neg', 'torchair_like', 'batch', _FF),
    ('pw_i32_neg', 'torchair_like', 'dynamic', _R),
    ('pw_i32_nested', 'torchair_like', 'static', _FF),
    ('pw_i32_nested', 'torchair_like', 'batch', _FF),
    ('pw_i32_nested', 'torchair_like', 'dynamic', _R),
    ('pw_i32_index_copy', 'torchair_like', 'static', _FF),
    ('pw_i32_index_copy', 'torchair_like', 'batch', _FF),
    ('pw_i32_index_copy', 'torchair_like', 'dynamic', _R),
    ('pw_i32_two_layers', 'torchair_like', 'static', _FF),
    ('pw_i32_two_layers', 'torchair_like', 'batch', _FF),
    ('pw_i32_two_layers', 'torchair_like', 'dynamic', _R),
    ('pw_i32_ctrl', 'torchair_like', 'static', _EQ),
    ('pw_i32_ctrl', 'torchair_like', 'batch', _EQ),
    ('pw_i32_ctrl', 'torchair_like', 'dynamic', _R),
    ('pw_outer_passed_in', 'torchair_like', 'static', _EQ),
    ('pw_outer_passed_in', 'torchair_like', 'batch', _EQ),
    ('pw_outer_passed_in', 'torchair_like', 'dynamic', _EQ),
    ('pw_outer_of_shift', 'torchair_like', 'static', _R),
    ('pw_outer_of_shift', 'torchair_like', 'batch', _R),
    ('pw_outer_of_shift', 'torchair_like', 'dynamic', _R),
    ('pw_table_i32_where', 'torchair_like', 'static', _FF),
    ('pw_table_i32_where', 'torchair_like', 'batch', _FF),
    ('pw_table_i32_where', 'torchair_like', 'dynamic', _R),
    ('pw_table_plain', 'torchair_like', 'static', _EQ),
    ('pw_table_plain', 'torchair_like', 'batch', _EQ),
    ('pw_table_plain', 'torchair_like', 'dynamic', _EQ),
    ('sm_xor', 'torchair_like', 'static', _R),
    ('sm_xor', 'torchair_like', 'batch', _R),
    ('sm_xor', 'torchair_like', 'dynamic', _R),
    ('sm_mul_unit', 'torchair_like', 'static', _R),
    ('sm_mul_unit', 'torchair_like', 'batch', _R),
    ('sm_mul_unit', 'torchair_like', 'dynamic', _R),
    ('sm_sub_from_S', 'torchair_like', 'static', _R),
    ('sm_sub_from_S', 'torchair_like', 'batch', _R),
    ('sm_sub_from_S', 'torchair_like', 'dynamic', _R),
    ('sm_c_minus_i32', 'torchair_like', 'static', _R),
    ('sm_c_minus_i32', 'torchair_like', 'batch', _R),
    ('sm_c_minus_i32', 'torchair_like', 'dynamic', _R),
    ('sm_i16_before_mod', 'torchair_like', 'static', _EQ),
    ('sm_i16_before_mod', 'torchair_like', 'batch', _EQ),
    ('sm_i16_before_mod', 'torchair_like', 'dynamic', _R),
    ('sm_u8_after_mod', 'torchair_like', 'static', _R),
    ('sm_u8_after_mod', 'torchair_like', 'batch', _R),
    ('sm_u8_after_mod', 'torchair_like', 'dynamic', _R),
    ('sm_i8_shift', 'torchair_like', 'static', _R),
    ('sm_i8_shift', 'torchair_like', 'batch', _R),
    ('sm_i8_shift', 'torchair_like', 'dynamic', _R),
    ('sm_i16_shift_small', 'torchair_like', 'static', _EQ),
    ('sm_i16_shift_small', 'torchair_like', 'batch', _EQ),
    ('sm_i16_shift_small', 'torchair_like', 'dynamic', _R),
    ('sm_mod_mod', 'torchair_like', 'static', _EQ),
    ('sm_mod_mod', 'torchair_like', 'batch', _EQ),
    ('sm_mod_mod', 'torchair_like', 'dynamic', _EQ),
    ('sm_fmod', 'torchair_like', 'static', _R),
    ('sm_fmod', 'torchair_like', 'batch', _R),
    ('sm_fmod', 'torchair_like', 'dynamic', _R),
    ('sm_alpha2', 'torchair_like', 'static', _R),
    ('sm_alpha2', 'torchair_like', 'batch', _R),
    ('sm_alpha2', 'torchair_like', 'dynamic', _R),
    ('sm_i32_shift_S_bound', 'torchair_like', 'static', _EQ),
    ('sm_i32_shift_S_bound', 'torchair_like', 'batch', _EQ),
    ('sm_i32_shift_S_bound', 'torchair_like', 'dynamic', _R),
    ('sm_i32_shift_S_bound_p1', 'torchair_like', 'static', _R),
    ('sm_i32_shift_S_bound_p1', 'torchair_like', 'batch', _R),
    ('sm_i32_shift_S_bound_p1', 'torchair_like', 'dynamic', _R),
    ('ls_lens_mod', 'torchair_like', 'static', _FF),
    ('ls_lens_mod', 'torchair_like', 'batch', _FF),
    ('ls_lens_mod', 'torchair_like', 'dynamic', _FF),
    ('ls_lens_shift_mod', 'torchair_like', 'static', _FF),
    ('ls_lens_shift_mod', 'torchair_like', 'batch', _FF),
    ('ls_lens_shift_mod', 'torchair_like', 'dynamic', _FF),
    ('ls_lens_i32_mod', 'torchair_like', 'static', _FF),
    ('ls_lens_i32_mod', 'torchair_like', 'batch', _FF),
    ('ls_lens_i32_mod', 'torchair_like', 'dynamic', _FF),
    ('ls_lens_wrap', 'torchair_like', 'static', _R),
    ('ls_lens_wrap', 'torchair_like', 'batch', _R),
    ('ls_lens_wrap', 'torchair_like', 'dynamic', _R),
    ('ls_page_slot', 'torchair_like', 'static', _FF),
    ('ls_page_slot', 'torchair_like', 'batch', _FF),
    ('ls_page_slot', 'torchair_like', 'dynamic', _FF),
    ('fl_base', 'torchair_like', 'static', _EQ),
    ('fl_base', 'torchair_like', 'batch', _CCT),
    ('fl_base', 'torchair_like', 'dynamic', _R),
    ('fl_slot_flat', 'torchair_like', 'static', _EQ),
    ('fl_slot_flat', 'torchair_like', 'batch', _CCT),
    ('fl_slot_flat', 'torchair_like', 'dynamic', _R),
    ('fl_slot_flat_short', 'torchair_like', 'static', _R),
    ('fl_slot_flat_short', 'torchair_like', 'batch', _CCT),
    ('fl_slot_flat_short', 'torchair_like', 'dynamic', _R),
    ('fl_slot_flat_reshape', 'torchair_like', 'static', _EQ),
    ('fl_slot_flat_reshape', 'torchair_like', 'batch', _CCT),
    ('fl_slot_flat_reshape', 'torchair_like', 'dynamic', _R),
    ('fl_slot_flat_wrap', 'torchair_like', 'static', _FF),
    ('fl_slot_flat_wrap', 'torchair_like', 'batch', _CCT),
    ('fl_slot_flat_wrap', 'torchair_like', 'dynamic', _R),
    ('fl_slot_flat_cidx_plus', 'torchair_like', 'static', _EQ),
    ('fl_slot_flat_cidx_plus', 'torchair_like', 'batch', _CCT),
    ('fl_slot_flat_cidx_plus', 'torchair_like', 'dynamic', _R),
    ('fl_win_width_from_table', 'torchair_like', 'static', _EQ),
    ('fl_win_width_from_table', 'torchair_like', 'batch', _CCT),
    ('fl_win_width_from_table', 'torchair_like', 'dynamic', _R),
    ('fl_win_flatten', 'torchair_like', 'static', _EQ),
    ('fl_win_flatten', 'torchair_like', 'batch', _CCT),
    ('fl_win_flatten', 'torchair_like', 'dynamic', _R),
    ('fl_win_unclamped', 'torchair_like', 'static', _R),
    ('fl_win_unclamped', 'torchair_like', 'batch', _CCT),
    ('fl_win_unclamped', 'torchair_like', 'dynamic', _R),
    ('fl_attn_past_row', 'torchair_like', 'static', _EQ),
    ('fl_attn_past_row', 'torchair_like', 'batch', _CCT),
    ('fl_attn_past_row', 'torchair_like', 'dynamic', _R),
    ('fl_attn_shared', 'torchair_like', 'static', _EQ),
    ('fl_attn_shared', 'torchair_like', 'batch', _CCT),
    ('fl_attn_shared', 'torchair_like', 'dynamic', _R),
    ('sz_slots_batch_new', 'torchair_like', 'static', _EQ),
    ('sz_slots_batch_new', 'torchair_like', 'batch', _R),
    ('sz_slots_batch_new', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows_new', 'torchair_like', 'static', _EQ),
    ('sz_cache_rows_new', 'torchair_like', 'batch', _EQ),
    ('sz_cache_rows_new', 'torchair_like', 'dynamic', _R),
    ('sz_kv_blocks_cond', 'torchair_like', 'static', _EQ),
    ('sz_kv_blocks_cond', 'torchair_like', 'batch', _EQ),
    ('sz_kv_blocks_cond', 'torchair_like', 'dynamic', _EQ),
    ('sz_cache_rows_cond', 'torchair_like', 'static', _EQ),
    ('sz_cache_rows_cond', 'torchair_like', 'batch', _EQ),
    ('sz_cache_rows_cond', 'torchair_like', 'dynamic', _R),
    ('sz_slots_batch_cond', 'torchair_like', 'static', _EQ),
    ('sz_slots_batch_cond', 'torchair_like', 'batch', _R),
    ('sz_slots_batch_cond', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows_post_mul', 'torchair_like', 'static', _R),
    ('sz_cache_rows_post_mul', 'torchair_like', 'batch', _R),
    ('sz_cache_rows_post_mul', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows_window', 'torchair_like', 'static', _EQ),
    ('sz_cache_rows_window', 'torchair_like', 'batch', _EQ),
    ('sz_cache_rows_window', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows_slot', 'torchair_like', 'static', _EQ),
    ('sz_cache_rows_slot', 'torchair_like', 'batch', _EQ),
    ('sz_cache_rows_slot', 'torchair_like', 'dynamic', _R),
    ('sz_cache_rows_threshold', 'torchair_like', 'static', _EQ),
    ('sz_cache_rows_threshold', 'torchair_like', 'batch', _EQ),
    ('sz_cache_rows_threshold', 'torchair_like', 'dynamic', _R),
    ('sz_slots_batch_slot', 'torchair_like', 'static', _EQ),
    ('sz_slots_batch_slot', 'torchair_like', 'batch', _R),
    ('sz_slots_batch_slot', 'torchair_like', 'dynamic', _R),
]

_LATER = [
    ('pw_i64_where', 'inductor', 'static', _CD),
    ('pw_i64_where', 'inductor', 'batch', _CD),
    ('pw_i64_where', 'inductor', 'dynamic', _FF),
    ('pw_i64_arith', 'inductor', 'static', _CD),
    ('pw_i64_arith', 'inductor', 'batch', _CD),
    ('pw_i64_arith', 'inductor', 'dynamic', _FF),
    ('ls_lens_mod', 'inductor', 'static', _FF),
    ('ls_lens_mod', 'inductor', 'batch', _FF),
    ('ls_lens_mod', 'inductor', 'dynamic', _FF),
    ('ls_lens_shift_mod', 'inductor', 'static', _FF),
    ('ls_lens_shift_mod', 'inductor', 'batch', _FF),
    ('ls_lens_shift_mod', 'inductor', 'dynamic', _FF),
    ('fl_slot_flat_wrap', 'inductor', 'static', _CD),
    ('fl_slot_flat_wrap', 'inductor', 'batch', _CCT),
    ('fl_slot_flat_wrap', 'inductor', 'dynamic', _R),
    ('ls_page_slot_own', 'inductor_graph', 'static', _FF),
    ('ls_page_slot_own', 'inductor_graph', 'batch', _FF),
    ('ls_page_slot_own', 'inductor_graph', 'dynamic', _FF),
    ('ls_page_slot_own', 'torchair_like', 'static', _FF),
    ('ls_page_slot_own', 'torchair_like', 'batch', _FF),
    ('ls_page_slot_own', 'torchair_like', 'dynamic', _FF),
    ('ls_page_slot_own', 'inductor', 'static', _FF),
    ('ls_page_slot_own', 'inductor', 'batch', _FF),
    ('ls_page_slot_own', 'inductor', 'dynamic', _FF),
    ('pw_i64_where', 'vllm_post', 'static', _FF),
    ('pw_i64_where', 'vllm_post', 'batch', _FF),
    ('pw_i64_where', 'vllm_post', 'dynamic', _FF),
    ('pw_i64_arith', 'vllm_post', 'static', _FF),
    ('pw_i64_arith', 'vllm_post', 'batch', _FF),
    ('pw_i64_arith', 'vllm_post', 'dynamic', _FF),
    ('ls_lens_mod', 'vllm_post', 'static', _FF),
    ('ls_lens_mod', 'vllm_post', 'batch', _FF),
    ('ls_lens_mod', 'vllm_post', 'dynamic', _FF),
    ('fl_slot_flat_wrap', 'vllm_post', 'static', _FF),
    ('fl_slot_flat_wrap', 'vllm_post', 'batch', _CCT),
    ('fl_slot_flat_wrap', 'vllm_post', 'dynamic', _R),
]


def classify52(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-51)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify52)
