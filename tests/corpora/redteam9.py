"""Ninth adversarial review of the recogniser (issue 18), short round: the code changed in ab3f735..420e061.

Same format as redteam8: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; the runner and classification are redteam7's ``classify7`` (via redteam2's main / table),
imported, not copied.

    python tests/corpora/redteam9.py [--dialect D] [--mode M] [name ...]      # names match as substrings
        D: inductor_graph | torchair_like | vllm_post | inductor | torchair
    python tests/corpora/redteam9.py --table OUT.md [--dialect D ...] [name ...]

First try (10:55-11:05 UTC, snapshot of 420e061 in /tmp/base9rt, PYTHONPATH=/tmp/base9rt): 39 attacks in 6 themes,
103 runs (inductor_graph 50, torchair_like 50, inductor codegen 3).  inductor_graph 3 FALSE FUSION / 10 equal / 37
refused; torchair_like 2 FALSE FUSION / 10 equal / 38 refused; Inductor codegen 3 FALSE FUSION (confirmed).  Seven
attacks were rerun once after fixing my own spellings (F.pad padded the wrong dim / a diagonal of the wrong length:
EAGER FAILS; a slot table whose rows shared entries, invalid input, fused and "differed"): their rerun is recorded.
No crash.  One class, written up in /work/briefs/redteam9_findings.md:

* M1 ``sizes._chain_sources`` (R3): the walk back from a split goes through reshapes, elementwise ops and ops that
  keep their operand's non-unit dims; an op that changes the size of ANOTHER dim between the merge ``(7, N) -> 7N``
  and the split ``7N -> (N, 7)`` (``cat([t, zeros(1, 7N)])[:l]``, ``cat([zeros(1, 7N), t])[1:]``, in Inductor's graph
  also ``cat([t, t])[:l]``) ends the walk: the chain's source is that op, of shape ``(l, 7N)``, and ``(7N) -> (N, 7)``
  splits one dim (not flagged), while the merge checked at its own reshape merges only.  Head j reads 7 j mod N:
  the identity at N = 2, 3, a permutation at N = 4.  False fusion on the weight's heads under dynamic=True
  (inductor_graph, torchair_like except cat_self, Inductor codegen).  On computed tensors (new rows, kept rows,
  tokens, table) the same spellings are refused by other rules (the batch plan, keep, gather).

Not found (equal or refused): latent [S, C] caches (index_put, index_copy along -2: fused & equal; kept rows flipped
or shifted, per-head weights on a flat [S, N*D] cache: refused), K | V parts of the last dim (K, V, a part straddling
both, end past the dim: fused & equal static / mark_dynamic; dynamic=True refused), a select of a size-1 dim on the
slot path (equal; a select of an expanded dim and a transposed [1, B] select refused), R5 on region writes
(diagonal_scatter / index_copy / index_put / scatter of a head at N // 4: refused), rows cut by F.pad / narrow /
index_select (refused by the weight / cat rules).  A miss seen on the way: every per-request [S, M, N, D] spelling
here (rows arange(B), the slot mapping, a flipped arange) is refused in all modes and both dialects ('view_default
is not indexed by a ...'), including the plain control per_request_rows_arange, so _per_request_rows /
ROW_SLOTS were not reached by these attacks.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, contract, pool, positions, tokens  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam5 import _kept_rolled, _new, _rolled  # noqa: E402
from tests.corpora.redteam7 import _heads_grow, _pages_grow, classify7  # noqa: E402


# --- 1. R3 (sizes._chain_sources): the walk stops at an op that changes ANOTHER dim's size -------------------------
# Since 051873a the walk back from a split goes through ops that keep their operand's non-unit dims.  An op between
# the merge (7, n) -> 7n and the split 7n -> (n, 7) that changes the size of another dim (rows l + 1 -> l: a slice of
# a concatenation, of a pad, a narrow, an index_select of fewer rows) keeps the merged dim whole but is no
# layout-keeping op: the walk stops there and takes it as the chain's source, of shape (l, 7n); (7n) -> (n, 7) splits
# one dim, which R3 does not flag, and the merge alone ((7, n) -> 7n, checked at its own reshape) is no regroup either.
# Element j then reads 7 j mod n: the identity at n = 2, 3 (the compiled and the probed sizes), not at n = 4.
def _grow_rows(t, how):
    """t with one extra row (dim 0) added and cut off again: the same values, the other dim kept whole."""
    r = t.shape[0]
    if how == "cat_self":
        return torch.cat([t, t], 0)[:r]
    if how == "cat_zeros":
        return torch.cat([t, torch.zeros_like(t[:1])], 0)[:r]
    if how == "pad_slice":
        return F.pad(t, (0, 0) * (t.dim() - 1) + (0, 1))[:r]
    if how == "pad_narrow":
        return F.pad(t, (0, 0) * (t.dim() - 1) + (1, 0)).narrow(0, 1, r)
    if how == "index_select_fewer":
        return torch.cat([t, t[:1]], 0).index_select(0, torch.arange(r, device=t.device))
    if how == "slice_of_bigger":
        return torch.cat([torch.zeros_like(t[:1]), t], 0)[1:]
    raise ValueError(how)


def _regroup_other_dim(x, dim, how, c=7):
    """x's dim (size n, not dim 0) read at c j mod n: tiled, merged (c, n) -> cn, rows grown and cut, split."""
    shape, n = list(x.shape), x.shape[dim]
    t = x.unsqueeze(dim).expand(*shape[:dim], c, *shape[dim:]).reshape(*shape[:dim], c * n, *shape[dim + 1:])
    t = _grow_rows(t, how)
    return t.reshape(*shape[:dim], n, c, *shape[dim + 1:]).select(dim + 1, 0)


def _w_regroup(how):
    return _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _regroup_other_dim(w, 1, how)))


def _table_regroup(how):
    def step(kv, w, slots, table, lens, cache):
        return contract(kv, w, slots, _regroup_other_dim(table, 1, how, c=21), lens, cache)
    return step


_HOWS = ("cat_self", "cat_zeros", "pad_slice", "pad_narrow", "index_select_fewer", "slice_of_bigger")
ATTACKS = []
for _h in _HOWS:
    ATTACKS.append((f"weight_heads_regroup7_rows_{_h}_dyn", _mk(_w_regroup(_h), _heads_grow, ("dynamic",)),
                    f"R3: w tiled 7x, merged (7, N) -> 7N, rows grown and cut ({_h}), split 7N -> (N, 7)[.., 0]: "
                    "head 7j mod N (the walk stops at the row op)"))
ATTACKS += [
    ("table_pages_regroup21_rows_cat_zeros_dyn", _mk(_table_regroup("cat_zeros"), _pages_grow, ("dynamic",)),
     "R3 on the table's pages: (21, pages) -> 21 pages, a zero row appended and cut, -> (pages, 21)[.., 0]"),
    ("table_pages_regroup21_rows_pad_slice_dyn", _mk(_table_regroup("pad_slice"), _pages_grow, ("dynamic",)),
     "R3 on the table's pages, rows padded by F.pad and sliced"),
    ("new_heads_regroup7_rows_cat_zeros_dyn",
     _mk(_rolled(lambda kv, w, t, s: _regroup_other_dim(_new(kv, w, t, s), 1, "cat_zeros")), _heads_grow,
         ("dynamic",)),
     "R3 on the new rows' heads (batch rows grown and cut)"),
    ("kept_heads_regroup7_rows_pad_slice_dyn",
     _mk(_kept_rolled(lambda c, s: _regroup_other_dim(c[s], 1, "pad_slice")), _heads_grow, ("dynamic",)),
     "R3 on the kept rows' heads (batch rows padded and sliced)"),
    ("kept_heads_regroup7_rows_slice_of_bigger_dyn",
     _mk(_kept_rolled(lambda c, s: _regroup_other_dim(c[s], 1, "slice_of_bigger")), _heads_grow, ("dynamic",)),
     "R3 on the kept rows' heads (batch rows padded and sliced)"),
    ("cache_heads_regroup7_rows_pad_slice_dyn",
     _mk(_kept_rolled(lambda c, s: _regroup_other_dim(c, 1, "pad_slice")[s]), _heads_grow, ("dynamic",)),
     "R3 on the whole cache's heads (cache rows padded and sliced), then [s]"),
    ("cache_heads_regroup7_rows_slice_of_bigger_dyn",
     _mk(_kept_rolled(lambda c, s: _regroup_other_dim(c, 1, "slice_of_bigger")[s]), _heads_grow, ("dynamic",)),
     "R3 on the whole cache's heads (a zero row prepended and sliced off), then [s]"),
    ("new_heads_regroup7_rows_slice_of_bigger_dyn",
     _mk(_rolled(lambda kv, w, t, s: _regroup_other_dim(_new(kv, w, t, s), 1, "slice_of_bigger")), _heads_grow,
         ("dynamic",)),
     "R3 on the new rows' heads (a zero row prepended and sliced off)"),
    ("tokens_heads_regroup7_rows_pad_slice_dyn",
     _mk(_rolled(lambda kv, w, t, s: pool(_regroup_other_dim(tokens(kv, t, positions(s)), 2, "pad_slice"), w)),
         _heads_grow, ("dynamic",)),
     "R3 on the gathered tokens' heads (batch rows padded and sliced)"),
    ("weight_heads_regroup7_identity_rows_control_dyn",
     _mk(_rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                          _grow_rows(w, "pad_slice"))), _heads_grow, ("dynamic",)),
     "control: the row op alone on w (no regroup): equal or refused"),
]


# --- 2. R5 on region writes (_OFFSET_WRITES): a write at an offset that is not in the set ----------------------------
# diagonal_scatter / index_copy at N // 4 move a source like a view's start does; only select_scatter, slice_scatter
# and as_strided_scatter are checked.  Identity at N = 2, 3 (offset 0), not at N = 4.
def _diag_write(w):
    l, N = w.shape
    return torch.diagonal_scatter(w, w.diagonal(0)[:w.diagonal(N // 4).shape[0]], N // 4)


def _index_copy_write(w):
    l, N = w.shape
    return w.index_copy(1, torch.arange(N // 4, N // 4 + 1), w[:, :1])


def _index_put_write(w):
    l, N = w.shape
    return w.index_put((torch.arange(l)[:, None], torch.full((1, 1), N // 4)), w[:, :1])


def _scatter_write(w):
    l, N = w.shape
    return w.scatter(1, torch.full((l, 1), N // 4), w[:, :1])


for _name, _fn in (("diagonal_scatter", _diag_write), ("index_copy", _index_copy_write),
                   ("index_put", _index_put_write), ("scatter", _scatter_write)):
    ATTACKS.append((f"weight_heads_{_name}_at_N_div_4_dyn",
                    _mk(_rolled(lambda kv, w, t, s, _fn=_fn: pool(tokens(kv, t, positions(s)), _fn(w))),
                        _heads_grow, ("dynamic",)),
                    f"R5 on writes: w's head 0 written over head N // 4 by {_name} (identity at N = 2, 3)"))


# --- 3. rewrite._per_request_rows / ROW_SLOTS: [S, M, N, D] caches written at [i, j] --------------------------------
def _per_request_inputs(M=8, B=40, modes_batch=False):
    def make():
        xs = []
        for seed, b in ((0, B), (1, B + 8)):
            a = list(build(B=b, seed=seed).args)
            N, D = a[0].shape[2], a[0].shape[3]
            S = a[5].shape[0]
            g = torch.Generator().manual_seed(seed)
            cache4 = (torch.randint(-32, 33, (S, M, N, D), generator=g) / 16.0).to(a[0].dtype)
            a[5] = cache4
            xs.append(a)
        return xs
    return make


def _per_request(rows_of, idx_of=None, kept_idx=None):
    def step(kv, w, slots, table, lens, cache4):
        B, M = lens.shape[0], cache4.shape[1]
        i = rows_of(slots, lens, B)
        j = ((lens.long() - L) // STRIDE).clamp(0, M - 1) if idx_of is None else idx_of(lens, M)
        ki, kj = (i, j) if kept_idx is None else kept_idx(i, j, M)
        new = pool(tokens(kv, table, positions(lens)), w)
        cache4[i, j] = torch.where(completes(lens)[:, None, None], new.to(cache4.dtype), cache4[ki, kj])
        return cache4
    return step


_arange = lambda slots, lens, B: torch.arange(B, device=lens.device)  # noqa: E731
ATTACKS += [
    ("per_request_rows_arange", _mk(_per_request(_arange), _per_request_inputs(), ("static", "batch", "dynamic")),
     "control: cmp[arange(B), j] = where(valid, new, cmp[arange(B), j]) (HF StaticCache-like)"),
    ("per_request_rows_from_slots", _mk(_per_request(lambda s, lens, B: s.long()), _per_request_inputs(),
                                        ("static", "batch")),
     "rows i = the slot mapping (distinct graph input): ids[i, j] distinct"),
    ("per_request_rows_halved_collide", _mk(_per_request(lambda s, lens, B: torch.arange(B) // 2,
                                                         idx_of=lambda lens, M: torch.zeros_like(lens).long()),
                                            _per_request_inputs(), ("static", "batch")),
     "rows arange(B) // 2, entry 0: two batch rows write one entry (eager: the later write wins)"),
    ("per_request_rows_zero_entry_from_b", _mk(_per_request(lambda s, lens, B: torch.zeros(B, dtype=torch.long),
                                                            idx_of=lambda lens, M: torch.arange(lens.shape[0]) % M),
                                               _per_request_inputs(), ("static",)),
     "rows all 0, entry b % M: with B > M batch rows collide on one entry"),
    ("per_request_rows_flipped", _mk(_per_request(lambda s, lens, B: torch.arange(B).flip(0)),
                                     _per_request_inputs(), ("static", "batch")),
     "rows arange(B).flip(0): distinct, a permutation"),
    ("per_request_kept_next_entry", _mk(_per_request(_arange, kept_idx=lambda i, j, M: (i, (j + 1) % M)),
                                        _per_request_inputs(), ("static",)),
     "the kept value read from entry j + 1 (not the written one)"),
    ("per_request_negative_entry", _mk(_per_request(_arange, idx_of=lambda lens, M: (lens.long() - L) // STRIDE - 1),
                                       _per_request_inputs(M=64), ("static",)),
     "entries (s - l) // d - 1, negative (wrapping) for short rows"),
]


# --- 4. rewrite._is_headless / _one_head_rows: [S, C] latent caches ----------------------------------------------
def _latent_inputs(two_heads=False):
    def make():
        xs = []
        for seed in (0, 1):
            a = list(build(B=40, seed=seed, N=1 if not two_heads else 2).args)
            kv, cache = a[0], a[5]
            a[0] = kv.reshape(kv.shape[0], kv.shape[1], -1)       # [NB, P, C]
            a[5] = cache.reshape(cache.shape[0], -1)              # [S, C]
            xs.append(a)
        return xs
    return make


def _latent_tokens(kv3, table, lens):
    pos = positions(lens)
    P = kv3.shape[1]
    return kv3[table.long().gather(1, pos // P), pos % P]        # [B, l, C]


def _latent(write_how="index_put", kept=lambda c, s: c[s]):
    def step(kv3, w, slots, table, lens, cache2):
        s = slots.long()
        new = (_latent_tokens(kv3, table, lens).float() * w.float()[None, :, :1]).sum(1)
        sel = torch.where(completes(lens)[:, None], new.to(cache2.dtype), kept(cache2, s))
        if write_how == "index_put":
            cache2[s] = sel
        elif write_how == "index_copy":
            cache2.index_copy_(0, s, sel)
        elif write_how == "index_copy_neg":
            cache2.index_copy_(-2, s, sel)
        return cache2
    return step


def _two_heads_flat(kv3, w, slots, table, lens, cache2):
    """[NB, P, N * D] KV viewed as [NB, P, N, D]: per-head weights, written flat into [S, N * D]."""
    s = slots.long()
    kv = kv3.view(kv3.shape[0], kv3.shape[1], w.shape[1], -1)
    new = pool(tokens(kv, table, positions(lens)), w).flatten(1)
    cache2[s] = torch.where(completes(lens)[:, None], new.to(cache2.dtype), cache2[s])
    return cache2


ATTACKS += [
    ("latent_index_put", _mk(_latent(), _latent_inputs(), ("static", "batch", "dynamic")),
     "control: MLA latent [NB, P, C] -> [S, C] by index_put"),
    ("latent_index_copy_dim_minus2", _mk(_latent("index_copy_neg"), _latent_inputs(), ("static",)),
     "index_copy_ along dim -2 of the [S, C] cache"),
    ("latent_kept_flipped_cols", _mk(_latent(kept=lambda c, s: c[s].flip(-1)), _latent_inputs(), ("static",)),
     "kept rows read with their C columns flipped"),
    ("latent_kept_next_row", _mk(_latent(kept=lambda c, s: c[(s + 1) % c.shape[0]]), _latent_inputs(), ("static",)),
     "kept rows read from the next cache row"),
    ("latent_two_heads_flat", _mk(_two_heads_flat, _latent_inputs(two_heads=True), ("static", "dynamic")),
     "[NB, P, N*D] KV read per head with [l, N] weights into a flat [S, N*D] cache: not the N = 1 contract"),
]


# --- 5. rewrite.concatenated_reads: K | V halves of the last dim -------------------------------------------------
def _concat_inputs():
    def make():
        xs = []
        for seed in (0, 1):
            a = list(build(B=40, seed=seed, D=32).args)    # kv [NB, P, N, 32] = K | V of 16 each
            a[5] = a[5][..., :16].contiguous()
            xs.append(a)
        return xs
    return make


def _concat(lo, hi, cast_first=True):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        P = kv.shape[1]
        g = kv[table.long().gather(1, pos // P), pos % P]
        tok = g.float()[..., lo:hi] if cast_first else g[..., lo:hi].float()
        new = (tok * w.float()[None, :, :, None]).sum(1)
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
        return cache
    return step


ATTACKS += [
    ("concat_k_half", _mk(_concat(0, 16), _concat_inputs(), ("static", "batch", "dynamic")),
     "control: K = kv[..., :16] of a [.., 32] K | V cache, sliced after the gather and cast"),
    ("concat_v_half", _mk(_concat(16, 32), _concat_inputs(), ("static",)),
     "control: V = kv[..., 16:]"),
    ("concat_odd_offset", _mk(_concat(3, 19), _concat_inputs(), ("static",)),
     "a part straddling K and V (3:19): the strided part as the paged input"),
    ("concat_end_past", _mk(_concat(16, 10 ** 6), _concat_inputs(), ("static",)),
     "V as [..., 16:10**6] (end past the dim)"),
]


# --- 6. exactness._squeezes: a select of a size-1 dim on the slot path; pool_tables slices that keep every entry ---
def _slot_table_inputs():
    def make():
        xs = []
        for seed in (0, 1):
            a = list(build(B=40, seed=seed).args)
            S, B = a[5].shape[0], a[2].shape[0]
            perm = torch.randperm(S, generator=torch.Generator().manual_seed(seed + 7))
            # [B, 2]: a per-row slot table whose rows hold disjoint entries (docs/contract.md)
            a[2] = perm[:2 * B].view(B, 2).to(torch.int32)
            xs.append(a)
        return xs
    return make


def _slot_pick(pick):
    def step(kv, w, stab, table, lens, cache):
        return contract(kv, w, pick(stab, lens), table, lens, cache)
    return step


ATTACKS += [
    ("slot_gather_select_minus1", _mk(_slot_pick(lambda t, lens: t.gather(1, (lens.long() % 2)[:, None])[:, -1]),
                                      _slot_table_inputs(), ("static", "batch")),
     "control: stab.gather(1, i[:, None])[:, -1]"),
    ("slot_select_of_expanded", _mk(_slot_pick(lambda t, lens: t[:, :1].expand(-1, 2)[:, 1]),
                                    _slot_table_inputs(), ("static",)),
     "control: a select of an expanded dim (size 2): not a squeeze"),
    ("slot_select_unsqueezed_dim0", _mk(_slot_pick(lambda t, lens: t.gather(1, (lens.long() % 2)[:, None]).t()[0]),
                                        _slot_table_inputs(), ("static",)),
     "select(0, 0) of a [1, B] transposed gather"),
]


_FIRST = [
    ('weight_heads_regroup7_rows_cat_self_dyn', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_rows_cat_zeros_dyn', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_rows_pad_slice_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_pad_narrow_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_index_select_fewer_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_slice_of_bigger_dyn', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('table_pages_regroup21_rows_cat_zeros_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('table_pages_regroup21_rows_pad_slice_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('new_heads_regroup7_rows_cat_zeros_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('kept_heads_regroup7_rows_pad_slice_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cache_heads_regroup7_rows_pad_slice_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('tokens_heads_regroup7_rows_pad_slice_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_identity_rows_control_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_diagonal_scatter_at_N_div_4_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_index_copy_at_N_div_4_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_index_put_at_N_div_4_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_scatter_at_N_div_4_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('per_request_rows_arange', 'inductor_graph', 'static', 'REFUSED'),
    ('per_request_rows_arange', 'inductor_graph', 'batch', 'REFUSED'),
    ('per_request_rows_arange', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('per_request_rows_from_slots', 'inductor_graph', 'static', 'REFUSED'),
    ('per_request_rows_from_slots', 'inductor_graph', 'batch', 'REFUSED'),
    ('per_request_rows_halved_collide', 'inductor_graph', 'static', 'REFUSED'),
    ('per_request_rows_halved_collide', 'inductor_graph', 'batch', 'REFUSED'),
    ('per_request_rows_zero_entry_from_b', 'inductor_graph', 'static', 'REFUSED'),
    ('per_request_rows_flipped', 'inductor_graph', 'static', 'REFUSED'),
    ('per_request_rows_flipped', 'inductor_graph', 'batch', 'REFUSED'),
    ('per_request_kept_next_entry', 'inductor_graph', 'static', 'REFUSED'),
    ('per_request_negative_entry', 'inductor_graph', 'static', 'REFUSED'),
    ('latent_index_put', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('latent_index_put', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('latent_index_put', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('latent_index_copy_dim_minus2', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('latent_kept_flipped_cols', 'inductor_graph', 'static', 'REFUSED'),
    ('latent_kept_next_row', 'inductor_graph', 'static', 'REFUSED'),
    ('latent_two_heads_flat', 'inductor_graph', 'static', 'REFUSED'),
    ('latent_two_heads_flat', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('concat_k_half', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('concat_k_half', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('concat_k_half', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('concat_v_half', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('concat_odd_offset', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('concat_end_past', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('slot_gather_select_minus1', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('slot_gather_select_minus1', 'inductor_graph', 'batch', 'REFUSED'),
    ('slot_select_of_expanded', 'inductor_graph', 'static', 'REFUSED'),
    ('slot_select_unsqueezed_dim0', 'inductor_graph', 'static', 'REFUSED'),
    ('weight_heads_regroup7_rows_cat_self_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_cat_zeros_dyn', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_rows_pad_slice_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_pad_narrow_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_index_select_fewer_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_slice_of_bigger_dyn', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('table_pages_regroup21_rows_cat_zeros_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('table_pages_regroup21_rows_pad_slice_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('new_heads_regroup7_rows_cat_zeros_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('kept_heads_regroup7_rows_pad_slice_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cache_heads_regroup7_rows_pad_slice_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('tokens_heads_regroup7_rows_pad_slice_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_identity_rows_control_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_diagonal_scatter_at_N_div_4_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_index_copy_at_N_div_4_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_index_put_at_N_div_4_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_scatter_at_N_div_4_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('per_request_rows_arange', 'torchair_like', 'static', 'REFUSED'),
    ('per_request_rows_arange', 'torchair_like', 'batch', 'REFUSED'),
    ('per_request_rows_arange', 'torchair_like', 'dynamic', 'REFUSED'),
    ('per_request_rows_from_slots', 'torchair_like', 'static', 'REFUSED'),
    ('per_request_rows_from_slots', 'torchair_like', 'batch', 'REFUSED'),
    ('per_request_rows_halved_collide', 'torchair_like', 'static', 'REFUSED'),
    ('per_request_rows_halved_collide', 'torchair_like', 'batch', 'REFUSED'),
    ('per_request_rows_zero_entry_from_b', 'torchair_like', 'static', 'REFUSED'),
    ('per_request_rows_flipped', 'torchair_like', 'static', 'REFUSED'),
    ('per_request_rows_flipped', 'torchair_like', 'batch', 'REFUSED'),
    ('per_request_kept_next_entry', 'torchair_like', 'static', 'REFUSED'),
    ('per_request_negative_entry', 'torchair_like', 'static', 'REFUSED'),
    ('latent_index_put', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('latent_index_put', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('latent_index_put', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('latent_index_copy_dim_minus2', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('latent_kept_flipped_cols', 'torchair_like', 'static', 'REFUSED'),
    ('latent_kept_next_row', 'torchair_like', 'static', 'REFUSED'),
    ('latent_two_heads_flat', 'torchair_like', 'static', 'REFUSED'),
    ('latent_two_heads_flat', 'torchair_like', 'dynamic', 'REFUSED'),
    ('concat_k_half', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('concat_k_half', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('concat_k_half', 'torchair_like', 'dynamic', 'REFUSED'),
    ('concat_v_half', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('concat_odd_offset', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('concat_end_past', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('slot_gather_select_minus1', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('slot_gather_select_minus1', 'torchair_like', 'batch', 'REFUSED'),
    ('slot_select_of_expanded', 'torchair_like', 'static', 'REFUSED'),
    ('slot_select_unsqueezed_dim0', 'torchair_like', 'static', 'REFUSED'),
    ('kept_heads_regroup7_rows_slice_of_bigger_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('kept_heads_regroup7_rows_slice_of_bigger_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('cache_heads_regroup7_rows_slice_of_bigger_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('cache_heads_regroup7_rows_slice_of_bigger_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('new_heads_regroup7_rows_slice_of_bigger_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('new_heads_regroup7_rows_slice_of_bigger_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_rows_cat_self_dyn', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_rows_cat_zeros_dyn', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_rows_slice_of_bigger_dyn', 'inductor', 'dynamic', 'FALSE FUSION'),
]
FIRST_TRY = {(n, d, m): r for n, d, m, r in _FIRST}

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify7)
