"""Thirty-fifth adversarial review of the recogniser (round 35; reviewer focus: the float side -- window sums, signs of
zero, mean forms, rounding -- and the rewrites: flattened-head caches [NB, P, N * D] / [S, N * D], paged compressed
caches written at [page, i % Pc], head-major caches, stale keeps of a second write, 2-4 layer graphs mixing them).

Same format as redteam25 / redteam33: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)`` (pc_: the 3rd argument is the
[B, MPc] compressed page table and ``cache`` the paged compressed cache [NBc, Pc, N, D]; ml_: four more arguments, a
flat [NB, P, C] KV, a [S, C] cache, a head-major [N, S, D] cache and a paged [NB, Pc, N, D] cache); runner and
classification are redteam7's ``classify7``.

    cd /tmp/base34 && PYTHONPATH=/tmp/base34 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam35.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base34 = 8aa542f, 09:18-10:16 UTC 2026-12-05): 81 attacks in 6 themes
(fh_ flattened heads 14, pc_ paged compressed caches 19, st_ stale keeps 7, ml_ multi-layer 8, zc_ mean add chains 24,
lb_ length-branched chain starts 9), 241 runs per graph dialect:

    inductor_graph  241 runs: 74 FALSE FUSION / 0 CRASH / 96 fused & equal / 71 refused
    torchair_like   241 runs: 72 FALSE FUSION / 0 CRASH / 94 fused & equal / 75 refused
    inductor (real codegen, nsa_fusion_backend; every zc_ attack in every mode, lb_first_at_96, _208, _96_gather,
              _96_bf16 in every mode): 82 runs: 61 FALSE FUSION / 0 CRASH / 12 fused & equal / 9 refused
              (every graph-dialect false fusion run among them is a false fusion in codegen too, the control equal
              to eager; lb_first_at_96_gather batch / dynamic, refused in torchair_like, are false fusions there)

Per theme (inductor_graph | torchair_like): fh_ 28 EQ / 14 R | 26 EQ / 16 R; pc_ 15 EQ / 42 R | same; st_ 17 EQ / 4 R |
same; ml_ 24 EQ | same; zc_ 49 FF / 12 EQ / 9 R | same; lb_ 25 FF / 2 R | 23 FF / 4 R.  Differences between the
dialects: fh_kept_first_view static / batch (torchair's graph keeps the kept side's [B, 4, 8] view, whose heads
rewrite._heads_of_flat_rows takes: refused, weight [32, 2] for N = 4), lb_first_at_96_gather batch / dynamic (refused
by the sizes rules in torchair's graph).

Method notes: the first inductor_graph run of fh_ printed through ``tail``, which cut the first seven attacks' lines;
their results in ``_FIRST`` are from the identical rerun right after (no change to file or tree in between).
pc_unclamped / pc_unclamped_pad first read the table with ``gather`` at ``i // Pc = -1`` (EAGER FAILS: an attack bug);
they read it with ``index`` now (wraps like the user's index), and ``_FIRST`` holds that version's first run.

FOUND (/work/briefs/redteam35_findings.md):

* F1 FALSE FUSION (zc_first_*, zc_negzero_*, zc_first_unbind_*, zc_first_sum_start_*, zc_first_then_div,
  zc_first_inplace, zc_negzero_scalar, zc_minus_zero_start, zc_first_flat_heads, zc_first_mul_b1, zc_*_bf16 / _fp32;
  every mode, both graph dialects and real Inductor codegen): MEAN pooling written out as an add chain of one scaling
  of the tokens (``xs = tok.float() * (1 / l)`` or ``/ l``, or the unscaled chain then ``/ l`` in fp16), started from
  the first term (``acc = xs[:, 0]; acc = acc + xs[:, j]``; ``sum(parts[1:], parts[0])``; ``xs[:, 0] - 0.0``) or from a
  -0.0 fill (``full_like(.., -0.0)``, ``-0.0 + xs[:, 0]``).  On a window of -0.0 tokens eager (and plain Inductor,
  whose joint-graph remove_no_ops drops ``-0.0 + x`` exactly) gives -0.0, the op +0.0.  Rule:
  pooling.PoolingProof._probe_specials -- the -0.0 check of a written-out sum zeroes a window with +0.0 tokens and
  negates the WEIGHT probe (``if leaf is not None: wprobe = -wprobe.abs()``); mean pooling has no weight, so its
  products stay +0.0 and a chain from the first term sums them to +0.0 like the op (and _is_zero accepts a -0.0 fill
  as an accumulator start).  The same chains from zeros are equal (zc_zeros_*, zc_first_pytsum_*).  Repro:
  /work/briefs/redteam35_repro.py [first|negzero|zeros].
* F2 FALSE FUSION (lb_*; every mode but two dynamic=True runs refused by the sizes rules, both graph dialects and real
  Inductor codegen): WEIGHTED pooling as a window-order add chain from the first product at one length (``where(lens ==
  96, first_chain, zeros_chain)``) -- at 32, 48, 96, 160, 208, 256 or {64, 128, 192}, every one tried -- with a
  window of -0.0 products (tokens -0.0 under positive weights) at that length: eager -0.0, the op +0.0; the whole chain
  from the first product (zc_w_first_mul, zc_w_minus_zero_start) is refused.  Rule: pooling.PoolingProof._probe_specials
  -- the -0.0 window of the "order" round (and "zeros" at one probe row) is put in probe row 0 only, which holds one
  length per chunk of probe_B lengths (one of the 15 here); red-team 29 F1's fix made each round hold every length, but
  this sub-probe stayed on row 0.  Repro: /work/briefs/redteam35_repro2.py [S_STAR].

Not found (equal or refused in both graph dialects; the idea each tried):

* fh_ (rewrite._heads_of_flat_rows / _one_head_rows, roles._page_view "latent" with N > 1): flat KV and/or flat cache,
  weighted, mean, einsum, channels split D-major ([B, l, D, N]: mean fused & equal, weighted refused), heads taken from
  a kept-side [B, 4, 8] view (Inductor CSEs it away: equal; torchair keeps it: refused), heads concatenated instead of
  reshaped (refused), N = 4 / D = 8, bf16, fp32, zero windows under negative weights, mean over -0.0 windows: fused &
  equal static / batch; under dynamic=True the heads are symbolic and the flat cache is read with N = 1 (mean: equal,
  weighted: refused).
* pc_ (rewrite._per_request_rows' paged branch, _floor_remainder_by): [page, i % Pc] with an int32 / int64 table, page
  by gather or index, ``torch.remainder``, unclamped i (rows that do not complete at their own last page), page -1
  padding, Pc = 1 / 3 / 4 / 16, bf16, old entries returned, a second write at i + 1: fused & equal static (dynamic=True
  Pc = 1 too); fmod, ``i - (i // Pc) * Pc``, int32 i, an int32 page, a flat-view read with a direct write: refused;
  mark_dynamic / dynamic=True: refused (the slot plan).
* st_: a second write into the same cache at ``(s + k) % S`` keeping rows read BEFORE the first write (6 rows where
  eager puts a stale row back over a row the first write filled): fused & equal (index_put, clone, index_copy, [S, C]
  and head-major [N, S, D] caches); vLLM's flattened [S * N, D] view: refused.
* ml_: 2-4 layers in one graph (a [NB, P, N, D] layer, a flattened-head mean layer, a head-major cache, a paged
  compressed cache whose page table is the KV's own block table), bf16, an attention-like read after: equal in every
  run; the fused counts (AB, AC: both layers; AD, BD, CD: one; ABCD: three of four) show the paged layer is left
  unfused when its page table is the KV block table (pc_, with a table of its own, fuses).
* zc_ controls: chains from zeros, Python's sum() (starts from int 0), ``acc - (-x)`` from zeros (refused: 0 - x),
  weighted chains from the first product / from ``p0 - 0.0`` (refused by the order probe).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base34, the frozen tree's nsa_fusion and tests must win)
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


def _flat(seed=0, B=40, kvflat=True, cflat=True, **kw):
    """build()'s inputs with the paged KV as [NB, P, N * D] and/or the cache as [S, N * D] (vllm-ascend)."""
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, **kw).args
    NB, P, N, D = kv.shape
    if kvflat:
        kv = kv.reshape(NB, P, N * D).clone()
    if cflat:
        cache = cache.reshape(cache.shape[0], N * D).clone()
    return [kv, w, slots, table, lens, cache]


def _flat_calls(Bs=(40, 24), **kw):
    return lambda: [_flat(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


def _zero_windows(seed=0, B=40, flat=True, neg_w=True, **kw):
    """Windows of zero tokens (+0.0 and -0.0) under negative weights: products -0.0 / +0.0."""
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, **kw).args
    P = kv.shape[1]
    for b in range(B):
        s = int(lens[b])
        if s >= L and b % 2 == 0:
            p = torch.arange(s - L, s)
            kv[table[b, p // P].long(), p % P] = -0.0 if b % 4 == 0 else 0.0
    if neg_w:
        w = -w.abs()
        w[w == 0] = -1
    NB, P, N, D = kv.shape
    if flat:
        kv = kv.reshape(NB, P, N * D).clone()
        cache = cache.reshape(cache.shape[0], N * D).clone()
    return [kv, w, slots, table, lens, cache]


def _zero_calls(Bs=(40, 24), **kw):
    return lambda: [_zero_windows(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


# --- theme 1 (fh_): flattened-head caches [NB, P, N * D] / [S, N * D] (rewrite._heads_of_flat_rows, roles latent) --
def _ftok(kv, table, lens, N, D):
    """Tokens from a [NB, P, C] paged KV, viewed [B, l, N, D]."""
    pos = positions(lens)
    P = kv.shape[1]
    t = kv[table.long().gather(1, pos // P), pos % P]  # [B, l, C]
    return t.view(t.shape[0], t.shape[1], N, D)


def _fh(kind="base", N=2, D=16):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        valid = completes(lens)
        B = lens.shape[0]
        if kv.dim() == 3:
            tok = _ftok(kv, table, lens, N, D)
        else:
            tok = tokens(kv, table, positions(lens))
        if kind == "mean":
            new = tok.float().mean(1)
        elif kind == "dn_mean":  # channels split [D, N] (D-major), mean: every split is the same mean
            tok2 = tok.reshape(B, L, N * D).view(B, L, D, N)
            new = tok2.float().mean(1)  # [B, D, N]
        elif kind == "dn_weighted":  # channels split [D, N], weight per (last) N
            tok2 = tok.reshape(B, L, N * D).view(B, L, D, N)
            new = (tok2.float() * w.float()[None, :, None, :]).sum(1)  # [B, D, N]
        elif kind == "einsum":
            new = torch.einsum("bjnd,jn->bnd", tok.float(), w.float())
        else:
            new = pool(tok, w)
        if cache.dim() == 2:
            C = cache.shape[1]
            if kind == "cat_heads":  # new side not a reshape; kept side a [B, 4, 8] view
                nf = torch.cat([new[:, h] for h in range(new.shape[1])], dim=1).to(cache.dtype)
                kept = cache[s].view(B, 4, C // 4).reshape(B, C)
            elif kind == "kept_first_view":  # the kept side's view first in the select: where(~valid, kept, new)
                nf = new.to(cache.dtype).reshape(B, C)
                kept = cache[s].view(B, 4, C // 4).reshape(B, C)
                cache[s] = torch.where(~valid[:, None], kept, nf)
                return cache
            else:
                nf = new.to(cache.dtype).reshape(B, C)
                kept = cache[s]
            cache[s] = torch.where(valid[:, None], nf, kept)
            return cache
        return write(cache, slots, valid, new)
    return step


for _k in ("base", "mean", "einsum", "dn_mean", "dn_weighted", "cat_heads", "kept_first_view"):
    ATTACKS = globals().setdefault("ATTACKS", [])
    ATTACKS.append((f"fh_{_k}", _mk(_fh(_k), _flat_calls(), MODES3), f"flat KV [NB, P, C] and cache [S, C], {_k}"))
ATTACKS.append(("fh_kvflat_only", _mk(_fh("base"), _flat_calls(cflat=False), MODES3), "flat KV, [S, N, D] cache"))
ATTACKS.append(("fh_cacheflat_only", _mk(_fh("base"), _flat_calls(kvflat=False), MODES3), "[NB, P, N, D] KV, flat cache"))
ATTACKS.append(("fh_n4_d8", _mk(_fh("base", 4, 8), _flat_calls(N=4, D=8), MODES3), "flat, N=4, D=8"))
ATTACKS.append(("fh_zero_neg_w", _mk(_fh("base"), _zero_calls(), MODES3), "flat, zero windows, negative weights"))
ATTACKS.append(("fh_zero_mean", _mk(_fh("mean"), _zero_calls(), MODES3), "flat, zero windows, mean"))
ATTACKS.append(("fh_bf16", _mk(_fh("base"), _flat_calls(dtype=torch.bfloat16), MODES3), "flat bf16"))
ATTACKS.append(("fh_fp32", _mk(_fh("base"), _flat_calls(dtype=torch.float32), MODES3), "flat fp32"))


# --- theme 2 (pc_): a paged compressed cache [NBc, Pc, N, D] written at [page, i % Pc] (rewrite._per_request_rows'
# paged branch, _floor_remainder_by: slot page * Pc + i % Pc) --------------------------------------------------------
def _specials_into(t, g, count=64):
    sp = torch.tensor([float("nan"), float("inf"), float("-inf"), -0.0]).to(t.dtype)
    flat = t.view(-1)
    idx = torch.randint(0, flat.numel(), (count,), generator=g)
    flat[idx] = sp[torch.arange(count) % 4]
    return t


def _paged_cmp(seed=0, B=40, Pc=4, dtype=torch.float16, pad=False, extra=3, meta=torch.int32, **kw):
    """``[kv, w, cbt, table, lens, cmp]``: cmp [NBc, Pc, N, D] (specials in it), cbt [B, MPc] the request's compressed
    pages (distinct; ``pad``: rows that do not complete get page -1, and no written row lies in the last page)."""
    x = build(seed=seed, dtype=dtype, B=B, **kw)
    kv, w, slots, table, lens, cache = x.args
    cap = kv.shape[1] * table.shape[1]
    n_ent = (cap - L) // STRIDE + 1
    MPc = -(-n_ent // Pc)
    NBc = B * MPc + extra
    N, D = kv.shape[2], kv.shape[3]
    g = torch.Generator().manual_seed(seed + 77)
    cmp = _specials_into((torch.randint(-32, 33, (NBc, Pc, N, D), generator=g) / 16.0).to(dtype), g)
    cbt = torch.randperm(NBc - 1, generator=g)[: B * MPc].view(B, MPc)
    if pad:
        cbt[~completes(lens)] = -1
    return [kv, w, cbt.to(meta), table, lens, cmp]


def _pc_calls(Bs=(40, 24), **kw):
    return lambda: [_paged_cmp(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


def _pc(kind="base"):
    def step(kv, w, cbt, table, lens, cmp):
        Pc = cmp.shape[1]
        valid = completes(lens)
        if kind == "mean":
            new = tokens(kv, table, positions(lens)).float().mean(1)
        else:
            new = pool(tokens(kv, table, positions(lens)), w)
        if kind == "unclamped":  # rows that do not complete: i = -1 or -2, their own last page's rows
            i = (lens.long() - L) // STRIDE
        elif kind == "int32_i":
            i = ((lens - L) // STRIDE).clamp(min=0)
        else:
            i = ((lens.long() - L) // STRIDE).clamp(min=0)
        if kind == "unclamped":  # (index, not gather: -1 wraps to the row's last page)
            page = cbt.long()[torch.arange(lens.shape[0]), i // Pc]
        elif kind == "page_int32":
            page = cbt.gather(1, (i // Pc).long()[:, None])[:, 0]
        elif kind == "page_index2":
            page = cbt.long()[torch.arange(lens.shape[0]), i // Pc]
        else:
            page = cbt.long().gather(1, (i // Pc)[:, None])[:, 0]
        if kind == "off_remainder_fn":
            off = torch.remainder(i, Pc)
        elif kind == "off_fmod":
            off = torch.fmod(i, Pc)
        elif kind == "off_minus":  # i - (i // Pc) * Pc: the floor remainder spelled out
            off = i - (i // Pc) * Pc
        else:
            off = i % Pc
        nv = new.to(cmp.dtype)
        vm = valid[:, None, None]
        if kind == "old_returned":
            old = cmp[page, off]
            cmp[page, off] = torch.where(vm, nv, old)
            return cmp, old
        if kind == "two_writes":  # a second write at the next entry (i + 1) keeping the rows read before the first
            cmp[page, off] = torch.where(vm, nv, cmp[page, off])
            i2 = i + 1
            p2 = cbt.long().gather(1, (i2 // Pc).clamp(max=cbt.shape[1] - 1)[:, None])[:, 0]
            cmp[p2, i2 % Pc] = torch.where(vm, pool(tokens(kv, table, positions(lens)), w.flip(0)).to(cmp.dtype),
                                           cmp[p2, i2 % Pc])
            return cmp
        if kind == "flat_then_direct":  # read through the flat view, written at [page, off]
            flat = cmp.view(-1, cmp.shape[2], cmp.shape[3])
            old = flat[page * Pc + off]
            cmp[page, off] = torch.where(vm, nv, old)
            return cmp
        cmp[page, off] = torch.where(vm, nv, cmp[page, off])
        return cmp
    return step


for _k in ("base", "mean", "unclamped", "int32_i", "page_int32", "page_index2", "off_remainder_fn", "off_fmod",
           "off_minus", "old_returned", "two_writes", "flat_then_direct"):
    ATTACKS.append((f"pc_{_k}", _mk(_pc(_k), _pc_calls(), MODES3), f"paged compressed cache at [page, i % Pc], {_k}"))
ATTACKS.append(("pc_pad", _mk(_pc("base"), _pc_calls(pad=True), MODES3), "page -1 on rows that do not complete"))
ATTACKS.append(("pc_unclamped_pad", _mk(_pc("unclamped"), _pc_calls(pad=True), MODES3),
                "page -1 and i < 0 on rows that do not complete"))
ATTACKS.append(("pc_Pc1", _mk(_pc("base"), _pc_calls(Pc=1), MODES3), "Pc = 1"))
ATTACKS.append(("pc_Pc16", _mk(_pc("base"), _pc_calls(Pc=16), MODES3), "Pc = 16 (one page per request)"))
ATTACKS.append(("pc_Pc3", _mk(_pc("base"), _pc_calls(Pc=3), MODES3), "Pc = 3"))
ATTACKS.append(("pc_bf16", _mk(_pc("base"), _pc_calls(dtype=torch.bfloat16), MODES3), "bf16"))
ATTACKS.append(("pc_int64_meta", _mk(_pc("base"), _pc_calls(meta=torch.int64), MODES3), "int64 table"))


# --- theme 3 (st_): two writes into one cache, the second keeping rows read BEFORE the first (stale keeps).  W2's
# slots s2 = (s + k) % S hit rows W1 wrote on rows that do not complete: eager puts the stale old row back there ---
def _st(kind="std", k=7, late_read=False):
    def step(kv, w, slots, table, lens, cache):
        valid = completes(lens)
        B = lens.shape[0]
        s = slots.long()
        new1 = pool(tokens(kv, table, positions(lens)), w)
        new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
        if kind == "flat":  # [S, C]
            S, C = cache.shape
            s2 = (s + k) % S
            old2 = cache[s2]
            cache[s] = torch.where(valid[:, None], new1.to(cache.dtype).reshape(B, C), cache[s])
            cache[s2] = torch.where(valid[:, None], new2.to(cache.dtype).reshape(B, C), old2)
            return cache
        if kind == "hm":  # head-major [N, S, D]
            S = cache.shape[1]
            s2 = (s + k) % S
            old2 = cache[:, s2]
            cache[:, s] = torch.where(valid[None, :, None], new1.to(cache.dtype).transpose(0, 1), cache[:, s])
            cache[:, s2] = torch.where(valid[None, :, None], new2.to(cache.dtype).transpose(0, 1), old2)
            return cache
        if kind == "flatview":  # vLLM's [S * N, D] view, rows s * N + h
            S, N, D = cache.shape
            s2 = (s + k) % S
            flat = cache.view(S * N, D)
            r1 = (s[:, None] * N + torch.arange(N)).reshape(-1)
            r2 = (s2[:, None] * N + torch.arange(N)).reshape(-1)
            old2 = flat[r2]
            vm = valid[:, None, None].expand(B, N, 1).reshape(B * N, 1)
            flat[r1] = torch.where(vm, new1.to(cache.dtype).reshape(B * N, D), flat[r1])
            flat[r2] = torch.where(vm, new2.to(cache.dtype).reshape(B * N, D), old2)
            return cache
        if kind == "index_copy":
            S = cache.shape[0]
            s2 = (s + k) % S
            old2 = cache.index_select(0, s2)
            cache.index_copy_(0, s, torch.where(valid[:, None, None], new1.to(cache.dtype), cache[s]))
            cache.index_copy_(0, s2, torch.where(valid[:, None, None], new2.to(cache.dtype), old2))
            return cache
        S = cache.shape[0]
        s2 = (s + k) % S
        old2 = cache[s2].clone() if kind == "clone" else cache[s2]
        cache[s] = torch.where(valid[:, None, None], new1.to(cache.dtype), cache[s])
        cache[s2] = torch.where(valid[:, None, None], new2.to(cache.dtype), old2)
        return cache
    return step


def _st_calls(Bs=(40, 24), layout="std", **kw):
    def one(seed, B):
        a = build(seed=seed, B=B, **kw).args
        if layout == "flat":
            a[5] = a[5].reshape(a[5].shape[0], -1).clone()
        elif layout == "hm":
            a[5] = a[5].transpose(0, 1).contiguous()
        return a
    return lambda: [one(k, B) for k, B in enumerate(Bs)]


for _k in ("std", "clone", "index_copy", "flatview"):
    ATTACKS.append((f"st_{_k}", _mk(_st(_k), _st_calls(), MODES3), f"stale keep of a second write, {_k}"))
ATTACKS.append(("st_flat", _mk(_st("flat"), _st_calls(layout="flat"), MODES3), "stale keep, [S, C] cache"))
ATTACKS.append(("st_hm", _mk(_st("hm"), _st_calls(layout="hm"), MODES3), "stale keep, head-major [N, S, D] cache"))
ATTACKS.append(("st_std_k1", _mk(_st("std", k=1), _st_calls(), MODES3), "stale keep, s2 = s + 1"))


# --- theme 4 (ml_): 2-4 layers in one graph mixing the layouts: a [NB, P, N, D] layer, a flattened-head layer ([NB,
# P, C] / [S, C], mean), a head-major [N, S, D] compressed cache, and a paged compressed cache [NB, Pc, N, D] whose
# page table is the KV's own block table (distinct pages per row) -----------------------------------------------------
def _ml_inputs(seed=0, B=40, dtype=torch.float16, Pc=4, **kw):
    a = build(seed=seed, B=B, dtype=dtype, **kw).args
    kv, w, slots, table, lens, cache = a
    g = torch.Generator().manual_seed(seed + 300)
    NB, P, N, D = kv.shape
    S = cache.shape[0]
    kv2 = torch.where(kv.isfinite(), (torch.randint(-32, 33, kv.shape, generator=g) / 16.0).to(dtype), kv)
    kv2 = kv2.reshape(NB, P, N * D).clone()
    c2 = _specials_into((torch.randint(-32, 33, (S, N * D), generator=g) / 16.0).to(dtype), g)
    c3 = _specials_into((torch.randint(-32, 33, (N, S, D), generator=g) / 16.0).to(dtype), g)
    c4 = _specials_into((torch.randint(-32, 33, (NB, Pc, N, D), generator=g) / 16.0).to(dtype), g)
    return [kv, w, slots, table, lens, cache, kv2, c2, c3, c4]


def _ml_calls(Bs=(40, 24), **kw):
    return lambda: [_ml_inputs(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


def _ml(layers="ABCD"):
    def step(kv, w, slots, table, lens, cache, kv2, c2, c3, c4):
        valid = completes(lens)
        B = lens.shape[0]
        s = slots.long()
        out = []
        if "A" in layers:
            write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
        if "B" in layers:
            N, D = kv.shape[2], kv.shape[3]
            t = _ftok(kv2, table, lens, N, D)
            new = t.float().mean(1).to(c2.dtype).reshape(B, N * D)
            c2[s] = torch.where(valid[:, None], new, c2[s])
        if "C" in layers:
            new = pool(tokens(kv, table, positions(lens)), w.flip(0)).to(c3.dtype)
            c3[:, s] = torch.where(valid[None, :, None], new.transpose(0, 1), c3[:, s])
        if "D" in layers:
            Pc = c4.shape[1]
            i = ((lens.long() - L) // STRIDE).clamp(min=0)
            page = table.long().gather(1, (i // Pc)[:, None])[:, 0]
            off = i % Pc
            new = pool(tokens(kv, table, positions(lens)), -w).to(c4.dtype)
            c4[page, off] = torch.where(valid[:, None, None], new, c4[page, off])
        if "R" in layers:  # an attention-like read of every cache after the steps
            out.append(cache.float().sum() + c2.float().sum() + c3.float().sum() + c4.float().sum())
        return tuple(out) if out else cache
    return step


for _k in ("AB", "AC", "AD", "BD", "ABCD", "ABCDR", "CD"):
    ATTACKS.append((f"ml_{_k}", _mk(_ml(_k), _ml_calls(), MODES3), f"layers {_k} in one graph"))
ATTACKS.append(("ml_ABCD_bf16", _mk(_ml("ABCD"), _ml_calls(dtype=torch.bfloat16), MODES3), "4 layers, bf16"))


# --- theme 5 (zc_): mean pooling written out as an add chain of ONE scaling of the tokens (x * (1/l) or x / l), the
# chain started from the first term or from a -0.0 fill.  On a window of -0.0 tokens eager's chain gives -0.0, the op
# (+0.0 + -0.0 products) +0.0; the pooling probes' zero windows hold +0.0 tokens and no weight to make them negative --
def _zc(kind="first", scale="mul"):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        xs = tok * (1.0 / L) if scale == "mul" else tok / L
        if kind == "first":
            acc = xs[:, 0]
            for j in range(1, L):
                acc = acc + xs[:, j]
        elif kind == "negzero":
            acc = torch.full_like(xs[:, 0], -0.0)
            for j in range(L):
                acc = acc + xs[:, j]
        elif kind == "zeros":  # control: the op's order from +0.0
            acc = torch.zeros_like(xs[:, 0])
            for j in range(L):
                acc = acc + xs[:, j]
        elif kind == "first_unbind":
            parts = xs.unbind(1)
            acc = parts[0]
            for p_ in parts[1:]:
                acc = acc + p_
        elif kind == "first_pytsum":  # Python's sum() starts from int 0: 0 + x0 is +0.0 + x0 (control)
            acc = sum(xs.unbind(1))
        elif kind == "first_sum_start":  # sum(parts[1:], parts[0]): from the first term
            parts = xs.unbind(1)
            acc = sum(parts[1:], parts[0])
        elif kind == "first_then_div":  # the chain of the unscaled tokens from the first, then / l (fp16 only)
            acc = tok[:, 0]
            for j in range(1, L):
                acc = acc + tok[:, j]
            acc = acc / L
        elif kind == "first_inplace":  # acc = xs[:, 0].clone(); acc += xs[:, j]
            acc = xs[:, 0].clone()
            for j in range(1, L):
                acc += xs[:, j]
        elif kind == "negzero_scalar":  # a -0.0 start as a Python scalar: -0.0 + x0 (add.Tensor with a number)
            acc = -0.0 + xs[:, 0]
            for j in range(1, L):
                acc = acc + xs[:, j]
        elif kind == "sub_neg_zeros":  # control: acc - (-x) from zeros (x - (-y) is x + y)
            acc = torch.zeros_like(xs[:, 0])
            for j in range(L):
                acc = acc - (-xs[:, j])
        elif kind == "minus_zero_start":  # x0 - 0.0 keeps a -0.0 x0
            acc = xs[:, 0] - 0.0
            for j in range(1, L):
                acc = acc + xs[:, j]
        elif kind == "w_minus_zero_start":  # weighted: the probes' negative weights see it
            p = tok * w.float()[None, :, :, None]
            acc = p[:, 0] - 0.0
            for j in range(1, L):
                acc = acc + p[:, j]
        elif kind == "w_first":  # weighted, from the first product (the probes' negative weights see it)
            p = tok * w.float()[None, :, :, None]
            acc = p[:, 0]
            for j in range(1, L):
                acc = acc + p[:, j]
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), acc)
    return step


def _negzero_windows(seed=0, B=40, every=2, **kw):
    """build()'s inputs with every `every`-th completing row's window all -0.0 (tokens may hold any value)."""
    kv, w, slots, table, lens, cache = build(seed=seed, B=B, **kw).args
    P = kv.shape[1]
    k = 0
    for b in range(B):
        s = int(lens[b])
        if s >= L and (s - L) % STRIDE == 0:
            if k % every == 0:
                p = torch.arange(s - L, s)
                kv[table[b, p // P].long(), p % P] = -0.0
            k += 1
    return [kv, w, slots, table, lens, cache]


def _nz_calls(Bs=(40, 24), **kw):
    return lambda: [_negzero_windows(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


for _k in ("first", "negzero", "zeros", "first_unbind", "first_pytsum", "first_sum_start", "w_first"):
    for _sc in ("mul", "div"):
        if _k == "w_first" and _sc == "div":
            continue
        ATTACKS.append((f"zc_{_k}_{_sc}", _mk(_zc(_k, _sc), _nz_calls(), MODES3),
                        f"mean as an add chain ({_k}) of x {'* (1/l)' if _sc == 'mul' else '/ l'}, -0.0 windows"))
for _k in ("first_then_div", "first_inplace", "negzero_scalar"):
    ATTACKS.append((f"zc_{_k}", _mk(_zc(_k), _nz_calls(), MODES3), f"mean as an add chain ({_k}), -0.0 windows"))
for _k in ("sub_neg_zeros", "minus_zero_start", "w_minus_zero_start"):
    ATTACKS.append((f"zc_{_k}", _mk(_zc(_k), _nz_calls(), MODES3), f"add chain ({_k}), -0.0 windows"))


def _zc_flat(kind="first"):
    """F1's chain on vllm-ascend's flattened-head caches ([NB, P, C] KV, [S, C] cache)."""
    inner = _zc(kind)

    def step(kv, w, slots, table, lens, cache):
        NB, P, C = kv.shape
        S = cache.shape[0]
        out = inner(kv.view(NB, P, 2, C // 2), w, slots, table, lens, cache.view(S, 2, C // 2))
        return cache
    return step


def _nz_flat_calls(Bs=(40, 24)):
    def one(seed, B):
        a = _negzero_windows(seed=seed, B=B)
        NB, P, N, D = a[0].shape
        a[0] = a[0].reshape(NB, P, N * D).clone()
        a[5] = a[5].reshape(a[5].shape[0], N * D).clone()
        return a
    return lambda: [one(k, B) for k, B in enumerate(Bs)]


ATTACKS.append(("zc_first_flat_heads", _mk(_zc_flat("first"), _nz_flat_calls(), MODES3),
                "F1's chain on [NB, P, C] / [S, C] caches viewed [*, 2, C / 2] in the step"))
ATTACKS.append(("zc_first_mul_b1", _mk(_zc("first"), _nz_calls(Bs=(1, 1), every=1,
                                                               lengths=None), ("static",)),
                "one row (the probes' zeros round at one probe row)"))
ATTACKS.append(("zc_first_mul_bf16", _mk(_zc("first"), _nz_calls(dtype=torch.bfloat16), MODES3), "bf16"))
ATTACKS.append(("zc_first_mul_fp32", _mk(_zc("first"), _nz_calls(dtype=torch.float32), MODES3), "fp32"))
ATTACKS.append(("zc_negzero_mul_bf16", _mk(_zc("negzero"), _nz_calls(dtype=torch.bfloat16), MODES3), "bf16"))


# --- theme 6 (lb_): WEIGHTED pooling whose add chain starts from the first product at one length only (from zeros at
# every other length).  The order round's zero window (zero tokens under negative weights: -0.0 products) sits in probe
# row 0 only, i.e. at one length per chunk of probe_B lengths; every other length is probed without it -------------
def _lb(at=(96,), spelling="where"):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        p = tok * w.float()[None, :, :, None]
        first = p[:, 0]
        zero = torch.zeros_like(p[:, 0])
        for j in range(L):
            if j:
                first = first + p[:, j]
            zero = zero + p[:, j]
        hit = torch.zeros_like(lens, dtype=torch.bool)
        for a in at:
            hit = hit | (lens == a)
        if spelling == "where":
            new = torch.where(hit[:, None, None], first, zero)
        else:  # a 0/1 blend by a gather of the stack (no select on floats)
            new = torch.stack([zero, first], 1)[torch.arange(lens.shape[0]), hit.long()]
        return write(cache, slots, completes(lens), new)
    return step


def _lb_inputs(seed=0, B=40, dtype=torch.float16, **kw):
    """Every qualifying length on the even rows (32, 48, .., 256), odd rows not qualifying; every qualifying window all
    -0.0 tokens on rows 4k, and a positive weight: those windows' products are all -0.0."""
    quals = list(range(L, 257, STRIDE))
    lens = torch.tensor([quals[(b // 2) % len(quals)] if b % 2 == 0 else quals[(b // 2) % len(quals)] - 5
                         for b in range(B)])
    x = build(seed=seed, B=B, dtype=dtype, lengths=lens, **kw)
    kv, w, slots, table, lens, cache = x.args
    w = w.abs()
    w[w == 0] = 1
    P = kv.shape[1]
    for b in range(0, B, 4):
        s = int(lens[b])
        p = torch.arange(s - L, s)
        kv[table[b, p // P].long(), p % P] = -0.0
    return [kv, w, slots, table, lens, cache]


def _lb_calls(Bs=(40, 56), **kw):
    return lambda: [_lb_inputs(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


for _at in ((32,), (48,), (96,), (160,), (208,), (256,), (64, 128, 192)):
    _n = "_".join(str(a) for a in _at)
    ATTACKS.append((f"lb_first_at_{_n}", _mk(_lb(_at), _lb_calls(), MODES3),
                    f"weighted chain from the first product at s in {_at}, from zeros elsewhere"))
ATTACKS.append(("lb_first_at_96_gather", _mk(_lb((96,), "gather"), _lb_calls(), MODES3), "the branch as a gather"))
ATTACKS.append(("lb_first_at_96_bf16", _mk(_lb((96,)), _lb_calls(dtype=torch.bfloat16), MODES3), "bf16"))


_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CCT, _CD, _RCD, _EF = "CONTROL CRASHES TOO", "CONTROL DIFFERS", "REFUSED (control differs)", "EAGER FAILS"
# First try on /tmp/base34 (8aa542f), 2026-12-05 09:18-10:16 UTC: (attack, dialect, mode, result).  "inductor" (real
# Inductor codegen, nsa_fusion_backend) holds confirmation runs.
_FIRST = [
    ('fh_base', 'inductor_graph', 'static', _EQ),
    ('fh_base', 'inductor_graph', 'batch', _EQ),
    ('fh_base', 'inductor_graph', 'dynamic', _R),
    ('fh_mean', 'inductor_graph', 'static', _EQ),
    ('fh_mean', 'inductor_graph', 'batch', _EQ),
    ('fh_mean', 'inductor_graph', 'dynamic', _EQ),
    ('fh_einsum', 'inductor_graph', 'static', _EQ),
    ('fh_einsum', 'inductor_graph', 'batch', _EQ),
    ('fh_einsum', 'inductor_graph', 'dynamic', _R),
    ('fh_dn_mean', 'inductor_graph', 'static', _EQ),
    ('fh_dn_mean', 'inductor_graph', 'batch', _EQ),
    ('fh_dn_mean', 'inductor_graph', 'dynamic', _EQ),
    ('fh_dn_weighted', 'inductor_graph', 'static', _R),
    ('fh_dn_weighted', 'inductor_graph', 'batch', _R),
    ('fh_dn_weighted', 'inductor_graph', 'dynamic', _R),
    ('fh_cat_heads', 'inductor_graph', 'static', _R),
    ('fh_cat_heads', 'inductor_graph', 'batch', _R),
    ('fh_cat_heads', 'inductor_graph', 'dynamic', _R),
    ('fh_kept_first_view', 'inductor_graph', 'static', _EQ),
    ('fh_kept_first_view', 'inductor_graph', 'batch', _EQ),
    ('fh_kept_first_view', 'inductor_graph', 'dynamic', _R),
    ('fh_kvflat_only', 'inductor_graph', 'static', _EQ),
    ('fh_kvflat_only', 'inductor_graph', 'batch', _EQ),
    ('fh_kvflat_only', 'inductor_graph', 'dynamic', _EQ),
    ('fh_cacheflat_only', 'inductor_graph', 'static', _EQ),
    ('fh_cacheflat_only', 'inductor_graph', 'batch', _EQ),
    ('fh_cacheflat_only', 'inductor_graph', 'dynamic', _R),
    ('fh_n4_d8', 'inductor_graph', 'static', _EQ),
    ('fh_n4_d8', 'inductor_graph', 'batch', _EQ),
    ('fh_n4_d8', 'inductor_graph', 'dynamic', _R),
    ('fh_zero_neg_w', 'inductor_graph', 'static', _EQ),
    ('fh_zero_neg_w', 'inductor_graph', 'batch', _EQ),
    ('fh_zero_neg_w', 'inductor_graph', 'dynamic', _R),
    ('fh_zero_mean', 'inductor_graph', 'static', _EQ),
    ('fh_zero_mean', 'inductor_graph', 'batch', _EQ),
    ('fh_zero_mean', 'inductor_graph', 'dynamic', _EQ),
    ('fh_bf16', 'inductor_graph', 'static', _EQ),
    ('fh_bf16', 'inductor_graph', 'batch', _EQ),
    ('fh_bf16', 'inductor_graph', 'dynamic', _R),
    ('fh_fp32', 'inductor_graph', 'static', _EQ),
    ('fh_fp32', 'inductor_graph', 'batch', _EQ),
    ('fh_fp32', 'inductor_graph', 'dynamic', _R),
    ('pc_base', 'inductor_graph', 'static', _EQ),
    ('pc_base', 'inductor_graph', 'batch', _R),
    ('pc_base', 'inductor_graph', 'dynamic', _R),
    ('pc_mean', 'inductor_graph', 'static', _EQ),
    ('pc_mean', 'inductor_graph', 'batch', _R),
    ('pc_mean', 'inductor_graph', 'dynamic', _R),
    ('pc_unclamped', 'inductor_graph', 'static', _EQ),
    ('pc_unclamped', 'inductor_graph', 'batch', _R),
    ('pc_unclamped', 'inductor_graph', 'dynamic', _R),
    ('pc_int32_i', 'inductor_graph', 'static', _R),
    ('pc_int32_i', 'inductor_graph', 'batch', _R),
    ('pc_int32_i', 'inductor_graph', 'dynamic', _R),
    ('pc_page_int32', 'inductor_graph', 'static', _R),
    ('pc_page_int32', 'inductor_graph', 'batch', _R),
    ('pc_page_int32', 'inductor_graph', 'dynamic', _R),
    ('pc_page_index2', 'inductor_graph', 'static', _EQ),
    ('pc_page_index2', 'inductor_graph', 'batch', _R),
    ('pc_page_index2', 'inductor_graph', 'dynamic', _R),
    ('pc_off_remainder_fn', 'inductor_graph', 'static', _EQ),
    ('pc_off_remainder_fn', 'inductor_graph', 'batch', _R),
    ('pc_off_remainder_fn', 'inductor_graph', 'dynamic', _R),
    ('pc_off_fmod', 'inductor_graph', 'static', _R),
    ('pc_off_fmod', 'inductor_graph', 'batch', _R),
    ('pc_off_fmod', 'inductor_graph', 'dynamic', _R),
    ('pc_off_minus', 'inductor_graph', 'static', _R),
    ('pc_off_minus', 'inductor_graph', 'batch', _R),
    ('pc_off_minus', 'inductor_graph', 'dynamic', _R),
    ('pc_old_returned', 'inductor_graph', 'static', _EQ),
    ('pc_old_returned', 'inductor_graph', 'batch', _R),
    ('pc_old_returned', 'inductor_graph', 'dynamic', _R),
    ('pc_two_writes', 'inductor_graph', 'static', _EQ),
    ('pc_two_writes', 'inductor_graph', 'batch', _R),
    ('pc_two_writes', 'inductor_graph', 'dynamic', _R),
    ('pc_flat_then_direct', 'inductor_graph', 'static', _R),
    ('pc_flat_then_direct', 'inductor_graph', 'batch', _R),
    ('pc_flat_then_direct', 'inductor_graph', 'dynamic', _R),
    ('pc_pad', 'inductor_graph', 'static', _EQ),
    ('pc_pad', 'inductor_graph', 'batch', _R),
    ('pc_pad', 'inductor_graph', 'dynamic', _R),
    ('pc_unclamped_pad', 'inductor_graph', 'static', _EQ),
    ('pc_unclamped_pad', 'inductor_graph', 'batch', _R),
    ('pc_unclamped_pad', 'inductor_graph', 'dynamic', _R),
    ('pc_Pc1', 'inductor_graph', 'static', _EQ),
    ('pc_Pc1', 'inductor_graph', 'batch', _R),
    ('pc_Pc1', 'inductor_graph', 'dynamic', _EQ),
    ('pc_Pc16', 'inductor_graph', 'static', _EQ),
    ('pc_Pc16', 'inductor_graph', 'batch', _R),
    ('pc_Pc16', 'inductor_graph', 'dynamic', _R),
    ('pc_Pc3', 'inductor_graph', 'static', _EQ),
    ('pc_Pc3', 'inductor_graph', 'batch', _R),
    ('pc_Pc3', 'inductor_graph', 'dynamic', _R),
    ('pc_bf16', 'inductor_graph', 'static', _EQ),
    ('pc_bf16', 'inductor_graph', 'batch', _R),
    ('pc_bf16', 'inductor_graph', 'dynamic', _R),
    ('pc_int64_meta', 'inductor_graph', 'static', _EQ),
    ('pc_int64_meta', 'inductor_graph', 'batch', _R),
    ('pc_int64_meta', 'inductor_graph', 'dynamic', _R),
    ('st_std', 'inductor_graph', 'static', _EQ),
    ('st_std', 'inductor_graph', 'batch', _EQ),
    ('st_std', 'inductor_graph', 'dynamic', _EQ),
    ('st_clone', 'inductor_graph', 'static', _EQ),
    ('st_clone', 'inductor_graph', 'batch', _EQ),
    ('st_clone', 'inductor_graph', 'dynamic', _EQ),
    ('st_index_copy', 'inductor_graph', 'static', _EQ),
    ('st_index_copy', 'inductor_graph', 'batch', _EQ),
    ('st_index_copy', 'inductor_graph', 'dynamic', _EQ),
    ('st_flatview', 'inductor_graph', 'static', _R),
    ('st_flatview', 'inductor_graph', 'batch', _R),
    ('st_flatview', 'inductor_graph', 'dynamic', _R),
    ('st_flat', 'inductor_graph', 'static', _EQ),
    ('st_flat', 'inductor_graph', 'batch', _EQ),
    ('st_flat', 'inductor_graph', 'dynamic', _R),
    ('st_hm', 'inductor_graph', 'static', _EQ),
    ('st_hm', 'inductor_graph', 'batch', _EQ),
    ('st_hm', 'inductor_graph', 'dynamic', _EQ),
    ('st_std_k1', 'inductor_graph', 'static', _EQ),
    ('st_std_k1', 'inductor_graph', 'batch', _EQ),
    ('st_std_k1', 'inductor_graph', 'dynamic', _EQ),
    ('ml_AB', 'inductor_graph', 'static', _EQ),
    ('ml_AB', 'inductor_graph', 'batch', _EQ),
    ('ml_AB', 'inductor_graph', 'dynamic', _EQ),
    ('ml_AC', 'inductor_graph', 'static', _EQ),
    ('ml_AC', 'inductor_graph', 'batch', _EQ),
    ('ml_AC', 'inductor_graph', 'dynamic', _EQ),
    ('ml_AD', 'inductor_graph', 'static', _EQ),
    ('ml_AD', 'inductor_graph', 'batch', _EQ),
    ('ml_AD', 'inductor_graph', 'dynamic', _EQ),
    ('ml_BD', 'inductor_graph', 'static', _EQ),
    ('ml_BD', 'inductor_graph', 'batch', _EQ),
    ('ml_BD', 'inductor_graph', 'dynamic', _EQ),
    ('ml_ABCD', 'inductor_graph', 'static', _EQ),
    ('ml_ABCD', 'inductor_graph', 'batch', _EQ),
    ('ml_ABCD', 'inductor_graph', 'dynamic', _EQ),
    ('ml_ABCDR', 'inductor_graph', 'static', _EQ),
    ('ml_ABCDR', 'inductor_graph', 'batch', _EQ),
    ('ml_ABCDR', 'inductor_graph', 'dynamic', _EQ),
    ('ml_CD', 'inductor_graph', 'static', _EQ),
    ('ml_CD', 'inductor_graph', 'batch', _EQ),
    ('ml_CD', 'inductor_graph', 'dynamic', _EQ),
    ('ml_ABCD_bf16', 'inductor_graph', 'static', _EQ),
    ('ml_ABCD_bf16', 'inductor_graph', 'batch', _EQ),
    ('ml_ABCD_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('zc_first_mul', 'inductor_graph', 'static', _FF),
    ('zc_first_mul', 'inductor_graph', 'batch', _FF),
    ('zc_first_mul', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_div', 'inductor_graph', 'static', _FF),
    ('zc_first_div', 'inductor_graph', 'batch', _FF),
    ('zc_first_div', 'inductor_graph', 'dynamic', _FF),
    ('zc_negzero_mul', 'inductor_graph', 'static', _FF),
    ('zc_negzero_mul', 'inductor_graph', 'batch', _FF),
    ('zc_negzero_mul', 'inductor_graph', 'dynamic', _FF),
    ('zc_negzero_div', 'inductor_graph', 'static', _FF),
    ('zc_negzero_div', 'inductor_graph', 'batch', _FF),
    ('zc_negzero_div', 'inductor_graph', 'dynamic', _FF),
    ('zc_zeros_mul', 'inductor_graph', 'static', _EQ),
    ('zc_zeros_mul', 'inductor_graph', 'batch', _EQ),
    ('zc_zeros_mul', 'inductor_graph', 'dynamic', _EQ),
    ('zc_zeros_div', 'inductor_graph', 'static', _EQ),
    ('zc_zeros_div', 'inductor_graph', 'batch', _EQ),
    ('zc_zeros_div', 'inductor_graph', 'dynamic', _EQ),
    ('zc_first_unbind_mul', 'inductor_graph', 'static', _FF),
    ('zc_first_unbind_mul', 'inductor_graph', 'batch', _FF),
    ('zc_first_unbind_mul', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_unbind_div', 'inductor_graph', 'static', _FF),
    ('zc_first_unbind_div', 'inductor_graph', 'batch', _FF),
    ('zc_first_unbind_div', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_pytsum_mul', 'inductor_graph', 'static', _EQ),
    ('zc_first_pytsum_mul', 'inductor_graph', 'batch', _EQ),
    ('zc_first_pytsum_mul', 'inductor_graph', 'dynamic', _EQ),
    ('zc_first_pytsum_div', 'inductor_graph', 'static', _EQ),
    ('zc_first_pytsum_div', 'inductor_graph', 'batch', _EQ),
    ('zc_first_pytsum_div', 'inductor_graph', 'dynamic', _EQ),
    ('zc_first_sum_start_mul', 'inductor_graph', 'static', _FF),
    ('zc_first_sum_start_mul', 'inductor_graph', 'batch', _FF),
    ('zc_first_sum_start_mul', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_sum_start_div', 'inductor_graph', 'static', _FF),
    ('zc_first_sum_start_div', 'inductor_graph', 'batch', _FF),
    ('zc_first_sum_start_div', 'inductor_graph', 'dynamic', _FF),
    ('zc_w_first_mul', 'inductor_graph', 'static', _R),
    ('zc_w_first_mul', 'inductor_graph', 'batch', _R),
    ('zc_w_first_mul', 'inductor_graph', 'dynamic', _R),
    ('zc_first_mul_bf16', 'inductor_graph', 'static', _FF),
    ('zc_first_mul_bf16', 'inductor_graph', 'batch', _FF),
    ('zc_first_mul_bf16', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_mul_fp32', 'inductor_graph', 'static', _FF),
    ('zc_first_mul_fp32', 'inductor_graph', 'batch', _FF),
    ('zc_first_mul_fp32', 'inductor_graph', 'dynamic', _FF),
    ('zc_negzero_mul_bf16', 'inductor_graph', 'static', _FF),
    ('zc_negzero_mul_bf16', 'inductor_graph', 'batch', _FF),
    ('zc_negzero_mul_bf16', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_then_div', 'inductor_graph', 'static', _FF),
    ('zc_first_then_div', 'inductor_graph', 'batch', _FF),
    ('zc_first_then_div', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_inplace', 'inductor_graph', 'static', _FF),
    ('zc_first_inplace', 'inductor_graph', 'batch', _FF),
    ('zc_first_inplace', 'inductor_graph', 'dynamic', _FF),
    ('zc_negzero_scalar', 'inductor_graph', 'static', _FF),
    ('zc_negzero_scalar', 'inductor_graph', 'batch', _FF),
    ('zc_negzero_scalar', 'inductor_graph', 'dynamic', _FF),
    ('zc_first_mul_b1', 'inductor_graph', 'static', _FF),
    ('zc_sub_neg_zeros', 'inductor_graph', 'static', _R),
    ('zc_sub_neg_zeros', 'inductor_graph', 'batch', _R),
    ('zc_sub_neg_zeros', 'inductor_graph', 'dynamic', _R),
    ('zc_minus_zero_start', 'inductor_graph', 'static', _FF),
    ('zc_minus_zero_start', 'inductor_graph', 'batch', _FF),
    ('zc_minus_zero_start', 'inductor_graph', 'dynamic', _FF),
    ('zc_w_minus_zero_start', 'inductor_graph', 'static', _R),
    ('zc_w_minus_zero_start', 'inductor_graph', 'batch', _R),
    ('zc_w_minus_zero_start', 'inductor_graph', 'dynamic', _R),
    ('zc_first_flat_heads', 'inductor_graph', 'static', _FF),
    ('zc_first_flat_heads', 'inductor_graph', 'batch', _FF),
    ('zc_first_flat_heads', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_32', 'inductor_graph', 'static', _FF),
    ('lb_first_at_32', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_32', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_48', 'inductor_graph', 'static', _FF),
    ('lb_first_at_48', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_48', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_96', 'inductor_graph', 'static', _FF),
    ('lb_first_at_96', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_96', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_160', 'inductor_graph', 'static', _FF),
    ('lb_first_at_160', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_160', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_208', 'inductor_graph', 'static', _FF),
    ('lb_first_at_208', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_208', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_256', 'inductor_graph', 'static', _FF),
    ('lb_first_at_256', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_256', 'inductor_graph', 'dynamic', _R),
    ('lb_first_at_64_128_192', 'inductor_graph', 'static', _FF),
    ('lb_first_at_64_128_192', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_64_128_192', 'inductor_graph', 'dynamic', _R),
    ('lb_first_at_96_gather', 'inductor_graph', 'static', _FF),
    ('lb_first_at_96_gather', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_96_gather', 'inductor_graph', 'dynamic', _FF),
    ('lb_first_at_96_bf16', 'inductor_graph', 'static', _FF),
    ('lb_first_at_96_bf16', 'inductor_graph', 'batch', _FF),
    ('lb_first_at_96_bf16', 'inductor_graph', 'dynamic', _FF),
    ('fh_base', 'torchair_like', 'static', _EQ),
    ('fh_base', 'torchair_like', 'batch', _EQ),
    ('fh_base', 'torchair_like', 'dynamic', _R),
    ('fh_mean', 'torchair_like', 'static', _EQ),
    ('fh_mean', 'torchair_like', 'batch', _EQ),
    ('fh_mean', 'torchair_like', 'dynamic', _EQ),
    ('fh_einsum', 'torchair_like', 'static', _EQ),
    ('fh_einsum', 'torchair_like', 'batch', _EQ),
    ('fh_einsum', 'torchair_like', 'dynamic', _R),
    ('fh_dn_mean', 'torchair_like', 'static', _EQ),
    ('fh_dn_mean', 'torchair_like', 'batch', _EQ),
    ('fh_dn_mean', 'torchair_like', 'dynamic', _EQ),
    ('fh_dn_weighted', 'torchair_like', 'static', _R),
    ('fh_dn_weighted', 'torchair_like', 'batch', _R),
    ('fh_dn_weighted', 'torchair_like', 'dynamic', _R),
    ('fh_cat_heads', 'torchair_like', 'static', _R),
    ('fh_cat_heads', 'torchair_like', 'batch', _R),
    ('fh_cat_heads', 'torchair_like', 'dynamic', _R),
    ('fh_kept_first_view', 'torchair_like', 'static', _R),
    ('fh_kept_first_view', 'torchair_like', 'batch', _R),
    ('fh_kept_first_view', 'torchair_like', 'dynamic', _R),
    ('fh_kvflat_only', 'torchair_like', 'static', _EQ),
    ('fh_kvflat_only', 'torchair_like', 'batch', _EQ),
    ('fh_kvflat_only', 'torchair_like', 'dynamic', _EQ),
    ('fh_cacheflat_only', 'torchair_like', 'static', _EQ),
    ('fh_cacheflat_only', 'torchair_like', 'batch', _EQ),
    ('fh_cacheflat_only', 'torchair_like', 'dynamic', _R),
    ('fh_n4_d8', 'torchair_like', 'static', _EQ),
    ('fh_n4_d8', 'torchair_like', 'batch', _EQ),
    ('fh_n4_d8', 'torchair_like', 'dynamic', _R),
    ('fh_zero_neg_w', 'torchair_like', 'static', _EQ),
    ('fh_zero_neg_w', 'torchair_like', 'batch', _EQ),
    ('fh_zero_neg_w', 'torchair_like', 'dynamic', _R),
    ('fh_zero_mean', 'torchair_like', 'static', _EQ),
    ('fh_zero_mean', 'torchair_like', 'batch', _EQ),
    ('fh_zero_mean', 'torchair_like', 'dynamic', _EQ),
    ('fh_bf16', 'torchair_like', 'static', _EQ),
    ('fh_bf16', 'torchair_like', 'batch', _EQ),
    ('fh_bf16', 'torchair_like', 'dynamic', _R),
    ('fh_fp32', 'torchair_like', 'static', _EQ),
    ('fh_fp32', 'torchair_like', 'batch', _EQ),
    ('fh_fp32', 'torchair_like', 'dynamic', _R),
    ('pc_base', 'torchair_like', 'static', _EQ),
    ('pc_base', 'torchair_like', 'batch', _R),
    ('pc_base', 'torchair_like', 'dynamic', _R),
    ('pc_mean', 'torchair_like', 'static', _EQ),
    ('pc_mean', 'torchair_like', 'batch', _R),
    ('pc_mean', 'torchair_like', 'dynamic', _R),
    ('pc_unclamped', 'torchair_like', 'static', _EQ),
    ('pc_unclamped', 'torchair_like', 'batch', _R),
    ('pc_unclamped', 'torchair_like', 'dynamic', _R),
    ('pc_int32_i', 'torchair_like', 'static', _R),
    ('pc_int32_i', 'torchair_like', 'batch', _R),
    ('pc_int32_i', 'torchair_like', 'dynamic', _R),
    ('pc_page_int32', 'torchair_like', 'static', _R),
    ('pc_page_int32', 'torchair_like', 'batch', _R),
    ('pc_page_int32', 'torchair_like', 'dynamic', _R),
    ('pc_page_index2', 'torchair_like', 'static', _EQ),
    ('pc_page_index2', 'torchair_like', 'batch', _R),
    ('pc_page_index2', 'torchair_like', 'dynamic', _R),
    ('pc_off_remainder_fn', 'torchair_like', 'static', _EQ),
    ('pc_off_remainder_fn', 'torchair_like', 'batch', _R),
    ('pc_off_remainder_fn', 'torchair_like', 'dynamic', _R),
    ('pc_off_fmod', 'torchair_like', 'static', _R),
    ('pc_off_fmod', 'torchair_like', 'batch', _R),
    ('pc_off_fmod', 'torchair_like', 'dynamic', _R),
    ('pc_off_minus', 'torchair_like', 'static', _R),
    ('pc_off_minus', 'torchair_like', 'batch', _R),
    ('pc_off_minus', 'torchair_like', 'dynamic', _R),
    ('pc_old_returned', 'torchair_like', 'static', _EQ),
    ('pc_old_returned', 'torchair_like', 'batch', _R),
    ('pc_old_returned', 'torchair_like', 'dynamic', _R),
    ('pc_two_writes', 'torchair_like', 'static', _EQ),
    ('pc_two_writes', 'torchair_like', 'batch', _R),
    ('pc_two_writes', 'torchair_like', 'dynamic', _R),
    ('pc_flat_then_direct', 'torchair_like', 'static', _R),
    ('pc_flat_then_direct', 'torchair_like', 'batch', _R),
    ('pc_flat_then_direct', 'torchair_like', 'dynamic', _R),
    ('pc_pad', 'torchair_like', 'static', _EQ),
    ('pc_pad', 'torchair_like', 'batch', _R),
    ('pc_pad', 'torchair_like', 'dynamic', _R),
    ('pc_unclamped_pad', 'torchair_like', 'static', _EQ),
    ('pc_unclamped_pad', 'torchair_like', 'batch', _R),
    ('pc_unclamped_pad', 'torchair_like', 'dynamic', _R),
    ('pc_Pc1', 'torchair_like', 'static', _EQ),
    ('pc_Pc1', 'torchair_like', 'batch', _R),
    ('pc_Pc1', 'torchair_like', 'dynamic', _EQ),
    ('pc_Pc16', 'torchair_like', 'static', _EQ),
    ('pc_Pc16', 'torchair_like', 'batch', _R),
    ('pc_Pc16', 'torchair_like', 'dynamic', _R),
    ('pc_Pc3', 'torchair_like', 'static', _EQ),
    ('pc_Pc3', 'torchair_like', 'batch', _R),
    ('pc_Pc3', 'torchair_like', 'dynamic', _R),
    ('pc_bf16', 'torchair_like', 'static', _EQ),
    ('pc_bf16', 'torchair_like', 'batch', _R),
    ('pc_bf16', 'torchair_like', 'dynamic', _R),
    ('pc_int64_meta', 'torchair_like', 'static', _EQ),
    ('pc_int64_meta', 'torchair_like', 'batch', _R),
    ('pc_int64_meta', 'torchair_like', 'dynamic', _R),
    ('st_std', 'torchair_like', 'static', _EQ),
    ('st_std', 'torchair_like', 'batch', _EQ),
    ('st_std', 'torchair_like', 'dynamic', _EQ),
    ('st_clone', 'torchair_like', 'static', _EQ),
    ('st_clone', 'torchair_like', 'batch', _EQ),
    ('st_clone', 'torchair_like', 'dynamic', _EQ),
    ('st_index_copy', 'torchair_like', 'static', _EQ),
    ('st_index_copy', 'torchair_like', 'batch', _EQ),
    ('st_index_copy', 'torchair_like', 'dynamic', _EQ),
    ('st_flatview', 'torchair_like', 'static', _R),
    ('st_flatview', 'torchair_like', 'batch', _R),
    ('st_flatview', 'torchair_like', 'dynamic', _R),
    ('st_flat', 'torchair_like', 'static', _EQ),
    ('st_flat', 'torchair_like', 'batch', _EQ),
    ('st_flat', 'torchair_like', 'dynamic', _R),
    ('st_hm', 'torchair_like', 'static', _EQ),
    ('st_hm', 'torchair_like', 'batch', _EQ),
    ('st_hm', 'torchair_like', 'dynamic', _EQ),
    ('st_std_k1', 'torchair_like', 'static', _EQ),
    ('st_std_k1', 'torchair_like', 'batch', _EQ),
    ('st_std_k1', 'torchair_like', 'dynamic', _EQ),
    ('ml_AB', 'torchair_like', 'static', _EQ),
    ('ml_AB', 'torchair_like', 'batch', _EQ),
    ('ml_AB', 'torchair_like', 'dynamic', _EQ),
    ('ml_AC', 'torchair_like', 'static', _EQ),
    ('ml_AC', 'torchair_like', 'batch', _EQ),
    ('ml_AC', 'torchair_like', 'dynamic', _EQ),
    ('ml_AD', 'torchair_like', 'static', _EQ),
    ('ml_AD', 'torchair_like', 'batch', _EQ),
    ('ml_AD', 'torchair_like', 'dynamic', _EQ),
    ('ml_BD', 'torchair_like', 'static', _EQ),
    ('ml_BD', 'torchair_like', 'batch', _EQ),
    ('ml_BD', 'torchair_like', 'dynamic', _EQ),
    ('ml_ABCD', 'torchair_like', 'static', _EQ),
    ('ml_ABCD', 'torchair_like', 'batch', _EQ),
    ('ml_ABCD', 'torchair_like', 'dynamic', _EQ),
    ('ml_ABCDR', 'torchair_like', 'static', _EQ),
    ('ml_ABCDR', 'torchair_like', 'batch', _EQ),
    ('ml_ABCDR', 'torchair_like', 'dynamic', _EQ),
    ('ml_CD', 'torchair_like', 'static', _EQ),
    ('ml_CD', 'torchair_like', 'batch', _EQ),
    ('ml_CD', 'torchair_like', 'dynamic', _EQ),
    ('ml_ABCD_bf16', 'torchair_like', 'static', _EQ),
    ('ml_ABCD_bf16', 'torchair_like', 'batch', _EQ),
    ('ml_ABCD_bf16', 'torchair_like', 'dynamic', _EQ),
    ('zc_first_mul', 'torchair_like', 'static', _FF),
    ('zc_first_mul', 'torchair_like', 'batch', _FF),
    ('zc_first_mul', 'torchair_like', 'dynamic', _FF),
    ('zc_first_div', 'torchair_like', 'static', _FF),
    ('zc_first_div', 'torchair_like', 'batch', _FF),
    ('zc_first_div', 'torchair_like', 'dynamic', _FF),
    ('zc_negzero_mul', 'torchair_like', 'static', _FF),
    ('zc_negzero_mul', 'torchair_like', 'batch', _FF),
    ('zc_negzero_mul', 'torchair_like', 'dynamic', _FF),
    ('zc_negzero_div', 'torchair_like', 'static', _FF),
    ('zc_negzero_div', 'torchair_like', 'batch', _FF),
    ('zc_negzero_div', 'torchair_like', 'dynamic', _FF),
    ('zc_zeros_mul', 'torchair_like', 'static', _EQ),
    ('zc_zeros_mul', 'torchair_like', 'batch', _EQ),
    ('zc_zeros_mul', 'torchair_like', 'dynamic', _EQ),
    ('zc_zeros_div', 'torchair_like', 'static', _EQ),
    ('zc_zeros_div', 'torchair_like', 'batch', _EQ),
    ('zc_zeros_div', 'torchair_like', 'dynamic', _EQ),
    ('zc_first_unbind_mul', 'torchair_like', 'static', _FF),
    ('zc_first_unbind_mul', 'torchair_like', 'batch', _FF),
    ('zc_first_unbind_mul', 'torchair_like', 'dynamic', _FF),
    ('zc_first_unbind_div', 'torchair_like', 'static', _FF),
    ('zc_first_unbind_div', 'torchair_like', 'batch', _FF),
    ('zc_first_unbind_div', 'torchair_like', 'dynamic', _FF),
    ('zc_first_pytsum_mul', 'torchair_like', 'static', _EQ),
    ('zc_first_pytsum_mul', 'torchair_like', 'batch', _EQ),
    ('zc_first_pytsum_mul', 'torchair_like', 'dynamic', _EQ),
    ('zc_first_pytsum_div', 'torchair_like', 'static', _EQ),
    ('zc_first_pytsum_div', 'torchair_like', 'batch', _EQ),
    ('zc_first_pytsum_div', 'torchair_like', 'dynamic', _EQ),
    ('zc_first_sum_start_mul', 'torchair_like', 'static', _FF),
    ('zc_first_sum_start_mul', 'torchair_like', 'batch', _FF),
    ('zc_first_sum_start_mul', 'torchair_like', 'dynamic', _FF),
    ('zc_first_sum_start_div', 'torchair_like', 'static', _FF),
    ('zc_first_sum_start_div', 'torchair_like', 'batch', _FF),
    ('zc_first_sum_start_div', 'torchair_like', 'dynamic', _FF),
    ('zc_w_first_mul', 'torchair_like', 'static', _R),
    ('zc_w_first_mul', 'torchair_like', 'batch', _R),
    ('zc_w_first_mul', 'torchair_like', 'dynamic', _R),
    ('zc_first_then_div', 'torchair_like', 'static', _FF),
    ('zc_first_then_div', 'torchair_like', 'batch', _FF),
    ('zc_first_then_div', 'torchair_like', 'dynamic', _FF),
    ('zc_first_inplace', 'torchair_like', 'static', _FF),
    ('zc_first_inplace', 'torchair_like', 'batch', _FF),
    ('zc_first_inplace', 'torchair_like', 'dynamic', _FF),
    ('zc_negzero_scalar', 'torchair_like', 'static', _FF),
    ('zc_negzero_scalar', 'torchair_like', 'batch', _FF),
    ('zc_negzero_scalar', 'torchair_like', 'dynamic', _FF),
    ('zc_first_mul_b1', 'torchair_like', 'static', _FF),
    ('zc_first_mul_bf16', 'torchair_like', 'static', _FF),
    ('zc_first_mul_bf16', 'torchair_like', 'batch', _FF),
    ('zc_first_mul_bf16', 'torchair_like', 'dynamic', _FF),
    ('zc_first_mul_fp32', 'torchair_like', 'static', _FF),
    ('zc_first_mul_fp32', 'torchair_like', 'batch', _FF),
    ('zc_first_mul_fp32', 'torchair_like', 'dynamic', _FF),
    ('zc_negzero_mul_bf16', 'torchair_like', 'static', _FF),
    ('zc_negzero_mul_bf16', 'torchair_like', 'batch', _FF),
    ('zc_negzero_mul_bf16', 'torchair_like', 'dynamic', _FF),
    ('zc_sub_neg_zeros', 'torchair_like', 'static', _R),
    ('zc_sub_neg_zeros', 'torchair_like', 'batch', _R),
    ('zc_sub_neg_zeros', 'torchair_like', 'dynamic', _R),
    ('zc_minus_zero_start', 'torchair_like', 'static', _FF),
    ('zc_minus_zero_start', 'torchair_like', 'batch', _FF),
    ('zc_minus_zero_start', 'torchair_like', 'dynamic', _FF),
    ('zc_w_minus_zero_start', 'torchair_like', 'static', _R),
    ('zc_w_minus_zero_start', 'torchair_like', 'batch', _R),
    ('zc_w_minus_zero_start', 'torchair_like', 'dynamic', _R),
    ('zc_first_flat_heads', 'torchair_like', 'static', _FF),
    ('zc_first_flat_heads', 'torchair_like', 'batch', _FF),
    ('zc_first_flat_heads', 'torchair_like', 'dynamic', _FF),
    ('lb_first_at_32', 'torchair_like', 'static', _FF),
    ('lb_first_at_32', 'torchair_like', 'batch', _FF),
    ('lb_first_at_32', 'torchair_like', 'dynamic', _FF),
    ('lb_first_at_48', 'torchair_like', 'static', _FF),
    ('lb_first_at_48', 'torchair_like', 'batch', _FF),
    ('lb_first_at_48', 'torchair_like', 'dynamic', _FF),
    ('lb_first_at_96', 'torchair_like', 'static', _FF),
    ('lb_first_at_96', 'torchair_like', 'batch', _FF),
    ('lb_first_at_96', 'torchair_like', 'dynamic', _FF),
    ('lb_first_at_160', 'torchair_like', 'static', _FF),
    ('lb_first_at_160', 'torchair_like', 'batch', _FF),
    ('lb_first_at_160', 'torchair_like', 'dynamic', _FF),
    ('lb_first_at_208', 'torchair_like', 'static', _FF),
    ('lb_first_at_208', 'torchair_like', 'batch', _FF),
    ('lb_first_at_208', 'torchair_like', 'dynamic', _FF),
    ('lb_first_at_256', 'torchair_like', 'static', _FF),
    ('lb_first_at_256', 'torchair_like', 'batch', _FF),
    ('lb_first_at_256', 'torchair_like', 'dynamic', _R),
    ('lb_first_at_64_128_192', 'torchair_like', 'static', _FF),
    ('lb_first_at_64_128_192', 'torchair_like', 'batch', _FF),
    ('lb_first_at_64_128_192', 'torchair_like', 'dynamic', _R),
    ('lb_first_at_96_gather', 'torchair_like', 'static', _FF),
    ('lb_first_at_96_gather', 'torchair_like', 'batch', _R),
    ('lb_first_at_96_gather', 'torchair_like', 'dynamic', _R),
    ('lb_first_at_96_bf16', 'torchair_like', 'static', _FF),
    ('lb_first_at_96_bf16', 'torchair_like', 'batch', _FF),
    ('lb_first_at_96_bf16', 'torchair_like', 'dynamic', _FF),
    ('zc_first_mul', 'inductor', 'static', _FF),
    ('zc_negzero_mul', 'inductor', 'static', _FF),
    ('zc_zeros_mul', 'inductor', 'static', _EQ),
    ('zc_first_mul_bf16', 'inductor', 'static', _FF),
    ('zc_first_mul_fp32', 'inductor', 'static', _FF),
    ('zc_negzero_mul_bf16', 'inductor', 'static', _FF),
    ('zc_first_mul', 'inductor', 'batch', _FF),
    ('zc_first_mul', 'inductor', 'dynamic', _FF),
    ('zc_first_div', 'inductor', 'static', _FF),
    ('zc_first_div', 'inductor', 'batch', _FF),
    ('zc_first_div', 'inductor', 'dynamic', _FF),
    ('zc_negzero_mul', 'inductor', 'batch', _FF),
    ('zc_negzero_mul', 'inductor', 'dynamic', _FF),
    ('zc_negzero_div', 'inductor', 'static', _FF),
    ('zc_negzero_div', 'inductor', 'batch', _FF),
    ('zc_negzero_div', 'inductor', 'dynamic', _FF),
    ('zc_zeros_mul', 'inductor', 'batch', _EQ),
    ('zc_zeros_mul', 'inductor', 'dynamic', _EQ),
    ('zc_zeros_div', 'inductor', 'static', _EQ),
    ('zc_zeros_div', 'inductor', 'batch', _EQ),
    ('zc_zeros_div', 'inductor', 'dynamic', _EQ),
    ('zc_first_unbind_mul', 'inductor', 'static', _FF),
    ('zc_first_unbind_mul', 'inductor', 'batch', _FF),
    ('zc_first_unbind_mul', 'inductor', 'dynamic', _FF),
    ('zc_first_unbind_div', 'inductor', 'static', _FF),
    ('zc_first_unbind_div', 'inductor', 'batch', _FF),
    ('zc_first_unbind_div', 'inductor', 'dynamic', _FF),
    ('zc_first_pytsum_mul', 'inductor', 'static', _EQ),
    ('zc_first_pytsum_mul', 'inductor', 'batch', _EQ),
    ('zc_first_pytsum_mul', 'inductor', 'dynamic', _EQ),
    ('zc_first_pytsum_div', 'inductor', 'static', _EQ),
    ('zc_first_pytsum_div', 'inductor', 'batch', _EQ),
    ('zc_first_pytsum_div', 'inductor', 'dynamic', _EQ),
    ('zc_first_sum_start_mul', 'inductor', 'static', _FF),
    ('zc_first_sum_start_mul', 'inductor', 'batch', _FF),
    ('zc_first_sum_start_mul', 'inductor', 'dynamic', _FF),
    ('zc_first_sum_start_div', 'inductor', 'static', _FF),
    ('zc_first_sum_start_div', 'inductor', 'batch', _FF),
    ('zc_first_sum_start_div', 'inductor', 'dynamic', _FF),
    ('zc_w_first_mul', 'inductor', 'static', _R),
    ('zc_w_first_mul', 'inductor', 'batch', _R),
    ('zc_w_first_mul', 'inductor', 'dynamic', _R),
    ('zc_first_then_div', 'inductor', 'static', _FF),
    ('zc_first_then_div', 'inductor', 'batch', _FF),
    ('zc_first_then_div', 'inductor', 'dynamic', _FF),
    ('zc_first_inplace', 'inductor', 'static', _FF),
    ('zc_first_inplace', 'inductor', 'batch', _FF),
    ('zc_first_inplace', 'inductor', 'dynamic', _FF),
    ('zc_negzero_scalar', 'inductor', 'static', _FF),
    ('zc_negzero_scalar', 'inductor', 'batch', _FF),
    ('zc_negzero_scalar', 'inductor', 'dynamic', _FF),
    ('zc_sub_neg_zeros', 'inductor', 'static', _R),
    ('zc_sub_neg_zeros', 'inductor', 'batch', _R),
    ('zc_sub_neg_zeros', 'inductor', 'dynamic', _R),
    ('zc_minus_zero_start', 'inductor', 'static', _FF),
    ('zc_minus_zero_start', 'inductor', 'batch', _FF),
    ('zc_minus_zero_start', 'inductor', 'dynamic', _FF),
    ('zc_w_minus_zero_start', 'inductor', 'static', _R),
    ('zc_w_minus_zero_start', 'inductor', 'batch', _R),
    ('zc_w_minus_zero_start', 'inductor', 'dynamic', _R),
    ('zc_first_flat_heads', 'inductor', 'static', _FF),
    ('zc_first_flat_heads', 'inductor', 'batch', _FF),
    ('zc_first_flat_heads', 'inductor', 'dynamic', _FF),
    ('zc_first_mul_b1', 'inductor', 'static', _FF),
    ('zc_first_mul_bf16', 'inductor', 'batch', _FF),
    ('zc_first_mul_bf16', 'inductor', 'dynamic', _FF),
    ('zc_first_mul_fp32', 'inductor', 'batch', _FF),
    ('zc_first_mul_fp32', 'inductor', 'dynamic', _FF),
    ('zc_negzero_mul_bf16', 'inductor', 'batch', _FF),
    ('zc_negzero_mul_bf16', 'inductor', 'dynamic', _FF),
    ('lb_first_at_96', 'inductor', 'static', _FF),
    ('lb_first_at_96', 'inductor', 'batch', _FF),
    ('lb_first_at_96', 'inductor', 'dynamic', _FF),
    ('lb_first_at_208', 'inductor', 'static', _FF),
    ('lb_first_at_208', 'inductor', 'batch', _FF),
    ('lb_first_at_208', 'inductor', 'dynamic', _FF),
    ('lb_first_at_96_gather', 'inductor', 'static', _FF),
    ('lb_first_at_96_gather', 'inductor', 'batch', _FF),
    ('lb_first_at_96_gather', 'inductor', 'dynamic', _FF),
    ('lb_first_at_96_bf16', 'inductor', 'static', _FF),
    ('lb_first_at_96_bf16', 'inductor', 'batch', _FF),
    ('lb_first_at_96_bf16', 'inductor', 'dynamic', _FF),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
