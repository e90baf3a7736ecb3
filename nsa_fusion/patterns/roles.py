"""Part "roles" (and "weight"): which node is the paged input, the block table, the weight.

Soundness (docs/soundness.md): roles are given by data flow, never by position: the paged input is the
tensor the token gathers move into the new rows (looked for only up to other writes: behind a KV append
lies the model's earlier work), the block table the one other integer input of the new rows, the weight
the one float input, reaching the pooling through data movement and exact casts only
(``exactness.check_weight_casts``).  Any other input is refused: its values are unknown when compiling.
"""
from __future__ import annotations

import math
import operator

import torch
import torch.fx as fx

from ..pool_tables import POOL_ROWS, RAGGED_ROWS
from . import exactness
from . import optable as T
from .optable import val
from .proof import Refused, _constant_leaf, _dim, _holds_dtype, depending_on, in_order, value_ancestors, value_leaves

aten = torch.ops.aten

# node.meta key of the [num_tokens, 1, N, D] view of a flat token pool (RolesProof._page_view)
_PAGE_VIEW = "nsa_fusion_page_view"
# the paged input's view of a token layout and the view back: (op, other args) each (see RolesProof._page_view)
_LAYOUT_VIEWS = {"flat": ((aten.unsqueeze.default, (1,)), (aten.squeeze.dim, (1,))),
                 "latent": ((aten.unsqueeze.default, (2,)), (aten.squeeze.dim, (2,))),
                 "hnd": ((aten.permute.default, ([0, 2, 1, 3],)), (aten.permute.default, ([0, 2, 1, 3],))),
                 "head_major": ((aten.permute.default, ([1, 2, 0, 3],)), (aten.permute.default, ([2, 0, 1, 3],))),
                 "d_before_p": ((aten.permute.default, ([0, 3, 1, 2],)), (aten.permute.default, ([0, 2, 3, 1],)))}


class RolesProof:
    """Mixed into ``verify._Verification``: finds the input, table and weight roles."""

    # -- roles -------------------------------------------------------------------------------------
    def find_input(self):
        """The paged KV input: the tensor whose elements the token gathers move into the new rows
        (through any data movement: views, casts, concatenation, a where between two gathers...)."""
        w = self.w
        # (not past other writes: behind a KV append lies the model's earlier work, e.g. the previous
        # layer's attention, whose gathers from its own caches are no part of this step)
        writes = {n for n in w.write.graph.nodes if n.op == "call_function" and n.target in T.WRITES}
        self.region = value_ancestors([w.new], {self.lengths} | writes)
        gathers = []
        for n in self.region:
            if n.op == "call_function" and n.target in T.GATHERS:
                data = n.args[T.GATHERS[n.target]]
                idx = [a for a in n.all_input_nodes if a is not data]
                if T.is_float(data) and any(value_leaves([i], {self.lengths}) - {n for n in self.region
                                                                                  if _constant_leaf(n)}
                                            for i in idx):
                    gathers.append(n)
        if not gathers:
            raise Refused("gather", "the new rows are not gathered from a paged KV tensor with indices computed "
                          "from the lengths", w.new, "gather the last l tokens: kv[block_table[b, p // P], p % P]")
        roots, ends, flats = set(), set(), set()
        for g in gathers:
            for root, end, flat in self._sources(g.args[T.GATHERS[g.target]]):
                ends.add(end)
                if root is not None:
                    roots.add(root)
                elif flat is not None:
                    flats.add(flat)
        if not roots and len(flats) == 1 and not ends - flats - {n for n in ends if _constant_leaf(n)}:
            flat = flats.pop()
            row = tuple(self.sizes.shape(w.cache)[1:])
            roots.add(self._page_view(flat, writes, "flat" if tuple(self.sizes.shape(flat)[1:]) == row else "latent"))
        if not roots:
            end = in_order(ends)[0]
            raise Refused("gather", f"tokens are gathered from {end.name} ({T.op_name(end) if end.op == 'call_function' else end.op}),"
                          f" which is not a [num_blocks, P, N, D] {w.dtype} tensor", end)
        for root in roots:  # (appends into it are no candidates, see fusion_pass)
            self.rec.paged_inputs.setdefault(root, w.write)
        if len(roots) != 1:
            raise Refused("gather", "tokens are gathered from more than one tensor: "
                          + ", ".join(sorted(r.name for r in roots)), gathers[0])
        self.input = roots.pop()
        self.gathers = gathers
        shape, row = self.sizes.shape(self.input), tuple(self.sizes.shape(w.cache)[1:])
        if tuple(shape[2:]) != row and len(shape) == 4 and (shape[1], shape[3]) == row:
            # FlashInfer's HND layout [num_pages, N, P, D]: read through its [num_pages, P, N, D] view
            self.input = self._page_view(self.input, writes, "hnd")
            shape = self.sizes.shape(self.input)
        elif tuple(shape[2:]) != row and len(shape) == 4 and (shape[0], shape[3]) == row:
            # a head-major paged cache [N, num_blocks, P, D] (one [num_blocks, P, D] pool per head): read through its
            # [num_blocks, P, N, D] view (a wrong guess of the layout reads other tokens: the gather proof refuses it)
            self.input = self._page_view(self.input, writes, "head_major")
            shape = self.sizes.shape(self.input)
        elif tuple(shape[2:]) != row and len(shape) == 4 and (shape[1], shape[2]) == row:
            # vLLM v0's value cache [num_blocks, N, D, P] (paged attention's V layout): read through its
            # [num_blocks, P, N, D] view
            self.input = self._page_view(self.input, writes, "d_before_p")
            shape = self.sizes.shape(self.input)
        if tuple(shape[2:]) != row:
            raise Refused("gather", f"paged input {tuple(shape)} and cache {self.sizes.shape(w.cache)} do not "
                          "share [N, D]", self.input)

    def _sources(self, start: fx.Node):
        """Walk back from a gather's data operand through data movement.  Yields, per path, the
        root-most [*, *, N, D] tensor of the cache dtype on it (None if there is none) and the node
        where the walk stopped.  Paths that end in arithmetic (a gather of already pooled values, as
        in pool-then-select spellings) yield no root."""
        dtype = self.w.dtype
        row = tuple(self.sizes.shape(self.w.cache)[1:])
        seen = set()
        work = [(start, None, None)]
        while work:
            n, best, flat = work.pop()
            if n in seen:
                continue
            seen.add(n)
            if _pool_of_stack(n) and T.dtype_of(n) == dtype and (tuple(self.sizes.shape(n)[1:]) == row
                                                                 or self._latent_pages(n)):
                # one layer's [num_tokens, N, D] pool of a stack over layers ([L, num_tokens, N, D], SGLang's
                # k_buffer[layer_id]): this pool as the step reads it is the flat paged input, whatever wrote
                # the stack before (appends into it or into other layers, select_scatter of the stack); likewise
                # one layer's [num_blocks, P, C] latent cache of a stack ([L, num_blocks, P, C], MLA)
                yield None, n, n
                continue
            if _pool_of_token_stack(n) and T.dtype_of(n) == dtype and tuple(self.sizes.shape(n)[1:]) == row:
                # K or V of a pool that keeps both side by side per token ([num_tokens, 2, N, D], models22
                # joint_token_pool_stacked_2l, read as kv[tok][:, :, c], which rewrite.stacked_reads turns into
                # kv[:, c][tok]): that part is the flat paged input; the [num_tokens, 2, N, D] tensor behind it
                # is no [num_blocks, P, N, D] cache with P = 2 (its dim 1 holds K and V, not tokens)
                yield None, n, n
                continue
            if best is None and self._latent_pages(n) and T.dtype_of(n) == dtype and _part_of_last_dim_3d(n):
                # the latent part of a headless cache that keeps more per token ([NB, P, C + R]: MLA's latent and
                # rope key side by side, ``cache[..., :C]``, models25 deepseek_mla_latent_slice_3l): that slice as
                # the step reads it is the paged input (without a head dim, see _page_view), whatever wrote the
                # whole cache before (the append of both parts)
                yield None, n, n
                continue
            if best is None and self._latent_pages(n) and T.dtype_of(n) == dtype and _reshape_of_write(n):
                # MLA's latent cache appended through its flat view (vLLM's concat_and_cache_mla,
                # ``kv_c_cache.view(-1, C)[slot_mapping] = kv_c``), functionalized as a reshape of the index_put:
                # the cache after the append is the paged input as the step reads it, as the result of an
                # index_put append into a 4-D cache is (the walk stops here: behind it lies the flat view)
                yield None, n, n
                continue
            if _dim(n) == 4 and T.dtype_of(n) == dtype:
                best = n
                if _half_of_stack(n):
                    # one half of a stacked cache ([2, num_blocks, P, N, D], K and V; or [L, ...] over
                    # layers): this half as the step reads it is the paged input, whatever wrote the
                    # stack before (appends into either half, functionalized as select_scatter)
                    yield n, n, None
                    continue
                if _part_of_head_dim(n, row, self.sizes.shape):
                    # every other head of a cache that interleaves K and V on its head dim ([NB, P, 2N, D]: k0 v0 k1
                    # v1 .., vLLM TPU), kv[:, :, 0::2]: that strided view as the step reads it is the paged input
                    yield n, n, None
                    continue
                if _part_of_last_dim(n, row, self.sizes.shape):
                    # one part of a cache whose last dim concatenates several ([NB, P, N, 2D]: K | V, DeepSeek),
                    # kv[..., a:b] (rewrite.concatenated_reads): that part as the step reads it is the paged input
                    yield n, n, None
                    continue
                if _reads_back_scattered(n):
                    # the batch's rows of a dense per-request KV after the append into them (``kv[:bsz][rows, pos] =
                    # k``, functionalized as ``slice_scatter(kv, index_put(kv[:bsz], ...), 0, 0, bsz)``) read back as
                    # ``kv[:bsz]`` (models24 deepseek_dense_buffer_weights_2l): that slice as the step reads it is the
                    # paged input, as the result of an index_put append into the whole cache is
                    yield n, n, None
                    continue
                if _writes_leading_rows(n):
                    # the batch's rows of a dense per-request KV after the append into them (``kv[:bsz][rows, pos] =
                    # k``, functionalized as ``slice_scatter(kv, index_put(kv[:bsz], ...), 0, 0, bsz)``) read from
                    # the whole cache (``kv[rows, pos]``, models27 deepseek_batch_prefix_loop_2l): the cache after the
                    # append, the very tensor eager reads, is the paged input
                    yield n, n, None
                    continue
                if _writes_inside_pages(n):
                    # a KV append into a view of the cache (``kv[blk, off, 0] = latent``, MLA's one-head latent
                    # cache), functionalized as select_scatter/slice_scatter: the cache after the append is the
                    # paged input as the step reads it, as the result of an index_put append is
                    yield n, n, None
                    continue
            elif best is None and _dim(n) == 3 and T.dtype_of(n) == dtype and n is not self.w.cache \
                    and (tuple(self.sizes.shape(n)[1:]) == row or self._latent_pages(n)):
                # a flat token pool [num_tokens, N, D] (page size 1), or a paged cache without a head dim
                # [num_blocks, P, C] for a cache [S, 1, C] (MLA's latent), see _page_view
                flat = n
            # (not past a node written in place: the copy a step fused before this one wrote holds its rows)
            if T.is_data_movement(n) and T.written_in_place(n) is None:
                ins = T.data_inputs(n)
                if ins:
                    work.extend((a, best, flat) for a in ins)
                    continue
            if n.op == "call_function" and n.target in T.ARITHMETIC:
                yield None, n, None
            else:
                yield best, n, flat

    def _latent_pages(self, n: fx.Node) -> bool:
        """``n`` is a ``[num_blocks, P, C]`` paged cache without a head dim for a one-head cache ``[S, 1, C]``
        (MLA's latent, whose ``[S, C]`` compressed cache ``rewrite._one_head_rows`` views as ``[S, 1, C]``)."""
        row = tuple(self.sizes.shape(self.w.cache)[1:])
        if _dim(n) != 3:
            return False
        width = self.sizes.shape(n)[2]
        # (or heads flattened into the last dim, vllm-ascend's [num_blocks, P, N * D] for a cache that
        # rewrite._one_head_rows views as [S, N, D]: read through its [num_blocks, P, N, D] view)
        return width == row[1] if row[0] == 1 else isinstance(width, int) and width == row[0] * row[1]

    def _page_view(self, flat: fx.Node, writes, layout="flat") -> fx.Node:
        """A flat token pool ``[num_tokens, N, D]`` (SGLang's KV pool, addressed through
        ``req_to_token[b, p]``) is the contract's paged input with P = 1: the step's reads of it are
        rerouted through ``unsqueeze(pool, 1)`` (the ``[num_tokens, 1, N, D]`` view, the paged input)
        and ``squeeze`` back, an identity on values, and the proof goes on with P = 1.  Likewise a paged cache
        without a head dim ``[num_blocks, P, C]`` (``layout="latent"``, MLA) through ``unsqueeze(kv, 2)``, the
        ``[num_blocks, P, 1, C]`` view (the contract with N = 1), and FlashInfer's
        HND layout ``[num_pages, N, P, D]`` (``layout="hnd"``) through ``permute(kv, [0, 2, 1, 3])``, the
        ``[num_pages, P, N, D]`` view, and the same permutation back (it is its own inverse); a head-major cache
        ``[N, num_blocks, P, D]`` (``layout="head_major"``) through ``permute(kv, [1, 2, 0, 3])`` and back by
        ``[2, 0, 1, 3]``; vLLM v0's value cache ``[num_blocks, N, D, P]`` (``layout="d_before_p"``) through
        ``permute(kv, [0, 3, 1, 2])`` and back by ``[0, 2, 3, 1]``."""
        w = self.w
        graph = w.write.graph
        row = tuple(self.sizes.shape(w.cache)[1:])
        pages = None
        if layout == "latent" and row[0] != 1:
            # heads flattened into the last dim ([num_blocks, P, N * D], vllm-ascend): the [num_blocks, P, N, D]
            # row-major view, and back (P a sym_size node where symbolic; GE converts view, not unflatten)
            pages = val(flat).shape[1]
            if not isinstance(pages, int):
                pages = next((u for u in flat.users if u.target is aten.sym_size.int and u.args == (flat, 1)), None)
                if pages is None:
                    with graph.inserting_after(flat):
                        pages = graph.call_function(aten.sym_size.int, (flat, 1))
                    pages.meta["val"] = val(flat).shape[1]
            (view, view_args), (undo, undo_args) = ((aten.view.default, ([-1, pages, *row],)),
                                                    (aten.view.default, ([-1, pages, row[0] * row[1]],)))
        else:
            (view, view_args), (undo, undo_args) = _LAYOUT_VIEWS[layout]
        readers = in_order([u for u in flat.users if u in self.region])
        for u in readers:  # a view made for an earlier step of the same pool
            if u.target is view and u.args[1:] == view_args and u.meta.get(_PAGE_VIEW):
                return u
        with graph.inserting_before(readers[0]):
            paged = graph.call_function(view, (flat, *view_args))
            if layout == "latent" and isinstance(pages, fx.Node):
                # (the view back reads P from the paged view, not from ``flat``: the extracted step stops at the
                # paged input, and a size read through ``flat`` would pull the KV append's tokens into its proofs)
                pages = graph.call_function(aten.sym_size.int, (paged, 1))
                pages.meta["val"] = val(flat).shape[1]
                undo_args = ([-1, pages, row[0] * row[1]],)
            back = graph.call_function(undo, (paged, *undo_args))
        paged.meta["val"] = view(val(flat), *_concrete(view_args))
        back.meta["val"] = undo(val(paged), *_concrete(undo_args))
        paged.meta[_PAGE_VIEW] = back.meta[_PAGE_VIEW] = True
        for k in ("stack_trace", "nn_module_stack", "source_fn_stack"):
            if k in readers[0].meta:
                paged.meta[k] = back.meta[k] = readers[0].meta[k]
        for u in readers:
            u.replace_input_with(flat, back)
        self.region = value_ancestors([w.new], {self.lengths} | writes)
        return paged

    def find_table(self):
        """The block table: the other integer input of the new rows (a [B, max_pages] tensor).  Also
        collects the float inputs besides the paged KV (the weight, see find_weight)."""
        w = self.w
        # (a batch's rows of a pool table, T[r] (pool_tables.py): the [B, max_pages] table read through r)
        pool_rows = {n for n in w.write.graph.nodes if n.meta.get(POOL_ROWS) or n.meta.get(RAGGED_ROWS)}
        # (a batch's rows of a longer table buffer, vLLM's InputBatch ``block_table_buf[:num_reqs]``: rows past the
        # prefix are never read, and the prefix is the [B, max_pages] table)
        pool_rows |= {n for n in w.write.graph.nodes if _table_prefix(n)}
        leaves = value_leaves([w.new], {self.lengths, self.input} | pool_rows)
        if not any(T.is_int(n) and _dim(n) == 2 for n in leaves - {self.lengths, self.input}):
            # (a cache of one page per row, HF's StaticCache: arange(B)[:, None] is the block table, see _per_row_page)
            pool_rows |= self._per_row_page()
            leaves = value_leaves([w.new], {self.lengths, self.input} | pool_rows)
        constants = {n for n in leaves if _constant_leaf(n)}
        if w.cache in leaves or w.slots in leaves:
            raise Refused("roles", "the new rows read the cache or the slot mapping", w.new)
        if self.lengths not in leaves:
            raise Refused("roles", "the new rows do not depend on the lengths", w.new)
        leaves -= constants | {self.lengths, self.input}
        ints = [n for n in leaves if T.is_int(n)]
        self.floats = [n for n in leaves if T.is_float(n)]
        self.float_constants = [n for n in constants if T.is_float(n)]
        other = leaves - set(ints) - set(self.floats)
        if other:
            n = next(iter(other))
            raise Refused("roles", f"the new rows depend on {n.name}, which is none of the step's inputs", n)
        tables = [n for n in ints if _dim(n) == 2]
        if len(tables) != 1:
            raise Refused("roles", "the gather does not read exactly one [B, max_pages] block table: "
                          + (", ".join(sorted(n.name for n in ints)) or "none"), w.new)
        extra = [n for n in ints if n is not tables[0]]
        if extra:
            # (docs/soundness.md, "Inputs read by index arithmetic": the pass sees only fake values, and
            # torch.compile does not guard on a buffer's values; nsa_fusion's backends bind offered buffers to
            # constants before the pass runs, see nsa_fusion/bound_inputs.py, so what is left here is not offered)
            raise Refused("roles", f"the index arithmetic reads {extra[0].name} (a graph input, e.g. a module "
                          "buffer), whose values are only known at run time: fusing with the value it holds "
                          "now would silently use stale offsets once it changes (torch.compile does not guard "
                          "on buffer values)", extra[0],
                          "compile with nsa_fusion's backend (backend=\"nsa_fusion\", nsa_fusion.npu_backend), which "
                          "binds a small integer buffer to its value and checks it before every call; or compute "
                          "window offsets in the step (torch.arange(l)) instead of reading a buffer, "
                          "or compile with torch._inductor.config.freezing=True (Inductor then makes buffers "
                          "constants of the graph, assuming they never change, and the pass reads the constant)")
        self.table = tables[0]
        if self.sizes.int(val(self.table).shape[0]) != w.B:
            raise Refused("roles", "the block table does not have one row per written row", self.table)

    def _per_row_page(self) -> set:
        """A paged input of one page per batch row (HF's StaticCache ``[B, N, T, D]``, read through its ``[B, T, N,
        D]`` view: row ``b``'s tokens are page ``b``): the gather's page index ``arange(B)[:, None]`` (``[B, 1]``) is
        the block table of one page of ``P = T`` tokens per row.  Taken as the table as it is: the proof probes the
        step with random tables in its place (row ``b`` reads page ``table[b, p // P]``, which is ``table[b, 0]`` for
        every position ``p`` in ``[0, capacity)``), and the op reads its value, ``b`` for row ``b``: a valid page id
        wherever the user's gather of page ``b`` is in range.  Returns the node (a set of one), or an empty set."""
        from .evaluate import _is_iota

        def per_row(page) -> bool:
            shape = self.sizes.shape(page)
            return T.dtype_of(page) in (torch.int32, torch.int64) and len(shape) == 2 and shape[1] == 1 \
                and shape[0] == self.w.B and _is_iota(page)

        found = set()
        for g in self.gathers:
            if g.target is aten.index.Tensor and g.args[1] and isinstance(g.args[1][0], fx.Node) \
                    and per_row(g.args[1][0]):
                found.add(g.args[1][0])
        if not found:
            # token ids into the flat view of a dense [B, T, N, D] state, ``kv.view(-1, N, D)[rows[:, None] * T + p]``
            # (fla): the [B, 1] ``rows[:, None]`` they are computed from is the table, as above (the proof probes
            # random tables in its place: ``table[b, 0] * T + p`` is the contract's slot with P = T for p < T)
            for g in self.gathers:
                data = g.args[T.GATHERS[g.target]]
                index = [a for a in g.all_input_nodes if a is not data]
                near = value_ancestors(index, {self.lengths, self.input})
                found |= {n for n in near if n.op == "call_function" and per_row(n)
                          and not any(u in near and per_row(u) for u in n.users)}
        return found if len(found) == 1 else set()

    # -- weight ------------------------------------------------------------------------------------
    def find_weight(self):
        """The tensors that could be the op's [l, N] weight: nodes in the input dtype on the weight's
        way to the pooling (the parameter itself, or a view/exact cast of it) that every use of the
        parameter passes through.  Anything computed from the parameter is a different pooling."""
        w, sizes = self.w, self.sizes
        self.weight_nodes: list[fx.Node] = []
        N = sizes.shape(w.cache)[1]
        in_dtype = T.dtype_of(self.input)
        for n in self.floats:
            if self._numel(n) == 1:
                raise Refused("roles", f"the pooled value depends on {n.name}, a scalar graph input (a Python "
                              "float that dynamo passes in at run time), whose value cannot be checked", n,
                              "write the constant inline, or set torch._dynamo.config.specialize_float = True")
        if len(self.floats) > 1:
            raise Refused("roles", "the pooled value depends on more than one float input besides the paged KV: "
                          + ", ".join(sorted(n.name for n in self.floats)), self.floats[0],
                          "only a [l, N] weight may enter the pooling (a gate, bias or computed weight is "
                          "different math)")
        # a frozen parameter (torch._inductor.config.freezing) is a constant: it is the weight if it has
        # the weight's size; other constants are evaluated as what they are
        frozen = [n for n in self.float_constants if self._numel(n) == self.l * N and _holds_dtype(n, in_dtype)]
        self.weight_leaf = self.floats[0] if self.floats else (frozen[0] if len(frozen) == 1 else None)
        if self.weight_leaf is None:
            return
        leaf = self.weight_leaf
        region = self.region - {self.input}
        tokens = depending_on(region | {self.input}, {self.input})
        weight_region = depending_on(region, {leaf}) - tokens
        for n in in_order(weight_region):
            if n is not leaf and n.op == "call_function" and not (T.is_data_movement(n) and n.target not in T.GATHERS):
                raise Refused("weight", f"the weight is computed by {T.op_name(n)} before the pooling", n,
                              "pass the [l, N] weight parameter itself (views and float casts are fine)")
        exactness.check_weight_casts(weight_region, leaf)
        # [l, N], or [l] values shared by every head (a [l, 1, 1] column broadcast over heads and dims: the op's
        # weight is that column expanded, layout "l1"); the probes decide which reading the pooling uses
        cands = [n for n in in_order(weight_region)
                 if T.is_tensor(n) and self._numel(n) in (self.l * N, self.l) and (T.dtype_of(n) == in_dtype or
                                                                (n is leaf and _holds_dtype(n, in_dtype)))]
        cands = [c for c in cands if c is leaf or leaf not in value_leaves([w.new], {self.lengths, self.input, c})]
        if not cands:
            shape = sizes.shape(leaf)
            if math.prod(shape) not in (self.l * N, self.l):
                # a per-head weight with another window length: the condition is what disagrees (a
                # weight without a heads dimension, e.g. one [l] vector for all heads, is a weight issue)
                if N in shape and math.prod(shape) % N == 0 and math.prod(shape) // N != self.l:
                    off_by = math.prod(shape) // N - self.l
                    raise Refused("mask", f"the condition selects windows of l={self.l} (stride {self.d}) but the "
                                  f"weight {leaf.name} {list(shape)} has {math.prod(shape) // N} positions: the "
                                  "condition is not s >= l and (s - l) % d == 0 for the pooled window", w.cond,
                                  "the window completes when (s >= l) & ((s - l) % d == 0)" + (
                                      f"; where the step computes its lengths from {self.lengths.name} "
                                      f"(s = positions {'+' if off_by > 0 else '-'} {abs(off_by)}), pass the "
                                      "sequence lengths themselves: valid input bounds the lengths passed in to "
                                      "[0, capacity], not values computed from other inputs"
                                      if abs(off_by) in (1, 2) else ""))
                raise Refused("weight", f"the weight {leaf.name} has shape {list(shape)}, but the mask's window "
                              f"length l={self.l} and N={N} need an [l, N] = [{self.l}, {N}] weight", leaf)
            wd, xd = (str(t).removeprefix("torch.") for t in (T.dtype_of(leaf), in_dtype))
            raise Refused("weight", f"the weight {leaf.name} is a {wd} graph input used as it is with {xd} data: the "
                          f"fused op takes the weight in {xd}, and rounding it would change the products, since a {wd} "
                          f"parameter or buffer may hold any {wd} value (its values are read at run time, not at "
                          f"compile time, even where it was made as a copy of {xd} values)", leaf,
                          f"store the weight in {xd} and upcast it in the step (w.float()), or compile with "
                          f"torch._inductor.config.freezing = True (a frozen weight is a constant, checked to hold {xd} "
                          "values)")
        self.weight_nodes = cands

    def _numel(self, node) -> int:
        return math.prod(self.sizes.shape(node))


def _concrete(args):
    """View arguments with the size nodes in them replaced by their values (SymInts), to compute fake values."""
    return tuple([val(a) if isinstance(a, fx.Node) else a for a in x] if isinstance(x, list) else x for x in args)


def _half_of_stack(n: fx.Node) -> bool:
    """``n`` picks one [num_blocks, P, N, D] slice of a 5-D stacked tensor: ``stack[i]``
    (``select``) or ``stack.unbind(0)[i]``."""
    if n.op != "call_function":
        return False
    if n.target is aten.select.int:
        return _dim(n.args[0]) == 5
    if n.target is operator.getitem and isinstance(n.args[0], fx.Node) and n.args[0].op == "call_function" \
            and n.args[0].target is aten.unbind.int:
        return _dim(n.args[0].args[0]) == 5
    return False


def _pool_of_stack(n: fx.Node) -> bool:
    """``n`` picks one [num_tokens, N, D] pool of a 4-D stack along dim 0: ``stack[i]`` (``select``)."""
    return n.op == "call_function" and n.target is aten.select.int and _dim(n.args[0]) == 4 and n.args[1] == 0


def _pool_of_token_stack(n: fx.Node) -> bool:
    """``n`` picks one [num_tokens, N, D] pool of a 4-D stack along dim 1: ``kv[:, c]`` (``select``)."""
    return n.op == "call_function" and n.target is aten.select.int and _dim(n.args[0]) == 4 and n.args[1] == 1 \
        and _dim(n) == 3


def _part_of_last_dim(n: fx.Node, row, shape_of) -> bool:
    """``n`` is ``kv[..., a:b]``, a slice of the last dim of a 4-D tensor whose last dim is not the cache row's ``D``
    while the slice's ``[N, b - a]`` is the row's ``[N, D]``."""
    if n.op != "call_function" or n.target is not aten.slice.Tensor or _dim(n) != 4 or _dim(n.args[0]) != 4:
        return False
    dim = n.args[1] if len(n.args) > 1 else 0
    return isinstance(dim, int) and dim % 4 == 3 and tuple(shape_of(n)[2:]) == row and shape_of(n.args[0])[3] != row[1]


def _part_of_last_dim_3d(n: fx.Node) -> bool:
    """``n`` is ``kv[..., a:b]``, a slice of the last dim of a 3-D tensor that holds more than the slice per token."""
    if n.op != "call_function" or n.target is not aten.slice.Tensor or _dim(n) != 3 or _dim(n.args[0]) != 3:
        return False
    dim = n.args[1] if len(n.args) > 1 else 0
    return isinstance(dim, int) and dim % 3 == 2 and val(n).shape[2] != val(n.args[0]).shape[2]


def _reshape_of_write(n: fx.Node) -> bool:
    """``n`` reshapes the result of a row write (``view(index_put(view(kv, [-1, C]), [slots], x), [NB, P, C])``): a
    cache written through its flat view, read back in its own shape."""
    return n.op == "call_function" and n.target in T.RESHAPES and isinstance(n.args[0], fx.Node) \
        and n.args[0].op == "call_function" and n.args[0].target in T.WRITES


def _part_of_head_dim(n: fx.Node, row, shape_of) -> bool:
    """``n`` is ``kv[:, :, a:b:k]`` or a piece of ``kv.split(N, dim=2)``, a part of the head dim of a 4-D tensor
    whose head count is not the cache row's ``N`` while the part's ``[N, D]`` is the row's."""
    if n.op != "call_function" or _dim(n) != 4:
        return False
    if n.target is operator.getitem and isinstance(n.args[0], fx.Node) and n.args[0].op == "call_function" \
            and n.args[0].target in (aten.split.Tensor, aten.split_with_sizes.default):
        whole, dim = n.args[0].args[0], (n.args[0].args[2] if len(n.args[0].args) > 2 else 0)
    elif n.target is aten.slice.Tensor:
        whole, dim = n.args[0], (n.args[1] if len(n.args) > 1 else 0)
    else:
        return False
    return isinstance(whole, fx.Node) and _dim(whole) == 4 and isinstance(dim, int) and dim % 4 == 2 \
        and tuple(shape_of(n)[2:]) == row and shape_of(whole)[2] != row[0]


def _writes_inside_pages(n: fx.Node) -> bool:
    """``n`` is a functionalized write into a view of a [num_blocks, P, N, D] tensor that picks inside its
    pages (``kv[blk, off, 0] = latent``: ``select_scatter(kv, index_put(kv[:, :, 0], ...), 2, 0)``).  Along
    dim 0 the tensor may be a stack of token pools (``[L, num_tokens, N, D]``, ``pools[layer][loc] = k``),
    whose picked pool is the paged input: those are walked through."""
    if n.op != "call_function" or n.target not in (aten.select_scatter.default, aten.slice_scatter.default):
        return False
    dim = n.args[2] if len(n.args) > 2 else n.kwargs.get("dim", 0)
    return isinstance(dim, int) and dim % 4 != 0


def _writes_leading_rows(n: fx.Node) -> bool:
    """``n`` is ``slice_scatter(x, v, 0, a, b)`` with step 1 and ``v`` of ``x``'s rank: ``x`` with some of its rows
    replaced, a tensor of the same kind as ``x`` (a select_scatter along dim 0 puts back a PART of a stack instead,
    which _writes_inside_pages walks through)."""
    if n.op != "call_function" or n.target is not aten.slice_scatter.default or n.kwargs:
        return False
    dim, _, _, step = T.slice_args(n)
    v = n.args[1]
    return dim == 0 and step == 1 and isinstance(v, fx.Node) and _dim(v) == _dim(n)


def _reads_back_scattered(n: fx.Node) -> bool:
    """``n`` is ``slice(slice_scatter(x, v, d, a, b, s), d, a, b, s)``: the very part just written, so ``v``."""
    src = n.args[0] if n.op == "call_function" and n.target is aten.slice.Tensor and not n.kwargs else None
    return isinstance(src, fx.Node) and src.op == "call_function" and src.target is aten.slice_scatter.default \
        and not src.kwargs and T.slice_args(n) == T.slice_args(src)


def _table_prefix(n: fx.Node) -> bool:
    """``buf[:k]``: the first rows of a 2-D integer graph input (a slice along dim 0 from 0, step 1)."""
    if n.op != "call_function" or n.target is not aten.slice.Tensor or n.kwargs or len(n.args) < 2:
        return False
    dim, start, _, step = (list(n.args[1:]) + [None] * 4)[:4]
    src = n.args[0]
    return dim in (0,) and start in (None, 0) and step in (None, 1) and isinstance(src, fx.Node) \
        and src.op == "placeholder" and T.is_int(src) and _dim(src) == 2
