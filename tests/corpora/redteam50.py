"""Fiftieth adversarial review of the recogniser (round 50; 799dbec frozen at /tmp/base55: ONLY the rules added in
that commit -- rewrite.share_kept_read_index / _same_spelling, rewrite.stacked_reads on 4-D tensors and
roles._pool_of_token_stack, rewrite.unflatten_head_rows / _head_rows on a 1-D view of every element,
pool_tables._ragged_read on 1-D reads, rewrite._gathered_window for torch.take_along_dim and _a_cache_input through
select_scatter / slice_scatter, sizes.SizesProof._sizes_reduced for pointwise ops, and the round-49 fixes
Intervals.of / unwrapped and exactness._carries_integers).

Same format as redteam43 .. redteam49: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns
``(step, inputs, modes)`` (steps take ``(kv, w, slots, table, lens, cache, *extra)``; the ki_dense_ attacks a dense
compressed ``[B, C, N, D]`` cache (C = 16) written through its flat view; the ts_ attacks a token pool ``[T, 2, N, D]``
(or ``[T, N, 2, D]``) in the kv place with a token table ``[B, cap]`` in the table place; the rg_ attacks FlashInfer's
``indptr`` / ``indices`` as two extra inputs; the ta_ attacks a dense ``[B, T, N, D]`` state (or ``[2, B, T, N, D]``)
in the kv place).  Runner: redteam7's ``classify7`` through :func:`classify50`.  ``LATER_ATTACKS`` (two ki_dense_
spellings written after the first try) run with the same command line.

    cp /work/main/tests/corpora/redteam50.py /tmp/base55/tests/corpora/ && cd /tmp/base55 && \\
    PYTHONPATH=/tmp/base55 TORCHINDUCTOR_FORCE_DISABLE_CACHES=1 OMP_NUM_THREADS=1 \\
        /work/main/.venv/bin/python tests/corpora/redteam50.py [--dialect D] [--mode M] [name ...]

First try on the frozen tree (``_FIRST``; /tmp/base55 = 799dbec, 09:20:43-09:33:10 UTC 2026-12-06, the two graph
dialects side by side, one process each, the whole ``ATTACKS`` list as it stands; before it, while writing the
attacks, single families were tried in static mode on the same tree -- the first FULL run is this one): 89 attacks in 7
themes (ki_ 25 the kept read's index spelled twice: 16 on the plain [S, N, D] cache, 7 ki_dense_, 2 ki_stacked_; ts_ 15
token stacks and 4-D selects; hr1_ 9 put_ of every element; rg_ 11 ragged page lists read token by token; ta_ 8
take_along_dim windows; sz_ 5 sizes through pointwise ops; ov_ 16 bounds that wrap or round), 248 runs per graph
dialect (ki_, ts_, hr1_, sz_, ov_ in static, batch, dynamic; rg_ and ta_ in static and dynamic):

    inductor_graph  248 runs: 4 FALSE FUSION / 0 CRASH / 79 fused & equal / 140 refused / 0 control differs /
                    18 REFUSED, PASS CHANGES NUMBERS / 7 control crashes too
    torchair_like   248 runs: 5 FALSE FUSION / 0 CRASH / 73 fused & equal / 144 refused / 0 control differs /
                    19 REFUSED, PASS CHANGES NUMBERS / 7 control crashes too

Per theme (inductor_graph | torchair_like): ki_ (plain cache) 14 EQ / 22 R / 12 RPD | the same; ki_dense_ 4 FF / 1 EQ /
3 R / 6 RPD / 7 CCT | 5 FF / 1 EQ / 1 R / 7 RPD / 7 CCT; ki_stacked_ 3 EQ / 3 R | the same; ts_ 27 EQ / 18 R | the
same; hr1_ 9 EQ / 18 R | 3 EQ / 24 R (torchair_like: "no candidate" for every put_ spelling; only hr1_index_put, the
``flat[idx] = v`` spelling, is a candidate there); rg_ 10 EQ / 12 R | the same; ta_ 12 EQ / 4 R | the same; sz_ 3 EQ /
12 R | the same; ov_ 48 R | the same.  (RPD = "REFUSED, PASS CHANGES NUMBERS": classify6's verdict for a refused step
whose compiled result still differs from eager's, the pass-off control equal to eager.)  The dialects differ in
ki_dense_negzero_div_scalar (refused "keep: the kept cache rows are picked using ..." in inductor_graph; FALSE FUSION
static and RPD dynamic in torchair_like), hr1_ (above), sz_ne_batch_tensor batch/dynamic (refused by the mask proof |
refused by the sizes proof).  CONTROL CRASHES TOO (not counted, attack limitation): every ki_dense_ attack under
mark_dynamic (the dense cache's dim 0 is the batch, which dynamo then specialises: ConstraintViolationError without the
pass too).  Every first-try FALSE FUSION and every RPD is F1 below; no CRASH.

Later runs (``_LATER``, not the first try):

* Real Inductor codegen (``--dialect inductor``, nsa_fusion_backend; ``ki_dense_negzero ki_negzero ki_dense_base
  ki_base``, which by redteam2's substring match also runs the two LATER_ATTACKS; 09:35-09:39 UTC): 51 runs: 6 FALSE
  FUSION / 4 fused & equal / 12 refused / 20 REFUSED, PASS CHANGES NUMBERS / 9 control crashes too.  FALSE FUSION:
  ki_dense_negzero_inside, _plus, _floor_div, _sub, _plus_f64, _plus_read_first in static (each 128 or 187 cache
  values differ; the pass-off control equal to eager); RPD: every ki_negzero_add / _add_mod / _mul / _trunc run
  (static, batch, dynamic) and ki_dense_negzero_* under dynamic=True (_outside in static too); ki_base, ki_dense_base:
  fused & equal (dense dynamic: refused); ki_dense_negzero_div_scalar refused (as inductor_graph).
* LATER_ATTACKS in the graph dialects (09:39-09:40 UTC, 6 runs per dialect): ki_dense_negzero_plus_f64 (the +-0.0
  products in float64, so the int32 lengths' cast is exact under dynamic=True too) and ki_dense_negzero_plus_read_first
  (the kept read's index spelled BEFORE the write's: the write takes the read's node): inductor_graph and torchair_like
  alike 2 FALSE FUSION (static) / 2 RPD (dynamic) / 2 control crashes too (batch).
* Standalone repro /tmp/rt50/repro50.py (real Inductor, B = 12, no IEEE specials, output /tmp/rt50/repro50.out):
      repro50.py                        pass off: 0 differ | pass on: declined (cost), 187 cache values differ
      NSA_FUSION_FUSE_SMALL=1 repro50.py pass off: 0 differ | pass on: fused 1, 187 differ, first at [1, 0, 0, 0]:
                                        got 0.9375, eager 0.0
      repro50.py --refused              pass off: 0 differ | pass on: refused (write), 187 differ

FOUND:

* F1 FALSE FUSION (and REFUSED / DECLINED steps that still change numbers): ``_same_spelling`` takes ``+0.0`` and
  ``-0.0`` for the same argument (``type(a) is type(b) and a == b``; ``0.0 == -0.0`` in Python), so two spellings of
  an index that differ only in the sign of a zero constant (everything else identical) are "the same pure
  computation", and the kept read is rerouted to the write's index node.  The sign of a zero survives the pure-op
  list: ``div.Tensor_mode`` by a signed zero is +inf or -inf (``clamp`` and ``long`` then give two different
  integers).  Minimal repro (a dense [B, C, N, D] compressed cache, fla style; every input valid, finite tokens
  suffice):

      def sgn(lens, zero):                                 # 0 for zero = +0.0, 1 for zero = -0.0
          z = lens.float() * zero
          return torch.div(z + 1, z, rounding_mode="floor").clamp(-1, 0).long() % 2
      blk = ((lens.long() - l) // d).clamp(min=0)
      wi = rows * C + (blk + sgn(lens, 0.0))               # the own compressed row
      ri = rows * C + (blk + sgn(lens, -0.0))              # the NEXT compressed row
      cache.flatten(0, 1).index_copy_(0, wi, torch.where(done, new, cache.flatten(0, 1)[ri]))

  Eager: a non-completing row writes compressed row blk + 1's values into row blk.  The pass: share_kept_read_index
  finds ``ri`` "spelled" as ``wi`` (the graphs' ``mul`` by the scalar -0.0 and by 0.0 compare equal), rewires the
  read to ``wi``, the keep proof then sees the kept rows read at the written slots and the step fuses: the fused op
  keeps row blk.  inductor_graph, torchair_like and real Inductor: 128-187 cache values differ (static), the pass-off
  control equal to eager.  Where the step is refused (the slots proof: ``s + sgn`` on the
  plain cache, "slots shifted"; the int32 -> float32 cast under dynamic=True) or declined (cost), the rewired read
  STAYS in the graph -- the docstring's "left so where nothing fuses (Inductor would merge them itself)" -- so the
  compiled model still computes the other values: 18 / 19 first-try runs "REFUSED, PASS CHANGES NUMBERS" and the
  repro's default run (declined by the cost model) differ from eager with nothing fused.  Variants that reach it:
  ``-0.0`` in ``mul``, in ``sub`` (``z - 0.0`` vs ``z - -0.0`` for ``z = -0.0``), in the divisor of a
  ``div(..., rounding_mode="floor"/"trunc")``, float32 or float64, the read's spelling before or after the write's.
  Rule: nsa_fusion/rewrite.py:_same_spelling (its non-node case ``type(a) is type(b) and a == b``), applied by
  nsa_fusion/rewrite.py:share_kept_read_index, which rewires the read unconditionally, before any proof, and never
  undoes it.  Fix direction: compare floats by bits (``math.copysign(1, a) == math.copysign(1, b)``, or
  ``struct.pack('d', a)``; NaN already differs), and undo the rewiring when the step does not fuse (or rewire only in
  the fused step's own copy).

Not found (equal or refused; the idea each tried):

* ki_ share_kept_read_index: two identical spellings (``slots.long()`` twice; ``% cache.shape[0]`` and ``% (S + B -
  B)`` under dynamic shapes; a stacked [2, S, N, D] cache, same half): fused & equal.  ``div`` with floor vs trunc, an
  int16 round trip in one spelling (int16 dynamic: refused by the cast check), randint(0, 1) twice, the lengths or
  slots mutated in place between the two spellings (functionalized: another node), the cache's rows zeroed between
  (a newer version read; fused & equal: the keep proof reads the kept rows of the zeroed version), the kept rows of
  the OTHER half of a stacked cache at the same spelling (one root): refused or equal.  A ``clamp(min=+-0.0)`` bound
  (``ki_negzero_clamp_bound``) and ``clamp(s, max=S - 1 + sgn)``: refused before it matters (slots proof).
* ts_ token stacks: K / V / negative c / ``select(-3, c)`` / ``kv[:, c][ids]`` / a float32 pool / a heads-first
  ``[T, N, 2, D]`` pool whose select picks a HEAD (both halves then pooled as 2 "heads"): fused & equal (the fused op
  reads the strided select as written); K + V summed, K at flipped ids: refused; a real paged ``[NB, P, N, D]`` cache
  read at one offset of each page (``kv[:, 3][pages]``, ``kv[pages][:, :, 3]``, ``[:, :, -1]``, positions taken as page
  indices): refused ("mask: the condition is false for every length 0..4": the P = 1 reading's capacity is the
  table's width).
* hr1_ put_ of every element: the plain spelling, ``flat[idx] = v``, the kept rows read through the same flat index:
  fused & equal; a reversed arange, a partial arange, int32 element indices, accumulate=True, values transposed from
  ``[B, D, N]`` (N == D), a transposed cache reshaped (a copy): refused.
* rg_ ragged 1-D reads: starts + offsets in either order, int32 metadata (widened add or promoting add), unclamped
  (negative) positions: fused & equal; starts from the row ENDS minus the page count or minus max_pages, starts
  shifted by an input's values, rolled starts, offsets wrapped by the page count: refused (the evaluation raises on the
  negative column, or "index arithmetic reads a graph input").  (Seen while writing: ``indptr[:-1]`` re-sliced inside
  the per-position loop builds one table per position and is refused -- a refusal only.)
* ta_ take_along_dim: positions + T, unclamped negative positions (the wrap), ``gather(x, 1, pos % (2 T))``, a layer of
  a stacked state updated in place (that layer or the OTHER one): fused & equal; ``% (T // 2)``, row 0 expanded to
  every row: refused.
* sz_ sizes through pointwise ops: ``lens != 300 - (B - 12) * 63`` (vacuous at B = 12, 48 at B = 16), the same through
  a ``zeros_like(lens) + B`` tensor, ``lens < B * 4 + 1`` in a where, positions + (B - 12), a condition on the number of
  cache rows: refused under batch / dynamic ("uses the batch size as a value" -- the SymInt scalar is guarded, not a
  pointwise size) or by the mask / pooling proofs; static: fused & equal (recompiled per size).
* ov_ round-49 fixes: a page-id bound computed with float32 floor division by 1/3 or 0.3 (Python's float64 and
  float32 disagree there), float64 controls, ``abs`` / ``neg`` of int64's minimum, shifts, ``pow``, ``sum`` and
  ``cumsum`` that wrap, ``round``, ``fmod``, page ids computed in float32 / float16 through ``div``: all refused
  (non-integer float constants have no interval: ``Intervals.number``; the wrapping ops are not in ``_compute``;
  page ids computed in floats are refused outright).

Read, not demonstrated: (1) share_kept_read_index's mutation check reads only nodes whose schema is mutable: a write
inside a higher-order op (``auto_functionalized`` of a custom mutating op) between the two spellings would not count
-- in Inductor's functional graphs the two spellings' shared operands are then different nodes anyway, so no repro.
(2) pool_tables._ragged_read's 1-D branch accepts any view of any 1-D integer input as the starts; the table it builds
is value-exact wherever eager reads (``(starts + k) % L``), so only a negative offset that the fused step reads could
matter -- every such spelling tried was refused by the evaluation.  (3) rewrite._gathered_window accepts any positive
integer modulus, not just T; the rewrite applies the same modulus, so it is value-exact; ``% (T // 2)`` was refused by
the window proof.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.append(_p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402,F401
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")
SD = ("static", "dynamic")
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _CCT, _EF = "CONTROL DIFFERS", "CONTROL CRASHES TOO", "EAGER FAILS"
_RPD = "REFUSED, PASS CHANGES NUMBERS"


def _same_b(**kw):
    return lambda: [list(build(B=12, seed=k, **kw).args) for k in (0, 1)]


def _calls(**kw):
    return lambda: [list(build(B=12, **kw).args), list(build(B=16, seed=1, **kw).args)]


# --- 1. the kept read's index spelled twice (rewrite.share_kept_read_index / _same_spelling) ---------------------
def _sgn0(lens, zero):
    """0 for a +0.0 ``zero``, -1 for -0.0: floor((z + 1) / z) is +inf or -inf, clamped to [-1, 0]."""
    z = lens.float() * zero
    return torch.div(z + 1, z, rounding_mode="floor").clamp(-1, 0).long()


def _ki(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        if kind == "base":  # slots.long() spelled twice (two nodes)
            wi, ri = slots.long(), slots.long()
        elif kind == "negzero_add":  # + (0 or -1) from +0.0 / -0.0: equal python floats, different values
            wi, ri = slots.long() + _sgn0(lens, 0.0), slots.long() + _sgn0(lens, -0.0)
        elif kind == "negzero_add_mod":  # (s + 0) % S written, (s - 1) % S kept
            S = cache.shape[0]
            wi, ri = (slots.long() + _sgn0(lens, 0.0)) % S, (slots.long() + _sgn0(lens, -0.0)) % S
        elif kind == "negzero_clamp_max":  # clamp(s, max=S - 1 + sgn): S - 1 written, S - 2 kept for slot S - 1
            S = cache.shape[0]
            wi = torch.minimum(slots.long(), S - 1 + _sgn0(lens, 0.0))
            ri = torch.minimum(slots.long(), S - 1 + _sgn0(lens, -0.0))
        elif kind == "negzero_add_same":  # control of the above: +0.0 both
            wi, ri = slots.long() + _sgn0(lens, 0.0), slots.long() + _sgn0(lens, 0.0)
        elif kind == "negzero_mul":  # slots * (1 + 2 * sgn): s or -s (wraps: row S - s)
            wi = slots.long() * (1 + 2 * _sgn0(lens, 0.0))
            ri = slots.long() * (1 + 2 * _sgn0(lens, -0.0))
        elif kind == "negzero_trunc":
            z1, z2 = lens.float() * 0.0, lens.float() * -0.0
            wi = slots.long() + torch.div(z1 + 1, z1, rounding_mode="trunc").clamp(-1, 0).long()
            ri = slots.long() + torch.div(z2 + 1, z2, rounding_mode="trunc").clamp(-1, 0).long()
        elif kind == "negzero_clamp_bound":  # the bound of a clamp +0.0 / -0.0, then divided into
            z = lens.float() * 0.0
            a, b = z.clamp(min=0.0), z.clamp(min=-0.0)
            wi = slots.long() + torch.div(a + 1, a, rounding_mode="floor").clamp(-1, 0).long()
            ri = slots.long() + torch.div(b + 1, b, rounding_mode="floor").clamp(-1, 0).long()
        elif kind == "div_mode_differs":  # floor vs trunc of (2 s - 1) / 2, + 1: differs at s = 0
            wi = torch.div(2 * slots.long() - 1, 2, rounding_mode="floor") + 1
            ri = torch.div(2 * slots.long() - 1, 2, rounding_mode="trunc") + 1
        elif kind == "lens_mutated_between":  # lens += 10000 between: lens // 10000 is 0 then 1
            wi = slots.long() + lens.long() // 10000
            lens.add_(10000)
            ri = slots.long() + lens.long() // 10000
        elif kind == "slots_mutated_between":
            wi = slots.long()
            slots.add_(1)
            ri = slots.long() - 1 + 1
        elif kind == "written_between":  # the cache's rows zeroed between the two spellings (a newer version read)
            wi = slots.long()
            cache[slots.long()] = 0
            ri = slots.long()
        elif kind == "int16_cast_differs":  # slots through int16 in one spelling (>= 32768 wraps; here < 32768)
            wi, ri = slots.long(), slots.to(torch.int16).long()
        elif kind == "sym_mod":  # % num_slots (a size under dynamic shapes)
            wi, ri = slots.long() % cache.shape[0], slots.long() % cache.shape[0]
        elif kind == "sym_mod_other_size":  # % num_slots vs % (B + num_slots - B): the same value, other spelling
            wi, ri = slots.long() % cache.shape[0], slots.long() % (cache.shape[0] + lens.shape[0] - lens.shape[0])
        elif kind == "rand_zero":  # + randint(0, 1) (always 0) spelled twice
            wi = slots.long() + torch.randint(0, 1, slots.shape)
            ri = slots.long() + torch.randint(0, 1, slots.shape)
        else:
            raise AssertionError(kind)
        return cache.index_copy_(0, wi, torch.where(valid, new, cache[ri]))
    return step


def _ki_stacked(kind):
    """[2, S, N, D]: the write into half 0, the kept rows of half 1 at the same spelling (one root)."""
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        half = 1 if kind == "other_half" else 0
        cache[0].index_copy_(0, slots.long(), torch.where(valid, new, cache[half][slots.long()]))
        return cache
    return step


def _stacked_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            a[5] = torch.stack((a[5], a[5].flip(0) * 2))
            out.append(a)
        return out
    return f


def _sgn2(lens, zero):
    """0 for a +0.0 ``zero``, 1 for -0.0 (``_sgn0 % 2``: an interval [0, 1] whatever the operand's)."""
    return _sgn0(lens, zero) % 2


def _dn(kind):
    """A dense compressed [B, C, N, D] cache written through its flat view at rows * C + blk (fla style)."""
    def step(kv, w, slots, table, lens, cache):
        B, C = cache.shape[:2]
        flat = cache.flatten(0, 1)
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        done = completes(lens)[:, None, None]
        rows = torch.arange(B)
        s = lens.long()

        def blk(zero):
            base = ((s - L) // STRIDE).clamp(min=0)
            if zero is None:
                return base
            if kind == "negzero_inside":  # (blk + sgn).clamp(0, C - 1): blk - 1 in the kept spelling
                return (base - _sgn2(lens, zero)).clamp(0, C - 1)
            if kind == "negzero_outside":
                return base - _sgn2(lens, zero)
            if kind == "negzero_plus_f64":  # the +-0.0 products in float64 (exact for every int32 length)
                z = lens.double() * zero
                return base + torch.div(z + 1, z, rounding_mode="floor").clamp(-1, 0).long() % 2
            if kind in ("negzero_plus", "negzero_plus_read_first"):  # blk + sgn2, blk + 1 in the kept spelling
                return base + _sgn2(lens, zero)
            if kind == "negzero_div_scalar":  # floor(1 / +-0.0) by a scalar divisor, no product
                one = lens.float() * 0 + 1
                return base + torch.div(one, zero, rounding_mode="floor").clamp(-1, 0).long() % 2
            if kind == "negzero_sub":  # (z - 0.0) vs (z - -0.0) for z = -0.0: -0.0 | +0.0, then 1 / that
                z = lens.float() * -0.0
                y = z - zero
                return base + torch.div(z + 1, y, rounding_mode="floor").clamp(-1, 0).long() % 2
            if kind == "negzero_floor_div":  # (s - l - sgn2 * d) // d
                return ((s - L - _sgn2(lens, zero) * STRIDE) // STRIDE).clamp(min=0)
            raise AssertionError(kind)
        if kind == "base":
            wi, ri = rows * C + blk(None), rows * C + blk(None)
        elif kind == "negzero_plus_read_first":  # the kept read's index spelled BEFORE the write's
            ri = rows * C + blk(-0.0)
            wi = rows * C + blk(0.0)
        else:
            wi, ri = rows * C + blk(0.0), rows * C + blk(-0.0)
        flat.index_copy_(0, wi, torch.where(done, new, flat[ri]))
        return cache
    return step


def _dn_calls():
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, num_slots=B * 16).args)
            a[5] = a[5].view(B, 16, *a[5].shape[1:])
            out.append(a)
        return out
    return f


KI = [(f"ki_{k}", _mk(_ki(k), _calls(), MODES3), "the kept read's index spelled twice: " + k)
      for k in ("base", "negzero_add", "negzero_add_mod", "negzero_clamp_max", "negzero_add_same", "negzero_mul",
                "negzero_trunc", "negzero_clamp_bound",
                "div_mode_differs", "lens_mutated_between", "slots_mutated_between", "written_between",
                "int16_cast_differs", "sym_mod", "sym_mod_other_size", "rand_zero")]
KI += [(f"ki_dense_{k}", _mk(_dn(k), _dn_calls(), MODES3), "a dense [B, C, N, D] cache, rows * C + blk twice: " + k)
       for k in ("base", "negzero_inside", "negzero_outside", "negzero_plus", "negzero_floor_div",
                 "negzero_div_scalar", "negzero_sub")]
KI += [(f"ki_stacked_{k}", _mk(_ki_stacked(k), _stacked_calls(), MODES3), "stacked [2, S, N, D]: " + k)
       for k in ("same_half", "other_half")]


# --- 2. token stacks [T, 2, N, D] and 4-D selects (rewrite.stacked_reads, roles._pool_of_token_stack) ------------
def _ts(kind):
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        if kind.startswith("paged_"):  # kv is the plain paged [NB, P, N, D] cache
            P = kv.shape[1]
            pages = table.long().gather(1, pos // P)
            if kind == "paged_offset3":  # one offset of each page: kv[:, 3][pages]
                tok = kv[:, 3][pages]
            elif kind == "paged_offset3_stacked_read":  # kv[pages][:, :, 3]
                tok = kv[pages][:, :, 3]
            elif kind == "paged_offset_neg1":
                tok = kv[pages][:, :, -1]
            elif kind == "paged_token_as_page":  # kv[:, 0][table.gather(1, pos)]: the position taken as a page index
                tok = kv[:, 0][table.long().gather(1, pos % table.shape[1])]
            else:
                raise AssertionError(kind)
            return write(cache, slots, completes(lens), pool(tok, w))
        ids = table.long().gather(1, pos)  # token ids
        g = kv[ids]  # [B, l, 2, N, D]
        if kind == "k":
            tok = g[:, :, 0]
        elif kind == "v":
            tok = g[:, :, 1]
        elif kind == "v_neg":
            tok = g[:, :, -1]
        elif kind == "k_neg":
            tok = g[:, :, -2]
        elif kind == "k_explicit":  # kv[:, 0][ids]
            tok = kv[:, 0][ids]
        elif kind == "select_neg_dim":  # g.select(-3, 1)
            tok = g.select(-3, 1)
        elif kind == "k_plus_v":  # both halves summed: no one pool
            tok = g[:, :, 0] + g[:, :, 1]
        elif kind == "k_of_v_ids":  # K read at ids + 0, V at ids flipped per row
            tok = kv[:, 0][ids.flip(1)]
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _token_pool_calls(layout="kv2", dtype=torch.float16):
    """A token pool [T, 2, N, D] (K and V side by side, V = 2 K rolled) and a token table [B, cap] in the table
    place ("kv2"); or heads first [T, N, 2, D] ("nkv")."""
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed, dtype=dtype).args)
            kv, table = a[0], a[3].long()
            NB, P, N, D = kv.shape
            flat = kv.reshape(NB * P, N, D)
            v = (flat * 2).roll(1, 2)
            a[0] = torch.stack((flat, v), 1 if layout == "kv2" else 2).contiguous()
            a[3] = (table[:, :, None] * P + torch.arange(P)).flatten(1).to(torch.int32)
            out.append(a)
        return out
    return f


def _ts_heads(kind):
    """A pool [T, N, 2, D] (heads first): ``pool[ids][:, :, h]`` picks head h of K and V, pooled as 2 'heads'."""
    def step(kv, w, slots, table, lens, cache):
        pos = positions(lens)
        ids = table.long().gather(1, pos)
        h = 1 if kind == "h1" else 0
        tok = kv[ids][:, :, h]  # [B, l, 2, D]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


TS = [(f"ts_{k}", _mk(_ts(k), _token_pool_calls(), MODES3), "a [T, 2, N, D] token pool read by half: " + k)
      for k in ("k", "v", "v_neg", "k_neg", "k_explicit", "select_neg_dim", "k_plus_v", "k_of_v_ids")]
TS += [(f"ts_{k}", _mk(_ts(k), _calls(), MODES3), "a plain paged [NB, P, N, D] cache read at one page offset: " + k)
       for k in ("paged_offset3", "paged_offset3_stacked_read", "paged_offset_neg1", "paged_token_as_page")]
TS += [(f"ts_heads_{k}", _mk(_ts_heads(k), _token_pool_calls("nkv"), MODES3), "a [T, N, 2, D] pool, head h: " + k)
       for k in ("h0", "h1")]
TS += [("ts_k_f32_pool", _mk(_ts("k"), _token_pool_calls(dtype=torch.float32), MODES3),
        "a float32 token pool into a float32 cache (the pool's dtype is the cache's)")]


# --- 3. put_ of every element: cache.view(-1) at slots[:, None] * (N * D) + arange(N * D) (rewrite._head_rows) -----
def _hr1(kind):
    def step(kv, w, slots, table, lens, cache):
        S, N, D = cache.shape
        B = lens.shape[0]
        s = slots.long()
        new = pool(tokens(kv, table, positions(lens)), w).to(cache.dtype)
        valid = completes(lens)[:, None, None]
        kept = cache[s]
        stride, width = N * D, N * D
        if kind == "partial_arange":
            width = N * D - 1
        idx = s[:, None] * stride + torch.arange(width)
        if kind == "arange_reversed":  # the row's elements in reverse order
            idx = s[:, None] * stride + torch.arange(width).flip(0)
        vals = torch.where(valid, new, kept)
        if kind == "transposed_values":  # [B, D, N] rows (N == D): written in that order
            vals = vals.transpose(1, 2)
        if kind == "partial_arange":
            vals = vals.reshape(B, -1)[:, :width]
        flat = cache.view(-1)
        if kind == "index_kept":  # kept rows read through the flat view at the same element index
            kept = flat[idx.reshape(-1)].view(B, N, D)
            vals = torch.where(valid, new, kept)
        if kind == "noncontig_cache":  # a transposed cache (N == D) reshaped: a copy, the cache itself unchanged
            c2 = cache.transpose(1, 2).reshape(-1)
            c2.put_(idx.reshape(-1), vals.reshape(-1))
            return c2.view(S, D, N) * 1
        if kind == "int32_idx":  # int32 element index (index_put: put_ takes int64 only)
            idx = s.int()[:, None] * stride + torch.arange(width, dtype=torch.int32)
            flat[idx.reshape(-1)] = vals.reshape(-1)
            return cache
        if kind == "accumulate":
            flat.put_(idx.reshape(-1), (vals - kept).reshape(-1), accumulate=True)
            return cache
        if kind == "index_put":
            flat[idx.reshape(-1)] = vals.reshape(-1)
            return cache
        flat.put_(idx.reshape(-1), vals.reshape(-1))
        return cache
    return step


HR1 = [(f"hr1_{k}", _mk(_hr1(k), _calls(), MODES3), "a put_ of every element of a row: " + k)
       for k in ("base", "arange_reversed", "partial_arange", "index_kept", "int32_idx", "accumulate", "index_put")]
HR1 += [(f"hr1_{k}", _mk(_hr1(k), _calls(N=4, D=4), MODES3), "a put_ of every element, N == D: " + k)
        for k in ("transposed_values", "noncontig_cache")]


# --- 4. ragged page lists read token by token: indices[indptr[:-1] + p // P] (pool_tables._ragged_read, 1-D) ------
def _rg(kind):
    def step(kv, w, slots, table, lens, cache, indptr, indices):
        P = kv.shape[1]
        pos = positions(lens)
        if kind == "unclamped":  # positions below 0 for short rows: page -1 of the row (the previous row's last)
            pos = lens.long()[:, None] - L + torch.arange(L)
        start, end = indptr[:-1], indptr[1:]
        count = end - start
        shifted = start + lens.long() // 10000
        toks = []
        for p in range(L):
            q = pos[:, p]
            if kind in ("base", "unclamped"):
                page = indices[start + q // P]
            elif kind == "swapped":
                page = indices[q // P + start]
            elif kind == "ends_minus_count":  # from the row's END: indptr[1:] + (p // P - pages)
                page = indices[end + (q // P - count)]
            elif kind == "int32":  # int32 add, widened after
                page = indices[(start + (q // P).int()).long()]
            elif kind == "int32_plain":  # int32 metadata, int64 offsets: the add promotes
                page = indices[start + q // P]
            elif kind == "starts_shifted_by_input":  # starts + an input's values: lens // 10000 (0)
                page = indices[shifted + q // P]
            elif kind == "offset_off_by_one":  # page j + 1 (the next page of the same request, wrapped)
                page = indices[start + (q // P + 1) % count]
            elif kind == "ends_as_starts":  # the END of the row as its start, the offset minus the pages
                page = indices[end + (q // P - table.shape[1])]
            elif kind == "lens_as_starts":  # another 1-D input (lengths) as the starts: lens * 0 + row starts
                page = indices[q // P + start.flip(0).flip(0)]
            elif kind == "starts_of_other_rows":  # starts rolled by one row: another request's pages
                page = indices[start.roll(1) + q // P]
            else:
                raise AssertionError(kind)
            toks.append(kv[page.long(), q % P])
        tok = torch.stack(toks, 1)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _rg_calls(B=(12, 16), index_dtype=torch.int64):
    def f():
        out = []
        for i, b in enumerate(B):
            a = list(build(B=b, seed=i).args)
            table = a[3].long()
            pages = table.shape[1]
            out.append(a + [(torch.arange(b + 1) * pages).to(index_dtype), table.flatten().to(index_dtype)])
        return out
    return f


RG = [(f"rg_{k}", _mk(_rg(k), _rg_calls(), SD), "a ragged page list read token by token: " + k)
      for k in ("base", "unclamped", "swapped", "ends_minus_count", "starts_shifted_by_input", "offset_off_by_one",
                "ends_as_starts", "lens_as_starts", "starts_of_other_rows")]
RG += [(f"rg_{k}", _mk(_rg(k), _rg_calls(index_dtype=torch.int32), SD), "int32 indptr / indices: " + k)
       for k in ("int32", "int32_plain")]


# --- 5. take_along_dim windows of a dense state (rewrite._gathered_window, _a_cache_input) ----------------------
def _ta(kind):
    def step(dense, w, slots, table, lens, cache):
        B, T = dense.shape[:2]
        s = lens.long()
        pos = positions(lens)
        if kind == "plus_T":  # positions + T: take_along_dim's wrap brings them back
            pos = pos + T
        elif kind == "unclamped":  # negative positions for short rows (wrap to the end of the state)
            pos = s[:, None] - L + torch.arange(L)
        if kind == "mod_half_T":  # gather(x, 1, pos % (T // 2)): another modulus
            idx = (pos % (T // 2))[:, :, None, None].expand(-1, -1, *dense.shape[2:])
            tok = torch.gather(dense, 1, idx)
        elif kind == "mod_2T":
            idx = (pos % (2 * T))[:, :, None, None].expand(-1, -1, *dense.shape[2:])
            tok = torch.gather(dense, 1, idx)
        elif kind == "row0_expanded":  # the state's row 0 expanded to every row (an expand not to its own shape)
            tok = torch.take_along_dim(dense[:1].expand(B, -1, -1, -1), pos[:, :, None, None], dim=1)
        else:
            tok = torch.take_along_dim(dense, pos[:, :, None, None], dim=1)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _ta_layers(kind):
    """A stacked [2, B, T, N, D] state; one layer's row appended in place (select_scatter after functionalization),
    then that layer's (or the other's) window read with take_along_dim."""
    def step(st, w, slots, table, lens, cache):
        B = lens.shape[0]
        s = lens.long()
        rows = torch.arange(B)
        st[1].index_put_((rows, (s - 1).clamp(min=0)), st[1][rows, (s - 1).clamp(min=0)] * 2)
        li = 0 if kind == "other_layer" else 1
        pos = positions(lens)
        tok = torch.take_along_dim(st[li], pos[:, :, None, None], dim=1)
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _dense_calls(layers=0):
    def f():
        out = []
        for B, seed in ((12, 0), (16, 1)):
            a = list(build(B=B, seed=seed).args)
            kv, table = a[0], a[3].long()
            dense = kv[table].flatten(1, 2).contiguous()  # [B, T, N, D]
            a[0] = torch.stack((dense * 2, dense)) if layers else dense
            out.append(a)
        return out
    return f


TA = [(f"ta_{k}", _mk(_ta(k), _dense_calls(), SD), "a take_along_dim window of a dense state: " + k)
      for k in ("base", "plus_T", "unclamped", "mod_half_T", "mod_2T", "row0_expanded")]
TA += [(f"ta_layers_{k}", _mk(_ta_layers(k), _dense_calls(1), SD), "one layer of a stacked state: " + k)
       for k in ("same_layer", "other_layer")]


# --- 6. a size into values through a pointwise op (sizes.SizesProof._sizes_reduced) -------------------------------
def _sz(kind):
    def step(kv, w, slots, table, lens, cache):
        B = lens.shape[0]
        valid = completes(lens)
        if kind == "ne_batch":  # lens != 300 - (B - 12) * 63: vacuous at B = 12 (300 > cap), 48 at B = 16
            valid = valid & (lens != 300 - (B - 12) * 63)
        elif kind == "ne_batch_tensor":  # the same through a tensor of the batch's size: full_like(lens, B) pointwise
            bb = torch.zeros_like(lens) + B
            valid = valid & (lens != 300 - (bb - 12) * 63)
        elif kind == "ne_slots_size":  # num_slots into values: S = 2 B + 5 (29 / 37): lens != 8 S - 184
            S = cache.shape[0]
            valid = valid & (lens != 8 * S - 184)
        elif kind == "where_sized":  # where(lens < B * 4, ...): B * 4 = 48 / 64
            valid = torch.where(lens < B * 4 + 1, False, valid)
        elif kind == "add_size_to_pos":  # positions + (B - 12) (0 at B = 12, 4 at B = 16)
            pos = positions(lens) + (B - 12)
            P = kv.shape[1]
            tok = kv[table.long().gather(1, (pos // P).clamp(max=table.shape[1] - 1)), pos % P]
            return write(cache, slots, valid, pool(tok, w))
        else:
            raise AssertionError(kind)
        return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))
    return step


_SZ_LENS16 = [48, 64, 32, 48, 0, 31, 80, 256, 240, 48, 100, 33, 47, 49, 224, 176]


def _sz_calls():
    return lambda: [list(build(B=12).args), list(build(B=16, seed=1, lengths=_SZ_LENS16).args)]


SZ = [(f"sz_{k}", _mk(_sz(k), _sz_calls(), MODES3), "a size reaching values through a pointwise op: " + k)
      for k in ("ne_batch", "ne_batch_tensor", "ne_slots_size", "where_sized", "add_size_to_pos")]


# --- 7. round-49 fixes: other ops that wrap or round (exactness.Intervals.of / _carries_integers) -----------------
def _ov(kind):
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        ids = table.long().gather(1, pos // P)
        j = torch.arange(L)
        if kind == "f32_floordiv_third":  # 1.0 // (1/3): 3 in float64 (Intervals), 2 in float32 -> 1300 | 300
            q = torch.div(j.float() * 0 + 1, 1 / 3, rounding_mode="floor")
            ids = torch.minimum(ids, (q * 1000 - 1700).long())
        elif kind == "f32_floordiv_third_mul":  # (3 * (1/3)) // (1/3)
            q = torch.div(j.float() * 0 + 3 * (1 / 3), 1 / 3, rounding_mode="floor")
            ids = torch.minimum(ids, (q * 1000 - 1700).long())
        elif kind == "f32_floordiv_point3":  # 1.5 // 0.3: 5 in float64, 4 in float32 -> 1300 | 300 with *1000-3700
            q = torch.div(j.float() * 0 + 1.5, 0.3, rounding_mode="floor")
            ids = torch.minimum(ids, (q * 1000 - 3700).long())
        elif kind == "f32_mul_tenth":  # (x * 0.1) // 0.1 with x = 5: float32 0.5 // 0.1
            q = torch.div((j.float() * 0 + 5) * 0.1, 0.1, rounding_mode="floor")
            ids = torch.minimum(ids, (q * 1000 - 3700).long())
        elif kind == "f64_floordiv_third":  # control: float64 agrees with Python
            q = torch.div(j.double() * 0 + 1, 1 / 3, rounding_mode="floor")
            ids = torch.minimum(ids, (q * 1000 - 1700).long())
        elif kind == "abs_min_int64":  # |int64 min| is int64 min
            m = (j * 0 - (1 << 62)) * 2
            ids = torch.minimum(ids, m.abs() + (1 << 62) + (1 << 62) + 300)
        elif kind == "neg_min_int64":
            m = (j * 0 - (1 << 62)) * 2
            ids = torch.minimum(ids, -m + (1 << 62) + (1 << 62) + 300)
        elif kind == "shift_wrap":  # (1 << 62) << 2 is 0
            ids = torch.minimum(ids, ((j * 0 + (1 << 62)) << 2) + 300)
        elif kind == "pow_wrap":  # 2 ** 64 is 0 in int64
            ids = torch.minimum(ids, (j * 0 + 2) ** 64 + 300)
        elif kind == "sum_wrap":  # four 2^62 summed is 0
            ids = torch.minimum(ids, (torch.ones(4, dtype=torch.int64) << 62).sum() + 300 + j * 0)
        elif kind == "cumsum_wrap":
            ids = torch.minimum(ids, (torch.ones(4, dtype=torch.int64) << 62).cumsum(0)[-1] + 300 + j * 0)
        elif kind == "f32_round":  # round(2.5) is 2 (half to even), Python floor-based would say 3?
            q = torch.round(j.float() * 0 + 2.5)
            ids = torch.minimum(ids, (q * 1000 - 1700).long())
        elif kind == "f32_fmod":
            q = torch.fmod(j.float() * 0 + 1, 1 / 3)
            ids = torch.minimum(ids, (q * 1e9).long() + 300)
        elif kind == "ids_via_f32_div":  # page ids / 1 * 1 in float32 (exact) then long
            ids = ((ids.float() / 3) * 3).long()
        elif kind == "ids_via_f32_floordiv":  # (ids * 3) // 3 in float32: exact
            ids = torch.div(ids.float() * 3, 3, rounding_mode="floor").long()
        elif kind == "ids_via_f16_floordiv":  # ids // 1 in float16: rounds 465.. to multiples of 0.25..: 465 -> 465
            ids = torch.div(ids.half() * 7, 7, rounding_mode="floor").long()
        else:
            raise AssertionError(kind)
        tok = kv[ids, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


_HI = dict(block_num=513, high_ids=True)

OV = [(f"ov_{k}", _mk(_ov(k), _same_b(**_HI), MODES3), "a page-id bound that wraps or rounds: " + k)
      for k in ("f32_floordiv_third", "f32_floordiv_third_mul", "f32_floordiv_point3", "f32_mul_tenth",
                "f64_floordiv_third", "abs_min_int64", "neg_min_int64", "shift_wrap", "pow_wrap", "sum_wrap",
                "cumsum_wrap", "f32_round", "f32_fmod", "ids_via_f32_div", "ids_via_f32_floordiv",
                "ids_via_f16_floordiv")]

ATTACKS = KI + TS + HR1 + RG + TA + SZ + OV

_FIRST = [
    ('ki_base', 'inductor_graph', 'static', _EQ),
    ('ki_base', 'inductor_graph', 'batch', _EQ),
    ('ki_base', 'inductor_graph', 'dynamic', _EQ),
    ('ki_negzero_add', 'inductor_graph', 'static', _RPD),
    ('ki_negzero_add', 'inductor_graph', 'batch', _RPD),
    ('ki_negzero_add', 'inductor_graph', 'dynamic', _RPD),
    ('ki_negzero_add_mod', 'inductor_graph', 'static', _RPD),
    ('ki_negzero_add_mod', 'inductor_graph', 'batch', _RPD),
    ('ki_negzero_add_mod', 'inductor_graph', 'dynamic', _RPD),
    ('ki_negzero_clamp_max', 'inductor_graph', 'static', _R),
    ('ki_negzero_clamp_max', 'inductor_graph', 'batch', _R),
    ('ki_negzero_clamp_max', 'inductor_graph', 'dynamic', _R),
    ('ki_negzero_add_same', 'inductor_graph', 'static', _R),
    ('ki_negzero_add_same', 'inductor_graph', 'batch', _R),
    ('ki_negzero_add_same', 'inductor_graph', 'dynamic', _R),
    ('ki_negzero_mul', 'inductor_graph', 'static', _RPD),
    ('ki_negzero_mul', 'inductor_graph', 'batch', _RPD),
    ('ki_negzero_mul', 'inductor_graph', 'dynamic', _RPD),
    ('ki_negzero_trunc', 'inductor_graph', 'static', _RPD),
    ('ki_negzero_trunc', 'inductor_graph', 'batch', _RPD),
    ('ki_negzero_trunc', 'inductor_graph', 'dynamic', _RPD),
    ('ki_negzero_clamp_bound', 'inductor_graph', 'static', _R),
    ('ki_negzero_clamp_bound', 'inductor_graph', 'batch', _R),
    ('ki_negzero_clamp_bound', 'inductor_graph', 'dynamic', _R),
    ('ki_div_mode_differs', 'inductor_graph', 'static', _R),
    ('ki_div_mode_differs', 'inductor_graph', 'batch', _R),
    ('ki_div_mode_differs', 'inductor_graph', 'dynamic', _R),
    ('ki_lens_mutated_between', 'inductor_graph', 'static', _R),
    ('ki_lens_mutated_between', 'inductor_graph', 'batch', _R),
    ('ki_lens_mutated_between', 'inductor_graph', 'dynamic', _R),
    ('ki_slots_mutated_between', 'inductor_graph', 'static', _R),
    ('ki_slots_mutated_between', 'inductor_graph', 'batch', _R),
    ('ki_slots_mutated_between', 'inductor_graph', 'dynamic', _R),
    ('ki_written_between', 'inductor_graph', 'static', _EQ),
    ('ki_written_between', 'inductor_graph', 'batch', _EQ),
    ('ki_written_between', 'inductor_graph', 'dynamic', _EQ),
    ('ki_int16_cast_differs', 'inductor_graph', 'static', _EQ),
    ('ki_int16_cast_differs', 'inductor_graph', 'batch', _EQ),
    ('ki_int16_cast_differs', 'inductor_graph', 'dynamic', _R),
    ('ki_sym_mod', 'inductor_graph', 'static', _EQ),
    ('ki_sym_mod', 'inductor_graph', 'batch', _EQ),
    ('ki_sym_mod', 'inductor_graph', 'dynamic', _EQ),
    ('ki_sym_mod_other_size', 'inductor_graph', 'static', _EQ),
    ('ki_sym_mod_other_size', 'inductor_graph', 'batch', _EQ),
    ('ki_sym_mod_other_size', 'inductor_graph', 'dynamic', _EQ),
    ('ki_rand_zero', 'inductor_graph', 'static', _R),
    ('ki_rand_zero', 'inductor_graph', 'batch', _R),
    ('ki_rand_zero', 'inductor_graph', 'dynamic', _R),
    ('ki_dense_base', 'inductor_graph', 'static', _EQ),
    ('ki_dense_base', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_base', 'inductor_graph', 'dynamic', _R),
    ('ki_dense_negzero_inside', 'inductor_graph', 'static', _FF),
    ('ki_dense_negzero_inside', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_inside', 'inductor_graph', 'dynamic', _RPD),
    ('ki_dense_negzero_outside', 'inductor_graph', 'static', _RPD),
    ('ki_dense_negzero_outside', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_outside', 'inductor_graph', 'dynamic', _RPD),
    ('ki_dense_negzero_plus', 'inductor_graph', 'static', _FF),
    ('ki_dense_negzero_plus', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_plus', 'inductor_graph', 'dynamic', _RPD),
    ('ki_dense_negzero_floor_div', 'inductor_graph', 'static', _FF),
    ('ki_dense_negzero_floor_div', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_floor_div', 'inductor_graph', 'dynamic', _RPD),
    ('ki_dense_negzero_div_scalar', 'inductor_graph', 'static', _R),
    ('ki_dense_negzero_div_scalar', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_div_scalar', 'inductor_graph', 'dynamic', _R),
    ('ki_dense_negzero_sub', 'inductor_graph', 'static', _FF),
    ('ki_dense_negzero_sub', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_sub', 'inductor_graph', 'dynamic', _RPD),
    ('ki_stacked_same_half', 'inductor_graph', 'static', _EQ),
    ('ki_stacked_same_half', 'inductor_graph', 'batch', _EQ),
    ('ki_stacked_same_half', 'inductor_graph', 'dynamic', _EQ),
    ('ki_stacked_other_half', 'inductor_graph', 'static', _R),
    ('ki_stacked_other_half', 'inductor_graph', 'batch', _R),
    ('ki_stacked_other_half', 'inductor_graph', 'dynamic', _R),
    ('ts_k', 'inductor_graph', 'static', _EQ),
    ('ts_k', 'inductor_graph', 'batch', _EQ),
    ('ts_k', 'inductor_graph', 'dynamic', _EQ),
    ('ts_v', 'inductor_graph', 'static', _EQ),
    ('ts_v', 'inductor_graph', 'batch', _EQ),
    ('ts_v', 'inductor_graph', 'dynamic', _EQ),
    ('ts_v_neg', 'inductor_graph', 'static', _EQ),
    ('ts_v_neg', 'inductor_graph', 'batch', _EQ),
    ('ts_v_neg', 'inductor_graph', 'dynamic', _EQ),
    ('ts_k_neg', 'inductor_graph', 'static', _EQ),
    ('ts_k_neg', 'inductor_graph', 'batch', _EQ),
    ('ts_k_neg', 'inductor_graph', 'dynamic', _EQ),
    ('ts_k_explicit', 'inductor_graph', 'static', _EQ),
    ('ts_k_explicit', 'inductor_graph', 'batch', _EQ),
    ('ts_k_explicit', 'inductor_graph', 'dynamic', _EQ),
    ('ts_select_neg_dim', 'inductor_graph', 'static', _EQ),
    ('ts_select_neg_dim', 'inductor_graph', 'batch', _EQ),
    ('ts_select_neg_dim', 'inductor_graph', 'dynamic', _EQ),
    ('ts_k_plus_v', 'inductor_graph', 'static', _R),
    ('ts_k_plus_v', 'inductor_graph', 'batch', _R),
    ('ts_k_plus_v', 'inductor_graph', 'dynamic', _R),
    ('ts_k_of_v_ids', 'inductor_graph', 'static', _R),
    ('ts_k_of_v_ids', 'inductor_graph', 'batch', _R),
    ('ts_k_of_v_ids', 'inductor_graph', 'dynamic', _R),
    ('ts_paged_offset3', 'inductor_graph', 'static', _R),
    ('ts_paged_offset3', 'inductor_graph', 'batch', _R),
    ('ts_paged_offset3', 'inductor_graph', 'dynamic', _R),
    ('ts_paged_offset3_stacked_read', 'inductor_graph', 'static', _R),
    ('ts_paged_offset3_stacked_read', 'inductor_graph', 'batch', _R),
    ('ts_paged_offset3_stacked_read', 'inductor_graph', 'dynamic', _R),
    ('ts_paged_offset_neg1', 'inductor_graph', 'static', _R),
    ('ts_paged_offset_neg1', 'inductor_graph', 'batch', _R),
    ('ts_paged_offset_neg1', 'inductor_graph', 'dynamic', _R),
    ('ts_paged_token_as_page', 'inductor_graph', 'static', _R),
    ('ts_paged_token_as_page', 'inductor_graph', 'batch', _R),
    ('ts_paged_token_as_page', 'inductor_graph', 'dynamic', _R),
    ('ts_heads_h0', 'inductor_graph', 'static', _EQ),
    ('ts_heads_h0', 'inductor_graph', 'batch', _EQ),
    ('ts_heads_h0', 'inductor_graph', 'dynamic', _EQ),
    ('ts_heads_h1', 'inductor_graph', 'static', _EQ),
    ('ts_heads_h1', 'inductor_graph', 'batch', _EQ),
    ('ts_heads_h1', 'inductor_graph', 'dynamic', _EQ),
    ('ts_k_f32_pool', 'inductor_graph', 'static', _EQ),
    ('ts_k_f32_pool', 'inductor_graph', 'batch', _EQ),
    ('ts_k_f32_pool', 'inductor_graph', 'dynamic', _EQ),
    ('hr1_base', 'inductor_graph', 'static', _EQ),
    ('hr1_base', 'inductor_graph', 'batch', _EQ),
    ('hr1_base', 'inductor_graph', 'dynamic', _EQ),
    ('hr1_arange_reversed', 'inductor_graph', 'static', _R),
    ('hr1_arange_reversed', 'inductor_graph', 'batch', _R),
    ('hr1_arange_reversed', 'inductor_graph', 'dynamic', _R),
    ('hr1_partial_arange', 'inductor_graph', 'static', _R),
    ('hr1_partial_arange', 'inductor_graph', 'batch', _R),
    ('hr1_partial_arange', 'inductor_graph', 'dynamic', _R),
    ('hr1_index_kept', 'inductor_graph', 'static', _EQ),
    ('hr1_index_kept', 'inductor_graph', 'batch', _EQ),
    ('hr1_index_kept', 'inductor_graph', 'dynamic', _EQ),
    ('hr1_int32_idx', 'inductor_graph', 'static', _R),
    ('hr1_int32_idx', 'inductor_graph', 'batch', _R),
    ('hr1_int32_idx', 'inductor_graph', 'dynamic', _R),
    ('hr1_accumulate', 'inductor_graph', 'static', _R),
    ('hr1_accumulate', 'inductor_graph', 'batch', _R),
    ('hr1_accumulate', 'inductor_graph', 'dynamic', _R),
    ('hr1_index_put', 'inductor_graph', 'static', _EQ),
    ('hr1_index_put', 'inductor_graph', 'batch', _EQ),
    ('hr1_index_put', 'inductor_graph', 'dynamic', _EQ),
    ('hr1_transposed_values', 'inductor_graph', 'static', _R),
    ('hr1_transposed_values', 'inductor_graph', 'batch', _R),
    ('hr1_transposed_values', 'inductor_graph', 'dynamic', _R),
    ('hr1_noncontig_cache', 'inductor_graph', 'static', _R),
    ('hr1_noncontig_cache', 'inductor_graph', 'batch', _R),
    ('hr1_noncontig_cache', 'inductor_graph', 'dynamic', _R),
    ('rg_base', 'inductor_graph', 'static', _EQ),
    ('rg_base', 'inductor_graph', 'dynamic', _EQ),
    ('rg_unclamped', 'inductor_graph', 'static', _EQ),
    ('rg_unclamped', 'inductor_graph', 'dynamic', _EQ),
    ('rg_swapped', 'inductor_graph', 'static', _EQ),
    ('rg_swapped', 'inductor_graph', 'dynamic', _EQ),
    ('rg_ends_minus_count', 'inductor_graph', 'static', _R),
    ('rg_ends_minus_count', 'inductor_graph', 'dynamic', _R),
    ('rg_starts_shifted_by_input', 'inductor_graph', 'static', _R),
    ('rg_starts_shifted_by_input', 'inductor_graph', 'dynamic', _R),
    ('rg_offset_off_by_one', 'inductor_graph', 'static', _R),
    ('rg_offset_off_by_one', 'inductor_graph', 'dynamic', _R),
    ('rg_ends_as_starts', 'inductor_graph', 'static', _R),
    ('rg_ends_as_starts', 'inductor_graph', 'dynamic', _R),
    ('rg_lens_as_starts', 'inductor_graph', 'static', _R),
    ('rg_lens_as_starts', 'inductor_graph', 'dynamic', _R),
    ('rg_starts_of_other_rows', 'inductor_graph', 'static', _R),
    ('rg_starts_of_other_rows', 'inductor_graph', 'dynamic', _R),
    ('rg_int32', 'inductor_graph', 'static', _EQ),
    ('rg_int32', 'inductor_graph', 'dynamic', _EQ),
    ('rg_int32_plain', 'inductor_graph', 'static', _EQ),
    ('rg_int32_plain', 'inductor_graph', 'dynamic', _EQ),
    ('ta_base', 'inductor_graph', 'static', _EQ),
    ('ta_base', 'inductor_graph', 'dynamic', _EQ),
    ('ta_plus_T', 'inductor_graph', 'static', _EQ),
    ('ta_plus_T', 'inductor_graph', 'dynamic', _EQ),
    ('ta_unclamped', 'inductor_graph', 'static', _EQ),
    ('ta_unclamped', 'inductor_graph', 'dynamic', _EQ),
    ('ta_mod_half_T', 'inductor_graph', 'static', _R),
    ('ta_mod_half_T', 'inductor_graph', 'dynamic', _R),
    ('ta_mod_2T', 'inductor_graph', 'static', _EQ),
    ('ta_mod_2T', 'inductor_graph', 'dynamic', _EQ),
    ('ta_row0_expanded', 'inductor_graph', 'static', _R),
    ('ta_row0_expanded', 'inductor_graph', 'dynamic', _R),
    ('ta_layers_same_layer', 'inductor_graph', 'static', _EQ),
    ('ta_layers_same_layer', 'inductor_graph', 'dynamic', _EQ),
    ('ta_layers_other_layer', 'inductor_graph', 'static', _EQ),
    ('ta_layers_other_layer', 'inductor_graph', 'dynamic', _EQ),
    ('sz_ne_batch', 'inductor_graph', 'static', _EQ),
    ('sz_ne_batch', 'inductor_graph', 'batch', _R),
    ('sz_ne_batch', 'inductor_graph', 'dynamic', _R),
    ('sz_ne_batch_tensor', 'inductor_graph', 'static', _EQ),
    ('sz_ne_batch_tensor', 'inductor_graph', 'batch', _R),
    ('sz_ne_batch_tensor', 'inductor_graph', 'dynamic', _R),
    ('sz_ne_slots_size', 'inductor_graph', 'static', _R),
    ('sz_ne_slots_size', 'inductor_graph', 'batch', _R),
    ('sz_ne_slots_size', 'inductor_graph', 'dynamic', _R),
    ('sz_where_sized', 'inductor_graph', 'static', _R),
    ('sz_where_sized', 'inductor_graph', 'batch', _R),
    ('sz_where_sized', 'inductor_graph', 'dynamic', _R),
    ('sz_add_size_to_pos', 'inductor_graph', 'static', _EQ),
    ('sz_add_size_to_pos', 'inductor_graph', 'batch', _R),
    ('sz_add_size_to_pos', 'inductor_graph', 'dynamic', _R),
    ('ov_f32_floordiv_third', 'inductor_graph', 'static', _R),
    ('ov_f32_floordiv_third', 'inductor_graph', 'batch', _R),
    ('ov_f32_floordiv_third', 'inductor_graph', 'dynamic', _R),
    ('ov_f32_floordiv_third_mul', 'inductor_graph', 'static', _R),
    ('ov_f32_floordiv_third_mul', 'inductor_graph', 'batch', _R),
    ('ov_f32_floordiv_third_mul', 'inductor_graph', 'dynamic', _R),
    ('ov_f32_floordiv_point3', 'inductor_graph', 'static', _R),
    ('ov_f32_floordiv_point3', 'inductor_graph', 'batch', _R),
    ('ov_f32_floordiv_point3', 'inductor_graph', 'dynamic', _R),
    ('ov_f32_mul_tenth', 'inductor_graph', 'static', _R),
    ('ov_f32_mul_tenth', 'inductor_graph', 'batch', _R),
    ('ov_f32_mul_tenth', 'inductor_graph', 'dynamic', _R),
    ('ov_f64_floordiv_third', 'inductor_graph', 'static', _R),
    ('ov_f64_floordiv_third', 'inductor_graph', 'batch', _R),
    ('ov_f64_floordiv_third', 'inductor_graph', 'dynamic', _R),
    ('ov_abs_min_int64', 'inductor_graph', 'static', _R),
    ('ov_abs_min_int64', 'inductor_graph', 'batch', _R),
    ('ov_abs_min_int64', 'inductor_graph', 'dynamic', _R),
    ('ov_neg_min_int64', 'inductor_graph', 'static', _R),
    ('ov_neg_min_int64', 'inductor_graph', 'batch', _R),
    ('ov_neg_min_int64', 'inductor_graph', 'dynamic', _R),
    ('ov_shift_wrap', 'inductor_graph', 'static', _R),
    ('ov_shift_wrap', 'inductor_graph', 'batch', _R),
    ('ov_shift_wrap', 'inductor_graph', 'dynamic', _R),
    ('ov_pow_wrap', 'inductor_graph', 'static', _R),
    ('ov_pow_wrap', 'inductor_graph', 'batch', _R),
    ('ov_pow_wrap', 'inductor_graph', 'dynamic', _R),
    ('ov_sum_wrap', 'inductor_graph', 'static', _R),
    ('ov_sum_wrap', 'inductor_graph', 'batch', _R),
    ('ov_sum_wrap', 'inductor_graph', 'dynamic', _R),
    ('ov_cumsum_wrap', 'inductor_graph', 'static', _R),
    ('ov_cumsum_wrap', 'inductor_graph', 'batch', _R),
    ('ov_cumsum_wrap', 'inductor_graph', 'dynamic', _R),
    ('ov_f32_round', 'inductor_graph', 'static', _R),
    ('ov_f32_round', 'inductor_graph', 'batch', _R),
    ('ov_f32_round', 'inductor_graph', 'dynamic', _R),
    ('ov_f32_fmod', 'inductor_graph', 'static', _R),
    ('ov_f32_fmod', 'inductor_graph', 'batch', _R),
    ('ov_f32_fmod', 'inductor_graph', 'dynamic', _R),
    ('ov_ids_via_f32_div', 'inductor_graph', 'static', _R),
    ('ov_ids_via_f32_div', 'inductor_graph', 'batch', _R),
    ('ov_ids_via_f32_div', 'inductor_graph', 'dynamic', _R),
    ('ov_ids_via_f32_floordiv', 'inductor_graph', 'static', _R),
    ('ov_ids_via_f32_floordiv', 'inductor_graph', 'batch', _R),
    ('ov_ids_via_f32_floordiv', 'inductor_graph', 'dynamic', _R),
    ('ov_ids_via_f16_floordiv', 'inductor_graph', 'static', _R),
    ('ov_ids_via_f16_floordiv', 'inductor_graph', 'batch', _R),
    ('ov_ids_via_f16_floordiv', 'inductor_graph', 'dynamic', _R),
    ('ki_base', 'torchair_like', 'static', _EQ),
    ('ki_base', 'torchair_like', 'batch', _EQ),
    ('ki_base', 'torchair_like', 'dynamic', _EQ),
    ('ki_negzero_add', 'torchair_like', 'static', _RPD),
    ('ki_negzero_add', 'torchair_like', 'batch', _RPD),
    ('ki_negzero_add', 'torchair_like', 'dynamic', _RPD),
    ('ki_negzero_add_mod', 'torchair_like', 'static', _RPD),
    ('ki_negzero_add_mod', 'torchair_like', 'batch', _RPD),
    ('ki_negzero_add_mod', 'torchair_like', 'dynamic', _RPD),
    ('ki_negzero_clamp_max', 'torchair_like', 'static', _R),
    ('ki_negzero_clamp_max', 'torchair_like', 'batch', _R),
    ('ki_negzero_clamp_max', 'torchair_like', 'dynamic', _R),
    ('ki_negzero_add_same', 'torchair_like', 'static', _R),
    ('ki_negzero_add_same', 'torchair_like', 'batch', _R),
    ('ki_negzero_add_same', 'torchair_like', 'dynamic', _R),
    ('ki_negzero_mul', 'torchair_like', 'static', _RPD),
    ('ki_negzero_mul', 'torchair_like', 'batch', _RPD),
    ('ki_negzero_mul', 'torchair_like', 'dynamic', _RPD),
    ('ki_negzero_trunc', 'torchair_like', 'static', _RPD),
    ('ki_negzero_trunc', 'torchair_like', 'batch', _RPD),
    ('ki_negzero_trunc', 'torchair_like', 'dynamic', _RPD),
    ('ki_negzero_clamp_bound', 'torchair_like', 'static', _R),
    ('ki_negzero_clamp_bound', 'torchair_like', 'batch', _R),
    ('ki_negzero_clamp_bound', 'torchair_like', 'dynamic', _R),
    ('ki_div_mode_differs', 'torchair_like', 'static', _R),
    ('ki_div_mode_differs', 'torchair_like', 'batch', _R),
    ('ki_div_mode_differs', 'torchair_like', 'dynamic', _R),
    ('ki_lens_mutated_between', 'torchair_like', 'static', _R),
    ('ki_lens_mutated_between', 'torchair_like', 'batch', _R),
    ('ki_lens_mutated_between', 'torchair_like', 'dynamic', _R),
    ('ki_slots_mutated_between', 'torchair_like', 'static', _R),
    ('ki_slots_mutated_between', 'torchair_like', 'batch', _R),
    ('ki_slots_mutated_between', 'torchair_like', 'dynamic', _R),
    ('ki_written_between', 'torchair_like', 'static', _EQ),
    ('ki_written_between', 'torchair_like', 'batch', _EQ),
    ('ki_written_between', 'torchair_like', 'dynamic', _EQ),
    ('ki_int16_cast_differs', 'torchair_like', 'static', _EQ),
    ('ki_int16_cast_differs', 'torchair_like', 'batch', _EQ),
    ('ki_int16_cast_differs', 'torchair_like', 'dynamic', _R),
    ('ki_sym_mod', 'torchair_like', 'static', _EQ),
    ('ki_sym_mod', 'torchair_like', 'batch', _EQ),
    ('ki_sym_mod', 'torchair_like', 'dynamic', _EQ),
    ('ki_sym_mod_other_size', 'torchair_like', 'static', _EQ),
    ('ki_sym_mod_other_size', 'torchair_like', 'batch', _EQ),
    ('ki_sym_mod_other_size', 'torchair_like', 'dynamic', _EQ),
    ('ki_rand_zero', 'torchair_like', 'static', _R),
    ('ki_rand_zero', 'torchair_like', 'batch', _R),
    ('ki_rand_zero', 'torchair_like', 'dynamic', _R),
    ('ki_dense_base', 'torchair_like', 'static', _EQ),
    ('ki_dense_base', 'torchair_like', 'batch', _CCT),
    ('ki_dense_base', 'torchair_like', 'dynamic', _R),
    ('ki_dense_negzero_inside', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_inside', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_inside', 'torchair_like', 'dynamic', _RPD),
    ('ki_dense_negzero_outside', 'torchair_like', 'static', _RPD),
    ('ki_dense_negzero_outside', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_outside', 'torchair_like', 'dynamic', _RPD),
    ('ki_dense_negzero_plus', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_plus', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_plus', 'torchair_like', 'dynamic', _RPD),
    ('ki_dense_negzero_floor_div', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_floor_div', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_floor_div', 'torchair_like', 'dynamic', _RPD),
    ('ki_dense_negzero_div_scalar', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_div_scalar', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_div_scalar', 'torchair_like', 'dynamic', _RPD),
    ('ki_dense_negzero_sub', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_sub', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_sub', 'torchair_like', 'dynamic', _RPD),
    ('ki_stacked_same_half', 'torchair_like', 'static', _EQ),
    ('ki_stacked_same_half', 'torchair_like', 'batch', _EQ),
    ('ki_stacked_same_half', 'torchair_like', 'dynamic', _EQ),
    ('ki_stacked_other_half', 'torchair_like', 'static', _R),
    ('ki_stacked_other_half', 'torchair_like', 'batch', _R),
    ('ki_stacked_other_half', 'torchair_like', 'dynamic', _R),
    ('ts_k', 'torchair_like', 'static', _EQ),
    ('ts_k', 'torchair_like', 'batch', _EQ),
    ('ts_k', 'torchair_like', 'dynamic', _EQ),
    ('ts_v', 'torchair_like', 'static', _EQ),
    ('ts_v', 'torchair_like', 'batch', _EQ),
    ('ts_v', 'torchair_like', 'dynamic', _EQ),
    ('ts_v_neg', 'torchair_like', 'static', _EQ),
    ('ts_v_neg', 'torchair_like', 'batch', _EQ),
    ('ts_v_neg', 'torchair_like', 'dynamic', _EQ),
    ('ts_k_neg', 'torchair_like', 'static', _EQ),
    ('ts_k_neg', 'torchair_like', 'batch', _EQ),
    ('ts_k_neg', 'torchair_like', 'dynamic', _EQ),
    ('ts_k_explicit', 'torchair_like', 'static', _EQ),
    ('ts_k_explicit', 'torchair_like', 'batch', _EQ),
    ('ts_k_explicit', 'torchair_like', 'dynamic', _EQ),
    ('ts_select_neg_dim', 'torchair_like', 'static', _EQ),
    ('ts_select_neg_dim', 'torchair_like', 'batch', _EQ),
    ('ts_select_neg_dim', 'torchair_like', 'dynamic', _EQ),
    ('ts_k_plus_v', 'torchair_like', 'static', _R),
    ('ts_k_plus_v', 'torchair_like', 'batch', _R),
    ('ts_k_plus_v', 'torchair_like', 'dynamic', _R),
    ('ts_k_of_v_ids', 'torchair_like', 'static', _R),
    ('ts_k_of_v_ids', 'torchair_like', 'batch', _R),
    ('ts_k_of_v_ids', 'torchair_like', 'dynamic', _R),
    ('ts_paged_offset3', 'torchair_like', 'static', _R),
    ('ts_paged_offset3', 'torchair_like', 'batch', _R),
    ('ts_paged_offset3', 'torchair_like', 'dynamic', _R),
    ('ts_paged_offset3_stacked_read', 'torchair_like', 'static', _R),
    ('ts_paged_offset3_stacked_read', 'torchair_like', 'batch', _R),
    ('ts_paged_offset3_stacked_read', 'torchair_like', 'dynamic', _R),
    ('ts_paged_offset_neg1', 'torchair_like', 'static', _R),
    ('ts_paged_offset_neg1', 'torchair_like', 'batch', _R),
    ('ts_paged_offset_neg1', 'torchair_like', 'dynamic', _R),
    ('ts_paged_token_as_page', 'torchair_like', 'static', _R),
    ('ts_paged_token_as_page', 'torchair_like', 'batch', _R),
    ('ts_paged_token_as_page', 'torchair_like', 'dynamic', _R),
    ('ts_heads_h0', 'torchair_like', 'static', _EQ),
    ('ts_heads_h0', 'torchair_like', 'batch', _EQ),
    ('ts_heads_h0', 'torchair_like', 'dynamic', _EQ),
    ('ts_heads_h1', 'torchair_like', 'static', _EQ),
    ('ts_heads_h1', 'torchair_like', 'batch', _EQ),
    ('ts_heads_h1', 'torchair_like', 'dynamic', _EQ),
    ('ts_k_f32_pool', 'torchair_like', 'static', _EQ),
    ('ts_k_f32_pool', 'torchair_like', 'batch', _EQ),
    ('ts_k_f32_pool', 'torchair_like', 'dynamic', _EQ),
    ('hr1_base', 'torchair_like', 'static', _R),
    ('hr1_base', 'torchair_like', 'batch', _R),
    ('hr1_base', 'torchair_like', 'dynamic', _R),
    ('hr1_arange_reversed', 'torchair_like', 'static', _R),
    ('hr1_arange_reversed', 'torchair_like', 'batch', _R),
    ('hr1_arange_reversed', 'torchair_like', 'dynamic', _R),
    ('hr1_partial_arange', 'torchair_like', 'static', _R),
    ('hr1_partial_arange', 'torchair_like', 'batch', _R),
    ('hr1_partial_arange', 'torchair_like', 'dynamic', _R),
    ('hr1_index_kept', 'torchair_like', 'static', _R),
    ('hr1_index_kept', 'torchair_like', 'batch', _R),
    ('hr1_index_kept', 'torchair_like', 'dynamic', _R),
    ('hr1_int32_idx', 'torchair_like', 'static', _R),
    ('hr1_int32_idx', 'torchair_like', 'batch', _R),
    ('hr1_int32_idx', 'torchair_like', 'dynamic', _R),
    ('hr1_accumulate', 'torchair_like', 'static', _R),
    ('hr1_accumulate', 'torchair_like', 'batch', _R),
    ('hr1_accumulate', 'torchair_like', 'dynamic', _R),
    ('hr1_index_put', 'torchair_like', 'static', _EQ),
    ('hr1_index_put', 'torchair_like', 'batch', _EQ),
    ('hr1_index_put', 'torchair_like', 'dynamic', _EQ),
    ('hr1_transposed_values', 'torchair_like', 'static', _R),
    ('hr1_transposed_values', 'torchair_like', 'batch', _R),
    ('hr1_transposed_values', 'torchair_like', 'dynamic', _R),
    ('hr1_noncontig_cache', 'torchair_like', 'static', _R),
    ('hr1_noncontig_cache', 'torchair_like', 'batch', _R),
    ('hr1_noncontig_cache', 'torchair_like', 'dynamic', _R),
    ('rg_base', 'torchair_like', 'static', _EQ),
    ('rg_base', 'torchair_like', 'dynamic', _EQ),
    ('rg_unclamped', 'torchair_like', 'static', _EQ),
    ('rg_unclamped', 'torchair_like', 'dynamic', _EQ),
    ('rg_swapped', 'torchair_like', 'static', _EQ),
    ('rg_swapped', 'torchair_like', 'dynamic', _EQ),
    ('rg_ends_minus_count', 'torchair_like', 'static', _R),
    ('rg_ends_minus_count', 'torchair_like', 'dynamic', _R),
    ('rg_starts_shifted_by_input', 'torchair_like', 'static', _R),
    ('rg_starts_shifted_by_input', 'torchair_like', 'dynamic', _R),
    ('rg_offset_off_by_one', 'torchair_like', 'static', _R),
    ('rg_offset_off_by_one', 'torchair_like', 'dynamic', _R),
    ('rg_ends_as_starts', 'torchair_like', 'static', _R),
    ('rg_ends_as_starts', 'torchair_like', 'dynamic', _R),
    ('rg_lens_as_starts', 'torchair_like', 'static', _R),
    ('rg_lens_as_starts', 'torchair_like', 'dynamic', _R),
    ('rg_starts_of_other_rows', 'torchair_like', 'static', _R),
    ('rg_starts_of_other_rows', 'torchair_like', 'dynamic', _R),
    ('rg_int32', 'torchair_like', 'static', _EQ),
    ('rg_int32', 'torchair_like', 'dynamic', _EQ),
    ('rg_int32_plain', 'torchair_like', 'static', _EQ),
    ('rg_int32_plain', 'torchair_like', 'dynamic', _EQ),
    ('ta_base', 'torchair_like', 'static', _EQ),
    ('ta_base', 'torchair_like', 'dynamic', _EQ),
    ('ta_plus_T', 'torchair_like', 'static', _EQ),
    ('ta_plus_T', 'torchair_like', 'dynamic', _EQ),
    ('ta_unclamped', 'torchair_like', 'static', _EQ),
    ('ta_unclamped', 'torchair_like', 'dynamic', _EQ),
    ('ta_mod_half_T', 'torchair_like', 'static', _R),
    ('ta_mod_half_T', 'torchair_like', 'dynamic', _R),
    ('ta_mod_2T', 'torchair_like', 'static', _EQ),
    ('ta_mod_2T', 'torchair_like', 'dynamic', _EQ),
    ('ta_row0_expanded', 'torchair_like', 'static', _R),
    ('ta_row0_expanded', 'torchair_like', 'dynamic', _R),
    ('ta_layers_same_layer', 'torchair_like', 'static', _EQ),
    ('ta_layers_same_layer', 'torchair_like', 'dynamic', _EQ),
    ('ta_layers_other_layer', 'torchair_like', 'static', _EQ),
    ('ta_layers_other_layer', 'torchair_like', 'dynamic', _EQ),
    ('sz_ne_batch', 'torchair_like', 'static', _EQ),
    ('sz_ne_batch', 'torchair_like', 'batch', _R),
    ('sz_ne_batch', 'torchair_like', 'dynamic', _R),
    ('sz_ne_batch_tensor', 'torchair_like', 'static', _EQ),
    ('sz_ne_batch_tensor', 'torchair_like', 'batch', _R),
    ('sz_ne_batch_tensor', 'torchair_like', 'dynamic', _R),
    ('sz_ne_slots_size', 'torchair_like', 'static', _R),
    ('sz_ne_slots_size', 'torchair_like', 'batch', _R),
    ('sz_ne_slots_size', 'torchair_like', 'dynamic', _R),
    ('sz_where_sized', 'torchair_like', 'static', _R),
    ('sz_where_sized', 'torchair_like', 'batch', _R),
    ('sz_where_sized', 'torchair_like', 'dynamic', _R),
    ('sz_add_size_to_pos', 'torchair_like', 'static', _EQ),
    ('sz_add_size_to_pos', 'torchair_like', 'batch', _R),
    ('sz_add_size_to_pos', 'torchair_like', 'dynamic', _R),
    ('ov_f32_floordiv_third', 'torchair_like', 'static', _R),
    ('ov_f32_floordiv_third', 'torchair_like', 'batch', _R),
    ('ov_f32_floordiv_third', 'torchair_like', 'dynamic', _R),
    ('ov_f32_floordiv_third_mul', 'torchair_like', 'static', _R),
    ('ov_f32_floordiv_third_mul', 'torchair_like', 'batch', _R),
    ('ov_f32_floordiv_third_mul', 'torchair_like', 'dynamic', _R),
    ('ov_f32_floordiv_point3', 'torchair_like', 'static', _R),
    ('ov_f32_floordiv_point3', 'torchair_like', 'batch', _R),
    ('ov_f32_floordiv_point3', 'torchair_like', 'dynamic', _R),
    ('ov_f32_mul_tenth', 'torchair_like', 'static', _R),
    ('ov_f32_mul_tenth', 'torchair_like', 'batch', _R),
    ('ov_f32_mul_tenth', 'torchair_like', 'dynamic', _R),
    ('ov_f64_floordiv_third', 'torchair_like', 'static', _R),
    ('ov_f64_floordiv_third', 'torchair_like', 'batch', _R),
    ('ov_f64_floordiv_third', 'torchair_like', 'dynamic', _R),
    ('ov_abs_min_int64', 'torchair_like', 'static', _R),
    ('ov_abs_min_int64', 'torchair_like', 'batch', _R),
    ('ov_abs_min_int64', 'torchair_like', 'dynamic', _R),
    ('ov_neg_min_int64', 'torchair_like', 'static', _R),
    ('ov_neg_min_int64', 'torchair_like', 'batch', _R),
    ('ov_neg_min_int64', 'torchair_like', 'dynamic', _R),
    ('ov_shift_wrap', 'torchair_like', 'static', _R),
    ('ov_shift_wrap', 'torchair_like', 'batch', _R),
    ('ov_shift_wrap', 'torchair_like', 'dynamic', _R),
    ('ov_pow_wrap', 'torchair_like', 'static', _R),
    ('ov_pow_wrap', 'torchair_like', 'batch', _R),
    ('ov_pow_wrap', 'torchair_like', 'dynamic', _R),
    ('ov_sum_wrap', 'torchair_like', 'static', _R),
    ('ov_sum_wrap', 'torchair_like', 'batch', _R),
    ('ov_sum_wrap', 'torchair_like', 'dynamic', _R),
    ('ov_cumsum_wrap', 'torchair_like', 'static', _R),
    ('ov_cumsum_wrap', 'torchair_like', 'batch', _R),
    ('ov_cumsum_wrap', 'torchair_like', 'dynamic', _R),
    ('ov_f32_round', 'torchair_like', 'static', _R),
    ('ov_f32_round', 'torchair_like', 'batch', _R),
    ('ov_f32_round', 'torchair_like', 'dynamic', _R),
    ('ov_f32_fmod', 'torchair_like', 'static', _R),
    ('ov_f32_fmod', 'torchair_like', 'batch', _R),
    ('ov_f32_fmod', 'torchair_like', 'dynamic', _R),
    ('ov_ids_via_f32_div', 'torchair_like', 'static', _R),
    ('ov_ids_via_f32_div', 'torchair_like', 'batch', _R),
    ('ov_ids_via_f32_div', 'torchair_like', 'dynamic', _R),
    ('ov_ids_via_f32_floordiv', 'torchair_like', 'static', _R),
    ('ov_ids_via_f32_floordiv', 'torchair_like', 'batch', _R),
    ('ov_ids_via_f32_floordiv', 'torchair_like', 'dynamic', _R),
    ('ov_ids_via_f16_floordiv', 'torchair_like', 'static', _R),
    ('ov_ids_via_f16_floordiv', 'torchair_like', 'batch', _R),
    ('ov_ids_via_f16_floordiv', 'torchair_like', 'dynamic', _R),
]

# Later runs: the LATER_ATTACKS in the graph dialects, then real Inductor codegen (--dialect inductor)
_LATER = [
    ('ki_dense_negzero_plus_f64', 'inductor_graph', 'static', _FF),
    ('ki_dense_negzero_plus_f64', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_plus_f64', 'inductor_graph', 'dynamic', _RPD),
    ('ki_dense_negzero_plus_read_first', 'inductor_graph', 'static', _FF),
    ('ki_dense_negzero_plus_read_first', 'inductor_graph', 'batch', _CCT),
    ('ki_dense_negzero_plus_read_first', 'inductor_graph', 'dynamic', _RPD),
    ('ki_dense_negzero_plus_f64', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_plus_f64', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_plus_f64', 'torchair_like', 'dynamic', _RPD),
    ('ki_dense_negzero_plus_read_first', 'torchair_like', 'static', _FF),
    ('ki_dense_negzero_plus_read_first', 'torchair_like', 'batch', _CCT),
    ('ki_dense_negzero_plus_read_first', 'torchair_like', 'dynamic', _RPD),
    ('ki_base', 'inductor', 'static', _EQ),
    ('ki_base', 'inductor', 'batch', _EQ),
    ('ki_base', 'inductor', 'dynamic', _EQ),
    ('ki_negzero_add', 'inductor', 'static', _RPD),
    ('ki_negzero_add', 'inductor', 'batch', _RPD),
    ('ki_negzero_add', 'inductor', 'dynamic', _RPD),
    ('ki_negzero_add_mod', 'inductor', 'static', _RPD),
    ('ki_negzero_add_mod', 'inductor', 'batch', _RPD),
    ('ki_negzero_add_mod', 'inductor', 'dynamic', _RPD),
    ('ki_negzero_clamp_max', 'inductor', 'static', _R),
    ('ki_negzero_clamp_max', 'inductor', 'batch', _R),
    ('ki_negzero_clamp_max', 'inductor', 'dynamic', _R),
    ('ki_negzero_add_same', 'inductor', 'static', _R),
    ('ki_negzero_add_same', 'inductor', 'batch', _R),
    ('ki_negzero_add_same', 'inductor', 'dynamic', _R),
    ('ki_negzero_mul', 'inductor', 'static', _RPD),
    ('ki_negzero_mul', 'inductor', 'batch', _RPD),
    ('ki_negzero_mul', 'inductor', 'dynamic', _RPD),
    ('ki_negzero_trunc', 'inductor', 'static', _RPD),
    ('ki_negzero_trunc', 'inductor', 'batch', _RPD),
    ('ki_negzero_trunc', 'inductor', 'dynamic', _RPD),
    ('ki_negzero_clamp_bound', 'inductor', 'static', _R),
    ('ki_negzero_clamp_bound', 'inductor', 'batch', _R),
    ('ki_negzero_clamp_bound', 'inductor', 'dynamic', _R),
    ('ki_dense_base', 'inductor', 'static', _EQ),
    ('ki_dense_base', 'inductor', 'batch', _CCT),
    ('ki_dense_base', 'inductor', 'dynamic', _R),
    ('ki_dense_negzero_inside', 'inductor', 'static', _FF),
    ('ki_dense_negzero_inside', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_inside', 'inductor', 'dynamic', _RPD),
    ('ki_dense_negzero_outside', 'inductor', 'static', _RPD),
    ('ki_dense_negzero_outside', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_outside', 'inductor', 'dynamic', _RPD),
    ('ki_dense_negzero_plus', 'inductor', 'static', _FF),
    ('ki_dense_negzero_plus', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_plus', 'inductor', 'dynamic', _RPD),
    ('ki_dense_negzero_floor_div', 'inductor', 'static', _FF),
    ('ki_dense_negzero_floor_div', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_floor_div', 'inductor', 'dynamic', _RPD),
    ('ki_dense_negzero_div_scalar', 'inductor', 'static', _R),
    ('ki_dense_negzero_div_scalar', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_div_scalar', 'inductor', 'dynamic', _R),
    ('ki_dense_negzero_sub', 'inductor', 'static', _FF),
    ('ki_dense_negzero_sub', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_sub', 'inductor', 'dynamic', _RPD),
    ('ki_dense_negzero_plus_f64', 'inductor', 'static', _FF),
    ('ki_dense_negzero_plus_f64', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_plus_f64', 'inductor', 'dynamic', _RPD),
    ('ki_dense_negzero_plus_read_first', 'inductor', 'static', _FF),
    ('ki_dense_negzero_plus_read_first', 'inductor', 'batch', _CCT),
    ('ki_dense_negzero_plus_read_first', 'inductor', 'dynamic', _RPD),
]
LATER_ATTACKS = [(f"ki_dense_{k}", _mk(_dn(k), _dn_calls(), MODES3), "a dense cache, later: " + k)
                 for k in ("negzero_plus_f64", "negzero_plus_read_first")]


def classify50(name, factory, dialect, mode=None):
    """redteam7's classify7 (as redteam41-49)."""
    return classify7(name, factory, dialect, mode)


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS + LATER_ATTACKS, _FIRST + _LATER, classify50)
