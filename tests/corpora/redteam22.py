"""Twenty-second adversarial review of the recogniser: rewrites, layouts, whole models and the lowering, aimed at
this session's additions (``git log 0a646da..8808eed``): rewrite.dense_window_reads' one-position loops
``cache[rows, :, t]`` / ``cache[rows, t]`` (rows = arange(B)) and ``state.gather(1, ...)`` over ``[B, T, N, D]``;
rewrite.one_column_slots (a ``[B, 1]`` slot column read through ``unsqueeze(squeeze(x, 1), 1)``); evaluate.BatchPlan
following aten.mv (torchair's ``matmul([l], [B, l, C])``); and how they meet the older write rewrites
(per-request, head-major), the aliasing machinery (old-cache readers, snapshots, in-place appends before / after the
read, two graph inputs aliasing one buffer), multi-layer graphs sharing ``rows`` / ``t`` / index nodes, the vLLM
adapters' mutating call, and IEEE specials through the three fused kernels.

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes six arguments ``(kv, w, slots, table, lens, cache)`` (dense themes: ``kv`` is
the per-request ``[B, N, T, D]`` cache, or ``[B, T, N, D]``, ``table`` holds ``arange(B)`` or an aliasing view;
``oc_``: ``slots`` is a ``[B, 2]`` table of compressed rows passed in); runner and classification are redteam7's
``classify7``.

    python tests/corpora/redteam22.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam22.py --table OUT.md [--dialect D ...] [name ...]

First try (23:32-23:56 UTC by the machine's clock, snapshot of 8808eed in /tmp/base22, PYTHONPATH=/tmp/base22,
run from that tree): 85 attacks in 7 themes, 253 runs.  inductor_graph 101 runs: 0 FALSE FUSION / 0 CRASH / 74
equal / 27 refused; torchair_like 101: 0 / 0 / 74 / 27; Inductor codegen (nsa_fusion_backend; every control, the
aliasing, multi-layer and hierarchical attacks) 29: 28 equal / 1 CONTROL DIFFERS (pl_then_attention: my attention's
nan_to_num sum of the whole cache, 1 value of 8 differs in the last bit in plain Inductor too: sum order, not the
pass); real torchair (CPU harness, static) 9: 9 equal; vllm_post (the vLLM adapters' mutating call as
post_grad_custom_post_pass) 13: 6 equal / 7 refused (the plain one-position loops are refused there, "the window sum
is written out in another order", while they fuse in inductor_graph and Inductor codegen: a missed fusion, not a
finding).  Kernels
(/tmp/rt22/kernels.py, copied into /work/briefs/redteam22_findings.md): 15 IEEE-special cases (head products all
-0.0 with a +0.0 / -0.0 weight, +-max sums overflowing to +-inf and inf - inf, fp16 / bf16 / fp32 subnormal tokens and
products, inf * 0 in the window, full-mantissa ties) x fp32 / fp16 / bf16, through the native C++ kernel, the
portable torch kernel (NSA_FUSION_NO_NATIVE=1) and Triton (NSA_FUSION_FORCE_TRITON=1 TRITON_INTERPRET=1): all 45
bit-exact to tests/golden.py (NaN as NaN, signed zeros compared by bits).

FOUND: nothing.  No false fusion, no crash from the pass.

Attack bugs (fixed, not findings): pl_t_int16 (int16 positions: eager itself refuses int16 indices; replaced by
pl_t_uint8_wraps), gs_idx_half_d (first version multiplied a [B, l, N, D/2] window by a [l, N] weight into a D cache:
eager failed; now the state is padded to 2D with NaN and the index covers the first D), gs_alias_append_before
(first version indexed the [B, T, N, D] alias as [B, N, T, D]: eager IndexError).

Not found (equal or refused), by theme:

1. one-position loops (pl_): both layouts in static / batch (dynamic=True refuses: the weight's select w[j] along a
   symbolic l), t unclamped (negative, wrapped Python-style on rows that write nothing), t - T (always negative,
   wraps onto the same positions), t % T, t through uint8, int32 t, int32 rows, B = 1 (the squeeze of [1, 1, N, D]),
   more cache rows than the batch, a transposed view of a [B, T, N, D] input, half the loop read through
   x.transpose(1, 2)[rows, t] (equal: one table), fp16 / bf16, the positions passed in (s = pos + 1) (all equal);
   acc started at -0.0 (zeros.neg(), full(-0.0)) on inputs whose head-0 products are all -0.0 (refused: the order
   check wants +0.0; the +0.0 control on those inputs fused equal), acc rounded to fp16 / bf16 every step (refused:
   dtype), a storage-offset view dense[:, :, 1:] (refused: pooling sees a bias term), an in-place write into the
   dense cache between reads j = 15 and 16 at window position 0 or 31 (refused: tokens from two tensors), a second
   arange node for odd j, rows = arange(B + 2)[2:] - 2, rows = arange(1, B + 1) (refused: roles, no single table),
   one read by gather(2) (refused: mixes rows), the compressed cache a view of the dense cache's padding rows
   (refused: probe evaluation fails);
2. gather(1) of [B, T, N, D] (gs_): static / batch / dynamic, int32 pos, dim -3, pos[:, :, None, None], pos through a
   flat view, extra state rows, a transposed view of [B, N, T, D], plus a whole-state read, two layers sharing one
   index node, gather for layer 0 and a one-position loop for layer 1 over the same state, fp16 / bf16, all -0.0
   head products (equal); pos stored [l, B] and viewed [B, l] with B == l = 32, row 0's positions for every row
   (refused: mixes rows), an index covering the first D of a 2D-wide state (refused);
3. one_column_slots (oc_): the lucidrains scatter(0, ..) functional and in place, col.view(B, 1, 1), col.int().long(),
   col.t().reshape(B, 1, 1), the column a graph input (the squeeze inserted after a placeholder), fp16, dynamic=True
   (equal); batch (refused: sizes), col.view(1, B).view(1, 1, B).expand with B == D (refused: write), an int32 [B, 1]
   input as the index (refused: keep), tab[:, :1] * 1 (refused: slots computed with mul);
4. the new reads into the older write rewrites (pr_): one rows node shared by the loop's reads and a per-request
   write cmp[rows, j] (static, batch), entry j unclamped (-2 / -1 wrapped on kept rows), a head-major [N, S, D]
   write (equal); the write at rows.flip(0) (refused), dynamic=True (refused: w[j]);
5. multi-layer graphs and aliasing: two layers (stacked dense and compressed caches) sharing rows and every t_j,
   each its own, interleaved read by read, layer 1 reading layer 0's dense cache after an in-place append, layer 1's
   tokens scaled by a value of layer 0's updated compressed cache, the step then an attention read, a snapshot clone
   before, two steps into one cache, the window overwritten in place after the step, the dense cache and a
   transposed view of it passed as two aliasing inputs with an append (or an overwrite of window position 0)
   through the view before / after the loop, and a gather(1) of the view after an append through the other (all
   equal in both graph dialects and in Inductor codegen);
6. aten.mv (mv_): matmul(w[l], tok[B, l, D]), matmul(tok.transpose(1, 2), w), torch.mv over the [B * D, l]
   flattening viewed back (equal in every mode, both dialects); tok.reshape(B, D, l) @ w (refused in every mode);
7. whole-model interactions: a two-level (hierarchical) compression where level 1 writes its compressed rows into a
   per-request [B, 256, N, D] buffer (cmp[rows, j]) that level 2 reads as its dense KV by a one-position loop or
   gather(1) at the same lengths (a row with s = l reads level 1's new row), level 2 before level 1 (must read the
   old row), batch marked; the loop's token reads also returned (a user outside the step); layer 0 by
   unfold(2, l, d)[rows, :, i] and layer 1 by a one-position loop sharing one rows node (all equal in both graph
   dialects, Inductor codegen, real torchair where run, vllm_post where run).
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

F32 = torch.float32
S, SB, ALL = ("static",), ("static", "batch"), ("static", "batch", "dynamic")


# --- inputs ------------------------------------------------------------------------------------------------
def _dense(batches, seq_first=False, N=2, D=16, S_extra=0, dtype=F32, pad_front=0, stacked=0, neg_zero=False,
           slots_2d=False):
    """Per-request dense KV: ``[S, N, T, D]`` (``seq_first``: ``[S, T, N, D]``), request b's pages in order (unread
    positions NaN / inf), ``S_extra`` all-NaN rows more than the batch, ``pad_front`` NaN positions before position 0
    (the step reads a view past them); ``stacked``: that many layers stacked in dim 0 (each layer its own values, the
    compressed caches stacked too); ``neg_zero``: head 0's weight all zero and every token made negative (each product
    of head 0 is -0.0: the contract's +0.0 start gives +0.0); ``slots_2d``: slots passed as ``[B, 1]``.  ``table``
    holds ``arange(B)``."""
    def one(B, k):
        a = build(B=B, N=N, D=D, pages=4, seed=k, dtype=dtype)
        kv, w, slots, table, lens, cache = a.args
        if neg_zero:
            kv = -kv.abs()
            w = w.clone()
            w[:, 0] = 0.0
        dense = kv[table.long()].reshape(B, -1, N, D)  # [B, T, N, D]
        if pad_front:
            dense = torch.cat([torch.full((B, pad_front, N, D), float("nan"), dtype=dtype), dense], 1)
        if not seq_first:
            dense = dense.permute(0, 2, 1, 3).contiguous()
        if S_extra:
            dense = torch.cat([dense, torch.full((S_extra, *dense.shape[1:]), float("nan"), dtype=dtype)])
        return dense, w, slots, lens, cache

    def make():
        out = []
        for k, B in enumerate(batches):
            if stacked:
                parts = [one(B, 10 * k + i) for i in range(stacked)]
                dense = torch.stack([p[0] for p in parts])
                w = torch.stack([p[1] for p in parts])
                cache = torch.stack([p[4] for p in parts])
                _, _, slots, lens, _ = parts[0]
            else:
                dense, w, slots, lens, cache = one(B, k)
            if slots_2d:
                slots = slots[:, None].clone()
            out.append([dense, w, slots, torch.arange(B), lens, cache])
        return out
    return make


def _write(cache, slots, lens, new):
    s = slots.long()
    cache[s] = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache[s])
    return cache


# --- 1. one-position loops (rewrite.dense_window_reads / _position_per_row) --------------------------------
def _t_std(lens, j):
    return (lens.long() - L + j).clamp(min=0)


def _loop(seq_first=False, t_of=_t_std, rows_of=None, x_of=None, acc_of=None, order=None, mid=None, read_of=None):
    """``acc = acc + w[j] * x[rows, :, t_j]`` (``seq_first``: ``x[rows, t_j]``) for j in window order, then the row
    write; ``mid(x, rows, lens, j)`` runs before read j (an in-place write into the dense cache)."""
    def step(dense, w, slots, table, lens, cache):
        B = lens.shape[0]
        x = dense if x_of is None else x_of(dense)
        rows = torch.arange(B) if rows_of is None else rows_of(B, table)
        N, D = w.shape[1], x.shape[-1]
        acc = torch.zeros(B, N, D) if acc_of is None else acc_of(B, N, D)
        for j in (order or range)(L):
            if mid is not None:
                mid(x, rows, lens, j)
            t = t_of(lens, j)
            if read_of is not None:
                tok = read_of(x, rows, t, j)
            else:
                tok = x[rows, t] if seq_first else x[rows, :, t]
            acc = acc + w[j].float()[None, :, None] * tok.float()
        return _write(cache, slots, lens, acc)
    return step


def _mid_overwrite_first(x, rows, lens, j):
    if j == 16:  # after window position 0 was read: overwrite it (eager's later reads do not see it)
        x[rows, :, (lens.long() - L).clamp(min=0)] = 7.0


def _mid_overwrite_last(x, rows, lens, j):
    if j == 16:  # before window position 31 is read: overwrite it (an append; eager's read j = 31 sees 7.0)
        x[rows, :, (lens.long() - 1).clamp(min=0)] = 7.0


def _mid_overwrite_last_btnd(x, rows, lens, j):
    if j == 16:
        x[rows, (lens.long() - 1).clamp(min=0)] = 7.0


def _read_mixed_layout(x, rows, t, j):
    return x[rows, :, t] if j % 2 == 0 else x.transpose(1, 2)[rows, t]


def _read_two_rows_nodes(x, rows, t, j):
    r = rows if j % 2 == 0 else torch.arange(rows.shape[0]).view(-1, 1).view(-1)
    return x[r, :, t]


def _read_index_select(x, rows, t, j):  # x[rows, :, t] spelled as a gather of one position (not rewritten)
    B, N, T, D = x.shape
    return x.gather(2, t.view(B, 1, 1, 1).expand(B, N, 1, D)).squeeze(2)


def _two_layer_loops(seq_first=False, share=True):
    """Two layers (dense and compressed caches stacked in dim 0, weights [2, l, N]) in one graph, the same ``rows``
    and ``t`` nodes read by both (``share=False``: each layer its own)."""
    def step(dense, w, slots, table, lens, cache):
        B = lens.shape[0]
        rows = torch.arange(B)
        ts = [_t_std(lens, j) for j in range(L)]
        for layer in range(2):
            if not share:
                rows = torch.arange(B)
                ts = [_t_std(lens, j) + 0 * layer for j in range(L)]
            x = dense[layer]
            acc = torch.zeros(B, w.shape[2], x.shape[-1])
            for j in range(L):
                tok = x[rows, ts[j]] if seq_first else x[rows, :, ts[j]]
                acc = acc + w[layer, j].float()[None, :, None] * tok.float()
            _write(cache[layer], slots, lens, acc)
        return cache
    return step


def _loop_layers_interleaved(dense, w, slots, table, lens, cache):
    """Two layers whose loops interleave (read j of layer 0, read j of layer 1, ...), one shared rows node."""
    B = lens.shape[0]
    rows = torch.arange(B)
    accs = [torch.zeros(B, w.shape[2], dense.shape[-1]) for _ in range(2)]
    for j in range(L):
        t = _t_std(lens, j)
        for layer in range(2):
            accs[layer] = accs[layer] + w[layer, j].float()[None, :, None] * dense[layer][rows, :, t].float()
    for layer in range(2):
        _write(cache[layer], slots, lens, accs[layer])
    return cache


def _loop_layer1_reads_layer0_cache(dense, w, slots, table, lens, cache):
    """Layer 0's loop, then layer 1's loop reads layer 0's dense cache after layer 0 appended into it."""
    B = lens.shape[0]
    rows = torch.arange(B)
    x = dense[0]
    out = []
    for layer in range(2):
        if layer == 1:
            x[rows, :, (lens.long() - 1).clamp(min=0)] = x[rows, :, (lens.long() - 1).clamp(min=0)] * 2
        acc = torch.zeros(B, w.shape[2], x.shape[-1])
        for j in range(L):
            acc = acc + w[layer, j].float()[None, :, None] * x[rows, :, _t_std(lens, j)].float()
        _write(cache[layer], slots, lens, acc)
    return cache


# --- 2. gather(1) of a [B, T, N, D] state (rewrite._gathered_window, seq_first) ----------------------------
def _pos_std(lens):
    return (lens.long()[:, None] - L + torch.arange(L)).clamp(min=0)


def _gs(pos_of=_pos_std, dim=1, idx_of=None, x_of=None, also=None):
    def step(state, w, slots, table, lens, cache):
        x = state if x_of is None else x_of(state)
        B, N, D = lens.shape[0], x.shape[2], x.shape[3]
        pos = pos_of(lens)
        idx = pos.view(B, L, 1, 1).expand(B, L, N, D) if idx_of is None else idx_of(pos, B, N, D)
        win = torch.gather(x, dim, idx)
        new = (win.float() * w.float()[None, :, :, None]).sum(1)
        out = _write(cache, slots, lens, new)
        if also is not None:
            return out, also(x)
        return out
    return step


def _pos_transposed_b_eq_l(lens):
    """[B, l] positions stored transposed ([l, B] contiguous), then viewed [B, l] as if row-major (B == l): element
    [b, k] is pos[k, b], another row's window: eager reads that."""
    p = _pos_std(lens)
    return p.t().contiguous()


def _pos_one_row_for_all(lens):
    """row 0's window positions expanded to every row (a [l] expand): rows read the wrong window."""
    return _pos_std(lens)[0].expand(lens.shape[0], L)


def _two_layer_gather(state, w, slots, table, lens, cache):
    B, N, D = lens.shape[0], state.shape[3], state.shape[4]
    idx = _pos_std(lens).view(B, L, 1, 1).expand(B, L, N, D)  # one index node for both layers
    for layer in range(2):
        win = torch.gather(state[layer], 1, idx)
        _write(cache[layer], slots, lens, (win.float() * w[layer].float()[None, :, :, None]).sum(1))
    return cache


def _gather_and_loop_same_state(state, w, slots, table, lens, cache):
    """Layer 0 by gather(1), layer 1 by a one-position loop, over the same [B, T, N, D] state (two views of it)."""
    B, N, D = lens.shape[0], state.shape[3], state.shape[4]
    win = torch.gather(state[0], 1, _pos_std(lens).view(B, L, 1, 1).expand(B, L, N, D))
    _write(cache[0], slots, lens, (win.float() * w[0].float()[None, :, :, None]).sum(1))
    rows = torch.arange(B)
    acc = torch.zeros(B, N, D)
    for j in range(L):
        acc = acc + w[1, j].float()[None, :, None] * state[0][rows, _t_std(lens, j)].float()
    _write(cache[1], slots, lens, acc)
    return cache


# --- 3. one_column_slots ------------------------------------------------------------------------------------
def _oc(at_of, functional=True, col_of=None):
    """lucidrains: ``cmp.scatter(0, at, where(valid, new, cmp.gather(0, at)))`` with ``at`` built from a ``[B, 1]``
    column (``col_of(slots)``; default ``slots[:, None]`` materialised by a gather of a [B, 2] table)."""
    def step(kv, w, slots, table, lens, cache):
        B, N, D = lens.shape[0], cache.shape[1], cache.shape[2]
        new = pool(tokens(kv, table, positions(lens)), w)
        if col_of is None:  # slots: a [B, 2] table of compressed rows passed in, column i = s // 4096 (0)
            col = slots.gather(1, (lens.long() // 4096)[:, None])
        else:
            col = col_of(slots)
        at = at_of(col, B, N, D)
        sel = torch.where(completes(lens)[:, None, None], new.to(cache.dtype), cache.gather(0, at))
        if functional:
            return cache.scatter(0, at, sel)
        return cache.scatter_(0, at, sel)
    return step


def _paged(batches, dtype=F32, slots_2d=False, cmp_table=True, N=2):
    """build's paged inputs; ``cmp_table``: slots passed as a [B, 2] table of compressed rows (column 0 the slots,
    column 1 rows num_slots .. num_slots + B - 1 of a cache grown by B rows: every entry distinct)."""
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, N=N, D=16, pages=4, seed=k, dtype=dtype)
            kv, w, slots, table, lens, cache = a.args
            if slots_2d:
                slots = slots[:, None].clone()
            elif cmp_table:
                S0 = cache.shape[0]
                slots = torch.stack([slots.long(), S0 + torch.arange(B)], 1)
                cache = torch.cat([cache, torch.full((B, *cache.shape[1:]), 5.0, dtype=dtype)])
            out.append([kv, w, slots, table, lens, cache])
        return out
    return make


def _at_std(col, B, N, D):
    return col[:, :, None].expand(B, N, D)


def _at_view(col, B, N, D):
    return col.view(B, 1, 1).expand(B, N, D)


def _at_int32(col, B, N, D):
    return col.int().long()[:, :, None].expand(B, N, D)


def _at_1b_view(col, B, N, D):
    """the [B, 1] column viewed [1, B] then [1, 1, B] and expanded (B == D): at[b, h, e] = col[e]."""
    return col.view(1, B).view(1, 1, B).expand(B, N, D)


def _at_t_view(col, B, N, D):
    """col.t() ([1, B]) reshaped back [B, 1, 1]: the same values, through a transpose."""
    return col.t().reshape(B, 1, 1).expand(B, N, D)


def _col_from_table_2d(slots):
    return slots[:, :1] * 1  # (arithmetic on the table's column: a [B, 1] non-view node)


# --- 4. head-major / per-request rows and keep_intermediate_caches ------------------------------------------
def _loop_then_attention(dense, w, slots, table, lens, cache):
    """The loop step, then an attention-like read of every compressed row (returns both)."""
    out = _loop()(dense, w, slots, table, lens, cache)
    return out, out.nan_to_num(0.0, 0.0, 0.0).sum((1, 2))


def _loop_cache_snapshot_before(dense, w, slots, table, lens, cache):
    """A clone of the compressed cache before the step, returned beside it (the old values must survive)."""
    old = cache.clone()
    out = _loop()(dense, w, slots, table, lens, cache)
    return out, old


def _loop_two_steps_one_cache(dense, w, slots, table, lens, cache):
    """Two loop steps into one compressed cache: the second at other slots with the weight negated, the first's
    result read by the second's kept rows (an intermediate cache)."""
    out = _loop()(dense, w, slots, table, lens, cache)
    other = (cache.shape[0] - 1 - slots.long()).flip(0)
    return _loop()(dense, -w, other, table, lens, out)


def _loop_cache_view_of_dense(dense, w, slots, table, lens, cache):
    """The compressed cache is a view of the dense KV's extra rows (S_extra rows, [B + E, N, T, D] -> the last rows
    flattened [E * T, N, D]-ish): reads and the write share one storage, disjoint elements."""
    B, N, T, D = lens.shape[0], dense.shape[1], dense.shape[2], dense.shape[3]
    tail = dense[B:].permute(0, 2, 1, 3).reshape(-1, N, D)  # a copy (non-contiguous permute): disjoint
    return _loop()(dense, w, slots, table, lens, tail)


def _loop_writes_into_dense_tail(dense, w, slots, table, lens, cache):
    """The compressed rows written into the dense cache's own padding rows (a strided view, one storage)."""
    B = lens.shape[0]
    tail = dense[B:].view(-1, dense.shape[1], dense.shape[3])  # [E * T, N, D]? (rows of N x D: contiguous view)
    return _loop()(dense[:B], w, slots, table, lens, tail)



# --- 5. the new reads feeding the older write rewrites (per-request, head-major), positions passed in ---------
MQ = 15  # entries per request of a per-request compressed cache (T = 256, l = 32, d = 16: j in [0, 14])


def _dense_pr(batches, seq_first=False, dtype=F32, head_major_cmp=False):
    """_dense's inputs with the compressed cache per request ``[B, MQ, N, D]`` (or head-major ``[N, S, D]``)."""
    def make():
        out = []
        for k, a in enumerate(_dense(batches, seq_first=seq_first, dtype=dtype)()):
            dense, w, slots, rows, lens, cache = a
            B, N, D = lens.shape[0], cache.shape[1], cache.shape[2]
            g = torch.Generator().manual_seed(100 + k)
            cmp = (torch.randint(-32, 33, (B, MQ, N, D), generator=g) / 16.0).to(dtype)
            cmp[0, :, 0, 0] = float("nan")
            cmp[1, :, 1, 3] = -0.0
            if head_major_cmp:
                cmp = cache.transpose(0, 1).contiguous()
            out.append([dense, w, slots, rows, lens, cmp])
        return out
    return make


def _acc_loop(x, w, rows, lens, seq_first=False, t_of=_t_std):
    B = lens.shape[0]
    acc = torch.zeros(B, w.shape[1], x.shape[-1])
    for j in range(L):
        t = t_of(lens, j)
        tok = x[rows, t] if seq_first else x[rows, :, t]
        acc = acc + w[j].float()[None, :, None] * tok.float()
    return acc


def _loop_per_request_write(rows_w_of=None, entry_of=None):
    """The loop's reads and a per-request write ``cmp[rows, j] = where(valid, new, cmp[rows, j])`` sharing one
    ``rows = arange(B)`` node (``rows_w_of(rows)``: the write's rows instead)."""
    def step(dense, w, slots, table, lens, cmp):
        B = lens.shape[0]
        rows = torch.arange(B)
        acc = _acc_loop(dense, w, rows, lens)
        j = ((lens.long() - L) // STRIDE).clamp(min=0) if entry_of is None else entry_of(lens)
        r = rows if rows_w_of is None else rows_w_of(rows)
        cmp[r, j] = torch.where(completes(lens)[:, None, None], acc.to(cmp.dtype), cmp[r, j])
        return cmp
    return step


def _loop_head_major_write(dense, w, slots, table, lens, cmp):
    """The loop and a head-major write ``cmp[:, s] = where(valid[None, :, None], new.transpose(0, 1), cmp[:, s])``."""
    rows = torch.arange(lens.shape[0])
    acc = _acc_loop(dense, w, rows, lens).transpose(0, 1)
    s = slots.long()
    cmp[:, s] = torch.where(completes(lens)[None, :, None], acc.to(cmp.dtype), cmp[:, s])
    return cmp


def _rounding_loop(dt):
    def step(dense, w, slots, table, lens, cache):
        rows = torch.arange(lens.shape[0])
        acc = torch.zeros(lens.shape[0], w.shape[1], dense.shape[-1])
        for j in range(L):
            acc = (acc + w[j].float()[None, :, None] * dense[rows, :, _t_std(lens, j)].float()).to(dt).float()
        return _write(cache, slots, lens, acc)
    return step


def _tokens_also_returned(dense, w, slots, table, lens, cache):
    rows = torch.arange(lens.shape[0])
    acc = torch.zeros(lens.shape[0], w.shape[1], dense.shape[-1])
    toks = []
    for j in range(L):
        tok = dense[rows, :, _t_std(lens, j)]
        toks.append(tok)
        acc = acc + w[j].float()[None, :, None] * tok.float()
    return _write(cache, slots, lens, acc), torch.stack(toks, 1)


def _loop_positions_passed(dense, w, slots, table, pos, cache):
    """vLLM / HF style: the graph gets the positions of the tokens just appended (``s - 1``); lengths are pos + 1,
    t_j = pos + 1 - l + j."""
    s_ = pos.long() + 1
    acc = _acc_loop(dense, w, torch.arange(pos.shape[0]), s_)
    return _write(cache, slots, s_, acc)


def _positions(batches, **kw):
    def make():
        out = []
        for a in _dense(batches, **kw)():
            a[4] = a[4] - 1
            out.append(a)
        return out
    return make


def _loop_then_overwritten(dense, w, slots, table, lens, cache):
    """The loop, then window position 0 of every row overwritten in place (the fused op must read first)."""
    rows = torch.arange(lens.shape[0])
    acc = _acc_loop(dense, w, rows, lens)
    out = _write(cache, slots, lens, acc)
    dense[rows, :, (lens.long() - L).clamp(min=0)] = 7.0
    return out, dense


def _loop_reads_cmp_of_prev_layer(dense, w, slots, table, lens, cache):
    """Layer 0's loop writes its compressed cache; layer 1's loop reads the dense cache scaled by layer 0's first
    compressed row (a reader of the updated cache inside the next layer's window values)."""
    rows = torch.arange(lens.shape[0])
    c0 = _write(cache[0], slots, lens, _acc_loop(dense[0], w[0], rows, lens))
    scale = c0[0, 0, 0].nan_to_num(1.0, 1.0, 1.0)
    acc1 = _acc_loop(dense[1] * scale, w[1], rows, lens)
    _write(cache[1], slots, lens, acc1)
    return cache


def _aliased(batches, **kw):
    """_dense's inputs with ``table`` replaced by a transposed view of the dense cache ([B, T, N, D] of the same
    storage: two graph inputs aliasing one buffer)."""
    def make():
        out = []
        for a in _dense(batches, **kw)():
            a[3] = a[0].transpose(1, 2)
            out.append(a)
        return out
    return make


def _append_through_alias(before=True, pos_of=lambda lens: (lens.long() - 1).clamp(min=0)):
    """An append of 7.0 through the aliasing input ``alias[rows, p] = 7`` before (or after) the loop reads the
    dense cache."""
    def step(dense, w, slots, alias, lens, cache):
        rows = torch.arange(lens.shape[0])
        if before:
            alias[rows, pos_of(lens)] = 7.0
        acc = _acc_loop(dense, w, rows, lens)
        out = _write(cache, slots, lens, acc)
        if not before:
            alias[rows, pos_of(lens)] = 7.0
        return out
    return step


def _gather_after_alias_append(state_t, w, slots, alias, lens, cache):
    """gather(1) of the [B, T, N, D] view input after an append through the [B, N, T, D] input it aliases."""
    B = lens.shape[0]
    state_t[torch.arange(B), :, (lens.long() - 1).clamp(min=0)] = 7.0
    state = alias
    N, D = state.shape[2], state.shape[3]
    win = torch.gather(state, 1, _pos_std(lens).view(B, L, 1, 1).expand(B, L, N, D))
    return _write(cache, slots, lens, (win.float() * w.float()[None, :, :, None]).sum(1))


def _mv(tok_of):
    """One head (latent): ``new = matmul(w[:, 0], tok)`` (torchair decomposes it to aten.mv, evaluate.BatchPlan)."""
    def step(kv, w, slots, table, lens, cache):
        tok = tokens(kv, table, positions(lens))[:, :, 0].float()  # [B, l, D]
        new = tok_of(tok, w[:, 0].float())[:, None, :]
        return _write(cache, slots, lens, new)
    return step


def _hier_inputs(batches, dtype=F32):
    """Paged KV (build) and a per-request ``[B, 256, N, D]`` buffer that level 1 writes its compressed rows into
    (entry j of request b) and level 2 reads as its dense KV (positions t_j)."""
    def make():
        out = []
        for k, B in enumerate(batches):
            a = build(B=B, N=2, D=16, pages=4, seed=k, dtype=dtype)
            kv, w, slots, table, lens, cache = a.args
            g = torch.Generator().manual_seed(50 + k)
            buf = (torch.randint(-32, 33, (B, 256, 2, 16), generator=g) / 16.0).to(dtype)
            out.append([kv, w, slots, table, lens, buf])
        return out
    return make


def _hierarchical(level2="loop", S2=64, reverse=False):
    """Level 1 compresses the paged KV into ``buf[rows, j]`` (a per-request write, j = (s - l) // d); level 2
    compresses ``buf`` read as a [B, T, N, D] dense cache at the same lengths into a fresh [S2, N, D] cache at
    ``slots`` (a row with s = l reads level 1's new row at position 0: level 2 must run after level 1)."""
    def step(kv, w, slots, table, lens, buf):
        B = lens.shape[0]
        rows = torch.arange(B)
        c2 = torch.zeros(S2, buf.shape[2], buf.shape[3], dtype=buf.dtype)
        if reverse:  # (level 2 first: it must read buf before level 1 writes it)
            _write(c2, slots, lens, _acc_loop(buf, w.flip(0), rows, lens, seq_first=True))
        new1 = pool(tokens(kv, table, positions(lens)), w)
        j = ((lens.long() - L) // STRIDE).clamp(min=0)
        buf[rows, j] = torch.where(completes(lens)[:, None, None], new1.to(buf.dtype), buf[rows, j])
        if reverse:
            return buf, c2
        if level2 == "loop":
            acc = _acc_loop(buf, w.flip(0), rows, lens, seq_first=True)
        else:
            N, D = buf.shape[2], buf.shape[3]
            win = torch.gather(buf, 1, _pos_std(lens).view(B, L, 1, 1).expand(B, L, N, D))
            acc = (win.float() * w.flip(0).float()[None, :, :, None]).sum(1)
        return buf, _write(c2, slots, lens, acc)
    return step


def _unfold_and_loop_shared_rows(dense, w, slots, table, lens, cache):
    """Layer 0 by ``x.unfold(2, l, d)[rows, :, i]`` (i negative, wrapped), layer 1 by a one-position loop, one
    ``rows = arange(B)`` node for both (two table nodes made from one rows node)."""
    B = lens.shape[0]
    rows = torch.arange(B)
    windows = dense[0].unfold(2, L, STRIDE)  # [B, N, W, D, l]
    i = ((lens.long() - L) // STRIDE).clamp(min=0) - windows.shape[2]
    win = windows[rows, :, i]  # [B, N, D, l]
    _write(cache[0], slots, lens, (win.float() * w[0].float().t()[None, :, None, :]).sum(-1))
    _write(cache[1], slots, lens, _acc_loop(dense[1], w[1], rows, lens))
    return cache


ATTACKS = [
    # 1. one-position loops
    ("pl_control_bntd", _mk(_loop(), _dense([8, 6]), ALL),
     "control: acc + w[j] * x[arange(B), :, t_j] over [B, N, T, D]"),
    ("pl_control_btnd", _mk(_loop(seq_first=True), _dense([8, 6], seq_first=True), SB),
     "control: x[arange(B), t_j] over [B, T, N, D]"),
    ("pl_t_unclamped", _mk(_loop(t_of=lambda lens, j: lens.long() - L + j), _dense([8]), S),
     "t_j = s - l + j unclamped: negative on short rows (wraps Python-style, rows that write nothing)"),
    ("pl_t_int32", _mk(_loop(t_of=lambda lens, j: _t_std(lens, j).int()), _dense([8]), S), "int32 positions"),
    ("pl_rows_int32", _mk(_loop(rows_of=lambda B, t: torch.arange(B, dtype=torch.int32)), _dense([8]), S),
     "int32 rows"),
    ("pl_t_uint8_wraps", _mk(_loop(t_of=lambda lens, j: _t_std(lens, j).to(torch.uint8).long()), _dense([8]), S),
     "positions through uint8 (wrap at 256 = T: the same positions; not iota-relevant)"),
    ("pl_acc_neg_zero", _mk(_loop(acc_of=lambda B, N, D: torch.full((B, N, D), -0.0)), _dense([8], neg_zero=True), S),
     "acc starts at -0.0; head 0's products all -0.0: eager -0.0, the contract +0.0"),
    ("pl_acc_neg_zero_btnd", _mk(_loop(seq_first=True, acc_of=lambda B, N, D: torch.zeros(B, N, D).neg()),
                                 _dense([8], seq_first=True, neg_zero=True), S), "as above, [B, T, N, D], zeros.neg()"),
    ("pl_acc_pos_zero_negz_inputs", _mk(_loop(), _dense([8], neg_zero=True), S),
     "control for the -0.0 inputs (acc +0.0)"),
    ("pl_overwrite_first_midloop", _mk(_loop(mid=_mid_overwrite_first), _dense([8]), S),
     "window position 0 overwritten in place after it was read (j = 16)"),
    ("pl_overwrite_last_midloop", _mk(_loop(mid=_mid_overwrite_last), _dense([8]), S),
     "window position 31 overwritten in place before it is read (j = 16): eager reads 7.0"),
    ("pl_overwrite_last_midloop_btnd", _mk(_loop(seq_first=True, mid=_mid_overwrite_last_btnd),
                                           _dense([8], seq_first=True), S), "as above over [B, T, N, D]"),
    ("pl_transposed_view", _mk(_loop(x_of=lambda d: d.transpose(1, 2)), _dense([8], seq_first=True), S),
     "x a transposed view of a [B, T, N, D] input, read x[rows, :, t]"),
    ("pl_offset_view", _mk(_loop(x_of=lambda d: d[:, :, 1:]), _dense([8], pad_front=1), S),
     "x = dense[:, :, 1:] (storage offset) holding the right tokens"),
    ("pl_more_rows", _mk(_loop(), _dense([8], S_extra=3), S), "dense cache 3 rows more than the batch (NaN)"),
    ("pl_mixed_layouts", _mk(_loop(read_of=_read_mixed_layout), _dense([8]), S),
     "even j read x[rows, :, t], odd j x.transpose(1, 2)[rows, t] (same elements)"),
    ("pl_two_rows_nodes", _mk(_loop(read_of=_read_two_rows_nodes), _dense([8]), S),
     "even j rows = arange(B), odd j another arange(B) through views"),
    ("pl_mixed_gather_reads", _mk(_loop(read_of=lambda x, r, t, j: _read_index_select(x, r, t, j) if j == 5
                                        else x[r, :, t]), _dense([8]), S),
     "read j = 5 by gather(2, t.view(B,1,1,1)) instead of x[rows, :, t]"),
    ("pl_fp16", _mk(_loop(), _dense([8], dtype=torch.float16), S), "fp16 caches, fp32 acc"),
    ("pl_rows_offset_sliced", _mk(_loop(rows_of=lambda B, t: torch.arange(B + 2)[2:] - 2), _dense([8]), S),
     "rows = arange(B + 2)[2:] - 2 (values 0..B-1, not an iota node)"),
    ("pl_rows_arange_start1", _mk(_loop(rows_of=lambda B, t: torch.arange(1, B + 1)), _dense([8], S_extra=1), S),
     "rows = arange(1, B + 1): row b reads request b + 1"),
    ("pl_t_wraps_modulo", _mk(_loop(t_of=lambda lens, j: (lens.long() - L + j) % 256), _dense([8]), S),
     "t = (s - l + j) % T"),
    ("pl_dense_b1", _mk(_loop(), _dense([1]), S), "B = 1 (squeeze of [1, 1, N, D])"),
    ("pl_two_layers_shared", _mk(_two_layer_loops(), _dense([8], stacked=2), S),
     "two layers (stacked caches), one rows and one t_j node each shared"),
    ("pl_two_layers_shared_btnd", _mk(_two_layer_loops(seq_first=True), _dense([8], seq_first=True, stacked=2), S),
     "as above over [B, T, N, D]"),
    ("pl_two_layers_own", _mk(_two_layer_loops(share=False), _dense([8], stacked=2), S),
     "two layers, each its own rows / t nodes"),
    ("pl_layers_interleaved", _mk(_loop_layers_interleaved, _dense([8], stacked=2), S),
     "two layers' loops interleaved read by read, one rows node"),
    ("pl_layer1_after_append", _mk(_loop_layer1_reads_layer0_cache, _dense([8], stacked=2), S),
     "layer 1's loop reads layer 0's dense cache after an in-place append of its last window token"),
    ("pl_then_attention", _mk(_loop_then_attention, _dense([8]), S), "the step, then a read of every row"),
    ("pl_snapshot_before", _mk(_loop_cache_snapshot_before, _dense([8]), S), "clone of the cache before, returned"),
    ("pl_two_steps_one_cache", _mk(_loop_two_steps_one_cache, _dense([8]), S),
     "two loop steps into one cache (other slots, -w)"),
    ("pl_write_into_dense_tail", _mk(_loop_writes_into_dense_tail, _dense([8], S_extra=2), S),
     "the compressed cache is a view of the dense cache's padding rows (one storage)"),
    # 2. gather(1) over [B, T, N, D]
    ("gs_control", _mk(_gs(), _dense([8, 6], seq_first=True), ALL),
     "control: state.gather(1, pos.view(B, l, 1, 1).expand)"),
    ("gs_pos_int32", _mk(_gs(pos_of=lambda lens: _pos_std(lens).int()), _dense([8], seq_first=True), S), "int32 pos"),
    ("gs_dim_minus3", _mk(_gs(dim=-3), _dense([8], seq_first=True), S), "gather(-3, ...)"),
    ("gs_pos_transposed_b_eq_l", _mk(_gs(pos_of=_pos_transposed_b_eq_l), _dense([32], seq_first=True), S),
     "pos stored [l, B] transposed, viewed [B, l, 1, 1] (B == l = 32): row b reads positions pos[:, b]"),
    ("gs_pos_one_row", _mk(_gs(pos_of=_pos_one_row_for_all), _dense([8], seq_first=True), S),
     "row 0's positions expanded to every row"),
    ("gs_idx_unsqueezes", _mk(_gs(idx_of=lambda p, B, N, D: p[:, :, None, None].expand(B, L, N, D)),
                              _dense([8], seq_first=True), S), "pos[:, :, None, None].expand"),
    ("gs_idx_reshape_via_flat", _mk(_gs(idx_of=lambda p, B, N, D: p.reshape(-1).view(B, L, 1, 1).expand(B, L, N, D)),
                                    _dense([8], seq_first=True), S), "pos flattened then viewed back"),
    ("gs_idx_half_d", _mk(_gs(idx_of=lambda p, B, N, D: p.view(B, L, 1, 1).expand(B, L, N, D // 2),
                              x_of=lambda d: torch.cat([d, torch.full_like(d, float("nan"))], -1)),
                          _dense([8], seq_first=True), S),
     "state padded to 2D with NaN, index covers the first D (gather reads a prefix)"),
    ("gs_more_rows", _mk(_gs(), _dense([8], seq_first=True, S_extra=3), S), "state has 3 extra rows"),
    ("gs_x_transposed_view", _mk(_gs(x_of=lambda d: d.transpose(1, 2)), _dense([8]), S),
     "state a transposed view of a [B, N, T, D] input"),
    ("gs_attention_too", _mk(_gs(also=lambda x: x.nan_to_num(0.0, 0.0, 0.0).sum((1, 2, 3))),
                             _dense([8], seq_first=True), S), "plus a read of the whole state"),
    ("gs_two_layers_one_index", _mk(_two_layer_gather, _dense([8], seq_first=True, stacked=2), S),
     "two layers sharing one index node"),
    ("gs_gather_and_loop", _mk(_gather_and_loop_same_state, _dense([8], seq_first=True, stacked=2), S),
     "layer 0 gather(1), layer 1 a one-position loop of the same state"),
    ("gs_fp16", _mk(_gs(), _dense([8], seq_first=True, dtype=torch.float16), S), "fp16"),
    ("gs_neg_zero_inputs", _mk(_gs(), _dense([8], seq_first=True, neg_zero=True), S),
     "head 0's products all -0.0 (sum's +0.0 start)"),
    # 3. one_column_slots
    ("oc_control", _mk(_oc(_at_std), _paged([8, 6]), ALL), "control: tab.gather(1, zeros[B, 1])[:, :, None].expand"),
    ("oc_inplace", _mk(_oc(_at_std, functional=False), _paged([8]), S), "scatter_ in place"),
    ("oc_view_chain", _mk(_oc(_at_view), _paged([8]), S), "col.view(B, 1, 1).expand"),
    ("oc_int32_roundtrip", _mk(_oc(_at_int32), _paged([8]), S), "col.int().long()[:, :, None]"),
    ("oc_lastdim_b_eq_d", _mk(_oc(_at_1b_view), _paged([16]), S),
     "col.view(1, B).view(1, 1, B).expand(B, N, D), B == D: at[b, h, e] = col[e] (row b writes 16 slots)"),
    ("oc_transposed_back", _mk(_oc(_at_t_view), _paged([8]), S), "col.t().reshape(B, 1, 1)"),
    ("oc_placeholder_column", _mk(_oc(_at_std, col_of=lambda s: s.long()), _paged([8], slots_2d=True), S),
     "the [B, 1] column is a graph input (squeeze inserted after a placeholder)"),
    ("oc_placeholder_column_int32", _mk(_oc(_at_std, col_of=lambda s: s), _paged([8], slots_2d=True), S),
     "int32 [B, 1] input used directly as the scatter index (int64 needed: eager fails?)"),
    ("oc_arith_column", _mk(_oc(_at_std, col_of=_col_from_table_2d), _paged([8]), S),
     "tab[:, :1] * 1 (a [B, 1] mul node)"),
    ("oc_fp16", _mk(_oc(_at_std), _paged([8], dtype=torch.float16), S), "fp16"),
]
ATTACKS += [
    # 5. the new reads into the older write rewrites; positions passed in; ordering
    ("pr_loop_per_request_write", _mk(_loop_per_request_write(), _dense_pr([8]), S),
     "loop reads + cmp[rows, j] = where(..) into a [B, 15, N, D] cache, one rows node"),
    ("pr_loop_per_request_rows_flipped", _mk(_loop_per_request_write(rows_w_of=lambda r: r.flip(0)), _dense_pr([8]), S),
     "the write at cmp[rows.flip(0), j]: row b's value into request B-1-b's entry (distinct: valid)"),
    ("pr_loop_per_request_entry_neg", _mk(_loop_per_request_write(entry_of=lambda lens: (lens.long() - L) // STRIDE),
                                          _dense_pr([8]), S),
     "entry j = (s - l) // d unclamped: -2 / -1 on short rows (wraps to entries 13 / 14, kept rows)"),
    ("pr_loop_head_major_write", _mk(_loop_head_major_write, _dense_pr([8], head_major_cmp=True), S),
     "loop reads + head-major write into [N, S, D]"),
    ("pl_positions_passed", _mk(_loop_positions_passed, _positions([8]), S), "positions passed, s = pos + 1"),
    ("pl_then_overwritten", _mk(_loop_then_overwritten, _dense([8]), S),
     "loop, write, then window position 0 overwritten in place (returned)"),
    ("pl_t_minus_T", _mk(_loop(t_of=lambda lens, j: _t_std(lens, j) - 256), _dense([8]), S),
     "t_j - T: always negative, wraps Python-style onto the same positions"),
    ("pl_two_layers_shared_dyn", _mk(_two_layer_loops(), _dense([8, 6], stacked=2), ("dynamic",)),
     "two layers sharing rows / t, dynamic=True"),
    ("pr_loop_per_request_write_dyn", _mk(_loop_per_request_write(), _dense_pr([8, 6]), ("batch", "dynamic")),
     "loop + per-request write, batch / dynamic=True"),
    ("pl_alias_append_before", _mk(_append_through_alias(), _aliased([8]), S),
     "the dense cache and a transposed view of it passed as two inputs; append (7.0) through the view, then the loop"),
    ("pl_alias_append_after", _mk(_append_through_alias(before=False), _aliased([8]), S),
     "as above, the append after the loop"),
    ("pl_alias_overwrite_first_before", _mk(_append_through_alias(pos_of=lambda lens: (lens.long() - L).clamp(min=0)),
                                            _aliased([8]), S), "window position 0 overwritten through the alias first"),
    ("gs_alias_append_before", _mk(_gather_after_alias_append, _aliased([8]), S),
     "gather(1) of a view after an append through the aliasing [B, N, T, D] input"),
    ("pl_bf16", _mk(_loop(), _dense([8], dtype=torch.bfloat16), S), "bf16 caches, fp32 acc"),
    ("gs_bf16", _mk(_gs(), _dense([8], seq_first=True, dtype=torch.bfloat16), S), "bf16 state and cache"),
    ("pl_acc_rounded_fp16_each_step", _mk(_rounding_loop(torch.float16), _dense([8]), S),
     "acc = (acc + w[j] * tok).half().float() each step: rounds 32 times (fp32 cache)"),
    ("pl_acc_rounded_bf16_each_step", _mk(_rounding_loop(torch.bfloat16), _dense([8]), S),
     "as above through bf16"),
    ("mv_control", _mk(_mv(lambda t, w: torch.matmul(w, t)), _paged([8, 6], cmp_table=False, N=1), ALL),
     "control: matmul(w[l], tok[B, l, D]) (aten.mv in torchair's graph)"),
    ("mv_transposed", _mk(_mv(lambda t, w: torch.matmul(t.transpose(1, 2), w)), _paged([8, 6], cmp_table=False, N=1),
                          ALL), "matmul(tok.transpose(1, 2) [B, D, l], w[l])"),
    ("mv_wrong_reshape", _mk(_mv(lambda t, w: torch.matmul(t.reshape(t.shape[0], t.shape[2], L), w)),
                             _paged([8, 6], cmp_table=False, N=1), ALL),
     "tok.reshape(B, D, l) (not a transpose: mixes positions and dims) @ w"),
    ("mv_batch_flattened", _mk(_mv(lambda t, w: torch.mv(t.transpose(1, 2).reshape(-1, L), w).view(t.shape[0], -1)),
                               _paged([8, 6], cmp_table=False, N=1), ALL),
     "torch.mv over the [B * D, l] flattening, viewed back [B, D]"),
    ("hier_loop", _mk(_hierarchical(), _hier_inputs([8]), S),
     "level 1 writes buf[rows, j]; level 2's one-position loop reads buf (row s = l reads level 1's new row)"),
    ("hier_gather", _mk(_hierarchical("gather"), _hier_inputs([8]), S), "as above, level 2 by gather(1)"),
    ("hier_loop_reversed", _mk(_hierarchical(reverse=True), _hier_inputs([8]), S),
     "level 2 (the loop over buf) first, then level 1 writes buf[rows, j]: level 2 must read the old row"),
    ("hier_loop_batch", _mk(_hierarchical(), _hier_inputs([8, 6]), ("batch",)), "hier_loop, batch dims marked"),
    ("pl_tokens_also_returned", _mk(_tokens_also_returned, _dense([8]), S),
     "the loop's token reads also returned (stacked): the rewritten reads keep a user outside the step"),
    ("mix_unfold_and_loop_shared_rows", _mk(_unfold_and_loop_shared_rows, _dense([8], stacked=2), S),
     "layer 0 unfold(2, l, d)[rows, :, i], layer 1 a one-position loop, one rows node"),
    ("pl_layer1_reads_layer0_cmp", _mk(_loop_reads_cmp_of_prev_layer, _dense([8], stacked=2), S),
     "layer 1's tokens scaled by layer 0's new compressed row 0 (a scalar from the updated cache)"),
]

_FF, _EQ, _R, _CR, _CD, _CCT = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH", "CONTROL DIFFERS", \
    "CONTROL CRASHES TOO"
_EF = "EAGER FAILS"
# First-try results: (attack, dialect, mode, result), snapshot of 8808eed in /tmp/base22, 23:32-23:51 UTC.
_FIRST = [
    ('pl_control_bntd', 'inductor_graph', 'static', _EQ),
    ('pl_control_bntd', 'inductor_graph', 'batch', _EQ),
    ('pl_control_btnd', 'inductor_graph', 'static', _EQ),
    ('pl_control_btnd', 'inductor_graph', 'batch', _EQ),
    ('pl_t_unclamped', 'inductor_graph', 'static', _EQ),
    ('pl_t_int32', 'inductor_graph', 'static', _EQ),
    ('pl_rows_int32', 'inductor_graph', 'static', _EQ),
    ('pl_acc_neg_zero', 'inductor_graph', 'static', _R),
    ('pl_acc_neg_zero_btnd', 'inductor_graph', 'static', _R),
    ('pl_acc_pos_zero_negz_inputs', 'inductor_graph', 'static', _EQ),
    ('pl_overwrite_first_midloop', 'inductor_graph', 'static', _R),
    ('pl_overwrite_last_midloop', 'inductor_graph', 'static', _R),
    ('pl_overwrite_last_midloop_btnd', 'inductor_graph', 'static', _R),
    ('pl_transposed_view', 'inductor_graph', 'static', _EQ),
    ('pl_offset_view', 'inductor_graph', 'static', _R),
    ('pl_more_rows', 'inductor_graph', 'static', _EQ),
    ('pl_mixed_layouts', 'inductor_graph', 'static', _EQ),
    ('pl_two_rows_nodes', 'inductor_graph', 'static', _R),
    ('pl_mixed_gather_reads', 'inductor_graph', 'static', _R),
    ('pl_fp16', 'inductor_graph', 'static', _EQ),
    ('pl_rows_offset_sliced', 'inductor_graph', 'static', _R),
    ('pl_rows_arange_start1', 'inductor_graph', 'static', _R),
    ('pl_t_wraps_modulo', 'inductor_graph', 'static', _EQ),
    ('pl_dense_b1', 'inductor_graph', 'static', _EQ),
    ('pl_two_layers_shared', 'inductor_graph', 'static', _EQ),
    ('pl_two_layers_shared_btnd', 'inductor_graph', 'static', _EQ),
    ('pl_two_layers_own', 'inductor_graph', 'static', _EQ),
    ('pl_layers_interleaved', 'inductor_graph', 'static', _EQ),
    ('pl_layer1_after_append', 'inductor_graph', 'static', _EQ),
    ('pl_then_attention', 'inductor_graph', 'static', _EQ),
    ('pl_snapshot_before', 'inductor_graph', 'static', _EQ),
    ('pl_two_steps_one_cache', 'inductor_graph', 'static', _EQ),
    ('pl_write_into_dense_tail', 'inductor_graph', 'static', _R),
    ('gs_control', 'inductor_graph', 'static', _EQ),
    ('gs_control', 'inductor_graph', 'batch', _EQ),
    ('gs_control', 'inductor_graph', 'dynamic', _EQ),
    ('gs_pos_int32', 'inductor_graph', 'static', _EQ),
    ('gs_dim_minus3', 'inductor_graph', 'static', _EQ),
    ('gs_pos_transposed_b_eq_l', 'inductor_graph', 'static', _R),
    ('gs_pos_one_row', 'inductor_graph', 'static', _R),
    ('gs_idx_unsqueezes', 'inductor_graph', 'static', _EQ),
    ('gs_idx_reshape_via_flat', 'inductor_graph', 'static', _EQ),
    ('gs_idx_half_d', 'inductor_graph', 'static', _R),
    ('gs_more_rows', 'inductor_graph', 'static', _EQ),
    ('gs_x_transposed_view', 'inductor_graph', 'static', _EQ),
    ('gs_attention_too', 'inductor_graph', 'static', _EQ),
    ('gs_two_layers_one_index', 'inductor_graph', 'static', _EQ),
    ('gs_gather_and_loop', 'inductor_graph', 'static', _EQ),
    ('gs_fp16', 'inductor_graph', 'static', _EQ),
    ('gs_neg_zero_inputs', 'inductor_graph', 'static', _EQ),
    ('oc_control', 'inductor_graph', 'static', _EQ),
    ('oc_control', 'inductor_graph', 'batch', _R),
    ('oc_inplace', 'inductor_graph', 'static', _EQ),
    ('oc_view_chain', 'inductor_graph', 'static', _EQ),
    ('oc_int32_roundtrip', 'inductor_graph', 'static', _EQ),
    ('oc_lastdim_b_eq_d', 'inductor_graph', 'static', _R),
    ('oc_transposed_back', 'inductor_graph', 'static', _EQ),
    ('oc_placeholder_column', 'inductor_graph', 'static', _EQ),
    ('oc_placeholder_column_int32', 'inductor_graph', 'static', _R),
    ('oc_arith_column', 'inductor_graph', 'static', _R),
    ('oc_fp16', 'inductor_graph', 'static', _EQ),
    ('pl_control_bntd', 'torchair_like', 'static', _EQ),
    ('pl_control_bntd', 'torchair_like', 'batch', _EQ),
    ('pl_control_btnd', 'torchair_like', 'static', _EQ),
    ('pl_control_btnd', 'torchair_like', 'batch', _EQ),
    ('pl_t_unclamped', 'torchair_like', 'static', _EQ),
    ('pl_t_int32', 'torchair_like', 'static', _EQ),
    ('pl_rows_int32', 'torchair_like', 'static', _EQ),
    ('pl_t_uint8_wraps', 'torchair_like', 'static', _EQ),
    ('pl_acc_neg_zero', 'torchair_like', 'static', _R),
    ('pl_acc_neg_zero_btnd', 'torchair_like', 'static', _R),
    ('pl_acc_pos_zero_negz_inputs', 'torchair_like', 'static', _EQ),
    ('pl_overwrite_first_midloop', 'torchair_like', 'static', _R),
    ('pl_overwrite_last_midloop', 'torchair_like', 'static', _R),
    ('pl_overwrite_last_midloop_btnd', 'torchair_like', 'static', _R),
    ('pl_transposed_view', 'torchair_like', 'static', _EQ),
    ('pl_offset_view', 'torchair_like', 'static', _R),
    ('pl_more_rows', 'torchair_like', 'static', _EQ),
    ('pl_mixed_layouts', 'torchair_like', 'static', _EQ),
    ('pl_two_rows_nodes', 'torchair_like', 'static', _R),
    ('pl_mixed_gather_reads', 'torchair_like', 'static', _R),
    ('pl_fp16', 'torchair_like', 'static', _EQ),
    ('pl_rows_offset_sliced', 'torchair_like', 'static', _R),
    ('pl_rows_arange_start1', 'torchair_like', 'static', _R),
    ('pl_t_wraps_modulo', 'torchair_like', 'static', _EQ),
    ('pl_dense_b1', 'torchair_like', 'static', _EQ),
    ('pl_two_layers_shared', 'torchair_like', 'static', _EQ),
    ('pl_two_layers_shared_btnd', 'torchair_like', 'static', _EQ),
    ('pl_two_layers_own', 'torchair_like', 'static', _EQ),
    ('pl_layers_interleaved', 'torchair_like', 'static', _EQ),
    ('pl_layer1_after_append', 'torchair_like', 'static', _EQ),
    ('pl_then_attention', 'torchair_like', 'static', _EQ),
    ('pl_snapshot_before', 'torchair_like', 'static', _EQ),
    ('pl_two_steps_one_cache', 'torchair_like', 'static', _EQ),
    ('pl_write_into_dense_tail', 'torchair_like', 'static', _R),
    ('gs_control', 'torchair_like', 'static', _EQ),
    ('gs_control', 'torchair_like', 'batch', _EQ),
    ('gs_control', 'torchair_like', 'dynamic', _EQ),
    ('gs_pos_int32', 'torchair_like', 'static', _EQ),
    ('gs_dim_minus3', 'torchair_like', 'static', _EQ),
    ('gs_pos_transposed_b_eq_l', 'torchair_like', 'static', _R),
    ('gs_pos_one_row', 'torchair_like', 'static', _R),
    ('gs_idx_unsqueezes', 'torchair_like', 'static', _EQ),
    ('gs_idx_reshape_via_flat', 'torchair_like', 'static', _EQ),
    ('gs_idx_half_d', 'torchair_like', 'static', _R),
    ('gs_more_rows', 'torchair_like', 'static', _EQ),
    ('gs_x_transposed_view', 'torchair_like', 'static', _EQ),
    ('gs_attention_too', 'torchair_like', 'static', _EQ),
    ('gs_two_layers_one_index', 'torchair_like', 'static', _EQ),
    ('gs_gather_and_loop', 'torchair_like', 'static', _EQ),
    ('gs_fp16', 'torchair_like', 'static', _EQ),
    ('gs_neg_zero_inputs', 'torchair_like', 'static', _EQ),
    ('oc_control', 'torchair_like', 'static', _EQ),
    ('oc_control', 'torchair_like', 'batch', _R),
    ('oc_inplace', 'torchair_like', 'static', _EQ),
    ('oc_view_chain', 'torchair_like', 'static', _EQ),
    ('oc_int32_roundtrip', 'torchair_like', 'static', _EQ),
    ('oc_lastdim_b_eq_d', 'torchair_like', 'static', _R),
    ('oc_transposed_back', 'torchair_like', 'static', _EQ),
    ('oc_placeholder_column', 'torchair_like', 'static', _EQ),
    ('oc_placeholder_column_int32', 'torchair_like', 'static', _R),
    ('oc_arith_column', 'torchair_like', 'static', _R),
    ('oc_fp16', 'torchair_like', 'static', _EQ),
    ('pr_loop_per_request_write', 'torchair_like', 'static', _EQ),
    ('pr_loop_per_request_rows_flipped', 'torchair_like', 'static', _R),
    ('pr_loop_per_request_entry_neg', 'torchair_like', 'static', _EQ),
    ('pr_loop_head_major_write', 'torchair_like', 'static', _EQ),
    ('pl_positions_passed', 'torchair_like', 'static', _EQ),
    ('pl_then_overwritten', 'torchair_like', 'static', _EQ),
    ('pl_t_minus_T', 'torchair_like', 'static', _EQ),
    ('pl_two_layers_shared_dyn', 'torchair_like', 'dynamic', _R),
    ('pr_loop_per_request_write_dyn', 'torchair_like', 'batch', _EQ),
    ('pr_loop_per_request_write_dyn', 'torchair_like', 'dynamic', _R),
    ('pl_layer1_reads_layer0_cmp', 'torchair_like', 'static', _EQ),
    ('pl_control_bntd', 'torchair_like', 'dynamic', _R),
    ('oc_control', 'torchair_like', 'dynamic', _EQ),
    ('pl_control_bntd', 'inductor', 'static', _EQ),
    ('pl_control_btnd', 'inductor', 'static', _EQ),
    ('pl_two_layers_shared', 'inductor', 'static', _EQ),
    ('pl_two_layers_shared_btnd', 'inductor', 'static', _EQ),
    ('pl_layer1_after_append', 'inductor', 'static', _EQ),
    ('pl_then_attention', 'inductor', 'static', _CD),
    ('pl_snapshot_before', 'inductor', 'static', _EQ),
    ('pl_two_steps_one_cache', 'inductor', 'static', _EQ),
    ('gs_control', 'inductor', 'static', _EQ),
    ('oc_control', 'inductor', 'static', _EQ),
    ('oc_inplace', 'inductor', 'static', _EQ),
    ('pr_loop_per_request_write', 'inductor', 'static', _EQ),
    ('pr_loop_head_major_write', 'inductor', 'static', _EQ),
    ('pl_then_overwritten', 'inductor', 'static', _EQ),
    ('pl_two_layers_shared_dyn', 'inductor', 'static', _EQ),
    ('pr_loop_per_request_write_dyn', 'inductor', 'static', _EQ),
    ('pl_layer1_reads_layer0_cmp', 'inductor', 'static', _EQ),
    ('pl_positions_passed', 'inductor', 'static', _EQ),
    ('pl_t_minus_T', 'inductor', 'static', _EQ),
    ('pl_alias_append_before', 'inductor', 'static', _EQ),
    ('pl_alias_append_after', 'inductor', 'static', _EQ),
    ('pl_alias_overwrite_first_before', 'inductor', 'static', _EQ),
    ('gs_alias_append_before', 'inductor', 'static', _EQ),
    ('pl_control_bntd', 'torchair', 'static', _EQ),
    ('pl_two_layers_shared', 'torchair', 'static', _EQ),
    ('pl_two_layers_shared_btnd', 'torchair', 'static', _EQ),
    ('gs_control', 'torchair', 'static', _EQ),
    ('oc_control', 'torchair', 'static', _EQ),
    ('pr_loop_head_major_write', 'torchair', 'static', _EQ),
    ('pl_two_layers_shared_dyn', 'torchair', 'static', _EQ),
    ('pl_control_bntd', 'vllm_post', 'static', _R),
    ('pl_layer1_after_append', 'vllm_post', 'static', _R),
    ('pl_snapshot_before', 'vllm_post', 'static', _R),
    ('pl_two_steps_one_cache', 'vllm_post', 'static', _R),
    ('gs_attention_too', 'vllm_post', 'static', _EQ),
    ('oc_inplace', 'vllm_post', 'static', _EQ),
    ('pl_then_overwritten', 'vllm_post', 'static', _R),
    ('pl_alias_append_before', 'vllm_post', 'static', _R),
    ('pl_alias_append_after', 'vllm_post', 'static', _R),
    ('pl_t_uint8_wraps', 'inductor_graph', 'static', _EQ),
    ('pr_loop_per_request_write', 'inductor_graph', 'static', _EQ),
    ('pr_loop_per_request_rows_flipped', 'inductor_graph', 'static', _R),
    ('pr_loop_per_request_entry_neg', 'inductor_graph', 'static', _EQ),
    ('pr_loop_head_major_write', 'inductor_graph', 'static', _EQ),
    ('pl_positions_passed', 'inductor_graph', 'static', _EQ),
    ('pl_then_overwritten', 'inductor_graph', 'static', _EQ),
    ('pl_layer1_reads_layer0_cmp', 'inductor_graph', 'static', _EQ),
    ('pl_t_minus_T', 'inductor_graph', 'static', _EQ),
    ('pl_two_layers_shared_dyn', 'inductor_graph', 'dynamic', _R),
    ('pr_loop_per_request_write_dyn', 'inductor_graph', 'batch', _EQ),
    ('pr_loop_per_request_write_dyn', 'inductor_graph', 'dynamic', _R),
    ('pl_control_bntd', 'inductor_graph', 'dynamic', _R),
    ('oc_control', 'inductor_graph', 'dynamic', _EQ),
    ('pl_alias_append_before', 'inductor_graph', 'static', _EQ),
    ('pl_alias_append_after', 'inductor_graph', 'static', _EQ),
    ('pl_alias_overwrite_first_before', 'inductor_graph', 'static', _EQ),
    ('gs_alias_append_before', 'inductor_graph', 'static', _EQ),
    ('pl_alias_append_before', 'torchair_like', 'static', _EQ),
    ('pl_alias_append_after', 'torchair_like', 'static', _EQ),
    ('pl_alias_overwrite_first_before', 'torchair_like', 'static', _EQ),
    ('gs_alias_append_before', 'torchair_like', 'static', _EQ),
    ('pl_bf16', 'inductor_graph', 'static', _EQ),
    ('gs_bf16', 'inductor_graph', 'static', _EQ),
    ('pl_acc_rounded_fp16_each_step', 'inductor_graph', 'static', _R),
    ('pl_acc_rounded_bf16_each_step', 'inductor_graph', 'static', _R),
    ('pl_bf16', 'torchair_like', 'static', _EQ),
    ('gs_bf16', 'torchair_like', 'static', _EQ),
    ('pl_acc_rounded_fp16_each_step', 'torchair_like', 'static', _R),
    ('pl_acc_rounded_bf16_each_step', 'torchair_like', 'static', _R),
    ('mv_control', 'torchair_like', 'static', _EQ),
    ('mv_control', 'torchair_like', 'batch', _EQ),
    ('mv_control', 'torchair_like', 'dynamic', _EQ),
    ('mv_transposed', 'torchair_like', 'static', _EQ),
    ('mv_transposed', 'torchair_like', 'batch', _EQ),
    ('mv_transposed', 'torchair_like', 'dynamic', _EQ),
    ('mv_batch_flattened', 'torchair_like', 'static', _EQ),
    ('mv_batch_flattened', 'torchair_like', 'batch', _EQ),
    ('mv_batch_flattened', 'torchair_like', 'dynamic', _EQ),
    ('mv_wrong_reshape', 'torchair_like', 'static', _R),
    ('mv_wrong_reshape', 'torchair_like', 'batch', _R),
    ('mv_wrong_reshape', 'torchair_like', 'dynamic', _R),
    ('mv_control', 'inductor_graph', 'static', _EQ),
    ('mv_control', 'inductor_graph', 'batch', _EQ),
    ('mv_control', 'inductor_graph', 'dynamic', _EQ),
    ('mv_transposed', 'inductor_graph', 'static', _EQ),
    ('mv_transposed', 'inductor_graph', 'batch', _EQ),
    ('mv_transposed', 'inductor_graph', 'dynamic', _EQ),
    ('mv_batch_flattened', 'inductor_graph', 'static', _EQ),
    ('mv_batch_flattened', 'inductor_graph', 'batch', _EQ),
    ('mv_batch_flattened', 'inductor_graph', 'dynamic', _EQ),
    ('mv_wrong_reshape', 'inductor_graph', 'static', _R),
    ('mv_wrong_reshape', 'inductor_graph', 'batch', _R),
    ('mv_wrong_reshape', 'inductor_graph', 'dynamic', _R),
    ('hier_loop', 'inductor_graph', 'static', _EQ),
    ('hier_gather', 'inductor_graph', 'static', _EQ),
    ('pl_tokens_also_returned', 'inductor_graph', 'static', _EQ),
    ('hier_loop', 'torchair_like', 'static', _EQ),
    ('hier_gather', 'torchair_like', 'static', _EQ),
    ('pl_tokens_also_returned', 'torchair_like', 'static', _EQ),
    ('hier_loop_reversed', 'inductor_graph', 'static', _EQ),
    ('hier_loop_batch', 'inductor_graph', 'batch', _EQ),
    ('hier_loop_reversed', 'torchair_like', 'static', _EQ),
    ('hier_loop_batch', 'torchair_like', 'batch', _EQ),
    ('hier_loop', 'inductor', 'static', _EQ),
    ('hier_gather', 'inductor', 'static', _EQ),
    ('hier_loop_reversed', 'inductor', 'static', _EQ),
    ('hier_loop_batch', 'inductor', 'batch', _EQ),
    ('pl_tokens_also_returned', 'inductor', 'static', _EQ),
    ('hier_loop', 'vllm_post', 'static', _EQ),
    ('hier_gather', 'vllm_post', 'static', _EQ),
    ('hier_loop_reversed', 'vllm_post', 'static', _EQ),
    ('hier_loop_batch', 'vllm_post', 'static', _EQ),
    ('hier_gather', 'torchair', 'static', _EQ),
    ('hier_loop_reversed', 'torchair', 'static', _EQ),
    ('mix_unfold_and_loop_shared_rows', 'inductor_graph', 'static', _EQ),
    ('mix_unfold_and_loop_shared_rows', 'torchair_like', 'static', _EQ),
    ('mix_unfold_and_loop_shared_rows', 'inductor', 'static', _EQ),
]

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, _FIRST, classify7)
