"""Thirty-seventh adversarial review of the recogniser (round 37; reviewer focus: the float side, the rewrites and whole
models: caches shared between layers, a compressed cache read back as another layer's paged KV, KV appends around the
step, aliasing of the paged KV and the compressed cache, vLLM v0 [NB, N, D, P] value caches, stacked K/V caches, kept
rows read before another write, and the rounding of BLAS contractions).

Same format as redteam25 / redteam35: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)`` (hc_: five more arguments, layer 2's
weight, slots, table, lengths and cache; sv_: ``kv`` [2, NB, P, N, D], ``w`` [2, l, N], ``cache`` [2, S, N, D]; dp_:
``kv`` is vLLM v0's [NB, N, D, P] value cache); runner and classification are redteam7's ``classify7``.

    cd /tmp/base37 && PYTHONPATH=/tmp/base37 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam37.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base37 = 33c6827, 12:22-12:56 UTC 2026-12-05): 60 attacks in 10 themes
(hc_ 5, ap_ 4, al_ 2, sh_ 3, dp_ 12, fm_ 19, sk_ 8, sv_ 7), 175 runs per graph dialect:

    inductor_graph  175 runs: 51 FALSE FUSION / 0 CRASH / 83 fused & equal / 41 refused
    torchair_like   175 runs: 51 FALSE FUSION / 0 CRASH / 83 fused & equal / 41 refused   (the same run by run)
    inductor (real codegen, nsa_fusion_backend; every fm_ attack in every mode): 57 runs: 27 FALSE FUSION /
              24 CONTROL DIFFERS / 6 fused & equal

Per theme (both graph dialects alike): hc_ 14 EQ; ap_ 12 EQ; al_ 2 R; sh_ 9 EQ; dp_ 24 EQ / 12 R; fm_ 51 FF / 6 EQ;
sk_ 3 EQ / 21 R; sv_ 15 EQ / 6 R.  Method notes: the first inductor_graph runs of hc_, ap_/al_/sh_, dp_, the four fm_
"wide" attacks and the static fm_{einsum,matmul,bmm,mul_sum}_two runs printed to the terminal (transcribed into
``_FIRST``); the static two-term runs were repeated in the later batch with the same results.  The 12 FF of the
fm_*_fp32 "wide" attacks (full-mantissa data with wide exponents, an ORDER-dependent sum) are not findings by
themselves (the contract allows another order for an open sum; in real codegen they are CONTROL DIFFERS); the
two-term attacks isolate the rounding.

FOUND (/work/briefs/redteam37_findings.md, repro /work/briefs/redteam37_repro.py):

* F1 FALSE FUSION (fm_mm_diag_two_fp32, fm_einsum_diag_two_fp32, fm_mm_heads_loop_two_fp32, fm_linear_diag_two_fp32,
  fm_tensordot_diag_two_fp32, fm_conv1d_two_fp32, and the bf16 fm_*_bf16_overflow; every mode, both graph dialects AND
  real Inductor codegen with the control equal to eager): fp32 (or near-max bf16) data pooled by a BLAS/oneDNN
  contraction (mm, matmul, einsum, tensordot, F.linear, bmm, conv1d).  Eager's CPU kernel accumulates with fused
  multiply-adds (one rounding of w_j x_j + acc), the op rounds each product to fp32 first (docs/contract.md: "no
  fused multiply-add").  The inputs make the sum order-free (two nonzero full-mantissa tokens per window, exact zeros
  elsewhere), so it is not the open-sum order the contract allows; the mul+sum spelling on the same inputs is fused
  and equal (fm_mul_sum_two_fp32, fm_mul_sum_bf16_overflow).  fp32: 176 cache values differ by an ulp; bf16 window
  [-3e38, 2e38] under weights 1, 2: eager 9.84e37, fused +inf.  The plain einsum / matmul / bmm with one output column
  are FALSE FUSIONs in the graph dialects but CONTROL DIFFERS in real codegen (Inductor computes those matrix-vector
  products its own way).  Rule: pooling.PoolingProof.check_structure / _check_exact_arithmetic accept any contraction
  in optable.PRODUCTS as an open sum for every data dtype; the "products must be exact in fp32" rule exists for
  addcmul only (fp16 data and weight), and the probes (dyadic values: every product exact; the order round only for
  written-out sums) cannot see a fused multiply-add.  Also under vLLM's post-grad pass config (``--dialect vllm_post``,
  fm_mm_diag_two_fp32 static, 13:01 UTC: FALSE FUSION; fm_mul_sum_two_fp32: equal), and at realistic sizes without
  the small-step override (repro ``mm_diag static big``: 14854 of 65536 values differ, control equal).

Not found (equal or refused in both graph dialects; the idea each tried):

* hc_ (a compressed cache read back as the paged KV of a second compression, l2 = 8, P2 = 4): read after the first
  write, before it, from a clone taken before it, written back into the same cache, bf16: fused & equal (the
  functional graph orders the reads; the fused calls keep it).
* ap_ (a KV append after the step that overwrites a token of the window, index_put / index_copy_ through the flat
  view, an append before the step too, a read of the KV after): fused & equal in every mode.
* al_ (the compressed cache is kv.view(NB * P, N, D), slots in unowned pages or on tokens other windows read):
  refused ("the cache is a view of the paged input"); the same with the two passed as separate aliasing inputs
  (standalone, /tmp/rt37/alias_in.py): refused (synthetic base: as_strided at an absolute offset).
* sh_ (one cache written twice at the same slots, K and V into one cache at (s + S // 2) % S, one KV into two caches):
  fused & equal.
* dp_ (vLLM v0 value cache [NB, N, D, P] through the d_before_p view: sum, einsum, mean, chains from zeros, with -0.0
  windows): fused & equal; chains from the first product (weighted or mean, -0.0 windows): refused by the zeros round.
* sk_ (kept rows read BEFORE another write of the cache: index_fill_, setitem 0, negated rows, cache.mul_(2), zero_(),
  copy_(roll), a clone of the old rows): refused by the keep rule; a view read after the change (sk_view_old): equal.
* sv_ (stacked K/V written as cmp[:, s]: halves swapped, joint pooling over the stack, joint einsum 'kblhd,klh->kbhd',
  a per-half condition of another stride): fused & equal; kept rows from the other half (flip): refused.
* bound_inputs (standalone, /tmp/rt37/buf1.py, buf2.py): window offsets / a min-length buffer whose values reach the
  step through an indexed write inside the step (index_copy / index_put / scatter into a scratch positions or mask
  tensor, a table or slot mapping rewritten through index_put), so that _writes_reading would not see the read:
  every one refused by the rows / page-id rules before it could fuse; the plain buffer fuses and is checked.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base37, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")


# --- inputs ---------------------------------------------------------------------------------------------------
def _std(n=2, **kw):
    return lambda: [build(seed=k, **kw).args for k in range(n)]


def _sizes_calls(Bs=(40, 24), **kw):
    return lambda: [build(seed=k, B=B, **kw).args for k, B in enumerate(Bs)]


def _dy(shape, g, dtype):
    return (torch.randint(-32, 33, shape, generator=g) / 16.0).to(dtype)


# --- theme 1 (hc_): a compressed cache read back as the paged KV of a second compression -------------------------
# The first layer writes ``cache`` ([S, N, D], S = NB2 * P2); the second reads ``cache.view(NB2, P2, N, D)`` as its
# paged KV with its own table / lengths / slots and writes ``cache2``.  Read after the first write, before it, from a
# clone taken before it, or written back into the same cache.
P2 = 4


def _hc_inputs(seed=0, B=40, dtype=torch.float16, **kw):
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, dtype=dtype, **kw).args
    g = torch.Generator().manual_seed(seed + 700)
    S = cache.shape[0]
    NB2 = S // P2
    S = NB2 * P2
    cache = cache[:S].clone()
    slots = torch.randperm(S, generator=g)[:B].to(slots.dtype)
    pages2 = 2
    # layer 2: windows of l2 = 8 compressed tokens (stride 4); distinct pages per row where possible
    table2 = torch.randint(0, NB2, (B, pages2), generator=g).to(table.dtype)
    lens2 = torch.randint(0, pages2 * P2 + 1, (B,), generator=g).to(lens.dtype)
    w2 = _dy((8, kv.shape[2]), g, dtype)
    cache2 = _dy((2 * B + 3, kv.shape[2], kv.shape[3]), g, dtype)
    slots2 = torch.randperm(2 * B + 3, generator=g)[:B].to(slots.dtype)
    return [kv, w, slots, table, lens, cache, w2, slots2, table2, lens2, cache2]


def _hc_calls(Bs=(40, 24), **kw):
    return lambda: [_hc_inputs(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


def _l2_rows(kv2, w2, table2, lens2, l2=8, d2=4):
    tok = tokens(kv2, table2, positions(lens2, l2))
    return (tok.float() * w2.float()[None, :, :, None]).sum(1), completes(lens2, l2, d2)


def _hc(kind):
    def step(kv, w, slots, table, lens, cache, w2, slots2, table2, lens2, cache2):
        S, N, D = cache.shape
        if kind == "before":  # layer 2's rows computed from the cache before layer 1 writes it
            new2, valid2 = _l2_rows(cache.view(S // P2, P2, N, D), w2, table2, lens2)
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        elif kind == "clone":
            snap = cache.clone()
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            new2, valid2 = _l2_rows(snap.view(S // P2, P2, N, D), w2, table2, lens2)
        else:
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            new2, valid2 = _l2_rows(cache.view(S // P2, P2, N, D), w2, table2, lens2)
        if kind == "same":  # layer 2 written back into layer 1's cache (its own slots)
            write(cache, slots2 % S, valid2, new2)
            return cache
        write(cache2, slots2, valid2, new2)
        return cache, cache2
    return step


# --- theme 2 (ap_): a KV append after the step that overwrites a token of the window ---------------------------
# Eager pools the old token; the fused op must read the KV before the append.
def _ap(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        B = lens.shape[0]
        last = (lens.long() - 1).clamp(min=0)
        page = table.long().gather(1, (last // P)[:, None])[:, 0]
        off = last % P
        if kind == "before_too":  # an append before the step as well (the window's last token)
            kv[page, off] = (kv[page, off].float() * 0.5).to(kv.dtype)
        write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        newtok = torch.full((B, kv.shape[2], kv.shape[3]), 3.0, dtype=kv.dtype)
        if kind == "index_copy":
            flat = kv.view(-1, kv.shape[2], kv.shape[3])
            flat.index_copy_(0, page * P + off, newtok)
        else:
            kv[page, off] = newtok
        if kind == "read_after":
            return cache, kv.float().nan_to_num().sum()
        return cache
    return step


# --- theme 3 (al_): the compressed cache is a view of the paged KV's own storage --------------------------------
# ``cache = kv.view(NB * P, N, D)``: the written rows are token rows.  ``al_unowned``: the slots lie in pages no
# table row owns (no window reads them); ``al_read``: the slots are tokens that other rows' windows read.
def _al_inputs(seed=0, B=40, read=False, dtype=torch.float16):
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, dtype=dtype).args
    NB, P, N, D = kv.shape
    g = torch.Generator().manual_seed(seed + 900)
    q = completes(lens)
    if read:
        # written rows' slots: the first window token of the next completing row (distinct tokens)
        qs = q.nonzero().flatten().tolist()
        sl = torch.randperm(NB * P, generator=g)[:B]
        owned = torch.zeros(NB, dtype=torch.bool)
        owned[table.long().flatten()] = True
        free = [int(t) for t in torch.arange(NB * P)[~owned.repeat_interleave(P)]]
        sl = torch.tensor(free[:B])
        for k, b in enumerate(qs):
            nb = qs[(k + 1) % len(qs)]
            p = int(lens[nb]) - L + 3
            sl[b] = int(table[nb, p // P]) * P + p % P
    else:
        owned = torch.zeros(NB, dtype=torch.bool)
        owned[table.long().flatten()] = True
        free = torch.arange(NB * P)[~owned.repeat_interleave(P)]
        sl = free[torch.randperm(len(free), generator=g)[:B]]
    return [kv, w, sl.to(slots.dtype), table, lens, cache]


def _al_calls(read=False, **kw):
    return lambda: [_al_inputs(seed=k, read=read, **kw) for k in range(2)]


def _al(kind):
    def step(kv, w, slots, table, lens, cache):
        NB, P, N, D = kv.shape
        c = kv.view(NB * P, N, D)
        write(c, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
        return kv
    return step


# --- theme 4 (sh_): one KV compressed twice, one cache written twice -----------------------------------------
def _sh(kind):
    def step(kv, w, slots, table, lens, cache):
        valid = completes(lens)
        tok = tokens(kv, table, positions(lens))
        S = cache.shape[0]
        if kind == "same_slots":  # second write overwrites the first at the same slots (kept: after the first)
            write(cache, slots, valid, pool(tok, w))
            write(cache, slots, valid, pool(tok, -w))
            return cache
        if kind == "shifted_slots":  # K at slots, V at (slots + S // 2) % S in one cache
            write(cache, slots, valid, pool(tok, w))
            write(cache, (slots.long() + S // 2) % S, valid, pool(tok, w.flip(0)))
            return cache
        if kind == "two_caches_one_kv":
            c2 = cache.clone()
            write(cache, slots, valid, pool(tok, w))
            write(c2, slots, valid, pool(tok, -w))
            return cache, c2
        raise AssertionError(kind)
    return step


# --- theme 5 (dp_): vLLM v0's [NB, N, D, P] value cache with IEEE specials in the sum's sign ------------------
def _dp_inputs(seed=0, B=40, dtype=torch.float16, zero_windows=False, neg_w=False):
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, dtype=dtype).args
    NB, P, N, D = kv.shape
    if zero_windows:
        pos = positions(lens)
        q = completes(lens)
        pg = table.long().gather(1, pos // P)
        for b in q.nonzero().flatten().tolist()[::2]:
            kv[pg[b], pos[b] % P] = -0.0 if not neg_w else 0.0
        if neg_w:
            w = -w.abs()
        else:
            w = w.abs()
    return [kv.permute(0, 2, 3, 1).contiguous(), w, slots, table, lens, cache]


def _dp_calls(**kw):
    return lambda: [_dp_inputs(seed=k, **kw) for k in range(2)]


def _dp_tokens(kv, table, lens):
    P = kv.shape[3]
    pos = positions(lens)
    return kv[table.long().gather(1, pos // P), :, :, pos % P]  # [B, l, N, D]


def _dp(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = _dp_tokens(kv, table, lens)
        valid = completes(lens)
        if kind == "sum":
            new = (tok.float() * w.float()[None, :, :, None]).sum(1)
        elif kind == "chain_zeros":
            p = tok.float() * w.float()[None, :, :, None]
            acc = torch.zeros_like(p[:, 0])
            for j in range(p.shape[1]):
                acc = acc + p[:, j]
            new = acc
        elif kind == "chain_first":
            p = tok.float() * w.float()[None, :, :, None]
            acc = p[:, 0]
            for j in range(1, p.shape[1]):
                acc = acc + p[:, j]
            new = acc
        elif kind == "mean_chain_first":
            xs = tok.float() * (1.0 / L)
            acc = xs[:, 0]
            for j in range(1, L):
                acc = acc + xs[:, j]
            new = acc
        elif kind == "mean":
            new = tok.float().mean(1)
        elif kind == "einsum":
            new = torch.einsum("bjhd,jh->bhd", tok.float(), w.float())
        else:
            raise AssertionError(kind)
        return write(cache, slots, valid, new)
    return step


ATTACKS = []
for _k in ("after", "before", "clone", "same"):
    ATTACKS.append((f"hc_{_k}", _mk(_hc(_k), _hc_calls(), MODES3), f"layer 2 reads layer 1's cache ({_k})"))
ATTACKS.append(("hc_before_bf16", _mk(_hc("before"), _hc_calls(dtype=torch.bfloat16), SB), "hc_before, bf16"))
for _k in ("plain", "before_too", "index_copy", "read_after"):
    ATTACKS.append((f"ap_{_k}", _mk(_ap(_k), _sizes_calls(), MODES3), f"append after the step over a window token ({_k})"))
ATTACKS.append(("al_unowned", _mk(_al("plain"), _al_calls(read=False), ("static",)),
                "cache = kv.view(NB * P, N, D), slots in unowned pages"))
ATTACKS.append(("al_read", _mk(_al("plain"), _al_calls(read=True), ("static",)),
                "cache = kv.view(NB * P, N, D), slots on tokens other rows' windows read (borderline validity)"))
for _k in ("same_slots", "shifted_slots", "two_caches_one_kv"):
    ATTACKS.append((f"sh_{_k}", _mk(_sh(_k), _sizes_calls(), MODES3), f"one KV / one cache twice ({_k})"))
for _k in ("sum", "einsum", "chain_zeros", "chain_first", "mean", "mean_chain_first"):
    ATTACKS.append((f"dp_{_k}", _mk(_dp(_k), _dp_calls(), MODES3), f"[NB, N, D, P] value cache, {_k}"))
    ATTACKS.append((f"dp_{_k}_zw", _mk(_dp(_k), _dp_calls(zero_windows=True), MODES3),
                    f"[NB, N, D, P] value cache, {_k}, -0.0 windows under positive weights"))


# --- theme 6 (fm_): fp32 data pooled by a contraction: BLAS may fuse the multiply-add (one rounding per product) ----
from tests.corpora.redteam25 import _wide  # noqa: E402


def _wide_calls32(n=2, **kw):
    return lambda: [_wide(dtype=torch.float32, seed=3 + k, **kw).args for k in range(n)]


def _fm(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        wf = w.float()
        B, l, N, D = tok.shape
        if kind == "einsum":
            new = torch.einsum("bjhd,jh->bhd", tok, wf)
        elif kind == "matmul":  # [B, N, D, l] @ [N, l, 1]
            new = (tok.permute(0, 2, 3, 1) @ wf.t()[:, :, None])[..., 0]
        elif kind == "bmm":
            x = tok.permute(2, 0, 3, 1).reshape(N, B * D, l)
            new = torch.bmm(x, wf.t()[:, :, None]).reshape(N, B, D).permute(1, 0, 2)
        elif kind == "mul_sum":
            new = (tok * wf[None, :, :, None]).sum(1)
        elif kind == "mm_diag":  # every head's tokens times every head's weight column (one mm), the diagonal kept
            y = tok.permute(0, 3, 2, 1).reshape(B * D * N, l) @ wf  # [B*D*N, N]
            new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        elif kind == "einsum_diag":
            new = torch.einsum("bjhd,jg->bdhg", tok, wf).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        elif kind == "linear_diag":  # F.linear(x, w.t()): x @ w
            y = torch.nn.functional.linear(tok.permute(0, 3, 2, 1).reshape(B * D * N, l), wf.t())
            new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        elif kind == "tensordot_diag":
            new = torch.tensordot(tok, wf, dims=([1], [0])).diagonal(dim1=1, dim2=3)  # [B, D, N] -> below
            new = new.permute(0, 2, 1)
        elif kind == "conv1d":  # one depthwise conv over the window per head: [B*D, N, l] * [N, 1, l]
            x = tok.permute(0, 3, 2, 1).reshape(B * D, N, l)
            new = torch.nn.functional.conv1d(x, wf.t()[:, None, :], groups=N).view(B, D, N).permute(0, 2, 1)
        elif kind == "mm_heads_loop":  # one mm per head: [B*D, l] @ [l, 1]... as [B*D, l] @ [l, N] column h
            outs = []
            for h in range(N):
                outs.append((tok[:, :, h].permute(0, 2, 1).reshape(B * D, l) @ wf)[:, h].view(B, D))
            new = torch.stack(outs, 1)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


for _k in ("einsum", "matmul", "bmm", "mul_sum"):
    ATTACKS.append((f"fm_{_k}_fp32", _mk(_fm(_k), _wide_calls32(), MODES3), f"fp32 full-mantissa data, {_k}"))


def _two_terms32(seed=0, B=40, dtype=torch.float32, at=(0, 1), **kw):
    """fp32 windows with two nonzero full-mantissa tokens (positions ``at``), zeros elsewhere, under a full-mantissa
    weight: their sum is the same in every order (two terms and exact zeros), so only the rounding of each product can
    differ (a fused multiply-add rounds w1 * x1 + round(w0 * x0) once; the op rounds the product, then the sum)."""
    g = torch.Generator().manual_seed(seed + 1234)
    vals = ((torch.rand(B, 2, generator=g) + 1) * (torch.randint(0, 2, (B, 2), generator=g) * 2 - 1)).tolist()

    def window(b, s):
        v = [0.0] * L
        v[at[0]], v[at[1]] = vals[b]
        return v
    N = kw.pop("N", 2)
    wt = ((torch.rand(L, N, generator=g) + 1) * (torch.randint(0, 2, (L, N), generator=g) * 2 - 1)).to(dtype)
    return build(seed=seed, B=B, dtype=dtype, window=window, weight=wt, N=N, **kw).args


def _two_calls32(n=2, **kw):
    return lambda: [_two_terms32(seed=k, **kw) for k in range(n)]


for _k in ("einsum", "matmul", "bmm", "mul_sum", "mm_diag", "einsum_diag", "mm_heads_loop", "linear_diag",
           "tensordot_diag", "conv1d"):
    ATTACKS.append((f"fm_{_k}_two_fp32", _mk(_fm(_k), _two_calls32(), MODES3),
                    f"fp32, two nonzero full-mantissa tokens per window (order-free sum), {_k}"))


def _bf16_overflow(seed=0, B=40, **kw):
    """bf16 windows [-3e38, 2e38, 0, ...] under weights 1, 2 (then dyadic): the op's product 2 * 2e38 overflows fp32
    (inf, the sum inf); a fused multiply-add computes 4e38 - 3e38 exactly and rounds once (1e38)."""
    g = torch.Generator().manual_seed(seed + 77)
    N = kw.pop("N", 2)
    wt = (torch.randint(-8, 9, (L, N), generator=g) / 4.0)
    wt[0], wt[1] = 1.0, 2.0
    return build(seed=seed, B=B, dtype=torch.bfloat16, window=lambda b, s: [-3e38, 2e38] + [0.0] * (L - 2),
                 weight=wt.to(torch.bfloat16), N=N, **kw).args


for _k in ("einsum", "mul_sum", "mm_diag", "einsum_diag", "mm_heads_loop"):
    ATTACKS.append((f"fm_{_k}_bf16_overflow", _mk(_fm(_k), lambda: [_bf16_overflow(seed=k) for k in range(2)], MODES3),
                    f"bf16 near-max tokens whose fp32 product overflows (an FMA does not), {_k}"))


# --- theme 7 (sk_): the kept rows read before another (non-step) write of the same cache rows ------------------
# ``old = cache[s]`` read first; then the rows (or the whole cache) changed in place; then ``cache[s] = where(valid,
# new, old)``: eager puts the OLD rows back on the rows that do not complete; a fused op that kept ``cache[s]`` of the
# changed cache would keep the changed rows.
def _sk(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        valid = completes(lens)
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        old = cache[s]
        if kind == "index_fill":
            cache.index_fill_(0, s, 0.0)
        elif kind == "setitem_zero":
            cache[s] = 0.0
        elif kind == "neg_rows":
            cache[s] = -cache[s]
        elif kind == "mul_all":
            cache.mul_(2)
        elif kind == "zero_all":
            cache.zero_()
        elif kind == "copy_other":
            cache.copy_(cache.roll(1, 0))
        elif kind == "clone_old":
            old = old.clone()
            cache[s] = 0.0
        elif kind == "view_old":  # the kept rows through a view of the cache taken before
            v = cache.view(-1)
            cache.zero_()
            old = v.view(cache.shape)[s]
        cache[s] = torch.where(valid[:, None, None], new, old)
        return cache
    return step


for _k in ("index_fill", "setitem_zero", "neg_rows", "mul_all", "zero_all", "copy_other", "clone_old", "view_old"):
    ATTACKS.append((f"sk_{_k}", _mk(_sk(_k), _sizes_calls(), MODES3), f"kept rows read before another write ({_k})"))


# --- theme 8 (sv_): K and V stacked ([2, NB, P, N, D] KV, [2, S, N, D] cache) written as cmp[:, s] (split_stacked_writes,
# rewrite._Pusher): halves swapped, the kept rows taken from the other half, joint pooling, a per-half condition -----
def _sv_inputs(seed=0, B=40, dtype=torch.float16):
    a = build(seed=seed, B=B, dtype=dtype).args
    b = build(seed=seed + 50, B=B, dtype=dtype, lengths=a[4]).args
    kv = torch.stack([a[0], b[0][: a[0].shape[0]] if b[0].shape[0] >= a[0].shape[0] else a[0].flip(-1)])
    w = torch.stack([a[1], b[1]])
    cmp = torch.stack([a[5], b[5][: a[5].shape[0]]])
    return [kv, w, a[2], a[3], a[4], cmp]


def _sv_calls(Bs=(40, 24), **kw):
    return lambda: [_sv_inputs(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


def _sv(kind):
    def step(kv, w, slots, table, lens, cmp):
        s = slots.long()
        valid = completes(lens)
        pos = positions(lens)
        P = kv.shape[2]
        pg = table.long().gather(1, pos // P)
        if kind in ("joint", "joint_einsum", "joint_flip_keep", "joint_other_cond"):
            tok = kv[:, pg, pos % P]  # [2, B, l, N, D]
            if kind == "joint_einsum":
                new = torch.einsum("kblhd,klh->kbhd", tok.float(), w.float())
            else:
                new = (tok.float() * w.float()[:, None, :, :, None]).sum(2)
        else:
            nk = pool(tokens(kv[0], table, pos), w[0])
            nv = pool(tokens(kv[1], table, pos), w[1])
            new = torch.stack([nv, nk]) if kind == "swapped" else torch.stack([nk, nv])
        old = cmp[:, s]
        if kind in ("flip_keep", "joint_flip_keep"):
            old = old.flip(0)
        cond = valid[None, :, None, None]
        if kind == "joint_other_cond":  # the V half completes on another stride (s - l) % 32
            cond = torch.stack([valid, valid & ((lens - L) % 32 == 0)])[:, :, None, None]
        cmp[:, s] = torch.where(cond, new.to(cmp.dtype), old)
        return cmp
    return step


for _k in ("plain", "swapped", "flip_keep", "joint", "joint_einsum", "joint_flip_keep", "joint_other_cond"):
    ATTACKS.append((f"sv_{_k}", _mk(_sv(_k), _sv_calls(), MODES3), f"stacked K/V cache written as cmp[:, s] ({_k})"))


_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD = "CONTROL DIFFERS"
_FIRST = [
    ('hc_after', 'inductor_graph', 'static', _EQ),
    ('hc_after', 'inductor_graph', 'batch', _EQ),
    ('hc_after', 'inductor_graph', 'dynamic', _EQ),
    ('hc_before', 'inductor_graph', 'static', _EQ),
    ('hc_before', 'inductor_graph', 'batch', _EQ),
    ('hc_before', 'inductor_graph', 'dynamic', _EQ),
    ('hc_clone', 'inductor_graph', 'static', _EQ),
    ('hc_clone', 'inductor_graph', 'batch', _EQ),
    ('hc_clone', 'inductor_graph', 'dynamic', _EQ),
    ('hc_same', 'inductor_graph', 'static', _EQ),
    ('hc_same', 'inductor_graph', 'batch', _EQ),
    ('hc_same', 'inductor_graph', 'dynamic', _EQ),
    ('hc_before_bf16', 'inductor_graph', 'static', _EQ),
    ('hc_before_bf16', 'inductor_graph', 'batch', _EQ),
    ('ap_plain', 'inductor_graph', 'static', _EQ),
    ('ap_plain', 'inductor_graph', 'batch', _EQ),
    ('ap_plain', 'inductor_graph', 'dynamic', _EQ),
    ('ap_before_too', 'inductor_graph', 'static', _EQ),
    ('ap_before_too', 'inductor_graph', 'batch', _EQ),
    ('ap_before_too', 'inductor_graph', 'dynamic', _EQ),
    ('ap_index_copy', 'inductor_graph', 'static', _EQ),
    ('ap_index_copy', 'inductor_graph', 'batch', _EQ),
    ('ap_index_copy', 'inductor_graph', 'dynamic', _EQ),
    ('ap_read_after', 'inductor_graph', 'static', _EQ),
    ('ap_read_after', 'inductor_graph', 'batch', _EQ),
    ('ap_read_after', 'inductor_graph', 'dynamic', _EQ),
    ('al_unowned', 'inductor_graph', 'static', _R),
    ('al_read', 'inductor_graph', 'static', _R),
    ('sh_same_slots', 'inductor_graph', 'static', _EQ),
    ('sh_same_slots', 'inductor_graph', 'batch', _EQ),
    ('sh_same_slots', 'inductor_graph', 'dynamic', _EQ),
    ('sh_shifted_slots', 'inductor_graph', 'static', _EQ),
    ('sh_shifted_slots', 'inductor_graph', 'batch', _EQ),
    ('sh_shifted_slots', 'inductor_graph', 'dynamic', _EQ),
    ('sh_two_caches_one_kv', 'inductor_graph', 'static', _EQ),
    ('sh_two_caches_one_kv', 'inductor_graph', 'batch', _EQ),
    ('sh_two_caches_one_kv', 'inductor_graph', 'dynamic', _EQ),
    ('dp_sum', 'inductor_graph', 'static', _EQ),
    ('dp_sum', 'inductor_graph', 'batch', _EQ),
    ('dp_sum', 'inductor_graph', 'dynamic', _EQ),
    ('dp_sum_zw', 'inductor_graph', 'static', _EQ),
    ('dp_sum_zw', 'inductor_graph', 'batch', _EQ),
    ('dp_sum_zw', 'inductor_graph', 'dynamic', _EQ),
    ('dp_einsum', 'inductor_graph', 'static', _EQ),
    ('dp_einsum', 'inductor_graph', 'batch', _EQ),
    ('dp_einsum', 'inductor_graph', 'dynamic', _EQ),
    ('dp_einsum_zw', 'inductor_graph', 'static', _EQ),
    ('dp_einsum_zw', 'inductor_graph', 'batch', _EQ),
    ('dp_einsum_zw', 'inductor_graph', 'dynamic', _EQ),
    ('dp_chain_zeros', 'inductor_graph', 'static', _EQ),
    ('dp_chain_zeros', 'inductor_graph', 'batch', _EQ),
    ('dp_chain_zeros', 'inductor_graph', 'dynamic', _EQ),
    ('dp_chain_zeros_zw', 'inductor_graph', 'static', _EQ),
    ('dp_chain_zeros_zw', 'inductor_graph', 'batch', _EQ),
    ('dp_chain_zeros_zw', 'inductor_graph', 'dynamic', _EQ),
    ('dp_chain_first', 'inductor_graph', 'static', _R),
    ('dp_chain_first', 'inductor_graph', 'batch', _R),
    ('dp_chain_first', 'inductor_graph', 'dynamic', _R),
    ('dp_chain_first_zw', 'inductor_graph', 'static', _R),
    ('dp_chain_first_zw', 'inductor_graph', 'batch', _R),
    ('dp_chain_first_zw', 'inductor_graph', 'dynamic', _R),
    ('dp_mean', 'inductor_graph', 'static', _EQ),
    ('dp_mean', 'inductor_graph', 'batch', _EQ),
    ('dp_mean', 'inductor_graph', 'dynamic', _EQ),
    ('dp_mean_zw', 'inductor_graph', 'static', _EQ),
    ('dp_mean_zw', 'inductor_graph', 'batch', _EQ),
    ('dp_mean_zw', 'inductor_graph', 'dynamic', _EQ),
    ('dp_mean_chain_first', 'inductor_graph', 'static', _R),
    ('dp_mean_chain_first', 'inductor_graph', 'batch', _R),
    ('dp_mean_chain_first', 'inductor_graph', 'dynamic', _R),
    ('dp_mean_chain_first_zw', 'inductor_graph', 'static', _R),
    ('dp_mean_chain_first_zw', 'inductor_graph', 'batch', _R),
    ('dp_mean_chain_first_zw', 'inductor_graph', 'dynamic', _R),
    ('fm_einsum_fp32', 'inductor_graph', 'static', _FF),
    ('fm_einsum_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_einsum_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_matmul_fp32', 'inductor_graph', 'static', _FF),
    ('fm_matmul_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_matmul_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_bmm_fp32', 'inductor_graph', 'static', _FF),
    ('fm_bmm_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_bmm_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_mul_sum_fp32', 'inductor_graph', 'static', _FF),
    ('fm_mul_sum_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_mul_sum_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_einsum_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_matmul_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_bmm_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_mul_sum_two_fp32', 'inductor_graph', 'static', _EQ),
    ('fm_einsum_two_fp32', 'inductor', 'static', _CD),
    ('fm_einsum_two_fp32', 'inductor', 'batch', _CD),
    ('fm_einsum_two_fp32', 'inductor', 'dynamic', _CD),
    ('fm_matmul_two_fp32', 'inductor', 'static', _CD),
    ('fm_matmul_two_fp32', 'inductor', 'batch', _CD),
    ('fm_matmul_two_fp32', 'inductor', 'dynamic', _CD),
    ('fm_bmm_two_fp32', 'inductor', 'static', _CD),
    ('fm_bmm_two_fp32', 'inductor', 'batch', _CD),
    ('fm_bmm_two_fp32', 'inductor', 'dynamic', _CD),
    ('fm_mm_diag_two_fp32', 'inductor', 'static', _FF),
    ('fm_einsum_diag_two_fp32', 'inductor', 'static', _FF),
    ('fm_mm_heads_loop_two_fp32', 'inductor', 'static', _FF),
    ('fm_einsum_bf16_overflow', 'inductor', 'static', _CD),
    ('fm_mul_sum_bf16_overflow', 'inductor', 'static', _EQ),
    ('fm_mm_diag_bf16_overflow', 'inductor', 'static', _FF),
    ('fm_einsum_diag_bf16_overflow', 'inductor', 'static', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'inductor', 'static', _FF),
    ('fm_linear_diag_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_linear_diag_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_linear_diag_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_tensordot_diag_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_tensordot_diag_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_tensordot_diag_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_conv1d_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_conv1d_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_conv1d_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_einsum_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_einsum_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_matmul_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_matmul_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_bmm_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_bmm_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_mul_sum_two_fp32', 'inductor_graph', 'batch', _EQ),
    ('fm_mul_sum_two_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('fm_mm_diag_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_mm_diag_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_mm_diag_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_einsum_diag_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_einsum_diag_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_einsum_diag_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_mm_heads_loop_two_fp32', 'inductor_graph', 'static', _FF),
    ('fm_mm_heads_loop_two_fp32', 'inductor_graph', 'batch', _FF),
    ('fm_mm_heads_loop_two_fp32', 'inductor_graph', 'dynamic', _FF),
    ('fm_einsum_bf16_overflow', 'inductor_graph', 'static', _FF),
    ('fm_einsum_bf16_overflow', 'inductor_graph', 'batch', _FF),
    ('fm_einsum_bf16_overflow', 'inductor_graph', 'dynamic', _FF),
    ('fm_mul_sum_bf16_overflow', 'inductor_graph', 'static', _EQ),
    ('fm_mul_sum_bf16_overflow', 'inductor_graph', 'batch', _EQ),
    ('fm_mul_sum_bf16_overflow', 'inductor_graph', 'dynamic', _EQ),
    ('fm_mm_diag_bf16_overflow', 'inductor_graph', 'static', _FF),
    ('fm_mm_diag_bf16_overflow', 'inductor_graph', 'batch', _FF),
    ('fm_mm_diag_bf16_overflow', 'inductor_graph', 'dynamic', _FF),
    ('fm_einsum_diag_bf16_overflow', 'inductor_graph', 'static', _FF),
    ('fm_einsum_diag_bf16_overflow', 'inductor_graph', 'batch', _FF),
    ('fm_einsum_diag_bf16_overflow', 'inductor_graph', 'dynamic', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'inductor_graph', 'static', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'inductor_graph', 'batch', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'inductor_graph', 'dynamic', _FF),
    ('hc_after', 'torchair_like', 'static', _EQ),
    ('hc_after', 'torchair_like', 'batch', _EQ),
    ('hc_after', 'torchair_like', 'dynamic', _EQ),
    ('hc_before', 'torchair_like', 'static', _EQ),
    ('hc_before', 'torchair_like', 'batch', _EQ),
    ('hc_before', 'torchair_like', 'dynamic', _EQ),
    ('hc_clone', 'torchair_like', 'static', _EQ),
    ('hc_clone', 'torchair_like', 'batch', _EQ),
    ('hc_clone', 'torchair_like', 'dynamic', _EQ),
    ('hc_same', 'torchair_like', 'static', _EQ),
    ('hc_same', 'torchair_like', 'batch', _EQ),
    ('hc_same', 'torchair_like', 'dynamic', _EQ),
    ('hc_before_bf16', 'torchair_like', 'static', _EQ),
    ('hc_before_bf16', 'torchair_like', 'batch', _EQ),
    ('ap_plain', 'torchair_like', 'static', _EQ),
    ('ap_plain', 'torchair_like', 'batch', _EQ),
    ('ap_plain', 'torchair_like', 'dynamic', _EQ),
    ('ap_before_too', 'torchair_like', 'static', _EQ),
    ('ap_before_too', 'torchair_like', 'batch', _EQ),
    ('ap_before_too', 'torchair_like', 'dynamic', _EQ),
    ('ap_index_copy', 'torchair_like', 'static', _EQ),
    ('ap_index_copy', 'torchair_like', 'batch', _EQ),
    ('ap_index_copy', 'torchair_like', 'dynamic', _EQ),
    ('ap_read_after', 'torchair_like', 'static', _EQ),
    ('ap_read_after', 'torchair_like', 'batch', _EQ),
    ('ap_read_after', 'torchair_like', 'dynamic', _EQ),
    ('al_unowned', 'torchair_like', 'static', _R),
    ('al_read', 'torchair_like', 'static', _R),
    ('sh_same_slots', 'torchair_like', 'static', _EQ),
    ('sh_same_slots', 'torchair_like', 'batch', _EQ),
    ('sh_same_slots', 'torchair_like', 'dynamic', _EQ),
    ('sh_shifted_slots', 'torchair_like', 'static', _EQ),
    ('sh_shifted_slots', 'torchair_like', 'batch', _EQ),
    ('sh_shifted_slots', 'torchair_like', 'dynamic', _EQ),
    ('sh_two_caches_one_kv', 'torchair_like', 'static', _EQ),
    ('sh_two_caches_one_kv', 'torchair_like', 'batch', _EQ),
    ('sh_two_caches_one_kv', 'torchair_like', 'dynamic', _EQ),
    ('dp_sum', 'torchair_like', 'static', _EQ),
    ('dp_sum', 'torchair_like', 'batch', _EQ),
    ('dp_sum', 'torchair_like', 'dynamic', _EQ),
    ('dp_sum_zw', 'torchair_like', 'static', _EQ),
    ('dp_sum_zw', 'torchair_like', 'batch', _EQ),
    ('dp_sum_zw', 'torchair_like', 'dynamic', _EQ),
    ('dp_einsum', 'torchair_like', 'static', _EQ),
    ('dp_einsum', 'torchair_like', 'batch', _EQ),
    ('dp_einsum', 'torchair_like', 'dynamic', _EQ),
    ('dp_einsum_zw', 'torchair_like', 'static', _EQ),
    ('dp_einsum_zw', 'torchair_like', 'batch', _EQ),
    ('dp_einsum_zw', 'torchair_like', 'dynamic', _EQ),
    ('dp_chain_zeros', 'torchair_like', 'static', _EQ),
    ('dp_chain_zeros', 'torchair_like', 'batch', _EQ),
    ('dp_chain_zeros', 'torchair_like', 'dynamic', _EQ),
    ('dp_chain_zeros_zw', 'torchair_like', 'static', _EQ),
    ('dp_chain_zeros_zw', 'torchair_like', 'batch', _EQ),
    ('dp_chain_zeros_zw', 'torchair_like', 'dynamic', _EQ),
    ('dp_chain_first', 'torchair_like', 'static', _R),
    ('dp_chain_first', 'torchair_like', 'batch', _R),
    ('dp_chain_first', 'torchair_like', 'dynamic', _R),
    ('dp_chain_first_zw', 'torchair_like', 'static', _R),
    ('dp_chain_first_zw', 'torchair_like', 'batch', _R),
    ('dp_chain_first_zw', 'torchair_like', 'dynamic', _R),
    ('dp_mean', 'torchair_like', 'static', _EQ),
    ('dp_mean', 'torchair_like', 'batch', _EQ),
    ('dp_mean', 'torchair_like', 'dynamic', _EQ),
    ('dp_mean_zw', 'torchair_like', 'static', _EQ),
    ('dp_mean_zw', 'torchair_like', 'batch', _EQ),
    ('dp_mean_zw', 'torchair_like', 'dynamic', _EQ),
    ('dp_mean_chain_first', 'torchair_like', 'static', _R),
    ('dp_mean_chain_first', 'torchair_like', 'batch', _R),
    ('dp_mean_chain_first', 'torchair_like', 'dynamic', _R),
    ('dp_mean_chain_first_zw', 'torchair_like', 'static', _R),
    ('dp_mean_chain_first_zw', 'torchair_like', 'batch', _R),
    ('dp_mean_chain_first_zw', 'torchair_like', 'dynamic', _R),
    ('fm_einsum_fp32', 'torchair_like', 'static', _FF),
    ('fm_einsum_fp32', 'torchair_like', 'batch', _FF),
    ('fm_einsum_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_matmul_fp32', 'torchair_like', 'static', _FF),
    ('fm_matmul_fp32', 'torchair_like', 'batch', _FF),
    ('fm_matmul_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_bmm_fp32', 'torchair_like', 'static', _FF),
    ('fm_bmm_fp32', 'torchair_like', 'batch', _FF),
    ('fm_bmm_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_mul_sum_fp32', 'torchair_like', 'static', _FF),
    ('fm_mul_sum_fp32', 'torchair_like', 'batch', _FF),
    ('fm_mul_sum_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_einsum_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_einsum_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_einsum_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_matmul_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_matmul_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_matmul_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_bmm_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_bmm_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_bmm_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_mul_sum_two_fp32', 'torchair_like', 'static', _EQ),
    ('fm_mul_sum_two_fp32', 'torchair_like', 'batch', _EQ),
    ('fm_mul_sum_two_fp32', 'torchair_like', 'dynamic', _EQ),
    ('fm_mm_diag_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_mm_diag_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_mm_diag_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_einsum_diag_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_einsum_diag_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_einsum_diag_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_mm_heads_loop_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_mm_heads_loop_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_mm_heads_loop_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_linear_diag_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_linear_diag_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_linear_diag_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_tensordot_diag_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_tensordot_diag_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_tensordot_diag_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_conv1d_two_fp32', 'torchair_like', 'static', _FF),
    ('fm_conv1d_two_fp32', 'torchair_like', 'batch', _FF),
    ('fm_conv1d_two_fp32', 'torchair_like', 'dynamic', _FF),
    ('fm_einsum_bf16_overflow', 'torchair_like', 'static', _FF),
    ('fm_einsum_bf16_overflow', 'torchair_like', 'batch', _FF),
    ('fm_einsum_bf16_overflow', 'torchair_like', 'dynamic', _FF),
    ('fm_mul_sum_bf16_overflow', 'torchair_like', 'static', _EQ),
    ('fm_mul_sum_bf16_overflow', 'torchair_like', 'batch', _EQ),
    ('fm_mul_sum_bf16_overflow', 'torchair_like', 'dynamic', _EQ),
    ('fm_mm_diag_bf16_overflow', 'torchair_like', 'static', _FF),
    ('fm_mm_diag_bf16_overflow', 'torchair_like', 'batch', _FF),
    ('fm_mm_diag_bf16_overflow', 'torchair_like', 'dynamic', _FF),
    ('fm_einsum_diag_bf16_overflow', 'torchair_like', 'static', _FF),
    ('fm_einsum_diag_bf16_overflow', 'torchair_like', 'batch', _FF),
    ('fm_einsum_diag_bf16_overflow', 'torchair_like', 'dynamic', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'torchair_like', 'static', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'torchair_like', 'batch', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'torchair_like', 'dynamic', _FF),
    ('sk_index_fill', 'torchair_like', 'static', _R),
    ('sk_index_fill', 'torchair_like', 'batch', _R),
    ('sk_index_fill', 'torchair_like', 'dynamic', _R),
    ('sk_setitem_zero', 'torchair_like', 'static', _R),
    ('sk_setitem_zero', 'torchair_like', 'batch', _R),
    ('sk_setitem_zero', 'torchair_like', 'dynamic', _R),
    ('sk_neg_rows', 'torchair_like', 'static', _R),
    ('sk_neg_rows', 'torchair_like', 'batch', _R),
    ('sk_neg_rows', 'torchair_like', 'dynamic', _R),
    ('sk_mul_all', 'torchair_like', 'static', _R),
    ('sk_mul_all', 'torchair_like', 'batch', _R),
    ('sk_mul_all', 'torchair_like', 'dynamic', _R),
    ('sk_zero_all', 'torchair_like', 'static', _R),
    ('sk_zero_all', 'torchair_like', 'batch', _R),
    ('sk_zero_all', 'torchair_like', 'dynamic', _R),
    ('sk_copy_other', 'torchair_like', 'static', _R),
    ('sk_copy_other', 'torchair_like', 'batch', _R),
    ('sk_copy_other', 'torchair_like', 'dynamic', _R),
    ('sk_clone_old', 'torchair_like', 'static', _R),
    ('sk_clone_old', 'torchair_like', 'batch', _R),
    ('sk_clone_old', 'torchair_like', 'dynamic', _R),
    ('sk_view_old', 'torchair_like', 'static', _EQ),
    ('sk_view_old', 'torchair_like', 'batch', _EQ),
    ('sk_view_old', 'torchair_like', 'dynamic', _EQ),
    ('sk_index_fill', 'inductor_graph', 'static', _R),
    ('sk_index_fill', 'inductor_graph', 'batch', _R),
    ('sk_index_fill', 'inductor_graph', 'dynamic', _R),
    ('sk_setitem_zero', 'inductor_graph', 'static', _R),
    ('sk_setitem_zero', 'inductor_graph', 'batch', _R),
    ('sk_setitem_zero', 'inductor_graph', 'dynamic', _R),
    ('sk_neg_rows', 'inductor_graph', 'static', _R),
    ('sk_neg_rows', 'inductor_graph', 'batch', _R),
    ('sk_neg_rows', 'inductor_graph', 'dynamic', _R),
    ('sk_mul_all', 'inductor_graph', 'static', _R),
    ('sk_mul_all', 'inductor_graph', 'batch', _R),
    ('sk_mul_all', 'inductor_graph', 'dynamic', _R),
    ('sk_zero_all', 'inductor_graph', 'static', _R),
    ('sk_zero_all', 'inductor_graph', 'batch', _R),
    ('sk_zero_all', 'inductor_graph', 'dynamic', _R),
    ('sk_copy_other', 'inductor_graph', 'static', _R),
    ('sk_copy_other', 'inductor_graph', 'batch', _R),
    ('sk_copy_other', 'inductor_graph', 'dynamic', _R),
    ('sk_clone_old', 'inductor_graph', 'static', _R),
    ('sk_clone_old', 'inductor_graph', 'batch', _R),
    ('sk_clone_old', 'inductor_graph', 'dynamic', _R),
    ('sk_view_old', 'inductor_graph', 'static', _EQ),
    ('sk_view_old', 'inductor_graph', 'batch', _EQ),
    ('sk_view_old', 'inductor_graph', 'dynamic', _EQ),
    ('sv_plain', 'inductor_graph', 'static', _EQ),
    ('sv_plain', 'inductor_graph', 'batch', _EQ),
    ('sv_plain', 'inductor_graph', 'dynamic', _EQ),
    ('sv_swapped', 'inductor_graph', 'static', _EQ),
    ('sv_swapped', 'inductor_graph', 'batch', _EQ),
    ('sv_swapped', 'inductor_graph', 'dynamic', _EQ),
    ('sv_flip_keep', 'inductor_graph', 'static', _R),
    ('sv_flip_keep', 'inductor_graph', 'batch', _R),
    ('sv_flip_keep', 'inductor_graph', 'dynamic', _R),
    ('sv_joint', 'inductor_graph', 'static', _EQ),
    ('sv_joint', 'inductor_graph', 'batch', _EQ),
    ('sv_joint', 'inductor_graph', 'dynamic', _EQ),
    ('sv_joint_einsum', 'inductor_graph', 'static', _EQ),
    ('sv_joint_einsum', 'inductor_graph', 'batch', _EQ),
    ('sv_joint_einsum', 'inductor_graph', 'dynamic', _EQ),
    ('sv_joint_flip_keep', 'inductor_graph', 'static', _R),
    ('sv_joint_flip_keep', 'inductor_graph', 'batch', _R),
    ('sv_joint_flip_keep', 'inductor_graph', 'dynamic', _R),
    ('sv_joint_other_cond', 'inductor_graph', 'static', _EQ),
    ('sv_joint_other_cond', 'inductor_graph', 'batch', _EQ),
    ('sv_joint_other_cond', 'inductor_graph', 'dynamic', _EQ),
    ('sv_plain', 'torchair_like', 'static', _EQ),
    ('sv_plain', 'torchair_like', 'batch', _EQ),
    ('sv_plain', 'torchair_like', 'dynamic', _EQ),
    ('sv_swapped', 'torchair_like', 'static', _EQ),
    ('sv_swapped', 'torchair_like', 'batch', _EQ),
    ('sv_swapped', 'torchair_like', 'dynamic', _EQ),
    ('sv_flip_keep', 'torchair_like', 'static', _R),
    ('sv_flip_keep', 'torchair_like', 'batch', _R),
    ('sv_flip_keep', 'torchair_like', 'dynamic', _R),
    ('sv_joint', 'torchair_like', 'static', _EQ),
    ('sv_joint', 'torchair_like', 'batch', _EQ),
    ('sv_joint', 'torchair_like', 'dynamic', _EQ),
    ('sv_joint_einsum', 'torchair_like', 'static', _EQ),
    ('sv_joint_einsum', 'torchair_like', 'batch', _EQ),
    ('sv_joint_einsum', 'torchair_like', 'dynamic', _EQ),
    ('sv_joint_flip_keep', 'torchair_like', 'static', _R),
    ('sv_joint_flip_keep', 'torchair_like', 'batch', _R),
    ('sv_joint_flip_keep', 'torchair_like', 'dynamic', _R),
    ('sv_joint_other_cond', 'torchair_like', 'static', _EQ),
    ('sv_joint_other_cond', 'torchair_like', 'batch', _EQ),
    ('sv_joint_other_cond', 'torchair_like', 'dynamic', _EQ),
    ('fm_einsum_fp32', 'inductor', 'static', _CD),
    ('fm_einsum_fp32', 'inductor', 'batch', _CD),
    ('fm_einsum_fp32', 'inductor', 'dynamic', _CD),
    ('fm_matmul_fp32', 'inductor', 'static', _CD),
    ('fm_matmul_fp32', 'inductor', 'batch', _CD),
    ('fm_matmul_fp32', 'inductor', 'dynamic', _CD),
    ('fm_bmm_fp32', 'inductor', 'static', _CD),
    ('fm_bmm_fp32', 'inductor', 'batch', _CD),
    ('fm_bmm_fp32', 'inductor', 'dynamic', _CD),
    ('fm_mul_sum_fp32', 'inductor', 'static', _CD),
    ('fm_mul_sum_fp32', 'inductor', 'batch', _CD),
    ('fm_mul_sum_fp32', 'inductor', 'dynamic', _CD),
    ('fm_mul_sum_two_fp32', 'inductor', 'static', _EQ),
    ('fm_mul_sum_two_fp32', 'inductor', 'batch', _EQ),
    ('fm_mul_sum_two_fp32', 'inductor', 'dynamic', _EQ),
    ('fm_mm_diag_two_fp32', 'inductor', 'batch', _FF),
    ('fm_mm_diag_two_fp32', 'inductor', 'dynamic', _FF),
    ('fm_einsum_diag_two_fp32', 'inductor', 'batch', _FF),
    ('fm_einsum_diag_two_fp32', 'inductor', 'dynamic', _FF),
    ('fm_mm_heads_loop_two_fp32', 'inductor', 'batch', _FF),
    ('fm_mm_heads_loop_two_fp32', 'inductor', 'dynamic', _FF),
    ('fm_linear_diag_two_fp32', 'inductor', 'static', _FF),
    ('fm_linear_diag_two_fp32', 'inductor', 'batch', _FF),
    ('fm_linear_diag_two_fp32', 'inductor', 'dynamic', _FF),
    ('fm_tensordot_diag_two_fp32', 'inductor', 'static', _FF),
    ('fm_tensordot_diag_two_fp32', 'inductor', 'batch', _FF),
    ('fm_tensordot_diag_two_fp32', 'inductor', 'dynamic', _FF),
    ('fm_conv1d_two_fp32', 'inductor', 'static', _FF),
    ('fm_conv1d_two_fp32', 'inductor', 'batch', _FF),
    ('fm_conv1d_two_fp32', 'inductor', 'dynamic', _FF),
    ('fm_einsum_bf16_overflow', 'inductor', 'batch', _CD),
    ('fm_einsum_bf16_overflow', 'inductor', 'dynamic', _CD),
    ('fm_mul_sum_bf16_overflow', 'inductor', 'batch', _EQ),
    ('fm_mul_sum_bf16_overflow', 'inductor', 'dynamic', _EQ),
    ('fm_mm_diag_bf16_overflow', 'inductor', 'batch', _FF),
    ('fm_mm_diag_bf16_overflow', 'inductor', 'dynamic', _FF),
    ('fm_einsum_diag_bf16_overflow', 'inductor', 'batch', _FF),
    ('fm_einsum_diag_bf16_overflow', 'inductor', 'dynamic', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'inductor', 'batch', _FF),
    ('fm_mm_heads_loop_bf16_overflow', 'inductor', 'dynamic', _FF),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
