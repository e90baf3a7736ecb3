"""Eighth adversarial review of the recogniser (issue 18, "a fresh adversarial review finds no false fusion").

White-box attacks that neither issue 18's classes (``tests/corpora/attacks.py``) nor the second to seventh reviews
(``redteam2.py`` .. ``redteam7.py``) have, aimed first at the code new since round 7 (0b07964..ab3f735): R5's
``_shifts_an_input`` / ``_an_input_untiled``, R3's walk through ``_ELEMENTWISE`` ops between reshapes,
``_copies_per_bmm_batch``, the bit-op rewrites, the page-id clamp at ``kv.shape[0] - 1``, ``pool_tables``, the fresh
copies as casts, the lazy-reads rule of ``reinplace_clones``, the shared heads / width symbol, FlashInfer's HND view.
Same format as redteam7: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; the runner and classification are redteam7's ``classify7`` (redteam2 / 5 / 6's REFUSED / FUSED &
EQUAL / FALSE FUSION / CONTROL DIFFERS / CRASH with the NSA_FUSION_DISABLE=1 control, "REFUSED, PASS CHANGES
NUMBERS"), imported, not copied.

    python tests/corpora/redteam8.py [--dialect D] [--mode M] [name ...]      # names match as substrings
        D: inductor_graph | torchair_like | vllm_post | inductor | torchair
    python tests/corpora/redteam8.py --table OUT.md [--dialect D ...] [name ...]   # markdown: first try vs now

First try (09:33-10:25 UTC, snapshot of commit ab3f735 extracted to /tmp/base8, PYTHONPATH=/tmp/base8, no fixer
changes in it): 96 attacks in 12 themes, 243 runs (inductor_graph 103, torchair_like 103, vllm_post 4, inductor
codegen 20 confirmations, real torchair 13).  By attack (worst result over the graph dialects): 24 FALSE FUSION,
4 CRASH, 2 CONTROL CRASHES TOO (an identity permute spelled ``permute(*range(t.dim()))``: dynamo fails with or
without the pass), 1 EAGER FAILS (the attack's own out-of-range index), 28 FUSED & EQUAL at best, 37 REFUSED only.
By run: inductor_graph 21 false fusion / 4 crash / 33 equal / 42 refused / 2 control crashes / 1 eager fails;
torchair_like 24 false fusion / 4 crash / 32 equal / 40 refused / 2 control crashes / 1 eager fails; vllm_post 4
equal; inductor (real codegen) 12 false fusion / 5 equal / 3 refused (the three torchair-graph-only L2 spellings;
table_pages_lead_expand_shift1x20_dyn ran past 600 s in codegen and is not counted); real torchair 4 control
differs (GE cannot convert the unfused models -- the contract's index_put -- so the control fails to compile; with
the pass they compile and differ from eager: L1 / L2), 2 control crashes too (L3: IndexError with the pass,
BackendCompilerFailed without), 7 equal.  Three classes, written up in /work/briefs/redteam8_findings.md:

* L1 ``sizes._an_input_untiled`` (R5's "+-1 offset of an input through views"): its expand test compares src and dst
  dims right-aligned, so the dims an expand ADDS (``x.expand(2, *x.shape)``, ``broadcast_to``, ``expand_as`` of a
  larger tensor, ``expand(1, 2, ..)[0]``) are never looked at; ``.movedim(0, d).reshape(.., 2n, ..)`` is a tiling R1 /
  R2 / R3 do not see, and ``narrow(d, 1, n)`` of it passes as "a shift by 1 of an input": six shift heads by 6 mod N
  (identity at N = 2, 3), twenty shift the table's pages by 20 mod pages (identity at 4, 5).  False fusions on the
  weight's heads (6 spellings), the whole cache's heads before ``[slots]``, the paged KV's heads, the table's pages;
  both graph dialects, confirmed with Inductor codegen.  Fix: an added dim of size != 1 is a tiling.
* L2 ``sizes._regrouping_reshape`` (R3): the walk back from the split ``c n -> (n, c)`` follows ``_RESHAPE_CHAIN`` and
  ``_ELEMENTWISE`` ops along operands of the op's own shape only; any other value-keeping op between the merge
  ``(c, n) -> c n`` and the split (``flip(0).flip(0)``, a same-shape ``expand``, a contiguous ``as_strided``,
  ``unsqueeze(0).select(0, 0)``, ``masked_fill`` with a broadcast or 0-dim mask, and in torchair's graph two
  transposes) ends it, and each half alone is no regrouping: element j reads c j mod n (heads 7 j mod N, pages 21 j
  mod pages, head dim 273 j mod D: the identity at the two probed sizes).  False fusions on the weight, new rows,
  kept rows, the whole cache, the table, the head dim D; both dialects, Inductor codegen.  Fix: walk through every
  shape-keeping op (and permutes, tracking the permutation), else refuse a split of a symbolic group.
* L3 ``pool_tables.expose`` (a CRASH): every read ``T[f(r), J]`` of a 2-D int input by a [B] int input is rerouted
  through ``T[r]`` (all B rows), also where ``f`` is a slice that drops entries (``T[r[:1], 0]``); ``restore`` puts the
  user's read back only where it is still in the graph, and after a fusion ``_finish``'s dead-code elimination has
  erased it.  Pool indices eager never reads (padding ``-10**6``) then raise IndexError in inductor_graph,
  torchair_like and real torchair (run_eagerly); Inductor codegen computes ``T[r][i]`` as ``T[r[i]]`` and survives
  (equal).  Fix: no slices in ``_MOVES`` (f keeps every entry of r), or restore before the dead-code elimination.

Not found (equal or refused in every dialect run): clamps at ``kv.shape[0] - 1`` read outside the window (the
condition, a factor of the new rows: refused for other reasons), the bit-op rewrites (``<<``, disjoint ``|``,
overlapping masks, a negative multiplier, int16 / int32 wraps: equal or refused), ``_copies_per_bmm_batch`` (a
slice of the tiling, heads-major pairing, other reshapes of the bmm, a tiling by leading expand: refused or equal),
kept rows through ``arange(N)`` (flipped, shifted: refused; ``arange(pages)`` with N == pages: equal), fresh copies as
casts (a transposed stage, a zeros stage, a partial second copy, bf16 double rounding, int truncation: equal or
refused), FlashInfer HND (three permutes, rolled heads, N == P read as NHD, an HND append: equal or refused), the
shared heads / width symbol (refused or equal), four more early readers of the old cache (graph dialects and
vllm_post: equal), the leading-expand tiling on computed tensors (tokens, new rows, cache[s]: R5's walk ends at the
gather, refused).  A miss seen on the way: ``hnd_square_contract`` (HND with N == P) is refused ("not the last l
tokens"): the shape test takes [nb, N, P, D] with N == P for NHD.

Re-checked on the live tree (HEAD e3c3992, 10:30 UTC, with other agents' uncommitted edits): one representative of
each class still fails the same way in inductor_graph and torchair_like (weight_heads_lead_expand_shift1x6_dyn and
weight_heads_regroup7_flip_flip_dyn FALSE FUSION, pool_read_head_slice_beside_step CRASH).

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

from tests.corpora.attacks import (L, build, completes, contract, pool, positions, tokens,  # noqa: E402
                                   write)
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam5 import _kept_rolled, _new, _rolled  # noqa: E402
from tests.corpora.redteam7 import _heads_grow, _pages_grow, classify7  # noqa: E402


# --- 1. R5 (sizes._an_input_untiled): a tiling by an expand that ADDS leading dims -----------------------------------
# _an_input_untiled refuses an expand only where it "enlarges a size-1 dim", comparing src and dst dims right-aligned
# (zip(src, dst[len(dst) - len(src):])): the dims an expand adds in front are never compared.  x.expand(2, *x.shape)
# is a [2, ...] copy of x (a tiling once merged into a dim), no repeat, no cat, no unsqueeze; R1 / R2 / R3 do not see it
# ((2, n) -> 2n merges only), so narrow(dim, 1, n) of it is a shift by 1 mod n of "an input through views", and six
# of them shift by 6 mod n: the identity at N = 2 and 3 (the compiled heads and the generalization's one larger).
def _lead_tile(x, dim, how="movedim"):
    n, shape = x.shape[dim], list(x.shape)
    if how == "movedim":
        t = x.expand(2, *shape).movedim(0, dim)
    elif how == "broadcast_to":
        t = torch.broadcast_to(x, (2, *shape)).movedim(0, dim)
    elif how == "expand_as":
        t = x.expand_as(torch.empty((2, *shape), dtype=x.dtype)).movedim(0, dim)
    elif how == "minus1":
        t = x.expand(2, *[-1] * len(shape)).transpose(0, dim).transpose(1, dim) if dim == 1 else \
            x.expand(2, *[-1] * len(shape)).movedim(0, dim)
    elif how == "two_dims":
        t = x.expand(1, 2, *shape)[0].movedim(0, dim)
    else:
        raise ValueError(how)
    return t.reshape(*shape[:dim], 2 * n, *shape[dim + 1:])


def _lead_shift(x, dim, times=6, how="movedim", cut="narrow"):
    for _ in range(times):
        n = x.shape[dim]
        t = _lead_tile(x, dim, how)
        if cut == "narrow":
            x = t.narrow(dim, 1, n)
        elif cut == "slice":
            idx = [slice(None)] * x.dim()
            idx[dim] = slice(1, 1 + n)
            x = t[tuple(idx)]
        elif cut == "split":
            x = torch.split(t, [1, n, n - 1], dim)[1]
        else:
            raise ValueError(cut)
    return x


def _w_shift(**kw):
    return _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _lead_shift(w, 1, **kw)))


def _table_lead_shift(times=20, **kw):
    def step(kv, w, slots, table, lens, cache):
        return contract(kv, w, slots, _lead_shift(table, 1, times, **kw), lens, cache)
    return step


f_tokens_heads_lead = _rolled(lambda kv, w, t, s: pool(_lead_shift(tokens(kv, t, positions(s)), 2), w))
f_new_heads_lead = _rolled(lambda kv, w, t, s: _lead_shift(_new(kv, w, t, s), 1))
k_kept_heads_lead = _kept_rolled(lambda c, s: _lead_shift(c[s], 1))
k_cache_heads_lead = _kept_rolled(lambda c, s: _lead_shift(c, 1)[s])
f_kv_heads_lead = _rolled(lambda kv, w, t, s: pool(tokens(_lead_shift(kv, 2), t, positions(s)), w))
f_tokens_fp32_heads_lead = _rolled(lambda kv, w, t, s: pool(_lead_shift(tokens(kv, t, positions(s)).float(), 2), w))

ATTACKS = [
    ("weight_heads_lead_expand_shift1x6_dyn", _mk(_w_shift(), _heads_grow, ("dynamic",)),
     "w.expand(2, l, N).movedim(0, 1).reshape(l, 2N).narrow(1, 1, N) six times: 6 mod N "
     "(R5 never compares added dims)"),
    ("weight_heads_lead_expand_slice_dyn", _mk(_w_shift(cut="slice"), _heads_grow, ("dynamic",)),
     "the same tiling cut by [:, 1:1 + N]"),
    ("weight_heads_lead_expand_split_dyn", _mk(_w_shift(cut="split"), _heads_grow, ("dynamic",)),
     "the same tiling cut by split([1, N, N - 1])[1]"),
    ("weight_heads_broadcast_to_shift1x6_dyn", _mk(_w_shift(how="broadcast_to"), _heads_grow, ("dynamic",)),
     "torch.broadcast_to(w, (2, l, N)) as the tiling"),
    ("weight_heads_expand_as_shift1x6_dyn", _mk(_w_shift(how="expand_as"), _heads_grow, ("dynamic",)),
     "w.expand_as(empty(2, l, N)) as the tiling"),
    ("weight_heads_expand_minus1_shift1x6_dyn", _mk(_w_shift(how="minus1"), _heads_grow, ("dynamic",)),
     "w.expand(2, -1, -1) and two transposes as the tiling"),
    ("weight_heads_expand_two_dims_shift1x6_dyn", _mk(_w_shift(how="two_dims"), _heads_grow, ("dynamic",)),
     "w.expand(1, 2, l, N)[0]: two dims added, one selected away"),
    ("tokens_heads_lead_expand_shift1x6_dyn", _mk(f_tokens_heads_lead, _heads_grow, ("dynamic",)),
     "the gathered tokens' heads through the leading-expand tiling, shifted six times"),
    ("tokens_fp32_heads_lead_expand_dyn", _mk(f_tokens_fp32_heads_lead, _heads_grow, ("dynamic",)),
     "the fp32 tokens' heads (after the cast) through the leading-expand tiling"),
    ("new_heads_lead_expand_shift1x6_dyn", _mk(f_new_heads_lead, _heads_grow, ("dynamic",)),
     "the fp32 new rows' heads through the leading-expand tiling"),
    ("kept_heads_lead_expand_shift1x6_dyn", _mk(k_kept_heads_lead, _heads_grow, ("dynamic",)),
     "the kept rows' heads (cache[s]) through the leading-expand tiling"),
    ("cache_heads_lead_expand_shift1x6_dyn", _mk(k_cache_heads_lead, _heads_grow, ("dynamic",)),
     "the whole cache's heads through the tiling, then [s] (the kept rows)"),
    ("kv_heads_lead_expand_shift1x6_dyn", _mk(f_kv_heads_lead, _heads_grow, ("dynamic",)),
     "the paged KV's heads through the tiling before the gather"),
    ("table_pages_lead_expand_shift1x20_dyn", _mk(_table_lead_shift(), _pages_grow, ("dynamic",)),
     "block table pages through the leading-expand tiling, 20 shifts (identity at 4 and 5 pages, shift 4 at 8)"),
    ("table_pages_lead_expand_slice_x20_dyn", _mk(_table_lead_shift(cut="slice"), _pages_grow, ("dynamic",)),
     "block table pages, tiling cut by slices"),
]


# --- 2. R3 (sizes._regrouping_reshape): the reshape chain broken by an op the walk does not follow -------------------
# R3 follows reshapes and _ELEMENTWISE ops (casts, add, mul, where, clamp, ...) back from the last reshape.  Any other
# value-keeping op between the merge (7, N) -> 7N and the split 7N -> (N, 7) ends the walk there, and each half alone
# merges or splits one group only: (7j) mod N read as head j, the identity at N = 2, 3.
_BREAKS = {
    "fmax": lambda t: torch.fmax(t, t),
    "fmin": lambda t: torch.fmin(t, t),
    "masked_fill_none": lambda t: t.masked_fill(torch.zeros((), dtype=torch.bool), 0),
    "copysign_self": lambda t: torch.copysign(t, t),
    "transpose_twice": lambda t: t.transpose(0, 1).transpose(0, 1),
    "permute_identity": lambda t: t.permute(*range(t.dim())),
    "flip_flip": lambda t: t.flip(0).flip(0),
    "narrow_full": lambda t: t.narrow(-1, 0, t.shape[-1]),
    "as_strided_contig": lambda t: t.as_strided(t.shape, t.stride()),
    "or_zero": lambda t: t | 0,
    "xor_zero": lambda t: t ^ 0,
    "floordiv_one": lambda t: torch.div(t, 1, rounding_mode="floor"),
    "expand_same": lambda t: t.expand(*t.shape),
    "pos": lambda t: torch.positive(t),
    "unsqueeze_select": lambda t: t.unsqueeze(0).select(0, 0),
    "bcast_masked_fill": lambda t: t.masked_fill(torch.zeros((2,) + (1,) * t.dim(), dtype=torch.bool), 0)[1],
    "bcast_mul_one": lambda t: (t * torch.ones((2,) + (1,) * t.dim(), dtype=t.dtype))[1],
}


def _regroup(x, dim, brk, c=7):
    """x's dim (size n) read at c j mod n: tiled c times (unsqueeze + expand), merged (c, n) -> cn, BROKEN, split
    cn -> (n, c), index 0 of the c's."""
    shape, n = list(x.shape), x.shape[dim]
    t = x.unsqueeze(dim).expand(*shape[:dim], c, *shape[dim:]).reshape(*shape[:dim], c * n, *shape[dim + 1:])
    t = _BREAKS[brk](t)
    return t.reshape(*shape[:dim], n, c, *shape[dim + 1:]).select(dim + 1, 0)


def _w_regroup(brk):
    return _rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)), _regroup(w, 1, brk)))


def _table_regroup(brk):
    def step(kv, w, slots, table, lens, cache):
        return contract(kv, w, slots, _regroup(table, 1, brk, c=21), lens, cache)
    return step


for _b in ("fmax", "fmin", "masked_fill_none", "copysign_self", "transpose_twice", "permute_identity", "flip_flip",
           "narrow_full", "as_strided_contig", "expand_same", "pos"):
    ATTACKS.append((f"weight_heads_regroup7_{_b}_dyn", _mk(_w_regroup(_b), _heads_grow, ("dynamic",)),
                    f"R3: w tiled 7x, merged (7, N) -> 7N, {_b}, split 7N -> (N, 7)[.., 0]: head 7j mod N"))
for _b in ("unsqueeze_select", "bcast_masked_fill", "bcast_mul_one"):
    ATTACKS.append((f"weight_heads_regroup7_{_b}_dyn", _mk(_w_regroup(_b), _heads_grow, ("dynamic",)),
                    f"R3: the (7, N) -> 7N -> (N, 7) chain broken by {_b} (an operand of another shape: not followed)"))
for _b in ("or_zero", "xor_zero", "floordiv_one", "fmax"):
    ATTACKS.append((f"table_pages_regroup21_{_b}_dyn", _mk(_table_regroup(_b), _pages_grow, ("dynamic",)),
                    f"R3 on the table's pages: (21, pages) -> 21 pages, {_b}, -> (pages, 21)[.., 0]: "
                    "page 21j mod pages "
                    "(identity at 4 and 5, not at 8)"))
ATTACKS += [
    ("new_heads_regroup7_fmax_dyn", _mk(_rolled(lambda kv, w, t, s: _regroup(_new(kv, w, t, s), 1, "fmax")),
                                        _heads_grow, ("dynamic",)),
     "R3 on the new rows' heads, broken by fmax"),
    ("kept_heads_regroup7_transpose_dyn", _mk(_kept_rolled(lambda c, s: _regroup(c[s], 1, "transpose_twice")),
                                              _heads_grow, ("dynamic",)),
     "R3 on the kept rows' heads, broken by two transposes"),
    ("tokens_heads_regroup7_permute_dyn", _mk(_rolled(lambda kv, w, t, s: pool(
        _regroup(tokens(kv, t, positions(s)), 2, "permute_identity"), w)), _heads_grow, ("dynamic",)),
     "R3 on the gathered tokens' heads, broken by an identity permute"),
]


# --- 3. pool_tables.expose: T[f(r), J] rerouted through T[r] (all B rows) stays where a step fused ------------------
# expose() rewrites EVERY read index(T, [f(r), J]) of a 2-D int graph input T by a [B] int graph input r (f views,
# slices, expands) into T[r][f(arange(B)), J], "out-of-range pool indices raise in both".  Not where f drops entries
# (a slice): T[r] reads all B rows.  restore() puts the user's read back only where it is still in the graph; after a
# fusion, _finish's dead-code elimination has removed it, so a read beside a fused step raises IndexError at run time
# on pool indices the eager model never reads.
def _pool_inputs(bad=-(10 ** 6), R=6):
    def make():
        xs = []
        for B, seed in ((40, 0), (40, 1)):
            a = list(build(B=B, seed=seed).args)
            pool_t = torch.arange(R * 3, dtype=torch.int32).view(R, 3)
            r = torch.full((B,), bad, dtype=torch.int32)
            r[0], r[1] = 2, 4  # the rows eager reads; the rest is padding nobody reads
            xs.append(a + [pool_t, r])
        return xs
    return make


def _with_pool_read(read):
    def step(kv, w, slots, table, lens, cache, pool_t, r):
        return contract(kv, w, slots, table, lens, cache), read(pool_t, r)
    return step


ATTACKS += [
    ("pool_read_head_slice_beside_step", _mk(_with_pool_read(lambda T, r: T[r[:1].long(),
                                                                          torch.zeros(1, dtype=torch.long)]),
                                             _pool_inputs()),
     "a fused step + T[r[:1], 0] returned: rerouted to T[r][arange(B)[:1], 0], which reads T at every r[b]"),
    ("pool_read_two_rows_beside_step", _mk(_with_pool_read(lambda T, r: T[r[:2].long()[:, None],
                                                                          torch.arange(3)[None, :]]),
                                           _pool_inputs()),
     "a fused step + T[r[:2, None], arange(3)] (two pool rows read, the others padding)"),
    ("pool_read_head_slice_no_step", _mk(lambda kv, w, slots, table, lens, cache, T, r:
                                         (cache * 1, T[r[:1].long(), torch.zeros(1, dtype=torch.long)]),
                                         _pool_inputs()),
     "control: the same read with no step (restored: eager's read)"),
    ("pool_read_head_slice_batch", _mk(_with_pool_read(lambda T, r: T[r[:1].long(), torch.zeros(1, dtype=torch.long)]),
                                       _pool_inputs(), ("batch",)),
     "pool_read_head_slice_beside_step under mark_dynamic"),
    ("pool_read_wrapping_padding", _mk(_with_pool_read(lambda T, r: T[r[:1].long(), torch.zeros(1, dtype=torch.long)]),
                                       _pool_inputs(bad=-3)),
     "control: padding pool indices -3 (in range Python-style): the rerouted read is the same"),
]


# --- 4. page-id clamps at kv.shape[0] - 1 (exactness._clamps_to_the_blocks) --------------------------------------
# Accepted as the identity on "valid page ids" -- but valid input bounds only the entries of windows that are READ;
# entries of other pages may hold anything (page id -1 padding).  A clamped table read elsewhere (the condition, a
# page count) sees the clamp change those entries.
def _padded_table(B=8, seed=0, **kw):
    a = list(build(B=B, seed=seed, specials=False, **kw).args)
    table, lens, P = a[3], a[4], a[0].shape[1]
    for b in range(table.shape[0]):
        used = (int(lens[b]) + P - 1) // P
        table[b, used:] = -1  # pages past the length: padding (no window reads them)
    return a


def _clamp_inputs():
    return [_padded_table(), _padded_table(seed=2, block_num=50)]


def s_clamped_table_in_condition(kv, w, slots, table, lens, cache):
    """valid &= all(clamp(table, 0, nb - 1) == table): false where a row has padding pages (unread)."""
    ok = (table.clamp(0, kv.shape[0] - 1) == table).all(1)
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_clamped_last_page_in_condition(kv, w, slots, table, lens, cache):
    """valid &= clamp_max(table[:, -1], nb - 1) >= 0: false where the last page is -1 (an unread page)."""
    ok = table[:, -1].clamp(max=kv.shape[0] - 1) >= 0
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_clamped_table_min0_condition(kv, w, slots, table, lens, cache):
    """valid &= clamp(table, 0, nb - 1).min(1) == table.min(1)."""
    ok = table.clamp(0, kv.shape[0] - 1).amin(1) == table.amin(1)
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_clamped_table_page_sum_new(kv, w, slots, table, lens, cache):
    """new rows scaled by (clamp(table[:, -1], 0, nb - 1) == table[:, -1]) (1 or 0)."""
    same = (table[:, -1].clamp(0, kv.shape[0] - 1) == table[:, -1]).float()
    return write(cache, slots, completes(lens), _new(kv, w, table, lens) * same[:, None, None])


def s_clamped_read_window(kv, w, slots, table, lens, cache):
    """control: the window read through clamp(table, 0, nb - 1) (identity on read entries)."""
    return contract(kv, w, slots, table.clamp(0, kv.shape[0] - 1), lens, cache)


ATTACKS += [
    ("clamped_table_all_in_condition_dyn", _mk(s_clamped_table_in_condition, _clamp_inputs, ("dynamic", "static")),
     "all(clamp(table, 0, nb - 1) == table) in the condition; unread pages hold -1"),
    ("clamped_last_page_in_condition_dyn", _mk(s_clamped_last_page_in_condition, _clamp_inputs, ("dynamic",)),
     "clamp_max(table[:, -1], nb - 1) >= 0 in the condition"),
    ("clamped_table_min_in_condition_dyn", _mk(s_clamped_table_min0_condition, _clamp_inputs, ("dynamic",)),
     "amin(clamp(table, 0, nb - 1)) == amin(table) in the condition"),
    ("clamped_last_page_scales_new_dyn", _mk(s_clamped_table_page_sum_new, _clamp_inputs, ("dynamic",)),
     "new rows times (clamp(table[:, -1]) == table[:, -1])"),
    ("clamped_read_window_dyn", _mk(s_clamped_read_window, _clamp_inputs, ("dynamic",)),
     "control: the window's page ids through clamp(0, nb - 1), unread pages -1"),
]


# --- 5. integer spellings (integer_ops_as_arithmetic): <<, disjoint |, and a wrapping << ----------------------------
def _flat_token_index(kv, table, lens, spell):
    P = kv.shape[1]
    pos = positions(lens)
    page = table.long().gather(1, pos // P)
    off = pos % P
    if spell == "shl_or":
        idx = (page << 6) | (pos & 63)
    elif spell == "mul_or":
        idx = (page * 64) | (pos & 63)
    elif spell == "shl_or_wide_mask":
        idx = (page << 6) | (pos & 127)
    elif spell == "shl_add":
        idx = (page << 6) + off
    elif spell == "shl5_or63":
        idx = (page << 5) | (pos & 63)
    elif spell == "mul192_or":
        idx = (page * 192) | (pos & 63)
    else:
        raise ValueError(spell)
    return idx


def _flat_pool_step(spell):
    def step(kv, w, slots, table, lens, cache):
        N, D = kv.shape[2], kv.shape[3]
        tok = kv.reshape(-1, N, D)[_flat_token_index(kv, table, lens, spell)]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def s_shl_wraps_in_condition(kv, w, slots, table, lens, cache):
    """(lens << 24) >> 24 == lens in int32: false from 128 on (sign extension after the wrap)."""
    ok = ((lens << 24) >> 24) == lens
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_shl_or_condition(kv, w, slots, table, lens, cache):
    """((lens >> 4) << 4 | (lens & 15)) == lens: always true (equal)."""
    ok = (((lens >> 4) << 4) | (lens & 15)) == lens
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_shl_or_overlap_condition(kv, w, slots, table, lens, cache):
    """((lens >> 4) << 4 | (lens & 31)) == lens: false where bit 4 is set and (lens >> 4) << 4 has it too... equal
    (an or of overlapping bits is still lens); with + instead it would differ."""
    ok = (((lens >> 4) << 4) | (lens & 31)) == lens
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_shl_plus_overlap_condition(kv, w, slots, table, lens, cache):
    """((lens >> 4) << 4) + (lens & 31) == lens: false where bit 4 of lens is set."""
    ok = (((lens >> 4) << 4) + (lens & 31)) == lens
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_or_negative_mul(kv, w, slots, table, lens, cache):
    """(lens * -16) | (lens & 15) as a test value: -16 is 0 mod 16, disjoint: equal to the sum."""
    ok = ((lens * -16) | (lens & 15)) <= 15
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


def s_or_int16_wrap(kv, w, slots, table, lens, cache):
    """int16: (lens * 256) | (lens & 255) wraps past 127 * 256 -- disjoint, the sum wraps alike; the condition
    (.. >= 0) is false from 128 on."""
    l16 = lens.to(torch.int16)
    ok = ((l16 * 256) | (l16 & 255)) >= 0
    return write(cache, slots, completes(lens) & ok, _new(kv, w, table, lens))


ATTACKS += [
    ("flat_pool_shl_or", _mk(_flat_pool_step("shl_or"), lambda: [build(), build(B=12, seed=3)], ("static", "batch")),
     "control: flat pool token index (page << 6) | (pos & 63) (P = 64)"),
    ("flat_pool_mul_or", _mk(_flat_pool_step("mul_or"), lambda: [build()]),
     "control: (page * 64) | (pos & 63)"),
    ("flat_pool_shl_or_wide_mask", _mk(_flat_pool_step("shl_or_wide_mask"), lambda: [build()]),
     "(page << 6) | (pos & 127): bit 6 in both (not the sum: reads other tokens)"),
    ("flat_pool_shl5_or63", _mk(_flat_pool_step("shl5_or63"), lambda: [build()]),
     "(page << 5) | (pos & 63): bit 5 in both"),
    ("flat_pool_mul192_or", _mk(_flat_pool_step("mul192_or"), lambda: [build()]),
     "(page * 192) | (pos & 63): disjoint (192 = 3 * 64) but another token (a wrong pool stride)"),
    ("shl24_wraps_in_condition", _mk(s_shl_wraps_in_condition, lambda: [build()], ("static", "batch")),
     "(lens << 24) >> 24 == lens in int32: wraps, false from 128 on"),
    ("shl_or_in_condition", _mk(s_shl_or_condition, lambda: [build()]),
     "control: ((lens >> 4) << 4 | lens & 15) == lens"),
    ("shl_or_overlap_condition", _mk(s_shl_or_overlap_condition, lambda: [build()]),
     "((lens >> 4) << 4 | lens & 31) == lens: overlapping, still lens (or, not sum)"),
    ("shl_plus_overlap_condition", _mk(s_shl_plus_overlap_condition, lambda: [build()]),
     "((lens >> 4) << 4) + (lens & 31) == lens: false where bit 4 is set"),
    ("or_negative_mul_condition", _mk(s_or_negative_mul, lambda: [build()]),
     "(lens * -16) | (lens & 15) <= 15"),
    ("or_int16_wrap_condition", _mk(s_or_int16_wrap, lambda: [build()]),
     "int16 (lens * 256) | (lens & 255) >= 0: wraps from 128 on"),
]


# --- 6. R1's exception _copies_per_bmm_batch (a weight tiled per bmm batch) -----------------------------------------
def _bmm_pool(kv, w, table, lens, rep_of, out_of=None, left=False):
    """tokens [B, l, N, D] -> [B * N, D, l] (batch-major) bmm [B * N, l, 1] (w tiled per batch) -> [B, N, D]."""
    tok = tokens(kv, table, positions(lens)).float()
    B, l, N, D = tok.shape
    x = tok.permute(0, 2, 3, 1).reshape(B * N, D, l)
    wt = rep_of(w.float().t().unsqueeze(-1), B)  # [N * B, l, 1]
    out = torch.bmm(wt.transpose(1, 2), x.transpose(1, 2)).transpose(1, 2) if left else torch.bmm(x, wt)
    return (out_of or (lambda o: o.view(B, N, D)))(out)


def _bmm_step(rep_of, out_of=None, left=False):
    def step(kv, w, slots, table, lens, cache):
        return write(cache, slots, completes(lens), _bmm_pool(kv, w, table, lens, rep_of, out_of, left))
    return step


def _bmm_heads_major(kv, w, table, lens):
    """tokens heads-major [N * B, D, l] against w tiled per batch: bmm batch i = h B + b pairs w[(hB + b) mod N]."""
    tok = tokens(kv, table, positions(lens)).float()
    B, l, N, D = tok.shape
    x = tok.permute(2, 0, 3, 1).reshape(N * B, D, l)
    out = torch.bmm(x, w.float().t().unsqueeze(-1).repeat(B, 1, 1))  # [N * B, D, 1]
    return out.view(N, B, D).transpose(0, 1)


_bmm_batches = lambda: [build(B=8, specials=False), build(B=12, seed=3, specials=False),  # noqa: E731
                        build(B=7, seed=5, specials=False)]

ATTACKS += [
    ("bmm_repeat_batch_control", _mk(_bmm_step(lambda wt, B: wt.repeat(B, 1, 1)), _bmm_batches, ("static", "batch")),
     "control: bmm(x, w.repeat(B, 1, 1)).view(B, N, D) (the exception's shape)"),
    ("bmm_repeat_2B_view_2B", _mk(_bmm_step(lambda wt, B: wt.repeat(2 * B, 1, 1)[:wt.shape[0] * B]),
                                  _bmm_batches, ("batch",)),
     "w.repeat(2B, 1, 1)[:N B] (a slice of the tiling, not a view keeping dim 0)"),
    ("bmm_repeat_heads_major", _mk(lambda kv, w, sl, t, s, c: write(c, sl, completes(s), _bmm_heads_major(kv, w, t, s)),
                                   _bmm_batches, ("batch",)),
     "tokens heads-major against w tiled per batch: pairs w[(hB + b) mod N] (read back through view(N, B, D))"),
    ("bmm_repeat_out_view_B_flat", _mk(_bmm_step(lambda wt, B: wt.repeat(B, 1, 1),
                                                 lambda o: o.view(o.shape[0] // 2, -1).view(-1, 2, o.shape[1])),
                                       _bmm_batches, ("batch",)),
     "the bmm read through view(B, N D) then view(B, N, D)"),
    ("bmm_repeat_expand_then_reshape", _mk(_bmm_step(lambda wt, B: wt.expand(B, *wt.shape).reshape(B * wt.shape[0],
                                                                                                  *wt.shape[1:])),
                                           _bmm_batches, ("batch", "dynamic")),
     "w tiled per batch by a leading expand + reshape (no repeat: the exception not needed)"),
]


# --- 7. kept rows indexed by arange over heads / dims (_numbers_only_the_dim_it_indexes) -----------------------------
def _kept_by_arange(spell):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        N, D = cache.shape[1], cache.shape[2]
        hN, hD = torch.arange(N), torch.arange(D)
        if spell == "plain":
            old = cache[s[:, None, None], hN[None, :, None], hD[None, None, :]]
        elif spell == "heads_from_table_width":
            old = cache[s[:, None, None], torch.arange(table.shape[1])[None, :, None], hD[None, None, :]]
        elif spell == "heads_flip":
            old = cache[s[:, None, None], hN.flip(0)[None, :, None], hD[None, None, :]]
        elif spell == "dims_lead_shift":
            i = hD
            for _ in range(16):
                i = i.expand(2, D).reshape(2 * D).narrow(0, 1, D)
            old = cache[s[:, None, None], hN[None, :, None], i[None, None, :]]
        elif spell == "heads_lead_shift6":
            i = hN
            for _ in range(6):
                i = i.expand(2, i.shape[0]).reshape(2 * N).narrow(0, 1, N)
            old = cache[s[:, None, None], i[None, :, None], hD[None, None, :]]
        else:
            raise ValueError(spell)
        cache[s] = torch.where(completes(lens)[:, None, None], _new(kv, w, table, lens).to(cache.dtype), old)
        return cache
    return step


def _heads_eq_pages():
    g = torch.Generator().manual_seed(9)
    w4 = (torch.randint(-2047, 2048, (L, 4), generator=g) / 1024).half()
    w8 = (torch.randint(-2047, 2048, (L, 8), generator=g) / 1024).half()
    return [build(B=8, N=4, weight=w4, specials=False),
            build(B=8, N=8, pages=8, weight=w8, seed=2, specials=False, lengths=[512, 48, 0, 31, 32, 496, 100, 256])]


ATTACKS += [
    ("kept_arange_plain_dyn", _mk(_kept_by_arange("plain"), _heads_grow, ("dynamic",)),
     "control: cache[s, arange(N), arange(D)] as the kept rows"),
    ("kept_arange_heads_flip_dyn", _mk(_kept_by_arange("heads_flip"), _heads_grow, ("dynamic",)),
     "kept rows' heads reversed by arange(N).flip(0)"),
    ("kept_arange_heads_lead_shift6_dyn", _mk(_kept_by_arange("heads_lead_shift6"), _heads_grow, ("dynamic",)),
     "the kept rows' head index arange(N) shifted 6 times through leading-expand tilings (6 mod N)"),
    ("kept_arange_heads_width_dyn", _mk(_kept_by_arange("heads_from_table_width"), _heads_eq_pages, ("dynamic",)),
     "heads numbered by arange(table.shape[1]) with N = pages = 4 (one symbol), then N = pages = 8"),
]


# --- 8. fresh copies as casts, staging buffers --------------------------------------------------------------------
def _staged_new(layout):
    def step(kv, w, slots, table, lens, cache):
        new = _new(kv, w, table, lens)
        if layout == "empty":
            stage = torch.empty(new.shape, dtype=cache.dtype)
        elif layout == "empty_like_t":
            stage = torch.empty_like(new.transpose(1, 2), dtype=cache.dtype).transpose(1, 2)
        elif layout == "new_empty":
            stage = cache.new_empty(new.shape)
        elif layout == "zeros":
            stage = torch.zeros(new.shape, dtype=cache.dtype)
        else:
            raise ValueError(layout)
        stage.copy_(new)
        return write(cache, slots, completes(lens), stage)
    return step


def _staged_twice(kv, w, slots, table, lens, cache):
    """Two copies into one fresh buffer (the second only partly): the first is not the whole story."""
    new = _new(kv, w, table, lens)
    stage = torch.empty(new.shape, dtype=cache.dtype)
    stage.copy_(new)
    stage[:, :, :1].copy_(new[:, :, 1:2])
    return write(cache, slots, completes(lens), stage)


def _staged_bf16_then_half(kv, w, slots, table, lens, cache):
    """fp32 -> bf16 stage -> fp16 cache: two roundings (class 1 through fresh copies)."""
    new = _new(kv, w, table, lens)
    s1 = torch.empty(new.shape, dtype=torch.bfloat16)
    s1.copy_(new)
    s2 = torch.empty(new.shape, dtype=cache.dtype)
    s2.copy_(s1)
    return write(cache, slots, completes(lens), s2)


def _staged_int_trunc(kv, w, slots, table, lens, cache):
    """fp32 -> int32 stage -> back: truncation."""
    new = _new(kv, w, table, lens)
    s1 = torch.empty(new.shape, dtype=torch.int32)
    s1.copy_(new)
    return write(cache, slots, completes(lens), s1.to(cache.dtype))


ATTACKS += [
    ("staged_empty_copy", _mk(_staged_new("empty"), lambda: [build()], ("static", "dynamic")),
     "control: stage = empty(shape, fp16); stage.copy_(new)"),
    ("staged_new_empty_copy", _mk(_staged_new("new_empty"), lambda: [build()]),
     "control: cache.new_empty(shape).copy_(new)"),
    ("staged_empty_like_t_copy", _mk(_staged_new("empty_like_t"), lambda: [build()]),
     "a transposed-layout stage (strides differ: not rewritten)"),
    ("staged_zeros_copy", _mk(_staged_new("zeros"), lambda: [build()]),
     "control: zeros stage copy_"),
    ("staged_twice_partial", _mk(_staged_twice, lambda: [build()]),
     "a fresh stage copied whole, then dim 0 of D overwritten from dim 1"),
    ("staged_bf16_then_half", _mk(_staged_bf16_then_half, lambda: [build()]),
     "fp32 -> bf16 stage -> fp16 stage: double rounding"),
    ("staged_int_trunc", _mk(_staged_int_trunc, lambda: [build()]),
     "fp32 -> int32 stage: truncation"),
]


# --- 9. FlashInfer HND ([num_pages, N, P, D]) ------------------------------------------------------------------------
def _hnd(x):
    a = list(x.args) if hasattr(x, "args") else list(x)
    a[0] = a[0].permute(0, 2, 1, 3).contiguous()
    return a


def s_hnd_contract(kvh, w, slots, table, lens, cache):
    """control: the contract on an HND cache (kv[page, :, off])."""
    P = kvh.shape[2]
    pos = positions(lens)
    tok = kvh[table.long().gather(1, pos // P)[..., None], torch.arange(kvh.shape[1])[None, None, :],
              (pos % P)[..., None]]
    return write(cache, slots, completes(lens), pool(tok, w))


def s_hnd_heads_swapped(kvh, w, slots, table, lens, cache):
    """HND read as NHD with N == P?  reads kvh.permute(0, 2, 1, 3) twice (the identity)"""
    kv = kvh.permute(0, 2, 1, 3).permute(0, 2, 1, 3).permute(0, 2, 1, 3)
    return contract(kv, w, slots, table, lens, cache)


def s_hnd_off_by_one_head(kvh, w, slots, table, lens, cache):
    """HND with the heads read rolled by one (kvh.roll(1, 1)): not the contract."""
    kv = kvh.roll(1, 1).permute(0, 2, 1, 3)
    return contract(kv, w, slots, table, lens, cache)


def _hnd_square():
    """N == P == 16, D = 16: [nb, N, P, D] has the NHD shape too."""
    g = torch.Generator().manual_seed(4)
    w16 = (torch.randint(-2047, 2048, (L, 16), generator=g) / 1024).half()
    return [_hnd(build(B=8, N=16, P=16, pages=4, weight=w16, specials=False))]


def s_hnd_square_as_nhd(kvh, w, slots, table, lens, cache):
    """N == P: the user reads the HND cache as [nb, P, N, D] directly (wrong layout): kv[page, off] reads head
    slice off of every page (a transposition)."""
    return contract(kvh, w, slots, table, lens, cache)


def s_hnd_append_then_step(kvh, w, slots, table, lens, cache, tok):
    """append the new token into the HND cache (kvh[page, :, off] = tok), then the step."""
    P = kvh.shape[2]
    p = (lens.long() - 1).clamp(min=0)
    kvh[table.long().gather(1, (p // P)[:, None])[:, 0], :, p % P] = tok
    return s_hnd_contract(kvh, w, slots, table, lens, cache)


def _hnd_tok():
    a = _hnd(build(B=8, specials=False))
    a.append((torch.arange(8 * 2 * 16).view(8, 2, 16) % 7 / 8).half())
    return [a]


ATTACKS += [
    ("hnd_contract", _mk(s_hnd_contract, lambda: [_hnd(build()), _hnd(build(B=12, seed=3))], ("static", "batch")),
     "control: the contract on FlashInfer's HND layout"),
    ("hnd_triple_permute", _mk(s_hnd_heads_swapped, lambda: [_hnd(build())]),
     "HND permuted three times by (0, 2, 1, 3) (= once) then the NHD contract"),
    ("hnd_heads_rolled", _mk(s_hnd_off_by_one_head, lambda: [_hnd(build())]),
     "HND heads rolled by one before the view"),
    ("hnd_square_read_as_nhd", _mk(s_hnd_square_as_nhd, _hnd_square),
     "N == P: an HND cache read with the NHD indexing (transposed tokens; eager's numbers are those)"),
    ("hnd_square_contract", _mk(s_hnd_contract, _hnd_square),
     "control: N == P, the HND contract"),
    ("hnd_append_then_step", _mk(s_hnd_append_then_step, _hnd_tok),
     "an HND append kvh[page, :, off] = tok (index tensors apart), then the step"),
]


# --- 10. shared symbols: heads and table width one symbol under dynamic=True ---------------------------------------
def s_heads_from_width(kv, w, slots, table, lens, cache):
    """The weight's heads picked by arange(table.shape[1]) (N == pages at compile time, one duck-sized symbol)."""
    wt = w.index_select(1, torch.arange(table.shape[1]))
    return contract(kv, wt, slots, table, lens, cache)


def s_weight_param_width(kv, w, slots, table, lens, cache):
    """A weight whose head count is the table's width: w[:, :table.shape[1]] (the same at N == pages)."""
    return contract(kv, w[:, :table.shape[1]], slots, table, lens, cache)


def _heads4_pages4_then(N2, pages2):
    def make():
        g = torch.Generator().manual_seed(9)
        w4 = (torch.randint(-2047, 2048, (L, 4), generator=g) / 1024).half()
        w2 = (torch.randint(-2047, 2048, (L, N2), generator=g) / 1024).half()
        lens2 = [pages2 * 64, 48, 0, 31, 32, 64, 100, 96]
        return [build(B=8, N=4, weight=w4, specials=False),
                build(B=8, N=N2, pages=pages2, weight=w2, seed=2, specials=False, lengths=lens2)]
    return make


ATTACKS += [
    ("heads_from_width_both_grow_dyn", _mk(s_heads_from_width, _heads4_pages4_then(8, 8), ("dynamic",)),
     "w.index_select(1, arange(pages)) with N == pages == 4, then N == pages == 8"),
    ("heads_from_width_pages_only_dyn", _mk(s_weight_param_width, _heads4_pages4_then(4, 8), ("dynamic",)),
     "w[:, :pages] with N == pages == 4, then pages 8, N 4 (w[:, :8] of a [l, 4] weight: the whole weight)"),
]



# --- 11. more spellings of classes 1-3 (other roles, other cuts) -----------------------------------------------------
f_kv_heads_regroup_flip = _rolled(lambda kv, w, t, s: pool(tokens(_regroup(kv, 2, "flip_flip"), t, positions(s)), w))
k_cache_heads_regroup_strided = _kept_rolled(lambda c, s: _regroup(c, 1, "as_strided_contig")[s])


def _table_regroup_view(brk):
    def step(kv, w, slots, table, lens, cache):
        return contract(kv, w, slots, _regroup(table, 1, brk, c=21), lens, cache)
    return step


def _lead_shift_as_strided(x, dim, times=6):
    """The tiling cut by as_strided with storage offset 1 (contiguous strides of its own size: R4 passes)."""
    for _ in range(times):
        n, shape = x.shape[dim], list(x.shape)
        t = _lead_tile(x, dim).contiguous()
        x = t.as_strided(shape, t.stride(), 1) if dim == len(shape) - 1 else t.narrow(dim, 1, n)
    return x


ATTACKS += [
    ("kv_heads_regroup7_flip_flip_dyn", _mk(f_kv_heads_regroup_flip, _heads_grow, ("dynamic",)),
     "R3 broken by flip(0).flip(0) on the paged KV's heads"),
    ("cache_heads_regroup7_as_strided_dyn", _mk(k_cache_heads_regroup_strided, _heads_grow, ("dynamic",)),
     "R3 broken by a contiguous as_strided on the whole cache's heads, kept rows [s]"),
    ("table_pages_regroup21_flip_flip_dyn", _mk(_table_regroup_view("flip_flip"), _pages_grow, ("dynamic",)),
     "R3 broken by flip(0).flip(0) on the table's pages (21 j mod pages)"),
    ("table_pages_regroup21_expand_same_dyn", _mk(_table_regroup_view("expand_same"), _pages_grow, ("dynamic",)),
     "R3 broken by a same-shape expand on the table's pages"),
    ("weight_heads_lead_as_strided_off1_dyn", _mk(_rolled(lambda kv, w, t, s: pool(tokens(kv, t, positions(s)),
                                                                                   _lead_shift_as_strided(w, 1))),
                                                  _heads_grow, ("dynamic",)),
     "the leading-expand tiling made contiguous, cut by as_strided(storage_offset=1)"),
    ("pool_read_expand_slice_beside_step", _mk(_with_pool_read(lambda T, r: T[r.long()[None, :].expand(2, -1)[:, :1],
                                                                              torch.zeros(1, dtype=torch.long)]),
                                               _pool_inputs()),
     "a fused step + T[r[None].expand(2, B)[:, :1], 0]"),
    ("pool_read_whole_r_beside_step", _mk(_with_pool_read(lambda T, r: T[r.long()[:, None],
                                                                         torch.zeros(1, dtype=torch.long)]),
                                          _pool_inputs(bad=1)),
     "control: T[r[:, None], 0] reading every r (all in range): rerouted, same values"),
]



def _dim_grow():
    """D = 16 compiled, then D = 32 (273 = 17 * 16 + 1 is 1 mod 16 and mod 17, 17 mod 32)."""
    return [build(B=8, specials=False), build(B=8, D=32, seed=2, specials=False)]


ATTACKS += [
    ("new_heads_regroup7_expand_same_dyn", _mk(_rolled(lambda kv, w, t, s: _regroup(_new(kv, w, t, s), 1,
                                                                                     "expand_same")),
                                               _heads_grow, ("dynamic",)),
     "R3 on the new rows' heads, broken by a same-shape expand"),
    ("kept_heads_regroup7_flip_flip_dyn", _mk(_kept_rolled(lambda c, s: _regroup(c[s], 1, "flip_flip")),
                                              _heads_grow, ("dynamic",)),
     "R3 on the kept rows' heads, broken by flip(0).flip(0) (the batch dim)"),
    ("new_dim_regroup273_expand_same_dyn", _mk(_rolled(lambda kv, w, t, s: _regroup(_new(kv, w, t, s), 2, "expand_same",
                                                                                    c=273)),
                                               _dim_grow, ("dynamic",)),
     "R3 on the new rows' head dim D: 273 j mod D, the identity at D = 16, 17 (broken by a same-shape expand)"),
    ("kept_dim_regroup273_flip_flip_dyn", _mk(_kept_rolled(lambda c, s: _regroup(c[s], 2, "flip_flip", c=273)),
                                              _dim_grow, ("dynamic",)),
     "R3 on the kept rows' head dim D (273 j mod D), broken by flip(0).flip(0)"),
]



# --- 12. reinplace_clones(lazy_reads=True) (vLLM adapters' mutating call): early readers of the old cache -----------
def _early_reader(read):
    def step(kv, w, slots, table, lens, cache):
        early = read(cache, slots)
        return contract(kv, w, slots, table, lens, cache), early
    return step


ATTACKS += [
    ("early_read_cast_rows", _mk(_early_reader(lambda c, s: c.float()[s.long()]), lambda: [build()]),
     "y = cache.float()[slots] taken before the step, returned"),
    ("early_read_flat_index_select", _mk(_early_reader(lambda c, s: c.view(-1).index_select(0, s.long()) + 0),
                                         lambda: [build()]),
     "y = cache.view(-1).index_select(0, slots) + 0 before the step"),
    ("early_read_amax_rows", _mk(_early_reader(lambda c, s: c[s.long()].amax(-1)), lambda: [build()]),
     "y = cache[slots].amax(-1) before the step"),
    ("early_read_transposed_slice", _mk(_early_reader(lambda c, s: c.transpose(0, 2)[:, :, :4].contiguous()),
                                        lambda: [build()]),
     "y = cache.transpose(0, 2)[:, :, :4].contiguous() before the step (rows 0-3, some written)"),
]


# --- the runner: redteam7's (classify7: redteam6's classify6, scenarios, real torchair) ---------------------------
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _RPD = "CONTROL DIFFERS", "REFUSED, PASS CHANGES NUMBERS"
_RCD, _CCT, _EF = "REFUSED (control differs)", "CONTROL CRASHES TOO", "EAGER FAILS"
# Snapshot of commit ab3f735 extracted to /tmp/base8, 09:33-10:25 UTC: (attack, dialect, mode, result).  "inductor" /
# "torchair" (real Inductor codegen / real torchair on CPU) are confirmation runs only.
_FIRST = [
    ("weight_heads_lead_expand_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_lead_expand_slice_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_lead_expand_split_dyn", "inductor_graph", "dynamic", _EQ),
    ("weight_heads_broadcast_to_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_expand_as_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_expand_minus1_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_expand_two_dims_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("tokens_heads_lead_expand_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("tokens_fp32_heads_lead_expand_dyn", "inductor_graph", "dynamic", _R),
    ("new_heads_lead_expand_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("kept_heads_lead_expand_shift1x6_dyn", "inductor_graph", "dynamic", _R),
    ("cache_heads_lead_expand_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("kv_heads_lead_expand_shift1x6_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_lead_expand_shift1x20_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_lead_expand_slice_x20_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_regroup7_fmax_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_fmin_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_masked_fill_none_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_copysign_self_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_transpose_twice_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_permute_identity_dyn", "inductor_graph", "dynamic", _CCT),
    ("weight_heads_regroup7_flip_flip_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_regroup7_narrow_full_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_as_strided_contig_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_regroup7_expand_same_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_regroup7_pos_dyn", "inductor_graph", "dynamic", _R),
    ("table_pages_regroup21_or_zero_dyn", "inductor_graph", "dynamic", _R),
    ("table_pages_regroup21_xor_zero_dyn", "inductor_graph", "dynamic", _R),
    ("table_pages_regroup21_floordiv_one_dyn", "inductor_graph", "dynamic", _R),
    ("table_pages_regroup21_fmax_dyn", "inductor_graph", "dynamic", _R),
    ("new_heads_regroup7_fmax_dyn", "inductor_graph", "dynamic", _R),
    ("kept_heads_regroup7_transpose_dyn", "inductor_graph", "dynamic", _R),
    ("tokens_heads_regroup7_permute_dyn", "inductor_graph", "dynamic", _CCT),
    ("pool_read_head_slice_beside_step", "inductor_graph", "static", _CR),
    ("pool_read_two_rows_beside_step", "inductor_graph", "static", _CR),
    ("pool_read_head_slice_no_step", "inductor_graph", "static", _R),
    ("pool_read_head_slice_batch", "inductor_graph", "batch", _CR),
    ("pool_read_wrapping_padding", "inductor_graph", "static", _EQ),
    ("clamped_table_all_in_condition_dyn", "inductor_graph", "dynamic", _R),
    ("clamped_table_all_in_condition_dyn", "inductor_graph", "static", _R),
    ("clamped_last_page_in_condition_dyn", "inductor_graph", "dynamic", _R),
    ("clamped_table_min_in_condition_dyn", "inductor_graph", "dynamic", _R),
    ("clamped_last_page_scales_new_dyn", "inductor_graph", "dynamic", _R),
    ("clamped_read_window_dyn", "inductor_graph", "dynamic", _EQ),
    ("flat_pool_shl_or", "inductor_graph", "static", _EQ),
    ("flat_pool_shl_or", "inductor_graph", "batch", _EQ),
    ("flat_pool_mul_or", "inductor_graph", "static", _EQ),
    ("flat_pool_shl_or_wide_mask", "inductor_graph", "static", _R),
    ("flat_pool_shl5_or63", "inductor_graph", "static", _R),
    ("flat_pool_mul192_or", "inductor_graph", "static", _EF),
    ("shl24_wraps_in_condition", "inductor_graph", "static", _R),
    ("shl24_wraps_in_condition", "inductor_graph", "batch", _R),
    ("shl_or_in_condition", "inductor_graph", "static", _EQ),
    ("shl_or_overlap_condition", "inductor_graph", "static", _EQ),
    ("shl_plus_overlap_condition", "inductor_graph", "static", _EQ),
    ("or_negative_mul_condition", "inductor_graph", "static", _EQ),
    ("or_int16_wrap_condition", "inductor_graph", "static", _R),
    ("bmm_repeat_batch_control", "inductor_graph", "static", _EQ),
    ("bmm_repeat_batch_control", "inductor_graph", "batch", _EQ),
    ("bmm_repeat_2B_view_2B", "inductor_graph", "batch", _R),
    ("bmm_repeat_heads_major", "inductor_graph", "batch", _R),
    ("bmm_repeat_out_view_B_flat", "inductor_graph", "batch", _EQ),
    ("bmm_repeat_expand_then_reshape", "inductor_graph", "batch", _EQ),
    ("bmm_repeat_expand_then_reshape", "inductor_graph", "dynamic", _EQ),
    ("kept_arange_plain_dyn", "inductor_graph", "dynamic", _EQ),
    ("kept_arange_heads_flip_dyn", "inductor_graph", "dynamic", _R),
    ("kept_arange_heads_lead_shift6_dyn", "inductor_graph", "dynamic", _R),
    ("kept_arange_heads_width_dyn", "inductor_graph", "dynamic", _EQ),
    ("staged_empty_copy", "inductor_graph", "static", _EQ),
    ("staged_empty_copy", "inductor_graph", "dynamic", _EQ),
    ("staged_new_empty_copy", "inductor_graph", "static", _EQ),
    ("staged_empty_like_t_copy", "inductor_graph", "static", _EQ),
    ("staged_zeros_copy", "inductor_graph", "static", _R),
    ("staged_twice_partial", "inductor_graph", "static", _R),
    ("staged_bf16_then_half", "inductor_graph", "static", _R),
    ("staged_int_trunc", "inductor_graph", "static", _R),
    ("hnd_contract", "inductor_graph", "static", _EQ),
    ("hnd_contract", "inductor_graph", "batch", _EQ),
    ("hnd_triple_permute", "inductor_graph", "static", _EQ),
    ("hnd_heads_rolled", "inductor_graph", "static", _R),
    ("hnd_square_read_as_nhd", "inductor_graph", "static", _EQ),
    ("hnd_square_contract", "inductor_graph", "static", _R),
    ("hnd_append_then_step", "inductor_graph", "static", _EQ),
    ("heads_from_width_both_grow_dyn", "inductor_graph", "dynamic", _R),
    ("heads_from_width_pages_only_dyn", "inductor_graph", "dynamic", _EQ),
    ("kv_heads_regroup7_flip_flip_dyn", "inductor_graph", "dynamic", _EQ),
    ("cache_heads_regroup7_as_strided_dyn", "inductor_graph", "dynamic", _FF),
    ("table_pages_regroup21_flip_flip_dyn", "inductor_graph", "dynamic", _R),
    ("table_pages_regroup21_expand_same_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_lead_as_strided_off1_dyn", "inductor_graph", "dynamic", _R),
    ("pool_read_expand_slice_beside_step", "inductor_graph", "static", _CR),
    ("pool_read_whole_r_beside_step", "inductor_graph", "static", _EQ),
    ("new_heads_regroup7_expand_same_dyn", "inductor_graph", "dynamic", _FF),
    ("kept_heads_regroup7_flip_flip_dyn", "inductor_graph", "dynamic", _FF),
    ("new_dim_regroup273_expand_same_dyn", "inductor_graph", "dynamic", _FF),
    ("kept_dim_regroup273_flip_flip_dyn", "inductor_graph", "dynamic", _FF),
    ("early_read_cast_rows", "inductor_graph", "static", _EQ),
    ("early_read_flat_index_select", "inductor_graph", "static", _EQ),
    ("early_read_amax_rows", "inductor_graph", "static", _EQ),
    ("early_read_transposed_slice", "inductor_graph", "static", _EQ),
    ("new_heads_regroup7_expand_same_dyn", "torchair_like", "dynamic", _FF),
    ("kept_heads_regroup7_flip_flip_dyn", "torchair_like", "dynamic", _FF),
    ("new_dim_regroup273_expand_same_dyn", "torchair_like", "dynamic", _FF),
    ("kept_dim_regroup273_flip_flip_dyn", "torchair_like", "dynamic", _FF),
    ("early_read_cast_rows", "torchair_like", "static", _EQ),
    ("early_read_flat_index_select", "torchair_like", "static", _EQ),
    ("early_read_amax_rows", "torchair_like", "static", _EQ),
    ("early_read_transposed_slice", "torchair_like", "static", _EQ),
    ("weight_heads_regroup7_unsqueeze_select_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_regroup7_bcast_masked_fill_dyn", "inductor_graph", "dynamic", _FF),
    ("weight_heads_regroup7_bcast_mul_one_dyn", "inductor_graph", "dynamic", _R),
    ("weight_heads_regroup7_unsqueeze_select_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_bcast_masked_fill_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_bcast_mul_one_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_lead_expand_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_lead_expand_slice_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_lead_expand_split_dyn", "torchair_like", "dynamic", _EQ),
    ("weight_heads_broadcast_to_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_expand_as_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_expand_minus1_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_expand_two_dims_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("tokens_heads_lead_expand_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("tokens_fp32_heads_lead_expand_dyn", "torchair_like", "dynamic", _R),
    ("new_heads_lead_expand_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("kept_heads_lead_expand_shift1x6_dyn", "torchair_like", "dynamic", _R),
    ("cache_heads_lead_expand_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("kv_heads_lead_expand_shift1x6_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_lead_expand_shift1x20_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_lead_expand_slice_x20_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_fmax_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_regroup7_fmin_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_regroup7_masked_fill_none_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_copysign_self_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_regroup7_transpose_twice_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_permute_identity_dyn", "torchair_like", "dynamic", _CCT),
    ("weight_heads_regroup7_flip_flip_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_narrow_full_dyn", "torchair_like", "dynamic", _R),
    ("weight_heads_regroup7_as_strided_contig_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_expand_same_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_regroup7_pos_dyn", "torchair_like", "dynamic", _R),
    ("table_pages_regroup21_or_zero_dyn", "torchair_like", "dynamic", _R),
    ("table_pages_regroup21_xor_zero_dyn", "torchair_like", "dynamic", _R),
    ("table_pages_regroup21_floordiv_one_dyn", "torchair_like", "dynamic", _R),
    ("table_pages_regroup21_fmax_dyn", "torchair_like", "dynamic", _R),
    ("new_heads_regroup7_fmax_dyn", "torchair_like", "dynamic", _R),
    ("kept_heads_regroup7_transpose_dyn", "torchair_like", "dynamic", _FF),
    ("tokens_heads_regroup7_permute_dyn", "torchair_like", "dynamic", _CCT),
    ("pool_read_head_slice_beside_step", "torchair_like", "static", _CR),
    ("pool_read_two_rows_beside_step", "torchair_like", "static", _CR),
    ("pool_read_head_slice_no_step", "torchair_like", "static", _R),
    ("pool_read_head_slice_batch", "torchair_like", "batch", _CR),
    ("pool_read_wrapping_padding", "torchair_like", "static", _EQ),
    ("clamped_table_all_in_condition_dyn", "torchair_like", "dynamic", _R),
    ("clamped_table_all_in_condition_dyn", "torchair_like", "static", _R),
    ("clamped_last_page_in_condition_dyn", "torchair_like", "dynamic", _R),
    ("clamped_table_min_in_condition_dyn", "torchair_like", "dynamic", _R),
    ("clamped_last_page_scales_new_dyn", "torchair_like", "dynamic", _R),
    ("clamped_read_window_dyn", "torchair_like", "dynamic", _EQ),
    ("flat_pool_shl_or", "torchair_like", "static", _EQ),
    ("flat_pool_shl_or", "torchair_like", "batch", _EQ),
    ("flat_pool_mul_or", "torchair_like", "static", _EQ),
    ("flat_pool_shl_or_wide_mask", "torchair_like", "static", _R),
    ("flat_pool_shl5_or63", "torchair_like", "static", _R),
    ("flat_pool_mul192_or", "torchair_like", "static", _EF),
    ("shl24_wraps_in_condition", "torchair_like", "static", _R),
    ("shl24_wraps_in_condition", "torchair_like", "batch", _R),
    ("shl_or_in_condition", "torchair_like", "static", _EQ),
    ("shl_or_overlap_condition", "torchair_like", "static", _EQ),
    ("shl_plus_overlap_condition", "torchair_like", "static", _EQ),
    ("or_negative_mul_condition", "torchair_like", "static", _EQ),
    ("or_int16_wrap_condition", "torchair_like", "static", _R),
    ("bmm_repeat_batch_control", "torchair_like", "static", _EQ),
    ("bmm_repeat_batch_control", "torchair_like", "batch", _EQ),
    ("bmm_repeat_2B_view_2B", "torchair_like", "batch", _R),
    ("bmm_repeat_heads_major", "torchair_like", "batch", _R),
    ("bmm_repeat_out_view_B_flat", "torchair_like", "batch", _EQ),
    ("bmm_repeat_expand_then_reshape", "torchair_like", "batch", _EQ),
    ("bmm_repeat_expand_then_reshape", "torchair_like", "dynamic", _EQ),
    ("kept_arange_plain_dyn", "torchair_like", "dynamic", _EQ),
    ("kept_arange_heads_flip_dyn", "torchair_like", "dynamic", _R),
    ("kept_arange_heads_lead_shift6_dyn", "torchair_like", "dynamic", _R),
    ("kept_arange_heads_width_dyn", "torchair_like", "dynamic", _EQ),
    ("staged_empty_copy", "torchair_like", "static", _EQ),
    ("staged_empty_copy", "torchair_like", "dynamic", _EQ),
    ("staged_new_empty_copy", "torchair_like", "static", _EQ),
    ("staged_empty_like_t_copy", "torchair_like", "static", _R),
    ("staged_zeros_copy", "torchair_like", "static", _R),
    ("staged_twice_partial", "torchair_like", "static", _R),
    ("staged_bf16_then_half", "torchair_like", "static", _R),
    ("staged_int_trunc", "torchair_like", "static", _R),
    ("hnd_contract", "torchair_like", "static", _EQ),
    ("hnd_contract", "torchair_like", "batch", _EQ),
    ("hnd_triple_permute", "torchair_like", "static", _EQ),
    ("hnd_heads_rolled", "torchair_like", "static", _R),
    ("hnd_square_read_as_nhd", "torchair_like", "static", _EQ),
    ("hnd_square_contract", "torchair_like", "static", _R),
    ("hnd_append_then_step", "torchair_like", "static", _EQ),
    ("heads_from_width_both_grow_dyn", "torchair_like", "dynamic", _R),
    ("heads_from_width_pages_only_dyn", "torchair_like", "dynamic", _EQ),
    ("kv_heads_regroup7_flip_flip_dyn", "torchair_like", "dynamic", _EQ),
    ("cache_heads_regroup7_as_strided_dyn", "torchair_like", "dynamic", _FF),
    ("table_pages_regroup21_flip_flip_dyn", "torchair_like", "dynamic", _R),
    ("table_pages_regroup21_expand_same_dyn", "torchair_like", "dynamic", _FF),
    ("weight_heads_lead_as_strided_off1_dyn", "torchair_like", "dynamic", _R),
    ("pool_read_expand_slice_beside_step", "torchair_like", "static", _CR),
    ("pool_read_whole_r_beside_step", "torchair_like", "static", _EQ),
    ("early_read_cast_rows", "vllm_post", "static", _EQ),
    ("early_read_flat_index_select", "vllm_post", "static", _EQ),
    ("early_read_amax_rows", "vllm_post", "static", _EQ),
    ("early_read_transposed_slice", "vllm_post", "static", _EQ),
    ("weight_heads_lead_expand_shift1x6_dyn", "inductor", "dynamic", _FF),
    ("weight_heads_broadcast_to_shift1x6_dyn", "inductor", "dynamic", _FF),
    ("cache_heads_lead_expand_shift1x6_dyn", "inductor", "dynamic", _FF),
    ("kv_heads_lead_expand_shift1x6_dyn", "inductor", "dynamic", _FF),
    ("weight_heads_regroup7_flip_flip_dyn", "inductor", "dynamic", _FF),
    ("weight_heads_regroup7_expand_same_dyn", "inductor", "dynamic", _FF),
    ("weight_heads_regroup7_as_strided_contig_dyn", "inductor", "dynamic", _FF),
    ("weight_heads_regroup7_masked_fill_none_dyn", "inductor", "dynamic", _R),
    ("weight_heads_regroup7_transpose_twice_dyn", "inductor", "dynamic", _R),
    ("kept_heads_regroup7_transpose_dyn", "inductor", "dynamic", _R),
    ("cache_heads_regroup7_as_strided_dyn", "inductor", "dynamic", _FF),
    ("table_pages_regroup21_expand_same_dyn", "inductor", "dynamic", _FF),
    ("new_heads_regroup7_expand_same_dyn", "inductor", "dynamic", _FF),
    ("new_dim_regroup273_expand_same_dyn", "inductor", "dynamic", _FF),
    ("kept_dim_regroup273_flip_flip_dyn", "inductor", "dynamic", _FF),
    ("pool_read_head_slice_beside_step", "inductor", "static", _EQ),
    ("pool_read_two_rows_beside_step", "inductor", "static", _EQ),
    ("pool_read_head_slice_batch", "inductor", "batch", _EQ),
    ("pool_read_expand_slice_beside_step", "inductor", "static", _EQ),
    ("pool_read_wrapping_padding", "inductor", "static", _EQ),
    ("pool_read_head_slice_beside_step", "torchair", "static", _CCT),
    ("weight_heads_lead_expand_shift1x6_dyn", "torchair", "dynamic", _CD),
    ("weight_heads_regroup7_flip_flip_dyn", "torchair", "dynamic", _CD),
    ("table_pages_regroup21_expand_same_dyn", "torchair", "dynamic", _CD),
    ("cache_heads_lead_expand_shift1x6_dyn", "torchair", "dynamic", _CD),
    ("pool_read_wrapping_padding", "torchair", "static", _EQ),
    ("flat_pool_shl_or", "torchair", "static", _EQ),
    ("flat_pool_shl_or", "torchair", "batch", _EQ),
    ("flat_pool_shl_or_wide_mask", "torchair", "static", _CCT),
    ("hnd_contract", "torchair", "static", _EQ),
    ("hnd_contract", "torchair", "batch", _EQ),
    ("staged_empty_copy", "torchair", "static", _EQ),
    ("staged_empty_copy", "torchair", "dynamic", _EQ),
]
FIRST_TRY = {(n, d, m): r for n, d, m, r in _FIRST}

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify7)
