"""Exactness rules: what the probes cannot see, proved from the graph (docs/soundness.md).

The probes of ``verify.py`` evaluate the user's step on drawn values.  Draws prove only what they
exercise, so everything whose behaviour depends on *magnitudes the draws never reach* is proved here
instead, structurally, for every valid input (docs/contract.md):

* **Float paths hold exact steps only.**  Between a cache row and the write that keeps it: data
  movement and casts to a dtype that holds every value of the cache dtype (fp16 and bf16 in fp32,
  everything in fp64); no arithmetic and no select (a value-dependent branch on the kept rows would
  change specials, which one probe cache cannot exclude).  Between the select and the write: the
  same casts, so a kept row passes unchanged and a new row is rounded once to the cache dtype (a
  round to the cache dtype from fp32 or from fp64 holding an fp32 value is the same rounding).
  On the weight's path: data movement and exact casts (a weight rounded through bf16 in an fp16 model
  is another weight, which probes with small dyadic values cannot tell apart).
* **Integer paths are exact in fixed width.**  Each integer node of the step gets the interval of
  values it can take on valid input (lengths in ``[0, capacity]``, page ids of the windows read in
  ``[0, num_blocks)``, slots in ``[-num_slots, num_slots)``) by interval arithmetic over the ops
  below; a symbolic size leaves a bound open, and then the dtype's own range stands in for it.  A
  cast (int narrowing, or through a float dtype) must keep every value of its input's interval, and a
  clamp/min/max on page ids must be a no-op on theirs: otherwise values larger than the probes draw
  (page 40000 in an int16 cast, ``clamp(0, 1023)`` with 4096 blocks) would compute something else.
* **Sums keep their order or leave it open.**  See ``pooling.PoolingProof.check_structure``.

Each check raises :class:`verify.Refused` naming the node; none evaluates anything.
"""
from __future__ import annotations

import math
import operator
from fractions import Fraction
from typing import NamedTuple

import torch
import torch.fx as fx

from ..pool_tables import POOL_ROWS, ROW_SLOTS
from . import optable as T
from .optable import val

aten = torch.ops.aten
prims = torch.ops.prims

# dst holds every value of src exactly (IEEE: more exponent range and more significand bits)
_FLOAT_HOLDS = {
    torch.float16: {torch.float16},
    torch.bfloat16: {torch.bfloat16},
    torch.float32: {torch.float16, torch.bfloat16, torch.float32},
    torch.float64: {torch.float16, torch.bfloat16, torch.float32, torch.float64},
}

# Integers each dtype holds exactly: [lo, hi].  For floats, the contiguous range of exact integers.
_INT_RANGE = {
    torch.bool: (0, 1), torch.uint8: (0, 255), torch.int8: (-128, 127), torch.int16: (-(1 << 15), (1 << 15) - 1),
    torch.int32: (-(1 << 31), (1 << 31) - 1), torch.int64: (-(1 << 63), (1 << 63) - 1),
    torch.float16: (-(1 << 11), 1 << 11), torch.bfloat16: (-(1 << 8), 1 << 8),
    torch.float32: (-(1 << 24), 1 << 24), torch.float64: (-(1 << 53), 1 << 53),
}


def float_holds(dst, src) -> bool:
    """Every value of float dtype ``src`` is a value of ``dst``."""
    return src in _FLOAT_HOLDS.get(dst, ())


def dtype_range(dtype):
    return _INT_RANGE.get(dtype)


def _refuse(part, reason, node, hint=""):
    from .proof import Refused

    raise Refused(part, reason, node, hint)


# --- float paths -----------------------------------------------------------------------------------
def check_kept_path(keep: fx.Node, cache: fx.Node, slots: fx.Node, cache_dtype, sizes=None) -> None:
    """The select's keep operand is ``cache[slots]`` moved and cast exactly: no arithmetic, no select,
    no bit reinterpretation, casts only to dtypes that hold the cache dtype."""
    from .proof import in_order, value_ancestors
    from .sizes import _numbers_only_the_dim_it_indexes

    for n in in_order(value_ancestors([keep], {cache, slots}) - {cache, slots}):
        if n.op == "placeholder":
            _refuse("keep", f"the kept cache rows are picked using {n.name}: which old rows are kept may then depend "
                    "on the lengths, the tokens or the weight, which the keep probe draws only a few of", n,
                    "keep rows with torch.where(valid, new, cache[slots]) and nothing else on cache[slots]")
        if n.op != "call_function" or not T.is_tensor(n):
            continue
        if T.is_int(n) or T.dtype_of(n) == torch.bool:
            # the index path: a function of the slots and constants only (verify's keep check and
            # check_int_paths prove what it does to the slots); not of the cache's values, and not of
            # the row number where the batch is symbolic (the probe runs at two batch sizes)
            if any(T.dtype_of(a) is not None and T.dtype_of(a).is_floating_point for a in T.value_inputs(n)):
                _refuse("keep", f"{T.op_name(n)} computes an index of the kept rows from float values (the cache's): "
                        "which old values are kept then depends on values the keep probe never draws", n,
                        "keep rows with torch.where(valid, new, cache[slots]) and nothing else on cache[slots]")
            if n.target in _IOTAS and any(isinstance(a, torch.SymInt) or (isinstance(a, fx.Node) and
                                                                         isinstance(val(a), torch.SymInt))
                                          for a in n.args) \
                    and not (sizes is not None and _numbers_only_the_dim_it_indexes(n, sizes)):
                # (an arange(n) that only indexes a dim of n elements, cache[sl, arange(N)[None, :, None], ..],
                # is the identity on that dim at every size: sizes.check_symbolic_iotas)
                _refuse("keep", f"{T.op_name(n)} numbers the rows of a dynamic batch on the keep path: which old "
                        "rows are kept may change at batch sizes the keep probe does not run", n,
                        "keep rows with torch.where(valid, new, cache[slots]) and nothing else on cache[slots]")
            continue
        t = n.target
        if t in T.CASTS:
            # (every op on this path moves values or casts them exactly, so the values are the cache dtype's: a cast
            # to a dtype that holds it keeps them, also back from a wider one, cache[s].float().half(); NaN payloads
            # aside, docs/contract.md)
            if not float_holds(T.dtype_of(n), cache_dtype):
                _refuse("keep", f"the kept cache rows are cast to {T.dtype_of(n)}, which does not hold "
                        f"{cache_dtype} exactly: rows whose window did not complete would change", n)
            continue
        if t in T.SELECTS:
            _refuse("keep", f"the kept cache rows pass through a select ({T.op_name(n)}): a value-dependent "
                    "branch on rows that must stay untouched", n,
                    "keep rows with torch.where(valid, new, cache[slots]) and nothing else on cache[slots]")
        if (t in T.GATHERS or t in T.ASSEMBLE) and slots not in value_ancestors([n]):
            # before the gather by the slots a gather or assembly moves whole cache rows (cat([cache[:-1],
            # cache[:1]])): kept rows would come from other rows, at slots the keep probe may not draw
            _refuse("keep", f"{T.op_name(n)} moves rows of the whole cache before the kept rows are read at the slots: "
                    "a kept row may then come from another row", n,
                    "keep rows with torch.where(valid, new, cache[slots]) and nothing else on cache[slots]")
        if t in T.VIEWS or t in T.GATHERS or t in T.ASSEMBLE:
            continue
        _refuse("keep", f"the kept cache rows are computed by {T.op_name(n)}, not read: rows whose window did "
                "not complete must be written back bit for bit", n,
                "keep rows with torch.where(valid, new, cache[slots]) and nothing else on cache[slots]")


def check_select_chain(values: fx.Node, select: fx.Node, cache_dtype) -> None:
    """Between the select and the write only casts that hold the cache dtype (and reshapes): the kept
    rows pass unchanged, the new rows are rounded once to the cache dtype."""
    n = values
    while n is not select:
        if n.target in T.CASTS or n is values:
            if T.dtype_of(n) is not None and not float_holds(T.dtype_of(n), cache_dtype):
                _refuse("keep", f"the selected rows are cast to {T.dtype_of(n)}, which does not hold the cache "
                        f"dtype {cache_dtype}: kept rows would be rounded (and new rows rounded twice)", n)
        n = n.args[0]
    if not float_holds(T.dtype_of(select), cache_dtype):
        _refuse("keep", f"the select computes in {T.dtype_of(select)}, which does not hold the cache dtype "
                f"{cache_dtype}", select)


def check_weight_casts(weight_region, leaf: fx.Node) -> None:
    """Casts on the weight's way to the pooling are exact (each holds its input's dtype)."""
    for n in weight_region:
        if n is leaf or n.op != "call_function" or n.target not in T.CASTS:
            continue
        src = T.dtype_of(T.data_inputs(n)[0])
        if not float_holds(T.dtype_of(n), src):
            _refuse("weight", f"the weight is cast from {src} to {T.dtype_of(n)}, which rounds it: the op would "
                    "pool with the unrounded weight", n,
                    "pass the [l, N] weight in the data dtype; upcast it to fp32 only")


_IOTAS = {prims.iota.default, aten.arange.default, aten.arange.start, aten.arange.start_step}


def _view_of(node, paged: fx.Node) -> bool:
    """Whether ``node`` is the paged KV itself through views and casts (its blocks, not rows gathered from it)."""
    while isinstance(node, fx.Node) and node is not paged and node.op == "call_function" and \
            (node.target in T.VIEWS or node.target in T.CASTS):
        node = node.args[0]
    return node is paged


def check_block_path(gathers, paged: fx.Node) -> None:
    """Between the paged KV and the token gathers, blocks keep their ids: views, casts, halves of a
    stack, appends of new tokens; no concatenation of blocks and no constant lookup table on them
    (``cat([kv[:-1], kv[:1]])``, ``kv.index_select(0, lut)``), which the probes' few hundred page ids
    would not find among thousands of blocks."""
    from .proof import depending_on, value_ancestors

    for g in gathers:
        data = g.args[T.GATHERS[g.target]]
        path = depending_on(value_ancestors([data], {paged}) - {paged}, {paged})
        for n in path:
            if n.op != "call_function" or n.target in T.VIEWS or n.target in T.CASTS:
                continue
            t = n.target
            if t in (aten.cat.default, aten.stack.default) and any(_view_of(a, paged) for a in n.args[0]):
                # (pages already gathered per row may be concatenated: [kv[page0], kv[page1]])
                _refuse("gather", f"{T.op_name(n)} assembles the paged KV from its own blocks before the tokens are "
                        "read: block ids then name other blocks", n, "read tokens from the paged KV as it is")
            if t in T.GATHERS and n is not g and _view_of(n.args[T.GATHERS[t]], paged):
                index = [a for a in n.all_input_nodes if a is not n.args[T.GATHERS[t]]]
                if index and all(_constant_node(i) for i in index):
                    _refuse("gather", f"{T.op_name(n)} reads the paged KV's blocks through a constant table: block ids "
                            "then name other blocks", n, "read tokens from the paged KV as it is")
            if t in (aten.slice_scatter.default, aten.select_scatter.default) or t in T.WRITES:
                src = n.args[T.WRITES[t][2]] if t in T.WRITES else n.args[1]
                if isinstance(src, fx.Node) and paged in value_ancestors([src]):
                    _refuse("gather", f"{T.op_name(n)} copies the paged KV's own blocks over others before the tokens "
                            "are read", n, "read tokens from the paged KV as it is")


# --- integer paths ---------------------------------------------------------------------------------
_MONOTONE_PAIR = {aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar, aten.rsub.Scalar,
                  aten.mul.Tensor, aten.mul.Scalar}
_COMPARISONS = {aten.ge.Scalar, aten.ge.Tensor, aten.gt.Scalar, aten.gt.Tensor, aten.le.Scalar, aten.le.Tensor,
                aten.lt.Scalar, aten.lt.Tensor, aten.eq.Scalar, aten.eq.Tensor, aten.ne.Scalar, aten.ne.Tensor,
                aten.logical_and.default, aten.logical_or.default, aten.logical_not.default,
                aten.logical_xor.default, aten.isnan.default, aten.isinf.default, aten.isfinite.default}
_CLAMPS = {aten.clamp.default, aten.clamp_min.default, aten.clamp_max.default, aten.clamp.Tensor,
           aten.maximum.default, aten.minimum.default}
_FLOOR_DIVS = {aten.floor_divide.default, aten.floor_divide.Scalar, aten.div.Tensor_mode, aten.div.Scalar_mode}
_REMAINDERS = {aten.remainder.Scalar, aten.remainder.Tensor}


# The longest sequence any valid input holds, for the wrap checks under a symbolic capacity: 2**40 tokens
# (a cache of that many tokens needs terabytes per head-dim element).  int32 lengths stop at 2**31 - 1;
# int64 arithmetic is checked against this bound, not against 2**63 (interval arithmetic over 2**63 would
# see wraps in act - (act - 1) // P * P + P, which never leaves [1, P] on any length).
MAX_LENGTH = 1 << 40


def _constant_interval(n: fx.Node):
    """The values of an integer constant of the graph (a frozen buffer, a buffer bound by nsa_fusion.bound_inputs),
    else None."""
    from .proof import _constant_leaf, attr_value

    if not _constant_leaf(n):
        return None
    c = attr_value(n)
    if c.is_floating_point() or c.is_complex() or c.numel() == 0:
        return None
    return (int(c.min()), int(c.max()))


class Intervals:
    """Interval of values each integer node takes on valid input, by interval arithmetic from the
    roles' seeds (``seeds``: node -> (lo, hi)).  ``None`` where the rules below do not apply."""

    def __init__(self, sizes, seeds: dict):
        self.sizes = sizes
        self._seeds = dict(seeds)
        self.known: dict = dict(seeds)
        self._unwrapped: dict = {}  # integer affine nodes whose exact interval leaves their dtype (see of)
        # seeds that stand in for a bound the graph does not have (a symbolic size: the dtype's whole range), and the
        # nodes whose interval's ends come from them (see of)
        self._loose = {n for n, iv in self._seeds.items() if _stand_in(n, iv)}

    def with_lengths(self, lengths, hi):
        """These intervals with ``lengths`` bounded above by ``hi`` (the seeds kept, nothing computed)."""
        lo, top = self._seeds.get(lengths, (0, hi))
        return Intervals(self.sizes, {**self._seeds, lengths: (lo, min(top, hi))})

    def number(self, a):
        if isinstance(a, bool):
            return (int(a), int(a))
        if isinstance(a, int):
            return (a, a)
        if isinstance(a, float):  # (inf / NaN: no integer; int() of them raises)
            return (a, a) if math.isfinite(a) and a == int(a) else None
        if isinstance(a, torch.SymInt):
            # a size used as a value: the recogniser guards it to this assignment (sizes.SizesProof.size_values)
            return (self.sizes.int(a), self.sizes.int(a))
        if isinstance(a, fx.Node):
            got = self.of(a)
            # (an affine node kept past its dtype, see of: to any op but another add / sub / mul, unknown)
            return None if got is not None and _beyond(a, got) else got
        return None

    def of(self, n: fx.Node):
        if n in self.known:
            return self.known[n]
        self.known[n] = None  # (cycles cannot happen in a DAG; this also stops re-entry)
        got = self._compute(n)
        dr = dtype_range(T.dtype_of(n)) if T.is_tensor(n) else None
        if got is not None and got[0] != got[1] and n.target not in _REMAINDERS and n.target not in _BIT_MASKS \
                and any(a in self._loose for a in (T.data_inputs(n) if T.is_data_movement(n) else n.all_input_nodes)):
            # (its ends come from a stand-in seed's: through the values it moves, not a gather's index or a select's
            # condition; a remainder's or bit mask's ends come from the divisor)
            self._loose.add(n)
        if got is not None and dr is not None and (got[0] < dr[0] or got[1] > dr[1]):
            # values beyond the dtype's exact range wrap or round, never saturate: clipping would hide it (|-128| is
            # -128 in int8, red-team 12 F2; ids.double().bfloat16() rounds 465 to 464, red-team 48 F1), and so would
            # reading on past it: an int64 sum past 2**63 wraps, and a floor division can bring the unwrapped interval
            # back inside the dtype (red-team 49 F1); a float sum past 2**53 rounds (2**53 + 1 - 2**53 is 0 in float64,
            # red-team 49 F2).  Unknown, for every op after it; the affine integer ops keep the exact interval aside,
            # which check_int_paths reads as an overflow (:meth:`unwrapped`).  Except where the excess comes from a
            # stand-in seed (a symbolic block count: page ids up to the table dtype's max, docs/soundness.md, limits):
            # an int32 ``page * P`` there is kept, as before, for the add / sub / mul after it (``number`` gives every
            # other op None): a flat index on a symbolic block count would otherwise always be refused.
            if n.target in _MONOTONE_PAIR and _integral(n):
                self._unwrapped[n] = got
                if n not in self._loose:
                    got = None
            else:
                got = None
        if got is not None and dr is None and T.is_tensor(n) and n.target in T.CASTS:
            got = None  # (a cast to a dtype with no exact integer range, float8: its values are not the operand's)
        if got is not None and got[0] > got[1]:
            got = None  # (an empty interval is a rule's mistake, never a fact about valid input: unknown)
        self.known[n] = got
        return got

    def unwrapped(self, n: fx.Node):
        """The exact interval of ``n`` whether or not its dtype holds it (an integer ``add``/``sub``/``mul`` whose
        values overflow: :meth:`of` answers None there), for the overflow check."""
        got = self.of(n)
        return got if got is not None else self._unwrapped.get(n)

    def _compute(self, n: fx.Node):
        if n.op != "call_function":
            v = val(n)
            if isinstance(v, (int, torch.SymInt)):
                return self.number(v)
            return _constant_interval(n)
        t, args = n.target, n.args
        if T.dtype_of(n) == torch.bool or t in _COMPARISONS:
            return (0, 1)
        if t in T.CASTS:
            return self.of(args[0]) if isinstance(args[0], fx.Node) else None
        if t in T.VIEWS or t in T.GATHERS:
            data = T.data_inputs(n)
            return self.of(data[0]) if data else None
        if t is aten.where.self:
            a, b = self.number(args[1]), self.number(args[2])
            return None if a is None or b is None else (min(a[0], b[0]), max(a[1], b[1]))
        if _part_of_a_split(n):
            return self.of(args[0])  # (a part of an unbind / split: its input's values, red team 60 U1)
        if t in T.ASSEMBLE and t is not operator_getitem():
            parts = [self.of(a) for a in n.all_input_nodes]
            if not parts or any(p is None for p in parts):
                return None
            return (min(p[0] for p in parts), max(p[1] for p in parts))
        if t in (prims.iota.default,):
            length, start, step = args[0], n.kwargs.get("start", 0), n.kwargs.get("step", 1)
            if isinstance(length, torch.SymInt) or (isinstance(length, fx.Node) and isinstance(val(length), torch.SymInt)):
                return None  # (a length, not a value: not guarded, so any size)
            L = self.number(length)
            if L is None or not isinstance(start, int) or not isinstance(step, int):
                return None
            ends = (start, start + step * (L[1] - 1))
            return (min(ends), max(ends))
        if t in (aten.arange.default, aten.arange.start, aten.arange.start_step):
            nums = [self.number(a) for a in args]
            if any(x is None for x in nums) or not nums:
                return None
            if t is aten.arange.default:
                return (0, nums[0][1] - 1)
            step = nums[2] if t is aten.arange.start_step and len(nums) > 2 else (1, 1)
            if step[0] != step[1] or step[0] == 0:
                return None
            # start, start + step, ... up to end (excluded): from start up, or down for a negative step (red-team 11
            # F1: arange(0, -15 B, -15) read as (0, -15 B - 1), an inverted interval that passed every bound test)
            return (nums[0][0], nums[1][1] - 1) if step[0] > 0 else (nums[1][0] + 1, nums[0][1])
        if t in (aten.full.default, aten.scalar_tensor.default, aten.full_like.default):
            fill = args[1] if t is not aten.scalar_tensor.default else args[0]
            return self.number(fill)
        if t in _ZERO_FILLS or t in _ONE_FILLS:  # (torchair's graphs keep them undecomposed)
            return (0, 0) if t in _ZERO_FILLS else (1, 1)
        if t in _MONOTONE_PAIR:  # (an operand kept past its dtype read as it is: see of)
            a = self.of(args[0]) if isinstance(args[0], fx.Node) else self.number(args[0])
            b = (self.of(args[1]) if isinstance(args[1], fx.Node) else self.number(args[1])) if len(args) > 1 else None
            if t is aten.rsub.Scalar:
                a, b = b, a
            if a is None or b is None:
                return None
            if t in (aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar, aten.rsub.Scalar):
                # a + alpha * b, a - alpha * b (rsub: b - alpha * a, swapped above); alpha a number or a size
                alpha = self.number(n.kwargs.get("alpha", 1))
                if alpha is None:
                    return None
                scaled = [x * y for x in b for y in alpha]
                b = (min(scaled), max(scaled))
                if t in (aten.add.Tensor, aten.add.Scalar):
                    return (a[0] + b[0], a[1] + b[1])
                return (a[0] - b[1], a[1] - b[0])
            prods = [x * y for x in a for y in b]
            return (min(prods), max(prods))
        if t is aten.neg.default:
            a = self.number(args[0])
            return None if a is None else (-a[1], -a[0])
        if t in _FLOOR_DIVS:
            mode = n.kwargs.get("rounding_mode", args[2] if len(args) > 2 else None) \
                if t in (aten.div.Tensor_mode, aten.div.Scalar_mode) else "floor"
            a, b = self.number(args[0]), self.number(args[1])
            if mode not in ("floor", "trunc") or a is None or b is None or b[0] <= 0:
                return None
            if mode == "trunc":  # (rounds toward 0: monotone in each operand, extremes at the corners)
                quotients = [abs(x) // y * (1 if x >= 0 else -1) for x in a for y in b]
                return (min(quotients), max(quotients))
            return (a[0] // b[0] if a[0] < 0 else a[0] // b[1], a[1] // b[0] if a[1] >= 0 else a[1] // b[1])
        if t in _REMAINDERS:
            b = self.number(args[1])
            return None if b is None or b[0] <= 0 else (0, b[1] - 1)
        if t in (aten.bitwise_and.Scalar, aten.bitwise_and.Tensor):
            # x & m with 0 <= m keeps some of m's bits: in [0, m] for every x (two's complement, negative x too)
            masks = [m for m in map(self.number, args[:2]) if m is not None and m[0] >= 0]
            return (0, min(m[1] for m in masks)) if masks else None
        if t in _CLAMPS:
            a = self.number(args[0])
            if a is None:
                return None
            if t is aten.maximum.default or t is aten.clamp_min.default:
                lo = self.number(args[1])
                return None if lo is None else (max(a[0], lo[0]), max(a[1], lo[1]))
            if t is aten.minimum.default or t is aten.clamp_max.default:
                hi = self.number(args[1])
                return None if hi is None else (min(a[0], hi[0]), min(a[1], hi[1]))
            bounds = [b for b in args[1:3] if b is not None]
            if n.kwargs or any(self.number(b) is None for b in bounds):
                return None  # (a bound with no interval, or passed by keyword: unknown, never a no-op, red-team 15 G4)
            lo = self.number(args[1]) if len(args) > 1 and args[1] is not None else None
            hi = self.number(args[2]) if len(args) > 2 and args[2] is not None else None
            out = list(a)
            if lo is not None:
                out = [max(out[0], lo[0]), max(out[1], lo[1])]
            if hi is not None:  # (a varying max: the lowest it goes bounds the result below, red-team 11 F1)
                out = [min(out[0], hi[0]), min(out[1], hi[1])]
            return tuple(out)
        if t is aten.abs.default:
            a = self.number(args[0])
            return None if a is None else (0 if a[0] <= 0 <= a[1] else min(abs(a[0]), abs(a[1])), max(abs(a[0]), abs(a[1])))
        return None


_ZERO_FILLS = {aten.zeros_like.default, aten.zeros.default, aten.new_zeros.default}
_ONE_FILLS = {aten.ones_like.default, aten.ones.default, aten.new_ones.default}


_BIT_MASKS = {aten.bitwise_and.Scalar, aten.bitwise_and.Tensor}


def _stand_in(n, iv) -> bool:
    """A seed interval ``iv`` of ``n`` that reaches an end of ``n``'s dtype: the dtype standing in for a bound (a
    symbolic block count, cache size or capacity), not a bound of valid input."""
    dr = dtype_range(T.dtype_of(n)) if isinstance(n, fx.Node) and T.is_tensor(n) else None
    return dr is not None and iv is not None and (iv[1] >= dr[1] or iv[0] <= dr[0] and dr[0] < 0)


def _beyond(n, iv) -> bool:
    dr = dtype_range(T.dtype_of(n)) if T.is_tensor(n) else None
    return dr is not None and (iv[0] < dr[0] or iv[1] > dr[1])


def operator_getitem():
    import operator

    return operator.getitem


def _integral(n) -> bool:
    d = T.dtype_of(n)
    return d is not None and not d.is_floating_point and d != torch.bool


def _carries_integers(n) -> bool:
    """``n`` is an integer tensor, or may hold values of one moved and cast into a float type (``table.double()``,
    then gathered, indexed, selected or concatenated as floats: ``table.double().gather(1, col)``): its values may be
    integers, and a further cast of them must keep each one (``.bfloat16()`` rounds 465 to 464, red-team 48 F1 and,
    through a float gather, 49 F3).  Any data input of any data movement counts."""
    seen, work = set(), [n]
    while work:
        n = work.pop()
        if not isinstance(n, fx.Node) or n in seen:
            continue
        seen.add(n)
        if _integral(n):
            return True
        if n.op == "call_function" and T.dtype_of(n) is not None and T.dtype_of(n).is_floating_point \
                and T.is_data_movement(n):
            work.extend(T.data_inputs(n) if n.target not in T.CASTS else n.args[:1])
        elif n.op == "call_function" and not T.is_tensor(n):
            work.extend(n.all_input_nodes)  # (a tuple op, sort / topk / min.dim: its parts are its inputs' values)
    return False


# Ops page ids may pass on their way to the gather: data movement, casts (checked exact) and the affine
# arithmetic of a flat index (page * P + offset, checked for overflow).  Anything else is refused: probes
# draw only small ids, and an op that is the identity on them (x % 1024) may not be on others.
_TABLE_SAFE = T.VIEWS | T.CASTS | set(T.GATHERS) | T.ASSEMBLE | _MONOTONE_PAIR
# The tuple ops whose parts are pieces of their input (a part read back by getitem moves data)
_SPLITTING = {aten.split.Tensor, aten.split_with_sizes.default, aten.unbind.int}


def _part_of_a_split(n) -> bool:
    """``n`` is a part (``getitem``) of an ``unbind`` / ``split``: a piece of its input."""
    src = n.args[0] if n.op == "call_function" and n.target is operator_getitem() else None
    return isinstance(src, fx.Node) and src.op == "call_function" and src.target in _SPLITTING


def _picked_by_value(n) -> bool:
    """``n`` is a part (``getitem``) of a tuple op that is no split: ``sort``, ``topk``, ``min.dim``, ``cummin``,
    ``kthvalue``, ``aminmax``... choose among their inputs' elements by value, which makes ``min(stack([page, 63]),
    -1)`` a clamp of page ids in disguise (red team 61 Q1; its getitem passed as data movement, the tuple op itself,
    no tensor, met no rule)."""
    return n.op == "call_function" and n.target is operator_getitem() and not _part_of_a_split(n)


def _page_valued(region, table: fx.Node) -> list:
    """Nodes of ``region`` whose values are page ids (computed from the table, not gathered with it)."""
    from .proof import in_order

    valued, out = {table}, []
    for n in in_order(region):
        if n.op != "call_function" or not any(a in valued for a in T.value_inputs(n)):
            continue
        if n.target in T.GATHERS and not any(d in valued for d in T.data_inputs(n)):
            continue  # tokens (or anything) read at page ids: not ids
        if n.target is aten.where.self and not any(a in valued for a in n.args[1:3] if isinstance(a, fx.Node)):
            continue
        valued.add(n)
        out.append(n)
    return out


def _reads(node: fx.Node, source: fx.Node) -> bool:
    from .proof import value_ancestors

    return source in value_ancestors([node])


def _clamps_to_the_blocks(n: fx.Node, table: fx.Node, paged: fx.Node | None, intervals: Intervals) -> bool:
    """``clamp(ids, 0, paged.shape[0] - 1)`` (or ``clamp_max``) of entries of the block table: valid page ids
    index the paged KV's blocks, so they lie in [0, its number of blocks - 1] at every size and the clamp is
    the identity on them.  For a symbolic block count (dynamic shapes) the bound is compared as a symbolic
    expression, equal to the paged KV's dim 0 minus 1 at every size; ``ids`` must hold table entries (moved,
    viewed, cast or clamped so, never computed on: ``page * P + offset`` is no page id)."""
    if paged is None or n.target not in (aten.clamp.default, aten.clamp_max.default) or \
            not _identity_on_page_ids(n, paged, intervals, symbolic_top=True):
        return False
    ids = n.args[0]
    while ids is not table:  # (Inductor splits the clamp into clamp_min and clamp_max)
        if not (isinstance(ids, fx.Node) and ids.op == "call_function"):
            return False
        if ids.target in T.VIEWS or ids.target in T.CASTS or ids.target in T.GATHERS:
            ids = T.data_inputs(ids)[0]
        elif _identity_on_page_ids(ids, paged, intervals):
            ids = ids.args[0]
        else:
            return False
    return True


def _identity_on_page_ids(n: fx.Node, paged: fx.Node, intervals: Intervals, symbolic_top: bool = False) -> bool:
    """``n`` clamps to a lower bound <= 0 and to no upper bound or the paged KV's block count minus 1 as a
    symbolic expression (``symbolic_top``: that upper bound required)."""
    import sympy

    args = list(n.args[1:]) + [None, None]
    lo, hi = {aten.clamp_max.default: (None, args[0]), aten.clamp_min.default: (args[0], None),
              aten.clamp.default: (args[0] if args[0] is not None else n.kwargs.get("min"),
                                   args[1] if args[1] is not None else n.kwargs.get("max"))}.get(n.target, (1, None))
    if lo is not None and (intervals.number(lo) is None or intervals.number(lo)[1] > 0):
        return False
    if hi is None:
        return not symbolic_top
    bound, blocks = val(hi) if isinstance(hi, fx.Node) else hi, val(paged).shape[0]
    return isinstance(bound, torch.SymInt) and isinstance(blocks, torch.SymInt) and \
        sympy.simplify(bound.node.expr - (blocks.node.expr - 1)) == 0


# where(x OP k, ...) picks x for every x >= 0 when OP holds (first) or fails (second): ge / gt / ne with k <= 0 /
# k < 0 / k < 0; lt / le / eq with k <= 0 / k < 0 / k < 0
_PICKS_NONNEGATIVE_IF_TRUE = {aten.ge.Scalar: 0, aten.ge.Tensor: 0, aten.gt.Scalar: -1, aten.gt.Tensor: -1,
                              aten.ne.Scalar: -1, aten.ne.Tensor: -1}
_PICKS_NONNEGATIVE_IF_FALSE = {aten.lt.Scalar: 0, aten.lt.Tensor: 0, aten.le.Scalar: -1, aten.le.Tensor: -1,
                               aten.eq.Scalar: -1, aten.eq.Tensor: -1}


def _keeps_valid_page_ids(n: fx.Node, intervals: Intervals, table: fx.Node) -> bool:
    """``n`` is ``where(x >= k, x, c)`` (or another comparison of ``x`` with a constant, either branch order) that
    picks ``x`` for every ``x >= 0`` and a constant otherwise, with ``x`` entries of the block table
    (:func:`_table_entries`): ``torch.where(pages >= 0, pages, 0)``, a padding page id -1 read as page 0.  On valid
    page ids (``>= 0``) it is the identity at every table size, as ``clamp(min=0)`` is (blind11's take_elements).
    On a value computed from them it is not: ``q = ids - K; where(q != -1, q, 0) + K`` reads the valid id ``K - 1``
    as page ``K`` (red-team 40 F1)."""
    if n.op != "call_function" or n.target is not aten.where.self or len(n.args) != 3:
        return False
    cond, a, b = n.args
    if not (isinstance(cond, fx.Node) and cond.op == "call_function" and len(cond.args) == 2 and not cond.kwargs):
        return False
    x, k = cond.args
    k = intervals.number(k)
    if not isinstance(x, fx.Node) or k is None or k[0] != k[1]:
        return False
    if k[0] <= _PICKS_NONNEGATIVE_IF_TRUE.get(cond.target, -(1 << 64)):
        chosen, other = a, b
    elif k[0] <= _PICKS_NONNEGATIVE_IF_FALSE.get(cond.target, -(1 << 64)):
        chosen, other = b, a
    else:
        return False
    constant = intervals.number(other)
    return chosen is x and constant is not None and constant[0] == constant[1] and _table_entries(x, table, intervals)


def _table_entries(x, table: fx.Node, intervals: Intervals) -> bool:
    """``x`` holds entries of ``table`` as they are: reached from it through views, casts and gathers only, and
    selects that keep valid page ids (:func:`_keeps_valid_page_ids`) or clamps below at most 0."""
    while x is not table:
        if not (isinstance(x, fx.Node) and x.op == "call_function"):
            return False
        if x.target in T.VIEWS or x.target in T.CASTS or x.target in T.GATHERS:
            x = T.data_inputs(x)[0] if T.data_inputs(x) else None
        elif x.target is aten.clamp_min.default and (intervals.number(x.args[1]) or (1, 1))[1] <= 0:
            x = x.args[0]
        elif _keeps_valid_page_ids(x, intervals, table):
            return True  # (its chosen branch: table entries, checked there)
        else:
            return False
    return True


def check_int_paths(region, intervals: Intervals, table: fx.Node | None, bounded: bool = True,
                    paged: fx.Node | None = None) -> None:
    """Every cast of an integer value keeps every value of its interval (fixed-width casts wrap, float
    casts round); every clamp/min/max of a page id is a no-op on valid page ids; page ids index only
    the ``paged`` KV (no lookup table)."""
    from .proof import depending_on

    on_table = depending_on(region, {table}) if table is not None else set()
    page_ids = _page_valued(region, table) if table is not None else []
    for n in page_ids:
        if _picked_by_value(n):
            _refuse("gather", f"page ids pass through {T.op_name(n.args[0])}, which chooses among its inputs by their "
                    "values: the probes' small ids cannot tell it from the identity (it may clamp or reorder ids of a "
                    "block table with more blocks)", n, "index pages with block_table[b, p // P] as it is")
        d = T.dtype_of(n)
        if d is not None and d.is_floating_point and not (n.target in T.CASTS or T.is_data_movement(n)):
            _refuse("gather", f"page ids are computed on in {d} ({T.op_name(n)}): float arithmetic on ids rounds (and "
                    "the probes' small ids cannot tell)", n, "index pages with block_table[b, p // P] (integers)")
    for n in region:
        if n.op != "call_function" or not T.is_tensor(n):
            continue
        if n.target in T.CASTS:
            src_node = n.args[0]
            if not isinstance(src_node, fx.Node) or not _carries_integers(src_node):
                continue
            dst = T.dtype_of(n)
            if dst == torch.bool:
                continue  # (x != 0: exact)
            span = intervals.of(src_node)
            if span is None:
                span = dtype_range(T.dtype_of(src_node))
            lo, hi = dtype_range(dst) or (0, -1)  # (a dtype with no exact integer range, float8: holds none)
            if span is None or span[0] < lo or span[1] > hi:
                _refuse("roles", f"{n.name} casts {T.dtype_of(src_node)} values in [{span[0]}, {span[1]}] to {dst}, "
                        f"which holds only [{lo}, {hi}] exactly: larger ids, slots or lengths would wrap or round",
                        n, "cast indices to int64 (or int32), never to a narrower type")
            continue
        if bounded and _integral(n) and n.target in _MONOTONE_PAIR:  # (a symbolic bound: see docs, limits)
            span, dr = intervals.unwrapped(n), dtype_range(T.dtype_of(n))
            if span is None and n in page_ids and dr[1] < 2**62:
                # (page arithmetic the interval rules cannot bound may wrap as well as any: red team 60 U1 reached
                # it through an unbind the rules did not read; int64 arithmetic on page ids never wraps)
                _refuse("roles", f"{T.op_name(n)} computes on page ids in {T.dtype_of(n)} with values the interval "
                        "rules cannot bound: it may overflow (wrap) on valid input", n, "compute indices in int64")
            if span is not None and (span[0] < dr[0] or span[1] > dr[1]):
                _refuse("roles", f"{T.op_name(n)} computes integers in [{span[0]}, {span[1]}] in {T.dtype_of(n)}, which "
                        "holds only [{}, {}]: it overflows (wraps) on valid input".format(*dr), n,
                        "compute indices in int64")
        # (a choice between page ids; or of a page id over a constant where it is not a valid one)
        picks = n.target is aten.where.self and (n.args[0] not in on_table or _keeps_valid_page_ids(n, intervals, table))
        # (the comparison such a choice makes)
        tests = T.dtype_of(n) == torch.bool and n.users and all(_keeps_valid_page_ids(u, intervals, table) for u in n.users)
        if n in on_table and (_integral(n) or T.dtype_of(n) == torch.bool) and not picks and not tests \
                and (n.target not in _TABLE_SAFE or _picked_by_value(n)) and not (n.target in _CLAMPS and _integral(n)):
            # (x % c on page ids is the identity on valid ids only: the op would get the raw table)
            if n in page_ids:
                _refuse("gather", f"page ids pass through {T.op_name(n)}, which the probes' small ids cannot tell from "
                        "the identity (it may change ids of a block table with more blocks)", n,
                        "index pages with block_table[b, p // P] (casts and page * P + offset are fine)")
            _refuse("gather", f"values read at page ids (not the ids) pass through integer {T.op_name(n)}: no weighted "
                    "sum of the tokens the op computes", n, "pool the gathered tokens as they are")
        if n.target in T.GATHERS and n in on_table and paged is not None:
            data = T.data_inputs(n)
            by_ids = any(a in on_table for a in T.value_inputs(n) if a not in data)  # page ids as the index
            if by_ids and data and data[0] not in on_table and data[0] is not table and not _reads(data[0], paged):
                _refuse("gather", f"page ids index {data[0].name} ({T.op_name(n)}), which is not the paged KV: a lookup "
                        "table on page ids may change ids of a block table with more blocks than the probes draw", n,
                        "index the paged KV with block_table[b, p // P] directly")
        if n.target in _CLAMPS and n in on_table and _integral(n) and not _clamps_to_the_blocks(n, table, paged, intervals):
            # (the operand that carries the page ids: the table itself or a value computed from it; the other is a
            # bound, minimum(cap, ids))
            data = [a for a in n.args[:2] if isinstance(a, fx.Node) and (a in on_table or a is table)][:1]
            if not data or not _changes_no_value(n, data[0], intervals):
                _refuse("gather", f"{T.op_name(n)} clamps page ids: it changes valid page ids of a block table with "
                        "more blocks than its bounds (the probes draw only small ids)", n,
                        "index pages with block_table[b, p // P] as it is")


def _changes_no_value(n: fx.Node, x, intervals: Intervals) -> bool:
    """The clamp (or ``minimum`` / ``maximum``) ``n`` returns its operand ``x`` element by element for every value
    ``intervals`` admits: each upper bound's least value is at least ``x``'s greatest, each lower bound's greatest at
    most ``x``'s least.  Equal intervals of ``n`` and ``x`` are not enough: an element-wise bound ``where(j == 0,
    2**62, c)`` leaves ``minimum(x, b)`` the interval of ``x`` while it clamps every other element at ``c`` (red team
    47 F1)."""
    span = intervals.number(x)
    dr = dtype_range(T.dtype_of(x)) if isinstance(x, fx.Node) and T.is_tensor(x) else None
    if span is None or dr is None or span[0] < dr[0] or span[1] > dr[1]:
        return False  # (an interval beyond the dtype: the values wrapped on the way, red-team 48 F2)
    t, args = n.target, list(n.args)
    if t in (aten.minimum.default, aten.maximum.default):
        if len(args) != 2 or x not in args[:2]:
            return False
        other = args[1] if args[0] is x else args[0]
        lowers, uppers = ([other], []) if t is aten.maximum.default else ([], [other])
    elif args and args[0] is x:
        lowers = [args[1] if len(args) > 1 else n.kwargs.get("min")] if t is not aten.clamp_max.default else []
        uppers = [args[1] if len(args) > 1 else n.kwargs.get("max")] if t is aten.clamp_max.default else \
            [args[2] if len(args) > 2 else n.kwargs.get("max")] if t in (aten.clamp.default, aten.clamp.Tensor) else []
    else:
        return False
    for bound, upper in [(b, False) for b in lowers] + [(b, True) for b in uppers]:
        if bound is None:
            continue
        got = intervals.number(bound)
        if got is None or (got[0] < span[1] if upper else got[1] > span[0]):
            return False
    return True


def check_length_thresholds(new_region, intervals: Intervals, probed: Intervals, lengths: fx.Node,
                            symbolic_capacity: bool, last: Intervals | None = None,
                            qualifying: tuple[int, int, int] | None = None) -> None:
    """With a symbolic capacity, the new rows are probed at lengths up to the compiled capacity only.
    Beyond it, a clamp or a comparison of a length-derived value with a constant would change the
    result (``pos.clamp(0, 1023)``, ``where(s <= 1024, pooled, 0)``) unless its threshold lies within the
    values the probes reached.  ``intervals`` hold the values on qualifying rows at any capacity (lengths
    in [l, dtype max]), ``probed`` at the compiled one.  Each clamp must be a no-op over ``intervals`` or
    have its bounds within ``probed``; each comparison must be constant over ``intervals`` or have its
    threshold within ``probed`` (then, for values that grow with the length, the side beyond the last
    probed length is the side the probes saw last); otherwise the step is refused.  ``qualifying``: ``(d, K,
    P)``, the qualifying lengths ``l + k * d`` probed for ``k = 0..K`` and the page size: the remainders, masks
    and floor divisions are then held to :func:`check_periods`."""
    if not symbolic_capacity:
        return  # (a static capacity: every qualifying length is probed)
    from .proof import depending_on

    valued = _check_length_ops(new_region, lengths, intervals.with_lengths(lengths, MAX_LENGTH))
    from .proof import in_order

    derived = depending_on(new_region | {lengths}, {lengths})
    for n in in_order(new_region):  # (the op nearest the lengths is named)
        if n not in derived or n.op != "call_function" or not T.is_tensor(n):
            continue
        # (a comparison's constant may come first: ne(tensor(448), s), red-team 21 F3; so may a minimum's)
        first = n.args[0] if isinstance(n.args[0], fx.Node) and n.args[0] in derived else None
        symmetric = n.target in _COMPARISONS or n.target in (aten.minimum.default, aten.maximum.default)
        consts = [a for a in (n.args[:2] if symmetric and first is None else n.args[1:])
                  if not isinstance(a, fx.Node) or a not in derived]
        if (n.target in _REMAINDERS or n.target in _FLOOR_DIVS or n.target in (aten.bitwise_and.Scalar,
                                                                              aten.bitwise_and.Tensor)) and \
                _integral(n) and len(n.args) > 1 and isinstance(n.args[1], fx.Node) and n.args[1] in derived:
            # (s * 128) // (s + 128) < 127 flips at s = 16256: a length-derived divisor is not periodic (G12, G13)
            _refuse("sizes", f"{T.op_name(n)} divides by a length-derived value: past the compiled capacity its "
                    "result is neither periodic nor linear in the length", n, "compile with a static cache capacity")
        # two length-derived values compared (or min/max, or a clamp with a length-derived bound, whichever of its
        # bounds: torchair's clamp.Tensor(q, zeros, 12 - s // 64) has a constant lower one, red-team 19): the same
        # where they differ by a constant (pos < s); otherwise they may cross past the compiled capacity
        # (minimum(s, 8192 - s))
        if n.target in _COMPARISONS or n.target in _CLAMPS:
            compared = [a for a in n.args[:3] if isinstance(a, fx.Node) and a in derived]
            slopes = {_slope(a, lengths) for a in compared}
            if len(compared) > 1 and (None in slopes or len(slopes) > 1) and not _settled_pick(n, compared, lengths,
                                                                                            intervals) \
                    and not _periodic_comparison(n, compared, lengths, intervals, qualifying):
                _refuse("sizes", f"{T.op_name(n)} compares two length-derived values that do not differ by a "
                        "constant: past the compiled capacity they may cross where the probes never looked", n,
                        "compile with a static cache capacity")
        if not consts:
            continue
        x = first if first is not None else n.args[1]
        seen = probed.number(x)
        bounds = [probed.number(c) for c in consts if c is not None]
        # a threshold within the probed values: only for x affine in the length (monotone: beyond the last probed
        # length it stays on the side it reached there), and only where every element of x had passed it at the
        # last probed length (a sum of a periodic and a growing term, or a threshold reached only by the last
        # element of a window, flips past the compiled capacity unseen: G13)
        k = _monotone(x, lengths)
        at_last = last.number(x) if last is not None and k else None
        within = seen is not None and bounds and at_last is not None and all(
            b is not None and seen[0] <= b[0] and (b[1] < at_last[0] if k > 0 else b[0] > at_last[1]) for b in bounds)
        if n.target in _CLAMPS:
            if not (isinstance(x, fx.Node) and _changes_no_value(n, x, intervals)) and not within:
                _refuse("sizes", f"{T.op_name(n)} clamps a length-derived value with a constant beyond the lengths the "
                        "probes reached: past the compiled capacity it changes the window, and this dynamic graph "
                        "serves larger capacities", n,
                        "clamp positions only below (clamp(min=0)), or compile with a static cache capacity")
        elif n.target in _COMPARISONS:
            ins = [intervals.number(a) for a in n.args[:2]]
            if (any(v is None for v in ins) or not _constant_comparison(n.target, *ins)) and not within:
                _refuse("sizes", f"{T.op_name(n)} compares a length-derived value with a constant beyond the lengths "
                        "the probes reached: past the compiled capacity its result changes, and this dynamic graph "
                        "serves larger capacities", n, "compile with a static cache capacity")
        elif n.target in _DIVIDING and _integral(n):
            # a remainder, mask or floor division by one positive constant (the period of x % -8 and x & -8 is 8,
            # not their value, red-team 19 F2); its period: check_periods.  (& of booleans is logic: settled with
            # the comparisons it combines)
            if len(bounds) != 1 or bounds[0] is None or bounds[0][0] != bounds[0][1] or bounds[0][0] <= 0:
                _refuse("sizes", f"{T.op_name(n)} divides a length-derived value by something other than one positive "
                        "constant: past the compiled capacity it takes values the probes never saw", n,
                        "compile with a static cache capacity")
            if n.kwargs.get("rounding_mode", "floor") != "floor":
                _refuse("sizes", f"{T.op_name(n)} rounds a length-derived quotient towards zero: past the compiled "
                        "capacity only floor division repeats with a period", n, "use //, or compile with a static "
                        "cache capacity")
    if qualifying is None or last is None:
        _refuse("sizes", "the qualifying lengths the probes evaluated are not known: nothing past the compiled capacity "
                "can be shown", lengths, "compile with a static cache capacity")
    check_periods(new_region, valued, lengths, probed, last, *qualifying)


_DIVIDING = _REMAINDERS | _FLOOR_DIVS | {aten.bitwise_and.Scalar, aten.bitwise_and.Tensor}


def _settled_pick(n: fx.Node, compared: list, lengths: fx.Node, intervals: Intervals) -> bool:
    """``minimum(a, b)`` / ``maximum(a, b)`` of two length-derived values where one is at most the other at every
    length (:func:`_at_most`): the same argument wins at every capacity, so nothing crosses past the compiled one
    (models18's window page clamped to the request's pages, ``minimum(p // P, (s - 1) // P)``)."""
    if n.target not in (aten.minimum.default, aten.maximum.default) or len(compared) != 2 or n.args[:2] != tuple(
            compared):
        return False
    a, b = compared
    if val(a).dim() != val(b).dim():
        return False  # (a [B] against a [B, l]: broadcast aligns the batch with the window)
    if not (_row_aligned(a, lengths) and _row_aligned(b, lengths)):
        return False  # (a[i] against b[k]: another row's length, whose difference no constant bounds)
    return _at_most(a, b, lengths, intervals) or _at_most(b, a, lengths, intervals)


def _periodic_comparison(n: fx.Node, compared: list, lengths: fx.Node, intervals: Intervals, qualifying) -> bool:
    """A comparison of two length-derived values of one row whose eventual slopes in ``k`` (``s = l + k * d``,
    :func:`_eventual_slopes`, clamps that are no-ops on qualifying lengths dropped) are one and the same number:
    their difference then repeats with the period of their divisions (``x(k + T) - y(k + T) = x(k) - y(k)``), and
    so does the comparison (vLLM's current-or-previous page, ``pos // P == (s - 1) // P``).  :func:`check_periods`
    counts those divisions in the period and holds every comparison to the same outcome a period apart, which a
    periodic one has; its induction holds per residue of ``k``: a select on a periodic condition picks the same
    branch at ``k`` and ``k + T``."""
    if qualifying is None or n.target not in _COMPARISONS or len(compared) != 2 or n.args[:2] != tuple(compared):
        return False
    a, b = compared
    if val(a).dim() != val(b).dim() or not (_row_aligned(a, lengths) and _row_aligned(b, lengths)):
        return False  # (a[i] against b[k]: another row's length, whose difference repeats with nothing)
    d = qualifying[0]
    slopes = [_eventual_slopes(x, lengths, d, intervals) for x in compared]
    return slopes[0] is not None and len(slopes[0]) == 1 and slopes[0] == slopes[1]


_ROW_WISE = {aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar, aten.mul.Tensor, aten.mul.Scalar,
             aten.neg.default} | _FLOOR_DIVS | _CLAMPS


def _row_aligned(x: fx.Node, lengths: fx.Node) -> bool:
    """Element ``[b, ...]`` of ``x`` depends on the lengths through row ``b``'s length only, and ``x``'s dim 0 is the
    batch: every op between the ``[B]`` lengths and ``x`` is elementwise arithmetic, a cast, or an unsqueeze that
    keeps the batch in dim 0.  Two such values broadcast row against row."""
    lv, xv = val(lengths), val(x)
    if lv is None or xv is None or lv.dim() != 1 or xv.dim() not in (1, 2):
        return False
    from .sizes import _same_size

    if not _same_size(lv.shape[0], xv.shape[0]):
        return False
    seen, work = set(), [x]
    while work:
        n = work.pop()
        if n in seen or n is lengths or not isinstance(n, fx.Node):
            continue
        seen.add(n)
        if _constant_node(n):
            continue
        if n.op != "call_function":
            return False  # (another input)
        if n.target is aten.unsqueeze.default:
            if n.args[1] not in (1, -1) or val(n.args[0]).dim() != 1:
                return False
        elif n.target not in _ROW_WISE and n.target not in T.CASTS:
            return False
        work.extend(T.value_inputs(n))
    return True


def _at_most(a, b, lengths: fx.Node, intervals: Intervals) -> bool:
    """``a <= b`` element by element (broadcast) for every length ``intervals`` admits, shown by peeling what both
    sides share: views and widening integer casts (the same values), a floor division of both by one positive
    constant (monotone), ``max(a', c)`` on the left (``a' <= b`` and ``c <= min b``); then two values affine in the
    lengths with the same slope (``_slope``) differ by a constant, bounded at length 0 (``a - b = a(0) - b(0)``,
    integer arithmetic, which the integer-path checks keep from wrapping)."""
    a, b = _same_values_off(a), _same_values_off(b)
    if not isinstance(a, fx.Node) or not isinstance(b, fx.Node):
        return False
    if a.op == b.op == "call_function" and a.target in _FLOOR_DIVS and b.target in _FLOOR_DIVS:
        ca, cb = a.args[1], b.args[1]
        floor = all(x.target not in (aten.div.Tensor_mode, aten.div.Scalar_mode) or x.kwargs.get("rounding_mode")
                    == "floor" for x in (a, b))
        return floor and isinstance(ca, int) and not isinstance(ca, bool) and ca == cb and ca > 0 and \
            _at_most(a.args[0], b.args[0], lengths, intervals)
    lower = None
    if a.op == "call_function" and (a.target is aten.clamp_min.default or a.target is aten.clamp.default and (
            list(a.args) + [None, None])[2] is None and not a.kwargs.get("max")):
        lower = a.args[1] if len(a.args) > 1 else a.kwargs.get("min")
    if lower is not None and not isinstance(lower, (fx.Node, bool)) and isinstance(lower, int):
        span = intervals.of(b)
        return span is not None and lower <= span[0] and _at_most(a.args[0], b, lengths, intervals)
    ka, kb = _slope(a, lengths), _slope(b, lengths)
    if ka is None or ka != kb or not _integral(a) or not _integral(b):
        return False
    at_zero = Intervals(intervals.sizes, {**intervals._seeds, lengths: (0, 0)})
    ra, rb = at_zero.of(a), at_zero.of(b)
    return ra is not None and rb is not None and ra[1] <= rb[0]


def _same_values_off(n):
    """``n`` through views and casts to int64 of integers (the same values)."""
    while isinstance(n, fx.Node) and n.op == "call_function" and (
            n.target in T.VIEWS or n.target in T.CASTS and T.dtype_of(n) == torch.int64
            and isinstance(n.args[0], fx.Node) and T.dtype_of(n.args[0]) in WIDE_INTS):
        n = n.args[0]
    return n


def check_periods(new_region, valued: set, lengths: fx.Node, probed: Intervals, last: Intervals, d: int, K: int,
                  page: int) -> None:
    """Past the compiled capacity, the new rows' integer values repeat what the last probed period showed.

    Under a symbolic capacity every length-valued node is built from ``s`` by the ops ``_check_length_ops``
    admits: affine arithmetic, comparisons and clamps with constants, floor divisions, remainders and masks by
    positive constants, 0/1 factors, selects and data movement.  On the qualifying lengths ``s = l + k * d``,
    once every comparison and clamp has settled (``k >= k*``: each is monotone and beyond its last probed side,
    ``check_length_thresholds``), such a value ``e`` is *quasi-affine*: ``e(k + T) = e(k) + a_e * T`` for every
    ``k >= k*``, element by element, where ``a_e`` is its eventual slope and ``T`` any common multiple of the
    denominators of ``a_x / m`` over its divisions ``x // m``, ``x % m`` and masks ``x & c`` (``m = 2 **
    c.bit_length()``: a mask reads ``x mod m`` only).  (By induction: ``(x + a_x T) // m = x // m + a_x T / m``
    and ``(x + a_x T) % m = x % m`` where ``m`` divides ``a_x T``.)  The contract's own positions (``pos // P``,
    ``pos % P``) are quasi-affine with ``T = P / gcd(d, P)``.  Two quasi-affine values of period ``T`` that agree
    on ``T + 1`` consecutive ``k`` past ``k*`` agree for every larger ``k``: their slopes are equal (``e(k + T) -
    e(k)``) and each later value is an earlier one plus ``a T``.  The pooling probes show agreement on every
    probed ``k <= K``; so the step is the contract at every length past the compiled capacity when ``T <= K`` and
    every comparison and clamp has the same outcome, element by element, at ``k = K - T`` as at ``K`` (monotone:
    the same in between and beyond).  Otherwise refused.  Counting how far ``x`` moves is not enough: ``(9 q) % 8``
    moves over 28 values at 4 pages and is ``q`` on every probe, ``q - 8`` from page 8 on (red-team 21 F1); here
    ``a / m = 9 / 32`` asks for 32 qualifying lengths of one page each.

    ``d``: the step between qualifying lengths, ``K``: the last probed ``k``, ``page``: the page size."""
    period = page // math.gcd(d, page)
    for n in valued:
        if n not in new_region or n.op != "call_function" or n.target not in _DIVIDING or not _integral(n):
            continue
        slopes = _eventual_slopes(n.args[0], lengths, d)
        m = probed.number(n.args[1])[0]  # (one positive constant: check_length_thresholds)
        if n.target in (aten.bitwise_and.Scalar, aten.bitwise_and.Tensor):
            m = 1 << m.bit_length()
        if slopes is None:
            _refuse("sizes", f"{T.op_name(n)} divides a value whose slope in the lengths is not known: past the "
                    "compiled capacity its period cannot be bounded", n, "compile with a static cache capacity")
        for a in slopes:
            period = math.lcm(period, (a / m).denominator)
    if period > K:
        _refuse("sizes", f"the new rows repeat with a period of {period} qualifying lengths (their divisions and "
                f"remainders of the lengths), and the probes reach {K} past the first: past the compiled capacity "
                "they may take values the probes never saw", lengths,
                "compile with a static cache capacity, or a larger one")
    from .proof import in_order

    settled = [n for n in in_order(new_region) if n in valued and n.op == "call_function"
               and (n.target in _COMPARISONS or n.target in _CLAMPS)]
    if not settled:
        return
    at = [_evaluate_lengths(settled + [n.args[0] for n in settled if n.target in _CLAMPS], lengths, s, last.sizes)
          for s in (last.of(lengths)[0] - period * d, last.of(lengths)[0])]
    if at[0] is None or at[1] is None:
        _refuse("sizes", "a comparison or clamp of the lengths cannot be evaluated from the lengths alone: past the "
                "compiled capacity its outcome cannot be shown", lengths, "compile with a static cache capacity")
    outcomes = [_outcomes(settled, values) for values in at]
    for n, before, after in zip(settled, *outcomes):
        if not torch.equal(before, after):
            _refuse("sizes", f"{T.op_name(n)} changes its outcome within the last period the probes saw ({period} "
                    "qualifying lengths): past the compiled capacity the values may not repeat what they showed", n,
                    "compile with a static cache capacity, or a larger one")


def _outcomes(settled, values):
    """Each comparison's result; each clamp's side (``sign(out - in)``: -1 clamped from above, 1 from below, 0
    not clamped).  ``values``: the settled nodes' values, then the clamps' inputs."""
    clamp_inputs = iter(values[len(settled):])
    return [(v.long() - next(clamp_inputs).long()).sign() if n.target in _CLAMPS else v
            for n, v in zip(settled, values)]


def _evaluate_lengths(nodes, lengths, s, sizes):
    """``nodes`` evaluated with every row's length ``s`` (they depend on the lengths, constants and sizes only),
    or None."""
    from .evaluate import EvaluationError, Subgraph

    try:
        sub = Subgraph(nodes, [lengths])
        return sub([torch.full(sizes.shape(lengths), s, dtype=T.dtype_of(lengths))], sizes)
    except (EvaluationError, RuntimeError, TypeError, ValueError):
        return None


def _eventual_slopes(node, lengths: fx.Node, d: int, intervals: Intervals | None = None):
    """The slopes ``node`` may have per element in ``k`` (``s = l + k * d``) once its comparisons and clamps have
    settled, as a set of fractions (a clamp contributes its input's slope or 0, a select either branch's, a
    remainder or mask 0); None where it is not built from the ops :func:`check_periods` reasons about.
    ``intervals`` (values on qualifying rows): a clamp that changes no value there contributes its input's only."""
    def step(n, lengths, go):
        if n is lengths:
            return frozenset({Fraction(d)})
        if not isinstance(n, fx.Node):
            return frozenset({Fraction(0)}) if isinstance(n, (int, torch.SymInt)) else None
        if n.op != "call_function" or _constant_node(n):
            return frozenset({Fraction(0)}) if _constant_node(n) else None
        t, args = n.target, n.args
        if t in T.VIEWS or t in T.CASTS:
            return go(args[0])
        if t is aten.neg.default:
            a = go(args[0])
            return None if a is None else frozenset(-x for x in a)
        if t in (aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar):
            alpha = n.kwargs.get("alpha", 1)
            a, b = go(args[0]), go(args[1])
            if a is None or b is None or not isinstance(alpha, int):
                return None
            sign = 1 if t in (aten.add.Tensor, aten.add.Scalar) else -1
            got = frozenset(x + sign * alpha * y for x in a for y in b)
            return got if len(got) <= 64 else None
        if t in (aten.mul.Tensor, aten.mul.Scalar) and any(_from_bool(a) for a in args[:2]):
            x = args[1] if _from_bool(args[0]) else args[0]  # (a 0/1 factor: x or 0 once its comparison settled)
            a = go(x)
            return None if a is None else a | {Fraction(0)}
        if t in (aten.mul.Tensor, aten.mul.Scalar):
            for x, c in ((args[0], args[1]), (args[1], args[0])):
                if isinstance(c, int) and not isinstance(c, bool):
                    a = go(x)
                    return None if a is None else frozenset(v * c for v in a)
            return None
        if t in _FLOOR_DIVS:
            c = args[1]
            if not isinstance(c, int) or isinstance(c, bool) or c <= 0 or \
                    t in (aten.div.Tensor_mode, aten.div.Scalar_mode) and n.kwargs.get("rounding_mode") != "floor":
                return None  # (trunc rounds towards 0: not quasi-affine where x changes sign)
            a = go(args[0])
            return None if a is None else frozenset(v / c for v in a)
        if t in _DIVIDING and t not in _FLOOR_DIVS:
            return None if go(args[0]) is None else frozenset({Fraction(0)})  # (x % m, x & c: periodic)
        if t in _CLAMPS:
            if intervals is not None and isinstance(args[0], fx.Node) and _changes_no_value(n, args[0], intervals):
                return go(args[0])  # (a no-op on qualifying lengths: pos.clamp(min=0) with s >= l)
            # (settled: each element is its value or a bound; the value may come second: minimum(tensor(400), s))
            parts = [go(a) for a in args[:3] if a is not None]
            return None if any(a is None for a in parts) else frozenset().union(*parts) | {Fraction(0)}
        if t is aten.where.self or t in T.ASSEMBLE and t is not operator_getitem():
            # (a select settles on one branch per element; cat / stack: each element is one of the parts)
            parts = [go(a) for a in (args[1:3] if t is aten.where.self else n.all_input_nodes)]
            return None if any(a is None for a in parts) else frozenset().union(*parts)
        if t in T.GATHERS:
            data = T.data_inputs(n)  # (length-valued data at other indices: lengths moved)
            return go(data[0]) if data else None
        return None

    return _walk_memoized(step, node, lengths)


# What a length-valued node (computed from the lengths, not gathered with them) may be under a symbolic
# capacity: ops whose result past the compiled capacity the interval rules above decide (affine
# arithmetic; clamps, comparisons, divisors and bit masks, checked there) and data movement.
_LENGTH_OPS = (T.VIEWS | T.CASTS | T.ASSEMBLE | _MONOTONE_PAIR | _COMPARISONS | _CLAMPS | _FLOOR_DIVS | _REMAINDERS
               | {aten.neg.default, aten.bitwise_and.Scalar, aten.bitwise_and.Tensor, aten.where.self,
                  aten.__and__.Tensor})
_LOGIC = {aten.logical_and.default, aten.logical_or.default, aten.logical_not.default, aten.logical_xor.default}
_BOOL_LOGIC = {aten.bitwise_not.default, aten.bitwise_or.Tensor, aten.__or__.Tensor, aten.bitwise_xor.Tensor}


def _check_length_ops(new_region, lengths: fx.Node, intervals: Intervals | None = None) -> set:
    """Under a symbolic capacity, every length-valued node of the new rows is one of ``_LENGTH_OPS`` in
    integers (booleans for the logic), and lengths index only the block table or the paged KV, never a
    constant (a lookup table indexed by the length holds anything past the compiled capacity).  Values
    gathered *with* length-derived indices are tokens, not lengths.  Integer arithmetic on them must not
    wrap for any length (``intervals``: lengths up to their dtype's max): an int32 ``s * s`` or
    ``s + (2**31 - 5000)`` wraps past the compiled capacity, where the comparisons above would read its
    unwrapped interval (G7).  Returns the length-valued nodes."""
    from .proof import in_order

    valued = {lengths}
    for n in in_order(new_region):
        if n.op != "call_function" or not any(a in valued for a in T.value_inputs(n)):
            continue
        if n.target in T.GATHERS:
            data = T.data_inputs(n)
            if data and data[0] in valued:
                if any(a in valued for a in T.value_inputs(n) if a is not data[0]):
                    # a table of length-derived values read at length-derived indices is a lookup (q + c[q] as
                    # (q + c).gather(.., q), or a residue the probes never met picking another entry): past the
                    # compiled capacity it reads entries no probe saw (red-team 19 F1 (b), F3)
                    _refuse("sizes", f"{T.op_name(n)} reads length-derived values at length-derived indices: past the "
                            "compiled capacity this dynamic graph looks up entries the probes never saw", n,
                            "compute positions arithmetically, or compile with a static cache capacity")
                valued.add(n)  # lengths moved
            elif data and _constant_node(data[0]):
                _refuse("sizes", f"{T.op_name(n)} looks up {data[0].name}, a constant, at length-derived indices: past the "
                        "compiled capacity this dynamic graph reads entries the probes never saw", n,
                        "compute positions arithmetically, or compile with a static cache capacity")
            continue
        if n.target is aten.where.self and not any(a in valued for a in n.args[1:3] if isinstance(a, fx.Node)):
            continue  # a choice between tokens (or constants) by a length condition: the condition is checked
        dtype = T.dtype_of(n)
        if dtype is None and n.target in (aten.unbind.int, aten.split.Tensor, aten.split_with_sizes.default):
            dtype = T.dtype_of(n.args[0])  # (a tuple of parts of its input: ``pos.unbind(1)``, models26)
        integral = dtype is not None and (dtype == torch.bool or not dtype.is_floating_point)
        if (n.target not in _LENGTH_OPS or not integral) and not (n.target in _BOOL_LOGIC and dtype == torch.bool):
            _refuse("sizes", f"{T.op_name(n)} computes from the lengths{'' if integral else f' in {dtype}'}: past the "
                    "compiled capacity this dynamic graph serves lengths the probes never reached, and only integer "
                    "affine arithmetic, clamps, comparisons and divisions are checked beyond them", n,
                    "compute positions as s - l + arange(l) (clamp, // P, % P), or compile with a static capacity")
        if dtype == torch.bool and (n.target not in _COMPARISONS or n.target in _LOGIC) and any(
                a in valued and T.dtype_of(a) != torch.bool for a in T.value_inputs(n)):
            # a length-derived integer read as a truth value ((s - 448).bool(), logical_not, logical_and) is a
            # comparison with 0 that no threshold rule sees (red-team 21 F2; logical_not(logical_not(s - 448))
            # stays logical_not in Inductor's graph, a "comparison" without a constant)
            _refuse("sizes", f"{T.op_name(n)} reads a length-derived integer as a truth value: a comparison with 0 "
                    "past the compiled capacity that the probes may never have met", n,
                    "compare explicitly (s != c), or compile with a static cache capacity")
        if n.target is aten.mul.Tensor and all(isinstance(a, fx.Node) and a in valued and not _from_bool(a)
                                                for a in n.args[:2]):
            # a product of two length-derived integers is no affine arithmetic: of a remainder whose residues the
            # probes met only in part (5 q % 8 steps by 5), a polynomial that vanishes on the residues met is the
            # identity on every probe and not past the compiled capacity (red-team 19 F1 (a)); a 0/1 factor from a
            # comparison is a select (its comparison is checked)
            _refuse("sizes", f"{T.op_name(n)} multiplies two length-derived values: past the compiled capacity this "
                    "dynamic graph serves lengths the probes never reached, and only affine arithmetic is checked "
                    "beyond them", n, "compile with a static cache capacity")
        if intervals is not None and n.target in _MONOTONE_PAIR:
            span, dr = intervals.of(n), dtype_range(dtype)
            if span is None or span[0] < dr[0] or span[1] > dr[1]:
                _refuse("sizes", f"{T.op_name(n)} computes from the lengths in {dtype}, which may wrap for lengths past the "
                        f"compiled capacity (values up to {span[1] if span else '?'}): this dynamic graph serves them", n,
                        "compute positions in int64 from the lengths (s.long()), or compile with a static capacity")
        valued.add(n)
    return valued


def _from_bool(node) -> bool:
    """``node`` is a boolean, or a cast of one (0 / 1), through casts."""
    while isinstance(node, fx.Node) and node.op == "call_function" and node.target in T.CASTS and node.args:
        if T.dtype_of(node) == torch.bool:
            return True
        node = node.args[0]
    return isinstance(node, fx.Node) and T.dtype_of(node) == torch.bool


def _walk_memoized(step, node, lengths: fx.Node):
    """``step(node, lengths, go)`` with ``go`` the same walk on an argument, each node evaluated once per
    query: shared subexpressions (a compensated sum's chain reads each partial sum twice) made the plain
    recursion exponential in the window length (blind7's KahanCompensatedLoop hung the compile)."""
    memo: dict = {}

    def go(n):
        if not isinstance(n, fx.Node):
            return step(n, lengths, go)
        if n not in memo:
            memo[n] = step(n, lengths, go)
        return memo[n]

    return go(node)


def _slope(node, lengths: fx.Node):
    """``node`` as ``k * lengths + c`` (c a constant, possibly a vector): k, or None where it is not
    affine in the lengths through casts, views, additions of constants, negation and constant factors."""
    return _walk_memoized(_slope_step, node, lengths)


def _slope_step(node, lengths: fx.Node, go):
    if node is lengths:
        return 1
    if not isinstance(node, fx.Node) or node.op != "call_function":
        return 0 if not isinstance(node, fx.Node) else (0 if _constant_node(node) else None)
    t, args = node.target, node.args
    if t in T.VIEWS or t in T.CASTS:
        return go(args[0])
    if t is aten.neg.default:
        k = go(args[0])
        return None if k is None else -k
    if t in (aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar):
        ka, kb = go(args[0]), go(args[1])
        alpha = node.kwargs.get("alpha", 1)
        if ka is None or kb is None or not isinstance(alpha, int):
            return None
        return ka + alpha * kb if t in (aten.add.Tensor, aten.add.Scalar) else ka - alpha * kb
    if t in (aten.mul.Tensor, aten.mul.Scalar):
        ka, kb = go(args[0]), go(args[1])
        for k, other in ((ka, args[1]), (kb, args[0])):
            if k is not None and not isinstance(other, fx.Node) and isinstance(other, int):
                return k * other
        return None
    return 0 if _constant_node(node) else None


def _monotone(node, lengths: fx.Node):
    """+1 where ``node`` is non-decreasing in the lengths, -1 where non-increasing, 0 where constant, None
    where neither is shown: through casts, views, negation, additions (same direction), products with
    constants, floor division by a positive constant and clamps by constants."""
    return _walk_memoized(_monotone_step, node, lengths)


def _monotone_step(node, lengths: fx.Node, go):
    if node is lengths:
        return 1
    if not isinstance(node, fx.Node) or node.op != "call_function":
        return 0 if not isinstance(node, fx.Node) or _constant_node(node) else None
    if _constant_node(node):
        return 0
    t, args = node.target, node.args

    def both(a, b):
        if a is None or b is None:
            return None
        return a if b == 0 else b if a == 0 else (a if a == b else None)

    if t in T.VIEWS or t in T.CASTS:
        return go(args[0])
    if t is aten.neg.default:
        m = go(args[0])
        return None if m is None else -m
    if t in (aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar):
        alpha = node.kwargs.get("alpha", 1)
        if not isinstance(alpha, int):
            return None
        a, b = go(args[0]), go(args[1])
        if b is not None:
            b = b * (1 if alpha > 0 else -1 if alpha < 0 else 0) * (1 if t in (aten.add.Tensor, aten.add.Scalar) else -1)
        return both(a, b)
    if t in (aten.mul.Tensor, aten.mul.Scalar):
        for x, c in ((args[0], args[1]), (args[1], args[0])):
            if isinstance(c, int) and not isinstance(c, bool):
                m = go(x)
                return None if m is None else m * (1 if c > 0 else -1 if c < 0 else 0)
        return None
    if t in _FLOOR_DIVS:
        if t in (aten.div.Tensor_mode, aten.div.Scalar_mode) and node.kwargs.get("rounding_mode") != "floor":
            return None
        c = args[1]
        return go(args[0]) if isinstance(c, int) and not isinstance(c, bool) and c > 0 else None
    if t in _CLAMPS:
        if any(isinstance(a, fx.Node) and not _constant_node(a) for a in args[1:]):
            return None
        return go(args[0])
    if t is aten.where.self:
        x = _clamped_below(node)
        return None if x is None else go(x)
    return None


def _clamped_below(node: fx.Node):
    """``x`` for ``where(x < c, k, x)`` or ``where(x >= c, x, k)`` with numbers ``k <= c`` (``where(pos < 0, 0, pos)``,
    a clamp from below: x where it is at least c, k below it), else None."""
    cond, a, b = node.args[:3]
    if not isinstance(cond, fx.Node) or cond.op != "call_function" or len(cond.args) != 2:
        return None
    x, c = cond.args
    if cond.target in (aten.lt.Scalar, aten.lt.Tensor, aten.le.Scalar, aten.le.Tensor):
        k, kept = a, b
    elif cond.target in (aten.ge.Scalar, aten.ge.Tensor, aten.gt.Scalar, aten.gt.Tensor):
        kept, k = a, b
    else:
        return None

    def num(v):  # (a number, or a filled tensor: torch.where(pos < 0, 0, pos) fills a 0-dim tensor)
        if isinstance(v, fx.Node) and v.op == "call_function" and v.target in (aten.full.default,
                                                                             aten.scalar_tensor.default):
            v = v.args[1] if v.target is aten.full.default else v.args[0]
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

    if kept is not x or num(c) is None or num(k) is None or num(k) > num(c):
        return None
    return x


def _constant_node(node: fx.Node) -> bool:
    """A value computed from no graph input (an arange, a full).  (Walks the value ancestors and stops
    at the first graph input: called for each node of a region, a full walk per node was quadratic.)"""
    seen, work = set(), [node]
    while work:
        n = work.pop()
        if n in seen:
            continue
        if n.op == "placeholder":
            return False
        seen.add(n)
        work.extend(T.value_inputs(n))
    return True


def check_slot_path(slots: fx.Node, cache_rows, bounds: "dict | None" = None) -> "fx.Node | FlatSlots | None":
    """The slots the op gets are computed from the slot mapping by maps that are one-to-one on cache rows
    (casts, views that keep each row's slot, adding or subtracting one value for every row, a remainder by
    the number of cache rows: valid slots are distinct modulo it, docs/contract.md), or are an ``arange``
    (distinct by construction).  A clamp or a where can send a padding row to a written row's slot
    (``slots.clamp(min=0)``: -1 becomes 0), a constant vector can repeat a slot (``arange(B) % 3``), where
    eager's later write wins and the op's does not.  Walks from the write's slots back to their source;
    returns the graph input they come from (None for an ``arange``; :class:`FlatSlots` for ``arange(B) * M +
    offset``, which the sizes proof bounds).  ``bounds``: where given, a symbolic number of cache rows that a
    remainder takes in a narrower dtype is bounded there instead of refused (symbol -> largest value, guarded
    when the step is fused: _check_unwrapped)."""
    def same_size(a) -> bool:
        a = val(a) if isinstance(a, fx.Node) else a
        if isinstance(a, torch.SymInt) and isinstance(cache_rows, torch.SymInt):
            return a.node.expr == cache_rows.node.expr
        return isinstance(a, int) and isinstance(cache_rows, int) and a == cache_rows

    n, wrapped = slots, False  # wrapped: a remainder by the cache rows lies between n and the write
    below = []  # the value-changing nodes walked from the first remainder on, write side first (_check_unwrapped)
    while True:
        if n.op == "placeholder":
            _check_unwrapped(below, n, cache_rows, bounds)
            return n
        t = n.target if n.op == "call_function" else None
        if t in _SLOT_VIEWS or t in T.CASTS or _squeezes(n):
            if t in T.CASTS:
                _check_slot_cast(n, cache_rows)
                if wrapped:
                    below.append(("cast", n))
            n = _squeezed(n) if _squeezes(n) else n.args[0]
            continue
        if t in _IOTAS and T.dtype_of(n) in (torch.int32, torch.int64):
            _check_unwrapped(below, n, cache_rows, bounds)
            _check_iota_slots(n, bool(below), cache_rows)
            return None
        if t in _REMAINDERS and len(n.args) > 1 and same_size(n.args[1]) and isinstance(n.args[0], fx.Node):
            below.append(("mod", n))  # (the first one too: it is taken in its own dtype, _check_unwrapped)
            n, wrapped = n.args[0], True
            continue
        x = _python_wrap(n, same_size)
        if x is not None:
            # where(x < 0, x + S, x) is x % S for x in [-S, S), the slot mapping's range on valid input: only
            # while x is the slot mapping as passed in (a shift or a narrowing cast below would leave that range)
            if not wrapped and _passed_in(x) is None:
                _refuse("write", f"the negative-slot wrap (where(s < 0, s + S, s)) is applied to slots computed with "
                        f"{T.op_name(x) if x.op == 'call_function' else x.name}: it is s % S only for s in [-S, S), "
                        "the range valid input gives the slot mapping passed in", x,
                        "wrap the slot mapping as it is, or use a remainder: slots % cache.shape[0]")
            below.append(("wrap", n))  # (x + S where x < 0: its own interval rule, _check_unwrapped)
            n, wrapped = x, True
            continue
        flat = _flat_slots(n) if not wrapped else None
        if flat is not None:
            return flat  # (distinct and in range where the offset stays in [0, M): sizes.SizesProof.check_flat_slots)
        table = _paged_slot_table(n) if not wrapped else None
        if table is not None:
            # page * Pc + i % Pc, the page one entry of a table per batch row: a paged compressed cache written through
            # its flat view; valid input gives written rows in-range pages distinct across rows (docs/contract.md), so
            # the slots are distinct and in range there; sizes.check_rows proves row b reads its own table row
            return table
        if t in (aten.neg.default, aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar) and not wrapped:
            # a shift the remainder does not bring back: written rows' slots leave [0, num_slots), which eager
            # indexes Python-style and the op refuses (slots - S), G11
            _refuse("write", f"the slots are shifted with {T.op_name(n)} and not brought back by a remainder by the "
                    "number of cache rows: written rows' slots may leave [0, num_slots), where the op raises and "
                    "eager indexes Python-style", n, "pass the slot mapping as it is, or shift it modulo the cache rows")
        if t is aten.neg.default:
            below.append(("neg", n))
            n = n.args[0]
            continue
        if t in (aten.add.Tensor, aten.add.Scalar, aten.sub.Tensor, aten.sub.Scalar) and \
                n.kwargs.get("alpha", 1) in (1, -1):
            # one operand carries the rows, the other is one value for every row (a vector such as
            # arange(B) == 3 moves rows by different amounts: not one-to-one)
            moving = [a for a in n.args[:2] if not _uniform(a)]
            if len(moving) == 1 and isinstance(moving[0], fx.Node):
                below.append(("shift", n))
                n = moving[0]
                continue
        table = _slot_table(n)
        if table is not None:
            # one entry of a table of compressed rows per batch row (slot = cmp_table[b, i]): sizes.check_rows proves
            # row b reads its own table row; valid input gives the rows disjoint entries (docs/contract.md)
            _check_unwrapped(below, n, cache_rows, bounds)
            return table
        _refuse("write", f"the slots are computed with {T.op_name(n) if n.op == 'call_function' else n.name}, which may "
                "send two rows to one cache row (a padding row onto a written one): eager keeps the later write "
                "there, the op the written row", n,
                "pass the slot mapping as it is (padding slots that no written row uses)")


def _check_iota_slots(n: fx.Node, under_remainder: bool, cache_rows) -> None:
    """An ``arange`` as the slots is distinct by construction, but not modulo the cache rows (red team 53 H2): under a
    remainder by them it must count by one (``arange(0, 2 * B, 2) % S`` puts rows b and b + S / 2 on one row) over at
    most S values, both sizes static (``arange(B) % S`` repeats rows once B > S, which a dynamic graph may serve).
    Without a remainder it must count up from 0 or more: a negative slot is a row to skip for the op and row ``S + s``
    for eager's Python-style index."""
    if n.target is prims.iota.default:
        start, step = n.kwargs.get("start", 0), n.kwargs.get("step", 1)
    else:
        start = n.args[0] if n.target in (aten.arange.start, aten.arange.start_step) else 0
        step = n.args[2] if n.target is aten.arange.start_step and len(n.args) > 2 else 1
    length = val(n).shape[0] if isinstance(val(n), torch.Tensor) and val(n).dim() == 1 else None
    if under_remainder:
        ok = step in (1, -1) and isinstance(length, int) and isinstance(cache_rows, int) and length <= cache_rows
        why = "counts by one over at most the cache rows, both sizes known"
    else:
        ok = isinstance(start, int) and start >= 0 and isinstance(step, int) and step >= 1
        why = "counts up from 0 or more"
    if not ok:
        _refuse("write", f"the slots are an arange ({T.op_name(n)}) that {why.replace('counts', 'does not count', 1)}: "
                "two rows may land on one cache row, or a row on a negative slot that eager wraps and the op skips", n,
                f"use slots that are distinct modulo the cache rows (an arange that {why})")


# Views on the slot path: the same elements in the same order (each row keeps its own slot).  Others in
# optable.VIEWS duplicate slots (expand, repeat, as_strided, unfold), drop or shift them (slice, narrow,
# select, diagonal) or hand a row another row's slot (roll, flip, permute): a padding row's -1 may then
# land on a written row's slot (G5).
_SLOT_VIEWS = {aten.view.default, aten.reshape.default, aten._unsafe_view.default, aten.alias.default,
               aten.unsqueeze.default, aten.squeeze.dim, aten.squeeze.dims, aten.squeeze.default, aten.clone.default,
               aten.contiguous.default, aten.detach.default, aten.flatten.using_ints, aten.unflatten.int,
               aten.lift_fresh_copy.default, aten.view_copy.default, aten._reshape_copy.default,
               aten.alias_copy.default, aten.squeeze_copy.dim, aten.unsqueeze_copy.default}


class FlatSlots(NamedTuple):
    """Slots ``arange(B) * M + offset``: row b writes the ``offset``-th of its own ``M`` rows of a cache of
    ``B * M`` rows (an HF static ``[B, M, N, D]`` compressed cache written through its flat view at
    ``b * max_cmp + (s - l) // d``, models5 hf_static_head_major).  Distinct across rows and in range exactly
    where ``0 <= offset < M`` on every valid input and the ``arange`` counts the batch's rows, which
    ``sizes.SizesProof.check_flat_slots`` proves (interval arithmetic over valid lengths); an offset past M
    is row b + 1's row, which that row may write too."""
    offset: fx.Node
    rows_per_request: "int | torch.SymInt"
    iota: fx.Node
    node: fx.Node  # the add


def _flat_slots(n: fx.Node) -> FlatSlots | None:
    """``n`` as :class:`FlatSlots`: an int64 ``add`` of ``arange(B) * M`` (from 0, step 1, M a positive Python
    int or a size of the graph; through slot views and int64 casts) and an integer offset node; else None."""
    if n.op != "call_function" or n.target is not aten.add.Tensor or n.kwargs or T.dtype_of(n) != torch.int64:
        return None
    for off, offset in (n.args[:2], n.args[1::-1]):
        if not isinstance(off, fx.Node) or not isinstance(offset, fx.Node) or not _integral(offset):
            continue
        while off.op == "call_function" and off.target in _SLOT_VIEWS | T.CASTS and T.dtype_of(off) == torch.int64:
            off = off.args[0]
        if off.op != "call_function" or off.target not in (aten.mul.Tensor, aten.mul.Scalar) or \
                T.dtype_of(off) != torch.int64 or off.kwargs:
            continue
        iota, M = off.args if _a_size(off.args[1]) else off.args[::-1]
        M = val(M) if isinstance(M, fx.Node) else M  # (a size node: its SymInt, which check_flat_slots guards)
        if _a_size(M) and isinstance(iota, fx.Node) and _plain_iota(iota):
            return FlatSlots(offset, M, iota, n)
    return None


def _a_size(m) -> bool:
    """A positive Python int, or a symbolic size (a SymInt, or a node holding one: ``cmp.shape[1]`` under dynamic
    shapes)."""
    m = val(m) if isinstance(m, fx.Node) and not T.is_tensor(m) else m
    return isinstance(m, torch.SymInt) or (isinstance(m, int) and not isinstance(m, bool) and m > 0)


def _plain_iota(n: fx.Node) -> bool:
    """A 1-D ``arange(B)`` from 0 in steps of 1 (int32/int64; through int64 casts)."""
    while n.op == "call_function" and n.target in T.CASTS and T.dtype_of(n) == torch.int64:
        n = n.args[0]
    v = val(n)
    if n.op != "call_function" or not isinstance(v, torch.Tensor) or v.dim() != 1 or \
            v.dtype not in (torch.int32, torch.int64):
        return False
    if n.target is prims.iota.default:
        return n.kwargs.get("start", 0) == 0 and n.kwargs.get("step", 1) == 1
    return n.target is aten.arange.default or (n.target is aten.arange.start and n.args[0] == 0) or \
        (n.target is aten.arange.start_step and n.args[0] == 0 and n.args[2] == 1)


def _squeezes(n: fx.Node) -> bool:
    """``x[:, 0]`` of a dim of size 1 (``cmp_table.gather(1, i[:, None])[:, 0]``, models5 lucidrains_functional), or
    ``x.unbind(-1)[0]`` of one (vllm-ascend's ``[B, 1]`` nd indices, ``cache[tuple(idx.unbind(-1))]``, models25
    ascend_nd_indices_2l): a squeeze, every row keeps its own slot."""
    if n.op == "call_function" and n.target is operator.getitem and isinstance(n.args[0], fx.Node) \
            and n.args[0].op == "call_function" and n.args[0].target is aten.unbind.int and n.args[1] in (0, -1):
        unbind = n.args[0]
        x, dim = val(unbind.args[0]), (unbind.args[1] if len(unbind.args) > 1 else unbind.kwargs.get("dim", 0))
        return isinstance(x, torch.Tensor) and x.dim() > 0 and isinstance(dim, int) and \
            isinstance(x.shape[dim], int) and x.shape[dim] == 1
    if n.op != "call_function" or n.target not in (aten.select.int, aten.select_copy.int) or len(n.args) < 3:
        return False
    x = val(n.args[0])
    return isinstance(x, torch.Tensor) and x.dim() > 0 and isinstance(n.args[1], int) and \
        isinstance(x.shape[n.args[1]], int) and x.shape[n.args[1]] == 1 and n.args[2] in (0, -1)


def _squeezed(n: fx.Node) -> fx.Node:
    """The tensor a :func:`_squeezes` node squeezes (through the ``unbind`` of an unbind pick)."""
    return n.args[0].args[0] if n.target is operator.getitem else n.args[0]


def _python_wrap(n: fx.Node, same_size):
    """``x`` where ``n`` is ``where(x < 0, x + S, x)`` or ``where(x >= 0, x, x + S)`` with ``S`` the number of
    cache rows (vLLM's padding slot -1 made the last row), or the same as arithmetic, ``x + (x < 0).long() * S``
    (equal for every x), else None."""
    if n.op == "call_function" and n.target is aten.add.Tensor and not n.kwargs and len(n.args) == 2 and \
            T.dtype_of(n) == torch.int64:
        for x, shift in (n.args, n.args[::-1]):
            if _negative_times(shift, x, same_size):
                return x
        return None
    if n.op != "call_function" or n.target is not aten.where.self or not isinstance(n.args[0], fx.Node):
        return None
    cond, a, b = n.args[:3]
    if cond.op != "call_function" or len(cond.args) != 2 or not _is_int_zero(cond.args[1]):
        return None
    if cond.target in (aten.lt.Scalar, aten.lt.Tensor):
        shifted, kept = a, b
    elif cond.target in (aten.ge.Scalar, aten.ge.Tensor):
        kept, shifted = a, b
    else:
        return None
    x = cond.args[0]
    if not _same_slots(kept, x) or not isinstance(shifted, fx.Node) or shifted.op != "call_function" or \
            shifted.target not in (aten.add.Tensor, aten.add.Scalar) or shifted.kwargs.get("alpha", 1) != 1:
        return None
    if not any(_same_slots(shifted.args[i], x) and same_size(shifted.args[1 - i]) for i in (0, 1)):
        return None
    return x


def _negative_times(shift, x, same_size) -> bool:
    """``shift`` is ``(x < 0) * S`` (the comparison cast to an integer dtype, in either operand order) with ``S`` the
    number of cache rows, computed in int64 (a narrower product wraps: ``(x < 0).to(int8) * 200`` is ``-56``, red-team
    38 F2)."""
    if not isinstance(shift, fx.Node) or shift.op != "call_function" or \
            shift.target not in (aten.mul.Tensor, aten.mul.Scalar) or shift.kwargs or len(shift.args) != 2 or \
            T.dtype_of(shift) != torch.int64:
        return False
    for flag, S in (shift.args, shift.args[::-1]):
        while isinstance(flag, fx.Node) and flag.op == "call_function" and flag.target in T.CASTS:
            flag = flag.args[0]
        if isinstance(flag, fx.Node) and flag.op == "call_function" and \
                flag.target in (aten.lt.Scalar, aten.lt.Tensor) and len(flag.args) == 2 and \
                _is_int_zero(flag.args[1]) and _same_slots(flag.args[0], x) and same_size(S):
            return True
    return False


def _same_slots(a, b) -> bool:
    """``a`` and ``b`` hold the same values: one node, or the same casts and views of one node (graphs
    without common-subexpression elimination repeat ``slots.long()`` for each use)."""
    while a is not b:
        if not (isinstance(a, fx.Node) and isinstance(b, fx.Node) and a.op == b.op == "call_function"
                and a.target is b.target and (a.target in _SLOT_VIEWS or a.target in T.CASTS)
                and a.args[1:] == b.args[1:] and a.kwargs == b.kwargs):
            return False
        a, b = a.args[0], b.args[0]
    return True


def _is_int_zero(a) -> bool:
    return isinstance(a, int) and not isinstance(a, bool) and a == 0


def _slot_table(n: fx.Node) -> fx.Node | None:
    """The 2-D integer graph input ``n`` reads one entry of per row (``table.gather(1, i[:, None])``,
    ``table[rows, i]``), through views that keep each entry and casts that keep every value, or None.  The
    batch's rows of a pool table read through a batch index (``T[r]``, ``pool_tables.POOL_ROWS``) count as
    such an input: valid input gives the batch distinct pool rows (docs/contract.md); so does the table of a
    per-request ``[S, M, N, D]`` cache's flat rows, ``arange(S * M).view(S, M)`` (``pool_tables.ROW_SLOTS``,
    ``rewrite._per_request_rows``), whose entries are distinct by construction."""
    if n.op != "call_function" or not (
            (n.target is aten.gather.default and n.args[1] in (1, -1)) or
            (n.target is aten.index.Tensor and len(n.args[1]) == 2 and all(isinstance(i, fx.Node) for i in n.args[1]))
            or _flat_table_read(n)):
        return None
    x = n.args[0].args[0] if _flat_table_read(n) else n.args[0]
    while x.op == "call_function" and (x.target in _SLOT_VIEWS or x.target in T.CASTS) and not x.meta.get(ROW_SLOTS):
        src, dst = dtype_range(T.dtype_of(x.args[0])), dtype_range(T.dtype_of(x))
        if src is None or dst is None or src[0] < dst[0] or src[1] > dst[1]:
            return None  # (a narrowing cast may map two rows' entries onto one slot)
        x = x.args[0]
    v = val(x)
    return x if (x.op == "placeholder" or x.meta.get(POOL_ROWS) or x.meta.get(ROW_SLOTS)) and isinstance(v, torch.Tensor) \
        and v.dim() == 2 and _integral(x) else None


def _flat_table_read(n: fx.Node) -> bool:
    """``n`` reads a 2-D table through its flat view, ``table.view(-1)[b * W + i]`` (SGLang's ``req_to_token`` read
    flat, rerouted through the batch's own rows by ``pool_tables``): one entry of row b exactly where the index is
    ``b * W + i`` with ``0 <= i < W``, which ``sizes.check_rows`` proves for the slots read from a table
    (``evaluate.BatchPlan``'s flat rows and their bounds), or refuses."""
    from .proof import _dim

    if n.target is not aten.index.Tensor or len(n.args[1]) != 1 or not isinstance(n.args[1][0], fx.Node):
        return False
    flat = n.args[0]
    return isinstance(flat, fx.Node) and flat.op == "call_function" and flat.target in T.RESHAPES \
        and isinstance(flat.args[0], fx.Node) and _dim(flat) == 1 and _dim(flat.args[0]) == 2


def page_times_plus_offset(n: fx.Node):
    """``(page, P, scaled, rem)`` for ``n = page * P + q % P`` (either order of the sum; ``scaled = page * P`` a
    ``mul`` by a positive Python int ``P``, ``rem = q % P`` a floor remainder by that same ``P``, in ``[0, P)`` for
    every ``q``), else None: row ``q % P`` of page ``page`` in the flat view of ``[NB, P, ...]`` pages.  The callers
    hold the dtypes to what their argument needs (rewrite.paged_flat_reads, :func:`_paged_slot_table`)."""
    if n.op != "call_function" or n.target is not aten.add.Tensor or n.kwargs:
        return None
    for scaled, rem in (n.args[:2], n.args[1::-1]):  # (at most one order is a mul and a remainder)
        if not (isinstance(scaled, fx.Node) and isinstance(rem, fx.Node) and scaled.op == rem.op == "call_function"
                and scaled.target in (aten.mul.Tensor, aten.mul.Scalar) and not scaled.kwargs
                and rem.target in _REMAINDERS):
            continue
        page, P = scaled.args if isinstance(scaled.args[1], int) else scaled.args[::-1]
        if isinstance(P, int) and not isinstance(P, bool) and P > 0 and isinstance(page, fx.Node) and rem.args[1] == P:
            return page, P, scaled, rem
    return None


def _paged_slot_table(n: fx.Node) -> fx.Node | None:
    """The table of ``n = page * Pc + i % Pc`` (:func:`page_times_plus_offset`) with ``page`` one entry of a 2-D
    table per row (:func:`_slot_table`, ``cmp_block_table.gather(1, i // Pc)``), in int64 (an int32 product wraps
    for a padding row's huge page id), else None.  Row ``i % Pc`` of page ``page`` of a ``[NBc, Pc, N, D]``
    compressed cache written through its flat ``view(-1, N, D)``: two rows with distinct pages never share a slot."""
    found = page_times_plus_offset(n) if T.dtype_of(n) == torch.int64 else None
    if found is None:
        return None
    page, _, scaled, rem = found
    if rem.kwargs or T.dtype_of(scaled) != torch.int64 or not isinstance(rem.args[0], fx.Node) \
            or not _integral(rem.args[0]):
        return None
    # (an int32 page id read, then widened: cmp_block_table[rows, i // Pc].long(), models17)
    while page.op == "call_function" and (page.target in _SLOT_VIEWS or _squeezes(page) or _widening(page)):
        page = _squeezed(page) if _squeezes(page) else page.args[0]
    return _slot_table(page)


WIDE_INTS = (torch.int32, torch.int64)  # the index dtypes of serving metadata (sizes._wide_int_casts_off too)


def _widening(n: fx.Node) -> bool:
    """``n`` casts an int32 / int64 tensor to int64 (every value kept)."""
    return n.target in T.CASTS and isinstance(n.args[0], fx.Node) and T.dtype_of(n) == torch.int64 and \
        T.dtype_of(n.args[0]) in WIDE_INTS


def _input_through(x: fx.Node, cast_ok) -> fx.Node | None:
    """The graph input ``x`` is through views that keep each row's slot and casts ``cast_ok`` accepts, or None."""
    while x.op == "call_function" and (x.target in _SLOT_VIEWS or (x.target in T.CASTS and cast_ok(x))):
        x = x.args[0]
    return x if x.op == "placeholder" else None


def passed_in_unchanged(x: fx.Node) -> fx.Node | None:
    """The graph input ``x`` is through slot views and casts that keep every value of any integer dtype (to int64
    from int32 / int64), or None: ``x`` holds that input's values (``rpi.to(int8)`` does not: pool rows 3 and 259 are
    one int8 value, red team 54 H1)."""
    return _input_through(x, _widening)


def _passed_in(x: fx.Node) -> fx.Node | None:
    """The graph input ``x`` is through views that keep each row's slot and casts of any kind, or None."""
    return _input_through(x, lambda n: True)


# A symbolic number of cache rows is below this: a cache of 2**48 rows holds at least 256 TiB.
MAX_CACHE_ROWS = 1 << 48


def _check_unwrapped(below: list, source: fx.Node, cache_rows, bounds: "dict | None" = None) -> None:
    """The ops between the slots' source and the remainder by the cache rows above them (``(slots + c) % S``) are
    one-to-one modulo ``S`` only in exact integers: an int32 ``slots + (2**31 - 1)`` wraps for every slot >= 1, and
    29 does not divide ``2**32``, so slots 0 and 16 of a 29-row cache land on one row (red team 51 F1; a float
    ``slots.double() + 2**53`` rounds alike).  So every shift, negation and cast there must keep every value it may
    get, by interval arithmetic from the source's valid range (``[-S, S)``: valid input, docs/contract.md; ``S`` at
    most :data:`MAX_CACHE_ROWS` where symbolic) and the shift's own range (a Python number, a constant fill, else its
    dtype's range); a float shift is refused.  ``below``: ``(kind, node)`` from the write down to ``source``, kind
    "mod" (a remainder by the cache rows), "wrap" (the Python-style wrap, ``where(x < 0, x + S, x)``), "cast", "shift"
    or "neg".  ``bounds`` (check_slot_path) gets the guard a symbolic S needs where a remainder or wrap is taken in a
    narrower dtype than S may reach."""
    if not below:
        return
    S = cache_rows if isinstance(cache_rows, int) else _bounded_rows(below, cache_rows, bounds)
    S_least = cache_rows if isinstance(cache_rows, int) else 1  # (a symbolic S: any size from 1 to MAX_CACHE_ROWS)
    lo, hi = -S, S - 1
    src_range = dtype_range(T.dtype_of(source)) if isinstance(source, fx.Node) else None
    if src_range is not None:
        lo, hi = max(lo, src_range[0]), min(hi, src_range[1])
    if isinstance(source, fx.Node) and source.op == "call_function" and source.target in _IOTAS:
        # (an arange is no slot mapping: its own values, from its start, step and length where they are numbers,
        # else its dtype's range)
        from .evaluate import EvaluationError, Sizes

        try:  # (Intervals' own arange rule; a symbolic start, end or length has no number here)
            own = Intervals(Sizes(None), {}).of(source)
        except EvaluationError:
            own = None
        lo, hi = own or src_range or (lo, hi)
    for kind, n in reversed(below):
        t = n.target
        dtype = T.dtype_of(n)
        span = dtype_range(dtype)
        if kind in ("mod", "wrap") and span is not None and S - 1 > span[1]:
            # (S itself is cast to the slots' dtype: an int32 ``x % S`` with S = 2**32 + 5 is ``x % 5``, and
            # ``x + S`` is ``x + 5``; a symbolic S may be any size up to MAX_CACHE_ROWS)
            _refuse("write", f"the slots are taken modulo the cache rows in {dtype} ({T.op_name(n)}), which does not hold "
                    f"every number of rows the graph serves (up to {S}): the rows would wrap", n,
                    "take the remainder in int64: slots.long() % cache.shape[0]")
        if kind == "mod" and span is not None:
            lo, hi = 0, S - 1  # (a floor remainder by the positive cache rows)
            continue
        if kind == "wrap" and span is not None:  # x + S where x < 0, x elsewhere: [0, S) only for x in [-S, S) (red team 52 F1)
            lo, hi = (lo + S_least, hi + S) if hi < 0 else (lo, hi) if lo >= 0 else (min(lo + S_least, 0), max(hi, S - 1))
            continue
        if span is None:
            _refuse("write", f"the slots are computed in {dtype} under the remainder by the cache rows "
                    f"({T.op_name(n)}): a float shift or cast rounds large slots, and two rows' slots may land on one "
                    "cache row", n, "shift slots in int64, or not at all")
        if kind == "shift":
            a, b = n.args[:2]
            sign = n.kwargs.get("alpha", 1) * (-1 if t in (aten.sub.Tensor, aten.sub.Scalar) else 1)
            moving_first = not _uniform(a)
            c = _shift_range(b if moving_first else a)
            if c is None or sign not in (1, -1):
                _refuse("write", f"the slots are shifted by a value with no known range under the remainder by the "
                        f"cache rows ({T.op_name(n)}): the shift may wrap in {dtype}", n,
                        "shift slots by a constant, in int64")
            if moving_first:  # x + sign * c
                lo, hi = (lo + c[0], hi + c[1]) if sign == 1 else (lo - c[1], hi - c[0])
            else:  # c + sign * x
                lo, hi = (c[0] + lo, c[1] + hi) if sign == 1 else (c[0] - hi, c[1] - lo)
        elif kind == "neg":
            lo, hi = -hi, -lo
        if lo < span[0] or hi > span[1]:
            _refuse("write", f"the slots leave {dtype} under the remainder by the cache rows at {T.op_name(n)} (they "
                    f"may take values in [{lo}, {hi}]): the wrapped values are not one-to-one modulo the cache rows, "
                    "so two rows' slots may land on one cache row", n, "shift slots in int64 by a small constant")


def _bounded_rows(below: list, cache_rows, bounds: "dict | None") -> int:
    """The most cache rows a symbolic ``S`` may take in the walk of _check_unwrapped: :data:`MAX_CACHE_ROWS`, or,
    where a remainder or wrap by ``S`` is taken in a narrower dtype (int32 slots: ``where(s < 0, s + S, s)``, vLLM),
    that dtype's largest value, recorded in ``bounds`` to be guarded (``S <= 2**31 - 1``: a cache that large is
    recompiled for, never wrapped).  Without ``bounds``, or where the compiled S is beyond it, nothing is bounded
    and the walk refuses."""
    spans = [dtype_range(T.dtype_of(n)) for kind, n in below if kind in ("mod", "wrap")]
    most = min([span[1] for span in spans if span is not None], default=MAX_CACHE_ROWS)
    expr, hint = getattr(getattr(cache_rows, "node", None), "expr", None), T.size_hint(cache_rows)
    if most >= MAX_CACHE_ROWS or bounds is None or expr is None or hint is None or hint > most:
        return MAX_CACHE_ROWS
    T.tighten_bound(bounds, expr, most)
    return most


def _shift_range(c):
    """The values a uniform shift may take: a Python number, a constant fill, else its integer dtype's range."""
    if isinstance(c, bool):
        return int(c), int(c)
    if isinstance(c, int):
        return c, c
    if not isinstance(c, fx.Node):
        return None
    fill = T.fill_value(c)
    if isinstance(fill, (bool, int)):
        return int(fill), int(fill)
    return dtype_range(T.dtype_of(c)) if T.is_tensor(c) else None


def _check_slot_cast(n: fx.Node, cache_rows) -> None:
    """A cast on the slot path keeps every value it may get: the slot mapping's valid range [-S, S) where it
    casts the slot mapping as passed in (S static), its source dtype's range otherwise.  ``s.to(int16) % S``
    sends slots 40000 and 24464 of a 50000-row cache to one row."""
    src, dst = T.dtype_of(n.args[0]), T.dtype_of(n)
    if src is not None and src.is_floating_point:
        # (float slots 24.25 and 24.75 are two values and one cache row once truncated, red team 54 H2; the op takes
        # integer slot mappings only)
        _refuse("write", f"the slots are cast from {src} to {dst}: truncating float slots may send two rows to one cache "
                "row", n, "pass the slot mapping as integers (int32 or int64)")
    span = dtype_range(src)
    if _passed_in(n.args[0]) is not None and isinstance(cache_rows, int):
        span = (-cache_rows, cache_rows - 1)
    lo_hi = dtype_range(dst)
    if span is None or lo_hi is None or span[0] < lo_hi[0] or span[1] > lo_hi[1]:
        _refuse("write", f"the slots are cast from {src} to {dst}, which does not hold every slot it may get "
                f"({list(span) if span else src}): two rows' slots may wrap onto one cache row", n,
                "keep slots in int64 (or int32), never narrower")


def _uniform(a) -> bool:
    """``a`` holds one value everywhere: a Python number, a one-element tensor (broadcast) or a fill
    (``full``, ``zeros_like``... through views and expands).  A constant *vector* added to the slots
    (``slots + (arange(B) == 3)``, ``slots + arange(B)``) moves rows by different amounts, which is not
    one-to-one."""
    if not isinstance(a, fx.Node):
        return isinstance(a, (int, float, bool, torch.SymInt))
    from .evaluate import _filled

    v = val(a)
    if isinstance(v, torch.Tensor) and all(isinstance(x, int) and x == 1 for x in v.shape):
        return True
    return _filled(a)


def _constant_comparison(target, a, b) -> bool:
    """Whether ``a <op> b`` has one value for all a in interval a, b in interval b."""
    name = target.__name__.split(".")[0]
    if name in ("ge", "lt"):
        return a[0] >= b[1] or a[1] < b[0]
    if name in ("gt", "le"):
        return a[0] > b[1] or a[1] <= b[0]
    if name in ("eq", "ne"):
        return a[1] < b[0] or a[0] > b[1] or (a[0] == a[1] == b[0] == b[1])
    return False
