"""Part "mask": the condition is exactly ``s >= l and (s - l) % d == 0``.

Soundness (docs/soundness.md, "Condition"): the condition is evaluated as a function of one length
(``sizes.check_rows`` proves row b reads length b only) at every length from 0 to the capacity (static
graphs), or, for a symbolic capacity, up to a bound past which conditions built from integer affine
arithmetic, comparisons, floor division, remainder and bit masks by constants repeat; other ops are
refused there.  Integer casts in it are held exact by ``exactness.check_int_paths``.
"""
from __future__ import annotations

import math

import torch
import torch.fx as fx

from . import optable as T
from .evaluate import EvaluationError, Subgraph, attr_value
from .optable import val
from .proof import (_BITMASKING, _CONSTANT_MAKERS, _DIVIDING, _MASK_OPS, MAX_MASK_RANGE, NeedsStaticCapacity, Refused,
                    _constant_leaf, value_ancestors, value_leaves)

aten = torch.ops.aten

# bit combinations that are not a mask by a constant: on two length-derived integers they have no period
_BIT_COMBINING = {aten.bitwise_or.Tensor, aten.bitwise_or.Scalar, aten.bitwise_xor.Tensor, aten.bitwise_xor.Scalar}


class MaskProof:
    """Mixed into ``verify._Verification``: the condition, l and d."""

    # -- mask ----------------------------------------------------------------------------------------
    def capacity(self) -> int:
        return self.sizes.int(val(self.table).shape[1]) * self.sizes.int(val(self.input).shape[1])

    def check_mask(self):
        """The condition, as a function of the lengths alone, is exactly s >= l and (s - l) % d == 0 on
        every length the cache can hold (exhaustive)."""
        w = self.w
        leaves = {n for n in value_leaves([w.cond], {self.lengths}) if not _constant_leaf(n)}
        if leaves != {self.lengths}:
            bad = sorted(n.name for n in leaves - {self.lengths})
            raise Refused("mask", f"the condition reads {', '.join(bad)} besides the lengths", w.cond)
        try:
            bound = self._mask_bound()
        except Refused as exc:  # (a symbolic capacity only: a static one is checked at every length it holds)
            raise NeedsStaticCapacity.of(exc) from exc
        hi = max(self.capacity(), bound)
        s = torch.arange(hi + 1)
        got = self.eval_mask(s)
        if w.polarity is False:
            got = ~got
        trues = s[got]
        if trues.numel() == 0:
            raise Refused("mask", f"the condition is false for every length 0..{hi}", w.cond)
        l = int(trues[0])
        d = int(trues[1] - trues[0]) if trues.numel() > 1 else l
        if d <= 0 or l < d or l <= 0:
            raise Refused("mask", f"the condition selects lengths {trues[:4].tolist()}..., not a window "
                          "length l >= stride d > 0", w.cond)
        want = (s >= l) & ((s - l) % d == 0)
        if not torch.equal(got, want):
            bad = int((got != want).nonzero()[0])
            raise Refused("mask", f"the condition is {bool(got[bad])} for length {bad}, where s >= {l} and "
                          f"(s - {l}) % {d} == 0 is {bool(want[bad])}", w.cond,
                          "the window completes when (s >= l) & ((s - l) % d == 0)")
        self.l, self.d = l, d

    def eval_mask(self, lengths: torch.Tensor) -> torch.Tensor:
        """The condition per row for each length in ``lengths``, B rows per evaluation (static graphs);
        in a dynamic graph the batch is a symbol, so thousands of lengths go in one evaluation."""
        w = self.w
        sub = Subgraph([w.cond], [self.lengths])
        dtype = T.dtype_of(self.lengths)
        sizes, rows = self.sizes, w.B
        batch = self.sizes.symbols(val(self.lengths).shape[0])
        if len(batch) == 1 and val(self.lengths).shape[0].node.expr in batch:
            rows = min(lengths.numel(), 4096)
            sizes = self.sizes.with_values({sym: rows for sym in self.sizes.tied(batch)})
        where_shape = sizes.shape(w.select)
        out = []
        for start in range(0, lengths.numel(), rows):
            chunk = lengths[start:start + rows]
            pad = torch.cat([chunk, chunk.new_zeros(rows - chunk.numel())])
            try:
                c = sub([pad.to(dtype)], sizes)[0]
            except EvaluationError as exc:
                raise Refused("mask", f"the condition could not be evaluated: {exc}", w.cond)
            c = c.to(torch.bool).broadcast_to(where_shape).reshape(rows, -1)
            if not torch.equal(c.all(1), c.any(1)):
                raise Refused("mask", "the condition differs within a batch row", w.cond)
            out.append(c[: chunk.numel(), 0])
        return torch.cat(out)

    def _mask_bound(self) -> int:
        """For a symbolic capacity: a length past which the condition repeats.  For conditions built
        from integer affine arithmetic, comparisons, floor division / remainder / bit masks by constants
        and logical ops, the condition is periodic with the product of its divisors beyond its largest
        threshold, which is at most the sum of its constants times that product: evaluating twice that
        far covers every length.  Other ops: refused (the capacity cannot bound the check)."""
        if not self.symbolic_capacity():
            return 0
        from .exactness import _MONOTONE_PAIR, MAX_LENGTH, Intervals, _integral, dtype_range
        from .proof import depending_on, in_order

        consts, divisors = [], []
        region = value_ancestors([self.w.cond], {self.lengths})
        derived = depending_on(region, {self.lengths})
        # every length the lengths' dtype holds (no capacity bounds them): integer arithmetic that may wrap
        # there (s.int() * 1024 from s = 2**21) breaks the periodicity argument, which is over the integers
        wide = Intervals(self.sizes, {self.lengths: (0, min(dtype_range(T.dtype_of(self.lengths))[1], MAX_LENGTH))})
        for n in in_order(region):
            if n.op != "call_function" or n is self.lengths:
                continue
            if n in derived and n.target in (aten.mul.Tensor, aten.mul.Scalar) and \
                    sum(1 for a in n.args if isinstance(a, fx.Node) and a in derived) > 1 and \
                    not any(_within(wide.of(a), 0, 1) for a in n.args if isinstance(a, fx.Node) and a in derived):
                # (a factor in [0, 1], a comparison turned into an int, is a logical and: still linear)
                raise Refused("mask", f"the condition multiplies two length-derived values ({T.op_name(n)}): with a "
                              "symbolic cache capacity only conditions linear in the length have a bound past which "
                              "they repeat (s * s < 4096 * s changes at s = 4096, past any bound its constants give)",
                              n, "write the condition as (s >= l) & ((s - l) % d == 0)")
            if n in derived and (n.target in _DIVIDING or n.target in _BITMASKING) and _integral(n) and len(n.args) > 1 and \
                    isinstance(n.args[1], fx.Node) and n.args[1] in derived:
                raise Refused("mask", f"the condition divides by a length-derived value ({T.op_name(n)}): with a "
                              "symbolic cache capacity only constant divisors give the period its check rests on "
                              "((s * 128) // (s + 128) < 127 changes at s = 16256)", n,
                              "write the condition as (s >= l) & ((s - l) % d == 0)")
            if n in derived and n.target in _BIT_COMBINING and _integral(n) and \
                    sum(1 for a in n.args if isinstance(a, fx.Node) and a in derived) > 1:
                # (on booleans these are logical ops; on integers, s | (s * 1024) == s + s * 1024 holds up to 16384
                # and fails at 16400: no period, red-team 15 G2)
                raise Refused("mask", f"the condition combines the bits of two length-derived integers "
                              f"({T.op_name(n)}): with a symbolic cache capacity only conditions linear in the length "
                              "have a bound past which they repeat", n,
                              "write the condition as (s >= l) & ((s - l) % d == 0)")
            if n in derived and n.target in _MONOTONE_PAIR and _integral(n):
                span, dr = wide.of(n), dtype_range(T.dtype_of(n))
                if span is None or span[0] < dr[0] or span[1] > dr[1]:
                    raise Refused("mask", f"the condition computes {T.op_name(n)} in {T.dtype_of(n)}, which may wrap for "
                                  f"lengths a symbolic cache capacity admits (values up to {span[1] if span else '?'})",
                                  n, "compute the condition in int64: (s.long() >= l) & ((s.long() - l) % d == 0)")
            if n.target in T.VIEWS or n.target in T.CASTS or n.target in _CONSTANT_MAKERS:
                continue
            if T.dtype_of(n) is not None and T.dtype_of(n).is_floating_point:
                raise Refused("mask", f"the condition computes {T.op_name(n)} in {T.dtype_of(n)}: with a symbolic cache "
                              "capacity only integer arithmetic can be checked for every length (floats round large "
                              "lengths)", n, "write the condition in integers: (s >= l) & ((s - l) % d == 0)")
            if n.target not in _MASK_OPS:
                raise Refused("mask", f"the condition uses {T.op_name(n)}; with a symbolic cache capacity only "
                              "integer arithmetic, comparisons, floor division, remainder and logical ops can "
                              "be checked for every length", n, "compile with mark_dynamic on the batch only, or "
                              "write the condition as (s >= l) & ((s - l) % d == 0)")
            nums = [abs(x) for x in (self._operand(a, derived) for a in [*n.args, *n.kwargs.values()]) if x is not None]
            consts += nums
            if n.target in _DIVIDING:
                divisors += [x for x in nums[-1:] if x]
            elif n.target in _BITMASKING or (n.target in _BIT_COMBINING and _integral(n)):
                # (s & c, s | c, s ^ c: s plus a function of s mod 2 ** bit_length(c))
                divisors += [1 << max(x.bit_length(), 1) for x in nums[-1:]]
        period = math.prod(divisors) if divisors else 1
        bound = (sum(consts) + 2) * period * 2
        if bound > MAX_MASK_RANGE:
            raise Refused("mask", f"the condition's constants and divisors (period {period}) would need lengths "
                          f"up to {bound} checked", self.w.cond, "compile with mark_dynamic on the batch only")
        return bound

    def _operand(self, a, derived):
        """The size of a constant operand of a mask op (``alpha`` included): a literal, or the value of a
        length-free subexpression, evaluated (``t * t * t * 4`` with ``t = torch.tensor(16)`` counts as 16384,
        not as its literals: torchair's graph keeps the product).  None for length-derived operands."""
        if isinstance(a, fx.Node) and a in derived:
            return None
        got = self._number(a)
        if got is not None or not isinstance(a, fx.Node) or not T.is_tensor(a):
            return got
        try:
            v = Subgraph([a], [])([], self.sizes)[0]
        except EvaluationError as exc:
            raise Refused("mask", f"the condition's constant {a.name} could not be evaluated ({exc}): with a symbolic "
                          "cache capacity its value bounds the lengths checked", a)
        if v.dtype == torch.bool or v.numel() == 0:
            return None
        if v.is_floating_point() and not bool((v == v.round()).all() & v.isfinite().all()):
            raise Refused("mask", f"the condition compares lengths with the fractional constant {a.name}: with a "
                          "symbolic cache capacity only integer thresholds can be checked for every length", a,
                          "write the condition in integers: (s >= l) & ((s - l) % d == 0)")
        return int(v.abs().max())

    def _number(self, a):
        """An int operand of a mask op: a literal, a SymInt (at this assignment) or a constant tensor.  A
        float literal counts as its integer value (``s < 4096.0``); a fractional one cannot be bounded."""
        if isinstance(a, bool):
            return None
        if isinstance(a, float):
            if a != a or a in (float("inf"), float("-inf")) or a != int(a):
                raise Refused("mask", f"the condition compares lengths with the fractional constant {a}: with a "
                              "symbolic cache capacity only integer thresholds can be checked for every length",
                              self.w.cond, "write the condition in integers: (s >= l) & ((s - l) % d == 0)")
            return int(a)
        if isinstance(a, (int, torch.SymInt)):
            return self.sizes.int(a)
        if isinstance(a, fx.Node):
            v = val(a)
            if isinstance(v, (int, torch.SymInt)):
                return self.sizes.int(v)
            while a.op == "call_function" and (a.target in T.VIEWS or a.target in T.CASTS or
                                               a.target is torch.ops.aten.lift_fresh_copy.default):
                a = a.args[0]
            if a.op == "get_attr":  # a tensor constant (torchair keeps torch.tensor(4096) lifted)
                v = attr_value(a)
                if isinstance(v, torch.Tensor) and v.numel() == 1 and not v.is_floating_point():
                    return int(v)
                raise Refused("mask", f"the condition compares lengths with the tensor constant {a.target}: with a "
                              "symbolic cache capacity only integer thresholds can be checked for every length",
                              self.w.cond, "write the condition in integers: (s >= l) & ((s - l) % d == 0)")
            if a.op == "call_function" and a.target in _CONSTANT_MAKERS and not a.all_input_nodes:
                fill = T.fill_value(a)
                return int(fill) if isinstance(fill, (int, float)) and not isinstance(fill, bool) else None
        return None


def _within(span, lo, hi) -> bool:
    return span is not None and lo <= span[0] and span[1] <= hi
