"""Parts "write" and "keep": the row write, the cache it updates, the slots, and the select before it.

Soundness (docs/soundness.md, "Write and keep"): the write is evaluated on a random cache with distinct
random slots (a row write is a data movement, so one probe with distinct slots decides it for every slot
mapping); the kept rows are proved *moved, not computed* from the graph (``exactness.check_kept_path``:
views, gathers by the slots and casts that hold the cache dtype only), so they are bit-identical for every
value, specials included; between the select and the write only casts that hold the cache dtype
(``exactness.check_select_chain``): one rounding of the new rows, none of the kept ones.  The keep probe
(NaN, inf and -0.0 rows; all-kept, all-new and mixed) fixes the select's polarity and the slots it reads.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import torch
import torch.fx as fx
from torch._prims_common import is_non_overlapping_and_dense_or_false

from . import exactness
from . import optable as T
from .evaluate import EvaluationError
from .optable import val
from .proof import (_COPIES, NotACandidate, Refused, _bits_equal, _chain_back, _constant_leaf, _dim, _probe_shape,
                    _smaller_symbols, _subgraphs, dominators, value_ancestors, value_leaves)

aten = torch.ops.aten

if TYPE_CHECKING:
    from .verify import Recognizer


def _keeps_what_it_reads(base, indices, values) -> bool:
    """``values`` is a select (``where``, through casts) one of whose branches reads ``base`` at ``indices``: the write
    keeps the rows it reads, as a compression step does (explain reports such a write as a refused site, not as an
    ignored write)."""
    chain = _chain_back(values, T.CASTS) if isinstance(values, fx.Node) else []
    select = chain[-1] if chain else None
    if select is None or select.op != "call_function" or select.target is not aten.where.self:
        return False
    for branch in select.args[1:3]:
        read = _chain_back(branch, T.CASTS)[-1] if isinstance(branch, fx.Node) else None
        if read is not None and read.op == "call_function" and read.target is aten.index.Tensor \
                and read.args[0] is base and list(read.args[1]) == list(indices):
            return True
    return False


class _WriteSide:
    """The write, the cache it updates, the slots, and the select feeding it (parts "write"/"keep")."""

    def __init__(self, rec: Recognizer, write: fx.Node):
        self.rec = rec
        self.write = write
        base_pos, index_pos, values_pos = T.WRITES[write.target]
        self.base = write.args[base_pos]
        self.values = write.args[values_pos]
        sizes = rec.sizes
        if write.target in (aten.index_put.default, aten._unsafe_index_put.default):
            indices = list(write.args[index_pos])
            if len(indices) > 1 and indices[0] is None and indices[1] is not None and _dim(indices[1]) == 1 \
                    and _dim(self.base) == 4 and T.is_float(self.base):
                # cmp_kv[:, slots] = where(...): K and V (or layers) stacked in one [G, num_slots, N, D] cache
                raise Refused("write", "the write puts rows into every half of a stacked [G, num_slots, N, D] "
                              "cache at once (cache[:, slots] = ...); the pass fuses one half at a time", write,
                              "write each half: for h in range(G): cache[h][slots] = torch.where(valid[:, None, "
                              "None], new[h], cache[h][slots]) (and gather each half's tokens from kv[h])")
            if not indices or indices[0] is None:
                if _keeps_what_it_reads(self.base, indices, self.values):
                    # (where(valid, new, cache[idx]) written back at idx: a compression site, not a KV append)
                    raise Refused("write", f"a masked write of kept rows into a {_dim(self.base)}-D tensor indexed at "
                                  "other dims than its first: no cache layout the pass knows maps it to the rows of "
                                  "a [num_slots, N, D] cache", write,
                                  "index the compressed cache by its rows: cache[slots] = torch.where(valid[:, None, "
                                  "None], new, cache[slots]) on a [num_slots, N, D] cache or view")
                raise NotACandidate("the write does not index the cache rows", write)
            # cache[slots] or cache[slots[:, None, None], arange(N)[:, None], arange(D)]: the indices
            # after the first may only be constants (the write check then proves it writes whole rows)
            for extra in indices[1:]:
                if extra is not None and {n for n in value_leaves([extra]) if not _constant_leaf(n)}:
                    raise NotACandidate("the write indexes inside the cache rows with data-dependent "
                                        "indices", extra)
            index = indices[0]
            accumulate = write.args[3] if len(write.args) > 3 else write.kwargs.get("accumulate", False)
            if accumulate:
                raise Refused("write", "the write accumulates into the cache (index_put accumulate=True)", write)
        else:
            dim = write.args[1]
            if dim not in (0, -_dim(self.base)):
                from ..rewrite import _entry_along

                if write.target is aten.scatter.src and _entry_along(write) is not None:
                    # (rewrite._scattered_rows / _scattered_through_rows take those whose kept entry is the one
                    # written, read by a gather at the same index)
                    raise Refused("write", "the write puts entry i of request b into a per-request cache (scatter "
                                  f"along dim {dim}), but the kept value is not that entry read back with a gather at "
                                  "the same index", write,
                                  "write torch.where(valid, new, cache.gather(dim, idx)) with the scatter's own idx")
                raise NotACandidate(f"the write is along dim {dim}, not the cache rows", write)
            index = write.args[index_pos]
        self.index = index
        # the cache: the write's base through exact casts, copies and reshapes, back to a 3-D float tensor
        chain = _chain_back(self.base, T.CASTS | T.RESHAPES | _COPIES)
        cands = [n for n in chain if T.is_float(n) and _dim(n) == 3]
        if not cands:
            if _dim(self.base) == 2 and T.is_float(self.base):  # (rewrite._one_head_rows took the masked ones)
                raise NotACandidate("the written tensor is not a [num_slots, N, D] cache (a [num_slots, C] cache without "
                                    "a head dim is the contract with N = 1 where its rows are written through a select: "
                                    "cache[slots] = torch.where(valid[:, None], new, cache[slots]))", write)
            raise NotACandidate("the written tensor is not a [num_slots, N, D] cache", write)
        self.cache = cands[-1]
        self.dtype = T.dtype_of(self.cache)
        for n in chain[:chain.index(self.cache)]:
            if T.dtype_of(n) not in (self.dtype, torch.float32):
                raise Refused("dtype", f"the cache is cast to {T.dtype_of(n)} before the write", n)
        # the updated cache: the write, or casts/reshapes of it back to the cache's shape and dtype
        z = write
        while not (T.dtype_of(z) == self.dtype and _dim(z) == 3 and
                   sizes.shape(z) == sizes.shape(self.cache)):
            users = list(z.users)
            if len(users) == 1 and users[0].target == aten.copy_.default and users[0].args[0] is self.cache \
                    and users[0].args[1] is z and sizes.shape(z) == sizes.shape(self.cache):
                break  # copied back into the cache, and rounded to its dtype on the way (cache.copy_(upcast))
            if len(users) == 1 and users[0].target == aten.copy.default and users[0].args[1] is z \
                    and T.dtype_of(users[0]) in (self.dtype, torch.float32):
                z = users[0]  # functional copy(cache, new): new converted to the cache's dtype
                continue
            if len(users) != 1 or users[0].target not in (T.CASTS | T.RESHAPES):
                raise Refused("write", "the written tensor is not read back as the cache "
                              f"(its users: {', '.join(u.name for u in users) or 'none'})", z)
            z = users[0]
            if T.dtype_of(z) not in (self.dtype, torch.float32):
                raise Refused("dtype", f"the updated cache is cast to {T.dtype_of(z)}", z)
        self.new_cache = z
        if z is not write and len(write.users) != 1:
            raise Refused("write", "the cache before the final cast is also read elsewhere", write)
        # the slots: the write index through casts and views, back to a [B] integer tensor
        chain = _chain_back(index, T.CASTS | T.VIEWS)
        cands = [n for n in chain if T.is_int(n) and _dim(n) == 1]
        if not cands:
            raise Refused("write", "the write index is not derived from a [B] slot tensor", index)
        self.slots = cands[-1]
        # the select: where(cond, new, keep), through casts and reshapes
        # (copies too: a reshape of a non-contiguous select is a clone then a view, as in a 2-D scatter_
        # write-back of permuted rows)
        chain = _chain_back(self.values, T.CASTS | T.RESHAPES | _COPIES | {aten.unsqueeze.default, aten.squeeze.dim,
                                                                            aten.expand.default})
        select = chain[-1]
        if select.op != "call_function" or select.target != aten.where.self:
            split = _split_compaction(index, self.values)
            if split is not None:
                raise Refused("keep", "the write stores only the rows an index from outside this graph picks (a "
                              "compaction, cache[slots[done]] = pooled[done], that dynamo split at nonzero or a "
                              "boolean mask: their output shape depends on data)", split,
                              "set torch._dynamo.config.capture_dynamic_output_shape_ops = True: the compaction then "
                              "lies in one graph and fuses; or write every row: cache[slots] = torch.where("
                              "valid[:, None, None], pooled, cache[slots])")
            compaction = _compaction(index, self.values)
            picked = _chain_back(self.values, T.CASTS | T.RESHAPES)[-1]
            if compaction is not None and not (picked.op == "call_function" and picked.target is aten.index.Tensor):
                raise Refused("keep", "the window sums are computed for the picked rows only (compaction before the "
                              "pooling: lengths[rows], block_table[rows] with rows = valid.nonzero()); the pass "
                              "proves steps computed for every batch row", compaction,
                              "pool every row and compact only the write, cache[slots[done]] = pooled[done] (one "
                              "graph with torch._dynamo.config.capture_dynamic_output_shape_ops = True), or write "
                              "every row: cache[slots] = torch.where(valid[:, None, None], pooled, cache[slots])")
            if compaction is not None:
                raise Refused("keep", "the write stores only the rows a mask picks (compaction: "
                              "cache[slots[done]] = pooled[done]); the pass proves row writes of every batch row, "
                              "with the rows that do not complete kept by a select", compaction,
                              "write every row: cache[slots] = torch.where(valid[:, None, None], pooled, "
                              "cache[slots]) (same result, no data-dependent shape, no graph break at nonzero)")
            raise Refused("keep", "no masked select (torch.where) before the write: rows of batches whose "
                          "window did not complete would be overwritten", select,
                          "write torch.where(valid, new_rows, cache[slots]) (a 0/1 blend is not exact for inf/nan)")
        self.select = select
        self.cond, t, f = select.args[:3]
        reach = [self.cache in value_ancestors([b]) if isinstance(b, fx.Node) else False for b in (t, f)]
        if reach == [False, True]:
            self.new, self.keep, self.polarity = t, f, True
        elif reach == [True, False]:
            self.new, self.keep, self.polarity = f, t, False
        else:
            raise Refused("keep", "cannot tell the kept cache rows from the new rows in the select", select)
        self.B = sizes.int(val(self.slots).shape[0])
        self.S = sizes.int(val(self.cache).shape[0])
        self.row_shape = sizes.shape(self.base)[1:]
        exactness.check_select_chain(self.values, select, self.dtype)
        exactness.check_kept_path(self.keep, self.cache, self.slots, self.dtype, sizes)
        self.check_write()
        self.check_keep()

    def check_write(self):
        """Z = cache with rows slots[b] replaced by V[b] (any spelling of the row write)."""
        rec = self.rec
        sizes = _smaller_symbols(rec.sizes, {self.cache: 2 * self.B + 8}, [self.slots, self.values])
        if self.S < self.B:
            raise Refused("write", f"{self.B} slots cannot be unique in a cache of {self.S} rows", self.write)
        gen = rec.gen(1)
        try:
            (sub, to_base, to_new), rows = _subgraphs(
                [([self.new_cache], [self.cache, self.slots, self.values], {}),
                 ([self.base], [self.cache], {}),
                 ([self.new_cache], [self.write, self.cache], {})],
                {self.cache: 2 * self.B + 8, self.write: 2 * self.B + 8}, sizes)
            S = _probe_shape(self.cache, sizes, rows)[0]
            cache = torch.randn(_probe_shape(self.cache, sizes, rows), generator=gen).to(self.dtype)
            slots = torch.randperm(S, generator=gen)[: self.B].to(T.dtype_of(self.slots))
            v = torch.randn(sizes.shape(self.values), generator=gen).to(T.dtype_of(self.values))
            z = sub([cache, slots, v], sizes)[0]
            base = to_base([cache], sizes)[0].clone()
            base[slots.long()] = v.to(base.dtype).broadcast_to((self.B, *base.shape[1:]))
            want = to_new([base, cache], sizes)[0] if self.new_cache is not self.write else base
        except EvaluationError as exc:
            raise Refused("write", f"the write could not be evaluated: {exc}", self.write)
        if not _bits_equal(z, want):
            raise Refused("write", "the write does not put row b at cache[slots[b]] and leave the other rows "
                          "untouched", self.write)

    def check_keep(self):
        """V = cond ? cast(new) : cache[slots], bit-exactly (inf and nan included)."""
        rec = self.rec
        sizes = _smaller_symbols(rec.sizes, {self.cache: 2 * self.B + 8},
                                 [self.cond, self.new, self.slots, self.select])
        gen = rec.gen(2)
        cond_shape = sizes.shape(self.cond)
        if len(cond_shape) == 0 or cond_shape[0] != self.B:
            raise Refused("keep", "the select condition is not per batch row", self.cond)
        # which rows are kept must not depend on slot values except through the read itself (then one
        # probe with distinct values proves the keep branch for every slot mapping)
        for n in value_ancestors([self.keep], {self.cache, self.slots}) - {self.cache, self.slots}:
            if n.op == "call_function" and T.is_int(n) and not (n.target in T.CASTS or n.target in T.VIEWS) \
                    and self.slots in value_ancestors([n]):
                raise Refused("keep", f"the kept rows are read at indices computed by {T.op_name(n)}, not at the "
                              "written slots", n)
        try:
            (sub, to_base, to_values), rows = _subgraphs(
                [([self.values], [self.cond, self.new, self.cache, self.slots], {}),
                 ([self.base], [self.cache], {}),
                 ([self.values], [self.select], {})],
                {self.cache: 2 * self.B + 8}, sizes)
            S = _probe_shape(self.cache, sizes, rows)[0]
            cache = torch.randn(_probe_shape(self.cache, sizes, rows), generator=gen).to(self.dtype)
            cache[0] = float("nan")
            if S > 2:
                cache[1] = float("inf")
                cache[2] = -0.0  # a kept row must stay -0.0 (x + 0.0 would make it +0.0)
            slots = torch.randperm(S, generator=gen)[: self.B]
            for i in range(min(self.B, S, 3)):  # make sure the special rows are read
                slots[slots == i] = slots[i]
                slots[i] = i
            slots = slots.to(T.dtype_of(self.slots))
            new = torch.randn(sizes.shape(self.new), generator=gen).to(T.dtype_of(self.new))
            if new.dim() and new.shape[0] == self.B and self.B > 2:
                new[2] = float("inf")
            rows_pattern = torch.rand(self.B, generator=gen) < 0.5
            base = to_base([cache], sizes)[0]
            where_shape = sizes.shape(self.select)
            kept = base[slots.long()].to(T.dtype_of(self.select)).reshape(where_shape)
            fresh = new.to(T.dtype_of(self.select)).broadcast_to(where_shape)
            for pattern in (torch.zeros(self.B, dtype=torch.bool), torch.ones(self.B, dtype=torch.bool),
                            rows_pattern):
                c = pattern.reshape((self.B,) + (1,) * (len(cond_shape) - 1)).expand(cond_shape).clone()
                take_new = pattern if self.polarity else ~pattern
                got = sub([c, new, cache, slots], sizes)[0]
                sel = torch.where(take_new.reshape((self.B,) + (1,) * (len(where_shape) - 1)), fresh, kept)
                want = to_values([sel], sizes)[0]
                if not _bits_equal(got, want):
                    raise Refused("keep", "rows whose window did not complete are not kept bit-exactly as "
                                  "cache[slots[b]] (or the new rows are changed on the way to the write)",
                                  self.keep, "keep rows with torch.where(valid, new, cache[slots]); blends "
                                  "like new*m + old*(1-m) turn inf/nan rows into nan")
        except EvaluationError as exc:
            raise Refused("keep", f"the kept rows could not be evaluated: {exc}", self.keep)

    def length_candidates(self) -> list[fx.Node]:
        """[B] integer tensors that every input of the condition flows through, nearest first."""
        anc = value_ancestors([self.cond])
        cands = [n for n in anc if T.is_int(n) and _dim(n) == 1 and n is not self.cond]
        return dominators(self.cond, cands)


def _split_compaction(index: fx.Node, values: fx.Node):
    """The graph input that picks the written rows (``index(slots, [done])`` or ``index(new, [done])`` with
    ``done`` an input of this graph: a compaction whose ``nonzero`` ran outside it), or None."""
    for start, ops in ((index, T.CASTS | T.VIEWS), (values, T.CASTS | T.RESHAPES)):
        n = _chain_back(start, ops)[-1]
        if n.op == "call_function" and n.target is aten.index.Tensor and len(n.args[1]) == 1:
            pick = n.args[1][0]
            if isinstance(pick, fx.Node) and pick.op == "placeholder" and _dim(pick) == 1 and not T.is_float(pick):
                return pick
    return None


def _compaction(index: fx.Node, values: fx.Node):
    """The node that picks rows by a mask (``nonzero``, or indexing with a boolean tensor) on the way to
    the write's index or values, or None."""
    for n in value_ancestors([index, values]):
        if n.op != "call_function":
            continue
        if n.target in (aten.nonzero.default, aten.masked_select.default, aten.argwhere.default):
            return n
        if n.target is aten.index.Tensor and any(
                isinstance(i, fx.Node) and T.dtype_of(i) == torch.bool for i in n.args[1]):
            return n
    return None


_FRESH = {aten.empty.memory_format, aten.empty_like.default, aten.empty_strided.default, aten.new_empty.default,
          aten.new_empty_strided.default}


def fresh_copies_as_casts(graph: fx.Graph) -> int:
    """``copy(empty(shape), src)`` with ``src`` of that shape (``stage = torch.empty_like(rows); stage.copy_(src)``,
    functionalized) is ``src.to(stage's dtype)``: every element of the fresh buffer is overwritten, rounded as
    ``.to`` rounds.  Rewritten to that cast, which the write and keep rules then read as any other (a buffer of
    another shape, filled by broadcasting, and a copy that keeps the dtype are left as written).  The rewrite
    stays in the graph whether or not a step fuses, so it must be the same tensor in every respect: only where
    the buffer's strides are the ones the cast gives (``src``'s, for a dense ``src``; red-team K5: an
    ``empty_strided`` buffer read back through ``as_strided``), and as ``prims.convert_element_type``, which
    both Inductor's post-grad graphs and torchair lower (K4: Inductor failed on a surviving ``_to_copy``).
    Returns the number rewritten."""
    done = 0
    for node in list(graph.find_nodes(op="call_function", target=aten.copy.default)):
        dst, src = node.args[:2]
        if node.kwargs or len(node.args) > 2 or not isinstance(src, fx.Node) or not isinstance(dst, fx.Node) or \
                dst.op != "call_function" or dst.target not in _FRESH:
            continue
        v, vs = val(node), val(src)
        if not (isinstance(v, torch.Tensor) and isinstance(vs, torch.Tensor)) or tuple(v.shape) != tuple(vs.shape) \
                or v.device != vs.device or v.dtype == vs.dtype:
            continue  # (a copy in the same dtype is a snapshot: left to the aliasing rules, rewrite.py)
        if tuple(v.stride()) != tuple(vs.stride()) or not is_non_overlapping_and_dense_or_false(vs):
            continue  # (the cast keeps src's layout, the buffer has its own: a view reading the storage tells them apart)
        with graph.inserting_before(node):
            # (prims' cast: Inductor's post-grad graphs have no lowering for _to_copy, torchair converts both)
            cast = graph.call_function(torch.ops.prims.convert_element_type.default, (src, v.dtype))
        cast.meta.update(node.meta)
        node.replace_all_uses_with(cast)
        graph.erase_node(node)
        done += 1
    return done
