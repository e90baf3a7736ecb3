"""Sixty-fourth adversarial review of the recogniser (round 64; 222f3f0 frozen at /tmp/base69: round 63's A2 / W1
fix -- every kernel compares the byte spans (pointer, sizes, strides) of the cache and the arguments it reads while it
writes, ``portable.overlaps`` / ``overlaps`` in csrc/nsa_compress.cpp --, with be22303 + 1a7875b (marks of dynamic
dims read from dynamo's tracing context, carried through ``ShapeEnv.replace``) reviewed again).

Same format as redteam43 .. redteam63: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify64`.  One standalone repro for inputs that share memory (the runner clones
inputs apart): ``--x1`` (``--dialect inductor|inductor_graph|torchair_like``, real Inductor by default).

    cp /work/main/tests/corpora/redteam64.py /tmp/base69/tests/corpora/ && cd /tmp/base69 && \\
    PYTHONPATH=/tmp/base69 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam64.py [--dialect D] [--mode M] [name ...]
    ... tests/corpora/redteam64.py --x1 [--dialect D]

FOUND: nothing.  No FALSE FUSION and no pass-only CRASH in any run of this round.

First try on the frozen tree (``_FIRST``; /tmp/base69 = 222f3f0, by this machine's ``date -u`` 2026-12-07, one
process at a time, theme by theme as each was written):

    ar_  torchair_like 00:39:45-00:40:09, inductor_graph 00:40:13-00:40:44
    tl_  torchair_like 00:41:28-00:41:59, inductor_graph 00:42:01-00:42:35
    fx_  inductor_graph 00:45:51-00:46:05, torchair_like 00:46:07-00:46:19

19 attacks, 57 runs per graph dialect (every attack in static, batch, dynamic):

    inductor_graph  57 runs: 0 FALSE FUSION / 0 CRASH / 18 fused & equal / 36 refused / 0 control differs
                             (+ 3 EAGER FAILS: fx_half, see below)
    torchair_like   57 runs: 0 FALSE FUSION / 0 CRASH /  9 fused & equal / 45 refused / 0 control differs
                             (+ 3 EAGER FAILS: fx_half)

(ar_ in torchair_like, the very first run: only its last 15 rows and its summary line ``FUSED & EQUAL: 6, REFUSED:
18`` were printed to the terminal; the 9 rows not shown (ar_table_i8 / ar_table_u8 / ar_lens_i8) are taken from the
identical rerun at 01:01:08-01:01:31, which printed every row and the same summary.)

Per theme:
  ar_  8 round 61 lead 1 / round 62 lead 4 (exactness.Intervals reads an ``arange``'s symbolic end at the hint, and
         sizes.check_symbolic_iotas lets an arange over the BATCH through): ``rows = torch.arange(B, dtype=int8 |
         uint8).long()`` (or ``arange(B).to(int8).long()``) as the row index of the block table, the lengths or the
         slots; calls at B = 12, 16 and 200 (int8) / 300 (uint8), where the arange wraps in eager:
           both dialects: static 6 EQ (fused 2 of the 3 static compiles: the B = 200 / 300 one does not fuse), 2 R (slots:
           "computed with aten.index.Tensor"); batch / dynamic 16 R ("the new row b may depend on ... the row
           number" -- the batch plan's probe refuses an arange row index; inductor_graph's cast_after: "casts int64
           values in [-2**63, 2**63) to int8": iota has no interval for a symbolic length).
  tl_  7 ``tril`` / ``triu`` with a constant diagonal over symbolic dims (the identity at N = 2, D = 16, a mask at
         the third call's N = 8, D = 64) on the weight, the tokens, the paged KV and the pooled rows:
           inductor_graph 12 EQ (static, batch: recompiled at N = 8) / 9 R (dynamic: the decomposed tril is
           ``prims.iota`` over a symbolic dim, check_symbolic_iotas; tl_kv: "gathered from more than one tensor");
           torchair_like (aten.tril kept) 3 EQ (tl_kv_tril20: the op reads the graph's own tril of kv, computed at
           run time) / 18 R ("the weight is computed by aten.tril", "row b may depend on other rows").
  fx_  4 round 61 lead 4: a TUPLE op on float page ids -- ``torch.frexp(ids.float())``, the mantissa rounded to fp16 /
         bf16 (or kept, or ``m * 2**e``), ``ldexp`` back; 2600 blocks, ids drawn from the top, B = 1 then 12:
           9 R in each dialect ("page ids pass through aten.frexp.Tensor, which chooses among its inputs by their
           values"); fx_half 3 EAGER FAILS (my construction: the fp16 mantissa rounds id 2599 up to 2600, out of
           range in eager too -- not a valid input, so no verdict).

Standalone first tries (scratch scripts under /tmp/rt64/), in order:

* ``--x1`` (this file; torchair_like 00:43:20-00:43:33, inductor_graph + real Inductor 00:44:08-00:45:02): a snapshot
  of the old cache (``snap.copy_(cache)``), the contract step, then an append at position s - 1 into a second input
  ``x`` that holds kv's memory through ANOTHER storage (``from_dlpack(kv.__dlpack__())`` / ``from_numpy``); the idea:
  rewrite.reinplace_clones moves a fused call past epilogue copies after "later readers" of the old cache, and its
  ``_writes_storage_of(n, reads)`` test compares graph nodes, not memory.  Sequences own / dlpack / own+dlpack / numpy,
  static and dynamic=True, pass on and off: 48 lines, every one equal (pass on: fused 1).  dbg_x1.py / dbg_x2.py (the
  graphs around reinplace_clones, between 00:43:33 and 00:44:08): functionalization puts the snapshot's read (``copy``) BEFORE
  the fused call and the epilogue ``copy_``s read that value, not the cache, so no later reader exists and the call
  is not moved; a reader of the old cache after the call in graph order did not arise from any spelling tried.
* sweep_models.py (models27 positives, InductorGraphBackend, dynamic=None; a plain ``mark_dynamic`` on every dim of
  size >= 2 of every tensor input that is not the batch, with the case's batch positions marked too; a pass-on crash
  retried pass off): 00:46:37-00:47:20 a first version marking one dim alone (batch dims unmarked) was stopped after 7
  runs (every batch-dim mark crashes the control too: the other batch inputs tie it); 00:47:36-00:56:36 (stopped by
  its 540 s limit after 2 of 16 models: vllm_stacked_index_select_int32_2l, vllm_split_scatter_bf16_3l): 27 runs,
  16 compiled (fused 2-6 of 4 / 6 per model: marked page size / heads refuse some steps), 11 CONTROL CRASHES TOO
  (head dim / hidden dim: "specialized it to be a constant" without the pass too), 0 pass-only crashes.

* pb.py (inductor_graph 01:02:22-01:02:41, torchair_like 01:02:42-01:02:57): a bound at a plain mark's lower end --
  int16 flat token ids ``(page.to(int16) * P + (pos % P).to(int16)).long()`` with P = 16384 at 2 blocks (ids <= 1
  keep int16 exact, 2 does not; the bound would be ``blocks <= 2`` = [2, 2]), P = 8192 at 4 blocks, P = 16384 at 3
  blocks; ``mark_dynamic(kv, 0)`` plain, dynamic=None: 12 lines, no crash, every pass-on run refused (2 / 4 blocks:
  "the step is the contract at the compiled sizes but not at other sizes this dynamic graph serves (roles: ... int16
  ...)": the generalize rerun at another block count fails and the block count cannot be specialized (marked); 3
  blocks: "computes integers in [0, 32768] in int16"), every control equal to eager.

Later runs (``_LATER``, not the first try):

* Real Inductor (``--dialect inductor``): ar_table_* and every tl_ (00:56:41-00:58:27): tl_ as inductor_graph (12 EQ,
  9 R); ar_table_i8 / ar_table_u8 static CONTROL DIFFERS, batch / dynamic REFUSED (control differs): at B = 200 / 300
  Inductor's own codegen of ``arange(B, dtype=int8 | uint8)`` does not wrap like eager (the compile without the pass
  gives the same numbers as the pass's, and the pass refuses that compile) -- an Inductor discrepancy with eager, not
  the pass's.  ar_lens_*, ar_slots_*, ar_cast_after_*, every fx_ (00:58:30-01:00:57): 4 CONTROL DIFFERS (static,
  the same Inductor wrap), 14 REFUSED (control differs), 9 R, 3 EAGER FAILS (fx_half).
* ar_ in torchair_like again (01:01:08-01:01:31): as the first try, every row printed.

Focus 1, read (not a finding):

* 222f3f0's native kernel claim holds in the C++: ``compress_infer_`` runs ``qualifying_rows`` (reads every length
  and every completing row's slot and page ids) before any write; ``slot_of`` / ``dst`` are filled from the slots
  before phase 2; ``run`` copies the weight into the thread_local fp32 ``w_buf`` before ``at::parallel_for``; phase 2
  then reads only ``input`` and ``block_table`` (``base[j] = table(b, p / P) ...``), exactly the two the byte-span test
  covers; the aliased path computes into a fresh ``at::empty`` and copies rows in after (``slot_of`` precomputed).
  ``byte_span`` is conservative (the hull of the reachable bytes; empty tensors excluded; strides are never negative
  in torch).  Triton and the NPU paths check all six arguments.  No read-while-writing left that is not covered.
* Marks (be22303 + 1a7875b): every guard the pass installs goes through guard_breaks_a_marked_dim
  (verify._refuse_marked_specializations for specialize / bounds; rewrite._divides, _unguardable before
  _guard_sizes, pool_tables._short_page_list).  Plain marks allow ``at_most`` guards: a bound that collapses a
  plain-marked range [2, inf) to {2} would still specialize it (dynamo's range_refined_to_singleton), but
  sizes._check_page_arithmetic's bisection starts at the compiled count and every spelling tried (round 63 k1/k1b,
  pb.py here: int16 ``page * 16384`` at 2 blocks) is refused or bounded above it; not demonstrated.

Not found (equal or refused; the idea each tried):

* ar_: a narrow-dtype arange over a symbolic batch as a row index -- the batch plan refuses an arange row index under
  a dynamic batch before any interval is read; static graphs recompile per batch and refuse where the interval leaves
  the dtype.
* tl_: tril / triu as a size-dependent mask -- refused in Inductor's graphs (iota), refused or read at run time in
  torchair's.
* fx_: frexp (a tuple op) on float page ids -- refused as a choice by value (a877247's rule reaches it).
* X1: a fused call moved past another input's epilogue write that shares kv's memory -- no later reader of the old
  cache after the call arises, the call stays in place; equal everywhere.
* Plain marks on non-batch dims of two whole models (vLLM stacked, vLLM split): no pass-only crash.

Read, not demonstrated: (1) guard_breaks_a_marked_dim lets every ``at_most`` / ``divisible`` guard through for a PLAIN
mark; a bound equal to the plain mark's lower end 2 (or a tie through a guard that is no replacement, e.g.
``torch._check(a == b * b)``, after which an ``equal`` guard on the unmarked symbol fixes the marked one) would
specialize the dim and fail the compile; no spelling found that produces either.  (2) reinplace_clones'
``_writes_storage_of`` compares graph roots, not memory: inputs sharing memory through a second storage are invisible
to it, but no graph where the call is moved past another input's epilogue write was found (X1).  (3) Real Inductor's
``arange(B, dtype=int8)`` at B > 127 differs from eager with or without the pass (ar_* CONTROL DIFFERS): an Inductor
issue to report upstream, not the recogniser's.  (4) The model sweep covered 2 of models27's 16 positives
(time); run_models' ``batch`` mode marks only the batch, so the other 14 models' non-batch marks are untested here.
(5) Round 63's lead 4 (two steps' caches sharing memory, a cache that is a later step's KV) was not run.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

if "--triton" in sys.argv:  # (W1: the Triton kernel, run by Triton's interpreter on CPU; set before nsa_fusion loads)
    os.environ["NSA_FUSION_FORCE_TRITON"] = "1"
    os.environ["TRITON_INTERPRET"] = "1"

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, _qualifies, build, completes, contract, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_RCD = "REFUSED (control differs)"
_I64 = {"index_dtype": torch.int64, "length_dtype": torch.int64}


def _calls(dtype=torch.float16, extra=None, sizes=((12, 0, {}), (16, 1, {})), **kw):
    def f():
        out = []
        for B, seed, more in sizes:
            a = list(build(B=B, seed=seed, dtype=dtype, **{**kw, **more}).args)
            if extra is not None:
                a = extra(a)
            out.append(a)
        return out
    return f



# --- 1. ar_: an ``arange`` over the BATCH in a narrow dtype as the row index (round 61 lead 1: Intervals reads an
# arange's symbolic end at the hint; check_symbolic_iotas lets the batch symbol through).  At B past the dtype the
# arange wraps and eager reads other rows' table / lengths / slots --------------------------------------------------
def _ar(kind, dt):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        P = kv.shape[1]
        if kind == "cast_after":
            rows = torch.arange(B, device=lens.device).to(dt).long()
        else:
            rows = torch.arange(B, dtype=dt, device=lens.device).long()
        if kind in ("table", "cast_after"):
            pos = positions(lens)
            page = table.long()[rows[:, None], pos // P]
            tok = kv[page, pos % P]
            write(cache, slots, completes(lens), pool(tok, w))
        elif kind == "lens":
            s = lens[rows]
            pos = positions(s)
            tok = tokens(kv, table, pos)
            write(cache, slots, completes(s), pool(tok, w))
        elif kind == "slots":
            write(cache, slots[rows], completes(lens), pool(tokens(kv, table, positions(lens)), w))
        else:
            raise ValueError(kind)
        return cache
    return step


_BIG = {torch.int8: 200, torch.uint8: 300, torch.int16: None}
AR = []
for _k in ("table", "lens", "slots", "cast_after"):
    for _dt, _dn in ((torch.int8, "i8"), (torch.uint8, "u8")):
        _sz = ((12, 0, {}), (16, 1, {}), (_BIG[_dt], 2, {}))
        AR.append((f"ar_{_k}_{_dn}", _mk(_ar(_k, _dt), _calls(sizes=_sz, **_I64), MODES3),
                   f"rows = arange(B, {_dn}) as the row index ({_k}); calls at B = 12, 16, {_BIG[_dt]}"))


# --- 2. tl_: ``tril`` / ``triu`` with a constant diagonal over symbolic dims (heads, head dim, window): the identity
# at the compiled and probed sizes, a mask at larger ones.  torchair's graphs keep aten.tril / triu (no iota for
# check_symbolic_iotas to see); the proof evaluates probes at two size assignments --------------------------------
def _tl(where, op, k):
    def f(x):
        return x.tril(k) if op == "tril" else x.triu(k)

    def step(kv, w, slots, table, lens, cache):
        if where == "kv":
            kv = f(kv)
        if where == "weight":
            w = f(w)
        tok = tokens(kv, table, positions(lens))
        if where == "tokens":
            tok = f(tok)
        new = pool(tok, w)
        if where == "new":
            new = f(new)
        write(cache, slots, completes(lens), new)
        return cache
    return step


_TL_SIZES = ((12, 0, {}), (16, 1, {}), (12, 2, {"N": 8, "D": 64}))
TL = []
for _w, _op, _k in (("weight", "tril", 5), ("weight", "triu", -40), ("tokens", "tril", 20), ("tokens", "triu", -6),
                    ("kv", "tril", 20), ("new", "tril", 20), ("new", "triu", -6)):
    TL.append((f"tl_{_w}_{_op}{_k}", _mk(_tl(_w, _op, _k), _calls(sizes=_TL_SIZES, **_I64), MODES3),
               f"{_op}(diagonal={_k}) of the {_w}: identity at N = 2, D = 16, not at the third call's N = 8, D = 64"))


# --- 3. standalone repros (inputs that share memory: the runner clones each input apart) ----------------------------
def _same(got, ref):
    return torch.equal(torch.nan_to_num(got, 7.0), torch.nan_to_num(ref, 7.0)) and torch.equal(got.isnan(), ref.isnan())


def _pass_env(on):
    os.environ["NSA_FUSION_DISABLE"] = "0" if on else "1"


def _backend(dialect):
    from nsa_fusion.backend import nsa_fusion_backend
    from tests.fusion_harness import InductorGraphBackend, TorchairLikeBackend

    return {"inductor": lambda: nsa_fusion_backend, "inductor_graph": InductorGraphBackend,
            "torchair_like": TorchairLikeBackend}[dialect]()


def _x1_step(kv, w, slots, table, lens, cache, x, snap, knew):
    """A snapshot of the old cache (``snap.copy_(cache)``), the compression step, then an append into ``x`` at
    position s - 1 (inside the completing window) AFTER the step read its windows.  ``x`` is a second input; in the
    repro it holds kv's memory through another storage (dlpack), so eager's window read sees the old token."""
    P = kv.shape[1]
    snap.copy_(cache)
    contract(kv, w, slots, table, lens, cache)
    last = (lens.long() - 1).clamp(min=0)
    lpage = table.long().gather(1, (last // P)[:, None])[:, 0]
    x[lpage, last % P] = knew
    return cache


def _x1_inputs():
    kv, w, slots, table, lens, cache = build(B=12, seed=0, index_dtype=torch.int64, length_dtype=torch.int64,
                                             lengths=[48] * 12).args
    kv = torch.nan_to_num(kv, 0.0)
    knew = (torch.arange(12 * kv.shape[2] * kv.shape[3]).view(12, kv.shape[2], kv.shape[3]) % 7 + 1).to(kv.dtype)
    return [kv, w, slots, table, lens, cache, None, torch.zeros_like(cache), knew]


def _x1_realize(a, how):
    kv = a[0].clone()
    x = {"own": lambda: kv.clone(), "dlpack": lambda: torch.utils.dlpack.from_dlpack(kv.__dlpack__()),
         "numpy": lambda: torch.from_numpy(kv.numpy())}[how]()
    return [kv] + [t.clone() for t in a[1:6]] + [x] + [t.clone() for t in a[7:]]


def x1_repro(dialect="torchair_like", step=None):
    """X1: the append target ``x`` shares kv's memory through a second storage; the fused call moved past the
    epilogue copies (rewrite.reinplace_clones: a later reader of the old cache, the snapshot's copy_) reads the
    appended token.  kv, the cache and the snapshot compared with eager; pass off as the control."""
    from nsa_fusion import diagnostics
    from tests.fusion_harness import no_compile_caches

    step = step or _x1_step
    for seq in (("own",), ("dlpack",), ("own", "dlpack"), ("numpy",)):
        for dynamic in (False, True):
            for on in (False, True):
                torch._dynamo.reset()
                diagnostics.reset()
                _pass_env(on)
                outs = []
                with no_compile_caches():
                    fn = torch.compile(step, backend=_backend(dialect), fullgraph=True, dynamic=dynamic)
                    try:
                        for how in seq:
                            a = _x1_inputs()
                            e, g = _x1_realize(a, how), _x1_realize(a, how)
                            step(*e)
                            fn(*g)
                            diff = int((torch.nan_to_num(g[5], 7.0) != torch.nan_to_num(e[5], 7.0)).any(-1).any(-1).sum())
                            ok = _same(g[5], e[5]) and _same(g[0], e[0]) and _same(g[7], e[7])
                            outs.append(f"{how}: " + ("equal" if ok else f"DIFFERS ({diff} cache rows)"))
                    except Exception as exc:  # noqa: BLE001
                        outs.append(f"CRASH {type(exc).__name__}: {str(exc)[:100]}")
                ev = [f"{x.kind}: {x.reason[:60]}" for x in diagnostics.events if x.kind != "target"]
                print(f"X1 {dialect:14s} {'+'.join(seq):12s} {'dynamic' if dynamic else 'static ':7s} "
                      f"pass {'on ' if on else 'off'} fused {diagnostics.stats.get('fused', 0)} {outs} {ev[:2]}",
                      flush=True)


# --- 4. fx_: a TUPLE op on float page ids (round 61 lead 4: getitem counted as data movement by the float-arithmetic
# rule on page ids): frexp, the mantissa rounded to fp16 (11 bits) or bf16 (8 bits), ldexp back.  Exact for page
# ids below 2**11 (2**8); the paged KV here holds 2600 blocks and the ids are drawn from the top ----------------------
def _fx(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        ids = table.long().gather(1, pos // P).float()
        m, e = torch.frexp(ids)
        if kind == "half":
            m = m.half().float()
        elif kind == "bf16":
            m = m.bfloat16().float()
        elif kind == "exact":
            pass
        page = torch.ldexp(m, e).long() if kind != "mul_pow" else (m * torch.pow(2.0, e.float())).long()
        tok = kv[page, pos % P]
        write(cache, slots, completes(lens), pool(tok, w))
        return cache
    return step


_FX_KW = dict(P=16, pages=4, N=1, D=8, block_num=2600, high_ids=True, **_I64)
FX = []
for _k in ("half", "bf16", "exact", "mul_pow"):
    FX.append((f"fx_{_k}", _mk(_fx(_k), _calls(sizes=((1, 0, {}), (12, 1, {})), **_FX_KW), MODES3),
               f"frexp of float page ids, mantissa {_k}, ldexp back; 2600 blocks, high ids; B = 1 then 12"))


ATTACKS = AR + TL + FX

_FIRST = [
    ('ar_table_i8', 'inductor_graph', 'static', _EQ),
    ('ar_table_i8', 'inductor_graph', 'batch', _R),
    ('ar_table_i8', 'inductor_graph', 'dynamic', _R),
    ('ar_table_u8', 'inductor_graph', 'static', _EQ),
    ('ar_table_u8', 'inductor_graph', 'batch', _R),
    ('ar_table_u8', 'inductor_graph', 'dynamic', _R),
    ('ar_lens_i8', 'inductor_graph', 'static', _EQ),
    ('ar_lens_i8', 'inductor_graph', 'batch', _R),
    ('ar_lens_i8', 'inductor_graph', 'dynamic', _R),
    ('ar_lens_u8', 'inductor_graph', 'static', _EQ),
    ('ar_lens_u8', 'inductor_graph', 'batch', _R),
    ('ar_lens_u8', 'inductor_graph', 'dynamic', _R),
    ('ar_slots_i8', 'inductor_graph', 'static', _R),
    ('ar_slots_i8', 'inductor_graph', 'batch', _R),
    ('ar_slots_i8', 'inductor_graph', 'dynamic', _R),
    ('ar_slots_u8', 'inductor_graph', 'static', _R),
    ('ar_slots_u8', 'inductor_graph', 'batch', _R),
    ('ar_slots_u8', 'inductor_graph', 'dynamic', _R),
    ('ar_cast_after_i8', 'inductor_graph', 'static', _EQ),
    ('ar_cast_after_i8', 'inductor_graph', 'batch', _R),
    ('ar_cast_after_i8', 'inductor_graph', 'dynamic', _R),
    ('ar_cast_after_u8', 'inductor_graph', 'static', _EQ),
    ('ar_cast_after_u8', 'inductor_graph', 'batch', _R),
    ('ar_cast_after_u8', 'inductor_graph', 'dynamic', _R),
    ('ar_table_i8', 'torchair_like', 'static', _EQ),
    ('ar_table_i8', 'torchair_like', 'batch', _R),
    ('ar_table_i8', 'torchair_like', 'dynamic', _R),
    ('ar_table_u8', 'torchair_like', 'static', _EQ),
    ('ar_table_u8', 'torchair_like', 'batch', _R),
    ('ar_table_u8', 'torchair_like', 'dynamic', _R),
    ('ar_lens_i8', 'torchair_like', 'static', _EQ),
    ('ar_lens_i8', 'torchair_like', 'batch', _R),
    ('ar_lens_i8', 'torchair_like', 'dynamic', _R),
    ('ar_lens_u8', 'torchair_like', 'static', _EQ),
    ('ar_lens_u8', 'torchair_like', 'batch', _R),
    ('ar_lens_u8', 'torchair_like', 'dynamic', _R),
    ('ar_slots_i8', 'torchair_like', 'static', _R),
    ('ar_slots_i8', 'torchair_like', 'batch', _R),
    ('ar_slots_i8', 'torchair_like', 'dynamic', _R),
    ('ar_slots_u8', 'torchair_like', 'static', _R),
    ('ar_slots_u8', 'torchair_like', 'batch', _R),
    ('ar_slots_u8', 'torchair_like', 'dynamic', _R),
    ('ar_cast_after_i8', 'torchair_like', 'static', _EQ),
    ('ar_cast_after_i8', 'torchair_like', 'batch', _R),
    ('ar_cast_after_i8', 'torchair_like', 'dynamic', _R),
    ('ar_cast_after_u8', 'torchair_like', 'static', _EQ),
    ('ar_cast_after_u8', 'torchair_like', 'batch', _R),
    ('ar_cast_after_u8', 'torchair_like', 'dynamic', _R),
    ('tl_weight_tril5', 'inductor_graph', 'static', _EQ),
    ('tl_weight_tril5', 'inductor_graph', 'batch', _EQ),
    ('tl_weight_tril5', 'inductor_graph', 'dynamic', _R),
    ('tl_weight_triu-40', 'inductor_graph', 'static', _EQ),
    ('tl_weight_triu-40', 'inductor_graph', 'batch', _EQ),
    ('tl_weight_triu-40', 'inductor_graph', 'dynamic', _R),
    ('tl_tokens_tril20', 'inductor_graph', 'static', _EQ),
    ('tl_tokens_tril20', 'inductor_graph', 'batch', _EQ),
    ('tl_tokens_tril20', 'inductor_graph', 'dynamic', _R),
    ('tl_tokens_triu-6', 'inductor_graph', 'static', _EQ),
    ('tl_tokens_triu-6', 'inductor_graph', 'batch', _EQ),
    ('tl_tokens_triu-6', 'inductor_graph', 'dynamic', _R),
    ('tl_kv_tril20', 'inductor_graph', 'static', _R),
    ('tl_kv_tril20', 'inductor_graph', 'batch', _R),
    ('tl_kv_tril20', 'inductor_graph', 'dynamic', _R),
    ('tl_new_tril20', 'inductor_graph', 'static', _EQ),
    ('tl_new_tril20', 'inductor_graph', 'batch', _EQ),
    ('tl_new_tril20', 'inductor_graph', 'dynamic', _R),
    ('tl_new_triu-6', 'inductor_graph', 'static', _EQ),
    ('tl_new_triu-6', 'inductor_graph', 'batch', _EQ),
    ('tl_new_triu-6', 'inductor_graph', 'dynamic', _R),
    ('tl_weight_tril5', 'torchair_like', 'static', _R),
    ('tl_weight_tril5', 'torchair_like', 'batch', _R),
    ('tl_weight_tril5', 'torchair_like', 'dynamic', _R),
    ('tl_weight_triu-40', 'torchair_like', 'static', _R),
    ('tl_weight_triu-40', 'torchair_like', 'batch', _R),
    ('tl_weight_triu-40', 'torchair_like', 'dynamic', _R),
    ('tl_tokens_tril20', 'torchair_like', 'static', _R),
    ('tl_tokens_tril20', 'torchair_like', 'batch', _R),
    ('tl_tokens_tril20', 'torchair_like', 'dynamic', _R),
    ('tl_tokens_triu-6', 'torchair_like', 'static', _R),
    ('tl_tokens_triu-6', 'torchair_like', 'batch', _R),
    ('tl_tokens_triu-6', 'torchair_like', 'dynamic', _R),
    ('tl_kv_tril20', 'torchair_like', 'static', _EQ),
    ('tl_kv_tril20', 'torchair_like', 'batch', _EQ),
    ('tl_kv_tril20', 'torchair_like', 'dynamic', _EQ),
    ('tl_new_tril20', 'torchair_like', 'static', _R),
    ('tl_new_tril20', 'torchair_like', 'batch', _R),
    ('tl_new_tril20', 'torchair_like', 'dynamic', _R),
    ('tl_new_triu-6', 'torchair_like', 'static', _R),
    ('tl_new_triu-6', 'torchair_like', 'batch', _R),
    ('tl_new_triu-6', 'torchair_like', 'dynamic', _R),
    ('fx_half', 'inductor_graph', 'static', _EF),
    ('fx_half', 'inductor_graph', 'batch', _EF),
    ('fx_half', 'inductor_graph', 'dynamic', _EF),
    ('fx_bf16', 'inductor_graph', 'static', _R),
    ('fx_bf16', 'inductor_graph', 'batch', _R),
    ('fx_bf16', 'inductor_graph', 'dynamic', _R),
    ('fx_exact', 'inductor_graph', 'static', _R),
    ('fx_exact', 'inductor_graph', 'batch', _R),
    ('fx_exact', 'inductor_graph', 'dynamic', _R),
    ('fx_mul_pow', 'inductor_graph', 'static', _R),
    ('fx_mul_pow', 'inductor_graph', 'batch', _R),
    ('fx_mul_pow', 'inductor_graph', 'dynamic', _R),
    ('fx_half', 'torchair_like', 'static', _EF),
    ('fx_half', 'torchair_like', 'batch', _EF),
    ('fx_half', 'torchair_like', 'dynamic', _EF),
    ('fx_bf16', 'torchair_like', 'static', _R),
    ('fx_bf16', 'torchair_like', 'batch', _R),
    ('fx_bf16', 'torchair_like', 'dynamic', _R),
    ('fx_exact', 'torchair_like', 'static', _R),
    ('fx_exact', 'torchair_like', 'batch', _R),
    ('fx_exact', 'torchair_like', 'dynamic', _R),
    ('fx_mul_pow', 'torchair_like', 'static', _R),
    ('fx_mul_pow', 'torchair_like', 'batch', _R),
    ('fx_mul_pow', 'torchair_like', 'dynamic', _R),
]
_LATER = [
    ('ar_table_i8', 'inductor', 'static', _CD),
    ('ar_table_i8', 'inductor', 'batch', _RCD),
    ('ar_table_i8', 'inductor', 'dynamic', _RCD),
    ('ar_table_u8', 'inductor', 'static', _CD),
    ('ar_table_u8', 'inductor', 'batch', _RCD),
    ('ar_table_u8', 'inductor', 'dynamic', _RCD),
    ('tl_weight_tril5', 'inductor', 'static', _EQ),
    ('tl_weight_tril5', 'inductor', 'batch', _EQ),
    ('tl_weight_tril5', 'inductor', 'dynamic', _R),
    ('tl_weight_triu-40', 'inductor', 'static', _EQ),
    ('tl_weight_triu-40', 'inductor', 'batch', _EQ),
    ('tl_weight_triu-40', 'inductor', 'dynamic', _R),
    ('tl_tokens_tril20', 'inductor', 'static', _EQ),
    ('tl_tokens_tril20', 'inductor', 'batch', _EQ),
    ('tl_tokens_tril20', 'inductor', 'dynamic', _R),
    ('tl_tokens_triu-6', 'inductor', 'static', _EQ),
    ('tl_tokens_triu-6', 'inductor', 'batch', _EQ),
    ('tl_tokens_triu-6', 'inductor', 'dynamic', _R),
    ('tl_kv_tril20', 'inductor', 'static', _R),
    ('tl_kv_tril20', 'inductor', 'batch', _R),
    ('tl_kv_tril20', 'inductor', 'dynamic', _R),
    ('tl_new_tril20', 'inductor', 'static', _EQ),
    ('tl_new_tril20', 'inductor', 'batch', _EQ),
    ('tl_new_tril20', 'inductor', 'dynamic', _R),
    ('tl_new_triu-6', 'inductor', 'static', _EQ),
    ('tl_new_triu-6', 'inductor', 'batch', _EQ),
    ('tl_new_triu-6', 'inductor', 'dynamic', _R),
    ('ar_lens_i8', 'inductor', 'static', _CD),
    ('ar_lens_i8', 'inductor', 'batch', _RCD),
    ('ar_lens_i8', 'inductor', 'dynamic', _RCD),
    ('ar_lens_u8', 'inductor', 'static', _CD),
    ('ar_lens_u8', 'inductor', 'batch', _RCD),
    ('ar_lens_u8', 'inductor', 'dynamic', _RCD),
    ('ar_slots_i8', 'inductor', 'static', _RCD),
    ('ar_slots_i8', 'inductor', 'batch', _RCD),
    ('ar_slots_i8', 'inductor', 'dynamic', _RCD),
    ('ar_slots_u8', 'inductor', 'static', _RCD),
    ('ar_slots_u8', 'inductor', 'batch', _RCD),
    ('ar_slots_u8', 'inductor', 'dynamic', _RCD),
    ('ar_cast_after_i8', 'inductor', 'static', _CD),
    ('ar_cast_after_i8', 'inductor', 'batch', _RCD),
    ('ar_cast_after_i8', 'inductor', 'dynamic', _RCD),
    ('ar_cast_after_u8', 'inductor', 'static', _CD),
    ('ar_cast_after_u8', 'inductor', 'batch', _RCD),
    ('ar_cast_after_u8', 'inductor', 'dynamic', _RCD),
    ('fx_half', 'inductor', 'static', _EF),
    ('fx_half', 'inductor', 'batch', _EF),
    ('fx_half', 'inductor', 'dynamic', _EF),
    ('fx_bf16', 'inductor', 'static', _R),
    ('fx_bf16', 'inductor', 'batch', _R),
    ('fx_bf16', 'inductor', 'dynamic', _R),
    ('fx_exact', 'inductor', 'static', _R),
    ('fx_exact', 'inductor', 'batch', _R),
    ('fx_exact', 'inductor', 'dynamic', _R),
    ('fx_mul_pow', 'inductor', 'static', _R),
    ('fx_mul_pow', 'inductor', 'batch', _R),
    ('fx_mul_pow', 'inductor', 'dynamic', _R),
]


def classify64(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-63)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    _dialect = sys.argv[sys.argv.index("--dialect") + 1] if "--dialect" in sys.argv else "inductor"
    if "--x1" in sys.argv:
        x1_repro(_dialect)
    else:
        redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify64)
