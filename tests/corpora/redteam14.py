"""Fourteenth adversarial review of the recogniser (issue 18), focused on the rewrites added after 5e1914a: HF
per-request window reads by ``gather(2, ...)`` and ``unfold(2, l, d)[rows, :, i]`` (rewrite.dense_window_reads), the
per-request entry write by ``scatter_(1, ...)`` (rewrite._scattered_entry / _scattered_rows), head-major caches
(rewrite._is_head_major / _head_major_rows, roles' head_major layout) and the latent cache appended through its flat
view (roles._reshape_of_write).

Same format as redteam12: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes six arguments ``(kv, w, slots, table, lens, cache)`` (their meaning per theme
below; ``batch`` marks args 2, 3, 4 dynamic on dim 0); runner and classification are redteam7's ``classify7``.

    python tests/corpora/redteam14.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam14.py --table OUT.md [--dialect D ...] [name ...]

First try (16:28-16:48 UTC, snapshot of 987f832 in /tmp/base14, PYTHONPATH=/tmp/base14, run from that tree): 69
attacks in 6 themes, 235 runs (inductor_graph 97, torchair_like 97, Inductor codegen 41 (nsa_fusion_backend:
confirmation of every false fusion, the controls in every mode, the int32 / fp16 / bf16 / ordering / two-step / one-
buffer variants); batch and dynamic=True on the controls and 9 variants).  inductor_graph 5 FALSE FUSION / 0 CRASH /
67 equal / 24 refused / 1 control crashes too; torchair_like 5 FALSE FUSION / 0 CRASH / 65 equal / 26 refused / 1
control crashes too; Inductor codegen 5 FALSE FUSION (F1, confirmed) / 29 equal / 6 refused / 1 CONTROL DIFFERS
(sc_then_attention: plain Inductor's nan_to_num sum of the whole cache, +-max and inf summed in another order; the
pass's numbers are plain Inductor's).  By attack: 5 false fusions, all one class (F1,
/work/briefs/redteam14_findings.md, repro /work/briefs/redteam14_repro.py):

* F1 FALSE FUSION (every dialect, Inductor codegen confirmed; static): ``rewrite._scattered_entry`` walks from the
  expand's input back to a 1-D ``[B]`` ``j`` checking the shape of every node after the first hop, never the
  expand's input itself, so ``j.view(1, 1, 1, B).expand(B, 1, N, D)`` (B == D: ``idx[b, 0, h, e] = j[e]``),
  ``j.view(1, 1, B, 1)`` (B == N: ``j[h]``), ``j.view(1, 1, N, D)`` (B == N * D) and ``j.expand(B, 1, N, D)`` of a
  ``[B]`` ``j`` (B == D) are all read as ``j.view(B, 1, 1, 1)``: the rewrite writes row b's whole entry ``j[b]``,
  eager scatters column e (head h) of row b into entry ``j[e]`` (``j[h]``) (sc_view_lastdim_b_eq_d,
  sc_view_headdim_b_eq_n, sc_view_heads_dims_b_eq_nd, sc_1d_expand_b_eq_d, sc_view_lastdim_fp16).  batch / dynamic
  do not apply (B == D is a static coincidence: the guards specialise B).

Rerun (16:48-16:54 UTC, HEAD 6150a23, which holds the lead's fix eeba883: the pre-expand tensor must be [B, 1, 1, 1]):
inductor_graph 79 runs 0 FALSE FUSION / 50 equal / 28 refused / 1 control crashes too, torchair_like 79 runs 0 / 49 /
29 / 1: the 5 F1 attacks are refused ("no candidate"), every other run as in the first try.

Not found (equal or refused): scatter with ``j[:, None, None, None]``, dim -3, j rolled from the previous row, more
requests than the batch (batch too), fp16, the kept gather also returned, two steps into one cache (equal), the kept
read from a clone (equal in inductor_graph, refused in torchair_like), at another entry (refused), one j for every
row (refused: unbounded), a ``[1]`` j (refused: the rewritten write cannot be evaluated), src larger than the index,
a two-hop reshape to ``[1, 1, 1, B]`` and ``j[None, None, :, None]`` (the second hop is checked: no candidate);
gather(2) windows with pos through a clone of a transposed-back copy (B == l), a flatten, int32, more cache rows
than the batch, an attention gather of every position, the window overwritten in place before or after the read (all
equal), a head-reversed cache and a view with a storage offset (refused by the pooling proof: gaps); unfold windows
with i >= 0, i unclamped (-2 wrapped, rows that write nothing), int32 i, int32 rows, a copy with transposed strides,
a second read of the same unfold, the window overwritten before / after the read and the view taken before the
overwrite (equal), rows an input / reversed / arange - B (refused by roles), unfold(2, 32, 48) (refused by the
mask), a sliced or offset view (refused by pooling), a uint8 i (a mask in eager: the control's fake tensors fail
too); head-major writes with a [B, 1] condition, fp16 cast after the select, bf16, int32 slots, rows that write
nothing sharing one dummy slot, the cache a transposed view of a row-major input or a slice of a bigger one, the KV
overwritten after the read, two steps into one cache (equal), a [B] condition with B == D, the kept rows at reversed
slots or reversed heads, an fp32 select rounded through fp16 (refused), a [N, P, NB, D] KV read offset-major
(refused: the head_major guess reads other tokens, the probe evaluation fails); latent caches appended through
``view(-1, C)`` (into the input, into a clone, written twice, a fresh zero buffer: equal). The head-major, gather
and unfold variants under batch / dynamic=True: equal (sc_j_rolled under batch: torchair_like refuses the roll). The
KV and the compressed cache two disjoint views of one input buffer (scatter, head-major, gather): refused in every
dialect (the cache is a view of the paged input). (An attack bug first: the first hm_dup_slots_on_kept_rows gave
kept rows the slots of written rows, invalid per docs/contract.md; fixed to one dummy slot, rerun: equal.)
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

M = 15  # entries per request: capacity 256, l = 32, d = 16: (s - l) // d clamped in [0, 14]
F32 = torch.float32


def _entry(lens):
    return ((lens.long() - L) // STRIDE).clamp(min=0)


# --- inputs ------------------------------------------------------------------------------------------------
def _per_request(batches, N=2, D=16, S=None, dtype=F32):
    """Paged KV (attacks.build, adversarial values), the compressed cache viewed per request ``[S, M, N, D]``."""
    def make():
        out = []
        for k, B in enumerate(batches):
            rows = S or B
            a = build(B=B, N=N, D=D, pages=4, num_slots=rows * M, seed=k, dtype=dtype)
            kv, w, slots, table, lens, cache = a.args
            out.append([kv, w, slots, table, lens, cache.view(rows, M, N, D)])
        return out
    return make


def _dense(batches, N=2, D=16, S_extra=0, dtype=F32):
    """HF's per-request ``[S, N, T, D]`` KV (request b's pages in order, unread positions NaN / inf; ``S_extra``
    rows more than the batch, all NaN) and the usual ``[slots, N, D]`` compressed cache; ``table`` holds
    ``arange(B)``."""
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, N=N, D=D, pages=4, seed=k, dtype=dtype)
            kv, w, slots, table, lens, cache = a.args
            paged = kv[table.long()].reshape(B, -1, N, D)
            dense = paged.permute(0, 2, 1, 3).contiguous()
            if S_extra:
                dense = torch.cat([dense, torch.full((S_extra, *dense.shape[1:]), float("nan"), dtype=dtype)])
            out.append([dense, w, slots, torch.arange(B), lens, cache])
        return out
    return make


def _head_major(batches, N=2, D=16, dtype=F32, dup_kept=False):
    """Head-major paged KV ``[N, NB, P, D]`` and compressed cache ``[N, S, D]`` (transposes of build's).
    ``dup_kept``: every row that writes nothing takes one dummy slot (valid: slots need be unique on written rows
    only, and no row that writes nothing may name a written row: docs/contract.md)."""
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, N=N, D=D, pages=4, seed=k, dtype=dtype)
            kv, w, slots, table, lens, cache = a.args
            if dup_kept:  # one dummy slot no writing row names, shared by every row that writes nothing
                q = completes(lens)
                free = [r for r in range(cache.shape[0]) if r not in set(slots[q].tolist())]
                slots = torch.where(q, slots, torch.full_like(slots, free[0]))
            out.append([kv.permute(2, 0, 1, 3).contiguous(), w, slots, table, lens,
                        cache.transpose(0, 1).contiguous()])
        return out
    return make


# --- 1. rewrite._scattered_entry / _scattered_rows ----------------------------------------------------------
def _scatter(index_of, kept_of=None, src_extra=None, dim=1, j_of=_entry, ret_kept=False):
    """``cmp.scatter_(dim, at, where(valid, new, kept))`` into the per-request cache, ``at = index_of(j, B, N,
    D)``, ``kept = kept_of(cmp, at, j)`` (default ``cmp.gather(1, at)``)."""
    def step(kv, w, slots, table, lens, cmp):
        B, (N, D) = lens.shape[0], cmp.shape[2:]
        new = pool(tokens(kv, table, positions(lens)), w).to(cmp.dtype).unsqueeze(1)
        j = j_of(lens)
        at = index_of(j, B, N, D)
        kept = cmp.gather(1, at) if kept_of is None else kept_of(cmp, at, j)
        src = torch.where(completes(lens)[:, None, None, None], new, kept)
        if src_extra is not None:
            src = src_extra(src)
        cmp.scatter_(dim, at, src)
        return (cmp, kept) if ret_kept else cmp
    return step


def _std_at(j, B, N, D):
    return j.view(B, 1, 1, 1).expand(B, 1, N, D)


def _at_lastdim(j, B, N, D):
    return j.view(1, 1, 1, B).expand(B, 1, N, D)  # (B == D: idx[b, 0, h, e] = j[e])


def _at_headdim(j, B, N, D):
    return j.view(1, 1, B, 1).expand(B, 1, N, D)  # (B == N: idx[b, 0, h, e] = j[h])


def _at_heads_dims(j, B, N, D):
    return j.view(1, 1, N, D).expand(B, 1, N, D)  # (B == N * D: idx[b, 0, h, e] = j[h * D + e])


def _at_none_headdim(j, B, N, D):
    return j[None, None, :, None].expand(B, 1, N, D)  # (B == N: unsqueezes, as user code spells it)


def _at_1d(j, B, N, D):
    return j.expand(B, 1, N, D)  # (j [B], B == D: along the last dim)


def _at_first_only(j, B, N, D):
    return j[:1].expand(B, 1, N, D)  # (j[0] for every row: a [1] index)


def _at_reshape_lastdim(j, B, N, D):
    return j.reshape(1, B).reshape(1, 1, 1, B).expand(B, 1, N, D)


def _at_unsqueezed(j, B, N, D):
    return j[:, None, None, None].expand(B, 1, N, D)


def _kept_other(cmp, at, j):
    return cmp.gather(1, (j + 1).clamp(max=M - 1).view(-1, 1, 1, 1).expand_as(at))


def _kept_clone(cmp, at, j):
    return cmp.clone().gather(1, at)


def _j_rolled(lens):
    return _entry(lens).roll(1)


def _j_max(lens):
    return _entry(lens).max().expand(lens.shape[0]).contiguous()


# --- 2. dense_window_reads: gather(2, ...) ---------------------------------------------------------------
def _gathered(pos_view, S_rows=None):
    """Windows ``dense.gather(2, pos_view(pos, B).expand(B, N, l, D))``, the usual compressed row write."""
    def step(kv, w, slots, table, lens, cache):
        B, N, D = lens.shape[0], kv.shape[1], kv.shape[3]
        pos = positions(lens)
        win = kv.gather(2, pos_view(pos, B).expand(B, N, L, D))  # [B, N, l, D]
        new = (win.float() * w.float().t()[None, :, :, None]).sum(2)
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
        return cache
    return step


def _pos_std(pos, B):
    return pos.view(B, 1, L, 1)


def _pos_square_transposed(pos, B):
    return pos.t().contiguous().t().reshape(B, 1, L, 1)  # (a copy in the chain: a reshape of a [B, l] clone)


def _pos_via_flat(pos, B):
    return pos.flatten().view(B, 1, L, 1)


def _pos_int32(pos, B):
    return pos.int().view(B, 1, L, 1)


def _gathered_attention_too(kv, w, slots, table, lens, cache):
    """The step plus an attention read of every position (a second gather of the same cache, other positions)."""
    B, (_, N, T, D) = lens.shape[0], kv.shape
    step = _gathered(_pos_std)
    step(kv, w, slots, table, lens, cache)
    allpos = torch.arange(T).expand(B, T)
    return cache, kv.gather(2, allpos.view(B, 1, T, 1).expand(B, N, T, D)).float().nan_to_num().sum((2, 3))


def _gathered_heads_reversed(kv, w, slots, table, lens, cache):
    """The window of a head-reversed view of the cache (gather over x.flip(1))."""
    return _gathered(_pos_std)(kv.flip(1), w, slots, table, lens, cache)


# --- 3. dense_window_reads: unfold(2, l, d)[rows, :, i] --------------------------------------------------
def _unfolded(rows_of=lambda B, t: torch.arange(B), i_of=lambda lens, W: _entry(lens) - W, step_d=STRIDE,
              size_l=L, x_of=lambda kv: kv, extra_read=False):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        x = x_of(kv)
        windows = x.unfold(2, size_l, step_d)  # [S, N, W, D, l]
        win = windows[rows_of(B, table), :, i_of(lens, windows.shape[2])]  # [B, N, D, l]
        new = (win.float() * w.float().t()[None, :, None, :]).sum(-1)
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
        if extra_read:
            other = windows[rows_of(B, table), :, torch.zeros_like(lens.long())]
            return cache, other.float().nan_to_num().sum((1, 2, 3))
        return cache
    return step


def _unfold_step_gt_size(kv, w, slots, table, lens, cache):
    """unfold(2, 32, 48): windows of l = 32 every 48 tokens, compressed when (s - 32) % 48 == 0."""
    B = lens.shape[0]
    windows = kv.unfold(2, L, 48)
    i = ((lens.long() - L) // 48).clamp(min=0)
    win = windows[torch.arange(B), :, i]
    new = (win.float() * w.float().t()[None, :, None, :]).sum(-1)
    s = slots.long()
    valid = (lens >= L) & ((lens - L) % 48 == 0)
    cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[s])
    return cache


# --- 4. head-major caches ---------------------------------------------------------------------------------
def _hm(cond_of=lambda v: v[None, :, None], kept_of=lambda cmp, s: cmp[:, s], cast=None, new_cast=None,
        index_of=lambda slots: slots.long()):
    """Head-major KV ``[N, NB, P, D]`` (flat view read) and compressed cache ``[N, S, D]`` written
    ``cmp[:, s] = cast(where(cond_of(valid), new, kept_of(cmp, s)))``."""
    def step(kv, w, slots, table, lens, cache):
        N, _, P, D = kv.shape
        pos = positions(lens)
        tok = kv.view(N, -1, D)[:, table.long().gather(1, pos // P) * P + pos % P]  # [N, B, l, D]
        new = torch.einsum("nbjd,jn->nbd", tok.float(), w.float())
        new = new.to(cache.dtype) if new_cast is None else new_cast(new)
        s = index_of(slots)
        sel = torch.where(cond_of(completes(lens)), new, kept_of(cache, s))
        cache[:, s] = sel if cast is None else cast(sel)
        return cache
    return step


def _hm_paged_read_as_offset_major(kv, w, slots, table, lens, cache):
    """A [N, P, NB, D] KV (offset before block) read through kv[:, pos % P, page]: the head_major guess would view it
    as [P, NB, N, D] pages of NB tokens."""
    N, P, NB, D = kv.shape
    pos = positions(lens)
    tok = kv[:, pos % P, table.long().gather(1, pos // P)]  # [N, B, l, D]
    new = torch.einsum("nbjd,jn->nbd", tok.float(), w.float()).to(cache.dtype)
    s = slots.long()
    cache[:, s] = torch.where(completes(lens)[None, :, None], new, cache[:, s])
    return cache


def _offset_major(batches, N=2, D=16):
    def make():
        out = []
        for a in _head_major(batches, N=N, D=D)():
            a[0] = a[0].permute(0, 2, 1, 3).contiguous()  # [N, P, NB, D]
            out.append(a)
        return out
    return make


def _hm_cache_of_row_major(kv, w, slots, table, lens, cache):
    """The head-major cache is a transposed view of a row-major [S, N, D] input."""
    return _hm()(kv, w, slots, table, lens, cache.transpose(0, 1))


def _row_major_cache(batches):
    def make():
        out = []
        for a in _head_major(batches)():
            a[5] = a[5].transpose(0, 1).contiguous()  # [S, N, D]
            out.append(a)
        return out
    return make


# --- 5. a latent cache appended through its flat view (roles._reshape_of_write) ---------------------------
def _latent(append_into_clone=False, write_window_after=False, shift_append=0):
    """``kv [NB, P, C]`` appended ``kv.view(-1, C)[slots_kv] = x`` (here: the row's newest token written from
    ``x`` = a function of the lengths), then the step reads windows of ``kv`` as an N = 1 cache."""
    def step(kv, w, slots, table, lens, cache):
        NB, P, C = kv.shape
        last = (lens.long() - 1).clamp(min=0)
        kv_slot = table.long().gather(1, (last // P)[:, None])[:, 0] * P + last % P
        target = kv.clone() if append_into_clone else kv
        x = (lens.float()[:, None] / 64 + torch.arange(C, dtype=torch.float32)).to(kv.dtype)
        target.view(-1, C)[kv_slot + shift_append] = x
        if write_window_after:
            target.view(-1, C)[kv_slot] = x * 2
        tok = target[table.long().gather(1, positions(lens) // P), positions(lens) % P]  # [B, l, C]
        new = (tok.float() * w.float()[None, :, 0, None]).sum(1)[:, None, :]  # [B, 1, C]
        s = slots.long()
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
        return cache, kv
    return step


def _latent_inputs(batches, C=16):
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, N=1, D=C, pages=4, seed=k, dtype=F32, specials=False)
            kv, w, slots, table, lens, cache = a.args
            out.append([kv[:, :, 0].contiguous(), w, slots, table, lens, cache])
        return out
    return make


# --- 6. reads and writes around the rewritten reads (ordering, views with an offset) --------------------------
def _overwrite_last(kv, lens):
    """Overwrite position s - 1 (the window's last token) of every row of a dense [S, N, T, D] cache with 7."""
    B, N, D = lens.shape[0], kv.shape[1], kv.shape[3]
    last = (lens.long() - 1).clamp(min=0)
    kv.scatter_(2, last.view(B, 1, 1, 1).expand(B, N, 1, D), torch.full((B, N, 1, D), 7.0, dtype=kv.dtype))


def _gathered_then_overwritten(kv, w, slots, table, lens, cache):
    """The window read by gather(2, ...), then its last token overwritten in place (the step must read the old one)."""
    cache = _gathered(_pos_std)(kv, w, slots, table, lens, cache)
    _overwrite_last(kv, lens)
    return cache, kv


def _overwritten_then_gathered(kv, w, slots, table, lens, cache):
    """The window's last token overwritten first (an append), then read by gather(2, ...)."""
    _overwrite_last(kv, lens)
    return _gathered(_pos_std)(kv, w, slots, table, lens, cache), kv


def _unfolded_then_overwritten(kv, w, slots, table, lens, cache):
    cache = _unfolded()(kv, w, slots, table, lens, cache)
    _overwrite_last(kv, lens)
    return cache, kv


def _unfold_view_then_overwritten(kv, w, slots, table, lens, cache):
    """windows = kv.unfold(...) taken first, kv overwritten in place, then windows indexed (reads the new token)."""
    B = lens.shape[0]
    windows = kv.unfold(2, L, STRIDE)
    _overwrite_last(kv, lens)
    win = windows[torch.arange(B), :, _entry(lens) - windows.shape[2]]
    new = (win.float() * w.float().t()[None, :, None, :]).sum(-1)
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
    return cache, kv


def _dense_padded(batches, front=1):
    """_dense with ``front`` NaN tokens before position 0 (the step reads ``kv[:, :, front:]``)."""
    def make():
        out = []
        for a in _dense(batches)():
            pad = torch.full((*a[0].shape[:2], front, a[0].shape[3]), float("nan"), dtype=a[0].dtype)
            a[0] = torch.cat([pad, a[0]], 2)
            out.append(a)
        return out
    return make


def _hm_kv_overwritten_after_read(kv, w, slots, table, lens, cache):
    """Head-major step, then the window's last token of every row overwritten in the [N, NB, P, D] KV."""
    cache = _hm()(kv, w, slots, table, lens, cache)
    N, _, P, D = kv.shape
    last = (lens.long() - 1).clamp(min=0)
    flat = table.long().gather(1, (last // P)[:, None])[:, 0] * P + last % P
    kv.view(N, -1, D)[:, flat] = 7.0
    return cache, kv


def _hm_slice_of_bigger(kv, w, slots, table, lens, cache):
    """The [N, S, D] cache is big[:, :S] of an [N, S + 5, D] input."""
    return _hm()(kv, w, slots, table, lens, cache[:, : cache.shape[1] - 5])


def _bigger_hm_cache(batches):
    def make():
        out = []
        for a in _head_major(batches)():
            a[5] = torch.cat([a[5], torch.full((a[5].shape[0], 5, a[5].shape[2]), 3.0)], 1)
            out.append(a)
        return out
    return make


def _scatter_then_attention(kv, w, slots, table, lens, cmp):
    """The scatter step, then a read of every entry of the per-request cache (the compressed attention)."""
    cmp = _scatter(_std_at)(kv, w, slots, table, lens, cmp)
    return cmp, cmp.float().nan_to_num().sum((1, 2, 3))


def _hm_two_steps(kv, w, slots, table, lens, cache):
    """Two head-major steps into one [N, S, D] cache (the second at other slots, with the weight negated)."""
    cache = _hm()(kv, w, slots, table, lens, cache)
    return _hm()(kv, -w, _other_slots(slots, cache.shape[1]), table,
                 lens, cache)


def _other_slots(slots, S):
    """Slots no row of ``slots`` names: S - 1 - slots reflected (build's slots lie in [0, 2B + 5), S = 2B + 5)."""
    return (S - 1 - slots.long()).flip(0)


def _scatter_two_steps(kv, w, slots, table, lens, cmp):
    """Two scatter steps into one per-request cache: entry j, then entry 14 - j with the weight negated."""
    cmp = _scatter(_std_at)(kv, w, slots, table, lens, cmp)
    return _scatter(_std_at, j_of=lambda lens: M - 1 - _entry(lens))(kv, -w, slots, table, lens, cmp)


def _latent_fresh_buffer(kv, w, slots, table, lens, cache):
    """The latent step reads a fresh buffer written through its flat view (zeros, the newest token, every window
    read from it): the reshape of that write is the paged input."""
    NB, P, C = kv.shape
    last = (lens.long() - 1).clamp(min=0)
    kv_slot = table.long().gather(1, (last // P)[:, None])[:, 0] * P + last % P
    buf = torch.zeros(NB * P, C, dtype=kv.dtype)
    buf[kv_slot] = kv.view(-1, C)[kv_slot] * 2
    pages = buf.view(NB, P, C)
    tok = pages[table.long().gather(1, positions(lens) // P), positions(lens) % P]
    new = (tok.float() * w.float()[None, :, 0, None]).sum(1)[:, None, :]
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
    return cache


def _one_buffer(parts):
    """The step's inputs packed into one flat fp32 buffer (passed as ``kv``; ``cache`` a [1] dummy): the step views
    the KV and the compressed cache out of it (two views of one input, disjoint)."""
    def make():
        out = []
        for a in parts():
            kv, cache = a[0], a[5]
            buf = torch.cat([kv.flatten(), cache.flatten()])
            out.append([buf, a[1], a[2], a[3], a[4], torch.zeros(1)])
        return out
    return make


def _views_of_one_buffer(inner, kv_shape, cache_shape):
    def step(buf, w, slots, table, lens, dummy):
        n = 1
        for k in kv_shape:
            n *= k
        kv, cache = buf[:n].view(kv_shape), buf[n:].view(cache_shape)
        inner(kv, w, slots, table, lens, cache)
        return buf
    return step


S, SB, ALL = ("static",), ("static", "batch"), ("static", "batch", "dynamic")
ATTACKS = [
    # 1. scatter along dim 1 into [S, M, N, D]
    ("sc_control", _mk(_scatter(_std_at), _per_request([8, 6], S=8), ALL),
     "control: j.view(B, 1, 1, 1).expand(B, 1, N, D), kept cmp.gather(1, same)"),
    ("sc_view_lastdim_b_eq_d", _mk(_scatter(_at_lastdim), _per_request([16]), S),
     "j.view(1, 1, 1, B).expand(B, 1, N, D), B == D: idx[b, 0, h, e] = j[e], not j[b]"),
    ("sc_view_headdim_b_eq_n", _mk(_scatter(_at_headdim), _per_request([4], N=4), S),
     "j.view(1, 1, B, 1).expand(B, 1, N, D), B == N: idx[b, 0, h, e] = j[h]"),
    ("sc_view_heads_dims_b_eq_nd", _mk(_scatter(_at_heads_dims), _per_request([32]), S),
     "j.view(1, 1, N, D).expand(B, 1, N, D), B == N * D: idx[b, 0, h, e] = j[h * D + e]"),
    ("sc_view_lastdim_fp16", _mk(_scatter(_at_lastdim), _per_request([16], dtype=torch.float16), S),
     "sc_view_lastdim_b_eq_d with fp16 caches"),
    ("sc_none_index_headdim_b_eq_n", _mk(_scatter(_at_none_headdim), _per_request([4], N=4), S),
     "j[None, None, :, None].expand(B, 1, N, D), B == N (unsqueezes: the second hop is checked)"),
    ("sc_1d_expand_b_eq_d", _mk(_scatter(_at_1d), _per_request([16]), S),
     "j ([B]) expanded directly to [B, 1, N, D], B == D: along the last dim"),
    ("sc_first_only", _mk(_scatter(_at_first_only), _per_request([8]), S),
     "j[:1].expand(B, 1, N, D): every row writes entry j[0] of its own request"),
    ("sc_reshape_chain_lastdim", _mk(_scatter(_at_reshape_lastdim), _per_request([16]), S),
     "j.reshape(1, B).reshape(1, 1, 1, B).expand: two hops, the second checked [1, B]"),
    ("sc_unsqueezed", _mk(_scatter(_at_unsqueezed), _per_request([8, 6], S=8), SB),
     "control: j[:, None, None, None].expand(B, 1, N, D)"),
    ("sc_kept_other_entry", _mk(_scatter(_std_at, kept_of=_kept_other), _per_request([8]), S),
     "kept read at entry j + 1 (gather at another index)"),
    ("sc_kept_of_a_clone", _mk(_scatter(_std_at, kept_of=_kept_clone), _per_request([8]), S),
     "kept read from cmp.clone().gather(1, same): not x's reader"),
    ("sc_kept_also_returned", _mk(_scatter(_std_at, ret_kept=True), _per_request([8]), S),
     "the kept gather is also an output (other readers of the rerouted node)"),
    ("sc_src_bigger", _mk(_scatter(_std_at, src_extra=lambda s: torch.cat([s, s * 2], 1)), _per_request([8]), S),
     "src [B, 2, N, D] for an index [B, 1, N, D]: scatter reads src[:, :1]"),
    ("sc_dim_minus3", _mk(_scatter(_std_at, dim=-3), _per_request([8]), S), "scatter_(-3, ...)"),
    ("sc_j_rolled", _mk(_scatter(_std_at, j_of=_j_rolled), _per_request([8]), S),
     "j computed from the previous row (roll)"),
    ("sc_j_duplicated_max", _mk(_scatter(_std_at, j_of=_j_max), _per_request([8]), S),
     "one j (the max over rows) for every row"),
    ("sc_more_requests_than_batch", _mk(_scatter(_std_at), _per_request([5, 3], S=9), SB),
     "S = 9 requests, batches 5 and 3"),
    ("sc_fp16_cache", _mk(_scatter(_std_at), _per_request([8], dtype=torch.float16), S), "fp16 cache"),
    # 2. gather(2, ...) windows of [S, N, T, D]
    ("gw_control", _mk(_gathered(_pos_std), _dense([8, 6]), ALL), "control: gather(2, pos.view(B,1,l,1).expand)"),
    ("gw_pos_square_transposed", _mk(_gathered(_pos_square_transposed), _dense([32]), S),
     "B == l; pos through t().contiguous().t().reshape (a clone in the chain)"),
    ("gw_pos_via_flat", _mk(_gathered(_pos_via_flat), _dense([8]), S), "pos.flatten().view(B, 1, l, 1)"),
    ("gw_pos_int32", _mk(_gathered(_pos_int32), _dense([8]), S), "int32 gather index"),
    ("gw_more_rows_than_batch", _mk(_gathered(_pos_std), _dense([8], S_extra=3), S),
     "S = B + 3 cache rows (NaN)"),
    ("gw_attention_too", _mk(_gathered_attention_too, _dense([8]), S),
     "a second gather of the same cache at every position (attention)"),
    ("gw_heads_reversed", _mk(_gathered_heads_reversed, _dense([8]), S), "window of x.flip(1)"),
    # 3. unfold(2, l, d)[rows, :, i]
    ("uf_control_negative_i", _mk(_unfolded(), _dense([8, 6]), ALL), "control: i - W (negative, wrapped)"),
    ("uf_i_nonnegative", _mk(_unfolded(i_of=lambda lens, W: _entry(lens)), _dense([8]), S), "i in [0, W)"),
    ("uf_i_unclamped_wraps", _mk(_unfolded(i_of=lambda lens, W: (lens.long() - L) // STRIDE), _dense([8]), S),
     "i = (s - l) // d unclamped: -2 on short rows, wrapped to W - 2 (read, not written)"),
    ("uf_i_int32", _mk(_unfolded(i_of=lambda lens, W: (_entry(lens) - W).int()), _dense([8]), S), "int32 i"),
    ("uf_rows_int32", _mk(_unfolded(rows_of=lambda B, t: torch.arange(B, dtype=torch.int32)), _dense([8]), S),
     "int32 rows, int64 i"),
    ("uf_rows_from_input", _mk(_unfolded(rows_of=lambda B, t: t), _dense([8]), S), "rows an input arange"),
    ("uf_rows_reversed", _mk(_unfolded(rows_of=lambda B, t: t.flip(0)), _dense([8]), S),
     "rows reversed: not a per-row page"),
    ("uf_rows_negative", _mk(_unfolded(rows_of=lambda B, t: torch.arange(B) - B), _dense([8]), S),
     "rows arange(B) - B (wrapped)"),
    ("uf_step_gt_size", _mk(_unfold_step_gt_size, _dense([8]), S), "unfold(2, 32, 48)"),
    ("uf_x_sliced", _mk(_unfolded(x_of=lambda kv: kv[:, :, 1:]), _dense([8]), S),
     "unfold of x[:, :, 1:] (window one late: reads p + 1)"),
    ("uf_x_transposed_view", _mk(_unfolded(x_of=lambda kv: kv.transpose(2, 3).contiguous().transpose(2, 3)),
                                 _dense([8]), S), "x a transposed-back copy (strides [.., 1, T])"),
    ("uf_second_read", _mk(_unfolded(extra_read=True), _dense([8]), S), "a second read of the unfold (window 0)"),
    ("uf_uint8_i_mask", _mk(_unfolded(i_of=lambda lens, W: torch.ones(W, dtype=torch.uint8)), _dense([15]), S),
     "uint8 i of W ones: a mask in eager (window b for row b), integer 1 if read as an index"),
    # 4. head-major caches
    ("hm_control", _mk(_hm(), _head_major([8, 6]), ALL), "control: cmp[:, s] = where(valid[None, :, None], ...)"),
    ("hm_cond_2d", _mk(_hm(cond_of=lambda v: v[:, None]), _head_major([8]), S), "cond [B, 1] (rank 2)"),
    ("hm_cond_1d_b_eq_d", _mk(_hm(cond_of=lambda v: v), _head_major([16]), S),
     "cond [B] (rank 1), B == D: broadcast along D"),
    ("hm_kept_other_slots", _mk(_hm(kept_of=lambda c, s: c[:, s.flip(0)]), _head_major([8]), S),
     "kept read at the slots reversed"),
    ("hm_kept_head_flipped", _mk(_hm(kept_of=lambda c, s: c.flip(0)[:, s]), _head_major([8]), S),
     "kept read from the heads reversed"),
    ("hm_cast_after_where", _mk(_hm(new_cast=lambda n: n, cast=lambda x: x.half().float()), _head_major([8]), S),
     "fp32 select, rounded through fp16 before the write (lossy)"),
    ("hm_fp16_cast_after_where", _mk(_hm(new_cast=lambda n: n, cast=lambda x: x.half()),
                                     _head_major([8], dtype=torch.float16), S),
     "fp16 cache, select in fp32 then .half()"),
    ("hm_dup_slots_on_kept_rows", _mk(_hm(), _head_major([8], dup_kept=True), S),
     "rows that write nothing share one dummy slot"),
    ("hm_int32_slots", _mk(_hm(index_of=lambda s: s.int()), _head_major([8]), S), "int32 index"),
    ("hm_cache_of_row_major", _mk(_hm_cache_of_row_major, _row_major_cache([8]), S),
     "the [N, S, D] cache a transposed view of a [S, N, D] input"),
    ("hm_kv_offset_major", _mk(_hm_paged_read_as_offset_major, _offset_major([8]), S),
     "KV [N, P, NB, D] (N, D outer): the head_major guess views it as pages of NB tokens"),
    ("hm_bf16", _mk(_hm(), _head_major([8], dtype=torch.bfloat16), S), "bf16 caches"),
    ("hm_kv_overwritten_after_read", _mk(_hm_kv_overwritten_after_read, _head_major([8]), S),
     "the KV's window tokens overwritten after the step reads them"),
    ("hm_cache_slice_of_bigger", _mk(_hm_slice_of_bigger, _bigger_hm_cache([8]), S),
     "the [N, S, D] cache a slice big[:, :S] (rows strided, S + 5 per head)"),
    # 5. latent appended through a flat view
    ("lat_control", _mk(_latent(), _latent_inputs([8]), S), "control: kv.view(-1, C)[slot] = x, then the step"),
    ("lat_append_into_clone", _mk(_latent(append_into_clone=True), _latent_inputs([8]), S),
     "the append into a clone of kv, the step reads the clone"),
    ("lat_window_rewritten_after", _mk(_latent(write_window_after=True), _latent_inputs([8]), S),
     "a second flat write after the append (same slot, x * 2)"),
]
ATTACKS += [
    # 6. ordering around the rewritten reads, views with an offset
    ("gw_then_overwritten", _mk(_gathered_then_overwritten, _dense([8]), S),
     "gather(2) window read, then its last token overwritten in place"),
    ("gw_overwritten_then_read", _mk(_overwritten_then_gathered, _dense([8]), S),
     "last token overwritten (an append), then the gather(2) window read"),
    ("uf_then_overwritten", _mk(_unfolded_then_overwritten, _dense([8]), S),
     "unfold window read, then its last token overwritten in place"),
    ("uf_view_then_overwritten", _mk(_unfold_view_then_overwritten, _dense([8]), S),
     "the unfold view taken, kv overwritten, then the view indexed (reads the new token)"),
    ("uf_x_offset_view", _mk(_unfolded(x_of=lambda kv: kv[:, :, 1:]), _dense_padded([8]), S),
     "unfold of kv[:, :, 1:] (a storage offset) holding the right tokens"),
    ("gw_x_offset_view", _mk(lambda kv, *a: _gathered(_pos_std)(kv[:, :, 1:], *a), _dense_padded([8]), S),
     "gather(2) of kv[:, :, 1:] (a storage offset) holding the right tokens"),
    ("hm_two_steps_one_cache", _mk(_hm_two_steps, _head_major([8]), S),
     "two head-major steps into one [N, S, D] cache (disjoint slots)"),
    ("sc_two_steps_one_cache", _mk(_scatter_two_steps, _per_request([8]), S),
     "two scatter steps into one per-request cache (entries j and 14 - j)"),
    ("lat_fresh_buffer", _mk(_latent_fresh_buffer, _latent_inputs([8]), S),
     "a fresh zero buffer written through its flat view, read as the paged input"),
    ("sc_kv_and_cmp_one_buffer", _mk(_views_of_one_buffer(_scatter(_std_at), (35, 64, 2, 16), (8, M, 2, 16)),
                                      _one_buffer(_per_request([8])), S),
     "the paged KV and the per-request cache two disjoint views of one input buffer"),
    ("hm_kv_and_cmp_one_buffer", _mk(_views_of_one_buffer(_hm(), (2, 35, 64, 16), (2, 21, 16)),
                                     _one_buffer(_head_major([8])), S),
     "head-major KV and cache two disjoint views of one input buffer"),
    ("gw_kv_and_cmp_one_buffer", _mk(_views_of_one_buffer(_gathered(_pos_std), (8, 2, 256, 16), (21, 2, 16)),
                                     _one_buffer(_dense([8])), S),
     "dense [B, N, T, D] KV and the compressed cache two disjoint views of one input buffer"),
    ("sc_then_attention", _mk(_scatter_then_attention, _per_request([8]), S),
     "the scatter step, then a read of every entry"),
]
# First-try results (attack, dialect, mode, result); "inductor" is real Inductor codegen (confirmation runs).
_FF, _EQ, _R, _CCT, _CD = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CONTROL CRASHES TOO", "CONTROL DIFFERS"
_FIRST = [
    ('sc_control', 'inductor_graph', 'static', _EQ),
    ('sc_control', 'inductor_graph', 'batch', _EQ),
    ('sc_control', 'inductor_graph', 'dynamic', _R),
    ('sc_view_lastdim_b_eq_d', 'inductor_graph', 'static', _FF),
    ('sc_view_headdim_b_eq_n', 'inductor_graph', 'static', _FF),
    ('sc_1d_expand_b_eq_d', 'inductor_graph', 'static', _FF),
    ('sc_first_only', 'inductor_graph', 'static', _R),
    ('sc_reshape_chain_lastdim', 'inductor_graph', 'static', _R),
    ('sc_unsqueezed', 'inductor_graph', 'static', _EQ),
    ('sc_unsqueezed', 'inductor_graph', 'batch', _EQ),
    ('sc_kept_other_entry', 'inductor_graph', 'static', _R),
    ('sc_kept_of_a_clone', 'inductor_graph', 'static', _EQ),
    ('sc_kept_also_returned', 'inductor_graph', 'static', _EQ),
    ('sc_src_bigger', 'inductor_graph', 'static', _R),
    ('sc_dim_minus3', 'inductor_graph', 'static', _EQ),
    ('sc_j_rolled', 'inductor_graph', 'static', _EQ),
    ('sc_j_duplicated_max', 'inductor_graph', 'static', _R),
    ('sc_more_requests_than_batch', 'inductor_graph', 'static', _EQ),
    ('sc_more_requests_than_batch', 'inductor_graph', 'batch', _EQ),
    ('sc_fp16_cache', 'inductor_graph', 'static', _EQ),
    ('gw_control', 'inductor_graph', 'static', _EQ),
    ('gw_control', 'inductor_graph', 'batch', _EQ),
    ('gw_control', 'inductor_graph', 'dynamic', _EQ),
    ('gw_pos_square_transposed', 'inductor_graph', 'static', _EQ),
    ('gw_pos_via_flat', 'inductor_graph', 'static', _EQ),
    ('gw_pos_int32', 'inductor_graph', 'static', _EQ),
    ('gw_more_rows_than_batch', 'inductor_graph', 'static', _EQ),
    ('gw_attention_too', 'inductor_graph', 'static', _EQ),
    ('gw_heads_reversed', 'inductor_graph', 'static', _R),
    ('uf_control_negative_i', 'inductor_graph', 'static', _EQ),
    ('uf_control_negative_i', 'inductor_graph', 'batch', _EQ),
    ('uf_control_negative_i', 'inductor_graph', 'dynamic', _EQ),
    ('uf_i_nonnegative', 'inductor_graph', 'static', _EQ),
    ('uf_i_unclamped_wraps', 'inductor_graph', 'static', _EQ),
    ('uf_i_int32', 'inductor_graph', 'static', _EQ),
    ('uf_rows_int32', 'inductor_graph', 'static', _EQ),
    ('uf_rows_from_input', 'inductor_graph', 'static', _R),
    ('uf_rows_reversed', 'inductor_graph', 'static', _R),
    ('uf_rows_negative', 'inductor_graph', 'static', _R),
    ('uf_step_gt_size', 'inductor_graph', 'static', _R),
    ('uf_x_sliced', 'inductor_graph', 'static', _R),
    ('uf_x_transposed_view', 'inductor_graph', 'static', _EQ),
    ('uf_second_read', 'inductor_graph', 'static', _EQ),
    ('uf_uint8_i_mask', 'inductor_graph', 'static', _CCT),
    ('hm_control', 'inductor_graph', 'static', _EQ),
    ('hm_control', 'inductor_graph', 'batch', _EQ),
    ('hm_control', 'inductor_graph', 'dynamic', _EQ),
    ('hm_cond_2d', 'inductor_graph', 'static', _EQ),
    ('hm_cond_1d_b_eq_d', 'inductor_graph', 'static', _R),
    ('hm_kept_other_slots', 'inductor_graph', 'static', _R),
    ('hm_kept_head_flipped', 'inductor_graph', 'static', _R),
    ('hm_cast_after_where', 'inductor_graph', 'static', _R),
    ('hm_fp16_cast_after_where', 'inductor_graph', 'static', _EQ),
    ('hm_dup_slots_on_kept_rows', 'inductor_graph', 'static', _EQ),
    ('hm_int32_slots', 'inductor_graph', 'static', _EQ),
    ('hm_cache_of_row_major', 'inductor_graph', 'static', _EQ),
    ('hm_kv_offset_major', 'inductor_graph', 'static', _R),
    ('lat_control', 'inductor_graph', 'static', _EQ),
    ('lat_append_into_clone', 'inductor_graph', 'static', _EQ),
    ('lat_window_rewritten_after', 'inductor_graph', 'static', _EQ),
    ('sc_control', 'torchair_like', 'static', _EQ),
    ('sc_control', 'torchair_like', 'batch', _EQ),
    ('sc_control', 'torchair_like', 'dynamic', _R),
    ('sc_view_lastdim_b_eq_d', 'torchair_like', 'static', _FF),
    ('sc_view_headdim_b_eq_n', 'torchair_like', 'static', _FF),
    ('sc_1d_expand_b_eq_d', 'torchair_like', 'static', _FF),
    ('sc_first_only', 'torchair_like', 'static', _R),
    ('sc_reshape_chain_lastdim', 'torchair_like', 'static', _R),
    ('sc_unsqueezed', 'torchair_like', 'static', _EQ),
    ('sc_unsqueezed', 'torchair_like', 'batch', _EQ),
    ('sc_kept_other_entry', 'torchair_like', 'static', _R),
    ('sc_kept_of_a_clone', 'torchair_like', 'static', _R),
    ('sc_kept_also_returned', 'torchair_like', 'static', _EQ),
    ('sc_src_bigger', 'torchair_like', 'static', _R),
    ('sc_dim_minus3', 'torchair_like', 'static', _EQ),
    ('sc_j_rolled', 'torchair_like', 'static', _EQ),
    ('sc_j_duplicated_max', 'torchair_like', 'static', _R),
    ('sc_more_requests_than_batch', 'torchair_like', 'static', _EQ),
    ('sc_more_requests_than_batch', 'torchair_like', 'batch', _EQ),
    ('sc_fp16_cache', 'torchair_like', 'static', _EQ),
    ('gw_control', 'torchair_like', 'static', _EQ),
    ('gw_control', 'torchair_like', 'batch', _EQ),
    ('gw_control', 'torchair_like', 'dynamic', _EQ),
    ('gw_pos_square_transposed', 'torchair_like', 'static', _EQ),
    ('gw_pos_via_flat', 'torchair_like', 'static', _EQ),
    ('gw_pos_int32', 'torchair_like', 'static', _EQ),
    ('gw_more_rows_than_batch', 'torchair_like', 'static', _EQ),
    ('gw_attention_too', 'torchair_like', 'static', _EQ),
    ('gw_heads_reversed', 'torchair_like', 'static', _R),
    ('uf_control_negative_i', 'torchair_like', 'static', _EQ),
    ('uf_control_negative_i', 'torchair_like', 'batch', _EQ),
    ('uf_control_negative_i', 'torchair_like', 'dynamic', _EQ),
    ('uf_i_nonnegative', 'torchair_like', 'static', _EQ),
    ('uf_i_unclamped_wraps', 'torchair_like', 'static', _EQ),
    ('uf_i_int32', 'torchair_like', 'static', _EQ),
    ('uf_rows_int32', 'torchair_like', 'static', _EQ),
    ('uf_rows_from_input', 'torchair_like', 'static', _R),
    ('uf_rows_reversed', 'torchair_like', 'static', _R),
    ('uf_rows_negative', 'torchair_like', 'static', _R),
    ('uf_step_gt_size', 'torchair_like', 'static', _R),
    ('uf_x_sliced', 'torchair_like', 'static', _R),
    ('uf_x_transposed_view', 'torchair_like', 'static', _EQ),
    ('uf_second_read', 'torchair_like', 'static', _EQ),
    ('uf_uint8_i_mask', 'torchair_like', 'static', _CCT),
    ('hm_control', 'torchair_like', 'static', _EQ),
    ('hm_control', 'torchair_like', 'batch', _EQ),
    ('hm_control', 'torchair_like', 'dynamic', _EQ),
    ('hm_cond_2d', 'torchair_like', 'static', _EQ),
    ('hm_cond_1d_b_eq_d', 'torchair_like', 'static', _R),
    ('hm_kept_other_slots', 'torchair_like', 'static', _R),
    ('hm_kept_head_flipped', 'torchair_like', 'static', _R),
    ('hm_cast_after_where', 'torchair_like', 'static', _R),
    ('hm_fp16_cast_after_where', 'torchair_like', 'static', _EQ),
    ('hm_dup_slots_on_kept_rows', 'torchair_like', 'static', _EQ),
    ('hm_int32_slots', 'torchair_like', 'static', _EQ),
    ('hm_cache_of_row_major', 'torchair_like', 'static', _EQ),
    ('hm_kv_offset_major', 'torchair_like', 'static', _R),
    ('lat_control', 'torchair_like', 'static', _EQ),
    ('lat_append_into_clone', 'torchair_like', 'static', _EQ),
    ('lat_window_rewritten_after', 'torchair_like', 'static', _EQ),
    ('sc_control', 'inductor', 'static', _EQ),
    ('sc_control', 'inductor', 'batch', _EQ),
    ('sc_control', 'inductor', 'dynamic', _R),
    ('sc_view_lastdim_b_eq_d', 'inductor', 'static', _FF),
    ('sc_view_headdim_b_eq_n', 'inductor', 'static', _FF),
    ('sc_1d_expand_b_eq_d', 'inductor', 'static', _FF),
    ('sc_more_requests_than_batch', 'inductor', 'static', _EQ),
    ('sc_more_requests_than_batch', 'inductor', 'batch', _EQ),
    ('gw_control', 'inductor', 'static', _EQ),
    ('gw_control', 'inductor', 'batch', _EQ),
    ('gw_control', 'inductor', 'dynamic', _EQ),
    ('gw_pos_int32', 'inductor', 'static', _EQ),
    ('uf_control_negative_i', 'inductor', 'static', _EQ),
    ('uf_control_negative_i', 'inductor', 'batch', _EQ),
    ('uf_control_negative_i', 'inductor', 'dynamic', _EQ),
    ('uf_i_unclamped_wraps', 'inductor', 'static', _EQ),
    ('uf_rows_int32', 'inductor', 'static', _EQ),
    ('hm_control', 'inductor', 'static', _EQ),
    ('hm_control', 'inductor', 'batch', _EQ),
    ('hm_control', 'inductor', 'dynamic', _EQ),
    ('hm_fp16_cast_after_where', 'inductor', 'static', _EQ),
    ('hm_int32_slots', 'inductor', 'static', _EQ),
    ('lat_control', 'inductor', 'static', _EQ),
    ('hm_bf16', 'inductor_graph', 'static', _EQ),
    ('hm_kv_overwritten_after_read', 'inductor_graph', 'static', _EQ),
    ('hm_cache_slice_of_bigger', 'inductor_graph', 'static', _EQ),
    ('gw_then_overwritten', 'inductor_graph', 'static', _EQ),
    ('gw_overwritten_then_read', 'inductor_graph', 'static', _EQ),
    ('uf_then_overwritten', 'inductor_graph', 'static', _EQ),
    ('uf_view_then_overwritten', 'inductor_graph', 'static', _EQ),
    ('uf_x_offset_view', 'inductor_graph', 'static', _R),
    ('gw_x_offset_view', 'inductor_graph', 'static', _R),
    ('sc_then_attention', 'inductor_graph', 'static', _EQ),
    ('hm_bf16', 'torchair_like', 'static', _EQ),
    ('hm_kv_overwritten_after_read', 'torchair_like', 'static', _EQ),
    ('hm_cache_slice_of_bigger', 'torchair_like', 'static', _EQ),
    ('gw_then_overwritten', 'torchair_like', 'static', _EQ),
    ('gw_overwritten_then_read', 'torchair_like', 'static', _EQ),
    ('uf_then_overwritten', 'torchair_like', 'static', _EQ),
    ('uf_view_then_overwritten', 'torchair_like', 'static', _EQ),
    ('uf_x_offset_view', 'torchair_like', 'static', _R),
    ('gw_x_offset_view', 'torchair_like', 'static', _R),
    ('sc_then_attention', 'torchair_like', 'static', _EQ),
    ('hm_bf16', 'inductor', 'static', _EQ),
    ('hm_kv_overwritten_after_read', 'inductor', 'static', _EQ),
    ('hm_cache_slice_of_bigger', 'inductor', 'static', _EQ),
    ('gw_then_overwritten', 'inductor', 'static', _EQ),
    ('gw_overwritten_then_read', 'inductor', 'static', _EQ),
    ('uf_then_overwritten', 'inductor', 'static', _EQ),
    ('uf_view_then_overwritten', 'inductor', 'static', _EQ),
    ('uf_x_offset_view', 'inductor', 'static', _R),
    ('gw_x_offset_view', 'inductor', 'static', _R),
    ('sc_then_attention', 'inductor', 'static', _CD),
    ('sc_view_heads_dims_b_eq_nd', 'inductor_graph', 'static', _FF),
    ('sc_view_lastdim_fp16', 'inductor_graph', 'static', _FF),
    ('sc_view_heads_dims_b_eq_nd', 'torchair_like', 'static', _FF),
    ('sc_view_lastdim_fp16', 'torchair_like', 'static', _FF),
    ('sc_view_heads_dims_b_eq_nd', 'inductor', 'static', _FF),
    ('sc_view_lastdim_fp16', 'inductor', 'static', _FF),
    ('hm_two_steps_one_cache', 'inductor_graph', 'static', _EQ),
    ('sc_two_steps_one_cache', 'inductor_graph', 'static', _EQ),
    ('lat_fresh_buffer', 'inductor_graph', 'static', _EQ),
    ('hm_two_steps_one_cache', 'torchair_like', 'static', _EQ),
    ('sc_two_steps_one_cache', 'torchair_like', 'static', _EQ),
    ('lat_fresh_buffer', 'torchair_like', 'static', _EQ),
    ('hm_two_steps_one_cache', 'inductor', 'static', _EQ),
    ('sc_two_steps_one_cache', 'inductor', 'static', _EQ),
    ('lat_fresh_buffer', 'inductor', 'static', _EQ),
    ('sc_j_rolled', 'inductor_graph', 'batch', _EQ),
    ('gw_pos_int32', 'inductor_graph', 'batch', _EQ),
    ('gw_attention_too', 'inductor_graph', 'batch', _EQ),
    ('uf_i_unclamped_wraps', 'inductor_graph', 'batch', _EQ),
    ('uf_rows_int32', 'inductor_graph', 'batch', _EQ),
    ('hm_cond_2d', 'inductor_graph', 'batch', _EQ),
    ('hm_int32_slots', 'inductor_graph', 'batch', _EQ),
    ('hm_bf16', 'inductor_graph', 'batch', _EQ),
    ('hm_two_steps_one_cache', 'inductor_graph', 'batch', _EQ),
    ('sc_j_rolled', 'inductor_graph', 'dynamic', _R),
    ('gw_pos_int32', 'inductor_graph', 'dynamic', _EQ),
    ('gw_attention_too', 'inductor_graph', 'dynamic', _EQ),
    ('uf_i_unclamped_wraps', 'inductor_graph', 'dynamic', _EQ),
    ('uf_rows_int32', 'inductor_graph', 'dynamic', _EQ),
    ('hm_cond_2d', 'inductor_graph', 'dynamic', _EQ),
    ('hm_int32_slots', 'inductor_graph', 'dynamic', _EQ),
    ('hm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('hm_two_steps_one_cache', 'inductor_graph', 'dynamic', _EQ),
    ('sc_j_rolled', 'torchair_like', 'batch', _R),
    ('gw_pos_int32', 'torchair_like', 'batch', _EQ),
    ('gw_attention_too', 'torchair_like', 'batch', _EQ),
    ('uf_i_unclamped_wraps', 'torchair_like', 'batch', _EQ),
    ('uf_rows_int32', 'torchair_like', 'batch', _EQ),
    ('hm_cond_2d', 'torchair_like', 'batch', _EQ),
    ('hm_int32_slots', 'torchair_like', 'batch', _EQ),
    ('hm_bf16', 'torchair_like', 'batch', _EQ),
    ('hm_two_steps_one_cache', 'torchair_like', 'batch', _EQ),
    ('sc_j_rolled', 'torchair_like', 'dynamic', _R),
    ('gw_pos_int32', 'torchair_like', 'dynamic', _EQ),
    ('gw_attention_too', 'torchair_like', 'dynamic', _EQ),
    ('uf_i_unclamped_wraps', 'torchair_like', 'dynamic', _EQ),
    ('uf_rows_int32', 'torchair_like', 'dynamic', _EQ),
    ('hm_cond_2d', 'torchair_like', 'dynamic', _EQ),
    ('hm_int32_slots', 'torchair_like', 'dynamic', _EQ),
    ('hm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('hm_two_steps_one_cache', 'torchair_like', 'dynamic', _EQ),
    ('sc_none_index_headdim_b_eq_n', 'inductor_graph', 'static', _R),
    ('sc_none_index_headdim_b_eq_n', 'torchair_like', 'static', _R),
    ('sc_kv_and_cmp_one_buffer', 'inductor_graph', 'static', _R),
    ('hm_kv_and_cmp_one_buffer', 'inductor_graph', 'static', _R),
    ('gw_kv_and_cmp_one_buffer', 'inductor_graph', 'static', _R),
    ('sc_kv_and_cmp_one_buffer', 'torchair_like', 'static', _R),
    ('hm_kv_and_cmp_one_buffer', 'torchair_like', 'static', _R),
    ('gw_kv_and_cmp_one_buffer', 'torchair_like', 'static', _R),
    ('sc_kv_and_cmp_one_buffer', 'inductor', 'static', _R),
    ('hm_kv_and_cmp_one_buffer', 'inductor', 'static', _R),
    ('gw_kv_and_cmp_one_buffer', 'inductor', 'static', _R),
]
if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
