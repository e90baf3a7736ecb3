"""Thirty-ninth adversarial review of the recogniser (round 39; reviewer focus: the newest rules of commits
3886235..2f8a6b2 -- the matrix-product rule (pooling._check_matrix_product / _fp32_matmuls_exact / _lowered_as_mul_sum),
the int64-only arithmetic slot wrap (exactness._python_wrap / _negative_times), flat slots arange(B) * M + offset
(exactness._flat_slots, sizes.check_flat_slots), the [B, 1] row iota taken as the block table (roles._per_row_page),
dense states appended with scatter / index_copy (rewrite._ROW_UPDATES), page ids used as values).

Same format as redteam25 / redteam38: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7``.  Every factory resets the process-wide fp32 precision settings to torch's defaults
(``_mka``).  The pa_ attacks change a setting BETWEEN CALLS: each call's arguments are a ``_Setting`` list that sets
its own precision when the runner clones it (redteam2._clone_args iterates the arguments right before every call of
eager, the pass and the control), so call 0 (the compile) runs under the defaults and call 1 under the setting.

    cd /tmp/base40 && PYTHONPATH=/tmp/base40 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \
        /work/main/.venv/bin/python /work/main/tests/corpora/redteam39.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base40 = 2f8a6b2, 15:42-15:59 UTC 2026-12-05): 123 attacks in 9 themes
(pa_ 52 = 46 + 6 conv-diag, pb_ 5, mw_ 10, ac_ 9, it_ 13, fs_ 10, tp_ 7, wr_ 11, ds_ 6), 279 runs per graph dialect:

    inductor_graph  279 runs: 36 FALSE FUSION / 0 CRASH / 102 fused & equal / 141 refused
    torchair_like   279 runs: 33 FALSE FUSION / 0 CRASH / 109 fused & equal / 137 refused
    inductor (real codegen; pa_ *_mm_bf16 and *_legacy_medium, pa_ conv-diag *_conv_bf16, every mode they run in):
                     53 runs: 24 FALSE FUSION / 12 CONTROL DIFFERS / 13 fused & equal / 4 refused
    torchair (real torchair on CPU; pa_mm_diag_mm_bf16, pa_conv1d_diag_conv_bf16, 16:00 UTC): 6 runs, 6 CONTROL DIFFERS
                     (the pass's graph differs from eager as in F1; the control does not compile on CPU:
                     BackendCompilerFailed in GE's offline compile, so no compiled baseline exists there)

Per theme, inductor_graph | torchair_like: pa_ 36 FF 50 EQ 4 R | 33 FF 57 EQ; pb_ 10 R | 10 R; mw_ 20 R | 20 R; ac_ 10 EQ
8 R | 10 EQ 8 R; it_ 9 EQ 30 R (both); fs_ 6 EQ 24 R (both); tp_ 21 R (both); wr_ 15 EQ 18 R (both); ds_ 12 EQ 6 R (both).
Of the graph-dialect FALSE FUSIONs, the one-output-column products (pa_{einsum, matmul, bmm}_mm_bf16 in every mode and,
inductor_graph only, their _legacy_medium) are CONTROL DIFFERS in real codegen (Inductor lowers that bmm as products and
a sum, which do not follow the oneDNN setting): not counted.  The other 24 per dialect are F1 and all 24 are confirmed
in real Inductor codegen (control equal to eager).  Method notes: runs with a name filter that also matched already-run
attacks (``_diag_mm_bf16``, ``ds_`` matching pa_mm_heads_loop_*) re-ran them with the same results; only the first run
of each is in ``_FIRST``.

FOUND (/work/briefs/redteam39_findings.md):

* F1 FALSE FUSION (pa_{mm_diag, einsum_diag, linear_diag, tensordot_diag, mm_heads_loop}_mm_bf16 and
  pa_{conv1d_diag, conv2d_diag, conv_transpose_diag}_conv_bf16; static, mark_dynamic and dynamic=True; both graph
  dialects and REAL Inductor codegen, control equal to eager): fp16 data (valid, full 11-bit mantissas) pooled by a
  matrix product or a (non-depthwise) convolution, compiled under torch's defaults (fused: correct then), then
  ``torch.backends.mkldnn.matmul.fp32_precision = "bf16"`` (or ``...mkldnn.conv.fp32_precision = "bf16"``) is set
  and the compiled model called again.  Dynamo's GLOBAL_STATE guard covers only the legacy
  ``torch.set_float32_matmul_precision`` (allow_tf32: pa_*_legacy_medium recompile and are fused & equal or refused),
  not oneDNN's new-API settings, so the fused graph is reused without recompiling; eager and the control's extern mm /
  convolution follow the setting at run time (bf16 inputs on this AMX / avx512_bf16 CPU), the fused op does not.
  Corpus: 464 cache values differ on call 1 (of 85 x 2 x 16); repro 229 of 512, realistic sizes under the default cost rule
  29358 of 65536.  Rule: pooling.PoolingProof._check_matrix_product reads _fp32_matmuls_exact() once, when the pass
  runs; nothing ties the compiled graph to that reading (no guard, no runtime check).  The same settings in force from
  the start are refused (pb_*, 10 R per dialect): the rule itself is right at compile time.
  Repro: /work/briefs/redteam39_repro.py after [big] [conv].
* F2 FALSE FUSION (standalone only: the corpus runner disables Inductor's caches): Inductor's FX graph cache (on by
  default) serves a graph fused under the defaults to a later compile made with ``torch.backends.mkldnn.matmul`` (or
  ``.conv``) ``.fp32_precision = "bf16"``, where the pass itself refuses (red-team 38's fix): process A compiles (fused),
  process B sets the setting, compiles: "served from Inductor's cache 1", 231 of 512 values differ (29518 of 65536 at
  realistic sizes), control equal; the same process B with caches off: refused, equal.  Rule: the pass's cache key
  (fusion_pass.NsaFusionPass.uuid / backend.ChainedPass.uuid) does not hold the fp32 precision settings the pass
  decides on, and Inductor's own key (FxGraphHashDetails) holds only the CUDA matmul settings.  (The legacy
  ``set_float32_matmul_precision("medium")`` changes the key: refused, equal.)
  Repro: /work/briefs/redteam39_repro.py cache [big] [conv].

Not found (equal, guarded or refused; the idea each tried):

* pa_ other settings after compile: ``torch.backends.mkldnn.fp32_precision`` (backend level) and
  ``torch.backends.fp32_precision`` = bf16: fused & equal (eager unchanged); legacy ``set_float32_matmul_precision
  ("medium")``: guarded (recompile; refused, or the one-column bmm fused, CONTROL DIFFERS in real codegen); oneDNN
  matmul tf32: equal (no TF32 on this CPU); the depthwise conv1d under conv bf16 and the mm spellings under conv bf16:
  equal; mul_sum: equal; bf16 data under mm bf16: refused (inductor dialects) / equal (torchair).
  ``ONEDNN_DEFAULT_FPMATH_MODE=BF16`` (standalone, /tmp/rt39/envchk.py): no effect on torch's fp32 mm.
* mw_ a weight whose dtype is not the tokens' (fp32 / bf16 weight, fp16 KV; mul_sum, mm_diag, einsum, addcmul, the
  weight rounded to fp16 in the model): refused by the roles rule (weight dtype / cast of the weight).
* ac_ autocast regions inside the model (bf16 / fp16 / disabled around mm_diag, einsum, mul_sum): refused (the casts
  are in the graph; an fp16 mm computes in fp16) or fused & equal (mul_sum, disabled regions).
* it_ the [B, 1] row iota as the table of a dense state: offset / flipped / stepped iotas refused (roles: one table);
  fla flat token ids fused & equal, ids of the next row or shifted positions refused; the same iota in the condition
  refused (mask), as the slots fused & equal (slot b: correct), reversed slots refused, in the keep path refused, as a
  factor on the tokens refused.
* tp_ page ids (or the row iota) used as values in a branch the probes' small ids never take (ge, sum, remainder,
  bitwise and, float compare): refused (exactness.check_int_paths, _TABLE_SAFE).
* fs_ flat slots arange(B) * M + offset: static fused & equal for offsets inside [0, M) (clamped, relu, reversed,
  M from the cache rows or the table width at a static size); clamp to [0, M] refused; under mark_dynamic / dynamic
  refused (the batch); iota with a step, int32 arithmetic, -1 padding via where: refused.
* wr_ the arithmetic wrap: uint8-then-int64 flag, bool * S, the where form on int32 slots, cache.size(0): fused &
  equal (correct); an int32 product widened, a float flag, S - 1, a wrap on some rows only, x <= -1, two wraps:
  refused; the remainder: fused & equal.
* ds_ dense states appended with scatter / index_put / index_copy (dim 1) / a row scatter (dim 0) before the window's
  gather: fused & equal; scatter_ in place and an append after the read: refused.
* Read, not attacked for lack of time: sizes._renumbered / _boundary_dims beyond what rounds 36-38 tried.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
# (appended, not put first: run with PYTHONPATH=/tmp/base40, the frozen tree's nsa_fusion and tests must win)
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402
from tests.corpora.redteam37 import _fm, _two_terms32  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT = "CONTROL DIFFERS", "CONTROL CRASHES TOO"


def _reset_precision():
    """torch's defaults: legacy 'highest', every new-API setting 'none'."""
    b = torch.backends
    for owner in (b.mkldnn.matmul, b.mkldnn.conv, b.mkldnn):
        owner.fp32_precision = "none"
    try:
        b.fp32_precision = "none"
    except Exception:  # noqa: BLE001
        pass
    torch.set_float32_matmul_precision("highest")


def _set(how):
    b = torch.backends
    if how == "default":
        _reset_precision()
    elif how == "mm_bf16":
        b.mkldnn.matmul.fp32_precision = "bf16"
    elif how == "mm_tf32":
        b.mkldnn.matmul.fp32_precision = "tf32"
    elif how == "conv_bf16":
        b.mkldnn.conv.fp32_precision = "bf16"
    elif how == "mkldnn_bf16":  # the backend-level setting (matmul / conv inherit it from "none")
        b.mkldnn.fp32_precision = "bf16"
    elif how == "top_bf16":  # torch.backends.fp32_precision (every backend inherits)
        b.fp32_precision = "bf16"
    elif how == "legacy_medium":
        torch.set_float32_matmul_precision("medium")
    elif how == "legacy_high":
        torch.set_float32_matmul_precision("high")
    else:
        raise AssertionError(how)


class _Setting(list):
    """One call's arguments, and the process-wide fp32 precision that call runs under: every runner (eager, pass,
    control) clones the arguments right before each call (redteam2._clone_args iterates them), so the setting is in
    force for that call of each: the first call (the compile) under torch's defaults, later ones under ``how``."""

    def __init__(self, args, how):
        super().__init__(args)
        self.how = how

    def __iter__(self):
        _reset_precision()
        if self.how != "default":
            _set(self.how)
        return super().__iter__()


def _after(kind_inputs, hows):
    """Calls: the first under defaults (compile), then one per entry of ``hows`` (each its own setting)."""
    def make():
        _reset_precision()
        return [_Setting(_two_terms32(seed=k, **kind_inputs), how) for k, how in enumerate(["default", *hows])]
    return make


def _mka(step, inputs, modes=("static",)):
    def make():
        _reset_precision()
        return step, inputs(), modes
    return make


ATTACKS = []

# --- theme 1 (pa_): the fp32 matmul precision changed AFTER the compile ---------------------------------------------
# pooling._check_matrix_product reads _fp32_matmuls_exact() when the pass runs.  Dynamo's GLOBAL_STATE guard covers the
# legacy torch.set_float32_matmul_precision (allow_tf32) but not oneDNN's new-API settings
# (torch.backends.mkldnn[.matmul|.conv].fp32_precision): the fused graph compiled under 'ieee' is reused after the
# setting turns bf16, where eager and the control's extern mm round the fp16 tokens to bf16 (AMX / avx512_bf16 CPU).
_KINDS = ("mm_diag", "einsum_diag", "linear_diag", "tensordot_diag", "mm_heads_loop", "conv1d", "einsum", "matmul",
          "bmm", "mul_sum")
for _k in _KINDS:
    for _how in ("mm_bf16", "mkldnn_bf16", "top_bf16", "legacy_medium"):
        ATTACKS.append((f"pa_{_k}_{_how}", _mka(_fm(_k), _after(dict(dtype=torch.float16), [_how, _how]),
                                                  MODES3 if _how == "mm_bf16" else ("static",)),
                        f"fp16 full-mantissa data, {_k}; compiled under defaults, called under {_how}"))
for _k in ("conv1d", "mm_diag"):
    ATTACKS.append((f"pa_{_k}_conv_bf16", _mka(_fm(_k), _after(dict(dtype=torch.float16), ["conv_bf16"]), SB),
                    f"fp16, {_k}; called under mkldnn.conv fp32_precision bf16"))
    ATTACKS.append((f"pa_{_k}_mm_tf32", _mka(_fm(_k), _after(dict(dtype=torch.float16), ["mm_tf32"]), SB),
                    f"fp16, {_k}; called under mkldnn.matmul fp32_precision tf32"))
# bf16 data under torchair (accepted there: matmul_fma False) and the same change
for _k in ("mm_diag", "einsum_diag"):
    ATTACKS.append((f"pa_{_k}_bf16data_mm_bf16", _mka(_fm(_k), _after(dict(dtype=torch.bfloat16), ["mm_bf16"]), SB),
                    f"bf16 data, {_k}; called under mkldnn.matmul bf16"))



# convolution spellings that are real (non-depthwise) oneDNN convolutions: every head's tokens under every head's
# weight column, the diagonal kept (the mm_diag trick as conv1d / conv2d), called under oneDNN conv bf16
def _pc(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        wf = w.float()
        B, l, N, D = tok.shape
        x = tok.permute(0, 3, 2, 1).reshape(B * D * N, 1, l)
        if kind == "conv1d_diag":  # [BDN, 1, l] * [N, 1, l] -> [BDN, N, 1]
            y = F.conv1d(x, wf.t()[:, None, :])[..., 0]
        elif kind == "conv2d_diag":  # the same as a 2-D convolution of height 1
            y = F.conv2d(x[:, :, None, :], wf.t()[:, None, None, :])[..., 0, 0]
        elif kind == "conv_transpose_diag":  # conv_transpose1d with the window as channels: [BDN, l, 1] -> [BDN, N, 1]
            y = F.conv_transpose1d(x.transpose(1, 2), wf[:, :, None])[..., 0]
        else:
            raise AssertionError(kind)
        new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        return write(cache, slots, completes(lens), new)
    return step


for _k in ("conv1d_diag", "conv2d_diag", "conv_transpose_diag"):
    for _how in ("conv_bf16", "mm_bf16"):
        ATTACKS.append((f"pa_{_k}_{_how}", _mka(_pc(_k), _after(dict(dtype=torch.float16), [_how]), MODES3),
                        f"fp16, {_k}; compiled under defaults, called under {_how}"))

# controls: the same settings in force from the start (the compile included): the rule must refuse
def _from_start(kind_inputs, how, n=2):
    def make():
        _reset_precision()
        return [_Setting(_two_terms32(seed=k, **kind_inputs), how) for k in range(n)]
    return make


for _k, _how in (("conv1d_diag", "conv_bf16"), ("conv2d_diag", "conv_bf16"), ("conv_transpose_diag", "conv_bf16")):
    ATTACKS.append((f"pb_{_k}_{_how}", _mka(_pc(_k), _from_start(dict(dtype=torch.float16), _how), SB),
                    f"fp16, {_k}; every call (the compile too) under {_how}"))
for _k in ("mm_diag", "einsum_diag"):
    ATTACKS.append((f"pb_{_k}_mm_bf16", _mka(_fm(_k), _from_start(dict(dtype=torch.float16), "mm_bf16"), SB),
                    f"fp16, {_k}; every call (the compile too) under mm_bf16"))

# --- theme 2 (mw_): a weight whose dtype is not the tokens' (fp16 KV under an fp32 / bf16 weight) -------------------
# The matrix-product rule (and addcmul's) takes "fp16 tokens" to mean exact fp32 products, assuming a weight in the input
# dtype; a full-mantissa fp32 weight makes the product round (and an FMA not), a bf16 one makes the op's weight a cast.
def _mw_inputs(wdtype, seed=0, B=40):
    g = torch.Generator().manual_seed(seed + 99)
    N = 2
    vals = (torch.rand(L, N, generator=g) + 1) * (torch.randint(0, 2, (L, N), generator=g) * 2 - 1)
    args = list(_two_terms32(seed=seed, B=B, dtype=torch.float16))
    args[1] = vals.to(wdtype)
    return args


def _mw(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        wf = w.float()
        B, l, N, D = tok.shape
        if kind == "mul_sum":
            new = (tok * wf[None, :, :, None]).sum(1)
        elif kind == "mm_diag":
            y = tok.permute(0, 3, 2, 1).reshape(B * D * N, l) @ wf
            new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        elif kind == "einsum":
            new = torch.einsum("bjhd,jh->bhd", tok, wf)
        elif kind == "half_then_mm_diag":  # the weight rounded to the tokens' dtype first: the op's weight (control)
            y = tok.permute(0, 3, 2, 1).reshape(B * D * N, l) @ w.half().float()
            new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
        elif kind == "addcmul":
            acc = torch.zeros(B, N, D)
            for j in range(l):
                acc = torch.addcmul(acc, tok[:, j], wf[j][None, :, None])
            new = acc
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


for _k in ("mul_sum", "mm_diag", "einsum", "half_then_mm_diag", "addcmul"):
    for _wd, _wn in ((torch.float32, "fp32w"), (torch.bfloat16, "bf16w")):
        ATTACKS.append((f"mw_{_k}_{_wn}", _mka(_mw(_k), lambda _wd=_wd: [_mw_inputs(_wd, seed=k, B=40 - 16 * k)
                                                                         for k in range(2)], SB),
                        f"fp16 KV, {_wn} weight (full mantissa), {_k}"))


# --- theme 3 (ac_): autocast regions inside the model around the contraction ----------------------------------------
def _ac(kind, dtype, enabled=True):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        wf = w.float()
        B, l, N, D = tok.shape
        with torch.autocast("cpu", dtype=dtype, enabled=enabled):
            if kind == "mm_diag":
                y = tok.permute(0, 3, 2, 1).reshape(B * D * N, l) @ wf
                new = y.view(B, D, N, N).diagonal(dim1=2, dim2=3).permute(0, 2, 1)
            elif kind == "einsum":
                new = torch.einsum("bjhd,jh->bhd", tok, wf)
            elif kind == "mul_sum":
                new = (tok * wf[None, :, :, None]).sum(1)
            else:
                raise AssertionError(kind)
        return write(cache, slots, completes(lens), new.float())
    return step


for _k in ("mm_diag", "einsum", "mul_sum"):
    for _dt, _dn in ((torch.bfloat16, "bf16"), (torch.float16, "fp16")):
        ATTACKS.append((f"ac_{_k}_{_dn}", _mka(_ac(_k, _dt), lambda: [_two_terms32(seed=k, dtype=torch.float16)
                                                                     for k in range(2)], SB),
                        f"fp16 KV, {_k} inside torch.autocast('cpu', {_dn})"))
    ATTACKS.append((f"ac_{_k}_disabled", _mka(_ac(_k, torch.bfloat16, False),
                                              lambda: [_two_terms32(seed=k, dtype=torch.float16) for k in range(2)], SB),
                    f"fp16 KV, {_k} inside a disabled autocast region (control)"))


# --- theme 4 (it_): the [B, 1] row iota taken as the block table (roles._per_row_page) also used elsewhere ------------
# kv[:B] read as a dense [B, T, N, D] state (one page of P = T tokens per row, lengths up to T); row b reads kv[rows[b]].
def _it_inputs(seed=0, B=24):
    args = list(build(seed=seed, B=B, P=64, pages=1, dtype=torch.float16).args)
    return args


def _it(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        T = kv.shape[1]
        rows = torch.arange(B)
        pos = positions(lens)
        s = slots
        valid = completes(lens)
        if kind == "offset":  # row b's state is kv[b + 1]
            tok = kv[(rows + 1)[:, None], pos]
        elif kind == "flip":  # row b's state is kv[B - 1 - b]
            tok = kv[rows.flip(0)[:, None], pos]
        elif kind == "step2":  # row b's state is kv[2b // 2]: an iota with a step, halved
            tok = kv[(torch.arange(0, 2 * B, 2) // 2)[:, None], pos]
        elif kind.startswith("fla"):
            flat = kv.reshape(-1, kv.shape[2], kv.shape[3])
            if kind == "fla":
                tok = flat[rows[:, None] * T + pos]
            elif kind == "fla_next_row":  # token ids one state further: row b reads row b + 1's state
                tok = flat[(rows[:, None] + 1) * T + pos]
            elif kind == "fla_shift1":  # positions shifted by one inside the state (clamped)
                tok = flat[rows[:, None] * T + (pos + 1).clamp(max=T - 1)]
            else:
                raise AssertionError(kind)
        else:
            tok = kv[rows[:, None], pos]
        if kind == "cond_row":  # the same iota in the condition: the last row never writes
            valid = valid & (rows < B - 1)
        elif kind == "cond_row_even":
            valid = valid & (rows % 2 == 0)
        elif kind == "slots_rows":  # the same iota as the slots: row b writes cache row b
            s = rows
        elif kind == "slots_rows_rev":
            s = B - 1 - rows
        new = pool(tok, w)
        if kind == "keep_rows":  # kept rows read cache[rows], not cache[slots]: a non-completing row copies row b
            s = s.long()
            cache[s] = torch.where(valid[:, None, None], new.to(cache.dtype), cache[rows])
            return cache
        if kind == "weight_rows":  # the weight scaled by (rows >= 0), 1 for every row
            new = (tok.float() * w.float()[None, :, :, None] * (rows >= 0).float()[:, None, None, None]).sum(1)
        return write(cache, s, valid, new)
    return step


for _k in ("base", "offset", "flip", "step2", "fla", "fla_next_row", "fla_shift1", "cond_row", "cond_row_even",
           "slots_rows", "slots_rows_rev", "keep_rows", "weight_rows"):
    ATTACKS.append((f"it_{_k}", _mka(_it(_k), lambda: [_it_inputs(seed=k, B=24 - 8 * k) for k in range(2)], MODES3),
                    f"[B, 1] row iota as the table of a dense [B, T, N, D] state: {_k}"))


# --- theme 5 (fs_): flat slots arange(B) * M + offset (exactness._flat_slots, sizes.check_flat_slots) -----------------
# The slot mapping passed in is ignored: row b writes row offset_b of its own M rows of a [B * M + extra] cache.
_FS_M = 16  # (offsets (s - l) // d reach (256 - 32) // 16 = 14 at the capacity 256: M = 16 holds them)


def _fs_inputs(seed=0, B=24):
    return list(build(seed=seed, B=B, num_slots=B * _FS_M + 8).args)


def _fs(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        M = _FS_M
        i = (lens.long() - L) // STRIDE
        if kind == "base":
            s = torch.arange(B) * M + i.clamp(0, M - 1)
        elif kind == "clamp_M":  # M = 4, offset clamped to [0, 4]: offset 4 is row b + 1's first row
            s = torch.arange(B) * 4 + i.clamp(0, 4)
        elif kind == "clamp_small":  # M = 4 while offsets reach 14: clamped to 3 (distinct across rows, in range)
            s = torch.arange(B) * 4 + i.clamp(0, 3)
        elif kind == "no_clamp_relu":  # offsets up to 14 < M, negative ones (rows that do not complete) to 0
            s = torch.arange(B) * M + torch.relu(i)
        elif kind == "M_from_cache":  # M = rows // B: computes with the batch
            M2 = cache.shape[0] // B
            s = torch.arange(B) * M2 + i.clamp(0, M2 - 1)
        elif kind == "M_table_width":  # M tied to the table's width (4 pages), offsets clamped to it
            M2 = table.shape[1]
            s = torch.arange(B) * M2 + i.clamp(0, M2 - 1)
        elif kind == "iota_step":
            s = torch.arange(0, B * M, M) + i.clamp(0, M - 1)
        elif kind == "int32":
            s = (torch.arange(B, dtype=torch.int32) * M + i.clamp(0, M - 1).int()).long()
        elif kind == "minus_one_pad":  # rows that do not complete sent to -1 (the last row: nobody's, extra > 0)
            s = torch.where(completes(lens), torch.arange(B) * M + i.clamp(0, M - 1), -1)
        elif kind == "offset_rev":  # M - 1 - offset: still row b's own rows
            s = torch.arange(B) * M + (M - 1 - i.clamp(0, M - 1))
        else:
            raise AssertionError(kind)
        return write(cache, s, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


for _k in ("base", "clamp_M", "clamp_small", "no_clamp_relu", "M_from_cache", "M_table_width", "iota_step", "int32",
           "minus_one_pad", "offset_rev"):
    ATTACKS.append((f"fs_{_k}", _mka(_fs(_k), lambda: [_fs_inputs(seed=k, B=24 - 8 * k) for k in range(2)], MODES3),
                    f"flat slots arange(B) * M + offset: {_k}"))


# --- theme 6 (tp_): the page ids (or the [B, 1] row iota standing for them) used as VALUES, beyond the probes' range ----
# The pooling probes shrink the paged input to at most 64 pages and draw page ids below that; a branch on a page id
# >= K (K past the probes' range, well inside a real KV pool) is never taken in the probes but is at run time.
def _tp_inputs(seed=0, B=40, **kw):
    return list(build(seed=seed, B=B, **kw).args)


def _tp(kind, K=64):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        pos2 = (pos - 1).clamp(min=0)  # the window one position earlier
        if kind.startswith("it_"):  # dense [B, T, N, D] state read through the [B, 1] row iota
            B = lens.shape[0]
            tbl = torch.arange(B)[:, None]
            tok, tok2 = kv[tbl, pos], kv[tbl, pos2]
            page = tbl.expand(B, L)
        else:
            page = table.long().gather(1, pos // P)
            tok = kv[page, pos % P]
            tok2 = kv[table.long().gather(1, pos2 // P), pos2 % P]
        first = page[:, 0] if not kind.endswith("_last") else page[:, -1]
        if kind in ("ge", "it_ge", "ge_last"):
            cond = first >= K
        elif kind == "eq_sum":  # pages summed (a value no index takes)
            cond = page.sum(1) >= K * L
        elif kind == "mod":
            cond = (first % 97) == 96
        elif kind == "bit":
            cond = (first & 64) != 0
        elif kind == "float":
            cond = first.float() > K - 0.5
        else:
            raise AssertionError(kind)
        new = torch.where(cond[:, None, None], pool(tok2, w), pool(tok, w))
        return write(cache, slots, completes(lens), new)
    return step


for _k in ("ge", "ge_last", "eq_sum", "mod", "bit", "float"):
    ATTACKS.append((f"tp_{_k}", _mka(_tp(_k), lambda: [_tp_inputs(seed=k, B=40 - 16 * k, block_num=300 + 20 * k)
                                                         for k in range(2)], MODES3),
                    f"a branch on the page ids' values past the probes' range: {_k}"))
ATTACKS.append(("tp_it_ge", _mka(_tp("it_ge", K=8), lambda: [_tp_inputs(seed=k, B=24 - 4 * k, P=64, pages=1)
                                                            for k in range(2)], MODES3),
                "dense state via the [B, 1] row iota; branch on the iota's value >= 8 (rows 8.. at run time)"))


# --- theme 7 (wr_): the arithmetic Python wrap of padding slots (exactness._python_wrap / _negative_times) ------------
# redteam38's inputs: slot -1 on a padding row (row S - 1 nobody's), row S - 57 written by an earlier completing row.
from tests.corpora.redteam38 import _wr_inputs  # noqa: E402


def _wr(kind):
    def step(kv, w, slots, table, lens, cache):
        S = cache.shape[0]
        B = lens.shape[0]
        x = slots.long()
        if kind == "u8_then_long":  # the flag through uint8, then int64: 0 / 1 either way (the product in int64)
            s2 = x + (x < 0).to(torch.uint8).long() * S
        elif kind == "bool_times":  # bool * int: int64
            s2 = x + (x < 0) * S
        elif kind == "int32_prod_long":  # the product in int32 (holds S), widened
            s2 = x + ((x < 0).int() * S).long()
        elif kind == "float_flag":
            s2 = x + ((x < 0).float() * S).long()
        elif kind == "where_int32":  # the where form on int32 slots
            xi = slots.int()
            s2 = torch.where(xi < 0, xi + S, xi)
        elif kind == "S_minus_1":  # a wrong S: -1 -> S - 2
            s2 = x + (x < 0).long() * (S - 1)
        elif kind == "partial":  # wrapped on even rows only
            s2 = x + ((x < 0) & (torch.arange(B) % 2 == 0)).long() * S
        elif kind == "le_minus1":  # x <= -1 instead of x < 0
            s2 = x + (x <= -1).long() * S
        elif kind == "sym_S_size":  # S as cache.size(0)
            s2 = x + (x < 0).long() * cache.size(0)
        elif kind == "twice":  # wrapped twice (the second a no-op on [0, S))
            s1 = x + (x < 0).long() * S
            s2 = s1 + (s1 < 0).long() * S
        elif kind == "remainder":  # the same as a remainder (control)
            s2 = x % S
        else:
            raise AssertionError(kind)
        return write(cache, s2, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step


for _k in ("u8_then_long", "bool_times", "int32_prod_long", "float_flag", "where_int32", "S_minus_1", "partial",
           "le_minus1", "sym_S_size", "twice", "remainder"):
    ATTACKS.append((f"wr_{_k}", _mka(_wr(_k), lambda: [_wr_inputs("long_ctl", seed=k, B=40 - 16 * k) for k in range(2)],
                                     MODES3), f"padding slot -1 wrapped: {_k}"))


# --- theme 8 (ds_): dense per-request states appended with scatter / index_copy around the step (rewrite._ROW_UPDATES)
# kv[:B] as a dense [B, T, N, D] state (pages=1, P = T = 64); the window read by gather(1, ...) of the appended state.
def _ds(kind):
    def step(kv, w, slots, table, lens, cache):
        B, T = lens.shape[0], kv.shape[1]
        N, D = kv.shape[2], kv.shape[3]
        a = (lens.long() - 1).clamp(min=0)  # the position just appended
        knew = kv[:B, T - 1:T].flip(0) * 2  # some token values (read before the append)
        idx_a = a.view(B, 1, 1, 1).expand(B, 1, N, D)
        if kind == "scatter":
            st = kv[:B].scatter(1, idx_a, knew)
        elif kind == "scatter_inplace":
            st = kv[:B]
            st.scatter_(1, idx_a, knew)
        elif kind == "index_put":
            st = kv[:B].clone()
            st[torch.arange(B), a] = knew[:, 0]
        elif kind == "index_copy_dim1":  # every row's position lens[0] - 1
            st = kv[:B].index_copy(1, a[:1], knew)
        elif kind == "scatter_dim0":  # rows re-ordered by a row scatter: row b's state is another row's
            st = kv[:B].scatter(0, torch.arange(B).flip(0).view(B, 1, 1, 1).expand(B, T, N, D), kv[:B])
        elif kind == "append_after":  # appended after the window is read (the write goes to kv itself)
            st = kv[:B]
        else:
            raise AssertionError(kind)
        pos = positions(lens)
        tok = st.gather(1, pos.view(B, L, 1, 1).expand(B, L, N, D))
        out = write(cache, slots, completes(lens), pool(tok, w))
        if kind == "append_after":
            kv[:B].scatter_(1, idx_a, knew)
        return out
    return step


for _k in ("scatter", "scatter_inplace", "index_put", "index_copy_dim1", "scatter_dim0", "append_after"):
    ATTACKS.append((f"ds_{_k}", _mka(_ds(_k), lambda: [_it_inputs(seed=k, B=24 - 8 * k) for k in range(2)], MODES3),
                    f"dense state appended ({_k}), window gathered from it"))

# First-try results (attack, dialect, mode, result): /tmp/base40 = 2f8a6b2, 15:42-15:59 UTC 2026-12-05.
_FIRST = [
    ('pa_mm_diag_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_mm_diag_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_mm_diag_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_mm_diag_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mm_diag_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mm_diag_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_einsum_diag_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_einsum_diag_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_einsum_diag_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_einsum_diag_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_einsum_diag_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_einsum_diag_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_linear_diag_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_linear_diag_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_linear_diag_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_linear_diag_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_linear_diag_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_linear_diag_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_tensordot_diag_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_tensordot_diag_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_tensordot_diag_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_tensordot_diag_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_tensordot_diag_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_tensordot_diag_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_mm_heads_loop_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_mm_heads_loop_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_mm_heads_loop_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_mm_heads_loop_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mm_heads_loop_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mm_heads_loop_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_mm_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_mm_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_conv1d_mm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('pa_conv1d_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_einsum_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_einsum_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_einsum_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_einsum_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_einsum_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_einsum_legacy_medium', 'inductor_graph', 'static', _FF),
    ('pa_matmul_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_matmul_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_matmul_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_matmul_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_matmul_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_matmul_legacy_medium', 'inductor_graph', 'static', _FF),
    ('pa_bmm_mm_bf16', 'inductor_graph', 'static', _FF),
    ('pa_bmm_mm_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_bmm_mm_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_bmm_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_bmm_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_bmm_legacy_medium', 'inductor_graph', 'static', _FF),
    ('pa_mul_sum_mm_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mul_sum_mm_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_mul_sum_mm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('pa_mul_sum_mkldnn_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mul_sum_top_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mul_sum_legacy_medium', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_conv_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_conv_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_conv1d_mm_tf32', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_mm_tf32', 'inductor_graph', 'batch', _EQ),
    ('pa_mm_diag_conv_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_mm_diag_conv_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_mm_diag_mm_tf32', 'inductor_graph', 'static', _EQ),
    ('pa_mm_diag_mm_tf32', 'inductor_graph', 'batch', _EQ),
    ('pa_mm_diag_bf16data_mm_bf16', 'inductor_graph', 'static', _R),
    ('pa_mm_diag_bf16data_mm_bf16', 'inductor_graph', 'batch', _R),
    ('pa_einsum_diag_bf16data_mm_bf16', 'inductor_graph', 'static', _R),
    ('pa_einsum_diag_bf16data_mm_bf16', 'inductor_graph', 'batch', _R),
    ('pa_conv1d_diag_conv_bf16', 'inductor_graph', 'static', _FF),
    ('pa_conv1d_diag_conv_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_conv1d_diag_conv_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_conv1d_diag_mm_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv1d_diag_mm_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_conv1d_diag_mm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('pa_conv2d_diag_conv_bf16', 'inductor_graph', 'static', _FF),
    ('pa_conv2d_diag_conv_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_conv2d_diag_conv_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_conv2d_diag_mm_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv2d_diag_mm_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_conv2d_diag_mm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('pa_conv_transpose_diag_conv_bf16', 'inductor_graph', 'static', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'inductor_graph', 'batch', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'inductor_graph', 'dynamic', _FF),
    ('pa_conv_transpose_diag_mm_bf16', 'inductor_graph', 'static', _EQ),
    ('pa_conv_transpose_diag_mm_bf16', 'inductor_graph', 'batch', _EQ),
    ('pa_conv_transpose_diag_mm_bf16', 'inductor_graph', 'dynamic', _EQ),
    ('pb_conv1d_diag_conv_bf16', 'inductor_graph', 'static', _R),
    ('pb_conv1d_diag_conv_bf16', 'inductor_graph', 'batch', _R),
    ('pb_conv2d_diag_conv_bf16', 'inductor_graph', 'static', _R),
    ('pb_conv2d_diag_conv_bf16', 'inductor_graph', 'batch', _R),
    ('pb_conv_transpose_diag_conv_bf16', 'inductor_graph', 'static', _R),
    ('pb_conv_transpose_diag_conv_bf16', 'inductor_graph', 'batch', _R),
    ('pb_mm_diag_mm_bf16', 'inductor_graph', 'static', _R),
    ('pb_mm_diag_mm_bf16', 'inductor_graph', 'batch', _R),
    ('pb_einsum_diag_mm_bf16', 'inductor_graph', 'static', _R),
    ('pb_einsum_diag_mm_bf16', 'inductor_graph', 'batch', _R),
    ('mw_mul_sum_fp32w', 'inductor_graph', 'static', _R),
    ('mw_mul_sum_fp32w', 'inductor_graph', 'batch', _R),
    ('mw_mul_sum_bf16w', 'inductor_graph', 'static', _R),
    ('mw_mul_sum_bf16w', 'inductor_graph', 'batch', _R),
    ('mw_mm_diag_fp32w', 'inductor_graph', 'static', _R),
    ('mw_mm_diag_fp32w', 'inductor_graph', 'batch', _R),
    ('mw_mm_diag_bf16w', 'inductor_graph', 'static', _R),
    ('mw_mm_diag_bf16w', 'inductor_graph', 'batch', _R),
    ('mw_einsum_fp32w', 'inductor_graph', 'static', _R),
    ('mw_einsum_fp32w', 'inductor_graph', 'batch', _R),
    ('mw_einsum_bf16w', 'inductor_graph', 'static', _R),
    ('mw_einsum_bf16w', 'inductor_graph', 'batch', _R),
    ('mw_half_then_mm_diag_fp32w', 'inductor_graph', 'static', _R),
    ('mw_half_then_mm_diag_fp32w', 'inductor_graph', 'batch', _R),
    ('mw_half_then_mm_diag_bf16w', 'inductor_graph', 'static', _R),
    ('mw_half_then_mm_diag_bf16w', 'inductor_graph', 'batch', _R),
    ('mw_addcmul_fp32w', 'inductor_graph', 'static', _R),
    ('mw_addcmul_fp32w', 'inductor_graph', 'batch', _R),
    ('mw_addcmul_bf16w', 'inductor_graph', 'static', _R),
    ('mw_addcmul_bf16w', 'inductor_graph', 'batch', _R),
    ('ac_mm_diag_bf16', 'inductor_graph', 'static', _R),
    ('ac_mm_diag_bf16', 'inductor_graph', 'batch', _R),
    ('ac_mm_diag_fp16', 'inductor_graph', 'static', _R),
    ('ac_mm_diag_fp16', 'inductor_graph', 'batch', _R),
    ('ac_mm_diag_disabled', 'inductor_graph', 'static', _EQ),
    ('ac_mm_diag_disabled', 'inductor_graph', 'batch', _EQ),
    ('ac_einsum_bf16', 'inductor_graph', 'static', _R),
    ('ac_einsum_bf16', 'inductor_graph', 'batch', _R),
    ('ac_einsum_fp16', 'inductor_graph', 'static', _R),
    ('ac_einsum_fp16', 'inductor_graph', 'batch', _R),
    ('ac_einsum_disabled', 'inductor_graph', 'static', _EQ),
    ('ac_einsum_disabled', 'inductor_graph', 'batch', _EQ),
    ('ac_mul_sum_bf16', 'inductor_graph', 'static', _EQ),
    ('ac_mul_sum_bf16', 'inductor_graph', 'batch', _EQ),
    ('ac_mul_sum_fp16', 'inductor_graph', 'static', _EQ),
    ('ac_mul_sum_fp16', 'inductor_graph', 'batch', _EQ),
    ('ac_mul_sum_disabled', 'inductor_graph', 'static', _EQ),
    ('ac_mul_sum_disabled', 'inductor_graph', 'batch', _EQ),
    ('it_base', 'inductor_graph', 'static', _EQ),
    ('it_base', 'inductor_graph', 'batch', _EQ),
    ('it_base', 'inductor_graph', 'dynamic', _EQ),
    ('it_offset', 'inductor_graph', 'static', _R),
    ('it_offset', 'inductor_graph', 'batch', _R),
    ('it_offset', 'inductor_graph', 'dynamic', _R),
    ('it_flip', 'inductor_graph', 'static', _R),
    ('it_flip', 'inductor_graph', 'batch', _R),
    ('it_flip', 'inductor_graph', 'dynamic', _R),
    ('it_step2', 'inductor_graph', 'static', _R),
    ('it_step2', 'inductor_graph', 'batch', _R),
    ('it_step2', 'inductor_graph', 'dynamic', _R),
    ('it_fla', 'inductor_graph', 'static', _EQ),
    ('it_fla', 'inductor_graph', 'batch', _EQ),
    ('it_fla', 'inductor_graph', 'dynamic', _EQ),
    ('it_fla_next_row', 'inductor_graph', 'static', _R),
    ('it_fla_next_row', 'inductor_graph', 'batch', _R),
    ('it_fla_next_row', 'inductor_graph', 'dynamic', _R),
    ('it_fla_shift1', 'inductor_graph', 'static', _R),
    ('it_fla_shift1', 'inductor_graph', 'batch', _R),
    ('it_fla_shift1', 'inductor_graph', 'dynamic', _R),
    ('it_cond_row', 'inductor_graph', 'static', _R),
    ('it_cond_row', 'inductor_graph', 'batch', _R),
    ('it_cond_row', 'inductor_graph', 'dynamic', _R),
    ('it_cond_row_even', 'inductor_graph', 'static', _R),
    ('it_cond_row_even', 'inductor_graph', 'batch', _R),
    ('it_cond_row_even', 'inductor_graph', 'dynamic', _R),
    ('it_slots_rows', 'inductor_graph', 'static', _EQ),
    ('it_slots_rows', 'inductor_graph', 'batch', _EQ),
    ('it_slots_rows', 'inductor_graph', 'dynamic', _EQ),
    ('it_slots_rows_rev', 'inductor_graph', 'static', _R),
    ('it_slots_rows_rev', 'inductor_graph', 'batch', _R),
    ('it_slots_rows_rev', 'inductor_graph', 'dynamic', _R),
    ('it_keep_rows', 'inductor_graph', 'static', _R),
    ('it_keep_rows', 'inductor_graph', 'batch', _R),
    ('it_keep_rows', 'inductor_graph', 'dynamic', _R),
    ('it_weight_rows', 'inductor_graph', 'static', _R),
    ('it_weight_rows', 'inductor_graph', 'batch', _R),
    ('it_weight_rows', 'inductor_graph', 'dynamic', _R),
    ('fs_base', 'inductor_graph', 'static', _EQ),
    ('fs_base', 'inductor_graph', 'batch', _R),
    ('fs_base', 'inductor_graph', 'dynamic', _R),
    ('fs_clamp_M', 'inductor_graph', 'static', _R),
    ('fs_clamp_M', 'inductor_graph', 'batch', _R),
    ('fs_clamp_M', 'inductor_graph', 'dynamic', _R),
    ('fs_clamp_small', 'inductor_graph', 'static', _EQ),
    ('fs_clamp_small', 'inductor_graph', 'batch', _R),
    ('fs_clamp_small', 'inductor_graph', 'dynamic', _R),
    ('fs_no_clamp_relu', 'inductor_graph', 'static', _EQ),
    ('fs_no_clamp_relu', 'inductor_graph', 'batch', _R),
    ('fs_no_clamp_relu', 'inductor_graph', 'dynamic', _R),
    ('fs_M_from_cache', 'inductor_graph', 'static', _EQ),
    ('fs_M_from_cache', 'inductor_graph', 'batch', _R),
    ('fs_M_from_cache', 'inductor_graph', 'dynamic', _R),
    ('fs_M_table_width', 'inductor_graph', 'static', _EQ),
    ('fs_M_table_width', 'inductor_graph', 'batch', _R),
    ('fs_M_table_width', 'inductor_graph', 'dynamic', _R),
    ('fs_iota_step', 'inductor_graph', 'static', _R),
    ('fs_iota_step', 'inductor_graph', 'batch', _R),
    ('fs_iota_step', 'inductor_graph', 'dynamic', _R),
    ('fs_int32', 'inductor_graph', 'static', _R),
    ('fs_int32', 'inductor_graph', 'batch', _R),
    ('fs_int32', 'inductor_graph', 'dynamic', _R),
    ('fs_minus_one_pad', 'inductor_graph', 'static', _R),
    ('fs_minus_one_pad', 'inductor_graph', 'batch', _R),
    ('fs_minus_one_pad', 'inductor_graph', 'dynamic', _R),
    ('fs_offset_rev', 'inductor_graph', 'static', _EQ),
    ('fs_offset_rev', 'inductor_graph', 'batch', _R),
    ('fs_offset_rev', 'inductor_graph', 'dynamic', _R),
    ('tp_ge', 'inductor_graph', 'static', _R),
    ('tp_ge', 'inductor_graph', 'batch', _R),
    ('tp_ge', 'inductor_graph', 'dynamic', _R),
    ('tp_ge_last', 'inductor_graph', 'static', _R),
    ('tp_ge_last', 'inductor_graph', 'batch', _R),
    ('tp_ge_last', 'inductor_graph', 'dynamic', _R),
    ('tp_eq_sum', 'inductor_graph', 'static', _R),
    ('tp_eq_sum', 'inductor_graph', 'batch', _R),
    ('tp_eq_sum', 'inductor_graph', 'dynamic', _R),
    ('tp_mod', 'inductor_graph', 'static', _R),
    ('tp_mod', 'inductor_graph', 'batch', _R),
    ('tp_mod', 'inductor_graph', 'dynamic', _R),
    ('tp_bit', 'inductor_graph', 'static', _R),
    ('tp_bit', 'inductor_graph', 'batch', _R),
    ('tp_bit', 'inductor_graph', 'dynamic', _R),
    ('tp_float', 'inductor_graph', 'static', _R),
    ('tp_float', 'inductor_graph', 'batch', _R),
    ('tp_float', 'inductor_graph', 'dynamic', _R),
    ('tp_it_ge', 'inductor_graph', 'static', _R),
    ('tp_it_ge', 'inductor_graph', 'batch', _R),
    ('tp_it_ge', 'inductor_graph', 'dynamic', _R),
    ('wr_u8_then_long', 'inductor_graph', 'static', _EQ),
    ('wr_u8_then_long', 'inductor_graph', 'batch', _EQ),
    ('wr_u8_then_long', 'inductor_graph', 'dynamic', _EQ),
    ('wr_bool_times', 'inductor_graph', 'static', _EQ),
    ('wr_bool_times', 'inductor_graph', 'batch', _EQ),
    ('wr_bool_times', 'inductor_graph', 'dynamic', _EQ),
    ('wr_int32_prod_long', 'inductor_graph', 'static', _R),
    ('wr_int32_prod_long', 'inductor_graph', 'batch', _R),
    ('wr_int32_prod_long', 'inductor_graph', 'dynamic', _R),
    ('wr_float_flag', 'inductor_graph', 'static', _R),
    ('wr_float_flag', 'inductor_graph', 'batch', _R),
    ('wr_float_flag', 'inductor_graph', 'dynamic', _R),
    ('wr_where_int32', 'inductor_graph', 'static', _EQ),
    ('wr_where_int32', 'inductor_graph', 'batch', _EQ),
    ('wr_where_int32', 'inductor_graph', 'dynamic', _EQ),
    ('wr_S_minus_1', 'inductor_graph', 'static', _R),
    ('wr_S_minus_1', 'inductor_graph', 'batch', _R),
    ('wr_S_minus_1', 'inductor_graph', 'dynamic', _R),
    ('wr_partial', 'inductor_graph', 'static', _R),
    ('wr_partial', 'inductor_graph', 'batch', _R),
    ('wr_partial', 'inductor_graph', 'dynamic', _R),
    ('wr_le_minus1', 'inductor_graph', 'static', _R),
    ('wr_le_minus1', 'inductor_graph', 'batch', _R),
    ('wr_le_minus1', 'inductor_graph', 'dynamic', _R),
    ('wr_sym_S_size', 'inductor_graph', 'static', _EQ),
    ('wr_sym_S_size', 'inductor_graph', 'batch', _EQ),
    ('wr_sym_S_size', 'inductor_graph', 'dynamic', _EQ),
    ('wr_twice', 'inductor_graph', 'static', _R),
    ('wr_twice', 'inductor_graph', 'batch', _R),
    ('wr_twice', 'inductor_graph', 'dynamic', _R),
    ('wr_remainder', 'inductor_graph', 'static', _EQ),
    ('wr_remainder', 'inductor_graph', 'batch', _EQ),
    ('wr_remainder', 'inductor_graph', 'dynamic', _EQ),
    ('ds_scatter', 'inductor_graph', 'static', _EQ),
    ('ds_scatter', 'inductor_graph', 'batch', _EQ),
    ('ds_scatter', 'inductor_graph', 'dynamic', _EQ),
    ('ds_scatter_inplace', 'inductor_graph', 'static', _R),
    ('ds_scatter_inplace', 'inductor_graph', 'batch', _R),
    ('ds_scatter_inplace', 'inductor_graph', 'dynamic', _R),
    ('ds_index_put', 'inductor_graph', 'static', _EQ),
    ('ds_index_put', 'inductor_graph', 'batch', _EQ),
    ('ds_index_put', 'inductor_graph', 'dynamic', _EQ),
    ('ds_index_copy_dim1', 'inductor_graph', 'static', _EQ),
    ('ds_index_copy_dim1', 'inductor_graph', 'batch', _EQ),
    ('ds_index_copy_dim1', 'inductor_graph', 'dynamic', _EQ),
    ('ds_scatter_dim0', 'inductor_graph', 'static', _EQ),
    ('ds_scatter_dim0', 'inductor_graph', 'batch', _EQ),
    ('ds_scatter_dim0', 'inductor_graph', 'dynamic', _EQ),
    ('ds_append_after', 'inductor_graph', 'static', _R),
    ('ds_append_after', 'inductor_graph', 'batch', _R),
    ('ds_append_after', 'inductor_graph', 'dynamic', _R),
    ('pa_mm_diag_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_mm_diag_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_mm_diag_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_mm_diag_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mm_diag_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mm_diag_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_einsum_diag_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_einsum_diag_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_einsum_diag_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_einsum_diag_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_einsum_diag_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_einsum_diag_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_linear_diag_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_linear_diag_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_linear_diag_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_linear_diag_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_linear_diag_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_linear_diag_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_tensordot_diag_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_tensordot_diag_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_tensordot_diag_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_tensordot_diag_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_tensordot_diag_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_tensordot_diag_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_mm_heads_loop_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_mm_heads_loop_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_mm_heads_loop_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_mm_heads_loop_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mm_heads_loop_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mm_heads_loop_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_conv1d_mm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('pa_conv1d_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_einsum_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_einsum_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_einsum_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_einsum_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_einsum_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_einsum_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_matmul_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_matmul_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_matmul_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_matmul_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_matmul_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_matmul_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_bmm_mm_bf16', 'torchair_like', 'static', _FF),
    ('pa_bmm_mm_bf16', 'torchair_like', 'batch', _FF),
    ('pa_bmm_mm_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_bmm_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_bmm_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_bmm_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_mul_sum_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mul_sum_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_mul_sum_mm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('pa_mul_sum_mkldnn_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mul_sum_top_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mul_sum_legacy_medium', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_conv_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_conv_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_conv1d_mm_tf32', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_mm_tf32', 'torchair_like', 'batch', _EQ),
    ('pa_mm_diag_conv_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mm_diag_conv_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_mm_diag_mm_tf32', 'torchair_like', 'static', _EQ),
    ('pa_mm_diag_mm_tf32', 'torchair_like', 'batch', _EQ),
    ('pa_mm_diag_bf16data_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_mm_diag_bf16data_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_einsum_diag_bf16data_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_einsum_diag_bf16data_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_conv1d_diag_conv_bf16', 'torchair_like', 'static', _FF),
    ('pa_conv1d_diag_conv_bf16', 'torchair_like', 'batch', _FF),
    ('pa_conv1d_diag_conv_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_conv1d_diag_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv1d_diag_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_conv1d_diag_mm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('pa_conv2d_diag_conv_bf16', 'torchair_like', 'static', _FF),
    ('pa_conv2d_diag_conv_bf16', 'torchair_like', 'batch', _FF),
    ('pa_conv2d_diag_conv_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_conv2d_diag_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv2d_diag_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_conv2d_diag_mm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('pa_conv_transpose_diag_conv_bf16', 'torchair_like', 'static', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'torchair_like', 'batch', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'torchair_like', 'dynamic', _FF),
    ('pa_conv_transpose_diag_mm_bf16', 'torchair_like', 'static', _EQ),
    ('pa_conv_transpose_diag_mm_bf16', 'torchair_like', 'batch', _EQ),
    ('pa_conv_transpose_diag_mm_bf16', 'torchair_like', 'dynamic', _EQ),
    ('pb_conv1d_diag_conv_bf16', 'torchair_like', 'static', _R),
    ('pb_conv1d_diag_conv_bf16', 'torchair_like', 'batch', _R),
    ('pb_conv2d_diag_conv_bf16', 'torchair_like', 'static', _R),
    ('pb_conv2d_diag_conv_bf16', 'torchair_like', 'batch', _R),
    ('pb_conv_transpose_diag_conv_bf16', 'torchair_like', 'static', _R),
    ('pb_conv_transpose_diag_conv_bf16', 'torchair_like', 'batch', _R),
    ('pb_mm_diag_mm_bf16', 'torchair_like', 'static', _R),
    ('pb_mm_diag_mm_bf16', 'torchair_like', 'batch', _R),
    ('pb_einsum_diag_mm_bf16', 'torchair_like', 'static', _R),
    ('pb_einsum_diag_mm_bf16', 'torchair_like', 'batch', _R),
    ('mw_mul_sum_fp32w', 'torchair_like', 'static', _R),
    ('mw_mul_sum_fp32w', 'torchair_like', 'batch', _R),
    ('mw_mul_sum_bf16w', 'torchair_like', 'static', _R),
    ('mw_mul_sum_bf16w', 'torchair_like', 'batch', _R),
    ('mw_mm_diag_fp32w', 'torchair_like', 'static', _R),
    ('mw_mm_diag_fp32w', 'torchair_like', 'batch', _R),
    ('mw_mm_diag_bf16w', 'torchair_like', 'static', _R),
    ('mw_mm_diag_bf16w', 'torchair_like', 'batch', _R),
    ('mw_einsum_fp32w', 'torchair_like', 'static', _R),
    ('mw_einsum_fp32w', 'torchair_like', 'batch', _R),
    ('mw_einsum_bf16w', 'torchair_like', 'static', _R),
    ('mw_einsum_bf16w', 'torchair_like', 'batch', _R),
    ('mw_half_then_mm_diag_fp32w', 'torchair_like', 'static', _R),
    ('mw_half_then_mm_diag_fp32w', 'torchair_like', 'batch', _R),
    ('mw_half_then_mm_diag_bf16w', 'torchair_like', 'static', _R),
    ('mw_half_then_mm_diag_bf16w', 'torchair_like', 'batch', _R),
    ('mw_addcmul_fp32w', 'torchair_like', 'static', _R),
    ('mw_addcmul_fp32w', 'torchair_like', 'batch', _R),
    ('mw_addcmul_bf16w', 'torchair_like', 'static', _R),
    ('mw_addcmul_bf16w', 'torchair_like', 'batch', _R),
    ('ac_mm_diag_bf16', 'torchair_like', 'static', _R),
    ('ac_mm_diag_bf16', 'torchair_like', 'batch', _R),
    ('ac_mm_diag_fp16', 'torchair_like', 'static', _R),
    ('ac_mm_diag_fp16', 'torchair_like', 'batch', _R),
    ('ac_mm_diag_disabled', 'torchair_like', 'static', _EQ),
    ('ac_mm_diag_disabled', 'torchair_like', 'batch', _EQ),
    ('ac_einsum_bf16', 'torchair_like', 'static', _R),
    ('ac_einsum_bf16', 'torchair_like', 'batch', _R),
    ('ac_einsum_fp16', 'torchair_like', 'static', _R),
    ('ac_einsum_fp16', 'torchair_like', 'batch', _R),
    ('ac_einsum_disabled', 'torchair_like', 'static', _EQ),
    ('ac_einsum_disabled', 'torchair_like', 'batch', _EQ),
    ('ac_mul_sum_bf16', 'torchair_like', 'static', _EQ),
    ('ac_mul_sum_bf16', 'torchair_like', 'batch', _EQ),
    ('ac_mul_sum_fp16', 'torchair_like', 'static', _EQ),
    ('ac_mul_sum_fp16', 'torchair_like', 'batch', _EQ),
    ('ac_mul_sum_disabled', 'torchair_like', 'static', _EQ),
    ('ac_mul_sum_disabled', 'torchair_like', 'batch', _EQ),
    ('it_base', 'torchair_like', 'static', _EQ),
    ('it_base', 'torchair_like', 'batch', _EQ),
    ('it_base', 'torchair_like', 'dynamic', _EQ),
    ('it_offset', 'torchair_like', 'static', _R),
    ('it_offset', 'torchair_like', 'batch', _R),
    ('it_offset', 'torchair_like', 'dynamic', _R),
    ('it_flip', 'torchair_like', 'static', _R),
    ('it_flip', 'torchair_like', 'batch', _R),
    ('it_flip', 'torchair_like', 'dynamic', _R),
    ('it_step2', 'torchair_like', 'static', _R),
    ('it_step2', 'torchair_like', 'batch', _R),
    ('it_step2', 'torchair_like', 'dynamic', _R),
    ('it_fla', 'torchair_like', 'static', _EQ),
    ('it_fla', 'torchair_like', 'batch', _EQ),
    ('it_fla', 'torchair_like', 'dynamic', _EQ),
    ('it_fla_next_row', 'torchair_like', 'static', _R),
    ('it_fla_next_row', 'torchair_like', 'batch', _R),
    ('it_fla_next_row', 'torchair_like', 'dynamic', _R),
    ('it_fla_shift1', 'torchair_like', 'static', _R),
    ('it_fla_shift1', 'torchair_like', 'batch', _R),
    ('it_fla_shift1', 'torchair_like', 'dynamic', _R),
    ('it_cond_row', 'torchair_like', 'static', _R),
    ('it_cond_row', 'torchair_like', 'batch', _R),
    ('it_cond_row', 'torchair_like', 'dynamic', _R),
    ('it_cond_row_even', 'torchair_like', 'static', _R),
    ('it_cond_row_even', 'torchair_like', 'batch', _R),
    ('it_cond_row_even', 'torchair_like', 'dynamic', _R),
    ('it_slots_rows', 'torchair_like', 'static', _EQ),
    ('it_slots_rows', 'torchair_like', 'batch', _EQ),
    ('it_slots_rows', 'torchair_like', 'dynamic', _EQ),
    ('it_slots_rows_rev', 'torchair_like', 'static', _R),
    ('it_slots_rows_rev', 'torchair_like', 'batch', _R),
    ('it_slots_rows_rev', 'torchair_like', 'dynamic', _R),
    ('it_keep_rows', 'torchair_like', 'static', _R),
    ('it_keep_rows', 'torchair_like', 'batch', _R),
    ('it_keep_rows', 'torchair_like', 'dynamic', _R),
    ('it_weight_rows', 'torchair_like', 'static', _R),
    ('it_weight_rows', 'torchair_like', 'batch', _R),
    ('it_weight_rows', 'torchair_like', 'dynamic', _R),
    ('fs_base', 'torchair_like', 'static', _EQ),
    ('fs_base', 'torchair_like', 'batch', _R),
    ('fs_base', 'torchair_like', 'dynamic', _R),
    ('fs_clamp_M', 'torchair_like', 'static', _R),
    ('fs_clamp_M', 'torchair_like', 'batch', _R),
    ('fs_clamp_M', 'torchair_like', 'dynamic', _R),
    ('fs_clamp_small', 'torchair_like', 'static', _EQ),
    ('fs_clamp_small', 'torchair_like', 'batch', _R),
    ('fs_clamp_small', 'torchair_like', 'dynamic', _R),
    ('fs_no_clamp_relu', 'torchair_like', 'static', _EQ),
    ('fs_no_clamp_relu', 'torchair_like', 'batch', _R),
    ('fs_no_clamp_relu', 'torchair_like', 'dynamic', _R),
    ('fs_M_from_cache', 'torchair_like', 'static', _EQ),
    ('fs_M_from_cache', 'torchair_like', 'batch', _R),
    ('fs_M_from_cache', 'torchair_like', 'dynamic', _R),
    ('fs_M_table_width', 'torchair_like', 'static', _EQ),
    ('fs_M_table_width', 'torchair_like', 'batch', _R),
    ('fs_M_table_width', 'torchair_like', 'dynamic', _R),
    ('fs_iota_step', 'torchair_like', 'static', _R),
    ('fs_iota_step', 'torchair_like', 'batch', _R),
    ('fs_iota_step', 'torchair_like', 'dynamic', _R),
    ('fs_int32', 'torchair_like', 'static', _R),
    ('fs_int32', 'torchair_like', 'batch', _R),
    ('fs_int32', 'torchair_like', 'dynamic', _R),
    ('fs_minus_one_pad', 'torchair_like', 'static', _R),
    ('fs_minus_one_pad', 'torchair_like', 'batch', _R),
    ('fs_minus_one_pad', 'torchair_like', 'dynamic', _R),
    ('fs_offset_rev', 'torchair_like', 'static', _EQ),
    ('fs_offset_rev', 'torchair_like', 'batch', _R),
    ('fs_offset_rev', 'torchair_like', 'dynamic', _R),
    ('tp_ge', 'torchair_like', 'static', _R),
    ('tp_ge', 'torchair_like', 'batch', _R),
    ('tp_ge', 'torchair_like', 'dynamic', _R),
    ('tp_ge_last', 'torchair_like', 'static', _R),
    ('tp_ge_last', 'torchair_like', 'batch', _R),
    ('tp_ge_last', 'torchair_like', 'dynamic', _R),
    ('tp_eq_sum', 'torchair_like', 'static', _R),
    ('tp_eq_sum', 'torchair_like', 'batch', _R),
    ('tp_eq_sum', 'torchair_like', 'dynamic', _R),
    ('tp_mod', 'torchair_like', 'static', _R),
    ('tp_mod', 'torchair_like', 'batch', _R),
    ('tp_mod', 'torchair_like', 'dynamic', _R),
    ('tp_bit', 'torchair_like', 'static', _R),
    ('tp_bit', 'torchair_like', 'batch', _R),
    ('tp_bit', 'torchair_like', 'dynamic', _R),
    ('tp_float', 'torchair_like', 'static', _R),
    ('tp_float', 'torchair_like', 'batch', _R),
    ('tp_float', 'torchair_like', 'dynamic', _R),
    ('tp_it_ge', 'torchair_like', 'static', _R),
    ('tp_it_ge', 'torchair_like', 'batch', _R),
    ('tp_it_ge', 'torchair_like', 'dynamic', _R),
    ('wr_u8_then_long', 'torchair_like', 'static', _EQ),
    ('wr_u8_then_long', 'torchair_like', 'batch', _EQ),
    ('wr_u8_then_long', 'torchair_like', 'dynamic', _EQ),
    ('wr_bool_times', 'torchair_like', 'static', _EQ),
    ('wr_bool_times', 'torchair_like', 'batch', _EQ),
    ('wr_bool_times', 'torchair_like', 'dynamic', _EQ),
    ('wr_int32_prod_long', 'torchair_like', 'static', _R),
    ('wr_int32_prod_long', 'torchair_like', 'batch', _R),
    ('wr_int32_prod_long', 'torchair_like', 'dynamic', _R),
    ('wr_float_flag', 'torchair_like', 'static', _R),
    ('wr_float_flag', 'torchair_like', 'batch', _R),
    ('wr_float_flag', 'torchair_like', 'dynamic', _R),
    ('wr_where_int32', 'torchair_like', 'static', _EQ),
    ('wr_where_int32', 'torchair_like', 'batch', _EQ),
    ('wr_where_int32', 'torchair_like', 'dynamic', _EQ),
    ('wr_S_minus_1', 'torchair_like', 'static', _R),
    ('wr_S_minus_1', 'torchair_like', 'batch', _R),
    ('wr_S_minus_1', 'torchair_like', 'dynamic', _R),
    ('wr_partial', 'torchair_like', 'static', _R),
    ('wr_partial', 'torchair_like', 'batch', _R),
    ('wr_partial', 'torchair_like', 'dynamic', _R),
    ('wr_le_minus1', 'torchair_like', 'static', _R),
    ('wr_le_minus1', 'torchair_like', 'batch', _R),
    ('wr_le_minus1', 'torchair_like', 'dynamic', _R),
    ('wr_sym_S_size', 'torchair_like', 'static', _EQ),
    ('wr_sym_S_size', 'torchair_like', 'batch', _EQ),
    ('wr_sym_S_size', 'torchair_like', 'dynamic', _EQ),
    ('wr_twice', 'torchair_like', 'static', _R),
    ('wr_twice', 'torchair_like', 'batch', _R),
    ('wr_twice', 'torchair_like', 'dynamic', _R),
    ('wr_remainder', 'torchair_like', 'static', _EQ),
    ('wr_remainder', 'torchair_like', 'batch', _EQ),
    ('wr_remainder', 'torchair_like', 'dynamic', _EQ),
    ('ds_scatter', 'torchair_like', 'static', _EQ),
    ('ds_scatter', 'torchair_like', 'batch', _EQ),
    ('ds_scatter', 'torchair_like', 'dynamic', _EQ),
    ('ds_scatter_inplace', 'torchair_like', 'static', _R),
    ('ds_scatter_inplace', 'torchair_like', 'batch', _R),
    ('ds_scatter_inplace', 'torchair_like', 'dynamic', _R),
    ('ds_index_put', 'torchair_like', 'static', _EQ),
    ('ds_index_put', 'torchair_like', 'batch', _EQ),
    ('ds_index_put', 'torchair_like', 'dynamic', _EQ),
    ('ds_index_copy_dim1', 'torchair_like', 'static', _EQ),
    ('ds_index_copy_dim1', 'torchair_like', 'batch', _EQ),
    ('ds_index_copy_dim1', 'torchair_like', 'dynamic', _EQ),
    ('ds_scatter_dim0', 'torchair_like', 'static', _EQ),
    ('ds_scatter_dim0', 'torchair_like', 'batch', _EQ),
    ('ds_scatter_dim0', 'torchair_like', 'dynamic', _EQ),
    ('ds_append_after', 'torchair_like', 'static', _R),
    ('ds_append_after', 'torchair_like', 'batch', _R),
    ('ds_append_after', 'torchair_like', 'dynamic', _R),
    ('pa_mm_diag_mm_bf16', 'inductor', 'static', _FF),
    ('pa_mm_diag_mm_bf16', 'inductor', 'batch', _FF),
    ('pa_mm_diag_mm_bf16', 'inductor', 'dynamic', _FF),
    ('pa_mm_diag_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_einsum_diag_mm_bf16', 'inductor', 'static', _FF),
    ('pa_einsum_diag_mm_bf16', 'inductor', 'batch', _FF),
    ('pa_einsum_diag_mm_bf16', 'inductor', 'dynamic', _FF),
    ('pa_einsum_diag_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_linear_diag_mm_bf16', 'inductor', 'static', _FF),
    ('pa_linear_diag_mm_bf16', 'inductor', 'batch', _FF),
    ('pa_linear_diag_mm_bf16', 'inductor', 'dynamic', _FF),
    ('pa_linear_diag_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_tensordot_diag_mm_bf16', 'inductor', 'static', _FF),
    ('pa_tensordot_diag_mm_bf16', 'inductor', 'batch', _FF),
    ('pa_tensordot_diag_mm_bf16', 'inductor', 'dynamic', _FF),
    ('pa_tensordot_diag_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_mm_heads_loop_mm_bf16', 'inductor', 'static', _FF),
    ('pa_mm_heads_loop_mm_bf16', 'inductor', 'batch', _FF),
    ('pa_mm_heads_loop_mm_bf16', 'inductor', 'dynamic', _FF),
    ('pa_mm_heads_loop_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_conv1d_mm_bf16', 'inductor', 'static', _EQ),
    ('pa_conv1d_mm_bf16', 'inductor', 'batch', _EQ),
    ('pa_conv1d_mm_bf16', 'inductor', 'dynamic', _EQ),
    ('pa_conv1d_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_einsum_mm_bf16', 'inductor', 'static', _CD),
    ('pa_einsum_mm_bf16', 'inductor', 'batch', _CD),
    ('pa_einsum_mm_bf16', 'inductor', 'dynamic', _CD),
    ('pa_einsum_legacy_medium', 'inductor', 'static', _CD),
    ('pa_matmul_mm_bf16', 'inductor', 'static', _CD),
    ('pa_matmul_mm_bf16', 'inductor', 'batch', _CD),
    ('pa_matmul_mm_bf16', 'inductor', 'dynamic', _CD),
    ('pa_matmul_legacy_medium', 'inductor', 'static', _CD),
    ('pa_bmm_mm_bf16', 'inductor', 'static', _CD),
    ('pa_bmm_mm_bf16', 'inductor', 'batch', _CD),
    ('pa_bmm_mm_bf16', 'inductor', 'dynamic', _CD),
    ('pa_bmm_legacy_medium', 'inductor', 'static', _CD),
    ('pa_mul_sum_mm_bf16', 'inductor', 'static', _EQ),
    ('pa_mul_sum_mm_bf16', 'inductor', 'batch', _EQ),
    ('pa_mul_sum_mm_bf16', 'inductor', 'dynamic', _EQ),
    ('pa_mul_sum_legacy_medium', 'inductor', 'static', _EQ),
    ('pa_mm_diag_bf16data_mm_bf16', 'inductor', 'static', _R),
    ('pa_mm_diag_bf16data_mm_bf16', 'inductor', 'batch', _R),
    ('pa_einsum_diag_bf16data_mm_bf16', 'inductor', 'static', _R),
    ('pa_einsum_diag_bf16data_mm_bf16', 'inductor', 'batch', _R),
    ('pa_conv1d_diag_conv_bf16', 'inductor', 'static', _FF),
    ('pa_conv1d_diag_conv_bf16', 'inductor', 'batch', _FF),
    ('pa_conv1d_diag_conv_bf16', 'inductor', 'dynamic', _FF),
    ('pa_conv2d_diag_conv_bf16', 'inductor', 'static', _FF),
    ('pa_conv2d_diag_conv_bf16', 'inductor', 'batch', _FF),
    ('pa_conv2d_diag_conv_bf16', 'inductor', 'dynamic', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'inductor', 'static', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'inductor', 'batch', _FF),
    ('pa_conv_transpose_diag_conv_bf16', 'inductor', 'dynamic', _FF),
    ('pa_mm_diag_mm_bf16', 'torchair', 'static', _CD),
    ('pa_mm_diag_mm_bf16', 'torchair', 'batch', _CD),
    ('pa_mm_diag_mm_bf16', 'torchair', 'dynamic', _CD),
    ('pa_conv1d_diag_conv_bf16', 'torchair', 'static', _CD),
    ('pa_conv1d_diag_conv_bf16', 'torchair', 'batch', _CD),
    ('pa_conv1d_diag_conv_bf16', 'torchair', 'dynamic', _CD),
]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
