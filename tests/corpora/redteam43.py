"""Forty-third adversarial review of the recogniser (round 43; focus: the newest rules of d172f7c..731d3aa --
rewrite.split_concatenated_writes / _last_dim_bounds / _last_dim_part, evaluate.BatchPlan._rows_gathered,
bound_inputs._writes_reading / the per-call buffer checks, on a joint write and on aliased buffers).

Same format as redteam25 / redteam42: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache)``) or, for ``bound_*``, redteam7's
``Scenario`` (a module compiled whole; a hook changes a buffer before call 1, in eager and every compiled copy alike).
Runner: redteam7's ``classify7`` through :func:`classify43` (``bound_*`` in ``torchair_like`` through ``bound_ta``).

    cd /tmp/base45 && PYTHONPATH=/tmp/base45 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam43.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base45 = 731d3aa, 20:04-20:19 UTC 2026-12-05): 71 attacks in 5 themes
(sc_ 44, bound_alias_ 9, bound_split_ 4, tb_ 8, st_ 6), 213 runs per graph dialect (every attack in static, batch,
dynamic):

    inductor_graph  213 runs: 0 FALSE FUSION / 0 CRASH / 77 fused & equal / 133 refused / 3 control differs
                    (sc_values_sum_lastdim: plain Inductor's own inf vs NaN, static and batch CONTROL DIFFERS, dynamic
                    REFUSED (control differs))
    torchair_like   213 runs: 0 FALSE FUSION / 0 CRASH / 77 fused & equal / 136 refused
    inductor (real codegen) 39 runs: sc_base, sc_part_overlap, sc_v_part_other_row_old, sc_v_reads_old_k,
                    sc_v_is_old_k_other_row, sc_v_reads_old_k_first, sc_v_reads_old_k_three, bound_alias_plain,
                    sc_mixed_bf16_v, bound_split_k_bound_off_flip, st_base_extra_varies, sc_two_writes,
                    sc_two_writes_same_slots (3 modes each): 29 fused & equal / 10 refused (the same as the graph dialects).

Per theme: sc_ inductor_graph 51 EQ / 78 R / 3 CD, torchair_like 51 EQ / 81 R; bound_alias_ 9 EQ 18 R (both);
bound_split_ 8 EQ 4 R (both); tb_ 24 R (both); st_ 9 EQ 9 R (both).  Under dynamic=True every sc_ attack is refused
(the last dim D is symbolic there: ``sizes: aten.slice.Tensor moves elements by a constant or size-modular offset
(s64//2) along dim 3``) except sc_part_overlap (fused & equal, also in real Inductor), so the split was exercised in
static and mark_dynamic only.

FOUND: nothing.  No false fusion, no crash (no findings file entries, no repro).

Not found (equal or refused; the idea each tried):

* sc_ joint write ``cache[s] = where(valid, cat(parts, -1), cache[s])`` on a [S, N, 16] cache:
  - fused & equal (static, batch, both dialects; real Inductor for sc_base / sc_part_overlap): the plain two halves,
    uneven parts 4 + 12, three parts 4 + 4 + 8, V before K, the K part pooled from the token's V half and the
    reverse, parts pooled from OVERLAPPING token slices (4:12 and 0:8; also dynamic), a second weight w.flip(0) in
    one part, V part * 2, V part zeros, V part = its old V, V part = another row's old V, keep ``cache[s][..., 0:D]``,
    a condition varying along the last dim (V part never written), the cache's ``[..., 4:12]`` narrow as the base.
  - mixed dtypes in the cat (promotion): fp16 K + bf16 V (V part refused, K fused), fp16 K + fp32 V (both fused),
    fp64 K + fp32 V (V fused): equal.  Attack bug, not counted: ``sc_mixed_bf16_v_direct`` (the promoted fp32 cat
    written into the fp16 cache without a cast: EAGER FAILS, index_put dtype mismatch), removed.
  - two joint writes in one graph (the second's base the first's result; slots shifted by one, or the same slots,
    lengths 16 shorter): all four parts fuse, equal (both dialects and real Inductor, static and batch).
  - an UNFUSED part that reads the fused part's old slice (V part = pv + old K of its row, = old K, = another row's
    old K, the reading part first or last, three parts, a reduction over the whole old cache's K column): the K part
    fuses, the V part stays, equal in both dialects and in real Inductor codegen (the fused call on a strided view of
    the cache runs on a clone, rewrite._fused: functional only for a placeholder cache, so the V part's read of the
    base still sees the old K).
  - refused: keep branches that read other parts (halves swapped, uneven swap 12 + 4, K twice, flip, roll, another
    row's V), values changed after the cat (flip, roll, a last-dim permutation by index, a permutation matmul -- all
    with a keep spelled as a cat of halves, which is itself refused: ``keep: cannot tell the kept cache rows``), per
    part differences ``pk - pv`` / ``(new + swapped) - swapped`` (gather: tokens from more than one tensor), leading
    dim gathers pushed into parts (rows reversed: gather rule; heads reversed: pooling), a bf16 round trip of the cat
    (dtype), a transposed base (cache.transpose(1, 2), last dim = heads) and a [S, 2N, h] view of the cache (gather:
    input and cache do not share [N, D]).  ``_last_dim_part`` is an identity on values (slicing commutes with every
    op it pushes through; its fallback is a slice), so the split adds no behaviour of its own; the parts are proven as
    ordinary steps.
* bound_alias_ (a second buffer ``offv`` registered as a view of the offsets buffer ``off``): mutating the alias in
  the graph before reading ``off`` (sub_, half sub_, sub_ then add_ back, copy_; ``off`` itself a view of a larger
  registered buffer and that base mutated): refused in every mode (the buffer is not bound: ``roles: the index
  arithmetic reads arg0_1``).  The alias or ``off`` changed outside the graph between calls (read ``off`` change
  ``offv``; read ``offv`` change ``off``): fused on call 0, the changed value is caught by the per-call check, equal.
* bound_split_: a split joint write whose K (or V) part's window offsets come from a bound buffer, the buffer
  add_(1) / flipped between calls: fused and equal (static, batch; the part's anchor is a new node, so the reads fall
  back to the joint write's source line, which includes the buffer: checked); dynamic refused (symbolic D).
* tb_ block tables with 3 or 20 more rows than the batch (int64 table read only by ``gather(1, ...)``; index reversed
  over the batch, every row's index from row 0, a [R, pages, 1] view, a padding select): refused in every mode by
  roles (``the block table does not have one row per written row``): _rows_gathered covers roots other than the
  step's block table (models19's slot table): attacked as st_.
* st_ slot tables [B + 3, 3] (distinct slots) read by ``slots.gather(1, col[:, None])`` with col from row b's length:
  fused & equal in every mode (also gather(-1, ...), and three calls with B + 3, B, B + 9 rows under every mode);
  the column from row B-1-b's length, every row's column from row 0, a [B, 2] index with its column 1 selected:
  refused (write: the slot of row b may depend on other rows / a select may send two rows to one cache row).
* Read, not attacked for lack of time: exactness._keeps_valid_page_ids / _table_entries (a padding select's
  constant is irrelevant on valid input: -1 ids are read only by rows that do not complete), _settled_pick /
  page counts (round 42 covered them), GE's scatter write-back of a strided part beyond what torchair_like runs.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"


# --- 1. concatenated writes (rewrite.split_concatenated_writes): cache [S, N, D = 16] written with cat of parts ----
def _sc(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        D = cache.shape[-1]
        h = D // 2
        s = slots.long()
        valid = completes(lens)[:, None, None]
        pk, pv = pool(tok[..., :h], w), pool(tok[..., h:], w)
        new = torch.cat((pk, pv), -1)
        c = cache[s]
        keep = c
        halves = torch.cat((c[..., :h], c[..., h:]), -1)  # the old rows, cat of the same halves (bounds [0, h, D])
        if kind == "base":
            pass
        elif kind == "uneven":
            new = torch.cat((pool(tok[..., :4], w), pool(tok[..., 4:], w)), -1)
        elif kind == "three":
            new = torch.cat((pool(tok[..., :4], w), pool(tok[..., 4:8], w), pool(tok[..., 8:], w)), -1)
        elif kind == "swapped_parts":  # V first, K second: the cache's first half gets V (eager does the same)
            new = torch.cat((pv, pk), -1)
        elif kind == "keep_swapped":  # non-completing rows keep their old row with the halves swapped
            keep = torch.cat((c[..., h:], c[..., :h]), -1)
        elif kind == "keep_swapped_uneven":
            keep = torch.cat((c[..., 12:], c[..., :12]), -1)
        elif kind == "keep_first_twice":  # V part keeps K's old values
            keep = torch.cat((c[..., :h], c[..., :h]), -1)
        elif kind == "keep_flip":
            keep = c.flip(-1)
        elif kind == "keep_roll":
            keep = c.roll(h, -1)
        elif kind == "keep_other_rows_v":  # the V part keeps another row's old V
            keep = torch.cat((c[..., :h], cache[s.flip(0)][..., h:]), -1)
        elif kind == "keep_sliced_whole":  # keep = cache[s][..., 0:D] (a full slice) beside cat values
            keep = c[..., 0:D]
        elif kind == "values_flip":
            new = new.flip(-1)
            keep = halves
        elif kind == "values_roll":
            new = new.roll(h, -1)
            keep = halves
        elif kind == "values_perm_index":
            new = new[..., torch.arange(D).roll(h)]
            keep = halves
        elif kind == "values_matmul_perm":
            new = new @ torch.eye(D).roll(h, 0)
            keep = halves
        elif kind == "values_sum_lastdim":  # + sum over the last dim * 0 (keeps NaN / inf from the other part)
            new = new + new.sum(-1, keepdim=True) * 0
        elif kind == "values_minus_swapped":  # pk - pv | pv - pk: pushed per part
            new = new - torch.cat((pv, pk), -1)
        elif kind == "values_add_sub_swapped":  # (new + swapped) - swapped: rounds
            sw = torch.cat((pv, pk), -1)
            new = (new + sw) - sw
        elif kind == "values_mask_lastdim":  # the condition varies along the last dim: V part never written
            valid = valid & (torch.arange(D) < h)
        elif kind == "values_rows_flipped":  # leading-dim gather pushed: rows permuted
            new = new[torch.arange(new.shape[0]).flip(0)]
        elif kind == "values_heads_flipped":
            new = new[:, torch.arange(new.shape[1]).flip(0)]
        elif kind == "values_cast_bf16":  # a lossy cast of the cat
            new = new.to(torch.bfloat16).to(torch.float32)
        elif kind == "where_inside_parts":  # where per part, then cat (bounds from the where's cat)
            new = torch.cat((pk, pv), -1)
            keep = halves
        elif kind == "kv_parts_swapped_tok":  # K part pooled from tok's V half, V from K half, cache order same
            new = torch.cat((pool(tok[..., h:], w), pool(tok[..., :h], w)), -1)
        elif kind == "part_overlap":  # parts read overlapping token slices (4:12 and 0:8)
            new = torch.cat((pool(tok[..., 4:12], w), pool(tok[..., :8], w)), -1)
        elif kind == "second_weight_flip":  # V part with the weight reversed (a second weight from one input)
            new = torch.cat((pk, pool(tok[..., h:], w.flip(0))), -1)
        elif kind == "v_part_scaled":  # V part scaled by 2 (exact), K plain
            new = torch.cat((pk, pv * 2), -1)
        elif kind == "v_part_const":  # V part a constant
            new = torch.cat((pk, torch.zeros_like(pv)), -1)
        elif kind == "v_part_old":  # V part = old V (written back unchanged)
            new = torch.cat((pk, c[..., h:].float()), -1)
        elif kind == "v_part_other_row_old":  # V part = ANOTHER row's old V
            new = torch.cat((pk, cache[s.flip(0)][..., h:].float()), -1)
        elif kind == "v_reads_old_k":  # V part adds the OLD K of its row: an unfused part reading the fused part's slice
            new = torch.cat((pk, pv + c[..., :h].float()), -1)
        elif kind == "v_is_old_k":  # V part := the row's old K
            new = torch.cat((pk, c[..., :h].float()), -1)
        elif kind == "v_is_old_k_other_row":  # V part := another row's old K
            new = torch.cat((pk, cache[s.flip(0)][..., :h].float()), -1)
        elif kind == "v_reads_old_k_first":  # the unfused part first: reads before the fused part writes
            new = torch.cat((pv + c[..., h:].float(), pk), -1)
        elif kind == "v_reads_old_k_three":  # three parts, the last reads the first's old values
            new = torch.cat((pool(tok[..., :4], w), pool(tok[..., 4:8], w), pv + c[..., :h].float()), -1)
        elif kind == "v_where_old_k":  # V part: where(valid, old K, old V) -- K's old rows moved into V on completion
            new = torch.cat((pk, c[..., :h].float()), -1)
            keep = torch.cat((c[..., :h], c[..., h:]), -1) if False else c
        elif kind == "v_reads_whole_old_cache":  # V part reads the whole old cache's K column (a reduction)
            new = torch.cat((pk, pv + cache[..., :h].float().sum(0)[None]), -1)
        elif kind == "mixed_bf16_v":  # cat of fp16 K and bf16 V: promoted to fp32; V rounded to bf16 then fp16
            new = torch.cat((pk.half(), pv.to(torch.bfloat16)), -1)
        elif kind == "mixed_half_k":  # cat of fp16 K and fp32 V (promoted): K rounded to fp16 once (exact)
            new = torch.cat((pk.half(), pv), -1)
        elif kind == "mixed_double_k":  # fp64 K part: the cat is fp64
            new = torch.cat((pk.double(), pv), -1)
        elif kind in ("two_writes", "two_writes_same_slots"):  # a second joint write after the first (its base
            # is the first's result): lengths 16 shorter, slots shifted by one (or the same slots)
            cache[s] = torch.where(valid, new.to(cache.dtype), keep)
            lens2 = (lens.long() - STRIDE).clamp(min=0)
            tok2 = tokens(kv, table, positions(lens2))
            s2 = s if kind == "two_writes_same_slots" else (s + 1) % cache.shape[0]
            new2 = torch.cat((pool(tok2[..., :h], w), pool(tok2[..., h:], w)), -1)
            cache[s2] = torch.where(completes(lens2)[:, None, None], new2.to(cache.dtype), cache[s2])
            return cache
        elif kind in ("cache_transposed", "cache_narrow", "cache_heads_view",
            "mixed_bf16_v", "mixed_half_k", "mixed_double_k",
            "two_writes", "two_writes_same_slots"):
            if kind == "cache_transposed":  # the write's base is cache.transpose(1, 2): last dim = the heads
                cb = cache.transpose(1, 2)
                x = pool(tok, w).transpose(1, 2)
                new = torch.cat((x[..., :1], x[..., 1:]), -1)
            elif kind == "cache_narrow":  # the write's base is cache[..., 4:12]
                cb = cache[..., 4:12]
                new = torch.cat((pool(tok[..., 4:8], w), pool(tok[..., 8:12], w)), -1)
            else:  # cache.view(S, 2N, h): heads x halves
                cb = cache.view(cache.shape[0], -1, h)
                x = pool(tok, w).reshape(tok.shape[0], -1, h)
                new = torch.cat((x[..., :4], x[..., 4:]), -1)
            cb[s] = torch.where(valid, new.to(cache.dtype), cb[s])
            return cache
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(valid, new.to(cache.dtype), keep)
        return cache
    return step


def _calls():
    return [build(B=12), build(B=16, seed=1)]


SC_KINDS = ("base", "uneven", "three", "swapped_parts", "keep_swapped", "keep_swapped_uneven", "keep_first_twice",
            "keep_flip", "keep_roll", "keep_other_rows_v", "keep_sliced_whole", "values_flip", "values_roll",
            "values_perm_index", "values_matmul_perm", "values_sum_lastdim", "values_minus_swapped",
            "values_add_sub_swapped", "values_mask_lastdim", "values_rows_flipped", "values_heads_flipped",
            "values_cast_bf16", "where_inside_parts", "kv_parts_swapped_tok", "part_overlap", "second_weight_flip",
            "v_part_scaled", "v_part_const", "v_part_old", "v_part_other_row_old",
            "v_reads_old_k", "v_is_old_k", "v_is_old_k_other_row", "v_reads_old_k_first", "v_reads_old_k_three",
            "v_reads_whole_old_cache", "cache_transposed", "cache_narrow", "cache_heads_view",
            "mixed_bf16_v", "mixed_half_k", "mixed_double_k",
            "two_writes", "two_writes_same_slots")
SC = [(f"sc_{k}", _mk(_sc(k), _calls, MODES3), "joint write of a last-dim cat: " + k) for k in SC_KINDS]


# --- 2. bound buffers aliased by other buffers, mutated inside the graph through the alias ----------------------------
class _BA(torch.nn.Module):
    """HF-port style: window offsets ``off`` (arange(l)) and ``offv``, a second buffer that is a VIEW of ``off``'s
    storage; the forward mutates the alias in place, then reads ``off`` (eager sees the mutation)."""

    def __init__(self, w, kind):
        super().__init__()
        self.kind = kind
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        big = torch.arange(L)
        self.register_buffer("off", big, persistent=False)
        if kind.startswith("big_"):  # off is a view of a larger buffer ``base`` (also registered)
            base = torch.cat([torch.arange(L), torch.zeros(L, dtype=torch.long)])
            self.register_buffer("base", base, persistent=False)
            self.register_buffer("off", base[:L], persistent=False)
        self.register_buffer("offv", self.off.view(2, L // 2), persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        k = self.kind.removeprefix("big_")
        if k == "sub_then_read":  # shift the window back by one through the alias, every call
            self.offv.sub_(1)
        elif k == "half_sub_then_read":
            self.offv[1].sub_(1)
        elif k == "sub_read_add":  # shift, read, shift back (net unchanged between calls)
            self.offv.sub_(1)
        elif k == "copy_then_read":
            self.offv.copy_(torch.arange(L).flip(0).view(2, L // 2))
        elif k == "base_sub":  # through the larger base buffer
            self.base[: L // 2].sub_(1)
        offs = self.offv.reshape(-1) if k == "read_offv" else self.off
        pos = (lens.long()[:, None] - L + offs).clamp(0, table.shape[1] * P - 1)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        out = write(cache, slots, completes(lens), pool(tok, self.w))
        if k == "sub_read_add":
            self.offv.add_(1)
        return out


def _ba(kind, modes=MODES3):
    from tests.corpora.redteam41 import _hook, _stack_inputs
    from tests.corpora.redteam7 import _sc as _scen
    return _scen(lambda: _BA(build().args[1], kind), _stack_inputs(1), _hook("none"), modes)


def _alias_hook(what):
    def hook(i, m):
        if i != 1:
            return
        if what == "offv_sub":  # the ALIAS (not read by the graph) changed between calls: off changes with it
            m.offv[1].sub_(1)
        elif what == "off_sub":  # off changed, the graph reads offv
            m.off[L // 2:].sub_(1)
    return hook


def _ba_hook(kind, what, modes=MODES3):
    from tests.corpora.redteam41 import _stack_inputs
    from tests.corpora.redteam7 import _sc as _scen
    return _scen(lambda: _BA(build().args[1], kind), _stack_inputs(1), _alias_hook(what), modes)


BA = [("bound_alias_plain_hook_offv", _ba_hook("plain", "offv_sub"),
       "off read; its alias offv (a view buffer, not read) decremented between calls"),
      ("bound_alias_read_offv_hook_off", _ba_hook("read_offv", "off_sub"),
       "offv (a view buffer of off) read; off decremented between calls")]
BA += [(f"bound_alias_{k}", _ba(k), "offsets buffer aliased by a view buffer mutated in the graph: " + k)
      for k in ("plain", "sub_then_read", "half_sub_then_read", "sub_read_add", "copy_then_read", "big_sub_then_read",
                "big_base_sub")]


class _SB(torch.nn.Module):
    """A joint write of cat((pk, pv), -1) whose K part's window offsets come from a bound buffer ``off``."""

    def __init__(self, w, kind):
        super().__init__()
        self.kind = kind
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("off", torch.arange(L), persistent=False)

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        h = cache.shape[-1] // 2
        offs = self.off
        posk = (lens.long()[:, None] - L + offs).clamp(0, table.shape[1] * P - 1)
        posv = positions(lens)
        tk = kv[table.long().gather(1, posk // P), posk % P]
        tv = kv[table.long().gather(1, posv // P), posv % P]
        if self.kind == "k_bound":
            new = torch.cat((pool(tk[..., :h], self.w), pool(tv[..., h:], self.w)), -1)
        else:  # v_bound: the bound offsets in the second part only
            new = torch.cat((pool(tv[..., :h], self.w), pool(tk[..., h:], self.w)), -1)
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
        return cache


def _sb(kind, what, modes=MODES3):
    from tests.corpora.redteam41 import _hook, _stack_inputs
    from tests.corpora.redteam7 import _sc as _scen
    return _scen(lambda: _SB(build().args[1], kind), _stack_inputs(1), _hook(what), modes)


BA += [(f"bound_split_{k}_{wh}", _sb(k, wh), f"split joint write, bound offsets in one part ({k}); {wh} between calls")
       for k in ("k_bound", "v_bound") for wh in ("off_add", "off_flip")]

# --- 3. block tables with more rows than the batch (evaluate.BatchPlan._rows_gathered) ----------------------------
def _tb(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        B = lens.shape[0]
        pos = positions(lens)
        pg = pos // P
        if kind == "gather":
            ids = table.gather(1, pg)
        elif kind == "gather_neg_dim":
            ids = table.gather(-1, pg)
        elif kind == "gather_twice":  # two gathers of the long table (ids, then again for the column check)
            ids = table.gather(1, pg) + table.gather(1, pg * 0) * 0
        elif kind == "gather_flipped_rows_index":  # the index from the batch reversed: row b reads row B-1-b's cols
            ids = table.gather(1, pg.flip(0))
        elif kind == "gather_index_row0":  # every row's index = row 0's columns
            ids = table.gather(1, pg[:1].expand(B, -1))
        elif kind == "gather_3d":  # table viewed [R, pages, 1]: not a root then (a view)
            ids = table[:, :, None].gather(1, pg[:, :, None])[..., 0]
        elif kind == "gather_index_past_B":  # index with B rows, table rows B..R-1 never read; then + rows' sum * 0
            ids = table.gather(1, pg)
        elif kind == "gather_clamped":  # page ids clamped as a padding select
            g = table.gather(1, pg)
            ids = torch.where(g >= 0, g, 0)
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _tb_calls(extra=3, Bs=(12, 16)):
    def make():
        out = []
        for k, B in enumerate(Bs):
            a = build(B=B, seed=k, index_dtype=torch.int64)
            t = a.args[3]
            junk = torch.randint(0, a.args[0].shape[0], (extra, t.shape[1]), dtype=t.dtype,
                                 generator=torch.Generator().manual_seed(7 + k))
            a.args[3] = torch.cat([t, junk])
            out.append(a)
        return out
    return make


TB = [(f"tb_{k}", _mk(_tb(k), _tb_calls(), MODES3), "block table with 3 more rows than the batch: " + k)
      for k in ("gather", "gather_neg_dim", "gather_twice", "gather_flipped_rows_index", "gather_index_row0",
                "gather_3d", "gather_clamped")]
TB.append(("tb_gather_more_rows", _mk(_tb("gather"), _tb_calls(extra=20), MODES3), "20 more rows"))



# --- 4. SLOT tables with more rows than the batch (BatchPlan._rows_gathered's target: models19's
# ``cmp_block_table.gather(1, col[:, None])``); the ``slots`` argument carries the [B + 3, C] slot table -------------
def _st(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        C = slots.shape[1]
        col = (lens.long() // 7) % C
        if kind == "base":
            sl = slots.gather(1, col[:, None]).squeeze(1)
        elif kind == "col_flipped":  # row b's column from row B-1-b's length
            sl = slots.gather(1, col.flip(0)[:, None]).squeeze(1)
        elif kind == "col_row0":  # every row's column from row 0
            sl = slots.gather(1, col[:1, None].expand(B, 1)).squeeze(1)
        elif kind == "two_cols":  # a [B, 2] index, column 1 taken (the other column of row b)
            sl = slots.gather(1, torch.stack([col, (col + 1) % C], 1))[:, 1]
        elif kind == "gather_dim_neg":
            sl = slots.gather(-1, col[:, None])[:, 0]
        else:
            raise AssertionError(kind)
        return write(cache, sl, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


def _st_calls(extra=3, C=3, Bs=(12, 16)):
    def make():
        out = []
        for k, B in enumerate(Bs):
            ns = (B + extra) * C + 5
            a = build(B=B, seed=k, num_slots=ns)
            g = torch.Generator().manual_seed(11 + k)
            a.args[2] = torch.randperm(ns, generator=g)[:(B + extra) * C].view(B + extra, C)
            out.append(a)
        return out
    return make


ST = [(f"st_{k}", _mk(_st(k), _st_calls(), MODES3), "slot table [B + 3, 3] read by gathers: " + k)
      for k in ("base", "col_flipped", "col_row0", "two_cols", "gather_dim_neg")]
ST.append(("st_base_extra_varies", _mk(_st("base"), lambda: _st_calls(extra=3, Bs=(12,))() + _st_calls(extra=0, Bs=(16,))()
                                       + _st_calls(extra=9, Bs=(5,))(), MODES3),
           "slot table rows B + 3, then B, then B + 9 (three calls)"))

ATTACKS = SC + BA + TB + ST

_FIRST = [
    ('sc_base', 'inductor_graph', 'static', _EQ),
    ('sc_base', 'inductor_graph', 'batch', _EQ),
    ('sc_base', 'inductor_graph', 'dynamic', _R),
    ('sc_uneven', 'inductor_graph', 'static', _EQ),
    ('sc_uneven', 'inductor_graph', 'batch', _EQ),
    ('sc_uneven', 'inductor_graph', 'dynamic', _R),
    ('sc_three', 'inductor_graph', 'static', _EQ),
    ('sc_three', 'inductor_graph', 'batch', _EQ),
    ('sc_three', 'inductor_graph', 'dynamic', _R),
    ('sc_swapped_parts', 'inductor_graph', 'static', _EQ),
    ('sc_swapped_parts', 'inductor_graph', 'batch', _EQ),
    ('sc_swapped_parts', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_swapped', 'inductor_graph', 'static', _R),
    ('sc_keep_swapped', 'inductor_graph', 'batch', _R),
    ('sc_keep_swapped', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_swapped_uneven', 'inductor_graph', 'static', _R),
    ('sc_keep_swapped_uneven', 'inductor_graph', 'batch', _R),
    ('sc_keep_swapped_uneven', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_first_twice', 'inductor_graph', 'static', _R),
    ('sc_keep_first_twice', 'inductor_graph', 'batch', _R),
    ('sc_keep_first_twice', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_flip', 'inductor_graph', 'static', _R),
    ('sc_keep_flip', 'inductor_graph', 'batch', _R),
    ('sc_keep_flip', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_roll', 'inductor_graph', 'static', _R),
    ('sc_keep_roll', 'inductor_graph', 'batch', _R),
    ('sc_keep_roll', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_other_rows_v', 'inductor_graph', 'static', _R),
    ('sc_keep_other_rows_v', 'inductor_graph', 'batch', _R),
    ('sc_keep_other_rows_v', 'inductor_graph', 'dynamic', _R),
    ('sc_keep_sliced_whole', 'inductor_graph', 'static', _EQ),
    ('sc_keep_sliced_whole', 'inductor_graph', 'batch', _EQ),
    ('sc_keep_sliced_whole', 'inductor_graph', 'dynamic', _R),
    ('sc_values_flip', 'inductor_graph', 'static', _R),
    ('sc_values_flip', 'inductor_graph', 'batch', _R),
    ('sc_values_flip', 'inductor_graph', 'dynamic', _R),
    ('sc_values_roll', 'inductor_graph', 'static', _R),
    ('sc_values_roll', 'inductor_graph', 'batch', _R),
    ('sc_values_roll', 'inductor_graph', 'dynamic', _R),
    ('sc_values_perm_index', 'inductor_graph', 'static', _R),
    ('sc_values_perm_index', 'inductor_graph', 'batch', _R),
    ('sc_values_perm_index', 'inductor_graph', 'dynamic', _R),
    ('sc_values_matmul_perm', 'inductor_graph', 'static', _R),
    ('sc_values_matmul_perm', 'inductor_graph', 'batch', _R),
    ('sc_values_matmul_perm', 'inductor_graph', 'dynamic', _R),
    ('sc_values_sum_lastdim', 'inductor_graph', 'static', _CD),
    ('sc_values_sum_lastdim', 'inductor_graph', 'batch', _CD),
    ('sc_values_sum_lastdim', 'inductor_graph', 'dynamic', 'REFUSED (control differs)'),
    ('sc_values_minus_swapped', 'inductor_graph', 'static', _R),
    ('sc_values_minus_swapped', 'inductor_graph', 'batch', _R),
    ('sc_values_minus_swapped', 'inductor_graph', 'dynamic', _R),
    ('sc_values_add_sub_swapped', 'inductor_graph', 'static', _R),
    ('sc_values_add_sub_swapped', 'inductor_graph', 'batch', _R),
    ('sc_values_add_sub_swapped', 'inductor_graph', 'dynamic', _R),
    ('sc_values_mask_lastdim', 'inductor_graph', 'static', _EQ),
    ('sc_values_mask_lastdim', 'inductor_graph', 'batch', _EQ),
    ('sc_values_mask_lastdim', 'inductor_graph', 'dynamic', _R),
    ('sc_values_rows_flipped', 'inductor_graph', 'static', _R),
    ('sc_values_rows_flipped', 'inductor_graph', 'batch', _R),
    ('sc_values_rows_flipped', 'inductor_graph', 'dynamic', _R),
    ('sc_values_heads_flipped', 'inductor_graph', 'static', _R),
    ('sc_values_heads_flipped', 'inductor_graph', 'batch', _R),
    ('sc_values_heads_flipped', 'inductor_graph', 'dynamic', _R),
    ('sc_values_cast_bf16', 'inductor_graph', 'static', _R),
    ('sc_values_cast_bf16', 'inductor_graph', 'batch', _R),
    ('sc_values_cast_bf16', 'inductor_graph', 'dynamic', _R),
    ('sc_where_inside_parts', 'inductor_graph', 'static', _R),
    ('sc_where_inside_parts', 'inductor_graph', 'batch', _R),
    ('sc_where_inside_parts', 'inductor_graph', 'dynamic', _R),
    ('sc_kv_parts_swapped_tok', 'inductor_graph', 'static', _EQ),
    ('sc_kv_parts_swapped_tok', 'inductor_graph', 'batch', _EQ),
    ('sc_kv_parts_swapped_tok', 'inductor_graph', 'dynamic', _R),
    ('sc_part_overlap', 'inductor_graph', 'static', _EQ),
    ('sc_part_overlap', 'inductor_graph', 'batch', _EQ),
    ('sc_part_overlap', 'inductor_graph', 'dynamic', _EQ),
    ('sc_second_weight_flip', 'inductor_graph', 'static', _EQ),
    ('sc_second_weight_flip', 'inductor_graph', 'batch', _EQ),
    ('sc_second_weight_flip', 'inductor_graph', 'dynamic', _R),
    ('sc_v_part_scaled', 'inductor_graph', 'static', _EQ),
    ('sc_v_part_scaled', 'inductor_graph', 'batch', _EQ),
    ('sc_v_part_scaled', 'inductor_graph', 'dynamic', _R),
    ('sc_v_part_const', 'inductor_graph', 'static', _EQ),
    ('sc_v_part_const', 'inductor_graph', 'batch', _EQ),
    ('sc_v_part_const', 'inductor_graph', 'dynamic', _R),
    ('sc_v_part_old', 'inductor_graph', 'static', _EQ),
    ('sc_v_part_old', 'inductor_graph', 'batch', _EQ),
    ('sc_v_part_old', 'inductor_graph', 'dynamic', _R),
    ('sc_v_part_other_row_old', 'inductor_graph', 'static', _EQ),
    ('sc_v_part_other_row_old', 'inductor_graph', 'batch', _EQ),
    ('sc_v_part_other_row_old', 'inductor_graph', 'dynamic', _R),
    ('sc_v_reads_old_k', 'inductor_graph', 'static', _EQ),
    ('sc_v_reads_old_k', 'inductor_graph', 'batch', _EQ),
    ('sc_v_reads_old_k', 'inductor_graph', 'dynamic', _R),
    ('sc_v_is_old_k', 'inductor_graph', 'static', _EQ),
    ('sc_v_is_old_k', 'inductor_graph', 'batch', _EQ),
    ('sc_v_is_old_k', 'inductor_graph', 'dynamic', _R),
    ('sc_v_is_old_k_other_row', 'inductor_graph', 'static', _EQ),
    ('sc_v_is_old_k_other_row', 'inductor_graph', 'batch', _EQ),
    ('sc_v_is_old_k_other_row', 'inductor_graph', 'dynamic', _R),
    ('sc_v_reads_old_k_first', 'inductor_graph', 'static', _EQ),
    ('sc_v_reads_old_k_first', 'inductor_graph', 'batch', _EQ),
    ('sc_v_reads_old_k_first', 'inductor_graph', 'dynamic', _R),
    ('sc_v_reads_old_k_three', 'inductor_graph', 'static', _EQ),
    ('sc_v_reads_old_k_three', 'inductor_graph', 'batch', _EQ),
    ('sc_v_reads_old_k_three', 'inductor_graph', 'dynamic', _R),
    ('sc_v_reads_whole_old_cache', 'inductor_graph', 'static', _EQ),
    ('sc_v_reads_whole_old_cache', 'inductor_graph', 'batch', _EQ),
    ('sc_v_reads_whole_old_cache', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_sub_then_read', 'inductor_graph', 'static', _R),
    ('bound_alias_sub_then_read', 'inductor_graph', 'batch', _R),
    ('bound_alias_sub_then_read', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_half_sub_then_read', 'inductor_graph', 'static', _R),
    ('bound_alias_half_sub_then_read', 'inductor_graph', 'batch', _R),
    ('bound_alias_half_sub_then_read', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_sub_read_add', 'inductor_graph', 'static', _R),
    ('bound_alias_sub_read_add', 'inductor_graph', 'batch', _R),
    ('bound_alias_sub_read_add', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_copy_then_read', 'inductor_graph', 'static', _R),
    ('bound_alias_copy_then_read', 'inductor_graph', 'batch', _R),
    ('bound_alias_copy_then_read', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_big_sub_then_read', 'inductor_graph', 'static', _R),
    ('bound_alias_big_sub_then_read', 'inductor_graph', 'batch', _R),
    ('bound_alias_big_sub_then_read', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_big_base_sub', 'inductor_graph', 'static', _R),
    ('bound_alias_big_base_sub', 'inductor_graph', 'batch', _R),
    ('bound_alias_big_base_sub', 'inductor_graph', 'dynamic', _R),
    ('tb_gather', 'inductor_graph', 'static', _R),
    ('tb_gather', 'inductor_graph', 'batch', _R),
    ('tb_gather', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_neg_dim', 'inductor_graph', 'static', _R),
    ('tb_gather_neg_dim', 'inductor_graph', 'batch', _R),
    ('tb_gather_neg_dim', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_twice', 'inductor_graph', 'static', _R),
    ('tb_gather_twice', 'inductor_graph', 'batch', _R),
    ('tb_gather_twice', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_flipped_rows_index', 'inductor_graph', 'static', _R),
    ('tb_gather_flipped_rows_index', 'inductor_graph', 'batch', _R),
    ('tb_gather_flipped_rows_index', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_index_row0', 'inductor_graph', 'static', _R),
    ('tb_gather_index_row0', 'inductor_graph', 'batch', _R),
    ('tb_gather_index_row0', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_3d', 'inductor_graph', 'static', _R),
    ('tb_gather_3d', 'inductor_graph', 'batch', _R),
    ('tb_gather_3d', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_clamped', 'inductor_graph', 'static', _R),
    ('tb_gather_clamped', 'inductor_graph', 'batch', _R),
    ('tb_gather_clamped', 'inductor_graph', 'dynamic', _R),
    ('tb_gather_more_rows', 'inductor_graph', 'static', _R),
    ('tb_gather_more_rows', 'inductor_graph', 'batch', _R),
    ('tb_gather_more_rows', 'inductor_graph', 'dynamic', _R),
    ('bound_alias_plain', 'inductor_graph', 'static', _EQ),
    ('bound_alias_plain', 'inductor_graph', 'batch', _EQ),
    ('bound_alias_plain', 'inductor_graph', 'dynamic', _EQ),
    ('sc_cache_transposed', 'inductor_graph', 'static', _R),
    ('sc_cache_transposed', 'inductor_graph', 'batch', _R),
    ('sc_cache_transposed', 'inductor_graph', 'dynamic', _R),
    ('sc_cache_narrow', 'inductor_graph', 'static', _EQ),
    ('sc_cache_narrow', 'inductor_graph', 'batch', _EQ),
    ('sc_cache_narrow', 'inductor_graph', 'dynamic', _R),
    ('sc_cache_heads_view', 'inductor_graph', 'static', _R),
    ('sc_cache_heads_view', 'inductor_graph', 'batch', _R),
    ('sc_cache_heads_view', 'inductor_graph', 'dynamic', _R),
    ('sc_cache_transposed', 'torchair_like', 'static', _R),
    ('sc_cache_transposed', 'torchair_like', 'batch', _R),
    ('sc_cache_transposed', 'torchair_like', 'dynamic', _R),
    ('sc_cache_narrow', 'torchair_like', 'static', _EQ),
    ('sc_cache_narrow', 'torchair_like', 'batch', _EQ),
    ('sc_cache_narrow', 'torchair_like', 'dynamic', _R),
    ('sc_cache_heads_view', 'torchair_like', 'static', _R),
    ('sc_cache_heads_view', 'torchair_like', 'batch', _R),
    ('sc_cache_heads_view', 'torchair_like', 'dynamic', _R),
    ('bound_alias_plain_hook_offv', 'inductor_graph', 'static', _EQ),
    ('bound_alias_plain_hook_offv', 'inductor_graph', 'batch', _EQ),
    ('bound_alias_plain_hook_offv', 'inductor_graph', 'dynamic', _EQ),
    ('bound_alias_read_offv_hook_off', 'inductor_graph', 'static', _EQ),
    ('bound_alias_read_offv_hook_off', 'inductor_graph', 'batch', _EQ),
    ('bound_alias_read_offv_hook_off', 'inductor_graph', 'dynamic', _EQ),
    ('bound_alias_plain_hook_offv', 'torchair_like', 'static', _EQ),
    ('bound_alias_plain_hook_offv', 'torchair_like', 'batch', _EQ),
    ('bound_alias_plain_hook_offv', 'torchair_like', 'dynamic', _EQ),
    ('bound_alias_read_offv_hook_off', 'torchair_like', 'static', _EQ),
    ('bound_alias_read_offv_hook_off', 'torchair_like', 'batch', _EQ),
    ('bound_alias_read_offv_hook_off', 'torchair_like', 'dynamic', _EQ),
    ('bound_split_k_bound_off_add', 'inductor_graph', 'static', _EQ),
    ('bound_split_k_bound_off_add', 'inductor_graph', 'batch', _EQ),
    ('bound_split_k_bound_off_add', 'inductor_graph', 'dynamic', _R),
    ('bound_split_k_bound_off_flip', 'inductor_graph', 'static', _EQ),
    ('bound_split_k_bound_off_flip', 'inductor_graph', 'batch', _EQ),
    ('bound_split_k_bound_off_flip', 'inductor_graph', 'dynamic', _R),
    ('bound_split_v_bound_off_add', 'inductor_graph', 'static', _EQ),
    ('bound_split_v_bound_off_add', 'inductor_graph', 'batch', _EQ),
    ('bound_split_v_bound_off_add', 'inductor_graph', 'dynamic', _R),
    ('bound_split_v_bound_off_flip', 'inductor_graph', 'static', _EQ),
    ('bound_split_v_bound_off_flip', 'inductor_graph', 'batch', _EQ),
    ('bound_split_v_bound_off_flip', 'inductor_graph', 'dynamic', _R),
    ('bound_split_k_bound_off_add', 'torchair_like', 'static', _EQ),
    ('bound_split_k_bound_off_add', 'torchair_like', 'batch', _EQ),
    ('bound_split_k_bound_off_add', 'torchair_like', 'dynamic', _R),
    ('bound_split_k_bound_off_flip', 'torchair_like', 'static', _EQ),
    ('bound_split_k_bound_off_flip', 'torchair_like', 'batch', _EQ),
    ('bound_split_k_bound_off_flip', 'torchair_like', 'dynamic', _R),
    ('bound_split_v_bound_off_add', 'torchair_like', 'static', _EQ),
    ('bound_split_v_bound_off_add', 'torchair_like', 'batch', _EQ),
    ('bound_split_v_bound_off_add', 'torchair_like', 'dynamic', _R),
    ('bound_split_v_bound_off_flip', 'torchair_like', 'static', _EQ),
    ('bound_split_v_bound_off_flip', 'torchair_like', 'batch', _EQ),
    ('bound_split_v_bound_off_flip', 'torchair_like', 'dynamic', _R),
    ('sc_base', 'torchair_like', 'static', _EQ),
    ('sc_base', 'torchair_like', 'batch', _EQ),
    ('sc_base', 'torchair_like', 'dynamic', _R),
    ('sc_uneven', 'torchair_like', 'static', _EQ),
    ('sc_uneven', 'torchair_like', 'batch', _EQ),
    ('sc_uneven', 'torchair_like', 'dynamic', _R),
    ('sc_three', 'torchair_like', 'static', _EQ),
    ('sc_three', 'torchair_like', 'batch', _EQ),
    ('sc_three', 'torchair_like', 'dynamic', _R),
    ('sc_swapped_parts', 'torchair_like', 'static', _EQ),
    ('sc_swapped_parts', 'torchair_like', 'batch', _EQ),
    ('sc_swapped_parts', 'torchair_like', 'dynamic', _R),
    ('sc_keep_swapped', 'torchair_like', 'static', _R),
    ('sc_keep_swapped', 'torchair_like', 'batch', _R),
    ('sc_keep_swapped', 'torchair_like', 'dynamic', _R),
    ('sc_keep_swapped_uneven', 'torchair_like', 'static', _R),
    ('sc_keep_swapped_uneven', 'torchair_like', 'batch', _R),
    ('sc_keep_swapped_uneven', 'torchair_like', 'dynamic', _R),
    ('sc_keep_first_twice', 'torchair_like', 'static', _R),
    ('sc_keep_first_twice', 'torchair_like', 'batch', _R),
    ('sc_keep_first_twice', 'torchair_like', 'dynamic', _R),
    ('sc_keep_flip', 'torchair_like', 'static', _R),
    ('sc_keep_flip', 'torchair_like', 'batch', _R),
    ('sc_keep_flip', 'torchair_like', 'dynamic', _R),
    ('sc_keep_roll', 'torchair_like', 'static', _R),
    ('sc_keep_roll', 'torchair_like', 'batch', _R),
    ('sc_keep_roll', 'torchair_like', 'dynamic', _R),
    ('sc_keep_other_rows_v', 'torchair_like', 'static', _R),
    ('sc_keep_other_rows_v', 'torchair_like', 'batch', _R),
    ('sc_keep_other_rows_v', 'torchair_like', 'dynamic', _R),
    ('sc_keep_sliced_whole', 'torchair_like', 'static', _EQ),
    ('sc_keep_sliced_whole', 'torchair_like', 'batch', _EQ),
    ('sc_keep_sliced_whole', 'torchair_like', 'dynamic', _R),
    ('sc_values_flip', 'torchair_like', 'static', _R),
    ('sc_values_flip', 'torchair_like', 'batch', _R),
    ('sc_values_flip', 'torchair_like', 'dynamic', _R),
    ('sc_values_roll', 'torchair_like', 'static', _R),
    ('sc_values_roll', 'torchair_like', 'batch', _R),
    ('sc_values_roll', 'torchair_like', 'dynamic', _R),
    ('sc_values_perm_index', 'torchair_like', 'static', _R),
    ('sc_values_perm_index', 'torchair_like', 'batch', _R),
    ('sc_values_perm_index', 'torchair_like', 'dynamic', _R),
    ('sc_values_matmul_perm', 'torchair_like', 'static', _R),
    ('sc_values_matmul_perm', 'torchair_like', 'batch', _R),
    ('sc_values_matmul_perm', 'torchair_like', 'dynamic', _R),
    ('sc_values_sum_lastdim', 'torchair_like', 'static', _R),
    ('sc_values_sum_lastdim', 'torchair_like', 'batch', _R),
    ('sc_values_sum_lastdim', 'torchair_like', 'dynamic', _R),
    ('sc_values_minus_swapped', 'torchair_like', 'static', _R),
    ('sc_values_minus_swapped', 'torchair_like', 'batch', _R),
    ('sc_values_minus_swapped', 'torchair_like', 'dynamic', _R),
    ('sc_values_add_sub_swapped', 'torchair_like', 'static', _R),
    ('sc_values_add_sub_swapped', 'torchair_like', 'batch', _R),
    ('sc_values_add_sub_swapped', 'torchair_like', 'dynamic', _R),
    ('sc_values_mask_lastdim', 'torchair_like', 'static', _EQ),
    ('sc_values_mask_lastdim', 'torchair_like', 'batch', _EQ),
    ('sc_values_mask_lastdim', 'torchair_like', 'dynamic', _R),
    ('sc_values_rows_flipped', 'torchair_like', 'static', _R),
    ('sc_values_rows_flipped', 'torchair_like', 'batch', _R),
    ('sc_values_rows_flipped', 'torchair_like', 'dynamic', _R),
    ('sc_values_heads_flipped', 'torchair_like', 'static', _R),
    ('sc_values_heads_flipped', 'torchair_like', 'batch', _R),
    ('sc_values_heads_flipped', 'torchair_like', 'dynamic', _R),
    ('sc_values_cast_bf16', 'torchair_like', 'static', _R),
    ('sc_values_cast_bf16', 'torchair_like', 'batch', _R),
    ('sc_values_cast_bf16', 'torchair_like', 'dynamic', _R),
    ('sc_where_inside_parts', 'torchair_like', 'static', _R),
    ('sc_where_inside_parts', 'torchair_like', 'batch', _R),
    ('sc_where_inside_parts', 'torchair_like', 'dynamic', _R),
    ('sc_kv_parts_swapped_tok', 'torchair_like', 'static', _EQ),
    ('sc_kv_parts_swapped_tok', 'torchair_like', 'batch', _EQ),
    ('sc_kv_parts_swapped_tok', 'torchair_like', 'dynamic', _R),
    ('sc_part_overlap', 'torchair_like', 'static', _EQ),
    ('sc_part_overlap', 'torchair_like', 'batch', _EQ),
    ('sc_part_overlap', 'torchair_like', 'dynamic', _EQ),
    ('sc_second_weight_flip', 'torchair_like', 'static', _EQ),
    ('sc_second_weight_flip', 'torchair_like', 'batch', _EQ),
    ('sc_second_weight_flip', 'torchair_like', 'dynamic', _R),
    ('sc_v_part_scaled', 'torchair_like', 'static', _EQ),
    ('sc_v_part_scaled', 'torchair_like', 'batch', _EQ),
    ('sc_v_part_scaled', 'torchair_like', 'dynamic', _R),
    ('sc_v_part_const', 'torchair_like', 'static', _EQ),
    ('sc_v_part_const', 'torchair_like', 'batch', _EQ),
    ('sc_v_part_const', 'torchair_like', 'dynamic', _R),
    ('sc_v_part_old', 'torchair_like', 'static', _EQ),
    ('sc_v_part_old', 'torchair_like', 'batch', _EQ),
    ('sc_v_part_old', 'torchair_like', 'dynamic', _R),
    ('sc_v_part_other_row_old', 'torchair_like', 'static', _EQ),
    ('sc_v_part_other_row_old', 'torchair_like', 'batch', _EQ),
    ('sc_v_part_other_row_old', 'torchair_like', 'dynamic', _R),
    ('sc_v_reads_old_k', 'torchair_like', 'static', _EQ),
    ('sc_v_reads_old_k', 'torchair_like', 'batch', _EQ),
    ('sc_v_reads_old_k', 'torchair_like', 'dynamic', _R),
    ('sc_v_is_old_k', 'torchair_like', 'static', _EQ),
    ('sc_v_is_old_k', 'torchair_like', 'batch', _EQ),
    ('sc_v_is_old_k', 'torchair_like', 'dynamic', _R),
    ('sc_v_is_old_k_other_row', 'torchair_like', 'static', _EQ),
    ('sc_v_is_old_k_other_row', 'torchair_like', 'batch', _EQ),
    ('sc_v_is_old_k_other_row', 'torchair_like', 'dynamic', _R),
    ('sc_v_reads_old_k_first', 'torchair_like', 'static', _EQ),
    ('sc_v_reads_old_k_first', 'torchair_like', 'batch', _EQ),
    ('sc_v_reads_old_k_first', 'torchair_like', 'dynamic', _R),
    ('sc_v_reads_old_k_three', 'torchair_like', 'static', _EQ),
    ('sc_v_reads_old_k_three', 'torchair_like', 'batch', _EQ),
    ('sc_v_reads_old_k_three', 'torchair_like', 'dynamic', _R),
    ('sc_v_reads_whole_old_cache', 'torchair_like', 'static', _EQ),
    ('sc_v_reads_whole_old_cache', 'torchair_like', 'batch', _EQ),
    ('sc_v_reads_whole_old_cache', 'torchair_like', 'dynamic', _R),
    ('bound_alias_plain', 'torchair_like', 'static', _EQ),
    ('bound_alias_plain', 'torchair_like', 'batch', _EQ),
    ('bound_alias_plain', 'torchair_like', 'dynamic', _EQ),
    ('bound_alias_sub_then_read', 'torchair_like', 'static', _R),
    ('bound_alias_sub_then_read', 'torchair_like', 'batch', _R),
    ('bound_alias_sub_then_read', 'torchair_like', 'dynamic', _R),
    ('bound_alias_half_sub_then_read', 'torchair_like', 'static', _R),
    ('bound_alias_half_sub_then_read', 'torchair_like', 'batch', _R),
    ('bound_alias_half_sub_then_read', 'torchair_like', 'dynamic', _R),
    ('bound_alias_sub_read_add', 'torchair_like', 'static', _R),
    ('bound_alias_sub_read_add', 'torchair_like', 'batch', _R),
    ('bound_alias_sub_read_add', 'torchair_like', 'dynamic', _R),
    ('bound_alias_copy_then_read', 'torchair_like', 'static', _R),
    ('bound_alias_copy_then_read', 'torchair_like', 'batch', _R),
    ('bound_alias_copy_then_read', 'torchair_like', 'dynamic', _R),
    ('bound_alias_big_sub_then_read', 'torchair_like', 'static', _R),
    ('bound_alias_big_sub_then_read', 'torchair_like', 'batch', _R),
    ('bound_alias_big_sub_then_read', 'torchair_like', 'dynamic', _R),
    ('bound_alias_big_base_sub', 'torchair_like', 'static', _R),
    ('bound_alias_big_base_sub', 'torchair_like', 'batch', _R),
    ('bound_alias_big_base_sub', 'torchair_like', 'dynamic', _R),
    ('tb_gather', 'torchair_like', 'static', _R),
    ('tb_gather', 'torchair_like', 'batch', _R),
    ('tb_gather', 'torchair_like', 'dynamic', _R),
    ('tb_gather_neg_dim', 'torchair_like', 'static', _R),
    ('tb_gather_neg_dim', 'torchair_like', 'batch', _R),
    ('tb_gather_neg_dim', 'torchair_like', 'dynamic', _R),
    ('tb_gather_twice', 'torchair_like', 'static', _R),
    ('tb_gather_twice', 'torchair_like', 'batch', _R),
    ('tb_gather_twice', 'torchair_like', 'dynamic', _R),
    ('tb_gather_flipped_rows_index', 'torchair_like', 'static', _R),
    ('tb_gather_flipped_rows_index', 'torchair_like', 'batch', _R),
    ('tb_gather_flipped_rows_index', 'torchair_like', 'dynamic', _R),
    ('tb_gather_index_row0', 'torchair_like', 'static', _R),
    ('tb_gather_index_row0', 'torchair_like', 'batch', _R),
    ('tb_gather_index_row0', 'torchair_like', 'dynamic', _R),
    ('tb_gather_3d', 'torchair_like', 'static', _R),
    ('tb_gather_3d', 'torchair_like', 'batch', _R),
    ('tb_gather_3d', 'torchair_like', 'dynamic', _R),
    ('tb_gather_clamped', 'torchair_like', 'static', _R),
    ('tb_gather_clamped', 'torchair_like', 'batch', _R),
    ('tb_gather_clamped', 'torchair_like', 'dynamic', _R),
    ('tb_gather_more_rows', 'torchair_like', 'static', _R),
    ('tb_gather_more_rows', 'torchair_like', 'batch', _R),
    ('tb_gather_more_rows', 'torchair_like', 'dynamic', _R),
    ('sc_base', 'inductor', 'static', _EQ),
    ('sc_base', 'inductor', 'batch', _EQ),
    ('sc_base', 'inductor', 'dynamic', _R),
    ('sc_part_overlap', 'inductor', 'static', _EQ),
    ('sc_part_overlap', 'inductor', 'batch', _EQ),
    ('sc_part_overlap', 'inductor', 'dynamic', _EQ),
    ('sc_v_part_other_row_old', 'inductor', 'static', _EQ),
    ('sc_v_part_other_row_old', 'inductor', 'batch', _EQ),
    ('sc_v_part_other_row_old', 'inductor', 'dynamic', _R),
    ('sc_v_reads_old_k', 'inductor', 'static', _EQ),
    ('sc_v_reads_old_k', 'inductor', 'batch', _EQ),
    ('sc_v_reads_old_k', 'inductor', 'dynamic', _R),
    ('sc_v_is_old_k_other_row', 'inductor', 'static', _EQ),
    ('sc_v_is_old_k_other_row', 'inductor', 'batch', _EQ),
    ('sc_v_is_old_k_other_row', 'inductor', 'dynamic', _R),
    ('sc_v_reads_old_k_first', 'inductor', 'static', _EQ),
    ('sc_v_reads_old_k_first', 'inductor', 'batch', _EQ),
    ('sc_v_reads_old_k_first', 'inductor', 'dynamic', _R),
    ('sc_v_reads_old_k_three', 'inductor', 'static', _EQ),
    ('sc_v_reads_old_k_three', 'inductor', 'batch', _EQ),
    ('sc_v_reads_old_k_three', 'inductor', 'dynamic', _R),
    ('bound_alias_plain', 'inductor', 'static', _EQ),
    ('bound_alias_plain', 'inductor', 'batch', _EQ),
    ('bound_alias_plain', 'inductor', 'dynamic', _EQ),
    ('st_base', 'inductor_graph', 'static', _EQ),
    ('st_base', 'inductor_graph', 'batch', _EQ),
    ('st_base', 'inductor_graph', 'dynamic', _EQ),
    ('st_col_flipped', 'inductor_graph', 'static', _R),
    ('st_col_flipped', 'inductor_graph', 'batch', _R),
    ('st_col_flipped', 'inductor_graph', 'dynamic', _R),
    ('st_col_row0', 'inductor_graph', 'static', _R),
    ('st_col_row0', 'inductor_graph', 'batch', _R),
    ('st_col_row0', 'inductor_graph', 'dynamic', _R),
    ('st_two_cols', 'inductor_graph', 'static', _R),
    ('st_two_cols', 'inductor_graph', 'batch', _R),
    ('st_two_cols', 'inductor_graph', 'dynamic', _R),
    ('st_gather_dim_neg', 'inductor_graph', 'static', _EQ),
    ('st_gather_dim_neg', 'inductor_graph', 'batch', _EQ),
    ('st_gather_dim_neg', 'inductor_graph', 'dynamic', _EQ),
    ('st_base_extra_varies', 'inductor_graph', 'static', _EQ),
    ('st_base_extra_varies', 'inductor_graph', 'batch', _EQ),
    ('st_base_extra_varies', 'inductor_graph', 'dynamic', _EQ),
    ('st_base', 'torchair_like', 'static', _EQ),
    ('st_base', 'torchair_like', 'batch', _EQ),
    ('st_base', 'torchair_like', 'dynamic', _EQ),
    ('st_col_flipped', 'torchair_like', 'static', _R),
    ('st_col_flipped', 'torchair_like', 'batch', _R),
    ('st_col_flipped', 'torchair_like', 'dynamic', _R),
    ('st_col_row0', 'torchair_like', 'static', _R),
    ('st_col_row0', 'torchair_like', 'batch', _R),
    ('st_col_row0', 'torchair_like', 'dynamic', _R),
    ('st_two_cols', 'torchair_like', 'static', _R),
    ('st_two_cols', 'torchair_like', 'batch', _R),
    ('st_two_cols', 'torchair_like', 'dynamic', _R),
    ('st_gather_dim_neg', 'torchair_like', 'static', _EQ),
    ('st_gather_dim_neg', 'torchair_like', 'batch', _EQ),
    ('st_gather_dim_neg', 'torchair_like', 'dynamic', _EQ),
    ('st_base_extra_varies', 'torchair_like', 'static', _EQ),
    ('st_base_extra_varies', 'torchair_like', 'batch', _EQ),
    ('st_base_extra_varies', 'torchair_like', 'dynamic', _EQ),
    ('sc_mixed_bf16_v', 'inductor_graph', 'static', _EQ),
    ('sc_mixed_bf16_v', 'inductor_graph', 'batch', _EQ),
    ('sc_mixed_bf16_v', 'inductor_graph', 'dynamic', _R),
    ('sc_mixed_half_k', 'inductor_graph', 'static', _EQ),
    ('sc_mixed_half_k', 'inductor_graph', 'batch', _EQ),
    ('sc_mixed_half_k', 'inductor_graph', 'dynamic', _R),
    ('sc_mixed_double_k', 'inductor_graph', 'static', _EQ),
    ('sc_mixed_double_k', 'inductor_graph', 'batch', _EQ),
    ('sc_mixed_double_k', 'inductor_graph', 'dynamic', _R),
    ('sc_mixed_bf16_v', 'torchair_like', 'static', _EQ),
    ('sc_mixed_bf16_v', 'torchair_like', 'batch', _EQ),
    ('sc_mixed_bf16_v', 'torchair_like', 'dynamic', _R),
    ('sc_mixed_half_k', 'torchair_like', 'static', _EQ),
    ('sc_mixed_half_k', 'torchair_like', 'batch', _EQ),
    ('sc_mixed_half_k', 'torchair_like', 'dynamic', _R),
    ('sc_mixed_double_k', 'torchair_like', 'static', _EQ),
    ('sc_mixed_double_k', 'torchair_like', 'batch', _EQ),
    ('sc_mixed_double_k', 'torchair_like', 'dynamic', _R),
    ('sc_mixed_bf16_v', 'inductor', 'static', _EQ),
    ('sc_mixed_bf16_v', 'inductor', 'batch', _EQ),
    ('sc_mixed_bf16_v', 'inductor', 'dynamic', _R),
    ('bound_split_k_bound_off_flip', 'inductor', 'static', _EQ),
    ('bound_split_k_bound_off_flip', 'inductor', 'batch', _EQ),
    ('bound_split_k_bound_off_flip', 'inductor', 'dynamic', _R),
    ('st_base_extra_varies', 'inductor', 'static', _EQ),
    ('st_base_extra_varies', 'inductor', 'batch', _EQ),
    ('st_base_extra_varies', 'inductor', 'dynamic', _EQ),
    ('sc_two_writes', 'inductor_graph', 'static', _EQ),
    ('sc_two_writes', 'inductor_graph', 'batch', _EQ),
    ('sc_two_writes', 'inductor_graph', 'dynamic', _R),
    ('sc_two_writes_same_slots', 'inductor_graph', 'static', _EQ),
    ('sc_two_writes_same_slots', 'inductor_graph', 'batch', _EQ),
    ('sc_two_writes_same_slots', 'inductor_graph', 'dynamic', _R),
    ('sc_two_writes', 'torchair_like', 'static', _EQ),
    ('sc_two_writes', 'torchair_like', 'batch', _EQ),
    ('sc_two_writes', 'torchair_like', 'dynamic', _R),
    ('sc_two_writes_same_slots', 'torchair_like', 'static', _EQ),
    ('sc_two_writes_same_slots', 'torchair_like', 'batch', _EQ),
    ('sc_two_writes_same_slots', 'torchair_like', 'dynamic', _R),
    ('sc_two_writes', 'inductor', 'static', _EQ),
    ('sc_two_writes', 'inductor', 'batch', _EQ),
    ('sc_two_writes', 'inductor', 'dynamic', _R),
    ('sc_two_writes_same_slots', 'inductor', 'static', _EQ),
    ('sc_two_writes_same_slots', 'inductor', 'batch', _EQ),
    ('sc_two_writes_same_slots', 'inductor', 'dynamic', _R),
]


def classify43(name, factory, dialect, mode=None):
    """redteam7's classify7; ``bound_*`` scenarios in ``torchair_like`` through ``bound_ta`` (as redteam41/42)."""
    from tests.corpora.redteam7 import classify_scenario
    if name.startswith("bound_") and dialect == "torchair_like":
        return classify_scenario(name, factory, "bound_ta", mode)
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify43)
