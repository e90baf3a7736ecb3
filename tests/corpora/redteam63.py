"""Sixty-third adversarial review of the recogniser (round 63; 1a7875b frozen at /tmp/base68: round 62's T1 fix --
evaluate._marked_dims carrying a mark through ``ShapeEnv.replace`` -- and A1 fix -- every kernel checks storage
identity between the cache and the paged KV / block table and computes every row before writing where they share
it --; with be22303 (marks held against every guard), a877247 (tuple ops on page ids) and 526cba3
(roles._writes_leading_rows) reviewed for the first time).

Same format as redteam43 .. redteam62: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``).  Runner: redteam7's
``classify7`` through :func:`classify63`.  The two findings need inputs that share memory, which the runner clones
apart: their repros are functions of this file, ``--a2`` and ``--w1`` (``--dialect inductor|inductor_graph|
torchair_like``, real Inductor by default; ``--w1 --triton`` sets NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1).

    cp /work/main/tests/corpora/redteam63.py /tmp/base68/tests/corpora/ && cd /tmp/base68 && \\
    PYTHONPATH=/tmp/base68 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam63.py [--dialect D] [--mode M] [name ...]
    ... tests/corpora/redteam63.py --a2 [--triton] [--dialect D]   (A2)
    ... tests/corpora/redteam63.py --w1 --triton [--dialect D]     (W1; without --triton: the native kernel, equal)

First try on the frozen tree (``_FIRST``; /tmp/base68 = 1a7875b, by this machine's ``date -u`` 2026-12-07, one
process at a time, theme by theme as each was written: ls_ inductor_graph 00:17:04-00:17:28, torchair_like
00:17:30-00:17:51; cl_ inductor_graph 00:19:54-00:20:14, torchair_like 00:20:14-00:20:32): 11 attacks, 33 runs per
graph dialect (every attack in static, batch, dynamic):

    inductor_graph  33 runs: 0 FALSE FUSION / 0 CRASH / 30 fused & equal / 3 refused / 0 control differs
    torchair_like   33 runs: 0 FALSE FUSION / 0 CRASH / 30 fused & equal / 3 refused / 0 control differs

Per theme (the same in both dialects):
  ls_  6 526cba3's slice_scatter-as-paged-input: a new token appended at position s - 1 (inside the completing
         window) through ``kv[:n]`` (n = blocks - 1; a spare NaN block keeps every page below n) or into the whole kv,
         the windows read from kv or through ``kv[:n]``, and a SECOND append after the read (eager's tokens do not see
         it) through either:                                   18 EQ (the op reads the SSA value of the first append)
  cl_  5 the windows read from a SNAPSHOT of kv (clone, empty_like().copy_(), to(copy=True), a clone of the flat
         view) while kv is appended to after the snapshot (the roles walk passes through data movement):
                                                               12 EQ; the ``kv * 1`` control 3 R ("tokens are
                                                               gathered from mul")

Standalone first tries (scratch scripts /tmp/rt63/*.py; real Inductor = nsa_fusion_backend), in order:

* k1.py (00:05:21-00:05:35, inductor_graph), theme "a proof bound that collapses a PLAIN-marked dim to its lower end
  (a specialization, which RelaxedUnspecConstraint forbids)": int8 ``page * 64`` / uint8 ``page * 128`` flat reads at
  2 blocks with a plain ``mark_dynamic(kv, 0)`` (the bound would be ``blocks <= 2``), the same with a range, and
  unmarked: 4 x pass off / on: all equal, every pass-on run refused ("aten.mul.Tensor computes integers in [0, 128]
  in torch.int8").  k1b.py (00:05:4x-00:06:02): int8 P = 32 at 2 blocks fused "guarded s31 == 2, s64 == 16,
  s91 <= 4", equal; at 4 blocks refused: a bound always lies above the compiled block count, never at 2.
* w1.py (00:06:36-00:07:44): the WEIGHT a view of two cache rows (one of them row 0's slot), a later call of a graph
  compiled with a weight of its own: FALSE FUSION with NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1 (real Inductor
  00:06:36-00:06:57, inductor_graph and torchair_like 00:07:18-00:07:44; static and dynamic=True), equal with the
  native kernel (00:06:57-00:07:18): W1.
* sweep.py (00:08:19-00:14:49, inductor_graph): a plain ``mark_dynamic`` / a ``min=2, max=10**6`` range on EVERY
  dim (size >= 2) of every input of the 11 formulations (nsa_fusion/testing/formulations.py) and three narrow
  spellings (int16 ``page * P`` flat read, int32 ``page * P + off`` flat read, an int32 slot wrap by S):
  dynamic=None, 4 steps (00:08:19-00:08:49): every crash crashes the control too (the unmarked sizes are static and
  tie the marked one); dynamic=True, 182 runs per kind: plain 116 fused & equal / 30 refused & equal / 36 CRASH with
  the control crashing too (every one a mark on D or on l, both 32: "specialized it to be a constant (32)" without
  the pass as well);
  range 115 / 31 / 36 likewise.  No pass-only crash.
* a2.py (00:15:03-00:16:38): the cache = kv's token rows of the last row's window page, through ANOTHER STORAGE
  (``torch.from_numpy(view.numpy())``, ``from_dlpack(view.__dlpack__())``), a later call: FALSE FUSION, native kernel
  in real Inductor, inductor_graph and torchair_like, and the Triton kernel (--triton); the plain view (1a7875b's
  case) equal: A2.  a2f.py (00:21:38-00:21:57): the same at the FIRST call (no own-storage call first): FALSE FUSION.
* sweep_u.py (00:19:15-00:19:40, inductor_graph): ``torch._dynamo.decorators.mark_unbacked`` on every dim of 6 steps:
  78 runs, 48 fused & equal / 30 refused & equal.

Later runs (``_LATER``, not the first try):

* Real Inductor (``--dialect inductor``): ls_sl1_sl2, ls_sl1_wh2, ls_wh1_sl2, ls_sl1_readsl_sl2 (00:17:52-00:18:52,
  12 EQ); cl_clone, cl_copy_into_empty, cl_clone_flat (00:20:34-00:21:19, 9 EQ); every ls_ again, cl_to_copy,
  cl_mul_one (00:24:25-00:25:56: 18 EQ, 3 R): as in the graph dialects, 33 runs.
* ``--a2`` from this file (real Inductor 00:22:24-00:22:54; inductor_graph and torchair_like 00:22:58-00:23:20) and
  ``--w1 --triton`` (real Inductor, inductor_graph, torchair_like, then ``--w1`` native, 00:23:20-00:24:18): the
  findings below.  ``--a2 --triton`` (real Inductor, 00:27:02-00:27:44): the view equal, dlpack / numpy DIFFERS, as
  the native kernel (Triton's data_ptr test misses a storage that starts at the view's own address).

FOUND:

* A2 FALSE FUSION (real Inductor, inductor_graph and torchair_like; static and dynamic=True; native CPU kernel, and
  the Triton kernel under NSA_FUSION_FORCE_TRITON=1; the pass-off control equal to eager on every call): the cache
  is the paged KV's MEMORY through a second storage -- ``torch.utils.dlpack.from_dlpack(x.__dlpack__())`` or
  ``torch.from_numpy(x.numpy())`` of a view of kv, as buffers handed between frameworks (or a view of a shared
  arena imported through DLPack) are.  1a7875b's guard against A1 is storage IDENTITY: the native kernel's
  ``cache.is_alias_of(input) || cache.is_alias_of(block_table)`` (the StorageImpl), Triton's and the NPU path's
  ``portable.shares_storage`` (``untyped_storage().data_ptr()`` equal: a storage made for a view starts at the view's
  address, not kv's).  Two storages over the same bytes pass both, and the kernel writes row by row while later rows
  still read.  Minimal (``--a2``; build(B=12, lengths=[48] * 12), every window on page column 0, kv's NaN made 0):

      step = contract                                       # the reference spelling
      fn = torch.compile(step, backend=nsa_fusion_backend, fullgraph=True, dynamic=False)   # (or True)
      start = int(table[11, 0]) * P                         # the LAST row's window page
      cache = torch.utils.dlpack.from_dlpack(kv.view(-1, N, D)[start:start + S].__dlpack__())
      fn(kv, w, slots, table, lens, cache)                  # (also after a first call with a cache of its own)

      pass off: ['dlpack: equal'];  pass on: ['dlpack: DIFFERS (1 token rows of kv)']   (every dialect, both modes;
      from_numpy the same; the plain view kv.view(-1, N, D)[start:start + S]: equal, 1a7875b's case)

  Rules at fault: nsa_fusion/lowering/csrc/nsa_compress.cpp compress_infer_ (``aliased = cache.is_alias_of(..)``),
  nsa_fusion/lowering/portable.py shares_storage (and its callers triton_kernel.compress, npu.compress_device,
  npu.compress_infer_eager).  Fix direction: test MEMORY overlap, not storage identity: the byte span each tensor can
  reach (``data_ptr()`` plus the extent ``sum((size_i - 1) * |stride_i|) + 1`` elements times the item size) of the
  cache against the input's and the table's (host metadata, capture-safe); or take the two-phase path always (a
  [Q, N, D] buffer then the scatter; Q rows, small).

* W1 FALSE FUSION (NSA_FUSION_FORCE_TRITON=1, the Triton kernel -- run here by TRITON_INTERPRET=1 on CPU; on CUDA
  that switch is what makes the pass fuse --; real Inductor, inductor_graph and torchair_like; static and
  dynamic=True; the pass-off control equal): the WEIGHT a view of the cache's storage on a later call (two cache rows
  hold the [32, 2] fp16 weight, one of them row 0's slot).  The lN replacement passes the user's weight through
  ``reshape(l, N).to(dtype).contiguous()``, all no-ops, so the op gets the cache's memory as its weight; the Triton
  kernel's program b loads ``w_ptr`` inside the window loop after programs before it stored their rows, and its
  aliasing check (1a7875b) looks at the paged KV and the block table only.  Minimal (``--w1 --triton``):

      k = int(slots[0]); region = cache.view(-1)[k * N * D: k * N * D + l * N]; region.copy_(w.reshape(-1))
      fn(kv, w.clone(), slots, table, lens, cache1)                  # compiled, fused, equal
      fn(kv, region.view(l, N), slots, table, lens, cache)           # same sizes: DIFFERS (10 cache rows), pass
                                                                     # off equal
      (the native kernel copies the weight to fp32 before its first write: equal, as red team 62's a1w)

  Rule at fault: nsa_fusion/lowering/triton_kernel.py compress (``shares_storage(cache, input, block_table)``: the
  weight, the slots and the lengths, which its programs also load while others store, are not checked; the vendor op
  path npu.compress_device likewise passes a weight that views the cache).  Fix direction: check every argument the
  kernel reads (weight, slot_mapping, actual_seq_len too) for memory overlap with the cache (A2's byte spans), or
  give the op a weight copy where it may alias (``op_weight`` ``.clone()`` when not provably fresh: [l, N], tiny).

Not found (equal or refused; the idea each tried):

* ls_: 526cba3 -- the op reads the slice_scatter's SSA value, which is what eager's gather reads, and a second
  append after the read (through kv[:n] or the whole kv) does not reach it in any dialect, real Inductor's
  reinplacing included.
* cl_: windows read from a snapshot of kv while kv is appended to after it: fused and equal everywhere (the op
  reads the snapshot's value).
* Focus 1 (be22303 + 1a7875b): plain and ranged marks on every dim of 14 spellings under dynamic=True: no guard of
  the pass fails a compile that passes without it; unbacked marks: equal; a bound that would collapse a plain-marked
  block count to 2 is never installed (the page-id interval check used for the compiled count refuses ids up to the
  count itself, so a bound lies above it).
* W1 on the native kernel (weight copied first; slots and lengths read in phase 1).

Read, not demonstrated: (1) A2's route also reaches the block table in the native kernel (phase 2 reads
``table(b, p / P)`` per row; its check is is_alias_of too) -- a table in the cache's memory through a second
storage; not tried (a float cache holding int ids is contrived).  (2) Triton's W1 extends to ``slot_mapping`` and
``actual_seq_len`` in the cache's memory (program b loads both after earlier programs stored), but eager's own
``index_put_`` with indices aliasing its destination is order-dependent, so no clean eager reference; not tried.
(3) k1b: 4 blocks of int8 ``page * 32`` (valid ids 0..3, ``page * 32 + off`` <= 127) refused for "computes
integers in [0, 128]", ids up to the block count itself, where a guard ``blocks <= 4`` would have held: a lost
fusion, safe; the rule was not traced.  (4) Two steps' caches sharing
memory, or a cache that is a later step's KV: where eager's later read sees an earlier write, the functional control
reads the old value too (not the pass's fault); not run.

Fixed (by the maintainers after this review): A2 and W1 -- the kernels compare the byte spans (pointer, sizes,
strides) of the cache and every argument they read while they write (portable.overlaps; ``overlaps`` in
csrc/nsa_compress.cpp), not storage identity: ``--a2``, ``--a2 --triton`` and ``--w1 --triton`` rerun in real
Inductor: no run differs from eager.
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


# --- 1. ls_: 526cba3 takes ``slice_scatter(kv, v, 0, a, b)`` (an append through ``kv[:n]``) as the paged input.  A
# second append AFTER the window read (eager's tokens do not see it), through the leading rows or the whole cache,
# or the read itself through the slice; the new token lands at position s - 1, inside the completing window --------
def _spare_block(a):
    """One more (NaN) block after the last, so that every page id is below ``kv.shape[0] - 1`` (``kv[:-1]`` holds
    every page the table names), and the new tokens ``knew`` ([B, N, D], exact small values) as an extra input."""
    kv = a[0]
    kv = torch.cat([kv, torch.full_like(kv[:1], float("nan"))])
    B, N, D = a[2].shape[0], kv.shape[2], kv.shape[3]
    knew = (torch.arange(B * N * D).reshape(B, N, D) % 7 - 3).to(kv.dtype) / 4
    return [kv] + a[1:] + [knew]


def _ls(kind):
    def step(kv, w, slots, table, lens, cache, knew):
        P = kv.shape[1]
        n = kv.shape[0] - 1
        last = (lens.long() - 1).clamp(min=0)
        lpage = table.long().gather(1, (last // P)[:, None])[:, 0]
        # append 1: the new token at position s - 1 (inside the window that completes)
        if kind.startswith("sl1"):
            kv[:n][lpage, last % P] = knew
        else:
            kv[lpage, last % P] = knew
        pos = positions(lens)
        page = table.long().gather(1, pos // P)
        if "readsl" in kind:
            tok = kv[:n][page, pos % P]
        else:
            tok = kv[page, pos % P]
        # append 2, after the read: eager's tokens do not see it
        if "_sl2" in kind:
            kv[:n][lpage, last % P] = knew * 2 + 1
        elif "_wh2" in kind:
            kv[lpage, last % P] = knew * 2 + 1
        write(cache, slots, completes(lens), pool(tok, w))
        return cache, kv
    return step


LS = []
for _k, _n in (("sl1", "append through kv[:n], read kv whole (models27's shape; control)"),
               ("sl1_sl2", "append through kv[:n], read, append again through kv[:n] after the read"),
               ("sl1_wh2", "append through kv[:n], read, append again into the whole kv after the read"),
               ("wh1_sl2", "append into the whole kv, read, append again through kv[:n] after the read"),
               ("sl1_readsl_sl2", "append through kv[:n], read through kv[:n], append again through kv[:n]"),
               ("sl1_readsl", "append through kv[:n], read through kv[:n] (models24's shape; control)")):
    LS.append((f"ls_{_k}", _mk(_ls(_k), _calls(extra=_spare_block, **_I64), MODES3), _n))


# --- 2. cl_: a SNAPSHOT of the paged KV (clone / copy into a fresh buffer) read for the windows while the KV itself
# is appended to after the snapshot (eager's tokens are the snapshot's: the old value at position s - 1).  The roles
# walk passes through data movement to the KV: does the op then read the KV after the append? -------------------------
def _cl(kind):
    def step(kv, w, slots, table, lens, cache, knew):
        P = kv.shape[1]
        last = (lens.long() - 1).clamp(min=0)
        lpage = table.long().gather(1, (last // P)[:, None])[:, 0]
        if kind == "clone":
            snap = kv.clone()
        elif kind == "copy_into_empty":
            snap = torch.empty_like(kv).copy_(kv)
        elif kind == "to_copy":
            snap = kv.to(kv.dtype, copy=True)
        elif kind == "clone_flat":
            snap = kv.flatten(0, 1).clone().view(kv.shape)
        elif kind == "mul_one":  # (control: arithmetic, the walk stops)
            snap = kv * 1
        else:
            raise ValueError(kind)
        kv[lpage, last % P] = knew           # the append, after the snapshot
        pos = positions(lens)
        page = table.long().gather(1, pos // P)
        tok = snap[page, pos % P]
        write(cache, slots, completes(lens), pool(tok, w))
        return cache, kv
    return step


CL = []
for _k in ("clone", "copy_into_empty", "to_copy", "clone_flat", "mul_one"):
    CL.append((f"cl_{_k}", _mk(_cl(_k), _calls(extra=_spare_block, **_I64), MODES3),
               f"windows read from a snapshot of kv ({_k}); kv appended to at position s - 1 after it"))


# --- 3. standalone repros (not classify7: inputs that share memory cannot pass through the runner, which clones each
# input apart) ------------------------------------------------------------------------------------------------------
def _same(got, ref):
    return torch.equal(torch.nan_to_num(got, 7.0), torch.nan_to_num(ref, 7.0)) and torch.equal(got.isnan(), ref.isnan())


def _pass_env(on):
    os.environ["NSA_FUSION_DISABLE"] = "0" if on else "1"


def _backend(dialect):
    from nsa_fusion.backend import nsa_fusion_backend
    from tests.fusion_harness import InductorGraphBackend, TorchairLikeBackend

    return {"inductor": lambda: nsa_fusion_backend, "inductor_graph": InductorGraphBackend,
            "torchair_like": TorchairLikeBackend}[dialect]()


def _contract_step(kv, w, slots, table, lens, cache):
    return contract(kv, w, slots, table, lens, cache)


def _a2_inputs(how):
    """The contract's inputs, every row's length 48 (its window on page column 0), kv's NaN made 0; the cache is
    described as ``(start, S, how)``: ``S`` rows of kv's token rows from ``start`` (the LAST row's window page), as a
    copy (``own``), a view (``view``: 1a7875b's case, same storage), or the same memory through ANOTHER storage
    (``dlpack``: ``torch.utils.dlpack.from_dlpack(view.__dlpack__())``; ``numpy``: ``torch.from_numpy(view.numpy())``)."""
    kv, w, slots, table, lens, cache = build(B=12, seed=0, index_dtype=torch.int64, length_dtype=torch.int64,
                                             lengths=[48] * 12).args
    kv = torch.nan_to_num(kv, 0.0)
    return [kv, w, slots, table, lens, (int(table[11, 0]) * kv.shape[1], cache.shape[0], how)]


def _a2_realize(a):
    kv = a[0].clone()
    start, S, how = a[5]
    view = kv.view(-1, *kv.shape[2:])[start:start + S]
    cache = {"own": lambda: view.clone(), "view": lambda: view, "numpy": lambda: torch.from_numpy(view.numpy()),
             "dlpack": lambda: torch.utils.dlpack.from_dlpack(view.__dlpack__())}[how]()
    return [kv] + [x.clone() for x in a[1:5]] + [cache]


def a2_repro(dialect="inductor"):
    """A2: the cache is the paged KV's memory through another storage (dlpack / numpy): 1a7875b's storage-identity
    check (``is_alias_of``; Triton's ``untyped_storage().data_ptr()``) does not see it.  Sequences: a first call with
    a cache of its own then the shared one (same sizes, no recompile), and the shared one at the first call; the
    plain view (1a7875b's case) as the control.  kv (which holds the cache) and the cache compared with eager."""
    from nsa_fusion import diagnostics
    from tests.fusion_harness import no_compile_caches

    for seq in (("own", "view"), ("own", "dlpack"), ("own", "numpy"), ("dlpack",)):
        for dynamic in (False, True):
            for on in (False, True):
                torch._dynamo.reset()
                diagnostics.reset()
                _pass_env(on)
                outs = []
                with no_compile_caches():
                    fn = torch.compile(_contract_step, backend=_backend(dialect), fullgraph=True, dynamic=dynamic)
                    for kind in seq:
                        a = _a2_inputs(kind)
                        e, g = _a2_realize(a), _a2_realize(a)
                        _contract_step(*e)
                        fn(*g)
                        nz = lambda t: torch.nan_to_num(t, 7.0)  # noqa: E731
                        diff = int((nz(g[0]) != nz(e[0])).any(-1).any(-1).sum())
                        outs.append(f"{kind}: " + ("equal" if _same(g[0], e[0]) and _same(g[5], e[5]) else
                                                   f"DIFFERS ({diff} token rows of kv)"))
                ev = [f"{x.kind}: {x.reason[:60]}" for x in diagnostics.events]
                print(f"A2 {dialect:14s} {'+'.join(seq):12s} {'dynamic' if dynamic else 'static ':7s} "
                      f"pass {'on ' if on else 'off'} {outs} {ev}", flush=True)


def _w1_inputs(aliased):
    """The contract's inputs, every row's length 48; the [32, 2] fp16 weight (64 elements, two cache rows of N * D =
    32) stored in the cache's rows slots[0] and slots[0] + 1 (``aliased``), or the same values in a tensor of its own."""
    kv, w, slots, table, lens, cache = build(B=12, seed=0, index_dtype=torch.int64, length_dtype=torch.int64,
                                             lengths=[48] * 12).args
    S, N, D = cache.shape
    k = int(slots[0])
    region = cache.view(-1)[k * N * D: k * N * D + w.numel()]
    region.copy_(w.reshape(-1))
    w2 = region.view(w.shape)
    return [kv, w2 if aliased else w2.clone(), slots, table, lens, cache]


def _w1_clone(a):
    cache = a[5].clone()
    out = [a[0].clone(), None, a[2].clone(), a[3].clone(), a[4].clone(), cache]
    if a[1].untyped_storage().data_ptr() == a[5].untyped_storage().data_ptr():
        off = a[1].storage_offset() - a[5].storage_offset()
        out[1] = cache.view(-1)[off: off + a[1].numel()].view(a[1].shape)
    else:
        out[1] = a[1].clone()
    return out


def w1_repro(dialect="inductor"):
    """W1: the weight a view of the cache's storage (two cache rows, one of them row 0's slot) on a later call of a
    graph compiled for separate tensors.  Run with NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1 for the Triton kernel
    (``--triton`` sets both before anything imports); without, the native CPU kernel (equal: it copies the weight to
    fp32 before it writes)."""
    from nsa_fusion import diagnostics
    from tests.fusion_harness import no_compile_caches

    for dynamic in (False, True):
        for on in (False, True):
            torch._dynamo.reset()
            diagnostics.reset()
            _pass_env(on)
            outs = []
            with no_compile_caches():
                fn = torch.compile(_contract_step, backend=_backend(dialect), fullgraph=True, dynamic=dynamic)
                for kind in ("own", "aliased"):
                    a = _w1_inputs(kind == "aliased")
                    e, g = _w1_clone(a), _w1_clone(a)
                    _contract_step(*e)
                    fn(*g)
                    nz = lambda t: torch.nan_to_num(t, 7.0)  # noqa: E731
                    diff = int((nz(g[5]) != nz(e[5])).any(-1).any(-1).sum())
                    outs.append(f"{kind}: " + ("equal" if _same(g[5], e[5]) else f"DIFFERS ({diff} cache rows)"))
            ev = [f"{x.kind}: {x.reason[:60]}" for x in diagnostics.events if x.kind != "target"]
            kernel = "triton" if os.environ.get("NSA_FUSION_FORCE_TRITON") == "1" else "native"
            print(f"W1 {dialect:14s} {kernel} {'dynamic' if dynamic else 'static ':7s} pass {'on ' if on else 'off'} "
                  f"{outs} {ev}", flush=True)


ATTACKS = LS + CL

_FIRST = [
    ('ls_sl1', 'inductor_graph', 'static', _EQ),
    ('ls_sl1', 'inductor_graph', 'batch', _EQ),
    ('ls_sl1', 'inductor_graph', 'dynamic', _EQ),
    ('ls_sl1_sl2', 'inductor_graph', 'static', _EQ),
    ('ls_sl1_sl2', 'inductor_graph', 'batch', _EQ),
    ('ls_sl1_sl2', 'inductor_graph', 'dynamic', _EQ),
    ('ls_sl1_wh2', 'inductor_graph', 'static', _EQ),
    ('ls_sl1_wh2', 'inductor_graph', 'batch', _EQ),
    ('ls_sl1_wh2', 'inductor_graph', 'dynamic', _EQ),
    ('ls_wh1_sl2', 'inductor_graph', 'static', _EQ),
    ('ls_wh1_sl2', 'inductor_graph', 'batch', _EQ),
    ('ls_wh1_sl2', 'inductor_graph', 'dynamic', _EQ),
    ('ls_sl1_readsl_sl2', 'inductor_graph', 'static', _EQ),
    ('ls_sl1_readsl_sl2', 'inductor_graph', 'batch', _EQ),
    ('ls_sl1_readsl_sl2', 'inductor_graph', 'dynamic', _EQ),
    ('ls_sl1_readsl', 'inductor_graph', 'static', _EQ),
    ('ls_sl1_readsl', 'inductor_graph', 'batch', _EQ),
    ('ls_sl1_readsl', 'inductor_graph', 'dynamic', _EQ),
    ('cl_clone', 'inductor_graph', 'static', _EQ),
    ('cl_clone', 'inductor_graph', 'batch', _EQ),
    ('cl_clone', 'inductor_graph', 'dynamic', _EQ),
    ('cl_copy_into_empty', 'inductor_graph', 'static', _EQ),
    ('cl_copy_into_empty', 'inductor_graph', 'batch', _EQ),
    ('cl_copy_into_empty', 'inductor_graph', 'dynamic', _EQ),
    ('cl_to_copy', 'inductor_graph', 'static', _EQ),
    ('cl_to_copy', 'inductor_graph', 'batch', _EQ),
    ('cl_to_copy', 'inductor_graph', 'dynamic', _EQ),
    ('cl_clone_flat', 'inductor_graph', 'static', _EQ),
    ('cl_clone_flat', 'inductor_graph', 'batch', _EQ),
    ('cl_clone_flat', 'inductor_graph', 'dynamic', _EQ),
    ('cl_mul_one', 'inductor_graph', 'static', _R),
    ('cl_mul_one', 'inductor_graph', 'batch', _R),
    ('cl_mul_one', 'inductor_graph', 'dynamic', _R),
    ('ls_sl1', 'torchair_like', 'static', _EQ),
    ('ls_sl1', 'torchair_like', 'batch', _EQ),
    ('ls_sl1', 'torchair_like', 'dynamic', _EQ),
    ('ls_sl1_sl2', 'torchair_like', 'static', _EQ),
    ('ls_sl1_sl2', 'torchair_like', 'batch', _EQ),
    ('ls_sl1_sl2', 'torchair_like', 'dynamic', _EQ),
    ('ls_sl1_wh2', 'torchair_like', 'static', _EQ),
    ('ls_sl1_wh2', 'torchair_like', 'batch', _EQ),
    ('ls_sl1_wh2', 'torchair_like', 'dynamic', _EQ),
    ('ls_wh1_sl2', 'torchair_like', 'static', _EQ),
    ('ls_wh1_sl2', 'torchair_like', 'batch', _EQ),
    ('ls_wh1_sl2', 'torchair_like', 'dynamic', _EQ),
    ('ls_sl1_readsl_sl2', 'torchair_like', 'static', _EQ),
    ('ls_sl1_readsl_sl2', 'torchair_like', 'batch', _EQ),
    ('ls_sl1_readsl_sl2', 'torchair_like', 'dynamic', _EQ),
    ('ls_sl1_readsl', 'torchair_like', 'static', _EQ),
    ('ls_sl1_readsl', 'torchair_like', 'batch', _EQ),
    ('ls_sl1_readsl', 'torchair_like', 'dynamic', _EQ),
    ('cl_clone', 'torchair_like', 'static', _EQ),
    ('cl_clone', 'torchair_like', 'batch', _EQ),
    ('cl_clone', 'torchair_like', 'dynamic', _EQ),
    ('cl_copy_into_empty', 'torchair_like', 'static', _EQ),
    ('cl_copy_into_empty', 'torchair_like', 'batch', _EQ),
    ('cl_copy_into_empty', 'torchair_like', 'dynamic', _EQ),
    ('cl_to_copy', 'torchair_like', 'static', _EQ),
    ('cl_to_copy', 'torchair_like', 'batch', _EQ),
    ('cl_to_copy', 'torchair_like', 'dynamic', _EQ),
    ('cl_clone_flat', 'torchair_like', 'static', _EQ),
    ('cl_clone_flat', 'torchair_like', 'batch', _EQ),
    ('cl_clone_flat', 'torchair_like', 'dynamic', _EQ),
    ('cl_mul_one', 'torchair_like', 'static', _R),
    ('cl_mul_one', 'torchair_like', 'batch', _R),
    ('cl_mul_one', 'torchair_like', 'dynamic', _R),
]
_LATER = [
    ('ls_sl1', 'inductor', 'static', _EQ),
    ('ls_sl1', 'inductor', 'batch', _EQ),
    ('ls_sl1', 'inductor', 'dynamic', _EQ),
    ('ls_sl1_sl2', 'inductor', 'static', _EQ),
    ('ls_sl1_sl2', 'inductor', 'batch', _EQ),
    ('ls_sl1_sl2', 'inductor', 'dynamic', _EQ),
    ('ls_sl1_wh2', 'inductor', 'static', _EQ),
    ('ls_sl1_wh2', 'inductor', 'batch', _EQ),
    ('ls_sl1_wh2', 'inductor', 'dynamic', _EQ),
    ('ls_wh1_sl2', 'inductor', 'static', _EQ),
    ('ls_wh1_sl2', 'inductor', 'batch', _EQ),
    ('ls_wh1_sl2', 'inductor', 'dynamic', _EQ),
    ('ls_sl1_readsl_sl2', 'inductor', 'static', _EQ),
    ('ls_sl1_readsl_sl2', 'inductor', 'batch', _EQ),
    ('ls_sl1_readsl_sl2', 'inductor', 'dynamic', _EQ),
    ('ls_sl1_readsl', 'inductor', 'static', _EQ),
    ('ls_sl1_readsl', 'inductor', 'batch', _EQ),
    ('ls_sl1_readsl', 'inductor', 'dynamic', _EQ),
    ('cl_clone', 'inductor', 'static', _EQ),
    ('cl_clone', 'inductor', 'batch', _EQ),
    ('cl_clone', 'inductor', 'dynamic', _EQ),
    ('cl_copy_into_empty', 'inductor', 'static', _EQ),
    ('cl_copy_into_empty', 'inductor', 'batch', _EQ),
    ('cl_copy_into_empty', 'inductor', 'dynamic', _EQ),
    ('cl_to_copy', 'inductor', 'static', _EQ),
    ('cl_to_copy', 'inductor', 'batch', _EQ),
    ('cl_to_copy', 'inductor', 'dynamic', _EQ),
    ('cl_clone_flat', 'inductor', 'static', _EQ),
    ('cl_clone_flat', 'inductor', 'batch', _EQ),
    ('cl_clone_flat', 'inductor', 'dynamic', _EQ),
    ('cl_mul_one', 'inductor', 'static', _R),
    ('cl_mul_one', 'inductor', 'batch', _R),
    ('cl_mul_one', 'inductor', 'dynamic', _R),
]


def classify63(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-62)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    _dialect = sys.argv[sys.argv.index("--dialect") + 1] if "--dialect" in sys.argv else "inductor"
    if "--a2" in sys.argv:
        a2_repro(_dialect)
    elif "--w1" in sys.argv:
        w1_repro(_dialect)
    else:
        redteam2.cli(sys.argv[1:], ATTACKS, _FIRST + _LATER, classify63)
