"""Tenth adversarial review of the recogniser (issue 18), short round: merged-behind batch plans, per-request caches,
per-row pages, as_strided (R4), size-modular views before the gathers.

Same format as redteam9: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; runner and classification are redteam7's ``classify7`` (via redteam2's main / table), imported.

    python tests/corpora/redteam10.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam10.py --table OUT.md [--dialect D ...] [name ...]

First try (11:11-11:19 UTC, snapshot of 777eb15 in /tmp/base10, PYTHONPATH=/tmp/base10): 50 attacks in 5 themes,
188 runs (inductor_graph 93, torchair_like 93, Inductor codegen 2).  inductor_graph 2 FALSE FUSION / 18 equal / 70
refused / 3 control differs; torchair_like 2 FALSE FUSION / 18 equal / 73 refused; Inductor codegen 2 FALSE FUSION
(confirmed).  Attacks added while running (rerun once, recorded as run): the ``_specials`` / ``minus_itself`` bmm
readers, the computed per-request rows, theme 5.  No crash.  One class (/work/briefs/redteam10_findings.md):

* F1 ``sizes._merged_as`` (R3, red-team 9 M1's fix) gives up at a permute (``x.target in _PERMUTES: continue``), and
  R3's permute rule only fires where the split's chain SOURCE is the permute.  Merge ``(l, 7, N) -> (l, 7N)``, ``.t()``
  to ``(7N, l)``, a cat / slice along the OTHER dim (``cat([u, zeros(7N, 1)], 1)[:, :l]``, which ends the chain walk),
  then the split ``(7N, l) -> (N, 7, l)``: the source is the slice, ``_merged_as`` walks slice -> cat -> transpose
  and stops, so nothing is flagged.  Head j reads 7 j mod N: equal at N = 2, wrong at N = 4 (dynamic=True; both
  graph dialects and Inductor codegen).  ``weight_heads_regroup7_perm_rowcut{,_contig}_dyn``.

Not found (equal or refused): BatchPlan merged-behind bmm (split [N*B] -> [B, N], also at B == N == 2; x merged
batch-first against a heads-first weight; the merged weight rolled; the merged output flipped / rolled by 1 or by B;
flattened with D and split; a second reader summing every row -- ``sum(0) * 0`` is folded away before the pass in
Inductor's graph (CONTROL DIFFERS: the control too gives -inf where eager gives NaN), ``sum(0) - sum(0)`` refused);
per-request [S, M, N, D] caches (fuse only with rows arange(B) and S == B; flipped / shifted / computed rows, rows
from the slots, kept values from another row or entry, rolled j or new rows: refused; S = B + 3 with arange(B):
refused, a miss); per-row pages ([B, T, N, D] read at arange(B)[:, None]: rows flipped / + 1, kv rolled along rows
or tokens, kv[1:], positions mod T, as_strided with N / D strides swapped: refused; as_strided identity fuses, equal);
the paged KV's pages or heads rolled, as_strided within a page under dynamic=True: refused (R4 / 'constant table');
theme 5 rank changes (stack(..).amax(0) / sum(0)) refused by the weight / sizes rules, mm by eye and gather of
rows followed by _merged_as and refused.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import _batches_plain, _heads_grow, classify7  # noqa: E402


# --- 1. BatchPlan._merged_behind / _rule_behind: pooling as one bmm over heads x batch ----------------------------
def _bmm_pool(tok, w, how):
    """[B, l, N, D] tokens pooled by one bmm over (N * B) merged heads-first; ``how`` varies the merge / split."""
    B, l, N, D = tok.shape
    wt = w.float().t()                                                     # [N, l]
    x = tok.float().permute(2, 0, 1, 3)                                    # [N, B, l, D]
    if how == "matmul":
        return torch.matmul(wt[:, None, None, :], x).squeeze(2).transpose(0, 1)
    if how == "batch_major_x":                                             # x merged B-first, w N-first: mismatched
        xm = tok.float().permute(0, 2, 1, 3).reshape(B * N, l, D)
    else:
        xm = x.reshape(N * B, l, D)
    wm = wt[:, None, None, :].expand(N, B, 1, l).reshape(N * B, 1, l)
    if how == "w_batch_major":                                             # w expanded B-first over N-first x
        wm = wt[None, :, None, :].expand(B, N, 1, l).reshape(B * N, 1, l)
    if how == "w_rolled":
        wm = wm.roll(1, 0)
    out = torch.bmm(wm, xm)                                                # [N * B, 1, D]
    if how == "flip_merged":
        out = out.flip(0)
    if how == "roll_merged_by_B":                                          # head m <- head m - 1: rows stay
        out = out.roll(B, 0)
    if how == "roll_merged_by_1":                                          # row b <- row b - 1 (mod across heads)
        out = out.roll(1, 0)
    if how == "split_BN":                                                  # split in the wrong order
        return out.reshape(B, N, D)
    if how == "split_flat_then_view":                                      # [N*B*D] -> [N, B, D]
        return out.reshape(-1).view(N, B, D).transpose(0, 1)
    if how == "merged_sum_reads_all":                                      # another reader mixes every row
        o = out.reshape(N, B, D).transpose(0, 1)
        return o + out.sum(0).view(1, 1, D) * 0
    if how == "merged_sum_minus_itself":                                   # 0, or NaN where any row is not finite
        o = out.reshape(N, B, D).transpose(0, 1)
        t = out.sum(0)
        return o + (t - t.flip(0).flip(0)).view(1, 1, D)
    if how == "merged_times_other_row":                                    # elementwise with a rolled copy
        return (out * out.roll(1, 0).abs().clamp(max=1).ceil()).reshape(N, B, D).transpose(0, 1)
    if how == "split_keep_extra_dim":                                      # [N*B, 1, D] -> [N, B, 1, D]
        return out.view(N, B, 1, D).squeeze(2).permute(1, 0, 2)
    if how == "merge_again_with_D":                                        # [N*B, 1, D] -> [N*B*D] -> split
        return out.reshape(N * B * D).reshape(N, B, D).transpose(0, 1)
    return out.reshape(N, B, D).transpose(0, 1)


def _bmm(how):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), _bmm_pool(tokens(kv, table, positions(lens)), w, how))
    return step


_SPECIALS = lambda: [build(B=8), build(B=10, seed=4)]  # noqa: E731
_SQUARE = lambda: [build(B=2, N=2, specials=False), build(B=2, N=2, seed=3, specials=False)]  # noqa: E731
ATTACKS = [
    ("bmm_control_matmul", _mk(_bmm("matmul"), _batches_plain, ("static", "batch", "dynamic")),
     "control: matmul([N,1,1,l], [N,B,l,D]) (models4 vllm_index_select_3l)"),
    ("bmm_control_explicit", _mk(_bmm("plain"), _batches_plain, ("static", "batch", "dynamic")),
     "control: explicit reshape(N*B) / bmm / reshape(N, B, D)"),
    ("bmm_split_BN", _mk(_bmm("split_BN"), _batches_plain, ("static", "batch")),
     "split [N*B] -> [B, N] (wrong order): row b reads heads/rows of others"),
    ("bmm_split_BN_square", _mk(_bmm("split_BN"), _SQUARE, ("static",)),
     "the same at B == N == 2 (the counts coincide)"),
    ("bmm_batch_major_x", _mk(_bmm("batch_major_x"), _batches_plain, ("static", "batch")),
     "x merged B-first, w N-first: element b*N+m pairs with head (b*N+m)//B"),
    ("bmm_w_batch_major_square", _mk(_bmm("w_batch_major"), _SQUARE, ("static",)),
     "w expanded [B, N] and merged, x merged [N, B] at B == N: heads pair with the wrong weight row"),
    ("bmm_w_rolled", _mk(_bmm("w_rolled"), _batches_plain, ("static",)),
     "the merged weight rolled by 1 along N*B"),
    ("bmm_flip_merged", _mk(_bmm("flip_merged"), _batches_plain, ("static", "batch")),
     "bmm output flipped along the merged N*B"),
    ("bmm_roll_merged_by_B", _mk(_bmm("roll_merged_by_B"), _batches_plain, ("static", "batch", "dynamic")),
     "rolled by B along N*B: heads shifted, rows kept"),
    ("bmm_roll_merged_by_1", _mk(_bmm("roll_merged_by_1"), _batches_plain, ("static",)),
     "rolled by 1 along N*B: row b reads row b-1"),
    ("bmm_split_flat_then_view", _mk(_bmm("split_flat_then_view"), _batches_plain, ("static", "batch", "dynamic")),
     "merged dim flattened with D and split [N, B, D]"),
    ("bmm_merged_sum_reads_all", _mk(_bmm("merged_sum_reads_all"), _batches_plain, ("static",)),
     "a second reader of the merged node sums all rows (times 0)"),
    ("bmm_merged_sum_reads_all_specials", _mk(_bmm("merged_sum_reads_all"), _SPECIALS, ("static", "batch", "dynamic")),
     "the same with NaN / inf in read windows: eager's sum(0) * 0 is NaN for every row"),
    ("bmm_merged_sum_minus_itself_specials", _mk(_bmm("merged_sum_minus_itself"), _SPECIALS,
                                                 ("static", "batch", "dynamic")),
     "a second reader adds sum(0) - sum(0): 0 on finite rows, NaN everywhere once one row is inf / NaN"),
    ("bmm_merged_times_other_row", _mk(_bmm("merged_times_other_row"), _batches_plain, ("static",)),
     "elementwise with a rolled copy of the merged node"),
    ("bmm_split_keep_extra_dim", _mk(_bmm("split_keep_extra_dim"), _batches_plain, ("static", "dynamic")),
     "[N*B, 1, D] -> [N, B, 1, D] -> squeeze -> permute"),
    ("bmm_merge_again_with_D", _mk(_bmm("merge_again_with_D"), _heads_grow, ("dynamic",)),
     "merged dim merged again with D and split (heads grow 2 -> 4)"),
]


# --- 2. per-request [B, M, N, D] caches written at [arange(B), j] (rewrite._per_request_rows) ---------------------
def _req_inputs(M=8, extra_rows=0, batches=(8, 10), slots_perm=False):
    def make():
        xs = []
        for seed, b in enumerate(batches):
            a = list(build(B=b, seed=seed, specials=False).args)
            N, D = a[0].shape[2], a[0].shape[3]
            g = torch.Generator().manual_seed(seed)
            a[5] = (torch.randint(-32, 33, (b + extra_rows, M, N, D), generator=g) / 16.0).to(a[0].dtype)
            if slots_perm:   # slots a permutation of the batch's cache rows (S == B)
                a[2] = torch.randperm(b + extra_rows, generator=g)[:b].to(a[2].dtype)
            xs.append(a)
        return xs
    return make


def _req(rows=lambda B: torch.arange(B), j_of=None, kept=None, new_of=None, rows_in=None):
    def step(kv, w, slots, table, lens, cmp):
        B, M = lens.shape[0], cmp.shape[1]
        i = rows(B).to(lens.device) if rows_in is None else rows_in(slots, lens, B)
        j = (lens.long() // STRIDE - 1).clamp(0, M - 1) if j_of is None else j_of(lens, M)
        new = pool(tokens(kv, table, positions(lens)), w)
        if new_of is not None:
            new = new_of(new)
        old = cmp[i, j] if kept is None else kept(cmp, i, j)
        cmp[i, j] = torch.where(completes(lens)[:, None, None], new.to(cmp.dtype), old)
        return cmp
    return step


ATTACKS += [
    ("req_control", _mk(_req(), _req_inputs(), ("static", "batch", "dynamic")),
     "control: cmp [B, M, N, D] written at [arange(B), j] (S == B)"),
    ("req_rows_flipped", _mk(_req(rows=lambda B: torch.arange(B).flip(0)), _req_inputs(), ("static", "batch")),
     "rows arange(B).flip(0)"),
    ("req_rows_plus1_mod", _mk(_req(rows=lambda B: (torch.arange(B) + 1) % B), _req_inputs(), ("static", "batch")),
     "rows (arange(B) + 1) % B"),
    ("req_rows_plus1_extra_row", _mk(_req(rows=lambda B: torch.arange(B) + 1), _req_inputs(extra_rows=1),
                                     ("static", "batch")),
     "rows arange(B) + 1 into a cache with one more row"),
    ("req_kept_other_row", _mk(_req(kept=lambda c, i, j: c[i.flip(0), j]), _req_inputs(), ("static",)),
     "kept value read from row B-1-b"),
    ("req_kept_other_j", _mk(_req(kept=lambda c, i, j: c[i, j.roll(1, 0)]), _req_inputs(), ("static",)),
     "kept value read at another row's entry"),
    ("req_new_rolled", _mk(_req(new_of=lambda n: n.roll(1, 0)), _req_inputs(), ("static", "dynamic")),
     "new rows rolled along the batch"),
    ("req_j_rolled", _mk(_req(j_of=lambda lens, M: (lens.long() // STRIDE - 1).clamp(0, M - 1).roll(1, 0)),
                         _req_inputs(), ("static",)),
     "entry j from row b-1's length"),
    ("req_rows_from_slots_perm", _mk(_req(rows_in=lambda s, lens, B: s.long()), _req_inputs(slots_perm=True),
                                     ("static", "batch", "dynamic")),
     "rows i = slots (a permutation of the cache's B rows): valid input, distinct"),
    ("req_rows_slots_halved", _mk(_req(rows_in=lambda s, lens, B: s.long() // 2), _req_inputs(slots_perm=True),
                                  ("static", "batch", "dynamic")),
     "rows i = slots // 2 (computed: pairs of rows collide on (i, j) where their j agree)"),
    ("req_rows_zero_j_from_lens", _mk(_req(rows_in=lambda s, lens, B: torch.zeros_like(lens).long()),
                                      _req_inputs(), ("static", "batch", "dynamic")),
     "rows all 0, entry from the length: rows with one j collide"),
    ("req_rows_from_lens_mod", _mk(_req(rows_in=lambda s, lens, B: lens.long() % B), _req_inputs(),
                                   ("static", "batch")),
     "rows i = lens % B (computed, may collide)"),
    ("req_rows_extra_rows_control", _mk(_req(), _req_inputs(extra_rows=3), ("static", "batch", "dynamic")),
     "control: cache with S = B + 3 rows, rows arange(B)"),
]


# --- 3. roles._per_row_page: HF static cache [B, T, N, D], page index arange(B)[:, None] ----------------------------
def _static_inputs(extra_rows=0, batches=(8, 10), T=128):
    def make():
        xs = []
        for seed, b in enumerate(batches):
            a = list(build(B=b, seed=seed, specials=False, P=T, pages=1).args)
            g = torch.Generator().manual_seed(seed + 7)
            N, D = a[0].shape[2], a[0].shape[3]
            a[0] = (torch.randint(-64, 65, (b + extra_rows, T, N, D), generator=g) / 32.0).to(a[0].dtype)
            a[4] = torch.randint(0, T + 1, (b,), generator=g).to(a[4].dtype)
            xs.append(a)
        return xs
    return make


def _per_row(kv_of=lambda kv: kv, rows=lambda B: torch.arange(B), pos_of=None):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        pos = positions(lens) if pos_of is None else pos_of(lens, kv)
        r = rows(B).to(lens.device)[:, None]
        tok = kv_of(kv)[r, pos]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


ATTACKS += [
    ("page_control", _mk(_per_row(), _static_inputs(), ("static", "batch", "dynamic")),
     "control: kv[arange(B)[:, None], pos] on a [B, T, N, D] cache"),
    ("page_rows_flipped", _mk(_per_row(rows=lambda B: torch.arange(B).flip(0)), _static_inputs(), ("static",)),
     "page index arange(B).flip(0)"),
    ("page_rows_plus1", _mk(_per_row(rows=lambda B: torch.arange(B) + 1), _static_inputs(extra_rows=1),
                            ("static", "batch")),
     "page index arange(B) + 1 (cache has B + 1 rows)"),
    ("page_kv_rolled_rows", _mk(_per_row(kv_of=lambda kv: kv.roll(1, 0)), _static_inputs(),
                                ("static", "batch", "dynamic")),
     "kv.roll(1, 0) before the gather: row b reads row b-1 mod B (size-modular under a dynamic B)"),
    ("page_kv_rolled_tokens", _mk(_per_row(kv_of=lambda kv: kv.roll(1, 1)), _static_inputs(), ("static", "dynamic")),
     "kv.roll(1, 1): tokens shifted by one within a row"),
    ("page_kv_extra_rows_sliced", _mk(_per_row(kv_of=lambda kv: kv[1:]), _static_inputs(extra_rows=1),
                                      ("static", "batch")),
     "kv[1:] of a [B+1, T, N, D] cache: row b reads row b+1"),
    ("page_pos_mod_T", _mk(_per_row(pos_of=lambda lens, kv: (positions(lens) + 1) % kv.shape[1]), _static_inputs(),
                           ("static", "dynamic")),
     "positions + 1 mod T"),
    ("page_kv_as_strided_identity", _mk(_per_row(kv_of=lambda kv: kv.as_strided(kv.shape, kv.stride())),
                                        _static_inputs(), ("static", "batch", "dynamic")),
     "R4: as_strided with kv's own size / strides"),
    ("page_kv_as_strided_heads_swapped",
     _mk(_per_row(kv_of=lambda kv: kv.as_strided(kv.shape, (kv.stride(0), kv.stride(1), 1, kv.shape[2]))),
         _static_inputs(), ("static", "batch")),
     "R4 exception: as_strided with the N / D strides mixed inside one row (footprint < row)"),
    ("page_kv_as_strided_next_token",
     _mk(_per_row(kv_of=lambda kv: kv.as_strided(kv.shape, (kv.stride(0), kv.stride(1), kv.stride(2), 1))
                  .roll(0, 0)), _static_inputs(), ("batch",)),
     "R4 exception: as_strided identity via explicit strides under mark_dynamic"),
]


# --- 4. the size walk stops at the paged input / the cache: modular views on them ---------------------------------
def _paged_kv(kv_of):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), pool(tokens(kv_of(kv), table, positions(lens)), w))
    return step


def _pages_inputs():
    return [build(B=8, specials=False), build(B=8, seed=2, specials=False, pages=8)]


ATTACKS += [
    ("paged_kv_pages_rolled_dyn", _mk(_paged_kv(lambda kv: kv.roll(1, 0)), _pages_inputs, ("static", "dynamic")),
     "paged KV's pages rolled by 1 before the gathers"),
    ("paged_kv_as_strided_rowwise_dyn",
     _mk(_paged_kv(lambda kv: kv.as_strided(kv.shape, (kv.stride(0), kv.stride(1), 1, kv.shape[2]))),
         _pages_inputs, ("dynamic",)),
     "R4 exception on the paged KV: N/D strides swapped within a page"),
    ("paged_kv_heads_rolled_dyn", _mk(_paged_kv(lambda kv: kv.roll(1, 2)), _heads_grow, ("dynamic",)),
     "paged KV's heads rolled by 1 (identity at N = 1 only)"),
]


# --- 5. sizes._merged_as: the walk from a split back to its merge gives up at permutes and rank changes ------------
def _regroup7(w, between):
    """w [l, N] read at head 7 j mod N: tiled 7x, merged (7, N) -> 7N, ``between`` on the merged tensor, split."""
    l, N = w.shape
    t = w.unsqueeze(1).expand(l, 7, N).reshape(l, 7 * N)
    if between == "perm_rowcut":          # [7N, l], l grown and cut along dim 1, split dim 0 there
        u = t.t()
        u = torch.cat([u, torch.zeros_like(u[:, :1])], 1)[:, :l]
        return u.reshape(N, 7, l)[:, 0, :].t()
    if between == "perm_rowcut_contig":
        u = t.t().contiguous()
        u = torch.cat([u, torch.zeros_like(u[:, :1])], 1)[:, :l]
        return u.reshape(N, 7, l)[:, 0, :].t()
    if between == "stack_amax":           # a rank change between merge and split: operand rank 3, output rank 2
        t = torch.stack([t, t]).amax(0)
    elif between == "stack_sum_half":
        t = torch.stack([t, t]).sum(0) * 0.5
    elif between == "unsqueeze_cat_sum":
        t = torch.cat([t[None], torch.zeros_like(t[None])], 0).sum(0)
    elif between == "mm_identity":        # eye(l) @ t: an operand of the split dim's size, another of (l, l)
        t = torch.eye(l, dtype=t.dtype, device=t.device) @ t
    elif between == "gather_rows":
        t = t.gather(0, torch.arange(l, device=t.device)[:, None].expand_as(t))
    return t.reshape(l, N, 7)[:, :, 0]


def _w_regroup7(between):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), _regroup7(w, between)))
    return step


for _b in ("perm_rowcut", "perm_rowcut_contig", "stack_amax", "stack_sum_half", "unsqueeze_cat_sum", "mm_identity",
           "gather_rows"):
    ATTACKS.append((f"weight_heads_regroup7_{_b}_dyn", _mk(_w_regroup7(_b), _heads_grow, ("dynamic",)),
                    f"R3 / _merged_as: (7, N) -> 7N, {_b}, 7N -> (N, 7)[.., 0]: head 7j mod N"))

_FIRST = [
    ('bmm_control_matmul', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('bmm_control_matmul', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('bmm_control_matmul', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('bmm_control_explicit', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('bmm_control_explicit', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('bmm_control_explicit', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('bmm_split_BN', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_split_BN', 'inductor_graph', 'batch', 'REFUSED'),
    ('bmm_split_BN_square', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_batch_major_x', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_batch_major_x', 'inductor_graph', 'batch', 'REFUSED'),
    ('bmm_w_batch_major_square', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_w_rolled', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_flip_merged', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_flip_merged', 'inductor_graph', 'batch', 'REFUSED'),
    ('bmm_roll_merged_by_B', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_roll_merged_by_B', 'inductor_graph', 'batch', 'REFUSED'),
    ('bmm_roll_merged_by_B', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bmm_roll_merged_by_1', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_split_flat_then_view', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_split_flat_then_view', 'inductor_graph', 'batch', 'REFUSED'),
    ('bmm_split_flat_then_view', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bmm_merged_sum_reads_all', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('bmm_merged_sum_reads_all_specials', 'inductor_graph', 'static', 'CONTROL DIFFERS'),
    ('bmm_merged_sum_reads_all_specials', 'inductor_graph', 'batch', 'CONTROL DIFFERS'),
    ('bmm_merged_sum_reads_all_specials', 'inductor_graph', 'dynamic', 'CONTROL DIFFERS'),
    ('bmm_merged_sum_minus_itself_specials', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_merged_sum_minus_itself_specials', 'inductor_graph', 'batch', 'REFUSED'),
    ('bmm_merged_sum_minus_itself_specials', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bmm_merged_times_other_row', 'inductor_graph', 'static', 'REFUSED'),
    ('bmm_split_keep_extra_dim', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('bmm_split_keep_extra_dim', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('bmm_merge_again_with_D', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('req_control', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('req_control', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('req_control', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('req_rows_flipped', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_flipped', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_plus1_mod', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_plus1_mod', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_plus1_extra_row', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_plus1_extra_row', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_kept_other_row', 'inductor_graph', 'static', 'REFUSED'),
    ('req_kept_other_j', 'inductor_graph', 'static', 'REFUSED'),
    ('req_new_rolled', 'inductor_graph', 'static', 'REFUSED'),
    ('req_new_rolled', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('req_j_rolled', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_from_slots_perm', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_from_slots_perm', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_from_slots_perm', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('req_rows_slots_halved', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_slots_halved', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_slots_halved', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('req_rows_zero_j_from_lens', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_zero_j_from_lens', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_zero_j_from_lens', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('req_rows_from_lens_mod', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_from_lens_mod', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_extra_rows_control', 'inductor_graph', 'static', 'REFUSED'),
    ('req_rows_extra_rows_control', 'inductor_graph', 'batch', 'REFUSED'),
    ('req_rows_extra_rows_control', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('page_control', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('page_control', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('page_control', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('page_rows_flipped', 'inductor_graph', 'static', 'REFUSED'),
    ('page_rows_plus1', 'inductor_graph', 'static', 'REFUSED'),
    ('page_rows_plus1', 'inductor_graph', 'batch', 'REFUSED'),
    ('page_kv_rolled_rows', 'inductor_graph', 'static', 'REFUSED'),
    ('page_kv_rolled_rows', 'inductor_graph', 'batch', 'REFUSED'),
    ('page_kv_rolled_rows', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('page_kv_rolled_tokens', 'inductor_graph', 'static', 'REFUSED'),
    ('page_kv_rolled_tokens', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('page_kv_extra_rows_sliced', 'inductor_graph', 'static', 'REFUSED'),
    ('page_kv_extra_rows_sliced', 'inductor_graph', 'batch', 'REFUSED'),
    ('page_pos_mod_T', 'inductor_graph', 'static', 'REFUSED'),
    ('page_pos_mod_T', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('page_kv_as_strided_identity', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('page_kv_as_strided_identity', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('page_kv_as_strided_identity', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('page_kv_as_strided_heads_swapped', 'inductor_graph', 'static', 'REFUSED'),
    ('page_kv_as_strided_heads_swapped', 'inductor_graph', 'batch', 'REFUSED'),
    ('page_kv_as_strided_next_token', 'inductor_graph', 'batch', 'REFUSED'),
    ('paged_kv_pages_rolled_dyn', 'inductor_graph', 'static', 'REFUSED'),
    ('paged_kv_pages_rolled_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('paged_kv_as_strided_rowwise_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('paged_kv_heads_rolled_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_perm_rowcut_dyn', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_perm_rowcut_contig_dyn', 'inductor_graph', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_stack_amax_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_stack_sum_half_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_unsqueeze_cat_sum_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_mm_identity_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_gather_rows_dyn', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('bmm_control_matmul', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('bmm_control_matmul', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('bmm_control_matmul', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('bmm_control_explicit', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('bmm_control_explicit', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('bmm_control_explicit', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('bmm_split_BN', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_split_BN', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_split_BN_square', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_batch_major_x', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_batch_major_x', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_w_batch_major_square', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_w_rolled', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_flip_merged', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_flip_merged', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_roll_merged_by_B', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_roll_merged_by_B', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_roll_merged_by_B', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bmm_roll_merged_by_1', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_split_flat_then_view', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_split_flat_then_view', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_split_flat_then_view', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bmm_merged_sum_reads_all', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_merged_sum_reads_all_specials', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_merged_sum_reads_all_specials', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_merged_sum_reads_all_specials', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bmm_merged_sum_minus_itself_specials', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_merged_sum_minus_itself_specials', 'torchair_like', 'batch', 'REFUSED'),
    ('bmm_merged_sum_minus_itself_specials', 'torchair_like', 'dynamic', 'REFUSED'),
    ('bmm_merged_times_other_row', 'torchair_like', 'static', 'REFUSED'),
    ('bmm_split_keep_extra_dim', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('bmm_split_keep_extra_dim', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('bmm_merge_again_with_D', 'torchair_like', 'dynamic', 'REFUSED'),
    ('req_control', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('req_control', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('req_control', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('req_rows_flipped', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_flipped', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_plus1_mod', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_plus1_mod', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_plus1_extra_row', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_plus1_extra_row', 'torchair_like', 'batch', 'REFUSED'),
    ('req_kept_other_row', 'torchair_like', 'static', 'REFUSED'),
    ('req_kept_other_j', 'torchair_like', 'static', 'REFUSED'),
    ('req_new_rolled', 'torchair_like', 'static', 'REFUSED'),
    ('req_new_rolled', 'torchair_like', 'dynamic', 'REFUSED'),
    ('req_j_rolled', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_from_slots_perm', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_from_slots_perm', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_from_slots_perm', 'torchair_like', 'dynamic', 'REFUSED'),
    ('req_rows_slots_halved', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_slots_halved', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_slots_halved', 'torchair_like', 'dynamic', 'REFUSED'),
    ('req_rows_zero_j_from_lens', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_zero_j_from_lens', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_zero_j_from_lens', 'torchair_like', 'dynamic', 'REFUSED'),
    ('req_rows_from_lens_mod', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_from_lens_mod', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_extra_rows_control', 'torchair_like', 'static', 'REFUSED'),
    ('req_rows_extra_rows_control', 'torchair_like', 'batch', 'REFUSED'),
    ('req_rows_extra_rows_control', 'torchair_like', 'dynamic', 'REFUSED'),
    ('page_control', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('page_control', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('page_control', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('page_rows_flipped', 'torchair_like', 'static', 'REFUSED'),
    ('page_rows_plus1', 'torchair_like', 'static', 'REFUSED'),
    ('page_rows_plus1', 'torchair_like', 'batch', 'REFUSED'),
    ('page_kv_rolled_rows', 'torchair_like', 'static', 'REFUSED'),
    ('page_kv_rolled_rows', 'torchair_like', 'batch', 'REFUSED'),
    ('page_kv_rolled_rows', 'torchair_like', 'dynamic', 'REFUSED'),
    ('page_kv_rolled_tokens', 'torchair_like', 'static', 'REFUSED'),
    ('page_kv_rolled_tokens', 'torchair_like', 'dynamic', 'REFUSED'),
    ('page_kv_extra_rows_sliced', 'torchair_like', 'static', 'REFUSED'),
    ('page_kv_extra_rows_sliced', 'torchair_like', 'batch', 'REFUSED'),
    ('page_pos_mod_T', 'torchair_like', 'static', 'REFUSED'),
    ('page_pos_mod_T', 'torchair_like', 'dynamic', 'REFUSED'),
    ('page_kv_as_strided_identity', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('page_kv_as_strided_identity', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('page_kv_as_strided_identity', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('page_kv_as_strided_heads_swapped', 'torchair_like', 'static', 'REFUSED'),
    ('page_kv_as_strided_heads_swapped', 'torchair_like', 'batch', 'REFUSED'),
    ('page_kv_as_strided_next_token', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('paged_kv_pages_rolled_dyn', 'torchair_like', 'static', 'REFUSED'),
    ('paged_kv_pages_rolled_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('paged_kv_as_strided_rowwise_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('paged_kv_heads_rolled_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_perm_rowcut_dyn', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_perm_rowcut_contig_dyn', 'torchair_like', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_stack_amax_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_stack_sum_half_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_unsqueeze_cat_sum_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_mm_identity_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_gather_rows_dyn', 'torchair_like', 'dynamic', 'REFUSED'),
    ('weight_heads_regroup7_perm_rowcut_dyn', 'inductor', 'dynamic', 'FALSE FUSION'),
    ('weight_heads_regroup7_perm_rowcut_contig_dyn', 'inductor', 'dynamic', 'FALSE FUSION'),
]
FIRST_TRY = {(n, d, m): r for n, d, m, r in _FIRST}

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify7)
