"""Fifteenth adversarial review of the recogniser (issue 18), focused on conditions, lengths, integers and sizes:
the lengths node and the casts between it and the input (sizes._lengths_source, write.length_candidates), the
condition under a symbolic capacity (mask._mask_bound), the length thresholds of the new rows
(exactness.check_length_thresholds, Intervals), narrow integer dtypes of every index input, positions + 1
(lengths_from_positions), constants and buffers in the index arithmetic, row numbers, and compiled graphs called
again at other batch sizes and capacities.

Same format as redteam14: every entry of ``ATTACKS`` is ``(name, factory, notes)``; the factory returns ``(step,
inputs, modes)``; every step takes ``(kv, w, slots, table, lens, cache)`` (``lens`` holds the positions s - 1 where
the notes say so; ``slots`` a [B, 4] compressed page table in slots_cmp_paged); the first input is compiled, the
others are called after it (``dyn_*``: other batch sizes and capacities, 256 -> 1024 or 32768); runner and
classification are redteam7's ``classify7``.

    python tests/corpora/redteam15.py [--dialect D] [--mode M] [name ...]      # names match as substrings
    python tests/corpora/redteam15.py --table OUT.md [--dialect D ...] [name ...]

First try (18:25-19:40 UTC, snapshot of 97e6e77 in /tmp/base15, PYTHONPATH=/tmp/base15, run from that tree): 92
attacks in 11 themes, 416 runs.  inductor_graph 159 runs: 16 FALSE FUSION / 0 CRASH / 90 equal / 51 refused / 1
refused (control differs) / 1 eager fails (attack bug, below); torchair_like 159: 18 FALSE FUSION / 0 CRASH / 89
equal / 50 refused / 1 refused (control differs) / 1 eager fails; Inductor codegen (nsa_fusion_backend) 58: 16 FALSE
FUSION (every G1-G3 false fusion confirmed) / 36 equal (controls in every mode, the module buffers, which only
nsa_fusion's backends offer) / 6 refused; real torchair (CPU GE stand-in) 29: 11 equal / 5 control crashes too / 13
"CONTROL DIFFERS" (the fused graph compiles and differs from eager, the plain torchair compile fails: GE has no
converter for bitwise_and and the like, so no control; every one of them is a G1-G4 attack); vllm_post 11: 4 FALSE
FUSION (G1, G2) / 5 equal / 2 refused.  Four false-fusion classes (repros in /work/briefs/redteam15_findings.md):

* G1 FALSE FUSION (every dialect, Inductor codegen confirmed; static, batch, dynamic): the lengths node is a narrowing
  cast of the lengths input.  ``verify._verify`` tries the condition's [B] integer dominators nearest first; with
  ``s = lens.to(int8).long() & 255`` (capacity 192) the nearest (``& 255``) is refused as computed and the next,
  ``lens.to(int8).long()``, is taken: ``sizes._lengths_source`` walks through every cast (narrowing ones too) to the
  placeholder, ``check_int_paths`` seeds that node with [0, capacity] and stops its region there, so the wrap is never
  held to the cast rule; ``check_mask`` and the probes evaluate at the node's unwrapped values, where ``& 255`` is the
  identity.  The op is given the wrapped lengths (176 -> -80) and writes nothing where eager, which undid the wrap,
  writes.  len_int8_and255, len_int8_mod256, len_int8_where_neg, len_int8_two_hops (int8 -> int16 -> int32),
  len_int16_and_ffff (capacity 33280), len_pos_int8_plus1_and255 (the one + 1 after the cast), dyn_len_int8_where_neg
  (dynamic=True too: the mask bound is small), dyn_len_int8_and255 (static).
* G2 FALSE FUSION (dynamic=True; every dialect, Inductor codegen confirmed): ``mask._mask_bound`` admits
  ``bitwise_or.Tensor`` / ``bitwise_xor.Tensor`` of two length-derived values (and comparisons of two of them), which
  are not linear; its bound counts constants and constant divisors only.  ``t = s + s`` ten times (1024 s, no constant),
  ``(s | t) == s + t`` holds for every length up to 16384 that is 0 mod 16 (the check reaches ~1700), first fails at
  16400: compiled at capacity 256, called at 32768, eager writes nothing, the op writes (dyn_cond_or_bits10,
  dyn_cond_xor_bits10).
* G3 FALSE FUSION (dynamic=True; every dialect, Inductor codegen confirmed): ``check_length_thresholds`` lets
  ``x // c`` (and ``%``, ``&``) of a length-derived ``x`` through where ``2 c`` fits the span of ``probed.number(x)``,
  an interval by interval arithmetic, not the values the probes reached.  ``(s + 4 * (s - s)) // 1000`` (interval
  [-864, 1152] at capacity 256, values 32..256), ``(3 s - 2 s) // 500``, and a product of two length-derived values
  (``_MONOTONE_PAIR`` admits ``mul`` of two: only wrapping is checked) widened by ``(u - u) * u`` terms are 0 on every
  probed length (and at the re-proof's capacity 325) and 1 past it: added to the window positions, the window moves
  by one from s = 1000 (504, 500) where the op's does not (dyn_window_linear_dummy, dyn_window_3s_minus_2s,
  dyn_window_quadratic).
* G4 FALSE FUSION (torchair graphs, dynamic=True; torchair_like, and real torchair where the control does not compile):
  ``Intervals._compute`` drops an ``aten.clamp`` bound that has no interval (``if hi is not None``), so the clamp reads
  as the identity and ``check_length_thresholds`` passes ``clamp(pos, 0, hi)`` past the compiled capacity: ``hi =
  tensor(399) ^ 0`` (dyn_clamp_xor_const), and ``kv.shape[0] * kv.shape[1] - 1``, which torchair's graphs keep as
  Python ``operator`` nodes on SymInts (dyn_cap_of_blocks: a pool of 5 shared blocks, the table 4 then 16 pages wide;
  the pass guards the block count and P, the table width stays symbolic).  Inductor's graphs are refused (the bound is
  a SymInt value there, or the tensor clamp decomposes into clamp_min.Tensor, refused).

Rerun (19:19-19:21 UTC, /work/main working tree after 66a7643, which holds the lead's uncommitted G1-G3 work), the 17
false-fusion attacks and their neighbours, inductor_graph and torchair_like: G1 refused ("the lengths the step compares
are computed"; len_int8_via_uint8 now refused too: "the lengths are cast to torch.uint8"), G2 refused ("the condition
combines the bits of two length-derived integers"), G3 refused ("divides a length-derived value by a constant the
probes ..."); G4 still FALSE FUSION in torchair_like (dyn_clamp_xor_const, dyn_cap_of_blocks, dynamic).

Not found (equal or refused): lengths through exact casts (int8 -> uint8 round trip below 256, int64 -> int32, fp16 at
capacity 4096 and bf16 at 256, where eager and the op see the same rounded value, a view(float32).view(int32) bit
round trip), int16 / int8 / uint8 lengths, table and slot inputs (uint8 lengths and int8 lengths: refused, their
``s - 32`` wraps), the table through int8 (& 255, % 256: refused, page ids through a mask; via uint8: the cast
refused), flat token indices in int32 (int16 flat indices that wrap, also with & 0xFFFF: refused), slots through int8
(& 255, % S: refused; % S's control differs, two rows on one slot), int16 slots with -1 padding, -1 padding wrapped by %
S; 20 spellings of the condition (& 15, fmod, trunc division, int8 remainders (refused: the narrowing cast), uint8
subtraction, fp32 and fp16 (refused at 4096), the batch size (refused under batch), sums of floor divisions, minimum,
shifts in int64 and int16, xor with a negative mask, a sum of two booleans, (32 - s) % 16, clamp(s, max=32) == 32, an
int8 threshold after a clamp to 127) and under dynamic=True every one either equal or refused; positions + 1 (p +
True, p - (-1), vLLM's n(p + 1) > n(p), p advanced in place before or after, the window from p, int8 positions),
next lengths lens + 1 returned; compiled graphs called at other batch sizes and capacities (control), thresholds
beyond the compiled capacity (s < 512, s & 511, positions clamped to 255, the capacity as a value: refused under
dynamic), an OR of a constant (equal), a maximum of two length-derived values (refused: bound), OR in the window
(refused); module buffers in the window offsets, a threshold and the stride (equal with nsa_fusion_backend, refused
where nothing is offered); arange(B) in int16 and arange(B).to(int16) (refused under batch), a paged compressed
cache (refused), page index by (pos * 1024) >> 16 (equal, dynamic too), unclamped positions with trunc division and
fmod (equal); per-row constants that differ only beyond the 32 probed rows (condition, slots, window offsets:
refused); slots + 1 returned beside the step (refused: lengths_from_positions.expose reroutes every read of the slot
mapping through (slots + 1) - 1, which check_slot_path reads as a shifted slot: a missed fusion, not a soundness
issue).  Attack bug: the first pos_window_int8_wrapped read ``p.to(int8) & 255``, which sends p = -1 to 255 (eager
fails: page 3 of 3); fixed to ``(p8 + 1) % 256 - 1``, rerun: refused (the int8 cast of positions).  G2, G3 and G4
attacks under static and batch modes are fused and equal (the capacity is static there and every length is probed);
G1 is a false fusion in static and batch modes as well.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

_ROOT = Path(__file__).resolve().parents[2]
for _p in (str(_ROOT), str(_ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from tests.corpora.attacks import L, STRIDE, build, completes, pool, positions, tokens, write  # noqa: E402
from tests.corpora import redteam2  # noqa: E402
from tests.corpora.redteam2 import _mk  # noqa: E402
from tests.corpora.redteam7 import classify7  # noqa: E402

F32, F16 = torch.float32, torch.float16


def _inputs(batches=(40,), pages=3, P=64, dtype=F32, length_dtype=torch.int32, index_dtype=torch.int32, lengths=None,
            **kw):
    def make():
        out = []
        for k, B in enumerate(batches):
            ln = None if lengths is None else lengths(B, pages * P, k)
            a = build(B=B if ln is None else None, pages=pages, P=P, dtype=dtype, seed=k, length_dtype=length_dtype,
                      index_dtype=index_dtype, lengths=ln, **kw)
            out.append(a.args)
        return out
    return make


def _with(make, table_dtype=None, slots_dtype=None, lens_dtype=None, lens_shift=0, slots_of=None, table_of=None):
    """Post-process an input factory: dtypes of the table / slots / lengths, ``lens_shift`` added to the lengths
    (``-1``: the positions of the newest tokens, vLLM's), ``slots_of(slots, cache)``, ``table_of(table)``."""
    def out():
        res = []
        for a in make():
            kv, w, slots, table, lens, cache = a
            if slots_of is not None:
                slots = slots_of(slots, cache)
            if table_of is not None:
                table = table_of(table)
            lens = lens + lens_shift
            res.append([kv, w, slots if slots_dtype is None else slots.to(slots_dtype),
                        table if table_dtype is None else table.to(table_dtype), lens if lens_dtype is None else
                        lens.to(lens_dtype), cache])
        return res
    return out




def _step_from(s_of, cond_of=None, pos_of=None):
    """The contract step reading every length through ``s_of(lens)``; ``cond_of(s, lens)`` / ``pos_of(s, lens)``
    replace the condition / window positions."""
    def step(kv, w, slots, table, lens, cache):
        s = s_of(lens)
        valid = completes(s) if cond_of is None else cond_of(s, lens)
        pos = positions(s) if pos_of is None else pos_of(s, lens)
        return write(cache, slots, valid, pool(tokens(kv, table, pos), w))
    return step


def _std_cond(s):
    return (s >= L) & ((s - L) % STRIDE == 0)


# --- 1. the lengths node a lossy function of the lengths input (sizes._lengths_source, verify length_candidates) --
def _s8(lens):
    return lens.to(torch.int8).long()


def _len_int8_where_neg(lens):
    s8 = _s8(lens)
    return torch.where(s8 < 0, s8 + 256, s8)


def _len_int16_and_ffff(lens):
    return lens.to(torch.int16).long() & 0xFFFF


def _len_int8_two_hops(lens):
    return lens.to(torch.int8).to(torch.int16).int() & 255


def _pos_int8_plus1_and255(p):
    return (p.to(torch.int8).long() + 1) & 255


def _len_fp16_roundtrip(lens):
    return lens.half().long()


def _len_bf16_roundtrip(lens):
    return lens.to(torch.bfloat16).long()


def _len_view_dtype(lens):
    return lens.view(torch.float32).view(torch.int32)


def _cond_int8_abs(s, lens):
    """The condition on abs(int8(lens)) (176 -> -80 -> 80: a window of 48..79 completes in eager)."""
    a = lens.to(torch.int8).long().abs()
    return _std_cond(a)


def _big_lengths(B, cap, k):
    """Lengths for a big capacity: completing rows spread over the whole range, the capacity on row 0."""
    g = torch.Generator().manual_seed(k)
    q = L + STRIDE * torch.randint(0, (cap - L) // STRIDE + 1, (B,), generator=g)
    lens = torch.where(torch.arange(B) % 2 == 0, q, (q - 3).clamp(min=0))
    lens[0], lens[1] = cap - (cap - L) % STRIDE, 0
    return lens


def _small_lengths(B, cap, k):
    """Lengths below 128 (an int8 lengths input holds no more)."""
    g = torch.Generator().manual_seed(k)
    q = L + STRIDE * torch.randint(0, 6, (B,), generator=g)  # 32 .. 112
    return torch.where(torch.arange(B) % 2 == 0, q, q - 5)


# --- 2. page ids through lossy casts ------------------------------------------------------------------------
def _table_via(t_of):
    def step(kv, w, slots, table, lens, cache):
        t = t_of(table)
        return write(cache, slots, completes(lens), pool(tokens(kv, t, positions(lens)), w))
    return step


# --- 3. slots through lossy casts ------------------------------------------------------------------------
def _slots_via(s_of):
    def step(kv, w, slots, table, lens, cache):
        s = s_of(slots, cache.shape[0])
        return write(cache, s, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return step




def _pad_minus_one(make):
    def out():
        res = []
        for a in make():
            kv, w, slots, table, lens, cache = a
            q = completes(lens.long())
            S = cache.shape[0]
            s = slots.long().clone()
            if bool((s[q] == S - 1).any()):  # move a written row off row S - 1: onto a free row
                free = [r for r in range(S) if r not in set(s.tolist())]
                s[q & (s == S - 1)] = free[0]
            s[~q] = -1
            res.append([kv, w, s.to(slots.dtype), table, lens, cache])
        return res
    return out


# --- 4. conditions spelled unusually ------------------------------------------------------------------------
def _cond_and15(s, lens):
    return (s >= L) & ((s & (STRIDE - 1)) == 0)


def _cond_fmod(s, lens):
    return (s >= L) & (torch.fmod(s - L, STRIDE) == 0)


def _cond_trunc(s, lens):
    return (s >= L) & (torch.div(s - L, STRIDE, rounding_mode="trunc") * STRIDE == s - L)


def _cond_int8_mod16(s, lens):
    """(int8(s) - 32) % 16 in int8: wraps modulo 256, a multiple of 16, so the remainder is s's."""
    return (s >= L) & ((s.to(torch.int8) - L) % STRIDE == 0)


def _cond_int8_mod24(s, lens):
    """(int8(s) - 32) % 24: the wrap modulo 256 changes remainders by 24 (refused by the exhaustive mask unless
    eager agrees everywhere)."""
    return (s >= L) & ((s.to(torch.int8) - L) % 24 == 0)


def _cond_uint8_sub(s, lens):
    u = s.to(torch.uint8) - L  # wraps below 32 to 224..255
    return (u <= 255 - L) & (u % STRIDE == 0)


def _cond_float(s, lens):
    f = s.float()
    return (f >= L - 0.5) & (torch.remainder(f - L, STRIDE) == 0)


def _cond_half(s, lens):
    """The condition in fp16: exact to 2048, then rounds (1 ulp = 2 from 2048): (2066 - 32) % 16 rounds to 0."""
    f = s.half()
    return (f >= L) & (torch.remainder(f - L, STRIDE) == 0)


def _cond_batch_size(s, lens):
    return _std_cond(s) & (s < 1000 * s.shape[0])


def _cond_sum_of_two(s, lens):
    """(s >= 32) written as s // 32 + s // 64 > 0 (a sum of two floor divisions)."""
    return ((s // L + s // (2 * L)) > 0) & ((s - L) % STRIDE == 0)


def _cond_min_cap(s, lens):
    return (torch.minimum(s, torch.full_like(s, 10 ** 6)) >= L) & ((s - L) % STRIDE == 0)


def _cond_shift_right(s, lens):
    """(s - 32) >> 4 << 4 == s - 32 (arithmetic shifts: the rewrite reads them as // 16 and * 16)."""
    return (s >= L) & ((((s - L) >> 4) << 4) == s - L)


def _cond_int16_shift(s, lens):
    """The shifts in int16: s.short() - 32 >> 4 << 4 (int16 holds the capacity)."""
    t = s.short() - L
    return (s >= L) & (((t >> 4) << 4) == t)


def _cond_xor(s, lens):
    """(s - 32) ^ ((s - 32) & ~15) == 0: the low four bits zero, written with xor and a negative mask."""
    t = s - L
    return (s >= L) & ((t ^ (t & -16)) == 0)


def _cond_bool_sum(s, lens):
    """((s >= 32).int() + ((s - 32) % 16 == 0).int()) == 2."""
    return ((s >= L).int() + ((s - L) % STRIDE == 0).int()) == 2


def _cond_neg_remainder(s, lens):
    """(32 - s) % 16 == 0 (a remainder of a negative: floor mod keeps it 0 exactly where (s - 32) % 16 is)."""
    return (s >= L) & ((L - s) % STRIDE == 0)


def _cond_neg_fmod_pos(s, lens):
    """s >= 32 written as fmod(s, 32) != s | s >= 64 ... : fmod(s - 32, 16) with a truncated negative."""
    return (torch.fmod(s - L, STRIDE) == 0) & (s - L >= 0)


def _cond_clamp_eq(s, lens):
    """s >= 32 as clamp(s, max=32) == 32."""
    return (s.clamp(max=L) == L) & ((s - L) % STRIDE == 0)


def _cond_int8_threshold(s, lens):
    """s >= 32 compared in int8 after a clamp to 127 (exact: every s >= 127 stays >= 32)."""
    return (s.clamp(max=127).to(torch.int8) >= L) & ((s - L) % STRIDE == 0)


def _cond_int8_threshold_noclamp(s, lens):
    """s >= 32 compared in int8 without the clamp: 176 -> -80 (refused by the exhaustive mask)."""
    return (s.to(torch.int8) >= L) & ((s - L) % STRIDE == 0)


# --- 5. positions + 1 (sizes._lengths_source, lengths_from_positions) --------------------------------------
def _pos_plus_true(p):
    return p + True


def _pos_sub_minus1(p):
    return p - (-1)


def _pos_cond_reads_p(s, p):
    """vLLM's "the compressed count grew": n(p + 1) > n(p), n(x) = (x - 32) // 16 + 1 for x >= 32."""
    def n(x):
        return torch.where(x >= L, (x - L) // STRIDE + 1, torch.zeros_like(x))
    return n(s) > n(p)


def _pos_inplace_advanced(kv, w, slots, table, p, cache):
    """s = p + 1, the step, then p advanced in place (p.add_(1)): the next step's positions."""
    s = p + 1
    cache = write(cache, slots, completes(s), pool(tokens(kv, table, positions(s)), w))
    p.add_(1)
    return cache, p


def _pos_inplace_before(kv, w, slots, table, p, cache):
    """p advanced in place first (p.add_(1)), then s = p (the lengths): a computed lengths node (refused), or
    the +1 of the placeholder."""
    p.add_(1)
    return write(cache, slots, completes(p), pool(tokens(kv, table, positions(p)), w)), p


def _pos_window_from_p(kv, w, slots, table, p, cache):
    """Condition on s = p + 1, the window from p itself: positions p - 31 .. p."""
    s = p + 1
    pos = (p.long()[:, None] - (L - 1) + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(s), pool(tokens(kv, table, pos), w))


def _pos_plus1_int8_wrapped_window(kv, w, slots, table, p, cache):
    """s = p + 1 for the condition, the window from p through int8 and back ((p8 + 1) % 256 - 1, which keeps p = -1):
    p's own int8 wrap undone.  (First try read p8 & 255, which sends p = -1 to 255: an attack bug, eager fails.)"""
    s = p + 1
    q = (p.to(torch.int8).long() + 1) % 256 - 1
    pos = (q[:, None] - (L - 1) + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(s), pool(tokens(kv, table, pos), w))


# --- 6. sizes: symbolic capacity / batch, called again at other sizes ---------------------------------------
def _grow(batches_pages, **kw):
    """One input per (B, pages): the compiled graph is called again at other batch sizes and capacities."""
    def make():
        out = []
        for k, (B, pages) in enumerate(batches_pages):
            out.append(build(B=B, pages=pages, dtype=F32, seed=k, **kw).args)
        return out
    return make


def _cond_below(t):
    return lambda s, lens: _std_cond(s) & (s < t)


def _cond_mask_511(s, lens):
    return ((s & 511) >= L) & ((s - L) % STRIDE == 0)


def _pos_clamp_table_width(s, lens):
    return positions(s).clamp(max=lens.shape[0] * 0 + 255)


def _pos_clamp_const(c):
    return lambda s, lens: positions(s).clamp(max=c)


def _cap_of_table(kv, w, slots, table, lens, cache):
    """The condition bounds the lengths by the capacity read from the sizes (s <= M * P)."""
    cap = table.shape[1] * kv.shape[1]
    valid = completes(lens) & (lens <= cap)
    return write(cache, slots, valid, pool(tokens(kv, table, positions(lens)), w))


def _cap_of_blocks(kv, w, slots, table, lens, cache):
    """Window positions clamped by the paged KV's token count (block_num * P - 1), not the table's capacity."""
    pos = positions(lens).clamp(max=kv.shape[0] * kv.shape[1] - 1)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


def _shared_pages(batches_pages, block_num):
    """Fewer blocks than a row's pages (rows share pages: valid, page ids need only be in range)."""
    def make():
        out = []
        for k, (B, pages) in enumerate(batches_pages):
            out.append(build(B=B, pages=pages, dtype=F32, seed=k, distinct_pages=False, block_num=block_num).args)
        return out
    return make


def _flat_int32(kv, w, slots, table, lens, cache):
    """Tokens read from the flat [NB * P, N, D] view at page * P + pos % P computed in int32."""
    NB, P, N, D = kv.shape
    pos = positions(lens).int()
    flat = table.int().gather(1, (pos // P).long()) * P + pos % P
    tok = kv.view(-1, N, D)[flat.long()]
    return write(cache, slots, completes(lens), pool(tok, w))


def _flat_int16(kv, w, slots, table, lens, cache):
    """The flat token index in int16: page * 64 + pos % 64 wraps from page 512 (refused where blocks >= 512)."""
    NB, P, N, D = kv.shape
    pos = positions(lens)
    flat = table.short().gather(1, pos // P) * P + (pos % P).short()
    tok = kv.view(-1, N, D)[flat.long()]
    return write(cache, slots, completes(lens), pool(tok, w))


def _flat_int16_and_ffff(kv, w, slots, table, lens, cache):
    """The flat index in int16, then & 0xFFFF in int64: the identity on [0, 65535] (exact for every valid page
    id below 1024 at P = 64); the intervals must follow the wrap."""
    NB, P, N, D = kv.shape
    pos = positions(lens)
    flat = (table.short().gather(1, pos // P) * P + (pos % P).short()).long() & 0xFFFF
    tok = kv.view(-1, N, D)[flat]
    return write(cache, slots, completes(lens), pool(tok, w))



# --- 7. the condition under a symbolic capacity: OR / XOR of two length-derived values (mask._mask_bound) ------
def _doubled(x, k):
    """x * 2**k as k additions (no constant in the graph)."""
    for _ in range(k):
        x = x + x
    return x


def _cond_or_bits10(s, lens):
    """(s | t) == s + t, t = s * 1024 by doubling: no two set bits of s ten apart; true for every length below
    16384 that is 0 mod 16, false at 16400 = 2**14 + 2**4."""
    x = s.long()
    t = _doubled(x, 10)
    return _std_cond(x) & ((x | t) == x + t)


def _cond_xor_bits10(s, lens):
    x = s.long()
    t = _doubled(x, 10)
    return _std_cond(x) & ((x ^ t) == x + t)


def _cond_or_const(s, lens):
    """control: s | 15 == s + 15 - s % 16 (a constant OR operand: periodic, its constant counted)."""
    x = s.long()
    return (x >= L) & ((x | 15) == x + 15)


def _cond_max_two_derived(s, lens):
    """maximum(s - 32, t - 33 * 1024 + 1) >= 0 with t = 1024 s: linear pieces crossing at s = 32 (constants
    counted)."""
    x = s.long()
    t = _doubled(x, 10)
    return (torch.maximum(x - L, t - 33 * 1024 + 1) >= 0) & ((x - L) % STRIDE == 0)


def _pos_or_window(s, lens):
    """Window positions through an OR of two length-derived values (the new rows refuse |)."""
    x = s.long()
    t = _doubled(x, 10)
    keep = ((x | t) == x + t).long()  # 1 below 16384
    return positions(x * keep)


def _grow_big(first=(8, 4)):
    """Compiled at (B, pages) = first (capacity 256), called at capacity 32768 with s = 16400 on row 0."""
    def make():
        big = torch.tensor([16400, 48, 16416, 100, 32, 20000, 16384, 0])
        return [build(B=first[0], pages=first[1], dtype=F32, seed=0).args,
                build(lengths=big, pages=512, dtype=F32, seed=1).args]
    return make


def _grow_int8():
    """Compiled at capacity 192, called at capacity 1024 with lengths that wrap in int8 (the G1 lengths)."""
    def make():
        return [build(B=8, pages=3, dtype=F32, seed=0).args,
                build(lengths=torch.tensor([176, 48, 208, 100, 32, 400, 144, 0, 624, 1008]), pages=16, dtype=F32,
                      seed=1).args]
    return make


# --- 8. module buffers in the condition and the window (bound_inputs: offered by nsa_fusion_backend) ----------
class _BufferStep(torch.nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind
        self.register_buffer("offsets", torch.arange(L, dtype=torch.int8))
        self.register_buffer("limit", torch.tensor(192, dtype=torch.int16))
        self.register_buffer("stride", torch.tensor(STRIDE))

    def forward(self, kv, w, slots, table, lens, cache):
        s = lens.long()
        if self.kind == "offsets":
            pos = (s[:, None] - L + self.offsets).clamp(min=0)
            valid = completes(s)
        elif self.kind == "limit":
            pos, valid = positions(s), completes(s) & (s <= self.limit)
        else:
            pos, valid = positions(s), (s >= L) & ((s - L) % self.stride == 0)
        return write(cache, slots, valid, pool(tokens(kv, table, pos), w))


def _flat_cond_below(kv, w, slots, table, lens, cache):
    """Tokens of the flat [NB * P, N, D] view, condition & (s < 200) at capacity 256: the mask must reach 256."""
    NB, P, N, D = kv.shape
    pos = positions(lens)
    flat = table.long().gather(1, pos // P) * P + pos % P
    valid = completes(lens) & (lens < 200)
    return write(cache, slots, valid, pool(kv.view(-1, N, D)[flat], w))



# --- 9. row numbers, computed tables and slots -------------------------------------------------------------
def _rows_arange(dtype=None, cast=None):
    """Row b's table row read through arange(B) in ``dtype`` (or arange(B).to(cast)): the identity index of the
    batch only while the dtype holds B (int16 wraps from 32768 rows)."""
    def step(kv, w, slots, table, lens, cache):
        B, P = lens.shape[0], kv.shape[1]
        rows = torch.arange(B, dtype=dtype) if dtype is not None else torch.arange(B).to(cast)
        pos = positions(lens)
        tok = kv[table.long()[rows.long()[:, None], pos // P], pos % P]
        return write(cache, slots, completes(lens), pool(tok, w))
    return step


def _cmp_paged_slots(kv, w, slots, table, lens, cache):
    """vLLM-style paged compressed cache: the slot is cmp_table[b, i // 4] * 4 + i % 4, i = (s - 32) // 16 (the
    compressed block table passed in ``slots`` as [B, 4] page ids, 4 compressed rows per page)."""
    i = ((lens.long() - L) // STRIDE).clamp(min=0)
    slot = slots.long().gather(1, (i // 4)[:, None])[:, 0] * 4 + i % 4
    return write(cache, slot, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _cmp_pages(batches=(40,)):
    """``slots`` a [B, 4] table of distinct compressed pages, the cache 4 rows per page (capacity 192: i <= 10)."""
    def make():
        out = []
        for k, B in enumerate(batches):
            kv, w, _, table, lens, _ = build(B=B, pages=3, dtype=F32, seed=k).args
            g = torch.Generator().manual_seed(k)
            pages = torch.randperm(4 * B + 3, generator=g)[: 4 * B].view(B, 4).int()
            cache = torch.randn(4 * (4 * B + 3), 2, 16, generator=g)
            out.append([kv, w, pages, table, lens, cache])
        return out
    return make


def _page_by_shift(kv, w, slots, table, lens, cache):
    """The page index as (pos * 1024) >> 16 (pos // 64 for every pos >= 0)."""
    P = kv.shape[1]
    pos = positions(lens)
    tok = kv[table.long().gather(1, (pos * 1024) >> 16), pos % P]
    return write(cache, slots, completes(lens), pool(tok, w))


def _trunc_unclamped(kv, w, slots, table, lens, cache):
    """Positions not clamped (negative on rows shorter than l), page and offset by trunc division and fmod: on
    rows that write nothing they differ from floor / remainder, on completing rows they agree."""
    P = kv.shape[1]
    pos = lens.long()[:, None] - L + torch.arange(L)
    page = torch.div(pos, P, rounding_mode="trunc")
    tok = kv[table.long()[torch.arange(lens.shape[0])[:, None], page], torch.fmod(pos, P)]
    return write(cache, slots, completes(lens), pool(tok, w))


def _grow_rows(batches):
    def make():
        return [build(B=B, pages=1, N=1, D=16, dtype=torch.float16, seed=k, specials=False).args
                for k, B in enumerate(batches)]
    return make



# --- 10. constants along the batch (static graphs: the probes cut the batch to 32 rows) ---------------------
def _cond_const_rows(pattern):
    """The condition and a constant per-row mask (a lifted torch.tensor literal of B entries)."""
    def cond(s, lens):
        m = torch.tensor(pattern(s.shape[0]), dtype=torch.bool)
        return _std_cond(s) & m
    return cond


def _first32(B):
    return [True] * min(B, 32) + [False] * max(B - 32, 0)


def _every_row(B):
    return [True] * B


def _slots_const_perm(kv, w, slots, table, lens, cache):
    """Slots read through a constant permutation of the rows that is the identity on the first 32 rows
    (rows 32.. reversed)."""
    B = lens.shape[0]
    perm = torch.tensor(list(range(32)) + list(range(B - 1, 31, -1)))
    s = slots.long()[perm]
    return write(cache, s, completes(lens), pool(tokens(kv, table, positions(lens)), w))


def _lens_const_offset(kv, w, slots, table, lens, cache):
    """Window positions shifted by a constant per-row vector that is 0 on the first 32 rows, 16 on the others."""
    B = lens.shape[0]
    off = torch.tensor([0] * 32 + [16] * (B - 32))
    pos = (lens.long()[:, None] - L - off[:, None] + torch.arange(L)).clamp(min=0)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))



# --- 11. thresholds in the new rows under a symbolic capacity (exactness.check_length_thresholds) -------------
def _pos_linear_dummy(s, lens):
    """t = (s + 4 * (s - s)) // 1000 = s // 1000 added to the window positions: 0 on every probed length; the
    interval of s + 4 (s - s) spans 2017 at capacity 256, so the divisor 1000 reads as "spanned twice"."""
    x = s.long()
    return positions(x) + ((x + 4 * (x - x)) // 1000)[:, None]


def _pos_quadratic(s, lens):
    """t = (u (u - 128) + 2 (u - u) u + 4096) // 35000, u = s // 2: 0 below s = 504, 1 from 504 (a product of two
    length-derived values; the dummy products widen the interval the span rule reads)."""
    x = s.long()
    u = x // 2
    y = u * (u - 128) + (u - u) * u + (u - u) * u
    return positions(x) + ((y + 4096) // 35000)[:, None]


def _s_remainder_dummy(lens):
    """s' = (s + 4 * (s - s)) % 1000: s on every probed length, s - 1000 from 1000 (condition and window)."""
    x = lens.long()
    return (x + 4 * (x - x)) % 1000


def _pos_remainder_dummy(s, lens):
    """The window of s' = (s + 4 (s - s)) % 1000, the condition on s."""
    x = s.long()
    return positions((x + 4 * (x - x)) % 1000)


def _pos_three_minus_two(s, lens):
    """t = (3 s - 2 s) // 500: s // 500 spelled as a difference (its interval spans 1121 at capacity 256)."""
    x = s.long()
    return positions(x) + ((3 * x - 2 * x) // 500)[:, None]


def _grow_1024(big=(544, 48, 1008, 100, 1008, 528, 256, 0, 1008, 33)):
    """Compiled at capacity 256 (B = 8), called at capacity 1024 (B = 10)."""
    def make():
        return [build(B=8, pages=4, dtype=F32, seed=0).args,
                build(lengths=torch.tensor(big), pages=16, dtype=F32, seed=1).args]
    return make



def _slots_plus1_elsewhere(kv, w, slots, table, lens, cache):
    """The step, and ``slots + 1`` returned (next step's slot of another cache): lengths_from_positions reroutes
    every other read of the slots through (slots + 1) - 1."""
    cache = write(cache, slots, completes(lens), pool(tokens(kv, table, positions(lens)), w))
    return cache, slots + 1


def _lens_plus1_condition_minus1(kv, w, slots, table, lens, cache):
    """s = lens + 1 returned as the next lengths; the step reads (lens + 1) - 1 spelled by the user."""
    nxt = lens + 1
    s = nxt - 1
    return write(cache, slots, completes(s), pool(tokens(kv, table, positions(s)), w)), nxt



def _clamp_xor_const(kv, w, slots, table, lens, cache):
    """Positions clamped to c = tensor(399) ^ 0 (399 through an op the intervals do not model): a bound with no
    interval, which Intervals drops from an aten.clamp (G4)."""
    hi = torch.tensor(399) ^ torch.tensor(0)
    pos = torch.clamp(positions(lens), torch.tensor(0), hi)
    return write(cache, slots, completes(lens), pool(tokens(kv, table, pos), w))


S, SB, SD, ALL = ("static",), ("static", "batch"), ("static", "dynamic"), ("static", "batch", "dynamic")
I8 = torch.int8
_POS = dict(lens_shift=-1)  # arg 4 holds the positions of the newest tokens (s - 1)
ATTACKS = [
    # 1. the lengths node a lossy function of the lengths input
    ("len_int8_and255", _mk(_step_from(lambda l: _s8(l) & 255), _inputs(), ALL),
     "s = lens.to(int8).long() & 255 (capacity 192): the lengths node lens.to(int8).long() wraps 128..192"),
    ("len_int8_mod256", _mk(_step_from(lambda l: _s8(l) % 256), _inputs(), SB),
     "s = lens.to(int8).long() % 256"),
    ("len_int8_where_neg", _mk(_step_from(_len_int8_where_neg), _inputs(), S),
     "s = where(s8 < 0, s8 + 256, s8), s8 = lens.to(int8).long()"),
    ("len_int8_two_hops", _mk(_step_from(_len_int8_two_hops), _inputs(), S),
     "s = lens.to(int8).to(int16).int() & 255 (two casts between the input and the lengths node)"),
    ("len_int8_abs_cond", _mk(_step_from(lambda l: l, cond_of=_cond_int8_abs), _inputs(), S),
     "condition on abs(int8(lens)), window from lens (lengths node lens: the exhaustive mask decides)"),
    ("len_int8_via_uint8", _mk(_step_from(lambda l: l.to(I8).to(torch.uint8).long()), _inputs(), SB),
     "control: s = lens.to(int8).to(uint8).long(), the identity on 0..255 (capacity 192)"),
    ("len_int16_and_ffff", _mk(_step_from(_len_int16_and_ffff),
                               _inputs((8,), pages=520, lengths=_big_lengths), S),
     "s = lens.to(int16).long() & 0xFFFF at capacity 33280 (int16 wraps from 32768)"),
    ("len_pos_int8_plus1_and255", _mk(_step_from(_pos_int8_plus1_and255), _with(_inputs(), **_POS), S),
     "positions p passed in, s = (p.to(int8).long() + 1) & 255: the one + 1 after a narrowing cast"),
    ("len_fp16_roundtrip_cap4096", _mk(_step_from(_len_fp16_roundtrip),
                                       _inputs((8,), pages=64, lengths=_big_lengths), S),
     "s = lens.half().long() at capacity 4096 (rounds above 2048: eager and the op see the rounded s)"),
    ("len_bf16_roundtrip", _mk(_step_from(_len_bf16_roundtrip), _inputs(pages=4), S),
     "s = lens.to(bf16).long() at capacity 256 (rounds above 256? no: 8 bits of mantissa, 257 -> 256)"),
    ("len_view_dtype", _mk(_step_from(_len_view_dtype), _inputs(), S),
     "s = lens.view(float32).view(int32) (bit casts)"),
    ("len_int64_to_int32", _mk(_step_from(lambda l: l.int()), _inputs(length_dtype=torch.int64), ALL),
     "control: int64 lengths cast to int32"),
    # 2. page ids through lossy casts
    ("tbl_int8_and255", _mk(_table_via(lambda t: t.to(I8).long() & 255), _inputs(high_ids=True), S),
     "table.to(int8).long() & 255 with 123 + blocks and high ids (>= 128 wrap)"),
    ("tbl_int8_mod256", _mk(_table_via(lambda t: t.to(I8).long() % 256), _inputs((44,), high_ids=True), S),
     "table.to(int8).long() % 256 with 135 blocks"),
    ("tbl_int8_via_uint8", _mk(_table_via(lambda t: t.to(I8).to(torch.uint8).long()), _inputs((44,), high_ids=True), S),
     "table.to(int8).to(uint8).long(): the identity on 0..255"),
    ("tbl_uint8_input", _mk(_table_via(lambda t: t.long()), _with(_inputs(), table_dtype=torch.uint8), S),
     "the block table passed as uint8 (123 blocks)"),
    ("tbl_int16_input", _mk(_table_via(lambda t: t.long()), _with(_inputs(), table_dtype=torch.int16), SB),
     "the block table passed as int16"),
    ("tbl_flat_int32", _mk(_flat_int32, _inputs(), ALL), "control: flat token index page * P + pos % P in int32"),
    ("tbl_flat_int16_wraps", _mk(_flat_int16, _inputs((130,), pages=4, high_ids=True), S),
     "flat index in int16 with 523 blocks: page * 64 wraps from page 512"),
    ("tbl_flat_int16_and_ffff", _mk(_flat_int16_and_ffff, _inputs((130,), pages=4, high_ids=True), S),
     "flat index in int16, then & 0xFFFF in int64 (eager undoes the wrap)"),
    # 3. slots
    ("slots_int8_and255", _mk(_slots_via(lambda s, S: s.to(I8).long() & 255), _inputs((100,)), S),
     "slots.to(int8).long() & 255 with 205 cache rows"),
    ("slots_int8_mod_rows", _mk(_slots_via(lambda s, S: s.to(I8).long() % S), _inputs((100,)), S),
     "slots.to(int8).long() % S with S = 205: wrapped slots collide modulo S"),
    ("slots_int16_pad_minus1", _mk(_slots_via(lambda s, S: s.long()), _pad_minus_one(_with(_inputs(),
                                                                                            slots_dtype=torch.int16)), SB),
     "int16 slot mapping with -1 on rows that write nothing"),
    ("slots_uint8_input", _mk(_slots_via(lambda s, S: s.long()), _with(_inputs(), slots_dtype=torch.uint8), S),
     "the slot mapping passed as uint8 (85 cache rows)"),
    ("slots_pad_minus1_mod_rows", _mk(_slots_via(lambda s, S: s.long() % S), _pad_minus_one(_inputs()), SB),
     "control: -1 padding wrapped by % S (row S - 1 named by no written row)"),
    # 4. conditions spelled unusually
    ("cond_and15", _mk(_step_from(lambda l: l, cond_of=_cond_and15), _inputs(), SD), "(s >= 32) & (s & 15 == 0)"),
    ("cond_fmod", _mk(_step_from(lambda l: l, cond_of=_cond_fmod), _inputs(), SD), "fmod(s - 32, 16) == 0"),
    ("cond_trunc_div", _mk(_step_from(lambda l: l, cond_of=_cond_trunc), _inputs(), SD),
     "trunc((s - 32) / 16) * 16 == s - 32"),
    ("cond_int8_mod16", _mk(_step_from(lambda l: l, cond_of=_cond_int8_mod16), _inputs(), SD),
     "(int8(s) - 32) % 16 in int8 (the wrap keeps remainders mod 16)"),
    ("cond_int8_mod24", _mk(_step_from(lambda l: l, cond_of=_cond_int8_mod24), _inputs(), S),
     "(int8(s) - 32) % 24 (d = 24): the wrap changes remainders"),
    ("cond_uint8_sub", _mk(_step_from(lambda l: l, cond_of=_cond_uint8_sub), _inputs(), SD),
     "u = uint8(s) - 32 (wraps below 32), u <= 223 & u % 16 == 0"),
    ("cond_float", _mk(_step_from(lambda l: l, cond_of=_cond_float), _inputs(), SD),
     "the condition in fp32: s >= 31.5, remainder(s - 32, 16) == 0"),
    ("cond_half_cap4096", _mk(_step_from(lambda l: l, cond_of=_cond_half), _inputs((8,), pages=64, lengths=_big_lengths),
                              S), "the condition in fp16 at capacity 4096 (rounds from 2048)"),
    ("cond_batch_size", _mk(_step_from(lambda l: l, cond_of=_cond_batch_size), _inputs(), SB),
     "& (s < 1000 * B): the batch size as a value"),
    ("cond_sum_of_floordivs", _mk(_step_from(lambda l: l, cond_of=_cond_sum_of_two), _inputs(), SD),
     "s // 32 + s // 64 > 0 for s >= 32"),
    ("cond_minimum_const", _mk(_step_from(lambda l: l, cond_of=_cond_min_cap), _inputs(), SD),
     "minimum(s, 10**6) >= 32"),
    ("cond_shifts", _mk(_step_from(lambda l: l, cond_of=_cond_shift_right), _inputs(), SD),
     "((s - 32) >> 4) << 4 == s - 32"),
    ("cond_int16_shifts", _mk(_step_from(lambda l: l, cond_of=_cond_int16_shift), _inputs(), SD),
     "the shifts in int16"),
    ("cond_xor_negmask", _mk(_step_from(lambda l: l, cond_of=_cond_xor), _inputs(), SD),
     "(t ^ (t & -16)) == 0, t = s - 32"),
    ("cond_bool_sum", _mk(_step_from(lambda l: l, cond_of=_cond_bool_sum), _inputs(), SD),
     "(s >= 32).int() + ((s - 32) % 16 == 0).int() == 2"),
    ("cond_neg_remainder", _mk(_step_from(lambda l: l, cond_of=_cond_neg_remainder), _inputs(), SD),
     "(32 - s) % 16 == 0"),
    ("cond_fmod_nonneg", _mk(_step_from(lambda l: l, cond_of=_cond_neg_fmod_pos), _inputs(), SD),
     "fmod(s - 32, 16) == 0 & s - 32 >= 0"),
    ("cond_clamp_eq", _mk(_step_from(lambda l: l, cond_of=_cond_clamp_eq), _inputs(), SD),
     "clamp(s, max=32) == 32"),
    ("cond_int8_threshold_clamped", _mk(_step_from(lambda l: l, cond_of=_cond_int8_threshold), _inputs(), SD),
     "int8(clamp(s, max=127)) >= 32"),
    ("cond_int8_threshold_wraps", _mk(_step_from(lambda l: l, cond_of=_cond_int8_threshold_noclamp), _inputs(), S),
     "int8(s) >= 32 (176 -> -80)"),
    # 5. positions + 1
    ("pos_plus1_control", _mk(_step_from(lambda p: p + 1), _with(_inputs(), **_POS), ALL), "control: s = p + 1"),
    ("pos_plus_true", _mk(_step_from(_pos_plus_true), _with(_inputs(), **_POS), S), "s = p + True"),
    ("pos_sub_minus1", _mk(_step_from(_pos_sub_minus1), _with(_inputs(), **_POS), S), "s = p - (-1)"),
    ("pos_cond_reads_p", _mk(_step_from(lambda p: p + 1, cond_of=_pos_cond_reads_p), _with(_inputs(), **_POS), SB),
     "vLLM's n(p + 1) > n(p)"),
    ("pos_inplace_advanced", _mk(_pos_inplace_advanced, _with(_inputs(), **_POS), SB),
     "s = p + 1, then p.add_(1) (the functionalized copy back reads p + 1)"),
    ("pos_inplace_before", _mk(_pos_inplace_before, _with(_inputs(), **_POS), S),
     "p.add_(1) first, then the step on p"),
    ("pos_window_from_p", _mk(_pos_window_from_p, _with(_inputs(), **_POS), SB),
     "condition on p + 1, window p - 31 .. p"),
    ("pos_window_int8_wrapped", _mk(_pos_plus1_int8_wrapped_window, _with(_inputs(), **_POS), S),
     "condition on p + 1, window from int8(p) & 255"),
    ("pos_int64_from_int32_plus1", _mk(_step_from(lambda p: p.long() + 1), _with(_inputs(), **_POS), SB),
     "control: s = p.long() + 1"),
    ("pos_int8_input_plus1", _mk(_step_from(lambda p: p.long() + 1),
                                 _with(_inputs(lengths=_small_lengths), lens_dtype=I8, **_POS), S),
     "positions passed as int8 (below 127), s = p.long() + 1"),
    # 6. sizes
    ("dyn_grow_control", _mk(_step_from(lambda l: l), _grow([(8, 4), (5, 8), (12, 16), (3, 2)]), ALL),
     "control: called again at other batch sizes and capacities"),
    ("dyn_cond_below_512", _mk(_step_from(lambda l: l, cond_of=_cond_below(512)),
                               _grow([(8, 4), (12, 16)]), SD), "& (s < 512), compiled at 256, called at 1024"),
    ("dyn_cond_mask_511", _mk(_step_from(lambda l: l, cond_of=_cond_mask_511), _grow([(8, 4), (12, 16)]), SD),
     "(s & 511) >= 32, compiled at 256, called at 1024"),
    ("dyn_pos_clamp_255", _mk(_step_from(lambda l: l, pos_of=_pos_clamp_const(255)), _grow([(8, 4), (12, 16)]), SD),
     "positions clamped to 255, compiled at 256, called at 1024"),
    ("dyn_cap_of_table", _mk(_cap_of_table, _grow([(8, 4), (12, 16)]), SD),
     "valid & (s <= M * P): the capacity as a value"),
    ("dyn_cap_of_blocks", _mk(_cap_of_blocks, _shared_pages([(8, 4), (8, 16)], 5), SD),
     "positions clamped to block_num * P - 1 (5 blocks shared by every row: capacity above the pool)"),
    ("in_lens_uint8", _mk(_step_from(lambda l: l), _inputs(length_dtype=torch.uint8), S),
     "lengths passed as uint8 (capacity 192)"),
    ("in_lens_int16", _mk(_step_from(lambda l: l), _inputs(length_dtype=torch.int16), SB),
     "lengths passed as int16"),
    # 7. or / xor of length-derived values in the condition (symbolic capacity)
    ("dyn_cond_or_bits10", _mk(_step_from(lambda l: l, cond_of=_cond_or_bits10), _grow_big(), ALL),
     "(s | 1024 s) == s + 1024 s (t by ten doublings): true below 16384, false at 16400; compiled at 256, called at 32768"),
    ("dyn_cond_xor_bits10", _mk(_step_from(lambda l: l, cond_of=_cond_xor_bits10), _grow_big(), SD),
     "(s ^ 1024 s) == s + 1024 s"),
    ("dyn_cond_or_const", _mk(_step_from(lambda l: l, cond_of=_cond_or_const), _grow_big(), SD),
     "control: (s | 15) == s + 15 (a constant operand)"),
    ("dyn_cond_max_two_derived", _mk(_step_from(lambda l: l, cond_of=_cond_max_two_derived), _grow_big(), SD),
     "maximum(s - 32, 1024 s - 33791) >= 0: two length-derived values, linear pieces"),
    ("dyn_window_or", _mk(_step_from(lambda l: l, pos_of=_pos_or_window), _grow_big(), SD),
     "the window positions through (s | 1024 s) == s + 1024 s (new rows: | refused)"),
    ("dyn_len_int8_where_neg", _mk(_step_from(_len_int8_where_neg), _grow_int8(), SD),
     "G1's where(s8 < 0, s8 + 256, s8) under dynamic=True, called again at capacity 1024"),
    ("dyn_len_int8_and255", _mk(_step_from(lambda l: _s8(l) & 255), _grow_int8(), SD),
     "G1's & 255 under dynamic=True"),
    ("flat_cond_below_200", _mk(_flat_cond_below, _inputs(pages=4), S),
     "flat token view, condition & (s < 200) at capacity 256"),
    # 8. module buffers
    ("buf_offsets_int8", _mk(_BufferStep("offsets"), _inputs(), SB), "window offsets from an int8 arange buffer"),
    ("buf_limit_int16", _mk(_BufferStep("limit"), _inputs(), SB), "& (s <= limit), an int16 buffer holding 192"),
    ("buf_stride", _mk(_BufferStep("stride"), _inputs(), SB), "(s - 32) % stride, stride a buffer holding 16"),
    # 9. row numbers, computed tables and slots
    ("rows_arange_int16", _mk(_rows_arange(torch.int16), _inputs(), SB),
     "table rows read through arange(B, dtype=int16) (wraps from 32768 rows)"),
    ("rows_arange_to_int16", _mk(_rows_arange(cast=torch.int16), _inputs(), SB),
     "table rows read through arange(B).to(int16)"),
    ("slots_cmp_paged", _mk(_cmp_paged_slots, _cmp_pages((40, 24)), SB),
     "slot = cmp_table[b, i // 4] * 4 + i % 4 (a paged compressed cache)"),
    ("page_by_shift", _mk(_page_by_shift, _inputs(), SD), "page index (pos * 1024) >> 16"),
    ("pos_trunc_unclamped", _mk(_trunc_unclamped, _inputs(), SB),
     "unclamped positions, trunc division and fmod for page and offset"),
    # 10. constants along the batch beyond the 32 probed rows
    ("const_rows_first32", _mk(_step_from(lambda l: l, cond_of=_cond_const_rows(_first32)), _inputs((40,)), S),
     "condition & torch.tensor([True] * 32 + [False] * 8): rows 32.. never write"),
    ("const_rows_all_true", _mk(_step_from(lambda l: l, cond_of=_cond_const_rows(_every_row)), _inputs((40,)), S),
     "control: condition & a constant all-True row mask"),
    ("const_slots_perm_beyond32", _mk(_slots_const_perm, _inputs((40,)), S),
     "slots[perm], perm the identity on rows 0..31, reversed beyond"),
    ("const_window_offset_beyond32", _mk(_lens_const_offset, _inputs((40,)), S),
     "window positions shifted by 16 on rows 32.. (a constant per-row vector)"),
    # 11. thresholds in the new rows under a symbolic capacity
    ("dyn_window_linear_dummy", _mk(_step_from(lambda l: l, pos_of=_pos_linear_dummy), _grow_1024(), ALL),
     "positions + (s + 4 (s - s)) // 1000: 0 on the probes, 1 from s = 1000; compiled at 256, called at 1024"),
    ("dyn_window_quadratic", _mk(_step_from(lambda l: l, pos_of=_pos_quadratic), _grow_1024(), SD),
     "positions + (u (u - 128) + 2 dummy products + 4096) // 35000, u = s // 2: 1 from s = 504"),
    ("dyn_window_remainder_dummy", _mk(_step_from(lambda l: l, pos_of=_pos_remainder_dummy), _grow_1024(), SD),
     "the window of (s + 4 (s - s)) % 1000, the condition on s"),
    ("dyn_window_3s_minus_2s", _mk(_step_from(lambda l: l, pos_of=_pos_three_minus_two), _grow_1024(), SD),
     "positions + (3 s - 2 s) // 500 (no dummy term: a difference of two multiples)"),
    ("dyn_lengths_remainder_dummy", _mk(_step_from(_s_remainder_dummy), _grow_1024(), SD),
     "s' = (s + 4 (s - s)) % 1000 for both condition and window (a computed lengths node)"),
    ("slots_plus1_elsewhere", _mk(_slots_plus1_elsewhere, _inputs(), SB),
     "the step, and slots + 1 returned (the slot reads rerouted through (slots + 1) - 1 while the pass runs)"),
    ("lens_plus1_minus1", _mk(_lens_plus1_condition_minus1, _inputs(), SB),
     "next = lens + 1 returned, the step on next - 1"),
    ("dyn_clamp_xor_const", _mk(_clamp_xor_const, _grow_1024(), SD),
     "positions clamped to tensor(399) ^ 0 (a bound without an interval); compiled at 256, called at 1024"),
    ("in_lens_int8_small", _mk(_step_from(lambda l: l), _inputs(lengths=_small_lengths, length_dtype=I8), S),
     "lengths passed as int8 (below 127, capacity 192)"),
]
# First-try results (attack, dialect, mode, result); "inductor" is real Inductor codegen (confirmation runs), "torchair"
# real torchair with the CPU GE stand-in, "vllm_post" redteam6's runner for the vLLM adapters' mutating call.
_FF, _EQ, _R, _CR = "FALSE FUSION", "FUSED & EQUAL", "REFUSED", "CRASH"
_CCT, _CD, _EF, _RCD = "CONTROL CRASHES TOO", "CONTROL DIFFERS", "EAGER FAILS", "REFUSED (control differs)"
_FIRST = [
    ('len_int8_and255', 'inductor_graph', 'static', _FF),
    ('len_int8_and255', 'inductor_graph', 'batch', _FF),
    ('len_int8_and255', 'inductor_graph', 'dynamic', _R),
    ('len_int8_mod256', 'inductor_graph', 'static', _FF),
    ('len_int8_mod256', 'inductor_graph', 'batch', _FF),
    ('len_int8_where_neg', 'inductor_graph', 'static', _FF),
    ('len_int8_two_hops', 'inductor_graph', 'static', _FF),
    ('len_int8_abs_cond', 'inductor_graph', 'static', _R),
    ('len_int8_via_uint8', 'inductor_graph', 'static', _EQ),
    ('len_int8_via_uint8', 'inductor_graph', 'batch', _EQ),
    ('len_int16_and_ffff', 'inductor_graph', 'static', _FF),
    ('len_pos_int8_plus1_and255', 'inductor_graph', 'static', _FF),
    ('len_fp16_roundtrip_cap4096', 'inductor_graph', 'static', _EQ),
    ('len_bf16_roundtrip', 'inductor_graph', 'static', _EQ),
    ('len_view_dtype', 'inductor_graph', 'static', _EQ),
    ('len_int64_to_int32', 'inductor_graph', 'static', _EQ),
    ('len_int64_to_int32', 'inductor_graph', 'batch', _EQ),
    ('len_int64_to_int32', 'inductor_graph', 'dynamic', _EQ),
    ('tbl_int8_and255', 'inductor_graph', 'static', _R),
    ('tbl_int8_mod256', 'inductor_graph', 'static', _R),
    ('tbl_int8_via_uint8', 'inductor_graph', 'static', _R),
    ('tbl_uint8_input', 'inductor_graph', 'static', _EQ),
    ('tbl_int16_input', 'inductor_graph', 'static', _EQ),
    ('tbl_int16_input', 'inductor_graph', 'batch', _EQ),
    ('tbl_flat_int32', 'inductor_graph', 'static', _EQ),
    ('tbl_flat_int32', 'inductor_graph', 'batch', _EQ),
    ('tbl_flat_int32', 'inductor_graph', 'dynamic', _R),
    ('tbl_flat_int16_wraps', 'inductor_graph', 'static', _R),
    ('tbl_flat_int16_and_ffff', 'inductor_graph', 'static', _R),
    ('slots_int8_and255', 'inductor_graph', 'static', _R),
    ('slots_int8_mod_rows', 'inductor_graph', 'static', _RCD),
    ('slots_int16_pad_minus1', 'inductor_graph', 'static', _EQ),
    ('slots_int16_pad_minus1', 'inductor_graph', 'batch', _EQ),
    ('slots_uint8_input', 'inductor_graph', 'static', _EQ),
    ('slots_pad_minus1_mod_rows', 'inductor_graph', 'static', _EQ),
    ('slots_pad_minus1_mod_rows', 'inductor_graph', 'batch', _EQ),
    ('cond_and15', 'inductor_graph', 'static', _EQ),
    ('cond_and15', 'inductor_graph', 'dynamic', _EQ),
    ('cond_fmod', 'inductor_graph', 'static', _EQ),
    ('cond_fmod', 'inductor_graph', 'dynamic', _EQ),
    ('cond_trunc_div', 'inductor_graph', 'static', _EQ),
    ('cond_trunc_div', 'inductor_graph', 'dynamic', _R),
    ('cond_int8_mod16', 'inductor_graph', 'static', _R),
    ('cond_int8_mod16', 'inductor_graph', 'dynamic', _R),
    ('cond_int8_mod24', 'inductor_graph', 'static', _R),
    ('cond_uint8_sub', 'inductor_graph', 'static', _R),
    ('cond_uint8_sub', 'inductor_graph', 'dynamic', _R),
    ('cond_float', 'inductor_graph', 'static', _EQ),
    ('cond_float', 'inductor_graph', 'dynamic', _R),
    ('cond_half_cap4096', 'inductor_graph', 'static', _R),
    ('cond_batch_size', 'inductor_graph', 'static', _EQ),
    ('cond_batch_size', 'inductor_graph', 'batch', _R),
    ('cond_sum_of_floordivs', 'inductor_graph', 'static', _EQ),
    ('cond_sum_of_floordivs', 'inductor_graph', 'dynamic', _R),
    ('cond_minimum_const', 'inductor_graph', 'static', _EQ),
    ('cond_minimum_const', 'inductor_graph', 'dynamic', _R),
    ('cond_shifts', 'inductor_graph', 'static', _EQ),
    ('cond_shifts', 'inductor_graph', 'dynamic', _EQ),
    ('cond_int16_shifts', 'inductor_graph', 'static', _EQ),
    ('cond_int16_shifts', 'inductor_graph', 'dynamic', _R),
    ('cond_xor_negmask', 'inductor_graph', 'static', _EQ),
    ('cond_xor_negmask', 'inductor_graph', 'dynamic', _EQ),
    ('cond_bool_sum', 'inductor_graph', 'static', _EQ),
    ('cond_bool_sum', 'inductor_graph', 'dynamic', _EQ),
    ('cond_neg_remainder', 'inductor_graph', 'static', _EQ),
    ('cond_neg_remainder', 'inductor_graph', 'dynamic', _EQ),
    ('cond_fmod_nonneg', 'inductor_graph', 'static', _EQ),
    ('cond_fmod_nonneg', 'inductor_graph', 'dynamic', _EQ),
    ('cond_clamp_eq', 'inductor_graph', 'static', _EQ),
    ('cond_clamp_eq', 'inductor_graph', 'dynamic', _EQ),
    ('cond_int8_threshold_clamped', 'inductor_graph', 'static', _EQ),
    ('cond_int8_threshold_clamped', 'inductor_graph', 'dynamic', _EQ),
    ('cond_int8_threshold_wraps', 'inductor_graph', 'static', _R),
    ('pos_plus1_control', 'inductor_graph', 'static', _EQ),
    ('pos_plus1_control', 'inductor_graph', 'batch', _EQ),
    ('pos_plus1_control', 'inductor_graph', 'dynamic', _EQ),
    ('pos_plus_true', 'inductor_graph', 'static', _EQ),
    ('pos_sub_minus1', 'inductor_graph', 'static', _EQ),
    ('pos_cond_reads_p', 'inductor_graph', 'static', _EQ),
    ('pos_cond_reads_p', 'inductor_graph', 'batch', _EQ),
    ('pos_inplace_advanced', 'inductor_graph', 'static', _EQ),
    ('pos_inplace_advanced', 'inductor_graph', 'batch', _EQ),
    ('pos_inplace_before', 'inductor_graph', 'static', _EQ),
    ('pos_window_from_p', 'inductor_graph', 'static', _EQ),
    ('pos_window_from_p', 'inductor_graph', 'batch', _EQ),
    ('pos_window_int8_wrapped', 'inductor_graph', 'static', _EF),
    ('pos_int64_from_int32_plus1', 'inductor_graph', 'static', _EQ),
    ('pos_int64_from_int32_plus1', 'inductor_graph', 'batch', _EQ),
    ('pos_int8_input_plus1', 'inductor_graph', 'static', _EQ),
    ('dyn_grow_control', 'inductor_graph', 'static', _EQ),
    ('dyn_grow_control', 'inductor_graph', 'batch', _EQ),
    ('dyn_grow_control', 'inductor_graph', 'dynamic', _EQ),
    ('dyn_cond_below_512', 'inductor_graph', 'static', _EQ),
    ('dyn_cond_below_512', 'inductor_graph', 'dynamic', _R),
    ('dyn_cond_mask_511', 'inductor_graph', 'static', _EQ),
    ('dyn_cond_mask_511', 'inductor_graph', 'dynamic', _R),
    ('dyn_pos_clamp_255', 'inductor_graph', 'static', _EQ),
    ('dyn_pos_clamp_255', 'inductor_graph', 'dynamic', _R),
    ('dyn_cap_of_table', 'inductor_graph', 'static', _EQ),
    ('dyn_cap_of_table', 'inductor_graph', 'dynamic', _R),
    ('dyn_cap_of_blocks', 'inductor_graph', 'static', _EQ),
    ('dyn_cap_of_blocks', 'inductor_graph', 'dynamic', _R),
    ('in_lens_uint8', 'inductor_graph', 'static', _R),
    ('in_lens_int16', 'inductor_graph', 'static', _EQ),
    ('in_lens_int16', 'inductor_graph', 'batch', _EQ),
    ('in_lens_int8_small', 'inductor_graph', 'static', _R),
    ('dyn_cond_or_bits10', 'inductor_graph', 'static', _EQ),
    ('dyn_cond_or_bits10', 'inductor_graph', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'inductor_graph', 'dynamic', _FF),
    ('dyn_cond_xor_bits10', 'inductor_graph', 'static', _EQ),
    ('dyn_cond_xor_bits10', 'inductor_graph', 'dynamic', _FF),
    ('dyn_cond_or_const', 'inductor_graph', 'static', _EQ),
    ('dyn_cond_or_const', 'inductor_graph', 'dynamic', _EQ),
    ('dyn_cond_max_two_derived', 'inductor_graph', 'static', _EQ),
    ('dyn_cond_max_two_derived', 'inductor_graph', 'dynamic', _R),
    ('dyn_window_or', 'inductor_graph', 'static', _EQ),
    ('dyn_window_or', 'inductor_graph', 'dynamic', _R),
    ('dyn_len_int8_where_neg', 'inductor_graph', 'static', _FF),
    ('dyn_len_int8_where_neg', 'inductor_graph', 'dynamic', _FF),
    ('dyn_len_int8_and255', 'inductor_graph', 'static', _FF),
    ('dyn_len_int8_and255', 'inductor_graph', 'dynamic', _R),
    ('flat_cond_below_200', 'inductor_graph', 'static', _R),
    ('buf_offsets_int8', 'inductor_graph', 'static', _R),
    ('buf_offsets_int8', 'inductor_graph', 'batch', _R),
    ('buf_limit_int16', 'inductor_graph', 'static', _R),
    ('buf_limit_int16', 'inductor_graph', 'batch', _R),
    ('buf_stride', 'inductor_graph', 'static', _R),
    ('buf_stride', 'inductor_graph', 'batch', _R),
    ('rows_arange_int16', 'inductor_graph', 'static', _EQ),
    ('rows_arange_int16', 'inductor_graph', 'batch', _R),
    ('rows_arange_to_int16', 'inductor_graph', 'static', _EQ),
    ('rows_arange_to_int16', 'inductor_graph', 'batch', _R),
    ('slots_cmp_paged', 'inductor_graph', 'static', _R),
    ('slots_cmp_paged', 'inductor_graph', 'batch', _R),
    ('page_by_shift', 'inductor_graph', 'static', _EQ),
    ('page_by_shift', 'inductor_graph', 'dynamic', _EQ),
    ('pos_trunc_unclamped', 'inductor_graph', 'static', _EQ),
    ('pos_trunc_unclamped', 'inductor_graph', 'batch', _EQ),
    ('const_rows_first32', 'inductor_graph', 'static', _R),
    ('const_rows_all_true', 'inductor_graph', 'static', _EQ),
    ('const_slots_perm_beyond32', 'inductor_graph', 'static', _R),
    ('const_window_offset_beyond32', 'inductor_graph', 'static', _R),
    ('dyn_window_linear_dummy', 'inductor_graph', 'static', _EQ),
    ('dyn_window_linear_dummy', 'inductor_graph', 'batch', _EQ),
    ('dyn_window_linear_dummy', 'inductor_graph', 'dynamic', _FF),
    ('dyn_window_quadratic', 'inductor_graph', 'static', _EQ),
    ('dyn_window_quadratic', 'inductor_graph', 'dynamic', _FF),
    ('dyn_window_remainder_dummy', 'inductor_graph', 'static', _EQ),
    ('dyn_window_remainder_dummy', 'inductor_graph', 'dynamic', _R),
    ('dyn_window_3s_minus_2s', 'inductor_graph', 'static', _EQ),
    ('dyn_window_3s_minus_2s', 'inductor_graph', 'dynamic', _FF),
    ('dyn_lengths_remainder_dummy', 'inductor_graph', 'static', _EQ),
    ('dyn_lengths_remainder_dummy', 'inductor_graph', 'dynamic', _R),
    ('slots_plus1_elsewhere', 'inductor_graph', 'static', _R),
    ('slots_plus1_elsewhere', 'inductor_graph', 'batch', _R),
    ('lens_plus1_minus1', 'inductor_graph', 'static', _EQ),
    ('lens_plus1_minus1', 'inductor_graph', 'batch', _EQ),
    ('len_int8_and255', 'torchair_like', 'static', _FF),
    ('len_int8_and255', 'torchair_like', 'batch', _FF),
    ('len_int8_and255', 'torchair_like', 'dynamic', _R),
    ('len_int8_mod256', 'torchair_like', 'static', _FF),
    ('len_int8_mod256', 'torchair_like', 'batch', _FF),
    ('len_int8_where_neg', 'torchair_like', 'static', _FF),
    ('len_int8_two_hops', 'torchair_like', 'static', _FF),
    ('len_int8_abs_cond', 'torchair_like', 'static', _R),
    ('len_int8_via_uint8', 'torchair_like', 'static', _EQ),
    ('len_int8_via_uint8', 'torchair_like', 'batch', _EQ),
    ('len_int16_and_ffff', 'torchair_like', 'static', _FF),
    ('len_pos_int8_plus1_and255', 'torchair_like', 'static', _FF),
    ('len_fp16_roundtrip_cap4096', 'torchair_like', 'static', _EQ),
    ('len_bf16_roundtrip', 'torchair_like', 'static', _EQ),
    ('len_view_dtype', 'torchair_like', 'static', _R),
    ('len_int64_to_int32', 'torchair_like', 'static', _EQ),
    ('len_int64_to_int32', 'torchair_like', 'batch', _EQ),
    ('len_int64_to_int32', 'torchair_like', 'dynamic', _EQ),
    ('tbl_int8_and255', 'torchair_like', 'static', _R),
    ('tbl_int8_mod256', 'torchair_like', 'static', _R),
    ('tbl_int8_via_uint8', 'torchair_like', 'static', _R),
    ('tbl_uint8_input', 'torchair_like', 'static', _EQ),
    ('tbl_int16_input', 'torchair_like', 'static', _EQ),
    ('tbl_int16_input', 'torchair_like', 'batch', _EQ),
    ('tbl_flat_int32', 'torchair_like', 'static', _EQ),
    ('tbl_flat_int32', 'torchair_like', 'batch', _EQ),
    ('tbl_flat_int32', 'torchair_like', 'dynamic', _R),
    ('tbl_flat_int16_wraps', 'torchair_like', 'static', _R),
    ('tbl_flat_int16_and_ffff', 'torchair_like', 'static', _R),
    ('slots_int8_and255', 'torchair_like', 'static', _R),
    ('slots_int8_mod_rows', 'torchair_like', 'static', _RCD),
    ('slots_int16_pad_minus1', 'torchair_like', 'static', _EQ),
    ('slots_int16_pad_minus1', 'torchair_like', 'batch', _EQ),
    ('slots_uint8_input', 'torchair_like', 'static', _EQ),
    ('slots_pad_minus1_mod_rows', 'torchair_like', 'static', _EQ),
    ('slots_pad_minus1_mod_rows', 'torchair_like', 'batch', _EQ),
    ('cond_and15', 'torchair_like', 'static', _EQ),
    ('cond_and15', 'torchair_like', 'dynamic', _EQ),
    ('cond_fmod', 'torchair_like', 'static', _EQ),
    ('cond_fmod', 'torchair_like', 'dynamic', _EQ),
    ('cond_trunc_div', 'torchair_like', 'static', _EQ),
    ('cond_trunc_div', 'torchair_like', 'dynamic', _R),
    ('cond_int8_mod16', 'torchair_like', 'static', _R),
    ('cond_int8_mod16', 'torchair_like', 'dynamic', _R),
    ('cond_int8_mod24', 'torchair_like', 'static', _R),
    ('cond_uint8_sub', 'torchair_like', 'static', _R),
    ('cond_uint8_sub', 'torchair_like', 'dynamic', _R),
    ('cond_float', 'torchair_like', 'static', _EQ),
    ('cond_float', 'torchair_like', 'dynamic', _R),
    ('cond_half_cap4096', 'torchair_like', 'static', _R),
    ('cond_batch_size', 'torchair_like', 'static', _EQ),
    ('cond_batch_size', 'torchair_like', 'batch', _R),
    ('cond_sum_of_floordivs', 'torchair_like', 'static', _EQ),
    ('cond_sum_of_floordivs', 'torchair_like', 'dynamic', _R),
    ('cond_minimum_const', 'torchair_like', 'static', _EQ),
    ('cond_minimum_const', 'torchair_like', 'dynamic', _R),
    ('cond_shifts', 'torchair_like', 'static', _EQ),
    ('cond_shifts', 'torchair_like', 'dynamic', _EQ),
    ('cond_int16_shifts', 'torchair_like', 'static', _EQ),
    ('cond_int16_shifts', 'torchair_like', 'dynamic', _R),
    ('cond_xor_negmask', 'torchair_like', 'static', _EQ),
    ('cond_xor_negmask', 'torchair_like', 'dynamic', _EQ),
    ('cond_bool_sum', 'torchair_like', 'static', _EQ),
    ('cond_bool_sum', 'torchair_like', 'dynamic', _EQ),
    ('cond_neg_remainder', 'torchair_like', 'static', _EQ),
    ('cond_neg_remainder', 'torchair_like', 'dynamic', _EQ),
    ('cond_fmod_nonneg', 'torchair_like', 'static', _EQ),
    ('cond_fmod_nonneg', 'torchair_like', 'dynamic', _EQ),
    ('cond_clamp_eq', 'torchair_like', 'static', _EQ),
    ('cond_clamp_eq', 'torchair_like', 'dynamic', _EQ),
    ('cond_int8_threshold_clamped', 'torchair_like', 'static', _EQ),
    ('cond_int8_threshold_clamped', 'torchair_like', 'dynamic', _EQ),
    ('cond_int8_threshold_wraps', 'torchair_like', 'static', _R),
    ('pos_plus1_control', 'torchair_like', 'static', _EQ),
    ('pos_plus1_control', 'torchair_like', 'batch', _EQ),
    ('pos_plus1_control', 'torchair_like', 'dynamic', _EQ),
    ('pos_plus_true', 'torchair_like', 'static', _EQ),
    ('pos_sub_minus1', 'torchair_like', 'static', _EQ),
    ('pos_cond_reads_p', 'torchair_like', 'static', _EQ),
    ('pos_cond_reads_p', 'torchair_like', 'batch', _EQ),
    ('pos_inplace_advanced', 'torchair_like', 'static', _EQ),
    ('pos_inplace_advanced', 'torchair_like', 'batch', _EQ),
    ('pos_inplace_before', 'torchair_like', 'static', _EQ),
    ('pos_window_from_p', 'torchair_like', 'static', _EQ),
    ('pos_window_from_p', 'torchair_like', 'batch', _EQ),
    ('pos_window_int8_wrapped', 'torchair_like', 'static', _EF),
    ('pos_int64_from_int32_plus1', 'torchair_like', 'static', _EQ),
    ('pos_int64_from_int32_plus1', 'torchair_like', 'batch', _EQ),
    ('pos_int8_input_plus1', 'torchair_like', 'static', _EQ),
    ('dyn_grow_control', 'torchair_like', 'static', _EQ),
    ('dyn_grow_control', 'torchair_like', 'batch', _EQ),
    ('dyn_grow_control', 'torchair_like', 'dynamic', _EQ),
    ('dyn_cond_below_512', 'torchair_like', 'static', _EQ),
    ('dyn_cond_below_512', 'torchair_like', 'dynamic', _R),
    ('dyn_cond_mask_511', 'torchair_like', 'static', _EQ),
    ('dyn_cond_mask_511', 'torchair_like', 'dynamic', _R),
    ('dyn_pos_clamp_255', 'torchair_like', 'static', _EQ),
    ('dyn_pos_clamp_255', 'torchair_like', 'dynamic', _R),
    ('dyn_cap_of_table', 'torchair_like', 'static', _EQ),
    ('dyn_cap_of_table', 'torchair_like', 'dynamic', _R),
    ('dyn_cap_of_blocks', 'torchair_like', 'static', _EQ),
    ('dyn_cap_of_blocks', 'torchair_like', 'dynamic', _FF),
    ('in_lens_uint8', 'torchair_like', 'static', _R),
    ('in_lens_int16', 'torchair_like', 'static', _EQ),
    ('in_lens_int16', 'torchair_like', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'torchair_like', 'static', _EQ),
    ('dyn_cond_or_bits10', 'torchair_like', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'torchair_like', 'dynamic', _FF),
    ('dyn_cond_xor_bits10', 'torchair_like', 'static', _EQ),
    ('dyn_cond_xor_bits10', 'torchair_like', 'dynamic', _FF),
    ('dyn_cond_or_const', 'torchair_like', 'static', _EQ),
    ('dyn_cond_or_const', 'torchair_like', 'dynamic', _EQ),
    ('dyn_cond_max_two_derived', 'torchair_like', 'static', _EQ),
    ('dyn_cond_max_two_derived', 'torchair_like', 'dynamic', _R),
    ('dyn_window_or', 'torchair_like', 'static', _EQ),
    ('dyn_window_or', 'torchair_like', 'dynamic', _R),
    ('dyn_len_int8_where_neg', 'torchair_like', 'static', _FF),
    ('dyn_len_int8_where_neg', 'torchair_like', 'dynamic', _FF),
    ('dyn_len_int8_and255', 'torchair_like', 'static', _FF),
    ('dyn_len_int8_and255', 'torchair_like', 'dynamic', _R),
    ('flat_cond_below_200', 'torchair_like', 'static', _R),
    ('buf_offsets_int8', 'torchair_like', 'static', _R),
    ('buf_offsets_int8', 'torchair_like', 'batch', _R),
    ('buf_limit_int16', 'torchair_like', 'static', _R),
    ('buf_limit_int16', 'torchair_like', 'batch', _R),
    ('buf_stride', 'torchair_like', 'static', _R),
    ('buf_stride', 'torchair_like', 'batch', _R),
    ('in_lens_int8_small', 'torchair_like', 'static', _R),
    ('rows_arange_int16', 'torchair_like', 'static', _EQ),
    ('rows_arange_int16', 'torchair_like', 'batch', _R),
    ('rows_arange_to_int16', 'torchair_like', 'static', _EQ),
    ('rows_arange_to_int16', 'torchair_like', 'batch', _R),
    ('slots_cmp_paged', 'torchair_like', 'static', _R),
    ('slots_cmp_paged', 'torchair_like', 'batch', _R),
    ('page_by_shift', 'torchair_like', 'static', _EQ),
    ('page_by_shift', 'torchair_like', 'dynamic', _EQ),
    ('pos_trunc_unclamped', 'torchair_like', 'static', _EQ),
    ('pos_trunc_unclamped', 'torchair_like', 'batch', _EQ),
    ('const_rows_first32', 'torchair_like', 'static', _R),
    ('const_rows_all_true', 'torchair_like', 'static', _EQ),
    ('const_slots_perm_beyond32', 'torchair_like', 'static', _R),
    ('const_window_offset_beyond32', 'torchair_like', 'static', _R),
    ('dyn_window_linear_dummy', 'torchair_like', 'static', _EQ),
    ('dyn_window_linear_dummy', 'torchair_like', 'batch', _EQ),
    ('dyn_window_linear_dummy', 'torchair_like', 'dynamic', _FF),
    ('dyn_window_quadratic', 'torchair_like', 'static', _EQ),
    ('dyn_window_quadratic', 'torchair_like', 'dynamic', _FF),
    ('dyn_window_remainder_dummy', 'torchair_like', 'static', _EQ),
    ('dyn_window_remainder_dummy', 'torchair_like', 'dynamic', _R),
    ('dyn_window_3s_minus_2s', 'torchair_like', 'static', _EQ),
    ('dyn_window_3s_minus_2s', 'torchair_like', 'dynamic', _FF),
    ('dyn_lengths_remainder_dummy', 'torchair_like', 'static', _EQ),
    ('dyn_lengths_remainder_dummy', 'torchair_like', 'dynamic', _R),
    ('slots_plus1_elsewhere', 'torchair_like', 'static', _R),
    ('slots_plus1_elsewhere', 'torchair_like', 'batch', _R),
    ('lens_plus1_minus1', 'torchair_like', 'static', _EQ),
    ('lens_plus1_minus1', 'torchair_like', 'batch', _EQ),
    ('len_int8_and255', 'inductor', 'static', _FF),
    ('len_int8_and255', 'inductor', 'batch', _FF),
    ('len_int8_and255', 'inductor', 'dynamic', _R),
    ('len_int8_mod256', 'inductor', 'static', _FF),
    ('len_int8_mod256', 'inductor', 'batch', _FF),
    ('len_int8_where_neg', 'inductor', 'static', _FF),
    ('len_int8_two_hops', 'inductor', 'static', _FF),
    ('len_int8_abs_cond', 'inductor', 'static', _R),
    ('len_int8_via_uint8', 'inductor', 'static', _EQ),
    ('len_int8_via_uint8', 'inductor', 'batch', _EQ),
    ('len_int16_and_ffff', 'inductor', 'static', _FF),
    ('len_pos_int8_plus1_and255', 'inductor', 'static', _FF),
    ('len_int64_to_int32', 'inductor', 'static', _EQ),
    ('len_int64_to_int32', 'inductor', 'batch', _EQ),
    ('len_int64_to_int32', 'inductor', 'dynamic', _EQ),
    ('tbl_flat_int32', 'inductor', 'static', _EQ),
    ('tbl_flat_int32', 'inductor', 'batch', _EQ),
    ('tbl_flat_int32', 'inductor', 'dynamic', _R),
    ('slots_int16_pad_minus1', 'inductor', 'static', _EQ),
    ('slots_int16_pad_minus1', 'inductor', 'batch', _EQ),
    ('cond_and15', 'inductor', 'static', _EQ),
    ('cond_and15', 'inductor', 'dynamic', _EQ),
    ('pos_plus1_control', 'inductor', 'static', _EQ),
    ('pos_plus1_control', 'inductor', 'batch', _EQ),
    ('pos_plus1_control', 'inductor', 'dynamic', _EQ),
    ('pos_cond_reads_p', 'inductor', 'static', _EQ),
    ('pos_cond_reads_p', 'inductor', 'batch', _EQ),
    ('dyn_grow_control', 'inductor', 'static', _EQ),
    ('dyn_grow_control', 'inductor', 'batch', _EQ),
    ('dyn_grow_control', 'inductor', 'dynamic', _EQ),
    ('dyn_cond_or_bits10', 'inductor', 'static', _EQ),
    ('dyn_cond_or_bits10', 'inductor', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'inductor', 'dynamic', _FF),
    ('dyn_cond_xor_bits10', 'inductor', 'static', _EQ),
    ('dyn_cond_xor_bits10', 'inductor', 'dynamic', _FF),
    ('dyn_cond_or_const', 'inductor', 'static', _EQ),
    ('dyn_cond_or_const', 'inductor', 'dynamic', _EQ),
    ('dyn_len_int8_where_neg', 'inductor', 'static', _FF),
    ('dyn_len_int8_where_neg', 'inductor', 'dynamic', _FF),
    ('dyn_len_int8_and255', 'inductor', 'static', _FF),
    ('dyn_len_int8_and255', 'inductor', 'dynamic', _R),
    ('buf_offsets_int8', 'inductor', 'static', _EQ),
    ('buf_offsets_int8', 'inductor', 'batch', _EQ),
    ('buf_limit_int16', 'inductor', 'static', _EQ),
    ('buf_limit_int16', 'inductor', 'batch', _EQ),
    ('buf_stride', 'inductor', 'static', _EQ),
    ('buf_stride', 'inductor', 'batch', _EQ),
    ('dyn_window_linear_dummy', 'inductor', 'static', _EQ),
    ('dyn_window_linear_dummy', 'inductor', 'batch', _EQ),
    ('dyn_window_linear_dummy', 'inductor', 'dynamic', _FF),
    ('dyn_window_quadratic', 'inductor', 'static', _EQ),
    ('dyn_window_quadratic', 'inductor', 'dynamic', _FF),
    ('dyn_window_3s_minus_2s', 'inductor', 'static', _EQ),
    ('dyn_window_3s_minus_2s', 'inductor', 'dynamic', _FF),
    ('len_int8_and255', 'torchair', 'static', _CD),
    ('len_int8_and255', 'torchair', 'batch', _CD),
    ('len_int8_and255', 'torchair', 'dynamic', _CCT),
    ('len_int8_via_uint8', 'torchair', 'static', _EQ),
    ('len_int8_via_uint8', 'torchair', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'torchair', 'static', _EQ),
    ('dyn_cond_or_bits10', 'torchair', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'torchair', 'dynamic', _CD),
    ('dyn_len_int8_and255', 'torchair', 'static', _CCT),
    ('dyn_len_int8_and255', 'torchair', 'dynamic', _CCT),
    ('len_int8_mod256', 'torchair', 'static', _CD),
    ('len_int8_mod256', 'torchair', 'batch', _CD),
    ('len_int8_where_neg', 'torchair', 'static', _CD),
    ('pos_plus1_control', 'torchair', 'static', _EQ),
    ('pos_plus1_control', 'torchair', 'batch', _EQ),
    ('pos_plus1_control', 'torchair', 'dynamic', _EQ),
    ('dyn_cond_xor_bits10', 'torchair', 'static', _CCT),
    ('dyn_cond_xor_bits10', 'torchair', 'dynamic', _CD),
    ('dyn_len_int8_where_neg', 'torchair', 'static', _CD),
    ('dyn_len_int8_where_neg', 'torchair', 'dynamic', _CD),
    ('dyn_window_linear_dummy', 'torchair', 'static', _EQ),
    ('dyn_window_linear_dummy', 'torchair', 'batch', _EQ),
    ('dyn_window_linear_dummy', 'torchair', 'dynamic', _CD),
    ('dyn_window_3s_minus_2s', 'torchair', 'static', _EQ),
    ('dyn_window_3s_minus_2s', 'torchair', 'dynamic', _CD),
    ('len_int8_and255', 'vllm_post', 'static', _FF),
    ('len_int8_and255', 'vllm_post', 'batch', _FF),
    ('len_int8_and255', 'vllm_post', 'dynamic', _R),
    ('pos_plus1_control', 'vllm_post', 'static', _EQ),
    ('pos_plus1_control', 'vllm_post', 'batch', _EQ),
    ('pos_plus1_control', 'vllm_post', 'dynamic', _EQ),
    ('dyn_cond_or_bits10', 'vllm_post', 'static', _EQ),
    ('dyn_cond_or_bits10', 'vllm_post', 'batch', _EQ),
    ('dyn_cond_or_bits10', 'vllm_post', 'dynamic', _FF),
    ('dyn_len_int8_and255', 'vllm_post', 'static', _FF),
    ('dyn_len_int8_and255', 'vllm_post', 'dynamic', _R),
    ('dyn_clamp_xor_const', 'inductor_graph', 'static', _EQ),
    ('dyn_clamp_xor_const', 'inductor_graph', 'dynamic', _R),
    ('dyn_clamp_xor_const', 'torchair_like', 'static', _EQ),
    ('dyn_clamp_xor_const', 'torchair_like', 'dynamic', _FF),
    ('dyn_cap_of_blocks', 'inductor', 'static', _EQ),
    ('dyn_cap_of_blocks', 'inductor', 'dynamic', _R),
    ('dyn_clamp_xor_const', 'inductor', 'static', _EQ),
    ('dyn_clamp_xor_const', 'inductor', 'dynamic', _R),
    ('dyn_cap_of_blocks', 'torchair', 'static', _EQ),
    ('dyn_cap_of_blocks', 'torchair', 'dynamic', _CD),
    ('dyn_clamp_xor_const', 'torchair', 'static', _CCT),
    ('dyn_clamp_xor_const', 'torchair', 'dynamic', _CD),
]
FIRST_TRY = {(n, d, m): r for n, d, m, r in _FIRST}

if __name__ == "__main__":
    redteam2.cli(sys.argv[1:], ATTACKS, FIRST_TRY, classify7)
