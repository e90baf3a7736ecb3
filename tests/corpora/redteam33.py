"""Thirty-third adversarial review of the recogniser (round 33; reviewer focus: the rewrites and layouts -- per-request
entry writes by index_put and scatter, head-major / headless / token-major memories, FlashInfer int32 ragged page lists
with one gather of a stacked K/V pair, K and V steps sharing a cache, snapshots -- and the float side of the pooling:
the after-the-sum rule and the specials probe).

Same format as redteam25: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)`` (here the 3rd argument may be the request
rows, ``cache`` may be per-request memories, and FlashInfer steps take ``(kv, w, slots, last_page_len, kv_indptr,
cache, kv_indices)``); runner and classification are redteam7's ``classify7``.

    cd /tmp/base32 && PYTHONPATH=/tmp/base32 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam33.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base32 = b929c95, 06:50-07:08 UTC 2026-12-05): 77 attacks in 6 themes
(ix_ per-request entry writes 29, fi_ FlashInfer 9, pb_ per-row branches 5, al_ one cache / snapshots 9, wm_ whole
3-layer models 2, mn_ mean pooling 23), 208 runs per graph dialect (plus mn_neg_sum_div_b1_n2, added at 07:09: refused
in all three dialects, the specials probe met a zero sum; not in the counts below):

    inductor_graph  208 runs: 14 FALSE FUSION /  0 CRASH / 133 fused & equal / 57 refused / 4 CONTROL CRASHES TOO
    torchair_like   208 runs: 14 FALSE FUSION / 12 CRASH / 124 fused & equal / 54 refused / 4 CONTROL CRASHES TOO
    inductor (real codegen, nsa_fusion_backend; the 23 mn_ attacks, 51 runs): 12 FALSE FUSION / 15 CRASH / 4 equal /
                    20 refused

The 4 CONTROL CRASHES TOO per dialect are an attack bug, not a result: al_kv_one_cache, al_kv_one_cache_stale,
al_snapshot_then_second, al_kept_from_snapshot_second pass a second [B] slot vector as a 7th argument, which the runner's
batch mode does not mark dynamic (ConstraintViolationError with and without the pass); their ``_mod`` copies (the second
slots ``(slots + S / 2) % S``) run in batch mode: fused & equal.

Method note (read before reusing the numbers): this file first put /work/main (the live checkout) FIRST on sys.path, as
older corpora do, so its runs before 06:49 imported the live tree, not /tmp/base32 (the live tree then carried commits 2c4ce76,
98ab7c6 and, from about 06:45, the lead's uncommitted fix of F1 in pooling.py: those live runs refused
mn_neg_one_element_b8 / _mul / _einsum / _neg_fn).  The header now appends the checkout, so PYTHONPATH=/tmp/base32
wins; ``_FIRST`` holds only the runs on the frozen tree (every attack once per dialect and mode).  The three findings
were also reproduced by standalone scripts that put /tmp/base32 first (below).  In those earlier live-tree runs the
attacks kept here gave the same classes of result (F1 false fusions, F3 crashes, the rest equal / refused), apart from
the F1 spellings the live fix refused.

FOUND (/work/briefs/redteam33_findings.md):

* F1 FALSE FUSION (mn_neg_one_element, _dim, _b8, _mul, _einsum, _neg_fn static and batch in all three dialects;
  mn_neg_sum_div_b1_n1_d1 / _b1_d16 static in the graph dialects): fp16 mean pooling with a sign flip hidden behind its
  1/l scaling, ``u = where(m, -x, x).sum(1) / l; new = where(m, -u, u)`` (m a constant mask of some heads / dims, or
  all of them: ``-((-x).sum(1) / l)``).  On a window whose tokens sum to exactly 0 eager gives ``-(+0.0 / l) = -0.0``,
  the op +0.0; plain Inductor keeps -0.0.  Rule: pooling.PoolingProof.check_structure propagates ``summed`` through
  data movement, SUMS and REDUCTIONS only, not through the mean's 1/l product / quotient, so
  PoolingProof._check_after_the_sum (red-team 25 F2's negation rule) never sees the ``neg`` after ``/ l``;
  PoolingProof._probe_specials compares signs but meets a zero column sum only by chance (all 32 x N x D elements
  negated: a dyadic zero sum is likely, refused -- mn_neg_sum_div; one element per row, or B = 1 with one page: not).
  Repro: /work/briefs/redteam33_repro.py.
* F2 CRASH (real Inductor codegen only): mean pooling with ONE head (N = 1), every dtype and mode
  (mn_control_n1_b40, mn_scaled_first_n1_fp16 / bf16 / fp32, mn_control_b1_d16, the mn_*_b1_* ones): ``InductorError:
  LoweringException: AssertionError: Please convert all Tensors to FakeTensors first`` in the lowering of
  ``compress_infer_``; the control compiles and equals eager.  Rule: rewrite.mean_weight_constant puts 1/l as an [l, 1]
  get_attr buffer and rewrite._fused.op_weight passes ``weight.expand(l, N)`` (its docstring: the fallback-kernel
  lowering cannot take the constant buffer itself, only a view); at N = 1 the expand is a no-op, traced away, and the
  buffer itself reaches the fallback kernel.  Repro: /work/briefs/redteam33_repro_f2.py.
* F3 CRASH (torchair graphs: torchair_like and real torchair): per-request entry writes whose kept read and write cast
  the index separately, ``mem[r.long(), :, i.long()] = where(valid, new, mem[r.long(), :, i.long()])`` (head-major
  [S, N, M, D], ix_hm_cast_index / _perm; headless [S, M, C], ix_hl_cast_index; token-major [S, M, N, D],
  ix_tm_cast_index, which then is refused anyway): fx lint "Argument '_to_copy_8' of Node 'index_tensor' was used
  before it has been defined", every mode.  Rule: rewrite._indexed_through_rows and rewrite._per_request_rows match
  the kept reads by ``_same_index`` (one node or the same cast of one node) but build G = x[i, :, j] (ids[i, j]) from
  the WRITE's index nodes, inserted before the first reader; torchair's graphs keep the two casts (no CSE) and the
  write's comes after the reader.  Inductor's graphs CSE them (fused & equal).  Repro:
  /work/briefs/redteam33_repro_f3.py [hm|tm|hl].

Not found (equal or refused in both graph dialects; the idea each tried):

* ix_ (rewrite._indexed_through_rows, _per_request_rows): head-major memories by index_put at [rows, :, i] with rows
  arange / a permutation / -1 padding on rows that do not complete, old entries returned / used late / kept by a second
  write (stale), entries i and i + 1, a clone written, kept entries read from the input of a clone, memories scaled
  in place after, read whole after, flipped rows read after, a second write through the flipped rows: fused & equal
  (static, batch, dynamic); headless [S, M, C] likewise; kept entries read at int32 indices and written at int64:
  refused (keep); token-major [S, M, N, D] by index_put: refused (the slot plan: "the slot of row b may depend on
  other rows", rows a graph input).
* fi_ (FlashInfer): [NP, 2, P, N, D] one gather, int32 kv_indptr / kv_indices / last_page_len with the page index
  summed in int32 and widened, summed in int64, int64 metadata, halves by unbind, the joint gather also read by an
  attention, a K/V pair appended through the ragged list before the gather, a literal page size (page_size_pinned)
  and calls at B = 40, 24, 57: fused & equal static and batch; under dynamic=True with P = kv.shape[2] refused (the
  lengths read as computed), with a literal P fused & equal; metadata widened by .long() before the slices with a
  literal P: refused ("lengths computed").
* pb_ (branches the chunked probes miss): the order chosen by the slot value (refused: the new rows read the slot
  mapping), by the window's first page id >= 100 of 400 blocks (refused: page ids through ge), by s == 80 and the
  slot, a select on the kept rows' NaNs (refused: keep).
* al_: K and V steps into one cache at disjoint slots, V keeping rows read before K's write, a 2-D view taken before
  and read after, a snapshot between the two steps, the second step keeping rows from a snapshot taken before the
  first: fused & equal in both dialects (static, dynamic; batch through the _mod copies).
* wm_: three layers (a flat cache, head-major memories by index_put, token-major memories by scatter_ along dim 1,
  also with mean pooling), an attention-like read after: fused & equal, every mode, both dialects.
* mn_: all elements negated behind the scaling (refused by the specials probe's zero sums, B = 40), two 1/l scalings
  (mn_two_scalings_*, the first spelling of mn_neg_one_*: refused), a ones-matmul (refused: a constant scaling), under
  dynamic=True (refused: an arange over the symbolic heads / dims); controls fused & equal (N = 2).
* Outside the corpus: a frozen [l, N] / [N, l] / [l, 1] weight (torch._inductor.config.freezing) with N = 1 and 2 in
  real Inductor (F2's no-op view question): fused & equal or refused, no crash (/tmp/rt33/frozen.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base32, the frozen tree's nsa_fusion and tests must win over this
# checkout's, which other people change while the round runs; the first runs of this round put _ROOT first and so
# imported the live /work/main tree: see the docstring)
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


def _sizes_calls(Bs=(40, 24, 57), **kw):
    return lambda: [build(seed=k, B=B, **kw).args for k, B in enumerate(Bs)]


def _specials_into(t, g, count=64):
    sp = torch.tensor([float("nan"), float("inf"), float("-inf"), -0.0]).to(t.dtype)
    flat = t.view(-1)
    idx = torch.randint(0, flat.numel(), (count,), generator=g)
    flat[idx] = sp[torch.arange(count) % 4]
    return t


def _mem(kind="hm", M=15, extra=3, seed=0, dtype=torch.float16, rows="arange", B=40, **kw):
    """build()'s inputs with per-request memories instead of the cache: ``hm`` [B + extra, N, M, D] (head major),
    ``tm`` [B + extra, M, N, D] (token major), ``hl`` [B + extra, M, D] (headless, N = 1).  A 7th argument: the
    request row of each batch row (``arange`` or a permutation of the memory rows, distinct; ``pad``: rows that
    do not complete get -1, the last memory row, which no completing row names)."""
    if kind == "hl":
        kw["N"] = 1
    x = build(seed=seed, dtype=dtype, B=B, **kw)
    kv, w, slots, table, lens, cache = x.args
    B, N, D = lens.shape[0], kv.shape[2], kv.shape[3]
    g = torch.Generator().manual_seed(seed + 50)
    shape = {"hm": (B + extra, N, M, D), "tm": (B + extra, M, N, D), "hl": (B + extra, M, D)}[kind]
    mem = _specials_into((torch.randint(-32, 33, shape, generator=g) / 16.0).to(dtype), g)
    if rows == "arange":
        r = torch.arange(B)
    elif rows == "perm":
        r = torch.randperm(B + extra, generator=g)[:B]
    elif rows == "pad":
        r = torch.randperm(B + extra - 1, generator=g)[:B]
        q = completes(lens)
        r = torch.where(q, r, torch.full_like(r, -1))
    else:
        raise ValueError(rows)
    return [kv, w, r, table, lens, mem]


def _mem_calls(Bs=(40, 24), **kw):
    return lambda: [_mem(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


def _entry(lens):
    return ((lens.long() - L) // STRIDE).clamp(min=0)


def _other(kv, seed=7):
    g = torch.Generator().manual_seed(seed)
    o = (torch.randint(-32, 33, kv.shape, generator=g) / 16.0).to(kv.dtype)
    return torch.where(kv.isfinite(), o, kv)


def _ragged(seed=0, B=40, dtype=torch.float16, meta=torch.int32, stacked=True, pad=5, cache_layout="2S",
            **kw):
    """FlashInfer's view of build()'s inputs: ``[kv, w, slots, last_page_len, kv_indptr, cache, kv_indices]``.
    Lengths 0 become 1 (FlashInfer gives every request at least one page).  ``stacked``: the KV as ``[NP, 2, P,
    N, D]`` (K, V) and the cache as ``[2, S, N, D]`` (``2S``) or ``[S, 2, N, D]`` (``S2``)."""
    x = build(seed=seed, dtype=dtype, B=B, **kw)
    kv, w, slots, table, lens, cache = x.args
    P = kv.shape[1]
    s = lens.long().clamp(min=1)
    n = (s + P - 1) // P
    indptr = torch.zeros(B + 1, dtype=torch.int64)
    indptr[1:] = torch.cumsum(n, 0)
    indices = torch.cat([table[b, : int(n[b])].long() for b in range(B)] + [torch.full((pad,), -1, dtype=torch.int64)])
    last = s - (n - 1) * P
    if stacked:
        kv = torch.stack([kv, _other(kv, seed + 11)], dim=1)
        c2 = (cache.float() * 2 + 1).to(dtype)
        cache = torch.stack([cache, c2], dim=0 if cache_layout == "2S" else 1)
    return [kv, w, slots, last.to(meta), indptr.to(meta), cache, indices.to(meta)]


def _ragged_calls(Bs=(40, 24), **kw):
    return lambda: [_ragged(seed=k, B=B, **kw) for k, B in enumerate(Bs)]


# --- theme 1 (ix_): per-request entries written by index_put: head-major [S, N, M, D] at [rows, :, i] and
# headless [S, M, C] at [rows, i] (rewrite._indexed_through_rows, the freshest entry-write rewrite) -------------
def _ix(kind="base", layout="hm"):
    def step(kv, w, rows, table, lens, mem):
        new = pool(tokens(kv, table, positions(lens)), w)  # [B, N, D] fp32
        i = _entry(lens)
        r = rows.long()
        valid = completes(lens)
        if layout == "tm":
            vmask = valid[:, None, None]

            def rd(m, a=r, b=i):
                return m[a, b]

            def wr(m, v, a=r, b=i):
                m[a, b] = v
        elif layout == "hl":
            new = new[:, 0]  # [B, C]
            vmask = valid[:, None]

            def rd(m, a=r, b=i):
                return m[a, b]

            def wr(m, v, a=r, b=i):
                m[a, b] = v
        else:
            vmask = valid[:, None, None]

            def rd(m, a=r, b=i):
                return m[a, :, b]

            def wr(m, v, a=r, b=i):
                m[a, :, b] = v
        nv = new.to(mem.dtype)
        if kind == "base":
            wr(mem, torch.where(vmask, nv, rd(mem)))
            return mem
        if kind == "old_returned":
            old = rd(mem)
            wr(mem, torch.where(vmask, nv, old))
            return mem, old
        if kind == "old_used_late":
            old = rd(mem)
            wr(mem, torch.where(vmask, nv, old))
            return mem, rd(mem).float() - old.float()
        if kind == "stale_second":  # a second write of the same entries keeps the entries read before the first
            old = rd(mem)
            wr(mem, torch.where(vmask, nv, old))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
            if layout == "hl":
                new2 = new2[:, 0]
            wr(mem, torch.where(vmask, new2.to(mem.dtype), old))
            return mem
        if kind == "two_entries":
            wr(mem, torch.where(vmask, nv, rd(mem)))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
            if layout == "hl":
                new2 = new2[:, 0]
            j = (i + 1).clamp(max=mem.shape[2 if layout == "hm" else 1] - 1)
            wr(mem, torch.where(vmask, new2.to(mem.dtype), rd(mem, r, j)), r, j)
            return mem
        if kind == "cast_index":  # the index built twice through casts (_same_index)
            i32 = i.int()
            wr(mem, torch.where(vmask, nv, rd(mem, rows.long(), i32.long())), rows.long(), i32.long())
            return mem
        if kind == "kept_other_cast":  # the kept entries read at an int32 index, the write at the int64 one
            wr(mem, torch.where(vmask, nv, rd(mem, rows.int(), i.int())))
            return mem
        if kind == "functional":
            m2 = mem.clone()
            wr(m2, torch.where(vmask, nv, rd(m2)))
            return m2, mem
        if kind == "kept_from_input_of_clone":
            m2 = mem.clone()
            wr(m2, torch.where(vmask, nv, rd(mem)))
            return m2
        if kind == "mem_scaled_after":  # the memories scaled in place after the write, the old entries returned
            old = rd(mem)
            wr(mem, torch.where(vmask, nv, old))
            mem.mul_(2)
            return mem, old
        if kind == "read_whole_after":  # the whole memories read after the write (an attention over them)
            wr(mem, torch.where(vmask, nv, rd(mem)))
            return mem.float().sum(), mem
        if kind == "write_then_read_entries_of_other_rows":
            wr(mem, torch.where(vmask, nv, rd(mem)))
            return mem, rd(mem, r.flip(0), i)
        if kind == "two_writes_other_rows":  # the same entries of rows r and of rows r.flip(0): two rows sets
            wr(mem, torch.where(vmask, nv, rd(mem)))
            new2 = pool(tokens(kv, table, positions(lens)), w.flip(0))
            if layout == "hl":
                new2 = new2[:, 0]
            rf = r.flip(0)
            wr(mem, torch.where(vmask.flip(0), new2.flip(0).to(mem.dtype), rd(mem, rf, i.flip(0))), rf, i.flip(0))
            return mem
        raise ValueError(kind)
    return step


# --- theme 2 (fi_): FlashInfer: int32 ragged page lists (widened after the add), lengths by get_seq_lens, K and V
# stacked after the page dim and read by one gather (rewrite.stacked_reads), caches stacked [2, S, N, D] -------------
def _seq_lens(indptr, last, P):
    return (indptr[1:] - indptr[:-1] - 1) * P + last


def _fi(kind="base"):
    def step(kv, w, slots, last, indptr, cache, indices):
        P = 64 if kind.startswith("lit") else kv.shape[2]
        if kind == "lit_long":  # FlashInfer's metadata widened before the slices
            s = (indptr.long()[1:] - indptr.long()[:-1] - 1) * 64 + last.long()
        else:
            s = _seq_lens(indptr, last, P)
        pos = (s[:, None] - L + torch.arange(L, dtype=s.dtype)).clamp(min=0)
        if kind == "int64_sum":
            pg = indices[indptr[:-1, None].long() + torch.div(pos, P, rounding_mode="floor").long()].long()
        else:
            pg = indices[(indptr[:-1, None] + torch.div(pos, P, rounding_mode="floor")).long()].long()
        off = (pos % P).long()
        valid = completes(s)[:, None, None]
        sl = slots.long()
        both = kv[pg, :, off]  # [B, L, 2, N, D]
        if kind == "unbind":
            halves = kv.unbind(1)
            toks = [h[pg, off] for h in halves]
        else:
            toks = [both[:, :, 0], both[:, :, 1]]
        ws = [w, w.flip(0)]
        outs = []
        for h in (0, 1):
            new = (toks[h].float() * ws[h].float()[None, :, :, None]).sum(1)
            c = cache[h]
            c[sl] = torch.where(valid, new.to(c.dtype), c[sl])
            outs.append(c)
        if kind == "attn_reads_window":  # the window tokens also read by an attention (the user's gather kept)
            return cache, both.float().sum((1, 3))
        if kind == "append_then":
            raise AssertionError
        return cache
    return step


def _fi_append(kind="base"):
    """A token pair appended at the last position through the ragged list, then one gather of both halves."""
    def step(kv, w, slots, last, indptr, cache, indices):
        P = kv.shape[2]
        s = _seq_lens(indptr, last, P)
        lp = s - 1
        page = indices[(indptr[:-1] + torch.div(lp, P, rounding_mode="floor")).long()].long()
        off1 = (lp % P).long()
        tok = torch.full(kv.shape[2:][1:], 0.5, dtype=kv.dtype)  # [N, D]
        kv[page, 0, off1] = tok
        kv[page, 1, off1] = -tok
        pos = (s[:, None] - L + torch.arange(L, dtype=s.dtype)).clamp(min=0)
        pg = indices[(indptr[:-1, None] + torch.div(pos, P, rounding_mode="floor")).long()].long()
        off = (pos % P).long()
        both = kv[pg, :, off]
        valid = completes(s)[:, None, None]
        sl = slots.long()
        for h in (0, 1):
            new = (both[:, :, h].float() * w.float()[None, :, :, None]).sum(1)
            c = cache[h]
            c[sl] = torch.where(valid, new.to(c.dtype), c[sl])
        return cache, kv
    return step


# --- theme 3 (pb_): float side: per-row branches the chunked probes may miss --------------------------------------
def _products(kv, w, table, lens):
    tok = tokens(kv, table, positions(lens))
    return tok.float() * w.float()[None, :, :, None]


def _rev_chain(p):
    acc = torch.zeros_like(p[:, 0])
    for j in range(p.shape[1] - 1, -1, -1):
        acc = acc + p[:, j]
    return acc


def _pb(kind):
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        s = slots.long()
        if kind == "slot_branch":  # the order depends on the slot value
            new = torch.where((slots == 7)[:, None, None], _rev_chain(p), p.sum(1))
        elif kind == "slot_big_branch":
            new = torch.where((slots.long() >= 60)[:, None, None], _rev_chain(p), p.sum(1))
        elif kind == "page_big_branch":  # the order depends on the page id of the window's first page (> probes)
            first = table.long().gather(1, positions(lens)[:, :1] // kv.shape[1])[:, 0]
            new = torch.where((first >= 100)[:, None, None], _rev_chain(p), p.sum(1))
        elif kind == "lens_and_slot":
            new = torch.where(((lens == 80) & (slots >= 0))[:, None, None], _rev_chain(p), p.sum(1))
        elif kind == "kept_isnan_new":  # a kept-row branch leaking into the written value
            old = cache[s]
            new = torch.where(old.isnan(), p.sum(1), p.sum(1))
        else:
            raise ValueError(kind)
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
        return cache
    return step


def _wide(dtype=torch.float16, seed=3, B=40, **kw):
    x = build(dtype=dtype, seed=seed, B=B, **kw)
    g = torch.Generator().manual_seed(seed + 100)
    kv = x.args[0]
    sh = kv.shape
    wide = ((torch.rand(sh, generator=g) + 1) * torch.exp2(torch.randint(-6, 7, sh, generator=g).float())
            * (torch.randint(0, 2, sh, generator=g) * 2 - 1)).to(dtype)
    x.args[0] = torch.where(kv.isfinite(), wide, kv)
    w = x.args[1]
    ww = ((torch.rand(w.shape, generator=g) + 1) * torch.exp2(torch.randint(-3, 4, w.shape, generator=g).float()))
    ww = ww * (torch.randint(0, 2, w.shape, generator=g) * 2 - 1)
    x.args[1] = ww.to(dtype)
    return x.args


def _cancel(dtype=torch.float16, seed=5, B=40, **kw):
    big = 65504.0 if dtype == torch.float16 else 2.0 ** 100
    vals = [big, 1e-3, -big, 1e-3] + [0.0] * (L - 4)
    return build(dtype=dtype, seed=seed, B=B, window=lambda b, s: vals if b % 3 else vals[::-1],
                 weight=torch.ones(L, 2, dtype=dtype), **kw).args


def _ord_calls(**kw):
    return lambda: [_wide(**kw), _wide(seed=4, **kw), _cancel(**kw), _cancel(seed=9, high_ids=True, high_slots=True,
                                                                               **kw)]


def _big_blocks_calls():
    """Tables drawn from the top of 400 blocks (above any probe's 64), slots from the top of 200 rows."""
    return lambda: [_wide(block_num=400, num_slots=200), _cancel(block_num=400, num_slots=200, high_ids=True,
                                                                  high_slots=True)]


# --- theme 4 (al_): K and V steps sharing one cache, clones around the step, views aliasing it --------------------
def _rows(kv, w, table, lens):
    return pool(tokens(kv, table, positions(lens)), w)


def _al(kind):
    def step(kv, w, slots, table, lens, cache, slots2=None):
        if slots2 is None:  # (the _mod variants: the second slots half a cache away, modulo the cache rows)
            slots2 = (slots.long() + cache.shape[0] // 2) % cache.shape[0]
        s = slots.long()
        valid = completes(lens)[:, None, None]
        if kind == "kv_one_cache":  # K at slots, V (the KV scaled) at slots2: one cache, two fused steps
            nk = _rows(kv, w, table, lens)
            cache[s] = torch.where(valid, nk.to(cache.dtype), cache[s])
            s2 = slots2.long()
            nv = _rows(kv, w.flip(0), table, lens)
            cache[s2] = torch.where(valid, nv.to(cache.dtype), cache[s2])
            return cache
        if kind == "kv_one_cache_stale":  # V keeps rows read before K's write (disjoint slots: the same values)
            old2 = cache[slots2.long()]
            nk = _rows(kv, w, table, lens)
            cache[s] = torch.where(valid, nk.to(cache.dtype), cache[s])
            nv = _rows(kv, w.flip(0), table, lens)
            cache[slots2.long()] = torch.where(valid, nv.to(cache.dtype), old2)
            return cache
        if kind == "view_rows_after":  # a 2-D view of the cache taken before, read after the step
            v2 = cache.view(cache.shape[0], -1)
            nk = _rows(kv, w, table, lens)
            cache[s] = torch.where(valid, nk.to(cache.dtype), cache[s])
            return cache, v2.float() * 1
        if kind == "snapshot_then_second":  # a snapshot between two steps into one cache
            nk = _rows(kv, w, table, lens)
            cache[s] = torch.where(valid, nk.to(cache.dtype), cache[s])
            snap = cache.clone()
            nv = _rows(kv, w.flip(0), table, lens)
            s2 = slots2.long()
            cache[s2] = torch.where(valid, nv.to(cache.dtype), cache[s2])
            return cache, snap
        if kind == "kept_from_snapshot_second":  # the second step keeps rows from a snapshot taken before the first
            snap = cache.clone()
            nk = _rows(kv, w, table, lens)
            cache[s] = torch.where(valid, nk.to(cache.dtype), cache[s])
            nv = _rows(kv, w.flip(0), table, lens)
            s2 = slots2.long()
            cache[s2] = torch.where(valid, nv.to(cache.dtype), snap[s2])
            return cache
        raise ValueError(kind)
    return step


def _half_slot_calls(Bs=(40, 24), **kw):
    """Slots in the lower half of a cache of 4 B + 6 rows (the second step writes slots + S / 2, modulo S)."""
    def mk(k, B):
        a = list(build(seed=k, B=B, num_slots=4 * B + 6, **kw).args)
        g = torch.Generator().manual_seed(k + 77)
        a[2] = torch.randperm((4 * B + 6) // 2, generator=g)[:B].to(a[2].dtype)
        return a
    return lambda: [mk(k, B) for k, B in enumerate(Bs)]


def _two_slot_calls(Bs=(40, 24), **kw):
    def mk(k, B):
        a = list(build(seed=k, B=B, num_slots=4 * B + 5, **kw).args)
        g = torch.Generator().manual_seed(k + 77)
        taken = set(a[2].tolist())
        free = torch.tensor([r for r in range(a[5].shape[0]) if r not in taken])
        a.append(free[torch.randperm(len(free), generator=g)[:B]].to(a[2].dtype))
        return a
    return lambda: [mk(k, B) for k, B in enumerate(Bs)]


# --- theme 5 (mn_): a sign flip hidden behind the mean's scaling: summed does not propagate through the 1/l product --
def _mn(kind):
    def step(kv, w, slots, table, lens, cache):
        x = tokens(kv, table, positions(lens)).float()
        if kind == "neg_sum_times_inv":
            new = -((-x).sum(1) * (1.0 / L))
        elif kind == "neg_sum_div":
            new = -((-x).sum(1) / L)
        elif kind == "neg_einsum_div":
            new = -(torch.einsum("bjhd->bhd", -x) / L)
        elif kind == "neg_matmul_div":  # a ones contraction over the window
            new = -((torch.ones(1, x.shape[1]) @ (-x).flatten(2)).view(x.shape[0], x.shape[2], x.shape[3]) / L)
        elif kind in ("two_scalings_element", "two_scalings_dim"):  # (the first spelling: two 1/l scalings)
            neg = -((-x).sum(1) / L)
            pos = x.sum(1) / L
            N, D = x.shape[2], x.shape[3]
            if kind == "two_scalings_element":
                m = (torch.arange(N)[:, None] == 0) & (torch.arange(D)[None, :] == 0)
            else:
                m = (torch.arange(D) == 0).expand(N, D)
            new = torch.where(m, neg, pos)
        elif kind in ("neg_one_element", "neg_one_dim"):  # only some elements go through the two negations
            N, D = x.shape[2], x.shape[3]
            if kind == "neg_one_element":
                m = (torch.arange(N)[:, None] == 0) & (torch.arange(D)[None, :] == 0)
            else:
                m = (torch.arange(D) == 0).expand(N, D)
            u = torch.where(m, -x, x).sum(1) / L  # one sum, one 1/l scaling
            new = torch.where(m, -u, u)
        elif kind == "neg_one_element_mul":  # the same with * (1/l)
            N, D = x.shape[2], x.shape[3]
            m = (torch.arange(N)[:, None] == 0) & (torch.arange(D)[None, :] == 0)
            u = torch.where(m, -x, x).sum(1) * (1.0 / L)
            new = torch.where(m, -u, u)
        elif kind == "neg_one_element_einsum":  # the sum as an einsum, the scaling by torch.div
            N, D = x.shape[2], x.shape[3]
            m = (torch.arange(N)[:, None] == 0) & (torch.arange(D)[None, :] == 0)
            u = torch.div(torch.einsum("bjhd->bhd", torch.where(m, -x, x)), L)
            new = torch.where(m, -u, u)
        elif kind == "neg_one_element_masked_fill":  # the negation as a select of a negated copy via masked_fill
            N, D = x.shape[2], x.shape[3]
            m = (torch.arange(N)[:, None] == 0) & (torch.arange(D)[None, :] == 0)
            u = torch.where(m, -x, x).sum(1) / L
            new = torch.where(m, torch.neg(u), u)
        elif kind == "scaled_first":  # (x * (1/l)).sum(1): the mean spelling that fuses in every dtype
            new = (x * (1.0 / L)).sum(1)
        elif kind == "control":
            new = x.sum(1) / L
        else:
            raise ValueError(kind)
        cache[slots.long()] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[slots.long()])
        return cache
    return step


def _zero_sum_windows(B=40, N=2, D=16, pages=4, seed=21, n=2, **kw):
    """Windows whose tokens cancel pairwise (t, -t, ...): every fp32 window sum is exactly +0.0 in any order; the op's
    mean of them is +0.0, a negated sum of the negated tokens -0.0."""
    def vals(b, s):
        t = [((b + j) % 7 + 1) / 8 for j in range(L // 2)]
        return [v for a in t for v in (a, -a)]
    return lambda: [build(seed=seed + k, B=B, N=N, D=D, pages=pages, window=vals, **kw).args for k in range(n)]


# --- theme 6 (wm_): whole models of 3 layers mixing the layouts --------------------------------------------------
def _wm(kind="base"):
    """Layer 0: the paged KV kv[0] into a flat cache; layer 1: kv[1] into head-major memories [S, N, M, D] by
    index_put; layer 2: kv[2] into token-major memories [S, M, N, D] by scatter_ along dim 1 (HF), mean pooling
    where ``kind == "mean"``; an attention-like read of all three after the writes."""
    def step(kv3, w, slots, table, lens, cache, mem_hm, mem_tm):
        B = lens.shape[0]
        s = slots.long()
        valid = completes(lens)
        i = _entry(lens)
        r = torch.arange(B)
        n0 = pool(tokens(kv3[0], table, positions(lens)), w)
        cache[s] = torch.where(valid[:, None, None], n0.to(cache.dtype), cache[s])
        n1 = pool(tokens(kv3[1], table, positions(lens)), w.flip(0))
        mem_hm[r, :, i] = torch.where(valid[:, None, None], n1.to(mem_hm.dtype), mem_hm[r, :, i])
        if kind == "mean":
            n2 = tokens(kv3[2], table, positions(lens)).float().sum(1) / L
        else:
            n2 = pool(tokens(kv3[2], table, positions(lens)), w)
        N, D = mem_tm.shape[2], mem_tm.shape[3]
        at = i.view(B, 1, 1, 1).expand(B, 1, N, D)
        mem_tm.scatter_(1, at, torch.where(valid[:, None, None, None], n2.to(mem_tm.dtype)[:, None],
                                           mem_tm.gather(1, at)))
        att = cache[s].float().sum() + mem_hm[r, :, i].float().sum() + mem_tm.gather(1, at).float().sum()
        return cache, mem_hm, mem_tm, att
    return step


def _wm_inputs(n=2, Bs=(40, 24), M=15):
    def mk(k, B):
        a = list(build(seed=k, B=B).args)
        kv = a[0]
        a[0] = torch.stack([kv, _other(kv, k + 1), _other(kv, k + 2)])
        g = torch.Generator().manual_seed(k + 5)
        N, D = kv.shape[2], kv.shape[3]
        hm = _specials_into((torch.randint(-32, 33, (B + 3, N, M, D), generator=g) / 16.0).half(), g)
        tm = _specials_into((torch.randint(-32, 33, (B + 3, M, N, D), generator=g) / 16.0).half(), g)
        return a + [hm, tm]
    return lambda: [mk(k, B) for k, B in zip(range(n), Bs)]


ATTACKS = [
    # 1. ix_: per-request entries by index_put
    ("ix_hm_base", _mk(_ix("base"), _mem_calls(), MODES3), "head-major [S, N, M, D] mem[rows, :, i] = where(..)"),
    ("ix_hm_perm_rows", _mk(_ix("base"), _mem_calls(rows="perm"), MODES3),
     "head-major, request rows a permutation of the memory rows (not the batch index)"),
    ("ix_hm_pad_rows", _mk(_ix("base"), _mem_calls(rows="pad"), MODES3),
     "head-major, rows that do not complete at request row -1 (the last memory row, named by no completing row)"),
    ("ix_hm_old_returned", _mk(_ix("old_returned"), _mem_calls(), MODES3), "head-major, old entries returned"),
    ("ix_hm_old_used_late", _mk(_ix("old_used_late"), _mem_calls(), MODES3),
     "head-major, old entries subtracted from the entries read after the write"),
    ("ix_hm_stale_second", _mk(_ix("stale_second"), _mem_calls(), MODES3),
     "head-major, a second write of the same entries keeps the entries read before the first"),
    ("ix_hm_two_entries", _mk(_ix("two_entries"), _mem_calls(), MODES3), "head-major, entries i and i + 1"),
    ("ix_hm_cast_index", _mk(_ix("cast_index"), _mem_calls(), MODES3), "head-major, index through casts"),
    ("ix_hm_kept_other_cast", _mk(_ix("kept_other_cast"), _mem_calls(), MODES3),
     "head-major, kept entries read at int32 indices, written at int64"),
    ("ix_hm_functional", _mk(_ix("functional"), _mem_calls(), MODES3), "head-major, a clone written"),
    ("ix_hm_kept_from_input_of_clone", _mk(_ix("kept_from_input_of_clone"), _mem_calls(), MODES3),
     "head-major, a clone written, the kept entries read from the input"),
    ("ix_hm_mem_scaled_after", _mk(_ix("mem_scaled_after"), _mem_calls(), MODES3),
     "head-major, the memories scaled in place after the write, the old entries returned"),
    ("ix_hm_read_whole_after", _mk(_ix("read_whole_after"), _mem_calls(), MODES3),
     "head-major, the whole memories summed after the write"),
    ("ix_hm_other_rows_after", _mk(_ix("write_then_read_entries_of_other_rows"), _mem_calls(), MODES3),
     "head-major, the entries of the rows flipped read after the write"),
    ("ix_hm_two_writes_flipped", _mk(_ix("two_writes_other_rows"), _mem_calls(), MODES3),
     "head-major, a second write through the flipped rows and entries (the same set of entries)"),
    ("ix_tm_base", _mk(_ix("base", "tm"), _mem_calls(kind="tm"), MODES3),
     "token-major [S, M, N, D] mem[rows, i] = where(..) (rewrite._per_request_rows)"),
    ("ix_tm_perm_rows", _mk(_ix("base", "tm"), _mem_calls(kind="tm", rows="perm"), MODES3),
     "token-major, request rows a permutation"),
    ("ix_tm_pad_rows", _mk(_ix("base", "tm"), _mem_calls(kind="tm", rows="pad"), MODES3),
     "token-major, padding request row -1"),
    ("ix_tm_cast_index", _mk(_ix("cast_index", "tm"), _mem_calls(kind="tm"), MODES3),
     "token-major, the kept read's index and the write's index cast separately (two equal cast nodes)"),
    ("ix_hl_cast_index", _mk(_ix("cast_index", "hl"), _mem_calls(kind="hl"), MODES3),
     "headless, the kept read's index and the write's index cast separately"),
    ("ix_hm_cast_index_perm", _mk(_ix("cast_index"), _mem_calls(rows="perm"), MODES3),
     "head-major, separate casts, permuted request rows"),
    ("ix_tm_old_used_late", _mk(_ix("old_used_late", "tm"), _mem_calls(kind="tm"), MODES3),
     "token-major, old entries used after the write"),
    ("ix_hl_base", _mk(_ix("base", "hl"), _mem_calls(kind="hl"), MODES3), "headless [S, M, C] mem[rows, i]"),
    ("ix_hl_perm_rows", _mk(_ix("base", "hl"), _mem_calls(kind="hl", rows="perm"), MODES3),
     "headless, request rows a permutation"),
    ("ix_hl_pad_rows", _mk(_ix("base", "hl"), _mem_calls(kind="hl", rows="pad"), MODES3),
     "headless, padding request row -1"),
    ("ix_hl_old_used_late", _mk(_ix("old_used_late", "hl"), _mem_calls(kind="hl"), MODES3),
     "headless, old entries used after the write"),
    ("ix_hl_stale_second", _mk(_ix("stale_second", "hl"), _mem_calls(kind="hl"), MODES3),
     "headless, a second write keeps the entries read before the first"),
    ("ix_hl_two_writes_flipped", _mk(_ix("two_writes_other_rows", "hl"), _mem_calls(kind="hl"), MODES3),
     "headless, a second write through the flipped rows"),
    ("ix_hl_mem_scaled_after", _mk(_ix("mem_scaled_after", "hl"), _mem_calls(kind="hl"), MODES3),
     "headless, memories scaled after, old entries returned"),
    # 2. fi_: FlashInfer int32 ragged + stacked NHD
    ("fi_nhd_int32", _mk(_fi("base"), _ragged_calls(), MODES3),
     "[NP, 2, P, N, D] one gather, int32 indptr / indices / last, index summed in int32 and widened"),
    ("fi_nhd_int64_sum", _mk(_fi("int64_sum"), _ragged_calls(), MODES3), "the same, the index summed in int64"),
    ("fi_nhd_unbind", _mk(_fi("unbind"), _ragged_calls(), MODES3), "halves by unbind(1), gathered each"),
    ("fi_nhd_attn_reads", _mk(_fi("attn_reads_window"), _ragged_calls(), MODES3),
     "the joint gather also read by an attention"),
    ("fi_nhd_int64_meta", _mk(_fi("base"), _ragged_calls(meta=torch.int64), MODES3), "int64 metadata"),
    ("fi_nhd_lit_p", _mk(_fi("lit"), _ragged_calls(), MODES3),
     "the page size a literal 64 (page_size_pinned under dynamic=True)"),
    ("fi_nhd_lit_long", _mk(_fi("lit_long"), _ragged_calls(), MODES3),
     "literal page size, the metadata widened with .long() before the slices"),
    ("fi_nhd_lit_p_3calls", _mk(_fi("lit"), _ragged_calls(Bs=(40, 24, 57)), MODES3),
     "literal page size, calls at B = 40, 24, 57"),
    ("fi_nhd_append", _mk(_fi_append(), _ragged_calls(), MODES3),
     "a K/V pair appended at the last position through the ragged list, then one gather"),
    # 3. pb_: branches the chunked probes may miss
    ("pb_slot_branch", _mk(_pb("slot_branch"), _ord_calls(), SB), "reversed chain where slot == 7"),
    ("pb_slot_big_branch", _mk(_pb("slot_big_branch"), _ord_calls(), SB), "reversed chain where slot >= 60"),
    ("pb_page_big_branch", _mk(_pb("page_big_branch"), _big_blocks_calls(), SB),
     "reversed chain where the window's first page id >= 100 (probes draw <= 64 blocks)"),
    ("pb_lens_and_slot", _mk(_pb("lens_and_slot"), _ord_calls(), SB), "reversed chain where s == 80 and slot >= 0"),
    ("pb_kept_isnan_new", _mk(_pb("kept_isnan_new"), _ord_calls(), SB), "a select on the kept rows' NaNs"),
    # 4. al_: one cache, two steps; views and snapshots
    ("al_kv_one_cache", _mk(_al("kv_one_cache"), _two_slot_calls(), MODES3), "K and V steps into one cache"),
    ("al_kv_one_cache_stale", _mk(_al("kv_one_cache_stale"), _two_slot_calls(), MODES3),
     "V keeps rows read before K's write (disjoint slots)"),
    ("al_view_rows_after", _mk(_al("view_rows_after"), _two_slot_calls(), MODES3),
     "a 2-D view taken before, read after"),
    ("al_snapshot_then_second", _mk(_al("snapshot_then_second"), _two_slot_calls(), MODES3),
     "a snapshot between two steps into one cache"),
    ("al_kept_from_snapshot_second", _mk(_al("kept_from_snapshot_second"), _two_slot_calls(), MODES3),
     "the second step keeps rows from a snapshot taken before the first"),
    ("wm_three_layouts", _mk(_wm(), _wm_inputs(), MODES3),
     "3 layers: flat cache, head-major memories by index_put, token-major memories by scatter_, read after"),
    ("wm_three_layouts_mean", _mk(_wm("mean"), _wm_inputs(), MODES3), "the same, layer 2 mean pooling"),
    ("al_kv_one_cache_mod", _mk(_al("kv_one_cache"), _half_slot_calls(), MODES3),
     "K and V steps into one cache, V at (slots + S/2) % S"),
    ("al_kv_one_cache_stale_mod", _mk(_al("kv_one_cache_stale"), _half_slot_calls(), MODES3),
     "V keeps rows read before K's write, (slots + S/2) % S"),
    ("al_snapshot_then_second_mod", _mk(_al("snapshot_then_second"), _half_slot_calls(), MODES3),
     "a snapshot between two steps into one cache, (slots + S/2) % S"),
    ("al_kept_from_snapshot_second_mod", _mk(_al("kept_from_snapshot_second"), _half_slot_calls(), MODES3),
     "the second step keeps rows from a snapshot taken before the first, (slots + S/2) % S"),
    # 5. mn_: mean pooling, a negation after the 1/l scaling
    ("mn_neg_sum_times_inv", _mk(_mn("neg_sum_times_inv"), _zero_sum_windows(), MODES3),
     "-((-x).sum(1) * (1/l)), zero-sum windows"),
    ("mn_neg_sum_div", _mk(_mn("neg_sum_div"), _zero_sum_windows(), MODES3), "-((-x).sum(1) / l)"),
    ("mn_neg_einsum_div", _mk(_mn("neg_einsum_div"), _zero_sum_windows(), MODES3), "-(einsum(-x) / l)"),
    ("mn_neg_matmul_div", _mk(_mn("neg_matmul_div"), _zero_sum_windows(), SB), "-((ones @ -x) / l)"),
    ("mn_neg_sum_div_b1_n1_d1", _mk(_mn("neg_sum_div"), _zero_sum_windows(B=1, N=1, D=1, pages=1), ("static",)),
     "-((-x).sum(1) / l), B = N = D = 1, one page: few probe elements"),
    ("mn_neg_sum_div_b1_d16", _mk(_mn("neg_sum_div"), _zero_sum_windows(B=1, N=1, D=16, pages=1), ("static",)),
     "-((-x).sum(1) / l), B = 1, N = 1, D = 16, one page"),
    ("mn_neg_sum_div_b1_n2", _mk(_mn("neg_sum_div"), _zero_sum_windows(B=1, N=2, D=16, pages=1), ("static",)),
     "-((-x).sum(1) / l), B = 1, N = 2, D = 16, one page (added at 07:09 to confirm F1 at B = 1 in real Inductor)"),
    ("mn_neg_sum_times_inv_b1", _mk(_mn("neg_sum_times_inv"), _zero_sum_windows(B=1, N=2, D=16, pages=4),
                                    ("static",)), "-((-x).sum(1) * (1/l)), B = 1"),
    ("mn_two_scalings_element", _mk(_mn("two_scalings_element"), _zero_sum_windows(), SB),
     "first spelling of mn_neg_one_element: both branches scaled (two 1/l scalings)"),
    ("mn_two_scalings_dim", _mk(_mn("two_scalings_dim"), _zero_sum_windows(), SB),
     "first spelling of mn_neg_one_dim: both branches scaled"),
    ("mn_neg_one_element", _mk(_mn("neg_one_element"), _zero_sum_windows(), SB),
     "element [0, 0] of each row: -((-x).sum(1) / l), the rest x.sum(1) / l (B = 40: 16 probe elements)"),
    ("mn_neg_one_dim", _mk(_mn("neg_one_dim"), _zero_sum_windows(), SB),
     "dim 0 of each head: -((-x).sum(1) / l), the rest x.sum(1) / l"),
    ("mn_neg_one_element_b8", _mk(_mn("neg_one_element"), _zero_sum_windows(B=8), SB),
     "element [0, 0], B = 8"),
    ("mn_neg_one_element_mul", _mk(_mn("neg_one_element_mul"), _zero_sum_windows(), MODES3),
     "element [0, 0]: -(where(m, -x, x).sum(1) * (1/l))"),
    ("mn_neg_one_element_einsum", _mk(_mn("neg_one_element_einsum"), _zero_sum_windows(), MODES3),
     "element [0, 0]: einsum then torch.div"),
    ("mn_neg_one_element_neg_fn", _mk(_mn("neg_one_element_masked_fill"), _zero_sum_windows(), MODES3),
     "element [0, 0]: torch.neg after the scaling"),
    ("mn_neg_one_element_dyn", _mk(_mn("neg_one_element"), _zero_sum_windows(), ("dynamic",)),
     "element [0, 0] under dynamic=True (arange over the heads / dims: symbolic there)"),
    ("mn_scaled_first_n1_fp16", _mk(_mn("scaled_first"), _zero_sum_windows(N=1), MODES3),
     "(x * (1/l)).sum(1), N = 1, fp16 (F2's constant weight)"),
    ("mn_scaled_first_n1_bf16", _mk(_mn("scaled_first"), _zero_sum_windows(N=1, dtype=torch.bfloat16), MODES3),
     "(x * (1/l)).sum(1), N = 1, bf16"),
    ("mn_scaled_first_n1_fp32", _mk(_mn("scaled_first"), _zero_sum_windows(N=1, dtype=torch.float32), MODES3),
     "(x * (1/l)).sum(1), N = 1, fp32"),
    ("mn_control_n1_b40", _mk(_mn("control"), _zero_sum_windows(N=1), MODES3), "x.sum(1) / l, N = 1, B = 40"),
    ("mn_control_b1_d16", _mk(_mn("control"), _zero_sum_windows(B=1, N=1, D=16, pages=1), ("static",)),
     "control: x.sum(1) / l at B = 1, N = 1, D = 16, one page"),
    ("mn_contract_b1_d16", _mk(lambda kv, w, slots, table, lens, cache: write(
        cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)),
        _zero_sum_windows(B=1, N=1, D=16, pages=1), ("static",)), "control: the contract at B = 1, one page"),
    ("mn_control", _mk(_mn("control"), _zero_sum_windows(), MODES3), "control: x.sum(1) / l"),
]

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _RCD, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "REFUSED (control differs)", "EAGER FAILS"
# First try on the frozen tree /tmp/base32 (b929c95), 06:50-07:08 UTC: (attack, dialect, mode, result); "inductor" (real
# Inductor codegen) for every mn_ attack.
_FIRST = [
    ('ix_hm_base', 'inductor_graph', 'static', _EQ),
    ('ix_hm_base', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_base', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_perm_rows', 'inductor_graph', 'static', _EQ),
    ('ix_hm_perm_rows', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_perm_rows', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_pad_rows', 'inductor_graph', 'static', _EQ),
    ('ix_hm_pad_rows', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_pad_rows', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_old_returned', 'inductor_graph', 'static', _EQ),
    ('ix_hm_old_returned', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_old_returned', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_old_used_late', 'inductor_graph', 'static', _EQ),
    ('ix_hm_old_used_late', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_old_used_late', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_stale_second', 'inductor_graph', 'static', _EQ),
    ('ix_hm_stale_second', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_stale_second', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_two_entries', 'inductor_graph', 'static', _EQ),
    ('ix_hm_two_entries', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_two_entries', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_cast_index', 'inductor_graph', 'static', _EQ),
    ('ix_hm_cast_index', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_cast_index', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_kept_other_cast', 'inductor_graph', 'static', _R),
    ('ix_hm_kept_other_cast', 'inductor_graph', 'batch', _R),
    ('ix_hm_kept_other_cast', 'inductor_graph', 'dynamic', _R),
    ('ix_hm_functional', 'inductor_graph', 'static', _EQ),
    ('ix_hm_functional', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_functional', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_kept_from_input_of_clone', 'inductor_graph', 'static', _EQ),
    ('ix_hm_kept_from_input_of_clone', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_kept_from_input_of_clone', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_mem_scaled_after', 'inductor_graph', 'static', _EQ),
    ('ix_hm_mem_scaled_after', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_mem_scaled_after', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_read_whole_after', 'inductor_graph', 'static', _EQ),
    ('ix_hm_read_whole_after', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_read_whole_after', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_other_rows_after', 'inductor_graph', 'static', _EQ),
    ('ix_hm_other_rows_after', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_other_rows_after', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_two_writes_flipped', 'inductor_graph', 'static', _EQ),
    ('ix_hm_two_writes_flipped', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_two_writes_flipped', 'inductor_graph', 'dynamic', _EQ),
    ('ix_tm_base', 'inductor_graph', 'static', _R),
    ('ix_tm_base', 'inductor_graph', 'batch', _R),
    ('ix_tm_base', 'inductor_graph', 'dynamic', _R),
    ('ix_tm_perm_rows', 'inductor_graph', 'static', _R),
    ('ix_tm_perm_rows', 'inductor_graph', 'batch', _R),
    ('ix_tm_perm_rows', 'inductor_graph', 'dynamic', _R),
    ('ix_tm_pad_rows', 'inductor_graph', 'static', _R),
    ('ix_tm_pad_rows', 'inductor_graph', 'batch', _R),
    ('ix_tm_pad_rows', 'inductor_graph', 'dynamic', _R),
    ('ix_tm_cast_index', 'inductor_graph', 'static', _R),
    ('ix_tm_cast_index', 'inductor_graph', 'batch', _R),
    ('ix_tm_cast_index', 'inductor_graph', 'dynamic', _R),
    ('ix_hl_cast_index', 'inductor_graph', 'static', _EQ),
    ('ix_hl_cast_index', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_cast_index', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_cast_index_perm', 'inductor_graph', 'static', _EQ),
    ('ix_hm_cast_index_perm', 'inductor_graph', 'batch', _EQ),
    ('ix_hm_cast_index_perm', 'inductor_graph', 'dynamic', _EQ),
    ('ix_tm_old_used_late', 'inductor_graph', 'static', _R),
    ('ix_tm_old_used_late', 'inductor_graph', 'batch', _R),
    ('ix_tm_old_used_late', 'inductor_graph', 'dynamic', _R),
    ('ix_hl_base', 'inductor_graph', 'static', _EQ),
    ('ix_hl_base', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_base', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hl_perm_rows', 'inductor_graph', 'static', _EQ),
    ('ix_hl_perm_rows', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_perm_rows', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hl_pad_rows', 'inductor_graph', 'static', _EQ),
    ('ix_hl_pad_rows', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_pad_rows', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hl_old_used_late', 'inductor_graph', 'static', _EQ),
    ('ix_hl_old_used_late', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_old_used_late', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hl_stale_second', 'inductor_graph', 'static', _EQ),
    ('ix_hl_stale_second', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_stale_second', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hl_two_writes_flipped', 'inductor_graph', 'static', _EQ),
    ('ix_hl_two_writes_flipped', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_two_writes_flipped', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hl_mem_scaled_after', 'inductor_graph', 'static', _EQ),
    ('ix_hl_mem_scaled_after', 'inductor_graph', 'batch', _EQ),
    ('ix_hl_mem_scaled_after', 'inductor_graph', 'dynamic', _EQ),
    ('fi_nhd_int32', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_int32', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_int32', 'inductor_graph', 'dynamic', _R),
    ('fi_nhd_int64_sum', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_int64_sum', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_int64_sum', 'inductor_graph', 'dynamic', _R),
    ('fi_nhd_unbind', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_unbind', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_unbind', 'inductor_graph', 'dynamic', _R),
    ('fi_nhd_attn_reads', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_attn_reads', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_attn_reads', 'inductor_graph', 'dynamic', _R),
    ('fi_nhd_int64_meta', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_int64_meta', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_int64_meta', 'inductor_graph', 'dynamic', _R),
    ('fi_nhd_lit_p', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_lit_p', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_lit_p', 'inductor_graph', 'dynamic', _EQ),
    ('fi_nhd_lit_long', 'inductor_graph', 'static', _R),
    ('fi_nhd_lit_long', 'inductor_graph', 'batch', _R),
    ('fi_nhd_lit_long', 'inductor_graph', 'dynamic', _R),
    ('fi_nhd_lit_p_3calls', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_lit_p_3calls', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_lit_p_3calls', 'inductor_graph', 'dynamic', _EQ),
    ('fi_nhd_append', 'inductor_graph', 'static', _EQ),
    ('fi_nhd_append', 'inductor_graph', 'batch', _EQ),
    ('fi_nhd_append', 'inductor_graph', 'dynamic', _R),
    ('pb_slot_branch', 'inductor_graph', 'static', _R),
    ('pb_slot_branch', 'inductor_graph', 'batch', _R),
    ('pb_slot_big_branch', 'inductor_graph', 'static', _R),
    ('pb_slot_big_branch', 'inductor_graph', 'batch', _R),
    ('pb_page_big_branch', 'inductor_graph', 'static', _R),
    ('pb_page_big_branch', 'inductor_graph', 'batch', _R),
    ('pb_lens_and_slot', 'inductor_graph', 'static', _R),
    ('pb_lens_and_slot', 'inductor_graph', 'batch', _R),
    ('pb_kept_isnan_new', 'inductor_graph', 'static', _R),
    ('pb_kept_isnan_new', 'inductor_graph', 'batch', _R),
    ('al_kv_one_cache', 'inductor_graph', 'static', _EQ),
    ('al_kv_one_cache', 'inductor_graph', 'batch', _CCT),
    ('al_kv_one_cache', 'inductor_graph', 'dynamic', _EQ),
    ('al_kv_one_cache_stale', 'inductor_graph', 'static', _EQ),
    ('al_kv_one_cache_stale', 'inductor_graph', 'batch', _CCT),
    ('al_kv_one_cache_stale', 'inductor_graph', 'dynamic', _EQ),
    ('al_view_rows_after', 'inductor_graph', 'static', _EQ),
    ('al_view_rows_after', 'inductor_graph', 'batch', _EQ),
    ('al_view_rows_after', 'inductor_graph', 'dynamic', _EQ),
    ('al_snapshot_then_second', 'inductor_graph', 'static', _EQ),
    ('al_snapshot_then_second', 'inductor_graph', 'batch', _CCT),
    ('al_snapshot_then_second', 'inductor_graph', 'dynamic', _EQ),
    ('al_kept_from_snapshot_second', 'inductor_graph', 'static', _EQ),
    ('al_kept_from_snapshot_second', 'inductor_graph', 'batch', _CCT),
    ('al_kept_from_snapshot_second', 'inductor_graph', 'dynamic', _EQ),
    ('wm_three_layouts', 'inductor_graph', 'static', _EQ),
    ('wm_three_layouts', 'inductor_graph', 'batch', _EQ),
    ('wm_three_layouts', 'inductor_graph', 'dynamic', _EQ),
    ('wm_three_layouts_mean', 'inductor_graph', 'static', _EQ),
    ('wm_three_layouts_mean', 'inductor_graph', 'batch', _EQ),
    ('wm_three_layouts_mean', 'inductor_graph', 'dynamic', _EQ),
    ('al_kv_one_cache_mod', 'inductor_graph', 'static', _EQ),
    ('al_kv_one_cache_mod', 'inductor_graph', 'batch', _EQ),
    ('al_kv_one_cache_mod', 'inductor_graph', 'dynamic', _EQ),
    ('al_kv_one_cache_stale_mod', 'inductor_graph', 'static', _EQ),
    ('al_kv_one_cache_stale_mod', 'inductor_graph', 'batch', _EQ),
    ('al_kv_one_cache_stale_mod', 'inductor_graph', 'dynamic', _EQ),
    ('al_snapshot_then_second_mod', 'inductor_graph', 'static', _EQ),
    ('al_snapshot_then_second_mod', 'inductor_graph', 'batch', _EQ),
    ('al_snapshot_then_second_mod', 'inductor_graph', 'dynamic', _EQ),
    ('al_kept_from_snapshot_second_mod', 'inductor_graph', 'static', _EQ),
    ('al_kept_from_snapshot_second_mod', 'inductor_graph', 'batch', _EQ),
    ('al_kept_from_snapshot_second_mod', 'inductor_graph', 'dynamic', _EQ),
    ('mn_neg_sum_times_inv', 'inductor_graph', 'static', _R),
    ('mn_neg_sum_times_inv', 'inductor_graph', 'batch', _R),
    ('mn_neg_sum_times_inv', 'inductor_graph', 'dynamic', _R),
    ('mn_neg_sum_div', 'inductor_graph', 'static', _R),
    ('mn_neg_sum_div', 'inductor_graph', 'batch', _R),
    ('mn_neg_sum_div', 'inductor_graph', 'dynamic', _R),
    ('mn_neg_einsum_div', 'inductor_graph', 'static', _R),
    ('mn_neg_einsum_div', 'inductor_graph', 'batch', _R),
    ('mn_neg_einsum_div', 'inductor_graph', 'dynamic', _R),
    ('mn_neg_matmul_div', 'inductor_graph', 'static', _R),
    ('mn_neg_matmul_div', 'inductor_graph', 'batch', _R),
    ('mn_neg_sum_div_b1_n1_d1', 'inductor_graph', 'static', _FF),
    ('mn_neg_sum_div_b1_d16', 'inductor_graph', 'static', _FF),
    ('mn_neg_sum_div_b1_n2', 'inductor_graph', 'static', _R),  # (added 07:09, run 07:09)
    ('mn_neg_sum_times_inv_b1', 'inductor_graph', 'static', _R),
    ('mn_two_scalings_element', 'inductor_graph', 'static', _R),
    ('mn_two_scalings_element', 'inductor_graph', 'batch', _R),
    ('mn_two_scalings_dim', 'inductor_graph', 'static', _R),
    ('mn_two_scalings_dim', 'inductor_graph', 'batch', _R),
    ('mn_neg_one_element', 'inductor_graph', 'static', _FF),
    ('mn_neg_one_element', 'inductor_graph', 'batch', _FF),
    ('mn_neg_one_dim', 'inductor_graph', 'static', _FF),
    ('mn_neg_one_dim', 'inductor_graph', 'batch', _FF),
    ('mn_neg_one_element_b8', 'inductor_graph', 'static', _FF),
    ('mn_neg_one_element_b8', 'inductor_graph', 'batch', _FF),
    ('mn_neg_one_element_mul', 'inductor_graph', 'static', _FF),
    ('mn_neg_one_element_mul', 'inductor_graph', 'batch', _FF),
    ('mn_neg_one_element_mul', 'inductor_graph', 'dynamic', _R),
    ('mn_neg_one_element_einsum', 'inductor_graph', 'static', _FF),
    ('mn_neg_one_element_einsum', 'inductor_graph', 'batch', _FF),
    ('mn_neg_one_element_einsum', 'inductor_graph', 'dynamic', _R),
    ('mn_neg_one_element_neg_fn', 'inductor_graph', 'static', _FF),
    ('mn_neg_one_element_neg_fn', 'inductor_graph', 'batch', _FF),
    ('mn_neg_one_element_neg_fn', 'inductor_graph', 'dynamic', _R),
    ('mn_neg_one_element_dyn', 'inductor_graph', 'dynamic', _R),
    ('mn_scaled_first_n1_fp16', 'inductor_graph', 'static', _EQ),
    ('mn_scaled_first_n1_fp16', 'inductor_graph', 'batch', _EQ),
    ('mn_scaled_first_n1_fp16', 'inductor_graph', 'dynamic', _EQ),
    ('mn_scaled_first_n1_bf16', 'inductor_graph', 'static', _EQ),
    ('mn_scaled_first_n1_bf16', 'inductor_graph', 'batch', _EQ),
    ('mn_scaled_first_n1_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('mn_scaled_first_n1_fp32', 'inductor_graph', 'static', _EQ),
    ('mn_scaled_first_n1_fp32', 'inductor_graph', 'batch', _EQ),
    ('mn_scaled_first_n1_fp32', 'inductor_graph', 'dynamic', _EQ),
    ('mn_control_n1_b40', 'inductor_graph', 'static', _EQ),
    ('mn_control_n1_b40', 'inductor_graph', 'batch', _EQ),
    ('mn_control_n1_b40', 'inductor_graph', 'dynamic', _EQ),
    ('mn_control_b1_d16', 'inductor_graph', 'static', _EQ),
    ('mn_contract_b1_d16', 'inductor_graph', 'static', _EQ),
    ('mn_control', 'inductor_graph', 'static', _EQ),
    ('mn_control', 'inductor_graph', 'batch', _EQ),
    ('mn_control', 'inductor_graph', 'dynamic', _EQ),
    ('ix_hm_base', 'torchair_like', 'static', _EQ),
    ('ix_hm_base', 'torchair_like', 'batch', _EQ),
    ('ix_hm_base', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_perm_rows', 'torchair_like', 'static', _EQ),
    ('ix_hm_perm_rows', 'torchair_like', 'batch', _EQ),
    ('ix_hm_perm_rows', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_pad_rows', 'torchair_like', 'static', _EQ),
    ('ix_hm_pad_rows', 'torchair_like', 'batch', _EQ),
    ('ix_hm_pad_rows', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_old_returned', 'torchair_like', 'static', _EQ),
    ('ix_hm_old_returned', 'torchair_like', 'batch', _EQ),
    ('ix_hm_old_returned', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_old_used_late', 'torchair_like', 'static', _EQ),
    ('ix_hm_old_used_late', 'torchair_like', 'batch', _EQ),
    ('ix_hm_old_used_late', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_stale_second', 'torchair_like', 'static', _EQ),
    ('ix_hm_stale_second', 'torchair_like', 'batch', _EQ),
    ('ix_hm_stale_second', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_two_entries', 'torchair_like', 'static', _EQ),
    ('ix_hm_two_entries', 'torchair_like', 'batch', _EQ),
    ('ix_hm_two_entries', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_cast_index', 'torchair_like', 'static', _CR),
    ('ix_hm_cast_index', 'torchair_like', 'batch', _CR),
    ('ix_hm_cast_index', 'torchair_like', 'dynamic', _CR),
    ('ix_hm_kept_other_cast', 'torchair_like', 'static', _R),
    ('ix_hm_kept_other_cast', 'torchair_like', 'batch', _R),
    ('ix_hm_kept_other_cast', 'torchair_like', 'dynamic', _R),
    ('ix_hm_functional', 'torchair_like', 'static', _EQ),
    ('ix_hm_functional', 'torchair_like', 'batch', _EQ),
    ('ix_hm_functional', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_kept_from_input_of_clone', 'torchair_like', 'static', _EQ),
    ('ix_hm_kept_from_input_of_clone', 'torchair_like', 'batch', _EQ),
    ('ix_hm_kept_from_input_of_clone', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_mem_scaled_after', 'torchair_like', 'static', _EQ),
    ('ix_hm_mem_scaled_after', 'torchair_like', 'batch', _EQ),
    ('ix_hm_mem_scaled_after', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_read_whole_after', 'torchair_like', 'static', _EQ),
    ('ix_hm_read_whole_after', 'torchair_like', 'batch', _EQ),
    ('ix_hm_read_whole_after', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_other_rows_after', 'torchair_like', 'static', _EQ),
    ('ix_hm_other_rows_after', 'torchair_like', 'batch', _EQ),
    ('ix_hm_other_rows_after', 'torchair_like', 'dynamic', _EQ),
    ('ix_hm_two_writes_flipped', 'torchair_like', 'static', _EQ),
    ('ix_hm_two_writes_flipped', 'torchair_like', 'batch', _EQ),
    ('ix_hm_two_writes_flipped', 'torchair_like', 'dynamic', _EQ),
    ('ix_tm_base', 'torchair_like', 'static', _R),
    ('ix_tm_base', 'torchair_like', 'batch', _R),
    ('ix_tm_base', 'torchair_like', 'dynamic', _R),
    ('ix_tm_perm_rows', 'torchair_like', 'static', _R),
    ('ix_tm_perm_rows', 'torchair_like', 'batch', _R),
    ('ix_tm_perm_rows', 'torchair_like', 'dynamic', _R),
    ('ix_tm_pad_rows', 'torchair_like', 'static', _R),
    ('ix_tm_pad_rows', 'torchair_like', 'batch', _R),
    ('ix_tm_pad_rows', 'torchair_like', 'dynamic', _R),
    ('ix_tm_cast_index', 'torchair_like', 'static', _CR),
    ('ix_tm_cast_index', 'torchair_like', 'batch', _CR),
    ('ix_tm_cast_index', 'torchair_like', 'dynamic', _CR),
    ('ix_hl_cast_index', 'torchair_like', 'static', _CR),
    ('ix_hl_cast_index', 'torchair_like', 'batch', _CR),
    ('ix_hl_cast_index', 'torchair_like', 'dynamic', _CR),
    ('ix_hm_cast_index_perm', 'torchair_like', 'static', _CR),
    ('ix_hm_cast_index_perm', 'torchair_like', 'batch', _CR),
    ('ix_hm_cast_index_perm', 'torchair_like', 'dynamic', _CR),
    ('ix_tm_old_used_late', 'torchair_like', 'static', _R),
    ('ix_tm_old_used_late', 'torchair_like', 'batch', _R),
    ('ix_tm_old_used_late', 'torchair_like', 'dynamic', _R),
    ('ix_hl_base', 'torchair_like', 'static', _EQ),
    ('ix_hl_base', 'torchair_like', 'batch', _EQ),
    ('ix_hl_base', 'torchair_like', 'dynamic', _EQ),
    ('ix_hl_perm_rows', 'torchair_like', 'static', _EQ),
    ('ix_hl_perm_rows', 'torchair_like', 'batch', _EQ),
    ('ix_hl_perm_rows', 'torchair_like', 'dynamic', _EQ),
    ('ix_hl_pad_rows', 'torchair_like', 'static', _EQ),
    ('ix_hl_pad_rows', 'torchair_like', 'batch', _EQ),
    ('ix_hl_pad_rows', 'torchair_like', 'dynamic', _EQ),
    ('ix_hl_old_used_late', 'torchair_like', 'static', _EQ),
    ('ix_hl_old_used_late', 'torchair_like', 'batch', _EQ),
    ('ix_hl_old_used_late', 'torchair_like', 'dynamic', _EQ),
    ('ix_hl_stale_second', 'torchair_like', 'static', _EQ),
    ('ix_hl_stale_second', 'torchair_like', 'batch', _EQ),
    ('ix_hl_stale_second', 'torchair_like', 'dynamic', _EQ),
    ('ix_hl_two_writes_flipped', 'torchair_like', 'static', _EQ),
    ('ix_hl_two_writes_flipped', 'torchair_like', 'batch', _EQ),
    ('ix_hl_two_writes_flipped', 'torchair_like', 'dynamic', _EQ),
    ('ix_hl_mem_scaled_after', 'torchair_like', 'static', _EQ),
    ('ix_hl_mem_scaled_after', 'torchair_like', 'batch', _EQ),
    ('ix_hl_mem_scaled_after', 'torchair_like', 'dynamic', _EQ),
    ('fi_nhd_int32', 'torchair_like', 'static', _EQ),
    ('fi_nhd_int32', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_int32', 'torchair_like', 'dynamic', _R),
    ('fi_nhd_int64_sum', 'torchair_like', 'static', _EQ),
    ('fi_nhd_int64_sum', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_int64_sum', 'torchair_like', 'dynamic', _R),
    ('fi_nhd_unbind', 'torchair_like', 'static', _EQ),
    ('fi_nhd_unbind', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_unbind', 'torchair_like', 'dynamic', _R),
    ('fi_nhd_attn_reads', 'torchair_like', 'static', _EQ),
    ('fi_nhd_attn_reads', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_attn_reads', 'torchair_like', 'dynamic', _R),
    ('fi_nhd_int64_meta', 'torchair_like', 'static', _EQ),
    ('fi_nhd_int64_meta', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_int64_meta', 'torchair_like', 'dynamic', _R),
    ('fi_nhd_lit_p', 'torchair_like', 'static', _EQ),
    ('fi_nhd_lit_p', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_lit_p', 'torchair_like', 'dynamic', _EQ),
    ('fi_nhd_lit_long', 'torchair_like', 'static', _R),
    ('fi_nhd_lit_long', 'torchair_like', 'batch', _R),
    ('fi_nhd_lit_long', 'torchair_like', 'dynamic', _R),
    ('fi_nhd_lit_p_3calls', 'torchair_like', 'static', _EQ),
    ('fi_nhd_lit_p_3calls', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_lit_p_3calls', 'torchair_like', 'dynamic', _EQ),
    ('fi_nhd_append', 'torchair_like', 'static', _EQ),
    ('fi_nhd_append', 'torchair_like', 'batch', _EQ),
    ('fi_nhd_append', 'torchair_like', 'dynamic', _R),
    ('pb_slot_branch', 'torchair_like', 'static', _R),
    ('pb_slot_branch', 'torchair_like', 'batch', _R),
    ('pb_slot_big_branch', 'torchair_like', 'static', _R),
    ('pb_slot_big_branch', 'torchair_like', 'batch', _R),
    ('pb_page_big_branch', 'torchair_like', 'static', _R),
    ('pb_page_big_branch', 'torchair_like', 'batch', _R),
    ('pb_lens_and_slot', 'torchair_like', 'static', _R),
    ('pb_lens_and_slot', 'torchair_like', 'batch', _R),
    ('pb_kept_isnan_new', 'torchair_like', 'static', _R),
    ('pb_kept_isnan_new', 'torchair_like', 'batch', _R),
    ('al_kv_one_cache', 'torchair_like', 'static', _EQ),
    ('al_kv_one_cache', 'torchair_like', 'batch', _CCT),
    ('al_kv_one_cache', 'torchair_like', 'dynamic', _EQ),
    ('al_kv_one_cache_stale', 'torchair_like', 'static', _EQ),
    ('al_kv_one_cache_stale', 'torchair_like', 'batch', _CCT),
    ('al_kv_one_cache_stale', 'torchair_like', 'dynamic', _EQ),
    ('al_view_rows_after', 'torchair_like', 'static', _EQ),
    ('al_view_rows_after', 'torchair_like', 'batch', _EQ),
    ('al_view_rows_after', 'torchair_like', 'dynamic', _EQ),
    ('al_snapshot_then_second', 'torchair_like', 'static', _EQ),
    ('al_snapshot_then_second', 'torchair_like', 'batch', _CCT),
    ('al_snapshot_then_second', 'torchair_like', 'dynamic', _EQ),
    ('al_kept_from_snapshot_second', 'torchair_like', 'static', _EQ),
    ('al_kept_from_snapshot_second', 'torchair_like', 'batch', _CCT),
    ('al_kept_from_snapshot_second', 'torchair_like', 'dynamic', _EQ),
    ('wm_three_layouts', 'torchair_like', 'static', _EQ),
    ('wm_three_layouts', 'torchair_like', 'batch', _EQ),
    ('wm_three_layouts', 'torchair_like', 'dynamic', _EQ),
    ('wm_three_layouts_mean', 'torchair_like', 'static', _EQ),
    ('wm_three_layouts_mean', 'torchair_like', 'batch', _EQ),
    ('wm_three_layouts_mean', 'torchair_like', 'dynamic', _EQ),
    ('al_kv_one_cache_mod', 'torchair_like', 'static', _EQ),
    ('al_kv_one_cache_mod', 'torchair_like', 'batch', _EQ),
    ('al_kv_one_cache_mod', 'torchair_like', 'dynamic', _EQ),
    ('al_kv_one_cache_stale_mod', 'torchair_like', 'static', _EQ),
    ('al_kv_one_cache_stale_mod', 'torchair_like', 'batch', _EQ),
    ('al_kv_one_cache_stale_mod', 'torchair_like', 'dynamic', _EQ),
    ('al_snapshot_then_second_mod', 'torchair_like', 'static', _EQ),
    ('al_snapshot_then_second_mod', 'torchair_like', 'batch', _EQ),
    ('al_snapshot_then_second_mod', 'torchair_like', 'dynamic', _EQ),
    ('al_kept_from_snapshot_second_mod', 'torchair_like', 'static', _EQ),
    ('al_kept_from_snapshot_second_mod', 'torchair_like', 'batch', _EQ),
    ('al_kept_from_snapshot_second_mod', 'torchair_like', 'dynamic', _EQ),
    ('mn_neg_sum_times_inv', 'torchair_like', 'static', _R),
    ('mn_neg_sum_times_inv', 'torchair_like', 'batch', _R),
    ('mn_neg_sum_times_inv', 'torchair_like', 'dynamic', _R),
    ('mn_neg_sum_div', 'torchair_like', 'static', _R),
    ('mn_neg_sum_div', 'torchair_like', 'batch', _R),
    ('mn_neg_sum_div', 'torchair_like', 'dynamic', _R),
    ('mn_neg_einsum_div', 'torchair_like', 'static', _R),
    ('mn_neg_einsum_div', 'torchair_like', 'batch', _R),
    ('mn_neg_einsum_div', 'torchair_like', 'dynamic', _R),
    ('mn_neg_matmul_div', 'torchair_like', 'static', _R),
    ('mn_neg_matmul_div', 'torchair_like', 'batch', _R),
    ('mn_neg_sum_div_b1_n1_d1', 'torchair_like', 'static', _FF),
    ('mn_neg_sum_div_b1_d16', 'torchair_like', 'static', _FF),
    ('mn_neg_sum_div_b1_n2', 'torchair_like', 'static', _R),
    ('mn_neg_sum_times_inv_b1', 'torchair_like', 'static', _R),
    ('mn_two_scalings_element', 'torchair_like', 'static', _R),
    ('mn_two_scalings_element', 'torchair_like', 'batch', _R),
    ('mn_two_scalings_dim', 'torchair_like', 'static', _R),
    ('mn_two_scalings_dim', 'torchair_like', 'batch', _R),
    ('mn_neg_one_element', 'torchair_like', 'static', _FF),
    ('mn_neg_one_element', 'torchair_like', 'batch', _FF),
    ('mn_neg_one_dim', 'torchair_like', 'static', _FF),
    ('mn_neg_one_dim', 'torchair_like', 'batch', _FF),
    ('mn_neg_one_element_b8', 'torchair_like', 'static', _FF),
    ('mn_neg_one_element_b8', 'torchair_like', 'batch', _FF),
    ('mn_neg_one_element_mul', 'torchair_like', 'static', _FF),
    ('mn_neg_one_element_mul', 'torchair_like', 'batch', _FF),
    ('mn_neg_one_element_mul', 'torchair_like', 'dynamic', _R),
    ('mn_neg_one_element_einsum', 'torchair_like', 'static', _FF),
    ('mn_neg_one_element_einsum', 'torchair_like', 'batch', _FF),
    ('mn_neg_one_element_einsum', 'torchair_like', 'dynamic', _R),
    ('mn_neg_one_element_neg_fn', 'torchair_like', 'static', _FF),
    ('mn_neg_one_element_neg_fn', 'torchair_like', 'batch', _FF),
    ('mn_neg_one_element_neg_fn', 'torchair_like', 'dynamic', _R),
    ('mn_neg_one_element_dyn', 'torchair_like', 'dynamic', _R),
    ('mn_scaled_first_n1_fp16', 'torchair_like', 'static', _EQ),
    ('mn_scaled_first_n1_fp16', 'torchair_like', 'batch', _EQ),
    ('mn_scaled_first_n1_fp16', 'torchair_like', 'dynamic', _EQ),
    ('mn_scaled_first_n1_bf16', 'torchair_like', 'static', _EQ),
    ('mn_scaled_first_n1_bf16', 'torchair_like', 'batch', _EQ),
    ('mn_scaled_first_n1_bf16', 'torchair_like', 'dynamic', _EQ),
    ('mn_scaled_first_n1_fp32', 'torchair_like', 'static', _EQ),
    ('mn_scaled_first_n1_fp32', 'torchair_like', 'batch', _EQ),
    ('mn_scaled_first_n1_fp32', 'torchair_like', 'dynamic', _EQ),
    ('mn_control_n1_b40', 'torchair_like', 'static', _EQ),
    ('mn_control_n1_b40', 'torchair_like', 'batch', _EQ),
    ('mn_control_n1_b40', 'torchair_like', 'dynamic', _EQ),
    ('mn_control_b1_d16', 'torchair_like', 'static', _EQ),
    ('mn_contract_b1_d16', 'torchair_like', 'static', _EQ),
    ('mn_control', 'torchair_like', 'static', _EQ),
    ('mn_control', 'torchair_like', 'batch', _EQ),
    ('mn_control', 'torchair_like', 'dynamic', _EQ),
    ('mn_neg_sum_times_inv', 'inductor', 'static', _R),
    ('mn_neg_sum_times_inv', 'inductor', 'batch', _R),
    ('mn_neg_sum_times_inv', 'inductor', 'dynamic', _R),
    ('mn_neg_sum_div', 'inductor', 'static', _R),
    ('mn_neg_sum_div', 'inductor', 'batch', _R),
    ('mn_neg_sum_div', 'inductor', 'dynamic', _R),
    ('mn_neg_einsum_div', 'inductor', 'static', _R),
    ('mn_neg_einsum_div', 'inductor', 'batch', _R),
    ('mn_neg_einsum_div', 'inductor', 'dynamic', _R),
    ('mn_neg_matmul_div', 'inductor', 'static', _R),
    ('mn_neg_matmul_div', 'inductor', 'batch', _R),
    ('mn_neg_sum_div_b1_n1_d1', 'inductor', 'static', _CR),
    ('mn_neg_sum_div_b1_d16', 'inductor', 'static', _CR),
    ('mn_neg_sum_div_b1_n2', 'inductor', 'static', _R),
    ('mn_neg_sum_times_inv_b1', 'inductor', 'static', _R),
    ('mn_two_scalings_element', 'inductor', 'static', _R),
    ('mn_two_scalings_element', 'inductor', 'batch', _R),
    ('mn_two_scalings_dim', 'inductor', 'static', _R),
    ('mn_two_scalings_dim', 'inductor', 'batch', _R),
    ('mn_neg_one_element', 'inductor', 'static', _FF),
    ('mn_neg_one_element', 'inductor', 'batch', _FF),
    ('mn_neg_one_dim', 'inductor', 'static', _FF),
    ('mn_neg_one_dim', 'inductor', 'batch', _FF),
    ('mn_neg_one_element_b8', 'inductor', 'static', _FF),
    ('mn_neg_one_element_b8', 'inductor', 'batch', _FF),
    ('mn_neg_one_element_mul', 'inductor', 'static', _FF),
    ('mn_neg_one_element_mul', 'inductor', 'batch', _FF),
    ('mn_neg_one_element_mul', 'inductor', 'dynamic', _R),
    ('mn_neg_one_element_einsum', 'inductor', 'static', _FF),
    ('mn_neg_one_element_einsum', 'inductor', 'batch', _FF),
    ('mn_neg_one_element_einsum', 'inductor', 'dynamic', _R),
    ('mn_neg_one_element_neg_fn', 'inductor', 'static', _FF),
    ('mn_neg_one_element_neg_fn', 'inductor', 'batch', _FF),
    ('mn_neg_one_element_neg_fn', 'inductor', 'dynamic', _R),
    ('mn_neg_one_element_dyn', 'inductor', 'dynamic', _R),
    ('mn_scaled_first_n1_fp16', 'inductor', 'static', _CR),
    ('mn_scaled_first_n1_fp16', 'inductor', 'batch', _CR),
    ('mn_scaled_first_n1_fp16', 'inductor', 'dynamic', _CR),
    ('mn_scaled_first_n1_bf16', 'inductor', 'static', _CR),
    ('mn_scaled_first_n1_bf16', 'inductor', 'batch', _CR),
    ('mn_scaled_first_n1_bf16', 'inductor', 'dynamic', _CR),
    ('mn_scaled_first_n1_fp32', 'inductor', 'static', _CR),
    ('mn_scaled_first_n1_fp32', 'inductor', 'batch', _CR),
    ('mn_scaled_first_n1_fp32', 'inductor', 'dynamic', _CR),
    ('mn_control_n1_b40', 'inductor', 'static', _CR),
    ('mn_control_n1_b40', 'inductor', 'batch', _CR),
    ('mn_control_n1_b40', 'inductor', 'dynamic', _CR),
    ('mn_control_b1_d16', 'inductor', 'static', _CR),
    ('mn_contract_b1_d16', 'inductor', 'static', _EQ),
    ('mn_control', 'inductor', 'static', _EQ),
    ('mn_control', 'inductor', 'batch', _EQ),
    ('mn_control', 'inductor', 'dynamic', _EQ),

]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
