"""Seventh adversarial review of the recogniser (issue 18, "a fresh adversarial review finds no false fusion").

White-box attacks that neither issue 18's classes (``tests/corpora/attacks.py``) nor the second to sixth reviews
(``redteam2.py`` .. ``redteam6.py``) have, aimed first at the code new since round 6 (fc2704f..0b07964): the bound
module buffers (``nsa_fusion/bound_inputs.py``), the ``(p + 1) - 1`` rerouting of the positions
(``nsa_fusion/lengths_from_positions.py``), Inductor's joint-graph pre-pass ``keep_zero_starts``, the size-modular
views rule, the in-place walks and the memoized length walks.  Same format as redteam6: every entry of ``ATTACKS`` is
``(name, factory, notes)``; the factory returns ``(step, inputs, modes)``; the runner and classification (REFUSED /
FUSED & EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH, with the NSA_FUSION_DISABLE=1 control, and "REFUSED, PASS
CHANGES NUMBERS") are redteam2's / redteam5's / redteam6's.

    python tests/corpora/redteam7.py [--dialect D] [--mode M] [name ...]
        D: inductor_graph | torchair_like | bound_ig | bound_ta | vllm_post | aot_outputs | inductor | torchair
    python tests/corpora/redteam7.py --table OUT.md [--dialect D ...] [name ...]   # markdown: first try vs now

Attacks named ``bound_*`` are *scenarios* on an ``nn.Module`` with buffers (the harness's backends offer no buffer
values, so they run under this module's dialects): ``bound_ig`` is the Inductor-graph runner and ``bound_ta`` the
torchair_like runner, each behind ``bound_inputs.checked_compile`` (what ``nsa_fusion_backend`` and
``get_npu_backend`` do), ``inductor`` is ``nsa_fusion_backend`` itself (real codegen), ``torchair`` real torchair on
CPU (``get_npu_backend(compiler_config=cfg)``, ``debug.run_eagerly``; also for the plain attacks).  A scenario builds
a fresh model for eager and for the compiled run, and may change the model's state between calls (``hooks``).  Under
``inductor_graph`` / ``torchair_like`` a scenario runs with the harness backends (nothing offered: the control).
``--dialect vllm_post`` is redteam6's runner (the vLLM adapters' mutating call as Inductor's post-grad post-pass).  At
0b07964 it crashed in the control too (it patched a harness hook that no longer existed); the first-try vllm_post
runs used a local copy of the fix 4691cb9 then landed (install the pass through the harness's ``with_fusion_passes``).

First try (02:30-03:36 UTC, snapshot of commit 0b079643 extracted to /tmp/base7, no fixer changes in it): 120
attacks, 369 runs (inductor_graph 140, torchair_like 140, bound_ig 18, bound_ta 18, vllm_post 17, aot_outputs 12,
inductor codegen 16 confirmations, real torchair 8).  By attack (worst result over its runs): 23 FALSE FUSION, 2 CRASH
(real Inductor; refused and pass-changed numbers in the graph dialects), 4 CONTROL DIFFERS / refused-control-differs
only (plain Inductor's own: its x * 0 -> 0 and 0 + x -> x), 36 FUSED & EQUAL at best, 55 REFUSED only.  By run:
inductor_graph 19 false fusion / 1 refused but the pass changes the numbers / 2 control differs / 2 refused where
the control differs too / 31 equal / 85 refused; torchair_like 14 false fusion / 1 pass-changed numbers / 32 equal /
93 refused; aot_outputs 3 equal / 9 refused; bound_ig and bound_ta 7 false fusion / 7 equal / 4 refused each;
vllm_post 17 equal; inductor (codegen) 4 false fusion / 3 crash / 6 equal / 3 refused; real torchair 4 control
differs (its converter cannot compile the K1 models without the pass; with it they run and differ from eager) / 3
equal / 1 refused.
Five classes, written up in /work/briefs/redteam7_findings.md:

* K1 ``bound_inputs``: an offered buffer is bound to ``x.detach().clone()`` (contiguous, storage offset 0) and checked
  by its values only; a buffer that is a stride-2 view or a view at storage offset 1 of a larger storage, read by
  ``as_strided`` (which reads the storage, not the values), reads other elements in eager than the bound constant
  the pass proved on: fused as the contract on every call (static, mark_dynamic, dynamic=True; bound_ig, bound_ta,
  real Inductor codegen);
* K2 ``sizes._tiling`` (R2) calls two cat / stack inputs one tensor through views and clones only: ``cat([x,
  x.float().half()])`` (an exact cast round trip, fp64 for fp32, int64 for the int32 table) is no tiling, so R5 keeps
  the +-1 offsets of ``narrow(dim, 1, n)`` after it, and six (twenty on the table's pages) compose to J2's shift by
  6 (20) mod n: the identity at the probed sizes (weight, tokens, new and kept rows' heads; the table's pages);
* K3 ``sizes._tiled_or_rolled_before`` (R5's "+-1 where nothing before it tiles or rolls") knows repeat, roll and
  expand of a size-1 dim only: a [.., 2, n, ..] copy made by broadcasting against a constant (``+ zeros``, ``* ones``,
  ``maximum(.., int_min)``, ``where(ones(bool), x, 0)``) or gathered by a constant index (``index_select(zeros(2))``),
  merged into the dim, is a tiling nothing sees (the table's pages, weight, tokens, new and kept rows);
* K4 ``write.fresh_copies_as_casts`` (run on every graph the pass sees) leaves ``aten._to_copy.default`` in
  Inductor's post-grad graph wherever the cast is not consumed by a fused step: Inductor's lowering asserts "both a
  fallback and a decomp for same op" -- a crash of any model with ``torch.empty(..).copy_(x of another dtype)``
  under nsa_fusion's backend, no compression step needed (plain Inductor compiles it);
* K5 the same rewrite drops the staging buffer's layout (``empty_strided`` / ``empty_like`` of a transposed tensor):
  an ``as_strided`` read of the stage reads other elements -- the pass changes the numbers of a graph it does not
  fuse (inductor_graph, torchair_like).

Not found (equal or refused, every dialect run): the ``(p + 1) - 1`` rerouting (``lens + 1`` / ``slots + 1`` returned
beside a step, the positions advanced in place, two ``p + 1`` nodes, conditions clamped at the capacity: refused or
equal), size-modular index ARITHMETIC (``(arange(n) * c) % n`` by %, remainder, fmod, floor division, arange steps,
through index_select / gather / take / indexing / one-hot: the iota rule refuses them), a third step, writes through
as_strided / double-transposed / unflatten / unbind / chunk / split views of the cache, in-place index_add_ /
scatter_reduce_ / index_fill_ / narrow copy_ / masked_fill_ / mul_ between two steps, a second step keeping rows from a
snapshot taken before the first, baddbmm's beta / alpha and biases of 0 * x / x - x / where(isfinite) (refused or
plain Inductor's own x * 0), written-out sums from -0.0 / new_full / scalar_tensor starts, keep_zero_starts in
graphs without a step (it keeps eager's +0.0 where plain Inductor drops it), integer relu / >> and the flattened-head
rewrites left in unfused graphs (lower and compute eager's numbers), baked-in page sizes and capacities under
dynamic=True (refused, or guarded and recompiled, real torchair included), a bound buffer changed between calls
(through itself, its base, a 0-dim stride buffer: the check falls back to eager's numbers), a buffer mutated in the
graph or aliased by a mutated attribute (not bound: refused), a slot map in a buffer (refused), a ``.item()`` of a
buffer into new_full (refused), Inductor's FX graph / AOT caches on with the buffer changed between compiles
(recompiled on the new value), a cumsum of a fill along the batch behind a transpose numbering the rows (the batch
plan's fill / scan rule, new in 46aec8a after the snapshot: refused there and on the snapshot).
exactness._walk_memoized was read, not attacked: the memo is per query and the step functions depend on the node only.

Re-run of the whole module on the current /work/main (03:44-03:59 UTC, HEAD 5ee0b6f, 0a8fecd from 03:54, plus the
fixer's uncommitted exactness / sizes edits -- K1 fix 715e0fc, K2 8717967, K3-K5 1f7e075 and 0a8fecd): inductor_graph
140 runs: 32 equal / 104 refused / 2 control differs / 2 refused where the control differs too (plain Inductor's own
x * 0 -> 0 and 0 + x -> x: baddbmm_bias_*_times0, zero_start_*); torchair_like 140: 33 equal / 107 refused;
bound_ig and bound_ta 18 each: 6 equal / 12 refused; NO false fusion, no crash, no pass-changed numbers.  (Refused
now where they fused equal at the snapshot: bound_view_changed_through_base and bound_offset_view_as_strided_2d, views
of a larger storage no longer bound, K1's fix; fused equal now: bound_slot_map_changed.  bound_item_shift_new_full is
refused with an internal error now, "EvaluationError: size u0 has no value in this assignment": an unbacked symbol
from .item() reaching an evaluation, caught by the pass -- not a soundness issue, but a crash of the recogniser.)

Final re-run of the attacks that failed first (04:05-04:07 UTC, HEAD 0a8fecd plus the fixer's uncommitted exactness.py
edit; inductor_graph, torchair_like, bound_ig, bound_ta, and Inductor codegen for the confirmations): 70 runs in the
graph dialects (68 refused, 2 equal), 14 bound runs refused, 9 codegen runs (8 refused, 1 equal): no false fusion, no
crash, no pass-changed numbers.  Every run whose first try was not plainly equal or refused (IG inductor_graph, TA
torchair_like, BIG / BTA bound_ig / bound_ta, IN Inductor codegen; FF false fusion, CR crash, R(pass) refused but the
pass changes the numbers; first try -> re-run):

    bound_strided_view_as_strided [static]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R, IN FF -> R
    bound_offset_view_as_strided0 [static]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R, IN FF -> R
    bound_strided_view_torch_as_strided [batch]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R
    bound_strided_view_torch_as_strided [static]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R
    bound_strided_view_torch_as_strided [dynamic]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R
    bound_offset_view_as_strided0_dyn [batch]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R
    bound_offset_view_as_strided0_dyn [dynamic]: IG R -> R, TA R -> R, BIG FF -> R, BTA FF -> R
    weight_heads_cast_tile_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R, IN FF -> R
    kept_heads_cast_tile_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R
    tokens_heads_cast_tile_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    new_heads_f64_tile_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R
    weight_heads_cast_first_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R
    tokens_heads_f64_tile_shift1x6_dyn [dynamic]: IG FF -> R, TA R -> R
    table_pages_long_tile_shift1x20_dyn [dynamic]: IG FF -> R, TA FF -> R, IN FF -> R
    table_pages_add_zeros_shift1x20_dyn [dynamic]: IG FF -> R, TA FF -> R
    table_pages_mul_ones_shift1x20_dyn [dynamic]: IG FF -> R, TA FF -> R
    table_pages_maximum_shift1x20_dyn [dynamic]: IG FF -> R, TA FF -> R
    table_pages_index0_shift1x20_dyn [dynamic]: IG FF -> R, TA FF -> R
    table_pages_where_shift1x20_dyn [dynamic]: IG FF -> R, TA FF -> R
    weight_heads_where_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    tokens_heads_index0_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    tokens_heads_where_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    new_heads_index0_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    kept_heads_index0_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R
    staging_strided_as_strided_out [static]: IG FF -> EQ, TA FF -> EQ, IN CR -> EQ
    staging_strided_no_step [static]: IG R(pass) -> R, TA R(pass) -> R, IN CR -> R
    staging_plain_no_step [static]: IG R -> R, TA R -> R, IN CR -> R
    tokens_heads_cast_stack_shift1x6_dyn [dynamic]: IG FF -> R, TA FF -> R

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
                                   tokens, write)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam5 import _kept_rolled, _new, _rolled  # noqa: E402
from tests.corpora.redteam6 import classify6  # noqa: E402


def _cap(kv, table):
    return table.shape[1] * kv.shape[1]


# --- 1. bound_inputs: module buffers bound to their value while the pass runs -------------------------------------
# A scenario: (make_model, inputs, hooks, modes).  ``hooks(i, model)`` runs before call i (eager and compiled alike).
class Scenario:
    def __init__(self, make, inputs, hooks=None, modes=("static",)):
        self.make, self.inputs, self.hooks, self.modes = make, inputs, hooks or (lambda i, m: None), modes


def _sc(make, inputs, hooks=None, modes=("static",)):
    return lambda: Scenario(make, inputs(), hooks, modes)


def _args(x):
    """(kv, slots, table, lens, cache) and the weight of one ``build`` (the weight lives in the model)."""
    a = x.args if hasattr(x, "args") else x
    return [a[0], a[2], a[3], a[4], a[5]], a[1]


class _BufferStep(torch.nn.Module):
    """HF-port style: window offsets in a buffer; ``offsets_of(self)`` reads them (as_strided, a view, ...)."""

    def __init__(self, w, offsets, offsets_of=None, extra=None):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("off", offsets, persistent=False)
        self.offsets_of = offsets_of or (lambda m: m.off)
        if extra is not None:
            extra(self)

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + self.offsets_of(self)).clamp(0, table.shape[1] * P - 1)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        return write(cache, slots, completes(lens), pool(tok, self.w))


def _strided_arange(step=2, fill=3):
    """arange(L) as a view of stride ``step`` into a storage whose other elements hold ``fill``."""
    base = torch.full((L * step,), fill, dtype=torch.int64)
    base[::step] = torch.arange(L)
    return base[::step]


def _offset_arange(k=1, fill=-5):
    """arange(L) as a view at storage offset ``k`` (the elements before it hold ``fill``)."""
    base = torch.cat([torch.full((k,), fill, dtype=torch.int64), torch.arange(L), torch.full((k,), fill)])
    return base[k:k + L]


def _bound_inputs():
    return [build(), build(seed=2)]


def m_bound_control():
    x = build()
    return _BufferStep(x.args[1], torch.arange(L))


def _bound_make(offsets_fn, offsets_of=None, extra=None):
    def make():
        return _BufferStep(build().args[1], offsets_fn(), offsets_of, extra)
    return make


def _as_strided_contig(m):
    return m.off.as_strided((L,), (1,))


def _as_strided_abs0(m):
    return m.off.as_strided((L,), (1,), 0)


def _add_one_before(i, m):
    if i == 1:
        m.off.add_(1)


def _base_shift(i, m):
    if i == 1:
        m.off._base.add_(1)  # (the buffer is a view: its values change through the base the user holds)


ATTACKS = [
    ("bound_control", _sc(_bound_make(lambda: torch.arange(L)), _bound_inputs),
     "control: HF offsets buffer arange(l), unchanged (bound, checked, fuses)"),
    ("bound_changed_between_calls", _sc(_bound_make(lambda: torch.arange(L)), _bound_inputs, _add_one_before),
     "control: the buffer add_(1) between calls (the check falls back to the unfused graph)"),
    ("bound_view_changed_through_base", _sc(_bound_make(_strided_arange), _bound_inputs, _base_shift),
     "the buffer is a strided view; its base (held by the user) changes between calls"),
    ("bound_strided_view_as_strided", _sc(_bound_make(_strided_arange, _as_strided_contig), _bound_inputs),
     "the buffer arange(l) is a stride-2 view; the step reads it by as_strided((l,), (1,)): the storage, 0 3 1 3 .. "
     "in eager, the bound constant is a contiguous clone (arange)"),
    ("bound_offset_view_as_strided0", _sc(_bound_make(_offset_arange, _as_strided_abs0), _bound_inputs),
     "the buffer arange(l) is a view at storage offset 1; as_strided(.., storage_offset=0) reads from the storage's "
     "start in eager (-5, 0, 1, ..), from the contiguous constant's (0, 1, ..) once bound"),
]



# --- 2. lengths_from_positions: every other read of a [B] int input p with a ``p + 1`` read reads ``(p + 1) - 1`` --
# The rerouting is keyed on the graph alone: ANY [B] int32/int64 input with a ``+ 1`` read (the lengths themselves,
# returned as ``lens + 1``; the slots, returned as ``slots + 1``) is treated as the positions.
def s_lens_plus_one_returned(kv, w, slots, table, lens, cache):
    """Control: the contract on the lengths as passed in, and ``lens + 1`` returned (the next step's lengths)."""
    return contract(kv, w, slots, table, lens, cache), lens + 1


def s_lens_plus_one_cond_below_cap(kv, w, slots, table, lens, cache):
    """``& (lens <= cap - 1)`` in the condition (false at lens == capacity, a valid length), ``lens + 1`` returned:
    read as positions, lens would lie in [-1, cap - 1] and the test would be always true."""
    valid = completes(lens) & (lens <= _cap(kv, table) - 1)
    return write(cache, slots, valid, _new(kv, w, table, lens)), lens + 1


def s_lens_plus_one_clamp_cap2(kv, w, slots, table, lens, cache):
    """Window positions clamped to cap - 2 (a difference only at lens == capacity), ``lens + 1`` returned."""
    pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(0, _cap(kv, table) - 2)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w)), lens + 1


def s_lens_plus_one_in_kv_append(kv, w, slots, table, lens, cache):
    """``lens + 1`` feeds a KV append (the next token's page), the step compares lens and clamps at cap - 2."""
    P = kv.shape[1]
    nxt = (lens + 1).long().clamp(max=_cap(kv, table) - 1)
    pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(0, _cap(kv, table) - 2)
    new = pool(tokens(kv, table, pos), w)
    write(cache, slots, completes(lens), new)
    return cache, table.long().gather(1, (nxt // P)[:, None])[:, 0]


def s_slots_plus_one_returned(kv, w, slots, table, lens, cache):
    """``slots + 1`` returned: the slots are read as (slots + 1) - 1 while the pass runs."""
    return contract(kv, w, slots, table, lens, cache), slots + 1


def s_positions_advance_inplace(kv, w, slots, table, pos_in, cache):
    """vLLM-like: positions p (int32, [-1, cap-1]), s = p + 1 the lengths, and p advanced in place (``p.add_(1)``) after
    the step: the epilogue copy_(p, p + 1) is one of the 'other reads' rerouted during the pass."""
    s = pos_in + 1
    write(cache, slots, completes(s), _new(kv, w, table, s))
    pos_in.add_(1)
    return cache


def s_positions_condition_reads_p(kv, w, slots, table, pos_in, cache):
    """The vLLM count test n(p + 1) > n(p) with a clamp at cap - 2 on the window read through p (not s)."""
    s = pos_in + 1
    n = lambda x: torch.where(x >= L, (x - L) // STRIDE + 1, 0)  # noqa: E731
    valid = n(s) > n(pos_in)
    p_last = pos_in.long().clamp(max=_cap(kv, table) - 2)
    pos = (p_last[:, None] + 1 - L + torch.arange(L)).clamp(min=0)
    return write(cache, slots, valid, pool(tokens(kv, table, pos), w))


def s_two_plus_ones(kv, w, slots, table, pos_in, cache):
    """Two ``p + 1`` nodes (``p + 1`` and ``torch.add(p, 1)``): the second is rerouted through the first's - 1."""
    s = pos_in + 1
    s2 = torch.add(pos_in.clone(), 1)
    valid = completes(s) & (s2 <= _cap(kv, table) - 1)
    return write(cache, slots, valid, _new(kv, w, table, s))


def _positions(B=40, seed=0, **kw):
    """Inputs with the lengths replaced by positions (lengths - 1: valid in [-1, cap - 1])."""
    a = list(build(B=B, seed=seed, **kw).args)
    a[4] = a[4] - 1
    return a


ATTACKS += [
    ("lens_plus_one_returned", _mk(s_lens_plus_one_returned, lambda: [build()]),
     "control: contract + lens + 1 returned"),
    ("lens_plus_one_cond_below_cap", _mk(s_lens_plus_one_cond_below_cap, lambda: [build()], ("static", "batch")),
     "lens + 1 returned makes lens 'positions' in [-1, cap - 1]: & (lens <= cap - 1) proven true, false at lens = cap"),
    ("lens_plus_one_clamp_cap2", _mk(s_lens_plus_one_clamp_cap2, lambda: [build()], ("static", "batch")),
     "lens + 1 returned; window positions clamped to cap - 2 (differs at lens == cap only)"),
    ("lens_plus_one_in_kv_append", _mk(s_lens_plus_one_in_kv_append, lambda: [build()]),
     "lens + 1 indexes the next token's page; the window clamped to cap - 2"),
    ("slots_plus_one_returned", _mk(s_slots_plus_one_returned, lambda: [build()], ("static", "batch")),
     "slots + 1 returned: the slots rerouted as (slots + 1) - 1"),
    ("positions_advance_inplace", _mk(s_positions_advance_inplace, lambda: [_positions()], ("static", "batch")),
     "positions p, s = p + 1, p.add_(1) after the step (epilogue copy_ rerouted during the pass)"),
    ("positions_condition_reads_p", _mk(s_positions_condition_reads_p, lambda: [_positions()]),
     "n(p + 1) > n(p); the window's last position p clamped to cap - 2 (a valid p = cap - 1 differs)"),
    ("two_plus_ones", _mk(s_two_plus_ones, lambda: [_positions()]),
     "p + 1 twice, the second & (s2 <= cap - 1) (false at p = cap - 1)"),
]



# --- 3. size-modular maps built by index ARITHMETIC, not by views: (arange(n) * c) % n ------------------------------
# sizes.check_size_modular_views walks view chains (repeat, cat, reshape, as_strided, offsets).  An index computed
# as (arange(B) * 289) % B is row b <- row 289 b mod B too: the identity at B = 8, 9, 16, 32 (the probes), a
# permutation at B = 10 and 7; (arange(N) * 7) % N on heads: the identity at N = 2, 3, a permutation at N = 4.
def _perm(n, c, device=None, spelling="mod"):
    i = torch.arange(n, device=device)
    if spelling == "mod":
        return (i * c) % n
    if spelling == "remainder":
        return torch.remainder(i * c, n)
    if spelling == "fmod":
        return torch.fmod(i * c, n)
    if spelling == "floordiv":
        return i * c - (i * c) // n * n
    if spelling == "arange_step":
        return torch.arange(0, c * n, c, device=device) % n
    raise ValueError(spelling)


def _slots_perm(spelling, how="index_select"):
    def step(kv, w, slots, table, lens, cache):
        idx = _perm(slots.shape[0], 289, spelling=spelling)
        sl = slots.long()
        s = {"index_select": lambda: sl.index_select(0, idx), "gather": lambda: sl.gather(0, idx),
             "take": lambda: sl.take(idx), "index": lambda: sl[idx]}[how]()
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), cache[s])
        return cache
    return step


def _rows_perm(x, c=289, spelling="mod"):
    return x.index_select(0, _perm(x.shape[0], c, spelling=spelling))


def _heads_perm(x, dim, c=7, spelling="mod"):
    return x.index_select(dim, _perm(x.shape[dim], c, spelling=spelling))


k_kept_batch_perm289 = _kept_rolled(lambda c, s: _rows_perm(c[s]))
f_new_batch_perm289 = _rolled(lambda kv, w, t, s: _rows_perm(_new(kv, w, t, s)))
f_weight_heads_perm7 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _heads_perm(w, 1)))
f_weight_heads_perm7_fmod = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _heads_perm(w, 1, spelling="fmod")))
f_kv_heads_perm7 = _rolled(lambda kv, w, t, s: pool(tokens(_heads_perm(kv, 2), t, positions(s)), w))
f_tokens_heads_perm7 = _rolled(lambda kv, w, t, s: pool(_heads_perm(tokens(kv, t, positions(s)), 2), w))
f_new_heads_perm7 = _rolled(lambda kv, w, t, s: _heads_perm(_new(kv, w, t, s), 1))
k_kept_heads_perm7 = _kept_rolled(lambda c, s: _heads_perm(c[s], 1))


def s_lens_perm289(kv, w, slots, table, lens, cache):
    return contract(kv, w, slots, table, _rows_perm(lens), cache)


def s_table_rows_perm289(kv, w, slots, table, lens, cache):
    return contract(kv, w, slots, _rows_perm(table), lens, cache)


def s_table_pages_perm21(kv, w, slots, table, lens, cache):
    return contract(kv, w, slots, _heads_perm(table, 1, 21), lens, cache)


def s_weight_heads_perm_gather(kv, w, slots, table, lens, cache):
    idx = _perm(w.shape[1], 7)[None, :].expand(w.shape[0], -1)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.gather(1, idx)))


def s_weight_heads_perm_onehot(kv, w, slots, table, lens, cache):
    """The permutation as a one-hot matrix product (w @ onehot(7j mod N)): exact (one nonzero per column)."""
    N = w.shape[1]
    sel = torch.nn.functional.one_hot(_perm(N, 7), N).to(w.dtype).t()
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w @ sel))


_batches = lambda: [build(B=8), build(B=10, seed=4), build(B=7, seed=5)]  # noqa: E731
_batches_plain = lambda: [build(B=8, specials=False), build(B=10, seed=4, specials=False),  # noqa: E731
                          build(B=7, seed=5, specials=False)]


def _heads_grow():
    g = torch.Generator().manual_seed(9)
    w4 = (torch.randint(-2047, 2048, (L, 4), generator=g) / 1024).half()
    return [build(B=8, specials=False), build(B=8, seed=2, specials=False, N=4, weight=w4)]


def _pages_grow():
    return [build(B=8, specials=False), build(B=8, pages=8, seed=2, specials=False,
                                              lengths=[512, 48, 0, 31, 32, 496, 100, 256])]


ATTACKS += [
    ("slots_perm289_index_select", _mk(_slots_perm("mod"), _batches_plain, ("batch", "dynamic")),
     "slots.index_select(0, (arange(B) * 289) % B): row b <- slot 289 b mod B (identity at B = 8, 9, 16, 32)"),
    ("slots_perm289_gather", _mk(_slots_perm("remainder", "gather"), _batches_plain, ("batch", "dynamic")),
     "slots.gather(0, remainder(arange(B) * 289, B))"),
    ("slots_perm289_take", _mk(_slots_perm("fmod", "take"), _batches_plain, ("batch", "dynamic")),
     "slots.take(fmod(arange(B) * 289, B))"),
    ("slots_perm289_index_floordiv", _mk(_slots_perm("floordiv", "index"), _batches_plain, ("batch", "dynamic")),
     "slots[i * 289 - (i * 289) // B * B]"),
    ("slots_perm289_arange_step", _mk(_slots_perm("arange_step", "index"), _batches_plain, ("batch", "dynamic")),
     "slots[arange(0, 289 B, 289) % B]"),
    ("kept_batch_perm289", _mk(k_kept_batch_perm289, _batches, ("batch", "dynamic")),
     "kept rows index_select(0, (arange(B) * 289) % B)"),
    ("new_batch_perm289", _mk(f_new_batch_perm289, _batches, ("batch", "dynamic")),
     "new rows index_select(0, (arange(B) * 289) % B)"),
    ("lens_perm289", _mk(s_lens_perm289, _batches_plain, ("batch", "dynamic")),
     "lengths permuted by (arange(B) * 289) % B"),
    ("table_rows_perm289", _mk(s_table_rows_perm289, _batches_plain, ("batch", "dynamic")),
     "block table rows permuted by (arange(B) * 289) % B"),
    ("table_pages_perm21_dyn", _mk(s_table_pages_perm21, _pages_grow, ("dynamic",)),
     "table pages permuted by (arange(pages) * 21) % pages (identity at 4, 5 pages; not at 8)"),
    ("weight_heads_perm7_dyn", _mk(f_weight_heads_perm7, _heads_grow, ("dynamic",)),
     "w.index_select(1, (arange(N) * 7) % N): identity at N = 2, 3, permutation at 4"),
    ("weight_heads_perm7_fmod_dyn", _mk(f_weight_heads_perm7_fmod, _heads_grow, ("dynamic",)),
     "the same with fmod"),
    ("weight_heads_perm_gather_dyn", _mk(s_weight_heads_perm_gather, _heads_grow, ("dynamic",)),
     "w.gather(1, ((arange(N) * 7) % N) expanded)"),
    ("weight_heads_perm_onehot_dyn", _mk(s_weight_heads_perm_onehot, _heads_grow, ("dynamic",)),
     "w @ one_hot((arange(N) * 7) % N).T"),
    ("kv_heads_perm7_dyn", _mk(f_kv_heads_perm7, _heads_grow, ("dynamic",)),
     "the paged KV's heads index_select'ed by (arange(N) * 7) % N"),
    ("tokens_heads_perm7_dyn", _mk(f_tokens_heads_perm7, _heads_grow, ("dynamic",)),
     "the gathered tokens' heads permuted"),
    ("new_heads_perm7_dyn", _mk(f_new_heads_perm7, _heads_grow, ("dynamic",)),
     "the new rows' heads permuted"),
    ("kept_heads_perm7_dyn", _mk(k_kept_heads_perm7, _heads_grow, ("dynamic",)),
     "the kept rows' heads permuted"),
]



# --- 4. the in-place walks (optable.written_in_place, proof._chain_back, roles._sources, check_no_overwritten_reads):
# a third step, writes through other views of the cache, in-place ops between the steps the op table may not know.
from tests.corpora.redteam6 import _two_slots, _flat_cache  # noqa: E402


def _three_slots(B=40, seed=0):
    a = _two_slots(B=B, seed=seed)
    taken = set(a[2].tolist()) | set(a[6].tolist())
    free = [r for r in range(a[5].shape[0]) if r not in taken]
    a.append(torch.tensor(free[:B], dtype=a[2].dtype))
    return a


def s_three_steps_same_cache(kv, w, slots, table, lens, cache, slots2, slots3):
    contract(kv, w, slots, table, lens, cache)
    contract(kv, w, slots2, table, lens, cache)
    return contract(kv, w, slots3, table, lens, cache)


def s_two_steps_as_strided_view(kv, w, slots, table, lens, cache, slots2):
    contract(kv, w, slots, table, lens, cache)
    contract(kv, w, slots2, table, lens, cache.as_strided(cache.shape, cache.stride()))
    return cache


def s_two_steps_transposed_twice(kv, w, slots, table, lens, cache, slots2):
    contract(kv, w, slots, table, lens, cache)
    contract(kv, w, slots2, table, lens, cache.transpose(1, 2).transpose(1, 2))
    return cache


def s_two_steps_flat_unflatten(kv, w, slots, table, lens, cache2d, slots2):
    S, N, D = cache2d.shape[0], kv.shape[2], kv.shape[3]
    contract(kv, w, slots, table, lens, cache2d.view(S, N, D))
    contract(kv, w, slots2, table, lens, cache2d.unflatten(1, (N, D)))
    return cache2d


def _between(mutate):
    def step(kv, w, slots, table, lens, cache, slots2):
        contract(kv, w, slots, table, lens, cache)
        mutate(cache, slots2)
        return contract(kv, w, slots2, table, lens, cache)
    return step


s_between_index_add_zero = _between(lambda c, s2: c.index_add_(0, s2[:2].long(), torch.zeros(2, *c.shape[1:], dtype=c.dtype)))
s_between_scatter_reduce_amax = _between(
    lambda c, s2: c.view(c.shape[0], -1).scatter_reduce_(0, s2[:2].long()[:, None].expand(2, c.shape[1] * c.shape[2]),
                                                         torch.zeros(2, c.shape[1] * c.shape[2], dtype=c.dtype), "amax"))
s_between_narrow_copy = _between(lambda c, s2: c.narrow(0, 0, 2).copy_(c.narrow(0, 2, 2).clone()))
s_between_index_fill = _between(lambda c, s2: c.index_fill_(0, s2[:2].long(), 0.5))
s_between_masked_fill_view = _between(lambda c, s2: c[:3].masked_fill_(c[:3] != c[:3], 0.0))
s_between_mul_one_inplace = _between(lambda c, s2: c.mul_(1))


def s_step_then_read_other_view(kv, w, slots, table, lens, cache, slots2):
    """A step, then the cache read through its [S, N * D] view, a second step through an as_strided alias."""
    contract(kv, w, slots, table, lens, cache)
    flat = cache.reshape(cache.shape[0], -1).float().nan_to_num(0.0, 0.0, 0.0).sum(1)
    contract(kv, w, slots2, table, lens, cache.as_strided(cache.shape, cache.stride()))
    return cache, flat


ATTACKS += [
    ("three_steps_same_cache", _mk(s_three_steps_same_cache, lambda: [_three_slots()]),
     "three steps into one cache, disjoint rows"),
    ("two_steps_as_strided_view", _mk(s_two_steps_as_strided_view, lambda: [_two_slots()]),
     "second step into cache.as_strided(shape, stride) (an alias view the walk may not know)"),
    ("two_steps_transposed_twice", _mk(s_two_steps_transposed_twice, lambda: [_two_slots()]),
     "second step into cache.transpose(1, 2).transpose(1, 2)"),
    ("two_steps_flat_unflatten", _mk(s_two_steps_flat_unflatten, lambda: [_flat_cache(_two_slots())]),
     "cache stored [S, N*D]: step 1 through view(S, N, D), step 2 through unflatten(1, (N, D))"),
    ("between_index_add_zero", _mk(s_between_index_add_zero, lambda: [_two_slots()]),
     "index_add_ of zeros into two rows between two steps (-0.0 kept rows become +0.0)"),
    ("between_scatter_reduce_amax", _mk(s_between_scatter_reduce_amax, lambda: [_two_slots()]),
     "scatter_reduce_(amax) of zeros through the flat view between two steps"),
    ("between_narrow_copy", _mk(s_between_narrow_copy, lambda: [_two_slots()]),
     "cache.narrow(0, 0, 2).copy_(rows 2..3) between two steps"),
    ("between_index_fill", _mk(s_between_index_fill, lambda: [_two_slots()]),
     "index_fill_ two rows between two steps"),
    ("between_masked_fill_view", _mk(s_between_masked_fill_view, lambda: [_two_slots()]),
     "cache[:3].masked_fill_(isnan, 0) between two steps"),
    ("between_mul_one_inplace", _mk(s_between_mul_one_inplace, lambda: [_two_slots()]),
     "cache.mul_(1) between two steps (NaN payloads canonicalised? values equal)"),
    ("step_then_read_other_view", _mk(s_step_then_read_other_view, lambda: [_two_slots()]),
     "step, a reduction of the flat view, a second step into an as_strided alias"),
]



# --- 5. sizes the proof holds fixed (step.specialize, fusion_pass._specialize): guards added by the pass -------------
# A dynamic graph whose spelling bakes in a size is fused with a guard on that size (shape_env.evaluate_expr).  Where
# the pass runs after dynamo built its guards (real torchair runs it on the first call), is the guard kept?
def s_capacity_clamp_255(kv, w, slots, table, lens, cache):
    """Window positions clamped to 255 (the capacity at 4 pages of 64, baked in)."""
    pos = (lens.long()[:, None] - L + torch.arange(L)).clamp(0, 255)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def s_page_size_64(kv, w, slots, table, lens, cache):
    """The page size baked in (pos // 64, pos % 64)."""
    pos = positions(lens)
    return write(cache, slots, completes(lens), pool(kv[table.long().gather(1, pos // 64), pos % 64], w))


def _cap_grow():
    return [build(B=8, specials=False), build(B=8, pages=8, seed=2, specials=False,
                                              lengths=[512, 48, 0, 31, 32, 496, 304, 256])]


def _page_grow():
    return [build(B=8, specials=False), build(B=8, P=128, pages=4, seed=2, specials=False,
                                              lengths=[256, 48, 0, 31, 32, 240, 112, 96])]


ATTACKS += [
    ("capacity_clamp_255_dyn", _mk(s_capacity_clamp_255, _cap_grow, ("dynamic",)),
     "positions clamp(0, 255) (capacity baked in), dynamic=True, then called with 8 pages (cap 512)"),
    ("page_size_64_dyn", _mk(s_page_size_64, _page_grow, ("dynamic",)),
     "pos // 64, pos % 64 baked in, dynamic=True, then called with 128-token pages (lengths <= 256)"),
]



# --- real torchair on CPU (``--dialect torchair``): nsa_fusion.get_npu_backend(compiler_config=cfg), run_eagerly -----
def _torchair_backend():
    import nsa_fusion
    from nsa_fusion.testing.torchair_cpu import load_torchair

    cfg = load_torchair().CompilerConfig()
    cfg.debug.run_eagerly = True
    return nsa_fusion.get_npu_backend(compiler_config=cfg)


def classify_torchair(name, factory, mode=None):
    """redteam2's classification with real torchair in the torchair_like runner's place (as redteam5's aot_outputs)."""
    import warnings

    import tests.fusion_harness as H

    saved = H.TorchairLikeBackend
    H.TorchairLikeBackend = _torchair_backend
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [(m, r, d) for m, r, d in redteam2.classify(name, factory, "torchair_like", mode)]
    finally:
        H.TorchairLikeBackend = saved



# More spellings of the bound-buffer attacks.
def _torch_as_strided(m):
    return torch.as_strided(m.off, (L,), (1,))


def _expand_row(m):
    return m.off.as_strided((1, L), (L, 1))[0]


class _ItemShift(torch.nn.Module):
    """A shift kept in a [1] buffer, read as a Python scalar (``.item()``) into new_full: a SHAPE_ONLY op for the
    walk that decides which bound buffers a fused step used (bound_inputs._writes_reading)."""

    def __init__(self, w):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("shift", torch.zeros(1, dtype=torch.int64), persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        base = lens.long()[:, None] - L + torch.arange(L)
        pos = (base + base.new_full(base.shape, self.shift[0].item())).clamp(0, table.shape[1] * P - 1)
        return write(cache, slots, completes(lens), pool(kv[table.long().gather(1, pos // P), pos % P], self.w))


class _AliasMutated(_BufferStep):
    """The buffer is a view of a plain tensor attribute the forward mutates first (``self.base.add_(1)``)."""

    def forward(self, kv, slots, table, lens, cache):
        self.base.add_(1)
        out = super().forward(kv, slots, table, lens, cache)
        self.base.sub_(1)
        return out


def _alias_make():
    base = torch.arange(L)

    def extra(m):
        m.base = base
    return _AliasMutated(build().args[1], base[:], None, extra)


class _StrideBuffer(torch.nn.Module):
    """l and d kept in buffers (``completes`` reads them), changed by the user between calls."""

    def __init__(self, w):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("d", torch.tensor(STRIDE), persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        valid = (lens >= L) & ((lens - L) % self.d == 0)
        return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), self.w))


class _SlotMap(torch.nn.Module):
    """Slots from a buffer the user re-permutes between calls."""

    def __init__(self, w, B=40):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("smap", torch.randperm(2 * B + 5, generator=torch.Generator().manual_seed(3))[:B],
                             persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        return contract(kv, self.w, self.smap, table, lens, cache)


class _MutatedAfter(_BufferStep):
    def forward(self, kv, slots, table, lens, cache):
        out = super().forward(kv, slots, table, lens, cache)
        self.off.add_(0)
        return out


def _set_d(i, m):
    if i == 1:
        m.d.fill_(32)


def _perm_smap(i, m):
    if i == 1:
        m.smap.copy_(m.smap.flip(0))


def _shift_item(i, m):
    if i == 1:
        m.shift.fill_(1)


ATTACKS += [
    ("bound_strided_view_torch_as_strided", _sc(_bound_make(_strided_arange, _torch_as_strided), _bound_inputs,
                                                modes=("static", "batch", "dynamic")),
     "K1 spelling: torch.as_strided(buffer, (l,), (1,)) on a stride-2 view, every mode"),
    ("bound_offset_view_as_strided0_dyn", _sc(_bound_make(_offset_arange, _as_strided_abs0), _bound_inputs,
                                              modes=("batch", "dynamic")),
     "K1 spelling: as_strided(.., 0) of an offset view under mark_dynamic / dynamic=True"),
    ("bound_offset_view_as_strided_2d", _sc(_bound_make(lambda: _offset_arange(3, fill=2), _expand_row), _bound_inputs),
     "K1 spelling: as_strided((1, l), (l, 1))[0] of a view at storage offset 3 (relative offset: reads the view)"),
    ("bound_item_shift_new_full", _sc(lambda: _ItemShift(build().args[1]), _bound_inputs, _shift_item),
     "a [1] buffer read by .item() into new_full (SHAPE_ONLY for the used-buffer walk); the user sets it to 1"),
    ("bound_alias_attr_mutated_in_graph", _sc(_alias_make, _bound_inputs),
     "the buffer is a view of a plain tensor attribute the forward add_(1)s before the step (and sub_(1)s after)"),
    ("bound_stride_buffer_changed", _sc(lambda: _StrideBuffer(build().args[1]), _bound_inputs, _set_d),
     "control: d in a 0-dim buffer, set to 32 between calls"),
    ("bound_slot_map_changed", _sc(lambda: _SlotMap(build().args[1]), _bound_inputs, _perm_smap),
     "control: slots from a buffer, re-permuted between calls"),
    ("bound_mutated_after_step", _sc(lambda: _MutatedAfter(build().args[1], torch.arange(L)), _bound_inputs),
     "control: the offsets buffer add_(0) after the step (a mutated buffer is not bound)"),
]



# --- 6. pooling spellings around the zero start and baddbmm's beta / alpha ------------------------------------------
def _heads_bmm_operands(kv, w, t, s):
    tok = tokens(kv, t, positions(s)).float()  # [B, l, N, D]
    B, l, N, D = tok.shape
    a = w.float().t().reshape(1, N, 1, l).expand(B, N, 1, l).reshape(B * N, 1, l)
    b = tok.permute(0, 2, 1, 3).reshape(B * N, l, D)
    return a, b, (B, N, D)


def _baddbmm(bias_of, **kw):
    def new(kv, w, t, s):
        a, b, (B, N, D) = _heads_bmm_operands(kv, w, t, s)
        return torch.baddbmm(bias_of(b, B * N, D), a, b, **kw).reshape(B, N, D)
    return _rolled(new)


f_baddbmm_beta0_nan_bias = _baddbmm(lambda b, R, D: b.new_full((R, 1, D), float("nan")), beta=0)
f_baddbmm_beta_neg1_zero_bias = _baddbmm(lambda b, R, D: b.new_zeros((R, 1, D)), beta=-1)
f_baddbmm_negzero_bias = _baddbmm(lambda b, R, D: b.new_full((R, 1, D), -0.0))
f_baddbmm_alpha2 = _baddbmm(lambda b, R, D: b.new_zeros((R, 1, D)), alpha=2)
f_baddbmm_alpha1_float = _baddbmm(lambda b, R, D: b.new_zeros((R, 1, D)), alpha=1.0, beta=1.0)
f_baddbmm_beta_half_inf_bias = _baddbmm(lambda b, R, D: b.new_full((R, 1, D), float("inf")), beta=0.5)


def _loop_from(start_of):
    """acc = start; acc = acc + w[j] * tok[:, j] for j in window order (a written-out sum)."""
    def new(kv, w, t, s):
        tok = tokens(kv, t, positions(s)).float()
        wf = w.float()
        acc = start_of(tok)
        for j in range(L):
            acc = acc + wf[j][None, :, None] * tok[:, j]
        return acc
    return _rolled(new)


f_loop_from_negzero_full = _loop_from(lambda tok: torch.full(tok[:, 0].shape, -0.0))
f_loop_from_negzero_new_full = _loop_from(lambda tok: tok.new_full(tok[:, 0].shape, -0.0))
f_loop_from_zero_times_first = _loop_from(lambda tok: tok[:, 0] * 0.0)
f_loop_from_zeros_like_plus = _loop_from(lambda tok: torch.zeros_like(tok[:, 0]) + 0.0)
f_loop_from_zero_scalar_tensor = _loop_from(lambda tok: torch.scalar_tensor(0.0).expand(tok[:, 0].shape))


def s_zero_start_not_fused(kv, w, slots, table, lens, cache):
    """No step: zeros + x returned for x holding -0.0 (keep_zero_starts rewrites it in every graph; eager: +0.0)."""
    x = kv[:4].float() * -0.0
    return torch.zeros_like(x) + x + 0.0, torch.zeros(x.shape) + x


def s_zero_start_then_sub(kv, w, slots, table, lens, cache):
    """zeros + x followed by a subtraction user (not every user an add: left to Inductor)."""
    x = kv[:4].float() * -0.0
    y = torch.zeros_like(x) + x
    return y - 0.0, y + 1.0


ATTACKS += [
    ("baddbmm_beta0_nan_bias", _mk(f_baddbmm_beta0_nan_bias, lambda: [build()]),
     "baddbmm(NaN bias, beta=0): torch ignores the bias (control)"),
    ("baddbmm_beta_neg1_zero_bias", _mk(f_baddbmm_beta_neg1_zero_bias, lambda: [build()]),
     "baddbmm(zeros, beta=-1): the addend is -0.0 (zero windows differ in sign?)"),
    ("baddbmm_negzero_bias", _mk(f_baddbmm_negzero_bias, lambda: [build()]),
     "baddbmm(new_full(-0.0)): a -0.0 addend"),
    ("baddbmm_alpha2", _mk(f_baddbmm_alpha2, lambda: [build()]),
     "baddbmm(zeros, alpha=2): twice the sum"),
    ("baddbmm_alpha1_float", _mk(f_baddbmm_alpha1_float, lambda: [build()]),
     "control: baddbmm(zeros, alpha=1.0, beta=1.0)"),
    ("baddbmm_beta_half_inf_bias", _mk(f_baddbmm_beta_half_inf_bias, lambda: [build()]),
     "baddbmm(inf bias, beta=0.5): every row inf"),
    ("loop_from_negzero_full", _mk(f_loop_from_negzero_full, lambda: [build()]),
     "written-out sum from full(-0.0) (the additive identity: the loop from its first product)"),
    ("loop_from_negzero_new_full", _mk(f_loop_from_negzero_new_full, lambda: [build()]),
     "written-out sum from tok.new_full(-0.0)"),
    ("loop_from_zero_times_first", _mk(f_loop_from_zero_times_first, lambda: [build()]),
     "written-out sum from tok[:, 0] * 0.0 (NaN / inf tokens make it NaN)"),
    ("loop_from_zeros_like_plus", _mk(f_loop_from_zeros_like_plus, lambda: [build()]),
     "written-out sum from zeros_like(..) + 0.0"),
    ("loop_from_zero_scalar_tensor", _mk(f_loop_from_zero_scalar_tensor, lambda: [build()]),
     "written-out sum from scalar_tensor(0.0).expand(..)"),
    ("zero_start_not_fused", _mk(s_zero_start_not_fused, lambda: [build()]),
     "no step: zeros + (-0.0 values) returned (keep_zero_starts runs on every graph)"),
    ("zero_start_then_sub", _mk(s_zero_start_then_sub, lambda: [build()]),
     "no step: zeros + x with a sub user"),
]



# --- 7. R2's tiling test follows views and clones only: a cat of x with a COPY of x made by another op ---------------
# sizes._tiling: cat / stack of two inputs with one _view_root (views, clones).  A copy by a cast round trip, a
# product by 1, a double negation or a double flip is another root: the cat is no tiling for R2, so R5 then lets
# +-1 offsets through ("nothing before it tiles or rolls") and six of them compose to J2's shift by 6 mod N.
_COPIES_OF = {
    "cast": lambda x: x.float().to(x.dtype),
    "mul1": lambda x: x * 1,
    "negneg": lambda x: -(-x),
    "flipflip": lambda x, d=1: x.flip(d).flip(d),
}


def _shift1_copy(x, dim, copy, times=6):
    for _ in range(times):
        n = x.shape[dim]
        x = torch.cat([x, _COPIES_OF[copy](x)], dim).narrow(dim, 1, n)
    return x


def _strided_copy_tile(x, dim, copy, c=7):
    """A c-fold tiling by cats of copies, read with a slice step of c: element j <- c j mod n."""
    t = x
    for _ in range(c - 1):
        t = torch.cat([t, _COPIES_OF[copy](x)], dim)
    idx = [slice(None)] * x.dim()
    idx[dim] = slice(None, None, c)
    return t[tuple(idx)]


f_weight_heads_cast_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _shift1_copy(w, 1, "cast")))
f_weight_heads_mul1_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _shift1_copy(w, 1, "mul1")))
f_weight_heads_negneg_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                         _shift1_copy(w, 1, "negneg")))
f_weight_heads_flipflip_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                           _shift1_copy(w, 1, "flipflip")))
f_weight_heads_cast_tile_step7 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                    _strided_copy_tile(w, 1, "cast")))
f_new_heads_cast_tile_shift1x6 = _rolled(lambda kv, w, t, s: _shift1_copy(_new(kv, w, t, s), 1, "mul1"))
k_kept_heads_cast_tile_shift1x6 = _kept_rolled(lambda c, s: _shift1_copy(c[s], 1, "cast"))
f_tokens_heads_cast_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(_shift1_copy(tokens(kv, t, positions(s)), 2, "cast"), w))


ATTACKS += [
    ("weight_heads_cast_tile_shift1x6_dyn", _mk(f_weight_heads_cast_tile_shift1x6, _heads_grow, ("dynamic",)),
     "cat([w, w.float().half()], 1).narrow(1, 1, N) six times: 6 mod N, identity at N = 2, 3 (R2 sees two roots)"),
    ("weight_heads_mul1_tile_shift1x6_dyn", _mk(f_weight_heads_mul1_tile_shift1x6, _heads_grow, ("dynamic",)),
     "the same tiling with cat([w, w * 1])"),
    ("weight_heads_negneg_tile_shift1x6_dyn", _mk(f_weight_heads_negneg_tile_shift1x6, _heads_grow, ("dynamic",)),
     "the same tiling with cat([w, -(-w)])"),
    ("weight_heads_flipflip_tile_shift1x6_dyn", _mk(f_weight_heads_flipflip_tile_shift1x6, _heads_grow, ("dynamic",)),
     "the same tiling with cat([w, w.flip(1).flip(1)])"),
    ("weight_heads_cast_tile_step7_dyn", _mk(f_weight_heads_cast_tile_step7, _heads_grow, ("dynamic",)),
     "a 7-fold tiling by cats of cast copies read with [:, ::7]: head j <- 7 j mod N"),
    ("new_heads_mul1_tile_shift1x6_dyn", _mk(f_new_heads_cast_tile_shift1x6, _heads_grow, ("dynamic",)),
     "the new rows' heads through cat([x, x * 1]).narrow(.., 1, N) six times"),
    ("kept_heads_cast_tile_shift1x6_dyn", _mk(k_kept_heads_cast_tile_shift1x6, _heads_grow, ("dynamic",)),
     "the kept rows' heads through cast-copy tilings shifted six times"),
    ("tokens_heads_cast_tile_shift1x6_dyn", _mk(f_tokens_heads_cast_tile_shift1x6, _heads_grow, ("dynamic",)),
     "the gathered tokens' heads through cast-copy tilings shifted six times"),
]



# More K2 spellings (cast copies of other roles' tensors).
_COPIES_OF["f64"] = lambda x: x.double().to(x.dtype)
_COPIES_OF["long"] = lambda x: x.long().to(x.dtype)
_COPIES_OF["cast_first"] = _COPIES_OF["cast"]


def _shift1_copy_first(x, dim, copy, times=6):
    """The copy first: cat([copy(x), x])."""
    for _ in range(times):
        n = x.shape[dim]
        x = torch.cat([_COPIES_OF[copy](x), x], dim).narrow(dim, 1, n)
    return x


f_new_heads_f64_tile_shift1x6 = _rolled(lambda kv, w, t, s: _shift1_copy(_new(kv, w, t, s), 1, "f64"))
f_kv_heads_cast_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(_shift1_copy(kv, 2, "cast"), t, positions(s)), w))
f_weight_heads_cast_first_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                        _shift1_copy_first(w, 1, "cast")))
f_tokens_heads_f64_tile_shift1x6 = _rolled(lambda kv, w, t, s: pool(_shift1_copy(tokens(kv, t, positions(s)).float(), 2, "f64"), w))


def s_table_pages_cast_tile_shift1x20(kv, w, slots, table, lens, cache):
    """The table's pages shifted 20 times by 1 through cats with an int64 round-trip copy: 20 mod pages, the
    identity at 4 and 5 pages, a shift by 4 at 8."""
    return contract(kv, w, slots, _shift1_copy(table, 1, "long", times=20), lens, cache)


ATTACKS += [
    ("new_heads_f64_tile_shift1x6_dyn", _mk(f_new_heads_f64_tile_shift1x6, _heads_grow, ("dynamic",)),
     "K2 on the fp32 new rows: cat([x, x.double().float()]).narrow(1, 1, N) six times"),
    ("kv_heads_cast_tile_shift1x6_dyn", _mk(f_kv_heads_cast_tile_shift1x6, _heads_grow, ("dynamic",)),
     "K2 on the paged KV's heads"),
    ("weight_heads_cast_first_shift1x6_dyn", _mk(f_weight_heads_cast_first_shift1x6, _heads_grow, ("dynamic",)),
     "K2 with the copy first: cat([w.float().half(), w])"),
    ("tokens_heads_f64_tile_shift1x6_dyn", _mk(f_tokens_heads_f64_tile_shift1x6, _heads_grow, ("dynamic",)),
     "K2 on the fp32 tokens through fp64 round-trip copies"),
    ("table_pages_long_tile_shift1x20_dyn", _mk(s_table_pages_cast_tile_shift1x20, _pages_grow, ("dynamic",)),
     "K2 on the block table's pages: cat([t, t.long().int()], 1).narrow(1, 1, pages) 20 times (4 and 5 pages: identity)"),
]



# --- 8. tilings R1 / R2 / _tiled_or_rolled_before do not know: a broadcast by ARITHMETIC, a gather with a constant
# index, a where against a broadcast mask.  _tiled_or_rolled_before looks for repeat, roll and expand of a size-1 dim
# only; a [2, ...] copy made by broadcasting x against a [2, 1, ..] constant, merged into the dim, is periodic too.
def _tile2_by(x, dim, how):
    shape = list(x.shape)
    u = x.unsqueeze(dim)  # [.., 1, n, ..]
    twos = [1] * u.dim()
    twos[dim] = 2
    if how == "add_zeros":
        t = u + torch.zeros(twos, dtype=x.dtype)
    elif how == "mul_ones":
        t = u * torch.ones(twos, dtype=x.dtype)
    elif how == "where":
        t = torch.where(torch.ones(twos, dtype=torch.bool), u, torch.zeros((), dtype=x.dtype))
    elif how == "index0":
        t = u.index_select(dim, torch.zeros(2, dtype=torch.long))
    elif how == "maximum":
        lo = torch.iinfo(x.dtype).min if not x.dtype.is_floating_point else float("-inf")
        t = torch.maximum(u, torch.full(twos, lo, dtype=x.dtype))
    else:
        raise ValueError(how)
    return t.reshape(*shape[:dim], 2 * shape[dim], *shape[dim + 1:])


def _shift1_by(x, dim, how, times=6):
    for _ in range(times):
        n = x.shape[dim]
        x = _tile2_by(x, dim, how).narrow(dim, 1, n)
    return x


def _table_shift(how, times=20):
    def step(kv, w, slots, table, lens, cache):
        return contract(kv, w, slots, _shift1_by(table, 1, how, times), lens, cache)
    return step


f_weight_heads_index0_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _shift1_by(w, 1, "index0")))
f_weight_heads_where_shift1x6 = _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _shift1_by(w, 1, "where")))
f_tokens_heads_index0_shift1x6 = _rolled(lambda kv, w, t, s: pool(_shift1_by(tokens(kv, t, positions(s)), 2, "index0"), w))
f_tokens_heads_where_shift1x6 = _rolled(lambda kv, w, t, s: pool(_shift1_by(tokens(kv, t, positions(s)), 2, "where"), w))
f_new_heads_index0_shift1x6 = _rolled(lambda kv, w, t, s: _shift1_by(_new(kv, w, t, s), 1, "index0"))
k_kept_heads_index0_shift1x6 = _kept_rolled(lambda c, s: _shift1_by(c[s], 1, "index0"))
k_kept_heads_where_shift1x6 = _kept_rolled(lambda c, s: _shift1_by(c[s], 1, "where"))

ATTACKS += [
    ("table_pages_add_zeros_shift1x20_dyn", _mk(_table_shift("add_zeros"), _pages_grow, ("dynamic",)),
     "table pages: (t[:, None] + zeros(1, 2, 1)).reshape(B, 2 pages).narrow(1, 1, pages) x 20 (a broadcast tiling)"),
    ("table_pages_mul_ones_shift1x20_dyn", _mk(_table_shift("mul_ones"), _pages_grow, ("dynamic",)),
     "table pages: the tiling by t[:, None] * ones(1, 2, 1)"),
    ("table_pages_maximum_shift1x20_dyn", _mk(_table_shift("maximum"), _pages_grow, ("dynamic",)),
     "table pages: the tiling by maximum(t[:, None], full((1, 2, 1), int_min))"),
    ("table_pages_index0_shift1x20_dyn", _mk(_table_shift("index0"), _pages_grow, ("dynamic",)),
     "table pages: the tiling by t[:, None].index_select(1, zeros(2))"),
    ("table_pages_where_shift1x20_dyn", _mk(_table_shift("where"), _pages_grow, ("dynamic",)),
     "table pages: the tiling by where(ones(1, 2, 1, bool), t[:, None], 0)"),
    ("weight_heads_index0_shift1x6_dyn", _mk(f_weight_heads_index0_shift1x6, _heads_grow, ("dynamic",)),
     "weight heads: index_select(zeros(2)) tiling, narrow(1, 1, N) x 6"),
    ("weight_heads_where_shift1x6_dyn", _mk(f_weight_heads_where_shift1x6, _heads_grow, ("dynamic",)),
     "weight heads: where(ones(2, 1), w, 0) tiling, x 6"),
    ("tokens_heads_index0_shift1x6_dyn", _mk(f_tokens_heads_index0_shift1x6, _heads_grow, ("dynamic",)),
     "token heads: index_select tiling x 6"),
    ("tokens_heads_where_shift1x6_dyn", _mk(f_tokens_heads_where_shift1x6, _heads_grow, ("dynamic",)),
     "token heads: where tiling x 6"),
    ("new_heads_index0_shift1x6_dyn", _mk(f_new_heads_index0_shift1x6, _heads_grow, ("dynamic",)),
     "new rows' heads: index_select tiling x 6"),
    ("kept_heads_index0_shift1x6_dyn", _mk(k_kept_heads_index0_shift1x6, _heads_grow, ("dynamic",)),
     "kept rows' heads: index_select tiling x 6"),
    ("kept_heads_where_shift1x6_dyn", _mk(k_kept_heads_where_shift1x6, _heads_grow, ("dynamic",)),
     "kept rows' heads: where tiling x 6"),
]



# --- 9. write.fresh_copies_as_casts: copy(empty(..), src) -> src.to(dtype), in every graph the pass sees ------------
# The rewrite keeps the values but not the LAYOUT: a fresh buffer made with empty_strided (or empty_like of a
# transposed tensor) has its own strides, ``_to_copy(src)`` has src's.  A layout-reading view of the staging buffer
# (as_strided, a flat view of its storage) reads other elements once rewritten.
def _staged(x, strides):
    stage = torch.empty_strided(x.shape, strides, dtype=torch.float16)
    stage.copy_(x)
    return stage


def s_staging_strided_as_strided_out(kv, w, slots, table, lens, cache):
    """A step (fuses), and beside it a staging buffer with column-major strides read by as_strided (returned)."""
    contract(kv, w, slots, table, lens, cache)
    x = kv[:4, :8, 0, :].float()  # [4, 8, 16] fp32
    stage = _staged(x, (1, 4, 32))
    return cache, stage.as_strided((64,), (1,))


def s_staging_strided_no_step(kv, w, slots, table, lens, cache):
    """No step at all: the staging buffer read by as_strided (a graph the pass does not fuse)."""
    x = kv[:4, :8, 0, :].float()
    return _staged(x, (1, 4, 32)).as_strided((64,), (1,))


def s_staging_empty_like_transposed(kv, w, slots, table, lens, cache):
    """The new rows staged in empty_like(cache[s].transpose(1, 2)) (transposed strides), written through an as_strided
    view of the stage (the storage read in the stage's own layout)."""
    s = slots.long()
    new = _new(kv, w, table, lens)  # [B, N, D] fp32
    B, N, D = new.shape
    stage = torch.empty_like(cache[s].transpose(1, 2))  # [B, D, N], strides (N D, 1, D)
    stage.copy_(new.transpose(1, 2))
    rows = stage.as_strided((B, N, D), (N * D, D, 1))  # the storage read as [B, N, D] row-major
    cache[s] = torch.where(completes(lens)[:, None, None], rows, cache[s])
    return cache


def s_staging_transposed_control(kv, w, slots, table, lens, cache):
    """Control: the same staging, read back by .transpose(1, 2) (values, not layout)."""
    s = slots.long()
    new = _new(kv, w, table, lens)
    stage = torch.empty_like(cache[s].transpose(1, 2))
    stage.copy_(new.transpose(1, 2))
    cache[s] = torch.where(completes(lens)[:, None, None], stage.transpose(1, 2), cache[s])
    return cache


ATTACKS += [
    ("staging_strided_as_strided_out", _mk(s_staging_strided_as_strided_out, lambda: [build()]),
     "a staging buffer empty_strided(.., (1, 4, 32)) filled by copy_ from fp32, read by as_strided, beside a step"),
    ("staging_strided_no_step", _mk(s_staging_strided_no_step, lambda: [build()]),
     "the same with no step in the graph"),
    ("staging_empty_like_transposed", _mk(s_staging_empty_like_transposed, lambda: [build()]),
     "new rows staged in empty_like of a transposed view, written through as_strided of the stage's storage"),
    ("staging_transposed_control", _mk(s_staging_transposed_control, lambda: [build()]),
     "control: the transposed stage read back by transpose (values only)"),
]



def s_staging_plain_no_step(kv, w, slots, table, lens, cache):
    """No step: a plain staging buffer (empty + copy_ from fp32), returned (the rewrite's cast in a graph it does not
    fuse)."""
    x = kv[:4, :8, 0, :].float() * 3
    stage = torch.empty(x.shape, dtype=torch.float16)
    stage.copy_(x)
    return stage


def s_staging_new_rows(kv, w, slots, table, lens, cache):
    """The step's new rows staged: stage = empty_like(cache[s]); stage.copy_(new) (blind6's staging buffer)."""
    s = slots.long()
    stage = torch.empty_like(cache[s])
    stage.copy_(_new(kv, w, table, lens))
    cache[s] = torch.where(completes(lens)[:, None, None], stage, cache[s])
    return cache


ATTACKS += [
    ("staging_plain_no_step", _mk(s_staging_plain_no_step, lambda: [build()]),
     "no step: stage = empty(fp16); stage.copy_(fp32 x) returned"),
    ("staging_new_rows", _mk(s_staging_new_rows, lambda: [build()], ("static", "batch", "dynamic")),
     "control (blind6 spelling): the new rows staged in empty_like(cache[s]) and copied"),
]



# --- 10. rewrites the pass keeps in graphs it does not fuse: do they lower in real Inductor, same numbers? ----------
def s_int_relu_shift_no_step(kv, w, slots, table, lens, cache):
    """No step: relu and >> on int32 tensors (integer_ops_as_arithmetic's rewrites), returned."""
    return torch.relu(lens - 100), (lens - 100) >> 3


def _flat_rows(slots, N):
    return (slots.long()[:, None] * N + torch.arange(N)).reshape(-1)


def s_flat_head_rows_append_no_step(kv, w, slots, table, lens, cache):
    """No compression: a vLLM flattened-head cache view written with the new rows of the paged KV's first tokens
    (unflatten_head_rows' write form) and read back (its read form)."""
    S, N, D = cache.shape
    flat = cache.view(S * N, D)
    rows = _flat_rows(slots, N)
    vals = kv[:slots.shape[0], 0].reshape(-1, D)  # [B * N, D]
    flat[rows] = vals
    return cache, flat[rows].float().sum()


def s_flat_head_rows_read_no_step(kv, w, slots, table, lens, cache):
    S, N, D = cache.shape
    return cache.view(S * N, D)[_flat_rows(slots, N)] * 2


ATTACKS += [
    ("int_relu_shift_no_step", _mk(s_int_relu_shift_no_step, lambda: [build()]),
     "no step: relu(lens - 100), (lens - 100) >> 3 (rewritten to clamp_min / floor division in every graph)"),
    ("flat_head_rows_append_no_step", _mk(s_flat_head_rows_append_no_step, lambda: [build(specials=False)]),
     "no step: a KV-style write through cache.view(S * N, D) at slots * N + arange(N) (unflatten_head_rows)"),
    ("flat_head_rows_read_no_step", _mk(s_flat_head_rows_read_no_step, lambda: [build()]),
     "no step: a read through the flattened-head view"),
]



def _shift1_stack(x, dim, times=6):
    """K2 by stack: stack([x, x.float().to(x.dtype)], dim + 1) merged into dim, narrowed from 1."""
    for _ in range(times):
        shape = list(x.shape)
        n = shape[dim]
        t = torch.stack([x, _COPIES_OF["cast"](x)], dim).reshape(*shape[:dim], 2 * n, *shape[dim + 1:])
        x = t.narrow(dim, 1, n)
    return x


f_tokens_heads_cast_stack_shift1x6 = _rolled(lambda kv, w, t, s: pool(_shift1_stack(tokens(kv, t, positions(s)), 2), w))

ATTACKS += [
    ("tokens_heads_cast_stack_shift1x6_dyn", _mk(f_tokens_heads_cast_stack_shift1x6, _heads_grow, ("dynamic",)),
     "K2 by stack: stack([x, x.float().half()], 2).reshape(.., 2N, ..).narrow(2, 1, N) six times"),
]



# Inductor's FX graph / AOTAutograd caches ON (a fresh cache dir): compile on one buffer value, reset dynamo, change
# the buffer, compile again -- is the graph fused on the first value served for the second?
def _shift_and_reset(i, m):
    if i == 1:
        m.off.add_(1)
        torch._dynamo.reset()


def _swap_and_reset(i, m):
    if i == 1:
        m.off = torch.arange(1, L + 1)  # a new tensor object with other values
        torch._dynamo.reset()


class _Cached(Scenario):
    caches = True


def _sc_cached(make, inputs, hooks):
    return lambda: _Cached(make, inputs(), hooks)


ATTACKS += [
    ("bound_cache_value_changed_recompile", _sc_cached(_bound_make(lambda: torch.arange(L)), _bound_inputs,
                                                       _shift_and_reset),
     "caches on: compiled on arange(l) (fused), buffer add_(1), dynamo reset, compiled again (cache key must differ)"),
    ("bound_cache_buffer_swapped_recompile", _sc_cached(_bound_make(lambda: torch.arange(L)), _bound_inputs,
                                                        _swap_and_reset),
     "caches on: the buffer replaced by arange(1, l + 1), dynamo reset, compiled again"),
]



# baddbmm's bias (new: evaluate.BatchPlan._baddbmm_batch, "batch-indexed alike or constant along them") holding
# 0 * x: zero wherever x is finite, NaN where x is inf or NaN.  The probes fill x with finite values.
def _bias_times0(src_of):
    def new(kv, w, t, s, cache=None, slots=None):
        a, b, (B, N, D) = _heads_bmm_operands(kv, w, t, s)
        bias = (src_of(kv, w, t, s, cache, slots) * 0).reshape(B * N, 1, D)
        return torch.baddbmm(bias, a, b).reshape(B, N, D)
    return new


def _with_cache_rows(new_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), new_of(kv, w, table, lens, cache, slots))
    return step


s_baddbmm_bias_cache_rows_times0 = _with_cache_rows(_bias_times0(lambda kv, w, t, s, c, sl: c[sl.long()].float()))
s_baddbmm_bias_weight_times0 = _with_cache_rows(_bias_times0(
    lambda kv, w, t, s, c, sl: w.float().sum(0)[None, :, None].expand(s.shape[0], -1, kv.shape[3])))
s_baddbmm_bias_lens_inf = _with_cache_rows(_bias_times0(
    lambda kv, w, t, s, c, sl: (1.0 / (s.float() - 7))[:, None, None].expand(-1, kv.shape[2], kv.shape[3])))


def _inf_cache_rows():
    """The cache rows the qualifying sequences write hold +inf (any value is valid there: they are overwritten)."""
    x = build()
    a = list(x.args)
    from tests.corpora.attacks import _qualifies
    for b in range(a[4].shape[0]):
        if _qualifies(int(a[4][b])):
            a[5][int(a[2][b])] = float("inf")
    return a


def _inf_weight():
    x = build()
    a = list(x.args)
    a[1][3, 1] = float("inf")
    return a


def _lens_seven():
    """A length of 7 (1 / (s - 7) is inf there: a non-qualifying row, and every other row finite)."""
    a = list(build().args)
    a[4][0] = 7
    return a


ATTACKS += [
    ("baddbmm_bias_cache_rows_times0", _mk(s_baddbmm_bias_cache_rows_times0, lambda: [_inf_cache_rows()]),
     "baddbmm(cache[s].float() * 0, ..): NaN where the overwritten row holds inf"),
    ("baddbmm_bias_weight_times0", _mk(s_baddbmm_bias_weight_times0, lambda: [_inf_weight()]),
     "baddbmm(weight-derived * 0 bias): an inf weight makes the bias NaN (the op gives inf)"),
    ("baddbmm_bias_lens_inf", _mk(s_baddbmm_bias_lens_inf, lambda: [_lens_seven()]),
     "baddbmm(0 * 1 / (s - 7)): NaN at s = 7 only (a row that does not qualify: control)"),
]



def _bias_self_minus(src_of):
    def new(kv, w, t, s, cache=None, slots=None):
        a, b, (B, N, D) = _heads_bmm_operands(kv, w, t, s)
        x = src_of(kv, w, t, s, cache, slots)
        return torch.baddbmm((x - x).reshape(B * N, 1, D), a, b).reshape(B, N, D)
    return new


s_baddbmm_bias_cache_rows_minus_self = _with_cache_rows(_bias_self_minus(lambda kv, w, t, s, c, sl: c[sl.long()].float()))
s_baddbmm_bias_cache_rows_nan_to_zero = _with_cache_rows(
    lambda kv, w, t, s, c, sl: (lambda a_b: torch.baddbmm(
        torch.where(c[sl.long()].float().isfinite(), 0.0, float("nan")).reshape(a_b[2][0] * a_b[2][1], 1, a_b[2][2]),
        a_b[0], a_b[1]).reshape(a_b[2]))(_heads_bmm_operands(kv, w, t, s)))

ATTACKS += [
    ("baddbmm_bias_cache_rows_minus_self", _mk(s_baddbmm_bias_cache_rows_minus_self, lambda: [_inf_cache_rows()]),
     "baddbmm((r - r) for the overwritten rows r, ..): NaN where r is inf"),
    ("baddbmm_bias_cache_rows_where_finite", _mk(s_baddbmm_bias_cache_rows_nan_to_zero, lambda: [_inf_cache_rows()]),
     "baddbmm(where(isfinite(r), 0, nan), ..): NaN where the overwritten row is inf"),
]



s_baddbmm_bias_weight_minus_self = _with_cache_rows(_bias_self_minus(
    lambda kv, w, t, s, c, sl: w.float().sum(0)[None, :, None].expand(s.shape[0], -1, kv.shape[3])))
s_baddbmm_bias_tokens_minus_self = _with_cache_rows(_bias_self_minus(
    lambda kv, w, t, s, c, sl: tokens(kv, t, positions(s)).float()[:, -1]))

ATTACKS += [
    ("baddbmm_bias_weight_minus_self", _mk(s_baddbmm_bias_weight_minus_self, lambda: [_inf_weight()]),
     "baddbmm((v - v) for v = w.sum(0) broadcast): NaN for a head with an inf weight (the op: inf)"),
    ("baddbmm_bias_tokens_minus_self", _mk(s_baddbmm_bias_tokens_minus_self, lambda: [build()]),
     "baddbmm((t - t) for the window's last token t): NaN where a read token is inf (the op: inf)"),
]



def s_second_step_keeps_stale_clone(kv, w, slots, table, lens, cache, slots2):
    """old = cache.clone(); step 1 into cache; step 2 writes where(valid2, new2, old[slots2]) -- its kept rows are
    the state BEFORE step 1 (slots2 overlaps slots: row r written by step 1, rewritten with old[r] by step 2)."""
    old = cache.clone()
    contract(kv, w, slots, table, lens, cache)
    s2 = slots2.long()
    cache[s2] = torch.where(completes(lens + 16)[:, None, None], _new(kv, w, table, lens + 16).to(cache.dtype), old[s2])
    return cache


def s_second_step_keeps_first_input(kv, w, slots, table, lens, cache, slots2):
    """The same with the snapshot as index_select of the cache taken before step 1."""
    s2 = slots2.long()
    old_rows = cache.index_select(0, s2)
    contract(kv, w, slots, table, lens, cache)
    cache[s2] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), old_rows)
    return cache


def _overlapping_slots(B=40, seed=0):
    """Two slot mappings over the same rows (slots2 = slots reversed): every row written by both steps."""
    a = list(build(B=B, seed=seed, num_slots=2 * B + 5, lengths=None).args)
    a[4] = a[4].clamp(max=a[3].shape[1] * a[0].shape[1] - 16)  # lens + 16 stays a valid length
    a.append(a[2].flip(0).clone())
    return a


ATTACKS += [
    ("second_step_keeps_stale_clone", _mk(s_second_step_keeps_stale_clone, lambda: [_overlapping_slots()]),
     "step 2's kept rows from a clone taken before step 1 (slots overlap): step 1's rows must be undone"),
    ("second_step_keeps_first_input", _mk(s_second_step_keeps_first_input, lambda: [_overlapping_slots()]),
     "step 2's kept rows index_select'ed before step 1"),
]



# Writes through multi-output views (unbind / chunk / split: getitem of a view op): written_in_place follows
# ALIASING_VIEWS users only, and operator.getitem is not one.
from tests.corpora.redteam6 import _stacked_cmp  # noqa: E402


def _two_steps_half(split):
    def step(kv, w, slots, table, lens, cmp, slots2):
        k = split(cmp)
        contract(kv, w, slots, table, lens, k)
        contract(kv, w, slots2, table, lens, split(cmp))
        return cmp
    return step


s_two_steps_unbind_half = _two_steps_half(lambda c: c.unbind(0)[0])
s_two_steps_chunk_half = _two_steps_half(lambda c: c.chunk(2, 0)[1][0])
s_two_steps_split_half = _two_steps_half(lambda c: torch.split(c, 1, 0)[0].squeeze(0))


def s_two_steps_unbind_same_node(kv, w, slots, table, lens, cmp, slots2):
    k, v = cmp.unbind(0)
    contract(kv, w, slots, table, lens, k)
    contract(kv, w, slots2, table, lens, k)
    return cmp


def _stacked_two():
    return [_stacked_cmp(_two_slots())]


ATTACKS += [
    ("two_steps_unbind_half", _mk(s_two_steps_unbind_half, _stacked_two),
     "stacked [2, S, N, D] cache: two steps into cmp.unbind(0)[0] (two unbinds)"),
    ("two_steps_unbind_same_node", _mk(s_two_steps_unbind_same_node, _stacked_two),
     "two steps into one k of k, v = cmp.unbind(0)"),
    ("two_steps_chunk_half", _mk(s_two_steps_chunk_half, _stacked_two),
     "two steps into cmp.chunk(2, 0)[1][0]"),
    ("two_steps_split_half", _mk(s_two_steps_split_half, _stacked_two),
     "two steps into torch.split(cmp, 1, 0)[0].squeeze(0)"),
]



# K3 along the batch of a STATIC graph: the pooling probes cut the batch to 32 rows; a shift by 32 is the identity
# there and a shift by 32 mod 40 = 32 at the compiled 40 rows.
f_new_batch_add_zeros_shift1x32 = _rolled(lambda kv, w, t, s: _shift1_by(_new(kv, w, t, s), 0, "add_zeros", 32))
f_tokens_batch_index0_shift1x32 = _rolled(lambda kv, w, t, s: pool(_shift1_by(tokens(kv, t, positions(s)), 0, "index0", 32), w))

ATTACKS += [
    ("new_batch_add_zeros_shift1x32", _mk(f_new_batch_add_zeros_shift1x32, lambda: [build()]),
     "static B = 40: the new rows shifted 32 times by 1 along the batch through broadcast tilings (identity at 32)"),
    ("tokens_batch_index0_shift1x32", _mk(f_tokens_batch_index0_shift1x32, lambda: [build()]),
     "static B = 40: the gathered windows shifted 32 times along the batch through index_select tilings"),
]



# --- 11. (new code after the snapshot, 46aec8a) the batch plan's fills and scans: a cumsum of a fill ALONG the batch
# dim, reached through a transpose, numbers the rows; floor(b / 32) is 0 on the 32-row probe of a static 40-row graph.
def _row_number_of(B, l):
    return torch.ones(l, B).cumsum(1).t()[:, :1].long() - 1  # [B, 1]: row b -> b


def s_positions_plus_row_over_32(kv, w, slots, table, lens, cache):
    pos = (lens.long()[:, None] - L + torch.arange(L) + _row_number_of(lens.shape[0], L) // 32).clamp(
        0, _cap(kv, table) - 1)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def s_condition_row_over_32(kv, w, slots, table, lens, cache):
    valid = completes(lens) & (_row_number_of(lens.shape[0], L)[:, 0] // 32 == 0)
    return write(cache, slots, valid, _new(kv, w, table, lens))


def s_new_rows_scaled_row_over_32(kv, w, slots, table, lens, cache):
    new = _new(kv, w, table, lens)
    k = (_row_number_of(lens.shape[0], L) // 32).float()[:, :, None]  # [B, 1, 1]: 0 below row 32, 1 from it
    return write(cache, slots, completes(lens), new * (1 - k) + new.flip(0) * k)


ATTACKS += [
    ("positions_plus_row_over_32", _mk(s_positions_plus_row_over_32, lambda: [build()], ("static", "batch")),
     "positions + floor(b / 32), b from ones(l, B).cumsum(1).t(): a scan along the batch behind a transpose"),
    ("condition_row_over_32", _mk(s_condition_row_over_32, lambda: [build()], ("static", "batch")),
     "condition & (b // 32 == 0), b from the transposed cumsum of a fill"),
    ("new_rows_scaled_row_over_32", _mk(s_new_rows_scaled_row_over_32, lambda: [build()], ("static",)),
     "rows from 32 on take the flipped batch's new rows (b from the transposed cumsum)"),
]


# --- the scenario runner (bound_*): nsa_fusion's own backends, which offer the buffers' values ---------------------
def _bound_backend(dialect):
    from nsa_fusion import bound_inputs
    from nsa_fusion.backend import nsa_fusion_backend
    from tests.fusion_harness import InductorGraphBackend

    if dialect == "inductor":
        return nsa_fusion_backend
    if dialect == "torchair":  # real torchair on CPU (get_npu_backend offers the buffers itself)
        return _torchair_backend()
    if dialect == "inductor_graph":  # the harness backend: offers nothing (the unbound control)
        return InductorGraphBackend()
    if dialect == "bound_ig":
        inner = InductorGraphBackend()  # (its post-grad pass is backend.ChainedPass: bound_inputs.run_pass)
        return lambda gm, ex, **kw: bound_inputs.checked_compile(inner, gm, ex)

    from torch._functorch.aot_autograd import aot_module_simplified

    from nsa_fusion.fusion_pass import NsaFusionPass
    from nsa_fusion.rewrite import TORCHAIR

    def torchair_like(gm, example_inputs, **kw):
        def fw(g, _inputs):
            if dialect == "bound_ta":
                bound_inputs.run_pass(g.graph, NsaFusionPass(TORCHAIR, reinplace=True))
            else:
                NsaFusionPass(TORCHAIR, reinplace=True)(g.graph)
            g.recompile()
            return g

        return aot_module_simplified(gm, example_inputs, fw_compiler=fw, decompositions={},
                                     keep_inference_input_mutations=True)

    if dialect == "torchair_like":
        return torchair_like
    return lambda gm, ex, **kw: bound_inputs.checked_compile(torchair_like, gm, ex)


def _run_scenario(sc, dialect, mode, pass_on, compiled=True):
    import warnings

    from nsa_fusion import diagnostics
    from tests.fusion_harness import no_compile_caches

    torch._dynamo.reset()
    diagnostics.reset()
    model = sc.make()
    calls, error = [], None
    dynamic = {"static": False, "batch": None, "dynamic": True}[mode]
    from torch._inductor.utils import fresh_cache

    caches = fresh_cache() if getattr(sc, "caches", False) else no_compile_caches()
    with caches, redteam2._pass(pass_on), torch.no_grad(), warnings.catch_warnings(), \
            torch._dynamo.config.patch(capture_scalar_outputs=True):
        warnings.simplefilter("ignore")
        fn = torch.compile(model, backend=_bound_backend(dialect), dynamic=dynamic, fullgraph=True) if compiled \
            else model
        try:
            for i, a in enumerate(sc.inputs):
                sc.hooks(i, model)
                args = [t.clone() for t in a]
                if mode == "batch" and compiled:
                    for j in (1, 2, 3):
                        torch._dynamo.mark_dynamic(args[j], 0)
                calls.append(redteam2._leave(fn(*args), args))
        except Exception as exc:  # noqa: BLE001 - a crash is an outcome
            if not compiled:
                raise
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        finally:
            torch._dynamo.reset()
    rejected = [e for e in diagnostics.events if e.kind == "rejected"]
    return calls, diagnostics.stats.get("fused", 0), error, rejected


def classify_scenario(name, factory, dialect, mode=None):
    from tests.test_soundness import differences

    sc = factory()
    sc.inputs = [_args(x)[0] if not isinstance(x, list) else x for x in sc.inputs]
    out = []
    for m in ([mode] if mode else sc.modes):
        try:
            want = _run_scenario(sc, dialect, m, True, compiled=False)[0]
        except Exception as exc:  # noqa: BLE001
            out.append((m, "EAGER FAILS", f"{type(exc).__name__}: {exc}"[:160]))
            continue
        got, fused, error, rejected = _run_scenario(sc, dialect, m, True)
        if error is not None:
            _, _, cerr, _ = _run_scenario(sc, dialect, m, False)
            out.append((m, "CRASH" if cerr is None else "CONTROL CRASHES TOO", error))
            continue
        diff = differences(got, want)
        ctl = None
        if diff:
            ctl, _, cerr, _ = _run_scenario(sc, dialect, m, False)
            cdiff = differences(ctl, want) if cerr is None else [cerr]
        if not fused:
            why = f"{rejected[0].pattern}: {rejected[0].reason}" if rejected else "no candidate"
            if not diff:
                out.append((m, "REFUSED", why))
            else:
                out.append((m, "REFUSED (control differs)" if cdiff else "REFUSED, PASS CHANGES NUMBERS", why))
            continue
        if not diff:
            out.append((m, "FUSED & EQUAL", f"fused {fused}"))
        elif cdiff:
            out.append((m, "CONTROL DIFFERS", f"pass: {diff[0]}; control: {cdiff[0]}"))
        else:
            out.append((m, "FALSE FUSION", diff[0]))
    return out


def classify7(name, factory, dialect, mode=None):
    """Scenarios (``bound_*``): :func:`classify_scenario`; everything else redteam6's classify6."""
    if name.startswith("bound_"):
        return classify_scenario(name, factory, dialect, mode)
    if dialect == "torchair":
        return classify_torchair(name, factory, mode)
    if dialect in ("bound_ig", "bound_ta"):
        dialect = {"bound_ig": "inductor_graph", "bound_ta": "torchair_like"}[dialect]
    return classify6(name, factory, dialect, mode)


# First-try results: (attack, dialect, mode) -> result.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _RPD = "CONTROL DIFFERS", "REFUSED, PASS CHANGES NUMBERS"
_RCD, _CCT, _EF = "REFUSED (control differs)", "CONTROL CRASHES TOO", "EAGER FAILS"
# Snapshot of commit 0b079643 (HEAD at 02:24 UTC) extracted to /tmp/base7, 02:30-03:36 UTC: (attack, dialect, mode,
# result).  "inductor" / "torchair" (real Inductor codegen / real torchair on CPU) are confirmation runs only.
_FIRST = [
    ("bound_control", "inductor_graph", "static", _R),
    ("bound_changed_between_calls", "inductor_graph", "static", _R),
    ("bound_view_changed_through_base", "inductor_graph", "static", _R),
    ("bound_strided_view_as_strided", "inductor_graph", "static", _R),
    ("bound_offset_view_as_strided0", "inductor_graph", "static", _R),
    ("lens_plus_one_returned", "inductor_graph", "static", _EQ),
    ("lens_plus_one_cond_below_cap", "inductor_graph", "static", _R),
    ("lens_plus_one_cond_below_cap", "inductor_graph", "batch", _R),
    ("lens_plus_one_clamp_cap2", "inductor_graph", "static", _R),
    ("lens_plus_one_clamp_cap2", "inductor_graph", "batch", _R),
    ("lens_plus_one_in_kv_append", "inductor_graph", "static", _R),
    ("slots_plus_one_returned", "inductor_graph", "static", _R),
    ("slots_plus_one_returned", "inductor_graph", "batch", _R),
    ("positions_advance_inplace", "inductor_graph", "static", _EQ),
    ("positions_advance_inplace", "inductor_graph", "batch", _EQ),
    ("positions_condition_reads_p", "inductor_graph", "static", _R),
    ("two_plus_ones", "inductor_graph", "static", _R),
    ("slots_perm289_index_select", "inductor_graph", "batch", _R),
    ("slots_perm289_index_select", "inductor_graph", "dynamic", _R),
    ("slots_perm289_gather", "inductor_graph", "batch", _R),
    ("slots_perm289_gather", "inductor_graph", "dynamic", _R),
    ("slots_perm289_take", "inductor_graph", "batch", _R),
    ("slots_perm289_take", "inductor_graph", "dynamic", _R),
    ("slots_perm289_index_floordiv", "inductor_graph", "batch", _R),
    ("slots_perm289_index_floordiv", "inductor_graph", "dynamic", _R),
    ("slots_perm289_arange_step", "inductor_graph", "batch", _R),
    ("slots_perm289_arange_step", "inductor_graph", "dynamic", _R),
    ("kept_batch_perm289", "inductor_graph", "batch", _R),
    ("kept_batch_perm289", "inductor_graph", "dynamic", _R),
    ("new_batch_perm289", "inductor_graph", "batch", _R),
    ("new_batch_perm289", "inductor_graph", "dynamic", _R),
    ("lens_perm289", "inductor_graph", "batch", _R),
    ("lens_perm289", "inductor_graph", "dynamic", _R),
    ("table_rows_perm289", "inductor_graph", "batch", _R),
    ("table_rows_perm289", "inductor_graph", "dynamic", _R),
    ("table_pages_perm21_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_perm7_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_perm7_fmod_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_perm_gather_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_perm_onehot_dyn", "inductor_graph", "dynamic", _R),
    ("kv_heads_perm7_dyn", "inductor_graph", "dynamic", _R),
    ("tokens_heads_perm7_dyn", "inductor_graph", "dynamic", _R),
    ("new_heads_perm7_dyn", "inductor_graph", "dynamic", _R),
    ("kept_heads_perm7_dyn", "inductor_graph", "dynamic", _R),
    ("three_steps_same_cache", "inductor_graph", "static", _EQ),
    ("two_steps_as_strided_view", "inductor_graph", "static", _EQ),
    ("two_steps_transposed_twice", "inductor_graph", "static", _EQ),
    ("two_steps_flat_unflatten", "inductor_graph", "static", _EQ),
    ("between_index_add_zero", "inductor_graph", "static", _EQ),
    ("between_scatter_reduce_amax", "inductor_graph", "static", _EQ),
    ("between_narrow_copy", "inductor_graph", "static", _EQ),
    ("between_index_fill", "inductor_graph", "static", _EQ),
    ("between_masked_fill_view", "inductor_graph", "static", _EQ),
    ("between_mul_one_inplace", "inductor_graph", "static", _EQ),
    ("step_then_read_other_view", "inductor_graph", "static", _EQ),
    ("capacity_clamp_255_dyn", "inductor_graph", "dynamic", _R),
    ("page_size_64_dyn", "inductor_graph", "dynamic", _EQ),
    ("bound_strided_view_torch_as_strided", "inductor_graph", "static", _R),
    ("bound_strided_view_torch_as_strided", "inductor_graph", "batch", _R),
    ("bound_strided_view_torch_as_strided", "inductor_graph", "dynamic", _R),
    ("bound_offset_view_as_strided0_dyn", "inductor_graph", "batch", _R),
    ("bound_offset_view_as_strided0_dyn", "inductor_graph", "dynamic", _R),
    ("bound_offset_view_as_strided_2d", "inductor_graph", "static", _R),
    ("bound_item_shift_new_full", "inductor_graph", "static", _R),
    ("bound_alias_attr_mutated_in_graph", "inductor_graph", "static", _R),
    ("bound_stride_buffer_changed", "inductor_graph", "static", _R),
    ("bound_slot_map_changed", "inductor_graph", "static", _EQ),
    ("bound_mutated_after_step", "inductor_graph", "static", _R),
    ("baddbmm_beta0_nan_bias", "inductor_graph", "static", _EQ),
    ("baddbmm_beta_neg1_zero_bias", "inductor_graph", "static", _EQ),
    ("baddbmm_negzero_bias", "inductor_graph", "static", _EQ),
    ("baddbmm_alpha2", "inductor_graph", "static", _R),
    ("baddbmm_alpha1_float", "inductor_graph", "static", _EQ),
    ("baddbmm_beta_half_inf_bias", "inductor_graph", "static", _R),
    ("loop_from_negzero_full", "inductor_graph", "static", _R),
    ("loop_from_negzero_new_full", "inductor_graph", "static", _R),
    ("loop_from_zero_times_first", "inductor_graph", "static", _R),
    ("loop_from_zeros_like_plus", "inductor_graph", "static", _R),
    ("loop_from_zero_scalar_tensor", "inductor_graph", "static", _EQ),
    ("zero_start_not_fused", "inductor_graph", "static", _RCD),
    ("zero_start_then_sub", "inductor_graph", "static", _RCD),
    ("weight_heads_cast_tile_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_mul1_tile_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_negneg_tile_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_flipflip_tile_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_cast_tile_step7_dyn", "inductor_graph", "dynamic", _R),
    ("new_heads_mul1_tile_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("kept_heads_cast_tile_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("tokens_heads_cast_tile_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("new_heads_f64_tile_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("kv_heads_cast_tile_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_cast_first_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("tokens_heads_f64_tile_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_long_tile_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_add_zeros_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_mul_ones_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_maximum_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_index0_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_where_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_index0_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_where_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("tokens_heads_index0_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("tokens_heads_where_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("new_heads_index0_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("kept_heads_index0_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("kept_heads_where_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("staging_strided_as_strided_out", "inductor_graph", "static", _FF),
    ("staging_strided_no_step", "inductor_graph", "static", _RPD),
    ("staging_empty_like_transposed", "inductor_graph", "static", _R),
    ("staging_transposed_control", "inductor_graph", "static", _R),
    ("staging_plain_no_step", "inductor_graph", "static", _R),
    ("staging_new_rows", "inductor_graph", "static", _EQ),
    ("staging_new_rows", "inductor_graph", "batch", _EQ),
    ("staging_new_rows", "inductor_graph", "dynamic", _EQ),
    ("int_relu_shift_no_step", "inductor_graph", "static", _R),
    ("flat_head_rows_append_no_step", "inductor_graph", "static", _R),
    ("flat_head_rows_read_no_step", "inductor_graph", "static", _R),
    ("tokens_heads_cast_stack_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("bound_cache_value_changed_recompile", "inductor_graph", "static", _R),
    ("bound_cache_buffer_swapped_recompile", "inductor_graph", "static", _R),
    ("baddbmm_bias_cache_rows_times0", "inductor_graph", "static", _CD),
    ("baddbmm_bias_weight_times0", "inductor_graph", "static", _CD),
    ("baddbmm_bias_lens_inf", "inductor_graph", "static", _EQ),
    ("baddbmm_bias_cache_rows_minus_self", "inductor_graph", "static", _R),
    ("baddbmm_bias_cache_rows_where_finite", "inductor_graph", "static", _R),
    ("baddbmm_bias_weight_minus_self", "inductor_graph", "static", _R),
    ("baddbmm_bias_tokens_minus_self", "inductor_graph", "static", _R),
    ("second_step_keeps_stale_clone", "inductor_graph", "static", _EQ),
    ("second_step_keeps_first_input", "inductor_graph", "static", _EQ),
    ("two_steps_unbind_half", "inductor_graph", "static", _EQ),
    ("two_steps_unbind_same_node", "inductor_graph", "static", _EQ),
    ("two_steps_chunk_half", "inductor_graph", "static", _EQ),
    ("two_steps_split_half", "inductor_graph", "static", _EQ),
    ("new_batch_add_zeros_shift1x32", "inductor_graph", "static", _R),
    ("tokens_batch_index0_shift1x32", "inductor_graph", "static", _R),
    ("bound_control", "torchair_like", "static", _R),
    ("bound_changed_between_calls", "torchair_like", "static", _R),
    ("bound_view_changed_through_base", "torchair_like", "static", _R),
    ("bound_strided_view_as_strided", "torchair_like", "static", _R),
    ("bound_offset_view_as_strided0", "torchair_like", "static", _R),
    ("lens_plus_one_returned", "torchair_like", "static", _EQ),
    ("lens_plus_one_cond_below_cap", "torchair_like", "static", _R),
    ("lens_plus_one_cond_below_cap", "torchair_like", "batch", _R),
    ("lens_plus_one_clamp_cap2", "torchair_like", "static", _R),
    ("lens_plus_one_clamp_cap2", "torchair_like", "batch", _R),
    ("lens_plus_one_in_kv_append", "torchair_like", "static", _R),
    ("slots_plus_one_returned", "torchair_like", "static", _R),
    ("slots_plus_one_returned", "torchair_like", "batch", _R),
    ("positions_advance_inplace", "torchair_like", "static", _EQ),
    ("positions_advance_inplace", "torchair_like", "batch", _EQ),
    ("positions_condition_reads_p", "torchair_like", "static", _R),
    ("two_plus_ones", "torchair_like", "static", _R),
    ("slots_perm289_index_select", "torchair_like", "batch", _R),
    ("slots_perm289_index_select", "torchair_like", "dynamic", _R),
    ("slots_perm289_gather", "torchair_like", "batch", _R),
    ("slots_perm289_gather", "torchair_like", "dynamic", _R),
    ("slots_perm289_take", "torchair_like", "batch", _R),
    ("slots_perm289_take", "torchair_like", "dynamic", _R),
    ("slots_perm289_index_floordiv", "torchair_like", "batch", _R),
    ("slots_perm289_index_floordiv", "torchair_like", "dynamic", _R),
    ("slots_perm289_arange_step", "torchair_like", "batch", _R),
    ("slots_perm289_arange_step", "torchair_like", "dynamic", _R),
    ("kept_batch_perm289", "torchair_like", "batch", _R),
    ("kept_batch_perm289", "torchair_like", "dynamic", _R),
    ("new_batch_perm289", "torchair_like", "batch", _R),
    ("new_batch_perm289", "torchair_like", "dynamic", _R),
    ("lens_perm289", "torchair_like", "batch", _R),
    ("lens_perm289", "torchair_like", "dynamic", _R),
    ("table_rows_perm289", "torchair_like", "batch", _R),
    ("table_rows_perm289", "torchair_like", "dynamic", _R),
    ("table_pages_perm21_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_perm7_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_perm7_fmod_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_perm_gather_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_perm_onehot_dyn", "torchair_like", "dynamic", _R),
    ("kv_heads_perm7_dyn", "torchair_like", "dynamic", _R),
    ("tokens_heads_perm7_dyn", "torchair_like", "dynamic", _R),
    ("new_heads_perm7_dyn", "torchair_like", "dynamic", _R),
    ("kept_heads_perm7_dyn", "torchair_like", "dynamic", _R),
    ("three_steps_same_cache", "torchair_like", "static", _EQ),
    ("two_steps_as_strided_view", "torchair_like", "static", _EQ),
    ("two_steps_transposed_twice", "torchair_like", "static", _EQ),
    ("two_steps_flat_unflatten", "torchair_like", "static", _EQ),
    ("between_index_add_zero", "torchair_like", "static", _EQ),
    ("between_scatter_reduce_amax", "torchair_like", "static", _EQ),
    ("between_narrow_copy", "torchair_like", "static", _EQ),
    ("between_index_fill", "torchair_like", "static", _EQ),
    ("between_masked_fill_view", "torchair_like", "static", _EQ),
    ("between_mul_one_inplace", "torchair_like", "static", _EQ),
    ("step_then_read_other_view", "torchair_like", "static", _EQ),
    ("capacity_clamp_255_dyn", "torchair_like", "dynamic", _R),
    ("page_size_64_dyn", "torchair_like", "dynamic", _EQ),
    ("bound_strided_view_torch_as_strided", "torchair_like", "static", _R),
    ("bound_strided_view_torch_as_strided", "torchair_like", "batch", _R),
    ("bound_strided_view_torch_as_strided", "torchair_like", "dynamic", _R),
    ("bound_offset_view_as_strided0_dyn", "torchair_like", "batch", _R),
    ("bound_offset_view_as_strided0_dyn", "torchair_like", "dynamic", _R),
    ("bound_offset_view_as_strided_2d", "torchair_like", "static", _R),
    ("bound_item_shift_new_full", "torchair_like", "static", _R),
    ("bound_alias_attr_mutated_in_graph", "torchair_like", "static", _R),
    ("bound_stride_buffer_changed", "torchair_like", "static", _R),
    ("bound_slot_map_changed", "torchair_like", "static", _EQ),
    ("bound_mutated_after_step", "torchair_like", "static", _R),
    ("baddbmm_beta0_nan_bias", "torchair_like", "static", _EQ),
    ("baddbmm_beta_neg1_zero_bias", "torchair_like", "static", _EQ),
    ("baddbmm_negzero_bias", "torchair_like", "static", _EQ),
    ("baddbmm_alpha2", "torchair_like", "static", _R),
    ("baddbmm_alpha1_float", "torchair_like", "static", _EQ),
    ("baddbmm_beta_half_inf_bias", "torchair_like", "static", _R),
    ("loop_from_negzero_full", "torchair_like", "static", _R),
    ("loop_from_negzero_new_full", "torchair_like", "static", _R),
    ("loop_from_zero_times_first", "torchair_like", "static", _R),
    ("loop_from_zeros_like_plus", "torchair_like", "static", _R),
    ("loop_from_zero_scalar_tensor", "torchair_like", "static", _EQ),
    ("zero_start_not_fused", "torchair_like", "static", _R),
    ("zero_start_then_sub", "torchair_like", "static", _R),
    ("weight_heads_cast_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_mul1_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_negneg_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_flipflip_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_cast_tile_step7_dyn", "torchair_like", "dynamic", _R),
    ("new_heads_mul1_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("kept_heads_cast_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("tokens_heads_cast_tile_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("new_heads_f64_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("kv_heads_cast_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_cast_first_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("tokens_heads_f64_tile_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("table_pages_long_tile_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_add_zeros_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_mul_ones_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_maximum_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_index0_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_where_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_index0_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_where_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("tokens_heads_index0_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("tokens_heads_where_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("new_heads_index0_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("kept_heads_index0_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("kept_heads_where_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("staging_strided_as_strided_out", "torchair_like", "static", _FF),
    ("staging_strided_no_step", "torchair_like", "static", _RPD),
    ("staging_empty_like_transposed", "torchair_like", "static", _R),
    ("staging_transposed_control", "torchair_like", "static", _EQ),
    ("staging_plain_no_step", "torchair_like", "static", _R),
    ("staging_new_rows", "torchair_like", "static", _EQ),
    ("staging_new_rows", "torchair_like", "batch", _EQ),
    ("staging_new_rows", "torchair_like", "dynamic", _EQ),
    ("int_relu_shift_no_step", "torchair_like", "static", _R),
    ("flat_head_rows_append_no_step", "torchair_like", "static", _R),
    ("flat_head_rows_read_no_step", "torchair_like", "static", _R),
    ("tokens_heads_cast_stack_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("bound_cache_value_changed_recompile", "torchair_like", "static", _R),
    ("bound_cache_buffer_swapped_recompile", "torchair_like", "static", _R),
    ("baddbmm_bias_cache_rows_times0", "torchair_like", "static", _R),
    ("baddbmm_bias_weight_times0", "torchair_like", "static", _R),
    ("baddbmm_bias_lens_inf", "torchair_like", "static", _EQ),
    ("baddbmm_bias_cache_rows_minus_self", "torchair_like", "static", _R),
    ("baddbmm_bias_cache_rows_where_finite", "torchair_like", "static", _R),
    ("baddbmm_bias_weight_minus_self", "torchair_like", "static", _R),
    ("baddbmm_bias_tokens_minus_self", "torchair_like", "static", _R),
    ("second_step_keeps_stale_clone", "torchair_like", "static", _EQ),
    ("second_step_keeps_first_input", "torchair_like", "static", _EQ),
    ("two_steps_unbind_half", "torchair_like", "static", _EQ),
    ("two_steps_unbind_same_node", "torchair_like", "static", _EQ),
    ("two_steps_chunk_half", "torchair_like", "static", _EQ),
    ("two_steps_split_half", "torchair_like", "static", _EQ),
    ("new_batch_add_zeros_shift1x32", "torchair_like", "static", _R),
    ("tokens_batch_index0_shift1x32", "torchair_like", "static", _R),
    ("bound_control", "bound_ig", "static", _EQ),
    ("bound_changed_between_calls", "bound_ig", "static", _EQ),
    ("bound_view_changed_through_base", "bound_ig", "static", _EQ),
    ("bound_strided_view_as_strided", "bound_ig", "static", _FF),
    ("bound_offset_view_as_strided0", "bound_ig", "static", _FF),
    ("bound_strided_view_torch_as_strided", "bound_ig", "static", _FF),
    ("bound_strided_view_torch_as_strided", "bound_ig", "batch", _FF),
    ("bound_strided_view_torch_as_strided", "bound_ig", "dynamic", _FF),
    ("bound_offset_view_as_strided0_dyn", "bound_ig", "batch", _FF),
    ("bound_offset_view_as_strided0_dyn", "bound_ig", "dynamic", _FF),
    ("bound_offset_view_as_strided_2d", "bound_ig", "static", _EQ),
    ("bound_item_shift_new_full", "bound_ig", "static", _R),
    ("bound_alias_attr_mutated_in_graph", "bound_ig", "static", _R),
    ("bound_stride_buffer_changed", "bound_ig", "static", _EQ),
    ("bound_slot_map_changed", "bound_ig", "static", _R),
    ("bound_mutated_after_step", "bound_ig", "static", _R),
    ("bound_cache_value_changed_recompile", "bound_ig", "static", _EQ),
    ("bound_cache_buffer_swapped_recompile", "bound_ig", "static", _EQ),
    ("bound_control", "bound_ta", "static", _EQ),
    ("bound_changed_between_calls", "bound_ta", "static", _EQ),
    ("bound_view_changed_through_base", "bound_ta", "static", _EQ),
    ("bound_strided_view_as_strided", "bound_ta", "static", _FF),
    ("bound_offset_view_as_strided0", "bound_ta", "static", _FF),
    ("bound_strided_view_torch_as_strided", "bound_ta", "static", _FF),
    ("bound_strided_view_torch_as_strided", "bound_ta", "batch", _FF),
    ("bound_strided_view_torch_as_strided", "bound_ta", "dynamic", _FF),
    ("bound_offset_view_as_strided0_dyn", "bound_ta", "batch", _FF),
    ("bound_offset_view_as_strided0_dyn", "bound_ta", "dynamic", _FF),
    ("bound_offset_view_as_strided_2d", "bound_ta", "static", _EQ),
    ("bound_item_shift_new_full", "bound_ta", "static", _R),
    ("bound_alias_attr_mutated_in_graph", "bound_ta", "static", _R),
    ("bound_stride_buffer_changed", "bound_ta", "static", _EQ),
    ("bound_slot_map_changed", "bound_ta", "static", _R),
    ("bound_mutated_after_step", "bound_ta", "static", _R),
    ("bound_cache_value_changed_recompile", "bound_ta", "static", _EQ),
    ("bound_cache_buffer_swapped_recompile", "bound_ta", "static", _EQ),
    ("bound_control", "inductor", "static", _EQ),
    ("bound_strided_view_as_strided", "inductor", "static", _FF),
    ("bound_offset_view_as_strided0", "inductor", "static", _FF),
    ("weight_heads_cast_tile_shift1x6_dyn", "inductor", "dynamic", _FF),
    ("table_pages_long_tile_shift1x20_dyn", "inductor", "dynamic", _FF),
    ("staging_strided_as_strided_out", "inductor", "static", _CR),
    ("staging_strided_no_step", "inductor", "static", _CR),
    ("staging_plain_no_step", "inductor", "static", _CR),
    ("staging_new_rows", "inductor", "static", _EQ),
    ("staging_new_rows", "inductor", "batch", _EQ),
    ("staging_new_rows", "inductor", "dynamic", _EQ),
    ("int_relu_shift_no_step", "inductor", "static", _R),
    ("flat_head_rows_append_no_step", "inductor", "static", _R),
    ("flat_head_rows_read_no_step", "inductor", "static", _R),
    ("bound_cache_value_changed_recompile", "inductor", "static", _EQ),
    ("bound_cache_buffer_swapped_recompile", "inductor", "static", _EQ),
    ("bound_control", "torchair", "static", _EQ),
    ("bound_changed_between_calls", "torchair", "static", _EQ),
    ("bound_strided_view_as_strided", "torchair", "static", _CD),
    ("bound_offset_view_as_strided0", "torchair", "static", _CD),
    ("bound_offset_view_as_strided0_dyn", "torchair", "batch", _CD),
    ("bound_offset_view_as_strided0_dyn", "torchair", "dynamic", _CD),
    ("capacity_clamp_255_dyn", "torchair", "dynamic", _R),
    ("page_size_64_dyn", "torchair", "dynamic", _EQ),
    ("three_steps_same_cache", "vllm_post", "static", _EQ),
    ("two_steps_as_strided_view", "vllm_post", "static", _EQ),
    ("two_steps_transposed_twice", "vllm_post", "static", _EQ),
    ("two_steps_flat_unflatten", "vllm_post", "static", _EQ),
    ("between_index_add_zero", "vllm_post", "static", _EQ),
    ("between_scatter_reduce_amax", "vllm_post", "static", _EQ),
    ("between_narrow_copy", "vllm_post", "static", _EQ),
    ("between_index_fill", "vllm_post", "static", _EQ),
    ("between_masked_fill_view", "vllm_post", "static", _EQ),
    ("between_mul_one_inplace", "vllm_post", "static", _EQ),
    ("step_then_read_other_view", "vllm_post", "static", _EQ),
    ("second_step_keeps_stale_clone", "vllm_post", "static", _EQ),
    ("second_step_keeps_first_input", "vllm_post", "static", _EQ),
    ("two_steps_unbind_half", "vllm_post", "static", _EQ),
    ("two_steps_unbind_same_node", "vllm_post", "static", _EQ),
    ("two_steps_chunk_half", "vllm_post", "static", _EQ),
    ("two_steps_split_half", "vllm_post", "static", _EQ),
    ("lens_plus_one_returned", "aot_outputs", "static", _EQ),
    ("lens_plus_one_cond_below_cap", "aot_outputs", "static", _R),
    ("lens_plus_one_cond_below_cap", "aot_outputs", "batch", _R),
    ("lens_plus_one_clamp_cap2", "aot_outputs", "static", _R),
    ("lens_plus_one_clamp_cap2", "aot_outputs", "batch", _R),
    ("lens_plus_one_in_kv_append", "aot_outputs", "static", _R),
    ("slots_plus_one_returned", "aot_outputs", "static", _R),
    ("slots_plus_one_returned", "aot_outputs", "batch", _R),
    ("positions_advance_inplace", "aot_outputs", "static", _EQ),
    ("positions_advance_inplace", "aot_outputs", "batch", _EQ),
    ("positions_condition_reads_p", "aot_outputs", "static", _R),
    ("two_plus_ones", "aot_outputs", "static", _R),
    ("positions_plus_row_over_32", "inductor_graph", "static", _R),
    ("positions_plus_row_over_32", "inductor_graph", "batch", _R),
    ("condition_row_over_32", "inductor_graph", "static", _R),
    ("condition_row_over_32", "inductor_graph", "batch", _R),
    ("new_rows_scaled_row_over_32", "inductor_graph", "static", _R),
    ("positions_plus_row_over_32", "torchair_like", "static", _R),
    ("positions_plus_row_over_32", "torchair_like", "batch", _R),
    ("condition_row_over_32", "torchair_like", "static", _R),
    ("condition_row_over_32", "torchair_like", "batch", _R),
    ("new_rows_scaled_row_over_32", "torchair_like", "static", _R),
]
FIRST_TRY = {(n, d, m): r for n, d, m, r in _FIRST}

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify7)
