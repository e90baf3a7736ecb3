"""Twenty-ninth adversarial review of the recogniser (round 29; reviewer focus: the float side, static and mark_dynamic:
the new rows (window sum, its order, mean forms, weights, negations, scalings, dtype round trips, reductions), the kept
rows, IEEE specials, and aliasing around the cache).

Same format as redteam25: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step, inputs,
modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are redteam7's
``classify7``.

    python tests/corpora/redteam29.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam29.py --table OUT.md [--dialect D ...] [name ...]

First try (02:47-03:25 UTC, frozen snapshot of 1679bb7 in /tmp/base28, PYTHONPATH=/tmp/base28, run from that tree):
89 attacks in 7 themes, 197 runs per graph dialect (``_FIRST``).

* inductor_graph: 75 FALSE FUSION (33 attacks) / 0 CRASH / 62 equal / 60 refused / 0 control differs;
* torchair_like:  75 FALSE FUSION (33 attacks) / 0 CRASH / 52 equal / 70 refused / 0 control differs (differences to
  inductor_graph: openrev_roll_sum refused (batch plan, roll), the cast_* round trips that Inductor's graph drops
  (w via fp64, w half-float-half, tokens via fp64, the pooled value via fp64) refused, nothing else);
* Inductor codegen (``--dialect inductor``, nsa_fusion_backend; every graph-dialect false fusion in every mode it
  applies to, the fma_ controls, every alias_ attack): 135 runs of 65 attacks: 62 FALSE FUSION (28 attacks: all 22 of
  F1, 6 of F2) / 5 CONTROL DIFFERS (fma_* static; openrev_stack_rev_last_sum static) / 1 REFUSED (control differs)
  (openrev_stack_rev_last_sum batch) / 51 equal / 16 refused.  The graph dialects run their control as eager aten
  ops, so an order-only difference reads FALSE FUSION there whatever plain Inductor's code does: of their 75 FALSE
  FUSION runs, the 12 fma_* ones and openrev_stack_rev_last_sum's one are NOT findings (plain Inductor adds in
  another order too: the documented open-sum difference); the other 62 are confirmed in codegen.

Two findings, both FALSE FUSIONs on valid input where plain Inductor (the control) equals eager
(/work/briefs/redteam29_findings.md; standalone repros /work/briefs/redteam29_repro.py, redteam29_repro2.py):

* F1 (theme 1, rare_*, rare2_*, rare_periodic_*, rare_low_*; 22 attacks, 48 runs per dialect, all confirmed in
  Inductor codegen; static, mark_dynamic and dynamic=True): a
  per-row branch on the LENGTH taken at a few qualifying lengths only escapes the one-draw probes.  At those lengths
  the step sums the window in reversed order (an add chain; elsewhere the op's order from zeros), or reads one unread
  position before the window under a zero weight (``cat([zeros(1, N), w])`` over l + 1 tokens: 0 * NaN).  The
  condition is ``s == c``, ``s <= 48`` (monotone, settled: passes under dynamic=True), ``s % 1024 == 560`` (periodic:
  passes under dynamic=True), spelled as ``torch.where``, a gather of ``stack([a, b], 1)`` by the comparison, or on
  the integer side only (positions read last-first and the weight flipped at that length).  Rule:
  ``pooling.PoolingProof._probe_specials``: the dyadic rounds evaluate every qualifying length but cannot tell the
  branches apart (exact sums, no specials); the specials / +inf positions / +inf weights / order rounds are ONE draw
  each of probe_B rows with random qualifying lengths (4 rows at a static batch of 4, 32 otherwise), so a length
  drawn with small probability is never probed with values that separate the branches; the structure rules accept a
  select whose condition is on the lengths.  Controls common_order_rev_vs_fwd / common_leak_zero_weight (the same
  branch at every length from 64 on) are refused by the same rounds.  Cancelling window [65504, 1e-3, -65504, 1e-3,
  0..] under weight 1: eager / control 0, fused 1e-3; NaN in the position before the window: eager / control NaN,
  fused finite.  Repro ``redteam29_repro.py [order|leak] [static|batch] [big]`` (``big``: B = 64, N = 8, D = 64, fused
  by the default cost rule).
* F2 (theme 4, openrev_rev_positions_{sum,einsum,mean}, openrev_index_select_rev_sum, openrev_index_rev_sum,
  openrev_stack_rev_sum0: 6 attacks, 14 runs per dialect, all confirmed in Inductor codegen; static, mark_dynamic (not
  the stack spelling: tiling rule) and dynamic=True for the positions spellings; openrev_stack_rev_last_sum, a
  reduction over the innermost dim, differs in plain Inductor too): the window read last token first (``pos = s - 1 - arange(l)`` with
  ``w.flip(0)``; a reversed ``index_select``; a reversed stack) and pooled by ONE reduction (sum, einsum, mean).  Eager
  and plain Inductor both add in the user's reversed order and agree bit for bit; the op adds in window order
  (cancelling window: eager / control 0, fused 1e-3; mean 3.1e-5).  Rule: ``pooling.PoolingProof.check_structure``:
  a reduction of more than two terms with no summed input is an open sum (``written_order`` False), and the gathers /
  stacks that reverse the window are data movement, so no order round runs.  Policy caveat: docs/contract.md exempts
  the order of ``sum`` / ``einsum`` / ``matmul`` (on the premise that eager and plain Inductor already differ, which
  they do not here) and also says "a reversed or chunked sum" the model writes out "is either matched exactly or not
  fused"; reported under the brief's yardstick, the maintainers may file it under the exemption.  Repro
  ``redteam29_repro2.py [sum|einsum|mean] [static|batch]`` (B = 64, N = 8, D = 64, default cost rule).

Not found (equal or refused; the class each tried):
* aliasing (theme 2, 27 attacks, both graph dialects AND Inductor codegen: 50 equal, 4 refused each): two steps into
  one cache (same slots; a second step keeping the first's rows; KV scaled in place between them), functional clone /
  index_put steps, snapshots returned, rows / views / transposes / sums of the old cache read before the step and used
  after (with the KV, weight, lengths, table or slots written in place after the step), a flat view returned, an
  unsqueeze view written, ``index_copy_``, a copy into another tensor then ``zero_``, the keep read from a snapshot
  taken before a first step, a functional second step keeping the first step's input rows, a keep from
  ``cache.flip(0).clone().flip(0)``: all fused & equal; a weight read out of the cache (clone / contiguous) refused.
* a sign flip after the mean's 1/l scaling (theme 3; ``summed`` is not carried through the scaling, so
  ``-((-x).sum(1) * (1/l))``, ``/ l``, einsum, keepdim pass ``_check_after_the_sum``): refused by the specials probe
  (mean pooling meets zero column sums on dyadic draws); ``0 - ...`` refused by the 0 - x rule.  Combined with F1's
  rare-length branch it would pass (not run separately: same gap).
* theme 4 controls: a forward stack + sum (equal), halves swapped / rolled by 5 (equal on the cancelling window: the
  zeros move), a chunked sum as two reductions (refused: order probe), ``flip`` (refused: batch plan, prims.rev).
* fp32 data pooled by einsum / matmul / bmm / mul + sum with full mantissas (theme 5): graph dialects FALSE FUSION,
  Inductor codegen CONTROL DIFFERS (not a finding: the documented open-sum difference).
* dtype round trips (theme 6): the weight via bf16 and the tokens via bf16 refused (rounding casts); the weight via
  fp64, fp16 -> fp32 -> fp16, the tokens via fp64, the pooled value rounded via fp64: equal in inductor_graph (Inductor
  drops exact round trips), refused in torchair_like.
* attack bugs, fixed before the recorded first try: rare2_leak_after_length first read position ``capacity`` for the
  row of length capacity (eager IndexError; now clamped to capacity - 1); two rare2 spellings were first run at
  lengths 4096 / 1024 (same results as the recorded 4080 / 1008 ones: FALSE FUSION at batch 4, refused at batch 40,
  where the 32-row probe drew the length).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F  # noqa: F401

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_CANCEL16 = [65504.0, 1e-3, -65504.0, 1e-3] + [0.0] * (L - 4)


def _products(kv, w, table, lens, l=L):
    tok = tokens(kv, table, positions(lens, l))
    return tok.float() * w.float()[None, :, :, None]


def _rev_chain(p):
    acc = p[:, -1]
    for j in range(p.shape[1] - 2, -1, -1):
        acc = acc + p[:, j]
    return acc


def _fwd_chain_zeros(p):
    acc = torch.zeros_like(p[:, 0])
    for j in range(p.shape[1]):
        acc = acc + p[:, j]
    return acc


# --- 1. a branch on the length that only some lengths take: the one-draw probes (specials, +inf, order) -------
# The dyadic pooling probes evaluate every qualifying length, but on values whose sums are exact in any order and
# without IEEE specials; the specials / positions / weights / order rounds are ONE draw each, of probe_B rows whose
# lengths are drawn at random among the qualifying ones.  A per-row select on the length that takes another
# spelling (a reversed add chain, a read of one unread position under a zero weight) at one length only is seen by
# those rounds only where that length is drawn.
def _rare(kind, s0s):
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        rare = torch.zeros_like(ll, dtype=torch.bool)
        for s0 in s0s:
            rare = rare | (ll == s0)
        if kind == "order_rev_vs_sum":
            clean, other = p.sum(1), _rev_chain(p)
        elif kind == "order_rev_vs_fwd":
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        elif kind == "leak_zero_weight":
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            clean, other = p.sum(1), (tok * w1[None, :, :, None]).sum(1)
        else:
            raise AssertionError(kind)
        new = torch.where(rare[:, None, None], other, clean)
        return write(cache, slots, completes(lens), new)
    return step


def _rare_inputs(s0, B=4, pages=64, dtype=torch.float16, cancel=True):
    """A dyadic call (compiled), then calls with rows at length s0: cancelling windows under weight 1 (order), and
    NaN / inf in the unread positions (build's specials: the position before the window among them)."""
    cap = pages * 64

    def make():
        base = [s0, 100, 48, cap] + [32 + 16 * k for k in range(B - 4)]
        lens = base[:B]
        out = [build(B=B, pages=pages, dtype=dtype, seed=1, lengths=[32 + 16 * (k * 7 % 60) for k in range(B)])]
        lens2 = [s0] * B
        lens2[1] = 77
        if cancel:
            out.append(build(B=B, pages=pages, dtype=dtype, seed=2, lengths=lens2,
                             window=lambda b, s: _CANCEL16 if dtype == torch.float16 else None,
                             weight=torch.ones(L, 2, dtype=dtype)))
        out.append(build(B=B, pages=pages, dtype=dtype, seed=3, lengths=lens))
        return out
    return make


ATTACKS = []
for _s0, _pages, _B in ((4096, 64, 4), (4080, 64, 4), (2048, 64, 4), (1024, 16, 4), (4096, 64, 40), (1040, 64, 4)):
    for _kind in ("order_rev_vs_sum", "order_rev_vs_fwd", "leak_zero_weight"):
        ATTACKS.append((f"rare_{_kind}_s{_s0}_p{_pages}_b{_B}",
                        _mk(_rare(_kind, (_s0,)), _rare_inputs(_s0, B=_B, pages=_pages), SB),
                        f"{_kind} taken at length {_s0} only (capacity {_pages * 64}, batch {_B})"))




def _rare2(kind, s0s):
    """More spellings of a length-selected branch."""
    def step(kv, w, slots, table, lens, cache):
        l = L
        ll = lens.long()
        B, N = ll.shape[0], w.shape[1]
        rare = torch.zeros_like(ll, dtype=torch.bool)
        for s0 in s0s:
            rare = rare | (ll == s0)
        if kind == "perm_positions":
            # the window read in reverse at s0 (positions and weight flipped alike), summed by ONE chain in read
            # order: at s0 that is the reversed window order
            base = (ll[:, None] - l + torch.arange(l)).clamp(min=0)
            back = (ll[:, None] - 1 - torch.arange(l)).clamp(min=0)  # the same positions, last first
            pos = torch.where(rare[:, None], back, base)
            tok = tokens(kv, table, pos).float()
            wr = torch.where(rare[:, None, None], w.flip(0)[None], w[None]).float()
            p = tok * wr[..., None]
            new = _fwd_chain_zeros(p)
        elif kind == "stack_gather":
            p = _products(kv, w, table, lens)
            both = torch.stack([_fwd_chain_zeros(p), _rev_chain(p)], 1)  # [B, 2, N, D]
            new = both[torch.arange(B), rare.long()]
        elif kind == "leak_after_length":
            p = _products(kv, w, table, lens)
            cap = table.shape[1] * kv.shape[1]
            pos = (ll[:, None] - l + torch.arange(l + 1)).clamp(min=0, max=cap - 1)  # position s (unread) last
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([w, torch.zeros(1, N, dtype=w.dtype)]).float()
            new = torch.where(rare[:, None, None], (tok * w1[None, :, :, None]).sum(1), p.sum(1))
        elif kind == "leak_einsum":
            p = _products(kv, w, table, lens)
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            new = torch.where(rare[:, None, None], torch.einsum("bjnd,jn->bnd", tok, w1),
                              torch.einsum("bjnd,jn->bnd", tokens(kv, table, positions(lens)).float(), w.float()))
        elif kind == "leak_mean_fp16":
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            clean = tokens(kv, table, positions(lens)).float().mean(1)
            ones = torch.ones(l + 1, N, dtype=w.dtype)
            ones[0] = 0
            other = (tok * (1.0 / l)).sum(1)
            new = torch.where(rare[:, None, None], other, clean)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


for _s0, _pages, _B in ((4080, 64, 4), (1008, 16, 40)):
    for _kind in ("perm_positions", "stack_gather", "leak_after_length", "leak_einsum"):
        ATTACKS.append((f"rare2_{_kind}_s{_s0}_p{_pages}_b{_B}",
                        _mk(_rare2(_kind, (_s0,)), _rare_inputs(_s0, B=_B, pages=_pages), SB),
                        f"{_kind} taken at length {_s0} only (capacity {_pages * 64}, batch {_B})"))


def _rare_periodic(kind, modulus, residue):
    """The branch on a remainder of the length (periodic, so it passes the period rule under a symbolic capacity)."""
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        rare = (ll % modulus) == residue
        if kind == "order":
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        else:
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            clean, other = p.sum(1), (tok * w1[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), torch.where(rare[:, None, None], other, clean))
    return step


for _kind in ("order", "leak"):
    ATTACKS.append((f"rare_periodic_{_kind}_m1024", _mk(_rare_periodic(_kind, 1024, 560), _rare_inputs(560, B=4, pages=64),
                                                       MODES3),
                    f"{_kind} at lengths = 560 mod 1024 (4 of 255 qualifying lengths), capacity 4096, all modes"))

# --- 2. aliasing around the cache: clones, views, two steps into one cache, functional updates, later writes --------
def _std(n=2, **kw):
    return lambda: [build(seed=k, **kw) for k in range(n)]


def _new(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


def _alias(kind):
    def step(kv, w, slots, table, lens, cache):
        c = completes(lens)
        s = slots.long()
        if kind == "two_steps_same_slots":
            write(cache, slots, c, _new(kv, w, table, lens))
            write(cache, slots, c, _new(kv, w.flip(0), table, lens))
            return cache
        if kind == "two_steps_second_reads_first":  # the second keeps the first step's rows (its own old rows)
            write(cache, slots, c, _new(kv, w, table, lens))
            c2 = c & (lens % 32 == 0)
            write(cache, slots, c2, _new(kv, w.flip(0), table, lens))
            return cache
        if kind == "functional_clone":
            c2 = cache.clone()
            write(c2, slots, c, _new(kv, w, table, lens))
            return c2
        if kind == "functional_index_put":
            rows = torch.where(c[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
            return cache.index_put((s,), rows), cache * 1
        if kind == "snapshot_returned":
            old = cache.clone()
            write(cache, slots, c, _new(kv, w, table, lens))
            return cache, old
        if kind == "rows_read_before_used_after":
            y = cache[s]
            write(cache, slots, c, _new(kv, w, table, lens))
            return cache, y
        if kind == "view_read_before":
            v = cache.view(cache.shape[0], -1)
            y = v[s].float()
            write(cache, slots, c, _new(kv, w, table, lens))
            return y
        if kind == "flat_view_returned":
            write(cache, slots, c, _new(kv, w, table, lens))
            return cache.view(-1)
        if kind == "weight_from_cache_clone":
            N = w.shape[1]
            w2 = cache.view(-1)[: L * N].view(L, N).clone()
            write(cache, slots, c, _new(kv, w2, table, lens))
            return cache
        if kind == "weight_from_cache_contig":
            w2 = cache[:L, :, 0].contiguous()
            write(cache, slots, c, _new(kv, w2, table, lens))
            return cache
        if kind == "kv_written_after":
            write(cache, slots, c, _new(kv, w, table, lens))
            kv[table[:, -1].long(), 0] = 0.0
            return cache
        if kind == "kv_window_page_written_after":
            write(cache, slots, c, _new(kv, w, table, lens))
            kv.mul_(0.5)
            return cache
        if kind == "weight_written_after":
            write(cache, slots, c, _new(kv, w, table, lens))
            w.copy_(w.flip(0))
            return cache
        if kind == "lens_advanced_after":
            write(cache, slots, c, _new(kv, w, table, lens))
            lens.add_(1)
            return cache
        if kind == "table_written_after":
            write(cache, slots, c, _new(kv, w, table, lens))
            table.copy_(table.flip(1))
            return cache
        if kind == "cache_unsqueeze_view":
            cv = cache.unsqueeze(0)[0]
            write(cv, slots, c, _new(kv, w, table, lens))
            return cache
        if kind == "index_copy_inplace":
            rows = torch.where(c[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
            cache.index_copy_(0, s, rows)
            return cache
        if kind == "slots_written_after":
            write(cache, slots, c, _new(kv, w, table, lens))
            slots.copy_(slots.flip(0))
            return cache
        if kind == "step_then_copy_into_other":
            write(cache, slots, c, _new(kv, w, table, lens))
            out = torch.empty_like(cache)
            out.copy_(cache)
            cache.zero_()
            return out
        if kind == "keep_from_snapshot_before_first_step":
            snap = cache.clone()
            write(cache, slots, c, _new(kv, w, table, lens))
            c2 = c & (lens % 32 == 0)
            rows = torch.where(c2[:, None, None], _new(kv, w.flip(0), table, lens).to(cache.dtype), snap[s])
            cache[s] = rows
            return cache
        if kind == "functional_keep_from_first_input":
            rows1 = torch.where(c[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
            c1 = cache.index_put((s,), rows1)
            c2 = c & (lens % 32 == 0)
            rows2 = torch.where(c2[:, None, None], _new(kv, w.flip(0), table, lens).to(cache.dtype), cache[s])
            return c1.index_put((s,), rows2)
        if kind == "keep_from_clone_of_cache":
            snap = cache.clone()
            rows = torch.where(c[:, None, None], _new(kv, w, table, lens).to(cache.dtype), snap[s])
            cache[s] = rows
            return cache, snap
        if kind == "two_caches_crossed_keep":
            other = cache.flip(0).clone()
            rows = torch.where(c[:, None, None], _new(kv, w, table, lens).to(cache.dtype), other.flip(0)[s])
            cache[s] = rows
            return cache
        if kind == "old_rows_then_kv_scaled":
            y = cache[s] * 1
            write(cache, slots, c, _new(kv, w, table, lens))
            kv.mul_(2)
            return cache, y
        if kind == "old_sum_then_kv_append":
            y = cache.float().sum(0)
            write(cache, slots, c, _new(kv, w, table, lens))
            kv[table[:, 0].long(), 1] = kv[table[:, 0].long(), 0]
            return cache, y
        if kind == "old_view_then_weight_zeroed":
            y = cache.transpose(0, 1)[0].clone()
            write(cache, slots, c, _new(kv, w, table, lens))
            w.zero_()
            return y, cache
        if kind == "step_twice_kv_between":
            write(cache, slots, c, _new(kv, w, table, lens))
            kv.mul_(0.5)
            c2 = c & (lens % 32 == 0)
            write(cache, slots, c2, _new(kv, w, table, lens))
            return cache
        raise AssertionError(kind)
    return step


for _kind in ("old_rows_then_kv_scaled", "old_sum_then_kv_append", "old_view_then_weight_zeroed", "step_twice_kv_between"):
    ATTACKS.append((f"alias_{_kind}", _mk(_alias(_kind), _std(), SB), f"aliasing: {_kind}"))

for _kind in ("keep_from_snapshot_before_first_step", "functional_keep_from_first_input", "keep_from_clone_of_cache",
              "two_caches_crossed_keep"):
    ATTACKS.append((f"alias_{_kind}", _mk(_alias(_kind), _std(), SB), f"aliasing: {_kind}"))

for _kind in ("two_steps_same_slots", "two_steps_second_reads_first", "functional_clone", "functional_index_put",
              "snapshot_returned", "rows_read_before_used_after", "view_read_before", "flat_view_returned",
              "weight_from_cache_clone", "weight_from_cache_contig", "kv_written_after", "kv_window_page_written_after",
              "weight_written_after", "lens_advanced_after", "table_written_after", "cache_unsqueeze_view",
              "index_copy_inplace", "slots_written_after", "step_then_copy_into_other"):
    ATTACKS.append((f"alias_{_kind}", _mk(_alias(_kind), _std(), SB), f"aliasing: {_kind}"))

# --- 3. a sign flip after the mean's 1/l scaling (fp16): `summed` is not carried through the scaling ---------------
def _neg_scaled(kind):
    def step(kv, w, slots, table, lens, cache):
        x = tokens(kv, table, positions(lens)).float()
        l = x.shape[1]
        if kind == "mul":
            new = -((-x).sum(1) * (1.0 / l))
        elif kind == "div":
            new = -((-x).sum(1) / l)
        elif kind == "mul_first":  # scale the negated sum, then negate
            new = ((-x).sum(1) * (1.0 / l)).neg()
        elif kind == "einsum_div":
            new = -(torch.einsum("bjnd->bnd", -x) / l)
        elif kind == "mean_then_neg_of_neg_tokens_keepdim":
            new = -((-x).sum(1, keepdim=True) * (1.0 / l))[:, 0]
        elif kind == "sub_from_scaled":  # (0 - s/l) refused by the 0 - x rule: control
            new = torch.zeros_like(x[:, 0]) - ((-x).sum(1) * (1.0 / l))
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


def _zero_windows(dtype=torch.float16, n_plain=1):
    return lambda: [build(seed=k, dtype=dtype) for k in range(n_plain)] + [
        build(seed=9, dtype=dtype, window=lambda b, s: [0.0] * L)]


for _kind in ("mul", "div", "mul_first", "einsum_div", "mean_then_neg_of_neg_tokens_keepdim", "sub_from_scaled"):
    ATTACKS.append((f"negscale_{_kind}_fp16", _mk(_neg_scaled(_kind), _zero_windows(), MODES3),
                    f"mean pooling as -((-x).sum(1) scaled by 1/l) ({_kind}); zero windows: eager -0.0, the op +0.0"))

# a monotone threshold (settled at the last probed length, so it passes the threshold rule under dynamic=True)
def _rare_low(kind, T):
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        rare = ll <= T
        if kind == "order":
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        else:
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            clean, other = p.sum(1), (tok * w1[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), torch.where(rare[:, None, None], other, clean))
    return step


for _kind in ("order", "leak"):
    ATTACKS.append((f"rare_low_{_kind}_le48", _mk(_rare_low(_kind, 48), _rare_inputs(48, B=4, pages=64), MODES3),
                    f"{_kind} at lengths <= 48 (2 of 255 qualifying lengths; monotone, settled), capacity 4096"))

# --- 4. a reversed sum spelled as one reduction (docs/contract.md: "a reversed or chunked sum" the model writes out
# is matched exactly or not fused; a single l-term reduction is read as an open sum) ----------------------------------
def _open_rev(kind):
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        l = p.shape[1]
        if kind == "flip_sum":
            new = p.flip(1).sum(1)
        elif kind == "stack_rev_sum0":
            new = torch.stack([p[:, j] for j in range(l - 1, -1, -1)]).sum(0)
        elif kind == "stack_fwd_sum0":
            new = torch.stack([p[:, j] for j in range(l)]).sum(0)
        elif kind == "stack_rev_last_sum":
            new = torch.stack([p[:, j] for j in range(l - 1, -1, -1)], -1).sum(-1)
        elif kind == "cat_halves_swapped_sum":
            new = torch.cat([p[:, l // 2:], p[:, : l // 2]], 1).sum(1)
        elif kind == "index_select_rev_sum":
            new = p.index_select(1, torch.arange(l - 1, -1, -1)).sum(1)
        elif kind == "index_rev_sum":
            new = p[:, torch.arange(l - 1, -1, -1)].sum(1)
        elif kind == "roll_sum":
            new = p.roll(5, 1).sum(1)
        elif kind in ("rev_positions_sum", "rev_positions_einsum", "rev_positions_mean"):
            ll = lens.long()
            pos = (ll[:, None] - 1 - torch.arange(l)).clamp(min=0)  # the window, last token first
            tok = tokens(kv, table, pos).float()
            if kind == "rev_positions_mean":
                new = tok.mean(1)
            elif kind == "rev_positions_einsum":
                new = torch.einsum("bjnd,jn->bnd", tok, w.flip(0).float())
            else:
                new = (tok * w.flip(0).float()[None, :, :, None]).sum(1)
        elif kind == "chunks4_sum":  # chunked: sum of 8 chunk sums, read as two reductions (written)
            new = p.view(p.shape[0], 8, 4, *p.shape[2:]).sum(2).sum(1)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


def _cancel_inputs(dtype=torch.float16):
    def make():
        big = 65504.0
        vals = [big, 1e-3, -big, 1e-3] + [0.0] * (L - 4)
        return [build(seed=0, dtype=dtype),
                build(seed=5, dtype=dtype, window=lambda b, s: vals if b % 3 else vals[::-1],
                      weight=torch.ones(L, 2, dtype=dtype))]
    return make


for _kind in ("flip_sum", "stack_rev_sum0", "stack_fwd_sum0", "stack_rev_last_sum", "chunks4_sum",
              "cat_halves_swapped_sum", "index_select_rev_sum", "index_rev_sum", "roll_sum", "rev_positions_sum",
              "rev_positions_einsum", "rev_positions_mean"):
    ATTACKS.append((f"openrev_{_kind}_fp16", _mk(_open_rev(_kind), _cancel_inputs(), MODES3 if "positions" in _kind else SB),
                    f"one {L}-term reduction in a user-chosen order ({_kind}), cancelling windows"))

# --- 5. fp32 data pooled by a BLAS contraction (einsum / matmul / bmm): a CPU sgemm accumulates with fused multiply-adds
# (one rounding per step where the op rounds the product, then the sum); eager and plain Inductor call the same gemm ----
from tests.corpora.redteam25 import _wide  # noqa: E402


def _blas(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        wf = w.float()
        B, l, N, D = tok.shape
        if kind == "einsum":
            new = torch.einsum("bjnd,jn->bnd", tok, wf)
        elif kind == "matmul":  # [B, N, D, l] @ [N, l, 1]
            new = (tok.permute(0, 2, 3, 1) @ wf.t()[:, :, None])[..., 0]
        elif kind == "bmm":
            x = tok.permute(2, 0, 3, 1).reshape(N, B * D, l)
            new = torch.bmm(x, wf.t()[:, :, None]).reshape(N, B, D).permute(1, 0, 2)
        elif kind == "mul_sum":  # control: products then sum (no contraction in eager)
            new = (tok * wf[None, :, :, None]).sum(1)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


def _wide_fp32_calls():
    return lambda: [build(seed=0, dtype=torch.float32), _wide(dtype=torch.float32, seed=3),
                    _wide(dtype=torch.float32, seed=4)]


for _kind in ("einsum", "matmul", "bmm", "mul_sum"):
    ATTACKS.append((f"fma_{_kind}_fp32", _mk(_blas(_kind), _wide_fp32_calls(), MODES3),
                    f"fp32 data pooled by {_kind}, full-mantissa tokens and weights"))

# --- 6. dtype round trips of the weight and the tokens ------------------------------------------------------------
def _casts(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        if kind == "w_via_bf16":
            wf = w.to(torch.bfloat16).float()
            x = tok.float()
        elif kind == "w_via_fp64":
            wf = w.double().float()
            x = tok.float()
        elif kind == "w_half_float_half":
            wf = w.float().half().float()
            x = tok.float()
        elif kind == "tok_via_fp64":
            wf = w.float()
            x = tok.double().float()
        elif kind == "tok_via_bf16":
            wf = w.float()
            x = tok.to(torch.bfloat16).float()
        elif kind == "new_via_fp64_round":
            new = (tok.float() * w.float()[None, :, :, None]).sum(1).double().to(cache.dtype)
            return write(cache, slots, completes(lens), new)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), (x * wf[None, :, :, None]).sum(1))
    return step


def _full_mantissa_calls(dtype=torch.float16):
    def make():
        g = torch.Generator().manual_seed(77)
        w = ((torch.rand(L, 2, generator=g) + 1) * (torch.randint(0, 2, (L, 2), generator=g) * 2 - 1)).to(dtype)
        return [build(seed=0, dtype=dtype), build(seed=1, dtype=dtype, weight=w),
                _wide(dtype=dtype, seed=3)]
    return make


for _kind in ("w_via_bf16", "w_via_fp64", "w_half_float_half", "tok_via_fp64", "tok_via_bf16", "new_via_fp64_round"):
    ATTACKS.append((f"cast_{_kind}_fp16", _mk(_casts(_kind), _full_mantissa_calls(), SB),
                    f"dtype round trip: {_kind}, fp16 data, full-mantissa weights"))

# controls: the same branches taken at most lengths (every probe round draws them): expected refused
_COMMON = tuple(range(64, 4097, 16))
for _kind in ("order_rev_vs_fwd", "leak_zero_weight"):
    ATTACKS.append((f"common_{_kind}", _mk(_rare(_kind, _COMMON), _rare_inputs(4096, B=4, pages=64), SB),
                    f"control: {_kind} taken at every length from 64 on"))
# symbolic capacity (dynamic=True): the length compare may be refused there
for _kind in ("order_rev_vs_fwd", "leak_zero_weight"):
    ATTACKS.append((f"rare_dyn_{_kind}", _mk(_rare(_kind, (1024,)), _rare_inputs(1024, B=4, pages=16), MODES3),
                    f"{_kind} at length 1024 (the compiled capacity), all three modes"))

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_EF, _CD, _RCD = "EAGER FAILS", "CONTROL DIFFERS", "REFUSED (control differs)"
# First try (02:47-03:25 UTC, /tmp/base28 = 1679bb7): (attack, dialect, mode, result).  "inductor" rows are the
# Inductor-codegen confirmation runs.
_FIRST = [
    ('rare_order_rev_vs_sum_s4096_p64_b4', 'inductor_graph', 'static', _R),
    ('rare_order_rev_vs_sum_s4096_p64_b4', 'inductor_graph', 'batch', _R),
    ('rare_order_rev_vs_fwd_s4096_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_leak_zero_weight_s4096_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_leak_zero_weight_s4096_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_order_rev_vs_sum_s4080_p64_b4', 'inductor_graph', 'static', _R),
    ('rare_order_rev_vs_sum_s4080_p64_b4', 'inductor_graph', 'batch', _R),
    ('rare_order_rev_vs_fwd_s4080_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4080_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_leak_zero_weight_s4080_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_leak_zero_weight_s4080_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_order_rev_vs_sum_s2048_p64_b4', 'inductor_graph', 'static', _R),
    ('rare_order_rev_vs_sum_s2048_p64_b4', 'inductor_graph', 'batch', _R),
    ('rare_order_rev_vs_fwd_s2048_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_order_rev_vs_fwd_s2048_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_leak_zero_weight_s2048_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_leak_zero_weight_s2048_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_order_rev_vs_sum_s1024_p16_b4', 'inductor_graph', 'static', _R),
    ('rare_order_rev_vs_sum_s1024_p16_b4', 'inductor_graph', 'batch', _R),
    ('rare_order_rev_vs_fwd_s1024_p16_b4', 'inductor_graph', 'static', _FF),
    ('rare_order_rev_vs_fwd_s1024_p16_b4', 'inductor_graph', 'batch', _FF),
    ('rare_leak_zero_weight_s1024_p16_b4', 'inductor_graph', 'static', _FF),
    ('rare_leak_zero_weight_s1024_p16_b4', 'inductor_graph', 'batch', _FF),
    ('rare_order_rev_vs_sum_s4096_p64_b40', 'inductor_graph', 'static', _R),
    ('rare_order_rev_vs_sum_s4096_p64_b40', 'inductor_graph', 'batch', _R),
    ('rare_order_rev_vs_fwd_s4096_p64_b40', 'inductor_graph', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b40', 'inductor_graph', 'batch', _FF),
    ('rare_leak_zero_weight_s4096_p64_b40', 'inductor_graph', 'static', _FF),
    ('rare_leak_zero_weight_s4096_p64_b40', 'inductor_graph', 'batch', _FF),
    ('rare_order_rev_vs_sum_s1040_p64_b4', 'inductor_graph', 'static', _R),
    ('rare_order_rev_vs_sum_s1040_p64_b4', 'inductor_graph', 'batch', _R),
    ('rare_order_rev_vs_fwd_s1040_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_order_rev_vs_fwd_s1040_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare_leak_zero_weight_s1040_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare_leak_zero_weight_s1040_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare2_perm_positions_s4080_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare2_perm_positions_s4080_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare2_stack_gather_s4080_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare2_stack_gather_s4080_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare2_leak_after_length_s4080_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare2_leak_after_length_s4080_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare2_leak_einsum_s4080_p64_b4', 'inductor_graph', 'static', _FF),
    ('rare2_leak_einsum_s4080_p64_b4', 'inductor_graph', 'batch', _FF),
    ('rare2_perm_positions_s1008_p16_b40', 'inductor_graph', 'static', _R),
    ('rare2_perm_positions_s1008_p16_b40', 'inductor_graph', 'batch', _R),
    ('rare2_stack_gather_s1008_p16_b40', 'inductor_graph', 'static', _R),
    ('rare2_stack_gather_s1008_p16_b40', 'inductor_graph', 'batch', _R),
    ('rare2_leak_after_length_s1008_p16_b40', 'inductor_graph', 'static', _R),
    ('rare2_leak_after_length_s1008_p16_b40', 'inductor_graph', 'batch', _R),
    ('rare2_leak_einsum_s1008_p16_b40', 'inductor_graph', 'static', _R),
    ('rare2_leak_einsum_s1008_p16_b40', 'inductor_graph', 'batch', _R),
    ('rare_periodic_order_m1024', 'inductor_graph', 'static', _FF),
    ('rare_periodic_order_m1024', 'inductor_graph', 'batch', _FF),
    ('rare_periodic_order_m1024', 'inductor_graph', 'dynamic', _FF),
    ('rare_periodic_leak_m1024', 'inductor_graph', 'static', _FF),
    ('rare_periodic_leak_m1024', 'inductor_graph', 'batch', _FF),
    ('rare_periodic_leak_m1024', 'inductor_graph', 'dynamic', _FF),
    ('alias_old_rows_then_kv_scaled', 'inductor_graph', 'static', _EQ),
    ('alias_old_rows_then_kv_scaled', 'inductor_graph', 'batch', _EQ),
    ('alias_old_sum_then_kv_append', 'inductor_graph', 'static', _EQ),
    ('alias_old_sum_then_kv_append', 'inductor_graph', 'batch', _EQ),
    ('alias_old_view_then_weight_zeroed', 'inductor_graph', 'static', _EQ),
    ('alias_old_view_then_weight_zeroed', 'inductor_graph', 'batch', _EQ),
    ('alias_step_twice_kv_between', 'inductor_graph', 'static', _EQ),
    ('alias_step_twice_kv_between', 'inductor_graph', 'batch', _EQ),
    ('alias_keep_from_snapshot_before_first_step', 'inductor_graph', 'static', _EQ),
    ('alias_keep_from_snapshot_before_first_step', 'inductor_graph', 'batch', _EQ),
    ('alias_functional_keep_from_first_input', 'inductor_graph', 'static', _EQ),
    ('alias_functional_keep_from_first_input', 'inductor_graph', 'batch', _EQ),
    ('alias_keep_from_clone_of_cache', 'inductor_graph', 'static', _EQ),
    ('alias_keep_from_clone_of_cache', 'inductor_graph', 'batch', _EQ),
    ('alias_two_caches_crossed_keep', 'inductor_graph', 'static', _EQ),
    ('alias_two_caches_crossed_keep', 'inductor_graph', 'batch', _EQ),
    ('alias_two_steps_same_slots', 'inductor_graph', 'static', _EQ),
    ('alias_two_steps_same_slots', 'inductor_graph', 'batch', _EQ),
    ('alias_two_steps_second_reads_first', 'inductor_graph', 'static', _EQ),
    ('alias_two_steps_second_reads_first', 'inductor_graph', 'batch', _EQ),
    ('alias_functional_clone', 'inductor_graph', 'static', _EQ),
    ('alias_functional_clone', 'inductor_graph', 'batch', _EQ),
    ('alias_functional_index_put', 'inductor_graph', 'static', _EQ),
    ('alias_functional_index_put', 'inductor_graph', 'batch', _EQ),
    ('alias_snapshot_returned', 'inductor_graph', 'static', _EQ),
    ('alias_snapshot_returned', 'inductor_graph', 'batch', _EQ),
    ('alias_rows_read_before_used_after', 'inductor_graph', 'static', _EQ),
    ('alias_rows_read_before_used_after', 'inductor_graph', 'batch', _EQ),
    ('alias_view_read_before', 'inductor_graph', 'static', _EQ),
    ('alias_view_read_before', 'inductor_graph', 'batch', _EQ),
    ('alias_flat_view_returned', 'inductor_graph', 'static', _EQ),
    ('alias_flat_view_returned', 'inductor_graph', 'batch', _EQ),
    ('alias_weight_from_cache_clone', 'inductor_graph', 'static', _R),
    ('alias_weight_from_cache_clone', 'inductor_graph', 'batch', _R),
    ('alias_weight_from_cache_contig', 'inductor_graph', 'static', _R),
    ('alias_weight_from_cache_contig', 'inductor_graph', 'batch', _R),
    ('alias_kv_written_after', 'inductor_graph', 'static', _EQ),
    ('alias_kv_written_after', 'inductor_graph', 'batch', _EQ),
    ('alias_kv_window_page_written_after', 'inductor_graph', 'static', _EQ),
    ('alias_kv_window_page_written_after', 'inductor_graph', 'batch', _EQ),
    ('alias_weight_written_after', 'inductor_graph', 'static', _EQ),
    ('alias_weight_written_after', 'inductor_graph', 'batch', _EQ),
    ('alias_lens_advanced_after', 'inductor_graph', 'static', _EQ),
    ('alias_lens_advanced_after', 'inductor_graph', 'batch', _EQ),
    ('alias_table_written_after', 'inductor_graph', 'static', _EQ),
    ('alias_table_written_after', 'inductor_graph', 'batch', _EQ),
    ('alias_cache_unsqueeze_view', 'inductor_graph', 'static', _EQ),
    ('alias_cache_unsqueeze_view', 'inductor_graph', 'batch', _EQ),
    ('alias_index_copy_inplace', 'inductor_graph', 'static', _EQ),
    ('alias_index_copy_inplace', 'inductor_graph', 'batch', _EQ),
    ('alias_slots_written_after', 'inductor_graph', 'static', _EQ),
    ('alias_slots_written_after', 'inductor_graph', 'batch', _EQ),
    ('alias_step_then_copy_into_other', 'inductor_graph', 'static', _EQ),
    ('alias_step_then_copy_into_other', 'inductor_graph', 'batch', _EQ),
    ('negscale_mul_fp16', 'inductor_graph', 'static', _R),
    ('negscale_mul_fp16', 'inductor_graph', 'batch', _R),
    ('negscale_mul_fp16', 'inductor_graph', 'dynamic', _R),
    ('negscale_div_fp16', 'inductor_graph', 'static', _R),
    ('negscale_div_fp16', 'inductor_graph', 'batch', _R),
    ('negscale_div_fp16', 'inductor_graph', 'dynamic', _R),
    ('negscale_mul_first_fp16', 'inductor_graph', 'static', _R),
    ('negscale_mul_first_fp16', 'inductor_graph', 'batch', _R),
    ('negscale_mul_first_fp16', 'inductor_graph', 'dynamic', _R),
    ('negscale_einsum_div_fp16', 'inductor_graph', 'static', _R),
    ('negscale_einsum_div_fp16', 'inductor_graph', 'batch', _R),
    ('negscale_einsum_div_fp16', 'inductor_graph', 'dynamic', _R),
    ('negscale_mean_then_neg_of_neg_tokens_keepdim_fp16', 'inductor_graph', 'static', _R),
    ('negscale_mean_then_neg_of_neg_tokens_keepdim_fp16', 'inductor_graph', 'batch', _R),
    ('negscale_mean_then_neg_of_neg_tokens_keepdim_fp16', 'inductor_graph', 'dynamic', _R),
    ('negscale_sub_from_scaled_fp16', 'inductor_graph', 'static', _R),
    ('negscale_sub_from_scaled_fp16', 'inductor_graph', 'batch', _R),
    ('negscale_sub_from_scaled_fp16', 'inductor_graph', 'dynamic', _R),
    ('rare_low_order_le48', 'inductor_graph', 'static', _FF),
    ('rare_low_order_le48', 'inductor_graph', 'batch', _FF),
    ('rare_low_order_le48', 'inductor_graph', 'dynamic', _FF),
    ('rare_low_leak_le48', 'inductor_graph', 'static', _FF),
    ('rare_low_leak_le48', 'inductor_graph', 'batch', _FF),
    ('rare_low_leak_le48', 'inductor_graph', 'dynamic', _FF),
    ('openrev_flip_sum_fp16', 'inductor_graph', 'static', _R),
    ('openrev_flip_sum_fp16', 'inductor_graph', 'batch', _R),
    ('openrev_stack_rev_sum0_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_stack_rev_sum0_fp16', 'inductor_graph', 'batch', _R),
    ('openrev_stack_fwd_sum0_fp16', 'inductor_graph', 'static', _EQ),
    ('openrev_stack_fwd_sum0_fp16', 'inductor_graph', 'batch', _R),
    ('openrev_stack_rev_last_sum_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_stack_rev_last_sum_fp16', 'inductor_graph', 'batch', _R),
    ('openrev_chunks4_sum_fp16', 'inductor_graph', 'static', _R),
    ('openrev_chunks4_sum_fp16', 'inductor_graph', 'batch', _R),
    ('openrev_cat_halves_swapped_sum_fp16', 'inductor_graph', 'static', _EQ),
    ('openrev_cat_halves_swapped_sum_fp16', 'inductor_graph', 'batch', _R),
    ('openrev_index_select_rev_sum_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_index_select_rev_sum_fp16', 'inductor_graph', 'batch', _FF),
    ('openrev_index_rev_sum_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_index_rev_sum_fp16', 'inductor_graph', 'batch', _FF),
    ('openrev_roll_sum_fp16', 'inductor_graph', 'static', _EQ),
    ('openrev_roll_sum_fp16', 'inductor_graph', 'batch', _EQ),
    ('openrev_rev_positions_sum_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_rev_positions_sum_fp16', 'inductor_graph', 'batch', _FF),
    ('openrev_rev_positions_sum_fp16', 'inductor_graph', 'dynamic', _FF),
    ('openrev_rev_positions_einsum_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_rev_positions_einsum_fp16', 'inductor_graph', 'batch', _FF),
    ('openrev_rev_positions_einsum_fp16', 'inductor_graph', 'dynamic', _FF),
    ('openrev_rev_positions_mean_fp16', 'inductor_graph', 'static', _FF),
    ('openrev_rev_positions_mean_fp16', 'inductor_graph', 'batch', _FF),
    ('openrev_rev_positions_mean_fp16', 'inductor_graph', 'dynamic', _FF),
    ('fma_einsum_fp32', 'inductor_graph', 'static', _FF),
    ('fma_einsum_fp32', 'inductor_graph', 'batch', _FF),
    ('fma_einsum_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fma_matmul_fp32', 'inductor_graph', 'static', _FF),
    ('fma_matmul_fp32', 'inductor_graph', 'batch', _FF),
    ('fma_matmul_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fma_bmm_fp32', 'inductor_graph', 'static', _FF),
    ('fma_bmm_fp32', 'inductor_graph', 'batch', _FF),
    ('fma_bmm_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fma_mul_sum_fp32', 'inductor_graph', 'static', _FF),
    ('fma_mul_sum_fp32', 'inductor_graph', 'batch', _FF),
    ('fma_mul_sum_fp32', 'inductor_graph', 'dynamic', _FF),
    ('cast_w_via_bf16_fp16', 'inductor_graph', 'static', _R),
    ('cast_w_via_bf16_fp16', 'inductor_graph', 'batch', _R),
    ('cast_w_via_fp64_fp16', 'inductor_graph', 'static', _EQ),
    ('cast_w_via_fp64_fp16', 'inductor_graph', 'batch', _EQ),
    ('cast_w_half_float_half_fp16', 'inductor_graph', 'static', _EQ),
    ('cast_w_half_float_half_fp16', 'inductor_graph', 'batch', _EQ),
    ('cast_tok_via_fp64_fp16', 'inductor_graph', 'static', _EQ),
    ('cast_tok_via_fp64_fp16', 'inductor_graph', 'batch', _EQ),
    ('cast_tok_via_bf16_fp16', 'inductor_graph', 'static', _R),
    ('cast_tok_via_bf16_fp16', 'inductor_graph', 'batch', _R),
    ('cast_new_via_fp64_round_fp16', 'inductor_graph', 'static', _EQ),
    ('cast_new_via_fp64_round_fp16', 'inductor_graph', 'batch', _EQ),
    ('common_order_rev_vs_fwd', 'inductor_graph', 'static', _R),
    ('common_order_rev_vs_fwd', 'inductor_graph', 'batch', _R),
    ('common_leak_zero_weight', 'inductor_graph', 'static', _R),
    ('common_leak_zero_weight', 'inductor_graph', 'batch', _R),
    ('rare_dyn_order_rev_vs_fwd', 'inductor_graph', 'static', _FF),
    ('rare_dyn_order_rev_vs_fwd', 'inductor_graph', 'batch', _FF),
    ('rare_dyn_order_rev_vs_fwd', 'inductor_graph', 'dynamic', _R),
    ('rare_dyn_leak_zero_weight', 'inductor_graph', 'static', _FF),
    ('rare_dyn_leak_zero_weight', 'inductor_graph', 'batch', _FF),
    ('rare_dyn_leak_zero_weight', 'inductor_graph', 'dynamic', _R),
    ('rare_order_rev_vs_sum_s4096_p64_b4', 'torchair_like', 'static', _R),
    ('rare_order_rev_vs_sum_s4096_p64_b4', 'torchair_like', 'batch', _R),
    ('rare_order_rev_vs_fwd_s4096_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_leak_zero_weight_s4096_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_leak_zero_weight_s4096_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_order_rev_vs_sum_s4080_p64_b4', 'torchair_like', 'static', _R),
    ('rare_order_rev_vs_sum_s4080_p64_b4', 'torchair_like', 'batch', _R),
    ('rare_order_rev_vs_fwd_s4080_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4080_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_leak_zero_weight_s4080_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_leak_zero_weight_s4080_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_order_rev_vs_sum_s2048_p64_b4', 'torchair_like', 'static', _R),
    ('rare_order_rev_vs_sum_s2048_p64_b4', 'torchair_like', 'batch', _R),
    ('rare_order_rev_vs_fwd_s2048_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_order_rev_vs_fwd_s2048_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_leak_zero_weight_s2048_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_leak_zero_weight_s2048_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_order_rev_vs_sum_s1024_p16_b4', 'torchair_like', 'static', _R),
    ('rare_order_rev_vs_sum_s1024_p16_b4', 'torchair_like', 'batch', _R),
    ('rare_order_rev_vs_fwd_s1024_p16_b4', 'torchair_like', 'static', _FF),
    ('rare_order_rev_vs_fwd_s1024_p16_b4', 'torchair_like', 'batch', _FF),
    ('rare_leak_zero_weight_s1024_p16_b4', 'torchair_like', 'static', _FF),
    ('rare_leak_zero_weight_s1024_p16_b4', 'torchair_like', 'batch', _FF),
    ('rare_order_rev_vs_sum_s4096_p64_b40', 'torchair_like', 'static', _R),
    ('rare_order_rev_vs_sum_s4096_p64_b40', 'torchair_like', 'batch', _R),
    ('rare_order_rev_vs_fwd_s4096_p64_b40', 'torchair_like', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b40', 'torchair_like', 'batch', _FF),
    ('rare_leak_zero_weight_s4096_p64_b40', 'torchair_like', 'static', _FF),
    ('rare_leak_zero_weight_s4096_p64_b40', 'torchair_like', 'batch', _FF),
    ('rare_order_rev_vs_sum_s1040_p64_b4', 'torchair_like', 'static', _R),
    ('rare_order_rev_vs_sum_s1040_p64_b4', 'torchair_like', 'batch', _R),
    ('rare_order_rev_vs_fwd_s1040_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_order_rev_vs_fwd_s1040_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare_leak_zero_weight_s1040_p64_b4', 'torchair_like', 'static', _FF),
    ('rare_leak_zero_weight_s1040_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare2_perm_positions_s4080_p64_b4', 'torchair_like', 'static', _FF),
    ('rare2_perm_positions_s4080_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare2_stack_gather_s4080_p64_b4', 'torchair_like', 'static', _FF),
    ('rare2_stack_gather_s4080_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare2_leak_after_length_s4080_p64_b4', 'torchair_like', 'static', _FF),
    ('rare2_leak_after_length_s4080_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare2_leak_einsum_s4080_p64_b4', 'torchair_like', 'static', _FF),
    ('rare2_leak_einsum_s4080_p64_b4', 'torchair_like', 'batch', _FF),
    ('rare2_perm_positions_s1008_p16_b40', 'torchair_like', 'static', _R),
    ('rare2_perm_positions_s1008_p16_b40', 'torchair_like', 'batch', _R),
    ('rare2_stack_gather_s1008_p16_b40', 'torchair_like', 'static', _R),
    ('rare2_stack_gather_s1008_p16_b40', 'torchair_like', 'batch', _R),
    ('rare2_leak_after_length_s1008_p16_b40', 'torchair_like', 'static', _R),
    ('rare2_leak_after_length_s1008_p16_b40', 'torchair_like', 'batch', _R),
    ('rare2_leak_einsum_s1008_p16_b40', 'torchair_like', 'static', _R),
    ('rare2_leak_einsum_s1008_p16_b40', 'torchair_like', 'batch', _R),
    ('rare_periodic_order_m1024', 'torchair_like', 'static', _FF),
    ('rare_periodic_order_m1024', 'torchair_like', 'batch', _FF),
    ('rare_periodic_order_m1024', 'torchair_like', 'dynamic', _FF),
    ('rare_periodic_leak_m1024', 'torchair_like', 'static', _FF),
    ('rare_periodic_leak_m1024', 'torchair_like', 'batch', _FF),
    ('rare_periodic_leak_m1024', 'torchair_like', 'dynamic', _FF),
    ('alias_old_rows_then_kv_scaled', 'torchair_like', 'static', _EQ),
    ('alias_old_rows_then_kv_scaled', 'torchair_like', 'batch', _EQ),
    ('alias_old_sum_then_kv_append', 'torchair_like', 'static', _EQ),
    ('alias_old_sum_then_kv_append', 'torchair_like', 'batch', _EQ),
    ('alias_old_view_then_weight_zeroed', 'torchair_like', 'static', _EQ),
    ('alias_old_view_then_weight_zeroed', 'torchair_like', 'batch', _EQ),
    ('alias_step_twice_kv_between', 'torchair_like', 'static', _EQ),
    ('alias_step_twice_kv_between', 'torchair_like', 'batch', _EQ),
    ('alias_keep_from_snapshot_before_first_step', 'torchair_like', 'static', _EQ),
    ('alias_keep_from_snapshot_before_first_step', 'torchair_like', 'batch', _EQ),
    ('alias_functional_keep_from_first_input', 'torchair_like', 'static', _EQ),
    ('alias_functional_keep_from_first_input', 'torchair_like', 'batch', _EQ),
    ('alias_keep_from_clone_of_cache', 'torchair_like', 'static', _EQ),
    ('alias_keep_from_clone_of_cache', 'torchair_like', 'batch', _EQ),
    ('alias_two_caches_crossed_keep', 'torchair_like', 'static', _EQ),
    ('alias_two_caches_crossed_keep', 'torchair_like', 'batch', _EQ),
    ('alias_two_steps_same_slots', 'torchair_like', 'static', _EQ),
    ('alias_two_steps_same_slots', 'torchair_like', 'batch', _EQ),
    ('alias_two_steps_second_reads_first', 'torchair_like', 'static', _EQ),
    ('alias_two_steps_second_reads_first', 'torchair_like', 'batch', _EQ),
    ('alias_functional_clone', 'torchair_like', 'static', _EQ),
    ('alias_functional_clone', 'torchair_like', 'batch', _EQ),
    ('alias_functional_index_put', 'torchair_like', 'static', _EQ),
    ('alias_functional_index_put', 'torchair_like', 'batch', _EQ),
    ('alias_snapshot_returned', 'torchair_like', 'static', _EQ),
    ('alias_snapshot_returned', 'torchair_like', 'batch', _EQ),
    ('alias_rows_read_before_used_after', 'torchair_like', 'static', _EQ),
    ('alias_rows_read_before_used_after', 'torchair_like', 'batch', _EQ),
    ('alias_view_read_before', 'torchair_like', 'static', _EQ),
    ('alias_view_read_before', 'torchair_like', 'batch', _EQ),
    ('alias_flat_view_returned', 'torchair_like', 'static', _EQ),
    ('alias_flat_view_returned', 'torchair_like', 'batch', _EQ),
    ('alias_weight_from_cache_clone', 'torchair_like', 'static', _R),
    ('alias_weight_from_cache_clone', 'torchair_like', 'batch', _R),
    ('alias_weight_from_cache_contig', 'torchair_like', 'static', _R),
    ('alias_weight_from_cache_contig', 'torchair_like', 'batch', _R),
    ('alias_kv_written_after', 'torchair_like', 'static', _EQ),
    ('alias_kv_written_after', 'torchair_like', 'batch', _EQ),
    ('alias_kv_window_page_written_after', 'torchair_like', 'static', _EQ),
    ('alias_kv_window_page_written_after', 'torchair_like', 'batch', _EQ),
    ('alias_weight_written_after', 'torchair_like', 'static', _EQ),
    ('alias_weight_written_after', 'torchair_like', 'batch', _EQ),
    ('alias_lens_advanced_after', 'torchair_like', 'static', _EQ),
    ('alias_lens_advanced_after', 'torchair_like', 'batch', _EQ),
    ('alias_table_written_after', 'torchair_like', 'static', _EQ),
    ('alias_table_written_after', 'torchair_like', 'batch', _EQ),
    ('alias_cache_unsqueeze_view', 'torchair_like', 'static', _EQ),
    ('alias_cache_unsqueeze_view', 'torchair_like', 'batch', _EQ),
    ('alias_index_copy_inplace', 'torchair_like', 'static', _EQ),
    ('alias_index_copy_inplace', 'torchair_like', 'batch', _EQ),
    ('alias_slots_written_after', 'torchair_like', 'static', _EQ),
    ('alias_slots_written_after', 'torchair_like', 'batch', _EQ),
    ('alias_step_then_copy_into_other', 'torchair_like', 'static', _EQ),
    ('alias_step_then_copy_into_other', 'torchair_like', 'batch', _EQ),
    ('negscale_mul_fp16', 'torchair_like', 'static', _R),
    ('negscale_mul_fp16', 'torchair_like', 'batch', _R),
    ('negscale_mul_fp16', 'torchair_like', 'dynamic', _R),
    ('negscale_div_fp16', 'torchair_like', 'static', _R),
    ('negscale_div_fp16', 'torchair_like', 'batch', _R),
    ('negscale_div_fp16', 'torchair_like', 'dynamic', _R),
    ('negscale_mul_first_fp16', 'torchair_like', 'static', _R),
    ('negscale_mul_first_fp16', 'torchair_like', 'batch', _R),
    ('negscale_mul_first_fp16', 'torchair_like', 'dynamic', _R),
    ('negscale_einsum_div_fp16', 'torchair_like', 'static', _R),
    ('negscale_einsum_div_fp16', 'torchair_like', 'batch', _R),
    ('negscale_einsum_div_fp16', 'torchair_like', 'dynamic', _R),
    ('negscale_mean_then_neg_of_neg_tokens_keepdim_fp16', 'torchair_like', 'static', _R),
    ('negscale_mean_then_neg_of_neg_tokens_keepdim_fp16', 'torchair_like', 'batch', _R),
    ('negscale_mean_then_neg_of_neg_tokens_keepdim_fp16', 'torchair_like', 'dynamic', _R),
    ('negscale_sub_from_scaled_fp16', 'torchair_like', 'static', _R),
    ('negscale_sub_from_scaled_fp16', 'torchair_like', 'batch', _R),
    ('negscale_sub_from_scaled_fp16', 'torchair_like', 'dynamic', _R),
    ('rare_low_order_le48', 'torchair_like', 'static', _FF),
    ('rare_low_order_le48', 'torchair_like', 'batch', _FF),
    ('rare_low_order_le48', 'torchair_like', 'dynamic', _FF),
    ('rare_low_leak_le48', 'torchair_like', 'static', _FF),
    ('rare_low_leak_le48', 'torchair_like', 'batch', _FF),
    ('rare_low_leak_le48', 'torchair_like', 'dynamic', _FF),
    ('openrev_flip_sum_fp16', 'torchair_like', 'static', _R),
    ('openrev_flip_sum_fp16', 'torchair_like', 'batch', _R),
    ('openrev_stack_rev_sum0_fp16', 'torchair_like', 'static', _FF),
    ('openrev_stack_rev_sum0_fp16', 'torchair_like', 'batch', _R),
    ('openrev_stack_fwd_sum0_fp16', 'torchair_like', 'static', _EQ),
    ('openrev_stack_fwd_sum0_fp16', 'torchair_like', 'batch', _R),
    ('openrev_stack_rev_last_sum_fp16', 'torchair_like', 'static', _FF),
    ('openrev_stack_rev_last_sum_fp16', 'torchair_like', 'batch', _R),
    ('openrev_chunks4_sum_fp16', 'torchair_like', 'static', _R),
    ('openrev_chunks4_sum_fp16', 'torchair_like', 'batch', _R),
    ('openrev_cat_halves_swapped_sum_fp16', 'torchair_like', 'static', _EQ),
    ('openrev_cat_halves_swapped_sum_fp16', 'torchair_like', 'batch', _R),
    ('openrev_index_select_rev_sum_fp16', 'torchair_like', 'static', _FF),
    ('openrev_index_select_rev_sum_fp16', 'torchair_like', 'batch', _FF),
    ('openrev_index_rev_sum_fp16', 'torchair_like', 'static', _FF),
    ('openrev_index_rev_sum_fp16', 'torchair_like', 'batch', _FF),
    ('openrev_roll_sum_fp16', 'torchair_like', 'static', _R),
    ('openrev_roll_sum_fp16', 'torchair_like', 'batch', _R),
    ('openrev_rev_positions_sum_fp16', 'torchair_like', 'static', _FF),
    ('openrev_rev_positions_sum_fp16', 'torchair_like', 'batch', _FF),
    ('openrev_rev_positions_sum_fp16', 'torchair_like', 'dynamic', _FF),
    ('openrev_rev_positions_einsum_fp16', 'torchair_like', 'static', _FF),
    ('openrev_rev_positions_einsum_fp16', 'torchair_like', 'batch', _FF),
    ('openrev_rev_positions_einsum_fp16', 'torchair_like', 'dynamic', _FF),
    ('openrev_rev_positions_mean_fp16', 'torchair_like', 'static', _FF),
    ('openrev_rev_positions_mean_fp16', 'torchair_like', 'batch', _FF),
    ('openrev_rev_positions_mean_fp16', 'torchair_like', 'dynamic', _FF),
    ('fma_einsum_fp32', 'torchair_like', 'static', _FF),
    ('fma_einsum_fp32', 'torchair_like', 'batch', _FF),
    ('fma_einsum_fp32', 'torchair_like', 'dynamic', _FF),
    ('fma_matmul_fp32', 'torchair_like', 'static', _FF),
    ('fma_matmul_fp32', 'torchair_like', 'batch', _FF),
    ('fma_matmul_fp32', 'torchair_like', 'dynamic', _FF),
    ('fma_bmm_fp32', 'torchair_like', 'static', _FF),
    ('fma_bmm_fp32', 'torchair_like', 'batch', _FF),
    ('fma_bmm_fp32', 'torchair_like', 'dynamic', _FF),
    ('fma_mul_sum_fp32', 'torchair_like', 'static', _FF),
    ('fma_mul_sum_fp32', 'torchair_like', 'batch', _FF),
    ('fma_mul_sum_fp32', 'torchair_like', 'dynamic', _FF),
    ('cast_w_via_bf16_fp16', 'torchair_like', 'static', _R),
    ('cast_w_via_bf16_fp16', 'torchair_like', 'batch', _R),
    ('cast_w_via_fp64_fp16', 'torchair_like', 'static', _R),
    ('cast_w_via_fp64_fp16', 'torchair_like', 'batch', _R),
    ('cast_w_half_float_half_fp16', 'torchair_like', 'static', _R),
    ('cast_w_half_float_half_fp16', 'torchair_like', 'batch', _R),
    ('cast_tok_via_fp64_fp16', 'torchair_like', 'static', _R),
    ('cast_tok_via_fp64_fp16', 'torchair_like', 'batch', _R),
    ('cast_tok_via_bf16_fp16', 'torchair_like', 'static', _R),
    ('cast_tok_via_bf16_fp16', 'torchair_like', 'batch', _R),
    ('cast_new_via_fp64_round_fp16', 'torchair_like', 'static', _R),
    ('cast_new_via_fp64_round_fp16', 'torchair_like', 'batch', _R),
    ('common_order_rev_vs_fwd', 'torchair_like', 'static', _R),
    ('common_order_rev_vs_fwd', 'torchair_like', 'batch', _R),
    ('common_leak_zero_weight', 'torchair_like', 'static', _R),
    ('common_leak_zero_weight', 'torchair_like', 'batch', _R),
    ('rare_dyn_order_rev_vs_fwd', 'torchair_like', 'static', _FF),
    ('rare_dyn_order_rev_vs_fwd', 'torchair_like', 'batch', _FF),
    ('rare_dyn_order_rev_vs_fwd', 'torchair_like', 'dynamic', _R),
    ('rare_dyn_leak_zero_weight', 'torchair_like', 'static', _FF),
    ('rare_dyn_leak_zero_weight', 'torchair_like', 'batch', _FF),
    ('rare_dyn_leak_zero_weight', 'torchair_like', 'dynamic', _R),
    ('rare_order_rev_vs_fwd_s4096_p64_b4', 'inductor', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b4', 'inductor', 'batch', _FF),
    ('rare_leak_zero_weight_s4096_p64_b4', 'inductor', 'static', _FF),
    ('rare_leak_zero_weight_s4096_p64_b4', 'inductor', 'batch', _FF),
    ('rare_order_rev_vs_fwd_s4080_p64_b4', 'inductor', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4080_p64_b4', 'inductor', 'batch', _FF),
    ('rare_leak_zero_weight_s4080_p64_b4', 'inductor', 'static', _FF),
    ('rare_leak_zero_weight_s4080_p64_b4', 'inductor', 'batch', _FF),
    ('rare_order_rev_vs_sum_s2048_p64_b4', 'inductor', 'static', _R),
    ('rare_order_rev_vs_sum_s2048_p64_b4', 'inductor', 'batch', _R),
    ('rare_order_rev_vs_fwd_s2048_p64_b4', 'inductor', 'static', _FF),
    ('rare_order_rev_vs_fwd_s2048_p64_b4', 'inductor', 'batch', _FF),
    ('rare_leak_zero_weight_s2048_p64_b4', 'inductor', 'static', _FF),
    ('rare_leak_zero_weight_s2048_p64_b4', 'inductor', 'batch', _FF),
    ('rare_order_rev_vs_fwd_s1024_p16_b4', 'inductor', 'static', _FF),
    ('rare_order_rev_vs_fwd_s1024_p16_b4', 'inductor', 'batch', _FF),
    ('rare_leak_zero_weight_s1024_p16_b4', 'inductor', 'static', _FF),
    ('rare_leak_zero_weight_s1024_p16_b4', 'inductor', 'batch', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b40', 'inductor', 'static', _FF),
    ('rare_order_rev_vs_fwd_s4096_p64_b40', 'inductor', 'batch', _FF),
    ('rare_leak_zero_weight_s4096_p64_b40', 'inductor', 'static', _FF),
    ('rare_leak_zero_weight_s4096_p64_b40', 'inductor', 'batch', _FF),
    ('rare_order_rev_vs_sum_s1040_p64_b4', 'inductor', 'static', _R),
    ('rare_order_rev_vs_sum_s1040_p64_b4', 'inductor', 'batch', _R),
    ('rare_order_rev_vs_fwd_s1040_p64_b4', 'inductor', 'static', _FF),
    ('rare_order_rev_vs_fwd_s1040_p64_b4', 'inductor', 'batch', _FF),
    ('rare_leak_zero_weight_s1040_p64_b4', 'inductor', 'static', _FF),
    ('rare_leak_zero_weight_s1040_p64_b4', 'inductor', 'batch', _FF),
    ('rare2_perm_positions_s4080_p64_b4', 'inductor', 'static', _FF),
    ('rare2_perm_positions_s4080_p64_b4', 'inductor', 'batch', _FF),
    ('rare2_stack_gather_s4080_p64_b4', 'inductor', 'static', _FF),
    ('rare2_stack_gather_s4080_p64_b4', 'inductor', 'batch', _FF),
    ('rare2_leak_after_length_s4080_p64_b4', 'inductor', 'static', _FF),
    ('rare2_leak_after_length_s4080_p64_b4', 'inductor', 'batch', _FF),
    ('rare2_leak_einsum_s4080_p64_b4', 'inductor', 'static', _FF),
    ('rare2_leak_einsum_s4080_p64_b4', 'inductor', 'batch', _FF),
    ('rare_periodic_order_m1024', 'inductor', 'static', _FF),
    ('rare_periodic_order_m1024', 'inductor', 'batch', _FF),
    ('rare_periodic_order_m1024', 'inductor', 'dynamic', _FF),
    ('rare_periodic_leak_m1024', 'inductor', 'static', _FF),
    ('rare_periodic_leak_m1024', 'inductor', 'batch', _FF),
    ('rare_periodic_leak_m1024', 'inductor', 'dynamic', _FF),
    ('alias_old_rows_then_kv_scaled', 'inductor', 'static', _EQ),
    ('alias_old_rows_then_kv_scaled', 'inductor', 'batch', _EQ),
    ('alias_old_sum_then_kv_append', 'inductor', 'static', _EQ),
    ('alias_old_sum_then_kv_append', 'inductor', 'batch', _EQ),
    ('alias_old_view_then_weight_zeroed', 'inductor', 'static', _EQ),
    ('alias_old_view_then_weight_zeroed', 'inductor', 'batch', _EQ),
    ('alias_step_twice_kv_between', 'inductor', 'static', _EQ),
    ('alias_step_twice_kv_between', 'inductor', 'batch', _EQ),
    ('alias_keep_from_snapshot_before_first_step', 'inductor', 'static', _EQ),
    ('alias_keep_from_snapshot_before_first_step', 'inductor', 'batch', _EQ),
    ('alias_functional_keep_from_first_input', 'inductor', 'static', _EQ),
    ('alias_functional_keep_from_first_input', 'inductor', 'batch', _EQ),
    ('alias_keep_from_clone_of_cache', 'inductor', 'static', _EQ),
    ('alias_keep_from_clone_of_cache', 'inductor', 'batch', _EQ),
    ('alias_two_caches_crossed_keep', 'inductor', 'static', _EQ),
    ('alias_two_caches_crossed_keep', 'inductor', 'batch', _EQ),
    ('alias_two_steps_same_slots', 'inductor', 'static', _EQ),
    ('alias_two_steps_same_slots', 'inductor', 'batch', _EQ),
    ('alias_two_steps_second_reads_first', 'inductor', 'static', _EQ),
    ('alias_two_steps_second_reads_first', 'inductor', 'batch', _EQ),
    ('alias_functional_clone', 'inductor', 'static', _EQ),
    ('alias_functional_clone', 'inductor', 'batch', _EQ),
    ('alias_functional_index_put', 'inductor', 'static', _EQ),
    ('alias_functional_index_put', 'inductor', 'batch', _EQ),
    ('alias_snapshot_returned', 'inductor', 'static', _EQ),
    ('alias_snapshot_returned', 'inductor', 'batch', _EQ),
    ('alias_rows_read_before_used_after', 'inductor', 'static', _EQ),
    ('alias_rows_read_before_used_after', 'inductor', 'batch', _EQ),
    ('alias_view_read_before', 'inductor', 'static', _EQ),
    ('alias_view_read_before', 'inductor', 'batch', _EQ),
    ('alias_flat_view_returned', 'inductor', 'static', _EQ),
    ('alias_flat_view_returned', 'inductor', 'batch', _EQ),
    ('alias_weight_from_cache_clone', 'inductor', 'static', _R),
    ('alias_weight_from_cache_clone', 'inductor', 'batch', _R),
    ('alias_weight_from_cache_contig', 'inductor', 'static', _R),
    ('alias_weight_from_cache_contig', 'inductor', 'batch', _R),
    ('alias_kv_written_after', 'inductor', 'static', _EQ),
    ('alias_kv_written_after', 'inductor', 'batch', _EQ),
    ('alias_kv_window_page_written_after', 'inductor', 'static', _EQ),
    ('alias_kv_window_page_written_after', 'inductor', 'batch', _EQ),
    ('alias_weight_written_after', 'inductor', 'static', _EQ),
    ('alias_weight_written_after', 'inductor', 'batch', _EQ),
    ('alias_lens_advanced_after', 'inductor', 'static', _EQ),
    ('alias_lens_advanced_after', 'inductor', 'batch', _EQ),
    ('alias_table_written_after', 'inductor', 'static', _EQ),
    ('alias_table_written_after', 'inductor', 'batch', _EQ),
    ('alias_cache_unsqueeze_view', 'inductor', 'static', _EQ),
    ('alias_cache_unsqueeze_view', 'inductor', 'batch', _EQ),
    ('alias_index_copy_inplace', 'inductor', 'static', _EQ),
    ('alias_index_copy_inplace', 'inductor', 'batch', _EQ),
    ('alias_slots_written_after', 'inductor', 'static', _EQ),
    ('alias_slots_written_after', 'inductor', 'batch', _EQ),
    ('alias_step_then_copy_into_other', 'inductor', 'static', _EQ),
    ('alias_step_then_copy_into_other', 'inductor', 'batch', _EQ),
    ('rare_low_order_le48', 'inductor', 'static', _FF),
    ('rare_low_order_le48', 'inductor', 'batch', _FF),
    ('rare_low_order_le48', 'inductor', 'dynamic', _FF),
    ('rare_low_leak_le48', 'inductor', 'static', _FF),
    ('rare_low_leak_le48', 'inductor', 'batch', _FF),
    ('rare_low_leak_le48', 'inductor', 'dynamic', _FF),
    ('openrev_stack_rev_sum0_fp16', 'inductor', 'static', _FF),
    ('openrev_stack_rev_sum0_fp16', 'inductor', 'batch', _R),
    ('openrev_stack_fwd_sum0_fp16', 'inductor', 'static', _EQ),
    ('openrev_stack_fwd_sum0_fp16', 'inductor', 'batch', _R),
    ('openrev_stack_rev_last_sum_fp16', 'inductor', 'static', _CD),
    ('openrev_stack_rev_last_sum_fp16', 'inductor', 'batch', _RCD),
    ('openrev_index_select_rev_sum_fp16', 'inductor', 'static', _FF),
    ('openrev_index_select_rev_sum_fp16', 'inductor', 'batch', _FF),
    ('openrev_index_rev_sum_fp16', 'inductor', 'static', _FF),
    ('openrev_index_rev_sum_fp16', 'inductor', 'batch', _FF),
    ('openrev_rev_positions_sum_fp16', 'inductor', 'static', _FF),
    ('openrev_rev_positions_sum_fp16', 'inductor', 'batch', _FF),
    ('openrev_rev_positions_sum_fp16', 'inductor', 'dynamic', _FF),
    ('openrev_rev_positions_einsum_fp16', 'inductor', 'static', _FF),
    ('openrev_rev_positions_einsum_fp16', 'inductor', 'batch', _FF),
    ('openrev_rev_positions_einsum_fp16', 'inductor', 'dynamic', _FF),
    ('openrev_rev_positions_mean_fp16', 'inductor', 'static', _FF),
    ('openrev_rev_positions_mean_fp16', 'inductor', 'batch', _FF),
    ('openrev_rev_positions_mean_fp16', 'inductor', 'dynamic', _FF),
    ('fma_einsum_fp32', 'inductor', 'static', _CD),
    ('fma_matmul_fp32', 'inductor', 'static', _CD),
    ('fma_bmm_fp32', 'inductor', 'static', _CD),
    ('fma_mul_sum_fp32', 'inductor', 'static', _CD),
    ('common_order_rev_vs_fwd', 'inductor', 'static', _R),
    ('common_order_rev_vs_fwd', 'inductor', 'batch', _R),
    ('common_leak_zero_weight', 'inductor', 'static', _R),
    ('common_leak_zero_weight', 'inductor', 'batch', _R),
    ('rare_dyn_order_rev_vs_fwd', 'inductor', 'static', _FF),
    ('rare_dyn_order_rev_vs_fwd', 'inductor', 'batch', _FF),
    ('rare_dyn_order_rev_vs_fwd', 'inductor', 'dynamic', _R),
    ('rare_dyn_leak_zero_weight', 'inductor', 'static', _FF),
    ('rare_dyn_leak_zero_weight', 'inductor', 'batch', _FF),
    ('rare_dyn_leak_zero_weight', 'inductor', 'dynamic', _R),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
