"""Fortieth adversarial review of the recogniser (round 40; reviewer focus: the newest rules of commits acd9402..a8f3579 --
the fp32 matmul settings recorded at compile time and checked before every call (bound_inputs.CheckedCall,
pooling.fp32_matmul_settings / _fp32_matmuls_exact per kind), exactness._keeps_valid_page_ids, then the gather's
block path and the table's integer path).

Same format as redteam25 / redteam39: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7``.  Every factory resets the process-wide fp32 precision settings to torch's defaults
(``_mka``); the kc_ attacks give each call its own setting with redteam39's ``_Setting`` (set when the runner clones
the call's arguments, before eager, the pass and the control each run it).

    cd /tmp/base42 && PYTHONPATH=/tmp/base42 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam40.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base42 = a8f3579, 18:40-19:15 UTC 2026-12-05): 113 attacks in 7 themes
(kc_ 36, pv_ 36, sd_ 6, kb_ 16, tw_ 8, gf_ 6, wc_ 5), 227 runs per graph dialect:

    inductor_graph  227 runs: 19 FALSE FUSION / 0 CRASH / 16 fused & equal / 189 refused / 3 eager fails
    torchair_like   227 runs: 19 FALSE FUSION / 0 CRASH / 18 fused & equal / 187 refused / 3 eager fails
    inductor (real codegen, every false fusion of the graph dialects in every mode it runs in, + pv_control_plain_big):
                     24 runs: 19 FALSE FUSION (all confirmed, control equal to eager) / 3 fused & equal / 2 refused

Per theme, inductor_graph | torchair_like: kc_ 4 EQ 68 R | 4 EQ 68 R; pv_ 19 FF 6 EQ 46 R 1 EF | the same; sd_ 18 R |
18 R; kb_ 4 EQ 18 R 2 EF | the same; tw_ 2 EQ 6 R | 4 EQ 4 R; gf_ 18 R | 18 R; wc_ 15 R | 15 R.  The 3 EAGER FAILS are input bugs of mine (the _grow
inputs of pv_table_sub_ge_shift, kb_index_fill, kb_pad index a 64-block KV at page 1050), not results.  Method notes:
tw_{where,mul_mask}_{const_iota,cumsum} first ran with a bug in the step (UnboundLocalError: EAGER FAILS); the
recorded result is the run right after the fix; likewise gf_off_{add,pos} first ran with an offset of +1 that reads past
the last page (EAGER FAILS, inductor_graph only), recorded with -1;
and wc_ids_plus_flag first ran as ids + flag (past the last page: EAGER FAILS, inductor_graph only), recorded as
ids - flag.  The first runs of kc_conv1d_b1_{mm_bf16_start,default},
kc_rows_conv1d_* and kc_b1_conv1d_* (exploration) gave the results recorded here.  Re-runs of the whole file on the frozen
tree: inductor_graph 19:08-19:13 (the 212 runs before wc_ existed) and torchair_like 19:15-19:21 (all 227): every run
identical to ``_FIRST``.

FOUND (/work/briefs/redteam40_findings.md, repro /work/briefs/redteam40_repro.py):

* F1 FALSE FUSION (pv_; static, mark_dynamic and dynamic=True; both graph dialects and REAL Inductor codegen, control
  equal to eager): ``exactness._keeps_valid_page_ids`` (the ``picks`` / ``tests`` excuses of ``check_int_paths``) accepts
  ``where(cmp(x, k), x, c)`` as "the identity on valid page ids" from the select's shape alone: it never checks that
  ``x`` IS the page ids (table entries through views / casts / gathers, as ``_clamps_to_the_blocks`` walks for clamps),
  and sub / rsub / mul are _TABLE_SAFE.  So ``q = ids - K; ids = where(q != -1, q, 0) + K`` (or ``== -1`` swapped) reads
  the VALID page id K - 1 as page K (the probes' page ids never hit that one id; 14 runs per dialect: static, batch and, on the table, dynamic=True), and
  ``t = C - table; t = C - where(t >= 0, t, 0)`` (also ``> -1``, ``< 0`` swapped, ``-1 * ids + C``, in int32) reads every
  valid id above C as page C (dynamic=True, compiled at 64 blocks, called at 1100; 5 runs per dialect; a static
  1100 blocks is refused by the probes).  Also through the table read as an index, ``table[arange(B)[:, None], p // P]`` (pv_index_read_ne_big).
  After the gather (length-derived ids) dynamic=True is refused by the sizes rule; static and batch fuse.  Corpus:
  pv_table_sub_{ne,eq}_big (3 modes), pv_{sub_ne,sub_eq,index_read_ne}_big (static, batch), pv_table_{sub_ne,sub_eq,rsub,
  rsub_gt,rsub_lt_swapped,neg_mul_add,int32}_grow (dynamic).  Repro: 32 of 416 cache values differ (static, B=4), 1024 of
  68096 at B=64, N=4, D=128 under the default cost rule; ``dyn``: 128 of 416 (14335 of 68096 big); control equal.

Not found (equal, guarded or refused; the idea each tried):

* kc_ the per-kind settings rule: a float CPU convolution with a batch of one, a 1x1 kernel and <= 20480 input elements
  runs as slow_conv2d / slow_conv_transpose2d, whose cpublas gemm follows oneDNN's MATMUL setting (mkldnn_bf32_gemm;
  measured here: bf16 rounding under mkldnn.matmul.fp32_precision="bf16", none under the conv setting), while
  _check_matrix_product holds aten.convolution to the CONV setting only.  Not exploitable: any new-API matmul setting
  makes torch.get_float32_matmul_precision() raise ("mixed" legacy/new API), which fp32_matmul_settings reads as
  "mixed", and _fp32_matmuls_exact requires "highest": refused (kc_b1_*_mm_bf16_start, kc_b12then1_*).  Changed after
  the compile: CheckedCall compares the whole tuple (legacy, matmul, conv): fused & equal (kc_b1_*_mm_bf16_after).
  Spellings with the batch in the convolution's length dim or a per-row loop: refused by the batch plan.
* FX graph cache + a setting changed after the compile (standalone, /work/briefs/redteam40_cache_after_check.py
  ``cache after2``): process B served the fused graph from the cache (counts replayed, "cached": 1), then
  mkldnn.matmul bf16 and a call: CheckedCall ran it unfused, 0 of 512 values differ.
* sd_ the window read, the weight or the condition chosen on the row's slot value (slot == 1000, never drawn by the
  probes): refused (roles: the new rows read the slot mapping; mask: condition without the lengths).
* kb_ the paged KV's blocks >= 1050 changed before the read (where / masked_fill on a block iota, slice fill, one block,
  every 1024th): refused (gather: tokens from more than one tensor); index_fill / pad of the high blocks: fused & equal
  (the op reads the changed KV).
* tw_ the table's columns >= 1000 changed (where / masked_fill / mul by a mask on a column iota, dynamic=True, 4 then
  1008 pages): refused (sizes: an iota over a dimension that changes); a static iota sliced to the width or a cumsum
  column number: fused & equal (the op reads the changed table) or refused (gather plan).
* pv_ controls: ``where(ids >= 0, ids, 0)`` on the ids themselves fused & equal; ``clamp(min=0)`` of ``C - table``
  refused (intervals); ``ids - C`` under ``>= 0`` refused by the probes (small ids hit it); the flat row index
  ``page * P + offset`` under the ne trick: fused & equal (static, batch) / refused (dynamic).
* gf_ a global tensor (a graph input dynamo does not guard by value and bound_inputs does not offer: not a module
  buffer) steering the page ids, the weight or the condition, changed between calls: refused (roles: the new rows /
  the index arithmetic read a graph input that is none of the step's inputs; mask).
* wc_ the page ids / positions chosen on the WEIGHT's values (max|w| > 1000, a NaN weight; probes draw small
  dyadic weights): refused (weight: computed before the pooling; gather: row plan).
* Read, not attacked for lack of time: sizes._stacked, evaluate's view->reshape fallback, merge_duplicate_views'
  integer views (in a functional graph two views of one node hold one value; the mutation check covers copy_),
  rewrite.one_column_slots, addmm/baddbmm beta/alpha (read: alpha != 1 refused, beta only with a zero input).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base42, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam37 import _two_terms32  # noqa: E402
from tests.corpora.redteam39 import _reset_precision, _set, _Setting  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT = "CONTROL DIFFERS", "CONTROL CRASHES TOO"


def _mka(step, inputs, modes=("static",)):
    def make():
        _reset_precision()
        return step, inputs(), modes
    return make


def _calls(hows, B=(16, 8), dtype=torch.float16, **kw):
    B = kw.pop("B", B)
    """One call per entry of ``hows`` (its own precision setting: redteam39._Setting), call k at batch B[k]."""
    def make():
        _reset_precision()
        return [_Setting(_two_terms32(seed=k, B=B[k % len(B)], dtype=dtype, **kw), how) for k, how in enumerate(hows)]
    return make


ATTACKS = []

# --- theme 1 (kc_): a convolution whose CPU kernel is a GEMM (thnn), governed by the MATMUL setting -----------------
# pooling._check_matrix_product holds aten.convolution to oneDNN's *conv* setting only (_fp32_matmuls_exact(device,
# "conv")).  ATen runs a float CPU convolution through oneDNN only where ConvParams::use_mkldnn says so; a batch of one
# with a 1x1 kernel and at most 20480 input elements goes to slow_conv2d / slow_conv_transpose2d (im2col + cpublas
# gemm), and cpublas::gemm for float takes mkldnn_bf32_gemm under torch.backends.mkldnn.matmul.fp32_precision="bf16".
# So under the matmul bf16 setting (conv setting untouched) eager rounds the fp16 tokens to bf16, the rule says exact.
def _kc(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        wf = w.float()
        B, l, N, D = tok.shape
        x = tok.permute(1, 0, 2, 3).reshape(1, l, B * N * D)  # one batch row, the window as channels
        if kind == "conv1d_b1":  # [1, l, BND] * [N, l, 1] -> [1, N, BND]
            y = F.conv1d(x, wf.t()[:, :, None])[0]
        elif kind == "conv2d_b1":
            y = F.conv2d(x[:, :, None, :], wf.t()[:, :, None, None])[0, :, 0]
        elif kind == "conv_transpose1d_b1":  # [1, l, BND] with weight [l, N, 1] -> [1, N, BND]
            y = F.conv_transpose1d(x, wf[:, :, None])[0]
        elif kind == "conv_transpose2d_b1":
            y = F.conv_transpose2d(x[:, :, None, :], wf[:, :, None, None])[0, :, 0]
        elif kind == "conv1d_b1_bias0":  # a zero bias (addmm-like beta)
            y = F.conv1d(x, wf.t()[:, :, None], torch.zeros(N))[0]
        elif kind == "conv1d_b1_3d_unbatched":  # unbatched conv1d input [C, L]
            y = F.conv1d(x[0], wf.t()[:, :, None])
        else:
            raise AssertionError(kind)
        new = y.view(N, B, N, D).diagonal(dim1=0, dim2=2).permute(0, 2, 1)  # [B, D, N] -> [B, N, D]
        return write(cache, slots, completes(lens), new)
    return step


def _kc_rows(kind):
    """The same, one convolution per batch row (a Python loop: static batch), each a batch of one."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        wf = w.float()
        B, l, N, D = tok.shape
        rows = []
        for b in range(B):
            x = tok[b].reshape(1, l, N * D)
            if kind == "conv1d":
                y = F.conv1d(x, wf.t()[:, :, None])[0]
            elif kind == "conv2d":
                y = F.conv2d(x[:, :, None, :], wf.t()[:, :, None, None])[0, :, 0]
            elif kind == "conv_transpose1d":
                y = F.conv_transpose1d(x, wf[:, :, None])[0]
            elif kind == "conv1d_unbatched":
                y = F.conv1d(x[0], wf.t()[:, :, None])
            else:
                raise AssertionError(kind)
            rows.append(y.view(N, N, D).diagonal(dim1=0, dim2=1).t())  # [D, N] -> [N, D]
        new = torch.stack(rows)
        return write(cache, slots, completes(lens), new)
    return step


_KCR = dict(B=(12, 12), N=4, D=32)
for _k in ("conv1d", "conv2d", "conv_transpose1d", "conv1d_unbatched"):
    ATTACKS.append((f"kc_rows_{_k}_mm_bf16_start", _mka(_kc_rows(_k), _calls(["mm_bf16", "mm_bf16"], **_KCR)),
                    f"fp16 N=4 D=32, per-row {_k} (thnn gemm); every call under mkldnn.matmul bf16"))
    ATTACKS.append((f"kc_rows_{_k}_default", _mka(_kc_rows(_k), _calls(["default", "default"], **_KCR)),
                    f"fp16 N=4 D=32, per-row {_k}; defaults (control)"))

def _kc_batch(kind):
    """The model's batch as the convolution's batch: oneDNN for B > 1, slow_conv (gemm) at B == 1 (a valid batch)."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()  # [B, l, N, D]
        wf = w.float()
        B, l, N, D = tok.shape
        x = tok.reshape(B, l, N * D)
        if kind == "conv1d":
            y = F.conv1d(x, wf.t()[:, :, None])
        elif kind == "conv2d":
            y = F.conv2d(x[:, :, None, :], wf.t()[:, :, None, None])[:, :, 0]
        elif kind == "conv_transpose1d":
            y = F.conv_transpose1d(x, wf[:, :, None])
        elif kind == "conv_transpose2d":
            y = F.conv_transpose2d(x[:, :, None, :], wf[:, :, None, None])[:, :, 0]
        elif kind == "conv1d_bias0":
            y = F.conv1d(x, wf.t()[:, :, None], torch.zeros(N))
        elif kind == "conv3d":
            y = F.conv3d(x[:, :, None, None, :], wf.t()[:, :, None, None, None])[:, :, 0, 0]
        else:
            raise AssertionError(kind)
        new = y.view(B, N, N, D).diagonal(dim1=1, dim2=2).permute(0, 2, 1)  # [B, D, N] -> [B, N, D]
        return write(cache, slots, completes(lens), new)
    return step


for _k in ("conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "conv1d_bias0", "conv3d"):
    ATTACKS.append((f"kc_b1_{_k}_mm_bf16_start", _mka(_kc_batch(_k), _calls(["mm_bf16", "mm_bf16"], B=(1, 1), N=4, D=32),
                                                     MODES3),
                    f"fp16 N=4 D=32 B=1, {_k} over the batch (thnn gemm at B=1); every call under mkldnn.matmul bf16"))
    ATTACKS.append((f"kc_b12then1_{_k}_mm_bf16_start", _mka(_kc_batch(_k), _calls(["mm_bf16", "mm_bf16"], B=(12, 1), N=4,
                                                                                D=32), SB),
                    f"fp16 N=4 D=32, {_k}; B=12 (oneDNN conv) then B=1 (thnn gemm), under mkldnn.matmul bf16"))
for _k in ("conv1d", "conv_transpose1d"):
    ATTACKS.append((f"kc_b1_{_k}_default", _mka(_kc_batch(_k), _calls(["default", "default"], B=(1, 1), N=4, D=32)),
                    f"fp16 B=1, {_k}; defaults (control)"))
    ATTACKS.append((f"kc_b1_{_k}_mm_bf16_after", _mka(_kc_batch(_k), _calls(["default", "mm_bf16"], B=(1, 1), N=4, D=32)),
                    f"fp16 B=1, {_k}; compiled under defaults, called under mm bf16 (CheckedCall)"))

_KC = ("conv1d_b1", "conv2d_b1", "conv_transpose1d_b1", "conv_transpose2d_b1", "conv1d_b1_bias0", "conv1d_b1_3d_unbatched")
for _k in _KC:
    ATTACKS.append((f"kc_{_k}_mm_bf16_start", _mka(_kc(_k), _calls(["mm_bf16", "mm_bf16"]), MODES3),
                    f"fp16 data, {_k} (thnn gemm); every call, the compile too, under mkldnn.matmul bf16"))
for _k in ("conv1d_b1", "conv_transpose1d_b1"):
    ATTACKS.append((f"kc_{_k}_mm_bf16_after", _mka(_kc(_k), _calls(["default", "mm_bf16"]), SB),
                    f"fp16, {_k}; compiled under defaults, called under mkldnn.matmul bf16 (CheckedCall must catch)"))
    ATTACKS.append((f"kc_{_k}_conv_bf16_start", _mka(_kc(_k), _calls(["conv_bf16", "conv_bf16"]), SB),
                    f"fp16, {_k}; every call under mkldnn.conv bf16 (control: refused, the kernel does not care)"))
    ATTACKS.append((f"kc_{_k}_default", _mka(_kc(_k), _calls(["default", "default"]), SB),
                    f"fp16, {_k}; defaults (control: fuses, equal)"))


# --- theme 2 (pv_): exactness._keeps_valid_page_ids on a value that is NOT the page ids -------------------------------
# where(x >= 0, x, c) is excused as "the identity on valid page ids" for ANY x on the table's path; rsub / sub / mul are
# _TABLE_SAFE, so x = C - ids is on that path and negative for ids > C (valid ids of a KV with more than C blocks); the
# probes' small ids never reach C.  Eager reads page C - c there, the op the raw table's page.
_C = 1050


def _pv(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        P = kv.shape[1]
        if kind.startswith("table_"):  # on the table before the gather (not length-derived)
            t64 = table.long()
            if kind == "table_rsub":
                t = _C - t64
                t = _C - torch.where(t >= 0, t, 0)
            elif kind == "table_rsub_gt":
                t = _C - t64
                t = _C - torch.where(t > -1, t, 5)
            elif kind == "table_rsub_lt_swapped":
                t = _C - t64
                t = _C - torch.where(t < 0, 0, t)
            elif kind == "table_neg_mul_add":
                t = t64 * -1 + _C
                t = (torch.where(t >= 0, t, 0) - _C) * -1
            elif kind == "table_sub_ne":  # id C + 10 -> -1 -> 0 -> id C + 11
                t = t64 - (_C + 11)
                t = torch.where(t != -1, t, 0) + (_C + 11)
            elif kind == "table_sub_eq":
                t = t64 - (_C + 11)
                t = torch.where(t == -1, 0, t) + (_C + 11)
            elif kind == "table_sub_ge_shift":  # ids below C: q = ids - C < 0 -> the constant; probes' small ids too
                t = t64 - _C
                t = torch.where(t >= 0, t, 0) + _C
            elif kind == "table_int32":  # in the table's own int32
                t = _C - table
                t = (_C - torch.where(t >= 0, t, 0)).long()
            elif kind == "table_clamp":  # the clamp spelling of the same (intervals: refused?)
                t = _C - (_C - t64).clamp(min=0)
            else:
                raise AssertionError(kind)
            ids = t.gather(1, pos // P)
        else:
            ids = table.long().gather(1, pos // P)
            if kind == "rsub_ge":
                q = _C - ids
                ids = _C - torch.where(q >= 0, q, 0)
            elif kind == "rsub_gt":
                q = _C - ids
                ids = _C - torch.where(q > -1, q, 3)
            elif kind == "rsub_lt_swapped":
                q = _C - ids
                ids = _C - torch.where(q < 0, 0, q)
            elif kind == "neg_mul_add":
                q = ids * -1 + _C
                ids = (torch.where(q >= 0, q, 0) - _C) * -1
            elif kind == "sub_ne":  # id C + 10 -> q = -1 -> 0 -> id C + 11
                q = ids - (_C + 11)
                ids = torch.where(q != -1, q, 0) + (_C + 11)
            elif kind == "sub_eq":
                q = ids - (_C + 11)
                ids = torch.where(q == -1, 0, q) + (_C + 11)
            elif kind == "flat_ne":  # on the flat row index page * P + offset of a [NB * P, N, D] view
                flat = kv.reshape(-1, kv.shape[2], kv.shape[3])
                row = ids * P + pos % P
                q = row - (_C + 10) * P - 1  # row (C + 10) * P of page C + 10 -> the next row
                row = torch.where(q != -1, q, 0) + (_C + 10) * P + 1
                return write(cache, slots, completes(lens), pool(flat[row], w))
            elif kind == "index_read_ne":  # the table read with an index (table[b, p // P]) instead of a gather
                B = table.shape[0]
                ids = table.long()[torch.arange(B)[:, None], pos // P]
                q = ids - (_C + 11)
                ids = torch.where(q != -1, q, 0) + (_C + 11)
            elif kind == "control_plain":
                ids = torch.where(ids >= 0, ids, 0)
            else:
                raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _pv_calls(block_nums=(1100, 1100), B=(12, 12)):
    def make():
        return [build(seed=k, B=B[k], P=16, block_num=bn, high_ids=True) for k, bn in enumerate(block_nums)]
    return make


for _k in ("table_rsub_gt", "table_rsub_lt_swapped", "table_neg_mul_add", "table_sub_ne", "table_sub_eq",
           "table_sub_ge_shift", "table_int32", "table_clamp", "table_rsub", "flat_ne", "index_read_ne", "rsub_ge", "rsub_gt", "rsub_lt_swapped", "neg_mul_add", "sub_ne", "sub_eq", "control_plain"):
    ATTACKS.append((f"pv_{_k}_big", _mka(_pv(_k), _pv_calls(), MODES3),
                    f"page ids via where on {_k}; a KV of 1100 blocks, ids from the top (> {_C})"))
    ATTACKS.append((f"pv_{_k}_grow", _mka(_pv(_k), _pv_calls((64, 1100), (12, 12)), ("dynamic",)),
                    f"{_k}; compiled at 64 blocks (dynamic=True), then called at 1100 blocks, ids > {_C}"))


# --- theme 3 (sd_): the window read depends on the row's SLOT value (a row input the probes draw small) ----------------
# The probes draw distinct small slots; a choice made on a large slot value (a valid slot of a cache with many rows)
# never shows.  (Checks whether anything keeps the slot mapping out of the gather / pooling.)
_S = 1000


def _sd(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        P = kv.shape[1]
        ids = table.long().gather(1, pos // P)
        s64 = slots.long()
        if kind == "where_ids":
            ids = torch.where(s64[:, None] == _S, 0, ids)
        elif kind == "add_ids":
            ids = ids + (s64[:, None] == _S).long()
        elif kind == "where_pos":
            pos = torch.where(s64[:, None] >= _S, pos.flip(1), pos)
            ids = table.long().gather(1, pos // P)
        elif kind == "where_table":
            ids = torch.where(s64[:, None] == _S, table.long().flip(1), table.long()).gather(1, pos // P)
        elif kind == "weight_sel":
            tok = kv[ids, pos % P]
            new = pool(tok, w)
            new2 = pool(tok, w.flip(0))
            new = torch.where((s64 == _S)[:, None, None], new2, new)
            return write(cache, slots, completes(lens), new)
        elif kind == "mask_sel":  # the condition: a row whose slot is S writes nothing
            tok = kv[ids, pos % P]
            return write(cache, slots, completes(lens) & (s64 != _S), pool(tok, w))
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _sd_calls():
    def make():
        out = []
        for k in range(2):
            args = list(build(seed=k, B=12, num_slots=1200).args)
            # row 1 (and every row) completes? put slot S on a row that completes a window
            lens = args[4]
            q = [b for b in range(12) if int(lens[b]) >= L and (int(lens[b]) - L) % STRIDE == 0]
            b = q[0] if q else 0
            sl = args[2].clone()
            other = (sl == _S).nonzero()
            if len(other):
                sl[other[0, 0]] = sl[b]
            sl[b] = _S
            args[2] = sl
            out.append(args)
        return out
    return make


for _k in ("where_ids", "add_ids", "where_pos", "where_table", "weight_sel", "mask_sel"):
    ATTACKS.append((f"sd_{_k}", _mka(_sd(_k), _sd_calls(), MODES3), f"the step depends on slot == {_S}: {_k}"))


# --- theme 4 (kb_): the paged KV's blocks changed only at block ids >= C before the read (exactness.check_block_path) --
# check_block_path refuses cat / stack of the KV's own blocks, constant lookup tables and scatters of the KV over itself;
# a select on the block index, or a scatter of a constant over high blocks, changes only blocks the probes' small ids
# never read.
def _kb(kind):
    def step(kv, w, slots, table, lens, cache):
        NB = kv.shape[0]
        blk = torch.arange(NB, device=kv.device)[:, None, None, None]
        if kind == "where_zero":
            kv2 = torch.where(blk < _C, kv, 0.0)
        elif kind == "where_swapped":
            kv2 = torch.where(blk >= _C, torch.zeros_like(kv), kv)
        elif kind == "masked_fill":
            kv2 = kv.masked_fill(blk >= _C, 1.0)
        elif kind == "slice_fill":
            kv2 = kv.clone()
            kv2[_C:] = 0
        elif kind == "index_fill":
            kv2 = kv.index_fill(0, torch.arange(_C, NB), 0.0)
        elif kind == "pad":
            kv2 = F.pad(kv[:_C], (0, 0, 0, 0, 0, 0, 0, NB - _C))
        elif kind == "where_id_eq":  # one block only
            kv2 = torch.where(blk == _C + 10, 0.0, kv)
        elif kind == "where_mod":  # every 1024th block
            kv2 = torch.where(blk % 1024 == 1023, 0.0, kv)
        else:
            raise AssertionError(kind)
        tok = tokens(kv2, table, positions(lens))
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


for _k in ("where_zero", "where_swapped", "masked_fill", "slice_fill", "index_fill", "pad", "where_id_eq", "where_mod"):
    ATTACKS.append((f"kb_{_k}_big", _mka(_kb(_k), _pv_calls(), SB),
                    f"KV blocks >= {_C} changed by {_k}; a KV of 1100 blocks, ids from the top"))
    ATTACKS.append((f"kb_{_k}_grow", _mka(_kb(_k), _pv_calls((64, 1100), (12, 12)), ("dynamic",)),
                    f"{_k}; compiled at 64 blocks (dynamic=True), then called at 1100 blocks"))


# --- theme 5 (tw_): the block table's COLUMNS >= K changed (a condition on an iota over the table width) -------------
# check_int_paths excuses a where whose condition is not on the table ("a choice between page ids"); an iota over the
# table's width is not length-derived (check_length_thresholds), so under dynamic=True the probes at the compiled
# capacity never read a column >= K; a later call with a wider table and sequences longer than K pages does.
_K = 1000


def _tw(kind0):
    def step(kv, w, slots, table, lens, cache):
        kind = kind0
        W = table.shape[1]
        cols = torch.arange(W, device=table.device)[None, :]
        if kind.endswith("_const_iota"):  # a static iota sliced to the width
            cols = torch.arange(4096, device=table.device)[None, :W]
            kind = kind[: -len("_const_iota")]
        elif kind.endswith("_cumsum"):  # the column number without an iota
            cols = torch.ones_like(table, dtype=torch.long).cumsum(1) - 1
            kind = kind[: -len("_cumsum")]
        t = table.long()
        if kind == "where":
            t = torch.where(cols < _K, t, 0)
        elif kind == "masked_fill":
            t = t.masked_fill(cols >= _K, 0)
        elif kind == "mul_mask":
            t = t * (cols < _K).long()
        elif kind == "where_first_page":  # columns past K read the row's first page
            t = torch.where(cols < _K, t, t[:, :1])
        else:
            raise AssertionError(kind)
        pos = positions(lens)
        P = kv.shape[1]
        tok = kv[t.gather(1, pos // P), pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _tw_calls():
    def make():
        small = build(seed=0, B=8, P=16, pages=4).args
        P, pages = 16, _K + 8
        s = _K * P + 48  # window positions K * P + 16 .. K * P + 47: columns K + 1, K + 2
        big = build(seed=1, B=2, P=P, pages=pages, lengths=[s, s - 16], specials=False).args
        return [small, big]
    return make


for _k in ("where", "masked_fill", "mul_mask", "where_first_page", "where_const_iota", "mul_mask_const_iota",
           "where_cumsum", "mul_mask_cumsum"):
    ATTACKS.append((f"tw_{_k}_grow", _mka(_tw(_k), _tw_calls(), ("dynamic",)),
                    f"table columns >= {_K} changed by {_k}; compiled at 4 pages (dynamic=True), then {_K + 8} pages"))


# --- theme 6 (gf_): a global tensor (a graph input dynamo does not guard by value, not a module buffer: not offered to
# bound_inputs) steering the page ids; its value changes between calls (set when the runner clones each call's args)
_FLAG = torch.tensor(False)
_OFF = torch.tensor(0)


class _Global(list):
    def __init__(self, args, flag, off):
        super().__init__(args)
        self.flag, self.off = flag, off

    def __iter__(self):
        _FLAG.fill_(self.flag)
        _OFF.fill_(self.off)
        return super().__iter__()


def _gf(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        P = kv.shape[1]
        ids = table.long().gather(1, pos // P)
        if kind == "flag_where":
            ids = torch.where(_FLAG, table.long().flip(1).gather(1, pos // P), ids)
        elif kind == "flag_where_table":
            ids = torch.where(_FLAG, table.long().flip(1), table.long()).gather(1, pos // P)
        elif kind == "off_add":
            ids = ids + _OFF
        elif kind == "off_pos":
            pos = (pos + _OFF).clamp(min=0)
            ids = table.long().gather(1, pos // P)
        elif kind == "flag_weight":
            w = torch.where(_FLAG, w.flip(0), w)
        elif kind == "flag_mask":
            tok = kv[ids, pos % P]
            return write(cache, slots, completes(lens) & ~_FLAG, pool(tok, w))
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _gf_calls(vals):
    def make():
        _FLAG.fill_(False)
        _OFF.fill_(0)
        return [_Global(build(seed=k, B=12).args, f, o) for k, (f, o) in enumerate(vals)]
    return make


for _k in ("flag_where", "flag_where_table", "flag_weight", "flag_mask"):
    ATTACKS.append((f"gf_{_k}", _mka(_gf(_k), _gf_calls([(False, 0), (True, 0)]), MODES3),
                    f"a global bool tensor flips between calls: {_k}"))
for _k in ("off_add", "off_pos"):
    ATTACKS.append((f"gf_{_k}", _mka(_gf(_k), _gf_calls([(False, 0), (False, -1)]), MODES3),
                    f"a global int tensor changes between calls: {_k}"))

# --- theme 7 (wc_): the page ids (or the positions) chosen on a condition on the WEIGHT's values ----------------------
# check_int_paths excuses a where whose condition is not on the table ("a choice between page ids"); weights may hold any
# value (docs/contract.md), the probes draw small dyadic ones: a choice on a large (or NaN) weight never shows.
def _wc(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        P = kv.shape[1]
        ids = table.long().gather(1, pos // P)
        big = w.float().abs().amax() > 1000
        if kind == "flip_ids":
            ids = torch.where(big, table.long().flip(1).gather(1, pos // P), ids)
        elif kind == "page0":
            ids = torch.where(big, 0, ids)
        elif kind == "nan_page0":
            ids = torch.where(w.isnan().any(), 0, ids)
        elif kind == "shift_pos":
            pos = torch.where(big, (pos - 1).clamp(min=0), pos)
            ids = table.long().gather(1, pos // P)
        elif kind == "ids_plus_flag":
            ids = ids - big.long()  # (id 0 - 1 wraps Python-style to the last block)
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _wc_calls(v):
    def make():
        out = []
        for k in range(2):
            args = list(build(seed=k, B=12).args)
            if k == 1:
                args[1] = args[1].clone()
                args[1][3, 1] = v
            out.append(args)
        return out
    return make


for _k in ("flip_ids", "page0", "shift_pos", "ids_plus_flag"):
    ATTACKS.append((f"wc_{_k}", _mka(_wc(_k), _wc_calls(2000.0), MODES3),
                    f"the page ids chosen on max|w| > 1000 ({_k}); call 1 has one weight 2000"))
ATTACKS.append(("wc_nan_page0", _mka(_wc("nan_page0"), _wc_calls(float("nan")), MODES3),
                "page 0 read where the weight holds a NaN; call 1 has one NaN weight"))

_EF = "EAGER FAILS"
# First-try results (attack, dialect, mode, result); "inductor": confirmation runs in real Inductor codegen.
_FIRST = [
    ('kc_rows_conv1d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_rows_conv1d_default', 'inductor_graph', 'static', _R),
    ('kc_rows_conv2d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_rows_conv2d_default', 'inductor_graph', 'static', _R),
    ('kc_rows_conv_transpose1d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_rows_conv_transpose1d_default', 'inductor_graph', 'static', _R),
    ('kc_rows_conv1d_unbatched_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_rows_conv1d_unbatched_default', 'inductor_graph', 'static', _R),
    ('kc_b1_conv1d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b1_conv1d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv1d_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_b12then1_conv1d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b12then1_conv1d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv2d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b1_conv2d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv2d_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_b12then1_conv2d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b12then1_conv2d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv_transpose1d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b1_conv_transpose1d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv_transpose1d_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_b12then1_conv_transpose1d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b12then1_conv_transpose1d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv_transpose2d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b1_conv_transpose2d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv_transpose2d_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_b12then1_conv_transpose2d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b12then1_conv_transpose2d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv1d_bias0_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b1_conv1d_bias0_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv1d_bias0_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_b12then1_conv1d_bias0_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b12then1_conv1d_bias0_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv3d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b1_conv3d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv3d_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_b12then1_conv3d_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_b12then1_conv3d_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_b1_conv1d_default', 'inductor_graph', 'static', _EQ),
    ('kc_b1_conv1d_mm_bf16_after', 'inductor_graph', 'static', _EQ),
    ('kc_b1_conv_transpose1d_default', 'inductor_graph', 'static', _EQ),
    ('kc_b1_conv_transpose1d_mm_bf16_after', 'inductor_graph', 'static', _EQ),
    ('kc_conv1d_b1_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv1d_b1_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv1d_b1_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_conv2d_b1_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv2d_b1_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv2d_b1_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_conv_transpose2d_b1_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv_transpose2d_b1_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv_transpose2d_b1_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_conv1d_b1_bias0_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv1d_b1_bias0_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv1d_b1_bias0_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_conv1d_b1_3d_unbatched_mm_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv1d_b1_3d_unbatched_mm_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv1d_b1_3d_unbatched_mm_bf16_start', 'inductor_graph', 'dynamic', _R),
    ('kc_conv1d_b1_mm_bf16_after', 'inductor_graph', 'static', _R),
    ('kc_conv1d_b1_mm_bf16_after', 'inductor_graph', 'batch', _R),
    ('kc_conv1d_b1_conv_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv1d_b1_conv_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv1d_b1_default', 'inductor_graph', 'static', _R),
    ('kc_conv1d_b1_default', 'inductor_graph', 'batch', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_after', 'inductor_graph', 'static', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_after', 'inductor_graph', 'batch', _R),
    ('kc_conv_transpose1d_b1_conv_bf16_start', 'inductor_graph', 'static', _R),
    ('kc_conv_transpose1d_b1_conv_bf16_start', 'inductor_graph', 'batch', _R),
    ('kc_conv_transpose1d_b1_default', 'inductor_graph', 'static', _R),
    ('kc_conv_transpose1d_b1_default', 'inductor_graph', 'batch', _R),
    ('kc_rows_conv1d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_rows_conv1d_default', 'torchair_like', 'static', _R),
    ('kc_rows_conv2d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_rows_conv2d_default', 'torchair_like', 'static', _R),
    ('kc_rows_conv_transpose1d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_rows_conv_transpose1d_default', 'torchair_like', 'static', _R),
    ('kc_rows_conv1d_unbatched_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_rows_conv1d_unbatched_default', 'torchair_like', 'static', _R),
    ('kc_b1_conv1d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b1_conv1d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv1d_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_b12then1_conv1d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b12then1_conv1d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv2d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b1_conv2d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv2d_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_b12then1_conv2d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b12then1_conv2d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv_transpose1d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b1_conv_transpose1d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv_transpose1d_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_b12then1_conv_transpose1d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b12then1_conv_transpose1d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv_transpose2d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b1_conv_transpose2d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv_transpose2d_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_b12then1_conv_transpose2d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b12then1_conv_transpose2d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv1d_bias0_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b1_conv1d_bias0_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv1d_bias0_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_b12then1_conv1d_bias0_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b12then1_conv1d_bias0_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv3d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b1_conv3d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv3d_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_b12then1_conv3d_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_b12then1_conv3d_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_b1_conv1d_default', 'torchair_like', 'static', _EQ),
    ('kc_b1_conv1d_mm_bf16_after', 'torchair_like', 'static', _EQ),
    ('kc_b1_conv_transpose1d_default', 'torchair_like', 'static', _EQ),
    ('kc_b1_conv_transpose1d_mm_bf16_after', 'torchair_like', 'static', _EQ),
    ('kc_conv1d_b1_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv1d_b1_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv1d_b1_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_conv2d_b1_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv2d_b1_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv2d_b1_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_conv_transpose2d_b1_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv_transpose2d_b1_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv_transpose2d_b1_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_conv1d_b1_bias0_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv1d_b1_bias0_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv1d_b1_bias0_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_conv1d_b1_3d_unbatched_mm_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv1d_b1_3d_unbatched_mm_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv1d_b1_3d_unbatched_mm_bf16_start', 'torchair_like', 'dynamic', _R),
    ('kc_conv1d_b1_mm_bf16_after', 'torchair_like', 'static', _R),
    ('kc_conv1d_b1_mm_bf16_after', 'torchair_like', 'batch', _R),
    ('kc_conv1d_b1_conv_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv1d_b1_conv_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv1d_b1_default', 'torchair_like', 'static', _R),
    ('kc_conv1d_b1_default', 'torchair_like', 'batch', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_after', 'torchair_like', 'static', _R),
    ('kc_conv_transpose1d_b1_mm_bf16_after', 'torchair_like', 'batch', _R),
    ('kc_conv_transpose1d_b1_conv_bf16_start', 'torchair_like', 'static', _R),
    ('kc_conv_transpose1d_b1_conv_bf16_start', 'torchair_like', 'batch', _R),
    ('kc_conv_transpose1d_b1_default', 'torchair_like', 'static', _R),
    ('kc_conv_transpose1d_b1_default', 'torchair_like', 'batch', _R),
    ('pv_table_rsub_gt_big', 'inductor_graph', 'static', _R),
    ('pv_table_rsub_gt_big', 'inductor_graph', 'batch', _R),
    ('pv_table_rsub_gt_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_rsub_gt_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_rsub_lt_swapped_big', 'inductor_graph', 'static', _R),
    ('pv_table_rsub_lt_swapped_big', 'inductor_graph', 'batch', _R),
    ('pv_table_rsub_lt_swapped_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_rsub_lt_swapped_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_neg_mul_add_big', 'inductor_graph', 'static', _R),
    ('pv_table_neg_mul_add_big', 'inductor_graph', 'batch', _R),
    ('pv_table_neg_mul_add_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_neg_mul_add_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_sub_ne_big', 'inductor_graph', 'static', _FF),
    ('pv_table_sub_ne_big', 'inductor_graph', 'batch', _FF),
    ('pv_table_sub_ne_big', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_sub_ne_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_sub_eq_big', 'inductor_graph', 'static', _FF),
    ('pv_table_sub_eq_big', 'inductor_graph', 'batch', _FF),
    ('pv_table_sub_eq_big', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_sub_eq_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_sub_ge_shift_big', 'inductor_graph', 'static', _R),
    ('pv_table_sub_ge_shift_big', 'inductor_graph', 'batch', _R),
    ('pv_table_sub_ge_shift_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_sub_ge_shift_grow', 'inductor_graph', 'dynamic', _EF),
    ('pv_table_int32_big', 'inductor_graph', 'static', _R),
    ('pv_table_int32_big', 'inductor_graph', 'batch', _R),
    ('pv_table_int32_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_int32_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_table_clamp_big', 'inductor_graph', 'static', _R),
    ('pv_table_clamp_big', 'inductor_graph', 'batch', _R),
    ('pv_table_clamp_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_clamp_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_table_rsub_big', 'inductor_graph', 'static', _R),
    ('pv_table_rsub_big', 'inductor_graph', 'batch', _R),
    ('pv_table_rsub_big', 'inductor_graph', 'dynamic', _R),
    ('pv_table_rsub_grow', 'inductor_graph', 'dynamic', _FF),
    ('pv_rsub_ge_big', 'inductor_graph', 'static', _R),
    ('pv_rsub_ge_big', 'inductor_graph', 'batch', _R),
    ('pv_rsub_ge_big', 'inductor_graph', 'dynamic', _R),
    ('pv_rsub_ge_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_rsub_gt_big', 'inductor_graph', 'static', _R),
    ('pv_rsub_gt_big', 'inductor_graph', 'batch', _R),
    ('pv_rsub_gt_big', 'inductor_graph', 'dynamic', _R),
    ('pv_rsub_gt_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_rsub_lt_swapped_big', 'inductor_graph', 'static', _R),
    ('pv_rsub_lt_swapped_big', 'inductor_graph', 'batch', _R),
    ('pv_rsub_lt_swapped_big', 'inductor_graph', 'dynamic', _R),
    ('pv_rsub_lt_swapped_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_neg_mul_add_big', 'inductor_graph', 'static', _R),
    ('pv_neg_mul_add_big', 'inductor_graph', 'batch', _R),
    ('pv_neg_mul_add_big', 'inductor_graph', 'dynamic', _R),
    ('pv_neg_mul_add_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_sub_ne_big', 'inductor_graph', 'static', _FF),
    ('pv_sub_ne_big', 'inductor_graph', 'batch', _FF),
    ('pv_sub_ne_big', 'inductor_graph', 'dynamic', _R),
    ('pv_sub_ne_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_sub_eq_big', 'inductor_graph', 'static', _FF),
    ('pv_sub_eq_big', 'inductor_graph', 'batch', _FF),
    ('pv_sub_eq_big', 'inductor_graph', 'dynamic', _R),
    ('pv_sub_eq_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_control_plain_big', 'inductor_graph', 'static', _EQ),
    ('pv_control_plain_big', 'inductor_graph', 'batch', _EQ),
    ('pv_control_plain_big', 'inductor_graph', 'dynamic', _EQ),
    ('pv_control_plain_grow', 'inductor_graph', 'dynamic', _EQ),
    ('pv_flat_ne_big', 'inductor_graph', 'static', _EQ),
    ('pv_flat_ne_big', 'inductor_graph', 'batch', _EQ),
    ('pv_flat_ne_big', 'inductor_graph', 'dynamic', _R),
    ('pv_flat_ne_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_index_read_ne_big', 'inductor_graph', 'static', _FF),
    ('pv_index_read_ne_big', 'inductor_graph', 'batch', _FF),
    ('pv_index_read_ne_big', 'inductor_graph', 'dynamic', _R),
    ('pv_index_read_ne_grow', 'inductor_graph', 'dynamic', _R),
    ('pv_table_rsub_gt_big', 'torchair_like', 'static', _R),
    ('pv_table_rsub_gt_big', 'torchair_like', 'batch', _R),
    ('pv_table_rsub_gt_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_rsub_gt_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_table_rsub_lt_swapped_big', 'torchair_like', 'static', _R),
    ('pv_table_rsub_lt_swapped_big', 'torchair_like', 'batch', _R),
    ('pv_table_rsub_lt_swapped_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_rsub_lt_swapped_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_table_neg_mul_add_big', 'torchair_like', 'static', _R),
    ('pv_table_neg_mul_add_big', 'torchair_like', 'batch', _R),
    ('pv_table_neg_mul_add_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_neg_mul_add_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_table_sub_ne_big', 'torchair_like', 'static', _FF),
    ('pv_table_sub_ne_big', 'torchair_like', 'batch', _FF),
    ('pv_table_sub_ne_big', 'torchair_like', 'dynamic', _FF),
    ('pv_table_sub_ne_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_table_sub_eq_big', 'torchair_like', 'static', _FF),
    ('pv_table_sub_eq_big', 'torchair_like', 'batch', _FF),
    ('pv_table_sub_eq_big', 'torchair_like', 'dynamic', _FF),
    ('pv_table_sub_eq_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_table_sub_ge_shift_big', 'torchair_like', 'static', _R),
    ('pv_table_sub_ge_shift_big', 'torchair_like', 'batch', _R),
    ('pv_table_sub_ge_shift_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_sub_ge_shift_grow', 'torchair_like', 'dynamic', _EF),
    ('pv_table_int32_big', 'torchair_like', 'static', _R),
    ('pv_table_int32_big', 'torchair_like', 'batch', _R),
    ('pv_table_int32_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_int32_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_table_clamp_big', 'torchair_like', 'static', _R),
    ('pv_table_clamp_big', 'torchair_like', 'batch', _R),
    ('pv_table_clamp_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_clamp_grow', 'torchair_like', 'dynamic', _R),
    ('pv_table_rsub_big', 'torchair_like', 'static', _R),
    ('pv_table_rsub_big', 'torchair_like', 'batch', _R),
    ('pv_table_rsub_big', 'torchair_like', 'dynamic', _R),
    ('pv_table_rsub_grow', 'torchair_like', 'dynamic', _FF),
    ('pv_rsub_ge_big', 'torchair_like', 'static', _R),
    ('pv_rsub_ge_big', 'torchair_like', 'batch', _R),
    ('pv_rsub_ge_big', 'torchair_like', 'dynamic', _R),
    ('pv_rsub_ge_grow', 'torchair_like', 'dynamic', _R),
    ('pv_rsub_gt_big', 'torchair_like', 'static', _R),
    ('pv_rsub_gt_big', 'torchair_like', 'batch', _R),
    ('pv_rsub_gt_big', 'torchair_like', 'dynamic', _R),
    ('pv_rsub_gt_grow', 'torchair_like', 'dynamic', _R),
    ('pv_rsub_lt_swapped_big', 'torchair_like', 'static', _R),
    ('pv_rsub_lt_swapped_big', 'torchair_like', 'batch', _R),
    ('pv_rsub_lt_swapped_big', 'torchair_like', 'dynamic', _R),
    ('pv_rsub_lt_swapped_grow', 'torchair_like', 'dynamic', _R),
    ('pv_neg_mul_add_big', 'torchair_like', 'static', _R),
    ('pv_neg_mul_add_big', 'torchair_like', 'batch', _R),
    ('pv_neg_mul_add_big', 'torchair_like', 'dynamic', _R),
    ('pv_neg_mul_add_grow', 'torchair_like', 'dynamic', _R),
    ('pv_sub_ne_big', 'torchair_like', 'static', _FF),
    ('pv_sub_ne_big', 'torchair_like', 'batch', _FF),
    ('pv_sub_ne_big', 'torchair_like', 'dynamic', _R),
    ('pv_sub_ne_grow', 'torchair_like', 'dynamic', _R),
    ('pv_sub_eq_big', 'torchair_like', 'static', _FF),
    ('pv_sub_eq_big', 'torchair_like', 'batch', _FF),
    ('pv_sub_eq_big', 'torchair_like', 'dynamic', _R),
    ('pv_sub_eq_grow', 'torchair_like', 'dynamic', _R),
    ('pv_control_plain_big', 'torchair_like', 'static', _EQ),
    ('pv_control_plain_big', 'torchair_like', 'batch', _EQ),
    ('pv_control_plain_big', 'torchair_like', 'dynamic', _EQ),
    ('pv_control_plain_grow', 'torchair_like', 'dynamic', _EQ),
    ('pv_flat_ne_big', 'torchair_like', 'static', _EQ),
    ('pv_flat_ne_big', 'torchair_like', 'batch', _EQ),
    ('pv_flat_ne_big', 'torchair_like', 'dynamic', _R),
    ('pv_flat_ne_grow', 'torchair_like', 'dynamic', _R),
    ('pv_index_read_ne_big', 'torchair_like', 'static', _FF),
    ('pv_index_read_ne_big', 'torchair_like', 'batch', _FF),
    ('pv_index_read_ne_big', 'torchair_like', 'dynamic', _R),
    ('pv_index_read_ne_grow', 'torchair_like', 'dynamic', _R),
    ('sd_where_ids', 'inductor_graph', 'static', _R),
    ('sd_where_ids', 'inductor_graph', 'batch', _R),
    ('sd_where_ids', 'inductor_graph', 'dynamic', _R),
    ('sd_add_ids', 'inductor_graph', 'static', _R),
    ('sd_add_ids', 'inductor_graph', 'batch', _R),
    ('sd_add_ids', 'inductor_graph', 'dynamic', _R),
    ('sd_where_pos', 'inductor_graph', 'static', _R),
    ('sd_where_pos', 'inductor_graph', 'batch', _R),
    ('sd_where_pos', 'inductor_graph', 'dynamic', _R),
    ('sd_where_table', 'inductor_graph', 'static', _R),
    ('sd_where_table', 'inductor_graph', 'batch', _R),
    ('sd_where_table', 'inductor_graph', 'dynamic', _R),
    ('sd_weight_sel', 'inductor_graph', 'static', _R),
    ('sd_weight_sel', 'inductor_graph', 'batch', _R),
    ('sd_weight_sel', 'inductor_graph', 'dynamic', _R),
    ('sd_mask_sel', 'inductor_graph', 'static', _R),
    ('sd_mask_sel', 'inductor_graph', 'batch', _R),
    ('sd_mask_sel', 'inductor_graph', 'dynamic', _R),
    ('sd_where_ids', 'torchair_like', 'static', _R),
    ('sd_where_ids', 'torchair_like', 'batch', _R),
    ('sd_where_ids', 'torchair_like', 'dynamic', _R),
    ('sd_add_ids', 'torchair_like', 'static', _R),
    ('sd_add_ids', 'torchair_like', 'batch', _R),
    ('sd_add_ids', 'torchair_like', 'dynamic', _R),
    ('sd_where_pos', 'torchair_like', 'static', _R),
    ('sd_where_pos', 'torchair_like', 'batch', _R),
    ('sd_where_pos', 'torchair_like', 'dynamic', _R),
    ('sd_where_table', 'torchair_like', 'static', _R),
    ('sd_where_table', 'torchair_like', 'batch', _R),
    ('sd_where_table', 'torchair_like', 'dynamic', _R),
    ('sd_weight_sel', 'torchair_like', 'static', _R),
    ('sd_weight_sel', 'torchair_like', 'batch', _R),
    ('sd_weight_sel', 'torchair_like', 'dynamic', _R),
    ('sd_mask_sel', 'torchair_like', 'static', _R),
    ('sd_mask_sel', 'torchair_like', 'batch', _R),
    ('sd_mask_sel', 'torchair_like', 'dynamic', _R),
    ('kb_where_zero_big', 'inductor_graph', 'static', _R),
    ('kb_where_zero_big', 'inductor_graph', 'batch', _R),
    ('kb_where_zero_grow', 'inductor_graph', 'dynamic', _R),
    ('kb_where_swapped_big', 'inductor_graph', 'static', _R),
    ('kb_where_swapped_big', 'inductor_graph', 'batch', _R),
    ('kb_where_swapped_grow', 'inductor_graph', 'dynamic', _R),
    ('kb_masked_fill_big', 'inductor_graph', 'static', _R),
    ('kb_masked_fill_big', 'inductor_graph', 'batch', _R),
    ('kb_masked_fill_grow', 'inductor_graph', 'dynamic', _R),
    ('kb_slice_fill_big', 'inductor_graph', 'static', _R),
    ('kb_slice_fill_big', 'inductor_graph', 'batch', _R),
    ('kb_slice_fill_grow', 'inductor_graph', 'dynamic', _R),
    ('kb_index_fill_big', 'inductor_graph', 'static', _EQ),
    ('kb_index_fill_big', 'inductor_graph', 'batch', _EQ),
    ('kb_index_fill_grow', 'inductor_graph', 'dynamic', _EF),
    ('kb_pad_big', 'inductor_graph', 'static', _EQ),
    ('kb_pad_big', 'inductor_graph', 'batch', _EQ),
    ('kb_pad_grow', 'inductor_graph', 'dynamic', _EF),
    ('kb_where_id_eq_big', 'inductor_graph', 'static', _R),
    ('kb_where_id_eq_big', 'inductor_graph', 'batch', _R),
    ('kb_where_id_eq_grow', 'inductor_graph', 'dynamic', _R),
    ('kb_where_mod_big', 'inductor_graph', 'static', _R),
    ('kb_where_mod_big', 'inductor_graph', 'batch', _R),
    ('kb_where_mod_grow', 'inductor_graph', 'dynamic', _R),
    ('kb_where_zero_big', 'torchair_like', 'static', _R),
    ('kb_where_zero_big', 'torchair_like', 'batch', _R),
    ('kb_where_zero_grow', 'torchair_like', 'dynamic', _R),
    ('kb_where_swapped_big', 'torchair_like', 'static', _R),
    ('kb_where_swapped_big', 'torchair_like', 'batch', _R),
    ('kb_where_swapped_grow', 'torchair_like', 'dynamic', _R),
    ('kb_masked_fill_big', 'torchair_like', 'static', _R),
    ('kb_masked_fill_big', 'torchair_like', 'batch', _R),
    ('kb_masked_fill_grow', 'torchair_like', 'dynamic', _R),
    ('kb_slice_fill_big', 'torchair_like', 'static', _R),
    ('kb_slice_fill_big', 'torchair_like', 'batch', _R),
    ('kb_slice_fill_grow', 'torchair_like', 'dynamic', _R),
    ('kb_index_fill_big', 'torchair_like', 'static', _EQ),
    ('kb_index_fill_big', 'torchair_like', 'batch', _EQ),
    ('kb_index_fill_grow', 'torchair_like', 'dynamic', _EF),
    ('kb_pad_big', 'torchair_like', 'static', _EQ),
    ('kb_pad_big', 'torchair_like', 'batch', _EQ),
    ('kb_pad_grow', 'torchair_like', 'dynamic', _EF),
    ('kb_where_id_eq_big', 'torchair_like', 'static', _R),
    ('kb_where_id_eq_big', 'torchair_like', 'batch', _R),
    ('kb_where_id_eq_grow', 'torchair_like', 'dynamic', _R),
    ('kb_where_mod_big', 'torchair_like', 'static', _R),
    ('kb_where_mod_big', 'torchair_like', 'batch', _R),
    ('kb_where_mod_grow', 'torchair_like', 'dynamic', _R),
    ('tw_where_grow', 'inductor_graph', 'dynamic', _R),
    ('tw_masked_fill_grow', 'inductor_graph', 'dynamic', _R),
    ('tw_mul_mask_grow', 'inductor_graph', 'dynamic', _R),
    ('tw_where_first_page_grow', 'inductor_graph', 'dynamic', _R),
    ('tw_where_const_iota_grow', 'inductor_graph', 'dynamic', _EQ),
    ('tw_mul_mask_const_iota_grow', 'inductor_graph', 'dynamic', _EQ),
    ('tw_where_cumsum_grow', 'inductor_graph', 'dynamic', _R),
    ('tw_mul_mask_cumsum_grow', 'inductor_graph', 'dynamic', _R),
    ('tw_where_grow', 'torchair_like', 'dynamic', _R),
    ('tw_masked_fill_grow', 'torchair_like', 'dynamic', _R),
    ('tw_mul_mask_grow', 'torchair_like', 'dynamic', _R),
    ('tw_where_first_page_grow', 'torchair_like', 'dynamic', _R),
    ('tw_where_const_iota_grow', 'torchair_like', 'dynamic', _EQ),
    ('tw_mul_mask_const_iota_grow', 'torchair_like', 'dynamic', _EQ),
    ('tw_where_cumsum_grow', 'torchair_like', 'dynamic', _EQ),
    ('tw_mul_mask_cumsum_grow', 'torchair_like', 'dynamic', _EQ),
    ('gf_flag_where', 'inductor_graph', 'static', _R),
    ('gf_flag_where', 'inductor_graph', 'batch', _R),
    ('gf_flag_where', 'inductor_graph', 'dynamic', _R),
    ('gf_flag_where_table', 'inductor_graph', 'static', _R),
    ('gf_flag_where_table', 'inductor_graph', 'batch', _R),
    ('gf_flag_where_table', 'inductor_graph', 'dynamic', _R),
    ('gf_flag_weight', 'inductor_graph', 'static', _R),
    ('gf_flag_weight', 'inductor_graph', 'batch', _R),
    ('gf_flag_weight', 'inductor_graph', 'dynamic', _R),
    ('gf_flag_mask', 'inductor_graph', 'static', _R),
    ('gf_flag_mask', 'inductor_graph', 'batch', _R),
    ('gf_flag_mask', 'inductor_graph', 'dynamic', _R),
    ('gf_off_add', 'inductor_graph', 'static', _R),
    ('gf_off_add', 'inductor_graph', 'batch', _R),
    ('gf_off_add', 'inductor_graph', 'dynamic', _R),
    ('gf_off_pos', 'inductor_graph', 'static', _R),
    ('gf_off_pos', 'inductor_graph', 'batch', _R),
    ('gf_off_pos', 'inductor_graph', 'dynamic', _R),
    ('gf_flag_where', 'torchair_like', 'static', _R),
    ('gf_flag_where', 'torchair_like', 'batch', _R),
    ('gf_flag_where', 'torchair_like', 'dynamic', _R),
    ('gf_flag_where_table', 'torchair_like', 'static', _R),
    ('gf_flag_where_table', 'torchair_like', 'batch', _R),
    ('gf_flag_where_table', 'torchair_like', 'dynamic', _R),
    ('gf_flag_weight', 'torchair_like', 'static', _R),
    ('gf_flag_weight', 'torchair_like', 'batch', _R),
    ('gf_flag_weight', 'torchair_like', 'dynamic', _R),
    ('gf_flag_mask', 'torchair_like', 'static', _R),
    ('gf_flag_mask', 'torchair_like', 'batch', _R),
    ('gf_flag_mask', 'torchair_like', 'dynamic', _R),
    ('gf_off_add', 'torchair_like', 'static', _R),
    ('gf_off_add', 'torchair_like', 'batch', _R),
    ('gf_off_add', 'torchair_like', 'dynamic', _R),
    ('gf_off_pos', 'torchair_like', 'static', _R),
    ('gf_off_pos', 'torchair_like', 'batch', _R),
    ('gf_off_pos', 'torchair_like', 'dynamic', _R),
    ('wc_flip_ids', 'inductor_graph', 'static', _R),
    ('wc_flip_ids', 'inductor_graph', 'batch', _R),
    ('wc_flip_ids', 'inductor_graph', 'dynamic', _R),
    ('wc_page0', 'inductor_graph', 'static', _R),
    ('wc_page0', 'inductor_graph', 'batch', _R),
    ('wc_page0', 'inductor_graph', 'dynamic', _R),
    ('wc_shift_pos', 'inductor_graph', 'static', _R),
    ('wc_shift_pos', 'inductor_graph', 'batch', _R),
    ('wc_shift_pos', 'inductor_graph', 'dynamic', _R),
    ('wc_nan_page0', 'inductor_graph', 'static', _R),
    ('wc_nan_page0', 'inductor_graph', 'batch', _R),
    ('wc_nan_page0', 'inductor_graph', 'dynamic', _R),
    ('wc_ids_plus_flag', 'inductor_graph', 'static', _R),
    ('wc_ids_plus_flag', 'inductor_graph', 'batch', _R),
    ('wc_ids_plus_flag', 'inductor_graph', 'dynamic', _R),
    ('wc_flip_ids', 'torchair_like', 'static', _R),
    ('wc_flip_ids', 'torchair_like', 'batch', _R),
    ('wc_flip_ids', 'torchair_like', 'dynamic', _R),
    ('wc_page0', 'torchair_like', 'static', _R),
    ('wc_page0', 'torchair_like', 'batch', _R),
    ('wc_page0', 'torchair_like', 'dynamic', _R),
    ('wc_shift_pos', 'torchair_like', 'static', _R),
    ('wc_shift_pos', 'torchair_like', 'batch', _R),
    ('wc_shift_pos', 'torchair_like', 'dynamic', _R),
    ('wc_ids_plus_flag', 'torchair_like', 'static', _R),
    ('wc_ids_plus_flag', 'torchair_like', 'batch', _R),
    ('wc_ids_plus_flag', 'torchair_like', 'dynamic', _R),
    ('wc_nan_page0', 'torchair_like', 'static', _R),
    ('wc_nan_page0', 'torchair_like', 'batch', _R),
    ('wc_nan_page0', 'torchair_like', 'dynamic', _R),
    ('pv_table_rsub_gt_grow', 'inductor', 'dynamic', _FF),
    ('pv_table_rsub_lt_swapped_grow', 'inductor', 'dynamic', _FF),
    ('pv_table_neg_mul_add_grow', 'inductor', 'dynamic', _FF),
    ('pv_table_sub_ne_big', 'inductor', 'static', _FF),
    ('pv_table_sub_ne_big', 'inductor', 'batch', _FF),
    ('pv_table_sub_ne_big', 'inductor', 'dynamic', _FF),
    ('pv_table_sub_ne_grow', 'inductor', 'dynamic', _FF),
    ('pv_table_sub_eq_big', 'inductor', 'static', _FF),
    ('pv_table_sub_eq_big', 'inductor', 'batch', _FF),
    ('pv_table_sub_eq_big', 'inductor', 'dynamic', _FF),
    ('pv_table_sub_eq_grow', 'inductor', 'dynamic', _FF),
    ('pv_table_int32_grow', 'inductor', 'dynamic', _FF),
    ('pv_table_rsub_grow', 'inductor', 'dynamic', _FF),
    ('pv_sub_ne_big', 'inductor', 'static', _FF),
    ('pv_sub_ne_big', 'inductor', 'batch', _FF),
    ('pv_sub_ne_big', 'inductor', 'dynamic', _R),
    ('pv_sub_eq_big', 'inductor', 'static', _FF),
    ('pv_sub_eq_big', 'inductor', 'batch', _FF),
    ('pv_sub_eq_big', 'inductor', 'dynamic', _R),
    ('pv_control_plain_big', 'inductor', 'static', _EQ),
    ('pv_control_plain_big', 'inductor', 'batch', _EQ),
    ('pv_control_plain_big', 'inductor', 'dynamic', _EQ),
    ('pv_index_read_ne_big', 'inductor', 'static', _FF),
    ('pv_index_read_ne_big', 'inductor', 'batch', _FF),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
