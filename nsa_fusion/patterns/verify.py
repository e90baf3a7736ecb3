"""Recognise the NSA compression step in a graph by what it computes: the orchestrator.

Every spelling of the step ends in a row write into the compressed cache.  Starting from each such
write, the recogniser cuts the graph into the parts the contract (docs/contract.md) talks about, gives
each input its role from how it flows, and proves each part, in this order, each in its own module::

    Z = cache with rows slots[b] <- V[b]                          write    (write.py)
    V = cond ? cast(A) : cache[slots]   (bit-exact, inf/nan too)  keep     (write.py, exactness.py)
    roles: paged input, block table, lengths, weight              roles    (roles.py)
    integers exact in fixed width; row b from row b's inputs      sizes    (sizes.py, exactness.py)
    cond[b] = s_b >= l and (s_b - l) % d == 0                      mask     (mask.py)
    A[b] = sum_j fp32(w[j, h]) * fp32(kv[page(b, j), off(b, j)])  gather + pooling (pooling.py)
    one rounding from fp32 to the cache dtype between A and Z      dtype    (pooling.py)
    at other sizes of a dynamic graph                              sizes    (sizes.py)

docs/soundness.md has the argument of each part and its limits.  A :class:`Refused` carries the part
that failed, the node where it diverged and a hint; the pass reports it through ``nsa_fusion.explain``.
"""
from __future__ import annotations

import torch
import torch.fx as fx

from torch._prims_common import is_contiguous_or_false

from . import exactness
from . import optable as T
from .evaluate import Sizes, ancestors, attr_value, guard_breaks_a_marked_dim
from .mask import MaskProof
from ..pool_tables import POOL_ROWS
from .optable import val
from .pooling import PoolingProof
from .proof import _STAGES, PART_HINTS, Declined, NeedsStaticCapacity, NotACandidate, Refused, Step, source_line
from .roles import RolesProof
from .sizes import Generalize, SizesProof, capacity_symbols
from .write import _WriteSide

aten = torch.ops.aten

_STORAGE_HINT = "index or view the tensor (x.view, x.permute, x[..]) instead of as_strided"
_STORAGE_OPS = {aten.as_strided.default, aten.as_strided_copy.default, aten.as_strided_scatter.default}

__all__ = ["Recognizer", "Refused", "NotACandidate", "Declined", "Step", "PART_HINTS", "source_line"]


class Recognizer(Generalize):
    """Recognises compression steps in one graph.  ``sizes``: the symbol assignment to evaluate at
    (hints for dynamic graphs); ``seed`` makes probes reproducible.  ``matmul_fma``: a matrix product left in the
    graph runs as a BLAS kernel that accumulates with fused multiply-adds (Inductor's extern mm / bmm, as eager's), so
    pooling by one is fused only where its products are exact in fp32 and cannot overflow it (fp16 tokens); False for
    torchair, whose GE graph of the unfused step does not compile at all (pooling.PoolingProof._check_exact_arithmetic)."""

    def __init__(self, graph: fx.Graph, sizes: Sizes | None = None, seed: int = 0, matmul_fma: bool = True):
        self.graph = graph
        self.matmul_fma = matmul_fma
        graph._nsa_fusion_order = None  # node positions are recomputed for this graph
        self.sizes = sizes or Sizes.hints(graph)
        self.seed = seed
        self.pooling_probes: dict = {}  # probes passed for the write being recognised (pooling._probe_pooling)
        self.paged_inputs: dict = {}  # paged input node -> the write whose step reads it (roles.find_input)

    def writes(self) -> list[fx.Node]:
        """Every row write in the graph: the anchors the recogniser starts from."""
        # (not the user's writes that a canonical row write replaced: rewrite.normalize_row_writes)
        return [n for n in self.graph.nodes if n.op == "call_function" and n.target in T.WRITES
                and not n.meta.get("nsa_fusion_superseded")]

    # -- entry ---------------------------------------------------------------------------------------
    def recognize(self, write: fx.Node) -> Step:
        """The :class:`Step` rooted at ``write``, or :class:`Refused` saying why not."""
        from torch._subclasses.fake_tensor import unset_fake_temporarily

        with unset_fake_temporarily():  # probes are real tensors, whatever mode the compiler runs in
            return self._recognize(write)

    def _recognize(self, write: fx.Node) -> Step:
        self.pooling_probes = {}
        step = self._verify(write)
        if self.sizes.assignment:
            try:
                step.specialize = {**self._generalize(write, step), **step.size_values}
            except Refused:
                if step.static_capacity is None:
                    raise
                step.specialize = {}
            if step.static_capacity is not None and \
                    capacity_symbols(self.sizes, step.block_table, step.input) - self.sizes.tied(set(step.specialize)):
                raise step.static_capacity  # (proven at the compiled capacity only, and the graph serves others)
            self._refuse_marked_specializations(step)
        return step

    def _refuse_marked_specializations(self, step: Step) -> None:
        """The sizes the proof holds at their compiled values and the bounds it assumes are guarded
        (fusion_pass._specialize); dynamo fails the whole compile where such a guard specializes a dim the user
        marked dynamic (``mark_dynamic(kv, 1)`` on the page size, red team 59 M1) or narrows the range the user
        gave it (``mark_dynamic(kv, 0, max=...)``, red team 60 M2): the step is refused instead."""
        env = self.sizes.shape_env
        if env is None:
            return
        guards = [(sym, "equal", None) for sym in step.specialize] + [(e, "at_most", m) for e, m in step.bounds.items()]
        for expr, kind, most in sorted(guards, key=lambda g: str(g[0])):
            why = guard_breaks_a_marked_dim(env, expr, kind, most)
            if why is not None:
                raise Refused("sizes", f"the proof needs {expr} guarded ({kind.replace('_', ' ')}"
                              f"{'' if most is None else ' ' + str(most)}), but {why}", step.write,
                              "write the size as a shape (kv.shape[1]), or do not mark that dim dynamic")

    def _verify(self, write: fx.Node) -> Step:
        w = _WriteSide(self, write)
        best: Refused | None = None
        for lengths in w.length_candidates():
            try:
                try:
                    return _Verification(self, w, lengths).run()
                except NeedsStaticCapacity as exc:
                    # the proof as for a static capacity; kept only where the graph guards the capacity anyway
                    # (_recognize): a spelling that bakes in the page size or uses the table width as a value.
                    # Where it fails too, the dynamic graph's own reason is the one reported
                    try:
                        step = _Verification(self, w, lengths, static_capacity=True).run()
                    except Refused:
                        raise exc from None
                    step.static_capacity = exc
                    return step
            except Refused as exc:
                if best is None or _STAGES.index(exc.part) > _STAGES.index(best.part):
                    best = exc
        if best is None:
            raise Refused("mask", "the select condition does not depend on a [B] integer tensor (the lengths)",
                          w.cond, "mask with the sequence lengths: (s >= l) & ((s - l) % d == 0)")
        raise best

    def gen(self, salt: int) -> torch.Generator:
        return torch.Generator().manual_seed(self.seed * 1000003 + salt)


class _Verification(RolesProof, SizesProof, MaskProof, PoolingProof):
    """Roles, mask, gather, pooling, dtype and size checks for one choice of the lengths node."""

    def __init__(self, rec: Recognizer, w: _WriteSide, lengths: fx.Node, static_capacity: bool = False):
        self.rec, self.w, self.lengths = rec, w, lengths
        self.sizes = rec.sizes
        self.static_capacity = static_capacity  # capacity symbols held at the compiled sizes (sizes.SizesProof)

    def run(self) -> Step:
        w = self.w
        if self.sizes.int(val(self.lengths).shape[0]) != w.B:
            raise Refused("mask", "the lengths do not have one entry per written row", self.lengths)
        self.find_input()
        exactness.check_block_path(self.gathers, self.input)
        self.size_bounds = {}  # size -> largest value the proof assumes (int32 slots, casts, flat indices: guarded when fused)
        self.slot_source = exactness.check_slot_path(w.slots, val(w.cache).shape[0], self.size_bounds)
        self.find_table()
        self.check_slot_source()
        self.check_storage_reads()
        self.check_int_paths()
        self.check_position_past_the_cache()
        self.check_flat_slots()
        self.check_rows()
        self.check_symbolic_iotas()
        self.check_size_modular_views()
        self.check_mask()
        self.check_length_thresholds()
        self.find_weight()
        self.check_structure()
        self.check_pooling()
        self.check_cache_aliases_no_input()
        self.check_no_overwritten_reads()
        self.check_device()
        return Step(write=w.write, new_cache=w.new_cache, input=self.input, weight=self.weight,
                    weight_layout=self.layout, slots=w.slots, block_table=self.table, lengths=self.lengths,
                    cache=w.cache, l=self.l, d=self.d, nodes=self.nodes(), specialize={},
                    size_values=self.size_values(), bounds=self.size_bounds, matmul_device=self.matmul_device)

    # -- slots -------------------------------------------------------------------------------------
    def check_slot_source(self):
        """The slots come from the slot mapping or a table of compressed rows, never from an input the step reads
        in another role: valid input makes the slot mapping's written entries distinct and in range
        (docs/contract.md), not the lengths (``lens % S``: lengths 32 and 61 land on one row of a 29-row cache) nor
        the block table's entries (rows sharing a prefix page read one page id), red team 52 F2, nor any input those
        or the window's indices are computed from (a pool index is distinct, not distinct modulo S; FlashInfer's last
        page lengths repeat), red team 53 H1.  One exception: the block table's own pool index as the slots as it
        is (a request pool's per-request rows), distinct and in range by valid input."""
        from .proof import value_ancestors
        from .sizes import _lengths_source

        src = self.slot_source
        if not isinstance(src, fx.Node):
            return
        # (every graph input the lengths, the block table and the window's indices are computed from, not only their
        # data roots: SGLang's pool index ``rpi`` behind ``T[rpi]``, FlashInfer's ``kv_last_page_len`` behind computed
        # lengths, red team 53 H1; valid input holds those distinct or in range in their own role only)
        indices = [a for g in self.gathers for a in T.value_inputs(g) if a not in T.data_inputs(g)]
        roles = {"the lengths": [self.lengths, _lengths_source(self.lengths)], "the block table": [self.table],
                 "the window's indices": indices}
        # (a table of compressed rows read through the batch's pool index, ``crtt[rpi]``: that index must not be the
        # lengths either; it is the block table's pool index too, ``rtt[rpi]``, which is its one role)
        pool_index = src.meta[POOL_ROWS][1] if src.meta.get(POOL_ROWS) else None
        # (the pool index of the block table as the slots themselves, through views and widening casts: distinct and
        # in [0, R) by valid input, as slot mappings are; under a remainder, a shift or a narrowing cast it is refused,
        # rpi % S, rpi.to(int8), red teams 53 H1 and 54 H1)
        own_pool_rows = isinstance(self.table, fx.Node) and self.table.meta.get(POOL_ROWS) and \
            T.data_root(self.table.meta[POOL_ROWS][1]) is T.data_root(src) and \
            exactness.passed_in_unchanged(self.w.index) is src  # (the whole way from the write's index)
        for what, nodes in roles.items():
            if own_pool_rows and what != "the lengths":
                continue
            inputs = {T.data_root(a) for a in value_ancestors([n for n in nodes if isinstance(n, fx.Node)])}
            for s in ([src, pool_index] if pool_index is not None and what == "the lengths" else [src]):
                if T.data_root(s) in inputs:
                    raise Refused("write", f"the slots are computed from {T.data_root(s).name}, which the step also "
                                  f"reads as (or to compute) {what}: valid input does not hold it to distinct in-range "
                                  "slots, so two rows may land on one cache row", self.w.slots,
                                  "pass a slot mapping (or a table of compressed rows) of its own")

    # -- device ------------------------------------------------------------------------------------
    def check_device(self):
        from ..lowering import fuses_on

        devices = {val(n).device for n in (self.input, self.table, self.lengths, self.w.slots, self.w.cache)}
        if self.weight is not None:
            devices.add(val(self.weight).device)
        if len(devices) != 1:
            raise Refused("device", "the step's tensors live on different devices", self.w.write)
        ok, why = fuses_on(devices.pop())
        if not ok:
            raise Declined("device", why, self.w.write)

    def check_storage_reads(self):
        """``as_strided`` reads (and ``as_strided_scatter`` writes) the storage, not the elements: on a graph input
        (through views of it) its meaning depends on that input's layout.  The probes lay every input out
        contiguously from storage offset 0, so the proofs hold only where every input the read derives from is
        contiguous (dynamo guards the strides; a relative read starts at the tensor's own first element wherever
        that lies in its storage); an absolute storage offset (the fourth argument) over an input depends on where
        in its storage the input starts, which the guards do not pin.  Red-team 16 F1: ``w.as_strided((l, N), (N,
        1))`` of a weight stored transposed is the identity on the probes and a permutation on the real weight."""
        from ..bound_inputs import _owns_its_storage
        from ..rewrite import storage_root

        w = self.w  # (before find_weight: every ancestor of the write up to the inputs found so far)
        for n in ancestors([w.new_cache], {self.input, self.table, self.lengths, w.cache, w.slots}):
            if n.op != "call_function" or n.target not in _STORAGE_OPS:
                continue
            # the layout of what it reads follows its inputs' (views, and elementwise ops and clones keep the
            # strides of a dense input): every input it derives from must be laid out as the probes lay it out
            for leaf in ancestors([n.args[0]]):
                if leaf.op in ("placeholder", "get_attr"):
                    v = attr_value(leaf) if leaf.op == "get_attr" else val(leaf)
                    if isinstance(v, torch.Tensor) and not is_contiguous_or_false(v):
                        raise Refused("roles", f"{T.op_name(n)} reads the storage of a tensor computed from "
                                      f"{leaf.name}, which is not laid out contiguously: the step's proofs evaluate "
                                      "it on inputs laid out so", n, _STORAGE_HINT)
            at = 4 if n.target is aten.as_strided_scatter.default else 3
            root = storage_root(n.args[0])
            # (a graph constant that is its whole storage, a bound module buffer's copy, reads the same at any offset)
            if len(n.args) > at and n.args[at] is not None and (root.op == "placeholder" or (
                    root.op == "get_attr" and not (isinstance(attr_value(root), torch.Tensor)
                                                   and _owns_its_storage(attr_value(root))))):
                raise Refused("roles", f"{T.op_name(n)} reads the storage of {root.name} at an absolute storage "
                              "offset, which depends on where in its storage the input starts", n, _STORAGE_HINT)

    def check_cache_aliases_no_input(self):
        """The cache shares no storage with what the step reads (red-team 11 F3: ``c = kv.view(-1, N, D)``, the
        compressed rows carved out of the paged pool; ``kv[NB - 4:].reshape(-1, N, D)``): eager gathers every window
        before it writes, the fused op writes row b's slot while later rows still read their windows, which may hold
        that slot.  Storage roots are compared through views.  (Functionalization gives a view taken before an
        in-place write of its base a new view of the written value, so two tensors that share storage in eager code
        are views of one node here, the KV append's result included.)"""
        from ..rewrite import _root

        w, cache_root = self.w, _root(self.w.cache)
        for what, node in (("paged input", self.input), ("weight", self.weight), ("block table", self.table),
                           ("lengths", self.lengths), ("slot mapping", w.slots)):
            if node is not None and _root(node) is cache_root:
                raise Refused("write", f"the cache is a view of the {what} ({cache_root.name}), which the step reads: "
                              "eager reads every window before it writes, the fused op writes rows while other rows "
                              "still read", w.cache, "keep the compressed cache in a tensor of its own")

    def leaves(self) -> set[fx.Node]:
        w = self.w
        return {self.input, self.table, self.lengths, w.cache, w.slots} | ({self.weight} - {None})

    def nodes(self) -> set[fx.Node]:
        stop = self.leaves()
        return ancestors([self.w.new_cache], stop) | stop

    def check_no_overwritten_reads(self):
        """The proofs evaluate every node between the step's inputs and its write from its producers.  A
        node some op writes in place (the copy a step fused before this one wrote: its users now read
        that step's rows) no longer holds that value, so it may only be one of the step's inputs, read
        as it is (red team round 6, J3: a second step into the same cache lost the first one's rows)."""
        for node in self.nodes() - self.leaves():
            writer = T.written_in_place(node) if node.op == "call_function" else None
            if writer is not None:
                raise Refused("write", f"the step reads {node.name} after {writer.name} wrote it in place; the "
                              "proof would evaluate it as computed before that write", node)
