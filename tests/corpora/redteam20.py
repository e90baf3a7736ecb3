"""Twentieth adversarial review (round 20): this session's additions, 0a646da..e3e6567: (1) cc814a9, dynamic=True
with the batch duck-sized with a KV size guarded and fused (sizes.Generalize._generalize); (2) 0721700, aten.mv in
evaluate.BatchPlan; (3) 47ab898, one-position reads cache[rows, :, t] / cache[rows, t] rewritten into a one-page-per-
row table (rewrite.dense_window_reads / _position_per_row); (4) 72afac9, FlashInfer get_seq_lens lengths seeded like
lengths passed in (sizes._flashinfer_lengths).

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``, the factory returns ``(step,
inputs, modes)``; steps take redteam14's six arguments ``(kv, w, slots, table, lens, cache)`` except the ``fi_``
attacks (``kv_last_page_len`` at arg 4, ``kv_indptr`` appended as arg 6) and ``*sym_divisor*`` (a sized tensor
``z`` appended); classification redteam7's ``classify7``, wrapped by :func:`classify20`: the ``mdyn_`` attacks run
their "batch" mode (mark_dynamic on args 2-4) with ``dynamic=True`` too, reported as mode ``batch+dynamic``.

    python tests/corpora/redteam20.py [--dialect D] [--mode M] [name ...]      # names match as substrings

First try (22:41-23:07 UTC, frozen snapshot of e3e6567 in /tmp/base20, PYTHONPATH=/tmp/base20, run from that
tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1): 64 attacks in 5 themes (fi_ 15, dl_ 21, mv_ 12, duck_/sym_ 11, mdyn_
5), 94 runs per graph dialect plus Inductor codegen confirmations:

    inductor_graph  94 runs: 0 FALSE FUSION / 8 CRASH (6 F1 at run time, 2 F2) / 38 equal / 45 refused /
                    1 control crashes too / 1 control differs / 1 refused (control differs too)
    torchair_like   94 runs: 5 FALSE FUSION (F1) / 2 CRASH (F2) / 38 equal / 48 refused / 1 control crashes too
    inductor        23 runs (confirmations and controls: the fi_ controls and F1, dl_ / mv_ controls in every mode,
                    duck_bp_literal, duck_bd_dims_from_batch, mdyn_tied_check_baked_P, mdyn_untied_baked_P): 0 FALSE
                    FUSION / 3 CRASH (F1 fi_plus_one_clamped and fi_plus_one_guarded at run time, F2) / 14 equal /
                    6 refused

(Before any run, an eager pre-check of every attack caught four attack bugs, fixed before the first try: the 2P
multiplier and t - T read past the table / cache unclamped, pos // B at B = 5 past the table, w[:, :B] at B = 3 not
broadcastable. The two ``*sym_divisor_other_input`` attacks first ran with a second-call divisor past the page
(EAGER FAILS: my attack bug, the offset read past the page); fixed to a table twice as wide and a divisor of 4,
rerun: counted above. ``dl_rows_from_kv`` batch: ConstraintViolationError with NSA_FUSION_DISABLE=1 too (rows =
arange(S) of the unmarked KV). ``mv_vec_row0_inf`` inductor_graph: plain Inductor gives -inf where eager gives NaN
(0 * inf), the pass's numbers are plain Inductor's. ``dl_two_layers_one_rows_node`` inductor_graph dynamic: refused,
and plain Inductor differs from eager the same way (-inf for NaN).)

Findings (/work/briefs/redteam20_findings.md, repros /work/briefs/redteam20_repro_f1.py, _f2.py):

* F1 FALSE FUSION (torchair_like; Inductor codegen and inductor_graph: the fused op RAISES where eager computes;
  static): ``sizes.py`` (the roles proof's seeding, around ``_lengths_source`` / ``_flashinfer_lengths``) strips
  one ``+ 1`` shift (the vLLM positions rule, positions in [-1, capacity - 1]) BEFORE matching the FlashInfer form,
  so ``s = get_seq_lens + 1`` (also ``.long() + 1`` and ``- (-1)``) is accepted and seeded [0, capacity] although
  valid metadata (n_b = table width, last_page_len = P) gives s = capacity + 1.  With P = 17, 15 pages (capacity
  255), s = 256 completes a window; the page index clamp ``(pos // P).clamp(max=width - 1)`` is "proven" a no-op,
  eager reads the clamped page and writes the row; the fused op raises ``ValueError: actual_seq_len[3] = 256
  exceeds the block table's capacity`` (Inductor) or writes nothing (torchair_like: the kept row stays).
  fi_plus_one_clamped, fi_plus_one_long_cast, fi_minus_minus_one (FALSE FUSION torchair_like, CRASH inductor_graph /
  Inductor), fi_plus_one_guarded (the model's own ``s <= capacity`` guard: eager writes nothing, the op raises in
  inductor_graph / Inductor; torchair_like equal), fi_two_layers_plus_one and fi_two_layers_mixed (two layers on one
  metadata, one or both shifted: FALSE FUSION torchair_like, CRASH inductor_graph).
* F2 CRASH (dynamic=True + mark_dynamic on the batch): cc814a9's "ducked" fallback in
  ``sizes.Generalize._generalize`` guards every symbol ``sizes.tied()`` to the step's, the batch's included; its
  argument "only DUCK dims share symbols, so no mark_dynamic dim is specialized" misses ties made by guards
  (``tied()`` follows ``Eq(a, b)`` guards): a marked batch tied to the page size by ``torch._check(B == P)`` or by a
  broadcast ([B] + zeros(P) as an extra output) and a spelling that fails at other sizes (``pos // 8``) is guarded to
  8 and dynamo raises ConstraintViolationError; NSA_FUSION_DISABLE=1 compiles and is eager-equal
  (mdyn_tied_check_baked_P, mdyn_tied_output_baked_P, both graph dialects and Inductor).

Not found (equal or refused): (4) FlashInfer: the form itself (int32 / int64 metadata, P literal, no row at the
capacity), ``- 1`` (refused by the mask), a broadcast ``last_page_len[:1]``, metadata narrowed int64 -> int32 before
the difference, a 2P multiplier (refused), ``+ 1`` at P = 64 (s = 257 never completes: equal); every fi_ attack
refused under dynamic=True (computed lengths).  (3) one-position loops: both layouts, t unclamped (wrapping for
short rows), t - T (always negative: the same elements), int32 rows / t, rows = arange(kv.shape[0]), a KV with
more rows, a double-transposed view, fp16, rows through expand / reshape, B == N, B == D, two layers sharing one
rows node (one over kv.flip(0)) or one fusable and one reversed (equal); odd positions from kv.roll(1, 0), half the
positions from kv.flip(1), the window overwritten in place mid-loop (first or last position), t from another row's
length, a shifted clamped window, a strided repeat of the KV (refused); every dl_ attack refused under dynamic=True
(the w[j] selects).  (2) mv: matmul(w[l], tok[B, l, C]) and explicit mv (static, batch, dynamic, fp16: equal);
rows ordered (n, d, b) read back as (b, n, d) or permuted back, the matrix rolled, its halves swapped by cat, a
square B == N * D transpose, a vector from row 0's tokens (refused or, in inductor_graph, Inductor's own x * 0),
no permute, two mv over the window's halves (refused).  (1) ducked sizes under dynamic=True: B == P with a literal
page size (calls 8, 8, 5, 8), pos // B at B == P == 8 and then 16 (refused), B == N (w[:, :B], w.reshape(L, 4)),
B == D (kv[..., :B] written into cache[..., :B]), B == table width, a second call with more pages, a page size read
from another input's size (z.shape[0] - 1, 9 then 5, B == P and B != P: the second graph recompiles or the step is
refused), mark_dynamic + dynamic=True without a tie (fused, equal) and with a tie but the contract spelling or heads
baked in (refused).
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
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam14 import _dense  # noqa: E402

F32 = torch.float32
S, SB, SD, SBD = ("static",), ("static", "batch"), ("static", "dynamic"), ("static", "batch", "dynamic")
D_ONLY = ("dynamic",)


# --- 4. FlashInfer lengths (sizes._flashinfer_lengths) ------------------------------------------------------
def _fi_meta(f, P, idt=torch.int32):
    """kv_indptr / kv_last_page_len giving get_seq_lens == f (every f >= 1)."""
    f = torch.as_tensor(f, dtype=torch.int64)
    n = (f + P - 1) // P
    lpl = f - (n - 1) * P
    indptr = torch.cat([torch.zeros(1, dtype=torch.int64), n.cumsum(0)])
    return indptr.to(idt), lpl.to(idt)


def _fi_inputs(batches=(8,), P=64, pages=4, shift=0, top=None, dtype=F32, idt=torch.int32, lpl_idt=None):
    """build()'s inputs with kv_last_page_len at arg 4 and kv_indptr appended as arg 6; the metadata gives
    get_seq_lens = lens - shift (at least 1); ``top``: one row gets n_b = pages, last_page_len = P (the
    capacity: valid metadata, docs/contract.md)."""
    def make():
        out = []
        for k, B in enumerate(batches):
            cap = pages * P
            lens = [max(L + STRIDE * ((i * 5) % ((cap - L) // STRIDE + 1)), 1) for i in range(B)]
            lens[1] = 1 + shift  # (f = 1)
            lens[2] = cap - 1 + shift if shift <= 1 else cap
            a = build(B=B, P=P, pages=pages, seed=k, dtype=dtype, lengths=[min(x, cap) for x in lens])
            kv, w, slots, table, _, cache = a.args
            f = [x - shift for x in lens]
            if top is not None:
                f[top] = cap
            indptr, lpl = _fi_meta(f, P, idt)
            out.append([kv, w, slots, table, lpl.to(lpl_idt or idt), cache, indptr])
        return out
    return make


def _gsl(indptr, lpl, P):
    return (indptr[1:] - indptr[:-1] - 1) * P + lpl


def _fi_step(lens_of, clamp_page=False, cond_of=completes):
    def step(kv, w, slots, table, lpl, cache, indptr):
        P = kv.shape[1]
        s = lens_of(indptr, lpl, P)
        pos = positions(s)
        page = pos // P
        if clamp_page:
            page = page.clamp(max=table.shape[1] - 1)
        tok = kv[table.long().gather(1, page), pos % P]
        return write(cache, slots, cond_of(s), pool(tok, w))
    return step


ATTACKS = []


def A(name, step, inputs, modes, notes):
    ATTACKS.append((name, _mk(step, inputs, modes), notes))


A("fi_control", _fi_step(lambda i, q, P: _gsl(i, q, P)), _fi_inputs(), SD, "control: get_seq_lens as lengths")
A("fi_plus_one_clamped", _fi_step(lambda i, q, P: _gsl(i, q, P) + 1, clamp_page=True),
  _fi_inputs(P=17, pages=15, shift=1, top=3), SD,
  "s = get_seq_lens + 1 (_lengths_source strips one +1 before _flashinfer_lengths): s = capacity + 1 = 256 on "
  "valid metadata (n_b = 15 pages, last_page_len = P = 17), page index clamped so eager computes")

A("fi_plus_one_guarded", _fi_step(lambda i, q, P: _gsl(i, q, P) + 1, clamp_page=True,
                                  cond_of=lambda s: completes(s) & (s <= 255)),
  _fi_inputs(P=17, pages=15, shift=1, top=3), SD,
  "fi_plus_one_clamped with the model's own guard s <= capacity (eager writes nothing for s = 256)")
A("fi_plus_one_no_top", _fi_step(lambda i, q, P: _gsl(i, q, P) + 1, clamp_page=True),
  _fi_inputs(P=17, pages=15, shift=1), SD, "fi_plus_one_clamped with no row at n_b * P = capacity (s <= capacity)")
A("fi_plus_one_long_cast", _fi_step(lambda i, q, P: _gsl(i, q, P).long() + 1, clamp_page=True),
  _fi_inputs(P=17, pages=15, shift=1, top=3), SD, "s = get_seq_lens.long() + 1 (a widening cast, then the shift)")
A("fi_minus_minus_one", _fi_step(lambda i, q, P: _gsl(i, q, P) - (-1), clamp_page=True),
  _fi_inputs(P=17, pages=15, shift=1, top=3), S, "s = get_seq_lens - (-1): the shift spelled as a sub")
A("fi_minus_one", _fi_step(lambda i, q, P: _gsl(i, q, P) - 1), _fi_inputs(shift=-1), SD,
  "s = get_seq_lens - 1 (in [0, capacity - 1]: sound)")
A("fi_lpl_broadcast_1", _fi_step(lambda i, q, P: _gsl(i, q[:1], P)), _fi_inputs(), S,
  "kv_last_page_len[:1] broadcast over the requests (a slice, not the placeholder)")
A("fi_int64_meta", _fi_step(lambda i, q, P: _gsl(i, q, P)), _fi_inputs(idt=torch.int64), SD, "int64 metadata")
A("fi_int64_narrowed", _fi_step(lambda i, q, P: _gsl(i.int(), q.int(), P)), _fi_inputs(idt=torch.int64), S,
  "int64 metadata narrowed to int32 before the difference")
A("fi_P_literal", _fi_step(lambda i, q, P: _gsl(i, q, 64)), _fi_inputs(), SD, "P written as 64")
A("fi_P_doubled", _fi_step(lambda i, q, P: (i[1:] - i[:-1] - 1) * (2 * P) + q, clamp_page=True),
  _fi_inputs(P=32, pages=8), S, "multiplier 2P (not the page size)")
A("fi_plus_one_P64", _fi_step(lambda i, q, P: _gsl(i, q, P) + 1, clamp_page=True),
  _fi_inputs(shift=1, top=3), S, "s = get_seq_lens + 1 at P = 64 (s = 257 never completes)")



def _fi_two_layers(shift2):
    """Two layers over one set of FlashInfer metadata: layer 1 get_seq_lens + 1 into ``cache``, layer 2
    get_seq_lens + shift2 into a clone (the KV flipped along the heads)."""
    def step(kv, w, slots, table, lpl, cache, indptr):
        c2 = cache.clone()
        _fi_step(lambda i, q, P: _gsl(i, q, P) + 1, clamp_page=True)(kv, w, slots, table, lpl, cache, indptr)
        _fi_step(lambda i, q, P: _gsl(i, q, P) + shift2, clamp_page=True)(kv.flip(2), w, slots, table, lpl, c2,
                                                                           indptr)
        return cache, c2
    return step


A("fi_two_layers_plus_one", _fi_two_layers(1), _fi_inputs(P=17, pages=15, shift=1, top=3), S,
  "two layers, both s = get_seq_lens + 1 (one metadata)")
A("fi_two_layers_mixed", _fi_two_layers(0), _fi_inputs(P=17, pages=15, shift=1, top=3), S,
  "layer 1 s = get_seq_lens + 1, layer 2 s = get_seq_lens")

# --- 3. one-position reads (rewrite.dense_window_reads / _position_per_row) ----------------------------------
def _loop(rows_of=lambda B, kv: torch.arange(B), t_of=lambda lens, j, T: (lens.long() - L + j).clamp(min=0),
          x_of=lambda kv, j: kv, seq_first=False, mid=None, order=range):
    def step(kv, w, slots, table, lens, cache):
        B, N, D = lens.shape[0], w.shape[1], kv.shape[-1]
        T = kv.shape[1] if seq_first else kv.shape[2]
        rows = rows_of(B, kv)
        acc = torch.zeros(B, N, D)
        for j in order(L):
            if mid is not None and j == 20:
                mid(kv, lens)
            x = x_of(kv, j)
            t = t_of(lens, j, T)
            tok = x[rows, t] if seq_first else x[rows, :, t]
            acc = acc + w[j].float()[None, :, None] * tok.float()
        return write(cache, slots, completes(lens), acc)
    return step


def _dense_seq_first(batches, **kw):
    inner = _dense(batches, **kw)

    def make():
        return [[a[0].permute(0, 2, 1, 3).contiguous(), *a[1:]] for a in inner()]
    return make


def _overwrite_first(kv, lens):
    B = lens.shape[0]
    kv[torch.arange(B), :, (lens.long() - L).clamp(min=0)] = 7.0


def _overwrite_last(kv, lens):
    B = lens.shape[0]
    kv[torch.arange(B), :, (lens.long() - 1).clamp(min=0)] = 7.0


A("dl_control", _loop(), _dense([8, 6]), SBD, "control: acc += w[j] * kv[arange(B), :, t_j] (StaticCache loop)")
A("dl_seq_first", _loop(seq_first=True), _dense_seq_first([8]), SD, "control: kv[arange(B), t_j] over [B, T, N, D]")
A("dl_t_unclamped", _loop(t_of=lambda lens, j, T: lens.long() - L + j), _dense([8]), SD,
  "t_j unclamped (negative for short rows: wraps to T + t)")
A("dl_t_minus_T", _loop(t_of=lambda lens, j, T: (lens.long() - L + j).clamp(min=0) - T), _dense([8]), SD,
  "t_j - T: always negative, the same element by wrapping (writing rows too)")
A("dl_t_int32_rows_int32", _loop(rows_of=lambda B, kv: torch.arange(B, dtype=torch.int32),
                                 t_of=lambda lens, j, T: (lens - L + j).clamp(min=0).int()), _dense([8]), SD,
  "rows int32 arange, t int32")
A("dl_rows_from_kv", _loop(rows_of=lambda B, kv: torch.arange(kv.shape[0])), _dense([8]), SBD,
  "rows = arange(kv.shape[0]) (S == B at compile)")
A("dl_kv_more_rows", _loop(), _dense([8], S_extra=3), SD, "kv has B + 3 rows (NaN beyond): rows arange(B)")
A("dl_two_sources", _loop(x_of=lambda kv, j: kv if j % 2 == 0 else kv.roll(1, 0)), _dense([8]), S,
  "odd positions read kv.roll(1, 0) (another request's row) through the same rows node")
A("dl_two_sources_flip_heads", _loop(x_of=lambda kv, j: kv if j < 16 else kv.flip(1)), _dense([8]), S,
  "positions 16.. read kv.flip(1) (heads reversed) through the same rows node")
A("dl_mid_overwrite_first", _loop(mid=_overwrite_first), _dense([8]), S,
  "at j = 20 the window's first position is overwritten in place (read before, at j = 0)")
A("dl_mid_overwrite_last", _loop(mid=_overwrite_last), _dense([8]), S,
  "at j = 20 the window's last position is overwritten in place (read after, at j = 31)")
A("dl_t_from_rolled_lens", _loop(t_of=lambda lens, j, T: (lens.long().roll(1) - L + j).clamp(min=0)),
  _dense([8]), S, "t_j from another row's length")
A("dl_t_plus_one_clamped", _loop(t_of=lambda lens, j, T: (lens.long() - L + j + 1).clamp(max=T - 1)),
  _dense([8]), S, "window shifted by one, clamped at T - 1")
A("dl_kv_transposed_view", _loop(x_of=lambda kv, j: kv.transpose(2, 3).transpose(2, 3)), _dense([8]), S,
  "x a double-transposed view of kv (same layout)")
A("dl_kv_strided_view", _loop(x_of=lambda kv, j: kv[:, :, ::2].repeat_interleave(2, 2)), _dense([8]), S,
  "x = kv[:, :, ::2] repeated: every odd position reads the even one before it")
A("dl_fp16", _loop(), _dense([8], dtype=torch.float16), SD, "control in fp16")
A("dl_rows_expand_view", _loop(rows_of=lambda B, kv: torch.arange(B)[:, None].expand(B, 1).reshape(B)),
  _dense([8]), SD, "rows = arange(B)[:, None].expand(B, 1).reshape(B)")
A("dl_B_eq_N", _loop(), _dense([2], N=2), SD, "B == N (rows and heads one symbol under dynamic=True)")
A("dl_B_eq_D", _loop(), _dense([16]), SD, "B == D = 16")


def _two_layers_shared_rows(kv, w, slots, table, lens, cache):
    """Two per-position loops through one rows node: layer 1 the contract, layer 2 reversed order (unfused)."""
    cache2 = cache.clone()
    _loop()(kv, w, slots, table, lens, cache)
    _loop(order=lambda l: reversed(range(l)))(kv, w, slots, table, lens, cache2)
    return cache, cache2


def _two_layers_rows_shared_kv2(kv, w, slots, table, lens, cache):
    """Two loops with ONE rows node (the same arange), layer 2 reading kv * 2 (another tensor)."""
    B = lens.shape[0]
    rows = torch.arange(B)
    cache2 = cache.clone()
    _loop(rows_of=lambda B_, kv_: rows)(kv, w, slots, table, lens, cache)
    _loop(rows_of=lambda B_, kv_: rows)(kv.flip(0), w, slots, table, lens, cache2)
    return cache, cache2


A("dl_two_layers_shared_rows", _two_layers_shared_rows, _dense([8]), SD,
  "layer 1 fusable, layer 2 the same loop in reverse order (stays unfused), fresh aranges")
A("dl_two_layers_one_rows_node", _two_layers_rows_shared_kv2, _dense([8]), SD,
  "two loops sharing one rows node, layer 2 over kv.flip(0) (rows of other requests)")


# --- 2. aten.mv (evaluate.BatchPlan) --------------------------------------------------------------------------
def _mv_step(pool_of):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        w0 = w[:, 0].float()
        return write(cache, slots, completes(lens), pool_of(tok, w0))
    return step


def _mv_matmul(tok, w0):
    B, l, N, D = tok.shape
    return torch.matmul(w0, tok.reshape(B, l, N * D)).view(B, N, D)


def _mv_explicit(tok, w0):
    B, l, N, D = tok.shape
    return torch.mv(tok.permute(0, 2, 3, 1).reshape(B * N * D, l), w0).view(B, N, D)


def _mv_heads_major(tok, w0):
    B, l, N, D = tok.shape
    return torch.mv(tok.permute(2, 3, 0, 1).reshape(N * D * B, l), w0).view(B, N, D)


def _mv_heads_major_back(tok, w0):
    B, l, N, D = tok.shape
    return torch.mv(tok.permute(2, 3, 0, 1).reshape(N * D * B, l), w0).view(N, D, B).permute(2, 0, 1)


def _mv_rolled(tok, w0):
    B, l, N, D = tok.shape
    return torch.mv(tok.permute(0, 2, 3, 1).reshape(B * N * D, l).roll(1, 0), w0).view(B, N, D)


def _mv_vec_row0(tok, w0):
    B, l, N, D = tok.shape
    return torch.mv(tok.permute(0, 2, 3, 1).reshape(B * N * D, l), w0 + tok[0, :, 0, 0] * 0).view(B, N, D)


def _mv_flat_window(tok, w0):
    B, l, N, D = tok.shape  # rows of l consecutive elements of row b's [l, N, D] block (not one position each)
    return torch.mv(tok.reshape(B * N * D, l), w0).view(B, N, D)


def _mv_cat_halves(tok, w0):
    B, l, N, D = tok.shape
    m = tok.permute(0, 2, 3, 1).reshape(B * N * D, l)
    h = B * N * D // 2
    return torch.mv(torch.cat([m[h:], m[:h]]), w0).view(B, N, D)


def _mv_transposed_square(tok, w0):
    B, l, N, D = tok.shape  # B == N * D: view(N * D, B).t() is a transpose of rows and columns
    return torch.mv(tok.permute(0, 2, 3, 1).reshape(B * N * D, l), w0).view(N * D, B).t().reshape(B, N, D)


def _mv_two_halves(tok, w0):
    B, l, N, D = tok.shape
    m = tok.permute(0, 2, 3, 1).reshape(B * N * D, l)
    return (torch.mv(m[:, :16], w0[:16]) + torch.mv(m[:, 16:], w0[16:])).view(B, N, D)


def _paged(batches, N=2, D=16, dtype=F32, P=64, pages=4):
    def make():
        return [list(build(B=B, N=N, D=D, P=P, pages=pages, seed=k, dtype=dtype).args) for k, B in enumerate(batches)]
    return make


def _w_one_column(make):
    def m():
        out = []
        for a in make():
            a[1] = a[1][:, :1].expand(-1, a[1].shape[1]).contiguous()  # (every head the same weights: the op's)
            out.append(a)
        return out
    return m


A("mv_matmul_control", _mv_step(_mv_matmul), _paged([8]), SBD, "control: matmul(w[l], tok[B, l, N*D])")
A("mv_explicit", _mv_step(_mv_explicit), _paged([8]), SBD, "control: mv(tok as [B*N*D, l], w)")
A("mv_heads_major", _mv_step(_mv_heads_major), _paged([8]), SD,
  "mv over rows ordered (n, d, b), read back as (b, n, d): rows of other requests")
A("mv_heads_major_back", _mv_step(_mv_heads_major_back), _paged([8]), SD,
  "mv over rows ordered (n, d, b), permuted back correctly (batch merged behind)")
A("mv_rolled", _mv_step(_mv_rolled), _paged([8]), S, "the matrix rolled by one row (crosses requests)")
A("mv_vec_row0", _mv_step(_mv_vec_row0), _paged([8]), S, "vector w + 0 * row 0's tokens (inf / NaN of row 0)")
def _row0_inf(make):
    def m():
        out = []
        for a in make():
            kv, table, lens = a[0], a[3], a[4]
            pos = positions(lens)[0, 5]
            kv[table[0, pos // kv.shape[1]].long(), pos % kv.shape[1], 0, 0] = float("inf")
            out.append(a)
        return out
    return m


A("mv_vec_row0_inf", _mv_step(_mv_vec_row0), _row0_inf(_paged([8])), S,
  "mv_vec_row0 with +inf in row 0's token 5 (head 0, dim 0): 0 * inf is NaN in every row's weight")
A("mv_flat_window", _mv_step(_mv_flat_window), _paged([8]), S, "tok.reshape(B*N*D, l) without the permute")
A("mv_cat_halves", _mv_step(_mv_cat_halves), _paged([8]), S, "cat of the matrix's halves swapped")
A("mv_transposed_square", _mv_step(_mv_transposed_square), _paged([32]), S,
  "B == N * D = 32: view(N*D, B).t() (rows and columns swapped)")
A("mv_two_halves", _mv_step(_mv_two_halves), _paged([8]), S, "two mv over the window's halves, summed")
A("mv_fp16", _mv_step(_mv_matmul), _paged([8], dtype=torch.float16), SD, "control fp16 data")


# --- 1. dynamic=True, batch duck-sized with a KV size (sizes.Generalize._generalize) -------------------------
def _baked_P(P0):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        tok = kv[table.long().gather(1, pos // P0), pos % P0]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _baked_N(N0):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        new = (tok.float() * w.float().reshape(L, N0)[None, :, :, None]).sum(1)
        return write(cache, slots, completes(lens), new)
    return step


def _heads_from_batch(kv, w, slots, table, lens, cache):
    """the weight's heads read through the batch size: w[:, :B] (B == N at compile: all heads)."""
    B = lens.shape[0]
    tok = tokens(kv, table, positions(lens))
    new = (tok.float() * w.float()[:, :B][None, :, :, None]).sum(1)
    return write(cache, slots, completes(lens), new)


def _dims_from_batch(kv, w, slots, table, lens, cache):
    """tokens narrowed to kv[..., :B] (B == D at compile: every dim), written into cache[..., :B]."""
    B = lens.shape[0]
    tok = tokens(kv, table, positions(lens))[..., :B]
    new = pool(tok, w)
    s = slots.long()
    cache[s, :, :B] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s, :, :B])
    return cache


def _pos_mod_batch(kv, w, slots, table, lens, cache):
    """pos % B, pos // B (B == P at compile: the page arithmetic spelled with the batch size)."""
    B = lens.shape[0]
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // B), pos % B]
    return write(cache, slots, completes(lens), pool(tok, w))


A("duck_bp_literal", _baked_P(8), _paged([8, 8, 5, 8], P=8, pages=32), D_ONLY,
  "B == P == 8, pos // 8 literal: batch 8, 8, 5, 8 (one symbol, guarded)")
A("duck_bp_batch_size", _pos_mod_batch, _paged([8, 8], P=8, pages=32), D_ONLY,
  "B == P == 8, the page arithmetic spelled pos // B")
A("duck_bp_batch_size_16", _pos_mod_batch, lambda: _paged([8], P=8, pages=32)() + _paged([16], P=16, pages=16)(),
  D_ONLY, "pos // B at B == P == 8 then B == P == 16 (dynamo's equality guard holds at 16)")
A("duck_bn_heads_from_batch", _heads_from_batch, _paged([4, 4, 6], N=4), D_ONLY,
  "B == N == 4, w[:, :B]: at B = 6 all 4 heads again")
A("duck_bd_dims_from_batch", _dims_from_batch, _paged([16, 16, 12]), D_ONLY,
  "B == D == 16, kv[..., :B] and cache[s, :, :B]: at B = 12 eager writes 12 dims")
A("duck_bn_literal", _baked_N(4), _paged([4, 4, 6], N=4), D_ONLY, "B == N == 4, w.reshape(L, 4)")
A("duck_b_width", _baked_P(64), _paged([4, 4, 6], pages=4), D_ONLY, "B == table width == 4, P literal 64")
A("duck_bp_then_pages", _baked_P(8), lambda: _paged([8], P=8, pages=32)() + _paged([8], P=8, pages=40)(),
  D_ONLY, "B == P == 8 guarded: a second call with more pages per row (capacity 320)")




def _divisor_from_z(kv, w, slots, table, lens, cache, z):
    """The page size read from another input's size: pos // (z.shape[0] - 1) (z of 9 elements at compile)."""
    P0 = z.shape[0] - 1
    pos = positions(lens)
    tok = kv[table.long().gather(1, pos // P0), pos % P0]
    return write(cache, slots, completes(lens), pool(tok, w))


def _with_z(make, sizes):
    def m():
        out = []
        for a, n in zip(make(), sizes):  # (the table doubled in width: pages for a divisor down to P / 2)
            a[3] = torch.cat([a[3], a[3]], 1)
            out.append(a + [torch.zeros(n)])
        return out
    return m


A("sym_divisor_other_input", _divisor_from_z, _with_z(_paged([5, 5], P=8, pages=32), [9, 5]), D_ONLY,
  "B = 5, P = 8, divisor z.shape[0] - 1 (9 at compile, then 5: eager reads pos // 4)")
A("duck_sym_divisor_other_input", _divisor_from_z, _with_z(_paged([8, 8], P=8, pages=32), [9, 5]), D_ONLY,
  "B == P == 8 (ducked path), divisor z.shape[0] - 1 (9 at compile, then 5)")
A("duck_sym_divisor_z_eq_B", _divisor_from_z, _with_z(_paged([8, 8], P=8, pages=32), [9, 9]), D_ONLY,
  "control of duck_sym_divisor_other_input: z of 9 both calls")

# --- 1b. dynamic=True AND mark_dynamic on the batch (mode "batch" of the mdyn_ attacks: classify20) -----------
def _tied(step, how="check"):
    """``step`` in a program that ties the batch to the page size by a guard (dynamo's replacement, not duck
    sizing): ``torch._check(B == P)``, or an extra output that broadcasts a [B] against a [P] tensor."""
    def f(kv, w, slots, table, lens, cache):
        if how == "check":
            torch._check(lens.shape[0] == kv.shape[1])
            return step(kv, w, slots, table, lens, cache)
        out = step(kv, w, slots, table, lens, cache)
        return out, lens.float() + torch.zeros(kv.shape[1])
    return f


def _contract_step(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


MB = ("batch",)
A("mdyn_tied_check_baked_P", _tied(_baked_P(8)), _paged([8, 8], P=8, pages=32), MB,
  "dynamic=True + mark_dynamic(batch), torch._check(B == P), pos // 8: the ducked path guards the marked batch")
A("mdyn_tied_output_baked_P", _tied(_baked_P(8), "output"), _paged([8, 8], P=8, pages=32), MB,
  "as mdyn_tied_check_baked_P, tied by an extra output lens.float() + zeros(P) (broadcast: Eq(B, P))")
A("mdyn_tied_check_contract", _tied(_contract_step), _paged([8, 8], P=8, pages=32), MB,
  "dynamic=True + mark_dynamic, torch._check(B == P), the contract spelled with kv.shape[1]")
A("mdyn_untied_baked_P", _baked_P(8), _paged([8, 8], P=8, pages=32), MB,
  "dynamic=True + mark_dynamic, B == P == 8 but no tie (own symbols), pos // 8")
A("mdyn_tied_check_baked_N", _tied(_baked_N(2)), _paged([8, 8], P=8, pages=32), MB,
  "dynamic=True + mark_dynamic, torch._check(B == P), heads baked in w.reshape(L, 2)")


def classify20(name, factory, dialect, mode=None):
    """classify7; the ``mdyn_`` attacks' "batch" runs with ``dynamic=True`` as well as mark_dynamic on args 2-4
    (redteam2.run_compiled's batch mode with torch.compile's ``dynamic`` forced to True)."""
    if not name.startswith("mdyn_"):
        return classify7(name, factory, dialect, mode)
    orig = torch.compile

    def compile_dynamic(fn, **kw):
        return orig(fn, **{**kw, "dynamic": True})
    torch.compile = compile_dynamic
    try:
        return [("batch+dynamic" if m == "batch" else m, r, d) for m, r, d in classify7(name, factory, dialect, mode)]
    finally:
        torch.compile = orig

# First-try results (attack, dialect, mode, result): see the module docstring for the window and the attack-bug rerun.
_FIRST = [
    ('fi_two_layers_plus_one', 'inductor_graph', 'static', 'CRASH'),
    ('fi_two_layers_mixed', 'inductor_graph', 'static', 'CRASH'),
    ('fi_two_layers_plus_one', 'torchair_like', 'static', 'FALSE FUSION'),
    ('fi_two_layers_mixed', 'torchair_like', 'static', 'FALSE FUSION'),
    ('fi_control', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('fi_control', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_plus_one_clamped', 'inductor_graph', 'static', 'CRASH'),
    ('fi_plus_one_clamped', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_plus_one_guarded', 'inductor_graph', 'static', 'CRASH'),
    ('fi_plus_one_guarded', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_plus_one_no_top', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('fi_plus_one_no_top', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_plus_one_long_cast', 'inductor_graph', 'static', 'CRASH'),
    ('fi_plus_one_long_cast', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_minus_minus_one', 'inductor_graph', 'static', 'CRASH'),
    ('fi_minus_one', 'inductor_graph', 'static', 'REFUSED'),
    ('fi_minus_one', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_lpl_broadcast_1', 'inductor_graph', 'static', 'REFUSED'),
    ('fi_int64_meta', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('fi_int64_meta', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_int64_narrowed', 'inductor_graph', 'static', 'REFUSED'),
    ('fi_P_literal', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('fi_P_literal', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('fi_P_doubled', 'inductor_graph', 'static', 'REFUSED'),
    ('fi_plus_one_P64', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_control', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_control', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('dl_control', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_seq_first', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_seq_first', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_t_unclamped', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_t_unclamped', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_t_minus_T', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_t_minus_T', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_t_int32_rows_int32', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_t_int32_rows_int32', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_rows_from_kv', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_rows_from_kv', 'inductor_graph', 'batch', 'CONTROL CRASHES TOO'),
    ('dl_rows_from_kv', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_kv_more_rows', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_kv_more_rows', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_two_sources', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_two_sources_flip_heads', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_mid_overwrite_first', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_mid_overwrite_last', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_t_from_rolled_lens', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_t_plus_one_clamped', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_kv_transposed_view', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_kv_strided_view', 'inductor_graph', 'static', 'REFUSED'),
    ('dl_fp16', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_fp16', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_rows_expand_view', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_rows_expand_view', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_B_eq_N', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_B_eq_N', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_B_eq_D', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_B_eq_D', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_two_layers_shared_rows', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_two_layers_shared_rows', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('dl_two_layers_one_rows_node', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('dl_two_layers_one_rows_node', 'inductor_graph', 'dynamic', 'REFUSED (control differs)'),
    ('mv_matmul_control', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('mv_matmul_control', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('mv_matmul_control', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mv_explicit', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('mv_explicit', 'inductor_graph', 'batch', 'FUSED & EQUAL'),
    ('mv_explicit', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mv_heads_major', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_heads_major', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mv_heads_major_back', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_heads_major_back', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('mv_rolled', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_vec_row0', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('mv_flat_window', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_cat_halves', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_transposed_square', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_two_halves', 'inductor_graph', 'static', 'REFUSED'),
    ('mv_fp16', 'inductor_graph', 'static', 'FUSED & EQUAL'),
    ('mv_fp16', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_literal', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_batch_size', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('duck_bp_batch_size_16', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('duck_bn_heads_from_batch', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bd_dims_from_batch', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bn_literal', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_b_width', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_then_pages', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('sym_divisor_other_input', 'inductor_graph', 'dynamic', 'REFUSED'),
    ('duck_sym_divisor_other_input', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('duck_sym_divisor_z_eq_B', 'inductor_graph', 'dynamic', 'FUSED & EQUAL'),
    ('mdyn_tied_check_baked_P', 'inductor_graph', 'batch+dynamic', 'CRASH'),
    ('mdyn_tied_output_baked_P', 'inductor_graph', 'batch+dynamic', 'CRASH'),
    ('mdyn_tied_check_contract', 'inductor_graph', 'batch+dynamic', 'REFUSED'),
    ('mdyn_untied_baked_P', 'inductor_graph', 'batch+dynamic', 'FUSED & EQUAL'),
    ('mdyn_tied_check_baked_N', 'inductor_graph', 'batch+dynamic', 'REFUSED'),
    ('mv_vec_row0_inf', 'inductor_graph', 'static', 'CONTROL DIFFERS'),
    ('fi_control', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('fi_control', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_plus_one_clamped', 'torchair_like', 'static', 'FALSE FUSION'),
    ('fi_plus_one_clamped', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_plus_one_guarded', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('fi_plus_one_guarded', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_plus_one_no_top', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('fi_plus_one_no_top', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_plus_one_long_cast', 'torchair_like', 'static', 'FALSE FUSION'),
    ('fi_plus_one_long_cast', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_minus_minus_one', 'torchair_like', 'static', 'FALSE FUSION'),
    ('fi_minus_one', 'torchair_like', 'static', 'REFUSED'),
    ('fi_minus_one', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_lpl_broadcast_1', 'torchair_like', 'static', 'REFUSED'),
    ('fi_int64_meta', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('fi_int64_meta', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_int64_narrowed', 'torchair_like', 'static', 'REFUSED'),
    ('fi_P_literal', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('fi_P_literal', 'torchair_like', 'dynamic', 'REFUSED'),
    ('fi_P_doubled', 'torchair_like', 'static', 'REFUSED'),
    ('fi_plus_one_P64', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_control', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_control', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('dl_control', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_seq_first', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_seq_first', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_t_unclamped', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_t_unclamped', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_t_minus_T', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_t_minus_T', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_t_int32_rows_int32', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_t_int32_rows_int32', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_rows_from_kv', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_rows_from_kv', 'torchair_like', 'batch', 'CONTROL CRASHES TOO'),
    ('dl_rows_from_kv', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_kv_more_rows', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_kv_more_rows', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_two_sources', 'torchair_like', 'static', 'REFUSED'),
    ('dl_two_sources_flip_heads', 'torchair_like', 'static', 'REFUSED'),
    ('dl_mid_overwrite_first', 'torchair_like', 'static', 'REFUSED'),
    ('dl_mid_overwrite_last', 'torchair_like', 'static', 'REFUSED'),
    ('dl_t_from_rolled_lens', 'torchair_like', 'static', 'REFUSED'),
    ('dl_t_plus_one_clamped', 'torchair_like', 'static', 'REFUSED'),
    ('dl_kv_transposed_view', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_kv_strided_view', 'torchair_like', 'static', 'REFUSED'),
    ('dl_fp16', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_fp16', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_rows_expand_view', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_rows_expand_view', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_B_eq_N', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_B_eq_N', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_B_eq_D', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_B_eq_D', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_two_layers_shared_rows', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_two_layers_shared_rows', 'torchair_like', 'dynamic', 'REFUSED'),
    ('dl_two_layers_one_rows_node', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('dl_two_layers_one_rows_node', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mv_matmul_control', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('mv_matmul_control', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('mv_matmul_control', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('mv_explicit', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('mv_explicit', 'torchair_like', 'batch', 'FUSED & EQUAL'),
    ('mv_explicit', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('mv_heads_major', 'torchair_like', 'static', 'REFUSED'),
    ('mv_heads_major', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mv_heads_major_back', 'torchair_like', 'static', 'REFUSED'),
    ('mv_heads_major_back', 'torchair_like', 'dynamic', 'REFUSED'),
    ('mv_rolled', 'torchair_like', 'static', 'REFUSED'),
    ('mv_vec_row0', 'torchair_like', 'static', 'REFUSED'),
    ('mv_vec_row0_inf', 'torchair_like', 'static', 'REFUSED'),
    ('mv_flat_window', 'torchair_like', 'static', 'REFUSED'),
    ('mv_cat_halves', 'torchair_like', 'static', 'REFUSED'),
    ('mv_transposed_square', 'torchair_like', 'static', 'REFUSED'),
    ('mv_two_halves', 'torchair_like', 'static', 'REFUSED'),
    ('mv_fp16', 'torchair_like', 'static', 'FUSED & EQUAL'),
    ('mv_fp16', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_literal', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_batch_size', 'torchair_like', 'dynamic', 'REFUSED'),
    ('duck_bp_batch_size_16', 'torchair_like', 'dynamic', 'REFUSED'),
    ('duck_bn_heads_from_batch', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bd_dims_from_batch', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bn_literal', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_b_width', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_then_pages', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('sym_divisor_other_input', 'torchair_like', 'dynamic', 'REFUSED'),
    ('duck_sym_divisor_other_input', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('duck_sym_divisor_z_eq_B', 'torchair_like', 'dynamic', 'FUSED & EQUAL'),
    ('mdyn_tied_check_baked_P', 'torchair_like', 'batch+dynamic', 'CRASH'),
    ('mdyn_tied_output_baked_P', 'torchair_like', 'batch+dynamic', 'CRASH'),
    ('mdyn_tied_check_contract', 'torchair_like', 'batch+dynamic', 'REFUSED'),
    ('mdyn_untied_baked_P', 'torchair_like', 'batch+dynamic', 'FUSED & EQUAL'),
    ('mdyn_tied_check_baked_N', 'torchair_like', 'batch+dynamic', 'REFUSED'),
    ('fi_control', 'inductor', 'static', 'FUSED & EQUAL'),
    ('fi_control', 'inductor', 'dynamic', 'REFUSED'),
    ('fi_plus_one_clamped', 'inductor', 'static', 'CRASH'),
    ('fi_plus_one_clamped', 'inductor', 'dynamic', 'REFUSED'),
    ('fi_plus_one_guarded', 'inductor', 'static', 'CRASH'),
    ('fi_plus_one_guarded', 'inductor', 'dynamic', 'REFUSED'),
    ('fi_plus_one_no_top', 'inductor', 'static', 'FUSED & EQUAL'),
    ('fi_plus_one_no_top', 'inductor', 'dynamic', 'REFUSED'),
    ('dl_control', 'inductor', 'static', 'FUSED & EQUAL'),
    ('dl_control', 'inductor', 'batch', 'FUSED & EQUAL'),
    ('dl_control', 'inductor', 'dynamic', 'REFUSED'),
    ('dl_seq_first', 'inductor', 'static', 'FUSED & EQUAL'),
    ('dl_seq_first', 'inductor', 'dynamic', 'REFUSED'),
    ('mv_matmul_control', 'inductor', 'static', 'FUSED & EQUAL'),
    ('mv_matmul_control', 'inductor', 'batch', 'FUSED & EQUAL'),
    ('mv_matmul_control', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('mv_explicit', 'inductor', 'static', 'FUSED & EQUAL'),
    ('mv_explicit', 'inductor', 'batch', 'FUSED & EQUAL'),
    ('mv_explicit', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bp_literal', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('duck_bd_dims_from_batch', 'inductor', 'dynamic', 'FUSED & EQUAL'),
    ('mdyn_tied_check_baked_P', 'inductor', 'batch+dynamic', 'CRASH'),
    ('mdyn_untied_baked_P', 'inductor', 'batch+dynamic', 'FUSED & EQUAL'),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify20)
