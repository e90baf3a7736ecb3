"""Eleventh adversarial review of the recogniser (issue 18), full round: flat per-request slots (interval
arithmetic), several steps on one cache, the fused op's edges, latent / concatenated / per-request layouts, slots
through a select of a size-1 dim.

Same format as redteam10: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; runner and classification are redteam7's ``classify7`` (via redteam2's main / table), imported.

    python tests/corpora/redteam11.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam11.py --table OUT.md [--dialect D ...] [name ...]

First try (13:11-13:34 UTC, snapshot of 6cd3b6e in /tmp/base11, PYTHONPATH=/tmp/base11, run from that tree): 69
attacks in 8 themes, 270 runs (inductor_graph 127, torchair_like 127, Inductor codegen 7, real torchair 9).
inductor_graph 4 FALSE FUSION / 2 CRASH / 76 equal / 41 refused / 4 eager fails; torchair_like 4 FALSE FUSION /
1 CRASH / 78 equal / 40 refused / 4 eager fails; Inductor codegen 4 FALSE FUSION + 2 CRASH (confirmed); real torchair
4 CONTROL DIFFERS (the pass's numbers wrong; the control cannot compile: this CPU stand-in has no GE converter for
index_put / index_copy).  Attacks were added in batches while running; the table is the full run of 13:24-13:30
(alias_cache_in_weight: 13:31; hier_*: 13:34, after fixing their inputs, whose slots first left step 1's cache).
Eager fails (4 runs per graph dialect): concat_noncontig_part and ragged_starts_plus_one static / dynamic (attack
bugs, fixed and rerun: equal in both dialects), flat_arange_neg_step_minus_b_index_copy (index_copy_ does not wrap
a negative index: the point of that spelling).  Three classes
(/work/briefs/redteam11_findings.md, repro /work/briefs/redteam11_repro.py):

* F1 FALSE FUSION + CRASH (torchair_like): ``exactness.Intervals`` -- ``clamp.Tensor``'s lower bound takes the max
  operand's HIGH end, ``arange.start_step`` ignores a negative step (an inverted interval passes both tests);
  ``sizes.check_flat_slots`` trusts them: slots ``15 b + offset`` collide across requests (flat_clamp_tensor_max*,
  flat_arange_negative_step*) or go negative on written rows (flat_arange_neg_step_minus_b: the op raises
  IndexError where eager wraps).  Inductor decomposes both ops (clamp_min/max.Tensor: no interval; prims.iota:
  right rule): refused there.
* F2 CRASH (Inductor, inductor_graph; static and mark_dynamic): ``pool_tables._call`` inserts a node before it
  computes its fake value; a ragged read whose starts are ``[1, 1]`` (every row reads request 0's page list) fails
  the gather's shape check, ``expose`` logs "left as written", the half-built gather stays and Inductor fails to
  lower it (ragged_one_start).
* F3 FALSE FUSION (Inductor codegen, inductor_graph; static and mark_dynamic): the cache a view of the paged KV
  (``kv.view(-1, N, D)``, ``kv[NB - 4:].reshape(..)``): the fused op reads rows another row just wrote, eager gathers
  every window first (alias_cache_is_flat_kv, alias_cache_in_kv_tail).  torchair_like equal.

Not found (equal or refused): flat slots with minimum/maximum, clamp_max of a tensor, abs, bit masks, where, fp16 /
bf16 rounding casts, arange(B - 1, -1, -1) * 0; two steps on one cache (step 2's kept rows read before step 1's
write, through a clone; kept rows from another tensor; a scratch tensor copied into the cache; a second write
reading the first's rows); the op's edges (B = 1, B = 0 (refused), every row at the capacity, l = d, int64
metadata, bf16 / fp32, caches that are strided or offset views, slot -1 padding onto a NaN last row, a cache of
exactly B rows, P = 1, P = l; the cache a view of the weight: equal); a second step whose paged input is the first
step's cache (hier_*: one of the two fused, equal); kv and a view of it passed as two inputs (a script, not here:
not fused); slots through a select of a size-1 dim of an
expand / a gather of an expanded table / a stacked slice (refused); one-head latent [S, C] views (select, squeeze,
index_copy along -2: fused equal; kept rows rolled along C or from slot + 1: refused); K|V last-dim parts ([16:32],
[3:19], of a [..., 1:] view: equal; dynamic=True refused at the cat); per-request [B, M, N, D] at [arange(B), j] with
j = -1 padding, int32 indices, j - M (wrapping): equal; ragged page lists with negative (Python-wrapped) starts,
starts rolled, shifted by one: equal; j flipped or from another row: refused.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import _batches_plain, classify7  # noqa: E402


# --- 1. sizes.check_flat_slots: the offset's interval (exactness.Intervals) -------------------------------------
M_ROWS = 15   # rows per request; capacity 256, l = 32, d = 16: (s - l) // d in [-2, 14]


def _flat_inputs(lengths_list, specials=False):
    """B = 8 (static cache of 8 * 15 rows); each entry of ``lengths_list`` one call (the first compiled)."""
    def make():
        return [build(B=8, num_slots=8 * M_ROWS, lengths=lens, seed=k, specials=specials)
                for k, lens in enumerate(lengths_list)]
    return make


def _flat(offset_of, index_copy=False):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        rows = torch.arange(B, device=lens.device) * M_ROWS + offset_of(lens.long(), B)
        new = torch.where(completes(lens)[:, None, None], pool(tokens(kv, table, positions(lens)), w)
                          .to(cache.dtype), cache[rows])
        if index_copy:   # (real torchair on CPU has no converter for index_put: its control compiles this one)
            cache.index_copy_(0, rows, new)
        else:
            cache[rows] = new
        return cache
    return step


def _x(s):
    return torch.div(s - L, STRIDE, rounding_mode="floor")


# rows with s = 256 right before rows with s in [16, 31] (which the unsound offsets send to the previous request's
# entry 14) and rows that do not complete last (eager's later duplicate write keeps the old value)
_COLLIDE = [[32, 256, 20, 256, 17, 100, 256, 31], [256, 20, 256, 30, 48, 256, 16, 0]]
ATTACKS = [
    ("flat_control", _mk(_flat(lambda s, B: _x(s).clamp(min=0)), _flat_inputs(_COLLIDE), ("static",)),
     "control: slots arange(B) * 15 + clamp((s - 32) // 16, min=0)"),
    ("flat_clamp_tensor_max", _mk(_flat(lambda s, B: torch.clamp(_x(s), min=torch.zeros_like(s),
                                                                  max=s // 16 - 2)), _flat_inputs(_COLLIDE),
                                  ("static",)),
     "clamp.Tensor(x, 0, s // 16 - 2): Intervals take the upper clamp's hi for the lower bound ([0, 14]); "
     "s in [16, 31] gives -1: row b - 1's entry 14"),
    ("flat_minimum_maximum", _mk(_flat(lambda s, B: torch.minimum(torch.maximum(_x(s), torch.zeros_like(s)),
                                                                  s // 16 - 2)), _flat_inputs(_COLLIDE),
                                 ("static",)),
     "the same as minimum(maximum(x, 0), s // 16 - 2) (control for the clamp rule)"),
    ("flat_clamp_scalar_min_tensor_max", _mk(_flat(lambda s, B: torch.clamp(_x(s), min=0).clamp_max(s // 16 - 2)),
                                             _flat_inputs(_COLLIDE), ("static",)),
     "clamp(min=0) then clamp_max(tensor)"),
    ("flat_arange_negative_step", _mk(_flat(lambda s, B: torch.arange(0, -M_ROWS * B, -M_ROWS, device=s.device)
                                            + _x(s).clamp(min=0)), _flat_inputs(_COLLIDE), ("static",)),
     "offset arange(0, -15 B, -15) + x: every row's slot is x (rows collide); arange's interval (0, -15B-1) inverted"),
    ("flat_arange_negative_step_rev", _mk(_flat(lambda s, B: torch.arange(B - 1, -1, -1, device=s.device) * 0
                                                + _x(s).clamp(min=0)), _flat_inputs(_COLLIDE), ("static",)),
     "arange(B-1, -1, -1) * 0 + x (control: equal to x)"),
    ("flat_arange_neg_step_minus_b", _mk(_flat(lambda s, B: torch.arange(0, -(M_ROWS + 1) * B, -(M_ROWS + 1),
                                                                         device=s.device) + _x(s).clamp(min=0)),
                                         _flat_inputs(_COLLIDE), ("static",)),
     "arange(0, -16 B, -16) + x: slot x - b, negative for b > x (Python-wrapped rows)"),
    ("flat_clamp_tensor_max_index_copy", _mk(_flat(lambda s, B: torch.clamp(_x(s), min=torch.zeros_like(s),
                                                                             max=s // 16 - 2), True),
                                             _flat_inputs(_COLLIDE), ("static",)),
     "flat_clamp_tensor_max written with index_copy_"),
    ("flat_arange_negative_step_index_copy", _mk(_flat(lambda s, B: torch.arange(0, -M_ROWS * B, -M_ROWS,
                                                                                 device=s.device)
                                                       + _x(s).clamp(min=0), True), _flat_inputs(_COLLIDE),
                                                 ("static",)),
     "flat_arange_negative_step written with index_copy_"),
    ("flat_arange_neg_step_minus_b_index_copy", _mk(_flat(lambda s, B: torch.arange(0, -(M_ROWS + 1) * B,
                                                                                    -(M_ROWS + 1), device=s.device)
                                                          + _x(s).clamp(min=0), True), _flat_inputs(_COLLIDE),
                                                    ("static",)),
     "flat_arange_neg_step_minus_b written with index_copy_"),
    ("flat_half_rounding", _mk(_flat(lambda s, B: (_x(s).clamp(min=0) + 2049).half().long() - 2049),
                               _flat_inputs([[32, 256, 20, 256, 17, 100, 48, 31]]), ("static",)),
     "offset (x + 2049).half() - 2049: fp16 rounds 2049 to 2048 (offset -1: row 0 at s = 32 writes slot -1) and "
     "2063 to 2064 (15: row b + 1's entry 0); intervals of integers say [0, 14]"),
    ("flat_bf16_rounding", _mk(_flat(lambda s, B: (_x(s).clamp(min=0) + 257).bfloat16().long() - 257),
                               _flat_inputs([[32, 256, 20, 256, 17, 100, 48, 31]]), ("static",)),
     "offset (x + 257).bfloat16() - 257: -1 at x = 0"),
    ("flat_float_exact_control", _mk(_flat(lambda s, B: _x(s).clamp(min=0).float().long()),
                                     _flat_inputs(_COLLIDE), ("static",)),
     "offset x.float().long() (exact: control)"),
    ("flat_abs_of_shifted", _mk(_flat(lambda s, B: (_x(s) - 3).abs().clamp(max=M_ROWS - 1)),
                                _flat_inputs(_COLLIDE), ("static",)),
     "|x - 3| clamped: row b's own rows, duplicates inside a request only"),
    ("flat_bitand", _mk(_flat(lambda s, B: _x(s) & 7), _flat_inputs(_COLLIDE), ("static",)),
     "x & 7 of a negative x (-2 & 7 = 6): in [0, 7]"),
    ("flat_where_negative", _mk(_flat(lambda s, B: torch.where(s >= 16, _x(s).clamp(min=0), s - 5)),
                                _flat_inputs(_COLLIDE), ("static",)),
     "where(s >= 16, x, s - 5): -5..10 on valid input"),
]


# --- 2. several steps on one cache: the kept rows of step 2 read before step 1's write -------------------------
def _two_steps(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        before = cache[s]
        v1 = completes(lens)                                  # l = 32, d = 16
        cache[s] = torch.where(v1[:, None, None], pool(tokens(kv, table, positions(lens)), w).to(cache.dtype),
                               cache[s])
        v2 = completes(lens, 32, 32)                          # l = 32, d = 32: s = 48, 80, .. step 1 only
        new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
        if kind == "stale_kept":                              # eager undoes step 1 where step 2 keeps
            kept = before
        elif kind == "fresh_kept":
            kept = cache[s]
        elif kind == "stale_clone":
            kept = before.clone()
        cache[s] = torch.where(v2[:, None, None], new2.to(cache.dtype), kept)
        return cache
    return step


def _two_caches(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        other = cache.clone() * 2
        valid = completes(lens)
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        if kind == "kept_from_other":                         # kept rows from another cache
            cache[s] = torch.where(valid[:, None, None], new, other[s])
        elif kind == "write_other_then_cache":                # step writes `other`, cache copies it
            other[s] = torch.where(valid[:, None, None], new, other[s])
            cache.copy_(other)
        elif kind == "second_reads_first":                    # step 2's new rows read step 1's output rows
            cache[s] = torch.where(valid[:, None, None], new, cache[s])
            cache[(s + 1) % cache.shape[0]] = torch.where(valid[:, None, None], cache[s] * 2,
                                                          cache[(s + 1) % cache.shape[0]])
        return cache
    return step


def _hierarchical(kind):
    """Step 2 compresses the cache step 1 wrote: its paged input is step 1's [256, N, D] cache viewed as 4 pages of
    64 (table % 4); step 2 writes a second cache (``kind`` "same": back into step 1's cache at (slots + 128) % 256,
    inside the pages it reads)."""
    def step(kv, w, slots, table, lens, cache):
        N, D = kv.shape[2], kv.shape[3]
        c1 = cache[:256]
        write(c1, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        pages = c1.view(4, 64, N, D)
        t2 = table.long() % 4
        c2 = cache[256:] if kind == "other" else c1
        s2 = slots.long() if kind == "other" else (slots.long() + 128) % 256
        write(c2, s2, completes(lens), pool(tokens(pages, t2, positions(lens)), w.flip(0)))
        return cache
    return step


def _hier_inputs():
    out = []
    for k in range(2):
        a = build(B=8, seed=k, num_slots=256, specials=False)
        a.args[5] = torch.cat([a.args[5], a.args[5].flip(0)])          # 512 rows: step 1's 256, step 2's 256
        out.append(a)
    return out


ATTACKS += [
    ("hier_step2_reads_step1_cache", _mk(_hierarchical("other"), _hier_inputs, ("static", "batch", "dynamic")),
     "step 2's paged input is step 1's cache (a view), written to another part of the buffer"),
    ("hier_step2_writes_where_it_reads", _mk(_hierarchical("same"), _hier_inputs, ("static", "batch")),
     "step 2 reads and writes step 1's cache ((slots + 128) % 256, inside the pages it reads)"),
    ("two_steps_fresh_kept", _mk(_two_steps("fresh_kept"), _batches_plain, ("static", "batch")),
     "control: step 2 (l = d = 32, flipped weight) keeps the rows step 1 (l = 32, d = 16) wrote"),
    ("two_steps_stale_kept", _mk(_two_steps("stale_kept"), _batches_plain, ("static", "batch", "dynamic")),
     "step 2's kept rows read before step 1's write: eager undoes step 1 where step 2 keeps"),
    ("two_steps_stale_clone", _mk(_two_steps("stale_clone"), _batches_plain, ("static",)),
     "the same through a clone"),
    ("two_caches_kept_from_other", _mk(_two_caches("kept_from_other"), _batches_plain, ("static",)),
     "kept rows read from another tensor (2 * a clone of the cache)"),
    ("two_caches_write_other_then_copy", _mk(_two_caches("write_other_then_cache"), _batches_plain, ("static",)),
     "the step writes a scratch tensor that is then copied into the cache"),
    ("two_caches_second_reads_first", _mk(_two_caches("second_reads_first"), _batches_plain, ("static",)),
     "a second (non-contract) write reads the first's output rows"),
]


# --- 3. the fused op's edges ---------------------------------------------------------------------------------------
def _contract(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _ld16(kv, w, slots, table, lens, cache):
    """l = d = 16."""
    return write(cache, slots, completes(lens, 16, 16), pool(tokens(kv, table, positions(lens, 16)), w[:16]))


def _view_cache(which):
    def step(kv, w, slots, table, lens, big):
        cache = big[:, 1] if which == "strided" else big[3:]
        write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        return big
    return step


def _big_inputs(which):
    def make():
        out = []
        for k, b in enumerate((8, 10)):
            a = build(B=b, seed=k)
            c = a.args[5]
            a.args[5] = torch.stack([c * 3, c], 1) if which == "strided" else torch.cat([c[:3] * 5, c], 0)
            out.append(a)
        return out
    return make


def _edges(**kw):
    return lambda: [build(**kw), build(**{**kw, "seed": 11})]


def _pad_last_row():
    """Rows that write nothing use slot -1 (the last cache row, which holds NaN); no written row names it."""
    out = []
    for k in range(2):
        a = build(B=8, seed=k, num_slots=21)
        lens, slots, cache = a.args[4], a.args[2], a.args[5]
        q = completes(lens)
        slots[~q] = -1
        slots[q] = torch.randperm(20, generator=torch.Generator().manual_seed(k))[: int(q.sum())].to(slots.dtype)
        cache[-1] = float("nan")
        out.append(a)
    return out


def _last_row_written():
    out = []
    for k in range(2):
        a = build(B=8, seed=k, num_slots=8)
        a.args[2][:] = torch.arange(8).flip(0).to(a.args[2].dtype)   # row 0 (at the capacity) writes row 7
        out.append(a)
    return out


ATTACKS += [
    ("edge_b1_static", _mk(_contract, _edges(B=1, lengths=[256]), ("static",)), "B = 1, length = capacity"),
    ("edge_b1_noncompleting", _mk(_contract, _edges(B=1, lengths=[33]), ("static",)), "B = 1, nothing written"),
    ("edge_b0_static", _mk(_contract, _edges(B=0, lengths=[]), ("static",)), "B = 0"),
    ("edge_all_capacity", _mk(_contract, _edges(B=6, lengths=[256] * 6), ("static", "batch", "dynamic")),
     "every row at the capacity"),
    ("edge_l_eq_d", _mk(_ld16, _batches_plain, ("static", "batch", "dynamic")), "l = d = 16"),
    ("edge_int64_meta", _mk(_contract, _edges(B=9, index_dtype=torch.int64, length_dtype=torch.int64),
                            ("static", "batch", "dynamic")), "int64 slots / table / lengths"),
    ("edge_bf16", _mk(_contract, _edges(B=9, dtype=torch.bfloat16), ("static", "dynamic")), "bf16 KV and cache"),
    ("edge_fp32", _mk(_contract, _edges(B=9, dtype=torch.float32), ("static", "dynamic")), "fp32 KV and cache"),
    ("edge_cache_strided_view", _mk(_view_cache("strided"), _big_inputs("strided"), ("static", "batch")),
     "the cache a strided view big[:, 1] of [S, 2, N, D]"),
    ("edge_cache_offset_view", _mk(_view_cache("offset"), _big_inputs("offset"), ("static", "batch")),
     "the cache an offset view big[3:]"),
    ("edge_pad_slots_last_row", _mk(_contract, _pad_last_row, ("static", "batch")),
     "slot -1 on rows that write nothing (last row NaN)"),
    ("edge_last_row_written", _mk(_contract, _last_row_written, ("static",)), "a cache of exactly B rows, reversed"),
    ("edge_pages_one_token", _mk(_contract, _edges(B=5, P=1, pages=256), ("static",)), "P = 1: 256 pages per row"),
    ("edge_page_equals_window", _mk(_contract, _edges(B=5, P=32, pages=8), ("static", "dynamic")), "P = l = 32"),
]


# --- 4. slots through a select of a size-1 dim (exactness._squeezes), per-request, latent, concatenated --------
def _squeeze_slots(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        s = slots.long()
        if kind == "expand_first":                           # every row the first row's slot
            si = s[:1, None].expand(B, 1)[:, 0]
        elif kind == "expand_first_sel_last":
            si = s[:1, None].expand(B, 1).select(1, -1)
        elif kind == "plain":
            si = s[:, None][:, 0]
        elif kind == "gather_expanded_table":                # a table of one request broadcast over the batch
            t2 = s[None, :].expand(B, B)                     # row b reads entry b of row 0: distinct (control)
            si = t2.gather(1, torch.arange(B, device=s.device)[:, None])[:, 0]
        elif kind == "gather_expanded_column":               # every row reads entry 0
            t2 = s[None, :].expand(B, B)
            si = t2.gather(1, torch.zeros(B, 1, dtype=torch.long, device=s.device))[:, 0]
        elif kind == "stack_select":
            si = torch.stack([s, s.flip(0)], 1)[:, :1][:, 0]
        new = pool(tokens(kv, table, positions(lens)), w)
        cache[si] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[si])
        return cache
    return step


def _dup_last_noncomplete():
    """Row 0 completes (writes), the last row does not: eager's last write (row B - 1's old value) wins."""
    return [build(B=8, seed=1, lengths=[256, 48, 32, 64, 80, 96, 128, 33]),
            build(B=8, seed=2, lengths=[32, 0, 48, 256, 31, 64, 80, 17])]


for _k in ("plain", "expand_first", "expand_first_sel_last", "gather_expanded_table", "gather_expanded_column",
           "stack_select"):
    ATTACKS.append((f"squeeze_slots_{_k}", _mk(_squeeze_slots(_k), _dup_last_noncomplete, ("static", "batch")),
                    f"slots through a select of a size-1 dim: {_k}"))


def _latent(kind):
    """MLA latent: paged [NB, P, C] and a [S, C] cache (``kind`` varies how the cache is reached)."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        lat = kv[..., 0, :]                                                       # [NB, P, D]
        pos = positions(lens)
        P = lat.shape[1]
        tok = lat[table.long().gather(1, pos // P), pos % P]                      # [B, l, D]
        new = (tok.float() * w.float()[None, :, :1]).sum(1)                      # head 0's weight
        if kind == "head0_of_3d":
            c = cache[:, 0]                                                        # [S, D] strided view of a 3-D cache
        elif kind == "transposed":
            c = cache[:, 0].t().contiguous().t()
        else:
            c = cache[:, 0].clone()
        if kind == "index_copy":
            c.index_copy_(0, s, torch.where(completes(lens)[:, None], new.to(c.dtype), c[s]))
        else:
            c[s] = torch.where(completes(lens)[:, None], new.to(c.dtype), c[s])
        return cache, c
    return step


ATTACKS += [
    ("latent_head0_of_3d", _mk(_latent("head0_of_3d"), _batches_plain, ("static", "batch", "dynamic")),
     "a [S, C] write into cache[:, 0] (head 0 of a 3-D cache) from kv[..., 0, :]"),
    ("latent_clone", _mk(_latent("clone"), _batches_plain, ("static", "batch", "dynamic")),
     "a [S, C] clone written and returned"),
    ("latent_index_copy", _mk(_latent("index_copy"), _batches_plain, ("static", "batch")),
     "index_copy_ into the clone"),
    ("latent_transposed", _mk(_latent("transposed"), _batches_plain, ("static",)),
     "the [S, C] cache a t().contiguous().t() copy"),
]


def _concat(a, b, kind="plain"):
    """K|V in the last dim: kv [NB, P, N, 2D]; the step pools kv[...][..., a:b]."""
    def step(kv, w, slots, table, lens, cache):
        kv2 = torch.cat([kv, kv.flip(-1) * 2], -1) if kind != "noncontig" else torch.cat([kv, kv * 2], -1)[..., 1:]
        pos = positions(lens)
        P = kv2.shape[1]
        g = kv2[table.long().gather(1, pos // P), pos % P]
        if kind == "float_then_mul":
            part = (g.float() * 1.0)[..., a:b]
        else:
            part = g.float()[..., a:b]
        new = (part * w.float()[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), new)
    return step


ATTACKS += [
    ("concat_v_half", _mk(_concat(16, 32), _batches_plain, ("static", "batch", "dynamic")), "V half [..., 16:32]"),
    ("concat_offset_part", _mk(_concat(3, 19), _batches_plain, ("static",)), "a part [..., 3:19] across the halves"),
    ("concat_noncontig_part", _mk(_concat(15, 31, "noncontig"), _batches_plain, ("static",)),
     "the paged input itself a [..., 1:] view before the gather"),
]


def _per_request(jkind):
    def step(kv, w, slots, table, lens, cmp):
        B, M = lens.shape[0], cmp.shape[1]
        i = torch.arange(B, device=lens.device)
        j = torch.div(lens.long() - L, STRIDE, rounding_mode="floor")
        if jkind == "neg_pad":                     # rows that write nothing: entry -1 (wraps to M - 1)
            j = torch.where(completes(lens), j, -1)
        elif jkind == "int32":
            i, j = i.int(), j.clamp(min=0).int()
        elif jkind == "minus_M":                    # entry j - M: the same element (wraps)
            j = j.clamp(min=0) - M
        new = pool(tokens(kv, table, positions(lens)), w)
        cmp[i, j] = torch.where(completes(lens)[:, None, None], new.to(cmp.dtype), cmp[i, j])
        return cmp
    return step


def _req_inputs(M=15):
    def make():
        xs = []
        for seed, b in enumerate((8, 10)):
            a = build(B=b, seed=seed, specials=False)
            N, D = a.args[0].shape[2], a.args[0].shape[3]
            g = torch.Generator().manual_seed(seed)
            c = (torch.randint(-32, 33, (b, M, N, D), generator=g) / 16.0).to(a.args[0].dtype)
            c[:, -1] = float("nan")
            a.args[5] = c
            xs.append(a)
        return xs
    return make


for _k in ("neg_pad", "int32", "minus_M"):
    ATTACKS.append((f"req_{_k}", _mk(_per_request(_k), _req_inputs(), ("static", "batch", "dynamic")),
                    f"per-request [B, M, N, D] cache written at [arange(B), j]: {_k}"))

def _latent1(kind):
    """A real one-head latent: kv [NB, P, 1, C] read as [NB, P, C], the cache [S, 1, C] written through its [S, C]
    view (``kind`` varies the spelling)."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        lat = kv[:, :, 0]
        pos = positions(lens)
        P = lat.shape[1]
        tok = lat[table.long().gather(1, pos // P), pos % P]                      # [B, l, C]
        new = (tok.float() * w.float()[None, :, :]).sum(1)                       # w [l, 1]
        c = cache[:, 0] if kind != "squeeze" else cache.squeeze(1)
        valid = completes(lens)[:, None]
        if kind == "kept_shifted_col":                                             # kept rows rolled along C
            c[s] = torch.where(valid, new.to(c.dtype), c[s].roll(1, 1))
        elif kind == "kept_other_rows":                                            # kept rows of slot + 1
            c[s] = torch.where(valid, new.to(c.dtype), c[(s + 1) % c.shape[0]])
        elif kind == "index_copy_m2":
            c.index_copy_(-2, s, torch.where(valid, new.to(c.dtype), c[s]))
        else:
            c[s] = torch.where(valid, new.to(c.dtype), c[s])
        return cache
    return step


_N1 = lambda: [build(B=8, N=1, seed=1), build(B=10, N=1, seed=4)]  # noqa: E731
for _k in ("select", "squeeze", "index_copy_m2", "kept_shifted_col", "kept_other_rows"):
    ATTACKS.append((f"latent1_{_k}", _mk(_latent1(_k), _N1, ("static", "batch", "dynamic")),
                    f"one-head latent [S, C] view of an [S, 1, C] cache: {_k}"))


def _cache_in_kv(where):
    """The compressed cache is a view of the paged KV's last pages (one buffer for both): a row's write may land in a
    page another row's window reads (eager gathers every window before it writes)."""
    def step(kv, w, slots, table, lens, cache):
        NB, P, N, D = kv.shape
        c = kv[NB - 4:].reshape(-1, N, D) if where == "tail" else kv.view(-1, N, D)
        write(c, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        return kv
    return step


def _alias_inputs():
    """B = 8, 4 pages of 64; slots 32..39 name rows of the KV's page NB - 4 ("tail") or page 0 ("flat"); row 1's
    window reads those pages."""
    out = []
    for k in range(2):
        a = build(B=8, seed=k, specials=False, lengths=[256, 64, 32, 256, 48, 33, 96, 128])
        table, NB = a.args[3], a.args[0].shape[0]
        table[1, 0] = NB - 4 if k == 0 else 0      # (pages are distinct: swap with the row that held it)
        a.args[2][:] = torch.arange(8).to(a.args[2].dtype) + 32
        out.append(a)
    return out


def _cache_in_weight(kv, w, slots, table, lens, cache):
    """The cache is the weight's storage (``[l, N] = [32, 2]`` viewed ``[2, 2, 16]``): row 0's write changes the
    weight row 1 pools with (eager computes every row before it writes)."""
    N = w.shape[1]
    c = w.view(-1, N, kv.shape[3])
    write(c, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return w


def _weight_alias_inputs():
    out = []
    for k in range(2):
        a = build(B=2, seed=k, specials=False, lengths=[256, 64], num_slots=2)
        a.args[2][:] = torch.tensor([0, 1]).to(a.args[2].dtype)
        out.append(a)
    return out


ATTACKS += [
    ("alias_cache_in_weight", _mk(_cache_in_weight, _weight_alias_inputs, ("static",)),
     "cache = w.view(-1, N, D) (2 rows): row 0's write changes the weight row 1 pools with"),
    ("alias_cache_in_kv_tail", _mk(_cache_in_kv("tail"), _alias_inputs, ("static", "batch")),
     "cache = kv[NB - 4:].reshape(-1, N, D): rows 32..39 of page NB - 4, which row 1's window reads"),
    ("alias_cache_is_flat_kv", _mk(_cache_in_kv("flat"), _alias_inputs, ("static", "batch")),
     "cache = kv.view(-1, N, D): every token a cache row"),
]


# --- 5. FlashInfer ragged page lists (pool_tables._ragged_read / _ragged_table) ------------------------------------
def _ragged(starts_of, j_of=None):
    """``table`` passed flat (kv_indices, [B * pages]); row b's page j is kv_indices[starts[b] + j]."""
    def step(kv, w, slots, indices, lens, cache):
        B = lens.shape[0]
        pages = indices.shape[0] // B
        pos = positions(lens)
        P = kv.shape[1]
        j = pos // P if j_of is None else j_of(pos, P)
        starts = starts_of(torch.arange(B, device=lens.device), pages, indices.shape[0])
        tok = kv[indices[starts + j], pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _ragged_inputs(batches=(8, 10), **kw):
    def make():
        out = []
        for k, b in enumerate(batches):
            if "lengths" in kw:
                kw["lengths"] = kw["lengths"][:b]
            a = build(B=b, seed=k, **kw)
            a.args[3] = a.args[3].flatten().contiguous()
            out.append(a)
        return out
    return make


ATTACKS += [
    ("ragged_control", _mk(_ragged(lambda r, pages, n: (r * pages)[:, None]), _ragged_inputs(),
                           ("static", "batch", "dynamic")),
     "control: kv_indices[arange(B)[:, None] * pages + j]"),
    ("ragged_one_start", _mk(_ragged(lambda r, pages, n: (r[:1] * pages)[:, None]), _ragged_inputs(specials=False),
                             ("static", "batch")),
     "starts [1, 1]: every row reads request 0's pages (T built [1, L], gathered at a [B, l] j)"),
    ("ragged_starts_plus_one", _mk(_ragged(lambda r, pages, n: (r * pages + 1)[:, None]),
                                   _ragged_inputs((8, 8), specials=False,
                                                  lengths=[192, 64, 32, 100, 48, 33, 96, 128]), ("static", "dynamic")),
     "starts shifted by one page (row b reads its pages 1.. and row b+1's first)"),
    ("ragged_negative_starts", _mk(_ragged(lambda r, pages, n: (r * pages - n)[:, None]),
                                   _ragged_inputs(specials=False), ("static", "batch", "dynamic")),
     "starts - L (negative, Python-wrapped by eager's read)"),
    ("ragged_j_flipped", _mk(_ragged(lambda r, pages, n: (r * pages)[:, None], lambda pos, P: (pos // P).flip(1)),
                             _ragged_inputs(specials=False), ("static",)),
     "j flipped along the window (page of the mirrored position)"),
    ("ragged_j_of_other_row", _mk(_ragged(lambda r, pages, n: (r * pages)[:, None],
                                          lambda pos, P: (pos // P).roll(1, 0)), _ragged_inputs(specials=False),
                                  ("static", "batch")),
     "j from row b - 1's positions"),
    ("ragged_starts_rolled", _mk(_ragged(lambda r, pages, n: (r * pages).roll(1, 0)[:, None]),
                                 _ragged_inputs(specials=False), ("static", "batch", "dynamic")),
     "starts rolled by one row: row b reads row b - 1's pages at its own positions"),
]

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_FIRST = [
    ('flat_control', 'inductor_graph', 'static', _EQ),
    ('flat_clamp_tensor_max', 'inductor_graph', 'static', _R),
    ('flat_minimum_maximum', 'inductor_graph', 'static', _R),
    ('flat_clamp_scalar_min_tensor_max', 'inductor_graph', 'static', _R),
    ('flat_arange_negative_step', 'inductor_graph', 'static', _R),
    ('flat_arange_negative_step_rev', 'inductor_graph', 'static', _EQ),
    ('flat_arange_neg_step_minus_b', 'inductor_graph', 'static', _R),
    ('flat_clamp_tensor_max_index_copy', 'inductor_graph', 'static', _R),
    ('flat_arange_negative_step_index_copy', 'inductor_graph', 'static', _R),
    ('flat_arange_neg_step_minus_b_index_copy', 'inductor_graph', 'static', _EF),
    ('flat_half_rounding', 'inductor_graph', 'static', _R),
    ('flat_bf16_rounding', 'inductor_graph', 'static', _R),
    ('flat_float_exact_control', 'inductor_graph', 'static', _EQ),
    ('flat_abs_of_shifted', 'inductor_graph', 'static', _EQ),
    ('flat_bitand', 'inductor_graph', 'static', _EQ),
    ('flat_where_negative', 'inductor_graph', 'static', _R),
    ('two_steps_fresh_kept', 'inductor_graph', 'static', _EQ),
    ('two_steps_fresh_kept', 'inductor_graph', 'batch', _EQ),
    ('two_steps_stale_kept', 'inductor_graph', 'static', _EQ),
    ('two_steps_stale_kept', 'inductor_graph', 'batch', _EQ),
    ('two_steps_stale_kept', 'inductor_graph', 'dynamic', _EQ),
    ('two_steps_stale_clone', 'inductor_graph', 'static', _EQ),
    ('two_caches_kept_from_other', 'inductor_graph', 'static', _R),
    ('two_caches_write_other_then_copy', 'inductor_graph', 'static', _EQ),
    ('two_caches_second_reads_first', 'inductor_graph', 'static', _EQ),
    ('edge_b1_static', 'inductor_graph', 'static', _EQ),
    ('edge_b1_noncompleting', 'inductor_graph', 'static', _EQ),
    ('edge_b0_static', 'inductor_graph', 'static', _R),
    ('edge_all_capacity', 'inductor_graph', 'static', _EQ),
    ('edge_all_capacity', 'inductor_graph', 'batch', _EQ),
    ('edge_all_capacity', 'inductor_graph', 'dynamic', _EQ),
    ('edge_l_eq_d', 'inductor_graph', 'static', _EQ),
    ('edge_l_eq_d', 'inductor_graph', 'batch', _EQ),
    ('edge_l_eq_d', 'inductor_graph', 'dynamic', _EQ),
    ('edge_int64_meta', 'inductor_graph', 'static', _EQ),
    ('edge_int64_meta', 'inductor_graph', 'batch', _EQ),
    ('edge_int64_meta', 'inductor_graph', 'dynamic', _EQ),
    ('edge_bf16', 'inductor_graph', 'static', _EQ),
    ('edge_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('edge_fp32', 'inductor_graph', 'static', _EQ),
    ('edge_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('edge_cache_strided_view', 'inductor_graph', 'static', _EQ),
    ('edge_cache_strided_view', 'inductor_graph', 'batch', _EQ),
    ('edge_cache_offset_view', 'inductor_graph', 'static', _EQ),
    ('edge_cache_offset_view', 'inductor_graph', 'batch', _EQ),
    ('edge_pad_slots_last_row', 'inductor_graph', 'static', _EQ),
    ('edge_pad_slots_last_row', 'inductor_graph', 'batch', _EQ),
    ('edge_last_row_written', 'inductor_graph', 'static', _EQ),
    ('edge_pages_one_token', 'inductor_graph', 'static', _EQ),
    ('edge_page_equals_window', 'inductor_graph', 'static', _EQ),
    ('edge_page_equals_window', 'inductor_graph', 'dynamic', _EQ),
    ('squeeze_slots_plain', 'inductor_graph', 'static', _EQ),
    ('squeeze_slots_plain', 'inductor_graph', 'batch', _EQ),
    ('squeeze_slots_expand_first', 'inductor_graph', 'static', _R),
    ('squeeze_slots_expand_first', 'inductor_graph', 'batch', _R),
    ('squeeze_slots_expand_first_sel_last', 'inductor_graph', 'static', _R),
    ('squeeze_slots_expand_first_sel_last', 'inductor_graph', 'batch', _R),
    ('squeeze_slots_gather_expanded_table', 'inductor_graph', 'static', _R),
    ('squeeze_slots_gather_expanded_table', 'inductor_graph', 'batch', _R),
    ('squeeze_slots_gather_expanded_column', 'inductor_graph', 'static', _R),
    ('squeeze_slots_gather_expanded_column', 'inductor_graph', 'batch', _R),
    ('squeeze_slots_stack_select', 'inductor_graph', 'static', _R),
    ('squeeze_slots_stack_select', 'inductor_graph', 'batch', _R),
    ('latent_head0_of_3d', 'inductor_graph', 'static', _R),
    ('latent_head0_of_3d', 'inductor_graph', 'batch', _R),
    ('latent_head0_of_3d', 'inductor_graph', 'dynamic', _R),
    ('latent_clone', 'inductor_graph', 'static', _R),
    ('latent_clone', 'inductor_graph', 'batch', _R),
    ('latent_clone', 'inductor_graph', 'dynamic', _R),
    ('latent_index_copy', 'inductor_graph', 'static', _R),
    ('latent_index_copy', 'inductor_graph', 'batch', _R),
    ('latent_transposed', 'inductor_graph', 'static', _R),
    ('concat_v_half', 'inductor_graph', 'static', _EQ),
    ('concat_v_half', 'inductor_graph', 'batch', _EQ),
    ('concat_v_half', 'inductor_graph', 'dynamic', _R),
    ('concat_offset_part', 'inductor_graph', 'static', _EQ),
    ('concat_noncontig_part', 'inductor_graph', 'static', _EF),
    ('req_neg_pad', 'inductor_graph', 'static', _EQ),
    ('req_neg_pad', 'inductor_graph', 'batch', _EQ),
    ('req_neg_pad', 'inductor_graph', 'dynamic', _EQ),
    ('req_int32', 'inductor_graph', 'static', _EQ),
    ('req_int32', 'inductor_graph', 'batch', _EQ),
    ('req_int32', 'inductor_graph', 'dynamic', _EQ),
    ('req_minus_M', 'inductor_graph', 'static', _EQ),
    ('req_minus_M', 'inductor_graph', 'batch', _EQ),
    ('req_minus_M', 'inductor_graph', 'dynamic', _EQ),
    ('latent1_select', 'inductor_graph', 'static', _EQ),
    ('latent1_select', 'inductor_graph', 'batch', _EQ),
    ('latent1_select', 'inductor_graph', 'dynamic', _EQ),
    ('latent1_squeeze', 'inductor_graph', 'static', _EQ),
    ('latent1_squeeze', 'inductor_graph', 'batch', _EQ),
    ('latent1_squeeze', 'inductor_graph', 'dynamic', _EQ),
    ('latent1_index_copy_m2', 'inductor_graph', 'static', _EQ),
    ('latent1_index_copy_m2', 'inductor_graph', 'batch', _EQ),
    ('latent1_index_copy_m2', 'inductor_graph', 'dynamic', _EQ),
    ('latent1_kept_shifted_col', 'inductor_graph', 'static', _R),
    ('latent1_kept_shifted_col', 'inductor_graph', 'batch', _R),
    ('latent1_kept_shifted_col', 'inductor_graph', 'dynamic', _R),
    ('latent1_kept_other_rows', 'inductor_graph', 'static', _R),
    ('latent1_kept_other_rows', 'inductor_graph', 'batch', _R),
    ('latent1_kept_other_rows', 'inductor_graph', 'dynamic', _R),
    ('alias_cache_in_kv_tail', 'inductor_graph', 'static', _FF),
    ('alias_cache_in_kv_tail', 'inductor_graph', 'batch', _FF),
    ('alias_cache_is_flat_kv', 'inductor_graph', 'static', _FF),
    ('alias_cache_is_flat_kv', 'inductor_graph', 'batch', _FF),
    ('ragged_control', 'inductor_graph', 'static', _EQ),
    ('ragged_control', 'inductor_graph', 'batch', _EQ),
    ('ragged_control', 'inductor_graph', 'dynamic', _EQ),
    ('ragged_one_start', 'inductor_graph', 'static', _CR),
    ('ragged_one_start', 'inductor_graph', 'batch', _CR),
    ('ragged_starts_plus_one', 'inductor_graph', 'static', _EF),
    ('ragged_starts_plus_one', 'inductor_graph', 'dynamic', _EF),
    ('ragged_negative_starts', 'inductor_graph', 'static', _EQ),
    ('ragged_negative_starts', 'inductor_graph', 'batch', _EQ),
    ('ragged_negative_starts', 'inductor_graph', 'dynamic', _EQ),
    ('ragged_j_flipped', 'inductor_graph', 'static', _R),
    ('ragged_j_of_other_row', 'inductor_graph', 'static', _R),
    ('ragged_j_of_other_row', 'inductor_graph', 'batch', _R),
    ('ragged_starts_rolled', 'inductor_graph', 'static', _EQ),
    ('ragged_starts_rolled', 'inductor_graph', 'batch', _EQ),
    ('ragged_starts_rolled', 'inductor_graph', 'dynamic', _EQ),
    ('alias_cache_in_weight', 'inductor_graph', 'static', _EQ),
    ('flat_control', 'torchair_like', 'static', _EQ),
    ('flat_clamp_tensor_max', 'torchair_like', 'static', _FF),
    ('flat_minimum_maximum', 'torchair_like', 'static', _R),
    ('flat_clamp_scalar_min_tensor_max', 'torchair_like', 'static', _R),
    ('flat_arange_negative_step', 'torchair_like', 'static', _FF),
    ('flat_arange_negative_step_rev', 'torchair_like', 'static', _EQ),
    ('flat_arange_neg_step_minus_b', 'torchair_like', 'static', _CR),
    ('flat_clamp_tensor_max_index_copy', 'torchair_like', 'static', _FF),
    ('flat_arange_negative_step_index_copy', 'torchair_like', 'static', _FF),
    ('flat_arange_neg_step_minus_b_index_copy', 'torchair_like', 'static', _EF),
    ('flat_half_rounding', 'torchair_like', 'static', _R),
    ('flat_bf16_rounding', 'torchair_like', 'static', _R),
    ('flat_float_exact_control', 'torchair_like', 'static', _EQ),
    ('flat_abs_of_shifted', 'torchair_like', 'static', _EQ),
    ('flat_bitand', 'torchair_like', 'static', _EQ),
    ('flat_where_negative', 'torchair_like', 'static', _R),
    ('two_steps_fresh_kept', 'torchair_like', 'static', _EQ),
    ('two_steps_fresh_kept', 'torchair_like', 'batch', _EQ),
    ('two_steps_stale_kept', 'torchair_like', 'static', _EQ),
    ('two_steps_stale_kept', 'torchair_like', 'batch', _EQ),
    ('two_steps_stale_kept', 'torchair_like', 'dynamic', _EQ),
    ('two_steps_stale_clone', 'torchair_like', 'static', _EQ),
    ('two_caches_kept_from_other', 'torchair_like', 'static', _R),
    ('two_caches_write_other_then_copy', 'torchair_like', 'static', _EQ),
    ('two_caches_second_reads_first', 'torchair_like', 'static', _EQ),
    ('edge_b1_static', 'torchair_like', 'static', _EQ),
    ('edge_b1_noncompleting', 'torchair_like', 'static', _EQ),
    ('edge_b0_static', 'torchair_like', 'static', _R),
    ('edge_all_capacity', 'torchair_like', 'static', _EQ),
    ('edge_all_capacity', 'torchair_like', 'batch', _EQ),
    ('edge_all_capacity', 'torchair_like', 'dynamic', _EQ),
    ('edge_l_eq_d', 'torchair_like', 'static', _EQ),
    ('edge_l_eq_d', 'torchair_like', 'batch', _EQ),
    ('edge_l_eq_d', 'torchair_like', 'dynamic', _EQ),
    ('edge_int64_meta', 'torchair_like', 'static', _EQ),
    ('edge_int64_meta', 'torchair_like', 'batch', _EQ),
    ('edge_int64_meta', 'torchair_like', 'dynamic', _EQ),
    ('edge_bf16', 'torchair_like', 'static', _EQ),
    ('edge_bf16', 'torchair_like', 'dynamic', _EQ),
    ('edge_fp32', 'torchair_like', 'static', _EQ),
    ('edge_fp32', 'torchair_like', 'dynamic', _EQ),
    ('edge_cache_strided_view', 'torchair_like', 'static', _EQ),
    ('edge_cache_strided_view', 'torchair_like', 'batch', _EQ),
    ('edge_cache_offset_view', 'torchair_like', 'static', _EQ),
    ('edge_cache_offset_view', 'torchair_like', 'batch', _EQ),
    ('edge_pad_slots_last_row', 'torchair_like', 'static', _EQ),
    ('edge_pad_slots_last_row', 'torchair_like', 'batch', _EQ),
    ('edge_last_row_written', 'torchair_like', 'static', _EQ),
    ('edge_pages_one_token', 'torchair_like', 'static', _EQ),
    ('edge_page_equals_window', 'torchair_like', 'static', _EQ),
    ('edge_page_equals_window', 'torchair_like', 'dynamic', _EQ),
    ('squeeze_slots_plain', 'torchair_like', 'static', _EQ),
    ('squeeze_slots_plain', 'torchair_like', 'batch', _EQ),
    ('squeeze_slots_expand_first', 'torchair_like', 'static', _R),
    ('squeeze_slots_expand_first', 'torchair_like', 'batch', _R),
    ('squeeze_slots_expand_first_sel_last', 'torchair_like', 'static', _R),
    ('squeeze_slots_expand_first_sel_last', 'torchair_like', 'batch', _R),
    ('squeeze_slots_gather_expanded_table', 'torchair_like', 'static', _R),
    ('squeeze_slots_gather_expanded_table', 'torchair_like', 'batch', _R),
    ('squeeze_slots_gather_expanded_column', 'torchair_like', 'static', _R),
    ('squeeze_slots_gather_expanded_column', 'torchair_like', 'batch', _R),
    ('squeeze_slots_stack_select', 'torchair_like', 'static', _R),
    ('squeeze_slots_stack_select', 'torchair_like', 'batch', _R),
    ('latent_head0_of_3d', 'torchair_like', 'static', _R),
    ('latent_head0_of_3d', 'torchair_like', 'batch', _R),
    ('latent_head0_of_3d', 'torchair_like', 'dynamic', _R),
    ('latent_clone', 'torchair_like', 'static', _R),
    ('latent_clone', 'torchair_like', 'batch', _R),
    ('latent_clone', 'torchair_like', 'dynamic', _R),
    ('latent_index_copy', 'torchair_like', 'static', _R),
    ('latent_index_copy', 'torchair_like', 'batch', _R),
    ('latent_transposed', 'torchair_like', 'static', _R),
    ('concat_v_half', 'torchair_like', 'static', _EQ),
    ('concat_v_half', 'torchair_like', 'batch', _EQ),
    ('concat_v_half', 'torchair_like', 'dynamic', _R),
    ('concat_offset_part', 'torchair_like', 'static', _EQ),
    ('concat_noncontig_part', 'torchair_like', 'static', _EF),
    ('req_neg_pad', 'torchair_like', 'static', _EQ),
    ('req_neg_pad', 'torchair_like', 'batch', _EQ),
    ('req_neg_pad', 'torchair_like', 'dynamic', _EQ),
    ('req_int32', 'torchair_like', 'static', _EQ),
    ('req_int32', 'torchair_like', 'batch', _EQ),
    ('req_int32', 'torchair_like', 'dynamic', _EQ),
    ('req_minus_M', 'torchair_like', 'static', _EQ),
    ('req_minus_M', 'torchair_like', 'batch', _EQ),
    ('req_minus_M', 'torchair_like', 'dynamic', _EQ),
    ('latent1_select', 'torchair_like', 'static', _EQ),
    ('latent1_select', 'torchair_like', 'batch', _EQ),
    ('latent1_select', 'torchair_like', 'dynamic', _EQ),
    ('latent1_squeeze', 'torchair_like', 'static', _EQ),
    ('latent1_squeeze', 'torchair_like', 'batch', _EQ),
    ('latent1_squeeze', 'torchair_like', 'dynamic', _EQ),
    ('latent1_index_copy_m2', 'torchair_like', 'static', _EQ),
    ('latent1_index_copy_m2', 'torchair_like', 'batch', _EQ),
    ('latent1_index_copy_m2', 'torchair_like', 'dynamic', _EQ),
    ('latent1_kept_shifted_col', 'torchair_like', 'static', _R),
    ('latent1_kept_shifted_col', 'torchair_like', 'batch', _R),
    ('latent1_kept_shifted_col', 'torchair_like', 'dynamic', _R),
    ('latent1_kept_other_rows', 'torchair_like', 'static', _R),
    ('latent1_kept_other_rows', 'torchair_like', 'batch', _R),
    ('latent1_kept_other_rows', 'torchair_like', 'dynamic', _R),
    ('alias_cache_in_kv_tail', 'torchair_like', 'static', _EQ),
    ('alias_cache_in_kv_tail', 'torchair_like', 'batch', _EQ),
    ('alias_cache_is_flat_kv', 'torchair_like', 'static', _EQ),
    ('alias_cache_is_flat_kv', 'torchair_like', 'batch', _EQ),
    ('ragged_control', 'torchair_like', 'static', _EQ),
    ('ragged_control', 'torchair_like', 'batch', _EQ),
    ('ragged_control', 'torchair_like', 'dynamic', _EQ),
    ('ragged_one_start', 'torchair_like', 'static', _R),
    ('ragged_one_start', 'torchair_like', 'batch', _R),
    ('ragged_starts_plus_one', 'torchair_like', 'static', _EF),
    ('ragged_starts_plus_one', 'torchair_like', 'dynamic', _EF),
    ('ragged_negative_starts', 'torchair_like', 'static', _EQ),
    ('ragged_negative_starts', 'torchair_like', 'batch', _EQ),
    ('ragged_negative_starts', 'torchair_like', 'dynamic', _EQ),
    ('ragged_j_flipped', 'torchair_like', 'static', _R),
    ('ragged_j_of_other_row', 'torchair_like', 'static', _R),
    ('ragged_j_of_other_row', 'torchair_like', 'batch', _R),
    ('ragged_starts_rolled', 'torchair_like', 'static', _EQ),
    ('ragged_starts_rolled', 'torchair_like', 'batch', _R),
    ('ragged_starts_rolled', 'torchair_like', 'dynamic', _R),
    ('alias_cache_in_weight', 'torchair_like', 'static', _EQ),
    ('alias_cache_in_weight', 'inductor', 'static', _EQ),
    ('alias_cache_in_kv_tail', 'inductor', 'static', _FF),
    ('alias_cache_in_kv_tail', 'inductor', 'batch', _FF),
    ('ragged_one_start', 'inductor', 'static', _CR),
    ('ragged_one_start', 'inductor', 'batch', _CR),
    ('flat_clamp_tensor_max', 'torchair', 'static', _CD),
    ('flat_arange_negative_step', 'torchair', 'static', _CD),
    ('flat_arange_negative_step_rev', 'torchair', 'static', _EQ),
    ('flat_arange_neg_step_minus_b', 'torchair', 'static', _CCT),
    ('flat_clamp_tensor_max_index_copy', 'torchair', 'static', _CD),
    ('flat_arange_negative_step_index_copy', 'torchair', 'static', _CD),
    ('flat_arange_neg_step_minus_b_index_copy', 'torchair', 'static', _EF),
    ('ragged_one_start', 'torchair', 'static', _R),
    ('ragged_one_start', 'torchair', 'batch', _R),
    ('alias_cache_is_flat_kv', 'inductor', 'static', _FF),
    ('alias_cache_is_flat_kv', 'inductor', 'batch', _FF),
    ('hier_step2_reads_step1_cache', 'inductor_graph', 'static', _EQ),
    ('hier_step2_reads_step1_cache', 'inductor_graph', 'batch', _EQ),
    ('hier_step2_reads_step1_cache', 'inductor_graph', 'dynamic', _EQ),
    ('hier_step2_writes_where_it_reads', 'inductor_graph', 'static', _EQ),
    ('hier_step2_writes_where_it_reads', 'inductor_graph', 'batch', _EQ),
    ('hier_step2_reads_step1_cache', 'torchair_like', 'static', _EQ),
    ('hier_step2_reads_step1_cache', 'torchair_like', 'batch', _EQ),
    ('hier_step2_reads_step1_cache', 'torchair_like', 'dynamic', _EQ),
    ('hier_step2_writes_where_it_reads', 'torchair_like', 'static', _EQ),
    ('hier_step2_writes_where_it_reads', 'torchair_like', 'batch', _EQ),
]
if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
