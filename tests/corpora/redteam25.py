"""Twenty-fifth adversarial review of the recogniser (round 25; reviewer focus: the static proof of the new rows:
pooling probes, the sum order rule, the exactness rules of the float paths, the integer paths of the page ids, the
roles and the weight, the mask, static and under mark_dynamic on the batch).

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)``; runner and classification are
redteam7's ``classify7``.

    python tests/corpora/redteam25.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam25.py --table OUT.md [--dialect D ...] [name ...]

First try (01:36-02:14 UTC, frozen snapshot of 806b2f9 in /tmp/base25, PYTHONPATH=/tmp/base25, run from that tree;
explored before 01:36 on a ``git archive`` of 6b9405c, the commit before it, whose two newer commits touch the
length-period rule only): 84 attacks in 10 themes, 166 runs per graph dialect (``_FIRST``).

* inductor_graph: 45 FALSE FUSION / 0 CRASH / 25 equal / 96 refused / 0 control differs;
* torchair_like:  44 FALSE FUSION / 0 CRASH / 23 equal / 99 refused / 0 control differs (differences to
  inductor_graph: ord_stack_matmul_rev_fp16 refused, ord_stack_sum_fwd_zeros_fp16 fused & equal, dt_fp16_tok_via_fp64
  and keep_bits_roundtrip refused);
* Inductor codegen (``--dialect inductor``, nsa_fusion_backend; confirmation of every false-fusion attack in every mode
  it applies to, and 6 controls): 75 runs of 38 attacks: 43 FALSE FUSION (every
  false fusion of the graph dialects confirmed, but one) / 2 CONTROL DIFFERS (sw_sum_keepdim_times_weight_fp16, static
  and batch: plain Inductor also differs, by the sign of a zero) / 12 equal (the controls) / 18 refused (as in the
  graph dialects); real torchair (``--dialect torchair``, 4 attacks, one per class, static): 4 CONTROL DIFFERS (the
  pass's numbers differ from eager as in the graph dialects; the CPU stand-in cannot compile the control).

Four findings, all FALSE FUSIONs on valid input where plain Inductor (the control) equals eager
(/work/briefs/redteam25_findings.md, standalone repro /work/briefs/redteam25_repro.py):

* F1 (ord_*, edge_wide_b1_rev_chain; 10 attacks plus one borderline): a written-out window order spelled with
  two-element reductions is read as an open sum.
  ``pooling.check_structure`` sets ``written_order`` (the order probe) only for add/sub of two token values and
  addcmul; ``sum``/``bmm``/``matmul``/``einsum`` nodes are all "summed", an order torch leaves open.  Over two
  elements (or K = 1, 2) there is no open order: ``acc = stack([acc, p_j]).sum(0)`` for j = l-1 .. 0 (also cat+sum,
  ``stack(.., -1) @ ones(2)``, einsum, ``torch.sum(.., dtype)``, K = 1 ``baddbmm`` steps, a pairwise tree) is the
  user's reversed / pairwise order, which eager and plain Inductor keep; the fused op adds in window order (window
  [65504, 1e-3, -65504, 1e-3, 0, ..] under weight 1: eager 0, fused 1e-3; fp32 full mantissas: 436 elements).
  docs/soundness.md lists "a reversed or chunked sum" as an order "either matched exactly or not fused".  Repro
  ord_stack_sum_rev_fp16, ord_baddbmm_rev_fp16 (also under mark_dynamic; the stack spellings are refused there by
  the R2 tiling rule), ord_pairwise_tree_fp16.  ord_sum_list_rev_fp16 (Python's sum: adds) and ord_halves_add_fp16
  are refused by the order probe.  ord_halves_stack_sum_fp16 (two open half sums joined by a two-element sum) also
  differs; its halves are open sums: borderline, not counted as a finding on its own.
* F2 (theme 3): a negation around an open sum.  NEGATIONS pass ``check_structure`` anywhere; ``-((-p).sum(1))``
  (einsum, matmul, negated tokens, fp16 / bf16 / fp32, static, batch, dynamic=True) is read as ``p.sum(1)``, but on a
  window whose products are all zero eager's sum of the negated zeros starts from +0.0 and is +0.0, negated -0.0;
  the op's window sum is +0.0 (a sum from +0.0 never yields -0.0).  Not an order difference: every order starting
  from +0.0 (eager's, Inductor's, the op's) gives -0.0 for the user's code.  Only the specials probe compares signs
  (``_bits_equal``), and sees a zero column sum by chance (mean pooling: often, neg_mean_neg_fp16 refused; weighted:
  rarely).  Same reasoning as the existing ``0 - x`` rule.  Repro neg_sum_neg_fp16 (zero-initialised KV pages).
* F3 (theme 8): fp16 data, a weight applied to the window SUM.  ``_check_sum_then_scale`` returns at once for fp16
  (exact for a power-of-two 1/l) and ``_check_exact_arithmetic`` accepts any product by a node reaching the weight;
  with ``wl = w[:1].expand(l, N)`` (``roles.find_weight`` takes the expand, constant along the window, as the op's
  weight) ``tok.float().sum(1) * wl[0]`` fuses: eager fl(fl(sum x) * w), the op sum fl(w x): [17408, -0.00074148]
  under 3.609375 is 62848 in eager, 62816 fused; a zero sum under a negative weight -0.0 vs +0.0.  Repro
  sw_sum_times_head_weight_fp16, sw_param_1xN_expanded_fp16 (a [1, N] weight input expanded in the step; static,
  batch, dynamic=True).  bf16 is refused by the sum-then-scale rule (sw_sum_times_head_weight_bf16).
  sw_sum_keepdim_times_weight_fp16: Inductor codegen CONTROL DIFFERS (plain Inductor's sign of a zero differs too).
* F4 (theme 10): bf16 / fp32 sum-then-scale behind a negation.  ``check_structure`` propagates ``summed`` through
  data movement, adds and reductions, not through ``neg``, so ``-((-x.sum(1)) / l)`` (or ``* (1/l)``) escapes
  ``_check_sum_then_scale``: two bf16 tokens at 0.75 * max sum to inf in fp32 (eager, plain Inductor), the op's
  scaled products to 1.59e37.  Repro nsc_mean_div_bf16 (static, batch, dynamic=True), nsc_mean_mul_fp32;
  nsc_plain_mean_bf16 (no negations) is refused.  (nsc_head_weight_bf16 is F3 through the same gap.)

Not found (equal or refused; the class each tried):
* order: K = 1 baddbmm chains and two-element sums in window order from the first product (equal: eager's
  reductions start from +0.0 like the op); ``sum([acc, p])`` and ``+`` joins (refused by the order probe);
  ``F.linear`` (refused: mm's ones are a constant scaling); K = 1 baddbmm in fp32 (refused: sum-then-scale).
* weights (theme 2): ``(x w / w) w``, ``(x w w) / w`` with l = 4, N = 1 (few probe weights, zero weights in the
  input), bf16 overflow, fp32 subnormal weights: refused by the specials / inf-weight probes (inf / inf); weights
  rounded through bf16 / fp16, integer weights (refused).
* negations: ``-(-p)`` after the sum (equal: exact), the KV negated before the gather (refused: not the paged KV),
  a window-order loop of negated products negated back (refused: the order probe's -0.0 row).
* page ids (theme 4): through fp16 (3000 blocks), bf16, uint8, int16 (40000 blocks), clamp / minimum / fmin at 255
  of 300 blocks, trunc division by 1, abs, an int32 product and floor division: all refused by the interval and
  page-id rules; through fp32 (exact): equal.  (Attack bug first: the fp16 / bf16 round trips rounded the top id
  past the table (eager IndexError); fixed by NaN blocks nobody owns past the top, valid per the contract.)
* dtypes (theme 5): fp32 tokens through bf16 / fp16, bf16 through fp16, the pooled value through bf16 / fp16 in
  another cache dtype, fp64 products (refused); fp16 tokens via fp64 and a pooled fp16 -> fp32 -> fp16 round trip
  (equal).
* rows and the mask (theme 6): B = 64 with no qualifying row among the cut's first 32 (equal), pooled rows rolled
  along the batch, a weight chosen by row 0's length (refused: batch plan); the condition on fp32 lengths (equal)
  and on fp16 lengths at capacity 4096 (refused: the cast's interval).
* kept rows (theme 7): a bit-view round trip (equal in inductor_graph, refused in torchair_like), ``+ 0.0``,
  ``- 0.0``, ``where(old == old, old, old)`` (refused), an fp32 select (equal), an fp64 select (refused).
* edges (theme 9): int16 lengths and tables, B = N = D = 1 (equal), uint8 lengths (refused: wraps); no CRASH.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

MODES3 = ("static", "batch", "dynamic")
SB = ("static", "batch")


# --- inputs ---------------------------------------------------------------------------------------------------
def _wide(dtype=torch.float16, seed=3, positive_w=False, B=40, **kw):
    """Valid inputs (specials in unread positions and some windows) whose finite tokens and weights have full
    mantissas and exponents spread over 2^-6 .. 2^6: fp32 window sums round, so their value depends on the order."""
    x = build(dtype=dtype, seed=seed, B=B, **kw)
    g = torch.Generator().manual_seed(seed + 100)
    kv = x.args[0]
    sh = kv.shape
    wide = ((torch.rand(sh, generator=g) + 1) * torch.exp2(torch.randint(-6, 7, sh, generator=g).float())
            * (torch.randint(0, 2, sh, generator=g) * 2 - 1)).to(dtype)
    x.args[0] = torch.where(kv.isfinite(), wide, kv)
    w = x.args[1]
    ww = ((torch.rand(w.shape, generator=g) + 1) * torch.exp2(torch.randint(-3, 4, w.shape, generator=g).float()))
    if not positive_w:
        ww = ww * (torch.randint(0, 2, w.shape, generator=g) * 2 - 1)
    x.args[1] = ww.to(dtype)
    return x


def _wide_calls(dtype=torch.float16, n=2, **kw):
    return lambda: [_wide(dtype=dtype, seed=3 + k, **kw) for k in range(n)]


def _cancel(dtype=torch.float16, seed=5, B=40, **kw):
    """Windows whose products cancel (the contract's own example): tokens 65504, 1e-3, -65504, 1e-3, then zeros,
    under a weight of ones; the window-order fp32 sum is 1e-3 (the first 1e-3 is lost against 65504), any other
    order that meets a big term first gives 0 or 2e-3.  Specials stay in unread positions."""
    big = 65504.0 if dtype == torch.float16 else 2.0 ** 100
    vals = [big, 1e-3, -big, 1e-3] + [0.0] * (L - 4)
    return build(dtype=dtype, seed=seed, B=B, window=lambda b, s: vals if b % 3 else vals[::-1],
                 weight=torch.ones(L, 2, dtype=dtype), **kw)


def _cancel_calls(dtype=torch.float16, n=2, **kw):
    return lambda: [_cancel(dtype=dtype, seed=5 + k, **kw) for k in range(n)]


def _ord(dtype=torch.float16, **kw):
    """A wide-exponent call (compiled), then a cancelling one."""
    return lambda: [_wide(dtype=dtype, **kw), _wide(dtype=dtype, seed=4, **kw), _cancel(dtype=dtype, **kw)]


def _std(n=2, **kw):
    return lambda: [build(seed=k, **kw) for k in range(n)]


def _products(kv, w, table, lens):
    """[B, l, N, D] fp32 products x_j * w_j (each rounded to fp32, as the op rounds them)."""
    tok = tokens(kv, table, positions(lens))
    return tok.float() * w.float()[None, :, :, None]


# --- 1. a written-out order spelled with ops the pass reads as order-open -------------------------------------
def _chain(kind, reverse=True, start="first"):
    """The window sum as a chain acc <- combine(acc, p_j), each step adding ONE product to the accumulator
    (the order is the user's: a two-element sum / a K = 1 or 2 product has one rounding whatever torch does).
    ``reverse``: j = l-1 .. 0 (the op adds j = 0 .. l-1)."""
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)  # [B, l, N, D]
        B, l, N, D = p.shape
        order = list(range(l))[::-1] if reverse else list(range(l))
        if start == "zeros":
            acc = torch.zeros(B, N, D, dtype=torch.float32)
            rest = order
        else:
            acc = -p[:, order[0]] if kind == "neg_stack_sum" else p[:, order[0]]
            rest = order[1:]
        for j in rest:
            pj = p[:, j]
            if kind == "stack_sum":
                acc = torch.stack([acc, pj]).sum(0)
            elif kind == "cat_sum":
                acc = torch.cat([acc[..., None], pj[..., None]], -1).sum(-1)
            elif kind == "stack_matmul":  # [.., 2] @ ones(2): two products by 1, one sum
                acc = torch.stack([acc, pj], -1) @ torch.ones(2, dtype=torch.float32)
            elif kind == "einsum2":
                acc = torch.einsum("bndk->bnd", torch.stack([acc, pj], -1))
            elif kind == "stack_mean2":  # mean of two, times two: (a + b) / 2 * 2, exact scalings
                acc = torch.stack([acc, pj]).sum(0, keepdim=True)[0]
            elif kind == "sum_dtype":
                acc = torch.sum(torch.stack([acc, pj], 0), dim=0, dtype=torch.float32)
            elif kind == "linear2":
                acc = F.linear(torch.stack([acc, pj], -1), torch.ones(1, 2))[..., 0]
            elif kind == "neg_stack_sum":  # sums of negated products, negated back at the end (below)
                acc = torch.stack([acc, -pj]).sum(0)
            elif kind == "sum_list":
                acc = sum([acc, pj])  # Python's sum: 0 + acc + pj
            else:
                raise AssertionError(kind)
        if kind == "neg_stack_sum":
            acc = -acc
        return write(cache, slots, completes(lens), acc)
    return step


def _chain_bmm(reverse=True, dtype_note=""):
    """Chain of K = 1 baddbmm steps from the first product (no zeros start, which r13 saw refused as a
    scaling): acc = baddbmm(acc, x_j [BN, D, 1], w_j [BN, 1, 1])."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        B, l, N, D = tok.shape
        order = list(range(l))[::-1] if reverse else list(range(l))
        wj = lambda j: w[j].float()[None, :].expand(B, N).reshape(B * N, 1, 1)  # noqa: E731
        xj = lambda j: tok[:, j].float().reshape(B * N, D, 1)  # noqa: E731
        acc = torch.bmm(xj(order[0]), wj(order[0]))
        for j in order[1:]:
            acc = torch.baddbmm(acc, xj(j), wj(j))
        return write(cache, slots, completes(lens), acc.reshape(B, N, D))
    return step


def _pairwise_tree():
    """A pairwise tree written out with two-element sums (((p0+p1)+(p2+p3))+...): the user's order, not the op's."""
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        parts = [p[:, j] for j in range(p.shape[1])]
        while len(parts) > 1:
            parts = [torch.stack([parts[i], parts[i + 1]]).sum(0) for i in range(0, len(parts), 2)]
        return write(cache, slots, completes(lens), parts[0])
    return step


def _halves_sum():
    """Two half-window sums (open order each) added by a two-element sum: the halves' order is the user's."""
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        l = p.shape[1]
        hi, lo = p[:, l // 2:].sum(1), p[:, : l // 2].sum(1)
        return write(cache, slots, completes(lens), torch.stack([hi, lo]).sum(0))
    return step


def _halves_add():
    """Control of _halves_sum with +: written order, probed (refused or equal)."""
    def step(kv, w, slots, table, lens, cache):
        p = _products(kv, w, table, lens)
        l = p.shape[1]
        return write(cache, slots, completes(lens), p[:, l // 2:].sum(1) + p[:, : l // 2].sum(1))
    return step


ATTACKS = [
    ("ord_stack_sum_rev_fp16", _mk(_chain("stack_sum"), _ord(), SB),
     "reversed window order as a chain of stack([acc, p_j]).sum(0), fp16 wide-exponent tokens"),
    ("ord_stack_sum_rev_fp32", _mk(_chain("stack_sum"), _ord(torch.float32), SB),
     "reversed window order as a chain of stack([acc, p_j]).sum(0), fp32 tokens"),
    ("ord_stack_sum_fwd_fp16", _mk(_chain("stack_sum", reverse=False), _ord(), SB),
     "control: window order as a chain of two-element sums from the first product"),
    ("ord_stack_sum_fwd_zeros_fp16", _mk(_chain("stack_sum", reverse=False, start="zeros"), _ord(), SB),
     "control: window order as a chain of two-element sums from zeros"),
    ("ord_cat_sum_rev_fp16", _mk(_chain("cat_sum"), _ord(), SB),
     "reversed order: cat([acc[..., None], p_j[..., None]], -1).sum(-1)"),
    ("ord_stack_matmul_rev_fp16", _mk(_chain("stack_matmul"), _ord(), SB),
     "reversed order: stack([acc, p_j], -1) @ ones(2)"),
    ("ord_einsum2_rev_fp16", _mk(_chain("einsum2"), _ord(), SB),
     "reversed order: einsum('bndk->bnd', stack([acc, p_j], -1))"),
    ("ord_sum_list_rev_fp16", _mk(_chain("sum_list"), _ord(), SB),
     "reversed order with Python's sum([acc, p_j]) (0 + acc + p_j: adds, written order)"),
    ("ord_baddbmm_rev_fp16", _mk(_chain_bmm(), _ord(), SB),
     "reversed order as bmm(x_{l-1}, w_{l-1}) then K = 1 baddbmm steps (fp16: every product exact in fp32)"),
    ("ord_baddbmm_fwd_fp16", _mk(_chain_bmm(reverse=False), _ord(), SB),
     "window order from the first product as K = 1 baddbmm steps"),
    ("ord_pairwise_tree_fp16", _mk(_pairwise_tree(), _ord(), SB),
     "a pairwise tree of two-element sums"),
    ("ord_halves_stack_sum_fp16", _mk(_halves_sum(), _ord(), SB),
     "two half sums (open) joined by a two-element sum, upper half first"),
    ("ord_halves_add_fp16", _mk(_halves_add(), _ord(), SB),
     "two half sums joined by +, upper half first (written order: the order probe)"),
]



# --- 2. weights: factors of the weight beyond one, values the dyadic probes never draw ---------------------------
def _wsmall(l, d):
    """A step of window l, stride d (a small l x N weight: fewer probe draws of a zero weight)."""
    def mk(new_of):
        def step(kv, w, slots, table, lens, cache):
            tok = tokens(kv, table, positions(lens, l)).float()
            wf = w.float()[None, :, :, None]
            return write(cache, slots, completes(lens, l, d), new_of(tok, wf))
        return step
    return mk


def _winputs(l, N=1, dtype=torch.float16, values=None, tokens_val=None, seed=0, n_plain=1):
    """Dyadic calls, then one whose weight holds ``values`` ({(j, h): v}) and whose read tokens are ``tokens_val``."""
    def make():
        out = []
        for k in range(n_plain):
            g = torch.Generator().manual_seed(50 + k)
            w = (torch.randint(1, 33, (l, N), generator=g) / 16.0).to(dtype)
            out.append(build(seed=seed + k, N=N, dtype=dtype, weight=w))
        w = (torch.randint(1, 33, (l, N)) / 16.0)
        for (j, h), v in (values or {}).items():
            w[j, h] = v
        x = build(seed=seed + 7, N=N, dtype=dtype, weight=w.to(dtype),
                  window=(lambda b, s: [tokens_val] * L) if tokens_val is not None else None)
        out.append(x)
        return out
    return make


ATTACKS += [
    ("w_times_div_times_zero_l4", _mk(_wsmall(4, 4)(lambda t, w: (t * w / w * w).sum(1)),
                                      _winputs(4, values={(1, 0): 0.0}), SB),
     "(x * w / w) * w, l = d = 4, N = 1 (4 weight elements per probe draw): a zero weight gives 0/0 = NaN in eager, "
     "0 in the op"),
    ("w_times_times_div_zero_l4", _mk(_wsmall(4, 4)(lambda t, w: (t * w * w / w).sum(1)),
                                      _winputs(4, values={(2, 0): 0.0}), SB),
     "(x * w * w) / w, l = d = 4, N = 1, a zero weight"),
    ("w_times_div_times_zero_l32", _mk(_wsmall(32, 16)(lambda t, w: (t * w / w * w).sum(1)),
                                       _winputs(32, N=2, values={(1, 0): 0.0}), SB),
     "(x * w / w) * w, l = 32, N = 2, a zero weight"),
    ("w_times_times_div_overflow_bf16_l4", _mk(_wsmall(4, 4)(lambda t, w: (t * w * w / w).sum(1)),
                                               _winputs(4, dtype=torch.bfloat16, values={(0, 0): 2.0 ** 100},
                                                        tokens_val=2.0 ** -50), SB),
     "(x * w * w) / w, bf16, w = 2^100 and x = 2^-50: x w w overflows fp32 (inf), the op's x w = 2^50"),
    ("w_times_div_times_subnormal_fp32_l4", _mk(_wsmall(4, 4)(lambda t, w: (t * w / w * w).sum(1)),
                                                _winputs(4, dtype=torch.float32, values={(0, 0): 3.0 * 2 ** -80},
                                                         tokens_val=1.0 + 2 ** -20), SB),
     "(x * w / w) * w, fp32, a weight 3 * 2^-80 and full-mantissa tokens: x w / w rounds"),
]


# --- 3. negations around a sum: the sign of a zero sum ------------------------------------------------------------
def _zero_windows(dtype=torch.float16, seed=21, **kw):
    """Valid inputs where every third qualifying row's window is all +0.0 tokens (a zero-initialised KV page):
    every product is +-0.0, the op's sum from +0.0 is +0.0.  Specials stay in unread positions."""
    return build(dtype=dtype, seed=seed, window=lambda b, s: [0.0] * L if b % 3 == 0 else None, **kw)


def _zw(dtype=torch.float16):
    return lambda: [build(dtype=dtype, seed=1), _zero_windows(dtype)]


def _neg_pool(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        wf = w.float()[None, :, :, None]
        if kind == "neg_sum_neg":
            new = (-(tok * wf)).sum(1).neg()
        elif kind == "neg_tok_sum_neg":
            new = -((-tok) * wf).sum(1)
        elif kind == "neg_einsum_neg":
            new = -torch.einsum("bjnd,jn->bnd", -tok, w.float())
        elif kind == "neg_matmul_neg":
            B, l, N, D = tok.shape
            new = -torch.matmul(w.float().t()[None, :, None, :], (-tok).permute(0, 2, 1, 3)).reshape(B, N, D)
        elif kind == "neg_mean_neg":
            new = -(-tok).mean(1)
        elif kind == "neg_loop_neg":  # window order from zeros, negated products, negated back
            acc = torch.zeros(tok.shape[0], tok.shape[2], tok.shape[3])
            for j in range(tok.shape[1]):
                acc = acc + (-(tok[:, j] * wf[:, j]))
            new = -acc
        elif kind == "neg_once_sum":  # -(x) * w summed, then the weight negated... (control: -sum(-p) spelled once)
            new = (tok * wf).sum(1)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


ATTACKS += [
    ("neg_sum_neg_fp16", _mk(_neg_pool("neg_sum_neg"), _zw(), SB),
     "-(sum(-(x w))): a zero window's products sum to +0.0 from +0.0, negated: -0.0; the op's +0.0"),
    ("neg_tok_sum_neg_fp16", _mk(_neg_pool("neg_tok_sum_neg"), _zw(), SB),
     "-(sum((-x) w)) on zero windows"),
    ("neg_sum_neg_fp32", _mk(_neg_pool("neg_sum_neg"), _zw(torch.float32), SB),
     "-(sum(-(x w))), fp32 data, zero windows"),
    ("neg_sum_neg_bf16", _mk(_neg_pool("neg_sum_neg"), _zw(torch.bfloat16), SB),
     "-(sum(-(x w))), bf16 data, zero windows"),
    ("neg_einsum_neg_fp16", _mk(_neg_pool("neg_einsum_neg"), _zw(), SB),
     "-einsum(-x, w) on zero windows"),
    ("neg_matmul_neg_fp16", _mk(_neg_pool("neg_matmul_neg"), _zw(), SB),
     "-matmul(w, -x) on zero windows"),
    ("neg_mean_neg_fp16", _mk(_neg_pool("neg_mean_neg"), _zw(), SB),
     "-mean(-x), fp16 mean pooling, zero windows"),
    ("neg_loop_neg_fp16", _mk(_neg_pool("neg_loop_neg"), _zw(), SB),
     "window-order loop over -(x w) from zeros, negated back (the order probe's -0.0 row)"),
]


# --- 4. integer paths: page ids through casts and clamps the probes' small ids never test -------------------------
def _page_step(pages_of):
    """The contract, with the page ids read as ``pages_of(table.long().gather(1, pos // P))``."""
    def step(kv, w, slots, table, lens, cache):
        P = kv.shape[1]
        pos = positions(lens)
        page = pages_of(table.long().gather(1, pos // P))
        tok = kv[page, pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _many_blocks(block_num, P=64, pages=4, extra=0, **kw):
    """Valid inputs over ``block_num`` blocks with page ids from the top of the range (N = 1, D = 4: small);
    ``extra`` NaN blocks nobody owns appended (so an id rounded up past the table's top still indexes: eager
    reads a NaN page where the op reads the right one)."""
    def make():
        out = []
        for k in range(2):
            x = build(block_num=block_num, P=P, pages=pages, N=1, D=4, high_ids=True, seed=k, **kw)
            if extra:
                kv = x.args[0]
                x.args[0] = torch.cat([kv, torch.full((extra, *kv.shape[1:]), float("nan"), dtype=kv.dtype)])
            out.append(x)
        return out
    return make


ATTACKS += [
    ("pg_fp16_roundtrip_3000", _mk(_page_step(lambda p: p.half().long()), _many_blocks(3000, extra=8), SB),
     "page ids through fp16 (exact up to 2048) with 3000 blocks"),
    ("pg_bf16_roundtrip_300", _mk(_page_step(lambda p: p.to(torch.bfloat16).long()), _many_blocks(300, extra=8), SB),
     "page ids through bf16 (exact up to 256) with 300 blocks"),
    ("pg_fp32_roundtrip_300", _mk(_page_step(lambda p: p.float().long()), _many_blocks(300), SB),
     "control: page ids through fp32 (exact), 300 blocks"),
    ("pg_uint8_300", _mk(_page_step(lambda p: p.to(torch.uint8).long()), _many_blocks(300), SB),
     "page ids through uint8 with 300 blocks"),
    ("pg_int16_40000", _mk(_page_step(lambda p: p.to(torch.int16).long()), _many_blocks(40000, P=16, pages=4), SB),
     "page ids through int16 with 40000 blocks"),
    ("pg_clamp_255_of_300", _mk(_page_step(lambda p: p.clamp(0, 255)), _many_blocks(300), SB),
     "page ids clamped to 255 with 300 blocks"),
    ("pg_minimum_tensor_255", _mk(_page_step(lambda p: torch.minimum(p, torch.tensor(255))), _many_blocks(300), SB),
     "page ids through minimum(p, tensor(255)) with 300 blocks"),
    ("pg_fmin_fp32_255", _mk(_page_step(lambda p: torch.fmin(p.float(), torch.tensor(255.0)).long()),
                             _many_blocks(300), SB),
     "page ids through fmin in fp32 with 300 blocks"),
    ("pg_trunc_div_mul", _mk(_page_step(lambda p: torch.div(p, 1, rounding_mode="trunc")), _many_blocks(300), SB),
     "page ids divided by 1 (trunc): the identity, a division on page ids"),
    ("pg_abs", _mk(_page_step(lambda p: p.abs()), _many_blocks(300), SB),
     "abs of page ids: the identity on valid ids"),
    ("pg_int32_flat_mul", _mk(_page_step(lambda p: (p.int() * 64 + 0) // 64), _many_blocks(300), SB),
     "page ids as (p.int() * 64) // 64: int32 product and floor division"),
]


# --- 5. tokens, weights and rounding through dtypes -----------------------------------------------------------
def _dt(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))
        wf = w.float()[None, :, :, None]
        if kind == "tok_via_bf16":
            new = (tok.to(torch.bfloat16).float() * wf).sum(1)
        elif kind == "tok_via_fp16":
            new = (tok.to(torch.float16).float() * wf).sum(1)
        elif kind == "tok_via_fp64":
            new = (tok.double().float() * wf).sum(1)
        elif kind == "w_via_bf16":
            new = (tok.float() * w.to(torch.bfloat16).float()[None, :, :, None]).sum(1)
        elif kind == "w_via_fp16":
            new = (tok.float() * w.to(torch.float16).float()[None, :, :, None]).sum(1)
        elif kind == "new_via_bf16":
            new = (tok.float() * wf).sum(1).to(torch.bfloat16).to(cache.dtype)
        elif kind == "new_via_fp16":
            new = (tok.float() * wf).sum(1).to(torch.float16).to(cache.dtype)
        elif kind == "new_fp16_fp32_fp16":
            new = (tok.float() * wf).sum(1).to(cache.dtype).float().to(cache.dtype)
        elif kind == "product_in_fp64_cast":
            new = (tok.double() * w.double()[None, :, :, None]).float().sum(1)
        elif kind == "int_weight":
            new = (tok.float() * w.round().int().float()[None, :, :, None]).sum(1)
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


def _full(dtype):
    """Full-mantissa tokens and weights (one nonzero window position: order-free), specials kept."""
    def make():
        x = build(dtype=dtype, seed=31)
        g = torch.Generator().manual_seed(31)
        kv = x.args[0]
        x.args[0] = torch.where(kv.isfinite(), (torch.randn(kv.shape, generator=g) * 1000).to(dtype), kv)
        wt = torch.zeros(x.args[1].shape)
        wt[4] = torch.randn(wt.shape[1], generator=g) * 3
        x.args[1] = wt.to(dtype)
        return [build(dtype=dtype, seed=1), x]
    return make


ATTACKS += [
    ("dt_fp32_tok_via_bf16", _mk(_dt("tok_via_bf16"), _full(torch.float32), SB), "fp32 tokens rounded through bf16"),
    ("dt_fp32_tok_via_fp16", _mk(_dt("tok_via_fp16"), _full(torch.float32), SB), "fp32 tokens rounded through fp16"),
    ("dt_bf16_tok_via_fp16", _mk(_dt("tok_via_fp16"), _full(torch.bfloat16), SB), "bf16 tokens through fp16"),
    ("dt_fp16_tok_via_fp64", _mk(_dt("tok_via_fp64"), _full(torch.float16), SB), "control: fp16 tokens via fp64"),
    ("dt_fp32_w_via_bf16", _mk(_dt("w_via_bf16"), _full(torch.float32), SB), "fp32 weight rounded through bf16"),
    ("dt_bf16_w_via_fp16", _mk(_dt("w_via_fp16"), _full(torch.bfloat16), SB), "bf16 weight through fp16"),
    ("dt_fp32_new_via_bf16", _mk(_dt("new_via_bf16"), _full(torch.float32), SB), "fp32 pooled rounded through bf16"),
    ("dt_fp16_new_via_bf16", _mk(_dt("new_via_bf16"), _full(torch.float16), SB),
     "fp16 cache, pooled rounded to bf16 then fp16"),
    ("dt_bf16_new_via_fp16", _mk(_dt("new_via_fp16"), _full(torch.bfloat16), SB),
     "bf16 cache, pooled rounded to fp16 then bf16"),
    ("dt_fp16_new_round_trip", _mk(_dt("new_fp16_fp32_fp16"), _full(torch.float16), SB),
     "control: pooled to fp16, fp32, fp16 (one rounding)"),
    ("dt_fp32_product_fp64", _mk(_dt("product_in_fp64_cast"), _full(torch.float32), SB),
     "fp32 data: products in fp64 then cast to fp32 (rounded once, like the op's fp32 product)"),
    ("dt_int_weight", _mk(_dt("int_weight"), _full(torch.float16), SB), "weight rounded to integers"),
]


ATTACKS += [
    ("ord_sum_dtype_rev_fp16", _mk(_chain("sum_dtype"), _ord(), SB),
     "reversed order: torch.sum(stack([acc, p_j]), 0, dtype=fp32)"),
    ("ord_linear2_rev_fp16", _mk(_chain("linear2"), _ord(), SB),
     "reversed order: F.linear(stack([acc, p_j], -1), ones(1, 2))"),
    ("ord_stack_sum_rev_bf16", _mk(_chain("stack_sum"), _ord(torch.bfloat16), SB),
     "reversed order as two-element sums, bf16"),
    ("ord_stack_sum_rev_dyn_fp16", _mk(_chain("stack_sum"), _ord(), ("dynamic",)),
     "reversed order as two-element sums under dynamic=True"),
    ("ord_baddbmm_rev_fp32", _mk(_chain_bmm(), _ord(torch.float32), SB),
     "reversed K = 1 baddbmm chain, fp32 (the BLAS may fuse the multiply-add: control may differ)"),
    ("ord_neg_stack_sum_fwd_fp16", _mk(_chain("neg_stack_sum", reverse=False), _zw(), SB),
     "window order as two-element sums of -p_j from -p_0, negated back: zero windows give -0.0"),
    ("neg_kv_gather_sum_neg_fp16", _mk(lambda kv, w, slots, table, lens, cache: write(
        cache, slots, completes(lens), -pool(tokens(-kv, table, positions(lens)), w)), _zw(), SB),
     "-(sum((-kv)[pages] * w)): the KV negated before the gather, the sum negated back"),
    ("neg_neg_after_sum_fp16", _mk(lambda kv, w, slots, table, lens, cache: write(
        cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w).neg().neg()), _zw(), SB),
     "control: sum, then two negations (exact: -(-(+0.0)) is +0.0)"),
]


# --- 6. rows, the batch cut and the mask (static and mark_dynamic) ---------------------------------------------
def _late_qualifiers(B=64):
    """Rows 0..31 never complete a window; rows 32.. do (a cut to the first 32 rows sees no qualifying row)."""
    def make():
        g = torch.Generator().manual_seed(41)
        lens = torch.cat([torch.randint(0, 32, (32,), generator=g) * 8 + 1,
                          32 + 16 * torch.randint(0, 15, (B - 32,), generator=g)])
        return [build(B=B, lengths=lens, seed=41), build(B=B, lengths=lens.flip(0), seed=42)]
    return make


def _mask_float(kv, w, slots, table, lens, cache):
    s = lens.float()
    valid = (s >= 32) & (torch.remainder(s - 32, 16) == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _mask_half(kv, w, slots, table, lens, cache):
    s = lens.half()
    valid = (s >= 32) & (torch.remainder(s - 32, 16) == 0)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _half_lengths_inputs():
    """Capacity 4096 (64 pages of 64): lengths past 2048 are not all fp16 values; rows at 2065 and 2063."""
    def make():
        lens = torch.tensor([2064, 2065, 2063, 4095, 4096, 4080, 32, 0] * 5)
        return [build(B=40, pages=64, N=1, D=4, lengths=lens, seed=43)]
    return make


def _pool_rows_roll(kv, w, slots, table, lens, cache):
    """Each row pooled from its own window, then every row's pooled value written from row (b + 1) mod B where
    that row has the same length (always true here?) - no: rolled rows, refused by the plan."""
    new = pool(tokens(kv, table, positions(lens)), w)
    return write(cache, slots, completes(lens), new.roll(1, 0))


def _pool_first_row_weight(kv, w, slots, table, lens, cache):
    """The weight selected by row 0's length: w where lens[0] completes, else w flipped (rows not independent)."""
    wsel = torch.where(completes(lens[:1])[0], w, w.flip(0))
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), wsel))


ATTACKS += [
    ("rows_late_qualifiers_b64", _mk(lambda kv, w, slots, table, lens, cache: write(
        cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w)), _late_qualifiers(), SB),
     "control: the contract at B = 64 with no qualifying row among the first 32 (the cut's rows)"),
    ("rows_rolled_new", _mk(_pool_rows_roll, _std(), SB), "pooled rows rolled by one along the batch"),
    ("rows_weight_by_row0", _mk(_pool_first_row_weight, _std(), SB),
     "weight flipped unless row 0 completes: every row depends on row 0's length"),
    ("mask_float_lengths", _mk(_mask_float, _std(), SB), "condition on lengths cast to fp32 (exact)"),
    ("mask_half_lengths_cap4096", _mk(_mask_half, _half_lengths_inputs(), SB),
     "condition on lengths cast to fp16 at capacity 4096: 2065 rounds to 2064, (2064 - 32) % 16 == 0"),
]


# --- 7. the kept rows and the select chain (exactness.check_kept_path / check_select_chain) -----------------------
def _keep(kind):
    def step(kv, w, slots, table, lens, cache):
        new = pool(tokens(kv, table, positions(lens)), w)
        s = slots.long()
        old = cache[s]
        if kind == "bits_roundtrip":
            old = old.view(torch.int16).view(cache.dtype)
        elif kind == "plus_zero":
            old = old + 0.0
        elif kind == "where_self_eq":
            old = torch.where(old == old, old, old)
        elif kind == "fp32_keep":
            rows = torch.where(completes(lens)[:, None, None], new, old.float()).to(cache.dtype)
            cache[s] = rows
            return cache
        elif kind == "fp64_select_fp32_round":
            rows = torch.where(completes(lens)[:, None, None], new.double(), old.double()).float().to(cache.dtype)
            cache[s] = rows
            return cache
        elif kind == "minus_zero_sub":
            old = old - 0.0
        else:
            raise AssertionError(kind)
        cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), old)
        return cache
    return step


ATTACKS += [
    ("keep_bits_roundtrip", _mk(_keep("bits_roundtrip"), _std(), SB),
     "kept rows through .view(int16).view(fp16): a bit-level identity"),
    ("keep_plus_zero", _mk(_keep("plus_zero"), _std(), SB),
     "kept rows + 0.0: -0.0 kept rows become +0.0 in eager"),
    ("keep_minus_zero", _mk(_keep("minus_zero_sub"), _std(), SB), "kept rows - 0.0: the identity in IEEE"),
    ("keep_where_self_eq", _mk(_keep("where_self_eq"), _std(), SB),
     "kept rows where(old == old, old, old): the identity through a value-dependent select"),
    ("keep_fp32_select", _mk(_keep("fp32_keep"), _std(), SB), "control: select in fp32, one rounding"),
    ("keep_fp64_select_fp32_then_fp16", _mk(_keep("fp64_select_fp32_round"), _std(), SB),
     "select in fp64, then fp32, then fp16: the new row rounded fp64 -> fp32 -> fp16 (exact from an fp32 sum)"),
]


# --- 8. a weight shared along the window, applied after the sum (fp16's sum-then-scale exemption) -----------------
def _sum_then_weight(kind):
    """One weight per head (row 0 of w, expanded along the window: the op's weight is that expand), applied to the
    window sum instead of each token.  For fp16 data pooling._check_sum_then_scale exempts every scaling of a sum,
    which is exact for a power-of-two 1/l but not for a weight: fl(fl(a + b) * w) is not fl(fl(w a) + fl(w b))."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        wl = w[:1].expand(w.shape[0], w.shape[1])  # [l, N], equal along l
        if kind == "select":
            new = tok.sum(1) * wl[0].float()[None, :, None]
        elif kind == "keepdim":
            new = (tok.sum(1, keepdim=True) * wl[:1].float()[None, :, :, None]).sum(1)
        elif kind == "einsum":
            new = torch.einsum("bnd,n->bnd", tok.sum(1), wl[0].float())
        elif kind == "div":
            new = tok.sum(1) / (1.0 / wl[0].float())[None, :, None] if False else tok.sum(1) * wl[-1].float()[None, :, None]
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


def _sum_rounds(dtype=torch.float16):
    """Windows [17408, -0.00074148, 0, ...] (their fp32 sum rounds) under a weight of 3.609375 in row 0: eager's
    fl(fl(a + b) * w) is 62848 in fp16, the op's fl(w a + w b) 62816; also [5120, 0.00020182] under 1.298828125
    (6648 vs 6652)."""
    def make():
        x = build(dtype=dtype, seed=61, window=lambda b, s: ([17408.0, -0.0007414817810058594] if b % 2 else
                                                           [5120.0, 0.00020182132720947266]) + [0.0] * (L - 2))
        w = x.args[1].clone()
        w[0, 0], w[0, 1] = 3.609375, 1.298828125
        w[-1] = w[0]
        x.args[1] = w
        return [build(dtype=dtype, seed=60), x]
    return make


ATTACKS += [
    ("sw_sum_times_head_weight_fp16", _mk(_sum_then_weight("select"), _sum_rounds(), SB),
     "tok.sum(1) * w[:1].expand(l, N)[0]: the per-head weight applied after the sum, fp16"),
    ("sw_sum_keepdim_times_weight_fp16", _mk(_sum_then_weight("keepdim"), _sum_rounds(), SB),
     "(tok.sum(1, keepdim) * w[:1].expand(l, N)[:1]).sum(1): the same with a size-1 window dim"),
    ("sw_einsum_sum_weight_fp16", _mk(_sum_then_weight("einsum"), _sum_rounds(), SB),
     "einsum('bnd,n->bnd', tok.sum(1), w[:1].expand(l, N)[0])"),
    ("sw_sum_times_head_weight_bf16", _mk(_sum_then_weight("select"), _sum_rounds(torch.bfloat16), SB),
     "the same with bf16 data (sum-then-scale refused there)"),
]


def _sum_times_expanded_param(kv, w, slots, table, lens, cache):
    """A [1, N] per-head weight parameter expanded to the op's [l, N] in the step, applied after the sum."""
    tok = tokens(kv, table, positions(lens)).float()
    wl = w.expand(L, w.shape[1])
    return write(cache, slots, completes(lens), tok.sum(1) * wl[0].float()[None, :, None])


def _sum_rounds_1xN():
    def make():
        out = []
        for x in _sum_rounds()():
            x.args[1] = x.args[1][:1].clone()
            out.append(x)
        return out
    return make


ATTACKS += [
    ("sw_param_1xN_expanded_fp16", _mk(_sum_times_expanded_param, _sum_rounds_1xN(), MODES3),
     "a [1, N] weight input expanded to [l, N] in the step, the window sum times its row 0"),
    ("sw_sum_times_head_weight_dyn_fp16", _mk(_sum_then_weight("select"), _sum_rounds(), ("dynamic",)),
     "sw_sum_times_head_weight_fp16 under dynamic=True"),
    ("neg_sum_neg_dyn_fp16", _mk(_neg_pool("neg_sum_neg"), _zw(), ("dynamic",)),
     "neg_sum_neg_fp16 under dynamic=True"),
]


# --- 9. edges of the integer dtypes and sizes (crash hunting) --------------------------------------------------
def _contract(kv, w, slots, table, lens, cache):
    return write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _edge(**kw):
    return lambda: [build(seed=k, **kw) for k in range(2)]


def _edge_cast(lens_dtype=None, table_dtype=None, **kw):
    def make():
        out = []
        for x in _edge(**kw)():
            if lens_dtype is not None:
                x.args[4] = x.args[4].to(lens_dtype)
            if table_dtype is not None:
                x.args[3] = x.args[3].to(table_dtype)
            out.append(x)
        return out
    return make


ATTACKS += [
    ("edge_lens_int16", _mk(_contract, _edge_cast(lens_dtype=torch.int16), SB), "lengths in int16"),
    ("edge_table_int16", _mk(_contract, _edge_cast(table_dtype=torch.int16), SB), "block table in int16"),
    ("edge_lens_uint8", _mk(_contract, _edge_cast(lens_dtype=torch.uint8), SB),
     "lengths in uint8 (capacity 256: 256 does not fit, valid lengths 0..255)"),
    ("edge_b1_n1_d1", _mk(_contract, lambda: [build(B=1, N=1, D=1, lengths=[48], seed=k) for k in range(2)], SB),
     "B = N = D = 1"),
    ("edge_wide_b1_rev_chain", _mk(_chain("stack_sum"), lambda: [_cancel(B=1, lengths=[36 + 12])], ("static",)),
     "F1 at B = 1"),
]


# --- 10. sum-then-scale behind a negation (pooling._check_sum_then_scale's ``summed`` stops at neg) ----------------
def _neg_scaled(kind):
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens)).float()
        if kind == "mean_div":
            new = -((-tok.sum(1)) / L)
        elif kind == "mean_mul":
            new = -((-tok.sum(1)) * (1.0 / L))
        elif kind == "head_weight":
            wl = w[:1].expand(w.shape[0], w.shape[1])
            new = -((-tok.sum(1)) * wl[0].float()[None, :, None])
        elif kind == "plain_mean":  # control: refused for bf16 / fp32 (sum-then-scale)
            new = tok.sum(1) / L
        else:
            raise AssertionError(kind)
        return write(cache, slots, completes(lens), new)
    return step


def _near_max(dtype):
    """Windows of two tokens at 0.75 x the dtype's max (then zeros): their fp32 sum overflows for fp32 data and not
    at all for bf16 (1.5 x 2^127 x 2 overflows fp32), the op's scaled products stay finite."""
    def make():
        big = float(torch.finfo(dtype).max) * 0.75
        x = build(dtype=dtype, seed=71, window=lambda b, s: [big, big] + [0.0] * (L - 2))
        w = x.args[1].clone()
        w[0] = 0.25
        x.args[1] = w
        return [build(dtype=dtype, seed=70), x]
    return make


ATTACKS += [
    ("nsc_mean_div_bf16", _mk(_neg_scaled("mean_div"), _near_max(torch.bfloat16), MODES3),
     "bf16 mean as -((-sum) / l): the sum overflows fp32 where the op's scaled products do not"),
    ("nsc_mean_mul_fp32", _mk(_neg_scaled("mean_mul"), _near_max(torch.float32), SB),
     "fp32 mean as -((-sum) * (1/l)): the sum of two 0.75 max values overflows"),
    ("nsc_head_weight_bf16", _mk(_neg_scaled("head_weight"), _near_max(torch.bfloat16), SB),
     "bf16: -((-sum) * w[:1].expand(l, N)[0]), a weight 0.25 after an overflowing sum"),
    ("nsc_plain_mean_bf16", _mk(_neg_scaled("plain_mean"), _near_max(torch.bfloat16), SB),
     "control: bf16 sum / l (refused: sum-then-scale)"),
]

# First-try results on the frozen tree (806b2f9, /tmp/base25): (attack, dialect, mode, result).  "inductor" (real
# Inductor codegen) and "torchair" (real torchair on CPU: its control does not compile there) are confirmation runs.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CD, _EF = "CONTROL DIFFERS", "EAGER FAILS"
_FIRST = [
    ('ord_stack_sum_rev_fp16', 'inductor_graph', 'static', _FF),
    ('ord_stack_sum_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_stack_sum_rev_fp32', 'inductor_graph', 'static', _FF),
    ('ord_stack_sum_rev_fp32', 'inductor_graph', 'batch', _R),
    ('ord_stack_sum_fwd_fp16', 'inductor_graph', 'static', _EQ),
    ('ord_stack_sum_fwd_fp16', 'inductor_graph', 'batch', _R),
    ('ord_stack_sum_fwd_zeros_fp16', 'inductor_graph', 'static', _R),
    ('ord_stack_sum_fwd_zeros_fp16', 'inductor_graph', 'batch', _R),
    ('ord_cat_sum_rev_fp16', 'inductor_graph', 'static', _FF),
    ('ord_cat_sum_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_stack_matmul_rev_fp16', 'inductor_graph', 'static', _FF),
    ('ord_stack_matmul_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_einsum2_rev_fp16', 'inductor_graph', 'static', _FF),
    ('ord_einsum2_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_sum_list_rev_fp16', 'inductor_graph', 'static', _R),
    ('ord_sum_list_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_baddbmm_rev_fp16', 'inductor_graph', 'static', _FF),
    ('ord_baddbmm_rev_fp16', 'inductor_graph', 'batch', _FF),
    ('ord_baddbmm_fwd_fp16', 'inductor_graph', 'static', _EQ),
    ('ord_baddbmm_fwd_fp16', 'inductor_graph', 'batch', _EQ),
    ('ord_pairwise_tree_fp16', 'inductor_graph', 'static', _FF),
    ('ord_pairwise_tree_fp16', 'inductor_graph', 'batch', _R),
    ('ord_halves_stack_sum_fp16', 'inductor_graph', 'static', _FF),
    ('ord_halves_stack_sum_fp16', 'inductor_graph', 'batch', _FF),
    ('ord_halves_add_fp16', 'inductor_graph', 'static', _R),
    ('ord_halves_add_fp16', 'inductor_graph', 'batch', _R),
    ('w_times_div_times_zero_l4', 'inductor_graph', 'static', _R),
    ('w_times_div_times_zero_l4', 'inductor_graph', 'batch', _R),
    ('w_times_times_div_zero_l4', 'inductor_graph', 'static', _R),
    ('w_times_times_div_zero_l4', 'inductor_graph', 'batch', _R),
    ('w_times_div_times_zero_l32', 'inductor_graph', 'static', _R),
    ('w_times_div_times_zero_l32', 'inductor_graph', 'batch', _R),
    ('w_times_times_div_overflow_bf16_l4', 'inductor_graph', 'static', _R),
    ('w_times_times_div_overflow_bf16_l4', 'inductor_graph', 'batch', _R),
    ('w_times_div_times_subnormal_fp32_l4', 'inductor_graph', 'static', _R),
    ('w_times_div_times_subnormal_fp32_l4', 'inductor_graph', 'batch', _R),
    ('neg_sum_neg_fp16', 'inductor_graph', 'static', _FF),
    ('neg_sum_neg_fp16', 'inductor_graph', 'batch', _FF),
    ('neg_tok_sum_neg_fp16', 'inductor_graph', 'static', _FF),
    ('neg_tok_sum_neg_fp16', 'inductor_graph', 'batch', _FF),
    ('neg_sum_neg_fp32', 'inductor_graph', 'static', _FF),
    ('neg_sum_neg_fp32', 'inductor_graph', 'batch', _FF),
    ('neg_sum_neg_bf16', 'inductor_graph', 'static', _FF),
    ('neg_sum_neg_bf16', 'inductor_graph', 'batch', _FF),
    ('neg_einsum_neg_fp16', 'inductor_graph', 'static', _FF),
    ('neg_einsum_neg_fp16', 'inductor_graph', 'batch', _FF),
    ('neg_matmul_neg_fp16', 'inductor_graph', 'static', _FF),
    ('neg_matmul_neg_fp16', 'inductor_graph', 'batch', _FF),
    ('neg_mean_neg_fp16', 'inductor_graph', 'static', _R),
    ('neg_mean_neg_fp16', 'inductor_graph', 'batch', _R),
    ('neg_loop_neg_fp16', 'inductor_graph', 'static', _R),
    ('neg_loop_neg_fp16', 'inductor_graph', 'batch', _R),
    ('pg_fp16_roundtrip_3000', 'inductor_graph', 'static', _R),
    ('pg_fp16_roundtrip_3000', 'inductor_graph', 'batch', _R),
    ('pg_bf16_roundtrip_300', 'inductor_graph', 'static', _R),
    ('pg_bf16_roundtrip_300', 'inductor_graph', 'batch', _R),
    ('pg_fp32_roundtrip_300', 'inductor_graph', 'static', _EQ),
    ('pg_fp32_roundtrip_300', 'inductor_graph', 'batch', _EQ),
    ('pg_uint8_300', 'inductor_graph', 'static', _R),
    ('pg_uint8_300', 'inductor_graph', 'batch', _R),
    ('pg_int16_40000', 'inductor_graph', 'static', _R),
    ('pg_int16_40000', 'inductor_graph', 'batch', _R),
    ('pg_clamp_255_of_300', 'inductor_graph', 'static', _R),
    ('pg_clamp_255_of_300', 'inductor_graph', 'batch', _R),
    ('pg_minimum_tensor_255', 'inductor_graph', 'static', _R),
    ('pg_minimum_tensor_255', 'inductor_graph', 'batch', _R),
    ('pg_fmin_fp32_255', 'inductor_graph', 'static', _R),
    ('pg_fmin_fp32_255', 'inductor_graph', 'batch', _R),
    ('pg_trunc_div_mul', 'inductor_graph', 'static', _R),
    ('pg_trunc_div_mul', 'inductor_graph', 'batch', _R),
    ('pg_abs', 'inductor_graph', 'static', _R),
    ('pg_abs', 'inductor_graph', 'batch', _R),
    ('pg_int32_flat_mul', 'inductor_graph', 'static', _R),
    ('pg_int32_flat_mul', 'inductor_graph', 'batch', _R),
    ('dt_fp32_tok_via_bf16', 'inductor_graph', 'static', _R),
    ('dt_fp32_tok_via_bf16', 'inductor_graph', 'batch', _R),
    ('dt_fp32_tok_via_fp16', 'inductor_graph', 'static', _R),
    ('dt_fp32_tok_via_fp16', 'inductor_graph', 'batch', _R),
    ('dt_bf16_tok_via_fp16', 'inductor_graph', 'static', _R),
    ('dt_bf16_tok_via_fp16', 'inductor_graph', 'batch', _R),
    ('dt_fp16_tok_via_fp64', 'inductor_graph', 'static', _EQ),
    ('dt_fp16_tok_via_fp64', 'inductor_graph', 'batch', _EQ),
    ('dt_fp32_w_via_bf16', 'inductor_graph', 'static', _R),
    ('dt_fp32_w_via_bf16', 'inductor_graph', 'batch', _R),
    ('dt_bf16_w_via_fp16', 'inductor_graph', 'static', _R),
    ('dt_bf16_w_via_fp16', 'inductor_graph', 'batch', _R),
    ('dt_fp32_new_via_bf16', 'inductor_graph', 'static', _R),
    ('dt_fp32_new_via_bf16', 'inductor_graph', 'batch', _R),
    ('dt_fp16_new_via_bf16', 'inductor_graph', 'static', _R),
    ('dt_fp16_new_via_bf16', 'inductor_graph', 'batch', _R),
    ('dt_bf16_new_via_fp16', 'inductor_graph', 'static', _R),
    ('dt_bf16_new_via_fp16', 'inductor_graph', 'batch', _R),
    ('dt_fp16_new_round_trip', 'inductor_graph', 'static', _EQ),
    ('dt_fp16_new_round_trip', 'inductor_graph', 'batch', _EQ),
    ('dt_fp32_product_fp64', 'inductor_graph', 'static', _R),
    ('dt_fp32_product_fp64', 'inductor_graph', 'batch', _R),
    ('dt_int_weight', 'inductor_graph', 'static', _R),
    ('dt_int_weight', 'inductor_graph', 'batch', _R),
    ('ord_sum_dtype_rev_fp16', 'inductor_graph', 'static', _FF),
    ('ord_sum_dtype_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_linear2_rev_fp16', 'inductor_graph', 'static', _R),
    ('ord_linear2_rev_fp16', 'inductor_graph', 'batch', _R),
    ('ord_stack_sum_rev_bf16', 'inductor_graph', 'static', _FF),
    ('ord_stack_sum_rev_bf16', 'inductor_graph', 'batch', _R),
    ('ord_stack_sum_rev_dyn_fp16', 'inductor_graph', 'dynamic', _R),
    ('ord_baddbmm_rev_fp32', 'inductor_graph', 'static', _R),
    ('ord_baddbmm_rev_fp32', 'inductor_graph', 'batch', _R),
    ('ord_neg_stack_sum_fwd_fp16', 'inductor_graph', 'static', _FF),
    ('ord_neg_stack_sum_fwd_fp16', 'inductor_graph', 'batch', _FF),
    ('neg_kv_gather_sum_neg_fp16', 'inductor_graph', 'static', _R),
    ('neg_kv_gather_sum_neg_fp16', 'inductor_graph', 'batch', _R),
    ('neg_neg_after_sum_fp16', 'inductor_graph', 'static', _EQ),
    ('neg_neg_after_sum_fp16', 'inductor_graph', 'batch', _EQ),
    ('rows_late_qualifiers_b64', 'inductor_graph', 'static', _EQ),
    ('rows_late_qualifiers_b64', 'inductor_graph', 'batch', _EQ),
    ('rows_rolled_new', 'inductor_graph', 'static', _R),
    ('rows_rolled_new', 'inductor_graph', 'batch', _R),
    ('rows_weight_by_row0', 'inductor_graph', 'static', _R),
    ('rows_weight_by_row0', 'inductor_graph', 'batch', _R),
    ('mask_float_lengths', 'inductor_graph', 'static', _EQ),
    ('mask_float_lengths', 'inductor_graph', 'batch', _EQ),
    ('mask_half_lengths_cap4096', 'inductor_graph', 'static', _R),
    ('mask_half_lengths_cap4096', 'inductor_graph', 'batch', _R),
    ('keep_bits_roundtrip', 'inductor_graph', 'static', _EQ),
    ('keep_bits_roundtrip', 'inductor_graph', 'batch', _EQ),
    ('keep_plus_zero', 'inductor_graph', 'static', _R),
    ('keep_plus_zero', 'inductor_graph', 'batch', _R),
    ('keep_minus_zero', 'inductor_graph', 'static', _R),
    ('keep_minus_zero', 'inductor_graph', 'batch', _R),
    ('keep_where_self_eq', 'inductor_graph', 'static', _R),
    ('keep_where_self_eq', 'inductor_graph', 'batch', _R),
    ('keep_fp32_select', 'inductor_graph', 'static', _EQ),
    ('keep_fp32_select', 'inductor_graph', 'batch', _EQ),
    ('keep_fp64_select_fp32_then_fp16', 'inductor_graph', 'static', _R),
    ('keep_fp64_select_fp32_then_fp16', 'inductor_graph', 'batch', _R),
    ('sw_sum_times_head_weight_fp16', 'inductor_graph', 'static', _FF),
    ('sw_sum_times_head_weight_fp16', 'inductor_graph', 'batch', _FF),
    ('sw_sum_keepdim_times_weight_fp16', 'inductor_graph', 'static', _FF),
    ('sw_sum_keepdim_times_weight_fp16', 'inductor_graph', 'batch', _FF),
    ('sw_einsum_sum_weight_fp16', 'inductor_graph', 'static', _FF),
    ('sw_einsum_sum_weight_fp16', 'inductor_graph', 'batch', _FF),
    ('sw_sum_times_head_weight_bf16', 'inductor_graph', 'static', _R),
    ('sw_sum_times_head_weight_bf16', 'inductor_graph', 'batch', _R),
    ('sw_param_1xN_expanded_fp16', 'inductor_graph', 'static', _FF),
    ('sw_param_1xN_expanded_fp16', 'inductor_graph', 'batch', _FF),
    ('sw_param_1xN_expanded_fp16', 'inductor_graph', 'dynamic', _FF),
    ('sw_sum_times_head_weight_dyn_fp16', 'inductor_graph', 'dynamic', _FF),
    ('neg_sum_neg_dyn_fp16', 'inductor_graph', 'dynamic', _FF),
    ('edge_lens_int16', 'inductor_graph', 'static', _EQ),
    ('edge_lens_int16', 'inductor_graph', 'batch', _EQ),
    ('edge_table_int16', 'inductor_graph', 'static', _EQ),
    ('edge_table_int16', 'inductor_graph', 'batch', _EQ),
    ('edge_lens_uint8', 'inductor_graph', 'static', _R),
    ('edge_lens_uint8', 'inductor_graph', 'batch', _R),
    ('edge_b1_n1_d1', 'inductor_graph', 'static', _EQ),
    ('edge_b1_n1_d1', 'inductor_graph', 'batch', _EQ),
    ('edge_wide_b1_rev_chain', 'inductor_graph', 'static', _FF),
    ('nsc_mean_div_bf16', 'inductor_graph', 'static', _FF),
    ('nsc_mean_div_bf16', 'inductor_graph', 'batch', _FF),
    ('nsc_mean_div_bf16', 'inductor_graph', 'dynamic', _FF),
    ('nsc_mean_mul_fp32', 'inductor_graph', 'static', _FF),
    ('nsc_mean_mul_fp32', 'inductor_graph', 'batch', _FF),
    ('nsc_head_weight_bf16', 'inductor_graph', 'static', _FF),
    ('nsc_head_weight_bf16', 'inductor_graph', 'batch', _FF),
    ('nsc_plain_mean_bf16', 'inductor_graph', 'static', _R),
    ('nsc_plain_mean_bf16', 'inductor_graph', 'batch', _R),
    ('ord_stack_sum_rev_fp16', 'torchair_like', 'static', _FF),
    ('ord_stack_sum_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_stack_sum_rev_fp32', 'torchair_like', 'static', _FF),
    ('ord_stack_sum_rev_fp32', 'torchair_like', 'batch', _R),
    ('ord_stack_sum_fwd_fp16', 'torchair_like', 'static', _EQ),
    ('ord_stack_sum_fwd_fp16', 'torchair_like', 'batch', _R),
    ('ord_stack_sum_fwd_zeros_fp16', 'torchair_like', 'static', _EQ),
    ('ord_stack_sum_fwd_zeros_fp16', 'torchair_like', 'batch', _EQ),
    ('ord_cat_sum_rev_fp16', 'torchair_like', 'static', _FF),
    ('ord_cat_sum_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_stack_matmul_rev_fp16', 'torchair_like', 'static', _R),
    ('ord_stack_matmul_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_einsum2_rev_fp16', 'torchair_like', 'static', _FF),
    ('ord_einsum2_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_sum_list_rev_fp16', 'torchair_like', 'static', _R),
    ('ord_sum_list_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_baddbmm_rev_fp16', 'torchair_like', 'static', _FF),
    ('ord_baddbmm_rev_fp16', 'torchair_like', 'batch', _FF),
    ('ord_baddbmm_fwd_fp16', 'torchair_like', 'static', _EQ),
    ('ord_baddbmm_fwd_fp16', 'torchair_like', 'batch', _EQ),
    ('ord_pairwise_tree_fp16', 'torchair_like', 'static', _FF),
    ('ord_pairwise_tree_fp16', 'torchair_like', 'batch', _R),
    ('ord_halves_stack_sum_fp16', 'torchair_like', 'static', _FF),
    ('ord_halves_stack_sum_fp16', 'torchair_like', 'batch', _FF),
    ('ord_halves_add_fp16', 'torchair_like', 'static', _R),
    ('ord_halves_add_fp16', 'torchair_like', 'batch', _R),
    ('w_times_div_times_zero_l4', 'torchair_like', 'static', _R),
    ('w_times_div_times_zero_l4', 'torchair_like', 'batch', _R),
    ('w_times_times_div_zero_l4', 'torchair_like', 'static', _R),
    ('w_times_times_div_zero_l4', 'torchair_like', 'batch', _R),
    ('w_times_div_times_zero_l32', 'torchair_like', 'static', _R),
    ('w_times_div_times_zero_l32', 'torchair_like', 'batch', _R),
    ('w_times_times_div_overflow_bf16_l4', 'torchair_like', 'static', _R),
    ('w_times_times_div_overflow_bf16_l4', 'torchair_like', 'batch', _R),
    ('w_times_div_times_subnormal_fp32_l4', 'torchair_like', 'static', _R),
    ('w_times_div_times_subnormal_fp32_l4', 'torchair_like', 'batch', _R),
    ('neg_sum_neg_fp16', 'torchair_like', 'static', _FF),
    ('neg_sum_neg_fp16', 'torchair_like', 'batch', _FF),
    ('neg_tok_sum_neg_fp16', 'torchair_like', 'static', _FF),
    ('neg_tok_sum_neg_fp16', 'torchair_like', 'batch', _FF),
    ('neg_sum_neg_fp32', 'torchair_like', 'static', _FF),
    ('neg_sum_neg_fp32', 'torchair_like', 'batch', _FF),
    ('neg_sum_neg_bf16', 'torchair_like', 'static', _FF),
    ('neg_sum_neg_bf16', 'torchair_like', 'batch', _FF),
    ('neg_einsum_neg_fp16', 'torchair_like', 'static', _FF),
    ('neg_einsum_neg_fp16', 'torchair_like', 'batch', _FF),
    ('neg_matmul_neg_fp16', 'torchair_like', 'static', _FF),
    ('neg_matmul_neg_fp16', 'torchair_like', 'batch', _FF),
    ('neg_mean_neg_fp16', 'torchair_like', 'static', _R),
    ('neg_mean_neg_fp16', 'torchair_like', 'batch', _R),
    ('neg_loop_neg_fp16', 'torchair_like', 'static', _R),
    ('neg_loop_neg_fp16', 'torchair_like', 'batch', _R),
    ('pg_fp16_roundtrip_3000', 'torchair_like', 'static', _R),
    ('pg_fp16_roundtrip_3000', 'torchair_like', 'batch', _R),
    ('pg_bf16_roundtrip_300', 'torchair_like', 'static', _R),
    ('pg_bf16_roundtrip_300', 'torchair_like', 'batch', _R),
    ('pg_fp32_roundtrip_300', 'torchair_like', 'static', _EQ),
    ('pg_fp32_roundtrip_300', 'torchair_like', 'batch', _EQ),
    ('pg_uint8_300', 'torchair_like', 'static', _R),
    ('pg_uint8_300', 'torchair_like', 'batch', _R),
    ('pg_int16_40000', 'torchair_like', 'static', _R),
    ('pg_int16_40000', 'torchair_like', 'batch', _R),
    ('pg_clamp_255_of_300', 'torchair_like', 'static', _R),
    ('pg_clamp_255_of_300', 'torchair_like', 'batch', _R),
    ('pg_minimum_tensor_255', 'torchair_like', 'static', _R),
    ('pg_minimum_tensor_255', 'torchair_like', 'batch', _R),
    ('pg_fmin_fp32_255', 'torchair_like', 'static', _R),
    ('pg_fmin_fp32_255', 'torchair_like', 'batch', _R),
    ('pg_trunc_div_mul', 'torchair_like', 'static', _R),
    ('pg_trunc_div_mul', 'torchair_like', 'batch', _R),
    ('pg_abs', 'torchair_like', 'static', _R),
    ('pg_abs', 'torchair_like', 'batch', _R),
    ('pg_int32_flat_mul', 'torchair_like', 'static', _R),
    ('pg_int32_flat_mul', 'torchair_like', 'batch', _R),
    ('dt_fp32_tok_via_bf16', 'torchair_like', 'static', _R),
    ('dt_fp32_tok_via_bf16', 'torchair_like', 'batch', _R),
    ('dt_fp32_tok_via_fp16', 'torchair_like', 'static', _R),
    ('dt_fp32_tok_via_fp16', 'torchair_like', 'batch', _R),
    ('dt_bf16_tok_via_fp16', 'torchair_like', 'static', _R),
    ('dt_bf16_tok_via_fp16', 'torchair_like', 'batch', _R),
    ('dt_fp16_tok_via_fp64', 'torchair_like', 'static', _R),
    ('dt_fp16_tok_via_fp64', 'torchair_like', 'batch', _R),
    ('dt_fp32_w_via_bf16', 'torchair_like', 'static', _R),
    ('dt_fp32_w_via_bf16', 'torchair_like', 'batch', _R),
    ('dt_bf16_w_via_fp16', 'torchair_like', 'static', _R),
    ('dt_bf16_w_via_fp16', 'torchair_like', 'batch', _R),
    ('dt_fp32_new_via_bf16', 'torchair_like', 'static', _R),
    ('dt_fp32_new_via_bf16', 'torchair_like', 'batch', _R),
    ('dt_fp16_new_via_bf16', 'torchair_like', 'static', _R),
    ('dt_fp16_new_via_bf16', 'torchair_like', 'batch', _R),
    ('dt_bf16_new_via_fp16', 'torchair_like', 'static', _R),
    ('dt_bf16_new_via_fp16', 'torchair_like', 'batch', _R),
    ('dt_fp16_new_round_trip', 'torchair_like', 'static', _EQ),
    ('dt_fp16_new_round_trip', 'torchair_like', 'batch', _EQ),
    ('dt_fp32_product_fp64', 'torchair_like', 'static', _R),
    ('dt_fp32_product_fp64', 'torchair_like', 'batch', _R),
    ('dt_int_weight', 'torchair_like', 'static', _R),
    ('dt_int_weight', 'torchair_like', 'batch', _R),
    ('ord_sum_dtype_rev_fp16', 'torchair_like', 'static', _FF),
    ('ord_sum_dtype_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_linear2_rev_fp16', 'torchair_like', 'static', _R),
    ('ord_linear2_rev_fp16', 'torchair_like', 'batch', _R),
    ('ord_stack_sum_rev_bf16', 'torchair_like', 'static', _FF),
    ('ord_stack_sum_rev_bf16', 'torchair_like', 'batch', _R),
    ('ord_stack_sum_rev_dyn_fp16', 'torchair_like', 'dynamic', _R),
    ('ord_baddbmm_rev_fp32', 'torchair_like', 'static', _R),
    ('ord_baddbmm_rev_fp32', 'torchair_like', 'batch', _R),
    ('ord_neg_stack_sum_fwd_fp16', 'torchair_like', 'static', _FF),
    ('ord_neg_stack_sum_fwd_fp16', 'torchair_like', 'batch', _FF),
    ('neg_kv_gather_sum_neg_fp16', 'torchair_like', 'static', _R),
    ('neg_kv_gather_sum_neg_fp16', 'torchair_like', 'batch', _R),
    ('neg_neg_after_sum_fp16', 'torchair_like', 'static', _EQ),
    ('neg_neg_after_sum_fp16', 'torchair_like', 'batch', _EQ),
    ('rows_late_qualifiers_b64', 'torchair_like', 'static', _EQ),
    ('rows_late_qualifiers_b64', 'torchair_like', 'batch', _EQ),
    ('rows_rolled_new', 'torchair_like', 'static', _R),
    ('rows_rolled_new', 'torchair_like', 'batch', _R),
    ('rows_weight_by_row0', 'torchair_like', 'static', _R),
    ('rows_weight_by_row0', 'torchair_like', 'batch', _R),
    ('mask_float_lengths', 'torchair_like', 'static', _EQ),
    ('mask_float_lengths', 'torchair_like', 'batch', _EQ),
    ('mask_half_lengths_cap4096', 'torchair_like', 'static', _R),
    ('mask_half_lengths_cap4096', 'torchair_like', 'batch', _R),
    ('keep_bits_roundtrip', 'torchair_like', 'static', _R),
    ('keep_bits_roundtrip', 'torchair_like', 'batch', _R),
    ('keep_plus_zero', 'torchair_like', 'static', _R),
    ('keep_plus_zero', 'torchair_like', 'batch', _R),
    ('keep_minus_zero', 'torchair_like', 'static', _R),
    ('keep_minus_zero', 'torchair_like', 'batch', _R),
    ('keep_where_self_eq', 'torchair_like', 'static', _R),
    ('keep_where_self_eq', 'torchair_like', 'batch', _R),
    ('keep_fp32_select', 'torchair_like', 'static', _EQ),
    ('keep_fp32_select', 'torchair_like', 'batch', _EQ),
    ('keep_fp64_select_fp32_then_fp16', 'torchair_like', 'static', _R),
    ('keep_fp64_select_fp32_then_fp16', 'torchair_like', 'batch', _R),
    ('sw_sum_times_head_weight_fp16', 'torchair_like', 'static', _FF),
    ('sw_sum_times_head_weight_fp16', 'torchair_like', 'batch', _FF),
    ('sw_sum_keepdim_times_weight_fp16', 'torchair_like', 'static', _FF),
    ('sw_sum_keepdim_times_weight_fp16', 'torchair_like', 'batch', _FF),
    ('sw_einsum_sum_weight_fp16', 'torchair_like', 'static', _FF),
    ('sw_einsum_sum_weight_fp16', 'torchair_like', 'batch', _FF),
    ('sw_sum_times_head_weight_bf16', 'torchair_like', 'static', _R),
    ('sw_sum_times_head_weight_bf16', 'torchair_like', 'batch', _R),
    ('sw_param_1xN_expanded_fp16', 'torchair_like', 'static', _FF),
    ('sw_param_1xN_expanded_fp16', 'torchair_like', 'batch', _FF),
    ('sw_param_1xN_expanded_fp16', 'torchair_like', 'dynamic', _FF),
    ('sw_sum_times_head_weight_dyn_fp16', 'torchair_like', 'dynamic', _FF),
    ('neg_sum_neg_dyn_fp16', 'torchair_like', 'dynamic', _FF),
    ('edge_lens_int16', 'torchair_like', 'static', _EQ),
    ('edge_lens_int16', 'torchair_like', 'batch', _EQ),
    ('edge_table_int16', 'torchair_like', 'static', _EQ),
    ('edge_table_int16', 'torchair_like', 'batch', _EQ),
    ('edge_lens_uint8', 'torchair_like', 'static', _R),
    ('edge_lens_uint8', 'torchair_like', 'batch', _R),
    ('edge_b1_n1_d1', 'torchair_like', 'static', _EQ),
    ('edge_b1_n1_d1', 'torchair_like', 'batch', _EQ),
    ('edge_wide_b1_rev_chain', 'torchair_like', 'static', _FF),
    ('nsc_mean_div_bf16', 'torchair_like', 'static', _FF),
    ('nsc_mean_div_bf16', 'torchair_like', 'batch', _FF),
    ('nsc_mean_div_bf16', 'torchair_like', 'dynamic', _FF),
    ('nsc_mean_mul_fp32', 'torchair_like', 'static', _FF),
    ('nsc_mean_mul_fp32', 'torchair_like', 'batch', _FF),
    ('nsc_head_weight_bf16', 'torchair_like', 'static', _FF),
    ('nsc_head_weight_bf16', 'torchair_like', 'batch', _FF),
    ('nsc_plain_mean_bf16', 'torchair_like', 'static', _R),
    ('nsc_plain_mean_bf16', 'torchair_like', 'batch', _R),
    ('ord_stack_sum_rev_fp16', 'inductor', 'static', _FF),
    ('ord_stack_sum_rev_fp16', 'inductor', 'batch', _R),
    ('ord_stack_sum_rev_fp32', 'inductor', 'static', _FF),
    ('ord_stack_sum_rev_fp32', 'inductor', 'batch', _R),
    ('ord_cat_sum_rev_fp16', 'inductor', 'static', _FF),
    ('ord_cat_sum_rev_fp16', 'inductor', 'batch', _R),
    ('ord_stack_matmul_rev_fp16', 'inductor', 'static', _FF),
    ('ord_stack_matmul_rev_fp16', 'inductor', 'batch', _R),
    ('ord_einsum2_rev_fp16', 'inductor', 'static', _FF),
    ('ord_einsum2_rev_fp16', 'inductor', 'batch', _R),
    ('ord_baddbmm_rev_fp16', 'inductor', 'static', _FF),
    ('ord_baddbmm_rev_fp16', 'inductor', 'batch', _FF),
    ('ord_baddbmm_fwd_fp16', 'inductor', 'static', _EQ),
    ('ord_baddbmm_fwd_fp16', 'inductor', 'batch', _EQ),
    ('ord_pairwise_tree_fp16', 'inductor', 'static', _FF),
    ('ord_pairwise_tree_fp16', 'inductor', 'batch', _R),
    ('ord_halves_stack_sum_fp16', 'inductor', 'static', _FF),
    ('ord_halves_stack_sum_fp16', 'inductor', 'batch', _FF),
    ('neg_sum_neg_fp16', 'inductor', 'static', _FF),
    ('neg_sum_neg_fp16', 'inductor', 'batch', _FF),
    ('neg_tok_sum_neg_fp16', 'inductor', 'static', _FF),
    ('neg_tok_sum_neg_fp16', 'inductor', 'batch', _FF),
    ('neg_sum_neg_fp32', 'inductor', 'static', _FF),
    ('neg_sum_neg_fp32', 'inductor', 'batch', _FF),
    ('neg_sum_neg_bf16', 'inductor', 'static', _FF),
    ('neg_sum_neg_bf16', 'inductor', 'batch', _FF),
    ('neg_einsum_neg_fp16', 'inductor', 'static', _FF),
    ('neg_einsum_neg_fp16', 'inductor', 'batch', _FF),
    ('neg_matmul_neg_fp16', 'inductor', 'static', _FF),
    ('neg_matmul_neg_fp16', 'inductor', 'batch', _FF),
    ('neg_mean_neg_fp16', 'inductor', 'static', _R),
    ('neg_mean_neg_fp16', 'inductor', 'batch', _R),
    ('neg_loop_neg_fp16', 'inductor', 'static', _R),
    ('neg_loop_neg_fp16', 'inductor', 'batch', _R),
    ('dt_fp16_new_round_trip', 'inductor', 'static', _EQ),
    ('dt_fp16_new_round_trip', 'inductor', 'batch', _EQ),
    ('ord_sum_dtype_rev_fp16', 'inductor', 'static', _FF),
    ('ord_sum_dtype_rev_fp16', 'inductor', 'batch', _R),
    ('ord_stack_sum_rev_bf16', 'inductor', 'static', _FF),
    ('ord_stack_sum_rev_bf16', 'inductor', 'batch', _R),
    ('ord_neg_stack_sum_fwd_fp16', 'inductor', 'static', _FF),
    ('ord_neg_stack_sum_fwd_fp16', 'inductor', 'batch', _FF),
    ('neg_kv_gather_sum_neg_fp16', 'inductor', 'static', _R),
    ('neg_kv_gather_sum_neg_fp16', 'inductor', 'batch', _R),
    ('neg_neg_after_sum_fp16', 'inductor', 'static', _EQ),
    ('neg_neg_after_sum_fp16', 'inductor', 'batch', _EQ),
    ('rows_late_qualifiers_b64', 'inductor', 'static', _EQ),
    ('rows_late_qualifiers_b64', 'inductor', 'batch', _EQ),
    ('keep_fp32_select', 'inductor', 'static', _EQ),
    ('keep_fp32_select', 'inductor', 'batch', _EQ),
    ('sw_sum_times_head_weight_fp16', 'inductor', 'static', _FF),
    ('sw_sum_times_head_weight_fp16', 'inductor', 'batch', _FF),
    ('sw_sum_keepdim_times_weight_fp16', 'inductor', 'static', _CD),
    ('sw_sum_keepdim_times_weight_fp16', 'inductor', 'batch', _CD),
    ('sw_einsum_sum_weight_fp16', 'inductor', 'static', _FF),
    ('sw_einsum_sum_weight_fp16', 'inductor', 'batch', _FF),
    ('sw_sum_times_head_weight_bf16', 'inductor', 'static', _R),
    ('sw_sum_times_head_weight_bf16', 'inductor', 'batch', _R),
    ('sw_param_1xN_expanded_fp16', 'inductor', 'static', _FF),
    ('sw_param_1xN_expanded_fp16', 'inductor', 'batch', _FF),
    ('sw_param_1xN_expanded_fp16', 'inductor', 'dynamic', _FF),
    ('sw_sum_times_head_weight_dyn_fp16', 'inductor', 'dynamic', _FF),
    ('neg_sum_neg_dyn_fp16', 'inductor', 'dynamic', _FF),
    ('edge_b1_n1_d1', 'inductor', 'static', _EQ),
    ('edge_b1_n1_d1', 'inductor', 'batch', _EQ),
    ('edge_wide_b1_rev_chain', 'inductor', 'static', _FF),
    ('nsc_mean_div_bf16', 'inductor', 'static', _FF),
    ('nsc_mean_div_bf16', 'inductor', 'batch', _FF),
    ('nsc_mean_div_bf16', 'inductor', 'dynamic', _FF),
    ('nsc_mean_mul_fp32', 'inductor', 'static', _FF),
    ('nsc_mean_mul_fp32', 'inductor', 'batch', _FF),
    ('nsc_head_weight_bf16', 'inductor', 'static', _FF),
    ('nsc_head_weight_bf16', 'inductor', 'batch', _FF),
    ('nsc_plain_mean_bf16', 'inductor', 'static', _R),
    ('nsc_plain_mean_bf16', 'inductor', 'batch', _R),
    ('ord_baddbmm_rev_fp16', 'torchair', 'static', _CD),
    ('neg_sum_neg_fp16', 'torchair', 'static', _CD),
    ('sw_sum_times_head_weight_fp16', 'torchair', 'static', _CD),
    ('nsc_mean_div_bf16', 'torchair', 'static', _CD),

]


if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
