"""Parts "gather", "pooling" and "dtype": the new rows are the contract's weighted window sum.

Soundness (docs/soundness.md, "Gather and pooling"): structurally, only data movement, exact upcasts
and fp32 arithmetic linear in the tokens, rounded once; sum-then-scale only for fp16 data; a sum written
out as adds only in the op's order.  By evaluation, every qualifying length at least once on dyadic probes
that sum exactly in any order (bit for bit on the rows holding each length, an exact random projection on
the others), then a probe with IEEE specials in unread KV positions and in the windows, rows that do not
qualify beside rows that do, and (for written-out sums) values whose sum depends on its order.
"""
from __future__ import annotations

import math

import torch
import torch.fx as fx

from .. import diagnostics
from . import optable as T
from .evaluate import EvaluationError, Subgraph, attr_value
from .optable import val
from .proof import (_ELEMENTWISE_PRODUCTS, MAX_LENGTH_EVALS, MAX_POOLING_EVALS, PROBE_BATCH, Refused, _bits_equal,
                    _constant_leaf, _CutFailed, _dim, _dyadic, _PoolingProbe, _probe_shape, _smaller_symbols, _subgraphs,
                    contract_tokens, depending_on, in_order, value_ancestors)

aten = torch.ops.aten


class PoolingProof:
    """Mixed into ``verify._Verification``: structure and probes of gather + pooling."""

    matmul_device = None  # the device type whose fp32 matmul settings the proof relied on (_check_matrix_product)

    # -- structure of the pooling ------------------------------------------------------------------
    def check_structure(self):
        """Between the gathered tokens and the new rows: data movement, then fp32 arithmetic that is
        linear in the tokens, rounded at most once to the cache dtype and never before the sum is
        complete.  Records the rounding casts (neutralised when probing).  A bias or any other
        token-free term, and any wrong coefficient, shows up in the probes (check_pooling)."""
        w = self.w
        region = value_ancestors([w.new], {self.lengths, self.input})
        tokens = depending_on(region, {self.input})
        in_dtype = T.dtype_of(self.input)
        self.rounding: list[fx.Node] = []
        arith, rounded = set(), set()
        summed: set[fx.Node] = set()  # window sums (and data movement of them)
        scalings: list = []  # products / quotients of token values by constants (not the weight)
        self.written_order = False  # a sum the user spelled out as adds, whose order the op must keep
        for n in in_order(tokens):
            if n is self.input:
                continue
            ins = [a for a in T.value_inputs(n) if a in tokens]
            derived = any(a in arith for a in ins)
            if any(a in summed for a in ins) and (T.is_data_movement(n) or n.target in T.SUMS
                                                   or n.target in T.REDUCTIONS or n.target in T.QUOTIENTS
                                                   or n.target in _ELEMENTWISE_PRODUCTS):
                # (a sum scaled, the mean's sum(x) / l, is still a sum whose zero the op gives as +0.0: a negation
                # behind the scaling flips it as one before it does, red-team 33 F1)
                summed.add(n)
            self._check_sum_then_scale(n, ins, summed, in_dtype)
            self._check_after_the_sum(n, ins, summed, tokens)
            if n.target in T.REDUCTIONS or (n.target in T.PRODUCTS and n.target not in _ELEMENTWISE_PRODUCTS):
                # (bmm, matmul, conv...: products summed inside).  A reduction of partial sums (a chain or tree of
                # stack([acc, p]).sum(0)), of two terms (no order to leave open: a + b is b + a), or one that adds an
                # accumulator (baddbmm(acc, x, w)) is an order the user wrote: the op must keep it (red-team 25 F1)
                if any(a in summed for a in ins) or _terms(n) is not None and _terms(n) <= 2 or \
                        n.target in (aten.baddbmm.default, aten.addmm.default) and n.args[0] in tokens:
                    self.written_order = True
                summed.add(n)
            elif (n.target in T.SUMS and sum(1 for a in n.args[:2] if isinstance(a, fx.Node) and a in tokens) == 2) or \
                    (n.target is aten.addcmul.default and n.args[0] in tokens):  # (acc + t * w: a written step)
                summed.add(n)
                self.written_order = True
            if any(a in rounded for a in ins):
                if n.target in T.ARITHMETIC:
                    raise Refused("dtype", "arithmetic on a value already rounded to the cache dtype: the sum "
                                  "is rounded more than once", n)
                rounded.add(n)
            t = n.target
            if t in T.CASTS:
                to = T.dtype_of(n)
                if derived:
                    if to not in (torch.float32, w.dtype):
                        raise Refused("dtype", f"the pooled value is cast to {to}", n)
                    arith.add(n)
                    if to != torch.float32:
                        rounded.add(n)
                        self.rounding.append(n)
                elif to not in (torch.float32, in_dtype):
                    raise Refused("dtype", f"tokens are cast to {to}, which does not hold {in_dtype} exactly", n)
                continue
            if T.is_data_movement(n):
                if t in T.SELECTS:
                    condition = n.args[0] if t is aten.where.self else n.args[1]
                    if condition in tokens:
                        raise Refused("pooling", "a condition on token values (data-dependent selection)", n)
                if derived:
                    arith.add(n)
                continue
            if t not in T.ARITHMETIC:
                raise Refused("pooling", f"{T.op_name(n)} on the tokens is not part of a weighted sum", n,
                              "pool with a weighted sum, einsum/matmul or mean (fp32), nothing else")
            if T.dtype_of(n) != torch.float32:
                raise Refused("dtype", f"{T.op_name(n)} computes in {T.dtype_of(n)}, not fp32", n,
                              "upcast before pooling: (tokens.float() * weight.float()).sum(...), then .to(dtype)")
            if t in T.PRODUCTS:
                factors = [n.args[i] for i in T.PRODUCTS[t] if i < len(n.args)]
                if sum(1 for f in factors if f in tokens) > 1:
                    raise Refused("pooling", f"{T.op_name(n)} multiplies tokens by tokens (not linear)", n)
            if t in T.QUOTIENTS and (n.args[0] not in tokens or any(a in tokens for a in n.args[1:])):
                raise Refused("pooling", f"{T.op_name(n)} divides by a token-dependent value", n)
            self._check_exact_arithmetic(n, tokens, scalings)
            arith.add(n)
        if not arith:
            raise Refused("pooling", "the new rows are copied tokens, not a pooled window", w.new)
        self.arith = arith
        self.tokens = tokens

    # Scaling a window sum after summing it (mean, sum / l) equals the op's sum of scaled products
    # (the op pools with weight 1/l) only where no partial sum overflows or underflows in fp32.  For
    # fp16 data that is always so (|sum| <= l * 65504; every nonzero sum of fp16 values is a multiple of
    # 2**-24, which stays normal after scaling by a power of two down to 2**-102); for bf16 and fp32
    # data near the dtype's max or among subnormals it is not, so those forms are refused there.
    _SUM_THEN_SCALE = {aten.mean.dim, aten.mean.default, aten.avg_pool2d.default, aten.avg_pool1d.default,
                       aten._adaptive_avg_pool2d.default}

    def _check_matrix_product(self, n):
        """A matrix product on the tokens (bmm, mm, matmul, dot, mv, a convolution) fuses only where its kernel's
        arithmetic is the op's: see below and docs/soundness.md."""
        exact = (torch.float16,) if self.rec.matmul_fma else (torch.float16, torch.bfloat16)
        device = val(self.input).device.type
        if not _fp32_matmuls_exact(device, "conv" if n.target is aten.convolution.default else "matmul",
                                   T.dtype_of(self.input)):
            # (fp32 matrix kernels set to take TF32 or bf16 inputs round even fp16 tokens, red-team 38 F1; Inductor's
            # extern mm and eager follow the setting, the op does not)
            exact = ()
        if T.dtype_of(self.input) not in exact and not (self.rec.matmul_fma and _lowered_as_mul_sum(n)):
            # a matrix product (bmm, mm, matmul, einsum's bmm, dot, mv, a convolution) sums inside a BLAS kernel, which
            # accumulates with fused multiply-adds, fma(w, x, acc): one rounding where the op rounds the product to fp32
            # first (red-team 37 F1); the same only where every product is exact in fp32 and cannot overflow it: fp16
            # tokens under a weight of fp16 values (the weight path holds the input dtype: 22 significant bits, |p| <=
            # 65504**2).  fp32 products round; bf16 ones are exact but overflow fp32 (2e38 * 2) where an FMA with the
            # partial sum stays finite.  Under torchair (matmul_fma False) bf16 is accepted: GE cannot compile the
            # unfused step, so no compiled baseline exists, and the NPU's matmul is no CPU FMA (docs/soundness.md).
            # Inductor lowers a CPU bmm with one output row or column as products and a sum (kernel/bmm.py), whose
            # products round as the op's: that is the usual spelling's (einsum("bjhd,jh->bhd"), matmul(w, window))
            raise Refused("pooling", f"{T.op_name(n)} sums its products inside a matrix-multiply kernel (fused "
                          f"multiply-adds on CPU) where the op rounds each product to fp32 first: with "
                          f"{T.dtype_of(self.input)} tokens the products are not exact in fp32 (they round or overflow)"
                          + ("" if exact else ", and the fp32 matmul precision is not 'highest' / 'ieee' (the kernel "
                             "may round its fp32 inputs to TF32 or bf16)"),
                          n, "pool with (tokens.float() * weight.float()[..., None]).sum(1)")
        if not (self.rec.matmul_fma and _lowered_as_mul_sum(n)):
            # exact under the fp32 matmul settings read above: the fused graph holds only while they do
            # (fusion_pass: checked before every call where the backend can, refused where it cannot)
            self.matmul_device = device

    def _check_exact_arithmetic(self, n, tokens, scalings):
        """Linear in exact arithmetic is not linear in IEEE arithmetic: ``(x*w + 1) - 1`` or ``x*w*7/7``
        round where ``x*w`` does not, and probes with dyadic values cannot tell.  So a token value may
        only be added to token values (or to a constant zero: an accumulator's start), multiplied by
        the weight, and, for mean pooling without a weight, scaled once by exactly 1/l."""
        t = n.target
        if t in T.PRODUCTS and t not in _ELEMENTWISE_PRODUCTS:
            self._check_matrix_product(n)
        if t is aten.addcmul.default:  # acc + value * t1 * t2: an accumulator step, not a product of acc
            acc, factors = n.args[0], n.args[1:3]
            if n.kwargs.get("value", 1) != 1 or not (acc in tokens or _is_zero(acc)):
                raise Refused("pooling", f"{T.op_name(n)} adds a scaled product to a value that does not depend on the "
                              "tokens (or scales it): not the op's sum", n, "pool with a plain weighted sum")
            leaf = self.weight_leaf
            if not any(isinstance(f, fx.Node) and f not in tokens and leaf is not None and leaf in value_ancestors([f])
                       for f in factors):
                raise Refused("pooling", f"{T.op_name(n)} multiplies token values by something other than the weight",
                              n, "multiply the tokens by the weight only")
            if T.dtype_of(self.input) != torch.float16 or T.dtype_of(leaf) != torch.float16:
                # a CPU kernel may contract it into one fused multiply-add (one rounding, the op rounds the
                # product first): the same only where every product is exact in fp32, two fp16 factors (22
                # significant bits, |p| <= 65504**2, |p| >= 2**-48 when nonzero); two bf16 factors overflow
                # fp32 (2**127 * 2) or fall among its subnormals (2**-70 * 2**-70), where an FMA differs
                raise Refused("pooling", f"{T.op_name(n)} may round its product and sum once (a fused multiply-add) "
                              f"where the op rounds twice: with {T.dtype_of(self.input)} tokens and a "
                              f"{T.dtype_of(leaf)} weight the products are not exact", n,
                              "accumulate with acc = acc + tokens * weight")
            return
        if t in T.SUMS and n.kwargs.get("alpha", 1) != 1:
            # add(acc, x, alpha=a) is acc + a * x in one step: eager's CPU kernel contracts it into a fused multiply-add
            # (one rounding; GE's AxpyV2 likewise), the op rounds the product first (red-team 13 F1: alpha = 1/l over
            # fp32 subnormals); a negative alpha is also a sign flip of zero sums
            raise Refused("pooling", f"{T.op_name(n)} scales an operand with alpha={n.kwargs['alpha']} in the same step "
                          "(one fused multiply-add on CPU): its rounding is not the op's", n,
                          "scale the tokens by their weight in a product: acc = acc + x * w")
        if t in (aten.addmm.default, aten.baddbmm.default):  # beta * input + alpha * (mat1 @ mat2)
            beta, alpha = n.kwargs.get("beta", 1), n.kwargs.get("alpha", 1)
            if alpha != 1 or not (beta == 0 or (isinstance(beta, (int, float)) and math.isfinite(beta)
                                                and _is_zero(n.args[0]))):
                raise Refused("pooling", f"{T.op_name(n)} adds its input (or scales its product) in the same step: not "
                              "the op's sum", n, "pool with a plain weighted sum")
        factors = [n.args[i] for i in T.PRODUCTS[t]] if t in T.PRODUCTS else n.args[:2]
        others = [a for a in factors if not (isinstance(a, fx.Node) and a in tokens)]
        if t in T.SUMS and others:
            if not all(_is_zero(a) for a in others):
                raise Refused("pooling", f"{T.op_name(n)} adds a value that does not depend on the tokens (a bias; "
                              "and (x + c) - c rounds differently from x), so the sum is not the op's", n,
                              "pool with a plain weighted sum")
            if t in (aten.sub.Tensor, aten.sub.Scalar) and others[0] is n.args[0]:
                raise Refused("pooling", f"{T.op_name(n)} subtracts token values from zero: 0 - x is not -x (0 - 0 is "
                              "+0.0, -0 is -0.0), so a sign flip around it changes the sign of zero sums", n,
                              "pool with a plain weighted sum")
            return
        if (t in T.PRODUCTS or t in T.QUOTIENTS) and others:
            leaf = self.weight_leaf
            weighted = leaf is not None and any(isinstance(a, fx.Node) and leaf in value_ancestors([a])
                                                for a in others)
            if weighted:
                return
            value = _number_of(others[0]) if len(others) == 1 else None
            want = (1.0 / self.l) if (t in T.PRODUCTS) else float(self.l)
            scalings.append(n)
            if leaf is not None or value != want or len(scalings) > 1:
                raise Refused("pooling", f"{T.op_name(n)} scales token values by a constant besides the weight: its "
                              "rounding (and overflow) is not the op's", n,
                              "multiply the tokens by the weight only (mean pooling: by 1/l once)")

    def _check_after_the_sum(self, n, ins, summed, tokens):
        """The op weights each token and sums from +0.0; after the sum only data movement, adds of other sums and one
        1/l scaling (``_check_exact_arithmetic``) keep that.  A negation of the sum turns its +0.0 into -0.0, which the op
        never gives (``-((-p).sum(1))`` on a zero window, red-team 25 F2); a weight applied to the sum rounds once where
        the op rounds every product (``x.sum(1) * w[0]`` with the weight constant along the window, F3)."""
        if not any(a in summed for a in ins):
            return
        if n.target in T.NEGATIONS:
            raise Refused("pooling", f"{T.op_name(n)} negates the window sum: a zero sum (+0.0) becomes -0.0, which the "
                          "op's sum from +0.0 never gives", n, "negate the weights or the tokens before summing")
        leaf = self.weight_leaf
        factors = [n.args[i] for i in T.PRODUCTS[n.target] if i < len(n.args)] if n.target in T.PRODUCTS else \
            list(n.args[:2]) if n.target in T.QUOTIENTS else []  # (addcmul(acc, t, w) weights t, not acc)
        if any(a in summed for a in factors) and leaf is not None and any(
                isinstance(a, fx.Node) and a not in tokens and leaf in value_ancestors([a]) for a in factors):
            raise Refused("pooling", f"{T.op_name(n)} applies the weight to the window sum: one rounding of the sum's "
                          "product where the op rounds each token's product with its weight", n,
                          "weight each token before summing: (tokens.float() * w.float()[None, :, :, None]).sum(1)")

    def _check_sum_then_scale(self, n, ins, summed, in_dtype):
        if in_dtype == torch.float16:
            return
        factors = n.args[1:3] if n.target is aten.addcmul.default else ins  # (addcmul's addend is not scaled)
        scaled_sum = n.target in self._SUM_THEN_SCALE or (
            (n.target in T.PRODUCTS or n.target in T.QUOTIENTS) and any(a in summed for a in factors))
        if scaled_sum:
            raise Refused("pooling", f"{T.op_name(n)} scales the window sum after summing it: for {in_dtype} data "
                          "it overflows (or underflows to subnormals) where the op's sum of scaled products does "
                          "not", n, "scale each token before summing: (tokens.float() * (1 / l)).sum(1), "
                          "or pass the weights")

    # -- gather + pooling by probes ----------------------------------------------------------------
    def qualifying_lengths(self) -> list[int]:
        return list(range(self.l, self.capacity() + 1, self.d))

    def check_pooling(self):
        """For every qualifying length, on random block tables, the new rows before their rounding are
        exactly sum_j fp32(w[j, h]) * fp32(token_j[h, :]) with the op's weight (bit-exact probes).
        Probed at a few batch rows where the batch plan allows it (``evaluate.BatchPlan``)."""
        qual = self.qualifying_lengths()
        if not qual:
            raise Refused("mask", "no length up to the cache capacity completes a window", self.w.cond)
        # batch rows for a cut probe: enough for every qualifying length within MAX_POOLING_EVALS chunks
        cut = min(self.w.B, max(PROBE_BATCH, -(-len(qual) // MAX_POOLING_EVALS)))
        self.batch = None
        if cut < self.w.B:
            fewer = self._symbolic_batch_at(cut)
            if fewer is not None:  # a dynamic batch: evaluated at `cut` rows, a batch size the graph serves
                self._probe_pooling(qual, None, fewer)
                diagnostics.stats["batch_cut"] += 1
                return
            try:
                return self._probe_pooling(qual, cut)
            except _CutFailed:
                self.batch = None  # no proof that the rows are independent: probe the whole batch
            finally:
                if self.batch is not None:
                    diagnostics.stats["batch_cut"] += 1
        self._probe_pooling(qual, None)

    def _symbolic_batch_at(self, rows: int):
        """Under a symbolic batch: this proof's sizes with the batch symbol at ``rows``, where the
        graph's guards admit it (else None).  Sound for the same reason as a cut (``check_rows`` has
        proved every row one function of its own length and table row, the same at every batch size),
        and no graph is rewritten: the compiled graph serves a batch of ``rows`` as it is."""
        sizes = self.sizes
        batch, table_rows = (sizes.expr(val(n).shape[0]) for n in (self.lengths, self.table))
        if not getattr(batch, "is_Symbol", False):
            return None  # (static, or not a bare symbol: evaluated as compiled)
        # symbols a guard ties to the batch (mark_dynamic on the slots, table and lengths: one each,
        # guarded equal) move with it, and so does the table's row count (guarded >= the batch where
        # the step gathers from it): the probe's table has one row per batch row.  (A symbol tied to
        # them in another proportion fails the guards there: evaluated as compiled.)
        tied = sizes.tied({batch} | ({table_rows} if getattr(table_rows, "is_Symbol", False) else set()))
        fewer = sizes.with_values({s: rows for s in tied})
        return fewer if fewer.guards_hold() else None

    def _probe_pooling(self, qual, cut, sizes=None):
        """check_pooling at ``cut`` batch rows (raises _CutFailed where that is not possible) or, with
        ``cut`` None, at the graph's batch at ``sizes`` (this proof's sizes by default)."""
        w, leaf = self.w, self.weight_leaf
        sizes = sizes or self.sizes
        # Generalize repeats the proof at other sizes; where this evaluation's sizes are the same (only
        # the batch moved, and both are evaluated at the probe batch) it would repeat the same subgraph
        # on the same seeded draws: its verdict is taken from the first run instead
        key = (w.write, self.input, self.table, self.lengths, leaf, tuple(self.weight_nodes or ()),
               tuple(self.rounding), self.written_order, self.l, self.d, tuple(qual), cut,
               frozenset(sizes.assignment.items()))
        memo = getattr(self.rec, "pooling_probes", None)
        if memo is not None and key in memo:
            self.weight, self.layout, self.batch = memo[key]
            return
        self._run_pooling_probes(qual, cut, sizes)
        if memo is not None:
            memo[key] = (self.weight, self.layout, self.batch)

    def _run_pooling_probes(self, qual, cut, sizes):
        w, leaf = self.w, self.weight_leaf
        pages = sizes.shape(self.table)[1]
        # paged-input rows drawn from: two pages of one table row coincide once in 2 * pages + 2
        # pairs, so a gather that reads the wrong page still differs on most of the probe's rows
        want_blocks = min(2 * pages + 2, 64)
        sizes = self.eval_sizes = _smaller_symbols(sizes, {self.input: want_blocks},
                                                   [self.table, self.lengths, leaf, w.select, w.cache])
        N = sizes.shape(w.cache)[1]
        in_dtype = T.dtype_of(self.input)
        frontier = [self.input, self.table, self.lengths] + ([leaf] if leaf is not None else [])
        replace = {c: (lambda x: x.to(torch.float32)) for c in self.rounding}
        where_shape = sizes.shape(w.select)
        batch = ({self.table, self.lengths}, w.B, cut) if cut else None
        try:
            sub = self._pooling_subgraph(frontier, replace, want_blocks, batch, where_shape)
            views = Subgraph(self.weight_nodes, [leaf]) if self.weight_nodes else None
        except EvaluationError as exc:
            if cut:
                raise _CutFailed() from exc
            raise Refused("pooling", str(exc), w.new)
        probe_B = cut or sizes.int(val(self.lengths).shape[0])
        where_shape = (probe_B, *where_shape[1:])
        blocks = _probe_shape(self.input, sizes, self.rows)[0]
        alive = None  # (weight node, layout) pairs still consistent with every probe
        for draw in range(2):
            gen = self.rec.gen(10 + draw)
            inp = _dyadic(_probe_shape(self.input, sizes, self.rows), in_dtype, gen, 16, 8)
            wprobe = _dyadic(sizes.shape(leaf), T.dtype_of(leaf), gen, 32, 16) if leaf is not None else None
            cands = self.weight_candidates(views, wprobe, N, in_dtype)
            alive = list(cands) if alive is None else [k for k in alive if k in cands]
            order = qual if draw == 0 else qual[::-1]
            batches = [order[i:i + probe_B] for i in range(0, len(order), probe_B)]
            if draw == 0 and len(batches) > MAX_LENGTH_EVALS:
                raise Refused("sizes", f"{len(qual)} qualifying lengths at a batch of {probe_B} rows are too many "
                              "to evaluate each once", w.new, "compile with a larger batch or mark_dynamic on it")
            if draw > 0 and len(batches) > MAX_POOLING_EVALS:  # (the first draw evaluates every length)
                step = len(batches) / MAX_POOLING_EVALS
                batches = [batches[int(i * step)] for i in range(MAX_POOLING_EVALS - 1)] + [batches[-1]]
            # every row is compared: bit for bit on the rows holding each length of the chunk once
            # (all of them for a cut batch), and through an exact random projection on the others
            # (rows of an uncut batch may differ in more than their inputs: the row number, ...)
            proj = torch.randint(-(1 << 16), (1 << 16) + 1, (inp.shape[-1],), generator=gen, dtype=torch.float64)
            inp_proj = inp.to(torch.float64) @ proj
            for chunk in batches:
                distinct = len(chunk)
                chunk = (chunk * ((probe_B + len(chunk) - 1) // len(chunk)))[: probe_B]
                perm = torch.randperm(probe_B, generator=gen)
                lens = torch.tensor(chunk)[perm]
                table = torch.randint(0, blocks, (probe_B, pages), generator=gen).to(T.dtype_of(self.table))
                values = [inp, table, lens.to(T.dtype_of(self.lengths))] + ([wprobe] if wprobe is not None else [])
                try:
                    new = sub(values, sizes)[0]
                except EvaluationError as exc:
                    if cut:
                        raise _CutFailed() from exc
                    raise Refused("gather", f"the new rows could not be evaluated at lengths "
                                  f"{lens.tolist()[:4]}...: {exc}", w.new)
                self.batch = batch
                new = new.to(torch.float32).broadcast_to(where_shape).reshape(probe_B, N, -1)
                probe = _PoolingProbe(inp, inp_proj, proj, table, lens, self.l,
                                      exact=perm.argsort()[: max(distinct, min(probe_B, 32))])
                alive = [k for k in alive if probe.agrees(new, cands[k])]
                if not alive:
                    self.explain_pooling_mismatch(inp, table, lens)
        self._probe_specials(sub, views, sizes, alive[0], probe_B, blocks, pages, qual, N, in_dtype, where_shape)
        node, self.layout = alive[0]
        self.weight = node

    def _probe_specials(self, sub, views, sizes, key, probe_B, blocks, pages, qual, N, in_dtype, where_shape):
        """Probes of what dyadic draws never hold (docs/soundness.md, "second line"):

        * IEEE specials: NaN and +-inf in every KV position no window reads (an unread position must
          not leak into a new row, e.g. through ``0 * nan`` of a 0/1 window mask) and in some read
          tokens, -0.0 and subnormal tokens, a NaN weight;
        * rows that do not qualify beside rows that do (a new row must not depend on whether other
          rows qualify);
        * where the user wrote the window sum out as adds, values whose sum depends on its order,
          compared with the op's order (j = 0..l-1 from +0.0), and a window of -0.0 products.
        Compared bit for bit (NaN-aware) on the qualifying rows."""
        w, l, gen = self.w, self.l, self.rec.gen(40)
        leaf = self.weight_leaf
        P = sizes.shape(self.input)[1]
        capacity = self.capacity()
        qual_set = set(qual)
        # lengths that do not qualify, past the window (in range for unclamped gathers) where there are any
        other = [s for s in range(l, capacity + 1) if s not in qual_set] or list(range(l))
        rounds = [("specials", True), ("positions", False)] + ([("weights", False)] if leaf is not None else []) + \
            ([("order", False), ("zeros", False)] if self.written_order else [])
        # every round holds every qualifying length on some qualifying row (chunks of them, as the exact probes):
        # a step may branch on the length, pooling some lengths in another order or reading past the window at
        # them only (red-team 29 F1: `where(s == 560, reversed chain, sum)`), which a random draw of lengths misses
        plan = []
        for what, mixed in rounds:
            mixed = bool(mixed and other and probe_B > 1)
            per = probe_B - probe_B // 2 if mixed else probe_B  # (qualifying rows per evaluation)
            order = [qual[int(i)] for i in torch.randperm(len(qual), generator=gen)]
            plan += [(what, mixed, order[i:i + per]) for i in range(0, len(order), per)]
        if len(plan) > len(rounds) * MAX_LENGTH_EVALS:
            raise Refused("sizes", f"{len(qual)} qualifying lengths at a batch of {probe_B} rows are too many to "
                          "probe each with IEEE specials", w.new, "compile with a larger batch or mark_dynamic on it")
        failed = set()
        # (the [l, N] op weight where the weight is no input, the mean's 1 / l; else drawn per round below)
        fixed_weight = None if leaf is not None else self.weight_candidates(None, None, N, in_dtype)[key]
        for what, mixed, chunk in plan:
            if (what, mixed) in failed:
                continue
            if mixed:
                qualifying = torch.zeros(probe_B, dtype=torch.bool)  # (row 0 and random others qualify)
                qualifying[0] = True
                qualifying[(torch.randperm(probe_B - 1, generator=gen) + 1)[: probe_B - probe_B // 2 - 1]] = True
                lens = torch.tensor(other)[torch.randint(0, len(other), (probe_B,), generator=gen)]
                lens[qualifying] = torch.tensor((chunk * probe_B)[: int(qualifying.sum())])
            else:
                qualifying = torch.ones(probe_B, dtype=torch.bool)
                lens = torch.tensor((chunk * probe_B)[:probe_B])
            table = torch.randint(0, blocks, (probe_B, pages), generator=gen).to(T.dtype_of(self.table))
            shape = _probe_shape(self.input, sizes, self.rows)
            if what in ("order", "zeros"):  # wide exponents: sums of these depend on their order
                mant = torch.rand(shape, generator=gen) + 1
                expo = torch.randint(-6, 7, shape, generator=gen).to(torch.float32)
                sign = torch.randint(0, 2, shape, generator=gen) * 2 - 1
                inp = (sign * mant * torch.exp2(expo)).to(in_dtype)
            elif what == "positions":
                # +inf in every token (G6): a token read again under a constant-zero weight (any element, any
                # window position), or a product and its negation, turns into NaN where the op has +inf
                inp = torch.full(shape, float("inf"), dtype=in_dtype)
            else:
                inp = _dyadic(shape, in_dtype, gen, 16, 8)
            if what == "weights":  # positive tokens: every sum of products below is +inf, in any order
                inp = inp.abs() + 1
            # positions read by the qualifying rows
            pos = lens[:, None] - l + torch.arange(l)
            read_page = table.to(torch.int64).gather(1, (pos.clamp(min=0) // P))
            read = torch.zeros(shape[:2], dtype=torch.bool)
            q = qualifying.nonzero().flatten()
            read[read_page[q].flatten(), (pos[q] % P).flatten()] = True
            if what == "specials":
                specials = torch.tensor([float("nan"), float("inf"), -float("inf")], dtype=in_dtype)
                fill = specials[torch.randint(0, 3, shape[:2], generator=gen)]
                inp = torch.where(read[..., None, None], inp, fill[..., None, None])
                # some read tokens special too: a NaN, an inf, -0.0 and a subnormal in the first rows
                b0 = int(q[0])
                page0, off0 = int(read_page[b0, 0]), int(pos[b0, 0] % P)
                inp[page0, off0, 0, 0] = float("nan")
                inp[page0, off0, 0, -1] = -0.0
                inp[page0, off0, -1, -1] = torch.finfo(in_dtype).tiny / 2
                if len(q) > 1:
                    b1 = int(q[1])
                    inp[int(read_page[b1, l - 1]), int(pos[b1, l - 1] % P), -1, 0] = float("inf")
            wprobe = None
            if leaf is not None:
                wprobe = _dyadic(sizes.shape(leaf), T.dtype_of(leaf), gen, 32, 16)
                if what in ("order", "zeros"):
                    wprobe = wprobe.sign() * torch.rand(wprobe.shape, generator=gen).add(1).to(wprobe.dtype)
                    wprobe[wprobe == 0] = 1
                if what == "positions":  # positive finite weights under +inf tokens
                    wprobe = wprobe.abs() + 1
                if what == "weights":  # +inf in every weight element (G6): a constant-zero token times a
                    wprobe = torch.full_like(wprobe, float("inf"))  # copied weight is NaN where the op has +inf
            # the zeros round: every row's window of -0.0 products, so every qualifying length meets one (red-team 35
            # F2: `where(s == 96, chain from the first product, chain from zeros)`; a round of its own, since a zero
            # window holds no order to tell, red-team 25's edge_wide_b1_rev_chain)
            weight = fixed_weight
            if what == "zeros":
                # every product -0.0: +0.0 tokens under negative weights, or, where the weight is no input (the mean's
                # 1 / l, a constant), zero tokens of the sign opposite to each weight element's (red-team 35 F1: a
                # chain from the first product, or from a -0.0 fill, gives -0.0 there, the op's sum from +0.0 +0.0)
                for j in range(l):
                    zero = 0.0 if leaf is not None else \
                        torch.copysign(torch.zeros(shape[2:]), -weight[j].to(torch.float32)[:, None]).to(in_dtype)
                    inp[read_page[:, j], pos[:, j] % P] = zero
                if leaf is not None:
                    wprobe = -wprobe.abs()
            if leaf is not None:
                weight = self.weight_candidates(views, wprobe, N, in_dtype)[key]
            try:
                new = sub([inp, table, lens.to(T.dtype_of(self.lengths))] + ([wprobe] if wprobe is not None else []),
                          sizes)[0]
            except EvaluationError as exc:
                if mixed:  # rows that do not qualify may index out of bounds in an unclamped spelling
                    if (what, mixed) not in failed:
                        failed.add((what, mixed))
                        plan += [(what, False, c) for _, m, c in plan if m and _ == what]
                    continue
                raise Refused("gather", f"the new rows could not be evaluated on a probe with IEEE specials: {exc}",
                              w.new)
            new = new.to(torch.float32).broadcast_to((probe_B, *where_shape[1:])).reshape(probe_B, N, -1)[q]
            tokens = contract_tokens(inp, table[q], lens[q], l).to(torch.float32)
            wf = weight.to(torch.float32)[:, :, None]
            acc = torch.zeros(tokens.shape[0], N, tokens.shape[-1])
            for j in range(l):  # the op's order
                acc = acc + wf[j] * tokens[:, j]
            # (dyadic values and specials sum alike in any order: one comparison with the op's order)
            if what in ("specials", "positions", "weights"):
                if not _bits_equal(new, acc):
                    raise Refused("pooling", "with IEEE specials (NaN/inf in positions no window reads, or in "
                                  "read tokens), or with rows that do not qualify beside rows that do, the new "
                                  "rows are not the contract's", w.new,
                                  "read only the window tokens (a 0/1 mask over the sequence turns nan into "
                                  "0 * nan = nan), and compute each row from its own inputs")
            elif not _bits_equal(new, acc):
                raise Refused("pooling", "the window sum is written out (adds) in another order than the op's, "
                              "j = 0 .. l-1 starting from +0.0", w.new,
                              "sum the window with .sum(dim) (its order is left to torch) or add the products "
                              "in window order onto zeros")

    def _pooling_subgraph(self, frontier, replace, blocks, batch, where_shape) -> Subgraph:
        """The new rows as a function of the frontier, cut to fewer batch rows (``batch``, see
        ``evaluate.Subgraph``) or not; sets ``self.rows`` (paged-input rows)."""
        w, sizes = self.w, self.eval_sizes
        big = {self.input: blocks}
        spec = dict(replace=replace, batch=batch) if batch else dict(replace=replace)
        (sub,), self.rows = _subgraphs([([w.new], frontier, spec)], big, sizes)
        # cut: the new rows must be batch-indexed where the select puts the batch (its dim 0)
        if batch and (where_shape[0] != w.B or sub._batch.dim[w.new] != (_dim(w.new) - len(where_shape), 1)):
            raise EvaluationError("the new rows do not keep the batch where the write expects it")
        return sub

    def weight_candidates(self, views, wprobe, N, in_dtype) -> dict:
        """(weight node, layout) -> the [l, N] op weight it stands for, under this probe."""
        l = self.l
        if views is None:
            return {(None, "mean"): torch.full((l, N), 1.0 / l, dtype=in_dtype)}
        out = {}
        for node, value in zip(self.weight_nodes, views([wprobe], self.eval_sizes)):
            flat = value.reshape(-1)
            if flat.numel() == l * N:
                out[(node, "lN")] = flat.reshape(l, N)
                out[(node, "Nl")] = flat.reshape(N, l).t()
            if flat.numel() == l:  # one weight column shared by every head
                out[(node, "l1")] = flat.reshape(l, 1).expand(l, N)
        return out

    def explain_pooling_mismatch(self, inp, table, lens):
        """Say whether the tokens or the pooling diverged, and where."""
        w = self.w
        want_tokens = contract_tokens(inp, table, lens, self.l).to(torch.float32)
        frontier = [self.input, self.table, self.lengths]
        for g in in_order(self.token_boundaries()):
            try:
                shrink = {n: r for n, r in self.rows.items() if n is self.input}
                got = Subgraph([g], frontier, shrink=shrink, batch=self.batch)([inp, table, lens.to(T.dtype_of(self.lengths))],
                                                             self.eval_sizes)[0]
            except EvaluationError:
                continue
            if tuple(got.shape) == tuple(want_tokens.shape):
                if not torch.equal(got.to(torch.float32), want_tokens):
                    raise Refused("gather", f"the window tokens read by {g.name} are not the last l={self.l} "
                                  f"tokens of each sequence (checked at lengths {lens.tolist()[:4]}...)", g,
                                  "positions are s - l + arange(l); page = block_table[b, p // P], offset p % P")
        for n in in_order(self.arith):
            if n.target in T.SUMS:
                free = [a for a in n.args[:2] if not (isinstance(a, fx.Node) and a in self.tokens)]
                if free:
                    raise Refused("pooling", f"{T.op_name(n)} adds a term that does not depend on the tokens "
                                  f"({free[0].name if isinstance(free[0], fx.Node) else free[0]}): a bias", n)
        if self.weight_leaf is None:
            raise Refused("pooling", f"the pooled value is not the mean over the l={self.l} window tokens "
                          + ("(1/l is not exact in the input dtype)" if self.l & (self.l - 1) else ""), w.new,
                          "mean pooling fuses only for a power-of-two l (the op multiplies by 1/l)")
        raise Refused("pooling", "the pooled value is not sum_j w[j, h] * token_j[h, :] with the weight "
                      f"{self.weight_leaf.name} (as [l, N] or [N, l])", w.new,
                      "pool with (tokens.float() * weight.float()[None, :, :, None]).sum(1) or an einsum; "
                      "a gate, bias, softmax or any computed weight is different math")

    def token_boundaries(self) -> set[fx.Node]:
        """Token tensors entering arithmetic: data movement whose user computes."""
        return {a for n in self.tokens if n.op == "call_function" and n.target in T.ARITHMETIC
                for a in T.value_inputs(n) if a in self.tokens and a not in self.arith}


def _number_of(a):
    """A scalar operand's value: a Python number, a constant-filled tensor (full / scalar_tensor), or a 0-d
    tensor constant of the graph (a Python float attribute dynamo lifted under ``dynamic=True``, bound to its
    value by ``bound_inputs`` while the pass runs)."""
    if isinstance(a, fx.Node) and not a.all_input_nodes and a.target in (aten.full.default, aten.scalar_tensor.default):
        a = T.fill_value(a)
    elif isinstance(a, fx.Node):
        a = _constant_scalar(a)
    return float(a) if isinstance(a, (int, float)) and not isinstance(a, bool) else None


def _constant_scalar(a: fx.Node):
    """The value of a 0-d ``get_attr`` constant through the casts on it (each cast applied), else None."""
    casts = []
    while a.op == "call_function" and a.target in T.CASTS and len(a.all_input_nodes) == 1:
        casts.append(T.dtype_of(a))
        a = a.args[0]
    v = attr_value(a) if _constant_leaf(a) else None  # (a real tensor: not a fake one)
    if v is None or v.dim() != 0:
        return None
    for dtype in reversed(casts):
        v = v.to(dtype)
    return v.item()


_ZERO_FILLS = {aten.zeros.default, aten.zeros_like.default, aten.new_zeros.default, aten.full_like.default,
               aten.new_full.default, aten.full.default}


def _terms(n: fx.Node) -> int | None:
    """How many values a reduction or contraction adds per output element, where its sizes are static (else None)."""
    x = val(n.args[0]) if n.args and isinstance(n.args[0], fx.Node) else None
    if n.target in (aten.baddbmm.default, aten.addmm.default):
        x = val(n.args[1]) if isinstance(n.args[1], fx.Node) else None
    if not isinstance(x, torch.Tensor):
        return None
    shape = list(x.shape)
    if n.target in (aten.sum.dim_IntList, aten.mean.dim):
        dims = n.args[1] if len(n.args) > 1 and n.args[1] else range(len(shape))
        sizes = [shape[d] for d in dims]
    elif n.target in (aten.sum.default, aten.mean.default, aten.dot.default):
        sizes = shape
    elif n.target in (aten.bmm.default, aten.mm.default, aten.matmul.default, aten.mv.default, aten.baddbmm.default,
                      aten.addmm.default):
        sizes = shape[-1:]
    else:
        return None  # (pooling windows, convolutions: not counted)
    if not all(isinstance(v, int) for v in sizes):
        return None
    return math.prod(sizes)


def _is_zero(a) -> bool:
    """A constant zero (an accumulator's start), through views and casts."""
    while isinstance(a, fx.Node) and a.op == "call_function" and (a.target in T.VIEWS or a.target in T.CASTS):
        a = a.args[0]
    if isinstance(a, fx.Node) and a.op == "call_function" and a.target in _ZERO_FILLS:
        fill = T.fill_value(a)
        return isinstance(fill, (int, float)) and not isinstance(fill, bool) and fill == 0
    return _number_of(a) == 0.0


def keep_zero_starts(graph: fx.Graph) -> int:
    """Inductor joint-graph pre-pass: ``zeros + x`` at the start of a written-out sum becomes ``x + 0.0``.

    Inductor's ``remove_no_ops`` (joint graph) replaces ``full(0.0) + x`` by ``x``, which differs where ``x``
    is ``-0.0`` (``0.0 + -0.0 = +0.0``).  After it, a loop the user started from zeros (``acc = zeros; acc =
    acc + w[j] * x[j]``, the op's order) and one started from the first product (``acc = w[0] * x[0]; ...``,
    which eager sums to ``-0.0`` where the op gives ``+0.0``) are the same graph, so the pass would have to
    refuse both.  ``x + 0.0`` (``add.Scalar``, which that pass leaves alone) is the same value as ``0.0 + x``
    bit for bit (IEEE addition commutes), so the graph keeps eager's start and the pooling proof tells the two
    apart (its -0.0 window probe).  Only where the fill is +0.0 of the add's dtype and shape, and the sum goes
    on (every user is another add): elsewhere Inductor's own rewrite is left to it.  Returns the count."""
    import math

    done = 0
    for node in list(graph.find_nodes(op="call_function", target=aten.add.Tensor)):
        if len(node.args) != 2 or node.kwargs or not node.users or \
                any(u.op != "call_function" or u.target is not aten.add.Tensor for u in node.users):
            continue
        for zero, x in (node.args, node.args[::-1]):
            fill = T.fill_value(zero)
            if isinstance(fill, bool) or not isinstance(fill, (int, float)) or fill != 0 or math.copysign(1, fill) < 0:
                continue
            v, vx, vz = (val(a) if isinstance(a, fx.Node) else None for a in (node, x, zero))
            if not all(isinstance(t, torch.Tensor) for t in (v, vx, vz)) or not v.dtype.is_floating_point or \
                    vx.shape != v.shape or vx.dtype != v.dtype or vz.dtype != v.dtype:
                continue
            with graph.inserting_before(node):
                kept = graph.call_function(aten.add.Scalar, (x, 0.0))
            kept.meta.update(node.meta)
            node.replace_all_uses_with(kept)
            graph.erase_node(node)
            done += 1
            break
    return done


# The settings under which each device's fp32 matrix kernels may round their inputs (TF32, bf16, HF32), as
# (owner, attribute path, the ops they govern).  Read when a step compiles, and before every call of a graph whose
# fused matrix product relied on them (bound_inputs.CheckedCall: the settings are not in dynamo's guards,
# red-team 39 F1)
_MATMUL_SETTINGS = {
    "cpu": (("mkldnn", "matmul.fp32_precision", "matmul"), ("mkldnn", "conv.fp32_precision", "conv")),
    "cuda": (("cuda", "matmul.fp32_precision", "matmul"), ("cudnn", "conv.fp32_precision", "conv")),
    "npu": (("npu", "matmul.allow_hf32", "matmul"), ("npu", "conv.allow_hf32", "conv")),  # torch_npu
}
# Values of those settings under which the kernel takes its inputs as they are, and those under which it rounds them
# to TF32 (10 significant bits, fp32's exponent range), which holds every fp16 and bf16 value: the products of fp16
# tokens stay exact.  Anything else (bf16 inputs; torch_npu's HF32, not measured here) counts as rounding.
_EXACT_INPUTS = ("none", "ieee", False)
_TF32_INPUTS = ("tf32",)


def all_fp32_matmul_settings() -> dict:
    """:func:`fp32_matmul_settings` of every device type this knows, read now (the FX-cache key, a cached graph's
    check)."""
    return {device: fp32_matmul_settings(device) for device in sorted(_MATMUL_SETTINGS)}


def fp32_matmul_settings(device_type: str) -> tuple:
    """The settings that decide whether fp32 matrix kernels on ``device_type`` take their inputs as they are,
    read now: ``torch.get_float32_matmul_precision()`` ("mixed" where torch raises because the legacy and the
    per-backend settings were both set) and each backend's own (oneDNN's matmul / conv on CPU; CUDA's matmul and
    cuDNN's conv on GPU; torch_npu's HF32 switches on NPU), None where the backend has no such setting."""
    try:
        legacy = torch.get_float32_matmul_precision()
    except RuntimeError:
        legacy = "mixed"
    values = [legacy]
    for owner, path, _ in _MATMUL_SETTINGS.get(device_type, _MATMUL_SETTINGS["cuda"]):
        x = torch.backends if owner != "npu" else torch
        try:
            for part in (owner, *path.split(".")):
                x = getattr(x, part)
        except (AttributeError, RuntimeError):
            x = None
        values.append(x if isinstance(x, (str, bool)) else None)
    return tuple(values)


def _fp32_matmuls_exact(device_type: str, kind: str = "matmul", dtype=torch.float16) -> bool:
    """fp32 matrix kernels of ``kind`` ("matmul" or "conv") on ``device_type`` keep every product of two ``dtype``
    values exact: ``torch.get_float32_matmul_precision()`` is ``"highest"``, and the backend's own setting for that
    kind (oneDNN's on CPU, CUDA's matmul / cuDNN's conv on GPU, torch_npu's HF32 switches) takes the inputs as they
    are, or rounds them to TF32, which holds fp16 and bf16 values (cuDNN's default for convolutions).  bf16 inputs
    (oneDNN's ``"bf16"``, the legacy ``"medium"``) round fp16 tokens.  (torch raises when the legacy and the
    per-backend settings were mixed: not exact.)"""
    legacy, *backends = fp32_matmul_settings(device_type)
    settings = _MATMUL_SETTINGS.get(device_type, _MATMUL_SETTINGS["cuda"])
    ok = _EXACT_INPUTS + (_TF32_INPUTS if dtype in (torch.float16, torch.bfloat16) else ())
    return legacy == "highest" and all(v is None or v in ok for v, (_, _, governs) in zip(backends, settings)
                                       if governs == kind)


def _lowered_as_mul_sum(n: fx.Node) -> bool:
    """``n`` is a CPU ``bmm`` with one output row or column (``[b, 1, k] @ [b, k, n]`` or ``[b, m, k] @ [b, k, 1]``),
    which Inductor lowers as a broadcast product and a sum, not as a BLAS call (``tuned_bmm`` in
    torch/_inductor/kernel/bmm.py, "decompose to small ops when memory bound"): its products round to fp32 before the
    sum, as the op's do, and the plain compiled model differs from eager's BLAS as the fused one does."""
    if n.target is not aten.bmm.default or len(n.args) < 2 or not all(isinstance(a, fx.Node) for a in n.args[:2]):
        return False
    a, b = val(n.args[0]), val(n.args[1])
    if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.dim() == 3 and b.dim() == 3
            and a.device.type == "cpu" and b.device.type == "cpu"):
        return False
    return any(isinstance(s, int) and s == 1 for s in (a.shape[1], b.shape[2]))
