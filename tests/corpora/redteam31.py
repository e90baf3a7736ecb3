"""Thirty-first adversarial review of the recogniser (round 31; reviewer focus: today's fixes -- sizes.size_values with
_positional / _sizes_picked / _moved_dims, pooling._probe_specials' chunked rounds, pool_tables._ragged_read,
rewrite._indexed_through_rows / _is_headless_per_request -- and other ways a size or a row count reaches the values).

Same format as redteam25: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are redteam7's
``classify7``.

    python tests/corpora/redteam31.py [--dialect D] [--mode M] [name ...]      # names match as substrings

First try (04:12-04:34 UTC 2026-12-05, frozen snapshot of 68318d2 in /tmp/base31, PYTHONPATH=/tmp/base31, run from that
tree, TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1): 94 attacks in 5 themes (tb_ branches on the table's
page ids 9 + sl_ 1 on the slot, sv_ sizes as values 64, wm_ whole models 8, wc_ branches on the weight's values 12),
``_FIRST``:

    inductor_graph  142 runs: 32 FALSE FUSION (30 attacks) / 0 CRASH / 10 fused & equal / 96 refused / 4 CONTROL DIFFERS
    torchair_like   142 runs: 41 FALSE FUSION (39 attacks) / 0 CRASH /  8 fused & equal / 93 refused / 0 control differs
    inductor         42 runs (real Inductor codegen, nsa_fusion_backend; every graph-dialect false fusion, the wm_ and
                     the sv_ spellings that were false fusions in torchair_like only): 32 FALSE FUSION (all 32
                     inductor_graph ones) / 4 CONTROL DIFFERS (wm_layers*) / 2 equal / 4 refused
    torchair          6 runs (real torchair on CPU, run_eagerly; sv_pages/batch_square_sum, sv_batch_searchsorted,
                     sv_*_softmax1d): 6 CONTROL DIFFERS: the pass's outputs differ from eager exactly as in the
                     graph dialects, but plain torchair's control fails to compile these dynamic graphs
                     (BackendCompilerFailed), so the yardstick cannot call them.

ONE FINDING (/work/briefs/redteam31_findings.md; standalone repro /work/briefs/redteam31_repro.py):

* F1 (theme sv_, wm_heads*, wm_layers* in torchair_like; FALSE FUSION on valid input, control == eager; static mode
  is not affected, mark_dynamic on the batch and dynamic=True are): a SIZE reaches the values through an op that
  keeps the size's symbol in its output shape, so size_values neither guards nor refuses it.
  ``count = torch.ones(X, X).sum(1)[0]`` (== X), and the same through ``@`` / ``mm``, ``einsum('ij->i')``,
  ``outer``, ``expand + sum``, ``amax``, ``logsumexp``, ``norm``, ``searchsorted(arange(X), full((X,), big))``,
  ``bucketize``, the triangle count ``(a[None] >= a[:, None]).sum(1)``, ``index_put(zeros(1), [zeros(X)], ones(X),
  accumulate=True)``; in torchair_like graphs (not decomposed) also a 1-D ``softmax`` / ``log_softmax`` of
  ``ones(X)`` and ``var`` / ``mean`` of ``[X, X]`` over one dim.  The step then takes another spelling of the window
  where ``count >= T`` (33 tokens under ``cat([0], w)``: 0 * NaN of the unread position before the window; or a
  reversed add chain on the cancelling window).  X = the batch (mark_dynamic, compiled at B = 8 and called at B = 40;
  the graph recompiled at B = 40 because the KV grew is itself proven at probe sizes and differs on that very
  call), the table width (dynamic=True, 4 -> 8 pages), the head dim (16 -> 32), the KV block count (35 -> 80) and the
  cache rows (21 -> 50).  Eager and plain Inductor take the other spelling (NaN), the fused op computes the
  contract (finite).  Also in 2- and 3-layer models (head slices of one KV / cache, the count shared, the branch in
  one layer: wm_heads*, confirmed in Inductor codegen; clone-per-layer models wm_layers*: FALSE FUSION in
  torchair_like, CONTROL DIFFERS in Inductor (plain Inductor drops the clones: the known reinplacing problem)).
  Rules: ``sizes.SizesProof._sizes_reduced`` (a set difference of the symbols of input and output shapes: an
  [X, X] -> [X] reduction or a [X]-into-[X] searchsorted keeps X; shape-keeping combinations like a 1-D softmax are
  not looked at; writes are skipped, so index_put(accumulate=True)'s values are not seen), ``_sizes_picked`` (for
  writes only the destination counts as data), and ``evaluate.BatchPlan._plan`` (a factory over the symbolic batch
  with no root among its inputs is "batch-free", so ``ones(B, B).sum(1)[0]`` passes the per-row plan).
  Repro: ``cd /tmp/base31 && PYTHONPATH=/tmp/base31 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1
  /work/main/.venv/bin/python /work/briefs/redteam31_repro.py [batch|pages|D] [square_sum|searchsorted|index_put|norm]``
  (batch square_sum / searchsorted, pages square_sum, D square_sum run: call 1 pass==eager False, control==eager True;
  ``batch square_sum big``, B = 64 -> 96, N = 8, D = 64 under the default cost rule: the same; ``pages square_sum big``
  is refused (rejected:gather), so the width case is shown at the small shapes only).

What was tried that did not break (refused or fused & equal, every dialect):
* tb_ (9 attacks, static / batch / dynamic): a per-row branch on the PAGE IDS (``table[b, 0] >= 20``, any window page >= 20, the page of
  position s - 1, the sum of the row's page ids, ``table[b, 0] >= 100`` at B = 40), which the pooling probes (ids <
  want_blocks = min(2 * pages + 2, 64)) never reach: all refused by exactness.check_int_paths ("page ids pass through
  aten.ge / any / sum, which the probes' small ids cannot tell from the identity").  sl_slot_hi_leak (a branch of the
  new rows on the slot): refused (roles: the new rows read the slot mapping).
* sv_ refused / equal: the KV block count and cache rows with a threshold already crossed at the compile size
  (refused by the specials probe: the probes evaluate the graph's own value there); index_put-accumulate spellings on
  the block count / cache rows (refused by the write finder: "the write accumulates into the cache"); argmax of a
  cumsum, max(dim), topk (caught: scans are positional, argmax / max / topk reduce-or-move); 1-D softmax /
  log_softmax / normalize in Inductor graphs (decomposed into amax / sum: guarded, fused & equal); arange-based
  spellings under dynamic=True (check_symbolic_iotas: refused) -- but NOT under mark_dynamic on the batch; as_strided
  with stride 0 (refused); ``new_tensor(X)`` (scalar_tensor of a SymInt: guarded / refused for the batch);
  repeat_interleave + sum over the dim (caught); the page size P as a value (the call at P = 32 recompiles: equal).
* wc_ (12 attacks, static / batch): a branch of the new rows on the WEIGHT's values at magnitudes the probes never
  draw (``|w|.amax() >= 4``, per head, ``(w >= 4).any()``, ``w.max() >= 4``, ``|w|.sum() > 80``; leak and reversed-chain
  spellings): all refused ("the weight is computed by aten.abs / ge / max before the pooling": only data movement and
  exact casts may touch the weight).
* wm_ (clone-per-layer) in the Inductor dialects: CONTROL DIFFERS (the known clone-of-mutated-input issue).
* Read, not attacked as such (no case found where they are not identities / sound): pool_tables._ragged_read and
  _short_page_list (int32 starts + j wraps only outside [-L, L) with L < 2**30: eager raises there),
  rewrite._indexed_through_rows / _is_headless_per_request (accumulate=False required, [B] indices, the user's own
  index written back, G read before the first reader).

History (not results): wm_layers* first ran as head-slice writes ``cache[s, h:h+1] = where(..)`` (refused: keep
cannot tell the kept rows) and then with ``w.roll(h, 0)`` per layer (REFUSED (control differs): the weight is
computed); the recorded version is clones of the cache with one weight; the head-slice idea is recorded as wm_heads*
written through ``write(cache[:, h:h+1], ...)``.  tb_first_page_hi_leak / _b40 static ran once before the full run
(same result: refused).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_CANCEL16 = [65504.0, 1e-3, -65504.0, 1e-3] + [0.0] * (L - 4)
_LENS8 = [48, 64, 80, 256, 32, 100, 0, 128]


def _products(kv, w, table, lens, l=L):
    tok = tokens(kv, table, positions(lens, l))
    return tok.float() * w.float()[None, :, :, None]


def _rev_chain(p):
    acc = p[:, -1]
    for j in range(p.shape[1] - 2, -1, -1):
        acc = acc + p[:, j]
    return acc


def _fwd_chain_zeros(p):
    acc = torch.zeros_like(p[:, 0])
    for j in range(p.shape[1]):
        acc = acc + p[:, j]
    return acc


# --- inputs ----------------------------------------------------------------------------------------------------
def _inputs(B=8, lens=None, seed=0):
    """A dyadic call first (compiled), then a cancelling window under weight 1 (order), then build's specials (NaN /
    inf before the window: leaks)."""
    def make():
        ls = (lens or _LENS8 * (B // 8 + 1))[:B]
        out = [build(B=B, seed=seed + 1, lengths=ls).args]
        out.append(build(B=B, seed=seed + 2, lengths=ls, window=lambda b, s: _CANCEL16,
                         weight=torch.ones(L, 2, dtype=torch.float16)).args)
        out.append(build(B=B, seed=seed + 3, lengths=ls).args)
        return out
    return make


# --- theme 1 (tb_): a branch on the TABLE's values (page ids the probes never draw) --------------------------------
# The pooling probes draw page ids below want_blocks = min(2 * pages + 2, 64) (pooling._run_pooling_probes); a real
# KV has more blocks.  A per-row or per-token branch on the page id taken only at high ids is never probed.
def _branch(kind, cond):
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        rare = cond(kv, table, ll, slots)
        if kind == "order":
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        elif kind == "order_sum":
            clean, other = p.sum(1), _rev_chain(p)
        elif kind == "leak":
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            clean, other = p.sum(1), (tok * w1[None, :, :, None]).sum(1)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), torch.where(rare[:, None, None], other, clean))
    return step


def _first_page_hi(t):
    return lambda kv, table, ll, slots: table.long()[:, 0] >= t


def _window_page_hi(t):
    def cond(kv, table, ll, slots):
        pos = positions(ll)
        return (table.long().gather(1, pos // kv.shape[1]) >= t).any(1)
    return cond


def _last_page_hi(t):
    def cond(kv, table, ll, slots):
        last = ((ll - 1).clamp(min=0) // kv.shape[1])[:, None]
        return table.long().gather(1, last)[:, 0] >= t
    return cond


def _page_sum_hi(t):
    return lambda kv, table, ll, slots: table.long().sum(1) >= t


def _slot_hi(t):
    return lambda kv, table, ll, slots: slots.long() >= t


ATTACKS = []
for _kind in ("order", "leak", "order_sum"):
    ATTACKS.append((f"tb_first_page_hi_{_kind}", _mk(_branch(_kind, _first_page_hi(20)), _inputs(8), MODES3),
                    f"{_kind} spelling where table[b, 0] >= 20 (KV of 35 blocks; probes draw ids < 10)"))
    ATTACKS.append((f"tb_window_page_hi_{_kind}", _mk(_branch(_kind, _window_page_hi(20)), _inputs(8), MODES3),
                    f"{_kind} spelling where a window page id >= 20"))
ATTACKS.append(("tb_last_page_hi_leak", _mk(_branch("leak", _last_page_hi(20)), _inputs(8), SB),
                "leak where the page of position s - 1 >= 20"))
ATTACKS.append(("tb_page_sum_hi_leak", _mk(_branch("leak", _page_sum_hi(60)), _inputs(8), SB),
                "leak where the sum of the row's page ids >= 60"))
ATTACKS.append(("tb_first_page_hi_leak_b40", _mk(_branch("leak", _first_page_hi(100)), _inputs(40), SB),
                "leak where table[b, 0] >= 100 (KV of 163 blocks)"))
ATTACKS.append(("sl_slot_hi_leak", _mk(_branch("leak", _slot_hi(10)), _inputs(8), SB),
                "leak where the slot >= 10 (new rows depending on the slot)"))


# --- theme 2 (sv_): a size reaching the values through ops size_values does not see ----------------------------------
# sizes.SizesProof._sizes_reduced looks for symbols that leave the shape; a reduction of a [X, X] factory over one of its
# dims keeps X in the output shape and holds X in every element.  index_put(accumulate=True) is a write
# (_sizes_reduced skips writes; _sizes_picked checks only the destination).
def _size(which, kv, w, table, lens, cache):
    return {"pages": table.shape[1], "blocks": kv.shape[0], "P": kv.shape[1], "D": kv.shape[3],
            "rows": cache.shape[0], "batch": lens.shape[0], "N": kv.shape[2]}[which]


def _count(spelling, X):
    if spelling == "square_sum":
        return torch.ones(X, X).sum(1)[0]
    if spelling == "square_mm":
        return (torch.ones(X, X) @ torch.ones(X, 1))[0, 0]
    if spelling == "expand_sum":
        return torch.ones(X)[None, :].expand(X, X).sum(1)[0]
    if spelling == "einsum":
        return torch.einsum("ij->i", torch.ones(X, X))[0]
    if spelling == "index_put_acc":
        return torch.zeros(1).index_put_((torch.zeros(X, dtype=torch.long),), torch.ones(X), accumulate=True)[0]
    if spelling == "index_put_acc_fn":
        return torch.zeros(1).index_put((torch.zeros(X, dtype=torch.long),), torch.ones(X), accumulate=True)[0]
    if spelling == "arange_square_sum":
        return (torch.arange(X)[None, :] * 0 + torch.ones(X, 1)).sum(1)[0]
    if spelling == "argmax_cumsum":
        return torch.ones(X, X).cumsum(1).argmax(1)[0] + 1
    if spelling == "searchsorted":
        return torch.searchsorted(torch.arange(X), torch.full((X,), 10 ** 6))[0]
    if spelling == "bucketize":
        return torch.bucketize(torch.full((X,), 10 ** 6), torch.arange(X))[0]
    if spelling == "triangle_count":
        a = torch.arange(X)
        return (a[None, :] >= a[:, None]).sum(1)[0]
    if spelling == "max_dim":
        return torch.ones(X, X).cumsum(1).max(1).values[0]
    if spelling == "topk":
        return torch.ones(X, X).cumsum(1).topk(1, dim=1).values[0, 0]
    if spelling == "amax":
        return torch.ones(X, X).cumsum(1).amax(1)[0]
    if spelling == "logsumexp":
        return torch.zeros(X, X).logsumexp(1).exp()[0].round()
    if spelling == "norm":
        return torch.ones(X, X).norm(dim=1)[0] ** 2
    if spelling == "softmax1d":  # 1 / X, no second dim needed: the shape is kept
        return (1.0 / torch.ones(X).softmax(0)[0]).round()
    if spelling == "log_softmax1d":
        return (-torch.ones(X).log_softmax(0)[0]).exp().round()
    if spelling == "normalize1d":
        return (1.0 / torch.nn.functional.normalize(torch.ones(X), dim=0)[0] ** 2).round()
    if spelling == "var_square":
        return torch.arange(X).float()[None, :].expand(X, X).var(1)[0]  # X (X + 1) / 12
    if spelling == "outer":
        return torch.outer(torch.ones(X), torch.ones(X)).sum(1)[0]
    if spelling == "mean_square":
        return torch.arange(X).float()[None, :].expand(X, X).mean(1)[0] * 2 + 1  # (X - 1) / 2 * 2 + 1
    if spelling == "as_strided":
        return torch.ones(X).as_strided((X, X), (0, 1)).sum(1)[0]
    if spelling == "new_tensor":
        return torch.ones(1).new_tensor(X)
    if spelling == "repeat_interleave":
        return torch.ones(X, 1).repeat_interleave(2, dim=1).sum(0)[0]
    raise AssertionError(spelling)


def _sv(which, spelling, thr, op="ge", kind="leak"):
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        cnt = _count(spelling, X)
        rare = (cnt >= thr) if op == "ge" else (cnt < thr)
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        if kind == "leak":
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            other = (tok * w1[None, :, :, None]).sum(1)
            clean = p.sum(1)
        else:
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        new = torch.where(rare, other, clean)
        return write(cache, slots, completes(lens), new)
    return step


def _sv_inputs(first, later):
    """Compile at ``first`` (build kwargs), then call at ``later`` (a list of build kwargs)."""
    def make():
        out = [build(seed=1, **first).args]
        for k, kw in enumerate(later):
            out.append(build(seed=2 + k, **kw).args)
        return out
    return make


_L4 = [48, 64, 80, 256, 32, 100, 0, 128]
_L8 = [48, 64, 80, 512, 32, 100, 0, 496]
for _sp in ("square_sum", "square_mm", "expand_sum", "einsum", "index_put_acc", "index_put_acc_fn", "arange_square_sum"):
    # the table width (pages): compiled at 4, called at 8 (dynamic=True); threshold 6
    ATTACKS.append((f"sv_pages_{_sp}", _mk(_sv("pages", _sp, 6), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8), dict(B=8, pages=4, lengths=_L4)]),
        ("dynamic",)), f"table width as a value via {_sp}; leak at width >= 6"))
    # the KV block count: probes hold fewer blocks (want_blocks) than the graph's 35
    ATTACKS.append((f"sv_blocks_{_sp}", _mk(_sv("blocks", _sp, 20), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, seed=5)] if False else
        [dict(B=8, pages=4, lengths=_L4)]), MODES3), f"KV block count as a value via {_sp}; leak at >= 20"))
for _sp in ("square_sum", "index_put_acc"):
    ATTACKS.append((f"sv_P_{_sp}", _mk(_sv("P", _sp, 48, op="lt"), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, P=32, lengths=_L4)]), ("dynamic",)),
        f"page size as a value via {_sp}; leak at P < 48"))
    ATTACKS.append((f"sv_D_{_sp}", _mk(_sv("D", _sp, 24), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, D=32, lengths=_L4)]), ("dynamic",)),
        f"head dim as a value via {_sp}; leak at D >= 24"))
    ATTACKS.append((f"sv_rows_{_sp}", _mk(_sv("rows", _sp, 15), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4)]), MODES3),
        f"cache rows (21) as a value via {_sp}; leak at >= 15"))
    ATTACKS.append((f"sv_batch_{_sp}", _mk(_sv("batch", _sp, 36), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch", "dynamic")),
        f"batch as a value via {_sp}; leak at B >= 36"))

for _sp in ("argmax_cumsum", "searchsorted", "bucketize", "triangle_count", "max_dim", "topk", "amax", "logsumexp",
            "norm"):
    ATTACKS.append((f"sv_pages_{_sp}", _mk(_sv("pages", _sp, 6), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"table width as a value via {_sp}; leak at width >= 6"))
    ATTACKS.append((f"sv_batch_{_sp}", _mk(_sv("batch", _sp, 36), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch",)),
        f"batch as a value via {_sp}; leak at B >= 36"))
# the shrunk symbols (KV blocks, cache rows) at a later call with more of them
for _sp in ("square_sum", "triangle_count"):
    ATTACKS.append((f"sv_moreblocks_{_sp}", _mk(_sv("blocks", _sp, 60), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, block_num=80)]), ("dynamic",)),
        f"KV block count as a value via {_sp}; compiled at 35 blocks, called at 80; leak at >= 60"))
    ATTACKS.append((f"sv_morerows_{_sp}", _mk(_sv("rows", _sp, 40), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=4, lengths=_L4, num_slots=50)]), ("dynamic",)),
        f"cache rows as a value via {_sp}; compiled at 21 rows, called at 50; leak at >= 40"))
    ATTACKS.append((f"sv_batch_order_{_sp}", _mk(_sv("batch", _sp, 36, kind="order"), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5, window=lambda b, s: _CANCEL16,
                                                weight=torch.ones(L, 2, dtype=torch.float16))]), ("batch",)),
        f"batch as a value via {_sp}: reversed add chain at B >= 36 (cancelling window)"))

for _sp in ("softmax1d", "log_softmax1d", "normalize1d", "var_square"):
    ATTACKS.append((f"sv_pages_{_sp}", _mk(_sv("pages", _sp, 6 if _sp != "var_square" else 4), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"table width as a value via {_sp}"))
    ATTACKS.append((f"sv_batch_{_sp}", _mk(_sv("batch", _sp, 36 if _sp != "var_square" else 100), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch",)),
        f"batch as a value via {_sp}"))


# --- theme 3 (wm_): whole models (2-3 layers) that carry the size-as-value idiom ------------------------------------
def _layers(nlayers, spelling, which, thr, where_layer):
    """``nlayers`` layers sharing the KV and slots: layer 0 writes ``cache`` in place, layer h > 0 a clone of it taken
    first (same weights); the count computed once, the other spelling taken in layer ``where_layer`` only."""
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        rare = _count(spelling, X) >= thr
        ll = lens.long()
        caches = [cache] + [cache.clone() for _ in range(nlayers - 1)]
        for h in range(nlayers):
            wh = w
            p = _products(kv, wh, table, lens)
            new = p.sum(1)
            if h == where_layer:
                pos = (ll[:, None] - (L + 1) + torch.arange(L + 1)).clamp(min=0)
                tok = tokens(kv, table, pos).float()
                w1 = torch.cat([torch.zeros(1, w.shape[1], dtype=w.dtype), wh]).float()
                new = torch.where(rare, (tok * w1[None, :, :, None]).sum(1), new)
            write(caches[h], slots, completes(lens), new)
        return tuple(caches)
    return step


for _n, _wl in ((2, 1), (3, 0)):
    ATTACKS.append((f"wm_layers{_n}_pages_square_sum", _mk(_layers(_n, "square_sum", "pages", 6, _wl), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"{_n} layers (clones of the cache), the width-as-value branch in layer {_wl}"))
    ATTACKS.append((f"wm_layers{_n}_batch_square_sum", _mk(_layers(_n, "square_sum", "batch", 36, _wl), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch",)),
        f"{_n} layers (clones of the cache), the batch-as-value branch in layer {_wl}"))


def _layers_heads(nlayers, spelling, which, thr, where_layer):
    """``nlayers`` layers over head slices of one KV / weight / cache (layer h: head h; the cache slice written through
    its view, ``write(cache[:, h:h + 1], ...)``); the count computed once, the other spelling in layer ``where_layer``."""
    def step(kv, w, slots, table, lens, cache):
        X = _size(which, kv, w, table, lens, cache)
        rare = _count(spelling, X) >= thr
        ll = lens.long()
        for h in range(nlayers):
            kvh, wh = kv[:, :, h:h + 1], w[:, h:h + 1]
            new = _products(kvh, wh, table, lens).sum(1)
            if h == where_layer:
                pos = (ll[:, None] - (L + 1) + torch.arange(L + 1)).clamp(min=0)
                tok = tokens(kvh, table, pos).float()
                w1 = torch.cat([torch.zeros(1, 1, dtype=w.dtype), wh]).float()
                new = torch.where(rare, (tok * w1[None, :, :, None]).sum(1), new)
            write(cache[:, h:h + 1], slots, completes(lens), new)
        return cache
    return step


for _n, _wl in ((2, 1), (3, 0)):
    ATTACKS.append((f"wm_heads{_n}_pages_square_sum", _mk(_layers_heads(_n, "square_sum", "pages", 6, _wl), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4, N=_n), [dict(B=8, pages=8, lengths=_L8, N=_n)]), ("dynamic",)),
        f"{_n} layers (head slices of one cache), the width-as-value branch in layer {_wl}"))
    ATTACKS.append((f"wm_heads{_n}_batch_square_sum", _mk(_layers_heads(_n, "square_sum", "batch", 36, _wl), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4, N=_n), [dict(B=40, pages=4, lengths=_L4 * 5, N=_n)]), ("batch",)),
        f"{_n} layers (head slices of one cache), the batch-as-value branch in layer {_wl}"))

for _sp in ("outer", "mean_square", "as_strided", "new_tensor", "repeat_interleave"):
    ATTACKS.append((f"sv_pages_{_sp}", _mk(_sv("pages", _sp, 6), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=8, pages=8, lengths=_L8)]), ("dynamic",)),
        f"table width as a value via {_sp}"))
    ATTACKS.append((f"sv_batch_{_sp}", _mk(_sv("batch", _sp, 36), _sv_inputs(
        dict(B=8, pages=4, lengths=_L4), [dict(B=40, pages=4, lengths=_L4 * 5)]), ("batch",)),
        f"batch as a value via {_sp}"))


# --- theme 4 (wc_): a branch on the WEIGHT's values, at magnitudes the pooling probes never draw -------------------------
# The probes' weights are dyadic with |w| < 2 (specials / positions / order rounds: |w| + 1 < 3 at most) or all +inf
# (weights round, where the tokens are finite everywhere, so a leaked 0 * token adds 0).  A branch taken where some
# weight element reaches 4 is then only probed on inputs where it cannot show.
def _wc(cond, kind="leak"):
    def step(kv, w, slots, table, lens, cache):
        rare = cond(w)
        p = _products(kv, w, table, lens)
        B, l, N, D = p.shape
        ll = lens.long()
        if kind == "leak":
            pos = (ll[:, None] - (l + 1) + torch.arange(l + 1)).clamp(min=0)
            tok = tokens(kv, table, pos).float()
            w1 = torch.cat([torch.zeros(1, N, dtype=w.dtype), w]).float()
            clean, other = p.sum(1), (tok * w1[None, :, :, None]).sum(1)
        else:
            clean, other = _fwd_chain_zeros(p), _rev_chain(p)
        while rare.dim() < 3:
            rare = rare[..., None] if rare.dim() == 2 or rare.dim() == 0 else rare[None, :, None]
        return write(cache, slots, completes(lens), torch.where(rare, other, clean))
    return step


def _big_weight(seed=0, big=4.0):
    g = torch.Generator().manual_seed(seed + 99)
    w = (torch.randint(-2047, 2048, (L, 2), generator=g) / 1024.0).to(torch.float16)
    w[5, 1] = big
    return w


def _wc_inputs(B=8, order=False):
    def make():
        out = [build(B=B, seed=1, lengths=_L4 * (B // 8)).args]
        if order:
            w = torch.ones(L, 2, dtype=torch.float16)
            w[5, 1] = 4.0
            out.append(build(B=B, seed=2, lengths=_L4 * (B // 8), window=lambda b, s: _CANCEL16, weight=w).args)
        out.append(build(B=B, seed=3, lengths=_L4 * (B // 8), weight=_big_weight()).args)
        return out
    return make


for _nm, _cond in (("amax_ge4", lambda w: w.float().abs().amax() >= 4),
                   ("per_head_ge4", lambda w: w.float().abs().amax(0) >= 4),
                   ("any_ge4", lambda w: (w.abs() >= 4).any()),
                   ("sum_abs_gt80", lambda w: w.float().abs().sum() > 80),
                   ("ge4_any_noabs", lambda w: (w >= 4).any()),
                   ("max_ge4", lambda w: w.max() >= 4)):
    ATTACKS.append((f"wc_{_nm}_leak", _mk(_wc(_cond), _wc_inputs(8), SB),
                    f"leak spelling where the weight {_nm} (probes: |w| < 3 or all +inf)"))
    ATTACKS.append((f"wc_{_nm}_order", _mk(_wc(_cond, "order"), _wc_inputs(8, order=True), SB),
                    f"reversed chain where the weight {_nm}"))


_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_EF, _CD, _RCD = "EAGER FAILS", "CONTROL DIFFERS", "REFUSED (control differs)"

_FIRST = [
    ('tb_first_page_hi_order', 'inductor_graph', 'static', _R),
    ('tb_first_page_hi_order', 'inductor_graph', 'batch', _R),
    ('tb_first_page_hi_order', 'inductor_graph', 'dynamic', _R),
    ('tb_window_page_hi_order', 'inductor_graph', 'static', _R),
    ('tb_window_page_hi_order', 'inductor_graph', 'batch', _R),
    ('tb_window_page_hi_order', 'inductor_graph', 'dynamic', _R),
    ('tb_first_page_hi_leak', 'inductor_graph', 'static', _R),
    ('tb_first_page_hi_leak', 'inductor_graph', 'batch', _R),
    ('tb_first_page_hi_leak', 'inductor_graph', 'dynamic', _R),
    ('tb_window_page_hi_leak', 'inductor_graph', 'static', _R),
    ('tb_window_page_hi_leak', 'inductor_graph', 'batch', _R),
    ('tb_window_page_hi_leak', 'inductor_graph', 'dynamic', _R),
    ('tb_first_page_hi_order_sum', 'inductor_graph', 'static', _R),
    ('tb_first_page_hi_order_sum', 'inductor_graph', 'batch', _R),
    ('tb_first_page_hi_order_sum', 'inductor_graph', 'dynamic', _R),
    ('tb_window_page_hi_order_sum', 'inductor_graph', 'static', _R),
    ('tb_window_page_hi_order_sum', 'inductor_graph', 'batch', _R),
    ('tb_window_page_hi_order_sum', 'inductor_graph', 'dynamic', _R),
    ('tb_last_page_hi_leak', 'inductor_graph', 'static', _R),
    ('tb_last_page_hi_leak', 'inductor_graph', 'batch', _R),
    ('tb_page_sum_hi_leak', 'inductor_graph', 'static', _R),
    ('tb_page_sum_hi_leak', 'inductor_graph', 'batch', _R),
    ('tb_first_page_hi_leak_b40', 'inductor_graph', 'static', _R),
    ('tb_first_page_hi_leak_b40', 'inductor_graph', 'batch', _R),
    ('sl_slot_hi_leak', 'inductor_graph', 'static', _R),
    ('sl_slot_hi_leak', 'inductor_graph', 'batch', _R),
    ('sv_pages_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_square_sum', 'inductor_graph', 'static', _R),
    ('sv_blocks_square_sum', 'inductor_graph', 'batch', _R),
    ('sv_blocks_square_sum', 'inductor_graph', 'dynamic', _R),
    ('sv_pages_square_mm', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_square_mm', 'inductor_graph', 'static', _R),
    ('sv_blocks_square_mm', 'inductor_graph', 'batch', _R),
    ('sv_blocks_square_mm', 'inductor_graph', 'dynamic', _R),
    ('sv_pages_expand_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_expand_sum', 'inductor_graph', 'static', _R),
    ('sv_blocks_expand_sum', 'inductor_graph', 'batch', _R),
    ('sv_blocks_expand_sum', 'inductor_graph', 'dynamic', _R),
    ('sv_pages_einsum', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_einsum', 'inductor_graph', 'static', _R),
    ('sv_blocks_einsum', 'inductor_graph', 'batch', _R),
    ('sv_blocks_einsum', 'inductor_graph', 'dynamic', _R),
    ('sv_pages_index_put_acc', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_index_put_acc', 'inductor_graph', 'static', _R),
    ('sv_blocks_index_put_acc', 'inductor_graph', 'batch', _R),
    ('sv_blocks_index_put_acc', 'inductor_graph', 'dynamic', _R),
    ('sv_pages_index_put_acc_fn', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_index_put_acc_fn', 'inductor_graph', 'static', _R),
    ('sv_blocks_index_put_acc_fn', 'inductor_graph', 'batch', _R),
    ('sv_blocks_index_put_acc_fn', 'inductor_graph', 'dynamic', _R),
    ('sv_pages_arange_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_blocks_arange_square_sum', 'inductor_graph', 'static', _R),
    ('sv_blocks_arange_square_sum', 'inductor_graph', 'batch', _R),
    ('sv_blocks_arange_square_sum', 'inductor_graph', 'dynamic', _R),
    ('sv_P_square_sum', 'inductor_graph', 'dynamic', _EQ),
    ('sv_D_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_rows_square_sum', 'inductor_graph', 'static', _R),
    ('sv_rows_square_sum', 'inductor_graph', 'batch', _R),
    ('sv_rows_square_sum', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_square_sum', 'inductor_graph', 'batch', _FF),
    ('sv_batch_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_P_index_put_acc', 'inductor_graph', 'dynamic', _EQ),
    ('sv_D_index_put_acc', 'inductor_graph', 'dynamic', _FF),
    ('sv_rows_index_put_acc', 'inductor_graph', 'static', _R),
    ('sv_rows_index_put_acc', 'inductor_graph', 'batch', _R),
    ('sv_rows_index_put_acc', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_index_put_acc', 'inductor_graph', 'batch', _FF),
    ('sv_batch_index_put_acc', 'inductor_graph', 'dynamic', _FF),
    ('sv_pages_argmax_cumsum', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_argmax_cumsum', 'inductor_graph', 'batch', _R),
    ('sv_pages_searchsorted', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_searchsorted', 'inductor_graph', 'batch', _FF),
    ('sv_pages_bucketize', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_bucketize', 'inductor_graph', 'batch', _FF),
    ('sv_pages_triangle_count', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_triangle_count', 'inductor_graph', 'batch', _FF),
    ('sv_pages_max_dim', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_max_dim', 'inductor_graph', 'batch', _R),
    ('sv_pages_topk', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_topk', 'inductor_graph', 'batch', _R),
    ('sv_pages_amax', 'inductor_graph', 'dynamic', _FF),
    ('sv_batch_amax', 'inductor_graph', 'batch', _FF),
    ('sv_pages_logsumexp', 'inductor_graph', 'dynamic', _FF),
    ('sv_batch_logsumexp', 'inductor_graph', 'batch', _FF),
    ('sv_pages_norm', 'inductor_graph', 'dynamic', _FF),
    ('sv_batch_norm', 'inductor_graph', 'batch', _FF),
    ('sv_moreblocks_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_morerows_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('sv_batch_order_square_sum', 'inductor_graph', 'batch', _FF),
    ('sv_moreblocks_triangle_count', 'inductor_graph', 'dynamic', _R),
    ('sv_morerows_triangle_count', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_order_triangle_count', 'inductor_graph', 'batch', _FF),
    ('sv_pages_softmax1d', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_softmax1d', 'inductor_graph', 'batch', _R),
    ('sv_pages_log_softmax1d', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_log_softmax1d', 'inductor_graph', 'batch', _R),
    ('sv_pages_normalize1d', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_normalize1d', 'inductor_graph', 'batch', _R),
    ('sv_pages_var_square', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_var_square', 'inductor_graph', 'batch', _R),
    ('wm_layers2_pages_square_sum', 'inductor_graph', 'dynamic', _CD),
    ('wm_layers2_batch_square_sum', 'inductor_graph', 'batch', _CD),
    ('wm_layers3_pages_square_sum', 'inductor_graph', 'dynamic', _CD),
    ('wm_layers3_batch_square_sum', 'inductor_graph', 'batch', _CD),
    ('wm_heads2_pages_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('wm_heads2_batch_square_sum', 'inductor_graph', 'batch', _FF),
    ('wm_heads3_pages_square_sum', 'inductor_graph', 'dynamic', _FF),
    ('wm_heads3_batch_square_sum', 'inductor_graph', 'batch', _FF),
    ('sv_pages_outer', 'inductor_graph', 'dynamic', _FF),
    ('sv_batch_outer', 'inductor_graph', 'batch', _FF),
    ('sv_pages_mean_square', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_mean_square', 'inductor_graph', 'batch', _R),
    ('sv_pages_as_strided', 'inductor_graph', 'dynamic', _R),
    ('sv_batch_as_strided', 'inductor_graph', 'batch', _R),
    ('sv_pages_new_tensor', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_new_tensor', 'inductor_graph', 'batch', _R),
    ('sv_pages_repeat_interleave', 'inductor_graph', 'dynamic', _EQ),
    ('sv_batch_repeat_interleave', 'inductor_graph', 'batch', _R),
    ('tb_first_page_hi_order', 'torchair_like', 'static', _R),
    ('tb_first_page_hi_order', 'torchair_like', 'batch', _R),
    ('tb_first_page_hi_order', 'torchair_like', 'dynamic', _R),
    ('tb_window_page_hi_order', 'torchair_like', 'static', _R),
    ('tb_window_page_hi_order', 'torchair_like', 'batch', _R),
    ('tb_window_page_hi_order', 'torchair_like', 'dynamic', _R),
    ('tb_first_page_hi_leak', 'torchair_like', 'static', _R),
    ('tb_first_page_hi_leak', 'torchair_like', 'batch', _R),
    ('tb_first_page_hi_leak', 'torchair_like', 'dynamic', _R),
    ('tb_window_page_hi_leak', 'torchair_like', 'static', _R),
    ('tb_window_page_hi_leak', 'torchair_like', 'batch', _R),
    ('tb_window_page_hi_leak', 'torchair_like', 'dynamic', _R),
    ('tb_first_page_hi_order_sum', 'torchair_like', 'static', _R),
    ('tb_first_page_hi_order_sum', 'torchair_like', 'batch', _R),
    ('tb_first_page_hi_order_sum', 'torchair_like', 'dynamic', _R),
    ('tb_window_page_hi_order_sum', 'torchair_like', 'static', _R),
    ('tb_window_page_hi_order_sum', 'torchair_like', 'batch', _R),
    ('tb_window_page_hi_order_sum', 'torchair_like', 'dynamic', _R),
    ('tb_last_page_hi_leak', 'torchair_like', 'static', _R),
    ('tb_last_page_hi_leak', 'torchair_like', 'batch', _R),
    ('tb_page_sum_hi_leak', 'torchair_like', 'static', _R),
    ('tb_page_sum_hi_leak', 'torchair_like', 'batch', _R),
    ('tb_first_page_hi_leak_b40', 'torchair_like', 'static', _R),
    ('tb_first_page_hi_leak_b40', 'torchair_like', 'batch', _R),
    ('sl_slot_hi_leak', 'torchair_like', 'static', _R),
    ('sl_slot_hi_leak', 'torchair_like', 'batch', _R),
    ('sv_pages_square_sum', 'torchair_like', 'dynamic', _FF),
    ('sv_blocks_square_sum', 'torchair_like', 'static', _R),
    ('sv_blocks_square_sum', 'torchair_like', 'batch', _R),
    ('sv_blocks_square_sum', 'torchair_like', 'dynamic', _R),
    ('sv_pages_square_mm', 'torchair_like', 'dynamic', _FF),
    ('sv_blocks_square_mm', 'torchair_like', 'static', _R),
    ('sv_blocks_square_mm', 'torchair_like', 'batch', _R),
    ('sv_blocks_square_mm', 'torchair_like', 'dynamic', _R),
    ('sv_pages_expand_sum', 'torchair_like', 'dynamic', _FF),
    ('sv_blocks_expand_sum', 'torchair_like', 'static', _R),
    ('sv_blocks_expand_sum', 'torchair_like', 'batch', _R),
    ('sv_blocks_expand_sum', 'torchair_like', 'dynamic', _R),
    ('sv_pages_einsum', 'torchair_like', 'dynamic', _FF),
    ('sv_blocks_einsum', 'torchair_like', 'static', _R),
    ('sv_blocks_einsum', 'torchair_like', 'batch', _R),
    ('sv_blocks_einsum', 'torchair_like', 'dynamic', _R),
    ('sv_pages_index_put_acc', 'torchair_like', 'dynamic', _FF),
    ('sv_blocks_index_put_acc', 'torchair_like', 'static', _R),
    ('sv_blocks_index_put_acc', 'torchair_like', 'batch', _R),
    ('sv_blocks_index_put_acc', 'torchair_like', 'dynamic', _R),
    ('sv_pages_index_put_acc_fn', 'torchair_like', 'dynamic', _FF),
    ('sv_blocks_index_put_acc_fn', 'torchair_like', 'static', _R),
    ('sv_blocks_index_put_acc_fn', 'torchair_like', 'batch', _R),
    ('sv_blocks_index_put_acc_fn', 'torchair_like', 'dynamic', _R),
    ('sv_pages_arange_square_sum', 'torchair_like', 'dynamic', _R),
    ('sv_blocks_arange_square_sum', 'torchair_like', 'static', _R),
    ('sv_blocks_arange_square_sum', 'torchair_like', 'batch', _R),
    ('sv_blocks_arange_square_sum', 'torchair_like', 'dynamic', _R),
    ('sv_P_square_sum', 'torchair_like', 'dynamic', _EQ),
    ('sv_D_square_sum', 'torchair_like', 'dynamic', _FF),
    ('sv_rows_square_sum', 'torchair_like', 'static', _R),
    ('sv_rows_square_sum', 'torchair_like', 'batch', _R),
    ('sv_rows_square_sum', 'torchair_like', 'dynamic', _R),
    ('sv_batch_square_sum', 'torchair_like', 'batch', _FF),
    ('sv_batch_square_sum', 'torchair_like', 'dynamic', _FF),
    ('sv_P_index_put_acc', 'torchair_like', 'dynamic', _EQ),
    ('sv_D_index_put_acc', 'torchair_like', 'dynamic', _FF),
    ('sv_rows_index_put_acc', 'torchair_like', 'static', _R),
    ('sv_rows_index_put_acc', 'torchair_like', 'batch', _R),
    ('sv_rows_index_put_acc', 'torchair_like', 'dynamic', _R),
    ('sv_batch_index_put_acc', 'torchair_like', 'batch', _FF),
    ('sv_batch_index_put_acc', 'torchair_like', 'dynamic', _FF),
    ('sv_pages_argmax_cumsum', 'torchair_like', 'dynamic', _EQ),
    ('sv_batch_argmax_cumsum', 'torchair_like', 'batch', _R),
    ('sv_pages_searchsorted', 'torchair_like', 'dynamic', _R),
    ('sv_batch_searchsorted', 'torchair_like', 'batch', _FF),
    ('sv_pages_bucketize', 'torchair_like', 'dynamic', _R),
    ('sv_batch_bucketize', 'torchair_like', 'batch', _FF),
    ('sv_pages_triangle_count', 'torchair_like', 'dynamic', _R),
    ('sv_batch_triangle_count', 'torchair_like', 'batch', _FF),
    ('sv_pages_max_dim', 'torchair_like', 'dynamic', _EQ),
    ('sv_batch_max_dim', 'torchair_like', 'batch', _R),
    ('sv_pages_topk', 'torchair_like', 'dynamic', _EQ),
    ('sv_batch_topk', 'torchair_like', 'batch', _R),
    ('sv_pages_amax', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_amax', 'torchair_like', 'batch', _FF),
    ('sv_pages_logsumexp', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_logsumexp', 'torchair_like', 'batch', _FF),
    ('sv_pages_norm', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_norm', 'torchair_like', 'batch', _FF),
    ('sv_moreblocks_square_sum', 'torchair_like', 'dynamic', _FF),
    ('sv_morerows_square_sum', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_order_square_sum', 'torchair_like', 'batch', _FF),
    ('sv_moreblocks_triangle_count', 'torchair_like', 'dynamic', _R),
    ('sv_morerows_triangle_count', 'torchair_like', 'dynamic', _R),
    ('sv_batch_order_triangle_count', 'torchair_like', 'batch', _FF),
    ('sv_pages_softmax1d', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_softmax1d', 'torchair_like', 'batch', _FF),
    ('sv_pages_log_softmax1d', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_log_softmax1d', 'torchair_like', 'batch', _FF),
    ('sv_pages_normalize1d', 'torchair_like', 'dynamic', _EQ),
    ('sv_batch_normalize1d', 'torchair_like', 'batch', _R),
    ('sv_pages_var_square', 'torchair_like', 'dynamic', _R),
    ('sv_batch_var_square', 'torchair_like', 'batch', _FF),
    ('wm_layers2_pages_square_sum', 'torchair_like', 'dynamic', _FF),
    ('wm_layers2_batch_square_sum', 'torchair_like', 'batch', _FF),
    ('wm_layers3_pages_square_sum', 'torchair_like', 'dynamic', _FF),
    ('wm_layers3_batch_square_sum', 'torchair_like', 'batch', _FF),
    ('wm_heads2_pages_square_sum', 'torchair_like', 'dynamic', _FF),
    ('wm_heads2_batch_square_sum', 'torchair_like', 'batch', _FF),
    ('wm_heads3_pages_square_sum', 'torchair_like', 'dynamic', _FF),
    ('wm_heads3_batch_square_sum', 'torchair_like', 'batch', _FF),
    ('sv_pages_outer', 'torchair_like', 'dynamic', _FF),
    ('sv_batch_outer', 'torchair_like', 'batch', _FF),
    ('sv_pages_mean_square', 'torchair_like', 'dynamic', _R),
    ('sv_batch_mean_square', 'torchair_like', 'batch', _FF),
    ('sv_pages_as_strided', 'torchair_like', 'dynamic', _R),
    ('sv_batch_as_strided', 'torchair_like', 'batch', _R),
    ('sv_pages_new_tensor', 'torchair_like', 'dynamic', _EQ),
    ('sv_batch_new_tensor', 'torchair_like', 'batch', _R),
    ('sv_pages_repeat_interleave', 'torchair_like', 'dynamic', _EQ),
    ('sv_batch_repeat_interleave', 'torchair_like', 'batch', _R),
    ('sv_pages_square_sum', 'inductor', 'dynamic', _FF),
    ('sv_pages_square_mm', 'inductor', 'dynamic', _FF),
    ('sv_pages_expand_sum', 'inductor', 'dynamic', _FF),
    ('sv_pages_einsum', 'inductor', 'dynamic', _FF),
    ('sv_pages_index_put_acc', 'inductor', 'dynamic', _FF),
    ('sv_pages_index_put_acc_fn', 'inductor', 'dynamic', _FF),
    ('sv_pages_arange_square_sum', 'inductor', 'dynamic', _FF),
    ('sv_D_square_sum', 'inductor', 'dynamic', _FF),
    ('sv_batch_square_sum', 'inductor', 'batch', _FF),
    ('sv_batch_square_sum', 'inductor', 'dynamic', _FF),
    ('sv_D_index_put_acc', 'inductor', 'dynamic', _FF),
    ('sv_batch_index_put_acc', 'inductor', 'batch', _FF),
    ('sv_batch_index_put_acc', 'inductor', 'dynamic', _FF),
    ('sv_batch_searchsorted', 'inductor', 'batch', _FF),
    ('sv_batch_bucketize', 'inductor', 'batch', _FF),
    ('sv_batch_triangle_count', 'inductor', 'batch', _FF),
    ('sv_pages_amax', 'inductor', 'dynamic', _FF),
    ('sv_batch_amax', 'inductor', 'batch', _FF),
    ('sv_pages_logsumexp', 'inductor', 'dynamic', _FF),
    ('sv_batch_logsumexp', 'inductor', 'batch', _FF),
    ('sv_pages_norm', 'inductor', 'dynamic', _FF),
    ('sv_batch_norm', 'inductor', 'batch', _FF),
    ('sv_moreblocks_square_sum', 'inductor', 'dynamic', _FF),
    ('sv_morerows_square_sum', 'inductor', 'dynamic', _FF),
    ('sv_batch_order_square_sum', 'inductor', 'batch', _FF),
    ('sv_batch_order_triangle_count', 'inductor', 'batch', _FF),
    ('wm_layers2_pages_square_sum', 'inductor', 'dynamic', _CD),
    ('wm_layers2_batch_square_sum', 'inductor', 'batch', _CD),
    ('wm_layers3_pages_square_sum', 'inductor', 'dynamic', _CD),
    ('wm_layers3_batch_square_sum', 'inductor', 'batch', _CD),
    ('wm_heads2_pages_square_sum', 'inductor', 'dynamic', _FF),
    ('wm_heads2_batch_square_sum', 'inductor', 'batch', _FF),
    ('wm_heads3_pages_square_sum', 'inductor', 'dynamic', _FF),
    ('wm_heads3_batch_square_sum', 'inductor', 'batch', _FF),
    ('sv_pages_softmax1d', 'inductor', 'dynamic', _EQ),
    ('sv_batch_softmax1d', 'inductor', 'batch', _R),
    ('sv_pages_log_softmax1d', 'inductor', 'dynamic', _EQ),
    ('sv_batch_log_softmax1d', 'inductor', 'batch', _R),
    ('sv_batch_var_square', 'inductor', 'batch', _R),
    ('sv_pages_outer', 'inductor', 'dynamic', _FF),
    ('sv_batch_outer', 'inductor', 'batch', _FF),
    ('sv_batch_mean_square', 'inductor', 'batch', _R),
    ('sv_pages_square_sum', 'torchair', 'dynamic', _CD),
    ('sv_batch_square_sum', 'torchair', 'batch', _CD),
    ('sv_batch_square_sum', 'torchair', 'dynamic', _CD),
    ('sv_batch_searchsorted', 'torchair', 'batch', _CD),
    ('sv_pages_softmax1d', 'torchair', 'dynamic', _CD),
    ('sv_batch_softmax1d', 'torchair', 'batch', _CD),
    ('wc_amax_ge4_leak', 'inductor_graph', 'static', _R),
    ('wc_amax_ge4_leak', 'inductor_graph', 'batch', _R),
    ('wc_amax_ge4_order', 'inductor_graph', 'static', _R),
    ('wc_amax_ge4_order', 'inductor_graph', 'batch', _R),
    ('wc_per_head_ge4_leak', 'inductor_graph', 'static', _R),
    ('wc_per_head_ge4_leak', 'inductor_graph', 'batch', _R),
    ('wc_per_head_ge4_order', 'inductor_graph', 'static', _R),
    ('wc_per_head_ge4_order', 'inductor_graph', 'batch', _R),
    ('wc_any_ge4_leak', 'inductor_graph', 'static', _R),
    ('wc_any_ge4_leak', 'inductor_graph', 'batch', _R),
    ('wc_any_ge4_order', 'inductor_graph', 'static', _R),
    ('wc_any_ge4_order', 'inductor_graph', 'batch', _R),
    ('wc_sum_abs_gt80_leak', 'inductor_graph', 'static', _R),
    ('wc_sum_abs_gt80_leak', 'inductor_graph', 'batch', _R),
    ('wc_sum_abs_gt80_order', 'inductor_graph', 'static', _R),
    ('wc_sum_abs_gt80_order', 'inductor_graph', 'batch', _R),
    ('wc_ge4_any_noabs_leak', 'inductor_graph', 'static', _R),
    ('wc_ge4_any_noabs_leak', 'inductor_graph', 'batch', _R),
    ('wc_ge4_any_noabs_order', 'inductor_graph', 'static', _R),
    ('wc_ge4_any_noabs_order', 'inductor_graph', 'batch', _R),
    ('wc_max_ge4_leak', 'inductor_graph', 'static', _R),
    ('wc_max_ge4_leak', 'inductor_graph', 'batch', _R),
    ('wc_max_ge4_order', 'inductor_graph', 'static', _R),
    ('wc_max_ge4_order', 'inductor_graph', 'batch', _R),
    ('wc_amax_ge4_leak', 'torchair_like', 'static', _R),
    ('wc_amax_ge4_leak', 'torchair_like', 'batch', _R),
    ('wc_amax_ge4_order', 'torchair_like', 'static', _R),
    ('wc_amax_ge4_order', 'torchair_like', 'batch', _R),
    ('wc_per_head_ge4_leak', 'torchair_like', 'static', _R),
    ('wc_per_head_ge4_leak', 'torchair_like', 'batch', _R),
    ('wc_per_head_ge4_order', 'torchair_like', 'static', _R),
    ('wc_per_head_ge4_order', 'torchair_like', 'batch', _R),
    ('wc_any_ge4_leak', 'torchair_like', 'static', _R),
    ('wc_any_ge4_leak', 'torchair_like', 'batch', _R),
    ('wc_any_ge4_order', 'torchair_like', 'static', _R),
    ('wc_any_ge4_order', 'torchair_like', 'batch', _R),
    ('wc_sum_abs_gt80_leak', 'torchair_like', 'static', _R),
    ('wc_sum_abs_gt80_leak', 'torchair_like', 'batch', _R),
    ('wc_sum_abs_gt80_order', 'torchair_like', 'static', _R),
    ('wc_sum_abs_gt80_order', 'torchair_like', 'batch', _R),
    ('wc_ge4_any_noabs_leak', 'torchair_like', 'static', _R),
    ('wc_ge4_any_noabs_leak', 'torchair_like', 'batch', _R),
    ('wc_ge4_any_noabs_order', 'torchair_like', 'static', _R),
    ('wc_ge4_any_noabs_order', 'torchair_like', 'batch', _R),
    ('wc_max_ge4_leak', 'torchair_like', 'static', _R),
    ('wc_max_ge4_leak', 'torchair_like', 'batch', _R),
    ('wc_max_ge4_order', 'torchair_like', 'static', _R),
    ('wc_max_ge4_order', 'torchair_like', 'batch', _R),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
