"""Forty-first adversarial review of the recogniser (round 41; reviewer focus: WHOLE MODELS and the whole-model
machinery -- bound_inputs (module buffers bound at compile time and checked per call), multi-layer stacks on views of
one buffer, one cache written by several layers, functional updates and clones, KV appends around the step, stacked
K/V caches and K/V in one cache, compaction writes, a fused layer beside a refused one, positions passed instead of
lengths).

Same format as redteam25 / redteam39: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (every step takes ``(kv, w, slots, table, lens, cache)``) or, for ``bound_*``, redteam7's
``Scenario`` (a module compiled whole; a hook changes the module's buffers before call 1, in eager and in every
compiled copy alike).  Runner: redteam7's ``classify7`` through :func:`classify41`: ``bound_*`` in ``torchair_like``
run through ``bound_ta`` (the torchair-like graph behind ``bound_inputs.checked_compile``, as npu_backend compiles;
redteam7's scenario runner offers nothing in plain torchair_like), ``cp_*`` under capture_dynamic_output_shape_ops.

    cd /tmp/base42 && PYTHONPATH=/tmp/base42 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam41.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base42 = a8f3579, 18:41-19:10 UTC 2026-12-05): 83 attacks in 8 themes
(bw_ 24 = ``bound_bw_*`` scenarios, tb_ 3 = ``bound_tb_*``, al_ 1 = ``bound_al_*``, ml_ 29, cp_ 9, mx_ 7, lp_ 8, fp_ 2),
243 runs per graph dialect:

    inductor_graph  243 runs: 42 FALSE FUSION / 0 CRASH / 142 fused & equal / 59 refused
    torchair_like   243 runs: 41 FALSE FUSION / 0 CRASH / 141 fused & equal / 61 refused
    inductor (real codegen, nsa_fusion_backend): 60 runs: 21 bound_bw_ attacks static (all but the three
                    dynamic-only scale attribute ones), bound_bw_index_put_off_add and _scatter_stride_half under mark_dynamic
                    and dynamic=True, _two_layers_second_via_write under dynamic=True, every ml_ attack and the first five
                    mx_ attacks static:
                    21 FALSE FUSION (every one of them a graph-dialect FALSE FUSION, control equal) / 35 fused & equal /
                    4 refused.

Per theme, inductor_graph | torchair_like: bw_ 42 FF 13 EQ 11 R | 41 FF 12 EQ 13 R; tb_ 9 R (both); al_ 3 R (both); ml_ 84 EQ 3 R (both); cp_ 6 EQ 21 R
(both); mx_ 15 EQ 6 R (both); lp_ 18 EQ 6 R (both); fp_ 6 EQ (both).  Attack bugs, fixed before the first valid run and not counted:
ml_append_next_token_between (appended past a full request's table: eager IndexError), ml_stacked_kv_stacked_input
(read the stacked KV as one), bound_bw_scale_attr_index_put (dtype of its index_put; then refused by the clamp rule,
then, without the clamp, by the pooling rule: the recorded result), bound_bw_scale_attr_each_plain (passed its
marker to the offsets helper: AssertionError in eager).  Method note: a run filtered by ``item`` also matched
bound_bw_setitem_off_add (re-run, same results; only its first run is in ``_FIRST``).  An attack added at 19:04,
bound_bw_off_plain_stride_scatter, turned out to be bound_bw_scatter_stride_half again (the offsets are read directly in
both): FALSE FUSION in both graph dialects (every mode) and in real codegen static, as that one; removed, not counted.

FOUND (/work/briefs/redteam41_findings.md; standalone repro /work/briefs/redteam41_repro.py):

* F1 FALSE FUSION (13 attacks, every mode, both graph dialects and REAL Inductor codegen, control equal to eager): an
  integer module buffer (HF window offsets ``register_buffer("off", arange(l))``, a [1] stride buffer) that reaches the
  step's index arithmetic THROUGH A ROW-WRITE OP into a fresh tensor (``zeros(l).index_put((arange(l),), off)``, with
  accumulate=True, ``index_copy``, ``scatter``, ``z[arange(l)] = off``) is bound to its compile-time value while the pass
  runs and the step fuses on it, but the buffer is never recorded as used: ``bound_inputs._writes_reading`` walks each
  write's value ancestors with ``value_ancestors([n], set(writes) - {n})``, which stops at EVERY other write (meant for
  the KV append), so ``run_pass`` adds nothing to ``offer.used``, ``Offer.needs_checks()`` is False and
  ``checked_compile`` returns the compiled graph without CheckedCall (torchair-like: CheckedCall runs the pass on the
  first call and checks nothing after it).  Changing the buffer between calls (``add_(1)``,
  ``copy_`` of a reversed arange, ``.data[...] =``, a view's ``sub_``, ``load_state_dict``; the stride set to d / 2)
  changes eager and the control, not the fused graph (NaN vs a number, 544 / 32 values differ).  Also in 2-3 layer
  models: the layer whose buffer goes through the write is unchecked while the other layer's (read directly) is
  checked; three layers on ONE cache differ only where the LAST layer's buffer goes through the write (the earlier
  layers' rows are overwritten: bound_bw_three_layers_shared_cache, equal).  The fused event's reason also lacks
  "bound to the value of ... (checked before every call)".
  Where another buffer of the graph IS read directly (bound_bw_scatter_stride_half: the offsets), CheckedCall is there
  but compares that buffer only (``Offer._checked()`` = ``used``).
  Rule: nsa_fusion/bound_inputs.py:_writes_reading (stop set) -> run_pass -> Offer.needs_checks / checked_compile.
  With Inductor's FX graph cache on, a COLD cache behaves as above (the compile runs the pass); a graph served from a
  WARM cache is checked on every offered buffer (``Offer.cached``: equal) -- repro argument ``caches``, run twice with
  one TORCHINDUCTOR_CACHE_DIR: 192 values differ, then equal.
  Repro: ``redteam41_repro.py index_put`` (also index_copy, scatter; ``plain`` = control, equal; ``dynamic``).
* F2 FALSE FUSION (3 attacks inductor_graph, 2 torchair_like, static; real Inductor codegen): the same buffer read as a
  Python scalar, ``arange(l) + off[0].item()``, ``full_like(off, off[0].item())``, the stride ``(lens - l) %
  st.item()`` (capture_scalar_outputs, one graph): bound and fused on, but ``optable.value_inputs`` keeps only inputs
  holding tensors, so the SymInt that carries the buffer's value is not followed and nothing is checked.  Under
  mark_dynamic / dynamic=True the recogniser fails on the unbacked symbol (internal error KeyError / EvaluationError u0,
  logged and left unfused: refused, equal); full_like in torchair_like: refused (gather).
  Rule: nsa_fusion/patterns/optable.py:value_inputs as used by bound_inputs._writes_reading.
  Repro: ``redteam41_repro.py item0``.

Not found (equal or refused; the idea each tried):

* bw_ controls: the buffer read directly and changed between calls (add_(1), stride d / 2): fused, checked, falls back
  (equal); two layers unchanged: fused & equal; the offsets written into a SECOND buffer in the step (an input
  mutation): not bound, refused (roles: graph input); a float attribute 1/l (dynamic=True) copied by index_put: refused
  by the pooling rule (mul by a constant besides the weight), read directly: fused and checked (inductor_graph) /
  refused (torchair_like).
* tb_: the block table kept as a module buffer (read directly, or copied by index_copy / scatter), two rows' pages
  swapped between calls: refused (roles: no [B, max_pages] block table input; a bound table is a constant).
* al_: ``off`` and ``off2 = off.view(2, l/2)`` both registered buffers, the step adding 1 to ``off2`` before reading
  ``off`` and subtracting after: not bound (the aliased, mutated input), refused (roles: graph input).
* ml_ (every mode, both dialects, real codegen static): two layers writing two parts of ONE cache input (slices, view,
  unbind, chunk, narrow, stride-2 halves, OVERLAPPING halves, the same rows through two different views); one cache
  written by two layers with a read between the writes (gather, a view returned, a reduction, a clone); functional
  updates (index_put out of place then written in place, chained with both returned, copied back first / second, a
  clone beside the input); KV appends around two layers (layer 0's compressed rows appended over the window's last
  token and pooled by layer 1, an append inside the window before the step, at the next position between the layers,
  over the window's first token between them, two appends of one token); stacked [2, S, N, D] caches (joint write, the
  K half written again alone, V's rows computed from K's fresh rows, stacked paged KV): fused & equal; a stacked write
  keeping the OTHER half's old rows: refused (keep).  K and V in one [S, 2N, D] cache (heads :N / N:, V keeping K's
  fresh rows): fused & equal.
* cp_: compaction writes into slices of one buffer or twice into the input (shared nonzero pick, pick returned, pick
  read by index_fill, mask then nonzero, two strides): refused (keep: compaction); a compaction beside a select write:
  the select write fuses, equal.
* mx_: a fused layer beside a refused (clamped) one on one cache, in either order, the refused one reading the fused
  one's fresh rows: fused & equal; a refused layer feeding the fused one's KV: refused; two contract layers on one
  cache, the second at ``(slots + 1) % S`` (its kept rows are the first one's fresh rows) or, on a doubled cache, at
  ``(slots + S) % 2S``: fused & equal.
* lp_: positions passed as ``lens``: int32 positions with vLLM's block-count test spelled on ``p.long()`` (not the
  input itself): refused (mask: l = 31; not exposed, safe); ``completes(p + 1)`` / ``p`` clamped as lengths in a second
  layer: fused & equal.  lp64_ (int64 positions, ``p + 1`` on the input: exposed): two layers each with their own
  ``p + 1`` and vLLM's test, one shared ``s``, layer 1 on ``completes(p + 1)``, layer 1 on ``p.clamp(min=0)`` as its
  lengths (one window behind): fused (2 per graph) & equal.
* fp_: a flat [T, N, D] token pool (page size 1) read at ``table.gather(1, pos)``, two layers on halves of one cache,
  with and without the window's last token changed in place between them: fused & equal.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base42, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora import redteam7  # noqa: E402
from tests.corpora.redteam7 import _sc, classify7, classify_scenario  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")


def classify41(name, factory, dialect, mode=None):
    """redteam7's classify7 (``cp_*`` under capture_dynamic_output_shape_ops); ``bound_*`` scenarios in ``torchair_like`` run through ``bound_ta`` (the torchair-like
    graph behind ``bound_inputs.checked_compile``, as nsa_fusion.npu_backend compiles): redteam7's scenario runner
    offers nothing in plain ``torchair_like``."""
    if name.startswith("bound_") and dialect == "torchair_like":
        return classify_scenario(name, factory, "bound_ta", mode)
    if name.startswith("cp_"):  # compaction: one graph only where dynamo captures data-dependent shapes
        with torch._dynamo.config.patch(capture_dynamic_output_shape_ops=True):
            return classify7(name, factory, dialect, mode)
    return classify7(name, factory, dialect, mode)


# --- 1. bound buffers that reach the step through a write (bound_inputs._writes_reading stops at writes) -----------
def _through(kind, x):
    """``x`` (a [k] tensor) copied into a fresh tensor by one of the pass's row writes (WRITES): the same values."""
    n = x.shape[0]
    ar = torch.arange(n)
    z = torch.zeros(n, dtype=x.dtype)
    if kind == "index_put":
        return z.index_put((ar,), x)
    if kind == "index_put_acc":
        return z.index_put((ar,), x, accumulate=True)
    if kind == "index_copy":
        return z.index_copy(0, ar, x)
    if kind == "scatter":
        return z.scatter(0, ar, x)
    if kind == "setitem":
        z[ar] = x
        return z
    if kind == "plain":
        return x
    if kind == "item0":  # arange + the buffer's first entry as a Python scalar (an unbacked SymInt)
        return torch.arange(n) + x[0].item()
    if kind == "full_item":  # the buffer's first entry as the fill of full_like (value_inputs: shape only)
        return torch.arange(n) + torch.full_like(x, x[0].item())
    if kind == "item":  # a [1] buffer as a Python scalar
        return x.item()
    raise AssertionError(kind)


class _Layer(torch.nn.Module):
    """One compression layer, HF-port style: its weight a parameter, its window offsets ``off`` (arange(l)) and its
    stride ``st`` (a [1] tensor) buffers; ``via_off`` / ``via_st``: how each buffer reaches the step."""

    def __init__(self, w, via_off="plain", via_st=None, scale=None, clamp_max=True):
        super().__init__()
        self.clamp_max = clamp_max
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("off", torch.arange(L), persistent=False)
        self.register_buffer("st", torch.tensor([STRIDE]), persistent=False)
        self.register_buffer("tab", torch.zeros(L, dtype=torch.int64), persistent=False)
        self.via_off, self.via_st = via_off, via_st
        self.scale = scale

    def forward(self, kv, slots, table, lens, cache):
        P = kv.shape[1]
        if self.via_off == "into_buffer":  # the offsets written into another buffer in the step (an input mutation)
            self.tab[torch.arange(L)] = self.off
            offs = self.tab
        else:
            offs = _through("plain" if self.via_off == "scale_plain" else self.via_off, self.off)
        if self.via_off == "scale_plain":
            offs = self.off
        pos = (lens.long()[:, None] - L + offs)
        pos = pos.clamp(0, table.shape[1] * P - 1) if self.clamp_max else pos.clamp(min=0)
        tok = kv[table.long().gather(1, pos // P), pos % P]
        if self.via_st in (None, "scale_each"):
            valid = completes(lens)
        else:
            st = _through(self.via_st, self.st)
            valid = (lens >= L) & ((lens.long() - L) % st == 0)
        if self.scale is not None:  # mean pooling with a float attribute (a 0-d input under dynamic=True)
            sc = torch.as_tensor(self.scale).to(torch.float64).reshape(1)
            if self.via_off != "scale_plain":
                sc = torch.zeros(1, dtype=torch.float64).index_put((torch.tensor([0]),), sc)
            if self.via_st == "scale_each":  # each token scaled, then summed (the op's mean: sum_j fp32(1/l) x_j)
                new = (tok.float() * sc.float()).sum(1)
            else:
                new = tok.float().sum(1) * sc.float()
        else:
            new = pool(tok, self.w)
        return write(cache, slots, valid, new)


class _Stack(torch.nn.Module):
    """``n`` layers on one KV and metadata, each writing its own slice of one [n * S, N, D] cache (or, ``shared``,
    all writing one cache)."""

    def __init__(self, w, specs, shared=False):
        super().__init__()
        self.layers = torch.nn.ModuleList([_Layer(w * (k + 1), **s) for k, s in enumerate(specs)])
        self.shared = shared

    def forward(self, kv, slots, table, lens, cache):
        n = len(self.layers)
        S = cache.shape[0] // (1 if self.shared else n)
        for k, layer in enumerate(self.layers):
            layer(kv, slots, table, lens, cache if self.shared else cache[k * S:(k + 1) * S])
        return cache


def _stack_inputs(n=2, seeds=(0, 2)):
    def make():
        out = []
        for s in seeds:
            a = list(build(seed=s).args)
            a[5] = torch.cat([a[5]] * n) if n > 1 else a[5]
            out.append([a[0], a[2], a[3], a[4], a[5]])
        return out
    return make


def _hook(what, layer=-1):
    """Before call 1: change a buffer (``layer``'s) of the compiled model; eager gets the same change."""
    def hook(i, m):
        if i != 1:
            return
        lay = m.layers[layer] if isinstance(m, _Stack) else m
        if what == "off_add":
            lay.off.add_(1)
        elif what == "off_flip":
            lay.off.copy_(torch.arange(L).flip(0))
        elif what == "off_data":
            lay.off.data[:L // 2] = lay.off.data[:L // 2] + 1
        elif what == "off_view":
            lay.off.view(2, L // 2)[1].sub_(1)
        elif what == "off_state_dict":
            lay.register_buffer("off", lay.off, persistent=True)
            lay.load_state_dict({"w": lay.w.detach(), "off": torch.arange(L) + 2})
        elif what == "st_half":
            lay.st.fill_(STRIDE // 2)
        elif what == "scale":
            lay.scale = 1.0 / (2 * L)
        elif what == "none":
            pass
        else:
            raise AssertionError(what)
    return hook


def _bw(specs, what, layer=-1, modes=MODES3, n=None, shared=False):
    n = n or len(specs)
    return _sc(lambda: _Stack(build().args[1], specs, shared), _stack_inputs(1 if shared else n), _hook(what, layer),
               modes)


BW = [
    ("bound_bw_plain_off_add", _bw([{}], "off_add"),
     "control: the offsets buffer read directly, add_(1) between calls (checked: falls back)"),
    ("bound_bw_index_put_off_add", _bw([{"via_off": "index_put"}], "off_add"),
     "offsets copied by index_put(zeros, [arange], off) into a fresh tensor, then add_(1) on the buffer"),
    ("bound_bw_index_put_acc_off_add", _bw([{"via_off": "index_put_acc"}], "off_add"),
     "offsets accumulated into zeros (index_put accumulate=True), buffer add_(1) between calls"),
    ("bound_bw_index_copy_off_add", _bw([{"via_off": "index_copy"}], "off_add"),
     "offsets copied by index_copy into zeros, buffer add_(1) between calls"),
    ("bound_bw_scatter_off_add", _bw([{"via_off": "scatter"}], "off_add"),
     "offsets copied by scatter into zeros, buffer add_(1) between calls"),
    ("bound_bw_setitem_off_add", _bw([{"via_off": "setitem"}], "off_add"),
     "offsets written z[arange] = off into zeros (index_put_), buffer add_(1) between calls"),
    ("bound_bw_into_buffer_off_add", _bw([{"via_off": "into_buffer"}], "off_add"),
     "self.tab[arange(l)] = self.off in the step (a second buffer, mutated), positions read self.tab; off add_(1)"),
    ("bound_bw_index_put_off_flip", _bw([{"via_off": "index_put"}], "off_flip"),
     "offsets through index_put; the buffer reversed between calls (window order reversed)"),
    ("bound_bw_index_put_off_data", _bw([{"via_off": "index_put"}], "off_data"),
     "offsets through index_put; half the buffer changed through .data between calls"),
    ("bound_bw_index_put_off_view", _bw([{"via_off": "index_put"}], "off_view"),
     "offsets through index_put; the buffer changed through a view of it between calls"),
    ("bound_bw_index_put_off_state_dict", _bw([{"via_off": "index_put"}], "off_state_dict"),
     "offsets through index_put; load_state_dict copies arange(l) + 2 into the buffer between calls"),
    ("bound_bw_scatter_stride_half", _bw([{"via_st": "scatter"}], "st_half"),
     "the stride a [1] buffer read through scatter into zeros; set to d / 2 between calls (the offsets buffer is read "
     "directly: CheckedCall is there, but compares the offsets only)"),
    ("bound_bw_item_stride_half", _bw([{"via_st": "item"}], "st_half"),
     "the stride buffer read as .item() (an unbacked SymInt: value_inputs holds tensors only); d / 2 between calls"),
    ("bound_bw_item0_off_add", _bw([{"via_off": "item0"}], "off_add"),
     "arange(l) + off[0].item(): the buffer's first entry as a scalar; add_(1) between calls"),
    ("bound_bw_full_item_off_add", _bw([{"via_off": "full_item"}], "off_add"),
     "arange(l) + full_like(off, off[0].item()); add_(1) between calls"),
    ("bound_bw_plain_stride_half", _bw([{"via_st": "plain"}], "st_half"),
     "control: the stride buffer read directly; set to d / 2 between calls"),
    ("bound_bw_scale_attr_index_put", _bw([{"scale": 1.0 / L, "clamp_max": False}], "scale", modes=("dynamic",)),
     "mean pooling by a float attribute 1/l (a 0-d input under dynamic=True) copied by index_put; 1/(2l) after"),
    ("bound_bw_scale_attr_each_index_put", _bw([{"scale": 1.0 / L, "clamp_max": False, "via_st": "scale_each"}],
                                                 "scale", modes=("dynamic",)),
     "(tokens * scale).sum(1), the float attribute scale = 1/l (0-d input under dynamic=True) copied by index_put; "
     "1/(2l) between calls"),
    ("bound_bw_scale_attr_each_plain", _bw([{"scale": 1.0 / L, "clamp_max": False, "via_st": "scale_each",
                                             "via_off": "scale_plain"}], "scale", modes=("dynamic",)),
     "control: (tokens * scale).sum(1) with the attribute read directly; 1/(2l) between calls"),
    ("bound_bw_two_layers_second_via_write", _bw([{}, {"via_off": "index_put"}], "off_add", layer=1),
     "two layers, each its own offsets buffer and cache slice: layer 0 reads its buffer, layer 1 through index_put; "
     "layer 1's buffer add_(1) between calls"),
    ("bound_bw_two_layers_first_via_write", _bw([{"via_off": "index_copy"}, {}], "off_add", layer=0),
     "two layers, layer 0's buffer through index_copy changed between calls, layer 1's read directly"),
    ("bound_bw_three_layers_shared_cache", _bw([{}, {"via_off": "index_put"}, {}], "off_add", layer=1, shared=True),
     "three layers writing ONE cache (same slots), the middle one's buffer through index_put, changed between calls "
     "(the last layer overwrites every written row: control of the shared cache)"),
    ("bound_bw_three_layers_shared_cache_last", _bw([{}, {}, {"via_off": "index_put"}], "off_add", shared=True),
     "three layers writing ONE cache (same slots), the last one's buffer through index_put, changed between calls"),
    ("bound_bw_two_layers_unchanged", _bw([{}, {"via_off": "index_put"}], "none"),
     "control: two layers, nothing changed between calls"),
]


# --- 2. whole decode steps: several layers on views of one buffer, functional updates, appends, stacked caches -----
def _inputs(cache_fn=None, kv_fn=None, seeds=(0, 2), **kw):
    """build() calls (seed 0 compiled, seed 2 after), the cache (and the KV) reshaped by ``cache_fn`` / ``kv_fn``."""
    def make():
        out = []
        for s in seeds:
            a = list(build(seed=s, **kw).args)
            b = list(build(seed=s + 11, **kw).args)
            if cache_fn is not None:
                a[5] = cache_fn(a[5], b[5])
            if kv_fn is not None:
                a[0] = kv_fn(a[0], b[0])
            out.append(a)
        return out
    return make


_CAT = lambda c, c2: torch.cat([c, c2])  # noqa: E731  [2S, N, D]
_STACK = lambda c, c2: torch.stack([c, c2])  # noqa: E731  [2, S, N, D]
_HEADS = lambda c, c2: torch.cat([c, c2], 1)  # noqa: E731  [S, 2N, D]


def _halves(kind):
    """Two layers on one KV and metadata, each writing one part of ONE cache buffer passed in ([2S, N, D])."""
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0] // 2
        if kind == "slice":
            c0, c1 = cache[:S], cache[S:]
        elif kind == "view":
            v = cache.view(2, S, *cache.shape[1:])
            c0, c1 = v[0], v[1]
        elif kind == "unbind":
            c0, c1 = cache.unflatten(0, (2, S)).unbind(0)
        elif kind == "chunk":
            c0, c1 = cache.chunk(2)
        elif kind == "narrow":
            c0, c1 = cache.narrow(0, 0, S), cache.narrow(0, S, S)
        elif kind == "overlap":  # the two layers' caches overlap by half
            c0, c1 = cache[:S], cache[S // 2:S // 2 + S]
        elif kind == "same_rows_two_views":  # both layers' caches are the same rows, through two different views
            c0, c1 = cache[:S], cache.view(2, S, *cache.shape[1:])[0]
        elif kind == "strided":
            c0, c1 = cache[0::2], cache[1::2]
        elif kind == "reversed_pair":  # layer 1 writes rows S-1-slot of the first half: cache[:S].flip(0) is a copy
            c0, c1 = cache[:S], cache[S:]
        else:
            raise AssertionError(kind)
        tok = tokens(kv, table, positions(lens))
        write(c0, slots, completes(lens), pool(tok, w))
        write(c1, slots, completes(lens), pool(tok, w.flip(0)))
        return cache
    return step


def _mid_read(kind):
    """Two layers writing ONE cache; something reads the cache between the two writes (layer 0's rows)."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        tok = tokens(kv, table, positions(lens))
        old = cache[s].float() * 2  # before either write
        write(cache, slots, completes(lens), pool(tok, w))
        if kind == "gather":
            mid = cache[s].float() * 2
        elif kind == "view":
            mid = cache[:8]  # a view: eager returns it after the second write (the final values)
        elif kind == "sum":
            mid = cache.float().sum(0)
        elif kind == "clone":
            mid = cache.clone()
        else:
            raise AssertionError(kind)
        write(cache, slots, completes(lens, d=2 * STRIDE), pool(tok, w.flip(0)))
        return cache, old, mid
    return step


def _functional(kind):
    """Functional cache updates across layers (index_put out of place), with the input cache and the results
    returned."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        v = completes(lens)[:, None, None]
        tok = tokens(kv, table, positions(lens))
        n0 = pool(tok, w).to(cache.dtype)
        n1 = pool(tok, w.flip(0)).to(cache.dtype)
        c1 = cache.index_put((s,), torch.where(v, n0, cache[s]))
        if kind == "then_inplace":  # layer 1 writes layer 0's functional result in place
            c1[s] = torch.where(v, n1, c1[s])
            return c1, cache.float() * 1
        if kind == "chain_both_returned":
            c2 = c1.index_put((s,), torch.where(v, n1, c1[s]))
            return c1, c2
        if kind == "copy_back_first":  # layer 0's result copied into the input, layer 1's returned functional
            cache.copy_(c1)
            c2 = cache.index_put((s,), torch.where(v, n1, cache[s]))
            return c2
        if kind == "copy_back_second":  # layer 1 reads the input (old rows), its result copied back, c1 returned
            c2 = cache.index_put((s,), torch.where(v, n1, cache[s]))
            cache.copy_(c2)
            return c1
        if kind == "clone_then_inplace":
            c = cache.clone()
            c[s] = torch.where(v, n0, c[s])
            cache[s] = torch.where(v, n1, cache[s])
            return c
        raise AssertionError(kind)
    return step


def _append_page(kv, table, pos):
    P = kv.shape[1]
    return table.long().gather(1, (pos // P)[:, None])[:, 0], pos % P


def _appends(kind):
    """KV appends around two compression layers that read the same paged KV."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        n = lens.long()
        if kind == "in_window_from_layer0":  # layer 0's compressed rows appended over the window's last token
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            pg, off = _append_page(kv, table, (n - 1).clamp(min=0))
            kv[pg, off] = cache[s].to(kv.dtype)
            out = torch.zeros_like(cache)
            write(out, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            return cache, out, kv
        if kind == "in_window_before":  # an append over the window's last token before layer 0 reads it
            pg, off = _append_page(kv, table, (n - 1).clamp(min=0))
            kv[pg, off] = (kv[pg, off].float() * 0.5).to(kv.dtype)
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return cache, kv
        if kind == "next_token_between":  # append at position lens between the layers (read by neither window)
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            cap = table.shape[1] * kv.shape[1]
            pg, off = _append_page(kv, table, n.clamp(max=cap - 1))  # (a full request: its last position)
            kv[pg, off] = torch.ones_like(kv[pg, off])
            c2 = cache.clone()
            write(c2, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w.flip(0)))
            return cache, c2, kv
        if kind == "first_token_between":  # append over the window's FIRST token between the layers
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            pg, off = _append_page(kv, table, (n - L).clamp(min=0))
            kv[pg, off] = -kv[pg, off]
            c2 = torch.zeros_like(cache)
            write(c2, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return cache, c2, kv
        if kind == "two_appends_same_token":
            pg, off = _append_page(kv, table, (n - 1).clamp(min=0))
            kv[pg, off] = kv[pg, off] * 2
            write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            kv[pg, off] = kv[pg, off] * 2
            c2 = torch.zeros_like(cache)
            write(c2, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
            return cache, c2, kv
        raise AssertionError(kind)
    return step


def _stacked(kind):
    """A stacked [2, S, N, D] compressed cache (K and V halves)."""
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        v = completes(lens)
        tok = tokens(kv, table, positions(lens)) if kind != "kv_stacked_input" else None
        if kind == "joint":
            new = torch.stack([pool(tok, w), pool(tok, w.flip(0))]).to(cache.dtype)
            cache[:, s] = torch.where(v[None, :, None, None], new, cache[:, s])
        elif kind == "joint_then_k_again":  # the K half written twice (joint, then alone with another weight)
            new = torch.stack([pool(tok, w), pool(tok, w.flip(0))]).to(cache.dtype)
            cache[:, s] = torch.where(v[None, :, None, None], new, cache[:, s])
            write(cache[0], slots, completes(lens, d=2 * STRIDE), pool(tok, -w))
        elif kind == "v_from_k_half":  # V half's new rows read the K half after its write (layer 2 reads layer 1)
            write(cache[0], slots, v, pool(tok, w))
            kk = cache[0][s].float()
            cache[1][s] = torch.where(v[:, None, None], (kk * 2).to(cache.dtype), cache[1][s])
        elif kind == "halves_swapped_keep":  # each half keeps the OTHER half's old rows
            new = torch.stack([pool(tok, w), pool(tok, w.flip(0))]).to(cache.dtype)
            cache[:, s] = torch.where(v[None, :, None, None], new, cache.flip(0)[:, s])
        elif kind == "kv_stacked_input":  # the paged KV stacked too: [2, NB, P, N, D]
            new = torch.stack([pool(tokens(kv[h], table, positions(lens)), w) for h in range(2)]).to(cache.dtype)
            cache[:, s] = torch.where(v[None, :, None, None], new, cache[:, s])
        else:
            raise AssertionError(kind)
        return cache
    return step


def _heads_halves(kind):
    """K and V compressed into ONE [S, 2N, D] cache: K in heads :N, V in heads N:."""
    def step(kv, w, slots, table, lens, cache):
        N = kv.shape[2]
        tok = tokens(kv, table, positions(lens))
        ck, cv = cache[:, :N], cache[:, N:]
        if kind == "k_then_v":
            write(ck, slots, completes(lens), pool(tok, w))
            write(cv, slots, completes(lens), pool(tok, w.flip(0)))
        elif kind == "v_reads_k":  # V's rows pooled from K's compressed rows? no: K's rows kept into V's keep
            write(ck, slots, completes(lens), pool(tok, w))
            s = slots.long()
            cv[s] = torch.where(completes(lens)[:, None, None], pool(tok, w.flip(0)).to(cache.dtype), ck[s])
        else:
            raise AssertionError(kind)
        return cache
    return step


ML = [
    ("ml_halves_slice", _mk(_halves("slice"), _inputs(_CAT), MODES3), "two layers, cache[:S] and cache[S:] of one input"),
    ("ml_halves_view", _mk(_halves("view"), _inputs(_CAT), MODES3), "two layers, cache.view(2, S, N, D)[0] / [1]"),
    ("ml_halves_unbind", _mk(_halves("unbind"), _inputs(_CAT), MODES3), "two layers, unflatten + unbind halves"),
    ("ml_halves_chunk", _mk(_halves("chunk"), _inputs(_CAT), MODES3), "two layers, cache.chunk(2)"),
    ("ml_halves_narrow", _mk(_halves("narrow"), _inputs(_CAT), MODES3), "two layers, narrow halves"),
    ("ml_halves_overlap", _mk(_halves("overlap"), _inputs(_CAT), MODES3),
     "two layers whose caches OVERLAP (cache[:S], cache[S/2:S/2+S]): layer 1 keeps rows layer 0 wrote"),
    ("ml_halves_same_rows_two_views", _mk(_halves("same_rows_two_views"), _inputs(_CAT), MODES3),
     "two layers writing the same rows through two different views (slice and view()[0])"),
    ("ml_halves_strided", _mk(_halves("strided"), _inputs(_CAT), MODES3), "two layers, cache[0::2] / cache[1::2]"),
    ("ml_mid_read_gather", _mk(_mid_read("gather"), _inputs(), MODES3),
     "one cache written by two layers; cache[slots] read between the writes"),
    ("ml_mid_read_view", _mk(_mid_read("view"), _inputs(), MODES3),
     "one cache written by two layers; a view cache[:8] taken between the writes, returned"),
    ("ml_mid_read_sum", _mk(_mid_read("sum"), _inputs(), MODES3), "a reduction over the cache between the writes"),
    ("ml_mid_read_clone", _mk(_mid_read("clone"), _inputs(), MODES3), "a clone of the cache between the writes"),
    ("ml_functional_then_inplace", _mk(_functional("then_inplace"), _inputs(), MODES3),
     "layer 0 index_put out of place, layer 1 writes that result in place; the input cache is unchanged"),
    ("ml_functional_chain_both_returned", _mk(_functional("chain_both_returned"), _inputs(), MODES3),
     "two functional updates chained, both results returned"),
    ("ml_functional_copy_back_first", _mk(_functional("copy_back_first"), _inputs(), MODES3),
     "layer 0 functional, copied into the input; layer 1 functional on the input, returned"),
    ("ml_functional_copy_back_second", _mk(_functional("copy_back_second"), _inputs(), MODES3),
     "layer 0 functional returned; layer 1 functional copied back into the input"),
    ("ml_functional_clone_then_inplace", _mk(_functional("clone_then_inplace"), _inputs(), MODES3),
     "layer 0 writes a clone, layer 1 writes the input"),
    ("ml_append_in_window_from_layer0", _mk(_appends("in_window_from_layer0"), _inputs(), MODES3),
     "layer 0's compressed rows appended over the window's last token; layer 1 pools that KV"),
    ("ml_append_in_window_before", _mk(_appends("in_window_before"), _inputs(), MODES3),
     "an append over the window's last token before the compression reads it"),
    ("ml_append_next_token_between", _mk(_appends("next_token_between"), _inputs(), MODES3),
     "an append at position lens between two layers"),
    ("ml_append_first_token_between", _mk(_appends("first_token_between"), _inputs(), MODES3),
     "an append over the window's first token between two layers reading the same KV"),
    ("ml_append_two_same_token", _mk(_appends("two_appends_same_token"), _inputs(), MODES3),
     "two appends of one token, a compression after each"),
    ("ml_stacked_joint", _mk(_stacked("joint"), _inputs(_STACK), MODES3), "stacked [2, S, N, D] joint write"),
    ("ml_stacked_joint_then_k_again", _mk(_stacked("joint_then_k_again"), _inputs(_STACK), MODES3),
     "stacked joint write, then the K half written again alone (another weight, stride 2d)"),
    ("ml_stacked_v_from_k_half", _mk(_stacked("v_from_k_half"), _inputs(_STACK), MODES3),
     "K half written; V half's new rows are 2x K's fresh rows"),
    ("ml_stacked_halves_swapped_keep", _mk(_stacked("halves_swapped_keep"), _inputs(_STACK), MODES3),
     "stacked joint write whose kept rows are the OTHER half's (cache.flip(0)[:, s])"),
    ("ml_stacked_kv_stacked_input", _mk(_stacked("kv_stacked_input"), _inputs(_STACK, _STACK), MODES3),
     "stacked paged KV [2, NB, P, N, D] and stacked compressed cache"),
    ("ml_heads_halves_k_then_v", _mk(_heads_halves("k_then_v"), _inputs(_HEADS), MODES3),
     "K and V in one [S, 2N, D] cache, heads :N and N:"),
    ("ml_heads_halves_v_keeps_k", _mk(_heads_halves("v_reads_k"), _inputs(_HEADS), MODES3),
     "V half's kept rows are the K half's rows just written"),
]


# --- 3. compaction writes across layers (cache[slots[idx]] = pooled[idx]; capture_dynamic_output_shape_ops) ------
def _compact(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        m = completes(lens)
        tok = tokens(kv, table, positions(lens))
        S = cache.shape[0] // 2
        c0, c1 = cache[:S], cache[S:]
        if kind == "shared_idx":  # one nonzero, two layers' caches
            idx = m.nonzero().squeeze(1)
            c0[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            c1[s[idx]] = pool(tok, w.flip(0))[idx].to(cache.dtype)
            return cache
        if kind == "idx_returned":
            idx = m.nonzero().squeeze(1)
            c0[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            return cache, idx * 1
        if kind == "idx_other_reader":  # layer 1 reads the pick outside any cache write (its count)
            idx = m.nonzero().squeeze(1)
            c0[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            return cache, torch.zeros(B_OF(lens)).index_fill(0, idx, 1.0).sum()
        if kind == "mask_then_nonzero":
            c0[s[m]] = pool(tok, w)[m].to(cache.dtype)
            idx = m.nonzero().squeeze(1)
            c1[s[idx]] = pool(tok, w.flip(0))[idx].to(cache.dtype)
            return cache
        if kind == "layer1_select_layer0_compact":
            idx = m.nonzero().squeeze(1)
            c0[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            write(c1, slots, m, pool(tok, w.flip(0)))
            return cache
        if kind == "two_masks_other_stride":
            m2 = completes(lens, d=2 * STRIDE)
            c0[s[m]] = pool(tok, w)[m].to(cache.dtype)
            c0[s[m2]] = pool(tok, -w)[m2].to(cache.dtype)  # the same cache again, fewer rows, another weight
            return cache
        if kind == "whole_twice":  # the whole input cache compacted by two layers with one pick
            idx = m.nonzero().squeeze(1)
            cache[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            m2 = completes(lens, d=2 * STRIDE)
            idx2 = m2.nonzero().squeeze(1)
            cache[s[idx2]] = pool(tok, w.flip(0))[idx2].to(cache.dtype)
            return cache
        if kind == "whole_and_fresh":  # layer 0 compacts the input, layer 1 a fresh cache with the same pick
            idx = m.nonzero().squeeze(1)
            cache[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            c2 = cache.clone()
            c2[s[idx]] = pool(tok, w.flip(0))[idx].to(cache.dtype)
            return cache, c2
        if kind == "same_cache_then_select":
            idx = m.nonzero().squeeze(1)
            c0[s[idx]] = pool(tok, w)[idx].to(cache.dtype)
            write(c0, slots, completes(lens, d=2 * STRIDE), pool(tok, w.flip(0)))
            return cache
        raise AssertionError(kind)
    return step


def B_OF(lens):
    return lens.shape[0]


CP = [
    ("cp_shared_idx", _mk(_compact("shared_idx"), _inputs(_CAT), MODES3),
     "one nonzero pick, two layers' compaction writes into halves of one buffer"),
    ("cp_idx_returned", _mk(_compact("idx_returned"), _inputs(_CAT), MODES3), "compaction, the pick returned"),
    ("cp_idx_other_reader", _mk(_compact("idx_other_reader"), _inputs(_CAT), MODES3),
     "compaction, the pick also read by an index_fill (its size read elsewhere)"),
    ("cp_mask_then_nonzero", _mk(_compact("mask_then_nonzero"), _inputs(_CAT), MODES3),
     "layer 0 compacts by the mask, layer 1 by its nonzero"),
    ("cp_layer1_select_layer0_compact", _mk(_compact("layer1_select_layer0_compact"), _inputs(_CAT), MODES3),
     "layer 0 compacts, layer 1 writes the select form"),
    ("cp_two_masks_other_stride", _mk(_compact("two_masks_other_stride"), _inputs(_CAT), MODES3),
     "the same cache compacted twice: stride d then stride 2d with another weight"),
    ("cp_whole_twice", _mk(_compact("whole_twice"), _inputs(), MODES3),
     "the whole input cache compacted twice (stride d, then stride 2d with another weight)"),
    ("cp_whole_and_fresh", _mk(_compact("whole_and_fresh"), _inputs(), MODES3),
     "layer 0 compacts the input cache, layer 1 a clone of it with the same pick"),
    ("cp_same_cache_then_select", _mk(_compact("same_cache_then_select"), _inputs(_CAT), MODES3),
     "the same cache: compaction then a select write (stride 2d)"),
]


# --- 4. a fused layer beside a refused one on one cache (the refused one's code stays as written) ----------------
def _mixed(kind):
    def step(kv, w, slots, table, lens, cache):
        s = slots.long()
        tok = tokens(kv, table, positions(lens))
        refused_new = (tok.float() * w.float()[None, :, :, None]).sum(1).clamp(-4.0, 4.0)  # not the contract
        if kind == "fused_then_refused":
            write(cache, slots, completes(lens), pool(tok, w))
            write(cache, slots, completes(lens, d=2 * STRIDE), refused_new)
        elif kind == "refused_then_fused":
            write(cache, slots, completes(lens), refused_new)
            write(cache, slots, completes(lens, d=2 * STRIDE), pool(tok, w.flip(0)))
        elif kind == "refused_reads_fused_rows":  # layer 1's new rows read layer 0's fresh rows
            write(cache, slots, completes(lens), pool(tok, w))
            write(cache, slots, completes(lens), cache[s].float() * 0.5 + refused_new)
        elif kind == "fused_keeps_refused_rows_other_slots":  # layer 1 writes rows flipped along the batch
            write(cache, slots, completes(lens), refused_new)
            write(cache, slots.flip(0), completes(lens.flip(0)), pool(tok.flip(0), w))
        elif kind == "second_layer_shifted_slots":  # both fuse: layer 1 writes rows (slots + 1) % S of the same cache
            write(cache, slots, completes(lens), pool(tok, w))
            S = cache.shape[0]
            write(cache, (slots.long() + 1) % S, completes(lens), pool(tok, w.flip(0)))
        elif kind == "second_half_mod":  # a doubled cache: layer 1 at (slots + S) % 2S
            S2 = cache.shape[0]
            write(cache, slots, completes(lens), pool(tok, w))
            write(cache, (slots.long() + S2 // 2) % S2, completes(lens), pool(tok, w.flip(0)))
        elif kind == "fused_reads_refused_cache_as_kv":  # layer 1 pools from a KV that layer 0's refused write fed
            kv2 = kv.clone()
            pg = table.long()[:, -1]  # the last page of each row (often unread)
            kv2[pg, 0] = cache[s].to(kv.dtype)
            write(cache, slots, completes(lens), pool(tokens(kv2, table, positions(lens)), w))
        else:
            raise AssertionError(kind)
        return cache
    return step


MX = [
    ("mx_fused_then_refused", _mk(_mixed("fused_then_refused"), _inputs(), MODES3),
     "one cache: layer 0 the contract (fuses), layer 1 a clamped pooling (refused), stride 2d"),
    ("mx_refused_then_fused", _mk(_mixed("refused_then_fused"), _inputs(), MODES3),
     "one cache: layer 0 refused, layer 1 the contract with stride 2d"),
    ("mx_refused_reads_fused_rows", _mk(_mixed("refused_reads_fused_rows"), _inputs(), MODES3),
     "layer 1's (refused) new rows read layer 0's fresh compressed rows"),
    ("mx_fused_keeps_refused_rows_other_slots", _mk(_mixed("fused_keeps_refused_rows_other_slots"), _inputs(), MODES3),
     "layer 0 refused; layer 1 the contract on the batch reversed (slots, lens, tokens flipped)"),
    ("mx_second_layer_shifted_slots", _mk(_mixed("second_layer_shifted_slots"), _inputs(), MODES3),
     "one cache, two contract layers: layer 1 at (slots + 1) % S (its kept rows may be layer 0's fresh rows)"),
    ("mx_second_half_mod", _mk(_mixed("second_half_mod"), _inputs(_CAT), MODES3),
     "a doubled [2S] cache: layer 0 at slots, layer 1 at (slots + S) % 2S"),
    ("mx_fused_reads_refused_cache_as_kv", _mk(_mixed("fused_reads_refused_cache_as_kv"), _inputs(), MODES3),
     "layer 1 pools from a KV clone whose pages hold layer 0's (refused) cache rows"),
]


# --- 5. positions passed instead of lengths (lengths_from_positions) in multi-layer steps --------------------------
def _pos_inputs(cache_fn=None, **kw):
    """The ``lens`` argument holds positions p = lens - 1 (valid: [-1, capacity - 1])."""
    base = _inputs(cache_fn, **kw)

    def make():
        out = base()
        for a in out:
            a[4] = a[4] - 1
        return out
    return make


def _grew(p):
    """vLLM's test: the compressed block count grew at this token (reads p and p + 1 in one comparison)."""
    pl = p.long() if p.dtype != torch.int64 else p
    return ((pl + 1) >= L) & (torch.div(pl + 1 - L, STRIDE, rounding_mode="floor")
                              > torch.div(pl - L, STRIDE, rounding_mode="floor"))


def _positions_layers(kind):
    def step(kv, w, slots, table, lens, cache):
        p = lens
        S = cache.shape[0] // 2
        c0, c1 = cache[:S], cache[S:]
        if kind == "two_layers_each_plus_one":
            write(c0, slots, _grew(p), pool(tokens(kv, table, positions(p + 1)), w))
            write(c1, slots, _grew(p), pool(tokens(kv, table, positions(p + 1)), w.flip(0)))
        elif kind == "shared_s":
            s_ = p + 1
            v = _grew(p)
            tok = tokens(kv, table, positions(s_))
            write(c0, slots, v, pool(tok, w))
            write(c1, slots, v, pool(tok, w.flip(0)))
        elif kind == "layer1_condition_on_s_only":  # layer 1 reads s = p + 1 only (completes(s))
            s_ = p + 1
            write(c0, slots, _grew(p), pool(tokens(kv, table, positions(s_)), w))
            write(c1, slots, completes(s_), pool(tokens(kv, table, positions(s_)), w.flip(0)))
        elif kind == "layer1_p_as_lengths":  # layer 1 (another model part) treats p itself as a length
            write(c0, slots, _grew(p), pool(tokens(kv, table, positions(p + 1)), w))
            write(c1, slots, completes(p.clamp(min=0)), pool(tokens(kv, table, positions(p.clamp(min=0))), w.flip(0)))
        else:
            raise AssertionError(kind)
        return cache
    return step


LP = [
    ("lp_two_layers_each_plus_one", _mk(_positions_layers("two_layers_each_plus_one"), _pos_inputs(_CAT), MODES3),
     "positions p passed; two layers each compute p + 1 and vLLM's block-count test"),
    ("lp_shared_s", _mk(_positions_layers("shared_s"), _pos_inputs(_CAT), MODES3),
     "positions p; one s = p + 1 and one condition for both layers"),
    ("lp_layer1_condition_on_s_only", _mk(_positions_layers("layer1_condition_on_s_only"), _pos_inputs(_CAT), MODES3),
     "positions p; layer 0 vLLM's test, layer 1 completes(p + 1)"),
    ("lp_layer1_p_as_lengths", _mk(_positions_layers("layer1_p_as_lengths"), _pos_inputs(_CAT), MODES3),
     "positions p; layer 0 reads p + 1 as lengths, layer 1 p (clamped at 0) as lengths: one window behind"),
]
_P64 = dict(length_dtype=torch.int64)
LP += [(n.replace("lp_", "lp64_"), _mk(_positions_layers(n[3:]), _pos_inputs(_CAT, **_P64), MODES3),
        "int64 positions (p + 1 on the input itself: exposed): " + d) for n, _, d in list(LP)]


# --- 1b. the block table kept as a module buffer (bound, read by the fused op) -------------------------------------
class _TableLayer(torch.nn.Module):
    def __init__(self, w, table, via="plain"):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        self.register_buffer("tab", table.clone(), persistent=False)
        self.via = via

    def forward(self, kv, slots, table, lens, cache):  # (the table argument is not read: the buffer is the table)
        t = self.tab
        if self.via == "index_copy":
            t = torch.zeros_like(t).index_copy(0, torch.arange(t.shape[0]), t)
        elif self.via == "scatter_rows":
            t = torch.zeros_like(t).scatter(0, torch.arange(t.shape[0])[:, None].expand_as(t), t)
        return write(cache, slots, completes(lens), pool(tokens(kv, t, positions(lens)), self.w))


def _table_hook(i, m):
    if i == 1:  # rows 1 and 2 trade their pages (distinct pages still: valid)
        m.tab.copy_(m.tab[torch.tensor([0, 2, 1] + list(range(3, m.tab.shape[0])))])


def _tb(via):
    x = build()
    return _sc(lambda: _TableLayer(x.args[1], x.args[3], via), lambda: [build(), build()], _table_hook, MODES3)


TB = [
    ("bound_tb_plain_rows_swapped", _tb("plain"), "the block table a module buffer; rows 1 and 2 swapped between calls"),
    ("bound_tb_index_copy_rows_swapped", _tb("index_copy"),
     "the block-table buffer copied by index_copy into zeros; rows 1 and 2 swapped between calls"),
    ("bound_tb_scatter_rows_swapped", _tb("scatter_rows"),
     "the block-table buffer copied by scatter into zeros; rows 1 and 2 swapped between calls"),
]


# --- 6. flat token pools (page size 1, SGLang's req_to_token rows as the table), two layers -------------------------
_FLAT = lambda kv, kv2: kv[:, 0]  # noqa: E731  [T, N, D] (built with P = 1)


def _flat_pool(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        tok = kv[table.long().gather(1, pos)]  # [B, l, N, D]: token ids straight from the table
        S = cache.shape[0] // 2
        if kind == "two_layers":
            write(cache[:S], slots, completes(lens), pool(tok, w))
            write(cache[S:], slots, completes(lens), pool(tok, w.flip(0)))
        elif kind == "append_between":  # a token appended at the last position of the window between the layers
            write(cache[:S], slots, completes(lens), pool(tok, w))
            last = table.long().gather(1, (lens.long() - 1).clamp(min=0)[:, None])[:, 0]
            kv[last] = (kv[last].float() * 2).to(kv.dtype)
            tok2 = kv[table.long().gather(1, pos)]
            write(cache[S:], slots, completes(lens), pool(tok2, w))
        else:
            raise AssertionError(kind)
        return cache, kv
    return step


FP = [
    ("fp_two_layers", _mk(_flat_pool("two_layers"), _inputs(_CAT, _FLAT, P=1, pages=256), MODES3),
     "a flat [T, N, D] token pool read at table.gather(1, pos) (page size 1), two layers on halves of one cache"),
    ("fp_append_between", _mk(_flat_pool("append_between"), _inputs(_CAT, _FLAT, P=1, pages=256), MODES3),
     "flat token pool; the window's last token doubled in place between the two layers"),
]


# --- 1c. a bound buffer changed in the step through an aliasing buffer (a view of it registered as another) ----------
def _bound_inputs_al():
    return [build(), build(seed=2)]


class _AliasLayer(torch.nn.Module):
    def __init__(self, w, how):
        super().__init__()
        self.w = torch.nn.Parameter(w.clone(), requires_grad=False)
        off = torch.arange(L)
        self.register_buffer("off", off, persistent=False)
        self.register_buffer("off2", off.view(2, L // 2), persistent=False)  # a view of the same storage
        self.how = how

    def forward(self, kv, slots, table, lens, cache):
        if self.how == "shift_in_step":
            self.off2.add_(1)  # through the alias: off is arange(l) + 1 while the step reads it
        P = kv.shape[1]
        pos = (lens.long()[:, None] - L + self.off).clamp(0, table.shape[1] * P - 1)
        out = write(cache, slots, completes(lens), pool(kv[table.long().gather(1, pos // P), pos % P], self.w))
        if self.how == "shift_in_step":
            self.off2.sub_(1)
        return out


AL = [
    ("bound_al_shift_in_step", _sc(lambda: _AliasLayer(build().args[1], "shift_in_step"), _bound_inputs_al, None, MODES3),
     "off (arange(l)) and off2 = off.view(2, l/2) both buffers; the step adds 1 through off2, reads off, subtracts"),
]


ATTACKS = BW + TB + AL + ML + CP + MX + LP + FP

_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _EF = "CONTROL DIFFERS", "EAGER FAILS"
# First try on the frozen tree (/tmp/base42 = a8f3579), 18:41-19:10 UTC 2026-12-05: (attack, dialect, mode, result).
# "inductor" (real Inductor codegen, nsa_fusion_backend) rows are confirmation runs.
_FIRST = [
    ('bound_bw_plain_off_add', 'inductor_graph', 'static', _EQ),
    ('bound_bw_plain_off_add', 'inductor_graph', 'batch', _EQ),
    ('bound_bw_plain_off_add', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bw_index_put_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_put_off_add', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_put_off_add', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_index_put_acc_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_put_acc_off_add', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_put_acc_off_add', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_index_copy_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_copy_off_add', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_copy_off_add', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_scatter_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_scatter_off_add', 'inductor_graph', 'batch', _FF),
    ('bound_bw_scatter_off_add', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_setitem_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_setitem_off_add', 'inductor_graph', 'batch', _FF),
    ('bound_bw_setitem_off_add', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_index_put_off_flip', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_put_off_flip', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_put_off_flip', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_index_put_off_data', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_put_off_data', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_put_off_data', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_index_put_off_view', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_put_off_view', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_put_off_view', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_index_put_off_state_dict', 'inductor_graph', 'static', _FF),
    ('bound_bw_index_put_off_state_dict', 'inductor_graph', 'batch', _FF),
    ('bound_bw_index_put_off_state_dict', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_scatter_stride_half', 'inductor_graph', 'static', _FF),
    ('bound_bw_scatter_stride_half', 'inductor_graph', 'batch', _FF),
    ('bound_bw_scatter_stride_half', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_plain_stride_half', 'inductor_graph', 'static', _EQ),
    ('bound_bw_plain_stride_half', 'inductor_graph', 'batch', _EQ),
    ('bound_bw_plain_stride_half', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bw_scale_attr_index_put', 'inductor_graph', 'dynamic', _R),
    ('bound_bw_two_layers_second_via_write', 'inductor_graph', 'static', _FF),
    ('bound_bw_two_layers_second_via_write', 'inductor_graph', 'batch', _FF),
    ('bound_bw_two_layers_second_via_write', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_two_layers_first_via_write', 'inductor_graph', 'static', _FF),
    ('bound_bw_two_layers_first_via_write', 'inductor_graph', 'batch', _FF),
    ('bound_bw_two_layers_first_via_write', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_three_layers_shared_cache', 'inductor_graph', 'static', _EQ),
    ('bound_bw_three_layers_shared_cache', 'inductor_graph', 'batch', _EQ),
    ('bound_bw_three_layers_shared_cache', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bw_two_layers_unchanged', 'inductor_graph', 'static', _EQ),
    ('bound_bw_two_layers_unchanged', 'inductor_graph', 'batch', _EQ),
    ('bound_bw_two_layers_unchanged', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bw_three_layers_shared_cache_last', 'inductor_graph', 'static', _FF),
    ('bound_bw_three_layers_shared_cache_last', 'inductor_graph', 'batch', _FF),
    ('bound_bw_three_layers_shared_cache_last', 'inductor_graph', 'dynamic', _FF),
    ('bound_bw_item_stride_half', 'inductor_graph', 'static', _FF),
    ('bound_bw_item_stride_half', 'inductor_graph', 'batch', _R),
    ('bound_bw_item_stride_half', 'inductor_graph', 'dynamic', _R),
    ('bound_bw_item0_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_item0_off_add', 'inductor_graph', 'batch', _R),
    ('bound_bw_item0_off_add', 'inductor_graph', 'dynamic', _R),
    ('bound_bw_full_item_off_add', 'inductor_graph', 'static', _FF),
    ('bound_bw_full_item_off_add', 'inductor_graph', 'batch', _R),
    ('bound_bw_full_item_off_add', 'inductor_graph', 'dynamic', _R),
    ('cp_shared_idx', 'inductor_graph', 'static', _R),
    ('cp_shared_idx', 'inductor_graph', 'batch', _R),
    ('cp_shared_idx', 'inductor_graph', 'dynamic', _R),
    ('cp_idx_returned', 'inductor_graph', 'static', _R),
    ('cp_idx_returned', 'inductor_graph', 'batch', _R),
    ('cp_idx_returned', 'inductor_graph', 'dynamic', _R),
    ('cp_idx_other_reader', 'inductor_graph', 'static', _R),
    ('cp_idx_other_reader', 'inductor_graph', 'batch', _R),
    ('cp_idx_other_reader', 'inductor_graph', 'dynamic', _R),
    ('cp_mask_then_nonzero', 'inductor_graph', 'static', _R),
    ('cp_mask_then_nonzero', 'inductor_graph', 'batch', _R),
    ('cp_mask_then_nonzero', 'inductor_graph', 'dynamic', _R),
    ('cp_layer1_select_layer0_compact', 'inductor_graph', 'static', _EQ),
    ('cp_layer1_select_layer0_compact', 'inductor_graph', 'batch', _EQ),
    ('cp_layer1_select_layer0_compact', 'inductor_graph', 'dynamic', _EQ),
    ('cp_two_masks_other_stride', 'inductor_graph', 'static', _R),
    ('cp_two_masks_other_stride', 'inductor_graph', 'batch', _R),
    ('cp_two_masks_other_stride', 'inductor_graph', 'dynamic', _R),
    ('cp_same_cache_then_select', 'inductor_graph', 'static', _EQ),
    ('cp_same_cache_then_select', 'inductor_graph', 'batch', _EQ),
    ('cp_same_cache_then_select', 'inductor_graph', 'dynamic', _EQ),
    ('bound_bw_into_buffer_off_add', 'inductor_graph', 'static', _R),
    ('bound_bw_into_buffer_off_add', 'inductor_graph', 'batch', _R),
    ('bound_bw_into_buffer_off_add', 'inductor_graph', 'dynamic', _R),
    ('cp_whole_twice', 'inductor_graph', 'static', _R),
    ('cp_whole_twice', 'inductor_graph', 'batch', _R),
    ('cp_whole_twice', 'inductor_graph', 'dynamic', _R),
    ('cp_whole_and_fresh', 'inductor_graph', 'static', _R),
    ('cp_whole_and_fresh', 'inductor_graph', 'batch', _R),
    ('cp_whole_and_fresh', 'inductor_graph', 'dynamic', _R),
    ('bound_bw_scale_attr_each_index_put', 'inductor_graph', 'dynamic', _R),
    ('bound_bw_scale_attr_each_plain', 'inductor_graph', 'dynamic', _EQ),
    ('bound_tb_plain_rows_swapped', 'inductor_graph', 'static', _R),
    ('bound_tb_plain_rows_swapped', 'inductor_graph', 'batch', _R),
    ('bound_tb_plain_rows_swapped', 'inductor_graph', 'dynamic', _R),
    ('bound_tb_index_copy_rows_swapped', 'inductor_graph', 'static', _R),
    ('bound_tb_index_copy_rows_swapped', 'inductor_graph', 'batch', _R),
    ('bound_tb_index_copy_rows_swapped', 'inductor_graph', 'dynamic', _R),
    ('bound_tb_scatter_rows_swapped', 'inductor_graph', 'static', _R),
    ('bound_tb_scatter_rows_swapped', 'inductor_graph', 'batch', _R),
    ('bound_tb_scatter_rows_swapped', 'inductor_graph', 'dynamic', _R),
    ('ml_halves_slice', 'inductor_graph', 'static', _EQ),
    ('ml_halves_slice', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_slice', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_view', 'inductor_graph', 'static', _EQ),
    ('ml_halves_view', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_view', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_unbind', 'inductor_graph', 'static', _EQ),
    ('ml_halves_unbind', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_unbind', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_chunk', 'inductor_graph', 'static', _EQ),
    ('ml_halves_chunk', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_chunk', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_narrow', 'inductor_graph', 'static', _EQ),
    ('ml_halves_narrow', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_narrow', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_overlap', 'inductor_graph', 'static', _EQ),
    ('ml_halves_overlap', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_overlap', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_same_rows_two_views', 'inductor_graph', 'static', _EQ),
    ('ml_halves_same_rows_two_views', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_same_rows_two_views', 'inductor_graph', 'dynamic', _EQ),
    ('ml_halves_strided', 'inductor_graph', 'static', _EQ),
    ('ml_halves_strided', 'inductor_graph', 'batch', _EQ),
    ('ml_halves_strided', 'inductor_graph', 'dynamic', _EQ),
    ('ml_mid_read_gather', 'inductor_graph', 'static', _EQ),
    ('ml_mid_read_gather', 'inductor_graph', 'batch', _EQ),
    ('ml_mid_read_gather', 'inductor_graph', 'dynamic', _EQ),
    ('ml_mid_read_view', 'inductor_graph', 'static', _EQ),
    ('ml_mid_read_view', 'inductor_graph', 'batch', _EQ),
    ('ml_mid_read_view', 'inductor_graph', 'dynamic', _EQ),
    ('ml_mid_read_sum', 'inductor_graph', 'static', _EQ),
    ('ml_mid_read_sum', 'inductor_graph', 'batch', _EQ),
    ('ml_mid_read_sum', 'inductor_graph', 'dynamic', _EQ),
    ('ml_mid_read_clone', 'inductor_graph', 'static', _EQ),
    ('ml_mid_read_clone', 'inductor_graph', 'batch', _EQ),
    ('ml_mid_read_clone', 'inductor_graph', 'dynamic', _EQ),
    ('ml_functional_then_inplace', 'inductor_graph', 'static', _EQ),
    ('ml_functional_then_inplace', 'inductor_graph', 'batch', _EQ),
    ('ml_functional_then_inplace', 'inductor_graph', 'dynamic', _EQ),
    ('ml_functional_chain_both_returned', 'inductor_graph', 'static', _EQ),
    ('ml_functional_chain_both_returned', 'inductor_graph', 'batch', _EQ),
    ('ml_functional_chain_both_returned', 'inductor_graph', 'dynamic', _EQ),
    ('ml_functional_copy_back_first', 'inductor_graph', 'static', _EQ),
    ('ml_functional_copy_back_first', 'inductor_graph', 'batch', _EQ),
    ('ml_functional_copy_back_first', 'inductor_graph', 'dynamic', _EQ),
    ('ml_functional_copy_back_second', 'inductor_graph', 'static', _EQ),
    ('ml_functional_copy_back_second', 'inductor_graph', 'batch', _EQ),
    ('ml_functional_copy_back_second', 'inductor_graph', 'dynamic', _EQ),
    ('ml_functional_clone_then_inplace', 'inductor_graph', 'static', _EQ),
    ('ml_functional_clone_then_inplace', 'inductor_graph', 'batch', _EQ),
    ('ml_functional_clone_then_inplace', 'inductor_graph', 'dynamic', _EQ),
    ('ml_append_in_window_from_layer0', 'inductor_graph', 'static', _EQ),
    ('ml_append_in_window_from_layer0', 'inductor_graph', 'batch', _EQ),
    ('ml_append_in_window_from_layer0', 'inductor_graph', 'dynamic', _EQ),
    ('ml_append_in_window_before', 'inductor_graph', 'static', _EQ),
    ('ml_append_in_window_before', 'inductor_graph', 'batch', _EQ),
    ('ml_append_in_window_before', 'inductor_graph', 'dynamic', _EQ),
    ('ml_append_next_token_between', 'inductor_graph', 'static', _EQ),
    ('ml_append_next_token_between', 'inductor_graph', 'batch', _EQ),
    ('ml_append_next_token_between', 'inductor_graph', 'dynamic', _EQ),
    ('ml_append_first_token_between', 'inductor_graph', 'static', _EQ),
    ('ml_append_first_token_between', 'inductor_graph', 'batch', _EQ),
    ('ml_append_first_token_between', 'inductor_graph', 'dynamic', _EQ),
    ('ml_append_two_same_token', 'inductor_graph', 'static', _EQ),
    ('ml_append_two_same_token', 'inductor_graph', 'batch', _EQ),
    ('ml_append_two_same_token', 'inductor_graph', 'dynamic', _EQ),
    ('ml_stacked_joint', 'inductor_graph', 'static', _EQ),
    ('ml_stacked_joint', 'inductor_graph', 'batch', _EQ),
    ('ml_stacked_joint', 'inductor_graph', 'dynamic', _EQ),
    ('ml_stacked_joint_then_k_again', 'inductor_graph', 'static', _EQ),
    ('ml_stacked_joint_then_k_again', 'inductor_graph', 'batch', _EQ),
    ('ml_stacked_joint_then_k_again', 'inductor_graph', 'dynamic', _EQ),
    ('ml_stacked_v_from_k_half', 'inductor_graph', 'static', _EQ),
    ('ml_stacked_v_from_k_half', 'inductor_graph', 'batch', _EQ),
    ('ml_stacked_v_from_k_half', 'inductor_graph', 'dynamic', _EQ),
    ('ml_stacked_halves_swapped_keep', 'inductor_graph', 'static', _R),
    ('ml_stacked_halves_swapped_keep', 'inductor_graph', 'batch', _R),
    ('ml_stacked_halves_swapped_keep', 'inductor_graph', 'dynamic', _R),
    ('ml_stacked_kv_stacked_input', 'inductor_graph', 'static', _EQ),
    ('ml_stacked_kv_stacked_input', 'inductor_graph', 'batch', _EQ),
    ('ml_stacked_kv_stacked_input', 'inductor_graph', 'dynamic', _EQ),
    ('ml_heads_halves_k_then_v', 'inductor_graph', 'static', _EQ),
    ('ml_heads_halves_k_then_v', 'inductor_graph', 'batch', _EQ),
    ('ml_heads_halves_k_then_v', 'inductor_graph', 'dynamic', _EQ),
    ('ml_heads_halves_v_keeps_k', 'inductor_graph', 'static', _EQ),
    ('ml_heads_halves_v_keeps_k', 'inductor_graph', 'batch', _EQ),
    ('ml_heads_halves_v_keeps_k', 'inductor_graph', 'dynamic', _EQ),
    ('mx_fused_then_refused', 'inductor_graph', 'static', _EQ),
    ('mx_fused_then_refused', 'inductor_graph', 'batch', _EQ),
    ('mx_fused_then_refused', 'inductor_graph', 'dynamic', _EQ),
    ('mx_refused_then_fused', 'inductor_graph', 'static', _EQ),
    ('mx_refused_then_fused', 'inductor_graph', 'batch', _EQ),
    ('mx_refused_then_fused', 'inductor_graph', 'dynamic', _EQ),
    ('mx_refused_reads_fused_rows', 'inductor_graph', 'static', _EQ),
    ('mx_refused_reads_fused_rows', 'inductor_graph', 'batch', _EQ),
    ('mx_refused_reads_fused_rows', 'inductor_graph', 'dynamic', _EQ),
    ('mx_fused_keeps_refused_rows_other_slots', 'inductor_graph', 'static', _R),
    ('mx_fused_keeps_refused_rows_other_slots', 'inductor_graph', 'batch', _R),
    ('mx_fused_keeps_refused_rows_other_slots', 'inductor_graph', 'dynamic', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'inductor_graph', 'static', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'inductor_graph', 'batch', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'inductor_graph', 'dynamic', _R),
    ('lp_two_layers_each_plus_one', 'inductor_graph', 'static', _R),
    ('lp_two_layers_each_plus_one', 'inductor_graph', 'batch', _R),
    ('lp_two_layers_each_plus_one', 'inductor_graph', 'dynamic', _R),
    ('lp_shared_s', 'inductor_graph', 'static', _R),
    ('lp_shared_s', 'inductor_graph', 'batch', _R),
    ('lp_shared_s', 'inductor_graph', 'dynamic', _R),
    ('lp_layer1_condition_on_s_only', 'inductor_graph', 'static', _EQ),
    ('lp_layer1_condition_on_s_only', 'inductor_graph', 'batch', _EQ),
    ('lp_layer1_condition_on_s_only', 'inductor_graph', 'dynamic', _EQ),
    ('lp_layer1_p_as_lengths', 'inductor_graph', 'static', _EQ),
    ('lp_layer1_p_as_lengths', 'inductor_graph', 'batch', _EQ),
    ('lp_layer1_p_as_lengths', 'inductor_graph', 'dynamic', _EQ),
    ('lp64_two_layers_each_plus_one', 'inductor_graph', 'static', _EQ),
    ('lp64_two_layers_each_plus_one', 'inductor_graph', 'batch', _EQ),
    ('lp64_two_layers_each_plus_one', 'inductor_graph', 'dynamic', _EQ),
    ('lp64_shared_s', 'inductor_graph', 'static', _EQ),
    ('lp64_shared_s', 'inductor_graph', 'batch', _EQ),
    ('lp64_shared_s', 'inductor_graph', 'dynamic', _EQ),
    ('lp64_layer1_condition_on_s_only', 'inductor_graph', 'static', _EQ),
    ('lp64_layer1_condition_on_s_only', 'inductor_graph', 'batch', _EQ),
    ('lp64_layer1_condition_on_s_only', 'inductor_graph', 'dynamic', _EQ),
    ('lp64_layer1_p_as_lengths', 'inductor_graph', 'static', _EQ),
    ('lp64_layer1_p_as_lengths', 'inductor_graph', 'batch', _EQ),
    ('lp64_layer1_p_as_lengths', 'inductor_graph', 'dynamic', _EQ),
    ('mx_second_layer_shifted_slots', 'inductor_graph', 'static', _EQ),
    ('mx_second_layer_shifted_slots', 'inductor_graph', 'batch', _EQ),
    ('mx_second_layer_shifted_slots', 'inductor_graph', 'dynamic', _EQ),
    ('mx_second_half_mod', 'inductor_graph', 'static', _EQ),
    ('mx_second_half_mod', 'inductor_graph', 'batch', _EQ),
    ('mx_second_half_mod', 'inductor_graph', 'dynamic', _EQ),
    ('fp_two_layers', 'inductor_graph', 'static', _EQ),
    ('fp_two_layers', 'inductor_graph', 'batch', _EQ),
    ('fp_two_layers', 'inductor_graph', 'dynamic', _EQ),
    ('fp_append_between', 'inductor_graph', 'static', _EQ),
    ('fp_append_between', 'inductor_graph', 'batch', _EQ),
    ('fp_append_between', 'inductor_graph', 'dynamic', _EQ),
    ('bound_al_shift_in_step', 'inductor_graph', 'static', _R),
    ('bound_al_shift_in_step', 'inductor_graph', 'batch', _R),
    ('bound_al_shift_in_step', 'inductor_graph', 'dynamic', _R),
    ('bound_bw_plain_off_add', 'torchair_like', 'static', _EQ),
    ('bound_bw_plain_off_add', 'torchair_like', 'batch', _EQ),
    ('bound_bw_plain_off_add', 'torchair_like', 'dynamic', _EQ),
    ('bound_bw_index_put_off_add', 'torchair_like', 'static', _FF),
    ('bound_bw_index_put_off_add', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_put_off_add', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_index_put_acc_off_add', 'torchair_like', 'static', _FF),
    ('bound_bw_index_put_acc_off_add', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_put_acc_off_add', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_index_copy_off_add', 'torchair_like', 'static', _FF),
    ('bound_bw_index_copy_off_add', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_copy_off_add', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_scatter_off_add', 'torchair_like', 'static', _FF),
    ('bound_bw_scatter_off_add', 'torchair_like', 'batch', _FF),
    ('bound_bw_scatter_off_add', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_setitem_off_add', 'torchair_like', 'static', _FF),
    ('bound_bw_setitem_off_add', 'torchair_like', 'batch', _FF),
    ('bound_bw_setitem_off_add', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_index_put_off_flip', 'torchair_like', 'static', _FF),
    ('bound_bw_index_put_off_flip', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_put_off_flip', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_index_put_off_data', 'torchair_like', 'static', _FF),
    ('bound_bw_index_put_off_data', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_put_off_data', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_index_put_off_view', 'torchair_like', 'static', _FF),
    ('bound_bw_index_put_off_view', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_put_off_view', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_index_put_off_state_dict', 'torchair_like', 'static', _FF),
    ('bound_bw_index_put_off_state_dict', 'torchair_like', 'batch', _FF),
    ('bound_bw_index_put_off_state_dict', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_scatter_stride_half', 'torchair_like', 'static', _FF),
    ('bound_bw_scatter_stride_half', 'torchair_like', 'batch', _FF),
    ('bound_bw_scatter_stride_half', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_plain_stride_half', 'torchair_like', 'static', _EQ),
    ('bound_bw_plain_stride_half', 'torchair_like', 'batch', _EQ),
    ('bound_bw_plain_stride_half', 'torchair_like', 'dynamic', _EQ),
    ('bound_bw_scale_attr_index_put', 'torchair_like', 'dynamic', _R),
    ('bound_bw_two_layers_second_via_write', 'torchair_like', 'static', _FF),
    ('bound_bw_two_layers_second_via_write', 'torchair_like', 'batch', _FF),
    ('bound_bw_two_layers_second_via_write', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_two_layers_first_via_write', 'torchair_like', 'static', _FF),
    ('bound_bw_two_layers_first_via_write', 'torchair_like', 'batch', _FF),
    ('bound_bw_two_layers_first_via_write', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_three_layers_shared_cache', 'torchair_like', 'static', _EQ),
    ('bound_bw_three_layers_shared_cache', 'torchair_like', 'batch', _EQ),
    ('bound_bw_three_layers_shared_cache', 'torchair_like', 'dynamic', _EQ),
    ('bound_bw_three_layers_shared_cache_last', 'torchair_like', 'static', _FF),
    ('bound_bw_three_layers_shared_cache_last', 'torchair_like', 'batch', _FF),
    ('bound_bw_three_layers_shared_cache_last', 'torchair_like', 'dynamic', _FF),
    ('bound_bw_two_layers_unchanged', 'torchair_like', 'static', _EQ),
    ('bound_bw_two_layers_unchanged', 'torchair_like', 'batch', _EQ),
    ('bound_bw_two_layers_unchanged', 'torchair_like', 'dynamic', _EQ),
    ('bound_bw_item_stride_half', 'torchair_like', 'static', _FF),
    ('bound_bw_item_stride_half', 'torchair_like', 'batch', _R),
    ('bound_bw_item_stride_half', 'torchair_like', 'dynamic', _R),
    ('bound_bw_item0_off_add', 'torchair_like', 'static', _FF),
    ('bound_bw_item0_off_add', 'torchair_like', 'batch', _R),
    ('bound_bw_item0_off_add', 'torchair_like', 'dynamic', _R),
    ('bound_bw_full_item_off_add', 'torchair_like', 'static', _R),
    ('bound_bw_full_item_off_add', 'torchair_like', 'batch', _R),
    ('bound_bw_full_item_off_add', 'torchair_like', 'dynamic', _R),
    ('cp_shared_idx', 'torchair_like', 'static', _R),
    ('cp_shared_idx', 'torchair_like', 'batch', _R),
    ('cp_shared_idx', 'torchair_like', 'dynamic', _R),
    ('cp_idx_returned', 'torchair_like', 'static', _R),
    ('cp_idx_returned', 'torchair_like', 'batch', _R),
    ('cp_idx_returned', 'torchair_like', 'dynamic', _R),
    ('cp_idx_other_reader', 'torchair_like', 'static', _R),
    ('cp_idx_other_reader', 'torchair_like', 'batch', _R),
    ('cp_idx_other_reader', 'torchair_like', 'dynamic', _R),
    ('cp_mask_then_nonzero', 'torchair_like', 'static', _R),
    ('cp_mask_then_nonzero', 'torchair_like', 'batch', _R),
    ('cp_mask_then_nonzero', 'torchair_like', 'dynamic', _R),
    ('cp_layer1_select_layer0_compact', 'torchair_like', 'static', _EQ),
    ('cp_layer1_select_layer0_compact', 'torchair_like', 'batch', _EQ),
    ('cp_layer1_select_layer0_compact', 'torchair_like', 'dynamic', _EQ),
    ('cp_two_masks_other_stride', 'torchair_like', 'static', _R),
    ('cp_two_masks_other_stride', 'torchair_like', 'batch', _R),
    ('cp_two_masks_other_stride', 'torchair_like', 'dynamic', _R),
    ('cp_same_cache_then_select', 'torchair_like', 'static', _EQ),
    ('cp_same_cache_then_select', 'torchair_like', 'batch', _EQ),
    ('cp_same_cache_then_select', 'torchair_like', 'dynamic', _EQ),
    ('bound_bw_into_buffer_off_add', 'torchair_like', 'static', _R),
    ('bound_bw_into_buffer_off_add', 'torchair_like', 'batch', _R),
    ('bound_bw_into_buffer_off_add', 'torchair_like', 'dynamic', _R),
    ('cp_whole_twice', 'torchair_like', 'static', _R),
    ('cp_whole_twice', 'torchair_like', 'batch', _R),
    ('cp_whole_twice', 'torchair_like', 'dynamic', _R),
    ('cp_whole_and_fresh', 'torchair_like', 'static', _R),
    ('cp_whole_and_fresh', 'torchair_like', 'batch', _R),
    ('cp_whole_and_fresh', 'torchair_like', 'dynamic', _R),
    ('bound_bw_scale_attr_each_index_put', 'torchair_like', 'dynamic', _R),
    ('bound_bw_scale_attr_each_plain', 'torchair_like', 'dynamic', _R),
    ('bound_tb_plain_rows_swapped', 'torchair_like', 'static', _R),
    ('bound_tb_plain_rows_swapped', 'torchair_like', 'batch', _R),
    ('bound_tb_plain_rows_swapped', 'torchair_like', 'dynamic', _R),
    ('bound_tb_index_copy_rows_swapped', 'torchair_like', 'static', _R),
    ('bound_tb_index_copy_rows_swapped', 'torchair_like', 'batch', _R),
    ('bound_tb_index_copy_rows_swapped', 'torchair_like', 'dynamic', _R),
    ('bound_tb_scatter_rows_swapped', 'torchair_like', 'static', _R),
    ('bound_tb_scatter_rows_swapped', 'torchair_like', 'batch', _R),
    ('bound_tb_scatter_rows_swapped', 'torchair_like', 'dynamic', _R),
    ('ml_halves_slice', 'torchair_like', 'static', _EQ),
    ('ml_halves_slice', 'torchair_like', 'batch', _EQ),
    ('ml_halves_slice', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_view', 'torchair_like', 'static', _EQ),
    ('ml_halves_view', 'torchair_like', 'batch', _EQ),
    ('ml_halves_view', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_unbind', 'torchair_like', 'static', _EQ),
    ('ml_halves_unbind', 'torchair_like', 'batch', _EQ),
    ('ml_halves_unbind', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_chunk', 'torchair_like', 'static', _EQ),
    ('ml_halves_chunk', 'torchair_like', 'batch', _EQ),
    ('ml_halves_chunk', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_narrow', 'torchair_like', 'static', _EQ),
    ('ml_halves_narrow', 'torchair_like', 'batch', _EQ),
    ('ml_halves_narrow', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_overlap', 'torchair_like', 'static', _EQ),
    ('ml_halves_overlap', 'torchair_like', 'batch', _EQ),
    ('ml_halves_overlap', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_same_rows_two_views', 'torchair_like', 'static', _EQ),
    ('ml_halves_same_rows_two_views', 'torchair_like', 'batch', _EQ),
    ('ml_halves_same_rows_two_views', 'torchair_like', 'dynamic', _EQ),
    ('ml_halves_strided', 'torchair_like', 'static', _EQ),
    ('ml_halves_strided', 'torchair_like', 'batch', _EQ),
    ('ml_halves_strided', 'torchair_like', 'dynamic', _EQ),
    ('ml_mid_read_gather', 'torchair_like', 'static', _EQ),
    ('ml_mid_read_gather', 'torchair_like', 'batch', _EQ),
    ('ml_mid_read_gather', 'torchair_like', 'dynamic', _EQ),
    ('ml_mid_read_view', 'torchair_like', 'static', _EQ),
    ('ml_mid_read_view', 'torchair_like', 'batch', _EQ),
    ('ml_mid_read_view', 'torchair_like', 'dynamic', _EQ),
    ('ml_mid_read_sum', 'torchair_like', 'static', _EQ),
    ('ml_mid_read_sum', 'torchair_like', 'batch', _EQ),
    ('ml_mid_read_sum', 'torchair_like', 'dynamic', _EQ),
    ('ml_mid_read_clone', 'torchair_like', 'static', _EQ),
    ('ml_mid_read_clone', 'torchair_like', 'batch', _EQ),
    ('ml_mid_read_clone', 'torchair_like', 'dynamic', _EQ),
    ('ml_functional_then_inplace', 'torchair_like', 'static', _EQ),
    ('ml_functional_then_inplace', 'torchair_like', 'batch', _EQ),
    ('ml_functional_then_inplace', 'torchair_like', 'dynamic', _EQ),
    ('ml_functional_chain_both_returned', 'torchair_like', 'static', _EQ),
    ('ml_functional_chain_both_returned', 'torchair_like', 'batch', _EQ),
    ('ml_functional_chain_both_returned', 'torchair_like', 'dynamic', _EQ),
    ('ml_functional_copy_back_first', 'torchair_like', 'static', _EQ),
    ('ml_functional_copy_back_first', 'torchair_like', 'batch', _EQ),
    ('ml_functional_copy_back_first', 'torchair_like', 'dynamic', _EQ),
    ('ml_functional_copy_back_second', 'torchair_like', 'static', _EQ),
    ('ml_functional_copy_back_second', 'torchair_like', 'batch', _EQ),
    ('ml_functional_copy_back_second', 'torchair_like', 'dynamic', _EQ),
    ('ml_functional_clone_then_inplace', 'torchair_like', 'static', _EQ),
    ('ml_functional_clone_then_inplace', 'torchair_like', 'batch', _EQ),
    ('ml_functional_clone_then_inplace', 'torchair_like', 'dynamic', _EQ),
    ('ml_append_in_window_from_layer0', 'torchair_like', 'static', _EQ),
    ('ml_append_in_window_from_layer0', 'torchair_like', 'batch', _EQ),
    ('ml_append_in_window_from_layer0', 'torchair_like', 'dynamic', _EQ),
    ('ml_append_in_window_before', 'torchair_like', 'static', _EQ),
    ('ml_append_in_window_before', 'torchair_like', 'batch', _EQ),
    ('ml_append_in_window_before', 'torchair_like', 'dynamic', _EQ),
    ('ml_append_next_token_between', 'torchair_like', 'static', _EQ),
    ('ml_append_next_token_between', 'torchair_like', 'batch', _EQ),
    ('ml_append_next_token_between', 'torchair_like', 'dynamic', _EQ),
    ('ml_append_first_token_between', 'torchair_like', 'static', _EQ),
    ('ml_append_first_token_between', 'torchair_like', 'batch', _EQ),
    ('ml_append_first_token_between', 'torchair_like', 'dynamic', _EQ),
    ('ml_append_two_same_token', 'torchair_like', 'static', _EQ),
    ('ml_append_two_same_token', 'torchair_like', 'batch', _EQ),
    ('ml_append_two_same_token', 'torchair_like', 'dynamic', _EQ),
    ('ml_stacked_joint', 'torchair_like', 'static', _EQ),
    ('ml_stacked_joint', 'torchair_like', 'batch', _EQ),
    ('ml_stacked_joint', 'torchair_like', 'dynamic', _EQ),
    ('ml_stacked_joint_then_k_again', 'torchair_like', 'static', _EQ),
    ('ml_stacked_joint_then_k_again', 'torchair_like', 'batch', _EQ),
    ('ml_stacked_joint_then_k_again', 'torchair_like', 'dynamic', _EQ),
    ('ml_stacked_v_from_k_half', 'torchair_like', 'static', _EQ),
    ('ml_stacked_v_from_k_half', 'torchair_like', 'batch', _EQ),
    ('ml_stacked_v_from_k_half', 'torchair_like', 'dynamic', _EQ),
    ('ml_stacked_halves_swapped_keep', 'torchair_like', 'static', _R),
    ('ml_stacked_halves_swapped_keep', 'torchair_like', 'batch', _R),
    ('ml_stacked_halves_swapped_keep', 'torchair_like', 'dynamic', _R),
    ('ml_stacked_kv_stacked_input', 'torchair_like', 'static', _EQ),
    ('ml_stacked_kv_stacked_input', 'torchair_like', 'batch', _EQ),
    ('ml_stacked_kv_stacked_input', 'torchair_like', 'dynamic', _EQ),
    ('ml_heads_halves_k_then_v', 'torchair_like', 'static', _EQ),
    ('ml_heads_halves_k_then_v', 'torchair_like', 'batch', _EQ),
    ('ml_heads_halves_k_then_v', 'torchair_like', 'dynamic', _EQ),
    ('ml_heads_halves_v_keeps_k', 'torchair_like', 'static', _EQ),
    ('ml_heads_halves_v_keeps_k', 'torchair_like', 'batch', _EQ),
    ('ml_heads_halves_v_keeps_k', 'torchair_like', 'dynamic', _EQ),
    ('mx_fused_then_refused', 'torchair_like', 'static', _EQ),
    ('mx_fused_then_refused', 'torchair_like', 'batch', _EQ),
    ('mx_fused_then_refused', 'torchair_like', 'dynamic', _EQ),
    ('mx_refused_then_fused', 'torchair_like', 'static', _EQ),
    ('mx_refused_then_fused', 'torchair_like', 'batch', _EQ),
    ('mx_refused_then_fused', 'torchair_like', 'dynamic', _EQ),
    ('mx_refused_reads_fused_rows', 'torchair_like', 'static', _EQ),
    ('mx_refused_reads_fused_rows', 'torchair_like', 'batch', _EQ),
    ('mx_refused_reads_fused_rows', 'torchair_like', 'dynamic', _EQ),
    ('mx_fused_keeps_refused_rows_other_slots', 'torchair_like', 'static', _R),
    ('mx_fused_keeps_refused_rows_other_slots', 'torchair_like', 'batch', _R),
    ('mx_fused_keeps_refused_rows_other_slots', 'torchair_like', 'dynamic', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'torchair_like', 'static', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'torchair_like', 'batch', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'torchair_like', 'dynamic', _R),
    ('lp_two_layers_each_plus_one', 'torchair_like', 'static', _R),
    ('lp_two_layers_each_plus_one', 'torchair_like', 'batch', _R),
    ('lp_two_layers_each_plus_one', 'torchair_like', 'dynamic', _R),
    ('lp_shared_s', 'torchair_like', 'static', _R),
    ('lp_shared_s', 'torchair_like', 'batch', _R),
    ('lp_shared_s', 'torchair_like', 'dynamic', _R),
    ('lp_layer1_condition_on_s_only', 'torchair_like', 'static', _EQ),
    ('lp_layer1_condition_on_s_only', 'torchair_like', 'batch', _EQ),
    ('lp_layer1_condition_on_s_only', 'torchair_like', 'dynamic', _EQ),
    ('lp_layer1_p_as_lengths', 'torchair_like', 'static', _EQ),
    ('lp_layer1_p_as_lengths', 'torchair_like', 'batch', _EQ),
    ('lp_layer1_p_as_lengths', 'torchair_like', 'dynamic', _EQ),
    ('lp64_two_layers_each_plus_one', 'torchair_like', 'static', _EQ),
    ('lp64_two_layers_each_plus_one', 'torchair_like', 'batch', _EQ),
    ('lp64_two_layers_each_plus_one', 'torchair_like', 'dynamic', _EQ),
    ('lp64_shared_s', 'torchair_like', 'static', _EQ),
    ('lp64_shared_s', 'torchair_like', 'batch', _EQ),
    ('lp64_shared_s', 'torchair_like', 'dynamic', _EQ),
    ('lp64_layer1_condition_on_s_only', 'torchair_like', 'static', _EQ),
    ('lp64_layer1_condition_on_s_only', 'torchair_like', 'batch', _EQ),
    ('lp64_layer1_condition_on_s_only', 'torchair_like', 'dynamic', _EQ),
    ('lp64_layer1_p_as_lengths', 'torchair_like', 'static', _EQ),
    ('lp64_layer1_p_as_lengths', 'torchair_like', 'batch', _EQ),
    ('lp64_layer1_p_as_lengths', 'torchair_like', 'dynamic', _EQ),
    ('mx_second_layer_shifted_slots', 'torchair_like', 'static', _EQ),
    ('mx_second_layer_shifted_slots', 'torchair_like', 'batch', _EQ),
    ('mx_second_layer_shifted_slots', 'torchair_like', 'dynamic', _EQ),
    ('mx_second_half_mod', 'torchair_like', 'static', _EQ),
    ('mx_second_half_mod', 'torchair_like', 'batch', _EQ),
    ('mx_second_half_mod', 'torchair_like', 'dynamic', _EQ),
    ('fp_two_layers', 'torchair_like', 'static', _EQ),
    ('fp_two_layers', 'torchair_like', 'batch', _EQ),
    ('fp_two_layers', 'torchair_like', 'dynamic', _EQ),
    ('fp_append_between', 'torchair_like', 'static', _EQ),
    ('fp_append_between', 'torchair_like', 'batch', _EQ),
    ('fp_append_between', 'torchair_like', 'dynamic', _EQ),
    ('bound_al_shift_in_step', 'torchair_like', 'static', _R),
    ('bound_al_shift_in_step', 'torchair_like', 'batch', _R),
    ('bound_al_shift_in_step', 'torchair_like', 'dynamic', _R),
    ('bound_bw_plain_off_add', 'inductor', 'static', _EQ),
    ('bound_bw_index_put_off_add', 'inductor', 'static', _FF),
    ('bound_bw_index_put_acc_off_add', 'inductor', 'static', _FF),
    ('bound_bw_index_copy_off_add', 'inductor', 'static', _FF),
    ('bound_bw_scatter_off_add', 'inductor', 'static', _FF),
    ('bound_bw_setitem_off_add', 'inductor', 'static', _FF),
    ('bound_bw_into_buffer_off_add', 'inductor', 'static', _R),
    ('bound_bw_index_put_off_flip', 'inductor', 'static', _FF),
    ('bound_bw_index_put_off_data', 'inductor', 'static', _FF),
    ('bound_bw_index_put_off_view', 'inductor', 'static', _FF),
    ('bound_bw_index_put_off_state_dict', 'inductor', 'static', _FF),
    ('bound_bw_scatter_stride_half', 'inductor', 'static', _FF),
    ('bound_bw_item_stride_half', 'inductor', 'static', _FF),
    ('bound_bw_item0_off_add', 'inductor', 'static', _FF),
    ('bound_bw_full_item_off_add', 'inductor', 'static', _FF),
    ('bound_bw_plain_stride_half', 'inductor', 'static', _EQ),
    ('bound_bw_two_layers_second_via_write', 'inductor', 'static', _FF),
    ('bound_bw_two_layers_first_via_write', 'inductor', 'static', _FF),
    ('bound_bw_three_layers_shared_cache', 'inductor', 'static', _EQ),
    ('bound_bw_three_layers_shared_cache_last', 'inductor', 'static', _FF),
    ('bound_bw_two_layers_unchanged', 'inductor', 'static', _EQ),
    ('bound_bw_index_put_off_add', 'inductor', 'batch', _FF),
    ('bound_bw_scatter_stride_half', 'inductor', 'batch', _FF),
    ('bound_bw_index_put_off_add', 'inductor', 'dynamic', _FF),
    ('bound_bw_scatter_stride_half', 'inductor', 'dynamic', _FF),
    ('bound_bw_two_layers_second_via_write', 'inductor', 'dynamic', _FF),
    ('ml_halves_slice', 'inductor', 'static', _EQ),
    ('ml_halves_view', 'inductor', 'static', _EQ),
    ('ml_halves_unbind', 'inductor', 'static', _EQ),
    ('ml_halves_chunk', 'inductor', 'static', _EQ),
    ('ml_halves_narrow', 'inductor', 'static', _EQ),
    ('ml_halves_overlap', 'inductor', 'static', _EQ),
    ('ml_halves_same_rows_two_views', 'inductor', 'static', _EQ),
    ('ml_halves_strided', 'inductor', 'static', _EQ),
    ('ml_mid_read_gather', 'inductor', 'static', _EQ),
    ('ml_mid_read_view', 'inductor', 'static', _EQ),
    ('ml_mid_read_sum', 'inductor', 'static', _EQ),
    ('ml_mid_read_clone', 'inductor', 'static', _EQ),
    ('ml_functional_then_inplace', 'inductor', 'static', _EQ),
    ('ml_functional_chain_both_returned', 'inductor', 'static', _EQ),
    ('ml_functional_copy_back_first', 'inductor', 'static', _EQ),
    ('ml_functional_copy_back_second', 'inductor', 'static', _EQ),
    ('ml_functional_clone_then_inplace', 'inductor', 'static', _EQ),
    ('ml_append_in_window_from_layer0', 'inductor', 'static', _EQ),
    ('ml_append_in_window_before', 'inductor', 'static', _EQ),
    ('ml_append_next_token_between', 'inductor', 'static', _EQ),
    ('ml_append_first_token_between', 'inductor', 'static', _EQ),
    ('ml_append_two_same_token', 'inductor', 'static', _EQ),
    ('ml_stacked_joint', 'inductor', 'static', _EQ),
    ('ml_stacked_joint_then_k_again', 'inductor', 'static', _EQ),
    ('ml_stacked_v_from_k_half', 'inductor', 'static', _EQ),
    ('ml_stacked_halves_swapped_keep', 'inductor', 'static', _R),
    ('ml_stacked_kv_stacked_input', 'inductor', 'static', _EQ),
    ('ml_heads_halves_k_then_v', 'inductor', 'static', _EQ),
    ('ml_heads_halves_v_keeps_k', 'inductor', 'static', _EQ),
    ('mx_fused_then_refused', 'inductor', 'static', _EQ),
    ('mx_refused_then_fused', 'inductor', 'static', _EQ),
    ('mx_refused_reads_fused_rows', 'inductor', 'static', _EQ),
    ('mx_fused_keeps_refused_rows_other_slots', 'inductor', 'static', _R),
    ('mx_fused_reads_refused_cache_as_kv', 'inductor', 'static', _R),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify41)
